"""Launching the child: pseudo-terminal or pipes, live echo, the log, signals, exit status.

The runner knows nothing of the store or of metrics: it hands each chunk of output to a
callback and calls a tick callback about twice a second, so the caller can batch its work.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import os
import selectors
import signal
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import FrameType

CHUNK = 65536
TICK_S = 0.5
# After the child exits, how long to keep reading output that its own children still write.
DRAIN_S = 0.5
# And how long output still pouring in after that is read on: what the child wrote before it
# exited, which runlab may read well behind it on a busy machine (a terminal's buffer holds
# much); only then is a process that goes on writing to its output cut off.
DRAIN_BUSY_S = 10.0
# Nor more than this much of it: what the child wrote before it exited fits in a pipe's or a
# terminal's buffer many times over; a process that goes on writing fast would fill the log.
DRAIN_BUSY_BYTES = 4 << 20
SWITCH_S = 0.0005  # the longest another thread of runlab's holds the interpreter
# After a SIGTERM, how long what the command left in its process group may take to stop on its
# own (a training program under `runlab bash` saving its checkpoint) before it is killed.
STOP_GRACE_S = 10.0
# Passed on to the command's process group; a third one kills it.
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# Passed on as they are, as a shell would: Ctrl-\ (Python's faulthandler dumps its threads).
PASSED_ON = (signal.SIGQUIT,)

STDOUT, STDERR = 1, 2


@dataclass
class Outcome:
    """How the child ended: an exit code, or the signal that killed it, or why it never ran."""

    exit_code: int | None = None
    signal: int | None = None
    error: str | None = None  # the command could not be started (exit_code is 126 or 127)
    signals_forwarded: list[int] = field(default_factory=list)
    interrupted: bool = False  # a signal passed on reached a command that did not ignore it
    pid: int | None = None
    usage: object = None  # the child's resource.struct_rusage from wait4, once reaped

    @property
    def status(self) -> str:
        """killed: ended by a signal, or interrupted (Ctrl-C, SIGTERM, SIGHUP passed on),
        however it exited: a program that catches the interrupt, saves and exits 0 stopped
        early all the same. A command that ignores the signal (SIG_IGN) and runs its course
        finished."""
        if self.signal is not None or self.interrupted:
            return "killed"
        return "finished" if self.exit_code == 0 else "failed"


@dataclass
class Launch:
    """What to run and where its output goes."""

    argv: Sequence[str]
    cwd: str
    env: Mapping[str, str]
    use_pty: bool
    echo: bool = True
    stdout_fd: int = 1
    stderr_fd: int = 2
    on_output: Callable[[int, bytes], None] = lambda stream, data: None
    on_tick: Callable[[], None] = lambda: None
    # Called when the output has been quiet for `quiet_s()` seconds (all the command wrote
    # so far is read); `quiet_s` says how soon to look again (inf: only at ticks).
    # (given whether output came meanwhile: what the command wrote before its latest report
    # may be in the pipe by the time the report is read)
    on_quiet: Callable[[Callable[[], bool]], None] = lambda pending: None
    quiet_s: Callable[[], float] = lambda: float("inf")
    on_start: Callable[[int], None] = lambda pid: None
    notify: Callable[[str], None] = lambda message: None


def run(launch: Launch) -> Outcome:
    """Run the command to its end and report how it ended."""
    return _Child(launch).run()


class _Child:
    def __init__(self, launch: Launch) -> None:
        self.launch = launch
        self.proc: subprocess.Popen[bytes] | None = None
        self.outcome = Outcome()
        self.master: int | None = None
        self.group_ended = False  # _end_group has run
        self.exited_at: float | None = None  # when the command was seen to exit (monotonic)
        self.read_bytes = 0  # the output read so far
        self.read_at_exit = 0  # of which read by `exited_at`
        # fd we read -> (stream number, fd we echo to or None once echo stopped)
        self.streams: dict[int, tuple[int, int | None]] = {}
        self._query_tail = b""  # the terminal's output last read, for a query cut in two

    # -- start -------------------------------------------------------------------------------

    def _spawn(self) -> None:
        launch = self.launch
        env = dict(launch.env)
        stdout: int
        stderr: int
        out_tty = launch.use_pty
        err_tty = out_tty and _isatty(launch.stderr_fd)
        read_fds: list[tuple[int, int, int]] = []  # (read fd, stream, echo fd)
        close_after: list[int] = []
        if out_tty:
            import pty

            master, slave = pty.openpty()
            _copy_terminal(launch.stdout_fd, slave)
            self.master = master
            stdout = slave
            close_after.append(slave)
            read_fds.append((master, STDOUT, launch.stdout_fd))
        else:
            env.setdefault("PYTHONUNBUFFERED", "1")
            r, w = os.pipe()
            stdout = w
            close_after.append(w)
            read_fds.append((r, STDOUT, launch.stdout_fd))
        if err_tty or not out_tty and _same_file(launch.stdout_fd, launch.stderr_fd):
            # (a terminal's; or runlab's own stdout and stderr are one file, `> log 2>&1`,
            # `2>&1 | tee log`: then the command's are one pipe too, read in the order it
            # wrote, as a terminal shows it, where two pipes are read as they happen to fill,
            # a progress bar's next frame before the line printed after the last)
            stderr = stdout
        else:
            r, w = os.pipe()
            stderr = w
            close_after.append(w)
            read_fds.append((r, STDERR, launch.stderr_fd))
        try:
            self.proc = subprocess.Popen(
                list(launch.argv),
                cwd=launch.cwd,
                env=env,
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
                preexec_fn=_child_setup(controlling_tty=out_tty),
            )
        except BaseException:
            for fd in close_after + [fd for fd, _, _ in read_fds]:
                os.close(fd)
            raise
        for fd in close_after:
            os.close(fd)
        for fd, stream, echo in read_fds:
            self.streams[fd] = (stream, echo if launch.echo else None)

    def _ask_terminal(self, times: int) -> None:
        """Pass a cursor position query the command wrote on to the user's terminal, which
        answers into the command's input (`--quiet`: nothing else of the output is shown)."""
        if _isatty(self.launch.stdout_fd):
            try:
                _write_all(self.launch.stdout_fd, _CURSOR_QUERY * times)
            except OSError:
                pass

    def run(self) -> Outcome:
        try:
            self._spawn()
        except FileNotFoundError:
            self.outcome.exit_code = 127
            self.outcome.error = f"{self.launch.argv[0]}: command not found"
            return self.outcome
        except (PermissionError, OSError) as e:
            if isinstance(e, PermissionError) or e.errno in (errno.ENOEXEC, errno.EACCES):
                self.outcome.exit_code = 126
                program = self.launch.argv[0]
                why = "is a directory" if "/" in program and os.path.isdir(program) else (
                    f"cannot execute: {e.strerror}")
                self.outcome.error = f"{program}: {why}"
                return self.outcome
            raise
        assert self.proc is not None
        self.outcome.pid = self.proc.pid
        previous = self._install_handlers()
        try:
            with _quiet_collector():
                self.launch.on_start(self.proc.pid)
                self._pump()
                self._ended(block=True)
                if self._stopping():
                    self._wait_group()
                self._end_group()
                code = self._reap()
        finally:
            self._restore_handlers(previous)
            # The pty master goes last: closing it hangs up whatever still has the terminal.
            for fd in {*self.streams, *([] if self.master is None else [self.master])}:
                self._close(fd)
        if code < 0:
            self.outcome.signal = -code
        else:
            self.outcome.exit_code = code
        return self.outcome

    # -- output ------------------------------------------------------------------------------

    def _pump(self) -> None:
        assert self.proc is not None
        sel = selectors.DefaultSelector()
        for fd in self.streams:
            sel.register(fd, selectors.EVENT_READ)
        next_tick = time.monotonic() + TICK_S
        self.exited_at = None
        # (a thread of runlab's own, loading the parser or sampling resources, gives the
        # reading back within a millisecond: lines of stdout and stderr written a few
        # milliseconds apart are read apart, in their order)
        switch = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_S)
        try:
            while self.streams:
                now = time.monotonic()
                quiet = self.launch.quiet_s()
                timeout = min(max(0.0, next_tick - now), quiet)
                if self.exited_at is not None:
                    timeout = min(timeout, max(0.0, self.exited_at + self._drain_s() - now))
                ready = sel.select(timeout)
                if not ready and timeout == quiet:
                    self.launch.on_quiet(lambda: bool(sel.select(0)))
                for key, _ in ready:
                    fd = int(key.fd)
                    if not self._read(fd):
                        sel.unregister(fd)
                        if fd == self.master:
                            # The child closed its terminal but may run on: closing the
                            # master now would hang it up (SIGHUP). `run` closes it at the end.
                            self.streams.pop(fd, None)
                        else:
                            self._close(fd)
                now = time.monotonic()
                if now >= next_tick:
                    next_tick = now + TICK_S
                    self.launch.on_tick()
                    if self.exited_at is None and self._ended():
                        self.exited_at, self.read_at_exit = now, self.read_bytes
                        if not self._stopping():
                            self._end_group()
                if self.exited_at is not None and now >= self.exited_at + self._drain_s() and (
                        not ready or now >= self.exited_at + self._drain_s() + DRAIN_BUSY_S
                        or self.read_bytes - self.read_at_exit > DRAIN_BUSY_BYTES):
                    # The child is gone and its output is quiet (or has poured in for long
                    # after it): what still holds its output open is a daemon (or, after a
                    # SIGTERM, a process that took too long to stop).
                    break
                if self.exited_at is None and not ready and self._ended():
                    self.exited_at, self.read_at_exit = now, self.read_bytes
                    if not self._stopping():
                        self._end_group()
        finally:
            sys.setswitchinterval(switch)
            sel.close()

    def _ended(self, *, block: bool = False) -> bool:
        """Whether the child has exited, left unreaped: while it is a zombie its pid, which is
        also its process group's id, cannot be given to another process."""
        assert self.proc is not None
        if not hasattr(os, "waitid"):
            return self.proc.wait() is not None if block else self.proc.poll() is not None
        flags = os.WEXITED | os.WNOWAIT | (0 if block else os.WNOHANG)
        try:
            return os.waitid(os.P_PID, self.proc.pid, flags) is not None
        except ChildProcessError:  # reaped already
            return True

    def _reap(self) -> int:
        """Reap the child with wait4, which also gives its resource use (its peak memory)."""
        assert self.proc is not None
        if self.proc.returncode is None and hasattr(os, "wait4"):
            with contextlib.suppress(ChildProcessError):
                _, status, self.outcome.usage = os.wait4(self.proc.pid, 0)
                self.proc.returncode = os.waitstatus_to_exitcode(status)
        return self.proc.wait()

    def _stopping(self) -> bool:
        """Whether the command was asked to stop with SIGTERM (once or twice): what it left
        in its group may take STOP_GRACE_S to stop (while its output is still read), as
        without runlab, where they would not be killed the moment the command exits."""
        sent = self.outcome.signals_forwarded
        return bool(sent) and sent[0] == signal.SIGTERM and len(sent) < 3

    def _drain_s(self) -> float:
        return STOP_GRACE_S if self._stopping() else DRAIN_S

    def _wait_group(self) -> None:
        """After a SIGTERM, give what the command left in its group (a program whose output
        goes to its own file) the rest of STOP_GRACE_S to stop on its own."""
        assert self.proc is not None
        deadline = (self.exited_at or time.monotonic()) + STOP_GRACE_S
        while time.monotonic() < deadline and _group_alive(self.proc.pid):
            time.sleep(0.05)

    def _end_group(self) -> None:
        """Once an interrupted command has exited, kill what it left in its process group
        (workers that ignore SIGINT): nothing of an interrupted run outlives it."""
        if self.outcome.signals_forwarded and not self.group_ended:
            assert self.proc is not None
            self.group_ended = True
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)

    def _read(self, fd: int) -> bool:
        try:
            data = os.read(fd, CHUNK)
        except OSError as e:
            if e.errno == errno.EIO:  # a pty whose every slave end is closed
                return False
            if e.errno in (errno.EAGAIN, errno.EINTR):
                return True
            raise
        if not data:
            return False
        self.read_bytes += len(data)
        stream, echo = self.streams[fd]
        self.launch.on_output(stream, data)
        if echo is None:
            if fd == self.master and not self.launch.echo:
                # (a query may come in two reads: the end of the one before goes with it)
                seen = self._query_tail + data
                if _CURSOR_QUERY in seen:
                    self._ask_terminal(seen.count(_CURSOR_QUERY))
                    seen = seen[seen.rindex(_CURSOR_QUERY) + len(_CURSOR_QUERY):]
                self._query_tail = seen[-(len(_CURSOR_QUERY) - 1):]
            return True
        try:
            there = _write_all(echo, data)
        except OSError as e:
            # Where the echo goes refuses more (`runlab cmd > file` on a full disk): stop
            # echoing this stream; the command runs on and its output is still recorded.
            self.streams[fd] = (stream, None)
            self.launch.notify(f"stopped echoing the command's output: {e.strerror}")
            return True
        if not there:
            if fd == self.master:
                self.streams[fd] = (stream, None)
            else:
                # Our reader went away (`runlab cmd | head`): close the pipe so the child
                # gets SIGPIPE, as it would without runlab in between.
                return False
        return True

    def _close(self, fd: int) -> None:
        self.streams.pop(fd, None)
        with contextlib.suppress(OSError):
            os.close(fd)

    # -- signals -----------------------------------------------------------------------------

    def _install_handlers(self) -> dict[int, object]:
        """Take the signals a shell would deliver to the command. One ignored from the start
        stays ignored (`runlab cmd &` in a script, `nohup runlab cmd`), as it would be for
        the command without runlab."""
        handlers: dict[int, Callable[[int, FrameType | None], None]] = {
            sig: self._forward for sig in FORWARDED}
        handlers.update({sig: self._pass_on for sig in PASSED_ON})
        handlers[signal.SIGTSTP] = self._stop
        handlers[signal.SIGCONT] = self._resume
        if self.master is not None:
            handlers[signal.SIGWINCH] = self._resize
        previous: dict[int, object] = {}
        for sig, handler in handlers.items():
            with contextlib.suppress(ValueError, OSError):
                if signal.getsignal(sig) != signal.SIG_IGN:
                    previous[sig] = signal.signal(sig, handler)
        return previous

    def _restore_handlers(self, previous: dict[int, object]) -> None:
        for sig, handler in previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, handler)  # type: ignore[arg-type]

    def _forward(self, signum: int, frame: FrameType | None) -> None:
        assert self.proc is not None
        sent = self.outcome.signals_forwarded
        sent.append(signum)
        if not self._ended() and not _ignores(self.proc.pid, signum):
            self.outcome.interrupted = True  # (not once it exited: a zombie's mask is kept)
        target = signum
        name = signal.Signals(signum).name
        if len(sent) >= 3:
            target = signal.SIGKILL
            self.launch.notify(f"{name} again: killing the command (SIGKILL)")
        elif len(sent) == 2:
            self.launch.notify(f"{name} again: passing it on once more; a third kills the command")
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if len(sent) == 1 and signum == signal.SIGTERM and _ignores(
                    self.proc.pid, signum, b"SigCgt:"):
                # A command that handles SIGTERM itself stops its workers as it sees fit, as
                # `kill -TERM` of it without runlab would have it (Lightning's DDP ranks, each
                # given SIGTERM, wait on each other for ever); one that does not (a shell, a
                # wrapper) dies of it, and its program would only be killed after it: the
                # whole group gets it, as a terminal's Ctrl-C and hang-up reach it
                os.kill(self.proc.pid, target)
            else:
                os.killpg(self.proc.pid, target)

    def _pass_on(self, signum: int, frame: FrameType | None) -> None:
        self._signal_group(signum)

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        """Ctrl-Z: stop the command with runlab, as a shell stops its whole job. The command
        runs in a session of its own, where a stop signal that it does not handle is
        discarded: it gets SIGTSTP (for a handler) and then SIGSTOP."""
        self._signal_group(signal.SIGTSTP)
        self._signal_group(signal.SIGSTOP)
        os.kill(os.getpid(), signal.SIGSTOP)  # until `fg` or `bg` (SIGCONT: `_resume`)

    def _resume(self, signum: int, frame: FrameType | None) -> None:
        self._signal_group(signal.SIGCONT)

    def _signal_group(self, signum: int) -> None:
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signum)

    def _resize(self, signum: int, frame: FrameType | None) -> None:
        if self.master is not None:
            _copy_size(self.launch.stdout_fd, self.master)
            if self.proc is not None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.proc.pid, signal.SIGWINCH)


