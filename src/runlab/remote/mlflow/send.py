"""Sending plans: runs in flight at once, each run's requests, and the push events recorded
for what the server confirmed."""

from __future__ import annotations

import collections
import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from runlab.errors import UsageError
from runlab.remote.mlflow.client import (
    MAX_ENTITIES,
    MAX_METRICS,
    MAX_PARAMS,
    MAX_REQUEST_BYTES,
    MAX_TAGS,
    MlflowClient,
    MlflowError,
    MlflowRejected,
    MlflowUnavailable,
)
from runlab.remote.mlflow.plan import RunPlan, local_files, millis, param_mark, plan_run
from runlab.remote.mlflow.state import remote_state
from runlab.store import events as kinds
from runlab.store.journal import Event
from runlab.store.records import Run, json_number
from runlab.store.store import Store


@dataclass
class RunResult:
    """What one push did (or, dry, would do) for one run."""

    run_id: str
    number: int
    name: str | None
    experiment: str
    mlflow_run_id: str | None = None
    created: bool = False  # a new MLflow run (or, dry, would be)
    found: bool = False  # on the server already, but not in the journal: adopted
    unchanged: bool = False
    params: int = 0
    points: int = 0
    points_planned: int = 0
    tags: int = 0
    untags: int = 0
    artifacts: int = 0
    artifacts_planned: int = 0
    status: str | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    unreachable: bool = False  # the error was the server going away: the push stops
    stopped: bool = False  # cut short by Ctrl-C or by another run's unreachable server

    @property
    def label(self) -> str:
        return f"run {self.number}" + (f" ({self.name})" if self.name else "")

    def progress(self) -> str:
        """How far a push got, for an error message."""
        if self.mlflow_run_id is None:
            return "nothing sent"
        done = [f"{'created' if self.created else 'updating'} MLflow run {self.mlflow_run_id}",
                f"sent {self.points:,} of {self.points_planned:,} points"]
        if self.artifacts_planned:
            done.append(f"{self.artifacts} of {self.artifacts_planned} files")
        return ", ".join(done)


@dataclass
class PushReport:
    """What a push did: one result per run, in order; `aborted` when the server went away."""

    uri: str
    dry_run: bool = False
    results: list[RunResult] = field(default_factory=list)
    aborted: bool = False
    not_tried: int = 0

    @property
    def new(self) -> int:
        return sum(1 for r in self.results if r.created and not r.error)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.results if not (r.created or r.unchanged or r.error))

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.results if r.unchanged)

    @property
    def points(self) -> int:
        return sum(r.points for r in self.results)

    @property
    def failed(self) -> list[RunResult]:
        return [r for r in self.results if r.error]

    def merge(self, other: PushReport) -> None:
        self.results.extend(other.results)
        self.aborted = self.aborted or other.aborted
        self.not_tried += other.not_tried


Progress = Callable[[int, int, RunResult], None]
# Runs in flight at once. Over a 20 ms round trip, 200 runs took 12 s instead of 35 s; to a
# server on the same 2-core machine it made no difference either way.
JOBS = 4


def push(store: Store, runs: Sequence[Run], uri: str | None = None, *,
         client: MlflowClient | None = None, experiment: str | None = None,
         dry_run: bool = False, artifacts: bool = True, jobs: int = JOBS,
         progress: Progress | None = None) -> PushReport:
    """Send runs to the MLflow server at `uri` (or through `client`); returns what happened.

    Only what the server does not hold yet is sent. `experiment` names the MLflow experiment
    of runs pushed for the first time (default: each run's own). `dry_run` plans without any
    request. `artifacts=False` leaves files for a later push (`--watch` while a run runs).
    A run the server refuses is reported and the push goes on; a server that cannot be
    reached ends the push (`aborted`). `jobs` runs are sent at once by worker threads that
    only speak HTTP: this thread reads the store and writes each run's push event, also when
    a KeyboardInterrupt stops the push (what the server confirmed is kept, then it re-raises).
    """
    if client is None:
        if uri is None:
            raise UsageError("no MLflow server: pass --mlflow URI or set MLFLOW_TRACKING_URI")
        client = MlflowClient.from_env(uri)
    report = PushReport(client.uri, dry_run)
    shared = _Shared()
    todo = iter(runs)
    window: collections.deque[tuple[Run, RunResult | Future[tuple[RunResult, Event | None]]]]
    window = collections.deque()

    def fill() -> None:
        while len(window) < 2 * max(1, jobs) and not shared.stop.is_set():
            run = next(todo, None)
            if run is None:
                return
            prepared = _prepare(store, client, run, experiment, artifacts, dry_run, shared)
            window.append((run, prepared if isinstance(prepared, RunResult)
                           else pool.submit(prepared.send_all)))

    def record(run: Run, event: Event | None) -> None:
        if event is not None:
            store.append(run.id, [event])

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        try:
            fill()
            done = 0
            while window:
                run, item = window[0]
                result, event = (item, None) if isinstance(item, RunResult) else item.result()
                window.popleft()
                record(run, event)
                if event is None and (result.stopped or (report.aborted and result.unreachable)):
                    report.not_tried += 1  # nothing sent: the server had gone away already
                    continue
                report.results.append(result)
                done += 1
                if progress is not None:
                    progress(done, len(runs), result)
                if result.unreachable:
                    report.aborted = True
                    shared.stop.set()
                fill()
            report.not_tried += sum(1 for _ in todo) if report.aborted else 0
        except BaseException:
            # Ctrl-C (or a bug): stop the workers at their next request, keep what they sent.
            shared.stop.set()
            for run, item in window:
                if isinstance(item, Future) and not item.cancel():
                    with contextlib.suppress(Exception):
                        record(run, item.result()[1])
            raise
    return report


