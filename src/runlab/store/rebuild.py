"""Rebuilding the index from the journals alone, while runs go on being recorded.

The index is derived data: `runlab reindex`, a damaged index and a store opened for the first
time build a new one here, run by run from the journals, and swap it in.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3

from runlab.store import index, journal
from runlab.store.journal import Event

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from runlab.store.store import Store


def rebuild(store: Store, *, replace: bool) -> None:
    """Index every run from its journal into a new file, then swap it in.

    The build holds no lock on the index: other processes record runs, tag and list
    meanwhile. The swap catches up, under the index's write lock, with what they did
    during the build (new runs, events, numbers given out) and replaces the index's
    contents in one transaction; nothing is unlinked under a process that has it open. A
    lock file makes parallel rebuilds take turns: one that finds the index built by
    another process (an automatic rebuild) has nothing left to do.
    """
    live = store._db
    assert live is not None
    if not store.writable:
        if index.in_memory(live) and index.get_meta(live, "runs_mtime") is None:
            _build(store, live, None)
        return
    with journal.locked(os.path.join(store.root, "index.lock")):
        if not replace and index.get_meta(live, "runs_mtime") is not None:
            return  # built by another process while this one waited
        scratch = f"{store.index_path}.rebuild-{os.getpid()}"
        _remove(scratch)
        fresh = index.connect(scratch, scratch=True)
        try:
            fresh.execute("ATTACH DATABASE ? AS live", (store.index_path,))
            _build(store, fresh, "live")
        finally:
            fresh.close()
            _remove(scratch)


def _build(store: Store, db: sqlite3.Connection, live: str | None) -> None:
    """Fill the index `db` from the journals, one run at a time, then (with the index
    attached as `live`) catch up and replace that one's contents."""
    seen: set[str] = set()
    deferred: list[tuple[float, str]] = []

    def take(run_id: str) -> None:
        path = store.journal_path(run_id)
        if not os.path.isfile(path):
            return  # not a run: a stray file, a directory being copied in
        start, numbers = journal.head(path)
        if start is None:
            if journal.size(path) > 0:
                store.problems.append(journal.unreadable(store.run_dir(run_id)))
            return
        seen.add(run_id)
        number = store.journal_number(numbers)
        if number is None and live is not None:
            row = db.execute(f"SELECT number FROM {live}.runs WHERE id = ?",
                             (run_id,)).fetchone()
            number = None if row is None else int(row[0])
        if number is None:
            deferred.append((_start_time(start), run_id))
        else:
            store.catch_up_run(db, run_id, number)

    with os.scandir(store.runs_dir) as entries:
        for k, entry in enumerate(entries):
            if k % 500 == 0:
                db.execute("BEGIN")
            take(entry.name)
            if k % 500 == 499:
                db.execute("COMMIT")
    if db.in_transaction:
        db.execute("COMMIT")
    db.execute("BEGIN IMMEDIATE")  # on the live index too: its writers wait from here
    try:
        mtime = os.stat(store.runs_dir).st_mtime_ns
        for run_id in os.listdir(store.runs_dir):
            if run_id not in seen:
                take(run_id)  # recorded during the build
        if live is not None:
            for (run_id,) in db.execute(
                    f"SELECT f.id FROM main.runs AS f JOIN {live}.runs AS l ON l.id = f.id "
                    "WHERE l.journal_offset > f.journal_offset").fetchall():
                store.catch_up_run(db, run_id)  # events indexed during the build
            for (run_id, number) in db.execute(
                    f"SELECT f.id, f.number FROM main.runs AS f LEFT JOIN {live}.runs AS l "
                    "ON l.id = f.id WHERE l.id IS NULL").fetchall():
                if not os.path.exists(store.journal_path(run_id)):
                    index.delete_run(db, number)  # purged during the build
        # Runs no index numbered yet follow, in start order, every number given out.
        seq = index.sequence(db, live) if live is not None else 0
        index.raise_sequence(db, max(seq, _highest_purged(store.root)))
        for _, run_id in sorted(deferred):
            store.catch_up_run(db, run_id)
        index.set_meta(db, "runs_mtime", mtime)
        if live is not None:
            index.replace_contents(db, "main", live)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _highest_purged(root: str) -> int:
    try:
        with open(os.path.join(root, "purged")) as f:
            return max((int(x) for x in f.read().split() if x.isdigit()), default=0)
    except OSError:
        return 0


def _remove(path: str) -> None:
    for suffix in ("", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path + suffix)


def _start_time(start: Event) -> float:
    t = start.get("t")
    return float(t) if isinstance(t, (int, float)) else 0.0
