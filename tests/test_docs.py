"""Completions and the man page: generated from the CLI by `python -m runlab.cli.docgen`, kept
current, rendering without warnings, listing every command and option, and completing for
real (bash driven through COMP_WORDS, zsh and fish through typer's protocol, all through
`runlab`'s own `main`)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from runlab import __version__
from runlab.cli import docgen
from runlab.cli.run import RUN_OPTIONS
from runlab.store import Store
from runlab.store.complete import run_refs, tag_keys
from tests.conftest import child_env

ROOT = Path(__file__).resolve().parent.parent
FIX = f"run `{docgen.REGENERATE}` and commit the result"


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return docgen.outputs()


@pytest.fixture(scope="module")
def man(generated: dict[str, str]) -> str:
    return generated[docgen.MAN_PAGE]


# -- up to date ------------------------------------------------------------------------------


def test_committed_files_match_a_fresh_generation(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert docgen.main(["--root", str(tmp_path)]) == 0
    stale = []
    for rel in [*docgen.COMPLETIONS.values(), docgen.MAN_PAGE]:
        fresh = (tmp_path / rel).read_bytes()
        committed = (ROOT / rel).read_bytes() if (ROOT / rel).is_file() else None
        if committed != fresh:
            stale.append(rel)
    assert not stale, f"out of date: {', '.join(stale)}; {FIX}"


def test_check_names_the_stale_files_and_the_command(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert docgen.main(["--check", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "completions/runlab.bash" in err and "man/runlab.1" in err
    assert docgen.REGENERATE in err
    assert docgen.main(["--root", str(tmp_path)]) == 0
    (tmp_path / "completions" / "runlab.fish").write_text("stale\n")
    capsys.readouterr()
    assert docgen.main(["--check", "--root", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"out of date: completions/runlab.fish; run `{docgen.REGENERATE}`\n")
    assert docgen.main(["--root", str(tmp_path)]) == 0
    assert docgen.main(["--check", "--root", str(tmp_path)]) == 0


def test_generation_is_deterministic(generated: dict[str, str]) -> None:
    assert docgen.outputs() == generated


# -- the man page ----------------------------------------------------------------------------

SECTIONS = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "RUN OPTIONS", "COMMANDS",
            "RUN REFERENCES", "QUERY LANGUAGE", "EXIT STATUS", "ENVIRONMENT", "FILES",
            "EXAMPLES"]
REQUESTS = {"TH", "SH", "SS", "PP", "TP", "RS", "RE", "nf", "fi", "br", "nh", "ad"}
KNOWN_ESCAPES = re.compile(r"\\(?:e|-|&|f[BIRP]|\([a-z]{2}|\[u[0-9A-F]{4,6}\])")


def test_man_page_groff_syntax(man: str) -> None:
    """What groff would choke on, checked without groff: known requests only, every `-` and
    `\\` escaped, no text line read as a request, ASCII only, blocks closed."""
    lines = man.split("\n")
    assert lines[-1] == "" and man.endswith("\n")
    assert lines[1] == f'.TH RUNLAB 1 "" "runlab {__version__}" "User Commands"'
    depth = {"nf": 0, "RS": 0}
    for n, line in enumerate(lines[:-1], start=1):
        if line.startswith('.\\"') or line == ".":
            continue
        assert not line.startswith("'"), f"line {n} would be read as a request: {line}"
        rest = line
        if line.startswith("."):
            request, _, rest = line[1:].partition(" ")
            assert request in REQUESTS, f"line {n}: unexpected request {request!r}"
            if request in ("nf", "RS"):
                depth[request] += 1
            elif request in ("fi", "RE"):
                opening = "nf" if request == "fi" else "RS"
                depth[opening] -= 1
                assert depth[opening] >= 0, f"line {n}: .{request} without .{opening}"
        bare = KNOWN_ESCAPES.sub("", rest)
        assert "\\" not in bare, f"line {n}: unknown escape in {line!r}"
        assert "-" not in bare, f"line {n}: unescaped - in {line!r}"
        assert bare.isascii(), f"line {n}: non-ASCII text in {line!r}"
    assert depth == {"nf": 0, "RS": 0}
    found = [line[4:].strip('"') for line in lines if line.startswith(".SH ")]
    assert [s for s in found if s in SECTIONS] == SECTIONS


def test_man_page_renders_without_warnings(man: str, tmp_path: Path) -> None:
    groff = shutil.which("groff")
    if groff is None:
        pytest.skip("groff is not installed (Debian: groff-base); the syntax is checked in Python")
    page = tmp_path / "runlab.1"
    page.write_text(man, encoding="ascii")
    p = subprocess.run([groff, "-man", "-Tutf8", "-ww", str(page)], capture_output=True,
                       text=True, timeout=60, env={**os.environ, "LC_ALL": "C.UTF-8"}, check=False)
    assert p.returncode == 0 and p.stderr == "", p.stderr
    text = re.sub(r".\x08", "", p.stdout)  # overstrike bold and underline
    for section in SECTIONS:
        assert f"\n{section}\n" in text
    assert "runlab config set" in text and "--where" in text


def _section(man: str, start: str) -> str:
    """The text from the line `start` to the next .SH or .SS."""
    lines = man.split("\n")
    i = lines.index(start)
    end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith((".SH", ".SS"))),
               len(lines))
    return "\n".join(lines[i:end])


def _commands(cmd: Any, ctx: Any, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any, Any]]:
    out = []
    for name in sorted(getattr(cmd, "commands", {})):
        sub = cmd.commands[name]
        sub_ctx = type(ctx)(sub, info_name=name, parent=ctx, **sub.context_settings)
        out.append(((*path, name), sub, sub_ctx))
        out.extend(_commands(sub, sub_ctx, (*path, name)))
    return out


def test_every_command_and_option_is_in_the_man_page(man: str) -> None:
    root, ctx = docgen.root_command()
    help_names = set(ctx.help_option_names)
    commands = _commands(root, ctx, ("runlab",))
    assert {"run", "ls", "show", "log", "reindex"} <= {path[1] for path, _, _ in commands}
    for path, cmd, sub_ctx in commands:
        title = f'.SS "{docgen.esc(" ".join(path))}"'
        assert title in man.split("\n"), f"{' '.join(path)} is not in the man page; {FIX}"
        body = _section(man, title)
        if cmd.hidden and (cmd.help or "").startswith("Alias of "):
            assert "alias" in body.lower()
            continue
        for param in cmd.get_params(sub_ctx):
            if param.param_type_name != "option" or getattr(param, "hidden", False):
                continue
            if set(param.opts) <= help_names:
                continue
            for opt in [*param.opts, *param.secondary_opts]:
                assert docgen.bold(opt) in body, f"{' '.join(path)} {opt} missing; {FIX}"
    top = _section(man, ".SH OPTIONS")
    for param in root.get_params(ctx):
        for opt in param.opts:
            assert docgen.bold(opt) in top, opt
    commands_intro = _section(man, ".SH COMMANDS")
    for name in help_names:
        assert docgen.bold(name) in commands_intro
    run_options = _section(man, ".SH RUN OPTIONS")
    for opt in RUN_OPTIONS:
        for name in opt.names:
            assert docgen.bold(name) in run_options, name


def test_man_page_sections_come_from_the_code(man: str) -> None:
    from runlab import config
    from runlab.errors import ExitStatus

    status = _section(man, ".SH EXIT STATUS")
    for member in ExitStatus:
        assert docgen.bold(str(int(member))) in status or f"{int(member)}+N" in status
    env = _section(man, ".SH ENVIRONMENT")
    for name in ("RUNLAB_STORE", "RUNLAB_DEBUG", "NO_COLOR", "RUNLAB_RUN_ID", "RUNLAB_EVENTS",
                 "MLFLOW_TRACKING_URI", "MLFLOW_TRACKING_TOKEN", "RUNLAB_EXPERIMENT"):
        assert docgen.bold(name) in env, name
    files = _section(man, ".SH FILES")
    for key in config.KEYS:
        assert docgen.esc(key) in files
    assert "date" not in man.split("\n")[1]


def test_escaping() -> None:
    assert docgen.esc("a-b\\c") == "a\\-b\\ec"
    assert docgen.esc("it's `x` \"q\"") == "it\\(aqs \\(gax\\(ga \\(dqq\\(dq"
    assert docgen.esc("é") == "\\[u00E9]"
    page = docgen.Page()
    page.text(docgen.esc(".hidden request"))
    page.literal(["'quoted", ".dot"])
    out = page.render()
    assert "\n.hidden" not in "\n" + out and "\\&.hidden request" in out
    assert "\\&.dot" in out and "\n'" not in "\n" + out


# -- completion, for real --------------------------------------------------------------------


@pytest.fixture
def shell_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH has a `runlab` that runs this checkout's code."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    exe = bindir / "runlab"
    exe.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m runlab "$@"\n')
    exe.chmod(0o755)
    env = child_env({"PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"})
    env.pop("_RUNLAB_COMPLETE", None)
    return env


@pytest.fixture
def runs(store: Store) -> Store:
    """Runs 1..4: 1 baseline (tags owner, best), 2 unnamed, 3 deleted, 4 resnet (tag seed)."""
    store.create_run({"name": "baseline", "command": ["python", "train.py"],
                      "tags": {"owner": "ada", "best": ""}})
    store.create_run({"command": ["python", "train.py", "--lr", "0.1"]})
    run_id, _ = store.create_run({"name": "gone", "command": ["false"]})
    store.append(run_id, [{"e": "delete"}])
    store.create_run({"name": "resnet", "command": ["python", "train.py"], "tags": {"seed": "1"}})
    store.close()
    return store


def bash_complete(env: dict[str, str], *words: str) -> list[str]:
    """Press Tab after `words` (the last one being typed) as bash's completion does."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script_path = ROOT / docgen.COMPLETIONS["bash"]
    script = script_path.read_text()
    func = re.search(r"^complete .*-F (\S+) runlab$", script, re.MULTILINE)
    assert func, "the bash script registers no function for runlab"
    words = ("runlab", *words)
    line = (f"source {shlex.quote(str(script_path))}\n"
            f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
            f"COMP_CWORD={len(words) - 1}\n"
            f"{func.group(1)} runlab {shlex.quote(words[-1])} {shlex.quote(words[-2])}\n"
            'printf "%s\\n" "${COMPREPLY[@]}"\n')
    p = subprocess.run(["bash", "--norc", "--noprofile", "-c", line], env=env,
                       capture_output=True, text=True, timeout=60, check=False)
    assert p.returncode == 0 and p.stderr == "", p.stderr
    return [w for w in p.stdout.split("\n") if w]


