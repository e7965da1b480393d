"""A model's name before its scores names each of them (a comparison's loop), whatever the
punctuation; a shell's trace and environment lines are no metrics; DeepSpeed's timer line is at
its global step. Each line is what the testers' programs printed."""

from __future__ import annotations

from tests.test_parsing import read_both_ways as both


def test_a_models_name_names_its_scores_whatever_the_punctuation() -> None:
    # `print(f"{name}: acc={acc:.3f}")` over three models: three series, not one `acc`
    assert both("logreg: acc=0.951", "rf: acc=0.965", "tree: acc=0.937") == [
        ("logreg/acc", 0.951, 0), ("rf/acc", 0.965, 0), ("tree/acc", 0.937, 0)]
    assert both("[logreg] acc=0.951", "[rf] acc=0.965") == [
        ("logreg/acc", 0.951, 0), ("rf/acc", 0.965, 0)]
    assert both("logreg | acc 0.951", "rf | acc 0.965") == [
        ("logreg/acc", 0.951, 0), ("rf/acc", 0.965, 0)]
    assert both("logreg -> acc: 0.951", "rf -> acc: 0.965") == [
        ("logreg/acc", 0.951, 0), ("rf/acc", 0.965, 0)]
    assert both("Model: logreg, Accuracy: 0.951", "Model: rf, Accuracy: 0.965") == [
        ("logreg/Accuracy", 0.951, 0), ("rf/Accuracy", 0.965, 0)]
    # every score on the line is the model's, as `logreg: accuracy 0.951` was already
    assert both("logreg: acc=0.951 f1=0.9", "rf: acc=0.965, f1=0.93") == [
        ("logreg/acc", 0.951, 0), ("logreg/f1", 0.9, 0), ("rf/acc", 0.965, 0),
        ("rf/f1", 0.93, 0)]
    assert both("logreg: accuracy 0.951", "rf: accuracy 0.965") == [
        ("logreg/accuracy", 0.951, 0), ("rf/accuracy", 0.965, 0)]
    assert both("[logreg] acc=0.951 | f1 0.9") == [("logreg/f1", 0.9, 0), ("logreg/acc", 0.951, 0)]
    assert both("resnet50: top1=76.1 top5=93.0") == [
        ("resnet50/top1", 76.1, 0), ("resnet50/top5", 93.0, 0)]


def test_no_model_before_a_counter_a_phase_a_logger_or_a_note() -> None:
    assert both("Epoch 1: acc=0.9") == [("acc", 0.9, 1)]
    assert both("train: acc=0.9") == [("train/acc", 0.9, 0)]
    assert both("Test set: Average loss: 0.03") == [("Test_set/Average_loss", 0.03, 0)]
    assert both("INFO: acc=0.9") == [("acc", 0.9, 0)]
    assert both("root: acc=0.9") == [("acc", 0.9, 0)]
    assert both("trainer: loss=0.5") == [("loss", 0.5, 0)]
    assert both("Note: acc=0.9") == [("acc", 0.9, 0)]
    assert both("ip-172-31-1-1: loss=0.5", "LOG: loss=0.5") == [("loss", 0.5, 0), ("loss", 0.5, 1)]
    assert both("Namespace(lr=0.1, acc=0.9)") == []
    # a library's tag before prose names nothing (UltraNest's)
    assert both("[ultranest] Posterior uncertainty strategy is satisfied (KL: 0.46+-0.08 nat, "
                "need <0.50 nat)") == [("KL", 0.46, 0)]
    # a setting among the values: no model's scores (`logreg: lr=0.1 acc=0.9`)
    assert both("logreg: lr=0.1 acc=0.9") == [("lr", 0.1, 0), ("acc", 0.9, 0)]


def test_a_shells_trace_and_environment_are_no_metrics() -> None:
    # `set -x`'s trace of the script's assignments (`++` in a subshell)
    assert both("+ LR=0.2", "++ lr=0.1", "+ export LR=0.2", "+ EPOCHS=2") == []
    # `env`'s lines: a variable alone on its line
    assert both("PYTHONUNBUFFERED=1", "PYTHONDONTWRITEBYTECODE=1", "CUDA_VISIBLE_DEVICES=0",
                "LR=0.2") == []
    # a measure's value alone on its line is one, in capitals too
    assert both("loss=0.3", "MSE=0.3") == [("loss", 0.3, 0), ("MSE", 0.3, 0)]


DS = "[2026-12-07 10:00:10,123] [INFO] "


def test_deepspeed_timer_line_at_its_global_step_and_skipped_no_metric() -> None:
    lines = []
    for step, loss in [(10, 0.6931), (20, 0.5012)]:
        lines += [
            f"{DS}[logging.py:96:log_dist] [Rank 0] step={step}, skipped=0, lr=[0.001], "
            "mom=[(0.9, 0.999)]",
            f"{DS}[timer.py:260:stop] epoch=0/micro_step={step}/global_step={step}, "
            "RunningAvgSamplesPerSec=120.5, CurrSamplesPerSec=118.2, MemAllocated=0.1GB, "
            "MaxMemAllocated=0.2GB",
            f"step {step} loss {loss:.4f}"]
    assert both(*lines) == [
        ("lr", 0.001, 10), ("RunningAvgSamplesPerSec", 120.5, 10), ("CurrSamplesPerSec", 118.2, 10),
        ("loss", 0.6931, 10),
        ("lr", 0.001, 20), ("RunningAvgSamplesPerSec", 120.5, 20), ("CurrSamplesPerSec", 118.2, 20),
        ("loss", 0.5012, 20)]
    # the timer's lines alone, one after another: each at its own global step
    timer = (f"{DS}[timer.py:260:stop] epoch=0/micro_step={{0}}/global_step={{0}}, "
             "RunningAvgSamplesPerSec=120.5, CurrSamplesPerSec=118.2")
    assert both(timer.format(10), timer.format(20)) == [
        ("RunningAvgSamplesPerSec", 120.5, 10), ("CurrSamplesPerSec", 118.2, 10),
        ("RunningAvgSamplesPerSec", 120.5, 20), ("CurrSamplesPerSec", 118.2, 20)]
