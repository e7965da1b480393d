"""Min-max downsampling (store.series.downsample, the one runlab has: plot, show and the web
UI): first and last kept, every bucket's extremes kept, order kept."""

from __future__ import annotations

import json
import math
import random
import stat
from array import array
from pathlib import Path

from runlab.store import series
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


# -- the series cache's blocks: the same positions, read from a fraction of the points ------


def _journal_of(path: Path, chunks: list[list[float]], start: int = 0) -> None:
    """Append each chunk of values as one metrics line, as runlab writes them (the step is
    the point's position, so that positions can be read back from steps)."""
    from runlab.store import journal

    for chunk in chunks:
        journal.append(str(path), [{"e": "metrics", "p": [
            ["loss", v, start + i, 1e9 + start + i] for i, v in enumerate(chunk)]}])
        start += len(chunk)


def _random_values(rng: random.Random, n: int) -> list[float]:
    kind = rng.randrange(4)
    pool = [math.nan, math.inf, -math.inf, 0.0, -0.0, 1.0]
    if kind == 0:  # a few levels: ties everywhere
        return [float(rng.randint(0, 3)) for _ in range(n)]
    if kind == 1:  # non-finite values and signed zeros among the rest
        return [rng.choice([rng.random(), rng.random(), *pool]) for _ in range(n)]
    if kind == 2:  # runs of NaN with finite islands (whole blocks of nothing drawable)
        values = [math.nan] * n
        for _ in range(rng.randint(0, 3)):
            at = rng.randrange(n)
            values[at:at + rng.randint(1, 150)] = [rng.random()] * min(150, n - at)
        return values[:n]
    return [rng.gauss(0, 1) for _ in range(n)]


def _expected(s: series.Series, max_points: int) -> list[tuple[int, str]]:
    return [(p.step, repr(p.value)) for p in s.points(series.downsample(s.values, max_points))]


