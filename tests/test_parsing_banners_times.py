"""Tests for runlab.parsing on framed banners of a training's settings, several counters'
clauses on one line, and a time named with its colon among `name value` pairs."""

from __future__ import annotations

from runlab.parsing import MetricParser
from tests.test_parsing import read_both_ways, steps_of, triples


def test_a_framed_banner_of_settings_is_no_metric() -> None:
    # the settings a training runs with, between runs of `=`, `-`, `*` or `#`
    for banner in ("=== Training with lr=0.1 ===", "--- run lr=0.01 epochs=3 ---",
                   "*** Experiment: lr=0.001, bs=32 ***", "##### lr=0.1, wd=1e-4 #####",
                   "========== Fold 2 / lr=0.01 ==========", "--- run learning_rate=0.01 ---"):
        assert read_both_ways(banner) == [], banner
    # a batch's size named short is a setting as `batch_size` is
    assert read_both_ways("=== bs=32, lr=0.1 ===") == []
    # the lines after it are read as ever
    assert read_both_ways("=== Training with lr=0.1 ===", "epoch 1 loss 0.5 acc 0.8") == [
        ("loss", 0.5, 1), ("acc", 0.8, 1)]


def test_framed_results_are_still_read() -> None:
    assert read_both_ways("=== Epoch 3: loss=0.41 acc=0.88 ===") == [
        ("loss", 0.41, 3), ("acc", 0.88, 3)]
    assert read_both_ways("----- test acc: 0.91 -----") == [("test_acc", 0.91, 0)]
    assert read_both_ways("=== Final: val_loss=0.2 ===") == [("val_loss", 0.2, 0)]
    # an epoch's learning rate, framed, is the epoch's (a counter of steps on the line)
    assert read_both_ways("=== Epoch 3 lr=0.001 ===") == [("lr", 0.001, 3)]
    # a value that names no setting stays, `grad_norm`
    assert read_both_ways("=== grad_norm=2.3 ===") == [("grad_norm", 2.3, 0)]
    # a step's rate, whatever its counter's name, and a scheduler's announcement
    assert read_both_ways("=== global_step=500 lr=0.0001 ===") == [("lr", 0.0001, 500)]
    assert read_both_ways("--- train_step=200 lr=0.01 ---") == [("lr", 0.01, 200)]
    assert read_both_ways("=== LR reduced: lr=0.0001 ===") == [("lr", 0.0001, 0)]
    # the same pairs unframed are read as before
    assert read_both_ways("Training with lr=0.1") == [("lr", 0.1, 0)]


def test_each_counters_clause_on_one_line_is_at_its_own_step() -> None:
    assert read_both_ways("epoch 1: loss 14.36 | epoch 2: loss 12.08") == [
        ("loss", 14.36, 1), ("loss", 12.08, 2)]
    assert read_both_ways("step 10 loss 0.5 | step 20 loss 0.4") == [
        ("loss", 0.5, 10), ("loss", 0.4, 20)]
    assert read_both_ways("Epoch 1 - loss: 0.5; Epoch 2 - loss: 0.4") == [
        ("loss", 0.5, 1), ("loss", 0.4, 2)]
    assert read_both_ways("iter 1 loss 0.5, iter 2 loss 0.4, iter 3 loss 0.3") == [
        ("loss", 0.5, 1), ("loss", 0.4, 2), ("loss", 0.3, 3)]
    # the step goes on from the last clause's
    assert read_both_ways("step 10 loss 0.5 | step 20 loss 0.4", "val_loss: 0.45") == [
        ("loss", 0.5, 10), ("loss", 0.4, 20), ("val_loss", 0.45, 20)]


def test_a_counter_named_again_without_its_own_pairs_is_one_line() -> None:
    # not a later counter's clause of pairs: when the next evaluation is, a best's epoch
    assert read_both_ways("step 100 | loss 0.5 | next eval at step 200") == [("loss", 0.5, 100)]
    assert read_both_ways("epoch 3 | loss 0.5 | best epoch 2: acc 0.9") == steps_of(
        "epoch 3 | loss 0.5 | best epoch 2: acc 0.9")
    assert [key for key, _, _ in read_both_ways(
        "epoch 3 | loss 0.5 | best epoch 2: acc 0.9")].count("loss") == 1


def test_a_named_time_with_its_colon_among_pairs() -> None:
    # the epoch's time before the pairs is passed over, as `time 12.3s` is
    assert read_both_ways("epoch 2 time: 1.2 s loss 0.5") == [("loss", 0.5, 2)]
    assert read_both_ways("epoch 2 time: 1.2s loss 0.5") == [("loss", 0.5, 2)]
    assert read_both_ways("epoch 3 time 12.3s loss 0.4") == [("loss", 0.4, 3)]
    assert read_both_ways("epoch 2 | time: 1.2 s | loss 0.5") == [("loss", 0.5, 2)]
    assert read_both_ways("epoch 2, time: 1.2s, loss: 0.5") == [("loss", 0.5, 2)]
    # after a pair, `time: 1.2 s` reads as `time 1.2s` does
    assert read_both_ways("epoch 5 loss 0.5 time: 1.2 s") == read_both_ways(
        "epoch 5 loss 0.5 time 1.2s") == [("loss", 0.5, 5), ("time", 1.2, 5)]


def test_a_name_after_a_value_and_its_unit_is_the_next_words_only() -> None:
    # the unit of the value before is no word of the next name (`s_loss`, `GB_loss` had been)
    assert read_both_ways("Epoch 3 time: 1.2 s loss: 0.3") == [("loss", 0.3, 3)]
    assert read_both_ways("step 5 time 0.5 sec loss: 0.3 acc: 0.9") == [
        ("loss", 0.3, 5), ("acc", 0.9, 5)]
    assert read_both_ways("step 6 time: 0.5 ms loss: 0.3") == [("loss", 0.3, 6)]
    assert read_both_ways("Epoch 3 mem: 3.4 GB loss: 0.3") == [
        ("mem", 3.4, 3), ("loss", 0.3, 3)]
    # in capitals as in small letters
    assert read_both_ways("EPOCH 3 loss 0.3") == [("loss", 0.3, 3)]
    assert read_both_ways("EPISODE 6 REWARD 210") == [("REWARD", 210.0, 6)]
    assert read_both_ways("EPOCH 3 TIME: 1.2 s LOSS 0.3") == [("LOSS", 0.3, 3)]
    assert read_both_ways("EPOCH 3 | TIME: 1.2 s | LOSS: 0.3") == [("LOSS", 0.3, 3)]
    # a name whose first word is a unit's is read whole: a minimum's, MS-SSIM
    assert ("min_loss", 0.31, 0) in read_both_ways("loss: 0.52 min loss: 0.31")
    assert ("ms_ssim", 0.95, 0) in read_both_ways("psnr: 31.2 ms ssim: 0.95")
    # a name that only starts as a unit does is read whole
    assert read_both_ways("epoch 1 loss: 0.5 smooth loss: 0.4") == [
        ("loss", 0.5, 1), ("smooth_loss", 0.4, 1)]


def test_parse_line_reads_the_pieces_too() -> None:
    parser = MetricParser()
    assert triples(parser.parse_line("epoch 1: loss 14.36 | epoch 2: loss 12.08")
                   + parser.flush()) == [("loss", 14.36, 1), ("loss", 12.08, 2)]
