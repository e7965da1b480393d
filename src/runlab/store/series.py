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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, compress

from runlab.store import journal
from runlab.store.events import INT_MAX
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
        # min and max run in C. A comparison with NaN is false, so NaN is never picked unless
        # it comes first, and then (as with an infinity) the result is not finite.
        least, most = min(chunk), max(chunk)
        if math.isfinite(least) and math.isfinite(most):
            keep.add(lo + chunk.index(least))
            keep.add(lo + chunk.index(most))
            continue
        finite = [(v, i) for i, v in enumerate(chunk) if math.isfinite(v)]
        if finite:
            keep.add(lo + min(finite)[1])
            keep.add(lo + max(finite)[1])
    return sorted(keep)


def _private(path: str, flags: int) -> int:
    """An opener for cache files only their owner can read, as everything in the store."""
    return os.open(path, flags, 0o600)


def _private_dirs(path: str) -> None:
    """`path` and the folders above it that are missing, each made 0700 (os.makedirs gives
    its mode to the last folder only)."""
    if not os.path.isdir(path):
        _private_dirs(os.path.dirname(path))
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, 0o700)


def update(cache_dir: str, journal_path: str) -> None:
    """Bring a run's cache up to date with its journal (OSError: it could not be written)."""
    _Cache(cache_dir, journal_path).update()


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
    reader = _Reader(path, 0)
    for key, steps, values, times in reader.batches(out.clear):
        if wanted is None or key in wanted:
            found = out.get(key)
            if found is None:
                found = out[key] = Series(array("q"), array("d"), array("d"))
            found.steps.extend(steps)
            found.values.extend(values)
            found.times.extend(times)
    return out


# The metrics lines runlab writes itself (`journal.encode` of `events.metrics`) are decoded
# as JSON and then checked and converted a column at a time, in bulk, not point by point: the
# same checks as `events.problem`'s, so both ways keep the same points. A line of another
# shape (null steps or times, escapes in a name, a time on the event) takes the slow way.
_HEAD = b'{"e":"metrics","p":['
_MAX_TIME = 2.5e11  # as events._points


class _Reader:
    """Every metric point of a journal from `offset` in recorded order, as batches of one
    metric's points: (key, steps, values, times). A point without a step takes the next of
    its metric, and one without a time the last time known (as the index reads them)."""

    def __init__(self, path: str, offset: int) -> None:
        self.path = path
        self.offset = offset  # once read: where the next unread complete line starts
        self.last: dict[str, int] = {}
        self.known = 0.0

    def batches(self, on_reparse: Callable[[], Any]
                ) -> Iterator[tuple[str, Sequence[int], Sequence[float], Sequence[float]]]:
        """`on_reparse` is called where a `reparse` event replaces every point before it."""
        try:
            f = open(self.path, "rb")
        except OSError:  # missing, or unreadable: no points (`ls` names such a run)
            return
        with f:
            f.seek(self.offset)
            for line in f:
                if not line.endswith(b"\n"):
                    break  # a partial last line, left for later
                self.offset += len(line)
                fast = self._fast(line) if line.startswith(_HEAD) else None
                yield from fast if fast is not None else self._slow(line, on_reparse)

    def _fast(self, line: bytes) -> list[tuple[str, Any, Any, Any]] | None:
        """A metrics line's batches, or None when it must be read the slow way (where each
        point is checked, and a bad one skips the event)."""
        if b"\\" in line or b"null" in line or b"true" in line or b"false" in line:
            return None  # escapes, points without step or time, booleans: the slow way
        try:
            event = json.loads(line)
        except (ValueError, RecursionError):
            return None
        points = event.get("p") if type(event) is dict else None
        if len(event) != 2 or type(points) is not list or not points \
                or set(map(type, points)) != {list} or set(map(len, points)) != {4}:
            return None
        flat = list(chain.from_iterable(points))  # key, value, step, time, key, ...
        keys, values, steps, times = flat[0::4], flat[1::4], flat[2::4], flat[3::4]
        kinds = set(map(type, values))
        if set(map(type, steps)) != {int} or not kinds <= {float, int} \
                or not set(map(type, times)) <= {float, int}:
            return None
        if not (-INT_MAX <= min(steps) and max(steps) <= INT_MAX and 0 <= min(times)
                and max(times) < _MAX_TIME and not math.isnan(sum(times))):
            return None
        if int in kinds and not all(-INT_MAX <= v <= INT_MAX
                                    for v in values if type(v) is int):
            return None
        distinct = list(dict.fromkeys(keys))
        if not all(type(k) is str and k.strip() and "\n" not in k and "\r" not in k
                   for k in distinct):
            return None
        out: list[tuple[str, Any, Any, Any]] = []
        stride = len(distinct)
        regular = all(keys[i::stride].count(k) == len(keys[i::stride])
                      for i, k in enumerate(distinct))  # k1, k2, k1, k2...: slices will do
        for i, key in enumerate(distinct):
            if regular:
                columns: tuple[Iterable[Any], ...] = (
                    steps[i::stride], values[i::stride], times[i::stride])
            else:
                mask = [k == key for k in keys]
                columns = tuple(compress(column, mask) for column in (steps, values, times))
            s = array("q", columns[0])
            out.append((key, s, array("d", columns[1]), array("d", columns[2])))
            self.last[key] = s[-1]
        self.known = float(times[-1])
        return out

    def _slow(self, line: bytes, on_reparse: Callable[[], Any]
              ) -> Iterator[tuple[str, Sequence[int], Sequence[float], Sequence[float]]]:
        event = journal.decode(line)[0]
        if event is None:
            return
        kind = event["e"]
        t = event.get("t")
        if isinstance(t, (int, float)):
            self.known = float(t)
        if kind == "reparse":
            on_reparse()
            self.last.clear()
        elif kind != "metrics":
            return
        grouped: dict[str, tuple[list[int], list[float], list[float]]] = {}
        for key, value, step, t in event["p"]:  # checked: [name, number, int|None, time|None]
            step = min(self.last.get(key, -1) + 1, INT_MAX) if step is None else step
            if t is not None:
                self.known = float(t)
            self.last[key] = step
            columns = grouped.setdefault(key, ([], [], []))
            columns[0].append(step)
            columns[1].append(float(value))
            columns[2].append(self.known)
        for key, (s, v, times) in grouped.items():
            yield key, s, v, times


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
        _private_dirs(self.dir)
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
                    with open(self._file(entry["stem"], column), "ab", opener=_private) as f:
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

        reader = _Reader(self.journal, self.meta["offset"])
        # Where the last update stopped: each metric's last step and the last time known, for
        # the points without them that come next (a hand-written line after the run's end).
        with contextlib.suppress(TypeError, ValueError, AttributeError):
            reader.last = {str(k): int(v) for k, v in self.meta.get("last", {}).items()}
            reader.known = float(self.meta.get("known", 0.0))
        for key, steps, values, times in reader.batches(reparse):
            if key not in keys:
                keys[key] = {"stem": f"m{len(keys)}", "count": 0}
            s = pending.get(key)
            if s is None:
                s = pending[key] = Series(array("q"), array("d"), array("d"))
            s.steps.extend(steps)
            s.values.extend(values)
            s.times.extend(times)
            held += len(values)
            if held >= FLUSH_POINTS:
                flush()
                held = 0
        flush()
        self.meta.update(offset=reader.offset, last=reader.last, known=reader.known)
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
