"""The built-in metric rules: small named functions that find metrics in one line of output.

Owns ``RULES``, the table the parser applies, and the number syntax they share. A rule turns a
line into ``(key, value, step)`` findings and knows nothing of state across lines: which finding
sets the step, what the step is when none is given, which duplicate wins, which redraw of a
progress bar is kept and how far a table goes is the parser's job (parser.py), steered by the
rule's flags. A new library format is one more ``Rule`` here and one more test case; the
library rules come before the generic ones (``json``, ``python_dict``, ``key_value``) and
claim their lines.

Values are ints, floats, scientific notation, ``nan``, ``inf``/``-inf`` and percentages. A
percentage keeps the number as printed (``acc: 91.5%`` is 91.5, not 0.915), so that it reads
the same in runlab as in the program's output. A number must end at a delimiter (space, tab,
``,`` ``;`` ``|`` ``)`` ``]`` ``}``, a sentence-ending ``.`` or the end of the line), which is
what keeps times, dates, versions, IP addresses, sizes (``12MB``) and progress counters
(``5/10``) from becoming metrics.
"""

from __future__ import annotations

import ast
import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)


__all__ = ["CLAIM", "NUMBER", "RULES", "Bar", "Found", "Rule", "parse_number"]

if TYPE_CHECKING:
    from typing import TypeAlias

    Found: TypeAlias = tuple[str, float, int | None]
else:
    Found = tuple
"""One finding: metric key, value and the step the line itself gives for it (else None).

The value is an ``int`` exactly when it was written as an integer that fits in 64 bits; only
such values can become a step.
"""

_INT64 = 2**63

# One number as printed. Signs on nan/inf are accepted because numpy prints -inf and -nan.
NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?i:nan|inf(?:inity)?)"

# What may follow a value. A comma before a digit is a thousands separator (1,234 is not 1),
# and a `.` only ends a sentence when a space or the line end follows it.
_VALUE_END = r"(?=[\s;|)\]}]|,(?!\d)|\.(?:\s|$)|$)"

_NUMBER_ALONE = re.compile(rf"\s*({NUMBER})\s*%?\s*", re.ASCII)


@dataclass(frozen=True, slots=True)
class Rule:
    """One named way of finding metrics in a line.

    ``parse`` returns the findings of one line (an empty list when the line is not for it).
    It only runs on lines that contain one of ``triggers``, plain substrings checked before any
    regex, since most output lines hold no metric. Rules run in table order; the flags say
    what the parser does with what a rule found:

    - ``sets_step``: a header. Its findings that carry a step set the current step for this
      and later lines and are not recorded; its other findings are metrics at that step.
    - ``final``: the line is this rule's alone; the rules after it do not see it.
    - ``redraws``: a progress bar, redrawn in place. Its step is the bar's counter, and gives
      way to a header's step; of the points of one key at one step only the last is kept, held
      until the step moves on or the parser is flushed.
    - ``rows``: a table header. ``rows(header)`` gives the reader of the following lines
      (under this rule's name), used for as long as it finds something (a CLAIM keeps it
      going); the header itself records nothing.
    - ``noise``: a known line of log noise. The value of its first finding is how many lines,
      this one first, record nothing from the rules.
    - ``bar``: a progress bar whose counter is a step (tqdm, rich). The parser calls it instead
      of ``parse``; it gives the ``Bar`` drawn, or None. Every redraw that shows new values is
      a point at the bar's global step (see parser.py).
    - ``starts``: characters a line may start with (after spaces) to reach the rule besides
      its triggers: `100: loss 0.4` holds no trigger but its first character.
    """

    name: str
    description: str
    parse: Callable[[str], list[Found]]
    triggers: tuple[str, ...]
    sets_step: bool = False
    final: bool = False
    redraws: bool = False
    rows: Callable[[str], Callable[[str], list[Found]]] | None = None
    noise: bool = False
    bar: Callable[[str], Bar | None] | None = None
    starts: str = ""


@dataclass(frozen=True, slots=True)
class Bar:
    """One drawing of a progress bar: which bar (its description without digits and its
    total), its counter, the global step of its counter 0 when the bar itself tells it (rich's
    `Epoch 2/9` and its total) else None, the metrics it shows, whether more of them may
    follow on the next line (rich wraps them), whether it is PyTorch Lightning's, and the key
    its line ends with when the value went onto the next line (``train_loss:``)."""

    family: str
    counter: int
    total: int
    base: int | None
    found: list[Found]
    wraps: bool = False
    lightning: bool = False
    dangling: str = ""


CLAIM: Found = ("", 0, None)
"""What a rule returns for a line it recognises that holds no metric (a bar showing only
Lightning's ``v_num``): never recorded, but with ``final`` it keeps the line from later rules."""


def _to_number(text: str) -> float:
    """Convert text matched by ``NUMBER``: an int when written as one that fits 64 bits."""
    digits = text[1:] if text[:1] in "+-" else text
    if digits.isdigit() and len(digits) <= 18:
        return int(text)
    return float(text)


