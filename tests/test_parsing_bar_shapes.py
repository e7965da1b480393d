"""Progress bars in the shapes libraries draw them: NumPyro's MCMC and SVI postfixes, rich's
bar at every fill and width, PyMC's bars that show only a percentage, progressbar2's count in
words. Each frame is what the program passed to the display, as it drew it."""

from __future__ import annotations

from runlab.parsing import LineSplitter, MetricParser
from tests.test_parsing import run_all
from tests.test_record import _hooks_module


def drawn(data: str) -> list[tuple[str, float, int, str]]:
    """Output as a program wrote it (`\\r` redraws, colours), through the line splitter and one
    parser: (key, value, step, rule)."""
    splitter, parser = LineSplitter(), MetricParser()
    lines = splitter.feed(data.encode()) + splitter.flush()
    points = parser.parse_lines(lines) + parser.flush()
    return [(p.key, p.value, p.step, p.rule) for p in points]


# NumPyro -------------------------------------------------------------------------------------


def test_numpyro_mcmc_bar_gives_the_samplers_diagnostics_at_the_bars_count() -> None:
    # `fori_collect` sets `"{} steps of size {:.2e}. acc. prob={:.2f}"` each iteration, the
    # description `warmup` then `sample` (numpyro_mcmc.py, 300 + 300 iterations, a pipe's frames)
    frames = (
        "\r  0%|          | 0/600 [00:00<?, ?it/s]"
        "\rwarmup:   5%|▌         | 30/600 [00:07<02:24,  3.94it/s, 7 steps of size 1.86e-01. "
        "acc. prob=0.75]"
        "\rwarmup:  37%|███▋      | 221/600 [00:07<00:09, 39.06it/s, 7 steps of size 5.77e-01. "
        "acc. prob=0.78]"
        "\rsample:  74%|███████▍  | 447/600 [00:07<00:01, 96.01it/s, 23 steps of size 2.37e-01. "
        "acc. prob=0.62]"
        "\rsample: 100%|██████████| 600/600 [00:07<00:00, 76.16it/s, 15 steps of size 2.37e-01. "
        "acc. prob=0.73]\n"
    )
    assert drawn(frames) == [
        ("warmup/num_steps", 7, 30, "tqdm_postfix"),
        ("warmup/step_size", 0.186, 30, "tqdm_postfix"),
        ("warmup/acc_prob", 0.75, 30, "tqdm_postfix"),
        ("warmup/num_steps", 7, 221, "tqdm_postfix"),
        ("warmup/step_size", 0.577, 221, "tqdm_postfix"),
        ("warmup/acc_prob", 0.78, 221, "tqdm_postfix"),
        ("num_steps", 23, 447, "tqdm_postfix"), ("step_size", 0.237, 447, "tqdm_postfix"),
        ("acc_prob", 0.62, 447, "tqdm_postfix"),
        ("num_steps", 15, 600, "tqdm_postfix"), ("step_size", 0.237, 600, "tqdm_postfix"),
        ("acc_prob", 0.73, 600, "tqdm_postfix")]


