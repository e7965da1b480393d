"""Run fields by name (`params.lr`, `metrics.acc.max`, `git.commit`, ...): what `ls --columns`,
CSV output and sorting read from a run. The query language compiles the same names to SQL."""

from __future__ import annotations

from typing import Any

from runlab.errors import UsageError
from runlab.store import Run

PLAIN = ("number", "id", "name", "experiment", "status", "exit_code", "started", "ended",
         "duration", "command", "author", "user", "host", "cwd", "note", "git.commit",
         "git.branch", "git.dirty", "tags")
PREFIXES = ("params.", "metrics.", "tags.", "inputs.", "packages.")
METRIC_STATS = ("last", "min", "max", "count", "last_step")


def check(field: str) -> str:
    if field in PLAIN or (field.startswith(PREFIXES) and "." in field and field.split(".", 1)[1]):
        return field
    raise UsageError(
        f"unknown field {field!r}: use one of {', '.join(PLAIN)}, params.X, metrics.X[.min|.max], tags.X, "
        "inputs.PATH, packages.NAME"
    )


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
