"""Reading runs back, for every face of runlab: the CLI's `ls`/`show`, the Python queries
(`runlab.runs()`), and the REST API of `runlab ui`.

Each face parses its own input and renders the result; what a query means, which runs it finds
and what a record holds is decided here once. The records are the `--json` contract
(`Run.to_json`); the SQL stays in `runlab.store`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from runlab.errors import UsageError
from runlab.store import Run, Store
from runlab.store.records import MetricPoint
from runlab.store.selection import Best, RunQuery

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any


def open_store(path: str | None = None, *, cwd: str | None = None, catch_up: bool = True,
               create: bool = False) -> Store:
    """The store for `cwd` (store.locate decides where), caught up with its journals. What it
    repaired is in `store.problems`. Reading never makes a store: one that does not exist
    reads as a store without runs unless `create` is true."""
    from runlab.store import locate

    s = Store(locate(cwd or os.getcwd(), path), create=create)
    if catch_up:
        s.catch_up()
    return s


@dataclass
class RunPage:
    """One page of a listing: its runs, how many runs match in all (when counted), and a
    sentence for each key the query names that no run has."""

    runs: list[Run]
    total: int | None = None
    missing: list[str] = field(default_factory=list)


def find_runs(store: Store, where: str | None = None, sort: Sequence[str] | str | None = None,
              limit: int | None = None, offset: int = 0, *, experiment: str | None = None,
              deleted: bool = False, count: bool = False, best: Best | None = None) -> RunPage:
    """The runs an `ls` query names: `where` in the query language, `sort` as `[-]FIELD`
    items (newest first without one), a page of `limit` runs from `offset`.

    Raises QueryError (pointing at the column) for a malformed expression or sort field.
    """
    if limit is not None and limit < 0 or offset < 0:
        raise UsageError("limit and offset cannot be negative")
    query = RunQuery(where, tuple([sort] if isinstance(sort, str) else sort or ()), limit,
                     offset, deleted=deleted, experiment=experiment, best=best)
    missing = check_query(store, query)
    return RunPage(store.list_runs(query), store.count_runs(query) if count else None, missing)


def check_query(store: Store, query: RunQuery) -> list[str]:
    """Check a query against the store before reading: a field named like one of its keys
    (`--sort val_loss`) is a QueryError suggesting `metrics.val_loss`; returns a sentence for
    each params/metrics/tags key named that no run in the store has."""
    store.compiled(query)
    if not query.where and not query.sort:
        return []
    from runlab.store.fields import missing_keys
    from runlab.store.query import keys_used

    return missing_keys(store, keys_used(query.where, query.sort))


def get_run(store: Store, ref: str) -> Run:
    """The run a reference names (number, last, last~N, name, id prefix), as `show` reads it."""
    return store.get(store.resolve(ref))


def metric_history(store: Store, run: Run, key: str) -> list[MetricPoint]:
    """Every point of one metric of a run, in order; UsageError naming the run's metrics
    when it has no such key."""
    points = store.series(run.id, [key]).get(key)
    if points is None:
        if key in run.metrics:
            return []  # the summary knows it, the series holds no point yet (a reparse)
        raise no_metric(run, [key], list(run.metrics))
    return points


def no_metric(run: Run, missing: Sequence[str], known: Sequence[str]) -> UsageError:
    """The error for metrics a run lacks, naming the first 20 it has and how many more."""
    have = ", ".join(known[:20]) or "none yet"
    if len(known) > 20:
        have += f" … and {len(known) - 20} more"
    names = ", ".join(repr(k) for k in missing)
    return UsageError(f"run {run.number} has no metric{'s' if len(missing) > 1 else ''} "
                      f"{names} (it has: {have})")


def read_log(store: Store, run: Run, offset: int = 0, limit: int | None = None) -> tuple[bytes, int]:
    """Bytes of a run's output from `offset` (at most `limit`), and the log's size now;
    a negative offset counts from the end."""
    path = store.output_path(run.id)
    try:
        with open(path, "rb") as f:
            size = f.seek(0, os.SEEK_END)
            start = max(0, size + offset) if offset < 0 else min(offset, size)
            f.seek(start)
            return f.read(-1 if limit is None else limit), size
    except FileNotFoundError:
        return b"", 0


def read_patch(store: Store, run: Run) -> str | None:
    """The uncommitted diff the run started from (None when the tree was clean)."""
    try:
        with open(os.path.join(store.run_dir(run.id), "code.patch"), "rb") as f:
            return f.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return None


def model_versions(store: Store, name: str) -> dict[str, Any]:
    """A model's versions with their runs' results: the `model show --json` object."""
    from runlab.lifecycle import registry
    from runlab.errors import RunNotFound

    models = registry.load(store.root)
    model_name, number, alias = registry.parse_ref(name)
    model = registry.get_model(models, model_name)
    chosen = model.versions if number is None and alias is None \
        else [registry.resolve(models, name)]
    versions = []
    for v in chosen:
        data: dict[str, Any] = v.to_json()
        try:
            run: Run | None = store.get(v.run_id)
        except RunNotFound:
            run = None
        data["run"] = None if run is None else {
            "number": run.number, "id": run.id, "name": run.name, "status": run.status,
            "params": run.params, "metrics": {k: m.to_json() for k, m in run.metrics.items()}}
        versions.append(data)
    return {"name": model.name, "aliases": dict(sorted(model.aliases.items())),
            "versions": versions}
