"""The metric parser: applies the rules to a run's lines in order and keeps the step state.

Owns ``Point``, user patterns (``-m REGEX``) and step resolution. For each point the step is,
first to last: the step the rule itself found (a ``step`` group of a user pattern, a table
row's iteration); the line's step key (``global_step``, ``step``, ``num_updates``,
``iteration``, ``iter``, ``it``, ``epoch``, case-insensitive, written as an integer: the first
in that order sets the step and is not recorded, any other stays a metric); the global step of
the run's main progress bar, when one is drawn (taken from the bar's next drawing, since a
library prints its line, then redraws the bar; from the drawing before for a line printed on
the bar's own line, a plain print before the bar counts again); the current step from the
latest ``Epoch N`` header; else a counter per key, the number of earlier points of that key.
An ``epoch`` written with a decimal point (Hugging Face's 0.5 and 1.0) is a metric. When a key
is found twice on one line the first finding wins. User patterns come first, and the text
they match is blanked before the built-in rules read the line.

Progress bars with a counter (rules with ``bar``: tqdm, rich) are curves: each redraw that
shows a new value of a key is a point at the bar's global step, its counter plus the counters
its earlier runs reached (a bar that starts again from 0 continues the count: Lightning's
global step), or at the key's next step when the counter has not moved (tqdm throttles its
refreshes, so the counter it shows lags behind the loop). The main bar is the one showing
metrics, else the biggest one still drawing; never a bar that interrupted another's run (an
evaluation's inside the training's), even once that run ended.
Keras' bar (``redraws``) keeps one point per key and epoch: held, and given out when that
key's step moves on, when a header changes the step, or by ``flush()`` at the end. The rule
flags (rules/) also open tables (scikit-learn's gradient boosting) and silence known noise.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from runlab.capture.args import secret_measure
from runlab.errors import UsageError
from runlab.parsing.rules import RULES
from runlab.parsing.rules.base import (
    NUMBER,
    ENV_STEPS,
    CLAIM,
    STEP_NAMES,
    Bar,
    Found,
    comma_number,
    decimal_commas,
    in_unit,
    numbers_plain,
    parse_number,
    printed_tolerance,
    to_number,
    units_of,
)
from runlab.parsing.rules.bars import read_tqdm, read_wrapped
from runlab.parsing.rules.libraries import (
    frame_columns,
    glued,
    grouped_frame_rows,
    open_repr,
    open_settings,
    transposed_rows,
    wrapped_table_rows,
    yaml_settings,
)
from runlab.parsing.rules.dicts import json_records, python_history, python_records
from runlab.parsing.rules.pairs import (
    PHASES,
    RATE_TAIL,
    TIME_AT_END,
    counted_pieces,
    is_metric_key,
    key_value_pairs,
    line_shape,
    message,
    names_a_measure,
    parse_alone,
)

__all__ = ["MetricParser", "Point"]

# In order of precedence when a line has several.
# For a line's keys: the slots that may set the step (best first), and each counted key's slot.
_Plan = tuple[list[int], list[tuple[int, str]], frozenset[int]]
# (a shape's regex, its keys, their plan, whether a line of it is read as printed, and whether
# its values have units after them, `dt 950ms`: `_united`)
_Shape = tuple[re.Pattern[str], tuple[str, ...], _Plan, bool, bool]
_STEP_RANK = {name: rank for rank, name in enumerate(STEP_NAMES)}
_EPOCH_RANK = _STEP_RANK["epoch"]
# A counter's number names the counter: `Epoch Number: 3`, `Episode no: 10`.
_COUNTER_SUFFIX = re.compile(r"_(?:number|num|no)$")
# A phase's count that is a step: stable-baselines3's `Eval num_timesteps=1024`.
_PHASE_STEPS = {"num_timesteps": _STEP_RANK["total_t"]}
# The environment steps a run has taken, named in words: Dopamine's `Steps executed: 508`.
_RUN_STEPS = frozenset({"steps_executed"})
# Meters whose copies may count epochs from 1 (SupContrast's ProgressMeter).
_FROM_ONE = frozenset({"progress_meter"})
# Qualified names that end like a step key but count something else.
# (rl_games' `fps step: 4241` is a rate, not a step)
# (and counts planned, lda's `n_iter: 200`, not the counter itself, minimalRL's `n_episode`)
_NOT_STEPS = frozenset({"num_epoch", "max_step", "max_iter", "total_step", "warmup_step",
                        "fps_step", "n_iter", "n_iters", "num_iter", "num_iters", "n_epochs",
                        "nb_epochs", "num_epochs", "n_iterations", "num_iterations",
                        "micro_step"})  # (a gradient accumulation's, within the step)
_COUNTS_OF = ("best_", "sub_")  # (sentencepiece's `EM sub_iter=0`: within a round)
# A gradient accumulation's micro-step on a line, `  micro_step 2/4 | micro_loss 5.46`, `micro
# 1: loss 2.3`: its values are the optimizer step's it accumulates into; its count no metric.
_MICRO_STEP = re.compile(r"(?i:micro)[_\- ]?(?i:step|batch)?\ {0,4}[:=]?\ {0,4}\d{1,9}"
                         r"(?:\ {0,2}/\ {0,2}\d{1,9})?(?![\d.])", re.ASCII)
_MICRO_COUNTS = frozenset({"micro", "micro_step", "microstep", "micro_batch", "microbatch"})

_CUSTOM = "custom"
_GENERIC = frozenset({_CUSTOM, *(rule.name for rule in RULES if rule.generic)})
_INTEGER = re.compile(r"[-+]?\d{1,18}")
_SHAPE_PAIRS = 64  # lines with more pairs are read pair by pair (a shape regex costs to build)
# Python's `logging.basicConfig()` format, `INFO:__main__:loss: 0.5` (TensorFlow's too,
# `INFO:tensorflow:loss = 0.51, step = 100`): the level and the logger's name are not the line's.
_LEVELS = ("DEBUG:", "INFO:", "WARNING:", "ERROR:", "CRITICAL:")
# What a launcher puts before each line of a worker's output: torchrun's `--tee`, `[default0]:`,
# or PyTorch's in a process group, `[rank0]: ` (its space too: a traceback's `[rank0]:   File`);
# Open MPI's `--tag-output`, `[1,0]<stdout>:`; Ray's `(RayTrainWorker pid=1234,
# ip=10.0.0.1) ` and `(pid=1234) `. Not part of the program's line.
# The other ranks' lines are theirs (rank 0's are the run's, as its hooks record only rank 0).
_LAUNCHER = re.compile(
    r"\[(?:default|local_rank|trainer|worker)(\d{1,5})\]:|\[rank(\d{1,5})\]:\ ?"
    r"|\[\d{1,5},(\d{1,5})\]<std(?:out|err)>:"
    r"|\((?:(?P<actor>[A-Za-z_][\w.\-]{0,60})\ )?pid=(?P<pid>\d{1,9})(?:,\ ip=[\w.:\-]{1,60})?\)\ "
    # or what a program puts before its ranks' lines itself: `[rank1] step 1 loss 3.58`
    # (Lightning's `[rank: 1] `), `rank 1
    # | step 1 | loss ...` (DeepSpeed's `[Rank 0] time (ms) | ...`, its timers', is read whole;
    # a leaderboard's `Rank 1 | team-a | score 0.91` is no process's)
    r"|\[(?:rank|RANK):?\ ?(\d{1,5})\]:?\ |(?:rank|RANK)\ ?(\d{1,5})\ ?[|:]\ "
    # (the PyTorch DDP tutorial's `Rank 0: step 1, loss: 0.9`, a GPU's or a worker's,
    # `[Rank 1/2] ...`; a leaderboard's `Rank 1 | ...` stays a row, and a host's name, ESPnet's
    # `[gpu01]`, pdsh's `gpu1: `, is none)
    r"|(?:Rank|GPU|Worker|worker|Process|process)\ (\d{1,5}):\ (?=[A-Za-z])"
    r"|\[Rank\ ?(\d{1,5})/\d{1,5}\]:?\ "
    # (a process's number before a line that names its own counter, MPI's `-l`: `[1] step 5
    # loss: 0.9`, `1: epoch 3 ...`; alone before the pairs, `[3] loss: 0.9`, it is the step)
    r"|\[(\d{1,5})\]:?\ +(?=(?i:step|iter|iteration|epoch|global_step)\b\ {0,4}[:=]?\ {0,4}\d)"
    # (srun's `--label` pads a task's number to the widest's: ` 0: step 1 ...`, `10: step 1 ...`)
    r"|\ {0,3}(\d{1,5}):\ +(?=(?i:step|iter|iteration|epoch|global_step)\b\ {0,4}[:=]?\ {0,4}\d)"
    # (more of a program's own: `[Rank 0] step 1 ...`, `[Worker 0] ...`, `[GPU0] Epoch 1 |
    # ...` (the PyTorch DDP tutorial's), `(rank 0) step 1 ...`, `Rank 0, epoch 1, loss ...`,
    # `rank 0 epoch 1 ...`, `Rank: 0, Epoch: 1, ...`, `Rank 0 | step 1 | ...`, `[rank 0/2] ...`)
    r"|\[Rank\ ?(\d{1,5})\]:?\ (?!time\ \(ms\))"
    # (a worker's or a GPU's before a counter only: a single process' per-worker or per-GPU
    # lines, `[Worker 1] episode=10 reward=200`, `[GPU1] temp=71`, are rows of their own)
    r"|\[(?:Worker|worker|GPU|gpu)\ ?(\d{1,5})\]:?\ (?=(?i:step|iter|iteration|epoch|batch)\b)|\((?:rank|Rank|RANK)\ ?(\d{1,5})\)\ "
    r"|(?:Rank|rank|RANK|Process|process):?\ ?(\d{1,5}),?\ (?=(?i:step|iter|iteration|epoch|global_step|batch)\b)"
    r"|Rank\ (\d{1,5})\ \|\ |\[rank\ (\d{1,5})/\d{1,5}\]:?\ "
    # (`GPU 1 | Epoch 1 | ...`, `Worker 1 | ...`, `Rank 1 - Epoch 1 - ...`, `[local_rank 1] ...`,
    # `[Process 1] ...`, `[cuda:1] ...`, `[rank=1] ...`, `RANK=1 epoch=1 loss=...`,
    # `local_rank 1: ...`)
    r"|(?:GPU|Worker|worker|Rank|rank|Process|process|proc)\ (\d{1,5})\ [|\-]\ (?=(?i:step|iter|iteration|epoch|batch)\b)"
    r"|\[(?:local_rank|LOCAL_RANK|Local\ Rank|local\ rank|Process|process|proc|cuda:|rank=|RANK=|local_rank=)\ ?(\d{1,5})\]:?\ "
    # (not `rank=8`, a LoRA's rank in a sweep)
    # (and `rank 0 loss 0.4`, `rank0 loss 0.4`, `rank 1, loss: 0.8`: the pairs right after a
    # rank's number)
    r"|(?:local_rank[=\ ]|rank\ ?|RANK[=\ ])(\d{1,5}):?,?\ (?=(?i:step|iter|iteration|epoch|global_step|batch)\b"
    r"|[a-z_][a-z0-9_]{0,40}(?:\ |:\ ?|=)[-+]?\.?\d)"
    # (and those that name the world or the node with the rank, a process's whatever came
    # before: `[Rank 1 of 2] `, `[node 0, rank 1] `, `[node0/rank1] `, `[gpu01:rank1] `)
    r"|\[(?:Rank|rank|RANK)\ (\d{1,5})\ of\ \d{1,5}\]:?\ "
    r"|\[[\w.\-\ ]{1,40}(?:,\ |/|:)(?:rank|Rank|RANK)\ ?(\d{1,5})\]:?\ "
    # (Open MPI's `--timestamp-output`, `Mon Dec  7 16:19:59 2026[1,0]<stdout>:`, and without
    # `--tag-output`, `Mon Dec  7 16:19:59 2026<stdout>:`, no rank's)
    r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\ [A-Z][a-z]{2}\ [\ \d]\d\ \d\d:\d\d:\d\d\ \d{4}"
    r"(?:\[\d{1,5},(\d{1,5})\])?<std(?:out|err)>:"
    # (multiprocessing's default name of a process, `[Process-2] `: numbered from 1, so that
    # `Process-1` is the first worker's)
    r"|\[Process-(?P<worker>\d{1,5})\]:?\ ",
    re.ASCII)
_LAUNCHED_START = frozenset("[(rRGWwl0123456789")
# (and those of `Process 1: ...`, `proc 1 | ...`, Open MPI's weekdays: `_launched`)
_LAUNCHED_WORDS = frozenset({"Proc", "proc", "Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ",
                             "Sun "})
# The first characters of the lines that may start a crash's report (`_crashed`).
_CRASH_STARTS = frozenset("╭ E")
# A line of an exception group's traceback: its bars and corners before the frames.
# (or a separator, `+-+---------------- 1 ----------------`, flush left; not a table's `| a |`)
_EXCEPTION_GROUP_LINE = re.compile(r"\ {1,40}[|+]|\+(?:-\+)?-{3,}(?:\ \d{1,6}\ -{3,})?\s*$")
# The first of `_LAUNCHER`'s groups that a program's own words give (`[rank: 1]`, `rank 1 |`,
# `Rank 1:`), not a launcher; and those that say a process whatever came before (a world's
# size, `[Rank 1/2]`; a counter after the number, `[1] step 5`)
_PROGRAM_RANKS = 6
_FIRST_RANKS = frozenset("123")  # (the ranks besides 0 of a few processes)
# A rank named first among a line's values (`rank=1 loss=0.8`, `rank: 1, loss: 0.8`, `{"rank":
# 1, "loss": 0.8}`, `local_rank 1 | ...`): the line is that process's once a line named rank 0
# so (not a LoRA's `rank=2 loss=0.3` in a sweep, nor `lora_rank=8`, nor a retrieval's `query 3
# rank: 2, score: 0.8`, nor a leaderboard's `Rank 1 | ...`).
_VALUE_RANK = re.compile(r"\s{0,8}[{\[(]?\s{0,8}[\"']?(?:local_|global_)?rank[\"']?"
                         r"(?:\ ?[=:]\ ?|\ (?=\d{1,5}\ ?[|,;]))(\d{1,5})(?![\d.])", re.ASCII)
_PROCESS_RANKS = frozenset({9, 10, 11, 21, 22, 23, 24})
# A counter after a rank's words: the line is a process's (`Rank 1: step 1, loss: 0.95`)
_COUNTER_AFTER = re.compile(r"(?i:step|iter|iteration|epoch|global_step|batch)\b\ {0,4}[:=]?"
                            r"\ {0,4}\d", re.ASCII)
# Ray Train's controller naming each worker's rank: `- (ip=10.0.0.1, pid=26834) world_rank=1,
# local_rank=1, node_rank=0`, so that its `(RayTrainWorker pid=26834) ` lines are rank 1's.
# (Ray Train V1's: `- (node_id=6a8f..., ip=10.0.0.1, pid=26834) world_rank=1, ...`)
_RAY_WORKER_RANK = re.compile(r"-\ \((?:node_id=\w{1,80},\ )?ip=[\w.:\-]{1,60},\ pid=(\d{1,9})\)"
                              r"\ world_rank=(\d{1,5})", re.ASCII)
# Chinese and Japanese text's full-width punctuation, read as its ASCII form: `训练损失：0.41，`
# (after a value, before a name: not a box's `batch · iters   4 · 60`)
_MIDDLE_DOT = re.compile(r"(?<=[\d%]) [\u00b7\u2022] (?=[^\W\d_])")
# (a comma's and a colon's space after them too, as Chinese text has none: `第 1 轮 第 5/15 批，损失：0.7`
# as `..., 损失: 0.7`)
_FULL_WIDTH: dict[int, str] = {**{ord(a): b for a, b in zip("；（）＝｜％【】\u2212", ";()=|%[]-")},
                               ord("："): ": ", ord("，"): ", ", ord("、"): ", ",  # (and a minus sign, `−0.5`)
                               # (and spaces: no-break, narrow no-break, thin, ideographic:
                               # `83,1\u00a0%`, French's `perte\u00a0: 0,5`, CJK's `\u3000`)
                               **{ord(space): " " for space in "\u00a0\u202f\u2009\u3000"}}
# Emoji and pictographs (not box drawing, block elements, arrows nor braille: tables and bars;
# nor check marks, the char-RNN tutorial's verdicts).
# (A run of them and the spaces after it: no space before, which a search would try again
# from every space of a long run of them.)
# A label, then a dict that goes on over the lines after it (`Test metrics: {`).
_LABELLED_OPEN = re.compile(r"[A-Za-z][\w \-/.]{0,40}:\ ?\{", re.ASCII)
_LABELLED = "label"  # (what ends such a block: a `}` alone)
# Or a label of words without a colon (Node's `console.log("Test results", obj)`: `Test
# results {`); one word alone may be protobuf's (`_PROTO_OPEN`).
_WORDS_OPEN = re.compile(r"[A-Za-z][\w\-/.]{0,40}(?:\ [A-Za-z0-9][\w\-/.]{0,40}){1,4}\ \{",
                         re.ASCII)
_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\u2600-\u2712\u2714\u2719-\u27BF\u2B00-\u2BFF\u2139\uFE0F\u200D"
    "\u20E3\u231A\u231B\u23E9-\u23F3\u23F8-\u23FA\u25B6\u25C0]+ *")  # (and `⏳`, `⌚`, `▶️`)  # (loguru's level icons: `ℹ️`, `✔️`; not ✓ and ✗, the char-rnn tutorial's)
_LOG_PREFIX = re.compile(r"(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):[\w.<>\-]{1,100}:")
# A JSON value printed over several lines (`json.dumps(results, indent=4)`, timm's `--result`):
# what its lines may start with, and how many are read before it is given up as not JSON.
# (or a Python dict's, as rich's `print` writes one too wide for its line: `{`, then
# `    'test_loss': 0.2345,` a line)
_JSON_LINE = re.compile(r"\s*(?:[\"'{}\[\]\d\-]|true|false|null|True|False|None)")
_BLOCK_LINES = 10_000
# A line of a Node object printed over several lines (util.inspect's `  epoch: 5,`, `  test: {
# acc: 0.95 },`): its key bare, where JSON's and pprint's are quoted.
_INSPECT_LINE = re.compile(r"\s{2,40}(?:[A-Za-z_$][\w$]{0,80}|'[^']{0,80}'): ", re.ASCII)
_PPRINT = "pprint"
# A message in protobuf's text format over several lines, as programs print their configuration
# (sentencepiece's `trainer_spec {`, then `  vocab_size: 1000` lines, then `}`): settings.
_PROTO_OPEN = re.compile(r"[A-Za-z_]\w{0,60}\ \{", re.ASCII)
_PROTO_LINE = re.compile(r"\s{1,40}[A-Za-z_][\w.]{0,80}(?::.{0,400}|\ \{\}?)|\s{0,40}\}", re.ASCII)
_PROTO = "proto"
# A label before a history printed whole, `history: {'loss': [...]}`, `History = {...}`
_HISTORY_LABEL = re.compile(r"[A-Za-z_][\w .]{0,30}(?::|\ ?=)\ {0,4}\{", re.ASCII)
_ENDS_NUMBER = frozenset("0123456789%")  # and not "": a line that may be a name and its number
# A name alone before its colon (up to five words), and a number alone on its line.
_LABEL_ALONE = re.compile(r"\s{0,12}([A-Za-z][\w\-]{0,30}(?:\ [A-Za-z][\w\-]{0,30}){0,4}):")
# rich's RichHandler: `[12/04/26 09:06:34] INFO     message    train.py:12` (the time column
# blank when the time repeats); a message too long for its column goes on in the lines under
# it, indented to the column, the source's column blank.
_RICH_LOG = re.compile(r"(?:\[[^\]]{1,30}\]|\ {0,30})\ (?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\ +(?=\S)")
_RICH_SOURCE = re.compile(r"\ {1,}[\w.\-<>]{1,80}\.py:\d{1,9}\ *\Z")
_LONE_VALUE = re.compile(rf"\s{{0,12}}({NUMBER})\s*", re.ASCII)
_KERAS_COUNT = re.compile(r"\s{0,18}(\d{1,18})/(\d{1,18})\s", re.ASCII)  # (a Keras bar's `5/5 `)

# A heading alone on its line, not indented, that names a phase or a measure (`Validation:`,
# `--- Test set ---`, `[val]`, `*** Evaluation ***`, `Epoch 2 val:`, `Final test results`,
# `Per-class accuracy:`), then lines of only `name: value` pairs that name measures: those lines
# are read as if each followed the heading on its line (`Validation: loss: 0.41`,
# `Validation/loss`), so a validation block's `loss` is not the training's.
_SECTION_HEAD = re.compile(
    r"(?:([*=#\-<>]{1,20})\ {0,4})?"
    r"(?:\[((?i:" + "|".join(sorted(PHASES, key=len, reverse=True)) + r"))\]"
    # (and its epoch: Flax's NNX guides' `[val] epoch: 1/3`, then `- total loss: 2.2952`)
    r"(?:\ {1,4}(?i:epoch)\ {0,4}:?\ {0,4}\d{1,18}(?:\ {0,2}/\ {0,2}\d{1,18})?)?"
    r"|([A-Za-z0-9][\w\-]{0,30}(?:\ [A-Za-z0-9][\w\-]{0,30}){0,3}))"
    # (the counter it was run at, in parentheses: `==== Evaluation (episode 10) ====`)
    r"(?:\ \((?i:episode|epoch|step|iter|iteration|update)\ \d{1,18}\))?"
    r"\ {0,4}([*=#\-<>]{1,20})?\ {0,4}(:)?\s*",
    re.ASCII)
# The words of a heading that names a phase (`--- Validation ---`, `Final test results`): a line
# of prose (`Training finished`, `Collecting data for eval`) heads nothing; nor does a progress
# message (`Training...`).
_HEADING_WORDS = PHASES | {"set", "split", "data", "dataset", "results", "result", "metrics",
                           "scores", "stats", "statistics", "performance", "summary", "final",
                           "epoch", "step", "phase", "report", "on"}
# How a heading with neither a colon nor a rule around it ends (`Final test results`).
_HEADING_ENDS = ("results", "Results", "metrics", "Metrics", "set", "summary", "Summary", "report",
                 "scores", "stats", "performance")
_SECTION_RULE = re.compile(r"\s{0,8}[-=*#_~]{3,200}\s*")
_SECTION_NAME = r"[A-Za-z][\w.\-/@()]{0,40}(?:\ [A-Za-z][\w.\-/@()]{0,40}){0,3}"
_SECTION_PAIR = rf"{_SECTION_NAME}\ {{0,20}}[:=]\ {{0,20}}(?:{NUMBER})%?"
_SECTION_PAIRS = re.compile(
    # (a bullet before them: `  - loss: 0.51`)
    rf"(\s{{0,12}})(?:[-*\u2022]\ {{1,4}})?{_SECTION_PAIR}"
    rf"(?:(?:\ {{0,4}}[,;|]\ {{0,4}}|\ {{2,8}}){_SECTION_PAIR}){{0,20}}\s*",
    re.ASCII)
_BULLETS = "-*\u2022"


# clu's LoggingWriter of a collection, `[8] collection=eval accuracy=0.11, loss=2.31`: the
# collection's values (eval/accuracy), as TensorBoard shows each collection's apart.
_CLU_COLLECTION = re.compile(r"(\[\d{1,18}\] )collection=([A-Za-z_][\w\-]{0,40}) ", re.ASCII)
# The epoch a position's line names beside it, `[epoch 2/3]`, `Epoch 2/3`, `epoch: 2` (not a
# fraction of one, HF's `epoch 1.5`).
_EPOCH_BESIDE = re.compile(
    r"(?<![\w])[Ee]poch:?\ {0,2}(\d{1,9})(?:\ {0,2}/\ {0,2}\d{1,9})?(?![\w/.])", re.ASCII)
# DeepSpeed's timer's counters joined by `/`, `epoch=0/micro_step=10/global_step=10, ...`: the
# line's values are at its global step, as after `global_step=10, ` alone.
_DS_COUNTERS = re.compile(r"\bepoch=\d{1,9}/micro_step=\d{1,12}/(?=global_step=\d)", re.ASCII)


def _phase_epoch(line: str) -> bool:
    """Whether a line may be a phase's heading with its epoch, `[val] epoch: 1/3`."""
    return line[:1] == "[" and line[-1:].isdigit() and "epoch" in line[:40].lower()
