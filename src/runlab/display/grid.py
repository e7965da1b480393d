"""Aligned columns as rich Text, fitted to a width: the one table layout runlab uses.

rich's Table pads every cell, shrinks all columns alike and leaves trailing blanks; a run
listing wants the command to give way first, the run number never, and clean lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.text import Text

GAP = 2
ELLIPSIS = "…"


def _cut(text: Text, width: int, shorten: Callable[[str, int], str] | None = None) -> Text:
    if cell_len(text.plain) <= width:
        return text
    if shorten is not None:
        return Text(shorten(text.plain, width), style=text.style)
    out = text.copy()
    out.truncate(max(0, width - 1))
    out.append(ELLIPSIS)
    return out


def grid(header: Sequence[str] | None, rows: Sequence[Sequence[Text]], *,
         right: Sequence[bool], width: int | None = None, flexible: int | None = None,
         min_flexible: int = 12, header_style: str = "",
         drop_order: Sequence[int] | None = None,
         shorten: Callable[[str, int], str] | None = None) -> tuple[Text, int]:
    """Lay out rows under a header. Returns the text and how many columns were left out.

    When the lines are wider than `width`, column `flexible` shrinks first (down to
    `min_flexible`; `shorten` cuts its text, else the end gives way), then columns are
    dropped in `drop_order` (by default from the right); the first column never is.
    """
    ncols = len(right)
    cells = [[Text(h) for h in header]] if header else []
    cells += [list(r) for r in rows]
    widths = [max((cell_len(r[i].plain) for r in cells), default=0) for i in range(ncols)]
    kept = list(range(ncols))
    if width is not None:
        def total(cols: list[int]) -> int:
            return sum(widths[i] for i in cols) + GAP * (len(cols) - 1)

        full = widths[flexible] if flexible is not None and flexible < ncols else 0
        if total(kept) > width and flexible is not None and flexible < ncols:
            spare = total(kept) - width
            widths[flexible] = max(min(widths[flexible], min_flexible), widths[flexible] - spare)
        order = [i for i in (drop_order if drop_order is not None else range(ncols - 1, 0, -1))
                 if 0 < i < ncols]
        for i in order:
            if total(kept) <= width:
                break
            kept.remove(i)
        if flexible in kept and total(kept) < width:  # room left by a dropped column
            widths[flexible] = min(full, widths[flexible] + width - total(kept))
    out = Text()
    for r, row in enumerate(cells):
        if r:
            out.append("\n")
        line = Text()
        for n, i in enumerate(kept):
            cell = _cut(row[i], widths[i], shorten if i == flexible and (r or not header)
                        else None)
            pad = widths[i] - cell_len(cell.plain)
            last = n == len(kept) - 1
            if n:
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
    return out, ncols - len(kept)
