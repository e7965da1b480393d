"""The start event: the one builder of what a run records of how and where it started.

Both ways of recording a run build it here: the wrapper (`tracking.py`, for `runlab COMMAND`)
and the Python API's direct runs (`api.py`). `process_fields` is what the process knows of
itself (command, code, host), `start_event` adds what the run was given (name, experiment,
params, tags, ...).
"""

from __future__ import annotations

import json
import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

    from runlab.capture.args import ParsedArgs
    from runlab.capture.git import GitInfo
    from runlab.store.journal import Event


def process_fields(parsed: ParsedArgs, argv: list[str], cwd: str, host: dict[str, Any],
                   git_info: GitInfo | None, *, author_from_git: bool = True,
                   patch_hash: bool = True) -> Event:
    """The command, its code and its host, as the start event records them.

    The author is the commit's (else git's configured user, else the login) unless
    `author_from_git` is false. `patch_hash` records the uncommitted patch's hash (the wrapper
    keeps the patch itself beside the run).
    """
    if git_info is not None and any(git_info.author):
        author = format_author(*git_info.author)
    else:
        author = find_author(cwd if author_from_git else None, host.get("user"))
    return {
        "command": parsed.argv,
        "command_key": command_key(argv, parsed.script, parsed.module, cwd),
        "args": parsed.args,
        "cwd": cwd,
        "git": git_fields(git_info, patch_hash=patch_hash),
        "author": author,
        "user": host.get("user"),
        "host": host.get("host"),
        "python": host.get("python"),
        "platform": host.get("platform"),
        "pid": os.getpid(),
        "pid_start": _own_start_time(),
        **_own_ticks(),
    }


def start_event(process: Event, *, name: str | None, experiment: str,
                params: dict[str, Any], tags: dict[str, str], note: str | None = None,
                source: dict[str, Any] | None = None, env: dict[str, str] | None = None,
                extra: dict[str, Any] | None = None) -> Event:
    """The journal's start event: `process_fields` and what the run was given (redacted)."""
    return {
        "name": name,
        "experiment": experiment,
        **process,
        "source": source,
        "params": params,
        "tags": tags,
        "note": note,
        "env": env,
        **(extra or {}),
    }


def git_fields(git_info: GitInfo | None, *, patch_hash: bool = True) -> dict[str, Any] | None:
    """The code state as the start event records it (None outside a repository)."""
    if git_info is None:
        return None
    fields: dict[str, Any] = {
        "commit": git_info.commit,
        "branch": git_info.branch,
        "detached": git_info.detached,
        "dirty": git_info.dirty,
        "remote": git_info.remote,
        "message": git_info.message,
        "root": git_info.root,
        "changed_files": git_info.changed_files,
        "left_out": git_info.left_out,
    }
    if patch_hash:
        fields["patch_sha256"] = sha256_text(git_info.patch) if git_info.patch else None
    return fields


def command_key(argv: list[str], script: str | None, module: str | None,
                cwd: str = ".") -> str:
    """What makes two runs 'the same command' for the summary: the program and its script.

    The script is named by its path in the repository (else in `cwd`), so that
    `python ../train.py` from `sub/` is the same command as `python train.py` from the root.
    """
    program = os.path.basename(argv[0]) if argv else ""
    return json.dumps([program, script_identity(script, cwd) if script else module or ""])


def script_identity(script: str, cwd: str) -> str:
    """The script's path from the root of the repository holding it (from `cwd` outside one;
    absolute when it lies outside that directory)."""
    from runlab.config import find_repo_root

    path = os.path.realpath(os.path.join(cwd, script))
    base = os.path.realpath(find_repo_root(os.path.dirname(path)) or cwd)
    rel = os.path.relpath(path, base)
    return path if rel == ".." or rel.startswith(".." + os.sep) else rel


def find_author(cwd: str | None, fallback: str | None) -> str | None:
    """git's configured user in `cwd` (when given), else `fallback` (the login)."""
    if cwd is not None:
        from runlab.capture.git import git_author

        name, email = git_author(cwd)
        if name or email:
            return format_author(name, email)
    return fallback


def format_author(name: str | None, email: str | None) -> str | None:
    return f"{name} <{email}>" if name and email else (name or email)


def entry_source(script: str | None, module: str | None, cwd: str,
                 code: str | None = None) -> dict[str, Any] | None:
    """The entry's `source_fields`: the script's, else the file of `python -m pkg.train`'s
    module in `cwd` (`pkg/train.py`, or a package's `__main__.py`), else `python -c CODE`'s
    program (`-c` and its hash: two runs of other code are no "same code"); None without
    any."""
    if script:
        return source_fields(script, cwd)
    if code is not None:
        return {"path": "-c", "sha256": sha256_text(code)}
    if not module or not all(part.isidentifier() for part in module.split(".")):
        return None
    parts = module.split(".")
    for path in (os.path.join(*parts) + ".py", os.path.join(*parts, "__main__.py")):
        if os.path.isfile(os.path.join(cwd, path)):
            return source_fields(path, cwd)
    return None


def source_fields(script: str, cwd: str) -> dict[str, Any]:
    """The entry script: its path from `cwd` and its hash (None when it cannot be read)."""
    path = os.path.join(cwd, script)
    return {"path": os.path.relpath(os.path.realpath(path), cwd), "sha256": _sha256(path)}


def sha256_text(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def _sha256(path: str) -> str | None:
    from runlab.lifecycle.artifacts import sha256_file

    try:
        return sha256_file(path)
    except OSError:
        return None


def _own_start_time() -> float | None:
    from runlab.capture.system import process_start_time

    return process_start_time(os.getpid())


def _own_ticks() -> dict[str, Any]:
    """This process's boot id and start in clock ticks, which name it across clock changes."""
    from runlab.capture.system import process_ticks

    ticks = process_ticks(os.getpid())
    return {} if ticks is None else {"pid_boot": ticks[0], "pid_ticks": ticks[1]}