def test_bash_completes_run_references_newest_first(runs: Store,
                                                    shell_env: dict[str, str]) -> None:
    got = bash_complete(shell_env, "show", "")
    assert got[:4] == ["last", "4", "2", "1"]
    assert "3" not in got and "gone" not in got  # deleted
    assert got[4:] == ["resnet", "baseline"]
    assert bash_complete(shell_env, "log", "bas") == ["baseline"]
    assert bash_complete(shell_env, "show", "4") == ["4"]
    assert bash_complete(shell_env, "show", "--store", runs.root, "") == got


def test_bash_completes_subcommands_and_options(shell_env: dict[str, str]) -> None:
    first = bash_complete(shell_env, "")
    assert {"run", "ls", "show", "log", "reindex"} <= set(first)
    assert "list" not in first  # the hidden alias
    assert bash_complete(shell_env, "sho") == ["show"]
    assert {"--version", "--help"} <= set(bash_complete(shell_env, "--"))
    assert {"--json", "--store", "--help"} <= set(bash_complete(shell_env, "show", "--"))


def test_bash_completes_tag_keys_for_untag(runs: Store, shell_env: dict[str, str]) -> None:
    assert bash_complete(shell_env, "untag", "")[:2] == ["last", "4"]
    after_run = bash_complete(shell_env, "untag", "1", "")
    assert after_run[:3] == ["best", "owner", "seed"]
    assert bash_complete(shell_env, "untag", "1", "best", "") == ["best", "owner", "seed"]
    assert bash_complete(shell_env, "untag", "--where", "tags.best", "o") == ["owner"]


