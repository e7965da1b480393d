"""Recording without code: argparse arguments of Python children, and system metrics."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from runlab.capture.system import parse_gpu_line
from tests.conftest import Result

ARGPARSE = """\
import argparse, pathlib
p = argparse.ArgumentParser()
p.add_argument("--learning-rate", type=float, default=0.1)
p.add_argument("--layers", type=int, nargs="+", default=[64, 32])
p.add_argument("--out", type=pathlib.Path, default=pathlib.Path("out"))
p.add_argument("--amp", action="store_true")
p.add_argument("--note", default=None)
p.add_argument("data", nargs="?", default="train.csv")
p.parse_args()
"""


def params(cli: Callable[..., Result]) -> dict:  # type: ignore[type-arg]
    return json.loads(cli("show", "last", "--json").stdout)["params"]  # type: ignore[no-any-return]


def test_argparse_defaults_are_recorded(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(ARGPARSE)
    assert cli(sys.executable, "train.py").code == 0
    assert params(cli) == {"learning-rate": 0.1, "layers": [64, 32], "out": "out",
                           "amp": False, "note": None, "data": "train.csv"}


def test_arguments_on_the_command_line_keep_priority(cli: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(ARGPARSE)
    assert cli(sys.executable, "train.py", "--learning-rate", "1e-3", "--amp").code == 0
    p = params(cli)
    assert p["learning-rate"] == 0.001 and p["amp"] is True and p["layers"] == [64, 32]


def test_no_inject_and_non_python_commands(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(ARGPARSE)
    assert cli("--no-inject", sys.executable, "train.py").code == 0
    assert params(cli) == {}
    r = cli("sh", "-c", 'echo "path=$PYTHONPATH"', env={"PYTHONPATH": "/mine"})
    assert r.stdout == "path=/mine\n"


def test_the_users_sitecustomize_still_runs(cli: Callable[..., Result], tmp_path: Path) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text("import builtins\nbuiltins.USER_HOOK = 'ran'\n")
    (tmp_path / "train.py").write_text(ARGPARSE + "print('hook', USER_HOOK)\n")
    pythonpath = os.pathsep.join([str(hooks), os.environ.get("PYTHONPATH", "")])
    r = cli(sys.executable, "train.py", env={"PYTHONPATH": pythonpath})
    assert r.code == 0, r.stderr
    assert "hook ran" in r.stdout
    assert params(cli)["learning-rate"] == 0.1


WAIT_FOR_SAMPLES = """\
import json, os, time
journal = os.path.join(os.environ["RUNLAB_STORE"], "runs", os.environ["RUNLAB_RUN_ID"],
                       "journal.jsonl")
deadline = time.monotonic() + 60
x = bytearray(30 * 1024 * 1024)  # something to measure
while time.monotonic() < deadline:
    with open(journal) as f:
        if f.read().count("sys/rss_bytes") >= 2:
            break
print("sampled")
"""


def test_system_metrics_appear(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "work.py").write_text(WAIT_FOR_SAMPLES)
    r = cli(sys.executable, "work.py", env={"RUNLAB_SYSTEM_METRICS": "0.2"})
    assert r.code == 0 and "sampled" in r.stdout
    metrics = json.loads(cli("show", "last", "--json").stdout)["metrics"]
    assert metrics["sys/rss_bytes"]["max"] > 30 * 1024 * 1024
    assert metrics["sys/cpu_percent"]["max"] > 0
    assert {"sys/threads", "sys/read_bytes", "sys/write_bytes"} <= set(metrics)
    assert "sys/" not in r.stderr  # the summary leaves them out


def test_no_system_metrics(cli: Callable[..., Result], tmp_path: Path) -> None:
    r = cli("--no-system-metrics", sys.executable, "-c", "print('x=1')",
            env={"RUNLAB_SYSTEM_METRICS": "0.01"})
    assert r.code == 0
    metrics = json.loads(cli("show", "last", "--json").stdout)["metrics"]
    assert not any(k.startswith("sys/") for k in metrics)


def test_gpu_lines_from_nvidia_smi() -> None:
    steps: dict[str, int] = {}
    points = parse_gpu_line("0, 87, 40536, 81559, 312.45, 61\n", steps)
    assert [(k, v, s) for k, v, s, _ in points] == [
        ("sys/gpu0/utilization_percent", 87.0, 0), ("sys/gpu0/memory_used_mib", 40536.0, 0),
        ("sys/gpu0/memory_total_mib", 81559.0, 0), ("sys/gpu0/power_w", 312.45, 0),
        ("sys/gpu0/temperature_c", 61.0, 0)]
    points = parse_gpu_line("0, 90, 40000, 81559, [N/A], 62", steps)
    assert [k for k, *_ in points] == ["sys/gpu0/utilization_percent", "sys/gpu0/memory_used_mib",
                                       "sys/gpu0/memory_total_mib", "sys/gpu0/temperature_c"]
    assert points[0][2] == 1
    assert parse_gpu_line("NVIDIA-SMI has failed", steps) == []
