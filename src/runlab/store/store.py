"""The store: run directories with their journals, and the index kept current from them.

Every change is a journal line appended first and then applied to the index in one
transaction. An index write that fails loses nothing: the run is marked pending and the next
command applies what the index has not seen (`sync`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass


from runlab.errors import AmbiguousRun, RunNotFound, StoreError, UsageError
from runlab.store import events as kinds
from runlab.store import index, journal
from runlab.store.journal import Event
from runlab.store.records import MetricPoint, Run

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

STORE_DIR = ".runlab"
DIR_MODE = 0o700


def locate(cwd: str, override: str | None = None, env: Mapping[str, str] = os.environ) -> str:
    """Where the store is: --store, then RUNLAB_STORE, then .runlab/ at the repository root."""
    if override:
        return os.path.abspath(override)
    if env.get("RUNLAB_STORE"):
        return os.path.abspath(env["RUNLAB_STORE"])
    from runlab.capture.git import find_repo_root

    return os.path.join(find_repo_root(cwd) or cwd, STORE_DIR)


@dataclass
class SyncReport:
    """What a catch-up found: runs newly indexed and runs marked lost (problems met go to
    `Store.problems`)."""

    added: int = 0
    lost: int = 0


class Store:
    """A store at `root` (created on first use)."""

    def __init__(self, root: str, *, create: bool = True) -> None:
        self.root = root
        self.runs_dir = os.path.join(root, "runs")
        self.pending_dir = os.path.join(root, "pending")
        self._db: sqlite3.Connection | None = None
        self.problems: list[str] = []  # what the store repaired or skipped, for the user
        if create:
            self._create()
        elif not os.path.isdir(self.runs_dir):
            raise StoreError(f"no runlab store at {root}")
        self.id = self._store_id()

    def _create(self) -> None:
        try:
            for d in (self.root, self.runs_dir, self.pending_dir):
                if not os.path.isdir(d):
                    os.makedirs(d, mode=DIR_MODE, exist_ok=True)
            ignore = os.path.join(self.root, ".gitignore")
            if not os.path.exists(ignore):
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
        with contextlib.suppress(FileExistsError):
            journal.write_private(path, os.urandom(16).hex().encode(), exclusive=True)
        with open(path) as f:
            return f.read().strip()

    # -- the index ---------------------------------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            path = os.path.join(self.root, "index.db")
            try:
                self._db = index.connect(path)
            except index.CorruptIndex as e:
                # The index is derived data: set the damaged file aside and rebuild it.
                aside = f"{path}.damaged-{int(time.time())}"
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(OSError):
                        os.replace(path + suffix, aside + suffix)
                self.problems.append(f"{e}: set it aside as {aside} and rebuilt the index "
                                     "from the journals")
                self._db = index.connect(path)
            fresh = index.get_meta(self._db, "runs_mtime") is None
            if fresh and os.listdir(self.runs_dir):
                self._rebuild_into(self._db)
        return self._db

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

    def append(self, run_id: str, events: list[Event], *, sync: bool = False) -> int | None:
        """Record events in the run's journal, then in the index; returns the run's number."""
        start, end = journal.append(self.journal_path(run_id), events, sync=sync)
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
                            return index.apply_events(db, run_id, events, end)
                        if offset >= end:  # another process applied it already
                            return _number(db, run_id)
                return self._catch_up_run(db, run_id)
        except (sqlite3.OperationalError, sqlite3.DatabaseError):
            self._mark_pending(run_id)
            return None

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

    def _catch_up_run(self, db: sqlite3.Connection, run_id: str) -> int | None:
        known = index.run_offset(db, run_id)
        offset = known or 0
        path = self.journal_path(run_id)
        if offset and journal.size(path) <= offset:
            return _number(db, run_id)
        result = journal.read(path, offset)
        self.problems += result.problems
        number = index.apply_events(
            db, run_id, result.events, result.offset, number_for=self._journal_number
        )
        if number is None and journal.size(path) > 0:
            self.problems.append(_unreadable(self.run_dir(run_id)))
        if known is None and number is not None and \
                self._journal_number({}, result.events) != number:
            self._record_number(db, run_id, number, result.offset)
        if number is not None and journal.size(path) > result.offset and \
                db.execute("SELECT status FROM runs WHERE number = ?", (number,)).fetchone()[0] \
                != "running":
            self.problems.append(_cut_off(path))
        return number

    def _journal_number(self, start: Event, events: list[Event]) -> int | None:
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
            db.execute("UPDATE runs SET journal_offset = ? WHERE number = ?", (end, number))

    # -- catching up -------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """Apply what the index has not seen: new run directories, growth of running runs'
        journals, pending runs; and mark runs whose runlab process died as lost."""
        report = SyncReport()
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
        for run_id, offset, run_host, pid, pid_start in index.running_runs(db):
            if journal.size(self.journal_path(run_id)) > offset:
                todo.add(run_id)
            if run_host == host and pid and not _alive(pid, pid_start):
                dead.append(run_id)
        if todo:
            with self.transaction() as tx:
                for run_id in sorted(todo, key=self._started_key):
                    self._catch_up_run(tx, run_id)
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(self.pending_dir, run_id))
        for run_id in dead:
            # Another process may have finished it meanwhile: only mark what is still running.
            if self._status(run_id) == "running":
                self.append(run_id, [_lost_event(self.journal_path(run_id))], sync=True)
                report.lost += 1
        if index.get_meta(db, "runs_mtime") != mtime:
            with self.transaction() as tx:
                index.set_meta(tx, "runs_mtime", mtime)
        return report

    def _started_key(self, run_id: str) -> float:
        """When a run started, as its start event says (new runs are numbered in that order;
        a journal's mtime says when it last changed, a tag added to an old run included)."""
        path = self.journal_path(run_id)
        try:
            with open(path, "rb") as f:
                first = f.readline(1 << 22)
        except OSError:
            return 0.0
        t = _start_time(first)
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

        The new index is built beside the old one and swapped in whole: a rebuild that
        fails, or is killed, leaves the old index as it was.
        """
        self.close()
        path = os.path.join(self.root, "index.db")
        fresh = f"{path}.rebuild-{os.getpid()}"
        _remove_index(fresh)
        try:
            db = index.connect(fresh)
            try:
                self._rebuild_into(db)  # (a store with no runs yet: nothing, marked built)
                count = int(db.execute("SELECT count(*) FROM runs").fetchone()[0])
                db.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                db.close()
            # The old index's write-ahead log must not be read as the new one's.
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path + suffix)
            os.replace(fresh, path)
        except BaseException:
            _remove_index(fresh)
            raise
        return count

    def _rebuild_into(self, db: sqlite3.Connection) -> int:
        """Index every run from its journal into a fresh index; returns how many.

        Under the index's write lock from the start: parallel commands that all find a fresh
        index rebuild it once (the others find it done), never twice over.
        """
        db.execute("BEGIN IMMEDIATE")
        try:
            if index.get_meta(db, "runs_mtime") is not None:
                db.execute("COMMIT")  # another process rebuilt it meanwhile
                return 0
            count = self._rebuild_locked(db)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return count

    def _rebuild_locked(self, db: sqlite3.Connection) -> int:
        mtime = os.stat(self.runs_dir).st_mtime_ns
        loaded: list[tuple[str, list[Event], int, int | None, float]] = []
        for run_id in os.listdir(self.runs_dir):
            path = self.journal_path(run_id)
            if not os.path.isfile(path):
                continue  # not a run: a stray file, a directory being copied in
            result = journal.read(path)
            self.problems += result.problems
            start = next((e for e in result.events if e["e"] == "start"), None)
            if start is None:
                if journal.size(path) > 0:
                    self.problems.append(_unreadable(self.run_dir(run_id)))
                continue
            if journal.size(path) > result.offset and any(e["e"] == "end" for e in result.events):
                self.problems.append(_cut_off(path))
            number = self._journal_number(start, result.events)
            loaded.append((run_id, result.events, result.offset, number, start.get("t") or 0.0))
        # Runs numbered by this store keep their numbers; others follow in start order.
        loaded.sort(key=lambda r: (r[3] is None, r[3] or 0, r[4]))
        index.raise_sequence(db, self._highest_purged())
        for run_id, events, offset, _, _ in loaded:
            number = index.apply_events(db, run_id, events, offset,
                                        number_for=self._journal_number)
            if number is not None and self._journal_number({}, events) != number:
                self._record_number(db, run_id, number, offset)
        index.set_meta(db, "runs_mtime", mtime)
        return len(loaded)

    def _highest_purged(self) -> int:
        try:
            with open(os.path.join(self.root, "purged")) as f:
                return max((int(x) for x in f.read().split() if x.isdigit()), default=0)
        except OSError:
            return 0

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

    def list_runs(self, where: str = "", params: list[Any] | None = None,
                  order: str = "runs.number DESC", limit: int | None = None,
                  deleted: bool = False) -> list[Run]:
        if limit is not None and not 0 <= limit <= index.INT_MAX:
            raise UsageError(f"cannot list {limit} runs: a limit is a whole number from 0 "
                             "to 2^63-1")
        clause = "runs.deleted = 1" if deleted else "runs.deleted = 0"
        if where:
            clause += f" AND ({where})"
        return index.load_runs(self.db, clause, params or [], order, limit)

    def previous(self, run: Run) -> Run | None:
        prev = index.previous_run(self.db, run.number)
        return None if prev is None else self.get(prev)

    def events(self, run_id: str) -> list[Event]:
        return journal.read(self.journal_path(run_id)).events

    def series(self, run_id: str, keys: list[str] | None = None) -> dict[str, list[MetricPoint]]:
        """The full metric series of one run, read from its journal. A `reparse` event
        replaces every point before it, those reported through the events channel too."""
        out: dict[str, list[MetricPoint]] = {}
        wanted = set(keys) if keys else None
        known = 0.0  # a point a journal gives without a time or step (a hand-written one)
        for event in self.events(run_id):  # takes the last time known, and the next step
            known = event.get("t") or known
            if event["e"] == "reparse":
                out.clear()
            elif event["e"] != "metrics":
                continue
            for key, value, step, t in event.get("p") or []:
                if wanted is None or key in wanted:
                    points = out.setdefault(key, [])
                    if step is None:
                        step = points[-1].step + 1 if points else 0
                    known = known if t is None else t
                    points.append(MetricPoint(step, value, known))
        return out

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
                self.sync()  # notices a wrapper that died, and marks its run lost

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


def _small_int(text: str) -> int | None:
    """A whole number of ASCII digits that SQLite can hold, else None (`-1`, `²`, 10**30)."""
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    n = int(text)
    return n if n <= index.INT_MAX else None


def _number(db: sqlite3.Connection, run_id: str) -> int | None:
    row = db.execute("SELECT number FROM runs WHERE id = ?", (run_id,)).fetchone()
    return None if row is None else int(row[0])


def _alive(pid: int, start: float | None) -> bool:
    from runlab.capture.system import pid_alive

    return pid_alive(pid, start)


def _cut_off(path: str) -> str:
    return f"ignored an unfinished last line in {path} (cut off when the machine or runlab stopped)"


def _lost_event(journal_path: str) -> Event:
    try:
        t = os.stat(journal_path).st_mtime
    except OSError:
        t = time.time()
    return kinds.end("lost", None, t=t)


def _unreadable(run_dir: str) -> str:
    return (f"could not read the run in {run_dir}: its journal has no readable start event "
            "(its files, output.log included, are left as they are)")


def _start_time(line: bytes) -> float | None:
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


def _remove_index(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path + suffix)
