"""The fast path of the reading commands (cli/fast.py): the same bytes and exit code as the
typer app, its parameter table in step with the app, and no typer, click or pydantic loaded."""

from __future__ import annotations

import inspect
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from runlab.cli import fast, views
from tests.conftest import Result, child_env, run_in_pty

PY = sys.executable


def _app_command(name: str) -> Any:
    from runlab.cli.app import app
    from typer.main import get_command

    return get_command(app).commands[name]  # type: ignore[attr-defined]


def _kind(p: Any) -> tuple[object, ...]:
    """What the fast path needs to know of a typer parameter, in the table's terms."""
    if p.param_type_name == "argument":
        kind = fast.ARG if p.nargs == 1 else fast.ARGS
        return (p.name, kind, (), None, bool(p.required))
    annotation = p.type_descriptor.annotation
    if p.is_flag:
        kind = fast.FLAG
    elif p.multiple:
        kind = fast.TEXTS
    elif annotation is int:
        kind = fast.INT
    else:
        kind = fast.TEXT
    assert annotation in (bool, str, int, list[str]), p.name
    assert (p.secondary_opts, p.max, p.count, p.prompt) == ([], None, False, None), \
        f"{p.name}: a form the fast path does not read"
    return (p.name, kind, tuple(p.opts), p.min, bool(p.required))


@pytest.mark.parametrize("name", sorted(fast.COMMANDS))
def test_the_table_matches_the_typer_command(name: str) -> None:
    command = _app_command(name)
    params = [p for p in command.params if p.name != "help"]
    body_name, table = fast.COMMANDS[name]
    assert sorted(map(_kind, params), key=str) == sorted(
        ((p.dest, p.kind, p.names, p.minimum, p.required) for p in table), key=str)
    for p in params:  # nothing typer would do that the fast path skips
        assert p.envvar is None and p.callback is None and not p.is_eager, p.name
    # The body's defaults are the typer command's, parameter for parameter.
    declared = inspect.signature(command.callback).parameters
    body = inspect.signature(getattr(views, body_name)).parameters
    assert list(body) == list(declared)
    for key, p in declared.items():
        if p.default is not inspect.Parameter.empty:
            assert body[key].default == p.default, key


def test_parse_reads_what_click_reads() -> None:
    _, ls = fast.COMMANDS["ls"]
    assert fast.parse(ls, ["-s", "-metrics.acc", "--sort=params.lr", "-n", "3", "--json"]) == {
        "sort": ["-metrics.acc", "params.lr"], "limit": 3, "json_": True}
    assert fast.parse(ls, ["--where", "--", "-w", "a = 1"]) == {"where": "a = 1"}
    for words in (["--limit", "0"], ["-n", "x"], ["-n3"], ["--json=1"], ["--", "x"], ["x"],
                  ["--help"], ["--limit"]):
        assert fast.parse(ls, words) is None, words
    _, metrics = fast.COMMANDS["metrics"]
    assert fast.parse(metrics, ["--csv", "last", "loss", "acc"]) == {
        "run": "last", "keys": ["loss", "acc"], "csv_": True}
    assert fast.parse(metrics, []) is None
    _, plot = fast.COMMANDS["plot"]
    assert fast.parse(plot, ["1", "-", "-k", "loss"]) == {"runs": ["1", "-"], "keys": ["loss"]}
    assert fast.parse(plot, ["-k", "loss"]) is None


@pytest.fixture
def runs(cli: Callable[..., Result], git_repo: Path) -> Path:
    """Two finished runs with metrics and output, and a failed one."""
    for lr in ("0.1", "0.2"):
        r = cli(PY, "train.py", f"--lr={lr}", "-t", "keep", cwd=git_repo)
        assert r.code == 0, r.stderr
    r = cli(PY, "-c", "import sys; print('loss=1.5'); sys.exit(3)", cwd=git_repo)
    assert r.code == 3, r.stderr
    return git_repo


