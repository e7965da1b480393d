"""Tests for runlab.parsing's table rules on what re-testers found still unread: leaderboards with
a rank's column (tabulate, pandas, rich), a history frame printed after its curve rounded, cut
to its last rows or with Keras' 0-based epochs, MultiIndex columns after `reset_index()` and of
three levels, a narrow rich Table's wrapped header in other boxes and over three lines, headers
one space apart with names of words or units, and RL tables printed by `print(ep, ret, ln)`."""

from __future__ import annotations

from tests.test_parsing_tables import Triple, steps_by_line, steps_of


# leaderboards ---------------------------------------------------------------------------------

BOARD = [("RandomForest/accuracy", 0.9649, 0), ("RandomForest/f1", 0.972, 0),
         ("RandomForest/roc_auc", 0.995, 0), ("LogisticRegression/accuracy", 0.9591, 0),
         ("LogisticRegression/f1", 0.9677, 0), ("LogisticRegression/roc_auc", 0.994, 0)]


def test_a_leaderboard_with_a_rank_column_names_each_value_by_model_and_column() -> None:
    # tabulate's `simple` (its default), `tabulate(rows, headers=["rank", "model", ...])`: the
    # rank is no value and no step, and the model's name is no key of its own
    assert steps_of(
        "  rank  model                 accuracy      f1    roc_auc",
        "------  ------------------  ----------  ------  ---------",
        "     1  RandomForest            0.9649  0.972       0.995",
        "     2  LogisticRegression      0.9591  0.9677      0.994",
    ) == BOARD
    # its `github` format (and `psql`, `grid`: the same rows between bars)
    assert steps_of(
        "|   rank | model              |   accuracy |     f1 |   roc_auc |",
        "|--------|--------------------|------------|--------|-----------|",
        "|      1 | RandomForest       |     0.9649 | 0.972  |     0.995 |",
        "|      2 | LogisticRegression |     0.9591 | 0.9677 |     0.994 |",
    ) == BOARD
    # the rank after the model's name
    assert steps_of(
        "model                 rank    accuracy      f1    roc_auc",
        "------------------  ------  ----------  ------  ---------",
        "RandomForest             1      0.9649  0.972       0.995",
        "LogisticRegression       2      0.9591  0.9677      0.994",
    ) == BOARD
    # pandas' `df.insert(0, "rank", ...)`, `print(df.to_string(index=False))`
    assert steps_of(
        " rank              model  accuracy     f1  roc_auc",
        "    1       RandomForest    0.9649 0.9720    0.995",
        "    2 LogisticRegression    0.9591 0.9677    0.994",
    ) == BOARD


def test_a_leaderboard_under_pandas_index_or_a_capital_model_column_or_a_rich_table() -> None:
    # `tabulate(df, headers="keys", tablefmt="psql")`: the frame's index under an empty cell
    assert steps_of(
        "+----+--------------------+------------+--------+-----------+",
        "|    | model              |   accuracy |     f1 |   roc_auc |",
        "|----+--------------------+------------+--------+-----------|",
        "|  0 | RandomForest       |     0.9649 | 0.972  |     0.995 |",
        "|  1 | LogisticRegression |     0.9591 | 0.9677 |     0.994 |",
        "+----+--------------------+------------+--------+-----------+",
    ) == BOARD
    # `rst` with `Model` and a name of two words, `ROC AUC`
    assert steps_of(
        "==================  ==========  ======  =========",
        "Model                 Accuracy      F1    ROC AUC",
        "==================  ==========  ======  =========",
        "RandomForest            0.9649  0.972       0.995",
        "LogisticRegression      0.9591  0.9677      0.994",
        "==================  ==========  ======  =========",
    ) == [("RandomForest/Accuracy", 0.9649, 0), ("RandomForest/F1", 0.972, 0),
          ("RandomForest/ROC_AUC", 0.995, 0), ("LogisticRegression/Accuracy", 0.9591, 0),
          ("LogisticRegression/F1", 0.9677, 0), ("LogisticRegression/ROC_AUC", 0.994, 0)]
    # a rich Table of the models
    assert steps_of(
        "                  Model comparison                  ",
        "┏━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━┓",
        "┃ model              ┃ accuracy ┃ f1     ┃ roc_auc ┃",
        "┡━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━┩",
        "│ RandomForest       │ 0.9649   │ 0.9720 │ 0.9950  │",
        "│ LogisticRegression │ 0.9591   │ 0.9677 │ 0.9940  │",
        "└────────────────────┴──────────┴────────┴─────────┘",
    ) == BOARD


