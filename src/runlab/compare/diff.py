"""What differs between runs: params, code, metrics, outputs, for `runlab diff`, whose
rebuilding of each run's source tree (commit + uncommitted patch) for `--code` lives here too.
The terms it shares with the end-of-run summary (directions, changes) are in `changes`.
Plain dataclasses and strings out; nothing is printed."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from runlab.compare.changes import (MISSING, MetricChange, code_state, direction, fingerprints,
                            same_value)
from runlab.store import Run
from runlab.store.records import json_number

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any


ASPECTS = ("command", "params", "code", "inputs", "packages", "metrics", "status",
           "environment", "tags")


@dataclass
class Row:
    """One param or tag across the runs: its value in each (MISSING where the run lacks it)."""

    key: str
    values: list[Any]
    # same; added (absent from the first run); removed (present in the first, absent from a
    # later one); else changed.
    change: str

    @property
    def differs(self) -> bool:
        return self.change != "same"


@dataclass
class MetricRow:
    """One metric's last value in each run (None where absent), and each change against the
    first run (None for the first run itself)."""

    key: str
    values: list[float | None]
    direction: int
    changes: list[MetricChange | None]

    @property
    def differs(self) -> bool:
        first = self.values[0]
        return any(not _same_number(first, v) for v in self.values[1:])


@dataclass
class Facet:
    """A few named fields of each run (command, status, code, environment)."""

    name: str
    fields: tuple[str, ...]
    values: list[dict[str, Any]]
    differs: bool

    def differing_fields(self) -> list[str]:
        first = self.values[0]
        return [f for f in self.fields
                if any(not same_value(first.get(f), v.get(f)) for v in self.values[1:])]


@dataclass
class RunDiff:
    """What differs between runs, aspect by aspect (`to_json` is the --json contract)."""

    runs: list[Run]
    command: Facet
    params: list[Row]
    code: Facet
    metrics: list[MetricRow]
    status: Facet
    environment: Facet
    tags: list[Row]
    inputs: list[Row] = field(default_factory=list)  # path -> fingerprint
    packages: list[Row] = field(default_factory=list)  # name -> version

    def aspects(self) -> list[tuple[str, bool]]:
        """(aspect, differs) in the order `ASPECTS` names them."""
        return [
            ("command", self.command.differs),
            ("params", any(r.differs for r in self.params)),
            ("code", self.code.differs),
            ("inputs", any(r.differs for r in self.inputs)),
            ("packages", any(r.differs for r in self.packages)),
            ("metrics", any(m.differs for m in self.metrics)),
            ("status", self.status.differs),
            ("environment", self.environment.differs),
            ("tags", any(r.differs for r in self.tags)),
        ]

    def to_json(self) -> dict[str, Any]:
        """The `runlab diff --json` contract. Every list runs parallel to `runs`:

        runs: [{id, number, name}]; aspects: {aspect: {differs}} for each of `ASPECTS`;
        command, code, status, environment: {differs, values: [{field: value}]} (the
        environment's fields include `env.NAME` for each variable the `env` setting recorded);
        params, tags, inputs (path: fingerprint), packages (name: version): [{key, change: same|changed|added|removed, values, present}] (a value
        is null where `present` is false); metrics: [{key, direction: lower|higher|null,
        differs, values (last values, null where absent), changes: [null for the first run,
        then {delta, relative, verdict: better|worse|same|null}]}]. Everything is listed,
        what differs or not; NaN and infinities are the strings "NaN", "Infinity".
        """
        return {
            "runs": [{"id": r.id, "number": r.number, "name": r.name} for r in self.runs],
            "aspects": {name: {"differs": d} for name, d in self.aspects()},
            "command": _facet_json(self.command),
            "params": [_row_json(r) for r in self.params],
            "code": _facet_json(self.code),
            "inputs": [_row_json(r) for r in self.inputs],
            "packages": [_row_json(r) for r in self.packages],
            "metrics": [_metric_json(m) for m in self.metrics],
            "status": _facet_json(self.status),
            "environment": _facet_json(self.environment),
            "tags": [_row_json(r) for r in self.tags],
        }


def diff_runs(runs: list[Run], directions: Mapping[str, str] | None = None) -> RunDiff:
    """Line up two or more runs; every change is measured against the first."""
    if len(runs) < 2:
        raise ValueError("diff_runs needs at least two runs")
    return RunDiff(
        runs=list(runs),
        command=_facet("command", ("command", "cwd", "experiment"),
                       [{"command": r.command, "cwd": r.cwd, "experiment": r.experiment}
                        for r in runs]),
        params=rows([r.params for r in runs]),
        code=_code_facet(runs),
        metrics=metric_rows(runs, directions),
        status=_facet("status", ("status", "exit_code", "signal"),
                      [{"status": r.status, "exit_code": r.exit_code, "signal": r.signal}
                       for r in runs]),
        environment=_environment_facet(runs),
        tags=rows([r.tags for r in runs]),
        inputs=rows([fingerprints(r) for r in runs]),
        # Packages line up only between runs that all recorded theirs.
        packages=rows([r.packages for r in runs]) if all(r.packages for r in runs) else [],
    )


def rows(mappings: list[Mapping[str, Any]]) -> list[Row]:
    """Every key of any mapping, with its value in each and how it changes from the first."""
    keys = sorted({k for m in mappings for k in m})
    out = []
    for key in keys:
        values = [m.get(key, MISSING) for m in mappings]
        first, rest = values[0], values[1:]
        if all(v is not MISSING and same_value(first, v) for v in rest) and first is not MISSING:
            change = "same"
        elif first is MISSING:
            change = "added"
        elif any(v is MISSING for v in rest):
            change = "removed"
        else:
            change = "changed"
        out.append(Row(key, values, change))
    return out


def metric_rows(runs: list[Run], directions: Mapping[str, str] | None = None) -> list[MetricRow]:
    """Each metric's last value in every run, and its change against the first run."""
    keys = sorted({k for r in runs for k in r.metrics})
    out = []
    for key in keys:
        values = [r.metrics[key].last if key in r.metrics else None for r in runs]
        way = direction(key, directions)
        changes: list[MetricChange | None] = [None]
        changes += [MetricChange(key, values[0], v, way) for v in values[1:]]
        out.append(MetricRow(key, values, way, changes))
    return out


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b or (math.isnan(a) and math.isnan(b))


def _facet(name: str, fields: tuple[str, ...], values: list[dict[str, Any]]) -> Facet:
    first = values[0]
    differs = any(not same_value(first.get(f), v.get(f)) for v in values[1:] for f in fields)
    return Facet(name, fields, values, differs)


def _environment_facet(runs: list[Run]) -> Facet:
    """Host, user, Python and platform, and each variable a run recorded through the `env`
    setting (`env.LR`; null where a run has none of that name)."""
    names = sorted({name for r in runs for name in (r.env or {})})
    fields = ("host", "user", "python", "platform", *(f"env.{name}" for name in names))
    return _facet("environment", fields, [
        {"host": r.host, "user": r.user, "python": r.python, "platform": r.platform,
         **{f"env.{name}": (r.env or {}).get(name) for name in names}} for r in runs])


def _code_facet(runs: list[Run]) -> Facet:
    fields = ("commit", "branch", "dirty", "changed_files", "patch_sha256", "script",
              "script_sha256")
    values = []
    for r in runs:
        git = r.git or {}
        source = r.source or {}
        values.append({
            "commit": git.get("commit"),
            "branch": git.get("branch"),
            "dirty": git.get("dirty") if r.git is not None else None,
            "changed_files": len(git.get("changed_files") or []) if r.git is not None else None,
            "patch_sha256": git.get("patch_sha256"),
            "script": source.get("path"),
            "script_sha256": source.get("sha256"),
        })
    # The code is what ran: commit, uncommitted patch, and the script outside git. The branch
    # name alone is not a code change.
    differs = any(code_state(r) != code_state(runs[0]) for r in runs[1:])
    return Facet("code", fields, values, differs)


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return json_number(value)
    return value


def _row_json(row: Row) -> dict[str, Any]:
    return {
        "key": row.key,
        "change": row.change,
        "values": [None if v is MISSING else _plain(v) for v in row.values],
        "present": [v is not MISSING for v in row.values],
    }


def _metric_json(m: MetricRow) -> dict[str, Any]:
    changes: list[dict[str, Any] | None] = []
    for c in m.changes:
        if c is None:
            changes.append(None)
            continue
        changes.append({
            "delta": json_number(c.delta),
            "relative": json_number(c.relative),
            "verdict": {1: "better", -1: "worse"}.get(c.verdict,
                                                     "same" if c.delta == 0 else None),
        })
    return {
        "key": m.key,
        "direction": {-1: "lower", 1: "higher"}.get(m.direction),
        "differs": m.differs,
        "values": [json_number(v) for v in m.values],
        "changes": changes,
    }


def _facet_json(f: Facet) -> dict[str, Any]:
    return {"differs": f.differs,
            "values": [{k: _plain(v[k]) for k in f.fields} for v in f.values]}


# -- source and output diffs --------------------------------------------------------------------

PATCH_FILE = "code.patch"
SOURCE_DIR = "source"


@dataclass
class TextDiff:
    """A unified diff ("" when there is no difference) and notes on what it could not cover."""

    text: str
    notes: list[str] = field(default_factory=list)


def code_diff(a: Run, a_dir: str, b: Run, b_dir: str) -> TextDiff:
    """The unified diff between the code two runs ran on.

    Each run's code is rebuilt in a temporary directory: its commit read from the repository at
    `git.root` (through a private index, so the repository is never touched), then its
    uncommitted patch (`code.patch` in the run directory, untracked files included) applied;
    a run recorded outside git has only the copy of its entry script (`source/`). The two trees
    are compared with `git diff --no-index`. Only paths that can differ are written out: those
    changed between the two commits and those the patches touch.
    """
    import tempfile

    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="runlab-diff-") as tmp:
        paths = _touched_paths(a, a_dir, b, b_dir, tmp)
        for run, run_dir, side in ((a, a_dir, "a"), (b, b_dir, "b")):
            _rebuild(run, run_dir, os.path.join(tmp, side), paths, tmp, notes)
        done = _git(["diff", "--no-index", "--no-color", "--no-ext-diff", "--no-prefix",
                     "--", "a", "b"], cwd=tmp, ok=(0, 1))
    return TextDiff(_fix_headers(done.stdout.decode("utf-8", "replace")), notes)


