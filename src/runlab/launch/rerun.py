"""Reruns: the recorded command of a run, again, with some params changed.

`plan` works out what to run from the run's start event:

- A run of a named command ([commands.NAME]) is refilled from the template and params it
  recorded, so a positional `{data}` can be overridden too.
- Any other run has each overridden param replaced where it sits in the recorded argv:
  `--lr 0.1`, `--lr=0.1`, `-e 3`, `lr=0.1` and Hydra's `+lr=0.1` / `++lr=0.1`. A flag's whole
  value is replaced (`--layers 64 32` with `layers=128` becomes `--layers 128`). A bare flag
  set to false is dropped (`--no-KEY` turned true becomes `--KEY`). A param the argv does not
  hold is appended as `--KEY VALUE`.
- A value that was recorded as `***` (a secret) cannot be replayed: unless it is overridden
  the rerun is refused, naming the key to give.

The new run runs in the recorded directory, in the same experiment, with the same `-m` and `-a`
options, and records `parent` (the run it reran). With `exact`, `checkout` first recreates the
recorded code in a temporary git worktree (`git worktree add --detach` at the recorded commit,
then `git apply` of the recorded `code.patch`) and the command runs there; the worktree is
removed afterwards, whatever happens. Files the patch left out (over the size limit, binary)
cannot be recreated and are reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from runlab.lifecycle.artifacts import sha256_file
from runlab.capture.args import ASSIGNMENT, REDACTED, is_option, parse_args, parse_value
from runlab.errors import RunlabError, UsageError
from runlab.record.request import RunRequest
from runlab.store import Store
from runlab.store.journal import Event

_ASSIGNMENT = ASSIGNMENT  # (what the record reads as `key=value`, a rerun replaces)
_OVERRIDE = re.compile(r"([A-Za-z_][\w.\-/@]*)=(.*)", re.DOTALL)


@dataclass
class Plan:
    """What a rerun will run, where, and what it records."""

    parent: str  # the id of the run rerun
    number: int
    argv: list[str]
    cwd: str  # where the original ran
    extra: dict[str, Any]  # start-event fields: parent, and the named command's
    experiment: str | None = None
    metric_patterns: list[str] = field(default_factory=list)  # the original's -m
    artifacts: list[str] = field(default_factory=list)  # the original's -a
    params: list[str] = field(default_factory=list)  # KEY=VALUE: a named command's params
    git: dict[str, Any] | None = None
    git_root: str | None = None  # the original repository (not an earlier rerun's worktree)
    patch: str | None = None  # the run's code.patch, when it had one
    warnings: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # the secrets filling a named command

    def request(self, cwd: str, *, name: str | None = None, tags: Sequence[str] = (),
                quiet: bool = False, store: str | None = None) -> RunRequest:
        """The tracked run that reruns it in `cwd`, with the rerun's own run options."""
        return RunRequest(command=list(self.argv), cwd=cwd, name=name,
                          experiment=self.experiment, tags=list(tags), params=list(self.params),
                          metric_patterns=list(self.metric_patterns),
                          artifacts=list(self.artifacts), store=store, quiet=quiet,
                          expand=False, extra=dict(self.extra), hidden=list(self.hidden))


def start_event(store: Store, run_id: str) -> Event:
    """A run's start event: the first line of its journal."""
    try:
        with open(store.journal_path(run_id), "rb") as f:
            event = json.loads(f.readline())
    except (OSError, ValueError) as e:
        raise RunlabError(f"cannot read the start of run {run_id}: {e}") from None
    if not isinstance(event, dict) or event.get("e") != "start":
        raise RunlabError(f"run {run_id} has no start event; its journal is damaged")
    return event


