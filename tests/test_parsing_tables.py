"""Tests for runlab.parsing's table rules on tables printed by the real libraries (pandas,
tabulate, rich): a history frame printed again after its curve, NaN cells, grouped (MultiIndex)
columns, a rich header wrapped over two lines, tabulate's rules, headers one space apart."""

from __future__ import annotations

import math

from runlab.parsing import MetricParser

Triple = tuple[str, float | str, int]


def steps_of(*lines: str) -> list[Triple]:
    """Lines through one parser, flushed at the end: (key, value, step), nan spelled "nan"."""
    parser = MetricParser()
    points = parser.parse_lines(lines) + parser.flush()
    return [(p.key, "nan" if math.isnan(p.value) else p.value, p.step) for p in points]


def steps_by_line(*lines: str) -> list[Triple]:
    """`steps_of`, each line read alone (`parse_line`), as a live run's are."""
    parser = MetricParser()
    points = [point for line in lines for point in parser.parse_line(line)] + parser.flush()
    return [(p.key, "nan" if math.isnan(p.value) else p.value, p.step) for p in points]


KERAS = [
    "Epoch 1/3",
    "32/32 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - accuracy: 0.5123 - loss: 0.6931 - "
    "val_accuracy: 0.6010 - val_loss: 0.6502",
    "Epoch 2/3",
    "32/32 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - accuracy: 0.6511 - loss: 0.6012 - "
    "val_accuracy: 0.6820 - val_loss: 0.5804",
    "Epoch 3/3",
    "32/32 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - accuracy: 0.7342 - loss: 0.5223 - "
    "val_accuracy: 0.7450 - val_loss: 0.5150",
]
KERAS_FRAME = [
    "   accuracy    loss  val_accuracy  val_loss",
    "0    0.5123  0.6931         0.601    0.6502",
    "1    0.6511  0.6012         0.682    0.5804",
    "2    0.7342  0.5223         0.745    0.5150",
]
KERAS_POINTS = [(key, value, epoch) for epoch, values in enumerate(
    [(0.5123, 0.6931, 0.601, 0.6502), (0.6511, 0.6012, 0.682, 0.5804),
     (0.7342, 0.5223, 0.745, 0.515)], 1)
    for key, value in zip(("accuracy", "loss", "val_accuracy", "val_loss"), values)]


def test_a_history_frame_after_its_epochs_lines_is_a_reprint() -> None:
    # Keras' lines, then `print(pd.DataFrame(history.history))` (its index from 0): the
    # frame's rows are the epochs' values again, no new points
    for read in (steps_of, steps_by_line):
        assert sorted(read(*KERAS, *KERAS_FRAME), key=lambda p: p[2]) == KERAS_POINTS
    # printed twice (a growing frame drawn again), still none
    assert len(steps_of(*KERAS, *KERAS_FRAME, *KERAS_FRAME)) == 12
    # hand-written lines, then the history frame without an epoch column
    lines = [f"Epoch {epoch}/3 - train_loss: {loss:.4f} - val_acc: {acc:.4f}"
             for epoch, (loss, acc) in enumerate([(1.4723, 0.35), (1.0964, 0.429),
                                                  (0.7959, 0.4302)], 1)]
    frame = ["Training history:", "   train_loss  val_acc", "0      1.4723   0.3500",
             "1      1.0964   0.4290", "2      0.7959   0.4302"]
    assert steps_of(*lines, *frame) == [
        ("train_loss", 1.4723, 1), ("val_acc", 0.35, 1), ("train_loss", 1.0964, 2),
        ("val_acc", 0.429, 2), ("train_loss", 0.7959, 3), ("val_acc", 0.4302, 3)]


def test_a_frame_of_other_values_after_a_curve_keeps_its_index() -> None:
    # the frame's first row is not the curve's first value: another history, at its index
    lines = ["Epoch 1/2 - loss: 0.9000 - acc: 0.5000", "Epoch 2/2 - loss: 0.8000 - acc: 0.6000"]
    curve = [("loss", 0.9, 1), ("acc", 0.5, 1), ("loss", 0.8, 2), ("acc", 0.6, 2)]
    assert steps_of(*lines, "   loss  acc", "0  0.7  0.1", "1  0.6  0.2") == [
        *curve, ("loss", 0.7, 0), ("acc", 0.1, 0), ("loss", 0.6, 1), ("acc", 0.2, 1)]
    # a frame with its own epoch column after an index-stepped one: at its epochs
    assert steps_of(*lines, "   loss  acc", "0  0.9  0.5", "1  0.8  0.6",
                    "   epoch  loss  acc", "0      1  0.7  0.7", "1      2  0.6  0.8") == [
        *curve, ("loss", 0.7, 1), ("acc", 0.7, 1), ("loss", 0.6, 2), ("acc", 0.8, 2)]


def test_nan_cells_of_a_history_table_are_no_points() -> None:
    # validation every other epoch: pandas' NaN, to_markdown's and tabulate's nan
    assert steps_of(
        "   epoch  train_loss  val_loss",
        "0      1      2.0000       NaN",
        "1      2      1.0000      1.10",
        "2      3      0.6667       NaN") == [
        ("train_loss", 2.0, 1), ("train_loss", 1.0, 2), ("val_loss", 1.1, 2),
        ("train_loss", 0.6667, 3)]
    assert steps_of(
        "|   epoch |   train_loss |   val_loss |",
        "|--------:|-------------:|-----------:|",
        "|       1 |       2      |   nan      |",
        "|       2 |       1      |     1.1    |") == [
        ("train_loss", 2.0, 1), ("train_loss", 1.0, 2), ("val_loss", 1.1, 2)]
    assert steps_of(
        "  epoch    train_loss    val_loss",
        "-------  ------------  ----------",
        "      1        2             nan",
        "      2        1               1.1",
        "      3        0.6667        nan") == [
        ("train_loss", 2.0, 1), ("train_loss", 1.0, 2), ("val_loss", 1.1, 2),
        ("train_loss", 0.6667, 3)]
    # (a NaN cell before another: a column's place, not a row's name for the value after it)
    assert steps_of(
        "   epoch  val_loss  train_loss",
        "0      1       NaN        1.00",
        "1      2       0.9        0.90") == [
        ("train_loss", 1.0, 1), ("val_loss", 0.9, 2), ("train_loss", 0.9, 2)]
    # a `loss: nan` line is a point: training diverged
    assert steps_of("Epoch 1/2 - loss: nan") == [("loss", "nan", 1)]


