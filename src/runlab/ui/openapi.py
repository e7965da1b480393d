"""The OpenAPI description of the REST API (served at /api/openapi.json)."""

from __future__ import annotations

from typing import Any

from runlab import __version__

_REF = {"name": "ref", "in": "path", "required": True, "schema": {"type": "string"},
        "description": "A run reference: number, last, last~N, name, or 6+ characters of its id."}
_ERROR = {"description": "An error", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}}}}
_OBJECT = {"application/json": {"schema": {"type": "object"}}}


def _query(name: str, kind: str, text: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": kind}, "description": text}


def _op(summary: str, params: list[dict[str, Any]] | None = None,
        body: dict[str, Any] | None = None, content: dict[str, Any] | None = None) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary, "parameters": params or [],
        "responses": {"200": {"description": "OK", "content": content or _OBJECT},
                      "400": _ERROR, "404": _ERROR, "401": _ERROR, "403": _ERROR}}
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "properties": body, "required": list(body)}}}}
    return op


def document() -> dict[str, Any]:
    text = {"type": "string"}
    raw = {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "runlab", "version": __version__,
                 "description": "Runs recorded by runlab, in the shapes of `runlab ... --json`."},
        "paths": {
            "/api/runs": {"get": _op("List runs (the records of `runlab ls --json`) and the "
                                     "total that match", [
                _query("where", "string", "A query-language expression, as `ls --where`."),
                _query("sort", "string", "[-]FIELD, as `ls --sort`; repeatable."),
                _query("limit", "integer", "At most this many runs (default 100, max 1000)."),
                _query("offset", "integer", "Skip this many runs first."),
                _query("experiment", "string", "Only runs of this experiment."),
                _query("deleted", "boolean", "List deleted runs instead.")])},
            "/api/fields": {"get": _op("The param, metric and tag keys in use")},
            "/api/changes": {"get": _op(
                "{\"stamp\": S}: S changes whenever a run is added or changes (poll it, then "
                "fetch the runs again)")},
            "/api/runs/{ref}": {"get": _op("One run: the `runlab show --json` object", [_REF])},
            "/api/runs/{ref}/metrics/{key}": {"get": _op(
                "A metric's series, downsampled to max_points keeping the first and last point "
                "and each bucket's minimum and maximum",
                [_REF, {"name": "key", "in": "path", "required": True, "schema": text},
                 _query("max_points", "integer", "At most this many points (default 2000; "
                        "0: every point).")])},
            "/api/runs/{ref}/log": {"get": _op(
                "Bytes of the output log; X-Log-Size gives its size, X-Run-Status the status",
                [_REF, _query("offset", "integer", "First byte (negative: from the end)."),
                 _query("limit", "integer", "At most this many bytes.")], content=raw)},
            "/api/runs/{ref}/patch": {"get": _op("The uncommitted diff at start", [_REF],
                                                 content={"text/plain": {"schema": text}})},
            "/api/runs/{ref}/artifacts": {"get": _op("The run's artifacts (`artifacts --json`)",
                                                     [_REF])},
            "/api/runs/{ref}/artifacts/{path}": {"get": _op(
                "An artifact file", [_REF, {"name": "path", "in": "path", "required": True,
                                            "schema": text}], content=raw)},
            "/api/runs/{ref}/tags": {"post": _op("Set tags (a `tag` journal event)", [_REF],
                                                 {"tags": {"type": "object"}})},
            "/api/runs/{ref}/tags/{key}": {"delete": _op(
                "Remove a tag (an `untag` journal event)",
                [_REF, {"name": "key", "in": "path", "required": True, "schema": text}])},
            "/api/runs/{ref}/note": {"post": _op("Set the note (\"\" clears it)", [_REF],
                                                 {"note": text})},
            "/api/runs/{ref}/name": {"post": _op("Rename the run (\"\" removes the name)", [_REF],
                                                 {"name": text})},
            "/api/models": {"get": _op("The model registry (`model ls --json`)")},
            "/api/models/{name}": {"get": _op(
                "A model's versions (`model show --json`)",
                [{"name": "name", "in": "path", "required": True, "schema": text}])},
            "/api/openapi.json": {"get": _op("This document")},
        },
    }
