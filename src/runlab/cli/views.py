"""What the reading commands do: `ls`, `show`, `log`, `metrics` and `plot`, without typer.

The typer commands (read.py, analysis.py) declare the options and call these; so does the fast
path (fast.py), which parses the words of these commands without building the typer app: the
commands people run to look at their runs start in a fraction of the time.
"""

from __future__ import annotations

import os
import sys

from runlab.cli.common import (colour, console, emit_json, message, open_store, print_wide, warn,
                               write_chunks)
from runlab.errors import RunlabError, UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from runlab.store import Run, Store


def ls(where: str | None = None, sort: list[str] | None = None, best: str | None = None,
       better: str | None = None, columns: str | None = None, experiment: str | None = None,
       deleted: bool = False, limit: int = 20, all_: bool = False, format_: str = "table",
       json_: bool = False, store: str | None = None) -> None:
    from runlab import config
    from runlab.store import fields, reading
    from runlab.store.selection import RunQuery

    if json_ and format_ not in ("table", "json"):
        raise UsageError(f"choose one of --json and --format {format_}")
    fmt_ = "json" if json_ else format_
    if fmt_ not in ("table", "markdown", "json", "jsonl", "csv"):
        raise UsageError(f"unknown format {format_!r}: "
                         "use table, markdown, json, jsonl or csv")
    if better is not None and best is None:
        raise UsageError("--better goes with --best METRIC")
    s = open_store(store)
    cols = fields.columns(columns, s) if columns else None
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
            if best and s.list_runs(RunQuery(where, (), 1, deleted=deleted,
                                              experiment=experiment)):
                # (runs there are, none finished: say so, not as if none had the metric)
                what = "no finished runs match: --best ranks finished runs only"
            if s.absent and (store is not None or os.environ.get("RUNLAB_STORE")):
                what += f" (there is no store at {s.root})"
            sys.stderr.write(what + "\n")
    else:
        from runlab.display.tables import print_runs

        if chosen is not None:
            message(chosen.description)
        print_runs(runs, cols, console())



def show(run: str, json_: bool = False, store: str | None = None) -> None:
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



def log(run: str, raw: bool = False, tail: int | None = None, follow: bool = False,
        store: str | None = None) -> None:
    s = open_store(store)
    r = s.get(s.resolve(run))
    keep = raw or os.isatty(1)
    _print_log(s.output_log(r.id, tail=tail, follow=follow), keep)



def metrics(run: str, keys: list[str] | None = None, json_: bool = False, csv_: bool = False,
            store: str | None = None) -> None:
    if json_ and csv_:
        raise UsageError("choose one of --json and --csv")
    s = open_store(store)
    r = s.get(s.resolve(run))
    wanted = list(dict.fromkeys(keys or []))
    arrays = s.series_arrays(r.id, wanted or None)
    known = list(dict.fromkeys([*r.metrics, *arrays]))
    unknown = [k for k in wanted if k not in known]
    if unknown:
        from runlab.store.reading import no_metric

        raise no_metric(r, unknown, known)
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
        print_wide(display.table(series, chosen, colour(), named=not wanted))



def plot(runs: list[str] | None, keys: list[str] | None = None, width: int | None = None,
         height: int | None = None, store: str | None = None) -> None:
    from runlab.display import plot as display

    s = open_store(store)
    found = runs_of(s, runs)
    chosen = _plot_keys(found, list(dict.fromkeys(keys or [])))
    w, h = _size(width, height, display.DEFAULT_SIZE)
    # At most two points a column: the first, the last and every extreme are kept.
    series = [(r.number, {key: d.points for key, d in s.downsampled(r.id, chosen, 2 * w).items()})
              for r in found]
    lines, left = display.drawable(display.build_lines(series, chosen))
    if not lines:
        running = any(r.status == "running" for r in found)
        raise RunlabError(display.nothing_note(chosen, left, running))
    if left:
        warn(display.skipped_note(left))
    for r in found:
        if r.status == "running":
            message(f"run {r.number} is still running: plotting its points so far")
    sys.stdout.write(display.render(lines, w, h, colour=colour(),
                                    title=", ".join(chosen)))
    sys.stdout.flush()


def runs_of(s: Store, refs: list[str] | None) -> list[Run]:
    return [s.get(s.resolve(ref)) for ref in refs or []]


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


def _plot_keys(runs: list[Any], wanted: list[str]) -> list[str]:
    from runlab import config
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
    directions = config.load(os.getcwd()).directions
    chosen, more = choose_keys([list(r.metrics) for r in runs], directions=directions)
    if not chosen:
        which = "; ".join(f"run {r.number}: {', '.join(r.metrics) or 'none yet'}" for r in runs)
        raise UsageError(f"the runs share no metric; choose with -k KEY ({which})")
    if more:
        message(f"plotting the {MAX_DEFAULT_KEYS} most telling shared metrics; also shared: "
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