def test_a_frame_with_grouped_columns_names_each_for_its_group() -> None:
    # pandas' MultiIndex columns: each group's label over its first column
    assert steps_of(
        "        train             val        ",
        "         loss     acc    loss     acc",
        "epoch                                ",
        "1      0.2360  0.0665  0.7652  0.1727",
        "2      0.1032  0.4016  0.2219  0.1062") == [
        ("train/loss", 0.236, 1), ("train/acc", 0.0665, 1), ("val/loss", 0.7652, 1),
        ("val/acc", 0.1727, 1), ("train/loss", 0.1032, 2), ("train/acc", 0.4016, 2),
        ("val/loss", 0.2219, 2), ("val/acc", 0.1062, 2)]
    # names wider than the values, one space apart; the groups not phases
    assert steps_of(
        "  training          validation         ",
        "      loss accuracy       loss accuracy",
        "0     0.51     0.80       0.61     0.70") == [
        ("training/loss", 0.51, 0), ("training/accuracy", 0.8, 0),
        ("validation/loss", 0.61, 0), ("validation/accuracy", 0.7, 0)]
    assert steps_of(
        "   adam         sgd      ",
        "   loss   acc  loss   acc",
        "0  0.51  0.80  0.61  0.70") == [
        ("adam/loss", 0.51, 0), ("adam/acc", 0.8, 0), ("sgd/loss", 0.61, 0),
        ("sgd/acc", 0.7, 0)]


def test_a_rich_table_whose_header_wraps_joins_each_column_s_lines() -> None:
    table = [
        "┏━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━┓",
        "┃       ┃ Training   ┃ Validation ┃ Validati… ┃ Learning   ┃",
        "┃ Epoch ┃ Loss       ┃ Loss       ┃ Accuracy  ┃ Rate       ┃",
        "┡━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━┩",
        "│ 1     │ 1.5930     │ 1.5774     │ 0.3883    │ 1.0e-03    │",
        "│ 2     │ 1.1403     │ 1.3387     │ 0.3903    │ 1.0e-03    │",
        "└───────┴────────────┴────────────┴───────────┴────────────┘",
    ]
    # (a name cut short, `Validati…`, is no column's)
    assert steps_of(*table) == [
        ("Training_Loss", 1.593, 1), ("Validation_Loss", 1.5774, 1), ("Learning_Rate", 0.001, 1),
        ("Training_Loss", 1.1403, 2), ("Validation_Loss", 1.3387, 2),
        ("Learning_Rate", 0.001, 2)]
    # every name cut short: nothing
    assert steps_of(
        "┃       ┃ Train… ┃ Valid… ┃",
        "┃ Epoch ┃ Loss   ┃ Loss   ┃",
        "┡━━━━━━━╇━━━━━━━━╇━━━━━━━━┩",
        "│ 1     │ 1.5930 │ 1.5774 │") == []


def test_a_leaderboard_under_tabulate_s_rules() -> None:
    board = [("LogisticRegression/accuracy", 0.9474, 0), ("LogisticRegression/f1", 0.9589, 0),
             ("GaussianNB/accuracy", 0.9474, 0), ("GaussianNB/f1", 0.9585, 0)]
    # tabulate's default, `simple`: a dashed rule under the header
    assert steps_of(
        "model                 accuracy      f1",
        "------------------  ----------  ------",
        "LogisticRegression      0.9474  0.9589",
        "GaussianNB              0.9474  0.9585") == board
    # `rst`: rules of `=` around the header and under the rows
    assert steps_of(
        "==================  ==========  ======",
        "model                 accuracy      f1",
        "==================  ==========  ======",
        "LogisticRegression      0.9474  0.9589",
        "GaussianNB              0.9474  0.9585",
        "==================  ==========  ======") == board


def test_a_header_one_space_apart() -> None:
    # `f"{'epoch':<6}{'train_loss':<11}..."` and `print(epoch, train_loss, val_loss)`
    assert steps_of(
        "epoch train_loss val_loss val_acc ",
        "1     1.4648     1.6067   0.3781  ",
        "2     1.0359     1.2911   0.4220  ") == [
        ("train_loss", 1.4648, 1), ("val_loss", 1.6067, 1), ("val_acc", 0.3781, 1),
        ("train_loss", 1.0359, 2), ("val_loss", 1.2911, 2), ("val_acc", 0.422, 2)]
    # the header again before each row, a notice after it
    assert steps_of(
        "epoch train_loss val_loss",
        "    1     1.4648   1.6067",
        "saving checkpoint to ckpt.pt",
        "epoch train_loss val_loss",
        "    2     1.0359   1.2911") == [
        ("train_loss", 1.4648, 1), ("val_loss", 1.6067, 1), ("train_loss", 1.0359, 2),
        ("val_loss", 1.2911, 2)]
    # a sentence is no header: its words name no measures
    assert steps_of("epoch took too long", "1 2 3 4") == []