class _Stopped(Exception):
    """The push was stopped (Ctrl-C, or the server went away while sending another run)."""


@dataclass
class _Shared:
    """What the worker threads of one push share."""

    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    experiments: dict[str, tuple[str, bool]] = field(default_factory=dict)
    # Whether the server lost runs it had (reset, a new database): None until checked, with
    # one call about the first run pushed to it before; True: every such run is checked.
    reset: bool | None = None


def _prepare(store: Store, client: MlflowClient, run: Run, experiment: str | None,
             artifacts: bool, dry_run: bool, shared: _Shared) -> RunResult | _Sender:
    """Read the run and plan it (here, not in a worker: only this thread reads the store);
    a result when there is nothing to send, else the sender that will send it."""
    state = remote_state(store.events(run.id), client.uri)
    files = local_files(store.run_dir(run.id)) if artifacts else []
    series = store.series(run.id)
    plan = plan_run(run, series, files, state, experiment or run.experiment)
    if plan.empty and state is not None and not dry_run and shared.reset is not False:
        # Up to date by the local record, which the server may have lost since (a reset, a
        # new database). One call about the first such run tells; if it was lost, each one
        # is asked about. A run with something to send finds out as it sends (`send_all`).
        try:
            held = client.holds_run(state.mlflow_run_id)
        except MlflowError as e:
            failed = RunResult(run.id, run.number, run.name, plan.experiment,
                               state.mlflow_run_id)
            failed.error = f"{failed.label}: nothing sent; then: {e}"
            failed.unreachable = isinstance(e, MlflowUnavailable)
            return failed
        if shared.reset is None:
            shared.reset = not held
        if not held:
            state = None
            plan = plan_run(run, series, files, None, experiment or run.experiment)
    result = RunResult(run.id, run.number, run.name, plan.experiment,
                       None if state is None else state.mlflow_run_id, created=plan.new,
                       warnings=list(plan.warnings))
    if plan.empty:
        result.unchanged = True
        return result
    if dry_run:
        result.params, result.points, result.points_planned = \
            len(plan.params), len(plan.metrics), len(plan.metrics)
        result.tags, result.untags, result.status = len(plan.tags), len(plan.untags), plan.status
        result.artifacts = result.artifacts_planned = len(plan.artifacts)
        return result

    def afresh() -> RunPlan:
        return plan_run(run, series, files, None, experiment or run.experiment)

    return _Sender(client, plan, result, shared, afresh)


