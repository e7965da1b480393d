"""The REST API of `runlab ui`: a real server on a free loopback port, plain HTTP requests."""

from __future__ import annotations

import gzip
import json
import math
import os
import subprocess
import sys
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import runlab
from runlab.store import Store
from runlab.ui.app import plotly_js
from tests.conftest import Result, child_env
from tests.uiserver import Server, request, serving

XSS = "<img src=x onerror=alert(1)>"


def make_runs(tmp_path: Path) -> None:
    """Three runs through the Python API: two learning rates, a spike, an HTML name."""
    store = os.environ["RUNLAB_STORE"]
    for lr in (0.1, 0.01):
        with runlab.start_run(name=f"lr{lr}", params={"lr": lr, "seed": 1}, store=store) as r:
            for s in range(30):
                r.log_metric("loss", math.exp(-lr * s), step=s)
    with runlab.start_run(name=XSS, params={"lr": 0.5}, tags={"html": "<b>x</b>"},
                          store=store) as r:
        for s in range(10_000):
            r.log_metric("loss", 100.0 if s == 4321 else 1.0 / (s + 1), step=s)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    make_runs(tmp_path)
    with serving() as srv:
        yield srv


def get(srv: Server, path: str, **kw: Any) -> Any:
    return request(srv.base + path, **kw)


def ls_json(cli: Callable[..., Result], *args: str) -> Any:
    r = cli("ls", "--json", *args)
    assert r.code == 0, r.stderr
    return json.loads(r.stdout)


def test_runs_are_those_of_ls_json_and_of_python(server: Server,
                                                 cli: Callable[..., Result]) -> None:
    q = urllib.parse.urlencode({"where": "params.lr < 0.2", "sort": "params.lr"})
    answer = get(server, f"/api/runs?{q}")
    assert answer.status == 200
    data = answer.json()
    cli_runs = ls_json(cli, "--where", "params.lr < 0.2", "--sort", "params.lr")
    py_runs = runlab.runs(where="params.lr < 0.2", sort="params.lr")
    assert data["total"] == 2
    assert [r["name"] for r in data["runs"]] == ["lr0.01", "lr0.1"]
    for api_run, cli_run, py_run in zip(data["runs"], cli_runs, py_runs, strict=True):
        assert api_run == cli_run == py_run


def test_runs_page_by_page_with_the_total(server: Server) -> None:
    first = get(server, "/api/runs?limit=2").json()
    second = get(server, "/api/runs?limit=2&offset=2").json()
    assert first["total"] == second["total"] == 3
    assert [r["number"] for r in first["runs"]] == [3, 2]
    assert [r["number"] for r in second["runs"]] == [1]
    assert get(server, "/api/runs?limit=0").status == 400
    assert get(server, "/api/runs?offset=x").json() == {
        "error": "offset must be a whole number, not 'x'"}


def test_the_changes_stamp_moves_with_the_store_only(server: Server,
                                                    cli: Callable[..., Result]) -> None:
    first = get(server, "/api/changes").json()["stamp"]
    assert get(server, "/api/runs").headers["X-Runlab-Stamp"] == first
    assert get(server, "/api/changes").json()["stamp"] == first  # reading changes nothing
    with runlab.start_run(name="new") as r:
        r.log_metric("loss", 1.0, step=0)
    second = get(server, "/api/changes").json()["stamp"]
    assert second != first
    assert get(server, "/api/runs?limit=1").json()["runs"][0]["name"] == "new"
    assert cli("tag", "last", "seen=yes").code == 0
    assert get(server, "/api/changes").json()["stamp"] != second


def test_a_malformed_query_points_at_the_column(server: Server,
                                                cli: Callable[..., Result]) -> None:
    answer = get(server, "/api/runs?" + urllib.parse.urlencode({"where": "params.lr >"}))
    assert answer.status == 400
    data = answer.json()
    assert data["column"] == 11 and data["expression"] == "params.lr >"
    assert data["error"] in cli("ls", "--where", "params.lr >").stderr
    answer = get(server, "/api/runs?sort=params.")
    assert answer.status == 400 and "error" in answer.json()


def test_one_run_is_the_show_json_object(server: Server, cli: Callable[..., Result]) -> None:
    r = cli("show", "lr0.1", "--json")
    shown = get(server, "/api/runs/lr0.1").json()
    assert shown == json.loads(r.stdout)
    assert get(server, "/api/runs/last").json()["name"] == XSS
    missing = get(server, "/api/runs/99")
    assert missing.status == 404 and "no run number 99" in missing.json()["error"]


