"""The code state of a run: commit, branch, dirty flag, remote, message and uncommitted patch.

`capture_git` runs on every tracked run, so it asks git as little as it can, and at once: one
`git status --porcelain=v2 --branch` (which also names HEAD's commit and branch), one
`git cat-file commit HEAD` for the message and one `git config` for the author and remotes
start together; then one `git diff <commit>` only when tracked files changed. Untracked files
are read directly, in path order, and added to the patch as new-file diffs until the size
limits say stop; what is left out is listed with the reason. These are plain git calls, not
GitPython: importing GitPython costs more than all of them together, on every run. An odd
repository state never raises: what cannot be read is left empty and explained in
`GitInfo.errors`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from runlab.capture.args import (
    SECRET_PATTERNS,
    is_secret_file,
    redact_patch,
    redact_prose,
    redact_url,
)
from runlab.config import find_repo_root

# git options that keep the output stable whatever the user's configuration says, and stop
# `git status` from rewriting the index under a git command the user is running.
_GIT_OPTIONS = ("--no-optional-locks", "-c", "core.quotepath=on", "-c", "core.safecrlf=false")
_EMPTY_TREES = {
    "sha1": "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
    "sha256": "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321",
}
_BINARY_PROBE = 8000  # git's own heuristic: a NUL in the first 8000 bytes means binary
_MAX_LISTED = 1000  # changed_files / left_out entries kept; a run's record stays small
_SECTION_MARK = b"\ndiff --git "


@dataclass
class GitInfo:
    """The state of the repository that holds a run's working directory."""

    root: str
    commit: str | None = None  # None in a repository with no commits yet
    branch: str | None = None  # None when HEAD is detached
    detached: bool = False
    dirty: bool = False  # tracked changes (staged or not) or untracked files
    remote: str | None = None  # origin's URL (else the first remote's), credentials stripped
    message: str | None = None  # HEAD's commit message, stripped
    patch: str = ""  # `git diff HEAD` plus untracked text files as new-file diffs
    changed_files: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # "data.bin (binary)", ...
    errors: list[str] = field(default_factory=list)  # what could not be read, and why
    author: tuple[str | None, str | None] = (None, None)  # (name, email) as git resolves them
    own_outputs: list[str] = field(default_factory=list)  # changed files runlab wrote: not code


def capture_git(
    cwd: str, *, max_file_bytes: int = 1_000_000, max_patch_bytes: int = 10_000_000,
    secret_patterns: Sequence[str] = SECRET_PATTERNS,
) -> GitInfo | None:
    """Capture the repository holding `cwd`; None when `cwd` is not in one.

    `max_file_bytes` caps each file's part of the patch, `max_patch_bytes` the whole patch.
    """
    pending = start_capture(cwd)
    return None if pending is None else pending.finish(max_file_bytes, max_patch_bytes,
                                                       secret_patterns=secret_patterns)


class PendingCapture:
    """The git calls of a capture, started; `finish` waits for them and reads the results.

    Starting them first lets a caller do other work (runlab imports the rest of itself) while
    git runs.
    """

    def __init__(self, root: str) -> None:
        self.root = root
        self.status = _start(root, "status", "--porcelain=v2", "-z", "--branch",
                             "--no-ahead-behind", "--untracked-files=all", "--no-renames")
        self.message = _start(root, "cat-file", "commit", "HEAD") if self.status else None
        self.config = _start(root, "config", "-z", "--get-regexp", _CONFIG_KEYS) \
            if self.status else None

    def finish(self, max_file_bytes: int = 1_000_000, max_patch_bytes: int = 10_000_000,
               exclude: Collection[str] = (),
               secret_patterns: Sequence[str] = SECRET_PATTERNS,
               written: Collection[str] = ()) -> GitInfo:
        """The repository's state; the files at the absolute paths in `exclude` (runlab's
        own outputs) are no part of it: not in the patch, the changed files or `dirty`; nor
        are the untracked files under the absolute paths in `written` (where the command
        writes: an earlier run's outputs). The patch leaves out files that hold secrets by
        name and is redacted (`redact_patch`)."""
        return _complete(self, max_file_bytes, max_patch_bytes, exclude, secret_patterns,
                         written)


