"""The query language, compiled and executed against a small real store."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from runlab.errors import QueryError
from runlab.store import Store
from runlab.store.fields import PLAIN as FIELDS
from runlab.store.query import compile_sort, compile_where
from runlab.store.selection import RunQuery

# Local noon, so that `today` and `yesterday` are the same days in every time zone.
NOW = datetime(2024, 6, 15, 12, 0).timestamp()
HOUR = 3600.0
DAY = 86400.0
MAY_1_NOON = datetime(2024, 5, 1, 12, 0).timestamp()
APRIL_30_LATE = datetime(2024, 4, 30, 23, 30).timestamp()

# number: (start event, metric points {key: [values]}, end event or None for a running run)
RUNS: dict[int, tuple[dict[str, Any], dict[str, list[float]], dict[str, Any] | None]] = {
    1: (
        {"name": "base", "t": NOW - HOUR, "note": "good one", "author": "alice", "host": "gpu1",
         "command": ["python", "train.py", "--lr", "0.1"],
         "git": {"commit": "abc123" + "0" * 34, "branch": "main", "dirty": False},
         "params": {"lr": 0.1, "epochs": 10, "model": "resnet", "flag": True},
         "tags": {"best": "", "baseline": "resnet"}},
        {"acc": [0.5, 0.8, 0.91], "loss": [1.0, 0.4, 0.3]},
        {"t": NOW - 3000, "status": "finished", "exit_code": 0},
    ),
    2: (
        {"name": "vit", "t": NOW - 3 * HOUR, "author": "bob", "host": "gpu2",
         "command": ["python", "train.py", "--lr", "0.01", "--model", "vit"],
         "git": {"commit": "abd999" + "1" * 34, "branch": "main", "dirty": True},
         "params": {"lr": 0.01, "epochs": 10.0, "model": "vit", "flag": False},
         "tags": {"epoch": "12"}},
        {"acc": [0.9, 0.97, 0.95], "loss": [0.5, 0.2]},
        {"t": NOW - 3 * HOUR + 30, "status": "finished", "exit_code": 0},
    ),
    3: (
        {"name": "small", "t": NOW - 26 * HOUR, "author": "alice", "host": "gpu1",
         "command": ["python", "train.py", "--lr", "0.001"],
         "git": {"commit": "f00" + "2" * 37, "branch": "feature/x", "dirty": False},
         "params": {"lr": 0.001, "epochs": 9, "model": "resnet-50"},
         "tags": {"epoch": "9"}},
        {"acc": [0.7]},
        {"t": NOW - 26 * HOUR + 90, "status": "failed", "exit_code": 1},
    ),
    4: (
        {"name": "textlr", "t": MAY_1_NOON, "author": "carol",
         "command": ["python", "other.py"],
         "params": {"lr": "0.1", "epochs": 8}, "tags": {"note": "x"}},
        {},
        {"t": MAY_1_NOON + 5, "status": "killed", "exit_code": None, "signal": 2},
    ),
    5: (
        {"name": "nulllr", "t": NOW - 2 * HOUR, "command": ["python", "train.py"],
         "params": {"lr": None, "epochs": 100}},
        {"val.acc": [0.6]},
        None,
    ),
    6: (
        {"name": "nolr", "t": APRIL_30_LATE, "command": ["python", "train.py", "model.lr=0.5"],
         "params": {"epochs": 20, "model.lr": 0.5, "layers": [64, 128]}},
        {"loss": [0.5, math.nan]},
        {"t": APRIL_30_LATE + HOUR, "status": "lost", "exit_code": None},
    ),
    7: (
        {"name": "quick", "t": NOW - 600, "command": ["python", "train.py", "--lr", "abc"],
         "params": {"lr": "abc", "epochs": 3, "x": "1' OR 1=1 --", "we'ird;key": 1}},
        {"acc": [0.3]},
        {"t": NOW - 300, "status": "finished", "exit_code": 0},
    ),
    8: (
        {"t": NOW - 8 * DAY, "command": ["python", "train.py", "--lr", "1e-4"],
         "params": {"lr": 1e-4, "epochs": 10}},
        {"acc": [0.85]},
        {"t": NOW - 8 * DAY + 120, "status": "finished", "exit_code": 0},
    ),
}
ALL = set(RUNS)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(str(tmp_path_factory.mktemp("query") / ".runlab"))
    for number, (start, metrics, end) in RUNS.items():
        event = {"cwd": "/tmp/proj", "id": f"{number:02x}" * 16, **start}
        run_id, got = s.create_run(dict(event))
        assert got == number
        points = [[key, v, step, start["t"] + step] for key, values in metrics.items()
                  for step, v in enumerate(values)]
        events: list[dict[str, Any]] = [{"e": "metrics", "p": points}] if points else []
        if end is not None:
            events.append({"e": "end", **end})
        if events:
            s.append(run_id, events)
    yield s
    s.close()


def where(store: Store, expr: str) -> set[int]:
    return {run.number for run in store.list_runs(RunQuery(expr, now=NOW))}


def order(store: Store, fields: list[str]) -> list[int]:
    return [run.number for run in store.list_runs(RunQuery(sort=fields))]


def utc(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%MZ")


def plus2(t: float) -> str:
    return datetime.fromtimestamp(t, timezone(timedelta(hours=2))).isoformat(timespec="minutes")


CASES: list[tuple[str, set[int]]] = [
    # numbers compare as numbers, and only with numbers
    ("params.lr > 0.01", {1}),  # as text "0.1" < "0.01" would fail, and "abc" would match
    ("params.lr < 0.01", {3, 8}),
    ("params.lr <= 0.01", {2, 3, 8}),
    ("params.lr >= 0.1", {1}),
    ("params.lr = 0.1", {1}),
    ("params.lr=1e-4", {8}),
    ("params.epochs >= 9", {1, 2, 3, 5, 6, 8}),  # as text "10" < "9"
    ("params.epochs = 10", {1, 2, 8}),  # int 10 and float 10.0
    ("params.epochs == 1e1", {1, 2, 8}),
    ("params.epochs > -5", ALL),
    # text compares as text
    ("params.lr = '0.1'", {4}),
    ('params.lr = "0.1"', {4}),
    ("params.lr = abc", {7}),
    ("params.model = RESNET", set()),
    ("params.model ~ resnet*", {1, 3}),
    ('params.model ~ "Res*"', set()),
    ('params.model !~ "resnet*"', {2}),
    ("params.layers ~ '*64*'", {6}),
    ("params.model > s", {2}),
    # bools and nulls
    ("params.flag = true", {1}),
    ("params.flag = FALSE", {2}),
    ("params.flag != true", {2}),
    ("params.lr = null", {5}),
    ("params.lr != null", {1, 2, 3, 4, 7, 8}),
    # missing keys: a comparison is false, its negation true
    ("params.lr != 0.1", {2, 3, 4, 5, 7, 8}),
    ("not params.lr = 0.1", ALL - {1}),
    ("params.nope = 1 or params.nope != 1", set()),
    ("params.flag", {1, 2}),
    ("exists params.lr", ALL - {6}),
    ("exists(params.lr)", ALL - {6}),
    ("not exists params.lr", {6}),
    ("!params.lr", {6}),
    # quoted keys
    ("params.`model.lr` > 0.4", {6}),
    ('params."model.lr" = 0.5', {6}),
    ("params.model.lr = 0.5", {6}),
    # in
    ("params.epochs in (9, 20)", {3, 6}),
    ("params.epochs not in (10, 100)", {3, 4, 6, 7}),
    ("params.lr in (0.1, '0.1', abc)", {1, 4, 7}),
    ("params.lr IN (null, 0.01)", {2, 5}),
    # logic and precedence
    ("params.lr > 0.01 or params.epochs = 9", {1, 3}),
    ("params.lr < 0.01 and params.epochs = 10", {8}),
    ("params.epochs = 9 or params.epochs = 10 and status = running", {3}),
    ("(params.epochs = 9 or params.epochs = 10) and status = running", set()),
    ("status = failed or status = killed and params.epochs = 8", {3, 4}),
    ("not status = finished and params.epochs >= 20", {5, 6}),
    ("NOT (status = finished AND params.epochs >= 20)", ALL),
    ("tags.best && status = finished || status = lost", {1, 6}),
    ("params.lr and metrics.acc > 0.9", {1, 2}),
    ("((metrics.acc > 0.9))", {1, 2}),
    ("not not tags.best", {1}),
    # metrics: the last value by default, statistics by suffix, NaN stored as NULL
    ("metrics.acc > 0.9", {1, 2}),
    ("metrics.acc.last > 0.9", {1, 2}),
    ("metrics.acc.max >= 0.97", {2}),
    ("metrics.acc.min < 0.6", {1, 7}),
    ("metrics.acc.count = 3", {1, 2}),
    ("metrics.acc.last_step = 2", {1, 2}),
    ("metrics.acc != 0.91", {2, 3, 7, 8}),
    ("metrics.val.acc > 0.5", {5}),
    ("metrics.val.acc.max = 0.6", {5}),
    ("metrics.`val.acc` >= 0.6", {5}),
    ("metrics.`val.acc`.min >= 0.6", {5}),
    ("metrics.loss = nan", {6}),
    ("metrics.loss < 0.5", {1, 2}),
    ("metrics.loss.min = 0.5", {6}),
    ("metrics.acc", {1, 2, 3, 7, 8}),
    ("not metrics.acc", {4, 5, 6}),
    ("metrics.acc > 0.9 or params.lr < 0.01", {1, 2, 3, 8}),
    # tags: text, numeric against a number
    ("tags.best", {1}),
    ("tags.baseline = resnet", {1}),
    ("tags.baseline ~ 'res*'", {1}),
    ("tags.baseline != vit", {1}),
    ("tags.epoch > 10", {2}),  # as text "9" > "10"
    ("tags.epoch >= 9", {2, 3}),
    ("tags.epoch = '12'", {2}),
    # plain fields
    ("status = failed", {3}),
    ("status = FAILED", {3}),
    ("status != finished", {3, 4, 5, 6}),
    ("status in (failed, killed)", {3, 4}),
    ("status not in (finished, running)", {3, 4, 6}),
    ("status ~ 'f*'", {1, 2, 3, 7, 8}),
    ("name = base", {1}),
    ("name = null", {8}),
    ("name != null", ALL - {8}),
    ("not name = base", ALL - {1}),
    ("name ~ '*l*'", {3, 4, 5, 6}),
    ("name in (vit, null)", {2, 8}),
    ("name not in (vit, null)", ALL - {2, 8}),
    ("exit_code = 1", {3}),
    ("exit_code = 0", {1, 2, 7, 8}),
    ("exit_code = null", {4, 5, 6}),
    ("exit_code != 0", {3}),
    ("git.branch = main", {1, 2}),
    ("git.branch = feature/x", {3}),
    ("git.commit = abc1", {1}),
    ("git.commit = AB", {1, 2}),
    ("git.dirty = true", {2}),
    ("git.dirty = false", {1, 3}),
    ("exists git.dirty", {1, 2, 3}),
    ("author = alice", {1, 3}),
    ("author in (bob, carol)", {2, 4}),
    ("host = gpu1", {1, 3}),
    ("command = 'python train.py --lr 0.1'", {1}),
    ("command ~ '*--lr 0.0*'", {2, 3}),
    ("command ~ *other.py", {4}),
    ("number in (2, 4)", {2, 4}),
    ("number > 6", {7, 8}),
    ("id = 0101", {1}),
    ("id = " + "03" * 16, {3}),
    ("note ~ 'good*'", {1}),
    ("experiment = Default", ALL),
    ("cwd = /tmp/proj", ALL),
    # times: relative to now, days, ISO instants with and without offsets
    ("started > -2h", {1, 7}),
    ("started >= -2h", {1, 5, 7}),
    ("started > -90m", {1, 7}),
    ("started > -1h30m", {1, 7}),
    ("started > -1d", {1, 2, 5, 7}),
    ("started > -1w", {1, 2, 3, 5, 7}),
    ("started < -7d", {4, 6, 8}),
    ("started > -45s", set()),
    ("started = today", {1, 2, 5, 7}),
    ("started = yesterday", {3}),
    ("started >= yesterday", {1, 2, 3, 5, 7}),
    ("started < today", {3, 4, 6, 8}),
    ("started != today", {3, 4, 6, 8}),
    ("started = 2024-05-01", {4}),
    ("started in (2024-05-01, 2024-04-30)", {4, 6}),
    ("started >= 2024-05-01", ALL - {6}),
    ("started < 2024-05-01", {6}),
    ("started < 2024-04-30T23:45", {6}),
    ("started < '2024-04-30 23:15'", set()),
    ("started > 2024-06-15T11:49:59.5", {7}),
    (f"started > {utc(MAY_1_NOON - 60)} and started < {utc(MAY_1_NOON + 60)}", {4}),
    (f"started > {plus2(MAY_1_NOON - 60)} and started < {plus2(MAY_1_NOON + 60)}", {4}),
    (f"started = {NOW - 600}", {7}),
    ("ended = null", {5}),
    ("exists ended", ALL - {5}),
    ("ended > -1h", {1, 7}),
    ("duration > 5m", {1, 5, 6}),  # a running run's duration runs until now
    ("duration < 60", {2, 4}),
    ("duration >= 2h", {5}),
    ("duration = 90s", {3}),
    ("duration <= 1m30s", {2, 3, 4}),
    # injection attempts match literally
    ('params.x = "1\' OR 1=1 --"', {7}),
    ("params.x = '1\\' OR 1=1 --'", {7}),
    ("params.`we'ird;key` = 1", {7}),
    ("params.`a'; DROP TABLE runs; --` = 1", set()),
    ('name = "x\\" OR \\"1\\"=\\"1"', set()),
    ("tags.`x') OR 1=1 --`", set()),
]


@pytest.mark.parametrize(("expr", "expected"), CASES, ids=[c[0] for c in CASES])
def test_where_matches(store: Store, expr: str, expected: set[int]) -> None:
    assert where(store, expr) == expected


ERRORS: list[tuple[str, int, str]] = [
    ("", 0, "empty expression"),
    ("   ", 0, "empty expression"),
    ("metrics.acc >", 13, "expected a value after '>'"),
    ("metrics.acc > and", 14, "expected a value after '>'"),
    ("metrics.acc > )", 14, "expected a value after '>'"),
    ("(status = failed", 16, "expected ')' to close the '(' at column 1"),
    ("status = failed)", 15, "unexpected ')'"),
    ("status = finnished", 9, "running, finished, failed, killed, lost"),
    ("status > failed", 7, "status compares with"),
    ("stauts = failed", 0, "did you mean status"),
    ("foo = 1", 0, "unknown field 'foo'"),
    ("status = failed or running", 19, "status = running"),
    ("params. = 1", 7, "expected a key after 'params.'"),
    ("params.a*b = 1", 8, "quote others with backticks"),
    ("params.`` = 1", 7, "expected a key"),
    ("name = 'abc", 7, "unterminated string"),
    ("params.`abc = 1", 7, "unterminated string"),
    ("metrics.acc > abc", 14, "compare it with a number"),
    ("metrics.acc ~ 'a*'", 12, "~ matches text"),
    ("params.lr > true", 10, "true compares only with"),
    ("params.lr < null", 10, "null compares only with"),
    ("status failed", 7, "expected an operator"),
    ("params.lr = 1 params.x = 2", 14, "expected 'and', 'or' or the end"),
    ("params.lr in 1, 2", 13, "expected '(' after 'in'"),
    ("params.lr in (1 2)", 16, "expected ',' or ')'"),
    ("params.lr in ()", 14, "expected a value after '('"),
    ("params.lr not 1", 10, "expected an operator"),
    ("not", 3, "expected a field"),
    ("tags.best and", 13, "expected a field"),
    ("params.lr >= 0.1 or", 19, "expected a field"),
    ("!= 1", 0, "expected a field"),
    ("exists 1", 7, "unknown field '1'"),
    ("started > tomorrow", 10, "expected a time"),
    ("started ~ 2024*", 8, "not text"),
    ("duration > 5x", 11, "expected a duration"),
    ("exit_code = abc", 12, "is a number"),
    ("git.dirty > true", 10, "true compares only with"),
    ("git.dirty = maybe", 12, "true or false"),
    ("metrics.`acc`.median > 1", 14, "unknown metric statistic"),
    ("params.x = params.y", 11, "comparing two fields"),
    ("params.lr & 1", 10, "unexpected '&'"),
    ("`x` = 1", 0, "a backtick quotes a key"),
    ("tags.x = null", 9, "tag values are text"),
    ("; DROP TABLE runs", 0, "unknown field ';'"),
    ("status = failed; DROP TABLE runs", 9, "unknown status 'failed;'"),
    ("name = 'x' OR 1=1 --'", 20, "unterminated string"),
    ("name = 'x'' OR 1=1", 10, "unterminated string"),
    ("name = 'x' OR 1=1", 14, "unknown field '1'"),
    ("(" * 100 + "tags.x" + ")" * 100, 64, "nested too deeply"),
    ("not " * 100 + "tags.x", 256, "nested too deeply"),
    ("params.x in (" + ", ".join(map(str, range(1000))) + ")", 0, "too long"),
]


@pytest.mark.parametrize(("expr", "column", "message"), ERRORS, ids=[e[0][:60] for e in ERRORS])
def test_malformed_expressions_point_at_the_column(expr: str, column: int, message: str) -> None:
    with pytest.raises(QueryError) as info:
        compile_where(expr, now=NOW)
    assert message in info.value.args[0]
    assert info.value.column == column
    assert info.value.expression == expr


def test_error_renders_a_caret_under_the_column() -> None:
    with pytest.raises(QueryError) as info:
        compile_where("metrics.acc > ", now=NOW)
    assert str(info.value) == (
        "expected a value after '>' (column 15)\n  metrics.acc > \n                ^"
    )


def test_unknown_field_lists_the_valid_ones() -> None:
    with pytest.raises(QueryError) as info:
        compile_where("bogus", now=NOW)
    for name in (*FIELDS, "params.KEY", "metrics.KEY", "tags.KEY"):
        assert name in info.value.args[0]


def test_values_and_keys_are_bound_never_pasted() -> None:
    sql, args = compile_where("params.`k'ey` = 'v\"al' and tags.t ~ 'x*' and name = n", now=NOW)
    assert args == ["k'ey", 'v"al', "t", "x*", "n"]
    for text in ("k'ey", 'v"al', "x*"):
        assert text not in sql


def test_injection_leaves_the_tables_alone(store: Store) -> None:
    attempts = [
        "params.x = \"1' OR 1=1 --\"",
        "params.`x'); DROP TABLE runs; --` = 1",
        "tags.`a\"; DELETE FROM params; --` = 'b'; DROP TABLE runs",
        "name = \"'; DROP TABLE runs; --\"",
        "; DROP TABLE runs",
        "status = failed; DROP TABLE runs --",
    ]
    for expr in attempts:
        with contextlib.suppress(QueryError):
            where(store, expr)
    for fields in (["params.`lr) DESC; DROP TABLE runs; --`"], ["-tags.`x' OR 1=1`"]):
        assert order(store, fields) == sorted(ALL, reverse=True)
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"runs", "params", "metrics", "tags"} <= tables
    assert store.db.execute("SELECT count(*) FROM runs").fetchone()[0] == len(RUNS)
    assert store.db.execute("SELECT count(*) FROM params").fetchone()[0] == 24


def test_every_plain_field_compiles_and_runs(store: Store) -> None:
    for name in FIELDS:
        assert where(store, f"exists {name}") <= ALL
        assert sorted(order(store, [name])) == sorted(ALL)
        assert sorted(order(store, [f"-{name}"])) == sorted(ALL)


SORTS: list[tuple[list[str], list[int]]] = [
    (["-metrics.acc"], [2, 1, 8, 3, 7, 6, 5, 4]),  # runs without acc last, newest first
    (["metrics.acc"], [7, 3, 8, 1, 2, 6, 5, 4]),
    (["-metrics.acc.min"], [2, 8, 3, 1, 7, 6, 5, 4]),
    (["-metrics.val.acc"], [5, 8, 7, 6, 4, 3, 2, 1]),
    (["-params.epochs"], [5, 6, 8, 2, 1, 3, 4, 7]),
    (["params.epochs"], [7, 4, 3, 8, 2, 1, 6, 5]),
    (["params.lr"], [8, 3, 2, 1, 4, 7, 6, 5]),  # numbers, then text; null and missing last
    (["params.`model.lr`"], [6, 8, 7, 5, 4, 3, 2, 1]),
    (["tags.epoch"], [2, 3, 8, 7, 6, 5, 4, 1]),
    (["name"], [1, 6, 5, 7, 3, 4, 2, 8]),
    (["-name"], [2, 4, 3, 7, 5, 6, 1, 8]),
    (["-ended"], [7, 1, 2, 3, 8, 4, 6, 5]),
    (["ended"], [6, 4, 8, 3, 2, 1, 7, 5]),
    (["-duration"], [5, 6, 1, 7, 8, 3, 2, 4]),
    (["status", "-metrics.acc"], [3, 2, 1, 8, 7, 4, 6, 5]),
    (["status, -metrics.acc"], [3, 2, 1, 8, 7, 4, 6, 5]),
    (["+number"], [1, 2, 3, 4, 5, 6, 7, 8]),
    ([], [8, 7, 6, 5, 4, 3, 2, 1]),
]


@pytest.mark.parametrize(("fields", "expected"), SORTS, ids=[" ".join(s[0]) for s in SORTS])
def test_sort(store: Store, fields: list[str], expected: list[int]) -> None:
    assert order(store, fields) == expected


def test_sort_ends_with_the_tie_break() -> None:
    assert compile_sort(["-metrics.acc"]).endswith("runs.number DESC")
    assert compile_sort([]) == "runs.number DESC"


def test_sort_keys_never_reach_the_sql_as_written() -> None:
    sql = compile_sort(["params.`it's`"])
    assert "it's" not in sql and "X'69742773'" in sql


SORT_ERRORS: list[tuple[str, int, str]] = [
    ("-bogus", 1, "unknown field 'bogus'"),
    ("params.", 7, "expected a key"),
    ("metrics.acc extra", 12, "expected one field"),
    ("", 0, "expected a field"),
    ("-", 1, "expected a field"),
    ("name,", 5, "expected a field"),
    ("name, -nope", 7, "unknown field 'nope'"),
    ("metrics.`acc`.median", 14, "unknown metric statistic"),
]


@pytest.mark.parametrize(("item", "column", "message"), SORT_ERRORS,
                         ids=[e[0] or "empty" for e in SORT_ERRORS])
def test_sort_errors(item: str, column: int, message: str) -> None:
    with pytest.raises(QueryError) as info:
        compile_sort([item])
    assert message in info.value.args[0]
    assert (info.value.column, info.value.expression) == (column, item)


def test_where_and_sort_together(store: Store) -> None:
    runs = store.list_runs(RunQuery("metrics.acc > 0.8 or params.epochs >= 20",
                                    ["-metrics.acc"], now=NOW))
    assert [r.number for r in runs] == [2, 1, 8, 6, 5]
