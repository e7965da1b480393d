"""Looking into runs: `diff`, `metrics` and `plot` (what the last two do is in views.py)."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer

from runlab.cli import views
from runlab.cli.common import colour, command, emit_json, message, open_store, print_wide, warn
from runlab.errors import UsageError
from runlab.cli.params import JsonOpt, RunArg, RunsArg, StoreOpt


@command()
def diff(
    runs: RunsArg,
    all_: Annotated[bool, typer.Option(
        "--all", help="Show every aspect in full, not only what differs.")] = False,
    code: Annotated[bool, typer.Option(
        "--code", help="Print the unified diff of the two runs' source code.")] = False,
    log: Annotated[bool, typer.Option(
        "--log", help="Print the unified diff of the two runs' output.")] = False,
    format_: Annotated[str, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="table, markdown (to paste into a pull request) or json.")] = "table",
    json_: JsonOpt = False,
    store: StoreOpt = None,
) -> None:
    """Compare runs side by side: only what differs, changes measured against the first.

    One line per aspect (command, params, code, inputs, packages, metrics, status,
    environment, tags) says whether it differs; then params changed, added or removed,
    inputs whose content changed, package versions, metrics with the change against the
    first run (marked better or worse where the direction is known), tags and code. --code prints the source diff (commit plus uncommitted changes of each run) and
    --log the output diff, of two runs.

    Example: runlab diff 12 14 --code
    """
    runs = runs or []  # never None: RUN... is required
    if format_ not in ("table", "markdown", "json"):
        raise UsageError(f"unknown format {format_!r}: use table, markdown or json")
    as_json = json_ or format_ == "json"
    if len(runs) < 2:
        raise UsageError("diff compares at least two runs: runlab diff RUN RUN [RUN...]")
    if (code or log) and len(runs) != 2:
        raise UsageError("--code and --log compare exactly two runs")
    s = open_store(store)
    found = views.runs_of(s, runs)
    if code or log:
        _text_diffs(s, found[0], found[1], code, log, as_json, format_ == "markdown")
        return
    from runlab import config
    from runlab.compare import diff as compare

    directions = config.load(os.getcwd()).directions
    result = compare.diff_runs(found, directions)
    if as_json:
        emit_json(result.to_json())
        return
    from runlab.display import diff as display

    markdown = format_ == "markdown"
    print_wide(display.render(result, show_all=all_, colour=colour(), as_markdown=markdown))


@command()
def metrics(
    run: RunArg,
    keys: Annotated[list[str] | None, typer.Argument(
        metavar="KEY", show_default=False,
        help="Metrics to show (default: all of the run's).")] = None,
    json_: JsonOpt = False,
    csv_: Annotated[bool, typer.Option(
        "--csv", help="Print CSV: key,step,value,time, one line per point.")] = False,
    store: StoreOpt = None,
) -> None:
    """Print a run's full metric series: step, value and time of every point.

    With several keys the table has a column per key, aligned on step. --json gives
    {key: [{step, value, time}]}, --csv one line per point; times are ISO-8601.

    Example: runlab metrics last loss acc
    """
    views.metrics(run, keys, json_, csv_, store)


@command()
def plot(
    runs: RunsArg,
    keys: Annotated[list[str] | None, typer.Option(
        "--key", "-k", metavar="KEY", show_default=False,
        help="A metric to plot (repeatable; default: up to 4 of the metrics all the runs "
             "have, the most telling first, sys/ metrics only if there is nothing else).")] = None,
    width: Annotated[int | None, typer.Option(
        "--width", min=30, metavar="COLUMNS", show_default=False,
        help="Chart width (default: the terminal's, else 100).")] = None,
    height: Annotated[int | None, typer.Option(
        "--height", min=10, metavar="LINES", show_default=False,
        help="Chart height (default: the terminal's, else 25).")] = None,
    store: StoreOpt = None,
) -> None:
    """Plot metrics against step in the terminal: a line per run and metric.

    The legend names each line by run number and metric (#12 loss). A run still going
    is plotted as far as it has got.

    Example: runlab plot 12 14 -k loss
    """
    views.plot(runs, keys, width, height, store)


def _text_diffs(s: Any, a: Any, b: Any, code: bool, log: bool, json_: bool,
                markdown: bool = False) -> None:
    """`diff --code` / `--log`: unified diffs, notes on stderr (or all of it as JSON); in
    Markdown, each in a ```diff fence."""
    from runlab.compare import diff as compare

    parts: dict[str, compare.TextDiff] = {}
    if code:
        parts["code"] = compare.code_diff(a, s.run_dir(a.id), b, s.run_dir(b.id))
    if log:
        parts["log"] = compare.log_diff(s.output_path(a.id), s.output_path(b.id),
                                        f"run {a.number} output", f"run {b.number} output")
    if json_:
        data: dict[str, Any] = {"runs": [{"id": r.id, "number": r.number, "name": r.name}
                                         for r in (a, b)]}
        data.update({k: {"diff": d.text, "notes": d.notes} for k, d in parts.items()})
        emit_json(data)
        return
    from runlab.display.diff import unified

    coloured = colour() and not markdown
    for what, d in parts.items():
        for note in d.notes:
            warn(note)
        if d.text and markdown:
            fence = "```"
            while fence in d.text:
                fence += "`"
            sys.stdout.write(f"{fence}diff\n{d.text}{'' if d.text.endswith(chr(10)) else chr(10)}"
                             f"{fence}\n")
        elif d.text:
            sys.stdout.write(unified(d.text, coloured))
        else:
            message(f"no differences in the {what if what == 'code' else 'output'} of runs "
                    f"{a.number} and {b.number}")
    sys.stdout.flush()

