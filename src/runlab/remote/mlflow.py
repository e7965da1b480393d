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
"""

from __future__ import annotations

import base64
import collections
import contextlib
import hashlib
import http.client
import json
import os
import re
import shlex
import stat
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from runlab.errors import RunlabError, UsageError
from runlab.store import events as kinds
from runlab.store.journal import Event
from runlab.store.records import MetricPoint, Run, json_number
from runlab.store.store import Store

# One runs/log-batch request (MLflow's documented limits, verified against MLflow 3.17: more
# is a 400; longer values are cut by the server without a word, so runlab cuts them itself
# and says so in a tag).
MAX_PARAMS = 100
MAX_TAGS = 100
MAX_METRICS = 1000
MAX_ENTITIES = 1000
MAX_REQUEST_BYTES = 1_000_000
MAX_KEY = 250
MAX_PARAM_VALUE = 6000
MAX_TAG_VALUE = 8000

STATUS = {"finished": "FINISHED", "failed": "FAILED", "killed": "KILLED", "lost": "FAILED"}
TRUNCATED = "runlab.truncated."

_BAD_KEY_CHARS = re.compile(r"[^\w/.\- :]")


# -- errors -----------------------------------------------------------------------------------


class MlflowError(RunlabError):
    """The tracking server refused a request, or could not be reached."""


class MlflowUnavailable(MlflowError):
    """Connection refused, timeouts, 5xx: still so after the retries."""


class MlflowRejected(MlflowError):
    """A 4xx answer: the server's own message, and its error code."""

    def __init__(self, message: str, status: int, code: str | None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


# -- the client -------------------------------------------------------------------------------


class MlflowClient:
    """A small client of MLflow's REST API.

    Connection errors, timeouts, 429 and 5xx answers are retried `retries` times with
    exponential backoff from `backoff` seconds; any other 4xx raises `MlflowRejected` with
    the server's message. Credentials go into the Authorization header only: `uri` (what
    messages show and what the journal records) never holds them.
    """

    def __init__(self, uri: str, *, token: str | None = None, username: str | None = None,
                 password: str | None = None, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 0.5, sleep: Callable[[float], None] = time.sleep) -> None:
        parts = urllib.parse.urlsplit(uri.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(
                f"runlab pushes to an MLflow server over HTTP: {_without_userinfo(uri)!r} is "
                "not an http:// or https:// URI")
        if parts.username is not None and username is None and token is None:
            username = urllib.parse.unquote(parts.username)
            password = urllib.parse.unquote(parts.password or "")
        host = parts.hostname
        netloc = f"[{host}]" if ":" in host else host
        if parts.port is not None:
            netloc += f":{parts.port}"
        self.uri = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.requests = 0
        self._headers: dict[str, str] = {}
        if token:
            self._headers["Authorization"] = f"Bearer {token}"
        elif username is not None:
            pair = f"{username}:{password or ''}".encode()
            self._headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()

    @classmethod
    def from_env(cls, uri: str, env: Mapping[str, str] = os.environ, **options: Any) -> MlflowClient:
        """A client with MLflow's own credentials variables: a bearer token, else basic auth."""
        return cls(uri, token=env.get("MLFLOW_TRACKING_TOKEN") or None,
                   username=env.get("MLFLOW_TRACKING_USERNAME") or None,
                   password=env.get("MLFLOW_TRACKING_PASSWORD"), **options)

    # -- transport ------------------------------------------------------------------------------

    def call(self, method: str, endpoint: str, body: Mapping[str, Any] | None = None,
             query: Mapping[str, str] | None = None, *, retry: bool = True) -> dict[str, Any]:
        """One request to /api/2.0/mlflow/<endpoint>; returns the JSON answer."""
        url = f"{self.uri}/api/2.0/mlflow/{endpoint}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body, allow_nan=False).encode()
        raw = self._send(method, url, data, "application/json", retry=retry)
        answer = json.loads(raw) if raw.strip() else {}
        return answer if isinstance(answer, dict) else {}

    def _send(self, method: str, url: str, data: bytes | str | None, content_type: str,
              *, retry: bool = True) -> bytes:
        """Send with retries; `data` is the body, or the path of a file to stream."""
        attempts = 1 + (self.retries if retry else 0)
        problem = ""
        for attempt in range(attempts):
            self.requests += 1
            headers = dict(self._headers)
            try:
                with contextlib.ExitStack() as stack:
                    body: Any = data
                    if isinstance(data, str):
                        body = stack.enter_context(open(data, "rb"))
                        headers["Content-Length"] = str(os.fstat(body.fileno()).st_size)
                    if data is not None:
                        headers["Content-Type"] = content_type
                    req = urllib.request.Request(url, data=body, method=method, headers=headers)
                    with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                        return bytes(resp.read())
            except urllib.error.HTTPError as e:
                message, code = _server_message(e)
                if e.code < 500 and e.code != 429:
                    raise MlflowRejected(message, e.code, code) from None
                problem = f"the server answered {e.code}: {message}"
            except urllib.error.URLError as e:
                problem = _reason(e.reason)
            except (OSError, http.client.HTTPException) as e:
                problem = _reason(e)
            if attempt + 1 < attempts:
                self.sleep(self.backoff * 2 ** attempt)
        tries = f" (tried {attempts} times)" if attempts > 1 else ""
        raise MlflowUnavailable(f"cannot reach the MLflow server at {self.uri}: {problem}{tries}")

    # -- the API ---------------------------------------------------------------------------------

    def experiment_id(self, name: str) -> tuple[str, bool]:
        """The id of the experiment called `name`, and whether it was created just now."""
        for _ in range(2):
            try:
                got = self.call("GET", "experiments/get-by-name", query={"experiment_name": name})
                exp = got.get("experiment") or {}
                if exp.get("lifecycle_stage") == "deleted":
                    raise MlflowError(f"the experiment {name!r} is deleted on {self.uri}: "
                                      "restore it there, or push with --experiment NAME")
                return str(exp["experiment_id"]), False
            except MlflowRejected as e:
                if e.code != "RESOURCE_DOES_NOT_EXIST":
                    raise
            try:
                got = self.call("POST", "experiments/create", {"name": name})
                return str(got["experiment_id"]), True
            except MlflowRejected as e:
                if e.code != "RESOURCE_ALREADY_EXISTS":  # created meanwhile by someone else
                    raise
        raise MlflowError(f"could not find or create the experiment {name!r} on {self.uri}")

    def create_run(self, experiment_id: str, *, name: str | None, start_ms: int,
                   user: str | None, tags: Mapping[str, str], retry: bool = True) -> dict[str, Any]:
        body: dict[str, Any] = {"experiment_id": experiment_id, "start_time": start_ms,
                                "tags": _pairs(tags)}
        if name:
            body["run_name"] = name
        if user:
            body["user_id"] = user
        info: dict[str, Any] = self.call("POST", "runs/create", body, retry=retry)["run"]["info"]
        return info

    def find_run(self, experiment_id: str, tag: str, value: str) -> dict[str, Any] | None:
        """The active run of the experiment whose tag `tag` is `value` (an id: no quoting)."""
        got = self.call("POST", "runs/search", {
            "experiment_ids": [experiment_id],
            "filter": f"tags.`{tag}` = '{value}'",
            "max_results": 1,
        })
        runs = got.get("runs") or []
        return dict(runs[0]["info"]) if runs else None

    def get_run(self, run_id: str) -> dict[str, Any]:
        run: dict[str, Any] = self.call("GET", "runs/get", query={"run_id": run_id})["run"]
        return run

    def holds_run(self, run_id: str) -> bool:
        """Whether the server has the run (a server reset to a new database has not)."""
        try:
            self.get_run(run_id)
        except MlflowRejected as e:
            if e.code == "RESOURCE_DOES_NOT_EXIST":
                return False
            raise
        return True

    def log_batch(self, run_id: str, *, metrics: Sequence[Mapping[str, Any]] = (),
                  params: Sequence[Mapping[str, str]] = (),
                  tags: Sequence[Mapping[str, str]] = ()) -> None:
        self.call("POST", "runs/log-batch", {"run_id": run_id, "metrics": list(metrics),
                                             "params": list(params), "tags": list(tags)})

    def delete_tag(self, run_id: str, key: str) -> None:
        try:
            self.call("POST", "runs/delete-tag", {"run_id": run_id, "key": key})
        except MlflowRejected as e:
            if e.code != "RESOURCE_DOES_NOT_EXIST":  # already gone: what we wanted
                raise

    def update_run(self, run_id: str, status: str, end_ms: int | None) -> str:
        """Set the run's status (and end time); returns the status the server now holds."""
        body: dict[str, Any] = {"run_id": run_id, "status": status}
        if end_ms is not None:
            body["end_time"] = end_ms
        got = self.call("POST", "runs/update", body)
        held = (got.get("run_info") or {}).get("status")
        if held is None:
            held = self.get_run(run_id)["info"].get("status")
        return str(held)

    def upload_artifact(self, artifact_uri: str, path: str, local_path: str) -> None:
        """PUT a file through the artifact proxy, under the run's artifact root."""
        root = proxy_root(artifact_uri)
        if root is None:
            raise MlflowError(f"{self.uri} does not proxy artifacts for this run (its artifact "
                              f"root is {artifact_uri}): start the server with artifact serving")
        quoted = "/".join(urllib.parse.quote(p) for p in f"{root}/{path}".split("/") if p)
        url = f"{self.uri}/api/2.0/mlflow-artifacts/artifacts/{quoted}"
        self._send("PUT", url, local_path, "application/octet-stream")


def proxy_root(artifact_uri: str) -> str | None:
    """The path of a run's artifact root under the proxy, for an `mlflow-artifacts:` URI."""
    parts = urllib.parse.urlsplit(artifact_uri)
    if parts.scheme != "mlflow-artifacts":
        return None
    return parts.path.strip("/")


def _server_message(e: urllib.error.HTTPError) -> tuple[str, str | None]:
    try:
        raw = e.read()
    except OSError:
        raw = b""
    with contextlib.suppress(ValueError, AttributeError):
        data = json.loads(raw)
        if isinstance(data, dict) and data.get("message"):
            code = data.get("error_code")
            return str(data["message"]), None if code is None else str(code)
    text = raw.decode("utf-8", "replace").strip()
    if not text or text.lstrip().startswith("<"):
        text = e.reason if isinstance(e.reason, str) else "no message"
    return f"HTTP {e.code}: {text[:300]}", None


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason) or type(reason).__name__


def _without_userinfo(uri: str) -> str:
    return re.sub(r"//[^/@]*@", "//", uri)


def _pairs(items: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"key": k, "value": v} for k, v in items.items()]