# a history printed after its curve ------------------------------------------------------------

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
CURVE = [("accuracy", 0.5123, 1), ("loss", 0.6931, 1), ("val_accuracy", 0.601, 1),
         ("val_loss", 0.6502, 1), ("accuracy", 0.6511, 2), ("loss", 0.6012, 2),
         ("val_accuracy", 0.682, 2), ("val_loss", 0.5804, 2), ("accuracy", 0.7342, 3),
         ("loss", 0.5223, 3), ("val_accuracy", 0.745, 3), ("val_loss", 0.515, 3)]


def sorted_points(points: list[Triple]) -> list[Triple]:
    return sorted(points, key=lambda point: (point[2] or 0, CURVE_KEYS.index(point[0])))


CURVE_KEYS = ["accuracy", "loss", "val_accuracy", "val_loss"]


def test_a_history_frame_with_keras_own_epochs_from_0_is_its_curve_again() -> None:
    # `df.insert(0, "epoch", history.epoch)`: 0-based, the lines' epochs from 1
    frame = ["   epoch  accuracy    loss  val_accuracy  val_loss",
             "0      0    0.5123  0.6931         0.601    0.6502",
             "1      1    0.6511  0.6012         0.682    0.5804",
             "2      2    0.7342  0.5223         0.745    0.5150"]
    assert sorted_points(steps_of(*KERAS, *frame)) == CURVE
    assert sorted_points(steps_by_line(*KERAS, *frame)) == CURVE


def test_a_history_frame_cut_to_its_last_row_or_rounded_is_its_curve_again() -> None:
    # `print(df.tail(1))` (or `df.loc[[df.val_loss.idxmin()]]`): index 2 is epoch 3
    tail = ["   accuracy    loss  val_accuracy  val_loss",
            "2    0.7342  0.5223         0.745     0.515"]
    assert sorted_points(steps_of(*KERAS, *tail)) == CURVE
    # `print(df.round(2))`: each value to two decimals
    rounded = ["   accuracy  loss  val_accuracy  val_loss",
               "0      0.51  0.69          0.60      0.65",
               "1      0.65  0.60          0.68      0.58",
               "2      0.73  0.52          0.74      0.52"]
    assert sorted_points(steps_of(*KERAS, *rounded)) == CURVE
    assert sorted_points(steps_by_line(*KERAS, *rounded)) == CURVE
    # a frame of other values (a second fit's history) is no reprint: its own points
    other = ["   accuracy  loss  val_accuracy  val_loss",
             "0      0.81  0.42          0.79      0.45"]
    assert [point for point in steps_of(*KERAS, *other) if point[2] == 0] == [
        ("accuracy", 0.81, 0), ("loss", 0.42, 0), ("val_accuracy", 0.79, 0),
        ("val_loss", 0.45, 0)]


def test_lines_then_their_table_rounded_by_pandas_are_one_curve() -> None:
    assert steps_of(
        "Epoch 1/2 - train_loss: 1.4723 - val_loss: 1.6759 - val_acc: 0.3500",
        "Epoch 2/2 - train_loss: 1.0964 - val_loss: 1.3256 - val_acc: 0.4290",
        "",
        "Training history:",
        "   epoch  train_loss  val_loss  val_acc",
        "0      1        1.47      1.68     0.35",
        "1      2        1.10      1.33     0.43",
    ) == [("train_loss", 1.4723, 1), ("val_loss", 1.6759, 1), ("val_acc", 0.35, 1),
          ("train_loss", 1.0964, 2), ("val_loss", 1.3256, 2), ("val_acc", 0.429, 2)]


# MultiIndex columns ---------------------------------------------------------------------------

def test_multiindex_columns_after_reset_index_are_read_at_the_epoch_column() -> None:
    assert steps_of(
        "  epoch   train             val        ",
        "           loss     acc    loss     acc",
        "0     1  0.5983  0.6919  0.8547  0.4753",
        "1     2  0.6934  0.8379  0.6192  0.2973",
    ) == [("train/loss", 0.5983, 1), ("train/acc", 0.6919, 1), ("val/loss", 0.8547, 1),
          ("val/acc", 0.4753, 1), ("train/loss", 0.6934, 2), ("train/acc", 0.8379, 2),
          ("val/loss", 0.6192, 2), ("val/acc", 0.2973, 2)]