def test_completion_of_a_missing_store_offers_nothing_and_creates_nothing(
        tmp_path: Path, shell_env: dict[str, str]) -> None:
    missing = tmp_path / "no-store"
    env = {**shell_env, "RUNLAB_STORE": str(missing)}
    assert bash_complete(env, "show", "") == []
    assert not missing.exists()
    broken = tmp_path / "broken"
    (broken / "runs").mkdir(parents=True)
    (broken / "index.db").write_text("not a database")
    assert run_refs(str(broken)) == [] and tag_keys(str(broken)) == []
    assert bash_complete({**shell_env, "RUNLAB_STORE": str(broken)}, "show", "") == []


def test_store_lookups_read_only(runs: Store) -> None:
    before = os.stat(os.path.join(runs.root, "index.db")).st_mtime_ns
    assert run_refs(runs.root) == [(4, "resnet"), (2, None), (1, "baseline")]
    assert tag_keys(runs.root) == ["best", "owner", "seed"]
    assert os.stat(os.path.join(runs.root, "index.db")).st_mtime_ns == before
    db = sqlite3.connect(os.path.join(runs.root, "index.db"))
    assert db.execute("SELECT count(*) FROM runs").fetchone() == (4,)
    db.close()


def _protocol(env: dict[str, str], shell: str, line: str, **extra: str) -> str:
    p = subprocess.run(["runlab"], env={**env, "_RUNLAB_COMPLETE": f"complete_{shell}",
                                        "_TYPER_COMPLETE_ARGS": line, **extra},
                       capture_output=True, text=True, timeout=60, check=False)
    assert p.returncode == 0 and p.stderr == "", p.stderr
    return p.stdout