# -- what the server holds ----------------------------------------------------------------------


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


# -- keys ---------------------------------------------------------------------------------------


def sanitize_key(key: str) -> str:
    """A key MLflow accepts: word characters, `/ . - :` and spaces, no empty or relative
    path parts (`a//b`, `./a`, `a/..` are refused), at most 250 characters."""
    parts = [p for p in _BAD_KEY_CHARS.sub("_", key).split("/") if p]
    text = "/".join("_" * len(p) if p in (".", "..") else p for p in parts) or "_"
    if len(text) > MAX_KEY:
        digest = hashlib.sha256(key.encode()).hexdigest()[:8]
        text = text[: MAX_KEY - 9].rstrip("/") + "_" + digest
    return text


def assign_keys(keys: Iterable[str], fixed: Mapping[str, str],
                reserved: Iterable[str] = ()) -> dict[str, str]:
    """MLflow keys for runlab keys: those in `fixed` stay; valid keys keep their name unless
    it is taken or `reserved`; others are sanitised, with `_2`, `_3`... when that is taken."""
    out = dict(fixed)
    used = set(out.values()) | set(reserved)
    pending = [k for k in dict.fromkeys(keys) if k not in out]
    for key in pending:
        if sanitize_key(key) == key and key not in used:
            out[key] = key
            used.add(key)
    for key in sorted(k for k in pending if k not in out):
        base = sanitize_key(key)
        name, n = base, 2
        while name in used:
            name = f"{base[: MAX_KEY - 8]}_{n}"
            n += 1
        out[key] = name
        used.add(name)
    return out