def parse_overrides(words: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for word in words:
        m = _OVERRIDE.fullmatch(word)
        if not m:
            raise UsageError(f"bad override {word!r}: use KEY=VALUE")
        out[m.group(1)] = m.group(2)
    return out


def plan(store: Store, run_id: str, overrides: Sequence[str], *,
         bool_flags: Sequence[str] = ()) -> Plan:
    """What rerunning `run_id` with `overrides` (KEY=VALUE words) runs."""
    start = start_event(store, run_id)
    run = store.get(run_id)
    given = parse_overrides(overrides)
    origin: dict[str, Any] = start["exact"] if isinstance(start.get("exact"), dict) else {}
    cwd = origin.get("cwd") or start.get("cwd") or run.cwd
    git: dict[str, Any] | None = start["git"] if isinstance(start.get("git"), dict) else None
    options: dict[str, Any] = start["options"] if isinstance(start.get("options"), dict) else {}
    kept = {k: list(options[k]) if isinstance(options.get(k), list) else []
            for k in ("metric_pattern", "artifact")}
    params: list[str] = []
    extra: dict[str, Any] = {"parent": run_id}
    hidden: list[str] = []
    if start.get("command_template"):
        argv, named_params, named_extra, hidden = _refill(start, given, run.number)
        params = [f"{k}={_text(v)}" for k, v in named_params.items()]
        extra.update(named_extra)
    else:
        argv = list(start.get("command") or run.command)
        if not argv:
            raise RunlabError(f"run {run.number} recorded no command")
        begin = _params_start(argv, cwd)
        recorded = run.params if isinstance(run.params, dict) else {}
        for key, value in given.items():
            # (as many words as the recorded value had: one, unless a list, so `--lr 0.1
            # data.csv` keeps its positional)
            was = recorded.get(key)
            count = len(was) if isinstance(was, list) else -1 if isinstance(was, bool) else (
                1 if key in recorded else None)
            if not _replace(argv, key, value, begin, set(bool_flags), count):
                argv += [f"--{key}", value]
        _refuse_redacted(argv, run.number)
    patch = os.path.join(store.run_dir(run_id), "code.patch")
    return Plan(parent=run_id, number=run.number, argv=argv, cwd=cwd, extra=extra,
                experiment=start.get("experiment"), metric_patterns=kept["metric_pattern"],
                artifacts=kept["artifact"], params=params, git=git, git_root=origin.get("root") or (git or {}).get("root"),
                patch=patch if os.path.isfile(patch) else None, hidden=hidden)


def _refill(start: Event, given: Mapping[str, str],
            number: int) -> tuple[list[str], dict[str, Any], dict[str, Any], list[str]]:
    """A named command's run, filled again from its recorded template and params."""
    import shlex

    from runlab.launch import commands as projects

    template = str(start["command_template"])
    recorded = {str(k): str(v) for k, v in (start.get("command_params") or {}).items()}
    hidden = [k for k, v in recorded.items() if v == REDACTED and k not in given]
    if hidden:
        raise UsageError(_redacted_message(hidden, number))
    rest = list(start.get("command") or [])[len(shlex.split(template)):]
    named = projects.NamedCommand(str(start.get("command_name")), template,
                                  defaults={k: parse_value(v) for k, v in recorded.items()})
    words = [f"{k}={v}" for k, v in given.items()] + (["--", *rest] if rest else [])
    expansion = projects.expand(named, words)
    expansion.extra["command_params"] = {
        k: REDACTED if recorded.get(k) == REDACTED and k not in given else v
        for k, v in expansion.extra["command_params"].items()
    }
    return expansion.argv, expansion.params, expansion.extra, expansion.secrets


def _text(value: Any) -> str:
    from runlab.launch import commands as projects

    return projects.render(value)


def _params_start(argv: list[str], cwd: str) -> int:
    """Where the program's own arguments begin (after the script or `-m module`)."""
    parsed = parse_args(argv, cwd=cwd)
    if parsed.script is not None and parsed.script in argv:
        return argv.index(parsed.script) + 1
    if parsed.module is not None:
        for i, token in enumerate(argv[:-1]):
            if token == "-m" and argv[i + 1] == parsed.module:
                return i + 2
            if token == f"-m{parsed.module}":
                return i + 1
    return 1


_BOOL_WORDS = frozenset({"true", "false", "1", "0", "yes", "no", "on", "off"})


def _is_value(token: str) -> bool:
    return token != "--" and not is_option(token) and not _ASSIGNMENT.fullmatch(token)


def _replace(argv: list[str], key: str, value: str, begin: int, bool_flags: set[str],
             count: int | None = None) -> bool:
    """Put `value` wherever `key` is set in argv[begin:] (in place of the `count` words of its
    recorded value, a flag's (-1) word if it spells one, else every value word after it);
    whether it was found."""
    found = False
    i = begin
    while i < len(argv):
        token = argv[i]
        if token == "--":
            break
        name = token.lstrip("-") if is_option(token) else None
        if name is not None and "=" in name and name.partition("=")[0] == key:
            argv[i] = token[: token.index("=") + 1] + value
            found = True
        elif name == key:
            n = 0
            if key not in bool_flags:
                if count == -1:  # (a flag's: its word only if it spells one, `--amp true`)
                    n = int(i + 1 < len(argv) and argv[i + 1].lower() in _BOOL_WORDS)
                while count != -1 and i + 1 + n < len(argv) and _is_value(argv[i + 1 + n]) and (
                        count is None or n < count):
                    n += 1
            typed = parse_value(value)
            if n:
                argv[i + 1: i + 1 + n] = [value]
            elif typed is False:
                del argv[i]
                found = True
                continue
            elif typed is not True:
                argv.insert(i + 1, value)
            found = True
        elif name == f"no-{key}":
            if parse_value(value) is True:
                argv[i] = token[: len(token) - len(name)] + key
            found = True
        elif name is None:
            m = _ASSIGNMENT.fullmatch(token)
            if m and m.group(2) == key:
                argv[i] = f"{m.group(1) or ''}{key}={value}"
                found = True
        i += 1
    return found


def _refuse_redacted(argv: Sequence[str], number: int) -> None:
    """Refuse a command line that still holds a value recorded as `***`."""
    keys: list[str] = []
    for i, token in enumerate(argv):
        if REDACTED not in token:
            continue
        m = _ASSIGNMENT.fullmatch(token.lstrip("-"))
        if m:
            keys.append(m.group(2))
        elif i and is_option(argv[i - 1]):
            keys.append(argv[i - 1].lstrip("-"))
        else:
            raise UsageError(f"run {number} was recorded with a hidden value in {token!r}; it "
                             "cannot be rerun from the record: run the command by hand")
    if keys:
        raise UsageError(_redacted_message(keys, number))


def _redacted_message(keys: list[str], number: int) -> str:
    example = " ".join(f"{k}=VALUE" for k in keys)
    return (f"run {number} was recorded with {', '.join(keys)} hidden (***); give "
            f"{'it' if len(keys) == 1 else 'them'}: runlab rerun {number} {example}")


# -- the recorded code ------------------------------------------------------------------------


@contextlib.contextmanager
def checkout(p: Plan) -> Iterator[str]:
    """Recreate the run's code in a temporary worktree; yields the directory to run in."""
    git = p.git or {}
    commit, root = git.get("commit"), p.git_root
    if not commit or not root:
        raise UsageError(f"run {p.number} recorded no git commit: --exact needs a run made in "
                         "a git repository")
    if not os.path.isdir(root):
        raise UsageError(f"the repository of run {p.number} is gone from {root}")
    rel = os.path.relpath(p.cwd, root)
    if rel.startswith(".."):
        raise UsageError(f"run {p.number} ran outside its repository {root}")
    for left in git.get("left_out") or []:
        p.warnings.append(f"not recreated (left out of the recorded patch): {left}")
    tmp = tempfile.mkdtemp(prefix="runlab-exact-")
    tree = os.path.join(tmp, "code")
    added = False
    try:
        _git(root, "worktree", "add", "--detach", "--quiet", tree, commit,
             failure=f"cannot check out commit {commit[:12]} in {root} (rebased away or "
                     "garbage-collected?)")
        added = True
        if p.patch is not None:
            _check_patch(p.patch, git.get("patch_sha256"))
            _git(tree, "apply", "--whitespace=nowarn", p.patch,
                 failure="the recorded uncommitted changes (code.patch) do not apply")
        p.extra["exact"] = {"commit": commit, "root": root, "cwd": p.cwd}
        where = os.path.normpath(os.path.join(tree, rel))
        os.makedirs(where, exist_ok=True)  # git keeps no empty directories
        yield where
    finally:
        if added:
            with contextlib.suppress(RunlabError):
                _git(root, "worktree", "remove", "--force", tree, failure="")
        shutil.rmtree(tmp, ignore_errors=True)
        with contextlib.suppress(RunlabError):
            _git(root, "worktree", "prune", failure="")


def _check_patch(path: str, expected: str | None) -> None:
    if not expected:
        return
    if sha256_file(path) != expected:
        raise RunlabError(f"{path} does not match the patch recorded at the run's start")


def _git(cwd: str, *args: str, failure: str) -> None:
    try:
        p = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, check=False)
    except OSError as e:
        raise RunlabError(f"cannot run git: {e.strerror}") from None
    if p.returncode != 0:
        detail = (p.stderr.strip().splitlines() or [""])[-1]
        raise RunlabError(f"{failure}: {detail}" if detail else failure)
