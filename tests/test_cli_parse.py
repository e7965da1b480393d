"""`runlab parse` and `runlab reparse`, through the real command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from runlab.store import Store
from tests.conftest import Result

PY = sys.executable
LOG = "Epoch 1/2\nloss: 0.5 acc=0.75\nEpoch 2/2\nloss: 0.25\n[3]\ttrain-rmse:0.51\n"
SCORE = r"score now (?P<score>[\d.]+)"


def test_parse_a_file_as_a_table_and_as_json(main: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.log").write_text(LOG)
    r = main("parse", "train.log")
    assert r.code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["KEY", "VALUE", "STEP", "RULE"]
    assert lines[1].split() == ["loss", "0.5", "1", "key_value"]
    assert lines[-1].split() == ["train-rmse", "0.51", "3", "xgboost"]
    r = main("parse", "train.log", "--json")
    assert json.loads(r.stdout) == [
        {"key": "loss", "value": 0.5, "step": 1, "rule": "key_value"},
        {"key": "acc", "value": 0.75, "step": 1, "rule": "key_value"},
        {"key": "loss", "value": 0.25, "step": 2, "rule": "key_value"},
        {"key": "train-rmse", "value": 0.51, "step": 3, "rule": "xgboost"},
    ]


def test_parse_stdin_with_patterns_and_config(main: Callable[..., Result], tmp_path: Path) -> None:
    text = "score now 0.5\nEpoch 2\nscore now 0.75\nloss: 1\n"
    r = main("parse", "-", "-m", SCORE, "--json", input=text)
    assert [(p["key"], p["value"], p["step"], p["rule"]) for p in json.loads(r.stdout)] == [
        ("score", 0.5, 0, "custom"), ("score", 0.75, 2, "custom"), ("loss", 1, 2, "key_value")]
    (tmp_path / "runlab.toml").write_text(
        f"metric_patterns = [{json.dumps(SCORE)}]\ndisabled_rules = [\"key_value\"]\n")
    r = main("parse", "--json", input=text)  # FILE defaults to stdin
    assert [p["key"] for p in json.loads(r.stdout)] == ["score", "score"]


def test_parse_says_so_when_nothing_is_found(main: Callable[..., Result]) -> None:
    r = main("parse", input="nothing here\n")
    assert r.code == 0 and r.stdout == "" and "no metrics found" in r.stderr
    assert json.loads(main("parse", "--json", input="").stdout) == []


def test_parse_errors(main: Callable[..., Result]) -> None:
    r = main("parse", "missing.log")
    assert r.code == 2 and "cannot read missing.log" in r.stderr
    r = main("parse", "-m", "(?P<x", input="x\n")
    assert r.code == 2 and "not a valid regex" in r.stderr


def show(main: Callable[..., Result]) -> dict[str, object]:
    r = main("show", "last", "--json")
    assert r.code == 0, r.stderr
    data: dict[str, object] = json.loads(r.stdout)
    return data


def metric_last(cli: Callable[..., Result], key: str) -> object:
    metrics = show(cli)["metrics"]
    assert isinstance(metrics, dict)
    entry = metrics.get(key)
    return entry["last"] if isinstance(entry, dict) else entry


def test_reparse_records_new_metrics_that_survive_reindex(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    r = cli(PY, "-c", "print('score now 0.5'); print('loss: 2')")
    assert r.code == 0, r.stderr
    assert set(show(cli)["metrics"]) == {"loss"}  # type: ignore[arg-type]
    r = cli("reparse", "last", "-m", SCORE)
    assert r.code == 0, r.stderr
    assert "2 metric points" in r.stderr and "score" in r.stderr
    assert metric_last(cli, "score") == 0.5
    assert cli("reindex").code == 0
    assert metric_last(cli, "score") == 0.5
    assert metric_last(cli, "loss") == 2
    store = Store(str(tmp_path / "store"))
    series = store.series(store.resolve("last"))
    assert {k: [(p.step, p.value) for p in v] for k, v in series.items()} == {
        "score": [(0, 0.5)], "loss": [(0, 2)]}
    store.close()


def test_reparse_with_config_replaces_the_old_metrics(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    assert cli(PY, "-c", "print('score now 0.5'); print('loss: 2')").code == 0
    (tmp_path / "runlab.toml").write_text(
        f"metric_patterns = [{json.dumps(SCORE)}]\ndisabled_rules = [\"key_value\"]\n")
    r = cli("reparse", "last")
    assert r.code == 0, r.stderr
    assert set(show(cli)["metrics"]) == {"score"}  # type: ignore[arg-type]
    assert cli("reindex").code == 0
    assert set(show(cli)["metrics"]) == {"score"}  # type: ignore[arg-type]


def test_reparse_keeps_what_the_output_did_not_give(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    # a point the program reported through the events channel (as the API and the start-up
    # hooks do) is not the output's: a reparse replaces only what the output gave, however
    # often it runs, and the index rebuilt from the journal says the same; a printed value
    # of that key is the report's (one source per metric) unless it is none of its values
    code = ("import json, os\n"
            "with open(os.environ['RUNLAB_EVENTS'], 'a') as f:\n"
            "    f.write(json.dumps({'metric': 'api_acc', 'value': 0.9, 'step': 3}) + '\\n')\n"
            "print('score now 0.5'); print('loss: 2'); print('step 4: api_acc: 0.90')\n"
            "print('step 5: api_acc: 0.95')\n")
    assert cli(PY, "-c", code).code == 0
    assert set(show(cli)["metrics"]) == {"loss", "api_acc"}  # type: ignore[arg-type]
    for _ in range(2):
        r = cli("reparse", "last", "-m", SCORE)
        assert r.code == 0, r.stderr
        assert "0 removed" in r.stderr
    assert cli("reindex").code == 0
    store = Store(str(tmp_path / "store"))
    series = store.series(store.resolve("last"))
    assert {k: sorted((p.step, p.value) for p in v) for k, v in series.items()} == {
        "score": [(0, 0.5)], "loss": [(0, 2)], "api_acc": [(3, 0.9), (5, 0.95)]}
    # a key both gave keeps its points in step order, and its last value
    assert [(p.step, p.value) for p in series["api_acc"]] == [(3, 0.9), (5, 0.95)]
    assert show(cli)["metrics"]["api_acc"]["last"] == 0.95  # type: ignore[index]
    store.close()


def series_live_and_reparsed(cli: Callable[..., Result], tmp_path: Path,
                             code: str) -> list[dict[str, list[tuple[int, float]]]]:
    """Run `code` tracked; its series as recorded, then after `reparse` (step, value each)."""
    assert cli(PY, "-c", code).code == 0
    store = Store(str(tmp_path / "store"))
    found = []
    for reparse in (False, True):
        if reparse:
            assert cli("reparse", "last").code == 0
        series = store.series(store.resolve("last"))
        found.append({k: sorted((p.step, p.value) for p in v) for k, v in series.items()})
    store.close()
    return found


def test_an_evaluations_printed_results_stay_its_own_live_and_after_reparse(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    # the Keras hook records an evaluate's results as eval_*; the program's print of them
    # under Keras' names is theirs, not the training's, while recording and after a reparse
    code = ("import json, os\n"
            "with open(os.environ['RUNLAB_EVENTS'], 'a') as f:\n"
            "    f.write(json.dumps({'hook': 'keras', 'step': 3, 'time': 0,\n"
            "                        'metrics': {'loss': 0.81, 'eval_loss': 0.8927261}}) + '\\n')\n"
            "print({'loss': 0.8927261}); print('step 4: loss: 0.7')\n")
    assert series_live_and_reparsed(cli, tmp_path, code) == [
        {"loss": [(3, 0.81), (4, 0.7)], "eval_loss": [(3, 0.8927261)]}] * 2


def test_a_printed_copy_of_a_path_s_value_is_the_hook_s_live_and_after_reparse(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    # CleanRL prints each episode's return and writes it as charts/episodic_return: one
    # series; a printed value at a step the path has another value at is the program's own
    code = ("import json, os, sys\n"
            "f = open(os.environ['RUNLAB_EVENTS'], 'a')\n"
            "for step, r in ((120, 12.5), (250, 25.5)):\n"
            "    print(f'global_step={step}, episodic_return=[{r}]'); sys.stdout.flush()\n"
            "    f.write(json.dumps({'hook': 'tensorboard', 'step': step, 'time': 0,\n"
            "                        'metrics': {'charts/episodic_return': r}}) + '\\n')\n"
            "    f.flush()\n"
            "print('global_step=250, episodic_return=[7.5]')\n")
    assert series_live_and_reparsed(cli, tmp_path, code) == [
        {"charts/episodic_return": [(120, 12.5), (250, 25.5)],
         "episodic_return": [(250, 7.5)]}] * 2


def test_reparse_of_an_unknown_run(main: Callable[..., Result]) -> None:
    r = main("reparse", "7")
    assert r.code != 0 and "no run number 7" in r.stderr


def test_parse_explain_shows_why_each_key_has_its_name(
    main: Callable[..., Result], tmp_path: Path
) -> None:
    (tmp_path / "train.log").write_text(
        "[epoch 3] train loss: 0.41, val acc: 87.2%\n"
        '{"epoch": 2, "val": {"loss": 0.4}}\n'
        "score now 0.5\n"
        "Validation Epoch 3 loss: 0.4\n"
    )
    r = main("parse", "train.log", "--explain", "--json", "-m", SCORE)
    assert r.code == 0, r.stderr
    by_key = {e["key"]: e for e in json.loads(r.stdout)}
    assert list(by_key) == ["train_loss", "val_acc", "val/loss", "score", "Validation_loss"]
    assert "the phase that qualifies it" in by_key["Validation_loss"]["why"]
    assert by_key["train_loss"]["text"] == "train loss: 0.41"
    assert "words joined with _" in by_key["train_loss"]["why"]
    assert by_key["val/loss"]["rule"] == "json" and "/" in by_key["val/loss"]["why"]
    assert by_key["score"]["rule"] == "custom"
    r = main("parse", "train.log", "--explain")
    assert r.code == 0 and r.stdout.split()[:4] == ["KEY", "RULE", "READ", "FROM"]
    assert "val acc: 87.2%" in r.stdout


def test_parse_explain_reads_each_key_from_its_own_line(
    main: Callable[..., Result], tmp_path: Path
) -> None:
    # Many lines, each giving points: a key first found late is shown with its own line.
    lines = [f"Epoch: [0]  [{i:2d}/40]  eta: 0:00:00  loss: {i}.5 ({i}.5)  time: 0.1" for i in range(40)]
    lines += ["Test:   [0/4]  eta: 0:00:00  loss: 1.3170 (1.3170)  time: 0.0090",
              "Test:  Acc@1 67.188 Acc@5 92.188"]
    (tmp_path / "train.log").write_text("\n".join(lines) + "\n")
    r = main("parse", "train.log", "--explain", "--json")
    assert r.code == 0, r.stderr
    by_key = {e["key"]: e for e in json.loads(r.stdout)}
    assert list(by_key) == ["loss", "Test_loss", "Test_Acc@1", "Test_Acc@5"]
    assert by_key["Test_loss"]["text"].startswith("Test:")
    assert by_key["Test_Acc@5"]["text"] == "Test:  Acc@1 67.188 Acc@5 92.188"


def test_parse_explain_keeps_a_number_s_comma_in_its_clause(
    main: Callable[..., Result], tmp_path: Path
) -> None:
    # a decimal comma (or a thousands one) is the value's, no clause's end
    (tmp_path / "train.log").write_text(
        "Epoche 1/5 - Verlust: 0,482 - Genauigkeit: 88,8 %\nstep 1, tps: 15,822, loss: 0.5\n")
    r = main("parse", "train.log", "--explain", "--json")
    assert r.code == 0, r.stderr
    texts = {e["key"]: e["text"] for e in json.loads(r.stdout)}
    assert texts == {"Verlust": "Verlust: 0,482", "Genauigkeit": "Genauigkeit: 88,8 %",
                     "tps": "tps: 15,822", "loss": "loss: 0.5"}


def test_reparse_says_which_keys_changed(cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli(PY, "-c", "print('val acc: 0.9 | loss: 2')").code == 0
    (tmp_path / "runlab.toml").write_text('disabled_rules = ["key_value"]\n')
    r = cli("reparse", "last", "-m", SCORE)
    assert r.code == 0, r.stderr
    assert "keys: 0 added, 2 removed, 0 renamed" in r.stderr
    (tmp_path / "runlab.toml").unlink()
    r = cli("reparse", "last", "-m", r"(?P<acc>\d\.\d)")
    assert r.code == 0, r.stderr
    assert "keys: 2 added, 0 removed, 0 renamed" in r.stderr and "added: acc" in r.stderr
    r = cli("reparse", "last")
    assert "keys: 0 added, 0 removed, 1 renamed" in r.stderr
    assert "renamed: acc -> val_acc" in r.stderr
    assert set(show(cli)["metrics"]) == {"val_acc", "loss"}  # type: ignore[arg-type]


def test_reparse_keeps_the_run_s_own_patterns(cli: Callable[..., Result]) -> None:
    # the run's -m is part of how its output is read: reparse reads with it again
    own = r"top1 (?P<top1>[\d.]+)"
    assert cli("-m", own, PY, "-c", "print('top1 71.5 | loss: 2')").code == 0
    r = cli("reparse", "last")
    assert r.code == 0, r.stderr
    assert "keys: 0 added, 0 removed, 0 renamed" in r.stderr
    assert f"patterns: '{own}' (1 the run's own)" in r.stderr  # as typed, not escaped
    assert set(show(cli)["metrics"]) == {"top1", "loss"}  # type: ignore[arg-type]


def test_parse_streams_what_it_reads(cli: Callable[..., Result], tmp_path: Path) -> None:
    # a program's output piped in: each point as its line comes, before the input ends
    import os
    import select
    import subprocess

    proc = subprocess.Popen([PY, "-m", "runlab", "parse"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                            env={**os.environ, "NO_COLOR": "1"})
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write(b"step 1 loss=0.5\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 120)  # a bound, not a wait
        assert ready, "no output before the input ended"
        assert proc.stdout.readline().split() == [b"KEY", b"VALUE", b"STEP", b"RULE"]
        assert proc.stdout.readline().split() == [b"loss", b"0.5", b"1", b"key_value"]
        proc.stdin.write(b"step 2 loss=0.25\n")
        proc.stdin.close()
        assert proc.stdout.read().split() == [b"loss", b"0.25", b"2", b"key_value"]
    finally:
        proc.kill()
        proc.wait()
    # a large log: the table and the JSON both whole, in order
    (tmp_path / "big.log").write_text("".join(f"step {i} loss={i / 7:.4f}\n" for i in range(20_000)))
    table = cli("parse", str(tmp_path / "big.log")).stdout.splitlines()
    assert len(table) == 20_001 and table[-1].split() == ["loss", "2857", "19999", "key_value"]
    listed = json.loads(cli("parse", str(tmp_path / "big.log"), "--json").stdout)
    assert len(listed) == 20_000 and listed[-1] == {
        "key": "loss", "value": 2857.0, "step": 19999, "rule": "key_value"}
