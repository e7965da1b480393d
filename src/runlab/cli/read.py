"""Reading runs back: `ls`, `show`, `log`, and `reindex`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Annotated, Any

import typer

from runlab.cli.common import colour, console, emit_json, guard, open_store
from runlab.cli.params import JsonOpt, RunArg, StoreOpt



def register(app: typer.Typer) -> None:
    @app.command("ls")
    def ls(
        where: Annotated[str | None, typer.Option(
            "--where", "-w", help="Only runs matching EXPR (see QUERY LANGUAGE).",
            show_default=False)] = None,
        sort: Annotated[list[str] | None, typer.Option(
            "--sort", "-s", help="Order by [-]FIELD (- for descending); repeatable.",
            show_default=False)] = None,
        columns: Annotated[str | None, typer.Option(
            "--columns", "-c", help="Comma-separated fields to show, e.g. params.lr,metrics.acc.",
            show_default=False)] = None,
        experiment: Annotated[str | None, typer.Option(
            "--experiment", "-e", help="Only runs of this experiment.", show_default=False)] = None,
        deleted: Annotated[bool, typer.Option("--deleted", help="List deleted runs instead.")] = False,
        limit: Annotated[int, typer.Option("--limit", "-l", min=1,
                                           help="Show at most N runs.")] = 20,
        all_: Annotated[bool, typer.Option("--all", help="Show every run (no limit).")] = False,
        format_: Annotated[str, typer.Option(
            "--format", "-f", help="table, json, jsonl or csv.")] = "table",
        json_: JsonOpt = False,
        store: StoreOpt = None,
    ) -> None:
        """List runs, newest first; filter with --where, order with --sort.

        Example: runlab ls --where 'metrics.acc > 0.9 and params.lr < 0.1' --sort -metrics.acc
        """

        def body() -> None:
            from runlab import fields
            from runlab.errors import UsageError
            from runlab.reading import find_runs

            fmt_ = "json" if json_ else format_
            if fmt_ not in ("table", "json", "jsonl", "csv"):
                raise UsageError(f"unknown format {format_!r}: use table, json, jsonl or csv")
            cols = [fields.check(c.strip()) for c in columns.split(",")] if columns else None
            s = open_store(store)
            runs = find_runs(s, where, sort, None if all_ else limit, experiment=experiment,
                             deleted=deleted).runs
            if fmt_ == "json":
                emit_json([r.to_json() for r in runs])
            elif fmt_ == "jsonl":
                import json

                sys.stdout.write("".join(json.dumps(r.to_json()) + "\n" for r in runs))
            elif fmt_ == "csv":
                from runlab.display.csvfile import render

                sys.stdout.write(render(runs, cols))
            elif not runs:
                what = "no runs match" if where or experiment or deleted else \
                    "no runs yet: put runlab in front of a command to record one"
                sys.stderr.write(what + "\n")
            else:
                from runlab.display.tables import print_runs

                print_runs(runs, cols, console())

        guard(body)

    app.command("list", hidden=True, help="Alias of ls.")(ls)

    @app.command("show")
    def show(run: RunArg, json_: JsonOpt = False, store: StoreOpt = None) -> None:
        """Show everything recorded about one run.

        Example: runlab show last
        """

        def body() -> None:
            s = open_store(store)
            r = s.get(s.resolve(run))
            if json_:
                emit_json(r.to_json())
                return
            from runlab.display import show as display

            tail = _tail_lines(s, r.id, 10)
            group = display.render(r, s.series(r.id), tail,
                                   display.list_files(s.run_dir(r.id)), colour())
            display.print_run(group, console())

        guard(body)

    @app.command("log")
    def log(
        run: RunArg,
        raw: Annotated[bool, typer.Option("--raw", help="Keep escape codes (colours, redraws).")] = False,
        tail: Annotated[int | None, typer.Option("--tail", "-n", min=0,
                                                 help="Only the last N lines.")] = None,
        follow: Annotated[bool, typer.Option(
            "--follow", "-f", help="Keep printing a running run's output until it ends.")] = False,
        store: StoreOpt = None,
    ) -> None:
        """Print a run's captured output.

        Escape codes are removed unless --raw is given or the output is a terminal.

        Example: runlab log last --tail 20 --follow
        """

        def body() -> None:
            s = open_store(store)
            r = s.get(s.resolve(run))
            keep = raw or os.isatty(1)
            _print_log(s.output_log(r.id, tail=tail, follow=follow), keep)

        guard(body)

    @app.command("reindex")
    def reindex(store: StoreOpt = None) -> None:
        """Rebuild the index from the runs' journals (nothing is lost by deleting index.db).

        Example: runlab reindex
        """

        def body() -> None:
            s = open_store(store, sync=False)
            n = s.reindex()
            sys.stderr.write(f"reindexed {n} run{'s' if n != 1 else ''} from their journals\n")

        guard(body)


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
