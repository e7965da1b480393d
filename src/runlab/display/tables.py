"""The runs table of `runlab ls` (rich)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from runlab import fields
from runlab.display import format as fmt
from runlab.display.grid import grid
from runlab.display.summary import STATUS_STYLE
from runlab.store import Run


def default_columns(runs: Sequence[Run]) -> list[str]:
    """Number, name, status, times, command, the params that vary, metrics, tags."""
    cols = ["number", "name", "status", "started", "duration", "command"]
    param_keys = sorted({k for r in runs for k in r.params})
    for key in param_keys:
        values = {fmt.value(r.params.get(key, "\0missing")) for r in runs}
        if len(values) > 1 or len(runs) == 1:
            cols.append(f"params.{key}")
    # System metrics (sys/...) are there on request (--columns), not by default.
    cols += [f"metrics.{k}" for k in sorted({k for r in runs for k in r.metrics
                                             if not k.startswith("sys/")})]
    if any(r.tags for r in runs):
        cols.append("tags")
    if not any(r.name for r in runs):
        cols.remove("name")
    return cols


def header(column: str, columns: Sequence[str]) -> str:
    if column == "number":
        return "#"
    for prefix in fields.PREFIXES:
        if column.startswith(prefix):
            short = column[len(prefix):]
            clash = sum(1 for c in columns if c.split(".", 1)[-1] == short) > 1
            return column if clash else short
    return column


def cell(run: Run, column: str, colour: bool) -> Text:
    v: Any = fields.value(run, column)
    if column == "status":
        return Text(run.status, style=STATUS_STYLE.get(run.status, "") if colour else "")
    if column in ("started", "ended"):
        return Text(fmt.when(v, run.now))
    if column == "duration":
        return Text(fmt.duration(v))
    if column == "command":
        return Text(fmt.command(run.command))
    if column == "tags":
        return Text(fmt.tags(run.tags))
    if v is None:
        return Text("")
    if column.startswith("metrics.") or (isinstance(v, float) and column in fields.PLAIN):
        return Text(fmt.number(v))
    return Text(fmt.value(v))


def markdown_runs(runs: Sequence[Run], columns: Sequence[str] | None) -> str:
    """The same columns as the table, as a Markdown table (every column: no width to fit)."""
    from runlab.display import markdown

    cols = list(columns) if columns else default_columns(runs)
    right = [_right(c) for c in cols]
    rows = [[cell(run, c, False).plain for c in cols] for run in runs]
    return markdown.table([header(c, cols) for c in cols], rows, right)


def _right(column: str) -> bool:
    return column in ("number", "duration") or column.startswith("metrics.")


def print_runs(runs: Sequence[Run], columns: Sequence[str] | None, console: Console) -> None:
    """The runs as aligned columns fitted to the terminal (the command gives way first)."""
    cols = list(columns) if columns else default_columns(runs)
    colour = console.is_terminal and not console.no_color
    rows = [[cell(run, c, colour) for c in cols] for run in runs]
    right = [_right(c) for c in cols]
    width = console.width if console.is_terminal else None
    flexible = cols.index("command") if "command" in cols else None
    text, dropped = grid([header(c, cols) for c in cols], rows, right=right, width=width,
                         flexible=flexible, header_style="bold" if colour else "")
    console.print(text, crop=False, overflow="ignore", no_wrap=True)
    if dropped:
        console.file.flush()
        import sys

        sys.stderr.write(f"({dropped} more column{'s' if dropped > 1 else ''} do not fit: "
                         "widen the terminal or choose them with --columns)\n")
