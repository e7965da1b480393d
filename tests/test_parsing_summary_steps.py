"""The step of a summary line printed after a loop's steps: after each epoch's tqdm bar (closed
with `leave=True` or `leave=False`, its drawings lagging at 0 under tqdm's `mininterval`), after
dicts that name their own epoch, and a line that names only its epoch after training lines that
gave finer global steps. Each output is what the program wrote, through a pipe and, where a bar
is drawn, as a terminal shows it (its line ends `\\r\\n`)."""

from __future__ import annotations

from tests.test_parsing import steps_of
from tests.test_parsing_bar_steps import drawn


def on_terminal(data: str) -> str:
    """The same output on a terminal: each line end `\\r\\n`."""
    return data.replace("\n", "\r\n")


def lagging(batches: int, losses: list[float], leave: bool) -> str:
    """A fast tqdm loop with `set_postfix(loss=...)` each batch: every drawing shows the count
    of 0 (tqdm's `mininterval`), then `leave=True` draws the last frame and ends its line,
    `leave=False` clears it."""
    head = f"  0%|          | 0/{batches} [00:00<?, ?it/s"
    out = f"\r{head}]"
    for loss in losses:
        out += f"\r{head}, loss={loss:.4f}]"
    if leave:
        return out + (f"\r100%|##########| {batches}/{batches} [00:00<00:00, 300.00it/s, "
                      f"loss={losses[-1]:.4f}]\n")
    return out + "\r" + " " * 51 + "\r"


def summaries(leave: bool, header: bool = False) -> str:
    """3 epochs of 10 batches, `print(f"train_loss: ..., val_loss: ...")` after each epoch's
    bar (after `print(f"Epoch {e}/3")` before it, with `header`)."""
    out, step = "", 0
    for epoch in range(1, 4):
        if header:
            out += f"Epoch {epoch}/3\n"
        losses = [1 / (step + i) for i in range(1, 11)]
        step += 10
        out += lagging(10, losses, leave)
        out += f"train_loss: {1 / step:.4f}, val_loss: {1.1 / step:.4f}\n"
    return out


# A summary line after each epoch's bar -----------------------------------------------------------


def test_a_summary_after_a_bar_closed_with_leave_false_is_at_its_loop_s_total() -> None:
    # `leave=False`: no last frame, the bar cleared; its drawings all at 0/10: the summaries at
    # the batches done, 10, 20, 30, through a pipe and on a terminal alike
    for out in (summaries(leave=False), on_terminal(summaries(leave=False))):
        points = drawn(out)
        assert [(k, v, s) for k, v, s in points if k != "loss"] == [
            ("train_loss", 0.1, 10), ("val_loss", 0.11, 10),
            ("train_loss", 0.05, 20), ("val_loss", 0.055, 20),
            ("train_loss", 0.0333, 30), ("val_loss", 0.0367, 30)]
        assert [s for k, _, s in points if k == "loss"] == list(range(1, 31))


def test_a_summary_after_a_bar_closed_with_leave_true_is_at_its_loop_s_total() -> None:
    for out in (summaries(leave=True), on_terminal(summaries(leave=True))):
        assert [(k, s) for k, _, s in drawn(out) if k == "val_loss"] == [
            ("val_loss", 10), ("val_loss", 20), ("val_loss", 30)]


def test_a_summary_after_a_bar_under_an_epoch_header_is_at_the_batches_done() -> None:
    # `print(f"Epoch {e}/3")` before each `leave=False` bar: not at the header's epoch
    for out in (summaries(leave=False, header=True),
                on_terminal(summaries(leave=False, header=True))):
        assert [(k, v, s) for k, v, s in drawn(out) if k == "val_loss"] == [
            ("val_loss", 0.11, 10), ("val_loss", 0.055, 20), ("val_loss", 0.0367, 30)]


