"""The host a run ran on, whether a recorded process is still alive, and what a run's
process tree used (peak memory, CPU time).

`capture_host`, `process_start_time` and `pid_alive` are cheap and never import psutil on
Linux; `ResourceMonitor` imports it when it starts, in the wrapper only.
"""

from __future__ import annotations

import getpass
import os
import socket
import sys
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psutil

# /proc/stat's btime is derived from the wall clock and can move by a second between reads;
# a pid whose start time is this close to the recorded one is the same process.
_START_TIME_TOLERANCE = 1.0


def capture_host() -> dict[str, str]:
    """Host name, OS user, Python version and platform of this machine."""
    return {
        "host": socket.gethostname(),
        "user": _os_user(),
        "python": "{}.{}.{}".format(*sys.version_info[:3]),
        "platform": _platform(),
    }


def process_start_time(pid: int) -> float | None:
    """When process `pid` started, in seconds since the epoch; None when there is no such pid.

    Together with the pid this names one process: a reused pid has another start time. Only
    meaningful on the machine that measured it.
    """
    if pid <= 0:
        return None
    stat = _proc_stat(pid)
    if stat is not None:
        return stat[1]
    if sys.platform.startswith("linux"):
        return None  # /proc is authoritative on Linux
    try:
        import psutil
    except ImportError:
        return None
    try:
        return float(psutil.Process(pid).create_time())
    except (psutil.Error, OSError):
        return None


def pid_alive(pid: int, start_time: float | None) -> bool:
    """Whether `pid` runs and is the process that started at `start_time` (any, when None).

    A zombie (exited, not yet reaped) is not alive.
    """
    if pid <= 0:
        return False
    stat = _proc_stat(pid)
    if stat is not None:
        state, started = stat
        if state in ("Z", "X"):
            return False
        return start_time is None or abs(started - start_time) <= _START_TIME_TOLERANCE
    if sys.platform.startswith("linux"):
        return False
    try:
        import psutil
    except ImportError:
        return False
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        started = float(process.create_time())
    except (psutil.Error, OSError):
        return False
    return start_time is None or abs(started - start_time) <= _START_TIME_TOLERANCE


@dataclass
class Resources:
    """What a run's process tree used; None where it could not be measured."""

    peak_rss_bytes: int | None = None  # peak of the summed RSS of the child and descendants
    cpu_user_s: float | None = None  # CPU time of the whole tree
    cpu_system_s: float | None = None