def parse_number(text: str) -> float | None:
    """Read a whole string as one number (surrounding space and a trailing % allowed)."""
    match = _NUMBER_ALONE.fullmatch(text)
    return _to_number(match.group(1)) if match else None


def _plain_number(value: object) -> float | None:
    """A decoded JSON or Python value as a metric value; None for bools, strings, overflow."""
    if type(value) is int:
        if -_INT64 <= value < _INT64:
            return value
        try:
            return float(value)
        except OverflowError:
            return None
    if type(value) is float:
        return value
    return None


# key_value ------------------------------------------------------------------------------------

# A key is the whole name as printed in its clause: up to four words, each starting with a
# letter, joined by single spaces (`val acc`), recorded joined with `_` (`val_acc`). A clause
# starts at the line start or after a space-free separator: `,` `;` `|` ` - `, a tab, a bracket
# (the lookbehind), so the `host` in `http://host:5000` or the `b` in `?b=1` is not one. An
# article or preposition (`the`, `of`, `in`, ...) and an upper-case log level (`INFO`) are not
# part of a name: the name starts after them. A label ending in `: ` just before the name
# (`Test set: Average loss: 0.03`) is its section, kept with `/` (`Test_set/Average_loss`).
# The word count is bounded, so each position costs a bounded number of steps (linear time).
_WORD = (
    r"(?!(?:(?i:a|an|the|to|at|of|in|on|for|from|with|by|is|are|was|were|be|been|will|would"
    r"|has|have|had|and|or)[\ :])"
    r"|(?:DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)[\ :])"
    r"[A-Za-z](?:[\w.\-/]*\w)?"
)
_NAME = rf"{_WORD}(?:\ {_WORD}){{0,3}}"
# A pair's value: an int (a possible step) or any other number; `100%|` is a tqdm bar, not a
# percentage (the bar's 100 fails _VALUE_END). `60000 examples` is a dataset's size.
_COUNTED = (r"(?!\ +(?:examples|samples|items|files|rows|images|tokens|sentences|documents"
            r"|records|lines|bytes|batches|shards|chunks|objects)\b)")
VALUE = rf"(?:([-+]?\d{{1,18}})|({NUMBER}))(?:%(?!\|))?{_VALUE_END}"
_PAIR = re.compile(
    r"(?<![^\s,;|(\[{])"
    rf"(?:({_NAME}):\ +(?=[A-Za-z])(?!(?i:nan|inf)))?"
    rf"({_NAME})"
    r"\s*(?(1):|[:=])\s*"  # after a section label, only `name: value`
    + VALUE + _COUNTED,
    re.ASCII,
)

# What a learned line shape reads for each value: the number is captured by a lookahead and
# then consumed whole, so a value can be read one way only and a line that fails to match
# late never makes the regex retry every earlier value (that retrying is exponential).
_SHAPE_VALUE = "(?=(?P<vSLOT>" + NUMBER + r"))(?P=vSLOT)(?:%(?!\|))?" + _VALUE_END

# `INFO: 3 workers` is a log line, not a metric called INFO; `CUDA Version: 12.4` is a version
# and `cuda:0` a device.
_NOT_KEYS = frozenset(
    spelling
    for word in ("debug", "info", "notice", "warn", "warning", "error", "critical", "fatal",
                 "version", "cuda", "xla", "mps", "npu", "xpu", "hpu")
    for spelling in (word, word.upper(), word.capitalize())
)
# `main.cc:42]` and `train.py:17` are a source file and a line number.
_SOURCE_FILE = re.compile(r".\.(?:c|cc|cpp|cxx|cu|h|hpp|py|pyx|go|rs|java|js|ts|rb)$")
# Set-up values, not measurements: `num_threads=2`, `seed: 42`, `port=29500`, `pid: 4242`,
# and counts of data and of parameters (`num_rows: 27000`, `parameter tensors: 2`).
_SETTING = re.compile(
    r"(?:^|[_./\-])(?:threads?|workers?|seed|port|pid|rank|world_size|cpus?|cores?|gpus?"
    r"|devices?|nodes?|procs?|processes|jobs|version|rows|examples|samples|tensors|parameters"
    r"|params)$",
    re.IGNORECASE,
)

# Download and upload progress (`Downloading model.safetensors: 45%`) is noise.
_TRANSFER = re.compile(r"\b(?:Down|Up)load(?:ing|ed)\b|\bExtracting\b|\bFetching\b", re.IGNORECASE)


def parse_key_value(line: str) -> list[Found]:
    """``loss: 0.5``, ``loss=0.5``, ``val loss = 0.5`` (``val_loss``), several per line."""
    return [
        (key, int(integer) if integer else float(number), None)
        for key, integer, number in key_value_pairs(line)
        if is_metric_key(key)
    ]


def key_value_pairs(line: str) -> list[tuple[str, str, str]]:
    """The raw pairs of a key_value line, (key, int text, other number text), keys named but
    unchecked; none for download progress."""
    if "%" in line and _TRANSFER.search(line):
        return []
    return [
        (f"{head}/{key}".replace(" ", "_") if head else key.replace(" ", "_"), integer, number)
        for head, key, integer, number in _PAIR.findall(line)
    ]


