"""Run fields by name (`params.lr`, `metrics.acc.max`, `git.commit`, ...): the one table of
what `--where`, `--sort`, `--columns`, JSON and CSV accept.

Each plain field has its SQL (fixed text over the table `runs`: the query language in
store/query.py compiles to it), how the query language types its values, where `Run.to_json`
holds it, and its value in a `Run` (what the table and CSV show). Besides the plain fields:
params.KEY, metrics.KEY[.STAT], tags.KEY, inputs.PATH (its fingerprint) and packages.NAME (its
version).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from runlab.errors import QueryError, UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from runlab.store import Run, Store
    from runlab.store.selection import Best


@dataclass(frozen=True)
class Field:
    """A plain field: its SQL, how the query language types its values (text, status, hex, int,
    bool, time, duration), whether it can be NULL, its place in `Run.to_json`, its value."""

    sql: str
    type: str
    json: tuple[str, ...]
    get: Callable[[Run], Any]
    nullable: bool = True
    sort_sql: str | None = None  # when sorting needs other SQL than filtering

    @property
    def order_sql(self) -> str:
        return self.sort_sql or self.sql


_COMMAND_TEXT = "(SELECT group_concat(j.value, ' ') FROM json_each(runs.command) AS j)"
# The duration of a running run grows with the clock: a filter binds its `now` here; a sort,
# which binds nothing, reads SQLite's own clock.
_DURATION = "(COALESCE(runs.ended, ?) - runs.started)"
_DURATION_SORT = "(COALESCE(runs.ended, (julianday('now') - 2440587.5) * 86400.0) - runs.started)"
# Every tag on one line, as the table and CSV show them: a label as its name, else key=value.
_TAGS_TEXT = ("(SELECT group_concat(CASE t.value WHEN '' THEN t.key ELSE t.key || '=' || "
              "t.value END, ' ') FROM (SELECT key, value FROM tags WHERE tags.run = runs.number "
              "ORDER BY key) AS t)")


def _git(key: str) -> Callable[[Run], Any]:
    return lambda run: (run.git or {}).get(key)


FIELDS: dict[str, Field] = {
    "number": Field("runs.number", "int", ("number",), lambda r: r.number, nullable=False),
    "id": Field("runs.id", "hex", ("id",), lambda r: r.id, nullable=False),
    "name": Field("runs.name", "text", ("name",), lambda r: r.name),
    "experiment": Field("runs.experiment", "text", ("experiment",), lambda r: r.experiment,
                        nullable=False),
    "status": Field("runs.status", "status", ("status",), lambda r: r.status, nullable=False),
    "exit_code": Field("runs.exit_code", "int", ("exit_code",), lambda r: r.exit_code),
    "started": Field("runs.started", "time", ("started_at",), lambda r: r.started_at,
                     nullable=False),
    "ended": Field("runs.ended", "time", ("ended_at",), lambda r: r.ended_at),
    "duration": Field(_DURATION, "duration", ("duration_s",), lambda r: r.duration_s,
                      nullable=False, sort_sql=_DURATION_SORT),
    "command": Field(_COMMAND_TEXT, "text", ("command",), lambda r: r.command),
    "author": Field("runs.author", "text", ("author",), lambda r: r.author),
    "user": Field("runs.user", "text", ("user",), lambda r: r.user),
    "host": Field("runs.host", "text", ("host",), lambda r: r.host),
    "cwd": Field("runs.cwd", "text", ("cwd",), lambda r: r.cwd),
    "note": Field("runs.note", "text", ("note",), lambda r: r.note),
    "git.commit": Field("runs.git_commit", "hex", ("git", "commit"), _git("commit")),
    "git.branch": Field("runs.git_branch", "text", ("git", "branch"), _git("branch")),
    "git.dirty": Field("runs.git_dirty", "bool", ("git", "dirty"), _git("dirty")),
    "tags": Field(_TAGS_TEXT, "text", ("tags",), lambda r: r.tags),
}

PLAIN: tuple[str, ...] = tuple(FIELDS)
PREFIXES = ("params.", "metrics.", "tags.", "inputs.", "packages.")
METRIC_STATS = ("last", "min", "max", "count", "last_step")
FIELD_HELP = (f"{', '.join(PLAIN)}, params.KEY, metrics.KEY[.{'|.'.join(METRIC_STATS)}], "
              "tags.KEY, inputs.PATH, packages.NAME")

KEY_KINDS = {"metrics": "metric", "params": "param", "tags": "tag"}  # most asked for first
KEY_CHAR = re.compile(r"[\w\-/.]")  # what a key written without quotes may hold


def quote_key(key: str) -> str:
    """The key in backticks, as the query language reads it back (`acc@1`)."""
    escaped = (key.replace("\\", "\\\\").replace("`", "\\`").replace("\n", "\\n")
               .replace("\t", "\\t"))
    return f"`{escaped}`"


def spell(table: str, key: str) -> str:
    """The field that names a key, as --where, --sort and --columns all read it: bare
    (`metrics.val_loss`) where that reads back as the key, else quoted (metrics.`acc@1`;
    metrics.`loss.min` for a metric named so, as metrics.loss.min is loss's minimum)."""
    bare = bool(key) and all(KEY_CHAR.fullmatch(c) for c in key)
    if bare and table == "metrics":
        bare = not _ends_in_stat(key)
    return f"{table}.{key if bare else quote_key(key)}"


def column_name(table: str, key: str) -> str:
    """A key's column in CSV and in `runlab.runs_frame()`: bare as MLflow's frames name it
    (`metrics.acc@1`, which --columns reads back), quoted only where the bare name would read
    as another field or split (metrics.`loss.min`, metrics.`a,b`)."""
    from runlab.store.query import split_fields

    bare = f"{table}.{key}"
    try:
        found = ref(bare)
    except QueryError:
        return spell(table, key)
    same = (found.table, found.key, found.label) == (table, key, label(table, key))
    return bare if same and split_fields(bare) == [(bare, 0)] else spell(table, key)


def label(table: str, key: str, stat: str | None = None) -> str:
    """A key as a header or a message shows it: unquoted, but a metric named like a
    statistic (`loss.min`) quoted, so that it never reads as loss's minimum; `.stat` after."""
    shown = quote_key(key) if table == "metrics" and _ends_in_stat(key) else key
    return shown + (f".{stat}" if stat else "")


def split_stat(key: str) -> tuple[str, str]:
    """(`loss`, `min`) for `loss.min`: a key that ends in a metric statistic, and that
    statistic; (key, "") for one that does not."""
    base, dot, suffix = key.rpartition(".")
    return (base, suffix) if dot and base and suffix in METRIC_STATS else (key, "")


def _ends_in_stat(key: str) -> bool:
    return bool(split_stat(key)[1])


class Ref(NamedTuple):
    """What a field name means: its table (params, metrics, tags, inputs, packages; "" for a
    plain field), its key (or the plain field's name), the metric statistic, and the label a
    table's header gives it (the key unquoted, with the statistic when one was written; a
    metric named like a statistic, `loss.min`, stays quoted)."""

    table: str
    key: str
    stat: str
    label: str


def ref(field: str) -> Ref:
    """Read a field name as --where and --sort read it (metrics.loss.min is loss's minimum,
    metrics.`acc@1` a quoted key). A key with characters the language wants quoted, written
    bare (metrics.acc@1), is read as that key, as --columns always has. Raises QueryError."""
    from runlab.store.query import read_field

    try:
        found = read_field(field)
    except QueryError:
        lower = field.lower()
        prefix = next((p for p in PREFIXES if lower.startswith(p)), None)
        key = field[len(prefix):] if prefix else ""
        if not prefix or not key or key[0] in "`\"'":
            raise
        table, stat = prefix[:-1], ""
        if table == "metrics":
            key, stat = split_stat(key)
        return Ref(table, key, stat or "last", key + ("." + stat if stat else ""))
    if not found.table:
        return Ref("", found.key, "last", found.key)
    shown = label(found.table, found.key, found.stat if found.named_stat else None)
    return Ref(found.table, found.key, found.stat, shown)


def check(field: str, store: Store | None = None) -> str:
    """The field's name (its prefix in lower case) when it names a field (a column of
    `ls --columns`), else a UsageError suggesting the closest one."""
    from runlab.store.query import UnknownField

    try:
        found = ref(field)
    except UnknownField:
        close = closest_field(store, field) if store is not None else None
        hint = f" (did you mean {close}?)" if close else ""
        raise UsageError(
            f"unknown field {field!r}{hint}: use one of {', '.join(PLAIN)}, params.X, "
            "metrics.X[.min|.max], tags.X, inputs.PATH, packages.NAME"
        ) from None
    if not found.table:
        return found.key
    return found.table + field[len(found.table):]


def columns(text: str, store: Store | None = None) -> list[str]:
    """The fields of `ls --columns A,B,...`, checked: commas split them except inside quotes
    (metrics.`a,b`); an error points at the field in `text`."""
    from runlab.store.query import split_fields

    out = []
    for field, offset in split_fields(text):
        try:
            out.append(check(field, store))
        except QueryError as e:
            raise QueryError(e.args[0], text, offset + e.column) from None
    return out


def closest_field(store: Store, word: str) -> str | None:
    """`metrics.val_loss` for `val_loss`: the params/metrics/tags field whose key is `word`,
    else the one whose key is spelled most like it; None when none is close. Spelled as the
    query language reads it (metrics.`acc@1`)."""
    for table in KEY_KINDS:
        if store.has_key(table, word):
            return spell(table, word)
    known = {key: table for table in reversed(KEY_KINDS) for key in store.keys(table)}
    close = _closest_key(word, list(known), 0.75)
    return spell(known[close], close) if close else None


def _closest_key(word: str, keys: Sequence[str], cutoff: float) -> str | None:
    """The key spelled most like `word`; else the shortest that a word of it starts with
    `word` (`acc`: `accuracy`, `val_accuracy`); None when none is."""
    close = difflib.get_close_matches(word, keys, n=1, cutoff=cutoff)
    if close:
        return close[0]
    lowered = word.lower()
    started = [key for key in keys if any(
        part.startswith(lowered) for part in re.split(r"[_/.\- ]", key.lower()))]
    return min(started, key=lambda key: (len(key), key)) if started and lowered else None


def missing_keys(store: Store, used: Sequence[tuple[str, str]]) -> list[str]:
    """A sentence for each (table, key) that no run in the store has, naming the closest."""
    out = []
    for table, key in used:
        if table not in KEY_KINDS or store.has_key(table, key):
            continue  # (inputs and packages: their keys are paths and names, never suggested)
        close = _closest_key(key, store.keys(table), 0.6)
        hint = f"; did you mean {spell(table, close)}?" if close else ""
        out.append(f"no run has a {KEY_KINDS[table]} {key!r}{hint}")
    return out


def best(store: Store, metric: str, better: str | None,
         directions: dict[str, str] | None = None) -> Best:
    """Read `--best METRIC [--better higher|lower]`: the direction comes from the metric's name
    as the end-of-run summary decides it (config `directions` win), unless `better` says."""
    from runlab.compare.changes import direction
    from runlab.store.selection import Best

    # METRIC reads as the field metrics.METRIC does: loss.min is loss's minimum.
    written = metric if metric.lower().startswith("metrics.") else "metrics." + metric
    try:
        _, key, stat, _ = ref(written)
    except QueryError:
        if written == "metrics.":
            raise UsageError("--best needs a metric, as in --best val_loss") from None
        raise
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


def refs(columns: Sequence[str]) -> dict[str, Ref | None]:
    """Each column read once (`ref`), for a table or a CSV to look its cells up with
    `value_of`; None for a name that reads as no field."""
    out: dict[str, Ref | None] = {}
    for column in columns:
        if column not in out:
            try:
                out[column] = ref(column)
            except QueryError:
                out[column] = None
    return out


def value(run: Run, field: str) -> Any:
    """The field's value in a run (the field read as `ref` reads it), or None when the run
    lacks it. Many runs: read the columns once with `refs`, then call `value_of`."""
    plain = FIELDS.get(field)
    if plain is not None:
        return plain.get(run)
    try:
        found = ref(field)
    except QueryError:
        return None
    return value_of(run, found)


def value_of(run: Run, found: Ref | None) -> Any:
    """The value in a run of a field already read with `ref`, or None."""
    if found is None:
        return None
    table, key, stat, _ = found
    if not table:
        return FIELDS[key].get(run)
    if table == "params":
        return run.params.get(key)
    if table == "metrics":
        summary = run.metrics.get(key)
        return None if summary is None else getattr(summary, stat)
    if table == "tags":
        return run.tags.get(key)
    if table == "inputs":
        entry = run.inputs.get(key)
        return entry.get("fingerprint") if isinstance(entry, dict) else None
    return run.packages.get(key)
