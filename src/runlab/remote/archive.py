"""Moving runs between stores: `export` packs run directories into a .tar.gz, `import` merges
runs from such a file or from a directory (another store, its runs/, or one run's directory:
what rsync brings home from a cluster).

The same id is the same run. A run this store lacks is copied in whole; a run it has already
gets the journal lines it lacks, appended in order and never twice (lines are compared as
JSON, counted, so a line that legitimately occurs twice is kept twice), plus the files it
lacks, and the rest of an output log that grew. Then the index catches up (`Store.catch_up`).
Importing the same thing twice changes nothing the second time.

An incoming journal is input, checked before anything of its run is copied: a line that is no
event of the right shape is left out (`problems` names it), and a run whose journal has no
readable start event is not imported at all. Import merges facts, not guesses: an `end` this
store already holds is never replaced, and a `lost` mark (another store's guess that the run
died) never lands on a run this store saw end. New runs are numbered in the order they
started.

An archive is checked whole before anything is written: a member with an absolute path or a
`..` part, or a link pointing anywhere but inside its own run, refuses the whole import.
Other links, devices and files outside any run are left out. Files are extracted by hand
(never `extractall`) into a private folder inside the store, then moved into place.
"""

from __future__ import annotations

import collections
import contextlib
import io
import json
import os
import posixpath
import re
import shutil
import stat
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO

from runlab.errors import RunlabError, UsageError
from runlab.store import events as kinds
from runlab.store import journal
from runlab.store.journal import FILE_MODE, JOURNAL, Event, write_private
from runlab.store.store import CHANNEL_FILES, Store

_RUN_ID = re.compile(r"^[0-9a-f]{32}$")


class UnsafeArchive(RunlabError):
    """An archive holds a path that would land outside the store: nothing was imported."""


@dataclass
class ExportReport:
    path: str
    runs: int = 0
    files: int = 0
    bytes: int = 0
    left_out: list[str] = field(default_factory=list)  # links and special files


@dataclass
class ImportReport:
    source: str
    added: list[str] = field(default_factory=list)  # run ids new to this store
    merged: list[str] = field(default_factory=list)  # known runs that gained lines or files
    unchanged: list[str] = field(default_factory=list)
    lines: int = 0  # journal lines appended to known runs
    files: int = 0  # files copied into known runs
    left_out: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # journal lines or runs not imported


# -- export -------------------------------------------------------------------------------------


def export_runs(store: Store, run_ids: Sequence[str], path: str) -> ExportReport:
    """Pack the runs' directories into a gzipped tar at `path` as runs/<id>/... (written to
    a temporary file first, so a failed export leaves no half archive)."""
    report = ExportReport(path)
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise RunlabError(f"cannot write {path}: Is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".runlab-export-", suffix=".tar.gz", dir=folder)
    except OSError as e:
        raise RunlabError(f"cannot write {path}: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            for run_id in run_ids:
                _add_run(tar, store.run_dir(run_id), f"runs/{run_id}", report)
                report.runs += 1
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return report


def _add_run(tar: tarfile.TarFile, run_dir: str, arcname: str, report: ExportReport) -> None:
    for top, dirs, files in os.walk(run_dir):
        rel_top = os.path.relpath(top, run_dir)
        base = arcname if rel_top == "." else f"{arcname}/{rel_top.replace(os.sep, '/')}"
        tar.addfile(_clean(tar.gettarinfo(top, base)))
        for name in sorted(dirs):
            if os.path.islink(os.path.join(top, name)):
                report.left_out.append(os.path.join(top, name))
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(top, d)))
        for name in sorted(files):
            if rel_top == "." and name in CHANNEL_FILES:
                continue  # (a lost run's raw channel: never a copy of it)
            full = os.path.join(top, name)
            st = os.lstat(full)
            if not stat.S_ISREG(st.st_mode):
                report.left_out.append(full)
                continue
            with open(full, "rb") as f:
                info = _clean(tar.gettarinfo(arcname=f"{base}/{name}", fileobj=f))
                # Artifacts are hard links into blobs/, so tar would pack a second run's copy
                # as a link to the first, which import refuses: every file goes in whole.
                info.type, info.linkname = tarfile.REGTYPE, ""
                # A running run's files grow: pack the size seen now, whole lines or not.
                info.size = os.fstat(f.fileno()).st_size
                tar.addfile(info, f)
            report.files += 1
            report.bytes += info.size


