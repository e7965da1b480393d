"""Tests for runlab.parsing on positions in an epoch printed in shapes of hand-written loops
that had recorded nothing or restarted each epoch: `name value` pairs after bracketed counters
and commas, the position before its epoch, and a qualified evaluation's counter."""

from __future__ import annotations

from tests.test_parsing import read_both_ways

LOSSES = ["0.0040", "0.0031", "0.0025", "0.0019"]


def two_epochs(shape: str) -> list[str]:
    """Two epochs of positions 100 and 200 of 200, `shape` formatted with e, it and loss."""
    return [shape.format(e=e, it=it, loss=loss)
            for (e, it), loss in zip(((1, 100), (1, 200), (2, 100), (2, 200)), LOSSES)]


GLOBAL = [("loss", float(loss), step) for loss, step in zip(LOSSES, (100, 200, 300, 400))]


def test_name_value_pairs_after_an_epoch_and_a_step_in_brackets_and_commas() -> None:
    # the pytorch tutorials' `Epoch [1/3], Step [50/200], Loss: 0.004`, printed with
    # `name value` pairs (had recorded nothing): at the global step, as the colon's shape is
    for shape in ("Epoch [{e}/2], Step [{it}/200], loss {loss}",
                  "Epoch [{e}/2] Step [{it}/200] loss {loss}",
                  "Epoch [{e}/2], Iter [{it}/200]: loss {loss}",
                  "Epoch [{e}/2], Step [{it}/200], Loss: {loss}"):
        read = read_both_ways(*two_epochs(shape))
        assert [(key.lower(), value, step) for key, value, step in read] == GLOBAL, shape


def test_clauses_after_an_epoch_in_brackets_and_a_comma() -> None:
    assert read_both_ways("Epoch [1/3], loss 0.5123, acc 0.81",
                          "Epoch [2/3], loss 0.4012, acc 0.85") == [
        ("loss", 0.5123, 1), ("acc", 0.81, 1), ("loss", 0.4012, 2), ("acc", 0.85, 2)]


def test_the_position_before_its_epoch() -> None:
    # `Iter 50/200 Epoch 1/3 loss 0.5`: had recorded nothing (and with `loss:` restarted at 50
    # each epoch)
    for shape in ("Iter {it}/200 Epoch {e}/2 loss {loss}",
                  "Iter {it}/200 Epoch {e}/2 loss: {loss}",
                  "step {it}/200, epoch {e}, loss {loss}",
                  "[step {it}/200 | epoch {e}] loss={loss}"):
        assert read_both_ways(*two_epochs(shape)) == GLOBAL, shape


def test_the_position_before_its_epoch_keeps_the_phase_of_its_pairs() -> None:
    assert read_both_ways("Iter 100/200 Epoch 1/2 train loss 0.5 acc 0.3",
                          "Iter 100/200 Epoch 2/2 train loss 0.4 acc 0.5") == [
        ("train_loss", 0.5, 100), ("train_acc", 0.3, 100),
        ("train_loss", 0.4, 300), ("train_acc", 0.5, 300)]


def test_a_final_evaluation_at_its_step_is_on_the_evaluations_curve() -> None:
    # `Final eval at step 400:` had recorded `loss` (unqualified) or nothing
    for line in ("Final eval at step 400: loss 0.3 acc 0.9", "Final eval at step 400: loss=0.3 acc=0.9",
                 "final eval at step 400: loss: 0.3, acc: 0.9"):
        assert read_both_ways("eval at step 200: loss 0.5 acc 0.7", line) == [
            ("eval_loss", 0.5, 200), ("eval_acc", 0.7, 200),
            ("eval_loss", 0.3, 400), ("eval_acc", 0.9, 400)], line
    assert read_both_ways("Initial validation at step 0: loss 2.3") == [
        ("validation_loss", 2.3, 0)]


def test_a_count_before_an_epoch_that_is_no_position_stays_unread() -> None:
    # a count past its total is no position in an epoch
    assert read_both_ways("Iter 300/200 Epoch 1/2 loss 0.5") == []