def line_shape(line: str) -> re.Pattern[str]:
    """A regex for lines exactly like `line` but for their key_value values: one group per
    pair, the value's text, in order. Output repeats such lines thousands of times; one match
    of this reads a line faster than finding its pairs again, and in linear time."""
    parts = []
    end = 0
    for slot, match in enumerate(_PAIR.finditer(line)):
        value = match.start(3) if match.group(3) is not None else match.start(4)
        parts.append(re.escape(line[end:value]))
        parts.append(_SHAPE_VALUE.replace("SLOT", str(slot)))
        end = match.end()
    parts.append(re.escape(line[end:]))
    return re.compile("".join(parts), re.ASCII)


def is_metric_key(key: str) -> bool:
    """Whether a key_value key names a metric (not a log level, a device, a source file, a
    setting such as a seed or a thread count)."""
    return key not in _NOT_KEYS and not ("." in key and _SOURCE_FILE.search(key)) and not (
        _SETTING.search(key))


# json -----------------------------------------------------------------------------------------

_JSON_OPEN = re.compile(r'\{\s*"')
_DECODER = json.JSONDecoder()


def parse_json(line: str) -> list[Found]:
    """The numbers of the first JSON object on the line, nested objects flattened with `/`:
    ``{"val": {"loss": 0.4}}`` is ``val/loss``."""
    opening = _JSON_OPEN.search(line)
    if opening is None:
        return []
    try:
        obj, _ = _DECODER.raw_decode(line, opening.start())
    except (ValueError, RecursionError):
        return []
    if not isinstance(obj, dict):
        return []
    found: list[Found] = []
    _flatten(obj, "", found, 0)
    return found


def _flatten(obj: dict[object, object], prefix: str, found: list[Found], depth: int) -> None:
    for key, raw in obj.items():
        name = str(key).strip()
        if not name:
            continue
        if isinstance(raw, dict):
            if depth < _DEPTH:
                _flatten(raw, f"{prefix}{name}/", found, depth + 1)
            continue
        value = _plain_number(raw)
        if value is not None:
            found.append((prefix + name, value, None))


_DEPTH = 8  # nesting levels read below the top


# python_dict ----------------------------------------------------------------------------------

_PY_OPEN = re.compile(r"\{\s*'")
_SPECIAL = {"nan": float("nan"), "inf": float("inf")}


