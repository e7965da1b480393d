"""The command line as a whole: dispatch, the run option table, cheap imports, manners."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from runlab.cli import SUBCOMMANDS
from runlab.cli.run import RUN_OPTIONS, parse
from tests.conftest import Result, child_env


def _app_commands() -> dict[str, object]:
    from runlab.cli.app import app
    from typer.main import get_command

    return get_command(app).commands  # type: ignore[attr-defined,no-any-return]


def test_subcommand_list_matches_the_app() -> None:
    assert set(_app_commands()) == set(SUBCOMMANDS)


def test_run_option_table_matches_the_run_command() -> None:
    run = _app_commands()["run"]
    declared = {tuple(sorted(p.opts)) for p in run.params if p.opts and p.opts[0].startswith("-")}  # type: ignore[attr-defined]
    assert declared == {tuple(sorted(o.names)) for o in RUN_OPTIONS}


def test_run_options_parse() -> None:
    p = parse(["-n", "x", "-t", "a=1", "--tag=b", "-q", "python", "-n", "5"])
    assert p.values == {"name": "x", "tag": ["a=1", "b"], "quiet": True}
    assert p.command == ["python", "-n", "5"]
    assert parse(["--", "ls", "-l"]).command == ["ls", "-l"]
    assert parse(["-nfoo", "cmd"]).values == {"name": "foo"}


def test_import_runlab_is_cheap() -> None:
    code = ("import sys, runlab; heavy = {'typer', 'rich', 'git', 'psutil', 'sqlite3'} & "
            "set(m.split('.')[0] for m in sys.modules); print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=child_env(), check=True).stdout
    assert out.strip() == "[]"


def test_tracked_run_path_never_imports_typer_or_rich(tmp_path: object) -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['runlab', sys.executable, '-c', 'pass']\n"
        "try:\n"
        "    runpy.run_module('runlab', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({'typer', 'rich'} & {m.split('.')[0] for m in sys.modules}), file=sys.stderr)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=child_env(), cwd=str(tmp_path))
    assert r.stderr.strip().endswith("[]"), r.stderr


def test_version_and_help(main: Callable[..., Result]) -> None:
    r = main("--version")
    assert r.code == 0 and r.stdout.startswith("runlab ")
    r = main("--help")
    assert r.code == 0
    # The command table, not the examples above it: one line per visible command, in order.
    table = r.stdout.split("\nCommands:\n", 1)[1].splitlines()
    listed = {line.split()[0]: line.split(None, 1)[1] for line in table if line.strip()}
    shown = [name for name, c in _app_commands().items() if not c.hidden]  # type: ignore[attr-defined]
    assert list(listed) == shown and "list" not in listed
    assert listed["ls"].startswith("List runs, newest first")
    assert listed["show"] == "Show everything recorded about one run."


def test_usage_error_is_one_line(main: Callable[..., Result]) -> None:
    r = main("ls", "--limit", "many")
    assert r.code == 2
    assert r.stderr.startswith("runlab: error: ") and r.stderr.count("\n") == 1


def test_empty_store_lists_nothing(main: Callable[..., Result]) -> None:
    r = main("ls", "--json")
    assert r.code == 0 and json.loads(r.stdout) == []


def test_a_typo_of_a_subcommand_is_no_run(cli: Callable[..., Result], tmp_path: Path) -> None:
    for typo, meant in (("sho", "show"), ("lst", "list"), ("exprt", "export")):
        r = cli(typo, "last")
        assert r.code == 2, r.stderr
        assert r.stderr == (f"runlab: error: unknown command '{typo}'; did you mean '{meant}'? "
                            f"(`runlab run -- {typo}` runs a program of that name)\n")
    assert json.loads(cli("ls", "--json").stdout) == []  # nothing recorded
    # A name far from every subcommand is still a command that was not found (a failed run).
    assert cli("no-such-program-xyz").code == 127
    assert len(json.loads(cli("ls", "--json").stdout)) == 1


def test_a_program_close_to_a_subcommand_runs(cli: Callable[..., Result],
                                              tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "sho").write_text("#!/bin/sh\necho shown $1\n")
    (bin_dir / "sho").chmod(0o755)
    r = cli("sho", "x", env={"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"})
    assert r.code == 0 and r.stdout == "shown x\n", r.stderr
    # A named command of runlab.toml runs too, and `run --` always runs.
    (tmp_path / "runlab.toml").write_text('[commands.lst]\nrun = "echo listed"\n')
    r = cli("lst")
    assert r.code == 0 and r.stdout == "listed\n", r.stderr
    assert cli("run", "--", "sho").code == 127
    assert len(json.loads(cli("ls", "--json").stdout)) == 3


def test_help_command(main: Callable[..., Result]) -> None:
    r = main("help")
    assert r.code == 0 and "Usage: runlab [OPTIONS] COMMAND" in r.stdout
    r = main("help", "ls")
    assert r.code == 0 and r.stdout == main("ls", "--help").stdout
    r = main("help", "model", "register")
    assert r.code == 0 and r.stdout == main("model", "register", "--help").stdout
    r = main("help", "sho")
    assert r.code == 2 and r.stderr.startswith("runlab: error: no command 'sho'")
    assert json.loads(main("ls", "--json").stdout) == []


def test_the_command_decorator_applies_the_error_policy(
        capsys: pytest.CaptureFixture[str]) -> None:
    from runlab.cli.common import command
    from runlab.errors import RunlabError, UsageError

    def raises(error: BaseException, *, wrapping: bool = False) -> int:
        @command(wrapping=wrapping)
        def body() -> None:
            raise error

        with pytest.raises(SystemExit) as e:
            body()
        return e.value.code  # type: ignore[return-value]

    assert raises(KeyboardInterrupt()) == 130  # inside the command, before click's Abort
    assert raises(UsageError("bad word")) == 2
    assert capsys.readouterr().err.endswith("\nrunlab: error: bad word\n")
    assert raises(RunlabError("broke")) == 1
    assert raises(RunlabError("broke"), wrapping=True) == 125
    assert raises(FileNotFoundError(2, "No such file or directory", "x.toml")) == 1
    assert capsys.readouterr().err.endswith("runlab: error: x.toml: No such file or directory\n")

    @command(wrapping=True)
    def ends_with(code: int) -> int:
        return code

    with pytest.raises(SystemExit) as e:
        ends_with(3)
    assert e.value.code == 3
    assert ends_with.__name__ == "ends_with"  # typer reads the wrapped signature


# Runs runlab's main after arranging a real SIGINT (what Ctrl-C sends) the moment the function
# named argv[1] (a code name and a part of its file's path) is first called: a point chosen
# exactly, with no timing involved.
CTRL_C_AT = """\
import os, signal, sys
name, where = sys.argv.pop(1).split('@')
def profile(frame, event, arg):
    if event == 'call' and frame.f_code.co_name == name and where in frame.f_code.co_filename:
        sys.setprofile(None)
        os.kill(os.getpid(), signal.SIGINT)
