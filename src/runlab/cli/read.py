"""Reading runs back: `ls`, `show`, `log`, and `reindex`.

These declare the options; what `ls`, `show` and `log` do is in views.py, which the fast path
calls too.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from runlab.cli import views
from runlab.cli.common import command, open_store, report_problems
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
        help="Comma-separated fields to show, named as in --where, e.g. "
             "params.lr,metrics.acc.",
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
    views.ls(where, sort, best, better, columns, experiment, deleted, limit, all_, format_,
             json_, store)


@command()
def show(run: RunArg, json_: JsonOpt = False, store: StoreOpt = None) -> None:
    """Show everything recorded about one run.

    Example: runlab show last
    """
    views.show(run, json_, store)


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
    views.log(run, raw, tail, follow, store)


@command()
def reindex(store: StoreOpt = None) -> None:
    """Rebuild the index from the runs' journals (nothing is lost by deleting index.db).

    Example: runlab reindex
    """
    s = open_store(store, catch_up=False)
    n = s.reindex()
    report_problems(s)
    sys.stderr.write(f"reindexed {n} run{'s' if n != 1 else ''} from their journals\n")

