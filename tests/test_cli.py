"""The command line as a whole: dispatch, the run option table, cheap imports, manners."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

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


def test_version_and_help(cli: Callable[..., Result]) -> None:
    r = cli("--version")
    assert r.code == 0 and r.stdout.startswith("runlab ")
    r = cli("--help")
    assert r.code == 0 and "ls" in r.stdout and "show" in r.stdout


def test_usage_error_is_one_line(cli: Callable[..., Result]) -> None:
    r = cli("ls", "--limit", "many")
    assert r.code == 2
    assert r.stderr.startswith("runlab: error: ") and r.stderr.count("\n") == 1


def test_empty_store_lists_nothing(cli: Callable[..., Result]) -> None:
    r = cli("ls", "--json")
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


def test_help_command(cli: Callable[..., Result]) -> None:
    r = cli("help")
    assert r.code == 0 and "Usage: runlab [OPTIONS] COMMAND" in r.stdout
    r = cli("help", "ls")
    assert r.code == 0 and r.stdout == cli("ls", "--help").stdout
    r = cli("help", "model", "register")
    assert r.code == 0 and r.stdout == cli("model", "register", "--help").stdout
    r = cli("help", "sho")
    assert r.code == 2 and r.stderr.startswith("runlab: error: no command 'sho'")
    assert json.loads(cli("ls", "--json").stdout) == []