def test_a_series_is_downsampled_keeping_every_spike(server: Server) -> None:
    data = get(server, "/api/runs/3/metrics/loss?max_points=100").json()
    points = data["points"]
    assert data["downsampled"] is True and data["count"] == 10_000
    assert len(points) <= 100
    assert points[0]["step"] == 0 and points[-1]["step"] == 9999
    assert max(p["value"] for p in points) == 100.0
    steps = [p["step"] for p in points]
    assert steps == sorted(steps)
    full = get(server, "/api/runs/3/metrics/loss?max_points=0").json()
    assert len(full["points"]) == 10_000 and full["downsampled"] is False
    assert full["points"] == runlab.metric_history(3, "loss")
    # Read from the series cache's blocks: the very points downsample() picks of them all.
    from runlab.store.series import downsample

    for max_points in (100, 2000):
        picked = downsample([p["value"] for p in full["points"]], max_points)
        data = get(server, f"/api/runs/3/metrics/loss?max_points={max_points}").json()
        assert data["points"] == [full["points"][i] for i in picked]
    unknown = get(server, "/api/runs/3/metrics/acc")
    assert unknown.status == 400 and "has no metric 'acc'" in unknown.json()["error"]


def test_the_log_by_byte_range(tmp_path: Path, cli: Callable[..., Result]) -> None:
    code = "print('<script>alert(1)</script>'); print('\\x1b[31mred\\x1b[0m'); print('end')"
    assert cli("-q", sys.executable, "-c", code).code == 0
    with serving() as srv:
        whole = get(srv, "/api/runs/last/log")
        assert whole.status == 200
        assert whole.body.startswith(b"<script>alert(1)</script>") and b"\x1b[31mred" in whole.body
        assert whole.headers["X-Log-Size"] == str(len(whole.body))
        assert whole.headers["Content-Type"] == "application/octet-stream"
        assert whole.headers["X-Content-Type-Options"] == "nosniff"
        part = get(srv, "/api/runs/last/log?offset=8&limit=9")
        assert part.body == whole.body[8:17]
        tail = get(srv, "/api/runs/last/log?offset=-4")
        assert tail.body == b"end\n"


def test_artifacts_by_path_never_leave_the_run(tmp_path: Path,
                                               cli: Callable[..., Result]) -> None:
    work = tmp_path / "work"
    work.mkdir()
    code = ("open('report.html', 'w').write('<script>alert(1)</script>');"
            "open('m.csv', 'w').write('a,b\\n1,2\\n')")
    r = cli("-a", "*.html", "-a", "*.csv", sys.executable, "-c", code, cwd=work)
    assert r.code == 0, r.stderr
    with serving() as srv:
        listed = get(srv, "/api/runs/last/artifacts").json()
        assert [a["path"] for a in listed] == ["m.csv", "report.html"]
        page = get(srv, "/api/runs/last/artifacts/report.html")
        assert page.status == 200 and page.body == b"<script>alert(1)</script>"
        # Never rendered as a page of this origin: a download, in a sandbox.
        assert page.headers["Content-Type"] == "application/octet-stream"
        assert page.headers["Content-Disposition"].startswith("attachment")
        assert page.headers["Content-Security-Policy"].startswith("sandbox")
        assert get(srv, "/api/runs/last/artifacts/m.csv").body == b"a,b\n1,2\n"
        for bad in ("../journal.jsonl", "..%2Fjournal.jsonl", "%2E%2E/output.log",
                    "/etc/passwd", "nothere.txt"):
            answer = get(srv, f"/api/runs/last/artifacts/{bad}")
            assert answer.status in (400, 404), bad
            assert b"alert" not in answer.body and b'"e":' not in answer.body


