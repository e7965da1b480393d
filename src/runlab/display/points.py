"""The metric points of `runlab parse`: key, value, step and the rule that found each."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from runlab.display.grid import GAP, grid
from runlab.parsing import Point

TYPE_CHECKING = False
if TYPE_CHECKING:
    from runlab.parsing.extract import Explained


_HEADER = ("KEY", "VALUE", "STEP", "RULE")
_RIGHT = (False, True, True, False)


def points_lines(batches: Iterable[Sequence[Point]], bold: bool = False) -> Iterator[str]:
    """The KEY VALUE STEP RULE table, written a batch of points at a time, so that a log of
    any size streams through: the columns are as wide as the first batch's widest cells (a
    wider cell later pushes its own row out). Nothing when there are no points."""
    widths: list[int] | None = None
    for batch in batches:
        if not batch:
            continue
        rows = [(p.key, f"{p.value:.10g}", str(p.step), p.rule) for p in batch]
        if widths is None:
            widths = [max(cell_len(name), *(cell_len(row[i]) for row in rows))
                      for i, name in enumerate(_HEADER)]
            header = _line(_HEADER, widths)
            yield (f"\x1b[1m{header}\x1b[0m" if bold else header) + "\n"
        yield "".join(_line(row, widths) + "\n" for row in rows)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    out = []
    for cell, width, right in zip(cells, widths, _RIGHT, strict=True):
        pad = " " * max(width - cell_len(cell), 0)
        out.append(pad + cell if right else cell + pad)
    return (" " * GAP).join(out).rstrip()


def print_explained(explained: Sequence[Explained], console: Console) -> None:
    """Per key: the rule, the clause it was read from, and why the key has its name."""
    rows = [[Text(e.key), Text(e.rule), Text(e.text), Text(e.why)] for e in explained]
    text, _ = grid(["KEY", "RULE", "READ FROM", "WHY THIS NAME"], rows,
                   right=[False] * 4, header_style="bold")
    console.print(text)
