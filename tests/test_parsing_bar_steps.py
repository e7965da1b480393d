"""The steps of progress bars and of the lines printed around them: a line after a bar's run,
a bar whose description changes as it runs, a finished bar's row drawn again, an outer bar's
values, a status line drawn with its counter. Each output is what the program passed to the
display, as the library drew it (`\\r` redraws, the bar's own line ends)."""

from __future__ import annotations

from runlab.parsing import LineSplitter, MetricParser


def drawn(data: str) -> list[tuple[str, float, int]]:
    """Output as a program wrote it, through the line splitter and one parser: (key, value,
    step)."""
    splitter, parser = LineSplitter(), MetricParser()
    lines = splitter.feed(data.encode()) + splitter.flush()
    points = parser.parse_lines(lines) + parser.flush()
    return [(p.key, p.value, p.step) for p in points]


def frame(n: int, total: int, desc: str = "", postfix: str = "", rate: str = "50.00it/s"
          ) -> str:
    """One drawing of a tqdm bar, as tqdm formats it (`{desc}: {percentage}%|{bar}| n/total
    [elapsed<remaining, rate, postfix]`), after its `\\r`."""
    filled = n * 10 // total
    bar = "█" * filled + " " * (10 - filled)
    head = f"{desc}: " if desc else ""
    times = "[00:00<?, ?it/s" if n == 0 else f"[00:00<00:00, {rate}"
    return f"\r{head}{n * 100 // total:3d}%|{bar}| {n}/{total} {times}{', ' + postfix if postfix else ''}]"


def loop(epoch: int, batches: int, losses: list[float], desc: str = "") -> str:
    """A tqdm loop's bar with `set_postfix(loss=...)` each batch (drawn before the counter
    moves, as tqdm draws it), closed with `leave=True`: its last frame and a line end."""
    out = frame(0, batches, desc)
    for i, loss in enumerate(losses):
        out += frame(i, batches, desc, f"loss={loss}")
    return out + frame(batches, batches, desc, f"loss={losses[-1]}") + "\n"


# A line printed after a bar's run -------------------------------------------------------------


def test_a_line_after_a_bar_described_by_its_epoch_is_at_the_step_the_bar_reached() -> None:
    # `for e in range(3): pbar = tqdm(range(4), desc=f"Epoch {e}")`, `pbar.set_postfix(loss=l)`
    # each batch, then `tqdm.write(f"val_loss={v:.4f}")`: the validation at the batches done
    # (4, 8, 12), not at the epoch its bar's description names (0, 1, 2)
    out = ""
    for e in range(3):
        out += loop(e, 4, [1.0 - e * 0.1 - i * 0.01 for i in range(4)], desc=f"Epoch {e}")
        out += f"val_loss=0.{5 - e}000\n"
    points = drawn(out)
    assert [(k, v, s) for k, v, s in points if k == "val_loss"] == [
        ("val_loss", 0.5, 4), ("val_loss", 0.4, 8), ("val_loss", 0.3, 12)]
    assert [s for k, _, s in points if k == "loss"] == list(range(1, 13))


def test_a_line_after_a_bar_with_no_description_is_not_one_step_past_its_end() -> None:
    # the same loop without a description: 4, 8 and 12, not 5, 9 and 13 (a step the run never
    # reached), the last one too, given out at the output's end
    out = ""
    for e in range(3):
        out += loop(e, 4, [1.0 - e * 0.1 - i * 0.01 for i in range(4)])
        out += f"val_loss=0.{5 - e}000\n"
    assert [(k, v, s) for k, v, s in drawn(out) if k == "val_loss"] == [
        ("val_loss", 0.5, 4), ("val_loss", 0.4, 8), ("val_loss", 0.3, 12)]


def test_a_value_set_on_a_finished_loop_bar_is_at_its_last_step() -> None:
    # `bar.set_postfix(epoch_loss=l)` after the loop: the bar at 4/4 shows it, the loop's last
    # step (4), not one past it
    out = loop(0, 4, [0.9, 0.8, 0.7, 0.6]) + frame(4, 4, postfix="epoch_loss=0.75") + "\n"
    assert [(k, v, s) for k, v, s in drawn(out) if k == "epoch_loss"] == [("epoch_loss", 0.75, 4)]


def test_a_bar_drawn_once_at_its_end_still_heads_the_lines_after_it() -> None:
    # (a one-frame `Epoch 6: 100%|#####| 10/10`, no values: an epoch's header, as before)
    assert drawn("Epoch 6: 100%|#####| 10/10\nloss: 0.3\n") == [("loss", 0.3, 6)]


# A bar whose description changes as it runs -----------------------------------------------------


