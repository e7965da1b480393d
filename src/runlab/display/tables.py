"""The runs table of `runlab ls` (rich)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from runlab.store import fields
from runlab.display import format as fmt
from runlab.display.grid import grid
from runlab.display.format import STATUS_STYLE
from runlab.store import Run
from runlab.store.fields import Ref


def default_columns(runs: Sequence[Run]) -> list[str]:
    """Number, name, status, times, command, the params that vary, metrics, tags."""
    cols = ["number", "name", "status", "started", "duration", "command"]
    param_keys = sorted({k for r in runs for k in r.params})
    for key in param_keys:
        values = {fmt.value(r.params.get(key, "\0missing")) for r in runs}
        if len(values) > 1 or len(runs) == 1:
            cols.append(fields.spell("params", key))
    # System metrics (sys/...) are there on request (--columns), not by default.
    cols += [fields.spell("metrics", k) for k in sorted({k for r in runs for k in r.metrics
                                                         if not k.startswith("sys/")})]
    if any(r.tags for r in runs):
        cols.append("tags")
    if not any(r.name for r in runs):
        cols.remove("name")
    return cols


def headers(columns: Sequence[str], found: Mapping[str, Ref | None]) -> list[str]:
    """Each column's head: `#`, a plain field's name, a key without its prefix and quotes
    (`acc@1` for metrics.`acc@1`), or the whole name where two columns would read alike.
    `found` holds each column read once (`fields.refs`)."""
    shorts = [_short(c, found.get(c)) for c in columns]
    count = Counter(shorts)
    return ["#" if c == "number" else c if c in fields.FIELDS or count[short] > 1 else short
            for c, short in zip(columns, shorts)]


def _short(column: str, found: Ref | None) -> str:
    if column in fields.FIELDS or found is None:
        return column.split(".", 1)[-1] if column in fields.FIELDS else column
    return found.label if found.table else column.split(".", 1)[-1]


def cell(run: Run, column: str, found: Ref | None, colour: bool) -> Text:
    """A table's cell: one line, whatever the value holds (a script given with `-c`)."""
    text = _cell(run, column, found, colour)
    if "\n" in text.plain or "\r" in text.plain or "\t" in text.plain:
        text = Text(fmt.one_line(text.plain), style=text.style)
    return text


def _cell(run: Run, column: str, found: Ref | None, colour: bool) -> Text:
    v: Any = fields.value_of(run, found)
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
    found = fields.refs(cols)
    right = [_right(c) for c in cols]
    rows = [[cell(run, c, found[c], False).plain for c in cols] for run in runs]
    return markdown.table(headers(cols, found), rows, right)


def _right(column: str) -> bool:
    return column in ("number", "duration") or column.startswith("metrics.")


def drop_order(cols: Sequence[str]) -> list[int]:
    """Which columns give way first when the table is too wide: times, tags, params, the
    command, the name, the status, and metrics last (the run number never)."""
    def rank(i: int) -> tuple[int, int]:
        c = cols[i]
        group = (0 if c in ("started", "ended", "duration") else
                 1 if c == "tags" or c.startswith("tags.") else
                 3 if c == "command" else
                 4 if c == "name" else
                 5 if c == "status" else
                 6 if c.startswith("metrics.") else 2)
        return group, -i  # within a group, from the right

    return sorted(range(1, len(cols)), key=rank)


def print_runs(runs: Sequence[Run], columns: Sequence[str] | None, console: Console) -> None:
    """The runs as aligned columns fitted to the terminal: the command gives way first (cut in
    the middle, the script's name kept), then times, tags and params before the metrics.
    When the table does not fit, columns with the same value on every listed run go into one
    line under it."""
    cols = list(columns) if columns else default_columns(runs)
    colour = console.is_terminal and not console.no_color
    width = console.width if console.is_terminal else None
    found = fields.refs(cols)  # each column read once, not once a cell
    rows = [[cell(run, c, found[c], colour) for c in cols] for run in runs]
    heads = headers(cols, found)
    text, dropped = _layout(cols, heads, rows, width, colour)
    footer = ""
    if dropped and not columns and len(runs) > 1:
        same = [i for i, c in enumerate(cols) if i and c != "command"
                and len({row[i].plain for row in rows}) == 1 and rows[0][i].plain]
        if same:
            footer = "same on every run: " + " · ".join(
                f"{heads[i]} {rows[0][i].plain}" for i in same)
            cols = [c for i, c in enumerate(cols) if i not in same]
            rows = [[c for i, c in enumerate(row) if i not in same] for row in rows]
            heads = headers(cols, found)
            text, dropped = _layout(cols, heads, rows, width, colour)
    console.print(text, crop=False, overflow="ignore", no_wrap=True)
    if footer:
        console.print(Text(footer, style="dim" if colour else ""), crop=False,
                      overflow="ignore", no_wrap=True)
    if dropped:
        console.file.flush()
        import sys

        sys.stderr.write(f"({dropped} more column{'s do' if dropped > 1 else ' does'} not fit: "
                         "widen the terminal or choose them with --columns)\n")


def _layout(cols: list[str], heads: list[str], rows: list[list[Text]], width: int | None,
            colour: bool) -> tuple[Text, int]:
    flexible = cols.index("command") if "command" in cols else None
    keep = 12
    if flexible is not None and width is not None:
        widths = [len(fmt.command_head(row[flexible].plain)) for row in rows]
        keep = min(max([12, *widths]), 40)
    return grid(heads, rows, right=[_right(c) for c in cols],
                width=width, flexible=flexible, min_flexible=keep,
                header_style="bold" if colour else "", drop_order=drop_order(cols),
                shorten=fmt.shorten_command)
