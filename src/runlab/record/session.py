"""`track(request)`: the one entry to a tracked run, for the command line, rerun and sweep.

It merges the request with the settings (runlab.toml): finds and opens the store, chooses
between a pseudo-terminal and pipes, expands a named command ([commands.NAME]), starts the
`--push` child, then records the run (`tracking.record`). It never prints: messages go
through `notify` and `warn`, and the caller renders the returned `Tracked`
(`register_model` then does what `--model` asks of a finished run).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from runlab.errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from runlab.config import Settings
    from runlab.lifecycle.registry import ModelVersion
    from runlab.record.request import RunRequest
    from runlab.record.tracking import RunOptions, Tracked
    from runlab.store import Store


def _quiet(text: str) -> None:
    """Where messages go when the caller takes none."""


def track(request: RunRequest, *, notify: Callable[[str], None] = _quiet,
          warn: Callable[[str], None] = _quiet) -> Tracked:
    """Run the request's command tracked, from the settings to the end event.

    `notify` takes what the user is told on the way (a run's own problems are in the
    result); `warn`, what the store repaired before the run started.
    """
    pending_git = None
    if request.command and request.git:
        # git's work starts first and runs while the rest of runlab loads.
        from runlab.capture.git import start_capture

        pending_git = start_capture(request.cwd or os.getcwd())
    from runlab import config
    from runlab.record import tracking

    if not request.command:
        raise UsageError("no command to run: runlab [RUN OPTIONS] COMMAND [ARGS...]")
    cwd = request.cwd or os.getcwd()
    settings = config.load(cwd)
    store = _open_store(request.store, cwd, settings)
    for problem in dict.fromkeys(store.problems):  # a rebuilt index, a cut-off journal line
        warn(problem)
    store.problems.clear()
    if request.model and not request.artifacts:
        raise UsageError("--model NAME needs -a GLOB naming the model file")
    opts = options(request, settings, cwd)
    pusher = None
    if request.push:
        from runlab.record.push import Pusher

        pusher = Pusher(request.push, store.root)
    try:
        return tracking.record(opts, settings, store, notify=notify, pending_git=pending_git,
                               on_created=pusher.start if pusher else None)
    finally:
        if pusher is not None:
            pusher.finish()


def _open_store(path: str | None, cwd: str, settings: Settings) -> Store:
    """The store named by --store, else RUNLAB_STORE, else the settings', else the default;
    caught up with its journals."""
    from runlab.store import Store, locate

    store = Store(locate(cwd, path, settings=settings))
    store.catch_up()
    return store


def options(request: RunRequest, settings: Settings, cwd: str) -> RunOptions:
    """The request merged with the settings: the options a run is recorded with."""
    from runlab.capture.args import parse_value, secret_patterns
    from runlab.record.tracking import RunOptions

    if request.pty is not None:
        use_pty = request.pty
    elif settings.pty is not None:
        use_pty = settings.pty and os.isatty(1)
    else:
        use_pty = os.isatty(1)
    params = {k: parse_value(v) for k, v in pairs(request.params, "param", True).items()}
    command = list(request.command)
    extra = dict(request.extra)
    hidden = list(request.hidden)
    if request.expand and command[0] in settings.commands:
        from runlab.launch import commands as projects

        named = projects.find(command, settings.commands, cwd,
                              settings.sources.get("commands", "runlab.toml"))
        if named is not None:
            expansion = projects.expand(named, command[1:], secret_patterns(settings))
            command = expansion.argv
            params = {**expansion.params, **params}
            extra.update(expansion.extra)
            hidden = expansion.secrets
    # What a rerun needs that the command line does not show.
    shown = {"metric_pattern": request.metric_patterns, "artifact": request.artifacts}
    kept = {k: list(v) for k, v in shown.items() if v}
    if kept:
        extra.setdefault("options", kept)
    return RunOptions(
        argv=command,
        cwd=cwd,
        name=request.name,
        experiment=request.experiment,
        tags=pairs(request.tags, "tag", False),
        params=params,
        note=request.note,
        metric_patterns=list(request.metric_patterns),
        artifacts=list(request.artifacts),
        git=request.git,
        pty=use_pty,
        quiet=request.quiet,
        system_metrics=request.system_metrics,
        inject=request.inject and settings.inject,
        inputs=request.inputs and settings.inputs,
        extra=extra,
        hidden=hidden,
    )


def pairs(items: list[str], what: str, need_value: bool) -> dict[str, str]:
    """KEY=VALUE words (KEY[=VALUE] unless `need_value`) as a mapping."""
    out: dict[str, str] = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not key or (need_value and not eq):
            form = "KEY=VALUE" if need_value else "KEY[=VALUE]"
            raise UsageError(f"bad {what} {item!r}: use {form}")
        out[key.strip()] = value
    return out


def register_model(tracked: Tracked, request: RunRequest) -> ModelVersion | None:
    """`--model NAME`: register the one file `-a` kept as the model's next version, when the
    run finished (None otherwise); raises RunlabError when it cannot."""
    run, store = tracked.run, tracked.store
    if not request.model or run is None or store is None or run.status != "finished":
        return None
    from runlab.lifecycle import registry

    return registry.register_matched(store.root, run.id, store.run_dir(run.id),
                                     request.artifacts, request.model)

