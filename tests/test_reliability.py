"""Fault injection: signals, load, output abuse, store faults and bad input (issue 6).

Every test drives the real `runlab` command in its own process. Children say they are ready
by printing a line that the test reads; the test waits on processes and pipes, never on a
clock (the deadlines below only bound a test that would otherwise hang). Figures the README
quotes are printed as `runlab-figures: ...` lines: `pytest -s tests/test_reliability.py`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import pty
import random
import re
import resource
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from runlab.record.recorder import FLUSH_POINTS
from tests.conftest import Result, child_env, runlab_argv

PY = sys.executable
DEADLINE = 60.0  # seconds: only a bound on a test that would otherwise hang
MB = 1 << 20


# -- helpers ----------------------------------------------------------------------------------


def figures(what: str, **values: object) -> None:
    """Print what the test measured, for the README's reliability section (`pytest -s`)."""
    print(f"\nrunlab-figures: {what}: " + ", ".join(f"{k}={v}" for k, v in values.items()))


class Lines:
    """Read whole lines from a file descriptor (a pipe or a pty master) with a deadline."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.seen = b""  # everything read so far
        self._buf = b""

    def _more(self, deadline: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"nothing more within the deadline; so far: {self.seen[-2000:]!r}"
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: a pty whose other side is gone
            data = b""
        self.seen += data
        self._buf += data
        return bool(data)

    def until(self, marker: bytes, timeout: float = DEADLINE) -> bytes:
        """Read up to and including the line holding `marker`; returns that line."""
        deadline = time.monotonic() + timeout
        while True:
            while b"\n" in self._buf:
                line, _, self._buf = self._buf.partition(b"\n")
                if marker in line:
                    return line
            assert self._more(deadline), f"EOF before {marker!r}; so far: {self.seen[-2000:]!r}"

    def rest(self, timeout: float = DEADLINE) -> bytes:
        """Read to the end of the stream."""
        deadline = time.monotonic() + timeout
        while self._more(deadline):
            pass
        out, self._buf = self._buf, b""
        return out


def spawn(*args: str, cwd: Path, stdin: int | None = subprocess.DEVNULL,
          stdout: int | None = subprocess.PIPE, **kw: object) -> subprocess.Popen[bytes]:
    p: subprocess.Popen[bytes] = subprocess.Popen(
        runlab_argv(*args), stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, cwd=cwd,
        env=child_env(), **kw)  # type: ignore[call-overload]
    return p


def show(cli: Callable[..., Result], ref: str = "last") -> dict:  # type: ignore[type-arg]
    r = cli("show", ref, "--json")
    assert r.code == 0, r.stderr
    assert "Traceback" not in r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def listing(cli: Callable[..., Result]) -> list[dict]:  # type: ignore[type-arg]
    r = cli("ls", "--json", "--all")
    assert r.code == 0, r.stderr
    assert "Traceback" not in r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def store_root() -> Path:
    return Path(os.environ["RUNLAB_STORE"])


def run_dir(run_id: str) -> Path:
    return store_root() / "runs" / run_id


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(MB), b""):
            h.update(block)
    return h.hexdigest()


def gone(pid: int) -> bool:
    """Whether a process is gone: reaped, or a zombie waiting for its reaper."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def ends_soon(pidfd: int, timeout: float = 10.0) -> bool:
    """Wait for the process behind a pidfd (taken while it ran) to end; False if it did not."""
    ready, _, _ = select.select([pidfd], [], [], timeout)
    return bool(ready)