def test_a_print_redrawing_a_lagging_bar_does_not_start_its_run_again() -> None:
    # `tqdm.write` inside the loop clears the bar and draws it again as it was, its values
    # shown: the run goes on, its next value at the next step
    head = "  0%|          | 0/10 [00:00<?, ?it/s"
    out = (f"\r{head}]\r{head}, loss=0.9000]\r{head}, loss=0.8000]\r" + " " * 51
           + f"\rnote: 1.5\n\r{head}, loss=0.8000]\r{head}, loss=0.7000]")
    assert [(k, v, s) for k, v, s in drawn(out) if k == "loss"] == [
        ("loss", 0.9, 1), ("loss", 0.8, 2), ("loss", 0.7, 3)]


# A line that names no step after dicts that name their epoch -------------------------------------


def test_a_result_after_dicts_that_name_their_epoch_is_at_the_last_one() -> None:
    # `print({"epoch": e, "train_loss": ..., "val_loss": ...})` each epoch, then
    # `print("test_loss: 0.3012")`: at epoch 3, not at 0
    assert steps_of("{'epoch': 1, 'train_loss': 1.0, 'val_loss': 1.1}",
                    "{'epoch': 2, 'train_loss': 0.5, 'val_loss': 0.55}",
                    "{'epoch': 3, 'train_loss': 0.3333, 'val_loss': 0.3667}",
                    "test_loss: 0.3012")[-3:] == [
        ("train_loss", 0.3333, 3), ("val_loss", 0.3667, 3), ("test_loss", 0.3012, 3)]


def test_a_json_result_after_nested_dicts_that_name_their_epoch_is_at_the_last_one() -> None:
    # `print({"epoch": e, "train": {...}, "val": {...}})`, then `print("Final:",
    # json.dumps({"test": {"loss": 0.2, "accuracy": 0.93}}))`
    assert steps_of("{'epoch': 4, 'train': {'loss': 0.25}, 'val': {'loss': 0.275}}",
                    "{'epoch': 5, 'train': {'loss': 0.2}, 'val': {'loss': 0.22}}",
                    'Final: {"test": {"loss": 0.2, "accuracy": 0.93}}')[-2:] == [
        ("test/loss", 0.2, 5), ("test/accuracy", 0.93, 5)]


def test_a_result_after_json_blocks_that_go_on_from_epoch_headers_is_at_their_last_epoch() -> None:
    # `Epoch 3` headers, then `print(json.dumps({"epoch": e, ...}, indent=2))` for epochs 4
    # and 5, then a block of results: at epoch 5, not at the last header's 3
    points = steps_of("Epoch 3", "  train: loss=0.3333", "{", '  "epoch": 4,',
                      '  "val_loss": 0.275', "}", "{", '  "epoch": 5,', '  "val_loss": 0.22', "}",
                      "Results:", "  test_loss: 0.3012")
    assert points[-3:] == [("val_loss", 0.275, 4), ("val_loss", 0.22, 5),
                           ("test_loss", 0.3012, 5)]


def test_a_result_after_dicts_that_name_their_epoch_follows_them_not_older_steps() -> None:
    # dicts for epochs 1 to 3 after an epoch's `step 1 loss ...`, then `final loss: ...`: at
    # the epoch the dicts last named, as after `{"step": 500, ...}` at its step
    assert steps_of("step 1 loss 3.6", "{'epoch': 1, 'loss': 0.5}", "{'epoch': 2, 'loss': 0.25}",
                    "{'epoch': 3, 'loss': 0.2}", "final loss: 0.1234")[-1] == (
        "final_loss", 0.1234, 3)
    # never back behind a step the run reached (`step 3 loss ...`, then epochs 1 and 2)
    assert steps_of("step 2 loss 3.6", "step 3 loss 2.4", "{'epoch': 1, 'loss': 0.5}",
                    "{'epoch': 2, 'loss': 0.25}", "final loss: 0.1234")[-1] == (
        "final_loss", 0.1234, 3)


def test_a_result_s_one_dict_that_names_its_epoch_moves_the_run_to_none() -> None:
    # one dict of results (`{'epoch': 3, 'miou': 0.71}`), not one an epoch: a line after it is
    # where it was
    assert steps_of("{'epoch': 3, 'miou': 0.71}", "test_loss: 0.3") == [
        ("miou", 0.71, 3), ("test_loss", 0.3, 0)]


