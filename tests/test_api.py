"""The Python API, with and without the wrapper: the same run either way."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

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