def test_numpyro_svi_average_loss_is_one_series_at_the_end_of_its_range() -> None:
    # `SVI.run` sets `init loss: ..., avg. loss [{i-99}-{i}]: ...` every 100 steps; tqdm draws
    # it later (at 457, the average of 301-400): the values are those of step 400. Through a
    # pipe (numpyro_svi.py's frames) and on a terminal (every window drawn) alike.
    pipe = (
        "\r  0%|          | 0/2000 [00:00<?, ?it/s]\n"
        "\r 23%|██▎       | 457/2000 [00:01<00:03, 439.15it/s, init loss: 615.9307, "
        "avg. loss [301-400]: 166.9756]\n"
        "\r 51%|█████     | 1014/2000 [00:01<00:00, 1058.68it/s, init loss: 615.9307, "
        "avg. loss [901-1000]: 165.6559]\n"
        "\r100%|██████████| 2000/2000 [00:01<00:00, 1158.98it/s, init loss: 615.9307, "
        "avg. loss [1901-2000]: 165.7291]\n"
    )
    assert drawn(pipe) == [
        ("init_loss", 615.9307, 400, "tqdm_postfix"), ("avg_loss", 166.9756, 400, "tqdm_postfix"),
        ("init_loss", 615.9307, 1000, "tqdm_postfix"),
        ("avg_loss", 165.6559, 1000, "tqdm_postfix"),
        ("init_loss", 615.9307, 2000, "tqdm_postfix"),
        ("avg_loss", 165.7291, 2000, "tqdm_postfix")]
    terminal = "".join(
        f"\r{n // 10:3d}%|          | {n}/1000 [00:00<00:00, 864.27it/s, init loss: 615.9307, "
        f"avg. loss [{end - 99}-{end}]: {value}]"
        for n, end, value in ((186, 100, "110.0000"), (273, 200, "105.0000"),
                              (898, 700, "101.4286"), (987, 700, "101.4286"),
                              (1000, 1000, "101.0000"))) + "\n"
    assert [(key, value, step) for key, value, step, _ in drawn(terminal)
            if key == "avg_loss"] == [
        ("avg_loss", 110.0, 100), ("avg_loss", 105.0, 200), ("avg_loss", 101.4286, 700),
        ("avg_loss", 101.0, 1000)]
    # the tqdm hook, which records the text as it is set (at step 100, 200, ...), names it so
    # too: the points read from the bar are then the hook's, under the same names
    pairs = _hooks_module()._postfix_pairs
    assert pairs("init loss: 615.9307, avg. loss [301-400]: 166.9756") == {
        "init_loss": "615.9307", "avg_loss": "166.9756"}
    assert pairs("step size=8.00e-01, acc. prob=0.780") == {  # (Pyro's, as the bar reads it)
        "step_size": "8.00e-01", "acc._prob": "0.780"}


# rich -----------------------------------------------------------------------------------------

_FULL, _EMPTY = "\x1b[91m{}\x1b[0m", "\x1b[90m{}\x1b[0m"


def _rich_frame(description: str, done: str, left: str, count: str, loss: str) -> str:
    """A frame of rich's columns as a terminal gets it: the bar's two colours, the counter in
    green, the time in cyan, then a TextColumn of the task's fields."""
    return (f"\r\x1b[2K{description} {_FULL.format(done)}{_EMPTY.format(left) if left else ''} "
            f"\x1b[32m{count}\x1b[0m \x1b[36m0:00:01\x1b[0m loss: {loss}")


def test_rich_bar_one_cell_short_of_full_is_read_at_its_counter() -> None:
    # rp3.py: BarColumn (40 cells) at 98/100 draws 39 `━` and an empty `╺`; narrow terminals
    # (50 columns: 13 cells) draw it at 13/80 to 15/80
    frames = (
        _rich_frame("Epoch 1/3", "━" * 38 + "╸", "━", " 97/100", "0.61")
        + _rich_frame("Epoch 1/3", "━" * 39, "╺", " 98/100", "0.6")
        + _rich_frame("Epoch 1/3", "━" * 39 + "╸", "", " 99/100", "0.59") + "\n")
    assert drawn(frames) == [("loss", 0.61, 97, "rich_bar"), ("loss", 0.6, 98, "rich_bar"),
                             ("loss", 0.59, 99, "rich_bar")]
    narrow = "".join(_rich_frame("Epoch 1/2", *cells) for cells in (
        ("━╸", "━" * 11, "12/80", "1.3685"), ("━━", "╺" + "━" * 10, "13/80", "1.3751"),
        ("━━", "╺" + "━" * 10, "14/80", "1.3636"), ("━━╸", "━" * 10, "16/80", "1.2232"))) + "\n"
    assert drawn(narrow) == [("loss", 1.3685, 12, "rich_bar"), ("loss", 1.3751, 13, "rich_bar"),
                             ("loss", 1.3636, 14, "rich_bar"), ("loss", 1.2232, 16, "rich_bar")]