def test_a_history_printed_whole_moves_the_run_to_none_of_its_epochs() -> None:
    # `print([{"epoch": 0, ...}, {"epoch": 1, ...}])`, a history's records printed at once:
    # a line after it is where it was (`loss` counts its own points from 0)
    assert steps_of("[{'epoch': 0, 'val_loss': 0.9}, {'epoch': 1, 'val_loss': 0.8}]",
                    "loss: 0.5") == [("val_loss", 0.9, 0), ("val_loss", 0.8, 1), ("loss", 0.5, 0)]


# A validation's line that names only its epoch, after finer steps --------------------------------


def test_a_validation_naming_its_epoch_after_global_steps_is_at_the_step_reached() -> None:
    # `print(f"Epoch {e} | step {gstep} | loss ...")` every 25 batches, then
    # `print(f"Epoch {e} | val_loss ...")`: at 50 and 100, beside the training's points
    assert steps_of("Epoch 1 | step 25 | loss 0.0400", "Epoch 1 | step 50 | loss 0.0200",
                    "Epoch 1 | val_loss 0.0220", "Epoch 2 | step 75 | loss 0.0133",
                    "Epoch 2 | step 100 | loss 0.0100", "Epoch 2 | val_loss 0.0110") == [
        ("Epoch", 1, 25), ("loss", 0.04, 25), ("Epoch", 1, 50), ("loss", 0.02, 50),
        ("val_loss", 0.022, 50),
        ("Epoch", 2, 75), ("loss", 0.0133, 75), ("Epoch", 2, 100), ("loss", 0.01, 100),
        ("val_loss", 0.011, 100)]


def test_a_validation_naming_its_epoch_from_0_after_a_phase_s_steps_is_at_the_step_reached(
        ) -> None:
    # `[train] epoch 0 step 4 loss ...`, then `Epoch 00 | val_loss ... | val_acc ...%`
    points = steps_of("  [train] epoch 0 step 4 loss 0.7074", "  [train] epoch 0 step 8 loss 0.6819",
                      "Epoch 00 | val_loss 0.6846 | val_acc 57.03%",
                      "  [train] epoch 1 step 12 loss 0.6293", "  [train] epoch 1 step 16 loss 0.6246",
                      "Epoch 01 | val_loss 0.6290 | val_acc 67.97%")
    assert [p for p in points if p[0].startswith("val")] == [
        ("val_loss", 0.6846, 8), ("val_acc", 57.03, 8), ("val_loss", 0.629, 16),
        ("val_acc", 67.97, 16)]


def test_a_validation_naming_its_epoch_after_positions_that_go_on_is_at_the_step_reached() -> None:
    # logging's `Epoch [e/3] Step [s/900] Loss: ...`, then `Validation - Epoch e: val_loss ...`:
    # once the positions go on across an epoch (the run's count, 400 after 300), at the step
    # reached; in the first epoch that is not known yet, and the line is at its epoch
    lines = []
    for epoch in range(1, 4):
        lines += [f"Epoch [{epoch}/3] Step [{s}/900] Loss: 1.5"
                  for s in range(epoch * 300 - 200, epoch * 300 + 1, 100)]
        lines.append(f"Validation - Epoch {epoch}: val_loss 1.{epoch}")
    assert [p for p in steps_of(*lines) if p[0] == "val_loss"] == [
        ("val_loss", 1.1, 1), ("val_loss", 1.2, 600), ("val_loss", 1.3, 900)]


def bar_then_validation(on_terminal_too: bool) -> list[str]:
    """`tqdm(range(4), desc=f"Epoch {e}")` with `set_postfix(loss=...)` (closed with its last
    frame), then `tqdm.write(f"Epoch {e}: val_loss=...")`, 3 epochs."""
    out = ""
    for e in range(1, 4):
        head = f"Epoch {e}:   0%|          | 0/4 [00:00<?, ?it/s"
        out += f"\r{head}]" + "".join(f"\r{head}, loss={1 / (e * 4 + i):.4f}]" for i in range(4))
        out += (f"\rEpoch {e}: 100%|##########| 4/4 [00:00<00:00, 300.00it/s, "
                f"loss={1 / (e * 4 + 3):.4f}]\n")
        out += f"Epoch {e}: val_loss={0.5 / e:.4f}\n"
    return [out, on_terminal(out)] if on_terminal_too else [out]


