"""The metric rules against real library output: tests/corpus/, made by make_corpus.py.

Each captured log (through a pipe and through a terminal) goes through the line pipeline in
small chunks and the parser, as a tracked run's output does, and must give exactly the truth
the library recorded itself: every point, at its step, equal to the value as printed, and
nothing else. The noise corpus must give nothing. None of the libraries is needed here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest

from runlab.parsing import LineSplitter, MetricParser, Point

CORPUS = Path(__file__).resolve().parent / "corpus"


def tqdm_num(value: float) -> str:
    """tqdm's format_num: .3g, or the plain repr when that is shorter."""
    short = f"{value:.3g}".replace("e+0", "e+").replace("e-0", "e-")
    return short if len(short) < len(str(value)) else str(value)


def keras_num(value: float) -> str:
    return f"{value:.4f}" if abs(value) > 1e-3 else f"{value:.4e}"


# How each library prints a value, by key where it differs, "" for the rest.
PRINTED: dict[str, dict[str, Callable[[float], str]]] = {
    "sklearn_mlp": {"loss": "{:.8f}".format, "validation_score": "{:.6f}".format},
    "sklearn_gb": {"": "{:.4f}".format},
    "xgboost": {"": "{:.5f}".format},
    "lightgbm": {"": "{:g}".format},
    "keras_v1": {"": keras_num},
    "keras_v2": {"": keras_num},
    "hf_trainer": {"": "{:.4g}".format},
    "lightning": {"": tqdm_num},
    "tqdm": {"": tqdm_num},
}

# Keys a case may give beyond its truth, each with the reason it is legitimate. Empty: every
# library's printed metrics are all in its own history.
EXTRA_KEYS: dict[str, set[str]] = {case: set() for case in PRINTED}

LOGS = sorted(CORPUS.glob("*.log"))


def parse_bytes(data: bytes, chunk: int = 97) -> list[Point]:
    """A run's output as the tracker sees it: cut into chunks, split, parsed, then flushed."""
    splitter, parser = LineSplitter(), MetricParser()
    points: list[Point] = []
    for start in range(0, len(data), chunk):
        points += parser.parse_lines(splitter.feed(data[start : start + chunk]))
    points += parser.parse_lines(splitter.flush())
    return points + parser.flush()


def truth_for(case: str, mode: str) -> list[dict[str, object]]:
    points = json.loads((CORPUS / f"{case}.truth.json").read_text())
    return [p for p in points if p.get("mode", mode) == mode]


def test_the_corpus_is_complete() -> None:
    for case in PRINTED:
        for name in (f"{case}.pipe.log", f"{case}.pty.log", f"{case}.truth.json"):
            assert (CORPUS / name).is_file(), f"{name} is missing: run tests/corpus/make_corpus.py"
    assert {path.name.split(".")[0] for path in LOGS} == set(PRINTED)
    assert sum(path.stat().st_size for path in CORPUS.iterdir()) < 400_000


@pytest.mark.parametrize("log", LOGS, ids=[path.name for path in LOGS])
def test_library_output_gives_exactly_the_truth(log: Path) -> None:
    case, mode, _ = log.name.split(".")
    formats = PRINTED[case]
    expected: dict[tuple[str, int], float] = {}
    for p in truth_for(case, mode):
        key, step, value = str(p["key"]), int(p["step"]), float(p["value"])  # type: ignore[arg-type]
        printed = formats.get(key, formats.get(""))
        assert printed is not None, f"no printed format for {key}"
        expected[(key, step)] = float(printed(value))
    points = parse_bytes(log.read_bytes())
    got: dict[tuple[str, int], float] = {}
    for point in points:
        where = (point.key, point.step)
        assert where not in got, f"{where} recorded twice: {got[where]} and {point.value}"
        got[where] = point.value
    extra = {where for where in got if where not in expected and where[0] not in EXTRA_KEYS[case]}
    missing = sorted(set(expected) - set(got))
    assert not missing, f"not found: {missing}"
    assert not extra, f"not in the truth: {sorted(extra)}"
    wrong = {where: (got[where], value) for where, value in expected.items()
             if not math.isclose(got[where], value, rel_tol=1e-12, abs_tol=0)}
    assert not wrong, f"(got, printed truth): {wrong}"


@pytest.mark.parametrize("chunk", [1, 7, 4096, 1 << 20])
def test_chunk_size_changes_nothing(chunk: int) -> None:
    data = (CORPUS / "keras_v1.pty.log").read_bytes() + (CORPUS / "lightning.pty.log").read_bytes()
    expected = [(p.key, p.value, p.step, p.rule) for p in parse_bytes(data, 1 << 20)]
    assert [(p.key, p.value, p.step, p.rule) for p in parse_bytes(data, chunk)] == expected


def test_noise_corpus_yields_nothing() -> None:
    data = (CORPUS / "noise.txt").read_bytes()
    points = parse_bytes(data)
    assert points == [], "\n".join(f"{p.key}={p.value} ({p.rule})" for p in points)
    lines = [line for line in data.decode().splitlines() if line.strip()]
    assert len(lines) >= 80
    for before, line in zip(["", *lines], lines):  # line by line too, each on its own
        if before.endswith("iteration is:"):
            continue  # LightGBM's repeat of its best iteration is noise only after the notice
        parser = MetricParser()
        assert parser.parse_line(line) + parser.flush() == [], line