def _clean(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """No owner names or ids in the archive: they mean nothing on another machine."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


# -- import -------------------------------------------------------------------------------------


def import_runs(store: Store, source: str) -> ImportReport:
    """Merge the runs in `source` (a .tar.gz/.tar file or a directory) into `store`."""
    report = ImportReport(source)
    if os.path.isdir(source):
        runs = _runs_in_dir(source)
        if os.path.realpath(store.runs_dir) in {os.path.realpath(os.path.dirname(d))
                                                for d in runs.values()}:
            raise UsageError(f"{source} is this store: nothing to import")
        _merge_all(store, runs, report, lambda run_id: os.path.join(runs[run_id], JOURNAL))
    elif os.path.isfile(source):
        with _extracted(store, source, report) as runs:
            _merge_all(store, runs, report, lambda run_id: f"{source}:runs/{run_id}/{JOURNAL}")
    else:
        raise UsageError(f"no such file or directory: {source}")
    if not (report.added or report.merged or report.unchanged or report.problems):
        raise UsageError(f"no runs found in {source} (a run is a folder holding {JOURNAL})")
    store.catch_up()  # indexing a run records the number this store gives it in its journal
    return report


def _runs_in_dir(path: str) -> dict[str, str]:
    """Run id: run directory, for a store, its runs/ folder, or one run's directory."""
    if os.path.isfile(os.path.join(path, JOURNAL)):
        name = os.path.basename(os.path.normpath(path))
        return {name: path} if _RUN_ID.match(name) else {}
    for candidate in (os.path.join(path, "runs"), os.path.join(path, ".runlab", "runs"), path):
        if os.path.isdir(candidate):
            found = {name: os.path.join(candidate, name) for name in sorted(os.listdir(candidate))
                     if _RUN_ID.match(name) and not os.path.islink(os.path.join(candidate, name))
                     and os.path.isfile(os.path.join(candidate, name, JOURNAL))}
            if found:
                return found
    return {}


@contextlib.contextmanager
def _extracted(store: Store, path: str, report: ImportReport) -> Iterator[dict[str, str]]:
    """Check the archive whole, then extract its runs into a private folder in the store."""
    staging = tempfile.mkdtemp(prefix=".import-", dir=store.root)
    try:
        try:
            with tarfile.open(path, "r:*") as tar:
                wanted = _check_members(path, tar.getmembers(), report)
                runs = _extract(tar, wanted, staging)
        except (tarfile.TarError, EOFError, zlib.error) as e:
            why = str(e).splitlines()[0].rstrip(":") if str(e) else type(e).__name__
            raise UsageError(f"cannot read {path} as a tar archive ({why}): "
                             "`runlab export` writes a .tar.gz") from None
        except OSError as e:
            raise RunlabError(f"cannot import {path}: {e}") from None
        yield runs
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _extract(tar: tarfile.TarFile, wanted: list[tuple[tarfile.TarInfo, str, str]],
             staging: str) -> dict[str, str]:
    runs: dict[str, str] = {}
    for member, run_id, rel in wanted:
        run_dir = os.path.join(staging, run_id)
        if run_id not in runs:
            journal.private_dirs(run_dir)
            runs[run_id] = run_dir
        target = os.path.join(run_dir, *rel.split("/")) if rel else run_dir
        if member.isdir():
            journal.private_dirs(target)
            continue
        journal.private_dirs(os.path.dirname(target))
        src = tar.extractfile(member)
        if src is None:
            continue
        if os.path.isfile(target) and not os.path.islink(target):
            os.unlink(target)  # a later member of the same name wins, as with tar itself
        with src:
            _write_new(target, src, member.mtime)
    return {k: v for k, v in runs.items() if os.path.isfile(os.path.join(v, JOURNAL))}


def _check_members(path: str, members: list[tarfile.TarInfo],
                   report: ImportReport) -> list[tuple[tarfile.TarInfo, str, str]]:
    """(member, run id, path in the run) of what to extract; raises on anything unsafe."""
    wanted: list[tuple[tarfile.TarInfo, str, str]] = []
    for m in members:
        name = m.name.replace("\\", "/")
        parts = [p for p in name.split("/") if p not in ("", ".")]
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            raise UnsafeArchive(f"refusing {path}: {m.name!r} would land outside the store; "
                                "nothing was imported")
        located = _locate(parts)
        if m.issym() or m.islnk():
            if located is None or not _link_stays_inside(m, located[1]):
                raise UnsafeArchive(f"refusing {path}: the link {m.name!r} points outside its "
                                    "run; nothing was imported")
            report.left_out.append(m.name)  # links inside a run are not needed: left out
            continue
        if located is None or not (m.isfile() or m.isdir()):
            if not m.isdir():
                report.left_out.append(m.name)
            continue
        wanted.append((m, located[0], located[1]))
    return wanted


def _locate(parts: list[str]) -> tuple[str, str] | None:
    """(run id, path inside the run) of an archive member: …/runs/<id>/… or <id>/…."""
    for i, part in enumerate(parts):
        if _RUN_ID.match(part) and (i == 0 or parts[i - 1] == "runs"):
            return part, "/".join(parts[i + 1:])
    return None


def _link_stays_inside(member: tarfile.TarInfo, rel: str) -> bool:
    target = member.linkname.replace("\\", "/")
    if target.startswith("/") or not target:
        return False
    if member.islnk():  # hard links name another member, from the archive's root
        return False
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
    return not (resolved == ".." or resolved.startswith("../"))


def _write_new(target: str, src: IO[bytes], mtime: float) -> None:
    write_private(target, src, exclusive=True)  # O_EXCL: never through a planted link
    with contextlib.suppress(OSError):
        os.utime(target, (mtime, mtime))


# -- merging ------------------------------------------------------------------------------------


def _merge_all(store: Store, runs: dict[str, str], report: ImportReport,
               shown: Callable[[str], str]) -> None:
    for run_id, path in runs.items():
        incoming = _checked_journal(os.path.join(path, JOURNAL), shown(run_id), report)
        if incoming is None:
            continue
        here = store.run_dir(run_id)
        if not os.path.lexists(here):
            _copy_in(store, run_id, path, incoming)
            report.added.append(run_id)
            continue
        lines = _merge_journal(store, run_id, incoming)
        files = _merge_files(here, path, report)
        report.lines += lines
        report.files += files
        (report.merged if lines or files else report.unchanged).append(run_id)


def _checked_journal(path: str, shown: str, report: ImportReport) -> list[Event] | None:
    """The incoming journal's events of the right shape (problems name the others), or None
    when it holds no start event: such a run is not imported."""
    result = journal.read(path, whole=True)
    report.problems += [p.replace(path, shown) for p in result.problems]
    if not any(e["e"] == "start" for e in result.events):
        report.problems.append(f"did not import the run in {shown.rpartition('/')[0]}: its "
                               "journal has no readable start event")
        return None
    return result.events


def _copy_in(store: Store, run_id: str, path: str, events: list[Event]) -> None:
    """Copy a new run into a private folder, then move it into runs/ at once (a run half
    copied never shows). Its journal holds the checked events only."""
    staging = tempfile.mkdtemp(prefix=".import-", dir=store.root)
    try:
        target = os.path.join(staging, run_id)
        _copy_tree(path, target)
        mtime = os.stat(os.path.join(target, JOURNAL)).st_mtime
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(target, JOURNAL))
        _write_new(os.path.join(target, JOURNAL), io.BytesIO(journal.encode(events)), mtime)
        os.replace(target, store.run_dir(run_id))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _copy_tree(src: str, dst: str) -> None:
    """Directories and regular files only, private modes, links never followed."""
    journal.private_dirs(dst)
    for entry in sorted(os.scandir(src), key=lambda e: e.name):
        target = os.path.join(dst, entry.name)
        if entry.is_dir(follow_symlinks=False):
            _copy_tree(entry.path, target)
        elif entry.is_file(follow_symlinks=False):
            with open(entry.path, "rb") as f:
                _write_new(target, f, entry.stat(follow_symlinks=False).st_mtime)


