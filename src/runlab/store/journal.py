"""A run's journal: the append-only record of everything that happened to it.

Each line is one JSON event with a type under "e". Lines are written whole with a single
`write` on a descriptor opened with O_APPEND, so appends from the wrapper and from a later
`runlab tag` in another process never interleave within a line.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import IO, Any

    Event = dict[str, Any]
else:
    Event = dict


JOURNAL = "journal.jsonl"
FILE_MODE = 0o600


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
    return "".join(json.dumps(e, separators=(",", ":")) + "\n" for e in events).encode()


def append(path: str, events: list[Event], *, sync: bool = False) -> tuple[int, int]:
    """Append events to the journal at `path`; return the byte range they occupy."""
    data = encode(events)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            # A line cut off by a crash: end it, so it cannot swallow the next event.
            data = b"\n" + data
        written = os.write(fd, data)
        if written < len(data):
            # Only a full disk (or a file size limit) writes part of a line: writing the rest
            # raises why, and the next append ends the cut-off line.
            os.write(fd, data[written:])
        end = os.lseek(fd, 0, os.SEEK_END)
        if sync:
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
    as an event; an import's journals).

    Every event's shape is checked (`events.problem`): a line that is no event, or an event
    of the wrong shape, is skipped with a problem naming the file and the line.
    """
    from runlab.store import events as kinds

    try:
        with open(path, "rb") as f:
            f.seek(offset)
            data = f.read()
    except (FileNotFoundError, NotADirectoryError):
        return ReadResult([], offset, [f"{path} is missing"])
    except OSError as e:
        return ReadResult([], offset, [f"cannot read {path}: {e.strerror or e}"])
    end = len(data) if whole else data.rfind(b"\n") + 1
    events: list[Event] = []
    bad: list[tuple[int, str]] = []  # (line index in what was read, why)
    for i, line in enumerate(data[:end].split(b"\n")):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except (ValueError, RecursionError):
            if not (whole and i == data.count(b"\n")):  # else: a last line cut short
                bad.append((i, "not JSON"))
            continue
        why = kinds.problem(event) or kinds.text_problem(line, event)
        if why is None:
            events.append(event)
        else:
            bad.append((i, why))
    problems = []
    if bad:
        first = _line_number(path, offset)
        problems = [f"skipped line {first + i} of {path}: {why}" for i, why in bad]
    return ReadResult(events, offset + end, problems)


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
