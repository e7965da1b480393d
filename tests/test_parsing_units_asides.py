"""Tests for runlab.parsing on values as hand-written loops print them: a unit that changes as
the value grows (a key's values all in the unit it was first read in), a percentage sign, and
asides after the pairs (a time taken, a bracket, an uncertainty, a change with its arrow)."""

from __future__ import annotations

import math

from runlab.parsing import MetricParser

Triple = tuple[str, float | str, int]


def steps_of(*lines: str) -> list[Triple]:
    """Lines through one parser, flushed at the end: (key, value, step), nan spelled "nan"."""
    parser = MetricParser()
    points = parser.parse_lines(lines) + parser.flush()
    return [(p.key, "nan" if math.isnan(p.value) else p.value, p.step) for p in points]


def one_by_one(*lines: str) -> list[Triple]:
    """As `steps_of`, each line given alone (`parse_line`, the other way in)."""
    parser = MetricParser()
    points = [point for line in lines for point in parser.parse_line(line)] + parser.flush()
    return [(p.key, p.value, p.step) for p in points]


def test_a_step_time_printed_in_ms_then_s_stays_in_ms() -> None:
    # a `fmt_dt` helper (ms below 1 s, else s), as Rust's Duration `{:?}` and Go's print it
    lines = ("step 1 | loss 3.2000 | dt 950ms", "step 2 | loss 2.1000 | dt 1.20s",
             "step 3 | loss 1.5000 | dt 800ms", "step 4 | loss 1.0000 | dt 1.50s")
    expected = [("loss", 3.2, 1), ("dt", 950.0, 1), ("loss", 2.1, 2), ("dt", 1200.0, 2),
                ("loss", 1.5, 3), ("dt", 800.0, 3), ("loss", 1.0, 4), ("dt", 1500.0, 4)]
    assert steps_of(*lines) == expected
    assert one_by_one(*lines) == expected
    # spaced pairs after a counter, and Go's microseconds
    assert steps_of("step 1 loss 0.5 dt 950ms", "step 2 loss 0.4 dt 1.2s",
                    "step 3 loss 0.3 dt 850µs") == [
        ("loss", 0.5, 1), ("dt", 950.0, 1), ("loss", 0.4, 2), ("dt", 1200.0, 2),
        ("loss", 0.3, 3), ("dt", 0.85, 3)]


def test_two_times_of_one_last_word_keep_their_own_units() -> None:
    assert steps_of("step 1 | batch_time 950ms | data_time 1.20s",
                    "step 2 | batch_time 1.20s | data_time 800ms") == [
        ("batch_time", 950.0, 1), ("data_time", 1.2, 1),
        ("batch_time", 1200.0, 2), ("data_time", 0.8, 2)]


def test_memory_printed_in_mb_then_gb_stays_in_mb() -> None:
    # a `fmt_bytes` helper, as humanize.naturalsize prints sizes (decimal prefixes)
    assert steps_of("step 1, loss: 10.8849, memory: 400.0 MB",
                    "step 2, loss: 9.0000, memory: 800.0 MB",
                    "step 3, loss: 8.0000, memory: 1.2 GB",
                    "step 4, loss: 7.0000, memory: 1.6 GB") == [
        ("loss", 10.8849, 1), ("memory", 400.0, 1), ("loss", 9.0, 2), ("memory", 800.0, 2),
        ("loss", 8.0, 3), ("memory", 1200.0, 3), ("loss", 7.0, 4), ("memory", 1600.0, 4)]
    # alone on its lines (the repeated line's shape read fast), and binary prefixes by 1024
    assert steps_of("gpu_mem: 900 MB", "gpu_mem: 950 MB", "gpu_mem: 1.2 GB", "gpu_mem: 1.3 GB",
                    "gpu_mem: 1.4 GB") == [
        ("gpu_mem", 900, 0), ("gpu_mem", 950, 1), ("gpu_mem", 1200.0, 2),
        ("gpu_mem", 1300.0, 3), ("gpu_mem", 1400.0, 4)]
    assert steps_of("mem: 512 MiB", "mem: 1.5 GiB") == [("mem", 512, 0), ("mem", 1536.0, 1)]


