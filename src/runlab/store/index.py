"""The SQLite index: schema, migrations, applying journal events, and every query.

The index is derived data: each run's journal is the record, and everything here can be
rebuilt from the journals (`runlab reindex`). All of runlab's SQL lives in this package.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence


from runlab.errors import StoreError
from runlab.store.journal import Event
from runlab.store.records import MetricSummary, Run

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

BUSY_TIMEOUT_MS = 30_000
INT_MAX = 2**63 - 1  # SQLite's INTEGER


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run statements one by one: executescript would commit the migration's transaction."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


def _m001_initial(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
        CREATE TABLE runs(
            number INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            name TEXT,
            experiment TEXT NOT NULL DEFAULT 'Default',
            status TEXT NOT NULL,
            exit_code INTEGER,
            signal INTEGER,
            command TEXT NOT NULL,
            command_key TEXT,
            cwd TEXT,
            started REAL NOT NULL,
            ended REAL,
            git_commit TEXT,
            git_branch TEXT,
            git_dirty INTEGER,
            author TEXT,
            user TEXT,
            host TEXT,
            pid INTEGER,
            pid_start REAL,
            note TEXT,
            deleted INTEGER NOT NULL DEFAULT 0,
            data TEXT NOT NULL DEFAULT '{}',
            resources TEXT NOT NULL DEFAULT '{}',
            journal_offset INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX runs_started ON runs(started);
        CREATE INDEX runs_name ON runs(name);
        CREATE INDEX runs_command_key ON runs(command_key, number);
        CREATE INDEX runs_running ON runs(status) WHERE status = 'running';
        CREATE TABLE params(
            run INTEGER NOT NULL REFERENCES runs(number) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value,
            kind TEXT NOT NULL,
            PRIMARY KEY(run, key)
        ) WITHOUT ROWID;
        CREATE INDEX params_key ON params(key, value);
        CREATE TABLE metrics(
            run INTEGER NOT NULL REFERENCES runs(number) ON DELETE CASCADE,
            key TEXT NOT NULL,
            last REAL,
            min REAL,
            max REAL,
            count INTEGER NOT NULL,
            last_step INTEGER,
            last_time REAL,
            PRIMARY KEY(run, key)
        ) WITHOUT ROWID;
        CREATE INDEX metrics_key ON metrics(key, last);
        CREATE TABLE tags(
            run INTEGER NOT NULL REFERENCES runs(number) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY(run, key)
        ) WITHOUT ROWID;
        CREATE INDEX tags_key ON tags(key, value);
        """
    )


def _m002_process_ticks(db: sqlite3.Connection) -> None:
    # The recording process's boot id and start in clock ticks: unlike pid_start (seconds since
    # the epoch, which move when the clock is set) they name the process exactly.
    _script(db, "ALTER TABLE runs ADD COLUMN pid_boot TEXT; "
                "ALTER TABLE runs ADD COLUMN pid_ticks INTEGER")


# Applied in order on every open; PRAGMA user_version counts how many have run.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m001_initial, _m002_process_ticks]


def connect(path: str, *, scratch: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating) the index at `path`. A `scratch` index (one being
    rebuilt, to be copied into the live one) keeps no journal: it is thrown away if cut off."""
    try:
        # Made private first, like every file of the store: SQLite would make it 0644 (and
        # its -wal and -shm files take their mode from it). An index in memory is no file.
        if path != ":memory:":
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:
        pass  # it exists already, or SQLite will say why it cannot be made
    try:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            db.close()
            raise NewerIndex(
                f"the index {path} was written by a newer runlab (schema {version}); "
                "upgrade runlab to read this store"
            )
        if scratch:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
        else:
            _write_ahead(db)
        db.execute("PRAGMA foreign_keys = ON")
        if not scratch:
            db.execute("PRAGMA synchronous = NORMAL")
        if version < len(MIGRATIONS):
            _migrate(db)
    except sqlite3.OperationalError as e:
        raise StoreError(f"cannot open the index {path}: {e}") from e
    except sqlite3.DatabaseError as e:  # not a database, or a malformed one
        raise CorruptIndex(f"the index {path} is damaged ({e})") from e
    return db


def _write_ahead(db: sqlite3.Connection) -> None:
    """Put a new index in WAL mode. SQLite changes the mode without waiting for other
    connections (the busy handler is not called): when several processes open a new store
    at once (runs started together), the losers of that race wait here as they would for a
    lock, instead of taking the store for one that cannot be written."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            db.execute("PRAGMA journal_mode = WAL").fetchone()
            return  # (changed, or left as it was where it cannot be: reading still works)
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.002)


