"""Parameters every command spells the same way: --store, --json, --where, run references.

Each is spelled once here; a command whose help says something of its own passes that help
to the builder (`where_option`, `runs_argument`, `json_option`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from runlab.cli.completion import complete_run

RUN_HELP = "A run: its number, last, last~N, @TAG, its name, or 6+ characters of its id."
RUNS_HELP = "Runs: numbers, last, last~N, @TAG, names, or 6+ characters of an id."


def json_option(help: str = "Print JSON (the stable contract).") -> Any:
    return typer.Option("--json", help=help)


def where_option(help: str, autocompletion: Callable[..., Any] | None = None) -> Any:
    """--where EXPR (-w): runs chosen by an expression of the query language."""
    return typer.Option("--where", "-w", metavar="EXPR", show_default=False, help=help,
                        autocompletion=autocompletion)


def runs_argument(help: str = RUNS_HELP) -> Any:
    """RUN...: run references; required where the parameter has no default."""
    return typer.Argument(metavar="RUN", show_default=False, autocompletion=complete_run,
                          help=help)


StoreOpt = Annotated[str | None, typer.Option("--store", metavar="PATH", help="Store directory.",
                                              show_default=False)]
JsonOpt = Annotated[bool, json_option()]
RunArg = Annotated[str, typer.Argument(help=RUN_HELP, show_default=False,
                                       autocompletion=complete_run)]
RunsArg = Annotated[list[str] | None, runs_argument()]
WhereOpt = Annotated[str | None, where_option(
    "Act on every visible run the expression matches, instead of naming runs.")]