def test_edits_are_the_cli_journal_events(server: Server, cli: Callable[..., Result],
                                          store: Store) -> None:
    answer = get(server, "/api/runs/lr0.1/tags", method="POST",
                 body={"tags": {"reviewed": "yes", "best": ""}})
    assert answer.status == 200 and answer.json()["tags"]["reviewed"] == "yes"
    found = ls_json(cli, "--where", 'tags.reviewed = "yes"')
    assert [r["name"] for r in found] == ["lr0.1"]
    assert cli("tag", "lr0.01", "reviewed=yes", "best").code == 0
    run_id = answer.json()["id"]
    other = ls_json(cli, "--where", "params.lr = 0.01")[0]["id"]
    event = [e for e in store.events(run_id) if e["e"] == "tag"][-1]
    cli_event = [e for e in store.events(other) if e["e"] == "tag"][-1]
    assert {k: v for k, v in event.items() if k != "t"} == \
        {k: v for k, v in cli_event.items() if k != "t"}
    assert get(server, "/api/runs/lr0.1/tags/reviewed", method="DELETE").status == 200
    assert "reviewed" not in ls_json(cli, "--where", "name = lr0.1")[0]["tags"]
    note = get(server, "/api/runs/lr0.1/note", method="POST", body={"note": "<b>kept</b>"})
    assert note.json()["note"] == "<b>kept</b>"
    renamed = get(server, "/api/runs/lr0.1/name", method="POST", body={"name": "first"})
    assert renamed.json()["name"] == "first"
    assert [e["e"] for e in store.events(run_id)][-3:] == ["untag", "note", "rename"]
    # Bad edits: one sentence, nothing written.
    assert get(server, "/api/runs/first/name", method="POST", body={"name": "12"}).status == 400
    assert get(server, "/api/runs/first/note", method="POST", body={"text": "x"}).status == 400
    assert get(server, "/api/runs/first/tags", method="POST", body={"tags": []}).status == 400
    bad = request(server.base + "/api/runs/first/note", method="POST",
                  headers={"Content-Type": "application/json"})
    assert bad.status == 400  # an empty body is an empty object, without the note
    assert [e["e"] for e in store.events(run_id)][-1] == "rename"


def test_secret_tags_are_redacted_as_the_cli_does(server: Server) -> None:
    answer = get(server, "/api/runs/1/tags", method="POST", body={"tags": {"api_key": "s3cr3t"}})
    assert answer.json()["tags"]["api_key"] == "***"


def test_models_are_the_registry(tmp_path: Path, cli: Callable[..., Result]) -> None:
    work = tmp_path / "work"
    work.mkdir()
    code = "open('model.pt', 'wb').write(b'weights')"
    assert cli("-a", "model.pt", sys.executable, "-c", code, cwd=work).code == 0
    assert cli("model", "register", "last", "model.pt", "--name", "clf").code == 0
    assert cli("model", "alias", "clf", "1", "champion").code == 0
    with serving() as srv:
        models = get(srv, "/api/models").json()
        assert models == {"models": json.loads(cli("model", "ls", "--json").stdout)}
        one = get(srv, "/api/models/clf").json()
        assert one == json.loads(cli("model", "show", "clf", "--json").stdout)
        assert one["versions"][0]["aliases"] == ["champion"]
        assert get(srv, "/api/models/nope").status == 400


def test_openapi_lists_every_endpoint(server: Server) -> None:
    doc = get(server, "/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    for path in ("/api/runs", "/api/runs/{ref}", "/api/runs/{ref}/metrics/{key}",
                 "/api/runs/{ref}/log", "/api/runs/{ref}/artifacts/{path}", "/api/models",
                 "/api/runs/{ref}/tags", "/api/runs/{ref}/tags/{key}", "/api/runs/{ref}/note",
                 "/api/runs/{ref}/name", "/api/changes"):
        assert path in doc["paths"], path


def test_the_page_and_its_scripts_are_served_from_runlab(server: Server) -> None:
    page = get(server, "/")
    assert page.status == 200 and b"/static/app.js" in page.body
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    plotly = get(server, "/static/plotly.min.js")
    assert plotly.status == 200 and len(plotly.body) > 1_000_000
    # plotly's own file, behind V8's hint to compile it all off the page's thread.
    with open(plotly_js() or "", "rb") as f:
        assert plotly.body == b"//# allFunctionsCalledOnLoad\n" + f.read()
    # Compressed for a browser (once per server), and not sent again to one that has it.
    packed = get(server, "/static/plotly.min.js", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.body) == plotly.body and len(packed.body) < len(plotly.body)
    for name in ("plotly.min.js", "app.js"):
        tag = get(server, "/static/" + name).headers["ETag"]
        again = get(server, "/static/" + name, headers={"If-None-Match": tag})
        assert again.status == 304 and again.body == b""
    assert get(server, "/static/../app.py").status == 404


# -- safe by default ----------------------------------------------------------------------------