_SECTION_NAMES = re.compile(rf"({_SECTION_NAME})\ {{0,20}}[:=]", re.ASCII)
_WAITING = 10_000  # points of step-less lines held for the next bar drawing, at most


_DUMPED = frozenset({"python_dict", "json", "hf_trainer"})  # (the rules of dicts printed whole)
# (a key's first word: `val_loss`, `eval_loss`)
_VALIDATIONS = frozenset({"val", "valid", "validation", "eval", "dev"})
_PRINTED_DICTS = frozenset({"python_dict", "json", "node_object"})  # (a program's own dicts)
_STAMPED = frozenset("0123456789[")  # (a log line's time or level in brackets first)
_DIGITS = re.compile(r"\d")
# A run resumed at a step (`Resuming from step 5000`, `Resumed training at global step 5000`),
# and a checkpoint restored with its values after it in brackets (`Restored checkpoint from
# epoch 10 (val_loss=0.5123)`, `=> loaded checkpoint 'ckpt.pth' (epoch 10)`).
_RESUMED_AT = re.compile(r"\W{0,4}(?i:resum(?:e|ed|ing))\b(?![=:])[^\d=]{0,40}?\b(?i:global[\ _]step"
                         r"|step|iteration|iter)\ {0,4}[:=]?\ {0,4}(\d{1,18})\b", re.ASCII)
_RESTORED = re.compile(r"\W{0,4}(?i:resum(?:e|ed|ing)|restor(?:e|ed|ing)|(?:re)?load(?:ed|ing)?)"
                       r"\ [^()]{1,200}\([^()]{1,200}\)\W{0,2}", re.ASCII)
_DICT_KEY = re.compile(r"['\"]([A-Za-z_][\w.\-]{0,60})['\"]\s{0,4}:")  # (a dict's keys)


@dataclass(slots=True)
class Point:
    """One metric value at one step, and the name of the rule that found it."""

    key: str
    value: float
    step: int
    rule: str

    @property
    def generic(self) -> bool:
        """Whether a shape any program prints gave it (a ``generic`` rule or a user pattern),
        rather than one library's own format (its progress bar, its log line, its table)."""
        return self.rule in _GENERIC


class _Pattern:
    """A user pattern: groups ``key``/``value`` (and ``step``), or one group per metric."""

    __slots__ = ("has_step", "metrics", "regex")

    def __init__(self, pattern: str) -> None:
        from runlab.parsing.patterns import compile_pattern

        try:
            self.regex = compile_pattern(pattern)
        except ValueError as error:
            raise UsageError(str(error)) from None
        index = self.regex.groupindex
        self.has_step = "step" in index
        # None in key/value mode; else the groups that are each a metric of that name.
        self.metrics: tuple[str, ...] | None = None
        if "key" not in index:
            self.metrics = tuple(name for name in index if name != "step")

    def parse(self, line: str, taken: list[tuple[int, int]]) -> list[Found]:
        """The findings in the line as printed, but those of a value whose text another
        pattern took already (`taken`, spans), to which the spans of its own are added."""
        found: list[Found] = []
        for match in self.regex.finditer(line):
            step = None
            if self.has_step:
                text = match.group("step")
                number = None if text is None else parse_number(text)
                step = number if type(number) is int else None
            for key, group in self._groups(match):
                text = match.group(group)
                value = _pattern_value(text)
                if value is None or text is None:
                    continue
                start = match.start(group) + len(text) - len(text.lstrip())
                end = start + len(_number_text(text))  # (not the punctuation after it)
                if not any(
                        start < after and before < end for before, after in taken):
                    found.append((key, value, step))
                    taken.append((start, end))
        return found

    def _groups(self, match: re.Match[str]) -> list[tuple[str, str]]:
        """Each metric of a match: its key and the group of its value."""
        if self.metrics is not None:
            return [(name, name) for name in self.metrics]
        key = match.group("key")
        return [(key.strip(), "value")] if key is not None and key.strip() else []


# A value a user pattern read, as the built-in rules then see it: a number still, so that they
# read the rest of the line as printed (a dict's other values, a table's other columns, the
# pairs after it), but one no program prints, whose points are then dropped (padded with zeros
# to the width of the text it stands for, where that is wider: a table's columns keep their
# places).
_TAKEN = -9e99


def _taken_text(text: str) -> str:
    return "-9e" + "0" * (len(text) - 5) + "99"


def _taken(point: Point) -> bool:
    """Whether a built-in rule's point is its reading of a value a user pattern took."""
    return point.value == _TAKEN and point.rule != _CUSTOM


def _take(line: str, spans: list[tuple[int, int]]) -> str:
    """The line with the text of each span (values the patterns read) as `_taken_text`."""
    parts = []
    at = 0
    for start, end in sorted(spans):
        parts += [line[at:start], _taken_text(line[start:end])]
        at = end
    parts.append(line[at:])
    return "".join(parts)


def _pattern_value(text: str | None) -> float | None:
    """The number a pattern's group holds (`0.41`, `87.2%`, `0.41,`: trailing punctuation is
    the line's, not the value's; `0,41`, a decimal comma), else None."""
    if text is None:
        return None
    number = parse_number(_number_text(text))
    return number if number is not None or "," not in text else comma_number(text)


def _number_text(text: str) -> str:
    """A group's text without the spaces around it, and without punctuation after the number
    when that is what keeps it from being one."""
    text = text.strip()
    if parse_number(text) is None:
        return text.rstrip(",;:)]}%").strip()
    return text


