"""A run's files: capturing them into the run, listing them, and copying them back out.

A run keeps its files under `runs/<id>/artifacts/<path>`, where `<path>` is the file's path
relative to the run's working directory. What gets captured:

- files named through the events channel (`{"artifact": "path"}`, which `runlab.log_artifact`
  writes) while the run goes on, whatever their age;
- at the end, files matching the `-a/--artifact` globs and the `artifacts` setting that were
  created or changed during the run: modified, or with their inode changed (ctime), at or after
  the run's start, so a file that `cp -p` or `tar` gave an old mtime counts too.

Storage is content-addressed: each file is copied once into `.runlab/blobs/<sha256>` (read-only)
and hard-linked from there into the run, so a checkpoint kept by 50 runs takes its size once.
The user's own file is copied, never linked: changing it after the run cannot alter what the
run stored. Where hard links are impossible (another file system) the run gets a plain copy.
A run directory stays self-contained (rsync, import): its artifacts are ordinary files. A blob
whose link count has fallen to one belongs to no run or model any more (`collect_garbage`).

Paths never escape: a name that is absolute, holds `..` after normalisation, or is a link
resolving outside the working directory is refused when capturing, and `get` refuses any path
that does not name a regular file inside the run's artifacts directory.

Each captured file is one journal event: `{"e": "artifact", "path", "size", "sha256", "t"}`
(plus `"glob"` when a glob matched it); a later event for the same path replaces the earlier.
"""

from __future__ import annotations

import contextlib
import errno
import glob as globmod
import hashlib
import json
import os
import stat
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from runlab.store import events as kinds
from runlab.store import journal
from runlab.errors import RunlabError, StoreError, UsageError
from runlab.store.journal import Event

ARTIFACTS_DIR = "artifacts"
BLOBS_DIR = "blobs"
CHUNK = 1 << 20
# The file system stamps times from a coarse clock that can lag time.time() by a tick, so a
# file written at once after the start may look a little older than the start.
MTIME_SLACK_S = 0.05
_MARKER = b'"e":"artifact"'


@dataclass
class Artifact:
    """One file kept with a run, as `runlab artifacts` lists it."""

    path: str  # relative to the run's working directory, with "/" separators
    size: int
    sha256: str
    time: float
    glob: str | None = None  # the glob that matched it; None when the events channel named it

    def to_json(self) -> dict[str, Any]:
        from runlab.store.records import iso

        return {"path": self.path, "size": self.size, "sha256": self.sha256,
                "time": iso(self.time), "glob": self.glob}


@dataclass
class Capture:
    """What a capture did: the journal events for the files it kept, and what it refused."""

    events: list[Event] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# -- paths ------------------------------------------------------------------------------------


def clean_path(path: str) -> str:
    """A stored artifact name in normal form; UsageError for one that would leave its directory."""
    if not path or "\0" in path:
        raise UsageError(f"bad artifact path {path!r}")
    if os.path.isabs(path) or path.startswith("~"):
        raise UsageError(f"artifact path {path!r} is absolute: give it relative to the run")
    norm = os.path.normpath(path).replace(os.sep, "/")
    if norm == "." or norm == ".." or norm.startswith("../"):
        raise UsageError(f"artifact path {path!r} leaves the run's directory")
    return norm


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _source(cwd: str, name: str, store_root: str) -> tuple[str, str]:
    """(real path, stored name) of a file named relative to (or absolute within) `cwd`."""
    real_cwd = os.path.realpath(cwd)
    path = name if os.path.isabs(name) else os.path.join(cwd, name)
    if not os.path.isabs(name):
        clean_path(name)  # `..` that would leave the directory is refused before any look
    real = os.path.realpath(path)
    if not _inside(real, real_cwd):
        raise UsageError(
            f"{name}: outside the run's directory {cwd} (a link or an absolute path leading "
            "out of it); copy the file under it first"
        )
    if _inside(real, os.path.realpath(store_root)):
        raise UsageError(f"{name}: inside the runlab store; it cannot be an artifact")
    st = os.stat(real)  # FileNotFoundError for the caller
    if not stat.S_ISREG(st.st_mode):
        raise UsageError(f"{name}: not a regular file")
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(cwd))
    if rel.startswith(".."):  # an absolute path spelled through a link to the directory
        rel = os.path.relpath(real, real_cwd)
    return real, clean_path(rel)


# -- the blob store ---------------------------------------------------------------------------


def blob_path(store_root: str, sha256: str) -> str:
    return os.path.join(store_root, BLOBS_DIR, sha256[:2], sha256)