def log_diff(a_path: str, b_path: str, a_label: str, b_label: str) -> TextDiff:
    """The unified diff of two runs' outputs, escape codes stripped (a redraw is a line)."""
    import difflib

    from runlab.parsing.lines import strip_escapes

    def lines(path: str) -> list[str]:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            return []
        text = strip_escapes(data).decode("utf-8", "replace")
        return [line + "\n" for line in text.splitlines()]

    diff = difflib.unified_diff(lines(a_path), lines(b_path), a_label, b_label)
    return TextDiff("".join(diff))


def _git(args: list[str], *, cwd: str, env: Mapping[str, str] | None = None,
         input: bytes | None = None, ok: tuple[int, ...] = (0,)) -> Any:
    import subprocess

    from runlab.errors import RunlabError

    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.setdefault("GIT_LFS_SKIP_SMUDGE", "1")  # compare LFS pointers, download nothing
    try:
        done = subprocess.run(["git", "--no-optional-locks", "-c", "core.quotepath=on", *args],
                              cwd=cwd, env=full_env, input=input, capture_output=True,
                              check=False)
    except OSError as e:
        raise RunlabError(f"cannot run git, which --code needs: {e.strerror}") from None
    if done.returncode not in ok:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RunlabError(f"git {args[0]} failed: {message[0] if message else done.returncode}")
    return done


