"""The store: run directories with their journals, and the index kept current from them.

Every change is a journal line appended first and then applied to the index in one
transaction. An index write that fails loses nothing: the run is marked pending and the next
command applies what the index has not seen (`catch_up`).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass


from runlab.errors import AmbiguousRun, QueryError, RunNotFound, StoreError, UsageError
from runlab.store import events as kinds
from runlab.store import index, journal
from runlab.store.journal import Event
from runlab.store.rebuild import rebuild
from runlab.store.records import MetricPoint, Run

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

    from runlab.config import Settings
    from runlab.store.selection import Compiled, RunQuery
    from runlab.store.series import Drawn, Series

STORE_DIR = ".runlab"
DIR_MODE = 0o700
# A run's raw events channel while it runs (and the recorder's acknowledgements): read, redacted
# and removed at its end; it may hold secrets in the clear, so no copy of a run ever holds it.
CHANNEL_FILES = ("events.jsonl", "events.jsonl.ack")


def locate(cwd: str, override: str | None = None, env: Mapping[str, str] = os.environ,
           settings: Settings | None = None) -> str:
    """Where the store is: --store, then RUNLAB_STORE, then the `store` setting (relative to
    the project root), then .runlab/ at the repository root. The one place that decides it;
    `settings` are the ones already read for `cwd` (read here when None)."""
    if override:
        return os.path.abspath(override)
    if env.get("RUNLAB_STORE"):
        return os.path.abspath(env["RUNLAB_STORE"])
    from runlab import config

    if settings is None:
        settings = config.load(cwd, env)
    configured = settings.store
    if configured:
        return os.path.abspath(os.path.join(settings.root, configured))
    return os.path.join(config.project_root(cwd), STORE_DIR)


@dataclass
class CatchUpReport:
    """What a catch-up found: runs newly indexed and runs marked lost (problems met go to
    `Store.problems`)."""

    added: int = 0
    lost: int = 0


class Store:
    """A store at `root`, created on first use unless `create` is false: then a store that
    does not exist reads as one without runs, and nothing is made on disk (`absent`)."""

    def __init__(self, root: str, *, create: bool = True) -> None:
        self.root = root
        self.runs_dir = os.path.join(root, "runs")
        self.pending_dir = os.path.join(root, "pending")
        self._db: sqlite3.Connection | None = None
        self.problems: list[str] = []  # what the store repaired or skipped, for the user
        self.writable = True  # False once the index was found unwritable: reading only
        self._noted = False  # the user was told that the store cannot be written
        self.absent = not create and not os.path.isdir(self.runs_dir)
        if self.absent:
            self.writable = False
            self.id = ""
            return
        if create:
            self._create()
        self.id = self._store_id()

    def _create(self) -> None:
        try:
            for d in (self.root, self.runs_dir, self.pending_dir):
                if not os.path.isdir(d):
                    os.makedirs(d, mode=DIR_MODE, exist_ok=True)
            ignore = os.path.join(self.root, ".gitignore")
            if not os.path.exists(ignore) and _writable(self.root):
                with contextlib.suppress(FileExistsError):  # made meanwhile by a run beside
                    journal.write_private(ignore, b"*\n", exclusive=True)
        except OSError as e:
            raise StoreError(f"cannot create the store at {self.root}: {e.strerror}") from e

    def _store_id(self) -> str:
        path = os.path.join(self.root, "store-id")
        try:
            with open(path) as f:
                return f.read().strip()
        except FileNotFoundError:
            pass
        try:
            _create_whole(path, os.urandom(16).hex().encode())
        except FileExistsError:
            pass
        except OSError:
            return ""  # a read-only store that never had one: it never numbered a run either
        with open(path) as f:
            return f.read().strip()

    # -- the index ---------------------------------------------------------------------------

    @property
    def index_path(self) -> str:
        return os.path.join(self.root, "index.db")

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None and self.absent:
            self._db = index.connect(":memory:")
        if self._db is None:
            self._db = self._open_index()
            if index.get_meta(self._db, "runs_mtime") is None and os.listdir(self.runs_dir):
                rebuild(self, replace=False)
        return self._db

    def _open_index(self) -> sqlite3.Connection:
        """The index, or when the store cannot be written (a read-only copy, another user's
        store, a full disk) the index opened read-only, or one in memory rebuilt from the
        journals: reading never needs to write."""
        path = self.index_path
        try:
            return index.connect(path)
        except index.CorruptIndex as e:
            # The index is derived data: set the damaged file aside and rebuild it.
            aside = f"{path}.damaged-{int(time.time())}"
            try:
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(path + suffix):
                        os.replace(path + suffix, aside + suffix)
                self.problems.append(f"{e}: set it aside as {aside} and rebuilt the index "
                                     "from the journals")
                return index.connect(path)
            except (OSError, StoreError) as e2:
                why = getattr(e2, "strerror", None) or str(e2)
        except index.NewerIndex:
            raise
        except StoreError as e:
            why = str(e.__cause__ or e)
        self.writable = False
        self._skipped(why)
        found = index.connect_read_only(path)
        return found if found is not None else index.connect(":memory:")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # -- paths -------------------------------------------------------------------------------

    def run_dir(self, run_id: str) -> str:
        return os.path.join(self.runs_dir, run_id)

    def journal_path(self, run_id: str) -> str:
        return os.path.join(self.runs_dir, run_id, journal.JOURNAL)

    def reserve_path(self, run_id: str) -> str:
        """Room a running run keeps aside for its end on a disk that fills up (tracking.py);
        a run found lost no longer needs it."""
        return os.path.join(self.runs_dir, run_id, "reserve")

    # -- writing -----------------------------------------------------------------------------

    def create_run(self, start: Event) -> tuple[str, int | None]:
        """Make the run's directory and journal from a start event; returns (id, number)."""
        run_id = start.setdefault("id", os.urandom(16).hex())
        start["e"] = "start"
        start.setdefault("t", time.time())
        path = self.run_dir(run_id)
        try:
            os.mkdir(path, DIR_MODE)
            journal.append(self.journal_path(run_id), [start])
        except OSError as e:
            raise StoreError(f"cannot write the run to {path}: {e.strerror}") from e
        return run_id, self._apply(run_id)  # indexing it records its number in the journal

    def append(self, run_id: str, events: list[Event], *, fsync: bool = False) -> int | None:
        """Record events in the run's journal, then in the index; returns the run's number."""
        start, end = journal.append(self.journal_path(run_id), events, fsync=fsync)
        return self._apply(run_id, (events, start, end))

    def _apply(self, run_id: str,
               written: tuple[list[Event], int, int] | None = None) -> int | None:
        """Apply the journal's unseen lines; on a busy or broken index, leave it pending.

        `written` is what this process just appended (events and byte range): when the index
        has seen everything before it, those events are applied as they are, not read back.
        """
        try:
            with self.transaction() as db:
                if written is not None:
                    events, start, end = written
                    offset = index.run_offset(db, run_id)
                    if offset is not None and offset >= start and events[0]["e"] != "start":
                        if offset == start:
                            number = index.apply_events(db, run_id, events)
                            if number is not None:
                                index.set_offset(db, number, end)
                            return number
                        if offset >= end:  # another process applied it already
                            return _number(db, run_id)
                return self.catch_up_run(db, run_id)
        except (sqlite3.OperationalError, sqlite3.DatabaseError):
            self._mark_pending(run_id)
            return None

    def hide_in_start(self, run_id: str, command: list[str],
                      secrets: Collection[str]) -> bool:
        """Hide what the run's start recorded before it was known to hold secrets (a secret
        option's value typed after a short option, `-k X`, that the program's parser stores in
        `api_key`): its command line as `command` has it now, and its params and positionals
        whose value is one of `secrets` (`hide_params`); nothing else (a folder's or a
        script's name holding the same text stays). In the journal's first line, written
        again in place at its length (padded with spaces; nothing appended meanwhile moves),
        and in the index. False when the index was busy: call it again."""
        from runlab.capture.args import hide_params

        path = self.journal_path(run_id)
        try:
            with open(path, "rb") as f:
                line = f.readline().rstrip(b"\n")
            start = json.loads(line)
        except (OSError, ValueError):
            return True  # (nothing this can hide)
        if not isinstance(start, dict):
            return True
        hidden = {**start, "command": list(command)}
        # (a named command's params as typed too, `-k {cred}`'s value)
        for name in ("params", "args", "command_params"):
            if name in start:
                hidden[name] = hide_params(start[name], secrets)
        if hidden != start:
            text = json.dumps(hidden, separators=(",", ":")).encode()
            if len(text) <= len(line):
                with contextlib.suppress(OSError):
                    fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
                    try:
                        os.pwrite(fd, text + b" " * (len(line) - len(text)), 0)
                    finally:
                        os.close(fd)
        try:
            with self.transaction() as db:
                number = _number(db, run_id)
                row = db.execute("SELECT data FROM runs WHERE number = ?", (number,)).fetchone()
                if row is not None:
                    data = json.loads(row[0])
                    for name in ("args", "command_params"):
                        if name in data:
                            data[name] = hide_params(data[name], secrets)
                    db.execute("UPDATE runs SET command = ?, data = ? WHERE number = ?",
                               (json.dumps(list(command)), json.dumps(data), number))
                for key, value, kind in db.execute(
                        "SELECT key, value, kind FROM params WHERE run = ?", (number,)).fetchall():
                    decoded = index.decode_param(value, kind)
                    name, shown = next(iter(hide_params({key: decoded}, secrets).items()))
                    if name != key:
                        db.execute("DELETE FROM params WHERE run = ? AND key = ?", (number, key))
                    elif shown != decoded:
                        db.execute("UPDATE params SET value = ?, kind = ? WHERE run = ? AND "
                                   "key = ?", (*index.encode_param(shown), number, key))
        except (sqlite3.OperationalError, sqlite3.DatabaseError):
            return False
        return True

    def index_only(self, run_id: str, events: list[Event]) -> bool:
        """Apply events that the journal refused (a full disk) to the index alone, so that it
        shows at least how a run ended; the journal, and an index rebuilt from it, lack them."""
        try:
            with self.transaction() as db:
                number = _number(db, run_id)
                if number is None:
                    return False
                for event in events:
                    index.apply_event(db, number, event)
        except (sqlite3.OperationalError, sqlite3.DatabaseError):
            return False
        return True

    def _mark_pending(self, run_id: str) -> None:
        with contextlib.suppress(OSError):
            journal.write_private(os.path.join(self.pending_dir, run_id), b"", exclusive=True)

    def catch_up_run(self, db: sqlite3.Connection, run_id: str,
                      number: int | None = None) -> int | None:
        """Apply what the index has not seen of a run's journal, read as a stream. A run new
        to the index takes the number its journal records (else `number`, else the next)."""
        known = index.run_offset(db, run_id)
        offset = known or 0
        path = self.journal_path(run_id)
        if offset and journal.size(path) <= offset:
            return _number(db, run_id)
        given = number
        if known is None and given is None:
            given = self.journal_number(journal.head(path)[1])
        stream = journal.Stream(path, offset)
        found = index.apply_events(db, run_id, stream, given)
        self.problems += stream.problems
        if found is None:
            if journal.size(path) > 0:
                self.problems.append(journal.unreadable(self.run_dir(run_id)))
            return None
        index.set_offset(db, found, stream.offset)
        if known is None and given != found:
            self._record_number(db, run_id, found, stream.offset)
        if journal.size(path) > stream.offset and \
                db.execute("SELECT status FROM runs WHERE number = ?", (found,)).fetchone()[0] \
                != "running":
            self.problems.append(_cut_off(path))
        return found

    def journal_number(self, events: list[Event]) -> int | None:
        """The number this store last gave the run, as its journal records it."""
        found = None
        for e in events:
            if e["e"] == "number" and e.get("store") == self.id and isinstance(e.get("n"), int):
                found = int(e["n"])
        return found

    def _record_number(self, db: sqlite3.Connection, run_id: str, number: int,
                       applied: int) -> None:
        """Write a newly given number into the run's journal, so a rebuilt index keeps it."""
        try:
            start, end = journal.append(self.journal_path(run_id),
                                        [kinds.number(number, self.id)])
        except OSError:
            return  # a read-only copy: the number is still right while this index lives
        if start == applied:
            index.set_offset(db, number, end)

    # -- catching up -------------------------------------------------------------------------

    def catch_up(self) -> CatchUpReport:
        """Apply what the index has not seen: new run directories, growth of running runs'
        journals, pending runs; and mark runs whose runlab process died as lost."""
        report = CatchUpReport()
        if self.absent:
            return report
        db = self.db
        todo: set[str] = set()
        try:
            mtime = os.stat(self.runs_dir).st_mtime_ns
        except OSError as e:
            raise StoreError(f"cannot read the store at {self.root}: {e.strerror}") from e
        if index.get_meta(db, "runs_mtime") != mtime:
            known = index.known_ids(db)
            new = [d for d in os.listdir(self.runs_dir) if d not in known]
            todo.update(d for d in new if os.path.isfile(self.journal_path(d)))
            report.added = len(todo)
        with contextlib.suppress(OSError):
            todo.update(os.listdir(self.pending_dir))
        host = os.uname().nodename
        dead: list[str] = []
        for run_id, offset, run_host, pid, pid_start, boot, ticks in index.running_runs(db):
            if journal.size(self.journal_path(run_id)) > offset:
                todo.add(run_id)
            if run_host == host and pid and not _alive(pid, pid_start, boot, ticks):
                dead.append(run_id)
        if not todo and not dead and index.get_meta(db, "runs_mtime") == mtime:
            return report
        if not self.writable and not index.in_memory(db):
            self._skipped(f"{len(todo) + len(dead)} run(s) changed since it was indexed")
            return report
        try:
            if todo:
                with self.transaction() as tx:
                    for run_id in sorted(todo, key=self._started_key):
                        self.catch_up_run(tx, run_id)
                        if self.writable:
                            with contextlib.suppress(OSError):
                                os.unlink(os.path.join(self.pending_dir, run_id))
            for run_id in dead:
                # Another process may have finished it meanwhile: only mark what is still
                # running. A store that cannot take the mark shows the run lost all the same.
                if self._status(run_id) == "running":
                    lost = _lost_event(self.journal_path(run_id))
                    try:
                        self.append(run_id, [lost], fsync=True)
                    except OSError:
                        self.index_only(run_id, [lost])
                    report.lost += 1
                    with contextlib.suppress(OSError):
                        os.unlink(self.reserve_path(run_id))
                    for name in CHANNEL_FILES:  # (its recorder died before it removed them)
                        with contextlib.suppress(OSError):
                            os.unlink(os.path.join(self.run_dir(run_id), name))
            with self.transaction() as tx:
                index.set_meta(tx, "runs_mtime", mtime)
        except sqlite3.DatabaseError as e:  # a full disk, a read-only file
            self._skipped(str(e))
        return report

    def _skipped(self, why: str) -> None:
        """Say once (one line at most) that the store cannot be written: reading goes on,
        from the index as it was last written or from one built in memory."""
        if not self._noted:
            self._noted = True
            self.problems.append(f"the store at {self.root} cannot be written ({why}): "
                                 "reading it as it is")

    def _started_key(self, run_id: str) -> float:
        """When a run started, as its start event says (new runs are numbered in that order;
        a journal's mtime says when it last changed, a tag added to an old run included)."""
        path = self.journal_path(run_id)
        try:
            with open(path, "rb") as f:
                first = f.readline(1 << 22)
        except OSError:
            return 0.0
        t = _first_line_time(first)
        if t is not None:
            return t
        try:
            return os.stat(path).st_mtime
        except OSError:
            return 0.0

    def _status(self, run_id: str) -> str | None:
        row = self.db.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()
        return None if row is None else str(row[0])

    def reindex(self) -> int:
        """Rebuild the index from the journals alone; returns the number of runs indexed.

        Built into a new file while runs go on being recorded, then swapped in (store/rebuild.py).
        """
        self.close()
        self._db = self._open_index()
        if not self.writable:  # a rebuild in memory only would rebuild nothing
            raise StoreError(f"cannot rebuild the index: the store at {self.root} cannot be "
                             "written; the old index is left as it was")
        try:
            rebuild(self, replace=True)
        except (OSError, sqlite3.DatabaseError) as e:
            raise StoreError(f"cannot rebuild the index ({getattr(e, 'strerror', None) or e}); "
                             "the old index is left as it was") from None
        return int(self.db.execute("SELECT count(*) FROM runs").fetchone()[0])

    # -- reading -----------------------------------------------------------------------------

    def resolve(self, ref: str) -> str:
        """The id of the run a reference names: number, last, last~N, @TAG, @TAG~N, name, or
        id prefix. `@TAG` is the newest run carrying that tag or label (`@TAG~1` the one
        before it): a tag marks a choice, and the latest choice is the one meant."""
        ref = ref.strip()
        db = self.db
        if ref.startswith("@"):
            return self._resolve_tag(ref)
        if ref == "last" or ref.startswith("last~"):
            n = _small_int(ref[5:] or "0")
            if n is None:
                raise UsageError(f"bad run reference {ref!r}: use last or last~N "
                                 "(N a whole number, 0 or more)")
            found = index.nth_last(db, n, include_deleted=False)
            if found is None:
                raise RunNotFound(f"no run {ref}: the store has fewer runs")
            return found[1]
        if ref.isdigit():
            number = _small_int(ref)
            run_id = None if number is None else index.by_number(db, number)
            if run_id is not None:
                return run_id
            if len(ref) < 6 or not index.find_refs(db, ref):  # else: an id prefix of digits
                raise RunNotFound(f"no run number {ref}; `runlab ls` lists them")
        candidates = index.find_refs(db, ref)
        if not candidates:
            import difflib

            close = difflib.get_close_matches(ref, ["last", *index.run_names(db)], n=1)
            if close:
                raise RunNotFound(f"no run matches {ref!r}: did you mean {close[0]!r}?")
            hint = " (an id prefix needs at least 6 characters)" if len(ref) < 6 else ""
            raise RunNotFound(f"no run matches {ref!r}{hint}; `runlab ls` lists them")
        if len(candidates) > 1:
            names = ", ".join(f"{n} ({i[:8]})" for n, i, _ in candidates[:10])
            raise AmbiguousRun(f"{ref!r} matches several runs: {names}; use a number")
        return candidates[0][1]

    def _resolve_tag(self, ref: str) -> str:
        key, _, back = ref[1:].rpartition("~") if "~" in ref else (ref[1:], "", "0")
        if not key or not back.isdigit():
            raise UsageError(f"bad run reference {ref!r}: use @TAG or @TAG~N")
        found = index.tagged(self.db, key, int(back))
        if found is not None:
            return found[1]
        if back != "0" and index.tagged(self.db, key, 0) is not None:
            raise RunNotFound(f"no run {ref}: fewer runs carry the tag {key!r}")
        raise RunNotFound(f"no run carries the tag {key!r}; `runlab tag RUN {key}` sets it")

    def has_key(self, table: str, key: str) -> bool:
        """Whether any run has this key in `params`, `metrics` or `tags`."""
        return index.has_key(self.db, table, key)

    def keys(self, table: str) -> list[str]:
        """Every key of `params`, `metrics` or `tags` that some run has, sorted."""
        return index.keys(self.db, table)

    def get(self, run_id: str) -> Run:
        runs = index.load_runs(self.db, "runs.id = ?", (run_id,))
        if not runs:
            raise RunNotFound(f"no run {run_id}")
        return runs[0]

    def list_runs(self, query: RunQuery | None = None) -> list[Run]:
        """The runs a query names (every visible run, newest first, without one)."""
        found = self.compiled(query)
        return index.load_runs(self.db, found.where, found.args, found.order, *self._page(query))

    def iter_runs(self, query: RunQuery | None = None) -> Iterator[Run]:
        """`list_runs` as a stream, for outputs of every run (a batch in memory at a time)."""
        found = self.compiled(query)
        return index.iter_runs(self.db, found.where, found.args, found.order,
                               *self._page(query))

    def run_keys(self, query: RunQuery | None = None) -> dict[str, list[str]]:
        """The param, metric and tag names that the runs a query names have."""
        found = self.compiled(query)
        return index.run_keys(self.db, found.where, found.args)

    def count_runs(self, query: RunQuery | None = None) -> int:
        """How many runs `list_runs` would give without a limit."""
        found = self.compiled(query)
        return index.count_runs(self.db, found.where, found.args)

    def compiled(self, query: RunQuery | None) -> Compiled:
        """The query's SQL; a field named like a key of this store (`--sort val_loss`) gets
        the right spelling suggested."""
        from runlab.store.selection import RunQuery, compile_query

        try:
            return compile_query(query or RunQuery(), time.time())
        except QueryError as e:
            # Imported here: a query without --where or --sort never loads the query language.
            from runlab.store.fields import closest_field
            from runlab.store.query import UnknownField

            if not isinstance(e, UnknownField):
                raise
            close = closest_field(self, e.word)
            if close is None:
                raise
            raise QueryError(f"unknown field {e.word!r}: did you mean {close}?", e.expression,
                             e.column) from None

    @staticmethod
    def _page(query: RunQuery | None) -> tuple[int | None, int]:
        if query is None:
            return None, 0
        _check_limit(query.limit)
        if query.offset < 0:
            raise UsageError("limit and offset cannot be negative")
        return query.limit, query.offset

    def field_keys(self) -> dict[str, list[str]]:
        """The param, metric and tag keys of the visible runs: {"params": [...], ...}."""
        return index.field_keys(self.db)

    def previous(self, run: Run) -> Run | None:
        prev = index.previous_run(self.db, run.number)
        return None if prev is None else self.get(prev)

    def events(self, run_id: str) -> list[Event]:
        return journal.read(self.journal_path(run_id)).events

    def series_dir(self, run_id: str) -> str:
        """Where a run's series cache lives (store/series.py): derived data, like the index."""
        return os.path.join(self.root, "cache", "series", run_id)

    def series_arrays(self, run_id: str, keys: list[str] | None = None) -> dict[str, Series]:
        """A run's metric series as flat arrays, read from its series cache (brought up to date
        from the journal first). A `reparse` event replaces every point before it."""
        from runlab.store import series

        return series.load(self.series_dir(run_id), self.journal_path(run_id), keys)

    def cache_series(self, run_id: str, later: bool = False) -> None:
        """Bring a run's series cache up to date, as a run's end does: the first `show` or
        `plot` of a long run then finds it built. `later`: in a process of its own, at low
        priority, that outlives this one (a run of a million points takes a second or two, which
        its end need not wait for). Derived data: a store that cannot take it (full,
        read-only) is left as it is, and readers build it, or do without."""
        from runlab.store import series

        cache, journal = self.series_dir(run_id), self.journal_path(run_id)
        with contextlib.suppress(OSError):
            if not later:
                series.update(cache, journal)
                return
            import subprocess
            import sys

            # (from the store's folder: `-m` imports from the current one first, which is
            # the user's project, where a `runlab.py` or `json.py` may be)
            subprocess.Popen([sys.executable, "-m", "runlab.store.series",
                              os.path.abspath(cache), os.path.abspath(journal)],
                             cwd=self.root, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)

    def series(self, run_id: str, keys: list[str] | None = None) -> dict[str, list[MetricPoint]]:
        """The full metric series of one run, point by point (`series_arrays` holds a long
        run's in less memory, `downsampled` is what a chart needs)."""
        return {key: list(s.points()) for key, s in self.series_arrays(run_id, keys).items()}

    def downsampled(self, run_id: str, keys: list[str] | None,
                    max_points: int) -> dict[str, Drawn]:
        """Each series with at most `max_points` points: the first, the last and every
        extreme (store.series.downsample), for a chart of a run of any length; read from the
        series cache's blocks, at a cost that follows `max_points`, not the run's length."""
        from runlab.store import series

        return series.load_drawn(self.series_dir(run_id), self.journal_path(run_id), keys,
                                 max_points)

    def output_log(self, run_id: str, *, tail: int | None = None, follow: bool = False,
                   poll: float = 0.2) -> Iterator[bytes]:
        """A run's captured output in chunks: the last `tail` lines only, and with `follow`,
        what it goes on printing until it ends (or is found lost)."""
        path = self.output_path(run_id)
        try:
            f = open(path, "rb")
        except FileNotFoundError:
            if not follow:
                return
            f = None
        with contextlib.ExitStack() as stack:
            if f is not None:
                stack.enter_context(f)
                if tail is not None:
                    yield _last_lines(f, tail)
                else:
                    yield from _chunks(f)
            while follow:
                ended = self._status(run_id) != "running"
                if f is None and os.path.exists(path):
                    f = stack.enter_context(open(path, "rb"))
                if f is not None:
                    yield from _chunks(f)
                if ended:
                    return
                time.sleep(poll)  # a file offers no wake-up: poll for growth
                self.catch_up()  # notices a wrapper that died, and marks its run lost

    def output_path(self, run_id: str) -> str:
        return os.path.join(self.run_dir(run_id), "output.log")

    def remove_run_dir(self, run_id: str) -> int:
        """Delete a run directory for good without following links; returns bytes freed."""
        path = self.run_dir(run_id)
        freed = 0
        for top, _dirs, files in os.walk(path):
            for name in files:
                with contextlib.suppress(OSError):
                    st = os.lstat(os.path.join(top, name))
                    if st.st_nlink == 1:  # a file also linked elsewhere (a blob) stays
                        freed += st.st_size
        import shutil

        shutil.rmtree(path, ignore_errors=True)
        return freed

    def purge_run(self, run_id: str) -> int:
        """Delete a run for good, directory then index rows; returns the bytes freed.

        Never follows a link: a run directory that is itself a link loses only the link. The
        directory goes first, so a purge cut short leaves an index row that purge finds again.
        """
        path = self.run_dir(run_id)
        if os.path.islink(path):
            with contextlib.suppress(OSError):
                os.unlink(path)
            freed = 0
        else:
            freed = self.remove_run_dir(run_id)
        if os.path.lexists(path):
            raise StoreError(f"could not remove all of {path}: check its permissions, then "
                             "purge again")
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(self.pending_dir, run_id))
        import shutil

        shutil.rmtree(self.series_dir(run_id), ignore_errors=True)
        with self.transaction() as db:
            number = _number(db, run_id)
            if number is not None:
                index.delete_run(db, number)
                # Remembered outside the index, so that a rebuilt one never reuses it either.
                with contextlib.suppress(OSError):
                    journal_line = f"{number}\n".encode()
                    fd = os.open(os.path.join(self.root, "purged"),
                                 os.O_WRONLY | os.O_APPEND | os.O_CREAT, journal.FILE_MODE)
                    try:
                        os.write(fd, journal_line)
                    finally:
                        os.close(fd)
        return freed


