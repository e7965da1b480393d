"""The Python API, with and without the wrapper: the same run either way."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import Result, child_env

SCRIPT = """\
import runlab
with runlab.start_run(name="api", params={"lr": 0.1, "api_token": "t0ps3cret"}, tags={"k": "v"}) as run:
    for step in range(5):
        run.log_metrics({"loss": 1.0 / (step + 1), "acc": step / 10}, step=step)
    run.log_param("layers", 3)
    run.set_tag("best")
    runlab.log_metric("extra", 7.5)
"""

MODULE_LEVEL = """\
import runlab
runlab.log_param("seed", 1)
runlab.set_tags({"stage": "finetune"})
for i in range(3):
    runlab.log_metric("x", i * 2.0)
"""


def _run(cli: Callable[..., Result], tmp_path: Path, code: str, wrapped: bool) -> dict:  # type: ignore[type-arg]
    script = tmp_path / "script.py"
    script.write_text(code)
    if wrapped:
        r = cli(sys.executable, str(script))
    else:
        p = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=child_env(),
                           capture_output=True, text=True)
        r = Result(p.returncode, p.stdout, p.stderr)
    assert r.code == 0, r.stderr
    return json.loads(cli("show", "last", "--json").stdout)  # type: ignore[no-any-return]


def _series(cli: Callable[..., Result]) -> dict:  # type: ignore[type-arg]
    r = cli("show", "last", "--json")
    run_id = json.loads(r.stdout)["id"]
    from runlab.store import Store
    import os

    s = Store(os.environ["RUNLAB_STORE"])
    return {k: [(p.step, p.value) for p in v] for k, v in s.series(run_id).items()}


def test_same_metrics_with_and_without_the_wrapper(cli: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    direct = _run(cli, tmp_path, SCRIPT, wrapped=False)
    direct_series = _series(cli)
    wrapped = _run(cli, tmp_path, SCRIPT, wrapped=True)
    wrapped_series = _series(cli)
    for run in (direct, wrapped):
        assert run["name"] == "api"
        assert run["params"]["lr"] == 0.1 and run["params"]["layers"] == 3
        assert run["params"]["api_token"] == "***"
        assert run["tags"] == {"k": "v", "best": ""}
        assert run["metrics"]["loss"]["count"] == 5
        assert run["metrics"]["extra"]["last"] == 7.5
        assert run["status"] == "finished"
    assert direct_series == wrapped_series
    assert direct_series["loss"] == [(s, 1.0 / (s + 1)) for s in range(5)]
    assert direct["number"] == 1 and wrapped["number"] == 2


def test_module_level_calls_start_and_end_a_run(cli: Callable[..., Result],
                                                tmp_path: Path) -> None:
    run = _run(cli, tmp_path, MODULE_LEVEL, wrapped=False)
    assert run["status"] == "finished"
    assert run["params"] == {"seed": 1}
    assert run["tags"] == {"stage": "finetune"}
    assert run["metrics"]["x"] == {"last": 4.0, "min": 0.0, "max": 4.0, "count": 3,
                                   "last_step": 2}
    assert run["command"][1].endswith("script.py")


def test_an_uncaught_exception_fails_the_direct_run(cli: Callable[..., Result],
                                                    tmp_path: Path) -> None:
    script = tmp_path / "boom.py"
    script.write_text("import runlab\nrunlab.log_metric('x', 1)\n1/0\n")
    p = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=child_env(),
                       capture_output=True, text=True)
    assert p.returncode == 1
    run = json.loads(cli("show", "last", "--json").stdout)
    assert run["status"] == "failed" and run["metrics"]["x"]["last"] == 1.0


@pytest.mark.parametrize(("ending", "code", "status"), [
    ("import sys; sys.exit(4)", 4, "failed"),
    ("exit(3)", 3, "failed"),
    ("import sys; sys.exit('no data')", 1, "failed"),
    ("import sys; sys.exit(0)", 0, "finished"),
    ("import sys; sys.exit()", 0, "finished"),
])
def test_exiting_with_a_code_ends_the_direct_run_with_it(
        cli: Callable[..., Result], tmp_path: Path, ending: str, code: int, status: str) -> None:
    script = tmp_path / "leave.py"
    script.write_text(f"import runlab\nrunlab.log_metric('x', 1)\n{ending}\n")
    p = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=child_env(),
                       capture_output=True, text=True)
    assert p.returncode == code
    run = json.loads(cli("show", "last", "--json").stdout)
    assert (run["status"], run["exit_code"]) == (status, code)
    assert run["metrics"]["x"]["last"] == 1.0


def test_events_file_from_a_shell_script(cli: Callable[..., Result], tmp_path: Path) -> None:
    script = tmp_path / "report.sh"
    script.write_text(
        '#!/bin/sh\n'
        'echo \'{"metric": "acc", "value": 0.91, "step": 3}\' >> "$RUNLAB_EVENTS"\n'
        'echo \'{"param": "lr", "value": 0.01}\' >> "$RUNLAB_EVENTS"\n'
        'echo \'{"tag": "stage", "value": "ft"}\' >> "$RUNLAB_EVENTS"\n'
        'echo "not json" >> "$RUNLAB_EVENTS"\n'
    )
    script.chmod(0o755)
    r = cli(str(script))
    assert r.code == 0, r.stderr
    run = json.loads(cli("show", "last", "--json").stdout)
    assert run["metrics"]["acc"]["last"] == 0.91 and run["metrics"]["acc"]["last_step"] == 3
    assert run["params"]["lr"] == 0.01
    assert run["tags"]["stage"] == "ft"


# Lines any program may write to the events file: none of them may stop the run or the lines
# after them, nor leave in the store what a later command cannot read.
ODD_LINES = [
    '{"argparse": [1]}',  # entries that are no objects
    '{"argparse": [null, "x", {"key": 5}, {"value": 1}]}',
    '{"metric": "a", "value": 1, "time": "x"}',  # a time that is no number: now
    '{"metric": "b", "value": 2, "step": true}',  # a bool is no step: the next one (0)
    '{"metric": "c", "value": 3, "time": true, "step": 1.5}',
    '{"metric": "d", "value": 4, "time": 1e300}',  # past any date: now
    '{"metric": "e", "value": 5, "time": -1, "step": "2"}',
    '{"metric": "f", "value": 6, "step": 100000000000000000000000000000}',  # past SQLite's
    '{"metric": "g", "value": 1' + "0" * 400 + '}',  # no float holds it
    '{"metric": ["h"], "value": 1}',  # a name that is no string
    '{"metrics": {"i": "x", "j": 7}, "step": {}}',
    '{"param": 5, "value": 1}',
    '{"param": "huge", "value": 1' + "0" * 30 + '}',  # past SQLite's INTEGER: kept as it is
    '{"tag": ["t"], "value": 1}',
    '{"name": "12"}',  # a name no run reference reaches
    '{"name": 3}',
    '{"artifact": 7}',
    '{"params": {"p": ' + "[" * 900 + "]" * 900 + "}}",  # nested past any report
    "[" * 50_000,
    '[1, 2]', '"text"', "null", "not json", "{}", "{",
]
GOOD_LINES = [
    '{"metric": "good", "value": 0.5, "step": 7, "time": 1700000000.5}',
    '{"param": "lr", "value": 0.01}',
    '{"tag": "stage", "value": "ft"}',
]


def test_odd_lines_in_the_events_file_never_stop_the_run(cli: Callable[..., Result]) -> None:
    lines = [*ODD_LINES[:3], GOOD_LINES[0], *ODD_LINES[3:10], GOOD_LINES[1], *ODD_LINES[10:],
             GOOD_LINES[2]]
    r = cli("--no-git", "sh", "-c", 'printf "%s\\n" "$@" >> "$RUNLAB_EVENTS"', "sh", *lines)
    assert r.code == 0, r.stderr
    assert "Traceback" not in r.stderr

    shown = cli("show", "last", "--json")
    assert shown.code == 0, shown.stderr
    run = json.loads(shown.stdout)
    assert run["status"] == "finished" and run["name"] is None
    assert run["params"] == {"lr": 0.01, "huge": 10**30}
    assert run["tags"] == {"stage": "ft"}
    assert run["metrics"]["good"]["last"] == 0.5 and run["metrics"]["good"]["last_step"] == 7
    assert sorted(run["metrics"]) == ["a", "b", "c", "d", "e", "f", "good", "j"]

    listed = cli("metrics", "last", "--json")
    assert listed.code == 0, listed.stderr
    series = json.loads(listed.stdout)
    assert [p["step"] for p in series["b"]] == [0]  # not 1
    assert {k: [p["step"] for p in v] for k, v in series.items()} == {
        "a": [0], "b": [0], "c": [0], "d": [0], "e": [0], "f": [0], "good": [7], "j": [0]}
    assert series["good"][0]["time"].startswith("2023-11-1")
    started = datetime.fromisoformat(run["started_at"])
    for key in "acde":  # stamped when read
        assert abs(datetime.fromisoformat(series[key][0]["time"]) - started).total_seconds() < 60
    for args in (["ls"], ["ls", "--format", "json"], ["show", "last"], ["reindex"]):
        r = cli(*args)
        assert r.code == 0 and "Traceback" not in r.stderr, (args, r.stderr)


def test_log_artifact_without_the_wrapper_keeps_the_file(cli: Callable[..., Result],
                                                         tmp_path: Path) -> None:
    (tmp_path / "model.pt").write_bytes(b"\x00weights\xff" * 100)
    _run(cli, tmp_path, "import runlab\nrunlab.log_artifact('model.pt')\n", wrapped=False)
    listed = cli("artifacts", "last", "--json")
    assert listed.code == 0, listed.stderr
    assert [a["path"] for a in json.loads(listed.stdout)] == ["model.pt"]
    out = tmp_path / "copy.pt"
    assert cli("get", "last", "model.pt", "-o", str(out)).code == 0
    assert out.read_bytes() == (tmp_path / "model.pt").read_bytes()


def test_a_step_the_store_cannot_hold_is_refused(tmp_path: Path) -> None:
    import pytest

    import runlab

    with runlab.start_run(store=str(tmp_path / "s")) as run:
        for bad in (True, 2**70, -(2**70), 1.5):
            with pytest.raises(ValueError, match="a step must be a whole number"):
                run.log_metric("x", 1.0, step=bad)  # type: ignore[arg-type]
        run.log_metric("x", 1.0, step=3)
