"""Editing runs from the shell (tag, untag, note, rename, rm, restore, purge) and terminal
manners (plain text off a terminal, quiet broken pipes, examples in every --help)."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from runlab.lifecycle import edits
from runlab.errors import AmbiguousRun, RunNotFound, UsageError
from runlab.store import Store
from tests.conftest import Result, child_env, runlab_argv

PY = sys.executable
Cli = Callable[..., Result]


def make_run(store: Store, *, name: str | None = None, status: str = "finished",
             params: dict[str, Any] | None = None,
             metrics: dict[str, float] | None = None) -> tuple[str, int]:
    """A run recorded through the store API (fast; no child process)."""
    run_id, number = store.create_run({"command": [PY, "train.py"], "cwd": "/tmp", "name": name,
                                       "params": params or {}})
    assert number is not None
    events: list[dict[str, Any]] = []
    if metrics:
        events.append({"e": "metrics", "p": [[k, v, 1, time.time()] for k, v in metrics.items()]})
    if status != "running":
        events.append({"e": "end", "t": time.time(), "status": status, "exit_code": 0})
    if events:
        store.append(run_id, events)
    return run_id, number


def show(main: Cli, ref: str) -> dict[str, Any]:
    r = main("show", ref, "--json")
    assert r.code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def listed(main: Cli, *args: str) -> list[int]:
    r = main("ls", "--all", "--json", *args)
    assert r.code == 0, r.stderr
    return sorted(run["number"] for run in json.loads(r.stdout))


def journal_events(store: Store, run_id: str) -> list[dict[str, Any]]:
    return store.events(run_id)


@pytest.fixture
def three(store: Store) -> list[str]:
    """Runs 1, 2, 3 with acc 0.1, 0.2, 0.3; run 3 is named "best"."""
    return [make_run(store, metrics={"acc": 0.1 * i}, name="best" if i == 3 else None)[0]
            for i in (1, 2, 3)]


# -- tag and untag ------------------------------------------------------------------------------


def test_tag_sets_tags_and_labels_and_says_so(main: Cli, store: Store, three: list[str]) -> None:
    r = main("tag", "1", "2", "good", "lr=0.1")
    assert r.code == 0, r.stderr
    assert "tagged runs 1, 2 good lr=0.1" in r.stderr
    assert r.stdout == ""
    assert show(main, "1")["tags"] == {"good": "", "lr": "0.1"}
    assert show(main, "2")["tags"] == {"good": "", "lr": "0.1"}
    assert show(main, "3")["tags"] == {}
    # The edit is a journal event, with its time.
    tag = [e for e in journal_events(store, three[0]) if e["e"] == "tag"]
    assert tag == [{"e": "tag", "tags": {"good": "", "lr": "0.1"}, "t": tag[0]["t"]}]
    again = main("tag", "1", "good")
    assert "run 1: unchanged" in again.stderr


def test_untag_removes_keys(main: Cli, three: list[str]) -> None:
    main("tag", "1", "2", "good", "lr=0.1")
    r = main("untag", "1", "2", "good")
    assert r.code == 0, r.stderr
    assert "untagged runs 1, 2 good" in r.stderr
    assert show(main, "1")["tags"] == {"lr": "0.1"}
    r = main("untag", "3", "good")
    assert "run 3: unchanged (had none of these tags)" in r.stderr
    r = main("untag", "1", "lr=0.1")
    assert r.code == 2 and "untag takes tag keys" in r.stderr


def test_the_last_word_is_always_a_key(main: Cli, three: list[str]) -> None:
    # "best" is also run 3's name, but as the last word it is a label.
    r = main("tag", "1", "best")
    assert "tagged run 1 best" in r.stderr
    assert show(main, "3")["tags"] == {}
    # Between the first and the last word, a run reference is a run...
    main("tag", "1", "best", "seen")
    assert show(main, "best")["tags"] == {"seen": ""}
    # ...unless written KEY=, which is always a key (and the same label as a bare KEY).
    main("tag", "2", "best=", "kept")
    assert show(main, "2")["tags"] == {"best": "", "kept": ""}
    assert show(main, "best")["tags"] == {"seen": ""}


def test_split_runs_in_the_core(store: Store, three: list[str]) -> None:
    assert edits.split_runs(store, ["1", "2", "x"]) == ([three[0], three[1]], ["x"])
    assert edits.split_runs(store, ["1", "99", "x"]) == ([three[0]], ["99", "x"])
    assert edits.split_runs(store, ["1", "a=b", "2"]) == ([three[0]], ["a=b", "2"])
    assert edits.split_runs(store, ["1", "last", "x"]) == ([three[0], three[2]], ["x"])
    assert edits.split_runs(store, ["3", "best", "x"]) == ([three[2]], ["x"])  # no duplicates
    with pytest.raises(UsageError):
        edits.split_runs(store, ["1"])
    with pytest.raises(RunNotFound):
        edits.split_runs(store, ["nosuch", "x"])
    make_run(store, name="dup")
    make_run(store, name="dup")
    with pytest.raises(AmbiguousRun, match="write it as dup="):
        edits.split_runs(store, ["1", "dup", "x"])
    assert edits.parse_tags(["a", "b=1", "c=", "d=x=y"]) == {"a": "", "b": "1", "c": "", "d": "x=y"}
    with pytest.raises(UsageError):
        edits.parse_tags(["=v"])


def test_tag_errors_are_one_line_and_exit_2(cli: Cli, three: list[str]) -> None:
    for args in (["tag", "1"], ["tag", "nosuch", "x"], ["tag", "1", "=v"]):
        r = cli(*args)
        assert r.code == 2, args
        assert r.stderr.startswith("runlab: error: ") and r.stderr.count("\n") == 1, r.stderr


# -- note and rename ----------------------------------------------------------------------------


def test_note_from_words_from_stdin_and_cleared(main: Cli, three: list[str]) -> None:
    r = main("note", "1", "diverged", "after epoch 3")
    assert r.code == 0 and "noted run 1" in r.stderr
    assert show(main, "1")["note"] == "diverged after epoch 3"
    r = main("note", "1", "-", input="line one\nline two\n")
    assert r.code == 0, r.stderr
    assert show(main, "1")["note"] == "line one\nline two"
    r = main("note", "1", "")
    assert "cleared the note of run 1" in r.stderr
    assert show(main, "1")["note"] is None


def test_rename(main: Cli, three: list[str]) -> None:
    r = main("rename", "1", "baseline")
    assert r.code == 0 and "renamed run 1 to baseline" in r.stderr
    assert show(main, "baseline")["number"] == 1
    for bad in ("12", "last~1"):
        r = main("rename", "1", bad)
        assert r.code == 2 and "cannot be named" in r.stderr
    assert main("rename", "1", "2", "x").code == 2
    # a name another run has is taken, and said: it names neither run alone now
    r = main("rename", "2", "baseline")
    assert r.code == 0 and "warning: 'baseline' matches several runs: 1 (" in r.stderr
    assert "use a number to refer to one of them" in r.stderr


# -- --where ------------------------------------------------------------------------------------


def test_where_acts_on_every_matching_run(main: Cli, store: Store, three: list[str]) -> None:
    r = main("tag", "--where", "metrics.acc > 0.15", "good")
    assert r.code == 0, r.stderr
    assert "tagged runs 2, 3 good" in r.stderr
    assert show(main, "1")["tags"] == {}
    r = main("note", "--where", "tags.good", "worth a look")
    assert "noted runs 2, 3" in r.stderr
    assert show(main, "3")["note"] == "worth a look"
    r = main("untag", "-w", "tags.good", "good")
    assert "untagged runs 2, 3 good" in r.stderr
    r = main("tag", "--where", "metrics.acc > 5", "good")
    assert r.code == 0 and "no run matches" in r.stderr
    r = main("rm", "1", "--where", "metrics.acc > 0.15")
    assert r.code == 2 and "not both" in r.stderr
    r = main("rm", "--where", "metrics.acc >")
    assert r.code == 2 and r.stderr.startswith("runlab: error: ")


def test_many_runs_are_counted(main: Cli, store: Store) -> None:
    for _ in range(12):
        make_run(store)
    r = main("tag", "--where", "status = finished", "batch")
    assert "tagged 12 runs batch" in r.stderr


# -- edits while the run is still writing its journal --------------------------------------------


def test_edits_while_running_survive_the_end_and_reindex(main: Cli, store: Store,
                                                         tmp_path: Path) -> None:
    code = ("import sys\nprint('ready', flush=True)\nsys.stdin.readline()\n"
            "print('acc=0.75', flush=True)\n")
    p = subprocess.Popen(runlab_argv(PY, "-c", code), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                         env=child_env())
    assert p.stdout is not None
    assert p.stdout.readline().strip() == b"ready"
    try:
        assert show(main, "1")["status"] == "running"
        assert main("tag", "1", "live", "stage=1").code == 0
        assert main("note", "1", "tagged while running").code == 0
        assert main("rename", "1", "inflight").code == 0
        assert main("untag", "inflight", "stage").code == 0
        during = show(main, "inflight")
        assert during["status"] == "running" and during["tags"] == {"live": ""}
    finally:
        _, err = p.communicate(b"go\n", timeout=60)
    assert p.returncode == 0, err
    expected = {"status": "finished", "name": "inflight", "tags": {"live": ""},
                "note": "tagged while running"}
    after = show(main, "1")
    assert {k: after[k] for k in expected} == expected
    assert after["metrics"]["acc"]["last"] == 0.75
    kinds = [e["e"] for e in journal_events(store, after["id"])]
    assert kinds.index("tag") < kinds.index("end")
    assert {"tag", "note", "rename", "untag"} <= set(kinds)
    r = main("reindex")
    assert r.code == 0, r.stderr
    rebuilt = show(main, "1")
    assert {k: rebuilt[k] for k in expected} == expected


# -- rm, restore, ls --deleted ------------------------------------------------------------------


def test_rm_hides_and_restore_brings_back(main: Cli, three: list[str]) -> None:
    r = main("rm", "1", "best")
    assert r.code == 0, r.stderr
    assert "hid runs 1, 3" in r.stderr
    assert listed(main) == [2]
    assert listed(main, "--deleted") == [1, 3]
    assert show(main, "1")["deleted"] is True  # a hidden run is still reachable by reference
    assert "run 1: unchanged (already hidden)" in main("rm", "1").stderr
    r = main("restore", "--where", "metrics.acc > 0.25")
    assert "restored run 3" in r.stderr
    assert listed(main) == [2, 3]
    r = main("restore", "1", "2")
    assert "restored run 1" in r.stderr and "run 2: unchanged (not hidden)" in r.stderr
    assert listed(main, "--deleted") == []
    main("rm", "-w", "status = finished")
    assert listed(main) == []
    main("reindex")
    assert listed(main, "--deleted") == [1, 2, 3]


def test_rm_of_a_running_run_is_allowed_but_said(main: Cli, store: Store) -> None:
    make_run(store, status="running")
    r = main("rm", "1")
    assert r.code == 0 and "hid run 1" in r.stderr and "still running" in r.stderr
    r = main("purge", "--yes")
    assert "keeping run 1: still running" in r.stderr and "no hidden runs to purge" in r.stderr
    assert os.path.isdir(store.run_dir(store.resolve("1")))


# -- purge --------------------------------------------------------------------------------------


def test_purge_with_yes_frees_space_and_never_reuses_the_number(main: Cli, store: Store,
                                                                 three: list[str]) -> None:
    main("tag", "3", "gone")
    run_dir = Path(store.run_dir(three[2]))
    (run_dir / "artifacts").mkdir()
    (run_dir / "artifacts" / "model.bin").write_bytes(b"\0" * 300_000)
    main("rm", "3")
    r = main("purge", "--yes")
    assert r.code == 0, r.stderr
    assert "purged run 3, freed 29" in r.stderr  # 293.x KiB
    assert "KiB" in r.stderr
    assert not run_dir.exists()
    assert listed(main, "--deleted") == [] and listed(main) == [1, 2]
    assert main("show", "3").code == 2
    assert store.db.execute("SELECT count(*) FROM tags WHERE run = 3").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM metrics WHERE run = 3").fetchone()[0] == 0
    assert make_run(store)[1] == 4  # the gap stays
    assert "no hidden runs to purge" in main("purge", "--yes").stderr


@pytest.mark.parametrize("answer, purged", [("y\n", True), ("yes\n", True), ("n\n", False),
                                            ("\n", False)])
def test_purge_asks_on_stdin(main: Cli, store: Store, three: list[str], answer: str,
                             purged: bool) -> None:
    main("rm", "2")
    r = main("purge", input=answer)
    assert "purge run 2 for good, freeing" in r.stderr and "[y/N]" in r.stderr
    assert r.code == (0 if purged else 1), r.stderr
    assert os.path.isdir(store.run_dir(three[1])) is not purged
    assert listed(main, "--deleted") == ([] if purged else [2])


def test_purge_without_an_answer_refuses(main: Cli, store: Store, three: list[str]) -> None:
    main("rm", "2")
    r = main("purge", input="")  # not a terminal, and nothing piped: no answer at all
    assert r.code == 2
    assert "runlab: error: purge needs a confirmation" in r.stderr and "--yes" in r.stderr
    assert listed(main, "--deleted") == [2]


def test_purge_never_follows_links_out_of_the_store(main: Cli, store: Store, tmp_path: Path,
                                                    three: list[str]) -> None:
    outside = tmp_path / "outside"
    (outside / "dir").mkdir(parents=True)
    (outside / "precious.txt").write_text("keep me")
    (outside / "dir" / "data.bin").write_bytes(b"x" * 5000)
    run_dir = Path(store.run_dir(three[0]))
    (run_dir / "link.txt").symlink_to(outside / "precious.txt")
    (run_dir / "linked-dir").symlink_to(outside / "dir")
    # A run whose whole directory is a link (e.g. placed there by hand) loses only the link.
    moved = tmp_path / "moved-run"
    os.rename(store.run_dir(three[1]), moved)
    os.symlink(moved, store.run_dir(three[1]))
    main("rm", "1", "2")
    r = main("purge", "--yes")
    assert r.code == 0, r.stderr
    assert "purged runs 1, 2" in r.stderr
    assert not os.path.lexists(run_dir) and not os.path.lexists(store.run_dir(three[1]))
    assert (outside / "precious.txt").read_text() == "keep me"
    assert (outside / "dir" / "data.bin").stat().st_size == 5000
    assert (moved / "journal.jsonl").is_file()


def test_purge_checks_each_run_again(store: Store, three: list[str]) -> None:
    edits.hide(store, three[:2])
    plan = edits.plan_purge(store)
    assert [r.number for r in plan.runs] == [1, 2] and plan.size > 0
    edits.restore(store, [three[1]])  # restored between the question and the answer
    size_1 = edits.dir_size(store.run_dir(three[0]))
    result = edits.purge(store, [r.id for r in plan.runs])
    assert [r.number for r in result.purged] == [1]
    assert [r.number for r in result.skipped] == [2]
    assert result.freed == size_1 > 0
    assert os.path.isdir(store.run_dir(three[1]))


def test_core_edits_report_what_changed(store: Store, three: list[str]) -> None:
    result = edits.tag(store, [three[0], three[0], three[1]], {"a": "1"})
    assert [r.number for r in result.changed] == [1, 2]
    assert result.changed[0].tags == {"a": "1"}
    assert [r.number for r in edits.tag(store, three[:2], {"a": "1"}).unchanged] == [1, 2]
    assert [r.number for r in edits.untag(store, three, ["a"]).changed] == [1, 2]
    assert edits.rename(store, [three[0]], "").unchanged  # had no name: nothing to remove
    assert edits.set_note(store, [three[0]], "n").changed[0].note == "n"
    store.reindex()
    assert store.get(three[0]).note == "n" and store.get(three[0]).tags == {}


# -- terminal manners ---------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["ls", "--all"], ["ls", "--all", "--json"], ["log", "1"]])
@pytest.mark.parametrize("read_first", [True, False], ids=["head-1", "closed-at-once"])
def test_a_pipe_closed_early_ends_quietly(store: Store, tmp_path: Path, args: list[str],
                                          read_first: bool) -> None:
    # Far more output than a pipe holds (64 KiB), so runlab meets the closed pipe mid-way.
    for i in range(300):
        make_run(store, params={"comment": f"{i} " + "x" * 400})
    with open(store.output_path(store.resolve("1")), "wb") as f:
        f.write(b"".join(b"line %d of the output\n" % i for i in range(50_000)))
    p = subprocess.Popen(runlab_argv(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         cwd=tmp_path, env=child_env())
    assert p.stdout is not None and p.stderr is not None
    if read_first:
        assert p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read().decode()
    p.wait(timeout=60)
    for word in ("Traceback", "BrokenPipe", "Exception ignored", "error"):
        assert word not in err, err
    # 141 as a shell reports SIGPIPE; 0 when the pipe broke inside one big write, whose
    # short count Python's text layer drops without an error.
    assert p.returncode in (0, 141, -signal.SIGPIPE)
    if args[0] == "log" and read_first:  # written in chunks: a later one must fail
        assert p.returncode in (141, -signal.SIGPIPE)


def _on_terminal(args: list[str], env: dict[str, str], cwd: Path) -> bytes:
    """What runlab writes when its stdout is a real (pseudo-)terminal."""
    master, slave = pty.openpty()
    p = subprocess.Popen(runlab_argv(*args), stdin=slave, stdout=slave, stderr=slave,
                         env=env, cwd=cwd)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer has closed the terminal
            break
        if not chunk:
            break
        out += chunk
    p.wait(timeout=60)
    os.close(master)
    return out


def test_colour_only_on_a_terminal_and_never_with_no_color(store: Store, tmp_path: Path) -> None:
    make_run(store, status="failed")
    env = child_env()
    env.pop("NO_COLOR", None)
    assert b"\x1b[" in _on_terminal(["ls"], env, tmp_path)  # the check can see colour
    assert b"\x1b[" not in _on_terminal(["ls"], {**env, "NO_COLOR": "1"}, tmp_path)
    piped = subprocess.run(runlab_argv("ls"), capture_output=True, env=env, cwd=tmp_path,
                           check=False)
    assert piped.returncode == 0 and b"failed" in piped.stdout
    assert b"\x1b" not in piped.stdout + piped.stderr


def _commands() -> list[list[str]]:
    """Every visible command of the app, sub-commands of groups included."""
    from typer.main import get_command

    from runlab.cli.app import app

    def walk(group: Any, path: list[str]) -> list[list[str]]:
        found: list[list[str]] = []
        for name, command in sorted(group.commands.items()):
            if command.hidden:
                continue
            found.append([*path, name])
            if hasattr(command, "commands"):
                found += walk(command, [*path, name])
        return found

    return walk(get_command(app), [])


def test_every_command_has_an_example_in_its_help() -> None:
    from typer.testing import CliRunner

    from runlab.cli.app import app

    commands = _commands()
    assert ["tag"] in commands and ["purge"] in commands
    missing = []
    for path in commands:
        result = CliRunner().invoke(app, [*path, "--help"], prog_name="runlab")
        assert result.exit_code == 0, (path, result.output)
        if "Example" not in result.output:
            missing.append(" ".join(path))
    assert missing == [], f"--help without an Example: line: {missing}"


def test_help_and_version_through_the_real_command(cli: Cli) -> None:
    r = cli("tag", "--help")
    assert r.code == 0 and "Example: runlab tag" in r.stdout
    from runlab import __version__

    assert cli("--version").stdout.strip() == f"runlab {__version__}"
