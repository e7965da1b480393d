"""The host a run ran on, whether a recorded process is still alive, and what a run's
process tree used (peak memory, CPU time).

`capture_host`, `process_start_time`, `process_ticks` and `pid_alive` are cheap and never import psutil on
Linux; `ResourceMonitor` imports it when it starts, in the wrapper only.
"""

from __future__ import annotations

import getpass
import os
import sys
import threading
import time
from dataclasses import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    import psutil


# /proc/stat's btime is derived from the wall clock and can move by a second between reads;
# a pid whose start time is this close to the recorded one is the same process.
_START_TIME_TOLERANCE = 1.0


def capture_host() -> dict[str, str]:
    """Host name, OS user, Python version and platform of this machine."""
    return {
        "host": os.uname().nodename,  # socket.gethostname(), without importing socket
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
    stat = _proc_stat_fields(pid)
    if stat is not None:
        return _since_epoch(stat[1])
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


def process_ticks(pid: int) -> tuple[str, int] | None:
    """(boot id, start time in clock ticks since boot) of process `pid`; None without /proc.

    Unlike the start time in seconds since the epoch, which /proc derives from the wall clock,
    these do not move when the clock is set (NTP): they name one process of one boot exactly.
    """
    boot = _boot_id()
    stat = _proc_stat_fields(pid) if pid > 0 and boot else None
    if stat is None or boot is None:
        return None
    return boot, stat[1]


def pid_alive(pid: int, start_time: float | None, ticks: tuple[str, int] | None = None) -> bool:
    """Whether `pid` runs and is the process that started at `start_time` (any, when None).

    `ticks` (`process_ticks`' answer when the process was recorded) decides where it is known
    and this machine has /proc: a clock set since then does not matter. A zombie (exited, not
    yet reaped) is not alive.
    """
    if pid <= 0:
        return False
    stat = _proc_stat_fields(pid)
    if stat is not None:
        state, started_ticks = stat
        if state in ("Z", "X"):
            return False
        boot = _boot_id() if ticks is not None else None
        if ticks is not None and boot is not None:
            return ticks == (boot, started_ticks)
        if start_time is None:
            return True
        started = _since_epoch(started_ticks)
        return started is not None and abs(started - start_time) <= _START_TIME_TOLERANCE
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

    Call `start()` right after spawning the child and `stop()` right after reaping it: CPU
    time comes from `getrusage(RUSAGE_CHILDREN)`, which covers the reaped child and every
    descendant reaped within the tree, plus the CPU of descendants that outlived it (never
    reaped by the tree), read at the end. Peak memory is the largest sum of the tree's RSS seen
    by a sample, or the child's `ru_maxrss` from `wait4` when that is larger (so a command too
    short to sample has one too).

    psutil is imported by the thread, while the child already runs, so a short command does not
    wait for it. Every `metrics_interval` seconds (0: never) the thread also records system
    metrics under `sys/` (CPU percent, RSS, threads, I/O bytes of the tree; each GPU's
    utilisation, memory and power when `nvidia-smi` is there), collected with `drain()`.
    Processes vanish between listing and reading; such a sample just counts fewer.
    """

    def __init__(self, pid: int, interval: float = 0.5, metrics_interval: float = 0.0,
                 gpu: bool = False) -> None:
        self.pid = pid
        self.interval = interval
        self.metrics_interval = metrics_interval
        self.gpu = gpu  # look for nvidia-smi (in the thread: the run does not wait for it)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()  # psutil loaded and the root process found
        self._baseline: Any = None  # resource.struct_rusage at start()
        self._root: psutil.Process | None = None
        self._peak_rss: int | None = None
        self._descendants: dict[int, psutil.Process] = {}
        self._metrics: list[list[Any]] = []  # [key, value, step, time] since the last drain
        self._metric_step = 0
        self._cpu_mark = (0.0, 0.0)  # (monotonic time, the tree's CPU seconds) at the last sample
        self._gpu: GpuReader | None = None

    def start(self) -> None:
        """Take the baseline, then sample in a thread every `interval` seconds."""
        self._baseline = _children_rusage()
        self._thread = threading.Thread(target=self._run, name="runlab-resources", daemon=True)
        self._thread.start()

    def sample(self) -> None:
        """Measure the tree now (also called by the thread); never raises for vanished pids."""
        root = self._root
        if root is None:
            return
        import psutil

        with self._lock:
            if self._stop.is_set():
                return
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
            self._descendants = {process.pid: self._descendants.get(process.pid, process)
                                 for process in children}
            if self._peak_rss is None or total > self._peak_rss:
                self._peak_rss = total

    def drain(self) -> list[list[Any]]:
        """System metric points measured since the last call."""
        with self._lock:
            points, self._metrics = self._metrics, []
        if self._gpu is not None:
            points += self._gpu.drain()
        return points

    def stop(self, child: Any = None) -> Resources:
        """Stop sampling and combine the samples with the children's rusage; `child` is the
        rusage `wait4` gave for the reaped child (its own peak, and its reaped descendants')."""
        self._stop.set()
        if self._thread is not None and self._ready.is_set():
            self._thread.join()  # otherwise it is still importing psutil: do not wait for it
        self._thread = None
        if self._gpu is not None:
            self._gpu.close()
        with self._lock:
            user, system = self._outlived_cpu()
            peak = self._peak_rss
        unit = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
        if child is not None:
            # The kernel's high-water mark holds for a command too short to sample.
            peak = max(peak or 0, int(child.ru_maxrss) * unit)
        after = _children_rusage()
        if after is not None and self._baseline is not None:
            user += after.ru_utime - self._baseline.ru_utime
            system += after.ru_stime - self._baseline.ru_stime
            # ru_maxrss is the largest of all children runlab ever reaped, so it only speaks
            # for this tree when it grew during the run.
            if after.ru_maxrss > self._baseline.ru_maxrss:
                peak = max(peak or 0, int(after.ru_maxrss) * unit)
            return Resources(peak_rss_bytes=peak, cpu_user_s=user, cpu_system_s=system)
        measured = self._root is not None
        return Resources(
            peak_rss_bytes=peak,
            cpu_user_s=user if measured else None,
            cpu_system_s=system if measured else None,
        )

    def _run(self) -> None:
        # A command done within the first moment needs no sampling: getrusage has its figures,
        # and the run is not kept waiting for psutil to load.
        if self._stop.wait(min(0.1, self.interval)):
            return
        root = _process(self.pid)
        with self._lock:
            if self._stop.is_set():
                return
            self._root = root
            self._ready.set()
        command = gpu_command(self.metrics_interval) if self.gpu and self.metrics_interval > 0 \
            else None
        if command:
            self._gpu = GpuReader.start(command, self.metrics_interval)
        self.sample()
        self._cpu_mark = (time.monotonic(), self._tree_cpu())
        next_metrics = time.monotonic() + self.metrics_interval
        while not self._stop.wait(self.interval):
            try:
                self.sample()
                if self.metrics_interval > 0 and time.monotonic() >= next_metrics:
                    next_metrics += self.metrics_interval
                    self._measure_system()
            except OSError:  # /proc unreadable for a moment: the next sample may work
                continue

    def _measure_system(self) -> None:
        """CPU percent, RSS, threads and I/O of the whole tree, as `sys/` metric points."""
        import psutil

        root = self._root
        if root is None:
            return
        rss = threads = read = written = 0.0
        with self._lock:
            tree = [root, *self._descendants.values()]
        now, cpu_s = time.monotonic(), self._tree_cpu(tree)
        then, before = self._cpu_mark
        self._cpu_mark = (now, cpu_s)
        cpu = max(0.0, cpu_s - before) / (now - then) * 100 if now > then else 0.0
        for process in tree:
            try:
                with process.oneshot():
                    rss += process.memory_info().rss
                    threads += process.num_threads()
                    try:
                        io = process.io_counters()
                        read += io.read_bytes
                        written += io.write_bytes
                    except (psutil.AccessDenied, AttributeError):
                        pass
            except psutil.Error:
                continue
        t = round(time.time(), 3)
        step = self._metric_step
        self._metric_step += 1
        with self._lock:
            self._metrics += [
                ["sys/cpu_percent", round(cpu, 1), step, t],
                ["sys/rss_bytes", rss, step, t],
                ["sys/threads", threads, step, t],
                ["sys/read_bytes", read, step, t],
                ["sys/write_bytes", written, step, t],
            ]

    def _tree_cpu(self, tree: list[Any] | None = None) -> float:
        """The CPU seconds the tree has used: each live process's own and its reaped
        children's (a worker that came and went since the last sample is in its parent's), so
        the difference between two samples is the tree's use between them."""
        import psutil

        if tree is None:
            with self._lock:
                tree = [] if self._root is None else [self._root,
                                                      *self._descendants.values()]
        total = 0.0
        for process in tree:
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system + times.children_user + times.children_system
        return total

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


GPU_QUERY = "index,utilization.gpu,memory.used,memory.total,power.draw,temperature.gpu"
GPU_KEYS = ("utilization_percent", "memory_used_mib", "memory_total_mib", "power_w",
            "temperature_c")


def find_program(name: str) -> str | None:
    """The executable `name` on PATH, or None."""
    # A PATH scan, not shutil.which: shutil costs more to import than this takes.
    return next((os.path.join(d, name) for d in os.environ.get("PATH", "").split(os.pathsep)
                 if d and os.access(os.path.join(d, name), os.X_OK)), None)


def gpu_command(interval: float) -> list[str] | None:
    """The `nvidia-smi` command that reports every GPU every `interval` s; None without it."""
    exe = find_program("nvidia-smi")
    if exe is None:
        return None
    return [exe, f"--query-gpu={GPU_QUERY}", "--format=csv,noheader,nounits",
            f"--loop-ms={max(100, int(interval * 1000))}"]


class GpuReader:
    """One long-lived `nvidia-smi --loop-ms` process whose lines become `sys/gpuN/...` points.

    A single process that reports on its own clock costs far less than starting nvidia-smi
    for every sample.
    """

    def __init__(self, proc: Any) -> None:
        self.proc = proc
        self._lock = threading.Lock()
        self._points: list[list[Any]] = []
        self._steps: dict[str, int] = {}
        self._thread = threading.Thread(target=self._read, name="runlab-gpu", daemon=True)
        self._thread.start()

    @classmethod
    def start(cls, command: list[str], interval: float) -> GpuReader | None:
        import subprocess

        try:
            proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                    stdin=subprocess.DEVNULL)
        except OSError:
            return None
        return cls(proc)

    def _read(self) -> None:
        for raw in self.proc.stdout:
            points = parse_gpu_line(raw.decode("utf-8", "replace"), self._steps)
            with self._lock:
                self._points += points

    def drain(self) -> list[list[Any]]:
        with self._lock:
            points, self._points = self._points, []
        return points

    def close(self) -> None:
        try:
            self.proc.terminate()
            self.proc.wait(timeout=5)
        except Exception:  # noqa: BLE001 - a reporter that will not stop must not fail the run
            self.proc.kill()
        self._thread.join(timeout=5)


