"""The REST API and the web pages, as one Starlette application over `runlab.store.reading` and
`runlab.lifecycle.edits` (the CLI's own read and edit functions).

Every answer is JSON in the shapes of the CLI's `--json` contract, or the raw bytes of a log
or an artifact; errors are `{"error": "..."}` with a 4xx status (a malformed query adds the
`column` it points at).
"""

from __future__ import annotations

import json
import mimetypes
import os
import threading
from collections.abc import Awaitable, Callable
from importlib.util import find_spec
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from runlab.store import reading
from runlab.errors import QueryError, RunlabError, RunNotFound, UsageError
from runlab.store import Run, Store
from runlab.ui import security

STATIC = os.path.join(os.path.dirname(__file__), "static")
DEFAULT_PAGE = 100
MAX_PAGE = 1000
DEFAULT_POINTS = 2000
STAMP_HEADER = "X-Runlab-Stamp"  # /api/runs answers carry the store's stamp (/api/changes)
# Recorded strings are shown with textContent only; the policy is the second line of defence.
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
# An artifact is the run's own file: it may hold HTML or SVG with scripts. It never runs.
ARTIFACT_POLICY = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
INLINE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def plotly_js() -> str | None:
    """plotly.min.js as the plotly package ships it (served by runlab: no CDN)."""
    spec = find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "package_data",
                        "plotly.min.js")
    return path if os.path.isfile(path) else None


