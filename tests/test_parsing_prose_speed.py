"""Tests for runlab.parsing on prose lines, the lines that hold no metric: what the parser skips
on them (a rule whose triggers are not on the line, a regex that cannot match) and what it
keeps from one line to the next (the rules a line's end asks for) leave every metric line read
as before, the same line's end after another start, a number, a header among them."""

from __future__ import annotations

from tests.test_parsing import read_both_ways as both

_TAIL = "of the dataset: resuming from the cache, please wait"


def test_prose_then_the_same_end_after_pairs() -> None:
    # the same end of the line after prose, then after a line's own pairs (before the first
    # trigger other than `:` and `=`)
    assert both(*(f"Downloading shard {i} {_TAIL}" for i in range(3)),
                f"step 3 loss=0.41 {_TAIL}", f"Downloading shard 9 {_TAIL}") == [
        ("loss", 0.41, 3)]
    assert both(*(f"Downloading shard {i} {_TAIL}" for i in range(3)),
                f"loss: 0.41, acc: 0.9 {_TAIL}") == [("loss", 0.41, 0), ("acc", 0.9, 0)]
    assert both("processing item 1 of the batch, nothing to report here",
                "processing item 2 of the batch, nothing to report here",
                "val_loss=0.3 of the batch, nothing to report here") == [("val_loss", 0.3, 0)]


def test_prose_between_headers() -> None:
    # each header sets the step of the lines after it, the prose between them the same but for
    # its number
    assert both("Epoch 1", f"Downloading shard 1 {_TAIL}", "loss: 0.5",
                "Epoch 2", f"Downloading shard 2 {_TAIL}", "loss: 0.4",
                "Epoch 3", f"Downloading shard 3 {_TAIL}", "loss: 0.3") == [
        ("loss", 0.5, 1), ("loss", 0.4, 2), ("loss", 0.3, 3)]


def test_prose_without_numbers_then_pairs() -> None:
    # a line with no number holds no `name value` pair; the line after it with one does
    assert both("Note: the tokenizer has been loaded; using the fast implementation",
                "Note: the tokenizer has been loaded; using the fast implementation",
                "epoch 2 | loss 0.35 | acc 0.8") == [("loss", 0.35, 2), ("acc", 0.8, 2)]
    # a label, then prose, then the same label with its pairs
    assert both("Test set results: loss 0.7838 accuracy 0.8930", "Test set results: done",
                "Test set results: loss 0.7 accuracy 0.9") == [
        ("Test_set_results/loss", 0.7838, 0), ("Test_set_results/accuracy", 0.893, 0),
        ("Test_set_results/loss", 0.7, 1), ("Test_set_results/accuracy", 0.9, 1)]


def test_commas_in_prose_and_in_numbers() -> None:
    # a comma in prose is no number's; one between digits groups thousands or is a decimal
    # comma, as the line shows
    assert both("Train: 1,234 samples, batch 32, nothing to report", "ppl 1,234.5 at step 7",
                "loss: 0,482 - acc: 88,8 %", "loss: 0,41 - acc: 89,1 %") == [
        ("ppl", 1234.5, 7), ("loss", 0.482, 7), ("acc", 88.8, 7), ("loss", 0.41, 7),
        ("acc", 89.1, 7)]


def test_phrase_and_phases_after_prose() -> None:
    assert both("processing item 1 of the batch, nothing to report here",
                "Accuracy of the network on the 10000 test images: 54 %",
                "Accuracy of the network on the 10000 test images: 55 %") == [
        ("Accuracy_of_the_network_on_the_10000_test_images", 54.0, 0),
        ("Accuracy_of_the_network_on_the_10000_test_images", 55.0, 1)]
    assert both(f"Downloading shard 1 {_TAIL}",
                "Epoch 1 Train: loss=0.5 acc=0.8 Val: loss=0.45 acc=0.82") == [
        ("Train_loss", 0.5, 1), ("Train_acc", 0.8, 1), ("Val_loss", 0.45, 1),
        ("Val_acc", 0.82, 1)]