def test_rich_bar_whose_columns_a_narrow_terminal_cut_is_a_rich_bar() -> None:
    # a 40-column terminal cuts the counter and the time (`14…`, `0:0…`): no count to read, the
    # percentage shown; the placeholder before the first step (`0…`) is no value, and no line
    # falls to the `loss: ...` rule of plain lines (which took `Epoch 1/2`'s 1 for the step)
    lines = ["⠋ Epoch 1/2 ━━━━ 0… 0% 0:0… loss: nan",
             "⠙ Epoch 1/2 ╸━━ 14… 18% 0… loss: 1.3636",
             "⠹ Epoch 1/2 ╸━━ 15… 19% 0… loss: 1.3078"]
    assert [rule for _, _, _, rule in run_all(*lines)] == ["rich_bar", "rich_bar"]
    assert [(key, value) for key, value, _, _ in run_all(*lines)] == [
        ("loss", 1.3636), ("loss", 1.3078)]


def test_rich_task_of_no_total_counts_its_steps_and_pulses_without_one() -> None:
    # `add_task(..., total=None)`, a task an epoch: MofNCompleteColumn shows `20/?`; the row of
    # the epoch before, drawn again above the running one each frame, is no drawing
    assert run_all(
        "Epoch 1/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 19/?  loss: 1.1385",
        "Epoch 1/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 20/?  loss: 1.1433",
        "Epoch 1/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 20/?  loss: 1.1433",
        "Epoch 2/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 0/?   loss: nan   ",
        "Epoch 1/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 20/?  loss: 1.1433",
        "Epoch 2/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 1/?   loss: 1.1070",
        "Epoch 1/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 20/?  loss: 1.1433",
        "Epoch 2/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 2/?   loss: 1.0333",
    ) == [("loss", 1.1385, 19, "rich_bar"), ("loss", 1.1433, 20, "rich_bar"),
          ("loss", 1.107, 21, "rich_bar"), ("loss", 1.0333, 22, "rich_bar")]
    # with rich's default columns it shows neither count nor percentage, only its pulse: each
    # new value at its key's count
    assert run_all(
        "Epoch 1/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━   loss: 1.1385",
        "Epoch 1/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━   loss: 1.1433",
        "Epoch 1/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━   loss: 1.1433",
        "Epoch 2/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━   loss: 1.1070",
        "Epoch 1/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━   loss: 1.1433",
        "Epoch 2/2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━   loss: 1.0333",
    ) == [("loss", 1.1385, 0, "rich_bar"), ("loss", 1.1433, 1, "rich_bar"),
          ("loss", 1.107, 2, "rich_bar"), ("loss", 1.0333, 3, "rich_bar")]


# PyMC -----------------------------------------------------------------------------------------


def test_pymc_fit_bar_shows_a_percentage_which_is_no_step() -> None:
    # pm.fit's (ADVI) rich bar, on a terminal: its percentage of `n` is no step, so each new
    # average loss is its key's next point, as a line's that names no step; `Finished` after it
    # goes on with the count
    assert run_all(
        "Fitting: ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━   0% -:--:--  ",
        "Fitting: ━━━━━━━━━━━━━━━━━━━━━━━╺━━━━━━━━━━━━━━━━  65% 0:00:01 Average Loss = 614.71",
        "Fitting: ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╺━━  95% 0:00:01 Average Loss = 585.18",
        "Fitting: ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100% 0:00:00 Average Loss = 577.5",
        "Fitting: ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100% 0:00:00 Average Loss = 577.5",
        "Finished [100%]: Average Loss = 577.33",
    ) == [("Average_Loss", 614.71, 0, "rich_bar"), ("Average_Loss", 585.18, 1, "rich_bar"),
          ("Average_Loss", 577.5, 2, "rich_bar"), ("Average_Loss", 577.33, 3, "key_value")]


def test_pymc_find_map_bar_at_zero_percent_shows_its_values() -> None:
    # find_MAP's bar counts towards `maxeval` and stays at 0%: with the time to go shown, its
    # values are the optimizer's (the same line at 100% is read too)
    assert run_all(
        "MAP ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━   0% -:--:--  ",
        "MAP ━━━━━━━━━━━━━━━━━━━━━━━━━━━   0% 0:01:38 logp = -5,476.9, ||grad|| = 0.17772",
    ) == [("logp", -5476.9, 0, "rich_bar"), ("||grad||", 0.17772, 0, "rich_bar")]


