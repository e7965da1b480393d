"""`runlab ls` in full: filters, sorting, columns, formats, and a table that fits."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from runlab.store import Store
from tests.conftest import Result, run_in_pty


def make_runs(store: Store) -> None:
    specs = [
        ("a", "exp1", {"lr": 0.1, "opt": "adam"}, {"acc": 0.5}, {"best": ""}),
        ("b", "exp1", {"lr": 0.01, "opt": "sgd"}, {"acc": 0.9}, {}),
        ("c", "exp2", {"lr": 0.001}, {}, {}),
        ("d", "exp2", {"lr": "0.5"}, {"acc": 0.7}, {"stage": "ft"}),
    ]
    for name, exp, params, metrics, tags in specs:
        run_id, _ = store.create_run({"name": name, "experiment": exp, "command": ["train"],
                                      "cwd": "/", "params": params, "tags": tags})
        events = [{"e": "metrics", "p": [[k, v, 0, time.time()]]} for k, v in metrics.items()]
        store.append(run_id, [*events, {"e": "end", "t": time.time(), "status": "finished",
                                        "exit_code": 0}])
    store.close()


@pytest.fixture
def runs(store: Store) -> Store:
    make_runs(store)
    return store


def numbers(r: Result) -> list[int]:
    assert r.code == 0, r.stderr
    return [x["number"] for x in json.loads(r.stdout)]


def test_where_typed_and_sorted(main: Callable[..., Result], runs: Store) -> None:
    # lr "0.5" is text: a numeric comparison must not match it, string order would have.
    assert numbers(main("ls", "--json", "--where", "params.lr < 0.05", "--sort", "params.lr")) == [3, 2]
    assert numbers(main("ls", "--json", "--where", "tags.best or tags.stage = ft")) == [4, 1]


def test_sort_puts_missing_values_last_both_ways(main: Callable[..., Result], runs: Store) -> None:
    assert numbers(main("ls", "--json", "--sort", "-metrics.acc")) == [2, 4, 1, 3]
    assert numbers(main("ls", "--json", "--sort", "metrics.acc")) == [1, 4, 2, 3]


def test_experiment_limit_and_all(main: Callable[..., Result], runs: Store) -> None:
    assert numbers(main("ls", "--json", "--experiment", "exp2")) == [4, 3]
    assert numbers(main("ls", "--json", "--limit", "1")) == [4]
    assert numbers(main("ls", "--json", "--all")) == [4, 3, 2, 1]


def test_csv_parses_back(main: Callable[..., Result], runs: Store) -> None:
    r = main("ls", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["number"] for row in rows] == ["4", "3", "2", "1"]
    assert rows[1]["metrics.acc"] == ""  # missing is an empty cell
    assert rows[2]["params.lr"] == "0.01" and rows[2]["params.opt"] == "sgd"
    assert rows[3]["tags.best"] == "" and rows[3]["tags"] == "best"  # a label shows in tags
    assert rows[0]["tags"] == "stage=ft" and rows[2]["tags"] == ""
    assert "T" in rows[0]["started"] and rows[0]["started"][-6] in "+-"


def test_jsonl_and_columns(main: Callable[..., Result], runs: Store) -> None:
    lines = main("ls", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(x)["name"] for x in lines] == ["d", "c", "b", "a"]
    r = main("ls", "--columns", "number,params.lr,metrics.acc")
    assert r.stdout.splitlines()[0].split() == ["#", "lr", "acc"]
    assert r.stdout.splitlines()[3].split() == ["2", "0.01", "0.9"]
    bad = main("ls", "--columns", "number,bogus")
    assert bad.code == 2 and "unknown field 'bogus'" in bad.stderr


def test_malformed_where_points_at_the_column(main: Callable[..., Result], runs: Store) -> None:
    r = main("ls", "--where", "params.lr >> 1")
    assert r.code == 2
    lines = r.stderr.splitlines()
    assert lines[0].startswith("runlab: error: ")
    assert lines[2].index("^") == lines[1].index(">>") + 1 or lines[2].index("^") == lines[1].index(">>")


def test_injection_runs_no_sql(main: Callable[..., Result], runs: Store) -> None:
    r = main("ls", "--json", "--where", "name = \"x' OR 1=1; DROP TABLE runs; --\"")
    assert numbers(r) == []
    assert numbers(main("ls", "--json")) == [4, 3, 2, 1]


def test_default_table_shows_only_varying_params(main: Callable[..., Result], runs: Store) -> None:
    head = main("ls", "--where", "experiment = exp1").stdout.splitlines()[0].split()
    assert "lr" in head and "opt" in head
    head = main("ls", "--where", "name = c").stdout.splitlines()[0].split()
    assert head[:3] == ["#", "name", "status"]


def test_table_fits_the_terminal(tmp_path: Path, runs: Store) -> None:
    long_id, _ = runs.create_run({"command": ["python", "x" * 200], "cwd": "/",
                                  "params": {f"p{i}": i for i in range(30)}})
    runs.close()
    code, out = run_in_pty(["ls"], tmp_path, cols=60)
    assert code == 0
    lines = [x for x in out.decode().replace("\r", "").split("\n") if x.strip()]
    table = [x for x in lines if not x.startswith(("(", "same on every run:"))]
    assert all(len(x) <= 60 for x in table), table
    assert [x.split()[0] for x in table[1:]] == ["5", "4", "3", "2", "1"]
    assert "more columns do not fit" in out.decode()
