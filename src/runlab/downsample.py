"""Fewer points for a chart, without losing its shape: every spike survives.

Min-max decimation: the series is cut into buckets of equal length; each bucket keeps its
minimum and its maximum, in their original order, and the first and last point of the series
are always kept. A curve drawn from the result reaches every extreme the full curve reaches.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def downsample(points: Sequence[T], max_points: int,
               values: Sequence[float] | None = None) -> list[T]:
    """At most `max_points` (>= 4) of `points`: the first, the last, and each bucket's minimum
    and maximum, in their original order. `values` are the points' values (by default each
    point's `.value`). A series no longer than `max_points` comes back whole."""
    n = len(points)
    if max_points < 4:
        raise ValueError("max_points must be at least 4")
    if n <= max_points:
        return list(points)
    vals = list(values) if values is not None else [p.value for p in points]  # type: ignore[attr-defined]
    low, high = vals, vals
    if any(map(math.isnan, vals)):
        # NaN compares false with everything: never a bucket's extreme, and never hiding one.
        low = [math.inf if v != v else v for v in vals]
        high = [-math.inf if v != v else v for v in vals]
    buckets = (max_points - 2) // 2
    size = (n - 2) / buckets
    keep = [0]
    for b in range(buckets):
        lo = 1 + int(b * size)
        hi = 1 + int((b + 1) * size) if b < buckets - 1 else n - 1
        if lo >= hi:
            continue
        chunk_lo, chunk_hi = low[lo:hi], high[lo:hi]
        a = lo + chunk_lo.index(min(chunk_lo))
        z = lo + chunk_hi.index(max(chunk_hi))
        keep += (a, z) if a < z else (z, a) if z < a else (a,)
    keep.append(n - 1)
    return [points[i] for i in keep]
