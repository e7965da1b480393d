"""The store: journals as the record, the index rebuilt from them, numbers, catch-up."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from runlab.errors import AmbiguousRun, RunNotFound, StoreError
from runlab.store import Store, journal
from tests.conftest import child_env


def start(name: str | None = None, **extra: object) -> dict[str, object]:
    return {"name": name, "command": ["python", "train.py"], "cwd": "/tmp",
            "params": {"lr": 0.01, "epochs": 3, "flag": True, "opt": "adam", "none": None},
            **extra}


def finished(store: Store, name: str | None = None, points: int = 3) -> str:
    run_id, _ = store.create_run(start(name))
    pts = [["loss", 1.0 / (i + 1), i, 1000.0 + i] for i in range(points)]
    store.append(run_id, [{"e": "metrics", "p": pts}])
    store.append(run_id, [{"e": "end", "t": time.time(), "status": "finished", "exit_code": 0}])
    return run_id


def test_run_round_trip(store: Store) -> None:
    run_id = finished(store, "first")
    run = store.get(run_id)
    assert run.number == 1
    assert run.status == "finished" and run.exit_code == 0
    assert run.params == {"epochs": 3, "flag": True, "lr": 0.01, "none": None, "opt": "adam"}
    assert run.metrics["loss"].count == 3
    assert run.metrics["loss"].last == pytest.approx(1 / 3)
    assert run.metrics["loss"].max == 1.0
    assert run.metrics["loss"].last_step == 2
    series = store.series(run_id)["loss"]
    assert [p.step for p in series] == [0, 1, 2]


def test_the_last_value_is_the_latest_measured(store: Store) -> None:
    # a printed line's point held back (`epoch 0 loss=9.9` before a bar) is written after the
    # bar's own: the last value is the latest measured (of equal times the last written),
    # within a batch and across them, and so it stays when the index is rebuilt
    run_id, _ = store.create_run(start())
    store.append(run_id, [{"e": "metrics", "p": [["loss", 1.0, 1, 10.1], ["loss", 0.3, 5, 10.7],
                                                 ["loss", 0.2, 5, 10.7], ["loss", 9.9, 0, 10.0],
                                                 ["loss", 0.5, 4, 10.5]]}])
    store.append(run_id, [{"e": "metrics", "p": [["loss", 7.0, 0, 10.6]]}])
    summary = store.get(run_id).metrics["loss"]
    assert (summary.last, summary.last_step, summary.count) == (0.2, 5, 6)
    assert (summary.min, summary.max) == (0.2, 9.9)
    store.close()
    for suffix in ("", "-wal", "-shm"):
        Path(store.root, "index.db" + suffix).unlink(missing_ok=True)
    again = Store(store.root)
    again.catch_up()
    assert again.get(run_id).metrics["loss"].to_json() == summary.to_json()
    again.append(run_id, [{"e": "metrics", "p": [["loss", 0.1, 6, 10.8]]}])
    assert again.get(run_id).metrics["loss"].last == 0.1


def test_layout_and_permissions(store: Store) -> None:
    run_id = finished(store)
    root = Path(store.root)
    assert (root / ".gitignore").read_text() == "*\n"
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "runs" / run_id).stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "runs" / run_id / "journal.jsonl").stat().st_mode) == 0o600


def test_deleting_the_index_loses_nothing(store: Store) -> None:
    ids = [finished(store, f"r{i}") for i in range(3)]
    store.append(ids[1], [{"e": "tag", "tags": {"best": ""}}, {"e": "note", "text": "hello"}])
    before = [r.to_json() for r in store.list_runs()]
    store.close()
    for suffix in ("", "-wal", "-shm"):
        Path(store.root, "index.db" + suffix).unlink(missing_ok=True)
    again = Store(store.root)
    again.catch_up()
    after = [r.to_json() for r in again.list_runs()]
    assert [r["number"] for r in after] == [3, 2, 1]
    strip = lambda rs: [{k: v for k, v in r.items() if k != "duration_s"} for r in rs]  # noqa: E731
    assert strip(after) == strip(before)
    assert again.get(ids[1]).tags == {"best": ""}
    assert again.get(ids[1]).note == "hello"


def test_reindex_keeps_numbers_after_a_gap(store: Store) -> None:
    ids = [finished(store) for _ in range(3)]
    store.close()
    subprocess.run(["rm", "-rf", os.path.join(store.root, "runs", ids[0])], check=True)
    assert store.reindex() == 2
    assert sorted(r.number for r in store.list_runs()) == [2, 3]


def test_catch_up_sees_growth_written_elsewhere(store: Store) -> None:
    run_id, _ = store.create_run(start())
    # Another process appended without updating the index (its index write failed).
    journal.append(store.journal_path(run_id), [{"e": "metrics", "p": [["acc", 0.5, 0, 1.0]]}])
    assert "acc" not in store.get(run_id).metrics
    store.catch_up()
    assert store.get(run_id).metrics["acc"].last == 0.5


def test_copied_run_directory_appears_with_a_new_number(tmp_path: Path, store: Store) -> None:
    other = Store(str(tmp_path / "elsewhere"))
    finished(other)
    foreign = finished(other)
    finished(store)
    subprocess.run(["cp", "-r", other.run_dir(foreign), store.runs_dir], check=True)
    store.catch_up()
    run = store.get(foreign)
    assert run.number == 2
    assert run.status == "finished"


def test_truncated_last_line_is_ignored(store: Store) -> None:
    run_id = finished(store)
    with open(store.journal_path(run_id), "ab") as f:
        f.write(b'{"e":"tag","tags":{"half')
    store.close()
    Path(store.root, "index.db").unlink()
    again = Store(store.root)
    again.catch_up()
    assert again.get(run_id).status == "finished"
    assert again.get(run_id).tags == {}


def test_dead_wrapper_marks_the_run_lost(store: Store) -> None:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()  # its pid is now free: a wrapper that died
    import socket

    run_id, _ = store.create_run(start(pid=p.pid, pid_start=12345.0, host=socket.gethostname()))
    assert store.get(run_id).status == "running"
    report = store.catch_up()
    assert report.lost == 1
    assert store.get(run_id).status == "lost"
    assert any(e["e"] == "end" and e["status"] == "lost" for e in store.events(run_id))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc")
def test_a_live_run_stays_running_when_the_clock_is_set(store: Store) -> None:
    import socket

    from runlab.capture.system import process_start_time, process_ticks

    here = socket.gethostname()
    ticks = process_ticks(os.getpid())
    started = process_start_time(os.getpid())
    assert ticks is not None and started is not None
    # Recorded before the clock was set back 6 s (NTP): its start time in seconds no longer
    # matches the process's, its boot and ticks do.
    live, _ = store.create_run(start(pid=os.getpid(), pid_start=started + 6, host=here,
                                     pid_boot=ticks[0], pid_ticks=ticks[1]))
    # The same pid, but another process (a reused pid) or another boot: the wrapper died.
    reused, _ = store.create_run(start(pid=os.getpid(), pid_start=started, host=here,
                                       pid_boot=ticks[0], pid_ticks=ticks[1] + 1))
    rebooted, _ = store.create_run(start(pid=os.getpid(), pid_start=started, host=here,
                                         pid_boot="0" * 32, pid_ticks=ticks[1]))
    # Recorded by a runlab that kept no ticks: its start time in seconds decides.
    older, _ = store.create_run(start(pid=os.getpid(), pid_start=started, host=here))
    assert store.catch_up().lost == 2
    assert {r: store.get(r).status for r in (live, reused, rebooted, older)} == {
        live: "running", reused: "lost", rebooted: "lost", older: "running"}


def test_an_index_of_the_first_schema_is_migrated(store: Store) -> None:
    run_id = finished(store, "old")
    store.close()
    db = sqlite3.connect(os.path.join(store.root, "index.db"))
    db.execute("ALTER TABLE runs DROP COLUMN pid_boot")
    db.execute("ALTER TABLE runs DROP COLUMN pid_ticks")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    again = Store(store.root)
    assert again.get(run_id).name == "old" and again.get(run_id).status == "finished"
    assert again.db.execute("PRAGMA user_version").fetchone()[0] == 2
    assert again.db.execute("SELECT pid_ticks FROM runs").fetchall() == [(None,)]


def test_live_run_elsewhere_is_not_marked_lost(store: Store) -> None:
    run_id, _ = store.create_run(start(pid=1, pid_start=1.0, host="another-machine"))
    store.catch_up()
    assert store.get(run_id).status == "running"


def test_newer_schema_is_refused(store: Store) -> None:
    finished(store)
    store.close()
    db = sqlite3.connect(os.path.join(store.root, "index.db"))
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer runlab"):
        _ = Store(store.root).db


def test_references(store: Store) -> None:
    a = finished(store, "alpha")
    b = finished(store, "beta")
    c = finished(store, "beta")
    assert store.resolve("1") == a
    assert store.resolve("last") == c
    assert store.resolve("last~2") == a
    assert store.resolve("alpha") == a
    assert store.resolve(b[:8]) == b
    with pytest.raises(AmbiguousRun, match="2 .*3 "):
        store.resolve("beta")
    with pytest.raises(RunNotFound):
        store.resolve("7")
    with pytest.raises(RunNotFound, match="6 characters"):
        store.resolve("abc")
    with pytest.raises(RunNotFound):
        store.resolve("last~5")


def test_parallel_processes_get_distinct_numbers(store: Store) -> None:
    code = (
        "import sys, time\n"
        "from runlab.store import Store\n"
        "s = Store(sys.argv[1])\n"
        "for _ in range(5):\n"
        "    rid, n = s.create_run({'command': ['x'], 'cwd': '/'})\n"
        "    s.append(rid, [{'e': 'end', 't': time.time(), 'status': 'finished', 'exit_code': 0}])\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, store.root], env=child_env())
             for _ in range(8)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    store.catch_up()
    numbers = sorted(r.number for r in store.list_runs())
    assert numbers == list(range(1, 41))
    for run in store.list_runs():
        events = store.events(run.id)
        # (the journal's last number is the run's: one an index transaction took and then
        # lost to a busy index, under load, is superseded)
        assert [e["n"] for e in events if e["e"] == "number"][-1:] == [run.number]


def test_processes_opening_a_new_store_at_once_agree_on_its_id(tmp_path: Path) -> None:
    # A process that read the id file between its creation and its write numbered runs
    # for a store with no id, and a rebuilt index gave those runs new numbers. One that found
    # no .gitignore, then lost the race to make it, refused to open the store at all.
    root = tmp_path / "fresh"
    code = ("import sys\n"
            "from runlab.store import Store\n"
            "sys.stdin.read()\n"
            "print(Store(sys.argv[1]).id)\n")
    for attempt in range(5):
        procs = [subprocess.Popen([sys.executable, "-c", code, str(root / str(attempt))],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=child_env())
                 for _ in range(12)]
        for p in procs:  # released together, as sixteen `runlab` runs started at once
            assert p.stdin is not None
            p.stdin.close()
        assert all(p.wait(timeout=120) == 0 for p in procs)
        ids = {p.stdout.read().decode().strip() for p in procs if p.stdout is not None}
        assert len(ids) == 1 and len(ids.pop()) == 32
        assert os.listdir(root / str(attempt)).count("store-id") == 1
        assert [f for f in os.listdir(root / str(attempt)) if f.startswith("store-id.")] == []


def test_metric_summary_handles_nan_and_inf(store: Store) -> None:
    run_id, _ = store.create_run(start())
    store.append(run_id, [{"e": "metrics", "p": [["x", 1.0, 0, 1.0], ["x", float("nan"), 1, 2.0],
                                                   ["y", float("inf"), 0, 1.0]]}])
    run = store.get(run_id)
    assert run.metrics["x"].min == 1.0 and run.metrics["x"].count == 2
    assert run.metrics["y"].max == float("inf")
    dumped = json.dumps(run.to_json(), allow_nan=False)
    assert '"Infinity"' in dumped and '"NaN"' in dumped


def test_purged_numbers_are_not_reused_even_after_reindex(store: Store) -> None:
    ids = [finished(store) for _ in range(3)]
    store.purge_run(ids[2])
    store.reindex()
    new = finished(store)
    assert store.get(new).number == 4


@pytest.mark.parametrize("m", [65529, 65530, 65531])  # 65530: a \r\n cut between blocks
def test_output_tail_reads_back_to_whole_lines(store: Store, m: int) -> None:
    run_id = finished(store)
    redraws = b"\r".join(b"bar %05d" % i for i in range(20000))  # 200 KB, no \n at all
    long_line = b"start\n" + b"L" * 65546 + b"\r\n" + b"M" * m + b"\nend\n"
    for data in (redraws + b"\ndone\n", long_line):
        Path(store.output_path(run_id)).write_bytes(data)
        want = data.splitlines(keepends=True)
        for n in (1, 2, 3, 10):
            assert b"".join(store.output_log(run_id, tail=n)) == b"".join(want[-n:])


def test_metrics_lines_are_what_json_writes() -> None:
    # Metrics events are written by hand (the output's two million points a million lines):
    # byte for byte json's line, and json's own for any event of another make.
    def by_json(events: list[dict[str, object]]) -> bytes:
        return "".join(json.dumps(e, separators=(",", ":")) + "\n" for e in events).encode()

    nan, inf = float("nan"), float("inf")
    cases: list[list[dict[str, object]]] = [
        [{"e": "metrics", "p": [["loss", 0.5, 1, 1.5], ["acc", nan, 2, 1.5],
                                ['vél "x"', inf, -3, 2.25], ["b", -inf, 0, 1e20],
                                ["c", 1e-07, 10**20, nan], ["loss", 0.25, 2, 1.5]]}],
        [{"e": "metrics", "p": []}],
        [{"e": "metrics", "p": [["loss", 1, 1, 1.5]]}],  # an int value
        [{"e": "metrics", "p": [["loss", True, 1, 1.5]]}],
        [{"e": "metrics", "p": [["loss", 0.5, None, 1.5]]}],  # no step
        [{"e": "metrics", "p": [["loss", 0.5, True, 1.5]]}],
        [{"e": "metrics", "p": [["loss", 0.5, 1, 2]]}],  # an int time
        [{"e": "metrics", "p": [[7, 0.5, 1, 1.5]]}],  # not a name
        [{"e": "metrics", "p": [["loss", 0.5, 1]]}],  # a point short
        [{"e": "metrics", "p": [{"key": "loss"}]}],
        [{"e": "metrics", "p": [["loss", 0.5, 1, 1.5]], "from": "recorded"}],
        [{"e": "params", "params": {"a": 1}}, {"e": "metrics", "p": [("loss", 0.5, 1, 1.5)]}],
        # equal times of other makes, each written as json writes it
        [{"e": "metrics", "p": [["a", 0.5, 1, 0.0], ["b", 0.5, 1, -0.0], ["c", 0.5, 1, 1.0],
                                ["d", 0.5, 1, 1], ["e", 0.5, 1, True]]}],
        [{"p": [["loss", 0.5, 1, 1.5]], "e": "metrics"}],  # its keys in another order
        [{"x": 1}],
        [{"e": "metrics"}],  # no points at all
    ]
    for events in cases:
        assert journal.encode(events) == by_json(events), events


def test_a_store_that_does_not_exist_reads_as_empty_without_waiting() -> None:
    # Its index is one in memory, which SQLite cannot put in WAL mode: asking once is enough
    # (asking until it is would never end). Bounded, in a process of its own.
    done = subprocess.run(
        [sys.executable, "-c", "from runlab.store import index\n"
         "db = index.connect(':memory:')\n"
         "print(db.execute('PRAGMA journal_mode').fetchone()[0])"],
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "memory"
