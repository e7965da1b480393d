"""A tqdm loop of 3 epochs: a training bar of 30 steps and a validation bar of 10, each with
postfix values (the same key in both), then a bar updated by hand, then one whose postfix is
set as text; its own record is what it set."""

from tqdm import tqdm

import _truth

metrics = {}
# A bar given its postfix as it is built (hyperopt's `fmin`, `postfix={"best loss": "?"}`),
# which tqdm sets before it has a count: a placeholder, no value; the bars after it are the
# hook's as ever.
with tqdm(total=2, desc="search", postfix={"best loss": "?"}) as search:
    search.update(2)
step = valid_step = 0
for epoch in range(3):
    bar = tqdm(range(30), desc=f"Epoch {epoch + 1}")
    for _ in bar:
        step += 1
        loss = 1.0 / (step + 0.123456789)
        bar.set_postfix(loss=loss, lr=1e-3 / step)
        _truth.add(metrics, "loss", step, loss)
        _truth.add(metrics, "lr", step, 1e-3 / step)
    # set on the bar after its loop: at the bar's last count
    bar.set_postfix(epoch_loss=loss)
    _truth.add(metrics, "epoch_loss", step, loss)
    # The validation bar's loss is the stage's own series, at its own count across epochs.
    # Its accuracy is given as the percentage to show, and not drawn at once: what was set.
    bar = tqdm(range(10), desc=f"Epoch {epoch + 1} [valid]")
    for _ in bar:
        valid_step += 1
        loss = 2.0 / (valid_step + 0.987654321)
        acc = f"{1 - loss / 3:.2%}"
        bar.set_postfix(loss=loss, acc=acc, refresh=False)
        _truth.add(metrics, "valid/loss", valid_step, loss)
        _truth.add(metrics, "valid/acc", valid_step, float(acc[:-1]))
# A bar updated by hand, its values set before each update (and the step shown beside them,
# no metric): each the step its update ends.
bar = tqdm(total=12, desc="finetune")
for i in range(12):
    loss = 0.5 / (i + 1.5)
    bar.set_postfix({"ft_loss": loss, "step": i + 1})
    bar.update(1)
    _truth.add(metrics, "finetune/ft_loss", i + 1, loss)  # (a training stage's bar: its phase)
bar.close()
# Values set as the postfix's text (set_postfix_str): its `name=value` pairs, as set_postfix's;
# a word is none.
bar = tqdm(range(4), desc="scoring")
for i in bar:
    loss = 0.25 / (i + 1.25)
    bar.set_postfix_str(f"score_loss={loss:.4f}, mode=warm")
    _truth.add(metrics, "score_loss", i + 1, float(f"{loss:.4f}"))
# A loop's own text, its pairs between spaces or bars, or `name: value` (LLM loops' `loss=4.9
# ppl=95.0`).
bar = tqdm(range(3), desc="tuning")
for i in bar:
    loss, ppl = 0.5 / (i + 1.5), 90.0 / (i + 1)
    bar.set_postfix_str([f"tune_loss={loss:.4f} ppl={ppl:.1f}", f"tune_loss={loss:.4f} | "
                         f"ppl={ppl:.1f}", f"tune_loss: {loss:.4f} ppl: {ppl:.1f}"][i])
    _truth.add(metrics, "tune_loss", i + 1, float(f"{loss:.4f}"))
    _truth.add(metrics, "ppl", i + 1, float(f"{ppl:.1f}"))
# A bar that counts samples, a batch of 8 at a time (the last of 4), its values set before
# each update: each is the count that update ends.
bar = tqdm(total=36, desc="samples")
for i, size in enumerate([8, 8, 8, 8, 4]):
    loss = 0.3 / (i + 1.75)
    bar.set_postfix(sample_loss=loss)
    bar.update(size)
    _truth.add(metrics, "sample_loss", bar.n, loss)
bar.close()
# `update(0)` between a value and its update only redraws: the value is the next count's.
bar = tqdm(total=40, desc="refreshed")
for i in range(4):
    loss = 0.9 / (i + 1.25)
    bar.set_postfix(refreshed_loss=loss)
    bar.update(0)
    bar.update(10)
    _truth.add(metrics, "refreshed_loss", bar.n, loss)
