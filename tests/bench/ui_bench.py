"""Benchmarks of `runlab ui` (DESIGN section 8), run on demand:

    python tests/bench/ui_bench.py [--runs 10000] [--points 1000000] [--mlflow PATH]
                                   [--only start|runs|points]

- start: from launching `runlab ui` to its first answered request (and the same for
  `mlflow server` when --mlflow names its executable);
- runs: with 10,000 runs (10 params, 3 metrics x 100 steps), the runs page's first data:
  the API's first page with its total, sorted and filtered, and in a headless Chromium from
  navigation to the table's rows;
- points: 10 runs of 1,000,000 points each, downsampled on the server: the ten series, and
  the Compare page in Chromium until its charts are drawn.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.uiserver import write_runs  # noqa: E402


def env(store: Path) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + e.get("PYTHONPATH", "")
    e["RUNLAB_STORE"] = str(store)
    return e


def start(store: Path) -> tuple[subprocess.Popen[str], str, float]:
    """Launch the server; returns it, its URL and the seconds to its first answered request."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "runlab", "ui", "--port", "0", "--no-browser"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env=env(store))
    assert proc.stderr is not None
    url = proc.stderr.readline().split()[-1]
    with urllib.request.urlopen(url + "api/runs?limit=1") as res:
        res.read()
    took = time.perf_counter() - t0
    print(f"  (the server's own CPU time until then: {cpu_s(proc.pid) * 1000:.0f} ms)")
    return proc, url, took


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a live process (Linux): a figure the machine's load
    does not inflate, unlike wall time."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fetch(url: str) -> float:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url) as res:
        res.read()
    return time.perf_counter() - t0


def median_ms(url: str, n: int = 7) -> float:
    fetch(url)
    return statistics.median(fetch(url) for _ in range(n)) * 1000


