"""Reading runs back: `ls`, `show`, `log`, and `reindex`."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from runlab.cli.common import emit_json, guard, open_store

StoreOpt = Annotated[Optional[str], typer.Option("--store", help="Store directory.",
                                                 show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (the stable contract).")]
RunArg = Annotated[str, typer.Argument(
    help="A run: its number, last, last~N, its name, or 6+ characters of its id.",
    show_default=False)]


def _console(stderr: bool = False):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False,
                   no_color="NO_COLOR" in os.environ)


def register(app: typer.Typer) -> None:
    @app.command("ls")
    def ls(
        limit: Annotated[int, typer.Option("--limit", "-l", help="Show at most N runs.")] = 20,
        all_: Annotated[bool, typer.Option("--all", help="Show every run (no limit).")] = False,
        json_: JsonOpt = False,
        store: StoreOpt = None,
    ) -> None:
        """List runs, newest first.

        Example: runlab ls --limit 5
        """

        def body() -> None:
            s = open_store(store)
            runs = s.list_runs(limit=None if all_ else limit)
            if json_:
                emit_json([r.to_json() for r in runs])
                return
            if not runs:
                sys.stderr.write("no runs yet: put runlab in front of a command to record one\n")
                return
            from runlab.display.tables import print_runs

            print_runs(runs, None, _console())

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

            tail = _tail_lines(s.output_path(r.id), 10)
            group = display.render(r, s.series(r.id), tail,
                                   display.list_files(s.run_dir(r.id)), _colour())
            display.print_run(group, _console())

        guard(body)

    @app.command("log")
    def log(
        run: RunArg,
        raw: Annotated[bool, typer.Option("--raw", help="Keep escape codes (colours, redraws).")] = False,
        tail: Annotated[Optional[int], typer.Option("--tail", "-n", help="Only the last N lines.")] = None,
        store: StoreOpt = None,
    ) -> None:
        """Print a run's captured output.

        Escape codes are removed unless --raw is given or the output is a terminal.

        Example: runlab log last --tail 20
        """

        def body() -> None:
            s = open_store(store)
            r = s.get(s.resolve(run))
            keep = raw or os.isatty(1)
            _print_log(s.output_path(r.id), keep, tail)

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


def _colour() -> bool:
    from runlab.display.format import use_colour

    return use_colour(1)


def _tail_lines(path: str, n: int) -> list[str]:
    from runlab.parsing.lines import LineSplitter

    try:
        with open(path, "rb") as f:
            f.seek(max(0, os.fstat(f.fileno()).st_size - 64 * 1024))
            data = f.read()
    except OSError:
        return []
    splitter = LineSplitter(max_line=1000)
    lines = splitter.feed(data) + splitter.flush()
    return lines[-n:]


def _print_log(path: str, keep_escapes: bool, tail: int | None) -> None:
    from runlab.parsing.lines import strip_escapes

    out = sys.stdout.buffer
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        return
    with f:
        if tail is not None:
            data = f.read()
            lines = data.splitlines(keepends=True)[-tail:] if tail > 0 else []
            chunks = iter([b"".join(lines)])
        else:
            chunks = iter(lambda: f.read(1 << 16), b"")
        carry = b""
        for chunk in chunks:
            if keep_escapes:
                out.write(chunk)
                continue
            # Strip whole lines only, so no escape sequence is cut in two between chunks.
            data = carry + chunk
            cut = max(data.rfind(b"\n"), data.rfind(b"\r")) + 1
            carry = data[cut:]
            out.write(strip_escapes(data[:cut]))
        out.write(carry if keep_escapes else strip_escapes(carry))
    out.flush()