def parse_gpu_line(line: str, steps: dict[str, int]) -> list[list[Any]]:
    """One `nvidia-smi --query-gpu` CSV line as metric points (unsupported fields skipped)."""
    fields = [f.strip() for f in line.split(",")]
    if len(fields) != len(GPU_KEYS) + 1 or not fields[0].isdigit():
        return []
    gpu = f"sys/gpu{fields[0]}/"
    step = steps.get(gpu, 0)
    steps[gpu] = step + 1
    t = round(time.time(), 3)
    points = []
    for key, text in zip(GPU_KEYS, fields[1:]):
        try:
            points.append([gpu + key, float(text), step, t])
        except ValueError:  # "[N/A]", "[Not Supported]"
            continue
    return points


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


def _proc_stat_fields(pid: int) -> tuple[str, int] | None:
    """(state, start time in clock ticks since boot) from /proc/<pid>/stat; None without /proc
    or without the pid."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as file:
            stat = file.read()
    except OSError:
        return None
    # The command name in parentheses may hold spaces and ")", so split after the last ")".
    fields = stat[stat.rfind(b")") + 2 :].split()
    try:
        return fields[0].decode("ascii"), int(fields[19])  # field 22 of the whole line
    except (IndexError, ValueError):
        return None


def _boot_id() -> str | None:
    """This boot's random id (Linux); None where there is none."""
    try:
        with open("/proc/sys/kernel/random/boot_id", "rb") as file:
            return file.read().strip().decode("ascii") or None
    except (OSError, UnicodeDecodeError):
        return None


def _since_epoch(ticks: int) -> float | None:
    """Clock ticks since boot as seconds since the epoch. The boot time is read each time: it
    moves when the clock is set (a process caching it would misplace later processes)."""
    try:
        with open("/proc/stat", "rb") as file:
            for line in file:
                if line.startswith(b"btime "):
                    return float(line.split()[1]) + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        pass
    return None


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