def start_capture(cwd: str) -> PendingCapture | None:
    """Start capturing the repository holding `cwd`; None when `cwd` is not in one."""
    root = find_repo_root(cwd)
    return None if root is None else PendingCapture(root)


def _complete(pending: PendingCapture, max_file_bytes: int, max_patch_bytes: int,
              exclude: Collection[str], secret_patterns: Sequence[str],
              written: Collection[str] = ()) -> GitInfo:
    root = pending.root
    info = GitInfo(root=root)
    if pending.status is None:
        info.errors.append("git is not available")
        _head_from_files(info)
        return info
    config_out = _finish(pending.config)[0]
    info.author = _author_from_config(config_out)
    info.remote = _remote_from_config(config_out)
    out, err, code = _finish(pending.status)
    raw_message, _, message_code = _finish(pending.message)
    if code != 0:
        info.errors.append(f"git status failed: {_first_text(err)}")
        _head_from_files(info)
        return info
    tracked, untracked = _parse_status(out, info)
    if exclude:
        real_root = os.path.realpath(root)
        skip = {os.path.relpath(p, real_root).replace(os.sep, "/") for p in exclude}
        info.own_outputs = sorted(c.path for c in tracked + untracked if c.path in skip)
        tracked = [c for c in tracked if c.path not in skip]
        untracked = [c for c in untracked if c.path not in skip]
    if written:
        real_root = os.path.realpath(root)
        places = tuple(os.path.relpath(p, real_root).replace(os.sep, "/") for p in written
                       if p.startswith(real_root + os.sep))
        untracked = [c for c in untracked
                     if not any(c.path == p or c.path.startswith(p + "/") for p in places)]
    info.dirty = bool(tracked or untracked)
    changed = [change.path for change in tracked + untracked]
    info.changed_files = changed[:_MAX_LISTED]
    if len(changed) > _MAX_LISTED:
        info.errors.append(f"{len(changed) - _MAX_LISTED} more changed files are not listed")
    if info.commit is not None and message_code == 0:
        message = _message(raw_message)
        # (a message may quote a token, `rotate: old token ghp_...`: never kept)
        info.message = message and redact_prose(message, secret_patterns)

    patch = _PatchCollector(max_file_bytes, max_patch_bytes)
    if tracked:
        base = info.commit or _empty_tree(root)
        diff = _start(root, "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames",
                      "--unified=3", "--src-prefix=a/", "--dst-prefix=b/", base, "--",
                      *(f":(top,literal,exclude){p}" for p in info.own_outputs))
        if diff is None or not _stream(diff, patch):
            info.errors.append("git diff failed")
        patch.close()
    unvisited = 0
    for index, change in enumerate(untracked):
        if len(patch.left_out) > _MAX_LISTED:  # a data directory nobody ignored: stop reading
            unvisited = len(untracked) - index
            break
        patch.add_untracked(info.root, change)
    info.patch = redact_patch("".join(patch.parts), secret_patterns)
    info.left_out = patch.left_out[:_MAX_LISTED]
    more = len(patch.left_out) - len(info.left_out) + unvisited
    if more:
        info.left_out.append(f"... and {more} more files")
    return info


_CONFIG_KEYS = r"^((user|author)\.(name|email)|remote\..*\.url)$"


def git_author(cwd: str) -> tuple[str | None, str | None]:
    """The (name, email) git would record as author here; (None, None) when unset or no git.

    `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL` win, then `author.*` and `user.*` from the repository,
    global and system configuration, as git resolves them.
    """
    proc = _start(cwd, "config", "-z", "--get-regexp", _CONFIG_KEYS)
    return _author_from_config(_finish(proc)[0])


def _config_values(output: bytes) -> list[tuple[str, str]]:
    values = []
    for entry in output.split(b"\0"):
        key, _, value = entry.decode("utf-8", "replace").partition("\n")
        if value:
            values.append((key.lower(), value))
    return values


def _author_from_config(output: bytes) -> tuple[str | None, str | None]:
    values = dict(_config_values(output))  # later levels override earlier ones, as in git
    name = os.environ.get("GIT_AUTHOR_NAME") or values.get("author.name") or values.get("user.name")
    email = (os.environ.get("GIT_AUTHOR_EMAIL") or values.get("author.email")
             or values.get("user.email"))
    return name or None, email or None