class CorruptIndex(StoreError):
    """index.db is not a readable SQLite database; the journals can rebuild it."""


class NewerIndex(StoreError):
    """index.db has a schema this runlab does not know: it is left alone."""


def connect_read_only(path: str) -> sqlite3.Connection | None:
    """Open an index this process cannot write, for reading; None when it cannot be read as
    it is (missing, damaged, of another schema): the caller builds one in memory instead."""
    from urllib.parse import quote

    # mode=ro reads a WAL index whose -wal and -shm files exist; immutable=1 one that was
    # closed cleanly (no -wal left), where SQLite cannot make the -shm file it wants.
    for mode in ("mode=ro", "immutable=1"):
        try:
            db = sqlite3.connect(f"file:{quote(path)}?{mode}", uri=True, isolation_level=None)
            if db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS):
                db.execute("SELECT count(*) FROM runs").fetchone()
                return db
            db.close()
            return None
        except sqlite3.DatabaseError:
            continue
    return None


def _migrate(db: sqlite3.Connection) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for step in MIGRATIONS[version:]:
            step(db)
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


# -- typed params ---------------------------------------------------------------------------


def encode_param(value: Any) -> tuple[Any, str]:
    """A param value as (SQL value, kind): numbers stay numbers so they compare as numbers."""
    if isinstance(value, bool):
        return int(value), "bool"
    if value is None:
        return None, "null"
    if isinstance(value, int):
        if -(2**63) <= value < 2**63:
            return value, "int"
        return json.dumps(value), "json"  # past SQLite's INTEGER: kept exact, as text
    if isinstance(value, float):
        return (value if not math.isnan(value) else None), "float"
    if isinstance(value, str):
        return value, "str"
    return json.dumps(value), "json"


def decode_param(value: Any, kind: str) -> Any:
    if kind == "bool":
        return bool(value)
    if kind == "json":
        return json.loads(value)
    if kind == "float" and value is None:
        return math.nan
    return value


# -- applying events ------------------------------------------------------------------------


def run_offset(db: sqlite3.Connection, run_id: str) -> int | None:
    row = db.execute("SELECT journal_offset FROM runs WHERE id = ?", (run_id,)).fetchone()
    return None if row is None else int(row[0])


