"""Tests for runlab.parsing on positions in an epoch printed with their epoch on their line
(`[iter 50/200] [epoch 2/3] loss 0.4`), each epoch followed by a validation line naming only
its epoch."""

from __future__ import annotations

from tests.test_parsing import read_both_ways

LOSSES = {1: ["0.0040", "0.0033", "0.0029", "0.0025"], 2: ["0.0022", "0.0020", "0.0018", "0.0017"],
          3: ["0.0015", "0.0014", "0.0013", "0.0013"]}
VAL_LOSSES = {1: "0.5000", 2: "0.2500", 3: "0.1667"}


def run_of(validation: str, position: str = "[iter {it}/200] [epoch {e}/3] loss") -> list[str]:
    """Three epochs of four positions, 50 to 200 of 200, each epoch's `validation` after it."""
    lines = []
    for e in (1, 2, 3):
        lines += [f"{position.format(it=it, e=e)} {loss}"
                  for it, loss in zip((50, 100, 150, 200), LOSSES[e])]
        lines.append(validation.format(e=e) + f" val_loss {VAL_LOSSES[e]}")
    return lines


def expected(val_steps: tuple[int, int, int]) -> list[tuple[str, float, int]]:
    points = []
    for e in (1, 2, 3):
        points += [("loss", float(loss), 200 * (e - 1) + it)
                   for it, loss in zip((50, 100, 150, 200), LOSSES[e])]
        points.append(("val_loss", float(VAL_LOSSES[e]), val_steps[e - 1]))
    return points


def test_a_position_with_its_epoch_on_its_line_goes_on_after_a_validation_line() -> None:
    # `[epoch 1/3] val_loss 0.5` names epoch 1 after epoch 1's positions: epoch 2's
    # `[iter 50/200] [epoch 2/3]` is at 250, its line's epoch, not the validation's; the
    # validation at the step its epoch reached, 200 (its last position printed)
    for validation in ("[epoch {e}/3]", "Epoch {e}/3 |", "[Epoch {e}]"):
        assert read_both_ways(*run_of(validation)) == expected((200, 400, 600)), validation


def test_a_position_with_its_epoch_on_its_line_and_no_validation() -> None:
    lines = [line for line in run_of("[epoch {e}/3]") if "val_loss" not in line]
    assert read_both_ways(*lines) == [point for point in expected((0, 0, 0))
                                      if point[0] == "loss"]


def test_a_validation_after_an_epoch_printed_short_of_its_end_stays_at_its_epoch() -> None:
    # the last position printed, 200 of 250, is not the epoch's end: the validation is the
    # epoch's (the word language model's `| end of epoch 1 | ... | valid loss 6.80`)
    lines = [line.replace("/200]", "/250]") for line in run_of("[epoch {e}/3]")]
    assert read_both_ways(*lines) == [
        ("loss", 0.004, 50), ("loss", 0.0033, 100), ("loss", 0.0029, 150), ("loss", 0.0025, 200),
        ("val_loss", 0.5, 1),
        ("loss", 0.0022, 300), ("loss", 0.002, 350), ("loss", 0.0018, 400), ("loss", 0.0017, 450),
        ("val_loss", 0.25, 2),
        ("loss", 0.0015, 550), ("loss", 0.0014, 600), ("loss", 0.0013, 650), ("loss", 0.0013, 700),
        ("val_loss", 0.1667, 3)]


def test_a_validation_after_an_epochs_last_position_of_the_tutorials_shape() -> None:
    # `Epoch [1/3], Step [200/200], Loss: ...` ends its epoch: `Epoch [1/3] val_loss 0.5` at 200
    assert read_both_ways(*run_of("Epoch [{e}/3]", "Epoch [{e}/3], Step [{it}/200], loss:")) == (
        expected((200, 400, 600)))