def test_the_blocks_give_exactly_the_positions_of_the_whole_series(tmp_path: Path) -> None:
    # Random series, sizes around block and bucket edges, cut into journal lines and read
    # after each extend: the cache's downsampling keeps the very points downsample() does.
    rng = random.Random(11)
    block = series.BLOCK
    sizes = [block - 1, block, block + 1, 2 * block, 3 * block - 1, 5 * block + 7, 1000, 4099]
    for case in range(40):
        n = rng.choice(sizes) if case % 2 else rng.randint(5, 3000)
        values = _random_values(rng, n)
        run = tmp_path / str(case)
        run.mkdir()
        cache, path = str(run / "cache"), run / "journal.jsonl"
        cuts = sorted(rng.sample(range(1, n), min(n - 1, rng.randint(0, 4))))
        edges = [0, *cuts, n]
        for i in range(len(edges) - 1):
            _journal_of(path, [values[edges[i]:edges[i + 1]]], edges[i])
            whole = series.load(cache, str(path))["loss"]
            assert len(whole) == edges[i + 1]
            for max_points in {4, 5, 6, rng.randint(4, 300), 2 * (edges[i + 1] // block),
                               edges[i + 1] - 1, edges[i + 1]}:
                if max_points < 4:
                    continue
                drawn = series.load_drawn(cache, str(path), None, max_points)["loss"]
                assert drawn.count == edges[i + 1]
                got = [(p.step, repr(p.value)) for p in drawn.points]
                assert got == _expected(whole, max_points), (case, i, max_points)
                assert len(got) <= max(max_points, 4)


def test_a_bucket_as_wide_as_many_blocks_reads_its_blocks(tmp_path: Path) -> None:
    # Long buckets (tens of blocks each) with an extreme inside a block, at a bucket's edge,
    # tied across blocks, and NaN or infinities that must not count.
    rng = random.Random(5)
    n = 200_000
    values = [rng.random() for _ in range(n)]
    for at, v in [(77_777, 9.0), (77_900, 9.0), (150_000, -4.0), (1, math.nan),
                  (64 * 900, math.inf), (64 * 901 - 1, -math.inf), (99_999, 7.5)]:
        values[at] = v
    path = tmp_path / "journal.jsonl"
    _journal_of(path, [values[i:i + 30_000] for i in range(0, n, 30_000)])
    cache = str(tmp_path / "cache")
    whole = series.load(cache, str(path))["loss"]
    for max_points in (4, 100, 2000, 6250, 40_000):
        drawn = series.load_drawn(cache, str(path), ["loss"], max_points)["loss"]
        assert [(p.step, repr(p.value)) for p in drawn.points] == _expected(whole, max_points)
    drawn = series.load_drawn(cache, str(path), ["loss"], 2000)["loss"]
    assert {77_777, 150_000, 99_999} <= {p.step for p in drawn.points}


def test_an_old_cache_gets_its_blocks_and_a_damaged_one_is_built_again(tmp_path: Path) -> None:
    rng = random.Random(3)
    values = _random_values(rng, 3000)
    path = tmp_path / "journal.jsonl"
    _journal_of(path, [values[:1234], values[1234:]])
    cache = tmp_path / "cache"
    whole = series.load(str(cache), str(path))["loss"]
    want = _expected(whole, 20)

    def drawn() -> list[tuple[int, str]]:
        found = series.load_drawn(str(cache), str(path), None, 20)["loss"]
        return [(p.step, repr(p.value)) for p in found.points]

    assert drawn() == want
    meta = json.loads((cache / "series.json").read_text())
    assert meta["version"] == series.VERSION
    assert meta["keys"]["loss"]["blocks"] == 3000 // series.BLOCK
    # A cache of the first version: the columns and no blocks. Its blocks are built from its
    # values (the journal is not read again).
    old = {k: v for k, v in meta.items() if k not in ("version", "block")}
    old["keys"] = {"loss": {"stem": "m0", "count": 3000}}
    (cache / "series.json").write_text(json.dumps(old))
    for column in series.EXTREMES:
        (cache / f"m0.{column}").unlink()
    assert drawn() == want
    assert json.loads((cache / "series.json").read_text())["version"] == series.VERSION
    # Blocks past the meta's count (an update cut short) are dropped before new ones go on.
    meta = json.loads((cache / "series.json").read_text())
    meta["keys"]["loss"]["blocks"] -= 2
    (cache / "series.json").write_text(json.dumps(meta))
    for column, junk in zip(series.EXTREMES, (-1e9, 1e9)):
        with open(cache / f"m0.{column}", "r+b") as f:
            f.truncate(meta["keys"]["loss"]["blocks"] * 8)
            f.seek(0, 2)
            f.write(array("d", [junk] * 5).tobytes())
    assert drawn() == want
    # Of an unknown version: built again from the journal, never read as it is.
    meta = json.loads((cache / "series.json").read_text())
    (cache / "m0.value").write_bytes(array("d", [5.0] * 3000).tobytes())
    (cache / "series.json").write_text(json.dumps({**meta, "version": 99}))
    assert drawn() == want
    # A values file cut short: built again too.
    with open(cache / "m0.value", "r+b") as f:
        f.truncate(800)
    meta = json.loads((cache / "series.json").read_text())
    meta["keys"]["loss"]["blocks"] = 0
    (cache / "series.json").write_text(json.dumps(meta))
    assert drawn() == want
    for p in [cache, *cache.iterdir()]:
        assert stat.S_IMODE(p.stat().st_mode) == (0o700 if p.is_dir() else 0o600), p


def test_a_store_that_cannot_be_written_downsamples_in_memory(tmp_path: Path) -> None:
    values = [math.sin(i / 50) for i in range(5000)]
    path = tmp_path / "journal.jsonl"
    _journal_of(path, [values])
    want = _expected(series._in_memory(str(path), None)["loss"], 60)
    blocked = tmp_path / "file"
    blocked.write_text("")  # a file where the cache's folder should go: nothing can be made
    found = series.load_drawn(str(blocked / "cache"), str(path), None, 60)["loss"]
    assert found.count == 5000
    assert [(p.step, repr(p.value)) for p in found.points] == want


def test_an_old_cache_that_cannot_be_written_is_read_as_it_is(tmp_path: Path) -> None:
    # A store made read-only since an earlier runlab wrote its cache (no blocks): its
    # columns, up to date, are read and downsampled in memory, not the journal again.
    values = [math.cos(i / 30) for i in range(4000)]
    path = tmp_path / "journal.jsonl"
    _journal_of(path, [values])
    cache = tmp_path / "cache"
    want = _expected(series.load(str(cache), str(path))["loss"], 50)
    meta = json.loads((cache / "series.json").read_text())
    old = {k: v for k, v in meta.items() if k not in ("version", "block")}
    old["keys"] = {"loss": {"stem": "m0", "count": 4000}}
    (cache / "series.json").write_text(json.dumps(old))
    for column in series.EXTREMES:
        (cache / f"m0.{column}").unlink()
    (cache / "lock").unlink()
    (cache / "lock").mkdir()  # the lock cannot be taken: nothing can be written
    path.write_bytes(b" " * path.stat().st_size)  # the same size, and no points left in it
    found = series.load_drawn(str(cache), str(path), None, 50)["loss"]
    assert [(p.step, repr(p.value)) for p in found.points] == want and found.count == 4000
    assert len(series.load(str(cache), str(path))["loss"]) == 4000
    assert json.loads((cache / "series.json").read_text()) == old  # left as it was
