"""Querying runs from Python: runlab.runs(), metric_history(), runs_frame()."""

from __future__ import annotations

import json
import math
import subprocess
from datetime import datetime
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import runlab
from runlab.errors import MissingExtra, QueryError
from tests.conftest import Result, child_env


@pytest.fixture
def sweep() -> None:
    for lr in (0.1, 0.01, 0.001):
        with runlab.start_run(name=f"lr{lr}", params={"lr": lr, "opt": "sgd"},
                              tags={"sweep": "a"}) as r:
            for step in range(5):
                r.log_metric("acc", lr * step, step=step)


def test_runs_are_the_records_of_ls_json(sweep: None, cli: Callable[..., Result]) -> None:
    records = runlab.runs(where="params.lr < 0.05", sort="-params.lr")
    r = cli("ls", "--json", "--where", "params.lr < 0.05", "--sort", "-params.lr")
    assert records == json.loads(r.stdout)
    assert [x["name"] for x in records] == ["lr0.01", "lr0.001"]
    assert [x["number"] for x in runlab.runs(limit=2)] == [3, 2]
    assert [x["number"] for x in runlab.runs(sort=["params.opt", "params.lr"])] == [3, 2, 1]
    assert runlab.runs(where="tags.sweep = b") == []


def test_a_bad_query_raises_the_cli_error(sweep: None, cli: Callable[..., Result]) -> None:
    with pytest.raises(QueryError) as caught:
        runlab.runs(where="params.lr >> 1")
    assert str(caught.value).splitlines()[0] in cli("ls", "--where", "params.lr >> 1").stderr
    assert caught.value.column == 11


def test_metric_history_by_reference_or_record(sweep: None) -> None:
    points = runlab.metric_history("lr0.1", "acc")
    assert [p["step"] for p in points] == [0, 1, 2, 3, 4]
    assert points[2]["value"] == pytest.approx(0.2)
    assert datetime.fromisoformat(points[0]["time"]).tzinfo is not None
    record = runlab.runs(where="name = lr0.1")[0]
    assert runlab.metric_history(record, "acc") == points
    assert runlab.metric_history(1, "acc") == points
    with pytest.raises(runlab.errors.UsageError, match="has no metric 'loss'"):
        runlab.metric_history(1, "loss")


def test_nan_and_infinities_are_floats_in_python_and_strings_in_json(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "wild.py").write_text(
        "for v in ('2.5', 'nan', '1.5', 'inf', '-inf'): print(f'loss={v} acc={v}')\n")
    assert cli(sys.executable, "wild.py").code == 0
    values = [p["value"] for p in runlab.metric_history("last", "loss")]
    assert values[0] == 2.5 and math.isnan(values[1]) and values[3:] == [math.inf, -math.inf]
    assert min(values) == -math.inf and sorted(values[2:]) == [-math.inf, 1.5, math.inf]
    record = runlab.runs()[0]
    assert record["metrics"]["loss"]["last"] == -math.inf
    assert all(isinstance(m["last"], float) for m in record["metrics"].values())
    # The CLI's JSON is strict JSON still: the contract's strings.
    shown = json.loads(cli("ls", "--json").stdout, parse_constant=lambda c: pytest.fail(c))
    assert shown[0]["metrics"]["loss"]["last"] == "-Infinity"
    points = json.loads(cli("metrics", "last", "loss", "--json").stdout)["loss"]
    assert [p["value"] for p in points][1:] == ["NaN", 1.5, "Infinity", "-Infinity"]


def test_runs_frame_has_mlflow_like_columns(sweep: None) -> None:
    pytest.importorskip("pandas")  # the test extra installs it; this checks the frame
    frame = runlab.runs_frame(sort="params.lr")
    assert list(frame["params.lr"]) == [0.001, 0.01, 0.1]
    assert list(frame["metrics.acc"]) == pytest.approx([0.004, 0.04, 0.4])
    assert set(frame["tags.sweep"]) == {"a"}
    assert {"run_id", "status", "start_time", "end_time"} <= set(frame.columns)
    assert str(frame["start_time"].dtype).startswith("datetime64")


def test_runs_frame_without_pandas_names_the_extra(sweep: None) -> None:
    code = ("import sys; sys.modules['pandas'] = None\nimport runlab\n"
            "try:\n    runlab.runs_frame()\n"
            "except ImportError as e:\n    print(type(e).__name__, e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=child_env(), check=True).stdout
    assert out == "MissingExtra runs_frame needs pandas: pip install 'runlab[pandas]'\n"
    assert issubclass(MissingExtra, ImportError)


def test_a_store_that_does_not_exist_reads_as_empty_and_is_not_made(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / ".runlab"
    assert runlab.runs(store=str(missing)) == []
    assert not (tmp_path / "nowhere").exists()


def test_runs_frame_and_csv_name_odd_keys_alike(main: Callable[..., Result]) -> None:
    # Bare as in MLflow's frames (df["metrics.acc@1"]); a metric named loss.min is quoted in
    # both, as metrics.loss.min is loss's minimum; each CSV header reads back in --columns.
    import csv
    import io

    with runlab.start_run(params={"model.lr": 0.1}) as r:
        r.log_metrics({"acc@1": 0.6, "loss": 0.4, "loss.min": 7.0}, step=1)
    frame = runlab.runs_frame()
    odd = [c for c in frame.columns if c.startswith(("params.", "metrics."))]
    assert odd == ["params.model.lr", "metrics.acc@1", "metrics.loss", "metrics.`loss.min`"]
    header = next(csv.reader(io.StringIO(main("ls", "--format", "csv").stdout)))
    assert [c for c in header if c.startswith(("params.", "metrics."))] == odd
    assert frame["metrics.`loss.min`"][0] == 7.0 and frame["metrics.acc@1"][0] == 0.6
    back = main("ls", "--format", "csv", "--columns", ",".join(odd)).stdout.splitlines()
    assert back[1] == "0.1,0.6,0.4,7.0"
