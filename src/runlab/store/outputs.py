"""The files runlab itself wrote outside its store, so that no run takes them for code.

`runlab ls --format csv > runs.csv`, `runlab export -o best.tar.gz`, `runlab get RUN PATH`:
each leaves a file in the working tree, which would otherwise be an uncommitted change of
every later run (in its patch, or listed as left out). The store keeps a record of them in
`outputs.json`, path -> [size, mtime_ns, announced]; a file counts as runlab's while it is as
runlab left it (same size and modification time): once someone edits it, it is theirs again.

The record lives in the store of the file's directory (the one a run there uses), and only
where that store exists already: a file written elsewhere is not runlab's business. Writing
it is best effort: it never fails the command that wrote the file.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys

FILE = "outputs.json"
MAX_FILES = 1000  # the oldest entries go first


def record(path: str, store_root: str | None = None) -> None:
    """Note that runlab wrote the file at `path` (as it is now)."""
    path = os.path.realpath(path)
    try:
        st = os.stat(path)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode):
        return
    if store_root is None:
        from runlab.errors import RunlabError
        from runlab.store.store import locate

        try:
            store_root = locate(os.path.dirname(path))
        except RunlabError:  # a broken runlab.toml: the command that reads it says so
            return
    if not os.path.isdir(store_root):
        return
    entries = _read(store_root)
    old = entries.pop(path, None)
    same = old is not None and old[:2] == [st.st_size, st.st_mtime_ns]
    entries[path] = [st.st_size, st.st_mtime_ns, bool(old and old[2] and same)]
    _write(store_root, dict(list(entries.items())[-MAX_FILES:]))


def record_stdout() -> None:
    """Note runlab's stdout when the shell sent it to a file (`runlab ls --format csv > f`)."""
    try:
        if not stat.S_ISREG(os.fstat(1).st_mode):
            return
        with contextlib.suppress(ValueError, OSError):
            sys.stdout.flush()  # the size recorded is the file's final size
        path = os.readlink("/proc/self/fd/1")  # Linux; elsewhere the file goes unrecorded
    except OSError:
        return
    if os.path.isabs(path):
        record(path)


def own_files(store_root: str) -> dict[str, bool]:
    """The files runlab wrote that are still as it left them: path -> already announced."""
    out: dict[str, bool] = {}
    for path, (size, mtime_ns, announced) in _read(store_root).items():
        try:
            st = os.stat(path)
        except OSError:
            continue
        if st.st_size == size and st.st_mtime_ns == mtime_ns:
            out[path] = bool(announced)
    return out


def mark_announced(store_root: str, paths: list[str]) -> None:
    """Remember that the user was told these files are left out of runs' code."""
    entries = _read(store_root)
    for path in paths:
        if path in entries:
            entries[path][2] = True
    _write(store_root, entries)


def _read(store_root: str) -> dict[str, list[object]]:
    try:
        with open(os.path.join(store_root, FILE), encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): list(v) for k, v in data.items()
            if isinstance(v, list) and len(v) == 3
            and all(isinstance(x, int) for x in v[:2])}


def _write(store_root: str, entries: dict[str, list[object]]) -> None:
    from runlab.store.journal import write_private

    with contextlib.suppress(OSError):
        tmp = os.path.join(store_root, f".{FILE}.{os.getpid()}.tmp")
        write_private(tmp, json.dumps(entries).encode(), exclusive=False)
        os.replace(tmp, os.path.join(store_root, FILE))
