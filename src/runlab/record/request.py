"""What a tracked run is asked to do: the typed request `session.track` takes.

The command line (`runlab COMMAND`, `runlab run`), `rerun` and `sweep`'s trials all make one;
settings (runlab.toml) are merged in later, by `session.track`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any


@dataclass
class RunRequest:
    """A command to run tracked and how, as asked (before settings are merged in)."""

    command: list[str]
    cwd: str | None = None  # where to run it (default: here)
    name: str | None = None
    experiment: str | None = None
    tags: list[str] = field(default_factory=list)  # KEY[=VALUE]
    params: list[str] = field(default_factory=list)  # KEY=VALUE, set explicitly
    note: str | None = None
    metric_patterns: list[str] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)  # globs of files to keep
    model: str | None = None  # register the one file `artifacts` matched under this name
    store: str | None = None  # the store directory (default: found from `cwd`)
    git: bool = True  # capture the git state
    pty: bool | None = None  # a pseudo-terminal; None: settings, else whether stdout is one
    quiet: bool = False  # record the output without echoing it
    system_metrics: bool = True
    inject: bool = True  # hook a Python command at start-up
    inputs: bool = True  # fingerprint the files the arguments name
    push: str | None = None  # an MLflow tracking URI to push the run to as it goes
    expand: bool = True  # a first word naming a configured command ([commands.NAME]) expands
    extra: dict[str, Any] = field(default_factory=dict)  # more start-event fields (rerun's)
    hidden: list[str] = field(default_factory=list)  # secret words of the command (rerun's)
