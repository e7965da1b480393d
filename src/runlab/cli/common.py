"""What every command shares: opening the store, the one error handler, JSON output."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator


from runlab.errors import RunlabError, exit_code

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any, NoReturn, ParamSpec, TypeVar

    from runlab.store import Store

    P = ParamSpec("P")
    T = TypeVar("T")

EPILOG_STORE = "The store is .runlab/ at the git repository's root (or here); --store or RUNLAB_STORE override."


def message(text: str) -> None:
    """A message for the user: stderr, never stdout."""
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except OSError:  # stderr is closed or on a full disk: there is nowhere left to say it
        pass


def error(text: str) -> None:
    message(f"runlab: error: {text}")


def warn(text: str) -> None:
    message(f"runlab: warning: {text}")


def guard(fn: Callable[[], T], *, wrapping: bool = False) -> T:
    """Run a command body; turn runlab's errors into one line and an exit code."""
    try:
        return fn()
    except RunlabError as e:
        if os.environ.get("RUNLAB_DEBUG") == "1":
            raise
        error(str(e))
        sys.exit(exit_code(e, wrapping=wrapping))
    except BrokenPipeError:
        quiet_broken_pipe()
    except OSError as e:
        # The system refused (no such directory, a full disk, no permission): one sentence.
        if os.environ.get("RUNLAB_DEBUG") == "1":
            raise
        where = f"{e.filename}: " if e.filename else ""
        error(f"{where}{e.strerror or e}")
        sys.exit(exit_code(e, wrapping=wrapping))
    except KeyboardInterrupt:
        if os.environ.get("RUNLAB_DEBUG") == "1":
            raise
        message("")
        sys.exit(128 + signal.SIGINT)


def command(*, wrapping: bool = False) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """The error policy of every subcommand: its body runs under `guard`, so runlab's errors
    are one line and an exit code, and Ctrl-C exits 130 (outside it, click would turn Ctrl-C
    into `Abort`). A command that returns a number (rerun, sweep) ends with that exit code;
    `wrapping` marks one that wraps a command, whose own failures exit 125."""
    import functools

    def decorate(fn: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(fn)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            result = guard(lambda: fn(*args, **kwargs), wrapping=wrapping)
            if isinstance(result, int) and not isinstance(result, bool):
                sys.exit(result)
            return result

        return guarded

    return decorate


def quiet_broken_pipe() -> NoReturn:
    """`runlab ls | head` ends quietly: stop writing to the closed pipe and leave."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(141 if hasattr(signal, "SIGPIPE") else 1)


def open_store(store: str | None, *, catch_up: bool = True, create: bool = False) -> Store:
    """The store for this directory, caught up with its journals; one that does not exist
    reads as empty, and is made only for a command that adds runs (`create`)."""
    from runlab.store import reading

    s = reading.open_store(store, catch_up=catch_up, create=create)
    report_problems(s)
    return s


def report_problems(s: Store) -> None:
    """Warn, once each, of what the store repaired or skipped (a bad journal line, a run
    directory it could not read)."""
    for problem in dict.fromkeys(s.problems):
        warn(problem)
    s.problems.clear()


def emit_json(data: Any) -> None:
    from runlab.store.records import to_json_text

    sys.stdout.write(to_json_text(data, indent=2) + "\n")
    sys.stdout.flush()


def write_chunks(chunks: Iterator[str]) -> None:
    """Write text as it comes, a block at a time (outputs of every run or every point)."""
    out = sys.stdout
    block: list[str] = []
    for chunk in chunks:
        block.append(chunk)
        if len(block) >= 256:
            out.write("".join(block))
            out.flush()
            block.clear()
    out.write("".join(block))
    out.flush()


def colour() -> bool:
    """Whether stdout gets colours (a terminal, and no NO_COLOR)."""
    from runlab.display.format import use_colour

    return use_colour(1)


def print_wide(renderable: Any) -> None:
    """Print a table or text whole: never cropped, folded or wrapped at the terminal's edge."""
    console().print(renderable, crop=False, overflow="ignore", no_wrap=True)


def console(*, soft_wrap: bool = False) -> Any:
    """A rich console on stdout (rich imported here: the tracked-run path never loads it)."""
    from rich.console import Console

    out = Console(highlight=False, soft_wrap=soft_wrap, no_color="NO_COLOR" in os.environ)
    # rich exits 1 on a closed pipe; end as every other command does (`runlab ls | head`).
    out.on_broken_pipe = quiet_broken_pipe  # type: ignore[method-assign]
    return out
