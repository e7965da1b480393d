"""The framework hooks against the real frameworks: every point the framework recorded itself.

Each script in tests/frameworks/ trains a tiny model (built from code, synthetic data) and
writes the framework's own record (`log_history`, the CSV logger, `History`, `evals_result`,
...) to a JSON file; the test runs it under runlab, through a pipe and through a real
pseudo-terminal, and compares what the run recorded: the same keys (so nothing else, such as a
model summary, became a metric), the same steps and the exact values.

The frameworks are large, so they live in their own virtualenv, made by `.ci/run` from
tests/frameworks/requirements.txt; its Python is RUNLAB_TEST_FRAMEWORKS_PYTHON. Without it
these tests skip, saying so, except under CI (the CI variable set), where a missing framework
environment is a failure; a variable that names no executable is a failure everywhere.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Result, run_in_pty

SCRIPTS = Path(__file__).resolve().parent / "frameworks"
TIMEOUT = 600  # importing torch on a busy two-core machine takes a while


@pytest.fixture(autouse=True)
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The programs' temporary files go under the test's folder (stable-baselines3 makes a
    folder in the temporary directory for every `learn`)."""
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_flat(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: value}


def run_both(cli: Callable[..., Result], tmp_path: Path, python: str, script: str,
             *args: str, source: str | None = None
             ) -> list[tuple[dict[str, Any], dict[str, Any], str]]:
    """Run `script` (written from `source` when given) under runlab through a pipe, then a
    terminal: (run, truth, output) each."""
    work = tmp_path / "work"
    shutil.copytree(SCRIPTS, work)
    if source is not None:
        (work / script).write_text(source)
    results = []
    for mode in ("pipe", "pty"):
        truth_path = str(tmp_path / f"truth-{mode}.json")
        command = [python, str(work / script), truth_path, *args]
        if mode == "pipe":
            r = cli(*command, cwd=work, timeout=TIMEOUT)
            code, output = r.code, r.stdout + r.stderr
        else:
            code, raw = run_in_pty(command, work, cols=120, timeout=TIMEOUT,
                                   env={"RUNLAB_STORE": os.environ["RUNLAB_STORE"]})
            output = raw.decode(errors="replace")
        assert code == 0, output[-3000:]
        run = json.loads(cli("show", "last", "--json").stdout)
        run["series"] = json.loads(cli("metrics", "last", "--json").stdout)
        with open(truth_path) as f:
            results.append((run, json.load(f), output))
    return results


def assert_same_points(run: dict[str, Any], truth: dict[str, Any]) -> None:
    recorded = {key: sorted([p["step"], p["value"]] for p in points)
                for key, points in run["series"].items() if not key.startswith("sys/")}
    expected = {key: sorted(points) for key, points in truth["metrics"].items()}
    assert sorted(recorded) == sorted(expected)
    for key in expected:
        assert recorded[key] == expected[key], key


def assert_params(run: dict[str, Any], truth: dict[str, Any]) -> None:
    expected = _flat(truth["params"])
    assert {k: run["params"].get(k) for k in expected} == expected


