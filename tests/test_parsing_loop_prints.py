"""Tests for runlab.parsing on what hand-written training loops print in shapes that had lost
their curves or steps: tables printed row by row with f-string alignment, a pandas history
with its epoch column last, a tqdm description that starts with its phase, counters behind a
log line's prefix or abbreviated, a colon after each counter, a self-documenting f-string's
`.item()`, and `get_last_lr()`'s one-element list."""

from __future__ import annotations

from runlab.parsing import LineSplitter
from tests.test_parsing import read_both_ways, steps_of
from tests.test_parsing_bar_steps import drawn, frame

HISTORY = [(1, 1.01, 1.12, 0.57, 1.51), (2, 0.51, 0.57, 0.64, 1.52), (3, 0.34, 0.41, 0.71, 1.49)]
EXPECTED = [point for epoch, loss, val_loss, acc, _ in HISTORY
            for point in (("loss", loss, epoch), ("val_loss", val_loss, epoch), ("acc", acc, epoch))]


def test_a_table_printed_row_by_row_whose_names_fill_their_fields() -> None:
    # `f"{'val_loss':>8}"` leaves one space between `loss` and `val_loss`: the header had been
    # read as a column `loss val_loss` and no row matched it (the whole table lost); its first
    # row tells where each name ends. A time column (`1.51s`) is no value of its own.
    right = [f"{'epoch':>5} {'loss':>8} {'val_loss':>8} {'acc':>6} {'time':>6}",
             *(f"{e:>5} {l:>8.4f} {v:>8.4f} {a:>6.3f} {t:>5.2f}s" for e, l, v, a, t in HISTORY)]
    assert read_both_ways(*right) == EXPECTED
    left = [f"{'epoch':<5} {'loss':<8} {'val_loss':<8} {'acc':<6}",
            *(f"{e:<5} {l:<8.4f} {v:<8.4f} {a:<6.3f}" for e, l, v, a, _ in HISTORY)]
    assert read_both_ways(*left) == EXPECTED


def test_a_table_of_names_two_spaces_apart_keeps_its_names_of_two_words() -> None:
    assert read_both_ways("Epoch  Train Loss  Val Loss", "    1      1.0100    1.1200",
                          "    2      0.5100    0.5700") == [
        ("Train_Loss", 1.01, 1), ("Val_Loss", 1.12, 1),
        ("Train_Loss", 0.51, 2), ("Val_Loss", 0.57, 2)]


def test_a_pandas_history_with_its_epoch_column_last() -> None:
    # the Keras regression tutorial's `hist['epoch'] = history.epoch; hist.tail()`: each row at
    # its epoch column, not the frame's index (7, 8 here)
    assert read_both_ways(
        "        loss  val_loss       mae   val_mae  epoch",
        "7   0.419430  0.461373  0.230687  0.272630      8",
        "8   0.335544  0.369099  0.184549  0.218104      9") == [
        ("loss", 0.41943, 8), ("val_loss", 0.461373, 8), ("mae", 0.230687, 8),
        ("val_mae", 0.27263, 8),
        ("loss", 0.335544, 9), ("val_loss", 0.369099, 9), ("mae", 0.184549, 9),
        ("val_mae", 0.218104, 9)]
    # (the epoch first, as before)
    assert read_both_ways("   epoch      loss", "0      1  0.419430", "1      2  0.335544") == [
        ("loss", 0.41943, 1), ("loss", 0.335544, 2)]


def test_a_tqdm_description_that_starts_with_its_phase() -> None:
    # `pbar.set_description(f"[train] epoch {e}/2 | loss {l:.4f} | acc {a:.3f}")`: the whole
    # bar had been lost; each drawing is a point at the bar's count, named for the phase as the
    # same text on a line of its own is (`train_loss`)
    for shape in ("[train] epoch 1/2 | loss {l:.4f} | acc {a:.3f}", "train | loss {l:.4f} | acc {a:.3f}",
                  "[train] epoch 1 loss {l:.4f} acc {a:.3f}"):
        out = frame(0, 3) + "".join(
            frame(i, 3, shape.format(l=1 / i, a=0.5 + i / 100)) for i in (1, 2, 3)) + "\n"
        assert drawn(out) == [
            ("train_loss", 1.0, 1), ("train_acc", 0.51, 1), ("train_loss", 0.5, 2),
            ("train_acc", 0.52, 2), ("train_loss", 0.3333, 3), ("train_acc", 0.53, 3)], shape