def insert_run(db: sqlite3.Connection, start: Event, number: int | None) -> int:
    """Index a run from its start event; returns its number (new unless `number` is free)."""
    if number is not None and db.execute(
        "SELECT 1 FROM runs WHERE number = ?", (number,)
    ).fetchone():
        number = None
    git = start.get("git") or {}
    data = {k: start.get(k) for k in ("git", "source", "python", "platform", "args", "env",
                                      "parent", "command_name")}
    cur = db.execute(
        """INSERT INTO runs(number, id, name, experiment, status, command, command_key, cwd, started,
               git_commit, git_branch, git_dirty, author, user, host, pid, pid_start, pid_boot,
               pid_ticks, note, data)
           VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            number,
            start["id"],
            start.get("name"),
            start.get("experiment") or "Default",
            json.dumps(start.get("command") or []),
            start.get("command_key"),
            start.get("cwd"),
            start.get("t") or time.time(),
            git.get("commit"),
            git.get("branch"),
            None if not git else int(bool(git.get("dirty"))),
            start.get("author"),
            start.get("user"),
            start.get("host"),
            start.get("pid"),
            start.get("pid_start"),
            start.get("pid_boot"),
            start.get("pid_ticks"),
            start.get("note"),
            json.dumps(data),
        ),
    )
    rownum = cur.lastrowid
    assert rownum is not None
    if start.get("params"):
        set_params(db, rownum, start["params"])
    if start.get("tags"):
        set_tags(db, rownum, start["tags"])
    return rownum


def set_params(db: sqlite3.Connection, number: int, params: dict[str, Any]) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO params(run, key, value, kind) VALUES (?, ?, ?, ?)",
        [(number, k, *encode_param(v)) for k, v in params.items()],
    )


def set_tags(db: sqlite3.Connection, number: int, tags: dict[str, Any]) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO tags(run, key, value) VALUES (?, ?, ?)",
        [(number, k, "" if v is None else str(v)) for k, v in tags.items()],
    )


def add_metrics(db: sqlite3.Connection, number: int, points: Sequence[Sequence[Any]]) -> None:
    """Fold a batch of [key, value, step, time] points into the per-run summary."""
    by_key: dict[str, list[Sequence[Any]]] = {}
    for point in points:
        group = by_key.get(point[0])
        if group is None:
            by_key[point[0]] = [point]
        else:
            group.append(point)
    batch: dict[str, list[Any]] = {}
    for key, group in by_key.items():
        values = [float(p[1]) for p in group]
        finite = [v for v in values if v == v]  # NaN is stored as NULL and never a min or max
        # The last value is the latest measured (a printed line's point held back until a
        # progress bar's step is known is written after the bar's own, measured before)
        at = _latest(group)
        last = values[at]
        batch[key] = [None if last != last else last, min(finite) if finite else None,
                      max(finite) if finite else None, len(group), group[at][2], group[at][3]]
    latest = ("excluded.last_time IS NULL OR metrics.last_time IS NULL"
              " OR excluded.last_time >= metrics.last_time")
    db.executemany(
        f"""INSERT INTO metrics(run, key, last, min, max, count, last_step, last_time)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(run, key) DO UPDATE SET
             last = CASE WHEN {latest} THEN excluded.last ELSE metrics.last END,
             min = CASE WHEN metrics.min IS NULL THEN excluded.min
                        WHEN excluded.min IS NULL THEN metrics.min
                        ELSE min(metrics.min, excluded.min) END,
             max = CASE WHEN metrics.max IS NULL THEN excluded.max
                        WHEN excluded.max IS NULL THEN metrics.max
                        ELSE max(metrics.max, excluded.max) END,
             count = metrics.count + excluded.count,
             last_step = CASE WHEN {latest} THEN excluded.last_step ELSE metrics.last_step END,
             last_time = CASE WHEN {latest} THEN excluded.last_time ELSE metrics.last_time END""",
        [(number, key, *s) for key, s in batch.items()],
    )



def _latest(group: Sequence[Sequence[Any]]) -> int:
    """Where in a key's points (in the order written) the latest measured is: the last
    written of those with the latest time."""
    times = [p[3] for p in group]
    try:
        top = max(times)
    except TypeError:  # (a point with no time: in the order written)
        return len(group) - 1
    return len(times) - 1 - times[::-1].index(top)


def apply_event(db: sqlite3.Connection, number: int, event: Event) -> None:
    """Apply one journal event (other than start) to an indexed run."""
    kind = event["e"]
    if kind == "metrics":
        add_metrics(db, number, event.get("p") or [])
    elif kind == "reparse":
        # `runlab reparse`: the run's metrics extracted again replace all those before.
        db.execute("DELETE FROM metrics WHERE run = ?", (number,))
        add_metrics(db, number, event.get("p") or [])
    elif kind == "params":
        dropped = event.get("drop") or []
        db.executemany("DELETE FROM params WHERE run = ? AND key = ?",
                       [(number, k) for k in dropped if isinstance(k, str)])
        set_params(db, number, event.get("params") or {})
    elif kind == "tag":
        set_tags(db, number, event.get("tags") or {})
    elif kind == "untag":
        keys = event.get("keys") or []
        db.executemany("DELETE FROM tags WHERE run = ? AND key = ?", [(number, k) for k in keys])
    elif kind == "note":
        db.execute("UPDATE runs SET note = ? WHERE number = ?", (event.get("text"), number))
    elif kind == "rename":
        db.execute("UPDATE runs SET name = ? WHERE number = ?", (event.get("name"), number))
    elif kind in ("delete", "restore"):
        db.execute(
            "UPDATE runs SET deleted = ? WHERE number = ?", (int(kind == "delete"), number)
        )
    elif kind == "end":
        # A real end always wins over a `lost` mark (a guess that the run died unseen),
        # whichever comes first in the journal.
        status = event.get("status", "finished")
        db.execute(
            """UPDATE runs SET status = ?, exit_code = ?, signal = ?, ended = ?, resources = ?
               WHERE number = ? AND NOT (? = 'lost' AND status NOT IN ('running', 'lost'))""",
            (
                status,
                event.get("exit_code"),
                event.get("signal"),
                event.get("t"),
                json.dumps(event.get("resources") or {}),
                number,
                status,
            ),
        )
    elif kind in ("inputs", "environment"):
        # What the run read and ran with (capture/inputs.py): the latest event of a kind wins.
        body = event.get("inputs") if kind == "inputs" else \
            _environment(db, {k: v for k, v in event.items() if k != "e"})
        db.execute(f"UPDATE runs SET data = json_set(data, '$.{kind}', json(?)) WHERE number = ?",
                   (json.dumps(body if isinstance(body, dict) else {}), number))
    # "number" and unknown event types (from a newer runlab) change nothing here.


PACKAGES_KEY = "packages/"  # meta key prefix of a package set, shared by the runs that used it


def _environment(db: sqlite3.Connection, body: dict[str, Any]) -> dict[str, Any]:
    """The environment as a run's data keeps it: its package list stored once per distinct set
    (in meta, by digest), so that listing thousands of runs never parses it again and again."""
    python = body.get("python")
    if isinstance(python, dict) and isinstance(python.get("packages"), dict):
        import hashlib

        text = json.dumps(python["packages"], sort_keys=True)
        digest = hashlib.sha256(text.encode()).hexdigest()[:20]
        db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)",
                   (PACKAGES_KEY + digest, text))
        body["python"] = {**{k: v for k, v in python.items() if k != "packages"},
                          "packages_id": digest, "package_count": len(python["packages"])}
    return body


def apply_events(db: sqlite3.Connection, run_id: str, events: Iterable[Event],
                 number: int | None = None) -> int | None:
    """Apply events read from a run's journal, as they come (a stream is never held whole).

    Runs inside the caller's transaction. A start event indexes a run the index does not know
    yet, under `number` when that is free. Returns the run's number, or None when the events
    hold no start for a run the index does not know yet. The caller records how far the
    journal has been applied (`set_offset`).
    """
    row = db.execute("SELECT number FROM runs WHERE id = ?", (run_id,)).fetchone()
    known: int | None = None if row is None else int(row[0])
    for event in events:
        if event["e"] == "start":
            if known is None:
                # The directory names the run, whatever its journal claims: a copied-in
                # journal whose id says "../x" must not send later writes out of the store.
                known = insert_run(db, {**event, "id": run_id}, number)
            continue
        if known is not None:
            apply_event(db, known, event)
    return known


def set_offset(db: sqlite3.Connection, number: int, offset: int) -> None:
    """Record how far the run's journal has been applied."""
    db.execute("UPDATE runs SET journal_offset = ? WHERE number = ?", (offset, number))


# -- reading --------------------------------------------------------------------------------

RUN_COLUMNS = (
    "number, id, name, experiment, status, exit_code, signal, command, cwd, started, ended, "
    "author, user, host, pid, note, deleted, data, resources"
)


def _run_from_row(row: Sequence[Any], now: float) -> Run:
    data = json.loads(row[17])
    return Run(
        number=row[0],
        id=row[1],
        name=row[2],
        experiment=row[3],
        status=row[4],
        exit_code=row[5],
        signal=row[6],
        command=json.loads(row[7]),
        cwd=row[8],
        started_at=row[9],
        ended_at=row[10],
        author=row[11],
        user=row[12],
        host=row[13],
        pid=row[14],
        note=row[15],
        deleted=bool(row[16]),
        git=data.get("git"),
        source=data.get("source"),
        python=data.get("python"),
        platform=data.get("platform"),
        args=data.get("args") or [],
        env=data.get("env") or {},
        parent=data.get("parent"),
        command_name=data.get("command_name"),
        inputs=data.get("inputs") or {},
        environment=data.get("environment") or {},
        resources=json.loads(row[18]),
        now=now,
    )


def load_runs(db: sqlite3.Connection, where: str = "", params: Sequence[Any] = (),
              order: str = "runs.number DESC", limit: int | None = None,
              offset: int = 0) -> list[Run]:
    """Runs matching a WHERE clause, with their params, metric summaries and tags."""
    return list(iter_runs(db, where, params, order, limit, offset))


BATCH = 500  # runs completed with their params, metrics and tags at a time


def iter_runs(db: sqlite3.Connection, where: str = "", params: Sequence[Any] = (),
              order: str = "runs.number DESC", limit: int | None = None,
              offset: int = 0) -> Iterator[Run]:
    """`load_runs` as a stream: the runs' rows come from one query as they are read, and a
    batch at a time gets its details, so a listing of every run never holds them all."""
    sql = f"SELECT {RUN_COLUMNS} FROM runs"
    if where:
        sql += f" WHERE {where}"
    sql += f" ORDER BY {order}"
    args = list(params)
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        args += [-1 if limit is None else limit, offset]
    now = time.time()
    rows = db.execute(sql, args)
    while batch := rows.fetchmany(BATCH):
        yield from _with_details(db, [_run_from_row(r, now) for r in batch])


def _with_details(db: sqlite3.Connection, runs: list[Run]) -> list[Run]:
    by_number = {r.number: r for r in runs}
    marks = ",".join("?" * len(by_number))
    numbers = list(by_number)
    for run, key, value, kind in db.execute(
        f"SELECT run, key, value, kind FROM params WHERE run IN ({marks})", numbers
    ):
        by_number[run].params[key] = decode_param(value, kind)
    for run, key, last, lo, hi, count, step, _time in db.execute(
        "SELECT run, key, last, min, max, count, last_step, last_time FROM metrics "
        f"WHERE run IN ({marks})", numbers
    ):
        by_number[run].metrics[key] = MetricSummary(
            math.nan if last is None else last, lo, hi, count, step
        )
    for run, key, value in db.execute(
        f"SELECT run, key, value FROM tags WHERE run IN ({marks})", numbers
    ):
        by_number[run].tags[key] = value
    sets: dict[str, dict[str, str]] = {}
    for r in runs:
        digest = (r.environment.get("python") or {}).get("packages_id")
        if digest and digest not in sets:
            text = get_meta(db, PACKAGES_KEY + str(digest))
            sets[digest] = json.loads(text) if isinstance(text, str) else {}
        r.packages = sets.get(digest, {}) if digest else {}
    for r in runs:
        r.params = dict(sorted(r.params.items()))
        r.metrics = dict(sorted(r.metrics.items()))
        r.tags = dict(sorted(r.tags.items()))
    return runs


def run_keys(db: sqlite3.Connection, where: str, params: Sequence[Any]) -> dict[str, list[str]]:
    """The param, metric and tag names of the runs matching a WHERE clause, sorted."""
    found: dict[str, list[str]] = {}
    for table in ("params", "metrics", "tags"):
        found[table] = [r[0] for r in db.execute(
            f"SELECT DISTINCT key FROM {table} WHERE run IN "
            f"(SELECT number FROM runs WHERE {where or '1'}) ORDER BY key", list(params))]
    return found


def count_runs(db: sqlite3.Connection, where: str = "", params: Sequence[Any] = ()) -> int:
    """How many runs match a WHERE clause (a listing's total, for paging)."""
    sql = "SELECT count(*) FROM runs" + (f" WHERE {where}" if where else "")
    return int(db.execute(sql, list(params)).fetchone()[0])


def field_keys(db: sqlite3.Connection) -> dict[str, list[str]]:
    """Every param, metric and tag key of the visible runs, sorted (for choosing columns)."""
    return {table: [k for (k,) in db.execute(
        f"SELECT DISTINCT key FROM {table} WHERE run IN "
        "(SELECT number FROM runs WHERE deleted = 0) ORDER BY key")]
        for table in ("params", "metrics", "tags")}


def find_refs(db: sqlite3.Connection, ref: str) -> list[tuple[int, str, str | None]]:
    """Candidate runs (number, id, name) for a run reference other than a number or `last`:
    the runs of that name and those whose id starts with it (both: the reference is
    ambiguous)."""
    rows = db.execute(
        "SELECT number, id, name FROM runs WHERE name = ? ORDER BY number", (ref,)
    ).fetchall()
    if len(ref) >= 6 and all(c in "0123456789abcdef" for c in ref.lower()):
        named = {r[0] for r in rows}
        rows += [r for r in db.execute(
            "SELECT number, id, name FROM runs WHERE id >= ? AND id < ? ORDER BY number",
            (ref.lower(), ref.lower() + "g"),
        ).fetchall() if r[0] not in named]
    return [(r[0], r[1], r[2]) for r in rows]


def run_names(db: sqlite3.Connection, limit: int = 1000) -> list[str]:
    """The names runs have (the newest first, at most `limit`), for suggestions."""
    return [r[0] for r in db.execute(
        "SELECT name FROM runs WHERE name IS NOT NULL GROUP BY name ORDER BY MAX(number) DESC "
        "LIMIT ?", (limit,))]


def tagged(db: sqlite3.Connection, key: str, n: int) -> tuple[int, str] | None:
    """The n-th newest run (0 = newest) that is not deleted and carries tag or label `key`."""
    row = db.execute(
        "SELECT runs.number, runs.id FROM runs JOIN tags ON tags.run = runs.number "
        "WHERE tags.key = ? AND runs.deleted = 0 ORDER BY runs.number DESC LIMIT 1 OFFSET ?",
        (key, n),
    ).fetchone()
    return None if row is None else (row[0], row[1])


KEY_TABLES = ("params", "metrics", "tags")


def has_key(db: sqlite3.Connection, table: str, key: str) -> bool:
    """Whether any run has this param, metric or tag (`table` is one of KEY_TABLES)."""
    assert table in KEY_TABLES
    return db.execute(f"SELECT 1 FROM {table} WHERE key = ? LIMIT 1", (key,)).fetchone() is not None


def keys(db: sqlite3.Connection, table: str) -> list[str]:
    """Every param, metric or tag key in the store, sorted."""
    assert table in KEY_TABLES
    return [r[0] for r in db.execute(f"SELECT DISTINCT key FROM {table} ORDER BY key")]


def nth_last(db: sqlite3.Connection, n: int, include_deleted: bool) -> tuple[int, str] | None:
    clause = "" if include_deleted else "WHERE deleted = 0"
    row = db.execute(
        f"SELECT number, id FROM runs {clause} ORDER BY number DESC LIMIT 1 OFFSET ?", (n,)
    ).fetchone()
    return None if row is None else (row[0], row[1])


def by_number(db: sqlite3.Connection, number: int) -> str | None:
    row = db.execute("SELECT id FROM runs WHERE number = ?", (number,)).fetchone()
    return None if row is None else str(row[0])


def known_ids(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT id FROM runs")}


def running_runs(db: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """(id, journal_offset, host, pid, pid_start, pid_boot, pid_ticks) of every run the index
    thinks is running."""
    return db.execute(
        "SELECT id, journal_offset, host, pid, pid_start, pid_boot, pid_ticks FROM runs "
        "WHERE status = 'running'"
    ).fetchall()


def get_meta(db: sqlite3.Connection, key: str) -> Any:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def set_meta(db: sqlite3.Connection, key: str, value: Any) -> None:
    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def previous_run(db: sqlite3.Connection, number: int) -> str | None:
    """The latest earlier finished run of the same program and script (for the end-of-run
    summary: a failed or killed run stopped part way, so its metrics are no yardstick)."""
    row = db.execute(
        "SELECT p.id FROM runs AS r JOIN runs AS p ON p.command_key = r.command_key "
        "WHERE r.number = ? AND p.number < r.number AND p.deleted = 0 "
        "AND p.status = 'finished' "
        "ORDER BY p.number DESC LIMIT 1",
        (number,),
    ).fetchone()
    return None if row is None else str(row[0])


def delete_run(db: sqlite3.Connection, number: int) -> None:
    """Forget a run (purge): its params, metrics and tags go with it by cascade.

    AUTOINCREMENT keeps the number from being given out again while this index lives.
    """
    db.execute("DELETE FROM runs WHERE number = ?", (number,))


def raise_sequence(db: sqlite3.Connection, number: int) -> None:
    """Make sure new runs are numbered above `number` (a purged run's number stays unused)."""
    row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'runs'").fetchone()
    if row is None:
        db.execute("INSERT INTO sqlite_sequence(name, seq) VALUES ('runs', ?)", (number,))
    elif row[0] < number:
        db.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'runs'", (number,))


TABLES = ("runs", "params", "metrics", "tags", "meta")  # in the order they are filled


def sequence(db: sqlite3.Connection, schema: str = "main") -> int:
    """The highest run number this index has given out (purged ones included)."""
    row = db.execute(f"SELECT seq FROM {schema}.sqlite_sequence WHERE name = 'runs'").fetchone()
    return 0 if row is None else int(row[0])


def replace_contents(db: sqlite3.Connection, source: str, target: str) -> None:
    """Make the index attached as `target` hold exactly what `source` holds, inside the
    caller's transaction: the other processes see the old index or the new, never a mix."""
    for table in reversed(TABLES):
        db.execute(f"DELETE FROM {target}.{table}")
    for table in TABLES:
        db.execute(f"INSERT INTO {target}.{table} SELECT * FROM {source}.{table}")
    seq = max(sequence(db, source), sequence(db, target))
    db.execute(f"DELETE FROM {target}.sqlite_sequence WHERE name = 'runs'")
    db.execute(f"INSERT INTO {target}.sqlite_sequence(name, seq) VALUES ('runs', ?)", (seq,))


def in_memory(db: sqlite3.Connection | None) -> bool:
    return db is not None and db.execute("PRAGMA database_list").fetchone()[2] == ""