class Stores:
    """One store connection per worker thread (SQLite connections stay in their thread),
    caught up with the journals before each request."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()

    def get(self) -> Store:
        s: Store | None = getattr(self._local, "store", None)
        if s is None:
            s = Store(self.path)
            self._local.store = s
        s.catch_up()
        s.problems.clear()
        return s


def create_app(store_path: str, *, token: str | None = None,
               secret_patterns: list[str] | None = None) -> Any:
    """The ASGI application for the store at `store_path`, behind its security checks
    (`token` None: loopback only, no token)."""
    stores = Stores(store_path)
    policy = security.Policy(token)
    from runlab.capture.args import SECRET_PATTERNS

    # What `capture.args.secret_patterns` gives for the store's settings; the built-in ones
    # when none are given.
    patterns = list(SECRET_PATTERNS if secret_patterns is None else secret_patterns)

    def endpoint(fn: Callable[..., Any]) -> Callable[[Request], Awaitable[Response]]:
        async def handle(request: Request) -> Response:
            body = None
            if request.method in ("POST", "PUT"):
                try:
                    body = json.loads(await request.body() or b"{}")
                except ValueError:
                    return _error(400, "the body is not JSON")
                if not isinstance(body, dict):
                    return _error(400, "the body must be a JSON object")
            try:
                result = await run_in_threadpool(lambda: fn(stores.get(), request, body))
            except ApiError as e:
                return _error(e.status, str(e))
            except QueryError as e:
                return JSONResponse({"error": e.args[0], "expression": e.expression,
                                     "column": e.column}, status_code=400)
            except RunNotFound as e:
                return _error(404, str(e))
            except UsageError as e:
                return _error(400, str(e))
            except RunlabError as e:
                return _error(500, str(e))
            if isinstance(result, Response):
                return result
            return JSONResponse(result)

        return handle

    routes = [
        Route("/", _page),
        Route("/static/{name}", _static),
        Route("/api/openapi.json", _openapi),
        Route("/api/runs", endpoint(list_runs)),
        Route("/api/fields", endpoint(fields)),
        Route("/api/changes", endpoint(changes)),
        Route("/api/models", endpoint(models)),
        Route("/api/models/{name}", endpoint(model)),
        Route("/api/runs/{ref}", endpoint(show_run)),
        Route("/api/runs/{ref}/metrics/{key:path}", endpoint(metric)),
        Route("/api/runs/{ref}/log", endpoint(log)),
        Route("/api/runs/{ref}/patch", endpoint(patch)),
        Route("/api/runs/{ref}/artifacts", endpoint(artifact_list)),
        Route("/api/runs/{ref}/artifacts/{path:path}", endpoint(artifact)),
        Route("/api/runs/{ref}/tags", endpoint(_with(set_tags, patterns)), methods=["POST"]),
        Route("/api/runs/{ref}/tags/{key:path}", endpoint(remove_tag), methods=["DELETE"]),
        Route("/api/runs/{ref}/note", endpoint(set_note), methods=["POST"]),
        Route("/api/runs/{ref}/name", endpoint(rename), methods=["POST"]),
    ]
    # Level 6: a chart's series (170 KB of JSON) in 3.6 ms instead of 9 at level 9, 3% larger.
    app = Starlette(routes=routes, middleware=[
        Middleware(GZipMiddleware, minimum_size=2048, compresslevel=6)])

    async def guard(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        request = Request(scope)
        supplied = request.query_params.get("token") or request.cookies.get(security.COOKIE)
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            supplied = auth[7:].strip()
        refused = policy.refuse(security.Request(
            method=request.method, host=request.headers.get("host", ""),
            origin=request.headers.get("origin"),
            fetch_site=request.headers.get("sec-fetch-site"), token=supplied))
        if refused is not None:
            await _error(*refused)(scope, receive, send)
            return
        if token is not None and request.query_params.get("token") and scope["path"] == "/":
            # The page keeps the token in a cookie, so its own requests carry it.
            async def with_cookie(message: Any) -> None:
                if message["type"] == "http.response.start":
                    message.setdefault("headers", []).append((
                        b"set-cookie",
                        f"{security.COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict".encode()))
                await send(message)

            await app(scope, receive, with_cookie)
            return
        await app(scope, receive, send)

    return guard


def _with(fn: Callable[..., Any], patterns: list[str]) -> Callable[..., Any]:
    def call(s: Store, request: Request, body: Any) -> Any:
        return fn(s, request, body, patterns)

    return call


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


# -- pages ------------------------------------------------------------------------------------


async def _page(request: Request) -> Response:
    return FileResponse(os.path.join(STATIC, "index.html"), headers={
        "Content-Security-Policy": PAGE_POLICY, "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


async def _static(request: Request) -> Response:
    name = request.path_params["name"]
    if name == "plotly.min.js":
        path = plotly_js()
        if path is None:
            return _error(404, "plotly is not installed: pip install runlab (it depends on it)")
    elif name in os.listdir(STATIC):
        path = os.path.join(STATIC, name)
    else:
        return _error(404, f"no such file {name!r}")
    st = os.stat(path)
    # plotly.min.js is served behind the compile hint: its own version of the file's bytes
    tag = f'"{st.st_mtime_ns:x}-{st.st_size:x}{"-h" if name == "plotly.min.js" else ""}"'
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "max-age=3600",
               "ETag": tag, "Vary": "Accept-Encoding"}
    if tag in [t.strip().removeprefix("W/") for t in
               request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    if name == "plotly.min.js":
        gz = "gzip" in request.headers.get("accept-encoding", "")
        body = await run_in_threadpool(_plotly_body, path, tag, gz)
        if gz:
            headers["Content-Encoding"] = "gzip"
        return Response(body, media_type="text/javascript", headers=headers)
    return FileResponse(path, headers=headers)


# Chromium's compile hint (V8's explicit compile hints): compile every function of the file
# while it streams in, off the page's thread, instead of each on its first call during the
# page's run of it. plotly.min.js calls most of its functions as it loads.
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"
_bodies: dict[tuple[str, str, bool], bytes] = {}
_making = threading.Lock()


def _plotly_body(path: str, tag: str, gz: bool) -> bytes:
    """plotly.min.js (as `tag` names its version) behind the compile hint, gzipped when `gz`
    (4.8 MB: compressed once per server, 1.5 MB, not on each request, 0.3 s), kept for the
    next request."""
    with _making:
        found = _bodies.get((path, tag, gz))
        if found is None:
            with open(path, "rb") as f:
                found = COMPILE_HINT + f.read()
            if gz:
                import gzip

                found = gzip.compress(found, 6, mtime=0)
            _bodies[(path, tag, gz)] = found
        return found


async def _openapi(request: Request) -> Response:
    from runlab.ui.openapi import document

    return JSONResponse(document())


# -- reading ----------------------------------------------------------------------------------


def _int(request: Request, name: str, default: int, lo: int = 0, hi: int | None = None) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name} must be a whole number, not {raw!r}") from None
    if value < lo or (hi is not None and value > hi):
        bound = f"between {lo} and {hi}" if hi is not None else f"at least {lo}"
        raise ApiError(400, f"{name} must be {bound}")
    return value


def _run(s: Store, request: Request) -> Run:
    return reading.get_run(s, request.path_params["ref"])


def list_runs(s: Store, request: Request, body: Any) -> Response:
    q = request.query_params
    stamp = _stamp(s)  # before the query: a change after it moves the stamp the page polls
    page = reading.find_runs(
        s, q.get("where") or None, [x for x in q.getlist("sort") if x] or None,
        _int(request, "limit", DEFAULT_PAGE, 1, MAX_PAGE), _int(request, "offset", 0),
        experiment=q.get("experiment") or None, deleted=q.get("deleted") in ("1", "true"),
        count=True)
    return JSONResponse({"runs": [r.to_json() for r in page.runs], "total": page.total},
                        headers={STAMP_HEADER: stamp})


def fields(s: Store, request: Request, body: Any) -> dict[str, Any]:
    return s.field_keys()


def changes(s: Store, request: Request, body: Any) -> dict[str, Any]:
    """The store's stamp: the runs page polls it and fetches its page again only when it
    moved (its first page of runs carries it in a header, so it needs no extra request)."""
    return {"stamp": _stamp(s)}


def _stamp(s: Store) -> str:
    """A stamp that moves whenever the index does (a run added, a point, a status, an edit),
    read after the catch-up with the journals: two stats, whatever the number of runs."""
    parts = []
    for path in (s.index_path, s.index_path + "-wal"):
        try:
            st = os.stat(path)
            parts.append(f"{st.st_mtime_ns}.{st.st_size}")
        except OSError:
            parts.append("-")
    return ":".join(parts)


def show_run(s: Store, request: Request, body: Any) -> dict[str, Any]:
    return _run(s, request).to_json()


class SeriesCache:
    """Downsampled series by (run, key, max_points, journal size): a chart drawn again, or
    polled while nothing changed, is not read and decimated again. Bounded, oldest out."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: dict[tuple[str, str, int, int], dict[str, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, int, int]) -> dict[str, Any] | None:
        with self._lock:
            return self._items.get(key)

    def put(self, key: tuple[str, str, int, int], value: dict[str, Any]) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                del self._items[next(iter(self._items))]


