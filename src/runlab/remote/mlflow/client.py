"""The MLflow REST API as runlab uses it: the server's limits, its errors, and a small client.

Standard library HTTP only. Credentials go into the Authorization header, never into the URI
that messages show and the journal records.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from runlab.errors import RunlabError, UsageError

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

