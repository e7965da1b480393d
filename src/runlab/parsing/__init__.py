"""Metrics from output: the line pipeline (lines.py), the rules (rules/), the parser (parser.py).

    splitter, parser = LineSplitter(), MetricParser(patterns=[r"top1 (?P<top1>[\\d.]+)"])
    for chunk in chunks:
        points = parser.parse_lines(splitter.feed(chunk))
    points = parser.parse_lines(splitter.flush()) + parser.flush()  # progress bars held back

Standard library only: every tracked run imports this. The rules (dozens of regexes to
compile) load on first use, so a command that prints nothing never pays for them.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from runlab.parsing.lines import LineSplitter
    from runlab.parsing.parser import MetricParser, Point
    from runlab.parsing.rules import RULES, Rule

__all__ = ["RULES", "LineSplitter", "MetricParser", "Point", "Rule"]
_HOMES = {"LineSplitter": "lines", "MetricParser": "parser", "Point": "parser", "RULES": "rules",
          "Rule": "rules"}


def __getattr__(name: str) -> object:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(f"runlab.parsing.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'runlab.parsing' has no attribute {name!r}")
