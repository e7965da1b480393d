"""The command line as a whole: dispatch, the run option table, cheap imports, manners."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

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
