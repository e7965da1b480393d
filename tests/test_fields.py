"""The one field table (store/fields.py): every field it lists can be filtered with --where,
sorted with --sort, shown with --columns, and reads the same in JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest

from runlab.display import format as fmt
from runlab.display.tables import headers
from runlab.errors import QueryError
from runlab.store import Run, Store
from runlab.store.fields import FIELDS, PLAIN, refs, value
from runlab.store.records import iso
from runlab.store.selection import RunQuery
from tests.conftest import Result

T0 = 1.7e9


def make_runs(store: Store) -> None:
    """Two runs that differ in every plain field; the second lacks every field it can."""
    first, _ = store.create_run({
        "name": "alpha", "experiment": "exp1", "command": ["python", "train.py"], "cwd": "/a",
        "t": T0, "author": "ann", "user": "ann", "host": "gpu1", "note": "kept",
        "git": {"commit": "abc123" + "0" * 34, "branch": "main", "dirty": False},
        "tags": {"best": "", "stage": "ft"}})
    store.append(first, [{"e": "end", "t": T0 + 50, "status": "finished", "exit_code": 0}])
    second, _ = store.create_run({
        "experiment": "exp2", "command": ["bash", "run.sh"], "cwd": "/b", "t": T0 + 100})
    store.append(second, [{"e": "end", "t": T0 + 110, "status": "failed", "exit_code": 3}])
    store.close()


@pytest.fixture
def runs(store: Store) -> list[Run]:
    make_runs(store)
    return store.list_runs()


def _present(v: Any) -> bool:
    return v is not None and v != {}


def _sort_key(v: Any) -> Any:
    """The accessor's value as the SQL compares it: tags and a command as their text."""
    if isinstance(v, dict):
        return fmt.tags(v)
    if isinstance(v, list):
        return " ".join(v)
    return v


def _json_at(record: dict[str, Any], path: tuple[str, ...]) -> Any:
    for part in path:
        record = (record or {}).get(part)  # type: ignore[assignment]
    return record


def test_the_table_is_the_one_list_of_plain_fields() -> None:
    assert PLAIN == tuple(FIELDS)
    assert "tags" in PLAIN and "git.commit" in PLAIN


@pytest.mark.parametrize("name", PLAIN)
def test_every_field_filters_and_sorts_as_its_accessor_reads(store: Store, runs: list[Run],
                                                             name: str) -> None:
    have = {r.number for r in runs if _present(value(r, name))}
    assert {r.number for r in store.list_runs(RunQuery(f"exists {name}"))} == have
    assert {r.number for r in store.list_runs(RunQuery(f"not {name}"))} == \
        {r.number for r in runs} - have
    for descending in (False, True):
        got = [r.number for r in store.list_runs(RunQuery(sort=[("-" if descending else "") + name]))]
        present = sorted((r for r in runs if _present(value(r, name))),
                         key=lambda r: (_sort_key(value(r, name)), -r.number),
                         reverse=descending)
        if descending:  # ties still go to the newest run
            present.sort(key=lambda r: _sort_key(value(r, name)), reverse=True)
        missing = sorted((r.number for r in runs if not _present(value(r, name))), reverse=True)
        assert got == [r.number for r in present] + missing, name


@pytest.mark.parametrize("name", PLAIN)
def test_every_field_is_a_column_in_the_table_json_and_csv(
        cli: Callable[..., Result], runs: list[Run], name: str) -> None:
    table = cli("ls", "--format", "markdown", "--columns", name)
    assert table.code == 0, table.stderr
    assert table.stdout.splitlines()[0] == f"| {headers([name], refs([name]))[0]} |"
    listed = cli("ls", "--format", "csv", "--columns", f"number,{name}")
    assert listed.code == 0, listed.stderr
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    records = json.loads(cli("ls", "--json").stdout)
    by_number = {r.number: r for r in runs}
    assert [int(row["number"]) for row in rows] == [rec["number"] for rec in records]
    for row, record in zip(rows, records):
        run = by_number[record["number"]]
        v = value(run, name)
        assert (row[name] != "") == _present(v), (name, row)  # CSV: empty exactly when missing
        expected: Any = v
        if FIELDS[name].type == "time":
            expected = iso(v)
        elif name == "duration":
            expected = round(v, 3)
        assert _json_at(record, FIELDS[name].json) == expected, name


def test_tags_filter_as_the_table_shows_them(store: Store, runs: list[Run]) -> None:
    assert [r.number for r in store.list_runs(RunQuery("tags = 'best stage=ft'"))] == [1]
    assert [r.number for r in store.list_runs(RunQuery("tags ~ '*stage=*'"))] == [1]


def test_an_unknown_field_names_the_whole_table(store: Store) -> None:
    with pytest.raises(QueryError) as info:
        store.list_runs(RunQuery("bogus = 1"))
    for name in PLAIN:
        assert name in info.value.args[0]