# (words, whether the fast path takes them)
FORMS: list[tuple[list[str], bool]] = [
    (["show", "1"], True), (["show", "last", "--json"], True), (["show", "--json", "2"], True),
    (["show", "last~1", "--store", "{store}"], True), (["show", "--store={store}", "3"], True),
    (["--store", "{store}", "show", "1"], True),
    (["show", "99"], True), (["show", ""], True), (["show", "-"], True), (["show", "@nope"], True),
    (["show"], False), (["show", "1", "2"], False), (["show", "--bogus", "1"], False),
    (["show", "-h"], False), (["show", "--", "1"], False),
    (["plot", "1"], True), (["plot", "1", "2", "-k", "loss", "--width", "40"], True),
    (["plot", "last", "--key=acc", "--width=50", "--height", "12"], True),
    (["plot", "1", "-k", "nosuch"], True), (["plot", "1", "3"], True), (["plot", "7"], True),
    (["plot", "1", "--width", "20"], False), (["plot", "1", "--width", "x"], False),
    (["plot", "1", "--height=-5"], False), (["plot"], False),
    (["ls"], True), (["list"], True), (["ls", "--where", "metrics.loss < 1"], True),
    (["ls", "-w", "metrics.loss <"], True), (["ls", "-w", "nosuch.field = 1"], True),
    (["ls", "--sort", "-metrics.acc", "-s", "number"], True), (["ls", "-n", "1"], True),
    (["ls", "-l", "2", "--all"], True), (["ls", "--json"], True), (["ls", "-f", "csv"], True),
    (["ls", "--format=markdown"], True),
    (["ls", "--format", "nope"], True), (["ls", "--best", "loss"], True),
    (["ls", "-b", "acc", "--better", "lower"], True), (["ls", "--better", "higher"], True),
    (["ls", "-c", "params.lr,metrics.loss"], True), (["ls", "-c", "nosuch"], True),
    (["ls", "--deleted"], True), (["ls", "-e", "nope"], True), (["ls", "-w", "tags.keep"], True),
    (["ls", "--limit", "99999999999999999999999"], True),
    (["ls", "--where", "--", "-w", "tags.keep"], True), (["ls", "-e", "--json"], True),
    (["ls", "--limit", "0"], False), (["ls", "extra"], False), (["ls", "-n5"], False),
    (["ls", "--limit", "+3"], False), (["ls", "--where"], False),
    (["metrics", "1"], True), (["metrics", "1", "loss"], True), (["metrics", "2", "--csv"], True),
    (["metrics", "--json", "1", "acc", "loss"], True), (["metrics", "1", "--json", "--csv"], True),
    (["metrics", "1", "nosuch"], True), (["metrics", "99"], True), (["metrics"], False),
    (["log", "1"], True), (["log", "1", "--tail", "1"], True), (["log", "2", "-n", "0"], True),
    (["log", "3", "--raw"], True), (["log", "1", "--follow"], True), (["log", "99"], True),
    (["log", "1", "--tail", "-1"], False), (["log", "1", "-f", "x"], False),
]