def test_a_validation_naming_its_epoch_after_its_epoch_s_bar_is_at_the_batches_done() -> None:
    # as the same line without `Epoch {e}: ` is (the bar's description is the bar's)
    for out in bar_then_validation(on_terminal_too=True):
        points = drawn(out)
        assert [(k, v, s) for k, v, s in points if k == "val_loss"] == [
            ("val_loss", 0.5, 4), ("val_loss", 0.25, 8), ("val_loss", 0.1667, 12)]
        assert [s for k, _, s in points if k == "loss"] == list(range(1, 13))


def test_an_epoch_s_own_total_and_a_run_counted_in_epochs_stay_at_the_epoch() -> None:
    # an epoch's training total after its global steps (joeynmt's `Epoch 1, total training
    # loss: 375.94`), its results of training and validation together, and a run whose only
    # count is the epoch: at the epoch, as printed
    assert steps_of("Epoch 1, Step: 20, Batch Loss: 17.0", "Epoch 1, total training loss: 375.94",
                    )[-1] == ("total_training_loss", 375.94, 1)
    assert steps_of("Epoch 1 | step 50 | loss 0.02", "Epoch 1 | train_loss 0.03 | val_loss 0.04",
                    )[-2:] == [("train_loss", 0.03, 1), ("val_loss", 0.04, 1)]
    assert steps_of("Epoch 1: loss=0.5", "Epoch 1: val_loss=0.6", "Epoch 2: loss=0.4",
                    "Epoch 2: val_loss=0.5") == [
        ("loss", 0.5, 1), ("val_loss", 0.6, 1), ("loss", 0.4, 2), ("val_loss", 0.5, 2)]


def test_a_validation_naming_its_epoch_after_steps_that_start_again_is_at_the_global_step(
        ) -> None:
    # a step that starts again each epoch (the index of `enumerate(loader)`) is a place in the
    # epoch, made global (epochs of 200): the validations at the global steps reached, 100 and
    # 300, beside the training's points
    points = steps_of("Epoch 1, Step 0, Loss: 0.9", "Epoch 1, Step 100, Loss: 0.8",
                      "Epoch 1 | val_loss 0.85", "Epoch 2, Step 0, Loss: 0.7",
                      "Epoch 2, Step 100, Loss: 0.6", "Epoch 2 | val_loss 0.65")
    assert [p for p in points if p[0] in ("Loss", "val_loss")] == [
        ("Loss", 0.9, 0), ("Loss", 0.8, 100), ("val_loss", 0.85, 100), ("Loss", 0.7, 200),
        ("Loss", 0.6, 300), ("val_loss", 0.65, 300)]


def test_an_epochs_line_with_a_training_measure_keeps_its_epoch() -> None:
    # Keras' summary of an epoch, its training loss beside the validation's: the epoch's,
    # never a second `loss` at the training's last step
    assert steps_of("Epoch 1 | step 50 | loss 0.5", "Epoch 1 | step 100 | loss 0.4",
                    "Epoch 1: loss=0.35 val_loss=0.3")[-2:] == [
        ("loss", 0.35, 1), ("val_loss", 0.3, 1)]
    # an evaluation's alone is at the step the epoch reached, as a validation's
    assert steps_of("Epoch 2 | step 150 | loss 0.3", "Epoch 2 | step 200 | loss 0.2",
                    "Epoch 2: eval_loss=0.2")[-1] == ("eval_loss", 0.2, 200)


def test_dicts_of_epochs_after_finer_steps_move_the_run_nowhere_back() -> None:
    assert steps_of("step 1000 loss 0.5", "step 2000 loss 0.4",
                    '{"epoch": 1, "val_acc": 0.8}', '{"epoch": 2, "val_acc": 0.85}',
                    "accuracy: 0.9")[-1] == ("accuracy", 0.9, 2000)