sys.setprofile(profile)
from runlab.cli import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize("point", [
    "_register@runlab/cli/app.py",  # loading the subcommands
    "<module>@typer/main.py",  # importing typer
    "make_context@typer",  # click parsing the words
    "parse_args@typer",
])
def test_ctrl_c_before_a_command_runs_exits_130_without_a_traceback(
        point: str, tmp_path: Path) -> None:
    # `diff` goes through the typer app (ls, show, log, metrics and plot can skip it).
    r = subprocess.run([sys.executable, "-c", CTRL_C_AT, point, "diff", "1", "2"],
                       cwd=tmp_path, env=child_env({"RUNLAB_STORE": str(tmp_path / "s")}),
                       capture_output=True, text=True, timeout=60, check=False)
    assert r.returncode == 130, (point, r.stderr)
    assert r.stdout == "" and r.stderr.strip() == "", (point, r.stderr)


def test_an_ascii_locale_reads_runs_whose_params_are_not_ascii(cli: Callable[..., Result],
                                                                tmp_path: Path) -> None:
    # `PYTHONIOENCODING=ascii` (or `LC_ALL=C` on an old Python): shown escaped, JSON as JSON
    assert cli("-p", "emoji=\U0001f680", sys.executable, "-c", "print('loss=0.5')").code == 0
    ascii_env = {"PYTHONIOENCODING": "ascii"}
    shown = cli("show", "last", "--json", env=ascii_env)
    assert shown.code == 0 and "Traceback" not in shown.stderr, shown.stderr
    assert json.loads(shown.stdout)["params"]["emoji"] == "\U0001f680"
    for args in (["ls"], ["show", "last"], ["ls", "--format", "json"]):
        r = cli(*args, env=ascii_env)
        assert r.code == 0 and "Traceback" not in r.stderr, (args, r.stderr)
    assert json.loads(cli("ls", "--format", "json", env=ascii_env).stdout)[0]["params"][
        "emoji"] == "\U0001f680"
