"""Run fields by name (`params.lr`, `metrics.acc.max`, `git.commit`, ...): what `ls --columns`,
CSV output and sorting read from a run. The query language compiles the same names to SQL."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field as dataclass_field
from typing import Any

from runlab.errors import QueryError, UsageError
from runlab.store import Run, Store

PLAIN = ("number", "id", "name", "experiment", "status", "exit_code", "started", "ended",
         "duration", "command", "author", "user", "host", "cwd", "note", "git.commit",
         "git.branch", "git.dirty", "tags")
PREFIXES = ("params.", "metrics.", "tags.", "inputs.", "packages.")
METRIC_STATS = ("last", "min", "max", "count", "last_step")


KEY_KINDS = {"metrics": "metric", "params": "param", "tags": "tag"}  # most asked for first


def check(field: str, store: Store | None = None) -> str:
    if field in PLAIN or (field.startswith(PREFIXES) and "." in field and field.split(".", 1)[1]):
        return field
    close = closest_field(store, field) if store is not None else None
    hint = f" (did you mean {close}?)" if close else ""
    raise UsageError(
        f"unknown field {field!r}{hint}: use one of {', '.join(PLAIN)}, params.X, "
        "metrics.X[.min|.max], tags.X, inputs.PATH, packages.NAME"
    )


def closest_field(store: Store, word: str) -> str | None:
    """`metrics.val_loss` for `val_loss`: the params/metrics/tags field whose key is `word`,
    else the one whose key is spelled most like it; None when none is close."""
    for table in KEY_KINDS:
        if store.has_key(table, word):
            return f"{table}.{word}"
    known = {key: table for table in reversed(KEY_KINDS) for key in store.keys(table)}
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)
    return f"{known[close[0]]}.{close[0]}" if close else None


def missing_keys(store: Store, used: Sequence[tuple[str, str]]) -> list[str]:
    """A sentence for each (table, key) that no run in the store has, naming the closest."""
    out = []
    for table, key in used:
        if table not in KEY_KINDS or store.has_key(table, key):
            continue  # (inputs and packages: their keys are paths and names, never suggested)
        close = difflib.get_close_matches(key, store.keys(table), n=1, cutoff=0.6)
        hint = f"; did you mean {table}.{close[0]}?" if close else ""
        out.append(f"no run has a {KEY_KINDS[table]} {key!r}{hint}")
    return out


@dataclass
class Query:
    """A compiled --where and --sort, and what they name that the store does not have."""

    where: str
    args: list[Any]
    order: str
    missing: list[str] = dataclass_field(default_factory=list)


def compile_query(store: Store, where: str | None, sort: Sequence[str], now: float,
                  best: Best | None = None) -> Query:
    """Compile --where and --sort; a field named like a key the store has (`--sort val_loss`)
    gets the right spelling suggested, and keys no run has are listed in `missing`.
    With `best`, only finished runs that have its metric, best first."""
    from runlab.store.query import UnknownField, compile_sort, compile_where, keys_used

    try:
        sql, args = compile_where(where, now=now) if where else ("", [])
        order = compile_sort(sort) if sort else "runs.number DESC"
    except UnknownField as e:
        close = closest_field(store, e.word)
        if close is None:
            raise
        raise QueryError(f"unknown field {e.word!r}: did you mean {close}?", e.expression,
                         e.column) from None
    query = Query(sql, args, order, missing_keys(store, keys_used(where, sort)))
    if best is not None:
        field = f"metrics.`{best.key}`" + ("" if best.stat == "last" else f".{best.stat}")
        best_sql, best_args = compile_where(f"status = finished and exists {field}", now=now)
        query.where = f"({sql}) AND {best_sql}" if sql else best_sql
        query.args = [*args, *best_args]
        query.order = compile_sort([("-" if best.direction > 0 else "") + field, *sort])
    return query


@dataclass
class Best:
    """`ls --best METRIC`: the metric, the statistic compared, and which way is better."""

    key: str
    stat: str
    direction: int  # +1 higher is better, -1 lower

    @property
    def description(self) -> str:
        name = self.key + ("" if self.stat == "last" else f".{self.stat}")
        way = "higher" if self.direction > 0 else "lower"
        return f"best {name} first ({way} is better), finished runs only"


def best(store: Store, metric: str, better: str | None,
         directions: dict[str, str] | None = None) -> Best:
    """Read `--best METRIC [--better higher|lower]`: the direction comes from the metric's name
    as the end-of-run summary decides it (config `directions` win), unless `better` says."""
    from runlab.compare.changes import direction

    key = metric[len("metrics."):] if metric.startswith("metrics.") else metric
    stat = "last"
    base, dot, suffix = key.rpartition(".")
    if dot and base and suffix in METRIC_STATS and not store.has_key("metrics", key):
        key, stat = base, suffix
    if not key:
        raise UsageError("--best needs a metric, as in --best val_loss")
    if not store.has_key("metrics", key):
        if store.has_key("params", key):
            raise UsageError(f"{key!r} is a param, not a metric: order by it with "
                             f"--sort params.{key}")
        raise UsageError(missing_keys(store, [("metrics", key)])[0])
    if better not in (None, "higher", "lower"):
        raise UsageError(f"--better takes higher or lower, not {better!r}")
    way = {"higher": 1, "lower": -1}.get(better or "") or direction(key, directions)
    if not way:
        raise UsageError(f"runlab cannot tell from its name whether a higher or lower {key!r} "
                         "is better: add --better higher or --better lower (or set "
                         "directions in runlab.toml)")
    return Best(key, stat, way)


def value(run: Run, field: str) -> Any:
    """The field's value in a run, or None when the run lacks it."""
    if field.startswith("params."):
        return run.params.get(field[7:])
    if field.startswith("metrics."):
        key, stat = field[8:], "last"
        if key not in run.metrics and "." in key:
            base, _, suffix = key.rpartition(".")
            if suffix in METRIC_STATS:
                key, stat = base, suffix
        summary = run.metrics.get(key)
        return None if summary is None else getattr(summary, stat)
    if field.startswith("tags."):
        return run.tags.get(field[5:])
    if field.startswith("inputs."):
        entry = run.inputs.get(field[7:])
        return entry.get("fingerprint") if isinstance(entry, dict) else None
    if field.startswith("packages."):
        return run.packages.get(field[9:])
    if field.startswith("git."):
        return (run.git or {}).get(field[4:])
    return {
        "started": run.started_at,
        "ended": run.ended_at,
        "duration": run.duration_s,
        "tags": run.tags,
    }.get(field, getattr(run, field, None))