# -- what to send -------------------------------------------------------------------------------


@dataclass
class RunPlan:
    """What one push sends for one run (given what the server already holds)."""

    run: Run
    state: Remote | None
    experiment: str
    params: dict[str, tuple[str, str]] = field(default_factory=dict)  # runlab key: (key, value)
    metrics: list[tuple[str, str, MetricPoint]] = field(default_factory=list)  # key, key, point
    tags: dict[str, str] = field(default_factory=dict)  # MLflow key: value
    untags: list[str] = field(default_factory=list)
    status: str | None = None
    end_ms: int | None = None
    artifacts: list[tuple[str, str, list[int]]] = field(default_factory=list)  # path, file, sig
    keys: dict[str, dict[str, str]] = field(default_factory=dict)  # new renamings
    warnings: list[str] = field(default_factory=list)

    @property
    def new(self) -> bool:
        return self.state is None

    @property
    def empty(self) -> bool:
        return not (self.new or self.params or self.metrics or self.tags or self.untags
                    or self.status or self.artifacts)


MAX_INPUT_TAGS = 100  # a run reading more inputs than this sends the first ones as tags


def run_tags(run: Run) -> dict[str, str]:
    """The tags runlab writes for a run: its own under `runlab.*`, and MLflow's system tags."""
    tags = {
        "runlab.id": run.id,
        "runlab.number": str(run.number),
        "runlab.status": run.status,
        "runlab.command": shlex.join(run.command),
        "mlflow.runName": run.name or f"runlab-{run.number}",
        "mlflow.source.type": "LOCAL",
    }
    source = (run.source or {}).get("path") or (run.command[0] if run.command else None)
    optional: dict[str, Any] = {
        "runlab.cwd": run.cwd,
        "runlab.host": run.host,
        "runlab.author": run.author,
        "runlab.python": run.python,
        "runlab.exit_code": run.exit_code,
        "runlab.signal": run.signal,
        "runlab.deleted": "true" if run.deleted else None,
        "mlflow.user": run.user or run.author,
        "mlflow.source.name": source,
        "mlflow.note.content": run.note,
    }
    git = run.git or {}
    if git:
        optional.update({
            "runlab.git.dirty": str(bool(git.get("dirty"))).lower(),
            "mlflow.source.git.commit": git.get("commit"),
            "mlflow.source.git.branch": git.get("branch"),
            "mlflow.source.git.repoURL": git.get("remote"),
        })
    # What the run read: each input's fingerprint (MLflow's dataset inputs need a source
    # and a schema runlab does not know; a tag per input is searchable on the server).
    for path, entry in sorted(run.inputs.items())[:MAX_INPUT_TAGS]:
        if isinstance(entry, dict) and entry.get("fingerprint"):
            optional[sanitize_key(f"runlab.input.{path}")] = entry["fingerprint"]
    tags.update({k: str(v) for k, v in optional.items() if v is not None and v != ""})
    return tags