class MetricParser:
    """Find metric points in a run's output lines, in order.

    ``patterns`` are user regexes, applied first; ``disabled`` names built-in rules to skip.
    A pattern that does not compile or has no named group, or an unknown rule name, raises
    ``UsageError``. Keeps step state across lines: use one parser per run.

    Some points are held back until their step is known or final: Keras' bar until its step
    moves on, a bar's point until the next redraw, a line's points until the progress bar
    that gives their step is drawn again. At the end of the output, after the last
    ``parse_lines``, call ``flush()`` once and record what it returns too.
    """

    def __init__(self, patterns: Sequence[str] = (), disabled: Collection[str] = ()) -> None:
        known = {rule.name for rule in RULES}
        unknown = sorted(set(disabled) - known)
        if unknown:
            raise UsageError(
                f"unknown metric rule {', '.join(map(repr, unknown))}; "
                f"the rules are {', '.join(rule.name for rule in RULES)}"
            )
        self._patterns = [_Pattern(pattern) for pattern in patterns]
        rules = [rule for rule in RULES if rule.name not in disabled]
        # Unpacked once: this loop runs for every line of output.
        self._plan = tuple(
            (r.triggers, r.starts, r.parse, (1 + r.ends_step) if r.sets_step else 0, r.final,
             r.redraws, r.rows, r.noise, r.bar, r.counts, r.name)
            for r in rules
        )
        # 1 when JSON over several lines is read; 0 when not, or while lines that turned out
        # not to be JSON are read again (each line is read again at most once).
        self._blocks = int("json" in {r.name for r in rules})
        # Whether a Python dict printed over several lines (pprint's) is read when it closes.
        self._pprint = "python_dict" in {r.name for r in rules}
        # `val loss 3.91` alone on a line holds no trigger: read where such lines stop.
        self._alone = parse_alone if "name_value" in {r.name for r in rules} else None
        # Which rules a line asks for, found in one pass: each trigger stands for the rules
        # (one bit each, in the table's order) of every trigger it holds (`tol=` holds `=`),
        # and one regex finds the longest trigger at each position of the line; the rules a
        # line's first character asks for are added. A line then walks only its rules.
        triggers = sorted({t for rule in rules for t in rule.triggers}, key=len)
        own = {t: sum(1 << i for i, rule in enumerate(rules) if t in rule.triggers)
               for t in triggers}
        self._asks = {t: _or(own[u] for u in triggers if u in t) for t in triggers}
        self._find_triggers = re.compile(f"(?=({_alternation(triggers, longest=True)}))").findall
        self._starts = "".join(sorted({c for rule in rules for c in rule.starts}))
        self._first_asks = {c: _or(1 << i for i, rule in enumerate(rules) if c in rule.starts)
                            for c in self._starts}
        # The fast path: a line that holds no trigger but `:` or `=` and starts with no
        # rule's first character can only be the key_value rule's (every other rule needs a
        # trigger of its own), so when nothing else is in play (no user pattern, no table, no
        # silenced lines) that rule alone reads it.
        special = sorted({t for rule in rules for t in rule.triggers} - {":", "="}, key=len)
        kv = next((r for r in rules if r.name == "key_value"), None)
        self._special = re.compile(_alternation(special)) if special else None
        self._key_value = kv.parse if kv is not None and kv.triggers == (":", "=") else None
        self._plans: dict[tuple[str, ...], _Plan] = {}
        # (the regex of a line shape, its keys, their plan, and whether its lines are read
        # before anything else is looked for: `_first_read`)
        self._shapes: dict[tuple[str, ...], _Shape | None] = {}
        self._shape: _Shape | None = None
        # The line `parse_lines` searched for a trigger other than `:` and `=`, and where the
        # first starts: `_read_line` looks for triggers from there, the same line scanned once
        # (before it, any trigger is `:` or `=`).
        self._scanned: tuple[str, int] = ("", 0)
        self._tail_asks: dict[str, int] = {}  # (`_read_line`: the rules a line's end asks for)
        self._current_step: int | None = None
        self._pinned: int | None = None  # the step a framework left the run at (`moved_to`)
        # The epoch of the latest `Epoch N` header (None after another header set the step),
        # the first epoch a position was counted from, and a position count with no epoch.
        self._header_epoch: int | None = None
        # An epoch header printed after the main bar's last drawing (Avalanche's `Epoch 0
        # ended.`): the lines after it are at its step, not the next drawing's.
        self._header_since_bar = False
        # The epoch header is the main bar's own description (`Epoch 2:  40%|...`): the lines
        # after its bar finished are at the step it reached, not at that epoch.
        self._header_on_bar = False
        self._first_epoch: int | None = None
        self._printed: dict[str, Point] = {}  # each key's latest point (`_once`)
        self._secret_keys: dict[str, bool] = {}  # whether a key names a secret (`_once`)
        self._rank_forms: set[str] = set()  # the prefixes in words that named rank 0
        self._host: str | None = None  # the host's name pdsh puts before lines (`_unhosted`)
        # and its values at its latest steps (`_once`: a history printed whole after its
        # curve, a table drawn again)
        self._earlier: dict[str, dict[int, float]] = {}
        self._earlier_due = 4_096  # (points until `_earlier` is bounded again)
        # The step and rule of a dict's record that started its keys' curves again (`_once`)
        self._fresh: tuple[int, str] | None = None
        # How far each key's frame rows are from their index, and the last index (`_once`)
        self._shifts: dict[str, tuple[int, int]] = {}
        self._frame = False  # the line before was a traceback's frame
        self._crash = ""  # in a crash's report that goes on over lines ("box", "group")
        self._said = ""  # the last line read
        self._said_above = ("", "")  # and the two before it (a rich Table's wrapped header)
        self._commas = 0  # what the lines said of a decimal comma (`0,482`; `decimal_commas`)
        self._ranked = False  # a line named rank 0 among its values (`rank=0 loss=0.9`)
        # The settings the program's own parser read (`ChannelReader.parsed`, kept up to date
        # by the recorder): a dict printed whole whose every value is one of them is no metric.
        self.settings: Mapping[str, tuple[str, Any]] = {}
        self._reading = ""  # the text being read (a dict's, printed over lines, whole)
        # Each key's unit as first read (`dt 950ms`: ms), in which its later values are given
        # (`dt 1.20s` is 1200); the line being read, and the values with a unit in it.
        self._units: dict[str, str] = {}
        self._unit_line = ""
        self._line_units: tuple[str, str, dict[float, list[tuple[int, str]]]] = ("", "", {})
        # By the epoch's length (an evaluation's positions, `step 4/4`, are another count): the
        # epoch and position last seen together, and whether the positions go on across an
        # epoch instead of starting again (`Step 3500/4500` after `Epoch 2 summary`: the run's
        # own count, not a place in the epoch); None while not known, False once they started
        # again.
        self._epoch_position: dict[int, tuple[int, int, bool | None]] = {}
        self._meter_base: int | None = None  # the first epoch a meter's line counts from
        # A finer step beside its epoch: (epoch, steps of the epochs before, its first step,
        # its last step, the printing interval, whether the step starts again each epoch)
        self._epoch_steps: tuple[int, int, int, int, int, bool] | None = None
        self._epoch_length = 1  # the length of the last epoch so counted
        # (count before this epoch, last position, the printing interval seen: 0 unknown)
        self._position: tuple[int, int, int] = (0, -1, 0)
        # A counter with its total that is the line's step (`step 3/3 loss 0.3`, no epoch
        # printed): its last count, and whether it went back after its total (positions since).
        self._counted_last = 0
        self._counted_positions = False
        # Each key's latest step and value on a line with a position (`_resolve`).
        self._positioned: dict[str, tuple[int, float]] = {}
        # Positions whose epoch's length is not printed: (their epoch, the count before it, the
        # furthest position in it).
        self._unsized: tuple[int | None, int, int] = (None, 0, 0)
        # The global step of the latest position printed with its epoch, in the current epoch
        # header's epoch: a line naming no step after it (`Validation Loss: 0.7` after `Epoch
        # [1/2], Step [4/4], ...`) is at the step the run reached, not at the epoch's number
        # (under a header line of its own, `Epoch 1` then `loss: 2.3  [64/640]`, a result is
        # the epoch's).
        self._position_done: int | None = None
        # The epoch of the latest line that gave a finer step beside its epoch (`Epoch 1 |
        # step 50 | ...`, `Epoch [1/3] Step [300/900] ...`) and that step; and the epoch the
        # main bar's description names (`Epoch 2:  40%|...`): a line after them that names
        # only that epoch (`Epoch 1 | val_loss 0.02`) is at the step the run reached in it, as
        # one naming no step is (`_epoch_reached`).
        self._epoch_steps_reached: tuple[int, int] | None = None
        self._bar_epoch: int | None = None
        self._whole = False  # records printed whole are read (`_printed_whole`)
        self._dict_epoch: int | None = None  # the epoch the latest dict named (`_resolve`)
        self._step_only = False  # whether the current step is a step-only line's
        self._counts: dict[str, int] = {}
        # Steps done, from the lines that give a step finer than the epoch (`step 250 | ...`):
        # the step of a line without one printed after them (llm.c's and build-nanogpt's
        # `val loss` before the next step's line); and 1 when that count starts at 0.
        self._done: int | None = None
        self._zero_based: int | None = None
        # The points of micro-step lines printed before any step, held for the first one.
        self._micro: list[Point] = []
        # Each key's latest point at a counted step (no step printed): its value, its rule and
        # that count (a report then its dict printed again: `_counted_again`).
        self._counted_last: dict[str, tuple[float, str, int]] = {}
        # Keras points not yet given out: key -> (point, the bar's counter).
        self._held: dict[str, tuple[Point, int | None]] = {}
        # The Keras bar drawn since the latest header: its counter, its total, and whether it
        # is an evaluation's (`_evaluated`).
        self._keras_bar: tuple[int, int, bool] | None = None
        # Progress bars: family -> [counters of its earlier runs, its last counter, its total,
        # shows metrics (0/1), still drawing (0/1), an interruption of another bar's run (0/1)];
        # the bars first drawn part-way through the main bar's run, and that bar's family; the
        # main bar's family and global step.
        self._bars: dict[str, list[int]] = {}
        # Each bar family's values each time it finished (its counter at its total).
        self._finished: dict[str, list[tuple[list[Found], list[int], str]]] = {}
        # (rich's rows of tasks that never show themselves finished: each's last drawing)
        self._rows_drawn: dict[str, dict[str, tuple[int, list[Found]]]] = {}
        # And the values a tqdm-like bar showed at its total, its latest runs' (a finished
        # run's row drawn again, under the next run's, is no drawing of the bar's).
        self._ran_rows: dict[str, list[list[Found]]] = {}
        self._inside: dict[str, str] = {}
        # The main bar when a line cleared it after its drawing, and its counter then.
        self._cleared: tuple[str, int] | None = None
        # A bar whose description changed as it ran on (Pyro's and NumPyro's `Warmup` then
        # `Sample`, its count going on): the new description's family -> the bar's first one.
        self._renamed: dict[str, str] = {}
        self._main = ""
        self._bar_step: int | None = None
        self._drawn = ""  # the family of the bar drawn on the line before
        self._global_steps = False  # whether a line of only a global step set the step
        self._counted_step: int | None = None  # the latest step of a bar that counted
        self._wiped = ""  # the family of a bar wiped out before it counted
        # The count the latest epoch bar with a total showed, as printed: the step of a Lightning bar
        # that never counts (`Training: |  | 0/? [..., train_loss=0.45]`) under a bar that does
        # (NeuralProphet's `Epoch 3:  30%|███ | 3/10`, drawn back to 0 between its epochs).
        self._counted: int | None = None
        # How a bar's counter maps to the step of the values it shows, fixed when it first
        # shows one: Lightning logs a batch's values at its index (counter - 1); a plain tqdm
        # loop that sets its postfix inside the loop body shows them before the counter moves
        # (first at 0: counter + 1); else the counter itself.
        self._lightning = False
        # Lightning's global step after the latest training step its bar showed (batches
        # stepped): the step its loggers give trainer.test() and validate() results.
        self._lightning_done: int | None = None
        # That step once a results table was read at it, until a bar shows values again.
        self._results_at: int | None = None
        self._shift: dict[str, int] = {}
        # Ignite's bar (`ahead`) shows a step's values at the counter before it, but the first
        # step of each bar (made at counter 1) at its own: the bars that have shown values since
        # they started again.
        self._ahead_shown: set[str] = set()
        # The last value each bar key showed, and the step it was given.
        self._shown: dict[str, float] = {}
        self._last_drawn: dict[str, int] = {}
        # Points of lines without a step, waiting for the main bar's next drawing; and the
        # step of the main bar's latest drawing when the first of them was printed on its line
        # (a plain print in the loop's body, before the bar counts again; tqdm.write clears the
        # bar first).
        self._waiting: list[Point] = []
        self._printed_on: int | None = None
        self._rows: Callable[[str], list[Found]] | None = None
        self._rows_rule = ""
        # The latest table whose rows stopped, and its rule: a later row continues it.
        self._table: tuple[Callable[[str], list[Found]], str] | None = None
        # A bar that may wrap its metrics onto the next line (rich): its step and rule.
        self._wrap: tuple[int, str, str] | None = None
        self._silenced = 0
        # The lines of a JSON value printed over several lines, and its closing line (_PPRINT:
        # a Python dict's, pprint's, whose last line ends with the brace that balances).
        self._block: list[str] | None = None
        self._block_end = ""
        self._depth = 0  # how many of a pprint dict's braces are open
        # A measure's name alone before a colon, whose value is alone on the next line.
        self._label: str | None = None
        # The heading a block of `name: value` lines is under (`_sectioned`), as a line's head,
        # and the block's indentation (-1 before its first line).
        self._section: str | None = None
        self._section_indent = -1
        self._section_things = False  # a measure's heading: its lines name things, not measures
        self._section_bullet = False  # the block's lines are a list's items (`- loss: 0.4`)
        # The heading this very line ended, whose table it may be (`===== TEST =====` over a
        # classification report)
        self._section_ended: str | None = None
        self._ray_ranks: dict[str, str] = {}  # a Ray worker's process id -> its rank
        self._trial_actors: set[str] = set()  # Ray actors whose lines are trials' (`trials`)
        self._after_settings = False  # the heading just read ended a block of settings
        # The names of a line that may head a frame a column a thing (`frame_columns`).
        self._columns: list[str] | None = None
        self._above = ""  # (the line they are on: it may group a frame's columns)
        # After a RichHandler line: its message's column, the column's width, the message's
        # step, what its line left for the next (`_carried`) and whether that is a folded
        # word's piece not read yet (`_continued`).
        self._rich_log: tuple[int, int, int | None, str, bool] | None = None
        # The user patterns' findings of the line being read.
        self._custom: list[tuple[str, list[Found], bool]] = []
        names = {rule.name for rule in rules}
        self._labels = "key_value" in names and not self._patterns
        self._records = "python_dict" in names

    @property
    def current_step(self) -> int | None:
        """The step set by the latest header line, if any."""
        return self._current_step

    def parse_lines(self, lines: Iterable[str]) -> list[Point]:
        """Parse lines in order; return all their points (what `parse_line` gives, faster)."""
        points: list[Point] = []
        key_value, special = self._key_value, self._special
        if key_value is None or special is None or self._patterns:
            for line in lines:
                points.extend(self._parse_one(line))
            return self._once(points)
        search = special.search
        starts = self._starts
        shape = self._shape  # the regex, keys and plan of the latest repeated line shape
        for line in lines:
            raw = self._unit_line = line
            if shape is not None and shape[3] and line.isascii() and (
                    self._rows is None and self._block is None and self._label is None
                    and self._section is None and self._columns is None and not self._crash
                    and self._rich_log is None and not self._silenced and self._main == ""):
                # A line of the shape learned, read before anything else is looked for: the
                # shape's text passed every look below unchanged, and numbers change none
                match = shape[0].fullmatch(line)
                said = self._said
                if match is not None and (line == said or line[-16:] != said[-16:]):
                    self._said = line  # (as `_twice`, which it cannot be)
                    self._resolve_plan(shape[2], match.groups(), points, shape[4])
                    continue
            if _unplain(line):
                line = _plain(line)
            if line[:1].isalpha() and (colon := line.find(": ", 1, 80)) > 0 and (
                    line[colon - 1].isdigit()):
                line = self._unhosted(line)
            if _launched(line) and (launched := _LAUNCHER.match(line)) is not None and (
                    (rank := self._prefix_rank(launched)) is not None):
                if rank.strip("0"):
                    continue  # another rank's
                line = line[launched.end() :]
                if "world_rank=" in line:
                    self._ray_worker(line)
            if "RANK " in line and _other_rank(line) or "ank" in line and self._other_process(line):
                continue
            if (self._crash or line[:1] in _CRASH_STARTS) and self._crashed(line):
                continue
            if self._twice(line):
                continue
            if self._rich_log is not None or ".py:" in line:
                points.extend(self._continued(line))
                continue
            if line.startswith(_LEVELS):
                line = _unprefixed(line)
            if line[:5] == '[1] "':  # (as `_parse_message`)
                line = _r_printed(line)
            if "/global_step=" in line:  # (as `_parse_message`)
                line = _DS_COUNTERS.sub("", line, count=1)
            if "] collection=" in line:  # (as `_parse_message`)
                line = _CLU_COLLECTION.sub(r"\1\2: ", line, count=1)
            if self._section is not None or self._labels and line and (
                    line[-1:] in ":*=-#]" or line.endswith(_HEADING_ENDS)
                    or line[:1] == "[" and _phase_epoch(line)):
                line = self._sectioned(line)
            if (self._label is not None or line[-1:] == ":") and self._labels and self._labelled(
                    line, points):
                continue
            if "," in line:  # (`_numbers_plain`, inline: every line)
                line = self._decimal_commas(line)
            line = numbers_plain(line)
            if " --> " in line or "[Parallel(" in line or "-- score: " in line or (
                    "poch " in line or "tep " in line or "ter " in line or "tion " in line) and (
                    counted_pieces(line) is not None):  # (`epoch 1: loss 1.4 | epoch 2: ...`)
                pieces = self._pieces(line)
                if pieces is not None:
                    points.extend(pieces)
                    continue
            if self._block is not None:
                points.extend(self._feed_block(line))
                continue
            if self._rows is None and not self._silenced and self._main == "" and (
                    self._columns is None):
                if shape is not None:
                    match = shape[0].fullmatch(line)
                    if match is not None:  # the same line as before, but for its values
                        self._resolve_plan(shape[2], match.groups(), points, shape[4])
                        continue
                # (A line left open at a comma or a parenthesis may start a repr over several
                # lines.)
                special_at = search(line)
                if special_at is not None:
                    self._scanned = (line, special_at.start())
                elif (line.lstrip()[:1] not in starts and line[-1:] != ","
                        and line[-1:] != "(" and line[-1:] != ":"):
                    if self._frame or line[:8] == '  File "':
                        # a traceback's frame and its source line (`_parse_line`)
                        points.extend(self._parse_headed(line))
                        continue
                    pairs = key_value_pairs(line) if ":" in line or "=" in line else None
                    if pairs and ("esum" in line or "estor" in line or "oad" in line) and (
                            self._resumed(line, points)):
                        continue  # (as `_read_line`)
                    if pairs:
                        if self.settings and len(pairs) > 1 and all(
                                key.replace("-", "_") in self.settings for key, _, _ in pairs):
                            # (the program's settings echoed, `kl_weight=0.1 seed=0`: `_dumped`;
                            # its shape not learned, so that each echo comes here)
                            self._reading = line
                            if self._dumped(("key_value", key_value(line), False), ()):
                                continue
                        shape = self._learn(line, pairs, raw == line) or shape
                        self._resolve_pairs(pairs, points)
                    else:  # (`val mAP@0.5:0.95 0.402`: a colon in its name)
                        alone = self._alone(line) if _ends_number(line) and (
                            self._alone is not None) else None
                        if alone:
                            self._resolve([("name_value", alone, False)], points)
                        elif pairs is None and line[:2] == "  ":
                            # (as _parse_headed: `  resnet18  resnet50`)
                            self._columns, self._above = frame_columns(line), line
                    continue  # no trigger at all: no metric
            points.extend(self._parse_headed(line))
        self._shape = shape
        return self._once(points)

    def _learn(self, line: str, pairs: list[tuple[str, str, str]], as_printed: bool
               ) -> _Shape | None:
        """The shape regex for lines like this one, made the second time its keys come
        (`as_printed`: the line was read as printed, nothing in it rewritten)."""
        if len(pairs) > _SHAPE_PAIRS:
            return None
        keys = tuple([pair[0] for pair in pairs])
        if keys in self._shapes:
            entry = self._shapes[keys]
            if entry is None:
                shape = line_shape(line)
                if shape is None:  # a line read whole, not pair by pair
                    return None
                entry = self._shapes[keys] = (shape, keys, self._plan_for(keys),
                                              as_printed and _first_read(line)
                                              and not shape.pattern.startswith(
                                                  ("(?P<", "(?=(?P<")),
                                              bool(units_of(line)))
            return entry
        if len(self._shapes) > 256:  # ever-new shapes: stay bounded
            self._shapes.clear()
        self._shapes[keys] = None  # seen once
        return None

    def flush(self) -> list[Point]:
        """Give out the points still held back; call it once, at the end."""
        return self._once(self._flushed())

    def _flushed(self) -> list[Point]:
        points: list[Point] = []
        rich_log, self._rich_log = self._rich_log, None
        if rich_log is not None and rich_log[4]:  # (the output ended with a folded word)
            points, _ = self._message_at(rich_log[3], rich_log[2])
        block, self._block = self._block, None
        for held in block[1:] if block else ():  # output ended inside what looked like JSON
            points += self._parse_line(held, read=True)
        points += self._release_held()
        micro, self._micro = self._micro, []
        for point in micro:  # (no step was printed: each key's count, as any line's)
            point.step = self._counts.get(point.key, 0)
            self._counts[point.key] = point.step + 1
        points += micro
        if self._wiped:
            points += self._close_wiped()
        main = self._bars.get(self._main)
        if main is not None and not (main[0] or main[1]):
            # (a bar that never counted, a quick evaluation's after the last epoch's training
            # bar: the lines after it are at the step that bar last drew)
            points += self._give_waiting(self._counted_step)
        if self._waiting and (ran := self._cleared_at_total()) is not None:
            points += self._give_waiting(ran)
        points += self._give_waiting(self._bar_step)
        return points

    def _close_wiped(self) -> list[Point]:
        """The bar wiped out before it counted was closed, not cleared for a print: it showed
        no step, and the lines printed since are at the header's step (attention-is-all-you-
        need's `  - (Training)   ppl: 51.83` after its wiped bar, under `[ Epoch 1 ]`)."""
        wiped, self._wiped = self._wiped, ""
        if any(state[0] or state[1] for family, state in self._bars.items() if family != wiped):
            # another bar counts: a quick evaluation's bar, wiped, under a training bar whose
            # steps the lines take as before
            return []
        self._bars.pop(wiped, None)
        self._inside.pop(wiped, None)
        self._shift.pop(wiped, None)
        self._ahead_shown.discard(wiped)
        if self._main == wiped:
            self._main = ""
        return self._give_waiting(self._current_step) if self._waiting else []

    def pending(self) -> list[Point]:
        """The points held back now, not yet given out (their steps may still change)."""
        return [point for point in (*(point for point, _ in self._held.values()), *self._waiting,
                                    *self._micro)
                if not (self._patterns and _taken(point))]

    def _release_held(self) -> list[Point]:
        points = [point for point, _ in self._held.values()]
        self._held.clear()
        for point in points:
            self._counts[point.key] = self._counts.get(point.key, 0) + 1
        return points

    def parse_line(self, line: str) -> list[Point]:
        """Parse the next line of output; return its points (usually none)."""
        return self._once(self._parse_one(line))

    def _row_step(self, row: list[Found]) -> None:
        """A library table's row at its own step (fastai's `0  0.577  0.228 ...`, epoch 0) is
        where the run is: the lines after it that name no step are at it (a callback's print
        after fastai's row), not at a bar's header drawn before it (`Epoch 1/6 :`)."""
        # (the furthest: a history the other way round holds a step a column)
        step = max((step for _, _, step in row if step is not None), default=None)
        if step is not None and step != self._current_step:
            self._current_step, self._header_epoch, self._position_done = step, None, None

    def _row_own(self, row: list[Found]) -> list[tuple[str, list[Found], bool]]:
        """`_own`, on a table's row: a value with no step of its own at the row's."""
        step = next((step for _, _, step in row if step is not None), None)
        return [(rule, [(key, value, step if at is None else at) for key, value, at in findings],
                 redraws) for rule, findings, redraws in self._own()]

    def _own(self) -> list[tuple[str, list[Found], bool]]:
        """The user patterns' findings of the line being read, taken once."""
        custom, self._custom = self._custom, []
        return custom

    def _once(self, points: list[Point]) -> list[Point]:
        """The points but a print again of a key's value at the step it is at, in another
        shape than `key: value` (a results table then `print(results)`; a bar's `0.8251`, then
        `0.8251492`): one point. To the coarser print's digits, when it has three significant
        ones at the least, else exactly. The same shape again is another measurement
        (`Epoch 3, Acc: 1.00` a batch's). A dict's or a table's value is also one point with
        the value its key had at that step, however far back (a history printed whole after
        its curve, a table drawn again)."""
        if not points:
            return points
        if self._patterns:  # (the built-in rules' reading of a value a pattern took: none)
            points = [point for point in points if not _taken(point)]
        last = self._printed
        if len(last) > 10_000:  # ever-new keys: stay bounded
            last.clear()
        get, earlier = last.get, self._earlier
        self._earlier_due -= len(points)
        if self._earlier_due < 0:  # (each key's latest 256 steps, looked over once in a while)
            self._earlier_due = 4_096
            for steps in earlier.values():
                for old in list(steps)[: len(steps) - 256]:
                    del steps[old]
        kept: list[Point] | None = None
        secrets = self._secret_keys
        row_end = 0  # (where a history table's row ends)
        again: set[int] = set()  # (the points of its rows printed again)
        for i, point in enumerate(points):
            key, step = point.key, point.step
            secret = secrets.get(key)
            if secret is None:
                secret = secret_measure(key)
                if len(secrets) < 10_000:  # (ever-new keys: each checked, not kept)
                    secrets[key] = secret
            if secret:  # (a number printed under a secret's name, `db_password: 4711`)
                if kept is None:
                    kept = points[:i]
                continue
            if point.rule == "key_value":
                # (the shape most lines have, read fast: a print again of its value is in
                # another shape, a dict's, a table's, a bar's, which come less often)
                if step is not None:
                    steps = earlier.get(key) or self._earlier_steps(key)
                    steps[step] = point.value
                if kept is not None:
                    kept.append(point)
                continue
            if i < row_end and i in again:
                if kept is None:
                    kept = points[:i]
                continue
            if i >= row_end and point.rule in _HISTORIES and step is not None:
                row, between = _table_row(points, i)
                row_end = row[-1] + 1
                reprinted = self._reprinted([points[j] for j in row], between)
                if reprinted is not None:
                    again.update(j for j, same in zip(row, reprinted) if same)
                    if i in again:
                        if kept is None:
                            kept = points[:i]
                        continue
            if point.rule == "frame" and step is not None and (
                    (shifted := self._frame_step(key, point.value, step)) != step):
                point, step = Point(key, point.value, shifted, point.rule), shifted
                if kept is None:
                    kept = points[:i]
            seen = get(key)
            fresh = point.rule in _RECORDS and step is not None and self._started_again(
                point, seen)
            if seen is not None and seen.step == step and seen.rule != point.rule and (
                    _one_print(seen.value, point.value)) or point.rule in _REPRINTS and (
                        step is not None and not fresh and _reprint(
                            earlier.get(key, {}).get(step), point.value)):
                if kept is None:
                    kept = points[:i]
                continue
            if step is not None:
                steps = earlier.get(key) or self._earlier_steps(key)
                steps[step] = point.value
            last[key] = point
            if kept is not None:
                kept.append(point)
        return points if kept is None else kept

    def _reprinted(self, row: list[Point], between: dict[tuple[str, int], float]
                   ) -> list[bool] | None:
        """Which values of a history table's row are its curves printed again, where two at
        the least are: each of those the one its key had at the row's step, or at the row's
        index past the step the curve started at (a frame's index from 0, `df.tail(1)`, after
        Keras' `Epoch 1/3` ...), to the row's printed digits (`df.round(2)`); a column of no
        curve beside them (`Val F1`) is new. None where the row is no curve printed again.
        `between`: the points given out among the row's (Keras' last epoch's, held until
        then)."""
        step = row[0].step
        if len(row) < 2 or step is None:
            return None
        curves = [self._earlier.get(point.key) or self._curve_alike(point.key) for point in row]
        if sum(map(bool, curves)) < 2:
            return None
        first = min(next(iter(curve)) for curve in curves if curve)  # (the earliest step kept)
        for shift in (0, first) if first > 0 else (0,):
            earlier = [between.get((point.key, step + shift), curve.get(step + shift))
                       for curve, point in zip(curves, row)]
            if sum(value is not None for value in earlier) >= 2 and all(
                    _rounded(value, point.value) for value, point in zip(earlier, row)
                    if value is not None):
                return [value is not None for value in earlier]
        return None

    def _started_again(self, point: Point, seen: Point | None) -> bool:
        """Whether a dict's value starts its key's curve again (a later fold's, a later
        phase's, `{'epoch': 1, 'train_loss': 0.71, 'val_acc': 0.75}` after fold 1's epochs):
        back at an earlier step than its key's latest, another value than its key's there (a
        curve printed again has each), or after such a value of its record's (the record's
        values at that step, in order). Its key's values from that step on are then the
        earlier curve's, no longer what a print again is compared with."""
        step, curve = point.step, self._earlier.get(point.key)
        if self._fresh != (step, point.rule):
            earlier = None if curve is None else curve.get(step)
            self._fresh = (step, point.rule) if seen is not None and seen.step > step and (
                earlier is not None and not _reprint(earlier, point.value)) else None
            if self._fresh is None:
                return False
        if curve:
            for old in [old for old in curve if old >= step]:
                del curve[old]
        return True

    def _curve_alike(self, key: str) -> dict[int, float]:
        """The steps of a key the table's column names otherwise spelt (`Train_Loss` is the
        curve printed as `train_loss`: a rich `Table` of the history after its lines), or
        none."""
        folded = key.lower().replace("-", "_")
        return next((steps for name, steps in self._earlier.items()
                     if name.lower().replace("-", "_") == folded), {})

    def _earlier_steps(self, key: str) -> dict[int, float]:
        """A new key's steps in `_earlier`, bounded: 256 keys (the oldest key's give way), each
        of its latest 256 steps every 4,096 points."""
        earlier = self._earlier
        if len(earlier) >= 256:
            del earlier[next(iter(earlier))]
        steps: dict[int, float] = {}
        earlier[key] = steps
        return steps

    def _prefix_rank(self, launched: re.Match[str]) -> str | None:
        """The rank a line's prefix names (`_rank`); None when it is no process's prefix: a
        rank the program puts before its lines in words (`rank 1 | ...`, `Rank 1: ...`, `GPU
        1: ...`) is a process's once that form has named rank 0, so that a leaderboard's
        `Rank 1: team-a accuracy: 0.91`, or a sweep's `rank 4: val_loss 0.31` (LoRA's), is
        read as a line of its own."""
        rank = self._rank(launched)
        group = launched.lastindex or 0
        if group < _PROGRAM_RANKS or group in _PROCESS_RANKS:
            return rank
        form = launched.string[: launched.start(group)].lower()
        if not rank.strip("0"):
            self._rank_forms.add(form)
            return rank
        if form in self._rank_forms or _COUNTER_AFTER.match(launched.string, launched.end()) or (
                form in ("[rank", "[rank ", "[rank: ", "rank") and rank in _FIRST_RANKS):
            # (another process's, though it printed before rank 0: `[rank1] loss 7.6`, `rank1
            # loss 7.6` are no leaderboard's `Rank 1: team-a ...`)
            return rank
        return None

    def _unhosted(self, line: str) -> str:
        """A line without the host's name pdsh puts before it (DeepSpeed's runner on several
        nodes, `worker-0: step 10 loss 0.69`): a node's name (`worker-0: `, `gpu-node-01: `)
        before a log line's time (`worker-0: [2026-12-07 10:00:10,123] ...`) or a counter; then
        that name before any line (the first node's: another's lines are another rank's). Not a
        label's (`fold-1: step 10 loss 0.3`, `fold-1: [INFO] ...`), nor a pair's (`val-acc1:
        0.9`)."""
        hosted = _HOST.match(line)
        if hosted is None:
            return line
        host, rest = hosted.group(1), line[hosted.end() :]
        if self._host is None:
            if _HOST_NAME.search(host) is None or (
                    _LOGGED_AT.match(rest) is None and _COUNTER_AFTER.match(rest) is None):
                return line
            self._host = host
        # (another node's lines are left as they are: another rank's, as `worker-1/loss`)
        return rest if host == self._host else line

    def _other_process(self, line: str) -> bool:
        """Whether a line names first among its values a rank that is not 0 (`_VALUE_RANK`),
        once a line named rank 0 so."""
        named = _VALUE_RANK.match(line)
        if named is None:
            return False
        if int(named[1]) == 0:
            self._ranked = True
            return False
        return self._ranked

    def _rank(self, launched: re.Match[str]) -> str:
        """The rank a launcher's (or a program's) prefix names ("" when it names none); a Ray
        worker's, the one its controller named for its process."""
        worker = launched.group("worker")
        if worker is not None:  # (multiprocessing's `Process-1`, the first)
            return str(int(worker) - 1)
        pid = launched.group("pid")
        if pid is not None:
            if launched.group("actor") in self._trial_actors:
                return "trial"  # (a search's trial's line, however late Ray forwards it)
            return self._ray_ranks.get(pid, "")
        return next((rank for rank in launched.groups() if rank is not None), "")

    def trials(self, actors: Iterable[str]) -> None:
        """The lines Ray forwards from these actors (`(train_fn pid=1234) epoch 2 loss=0.04`)
        are a search's trials', not the run's (Ray Tune's, as its hook names them)."""
        self._trial_actors.update(actors)

    def _ray_worker(self, line: str) -> None:
        worker = _RAY_WORKER_RANK.search(line)
        if worker is not None and len(self._ray_ranks) < 4096:
            self._ray_ranks[worker.group(1)] = worker.group(2)

    def _parse_one(self, line: str) -> list[Point]:
        self._unit_line = line
        if _unplain(line) and not self._patterns:
            line = _plain(line)
        if line[:1].isalpha() and (colon := line.find(": ", 1, 80)) > 0 and (
                line[colon - 1].isdigit()):
            line = self._unhosted(line)
        if _launched(line) and (launched := _LAUNCHER.match(line)) is not None and (
                (rank := self._prefix_rank(launched)) is not None):
            if rank.strip("0"):
                return []  # another rank's
            line = line[launched.end() :]
            if "world_rank=" in line:
                self._ray_worker(line)
        if "RANK " in line and _other_rank(line) or "ank" in line and self._other_process(line):
            return []
        if (self._crash or line[:1] in _CRASH_STARTS) and self._crashed(line):
            return []
        if self._twice(line):
            return []
        if self._rich_log is not None or ".py:" in line:
            return self._continued(line)
        return self._parse_message(line)

    def _twice(self, line: str) -> bool:
        """Whether a line is one log call printed again by a second handler in another format:
        the logger's own and the root's it propagates to, `INFO:train:epoch 1: acc=0.81` and
        `epoch 1: acc=0.81`, one after the other (the same line twice is two prints)."""
        said, self._said = self._said, line
        self._said_above = (self._said_above[1], said)
        if line == said or line[-16:] != said[-16:] or not line.strip():
            return False  # (most lines: unlike the one before, no message looked for)
        text, before = _logged(line), _logged(said)
        if text != before:
            return False
        # (prefixes of two shapes, two handlers' formats; one handler's lines a second apart,
        # `12:00:01 ... reward: 500` then `12:00:02 ... reward: 500`, are two)
        return _DIGITS.sub("0", line[: len(line) - len(text)]) != _DIGITS.sub(
            "0", said[: len(said) - len(text)])

    def _crashed(self, line: str) -> bool:
        """Whether a line is part of a crash's report, no output of the run's: rich's
        traceback box (`╭── Traceback (most recent call last) ──╮` to `╰──╯`, its frames' locals,
        `│ lr = 0.01 │`, inside), an exception group's (`  + Exception Group Traceback ...`,
        then its `  | ` and `  +-+--` lines), faulthandler's `Extension modules: ... (total:
        13)`."""
        if self._crash == "box":
            if line[:1] == "╰":
                self._crash = ""
            return True
        if self._crash == "group":
            if _EXCEPTION_GROUP_LINE.match(line):
                return True
            self._crash = ""
        if line[:4] != "  + " and line[:1] == " ":
            return False
        if line[:1] == "╭" and "Traceback" in line:
            self._crash = "box"
            return True
        if line[:4] == "  + " and "Exception Group Traceback" in line:
            self._crash = "group"
            return True
        return line.startswith("Extension modules: ")

    def _continued(self, line: str) -> list[Point]:
        """A RichHandler line, or the next line: where that goes on with the message above
        it (`           val_f1=0.60` under `INFO  Validation: epoch 1 val_loss=0.90  x.py:19`),
        its points are at the message's step. rich wraps a message at a space, and folds a
        word longer than its column, a line a piece: a name left without its value (`... |
        train_acc`, `- val_loss:`, `acc=`) is read with the next line, and so is the bar
        that ends a line (its next clause one of the message's), and a folded piece (`acc=0`
        then `.4132`) is read once its word is whole."""
        rich_log, self._rich_log = self._rich_log, None
        points: list[Point] = []
        if rich_log is not None:
            column, width, step, carried, held = rich_log
            if held and len(line) > column and not line.strip():
                line = line[:column] + " "  # (a folded word's last piece: its space)
            if line[column : column + 1].strip() and not line[:column].strip() and (
                    _RICH_SOURCE.search(line) is None) or held and line[column:] == " ":
                part = line[column:].rstrip()
                if held and _NAME_PIECE.fullmatch(carried.rpartition(" ")[2]) and (
                        _NUMERIC.fullmatch(part.partition(" ")[0])):
                    part = " " + part  # a whole name, as wide as the column, then its value
                if len(part) == width and " " not in part:  # a folded word's piece
                    self._rich_log = (column, width, step, carried + part, True)
                    return points
                if carried.rstrip()[-1:] not in ("", "|"):
                    # a name left for this line heads nothing: no section, label or
                    # settings of the line it ended
                    self._section, self._label = None, None
                    if self._rows_rule == "repr":
                        self._rows = None
                text = carried + part
                end, carry = _carried(text)
                if text[:end].strip(" |"):  # (what is left for the next line waits for it)
                    points, step = self._message_at(text[:end], step)
                # (a third line may go on with it)
                self._rich_log = (column, width, step, carry, False)
                return points
            if held:  # the message ended with a folded word: whole now
                points, _ = self._message_at(carried, step)
        source = _RICH_SOURCE.search(line)
        if source is not None and line[source.start() + 1] != " " and _RICH_LOG.match(
                line) is None:
            source = None  # (one space before it: a message's own `see train.py:14`)
        # (the source column is no part of the message's last clause: `lr 1.0e-04   x.py:8`;
        # one space only where the message fills its column)
        text = line if source is None else line[: source.start()]
        head = _RICH_LOG.match(line) if source is not None else None
        if head is None or source is None:
            return points + self._parse_message(text)
        # (the message's column ends a space before the source's)
        width = source.end() - len(source.group().lstrip()) - 1 - head.end()
        part = text[head.end() :].rstrip()
        if len(part) == width and " " not in part:  # a word folded from the first line on
            self._rich_log = (head.end(), width, self._current_step, text.rstrip(), True)
            return points
        found = self._parse_message(text)
        self._rich_log = (head.end(), width, found[-1].step if found else self._current_step,
                          _carried(part)[1], False)
        return points + found

    def _message_at(self, text: str, step: int | None) -> tuple[list[Point], int | None]:
        """The points of a part of a RichHandler message, at the message's step; and the
        message's step after it (a part that names its own: `step` then `10` under it)."""
        before = self._current_step
        self._current_step = step
        points = self._parse_message(text)
        if self._current_step == step:
            self._current_step = before
            return points, step
        return points, self._current_step

    def _parse_message(self, line: str) -> list[Point]:
        if line.startswith(_LEVELS):
            line = _unprefixed(line)
        if line[:5] == '[1] "':
            line = _r_printed(line)
        self._section_ended = None
        if "/global_step=" in line:
            line = _DS_COUNTERS.sub("", line, count=1)
        if "] collection=" in line:  # clu's `[8] collection=eval loss=2.3`: as `[8] eval: ...`
            line = _CLU_COLLECTION.sub(r"\1\2: ", line, count=1)
        if self._section is not None or self._labels and line and (
                line[-1:] in ":*=-#]" or line.endswith(_HEADING_ENDS)
                    or line[:1] == "[" and _phase_epoch(line)):
            line = self._sectioned(line)
        points: list[Point] = []
        if (self._label is not None or line[-1:] == ":") and self._labels and self._labelled(
                line, points):
            return points
        if not self._patterns:  # user patterns read the line as printed
            line = self._numbers_plain(line)
        if not self._patterns and (" --> " in line or "[Parallel(" in line or "-- score: " in line
                                   or counted_pieces(line) is not None):
            pieces = self._pieces(line)
            if pieces is not None:
                return pieces
        return self._parse_headed(line)

    def _numbers_plain(self, line: str) -> str:
        """The line with its numbers written plain (`numbers_plain`), a decimal comma as a
        point once a line showed the output prints them so, or three leaned that way, or where
        this one shows it (`decimal_commas`)."""
        if "," in line:
            line = self._decimal_commas(line)
        return numbers_plain(line)

    def _decimal_commas(self, line: str) -> str:
        """The line with a decimal comma as a point where the output showed it prints them so
        (`decimal_commas`)."""
        line, says = decimal_commas(line, self._commas > 2)
        self._commas += says  # (a set-up line's `seeds: 0,42` alone says little)
        return line

    def _parse_headed(self, line: str) -> list[Point]:
        """`_parse_line`, and whether the line may head a frame a column a thing, which its
        next line tells (`_parse_line` takes it up)."""
        if not self._patterns:  # (user patterns read the line as printed)
            line = _unwrapped(line)
        points = self._parse_line(line)
        if line[:2] == "  " and not points and self._rows is None:
            self._columns, self._above = frame_columns(line), line
        return points

    def _sectioned(self, line: str) -> str:
        """The line as read under the heading above it: a line of only `name: value` pairs
        that name measures under `Validation:` is read as `Validation: loss: 0.41`; a rule
        (`-----`) keeps the heading for the lines after it, any other line ends it (and may
        head the next), and so does a line less indented than the block's first."""
        section = self._section
        after_settings, self._after_settings = self._after_settings, False
        # (behind a log line's prefix, its message: the old run_glue's `... - INFO - __main__ -
        # ***** Eval results *****`, then `... -     loss = 0.4`; indented as it may be)
        text = message(line)
        if section is not None:
            pairs = _SECTION_PAIRS.fullmatch(text)
            indent = len(pairs.group(1).expandtabs()) if pairs is not None and text is line else 0
            # (under a measure's heading, its things: `Per-class accuracy:` then `  cat: 81%`)
            # (a list's items are the block: `- loss: 0.4`, not a line after it, `loss: 0.5`)
            bullet = text.lstrip()[:1] in _BULLETS
            if pairs is not None and indent >= self._section_indent and (
                    self._section_indent < 0 or bullet or not self._section_bullet) and all(
                    names_a_measure(name.replace(" ", "_")) or self._section_things
                    and name.lower() not in STEP_NAMES for name in _SECTION_NAMES.findall(text)):
                if self._section_indent < 0:
                    self._section_indent, self._section_bullet = indent, bullet
                return f"{section} {text.lstrip().lstrip(_BULLETS).lstrip()}"
            if _SECTION_RULE.fullmatch(text) is not None and self._section_indent < 0:
                return line
            self._section = None
            if self._section_indent < 0:
                self._section_ended = section
            if self._section_indent < 0 and text is line and self._rows is None:
                # a YAML configuration's `train:` section, `  lr: 0.01` under it: settings
                self._rows, self._rows_rule = yaml_settings(section, line,
                                                            after_settings), "repr"
        if text[-1:] == ":" and " - " in text and self._rows is None and len(text) <= 160:
            # a heading after the line's other clauses, Ignite's CIFAR10 example's `Epoch 1 -
            # Evaluation time (seconds): 0.07 - Train metrics:`, then `\tAccuracy: 0.66`
            text = text.rpartition(" - ")[2]
        if text[:1].isspace() or len(text) > 80 or text.count(" ") > 7 or (
                self._rows is not None and self._rows_rule != "classification_report"):
            # (not a heading: indented, a sentence, or a table's row; a report's rows end at
            # the next split's banner, `===== TEST =====` after `===== VAL =====`'s report)
            return line
        head = _SECTION_HEAD.fullmatch(text)
        if head is None:
            return line
        before, phase, label, after, colon = head.groups()
        self._section_indent, self._section_things = -1, False
        if phase is not None:
            self._section = f"[{phase}]"
            return line
        words = label.lower().split()
        if any(word in PHASES for word in words) and all(
                word in _HEADING_WORDS or word.isdigit() for word in words) and (
                colon or before and after or label.endswith(_HEADING_ENDS)):
            self._section = f"{label}:"
        elif colon and names_a_measure(label.replace(" ", "_")):
            self._section, self._section_things = f"{label}:", True
        return line

    def _labelled(self, line: str, points: list[Point]) -> bool:
        """Whether the line is the value of a name printed alone on the line before (pytorch-
        classification's `Best acc:` then `15.625`, geneticalgorithm2's ` Objective function:`
        then ` 0.0441`): its point goes to `points`. A line that is such a name is kept for
        the next one (and read as any other line too)."""
        label, self._label = self._label, None
        if label is not None:
            value = _LONE_VALUE.fullmatch(line)
            if value is not None and not value.group(1).lstrip("+-").isdigit():
                self._resolve([("key_value", [(label, to_number(value.group(1)), None)], False)],
                              points)
                return True
        if line[-1:] == ":" and len(line) <= 120:
            name = _LABEL_ALONE.fullmatch(line)
            if name is not None:
                key = name.group(1).replace(" ", "_")
                # (a measure's name: not `Price:`, `Input:`, `Enter a number:`)
                self._label = key if is_metric_key(key) and (
                    names_a_measure(key) or key.lower().startswith("objective")) else None
        return False

    def _pieces(self, line: str) -> list[Point] | None:
        """The points of a line that holds several prints, read piece by piece; else None."""
        pieces = glued(line) or counted_pieces(line)
        if pieces is None:
            return None
        return [point for piece in pieces for point in self._parse_line(piece)]

    def _parse_line(self, line: str, read: bool = False) -> list[Point]:
        """The points of a line; `read`: the user patterns have read it already (a part of
        it, or lines joined again)."""
        if read:  # (inside another line's reading: its patterns' findings wait for it)
            outer, self._custom = self._custom, []
            try:
                return self._read_line(line)
            finally:
                self._custom = outer
        custom: list[tuple[str, list[Found], bool]] = []
        if self._patterns:
            # Patterns first, on every line (a table's row, a bar's), each on the line as
            # printed, the first to read a value its owner: what they read is out of the
            # built-in rules' reach.
            taken: list[tuple[int, int]] = []
            for pattern in self._patterns:
                findings = pattern.parse(line, taken)
                if findings:
                    custom.append((_CUSTOM, findings, False))
            if taken:
                line = _take(line, taken)
            line = self._numbers_plain(line)
        self._custom = custom
        points = self._read_line(line)
        if self._custom:  # a line taken up by a block or a table: the patterns' points still
            points += self._resolve(self._custom, [])
            self._custom = []
        return points

    def _read_line(self, line: str) -> list[Point]:
        self._reading = line
        above = None  # (a line of names above this one: a frame's groups, `train  val`)
        if self._columns is not None:
            columns, self._columns, above = self._columns, None, self._above
            reader = transposed_rows(columns, line) if self._rows is None else None
            if reader is not None:  # a frame a column a model: its rows are read as a table's
                self._rows, self._rows_rule = reader, "frame"
        if self._drawn:
            family, self._drawn = self._drawn, ""
            state = self._bars.get(family)
            if line.isspace() and state is not None and not (state[0] or state[1] or state[3]):
                # A bar wiped out before it counted: cleared for a print (tqdm's `write`,
                # which draws it again straight after), or closed (`leave=False` on a loop
                # done within its first refresh), as the next drawing or header tells.
                self._wiped = family
                return []
            if line.isspace() and state is not None and family == self._main:
                # a bar that counted, cleared: closed (`leave=False`), or for a print (tqdm's
                # `write`, which draws it again at the same count)
                self._cleared = (family, state[1])
            if line[-16:] == _PADDED and family == self._main and not self._lightning and (
                    not line.isspace()) and "it/s" not in line and "s/it" not in line:
                # a status line drawn with the bar, padded to the terminal's width
                # (enlighten's `status_bar`, updated after the counter): that drawing's
                # values, not the next one's
                self._printed_on = self._bar_step
        elif line[-16:] == _PADDED and not self._bars and "0" in line and (
                ":" in line or "=" in line) and not any(digit in line for digit in "123456789"):
            return []  # such a status line drawn before any bar: its placeholders (`loss=0.0`)
        if self._block is not None:
            return self._feed_block(line)
        if line[:2] == "[{" and line[-2:] == "}]" and self._records and not self._patterns:
            records = python_records(line)
            if records:  # a history printed whole, a record an epoch
                return self._printed_whole(records, "python_dict")
        if line[-2:] == "]}" and self._records and not self._patterns and (
                line[:1] == "{" or _HISTORY_LABEL.match(line)):
            # (`print("history:", history)`: after a label too)
            records = python_history(line[line.index("{"):], self._reached())
            if records:  # a history printed whole, a list a measure
                return self._printed_whole(records, "python_dict")
        if line[-2:] == " {" and self._blocks > 0 and _PROTO_OPEN.fullmatch(line):
            self._block, self._block_end, self._depth = [line], _PROTO, 1
            return []
        if line[-1:] == "{" and self._blocks > 0 and (
                _LABELLED_OPEN.fullmatch(text := message(line)) or _WORDS_OPEN.fullmatch(text)):
            # `log.info("Test metrics: " + json.dumps(metrics, indent=2))`, Node's
            # `console.log("Test results", obj)`: read whole when it closes, as the same line
            # on one line
            self._block, self._block_end = [line], _LABELLED
            return []
        if line[-1:] in "{[" and self._blocks > 0 and line.strip() in ("{", "["):
            # A JSON value printed over several lines starts: read when it closes.
            self._block = [line]
            self._block_end = line[: len(line) - len(line.lstrip())] + (
                "}" if line.strip() == "{" else "]")
            return []
        if (line[-1:] == "," and line[:2] in ("{'", '{"') and self._pprint and self._blocks > 0
                and line.count("{") > line.count("}")):
            # pprint's dict over several lines, `{'epoch': 3.0,` then ` 'eval_loss': 0.41,`:
            # read whole when it closes
            self._block, self._block_end = [line], _PPRINT
            self._depth = line.count("{") - line.count("}")
            return []
        if (line[-1:] in ("(", ":", " ") or "onfig: " in line or "( # " in line) and (
                self._rows is None):
            # `CNN(`: a module's repr, its settings until it closes; `Params:`, the settings
            # indented under it
            settings = open_repr(line) if line[-1:] == "(" or "( # " in line else (
                open_settings(line))
            if settings is not None:
                self._rows, self._rows_rule = settings, "repr"
                return []
        if self._silenced:
            self._silenced -= 1
            return []
        if self._frame:
            self._frame = False
            if line[:4] == "    ":
                # a traceback frame's source line, never output (`    return
                # ops.mean(ops.abs(y_true - y_pred), axis=-1)` is no `axis`)
                return []
        if line[:8] == '  File "':
            self._frame = True  # (faulthandler's frames have no source line after them)
            return []
        if self._wrap is not None:
            wrapped_step, wrapped_rule, dangling = self._wrap
            self._wrap = None
            wrapped = read_wrapped(line, dangling)
            if wrapped is not None:  # the bar's metrics go on: part of the same drawing
                shown, dangling = wrapped
                self._wrap = (wrapped_step, wrapped_rule, dangling)
                out: list[Point] = []
                self._draw_values(shown, wrapped_step, wrapped_rule, out)
                if shown and self._lightning:  # (as `_draw`: a rich bar's values under it)
                    self._lightning_done = max(self._lightning_done or 0, wrapped_step + 1)
                return out
        if self._rows is not None:
            findings = self._rows(line)
            if findings and not findings[0][0] and "[" in line and _shows_values(line):
                # a bar drawn between a table's rows that shows values of its own (fastai's
                # `Epoch 1/3 : |██---| 6.67% [2/30 00:00<00:00... loss 1.8]` under its
                # header): read as any bar's, the table going on
                findings = []
            elif findings:
                if self._rows_rule == "lightning_results" and self._lightning_done is not None:
                    findings = [(key, value, self._lightning_done) for key, value, _ in findings]
                    # (the lines after it are at it, `print(trainer.test())`, not at a bar's)
                    self._row_step(findings)
                    self._header_since_bar = True
                    self._results_at = self._lightning_done
                if self._rows_rule in _HISTORIES:
                    findings = self._history_row(findings)
                if self._rows_rule == "table":
                    self._row_step(findings)
                    if len(findings) > 1 and findings[0][0] == findings[1][0]:
                        # a history the other way round (`df.T`): a value a step, each its own
                        stepped = self._resolve([*self._row_own(findings), (
                            self._rows_rule, findings[:1], False)], [])
                        for finding in findings[1:]:
                            self._resolve([(self._rows_rule, [finding], False)], stepped)
                        return stepped
                return self._resolve([*self._row_own(findings), (self._rows_rule, findings,
                                                                   False)], [])
            if self._rows_rule == "table":  # library tables with fixed shapes end for good
                self._table = (self._rows, self._rows_rule)
            self._rows = None
            if line[-1:] == "(" and (settings := open_repr(line)) is not None:
                # another repr straight after (`print(args)`, then `logger.info(f"Training/
                # evaluation parameters {args}")`)
                self._rows, self._rows_rule = settings, "repr"
                return []
            if self._rows_rule == "repr" and line[-1:] == ":" and self._labels:
                self._sectioned(line)  # (the heading that ends settings may head a phase's)
                self._after_settings = True
        elif self._table is not None and line.lstrip(" |")[:1].isdigit():
            # A row after other output (fastai draws its bars between the rows, a program its
            # notices, `saved checkpoint`): the table goes on.
            findings = self._table[0](line)
            if findings and findings[0][0]:
                self._rows, self._rows_rule = self._table
                findings = self._history_row(findings)
                self._row_step(findings)
                return self._resolve([*self._row_own(findings), (self._rows_rule, findings,
                                                                   False)], [])
        found = self._own()
        asks = self._asks
        scanned, start = self._scanned
        if scanned is not line:
            start = 0
        # The rules the triggers from `start` on ask for: a function of that text alone (a
        # trigger is looked for ahead of its position, never behind), kept for the next line
        # that ends the same way (prose printed again with another number before it).
        tail = line[start:]
        mask = self._tail_asks.get(tail, -1)
        if mask < 0:
            mask = 0
            for trigger in self._find_triggers(tail):
                mask |= asks[trigger]
            if len(tail) <= 240:  # (a line's end of a usual length: ever-new lines, bounded)
                if len(self._tail_asks) >= 4096:
                    self._tail_asks.clear()
                self._tail_asks[tail] = mask
        if start:  # (scanned by `parse_lines`: before it, any trigger is `:` or `=`)
            if line.find(":", 0, start) >= 0:
                mask |= asks[":"]
            if line.find("=", 0, start) >= 0:
                mask |= asks["="]
        first = line.lstrip()[:1]
        if first in self._first_asks:
            mask |= self._first_asks[first]
        if not mask:
            # Most output lines hold no metric; they stop here, before any rule runs.
            if not found and _ends_number(line) and self._alone is not None:
                alone = self._alone(line)
                if alone:
                    found.append(("name_value", alone, False))
            return self._resolve(found, []) if found else []
        released: list[Point] = []
        position: tuple[int, int, int | None] | None = None
        header: int | None = None  # the step a header on this very line set
        line_epoch: int | None = None  # the epoch a header on this very line names
        plan = self._plan
        pinned = self._pinned
        while mask:
            low = mask & -mask
            mask ^= low
            _, _, parse, sets_step, final, redraws, rows, noise, bar, counts, name = plan[
                low.bit_length() - 1]
            if bar is not None:
                drawn = bar(line)
                if drawn is None:
                    continue
                if pinned is not None and header is not None and 0 < drawn.total <= drawn.counter:
                    # a finished bar's epoch (rich's `Epoch 2/2 ━━━ 8/8`, its one frame in a
                    # pipe) drawn before a framework's end but read after it: the run stays
                    # at the step the framework left it
                    self._pinned = pinned
                # (what the user patterns read on a bar's line is drawn with it, at its step)
                drawn_too = [finding for rule, findings, _ in found if rule == _CUSTOM
                             for finding in findings if finding[2] is None]
                if drawn_too:
                    found = [(rule, [finding for finding in findings if finding[2] is not None], r)
                             if rule == _CUSTOM else (rule, findings, r)
                             for rule, findings, r in found]
                known = drawn.family in self._bars or drawn.family in self._renamed
                self._draw(drawn, name, released, drawn_too)
                if header is not None and self._main and self._drawn == self._main and (
                        known or any(key for key, _, _ in drawn.found)) and not drawn.lightning:
                    # (a bar that runs, not a line of an epoch's bar drawn once at its end;
                    # Lightning's epoch, which its bar's step counts on from, stays the lines')
                    self._header_on_bar = True
                    self._bar_epoch = self._header_epoch
                if drawn.rest:  # `...it/s]12/01 10:00 - INFO - epoch 0: {'accuracy': 0.4}`
                    waiting = len(self._waiting)
                    after = self._parse_line(drawn.rest, read=True)
                    # A print in the loop's body on the bar's line; a warning there (holding
                    # no metric) says nothing of the lines after it.
                    if ((after or len(self._waiting) > waiting) and drawn.family
                            and drawn.family == self._main):
                        self._printed_on = self._bar_step
                    released += after
                if final:
                    break
                continue
            findings = parse(line)
            if not findings:
                continue
            if counts and findings[0][0] == "step":  # the run's own count, not a position
                found.append((name, findings, False))
                if final:
                    break
                continue
            if counts and findings[0][0] == "position":
                rest = findings[1:]
                epoch = int(rest[0][1]) if rest and rest[0][0] == "epoch" else None
                if epoch is not None:
                    rest = rest[1:]
                if sets_step and epoch is not None:
                    # a meter's line (ProgressMeter's `Epoch: [2][10/500]`): the epochs before
                    # times its length, plus its position, is the step of the lines after it
                    # too; its epochs count from 0 (pytorch/examples', timm's, torchvision's:
                    # a first epoch of 1 or later is a resumed run's), but a ProgressMeter's
                    # copies' from 1 when the first one printed is 1 (SupContrast's)
                    if self._meter_base is None:
                        self._meter_base = 1 if epoch == 1 and name in _FROM_ONE else 0
                    header = (max(epoch - self._meter_base, 0) * (findings[0][2] or 0)
                              + int(findings[0][1]))
                    self._set_header("step", header, released)
                else:
                    if epoch is None and "poch" in line:
                        # the epoch the line names beside its position, `[iter 50/200] [epoch
                        # 2/3] loss 0.4`: the line's own, not the latest header's (a validation
                        # line after epoch 1, `[epoch 1/3] val_loss 0.5`, leaves the header at 1)
                        named = _EPOCH_BESIDE.search(line)
                        epoch = None if named is None else int(named[1])
                    position = (int(findings[0][1]), findings[0][2] or 0, epoch)
                if rest:  # a library's position rule reads its line's metrics too
                    found.append((name, rest, False))
                if final:
                    break
                continue
            if noise:
                self._silenced = max(int(findings[0][1]) - 1, 0)
                break
            if rows is not None:
                grouped = grouped_frame_rows(above, line) if above and name == "frame" else (
                    wrapped_table_rows(self._said_above, line) if name == "table" else None)
                self._rows, self._rows_rule = grouped or rows(line), name
                if self._section_ended is not None and name == "classification_report":
                    # a report right under a phase's heading, `===== TEST =====`: its keys
                    # under the heading's name (TEST/accuracy), as a block of pairs' would be
                    self._rows = _under(self._section_ended, self._rows)
            elif sets_step:
                metrics: list[Found] = []
                for key, value, step in findings:
                    if step is None:
                        metrics.append((key, value, None))
                        continue
                    if key == "epoch":
                        line_epoch = step
                        if self._global_steps:
                            continue
                    header = step
                    # (sets_step 2: the line ends its step, the lines after are the next's)
                    self._set_header(key, step + sets_step - 1, released)
                if sets_step == 2 and header is not None:
                    metrics = [(key, value, header) for key, value, _ in metrics]
                if metrics:
                    found.append((name, metrics, False))
            else:
                if name == "keras":
                    findings = self._evaluated(line, findings)
                found.append((name, findings, redraws))
            if final:
                break
        if ("esum" in line or "estor" in line or "oad" in line) and position is None and (
                header is None) and not self._patterns and self._resumed(line, released):
            return released
        if not found and not released and position is None and header is None and _ends_number(
                line) and self._alone is not None:
            # No rule read it, though one was asked: `val loss 3.91` as if no trigger were
            # in the line.
            alone = self._alone(line)
            if alone:
                found.append(("name_value", alone, False))
        if found:
            return self._resolve(found, released, position, header, line_epoch)
        return released

    def _resumed(self, line: str, released: list[Point]) -> bool:
        """Whether a line says the run resumed or a checkpoint was restored: its values are the
        checkpoint's said again, no new points (`Restored checkpoint from epoch 10
        (val_loss=0.5123)`), and the step it resumed from is the step of the lines after it, as
        after a line of only a step (`Resuming from step 5000`)."""
        at = _RESUMED_AT.match(message(line)) if "esum" in line else None
        if at is not None:
            self._step_header(int(at[1]), released)
            return True
        return "(" in line and "best" not in line.lower() and _RESTORED.fullmatch(
            message(line)) is not None  # (its values in parentheses)

    def _evaluated(self, line: str, findings: list[Found]) -> list[Found]:
        """A Keras bar's findings; an evaluation's results, `eval_accuracy`, ..., where the bar
        is drawn after the epoch's finished with no `Epoch N/M` above it (`model.evaluate`
        after the fit: `7/7 - 0s - accuracy: 0.55` after `5/5 - ...`, or its counter back to
        `1/7`), as the Keras hook names them, not the last epoch's training values."""
        count = _KERAS_COUNT.match(line)
        if count is None:
            return findings
        counter, total = int(count.group(1)), int(count.group(2))
        evaluating = False
        if self._keras_bar is not None:
            before, before_total, evaluating = self._keras_bar
            evaluating = evaluating or before >= before_total and (
                counter < before or total != before_total)
        self._keras_bar = (counter, total, evaluating)
        if not evaluating:
            return findings
        return [(f"eval_{key}" if key else key, value, at) for key, value, at in findings]

    def _stepless(self) -> int | None:
        """The step of a line that names none: the current one (a header's), but under an
        epoch header after its epoch's positions, the global step the latest reached."""
        if self._position_done is not None and (
                self._header_epoch is not None or self._current_step is None):
            return self._position_done
        return self._current_step

    def _set_header(self, key: str, step: int, released: list[Point]) -> None:
        """A header's step (`Epoch 3`, a meter's global step): the current step from this line
        on; the points held for the step before are given out into ``released``."""
        self._header_epoch = step if key == "epoch" else None
        self._header_on_bar = False
        self._position_done = None
        self._keras_bar = None
        self._header_since_bar = self._main != ""
        self._pinned = None
        self._results_at = None
        if step != self._current_step:
            if self._wiped:
                released += self._close_wiped()
            self._current_step = step
            released += self._release_held()

    def _history_row(self, row: list[Found]) -> list[Found]:
        """A history table's row without its NaN cells: not measured (validation every other
        epoch), no point (a `loss: nan` line's is one: training diverged)."""
        if any(value != value for _, value, _ in row):
            row = [found for found in row if found[1] == found[1]] or [CLAIM]
        return row

    def _frame_step(self, key: str, value: float, step: int) -> int:
        """The step of a frame's row (its index the step): its index, but the index plus the
        step where its key's curve starts when the frame prints that curve again (Keras'
        history, `print(pd.DataFrame(history.history))`, its index from 0, after the epochs'
        lines `Epoch 1/3`, ...): each value at the step it had, a reprint (`_once`). Its first
        row tells, with its value the curve's first; a row back at or before the last one
        starts another frame."""
        shifts = self._shifts
        shift, last = shifts.get(key, (0, -1))
        if step <= last:
            shift = 0
        if step == 0:
            steps = self._earlier.get(key)
            if steps and not _reprint(steps.get(0), value):
                first = min(steps)
                if first > 0 and _reprint(steps[first], value):
                    shift = first
        if len(shifts) > 10_000:  # (ever-new keys: stay bounded)
            shifts.clear()
        shifts[key] = (shift, step)
        return step + shift

    def _printed_whole(self, records: list[list[Found]], rule: str) -> list[Point]:
        """The points of records printed whole (a history's epochs, JSON's objects)."""
        points: list[Point] = []
        # (a history's records, several, move the run to none of their epochs: `_resolve`)
        self._whole = len(records) > 1
        for found in records:
            if found:
                self._resolve([(rule, found, False)], points)
        self._whole = False
        return points

    def _reached(self) -> int:
        """The furthest step the run has reached (0 before any)."""
        return max(self._done or 0, self._stepless() or 0)

    def _feed_block(self, line: str) -> list[Point]:
        """The next line of a JSON value printed over several lines: its points once it
        closes; its lines read one by one when it turns out not to be JSON."""
        block = self._block
        assert block is not None
        block.append(line)
        points: list[Point] = []
        if self._block_end == _PROTO and line[-1:] == "," and _INSPECT_LINE.match(line):
            # `val {`, then `  loss: 0.3,`: a Node object after its label (util.inspect puts a
            # comma after each entry but the last, protobuf's text none)
            self._block_end = _LABELLED
            return points
        if self._block_end == _PROTO:
            if len(block) <= _BLOCK_LINES and _PROTO_LINE.fullmatch(line.rstrip()):
                self._depth += line.endswith(" {") - (line.strip() == "}")
                if self._depth > 0:
                    return points  # the message goes on
                self._block = None
                return points  # a configuration: settings, no metrics
            block.insert(0, "")  # not such a message: its first line is read again too
        elif self._block_end == _PPRINT:
            if len(block) <= _BLOCK_LINES and line[:1] == " " and line.lstrip()[:1] in "'\"":
                self._depth += line.count("{") - line.count("}")
                if self._depth > 0 or line.rstrip()[-1:] != "}":
                    return points  # the dict goes on
                self._block = None
                return self._parse_line(" ".join(held.strip() for held in block), read=True)
            block.insert(0, "")  # not such a dict: its first line is read again too
        elif self._block_end == _LABELLED:
            if len(block) <= _BLOCK_LINES and line.rstrip() == "}":
                self._block = None
                return self._parse_line(" ".join(held.strip() for held in block), read=True)
            if len(block) <= _BLOCK_LINES and (_JSON_LINE.match(line) or _inspect_goes_on(block)):
                return points
        elif line.rstrip() == self._block_end:
            self._block = None
            text = "\n".join(block)
            # (`json.dumps(history, indent=2)`: a history, as on one line)
            records = json_records(text) if '": [' not in text else python_history(
                " ".join(held.strip() for held in block), self._reached()) or json_records(text)
            if records is not None:
                self._reading = text
                return self._printed_whole(records, "json")
            if self._pprint and all(held.lstrip()[:1] in "'{}[]" for held in block) or any(
                    _INSPECT_LINE.match(held) and held.lstrip()[:1] != "'" for held in block):
                # (or a Node object's: bare keys; quoted ones are pprint's, python_dict's)
                return self._parse_line(" ".join(held.strip() for held in block), read=True)
        elif len(block) <= _BLOCK_LINES and (_JSON_LINE.match(line) or _inspect_goes_on(block)):
            return points
        self._block = None
        blocks, self._blocks = self._blocks, 0
        try:
            for held in block[1:]:
                points += self._parse_line(held, read=True)
        finally:
            self._blocks = blocks
        return points

    def _draw(self, bar: Bar, rule: str, out: list[Point], custom: Sequence[Found] = ()
              ) -> None:
        """A progress bar drawn: its global step, and a point for each key it shows with a
        new value."""
        # (a value may be of a count the bar names, NumPyro's `avg. loss [301-400]: 166.97`
        # drawn at 457: of 400; counted on as the bar's counter is, below)
        metrics: list[Found] = [(key, value, None) for key, value, _ in bar.found if key]
        named = [item for item in bar.found if item[0] and item[2] is not None]
        if self._wiped:
            if bar.family not in self._bars:  # another bar starts: the wiped one was closed
                out += self._close_wiped()
            self._wiped = ""
        if bar.lightning:
            self._lightning = True
        renamed = bool(self._renamed) and bar.family in self._renamed
        if renamed:
            bar = replace(bar, family=self._renamed[bar.family])
        if bar.total and bar.family[:5].lower() == "epoch":
            self._counted = bar.counter
        percent = bar.family.endswith("|%")
        if (percent or not bar.total) and bar.label and rule == "rich_bar" and not bar.lightning:
            # a task's row drawn again as it was last drawn: rich redraws every task's row each
            # frame, and one of no total or with only its percentage never shows itself
            # finished (the row of the epoch before, above the running one): no drawing
            if bar.family not in self._rows_drawn and len(self._rows_drawn) > 64:
                self._rows_drawn.clear()  # (ever-new tasks: stay bounded)
            last_rows = self._rows_drawn.setdefault(bar.family, {})
            if last_rows.get(bar.label) == (bar.counter, metrics):
                return
            last_rows[bar.label] = (bar.counter, metrics)
            if len(last_rows) > 64:
                last_rows.clear()
        if not bar.family:  # a bar of bytes or records: no step, its postfix only
            step = self._bar_step
        elif percent:
            # a bar that shows its percentage and no count (rich's default columns, PyMC's
            # `fit`): no step; each new value at its key's count, as a line's that names none
            step = None
        elif (not bar.total and not bar.counter and bar.lightning and metrics
              and self._counted is not None):
            step = self._counted
        else:
            state = self._bars.get(bar.family)
            main_state = self._bars.get(self._main)
            if state is None and bar.counter and main_state is not None and main_state[4] and (
                    0 < bar.total == main_state[2] and main_state[1] <= bar.counter
                    and main_state[1] < main_state[2]):
                # the main bar, its description changed (`Warmup` to `Sample`) as its count
                # goes on: the same bar (its next runs too: another chain's `Warmup` after)
                if len(self._renamed) > 64:
                    self._renamed.clear()
                self._renamed[bar.family] = self._main
                bar = replace(bar, family=self._main)
                state = main_state
            if (metrics and 0 < bar.total <= bar.counter and rule != "rich_bar"
                    and not bar.lightning):
                rows = self._ran_rows.setdefault(bar.family, [])
                if state is not None and (state[1] >= state[2] or not state[1] and renamed) and (
                        metrics in rows):
                    # a finished run's row drawn again after the bar's run ended (enlighten's
                    # rows above its next counter), or as its next run starts under its first
                    # description (torchtune's bar after the next epoch's `1|10:   0%`):
                    # neither a step nor a point
                    return
                if metrics not in rows:
                    rows.append(metrics)
                    del rows[:-16]
            ended: list[int] = []  # the step a finished task's row was drawn at, once known
            ran = False  # (the bar starts again after a run to its end)
            if bar.label and bar.counter < bar.total and rule == "rich_bar":
                # a task under a finished one's description runs again: another task now
                done = self._finished.get(bar.family)
                if done:
                    done[:] = [entry for entry in done if entry[2] != bar.label]
            if bar.counter >= bar.total > 0 and metrics and rule == "rich_bar" and (
                    not bar.lightning):
                finished = self._finished.setdefault(bar.family, [])
                if any(metrics == shown for shown, _, _ in finished):
                    # a finished task's row redrawn (rich's tasks, an epoch each, each frame
                    # drawing them all): neither a step nor a point
                    return
                numbered = any(c.isdigit() for c in bar.label)
                keys = {key for key, _, _ in metrics}
                grown = next((entry for entry in finished if entry[1] and (
                    entry[2] == bar.label and keys > {key for key, _, _ in entry[0]}
                    if numbered else all(item in metrics for item in entry[0]))), None)
                if grown is not None:
                    # the row of a finished task given more values (its epoch's validation,
                    # `progress.update(task, val_loss=...)`; its task named by its
                    # description, `Epoch 1`, its shown ones may change too, else by the
                    # values it showed): the new ones, at the step it finished
                    finished.remove(grown)
                    finished.append((metrics, grown[1], bar.label))
                    self._draw_values([item for item in metrics if item not in grown[0]],
                                      grown[1][0], rule, out)
                    return
                if state is not None and state[1] >= bar.total:
                    # another task finished, unseen while it ran (through a pipe rich draws
                    # its last frame only): its count goes on from the one above
                    state[0] += state[1]
                    state[1] = 0
                finished.append((metrics, ended, bar.label))
                del finished[:-64]
            if state is None:
                if len(self._bars) > 64:  # ever-new bars: stay bounded
                    self._finished.clear()
                    self._ran_rows.clear()
                    self._bars.clear()
                    self._ahead_shown.clear()
                    self._inside.clear()
                    self._main = ""
                # A bar that first starts while the main bar is part-way through its run may
                # interrupt that run (SetFit's and the Trainer's evaluation bar inside the
                # training bar), not be a finer loop (a loop's inner bar starts with its outer
                # bar's first count): it does once the main bar is drawn again.
                outer = self._bars.get(self._main)
                if outer is not None and outer[4] and 2 <= outer[1] < outer[2]:
                    self._inside[bar.family] = self._main
                state = self._bars[bar.family] = [0, bar.counter, bar.total, 0, 1, 0]
            elif bar.counter < state[1] or (
                    not bar.counter and not state[1] and state[3] and not metrics
                    and self._cleared == (bar.family, 0)):
                # the bar starts again: its count goes on (a run closed by `leave=False` whose
                # drawings all lagged at 0, tqdm's `mininterval`, its values each a step: the
                # next run's first drawing, no values yet, not a print's redrawing)
                if self._cleared == (bar.family, state[1]):
                    # its run was closed by `leave=False`, which clears the bar and draws no
                    # last frame: the loop ran to its total
                    state[1] = max(state[1], state[2])
                ran = 0 < state[2] <= state[1]  # (to its end: what was printed since is its)
                state[0] += state[1]
                self._ahead_shown.discard(bar.family)
            state[1] = bar.counter
            shift = self._shift.get(bar.family)
            if bar.ahead and metrics:
                shift = 0 if bar.family not in self._ahead_shown and bar.counter <= 1 else 1
                self._ahead_shown.add(bar.family)
            elif shift is None and (metrics or bar.dangling or (bar.wraps and bar.lightning)):
                # (a rich bar whose metrics all wrap onto the lines under it, chemprop's)
                shift = self._shift[bar.family] = (
                    -1 if self._lightning else 1 if bar.counter == 0 else 0)
            step = max(bar.counter + (state[0] if bar.base is None else bar.base) + (shift or 0),
                       0)
            if shift == 1 and not bar.ahead and 0 < bar.total <= bar.counter:
                step -= 1  # a loop at its end: its last step done, no next one in the body
            reached = max(state[0] + min(shift or 0, 0), 0)  # (where the runs before ended)
            if named:
                offset = state[0] if bar.base is None else bar.base
                metrics = [(key, value, own if own is None else own + offset)
                           for key, value, own in bar.found if key]
            if state[0] or state[1]:
                self._counted_step = step
            ended.append(step)
            if metrics:
                state[3] = 1
            # A finished bar stops drawing once another one is drawn (a data-loading bar
            # before training, an evaluation bar between training steps).
            for family, other in self._bars.items():
                if family != bar.family and other[2] and other[1] >= other[2]:
                    other[4] = 0
            state[4] = 1
            for inner, outer_family in self._inside.items():
                if outer_family == bar.family and inner in self._bars:
                    self._bars[inner][5] = 1  # the run it started in goes on: an interruption
            main = max(self._bars.items(), key=lambda item: (-item[1][5], item[1][4],
                                                              item[1][3], item[1][2]))[0]
            since = self._bar_step if self._main == main else None
            self._main = main
            self._drawn = bar.family
            if self._cleared is not None and self._cleared[0] == bar.family:
                self._cleared = None
            main_state = self._bars[main]
            if metrics and main != bar.family and not state[0] and 0 < state[2] < main_state[2] and (
                    main_state[0] or main_state[1]) and not self._lightning and (
                    list(self._bars).index(bar.family) < list(self._bars).index(main)):
                # an outer bar's values (an epoch bar's, `outer.set_postfix(val_loss=...)`),
                # set in the loop of the bar inside it or after it: at the step that loop is
                # at, as Lightning logs an epoch's values at the training step
                step = self._bar_step if self._cleared != (main, main_state[1]) else (
                    main_state[0] + main_state[2])  # (closed by `leave=False`: at its total)
            if main == bar.family:
                self._bar_step = step
                self._header_since_bar = False
                if self._waiting:
                    # (lines printed after the bar's run ended, before it starts again: at the
                    # step that run reached, a validation's after its epoch's batches)
                    out += self._give_waiting(reached if ran else step, since)
                self._printed_on = None
        if step is None and not percent:
            step = bar.counter
        elif step is not None and metrics and self._lightning:
            self._lightning_done = max(self._lightning_done or 0, step + 1)
        self._wrap = (step, rule, bar.dangling) if bar.wraps and step is not None else None
        if self._pinned is not None:
            # a bar drawn before a framework's end but read after it (its last frame, another
            # stream's bars): the run stays at the step the framework left it, until a line
            # sets another
            self._current_step, self._header_since_bar = self._pinned, True
        elif self._results_at is not None:
            if metrics:  # (training goes on)
                self._results_at = None
            else:  # (test()'s and validate()'s bars, drawn after their tables through a pipe)
                self._current_step, self._header_since_bar = self._results_at, True
        self._draw_values(metrics, step, rule, out, bar.described)
        if custom:
            self._draw_values(list(custom), step, _CUSTOM, out)

    def _draw_values(self, metrics: list[Found], step: int | None, rule: str, out: list[Point],
                     described: int = 0) -> None:
        # tqdm shows the counter of its last refresh, which lags behind the loop when redraws
        # are throttled: a new value at the same counter is the next step of its key. A plain
        # set_postfix sets all its keys at once, so a redraw with any new value is a point of
        # each (and set_description its own: the first `described` metrics); Lightning's bar
        # shows metrics logged each on its own schedule.
        shown, last = self._shown, self._last_drawn
        if not self._lightning:
            same = [group for group in (metrics[:described], metrics[described:]) if group and all(
                key in shown and _same(shown[key], float(value)) for key, value, _ in group)]
            if sum(map(len, same)) == len(metrics):
                return  # a redraw of the same values
            shown.clear()
            for key, value, _ in (item for group in same for item in group):
                shown[key] = float(value)  # one of the two set again: the other's are not new
        for key, value, own in metrics:
            value = float(value)
            before = shown.get(key)
            if before is not None and _same(before, value):
                continue  # a redraw of the same value
            shown[key] = value
            at = last.get(key)
            if step is None:  # (a bar with no count: its key's, a step-less line's)
                point_step = self._counts.get(key, 0)
                self._counts[key] = point_step + 1
            else:
                point_step = own if own is not None else step if at is None or step > at else at + 1
            last[key] = point_step
            out.append(Point(key, value, point_step, rule))

    def _give_waiting(self, step: int | None, since: int | None = None) -> list[Point]:
        """The points of the lines printed since the bar was last drawn, at its new step (a
        library prints its line, then redraws the bar); or, when the first of them was printed
        on the line of that last drawing, at `since`, its step (a plain print in the loop's
        body, before the bar counts again: Lightning's bar excepted, whose drawing shows the
        batch before). When the bar went from `since` to `step` and one key was printed
        exactly once a step in between (a loop that prints each step under a bar throttled by
        tqdm's `mininterval`), each of that key's points gets its own step, `since + 1` to
        `step` (`since` to `step - 1` for prints on the bar's line), as with the bar drawn at
        each step, and the other keys' the step of that key's point printed before them."""
        points = self._waiting
        self._waiting = []
        printed_on = None if self._lightning else self._printed_on
        if printed_on is not None and since is None:
            since = step = printed_on  # another bar is main now (an evaluation's, inside)
        first = 0 if since is not None and printed_on == since else 1
        if step is not None and since is not None and step - since >= 2:
            counts: dict[str, int] = {}
            for point in points:
                counts[point.key] = counts.get(point.key, 0) + 1
            dense = max(counts, key=counts.__getitem__)
            if counts[dense] == step - since:
                at, seen = since + first, first
                for point in points:
                    if point.key == dense:
                        at, seen = since + seen, seen + 1
                    point.step = at
                return points
        if not first:
            step = since
        for point in points:
            if step is not None:
                point.step = step
            else:
                seen = self._counts.get(point.key, 0)
                self._counts[point.key] = seen + 1
                point.step = seen
        return points

    def _resolve(self, found: list[tuple[str, list[Found], bool]], points: list[Point],
                 position: tuple[int, int, int | None] | None = None,
                 header: int | None = None, line_epoch: int | None = None) -> list[Point]:
        if self.settings and any(rule in _DUMPED or rule == "key_value" for rule, _, _ in found):
            found = [item for item in found if not self._dumped(item, found)]
        # The first finding of a key wins, and user patterns were found first.
        chosen: dict[str, tuple[float, int | None, str, bool]] = {}
        key_step: int | None = None
        step_key = step_rule = ""
        best = len(STEP_NAMES)
        for rule, findings, redraws in found:
            for key, value, step in findings:
                if key in chosen or not key:  # an empty key: a rule's CLAIM
                    continue
                chosen[key] = (self._united(key, value), step, rule, redraws)
                rank = _step_rank(key)
                if rank is not None and rank < best and type(value) is int:
                    best, key_step, step_key, step_rule = rank, value, key, rule
        if self._ranked:
            chosen.pop("rank", None)  # (rank 0's line: `{"rank": 0, "loss": 0.6}`)
        if key_step is not None:
            del chosen[step_key]
            for key in [key for key in chosen if _COUNTER_SUFFIX.search(key.lower())
                        and _step_rank(key) is not None]:
                del chosen[key]  # a coarser counter's number, TD3's `Episode Num: 5`
            for key in [key for key, (value, _, _, _) in chosen.items()
                        if type(value) is int and ((_step_rank(key) or 0) > _EPOCH_RANK
                                                   or key.lower() in _MICRO_COUNTS)]:
                # an outer loop's, `FOLD: 0, EPOCH: 2, train_loss: ...`; a micro-step's within
                # the step, `step 1 micro 0 loss 2.31`
                del chosen[key]
            for key in [key for key, (value, _, _, _) in chosen.items()
                        if value == key_step and key.lower() == step_key.lower()]:
                del chosen[key]  # the counter as another rule read it, `Episode: 10,`
            counters: dict[str, str] = {}
            for key in [key for key in chosen if _step_rank(key) is not None]:
                first = counters.setdefault(key.lower(), key)
                if first != key and chosen[first][0] == chosen[key][0]:
                    del chosen[key]  # (a coarser counter, read by two rules: `Episode: 3,`)
            if best < _EPOCH_RANK and position is None:
                epoch = next((value for key, (value, _, _, _) in chosen.items()
                              if type(value) is int and key.lower() == "epoch"), None)
                if epoch is None and "ep" in chosen and type(chosen["ep"][0]) is int:
                    # an abbreviated epoch's before the step, `ep 2 iter 100 loss 0.5`: the
                    # step goes on across them, the epoch's number no metric
                    epoch = chosen.pop("ep")[0]
                if epoch is None:
                    epoch = line_epoch  # `Epoch 3, Step 500, Loss: 0.41`: its header's
                if epoch is not None:
                    key_step = self._in_epoch(int(epoch), key_step)
                    self._epoch_steps_reached = (int(epoch), key_step)
            if best < _EPOCH_RANK and key_step is not None:
                self._steps_done(key_step)
                if self._micro:
                    points += self._give_micro(key_step)
                if best == 0 and header is not None and self._header_epoch is not None:
                    # an epoch header on the line of a finer step (PaddleOCR's `epoch: [1/500],
                    # global_step: 20, ...`): the lines after it that name no step are at that
                    # step, not the epoch
                    self._position_done = key_step
            elif best == _EPOCH_RANK and step_rule in _PRINTED_DICTS and position is None and (
                    header is None and key_step is not None and not self._whole):
                # dicts that name their epoch, one an epoch (`{"epoch": 3, "train_loss": ...}`
                # after epoch 2's): the lines after them that name no step are at that epoch,
                # as after `{"step": 500, ...}` (and after epoch headers, `Epoch 3`, the dicts'
                # epochs go on from them); a result's one dict (`{'epoch': 3, 'miou': 0.71}`)
                # moves nothing, nor one behind the step the run reached (the dicts of epochs
                # after `step 2000 ...` lines)
                if self._dict_epoch is not None and self._dict_epoch < key_step > (
                        self._done or 0):
                    self._done = key_step
                    if self._header_epoch is not None and key_step > self._header_epoch and (
                            self._current_step == self._header_epoch):
                        self._set_header("epoch", key_step, points)
                self._dict_epoch = key_step
        # Under an epoch header, a counter with its total is a position in the epoch: Paddle's
        # `step  5/20 - loss: 0.69` after `Epoch 2/2` (llm.c's `step 1/74 |` has no epochs);
        # and with none, once the counter goes back after reaching its total (`step 3/3 loss
        # 0.3`, then `step 1/3 loss 0.2`: the next epoch's, 4), from then on.
        if position is not None and key_step == position[0] and best < _EPOCH_RANK and (
                self._header_epoch is None):
            count, length, _ = position
            if not self._counted_positions and 0 < length == self._counted_last > count:
                self._counted_positions = True
                self._position = (0, length, 0)  # (the first epoch's end, as if positions)
            self._counted_last = count
        if position is not None and (key_step is None or best >= _EPOCH_RANK or (
                key_step == position[0] and (self._header_epoch is not None
                                             or self._counted_positions))):
            key_step = None if best < _EPOCH_RANK else key_step
            count, length, epoch = position
            # (a position with its epoch on its line, not only under a header line's)
            own = epoch is not None or key_step is not None or line_epoch is not None
            if key_step is not None:
                epoch = key_step
            elif epoch is None:
                epoch = self._header_epoch
            key_step = self._position_step(count, length, epoch)
            shown = self._positioned
            if count == 0 and shown:
                # the next epoch's bar at 0, showing the values the epoch before ended with
                # (click's `item_show_func`, `Epoch 2 [---] 0/15 loss=1.3078`): at the step
                # they were measured at already, no measure of their own
                chosen = {key: found for key, found in chosen.items() if not (
                    found[1] is None and shown.get(key) == (key_step, float(found[0])))}
            if len(shown) > 1_000:  # (ever-new keys: stay bounded)
                shown.clear()
            shown.update((key, (key_step, float(found[0]))) for key, found in chosen.items()
                         if found[1] is None)
            if own or (epoch is None and self._current_step is None):
                # (a position with no epoch in a run of none, `[200/800] loss=0.4`: the run's
                # count, the step of the lines after it that name none, `val_loss: 0.3`)
                self._position_done = key_step
                if own and epoch is not None and (
                        0 < length == count or self._epoch_position.get(length, (0, 0, None))[2]):
                    # (a position that goes on across epochs, the run's own count, or the
                    # epoch's last, `[iter 200/200] [epoch 2/3]`, where the step its epoch
                    # reached is known: one that may start again, short of its epoch's end,
                    # leaves a validation at its epoch)
                    self._epoch_steps_reached = (epoch, key_step)
            elif epoch is not None and 0 < length == count:
                # (under its epoch's header, the epoch's last position, `step 10/10 loss 0.1`
                # under `Epoch 1/2`: a validation naming that epoch after it is at its step)
                self._epoch_steps_reached = (epoch, key_step)
        if key_step is None:
            # a user pattern's step is the step of the rest of its line too
            key_step = next((step for _, step, rule, _ in chosen.values()
                             if rule == _CUSTOM and step is not None), None)
        if position is None and (best == _EPOCH_RANK if key_step is not None else (
                header is not None and header == line_epoch)) and _validation(chosen):
            # a validation's line that names only its epoch (`Epoch 2: val_loss=0.25`), after
            # lines that gave a finer step in it: at the step the training reached, beside
            # the training's points (an epoch's own totals, `Epoch 1, total training loss:
            # 375.9`, ESPnet's `1epoch results: [train] ... [valid] ...`, and tests, `Epoch #1:
            # test_reward: 9.8`, stay at the epoch)
            reached = self._epoch_reached(key_step if key_step is not None else header or 0)
            if reached is not None:
                key_step = reached
        if key_step is None and header is not None:
            key_step = header  # `Epoch #1: test_reward: 9.8`: not the bar's next step
        elif (key_step is not None and best < _EPOCH_RANK and not chosen and position is None
              and (self._header_epoch is None or best == 0)):
            # a line of only a step, `STEP:  0`; under an epoch header, only a global step
            # (Coqui's trainer, `--> TIME: ... -- STEP: 3/7 -- GLOBAL_STEP: 3` after `EPOCH: 0/1`),
            # after which epoch headers set no step (one scale in a run)
            self._global_steps = self._global_steps or best == 0
            self._step_header(key_step, points)
            return points
        line_step = self._stepless() if key_step is None else key_step
        waits = key_step is None and self._main != "" and not self._header_since_bar and not (
            self._header_epoch is not None and line_step is not None and self._main_finished()
            and not self._header_on_bar)
        done = self._done if line_step is None else None
        again: dict[str, int] = {}
        if line_step is None and not waits:
            if "icro" in self._reading and _MICRO_STEP.search(self._reading):
                # a micro-step's line: at the optimizer step it accumulates into, the one after
                # the last printed (before any, held for the first); its count no metric
                chosen = {key: found for key, found in chosen.items()
                          if type(found[0]) is not int or key.lower() not in _MICRO_COUNTS}
                if done is None:
                    self._micro += [Point(key, float(value), 0, rule) for key, (
                        value, step, rule, redraws) in chosen.items() if step is None and not (
                            redraws) and len(self._micro) < _WAITING]
                    chosen = {key: found for key, found in chosen.items()
                              if found[1] is not None or found[3]}
                else:
                    done += 1 - (self._zero_based or 0)
            elif done is None:
                again = self._counted_again(chosen)
        counts = self._counts
        held = self._held
        for key, (value, step, rule, redraws) in chosen.items():
            if redraws:
                # A bar's own step, its counter, gives way to the line's and the header's.
                counter = step
                if line_step is not None:
                    step = line_step
                elif step is None:
                    step = counts.get(key, 0)
                self._hold(Point(key, float(value), step, rule), counter, points)
                continue
            if held and key in held:
                points.append(self._release(key))
            if step is None and waits:
                if len(self._waiting) >= _WAITING:
                    points += self._give_waiting(self._bar_step)
                self._waiting.append(Point(key, float(value), 0, rule))
                continue
            if step is None and key in again:
                points.append(Point(key, float(value), again[key], rule))  # (`_once`: none)
                continue
            seen = counts.get(key, 0)
            counts[key] = seen + 1
            if step is None:
                step = line_step if line_step is not None else seen if done is None else done
                if done is None and line_step is None and rule != "key_value":
                    if len(self._counted_last) > 10_000:  # (ever-new keys: stay bounded)
                        self._counted_last.clear()
                    self._counted_last[key] = (float(value), rule, seen)
            points.append(Point(key, float(value), step, rule))
        return points

    def _counted_again(self, chosen: Mapping[str, tuple[float, int | None, str, bool]]
                       ) -> dict[str, int]:
        """The keys of a line without a step (none printed yet) whose values print again, in
        another shape, the values their latest points had (the text of a classification
        report, then `print(report_dict)`): each at that point's count, where every such key
        of the line does (`_one_print`), so that `_once` keeps one point of each. A `key:
        value` line's value is a measurement of its own either way."""
        counted, counts = self._counted_last, self._counts
        again: dict[str, int] = {}
        for key, (value, step, rule, redraws) in chosen.items():
            last = counted.get(key)
            if step is not None or redraws or last is None or rule == "key_value" or (
                    last[2] != counts.get(key, 0) - 1 or last[1] == rule):
                continue
            if not _one_print(last[0], float(value)):
                return {}
            again[key] = last[2]
        return again

    def _give_micro(self, step: int) -> list[Point]:
        """The micro-steps' points held for the first step printed, at it."""
        points, self._micro = self._micro, []
        counts = self._counts
        for point in points:
            point.step = step
            counts[point.key] = counts.get(point.key, 0) + 1
        return points

    def _main_finished(self) -> bool:
        """Whether the main bar has reached its total: a line printed then, under an epoch
        header, is the epoch's (pytorch-accelerated's `train_loss_epoch: 1.40` after its
        `Starting epoch 1` and the epoch's bar), not the next bar's."""
        state = self._bars.get(self._main)
        return state is not None and 0 < state[2] <= state[1]

    def _dumped(self, item: tuple[str, list[Found], bool],
                found: Sequence[tuple[str, list[Found], bool]]) -> bool:
        """Whether a dict's or a line's findings (among the line's, `found`) are the program's
        settings printed whole (`print(vars(args))`, `json.dumps(asdict(cfg))`,
        `print(f"chains={args.chains} draws={args.draws} seed={args.seed}")`): two values or
        more beside a setting's name, each the one its parser gave the setting of that name
        (`optim/lr` is `optim.lr`'s), to its printed digits (a record of the training's,
        `{'loss': 0.3, 'lr': 0.01}`, `epoch 1 lr=0.01 seed=0`, has a measure or a counter
        besides)."""
        rule, findings, _ = item
        named = [(key, value) for key, value, _ in findings if key]
        if len(named) < 2 or rule not in _DUMPED and rule != "key_value":
            return False
        for key, value in named:  # (first: most lines hold a value no setting has)
            setting = self.settings.get(key.replace("/", ".").replace("-", "_"))
            known = None if setting is None else setting[1]
            if not isinstance(known, (int, float)) or isinstance(known, bool) or not (
                    abs(float(known) - float(value)) <= printed_tolerance(float(value))):
                return False
        if rule == "key_value":
            keys = {key for key, _ in named}
            if any(key and key not in keys for other, others, _ in found if other != rule
                   for key, _, _ in others):
                return False  # (another rule's measure or counter on the line)
            names = [key for key, _, _ in key_value_pairs(self._reading) if key[:1].isalpha()]
        else:
            names = _DICT_KEY.findall(self._reading)
        # (a dump holds a setting's name besides, `'epochs': 3`, `seed=0`: a schedule printed
        # as it goes, `{'lr': 0.1, 'momentum': 0.9}`, `lr=0.1 momentum=0.9`, is a record)
        return any(not is_metric_key(key) for key in names)

    def moved_to(self, step: int) -> list[Point]:
        """The run moved to `step` outside the output (a hooked framework's fit ended there):
        the lines after it that name no step of their own are at that step, as after a
        header; the points its bars held back are given out (an evaluation's bar after the
        fit ended at the same step too: Keras' `evaluate`)."""
        released: list[Point] = []
        self._set_header("step", step, released)
        released += self._release_held()
        self._header_since_bar = True
        self._pinned = step  # (the framework's last bar may still be drawn after the mark)
        return self._once(released)

    def release_held(self) -> list[Point]:
        """The points the bars hold back, given out now, their steps as they are (a window
        in which the bars' lines are no run's closed: what they drew was drawn in it)."""
        return self._once(self._release_held())

    def _step_header(self, step: int, out: list[Point]) -> None:
        """A line of only a step (`STEP:  0`, `iteration 5`): the lines after it are at that
        step, as after an epoch header, until a line names another."""
        if step != self._current_step:
            self._current_step = step
            out += self._release_held()
        self._step_only = True

    def _steps_done(self, step: int) -> None:
        """A line gave a step finer than the epoch: the steps done after it are that step, or
        the next one when the count starts at 0 (the loop's own index)."""
        if self._zero_based is None:
            self._zero_based = 1 if step == 0 else 0
        self._done = step + self._zero_based
        if self._step_only:  # a line naming its own step ends a step-only line's reach
            self._step_only = False
            self._current_step = None

    def _in_epoch(self, epoch: int, step: int) -> int:
        """A finer step printed beside its epoch (`Epoch 1, Step 100, Loss: 0.4`): the step
        itself while it only goes up; once it starts again when the epoch moves on (the
        index of `enumerate(loader)`), a place in the epoch, made global: the epochs before
        it, each as long as its furthest step (plus the printing interval when the epoch's
        first step is 0)."""
        state = self._epoch_steps
        if state is None or epoch < state[0]:
            self._epoch_steps = (epoch, 0, step, step, 0, False)
            return step
        seen, before, first, last, interval, restarts = state
        if epoch > seen:
            if not restarts and step > last:  # the run's own count, across epochs
                self._epoch_steps = (epoch, before, step, step, 0, False)
                return step
            length = last + (interval if first == 0 else 0)
            if length <= 0:  # an epoch of one print at 0: as long as the one before it
                length = self._epoch_length
            self._epoch_length = length
            before += length
            self._epoch_steps = (epoch, before, step, step, 0, True)
            return before + step
        if step > last:
            interval, last = step - last, step
        self._epoch_steps = (seen, before, first, last, interval, restarts)
        return before + step if restarts else step

    def _epoch_reached(self, epoch: int) -> int | None:
        """The global step the run reached in `epoch`, where a count finer than the epoch gave
        it: the latest line that printed a step beside that epoch, or the main bar described by
        that epoch once its run ended (its last frame drawn, or cleared by `leave=False`: at
        its total); None where the epoch is the run's only count."""
        reached = self._epoch_steps_reached
        if reached is not None and reached[0] == epoch:
            return reached[1]
        state = self._bars.get(self._main) if self._bar_epoch == epoch else None
        if state is None or not state[2]:
            return None
        if state[2] <= state[1]:
            return self._bar_step
        return self._cleared_at_total()

    def _cleared_at_total(self) -> int | None:
        """Where the main bar's last run ended when `leave=False` closed it, which draws no
        last frame: at the step its loop ran to, its total; None where it was not so closed."""
        state = self._bars.get(self._main)
        if state is None or not (0 < state[2] and state[3]) or (
                self._cleared != (self._main, state[1])):
            return None
        return state[0] + state[2] + min(self._shift.get(self._main) or 0, 0)

    def _position_step(self, position: int, length: int, epoch: int | None) -> int:
        """The global step of a position within an epoch of ``length``: epochs counted from
        the first one seen; with no epoch, a position that goes back starts the next epoch."""
        if length <= 0 and epoch is not None:
            # The epoch's length is not printed (`(epoch: 2, iters: 4, ...)`): an epoch is as
            # long as the furthest position seen in it, exact when the printing interval
            # divides the epoch.
            seen, before, furthest = self._unsized
            if seen is not None and epoch > seen:
                before, furthest = before + furthest, 0
            self._unsized = (epoch, before, max(furthest, position))
            return before + position
        if epoch is not None:
            if self._first_epoch is None:
                self._first_epoch = epoch
            before_epoch = self._epoch_position.get(length)
            go_on = None if before_epoch is None else before_epoch[2]
            if before_epoch is not None and epoch != before_epoch[0] and go_on is not False:
                go_on = epoch > before_epoch[0] and position > before_epoch[1]
            if len(self._epoch_position) > 16:
                self._epoch_position.clear()
            self._epoch_position[length] = (epoch, position, go_on)
            if go_on:
                return position
            return max(epoch - self._first_epoch, 0) * length + position
        before, last, interval = self._position
        if position < last:
            # The next epoch, when the last position was the epoch's last print; a loop
            # that stopped short of its total (kmodes' `Run: 2, iteration: 1/100` after a
            # run converged at iteration 6) starts counting again.
            before = before + length if not interval or last + interval >= length else 0
            interval = 0
        elif position > last >= 0:
            interval = position - last
        self._position = (before, position, interval)
        return before + position

    def _united(self, key: str, value: float) -> float:
        """`value` in the unit `key` was first read in, where the line prints it with another
        (`dt 950ms`, then `dt 1.20s`: 1200; `memory: 400.0 MB`, then `1.2 GB`: 1200): a value
        whose unit changes as it grows stays one series. A key read in one unit is unchanged."""
        line = self._unit_line
        if self._line_units[0] is not line:
            text = _plain(line) if _unplain(line) else line
            by_value: dict[float, list[tuple[int, str]]] = {}
            for start, number, unit in units_of(text):
                by_value.setdefault(number, []).append((start, unit))
            self._line_units = (line, text, by_value)
        _, text, by_value = self._line_units
        places = by_value.get(value) if by_value else None
        if not places:
            return value
        # (the value's own: its number, the first after the last word of its key, shortly
        # before it; not `loss 0.5 (0.5s)`'s time; a few places looked at: linear in the line)
        name = key.rpartition("/")[2].lower()
        words = (name, name.replace("_", " "), name.rpartition("_")[2])  # (its whole name first)
        found = set()
        for start, unit in places[:4]:
            before = text[max(0, start - 48) : start].lower()
            at, word = next(((at, word) for word in words if (at := before.rfind(word)) >= 0),
                            (-1, ""))
            if at >= 0 and not any(c.isdigit() for c in before[at + len(word) :]):
                found.add(unit)
        if len(found) != 1:
            return value
        unit = found.pop()
        if len(self._units) > 10_000:  # (ever-new keys: stay bounded)
            self._units.clear()
        first = self._units.setdefault(key, unit)
        converted = in_unit(value, unit, first) if first != unit else None
        return value if converted is None else converted

    def _resolve_pairs(self, pairs: list[tuple[str, str, str]], points: list[Point]) -> None:
        """`_resolve` for the key_value rule alone, from its raw pairs: the same points.

        Output repeats the same line shape (`step=.. loss=.. acc=..`) thousands of times, so
        what depends only on the keys (which count, which can set the step) is worked out
        once per shape and kept.
        """
        keys = tuple([pair[0] for pair in pairs])
        self._resolve_plan(self._plan_for(keys),
                           [integer or number for _, integer, number in pairs], points)

    def _plan_for(self, keys: tuple[str, ...]) -> _Plan:
        plan = self._plans.get(keys)
        if plan is None:
            if len(self._plans) > 4096:  # output of ever-new shapes: stay bounded
                self._plans.clear()
            plan = self._plans[keys] = _plan(keys)
        return plan

    def _resolve_plan(self, plan: _Plan, values: Sequence[str], points: list[Point],
                      united: bool = True) -> None:
        step_slots, metric_slots, fine = plan
        key_step: int | None = None
        step_slot = -1
        for slot in step_slots:
            text = values[slot]
            # a step is written as an integer (most often digits alone: no regex for them)
            if (text.isdecimal() and len(text) <= 18) or _INTEGER.fullmatch(text):
                key_step, step_slot = int(text), slot
                if slot in fine:
                    epoch = next((int(values[other]) for other in step_slots
                                  if other not in fine and _INTEGER.fullmatch(values[other])),
                                 None) if len(step_slots) > 1 else None
                    if epoch is not None:  # `Epoch: 1, Step: 100, Loss: 0.4`
                        key_step = self._in_epoch(epoch, key_step)
                    if self._zero_based is None or self._step_only:
                        self._steps_done(key_step)
                        if self._micro:
                            points += self._give_micro(key_step)
                    else:  # (what _steps_done does then, once a line)
                        self._done = key_step + self._zero_based
                break
        if (key_step is not None and len(values) == 1 and step_slot in fine
                and self._header_epoch is None):
            self._step_header(key_step, points)  # `STEP:  0`
            return
        line_step = self._stepless() if key_step is None else key_step
        if line_step is None:
            line_step = self._done
        counts = self._counts
        held = self._held
        for slot, key in metric_slots:
            if slot == step_slot:
                continue
            if held and key in held:
                points.append(self._release(key))
            seen = counts.get(key, 0)
            counts[key] = seen + 1
            value = float(values[slot])
            points.append(Point(key, self._united(key, value) if united else value,
                                seen if line_step is None else line_step, "key_value"))

    def _hold(self, point: Point, counter: int | None, out: list[Point]) -> None:
        """Keep the latest redraw of a bar's point; give out the one it does not replace."""
        old = self._held.get(point.key)
        if old is not None:
            before, before_counter = old
            if before.step != point.step or (
                # The counter went back at the same step: a new bar (Keras' evaluate after
                # fit), unless it only repeats the old values (Lightning's bar reset).
                counter is not None and before_counter is not None
                and counter < before_counter and not _same(before.value, point.value)
            ):
                out.append(self._release(point.key))
        self._held[point.key] = (point, counter)

    def _release(self, key: str) -> Point:
        point, _ = self._held.pop(key)
        self._counts[key] = self._counts.get(key, 0) + 1
        return point


