"""runlab: put it in front of any command and the run is recorded.

`import runlab` stays cheap: it runs inside users' training scripts, so nothing heavy is
imported here; the Python API functions load their module on first use.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any


__version__ = "0.1.0"

_API = (
    "log_metric",
    "log_metrics",
    "log_param",
    "log_params",
    "set_tag",
    "set_tags",
    "log_artifact",
    "start_run",
    "end_run",
    "active_run",
)

_QUERIES = ("runs", "metric_history", "runs_frame")

__all__ = ["__version__", *_API, *_QUERIES]


def __getattr__(name: str) -> Any:
    if name in _API:
        from runlab.record import api

        return getattr(api, name)
    if name in _QUERIES:
        from runlab import queries

        return getattr(queries, name)
    raise AttributeError(f"module 'runlab' has no attribute {name!r}")