def test_a_position_behind_a_log_lines_prefix() -> None:
    # `logger.info(f"epoch {e} iter {i}/{n} loss {l}")` behind `%(asctime)s - %(name)s -
    # %(levelname)s - `: each epoch's points had all been at the epoch
    for prefix in ("2026-12-08 01:00:00,123 - trainer - INFO - ", "[2026-12-08 01:00:00][INFO] ",
                   "2026-12-08 01:00:00.123 | INFO     | __main__:train:42 - "):
        lines = [f"{prefix}epoch {e} iter {i}/200 loss {loss}"
                 for (e, i), loss in zip(((1, 100), (1, 200), (2, 100), (2, 200)),
                                         (0.5, 0.4, 0.3, 0.2))]
        assert read_both_ways(*lines) == [("loss", 0.5, 100), ("loss", 0.4, 200),
                                          ("loss", 0.3, 300), ("loss", 0.2, 400)], prefix


def test_an_abbreviated_epoch_and_iteration() -> None:
    # `ep 1 it 100/200 loss 0.5` had given nothing; `ep 1 iter 100 loss 0.5` started again at
    # 100 in the second epoch
    assert read_both_ways("ep 1 it 100/200 loss 0.5", "ep 1 it 200/200 loss 0.4",
                          "ep 2 it 100/200 loss 0.3") == [
        ("loss", 0.5, 100), ("loss", 0.4, 200), ("loss", 0.3, 300)]
    assert [p for p in read_both_ways("ep 1 iter 100 loss 0.5", "ep 1 iter 200 loss 0.4",
                                      "ep 2 iter 100 loss 0.3") if p[0] == "loss"] == [
        ("loss", 0.5, 100), ("loss", 0.4, 200), ("loss", 0.3, 300)]
    # an episode's line stays as it was: the episode is its step
    assert read_both_ways("ep 3 reward 200 avg 150") == [("reward", 200.0, 3), ("avg", 150.0, 3)]


def test_a_colon_after_the_epoch_and_after_the_step() -> None:
    # accelerate's examples' `epoch 0: step 10: ...`: had given nothing, or the epoch as the step
    assert read_both_ways("epoch 0: step 10: train_loss 0.6325", "epoch 0: step 20: train_loss 0.4472",
                          "Epoch 1: step 30: loss=0.63") == [
        ("train_loss", 0.6325, 10), ("train_loss", 0.4472, 20), ("loss", 0.63, 30)]


def test_a_self_documenting_f_strings_item_call() -> None:
    # `print(f"{step=} {loss.item()=:.4f}")`: the call is no part of the name
    assert read_both_ways("step=100 loss.item()=1.0000 acc=0.5", "step=200, loss.item()=0.5000") == [
        ("loss", 1.0, 100), ("acc", 0.5, 100), ("loss", 0.5, 200)]


def test_get_last_lrs_one_element_list_before_the_measures() -> None:
    # `print(f"Epoch {ep} lr: {sched.get_last_lr()} loss {loss:.4f}")`: the loss after it had
    # been lost
    assert sorted(steps_of("Epoch 1 lr: [0.1] loss 1.0000", "Epoch 2 lr: [0.05] loss 0.5000")) == [
        ("loss", 0.5, 2), ("loss", 1.0, 1), ("lr", 0.05, 2), ("lr", 0.1, 1)]


def test_a_position_with_name_value_pairs_under_epoch_headers_goes_on() -> None:
    # `step 1/3 loss 0.5` (the classic `\r` progress line's text) under `Epoch 2/2` had
    # started again at 1: a position in its epoch, as `  step 1/3  loss: 0.5` is
    assert read_both_ways("Epoch 1/2", "step 1/3 loss 0.5", "step 3/3 loss 0.3", "Epoch 2/2",
                          "step 1/3 loss 0.2", "step 3/3 loss 0.05") == [
        ("loss", 0.5, 1), ("loss", 0.3, 3), ("loss", 0.2, 4), ("loss", 0.05, 6)]
    # llm.c's run count out of its total, with no epochs, stays the step
    assert read_both_ways("step 1/74 loss 6.2", "step 2/74 loss 6.1") == [
        ("loss", 6.2, 1), ("loss", 6.1, 2)]