def test_multiindex_columns_of_three_levels_name_each_column_by_all_three() -> None:
    assert steps_of(
        "        train             val        ",
        "         loss            loss        ",
        "         mean     std    mean     std",
        "epoch                                ",
        "1      0.5983  0.0119  0.8547  0.0253",
        "2      0.4934  0.0179  0.6192  0.0273",
    ) == [("train/loss/mean", 0.5983, 1), ("train/loss/std", 0.0119, 1),
          ("val/loss/mean", 0.8547, 1), ("val/loss/std", 0.0253, 1),
          ("train/loss/mean", 0.4934, 2), ("train/loss/std", 0.0179, 2),
          ("val/loss/mean", 0.6192, 2), ("val/loss/std", 0.0273, 2)]


# a narrow rich Table's wrapped header ---------------------------------------------------------

WRAPPED = [("Training_Loss", 1.433, 1), ("Validation_Loss", 0.3762, 1),
           ("Training_Loss", 1.0717, 2), ("Validation_Loss", 0.4713, 2)]


def test_a_wrapped_rich_header_in_a_rounded_box_or_a_box_without_bars() -> None:
    assert steps_of(
        "╭───────┬─────────────┬──────────────╮",
        "│       │ Training    │ Validation   │",
        "│ Epoch │ Loss        │ Loss         │",
        "├───────┼─────────────┼──────────────┤",
        "│ 1     │ 1.4330      │ 0.3762       │",
        "│ 2     │ 1.0717      │ 0.4713       │",
        "╰───────┴─────────────┴──────────────╯",
    ) == WRAPPED
    # box.SIMPLE: each cell's lines start where the header's cell starts
    assert steps_of(
        "                                      ",
        "          Training      Validation    ",
        "  Epoch   Loss          Loss          ",
        " ──────────────────────────────────── ",
        "  1       1.4330        0.3762        ",
        "  2       1.0717        0.4713        ",
        "                                      ",
    ) == WRAPPED


def test_a_rich_header_wrapped_over_three_lines_joins_them_all() -> None:
    # box.MINIMAL: bars between the columns only
    assert steps_of(
        "        ╷            ╷                ",
        "        │            │ Validation     ",
        "        │            │ Top 5          ",
        "  Epoch │ Train Loss │ Accuracy       ",
        "╶───────┼────────────┼───────────────╴",
        "  1     │ 1.4330     │ 0.3762         ",
        "  2     │ 1.0717     │ 0.4713         ",
        "        ╵            ╵                ",
    ) == [("Train_Loss", 1.433, 1), ("Validation_Top_5_Accuracy", 0.3762, 1),
          ("Train_Loss", 1.0717, 2), ("Validation_Top_5_Accuracy", 0.4713, 2)]


def test_a_rich_header_with_a_name_cut_short_reads_its_other_columns() -> None:
    # (`Accura…`, `Traini…`: no column's; `Learning Rate` whole)
    assert steps_of(
        "┏━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━┓",
        "┃       ┃ Traini… ┃ Valida… ┃ Learning ┃",
        "┃ Epoch ┃ Loss    ┃ Accura… ┃ Rate     ┃",
        "┡━━━━━━━╇━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━┩",
        "│ 1     │ 1.4330  │ 0.3762  │ 1.0e-03  │",
        "└───────┴─────────┴─────────┴──────────┘",
    ) == [("Learning_Rate", 0.001, 1)]


# headers one space apart ----------------------------------------------------------------------

def test_a_header_one_space_apart_with_names_of_words_is_cut_where_its_values_end() -> None:
    # f"{'Epoch':>5} {'Train Loss':>10} {'Val Loss':>8} {'Val Acc':>7}", rows as wide
    assert steps_of(
        "Epoch Train Loss Val Loss Val Acc",
        "    1     1.2345   0.9876  0.4567",
        "    2     1.1000   0.9000  0.5000",
    ) == [("Train_Loss", 1.2345, 1), ("Val_Loss", 0.9876, 1), ("Val_Acc", 0.4567, 1),
          ("Train_Loss", 1.1, 2), ("Val_Loss", 0.9, 2), ("Val_Acc", 0.5, 2)]
    # left-aligned, `{'Train Loss':<10}`: where they start
    assert steps_of(
        "Epoch Train Loss Val Loss Val Acc",
        "1     1.2345     0.9876   0.4567 ",
    ) == [("Train_Loss", 1.2345, 1), ("Val_Loss", 0.9876, 1), ("Val_Acc", 0.4567, 1)]
    # prose that starts with a counter's word, numbers under it: no table
    assert steps_of("Epoch loss went down nicely", "1 0.5 0.4 0.3 0.2") == []


