"""Metric series kept where they read fast, and downsampling them for a chart.

The journal is the record; decoding a long run's series from it costs seconds and hundreds
of bytes a point. So each run has a series cache, rebuilt from the journal like the index:
`cache/series/RUN_ID/` in the store holds, per metric, three flat files of its steps (int64), values
and times (float64), and `series.json` says how far into the journal they go and how many
points each file holds. It is brought up to date from the journal's unread part on every
read; a store that cannot be written gets the same arrays built in memory instead.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from runlab.store import journal
from runlab.store.records import MetricPoint

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

META = "series.json"
COLUMNS = (("step", "q"), ("value", "d"), ("time", "d"))
FLUSH_POINTS = 200_000  # points held in memory per update before they go to the files


@dataclass
class Series:
    """One metric's points as flat arrays: steps, values and times, in recorded order."""

    steps: array[int]
    values: array[float]
    times: array[float]

    def __len__(self) -> int:
        return len(self.values)

    def points(self, positions: Iterable[int] | None = None) -> Iterator[MetricPoint]:
        """The points (at `positions` only, when given) one at a time, as they are read."""
        steps, values, times = self.steps, self.values, self.times
        for i in range(len(values)) if positions is None else positions:
            yield MetricPoint(steps[i], values[i], times[i])


