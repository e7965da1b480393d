"""Editing runs from the shell: `tag`, `untag`, `note`, `rename`, `rm`, `restore`, `purge`.

The work is done by `runlab.lifecycle.edits`; these commands parse, call it, and say on stderr what
changed. Each takes `--where EXPR` instead of run references to act on many runs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from runlab.cli.common import command, message, open_store, warn
from runlab.cli.completion import complete_first_run, complete_runs_then_tag_keys
from runlab.errors import UsageError
from runlab.cli.params import RunsArg, StoreOpt, WhereOpt, where_option

if TYPE_CHECKING:
    from runlab.lifecycle.edits import EditResult
    from runlab.store import Run, Store


@command()
def tag(
    words: Annotated[list[str], typer.Argument(
        metavar="RUN... KEY[=VALUE]", show_default=False,
        autocompletion=complete_runs_then_tag_keys,
        help="Runs, then tags (only tags with --where).")],
    where: WhereOpt = None,
    store: StoreOpt = None,
) -> None:
    """Tag runs: KEY=VALUE sets a tag, a bare KEY adds a label (an empty value).

    The first word is a run and the last a tag; the words between are runs while they
    name runs and hold no "=". So write KEY= for a label that is also a run's name.
    With --where, every word is a tag.

    Example: runlab tag 14 15 best baseline=resnet
    """
    import os

    from runlab import config
    from runlab.lifecycle import edits

    s = open_store(store)
    ids, rest = _runs_and_words(s, words, where)
    from runlab.capture.args import secret_patterns

    patterns = secret_patterns(config.load(os.getcwd()))
    tags = edits.parse_tags(rest, patterns)
    result = edits.tag(s, ids, tags, patterns)
    _say(result, "tagged", _show_tags(tags), "already had these tags")


@command()
def untag(
    words: Annotated[list[str], typer.Argument(
        metavar="RUN... KEY", show_default=False,
        autocompletion=complete_runs_then_tag_keys,
        help="Runs, then tag keys (only keys with --where).")],
    where: WhereOpt = None,
    store: StoreOpt = None,
) -> None:
    """Remove tags from runs (runs and keys are told apart as for tag).

    Example: runlab untag 14 best
    """
    from runlab.lifecycle import edits

    s = open_store(store)
    ids, rest = _runs_and_words(s, words, where)
    keys = edits.parse_keys(rest)
    result = edits.untag(s, ids, keys)
    _say(result, "untagged", " ".join(keys), "had none of these tags")


@command()
def note(
    words: Annotated[list[str], typer.Argument(
        metavar="RUN TEXT", show_default=False, autocompletion=complete_first_run,
        help="A run, then the note's words (only the words with --where).")],
    where: WhereOpt = None,
    store: StoreOpt = None,
) -> None:
    """Set a run's note (replacing the old one; "" clears it; - reads it from stdin).

    The words after RUN are the text. With --where, every word is.

    Example: runlab note 14 "lr too high: diverged after epoch 3"
    """
    import os

    from runlab import config
    from runlab.lifecycle import edits
    from runlab.capture.args import secret_patterns

    s = open_store(store)
    refs, text = _split_last(words, where, "TEXT")
    text = _read_stdin() if text == "-" else text
    patterns = secret_patterns(config.load(os.getcwd()))
    result = edits.set_note(s, edits.select_runs(s, refs, where), text, patterns)
    _say(result, "noted" if text else "cleared the note of", "",
         "already had this note")


@command()
def rename(
    words: Annotated[list[str], typer.Argument(
        metavar="RUN NAME", show_default=False, autocompletion=complete_first_run,
        help="A run and its new name (only the name with --where).")],
    where: WhereOpt = None,
    store: StoreOpt = None,
) -> None:
    """Give a run a new name ("" removes it); the name then works as a run reference.

    Example: runlab rename 14 resnet-baseline
    """
    import os

    from runlab import config
    from runlab.capture.args import secret_patterns
    from runlab.lifecycle import edits

    s = open_store(store)
    if len(words) != (1 if where is not None else 2):
        raise UsageError("rename takes a run and a name, or --where EXPR and a name "
                         "(quote a name with spaces)")
    refs, name = _split_last(words, where, "NAME")
    patterns = secret_patterns(config.load(os.getcwd()))
    name = edits.run_name(name, patterns)
    result = edits.rename(s, edits.select_runs(s, refs, where), name, patterns)
    _say(result, "renamed", f"to {name}" if name else "to no name",
         "already had this name")
    if name and result.changed:
        from runlab.errors import AmbiguousRun

        try:
            s.resolve(name)
        except AmbiguousRun as e:  # names need not be unique, but then name no run alone
            warn(f"{e} to refer to one of them")


@command()
def rm(runs: RunsArg = None, where: WhereOpt = None, store: StoreOpt = None) -> None:
    """Hide runs: ls stops listing them (ls --deleted does), restore brings them back.

    Nothing is removed from disk until `runlab purge`.

    Example: runlab rm --where 'status = failed'
    """
    from runlab.lifecycle import edits

    s = open_store(store)
    result = edits.hide(s, edits.select_runs(s, runs or [], where))
    _say(result, "hid", "(ls --deleted lists hidden runs)", "already hidden")
    if result.running:
        message(f"{_phrase(result.running)}: still running, hidden anyway "
                "(purge keeps a run until it ends)")


@command()
def restore(runs: RunsArg = None, where: Annotated[str | None, where_option(
        "Restore every hidden run the expression matches.")] = None,
        store: StoreOpt = None) -> None:
    """Bring back runs hidden by rm.

    Example: runlab restore 14
    """
    from runlab.lifecycle import edits

    s = open_store(store)
    result = edits.restore(s, edits.select_runs(s, runs or [], where, deleted=True))
    _say(result, "restored", "", "not hidden")


@command()
def purge(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    store: StoreOpt = None,
) -> None:
    """Delete hidden runs and their files for good, after asking (or with --yes).

    The answer is read from stdin; with no answer there (not a terminal, nothing piped)
    purge refuses. Runs still running are kept. Links inside a run are removed, never
    followed. Purged runs' numbers are not given out again.

    Example: runlab rm --where 'status = failed' && runlab purge --yes
    """
    from runlab.lifecycle import edits
    from runlab.display.format import size

    s = open_store(store)
    plan = edits.plan_purge(s)
    if plan.running:
        message(f"keeping {_phrase(plan.running)}: still running")
    if not plan.runs:
        message("no hidden runs to purge (runlab rm hides runs)")
        return
    if not yes and not _confirm(f"purge {_phrase(plan.runs)} for good, freeing "
                                f"{size(plan.size)}? [y/N] "):
        message("nothing purged")
        raise typer.Exit(1)
    result = edits.purge(s, [r.id for r in plan.runs])
    if result.skipped:
        message(f"kept {_phrase(result.skipped)}: restored or running since the question")
    if result.purged:
        message(f"purged {_phrase(result.purged)}, freed {size(result.freed)}")


# -- helpers ----------------------------------------------------------------------------------


def _runs_and_words(s: Store, words: Sequence[str], where: str | None
                    ) -> tuple[list[str], list[str]]:
    """Run ids and the other words: with --where every word is a key."""
    from runlab.lifecycle import edits

    if where is not None:
        return edits.select_runs(s, [], where), list(words)
    return edits.split_runs(s, words)


def _split_last(words: Sequence[str], where: str | None, what: str) -> tuple[list[str], str]:
    """(run references, text) for note and rename: with --where, every word is the text."""
    if where is not None:
        return [], " ".join(words)
    if len(words) < 2:
        raise UsageError(f"give a run and then {what} (or --where EXPR and {what})")
    return [words[0]], " ".join(words[1:])


def _read_stdin() -> str:
    if sys.stdin is None:
        raise UsageError("`-` reads the text from stdin, but there is no stdin")
    return sys.stdin.read().rstrip("\n")


def _confirm(prompt: str) -> bool:
    """Ask on stderr and read the answer from stdin; no answer at all is an error."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    answer = sys.stdin.readline() if sys.stdin is not None else ""
    if not answer:
        sys.stderr.write("\n")
        raise UsageError("purge needs a confirmation: answer y on stdin, or pass --yes")
    return answer.strip().lower() in ("y", "yes")


def _say(result: EditResult, verb: str, what: str, unchanged: str) -> None:
    """`tagged run 3 best`, `tagged 12 runs best`, and the runs that were already so."""
    if not result.changed and not result.unchanged:
        message("no run matches; nothing changed")
        return
    tail = f" {what}" if what else ""
    if result.changed:
        message(f"{verb} {_phrase(result.changed)}{tail}")
    if result.unchanged:
        message(f"{_phrase(result.unchanged)}: unchanged ({unchanged})")


def _phrase(runs: Sequence[Run]) -> str:
    """`run 3`, `runs 3, 4, 5`, or `12 runs`."""
    numbers = [str(n) for n in sorted(r.number for r in runs)]
    if len(numbers) == 1:
        return f"run {numbers[0]}"
    if len(numbers) <= 5:
        return f"runs {', '.join(numbers)}"
    return f"{len(numbers)} runs"


def _show_tags(tags: dict[str, str]) -> str:
    return " ".join(k if v == "" else f"{k}={v}" for k, v in tags.items())