def param_mark(text: str) -> str:
    """What a push event records of a param value sent: the value, or a digest of a long one
    (enough to notice a change without copying long values into the journal again)."""
    if len(text) <= 200:
        return text
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def param_text(value: Any) -> str:
    """A param value as MLflow's client writes it: str() of scalars; lists and dicts as JSON."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def local_files(run_dir: str) -> list[tuple[str, str]]:
    """(artifact path, file) of a run's files: the log, the patch, the packages
    (requirements.txt) and the entry script copy under runlab/, the run's artifacts/ at the root. Regular files only, never links."""
    out: list[tuple[str, str]] = []
    for name in ("output.log", "code.patch", "requirements.txt"):
        path = os.path.join(run_dir, name)
        if _regular(path):
            out.append((f"runlab/{name}", path))
    for sub, prefix in (("source", "runlab/source/"), ("artifacts", "")):
        top = os.path.join(run_dir, sub)
        if os.path.islink(top):
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(folder, d)))
            for name in sorted(files):
                path = os.path.join(folder, name)
                if _regular(path):
                    rel = os.path.relpath(path, top).replace(os.sep, "/")
                    out.append((prefix + rel, path))
    return out


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _signature(path: str) -> list[int]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns]


def _ms(t: float) -> int:
    return round(t * 1000)


