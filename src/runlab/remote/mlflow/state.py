"""What an MLflow server holds of a run: the run's push events, folded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from runlab.store.journal import Event


@dataclass
class Remote:
    """What an MLflow server holds of one run, folded from the run's push events."""

    mlflow_run_id: str
    experiment_id: str
    artifact_uri: str | None = None
    metrics: dict[str, int] = field(default_factory=dict)  # runlab key: points sent
    params: dict[str, str] = field(default_factory=dict)  # runlab key: param_mark(value sent)
    tags: dict[str, str] = field(default_factory=dict)  # MLflow key: value sent
    status: str = "RUNNING"
    artifacts: dict[str, list[int]] = field(default_factory=dict)  # path: [size, mtime_ns]
    keys: dict[str, dict[str, str]] = field(default_factory=dict)  # kind: {runlab: MLflow key}

    def apply(self, event: Event) -> None:
        self.artifact_uri = event.get("artifact_uri") or self.artifact_uri
        self.metrics.update(event.get("metrics") or {})
        self.params.update(event.get("params") or {})
        self.tags.update(event.get("tags") or {})
        for key in event.get("untags") or []:
            self.tags.pop(key, None)
        self.status = event.get("status") or self.status
        self.artifacts.update(event.get("artifacts") or {})
        for kind, mapping in (event.get("keys") or {}).items():
            self.keys.setdefault(kind, {}).update(mapping)


def remote_state(events: Iterable[Event], uri: str) -> Remote | None:
    """What the server at `uri` holds of a run, from its journal; None when never pushed."""
    state: Remote | None = None
    for event in events:
        if event.get("e") != "push" or event.get("uri") != uri:
            continue
        run_id = str(event.get("mlflow_run_id"))
        if state is None or run_id != state.mlflow_run_id:
            state = Remote(run_id, str(event.get("experiment_id")))  # pushed afresh
        state.apply(event)
    return state