def kill_quietly(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def no_traceback(*stderrs: bytes | str) -> None:
    for err in stderrs:
        text = err.decode(errors="replace") if isinstance(err, bytes) else err
        assert "Traceback" not in text, text
        assert "database is locked" not in text, text


# -- signals ----------------------------------------------------------------------------------

# A child that reports each SIGINT and ignores it otherwise, with a grandchild in its process
# group that ignores SIGINT outright. It prints `ready GRANDCHILD_PID` once both run.
STUBBORN = """\
import signal, subprocess, sys
signal.signal(signal.SIGINT, lambda s, f: print('got', s, flush=True))
g = subprocess.Popen([sys.executable, '-c', 'import signal, sys; '
                      'signal.signal(signal.SIGINT, signal.SIG_IGN); print(1, flush=True); '
                      'sys.stdin.read()'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
g.stdout.readline()
print('ready', g.pid, flush=True)
while True:
    signal.pause()
"""


def test_a_child_that_ignores_sigint_is_interrupted_again_then_killed(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    p = spawn(PY, "-c", STUBBORN, cwd=tmp_path)
    assert p.stdout is not None and p.stderr is not None
    out = Lines(p.stdout.fileno())
    grandchild = int(out.until(b"ready").split()[1])
    watch = os.pidfd_open(grandchild)
    try:
        for _ in range(2):
            p.send_signal(signal.SIGINT)
            assert out.until(b"got") == b"got 2"  # forwarded, each time
        p.send_signal(signal.SIGINT)
        out.rest()
        err = p.stderr.read().decode()
        assert p.wait(timeout=DEADLINE) == 128 + signal.SIGKILL  # ends as the command did
        assert ends_soon(watch), "the grandchild outlived the killed run"
    finally:
        os.close(watch)
        kill_quietly(grandchild)
    assert "runlab: SIGINT again: passing it on once more" in err
    assert "runlab: SIGINT again: killing the command (SIGKILL)" in err
    no_traceback(err)
    run = show(cli)
    assert run["status"] == "killed" and run["signal"] == signal.SIGKILL


# The child ends at the first SIGINT; its grandchild ignores SIGINT and SIGHUP and would
# otherwise live on.
QUITTER = """\
import signal, subprocess, sys, time
signal.signal(signal.SIGINT, signal.SIG_DFL)  # ends at once, without a traceback
g = subprocess.Popen([sys.executable, '-c', 'import signal, time; '
                      'signal.signal(signal.SIGINT, signal.SIG_IGN); '
                      'signal.signal(signal.SIGHUP, signal.SIG_IGN); print(1, flush=True); '
                      'time.sleep(120)'], stdout=subprocess.PIPE)
g.stdout.readline()
print('ready', g.pid, flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize("mode", ["--no-pty", "--pty"])
def test_grandchildren_never_outlive_an_interrupted_run(cli: Callable[..., Result],
                                                        tmp_path: Path, mode: str) -> None:
    p = spawn(mode, PY, "-c", QUITTER, cwd=tmp_path)
    assert p.stdout is not None and p.stderr is not None
    out = Lines(p.stdout.fileno())
    grandchild = int(out.until(b"ready").split()[1])
    watch = os.pidfd_open(grandchild)
    try:
        p.send_signal(signal.SIGINT)
        out.rest()
        err = p.stderr.read().decode()
        assert p.wait(timeout=DEADLINE) == -signal.SIGINT
        assert ends_soon(watch), "the grandchild outlived the interrupted run"
    finally:
        os.close(watch)
        kill_quietly(grandchild)
    no_traceback(err)
    assert show(cli)["status"] == "killed"


# Counts the signals it gets; ends by the first one after reporting it.
ONCE = """\
import os, signal, time
def handler(s, f):
    print('got', s, flush=True)
    signal.signal(s, signal.SIG_DFL)
    os.kill(os.getpid(), s)
for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(s, handler)
print('ready', flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_is_forwarded_once_and_runlab_ends_by_it(cli: Callable[..., Result],
                                                          tmp_path: Path, sig: int) -> None:
    p = spawn(PY, "-c", ONCE, cwd=tmp_path)
    assert p.stdout is not None and p.stderr is not None
    out = Lines(p.stdout.fileno())
    out.until(b"ready")
    p.send_signal(sig)
    rest = out.rest()
    assert p.wait(timeout=DEADLINE) == -sig  # the shell sees 128+N
    assert rest == f"got {int(sig)}\n".encode()  # once
    no_traceback(p.stderr.read())
    run = show(cli)
    assert run["status"] == "killed" and run["signal"] == sig


# On SIGHUP, reports it through a FIFO the test holds open, and leaves.
HANGUP = """\
import os, signal, sys, time
def hup(s, f):
    fd = os.open(sys.argv[1], os.O_WRONLY)
    os.write(fd, b'hup\\n')
    os._exit(0)
signal.signal(signal.SIGHUP, hup)
for i in range(10000):  # two batches of points: runlab writes a full one before echoing it
    print(f'loss={i}')
print('ready', flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize("mode", ["--no-pty", "--pty"])
def test_sigkill_of_runlab_hangs_up_the_child_and_the_run_is_lost(
        cli: Callable[..., Result], tmp_path: Path, mode: str) -> None:
    fifo = tmp_path / "hup.fifo"
    os.mkfifo(fifo)
    report = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # read end, never at EOF
    try:
        p = spawn(mode, PY, "-c", HANGUP, str(fifo), cwd=tmp_path)
        assert p.stdout is not None
        out = Lines(p.stdout.fileno())
        out.until(b"ready")
        p.kill()
        p.wait(timeout=DEADLINE)
        # pipes: PR_SET_PDEATHSIG; a pseudo-terminal: its hangup as well
        ready, _, _ = select.select([report], [], [], DEADLINE)
        assert ready, "the child was not told that runlab died"
        # Told once or twice (the death signal and the terminal's hangup may both arrive
        # before the child's handler exits): each report is the same line.
        assert set(os.read(report, 100).splitlines()) == {b"hup"}
    finally:
        os.close(report)
    runs = listing(cli)
    assert runs[0]["status"] == "lost"
    # A flush on the clock may take part of a batch first: what waits is less than a batch.
    assert runs[0]["metrics"]["loss"]["count"] > 10000 - FLUSH_POINTS
    assert "ready" in cli("log", "last").stdout  # its output so far is kept


def _in_terminal(args: list[str], cwd: Path) -> tuple[subprocess.Popen[bytes], int]:
    """runlab as the foreground process of a real pseudo-terminal; returns it and the master."""
    import fcntl
    import termios

    master, slave = pty.openpty()

    def controlling_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    p = subprocess.Popen(runlab_argv(*args), stdin=slave, stdout=slave, stderr=slave, cwd=cwd,
                         env=child_env(), start_new_session=True,
                         preexec_fn=controlling_terminal)  # noqa: PLW1509 (no threads here)
    os.close(slave)
    return p, master


@pytest.mark.parametrize("presses", [1, 3])
def test_ctrl_c_in_a_real_terminal(cli: Callable[..., Result], tmp_path: Path,
                                   presses: int) -> None:
    code = STUBBORN if presses == 3 else ONCE
    p, master = _in_terminal([PY, "-c", code], tmp_path)
    term = Lines(master)
    grandchild = None
    try:
        line = term.until(b"ready")
        if presses == 3:
            grandchild = int(line.split()[1])
            watch = os.pidfd_open(grandchild)
        for n in range(presses):
            os.write(master, b"\x03")  # the terminal turns it into SIGINT for runlab
            if n < presses - 1:
                term.until(b"got 2")
        term.rest()
        status = p.wait(timeout=DEADLINE)
    finally:
        os.close(master)
        if grandchild:
            kill_quietly(grandchild)
    no_traceback(term.seen)
    if presses == 1:
        assert status == -signal.SIGINT
        assert b"got 2" in term.seen
    else:
        assert status == 128 + signal.SIGKILL
        assert b"runlab: SIGINT again: killing the command (SIGKILL)" in term.seen
        assert ends_soon(watch), "the grandchild outlived the killed run"
        os.close(watch)
    assert show(cli)["status"] == "killed"


# -- job control ------------------------------------------------------------------------------

# Says it is ready with its pid, then waits for a line through the FIFO named first; exits 0.
WAITER = """\
import faulthandler, os, signal, sys
if sys.argv[2] == 'ignore-int':
    signal.signal(signal.SIGINT, signal.SIG_IGN)
faulthandler.register(signal.SIGQUIT)  # Ctrl-\\\\: a dump of its threads, then on it goes
print('ready', os.getpid(), flush=True)
with open(sys.argv[1]) as f:
    f.readline()
print('done', flush=True)
"""


def _state(pid: int) -> str:
    """A process's state letter from /proc (T: stopped)."""
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0]


def _until_state(pid: int, stopped: bool) -> None:
    """Wait (bounded) until the process is stopped, or running again."""
    deadline = time.monotonic() + DEADLINE
    while (_state(pid) in "Tt") != stopped:
        assert time.monotonic() < deadline, f"process {pid} state {_state(pid)}"
        select.select([], [], [], 0.01)


def _release(fifo: Path) -> None:
    with open(fifo, "w") as f:
        f.write("go\n")


@pytest.mark.parametrize("mode", ["--pty", "--no-pty"])
def test_ctrl_z_stops_the_command_and_fg_resumes_it(cli: Callable[..., Result], tmp_path: Path,
                                                    mode: str) -> None:
    fifo = tmp_path / "go.fifo"
    os.mkfifo(fifo)
    p, master = _in_terminal([mode, PY, "-c", WAITER, str(fifo), "-"], tmp_path)
    term = Lines(master)
    try:
        child = int(term.until(b"ready").split()[1])
        os.write(master, b"\x1a")  # Ctrl-Z: the terminal sends SIGTSTP to runlab
        _until_state(child, stopped=True)  # the command stops...
        _until_state(p.pid, stopped=True)  # ...and so does runlab, as a shell's job would
        os.kill(p.pid, signal.SIGCONT)  # `fg`
        _until_state(child, stopped=False)
        _release(fifo)
        term.until(b"done")
        term.rest()
        assert p.wait(timeout=DEADLINE) == 0
    finally:
        os.close(master)
        kill_quietly(p.pid)
    no_traceback(term.seen)
    run = show(cli)
    assert run["status"] == "finished" and run["exit_code"] == 0


@pytest.mark.parametrize("mode", ["--pty", "--no-pty"])
def test_ctrl_backslash_is_passed_to_the_command(cli: Callable[..., Result], tmp_path: Path,
                                                 mode: str) -> None:
    fifo = tmp_path / "go.fifo"
    os.mkfifo(fifo)
    p, master = _in_terminal([mode, PY, "-c", WAITER, str(fifo), "-"], tmp_path)
    term = Lines(master)
    try:
        term.until(b"ready")
        os.write(master, b"\x1c")  # Ctrl-\: SIGQUIT
        term.until(b"most recent call first")  # the command's faulthandler dump
        assert p.poll() is None  # runlab lives on
        _release(fifo)
        term.until(b"done")
        term.rest()
        assert p.wait(timeout=DEADLINE) == 0
    finally:
        os.close(master)
        kill_quietly(p.pid)
    no_traceback(term.seen)
    run = show(cli)
    assert run["status"] == "finished" and run["exit_code"] == 0


def test_a_command_that_ignores_sigint_and_exits_0_finished(cli: Callable[..., Result],
                                                            tmp_path: Path) -> None:
    fifo = tmp_path / "go.fifo"
    os.mkfifo(fifo)
    p = spawn(PY, "-c", WAITER, str(fifo), "ignore-int", cwd=tmp_path)
    assert p.stdout is not None and p.stderr is not None
    out = Lines(p.stdout.fileno())
    out.until(b"ready")
    p.send_signal(signal.SIGINT)
    _release(fifo)
    out.until(b"done")
    assert p.wait(timeout=DEADLINE) == 0
    no_traceback(p.stderr.read())
    run = show(cli)
    assert run["status"] == "finished" and run["exit_code"] == 0


CATCHER = """\
import sys
print('ready', flush=True)
try:
    sys.stdin.readline()  # (training, until Ctrl-C)
except KeyboardInterrupt:
    print('interrupted: saving the checkpoint', flush=True)
"""


def test_a_command_that_catches_ctrl_c_and_exits_0_was_interrupted(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # timm's train.py catches KeyboardInterrupt, saves and exits 0: the run stopped early,
    # so it is `killed` (runlab exits 0, as the command did: the shell sees what it would)
    p = spawn(PY, "-c", CATCHER, cwd=tmp_path, stdin=subprocess.PIPE)
    assert p.stdout is not None and p.stderr is not None
    out = Lines(p.stdout.fileno())
    out.until(b"ready")
    p.send_signal(signal.SIGINT)
    out.until(b"saving")
    assert p.wait(timeout=DEADLINE) == 0
    no_traceback(p.stderr.read())
    run = show(cli)
    assert run["status"] == "killed" and run["exit_code"] == 0


def test_a_background_run_in_a_script_ignores_sigint_as_the_command_would(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # A script's `cmd &` starts with SIGINT ignored; Ctrl-C on the script (its process group)
    # ends the script, not the job.
    fifo = tmp_path / "go.fifo"
    os.mkfifo(fifo)
    import shlex

    argv = shlex.join(runlab_argv(PY, "-c", WAITER, str(fifo), "-"))
    script = f"{argv} > {tmp_path / 'out'} 2>&1 &\necho $!\nwait\n"
    (tmp_path / "out").write_bytes(b"")
    sh = subprocess.Popen(["sh", "-c", script], stdout=subprocess.PIPE, cwd=tmp_path,
                          env=child_env(), start_new_session=True)
    assert sh.stdout is not None
    pid = int(sh.stdout.readline())
    watch = os.pidfd_open(pid)
    try:
        deadline = time.monotonic() + DEADLINE
        while b"ready" not in (tmp_path / "out").read_bytes():
            assert time.monotonic() < deadline
            select.select([], [], [], 0.01)
        os.killpg(sh.pid, signal.SIGINT)  # Ctrl-C on the script
        sh.wait(timeout=DEADLINE)
        _release(fifo)
        assert ends_soon(watch, DEADLINE)
    finally:
        os.close(watch)
        kill_quietly(pid)
    assert b"done" in (tmp_path / "out").read_bytes()
    run = show(cli)
    assert run["status"] == "finished" and run["exit_code"] == 0


# -- load -------------------------------------------------------------------------------------

RUNS = 16
POINTS = 10_000

# Prints half its points, says so, waits for a line on stdin, then prints the other half.
HALVES = f"""\
import sys
for i in range({POINTS // 2}):
    print(f'step={{i}} loss={{i / {POINTS}}}')
print('half', flush=True)
sys.stdin.readline()
for i in range({POINTS // 2}, {POINTS}):
    print(f'step={{i}} loss={{i / {POINTS}}}')
"""


@pytest.mark.slow
def test_sixteen_runs_at_once_while_another_process_tags_and_lists(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    import threading

    started = time.monotonic()
    procs = [spawn("--no-git", "-n", f"load{k}", PY, "-c", HALVES, cwd=tmp_path,
                   stdin=subprocess.PIPE) for k in range(RUNS)]
    halfway = [threading.Event() for _ in procs]
    outputs = [b""] * RUNS

    def drain() -> None:  # reads every run's echo, so that none blocks on a full pipe
        import selectors

        sel = selectors.DefaultSelector()
        for k, p in enumerate(procs):
            assert p.stdout is not None
            sel.register(p.stdout.fileno(), selectors.EVENT_READ, k)
        while sel.get_map():
            for key, _ in sel.select():
                data = os.read(int(key.fd), 65536)
                if not data:
                    sel.unregister(key.fd)
                    continue
                outputs[key.data] += data
                if b"half\n" in outputs[key.data][-4096:]:
                    halfway[key.data].set()

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    expected: dict[str, dict[str, str]] = {}
    stderrs: list[str] = []
    listings = 0
    # The other process: `runlab ls` and `runlab tag` as real processes, in a loop while the
    # runs go. Each run is tagged halfway through, while it writes its points, and only then
    # let go of; every round also tags an earlier run, finished or not.
    for k, p in enumerate(procs):
        # A bound, not a timing: sixteen runs start at once on as few as two cores, right
        # after the gigabyte tests have left the disk busy writing back.
        if not halfway[k].wait(3 * DEADLINE):
            code = p.poll()
            err = p.stderr.read().decode() if code is not None and p.stderr else "(running)"
            pytest.fail(f"run load{k} never got halfway (exit {code}): {err}")
        r = cli("ls", "--json", "--all")
        stderrs.append(r.stderr)
        assert r.code == 0, r.stderr
        listed = {run["name"]: run for run in json.loads(r.stdout)}
        listings += 1
        assert listed[f"load{k}"]["status"] == "running"
        for name in {f"load{k}", f"load{k // 2}"}:
            r = cli("tag", name, f"k{k}=v{k}")
            stderrs.append(r.stderr)
            assert r.code == 0, r.stderr
            expected.setdefault(name, {})[f"k{k}"] = f"v{k}"
        assert p.stdin is not None
        p.stdin.write(b"go\n")
        p.stdin.close()
    for p in procs:
        assert p.wait(timeout=DEADLINE) == 0
        assert p.stderr is not None
        stderrs.append(p.stderr.read().decode())
    reader.join(DEADLINE)
    elapsed = time.monotonic() - started
    for err in stderrs:
        no_traceback(err)
        assert "runlab: warning" not in err and "runlab: error" not in err, err
    for out in outputs:
        assert out.count(b"\n") == POINTS + 1  # every line echoed

    runs = listing(cli)
    assert sorted(r["number"] for r in runs) == list(range(1, RUNS + 1))  # distinct, no gap
    assert sorted(r["name"] for r in runs) == sorted(f"load{k}" for k in range(RUNS))
    from runlab.store import Store

    store = Store(str(store_root()))
    try:
        points = 0
        for run in runs:
            assert run["status"] == "finished"
            assert run["metrics"]["loss"]["count"] == POINTS
            assert run["metrics"]["loss"]["last_step"] == POINTS - 1
            assert run["tags"] == expected[run["name"]]
            series = store.series(run["id"], ["loss"])["loss"]
            assert [pt.step for pt in series] == list(range(POINTS))
            points += len(series)
    finally:
        store.close()
    # The numbers are the journals' too: a rebuilt index gives every run the same one.
    before = {r["id"]: r["number"] for r in runs}
    for suffix in ("", "-wal", "-shm"):
        (store_root() / f"index.db{suffix}").unlink(missing_ok=True)
    assert {r["id"]: r["number"] for r in listing(cli)} == before
    figures("load", runs=len(runs), points=points, tags=sum(map(len, expected.values())),
            listings=listings, seconds=f"{elapsed:.1f}")


# -- output abuse -----------------------------------------------------------------------------


# A small launcher starts runlab and reports its peak: a child's peak RSS counts the memory of
# the process it was forked from (the kernel keeps the high-water mark across exec), so runlab
# started straight from this test process would be charged with pytest's own size.
_LAUNCHER = """
import os, subprocess, sys
p = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def _run_measured(args: list[str], cwd: Path, **kw: object) -> tuple[int, int, str]:
    """Run runlab to its end; returns (exit code, peak RSS in bytes, stderr). The peak is
    the largest of runlab and what it waited for, so the generators here are tiny programs."""
    report = cwd / "peak.txt"
    p = subprocess.run([sys.executable, "-c", _LAUNCHER, str(report), *runlab_argv(*args)],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, cwd=cwd, env=child_env(), check=False,
                       **kw)  # type: ignore[call-overload]
    assert p.returncode == 0, p.stderr.decode()
    code, peak = map(int, report.read_text().split())
    report.unlink()
    return code, peak * 1024, p.stderr.decode()


def _open_new_store(root: str, start: object) -> tuple[bool, list[str]]:
    from runlab.store import Store

    start.wait()  # type: ignore[attr-defined]
    store = Store(root)
    try:
        store.catch_up()
        return store.writable, store.problems
    finally:
        store.close()


def test_processes_that_open_a_new_store_at_once_all_write_it(tmp_path: Path) -> None:
    # Runs started together on a new store race to create its index. SQLite turns a new
    # database to WAL without waiting on the others (no busy handler): the losers took the
    # store for one that cannot be written and said so. Twenty-four rounds of sixteen
    # processes; before the fix about one round in eight had a loser (so this fails then 24
    # times in 25).
    import multiprocessing

    fork = multiprocessing.get_context("fork")
    with fork.Manager() as manager, fork.Pool(16) as pool:
        for k in range(24):
            root = str(tmp_path / f"store{k}")
            start = manager.Barrier(16)
            for writable, problems in pool.starmap(_open_new_store, [(root, start)] * 16):
                assert writable and problems == [], problems


@pytest.mark.slow
def test_a_gigabyte_of_output(cli: Callable[..., Result], tmp_path: Path) -> None:
    size, width = 1 << 30, 4000
    gen = f"head -c {size} /dev/zero | tr '\\0' x | fold -w {width}"
    started = time.monotonic()
    code, peak, err = _run_measured(["--no-git", "--no-system-metrics", "sh", "-c", gen],
                                    tmp_path)
    elapsed = time.monotonic() - started
    assert code == 0, err
    no_traceback(err)
    run = show(cli)
    log = run_dir(run["id"]) / "output.log"
    written = size + -(-size // width) - 1  # fold puts a line end between every 4000 bytes
    assert log.stat().st_size == written
    assert peak < 100 * MB
    assert run["status"] == "finished" and run["metrics"] == {}
    log.unlink()  # a gigabyte is not left behind in tmp
    figures("1 GB of output", bytes=written, peak_rss_mb=f"{peak / MB:.1f}",
            seconds=f"{elapsed:.1f}")


@pytest.mark.slow
def test_one_line_of_100_mb_without_a_newline(cli: Callable[..., Result],
                                              tmp_path: Path) -> None:
    size = 100 * MB
    gen = f"head -c {size} /dev/zero | tr '\\0' y; echo; echo acc=0.5"
    code, peak, err = _run_measured(["--no-git", "--no-system-metrics", "sh", "-c", gen],
                                    tmp_path)
    assert code == 0, err
    no_traceback(err)
    run = show(cli)
    log = run_dir(run["id"]) / "output.log"
    assert log.stat().st_size == size + len(b"\nacc=0.5\n")
    assert peak < 100 * MB
    assert run["metrics"]["acc"]["last"] == 0.5  # parsing goes on after the giant line
    figures("100 MB line", bytes=log.stat().st_size, peak_rss_mb=f"{peak / MB:.1f}")


def _byte_identical(cli: Callable[..., Result], tmp_path: Path, data: bytes,
                    *options: str) -> dict:  # type: ignore[type-arg]
    """Run a child that writes `data` to stdout; the log and the echo must be those bytes."""
    source = tmp_path / "payload.bin"
    source.write_bytes(data)
    p = subprocess.run(runlab_argv(*options, "--no-git", "cat", str(source)), cwd=tmp_path,
                       env=child_env(), capture_output=True, timeout=DEADLINE, check=False)
    assert p.returncode == 0, p.stderr
    no_traceback(p.stderr)
    assert hashlib.sha256(p.stdout).hexdigest() == hashlib.sha256(data).hexdigest()
    run = show(cli)
    assert sha256_file(run_dir(run["id"]) / "output.log") == hashlib.sha256(data).hexdigest()
    return run


def test_random_binary_and_invalid_utf8(cli: Callable[..., Result], tmp_path: Path) -> None:
    rng = random.Random(6)
    parts = []
    for i in range(64):
        parts.append(rng.randbytes(64 * 1024))
        parts.append(b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc\xed\xa0\x80")
        parts.append(b"\nloss=%d\n" % i)
    run = _byte_identical(cli, tmp_path, b"".join(parts))
    assert run["metrics"]["loss"]["count"] == 64  # the readable lines are still read
    assert run["metrics"]["loss"]["last"] == 63


def test_nul_bytes(cli: Callable[..., Result], tmp_path: Path) -> None:
    data = b"a\0b\0\0\nloss=\0\n\0\0acc=0.5\n" + b"\0" * MB + b"\nlr=0.1\n\0"
    run = _byte_identical(cli, tmp_path, data)
    assert run["metrics"]["acc"]["last"] == 0.5 and run["metrics"]["lr"]["last"] == 0.1


def test_endless_carriage_return_redraws(cli: Callable[..., Result], tmp_path: Path) -> None:
    redraws = 100_000
    data = b"".join(b"\r%6d/100000 [####  ] loss=%d" % (i, i) for i in range(redraws)) + b"\n"
    run = _byte_identical(cli, tmp_path, data)
    assert run["metrics"]["loss"]["count"] == redraws  # every redraw is a line
    assert run["metrics"]["loss"]["last"] == redraws - 1


def test_an_escape_code_storm(cli: Callable[..., Result], tmp_path: Path) -> None:
    storm = b"\x1b[2K\x1b[1A\x1b[38;5;196m\x1b]0;title\x07\x1b[?25l\x1b7\x1b(B\x1bP\x1b\\"
    # Redraws full of escape codes, a line of nothing but escape codes, unterminated ones.
    data = ((storm + b"\r") * 200_000 + b"acc=0.75\n" + storm * 1000 + b"\x1b["
            + b"\x1b]unterminated" + b"\nloss=0.25\x1b[0m\n\x1b")
    run = _byte_identical(cli, tmp_path, data)
    assert run["metrics"]["acc"]["last"] == 0.75 and run["metrics"]["loss"]["last"] == 0.25


@pytest.mark.parametrize("mode", ["--no-pty", "--pty"])
def test_a_child_that_closes_its_stdout_and_runs_on(cli: Callable[..., Result],
                                                    tmp_path: Path, mode: str) -> None:
    code = ("import os, sys\nprint('closing', flush=True)\nos.close(1)\n"
            "sys.stdin.readline()\nsys.stderr.write('still here\\n')\nsys.exit(3)\n")
    p = spawn(mode, PY, "-c", code, cwd=tmp_path, stdin=subprocess.PIPE)
    assert p.stdout is not None and p.stdin is not None and p.stderr is not None
    out = Lines(p.stdout.fileno())
    out.until(b"closing")
    p.stdin.write(b"go on\n")  # only now does the child go on: runlab must still be there
    p.stdin.close()
    out.rest()
    err = p.stderr.read().decode()
    assert p.wait(timeout=DEADLINE) == 3
    assert "still here" in err
    no_traceback(err)
    run = show(cli)
    assert run["status"] == "failed" and run["exit_code"] == 3
    log = cli("log", "last").stdout
    assert "closing" in log and "still here" in log


@pytest.mark.parametrize("mode", ["--no-pty", "--pty"])
def test_a_child_that_daemonises(cli: Callable[..., Result], tmp_path: Path, mode: str) -> None:
    # The daemon keeps the output open and outlives the child. runlab finishes shortly after
    # the child ends (runner.DRAIN_S) and leaves the daemon alone: the run was not
    # interrupted, and a server started in the background is what the user asked for.
    # With pipes it stays in the command's process group; in a pseudo-terminal it detaches
    # (setsid), as a daemon must to survive its terminal closing, with or without runlab.
    code = ("import os, subprocess\n"
            f"d = subprocess.Popen(['sleep', '120'], start_new_session={mode == '--pty'})\n"
            "print('daemon', d.pid, flush=True)\n")
    p = spawn(mode, PY, "-c", code, cwd=tmp_path)
    assert p.stdout is not None and p.stderr is not None
    out = Lines(p.stdout.fileno())
    daemon = int(out.until(b"daemon").split()[1])
    try:
        out.rest(timeout=30)  # runlab let go of the output: it did not wait for the daemon
        assert p.wait(timeout=30) == 0
        no_traceback(p.stderr.read())
        assert not gone(daemon), "runlab killed a daemon of a run that was not interrupted"
    finally:
        kill_quietly(daemon)
    run = show(cli)
    assert run["status"] == "finished" and run["exit_code"] == 0


@pytest.mark.parametrize("mode", ["--no-pty", "--pty"])
def test_output_the_child_left_behind_is_read_to_its_end(cli: Callable[..., Result],
                                                          tmp_path: Path, mode: str) -> None:
    # What was written before the child ended may still be on its way when runlab is behind
    # (a busy machine; a terminal's buffer holds much): runlab reads on while it pours in. Here
    # a process of the child's own writes 40,000 lines of prose, more than runlab reads in the
    # moment it waits after the child ends, then a result; the child ends at once.
    writer = ("import sys\nw = sys.stdout.write\n"
              "for i in range(40_000):\n    w(f'working on item {i} of the set\\n')\n"
              "w('final_acc: 0.9123\\n')\n")
    code = ("import subprocess, sys\n"
            f"subprocess.Popen([sys.executable, '-c', {writer!r}], "
            f"start_new_session={mode == '--pty'})\n")
    p = spawn(mode, PY, "-c", code, cwd=tmp_path, stdout=subprocess.DEVNULL)
    assert p.wait(timeout=DEADLINE) == 0
    no_traceback(p.stderr.read() if p.stderr is not None else b"")
    run = show(cli)
    assert run["status"] == "finished" and run["exit_code"] == 0
    assert run["metrics"]["final_acc"]["last"] == 0.9123
    assert "working on item 39999 of the set" in cli("log", "last").stdout


@pytest.mark.parametrize("mode", ["--no-pty", "--pty"])
def test_a_daemon_that_writes_on_does_not_fill_the_run_s_log(cli: Callable[..., Result],
                                                             tmp_path: Path, mode: str) -> None:
    # A daemon that writes as fast as it can keeps the output busy after the child ends:
    # runlab reads on only so much of it (runner.DRAIN_BUSY_BYTES), then lets it go.
    writer = "import sys\nwhile True:\n    sys.stdout.write('daemon still writing\\n')\n"
    code = ("import subprocess, sys\n"
            f"d = subprocess.Popen([sys.executable, '-c', {writer!r}], "
            f"start_new_session={mode == '--pty'})\n"
            "print('daemon', d.pid, flush=True)\n")
    p = spawn(mode, PY, "-c", code, cwd=tmp_path, stdout=subprocess.PIPE)
    assert p.stdout is not None
    out = Lines(p.stdout.fileno())
    daemon = int(out.until(b"daemon").split()[1])
    try:
        out.rest(timeout=DEADLINE)  # runlab let go of the output
        assert p.wait(timeout=DEADLINE) == 0
    finally:
        kill_quietly(daemon)
    run = show(cli)
    assert run["status"] == "finished" and run["exit_code"] == 0
    log = store_root() / "runs" / run["id"] / "output.log"
    assert 0 < log.stat().st_size < 8 << 20  # (read on for 10 s, some 15 MB here)


# -- store faults -----------------------------------------------------------------------------


def _lost_run(tmp_path: Path) -> str:
    """A run whose runlab was SIGKILLed mid-run (its child ends on the hangup); its id."""
    # two batches of points: whatever a flush on the clock took first, a full batch is
    # written before `ready` is echoed
    code = (f"import time\nfor i in range({2 * FLUSH_POINTS}):\n    print(f'acc={{i}}')\n"
            "print('ready', flush=True)\ntime.sleep(120)\n")
    p = spawn("--no-git", PY, "-c", code, cwd=tmp_path)
    assert p.stdout is not None
    Lines(p.stdout.fileno()).until(b"ready")
    p.kill()
    p.wait(timeout=DEADLINE)
    runs = [d.name for d in (store_root() / "runs").iterdir()]
    assert len(runs) == 1
    return runs[0]


def test_a_truncated_last_journal_line_is_ignored_with_a_warning(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # Power lost mid-write: the journal ends in half a line.
    run_id = _lost_run(tmp_path)
    journal = run_dir(run_id) / "journal.jsonl"
    with open(journal, "ab") as f:
        f.write(b'{"e":"metrics","p":[["acc",0.9,1,17')
    r = cli("ls", "--json")
    assert r.code == 0
    no_traceback(r.stderr)
    assert "runlab: warning:" in r.stderr and "journal.jsonl" in r.stderr, r.stderr
    run = json.loads(r.stdout)[0]
    # what was written is read (not the half line's 0.9); less than a batch may still wait
    assert run["status"] == "lost" and run["metrics"]["acc"]["last"] >= FLUSH_POINTS
    # A finished run cut the same way, found by a rebuilt index.
    cli("--no-git", PY, "-c", "print('loss=1')")
    finished = show(cli)
    with open(run_dir(finished["id"]) / "journal.jsonl", "ab") as f:
        f.write(b'{"e":"tag","tags":{"k":')
    (store_root() / "index.db").unlink()
    r = cli("ls", "--json")
    no_traceback(r.stderr)
    assert "runlab: warning:" in r.stderr and finished["id"] in r.stderr, r.stderr
    again = {x["id"]: x for x in json.loads(r.stdout)}
    assert again[finished["id"]]["status"] == "finished"
    assert again[finished["id"]]["number"] == finished["number"]


def _three_runs(cli: Callable[..., Result]) -> list[dict]:  # type: ignore[type-arg]
    for i in range(3):
        r = cli("--no-git", "-t", f"t{i}", PY, "-c", f"print('acc={i / 10}')")
        assert r.code == 0, r.stderr
    cli("rm", "2")  # a deleted run is rebuilt deleted
    cli("tag", "1", "late=yes")
    hidden: list[dict] = json.loads(cli("ls", "--json", "--deleted").stdout)  # type: ignore[type-arg]
    return listing(cli) + hidden


def _essentials(runs: list[dict]) -> list[tuple]:  # type: ignore[type-arg]
    return sorted((r["number"], r["id"], r["status"], json.dumps(r["tags"], sort_keys=True),
                   json.dumps(r["metrics"], sort_keys=True), r.get("deleted"))
                  for r in runs)


@pytest.mark.parametrize("damage", ["garbage", "deleted", "empty"])
def test_a_damaged_or_missing_index_is_rebuilt_with_the_same_runs_and_numbers(
        cli: Callable[..., Result], damage: str) -> None:
    before = _three_runs(cli)
    (store_root() / "runs" / ".DS_Store").write_bytes(b"\0")  # strays that are not runs
    (store_root() / "runs" / "being-copied").mkdir()
    index = store_root() / "index.db"
    for suffix in ("-wal", "-shm"):
        (store_root() / f"index.db{suffix}").unlink(missing_ok=True)
    if damage == "garbage":
        index.write_bytes(os.urandom(8192))
    elif damage == "empty":
        index.write_bytes(b"")
    else:
        index.unlink()
    r = cli("ls", "--json", "--all")
    assert r.code == 0, r.stderr
    no_traceback(r.stderr)
    if damage == "garbage":
        assert "runlab: warning:" in r.stderr and "rebuilt" in r.stderr
    after = json.loads(r.stdout) + json.loads(cli("ls", "--json", "--deleted").stdout)
    assert _essentials(after) == _essentials(before)
    # And the next run takes the next number.
    cli("--no-git", PY, "-c", "pass")
    assert show(cli)["number"] == 4


FILL = """\
import sys
for i in range(40000):
    print(f'line {i:06d} loss={i}' + ' pad' * 20)
sys.exit(4)
"""


@pytest.mark.parametrize("limit", [256 * 1024, 2 * MB], ids=["journal-full", "log-full"])
def test_a_full_disk_keeps_the_child_running_and_says_what_was_lost(
        cli: Callable[..., Result], tmp_path: Path, limit: int) -> None:
    # The tests run as root, which ignores file modes, so "the disk is full" is a file size
    # limit on runlab (RLIMIT_FSIZE): every write past it fails with EFBIG, as with ENOSPC.
    # The store is made first, so that the limit hits the run, not the creation of the index.
    cli("--no-git", "true")

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    p = subprocess.run(runlab_argv("--no-git", "--no-system-metrics", PY, "-c", FILL),
                       cwd=tmp_path, env=child_env(), capture_output=True, timeout=DEADLINE,
                       check=False, preexec_fn=limited)
    err = p.stderr.decode()
    no_traceback(err)
    assert p.returncode == 4, err  # the command's own code: it ran to its end
    lines = p.stdout.splitlines()
    assert len(lines) == 40000 and lines[-1].startswith(b"line 039999")  # all echoed
    assert "runlab: warning: the output log stopped being written" in err, err
    run = json.loads(cli("show", "last", "--json").stdout)
    log = run_dir(run["id"]) / "output.log"
    assert 0 < log.stat().st_size <= limit
    # The log holds the output up to the limit: every byte of it, in order.
    assert log.read_bytes() == p.stdout[: log.stat().st_size]
    assert f"stopped being written at {log.stat().st_size} bytes" in err
    # How the run ended is recorded, in the journal or, when that is full too, in the index.
    assert run["status"] == "failed" and run["exit_code"] == 4
    recorded = run["metrics"]["loss"]["count"]
    if limit == 2 * MB:  # the journal had room: every point
        assert recorded == 40000
        lost = 0
    else:  # the journal filled up: what it missed is counted, and said
        found = re.search(r"journal could not be written \(File too large\): (\d+) metric", err)
        assert found, err
        lost = int(found.group(1))
        assert lost > 0 and recorded + lost == 40000
        # A line the limit cut in half is taken back, so the small end event still fits:
        # the journal, the record, says how the run ended.
        assert "how it ended is in the index only" not in err
        ends = [json.loads(line) for line in
                (run_dir(run["id"]) / "journal.jsonl").read_text().splitlines()
                if '"e":"end"' in line]
        assert [(e["status"], e["exit_code"]) for e in ends] == [("failed", 4)]
        series = cli("metrics", "last", "loss", "--json")
        assert series.code == 0
        no_traceback(series.stderr)
    figures(f"full disk at {limit} bytes", echoed_lines=len(lines),
            log_bytes=log.stat().st_size, status=run["status"], points_recorded=recorded,
            points_reported_lost=lost)


def test_echo_to_a_full_disk_stops_the_echo_not_the_run(cli: Callable[..., Result],
                                                        tmp_path: Path) -> None:
    # `runlab cmd > out.txt` with the disk full: the echo stops, the run goes on.
    cli("--no-git", "true")
    limit = 2 * MB

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    echo = tmp_path / "out.txt"
    with open(echo, "wb") as out:
        p = subprocess.run(runlab_argv("--no-git", "--no-system-metrics", PY, "-c", FILL),
                           cwd=tmp_path, env=child_env(), stdout=out, stderr=subprocess.PIPE,
                           timeout=DEADLINE, check=False,
                           preexec_fn=limited)
    err = p.stderr.decode()
    no_traceback(err)
    assert p.returncode == 4, err
    assert "runlab: stopped echoing the command's output: File too large" in err
    assert echo.stat().st_size == limit
    run = show(cli)
    assert run["status"] == "failed" and run["metrics"]["loss"]["count"] == 40000
    assert (run_dir(run["id"]) / "output.log").read_bytes() == echo.read_bytes()


def test_a_store_that_cannot_be_created_is_an_error_before_the_child_starts(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory\n")
    marker = tmp_path / "ran"
    r = cli("--no-git", "touch", str(marker), env={"RUNLAB_STORE": str(blocker / "store")})
    assert r.code == 125
    assert r.stderr.startswith("runlab: error: cannot create the store at ")
    assert r.stderr.count("\n") == 1  # one line
    assert not marker.exists()  # the command never ran


def test_a_store_from_a_newer_runlab_is_refused_and_left_alone(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    cli("--no-git", PY, "-c", "print('acc=1')")
    index = store_root() / "index.db"
    db = sqlite3.connect(index)
    db.execute("PRAGMA user_version = 99")
    db.close()
    marker = tmp_path / "ran"
    for args, code in ((["ls"], 1), (["--no-git", "touch", str(marker)], 125)):
        r = cli(*args)
        assert r.code == code, r.stderr
        assert r.stderr.startswith("runlab: error: ") and "newer runlab" in r.stderr
        assert r.stderr.count("\n") == 1
    assert not marker.exists()
    db = sqlite3.connect(index)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 99  # never migrated
    db.close()


# -- a full disk, a read-only store -----------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 512 KB filesystem (tmpfs), for a disk that fills up: ENOSPC, not a size limit."""
    where = tmp_path / "tiny"
    where.mkdir()
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=512k,mode=0755", "tmpfs", str(where)],
            capture_output=True, check=False).returncode != 0:
        pytest.skip("mounting a small filesystem needs root")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(disk: Path) -> None:
    """Take every byte left on the filesystem."""
    with open(disk / "filler", "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass


def _store_files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): sha256_file(p) for p in sorted(root.rglob("*"))
            if p.is_file()}


LONG = """\
import sys
for i in range(20000):
    print(f'step={i} loss={i} acc={i} ' + 'pad ' * 10)
"""


def test_a_run_that_fills_the_disk_passes_its_exit_code_through(
        cli: Callable[..., Result], tmp_path: Path, tiny_disk: Path) -> None:
    env = {"RUNLAB_STORE": str(tiny_disk / "store")}
    assert cli("--no-git", "true", env=env).code == 0
    p = subprocess.run(runlab_argv("--no-git", "--no-system-metrics", PY, "-c", LONG),
                       cwd=tmp_path, env=child_env(env), capture_output=True,
                       timeout=DEADLINE, check=False)
    err = p.stderr.decode()
    no_traceback(err)
    assert p.returncode == 0, err  # the command's own code
    assert "No space left on device" in err  # what was not kept is said
    assert len(p.stdout.splitlines()) == 20000  # every line echoed
    runs = [d for d in (tiny_disk / "store" / "runs").iterdir()]
    ended = []
    for d in runs:
        lines = (d / "journal.jsonl").read_bytes().splitlines()
        events = [json.loads(line) for line in lines]  # no half line left behind
        ended += [e for e in events if e["e"] == "end"]
        assert not (d / "reserve").exists()
    assert sorted(e["status"] for e in ended) == ["finished", "finished"]  # in the journal
    for args in (["ls", "--json"], ["show", "last", "--json"], ["metrics", "last"], ["log", "last"]):
        r = cli(*args, env=env)
        assert r.code == 0, (args, r.stderr)
        no_traceback(r.stderr)
    assert [r["status"] for r in json.loads(cli("ls", "--json", env=env).stdout)] == \
        ["finished", "finished"]
    # The disk full to the last byte, and the index gone: reading still works, from an index
    # built in memory, with the same numbers, and one line saying why.
    (tiny_disk / "store" / "index.db").unlink()
    _fill(tiny_disk)
    r = cli("ls", "--json", env=env)
    assert r.code == 0, r.stderr
    no_traceback(r.stderr)
    assert r.stderr.count("\n") <= 1 and "cannot be written" in r.stderr, r.stderr
    assert [(x["number"], x["status"]) for x in json.loads(r.stdout)] == \
        [(2, "finished"), (1, "finished")]


def _as_another_user(argv: list[str]) -> list[str]:
    """argv run without the right to write the store: as root, in a user namespace whose
    user owns nothing outside it (root's files are another user's there)."""
    if os.geteuid() != 0:
        return argv
    if subprocess.run(["unshare", "--user", "true"], capture_output=True,
                      check=False).returncode != 0:
        pytest.skip("root ignores file modes and user namespaces are not available")
    return ["unshare", "--user", *argv]


@pytest.mark.parametrize("index", ["kept", "stale", "missing"])
def test_a_read_only_store_can_be_read(cli: Callable[..., Result], tmp_path: Path,
                                       index: str) -> None:
    for i in range(2):
        r = cli("--no-git", "-t", f"k={i}", PY, "-c", f"print('acc={i / 10}')")
        assert r.code == 0, r.stderr
    root = store_root()
    expected = [(x["number"], x["id"], x["status"], x["tags"]) for x in listing(cli)]
    if index == "stale":  # a tag recorded in a journal that the index has not seen yet
        first = expected[-1][1]
        with open(run_dir(first) / "journal.jsonl", "ab") as f:
            f.write(b'{"e":"tag","tags":{"late":"yes"}}\n')
        expected[-1][3]["late"] = "yes"
    elif index == "missing":
        (root / "index.db").unlink()
    subprocess.run(["chmod", "-R", "a+rX,a-w", str(root)], check=True)
    before = _store_files(root)
    try:
        for args in (["ls", "--json", "--all"], ["show", "1", "--json"], ["metrics", "1"],
                     ["log", "2"], ["ls"]):
            p = subprocess.run(_as_another_user(runlab_argv(*args)), cwd=tmp_path,
                               env=child_env(), capture_output=True, text=True,
                               timeout=DEADLINE, check=False)
            assert p.returncode == 0, (args, p.stderr)
            no_traceback(p.stderr)
            assert p.stderr.count("\n") <= 1, p.stderr  # a one-line note at most
            if args[:2] == ["ls", "--json"]:
                listed = [(x["number"], x["id"], x["status"], x["tags"])
                          for x in json.loads(p.stdout)]
                if index != "stale":  # (a stale index is shown as it was last written)
                    assert listed == expected
                else:
                    assert [x[:3] for x in listed] == [x[:3] for x in expected]
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(root)], check=True)
    assert _store_files(root) == before  # reading wrote nothing


# -- maintenance while runs are recorded ------------------------------------------------------

# Records runs through the Python API in one long-lived process (halfway, it waits for a line
# on stdin), printing the number each got.
API_LOOP = """\
import sys
import runlab
for i in range(int(sys.argv[1])):
    if i == int(sys.argv[1]) // 2:
        sys.stdin.readline()
    with runlab.start_run(name=f"api{i}") as run:
        run.log_metric("x", i)
    print(run.id, run.number, flush=True)
"""


@pytest.mark.slow
def test_reindex_in_a_loop_while_sixteen_runs_record_and_others_tag_and_list(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    import threading

    points = 2000
    # Each writer records half its points, waits for a line on stdin, then the rest.
    code = (f"import sys\nfor i in range({points}):\n    print(f'step={{i}} loss={{i}}')\n"
            f"    if i == {points // 2}: sys.stdin.readline()\n")
    cli("--no-git", "true")  # the store exists before the crowd comes
    inode = (store_root() / "index.db").stat().st_ino
    writers = [spawn("--no-git", "--no-system-metrics", "-n", f"w{k}", PY, "-c", code,
                     cwd=tmp_path, stdout=subprocess.DEVNULL, stdin=subprocess.PIPE)
               for k in range(RUNS)]
    api = subprocess.Popen([PY, "-c", API_LOOP, "40"], cwd=tmp_path, stdout=subprocess.PIPE,
                           stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env=child_env())
    done = threading.Event()
    rounds = threading.Semaphore(0)  # one release per finished reindex
    failures: list[str] = []
    counts = {"reindex": 0, "tag": 0, "ls": 0}

    def loop(what: str, args: Callable[[int], list[str]]) -> None:
        k = 0
        while not done.is_set() or k == 0:
            r = cli(*args(k))
            counts[what] += 1
            if what == "reindex":
                rounds.release()
            if r.code != 0 or "Traceback" in r.stderr or "locked" in r.stderr \
                    or "I/O error" in r.stderr:
                failures.append(f"{args(k)}: {r.code} {r.stderr}")
            k += 1

    loops = [threading.Thread(target=loop, args=("reindex", lambda k: ["reindex"])),
             threading.Thread(target=loop, args=("tag", lambda k: ["tag", "1", f"t{k}=v"])),
             threading.Thread(target=loop, args=("ls", lambda k: ["ls", "--json", "--all"]))]
    for t in loops:
        t.start()
    try:
        for _ in range(2):  # two whole reindexes while every run is halfway, then let go
            assert rounds.acquire(timeout=DEADLINE * 3)
        for p in writers:
            assert p.stdin is not None
            p.stdin.write(b"go\n")
            p.stdin.close()
        api_out, api_err = api.communicate("go\n", timeout=DEADLINE * 3)
        for p in writers:
            assert p.wait(timeout=DEADLINE * 3) == 0
            assert p.stderr is not None
            err = p.stderr.read().decode()
            no_traceback(err)
            assert "runlab: warning" not in err and "runlab: error" not in err, err
    finally:
        done.set()
        for t in loops:
            t.join(DEADLINE * 3)
    assert api.returncode == 0, api_err
    no_traceback(api_err)
    assert failures == []
    assert counts["reindex"] >= 3, counts
    # The index was never unlinked under the processes that had it open: swapped in place.
    assert (store_root() / "index.db").stat().st_ino == inode
    # Every number handed out is the one the store gives that run, and no run has two.
    runs = listing(cli)
    numbers = {r["id"]: r["number"] for r in runs}
    for line in api_out.splitlines():
        run_id, number = line.split()
        assert numbers[run_id] == int(number), line
    assert len(runs) == 1 + RUNS + 40
    assert sorted(numbers.values()) == list(range(1, len(runs) + 1))
    for run_id in numbers:
        events = [json.loads(x) for x in (run_dir(run_id) / "journal.jsonl").read_text().splitlines()]
        given = {e["n"] for e in events if e["e"] == "number"}
        assert given == {numbers[run_id]}, (run_id, given)
    by_name = {r["name"]: r for r in runs}
    for k in range(RUNS):
        run = by_name[f"w{k}"]
        assert run["status"] == "finished"
        assert run["metrics"]["loss"]["count"] == points
    tags = by_name[None]["tags"] if None in by_name else \
        next(r for r in runs if r["number"] == 1)["tags"]
    assert len(tags) == counts["tag"]  # every tag, none lost in a swap
    # And a rebuilt index agrees with the one that lived through it all.
    assert cli("reindex").code == 0
    assert {r["id"]: r["number"] for r in listing(cli)} == numbers
    figures("reindex under load", writers=RUNS, api_runs=40, reindexes=counts["reindex"],
            tags=counts["tag"], listings=counts["ls"])


# -- memory at scale: streams, series cache, downsampling -------------------------------------


def _many_runs(n: int) -> None:
    """n finished runs written through the store itself (fast: no process per run)."""
    from runlab.store import Store

    s = Store(str(store_root()))
    try:
        for i in range(n):
            run_id, _ = s.create_run({"command": ["train", str(i)], "cwd": "/", "t": 1e9 + i,
                                      "params": {"lr": i / n, **({"only_first": 1} if i == 0
                                                                 else {})},
                                      "tags": {"ü": str(i)}})
            s.append(run_id, [{"e": "metrics", "p": [["acc", i / n, 0, 1e9 + i]]},
                              {"e": "end", "t": 1e9 + i + 1, "status": "finished",
                               "exit_code": 0}])
    finally:
        s.close()


def test_ls_streams_every_format_in_order(cli: Callable[..., Result]) -> None:
    from runlab.store import index

    n = index.BATCH * 2 + 7  # several batches, and a part of one
    _many_runs(n)
    r = cli("ls", "--all", "--format", "json")
    assert r.code == 0, r.stderr
    runs = json.loads(r.stdout)
    assert [x["number"] for x in runs] == list(range(n, 0, -1))  # newest first, each once
    assert r.stdout == json.dumps(runs, indent=2, ensure_ascii=False) + "\n"  # same layout
    assert runs[-1]["params"] == {"lr": 0.0, "only_first": 1}
    assert runs[0]["tags"] == {"ü": str(n - 1)} and runs[0]["metrics"]["acc"]["count"] == 1
    r = cli("ls", "--all", "--format", "jsonl")
    assert [json.loads(line) for line in r.stdout.splitlines()] == runs
    r = cli("ls", "--all", "--format", "csv", "--sort", "number")
    rows = r.stdout.splitlines()
    # The columns are those of every run: a param only the first run has is one.
    assert "params.only_first" in rows[0].split(",") and len(rows) == n + 1
    assert rows[1].startswith("1,") and rows[-1].startswith(f"{n},")
    assert cli("ls", "--format", "json", "--limit", "3").stdout.count('"number"') == 3
    assert cli("ls", "--all", "--format", "json", "--where", "params.lr > 2").stdout == "[]\n"


def test_downsampling_keeps_first_last_and_every_extreme() -> None:
    from runlab.store.series import downsample

    rng = random.Random(7)
    values = [rng.gauss(0, 1) for _ in range(100_000)]
    values[12_345], values[99_000] = 50.0, -50.0
    values[500] = math.nan
    values[600] = math.inf
    kept = downsample(values, 200)
    assert len(kept) <= 200 and kept == sorted(set(kept))
    assert kept[0] == 0 and kept[-1] == len(values) - 1
    assert 12_345 in kept and 99_000 in kept
    assert 500 not in kept and 600 not in kept
    # Each of the buckets keeps its own lowest and highest point.
    buckets = (200 - 2) // 2
    inner = len(values) - 2
    for b in range(buckets):
        lo, hi = 1 + inner * b // buckets, 1 + inner * (b + 1) // buckets
        finite = [(v, i) for i, v in enumerate(values[lo:hi], lo) if math.isfinite(v)]
        assert min(finite)[1] in kept and max(finite)[1] in kept
    assert downsample([1.0, 2.0, 3.0], 200) == [0, 1, 2]  # few points: all of them


SERIES = """\
import math, runlab
with runlab.start_run(name="long") as run:
    for i in range(30000):
        run.log_metrics({"loss": 1 / (i + 1), "acc": math.sin(i / 500)}, step=i)
        if i == 20000:
            run.log_metric("loss", 99.0, step=i)
"""


def test_a_long_series_reads_from_its_cache_and_charts_with_every_extreme(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    p = subprocess.run([PY, "-c", SERIES], cwd=tmp_path, env=child_env(), capture_output=True,
                       timeout=DEADLINE, check=False)
    assert p.returncode == 0, p.stderr
    run = show(cli)
    r = cli("metrics", "last", "--json")
    assert r.code == 0, r.stderr
    series = json.loads(r.stdout)
    assert r.stdout == json.dumps(series, indent=2, ensure_ascii=False) + "\n"
    assert list(series) == ["acc", "loss"]
    assert len(series["loss"]) == 30001 and len(series["acc"]) == 30000
    assert [pt["step"] for pt in series["acc"]] == list(range(30000))
    # The same points as the journal, the record, holds.
    from runlab.store import journal as journal_mod

    recorded = [pt for e in journal_mod.read(str(run_dir(run["id"]) / "journal.jsonl")).events
                if e["e"] == "metrics" for pt in e["p"] if pt[0] == "loss"]
    assert [pt["value"] for pt in series["loss"]] == [pt[1] for pt in recorded]
    r = cli("metrics", "last", "acc", "--csv")
    assert r.stdout.count("\n") == 30001 and r.stdout.startswith("key,step,value,time\nacc,0,")
    # The chart gets at most two points a column; the spike is one of them.
    from runlab.store import Store

    s = Store(str(store_root()))
    try:
        drawn = s.downsampled(run["id"], ["loss"], 160)["loss"].points
        assert len(drawn) <= 160 and max(pt.value for pt in drawn) == 99.0
        assert drawn[0].step == 0 and drawn[-1].step == 29999
        # Points appended later (here a reparse, which replaces every point) reach the cache.
        s.append(run["id"], [{"e": "reparse", "p": [["loss", 5.0, 0, 1e9]]}])
        assert {k: len(v) for k, v in s.series(run["id"]).items()} == {"loss": 1}
    finally:
        s.close()
    r = cli("plot", "last", "-k", "loss", "--width", "80")
    assert r.code == 0, r.stderr
    r = cli("show", "last")
    assert r.code == 0 and "loss" in r.stdout


# -- bad input --------------------------------------------------------------------------------


def _one_line_error(r: Result, code: int = 2) -> None:
    assert r.code == code, (r.code, r.stderr)
    assert r.stderr.startswith("runlab: error: "), r.stderr
    no_traceback(r.stderr)


BAD = [
    ["show", "nope"],
    ["show", "same"],
    ["show", "99"],
    ["show", "last~9"],
    ["show", "last~x"],
    ["show", "abcdef"],
    ["show", ""],
    ["tag", "99", "k=v"],
    ["log", "same"],
    ["metrics", "99"],
    ["diff", "1", "nope"],
    ["rm", "nope"],
    ["ls", "--where", "params.lr >"],
    ["ls", "--where", "(status = 'finished'"],
    ["ls", "--where", "status = 'unterminated"],
    ["ls", "--where", "status === 1"],
    ["ls", "--where", "params.lr in ()"],
    ["ls", "--where", "nosuchfield = 1"],
    ["ls", "--sort", "bogus"],
    ["ls", "--columns", "bogus"],
    ["ls", "--format", "xml"],
    ["ls", "--limit", "many"],
    ["tag", "--where", "status = ", "k"],
    ["run", "--"],
    ["-p", "novalue", "true"],
    ["-p", "=1", "true"],
    ["--bogus", "true"],
    ["-n"],
    ["export", "1", "-o", "/nonexistent/dir/runs.tar.gz"],
    ["get", "1", "../../etc/passwd"],
    ["get", "1", "/etc/passwd"],
    ["get", "1", "no-such-artifact"],
]


def test_bad_references_and_expressions_are_one_line_errors(cli: Callable[..., Result]) -> None:
    cli("--no-git", "-n", "same", PY, "-c", "print('acc=0.5')")
    cli("--no-git", "-n", "same", PY, "-c", "print('acc=0.6')")
    for args in BAD:
        r = cli(*args)
        assert r.code in (1, 2), (args, r.code, r.stderr)
        assert r.stderr.startswith("runlab: error: "), (args, r.stderr)
        no_traceback(r.stderr)
    assert len(listing(cli)) == 2  # nothing ran, nothing changed


def test_a_command_that_is_a_directory_or_missing(cli: Callable[..., Result],
                                                  tmp_path: Path) -> None:
    r = cli("--no-git", str(tmp_path))
    assert r.code == 126 and f"{tmp_path}: is a directory" in r.stderr
    no_traceback(r.stderr)
    r = cli("--no-git", "./no-such-program")
    assert r.code == 127 and "command not found" in r.stderr
    no_traceback(r.stderr)
    assert [x["exit_code"] for x in listing(cli)] == [127, 126]


def test_huge_and_odd_params_are_recorded_faithfully(cli: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    big = "x" * 100_000  # near the kernel's limit for one argument (128 KiB)
    huge = "y" * MB  # through the events channel: no such limit
    odd_keys = {"batch size": 3, "a.b.c": 4, "λ": 5, "ключ": "значение", "emoji😀": True}
    script = tmp_path / "odd.py"
    script.write_text(
        "import json, os\n"
        "with open(os.environ['RUNLAB_EVENTS'], 'a') as f:\n"
        f"    f.write(json.dumps({{'param': 'huge', 'value': {huge!r}}}) + '\\n')\n"
        f"    f.write(json.dumps({{'params': {odd_keys!r}}}) + '\\n')\n"
        "    f.write(json.dumps({'metric': 'key with spaces', 'value': 1.5}) + '\\n')\n"
        "    f.write(json.dumps({'metric': 'ünïcödé.acc', 'value': 0.25, 'step': 2}) + '\\n')\n"
        "    f.write(json.dumps({'metric': 'nan', 'value': 'not a number'}) + '\\n')\n"
        "    f.write(json.dumps({'metric': 'big', 'value': 1e308, 'step': 'x'}) + '\\n')\n"
        "    f.write('not json\\n[1, 2]\\n\"text\"\\n{\"param\": null}\\n{}\\n')\n"
        "print('done')\n"
    )
    args = ["--no-git", "-p", f"big={big}", "-p", "batch size=3", "-p", "a.b.c=4", "-p", "λ=5",
            "-p", "empty=", "-p", "weird=a=b=c", PY, str(script)]
    r = cli(*args)
    assert r.code == 0, r.stderr
    no_traceback(r.stderr)
    run = show(cli)
    params = run["params"]
    assert params["big"] == big and params["huge"] == huge
    for key, value in odd_keys.items():
        assert params[key] == value
    assert params["empty"] == "" and params["weird"] == "a=b=c"
    assert run["metrics"]["key with spaces"]["last"] == 1.5
    assert run["metrics"]["ünïcödé.acc"]["last"] == 0.25
    assert run["metrics"]["big"]["last"] == 1e308
    assert "nan" not in run["metrics"]
    r = cli("ls", "--where", "params.λ = 5", "--columns", "params.λ,params.a.b.c", "--format",
            "csv")
    assert r.code == 0 and r.stdout.splitlines()[1] == "5,4", r.stdout
    for fmt in ("table", "csv", "jsonl"):
        r = cli("ls", "--format", fmt)
        assert r.code == 0
        no_traceback(r.stderr)


def test_an_empty_command(cli: Callable[..., Result]) -> None:
    for args in (["run", "--"], ["run"], ["--no-git"], ["-n", "x", "--"]):
        r = cli(*args)
        assert r.code == 2, (args, r.code, r.stderr)
        assert r.stderr.startswith("runlab: error: "), (args, r.stderr)
        no_traceback(r.stderr)


# -- a journal is input, not a promise --------------------------------------------------------

# Events of the wrong shape, each of which once made ls, reindex and every new run fail.
BAD_EVENTS = [
    {"e": "tag", "tags": [1]},
    {"e": "tag", "tags": {"k": [1, 2]}},
    {"e": "params", "params": [1, 2]},
    {"e": "metrics", "p": [["acc", "0.5", 1, 1.0]]},
    {"e": "metrics", "p": [["", 0.5, 1, 1.0]]},
    {"e": "metrics", "p": [["acc", 0.5, 10**30, 1.0]]},
    {"e": "metrics", "p": "acc"},
    {"e": "end", "status": ["x"], "exit_code": 0},
    {"e": "end", "status": "finished", "exit_code": 10**30},
    {"e": "untag", "keys": 5},
    {"e": "note", "text": 5},
    {"e": "rename", "name": {"a": 1}},
    {"e": "note", "text": "x", "t": "str"},
    {"e": "number", "n": True, "store": "x"},
    {"e": "artifact", "path": 5},
    {"e": "end", "status": "finished", "exit_code": 0, "resources": {"peak_rss_bytes": "x"}},
    {"e": "end", "status": "finished", "exit_code": 0, "resources": {"cpu_user_s": 1e308 * 10}},
    {"e": "metrics", "p": [["acc", 0.5, 1, -9e10]]},  # a time before 1970: no date shows it
    {"e": "note", "text": "x", "t": -9e10},
]
BAD_LINES = [json.dumps(e).encode() for e in BAD_EVENTS] + [
    b'{"e":"tag","tags":{"k":"\\ud800"}}',  # half a UTF-16 pair: no database takes it
    b"[1, 2]",
    b"not json at all",
]


def test_journal_events_of_the_wrong_shape_are_skipped_with_one_warning_each(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli("--no-git", "-n", "first", PY, "-c", "print('acc=0.5')").code == 0
    assert cli("--no-git", "-n", "second", PY, "-c", "print('acc=0.7')").code == 0
    first = show(cli, "first")
    journal = run_dir(first["id"]) / "journal.jsonl"
    lines_before = journal.read_bytes().count(b"\n")
    with open(journal, "ab") as f:
        f.write(b"".join(line + b"\n" for line in BAD_LINES))
    with open(journal, "ab") as f:  # and a good event after them: it still counts
        f.write(b'{"e":"tag","tags":{"after":"yes"}}\n')
    for args in (["ls", "--json", "--all"], ["reindex"], ["ls", "--json", "--all"]):
        r = cli(*args)
        assert r.code == 0, (args, r.stderr)
        no_traceback(r.stderr)
        if args == ["reindex"]:
            for n in range(len(BAD_LINES)):
                assert f"line {lines_before + 1 + n} of {journal}" in r.stderr, r.stderr
    runs = {r["name"]: r for r in listing(cli)}
    assert set(runs) == {"first", "second"}
    assert runs["first"]["tags"] == {"after": "yes"}
    assert runs["first"]["status"] == "finished" and runs["first"]["exit_code"] == 0
    assert runs["first"]["metrics"]["acc"]["count"] == 1
    # A new tracked run works beside it.
    r = cli("--no-git", PY, "-c", "print('acc=0.9')")
    assert r.code == 0, r.stderr
    no_traceback(r.stderr)
    assert show(cli)["metrics"]["acc"]["last"] == 0.9


def test_points_without_step_or_time_are_shown_by_every_reading_command(
        cli: Callable[..., Result]) -> None:
    assert cli("--no-git", "-n", "hand", PY, "-c", "print('acc=0.5')").code == 0
    journal = run_dir(show(cli, "hand")["id"]) / "journal.jsonl"
    with open(journal, "ab") as f:  # a hand-written journal may leave both out
        f.write(b'{"e":"metrics","p":[["acc",0.6,null,null],["loss",1.5,null,null]]}\n')
    for args in (["show", "hand"], ["metrics", "hand"], ["metrics", "hand", "--json"],
                 ["plot", "hand", "-k", "acc"]):
        r = cli(*args)
        assert r.code == 0, (args, r.stderr)
        no_traceback(r.stderr)
    points = json.loads(cli("metrics", "hand", "--json").stdout)
    assert [p["value"] for p in points["acc"]] == [0.5, 0.6], points
    assert [p["step"] for p in points["acc"]][1] == [p["step"] for p in points["acc"]][0] + 1


def test_a_run_whose_start_event_has_the_wrong_shape_is_named_and_the_rest_listed(
        cli: Callable[..., Result]) -> None:
    for name in ("good", "bad"):
        assert cli("--no-git", "-n", name, PY, "-c", "print('acc=0.5')").code == 0
    bad = show(cli, "bad")
    journal = run_dir(bad["id"]) / "journal.jsonl"
    lines = journal.read_bytes().splitlines()
    start = json.loads(lines[0])
    start["git"] = "str"
    journal.write_bytes(b"\n".join([json.dumps(start).encode(), *lines[1:]]) + b"\n")
    r = cli("reindex")
    assert r.code == 0, r.stderr
    no_traceback(r.stderr)
    assert f"could not read the run in {run_dir(bad['id'])}" in r.stderr, r.stderr
    assert [x["name"] for x in listing(cli)] == ["good"]
    assert (run_dir(bad["id"]) / "output.log").exists()


def test_a_journal_cut_in_its_first_line_is_named_and_its_output_log_stays(
        cli: Callable[..., Result]) -> None:
    assert cli("--no-git", "-n", "kept", PY, "-c", "print('acc=0.5')").code == 0
    assert cli("--no-git", "-n", "cut", PY, "-c", "print('acc=0.6')").code == 0
    cut = show(cli, "cut")
    journal = run_dir(cut["id"]) / "journal.jsonl"
    first = journal.read_bytes().split(b"\n")[0]
    journal.write_bytes(first[: len(first) // 2])  # the machine stopped mid-write
    for args in (["reindex"], ["ls", "--json"]):
        (store_root() / "index.db").unlink(missing_ok=True)
        r = cli(*args)
        assert r.code == 0, r.stderr
        no_traceback(r.stderr)
        assert f"could not read the run in {run_dir(cut['id'])}" in r.stderr, (args, r.stderr)
    assert [x["name"] for x in listing(cli)] == ["kept"]
    assert (run_dir(cut["id"]) / "output.log").read_bytes() == b"acc=0.6\n"


def test_reindex_that_cannot_finish_keeps_the_old_index(cli: Callable[..., Result],
                                                        tmp_path: Path) -> None:
    for i in range(3):
        assert cli("--no-git", "-t", f"t{i}", PY, "-c", f"print('acc={i}')").code == 0
    before = listing(cli)
    index = store_root() / "index.db"
    kept = sha256_file(index)

    def full_disk() -> None:  # as root, a file size limit stands in for a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    p = subprocess.run(runlab_argv("reindex"), cwd=tmp_path, env=child_env(),
                       capture_output=True, timeout=DEADLINE, check=False, preexec_fn=full_disk)
    err = p.stderr.decode()
    assert p.returncode == 1, err
    assert err.startswith("runlab: error: "), err
    no_traceback(err)
    assert sha256_file(index) == kept
    assert [f.name for f in store_root().iterdir() if ".rebuild" in f.name] == []
    assert listing(cli) == before


def _finished_then_lost_elsewhere(cli: Callable[..., Result], tmp_path: Path) -> tuple[dict, Path]:  # type: ignore[type-arg]
    """A finished run, and another store holding it as exported while it ran, since marked
    lost there (its runlab is gone)."""
    assert cli("--no-git", PY, "-c", "print('acc=0.5')").code == 0
    run = show(cli)
    other = tmp_path / "other"
    (other / "runs" / run["id"]).mkdir(parents=True)
    lines = (run_dir(run["id"]) / "journal.jsonl").read_bytes().splitlines(keepends=True)
    (other / "runs" / run["id"] / "journal.jsonl").write_bytes(
        b"".join(line for line in lines if b'"e":"end"' not in line))
    r = cli("--store", str(other), "ls", "--json")
    assert json.loads(r.stdout)[0]["status"] == "lost", r.stderr
    return run, other


def test_import_keeps_a_real_end_over_a_lost_mark(cli: Callable[..., Result],
                                                  tmp_path: Path) -> None:
    run, other = _finished_then_lost_elsewhere(cli, tmp_path)
    r = cli("import", str(other))
    assert r.code == 0, r.stderr
    after = show(cli)
    assert (after["status"], after["exit_code"]) == ("finished", 0)
    assert after["ended_at"] == run["ended_at"] and after["duration_s"] == run["duration_s"]
    # The other way round: the store that marked it lost learns the real end.
    r = cli("--store", str(other), "import", str(store_root()))
    assert r.code == 0, r.stderr
    there = json.loads(cli("--store", str(other), "show", "last", "--json").stdout)
    assert (there["status"], there["exit_code"]) == ("finished", 0)
    assert there["ended_at"] == run["ended_at"]
    # And a rebuilt index says the same, whatever order the ends have in the journal.
    assert cli("--store", str(other), "reindex").code == 0
    there = json.loads(cli("--store", str(other), "show", "last", "--json").stdout)
    assert (there["status"], there["exit_code"]) == ("finished", 0)


def test_imported_runs_are_numbered_by_their_start_not_their_last_change(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    other = tmp_path / "other"
    for name in ("older", "newer"):
        r = cli("--store", str(other), "--no-git", "-n", name, PY, "-c", "print('acc=1')")
        assert r.code == 0, r.stderr
    assert cli("--store", str(other), "tag", "older", "late=yes").code == 0  # touched last
    r = cli("import", str(other))
    assert r.code == 0, r.stderr
    assert {x["name"]: x["number"] for x in listing(cli)} == {"older": 1, "newer": 2}
    assert show(cli)["name"] == "newer"


def test_import_checks_journals_before_copying_anything(cli: Callable[..., Result],
                                                        tmp_path: Path) -> None:
    other = tmp_path / "other"
    for name in ("fine", "shaky", "broken"):
        r = cli("--store", str(other), "--no-git", "-n", name, PY, "-c", "print('acc=1')")
        assert r.code == 0, r.stderr
    ids = {x["name"]: x["id"] for x in json.loads(
        cli("--store", str(other), "ls", "--json").stdout)}
    shaky = other / "runs" / ids["shaky"] / "journal.jsonl"
    with open(shaky, "ab") as f:
        f.write(b'{"e":"tag","tags":[1]}\n')
    broken = other / "runs" / ids["broken"] / "journal.jsonl"
    lines = broken.read_bytes().splitlines()
    start = json.loads(lines[0])
    start["params"] = [1, 2]
    broken.write_bytes(b"\n".join([json.dumps(start).encode(), *lines[1:]]) + b"\n")
    archive = tmp_path / "runs.tar.gz"
    import tarfile

    with tarfile.open(archive, "w:gz") as tar:
        tar.add(other / "runs", arcname="runs")
    r = cli("import", str(archive))
    assert r.code == 0, r.stderr
    no_traceback(r.stderr)
    assert f"runs/{ids['shaky']}/journal.jsonl" in r.stderr and "line" in r.stderr, r.stderr
    assert f"runs/{ids['broken']}" in r.stderr, r.stderr
    assert not run_dir(ids["broken"]).exists()
    assert b'"tags":[1]' not in (run_dir(ids["shaky"]) / "journal.jsonl").read_bytes()
    assert sorted(x["name"] for x in listing(cli)) == ["fine", "shaky"]
    r = cli("reindex")
    assert r.code == 0 and "warning" not in r.stderr, r.stderr


# -- bad input: one clear line, exit 2, nothing written ---------------------------------------

BAD_INPUT = [
    ["show", "99999999999999999999999"],
    ["show", "last~99999999999999999999999"],
    ["show", "last~-1"],
    ["show", "last~1.5"],
    ["tag", "99999999999999999999999", "k=v"],
    ["ls", "--limit", "99999999999999999999999"],
    ["ls", "--where", "started > 9999-12-31"],
    ["ls", "--where", "started < 0001-01-01"],
    ["ls", "--where", "started = 0001-01-01"],
]


def _store_bytes() -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in (store_root() / "runs").rglob("*") if p.is_file()}


def test_numbers_and_dates_past_their_range_are_one_line_errors(
        cli: Callable[..., Result]) -> None:
    assert cli("--no-git", PY, "-c", "print('acc=0.5')").code == 0
    before = _store_bytes()
    for args in BAD_INPUT:
        r = cli(*args)
        assert r.code == 2, (args, r.code, r.stderr)
        assert r.stderr.startswith("runlab: error: "), (args, r.stderr)
        no_traceback(r.stderr)
        assert r.stdout == "", (args, r.stdout)
    assert _store_bytes() == before


def test_a_name_that_is_also_another_runs_id_prefix_is_ambiguous(
        cli: Callable[..., Result]) -> None:
    assert cli("--no-git", PY, "-c", "pass").code == 0
    target = show(cli)
    prefix = target["id"][:8]
    assert cli("--no-git", "-n", prefix, PY, "-c", "pass").code == 0
    before = _store_bytes()
    for args in (["show", prefix], ["tag", prefix, "k=v"]):
        r = cli(*args)
        assert r.code == 2, (args, r.stderr)
        assert r.stderr.startswith("runlab: error: ") and "several runs" in r.stderr, r.stderr
        no_traceback(r.stderr)
    assert _store_bytes() == before
    assert show(cli, target["id"][:12])["id"] == target["id"]  # a longer prefix is no name


CHANNEL_NAMES = """\
import json, os
with open(os.environ['RUNLAB_EVENTS'], 'a') as f:
    for name in ['', '   ', 'a\\nb', 'c\\rd', 'good']:
        f.write(json.dumps({'metrics': {name: 1.5}}) + '\\n')
"""


def test_blank_metric_names_and_names_with_newlines_are_refused(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    r = cli("--no-git", PY, "-c", CHANNEL_NAMES)
    assert r.code == 0, r.stderr
    no_traceback(r.stderr)
    assert list(show(cli)["metrics"]) == ["good"]
    assert r.stderr.count("refused a metric") == 4, r.stderr
    code = ("import runlab\n"
            "for name in ['', ' ', 'a\\nb']:\n"
            "    try:\n"
            "        runlab.log_metric(name, 1.0)\n"
            "    except ValueError as e:\n"
            "        print('refused', e)\n"
            "runlab.log_metric('ok', 1.0)\n")
    p = subprocess.run([PY, "-c", code], cwd=tmp_path, env=child_env(), capture_output=True,
                       text=True, timeout=DEADLINE, check=False)
    assert p.returncode == 0, p.stderr
    assert p.stdout.count("refused") == 3, p.stdout
    assert list(show(cli)["metrics"]) == ["ok"]


FORKING = """\
import os, runlab
run = runlab.start_run(name='parent')
run.log_metric('x', 1.0)  # still buffered when the process forks
pid = os.fork()
if pid == 0:
    try:
        run.log_metric('x', 9.0)
        print('child logged', flush=True)
    except RuntimeError as e:
        print('child refused:', e, flush=True)
    run.end()
    raise SystemExit(0)  # atexit handlers run in the child too
os.waitpid(pid, 0)
run.log_metric('x', 2.0)
run.end()
"""


def test_a_forked_child_of_an_api_run_writes_nothing(cli: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    p = subprocess.run([PY, "-c", FORKING], cwd=tmp_path, env=child_env(), capture_output=True,
                       text=True, timeout=DEADLINE, check=False)
    assert p.returncode == 0, p.stderr
    no_traceback(p.stderr)
    assert "child refused" in p.stdout, p.stdout
    run = show(cli)
    events = [json.loads(line) for line in
              (run_dir(run["id"]) / "journal.jsonl").read_text().splitlines()]
    assert [e["e"] for e in events].count("end") == 1
    points = [p[1] for e in events if e["e"] == "metrics" for p in e["p"]]
    assert points == [1.0, 2.0]
    assert run["status"] == "finished" and run["metrics"]["x"]["count"] == 2


# -- strict JSON --------------------------------------------------------------------------------


def _strict(text: str) -> object:
    def refuse(constant: str) -> None:
        raise AssertionError(f"bare {constant} in JSON output")

    return json.loads(text, parse_constant=refuse)


INFINITE = """\
import argparse, runlab
parser = argparse.ArgumentParser()
parser.add_argument('--clip', type=float, default=float('inf'))
parser.add_argument('--floor', type=float, default=float('-inf'))
parser.parse_args()
runlab.log_params({'nan_param': float('nan'), 'nested': {'x': [float('inf')]}})
runlab.log_metric('loss', float('nan'))
runlab.log_metric('loss', float('inf'))
"""


def test_every_json_output_is_strict_json(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(INFINITE)
    assert cli("--no-git", "-a", "train.py", PY, "train.py", cwd=tmp_path).code == 0
    assert cli("--no-git", PY, "train.py", cwd=tmp_path).code == 0
    run = _strict(cli("show", "last", "--json").stdout)
    assert isinstance(run, dict)
    assert run["params"]["clip"] == "Infinity" and run["params"]["floor"] == "-Infinity"
    assert run["params"]["nan_param"] == "NaN" and run["params"]["nested"] == {"x": ["Infinity"]}
    outputs = [
        ["ls", "--json"], ["ls", "--format", "json"], ["show", "1", "--json"],
        ["metrics", "last", "--json"], ["diff", "1", "2", "--json"],
        ["artifacts", "1", "--json"], ["config", "list", "--json"], ["commands", "--json"],
    ]
    for args in outputs:
        r = cli(*args)
        assert r.code == 0, (args, r.stderr)
        _strict(r.stdout)
    r = cli("ls", "--format", "jsonl")
    for line in r.stdout.splitlines():
        _strict(line)


# -- fuzzing: random and mutated journals through import and reindex --------------------------

_ODD_VALUES: list[object] = [None, True, 0, -1, 2**63, 10**30, 1.5, float("nan"), float("inf"),
                             "", " ", "x\ny", "\ud800", [], [1], ["a", None], {}, {"k": [1]},
                             {"": {"": []}}]
_KINDS = ["start", "metrics", "reparse", "params", "tag", "untag", "note", "rename", "delete",
          "restore", "end", "number", "artifact", "push", "future-kind"]


def _mutate_event(rng: random.Random, event: dict) -> dict:  # type: ignore[type-arg]
    event = json.loads(json.dumps(event))
    how = rng.randrange(4)
    if how == 0 and event:
        event[rng.choice(list(event))] = rng.choice(_ODD_VALUES)
    elif how == 1 and event:
        del event[rng.choice(list(event))]
    elif how == 2:
        event["e"] = rng.choice(_KINDS)
    elif event.get("p"):
        point = rng.choice(event["p"])
        point[rng.randrange(len(point))] = rng.choice(_ODD_VALUES)
    return event


def _fuzzed_journal(rng: random.Random, template: list[dict]) -> bytes:  # type: ignore[type-arg]
    how = rng.randrange(5)
    if how == 0:  # a few lines of any JSON at all
        return b"".join(json.dumps(rng.choice(_ODD_VALUES)).encode() + b"\n"
                        for _ in range(rng.randrange(4)))
    events = [_mutate_event(rng, e) if rng.random() < 0.3 else e for e in template]
    rng.shuffle(events) if how == 1 else None
    data = bytearray(b"".join(json.dumps(e).encode() + b"\n" for e in events))
    if how == 2 and data:  # bytes changed, added or lost
        for _ in range(rng.randrange(1, 6)):
            i = rng.randrange(len(data))
            choice = rng.randrange(3)
            if choice == 0:
                data[i] = rng.randrange(256)
            elif choice == 1:
                data.insert(i, rng.randrange(256))
            elif len(data) > 1:
                del data[i]
    elif how == 3 and data:  # cut anywhere
        del data[rng.randrange(len(data)):]
    return bytes(data)


def test_random_and_mutated_journals_through_import_and_reindex(tmp_path: Path) -> None:
    from runlab.store import Store
    from runlab.store import events as kinds
    from runlab.store.records import to_json_text
    from runlab.store.selection import RunQuery
    from runlab.remote.archive import import_runs

    rng = random.Random(14)
    store = Store(str(tmp_path / "store"))
    for i in range(20):
        run_id, _ = store.create_run({
            "name": f"valid{i}", "command": ["train", f"--lr={i}"], "cwd": "/",
            "params": {"lr": i / 10, "layers": [64, 32]}, "tags": {"set": "valid"},
            "git": {"commit": "abc", "branch": "main", "dirty": False}})
        store.append(run_id, [kinds.metrics([["acc", i / 20, s, 1.7e9 + s] for s in range(3)]),
                              kinds.tag({"k": str(i)}), kinds.end("finished", 0, t=1.8e9)])

    valid_ids = [r.id for r in store.list_runs()]

    def facts() -> dict[str, tuple]:  # type: ignore[type-arg]
        runs = store.list_runs() + store.list_runs(RunQuery(deleted=True))
        return {r.id: (r.number, r.started_at, r.status, r.exit_code, r.ended_at, r.command)
                for r in runs if r.id in valid_ids}

    valid = facts()
    assert len(valid) == 20
    template = store.events(valid_ids[0])
    incoming = tmp_path / "incoming" / "runs"
    cases = 2000
    for _ in range(cases):
        # One in ten is a copy of a run the store has: import merges it.
        run_id = rng.choice(valid_ids) if rng.random() < 0.1 else f"{rng.getrandbits(128):032x}"
        folder = incoming / run_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "journal.jsonl").write_bytes(_fuzzed_journal(rng, template))
    report = import_runs(store, str(incoming.parent))
    assert report.added, report.problems[:5]
    assert facts() == valid
    for rebuild in range(2):
        if rebuild:
            assert store.reindex() >= 20
        runs = store.list_runs() + store.list_runs(RunQuery(deleted=True))
        assert facts() == valid
        for run in runs:  # every run reads back whole, in strict JSON
            to_json_text(run.to_json())
            store.series(run.id)
    figures("fuzz", journals=cases, imported=len(report.added), merged=len(report.merged),
            problems=len(report.problems))


def test_show_draws_metrics_that_span_more_than_a_float_holds(
        cli: Callable[..., Result]) -> None:
    code = "print('step 1 loss=1e308'); print('step 2 loss=-1e308'); print('step 3 loss=5')"
    assert cli("--no-git", PY, "-c", code).code == 0
    r = cli("show", "last")
    assert r.code == 0, r.stderr
    no_traceback(r.stderr)
    assert "█▁▄" in r.stdout, r.stdout


def test_show_draws_a_constant_series_flat(cli: Callable[..., Result]) -> None:
    # 2000 equal values squeezed into 24 slices: each slice's mean rounds, the line stays flat
    code = "for i in range(2000): print(f'step {i} loss=0.5')"
    assert cli("--no-git", PY, "-c", code).code == 0
    r = cli("show", "last")
    assert r.code == 0, r.stderr
    assert "▄" * 24 in r.stdout and "█" not in r.stdout, r.stdout


def test_plot_leaves_out_values_no_chart_can_draw_and_says_how_many(
        cli: Callable[..., Result]) -> None:
    code = ("for v in ('1e308', '-1e308', 'nan', 'inf', '-inf', '2', '5', '3'): "
            "print('loss=' + v)")
    assert cli("--no-git", "-n", "wild", PY, "-c", code).code == 0
    assert [p["value"] for p in json.loads(cli("metrics", "wild", "--json").stdout)["loss"]][-3:] \
        == [2, 5, 3]
    r = cli("plot", "wild", "--width", "60", "--height", "12")
    assert r.code == 0, r.stderr
    no_traceback(r.stderr)
    assert "left out 5 points no chart can draw" in r.stderr, r.stderr
    assert "5.0┤" in r.stdout and "2.0┤" in r.stdout, r.stdout  # drawn: 2..5 on its y axis
    # Only what cannot be drawn is left out: a span just inside a float still draws.
    code = "for v in ('1e307', '-1e307', '1'): print('loss=' + v)"
    assert cli("--no-git", "-n", "wide", PY, "-c", code).code == 0
    r = cli("plot", "wide", "--width", "60", "--height", "12")
    assert r.code == 0 and "left out" not in r.stderr, r.stderr


def test_tag_values_no_index_keeps_are_left_out_and_the_run_stays_listed(
        cli: Callable[..., Result]) -> None:
    assert cli("--no-git", "-n", "plain", "true").code == 0
    assert cli("--no-git", "-n", "odd", "-t", "kept=1", "true").code == 0
    journal = run_dir(show(cli, "odd")["id"]) / "journal.jsonl"
    lines = journal.read_bytes().splitlines()
    start = json.loads(lines[0])
    start["tags"].update({"nan": math.nan, "inf": math.inf, "list": [1], "object": {"a": 1},
                          "huge": 10**30, "flag": True})
    tagged = json.dumps({"e": "tag", "tags": {"later": -math.inf, "fine": "yes"}})
    journal.write_bytes(b"\n".join([json.dumps(start).encode(), *lines[1:],
                                    tagged.encode()]) + b"\n")
    for args in (["reindex"], ["ls", "--json"]):
        (store_root() / "index.db").unlink(missing_ok=True)
        r = cli(*args)
        assert r.code == 0, (args, r.stderr)
        no_traceback(r.stderr)
        warnings = [w for w in r.stderr.splitlines() if "left out tags" in w]
        assert len(warnings) == 2, r.stderr  # one for each event, naming the file and line
        assert f"line 1 of {journal}" in warnings[0]
        assert "'nan', 'inf', 'list', 'object', 'huge'" in warnings[0]
        assert f"line {len(lines) + 1} of {journal}" in warnings[1] and "'later'" in warnings[1]
    runs = {run["name"]: run for run in listing(cli)}
    assert set(runs) == {"plain", "odd"}
    assert runs["odd"]["tags"] == {"kept": "1", "flag": "True", "fine": "yes"}
    assert runs["odd"]["status"] == "finished"
    r = cli("ls", "--where", "tags.fine = yes")
    assert r.code == 0 and "odd" in r.stdout and "left out" not in r.stderr, r.stderr
    assert show(cli, "odd")["tags"] == runs["odd"]["tags"]


def test_a_run_without_metrics_leaves_no_series_cache(cli: Callable[..., Result]) -> None:
    # The cache is built at a run's end only when there is a series to read back: a run of
    # `true` pays nothing for it.
    assert cli("--no-git", "--no-system-metrics", "-n", "quiet", PY, "-c", "pass").code == 0
    assert cli("--no-git", "-n", "loud", PY, "-c", "print('loss=1.0')").code == 0
    cache = store_root() / "cache" / "series"
    assert (cache / show(cli, "loud")["id"] / "series.json").exists()
    assert not (cache / show(cli, "quiet")["id"]).exists()


def test_the_series_cache_reads_every_kind_of_metrics_line_as_the_index_does(
        cli: Callable[..., Result]) -> None:
    assert cli("--no-git", "-n", "lines", PY, "-c", "print('loss=1.0')").code == 0
    run = show(cli, "lines")
    cache = store_root() / "cache" / "series" / run["id"] / "series.json"
    journal = run_dir(run["id"]) / "journal.jsonl"
    assert json.loads(cache.read_text())["offset"] == journal.stat().st_size  # built at the end
    t = 1.8e9
    lines = [
        # As runlab writes them, interleaved (k1, k2, k1, k2) and not.
        {"e": "metrics", "p": [["loss", 0.9, 1, t], ["acc", 0.5, 0, t], ["loss", 0.8, 2, t + 1],
                               ["acc", 0.6, 1, t + 1]]},
        {"e": "metrics", "p": [["loss", 0.7, 3, t + 2], ["loss", 0.6, 4, t + 2],
                               ["acc", 0.7, 2, t + 2]]},
        {"e": "metrics", "p": [["epoch", 1, 0, t + 3], ["epoch", 2, 1, 1800000004]]},
        {"e": "metrics", "p": [["loss", 0.5, None, None]]},  # the next step, the last time
        {"e": "metrics", "p": [["loss", 0.4, 9, t], ["acc", "x", 3, t]]},  # skipped whole
        {"e": "metrics", "p": [["acc", 10**30, 3, t]]},  # past 64 bits: skipped
        {"e": "metrics", "p": [["acc", 0.8, 3, 3e11]]},  # a time past the calendar: skipped
        {"e": "metrics", "p": [["loss", True, 9, t]]},  # a bool is no number: skipped
        {"e": "metrics", "p": [["loss", 0.4, 9, t], ["acc", 0.9, 10**30, t]]},  # skipped
        {"e": "metrics", "p": [["v\u00e9", 1.5, 0, t]]},
        {"e": "metrics", "p": [["loss", math.nan, 6, t + 5], ["acc", -math.inf, 3, t + 5]]},
        {"e": "metrics", "t": t + 6, "p": [["acc", 1.0, 4, None]]},
        {"e": "metrics", "p": []},
    ]
    with open(journal, "ab") as f:
        f.write(b"".join(json.dumps(e, separators=(",", ":")).encode() + b"\n" for e in lines))
    r = cli("metrics", "lines", "--json")
    assert r.code == 0, r.stderr
    points = _strict(r.stdout)
    assert isinstance(points, dict)
    got = {k: [(p["step"], p["value"]) for p in v] for k, v in points.items()}
    assert got == {
        "loss": [(0, 1.0), (1, 0.9), (2, 0.8), (3, 0.7), (4, 0.6), (5, 0.5), (6, "NaN")],
        "acc": [(0, 0.5), (1, 0.6), (2, 0.7), (3, "-Infinity"), (4, 1.0)],
        "epoch": [(0, 1), (1, 2)],
        "v\u00e9": [(0, 1.5)],
    }, got
    times = {k: [p["time"] for p in v] for k, v in points.items()}
    assert times["loss"][5] == times["epoch"][1]  # no time: the last one known
    assert times["acc"][4] != times["acc"][3]  # the event's own time
    # The index, which reads every line the slow way, counts the same points.
    assert cli("reindex").code == 0
    listed = {k: m["count"] for k, m in show(cli, "lines")["metrics"].items()}
    assert listed == {k: len(v) for k, v in got.items()}, listed


def test_a_long_run_s_series_cache_is_built_after_runlab_exits(
        cli: Callable[..., Result]) -> None:
    from runlab.record.tracking import CACHE_LATER_POINTS

    lines = CACHE_LATER_POINTS // 2  # two points a line
    program = ("import sys\nw = sys.stdout.write\n"
               f"for i in range({lines}):\n    w(f'step={{i}} loss={{1 / (i + 1):.6f}} acc=0.5\\n')\n")
    assert cli("--no-git", "-n", "long", PY, "-c", program).code == 0
    run = show(cli, "long")
    cache = store_root() / "cache" / "series" / run["id"] / "series.json"
    journal = run_dir(run["id"]) / "journal.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # a process of its own builds it, at low priority
        with contextlib.suppress(OSError, ValueError):
            if json.loads(cache.read_text())["offset"] == journal.stat().st_size:
                break
    meta = json.loads(cache.read_text())
    assert meta["offset"] == journal.stat().st_size
    assert {key: entry["count"] for key, entry in meta["keys"].items()} == {
        "loss": lines, "acc": lines}
    assert run["metrics"]["loss"]["count"] == lines


# A training program under a shell script: on SIGTERM it saves its checkpoint (which takes a
# moment), reports its last value, and stops.
SAVER = """\
import signal, sys, time
def stop(s, f):
    print('saving checkpoint', flush=True)
    time.sleep(1.0)
    open('ckpt.saved', 'w').write('ok')
    print('checkpoint saved; val_loss: 0.42', flush=True)
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
print('ready', flush=True)
time.sleep(120)
"""


def test_sigterm_under_a_script_lets_the_program_finish_saving(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # The script's shell dies of SIGTERM at once; its program, given SIGTERM as the whole
    # group is (SLURM's preemption, `docker stop`), saves before it stops: runlab kills what
    # is left only if it takes too long, and reads what it prints meanwhile.
    (tmp_path / "saver.py").write_text(SAVER)
    (tmp_path / "train.sh").write_text(f"{PY} saver.py\necho after\n")
    p = spawn("bash", "train.sh", cwd=tmp_path)
    assert p.stdout is not None and p.stderr is not None
    out = Lines(p.stdout.fileno())
    out.until(b"ready")
    p.send_signal(signal.SIGTERM)
    assert b"checkpoint saved" in out.rest()
    assert p.wait(timeout=DEADLINE) == -signal.SIGTERM
    no_traceback(p.stderr.read())
    assert (tmp_path / "ckpt.saved").read_text() == "ok"
    run = show(cli)
    assert run["status"] == "killed" and run["metrics"]["val_loss"]["last"] == 0.42
    # the same when the program's output goes to its own file (no output holds runlab open)
    (tmp_path / "ckpt.saved").unlink()
    (tmp_path / "quiet.sh").write_text(f"echo started\n{PY} saver.py > saver.log 2>&1\n")
    p = spawn("bash", "quiet.sh", cwd=tmp_path)
    assert p.stdout is not None and p.stderr is not None
    Lines(p.stdout.fileno()).until(b"started")
    deadline = time.monotonic() + DEADLINE  # (the program's own log says it is ready)
    while b"ready" not in (tmp_path / "saver.log").read_bytes() if (
            tmp_path / "saver.log").exists() else True:
        assert time.monotonic() < deadline, "the program never started"
        time.sleep(0.01)
    p.send_signal(signal.SIGTERM)
    assert p.wait(timeout=DEADLINE) == -signal.SIGTERM
    assert (tmp_path / "ckpt.saved").read_text() == "ok"
