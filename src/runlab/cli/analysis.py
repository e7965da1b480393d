"""Looking into runs: `diff`, `metrics` and `plot`."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from runlab.cli.common import (colour, command, emit_json, message, open_store, print_wide, warn,
                               write_chunks)
from runlab.errors import RunlabError, UsageError
from runlab.cli.params import JsonOpt, RunArg, RunsArg, StoreOpt

if TYPE_CHECKING:
    from runlab.store import Run, Store


def _runs(s: Store, refs: list[str] | None) -> list[Run]:
    return [s.get(s.resolve(ref)) for ref in refs or []]


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
    found = _runs(s, runs)
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
    if json_ and csv_:
        raise UsageError("choose one of --json and --csv")
    s = open_store(store)
    r = s.get(s.resolve(run))
    wanted = list(dict.fromkeys(keys or []))
    arrays = s.series_arrays(r.id, wanted or None)
    known = list(dict.fromkeys([*r.metrics, *arrays]))
    unknown = [k for k in wanted if k not in known]
    if unknown:
        names = ", ".join(unknown)
        raise UsageError(f"run {r.number} has no metric {names}; its metrics: "
                         f"{', '.join(known) or 'none yet'}")
    chosen = wanted or known
    from runlab.display import series as display

    streams = ((k, arrays[k].points() if k in arrays else iter(())) for k in chosen)
    if json_ or csv_:  # streamed: a run of millions of points is never held whole
        chunks = display.json_chunks(streams) if json_ else display.csv_chunks(streams)
        write_chunks(chunks)
    elif not chosen:
        message(f"run {r.number} has recorded no metrics")
    else:
        series = {k: list(points) for k, points in streams}
        print_wide(display.table(series, chosen, colour()))


@command()
def plot(
    runs: RunsArg,
    keys: Annotated[list[str] | None, typer.Option(
        "--key", "-k", metavar="KEY", show_default=False,
        help="A metric to plot (repeatable; default: the metrics all the runs have, "
             "up to 4).")] = None,
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
    from runlab.display import plot as display

    s = open_store(store)
    found = _runs(s, runs)
    chosen = _plot_keys(found, list(dict.fromkeys(keys or [])))
    w, h = _size(width, height, display.DEFAULT_SIZE)
    # At most two points a column: the first, the last and every extreme are kept.
    series = [(r.number, {key: d.points for key, d in s.downsampled(r.id, chosen, 2 * w).items()})
              for r in found]
    lines, skipped = display.drawable(display.build_lines(series, chosen))
    if skipped:
        warn(display.skipped_note(skipped))
    if not lines:
        raise RunlabError(f"nothing to plot yet: no points of {', '.join(chosen)}")
    for r in found:
        if r.status == "running":
            message(f"run {r.number} is still running: plotting its points so far")
    sys.stdout.write(display.render(lines, w, h, colour=colour(),
                                    title=", ".join(chosen)))
    sys.stdout.flush()


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


def _plot_keys(runs: list[Any], wanted: list[str]) -> list[str]:
    from runlab.display.plot import MAX_DEFAULT_KEYS, choose_keys

    if wanted:
        for key in wanted:
            if not any(key in r.metrics for r in runs):
                names = sorted({k for r in runs for k in r.metrics})
                raise UsageError(f"no run here has a metric {key}; their metrics: "
                                 f"{', '.join(names) or 'none yet'}")
            for r in runs:
                if key not in r.metrics:
                    warn(f"run {r.number} has no metric {key}")
        return wanted
    chosen, more = choose_keys([list(r.metrics) for r in runs])
    if not chosen:
        which = "; ".join(f"run {r.number}: {', '.join(r.metrics) or 'none yet'}" for r in runs)
        raise UsageError(f"the runs share no metric; choose with -k KEY ({which})")
    if more:
        message(f"plotting the first {MAX_DEFAULT_KEYS} shared metrics; also shared: "
                f"{', '.join(more)} (choose with -k)")
    return chosen


def _size(width: int | None, height: int | None, default: tuple[int, int]) -> tuple[int, int]:
    """The chart size: as given, else the terminal's (a line left for the prompt), else 100x25."""
    if width is not None and height is not None:
        return width, height
    if os.isatty(1):
        import shutil

        columns, lines = shutil.get_terminal_size(default)
        return width or columns, height or max(10, lines - 1)
    return width or default[0], height or default[1]