def test_a_line_after_a_warmup_then_sample_bar_is_at_its_end() -> None:
    # Pyro's and NumPyro's bar: `tqdm(total=8)`, `set_description("Warmup")` then "Sample" at
    # 4, the count going on; `print("final acceptance: 0.95")` after it: at 8, the bar's end
    out = (frame(0, 8) + frame(2, 8, "Warmup", "loss=0.9") + frame(3, 8, "Warmup", "loss=0.8")
           + frame(6, 8, "Sample", "loss=0.7") + frame(8, 8, "Sample", "loss=0.6") + "\n"
           + "final acceptance: 0.95\n")
    assert drawn(out) == [
        ("Warmup/loss", 0.9, 2), ("Warmup/loss", 0.8, 3), ("loss", 0.7, 6), ("loss", 0.6, 8),
        ("final_acceptance", 0.95, 8)]


def test_sequential_chains_go_on_after_the_chain_before_not_its_last_warmup_frame() -> None:
    # NumPyro's `chain_method="sequential"`: a bar of 600 a chain, `warmup` then `sample`
    # (numpyro_mcmc.py 2 sequential's frames): the second chain's warmup at 600 + its count,
    # after the first chain's sampling, not at 234 + its count, inside it
    chain = "\r  0%|          | 0/600 [00:00<?, ?it/s]"
    out = (chain + frame(30, 600, "warmup", "loss=0.76") + frame(234, 600, "warmup", "loss=0.78")
           + frame(405, 600, "sample", "loss=0.7") + frame(600, 600, "sample", "loss=0.56") + "\n"
           + chain + frame(149, 600, "warmup", "loss=0.71") + frame(241, 600, "warmup", "loss=0.72")
           + frame(416, 600, "sample", "loss=0.98") + frame(600, 600, "sample", "loss=0.95") + "\n")
    assert [s for _, _, s in drawn(out)] == [30, 234, 405, 600, 749, 841, 1016, 1200]


# A finished run's row drawn again ---------------------------------------------------------------


def test_a_finished_bar_drawn_again_under_the_next_epochs_is_no_step() -> None:
    # torchtune's bar, its description `epoch|step|Loss: ...` once it shows a loss: the next
    # epoch's bar is made (`1|10: 0%`) before the last one is drawn again at its end
    out = ("\r0|0:   0%|          | 0/3 [00:00<?, ?it/s]"
           "\r1|1|Loss: 3.4859:  33%|███       | 1/3 [00:00<00:00, 22.83it/s]"
           "\r1|2|Loss: 3.4082:  67%|██████    | 2/3 [00:00<00:00, 29.08it/s]"
           "\r1|3|Loss: 3.7376: 100%|██████████| 3/3 [00:00<00:00, 42.44it/s]\n"
           "\r1|3:   0%|          | 0/3 [00:00<?, ?it/s]\n"
           "\r1|3|Loss: 3.7376: 100%|██████████| 3/3 [00:00<00:00, 40.12it/s]\n"
           "\r2|4|Loss: 3.1409:  33%|███       | 1/3 [00:00<00:00, 143.15it/s]"
           "\r2|5|Loss: 2.6741:  67%|██████    | 2/3 [00:00<00:00, 152.31it/s]"
           "\r2|6|Loss: 3.0275: 100%|██████████| 3/3 [00:00<00:00, 180.55it/s]\n")
    assert drawn(out) == [("Loss", 3.4859, 1), ("Loss", 3.4082, 2), ("Loss", 3.7376, 3),
                          ("Loss", 3.1409, 4), ("Loss", 2.6741, 5), ("Loss", 3.0275, 6)]


def test_enlighten_finished_counters_drawn_again_are_no_points() -> None:
    # enlighten (a terminal): `manager.counter(total=3, desc=f"Epoch {e+1}")`, `pbar.desc =
    # f"Epoch {e+1} loss={l:.4f}"` then `update()`; when the third epoch's counter starts it
    # draws the finished ones again
    def row(e: int, n: int, loss: str) -> str:
        return (f"Epoch {e} loss={loss} {n * 100 // 3:3d}%|{'█' * (n * 10 // 3):<10}| "
                f" {n}/3 [00:00<00:00, 8.14 it/s]\n")
    out = (row(1, 1, "1.9830") + row(1, 2, "1.9290") + row(1, 3, "1.8349") + row(1, 3, "1.8349")
           + row(2, 1, "1.7360") + row(2, 2, "1.6735") + row(2, 3, "1.6566")
           + row(1, 3, "1.8349") + row(2, 3, "1.6566")
           + row(3, 1, "1.6540") + row(3, 2, "1.6227") + row(3, 3, "1.5474"))
    assert drawn(out) == [
        ("loss", 1.983, 1), ("loss", 1.929, 2), ("loss", 1.8349, 3), ("loss", 1.736, 4),
        ("loss", 1.6735, 5), ("loss", 1.6566, 6), ("loss", 1.654, 7), ("loss", 1.6227, 8),
        ("loss", 1.5474, 9)]


# A status line drawn with its counter -----------------------------------------------------------


