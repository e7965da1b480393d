"""Metrics from a whole log after the fact: what `runlab parse` shows and `runlab reparse`
records, with the rules and patterns in force now rather than those of the run's day."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from runlab.errors import RunlabError, UsageError
from runlab.parsing import LineSplitter, MetricParser, Point
from runlab.parsing.rules.pairs import phased
from runlab.store import Store
from runlab.store import events as kinds

CHUNK = 1 << 16


def parse_log(chunks: Iterable[bytes], patterns: Sequence[str] = (),
              disabled: Sequence[str] = ()) -> list[Point]:
    """The points a tracked run would record from this output, progress bars flushed."""
    return [point for batch in iter_points(chunks, patterns, disabled) for point in batch]


def iter_points(chunks: Iterable[bytes], patterns: Sequence[str] = (),
                disabled: Sequence[str] = ()) -> Iterator[list[Point]]:
    """`parse_log`'s points a chunk at a time, as they come: a log of any size, or a program's
    output as it runs, in little memory."""
    splitter, parser = LineSplitter(), MetricParser(patterns, disabled)
    for chunk in chunks:
        yield parser.parse_lines(splitter.feed(chunk))
    yield parser.parse_lines(splitter.flush()) + parser.flush()


@dataclass
class Explained:
    """Why a key got its name: the rule, the text it was read from, and the naming rule."""

    key: str
    rule: str
    text: str
    why: str


def explain_log(chunks: Iterable[bytes], patterns: Sequence[str] = (),
                disabled: Sequence[str] = ()) -> list[Explained]:
    """For each key `parse_log` finds, in order of first appearance: where and why."""
    splitter, parser = LineSplitter(), MetricParser(patterns, disabled)
    # A point held back (pending) keeps the line it was read from until the parser gives it
    # out; the points themselves are kept alive meanwhile, so that no id is reused.
    held: dict[int, tuple[Point, str]] = {}
    first: dict[str, tuple[Point, str]] = {}

    def source(point: Point, line: str) -> str:
        seen = held.pop(id(point), None)
        return seen[1] if seen is not None and seen[0] is point else line

    def read(lines: Iterable[str]) -> None:
        for line in lines:
            for point in parser.parse_line(line):
                first.setdefault(point.key, (point, source(point, line)))
            for point in parser.pending():
                held.setdefault(id(point), (point, line))
                first.setdefault(point.key, (point, line))

    for chunk in chunks:
        read(splitter.feed(chunk))
    read(splitter.flush())
    for point in parser.flush():
        first.setdefault(point.key, (point, source(point, "")))
    return [Explained(key, point.rule, *_explain(key, point.rule, line))
            for key, (point, line) in first.items()]


_WHY = {
    "custom": "a named group of your pattern (-m or metric_patterns)",
    "json": "a JSON key; nested objects joined with /",
    "python_dict": "a dict key; nested dicts joined with /",
    "hf_trainer": "a Trainer log dict's key",
    "tqdm_postfix": "a name in the progress bar's postfix, at the bar's global step",
    "rich_bar": "a name the rich progress bar shows, at the bar's global step",
    "xgboost": "XGBoost's data-metric name",
    "lightgbm": "LightGBM's data's metric, joined with -",
    "keras": "a name in Keras' progress line",
    "metric_logger": "a meter of torchvision's MetricLogger; under a header other than "
                     "`Epoch: [N]` (`Test:`, and the ` * ` summary evaluate() prints under "
                     "it) the header's words, joined with _, come first",
    "ignite": "the name as printed in Ignite's example line; after `Training Results - ` "
              "(or Validation, ...) those words, joined with _, then /",
    "mmengine": "an item of MMEngine's log line, as in its scalars.json",
    "table": "its column's name in the table's header above this row (a counter's column, "
             "epoch or step, is the row's step)",
    "csv_rows": "its column's name in the CSV header above this row (a counter's column is "
                "the row's step)",
    "frame": "its column's name in the frame's header above this row",
    "named_rows": "its column's name in the table's header above, under the row's name",
    "table_groups": "its group's and its column's names in the table's header above",
    "metric_table": "its column's name in the table's header above this row",
    "score_grid": "its column's name in the grid's header above, under the row's name",
    "sb3_box": "the section of stable-baselines3's box above, then the name, joined with /",
}
# Rules whose names come from a line above the one the value is on (a header, a section):
# the line is shown whole.
_WHOLE = frozenset({"json", "python_dict", "table", "csv_rows", "frame", "named_rows",
                    "table_groups", "metric_table", "score_grid", "hf_trainer"})


_SEPARATING_COMMA = re.compile(r",(?!\d)")


def _explain(key: str, rule: str, line: str) -> tuple[str, str]:
    """The clause of `line` that holds `key` as printed, and the naming rule used."""
    words = key.replace("_", " ").split("/")[-1]
    at = line.find(words)
    if at < 0:
        at = line.find(key.split("/")[-1])
    clause = line.strip()
    if at >= 0 and rule not in _WHOLE:  # (a nested dict's `val/loss`: not the first `loss`)
        # (a comma before a digit is a number's, `loss: 0,934`, `tps: 15,822`: no separator)
        commas = [m.start() for m in _SEPARATING_COMMA.finditer(line)]
        start = max([0] + [i + len(sep) for sep in (";", "|", " - ", "\t", "[", "(", "]", ")")
                           if (i := line.rfind(sep, 0, at)) >= 0]
                    + [i + 1 for i in commas if i < at])
        ends = [i for i in (line.find(sep, at) for sep in (";", "|", " - ", "\t", "]"))
                if i >= 0] + [i for i in commas if i >= at][:1]
        clause = line[start : min(ends, default=len(line))].strip()
    if rule in _WHY:
        return clause[:120], _WHY[rule]
    if "/" in key:
        why = "the name as printed (words joined with _) after its section label, joined with /"
    elif words not in line and phased(key):
        why = ("the name as printed, after the phase that qualifies it in its line (`val Loss: "
               "0.6 Acc: 0.5`, `Validation Epoch 3 loss: 0.4`), joined with _")
    elif " " in words and words in line:
        why = "the whole name as printed in its clause, words joined with _"
    else:
        why = "the name as printed in its clause"
    return clause[:120], why


def read_chunks(path: str) -> Iterator[bytes]:
    """A file's bytes in chunks; a missing or unreadable file is the user's to fix."""
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, after the last chunk
    except OSError as e:
        raise UsageError(f"cannot read {path}: {e.strerror}") from None
    with f:
        while chunk := f.read(CHUNK):
            yield chunk


@dataclass
class Reparsed:
    """What `reparse` recorded: the run's number, its points and their keys, and how the keys
    changed: new ones, gone ones, and those renamed (`acc` to `val_acc`)."""

    number: int
    points: int
    keys: list[str]
    added: list[str]
    removed: list[str]
    renamed: list[tuple[str, str]]


def reparse_run(store: Store, run_id: str, patterns: Sequence[str] = (),
                disabled: Sequence[str] = ()) -> Reparsed:
    """Extract a finished run's metrics from its output.log again and record them as a
    `reparse` event, which replaces every metric point recorded before it; the points the
    output did not give follow it again (`_reparse_events`)."""
    import os

    run = store.get(run_id)
    if run.status == "running":
        raise UsageError(f"run {run.number} is still running: reparse it once it has ended")
    path = store.output_path(run_id)
    if not os.path.isfile(path):
        raise RunlabError(f"run {run.number} has no output.log to reparse")
    points = parse_log(read_chunks(path), patterns, disabled)
    # The lines' own times are not kept: every point gets the run's end.
    t = round(run.ended_at or run.started_at or time.time(), 3)
    kept = _recorded_points(store.events(run_id))
    if kept:
        # One source per metric, as while the run ran: a printed value of a key the run
        # recorded otherwise is that record's, unless it is none of its values (a result the
        # program printed after a hooked fit); the latest evaluation's result (`eval_loss`)
        # printed under the program's name for it (`loss`) too
        from runlab.record.recorder import leaf_copy, repeated, unqualified

        recorded: dict[str, list[tuple[int | None, float]]] = {}
        evaluated: dict[str, float] = {}  # the latest evaluation's, printed unqualified
        for key, value, step, *_ in kept:
            if isinstance(value, (int, float)):
                at = step if type(step) is int else None
                recorded.setdefault(str(key), []).append((at, float(value)))
                if unqualified(str(key)) != key:
                    evaluated[unqualified(str(key))] = float(value)
        for key, value in evaluated.items():
            recorded.setdefault(key, []).append((None, value))
        # (and a value recorded at its step under a path ending in its name: CleanRL's
        # printed `episodic_return`, written as `charts/episodic_return`)
        leaves: dict[str, list[list[tuple[int | None, float]]]] = {}
        for key, values in recorded.items():
            if "/" in key:
                leaves.setdefault(key.rsplit("/", 1)[1], []).append(values)
        points = [p for p in points if (p.key not in recorded
                  or not repeated(float(p.value), p.step, p.generic, recorded[p.key]))
                  and not (p.key in leaves and leaf_copy(float(p.value), p.step,
                                                          leaves[p.key]))]
    store.append(run_id, _reparse_events([[p.key, p.value, p.step, t] for p in points], kept),
                 fsync=True)
    keys = sorted({p.key for p in points} | {str(p[0]) for p in kept})
    return Reparsed(run.number, len(points), keys, *key_changes(sorted(run.metrics), keys))


def _reparse_events(printed: list[list[Any]], kept: list[list[Any]]) -> list[dict[str, Any]]:
    """The reparse event of the points read from the output, then the points recorded
    otherwise, marked. A key both gave keeps its points in step order (at a step both give,
    the recorded one first, as it came while the run ran: a hooked fit's, then the result the
    program printed after it), each run of one source in an event of its own."""
    both = {str(row[0]) for row in printed} & {str(row[0]) for row in kept}
    events = [kinds.reparse([row for row in printed if row[0] not in both])]
    alone = [row for row in kept if str(row[0]) not in both]
    if alone:
        events.append(kinds.metrics(alone, kinds.RECORDED))
    if both:
        merged = sorted(
            [(_step_of(row), 0, i, row) for i, row in enumerate(kept) if str(row[0]) in both]
            + [(_step_of(row), 1, i, row) for i, row in enumerate(printed) if row[0] in both],
            key=lambda item: item[:3])
        run: list[list[Any]] = []
        for n, (_, source, _, row) in enumerate(merged):
            run.append(row)
            if n + 1 == len(merged) or merged[n + 1][1] != source:
                events.append(kinds.metrics(run, kinds.RECORDED) if source == 0
                              else kinds.metrics(run))
                run = []
    return events


def _step_of(row: list[Any]) -> int:
    return row[2] if type(row[2]) is int else 0


def _recorded_points(events: list[dict[str, Any]]) -> list[list[Any]]:
    """The points a run recorded that its output did not give (a hook's, the API's, the
    resources'), since its last reparse (which carried those before it over)."""
    kept: list[list[Any]] = []
    for event in events:
        if event.get("e") == "reparse":
            kept = []
        elif event.get("e") == "metrics" and event.get("from"):
            kept += event.get("p") or []
    return kept


def key_changes(old: Sequence[str], new: Sequence[str]
                ) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Keys added, removed and renamed from `old` to `new`. A key is renamed when a new key
    holds it as its last words (`acc` to `val_acc`, `loss` to `Test_set/Average_loss`) or
    spells it otherwise (`val-loss` to `val_loss`)."""
    added = [key for key in new if key not in old]
    removed = [key for key in old if key not in new]
    renamed: list[tuple[str, str]] = []
    for before in list(removed):
        flat = _flat(before)
        after = next((key for key in added if _flat(key) == flat), None) or next(
            (key for key in added
             if key.endswith(before) and key[-len(before) - 1] in "_/-."), None)
        if after is not None:
            renamed.append((before, after))
            added.remove(after)
            removed.remove(before)
    return added, removed, renamed


def _flat(key: str) -> str:
    return "".join(c for c in key.lower() if c.isalnum())
