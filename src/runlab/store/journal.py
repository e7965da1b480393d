"""A run's journal: the append-only record of everything that happened to it.

Each line is one JSON event with a type under "e". Lines are written whole with a single
`write` on a descriptor opened with O_APPEND, so appends from the wrapper and from a later
`runlab tag` in another process never interleave within a line.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import IO, Any

    Event = dict[str, Any]
else:
    Event = dict


JOURNAL = "journal.jsonl"
FILE_MODE = 0o600


def private_dirs(path: str) -> None:
    """`path` and the folders above it that are missing, each made 0700, as everything in the
    store (`os.makedirs` gives its mode to the last folder only)."""
    if path and not os.path.isdir(path):
        private_dirs(os.path.dirname(path))
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, 0o700)


def write_private(path: str, data: bytes | IO[bytes], *, exclusive: bool) -> None:
    """Write bytes, or a binary stream, to `path`, created readable by its owner only.
    `exclusive`: the file must be new (else FileExistsError, a link included); otherwise one
    already there is overwritten and keeps its mode."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    with os.fdopen(os.open(path, flags, FILE_MODE), "wb") as f:
        if isinstance(data, bytes):
            f.write(data)
        else:
            import shutil

            shutil.copyfileobj(data, f, 1 << 20)


def encode(events: list[Event]) -> bytes:
    """Serialise events as JSON lines (NaN and infinities kept, as Python's json reads them)."""
    lines = []
    for event in events:
        line = _metrics_line(event) if event.get("e") == "metrics" else None
        lines.append((json.dumps(event, separators=(",", ":")) if line is None else line) + "\n")
    return "".join(lines).encode()


_NOT_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def _metrics_line(event: Event) -> str | None:
    """A metrics event's line as `json.dumps` writes it, written faster (a million output
    lines are two million points): a batch's points share their keys' text, and their time's
    while it is the same object. None for an event of another make (its keys, a value or a
    step not a float and an int, a time not a float), which json writes."""
    if list(event) != ["e", "p"] or type(points := event["p"]) is not list:
        return None
    try:
        numbers = [_float_text(point[1]) for point in points]
        heads: dict[str, str] = {}  # (only a str equals a str: json writes them alike)
        parts = []
        last, tail = None, ""
        for (key, _, step, t), number in zip(points, numbers):
            if type(step) is not int:
                return None
            head = heads.get(key)
            if head is None:
                if type(key) is not str:
                    return None
                head = heads[key] = "[" + json.dumps(key) + ","
            if t is not last:
                if type(t) is not float:
                    return None
                last, tail = t, "," + _float_text(t) + "]"
            parts.append(f"{head}{number},{step}{tail}")
    except (TypeError, ValueError, LookupError):  # (not a point of four)
        return None
    return '{"e":"metrics","p":[' + ",".join(parts) + "]}"


def _float_text(value: float) -> str:
    """A float as json writes it (TypeError for anything else but a float's subclass)."""
    text = float.__repr__(value)
    return _NOT_FINITE[text] if text[-1] in "fn" else text


def append(path: str, events: list[Event], *, fsync: bool = False) -> tuple[int, int]:
    """Append events to the journal at `path`; return the byte range they occupy."""
    data = encode(events)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        size = end_before = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            # A line cut off by a crash: end it, so it cannot swallow the next event.
            data = b"\n" + data
        written = os.write(fd, data)
        if written < len(data):
            # Only a full disk (or a file size limit) writes part of a line: writing the rest
            # raises why. What was written of it goes again, so no half line stays behind.
            try:
                os.write(fd, data[written:])
            except OSError:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, end_before)
                raise
        end = os.lseek(fd, 0, os.SEEK_END)
        if fsync:
            os.fsync(fd)
    finally:
        os.close(fd)
    return end - len(data), end


@dataclass
class ReadResult:
    events: list[Event]
    offset: int  # where the next unread complete line starts
    problems: list[str] = field(default_factory=list)