def test_loopback_answers_only_for_loopback_names(server: Server) -> None:
    port = server.base.rsplit(":", 1)[1]
    assert get(server, "/api/runs", headers={"Host": f"localhost:{port}"}).status == 200
    rebound = get(server, "/api/runs", headers={"Host": f"evil.example:{port}"})
    assert rebound.status == 403 and "error" in rebound.json()


def test_writes_from_another_origin_are_refused(server: Server) -> None:
    host = server.base.split("//")[1]
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        answer = get(server, "/api/runs/1/note", method="POST", body={"note": "pwned"},
                     headers=headers)
        assert answer.status == 403, headers
    same = get(server, "/api/runs/1/note", method="POST", body={"note": "mine"},
               headers={"Origin": f"http://{host}", "Sec-Fetch-Site": "same-origin"})
    assert same.status == 200
    assert runlab.runs(where="number = 1")[0]["note"] == "mine"


def test_another_host_needs_the_token_on_every_request(tmp_path: Path) -> None:
    make_runs(tmp_path)
    with serving("--host", "0.0.0.0") as srv:
        token = urllib.parse.parse_qs(urllib.parse.urlsplit(srv.url).query)["token"][0]
        assert len(token) >= 16
        base = srv.base.replace("0.0.0.0", "127.0.0.1")
        for path in ("/", "/api/runs", "/static/app.js", "/api/runs/1/log"):
            answer = request(base + path)
            assert answer.status == 401, path
            assert "token" in answer.json()["error"]
        assert request(base + "/api/runs?token=wrong").status == 401
        assert request(base + f"/api/runs?token={token}").status == 200
        bearer = {"Authorization": f"Bearer {token}"}
        assert request(base + "/api/runs", headers=bearer).status == 200
        page = request(base + f"/?token={token}")
        cookie = page.headers["set-cookie"]
        assert cookie.startswith(f"runlab_token={token}") and "HttpOnly" in cookie
        assert request(base + "/api/runs", headers={"Cookie": cookie.split(";")[0]}).status == 200
        # The token does not let another origin write.
        answer = request(base + "/api/runs/1/note", method="POST", body={"note": "x"},
                         headers={**bearer, "Origin": "http://evil.example"})
        assert answer.status == 403


def test_a_given_token_is_required_on_loopback_too(tmp_path: Path) -> None:
    with serving("--token", "correct-horse") as srv:
        assert srv.url.endswith("?token=correct-horse")
        assert request(srv.base + "/api/runs").status == 401
        assert request(srv.base + "/api/runs?token=correct-horse").status == 200


def test_bad_options_are_one_line(cli: Callable[..., Result]) -> None:
    r = cli("ui", "--token", "short", "--no-browser")
    assert r.code == 2 and r.stderr.startswith("runlab: error: ") and r.stderr.count("\n") == 1
    with serving() as srv:
        port = srv.base.rsplit(":", 1)[1]
        r = cli("ui", "--port", port, "--no-browser")
        assert r.code == 2 and f"cannot listen on 127.0.0.1:{port}" in r.stderr


def test_no_other_command_imports_the_ui_dependencies(tmp_path: Path) -> None:
    heavy = "{'starlette', 'uvicorn', 'plotly', 'pandas'}"
    report = (f"print(sorted({heavy} & {{m.split('.')[0] for m in sys.modules}}), "
              "file=sys.stderr)")
    for words in ([sys.executable, "-c", "pass"], ["ls"]):
        code = ("import sys, runpy\n"
                f"sys.argv = ['runlab', *{words!r}]\n"
                "try:\n"
                "    runpy.run_module('runlab', run_name='__main__')\n"
                "except SystemExit:\n"
                "    pass\n" + report + "\n")
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=child_env(), cwd=str(tmp_path))
        assert r.stderr.strip().endswith("[]"), (words, r.stderr)
    code = "import sys, runlab; runlab.runs; runlab.runs_frame\n" + report
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=child_env(), cwd=str(tmp_path))
    assert r.stderr.strip() == "[]", r.stderr


def test_a_missing_metric_names_the_runs_metrics_and_how_many_more(tmp_path: Path) -> None:
    with runlab.start_run(store=os.environ["RUNLAB_STORE"]) as r:
        for i in range(21):
            r.log_metric(f"m{i:02}", float(i), step=1)
    with serving() as srv:
        answer = get(srv, "/api/runs/last/metrics/acc")
    assert answer.status == 400
    error = answer.json()["error"]
    assert "has no metric 'acc'" in error
    assert ", ".join(f"m{i:02}" for i in range(20)) + " … and 1 more)" in error
    assert "m20" not in error