def _literal_number(node: ast.expr) -> float | None:
    if isinstance(node, ast.Constant):
        return _plain_number(node.value)
    if isinstance(node, ast.Name):  # repr() of a float prints nan and inf as bare names
        return _SPECIAL.get(node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = node.operand
        if isinstance(inner, ast.UnaryOp):  # `--1` is not something a program prints
            return None
        value = _literal_number(inner)
        if value is None or isinstance(node.op, ast.UAdd):
            return value
        return -value
    return None


def _dict_tree(line: str, start: int) -> ast.Dict | None:
    """The dict display from ``start`` to the line's last ``}``, parsed and never evaluated."""
    end = line.rfind("}")
    if end < start:
        return None
    # literal_eval would reject nan and inf, which repr() prints as bare names, so the tree is
    # walked instead.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes in strings warn; never print
            tree = ast.parse(line[start : end + 1], mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return tree.body if isinstance(tree.body, ast.Dict) else None


def parse_python_dict(line: str) -> list[Found]:
    """The numbers of a Python dict repr, nested dicts flattened with `/`."""
    opening = _PY_OPEN.search(line)
    if opening is None:
        return []
    tree = _dict_tree(line, opening.start())
    if tree is None:
        return []
    found: list[Found] = []
    _flatten_tree(tree, "", found, 0)
    return found


def _flatten_tree(tree: ast.Dict, prefix: str, found: list[Found], depth: int) -> None:
    for key, node in zip(tree.keys, tree.values):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            continue
        name = key.value.strip()
        if not name:
            continue
        if isinstance(node, ast.Dict):
            if depth < _DEPTH:
                _flatten_tree(node, f"{prefix}{name}/", found, depth + 1)
            continue
        value = _literal_number(node)
        if value is not None:
            found.append((prefix + name, value, None))


# noise ----------------------------------------------------------------------------------------

# Known library lines that look like `key: 3` but hold no metric, and the number of lines each
# silences: LightGBM repeats its best iteration on the line after the notice.
_NOISE = re.compile(
    r"^\s*\S*\.py:\d+: "  # a Python warning: `.../fit_loop.py:321: ... (log_every_n_steps=50)`
    r"|(?P<two>(?:Early stopping, best|Did not meet early stopping\. Best) iteration is:\s*$)"
    r"|\[LightGBM\] \["  # [LightGBM] [Info] Number of data points in the train set: 200, ...
    r"|[GTHI]PU available: "  # Lightning: GPU available: False, used: False
    r"|LOCAL_RANK: \d+ - CUDA_VISIBLE_DEVICES"  # Lightning
    r"|did not improve more than tol="  # scikit-learn's early stopping notice
    r"|^\s*(?:Total|Trainable|Non-trainable) params: "  # Keras' model summary
    # Hugging Face Trainer's banner: `  Num Epochs = 3`, `  Total optimization steps = 9,375`
    r"|^  (?:Num examples|Num Epochs|Instantaneous batch size|Total train batch size"
    r"|Gradient Accumulation steps|Total optimization steps|Number of trainable parameters"
    r"|Batch size)\b[^=]* = "
    r"|^\[notice\] |^\s*Created wheel for "  # pip
    # Lightning's model summary: `Modules in train mode: 4`, `Total FLOPs: 0`
    r"|^\s*(?:Modules in (?:train|eval) mode|Total FLOPs|Total estimated model params size)\b"
    r"|^\s*ℹ "  # spaCy's set-up notices: `ℹ Initial learn rate: 0.001`
)


def parse_noise(line: str) -> list[Found]:
    """Library log lines that hold no metric (the value: how many lines are silenced)."""
    match = _NOISE.search(line)
    if match is None:
        return []
    return [("noise", 2 if match.group("two") else 1, None)]


# sklearn --------------------------------------------------------------------------------------

_SKLEARN = re.compile(
    rf"\s*(?:Iteration (\d{{1,18}}), loss = ({NUMBER})|Validation score: ({NUMBER}))\s*$",
    re.ASCII,
)


def parse_sklearn(line: str) -> list[Found]:
    """scikit-learn's MLP verbose lines: ``Iteration 5, loss = 0.42`` sets the step,
    ``Validation score: 0.75`` (early stopping) follows at that step."""
    match = _SKLEARN.match(line)
    if match is None:
        return []
    iteration, loss, score = match.groups()
    if iteration is None:
        return [("validation_score", _to_number(score), None)]
    step = int(iteration)
    return [("iteration", step, step), ("loss", _to_number(loss), None)]


_GB_HEADER = re.compile(r"\s*Iter\s+Train Loss\s+(?:OOB Improve\s+)?Remaining Time\s*$")
_GB_ROW = re.compile(
    rf"\s*(\d{{1,18}})\s+({NUMBER})\s+(?:({NUMBER})\s+)?\d+(?:\.\d+)?[smh]\s*$", re.ASCII
)


def parse_gb_header(line: str) -> list[Found]:
    """The header of gradient boosting's verbose table."""
    return [("header", 0, None)] if _GB_HEADER.match(line) else []


def parse_gb_row(line: str) -> list[Found]:
    """``   10   3575.1827   1306.1301   0.02s``: iteration, train loss, [OOB improvement], time."""
    match = _GB_ROW.match(line)
    if match is None:
        return []
    iteration, loss, oob = match.groups()
    step = int(iteration)
    found: list[Found] = [("train_loss", _to_number(loss), step)]
    if oob is not None:
        found.append(("oob_improve", _to_number(oob), step))
    return found


# fraction -------------------------------------------------------------------------------------

# PyTorch's MNIST example: `Accuracy: 9910/10000 (99%)`, the count right out of the total and its
# percentage. A bare `5/10` stays a progress counter; with its percentage it is a score.
_FRACTION = re.compile(
    rf"(?<![^\s,;|(\[{{])({_NAME}):\s*(\d{{1,18}})/\d{{1,18}} \(\d+(?:\.\d+)?%\)", re.ASCII
)


def parse_fraction(line: str) -> list[Found]:
    """``Accuracy: 9910/10000 (99%)`` as Accuracy 9910, the count as printed first."""
    return [(name.replace(" ", "_"), int(count), None)
            for name, count in _FRACTION.findall(line) if is_metric_key(name)]


# table ----------------------------------------------------------------------------------------

# A header naming its columns, two or more spaces apart, the first a counter: fastai's
# `epoch     train_loss  valid_loss  accuracy  time`, spaCy's `E    #       LOSS TOK2VEC  ...`.
_COLUMN = r"[A-Za-z#][\w#/.\-]*(?: [A-Za-z][\w/.\-]*)?"
_TABLE_HEADER = re.compile(rf"\s*({_COLUMN})(?: {{2,}}{_COLUMN}){{2,}}\s*", re.ASCII)
_COUNTER_COLUMNS = ("#", "step", "Step", "iter", "Iter", "iteration", "Iteration", "epoch",
                    "Epoch", "E")
_DIVIDER = re.compile(r"\s*-+(?: +-+)+\s*")
# Progress bars drawn between a table's rows (fastprogress) do not end the table.
_BARLIKE = re.compile(r"\d%|it/s|s/it|━")


def parse_table_header(line: str) -> list[Found]:
    """A header whose first column is a counter (``epoch``, ``#``, ``step``, ``E``)."""
    match = _TABLE_HEADER.fullmatch(line)
    if match is None or match.group(1) not in _COUNTER_COLUMNS:
        return []
    return [CLAIM]


def _between_rows(line: str) -> bool:
    """A divider, a progress bar or a bar's leftover drawn between a table's rows."""
    return bool(_DIVIDER.fullmatch(line) or _BARLIKE.search(line)
                or not any(c.isalnum() for c in line))


def table_rows(header: str) -> Callable[[str], list[Found]]:
    """The reader of a table's rows: one number a column, the counter column as the step
    (the finest of them: spaCy's `#` before its `E`); columns of times (`00:01`) are skipped."""
    names = [name.replace(" ", "_") for name in re.split(r" {2,}", header.strip())]
    counters = [i for name in _COUNTER_COLUMNS for i, n in enumerate(names) if n == name]

    def read(line: str) -> list[Found]:
        fields = line.split()
        if len(fields) != len(names) or _DIVIDER.fullmatch(line):
            return [CLAIM] if _between_rows(line) else []
        values = [parse_number(field) for field in fields]
        step = values[counters[0]] if counters else None
        if type(step) is not int:
            return [CLAIM] if _between_rows(line) else []
        return [(name, value, step) for i, (name, value) in enumerate(zip(names, values))
                if value is not None and i not in counters]

    return read


# sb3_box --------------------------------------------------------------------------------------

# stable-baselines3's logger: a box of `| section/ |  |` and `|    key | value |` rows between
# two dashed lines, dumped at `time/total_timesteps`.
_BOX_EDGE = re.compile(r"-{10,}\s*")
_BOX_ROW = re.compile(r"\|\s*(\S[^|]*?)\s*\|\s*([^|]*?)\s*\|\s*")


def parse_box_edge(line: str) -> list[Found]:
    """The dashed line that opens a stable-baselines3 box."""
    return [CLAIM] if _BOX_EDGE.fullmatch(line) else []


def box_rows(header: str) -> Callable[[str], list[Found]]:
    """The reader of one box: its rows are held, then given out at the closing line, each at
    the box's ``time/total_timesteps``."""
    section = ""
    held: list[Found] = []
    done = False

    def read(line: str) -> list[Found]:
        nonlocal section, done
        if done:
            return []
        row = _BOX_ROW.fullmatch(line)
        if row is None:
            if not _BOX_EDGE.fullmatch(line):
                return []
            done = True
            steps = [v for k, v, _ in held if k.endswith("total_timesteps") and type(v) is int]
            step = steps[0] if steps else None
            return [(key, value, step) for key, value, _ in held] or [CLAIM]
        name, text = row.groups()
        if not text:
            section = name if name.endswith("/") else f"{name}/"
            return [CLAIM]
        value = parse_number(text)
        if value is not None and len(held) < 1000:
            held.append((section + name, value, None))
        return [CLAIM]

    return read


# xgboost, lightgbm ----------------------------------------------------------------------------

# `[3]` at the start of the line, or after a logger's prefix (`INFO:root:[3]`).
_ROUND = re.compile(r"(?:^|.*?[\s:])\[(\d{1,18})\]\t")
_XGB_ITEM = re.compile(rf"([^\s:]+):({NUMBER})(?:\+({NUMBER}))?(?:\t|\s*$)", re.ASCII)
_LGB_ITEM = re.compile(rf"(\S+)'s (\S+): ({NUMBER})(?: \+ ({NUMBER}))?(?:\t|\s*$)", re.ASCII)


def parse_xgboost(line: str) -> list[Found]:
    """``[3]\\ttrain-rmse:0.51\\teval-rmse:0.61`` at step 3; ``xgb.cv``'s ``0.51+0.02`` adds
    ``train-rmse-std``."""
    start = _ROUND.match(line)
    if start is None:
        return []
    step = int(start.group(1))
    found: list[Found] = []
    for key, value, std in _XGB_ITEM.findall(line, start.end()):
        found.append((key, _to_number(value), step))
        if std:
            found.append((f"{key}-std", _to_number(std), step))
    return found


def parse_lightgbm(line: str) -> list[Found]:
    """``[10]\\tvalid_0's l2: 0.3`` as ``valid_0-l2`` at step 10; ``lgb.cv``'s ``+ 0.01`` adds
    ``cv_agg-l2-stdv``."""
    start = _ROUND.match(line)
    if start is None:
        return []
    step = int(start.group(1))
    found: list[Found] = []
    for data, metric, value, std in _LGB_ITEM.findall(line, start.end()):
        found.append((f"{data}-{metric}", _to_number(value), step))
        if std:
            found.append((f"{data}-{metric}-stdv", _to_number(std), step))
    return found


# keras ----------------------------------------------------------------------------------------

_KERAS_BAR = re.compile(r"\s*(\d{1,18})/(?:\d{1,18}|Unknown)\s")
_KERAS_ITEM = re.compile(rf"\s-\s([A-Za-z_][\w.\-/]*):\s({NUMBER}){_VALUE_END}", re.ASCII)


def parse_keras(line: str) -> list[Found]:
    """A Keras progress line, ``8/8 ━━━━ 0s 3ms/step - accuracy: 0.53 - loss: 0.72`` (or
    ``verbose=2``'s ``8/8 - 0s - 3ms/step - ...``); the bar's counter (8) goes with it."""
    bar = _KERAS_BAR.match(line)
    if bar is None:
        return []
    n = int(bar.group(1))
    return [(key, _to_number(value), n) for key, value in _KERAS_ITEM.findall(line, bar.end())]


# tqdm_postfix ---------------------------------------------------------------------------------

# `Epoch 0:  50%|█████| 12/24 [00:01<00:01, 9.50it/s, loss=0.3]`, or without a total `5it
# [00:01, 9.50it/s, ...]`: the counter, then a bracket that starts with the elapsed time and
# holds the rate, then the postfix if any; in a terminal the line may be cut at its width.
_TQDM = re.compile(
    r"(?<!\S)(\d{1,18})(?:/(\S+)|[A-Za-z]*) \[(?:\d+:)?\d+:\d\d(?:<[^,\]]*)?, ([^,\]]*)"
    r"(?:, ([^\]]*))?(\]|$)"
)
_POSTFIX_ITEM = re.compile(r"(?:^|, )([^=,\s][^=,]*)=([^,]*)")
_NOT_METRICS = frozenset({"v_num"})  # Lightning's logger version
# Bars of bytes and of dataset records (downloads, `Map: ... examples/s`) count no steps.
_NOT_STEPS = re.compile(r"(?:B|examples|ex|ba)/s\s*$")
_DESCRIPTION = re.compile(r"[\d%:\s]+")
# Lightning's bars besides the training bar (their descriptions without digits and spaces).
_LIGHTNING_BARS = ("SanityCheckingDataLoader", "ValidationDataLoader")


def read_tqdm(line: str) -> Bar | None:
    """A tqdm bar, ``Epoch 3:  50%|█| 12/24 [00:01<00:01, 9.5it/s, loss=0.3, acc=0.9]``
    (tqdm's ``set_postfix``, PyTorch Lightning's bar): its counter (12) and its postfix."""
    bar = _TQDM.search(line)
    if bar is None:
        return None
    counter, total, rate, postfix, end = bar.groups()
    items = _POSTFIX_ITEM.findall(postfix or "")
    if not end:  # a terminal cut the line at its width: the last item may be cut too
        items = items[:-1]
    found: list[Found] = []
    for key, text in items:
        value = parse_number(text)
        if value is not None and key not in _NOT_METRICS:
            found.append((key.strip(), value, None))
    if _NOT_STEPS.search(rate):
        return Bar("", 0, 0, None, found or [CLAIM]) if postfix else None
    description = _DESCRIPTION.sub("", line[: bar.start()].split("|", 1)[0])
    size = int(total) if total and total.isdigit() and len(total) <= 18 else 0
    lightning = "v_num=" in (postfix or "") or description.startswith(_LIGHTNING_BARS)
    return Bar(f"{description}|{total}", int(counter), size, None, found or [CLAIM],
               lightning=lightning)


def parse_tqdm_postfix(line: str) -> list[Found]:
    """The metrics a tqdm bar shows, at the bar's counter."""
    bar = read_tqdm(line)
    if bar is None:
        return []
    return [(key, value, bar.counter if key else None) for key, value, _ in bar.found]


# rich_bar -------------------------------------------------------------------------------------

# PyTorch Lightning's RichProgressBar: `Epoch 2/9 ━━━━━╸━━━━ 12/24 0:00:01 • 0:00:01 9.50it/s
# v_num: 0 train_loss: 0.61`. Through a pipe rich draws it once, at the end of the run, and
# may wrap its metrics onto the next line (which the key_value rule reads).
_RICH = re.compile(
    r"(?<!\S)(\d{1,18})/(\d{1,18}|\?) +(?:-:--:--|\d+:\d\d:\d\d) • (?:-:--:--|\d+:\d\d:\d\d)"
    r"(?: +\S*(?:it/s|s/it))?(?= |$)"
)
_RICH_EPOCH = re.compile(r"\s*Epoch (\d{1,9})/\d+\s")
_DANGLING = re.compile(r"(?<!\S)([A-Za-z][\w./\-]*):\s*$")


def read_rich(line: str) -> Bar | None:
    """A rich progress bar (Lightning's RichProgressBar): its counter and metrics; under an
    `Epoch N/M` description its global step is N times the total plus the counter."""
    bar = _RICH.search(line)
    if bar is None:
        return None
    counter, total = int(bar.group(1)), bar.group(2)
    tail = line[bar.end() :]
    found: list[Found] = [
        (key, int(integer) if integer else float(number), None)
        for key, integer, number in key_value_pairs(tail)
        if key not in _NOT_METRICS and is_metric_key(key)
    ]
    dangling = _DANGLING.search(tail)
    head = line[: bar.start()]
    cut = min((i for i in (head.find(c) for c in "━╸╺") if i >= 0), default=len(head))
    size = int(total) if total.isdigit() else 0
    epoch = _RICH_EPOCH.match(head)
    base = int(epoch.group(1)) * size if epoch is not None and size else None
    family = _DESCRIPTION.sub("", head[:cut])
    return Bar(f"{family}|{total}", counter, size, base, found or [CLAIM], wraps=True,
               lightning=True, dangling=dangling.group(1) if dangling else "")


def parse_rich_bar(line: str) -> list[Found]:
    """The metrics a rich bar shows, at the bar's counter."""
    bar = read_rich(line)
    if bar is None:
        return []
    return [(key, value, bar.counter if key else None) for key, value, _ in bar.found]


# name_value -----------------------------------------------------------------------------------

# A leading counter: `step 100:`, `iter 5:`, `it 200 |`, `[100]` (not XGBoost's `[3]\t`), `100:`.
_COUNTER = re.compile(
    r"\s*(?:(?:step|iter|iteration|it)\s+(\d{1,18})\s*(?:[:|]|$)|\[(\d{1,18})\](?!\t)"
    r"|(\d{1,18}):(?![\d/]))",
    re.ASCII | re.IGNORECASE,
)
_CLAUSES = re.compile(r"[|\t,;]")
_NAMED_VALUE = re.compile(rf"\s*({_NAME})\s+({NUMBER})(?:%|ms|s)?\s*", re.ASCII)
# fairseq's validation summary names its subset: `| valid on 'valid' subset | loss 0.84 |`.
_SUBSET = re.compile(r"\s*valid on '([\w.\-]+)' subset\s*")
_UNPREFIXED = frozenset({"epoch", "num_updates"})


def parse_name_value(line: str) -> list[Found]:
    """``it 200 | train_loss 0.3 | val_loss 0.35`` (fairseq, hand-written loops): `name value`
    clauses between `|` or tabs (a value may carry `%`, `ms` or `s`); and a leading counter
    (`step 100: loss 0.4`, `[100]`, `100:`) as the line's step. fairseq's `valid on 'valid'
    subset` prefixes the names after it (`valid_loss`)."""
    counter = _COUNTER.match(line)
    found: list[Found] = []
    if counter is not None:
        text = counter.group(1) or counter.group(2) or counter.group(3)
        found.append(("step", int(text), None))
        rest = line[counter.end() :]
    elif "|" in line or "\t" in line:
        rest = line
    else:
        return []
    prefix = ""
    for clause in _CLAUSES.split(rest):
        match = _NAMED_VALUE.fullmatch(clause)
        if match is None:
            subset = _SUBSET.fullmatch(clause)
            if subset is not None:
                prefix = subset.group(1) + "_"
        else:
            name = match.group(1).replace(" ", "_")
            key = name if name in _UNPREFIXED else prefix + name
            if is_metric_key(key):
                found.append((key, _to_number(match.group(2)), None))
    return found


# hf_trainer -----------------------------------------------------------------------------------


def parse_hf_trainer(line: str) -> list[Found]:
    """A Hugging Face Trainer log dict, whose floats are printed as strings:
    ``{'loss': '0.6933', 'learning_rate': '4.375e-05', 'epoch': '0.375'}``. Every value is a
    metric, ``epoch`` too (``'1'`` is epoch 1.0, never a step)."""
    opening = _PY_OPEN.search(line)
    if opening is None:
        return []
    tree = _dict_tree(line, opening.start())
    if tree is None:
        return []
    found: list[Found] = []
    quoted = False
    for key, node in zip(tree.keys, tree.values):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            continue
        name = key.value.strip()
        if not name:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = parse_number(node.value) if len(node.value) < 64 else None
            if value is not None:
                quoted = True
                found.append((name, float(value), None))
            continue
        number = _literal_number(node)
        if number is not None:
            found.append((name, float(number), None))
    return found if quoted else []


# epoch_header ---------------------------------------------------------------------------------

# At the start of the line only: `Epoch 3/10`, `Epoch 3`, `epoch: 3/10`, `Epoch [3/10]`,
# `[Epoch 3/10]`, and Lightning's `Epoch 3: 100%|...`. The number is used as printed (Keras
# counts from 1). `epoch=3` is a key=value pair, whose step holds for its own line only.
_EPOCH_HEADER = re.compile(
    r"\s*\[?\s*epoch(?:\s*:|\s)\s*\[?\s*(\d{1,18})\s*(?:/\s*\d{1,18}\s*)?\]?"
    r"(?=[\s,;|:\])\-]|$)",
    re.ASCII | re.IGNORECASE,
)


def parse_epoch_header(line: str) -> list[Found]:
    """``Epoch 3/10`` and its variants: the step for this and the following lines."""
    match = _EPOCH_HEADER.match(line)
    if match is None:
        return []
    epoch = int(match.group(1))
    return [("epoch", epoch, epoch)]


RULES: list[Rule] = [
    Rule(
        "epoch_header",
        "a line starting with `Epoch 3/10`, `Epoch 3`, `epoch: 3/10` or `Epoch [3/10]` sets "
        "the step for itself and the following lines; it records nothing",
        parse_epoch_header,
        ("Epoch", "epoch", "EPOCH"),
        sets_step=True,
    ),
    Rule(
        "noise",
        "known lines that hold no metric: Python warnings (`x.py:321: ... (n_steps=50)`), "
        "`[LightGBM] [Info] ...: 200`, LightGBM's `Early stopping, best iteration is:` and "
        "the repeated line after it, Lightning's `GPU available: False`, scikit-learn's "
        "`... tol=0.0001 ...`, Keras' model summary, the Trainer's banner, pip's notices",
        parse_noise,
        (".py:", "[LightGBM] [", "iteration is:", "PU available: ", "LOCAL_RANK: ", "tol=",
         " params: ", " = ", "[notice] ", "Created wheel", "Modules in ", "Total FLOPs",
         "Total estimated", "ℹ "),
        noise=True,
    ),
    Rule(
        "sklearn",
        "scikit-learn's verbose MLP: `Iteration 5, loss = 0.42` (step 5), then "
        "`Validation score: 0.75` as validation_score",
        parse_sklearn,
        ("Iteration ", "Validation score: "),
        sets_step=True,
        final=True,
    ),
    Rule(
        "sklearn_gb",
        "scikit-learn's gradient boosting table: `Iter  Train Loss  OOB Improve  Remaining "
        "Time`, then rows as train_loss and oob_improve at the row's iteration",
        parse_gb_header,
        ("Remaining Time",),
        final=True,
        rows=lambda header: parse_gb_row,
    ),
    Rule(
        "sb3_box",
        "stable-baselines3's box: `| rollout/ |  |` then `|    ep_rew_mean | 22.4 |` as "
        "rollout/ep_rew_mean, every row at the box's time/total_timesteps",
        parse_box_edge,
        ("----------",),
        rows=box_rows,
    ),
    Rule(
        "table",
        "a table whose header names its columns, the first a counter (fastai's `epoch  "
        "train_loss  valid_loss  accuracy  time`, spaCy's `E  #  LOSS TOK2VEC  ...  SCORE`): "
        "each row's numbers under their column's name, at the row's counter",
        parse_table_header,
        ("epoch ", "Epoch ", "E ", "# ", "step ", "Step ", "iter", "Iter"),
        rows=table_rows,
    ),
    Rule(
        "xgboost",
        "XGBoost's evaluation log: `[3]\\ttrain-rmse:0.51\\teval-rmse:0.61` at step 3",
        parse_xgboost,
        ("]\t",),
        final=True,
    ),
    Rule(
        "lightgbm",
        "LightGBM's evaluation log: `[10]\\tvalid_0's l2: 0.3` as valid_0-l2 at step 10",
        parse_lightgbm,
        ("'s ",),
        final=True,
    ),
    Rule(
        "keras",
        "a Keras progress line: `8/8 ━━━━ 0s 3ms/step - accuracy: 0.88 - loss: 0.43`, one "
        "point per key and epoch however often the bar is redrawn",
        parse_keras,
        ("/step", "/sample"),
        final=True,
        redraws=True,
    ),
    Rule(
        "tqdm_postfix",
        "a tqdm bar (tqdm's set_postfix, PyTorch Lightning): `Epoch 3: 50%|█| 12/24 "
        "[00:01<00:01, 9.5it/s, loss=0.3]`, a point per key whenever a redraw shows a new "
        "value, at the bar's global step; Lightning's v_num is not a metric",
        parse_tqdm_postfix,
        ("/s, ", "/it, ", "/s]", "/it]"),
        final=True,
        bar=read_tqdm,
    ),
    Rule(
        "rich_bar",
        "a rich progress bar (Lightning's RichProgressBar): `Epoch 2/9 ━━━━ 12/24 0:00:01 • "
        "0:00:01 9.50it/s train_loss: 0.61`, a point per new value at the bar's global step",
        parse_rich_bar,
        (" • ",),
        final=True,
        bar=read_rich,
    ),
    Rule(
        "hf_trainer",
        "a Hugging Face Trainer log dict, its floats printed as strings: "
        "{'loss': '0.6933', 'learning_rate': '4.375e-05', 'epoch': '0.375'}",
        parse_hf_trainer,
        ("{'",),
        final=True,
    ),
    Rule(
        "json",
        'the top-level numbers of a JSON object on the line: {"loss": 0.5, "step": 3}',
        parse_json,
        ("{",),
    ),
    Rule(
        "python_dict",
        "the top-level numbers of a Python dict repr: {'loss': 0.52, 'epoch': 0.5}",
        parse_python_dict,
        ("{",),
    ),
    Rule(
        "name_value",
        "`name value` clauses between `|` or tabs: `it 200 | train_loss 0.3 | val_loss 0.35`; "
        "a leading counter `step 100:`, `iter 5:`, `it 200 |`, `[100]` or `100:` is the "
        "line's step",
        parse_name_value,
        ("|", "\t", "step ", "Step ", "STEP ", "iter", "Iter", "ITER", "it ", "It "),
        starts="0123456789[",
    ),
    Rule(
        "fraction",
        "a count out of a total with its percentage, `Accuracy: 9910/10000 (99%)`, as "
        "Accuracy 9910 (a bare `5/10` is a progress counter, not a metric)",
        parse_fraction,
        ("%)",),
    ),
    Rule(
        "key_value",
        "`key: value`, `key=value`, `key = value`, several per line, the key the whole name "
        "in its clause: `train loss: 0.41, val acc: 87%` gives train_loss and val_acc",
        parse_key_value,
        (":", "="),
    ),
]
