"""Pushing to MLflow: against a real `mlflow server` (SQLite backend, local artifacts, a free
port on 127.0.0.1), checked through MLflow's own REST API; the client's transport against a
small stub server; keys and batches as plain functions.

MLflow is large, so it lives in its own virtualenv, made by `.ci/run`, which exports
RUNLAB_TEST_MLFLOW (the path of its `mlflow` executable). Without it the tests that need the
server skip, saying so; the others run everywhere.
"""

from __future__ import annotations

import base64
import json
import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from runlab.errors import UsageError
from runlab.store import Store
from runlab.store.selection import RunQuery
from runlab.remote import mlflow
from runlab.remote.mlflow import (
    MAX_ENTITIES,
    MAX_KEY,
    MAX_METRICS,
    MAX_PARAMS,
    MAX_REQUEST_BYTES,
    MAX_TAGS,
    MlflowClient,
    MlflowRejected,
    MlflowUnavailable,
    push,
    remote_state,
    sanitize_key,
    send,
)
from tests.conftest import Result

MLFLOW = os.environ.get("RUNLAB_TEST_MLFLOW", "")
needs_mlflow = pytest.mark.skipif(
    not (MLFLOW and os.access(MLFLOW, os.X_OK)),
    reason="no MLflow server to test against: set RUNLAB_TEST_MLFLOW to an `mlflow` executable "
           "(.ci/run installs one into its own virtualenv and sets it)")