def ingest(store_root: str, src: str) -> tuple[str, int, str]:
    """Copy a file into the blob store once; returns (blob path, size, sha256).

    The copy is hashed as it is written, so the file is read once; a blob that exists already
    is kept and the fresh copy dropped (parallel runs may store the same content at once).
    """
    blobs = os.path.join(store_root, BLOBS_DIR)
    journal.private_dirs(blobs)
    tmp = os.path.join(blobs, f"tmp-{uuid.uuid4().hex}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f_out:
            sha, size = _copy(src, f_out)
        os.chmod(tmp, 0o400)  # shared by hard links: nobody should write into it
        dest = blob_path(store_root, sha)
        journal.private_dirs(os.path.dirname(dest))
        if not os.path.exists(dest):
            os.replace(tmp, dest)  # two runs racing here write the same bytes: either wins
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return dest, size, sha


def place(blob: str, dest: str) -> None:
    """Put a blob at `dest` (a hard link where possible, else a copy), replacing what is there."""
    tmp = os.path.join(os.path.dirname(dest), f".tmp-{uuid.uuid4().hex}")
    try:
        try:
            os.link(blob, tmp)
        except OSError as e:
            if e.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP,
                               errno.EACCES):
                raise
            with open(tmp, "wb") as f_out:
                _copy(blob, f_out)
            os.chmod(tmp, 0o400)
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def collect_garbage(store_root: str) -> int:
    """Delete blobs no run or model links to any more; returns the bytes freed."""
    freed = 0
    for top, _, names in os.walk(os.path.join(store_root, BLOBS_DIR)):
        for name in names:
            path = os.path.join(top, name)
            with contextlib.suppress(OSError):
                st = os.lstat(path)
                if name.startswith("tmp-"):
                    # A copy in progress, unless it was left behind by a crash long ago.
                    if st.st_mtime > time.time() - 24 * 3600:
                        continue
                elif st.st_nlink > 1:
                    continue
                os.unlink(path)
                freed += st.st_size
    return freed


# -- capturing --------------------------------------------------------------------------------


class Collector:
    """A run's artifacts as they are captured; the caller appends the events to the journal."""

    def __init__(self, store_root: str, run_dir: str, cwd: str) -> None:
        self.store_root = store_root
        self.dir = os.path.join(run_dir, ARTIFACTS_DIR)
        self.cwd = cwd
        self.kept: dict[str, str] = {}  # stored name -> sha256, this run so far

    def add(self, names: Iterable[str], t: float | None = None) -> Capture:
        """Capture files named by the command (events channel), whatever their age."""
        out = Capture()
        for name in names:
            self._one(name, t, None, out)
        return out

    def add_globs(self, patterns: Sequence[str], since: float,
                  before: Mapping[str, tuple[int, ...]] | None = None) -> Capture:
        """Capture the files matching `patterns` that were created or changed during the run:
        those not in the `before` snapshot (see `snapshot`) or changed since it; without one,
        those modified since `since` (with a little slack for coarse file system clocks)."""
        out = Capture()
        seen: set[str] = set()
        matched: set[str] = set()
        for pattern, match, path, st in self._matching(patterns, out.problems):
            matched.add(pattern)
            if path in seen:
                continue
            if before is not None:
                if before.get(path) == _signature(st):
                    continue  # there before the run, and untouched
            elif max(st.st_mtime, st.st_ctime) < since - MTIME_SLACK_S:
                continue
            seen.add(path)
            self._one(match, None, pattern, out)
        out.problems += [f"artifact glob {pattern!r} matched no file" for pattern in patterns
                         if pattern not in matched and not any(
                             pattern in problem for problem in out.problems)]
        return out

    def snapshot(self, patterns: Sequence[str]) -> dict[str, tuple[int, ...]]:
        """The files matching `patterns` now, each with what would show a change to it:
        taken when the run starts, it tells exactly which files the run made or changed."""
        return {path: _signature(st) for _, _, path, st in self._matching(patterns, [])}

    def _matching(self, patterns: Sequence[str], problems: list[str]
                  ) -> Iterator[tuple[str, str, str, os.stat_result]]:
        """(pattern, match, path, stat) of each regular file the globs match, in order."""
        for pattern in patterns:
            if os.path.isabs(pattern) and not _inside(os.path.abspath(pattern),
                                                      os.path.abspath(self.cwd)):
                problems.append(f"artifact glob {pattern!r} is outside the run's directory")
                continue
            try:
                matches = sorted(globmod.glob(pattern, root_dir=self.cwd, recursive=True))
            except (OSError, ValueError) as e:
                problems.append(f"artifact glob {pattern!r}: {e}")
                continue
            for match in matches:
                path = os.path.join(self.cwd, match)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode):
                    yield pattern, match, path, st

    def _one(self, name: str, t: float | None, pattern: str | None, out: Capture) -> None:
        try:
            real, rel = _source(self.cwd, name, self.store_root)
            blob, size, sha = ingest(self.store_root, real)
            if self.kept.get(rel) == sha:
                return
            dest = os.path.join(self.dir, *rel.split("/"))
            journal.private_dirs(os.path.dirname(dest))
            # A link planted inside the run directory must not carry the copy elsewhere.
            if not _inside(os.path.realpath(os.path.dirname(dest)), os.path.realpath(self.dir)):
                raise UsageError(f"{name}: the run's artifacts directory holds a link out of it")
            place(blob, dest)
        except RunlabError as e:
            out.problems.append(f"artifact not kept: {e}")
            return
        except OSError as e:
            out.problems.append(f"artifact {name} not kept: {e.strerror or e}")
            return
        self.kept[rel] = sha
        out.events.append(kinds.artifact(rel, size, sha, t, pattern))