def plan_run(run: Run, series: Mapping[str, Sequence[MetricPoint]], files: Sequence[tuple[str, str]],
             state: Remote | None, experiment: str) -> RunPlan:
    """What to send so that the server holds what runlab holds of `run`."""
    plan = RunPlan(run, state, experiment)
    held = state or Remote("", "")
    # Metric keys: series, params and tags each have their own namespace on the server.
    metric_keys = _assign(plan, held, "metrics", list(series), held.metrics)
    for key, points in series.items():
        sent = held.metrics.get(key, 0)
        if sent > len(points):
            plan.warnings.append(f"the series {key!r} is shorter than what was pushed: "
                                 "nothing more sent for it")
            continue
        plan.metrics.extend((key, metric_keys[key], p) for p in points[sent:])
    param_keys = _assign(plan, held, "params", list(run.params), held.params)
    wanted_tags = run_tags(run)
    for key, value in run.params.items():
        text = param_text(value)
        if len(text) > MAX_PARAM_VALUE:
            wanted_tags[_truncated_key(param_keys[key])] = \
                f"cut from {len(text)} to {MAX_PARAM_VALUE} characters"
            text = text[:MAX_PARAM_VALUE]
        if key not in held.params:
            plan.params[key] = (param_keys[key], text)
        elif held.params[key] != param_mark(text):
            plan.warnings.append(f"param {key!r} changed after it was pushed; MLflow does not "
                                 "allow changing a param, so the server keeps the pushed value")
    # The user's tags make way for runlab's own, which keep their names.
    tag_keys = _assign(plan, held, "tags", list(run.tags), {}, reserved=wanted_tags)
    for key, value in run.tags.items():
        wanted_tags.setdefault(tag_keys[key], value)
    for key, value in list(wanted_tags.items()):
        if len(value) > MAX_TAG_VALUE:
            wanted_tags[_truncated_key(key)] = f"cut from {len(value)} to {MAX_TAG_VALUE} characters"
            wanted_tags[key] = value[:MAX_TAG_VALUE]
    plan.tags = {k: v for k, v in wanted_tags.items() if held.tags.get(k) != v}
    plan.untags = sorted(k for k in held.tags if k not in wanted_tags)
    status = STATUS.get(run.status)
    if status is not None and held.status != status:
        plan.status = status
        plan.end_ms = None if run.ended_at is None else _ms(run.ended_at)
    for path, local in files:
        with contextlib.suppress(OSError):
            sig = _signature(local)
            if held.artifacts.get(path) != sig:
                plan.artifacts.append((path, local, sig))
    return plan


def _assign(plan: RunPlan, held: Remote, kind: str, keys: list[str], sent: Mapping[str, Any],
            reserved: Iterable[str] = ()) -> dict[str, str]:
    """MLflow keys of one kind; renamings that are new are noted in the plan."""
    renamed = held.keys.get(kind, {})
    known = {k: renamed.get(k, k) for k in sent}
    known.update(renamed)
    out = assign_keys(keys, known, reserved)
    new = {k: v for k, v in out.items() if k != v and k in keys and renamed.get(k) != v}
    if new:
        plan.keys[kind] = new
    return out


def _truncated_key(key: str) -> str:
    return sanitize_key(TRUNCATED + key)


# -- sending ------------------------------------------------------------------------------------


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