def test_pymc_fit_stopped_early_gives_its_loss_not_its_label_and_at_its_iteration() -> None:
    # through a pipe rich draws its last frame without the bar's part to come (nothing at 0%):
    # `Fitting` is the description, no metric; PyMC's own line names the iteration it stopped at
    assert run_all(
        "Fitting:                                    0% 0:00:23 Average Loss = 1.6691e+05",
        "Interrupted at 99 [0%]: Average Loss = 1.653e+05",
    ) == [("Average_Loss", 166910.0, 0, "rich_bar"), ("Average_Loss", 165300.0, 99, "pymc_fit")]
    assert run_all("Interrupted at 12,345 [24%]: Average Loss = 1,653.2",
                   "Interrupted at 5 [50%]: Loss = 3.5") == [
        ("Average_Loss", 1653.2, 12345, "pymc_fit"), ("Loss", 3.5, 5, "pymc_fit")]


# progressbar2 ---------------------------------------------------------------------------------


def test_progressbar2_count_in_words_after_the_bar_is_the_step() -> None:
    # pb2.py's widgets, `f"Epoch {e+1} "`, Percentage, Bar, SimpleProgress, Variables, ETA:
    # each epoch's count goes on from the last; `finish()` draws the last frame again (no point)
    epoch = "Epoch {e} {pct:>3}% |{bar:<15}| {n} of 12 loss: {loss} acc: {acc} ETA:   0:00:00"
    lines = [
        "Epoch 1   0% |                | 0 of 12 loss: ------ acc: ------ ETA:  --:--:--",
        epoch.format(e=1, pct=8, bar="#", n=1, loss=" 1.983", acc=" 0.117"),
        epoch.format(e=1, pct=16, bar="##", n=2, loss=" 1.929", acc="  0.12"),
        "Epoch 1 100% |###############| 12 of 12 loss:  1.369 acc:  0.252 ETA:  00:00:00",
        "Epoch 1 100% |###############| 12 of 12 loss:  1.369 acc:  0.252 Time:  0:00:01",
        "Epoch 2   0% |                | 0 of 12 loss: ------ acc: ------ ETA:  --:--:--",
        epoch.format(e=2, pct=8, bar="#", n=1, loss=" 1.375", acc=" 0.265"),
    ]
    assert run_all(*lines) == [
        ("loss", 1.983, 1, "tqdm_postfix"), ("acc", 0.117, 1, "tqdm_postfix"),
        ("loss", 1.929, 2, "tqdm_postfix"), ("acc", 0.12, 2, "tqdm_postfix"),
        ("loss", 1.369, 12, "tqdm_postfix"), ("acc", 0.252, 12, "tqdm_postfix"),
        ("loss", 1.375, 13, "tqdm_postfix"), ("acc", 0.265, 13, "tqdm_postfix")]


def test_progressbar2_percentage_after_a_stage_is_no_metric() -> None:
    # `["Training: ", Percentage(), " ", Bar(), " ", SimpleProgress(), " ", Variable("loss")]`:
    # the stage names the values, as `Training: 3 of 12 |#| loss: 1.835` does
    assert run_all(
        "Training:   0% |                                         | 0 of 12 loss: ------",
        "Training:   8% |###                                      | 1 of 12 loss:  1.983",
        "Training:  25% |##########                               | 3 of 12 loss:  1.835",
        "Training: 100% |########################################| 12 of 12 loss:  1.369",
        "Training: 100% |########################################| 12 of 12 loss:  1.369",
    ) == [("Training/loss", 1.983, 1, "tqdm_postfix"), ("Training/loss", 1.835, 3, "tqdm_postfix"),
          ("Training/loss", 1.369, 12, "tqdm_postfix")]
    # its Counter between bars of the format's own, `||###   || 3/12`
    assert run_all(
        "Epoch 1  16% ||###########                  || 2/12 loss:  1.929 ETA:   0:00:00",
        "Epoch 1  25% ||#################            || 3/12 loss:  1.835 ETA:   0:00:00",
    ) == [("loss", 1.929, 2, "tqdm_postfix"), ("loss", 1.835, 3, "tqdm_postfix")]
