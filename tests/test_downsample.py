"""Min-max downsampling: first and last kept, every bucket's extremes kept, order kept."""

from __future__ import annotations

import math
import random

import pytest

from runlab.downsample import downsample
from runlab.store.records import MetricPoint


def series(values: list[float]) -> list[MetricPoint]:
    return [MetricPoint(i, v, float(i)) for i, v in enumerate(values)]


def test_a_short_series_comes_back_whole() -> None:
    points = series([3.0, 1.0, 2.0])
    assert downsample(points, 4) == points
    assert downsample(points, 10) is not points


def test_first_last_and_every_spike_survive() -> None:
    rng = random.Random(7)
    values = [rng.random() for _ in range(100_000)]
    spikes = {12_345: 50.0, 67_890: -50.0, 99_998: 9.0}
    for i, v in spikes.items():
        values[i] = v
    kept = downsample(series(values), 500)
    assert len(kept) <= 500
    assert kept[0].step == 0 and kept[-1].step == 99_999
    steps = [p.step for p in kept]
    assert steps == sorted(steps) and len(set(steps)) == len(steps)
    assert set(spikes) <= set(steps)


def test_each_bucket_keeps_its_minimum_and_maximum() -> None:
    values = [float((i * 37) % 101) for i in range(1000)]
    kept = downsample(series(values), 52)  # 25 buckets of (about) 40 inner points
    steps = {p.step for p in kept}
    size = 998 / 25
    for b in range(25):
        lo, hi = 1 + int(b * size), 1 + int((b + 1) * size) if b < 24 else 999
        bucket = values[lo:hi]
        assert any(values[s] == min(bucket) for s in steps if lo <= s < hi)
        assert any(values[s] == max(bucket) for s in steps if lo <= s < hi)


def test_nan_neither_hides_an_extreme_nor_becomes_one() -> None:
    values = [math.nan] * 1000
    values[500] = 2.0
    kept = downsample(series(values), 10)
    assert 500 in {p.step for p in kept}
    values = [1.0] * 1000
    values[0] = values[999] = 0.0
    values[300] = math.nan
    assert 300 not in {p.step for p in downsample(series(values), 10)}


def test_values_can_be_given_apart_and_too_few_points_are_refused() -> None:
    pairs = [(i, float(i % 10)) for i in range(100)]
    kept = downsample(pairs, 10, values=[v for _, v in pairs])
    assert kept[0] == (0, 0.0) and kept[-1] == (99, 9.0) and len(kept) <= 10
    with pytest.raises(ValueError):
        downsample(pairs, 3)
