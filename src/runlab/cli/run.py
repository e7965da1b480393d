"""`runlab [RUN OPTIONS] COMMAND ...` and `runlab run -- COMMAND ...`: run a command tracked.

The prefix form never imports typer: the run options are parsed here from one table, which
the typer `run` command declares too (a test keeps the two in step).
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass, field


from runlab.errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

    from runlab.record.request import RunRequest
    from runlab.record.runner import Outcome
    from runlab.record.tracking import Tracked
    from runlab.store import Run


@dataclass(frozen=True)
class Opt:
    names: tuple[str, ...]
    dest: str
    takes_value: bool
    repeat: bool
    help: str


RUN_OPTIONS: tuple[Opt, ...] = (
    Opt(("-n", "--name"), "name", True, False, "Name the run."),
    Opt(("-e", "--experiment"), "experiment", True, False, "Experiment of the run (default: Default)."),
    Opt(("-t", "--tag"), "tag", True, True, "Tag KEY[=VALUE]; repeatable."),
    Opt(("-p", "--param"), "param", True, True, "Param KEY=VALUE set explicitly; repeatable."),
    Opt(("--note",), "note", True, False, "A note on the run."),
    Opt(("-m", "--metric-pattern"), "metric_pattern", True, True,
        "Regex with named groups key/value/step, or one group per metric; repeatable."),
    Opt(("-a", "--artifact"), "artifact", True, True, "Glob of files to keep with the run; repeatable."),
    Opt(("--model",), "model", True, False,
        "Register the one file -a matched as the next version of model NAME if the run finishes."),
    Opt(("--store",), "store", True, False, "Store directory (default: .runlab at the repository root)."),
    Opt(("--no-git",), "no_git", False, False, "Do not capture the git state."),
    Opt(("--pty",), "pty", False, False, "Give the command a pseudo-terminal even when output is not one."),
    Opt(("--no-pty",), "no_pty", False, False, "Use pipes even when output is a terminal."),
    Opt(("-q", "--quiet"), "quiet", False, False, "Record the output but do not echo it."),
    Opt(("--no-system-metrics",), "no_system_metrics", False, False,
        "Do not sample CPU, memory, I/O and GPU metrics (sys/...)."),
    Opt(("--push",), "push", True, False,
        "Push the run to this MLflow tracking server while it runs and when it ends."),
    Opt(("--no-inject",), "no_inject", False, False,
        "Do not hook a Python command at start-up (argparse arguments, framework metrics)."),
    Opt(("--no-inputs",), "no_inputs", False, False,
        "Do not fingerprint the files and directories the arguments name."),
)
_BY_NAME = {name: opt for opt in RUN_OPTIONS for name in opt.names}


@dataclass
class RunArgs:
    values: dict[str, Any] = field(default_factory=dict)
    command: list[str] = field(default_factory=list)
    consumed: int = 0  # how many words were run options


def parse(words: list[str]) -> RunArgs:
    """Split `[RUN OPTIONS] COMMAND ARGS...`; everything from COMMAND on is the command's."""
    out = RunArgs()
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            i += 1
            break
        if not word.startswith("-") or word == "-":
            break
        name, eq, attached = word.partition("=")
        opt = _BY_NAME.get(name)
        if opt is None and not word.startswith("--") and len(word) > 2:
            opt = _BY_NAME.get(word[:2])  # -nNAME
            name, attached, eq = word[:2], word[2:], "=" if opt and opt.takes_value else ""
        if opt is None:
            raise UsageError(
                f"unknown run option {name} (options for the command go after the command; "
                "`runlab run --help` lists runlab's)"
            )
        if opt.takes_value:
            if eq:
                value = attached
            elif i + 1 < len(words):
                i += 1
                value = words[i]
            else:
                raise UsageError(f"{name} needs a value")
            if opt.repeat:
                out.values.setdefault(opt.dest, []).append(value)
            else:
                out.values[opt.dest] = value
        else:
            if eq:
                raise UsageError(f"{name} takes no value")
            out.values[opt.dest] = True
        i += 1
    out.consumed = i
    out.command = words[i:]
    return out


