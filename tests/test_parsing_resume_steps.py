"""The step of each point: counts in thousands, a resumed run, folds that print dicts again."""

from __future__ import annotations

from runlab.parsing import MetricParser

from tests.test_parsing import steps_of


def line_by_line(*lines: str) -> list[tuple[str, float, int]]:
    """The lines one at a time (`parse_line`), flushed: the same points as `parse_lines`."""
    parser = MetricParser()
    points = [point for line in lines for point in parser.parse_line(line)] + parser.flush()
    return [(point.key, point.value, point.step) for point in points]


def test_a_step_counted_in_thousands_is_read_whole() -> None:
    # a long run that prints its step in thousands (`f"step {step/1000:g}k"`)
    lines = ("step 0.5k | loss 2.6667 | lr 3.0e-04", "step 1k | loss 2.0000 | lr 3.0e-04",
             "step 1.5K | loss 1.6000 | lr 3.0e-04", "step 5k | loss 0.6667 | lr 3.0e-04")
    expected = [("loss", 2.6667, 500), ("lr", 3.0e-04, 500), ("loss", 2.0, 1000),
                ("lr", 3.0e-04, 1000), ("loss", 1.6, 1500), ("lr", 3.0e-04, 1500),
                ("loss", 0.6667, 5000), ("lr", 3.0e-04, 5000)]
    assert steps_of(*lines) == expected
    assert line_by_line(*lines) == expected
    # in millions, with its total, after a colon
    assert steps_of("Step: 1.2M loss=0.4") == [("loss", 0.4, 1200000)]
    assert steps_of("Step 5k/10k, loss=0.3") == [("loss", 0.3, 5000)]
    # a count that is no whole step is no step
    assert steps_of("step 1.2345k loss 0.2") == []


def test_a_resumed_run_is_at_the_step_it_resumed_from() -> None:
    lines = ("Resuming from step 5000", "val_loss: 1.2510", "step 5100 | loss 1.0900",
             "step 5200 | loss 1.0800", "val_loss: 1.1500")
    expected = [("val_loss", 1.251, 5000), ("loss", 1.09, 5100), ("loss", 1.08, 5200),
                ("val_loss", 1.15, 5200)]
    assert steps_of(*lines) == expected
    assert line_by_line(*lines) == expected
    # its values, the checkpoint's, are no new points
    assert steps_of("Resumed training at global step 700, loss=0.3", "val_loss: 0.3") == [
        ("val_loss", 0.3, 700)]


def test_a_setting_or_a_no_about_resuming_is_no_resume() -> None:
    assert steps_of("resume=False step=200 loss=0.4") == [("loss", 0.4, 200)]
    assert line_by_line("resume=False step=200 loss=0.4") == [("loss", 0.4, 200)]


def test_a_restored_checkpoints_values_are_no_new_points() -> None:
    lines = ("Restored checkpoint from epoch 10 (val_loss=0.5123)",
             "Epoch 11/20 - loss: 0.0909 - val_loss: 0.1409",
             "Epoch 12/20 - loss: 0.0833 - val_loss: 0.1333")
    expected = [("loss", 0.0909, 11), ("val_loss", 0.1409, 11), ("loss", 0.0833, 12),
                ("val_loss", 0.1333, 12)]
    assert steps_of(*lines) == expected
    assert line_by_line(*lines) == expected
    assert steps_of("Loaded checkpoint (val_loss=0.45)", "val_loss: 0.3") == [
        ("val_loss", 0.3, 0)]
    # a best model's keeps its reading
    assert steps_of("Loading best model from ckpt/epoch_4.pt (val_loss=0.45)") == [
        ("best_val_loss", 0.45, 0)]


def test_a_later_folds_dict_with_an_earlier_folds_value_is_a_new_point() -> None:
    lines = ("----- fold 0 -----",
             "{'epoch': 1, 'train_loss': 0.7, 'val_acc': 0.75}",
             "{'epoch': 2, 'train_loss': 0.35, 'val_acc': 0.875}",
             "----- fold 1 -----",
             "{'epoch': 1, 'train_loss': 0.71, 'val_acc': 0.75}",
             "{'epoch': 2, 'train_loss': 0.36, 'val_acc': 0.875}")
    expected = [("train_loss", 0.7, 1), ("val_acc", 0.75, 1), ("train_loss", 0.35, 2),
                ("val_acc", 0.875, 2), ("train_loss", 0.71, 1), ("val_acc", 0.75, 1),
                ("train_loss", 0.36, 2), ("val_acc", 0.875, 2)]
    assert steps_of(*lines) == expected
    assert line_by_line(*lines) == expected


def test_dicts_printed_again_with_every_value_are_still_one_point() -> None:
    # the curve printed again, a record a line or the history whole
    curve = ("{'epoch': 1, 'loss': 0.5, 'acc': 0.8}", "{'epoch': 2, 'loss': 0.4, 'acc': 0.85}")
    expected = [("loss", 0.5, 1), ("acc", 0.8, 1), ("loss", 0.4, 2), ("acc", 0.85, 2)]
    assert steps_of(*curve, *curve) == expected
    assert steps_of(*curve, "[{'epoch': 1, 'loss': 0.5, 'acc': 0.8}, "
                    "{'epoch': 2, 'loss': 0.4, 'acc': 0.85}]") == expected
