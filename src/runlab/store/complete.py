"""Cheap look-ups for shell completion: run numbers and names, tag keys, field keys.

These run on every Tab press, inside the shell's completion function, so they open the index
read-only (never creating a store, a database or a journal), do not catch up with the
journals, wait at most a moment for a lock, and answer an empty list instead of raising:
a completion that fails loudly would print into the user's command line. A run whose journal
the index has not applied yet is therefore not offered until the next ordinary command.
"""

from __future__ import annotations

import os
import sqlite3
from urllib.parse import quote

INDEX = "index.db"
LIMIT = 200
_TIMEOUT_S = 0.25


def _open(root: str) -> sqlite3.Connection | None:
    path = os.path.join(os.path.abspath(root), INDEX)
    if not os.path.isfile(path):
        return None
    db = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, timeout=_TIMEOUT_S)
    db.execute("PRAGMA query_only = 1")
    return db


def _rows(root: str, sql: str, args: tuple[object, ...]) -> list[tuple[object, ...]]:
    """The rows of one read-only query of the store at `root`; [] on any trouble."""
    try:
        db = _open(root)
        if db is None:
            return []
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()
    except (sqlite3.Error, OSError, ValueError):
        return []


def run_refs(root: str, limit: int = LIMIT) -> list[tuple[int, str | None]]:
    """(number, name) of the newest runs that are not deleted, newest first; [] on any trouble."""
    rows = _rows(root, "SELECT number, name FROM runs WHERE deleted = 0 "
                       "ORDER BY number DESC LIMIT ?", (limit,))
    return [(int(number), name if isinstance(name, str) else None)  # type: ignore[call-overload]
            for number, name in rows]


def tag_keys(root: str, limit: int = LIMIT) -> list[str]:
    """Every tag key in use, sorted; [] on any trouble."""
    return keys(root, "tags", limit)


def keys(root: str, table: str, limit: int = LIMIT, prefix: str = "") -> list[str]:
    """Every key of `params`, `metrics` or `tags` in use that starts with `prefix`, sorted
    (the first `limit` of them: the prefix is applied first, so a store of thousands of keys
    still completes `k299`); [] on any trouble."""
    if table not in ("params", "metrics", "tags"):
        return []
    rows = _rows(root, f"SELECT DISTINCT key FROM {table} WHERE substr(key, 1, ?) = ? "
                       "ORDER BY key LIMIT ?", (len(prefix), prefix, limit))
    return [key for (key,) in rows if isinstance(key, str)]
