"""Metric series kept where they read fast, and downsampling them for a chart.

The journal is the record; decoding a long run's series from it costs seconds and hundreds
of bytes a point. So each run has a series cache, rebuilt from the journal like the index:
`cache/series/RUN_ID/` in the store holds, per metric, three flat files of its steps (int64), values
and times (float64), and `series.json` says how far into the journal they go and how many
points each file holds. Beside the values, two more files hold the lowest and highest finite
value of each block of `BLOCK` points, so that a chart's downsampling reads the blocks and the
few points at its buckets' edges, not the million points of a long run. It is brought up to
date from the journal's unread part on every read; a store that cannot be written gets the
same arrays built in memory instead.
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
VERSION = 2  # 1 (no "version"): the columns only; 2: and the blocks' extremes
COLUMNS = (("step", "q"), ("value", "d"), ("time", "d"))
BLOCK = 64  # points a block (see `_Cache.drawn`)
EXTREMES = ("low", "high")  # per block: its lowest and highest finite value (else ±inf)
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


@dataclass
class Drawn:
    """What a chart draws of a series of `count` points: the points `downsample` picks."""

    count: int
    points: list[MetricPoint]


def downsample(values: Sequence[float], max_points: int) -> list[int]:
    """The positions of the points to draw so that at most `max_points` remain (at least 4):
    the first, the last, and in each of (max_points - 2) // 2 runs of consecutive points the
    first of its lowest and the first of its highest values, so that no extreme is lost. Every
    point when there are no more than `max_points`. Non-finite values are never picked as
    extremes (a chart cannot draw them). This is the one downsampling of runlab: `plot`, `show`
    and the web UI use it, over a cache's blocks (`_Cache.drawn`) or over all the values."""
    n = len(values)
    if n <= max_points:
        return list(range(n))
    keep = {0, n - 1}
    for lo, hi in _buckets(n, max_points):
        found = _extremes(values[lo:hi])
        if found is not None:
            keep.add(lo + found[1])
            keep.add(lo + found[3])
    return sorted(keep)


