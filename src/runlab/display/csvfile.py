"""Runs as CSV: ISO dates, empty cells for missing values, one column per param and metric."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from runlab.store import fields
from runlab.display import format as fmt
from runlab.store import Run
from runlab.store.records import iso

BASE = ("number", "id", "name", "experiment", "status", "exit_code", "started", "ended",
        "duration", "command", "git.commit", "git.branch", "git.dirty", "author", "host", "note",
        "tags")


def csv_columns(runs: Sequence[Run]) -> list[str]:
    return columns_for({"params": sorted({k for r in runs for k in r.params}),
                        "metrics": sorted({k for r in runs for k in r.metrics}),
                        "tags": sorted({k for r in runs for k in r.tags})})


def columns_for(keys: Mapping[str, Sequence[str]]) -> list[str]:
    """The default columns: the base ones, then one per param, metric and tag name, each
    headed as `runlab.runs_frame()` names it (`fields.column_name`: metrics.acc@1, and
    metrics.`loss.min` for a metric named so), a name that --columns reads back."""
    cols = list(BASE)
    for group in ("params", "metrics", "tags"):
        cols += [fields.column_name(group, k) for k in keys.get(group, ())]
    return cols


def _cell(run: Run, column: str, found: fields.Ref | None) -> Any:
    v = fields.value_of(run, found)
    if column in ("started", "ended"):
        return iso(v) or ""
    if column == "command":
        return fmt.command(run.command)
    if column == "tags":  # every tag in one cell, so that a label (no value) shows too
        return fmt.tags(run.tags)
    if column == "duration":
        return "" if v is None else round(v, 3)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v) if v == v else "nan"
    if isinstance(v, (list, dict)):
        return fmt.value(v)
    return v


def _heading(column: str, found: fields.Ref | None) -> str:
    """A key's column headed as the default columns head it (`fields.column_name`), however
    --columns quoted it; a statistic's or a plain field's as written."""
    if found is None or found.table not in ("params", "metrics", "tags") or (
            column == f"{found.table}.{found.key}"  # (already so: no second reading)
            or found.label != fields.label(found.table, found.key)):
        return column
    return fields.column_name(found.table, found.key)


def render(runs: Sequence[Run], columns: Sequence[str] | None = None) -> str:
    return "".join(lines(runs, list(columns) if columns else csv_columns(runs)))


def lines(runs: Iterable[Run], columns: Sequence[str]) -> Iterator[str]:
    """The header, then one line per run as it comes (a listing of every run streams)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")

    def line(cells: list[Any]) -> str:
        writer.writerow(cells)
        text = out.getvalue()
        out.seek(0)
        out.truncate()
        return text

    found = fields.refs(columns)  # each column read once, not once a cell
    yield line([_heading(c, found[c]) for c in columns])
    for run in runs:
        yield line([_cell(run, c, found[c]) for c in columns])
