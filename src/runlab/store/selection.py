"""Which runs a listing asks for (`RunQuery`), and the SQL the store reads them with.

Every face of runlab says what it wants as a `RunQuery` (a `--where` expression in the query
language, `--sort` fields, a page, hidden runs or visible ones, an experiment, exact tags, the
best runs by a metric); the store compiles it here. No other module writes SQL for a listing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True)
class Best:
    """`ls --best METRIC`: the metric, the statistic compared, and which way is better."""

    key: str
    stat: str
    direction: int  # +1 higher is better, -1 lower

    @property
    def field(self) -> str:
        """The metric as a field of the query language."""
        from runlab.store.fields import quote_key

        return f"metrics.{quote_key(self.key)}" + ("" if self.stat == "last" else f".{self.stat}")

    @property
    def description(self) -> str:
        from runlab.store.fields import label

        name = label("metrics", self.key, None if self.stat == "last" else self.stat)
        way = "higher" if self.direction > 0 else "lower"
        return f"best {name} first ({way} is better), finished runs only"


@dataclass(frozen=True)
class RunQuery:
    """The runs to list: `where` in the query language, `sort` as `[-]FIELD` items (newest
    first without one), a page of `limit` runs from `offset`; hidden runs instead of visible
    ones with `deleted`; only one experiment's; only runs carrying each of `tags` with exactly
    that value; with `best`, only finished runs that have its metric, best first."""

    where: str | None = None
    sort: Sequence[str] = ()
    limit: int | None = None
    offset: int = 0
    deleted: bool = False
    experiment: str | None = None
    tags: Mapping[str, str] = field(default_factory=dict)
    best: Best | None = None
    now: float | None = None  # anchors relative times; the clock when None


@dataclass(frozen=True)
class Compiled:
    """A RunQuery as SQL: a boolean over `runs` with its parameters, and an ORDER BY body."""

    where: str
    args: list[Any]
    order: str


NEWEST_FIRST = "runs.number DESC"


def compile_query(query: RunQuery, now: float) -> Compiled:
    """The SQL of a query; raises QueryError (store.query.UnknownField for a field name it
    does not know) as the query language does."""
    now = now if query.now is None else query.now
    clause = "runs.deleted = 1" if query.deleted else "runs.deleted = 0"
    args: list[Any] = []
    if query.where or query.best is not None or query.sort:
        # The query language is imported only by a query that uses it (`ls` start-up time).
        from runlab.store.query import compile_sort, compile_where
    if query.where:
        sql, where_args = compile_where(query.where, now=now)
        clause += f" AND ({sql})"
        args += where_args
    if query.experiment is not None:
        clause += " AND runs.experiment = ?"
        args.append(query.experiment)
    for key, value in query.tags.items():
        clause += " AND EXISTS (SELECT 1 FROM tags t WHERE t.run = runs.number AND t.key = ? " \
                  "AND t.value = ?)"
        args += [key, value]
    sort = list(query.sort)
    if query.best is not None:
        best_sql, best_args = compile_where(f"status = finished and exists {query.best.field}",
                                            now=now)
        clause += f" AND {best_sql}"
        args += best_args
        sort.insert(0, ("-" if query.best.direction > 0 else "") + query.best.field)
    order = compile_sort(sort) if sort else NEWEST_FIRST
    return Compiled(clause, args, order)