class ResourceMonitor:
    """Samples the process tree of a running child in a background thread (psutil).

    Call `start()` right after spawning the child and `stop()` right after reaping it with
    `os.waitpid`: CPU time comes from `getrusage(RUSAGE_CHILDREN)`, which covers the reaped
    child and every descendant reaped within the tree, plus the CPU of descendants that outlived
    it (never reaped by the tree), read at the end. Peak memory is the largest sum of the
    tree's RSS seen by a sample, or the children's `ru_maxrss` when that is larger.
    Processes vanish between listing and reading; such a sample just counts fewer.
    """

    def __init__(self, pid: int, interval: float = 0.5) -> None:
        self.pid = pid
        self.interval = interval
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._baseline: Any = None  # resource.struct_rusage at start()
        self._root: psutil.Process | None = None
        self._peak_rss: int | None = None
        self._descendants: dict[int, psutil.Process] = {}

    def start(self) -> None:
        """Take the baseline and a first sample, then sample every `interval` seconds."""
        self._baseline = _children_rusage()
        self._root = _process(self.pid)
        self.sample()
        self._thread = threading.Thread(target=self._run, name="runlab-resources", daemon=True)
        self._thread.start()

    def sample(self) -> None:
        """Measure the tree now (also called by the thread); never raises for vanished pids."""
        root = self._root
        if root is None:
            return
        import psutil

        with self._lock:
            try:
                children = root.children(recursive=True)
            except psutil.Error:  # the child exited: no tree to list any more
                return
            total = 0
            for process in [root, *children]:
                try:
                    total += int(process.memory_info().rss)
                except psutil.Error:
                    continue
            # Remember descendants: those that outlive the child are not in RUSAGE_CHILDREN.
            self._descendants = {process.pid: process for process in children}
            if self._peak_rss is None or total > self._peak_rss:
                self._peak_rss = total

    def stop(self) -> Resources:
        """Stop sampling and combine the samples with the children's rusage."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self._lock:
            user, system = self._outlived_cpu()
            peak = self._peak_rss
        after = _children_rusage()
        if after is not None and self._baseline is not None:
            user += after.ru_utime - self._baseline.ru_utime
            system += after.ru_stime - self._baseline.ru_stime
            # ru_maxrss is the largest of all children runlab ever reaped, so it only speaks
            # for this tree when it grew during the run.
            if after.ru_maxrss > self._baseline.ru_maxrss:
                unit = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
                peak = max(peak or 0, int(after.ru_maxrss) * unit)
            return Resources(peak_rss_bytes=peak, cpu_user_s=user, cpu_system_s=system)
        measured = self._root is not None
        return Resources(
            peak_rss_bytes=peak,
            cpu_user_s=user if measured else None,
            cpu_system_s=system if measured else None,
        )

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.sample()
            except OSError:  # /proc unreadable for a moment: the next sample may work
                continue

    def _outlived_cpu(self) -> tuple[float, float]:
        """CPU of processes from the last sample still running now: no rusage includes them.

        A survivor's children_* times cover its own reaped children; children still alive
        are survivors of their own, so nothing is counted twice.
        """
        user = system = 0.0
        survivors = list(self._descendants.values())
        if self._root is not None:
            survivors.append(self._root)  # stop() before the child was reaped
        if not survivors:
            return user, system
        import psutil

        for process in survivors:
            try:
                if not process.is_running():
                    continue
                times = process.cpu_times()
            except psutil.Error:
                continue
            user += times.user + times.children_user
            system += times.system + times.children_system
        return user, system


def _process(pid: int) -> psutil.Process | None:
    try:
        import psutil
    except ImportError:  # without psutil only getrusage's figures remain
        return None
    try:
        return psutil.Process(pid)
    except psutil.Error:  # already gone: getrusage still has its figure
        return None


def _children_rusage() -> Any:
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    return resource.getrusage(resource.RUSAGE_CHILDREN)


def _proc_stat(pid: int) -> tuple[str, float] | None:
    """(state, start time) from /proc/<pid>/stat; None without /proc or without the pid."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as file:
            stat = file.read()
    except OSError:
        return None
    # The command name in parentheses may hold spaces and ")", so split after the last ")".
    fields = stat[stat.rfind(b")") + 2 :].split()
    try:
        state = fields[0].decode("ascii")
        ticks = int(fields[19])  # field 22 of the whole line: start time in clock ticks
        return state, _boot_time() + ticks / os.sysconf("SC_CLK_TCK")
    except (IndexError, ValueError, OSError):
        return None


_boot_time_cache: list[float] = []


def _boot_time() -> float:
    if not _boot_time_cache:
        with open("/proc/stat", "rb") as file:
            for line in file:
                if line.startswith(b"btime "):
                    _boot_time_cache.append(float(line.split()[1]))
                    break
            else:
                raise ValueError("no btime in /proc/stat")
    return _boot_time_cache[0]


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name, no passwd entry (containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


def _platform() -> str:
    """platform.platform()'s answer; on Linux built without its `uname -p` subprocess."""
    if sys.platform.startswith("linux"):
        uname = os.uname()
        text = f"{uname.sysname}-{uname.release}-{uname.machine}"
        try:
            libc = os.confstr("CS_GNU_LIBC_VERSION")
        except (ValueError, OSError):
            libc = None
        return f"{text}-with-{libc.replace(' ', '')}" if libc else text
    import platform

    return platform.platform()
