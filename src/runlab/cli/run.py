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

    from runlab.record.runner import Outcome


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


def _pairs(items: list[str], what: str, need_value: bool) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not key or (need_value and not eq):
            form = "KEY=VALUE" if need_value else "KEY[=VALUE]"
            raise UsageError(f"bad {what} {item!r}: use {form}")
        out[key.strip()] = value
    return out


def execute(values: dict[str, Any], command: list[str], *, cwd: str | None = None,
            extra: dict[str, Any] | None = None) -> int:
    """Run COMMAND tracked with the given run options; returns the exit code to end with."""
    return exit_status(track_command(values, command, cwd=cwd, extra=extra))


def track_command(values: dict[str, Any], command: list[str], *, cwd: str | None = None,
                  extra: dict[str, Any] | None = None, expand: bool = True) -> Outcome:
    """Run COMMAND tracked and report on it; `exit_status` then ends as the command did.

    A first word naming a configured command ([commands.NAME]) is expanded first, unless
    `expand` is false. `cwd` runs it somewhere other than here and `extra` adds start-event
    fields (rerun uses both, with a command it has expanded itself).
    """
    pending_git = None
    if command and not values.get("no_git"):
        # git's work starts first and runs while the rest of runlab loads.
        from runlab.capture.git import start_capture

        pending_git = start_capture(cwd or os.getcwd())
    from runlab import config
    from runlab.record import tracking
    from runlab.capture.args import parse_value, secret_patterns
    from runlab.cli.common import message, warn
    from runlab.store import Store, locate

    if not command:
        raise UsageError("no command to run: runlab [RUN OPTIONS] COMMAND [ARGS...]")
    cwd = cwd or os.getcwd()
    settings = config.load(cwd)
    store_path = values.get("store")
    if store_path is None and "RUNLAB_STORE" not in os.environ and settings.store:
        store_path = os.path.join(settings.root, settings.store)
    store = Store(locate(cwd, store_path))
    store.catch_up()
    for problem in dict.fromkeys(store.problems):  # a rebuilt index, a cut-off journal line
        warn(problem)
    store.problems.clear()
    if values.get("pty") and values.get("no_pty"):
        raise UsageError("--pty and --no-pty contradict each other")
    if values.get("model") and not values.get("artifact"):
        raise UsageError("--model NAME needs -a GLOB naming the model file")
    if values.get("pty"):
        use_pty = True
    elif values.get("no_pty"):
        use_pty = False
    elif settings.pty is not None:
        use_pty = settings.pty and os.isatty(1)
    else:
        use_pty = os.isatty(1)
    params = {k: parse_value(v) for k, v in _pairs(values.get("param", []), "param", True).items()}
    extra = dict(extra or {})
    if expand and command[0] in settings.commands:
        from runlab.launch import commands as projects

        named = projects.find(command, settings.commands, cwd,
                              settings.sources.get("commands", "runlab.toml"))
        if named is not None:
            expansion = projects.expand(named, command[1:], secret_patterns(settings))
            command = expansion.argv
            params = {**expansion.params, **params}
            extra.update(expansion.extra)
    # What a rerun needs that the command line does not show.
    options = {k: values[k] for k in ("metric_pattern", "artifact") if values.get(k)}
    if options:
        extra.setdefault("options", options)
    opts = tracking.RunOptions(
        argv=command,
        cwd=cwd,
        name=values.get("name"),
        experiment=values.get("experiment"),
        tags=_pairs(values.get("tag", []), "tag", False),
        params=params,
        note=values.get("note"),
        metric_patterns=values.get("metric_pattern", []),
        artifacts=values.get("artifact", []),
        git=not values.get("no_git"),
        pty=use_pty,
        quiet=bool(values.get("quiet")),
        system_metrics=not values.get("no_system_metrics"),
        inject=not values.get("no_inject") and settings.inject,
        inputs=not values.get("no_inputs") and settings.inputs,
        extra=extra,
    )
    pusher = _Pusher(values["push"], store.root) if values.get("push") else None
    try:
        tracked = tracking.track(opts, settings, store,
                                 notify=lambda m: message(f"runlab: {m}"),
                                 pending_git=pending_git,
                                 on_created=pusher.start if pusher else None)
    finally:
        if pusher is not None:
            pusher.finish()
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

        diff = None
        if tracked.previous is not None:
            diff = changes(tracked.run, tracked.previous, settings.directions)
        message(summary.render(tracked.run, tracked.previous, diff, fmt.use_colour(2),
                               width=fmt.terminal_width(2), directions=settings.directions))
        if values.get("model") and tracked.run.status == "finished":
            _register_model(store, tracked.run.id, values["model"], opts.artifacts)
    return tracked.outcome


class _Pusher:
    """`--push URI`: a `runlab push --watch` beside the run while it goes, then a last push.

    A separate process, so pushing never slows the command's output; it is its own session,
    so the user's Ctrl-C reaches it only through runlab.
    """

    def __init__(self, uri: str, store_root: str) -> None:
        self.uri = uri
        self.store_root = store_root
        self.run_id: str | None = None
        self.proc: Any = None

    def _argv(self, *extra: str) -> list[str]:
        return [sys.executable, "-m", "runlab", "push", self.run_id or "", "--mlflow", self.uri,
                "--store", self.store_root, *extra]

    def start(self, run_id: str) -> None:
        import subprocess

        self.run_id = run_id
        self.proc = subprocess.Popen(self._argv("--watch", "--interval", "5"),
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)

    def finish(self) -> None:
        import subprocess

        if self.proc is not None:
            # Ctrl-C for it: it records what the server confirmed and stops.
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.run_id is not None:
            # The end of the run, and its files, go in one last push; its messages are ours.
            subprocess.run(self._argv(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           check=False)


def _register_model(store: Any, run_id: str, name: str, globs: list[str]) -> None:
    from runlab.lifecycle import registry
    from runlab.cli.common import message, warn
    from runlab.errors import RunlabError

    try:
        v = registry.register_matched(store.root, run_id, store.run_dir(run_id), globs, name)
    except RunlabError as e:
        warn(f"--model: {e}")
        return
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
