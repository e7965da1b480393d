"""Tests for runlab.parsing on a results table whose rows are named by their split (`split`,
`Dataset`, `Set`, `Phase` over `train`, `val`, `test`), as tabulate, an f-string or a rich
`Table` prints the final train/val/test summary."""

from __future__ import annotations

import pytest

from tests.test_parsing import read_both_ways

SPLITS = [("train/loss", 0.31, 0), ("train/acc", 0.91, 0), ("val/loss", 0.37, 0),
          ("val/acc", 0.88, 0), ("test/loss", 0.39, 0), ("test/acc", 0.87, 0)]


@pytest.mark.parametrize("first", ["split", "Split", "Dataset", "Set", "phase", "subset"])
def test_tabulates_table_of_splits(first: str) -> None:
    # tabulate(rows, headers=[first, "loss", "acc"]): its default `simple` format
    assert read_both_ways(f"{first:<7}    loss    acc",
                          "-------  ------  -----",
                          "train      0.31   0.91",
                          "val        0.37   0.88",
                          "test       0.39   0.87") == SPLITS


def test_an_f_strings_table_of_splits() -> None:
    # f"{'split':<8}{'loss':>8}{'acc':>8}", then a row a split
    assert read_both_ways("split       loss     acc",
                          "train       0.31    0.91",
                          "val         0.37    0.88",
                          "test        0.39    0.87") == SPLITS


@pytest.mark.parametrize("first", ["Dataset", "Split", ""])
def test_a_rich_table_of_splits(first: str) -> None:
    # rich's Table with columns first, "Loss", "Acc" (an empty first header too)
    width = max(len(first), 5) + 2
    assert read_both_ways("┏" + "━" * width + "┳━━━━━━┳━━━━━━┓",
                          f"┃ {first:<{width - 2}} ┃ Loss ┃ Acc  ┃",
                          "┡" + "━" * width + "╇━━━━━━╇━━━━━━┩",
                          f"│ {'train':<{width - 2}} │ 0.31 │ 0.91 │",
                          f"│ {'val':<{width - 2}} │ 0.37 │ 0.88 │",
                          f"│ {'test':<{width - 2}} │ 0.39 │ 0.87 │",
                          "└" + "─" * width + "┴──────┴──────┘") == [
        (key.replace("loss", "Loss").replace("acc", "Acc"), value, step)
        for key, value, step in SPLITS]


def test_a_rich_table_of_epochs_under_an_empty_header_is_a_history() -> None:
    # its rows' first cells are the epochs: each row at its epoch, not named by it
    assert read_both_ways("┏━━━┳━━━━━━┳━━━━━━┓",
                          "┃   ┃ Loss ┃ Acc  ┃",
                          "┡━━━╇━━━━━━╇━━━━━━┩",
                          "│ 1 │ 1.00 │ 0.60 │",
                          "│ 2 │ 0.50 │ 0.70 │",
                          "└───┴──────┴──────┘") == [
        ("Loss", 1.0, 1), ("Acc", 0.6, 1), ("Loss", 0.5, 2), ("Acc", 0.7, 2)]


def test_a_rich_table_of_settings_under_an_empty_header_is_no_metric() -> None:
    assert read_both_ways("┏━━━━━┳━━━━━┳━━━━━━━━┓",
                          "┃     ┃ lr  ┃ epochs ┃",
                          "┡━━━━━╇━━━━━╇━━━━━━━━┩",
                          "│ cfg │ 0.1 │ 3      │",
                          "└─────┴─────┴────────┘") == []


def test_a_history_table_after_its_lines_is_the_curves_printed_again() -> None:
    # a rich Table of the history after the epochs' lines, its columns named otherwise
    # (`Train Loss` for `train_loss`): no second curve of each, `Train_Loss` beside `train_loss`
    lines = ("Epoch 1 train_loss=1.0000 val_loss=1.0500 val_acc=0.600",
             "Epoch 2 train_loss=0.5000 val_loss=0.5500 val_acc=0.700",
             "      Training history       ",
             "┏━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━┓",
             "┃ Epoch ┃ Train Loss ┃ Val Loss ┃ Val Acc ┃",
             "┡━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━┩",
             "│ 1     │ 1.0000     │ 1.0500   │ 0.600   │",
             "│ 2     │ 0.5000     │ 0.5500   │ 0.700   │",
             "└───────┴────────────┴──────────┴─────────┘")
    assert read_both_ways(*lines) == [
        ("train_loss", 1.0, 1), ("val_loss", 1.05, 1), ("val_acc", 0.6, 1),
        ("train_loss", 0.5, 2), ("val_loss", 0.55, 2), ("val_acc", 0.7, 2)]
    # a table of other values under those names is read
    other = [line.replace("0.5000 ", "0.4000 ") if line.startswith("│ 2") else line
             for line in lines]
    assert ("Train_Loss", 0.4, 2) in read_both_ways(*other)


def test_a_history_tables_new_column_is_read_beside_the_curves_printed_again() -> None:
    # the table adds `Val F1`, which no line printed: its values are read, the others are
    # the curves printed again
    lines = ("Epoch 1 train_loss=1.0000 val_loss=1.0500",
             "Epoch 2 train_loss=0.5000 val_loss=0.5500",
             "┏━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━┓",
             "┃ Epoch ┃ Train Loss ┃ Val Loss ┃ Val F1 ┃",
             "┡━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━┩",
             "│ 1     │ 1.0000     │ 1.0500   │ 0.55   │",
             "│ 2     │ 0.5000     │ 0.5500   │ 0.65   │",
             "└───────┴────────────┴──────────┴────────┘")
    assert read_both_ways(*lines) == [
        ("train_loss", 1.0, 1), ("val_loss", 1.05, 1), ("train_loss", 0.5, 2),
        ("val_loss", 0.55, 2), ("Val_F1", 0.55, 1), ("Val_F1", 0.65, 2)]