_PADDED = " " * 16
_RULE_TITLE = re.compile(r"─{3,400} ([^─]{1,200}) ─{3,400}\s*")


_NAME_PIECE = re.compile(r"[A-Za-z_][\w\-/.]{0,80}:?", re.ASCII)  # (a name, its colon too)
_NUMERIC = re.compile(r"[-+]?[\d.][\d.,/%eE+\-]{0,40}", re.ASCII)  # (a value, a count: `10/50`)
# A name left without its value at the end of a wrapped line (`... - val_loss:`, `... | train_acc`,
# `step 10 loss=`): its clause's words, or those after a value.
_DANGLING = re.compile(r"(?:^|(?:^|\ )-\ |[|,;\t]|(?<=\d)\ )\ *([A-Za-z_][\w\-/.]{0,60}"
                       r"(?:\ [A-Za-z_][\w\-/.]{0,60}){0,3}[:=]?)\ *\Z", re.ASCII)


def _validation(chosen: Mapping[str, Any]) -> bool:
    """Whether a line's keys are a validation's: each of its measures (`val_loss`,
    `valid/cer`, `eval_loss`), none a training's or unqualified (an epoch's results, ESPnet's
    `[train] loss=124.0, [valid] loss=109.0`, Keras' `loss=0.35 val_loss=0.3`)."""
    words = {key.lower().replace("/", "_").split("_", 1)[0] for key in chosen
             if key.lower() not in STEP_NAMES}
    return bool(words) and words <= _VALIDATIONS


