"""Aligned columns as rich Text, fitted to a width: the one table layout runlab uses.

rich's Table pads every cell, shrinks all columns alike and leaves trailing blanks; a run
listing wants the command to give way first, the run number never, and clean lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

GAP = 2
ELLIPSIS = "…"


def _cut(text: Text, width: int) -> Text:
    if cell_len(text.plain) <= width:
        return text
    out = text.copy()
    out.truncate(max(0, width - 1))
    out.append(ELLIPSIS)
    return out


def grid(header: Sequence[str] | None, rows: Sequence[Sequence[Text]], *,
         right: Sequence[bool], width: int | None = None, flexible: int | None = None,
         min_flexible: int = 12, header_style: str = "") -> tuple[Text, int]:
    """Lay out rows under a header. Returns the text and how many columns were left out.

    When the lines are wider than `width`, column `flexible` shrinks first (down to
    `min_flexible`), then columns are dropped from the right; the first column never is.
    """
    ncols = len(right)
    cells = [[Text(h) for h in header]] if header else []
    cells += [list(r) for r in rows]
    widths = [max((cell_len(r[i].plain) for r in cells), default=0) for i in range(ncols)]
    keep = ncols
    if width is not None:
        def total(n: int) -> int:
            return sum(widths[:n]) + GAP * (n - 1)

        if total(keep) > width and flexible is not None and flexible < keep:
            spare = total(keep) - width
            widths[flexible] = max(min(widths[flexible], min_flexible), widths[flexible] - spare)
        while keep > 1 and total(keep) > width:
            keep -= 1
    out = Text()
    for r, row in enumerate(cells):
        if r:
            out.append("\n")
        line = Text()
        for i in range(keep):
            cell = _cut(row[i], widths[i])
            pad = widths[i] - cell_len(cell.plain)
            last = i == keep - 1
            if i:
                line.append(" " * GAP)
            if right[i]:
                line.append(" " * pad)
                line.append_text(cell)
            else:
                line.append_text(cell)
                if not last:
                    line.append(" " * pad)
        line.rstrip()
        if header and r == 0 and header_style:
            line.stylize(header_style)
        out.append_text(line)
    return out, ncols - keep
