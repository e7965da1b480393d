"""The metric points of `runlab parse`: key, value, step and the rule that found each."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from runlab.display.grid import grid
from runlab.parsing import Point


def print_points(points: Sequence[Point], console: Console) -> None:
    rows = [[Text(p.key), Text(f"{p.value:.10g}"), Text(str(p.step)), Text(p.rule)]
            for p in points]
    text, _ = grid(["KEY", "VALUE", "STEP", "RULE"], rows, right=[False, True, True, False],
                   header_style="bold")
    console.print(text)