def downsample(values: Sequence[float], max_points: int) -> list[int]:
    """The positions of the points to draw so that at most `max_points` remain (at least 4):
    the first, the last, and in each of (max_points - 2) // 2 runs of consecutive points its
    lowest and highest value, so that no extreme is lost. Every point when there are no more
    than `max_points`. Non-finite values are never picked as extremes (a chart cannot draw
    them). This is the one downsampling of runlab: `plot`, `show` and the web UI use it."""
    n = len(values)
    if n <= max_points:
        return list(range(n))
    buckets = max(1, (max(max_points, 4) - 2) // 2)
    keep = {0, n - 1}
    inner = n - 2
    for b in range(buckets):
        lo = 1 + inner * b // buckets
        hi = 1 + inner * (b + 1) // buckets
        chunk = values[lo:hi]
        if not len(chunk):
            continue
        if math.isfinite(sum(chunk)):  # no NaN nor infinity: min and max run in C
            keep.add(lo + chunk.index(min(chunk)))
            keep.add(lo + chunk.index(max(chunk)))
            continue
        finite = [(v, i) for i, v in enumerate(chunk) if math.isfinite(v)]
        if finite:
            keep.add(lo + min(finite)[1])
            keep.add(lo + max(finite)[1])
    return sorted(keep)


def load(cache_dir: str, journal_path: str,
         keys: Sequence[str] | None = None) -> dict[str, Series]:
    """A run's series (only `keys` when given), from its cache brought up to date first."""
    cache = _Cache(cache_dir, journal_path)
    try:
        cache.update()
        return cache.read(keys)
    except OSError:
        # A store that cannot be written (read-only, full): the same arrays, in memory.
        return _in_memory(journal_path, keys)


def _in_memory(path: str, keys: Sequence[str] | None) -> dict[str, Series]:
    out: dict[str, Series] = {}
    wanted = set(keys) if keys else None
    for key, step, value, t in _points(journal.Stream(path), out.clear):
        if wanted is None or key in wanted:
            found = out.get(key)
            if found is None:
                found = out[key] = Series(array("q"), array("d"), array("d"))
            found.steps.append(step)
            found.values.append(value)
            found.times.append(t)
    return out


def _points(events: Iterator[dict[str, Any]] | journal.Stream,
            on_reparse: Any) -> Iterator[tuple[str, int, float, float]]:
    """(key, step, value, time) of every metric point, in journal order; `on_reparse` is
    called where a `reparse` event replaces every point before it."""
    last: dict[str, int] = {}  # a point without a step (a hand-written one) takes the next
    known = 0.0  # and one without a time, the last time known
    for event in events:
        kind = event["e"]
        t = event.get("t")
        if isinstance(t, (int, float)):
            known = float(t)
        if kind == "reparse":
            on_reparse()
            last.clear()
        elif kind != "metrics":
            continue
        points = event.get("p")
        if not isinstance(points, list):
            continue
        for point in points:
            try:
                key, value, step, t = point
                key = str(key)
                step = last.get(key, -1) + 1 if step is None else int(step)
                if t is not None:
                    known = float(t)
                last[key] = step
                yield key, step, float(value), known
            except (TypeError, ValueError, OverflowError):
                continue  # a point of the wrong shape: the index skips it too


class _Cache:
    def __init__(self, cache_dir: str, journal_path: str) -> None:
        self.dir = cache_dir
        self.journal = journal_path
        self.meta: dict[str, Any] = {"offset": 0, "keys": {}}

    def _load_meta(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            with open(os.path.join(self.dir, META)) as f:
                meta = json.load(f)
            if isinstance(meta, dict) and isinstance(meta.get("keys"), dict):
                self.meta = meta

    def _file(self, stem: str, column: str) -> str:
        return os.path.join(self.dir, f"{stem}.{column}")

    def update(self) -> None:
        """Append what the journal holds past the cache's offset (under a lock: two readers
        of a running run take turns)."""
        self._load_meta()
        if self._current():
            return
        os.makedirs(self.dir, mode=0o700, exist_ok=True)
        from runlab.store.journal import locked

        with locked(os.path.join(self.dir, "lock")):
            self._load_meta()
            if not self._current():
                self._append()

    def _current(self) -> bool:
        return os.path.exists(os.path.join(self.dir, META)) and \
            journal.size(self.journal) <= self.meta["offset"]

    def _append(self) -> None:
        keys: dict[str, dict[str, Any]] = self.meta["keys"]
        # Files longer than the counts recorded hold points of an update cut short: drop them.
        for entry in keys.values():
            for column, code in COLUMNS:
                path = self._file(entry["stem"], column)
                with contextlib.suppress(FileNotFoundError):
                    if os.path.getsize(path) > entry["count"] * array(code).itemsize:
                        os.truncate(path, entry["count"] * array(code).itemsize)
        pending: dict[str, Series] = {}
        held = 0

        def flush() -> None:
            for key, s in pending.items():
                entry = keys[key]
                columns: list[array[Any]] = [s.steps, s.values, s.times]
                for (column, _), data in zip(COLUMNS, columns):
                    with open(self._file(entry["stem"], column), "ab") as f:
                        data.tofile(f)
                entry["count"] += len(s)
            pending.clear()

        def reparse() -> None:
            nonlocal held
            pending.clear()
            held = 0
            for entry in keys.values():
                for column, _ in COLUMNS:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(self._file(entry["stem"], column))
            keys.clear()

        stream = journal.Stream(self.journal, self.meta["offset"])
        for key, step, value, t in _points(stream, reparse):
            if key not in keys:
                keys[key] = {"stem": f"m{len(keys)}", "count": 0}
            s = pending.get(key)
            if s is None:
                s = pending[key] = Series(array("q"), array("d"), array("d"))
            try:
                s.steps.append(step)
            except OverflowError:
                s.steps.append(0)
            s.values.append(value)
            s.times.append(t)
            held += 1
            if held >= FLUSH_POINTS:
                flush()
                held = 0
        flush()
        self.meta["offset"] = stream.offset
        tmp = os.path.join(self.dir, META + ".tmp")
        journal.write_private(tmp, json.dumps(self.meta).encode(), exclusive=False)
        os.replace(tmp, os.path.join(self.dir, META))

    def read(self, keys: Sequence[str] | None) -> dict[str, Series]:
        out: dict[str, Series] = {}
        for key, entry in self.meta["keys"].items():
            if keys and key not in keys:
                continue
            columns: list[array[Any]] = []
            for column, code in COLUMNS:
                data: array[Any] = array(code)
                with open(self._file(entry["stem"], column), "rb") as f:
                    data.frombytes(f.read(entry["count"] * data.itemsize))
                columns.append(data)
            out[key] = Series(*columns)
        return out
