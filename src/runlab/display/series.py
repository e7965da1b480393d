"""`runlab metrics`: one run's full metric series as a table, CSV or JSON.

With one key the table has a row per point, in the order the points were recorded. With several
keys it has a column per key, aligned on step: the n-th point a key recorded at step s shares a
row with the n-th point every other key recorded at step s (so a step logged twice gives two
rows), rows run by step, a key with no point there leaves its cell empty, and the time shown is
the row's earliest. CSV and JSON are always one point per line/entry, key by key.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text

from runlab.display import format as fmt
from runlab.display.grid import grid
from runlab.store import MetricPoint
from runlab.store.records import iso, json_number, to_json_text


@dataclass
class SeriesRow:
    step: int
    values: list[float | None]  # one per key, None where the key has no point here
    time: float


def align(series: Mapping[str, Sequence[MetricPoint]], keys: Sequence[str]) -> list[SeriesRow]:
    """The points of `keys` as rows: one per point for one key, aligned on step for several."""
    if len(keys) == 1:
        return [SeriesRow(p.step, [p.value], p.time) for p in series.get(keys[0], ())]
    rows: dict[tuple[int, int], SeriesRow] = {}
    for i, key in enumerate(keys):
        seen: dict[int, int] = {}
        for p in series.get(key, ()):
            n = seen.get(p.step, 0)
            seen[p.step] = n + 1
            row = rows.get((p.step, n))
            if row is None:
                row = rows[(p.step, n)] = SeriesRow(p.step, [None] * len(keys), p.time)
            row.values[i] = p.value
            row.time = min(row.time, p.time)
    return [rows[k] for k in sorted(rows)]


def table(series: Mapping[str, Sequence[MetricPoint]], keys: Sequence[str],
          colour: bool = False, named: bool = False) -> Text:
    """The aligned rows as rich Text: step, a column per key, time; one key's column is
    `value` where it was asked for by name, else named (a run of one metric)."""
    rows = align(series, keys)
    clock = _clock(rows)
    cells = [[Text(str(r.step)), *(Text(fmt.number(v)) for v in r.values), Text(clock(r.time))]
             for r in rows]
    header = ["step", *(["value"] if len(keys) == 1 and not named else keys), "time"]
    text, _ = grid(header, cells, right=[True] * (len(keys) + 1) + [False],
                   header_style="bold" if colour else "")
    return text


def _clock(rows: Sequence[SeriesRow]) -> Callable[[float], str]:
    """Local times to the millisecond; with the date when the rows span more than one day."""
    days = {datetime.fromtimestamp(r.time).date() for r in rows}
    spec = "%H:%M:%S.%f" if len(days) <= 1 else "%Y-%m-%d %H:%M:%S.%f"
    return lambda t: datetime.fromtimestamp(t).strftime(spec)[:-3]


def to_json(series: Mapping[str, Sequence[MetricPoint]], keys: Sequence[str]) -> dict[str, Any]:
    """`{key: [{"step", "value", "time"}, ...]}`, times ISO-8601 with offset."""
    return {k: [p.to_json() for p in series.get(k, ())] for k in keys}


def to_csv(series: Mapping[str, Sequence[MetricPoint]], keys: Sequence[str]) -> str:
    """`key,step,value,time`, one line per point; ISO times; nan, inf and -inf as words."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["key", "step", "value", "time"])
    for key in keys:
        for p in series.get(key, ()):
            writer.writerow([key, p.step, _csv_number(p.value), iso(p.time)])
    return out.getvalue()


def json_chunks(series: Iterable[tuple[str, Iterable[MetricPoint]]]) -> Iterator[str]:
    """`to_json` as `json.dumps(..., indent=2)` lays it out, a point at a time: the series
    of a long run are never held whole."""
    import json

    # A point's object laid out by hand around its three scalars, which the C encoder writes
    # (json.dumps with indent takes the pure-Python path: twice as slow a point).
    scalar = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
    opened = False
    for key, points in series:
        yield ("{\n  " if not opened else ",\n  ") + to_json_text(key) + ": ["
        opened = True
        first = True
        for p in points:
            yield (("\n    {\n      \"step\": " if first else ",\n    {\n      \"step\": ")
                   + scalar(p.step) + ",\n      \"value\": " + scalar(json_number(p.value))
                   + ",\n      \"time\": " + scalar(iso(p.time)) + "\n    }")
            first = False
        yield "]" if first else "\n  ]"
    yield "\n}\n" if opened else "{}\n"


def csv_chunks(series: Iterable[tuple[str, Iterable[MetricPoint]]]) -> Iterator[str]:
    """`to_csv`, a line at a time."""
    yield "key,step,value,time\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for key, points in series:
        for p in points:
            writer.writerow([key, p.step, _csv_number(p.value), iso(p.time)])
            yield out.getvalue()
            out.seek(0)
            out.truncate()


def _csv_number(v: float) -> str:
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return repr(v)
