"""`runlab COMMAND`: a real child, real exit codes and signals, real terminals, real git."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from runlab.record.recorder import FLUSH_POINTS
from tests.conftest import Result, child_env, git, run_in_pty, runlab_argv

PY = sys.executable


def show(cli: Callable[..., Result], ref: str = "last", **kw: object) -> dict:  # type: ignore[type-arg]
    r = cli("show", ref, "--json", **kw)
    assert r.code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_tracked_run_end_to_end(cli: Callable[..., Result], git_repo: Path) -> None:
    r = cli(PY, "train.py", "--lr=0.2", "--epochs", "3", cwd=git_repo)
    assert r.code == 0, r.stderr
    assert "epoch 3/3 loss=0.1667" in r.stdout  # echoed
    assert "run 1 finished" in r.stderr
    run = show(cli, cwd=git_repo)
    assert run["status"] == "finished" and run["exit_code"] == 0
    assert run["params"] == {"lr": 0.2, "epochs": 3}
    assert run["metrics"]["loss"]["count"] == 3
    assert run["metrics"]["loss"]["last_step"] == 3
    assert run["metrics"]["acc"]["last"] == pytest.approx(1.1)
    assert run["git"]["commit"] == git(git_repo, "rev-parse", "HEAD").strip()
    assert run["git"]["branch"] == "main" and run["git"]["dirty"] is False
    assert run["author"] == "Ada Lovelace <ada@example.com>"
    assert run["source"]["path"] == "train.py" and len(run["source"]["sha256"]) == 64
    assert run["command"] == [PY, "train.py", "--lr=0.2", "--epochs", "3"]
    assert run["started_at"] < run["ended_at"] and 0 < run["duration_s"] < 60
    for key in ("id", "number", "name", "experiment", "cwd", "user", "host", "python", "tags",
                "note", "resources"):
        assert key in run
    assert run["resources"]["cpu_user_s"] is not None
    log = cli("log", "last", cwd=git_repo)
    assert log.stdout == r.stdout
    # The store never makes the repository dirty.
    assert git(git_repo, "status", "--porcelain") == ""


def test_summary_compares_with_the_previous_run(cli: Callable[..., Result], git_repo: Path) -> None:
    cli(PY, "train.py", "--lr=0.1", cwd=git_repo)
    r = cli(PY, "train.py", "--lr=0.2", cwd=git_repo)
    assert "vs run 1: lr 0.1 → 0.2 · same code" in r.stderr
    assert "loss -" in r.stderr and "acc +" in r.stderr


def test_summary_compares_with_the_previous_finished_run(cli: Callable[..., Result],
                                                          git_repo: Path) -> None:
    (git_repo / "flaky.py").write_text(
        "import sys\nprint(f'loss={sys.argv[1]}')\nsys.exit(int(sys.argv[2]))\n")
    cli(PY, "flaky.py", "0.5", "0", cwd=git_repo)
    cli(PY, "flaky.py", "0.9", "1", cwd=git_repo)  # failed: no yardstick
    r = cli(PY, "flaky.py", "0.4", "0", cwd=git_repo)
    assert "vs run 1: same code · loss -0.1" in r.stderr, r.stderr
    r = cli(PY, "flaky.py", "0.2", "2", cwd=git_repo)
    assert r.code == 2
    assert "vs run 3 (the last finished run; this run did not finish): same code · loss -0.2" \
        in r.stderr, r.stderr


def test_summary_says_a_metric_went_nan_or_came_back(cli: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    # No `nan` for a change: the value and what it was, worse when it became NaN.
    (tmp_path / "mini.py").write_text(
        "import sys\nprint(f'val loss {sys.argv[1]} | acc {sys.argv[2]}')\n")
    cli(PY, "mini.py", "0.5", "0.8")
    r = cli(PY, "mini.py", "nan", "0.7")
    assert "vs run 1: same code · val_loss nan (was 0.5) · acc -0.1" in r.stderr, r.stderr
    r = cli(PY, "mini.py", "0.4", "0.9")
    assert "vs run 2: same code · val_loss 0.4 (was nan) · acc +0.2" in r.stderr, r.stderr
    r = cli(PY, "mini.py", "inf", "0.9")
    assert "vs run 3: same code · val_loss inf (was 0.4)" in r.stderr, r.stderr
    r = cli(PY, "mini.py", "inf", "0.9")
    assert r.stderr.splitlines()[-1] == "  vs run 4: same code", r.stderr  # inf again: no change


def test_python_c_s_code_is_its_program(cli: Callable[..., Result], git_repo: Path) -> None:
    # `python -c CODE`: two snippets are other code, the same one again the same
    cli(PY, "-c", "print('loss: 0.5')", cwd=git_repo)
    r = cli(PY, "-c", "print('acc: 0.9'); print('loss: 0.7')", cwd=git_repo)
    assert "vs run 1: code changed · loss +0.2" in r.stderr, r.stderr
    r = cli(PY, "-c", "print('acc: 0.9'); print('loss: 0.7')", cwd=git_repo)
    assert "vs run 2: same code" in r.stderr, r.stderr


def test_summary_matches_the_script_from_a_subdirectory(cli: Callable[..., Result],
                                                         git_repo: Path) -> None:
    cli(PY, "train.py", "--lr=0.1", cwd=git_repo)
    (git_repo / "sub").mkdir()
    r = cli(PY, "../train.py", "--lr=0.2", cwd=git_repo / "sub")
    assert "vs run 1: lr 0.1 → 0.2 · same code" in r.stderr, r.stderr
    # Another script of the same name elsewhere is another command.
    (git_repo / "sub" / "train.py").write_text("print('loss=1')\n")
    r = cli(PY, "train.py", cwd=git_repo / "sub")
    assert "vs run" not in r.stderr


def test_every_run_has_a_peak_rss(cli: Callable[..., Result]) -> None:
    # Over before the sampler's first look: the kernel's figure from wait4 stands.
    assert cli("true").code == 0
    assert show(cli)["resources"]["peak_rss_bytes"] > 0
    example = Path(__file__).resolve().parent.parent / "examples" / "train.py"
    assert cli(PY, str(example), "--lr", "0.05", "--epochs", "3").code == 0  # the README's
    assert show(cli)["resources"]["peak_rss_bytes"] > 0
    # A short burst of memory is caught whole.
    cli(PY, "-c", "b = bytearray(300 * 2**20); b[::4096] = b'x' * len(b[::4096])")
    assert show(cli)["resources"]["peak_rss_bytes"] >= 300 * 2**20


def test_files_runlab_wrote_are_no_runs_code(cli: Callable[..., Result],
                                             git_repo: Path) -> None:
    (git_repo / "report.md").write_text("old\n")
    git(git_repo, "add", "report.md")
    git(git_repo, "commit", "-qm", "report")
    assert cli(PY, "train.py", cwd=git_repo).code == 0

    def redirect(name: str, *args: str) -> None:
        with open(git_repo / name, "wb") as out:
            subprocess.run(runlab_argv(*args), stdout=out, cwd=git_repo, env=child_env(),
                           check=True)

    redirect("runs.csv", "ls", "--format", "csv")  # a new file
    redirect("report.md", "show", "last")  # a committed file, rewritten
    assert cli("export", "last", "-o", "runs.tar.gz", cwd=git_repo).code == 0
    (git_repo / "notes.txt").write_text("mine\n")  # the user's own change
    r = cli(PY, "train.py", cwd=git_repo)
    said = [line for line in r.stderr.splitlines() if "files runlab wrote" in line]
    assert said == ["runlab: left out of this run's code and later ones', as files runlab "
                    "wrote: report.md, runs.csv, runs.tar.gz"], r.stderr
    run = show(cli, cwd=git_repo)
    assert run["git"]["changed_files"] == ["notes.txt"] and run["git"]["left_out"] == []
    patch = (Path(os.environ["RUNLAB_STORE"]) / "runs" / run["id"] / "code.patch").read_text()
    assert "notes.txt" in patch and "report.md" not in patch and "runs.csv" not in patch
    # Said once: the next run leaves them out without a word.
    r = cli(PY, "train.py", cwd=git_repo)
    assert "files runlab wrote" not in r.stderr and "same code" in r.stderr, r.stderr
    # Edited by hand, a file is the user's again.
    with open(git_repo / "runs.csv", "a") as f:
        f.write("by hand\n")
    cli(PY, "train.py", cwd=git_repo)
    assert show(cli, cwd=git_repo)["git"]["changed_files"] == ["notes.txt", "runs.csv"]


MANY_PARAMS = """\
import argparse
p = argparse.ArgumentParser()
for i in range(40):
    p.add_argument(f"--hp{i}", type=int, default=0)