def test_zsh_and_fish_get_run_references_with_names(runs: Store,
                                                    shell_env: dict[str, str]) -> None:
    zsh = _protocol(shell_env, "zsh", "runlab show ")
    assert zsh.startswith("_arguments ") and '"4":"resnet"' in zsh and '"last":"run 4' in zsh
    fish = _protocol(shell_env, "fish", "runlab show ", _TYPER_COMPLETE_FISH_ACTION="get-args")
    assert fish.split("\n")[:2] == ["last\trun 4 (resnet)", "4\tresnet"]
    assert _protocol(shell_env, "zsh", "runlab python tr") == "_files\n"  # a tracked command


def test_zsh_script_works_sourced_and_autoloaded(generated: dict[str, str]) -> None:
    script = generated[docgen.COMPLETIONS["zsh"]]
    assert script.startswith("#compdef runlab\n")
    assert "compdef _runlab_completion runlab" in script
    assert '_runlab_completion "$@"' in script


def test_install_completion_still_works(tmp_path: Path, shell_env: dict[str, str]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**shell_env, "HOME": str(home), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    p = subprocess.run(["runlab", "--install-completion", "bash"], env=env,
                       capture_output=True, text=True, timeout=60, check=False)
    assert p.returncode == 0, p.stderr
    installed = (home / ".bash_completions" / "runlab.sh").read_text()
    assert "_RUNLAB_COMPLETE=complete_bash" in installed
    assert "runlab.sh" in (home / ".bashrc").read_text()