def read(path: str, offset: int = 0, *, whole: bool = False) -> ReadResult:
    """Read the complete lines after `offset`; a partial last line is left for later
    (`whole`: the file will not grow, so a last line without its newline counts if it reads
    as an event; an import's journals). Bad lines are skipped as `Stream` says."""
    stream = Stream(path, offset, whole=whole)
    events = list(stream)
    return ReadResult(events, stream.offset, stream.problems)


class Stream:
    """A journal's events after `offset`, one line at a time (a journal may hold millions of
    points: nothing holds it whole). Once iterated, `offset` is where the next unread
    complete line starts and `problems` says what was skipped.

    Every event's shape is checked (`events.problem`): a line that is no event, or an event
    of the wrong shape, is skipped with a problem naming the file and the line.
    """

    def __init__(self, path: str, offset: int = 0, *, whole: bool = False) -> None:
        self.path = path
        self.offset = offset
        self.whole = whole
        self.problems: list[str] = []

    def __iter__(self) -> Iterator[Event]:
        try:
            f = open(self.path, "rb")
        except (FileNotFoundError, NotADirectoryError):
            self.problems.append(f"{self.path} is missing")
            return
        except OSError as e:
            self.problems.append(f"cannot read {self.path}: {e.strerror or e}")
            return
        start = self.offset
        first: int | None = None  # the number of the line at `start`, counted when needed
        with f:
            f.seek(start)
            for i, line in enumerate(f):
                complete = line.endswith(b"\n")
                if not complete and not self.whole:
                    break  # a partial last line, left for later
                event, why = decode(line)
                self.offset += len(line)
                if event is not None:
                    yield event
                if why is None or (not complete and why == "not JSON"):
                    continue  # a good line, or the file's last line cut short
                if first is None:
                    first = _line_number(self.path, start)
                what = "line" if event is not None else "skipped line"  # kept, less a part
                self.problems.append(f"{what} {first + i} of {self.path}: {why}")


def head(path: str) -> tuple[Event | None, list[Event]]:
    """A journal's start event and its `number` events, without decoding the
    rest: what rebuilding the index needs to know of a run before reading it through."""
    start: Event | None = None
    numbers: list[Event] = []
    try:
        with open(path, "rb") as f:
            for line in f:
                if not line.endswith(b"\n"):
                    break
                wanted = b'"number"' in line or (start is None and b'"start"' in line)
                event = decode(line)[0] if wanted else None
                if event is None:
                    continue
                if event["e"] == "number":
                    numbers.append(event)
                elif event["e"] == "start" and start is None:
                    start = event
    except OSError:
        return None, []
    return start, numbers


def decode(line: bytes) -> tuple[Event | None, str | None]:
    """One journal line as a checked event, or why it is none (None, None: a blank line);
    an event with tags no index keeps comes without them, and says so."""
    from runlab.store import events as kinds

    if not line.strip():
        return None, None
    try:
        event = json.loads(line)
    except (ValueError, RecursionError):
        return None, "not JSON"
    why = kinds.problem(event) or kinds.text_problem(line, event)
    return (event, kinds.drop_bad_tags(event)) if why is None else (None, why)


def _line_number(path: str, offset: int) -> int:
    """The number of the line that starts at byte `offset` (counted only when one is bad)."""
    if offset == 0:
        return 1
    count = 1
    with open(path, "rb") as f:
        left = offset
        while left > 0 and (block := f.read(min(left, 1 << 20))):
            count += block.count(b"\n")
            left -= len(block)
    return count


def size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except FileNotFoundError:
        return 0


@contextlib.contextmanager
def locked(path: str) -> Iterator[None]:
    """Hold an exclusive lock on the file at `path` (made if need be), waiting for it."""
    import fcntl

    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def unreadable(run_dir: str) -> str:
    return (f"could not read the run in {run_dir}: its journal has no readable start event "
            "(its files, output.log included, are left as they are)")
