"""runlab's exceptions and the one map from outcomes to exit codes."""

from __future__ import annotations

import enum


class ExitStatus(enum.IntEnum):
    """Exit codes runlab itself chooses (a tracked run exits with its command's own code)."""

    OK = 0
    ERROR = 1  # runlab's own failure outside a tracked run
    USAGE = 2  # bad command line, bad expression, bad reference
    WRAPPER_ERROR = 125  # runlab's own failure while wrapping a command
    CANNOT_EXECUTE = 126
    NOT_FOUND = 127
    SIGNAL_BASE = 128


class RunlabError(Exception):
    """An error whose message is a sentence for the user."""

    usage = False


class UsageError(RunlabError):
    """The user asked for something malformed."""

    usage = True


class RunNotFound(UsageError):
    """A run reference matched no run."""


class AmbiguousRun(UsageError):
    """A run reference matched more than one run."""


class QueryError(UsageError):
    """A --where expression could not be parsed; carries the column of the fault."""

    def __init__(self, message: str, expression: str = "", column: int = 0) -> None:
        super().__init__(message)
        self.expression = expression
        self.column = column

    def __str__(self) -> str:
        base = super().__str__()
        if not self.expression:
            return base
        return f"{base} (column {self.column + 1})\n  {self.expression}\n  {' ' * self.column}^"


class ConfigError(UsageError):
    """runlab.toml or [tool.runlab] holds an unknown key or a wrong type."""


class StoreError(RunlabError):
    """The store cannot be opened, created or written."""


def exit_code(error: BaseException, *, wrapping: bool = False) -> int:
    """Map an exception that reached the top to runlab's exit code."""
    if isinstance(error, RunlabError) and error.usage:
        return ExitStatus.USAGE
    if isinstance(error, KeyboardInterrupt):
        return ExitStatus.SIGNAL_BASE + 2
    return ExitStatus.WRAPPER_ERROR if wrapping else ExitStatus.ERROR


class MissingExtra(RunlabError, ImportError):
    """A feature needs an optional dependency that is not installed (names the extra)."""