class _Confirmed:
    """What the server confirmed of one push: the push event to record in the run's journal
    (the one place that builds it)."""

    def __init__(self, uri: str, plan: RunPlan) -> None:
        self.event: Event = kinds.push(uri)
        self.any = False
        self.held_points = plan.state.metrics if plan.state else {}

    def run(self, run_id: str, experiment_id: str) -> None:
        """The MLflow run the push goes to, already on the server: not a change by itself."""
        self.event.update(mlflow_run_id=run_id, experiment_id=experiment_id)

    def keys(self, keys: dict[str, dict[str, str]]) -> None:
        self.event["keys"] = keys  # recorded with the first confirmed change

    def add(self, field_: str, value: Any) -> None:
        if isinstance(value, dict):
            self.event.setdefault(field_, {}).update(value)
        elif isinstance(value, list):
            self.event.setdefault(field_, []).extend(value)
        else:
            self.event[field_] = value
        self.any = True

    def add_points(self, keys: Sequence[str]) -> None:
        """Points sent, one runlab key each: the cumulative count per key, and this push's."""
        counts = self.event.setdefault("metrics", {})
        for key in keys:
            counts[key] = counts.get(key, self.held_points.get(key, 0)) + 1
        self.event["points"] = self.event.get("points", 0) + len(keys)
        self.any = True

    def finished(self) -> Event | None:
        """The event to append, or None when nothing was confirmed."""
        if not self.any or "mlflow_run_id" not in self.event:
            return None
        self.event["t"] = time.time()
        return self.event


class _Sender:
    """Sends one plan (in a worker thread), counting in its result what was sent."""

    def __init__(self, client: MlflowClient, plan: RunPlan, result: RunResult, shared: _Shared,
                 afresh: Callable[[], RunPlan]) -> None:
        self.client = client
        self.plan = plan
        self.result = result
        self.shared = shared
        self.afresh = afresh
        self.confirmed = _Confirmed(client.uri, plan)
        self.tags_sent: set[str] = set()
        result.points_planned = len(plan.metrics)
        result.artifacts_planned = len(plan.artifacts)

    def send_all(self) -> tuple[RunResult, Event | None]:
        """Send the plan; returns the result and the push event to record (None: nothing
        was confirmed). Never raises for the server's sake: errors go into the result."""
        result = self.result
        try:
            try:
                self.send()
            except MlflowRejected as e:
                if self.plan.state is None or e.code != "RESOURCE_DOES_NOT_EXIST" or self.confirmed.any:
                    raise
                # The server lost the run (deleted for good, a new database): push it afresh.
                self.plan = self.afresh()
                self.confirmed = _Confirmed(self.client.uri, self.plan)
                result.created, result.mlflow_run_id = True, None
                result.points_planned = len(self.plan.metrics)
                result.artifacts_planned = len(self.plan.artifacts)
                self.send()
        except MlflowError as e:
            result.error = f"{result.label}: {result.progress()}; then: {e}"
            result.unreachable = isinstance(e, MlflowUnavailable)
        except _Stopped:
            result.stopped = True
            result.error = f"{result.label}: {result.progress()}; then: stopped"
        return result, self.confirmed.finished()

    def check(self) -> None:
        if self.shared.stop.is_set():
            raise _Stopped

    def send(self) -> None:
        plan, client, state = self.plan, self.client, self.plan.state
        self.check()
        if state is None:
            run_id, experiment_id, artifact_uri = self.create()
        else:
            run_id, experiment_id = state.mlflow_run_id, state.experiment_id
            artifact_uri = state.artifact_uri
            self.confirmed.run(run_id, experiment_id)
        self.result.mlflow_run_id = run_id
        if plan.keys:
            self.confirmed.keys(plan.keys)
        for key in plan.untags:
            self.check()
            client.delete_tag(run_id, key)
            self.confirmed.add("untags", [key])
            self.result.untags += 1
        for batch in _batches(plan, skip_tags=self.tags_sent):
            self.check()
            client.log_batch(run_id, metrics=batch.metrics, params=batch.params, tags=batch.tags)
            self.confirm_batch(batch)
        for path, local, sig in plan.artifacts:
            self.check()
            if artifact_uri is None:
                artifact_uri = str(client.get_run(run_id)["info"]["artifact_uri"])
                self.confirmed.add("artifact_uri", artifact_uri)
            client.upload_artifact(artifact_uri, path, local)
            self.confirmed.add("artifacts", {path: sig})
            self.result.artifacts += 1
        if plan.status is not None:
            self.check()
            held = client.update_run(run_id, plan.status, plan.end_ms)
            if held != plan.status:
                raise MlflowError(f"the server did not take the status {plan.status} "
                                  f"(it holds {held})")
            self.confirmed.add("status", held)
            self.result.status = held

    def create(self) -> tuple[str, str, str | None]:
        """Find the run on the server by its runlab id, else create it (with its tags)."""
        plan, client = self.plan, self.client
        with self.shared.lock:
            known = self.shared.experiments.get(plan.experiment)
            if known is None:
                known = client.experiment_id(plan.experiment)
                self.shared.experiments[plan.experiment] = known
        experiment_id, fresh = known
        # An experiment made by this push holds none of the runs yet: no need to look.
        info = None if fresh else client.find_run(experiment_id, "runlab.id", plan.run.id)
        tags: dict[str, str] = {}
        if info is not None:
            self.result.found = True
        else:
            tags = _first_tags(plan.tags)
            info = self._create_once(experiment_id, tags)
        run_id = str(info["run_id"])
        artifact_uri = info.get("artifact_uri")
        self.confirmed.add("mlflow_run_id", run_id)
        self.confirmed.add("experiment_id", experiment_id)
        if artifact_uri:
            self.confirmed.add("artifact_uri", artifact_uri)
        if tags:
            self.confirmed.add("tags", tags)
            self.tags_sent.update(tags)
            self.result.tags += len(tags)
        return run_id, experiment_id, artifact_uri

    def _create_once(self, experiment_id: str, tags: dict[str, str]) -> dict[str, Any]:
        """runs/create is not idempotent: after a failed try, look before trying again."""
        run, client = self.plan.run, self.client
        for attempt in range(client.retries + 1):
            try:
                return client.create_run(
                    experiment_id, name=run.name or f"runlab-{run.number}",
                    start_ms=millis(run.started_at), user=run.user, tags=tags, retry=False)
            except MlflowUnavailable:
                if attempt == client.retries:
                    raise
                client.sleep(client.backoff * 2 ** attempt)
                found = client.find_run(experiment_id, "runlab.id", run.id)
                if found is not None:
                    return found
        raise AssertionError("unreachable")

    def confirm_batch(self, batch: _Batch) -> None:
        if batch.params:
            self.confirmed.add("params", {k: param_mark(v) for k, (_, v) in batch.param_items})
            self.result.params += len(batch.params)
        if batch.tags:
            self.confirmed.add("tags", {t["key"]: t["value"] for t in batch.tags})
            self.result.tags += len(batch.tags)
        if batch.metrics:
            self.confirmed.add_points(batch.metric_keys)
            self.result.points += len(batch.metrics)