def _group_alive(pgid: int) -> bool:
    """Whether a process of group `pgid` other than its leader still runs (a zombie does
    not); False where the system cannot say (no /proc): the group is then killed at once."""
    try:
        entries = os.listdir("/proc")
    except OSError:
        return False
    for entry in entries:
        if not entry.isdigit() or int(entry) == pgid:
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rpartition(b")")[2].split()
        except OSError:
            continue
        if len(fields) > 2 and fields[2] == str(pgid).encode() and fields[0] != b"Z":
            return True
    return False


def _ignores(pid: int, signum: int, mask: bytes = b"SigIgn:") -> bool:
    """Whether process `pid` ignores signal `signum` (SIG_IGN), as /proc says; with `mask`
    `SigCgt:`, whether it catches it (a handler of its own). False where that cannot be
    read."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(mask):
                    return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
    except (OSError, ValueError, IndexError):
        pass
    return False


@contextlib.contextmanager
def _quiet_collector() -> Iterator[None]:
    """Python's cycle collector made cheap while the output is read, as it was after.
    Reading output makes objects by the million (a point, its list) and no cycles; the
    collector's passes over the ones still held cost about 6% of reading a million metric
    lines. What runlab loaded before is frozen out of the passes (unless the caller froze
    objects itself: that is left as it is), and they come a thirtieth as often: cycles are
    still collected."""
    before = gc.get_threshold()
    freezes = gc.get_freeze_count() == 0
    if freezes:
        gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if freezes:
            gc.unfreeze()


def find_program(name: str, env: Mapping[str, str]) -> str | None:
    """The file the PATH in `env` finds for program `name`, as exec looks it up; a name with
    a slash is a path and is not looked up."""
    if os.sep in name:
        return name
    for folder in env.get("PATH", os.defpath).split(os.pathsep):
        path = os.path.join(folder or ".", name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


# A program asking its terminal where the cursor is (enlighten, blessed, prompt_toolkit) reads
# the answer from its input, the user's terminal: with the output not echoed (`--quiet`) the
# question alone is passed on, or the program waits for an answer that never comes.
_CURSOR_QUERY = b"\x1b[6n"


def _same_file(a: int, b: int) -> bool:
    """Whether two descriptors are the same file (one pipe, one log file, `/dev/null`); a
    terminal under `--no-pty` keeps its two pipes, as that option says."""
    try:
        x, y = os.fstat(a), os.fstat(b)
    except OSError:
        return False
    return (x.st_dev, x.st_ino) == (y.st_dev, y.st_ino) and not _isatty(a)


def _isatty(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


def _copy_terminal(src: int, dst: int) -> None:
    """Give the pseudo-terminal the user's terminal settings and size, but no output
    processing: the user's terminal applies it (`\n` to `\r\n`) to what runlab echoes, and
    doing it here too would reach the screen twice (`\r\r\n`). So runlab reads, logs and
    echoes the bytes the command wrote, and the terminal receives what `script` passes on."""
    with contextlib.suppress(OSError, termios.error):
        termios.tcsetattr(dst, termios.TCSANOW, termios.tcgetattr(src))
    with contextlib.suppress(OSError, termios.error):
        attrs = termios.tcgetattr(dst)
        attrs[1] &= ~termios.OPOST
        termios.tcsetattr(dst, termios.TCSANOW, attrs)
    _copy_size(src, dst)


def _copy_size(src: int, dst: int) -> None:
    """The user's terminal's size, to the command's; where it says it has none (0 columns or
    0 rows: `script` where it has no terminal of its own, a container's), 80 columns and 24
    rows, the size a terminal starts with (on 0 columns tqdm draws no bar, its curve lost)."""
    import struct

    with contextlib.suppress(OSError, struct.error):
        size = fcntl.ioctl(src, termios.TIOCGWINSZ, b"\0" * 8)
        rows, columns, width, height = struct.unpack("HHHH", size)
        if not rows or not columns:
            size = struct.pack("HHHH", rows or 24, columns or 80, width, height)
        fcntl.ioctl(dst, termios.TIOCSWINSZ, size)


def _write_all(fd: int, data: bytes) -> bool:
    """Write every byte; False when the reader is gone."""
    view = memoryview(data)
    while view:
        try:
            n = os.write(fd, view)
        except InterruptedError:
            continue
        except BlockingIOError:
            import select

            select.select([], [fd], [])
            continue
        except OSError as e:
            if e.errno in (errno.EPIPE, errno.EBADF, errno.EIO):
                return False
            raise
        view = view[n:]
    return True


def _child_setup(*, controlling_tty: bool) -> Callable[[], None]:
    """What runs in the child between fork and exec (after setsid)."""
    prctl = _prctl()
    parent = os.getpid()

    def setup() -> None:
        if controlling_tty:
            fcntl.ioctl(1, termios.TIOCSCTTY, 0)
        if prctl is not None:
            # If runlab itself is killed, the command gets SIGHUP instead of running on alone.
            prctl(1, int(signal.SIGHUP))  # PR_SET_PDEATHSIG
            if os.getppid() != parent:
                os.kill(os.getpid(), signal.SIGHUP)

    return setup


def _prctl() -> Callable[[int, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        fn: Callable[[int, int], int] = ctypes.CDLL(None, use_errno=True).prctl
        return fn
    except (OSError, AttributeError):
        return None