def bench_start(tmp: Path, mlflow: str | None) -> None:
    store = tmp / "start"
    write_runs(str(store), [({"lr": 0.1}, {"loss": [1.0, 0.5]})])
    times = []
    for _ in range(5):
        proc, _url, took = start(store)
        times.append(took)
        proc.terminate()
        proc.wait()
    ours = statistics.median(times)
    print(f"start: runlab ui answers its first request {ours * 1000:.0f} ms after launch "
          "(median of 5; target 1 s)")
    if mlflow:
        port = 5199
        t0 = time.perf_counter()
        proc = subprocess.Popen([mlflow, "server", "--port", str(port), "--backend-store-uri",
                                 f"sqlite:///{tmp / 'mlflow.db'}"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=tmp)
        while True:
            try:
                fetch(f"http://127.0.0.1:{port}/health")
                break
            except OSError:
                time.sleep(0.05)  # polling a server that has not bound yet
        theirs = time.perf_counter() - t0
        print(f"start: mlflow server answers its first request {theirs * 1000:.0f} ms after "
              f"launch; runlab ui takes {ours / theirs:.2f}x that")
        proc.terminate()
        proc.wait()


def make_runs(store: Path, n: int) -> None:
    t0 = time.perf_counter()
    write_runs(str(store), [
        ({f"p{j}": (i * 7 + j) % 13 / 10 for j in range(10)},
         {"m0": [(i % 97) / 97 + step / 1000 for step in range(100)],
          "m1": [step * 0.5 for step in range(100)],
          "m2": [1 / (step + 1) for step in range(100)]}) for i in range(n)])
    print(f"runs: made {n} runs (10 params, 3 metrics x 100 steps) in "
          f"{time.perf_counter() - t0:.0f} s")


def bench_runs(tmp: Path, n: int) -> None:
    store = tmp / "runs"
    make_runs(store, n)
    proc, url, took = start(store)
    try:
        print(f"runs: first request after launch with {n} runs: {took * 1000:.0f} ms")
        for label, query in [("first page (50 runs + total)", "limit=50"),
                             ("sorted by a metric", "limit=50&sort=-metrics.m0"),
                             ("filtered", "limit=50&where=metrics.m0+%3E+0.5+and+params.p1+%3C+0.5")]:
            print(f"runs: /api/runs {label}: {median_ms(url + 'api/runs?' + query):.0f} ms")
        times = browser_times(url, "#runs-table tbody tr")
        poll = median_ms(url + "api/changes")
        print(f"runs: /api/changes, the live page's poll: {poll:.1f} ms")
    finally:
        proc.terminate()
        proc.wait()
    if times is None:
        return
    # The baseline, in the same run: the same page over a store of 3 runs.
    small = tmp / "small"
    write_runs(str(small), [({"p0": 0.1}, {"m0": [0.5]})] * 3)
    proc, url, _ = start(small)
    try:
        base = browser_times(url, "#runs-table tbody tr") or []
    finally:
        proc.terminate()
        proc.wait()
    ours, theirs = statistics.median(times), statistics.median(base)
    print(f"runs: runs page in Chromium, navigation to its first rows shown: {ours:.0f} ms with "
          f"{n} runs, {theirs:.0f} ms with 3 runs ({ours / theirs:.2f}x; medians of "
          f"{len(times)}, the browser's own clock; target 300 ms)")


def bench_points(tmp: Path, points: int) -> None:
    store = tmp / "points"
    t0 = time.perf_counter()
    spike = points // 3
    write_runs(str(store), (({"seed": i}, {"loss": [1 / (step + 1) + (5.0 if step == spike else 0.0)
                                                    for step in range(points)]})
                            for i in range(10)))
    print(f"points: made 10 runs of {points} points in {time.perf_counter() - t0:.0f} s")

    def ten(url: str, max_points: int = 2000) -> float:
        def one(n: int) -> dict[str, object]:
            with urllib.request.urlopen(
                    f"{url}api/runs/{n}/metrics/loss?max_points={max_points}") as r:
                return json.load(r)  # type: ignore[no-any-return]

        t0 = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(10) as pool:
            answers = list(pool.map(one, range(1, 11)))
        took = (time.perf_counter() - t0) * 1000
        assert all(max(p["value"] for p in a["points"]) > 5 for a in answers)  # type: ignore[attr-defined]
        return took

    # Cold: no series cache yet (the first read of each run builds it from the journal).
    proc, url, _ = start(store)
    try:
        print(f"points: 10 series of {points} points downsampled to 2000, no series cache "
              f"(cold): {ten(url):.0f} ms; the spike kept in each")
        print(f"points: the same again, same server (answers kept): {ten(url):.0f} ms")
    finally:
        proc.terminate()
        proc.wait()
    # Warm: the series cache on disk, a fresh server (nothing kept in memory).
    proc, url, _ = start(store)
    try:
        print(f"points: 10 series downsampled, series cache warm, fresh server: "
              f"{ten(url):.0f} ms")
        # Another size, so that no answer is kept: the downsampling itself, on a warm server.
        print(f"points: the same downsampled to 1998 points, same server (not kept): "
              f"{ten(url, 1998):.0f} ms")
    finally:
        proc.terminate()
        proc.wait()
    proc, url, _ = start(store)
    try:
        times = browser_times(url + "#/compare?runs=" + ",".join(map(str, range(1, 11))),
                              "#compare-charts[data-ready]")
        if times is not None:
            print(f"points: Compare page of the 10 runs in Chromium until drawn (series cache "
                  f"warm): first {times[0]:.0f} ms on a fresh server, then "
                  f"{statistics.median(times[1:]):.0f} ms (target 1 s)")
            runs = plotly_runs(url)
            print(f"points: of which plotly.min.js, from the browser's cache to run: "
                  f"{runs[0]:.0f} ms the first time in a browser, then "
                  f"{statistics.median(runs[1:]):.0f} ms")
        firsts = first_compare(url)
        if firsts is not None:
            print("points: the user's first Compare in a fresh browser (runs page, the 10 runs "
                  "selected one by one, Compare clicked), medians of "
                  f"{len(firsts)}: click to drawn "
                  f"{statistics.median(f[0] for f in firsts):.0f} ms "
                  f"({', '.join(f'{f[0]:.0f}' for f in firsts)}); first selection to drawn "
                  f"{statistics.median(f[1] for f in firsts):.0f} ms; the runs page's longest "
                  f"task {statistics.median(f[2] for f in firsts):.0f} ms")
    finally:
        proc.terminate()
        proc.wait()


def first_compare(url: str, n: int = 3) -> list[tuple[float, float, float]] | None:
    """A new user's first Compare, `n` times, each in a fresh browser: the runs page, the ten
    runs selected one by one, Compare clicked. Milliseconds (the browser's clock) from the
    click to the charts drawn, from the first selection to them, and the longest task of the
    runs page's thread before the click (plotly.min.js's first run, started by the selection);
    None without Chromium."""
    path = shutil.which("chromium")
    if path is None:
        return None
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        for _ in range(n):
            b = p.chromium.launch(executable_path=path, args=["--no-sandbox"])
            page = b.new_page()
            page.add_init_script("""window.longest = 0; new PerformanceObserver((l) => {
                for (const e of l.getEntries()) longest = Math.max(longest, e.duration); })
                .observe({ type: "longtask" });""")
            page.goto(url)
            page.wait_for_selector("#runs-table tbody tr")
            first = page.evaluate("performance.now()")
            for number in range(1, 11):
                page.check(f"tr[data-number='{number}'] input.select")
            longest = page.evaluate("window.longest")
            click = page.evaluate("performance.now()")
            page.click("#compare-button")
            page.wait_for_selector("#compare-charts[data-ready]", timeout=120_000)
            drawn = page.evaluate("+document.querySelector('#compare-charts').dataset.drawnAt")
            out.append((drawn - click, drawn - first, longest))
            b.close()
    return out


def browser_times(url: str, selector: str, n: int = 5) -> list[float] | None:
    """Milliseconds from navigation start to `selector` shown, `n` times, by the browser's
    own clock (the page marks when its data is drawn); None without Chromium."""
    path = shutil.which("chromium")
    if path is None:
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox"])
        page = b.new_page()
        # Warm: the scripts in the browser's cache, as on a second visit (no data yet).
        base = url.split("#")[0]
        page.goto(base)
        page.wait_for_selector("#runs-table")
        page.goto(base + "static/plotly.min.js")
        times = []
        for _ in range(n):
            page.goto("about:blank")
            page.goto(url)
            page.wait_for_selector(selector, timeout=120_000)
            times.append(page.evaluate(
                "() => +document.querySelector('[data-drawn-at]').dataset.drawnAt"))
        b.close()
    return times


def plotly_runs(url: str, n: int = 4) -> list[float]:
    """Milliseconds from adding plotly.min.js (in the browser's cache) to a page to its load
    event, `n` times in a fresh browser: the first run compiles it, later ones use V8's
    code cache."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = b.new_page()
        page.goto(url + "static/plotly.min.js")
        times = []
        for _ in range(n):
            page.goto("about:blank")
            page.goto(url + "#/models")
            times.append(page.evaluate("""() => new Promise((done) => {
                const t0 = performance.now(), s = document.createElement("script");
                s.src = "/static/plotly.min.js";
                s.onload = () => done(performance.now() - t0);
                document.head.append(s); })"""))
        b.close()
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--mlflow", help="an mlflow executable, to time `mlflow server` too")
    ap.add_argument("--only", choices=("start", "runs", "points"), action="append")
    args = ap.parse_args()
    only = set(args.only or ("start", "runs", "points"))
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if "start" in only:
            bench_start(tmp, args.mlflow)
        if "runs" in only:
            bench_runs(tmp, args.runs)
        if "points" in only:
            bench_points(tmp, args.points)


if __name__ == "__main__":
    main()