def _buckets(n: int, max_points: int) -> Iterator[tuple[int, int]]:
    """The runs of points between the first and the last that each keep their extremes."""
    buckets = max(1, (max(max_points, 4) - 2) // 2)
    inner = n - 2
    for b in range(buckets):
        lo = 1 + inner * b // buckets
        hi = 1 + inner * (b + 1) // buckets
        if lo < hi:
            yield lo, hi


def _extremes(chunk: Sequence[float]) -> tuple[float, int, float, int] | None:
    """The lowest finite value of `chunk` and where it first is, the same of the highest;
    None when no value is finite."""
    lowest = _first(chunk, min)
    if lowest is None:
        return None
    highest = _first(chunk, max)
    assert highest is not None
    return lowest + highest


def _first(chunk: Sequence[float], pick: Callable[[Sequence[float]], float]
           ) -> tuple[float, int] | None:
    """The lowest (`pick` min) or highest (max) finite value of `chunk` and where it first is;
    None when no value is finite."""
    if not len(chunk):
        return None
    # min and max run in C. A comparison with NaN is false, so NaN is never picked unless
    # it comes first, and then (as with an infinity) the result is not finite.
    value = pick(chunk)
    if not math.isfinite(value):
        finite = [v for v in chunk if math.isfinite(v)]
        if not finite:
            return None
        value = pick(finite)
    # index finds the first value equal to it (0.0 and -0.0 are equal, as `pick` saw them).
    return value, chunk.index(value)


def _private(path: str, flags: int) -> int:
    """An opener for cache files only their owner can read, as everything in the store."""
    return os.open(path, flags, 0o600)


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
        return _unwritable(cache, keys)


def load_drawn(cache_dir: str, journal_path: str, keys: Sequence[str] | None,
               max_points: int) -> dict[str, Drawn]:
    """A run's series (only `keys` when given) downsampled to `max_points` each, from its
    cache brought up to date first: at a cost that follows the points drawn, not the points
    recorded."""
    cache = _Cache(cache_dir, journal_path)
    try:
        cache.update()
        return cache.drawn(keys, max_points)
    except OSError:
        return {key: Drawn(len(s), list(s.points(downsample(s.values, max_points))))
                for key, s in _unwritable(cache, keys).items()}


def _unwritable(cache: _Cache, keys: Sequence[str] | None) -> dict[str, Series]:
    """The series of a cache that cannot be brought up to date (a read-only store, a full
    disk): its columns when they are (an earlier runlab's cache, without blocks, on a store
    made read-only since), else the same arrays built in memory from the journal."""
    if cache.columns_current():
        with contextlib.suppress(OSError):
            return cache.read(keys)
    return _in_memory(cache.journal, keys)


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


class _Damaged(Exception):
    """A cache whose files hold less than its meta says: built again from the journal."""


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
        journal.private_dirs(self.dir)
        from runlab.store.journal import locked

        with locked(os.path.join(self.dir, "lock")):
            self._load_meta()
            if not self._current():
                try:
                    self._append()
                except _Damaged:
                    self._wipe()
                    self._append()

    def _current(self) -> bool:
        meta = self.meta
        return meta.get("version") == VERSION and meta.get("block") == BLOCK \
            and os.path.exists(os.path.join(self.dir, META)) \
            and journal.size(self.journal) <= meta["offset"] \
            and all(e.get("blocks") == e["count"] // BLOCK for e in meta["keys"].values())

    def columns_current(self) -> bool:
        """Whether the steps, values and times on file hold the whole journal (blocks or not)."""
        return self.meta.get("version", 1) in (1, VERSION) \
            and os.path.exists(os.path.join(self.dir, META)) \
            and journal.size(self.journal) <= self.meta["offset"]

    def _upgrade(self) -> None:
        """A cache another runlab wrote: one of version 1 (the same columns, no blocks) or
        with other blocks gets its blocks built from its values; one of an unknown version is
        built again from the journal."""
        if self.meta.get("version", 1) not in (1, VERSION):
            self._wipe()
        elif self.meta.get("block") != BLOCK:
            for entry in self.meta["keys"].values():
                entry["blocks"] = 0
        self.meta.update(version=VERSION, block=BLOCK)

    def _wipe(self) -> None:
        """Start again from the journal's first line."""
        for name in os.listdir(self.dir):
            if name not in (META, "lock"):
                os.unlink(os.path.join(self.dir, name))
        self.meta = {"offset": 0, "keys": {}, "version": VERSION, "block": BLOCK}

    def _append(self) -> None:
        self._upgrade()
        keys: dict[str, dict[str, Any]] = self.meta["keys"]
        # Files longer than the counts recorded hold points of an update cut short: drop them.
        for entry in keys.values():
            entry.setdefault("blocks", 0)
            for column, size in self._sizes(entry):
                with contextlib.suppress(FileNotFoundError):
                    if os.path.getsize(self._file(entry["stem"], column)) > size:
                        os.truncate(self._file(entry["stem"], column), size)
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
                self._extend_blocks(entry, s.values)
            pending.clear()

        def reparse() -> None:
            nonlocal held
            pending.clear()
            held = 0
            for entry in keys.values():
                for column, _ in self._sizes(entry):
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
                keys[key] = {"stem": f"m{len(keys)}", "count": 0, "blocks": 0}
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
        for entry in keys.values():  # an upgraded cache: blocks from the values on file
            self._extend_blocks(entry, array("d"))
        self.meta.update(offset=reader.offset, last=reader.last, known=reader.known)
        tmp = os.path.join(self.dir, META + ".tmp")
        journal.write_private(tmp, json.dumps(self.meta).encode(), exclusive=False)
        os.replace(tmp, os.path.join(self.dir, META))

    def _sizes(self, entry: dict[str, Any]) -> list[tuple[str, int]]:
        """Each file of a metric and the bytes the meta's counts give it."""
        return [(column, entry["count"] * array(code).itemsize) for column, code in COLUMNS] \
            + [(column, entry["blocks"] * 8) for column in EXTREMES]

    def _extend_blocks(self, entry: dict[str, Any], tail: array[float]) -> None:
        """Add the blocks that the metric's values now fill, `tail` being its last values as
        just appended (the rest is read from the values file)."""
        done, full = entry["blocks"], entry["count"] // BLOCK
        if done >= full:
            return
        start, stop = done * BLOCK, full * BLOCK
        values: array[float] = array("d")
        first = entry["count"] - len(tail)  # where `tail` starts
        if start < first:
            with open(self._file(entry["stem"], "value"), "rb") as f:
                f.seek(start * 8)
                values.frombytes(f.read((min(first, stop) - start) * 8))
        values.extend(tail[max(0, start - first):max(0, stop - first)])
        if len(values) != stop - start:
            raise _Damaged  # a values file shorter than its count
        lows, highs = array("d"), array("d")
        for at in range(0, len(values), BLOCK):
            found = _extremes(values[at:at + BLOCK])
            lows.append(math.inf if found is None else found[0])
            highs.append(-math.inf if found is None else found[2])
        for column, data in zip(EXTREMES, (lows, highs)):
            with open(self._file(entry["stem"], column), "ab", opener=_private) as f:
                data.tofile(f)
        entry["blocks"] = full

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

    def drawn(self, keys: Sequence[str] | None, max_points: int) -> dict[str, Drawn]:
        """`downsample` of each series, read from its blocks' extremes and, of its values,
        only those at its buckets' edges and in the blocks that hold an extreme."""
        out: dict[str, Drawn] = {}
        for key, entry in self.meta["keys"].items():
            if keys and key not in keys:
                continue
            count = entry["count"]
            if count <= max_points:
                out[key] = Drawn(count, list(self.read([key])[key].points()))
                continue
            lows: array[float] = array("d")
            highs: array[float] = array("d")
            for column, data in zip(EXTREMES, (lows, highs)):
                with open(self._file(entry["stem"], column), "rb") as f:
                    data.frombytes(f.read(entry["blocks"] * 8))
            with contextlib.ExitStack() as stack:
                maps = [_mapped(stack, self._file(entry["stem"], column), code, count)
                        for column, code in COLUMNS]
                steps, values, times = maps
                chosen = _downsample_blocks(values, lows, highs, max_points)
                out[key] = Drawn(count, [MetricPoint(steps[i], values[i], times[i])
                                         for i in chosen])
        return out


def _mapped(stack: contextlib.ExitStack, path: str, code: str, count: int) -> Any:
    """The first `count` items of a column file, mapped into memory (read as they are
    touched), released when `stack` closes: a memoryview of `code` items."""
    import mmap

    with open(path, "rb") as f:
        try:
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file
            raise OSError(f"{path} holds fewer points than the series cache says") from None
    stack.callback(mapped.close)
    view = memoryview(mapped)
    stack.callback(view.release)
    if len(view) < count * array(code).itemsize:
        raise OSError(f"{path} holds fewer points than the series cache says")
    head: Any = view[:count * array(code).itemsize]
    items = head.cast(code)
    stack.callback(items.release)
    return items


def _downsample_blocks(values: Any, lows: array[float], highs: array[float],
                       max_points: int) -> list[int]:
    """`downsample(values, max_points)`, the same positions, for `values` a memoryview of
    floats (or an array), from the lowest and highest finite value of each block of `BLOCK`
    values (`lows`, `highs`: inf and -inf for a block without any): a bucket reads its whole
    blocks' extremes, the values at its two ends that are not a whole block, and the values
    of the block that holds each extreme it keeps."""
    n = len(values)
    if n <= max_points:
        return list(range(n))
    keep = {0, n - 1}
    low_of: list[float] = lows.tolist()
    high_of: list[float] = highs.tolist()
    for lo, hi in _buckets(n, max_points):
        first, last = -(-lo // BLOCK), hi // BLOCK  # the whole blocks: [first, last)
        if last <= first:
            found = _extremes(values[lo:hi].tolist())
            if found is not None:
                keep.add(lo + found[1])
                keep.add(lo + found[3])
            continue
        # In order: the values before the first whole block, one value a block (its lowest,
        # or its highest), the values after the last. The first extreme of these is the
        # first of the bucket's: a block before it holding the same value would come first.
        left, right = values[lo:first * BLOCK].tolist(), values[last * BLOCK:hi].tolist()
        lowest = _first(left + low_of[first:last] + right, min)
        if lowest is None:
            continue  # no finite value: nothing kept (nor a highest)
        highest = _first(left + high_of[first:last] + right, max)
        assert highest is not None
        for value, at in (lowest, highest):
            if at < len(left):
                keep.add(lo + at)
            elif at < len(left) + last - first:
                start = (first + at - len(left)) * BLOCK
                keep.add(start + values[start:start + BLOCK].tolist().index(value))
            else:
                keep.add(last * BLOCK + at - len(left) - (last - first))
    return sorted(keep)


if __name__ == "__main__":  # `Store.cache_series(later=True)`: CACHE_DIR JOURNAL, quietly
    import sys

    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)
    if os.path.exists(sys.argv[2]):  # (a run removed meanwhile leaves no cache behind)
        with contextlib.suppress(OSError):
            update(sys.argv[1], sys.argv[2])
