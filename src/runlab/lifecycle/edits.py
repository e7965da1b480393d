"""Changing runs after the fact: tags, notes, names, hiding, restoring, and purging for good.

Every edit is one event appended to the run's journal (`Store.append`) and then applied to the
index, so edits survive `runlab reindex`, travel with the run directory, and are safe while the
run is still writing its own journal (appends are whole lines with O_APPEND). The functions take
run ids and return what they changed; they never print.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from runlab.errors import AmbiguousRun, RunNotFound, UsageError
from runlab.store import Run, Store
from runlab.store import events as kinds
from runlab.store.journal import Event


@dataclass
class EditResult:
    """What an edit did: the runs it changed, and the runs that were already as asked."""

    changed: list[Run] = field(default_factory=list)
    unchanged: list[Run] = field(default_factory=list)

    @property
    def running(self) -> list[Run]:
        """The changed runs that are still running (their wrapper is still writing)."""
        return [r for r in self.changed if r.status == "running"]


@dataclass
class PurgePlan:
    """What `purge` would do: the hidden runs it removes, and those it keeps while running."""

    runs: list[Run]
    running: list[Run]
    size: int  # bytes in the directories of `runs`


@dataclass
class PurgeResult:
    """What `purge` did: the runs it removed for good, those it skipped, the bytes freed."""

    purged: list[Run] = field(default_factory=list)
    skipped: list[Run] = field(default_factory=list)
    freed: int = 0


# -- choosing runs ----------------------------------------------------------------------------


def select_runs(store: Store, refs: Sequence[str], where: str | None = None,
                *, deleted: bool = False) -> list[str]:
    """The ids of the runs named by references, or matched by a `--where` expression.

    References reach hidden runs too; `--where` searches the visible runs, or the hidden ones
    with `deleted=True`. Giving both, or neither, is a usage error.
    """
    if where is not None:
        if refs:
            raise UsageError("give runs or --where EXPR, not both")
        from runlab.store.selection import RunQuery

        return [r.id for r in store.list_runs(RunQuery(where, deleted=deleted))]
    if not refs:
        raise UsageError("name at least one run, or select runs with --where EXPR")
    return _unique([store.resolve(ref) for ref in refs])


def split_runs(store: Store, words: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split `RUN... KEY...` into run ids and the remaining words.

    The first word is always a run and the last never is; in between, words are runs while
    they resolve as run references and hold no `=`. So `tag 3 best` tags run 3 even when a run
    is named "best", and `best=` (a label, like `best`) is always a key.
    """
    if len(words) < 2:
        raise UsageError("give at least one run and then at least one key")
    ids = [store.resolve(words[0])]
    i = 1
    while i < len(words) - 1 and "=" not in words[i]:
        try:
            ids.append(store.resolve(words[i]))
        except RunNotFound:
            break
        except AmbiguousRun as e:
            raise AmbiguousRun(f"{e}; if {words[i]!r} is a key, write it as {words[i]}=") from None
        i += 1
    return _unique(ids), list(words[i:])


def parse_tags(words: Sequence[str],
               secret_patterns: Sequence[str] | None = None) -> dict[str, str]:
    """`KEY=VALUE` words as tags; a bare `KEY` (or `KEY=`) is a label with an empty value.

    Secrets are redacted as they would be recorded (`redact_tags`), so what is shown is
    what is stored.
    """
    tags: dict[str, str] = {}
    for word in words:
        key, _, value = word.partition("=")
        if not key.strip():
            raise UsageError(f"bad tag {word!r}: write KEY or KEY=VALUE")
        tags[key] = value
    return redact_tags(tags, secret_patterns)


def redact_tags(tags: dict[str, str],
                secret_patterns: Sequence[str] | None = None) -> dict[str, str]:
    """Tags as the store may keep them: secret-looking keys and credentials as `***`
    (`secret_patterns`: what `capture.args.secret_patterns` gives; the built-in ones by
    default)."""
    from runlab.capture.args import SECRET_PATTERNS, redact_mapping

    return redact_mapping(tags, SECRET_PATTERNS if secret_patterns is None else secret_patterns)


def parse_keys(words: Sequence[str]) -> list[str]:
    """Tag keys to remove: `KEY` (or `KEY=`, the escape for a key that is also a run name)."""
    keys: list[str] = []
    for word in words:
        key, _, value = word.partition("=")
        if value or not key.strip():
            raise UsageError(f"bad key {word!r}: untag takes tag keys, without values")
        keys.append(key)
    return _unique(keys)


# -- edits ------------------------------------------------------------------------------------


def tag(store: Store, run_ids: Sequence[str], tags: dict[str, str],
        secret_patterns: Sequence[str] | None = None) -> EditResult:
    """Set tags on runs (a run that already has every one of them unchanged); secrets are
    recorded as `***` (`redact_tags`)."""
    tags = redact_tags(tags, secret_patterns)

    def event(run: Run) -> Event | None:
        if all(run.tags.get(k) == v for k, v in tags.items()):
            return None
        return kinds.tag(dict(tags))

    return _edit(store, run_ids, event)


