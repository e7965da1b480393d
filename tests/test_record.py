"""The run path's parts, in-process: the events channel, the recorder, the start event."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from runlab.capture.args import parse_args
from runlab.capture.git import capture_git
from runlab.capture.system import process_ticks
from runlab.record import api, channel, runner
from runlab.parsing import Point
from runlab.record.recorder import FLUSH_POINTS, Losses, Ownership, Recorder
from runlab.record.start import command_key, process_fields, source_fields, start_event
from runlab.store import Store

NOW = 1_700_000_000.0
HOST = {"user": "ada", "host": "lab", "python": "3.11", "platform": "Linux"}


def decode(text: str) -> tuple[list[channel.Report], int]:
    return channel.decode(text.encode(), NOW)


# -- the channel ----------------------------------------------------------------------------


def test_channel_lines_decode_to_reports() -> None:
    text = (
        '{"metrics": {"loss": 0.5, "acc": "0.9"}, "step": 3, "time": 1700000001.5}\n'
        '{"metric": "lr", "value": 0.01}\n'
        '{"param": "seed", "value": 7}\n'
        '{"params": {"lr": 0.1, "layers": [64, 32]}}\n'
        '{"tag": "stage", "value": null}\n'
        '{"name": "baseline"}\n'
        '{"artifact": "/tmp/model.pt"}\n'
        '{"hook": "lightning", "owns": ["v_num", 3], "exclusive": true, "time": 1700000002}\n'
        '{"argparse": [{"key": "lr", "value": 0.1, "given": true}, {"key": "", "value": 1}]}\n')
    reports, used = decode(text)
    assert used == len(text)
    first, metric, param, params, tag, name, artifact, hook, parsed = reports
    assert (first.metrics, first.step, first.time) == ({"loss": 0.5, "acc": 0.9}, 3, 1700000001.5)
    assert (metric.metrics, metric.step, metric.time) == ({"lr": 0.01}, None, NOW)
    assert param.params == {"seed": 7}
    assert params.params == {"lr": 0.1, "layers": [64, 32]}
    assert tag.tag == ("stage", "")
    assert name.name == "baseline" and artifact.artifact == "/tmp/model.pt"
    assert (hook.hook, hook.owns, hook.exclusive, hook.time) == ("lightning", ["v_num"], True,
                                                                 1700000002.0)
    assert [(a.key, a.value) for a in parsed.argparse] == [("lr", 0.1)]


def test_bad_channel_lines_are_passed_over_and_never_stop_the_next() -> None:
    reports, _ = decode(
        "not json\n"
        "[1, 2]\n"
        '{"metrics": {"loss": "high", "ok": 1, "": 2, "a\\nb": 3}}\n'
        '{"metric": 5, "value": 1}\n'
        '{"metrics": {"x": 1}, "step": true, "time": "yesterday"}\n'
        '{"metrics": {"y": 1}, "step": 99999999999999999999, "time": 1e300}\n'
        '{"owns": ["k"], "exclusive": true}\n'
        + "[" * 100_000 + "\n"
        '{"metric": "last", "value": 1}\n')
    ok, no_metric, not_bool, too_big, not_hook, last = reports
    assert ok.metrics == {"ok": 1.0} and len(ok.refused) == 2
    assert no_metric.metrics == {}
    assert (not_bool.step, not_bool.time) == (None, NOW)
    assert (too_big.step, too_big.time) == (None, NOW)
    assert not_hook.owns == [] and not_hook.exclusive is None  # only a hook's line says so
    assert last.metrics == {"last": 1.0}


def test_a_partial_last_line_waits_for_its_newline() -> None:
    text = '{"metric": "a", "value": 1}\n{"metric": "b", "val'
    reports, used = decode(text)
    assert [r.metrics for r in reports] == [{"a": 1.0}]
    assert used == text.index("\n") + 1
    rest = text[used:] + 'ue": 2}\n'
    reports, used = decode(rest)
    assert [r.metrics for r in reports] == [{"b": 2.0}] and used == len(rest)
    assert decode("") == ([], 0)


def test_encode_writes_what_decode_reads() -> None:
    line = channel.encode({"metrics": {"loss": 0.25}, "step": 2, "time": NOW, "odd": {1, 2}})
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    (report,), used = channel.decode(line, 0.0)
    assert used == len(line) and report.metrics == {"loss": 0.25} and report.step == 2


def _hooks_module() -> ModuleType:
    """The start-up hooks as the program's Python loads them: from their own directory."""
    path = Path(runner.__file__).parent.parent / "inject" / "_runlab_hooks.py"
    spec = importlib.util.spec_from_file_location("_runlab_hooks_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_postfix_text_s_pairs_keep_their_names() -> None:
    # set_postfix_str's text: pairs between commas, bars or spaces; a name of words where a
    # part holds one pair; nothing where words before a pair would be lost or a name repeats
    pairs = _hooks_module()._postfix_pairs
    assert pairs("loss=4.9 ppl=95.0") == pairs("loss=4.9 | ppl=95.0") == {"loss": "4.9",
                                                                           "ppl": "95.0"}
    assert pairs("loss: 4.9 ppl: 95") == {"loss": "4.9", "ppl": "95"}
    assert pairs("Train Loss: 0.5, Val Loss: 0.6") == {"Train_Loss": "0.5", "Val_Loss": "0.6"}
    assert pairs("best loss: 0.4 (epoch 3)") == {"best_loss": "0.4"}
    assert pairs("train loss=0.5 val loss=0.6") == pairs("epoch 3 loss=0.5") == {}
    assert pairs("score_loss=0.2000, mode=warm") == {"score_loss": "0.2000"}


def test_a_hooked_value_given_as_text_with_a_comma(monkeypatch: pytest.MonkeyPatch) -> None:
    # `set_postfix(Verlust=f"{loss:n}")`: a decimal comma where it can only be one, or where
    # the program's locale writes decimals so; thousands grouped else, a list no value
    hooks = _hooks_module()
    monkeypatch.setattr(hooks, "_locale_comma", lambda: False)
    assert [hooks._number(text) for text in ("0,482", "1.234,5", "1,4820", "93.75%", "88,8 %",
                                             "1,482", "12,000", "1,234.5", "30,60", "0,1")] == [
        0.482, 1234.5, 1.482, 93.75, None, 1482, 12000, 1234.5, None, None]
    monkeypatch.setattr(hooks, "_locale_comma", lambda: True)  # (de_DE's)
    assert [hooks._number(text) for text in ("2,33", "88,8 %", "1,482")] == [2.33, 88.8, 1.482]


def test_the_start_up_hooks_write_what_the_channel_decodes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events = tmp_path / "events.jsonl"
    monkeypatch.setenv("RUNLAB_EVENTS", str(events))
    monkeypatch.setenv("RUNLAB_SECRETS", json.dumps({"names": ["*token*"]}))
    hooks = _hooks_module()
    hooks._state["pid"] = os.getpid()  # this process records, as `install` would set it
    hooks.metrics("keras", {"loss": 0.5, "name": "not a number"}, 4)
    hooks.params("keras", {"optimizer": {"lr": 0.01}, "api_token": "s3cret"})
    hooks.exclusive("keras", True)
    hooks.exclusive("keras", False)
    hooks.emit({"hook": "lightning", "owns": ["v_num"]})
    assert hooks.encode({"a": 1}) == channel.encode({"a": 1})
    reports, used = channel.decode(events.read_bytes(), NOW)
    assert used == events.stat().st_size
    point, params, on, off, owns = reports
    assert (point.hook, point.metrics, point.step) == ("keras", {"loss": 0.5}, 4)
    assert abs(point.time - time.time()) < 3600  # the hook's own clock, not `now`
    assert params.params == {"optimizer.lr": 0.01, "api_token": "***"}
    assert (on.exclusive, off.exclusive) == (True, False)
    assert owns.owns == ["v_num"]


def test_what_a_program_logs_inside_a_fit_is_held_as_it_was_and_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a Keras callback's `wandb.log(...)` inside the fit: held until the fit ends, its value as
    # it was when logged (a tensor updated in place later), and not where the framework's hook
    # recorded the same value among its latest 10,000
    events = tmp_path / "events.jsonl"
    monkeypatch.setenv("RUNLAB_EVENTS", str(events))
    hooks = _hooks_module()
    hooks._state["pid"] = os.getpid()
    hooks._loggers_on.append(True)
    hooks._open.add("keras")

    class Counter:  # (as a tensor: a number, updated in place)
        value = 1.0

        def __float__(self) -> float:
            return self.value

    for i in range(10_050):
        hooks.metrics("keras", {"loss": float(i)}, i)
    seen = Counter()
    before = time.time()
    hooks._logged("wandb", {"loss": 9_990.0, "f1": seen}, 3)  # a copy, and its own measure
    hooks._logged("wandb", {"loss": 3.0}, 4)  # the framework's long ago: no copy now
    seen.value = 99.0
    assert hooks._logged_held  # (held while the fit runs)
    hooks._open.discard("keras")
    hooks._release_logged()
    reports, _ = channel.decode(events.read_bytes(), NOW)
    logged = [(r.metrics, r.step) for r in reports if r.hook == "wandb"]
    assert logged == [({"f1": 1.0}, 3), ({"loss": 3.0}, 4)]
    assert all(r.time >= before for r in reports if r.hook == "wandb")


def test_the_python_api_writes_what_the_channel_decodes(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    run = api._ChannelRun(str(events), "run-id")
    run.log_metrics({"loss": 0.5}, step=2)
    run.log_params({"lr": 0.1})
    run.set_tags({"stage": None})
    run.log_artifact("model.pt")
    run.rename("best")
    reports, _ = channel.decode(events.read_bytes(), NOW)
    assert [(r.metrics, r.step) for r in reports[:1]] == [({"loss": 0.5}, 2)]
    assert reports[1].params == {"lr": 0.1} and reports[2].tag == ("stage", "")
    assert reports[3].artifact == os.path.abspath("model.pt") and reports[4].name == "best"


# -- the recorder ---------------------------------------------------------------------------


def _recorder(store: Store, tmp_path: Path, patterns: list[str] | None = None,
              ) -> tuple[Recorder, str, Path]:
    run_id, _ = store.create_run({"name": None, "command": ["train"], "params": {"lr": 0.1}})
    events = tmp_path / "events.jsonl"
    recorder = Recorder(store, run_id, patterns or [], [], str(events), ("*token*",),
                        cwd=str(tmp_path))
    recorder.channel.argv_params = {"lr": 0.1}
    return recorder, run_id, events


def _points(store: Store, run_id: str) -> list[list[object]]:
    return [p for e in store.events(run_id) if e["e"] == "metrics" for p in e["p"]]


def test_the_recorder_logs_output_and_reads_metrics_from_chunks(
        store: Store, tmp_path: Path) -> None:
    recorder, run_id, _ = _recorder(store, tmp_path)
    chunks = [b"epoch 1 lo", b"ss=0.5 acc=0.7\nepoch 2 loss=0.25", b" acc=0.8\n", b"done"]
    for chunk in chunks:
        recorder.output(runner.STDOUT, chunk)
    recorder.output(runner.STDERR, b"warning: nothing\n")
    recorder.close()
    with open(store.output_path(run_id), "rb") as f:
        assert f.read() == b"".join(chunks) + b"warning: nothing\n"
    got = {(k, v) for k, v, _step, _t in _points(store, run_id)}
    assert got == {("loss", 0.5), ("acc", 0.7), ("loss", 0.25), ("acc", 0.8)}
    assert recorder.losses() is None and recorder.problems == []


def test_output_is_read_on_while_the_parser_loads_and_parsed_in_the_order_read(
        store: Store, tmp_path: Path) -> None:
    # an epoch's header on stdout, its result on stderr: reading does not stop for the rules
    # to load (the pipes would fill and be read stream by stream), and the lines read
    # meanwhile are parsed in the order they came, each at the time it was read
    recorder, run_id, _ = _recorder(store, tmp_path)
    recorder.output(runner.STDOUT, b"Epoch 1/2\nloss=1.5\n")
    assert recorder.metrics.count == 0  # waiting, not parsed at once
    recorder.output(runner.STDERR, b"val_loss=0.9\n")
    read_at = time.time()
    recorder.output(runner.STDOUT, b"Epoch 2/2\n")
    recorder.output(runner.STDERR, b"val_loss=0.45\n")
    recorder.close()
    points = _points(store, run_id)
    assert [(k, v, s) for k, v, s, _t in points] == [
        ("loss", 1.5, 1), ("val_loss", 0.9, 1), ("val_loss", 0.45, 2)]
    assert points[1][3] <= round(read_at, 3)


def test_lines_waiting_for_the_parser_wait_no_longer_than_a_flush(
        store: Store, tmp_path: Path) -> None:
    recorder, run_id, _ = _recorder(store, tmp_path)
    recorder.output(runner.STDOUT, b"".join(b"loss=%d\n" % i for i in range(FLUSH_POINTS)))
    assert [p[1] for p in _points(store, run_id)] == list(range(FLUSH_POINTS))
    recorder.close()


def test_the_recorder_takes_the_channel_and_ranks_hooks_below_the_command_line(
        store: Store, tmp_path: Path) -> None:
    recorder, run_id, events = _recorder(store, tmp_path)
    events.write_bytes(
        channel.encode({"hook": "keras", "metrics": {"loss": 0.4}, "step": 1, "time": NOW})
        + channel.encode({"hook": "keras", "params": {"lr": 0.5, "batch": 32}})
        + channel.encode({"params": {"api_token": "s3cret"}})
        + channel.encode({"tag": "stage", "value": "warm"})
        + channel.encode({"metric": "acc", "value": 0.9})
        + channel.encode({"metric": "acc", "value": 0.95})
        + channel.encode({"name": "12"})
        # JSON reads this line, redaction cannot walk it: none of it is taken.
        + b'{"params": {"deep": ' + b"[" * 900 + b"]" * 900
        + b'}, "metric": "gone", "value": 1}\n'
        + b'{"metric": "half')
    recorder.output(runner.STDOUT, b"loss=0.4000\n")  # the hook recorded it: not read twice
    recorder.close()
    journal = store.events(run_id)
    params = [e["params"] for e in journal if e["e"] == "params"]
    assert params == [{"api_token": "***", "batch": 32}]  # lr is the command line's
    assert [e["tags"] for e in journal if e["e"] == "tag"] == [{"stage": "warm"}]
    assert not [e for e in journal if e["e"] == "rename"]  # `12` names no run
    assert [(k, v, s) for k, v, s, _t in _points(store, run_id)] == [
        ("loss", 0.4, 1), ("acc", 0.9, 0), ("acc", 0.95, 1)]


def test_a_framework_s_end_is_read_once_the_output_is_quiet_and_acknowledged(
        store: Store, tmp_path: Path) -> None:
    # a fit's window closes at its last step, the framework's last lines written before the
    # mark but read after it; once the output is quiet the recorder applies the end and says
    # how far it has read (the hook waits for that), so the program's result is at the fit's
    # step; a hook's params are the first fit's, however the channel's reads fall
    recorder, run_id, events = _recorder(store, tmp_path)
    ack = channel.ack_path(str(events))
    recorder.output(runner.STDOUT, b"loss: 0.9\n")
    with open(events, "ab") as f:
        f.write(channel.encode({"hook": "keras", "exclusive": True, "time": NOW})
                + channel.encode({"hook": "keras", "params": {"max_iter": 12}})
                + channel.encode({"hook": "keras", "metrics": {"val_loss": 0.4}, "step": 7,
                                  "time": NOW})
                + channel.encode({"hook": "keras", "exclusive": False, "time": NOW + 1})
                + channel.encode({"hook": "keras", "params": {"max_iter": 6}}))
    recorder.flush()  # a tick reads the channel: the end waits for the output before it
    recorder.output(runner.STDOUT, b"Epoch 2/2\n")  # the framework's own: its count is not the run's
    assert int(open(ack).read()) < events.stat().st_size
    assert recorder.quiet_s() < 1
    recorder.quiet()
    assert int(open(ack).read()) == events.stat().st_size
    recorder.output(runner.STDOUT, b"test_acc: 0.91\n")
    recorder.close()
    assert [e["params"] for e in store.events(run_id) if e["e"] == "params"] == [
        {"max_iter": 12}]
    assert sorted((k, v, s) for k, v, s, _t in _points(store, run_id)) == [
        ("loss", 0.9, 0), ("test_acc", 0.91, 7), ("val_loss", 0.4, 7)]


def test_the_recorder_counts_what_the_journal_could_not_take(
        store: Store, tmp_path: Path) -> None:
    recorder, run_id, events = _recorder(store, tmp_path)
    events.write_bytes(channel.encode({"params": {"seed": 1}}))
    recorder.output(runner.STDOUT, b"loss=0.5 acc=0.7\n")
    # The journal's directory goes away: every append fails as on a full disk.
    shutil.rmtree(store.run_dir(run_id))
    recorder.close()
    assert recorder.journal.losses == Losses(recorder.journal.losses.error, points=2, events=1)
    lost = recorder.losses()
    assert lost is not None and "2 metric point(s) and 1 other event(s)" in lost


def test_losses_say_nothing_until_something_is_lost() -> None:
    losses = Losses()
    assert losses.sentence() is None
    losses.count([{"e": "metrics", "p": [["a", 1, 0, NOW]] * 3}, {"e": "tag", "tags": {}}],
                 "No space left on device")
    losses.count([{"e": "end"}], "No space left on device")
    assert (losses.points, losses.events) == (3, 2)
    assert losses.sentence() == ("the run's journal could not be written (No space left on "
                                 "device): 3 metric point(s) and 2 other event(s) are not "
                                 "recorded")


# -- the start event ------------------------------------------------------------------------


def test_the_start_event_holds_the_command_host_and_what_the_run_was_given(
        tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text("print(1)\n")
    argv = [sys.executable, "train.py", "--lr", "0.1"]
    parsed = parse_args(argv, cwd=str(tmp_path))
    process = process_fields(parsed, argv, str(tmp_path), HOST, None, author_from_git=False)
    event = start_event(process, name="base", experiment="Default", params={"lr": 0.1},
                        tags={"t": ""}, source=source_fields("train.py", str(tmp_path)),
                        extra={"parent": "abc"})
    assert event["command"] == argv and event["cwd"] == str(tmp_path)
    assert event["command_key"] == json.dumps([os.path.basename(sys.executable), "train.py"])
    assert (event["author"], event["user"], event["host"]) == ("ada", "ada", "lab")
    assert event["git"] is None and event["pid"] == os.getpid()
    if sys.platform.startswith("linux"):  # the process named across clock changes
        assert (event["pid_boot"], event["pid_ticks"]) == process_ticks(os.getpid())
    assert event["source"]["path"] == "train.py" and len(event["source"]["sha256"]) == 64
    assert (event["name"], event["params"], event["tags"], event["parent"]) == (
        "base", {"lr": 0.1}, {"t": ""}, "abc")
    assert event["note"] is None and event["env"] is None


def test_the_start_event_records_the_code_and_its_author(git_repo: Path) -> None:
    (git_repo / "train.py").write_text("print(2)\n")  # uncommitted
    argv = ["python", "train.py"]
    git_info = capture_git(str(git_repo))
    parsed = parse_args(argv, cwd=str(git_repo))
    with_patch = process_fields(parsed, argv, str(git_repo), HOST, git_info)
    without = process_fields(parsed, argv, str(git_repo), HOST, git_info, patch_hash=False)
    assert with_patch["author"] == "Ada Lovelace <ada@example.com>"
    assert with_patch["git"]["dirty"] is True and len(with_patch["git"]["patch_sha256"]) == 64
    assert "patch_sha256" not in without["git"]


def test_the_same_script_from_another_directory_is_the_same_command(git_repo: Path) -> None:
    sub = git_repo / "sub"
    sub.mkdir()
    here = command_key(["python", "train.py"], "train.py", None, str(git_repo))
    there = command_key(["python3.11", "../train.py"], "../train.py", None, str(sub))
    assert json.loads(here)[1] == json.loads(there)[1] == "train.py"
    assert command_key(["python", "-m", "pkg"], None, "pkg") == json.dumps(["python", "pkg"])


def test_a_value_the_program_reported_itself_is_not_read_again_but_others_are() -> None:
    # One source per metric: a printed copy of a reported value is dropped, inside a hooked
    # framework's window too, by its value only (a new value of that key is the program's
    # print); a whole number printed with fewer digits is a reported one only to three
    # significant digits (30000 is not 25600, 20920 is 20915.962's `.4g`).
    own = Ownership()
    own.take_report(channel.Report(time=NOW, metrics={"val_f1": 0.71, "n": 25600.0,
                                                      "rate": 20915.962}))
    printed = [Point("val_f1", 0.71, 0, "key_value"), Point("n", 30000, 0, "key_value"),
               Point("rate", 20920.0, 0, "key_value")]
    assert [p[:2] for p in own.from_output([(NOW, printed)])] == [["n", 30000]]
    own.take_report(channel.Report(time=NOW + 1, hook="keras", exclusive=True))
    inside = [Point("val_f1", 0.64, 0, "key_value"), Point("val_f1", 0.71, 0, "key_value")]
    assert [p[:2] for p in own.from_output([(NOW + 2, inside)])] == [["val_f1", 0.64]]


def test_an_evaluations_results_printed_unqualified_are_the_evaluations() -> None:
    # Keras' evaluate: the hook records `eval_loss`; the program's print of its results
    # names it `loss`, which is not a training loss (nor is the bar drawn in the window).
    own = Ownership()
    own.take_report(channel.Report(time=NOW, hook="keras", metrics={"loss": 0.8116}, step=3))
    own.take_report(channel.Report(time=NOW + 1, hook="keras", metrics={
        "eval_loss": 0.8927261233329773, "eval_accuracy": 0.3839285671710968}, step=3))
    printed = [Point("loss", 0.8927261233329773, 3, "python_dict"),
               Point("accuracy", 0.3839, 3, "python_dict"),
               Point("loss", 0.7, 3, "key_value")]  # another value: the program's own
    assert [p[:2] for p in own.from_output([(NOW + 2, printed)])] == [["loss", 0.7]]


def test_a_hooks_values_printed_under_a_label_are_the_hooks() -> None:
    # `print("Test:", trainer.evaluate(...))` and the Trainer's TrainOutput repeat what the
    # hook recorded, under a label (`Test/test_loss`, `metrics/train_loss`) or the result's
    # own name (`training_loss`): no second series. A label that qualifies a plain name
    # (`val/loss`) names another series, whatever its value; a labelled value the hook
    # recorded at another step is the program's own.
    own = Ownership()
    own.take_report(channel.Report(time=NOW, hook="transformers", step=4, metrics={
        "loss": 0.41, "test_loss": 0.9253368377685547, "epoch": 1.0, "train_loss": 0.6825}))
    printed = [Point("Test/test_loss", 0.9253368377685547, 4, "python_dict"),
               Point("Test/epoch", 1.0, 4, "python_dict"),
               Point("metrics/train_loss", 0.6825, 4, "python_dict"),
               Point("training_loss", 0.6825, 4, "key_value"),
               Point("val/loss", 0.41, 4, "python_dict"),
               Point("Test/test_loss", 0.9253368377685547, 9, "python_dict")]
    assert [p[:3] for p in own.from_output([(NOW + 1, printed)])] == [
        ["val/loss", 0.41, 4], ["Test/test_loss", 0.9253368377685547, 9]]


def test_a_hooks_value_printed_in_other_capitals_and_earlier_evaluations_are_the_hooks() -> None:
    # `print(f"Eval loss: {m['eval_loss']:.4f}")` after the Trainer's evaluation; Keras'
    # evaluations printed after a later one (`print("Validation:", first)`) stay theirs
    own = Ownership()
    own.take_report(channel.Report(time=NOW, hook="transformers", step=4,
                                   metrics={"eval_loss": 1.323517}))
    own.take_report(channel.Report(time=NOW, hook="keras", step=3, metrics={
        "eval_loss": 4.8853, "eval_mae": 1.5}))
    own.take_report(channel.Report(time=NOW, hook="keras", step=3, metrics={
        "eval_loss": 9.1397, "eval_mae": 2.5}))
    printed = [Point("Eval_loss", 1.3235, 4, "key_value"),
               Point("Eval_loss", 1.5, 4, "key_value"),  # another value: the program's own
               Point("Validation/loss", 4.8853, 3, "python_dict"),
               Point("Validation/mae", 1.5, 3, "python_dict")]
    assert [p[:2] for p in own.from_output([(NOW + 1, printed)])] == [["Eval_loss", 1.5]]


def test_a_window_closes_no_earlier_than_the_recorder_read_its_end() -> None:
    # Under load the recorder reads a fit's last lines seconds after the program printed
    # them, then the hook's end mark (the program waits for it to be read): those lines
    # were printed inside the fit, and a callback's copy of a hooked key stays the hook's,
    # while what the output gives after the mark is read is the program's own again.
    own = Ownership()
    own.take_report(channel.Report(time=NOW, hook="keras", exclusive=True))
    own.take_report(channel.Report(time=NOW + 0.5, hook="keras", metrics={"val_loss": 0.6342},
                                   step=2))
    own.take_report(channel.Report(time=NOW + 1, hook="keras", exclusive=False, step=4),
                    received=NOW + 5)
    late = [Point("val_loss", 0.6342, 1, "key_value")]  # `Epoch 1: val_loss=0.6342`
    assert own.from_output([(NOW + 4, late)]) == []
    after = [Point("val_loss", 0.5, 4, "key_value")]
    assert [p[:2] for p in own.from_output([(NOW + 6, after)])] == [["val_loss", 0.5]]


def test_a_terminal_s_late_copy_of_a_hooked_value_after_a_settled_window_is_the_hook_s() -> None:
    # A terminal hands on a callback's last line (`Epoch 3: val_loss=0.6072`, Keras' epoch
    # from 0) after the recorder settled the window: a copy of a value the hook recorded, at
    # any step, is the hook's; a new value is the program's own
    own = Ownership()
    own.take_report(channel.Report(time=NOW, hook="keras", exclusive=True))
    own.take_report(channel.Report(time=NOW + 0.4, hook="keras", metrics={"val_loss": 0.6167},
                                   step=3))
    own.take_report(channel.Report(time=NOW + 0.5, hook="keras", metrics={"val_loss": 0.6072},
                                   step=4))
    own.take_report(channel.Report(time=NOW + 1, hook="keras", exclusive=False, step=4),
                    received=NOW + 1)
    own.settled(NOW + 1.1)
    late = [Point("val_loss", 0.6072, 3, "key_value"), Point("val_loss", 0.5, 3, "key_value")]
    assert [p[:2] for p in own.from_output([(NOW + 1.2, late)])] == [["val_loss", 0.5]]


def test_a_muted_key_s_printed_values_are_dropped_and_every_other_key_s_kept() -> None:
    # A cross-validation's clones print their curves (`Iteration 3, loss = ...`): none of
    # the run's; the search's own lines (`[CV 1/2] END ... score=0.9`) are read as ever, and
    # once the search returns the program's `loss` is its own again (no step moved).
    own = Ownership()
    own.take_report(channel.Report(time=NOW, hook="sklearn", exclusive=True, keys=["loss"]),
                    received=NOW + 0.5)
    # (the program's own line, printed before the mark, read late but before the mark was)
    before = [Point("loss", 0.7, 0, "key_value")]
    assert [p[:2] for p in own.from_output([(NOW + 0.25, before)])] == [["loss", 0.7]]
    own.settled(NOW + 0.75)  # (the output quiet, the mark acknowledged: the program goes on)
    inside = [Point("loss", 0.69, 1, "key_value"), Point("score", 0.9, 1, "sklearn_cv")]
    assert [p[:2] for p in own.from_output([(NOW + 1, inside)])] == [["score", 0.9]]
    own.take_report(channel.Report(time=NOW + 2, hook="sklearn", exclusive=False, keys=["loss"]),
                    received=NOW + 3)
    assert own.from_output([(NOW + 2.5, [Point("loss", 0.6, 2, "key_value")])]) == []
    own.settled(NOW + 3)
    after = [Point("loss", 0.5, 7, "key_value")]
    assert [p[:3] for p in own.from_output([(NOW + 4, after)])] == [["loss", 0.5, 7]]
    assert own.moved is None


def test_a_print_read_in_the_millisecond_the_window_settled_is_the_program_s() -> None:
    # The hook goes on as soon as the recorder acknowledges its end mark, and the program's
    # next line may be read in that same millisecond: it is the program's own (a fold's
    # `train_loss` the hook never gave), while what was read before the quiet is the fit's.
    own = Ownership()
    own.take_report(channel.Report(time=NOW, hook="test", exclusive=True))
    own.take_report(channel.Report(time=NOW + 0.5, hook="test", metrics={"train_loss": 0.5},
                                   step=40))
    own.take_report(channel.Report(time=NOW + 1, hook="test", exclusive=False),
                    received=NOW + 1)
    inside = [Point("train_loss", 0.41, 3, "fairseq")]  # (the fit's own format, read late)
    assert own.from_output([(NOW + 1.05, inside)]) == []
    own.settled(NOW + 1.08)
    fold = [Point("train_loss", 0.42, 2, "key_value")]
    assert [p[:3] for p in own.from_output([(NOW + 1.08, fold)])] == [["train_loss", 0.42, 2]]


def test_what_the_output_gives_before_a_mute_mark_settles_was_printed_before_it() -> None:
    # CatBoost's fit, then `cv()`: the fit's last iterations (written before the search's
    # mark) are read just after the mark, before the output goes quiet and the recorder
    # acknowledges it; the program goes on only then, so they are the fit's, and what comes
    # after the acknowledgement is the folds'.
    own = Ownership()
    own.take_report(channel.Report(time=NOW, hook="catboost", exclusive=True, keys=["*"]),
                    received=NOW + 0.1)
    late = [Point("learn", 0.4480276, 2, "catboost")]
    assert own.from_output([(NOW + 0.2, late)]) == []  # (it waits for the mark to settle)
    own.settled(NOW + 0.3)
    fold = [Point("learn", 0.6692292, 0, "catboost"), Point("learn", 0.7, 0, "key_value")]
    assert [p[:3] for p in own.from_output([(NOW + 0.4, fold)])] == [
        ["learn", 0.4480276, 2], ["learn", 0.7, 0]]
    own.take_report(channel.Report(time=NOW + 1, hook="catboost", exclusive=False, keys=["*"]),
                    received=NOW + 1)
    own.settled(NOW + 1.1)
    after = [Point("learn", 0.3, 5, "catboost")]
    assert [p[:3] for p in own.from_output([(NOW + 1.2, after)])] == [["learn", 0.3, 5]]


def test_a_mute_mark_that_never_settles_starts_when_it_was_read() -> None:
    # A program whose other thread prints all along: the output is never quiet, the hook's
    # wait for the acknowledgement times out and the search runs; its window starts when
    # its mark was read, and what was read meanwhile is judged once it closes.
    own = Ownership()
    own.take_report(channel.Report(time=NOW, hook="catboost", exclusive=True, keys=["*"]),
                    received=NOW + 0.1)
    before = [Point("learn", 0.37, 4, "catboost")]
    fold = [Point("learn", 0.67, 0, "catboost"), Point("heartbeat", 1.0, 0, "key_value")]
    assert own.from_output([(NOW + 0.05, before), (NOW + 0.5, fold)]) == [
        ["learn", 0.37, 4, NOW + 0.05]]
    own.take_report(channel.Report(time=NOW + 1, hook="catboost", exclusive=False, keys=["*"]),
                    received=NOW + 1)
    assert [p[:2] for p in own.from_output([])] == [["heartbeat", 1.0]]
    # and at the output's end, a window still opening starts when its mark was read
    own.take_report(channel.Report(time=NOW + 2, hook="catboost", exclusive=True, keys=["*"]),
                    received=NOW + 2)
    last = [Point("learn", 0.6, 0, "catboost"), Point("heartbeat", 2.0, 0, "key_value")]
    assert own.from_output([(NOW + 3, last)]) == []  # (held)
    own.release()
    assert [p[:2] for p in own.from_output([])] == [["heartbeat", 2.0]]


def test_a_bar_s_values_the_tqdm_hook_records_are_read_from_the_output_once_it_is_off() -> None:
    # With the tqdm hook on, a bar's postfix of a key it records is its own, even a copy that
    # matches no value it recorded (rounded, drawn late, cut at the bar's width); a line of any
    # shape is the program's own. Once the hook turns itself off, bars are read again.
    own = Ownership()
    own.take_report(channel.Report(time=NOW, hook="tqdm", metrics={"loss": 123.45679}, step=1))
    printed = [Point("loss", 1.0, 0, "tqdm_postfix"), Point("loss", 0.5, 3, "key_value")]
    assert [p[:2] for p in own.from_output([(NOW + 1, printed)])] == [["loss", 0.5]]
    own.take_report(channel.Report(time=NOW + 2, hook="tqdm", off=True))
    assert [p[:2] for p in own.from_output([(NOW + 3, printed)])] == [["loss", 1.0], ["loss", 0.5]]


def test_the_cycle_collector_is_as_it_was_after_reading_output() -> None:
    import gc

    before = gc.get_threshold()
    with runner._quiet_collector():
        assert gc.get_threshold() != before and gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    # a caller's own freeze is left as it is
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with runner._quiet_collector():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_lightning_cli_s_resolved_configuration_replaces_its_shorthand_words(
        store: Store, tmp_path: Path) -> None:
    # `fit --config a.yaml --optimizer Adam --optimizer.lr 0.03 --trainer.callbacks+=...`:
    # the configuration LightningCLI resolved spells each out (`optimizer.init_args.lr`); the
    # words typed under its groups are no params of their own, the config file's name stays
    recorder, run_id, _ = _recorder(store, tmp_path)
    recorder.channel.argv_params = {"config": "a.yaml", "optimizer": "Adam",
                                    "optimizer.lr": 0.03, "model.lr": 0.5,
                                    "trainer.callbacks+": "LearningRateMonitor"}
    line = json.dumps({"hook": "lightning_cli", "params": {
        "optimizer.class_path": "torch.optim.Adam", "optimizer.init_args.lr": 0.03,
        "model.lr": 0.5, "trainer.max_epochs": 2}}).encode() + b"\n"
    reports, _ = channel.decode(line, NOW)
    batch = recorder.channel.apply(reports, NOW)
    events = [e for e in batch.events if e["e"] == "params"]
    assert sorted(events[0]["drop"]) == ["optimizer", "optimizer.lr", "trainer.callbacks+"]
    assert events[0]["params"]["optimizer.init_args.lr"] == 0.03
    assert "config" not in events[0]["drop"]
    recorder.close()


def test_nested_muted_windows_close_each_its_own() -> None:
    # An Optuna study (`*`, every library format) whose trial runs a cross-validation that
    # mutes `loss` and closes it: the study's window stays open until its own end, and what
    # the program prints after the study is its own.
    own = Ownership()
    for t, hook, on, keys in ((NOW, "optuna", True, ["*"]), (NOW + 1, "sklearn", True, ["loss"]),
                              (NOW + 2, "sklearn", False, ["loss"]),
                              (NOW + 3, "optuna", False, ["*"])):
        own.take_report(channel.Report(time=t, hook=hook, exclusive=on, keys=keys), received=t)
        if on:
            own.settled(t + 0.05)
    inside = [Point("val_acc", 0.7, 0, "fairseq")]
    after = [Point("val_acc", 0.9, 1, "fairseq")]
    assert [p[:2] for p in own.from_output([(NOW + 2.5, inside), (NOW + 3.5, after)])] == [
        ["val_acc", 0.9]]


def test_thousands_of_runs_of_a_program_are_one_tag_and_one_drop(tmp_path: Path) -> None:
    # a script's loop of 3000 processes, each typing its own seed: the tag counts them and
    # shows the first values, the seed is dropped from the params once (not again each batch),
    # and a step of another kind (a split) tells no trainings apart
    from runlab.record.recorder import ChannelReader

    reader = ChannelReader(str(tmp_path / "events"), Ownership(), (), [])
    events = []
    for pid in range(3000):
        report = channel.Report(time=NOW, argparse=[channel.ArgparseValue("seed", pid, typed=True),
                                                    channel.ArgparseValue("epochs", 3)],
                                program="/w/train.py", training=pid << 20)
        events += reader.apply([report]).events
        events += reader.apply([channel.Report(time=NOW, metrics={"loss": 0.5})]).events
    tags = [e["tags"]["trainings"] for e in events if e["e"] == "tag"]
    assert tags[0] == "2 of train.py: seed 0, 1"
    assert tags[-1] == "3000 of train.py: seed 0, 1, 2, 3, 4, 5, 6, 7, ..."
    assert [e.get("drop") for e in events if e["e"] == "params" and e.get("drop")] == [["seed"]]
    params = [e for e in events if e["e"] == "params"]
    dropped_at = next(i for i, e in enumerate(params) if e.get("drop"))
    assert all("seed" not in e["params"] for e in params[dropped_at:])
    split = ChannelReader(str(tmp_path / "events2"), Ownership(), (), [])
    for pid, name in enumerate(("train", "val")):
        split.apply([channel.Report(time=NOW, argparse=[channel.ArgparseValue("split", name)],
                                    program="/w/prep.py", training=pid << 20)])
    assert split.several is None and not split.unsettled