class _Sender:
    """Sends one plan (in a worker thread), keeping what the server confirmed as the run's
    next push event."""

    def __init__(self, client: MlflowClient, plan: RunPlan, result: RunResult, shared: _Shared,
                 afresh: Callable[[], RunPlan]) -> None:
        self.client = client
        self.plan = plan
        self.result = result
        self.shared = shared
        self.afresh = afresh
        self.event: Event = kinds.push(client.uri)
        self.confirmed = False
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
                if self.plan.state is None or e.code != "RESOURCE_DOES_NOT_EXIST" or self.confirmed:
                    raise
                # The server lost the run (deleted for good, a new database): push it afresh.
                self.plan = self.afresh()
                self.event = kinds.push(self.client.uri)
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
        if not self.confirmed or "mlflow_run_id" not in self.event:
            return result, None
        self.event["t"] = time.time()
        return result, self.event

    def confirm(self, field_: str, value: Any) -> None:
        if isinstance(value, dict):
            self.event.setdefault(field_, {}).update(value)
        elif isinstance(value, list):
            self.event.setdefault(field_, []).extend(value)
        else:
            self.event[field_] = value
        self.confirmed = True

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
            self.event.update(mlflow_run_id=run_id, experiment_id=experiment_id)
        self.result.mlflow_run_id = run_id
        if plan.keys:
            self.event["keys"] = plan.keys  # recorded with the first confirmed change
        for key in plan.untags:
            self.check()
            client.delete_tag(run_id, key)
            self.confirm("untags", [key])
            self.result.untags += 1
        for batch in _batches(plan, skip_tags=self.tags_sent):
            self.check()
            client.log_batch(run_id, metrics=batch.metrics, params=batch.params, tags=batch.tags)
            self.confirm_batch(batch)
        for path, local, sig in plan.artifacts:
            self.check()
            if artifact_uri is None:
                artifact_uri = str(client.get_run(run_id)["info"]["artifact_uri"])
                self.confirm("artifact_uri", artifact_uri)
            client.upload_artifact(artifact_uri, path, local)
            self.confirm("artifacts", {path: sig})
            self.result.artifacts += 1
        if plan.status is not None:
            self.check()
            held = client.update_run(run_id, plan.status, plan.end_ms)
            if held != plan.status:
                raise MlflowError(f"the server did not take the status {plan.status} "
                                  f"(it holds {held})")
            self.confirm("status", held)
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
        self.confirm("mlflow_run_id", run_id)
        self.confirm("experiment_id", experiment_id)
        if artifact_uri:
            self.confirm("artifact_uri", artifact_uri)
        if tags:
            self.confirm("tags", tags)
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
                    start_ms=_ms(run.started_at), user=run.user, tags=tags, retry=False)
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
            self.confirm("params", {k: param_mark(v) for k, (_, v) in batch.param_items})
            self.result.params += len(batch.params)
        if batch.tags:
            self.confirm("tags", {t["key"]: t["value"] for t in batch.tags})
            self.result.tags += len(batch.tags)
        if batch.metrics:
            counts = self.event.setdefault("metrics", {})
            held = self.plan.state.metrics if self.plan.state else {}
            for key in batch.metric_keys:
                counts[key] = counts.get(key, held.get(key, 0)) + 1
            self.event["points"] = self.event.get("points", 0) + len(batch.metrics)
            self.result.points += len(batch.metrics)
            self.confirmed = True


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
                           "timestamp": _ms(p.time), "step": int(p.step or 0)}, rk)
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


# -- watching -----------------------------------------------------------------------------------


def watch(store: Store, run_ids: Sequence[str], client: MlflowClient, *, interval: float = 5.0,
          experiment: str | None = None, sleep: Callable[[float], None] = time.sleep,
          on_tick: Callable[[PushReport], None] | None = None) -> PushReport:
    """Push the runs' new points every `interval` seconds until none is running.

    Files wait for a run's end (a growing log is sent once, complete). Returns everything
    sent; Ctrl-C (KeyboardInterrupt) goes to the caller between two pushes or within one,
    after the confirmed part is recorded.
    """
    total = PushReport(client.uri)
    watching = list(run_ids)
    while watching:
        sleep(interval)
        store.sync()
        runs = [store.get(run_id) for run_id in watching]
        report = PushReport(client.uri)
        for running in (False, True):
            group = [r for r in runs if (r.status == "running") == running]
            if group and not report.aborted:
                report.merge(push(store, group, client=client, experiment=experiment,
                                  artifacts=not running))
        total.merge(report)
        if on_tick is not None:
            on_tick(report)
        if report.aborted:
            break
        watching = [r.id for r in runs if r.status == "running"]
    return total