def _canonical(event: Event) -> str:
    return json.dumps(event, sort_keys=True, separators=(",", ":"))


def _merge_journal(store: Store, run_id: str, incoming: list[Event]) -> int:
    """Append the incoming events that this journal lacks, in their order, except those that
    would overrule what this store knows for certain: its start, an end it saw (a `lost`
    mark never lands on a run that has an end of any kind), the number it gave the run."""
    mine = store.events(run_id)
    have = collections.Counter(_canonical(e) for e in mine)
    ends = [e for e in mine if e["e"] == "end"]
    ended = any(not kinds.is_lost_mark(e) for e in ends)
    new: list[Event] = []
    for event in incoming:
        key = _canonical(event)
        if have[key] > 0:
            have[key] -= 1
            continue
        if event["e"] == "start" or (event["e"] == "end" and (
                ended or (kinds.is_lost_mark(event) and ends))):
            continue
        if event["e"] == "number" and event["store"] == store.id:
            continue  # only this store numbers its runs
        new.append(event)
    if new:
        store.append(run_id, new, fsync=True)
    return len(new)


def _merge_files(here: str, there: str, report: ImportReport) -> int:
    """Copy the files this run lacks; extend a log that grew. Returns files changed."""
    changed = 0
    for top, dirs, files in os.walk(there):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(top, d))]
        rel_top = os.path.relpath(top, there)
        for name in files:
            src = os.path.join(top, name)
            rel = os.path.normpath(os.path.join(rel_top, name))
            if rel == JOURNAL or not stat.S_ISREG(os.lstat(src).st_mode):
                continue
            dst = os.path.join(here, rel)
            if not os.path.lexists(dst):
                journal.private_dirs(os.path.dirname(dst))
                with open(src, "rb") as f:
                    _write_new(dst, f, os.stat(src).st_mtime)
                changed += 1
            elif _extends(dst, src):
                _append_rest(dst, src)
                changed += 1
    return changed


def _extends(mine: str, theirs: str) -> bool:
    """Whether `theirs` is `mine` with more at the end (a log copied while the run ran)."""
    try:
        a, b = os.lstat(mine), os.lstat(theirs)
    except OSError:
        return False
    if not stat.S_ISREG(a.st_mode) or b.st_size <= a.st_size:
        return False
    with open(mine, "rb") as f, open(theirs, "rb") as g:
        left = a.st_size
        while left:
            chunk = f.read(min(left, 1 << 20))
            if not chunk or chunk != g.read(len(chunk)):
                return False
            left -= len(chunk)
    return True


def _append_rest(mine: str, theirs: str) -> None:
    size = os.lstat(mine).st_size
    fd = os.open(mine, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "ab") as out, open(theirs, "rb") as g:
        g.seek(size)
        shutil.copyfileobj(g, out, 1 << 20)