def test_a_header_one_space_apart_with_a_unit_column_reads_every_column() -> None:
    # `print("epoch time(s) loss acc")` then `print(e, 1.5, loss, acc)`
    assert steps_of(
        "epoch time(s) loss acc",
        "1 1.5 1.4723 0.35",
        "2 1.5 1.0964 0.429",
    ) == [("time", 1.5, 1), ("loss", 1.4723, 1), ("acc", 0.35, 1),
          ("time", 1.5, 2), ("loss", 1.0964, 2), ("acc", 0.429, 2)]
    # settings under a counter are still no table's (`epoch lr warmup_frac`)
    assert steps_of("epoch lr warmup_frac", "1 0.05 0.1", "2 0.025 0.1") == []


def test_an_rl_table_of_single_spaced_rows_reads_return_and_length() -> None:
    # `print("episode return length")`, then `print(ep, ret, ln)`
    assert steps_of(
        "episode return length",
        "1 14.0 14",
        "2 28.0 28",
    ) == [("return", 14.0, 1), ("length", 14, 1), ("return", 28.0, 2), ("length", 28, 2)]
    # `ep reward`: an episode's counter and one measure
    assert steps_of("ep reward", "1 14.0", "2 28.0") == [("reward", 14.0, 1), ("reward", 28.0, 2)]
    # a data dump under a counter's name is no table (`step x y z`)
    assert steps_of("step x y z", "0 0.238 0.544 0.369", "1 0.292 0.104 0.906") == []


# pandas' other prints of a history ------------------------------------------------------------

HISTORY = [("train_loss", 1.5246, 1), ("val_loss", 1.7308, 1), ("val_acc", 0.3954, 1),
           ("train_loss", 1.2109, 2), ("val_loss", 1.4261, 2), ("val_acc", 0.5061, 2)]


def test_a_markdown_history_under_its_index_is_read_at_its_epoch_column() -> None:
    # `print(df.to_markdown())`: the index under an empty header cell
    assert steps_of(
        "|    |   epoch |   train_loss |   val_loss |   val_acc |",
        "|---:|--------:|-------------:|-----------:|----------:|",
        "|  0 |       1 |       1.5246 |     1.7308 |    0.3954 |",
        "|  1 |       2 |       1.2109 |     1.4261 |    0.5061 |",
    ) == HISTORY


def test_a_history_printed_the_other_way_round_is_a_value_a_step() -> None:
    # `print(df.set_index("epoch").T)`: a row a measure, a column an epoch
    assert sorted(steps_of(
        "epoch            1       2       3",
        "train_loss  1.5246  1.2109  0.8511",
        "val_acc     0.3954  0.5061  0.6193",
    ), key=lambda point: (point[2] or 0, point[0])) == [
        ("train_loss", 1.5246, 1), ("val_acc", 0.3954, 1), ("train_loss", 1.2109, 2),
        ("val_acc", 0.5061, 2), ("train_loss", 0.8511, 3), ("val_acc", 0.6193, 3)]


def test_a_frame_wrapped_into_blocks_reads_each_block_at_the_first_block_s_steps() -> None:
    # `pd.set_option("display.max_columns", None)`, wider than `display.width`: a `\` ends the
    # first block's header, the next block's rows are at the epochs of the same index
    lines = ["   epoch  train_loss  val_loss  val_acc  train_acc  \\",
             "0      1      1.5246    1.7308   0.3954        0.1   ",
             "1      2      1.2109    1.4261   0.5061        0.2   ",
             "",
             "   val_f1  val_recall  ",
             "0    0.07        0.11  ",
             "1    0.17        0.21  "]
    assert steps_of(*lines) == [
        ("train_loss", 1.5246, 1), ("val_loss", 1.7308, 1), ("val_acc", 0.3954, 1),
        ("train_acc", 0.1, 1), ("train_loss", 1.2109, 2), ("val_loss", 1.4261, 2),
        ("val_acc", 0.5061, 2), ("train_acc", 0.2, 2), ("val_f1", 0.07, 1),
        ("val_recall", 0.11, 1), ("val_f1", 0.17, 2), ("val_recall", 0.21, 2)]
    # (a log read back holds no blank lines)
    assert steps_of(*lines[:3], *lines[4:]) == steps_of(*lines)