# -- a real MLflow server ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running `mlflow server`, and MLflow's REST API to read back what arrived."""

    uri: str
    process: subprocess.Popen[bytes]
    log: Path

    def get(self, endpoint: str, **query: Any) -> dict[str, Any]:
        url = f"{self.uri}/api/2.0/mlflow/{endpoint}?{urllib.parse.urlencode(query)}"
        with urllib.request.urlopen(url, timeout=30) as r:
            return json.loads(r.read())  # type: ignore[no-any-return]

    def post(self, endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
        req = urllib.request.Request(f"{self.uri}/api/2.0/mlflow/{endpoint}",
                                     data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())  # type: ignore[no-any-return]

    def experiment(self, name: str) -> str | None:
        try:
            return str(self.get("experiments/get-by-name", experiment_name=name)
                       ["experiment"]["experiment_id"])
        except urllib.error.HTTPError as e:
            if e.code == 404:
                return None
            raise

    def runs(self, experiment: str) -> list[dict[str, Any]]:
        exp = self.experiment(experiment)
        if exp is None:
            return []
        out: list[dict[str, Any]] = []
        token = None
        while True:
            body: dict[str, Any] = {"experiment_ids": [exp], "max_results": 1000}
            if token:
                body["page_token"] = token
            got = self.post("runs/search", body)
            out += got.get("runs", [])
            token = got.get("next_page_token")
            if not token:
                return out

    def run(self, run_id: str) -> dict[str, Any]:
        return self.get("runs/get", run_id=run_id)["run"]  # type: ignore[no-any-return]

    def history(self, run_id: str, key: str) -> list[tuple[int, Any, int]]:
        got = self.get("metrics/get-history", run_id=run_id, metric_key=key)
        assert not got.get("next_page_token")
        return sorted((m.get("step", 0), m["value"], m["timestamp"])
                      for m in got.get("metrics", []))

    def artifact(self, run: dict[str, Any], path: str) -> bytes:
        root = run["info"]["artifact_uri"].split(":", 1)[1].strip("/")
        url = f"{self.uri}/api/2.0/mlflow-artifacts/artifacts/{root}/{urllib.parse.quote(path)}"
        with urllib.request.urlopen(url, timeout=30) as r:
            return bytes(r.read())

    def artifact_paths(self, run_id: str, path: str = "") -> list[str]:
        got = self.get("artifacts/list", run_id=run_id, **({"path": path} if path else {}))
        out: list[str] = []
        for f in got.get("files", []):
            out += self.artifact_paths(run_id, f["path"]) if f["is_dir"] else [f["path"]]
        return sorted(out)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the group this server started
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(20)


def start_server(root: Path, port: int | None = None) -> Server:
    """Start `mlflow server` on `port` (else a free one) and wait until it answers /health."""
    root.mkdir(parents=True, exist_ok=True)
    port = port or _free_port()
    log = root / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [MLFLOW, "server", "--backend-store-uri", f"sqlite:///{root / 'mlflow.db'}",
             "--artifacts-destination", str(root / "artifacts"), "--host", "127.0.0.1",
             "--port", str(port), "--workers", "1"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=root,
            start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"mlflow server exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{server.uri}/health", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)  # polling for readiness, against the deadline above
    server.stop()
    pytest.fail(f"mlflow server not ready within 180 s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not (MLFLOW and os.access(MLFLOW, os.X_OK)):
        pytest.skip("no MLflow server to test against: set RUNLAB_TEST_MLFLOW")
    s = start_server(tmp_path_factory.mktemp("mlflow"))
    yield s
    s.stop()


@pytest.fixture
def client(server: Server) -> MlflowClient:
    return MlflowClient(server.uri, retries=1, backoff=0.01)


_experiments = iter(range(1_000_000))


@pytest.fixture
def experiment() -> str:
    """A fresh experiment name per test: the server is shared by the whole session."""
    return f"test-{os.getpid()}-{next(_experiments)}"


# -- runs to push -------------------------------------------------------------------------------


def make_run(store: Store, name: str | None = None, *, status: str | None = "finished",
             points: int = 30, params: dict[str, Any] | None = None,
             tags: dict[str, str] | None = None, **start: Any) -> str:
    """A run as a tracked run leaves it: start, metrics, log, patch, artifacts, end."""
    t0 = 1_700_000_000.0 + len(os.listdir(store.runs_dir)) * 100
    event = {
        "name": name, "command": ["python", "train.py", "--lr", "0.01"], "cwd": "/work/proj",
        "t": t0, "user": "ada", "author": "Ada Lovelace <ada@example.com>", "host": "box",
        "python": "3.11.7", "source": {"path": "train.py", "sha256": "0" * 64},
        "git": {"commit": "a" * 40, "branch": "main", "dirty": True,
                "remote": "https://example.com/ada/proj.git"},
        "params": {"lr": 0.01, "epochs": 3, "flag": True, "opt": "adam", "none": None,
                   "layers": [64, 32]} if params is None else params,
        "tags": {"sweep": "a", "best": ""} if tags is None else tags,
        "note": "first try",
        **start,
    }
    run_id, _ = store.create_run(event)
    pts = [[key, (1.0 / (i + 1)) if key == "loss" else i / points, i, t0 + 1 + i * 0.25]
           for i in range(points) for key in ("loss", "acc")]
    if pts:
        store.append(run_id, [{"e": "metrics", "p": pts}])
    run_dir = Path(store.run_dir(run_id))
    (run_dir / "output.log").write_bytes(b"epoch 1 loss=0.5\r\x1b[32mdone\x1b[0m\n\xff\xfe")
    (run_dir / "code.patch").write_text("--- a/train.py\n+++ b/train.py\n")
    (run_dir / "artifacts" / "ckpt").mkdir(parents=True)
    (run_dir / "artifacts" / "ckpt" / "model.bin").write_bytes(bytes(range(256)) * 4)
    if status is not None:
        store.append(run_id, [{"e": "end", "t": t0 + 50, "status": status,
                               "exit_code": 0 if status == "finished" else 1}])
    return run_id


def remote_run(server: Server, experiment: str, run_id: str) -> dict[str, Any]:
    found = [r for r in server.runs(experiment)
             if {"key": "runlab.id", "value": run_id} in r["data"].get("tags", [])]
    assert len(found) == 1, f"{len(found)} MLflow runs for runlab run {run_id}"
    return server.run(found[0]["info"]["run_id"])


def as_dict(pairs: list[dict[str, str]]) -> dict[str, str]:
    return {p["key"]: p["value"] for p in pairs}


def expected_value(value: float) -> Any:
    """A value as MLflow's SQL store gives it back: NaN as "NaN", infinities as ±max float."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return math.copysign(sys.float_info.max, value)
    return value


def assert_same_series(server: Server, store: Store, run_id: str, mlflow_id: str) -> None:
    for key, points in store.series(run_id).items():
        local = sorted((p.step, expected_value(p.value), round(p.time * 1000)) for p in points)
        assert server.history(mlflow_id, sanitize_key(key)) == local, key


def journal_bytes(store: Store, run_id: str) -> bytes:
    return Path(store.journal_path(run_id)).read_bytes()


# -- what arrives -------------------------------------------------------------------------------


@needs_mlflow
def test_push_sends_everything_runlab_holds(store: Store, server: Server, client: MlflowClient,
                                            experiment: str) -> None:
    done = make_run(store, "baseline", points=700)  # 1,400 points: two batches
    store.append(done, [{"e": "metrics", "p": [["odd", math.nan, 0, 1_700_000_002.5],
                                               ["odd", math.inf, 1, 1_700_000_003.0],
                                               ["odd", -math.inf, 2, 1_700_000_003.5]]}])
    failed = make_run(store, None, status="failed", tags={})
    killed = make_run(store, "stopped", status="killed")
    lost = make_run(store, "lost one", status="lost")
    running = make_run(store, "live", status=None)
    runs = store.list_runs(RunQuery(sort=["number"]))
    report = push(store, runs, client=client, experiment=experiment)

    assert not report.failed and not report.aborted
    assert report.new == 5 and report.updated == 0
    assert report.points == sum(len(p) for r in runs for p in store.series(r.id).values())
    assert len(server.runs(experiment)) == 5
    statuses = {done: "FINISHED", failed: "FAILED", killed: "KILLED", lost: "FAILED",
                running: "RUNNING"}
    for run in runs:
        remote = remote_run(server, experiment, run.id)
        info, data = remote["info"], remote["data"]
        assert info["status"] == statuses[run.id]
        assert info["start_time"] == round(run.started_at * 1000)
        if run.ended_at is None:
            assert "end_time" not in info
        else:
            assert info["end_time"] == round(run.ended_at * 1000)
        assert info["run_name"] == (run.name or f"runlab-{run.number}")
        # (a running run's params and command wait for its end: its parser may still hide
        # a word of its command line)
        ended = run.id != running
        assert as_dict(data.get("params", [])) == {k: mlflow.param_text(v)
                                                   for k, v in run.params.items() if ended}
        tags = as_dict(data["tags"])
        assert {k: tags.get(k) for k in run.tags} == run.tags
        assert tags["runlab.id"] == run.id
        assert tags["runlab.number"] == str(run.number)
        assert tags["runlab.status"] == run.status
        assert tags.get("runlab.command") == ("python train.py --lr 0.01" if ended else None)
        assert tags["runlab.host"] == "box"
        assert tags.get("runlab.exit_code") == (None if run.exit_code is None
                                                else str(run.exit_code))
        assert tags["mlflow.runName"] == info["run_name"]
        assert tags["mlflow.user"] == "ada"
        assert tags["mlflow.source.name"] == "train.py"
        assert tags["mlflow.source.type"] == "LOCAL"
        assert tags["mlflow.source.git.commit"] == "a" * 40
        assert tags["mlflow.source.git.branch"] == "main"
        assert tags["mlflow.source.git.repoURL"] == "https://example.com/ada/proj.git"
        assert tags["mlflow.note.content"] == "first try"
        assert_same_series(server, store, run.id, info["run_id"])
        assert server.artifact_paths(info["run_id"]) == \
            ["ckpt/model.bin", "runlab/code.patch", "runlab/output.log"]
        assert server.artifact(remote, "runlab/output.log") == \
            Path(store.output_path(run.id)).read_bytes()
        assert server.artifact(remote, "ckpt/model.bin") == bytes(range(256)) * 4
        state = remote_state(store.events(run.id), client.uri)
        assert state is not None and state.mlflow_run_id == info["run_id"]


@needs_mlflow
def test_nan_metric_arrives_as_nan(store: Store, server: Server, client: MlflowClient,
                                   experiment: str) -> None:
    run_id = make_run(store, points=0)
    store.append(run_id, [{"e": "metrics", "p": [["loss", math.nan, 0, 1_700_000_001.0],
                                                 ["loss", 0.5, 1, 1_700_000_002.0]]}])
    push(store, [store.get(run_id)], client=client, experiment=experiment)
    mlflow_id = remote_run(server, experiment, run_id)["info"]["run_id"]
    assert server.history(mlflow_id, "loss") == [(0, "NaN", 1_700_000_001_000),
                                                 (1, 0.5, 1_700_000_002_000)]


@needs_mlflow
def test_an_over_long_param_is_cut_with_a_tag(store: Store, server: Server,
                                              client: MlflowClient, experiment: str) -> None:
    long = "x" * 7000
    run_id = make_run(store, params={"prompt": long, "lr": 0.1})
    push(store, [store.get(run_id)], client=client, experiment=experiment)
    remote = remote_run(server, experiment, run_id)
    params, tags = as_dict(remote["data"]["params"]), as_dict(remote["data"]["tags"])
    assert params["prompt"] == long[:6000]
    assert tags["runlab.truncated.prompt"] == "cut from 7000 to 6000 characters"
    # The next push sees nothing changed, and does not try to change the param.
    again = push(store, [store.get(run_id)], client=client)
    assert again.unchanged == 1 and not again.results[0].warnings


@needs_mlflow
def test_keys_mlflow_refuses_are_renamed_and_remembered(store: Store, server: Server,
                                                        client: MlflowClient,
                                                        experiment: str) -> None:
    run_id = make_run(store, points=0, params={"a//b": 1, "a_b": 2}, tags={"what?": "x"})
    store.append(run_id, [{"e": "metrics", "p": [["valid_0's l2", 0.3, 1, 1_700_000_001.0]]}])
    push(store, [store.get(run_id)], client=client, experiment=experiment)
    remote = remote_run(server, experiment, run_id)
    assert as_dict(remote["data"]["params"]) == {"a/b": "1", "a_b": "2"}
    assert as_dict(remote["data"]["tags"])["what_"] == "x"
    assert server.history(remote["info"]["run_id"], "valid_0_s l2") == \
        [(1, 0.3, 1_700_000_001_000)]
    state = remote_state(store.events(run_id), client.uri)
    assert state is not None
    assert state.keys == {"params": {"a//b": "a/b"}, "metrics": {"valid_0's l2": "valid_0_s l2"},
                          "tags": {"what?": "what_"}}


@needs_mlflow
def test_every_sanitised_key_is_accepted_by_the_server(client: MlflowClient,
                                                       experiment: str) -> None:
    keys = ["a..b", "../x", "/abs", "a/./b", "a//b", "b/", ".", "..", "", "tab\there",
            "ünï", "x" * 300, "q?&=%", "ok key/x-y:z.w"]
    experiment_id, _ = client.experiment_id(experiment)
    run_id = client.create_run(experiment_id, name="keys", start_ms=1, user=None, tags={})["run_id"]
    params = {sanitize_key(k): "1" for k in keys}
    client.log_batch(run_id, params=[{"key": k, "value": v} for k, v in params.items()])
    assert set(as_dict(client.get_run(run_id)["data"]["params"])) == set(params)


# -- pushing again ------------------------------------------------------------------------------


@needs_mlflow
def test_pushing_twice_duplicates_nothing(store: Store, server: Server, experiment: str) -> None:
    ids = [make_run(store, f"r{i}") for i in range(3)]
    first = MlflowClient(server.uri)
    push(store, store.list_runs(), client=first, experiment=experiment)
    before = {i: journal_bytes(store, i) for i in ids}
    again = MlflowClient(server.uri)
    report = push(store, store.list_runs(), client=again, experiment=experiment)
    assert report.unchanged == 3 and report.points == 0
    assert again.requests == 1  # one call: does the server still hold what was sent?
    assert {i: journal_bytes(store, i) for i in ids} == before
    assert len(server.runs(experiment)) == 3
    for run_id in ids:
        mlflow_id = remote_run(server, experiment, run_id)["info"]["run_id"]
        assert_same_series(server, store, run_id, mlflow_id)


@needs_mlflow
def test_pushing_again_sends_only_what_is_new(store: Store, server: Server,
                                              client: MlflowClient, experiment: str) -> None:
    run_id = make_run(store, "grows", status=None, points=10)
    push(store, [store.get(run_id)], client=client, experiment=experiment)
    mlflow_id = remote_run(server, experiment, run_id)["info"]["run_id"]
    assert server.run(mlflow_id)["info"]["status"] == "RUNNING"

    store.append(run_id, [{"e": "metrics", "p": [["loss", 0.01, 10, 1_700_000_100.0],
                                                 ["acc", 0.99, 10, 1_700_000_100.0],
                                                 ["new", 7.0, 0, 1_700_000_100.0]]},
                          {"e": "tag", "tags": {"stage": "2"}},
                          {"e": "untag", "keys": ["sweep"]},
                          {"e": "note", "text": None},
                          {"e": "end", "t": 1_700_000_200.0, "status": "finished",
                           "exit_code": 0}])
    counting = MlflowClient(server.uri)
    report = push(store, [store.get(run_id)], client=counting)
    result = report.results[0]
    assert report.updated == 1 and result.points == 3 and result.status == "FINISHED"
    assert result.untags == 2  # the tag removed here, and the note cleared
    assert len(server.runs(experiment)) == 1
    remote = server.run(mlflow_id)
    tags = as_dict(remote["data"]["tags"])
    assert tags["stage"] == "2" and tags["runlab.status"] == "finished"
    assert "sweep" not in tags and "mlflow.note.content" not in tags
    assert remote["info"]["status"] == "FINISHED"
    assert remote["info"]["end_time"] == 1_700_000_200_000
    assert_same_series(server, store, run_id, mlflow_id)
    assert result.artifacts == 0  # the files have not changed: not sent again
    push_events = [e for e in store.events(run_id) if e["e"] == "push"]
    assert len(push_events) == 2
    assert push_events[1]["points"] == 3
    assert push_events[1]["metrics"] == {"loss": 11, "acc": 11, "new": 1}
    assert push_events[1]["untags"] == ["mlflow.note.content", "sweep"]


@needs_mlflow
def test_a_run_on_the_server_but_not_in_the_journal_is_found_not_created(
        store: Store, server: Server, client: MlflowClient, experiment: str) -> None:
    """A push cut off between runs/create and writing its event: the next push adopts."""
    run_id = make_run(store, "adopt")
    push(store, [store.get(run_id)], client=client, experiment=experiment)
    path = Path(store.journal_path(run_id))
    path.write_bytes(b"".join(line for line in path.read_bytes().splitlines(keepends=True)
                              if b'"e":"push"' not in line))
    report = push(store, [store.get(run_id)], client=client, experiment=experiment)
    assert report.results[0].found and not report.failed
    assert len(server.runs(experiment)) == 1
    mlflow_id = remote_run(server, experiment, run_id)["info"]["run_id"]
    assert_same_series(server, store, run_id, mlflow_id)


@needs_mlflow
def test_a_push_cut_short_keeps_what_the_server_confirmed(
        store: Store, server: Server, experiment: str) -> None:
    run_id = make_run(store, "cut", points=1500)  # 3,000 points: three batches
    local = journal_bytes(store, run_id)

    class Flaky(MlflowClient):
        batches = 0

        def log_batch(self, *args: Any, **kwargs: Any) -> None:
            Flaky.batches += 1
            if Flaky.batches == 2:
                raise MlflowUnavailable("cannot reach the MLflow server: connection refused")
            super().log_batch(*args, **kwargs)

    report = push(store, [store.get(run_id)], client=Flaky(server.uri), experiment=experiment)
    assert report.aborted
    assert report.failed[0].error is not None
    assert "run 1 (cut): created MLflow run" in report.failed[0].error
    # The first batch carried the 6 params and 994 points (1,000 entities at most).
    assert "sent 994 of 3,000 points" in report.failed[0].error
    # Only a push event was added, holding exactly what the first batch carried.
    grown = journal_bytes(store, run_id)
    assert grown.startswith(local)
    added = [json.loads(line) for line in grown[len(local):].splitlines()]
    assert [e["e"] for e in added] == ["push"] and added[0]["points"] == 994
    assert "status" not in added[0]

    report = push(store, [store.get(run_id)], client=MlflowClient(server.uri))
    assert not report.failed and report.points == 3000 - 994
    mlflow_id = remote_run(server, experiment, run_id)["info"]["run_id"]
    assert_same_series(server, store, run_id, mlflow_id)
    assert server.run(mlflow_id)["info"]["status"] == "FINISHED"


@needs_mlflow
def test_ctrl_c_keeps_what_was_sent_and_the_next_push_finishes(
        store: Store, server: Server, experiment: str) -> None:
    for i in range(16):  # more than a push keeps in flight (twice its jobs)
        make_run(store, f"r{i}", points=300)

    def interrupt(done: int, total: int, result: mlflow.RunResult) -> None:
        raise KeyboardInterrupt  # Ctrl-C as the first run is done, others in flight

    with pytest.raises(KeyboardInterrupt):
        push(store, store.list_runs(RunQuery(sort=["number"])), client=MlflowClient(server.uri),
             experiment=experiment, progress=interrupt)
    on_server = {as_dict(r["data"]["tags"])["runlab.id"]: r["info"]["run_id"]
                 for r in server.runs(experiment)}
    assert 1 <= len(on_server) <= 2 * mlflow.JOBS
    for run_id, mlflow_id in on_server.items():
        state = remote_state(store.events(run_id), server.uri)
        assert state is not None and state.mlflow_run_id == mlflow_id  # nothing sent unrecorded

    report = push(store, store.list_runs(), client=MlflowClient(server.uri),
                  experiment=experiment)
    assert not report.failed
    assert len(server.runs(experiment)) == 16
    for run in store.list_runs():
        assert_same_series(server, store, run.id, remote_run(server, experiment, run.id)
                           ["info"]["run_id"])


@needs_mlflow
def test_dry_run_sends_nothing(store: Store, server: Server, experiment: str) -> None:
    run_id = make_run(store)
    before = journal_bytes(store, run_id)
    counting = MlflowClient(server.uri)
    report = push(store, store.list_runs(), client=counting, experiment=experiment,
                  dry_run=True)
    result = report.results[0]
    assert result.created and result.points == 60 and result.params == 6
    assert result.status == "FINISHED" and result.artifacts == 3
    assert counting.requests == 0
    assert server.experiment(experiment) is None
    assert journal_bytes(store, run_id) == before


@needs_mlflow
def test_watch_pushes_a_running_run_until_it_ends(store: Store, server: Server,
                                                  client: MlflowClient, experiment: str) -> None:
    run_id = make_run(store, "live", status=None, points=5)
    push(store, [store.get(run_id)], client=client, experiment=experiment, artifacts=False)
    # A running program's parser may still hide a word of its command line: its params and
    # command wait for its end (MLflow never changes a param once sent).
    early = remote_run(server, experiment, run_id)
    assert not early["data"].get("params")
    assert "runlab.command" not in as_dict(early["data"]["tags"])
    ticks: list[int] = []

    def sleep(_: float) -> None:  # each wait, the run moves on
        n = len(ticks)
        if n < 2:
            store.append(run_id, [{"e": "metrics", "p": [["loss", 0.1, 5 + n, 1_700_000_050.0]]}])
        else:
            store.append(run_id, [{"e": "end", "t": 1_700_000_060.0, "status": "failed",
                                   "exit_code": 3}])

    def on_tick(report: mlflow.PushReport) -> None:
        ticks.append(report.points)

    total = mlflow.watch(store, [run_id], client, interval=0.01, sleep=sleep, on_tick=on_tick)
    assert ticks == [1, 1, 0] and total.points == 2
    remote = remote_run(server, experiment, run_id)
    assert remote["info"]["status"] == "FAILED"
    assert as_dict(remote["data"]["tags"])["runlab.exit_code"] == "3"
    assert as_dict(remote["data"]["params"]) == {
        key: mlflow.param_text(value) for key, value in store.get(run_id).params.items()}
    assert "runlab.command" in as_dict(remote["data"]["tags"])
    assert_same_series(server, store, run_id, remote["info"]["run_id"])
    assert "runlab/output.log" in server.artifact_paths(remote["info"]["run_id"])


# -- the command line and a server that goes away ---------------------------------------------


@needs_mlflow
def test_cli_push_summary_then_server_down(cli: Callable[..., Result], store: Store,
                                           tmp_path: Path) -> None:
    own = start_server(tmp_path / "own-server")  # this test stops it
    try:
        ids = [make_run(store, f"r{i}") for i in range(2)]
        r = cli("push", "--mlflow", own.uri, "-e", "cli")
        assert r.code == 0, r.stderr
        assert r.stderr.strip() == (
            f"pushed 2 runs (2 new, 0 updated), 120 points to {own.uri}")
        assert r.stdout == ""
        r = cli("push", env={"MLFLOW_TRACKING_URI": own.uri + "/"})
        assert r.code == 0
        assert "nothing to push: 2 runs already up to date" in r.stderr
    finally:
        own.stop()
    store.append(ids[0], [{"e": "metrics", "p": [["loss", 0.001, 99, 1_700_000_099.0]]}])
    before = {i: journal_bytes(store, i) for i in ids}
    listing = cli("ls", "--json").stdout
    r = cli("push", "--mlflow", own.uri)
    assert r.code == 1
    assert f"cannot reach the MLflow server at {own.uri}: connection refused" in r.stderr
    assert "run 1 (r0): updating MLflow run" in r.stderr and "sent 0 of 1 points" in r.stderr
    assert "Traceback" not in r.stderr
    assert {i: journal_bytes(store, i) for i in ids} == before
    assert cli("ls", "--json").stdout == listing


@needs_mlflow
def test_cli_push_to_a_server_that_was_reset_sends_everything_again(
        cli: Callable[..., Result], store: Store, tmp_path: Path) -> None:
    first = start_server(tmp_path / "before")
    try:
        ids = [make_run(store, f"r{i}", experiment="reset") for i in range(2)]
        assert cli("push", "--mlflow", first.uri).code == 0
    finally:
        first.stop()
    # The same address, a new empty database.
    port = int(first.uri.rsplit(":", 1)[1])
    again = start_server(tmp_path / "after", port=port)
    try:
        assert again.runs("reset") == []
        r = cli("push", "--mlflow", again.uri)
        assert r.code == 0, r.stderr
        assert r.stderr.strip() == f"pushed 2 runs (2 new, 0 updated), 120 points to {again.uri}"
        for run_id in ids:
            mlflow_id = remote_run(again, "reset", run_id)["info"]["run_id"]
            assert_same_series(again, store, run_id, mlflow_id)
        r = cli("push", "--mlflow", again.uri)
        assert "nothing to push: 2 runs already up to date" in r.stderr
    finally:
        again.stop()


def test_cli_push_needs_a_server(cli: Callable[..., Result], store: Store) -> None:
    make_run(store)
    r = cli("push", env={"MLFLOW_TRACKING_URI": ""})
    assert r.code == 2
    assert "no MLflow server: pass --mlflow URI or set MLFLOW_TRACKING_URI" in r.stderr
    r = cli("push", "--mlflow", "file:///tmp/mlruns")
    assert r.code == 2 and "not an http:// or https:// URI" in r.stderr


def test_cli_dry_run_needs_no_server(cli: Callable[..., Result], store: Store) -> None:
    make_run(store, "planned")
    r = cli("push", "--mlflow", "http://127.0.0.1:9", "--dry-run")
    assert r.code == 0, r.stderr
    assert r.stdout == ("run 1 (planned): new MLflow run in experiment 'Default': 6 params, "
                        "60 points, 20 tags, 3 files, status FINISHED\n")
    assert "would push 1 run (1 new, 0 updated), 60 points" in r.stderr


# -- the client's transport, against a stub ---------------------------------------------------


class Stub(BaseHTTPRequestHandler):
    """Answers from a script: a list of (status, body); records what it was sent."""

    script: ClassVar[list[tuple[int, bytes]]] = []
    seen: ClassVar[list[tuple[str, str, dict[str, str], bytes]]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        Stub.seen.append((self.command, self.path, dict(self.headers), body))
        status, payload = Stub.script.pop(0) if Stub.script else (200, b"{}")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def stub() -> Iterator[str]:
    Stub.script, Stub.seen = [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_token_goes_in_a_header_never_into_the_uri(stub: str) -> None:
    client = MlflowClient.from_env(stub + "/", {"MLFLOW_TRACKING_TOKEN": "s3cret"})
    client.call("GET", "experiments/get-by-name", query={"experiment_name": "x"})
    assert Stub.seen[0][2]["Authorization"] == "Bearer s3cret"
    assert client.uri == stub and "s3cret" not in repr(vars(client)).replace(
        "'Authorization': 'Bearer s3cret'", "")


def test_basic_auth_from_the_environment_or_the_uri(stub: str) -> None:
    env = {"MLFLOW_TRACKING_USERNAME": "ada", "MLFLOW_TRACKING_PASSWORD": "pw"}
    MlflowClient.from_env(stub, env).call("GET", "x")
    with_userinfo = stub.replace("http://", "http://bob:pa%40ss@")
    client = MlflowClient(with_userinfo)
    client.call("GET", "x")
    assert Stub.seen[0][2]["Authorization"] == "Basic " + base64.b64encode(b"ada:pw").decode()
    assert Stub.seen[1][2]["Authorization"] == "Basic " + base64.b64encode(b"bob:pa@ss").decode()
    assert client.uri == stub


def test_5xx_is_retried_with_backoff_and_4xx_shows_the_server_message(stub: str) -> None:
    waits: list[float] = []
    client = MlflowClient(stub, retries=3, backoff=0.5, sleep=waits.append)
    Stub.script = [(503, b"busy"), (500, b"{}"), (200, b'{"ok": 1}')]
    assert client.call("POST", "runs/update", {"run_id": "x"}) == {"ok": 1}
    assert waits == [0.5, 1.0]
    Stub.script = [(400, json.dumps({"error_code": "INVALID_PARAMETER_VALUE",
                                     "message": "Changing param values is not allowed."}).encode())]
    with pytest.raises(MlflowRejected, match="Changing param values is not allowed") as e:
        client.call("POST", "runs/log-batch", {})
    assert e.value.code == "INVALID_PARAMETER_VALUE" and e.value.status == 400
    Stub.script = [(502, b"<html>bad gateway</html>")] * 4
    with pytest.raises(MlflowUnavailable, match=r"answered 502.*\(tried 4 times\)"):
        client.call("GET", "x")


def test_connection_refused_is_retried_then_a_clear_error() -> None:
    waits: list[float] = []
    client = MlflowClient(f"http://127.0.0.1:{_free_port()}", retries=2, sleep=waits.append)
    with pytest.raises(MlflowUnavailable) as e:
        client.call("GET", "experiments/get-by-name")
    assert str(e.value) == (f"cannot reach the MLflow server at {client.uri}: connection "
                            "refused (tried 3 times)")
    assert waits == [0.5, 1.0]


def test_a_non_http_uri_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="not an http"):
        MlflowClient("databricks://user:tok@ws")
    with pytest.raises(UsageError) as e:
        MlflowClient("ftp://u:secret@host")
    assert "secret" not in str(e.value)


# -- keys and batches ---------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "expected"), [
    ("lr", "lr"), ("model.lr", "model.lr"), ("a b/c-d:e", "a b/c-d:e"), ("ünï", "ünï"),
    ("valid_0's l2", "valid_0_s l2"), ("a//b", "a/b"), ("/abs/", "abs"), ("a/./b", "a/_/b"),
    ("../x", "__/x"), ("a..b", "a..b"), ("", "_"), ("?", "_"), ("x\ty", "x_y"),
])
def test_sanitize_key(key: str, expected: str) -> None:
    assert sanitize_key(key) == expected


def test_long_keys_are_cut_and_stay_distinct() -> None:
    a, b = sanitize_key("k" * 300 + "a"), sanitize_key("k" * 300 + "b")
    assert len(a) == len(b) == MAX_KEY and a != b


def test_renamed_keys_never_collide_and_stay_stable() -> None:
    first = mlflow.assign_keys(["a?b", "a_b"], {})
    assert first == {"a_b": "a_b", "a?b": "a_b_2"}
    later = mlflow.assign_keys(["a!b", "a?b", "a_b"], {"a?b": "a_b_2", "a_b": "a_b"})
    assert later == {"a?b": "a_b_2", "a_b": "a_b", "a!b": "a_b_3"}
    assert mlflow.assign_keys(["runlab.id"], {}, reserved=["runlab.id"]) == \
        {"runlab.id": "runlab.id_2"}


def test_batches_respect_the_servers_limits(store: Store) -> None:
    params = {f"p{i}": "v" * 5000 for i in range(250)}
    tags = {f"t{i}": "w" * 7000 for i in range(150)}
    run_id = make_run(store, params=params, tags=tags, points=1300)
    run = store.get(run_id)
    plan = mlflow.plan_run(run, store.series(run_id), [], None, "x")
    batches = list(send._batches(plan))
    assert sum(len(b.params) for b in batches) == 250
    assert sum(len(b.tags) for b in batches) == len(plan.tags)
    assert sum(len(b.metrics) for b in batches) == 2600
    for b in batches:
        assert len(b.params) <= MAX_PARAMS and len(b.tags) <= MAX_TAGS
        assert len(b.metrics) <= MAX_METRICS
        assert len(b.params) + len(b.tags) + len(b.metrics) <= MAX_ENTITIES
        body = {"run_id": "0" * 32, "params": b.params, "tags": b.tags, "metrics": b.metrics}
        assert len(json.dumps(body).encode()) <= MAX_REQUEST_BYTES


def test_push_events_fold_into_what_the_server_holds() -> None:
    uri = "http://h:5000"
    events = [
        {"e": "start"},
        {"e": "push", "uri": uri, "mlflow_run_id": "r1", "experiment_id": "1",
         "metrics": {"loss": 10}, "tags": {"a": "1", "b": "2"}, "params": {"lr": "0.1"}},
        {"e": "push", "uri": "http://other", "mlflow_run_id": "zz", "experiment_id": "9",
         "metrics": {"loss": 99}},
        {"e": "push", "uri": uri, "mlflow_run_id": "r1", "experiment_id": "1",
         "metrics": {"loss": 15, "acc": 3}, "untags": ["a"], "status": "FINISHED"},
    ]
    state = remote_state(events, uri)
    assert state is not None
    assert state.metrics == {"loss": 15, "acc": 3} and state.tags == {"b": "2"}
    assert state.params == {"lr": "0.1"} and state.status == "FINISHED"
    assert remote_state(events, "http://nowhere") is None
    # A run pushed afresh (the server lost the old one) starts over.
    events.append({"e": "push", "uri": uri, "mlflow_run_id": "r2", "experiment_id": "1",
                   "metrics": {"loss": 15}})
    state = remote_state(events, uri)
    assert state is not None and state.mlflow_run_id == "r2" and state.tags == {}


def test_run_with_push_sends_the_run_as_it_goes(cli: Callable[..., Result], server: Server,
                                                tmp_path: Path) -> None:
    code = "for i in range(3):\n    print(f'step={i} loss={1 / (i + 1)}')\n"
    r = cli("--push", server.uri, "-e", "pushed-live", sys.executable, "-c", code)
    assert r.code == 0, r.stderr
    run = json.loads(cli("show", "last", "--json").stdout)
    remote = remote_run(server, "pushed-live", run["id"])
    assert remote["info"]["status"] == "FINISHED"
    history = server.get("metrics/get-history",
                         run_id=remote["info"]["run_id"], metric_key="loss")["metrics"]
    assert sorted((m["step"], m["value"]) for m in history) == [(0, 1.0), (1, 0.5),
                                                                (2, 1 / 3)]