def _repo(run: Run) -> tuple[str | None, str | None]:
    """(repository root, commit) of a run recorded in git, else (None, None)."""
    if run.git is None:
        return None, None
    return run.git.get("root"), run.git.get("commit")


def _check_commit(run: Run) -> None:
    from runlab.errors import RunlabError

    root, commit = _repo(run)
    if root is None or commit is None:
        return
    if not os.path.isdir(root):
        raise RunlabError(f"run {run.number}'s repository {root} is gone: its code cannot be "
                          "rebuilt")
    found = _git(["cat-file", "-e", f"{commit}^{{commit}}"], cwd=root, ok=(0, 1, 128))
    if found.returncode != 0:
        raise RunlabError(f"run {run.number}'s commit {commit[:12]} is not in {root} any more "
                          "(rewritten or garbage-collected?): its code cannot be rebuilt")


def _patch_paths(run_dir: str, cwd: str) -> set[str]:
    patch = os.path.join(run_dir, PATCH_FILE)
    if not os.path.isfile(patch):
        return set()
    done = _git(["apply", "--numstat", "-z", patch], cwd=cwd, ok=(0, 1, 128))
    if done.returncode != 0:
        return set()
    paths = set()
    for entry in done.stdout.split(b"\0"):
        parts = entry.split(b"\t", 2)
        if len(parts) == 3 and parts[2]:
            paths.add(os.fsdecode(parts[2]))
    return paths


def _touched_paths(a: Run, a_dir: str, b: Run, b_dir: str, tmp: str) -> set[str] | None:
    """Paths that can differ between the two rebuilt trees; None when all of them can."""
    for run in (a, b):
        _check_commit(run)
    (root_a, commit_a), (root_b, commit_b) = _repo(a), _repo(b)
    if root_a is None or root_b is None or commit_a is None or commit_b is None:
        return None
    if os.path.realpath(root_a) != os.path.realpath(root_b):
        return None
    paths = _patch_paths(a_dir, tmp) | _patch_paths(b_dir, tmp)
    if commit_a != commit_b:
        done = _git(["diff", "--name-only", "--no-renames", "-z", commit_a, commit_b],
                    cwd=root_a)
        paths.update(os.fsdecode(p) for p in done.stdout.split(b"\0") if p)
    return paths