def _logged(line: str) -> str:
    """A line's message, its log prefix off (a level's, `INFO:train:`, or a time's)."""
    if line.startswith(_LEVELS):
        return _unprefixed(line)
    return message(line) if line[:1] in _STAMPED and len(line) >= 8 else line


def _carried(text: str) -> tuple[int, str]:
    """What a line of a wrapped message leaves for the next one, and where in it that
    starts: the name it ends with, whose value goes on there, and the space between them
    (none after `=`; a bar before it where one ended the clause before it: as alone on the
    next line, `grad_norm 1.2345` is one of the message's clauses); or a bar, where the line
    ends a clause (` |`, ` -`, `,`, `;`); else nothing."""
    text = text.rstrip()
    if text[-1:] in ("|", ",", ";") or text[-2:] == " -" or text == "-":
        return len(text), "| "
    found = _DANGLING.search(text, max(len(text) - 250, 0))
    if found is None:
        return len(text), ""
    name = found.group(1)
    bar = "| " if found.group(0).lstrip(" ")[:1] in ("|", "-", ",", ";", "\t") else ""
    return found.start(1), bar + (name if name[-1] == "=" else name + " ")


def _other_rank(line: str) -> bool:
    """Whether a log line's message is another rank's: accelerate's `get_logger` on every
    process, `... - INFO - __main__ - [RANK 1] epoch 0: eval_loss: 0.51`."""
    if line.startswith(_LEVELS):  # `logging.basicConfig()`'s `INFO:__main__:[RANK 1] ...`
        rank = _LEADING_RANK.match(_unprefixed(line))
        return rank is not None and bool(rank.group(1).strip("0"))
    text = message(line)
    rank = _PREFIX_RANK.search(line, 0, len(line) - len(text)) if text is not line else None
    return rank is not None and bool(rank.group(1).strip("0"))


