"""Pushing runs to an MLflow tracking server over its REST API (standard library HTTP only).

`push(store, runs, uri)` sends each runlab run as one MLflow run: start and end time, status,
params, every metric point with its step and timestamp, tags (runlab's own under `runlab.*`,
plus the `mlflow.*` system tags MLflow's own client writes, so its UI shows runlab's runs like
its own), and the run's files through the server's artifact proxy.

What a server holds of a run is recorded in the run's journal as `push` events, one per push
that sent something, keyed by the server's URI (without any credentials):

    {"e": "push", "t": ..., "uri": "http://host:5000", "mlflow_run_id": "...",
     "experiment_id": "1", "points": 300, "metrics": {"loss": 100, ...},
     "params": {"lr": "0.01"}, "tags": {"runlab.status": "finished", ...}, "untags": [...],
     "status": "FINISHED", "artifacts": {"runlab/output.log": [size, mtime_ns]},
     "keys": {"metrics": {"valid_0's l2": "valid_0_s l2"}}}

Events are deltas: `metrics` holds the cumulative count of points sent per key, `points` the
number this push sent, `keys` the runlab keys renamed to fit MLflow's rules (kept stable from
then on). Folding them gives what is on the server, so pushing again sends only what is new,
and removes remotely the tags removed locally. An event is written only for what the server
confirmed, also when a push fails halfway; nothing else in the store changes. A run that is
on the server but not in the journal (a push cut off before its event was written) is found
again by its `runlab.id` tag instead of being created twice; identical metric points sent
twice are stored once by MLflow, so re-sending is safe.

Decisions (also in the README): params are sent as `str(value)` like `mlflow.log_param`
(lists and dicts as JSON); a param changed after it was pushed is left as pushed (MLflow
refuses to change a param) with a warning; runlab's own files go under `runlab/`
(`runlab/output.log`, `runlab/code.patch`, `runlab/source/...`), the run's `artifacts/` files
at the root of the MLflow run's artifacts; `lost` runs become FAILED; a running run stays
RUNNING until a later push sends its end.

The package, in the order a push goes: `client` (the REST API, its limits and errors), `state`
(what the server holds, from the journal), `keys` (MLflow's naming rules), `plan` (what to
send), `send` (sending, and recording what was confirmed), `watch` (pushing until runs end).
"""

from runlab.remote.mlflow.client import (
    MAX_ENTITIES,
    MAX_KEY,
    MAX_METRICS,
    MAX_PARAM_VALUE,
    MAX_PARAMS,
    MAX_REQUEST_BYTES,
    MAX_TAG_VALUE,
    MAX_TAGS,
    MlflowClient,
    MlflowError,
    MlflowRejected,
    MlflowUnavailable,
    proxy_root,
)
from runlab.remote.mlflow.keys import assign_keys, sanitize_key
from runlab.remote.mlflow.plan import (
    RunPlan,
    local_files,
    param_mark,
    param_text,
    plan_run,
    run_tags,
)
from runlab.remote.mlflow.send import JOBS, Progress, PushReport, RunResult, push
from runlab.remote.mlflow.state import Remote, remote_state
from runlab.remote.mlflow.watch import watch

__all__ = [
    "JOBS",
    "MAX_ENTITIES",
    "MAX_KEY",
    "MAX_METRICS",
    "MAX_PARAMS",
    "MAX_PARAM_VALUE",
    "MAX_REQUEST_BYTES",
    "MAX_TAGS",
    "MAX_TAG_VALUE",
    "MlflowClient",
    "MlflowError",
    "MlflowRejected",
    "MlflowUnavailable",
    "Progress",
    "PushReport",
    "Remote",
    "RunPlan",
    "RunResult",
    "assign_keys",
    "local_files",
    "param_mark",
    "param_text",
    "plan_run",
    "proxy_root",
    "push",
    "remote_state",
    "run_tags",
    "sanitize_key",
    "watch",
]