def untag(store: Store, run_ids: Sequence[str], keys: Sequence[str]) -> EditResult:
    """Remove tags from runs; a run with none of the keys is left unchanged."""
    def event(run: Run) -> Event | None:
        present = [k for k in keys if k in run.tags]
        return kinds.untag(present) if present else None

    return _edit(store, run_ids, event)


def set_note(store: Store, run_ids: Sequence[str], text: str,
             secret_patterns: Sequence[str] | None = None) -> EditResult:
    """Replace runs' note with `text`; an empty text clears it. Credentials and the values of
    secret-looking keys in it (`token=...`) are recorded as `***`."""
    from runlab.capture.args import SECRET_PATTERNS, redact_value

    value = redact_value(text, SECRET_PATTERNS if secret_patterns is None
                         else secret_patterns) or None

    def event(run: Run) -> Event | None:
        return None if run.note == value else kinds.note(value)

    return _edit(store, run_ids, event)


def rename(store: Store, run_ids: Sequence[str], name: str,
           secret_patterns: Sequence[str] | None = None) -> EditResult:
    """Give runs a new name (`run_name`: a credential in it is recorded as `***`); an empty
    name removes it."""
    value = run_name(name, secret_patterns) or None

    def event(run: Run) -> Event | None:
        return None if run.name == value else kinds.rename(value)

    return _edit(store, run_ids, event)


def run_name(name: str, secret_patterns: Sequence[str] | None = None) -> str:
    """A run name as the store may keep it: checked (`check_name`), with credentials and the
    values of secret-looking keys in it (`hf_...`, `token=...`) as `***`, as in args
    (`secret_patterns`: what `capture.args.secret_patterns` gives; the built-in ones by
    default). So what is shown is what is stored."""
    from runlab.capture.args import SECRET_PATTERNS, redact_value

    check_name(name)
    return redact_value(name, SECRET_PATTERNS if secret_patterns is None else secret_patterns)


def check_name(name: str) -> None:
    """Refuse names that a run reference would never reach (`12`, `last`, `last~2`, `@x`)."""
    if name.isdigit() or name == "last" or name.startswith(("last~", "@")):
        raise UsageError(
            f"a run cannot be named {name!r}: references read it as a number, last~N or @TAG"
        )
    if name != name.strip():
        raise UsageError(f"a run name cannot start or end with a space: {name!r}")


def hide(store: Store, run_ids: Sequence[str]) -> EditResult:
    """Soft-delete runs: `ls` stops listing them until `restore`; `purge` removes them."""
    return _edit(store, run_ids, lambda run: None if run.deleted else kinds.delete())


def restore(store: Store, run_ids: Sequence[str]) -> EditResult:
    """Bring hidden runs back."""
    return _edit(store, run_ids, lambda run: kinds.restore() if run.deleted else None)


def _edit(store: Store, run_ids: Sequence[str],
          event_for: Callable[[Run], Event | None]) -> EditResult:
    result = EditResult()
    for run_id in _unique(run_ids):
        run = store.get(run_id)
        event = event_for(run)
        if event is None:
            result.unchanged.append(run)
            continue
        event["t"] = time.time()
        store.append(run_id, [event])
        result.changed.append(store.get(run_id))
    return result


# -- purging ----------------------------------------------------------------------------------


def plan_purge(store: Store) -> PurgePlan:
    """The hidden runs that purge would remove, and the space their directories hold.

    A hidden run that is still running is kept: its wrapper is still writing to it.
    """
    from runlab.store.selection import RunQuery

    hidden = store.list_runs(RunQuery(sort=("number",), deleted=True))
    runs = [r for r in hidden if r.status != "running"]
    running = [r for r in hidden if r.status == "running"]
    return PurgePlan(runs, running, sum(dir_size(store.run_dir(r.id)) for r in runs))


def purge(store: Store, run_ids: Sequence[str]) -> PurgeResult:
    """Remove hidden, ended runs for good: index rows and directory, never following a link.

    Each run is checked again first, so one restored or still running since the plan stays.
    Numbers of purged runs are never given out again.
    """
    result = PurgeResult()
    for run_id in _unique(run_ids):
        run = store.get(run_id)
        if not run.deleted or run.status == "running":
            result.skipped.append(run)
            continue
        result.freed += store.purge_run(run_id)
        result.purged.append(run)
    if result.purged:
        from runlab.lifecycle.artifacts import collect_garbage

        result.freed += collect_garbage(store.root)  # artifact contents no run keeps any more
    return result


def dir_size(path: str) -> int:
    """Bytes held by the files under `path`, counting links as links (never their targets)."""
    if os.path.islink(path):
        return 0
    total = 0
    for top, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(top, name)).st_size
            except OSError:
                pass
    return total


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))
