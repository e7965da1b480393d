"""Trying the metric rules: `parse` (a log file or stdin) and `reparse` (a stored run)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from runlab.cli.common import (
    colour,
    command,
    console,
    emit_json,
    message,
    open_store,
    write_chunks,
)
from runlab.cli.params import JsonOpt, RunArg, StoreOpt

if TYPE_CHECKING:
    from runlab.parsing import Point

PatternOpt = Annotated[list[str] | None, typer.Option(
    "--pattern", "-m", help="An extra metric regex: named groups key/value/step, or one group "
    "per metric; repeatable, added to the config's metric_patterns.", metavar="REGEX",
    show_default=False)]


def _rules(extra: list[str] | None) -> tuple[list[str], list[str]]:
    """The patterns and disabled rules in force here: config first, then -m."""
    from runlab import config

    settings = config.load(os.getcwd())
    patterns = [*settings.metric_patterns, *(extra or [])]
    return patterns, settings.disabled_rules


@command()
def parse(
    file: Annotated[str, typer.Argument(help="A log file, or - for stdin.")] = "-",
    pattern: PatternOpt = None,
    json_: JsonOpt = False,
    explain: Annotated[bool, typer.Option(
        "--explain", help="For each key: the rule, the text it was read from, and why it "
        "has that name.")] = False,
) -> None:
    """Show the metrics runlab would record from a log, and the rule that found each.

    Uses the rules and patterns in force here (config metric_patterns and disabled_rules),
    plus -m.

    Example: python train.py 2>&1 | runlab parse -m 'top1 (?P<top1>[\\d.]+)'
    """
    from runlab.parsing.extract import explain_log, iter_points, read_chunks

    patterns, disabled = _rules(pattern)
    if file == "-":
        stdin = sys.stdin.buffer
        read = getattr(stdin, "read1", stdin.read)  # (what has come: read as it comes)
        chunks = iter(lambda: read(1 << 16), b"")
    else:
        chunks = read_chunks(file)
    if explain:
        explained = explain_log(chunks, patterns, disabled)
        if json_:
            emit_json([vars(e) for e in explained])
        elif not explained:
            message("no metrics found: add a pattern with -m, or see "
                    "`runlab parse --help`")
        else:
            from runlab.display.points import print_explained

            print_explained(explained, console(soft_wrap=True))
        return
    batches = iter_points(chunks, patterns, disabled)  # (streamed: a log of any size)
    if json_:
        from runlab.display.format import json_lines

        write_chunks(json_lines(({"key": p.key, "value": p.value, "step": p.step, "rule": p.rule}
                                 for batch in batches for p in batch), array=True))
        return
    from runlab.display.points import points_lines

    found = [False]

    def counted() -> Iterator[list[Point]]:
        for batch in batches:
            found[0] = found[0] or bool(batch)
            yield batch

    for text in points_lines(counted(), bold=colour()):
        sys.stdout.write(text)
        sys.stdout.flush()  # (a batch a chunk read: a program's points as it prints them)
    if not found[0]:
        message("no metrics found: add a pattern with -m, or see `runlab parse --help`")


@command()
def reparse(
    run: RunArg,
    pattern: PatternOpt = None,
    store: StoreOpt = None,
) -> None:
    """Extract a run's metrics from its output again, with the rules and patterns of now.

    The patterns are -m, the run's own (its -m), then the config's. The new points replace
    those read from the output before; what the output did not give (RUNLAB_EVENTS, the
    Python API, the start-up hooks, sys/ resources) is kept. Recorded in the run's journal,
    so it survives reindex.

    Example: runlab reparse last -m 'top1 (?P<top1>[\\d.]+)'
    """
    from runlab.launch.rerun import start_event
    from runlab.parsing.extract import reparse_run

    configured, disabled = _rules(None)
    s = open_store(store)
    run_id = s.resolve(run)
    options = start_event(s, run_id).get("options")
    own = options.get("metric_pattern") if isinstance(options, dict) else None
    own = [p for p in own if isinstance(p, str)] if isinstance(own, list) else []
    # (-m first: where two patterns read the same value, the first one's is recorded)
    patterns = list(dict.fromkeys([*(pattern or []), *own, *configured]))
    done = reparse_run(s, run_id, patterns, disabled)
    keys = ", ".join(done.keys) if done.keys else "none"
    message(f"run {done.number}: {done.points} metric points from output.log "
            f"(metrics: {keys})")
    if patterns:
        message("patterns: " + "  ".join(f"'{p}'" for p in patterns)
                + (f" ({len(own)} the run's own)" if own else ""))
    message(f"keys: {len(done.added)} added, {len(done.removed)} removed, "
            f"{len(done.renamed)} renamed")
    for before, after in done.renamed:
        message(f"  renamed: {before} -> {after}")
    for key in done.added:
        message(f"  added: {key}")
    for key in done.removed:
        message(f"  removed: {key}")