def check_program(word: str) -> None:
    """A typo of a subcommand (`runlab sho`) is a usage error, never a run: `word` is no path,
    no program on PATH and no named command ([commands.NAME]), and close to a subcommand.
    A program that exists always runs; only a name exec cannot find pays for the look-up."""
    from runlab.record.runner import find_program

    if find_program(word, os.environ) is not None:
        return
    import difflib

    from runlab.cli import SUBCOMMANDS

    close = difflib.get_close_matches(word, sorted(SUBCOMMANDS), n=1, cutoff=0.75)
    if not close:
        return
    from runlab import config

    if word in config.load(os.getcwd()).commands:
        return
    raise UsageError(f"unknown command '{word}'; did you mean '{close[0]}'? "
                     f"(`runlab run -- {word}` runs a program of that name)")


def request(values: dict[str, Any], command: list[str]) -> RunRequest:
    """The run options, as `parse` or the typer `run` command gives them, as a request."""
    from runlab.record.request import RunRequest

    if values.get("pty") and values.get("no_pty"):
        raise UsageError("--pty and --no-pty contradict each other")
    return RunRequest(
        command=command,
        name=values.get("name"),
        experiment=values.get("experiment"),
        tags=list(values.get("tag") or []),
        params=list(values.get("param") or []),
        note=values.get("note"),
        metric_patterns=list(values.get("metric_pattern") or []),
        artifacts=list(values.get("artifact") or []),
        model=values.get("model"),
        store=values.get("store"),
        git=not values.get("no_git"),
        pty=True if values.get("pty") else False if values.get("no_pty") else None,
        quiet=bool(values.get("quiet")),
        system_metrics=not values.get("no_system_metrics"),
        inject=not values.get("no_inject"),
        inputs=not values.get("no_inputs"),
        push=values.get("push"),
    )


def execute(values: dict[str, Any], command: list[str]) -> int:
    """Run COMMAND tracked with the given run options; returns the exit code to end with."""
    return exit_status(track_and_report(request(values, command)))


def track_and_report(req: RunRequest) -> Outcome:
    """Run the request tracked and report on it; `exit_status` then ends as the command did."""
    from runlab.cli.common import message, warn
    from runlab.record.session import track

    tracked = track(req, notify=lambda m: message(f"runlab: {m}"), warn=warn)
    if tracked.outcome.error:
        message(f"runlab: {tracked.outcome.error}")
    for problem in tracked.problems:
        if problem != tracked.outcome.error:
            warn(problem)
    if tracked.run is not None:
        # Imported only now: the command did not wait for what only the summary needs.
        from runlab.compare.changes import changes
        from runlab.display import format as fmt
        from runlab.display import summary

        previous, parent = tracked.previous, _parent(tracked, req)
        if parent is not None:
            previous = parent  # (a rerun is compared with the run it reran)
        diff = None
        if previous is not None:
            diff = changes(tracked.run, previous, tracked.directions)
        message(summary.render(tracked.run, previous, diff, fmt.use_colour(2),
                               width=fmt.terminal_width(2), directions=tracked.directions,
                               parent=parent is not None))
        _register_model(tracked, req)
    return tracked.outcome


def _parent(tracked: Tracked, req: RunRequest) -> Run | None:
    """The run a rerun reran, when the request is a rerun's and the run is still there."""
    from runlab.errors import RunlabError

    parent = req.extra.get("parent")
    if not isinstance(parent, str) or tracked.store is None:
        return None
    try:
        return tracked.store.get(parent)
    except (RunlabError, OSError):
        return None


def _register_model(tracked: Tracked, req: RunRequest) -> None:
    from runlab.cli.common import message, warn
    from runlab.errors import RunlabError
    from runlab.record.session import register_model

    try:
        v = register_model(tracked, req)
    except RunlabError as e:
        warn(f"--model: {e}")
        return
    if v is not None:
        message(f"runlab: registered {v.ref} ({v.framework or 'unknown format'}, {v.path})")


def exit_status(outcome: Outcome) -> int:
    """The exit code that tells how the command ended; ends runlab by its signal if it had one."""
    if outcome.signal is not None:
        end_by_signal(outcome.signal)
    return outcome.exit_code if outcome.exit_code is not None else 1


def end_by_signal(sig: int) -> None:
    """End runlab by the signal that ended the command, so the shell sees the same thing."""
    sys.stdout.flush()
    sys.stderr.flush()
    if sig in (signal.SIGKILL, signal.SIGSTOP):
        os._exit(128 + sig)
    try:
        signal.signal(sig, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
        os.kill(os.getpid(), sig)
    except (OSError, ValueError):
        pass
    os._exit(128 + sig)