def test_transformers_trainer(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for run, truth, output in run_both(cli, tmp_path, python, "hf_trainer.py"):
        assert_same_points(run, truth)
        steps = [step for step, _ in truth["metrics"]["loss"]]
        assert steps == list(range(1, 25))
        assert [s for s, _ in truth["metrics"]["eval_loss"]] == [8, 16, 24]
        assert_params(run, truth)
        assert "hook is off" not in output


def test_peft_adapter_settings(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for run, truth, _ in run_both(cli, tmp_path, python, "peft_lora.py"):
        assert_params(run, truth)
        assert_same_points(run, truth)


def test_searches_record_their_trials(cli: Callable[..., Result], tmp_path: Path,
                                      python: str) -> None:
    # Optuna's trials' values at their numbers (the failed one has none), not the trials'
    # boosting rounds; the objective's own prints; the best parameters, FLAML's best config
    for run, truth, output in run_both(cli, tmp_path, python, "search_trials.py"):
        assert "validation_0-logloss" in output
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["value"]] == [0, 1, 3, 4]
        assert run["params"] == truth["params"]


def test_ray_tune_search(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # each trial's last result at its number, not the trials' printed epochs and Ray's boxes
    # piled on the same steps; the best trial's config as params
    for run, truth, output in run_both(cli, tmp_path, python, "ray_tune_search.py"):
        assert "epoch 2 loss=" in output and "Trial status" in output
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["loss"]] == [0, 1, 2, 3]
        assert_params(run, truth)
        assert truth["params"]["lr"] == 0.7 and "hook is off" not in output


def test_keras_tuner_search(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # each trial's score at its number, not its fits' epochs piled on the same steps; the best
    # hyperparameters as params; its display and summary no points; the refit's own curves
    for refit in ((), ("refit",)):
        (tmp_path / f"{refit}").mkdir()
        for run, truth, output in run_both(cli, tmp_path / f"{refit}", python,
                                           "keras_tuner_search.py", *refit):
            assert "Trial 3 Complete" in output and "Results summary" in output
            assert_same_points(run, truth)  # (without a refit, not the last trial's last bar)
            assert [s for s, _ in truth["metrics"]["score"]] == [1, 2, 3]
            assert [s for s, _ in truth["metrics"].get("val_accuracy", ())] == (
                [1, 2] if refit else [])
            assert_params(run, truth)
            assert set(truth["params"]) == {"units", "lr"}


def test_catboost_fit_and_its_cross_validation(cli: Callable[..., Result], tmp_path: Path,
                                               python: str) -> None:
    # the fit's iterations (its hook's, under its sets' and metric's names, not the printed
    # `learn` and `test`), its settings as params; not cv()'s folds' iterations
    names = {"learn": "learn/Logloss", "test": "validation/Logloss"}
    for run, truth, output in run_both(cli, tmp_path, python, "catboost_fit.py"):
        assert "Training on fold [2/3]" in output
        printed = {key: [[p["step"], round(p["value"], 7)] for p in points]
                   for key, points in run["series"].items() if not key.startswith("sys/")}
        assert printed == {names[key]: points for key, points in truth["metrics"].items()}
        assert [s for s, _ in truth["metrics"]["test"]] == [0, 1, 2, 3, 4]
        assert run["params"] == truth["params"]


def test_lightning_with_no_logger(cli: Callable[..., Result], tmp_path: Path,
                                  python: str) -> None:
    # what the bar shows is the record: every batch's loss, each validation's (not the sanity
    # check's), once each
    for run, truth, _ in run_both(cli, tmp_path, python, "lightning_no_logger.py"):
        epochs = run["series"].pop("epoch")
        assert [p["value"] for p in epochs] == [0, 1, 2]
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["train_loss"]] == list(range(12))
        assert [s for s, _ in truth["metrics"]["val_loss"]] == [3, 7, 11]


def test_lightning_with_its_default_bar(cli: Callable[..., Result], tmp_path: Path,
                                        python: str) -> None:
    for run, truth, output in run_both(cli, tmp_path, python, "lightning_fit.py"):
        assert_same_points(run, truth)
        assert len(truth["metrics"]["train_loss_step"]) == 15
        assert len(truth["metrics"]["val_loss"]) == 3
        assert len(truth["metrics"]["data/scale"]) == 15
        assert len(truth["metrics"]["lr-SGD"]) == 15
        assert [s for s, _ in truth["metrics"]["custom_epoch_metric"]] == [5, 10, 15]
        assert [s for s, _ in truth["metrics"]["bar_loss"]] == list(range(15))
        assert_params(run, truth)
        assert "hook is off" not in output


def test_lightning_lr_find_s_sweep_is_no_point_of_the_fit(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for run, truth, _ in run_both(cli, tmp_path, python, "lightning_lr_find.py"):
        assert [s for s, _ in truth["metrics"]["train_loss"]] == list(range(16))
        assert_same_points(run, truth)


def test_two_lightning_fits_in_one_program_are_told_apart(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # two models fitted with other learning rates: the run says it holds two trainings, and
    # neither's lr is its param; one fit then its test is one training
    work = tmp_path / "work"
    shutil.copytree(SCRIPTS, work)
    for fits, tags, lr in (("two", {"trainings": "2 of Model.fit: lr 0.1, 0.001"}, None),
                           ("one", {}, 0.1)):
        done = cli(python, "lightning_two_fits.py", str(tmp_path / "truth.json"), fits, cwd=work,
                   timeout=TIMEOUT)
        assert done.code == 0, done.stderr[-3000:]
        run = json.loads(cli("show", "last", "--json").stdout)
        with open(tmp_path / "truth.json") as f:
            assert json.load(f)["params"]["lr"] == ([0.1, 0.001] if fits == "two" else [0.1])
        assert run["tags"] == tags
        assert run["params"].get("lr") == lr
        assert ("several runs of one program or model" in done.stderr) == (fits == "two")


@pytest.mark.parametrize("case, tags, kept", [
    ("keras", {"trainings": "2 of Sequential.fit: learning_rate 0.1, 0.01"}, {"epochs": 2}),
    ("xgb_cv", {}, {"max_depth": 3}),
    ("xgb_loop", {"trainings": "2 of xgboost.train: max_depth 2, 4"}, {"num_boost_round": 3}),
    ("lgb_loop", {"trainings": "2 of lightgbm.train: num_leaves 4, 8"}, {"num_boost_round": 3}),
])
def test_fits_with_other_settings_in_one_program_are_told_apart(
        cli: Callable[..., Result], tmp_path: Path, python: str, case: str,
        tags: dict[str, str], kept: dict[str, Any]) -> None:
    # a loop over a setting fitting a new model each time: the run says it holds two
    # trainings, and the setting they differ in is no param; a model fitted again (Keras'
    # fine-tuning at a lower rate), and xgboost's cross-validation before the training it
    # chose settings for, are one training
    work = tmp_path / "work"
    shutil.copytree(SCRIPTS, work)
    done = cli(python, "several_fits.py", str(tmp_path / "truth.json"), case, cwd=work,
               timeout=TIMEOUT)
    assert done.code == 0, done.stderr[-3000:]
    run = json.loads(cli("show", "last", "--json").stdout)
    with open(tmp_path / "truth.json") as f:
        fits = json.load(f)["params"]["fits"]
    assert len(fits) == (1 if case == "xgb_cv" else 2)
    assert run["tags"] == tags
    assert {k: run["params"].get(k) for k in kept} == kept
    for name in fits[0] if tags else ():
        assert name not in run["params"]


def test_a_script_s_loop_of_a_hydra_app_is_told_apart(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # `bash sweep.sh` running a Hydra app twice with other overrides: two trainings by the
    # setting they differ in (not by the output folder each job writes to), no param of it
    work = tmp_path / "work"
    shutil.copytree(SCRIPTS, work)
    (work / "sweep.sh").write_text("".join(
        f'"{python}" hydra_app.py "{tmp_path}/truth{lr}.json" model.lr={lr}\n'
        for lr in (0.1, 0.2)))
    done = cli("bash", "sweep.sh", cwd=work, timeout=TIMEOUT)
    assert done.code == 0, done.stderr[-3000:]
    run = json.loads(cli("show", "last", "--json").stdout)
    lrs = [json.loads((tmp_path / f"truth{lr}.json").read_text())["params"]["model"]["lr"]
           for lr in (0.1, 0.2)]
    assert lrs == [0.1, 0.2]
    assert run["tags"] == {"trainings": "2 of hydra_app.py: model.lr 0.1, 0.2"}
    assert "model.lr" not in run["params"] and run["params"]["model.layers"] == [64, 32]


def test_keras_epochs_and_batches(cli: Callable[..., Result], tmp_path: Path,
                                  python: str) -> None:
    for run, truth, output in run_both(cli, tmp_path, python, "keras_fit.py"):
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["val_loss"]] == [1, 2, 3]
        assert [s for s, _ in truth["metrics"]["batch/loss"]] == list(range(1, 10))
        assert [s for s, _ in truth["metrics"]["test_loss"]] == [3]
        assert [s for s, _ in truth["metrics"]["eval_loss"]] == [3]
        assert "accuracy: " in output.split("test_loss")[0].rsplit("Epoch 3/3", 1)[1]  # its bar
        assert [s for s, _ in truth["metrics"]["learning_rate"]] == [1, 2]
        assert "hook is off" not in output


def test_xgboost_and_lightgbm_rounds(cli: Callable[..., Result], tmp_path: Path,
                                     python: str) -> None:
    for run, truth, output in run_both(cli, tmp_path, python, "boosting.py"):
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["eval-auc"]] == list(range(9))
        assert len(truth["metrics"]["valid_0-binary_logloss"]) == 15  # stopped early
        assert_params(run, truth)
        assert "valid_0's binary_logloss" in output  # printed as ever, recorded once


def test_xgboost_and_lightgbm_cross_validation(cli: Callable[..., Result], tmp_path: Path,
                                               python: str) -> None:
    for run, truth, output in run_both(cli, tmp_path, python, "boosting_cv.py"):
        assert_same_points(run, truth)  # the folds' mean and spread, at full precision
        assert len(truth["metrics"]["test-rmse-std"]) == 4  # never printed
        assert len(truth["metrics"]["valid-l2-stdv"]) == 4
        assert "valid's l2" in output  # printed as ever, recorded once
        assert_params(run, truth)


def test_stable_baselines3_logger(cli: Callable[..., Result], tmp_path: Path,
                                  python: str) -> None:
    for run, truth, output in run_both(cli, tmp_path, python, "sb3_learn.py"):
        assert_same_points(run, truth)  # full precision, not the table's three digits
        assert [s for s, _ in truth["metrics"]["rollout/ep_rew_mean"]] == [256, 512, 768]
        assert [s for s, _ in truth["metrics"]["mean_reward"]] == [768]  # after learn
        assert len(truth["metrics"]["custom/buffer_reward"]) == 3  # a callback's own record
        assert "|    approx_kl" in output  # printed as ever, recorded once
        assert [s for s, _ in truth["metrics"]["eval/mean_reward"]] == [256, 512, 768]
        assert "Eval num_timesteps=256, episode_reward=" in output  # its own, not a print
        assert_params(run, truth)
        assert "hook is off" not in output


def test_sklearn_params_and_curves(cli: Callable[..., Result], tmp_path: Path,
                                   python: str) -> None:
    for run, truth, output in run_both(cli, tmp_path, python, "sklearn_fit.py"):
        assert_same_points(run, truth)
        assert len(truth["metrics"]["loss"]) == 12
        assert [s for s, _ in truth["metrics"]["val_loss"]] == list(range(7))
        assert_params(run, truth)
        assert "neg_label" not in run["params"]
        assert "Iteration 12, loss" in output
        assert "OOB Improve" in output  # printed as ever, recorded once at full precision


def test_sklearn_curves_inside_a_pipeline_and_a_search(cli: Callable[..., Result],
                                                        tmp_path: Path, python: str) -> None:
    for run, truth, output in run_both(cli, tmp_path, python, "sklearn_composite.py"):
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["loss"]] == list(range(1, 8))
        assert [s for s, _ in truth["metrics"]["train_loss"]] == [1, 2, 3, 4]  # the refit's only
        assert "Iteration 7, loss" in output  # printed as ever, recorded once
        assert_params(run, truth)  # the searches' best settings, as best_max_depth
        assert run["params"]["best_tfidfvectorizer__ngram_range"] in ([1, 1], [1, 2])


def test_sklearn_verbose_fits_are_read_and_partial_fits_continue(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for run, truth, output in run_both(cli, tmp_path, python, "sklearn_verbose.py"):
        inertia = run["series"].pop("inertia")
        assert [p["step"] for p in inertia] == list(range(truth["counts"]["inertia"]))
        assert_same_points(run, truth)  # the grid search's scores, and one loss an epoch
        assert [s for s, _ in truth["metrics"]["loss"]] == [1, 2, 3, 4]
        assert "[CV 3/3] END" in output


def test_tqdm_postfix_curve(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for run, truth, _ in run_both(cli, tmp_path, python, "tqdm_loop.py"):
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["loss"]] == list(range(1, 91))
        assert [s for s, _ in truth["metrics"]["valid/loss"]] == list(range(1, 31))
        assert [s for s, _ in truth["metrics"]["valid/acc"]] == list(range(1, 31))
        assert [s for s, _ in truth["metrics"]["finetune/ft_loss"]] == list(range(1, 13))
        assert [s for s, _ in truth["metrics"]["score_loss"]] == [1, 2, 3, 4]
        assert [s for s, _ in truth["metrics"]["tune_loss"]] == [1, 2, 3]
        assert [s for s, _ in truth["metrics"]["sample_loss"]] == [8, 16, 24, 32, 36]
        assert [s for s, _ in truth["metrics"]["reused_loss"]] == list(range(1, 7))
        assert [s for s, _ in truth["metrics"]["cut_loss"]] == [1, 2, 3]
        assert [s for s, _ in truth["metrics"]["refreshed_loss"]] == [10, 20, 30, 40]
        assert [s for s, _ in truth["metrics"]["open_loss"]] == list(range(1, 7))
        assert [s for s, _ in truth["metrics"]["train/fmt_loss"]] == list(range(1, 9))
        assert [s for s, _ in truth["metrics"]["shown_loss"]] == list(range(1, 9))
        assert [s for s, _ in truth["metrics"]["batch_loss"]] == list(range(1, 11))
        assert [s for s, _ in truth["metrics"]["words_loss"]] == [1, 2, 3]


def test_tqdm_status_line(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # The status line's own values are at the counting bar's steps. (The line as printed is
    # read too, a shape any program prints: its last drawing may add a rounded copy.)
    for run, truth, _ in run_both(cli, tmp_path, python, "tqdm_status.py"):
        recorded = [[p["step"], p["value"]] for p in run["series"]["status_loss"]]
        assert [s for s, _ in truth["metrics"]["status_loss"]] == list(range(1, 9))
        assert all(point in recorded for point in truth["metrics"]["status_loss"])


def test_tensorboard_scalars(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for run, truth, _ in run_both(cli, tmp_path, python, "tensorboard_loop.py"):
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["Loss/train"]] == list(range(1, 16))
        assert [s for s, _ in truth["metrics"]["Accuracy/val"]] == [1, 2, 3]
        assert [s for s, _ in truth["metrics"]["val/loss"]] == [1, 2, 3]
        assert_params(run, truth)


def test_ranks_a_spawn_started(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # The training runs in spawned children: rank 0's values are the run's, rank 1's not; and
    # Lightning's logger still pickles once the hook wrapped it (as ddp_spawn pickles it).
    for run, truth, _ in run_both(cli, tmp_path, python, "spawned_ranks.py"):
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["spawn_loss"]] == [1, 2, 3, 4, 5]
        assert [s for s, _ in truth["metrics"]["ddp_loss"]] == list(range(8))


def test_accelerate_trackers(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for run, truth, output in run_both(cli, tmp_path, python, "accelerate_log.py"):
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["train_loss"]] == list(range(1, 9))
        assert [s for s, _ in truth["metrics"]["eval_accuracy"]] == [4, 8]
        assert "epoch 1: eval_accuracy:" in output  # printed as ever, recorded once
        assert_params(run, truth)


def test_wandb_log(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for run, truth, _ in run_both(cli, tmp_path, python, "wandb_loop.py"):
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["loss"]] == [0, 1, 2, 3, 4, 1, 2]
        assert [v for _, v in truth["metrics"]["micro_loss"]] == [4.0]
        assert [s for s, _ in truth["metrics"]["eval/loss"]] == [1, 2]
        assert "epoch" not in run["metrics"]  # (the defined metrics' axis)
        assert_params(run, truth)
        assert "warmup_steps" not in run["params"]  # (the parsed `--warmup-steps`, once)


def test_dvclive_logging(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for run, truth, _ in run_both(cli, tmp_path, python, "dvclive_loop.py"):
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["train/loss"]] == [0, 1, 2, 3]
        assert truth["metrics"]["test/acc"] == [[4, 0.875]]
        assert_params(run, truth)


def test_mlflow_logging(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for run, truth, output in run_both(cli, tmp_path, python, "mlflow_log.py"):
        # the top-level run's, not the nested runs'; a thread's; not a refused call's; the
        # Keras logs a callback copied to MLflow once, its own measure too
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["train_loss"]] == [0, 1, 2]
        assert [s for s, _ in truth["metrics"]["valid_loss"]] == [0, 10, 20]
        assert [s for s, _ in truth["metrics"]["val_loss"]] == [1, 2]
        assert truth["metrics"]["final_score"] == [[0, 0.91]]  # no step given: MLflow's 0
        assert truth["metrics"]["thread_metric"] == [[1, 0.75]]
        assert [s for s, _ in truth["metrics"]["val_f1"]] == [0, 1]
        assert_params(run, truth)  # typed as given (MLflow keeps text: `1.10` stays)
        assert "trial_lr" not in run["params"]
        assert "hook is off" not in output


def test_hydra_sweep(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # a sweep's jobs are its trials: their printed epochs are not piled on the same steps,
    # each job's return value is at its number
    for run, truth, output in run_both(cli, tmp_path, python, "hydra_sweep.py", "--multirun",
                                       "model.lr=0.1,0.5,0.9",
                                       f"hydra.sweep.dir={tmp_path / 'multirun'}"):
        assert "epoch 2 loss=" in output
        assert_same_points(run, truth)
        assert [s for s, _ in truth["metrics"]["value"]] == [0, 1, 2]
        assert "hook is off" not in output
        # the settings every job shares, beside the sweep's words as typed
        assert {k: run["params"].get(k) for k in (
            "model.lr", "model.layers", "data.batch_size", "data.name", "optimizer.name")} == {
            "model.lr": "0.1,0.5,0.9", "model.layers": [64, 32], "data.batch_size": 16,
            "data.name": "toy", "optimizer.name": "sgd"}, run["params"]


def test_hydra_composed_config(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    for run, truth, _ in run_both(cli, tmp_path, python, "hydra_app.py", "model.lr=0.5",
                                  "hydra.job.chdir=False", "optimizer=adam",
                                  "data.splits=[0.7,0.3]"):
        assert truth["params"]["model"]["lr"] == 0.5
        assert truth["params"]["data"]["name"] == "toy"  # from the YAML file only
        assert truth["params"]["optimizer"] == {"name": "adam", "beta1": 0.9}  # a group's
        assert truth["params"]["data"]["splits"] == [0.7, 0.3]  # a list, as composed
        assert_params(run, truth)
        # Hydra's own command line parser is not the program's, nor are its own settings;
        # a config group's choice is (beside its settings, `optimizer.*`: two choices of the
        # same settings are two runs' settings still)
        assert not {"config-name", "multirun", "overrides", "hydra.job.chdir"} & set(
            run["params"])
        assert run["params"]["optimizer"] == "adam"


def test_lightning_cli_records_its_resolved_configuration_once(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # LightningCLI's resolved configuration: the file's settings, the command line's override
    # and every init argument's default, each once under its own name (not again as the
    # model's hparams, `lr`, nor as the config file's `model/lr`)
    # (`--seed_everything true`: the seed LightningCLI drew, as its saved config has it)
    for run, truth, output in run_both(cli, tmp_path, python, "lightning_cli.py", "fit",
                                       "--config", "conf/cli.yaml", "--model.lr", "0.1",
                                       "--seed_everything", "true"):
        assert truth["params"]["model"] == {"lr": 0.1, "hidden": 16, "dropout": 0.0}
        assert isinstance(truth["params"]["seed_everything"], int)
        assert truth["params"]["data"] == {"batch_size": 32, "n": 64}
        assert_params(run, truth)
        assert not {"lr", "hidden", "dropout", "batch_size", "n", "model/lr", "model/hidden",
                    "data/batch_size", "trainer/max_epochs"} & set(run["params"])
        assert run["params"]["config"] == "conf/cli.yaml"
        assert_same_points(run, truth)
        assert "hook is off" not in output


def test_yacs_absl_and_jsonargparse_record_the_configuration_they_settled(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # yacs: the defaults, the file's and the `KEY VALUE` overrides', once each under the
    # configuration's own names (no `opts` list, no file's `SOLVER/BASE_LR`), a secret's value
    # redacted in the params and the command line
    for run, truth, output in run_both(
            cli, tmp_path, python, "yacs_train.py", "--config-file", "conf/yacs.yaml",
            "SOLVER.BASE_LR", "0.01", "MODEL.DEPTH", "50", "WANDB.API_KEY", "yacs-secret-77"):
        assert truth["params"]["SOLVER"]["BASE_LR"] == 0.01
        assert truth["params"]["MODEL"]["DEPTH"] == 50
        assert_params(run, truth)
        assert not {"opts", "SOLVER/BASE_LR", "MODEL/DEPTH"} & set(run["params"])
        assert "yacs-secret-77" not in json.dumps(run)
        assert_same_points(run, truth)
        assert "hook is off" not in output
    # absl: every flag of the program's own, from the flag file, the defaults and the line
    # (`--noaugment` is `augment` false; `-e 2` is `num_epochs`; a secret's value typed after
    # its short name, `-t X`, hidden in the command line too)
    for run, truth, _output in run_both(cli, tmp_path / "absl", python, "absl_train.py",
                                       "--flagfile=conf/absl.flags", "-e", "2",
                                       "-tag=baseline", "-t", "absl-short-secret-31"):
        assert truth["params"] == {"learning_rate": 0.05, "num_epochs": 2, "batch_size": 16,
                                   "augment": False, "layers": ["128", "64"]}
        assert_params(run, truth)
        assert not {"e", "noaugment", "t"} & set(run["params"])
        assert run["params"]["hf_token"] == "***" and run["command"][-3:] == [
            "-tag=baseline", "-t", "***"]
        assert "absl-short-secret-31" not in json.dumps(run)
        assert_same_points(run, truth)
    # jsonargparse's CLI: every argument, the config file's values, the line's override
    # (a secret's positional hidden where it was typed, though its parser says not where)
    for run, truth, _output in run_both(cli, tmp_path / "cli", python, "jsonargparse_cli.py",
                                       "jsa-positional-secret-52", "--config",
                                       "conf/cli_train.yaml", "--lr", "0.1"):
        assert truth["params"] == {"lr": 0.1, "batch_size": 64, "seed": 7, "epochs": 3}
        assert_params(run, truth)
        assert run["params"]["api_token"] == "***" and run["args"][-1] == "***", run["args"]
        assert "jsa-positional-secret-52" not in json.dumps(run)
        assert_same_points(run, truth)


KERAS_MOVED = """\
import os

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras
import numpy as np

# A Keras that passes the epoch in another form, as a version the hook does not know might.
original = keras.callbacks.CallbackList.on_epoch_end
keras.callbacks.CallbackList.on_epoch_end = lambda self, epoch, logs=None: original(
    self, f"epoch-{epoch}", logs)
keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(64, 4)).astype("float32")
y = (x.sum(axis=1) > 0).astype("float32")
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
history = model.fit(x, y, epochs=2, batch_size=16, verbose=2)
print(f"final_loss={history.history['loss'][-1]}")
"""


def test_a_hook_that_fails_inside_a_fit_leaves_the_output_read(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    (tmp_path / "moved.py").write_text(KERAS_MOVED)
    r = cli(python, "moved.py", cwd=tmp_path, timeout=TIMEOUT)
    assert r.code == 0 and "the keras hook is off (ValueError" in r.stderr, r.stderr[-2000:]
    series = json.loads(cli("metrics", "last", "--json").stdout)
    assert len(series.get("loss", [])) == 2, series  # read from the printed epochs again
    assert len(series.get("final_loss", [])) == 1, series


# A tiny Keras program's start: its data, and a model of one layer.
KERAS_TINY = """\
import os

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras
import numpy as np

x = np.random.default_rng(0).normal(size=(64, 4)).astype("float32")
y = (x.sum(axis=1) > 0).astype("float32")


def tiny():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    return model
"""

KERAS_RAISES = KERAS_TINY + """\


class Stop(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        raise RuntimeError("out of patience")


model = tiny()
try:
    model.fit(x, y, epochs=2, batch_size=16, verbose=0, callbacks=[Stop()])
except RuntimeError:
    print("recovered=1")
"""


def test_a_fit_that_raises_leaves_what_follows_read(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    (tmp_path / "raises.py").write_text(KERAS_RAISES)
    r = cli(python, "raises.py", cwd=tmp_path, timeout=TIMEOUT)
    assert r.code == 0, r.stderr[-2000:]
    series = json.loads(cli("metrics", "last", "--json").stdout)
    assert [p["value"] for p in series.get("recovered", [])] == [1.0], series


# A framework's run that raises midway, caught by the program, which goes on printing: what
# it prints next is read again (the framework's window closed), at the step it stopped at.
RAISES = {
    "lightning": """\
import lightning as L
import torch


class Model(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.layer = torch.nn.Linear(4, 1)

    def training_step(self, batch, index):
        if self.global_step == 3:
            raise RuntimeError("diverged")
        loss = self.layer(batch[0]).pow(2).mean()
        self.log("loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.1)


data = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.randn(32, 4)),
                                   batch_size=4)
trainer = L.Trainer(max_epochs=1, logger=False, enable_checkpointing=False,
                    enable_progress_bar=False, enable_model_summary=False)
try:
    trainer.fit(Model(), data)
except RuntimeError:
    print("recovered=1")
""",
    "transformers": """\
import torch
from transformers import Trainer, TrainerCallback, TrainingArguments


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = torch.nn.Linear(4, 1)

    def forward(self, x, labels=None):
        loss = (self.layer(x).squeeze(-1) - labels).pow(2).mean()
        return {"loss": loss}


class Stop(TrainerCallback):
    def on_step_end(self, args, state, control, **kwargs):
        if state.global_step == 3:
            raise RuntimeError("diverged")


rows = [{"x": torch.randn(4), "labels": torch.tensor(1.0)} for _ in range(32)]
args = TrainingArguments("out", per_device_train_batch_size=4, num_train_epochs=1,
                         logging_steps=1, report_to=[], disable_tqdm=True, save_strategy="no",
                         use_cpu=True)
trainer = Trainer(model=Model(), args=args, train_dataset=rows, callbacks=[Stop()])
try:
    trainer.train()
except RuntimeError:
    print("recovered=1")
""",
    "stable_baselines3": """\
from stable_baselines3 import PPO
from stable_baselines3.common.callbacks import BaseCallback


class Stop(BaseCallback):
    def _on_step(self):
        if self.num_timesteps >= 64:
            raise RuntimeError("diverged")
        return True


model = PPO("MlpPolicy", "CartPole-v1", n_steps=128, batch_size=64, n_epochs=1, seed=0,
            device="cpu")
try:
    model.learn(256, callback=Stop())
except RuntimeError:
    print("recovered=1")
""",
}


@pytest.mark.parametrize("framework", sorted(RAISES))
def test_a_run_that_raises_in_a_framework_leaves_what_follows_read(
        cli: Callable[..., Result], tmp_path: Path, python: str, framework: str) -> None:
    (tmp_path / "raises.py").write_text(RAISES[framework])
    r = cli(python, "raises.py", cwd=tmp_path, timeout=TIMEOUT)
    assert r.code == 0 and "hook is off" not in r.stderr, r.stderr[-2000:]
    series = json.loads(cli("metrics", "last", "--json").stdout)
    assert [p["value"] for p in series.get("recovered", [])] == [1.0], series
    # at the step the framework had reached (the hook's own step, not 0)
    assert series["recovered"][0]["step"] >= 3, series


HF_ARGUMENTS = """\
import json
import sys

import torch
from transformers import HfArgumentParser, Trainer, TrainingArguments


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(4, 2)

    def forward(self, x, labels=None):
        logits = self.linear(x)
        return {"loss": torch.nn.functional.cross_entropy(logits, labels), "logits": logits}


rows = [{"x": torch.randn(4), "labels": i % 2} for i in range(16)]
(args,) = HfArgumentParser(TrainingArguments).parse_args_into_dataclasses()
Trainer(model=Model(), args=args, train_dataset=rows, eval_dataset=rows).train()
with open("settings.json", "w") as f:
    json.dump(args.to_dict(), f, default=str)
"""


def test_hf_argument_parser_gives_way_to_the_settled_training_arguments(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # HfArgumentParser reads the command line into TrainingArguments, which settles its own
    # defaults (an evaluation strategy turns do_eval on): the params are those settings, the
    # command line's words where it typed them, and `--no_x` is `x`'s alias, no param of its own
    (tmp_path / "train.py").write_text(HF_ARGUMENTS)
    r = cli(python, "train.py", "--output_dir", "out", "--max_steps", "2", "--eval_strategy",
            "steps", "--eval_steps", "1", "--report_to", "none", "--use_cpu", "--save_strategy",
            "no", "--no_dataloader_pin_memory", cwd=tmp_path, timeout=TIMEOUT)
    assert r.code == 0, r.stderr[-2000:]
    params = json.loads(cli("show", "last", "--json").stdout)["params"]
    settings = json.loads((tmp_path / "settings.json").read_text())
    assert settings["do_eval"] is True and settings["dataloader_pin_memory"] is False
    scalars = {k: v for k, v in settings.items() if isinstance(v, (bool, int, float))}
    assert {k: params.get(k) for k in scalars} == scalars
    assert params["max_steps"] == 2 and params["eval_strategy"] == "steps"
    assert not [k for k in params if "-" in k], params  # no `dataloader-pin-memory` twin


HF_ARGUMENTS_FILE = """\
import dataclasses
import json
import sys

from transformers import HfArgumentParser, TrainingArguments


@dataclasses.dataclass
class ModelArguments:
    model_name_or_path: str = "tiny"
    lora_r: int = 8
    block_size: int = 128


model, args = HfArgumentParser((ModelArguments, TrainingArguments)).parse_json_file(sys.argv[1])
with open("settings.json", "w") as f:
    json.dump({**dataclasses.asdict(model), "learning_rate": args.learning_rate}, f)
"""


def test_hf_argument_parser_reading_a_file_gives_its_dataclasses_settings(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # `python run_clm.py args.json`, as the Hugging Face examples are launched: the file's
    # settings and the dataclasses' own defaults are the params, though no command line
    # typed them (and no Trainer ran)
    (tmp_path / "train.py").write_text(HF_ARGUMENTS_FILE)
    (tmp_path / "args.json").write_text(json.dumps(
        {"output_dir": "out", "learning_rate": 5e-5, "lora_r": 32, "report_to": "none"}))
    r = cli(python, "train.py", "args.json", cwd=tmp_path, timeout=TIMEOUT)
    assert r.code == 0, r.stderr[-2000:]
    params = json.loads(cli("show", "last", "--json").stdout)["params"]
    settings = json.loads((tmp_path / "settings.json").read_text())
    assert settings == {"model_name_or_path": "tiny", "lora_r": 32, "block_size": 128,
                        "learning_rate": 5e-5}
    assert {k: params.get(k) for k in settings} == settings


KERAS_FIT_PER_EPOCH = KERAS_TINY + """\
model = tiny()
for epoch in range(3):  # one epoch a fit, the program's own loop around it
    model.fit(x, y, epochs=1, batch_size=16, verbose=1)
print("after=1")
# three more epochs (4 to 6), then the program prints one of them: the hook's, no new point
history = model.fit(x, y, epochs=3, batch_size=16, verbose=0)
print(f"loss: {history.history['loss'][1]:.4f}")
tiny().fit(x, y, epochs=1, batch_size=16, verbose=0)  # another model starts at its epoch 1
"""


def test_fits_of_the_same_keras_model_go_on_from_its_last_epoch(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    (tmp_path / "train.py").write_text(KERAS_FIT_PER_EPOCH)
    r = cli(python, "train.py", cwd=tmp_path, timeout=TIMEOUT)
    assert r.code == 0, r.stderr[-2000:]
    series = json.loads(cli("metrics", "last", "--json").stdout)
    assert [p["step"] for p in series["loss"]] == [1, 2, 3, 4, 5, 6, 1]
    assert [p["step"] for p in series["batch/loss"]] == list(range(1, 13))
    assert [p["step"] for p in series["after"]] == [3]


SKLEARN_CROSS_VALIDATION = """\
import joblib
from sklearn.datasets import make_classification
from sklearn.neural_network import MLPClassifier
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import cross_val_score, cross_validate

X, y = make_classification(100, random_state=0)
cross_validate(GradientBoostingClassifier(n_estimators=5, max_depth=2), X, y, cv=3)
cross_val_score(GradientBoostingClassifier(n_estimators=5), X, y, cv=3)
with joblib.parallel_backend("threading"):  # its clones fitted in a pool's threads
    cross_validate(MLPClassifier(max_iter=5), X, y, cv=2, n_jobs=2)
GradientBoostingClassifier(n_estimators=4).fit(X, y)  # the model fitted outside them
"""


def test_a_cross_validation_s_folds_are_no_curve_of_the_run(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    (tmp_path / "train.py").write_text(SKLEARN_CROSS_VALIDATION)
    r = cli(python, "train.py", cwd=tmp_path, timeout=TIMEOUT)
    assert r.code == 0, r.stderr[-2000:]
    series = json.loads(cli("metrics", "last", "--json").stdout)
    assert [p["step"] for p in series["train_loss"]] == [1, 2, 3, 4]  # not 3 folds' 1..5 each
    assert "loss" not in series  # nor the MLP's folds, fitted in threads
    params = json.loads(cli("show", "last", "--json").stdout)["params"]
    assert (params["max_depth"], params["n_estimators"]) == (2, 5)  # the first estimator's


SKLEARN_SEARCH = """\
from sklearn.datasets import make_classification
from sklearn.model_selection import GridSearchCV
from sklearn.svm import SVC

X, y = make_classification(60, random_state=0)
search = GridSearchCV(SVC(), {"C": [0.1, 10.0], "kernel": ["rbf", "linear"]}, cv=2).fit(X, y)
with open("best.txt", "w") as f:
    f.write(repr((search.best_params_, float(search.best_score_))))
"""


def test_a_search_records_its_best_settings_and_score(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    import ast

    (tmp_path / "train.py").write_text(SKLEARN_SEARCH)
    r = cli(python, "train.py", cwd=tmp_path, timeout=TIMEOUT)
    assert r.code == 0, r.stderr[-2000:]
    best, score = ast.literal_eval((tmp_path / "best.txt").read_text())
    params = json.loads(cli("show", "last", "--json").stdout)["params"]
    assert {k: params.get(f"best_{k}") for k in best} == best
    series = json.loads(cli("metrics", "last", "--json").stdout)
    assert [p["value"] for p in series["best_cv_score"]] == [score]


def test_xgboost_and_lightgbm_scikit_learn_models(cli: Callable[..., Result], tmp_path: Path,
                                                  python: str) -> None:
    for run, truth, _ in run_both(cli, tmp_path, python, "boosting_sklearn.py"):
        # the stopping round too; the refit model's rounds, no candidate's or fold's
        assert_same_points(run, truth)
        assert len(truth["metrics"]["validation_0-mae"]) == 4
        assert len(truth["metrics"]["valid_0-l1"]) == 3
        assert "valid_0-l2" not in run["series"]
        assert_params(run, truth)


CATBOOST_CURVES = """\
import csv
import json
import sys

import numpy as np
from catboost import CatBoostClassifier

rng = np.random.default_rng(0)
x = rng.normal(size=(150, 4))
y = (x[:, 0] + rng.normal(size=150) > 0).astype(int)
verbose, period = sys.argv[1] == "verbose", int(sys.argv[2])
model = CatBoostClassifier(iterations=10, depth=2, learning_rate=0.3, eval_metric="AUC",
                           random_seed=0, metric_period=period, train_dir="info")
model.fit(x[:100], y[:100], eval_set=(x[100:], y[100:]), verbose=2 if verbose else False)
truth = {}  # the iterations its files hold, the values get_evals_result() holds
for data, name in (("learn", "learn"), ("validation", "test")):
    with open(f"info/{name}_error.tsv") as f:
        rows = list(csv.DictReader(f, delimiter="\\t"))
    for metric, values in model.get_evals_result()[data].items():
        truth[f"{data}/{metric}"] = [[int(row["iter"]), value] for row, value in zip(rows, values)]
with open("truth.json", "w") as f:
    json.dump(truth, f)
print("after=1")
"""


def test_catboost_curves_whatever_it_prints(cli: Callable[..., Result], tmp_path: Path,
                                            python: str) -> None:
    # every set's metrics at the iterations CatBoost computed them at, printed or not; the
    # printed iterations (`learn`, `test`) are no second copy; what follows at its last
    for verbose, period, steps in (("verbose", "1", list(range(10))),
                                   ("quiet", "4", [0, 4, 8, 9])):
        (tmp_path / "train.py").write_text(CATBOOST_CURVES)
        r = cli(python, "train.py", verbose, period, cwd=tmp_path, timeout=TIMEOUT)
        assert r.code == 0 and "hook is off" not in r.stderr, r.stderr[-2000:]
        assert ("\ttest: " in r.stdout) == (verbose == "verbose")
        truth = json.loads((tmp_path / "truth.json").read_text())
        assert sorted(truth) == ["learn/Logloss", "validation/AUC", "validation/Logloss"]
        series = json.loads(cli("metrics", "last", "--json").stdout)
        after = series.pop("after")
        assert {key: [[p["step"], p["value"]] for p in points] for key, points in series.items()
                if not key.startswith("sys/")} == truth
        assert [s for s, _ in truth["validation/AUC"]] == steps
        assert [p["step"] for p in after] == [steps[-1]]


KERAS_SETTINGS = KERAS_TINY + """\
import argparse
import json

parser = argparse.ArgumentParser()
parser.add_argument("--optimizer", default="sgd")
args = parser.parse_args()
model = tiny()
schedule = keras.optimizers.schedules.ExponentialDecay(0.2, decay_steps=2, decay_rate=0.5)
kind = {"sgd": keras.optimizers.SGD, "adam": keras.optimizers.Adam}[args.optimizer]
model.compile(optimizer=kind(learning_rate=schedule), loss="binary_crossentropy")
history = model.fit(x, y, 16, 2, verbose=0, validation_split=0.25)
with open("truth.json", "w") as f:
    json.dump({"epochs": history.params["epochs"], "batch_size": 16, "validation_split": 0.25,
               "optimizer": args.optimizer,
               "learning_rate": schedule.get_config()["initial_learning_rate"],
               "kind": type(model.optimizer).__name__}, f)
"""


def test_keras_fit_settings(cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # the fit's settings, the optimizer's and its schedule's rate at the start; the name the
    # program's own parser recorded (`--optimizer sgd`) stays its
    (tmp_path / "train.py").write_text(KERAS_SETTINGS)
    r = cli(python, "train.py", cwd=tmp_path, timeout=TIMEOUT)
    assert r.code == 0 and "hook is off" not in r.stderr, r.stderr[-2000:]
    truth = json.loads((tmp_path / "truth.json").read_text())
    assert truth.pop("kind") == "SGD"
    params = json.loads(cli("show", "last", "--json").stdout)["params"]
    assert params == truth


LIGHTNING_LOG_EVERY = """\
import sys

import lightning.pytorch as L
import torch
from lightning.pytorch.loggers import CSVLogger


class Model(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = torch.nn.Linear(4, 1)

    def training_step(self, batch, i):
        loss = torch.nn.functional.mse_loss(self.net(batch[0]), batch[1])
        self.log("loss", loss, on_step=True, on_epoch=True, prog_bar=True)
        return loss

    def validation_step(self, batch, i):
        self.log("val_loss", torch.nn.functional.mse_loss(self.net(batch[0]), batch[1]),
                 prog_bar=True)

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.05)


torch.manual_seed(0)
x = torch.randn(64, 4)
data = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, x.sum(1, keepdim=True)),
                                   batch_size=16)
logger = CSVLogger("logs", name="csv") if sys.argv[1] == "csv" else False
L.Trainer(max_epochs=3, accelerator="cpu", logger=logger, log_every_n_steps=3,
          enable_checkpointing=False, enable_model_summary=False).fit(Model(), data, data)
"""


def test_lightning_with_no_logger_records_what_a_csv_logger_writes(
        cli: Callable[..., Result], tmp_path: Path, python: str) -> None:
    # each value once, at the CSV logger's step: a step's every `log_every_n_steps`, an
    # epoch's at its last step (not the bar's each value, nor the epoch's twice)
    import csv

    (tmp_path / "train.py").write_text(LIGHTNING_LOG_EVERY)
    recorded = []
    for logger in ("none", "csv"):
        r = cli(python, "train.py", logger, cwd=tmp_path, timeout=TIMEOUT)
        assert r.code == 0 and "hook is off" not in r.stderr, r.stderr[-2000:]
        series = json.loads(cli("metrics", "last", "--json").stdout)
        recorded.append({key: sorted([p["step"], p["value"]] for p in points)
                         for key, points in series.items() if not key.startswith("sys/")})
    truth: dict[str, list[list[float]]] = {}
    with open(tmp_path / "logs" / "csv" / "version_0" / "metrics.csv") as f:
        for row in csv.DictReader(f):
            for key, value in row.items():
                if key != "step" and value:
                    truth.setdefault(key, []).append([int(row["step"]), float(value)])
    assert [s for s, _ in truth["loss_step"]] == [2, 5, 8, 11]
    assert [s for s, _ in truth["loss_epoch"]] == [3, 7, 11]
    expected = {key: sorted(points) for key, points in truth.items()}
    assert recorded == [expected, expected]
