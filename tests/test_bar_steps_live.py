"""The tqdm hook's steps in real runs, through a pipe and a real pseudo-terminal: a value its
description shows repeated after rounding, an outer bar's values set after its inner loop, a
line printed after a bar's run. Each program records what it passed to the display, and its
step (the batches done, counted across epochs), and the run must hold exactly that.

The programs need tqdm, from the frameworks' environment (`python`, as test_frameworks.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import Result
from tests.test_frameworks import run_both

# A loop of 2 epochs of 6 batches, `set_description(f"loss {l:.3f}")` each batch: the loop is
# fast, so tqdm's counter stays at 0 while the values change, and a value rounded to the one
# before redraws the same line.
DESCRIBED = """\
import sys, time
from tqdm import tqdm
import _truth

_truth.ready()
metrics = {}
losses = [0.5, 0.5, 0.5, 0.4, 0.4, 0.3, 0.3, 0.25, 0.25, 0.25, 0.2, 0.2]
step = 0
for epoch in range(2):
    bar = tqdm(range(6))
    for _ in bar:
        loss = losses[step]
        step += 1
        bar.set_description(f"loss {loss:.3f}")
        _truth.add(metrics, "loss", step, loss)
_truth.write(metrics)
"""

# `outer = trange(2)`, an inner bar (`leave=False`) with `set_postfix(loss=...)`, then
# `outer.set_postfix(val_loss=...)` once an epoch.
NESTED = """\
import time
from tqdm import tqdm, trange
import _truth

_truth.ready()
metrics = {}
step = 0
outer = trange(2, desc="epochs")
for epoch in outer:
    inner = tqdm(range(5), desc="batches", leave=False)
    for _ in inner:
        step += 1
        inner.set_postfix(loss=1.0 / step)
        _truth.add(metrics, "loss", step, 1.0 / step)
        time.sleep(0.01)
    outer.set_postfix(val_loss=0.5 / (epoch + 1))
    _truth.add(metrics, "val_loss", step, 0.5 / (epoch + 1))
_truth.write(metrics)
"""

# `tqdm(range(5), desc=f"Epoch {e}")` with `set_postfix(loss=...)`, then `tqdm.write` of the
# validation after each epoch's bar, to the bar's stream: through a pipe, a line on stdout and
# the bar's frames on stderr are read in the order they come, which the time each is read
# decides (a terminal is one stream).
WRITTEN = """\
import sys, time
from tqdm import tqdm
import _truth

_truth.ready()
metrics = {}
step = 0
for epoch in range(3):
    bar = tqdm(range(5), desc=f"Epoch {epoch}")
    for _ in bar:
        step += 1
        bar.set_postfix(loss=1.0 / step)
        _truth.add(metrics, "loss", step, 1.0 / step)
        time.sleep(0.01)
    tqdm.write(f"val_loss={0.9 / (epoch + 1):.4f}", file=sys.stderr)
    _truth.add(metrics, "val_loss", step, round(0.9 / (epoch + 1), 4))
_truth.write(metrics)
"""


def recorded_and_truth(cli: Callable[..., Result], tmp_path: Path, python: str, program: str
                       ) -> list[tuple[dict[str, list[list[float]]], dict[str, Any]]]:
    """Run `program` under runlab through a pipe, then a terminal: (recorded, truth) each."""
    return [({key: [[p["step"], p["value"]] for p in points]
              for key, points in run["series"].items() if not key.startswith("sys/")}, truth)
            for run, truth, _ in run_both(cli, tmp_path, python, "train.py", source=program)]


def test_a_description_s_value_repeated_after_rounding_is_a_point_of_its_step(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for recorded, truth in recorded_and_truth(cli, tmp_path, python, DESCRIBED):
        assert [s for s, _ in truth["metrics"]["loss"]] == list(range(1, 13))
        assert recorded == truth["metrics"]


def test_an_outer_bar_s_values_set_after_its_inner_loop_are_at_the_batches_done(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for recorded, truth in recorded_and_truth(cli, tmp_path, python, NESTED):
        assert [s for s, _ in truth["metrics"]["val_loss"]] == [5, 10]
        assert recorded == truth["metrics"]


def test_a_line_after_a_bar_described_by_its_epoch_is_at_the_batches_done(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for recorded, truth in recorded_and_truth(cli, tmp_path, python, WRITTEN):
        assert [s for s, _ in truth["metrics"]["val_loss"]] == [5, 10, 15]
        assert recorded == truth["metrics"]
