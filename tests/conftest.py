"""Shared fixtures: a private store per test, real git repositories, and the real CLI."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from runlab.store import Store

SRC = str(Path(__file__).resolve().parent.parent / "src")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own store, and no colour or user config leaks in."""
    monkeypatch.setenv("RUNLAB_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "ada@example.com")
    for name in list(os.environ):
        if name.startswith("RUNLAB_") and name != "RUNLAB_STORE":
            monkeypatch.delenv(name)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(str(tmp_path / "store"))
    yield s
    s.close()


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Ada Lovelace", "-c", "user.email=ada@example.com",
         "-c", "init.defaultBranch=main", *args],
        cwd=cwd, check=True, capture_output=True, text=True,
    ).stdout


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    """A real repository with one commit holding a small training script."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Ada Lovelace")
    git(repo, "config", "user.email", "ada@example.com")
    (repo / "train.py").write_text(TRAIN)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first")
    return repo


# The frameworks' environment (tests/frameworks/requirements.txt), for the tests of the
# start-up hooks against the real libraries (test_frameworks.py, test_notebooks.py)
FRAMEWORKS_PYTHON = os.environ.get("RUNLAB_TEST_FRAMEWORKS_PYTHON", "")


@pytest.fixture
def python() -> str:
    """The frameworks' environment's Python: a skip without one, a failure in CI."""
    if FRAMEWORKS_PYTHON and not os.access(FRAMEWORKS_PYTHON, os.X_OK):
        pytest.fail(f"RUNLAB_TEST_FRAMEWORKS_PYTHON={FRAMEWORKS_PYTHON} is no executable")
    if not FRAMEWORKS_PYTHON:
        message = ("no framework environment: set RUNLAB_TEST_FRAMEWORKS_PYTHON to a Python "
                   "with tests/frameworks/requirements.txt (.ci/run makes one and sets it)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return FRAMEWORKS_PYTHON


TRAIN = """\
import sys
args = dict(a.lstrip('-').split('=') for a in sys.argv[1:] if '=' in a)
lr = float(args.get('lr', 0.1))
for epoch in range(1, 4):
    print(f"epoch {epoch}/3 loss={1 / (epoch * lr * 10):.4f} acc={0.5 + epoch * lr:.3f}")
"""


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., Result]:
    """Run the real `runlab` command in a child process (stdout/stderr are pipes)."""

    def run(*args: str, cwd: Path | None = None, input: str | None = None,
            env: dict[str, str] | None = None, timeout: float = 60) -> Result:
        full_env = dict(os.environ)
        full_env["PYTHONPATH"] = SRC + os.pathsep + full_env.get("PYTHONPATH", "")
        full_env.update(env or {})
        p = subprocess.run(
            [sys.executable, "-m", "runlab", *args], cwd=cwd or tmp_path, input=input,
            capture_output=True, text=True, env=full_env, timeout=timeout,
        )
        return Result(p.returncode, p.stdout, p.stderr)

    return run


@pytest.fixture
def main(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `runlab.cli.main` in this process, as `cli` runs it in a child: the same arguments,
    directory, stdin text and environment, stdout and stderr captured. For what the commands
    print and exit with; a tracked run, a signal or a terminal needs the child (`cli`)."""

    def run(*args: str, cwd: Path | None = None, input: str | None = None,
            env: dict[str, str] | None = None) -> Result:
        from runlab.cli import main as runlab_main

        out, err = io.BytesIO(), io.BytesIO()
        stdout = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        stderr = io.TextIOWrapper(err, encoding="utf-8", newline="", write_through=True)
        stdin = io.TextIOWrapper(io.BytesIO((input or "").encode()), encoding="utf-8")
        code: int = 0
        with monkeypatch.context() as m:
            m.chdir(cwd or tmp_path)
            for key, value in (env or {}).items():
                m.setenv(key, value)
            m.setattr(sys, "stdin", stdin)
            m.setattr(sys, "stdout", stdout)
            m.setattr(sys, "stderr", stderr)
            try:
                runlab_main(list(args))
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 0 if e.code is None else 1
            finally:
                stdout.flush()
                stderr.flush()
        return Result(code, _text(out.getvalue()), _text(err.getvalue()))

    return run


def _text(data: bytes) -> str:
    """Bytes read as `subprocess.run(text=True)` reads them (universal newlines)."""
    return data.decode().replace("\r\n", "\n").replace("\r", "\n")


def run_in_pty(args: list[str], cwd: Path, cols: int = 100, timeout: float = 30,
               rows: int = 30,
               env: dict[str, str] | None = None, argv: list[str] | None = None,
               stdin: bool = False, answers: dict[bytes, bytes] | None = None
               ) -> tuple[int, bytes]:
    """Run runlab (or `argv`) with a real pseudo-terminal as its stdout (and stdin, with
    `stdin`, as in a terminal session); returns (wait status, the bytes the terminal
    received). `answers`: what the terminal answers (into stdin) to a query it receives."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    p = subprocess.Popen(argv or runlab_argv(*args), stdin=slave if stdin else subprocess.DEVNULL,
                         stdout=slave, stderr=slave, cwd=cwd, env=child_env(env))
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], timeout)
        assert ready, f"no output from runlab within {timeout} s"
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
        for query, answer in (answers or {}).items():
            for _ in range(data.count(query)):
                os.write(master, answer)
    os.close(master)
    return p.wait(timeout=timeout), out


def runlab_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "runlab", *args]


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra or {})
    return env