bar.close()
# The bars of a loop, never closed: each goes on after the one before it, once that is done.
left_open = []
for epoch in range(2):
    bar = tqdm(total=3, desc=f"open {epoch}")
    left_open.append(bar)
    for i in range(3):
        loss = 0.6 / (3 * epoch + i + 1.5)
        bar.set_postfix(open_loss=loss)
        bar.update(1)
        _truth.add(metrics, "open_loss", 3 * epoch + i + 1, loss)
# One bar reset for each pass (`reset()`): the passes follow each other, as new bars would.
bar = tqdm(total=3, desc="reused")
for epoch in range(2):
    bar.reset()
    for i in range(3):
        loss = 0.7 / (3 * epoch + i + 1.5)
        bar.set_postfix(reused_loss=loss)
        bar.update(1)
        _truth.add(metrics, "reused_loss", 3 * epoch + i + 1, loss)
bar.close()
# A bar of its own format cut to its width by tqdm itself (`ncols`), its values shown as set,
# as text: the line shows `cut_loss=12` for 123.45679, which is no value of the run.
bar = tqdm(range(3), desc="cut", ncols=30, mininterval=0,
           bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} {postfix}")
for i in bar:
    loss = f"{123.456789 / (i + 1):.5f}"
    bar.set_postfix(cut_loss=loss)
    _truth.add(metrics, "cut_loss", i + 1, float(loss))
# A description that shows the value too, set after it (`set_description(f"Epoch {e}
# loss={l:.4f}")`): the next epoch's bar still goes on after this one.
for epoch in range(2):
    bar = tqdm(range(4), desc=f"shown {epoch + 1}")
    for i in bar:
        loss = 0.8 / (4 * epoch + i + 1.5)
        bar.set_postfix(shown_loss=loss)
        bar.set_description(f"shown {epoch + 1} shown_loss={loss:.4f}")
        _truth.add(metrics, "shown_loss", 4 * epoch + i + 1, loss)
    bar.close()
# A bar_format of the count and times alone, the phase in the description (Flax's NNX guides):
# the hook's, under the stage its description names, and not read again from the bar.
fmt = "{desc}[{n_fmt}/{total_fmt}]{postfix} [{elapsed}<{remaining}]"
for epoch in range(2):
    with tqdm(desc=f"[train] epoch: {epoch + 1}/2, ", total=4, bar_format=fmt) as bar:
        for i in range(4):
            loss = 0.9 / (4 * epoch + i + 1.25)
            bar.set_postfix({"fmt_loss": loss})
            bar.update(1)
            _truth.add(metrics, "train/fmt_loss", 4 * epoch + i + 1, loss)
# A bar that starts at 1, as PyTorch Ignite's ProgressBar drives it: `tqdm(initial=1)`, then
# each iteration its values and `update(iteration - bar.n)` (the first an `update(0)`); a new
# bar each epoch: the iteration, counted on across epochs.
for epoch in range(2):
    bar = tqdm(total=5, initial=1, desc="Iteration")
    for i in range(1, 6):
        loss = 0.7 / (5 * epoch + i + 0.5)
        bar.set_postfix({"batch_loss": loss})
        bar.update(i - bar.n)
        _truth.add(metrics, "batch_loss", 5 * epoch + i, loss)
    bar.close()
# A name of words (`{"words loss": ...}`): joined with _, as the same name printed is.
bar = tqdm(range(3), desc="words")
for i in bar:
    loss = 0.4 / (i + 1.5)
    bar.set_postfix({"words loss": loss})
    _truth.add(metrics, "words_loss", i + 1, loss)
# An outer bar's values set in the loop of a bar inside it (`position=` bars): at the inner
# loop's global step, its bars counted on across the outer's passes.
outer = tqdm(range(2), desc="nested", position=0)
done = 0
for epoch in outer:
    inner = tqdm(range(3), desc=f"Batch {epoch}", position=1, leave=False)
    for _ in inner:
        done += 1
        loss = 0.5 / (done + 0.25)
        outer.set_postfix(avg_nested_loss=loss)
        _truth.add(metrics, "avg_nested_loss", done, loss)
_truth.write(metrics)