_series = SeriesCache()


def metric(s: Store, request: Request, body: Any) -> dict[str, Any]:
    from runlab.store.series import Drawn

    run = _run(s, request)
    key = request.path_params["key"]
    limit = _int(request, "max_points", DEFAULT_POINTS)
    if 0 < limit < 4:
        raise ApiError(400, "max_points must be 0 (every point) or at least 4")
    try:
        size = os.stat(s.journal_path(run.id)).st_size
    except OSError:
        size = -1
    cached = _series.get((run.id, key, limit, size))
    if cached is not None:
        return cached
    # From the run's series cache (flat arrays, and the blocks' extremes when downsampled),
    # never decoding the journal point by point.
    if limit:
        found = s.downsampled(run.id, [key], limit).get(key)
    else:
        whole = s.series_arrays(run.id, [key]).get(key)
        found = None if whole is None else Drawn(len(whole), list(whole.points()))
    if found is None:
        reading.metric_history(s, run, key)  # no such metric: its error names the run's
        answer: dict[str, Any] = {"key": key, "points": [], "downsampled": False, "count": 0}
    else:
        answer = {"key": key, "points": [p.to_json() for p in found.points],
                  "downsampled": len(found.points) < found.count, "count": found.count}
    _series.put((run.id, key, limit, size), answer)
    return answer