_PREFIX_RANK = re.compile(r"\[RANK\ (\d{1,5})\]\ *\Z", re.ASCII)
_LEADING_RANK = re.compile(r"\[RANK\ (\d{1,5})\]", re.ASCII)




def _unwrapped(line: str) -> str:
    """A line as the rules read it without what wraps its clauses: a status line in brackets
    (`[step 50/500 | loss 2.947 | lr 3e-4]`), sacrebleu's signature before its score
    (`BLEU|nrefs:1|...|version:2.6.0 = 41.4 ...`, 1.x's `BLEU+case.mixed+...+version.1.4.14 =
    41.4`: as `BLEU = 41.4 ...`)."""
    if line[:1] == "[" and line[-1:] == "]" and " | " in line and line.count("[") == 1 and (
            line.count("]") == 1):
        return line[1:-1]
    if ("|version:" in line or "+version." in line) and (signed := _SIGNATURE.match(line)):
        return f"{signed.group(1)} = {line[signed.end():]}"
    return line


_SIGNATURE = re.compile(r"(\s{0,40}[A-Za-z][\w\-]{0,20}\+{0,2})(?:(?:\|[\w.\-:]{1,80}){1,20}\|version:"
                        r"|(?:\+[\w.\-]{1,80}){1,20}\+version\.)[\w.\-]{1,20} = ", re.ASCII)


