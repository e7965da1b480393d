"""Metrics from hand-written training loops' lines: the epoch beside a step's counter, a
position with a colon after it, an arrow after the epoch or before an evaluation's line, a
learning rate under a phase, a learning rate per parameter group, settings printed before a
training."""

from __future__ import annotations

from tests.test_parsing import steps_of


def test_the_epoch_beside_a_step_counter_is_neither_a_metric_nor_the_step() -> None:
    assert steps_of("step 40 (epoch 0.50): loss 0.9920 | lr 3.0e-04") == [
        ("loss", 0.992, 40), ("lr", 0.0003, 40)]
    for line in ("step 40, epoch 0.50: loss 0.9920", "step 40 [epoch 0.50] loss 0.9920",
                 "step 40 (ep 1): loss 0.9920", "Step 40 (0.50 epochs): loss 0.9920",
                 "step 40 (12.3%): loss 0.9920", "step 40/1000 (epoch 1): loss 0.9920"):
        assert steps_of(line) == [("loss", 0.992, 40)], line
    assert steps_of("Iter 40 (epoch 1): loss 0.9920, acc 0.5") == [
        ("loss", 0.992, 40), ("acc", 0.5, 40)]
    assert steps_of("step 40 (epoch 0.50): loss=0.9920 lr=3.0e-04") == [
        ("loss", 0.992, 40), ("lr", 0.0003, 40)]
    # the counter is the step of each line, not the step of the line before
    assert steps_of("step 190 | loss 0.5", "step 240 (epoch 1.00) | val_loss 2.1") == [
        ("loss", 0.5, 190), ("val_loss", 2.1, 240)]
    assert steps_of("step 20 (epoch 0.25): loss 1.2000 | lr 1.0e-04",
                    "step 40 (epoch 0.50): loss 0.9920 | lr 3.0e-04",
                    "step 60 (epoch 0.75): loss 0.8000 | lr 3.0e-04") == [
        ("loss", 1.2, 20), ("lr", 0.0001, 20), ("loss", 0.992, 40), ("lr", 0.0003, 40),
        ("loss", 0.8, 60), ("lr", 0.0003, 60)]


def test_a_position_in_the_epoch_before_a_colon_is_the_step() -> None:
    # as `Epoch 5/10, Iter 100/500, loss: 0.5` (the epochs counted from the first seen)
    assert steps_of("Epoch 1/3, Iter 100/500: loss 0.7536, lr 1.0e-03") == [
        ("loss", 0.7536, 100), ("lr", 0.001, 100)]
    assert steps_of("Epoch 5/10, Iter 100/500: loss=0.5000") == [("loss", 0.5, 100)]
    assert steps_of("Epoch 1/3, Iter 100/500: loss 0.7536, lr 1.0e-03",
                    "Epoch 1/3, Iter 200/500: loss 0.7000, lr 1.0e-03",
                    "Epoch 2/3, Iter 100/500: loss 0.6000, lr 1.0e-03") == [
        ("loss", 0.7536, 100), ("lr", 0.001, 100), ("loss", 0.7, 200), ("lr", 0.001, 200),
        ("loss", 0.6, 600), ("lr", 0.001, 600)]


def test_a_global_step_after_the_epoch_is_the_step() -> None:
    assert steps_of("Epoch 5, global step 2100: loss 0.5000") == [("loss", 0.5, 2100)]
    assert steps_of("Epoch 5, global step 2100: loss 0.5000",
                    "Epoch 5, global step 2200: loss 0.4000",
                    "Epoch 6, global step 2300: loss 0.3000, acc 0.9") == [
        ("loss", 0.5, 2100), ("loss", 0.4, 2200), ("loss", 0.3, 2300), ("acc", 0.9, 2300)]


def test_it_with_its_total_is_the_position() -> None:
    assert steps_of("it: 100/500, loss: 0.7536, acc: 0.550") == [
        ("loss", 0.7536, 100), ("acc", 0.55, 100)]
    assert steps_of("It: 100/500, Loss: 0.7536, Acc: 0.550") == [
        ("Loss", 0.7536, 100), ("Acc", 0.55, 100)]
    assert steps_of("it: 100/500, loss: 0.7536, acc: 0.550",
                    "it: 200/500, loss: 0.7000, acc: 0.600",
                    "it: 300/500, loss: 0.6000, acc: 0.700") == [
        ("loss", 0.7536, 100), ("acc", 0.55, 100), ("loss", 0.7, 200), ("acc", 0.6, 200),
        ("loss", 0.6, 300), ("acc", 0.7, 300)]
    # a word ending in `it` is no counter
    assert steps_of("limit: 100/500, loss: 0.5") == [("loss", 0.5, 0)]