def log(s: Store, request: Request, body: Any) -> Response:
    run = _run(s, request)
    offset = request.query_params.get("offset", "0")
    try:
        start = int(offset)
    except ValueError:
        raise ApiError(400, f"offset must be a whole number, not {offset!r}") from None
    limit = _int(request, "limit", 1 << 20, 1, 1 << 26)
    data, size = reading.read_log(s, run, start, limit)
    # Raw bytes, never rendered by the browser as a page: a log may hold HTML.
    return Response(data, media_type="application/octet-stream", headers={
        "X-Log-Size": str(size), "X-Run-Status": run.status,
        "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})


def patch(s: Store, request: Request, body: Any) -> Response:
    text = reading.read_patch(s, _run(s, request))
    if text is None:
        raise ApiError(404, "the run started from a clean tree: no patch")
    return Response(text, media_type="text/plain; charset=utf-8",
                    headers={"X-Content-Type-Options": "nosniff"})


def artifact_list(s: Store, request: Request, body: Any) -> list[dict[str, Any]]:
    from runlab.lifecycle import artifacts

    return [a.to_json() for a in artifacts.list_artifacts(s.journal_path(_run(s, request).id))]


def artifact(s: Store, request: Request, body: Any) -> Response:
    from runlab.lifecycle import artifacts

    run = _run(s, request)
    path = request.path_params["path"]
    items = artifacts.list_artifacts(s.journal_path(run.id))
    try:
        found = artifacts.find(items, path)
        file = artifacts.stored_file(s.run_dir(run.id), found.path)
    except UsageError as e:
        raise ApiError(404, str(e)) from None
    kind = mimetypes.guess_type(found.path)[0] or "application/octet-stream"
    inline = kind in INLINE_TYPES and request.query_params.get("download") is None
    name = os.path.basename(found.path).replace('"', "")
    return FileResponse(file, media_type=kind if inline else "application/octet-stream", headers={
        "Content-Security-Policy": ARTIFACT_POLICY, "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f'{"inline" if inline else "attachment"}; filename="{name}"'})


def models(s: Store, request: Request, body: Any) -> dict[str, Any]:
    from runlab.lifecycle import registry

    return {"models": [m.to_json() for m in registry.load(s.root).values()]}


def model(s: Store, request: Request, body: Any) -> dict[str, Any]:
    return reading.model_versions(s, request.path_params["name"])


# -- writing (journal events, as the CLI's edits write them) ----------------------------------


def _text(body: Any, key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise ApiError(400, f'the body needs "{key}": a string')
    return value


def set_tags(s: Store, request: Request, body: Any, patterns: list[str]) -> dict[str, Any]:
    from runlab.lifecycle import edits

    tags = body.get("tags")
    if not isinstance(tags, dict) or not tags:
        raise ApiError(400, 'the body needs "tags": an object of KEY: VALUE strings')
    words = []
    for key, value in tags.items():
        if not isinstance(value, (str, int, float, bool)) or "=" in key:
            raise ApiError(400, f"bad tag {key!r}: keys hold no '=', values are strings")
        words.append(f"{key}={value}")
    run = _run(s, request)
    edits.tag(s, [run.id], edits.parse_tags(words, patterns), patterns)
    return s.get(run.id).to_json()


def remove_tag(s: Store, request: Request, body: Any) -> dict[str, Any]:
    from runlab.lifecycle import edits

    run = _run(s, request)
    edits.untag(s, [run.id], edits.parse_keys([request.path_params["key"]]))
    return s.get(run.id).to_json()


def set_note(s: Store, request: Request, body: Any) -> dict[str, Any]:
    from runlab.lifecycle import edits

    run = _run(s, request)
    edits.set_note(s, [run.id], _text(body, "note"))
    return s.get(run.id).to_json()


def rename(s: Store, request: Request, body: Any) -> dict[str, Any]:
    from runlab.lifecycle import edits

    run = _run(s, request)
    edits.rename(s, [run.id], _text(body, "name"))
    return s.get(run.id).to_json()