_PANEL_SIDES = frozenset("│┃║")
_NUMBERS = re.compile(r"(?<![\w.])[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])", re.ASCII)


# A counter in the words of another language's tutorials, read as English's (`第 3 轮` and
# `轮次 3/10` as `Epoch 3`, `エポック 3/10`, `에폭 3`, `Эпоха 3`, `Época 3`; `步骤 100`, `ステップ`,
# `Шаг`, `Paso` as `Step`; `批次 [5/15]`, `第 5/15 批` as `Batch`; `迭代 100` as `Iter`), so
# that it is the line's step as `Epoch 3` is; the names after it stay as printed.
_NATIVE_COUNTER = re.compile(
    r"第\s{0,2}(\d{1,9}(?:\s{0,2}/\s{0,2}\d{1,9})?)\s{0,2}(轮|回合|个\s?[Ee]poch|次迭代|步|批|代)"
    r"|(?:(轮次|训练轮次|轮数|エポック|에폭|에포크|Эпоха|эпоха|Эпохи|Época|época|Époque|époque"
    r"|Kỷ\ nguyên|Epoche|epoche|Epoca|epoca|Epoka|epoka)"
    r"|(步骤|步数|步(?![骤数])|ステップ|스텝|Шаг|шаг|Adım|adım|Étape|étape|Bước|bước|Schritt|schritt"
    r"|Passo|passo|Paso|paso|Krok|krok)"
    r"|(批次|バッチ|배치|Батч|батч)|(迭代次数|迭代|イテレーション|반복|Итерация|итерация|Iteración"
    r"|iteración|Iteração|iteração|Itération|itération|Iterazione|iterazione|Iteracja|iteracja))"
    # (or its `:` before the line's values, `Epoche: 1,`, `轮次: 1 |`; not a count's, `轮数:
    # 10`, nor a setting's alone on its line, `迭代次数: 1000`)
    r"(?=\s{0,2}[\[(]?\s{0,2}\d|(?<!轮数|步数)\ ?[:：]\ {0,2}\d{1,18}\ {0,2}[,，|/])")