def _remote_from_config(output: bytes) -> str | None:
    """origin's URL, else the first remote's, credentials stripped."""
    urls: dict[str, str] = {}
    for key, value in _config_values(output):
        if key.startswith("remote.") and key.endswith(".url"):
            urls.setdefault(key[7:-4], value)
    url = urls.get("origin") or next(iter(urls.values()), None)
    return redact_url(url) if url else None


@dataclass
class _Change:
    path: str  # for display: always valid text
    fspath: bytes  # as git gave it, for the file system


def _start(cwd: str, *args: str) -> subprocess.Popen[bytes] | None:
    """Start a git command without waiting for it (so several run at once)."""
    try:
        return subprocess.Popen(["git", *_GIT_OPTIONS, *args], cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError:
        return None


def _finish(proc: subprocess.Popen[bytes] | None) -> tuple[bytes, bytes, int]:
    if proc is None:
        return b"", b"git is not available", 127
    out, err = proc.communicate()
    return out, err, proc.returncode


def _stream(proc: subprocess.Popen[bytes], sink: _PatchCollector) -> bool:
    """Feed a command's output to `sink` as it arrives (a diff may be larger than memory)."""
    assert proc.stdout is not None and proc.stderr is not None
    for chunk in iter(lambda: proc.stdout.read(1 << 16), b""):  # type: ignore[union-attr]
        sink.write(chunk)
    proc.stderr.read()
    return proc.wait() == 0


def _first_text(err: bytes) -> str:
    text = err.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else "no message"


def _parse_status(output: bytes, info: GitInfo) -> tuple[list[_Change], list[_Change]]:
    """Read `git status --porcelain=v2 -z --branch`: HEAD into `info`, changes returned."""
    tracked: list[_Change] = []
    untracked: list[_Change] = []
    entries = iter(output.split(b"\0"))
    for entry in entries:
        if entry.startswith(b"# branch.oid "):
            oid = entry[13:].decode("ascii", "replace")
            info.commit = None if oid == "(initial)" else oid
        elif entry.startswith(b"# branch.head "):
            head = entry[14:].decode("utf-8", "replace")
            info.detached = head == "(detached)"
            info.branch = None if info.detached else head
        elif entry.startswith(b"1 "):
            tracked.append(_change(entry.split(b" ", 8)[-1]))
        elif entry.startswith(b"2 "):
            tracked.append(_change(entry.split(b" ", 9)[-1]))
            next(entries, None)  # the original path of a rename
        elif entry.startswith(b"u "):
            tracked.append(_change(entry.split(b" ", 10)[-1]))
        elif entry.startswith(b"? "):
            untracked.append(_change(entry[2:]))
    return tracked, untracked


def _change(fspath: bytes) -> _Change:
    return _Change(path=fspath.decode("utf-8", "backslashreplace"), fspath=fspath)


def _message(raw: bytes) -> str | None:
    headers, _, body = raw.partition(b"\n\n")
    encoding = "utf-8"
    for line in headers.split(b"\n"):
        if line.startswith(b"encoding "):
            encoding = line[9:].decode("ascii", "replace").strip()
    try:
        return body.decode(encoding, "replace").strip()
    except LookupError:  # an encoding Python does not know
        return body.decode("utf-8", "replace").strip()


def _empty_tree(root: str) -> str:
    out = _finish(_start(root, "rev-parse", "--show-object-format"))[0]
    object_format = out.decode("ascii", "replace").strip() or "sha1"
    return _EMPTY_TREES.get(object_format.lower(), _EMPTY_TREES["sha1"])


class _PatchCollector:
    """Receives `git diff` output as it streams and keeps each file's section within limits.

    It never holds more than one section (up to `max_file_bytes`) besides the patch itself, so
    a deleted or rewritten huge file costs no memory.
    """

    def __init__(self, max_file_bytes: int, max_patch_bytes: int) -> None:
        self.max_file_bytes = max_file_bytes
        self.max_patch_bytes = max_patch_bytes
        self.parts: list[str] = []
        self.left_out: list[str] = []
        self.size = 0
        self._section = bytearray()
        self._section_size = 0
        self._header = b""
        self._tail = b""

    def write(self, data: bytes) -> int:
        view = self._tail + data
        start = 0
        while True:
            mark = view.find(_SECTION_MARK, start)
            if mark == -1:
                break
            self._feed(view[start : mark + 1])
            self._finish()
            start = mark + 1
        # A mark may straddle two writes: hold back what could be its beginning.
        keep = max(start, len(view) - len(_SECTION_MARK) + 1)
        self._feed(view[start:keep])
        self._tail = view[keep:]
        return len(data)

    def close(self) -> None:
        self._feed(self._tail)
        self._tail = b""
        self._finish()

    def _feed(self, data: bytes) -> None:
        if not data:
            return
        if not self._header.endswith(b"\n"):  # the header line may come in pieces
            line_end = data.find(b"\n")
            self._header += data if line_end == -1 else data[: line_end + 1]
        self._section_size += len(data)
        if self._section_size <= self.max_file_bytes:
            self._section += data
        else:
            self._section.clear()

    def _finish(self) -> None:
        section, size = bytes(self._section), self._section_size
        path = _section_path(self._header)
        self._section, self._section_size, self._header = bytearray(), 0, b""
        if not size:
            return
        if is_secret_file(path):
            self.left_out.append(f"{path} (may hold secrets)")
            return
        if size > self.max_file_bytes:
            self.left_out.append(
                f"{path} (diff {_size(size)} > {_size(self.max_file_bytes)} limit)"
            )
            return
        binary = b"\nBinary files " in section
        if not binary:
            try:
                text = section.decode("utf-8")
            except UnicodeDecodeError:
                self.left_out.append(f"{path} (not UTF-8 text)")
                return
        else:
            text = section.decode("utf-8", "replace")
        if not self._fits(path, len(section)):
            return
        self.parts.append(text)
        if binary:  # git's "Binary files ... differ" stays in the patch as the note
            self.left_out.append(f"{path} (binary)")

    def add_untracked(self, root: str, change: _Change) -> None:
        """Append an untracked file as a new-file diff, or list it as left out."""
        if is_secret_file(change.path):
            self.left_out.append(f"{change.path} (may hold secrets)")
            return
        full = os.path.join(os.fsencode(root), change.fspath)
        try:
            stat = os.lstat(full)
            if os.path.islink(full):
                data, mode = os.fsencode(os.readlink(full)), "120000"
            elif not os.path.isfile(full):
                self.left_out.append(f"{change.path} (not a regular file)")
                return
            else:
                if stat.st_size > self.max_file_bytes:
                    self.left_out.append(
                        f"{change.path} ({_size(stat.st_size)} > "
                        f"{_size(self.max_file_bytes)} limit)"
                    )
                    return
                if self.size + stat.st_size > self.max_patch_bytes:
                    self._over_budget(change.path)
                    return
                with open(full, "rb") as file:
                    data = file.read(self.max_file_bytes + 1)
                if len(data) > self.max_file_bytes:  # grew since it was listed
                    self.left_out.append(
                        f"{change.path} (over the {_size(self.max_file_bytes)} limit)"
                    )
                    return
                mode = "100755" if stat.st_mode & 0o100 else "100644"
        except OSError as error:  # vanished or unreadable since git status listed it
            self.left_out.append(f"{change.path} (unreadable: {error.strerror})")
            return
        if b"\0" in data[:_BINARY_PROBE]:
            self.left_out.append(f"{change.path} (binary)")
            return
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            self.left_out.append(f"{change.path} (not UTF-8 text)")
            return
        diff = _new_file_diff(change.fspath, text, mode)
        if self._fits(change.path, len(diff.encode("utf-8", "surrogateescape"))):
            self.parts.append(diff)

    def _fits(self, path: str, size: int) -> bool:
        if self.size + size > self.max_patch_bytes:
            self._over_budget(path)
            return False
        self.size += size
        return True

    def _over_budget(self, path: str) -> None:
        self.left_out.append(f"{path} (patch over the {_size(self.max_patch_bytes)} limit)")


def _new_file_diff(fspath: bytes, text: str, mode: str) -> str:
    """The diff git would print for a newly added file, so that `git apply` recreates it."""
    old, new = _quote(b"a/" + fspath), _quote(b"b/" + fspath)
    lines = [f"diff --git {old} {new}\n", f"new file mode {mode}\n"]
    if not text:
        return "".join(lines)
    body = text.split("\n")
    complete = body[-1] == ""
    if complete:
        body.pop()
    count = len(body)
    lines.append("--- /dev/null\n")
    lines.append(f"+++ {new}{chr(9) if ' ' in new else ''}\n")
    lines.append(f"@@ -0,0 +1{'' if count == 1 else f',{count}'} @@\n")
    lines.extend(f"+{line}\n" for line in body)
    if not complete:
        lines.append("\\ No newline at end of file\n")
    return "".join(lines)


_C_ESCAPES = {7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 34: '"', 92: "\\"}


def _quote(name: bytes) -> str:
    """Quote a path the way git does with core.quotePath on (C-style, octal for non-ASCII)."""
    if not any(byte < 0x20 or byte in (0x22, 0x5C) or byte >= 0x7F for byte in name):
        return name.decode("ascii")
    out = ['"']
    for byte in name:
        if byte in _C_ESCAPES:
            out.append("\\" + _C_ESCAPES[byte])
        elif byte < 0x20 or byte >= 0x7F:
            out.append(f"\\{byte:03o}")
        else:
            out.append(chr(byte))
    out.append('"')
    return "".join(out)


def _unquote(text: bytes) -> bytes:
    """Undo git's C-style quoting of a path (the inverse of `_quote`)."""
    if not text.startswith(b'"'):
        return text
    reverse = {code.encode(): byte for byte, code in _C_ESCAPES.items()}
    out = bytearray()
    index = 1
    while index < len(text) and text[index : index + 1] != b'"':
        char = text[index : index + 1]
        if char == b"\\":
            following = text[index + 1 : index + 2]
            if following in reverse:
                out.append(reverse[following])
                index += 2
                continue
            out.append(int(text[index + 1 : index + 4], 8))
            index += 4
            continue
        out += char
        index += 1
    return bytes(out)


def _section_path(header: bytes) -> str:
    """The path named by a `diff --git a/P b/P` line (both names are equal without renames)."""
    rest = header[len(b"diff --git ") :].rstrip(b"\n")
    if rest.startswith(b'"'):
        name = _unquote(rest)
    else:
        name = rest[: (len(rest) - 1) // 2]
    return name[2:].decode("utf-8", "backslashreplace")


def _head_from_files(info: GitInfo) -> None:
    """Read HEAD without git, for when git itself cannot tell (missing, or refuses the repo)."""
    try:
        git_dir = os.path.join(info.root, ".git")
        if os.path.isfile(git_dir):  # a worktree or submodule: "gitdir: <path>"
            with open(git_dir, encoding="utf-8") as file:
                pointer = file.read().strip()
            git_dir = os.path.join(info.root, pointer.removeprefix("gitdir:").strip())
        common_dir = git_dir
        commondir_file = os.path.join(git_dir, "commondir")
        if os.path.isfile(commondir_file):
            with open(commondir_file, encoding="utf-8") as file:
                common_dir = os.path.join(git_dir, file.read().strip())
        with open(os.path.join(git_dir, "HEAD"), encoding="utf-8") as file:
            head = file.read().strip()
    except OSError:
        return
    if not head.startswith("ref:"):
        info.detached, info.commit = True, head or None
        return
    ref = head[4:].strip()
    info.branch = ref.removeprefix("refs/heads/")
    info.commit = _resolve_ref(common_dir, git_dir, ref)


def _resolve_ref(common_dir: str, git_dir: str, ref: str) -> str | None:
    for directory in (git_dir, common_dir):
        try:
            with open(os.path.join(directory, ref), encoding="utf-8") as file:
                return file.read().strip() or None
        except OSError:
            continue
    try:
        with open(os.path.join(common_dir, "packed-refs"), encoding="utf-8") as file:
            for line in file:
                sha, _, name = line.strip().partition(" ")
                if name == ref:
                    return sha
    except OSError:
        pass
    return None  # no commit yet, or refs in a format read only by git


def _size(count: int) -> str:
    value = float(count)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            text = f"{value:.1f}".removesuffix(".0") if unit != "bytes" else str(count)
            return f"{text} {unit}"
        value /= 1000
    return f"{count} bytes"


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
