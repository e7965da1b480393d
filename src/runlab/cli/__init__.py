"""The `runlab` command line.

`main` decides first whether the words are a tracked run (`runlab python train.py`) or one of
runlab's own subcommands. A tracked run never imports typer or rich: every run pays for
runlab's start-up, so the run path stays small. The reading commands (`show`, `plot`, `ls`,
`metrics`, `log`) take a fast path that skips building the typer app when it understands
every word (fast.py).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Sequence

# Kept equal to the typer app's command names by tests/test_cli.py.
SUBCOMMANDS = frozenset({
    "run", "ls", "list", "show", "log", "reindex",
    "config",
    "tag", "untag", "note", "rename", "rm", "restore", "purge",
    "diff", "metrics", "plot",
    "artifacts", "get", "model", "commands", "rerun", "sweep",
    "parse", "reparse",
    "push", "export", "import", "help",
    "ui",
})
TOP_OPTIONS = frozenset({"--help", "-h", "--version", "--install-completion",
                         "--show-completion"})


def main(argv: Sequence[str] | None = None) -> None:
    from runlab.cli.common import guard

    for stream in (sys.stdout, sys.stderr):
        # (an ASCII locale, `PYTHONIOENCODING=ascii`: a run's `🚀` param is shown escaped,
        # never a UnicodeEncodeError)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding and encoding != "utf8":
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        # Ctrl-C while the command line loads or is parsed exits 130, as in a command's body.
        guard(lambda: _main(argv))
    finally:
        # `runlab ls --format csv > runs.csv`: a file runlab wrote is no run's code.
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.fstat(1).st_mode):
                from runlab.store.outputs import record_stdout

                record_stdout()


def _main(argv: Sequence[str] | None) -> None:
    words = list(sys.argv[1:] if argv is None else argv)
    # A subcommand's name first is never a run (the run options all start with -).
    if words and "_RUNLAB_COMPLETE" not in os.environ and words[0] not in TOP_OPTIONS \
            and words[0] not in SUBCOMMANDS:
        from runlab.cli import run
        from runlab.cli.common import guard

        parsed = guard(lambda: run.parse(words))
        forced = parsed.consumed > 0 and words[parsed.consumed - 1] == "--"
        if parsed.command and (forced or parsed.command[0] not in SUBCOMMANDS):
            if not forced:
                guard(lambda: run.check_program(parsed.command[0]))
            sys.exit(guard(lambda: run.execute(parsed.values, parsed.command), wrapping=True))
        if parsed.command and parsed.consumed:
            # `runlab --store x ls`: the subcommand takes the options itself.
            words = [parsed.command[0], *words[: parsed.consumed], *parsed.command[1:]]
    from runlab.cli import fast

    fast.run(words)  # exits when it ran the command
    from runlab.cli.app import run_app

    run_app(words)
