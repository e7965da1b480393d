"""The metric points of `runlab parse`: key, value, step and the rule that found each."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from runlab.display.grid import grid
from runlab.parsing import Point

TYPE_CHECKING = False
if TYPE_CHECKING:
    from runlab.parsing.extract import Explained


def print_points(points: Sequence[Point], console: Console) -> None:
    rows = [[Text(p.key), Text(f"{p.value:.10g}"), Text(str(p.step)), Text(p.rule)]
            for p in points]
    text, _ = grid(["KEY", "VALUE", "STEP", "RULE"], rows, right=[False, True, True, False],
                   header_style="bold")
    console.print(text)


def print_explained(explained: Sequence[Explained], console: Console) -> None:
    """Per key: the rule, the clause it was read from, and why the key has its name."""
    rows = [[Text(e.key), Text(e.rule), Text(e.text), Text(e.why)] for e in explained]
    text, _ = grid(["KEY", "RULE", "READ FROM", "WHY THIS NAME"], rows,
                   right=[False] * 4, header_style="bold")
    console.print(text)