def _rebuild(run: Run, run_dir: str, dest: str, paths: set[str] | None, tmp: str,
             notes: list[str]) -> None:
    """Write the run's code (or the `paths` of it) under `dest`."""
    os.makedirs(dest)
    root, commit = _repo(run)
    if run.git is None:
        _copy_source(run, run_dir, dest, notes)
        return
    if root is not None and commit is not None and (paths is None or paths):
        index = os.path.join(tmp, f"index-{os.path.basename(dest)}")
        env = {"GIT_INDEX_FILE": index}
        _git(["read-tree", commit], cwd=root, env=env)
        prefix = os.path.join(os.path.abspath(dest), "")
        if paths is None:
            _git(["checkout-index", "--all", "--force", f"--prefix={prefix}"], cwd=root, env=env)
        else:
            listed = _git(["ls-files", "-z"], cwd=root, env=env).stdout.split(b"\0")
            wanted = b"\0".join(p for p in listed if p and os.fsdecode(p) in paths)
            if wanted:
                _git(["checkout-index", "--force", "-z", "--stdin", f"--prefix={prefix}"],
                     cwd=root, env=env, input=wanted + b"\0")
    patch = os.path.join(run_dir, PATCH_FILE)
    if os.path.isfile(patch):
        _apply(run, patch, dest, notes)
    elif run.git.get("patch_sha256"):
        notes.append(f"run {run.number}'s uncommitted changes were recorded but {PATCH_FILE} is "
                     "missing from its directory: its code is shown as committed")
    left_out = run.git.get("left_out") or []
    if left_out:
        shown = ", ".join(left_out[:5]) + (f" and {len(left_out) - 5} more"
                                           if len(left_out) > 5 else "")
        notes.append(f"run {run.number}'s uncommitted changes left out: {shown}")


def _apply(run: Run, patch: str, dest: str, notes: list[str]) -> None:
    with open(patch, "rb") as f:
        data = _text_sections(f.read())
    if not data:
        return
    # The ceiling keeps git from taking an enclosing repository (a temp dir inside one) for
    # the target: the patch is applied to the plain files under dest.
    env = {"GIT_CEILING_DIRECTORIES": os.path.dirname(os.path.abspath(dest))}
    done = _git(["apply", "--whitespace=nowarn"], cwd=dest, env=env, input=data,
                ok=(0, 1, 128))
    if done.returncode == 0:
        return
    reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
    _git(["apply", "--whitespace=nowarn", "--reject"], cwd=dest, env=env, input=data,
         ok=(0, 1, 128))
    for top, _, names in os.walk(dest):
        for name in names:
            if name.endswith(".rej"):
                os.unlink(os.path.join(top, name))
    notes.append(f"run {run.number}'s uncommitted patch did not apply cleanly "
                 f"({reason[0] if reason else 'git apply failed'}); what applied is shown")


def _text_sections(patch: bytes) -> bytes:
    """The patch without its binary files' sections: git recorded only that they differ
    (they are listed as left out), and `git apply` refuses such a section."""
    sections = re.split(rb"(?m)^(?=diff --git )", patch)
    return b"".join(s for s in sections
                    if b"\nBinary files " not in s and b"\nGIT binary patch" not in s)


def _copy_source(run: Run, run_dir: str, dest: str, notes: list[str]) -> None:
    import shutil

    source = run.source or {}
    path = source.get("path")
    copy = os.path.join(run_dir, SOURCE_DIR, os.path.basename(path)) if path else None
    if not path or copy is None or not os.path.isfile(copy):
        notes.append(f"run {run.number} has no recorded code (no git repository, no copy of "
                     "its script)")
        return
    rel = os.path.normpath(path)
    if rel.startswith("..") or os.path.isabs(rel):
        rel = os.path.basename(rel)
    target = os.path.join(dest, rel)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(copy, target)


_NEW_OR_GONE = re.compile(r"^diff --git (?:a/(.*) a/\1|b/(.*) b/\2)$", re.MULTILINE)


def _fix_headers(text: str) -> str:
    """`git diff --no-index` names a file present on one side only `b/x b/x` (or `a/x a/x`);
    write every header the usual `a/x b/x` way."""
    return _NEW_OR_GONE.sub(lambda m: f"diff --git a/{m[1] or m[2]} b/{m[1] or m[2]}", text)