def test_an_epochs_line_printed_onto_a_progress_line_left_open() -> None:
    # `print(f"\rstep {i}/{n} loss {l:.4f}", end="")`, then the epoch's line with no line end
    # before it: `step 10/10 loss 0.1000epoch 1 val_acc 0.7500` had lost both
    out = ("Epoch 1/2\n\rstep 5/10 loss 0.5000\rstep 10/10 loss 0.1000epoch 1 val_acc 0.7500\n"
           "Epoch 2/2\n\rstep 5/10 loss 0.4000\rstep 10/10 loss 0.0500epoch 2 val_acc 0.8000\n")
    assert drawn(out) == [("loss", 0.5, 5), ("loss", 0.1, 10), ("val_acc", 0.75, 10),
                          ("loss", 0.4, 15), ("loss", 0.05, 20), ("val_acc", 0.8, 20)]


def test_settings_printed_with_the_learning_rate_are_no_metrics() -> None:
    # `logger.info(f"Starting training with lr={lr}, batch_size={bs}, epochs={n}")` had put a
    # point at 0 on an `lr` curve the program never logs
    for line in ("2026-12-08 00:51:25,413 - trainer - INFO - Starting training with lr=0.001, "
                 "batch_size=32, epochs=5", "lr=0.001, batch_size=32, epochs=10",
                 "lr=0.001 momentum=0.9 epochs=3"):
        assert read_both_ways(line) == [], line
    # a learning rate at a step, or alone, or beside a measure, or an optimizer's settings
    # alone (printed each epoch as often: `lr=0.01 | momentum=0.9`), stays
    assert read_both_ways("lr=0.001 momentum=0.9") == [("lr", 0.001, 0), ("momentum", 0.9, 0)]
    assert read_both_ways("lr=0.001") == [("lr", 0.001, 0)]
    assert read_both_ways("step=5 lr=0.001 batch_size=32") == [("lr", 0.001, 5)]
    assert read_both_ways("lr=0.001 loss=0.5") == [("lr", 0.001, 0), ("loss", 0.5, 0)]
    # beside a step's counts or a scheduler's state, the learning rate is a curve
    assert read_both_ways("lr=0.0003 tokens=1048576", "lr=0.00029 tokens=2097152",
                          "lr=0.01 patience=3") == [
        ("lr", 0.0003, 0), ("lr", 0.00029, 1), ("lr", 0.01, 2)]


def test_a_sweeps_settings_as_each_lines_label() -> None:
    # `[lr=0.1] epoch 1 loss ...`, `Trial 0 (lr=0.1, wd=...): epoch 1 ...`: only the label's
    # settings had been recorded (as metrics), none of the measures
    assert read_both_ways("[lr=0.1] epoch 1 loss 0.1909 acc 0.7000",
                          "[lr=0.01, wd=1e-4] epoch 2 loss 0.5100 acc 0.5200",
                          "(lr=0.1) step 100 loss=0.5") == [
        ("loss", 0.1909, 1), ("acc", 0.7, 1), ("loss", 0.51, 2), ("acc", 0.52, 2),
        ("loss", 0.5, 100)]
    assert read_both_ways("Trial 0 (lr=0.1, wd=0.0001): epoch 1 val_loss 1.0000",
                          "Trial 0 (lr=0.1, wd=0.0001): epoch 2 val_loss 0.5000",
                          "Trial 4 score: 0.3") == [
        ("val_loss", 1.0, 1), ("val_loss", 0.5, 2), ("score", 0.3, 4)]
    # a measure in brackets is one, no label (read as before)
    assert read_both_ways("[loss=0.41] step 100 acc=0.5") == [("loss", 0.41, 0), ("acc", 0.5, 0)]


def test_box_drawing_bars_between_clauses() -> None:
    assert read_both_ways("Epoch   1/5 │ loss 0.9000 │ acc 73.10% │ val_loss 1.0000",
                          "step 100 ┃ loss 0.5 ┃ lr 1e-4") == [
        ("loss", 0.9, 1), ("acc", 73.1, 1), ("val_loss", 1.0, 1),
        ("loss", 0.5, 100), ("lr", 0.0001, 100)]