def test_a_key_printed_in_one_unit_is_unchanged() -> None:
    assert steps_of("step 1 | loss 0.5 | dt 1.20s", "step 2 | loss 0.4 | dt 1.50s") == [
        ("loss", 0.5, 1), ("dt", 1.2, 1), ("loss", 0.4, 2), ("dt", 1.5, 2)]
    assert steps_of("memory: 1.2 GB", "memory: 1.6 GB") == [("memory", 1.2, 0), ("memory", 1.6, 1)]
    # another value on the line equal to the time is not the time's
    assert steps_of("step 1 | loss 1.2 | dt 950ms", "step 2 | loss 1.2 | dt 1.20s") == [
        ("loss", 1.2, 1), ("dt", 950.0, 1), ("loss", 1.2, 2), ("dt", 1200.0, 2)]


def test_a_percentage_after_name_value_pairs_under_an_epoch_header() -> None:
    assert steps_of("Epoch 1/4", "train loss 0.6522 acc 86.67%", "val loss 0.6547 acc 89.00%",
                    "Epoch 2/4", "train loss 0.6000 acc 87.67%", "val loss 0.6100 acc 90.00%") == [
        ("train_loss", 0.6522, 1), ("train_acc", 86.67, 1), ("val_loss", 0.6547, 1),
        ("val_acc", 89.0, 1), ("train_loss", 0.6, 2), ("train_acc", 87.67, 2),
        ("val_loss", 0.61, 2), ("val_acc", 90.0, 2)]
    # a space before `%`, alone and after another pair, as `acc: 86.67%` is read (86.67)
    assert steps_of("Epoch 1/4", "  train acc 86.67 %", "  val acc 89.00 %") == [
        ("train_acc", 86.67, 1), ("val_acc", 89.0, 1)]
    assert steps_of("loss 0.3 acc 81.0 %") == [("loss", 0.3, 0), ("acc", 81.0, 0)]
    assert steps_of("epoch 1 | loss 0.3 | acc 81.0 %") == [("loss", 0.3, 1), ("acc", 81.0, 1)]
    assert steps_of("acc: 86.67%") == [("acc", 86.67, 0)]


def test_a_percentage_with_its_count_or_before_its_name() -> None:
    assert steps_of("Epoch 1: test_loss 1.0901, test_acc 35.50% (71/200)") == [
        ("test_loss", 1.0901, 1), ("test_acc", 35.5, 1)]
    assert steps_of("Epoch 1: 86.7% accuracy, loss 0.6522") == [
        ("accuracy", 86.7, 1), ("loss", 0.6522, 1)]
    # a label before it names it, as `Test set: Average loss: 0.0345` is Test_set/Average_loss
    assert steps_of("Validation set: 89.0% accuracy") == [("Validation_set/accuracy", 89.0, 0)]


def test_a_time_taken_or_a_bracket_after_the_pairs_leaves_them_read() -> None:
    assert steps_of("Epoch 1/4", "loss 0.6522 acc 0.8667 took 1.0s") == [
        ("loss", 0.6522, 1), ("acc", 0.8667, 1)]
    assert steps_of("Epoch 1/4", "loss 0.6522 acc 0.8667 (1.0s)") == [
        ("loss", 0.6522, 1), ("acc", 0.8667, 1)]
    # numpy arrays of one value printed by `print("loss", np.array([l]).round(4), ...)`
    assert steps_of("Epoch 1", "loss [0.6522] acc 0.8667") == [
        ("loss", 0.6522, 1), ("acc", 0.8667, 1)]


def test_an_uncertainty_or_a_change_after_the_value_is_an_aside() -> None:
    # the mean is the value, as `CV accuracy: 0.91 ± 0.02` gives CV_accuracy 0.91
    assert steps_of("Epoch 1/4", "val acc 0.890 ± 0.010") == [("val_acc", 0.89, 1)]
    assert steps_of("CV acc 0.91 ± 0.02") == [("CV_acc", 0.91, 0)]
    assert steps_of("auc 0.88 +/- 0.01") == [("auc", 0.88, 0)]
    assert steps_of("CV accuracy: 0.91 ± 0.02") == [("CV_accuracy", 0.91, 0)]
    assert steps_of("Epoch 1 | loss 0.31 ▼ -0.02") == [("loss", 0.31, 1)]
    assert steps_of("epoch 2 loss 0.29 ▲ +0.01 acc 0.9") == [("loss", 0.29, 2), ("acc", 0.9, 2)]


def test_prose_ending_in_a_time_or_a_percentage_stays_prose() -> None:
    assert steps_of("Download finished in 12.3s") == []
    assert steps_of("Downloaded 45.0% of the files") == []
    assert steps_of("Waiting for 3 workers (1.0s)") == []
