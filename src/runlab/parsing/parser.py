"""The metric parser: applies the rules to a run's lines in order and keeps the step state.

Owns ``Point``, user patterns (``-m REGEX``) and step resolution. For each point the step is,
first to last: the step the rule itself found (a ``step`` group of a user pattern); the line's
step key (``global_step``, ``step``, ``iteration``, ``iter``, ``epoch``, case-insensitive,
written as an integer: the first in that order sets the step and is not recorded, any other
stays a metric); the current step from the latest ``Epoch N`` header; else a counter per key,
the number of earlier points of that key. An ``epoch`` written with a decimal point (Hugging
Face's 0.5 and 1.0) is a metric. When a key is found twice on one line the first finding wins, and user patterns come
first.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from runlab.errors import UsageError
from runlab.parsing.rules import RULES, Found, parse_number

__all__ = ["MetricParser", "Point"]

# In order of precedence when a line has several.
_STEP_NAMES = ("global_step", "step", "iteration", "iter", "epoch")
_STEP_RANK = {name: rank for rank, name in enumerate(_STEP_NAMES)}

_CUSTOM = "custom"


@dataclass(slots=True)
class Point:
    """One metric value at one step, and the name of the rule that found it."""

    key: str
    value: float
    step: int
    rule: str


class _Pattern:
    """A user pattern: groups ``key``/``value`` (and ``step``), or one group per metric."""

    __slots__ = ("has_step", "metrics", "regex")

    def __init__(self, pattern: str) -> None:
        try:
            self.regex = re.compile(pattern)
        except (re.error, OverflowError, RecursionError) as error:
            raise UsageError(f"metric pattern {pattern!r} is not a valid regex: {error}") from None
        index = self.regex.groupindex
        if not set(index) - {"step"}:
            raise UsageError(
                f"metric pattern {pattern!r} has no named group: use (?P<key>...) and "
                "(?P<value>...), or one (?P<name>...) per metric"
            )
        if ("key" in index) != ("value" in index):
            raise UsageError(
                f"metric pattern {pattern!r} needs both (?P<key>...) and (?P<value>...)"
            )
        self.has_step = "step" in index
        # None in key/value mode; else the groups that are each a metric of that name.
        self.metrics: tuple[str, ...] | None = None
        if "key" not in index:
            self.metrics = tuple(name for name in index if name != "step")

    def parse(self, line: str) -> list[Found]:
        found: list[Found] = []
        for match in self.regex.finditer(line):
            step = None
            if self.has_step:
                text = match.group("step")
                number = None if text is None else parse_number(text)
                step = number if type(number) is int else None
            if self.metrics is None:
                key, text = match.group("key"), match.group("value")
                value = None if text is None else parse_number(text)
                if key is not None and key.strip() and value is not None:
                    found.append((key.strip(), value, step))
                continue
            for name in self.metrics:
                text = match.group(name)
                value = None if text is None else parse_number(text)
                if value is not None:
                    found.append((name, value, step))
        return found


class MetricParser:
    """Find metric points in a run's output lines, in order.

    ``patterns`` are user regexes, applied first; ``disabled`` names built-in rules to skip.
    A pattern that does not compile or has no named group, or an unknown rule name, raises
    ``UsageError``. Keeps step state across lines: use one parser per run.
    """

    def __init__(self, patterns: Sequence[str] = (), disabled: Collection[str] = ()) -> None:
        known = {rule.name for rule in RULES}
        unknown = sorted(set(disabled) - known)
        if unknown:
            raise UsageError(
                f"unknown metric rule {', '.join(map(repr, unknown))}; "
                f"the rules are {', '.join(rule.name for rule in RULES)}"
            )
        self._patterns = [_Pattern(pattern) for pattern in patterns]
        rules = [rule for rule in RULES if rule.name not in disabled]
        # Unpacked once: this loop runs for every line of output.
        self._plan = tuple((r.triggers, r.parse, r.sets_step, r.name) for r in rules)
        # The shortest triggers first: they are the most common, so metric lines stop early.
        triggers = dict.fromkeys(t for rule in rules for t in rule.triggers)
        self._triggers = tuple(sorted(triggers, key=len))
        self._current_step: int | None = None
        self._counts: dict[str, int] = {}

    @property
    def current_step(self) -> int | None:
        """The step set by the latest header line, if any."""
        return self._current_step

    def parse_lines(self, lines: Iterable[str]) -> list[Point]:
        """Parse lines in order; return all their points."""
        points: list[Point] = []
        for line in lines:
            points.extend(self.parse_line(line))
        return points

    def parse_line(self, line: str) -> list[Point]:
        """Parse the next line of output; return its points (usually none)."""
        found: list[tuple[str, list[Found]]] = []
        for pattern in self._patterns:
            findings = pattern.parse(line)
            if findings:
                found.append((_CUSTOM, findings))
        for trigger in self._triggers:
            if trigger in line:
                break
        else:
            # Most output lines hold no metric; they stop here, before any regex runs.
            return self._resolve(found) if found else []
        for triggers, parse, sets_step, name in self._plan:
            for trigger in triggers:
                if trigger in line:
                    break
            else:
                continue
            findings = parse(line)
            if not findings:
                continue
            if sets_step:
                _, value, step = findings[0]
                if step is None and type(value) is int:
                    step = value
                if step is not None:
                    self._current_step = step
            else:
                found.append((name, findings))
        return self._resolve(found) if found else []

    def _resolve(self, found: list[tuple[str, list[Found]]]) -> list[Point]:
        # The first finding of a key wins, and user patterns were found first.
        chosen: dict[str, tuple[float, int | None, str]] = {}
        line_step: int | None = None
        step_key = ""
        best = len(_STEP_NAMES)
        for rule, findings in found:
            for key, value, step in findings:
                if key in chosen:
                    continue
                chosen[key] = (value, step, rule)
                rank = _STEP_RANK.get(key)
                if rank is None and not key.islower():
                    rank = _STEP_RANK.get(key.lower())
                if rank is not None and rank < best and type(value) is int:
                    best, line_step, step_key = rank, value, key
        if line_step is None:
            line_step = self._current_step
        else:
            del chosen[step_key]
        counts = self._counts
        points: list[Point] = []
        for key, (value, step, rule) in chosen.items():
            seen = counts.get(key, 0)
            counts[key] = seen + 1
            if step is None:
                step = seen if line_step is None else line_step
            points.append(Point(key, float(value), step, rule))
        return points
