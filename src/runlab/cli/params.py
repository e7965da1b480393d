"""Parameters every command spells the same way: --store, --json, a run reference."""

from __future__ import annotations

from typing import Annotated

import typer

from runlab.cli.completion import complete_run

StoreOpt = Annotated[str | None, typer.Option("--store", metavar="PATH", help="Store directory.",
                                              show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (the stable contract).")]
RunArg = Annotated[str, typer.Argument(
    help="A run: its number, last, last~N, @TAG, its name, or 6+ characters of its id.",
    show_default=False, autocompletion=complete_run)]