@dataclass
class _Batch:
    params: list[dict[str, str]] = field(default_factory=list)
    param_items: list[tuple[str, tuple[str, str]]] = field(default_factory=list)
    tags: list[dict[str, str]] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    metric_keys: list[str] = field(default_factory=list)
    size: int = 100

    def fits(self, kind: str, size: int) -> bool:
        count = len(getattr(self, kind))
        limit = {"params": MAX_PARAMS, "tags": MAX_TAGS, "metrics": MAX_METRICS}[kind]
        total = len(self.params) + len(self.tags) + len(self.metrics)
        return count < limit and total < MAX_ENTITIES and self.size + size <= MAX_REQUEST_BYTES


def _entity_size(item: Mapping[str, Any]) -> int:
    return len(json.dumps(item, ensure_ascii=False).encode()) + 2


def _first_tags(tags: Mapping[str, str]) -> dict[str, str]:
    """The tags that fit in runs/create (the same limits as a batch); `runlab.id` first."""
    first: dict[str, str] = {}
    size = 200
    for key in sorted(tags, key=lambda k: k != "runlab.id"):
        item = {"key": key, "value": tags[key]}
        if len(first) == MAX_TAGS or size + _entity_size(item) > MAX_REQUEST_BYTES:
            break
        first[key] = tags[key]
        size += _entity_size(item)
    return first


def _batches(plan: RunPlan, skip_tags: set[str] | None = None) -> Iterable[_Batch]:
    """runs/log-batch requests within the server's limits: params, then tags, then points."""
    batch = _Batch()
    entity_size = _entity_size
    items: list[tuple[str, Any, Any]] = []
    items += [("params", {"key": k, "value": v}, (rk, (k, v))) for rk, (k, v) in plan.params.items()]
    items += [("tags", {"key": k, "value": v}, None) for k, v in plan.tags.items()
              if k not in (skip_tags or ())]
    items += [("metrics", {"key": mk, "value": json_number(p.value),
                           "timestamp": millis(p.time), "step": int(p.step or 0)}, rk)
              for rk, mk, p in plan.metrics]
    for kind, item, extra in items:
        size = entity_size(item)
        if not batch.fits(kind, size) and (batch.params or batch.tags or batch.metrics):
            yield batch
            batch = _Batch()
        getattr(batch, kind).append(item)
        batch.size += size
        if kind == "params":
            batch.param_items.append(extra)
        elif kind == "metrics":
            batch.metric_keys.append(extra)
    if batch.params or batch.tags or batch.metrics:
        yield batch