def _chunks(f: Any) -> Iterator[bytes]:
    """What is left of an open file, in blocks."""
    while block := f.read(1 << 16):
        yield block


def _last_lines(f: Any, n: int) -> bytes:
    """The last `n` lines of a file, reading it backwards in blocks (a log may be huge)."""
    if n <= 0:
        return b""
    end = f.seek(0, os.SEEK_END)
    pos, ends = end, 0
    blocks: list[bytes] = []
    # Count line ends as splitlines() splits (\n, \r\n and a lone \r: a progress bar's
    # redraws), each block once, so a log of redraws is not read whole nor rescanned.
    while pos > 0 and ends <= n:
        step = min(pos, 1 << 16)
        pos -= step
        f.seek(pos)
        block = f.read(step)
        ends += block.count(b"\n") + block.count(b"\r") - block.count(b"\r\n")
        if blocks and block.endswith(b"\r") and blocks[-1].startswith(b"\n"):
            ends -= 1  # a \r\n cut in two between blocks
        blocks.append(block)
    lines = b"".join(reversed(blocks)).splitlines(keepends=True)[-n:]
    f.seek(end)
    return b"".join(lines)


def _check_limit(limit: int | None) -> None:
    if limit is not None and not 0 <= limit <= index.INT_MAX:
        raise UsageError(f"cannot list {limit} runs: a limit is a whole number from 0 "
                         "to 2^63-1")