def test_a_polars_frame_printed() -> None:
    # `print(pl.DataFrame(history))` as polars 2.2 prints it: `┆` between its columns, a row of
    # dashes and a row of the columns' types under the header
    frame_text = """shape: (3, 4)
┌───────┬────────────┬──────────┬─────────┐
│ epoch ┆ train_loss ┆ val_loss ┆ val_acc │
│ ---   ┆ ---        ┆ ---      ┆ ---     │
│ i64   ┆ f64        ┆ f64      ┆ f64     │
╞═══════╪════════════╪══════════╪═════════╡
│ 1     ┆ 0.9        ┆ 1.0      ┆ 0.67    │
│ 2     ┆ 0.45       ┆ 0.5      ┆ 0.74    │
│ 3     ┆ 0.3        ┆ 0.3333   ┆ 0.81    │
└───────┴────────────┴──────────┴─────────┘"""
    assert read_both_ways(*frame_text.splitlines()) == [
        ("train_loss", 0.9, 1), ("val_loss", 1.0, 1), ("val_acc", 0.67, 1),
        ("train_loss", 0.45, 2), ("val_loss", 0.5, 2), ("val_acc", 0.74, 2),
        ("train_loss", 0.3, 3), ("val_loss", 0.3333, 3), ("val_acc", 0.81, 3)]


def test_a_new_best_said_with_its_epoch_is_at_the_runs_step() -> None:
    # `New best val_loss: 0.4702 at epoch 5` had been `New_best_val_loss` at 5, behind the run
    assert read_both_ways("Epoch 8: train_loss 0.44 val_loss 0.49",
                          "New best val_loss: 0.4702 at epoch 5") == [
        ("train_loss", 0.44, 8), ("val_loss", 0.49, 8), ("best_val_loss", 0.4702, 8)]


def test_a_counter_with_its_total_that_starts_again_after_reaching_it() -> None:
    # `print(f"\rstep {i}/{n} loss {l:.4f}", end="")` each epoch, no epoch printed: once the
    # count goes back after its total it is a position in an epoch, the steps going on (had
    # started again at 1 each epoch, two points on each step)
    out = ("step 1/3 loss 0.5000\rstep 3/3 loss 0.3000\nval_acc 0.85\n"
           "step 1/3 loss 0.2000\rstep 3/3 loss 0.0500\nval_acc 0.9\n")
    assert drawn(out) == [("loss", 0.5, 1), ("loss", 0.3, 3), ("val_acc", 0.85, 3),
                          ("loss", 0.2, 4), ("loss", 0.05, 6), ("val_acc", 0.9, 6)]
    # a count stopped short of its total that starts again counts on from 0 as before
    assert [s for _, _, s in read_both_ways("step 1/10 loss 0.5", "step 6/10 loss 0.3",
                                            "step 1/10 loss 0.2")] == [1, 6, 1]


def test_a_warning_written_onto_a_progress_line_left_open() -> None:
    # `warnings.warn(...)` at a step of a `\r` progress line: the warning's first line glued to
    # the step's value had lost that step's point
    out = ("\rEpoch 2 [24/50] loss: 0.2325\rEpoch 2 [25/50] loss: 0.2309/tmp/x/prog.py:11: "
           'UserWarning: grad norm is large\n  warnings.warn("grad norm is large")\n'
           "\rEpoch 2 [26/50] loss: 0.2294\n")
    assert [(k, v) for k, v, _ in drawn(out)] == [
        ("loss", 0.2325), ("loss", 0.2309), ("loss", 0.2294)]
    assert drawn("loss: 0.5prog.py:3: DeprecationWarning: x\n") == [("loss", 0.5, 0)]
    # a warning of its own is one line, the numbers of its path no values
    # (`python3.10/site-packages`, `runs/lr=0.001/`)
    splitter = LineSplitter()
    for line in ("/home/user1/.venv/lib/python3.10/site-packages/torch/nn/modules/loss.py:101: "
                 "UserWarning: Using a target size", "/home/u/runs/lr=0.001/train.py:5: UserWarning: x"):
        assert splitter.feed(line.encode() + b"\n") == [line]
