"""`runlab diff`: runs side by side (rich Text), and unified diffs of code and output.

First one line per aspect saying whether it differs, then a section for each aspect that does
(every aspect with `show_all`): one column per run, changes measured against the first run.
A metric's change carries a textual mark (`▲ better`, `▼ worse`) besides its colour, so that
output without colour says it too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text

from runlab.compare.changes import MISSING, MetricChange
from runlab.compare.diff import Facet, MetricRow, Row, RunDiff
from runlab.display import format as fmt
from runlab.display import markdown
from runlab.display.grid import grid

ABSENT = "–"
UNSET = "unset"
BETTER = "▲ better"
WORSE = "▼ worse"
TITLES = {"command": "Command", "params": "Params", "code": "Code", "inputs": "Inputs",
          "packages": "Packages", "metrics": "Metrics",
          "status": "Status", "environment": "Environment", "tags": "Tags"}


# A layout turns a header (or none) and rows of cells into one block of text.
Layout = Callable[[Sequence[str] | None, list[list[Text]], Sequence[bool], str], Text]


def _aligned(header: Sequence[str] | None, cells: list[list[Text]], right: Sequence[bool],
             header_style: str) -> Text:
    table, _ = grid(header, cells, right=right, header_style=header_style)
    return table


def _markdown(header: Sequence[str] | None, cells: list[list[Text]], right: Sequence[bool],
              header_style: str) -> Text:
    head = [h.strip() for h in header] if header else [""] * len(right)
    rows = [[c.plain.strip() for c in row] for row in cells]
    return Text(markdown.table(head, rows, right).rstrip("\n"))


def render(d: RunDiff, *, show_all: bool = False, colour: bool = False,
           as_markdown: bool = False) -> Text:
    """The aspect lines, then the sections that differ (all of them with `show_all`).

    `as_markdown` lays every block out as a Markdown table under a `###` heading."""
    colour = colour and not as_markdown
    lay: Layout = _markdown if as_markdown else _aligned
    style: Callable[[str], str] = (lambda s: s) if colour else (lambda s: "")
    heads = [f"#{r.number}" for r in d.runs]
    title = _title(d)
    parts: list[Text] = [Text(f"**{title.plain}**") if as_markdown else title, Text("")]
    aspects = d.aspects()
    rows = [[Text(name), Text("differs", style=style("yellow")) if differs
             else Text("same", style=style("dim")), Text(_summary(d, name))]
            for name, differs in aspects]
    parts.append(lay(["aspect", "", "what"] if as_markdown else None, rows,
                     [False, False, False], ""))
    if not any(differs for _, differs in aspects) and not show_all:
        parts += [Text(""), Text("Nothing differs (--all shows everything).")]
    sections: dict[str, Text | None] = {
        "command": _facet(d.command, heads, show_all, colour, lay, long=True),
        "params": _rows(d.params, heads, show_all, "param", colour, lay),
        "code": _facet(d.code, heads, show_all, colour, lay),
        "inputs": _rows(d.inputs, heads, show_all, "input", colour, lay),
        "packages": _rows(d.packages, heads, show_all, "package", colour, lay),
        "metrics": _metrics(d.metrics, heads, show_all, colour, lay),
        "status": _facet(d.status, heads, show_all, colour, lay),
        "environment": _facet(d.environment, heads, show_all, colour, lay),
        "tags": _rows(d.tags, heads, show_all, "tag", colour, lay),
    }
    for name, _ in aspects:
        body = sections[name]
        if body is not None:
            heading = Text(f"### {TITLES[name]}") if as_markdown else \
                Text(TITLES[name], style=style("bold"))
            parts += [Text(""), heading, *([Text("")] if as_markdown else []), body]
    return Text("\n").join(parts)


def unified(text: str, colour: bool) -> str:
    """A unified diff as it is, coloured on a terminal (+ green, - red, hunks cyan)."""
    if not colour:
        return text
    out = []
    for line in text.splitlines(keepends=True):
        body, end = (line[:-1], "\n") if line.endswith("\n") else (line, "")
        if line.startswith(("+++", "---", "diff ", "index ", "new file", "deleted file")):
            body = fmt.paint(body, "bold", True)
        elif line.startswith("@@"):
            body = fmt.paint(body, "cyan", True)
        elif line.startswith("+"):
            body = fmt.paint(body, "green", True)
        elif line.startswith("-"):
            body = fmt.paint(body, "red", True)
        out.append(body + end)
    return "".join(out)


def _title(d: RunDiff) -> Text:
    names = [f"run {r.number}" + (f" ({r.name})" if r.name else "") for r in d.runs]
    if len(names) == 2:
        return Text(f"Comparing {names[0]} with {names[1]}")
    return Text(f"Comparing {', '.join(names[1:])} with {names[0]}")


def _summary(d: RunDiff, aspect: str) -> str:
    """A few words on what differs in one aspect ("" when nothing does)."""
    if aspect in ("params", "tags", "inputs", "packages"):
        rows: list[Row] = getattr(d, aspect)
        counts = {k: sum(1 for r in rows if r.change == k) for k in ("changed", "added", "removed")}
        return ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    if aspect == "metrics":
        changed = [m for m in d.metrics if m.differs]
        if not changed:
            return ""
        verdicts = [c.verdict for m in changed for c in m.changes if c is not None]
        better, worse = verdicts.count(1), verdicts.count(-1)
        marks = ", ".join(p for p in (f"{better} better" if better else "",
                                      f"{worse} worse" if worse else "") if p)
        return f"{len(changed)} changed" + (f" ({marks})" if marks else "")
    facet: Facet = getattr(d, aspect)
    if not facet.differs:
        return ""
    return ", ".join(label for label, values in _facet_lines(facet) if _differ(values))


def _differ(values: Sequence[str]) -> bool:
    return any(v != values[0] for v in values[1:])


def _rows(rows: list[Row], heads: list[str], show_all: bool, what: str,
          colour: bool, lay: Layout) -> Text | None:
    shown = [r for r in rows if show_all or r.differs]
    if not shown:
        return None
    cells = [[Text("  " + r.key), *(Text(_value(v)) for v in r.values),
              Text("" if r.change == "same" else r.change, style="dim" if colour else "")]
             for r in shown]
    return lay(["  " + what, *heads, "change"], cells, [False] * (len(heads) + 2),
               "dim" if colour else "")


def _value(v: Any) -> str:
    if v is MISSING:
        return UNSET
    if v == "":
        return "·"
    return fmt.value(v)


def _metrics(rows: list[MetricRow], heads: list[str], show_all: bool,
             colour: bool, lay: Layout) -> Text | None:
    shown = [m for m in rows if show_all or m.differs]
    if not shown:
        return None
    header = ["  metric", heads[0]]
    right = [False, True]
    for head in heads[1:]:
        suffix = "" if len(heads) == 2 else " " + head
        header += [head, "Δ" + suffix, "%" + suffix, ""]
        right += [True, True, True, False]
    cells = []
    for m in shown:
        row = [Text("  " + m.key), Text(_number(m.values[0]))]
        for value, change in zip(m.values[1:], m.changes[1:]):
            row += [Text(_number(value)), *_change_cells(change, colour)]
        cells.append(row)
    return lay(header, cells, right, "dim" if colour else "")


def _number(v: float | None) -> str:
    return ABSENT if v is None else fmt.number(v)


def _change_cells(c: MetricChange | None, colour: bool) -> list[Text]:
    if c is None or c.delta is None:
        return [Text(""), Text(""), Text("")]
    style = {1: "green", -1: "red"}.get(c.verdict, "") if colour else ""
    delta = fmt.change(c.old, c.new)
    relative = "" if c.relative is None else fmt.signed(round(c.relative * 100, 2)) + "%"
    mark = {1: BETTER, -1: WORSE}.get(c.verdict, "")
    return [Text(delta, style=style), Text(relative, style=style), Text(mark, style=style)]


def _facet_lines(f: Facet) -> list[tuple[str, list[str]]]:
    """The facet's fields as (label, value shown for each run)."""
    out: list[tuple[str, list[str]]] = []
    if f.name == "code":
        out.append(("commit", [_text(v["commit"], 12) if v["commit"] or v["dirty"] is None
                               else "(no commits yet)" for v in f.values]))
        out.append(("branch", [_text(v["branch"]) for v in f.values]))
        out.append(("dirty", [_dirty(v) for v in f.values]))
        out.append(("patch", [_text(v["patch_sha256"], 12) if v["patch_sha256"] else ABSENT
                              for v in f.values]))
        out.append(("script", [_text(v["script"]) for v in f.values]))
        out.append(("script sha256", [_text(v["script_sha256"], 12) for v in f.values]))
        return out
    for field in f.fields:
        values = [v.get(field) for v in f.values]
        if field == "command":
            out.append(("command line", [fmt.command(v) if v else ABSENT for v in values]))
        else:
            label = field if field.startswith("env.") else field.replace("_", " ")
            out.append((label, [_text(v) for v in values]))
    return out


def _dirty(v: dict[str, Any]) -> str:
    if v["dirty"] is None:
        return "not in git"
    if not v["dirty"]:
        return "no"
    n = v["changed_files"] or 0
    return f"yes, {n} file{'s' if n != 1 else ''} changed"


def _text(v: Any, cut: int | None = None) -> str:
    if v is None or v == "":
        return ABSENT
    text = fmt.value(v)
    return text[:cut] if cut else text


def _facet(f: Facet, heads: list[str], show_all: bool, colour: bool, lay: Layout,
           long: bool = False) -> Text | None:
    lines = [(label, values) for label, values in _facet_lines(f)
             if show_all or (f.differs and _differ(values))]
    if not lines:
        return None
    if long:
        # Command lines are long: one line per run under each field, not a column per run.
        cells = [[Text("  " + (label if i == 0 else "")), Text(head), Text(value)]
                 for label, values in lines for i, (head, value) in enumerate(zip(heads, values))]
        return lay(None, cells, [False, False, False], "")
    cells = [[Text("  " + label), *(Text(v) for v in values)] for label, values in lines]
    return lay(["", *heads], cells, [False] * (len(heads) + 1), "dim" if colour else "")
