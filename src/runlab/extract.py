"""Metrics from a whole log after the fact: what `runlab parse` shows and `runlab reparse`
records, with the rules and patterns in force now rather than those of the run's day."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from runlab.errors import RunlabError, UsageError
from runlab.parsing import LineSplitter, MetricParser, Point
from runlab.store import Store
from runlab.store import events as kinds

CHUNK = 1 << 16


def parse_log(chunks: Iterable[bytes], patterns: Sequence[str] = (),
              disabled: Sequence[str] = ()) -> list[Point]:
    """The points a tracked run would record from this output, progress bars flushed."""
    splitter, parser = LineSplitter(), MetricParser(patterns, disabled)
    points: list[Point] = []
    for chunk in chunks:
        points += parser.parse_lines(splitter.feed(chunk))
    points += parser.parse_lines(splitter.flush())
    return points + parser.flush()


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
    """What `reparse` recorded: the run's number, its points and their keys."""

    number: int
    points: int
    keys: list[str]


def reparse_run(store: Store, run_id: str, patterns: Sequence[str] = (),
                disabled: Sequence[str] = ()) -> Reparsed:
    """Extract a finished run's metrics from its output.log again and record them as a
    `reparse` event, which replaces every metric point recorded before it."""
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
    store.append(run_id, [kinds.reparse([[p.key, p.value, p.step, t] for p in points])],
                 sync=True)
    return Reparsed(run.number, len(points), sorted({p.key for p in points}))
