"""Metrics from output: the line pipeline (lines.py), the rules (rules.py), the parser (parser.py).

    splitter, parser = LineSplitter(), MetricParser(patterns=[r"top1 (?P<top1>[\\d.]+)"])
    for chunk in chunks:
        points = parser.parse_lines(splitter.feed(chunk))
    points = parser.parse_lines(splitter.flush()) + parser.flush()  # progress bars held back

Standard library only: the runner imports this for every tracked run.
"""

from __future__ import annotations

from runlab.parsing.lines import LineSplitter
from runlab.parsing.parser import MetricParser, Point
from runlab.parsing.rules import RULES, Rule

__all__ = ["RULES", "LineSplitter", "MetricParser", "Point", "Rule"]