def test_an_arrow_before_an_evaluation_line_is_no_part_of_it() -> None:
    for arrow in (">", ">>", ">>>", "=>", "->", "-->"):
        assert steps_of(f"{arrow} eval at step 200: loss 2.1 ppl 8.2") == [
            ("eval_loss", 2.1, 200), ("eval_ppl", 8.2, 200)], arrow
    assert steps_of(">> eval step 200: loss 2.1 ppl 8.2") == [
        ("eval_loss", 2.1, 200), ("eval_ppl", 8.2, 200)]
    assert steps_of("=> val loss at step 200: 2.1000") == [("val_loss", 2.1, 200)]
    assert steps_of("step 100: loss 0.5", "step 200: loss 0.4",
                    ">>> eval at step 200: loss 2.1 ppl 8.2") == [
        ("loss", 0.5, 100), ("loss", 0.4, 200), ("eval_loss", 2.1, 200), ("eval_ppl", 8.2, 200)]


def test_an_arrow_after_the_epoch_is_no_part_of_the_names() -> None:
    for line in ("Epoch 5 -> loss 0.5000 | acc 0.8000", "Epoch 5 -> loss 0.5000, acc 0.8000",
                 "Epoch 5 => loss 0.5000, acc 0.8000", "Epoch 5 \u2192 loss 0.5000 acc 0.8000",
                 "Epoch 5 -> loss: 0.5, acc: 0.8"):
        assert steps_of(line) == [("loss", 0.5, 5), ("acc", 0.8, 5)], line
    assert steps_of("Epoch 1 -> loss 0.9000, acc 0.5000",
                    "Epoch 2 -> loss 0.7000, acc 0.6000") == [
        ("loss", 0.9, 1), ("acc", 0.5, 1), ("loss", 0.7, 2), ("acc", 0.6, 2)]


def test_a_phases_counter_names_its_learning_rate_whatever_the_pairs_shape() -> None:
    # `name value` pairs after a phase's counter are named as `name=value` pairs are
    for line in ("[train] step 4 loss 0.6 lr 3e-3", "train step 4 loss 0.6 lr 3e-3",
                 "train step 4 loss=0.6 lr=3e-3"):
        assert steps_of(line) == [("train_loss", 0.6, 4), ("train_lr", 0.003, 4)], line


def test_a_learning_rate_per_parameter_group_is_skipped_and_the_pairs_after_it_read() -> None:
    # a list of several rates is not read (as `lr: [0.001, 0.0001]` alone)
    assert steps_of("lr: [0.001, 0.0001]") == []
    assert steps_of("epoch 5 lr: [0.001, 0.0001] loss 0.5") == [("loss", 0.5, 5)]
    assert steps_of("epoch 5 lr: [0.001, 0.0001] loss 0.5",
                    "epoch 6 lr: [0.001, 0.0001] loss 0.4 acc 0.8") == [
        ("loss", 0.5, 5), ("loss", 0.4, 6), ("acc", 0.8, 6)]


def test_whole_numbers_beside_a_setting_are_settings() -> None:
    assert steps_of("LoRA r=16, alpha=32, dropout=0.05") == []
    assert steps_of("LoRA r=16, alpha=32, dropout=0.05", "step 1: loss 0.9",
                    "step 2: loss 0.8") == [("loss", 0.9, 1), ("loss", 0.8, 2)]
    # whole-number measures stay (no setting's name), and so do a counter's line's
    assert steps_of("top1=76, top5=93") == [("top1", 76, 0), ("top5", 93, 0)]
    assert steps_of("step=5, alpha=32, loss=0.5") == [("alpha", 32, 5), ("loss", 0.5, 5)]


def test_a_banners_marks_before_an_evaluation_line_are_no_part_of_it() -> None:
    assert steps_of("step 190 | loss 0.5", "*** eval at step 200: loss 2.1 ppl 8.2",
                    "--- eval at step 300: loss 2.0") == [
        ("loss", 0.5, 190), ("eval_loss", 2.1, 200), ("eval_ppl", 8.2, 200),
        ("eval_loss", 2.0, 300)]
