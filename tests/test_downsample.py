"""Min-max downsampling (store.series.downsample, the one runlab has: plot, show and the web
UI): first and last kept, every bucket's extremes kept, order kept."""

from __future__ import annotations

import math
import random

from runlab.store.series import downsample


def test_a_short_series_comes_back_whole() -> None:
    assert downsample([3.0, 1.0, 2.0], 4) == [0, 1, 2]
    assert downsample([3.0, 1.0, 2.0], 10) == [0, 1, 2]


def test_first_last_and_every_spike_survive() -> None:
    rng = random.Random(7)
    values = [rng.random() for _ in range(100_000)]
    spikes = {12_345: 50.0, 67_890: -50.0, 99_998: 9.0}
    for i, v in spikes.items():
        values[i] = v
    kept = downsample(values, 500)
    assert len(kept) <= 500
    assert kept[0] == 0 and kept[-1] == 99_999
    assert kept == sorted(set(kept))
    assert set(spikes) <= set(kept)


def test_each_bucket_keeps_its_minimum_and_maximum() -> None:
    values = [float((i * 37) % 101) for i in range(1000)]
    kept = set(downsample(values, 52))  # 25 buckets of (about) 40 inner points
    for b in range(25):
        lo, hi = 1 + 998 * b // 25, 1 + 998 * (b + 1) // 25
        bucket = values[lo:hi]
        assert any(values[s] == min(bucket) for s in kept if lo <= s < hi)
        assert any(values[s] == max(bucket) for s in kept if lo <= s < hi)


def test_nan_neither_hides_an_extreme_nor_becomes_one() -> None:
    values = [math.nan] * 1000
    values[500] = 2.0
    assert 500 in downsample(values, 10)
    values = [1.0] * 1000
    values[0] = values[999] = 0.0
    values[300] = math.nan
    assert 300 not in downsample(values, 10)


def test_too_few_points_asked_still_keeps_the_ends() -> None:
    kept = downsample([float(i % 10) for i in range(100)], 2)
    assert kept[0] == 0 and kept[-1] == 99 and len(kept) <= 4


def test_every_bucket_keeps_its_finite_extremes_whatever_it_holds() -> None:
    # NaN and infinities anywhere in a bucket (first, last, alone, among ties): the bucket
    # still keeps its lowest and highest finite values, and nothing non-finite.
    rng = random.Random(7)
    pool = [float("nan"), math.inf, -math.inf, 0.0, 1.0]
    for _ in range(3000):
        values = [rng.choice([rng.random(), *pool]) for _ in range(rng.randint(5, 60))]
        max_points = rng.randint(4, 20)
        kept = downsample(values, max_points)
        n = len(values)
        if n <= max_points:
            assert kept == list(range(n))
            continue
        assert kept[0] == 0 and kept[-1] == n - 1 and kept == sorted(set(kept))
        buckets = (max_points - 2) // 2
        for b in range(buckets):
            lo, hi = 1 + (n - 2) * b // buckets, 1 + (n - 2) * (b + 1) // buckets
            finite = [v for v in values[lo:hi] if math.isfinite(v)]
            inside = [values[i] for i in kept if lo <= i < hi]
            assert all(math.isfinite(v) for v in inside)
            assert (min(inside), max(inside)) == (min(finite), max(finite)) if finite \
                else not inside