# A no-break space between a number's groups of three digits, as French locales group them.
_SPACE_GROUPED = re.compile(r"(?<=\d)[\u202f\u00a0](?=\d{3}(?!\d))")
_NATIVE_WORDS = {"轮": "Epoch", "回合": "Epoch", "次迭代": "Iter", "步": "Step", "批": "Batch",
                 "代": "Epoch"}


def _english_counter(match: re.Match[str]) -> str:
    """A `_NATIVE_COUNTER` match's English counter word (and its count, for `第 N 轮`)."""
    if match.group(1) is not None:  # `第 3 轮`: the word after the number
        word = match.group(2)
        english = _NATIVE_WORDS.get(word, "Epoch")
        # (apart from a label or a name written on to it: `第1轮【验证】损失`, `【训练】第1轮`)
        before = " " if match.string[match.start() - 1 : match.start()] == "]" else ""
        after = match.string[match.end() : match.end() + 1]
        apart = " " if after == "[" or after.isalpha() else ""
        return f"{before}{english} {match.group(1).replace(' ', '')}{apart}"
    return ("Epoch", "Step", "Batch", "Iter")[(match.lastindex or 3) - 3]


# R's print of one string, `print(sprintf("Epoch %d: loss=%.4f", ...))`: `[1] "Epoch 1: loss=0.5000"`,
# its `[1]` the vector's index, no step, and its quotes no part of the values.
_R_STRING = re.compile(r'\[1\] "((?:[^"\\]|\\.){0,4000})"\s*')
_R_ESCAPE = re.compile(r"\\(.)")


def _r_printed(line: str) -> str:
    """The text of R's print of one string (`[1] "epoch 1 loss 0.5"`), else the line."""
    printed = _R_STRING.fullmatch(line)
    if printed is None:
        return line
    return _R_ESCAPE.sub(lambda escape: "\t" if escape.group(1) == "t" else escape.group(1),
                         printed.group(1))


def _inspect_goes_on(block: list[str]) -> bool:
    """Whether a block's last line goes on a Node object printed over several lines: a bare
    key after a line left open (util.inspect's `{` or `  epoch: 5,` before `  test: {`)."""
    return len(block) > 1 and block[-2].rstrip()[-1:] in ",{[" and (
        _INSPECT_LINE.match(block[-1]) is not None)


def _first_read(line: str) -> bool:
    """Whether lines of `line`'s shape (its text, other numbers) can be read by their shape
    before anything else is looked for in `parse_lines`: nothing looked for before it is in
    its text (a launcher's or a log level's prefix, a rank, a crash's start, a file's line, a
    thousands comma, a repr, an arrow, a currency, words of other languages, an end that makes
    it a heading or a label), and a number, put in place of another, adds none of that (the
    shape starts with text: its first character is the same)."""
    return (line[:1] not in _LAUNCHED_START and line[:4] not in _LAUNCHED_WORDS
            and line[:1] not in _CRASH_STARTS
            and not line.startswith(_LEVELS) and not _unplain(line)
            and line[-1:] not in ":*=-#],(" and not line.endswith(_HEADING_ENDS)
            and not any(text in line for text in _READ_FIRST))


# What `parse_lines` looks for before a line's shape (`_first_read`).
_READ_FIRST = ("RANK ", "ank", ".py:", '[1] "', "] collection=", ",", "(", "-->", "$", " vs",
               " versus ", "[Parallel(", "-- score: ", "/s", "_per_s", "hroughput", "tps", "wps")


def _launched(line: str) -> bool:
    """Whether a line may start with what a launcher (or a program) puts before a process's
    lines (`_LAUNCHER`); on every line: no regex."""
    return line[:1] in _LAUNCHED_START or line[:4] in _LAUNCHED_WORDS or (
        line[:1] == " " and line[1:2] in _LABEL_PADDED)


_LABEL_PADDED = frozenset(" 0123456789")  # (srun's labels padded: ` 0: `)
# A host's name before a line, pdsh's (`worker-0: `, `gpu-node-01: `, `ip-10-0-0-1: `), before
# text; a log line's time after it, or a node's name (DeepSpeed's hostfile's `worker-N`)
_HOST = re.compile(r"([A-Za-z][A-Za-z0-9]{0,40}(?:[\-.][A-Za-z0-9]{1,40}){0,8})(?<=\d):\ "
                   r"(?=[^\d\s.+\-])", re.ASCII)
_LOGGED_AT = re.compile(r"\[\d{4}-\d\d-\d\d[\ T]\d\d:\d\d|\[(?:INFO|WARNING|ERROR|DEBUG)\]\ ")
_HOST_NAME = re.compile(r"(?:^|[\-.])(?:worker|node|compute|host|ip)[\-.]?\d|[a-z]node\d", re.ASCII)


def _unplain(line: str) -> bool:
    """Whether a line needs `_plain`: not all ASCII, or the words of `_NATIVE_COUNTER` in
    ASCII letters (`Epoche 1/3 | Schritt 50`). On every line: `in` tests, no regex, no loop."""
    return not line.isascii() or (
        "poche" in line or "poca" in line or "poka" in line or "ritt" in line or "aso" in line
        or "rok" in line or "zione" in line or "cja" in line)


def _plain(line: str) -> str:
    """A line not all ASCII as the rules read it: full-width punctuation as ASCII's, a middle
    dot between clauses as a bar, and no
    emoji (`📊 Epoch 1/3`, `loss: 0.5 ✅`: one space where a run of them stood, none at the
    start), so that a header or a pair is read as without them."""
    if "\u202f" in line or "\u00a0" in line:
        line = _SPACE_GROUPED.sub("", line)  # (French thousands: `1\u202f234,5` is 1234,5)
    line = line.translate(_FULL_WIDTH)
    if _NATIVE_COUNTER.search(line) is not None:
        line = _NATIVE_COUNTER.sub(_english_counter, line)
    if line[:1] in _PANEL_SIDES and line.rstrip()[-1:] == line[:1] and line.count(line[:1]) == 2:
        # a panel's row of pairs, rich's `Panel(f"step {g} | loss {loss:.4f}")`: its text (a
        # box's row of a name and a value, Ray Tune's `│ acc    0.915 │`, is a table's)
        inner = line.rstrip()[1:-1].strip()
        if " | " in inner or ": " in inner or "=" in inner or len(_NUMBERS.findall(inner)) > 1:
            line = inner
    if line[:3] == "───":  # a rich rule's title, `──── Step 5000 ────`, alone
        titled = _RULE_TITLE.fullmatch(line)
        if titled is not None:
            return titled.group(1)
    if " \u00b7 " in line or " \u2022 " in line:  # a middle dot or a bullet between clauses,
        # `loss 0.09 · acc 0.94`, `loss 1.11 • acc 62.90%`, as a bar
        line = _MIDDLE_DOT.sub(" | ", line)
    if " \u2014 " in line or " \u2013 " in line:  # an em or en dash between clauses, as ` - `
        line = line.replace(" \u2014 ", " - ").replace(" \u2013 ", " - ")
    if _EMOJI.search(line) is None:
        return line
    return _EMOJI.sub(" ", line).lstrip(" ") if _EMOJI.match(line.lstrip(" ")) else (
        _EMOJI.sub(" ", line))


def _under(section: str, rows: Callable[[str], list[Found]]) -> Callable[[str], list[Found]]:
    """A table's rows with each key under a section's heading (`TEST:` or `[test]`)."""
    head = "_".join(section.strip("[]:").split())

    def row(line: str) -> list[Found]:
        return [(f"{head}/{key}" if key else key, value, step) for key, value, step in rows(line)]

    return row


def _ends_number(line: str) -> bool:
    """Whether a line ends in a number (and may be a name and its number), a sentence's full
    stop after it too (mlx-lm's `Test loss 3.576, Test ppl 35.738.`), or in a throughput after
    its measures (d2l's `loss 0.345, train acc 0.876, 123.4 examples/sec on cuda:0`), or a
    measure's own pair in parentheses after its value (`loss 5.47 (ppl 237.78)`), or a time
    taken after them (`loss 0.65 acc 0.87 took 1.0s`, `(1.0s)`)."""
    end = line.rstrip()[-2:]
    return end[-1:] in _ENDS_NUMBER or (end[-1:] in ".)" and end[:1] in _ENDS_NUMBER) or (
        "/sec" in line and RATE_TAIL.search(line) is not None) or (
        end[-1:] in "s)" and TIME_AT_END.search(line.rstrip()[-12:]) is not None)


def _unprefixed(line: str) -> str:
    """The line without a `logging.basicConfig()` prefix (`INFO:__main__:`)."""
    match = _LOG_PREFIX.match(line)
    return line if match is None else line[match.end() :]


# The rules whose values are printed again whole (a history, a table drawn anew)
_REPRINTS = frozenset({"python_dict", "table", "json", "fancy_grid", "metric_table", "frame",
                       "node_object"})
_RECORDS = frozenset({"python_dict", "json"})  # (of those, a record's: a line an epoch)
# The tables of a history, a row an epoch (`_history_row`; Markdown's, `named_rows`, too)
_HISTORIES = frozenset({"table", "frame", "fancy_grid", "table_groups", "named_rows"})


def _reprint(earlier: float | None, value: float) -> bool:
    """Whether a value printed again is the one a key had at that step: to its printed
    digits (Keras' `0.6000` is history's 0.6000000238; four decimals at the least)."""
    if earlier is None:
        return False
    if earlier != earlier:  # (a table drawn again: its NaN cell is the same NaN)
        return value != value
    return _one_print(earlier, value) or abs(earlier) >= 1e-3 and (
        abs(earlier - value) <= 5e-5 + 1e-6 * abs(value))


def _table_row(points: list[Point], start: int
               ) -> tuple[list[int], dict[tuple[str, int], float]]:
    """The places of the points of a table's row that starts at `start` (those after it of its
    rule and step, each of another key), and the points of other rules among them (key, step:
    value)."""
    first = points[start]
    keys = {first.key}
    row = [start]
    for at in range(start + 1, min(start + 400, len(points))):
        point = points[at]
        if point.rule == first.rule:
            if point.step != first.step or point.key in keys:
                break
            keys.add(point.key)
            row.append(at)
    return row, {(point.key, point.step): point.value for point in points[start : row[-1]]
                 if point.rule != first.rule and point.step is not None}


def _rounded(earlier: float | None, value: float) -> bool:
    """Whether a value is an earlier one printed again, maybe to fewer digits (`0.51` for
    0.5123): the two within half a unit of the coarser's last digit."""
    if earlier is None or earlier != earlier or value != value:
        return False
    if math.isinf(earlier) or math.isinf(value):
        return earlier == value
    return abs(earlier - value) <= max(printed_tolerance(earlier), printed_tolerance(value))


def _one_print(a: float, b: float) -> bool:
    """Whether two printed values are one value printed twice: equal, or equal to the digits
    of the coarser print when it has three significant digits at the least (`0.8251` and
    `0.8251492`; not `0.5` and `0.46`)."""
    if a == b:
        return True
    if a != a or b != b or math.isinf(a) or math.isinf(b):
        return False
    coarse = a if printed_tolerance(a) >= printed_tolerance(b) else b
    digits = repr(abs(coarse)).partition("e")[0].replace(".", "").strip("0")
    return len(digits) >= 3 and abs(a - b) <= printed_tolerance(coarse)


def _shows_values(line: str) -> bool:
    """Whether a line is a progress bar that shows values."""
    bar = read_tqdm(line)
    return bar is not None and any(key for key, _, _ in bar.found)


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def _alternation(words: list[str], longest: bool = False) -> str:
    """A regex for any of ``words`` as a trie (words grouped by first character, each group
    again by its next): a position is tried against a few branches, not against every word.
    It matches the shortest word at a position, or with `longest` the longest (the words
    matched at one position are each other's beginnings)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    parts = []
    for first, rests in groups.items():
        longer = [rest for rest in rests if rest]
        if len(longer) < len(rests) and (not longest or not longer):
            parts.append(re.escape(first))  # the shortest word ends here
        elif len(rests) == 1:
            parts.append(re.escape(first + rests[0]))
        else:
            optional = "?" if len(longer) < len(rests) else ""
            parts.append(re.escape(first) + "(?:" + _alternation(longer, longest) + ")" + optional)
    return "|".join(parts)


def _or(bits: Iterable[int]) -> int:
    mask = 0
    for bit in bits:
        mask |= bit
    return mask


def _step_rank(key: str) -> int | None:
    """The precedence of a step key (`step`, `Epoch`, a qualified `Train_Epoch`), else None."""
    rank = _STEP_RANK.get(key)
    if rank is None:
        lower = key.lower()
        rank = _STEP_RANK.get(lower)
        if rank is None and lower in ENV_STEPS:
            return _STEP_RANK["num_updates"]
        if rank is None and "_" in lower and lower not in _NOT_STEPS and not lower.startswith(
                _COUNTS_OF):
            # (the best epoch is a result: `Best epoch: 4, best val acc: 0.8`; a count of
            # them a setting: lda's `n_iter: 200`, `max_epoch`)
            rank = _STEP_RANK.get(_COUNTER_SUFFIX.sub("", lower).rsplit("_", 1)[-1])
            phase, _, rest = lower.partition("_")
            if rank is None and phase in PHASES:
                rank = _STEP_RANK.get(rest, _PHASE_STEPS.get(rest))
            if rank is None and lower in _RUN_STEPS:
                rank = _STEP_RANK["generation"]  # (a counter's own step before it, if any)
    return rank


def _plan(shape: tuple[str, ...]) -> _Plan:
    """For a line's keys in order: the slots that may set the step (best first), and the slot
    of each key that counts (its first appearance, if it names a metric)."""
    first: dict[str, int] = {}
    for slot, key in enumerate(shape):
        if key not in first and is_metric_key(key):
            first[key] = slot
    ranked = []
    for key, slot in first.items():
        rank = _step_rank(key)
        if rank is not None:
            ranked.append((rank, slot))
    ranked.sort()
    fine = frozenset(slot for rank, slot in ranked if rank < _EPOCH_RANK)
    return [slot for _, slot in ranked], [(slot, key) for key, slot in first.items()], fine