def test_an_enlighten_status_bar_is_at_the_counter_drawn_before_it() -> None:
    # `manager.status_bar(status_format="loss: {loss:.4f}  acc: {acc:.3f}{fill}", loss=0.0,
    # acc=0.0)`, then `pbar.update()` and `status.update(loss=l, acc=a)` each batch: the status
    # line, padded to the terminal's width, shows the values of the count drawn above it; its
    # placeholders, drawn before any counter, are none
    def counter(n: int) -> str:
        return f"Epoch 1 {n * 100 // 4:3d}%|{'█' * (n * 10 // 4):<10}|  {n}/4 [00:00<00:00, 8.2 batch/s]\n"

    def status(loss: str, acc: str) -> str:
        return f"loss: {loss}  acc: {acc}" + " " * 60 + "\n"
    out = (status("0.0000", "0.000") + counter(1) + status("1.9830", "0.110")
           + counter(2) + status("1.9290", "0.120") + counter(3) + status("1.8349", "0.126")
           + counter(4) + status("1.7360", "0.141"))
    assert drawn(out) == [
        ("loss", 1.983, 1), ("acc", 0.11, 1), ("loss", 1.929, 2), ("acc", 0.12, 2),
        ("loss", 1.8349, 3), ("acc", 0.126, 3), ("loss", 1.736, 4), ("acc", 0.141, 4)]


# An outer bar's values --------------------------------------------------------------------------


def test_an_outer_bars_values_set_after_its_inner_loop_are_at_the_step_it_reached() -> None:
    # `outer = trange(2, desc="epochs")`, an inner `tqdm(range(4), desc="batches",
    # leave=False)` with `set_postfix(loss=l)`, then `outer.set_postfix(val_loss=v)`: the
    # inner bar is cleared with no last frame (leave=False), its loop ran to its total; the
    # outer bar's values at the batches done, 4 and 8, as the batches' loss (Lightning logs an
    # epoch's values at the training step)
    def inner(losses: list[float]) -> str:
        out = frame(0, 4, "batches")
        for i, loss in enumerate(losses):
            out += frame(i, 4, "batches", f"loss={loss}")
        return out + "\r" + " " * 60 + "\r"
    out = (frame(0, 2, "epochs") + "\n" + inner([0.9, 0.8, 0.7, 0.6])
           + frame(0, 2, "epochs", "val_loss=0.65") + frame(1, 2, "epochs", "val_loss=0.65") + "\n"
           + inner([0.5, 0.4, 0.3, 0.2])
           + frame(1, 2, "epochs", "val_loss=0.25") + frame(2, 2, "epochs", "val_loss=0.25") + "\n")
    assert drawn(out) == [
        ("loss", 0.9, 1), ("loss", 0.8, 2), ("loss", 0.7, 3), ("loss", 0.6, 4),
        ("val_loss", 0.65, 4),
        ("loss", 0.5, 5), ("loss", 0.4, 6), ("loss", 0.3, 7), ("loss", 0.2, 8),
        ("val_loss", 0.25, 8)]


def test_a_validation_bar_keeps_its_own_count() -> None:
    # a `valid` bar after each epoch's `train` bar (no bar around them): the stage's own
    # series at its own count across epochs, as before
    out = ""
    for e in range(2):
        out += loop(e, 4, [0.9 - e * 0.4 - i * 0.1 for i in range(4)], desc="train")
        out += frame(0, 2, "valid") + frame(0, 2, "valid", f"loss=0.{8 - e}") + frame(
            1, 2, "valid", f"loss=0.{7 - e}") + frame(2, 2, "valid", f"loss=0.{7 - e}") + "\n"
    assert [(k, s) for k, _, s in drawn(out) if k.startswith("valid")] == [
        ("valid/loss", 1), ("valid/loss", 2), ("valid/loss", 3), ("valid/loss", 4)]


# click's bar ------------------------------------------------------------------------------------


def test_click_bar_at_zero_showing_the_epoch_befores_value_is_no_second_point() -> None:
    # `click.progressbar(range(3), label=f"Epoch {e+1}", item_show_func=show, show_pos=True)`,
    # `show` giving the latest loss: the next epoch's bar at 0 shows the last one again
    def bar(e: int, n: int, loss: str) -> str:
        shown = f"  loss={loss}" if loss else ""  # (`show(None)` before any: nothing)
        return f"\rEpoch {e}  [{'#' * (n * 12 // 3):-<12}]  {n}/3{shown}"
    out = (bar(1, 0, "") + bar(1, 1, "1.9830") + bar(1, 2, "1.9290")
           + bar(1, 3, "1.8349") + "\n" + bar(2, 0, "1.8349") + bar(2, 1, "1.7360")
           + bar(2, 2, "1.6735") + bar(2, 3, "1.6566") + "\n")
    assert drawn(out) == [
        ("loss", 1.983, 1), ("loss", 1.929, 2), ("loss", 1.8349, 3), ("loss", 1.736, 4),
        ("loss", 1.6735, 5), ("loss", 1.6566, 6)]
