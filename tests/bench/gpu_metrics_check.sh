#!/usr/bin/env bash
# Checks GPU system metrics for real on a machine with an NVIDIA GPU, nvidia-smi and PyTorch:
# a tracked run keeps the GPU busy for a few seconds with ~8 GiB allocated, then the recorded
# sys/gpu0/* series is printed next to what nvidia-smi itself reports.
#   tests/bench/gpu_metrics_check.sh [OUTPUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-${TMPDIR:-/tmp}/runlab-gpu-check}"
mkdir -p "$out"
export PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}"
export RUNLAB_STORE="$out/store" RUNLAB_SYSTEM_METRICS=0.5
python3 --version
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
nvidia-smi --query-gpu=index,utilization.gpu,memory.used,memory.total,power.draw,temperature.gpu \
    --format=csv,noheader,nounits | sed 's/^/nvidia-smi before: /'
python3 -m runlab --no-git -n gpu-check python3 -c '
import time, torch
x = torch.empty(2 * 1024**3, dtype=torch.float32, device="cuda")  # 8 GiB held
a = torch.randn(8192, 8192, device="cuda")
t = time.time()
while time.time() - t < 8:
    for _ in range(20):
        a = (a @ a).clamp_(-1, 1)
    torch.cuda.synchronize()
print("gpu work done", float(a.sum()))
'
python3 -m runlab show last --json > "$out/show.json"
python3 -m runlab metrics last --csv > "$out/metrics.csv"
python3 - "$out/show.json" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
print("status", run["status"], "duration", run["duration_s"])
for key, m in sorted(run["metrics"].items()):
    if key.startswith("sys/"):
        print(f"{key:34} count {m['count']:3}  min {m['min']}  max {m['max']}  last {m['last']}")
gpu = {k: m for k, m in run["metrics"].items() if k.startswith("sys/gpu0/")}
assert gpu, "no sys/gpu0 metrics recorded"
assert gpu["sys/gpu0/memory_used_mib"]["max"] > 8000, "the 8 GiB allocation is not seen"
assert gpu["sys/gpu0/utilization_percent"]["max"] > 50, "the busy GPU is not seen"
print("GPU metrics check passed")
PY