def _create_whole(path: str, data: bytes) -> None:
    """Create `path` holding `data`, appearing whole or not at all: a process starting beside
    this one must never read it empty (it would number runs for a store with no id). The
    data goes to a private scratch file first, then is linked into place, which fails with
    FileExistsError when another process was first; on a file system without hard links
    (some network and FUSE mounts) it is written in place."""
    scratch = f"{path}.{os.getpid()}-{os.urandom(4).hex()}"
    try:
        journal.write_private(scratch, data, exclusive=True)
        os.link(scratch, path)
    except FileExistsError:
        raise  # another process created it first: it is whole, read it
    except OSError:
        journal.write_private(path, data, exclusive=True)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(scratch)


def _writable(path: str) -> bool:
    return os.access(path, os.W_OK)


def _small_int(text: str) -> int | None:
    """A whole number of ASCII digits that SQLite can hold, else None (`-1`, `²`, 10**30)."""
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    n = int(text)
    return n if n <= index.INT_MAX else None


def _number(db: sqlite3.Connection, run_id: str) -> int | None:
    row = db.execute("SELECT number FROM runs WHERE id = ?", (run_id,)).fetchone()
    return None if row is None else int(row[0])


def _alive(pid: int, start: float | None, boot: str | None, ticks: int | None) -> bool:
    from runlab.capture.system import pid_alive

    return pid_alive(pid, start, None if boot is None or ticks is None else (boot, ticks))


def _cut_off(path: str) -> str:
    return f"ignored an unfinished last line in {path} (cut off when the machine or runlab stopped)"


def _lost_event(journal_path: str) -> Event:
    try:
        t = os.stat(journal_path).st_mtime
    except OSError:
        t = time.time()
    return kinds.end("lost", None, t=t)


def _first_line_time(line: bytes) -> float | None:
    """The time of a journal's first line when it is a start event."""
    import json

    try:
        event = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if kinds.problem(event) is not None or event.get("e") != "start":
        return None
    t = event.get("t")
    return None if t is None else float(t)