def test_the_fast_path_prints_what_the_typer_app_prints(runs: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    env = child_env({"COLUMNS": "120"})
    slow_env = {**env, fast.OFF: "1"}

    def start(words: list[str], e: dict[str, str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen([PY, "-m", "runlab", *words], cwd=runs, env=e,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    subprocess.run([PY, "-m", "runlab", "ls"], cwd=runs, env=env, check=True,
                   capture_output=True)
    for template, fast_too in FORMS:
        words = [w.replace("{store}", store) for w in template]
        # `runlab --store x show 1` is `runlab show --store x 1` (main moves the options).
        w = [words[2], *words[:2], *words[3:]] if words[0] == "--store" else words
        assert (fast.parse(fast.COMMANDS[w[0]][1], w[1:]) is not None) == fast_too, words
        quick, slow = start(words, env), start(words, slow_env)
        got, want = quick.communicate(timeout=120), slow.communicate(timeout=120)
        assert (quick.returncode, *got) == (slow.returncode, *want), words
        assert want[0] or want[1] or words[-2:] == ["-n", "0"], words  # each says something


def test_on_a_terminal_too(runs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In colour, at the terminal's width, the same bytes both ways."""
    monkeypatch.delenv("NO_COLOR")
    for words in (["show", "1"], ["ls"], ["plot", "1", "2"], ["metrics", "2"], ["log", "3"]):
        quick = run_in_pty(words, runs, cols=90)
        slow = run_in_pty(words, runs, cols=90, env={fast.OFF: "1"})
        assert quick == slow, words
        assert quick[0] == 0 and quick[1], words
        if words[0] in ("show", "ls", "plot"):
            assert b"\x1b[" in quick[1], words


def test_a_fast_show_loads_no_typer(runs: Path) -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['runlab', 'show', 'last']\n"
        "try:\n"
        "    runpy.run_module('runlab', run_name='__main__')\n"
        "except SystemExit as e:\n"
        "    code = e.code\n"
        "heavy = {'typer', 'click', 'pydantic'} & {m.split('.')[0] for m in sys.modules}\n"
        "print(code, sorted(heavy), file=sys.stderr)\n"
    )
    r = subprocess.run([PY, "-c", code], capture_output=True, text=True, env=child_env(),
                       cwd=runs)
    assert "Run 3" in r.stdout
    assert r.stderr.strip().endswith("0 []"), r.stderr
    slow = subprocess.run([PY, "-c", code], capture_output=True, text=True,
                          env=child_env({fast.OFF: "1"}), cwd=runs)
    assert "'typer'" in slow.stderr  # the same check sees typer on the other path


def test_plot_draws_the_same_without_plotexts_manual() -> None:
    """plotext is loaded without its interactive manual (display/plot.py): the chart is the
    one plotext draws when loaded whole."""
    code = (
        "import sys\n"
        "if sys.argv[1] == 'whole':\n"
        "    import plotext\n"
        "from runlab.display import plot as d\n"
        "lines = [d.Line('#1 loss', [0, 1, 2, 3, 4], [1.0, 0.5, 0.25, 0.3, 0.1]),\n"
        "         d.Line('#2 loss', [0, 2, 4], [0.9, 0.4, 0.2])]\n"
        "print(d.render(lines, 60, 15, colour=True, title='loss'))\n"
        "print(d.render(lines, 40, 10, colour=False))\n"
        "print('plotext._doc.doc' in sys.modules, file=sys.stderr)\n"
    )
    light, whole = (subprocess.run([PY, "-c", code, how], capture_output=True, text=True,
                                   env=child_env(), check=True) for how in ("light", "whole"))
    assert light.stdout == whole.stdout
    assert "#2 loss" in light.stdout and "\x1b[" in light.stdout
    assert (light.stderr.strip(), whole.stderr.strip()) == ("False", "True")


def test_plot_loads_a_plotext_that_wants_more_of_its_manual(tmp_path: Path) -> None:
    """A plotext whose import needs more of its manual than the stand-in has is loaded whole
    instead: the chart is still drawn."""
    pkg = tmp_path / "plotext"
    (pkg / "_doc").mkdir(parents=True)
    (pkg / "_doc" / "__init__.py").write_text("")
    (pkg / "_doc" / "doc.py").write_text("docs = None\nexamples = 'the whole manual'\n")
    (pkg / "__init__.py").write_text(
        "from ._doc.doc import examples\n"
        "def plot(*a, **k): pass\n")
    code = (
        "import sys\n"
        "from runlab.display import plot as d\n"
        "p = d._import_plotext()\n"
        "print(p.examples, sys.modules['plotext._doc.doc'].examples)\n"
    )
    env = child_env()
    env["PYTHONPATH"] = f"{tmp_path}:{env.get('PYTHONPATH', '')}"
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["the", "whole", "manual", "the", "whole", "manual"]