# -- reading ----------------------------------------------------------------------------------


def list_artifacts(journal_path: str) -> list[Artifact]:
    """A run's artifacts from its journal (the latest event for each path), sorted by path.

    Only lines that mention an artifact event are decoded, so a journal of a million metric
    points is scanned, not parsed.
    """
    found: dict[str, Artifact] = {}
    try:
        with open(journal_path, "rb") as f:
            for line in f:
                if _MARKER not in line:
                    continue
                try:
                    e = json.loads(line)
                except ValueError:
                    continue
                if not isinstance(e, dict) or e.get("e") != "artifact":
                    continue
                if not isinstance(e.get("sha256"), str):
                    continue  # an old-style note without a stored file
                found[str(e["path"])] = Artifact(str(e["path"]), int(e.get("size") or 0),
                                                 e["sha256"], float(e.get("t") or 0),
                                                 e.get("glob"))
    except FileNotFoundError:
        pass
    return [found[k] for k in sorted(found)]


def stored_file(run_dir: str, path: str) -> str:
    """The file of a run's artifact, checked to be a regular file inside its artifacts dir."""
    rel = clean_path(path)
    root = os.path.realpath(os.path.join(run_dir, ARTIFACTS_DIR))
    candidate = os.path.join(root, *rel.split("/"))
    if os.path.realpath(candidate) != candidate:
        raise UsageError(f"{path}: a link in the run's artifacts; refusing to follow it")
    try:
        st = os.lstat(candidate)
    except FileNotFoundError:
        raise UsageError(f"{path}: the run has no such artifact file") from None
    if not stat.S_ISREG(st.st_mode):
        raise UsageError(f"{path}: not a regular file")
    return candidate


def find(artifacts: Sequence[Artifact], path: str) -> Artifact:
    """The artifact recorded under `path`; UsageError naming what there is otherwise."""
    rel = clean_path(path)
    for a in artifacts:
        if a.path == rel:
            return a
    names = ", ".join(a.path for a in artifacts[:10]) or "none"
    raise UsageError(f"no artifact {rel!r} in this run (it has: {names}); "
                     "`runlab artifacts RUN` lists them")


def copy_out(src: str, dest: str, sha256: str | None = None) -> tuple[str, int]:
    """Copy `src` to `dest` (a file, a directory to put it in, or "-" for stdout).

    Written through a temporary file renamed into place, so `dest` is never half written; the
    bytes are checked against `sha256` on the way. Returns (where it went, size).
    """
    if dest == "-":
        import sys

        digest, size = _copy(src, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        _check(digest, sha256, src)
        return dest, size
    if os.path.isdir(dest):
        dest = os.path.join(dest, os.path.basename(src))
    folder = os.path.dirname(os.path.abspath(dest))
    tmp = os.path.join(folder, f".{os.path.basename(dest)}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as f_out:
            digest, size = _copy(src, f_out)
        _check(digest, sha256, src)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, dest)
    except OSError as e:
        raise RunlabError(f"cannot write {dest}: {e.strerror or e}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return dest, size


def _check(digest: str, expected: str | None, src: str) -> None:
    if expected is not None and digest != expected:
        raise StoreError(f"{src} does not match its recorded sha256 (the store is damaged)")


def sha256_file(path: str) -> str:
    """The sha256 of a file's bytes, read in blocks."""
    return _copy(path, None)[0]


def _copy(src: str, out: IO[bytes] | None) -> tuple[str, int]:
    """Read `src` once, writing it to `out` (when given); returns (sha256, size)."""
    h = hashlib.sha256()
    size = 0
    with open(src, "rb") as f_in:
        for block in iter(lambda: f_in.read(CHUNK), b""):
            h.update(block)
            size += len(block)
            if out is not None:
                out.write(block)
    return h.hexdigest(), size


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _signature(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