a = p.parse_args()
print(f"loss={1 / (1 + a.hp0)}")
"""


def test_many_changed_params_leave_room_for_the_metrics(cli: Callable[..., Result],
                                                        tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(MANY_PARAMS)
    cli(PY, "train.py")
    r = cli(PY, "train.py", *[f"--hp{i}=1" for i in range(40)])
    vs = r.stderr.splitlines()[-1]
    # A framework's hyperparameters change by the dozen; the metric still shows.
    assert vs.startswith("  vs run 1: hp0 0 → 1") and "37 more params" in vs, vs
    assert "loss -0.5" in vs and len(vs) < 200, vs


@pytest.mark.parametrize("code", [0, 3])
def test_exit_code_passes_through(cli: Callable[..., Result], code: int) -> None:
    r = cli(PY, "-c", f"import sys; print('hi'); sys.exit({code})")
    assert r.code == code
    assert show(cli)["status"] == ("finished" if code == 0 else "failed")
    assert show(cli)["exit_code"] == code


def test_command_not_found(cli: Callable[..., Result]) -> None:
    r = cli("no-such-command-xyz", "--lr", "1")
    assert r.code == 127
    assert "no-such-command-xyz: command not found" in r.stderr
    assert show(cli)["status"] == "failed" and show(cli)["exit_code"] == 127


def test_command_not_executable(cli: Callable[..., Result], tmp_path: Path) -> None:
    script = tmp_path / "script.sh"
    script.write_text("echo hi\n")
    script.chmod(0o644)
    r = cli(str(script))
    assert r.code == 126
    assert show(cli)["exit_code"] == 126
    r = cli(str(tmp_path) + "/")
    assert r.code == 126 and f"{tmp_path}/: is a directory" in r.stderr


def test_child_killed_by_a_signal_ends_runlab_by_it(cli: Callable[..., Result]) -> None:
    r = cli(PY, "-c", "import os, signal; print('bye', flush=True); os.kill(os.getpid(), signal.SIGTERM)")
    assert r.code == -signal.SIGTERM
    run = show(cli)
    assert run["status"] == "killed" and run["signal"] == signal.SIGTERM
    assert "killed  signal SIGTERM" in cli("show", "last").stdout  # named as the summary names it


def _start_waiting_child(tmp_path: Path, extra: str = "") -> subprocess.Popen[bytes]:
    """runlab wrapping a child that prints 'ready' and then sleeps (its grandchild too)."""
    code = (
        "import subprocess, sys, time\n"
        "g = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        f"print('ready', g.pid, flush=True)\n{extra}"
        "time.sleep(60)\n"
    )
    p = subprocess.Popen(runlab_argv(PY, "-c", code), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, cwd=tmp_path, env=child_env())
    assert p.stdout is not None
    line = p.stdout.readline().decode()
    assert line.startswith("ready"), line
    p.grandchild = int(line.split()[1])  # type: ignore[attr-defined]
    return p


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(")")[1].split()[0] == "Z"


def test_ctrl_c_kills_the_child_and_runlab_ends_by_sigint(cli: Callable[..., Result],
                                                          tmp_path: Path) -> None:
    p = _start_waiting_child(tmp_path)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    assert p.returncode == -signal.SIGINT
    run = show(cli)
    assert run["status"] == "killed"
    assert run["signal"] == signal.SIGINT
    assert "ready" in cli("log", "last").stdout
    # The whole process group got the signal: the grandchild does not outlive the run.
    assert _gone(p.grandchild)  # type: ignore[attr-defined]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_term_and_hup_are_passed_on(cli: Callable[..., Result], tmp_path: Path, sig: int) -> None:
    p = _start_waiting_child(tmp_path)
    p.send_signal(sig)
    p.communicate(timeout=30)
    assert p.returncode == -sig
    assert show(cli)["status"] == "killed"


@pytest.mark.parametrize("handled", [True, False])
def test_sigterm_reaches_a_command_that_handles_it_alone(
        cli: Callable[..., Result], tmp_path: Path, handled: bool) -> None:
    # as `kill -TERM` of the command without runlab: a command with a handler of its own gets
    # it, not its workers (Lightning's DDP ranks, each given SIGTERM, hang), and what it
    # leaves is killed after it; a command without one (a wrapper) is not the one that would
    # handle it: the group gets it, its worker too
    mark = tmp_path / "worker-got-term"
    worker = (f"import signal, sys, time; signal.signal(signal.SIGTERM, lambda s, f: "
              f"(open({str(mark)!r}, 'w').close(), sys.exit(0))); print('armed', flush=True); "
              f"time.sleep(60)")
    code = ("import os, signal, subprocess, sys, time\n"
            + ("signal.signal(signal.SIGTERM, lambda s, f: os._exit(143))\n" if handled else "")
            + f"g = subprocess.Popen([sys.executable, '-c', {worker!r}], stdout=subprocess.PIPE)\n"
            "g.stdout.readline()\n"  # (its handler in place)
            "print('ready', g.pid, flush=True)\n"
            "time.sleep(60)\n")
    p = subprocess.Popen(runlab_argv(PY, "-c", code), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, cwd=tmp_path, env=child_env())
    assert p.stdout is not None
    line = p.stdout.readline().decode()
    assert line.startswith("ready"), line
    p.send_signal(signal.SIGTERM)
    p.communicate(timeout=30)
    assert show(cli)["status"] == "killed"
    assert mark.exists() is not handled
    assert _gone(int(line.split()[1]))


def test_sigkill_of_runlab_leaves_a_lost_run_with_its_output(cli: Callable[..., Result],
                                                              tmp_path: Path) -> None:
    p = _start_waiting_child(tmp_path)
    p.kill()
    p.communicate(timeout=30)
    r = cli("ls", "--json")
    runs = json.loads(r.stdout)
    assert runs[0]["status"] == "lost"
    assert "ready" in cli("log", "last").stdout


def test_child_sees_a_terminal_when_runlab_has_one(cli: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    probe = "import os, shutil; print('tty', os.isatty(1), shutil.get_terminal_size().columns)"
    code, out = run_in_pty([PY, "-c", probe], tmp_path, cols=123)
    assert code == 0
    assert b"tty True 123" in out
    r = cli(PY, "-c", probe)
    assert "tty False" in r.stdout


def test_a_terminal_of_no_size_gives_the_command_a_usual_one(tmp_path: Path) -> None:
    # `script` run where there is no terminal of its own, a container's pseudo-terminal:
    # 0 columns and 0 rows, on which tqdm draws no bar (and the bar's curve is lost); the
    # command gets 80 columns and 24 rows instead, the size a terminal starts with
    probe = "import os; size = os.get_terminal_size(1); print('size', size.columns, size.lines)"
    code, out = run_in_pty([PY, "-c", probe], tmp_path, cols=0, rows=0)
    assert code == 0
    assert b"size 80 24" in out
    code, out = run_in_pty([PY, "-c", probe], tmp_path, cols=0, rows=40)
    assert b"size 80 40" in out


@pytest.mark.skipif(shutil.which("script") is None, reason="needs script(1)")
def test_terminal_receives_the_line_ends_script_passes(cli: Callable[..., Result],
                                                       tmp_path: Path) -> None:
    import shlex

    code = "import sys; sys.stdout.write('one\\ntwo\\r\\nthree\\n')"
    status, through_script = run_in_pty(
        [], tmp_path, argv=["script", "-qec", shlex.join([PY, "-c", code]), "/dev/null"],
        stdin=True)
    assert status == 0 and through_script.endswith(b"three\r\n"), through_script
    status, through_runlab = run_in_pty([PY, "-c", code], tmp_path, stdin=True)
    assert status == 0
    # What reached the terminal is what script passes; the summary follows on stderr.
    assert through_runlab.startswith(through_script), through_runlab
    assert b"\r\r\n" not in through_runlab.replace(b"two\r\r\n", b"")
    # The log holds the bytes the command wrote.
    log = subprocess.run(runlab_argv("log", "last", "--raw"), capture_output=True,
                         env=child_env(), check=True).stdout
    assert log == b"one\ntwo\r\nthree\n"


def test_progress_bars_and_colours_parse_cleanly(cli: Callable[..., Result],
                                                 tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "for i in range(1, 4):\n"
        "    sys.stderr.write(f'\\r{i * 33}%|###   | {i}/3 [00:01<00:02] loss={1 / i:.3f}')\n"
        "sys.stderr.write('\\n')\n"
        "print('\\x1b[32macc: 0.75\\x1b[0m')\n"
    )
    code_, out = run_in_pty([PY, "-c", code], tmp_path)
    assert code_ == 0
    assert b"\x1b[32macc: 0.75" in out  # echoed byte for byte
    run = show(cli)
    assert run["metrics"]["acc"]["last"] == 0.75
    assert run["metrics"]["loss"]["count"] == 3
    assert run["metrics"]["loss"]["last"] == pytest.approx(0.333)
    assert set(run["metrics"]) == {"acc", "loss"}
    raw = cli("log", "last", "--raw").stdout
    assert "\x1b[32m" in raw
    assert "\x1b[" not in cli("log", "last").stdout


def test_stdin_is_the_users(cli: Callable[..., Result]) -> None:
    r = cli(PY, "-c", "print('got', input())", input="hello\n")
    assert r.stdout.strip() == "got hello"


def test_stdout_and_stderr_stay_apart(cli: Callable[..., Result]) -> None:
    r = cli(PY, "-c", "import sys; print('out'); print('err', file=sys.stderr)")
    assert r.stdout == "out\n"
    assert r.stderr.startswith("err\n")


def test_output_sent_to_one_file_is_read_in_the_order_written(cli: Callable[..., Result],
                                                               tmp_path: Path) -> None:
    # `runlab python train.py > log 2>&1` (or `2>&1 | tee log`): the command's stdout and
    # stderr are one pipe, so what it wrote to each, in turns, is read, recorded and passed
    # on in its order (two pipes are read as they fill: a progress bar's next frames on
    # stderr before the line printed on stdout after the last, that line's step late)
    (tmp_path / "turns.py").write_text(
        "import sys\nfor i in range(2000):\n"
        "    (sys.stderr if i % 2 else sys.stdout).write(f'line {i} loss={1 / (i + 1)}\\n')\n")
    with open(tmp_path / "log.txt", "wb") as log:
        done = subprocess.run(runlab_argv(PY, "turns.py"), cwd=tmp_path, env=child_env(),
                              stdout=log, stderr=subprocess.STDOUT, timeout=120)
    assert done.returncode == 0
    wanted = [f"line {i} loss={1 / (i + 1)}" for i in range(2000)]
    written = (tmp_path / "log.txt").read_text().splitlines()
    assert [line for line in written if line.startswith("line ")] == wanted
    recorded = cli("log", "last").stdout.splitlines()
    assert [line for line in recorded if line.startswith("line ")] == wanted


STREAMS = """\
import os
one = os.path.sameopenfile(1, 2)
print("one pipe" if one else "two pipes", flush=True)
"""


def test_the_command_s_streams_are_one_pipe_only_where_runlab_s_are_one_file(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # one file (`> log 2>&1`): one pipe; apart (stderr elsewhere), or a terminal under
    # --no-pty, which promises pipes: two
    (tmp_path / "streams.py").write_text(STREAMS)
    with open(tmp_path / "log.txt", "wb") as log:
        subprocess.run(runlab_argv("-q", PY, "streams.py"), cwd=tmp_path, env=child_env(),
                       stdout=log, stderr=subprocess.STDOUT, timeout=120, check=True)
    assert "one pipe" in cli("log", "last").stdout
    assert "two pipes" in cli(PY, "streams.py").stdout
    status, out = run_in_pty(["--no-pty", PY, "streams.py"], tmp_path)
    assert status == 0 and b"two pipes" in out


def test_params_typed_and_secrets_redacted(cli: Callable[..., Result], git_repo: Path) -> None:
    r = cli(PY, "train.py", "--lr", "1e-3", "--epochs", "10", "--amp", "--no-shuffle",
            "--api-key", "sk-abc123", "--db-password=hunter2", "model.depth=50",
            "+trainer.gpus=2", "--offset", "-3", "--name", "null", "--layer", "64",
            "--layer", "32", cwd=git_repo)
    assert r.code == 0, r.stderr
    run = show(cli, cwd=git_repo)
    assert run["params"] == {
        "lr": 0.001, "epochs": 10, "amp": True, "shuffle": False, "api-key": "***",
        "db-password": "***", "model.depth": 50, "trainer.gpus": 2, "offset": -3,
        "name": None, "layer": [64, 32],
    }
    stored = json.dumps(run)
    assert "sk-abc123" not in stored and "hunter2" not in stored
    store = Path(os.environ["RUNLAB_STORE"])
    for path in store.rglob("*"):
        if path.is_file():
            assert b"hunter2" not in path.read_bytes(), path


def test_git_states(cli: Callable[..., Result], git_repo: Path, tmp_path: Path) -> None:
    (git_repo / "train.py").write_text((git_repo / "train.py").read_text() + "# changed\n")
    (git_repo / "notes.txt").write_text("untracked\n")
    (git_repo / "blob.bin").write_bytes(b"\0\1\2" * 100)
    cli(PY, "train.py", cwd=git_repo)
    run = show(cli, cwd=git_repo)
    assert run["git"]["dirty"] is True
    assert set(run["git"]["changed_files"]) >= {"train.py", "notes.txt"}
    patch = (Path(os.environ["RUNLAB_STORE"]) / "runs" / run["id"] / "code.patch").read_text()
    assert "+# changed" in patch and "+untracked" in patch
    assert any("blob.bin" in x for x in run["git"]["left_out"])

    head = git(git_repo, "rev-parse", "HEAD").strip()
    git(git_repo, "stash", "-u")
    git(git_repo, "checkout", "-q", head)
    cli(PY, "train.py", cwd=git_repo)
    run = show(cli, cwd=git_repo)
    assert run["git"]["branch"] is None and run["git"]["detached"] is True
    assert run["git"]["commit"] == head

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    git(fresh, "init", "-q")
    shutil.copy(git_repo / "train.py", fresh)
    cli(PY, "train.py", cwd=fresh)
    run = show(cli, cwd=fresh)
    assert run["git"]["commit"] is None and run["status"] == "finished"

    plain = tmp_path / "plain"
    plain.mkdir()
    shutil.copy(git_repo / "train.py", plain)
    cli(PY, "train.py", cwd=plain)
    run = show(cli, cwd=plain)
    assert run["git"] is None
    copy = Path(os.environ["RUNLAB_STORE"]) / "runs" / run["id"] / "source" / "train.py"
    assert copy.read_text() == (plain / "train.py").read_text()

    # The copy is redacted as a patch is: a hard-coded secret is not stored.
    (plain / "train.py").write_text('API_KEY = "codeSECRET456"\nprint("loss: 0.5")\n')
    cli(PY, "train.py", cwd=plain)
    run = show(cli, cwd=plain)
    copy = Path(os.environ["RUNLAB_STORE"]) / "runs" / run["id"] / "source" / "train.py"
    assert copy.read_text() == 'API_KEY = "***"\nprint("loss: 0.5")\n'
    assert copy.stat().st_mode & 0o777 == 0o600


def test_default_store_is_at_the_repository_root(cli: Callable[..., Result],
                                                 git_repo: Path) -> None:
    sub = git_repo / "sub"
    sub.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "RUNLAB_STORE"}
    p = subprocess.run(runlab_argv(PY, "-c", "print(1)"), cwd=sub, env={**child_env(), **env},
                       capture_output=True)
    p = subprocess.run(runlab_argv(PY, "-c", "print(1)"), cwd=sub,
                       env={k: v for k, v in child_env().items() if k != "RUNLAB_STORE"},
                       capture_output=True)
    assert p.returncode == 0
    assert (git_repo / ".runlab" / "index.db").exists()
    assert git(git_repo, "status", "--porcelain") == "?? sub/\n" or \
        git(git_repo, "status", "--porcelain") == ""


def test_parallel_runs_get_distinct_numbers(tmp_path: Path, cli: Callable[..., Result]) -> None:
    procs = [subprocess.Popen(runlab_argv(PY, "-c", f"print('loss: {i}')"), cwd=tmp_path,
                              env=child_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for i in range(8)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, errors
    runs = json.loads(cli("ls", "--json").stdout)
    assert sorted(r["number"] for r in runs) == list(range(1, 9))
    assert sorted(r["metrics"]["loss"]["last"] for r in runs) == list(range(8))


def test_deleting_the_index_then_ls_shows_the_same(cli: Callable[..., Result]) -> None:
    for i in range(3):
        cli(PY, "-c", f"print('acc={i / 10}')")
    before = cli("ls").stdout
    (Path(os.environ["RUNLAB_STORE"]) / "index.db").unlink()
    assert cli("ls").stdout == before


def test_run_subcommand_and_prefix_options(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "ls").write_text("#!/bin/sh\necho 'from my ls'\n")
    (tmp_path / "ls").chmod(0o755)
    r = cli("run", "-n", "mine", "-t", "best", "-t", "k=v", "--", "./ls")
    assert r.code == 0 and "from my ls" in r.stdout
    r = cli("-n", "second", "-p", "lr=0.5", "--note", "hi", PY, "-c", "print(1)")
    assert r.code == 0
    first, second = show(cli, "mine"), show(cli, "second")
    assert first["tags"] == {"best": "", "k": "v"}
    assert second["params"]["lr"] == 0.5 and second["note"] == "hi"
    bad = cli("--bogus", PY, "-c", "1")
    assert bad.code == 2 and bad.stderr.startswith("runlab: error: unknown run option --bogus")
    # the explicit form too: a typo of an option is no run (parse's `--pattern` for `-m`)
    before = cli("ls", "--format", "json").stdout
    for typo in (("--pattern", "x", "--", PY, "-c", "1"), ("--bogus-opt", "--", PY, "-c", "1")):
        bad = cli("run", *typo)
        assert bad.code == 2 and bad.stderr.startswith(
            f"runlab: error: unknown run option {typo[0]}"), bad.stderr
    assert cli("ls", "--format", "json").stdout == before


def test_quiet_records_without_echo(cli: Callable[..., Result]) -> None:
    r = cli("-q", PY, "-c", "print('secret sauce')")
    assert "secret sauce" not in r.stdout
    assert "secret sauce" in cli("log", "last").stdout


def test_quiet_passes_a_cursor_query_on_to_the_terminal(cli: Callable[..., Result],
                                                        tmp_path: Path) -> None:
    # enlighten and blessed ask the terminal where the cursor is and read the answer from
    # their input: quiet, the question still reaches the terminal, and its answer the program
    probe = ("import select, sys, tty; tty.setcbreak(0); sys.stdout.write('\\x1b[6n'); "
             "sys.stdout.flush(); ready = select.select([0], [], [], 20)[0]; "
             "print('answer', repr(sys.stdin.read(6)) if ready else None)")
    code, out = run_in_pty(["-q", PY, "-c", probe], tmp_path, stdin=True,
                           answers={b"\x1b[6n": b"\x1b[5;1R"})
    assert code == 0
    assert b"answer" not in out  # (quiet)
    assert "answer '\\x1b[5;1R'" in cli("log", "last").stdout


def test_quiet_passes_on_a_cursor_query_the_reads_cut_in_two() -> None:
    # the command's output comes in reads of any size: a query may end one and open the next
    import pty

    from runlab.record.runner import Launch, _Child

    terminal, seat = pty.openpty()
    r, w = os.pipe()
    try:
        child = _Child(Launch(argv=["true"], cwd=".", env={}, use_pty=True, echo=False,
                              stdout_fd=seat))
        child.master, child.streams[r] = r, (1, None)
        for piece in (b"ready\x1b[", b"6n then \x1b", b"[6n", b" done"):
            os.write(w, piece)
            assert child._read(r)
        import select

        got = b""  # (the terminal may hand the two queries over in two reads)
        while len(got) < 8 and select.select([terminal], [], [], 10)[0]:
            got += os.read(terminal, 100)
        assert got == b"\x1b[6n\x1b[6n"
    finally:
        for fd in (terminal, seat, r, w):
            os.close(fd)


def test_reading_commands_report_bad_references(cli: Callable[..., Result]) -> None:
    cli("-n", "same", PY, "-c", "1")
    cli("-n", "same", PY, "-c", "1")
    r = cli("show", "same")
    assert r.code == 2 and "matches several runs: 1 (" in r.stderr
    r = cli("show", "42")
    assert r.code == 2 and r.stderr.startswith("runlab: error: no run number 42")
    assert "Traceback" not in r.stderr


def test_log_tail_and_follow(cli: Callable[..., Result], tmp_path: Path) -> None:
    code = "import sys\nprint('first', flush=True)\nsys.stdin.readline()\nprint('second')\n"
    p = subprocess.Popen(runlab_argv(PY, "-c", code), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                         env=child_env())
    assert p.stdout is not None and p.stdin is not None
    assert p.stdout.readline() == b"first\n"
    follower = subprocess.Popen(runlab_argv("log", "-f", "last"), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=tmp_path, env=child_env())
    assert follower.stdout is not None
    assert follower.stdout.readline() == b"first\n"  # what is there already
    p.stdin.write(b"go\n")
    p.stdin.close()
    p.wait(timeout=30)
    out, _ = follower.communicate(timeout=30)  # ends by itself once the run has ended
    assert out == b"second\n"
    assert follower.returncode == 0
    assert cli("log", "last", "--tail", "1").stdout == "second\n"
    assert cli("log", "last", "--tail", "0").stdout == ""


def test_a_running_run_shows_its_latest_metrics(cli: Callable[..., Result],
                                                tmp_path: Path) -> None:
    # Two batches of points: a full batch is written at once, whatever a flush on the clock
    # took first, so at least a batch is on record and less than one may still wait.
    code = (f"import sys\nfor i in range({2 * FLUSH_POINTS}):\n    print(f'loss={{i}}')\n"
            "print('ready', flush=True)\nsys.stdin.readline()\n")
    p = subprocess.Popen(runlab_argv(PY, "-c", code), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                         env=child_env())
    assert p.stdout is not None and p.stdin is not None
    for line in p.stdout:
        if line == b"ready\n":
            break
    run = show(cli)
    assert run["status"] == "running" and run["ended_at"] is None
    count = run["metrics"]["loss"]["count"]
    assert count > FLUSH_POINTS and run["metrics"]["loss"]["last"] == count - 1
    # A flush on the clock may have added points since: never fewer, and still the latest.
    listed = json.loads(cli("ls", "--json").stdout)[0]
    assert listed["status"] == "running"
    assert count <= listed["metrics"]["loss"]["count"] <= 2 * FLUSH_POINTS
    assert listed["metrics"]["loss"]["last"] == listed["metrics"]["loss"]["count"] - 1
    p.stdin.close()
    p.wait(timeout=30)
    assert show(cli)["status"] == "finished"


def test_a_bad_metric_pattern_stops_before_any_run(cli: Callable[..., Result]) -> None:
    r = cli("-m", "(unclosed", PY, "-c", "print('never')")
    assert r.code == 2 and r.stderr.startswith("runlab: error: ") and "never" not in r.stdout
    assert json.loads(cli("ls", "--json").stdout) == []


def test_a_module_run_with_python_m_is_the_run_s_source(cli: Callable[..., Result],
                                                         git_repo: Path) -> None:
    # `python -m pkg.train` runs pkg/train.py: the run's source, hashed (a package's
    # `__main__.py` for `-m pkg`)
    (git_repo / "pkg").mkdir()
    (git_repo / "pkg" / "__init__.py").write_text("")
    (git_repo / "pkg" / "train.py").write_text("print('loss=0.5')\n")
    (git_repo / "pkg" / "__main__.py").write_text("print('loss=0.4')\n")
    for module, path in (("pkg.train", "pkg/train.py"), ("pkg", "pkg/__main__.py")):
        r = cli(PY, "-m", module, "--lr", "0.1", cwd=git_repo)
        assert r.code == 0, r.stderr
        run = show(cli, cwd=git_repo)
        assert run["source"]["path"] == path and len(run["source"]["sha256"]) == 64
        assert run["params"] == {"lr": 0.1}


def test_limits_must_make_sense(cli: Callable[..., Result]) -> None:
    cli(PY, "-c", "print(1)")
    for args in (["ls", "--limit", "0"], ["ls", "--limit", "-1"], ["log", "last", "--tail", "-1"]):
        r = cli(*args)
        assert r.code == 2 and r.stderr.startswith("runlab: error: "), args


def test_show_lists_an_empty_param_as_empty_quotes(cli: Callable[..., Result]) -> None:
    assert cli("-p", "suffix=", "-p", "lr=0.1", "true").code == 0
    shown = cli("show", "last").stdout
    assert "suffix  ''" in shown and "lr      0.1" in shown


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="names a descriptor's file")
def test_a_file_the_shell_redirects_runlabs_output_to_is_no_code(
        cli: Callable[..., Result], git_repo: Path) -> None:
    # `runlab python train.py > train.log 2>&1`: the shell makes train.log, untracked, before
    # runlab starts; the run's code is the clean commit, not a patch adding an empty log
    argv = " ".join(runlab_argv(PY, "train.py", "--lr=0.2"))
    done = subprocess.run(f"{argv} > train.log 2>&1", shell=True, cwd=git_repo,
                          env=child_env(), timeout=120)
    assert done.returncode == 0
    assert "run 1 finished" in (git_repo / "train.log").read_text()
    run = show(cli, cwd=git_repo)
    assert run["git"]["dirty"] is False
    # another untracked file still makes it dirty
    (git_repo / "notes.py").write_text("x = 1\n")
    done = subprocess.run(f"{argv} > train.log 2>&1", shell=True, cwd=git_repo,
                          env=child_env(), timeout=120)
    assert show(cli, cwd=git_repo)["git"]["dirty"] is True
