"""runlab's benchmark suite (DESIGN section 7), run on demand:

    python tests/bench/run_bench.py [--quick] [--only NAME ...] [--runs N] [--keep-store DIR]
                                    [--steps N]

`--only` defaults to every scenario but bigstore and longrun, the memory-at-scale ones (they
build a store of 100,000 runs and a run of 1,000,000 steps: minutes and gigabytes of disk).

Every scenario is measured against a baseline in the same run and printed as a ratio, with
absolute medians and peak memory from the operating system (wait4's rusage of the measured
process). Correctness is checked too: the throughput scenarios count the stored points.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
# The `runlab` console script beside this Python, as users run it; else `python -m runlab`.
_SCRIPT = Path(sys.executable).parent / "runlab"
RUNLAB = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "runlab"]


@dataclass
class Result:
    scenario: str
    baseline: str
    value: float  # seconds (or bytes for memory)
    base: float | None
    unit: str
    target: str
    note: str = ""

    @property
    def ratio(self) -> str:
        if not self.base:
            return ""
        return f"{self.value / self.base:.2f}x"


def env(store: Path, **extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(SRC) + os.pathsep + e.get("PYTHONPATH", "")
    e["RUNLAB_STORE"] = str(store)
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    e.update(extra)
    return e


def measured(argv: list[str], *, env: dict[str, str], cwd: Path,
             stdout: int | object = subprocess.DEVNULL,
             stdin: int | object = subprocess.DEVNULL) -> tuple[float, float, int, int]:
    """Run once; (wall seconds, CPU seconds of the process and its children, peak RSS bytes
    of the process tree's largest member, exit code)."""
    t = time.perf_counter()
    p = subprocess.Popen(argv, env=env, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL,
                         stdin=stdin)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    return (wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
            os.waitstatus_to_exitcode(status))


def timed(argv: list[str], *, env: dict[str, str], cwd: Path, stdout: int | object = subprocess.DEVNULL,
          stdin: int | object = subprocess.DEVNULL) -> tuple[float, int, int]:
    """Run once; (wall seconds, peak RSS bytes of the process tree's largest member, code)."""
    wall, _, rss, code = measured(argv, env=env, cwd=cwd, stdout=stdout, stdin=stdin)
    return wall, rss, code


def median_of(fn: Callable[[], float], reps: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    return statistics.median(fn() for _ in range(reps))


def git_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    run = lambda *a: subprocess.run(["git", *a], cwd=path, check=True,  # noqa: E731
                                    capture_output=True)
    run("init", "-q")
    (path / "train.py").write_text("print('loss=0.5')\n")
    run("add", ".")
    run("-c", "user.name=bench", "-c", "user.email=b@x", "commit", "-qm", "bench")
    return path


# -- scenarios ------------------------------------------------------------------------------


def overhead(work: Path, reps: int) -> list[Result]:
    repo = git_repo(work / "repo")
    store = work / "store-overhead"
    e = env(store)
    out = []
    for label, argv in (("runlab true", ["true"]),
                        ("runlab python -c pass", [sys.executable, "-c", "pass"])):
        bare = median_of(lambda: timed(argv, env=e, cwd=repo)[0], reps)
        wrapped = median_of(lambda: timed([*RUNLAB, "-q", *argv], env=e, cwd=repo)[0], reps)
        out.append(Result(label, " ".join(argv[:1] if argv == ["true"] else argv[:1] + ["-c pass"]),
                          wrapped, bare, "s",
                          "<= +60 ms over `true`" if argv == ["true"] else "",
                          f"+{(wrapped - bare) * 1000:.0f} ms"))
    # Logs left beside the code, untracked: each is read into the run's patch (and redacted)
    # before the command starts.
    logs = git_repo(work / "repo-logs")
    for k in range(3):
        (logs / f"train{k}.log").write_text("".join(
            f"step={i} loss={1.0 / (i + 1):.6f}\n" for i in range(40_000)))
    clean = median_of(lambda: timed([*RUNLAB, "-q", "true"], env=e, cwd=repo)[0], reps)
    with_logs = median_of(lambda: timed([*RUNLAB, "-q", "true"], env=e, cwd=logs)[0], reps)
    out.append(Result("runlab true, 3 MB of untracked logs", "runlab true, a clean repo",
                      with_logs, clean, "s", "", f"+{(with_logs - clean) * 1000:.0f} ms"))
    return out


PRINTER = """\
import sys
w = sys.stdout.write
for i in range({n}):
    w(f"step={{i}} loss={{1.0 / (i + 1):.6f}} acc={{i % 1000 / 1000:.3f}}\\n")
"""


# Log prose, the lines most output is made of: no metric, half of them no number at all.
PROSE = """\
import sys
w = sys.stdout.write
for i in range({n}):
    if i % 2:
        w(f"Downloading shard {{i}} of the dataset: resuming from the cache, please wait\\n")
    else:
        w("Note: the tokenizer has been loaded from the hub; using the fast implementation\\n")
"""


def _points(store: Path) -> int:
    sys.path.insert(0, str(SRC))
    from runlab.store import Store
    from runlab.store.selection import RunQuery

    s = Store(str(store))
    s.catch_up()
    run = s.list_runs(RunQuery(limit=1))[0]
    total = sum(m.count for m in run.metrics.values())
    s.close()
    return total


def _timed_pair(work: Path, script: Path, store: Path, flag: str, reps: int
                ) -> tuple[float, float]:
    """(under runlab, the child alone): medians of the script's wall time, its output to a
    file; the store starts empty."""
    e = env(store, RUNLAB_SYSTEM_METRICS="0")
    sink = work / "out.txt"

    def run(prefix: list[str]) -> float:
        with open(sink, "wb") as f:
            return timed([*prefix, sys.executable, str(script)], env=e, cwd=work, stdout=f)[0]

    base = median_of(lambda: run([]), reps, warmup=1)
    shutil.rmtree(store, ignore_errors=True)
    return median_of(lambda: run([*RUNLAB, flag]), reps, warmup=0), base


def throughput(work: Path, lines: int, reps: int) -> list[Result]:
    script = work / "printer.py"
    script.write_text(PRINTER.format(n=lines))
    out = []
    for mode in ("pipe", "pty"):
        store = work / f"store-throughput-{mode}"
        value, base = _timed_pair(work, script, store, f"--{'' if mode == 'pty' else 'no-'}pty",
                                  reps)
        # Every point of the last run is in the store: two metrics a line (step sets the step).
        points = _points(store)
        expected = 2 * lines
        note = f"{points:,} of {expected:,} points stored"
        if points != expected:
            note += "  MISSING POINTS"
        out.append(Result(f"{lines:,} metric lines ({mode})", "the child alone, to a file",
                          value, base, "s", "<= 1.5x" if mode == "pipe" else "", note))
    prose = work / "prose.py"
    prose.write_text(PROSE.format(n=lines))
    store = work / "store-throughput-prose"
    value, base = _timed_pair(work, prose, store, "--no-pty", reps)
    points = _points(store)
    out.append(Result(f"{lines:,} prose lines (pipe)", "the child alone, to a file", value, base,
                      "s", "", f"{points:,} points stored" + ("  NOISE READ" if points else "")))
    return out


def memory(work: Path, big: int, line: int) -> list[Result]:
    store = work / "store-memory"
    e = env(store, RUNLAB_SYSTEM_METRICS="0")
    out = []
    cases = (
        (f"{big >> 20} MiB of output", f"head -c {big} /dev/zero | tr '\\0' 'x' | fold -w 100"),
        (f"one {line >> 20} MiB line", f"head -c {line} /dev/zero | tr '\\0' 'a'"),
    )
    for label, shell in cases:
        base_wall, base_rss, _ = timed(["sh", "-c", shell], env=e, cwd=work)
        wall, rss, code = timed([*RUNLAB, "-q", "sh", "-c", shell], env=e, cwd=work)
        out.append(Result(f"peak RSS, {label}", "the child alone", rss, base_rss, "B",
                          "< 100 MB", f"wall {wall:.1f}s vs {base_wall:.1f}s, exit {code}"))
    return out


def make_store(path: Path, runs: int, steps: int, running: int = 0) -> float:
    """A store of `runs` runs (10 params, 3 metrics x `steps`, a few tags) via the store API."""
    sys.path.insert(0, str(SRC))
    from runlab.store import Store

    s = Store(str(path))
    t0 = time.perf_counter()
    now = time.time() - runs
    for i in range(runs):
        run_id, _ = s.create_run({
            "name": f"run-{i}", "experiment": "bench", "command": ["python", "train.py", f"--lr={i}"],
            "cwd": "/work", "t": now + i, "host": "bench-host", "pid": 1, "pid_start": 1.0,
            "params": {"lr": 10 ** -(i % 5), "epochs": i % 50, "batch": 2 ** (i % 8),
                       "opt": ["adam", "sgd"][i % 2], "dropout": (i % 10) / 10, "seed": i,
                       "layers": i % 6, "warmup": i % 3, "wd": 1e-4 * (i % 4), "amp": i % 2 == 0},
            "tags": {"bench": "", "group": f"g{i % 10}"},
        })
        points = [[k, (i + step) / (steps + i + 1), step, now + i + step / 1000]
                  for step in range(steps) for k in ("loss", "acc", "val_loss")]
        events: list[dict[str, object]] = [{"e": "metrics", "p": points}]
        if i < runs - running:
            events.append({"e": "end", "t": now + i + 1, "status": "finished", "exit_code": 0})
        s.append(run_id, events)
    elapsed = time.perf_counter() - t0
    s.close()
    return elapsed


def store_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def scale(work: Path, runs: int, big_runs: int, reps: int) -> list[Result]:
    store = work / "store-scale"
    build = make_store(store, runs, 100)
    e = env(store)
    out = []
    points = runs * 300
    out.append(Result(f"record {runs:,} runs via the store API", "", build, None, "s",
                      ">= 200 runs/s", f"{runs / build:.0f} runs/s"))
    size = store_bytes(store)
    out.append(Result("bytes per metric point (journal + index)", "", size / points, None, "B",
                      "<= 100 B", f"{size / 1e6:.1f} MB for {points:,} points"))
    base = median_of(lambda: timed([sys.executable, "-c", "pass"], env=e, cwd=work)[0], reps)
    queries = {
        "ls": ["ls"],
        "ls --where (or + metric)": ["ls", "--where", "metrics.acc > 0.9 or params.lr < 0.001"],
        "ls --sort -metrics.acc": ["ls", "--sort", "-metrics.acc"],
        "show": ["show", "last"],
        "diff": ["diff", "1", "last"],
        "tag": ["tag", "last", "bench2"],
        "ls --all --format json": ["ls", "--all", "--format", "json"],
    }
    for label, args in queries.items():
        value = median_of(lambda: timed([*RUNLAB, *args], env=e, cwd=work)[0], reps)
        out.append(Result(f"{label} @ {runs:,} runs", "python -c pass", value, base, "s",
                          "<= 300 ms" if "--all" not in label else ""))
    t = time.perf_counter()
    subprocess.run([*RUNLAB, "reindex"], env=e, cwd=work, check=True, capture_output=True)
    out.append(Result(f"reindex {runs:,} runs", "", time.perf_counter() - t, None, "s", ""))

    # Catch-up with 8 running runs among the finished ones.
    live = work / "store-live"
    shutil.copytree(store, live)
    make_store(live, 8, 10, running=8)
    import socket

    e2 = env(live)
    value = median_of(lambda: timed([*RUNLAB, "ls", "--limit", "1"], env=e2, cwd=work)[0], reps)
    out.append(Result(f"catch-up + ls, {runs:,} finished + 8 running", "python -c pass", value,
                      base, "s", "", f"host {socket.gethostname()}"))
    if big_runs:
        huge = work / "store-huge"
        build = make_store(huge, big_runs, 3)
        e3 = env(huge)
        value = median_of(lambda: timed([*RUNLAB, "ls"], env=e3, cwd=work)[0], reps)
        out.append(Result(f"ls @ {big_runs:,} runs", "python -c pass", value, base, "s",
                          "<= 1 s", f"built in {build:.0f}s"))
    return out


def big_store(work: Path, runs: int, keep: Path | None = None) -> list[Result]:
    """Recovery and every listing format of a store of `runs` runs of 300 points each: time
    and peak memory (target: < 150 MB at 100,000 runs), against `python -c pass`. `keep`: the
    store's folder, kept afterwards, and used as it is when it already holds runs (building
    100,000 runs takes longer than measuring them)."""
    store = keep or work / "store-big"
    out = []
    if (store / "runs").is_dir():
        runs = len(os.listdir(store / "runs"))
    else:
        build = make_store(store, runs, 100)
        out.append(Result(f"build {runs:,} runs x 300 points", "", build, None, "s", ""))
    e = env(store)
    _, base_rss, _ = timed([sys.executable, "-c", "pass"], env=e, cwd=work)
    cases = {
        "reindex": ["reindex"],
        "automatic rebuild (index deleted) + ls": ["ls"],
        "ls --all --format json": ["ls", "--all", "--format", "json"],
        "ls --all --format jsonl": ["ls", "--all", "--format", "jsonl"],
        "ls --all --format csv": ["ls", "--all", "--format", "csv"],
    }
    for label, args in cases.items():
        if label.startswith("automatic"):
            for suffix in ("", "-wal", "-shm"):
                (store / f"index.db{suffix}").unlink(missing_ok=True)
        wall, cpu, rss, code = measured([*RUNLAB, *args], env=e, cwd=work)
        out.append(Result(f"peak RSS, {label} @ {runs:,} runs", "python -c pass", rss, base_rss,
                          "B", "< 150 MB", f"{wall:.1f}s wall, {cpu:.1f}s CPU, exit {code}, "
                          f"load {os.getloadavg()[0]:.1f}"))
    # What a user types most, against the same baseline: time (median of 3) and peak memory.
    base_wall = median_of(lambda: timed([sys.executable, "-c", "pass"], env=e, cwd=work)[0], 3)
    reads = {"ls": ["ls"], "ls --where": ["ls", "--where", "metrics.acc > 0.9 and params.lr < 0.01"],
             "ls --where on a tag": ["ls", "--where", "tags.group = g3"],
             "ls --sort -metrics.acc": ["ls", "--sort", "-metrics.acc"],
             "show last": ["show", "last"], "show 1": ["show", "1"]}
    for label, args in reads.items():
        walls, peak = [], 0
        for _ in range(3):
            wall, rss, _ = timed([*RUNLAB, *args], env=e, cwd=work)
            walls.append(wall)
            peak = max(peak, rss)
        out.append(Result(f"{label} @ {runs:,} runs", "python -c pass", statistics.median(walls),
                          base_wall, "s", "<= 300 ms", f"peak {peak / 1e6:.0f} MB"))
    return out


def long_run(work: Path, steps: int, reps: int) -> list[Result]:
    """One run of `steps` steps of two metrics: show, plot and metrics (time, peak memory);
    the first read builds the run's series cache from its journal. show, plot and ls are
    measured on it and on a run of two points (start-up alone), through the fast path and
    through the full typer app."""
    sys.path.insert(0, str(SRC))
    from runlab.store import Store

    store = work / "store-long"
    s = Store(str(store))
    run_id, _ = s.create_run({"command": ["python", "train.py"], "cwd": "/work", "t": 1e9})
    for start in range(0, steps, 2500):
        s.append(run_id, [{"e": "metrics", "p": [
            [k, 1 / (i + 1) if k == "loss" else i / steps, i, 1e9 + i / 100]
            for i in range(start, min(steps, start + 2500)) for k in ("loss", "acc")]}])
    s.append(run_id, [{"e": "end", "t": 1e9 + steps, "status": "finished", "exit_code": 0}])
    s.close()
    tiny = work / "store-tiny"  # one run of two points: what start-up alone costs
    s = Store(str(tiny))
    tiny_id, _ = s.create_run({"command": ["python", "train.py"], "cwd": "/work", "t": 1e9})
    s.append(tiny_id, [{"e": "metrics", "p": [[k, 0.5, i, 1e9 + i] for i in range(2)
                                              for k in ("loss", "acc")]},
                       {"e": "end", "t": 1e9 + 2, "status": "finished", "exit_code": 0}])
    s.close()
    e = env(store)
    out = []
    wall, rss, _ = timed([*RUNLAB, "show", "last"], env=e, cwd=work)
    out.append(Result(f"first show (builds the series cache) @ {steps:,} steps", "", wall, None,
                      "s", "", f"peak {rss / 1e6:.0f} MB"))
    # Median of `reps`, each against `python -c pass` measured alongside; the note gives the
    # same command through the full typer app (the fast path turned off), as before it.
    base = median_of(lambda: timed([sys.executable, "-c", "pass"], env=e, cwd=work)[0], reps)
    base_rss = timed([sys.executable, "-c", "pass"], env=e, cwd=work)[1]
    cases = {"show": ["show", "last"], "plot": ["plot", "last", "--width", "100"],
             "ls": ["ls"]}
    for where, path in (("a 2-point run", tiny), (f"{steps:,} steps x 2", store)):
        for label, args in cases.items():
            peak = 0

            def one(path: Path = path, args: list[str] = args, **extra: str) -> float:
                nonlocal peak
                wall, rss, code = timed([*RUNLAB, *args], env=env(path, **extra), cwd=work)
                assert code == 0, (args, code)
                peak = max(peak, rss)
                return wall

            fast = median_of(one, reps, warmup=1)
            full = median_of(lambda: one(_RUNLAB_NO_FASTPATH="1"), reps, warmup=1)
            target = "<= 300 ms" if label != "ls" and path == store else ""
            out.append(Result(f"{label} @ {where}", "python -c pass", fast, base, "s", target,
                              f"typer app {full * 1000:.0f} ms ({full / base:.1f}x); "
                              f"peak {peak / 1e6:.0f} MB (python -c pass {base_rss / 1e6:.0f} MB)"))
    walls = [timed([*RUNLAB, "metrics", "last", "--json"], env=e, cwd=work) for _ in range(1)]
    out.append(Result(f"metrics --json @ {steps:,} steps x 2", "python -c pass", walls[0][0],
                      base, "s", "", f"peak {walls[0][1] / 1e6:.0f} MB"))
    return out


def api_rate(work: Path, runs: int) -> list[Result]:
    code = f"""
import time, runlab
t = time.perf_counter()
for i in range({runs}):
    with runlab.start_run(params={{f"p{{j}}": j for j in range(10)}}) as run:
        for step in range(100):
            run.log_metrics({{"loss": 1 / (step + 1), "acc": step / 100, "val": 0.5}}, step=step)
print(time.perf_counter() - t)
"""
    store = work / "store-api"
    p = subprocess.run([sys.executable, "-c", code], env=env(store), cwd=work, check=True,
                       capture_output=True, text=True)
    elapsed = float(p.stdout.strip())
    size = store_bytes(store)
    return [
        Result(f"Python API: {runs} runs x 300 points", "", elapsed, None, "s", ">= 200 runs/s",
               f"{runs / elapsed:.0f} runs/s"),
        Result("bytes per point (API runs)", "", size / (runs * 300), None, "B", "<= 100 B"),
    ]


def _cpu_timed(argv: list[str], *, env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Run once; (wall seconds, CPU seconds of the process and its children)."""
    wall, cpu, _, _ = measured(argv, env=env, cwd=cwd)
    return wall, cpu


def inputs_cost(work: Path, size: int, reps: int) -> list[Result]:
    """Hashing throughput of input fingerprints, and what a large input adds to a run that
    lasts longer than its hash: wall time (none expected) and CPU."""
    sys.path.insert(0, str(SRC))
    from runlab.capture.inputs import Fingerprinter

    data = work / "inputs" / "big.bin"
    data.parent.mkdir(parents=True, exist_ok=True)
    block = os.urandom(1 << 20)
    with open(data, "wb") as f:
        for _ in range(size >> 20):
            f.write(block)

    def read_only() -> float:
        t = time.perf_counter()
        with open(data, "rb") as f:
            while f.read(1 << 20):
                pass
        return time.perf_counter() - t

    def hashed() -> float:
        t = time.perf_counter()
        Fingerprinter(size).file(str(data), os.stat(data))
        return time.perf_counter() - t

    read_s = median_of(read_only, reps)
    hash_s = median_of(hashed, reps)
    out = [Result(f"hash a {size >> 20} MiB input", "read it", hash_s, read_s, "s", "",
                  f"{size / hash_s / 1e6:.0f} MB/s")]
    e = env(work / "store-inputs")
    sleeper = [sys.executable, "-c", f"import time; time.sleep(max(1.0, 3 * {hash_s:f}))"]
    plain = [_cpu_timed([*RUNLAB, "-q", "--no-inputs", *sleeper, str(data)], env=e,
                        cwd=data.parent) for _ in range(reps)]
    with_inputs = [_cpu_timed([*RUNLAB, "-q", *sleeper, str(data)], env=e, cwd=data.parent)
                   for _ in range(reps)]
    wall = statistics.median(w for w, _ in with_inputs)
    base = statistics.median(w for w, _ in plain)
    cpu = statistics.median(c for _, c in with_inputs) - statistics.median(c for _, c in plain)
    out.append(Result("run reading it", "--no-inputs", wall, base, "s",
                      "no added wall time", f"+{(wall - base) * 1000:.0f} ms wall, "
                      f"+{cpu * 1000:.0f} ms CPU"))
    return out


def render(results: list[Result]) -> str:
    rows = [("scenario", "runlab", "baseline", "ratio", "target", "note")]
    for r in results:
        if r.unit == "s":
            fmt = lambda v: f"{v * 1000:.0f} ms" if v < 10 else f"{v:.1f} s"  # noqa: E731
        else:
            fmt = lambda v: f"{v / 1e6:.1f} MB" if v > 1e5 else f"{v:.0f} B"  # noqa: E731
        rows.append((r.scenario, fmt(r.value), "" if r.base is None else fmt(r.base), r.ratio,
                     r.target, r.note))
    widths = [max(len(row[i]) for row in rows) for i in range(6)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--only", nargs="*", default=None,
                        choices=["overhead", "throughput", "memory", "scale", "api", "bigstore",
                                 "longrun", "inputs"])
    parser.add_argument("--runs", type=int, default=100_000,
                        help="runs in the bigstore scenario (default 100,000)")
    parser.add_argument("--keep-store", type=Path, metavar="DIR",
                        help="the bigstore scenario's store: built there and kept, or measured "
                             "as it is when DIR already holds one")
    parser.add_argument("--steps", type=int, default=1_000_000,
                        help="steps of the longrun scenario (default 1,000,000)")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--src", help="measure the runlab of this src/ folder (another "
                        "checkout's: figures before and after a change)")
    args = parser.parse_args()
    if args.src:
        global SRC
        SRC = Path(args.src).resolve()
    quick = args.quick
    only = set(args.only or ["overhead", "throughput", "memory", "scale", "api", "inputs"])
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="runlab-bench-") as tmp:
        work = Path(tmp)
        if "overhead" in only:
            results += overhead(work, 5 if quick else 15)
        if "throughput" in only:
            results += throughput(work, 100_000 if quick else 1_000_000, 1 if quick else 3)
        if "memory" in only:
            results += memory(work, (64 if quick else 1024) << 20, (8 if quick else 100) << 20)
        if "scale" in only:
            results += scale(work, 1_000 if quick else 10_000, 0 if quick else 100_000,
                             3 if quick else 5)
        if "api" in only:
            results += api_rate(work, 50 if quick else 500)
        if "bigstore" in only:
            results += big_store(work, 1_000 if quick else args.runs, args.keep_store)
        if "longrun" in only:
            results += long_run(work, 20_000 if quick else args.steps, 3 if quick else 5)
        if "inputs" in only:
            results += inputs_cost(work, (64 if quick else 1024) << 20, 3 if quick else 5)
    print(f"runlab benchmarks on {platform.node()}: {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.platform()}, load average "
          f"{os.getloadavg()[0]:.1f} at the end")
    print(render(results))
    if args.json:
        Path(args.json).write_text(json.dumps([r.__dict__ for r in results], indent=2))


if __name__ == "__main__":
    main()
