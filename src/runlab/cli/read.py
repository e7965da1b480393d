"""Reading runs back: `ls`, `show`, `log`, and `reindex`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Annotated, Any

import typer

from runlab.cli.common import (
    colour, command, console, emit_json, message, open_store, report_problems, warn,
    write_chunks,
)
from runlab.cli.completion import complete_columns, complete_metric, complete_sort, complete_where
from runlab.cli.params import JsonOpt, RunArg, StoreOpt, where_option


@command()
def ls(
    where: Annotated[str | None, where_option(
        "Only runs matching EXPR (see QUERY LANGUAGE).", autocompletion=complete_where)] = None,
    sort: Annotated[list[str] | None, typer.Option(
        "--sort", "-s", metavar="[-]FIELD",
        help="Order by FIELD (- for descending); repeatable.",
        show_default=False, autocompletion=complete_sort)] = None,
    best: Annotated[str | None, typer.Option(
        "--best", "-b", metavar="METRIC",
        help="Finished runs that have METRIC, best first: lower is better for names "
             "like loss and error, higher for acc, f1, score... (as in the summary).",
        show_default=False, autocompletion=complete_metric)] = None,
    better: Annotated[str | None, typer.Option(
        "--better", metavar="higher|lower",
        help="With --best: which way is better, when the name does not say.",
        show_default=False)] = None,
    columns: Annotated[str | None, typer.Option(
        "--columns", "-c", metavar="FIELD,...",
        help="Comma-separated fields to show, e.g. params.lr,metrics.acc.",
        show_default=False, autocompletion=complete_columns)] = None,
    experiment: Annotated[str | None, typer.Option(
        "--experiment", "-e", metavar="NAME", help="Only runs of this experiment.",
        show_default=False)] = None,
    deleted: Annotated[bool, typer.Option("--deleted", help="List deleted runs instead.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", "-l", min=1, metavar="N",
                                       help="Show at most N runs.")] = 20,
    all_: Annotated[bool, typer.Option("--all", help="Show every run (no limit).")] = False,
    format_: Annotated[str, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="table, markdown (to paste into a pull request), json, jsonl or csv.")] = "table",
    json_: JsonOpt = False,
    store: StoreOpt = None,
) -> None:
    """List runs, newest first; filter with --where, order with --sort.

    --best METRIC answers "which run is best": finished runs only, ordered by METRIC's
    last value (METRIC.min or METRIC.max for its best point), best first.

    \b
    Examples:
        runlab ls --where 'metrics.acc > 0.9 and params.lr < 0.1' --sort -metrics.acc
        runlab ls --best val_loss -n 3
    """
    from runlab import config
    from runlab.store import fields, reading
    from runlab.store.selection import RunQuery
    from runlab.errors import UsageError

    fmt_ = "json" if json_ else format_
    if fmt_ not in ("table", "markdown", "json", "jsonl", "csv"):
        raise UsageError(f"unknown format {format_!r}: "
                         "use table, markdown, json, jsonl or csv")
    if better is not None and best is None:
        raise UsageError("--better goes with --best METRIC")
    s = open_store(store)
    cols = [fields.check(c.strip(), s) for c in columns.split(",")] if columns else None
    chosen = None
    if best is not None:
        directions = config.load(os.getcwd()).directions
        chosen = fields.best(s, best, better, directions)
    query = RunQuery(where, tuple(sort or ()), None if all_ else limit,
                     deleted=deleted, experiment=experiment, best=chosen)
    missing = reading.check_query(s, query)
    for problem in missing:
        warn(problem)
    if fmt_ in ("json", "jsonl", "csv"):  # streamed: never every run at once
        stream = s.iter_runs(query)
        if fmt_ == "csv":
            from runlab.display.csvfile import columns_for, lines

            cols = cols or columns_for(s.run_keys(query))
            write_chunks(lines(stream, cols))
        else:
            from runlab.display.format import json_lines

            write_chunks(json_lines((r.to_json() for r in stream),
                                    array=fmt_ == "json"))
        return
    runs = s.list_runs(query)
    if fmt_ == "markdown":
        from runlab.display.tables import markdown_runs

        sys.stdout.write(markdown_runs(runs, cols))
    elif not runs:
        if not missing:
            what = "no runs match" if where or experiment or deleted or best else \
                "no runs yet: put runlab in front of a command to record one"
            sys.stderr.write(what + "\n")
    else:
        from runlab.display.tables import print_runs

        if chosen is not None:
            message(chosen.description)
        print_runs(runs, cols, console())


@command()
def show(run: RunArg, json_: JsonOpt = False, store: StoreOpt = None) -> None:
    """Show everything recorded about one run.

    Example: runlab show last
    """
    s = open_store(store)
    r = s.get(s.resolve(run))
    if json_:
        emit_json(r.to_json())
        return
    from runlab.display import show as display

    tail = _tail_lines(s, r.id, 10)
    # The sparklines need a few hundred points, whatever the run's length.
    drawn = {key: d.points for key, d in s.downsampled(r.id, None, 400).items()}
    group = display.render(r, drawn, tail,
                           display.list_files(s.run_dir(r.id)), colour())
    display.print_run(group, console())


@command()
def log(
    run: RunArg,
    raw: Annotated[bool, typer.Option("--raw", help="Keep escape codes (colours, redraws).")] = False,
    tail: Annotated[int | None, typer.Option("--tail", "-n", min=0, metavar="N",
                                             help="Only the last N lines.")] = None,
    follow: Annotated[bool, typer.Option(
        "--follow", "-f", help="Keep printing a running run's output until it ends.")] = False,
    store: StoreOpt = None,
) -> None:
    """Print a run's captured output.

    Escape codes are removed unless --raw is given or the output is a terminal.

    Example: runlab log last --tail 20 --follow
    """
    s = open_store(store)
    r = s.get(s.resolve(run))
    keep = raw or os.isatty(1)
    _print_log(s.output_log(r.id, tail=tail, follow=follow), keep)


@command()
def reindex(store: StoreOpt = None) -> None:
    """Rebuild the index from the runs' journals (nothing is lost by deleting index.db).

    Example: runlab reindex
    """
    s = open_store(store, catch_up=False)
    n = s.reindex()
    report_problems(s)
    sys.stderr.write(f"reindexed {n} run{'s' if n != 1 else ''} from their journals\n")


def _tail_lines(s: Any, run_id: str, n: int) -> list[str]:
    """The last `n` lines of a run's output as clean text (escape codes gone, blanks dropped)."""
    from runlab.parsing.lines import LineSplitter

    try:
        data = b"".join(s.output_log(run_id, tail=n))
    except OSError:  # an unreadable log leaves the rest of the run worth showing
        return []
    splitter = LineSplitter(max_line=1000)
    return splitter.feed(data) + splitter.flush()


def _print_log(chunks: Iterator[bytes], keep_escapes: bool) -> None:
    from runlab.parsing.lines import strip_escapes

    out = sys.stdout.buffer
    carry = b""
    for chunk in chunks:
        if keep_escapes:
            out.write(chunk)
        else:
            # Strip whole lines only, so no escape sequence is cut in two between chunks.
            data = carry + chunk
            cut = max(data.rfind(b"\n"), data.rfind(b"\r")) + 1
            carry = data[cut:]
            out.write(strip_escapes(data[:cut]))
        out.flush()
    out.write(carry if keep_escapes else strip_escapes(carry))
    out.flush()
