"""The fast path of the reading commands: `show`, `plot`, `ls`, `metrics`, `log` without typer.

Building the typer app costs more than most of what these commands then do (typer, click and
pydantic are a third of a second to import on a small machine). When every word is one this
parser fully understands, the command's body in views.py runs directly, under the same error
policy (`common.command`); anything else — `--help`, an unknown option, a value typer would
refuse or convert, `--`, shell completion — returns and the typer app takes the words, so
what is printed and the exit code stay the same. Each command's parameters are declared
once here as typer declares them; tests/test_fastpath.py checks this table against the app.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

# The kinds of parameter the fast path understands.
FLAG = "flag"  # --json: a bool option, False unless given
TEXT = "text"  # --where EXPR: a str option; the last one given counts
TEXTS = "texts"  # --sort FIELD: a repeatable str option
INT = "int"  # --limit N: a non-negative int option, at least `minimum`
ARG = "arg"  # RUN: one required word
ARGS = "args"  # KEY...: the rest of the words (at least one where required)

# Set by the tests to run the same words through the typer app.
OFF = "_RUNLAB_NO_FASTPATH"


class Param:
    """One parameter of a command, as its typer declaration has it."""

    __slots__ = ("dest", "kind", "names", "minimum", "required")

    def __init__(self, dest: str, kind: str, *names: str, minimum: int | None = None,
                 required: bool = False) -> None:
        self.dest = dest
        self.kind = kind
        self.names = names
        self.minimum = minimum
        self.required = required or kind == ARG


_STORE = Param("store", TEXT, "--store")
_JSON = Param("json_", FLAG, "--json")
_RUN = Param("run", ARG)

# Command name: (its body in views.py, its parameters).
COMMANDS: dict[str, tuple[str, tuple[Param, ...]]] = {
    "ls": ("ls", (
        Param("where", TEXT, "--where", "-w"),
        Param("sort", TEXTS, "--sort", "-s"),
        Param("best", TEXT, "--best", "-b"),
        Param("better", TEXT, "--better"),
        Param("columns", TEXT, "--columns", "-c"),
        Param("experiment", TEXT, "--experiment", "-e"),
        Param("deleted", FLAG, "--deleted"),
        Param("limit", INT, "--limit", "-n", "-l", minimum=1),
        Param("all_", FLAG, "--all"),
        Param("format_", TEXT, "--format", "-f"),
        _JSON, _STORE)),
    "show": ("show", (_RUN, _JSON, _STORE)),
    "log": ("log", (
        _RUN,
        Param("raw", FLAG, "--raw"),
        Param("tail", INT, "--tail", "-n", minimum=0),
        Param("follow", FLAG, "--follow", "-f"),
        _STORE)),
    "metrics": ("metrics", (
        _RUN, Param("keys", ARGS), _JSON, Param("csv_", FLAG, "--csv"), _STORE)),
    "plot": ("plot", (
        Param("runs", ARGS, required=True),
        Param("keys", TEXTS, "--key", "-k"),
        Param("width", INT, "--width", minimum=30),
        Param("height", INT, "--height", minimum=10),
        _STORE)),
}
COMMANDS["list"] = COMMANDS["ls"]  # the hidden alias


def parse(params: tuple[Param, ...], words: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of the command body, or None where typer should decide.

    Only what click would read the same way is accepted: `--name VALUE`, `--name=VALUE`,
    `-x VALUE`, flags, and positional words anywhere among them (a value is the next word
    whatever it looks like, as click takes it). Not given, a parameter is left out and the
    body's default applies (the same as typer's: the test checks)."""
    by_name = {name: p for p in params for name in p.names}
    values: dict[str, Any] = {}
    positional: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if not word.startswith("-") or word == "-":
            positional.append(word)
            continue
        if word == "--":
            return None
        name, eq, attached = word.partition("=") if word.startswith("--") else (word, "", "")
        p = by_name.get(name)
        if p is None:
            return None
        if p.kind == FLAG:
            if eq:
                return None
            values[p.dest] = True
            continue
        if eq:
            value = attached
        elif i < len(words):
            value = words[i]
            i += 1
        else:
            return None
        if p.kind == INT:
            if not (value.isascii() and value.isdigit()):
                return None
            number = int(value)
            if p.minimum is not None and number < p.minimum:
                return None
            values[p.dest] = number
        elif p.kind == TEXTS:
            values.setdefault(p.dest, []).append(value)
        else:
            values[p.dest] = value
    for p in params:
        if p.kind == ARG:
            if not positional:
                return None
            values[p.dest] = positional.pop(0)
        elif p.kind == ARGS:
            if p.required and not positional:
                return None
            if positional:
                values[p.dest] = positional
            positional = []
    return None if positional else values


def run(words: list[str]) -> None:
    """Run a reading command and exit, when the fast path understands every word; else
    return, and the typer app takes them."""
    if not words or words[0] not in COMMANDS or OFF in os.environ \
            or "_RUNLAB_COMPLETE" in os.environ:
        return
    body_name, params = COMMANDS[words[0]]
    values = parse(params, words[1:])
    if values is None:
        return
    from runlab.cli import views
    from runlab.cli.common import command, quiet_broken_pipe

    try:
        command()(getattr(views, body_name))(**values)
    except BrokenPipeError:
        quiet_broken_pipe()
    sys.exit(0)
