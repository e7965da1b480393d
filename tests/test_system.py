"""Host facts, process identity and the resource monitor, with real child processes.

Children block on a pipe until the test lets them go, so nothing depends on sleeping.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import textwrap
from pathlib import Path

import psutil
import pytest

from runlab.capture.system import (
    ResourceMonitor,
    capture_host,
    pid_alive,
    process_start_time,
    process_ticks,
)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")

BURN = "import time\nwhile time.process_time() < {seconds}: pass\n"

# Allocates ~50 MB, runs a grandchild that burns CPU and is reaped, then waits for a line.
BIG_CHILD = textwrap.dedent(
    f"""
    import subprocess, sys
    data = bytearray(b"x") * (50 * 1024 * 1024)
    subprocess.run([sys.executable, "-c", {BURN.format(seconds=0.1)!r}], check=True)
    print("ready", flush=True)
    sys.stdin.readline()
    """
)

# Starts a grandchild that burns CPU and outlives it, then exits when told on fd `gate`.
ABANDONING_CHILD = textwrap.dedent(
    """
    import os, subprocess, sys
    grandchild = (
        "import sys, time\\n"
        "while time.process_time() < 0.3: pass\\n"
        "print('burned', flush=True)\\n"
        "sys.stdin.readline()\\n"
    )
    subprocess.Popen([sys.executable, "-c", grandchild])
    os.read(int(sys.argv[1]), 1)
    """
)


def test_capture_host() -> None:
    host = capture_host()
    assert set(host) == {"host", "user", "python", "platform"}
    assert all(isinstance(value, str) and value for value in host.values())
    assert host["python"] == platform.python_version()
    assert host["platform"] == platform.platform()


def test_start_time_of_this_process() -> None:
    started = process_start_time(os.getpid())
    assert started is not None
    assert process_start_time(os.getpid()) == started
    assert abs(started - psutil.Process().create_time()) < 1.0
    assert pid_alive(os.getpid(), started)
    assert pid_alive(os.getpid(), None)


def test_live_pid_with_another_start_time_is_not_alive() -> None:
    started = process_start_time(os.getpid())
    assert started is not None
    assert not pid_alive(os.getpid(), started - 3600)
    assert not pid_alive(os.getpid(), started + 10)


@linux_only
def test_ticks_name_the_process_whatever_the_clock_says() -> None:
    started = process_start_time(os.getpid())
    ticks = process_ticks(os.getpid())
    assert started is not None and ticks is not None
    boot, start_ticks = ticks
    assert boot == Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    assert start_ticks == int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    # The clock was set by an hour since the run was recorded: its start time in seconds is
    # off, the process is the same.
    assert pid_alive(os.getpid(), started - 3600, ticks)
    assert pid_alive(os.getpid(), None, ticks)
    # Another process under a reused pid, or the same pid after a reboot: not the run's.
    assert not pid_alive(os.getpid(), started, (boot, start_ticks + 1))
    assert not pid_alive(os.getpid(), started, ("another-boot", start_ticks))


def test_reaped_child_is_gone() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    started = process_start_time(child.pid)  # may read the zombie: still that process
    child.wait()
    assert process_start_time(child.pid) is None
    assert not pid_alive(child.pid, started)
    assert not pid_alive(child.pid, None)
    assert process_ticks(child.pid) is None


def test_nonsense_pids() -> None:
    assert process_start_time(0) is None
    assert process_start_time(-5) is None
    assert not pid_alive(0, None)


@linux_only
@pytest.mark.skipif(not hasattr(os, "WNOWAIT"), reason="needs waitid(WNOWAIT)")
def test_zombie_is_not_alive() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # exited, not reaped
        started = process_start_time(child.pid)
        assert started is not None
        assert not pid_alive(child.pid, started)
    finally:
        child.wait()


def test_monitor_measures_memory_and_cpu_of_the_tree() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", BIG_CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert child.stdin is not None and child.stdout is not None
    monitor = ResourceMonitor(child.pid, interval=0.05)
    monitor.start()
    assert child.stdout.readline() == b"ready\n"
    monitor.sample()  # the child holds its 50 MB now, whatever the thread has seen
    child.stdin.write(b"\n")
    child.stdin.close()
    child.wait()
    resources = monitor.stop()
    assert resources.peak_rss_bytes is not None
    assert resources.peak_rss_bytes >= 40_000_000
    assert resources.cpu_user_s is not None and resources.cpu_user_s > 0
    assert resources.cpu_system_s is not None
    # The reaped grandchild's CPU is in there: it burned 0.1 s of its own.
    assert resources.cpu_user_s + resources.cpu_system_s >= 0.09
    child.stdout.close()


def test_monitor_counts_descendants_that_outlive_the_child() -> None:
    gate_read, gate_write = os.pipe()
    child = subprocess.Popen(
        [sys.executable, "-c", ABANDONING_CHILD, str(gate_read)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        pass_fds=(gate_read,),
    )
    os.close(gate_read)
    assert child.stdin is not None and child.stdout is not None
    try:
        monitor = ResourceMonitor(child.pid)
        monitor.start()
        assert child.stdout.readline() == b"burned\n"
        monitor.sample()  # sees the grandchild while the child is its parent
        os.write(gate_write, b"x")
        child.wait()
        resources = monitor.stop()  # the grandchild is still alive, never reaped by the tree
        assert resources.cpu_user_s is not None and resources.cpu_system_s is not None
        assert resources.cpu_user_s + resources.cpu_system_s >= 0.25
    finally:
        os.close(gate_write)
        child.stdin.close()  # EOF lets the grandchild go
        child.stdout.close()
        if child.poll() is None:
            child.kill()
            child.wait()


def test_monitor_of_a_child_that_already_exited() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    if hasattr(os, "WNOWAIT"):  # exited (a zombie) before the monitor starts
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)
    monitor = ResourceMonitor(child.pid)
    monitor.start()
    child.wait()
    resources = monitor.stop()
    assert resources.cpu_user_s is not None and resources.cpu_user_s >= 0
    assert resources.cpu_system_s is not None


def test_monitor_survives_processes_vanishing() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.readline()"], stdin=subprocess.PIPE
    )
    assert child.stdin is not None
    monitor = ResourceMonitor(child.pid, interval=0.01)
    monitor.start()
    child.kill()
    child.wait()
    monitor.sample()  # the pid is gone: no error
    resources = monitor.stop()
    assert resources.cpu_user_s is not None
    child.stdin.close()


def test_monitor_of_an_unknown_pid() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    monitor = ResourceMonitor(child.pid)
    monitor.start()
    monitor.sample()
    resources = monitor.stop()
    # Nothing of it is left to measure, and nothing raises: no peak, no CPU put on this run.
    assert resources.peak_rss_bytes is None
    assert resources.cpu_user_s == 0 and resources.cpu_system_s == 0


def test_import_does_not_load_psutil() -> None:
    code = (
        "import sys, runlab.capture.system as s\n"
        "s.capture_host(); s.pid_alive(1, None)\n"
        "assert 'psutil' not in sys.modules or not sys.platform.startswith('linux')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
