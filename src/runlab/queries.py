"""Querying runs from Python: `runlab.runs()`, `runlab.metric_history()`, `runlab.runs_frame()`.

The same query language and the same errors as `runlab ls`; the records are those of
`runlab ls --json`. For notebooks, `runs_frame` gives a pandas DataFrame with MLflow's
`search_runs` column names (`params.lr`, `metrics.acc`, `tags.x`).

    import runlab
    best = runlab.runs(where="metrics.acc > 0.9", sort="-metrics.acc", limit=5)
    curve = runlab.metric_history(best[0]["number"], "loss")
"""

from __future__ import annotations

from collections.abc import Sequence

from runlab.errors import MissingExtra

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

    from runlab.store import Store


def _store(store: str | None) -> Store:
    from runlab.store.reading import open_store

    return open_store(store)


def runs(where: str | None = None, sort: str | Sequence[str] | None = None,
         limit: int | None = None, store: str | None = None, *, offset: int = 0,
         experiment: str | None = None, deleted: bool = False) -> list[dict[str, Any]]:
    """The runs matching `where`, ordered by `sort` (`"-metrics.acc"` or a list of such), as
    the records of `runlab ls --json`, but that NaN and infinities are floats, not the
    JSON's strings; every run unless `limit` is given."""
    from runlab.store.reading import find_runs

    s = _store(store)
    try:
        page = find_runs(s, where, sort, limit, offset, experiment=experiment, deleted=deleted)
        return [r.to_dict() for r in page.runs]
    finally:
        s.close()


def metric_history(run: str | int | dict[str, Any], key: str,
                   store: str | None = None) -> list[dict[str, Any]]:
    """Every point of metric `key` of a run (a reference such as 12, "last", a name, or a
    record from `runs()`), as `{"step", "value", "time"}` dicts in order (a NaN or infinite
    value a float)."""
    from runlab.store.reading import get_run, metric_history as history

    ref = str(run["id"] if isinstance(run, dict) else run)
    s = _store(store)
    try:
        return [p.to_dict() for p in history(s, get_run(s, ref), key)]
    finally:
        s.close()


def runs_frame(where: str | None = None, sort: str | Sequence[str] | None = None,
               limit: int | None = None, store: str | None = None, *,
               experiment: str | None = None, deleted: bool = False) -> Any:
    """`runs()` as a pandas DataFrame, one row a run: `number`, `run_id`, `name`, `status`,
    `start_time`, ... then `params.X`, `metrics.X` (the last value) and `tags.X` columns."""
    try:
        import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise MissingExtra("runs_frame needs pandas: pip install 'runlab[pandas]'") from None
    records = runs(where, sort, limit, store, experiment=experiment, deleted=deleted)
    rows = [_flat(r) for r in records]
    frame = pd.DataFrame(rows, columns=_columns(records))
    for column in ("start_time", "end_time"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame


_FIXED = ("number", "run_id", "name", "experiment", "status", "exit_code", "start_time",
          "end_time", "duration_s", "command", "git.commit", "git.branch", "git.dirty", "note")


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    git = record.get("git") or {}
    row: dict[str, Any] = {
        "number": record["number"], "run_id": record["id"], "name": record["name"],
        "experiment": record["experiment"], "status": record["status"],
        "exit_code": record["exit_code"], "start_time": record["started_at"],
        "end_time": record["ended_at"], "duration_s": record["duration_s"],
        "command": " ".join(record["command"]), "git.commit": git.get("commit"),
        "git.branch": git.get("branch"), "git.dirty": git.get("dirty"), "note": record["note"],
    }
    # Named as CSV names them: metrics.acc@1 as in MLflow's frames, metrics.`loss.min` for a
    # metric named so (metrics.loss.min is loss's minimum wherever runlab reads a field).
    from runlab.store.fields import column_name

    for k, v in record["params"].items():
        row[column_name("params", k)] = v
    for k, m in record["metrics"].items():
        row[column_name("metrics", k)] = m["last"]
    for k, v in record["tags"].items():
        row[column_name("tags", k)] = v
    return row


def _columns(records: list[dict[str, Any]]) -> list[str]:
    """The fixed columns, then params, metrics and tags, each group in the order of its keys
    (as CSV orders them)."""
    from runlab.store.fields import column_name

    return [*_FIXED, *(column_name(group, k) for group in ("params", "metrics", "tags")
                       for k in sorted({k for r in records for k in r[group]}))]
