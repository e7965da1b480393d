"""The built-in metric rules: small named functions that find metrics in one line of output.

Owns ``RULES``, the table the parser applies, and the number syntax they share. A rule turns a
line into ``(key, value, step)`` findings and knows nothing of state across lines: which finding
sets the step, what the step is when none is given and which duplicate wins is the parser's job
(parser.py). A new library format is one more ``Rule`` here and one more test case.

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
from typing import TypeAlias

__all__ = ["NUMBER", "RULES", "Found", "Rule", "parse_number"]

Found: TypeAlias = tuple[str, float, int | None]
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
    regex, since most output lines hold no metric. A rule with ``sets_step`` is a header: the
    step of its first finding becomes the current step for this and later lines, and its
    findings are never recorded as metrics.
    """

    name: str
    description: str
    parse: Callable[[str], list[Found]]
    triggers: tuple[str, ...]
    sets_step: bool = False


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

# A key starts a token (line start or after a space, tab, `,` `;` `|` `(` `[` `{`), so the
# `host` in `http://host:5000` or the `b` in `?b=1` is not one. `==` (torch==2.1.0) never
# matches because a value must follow the one separator directly.
_PAIR = re.compile(
    r"(?<![^\s,;|(\[{])"
    r"([A-Za-z](?:[\w.\-/]*\w)?)"
    r"\s*[:=]\s*"
    rf"(?:([-+]?\d{{1,18}})|({NUMBER}))"  # an int (a possible step) or any other number
    r"(?:%(?!\|))?"  # `100%|` is a tqdm bar, not a percentage: the bar's 100 fails _VALUE_END
    rf"{_VALUE_END}",
    re.ASCII,
)

# `INFO: 3 workers` is a log line, not a metric called INFO.
_LOG_LEVELS = frozenset(
    spelling
    for level in ("debug", "info", "notice", "warn", "warning", "error", "critical", "fatal")
    for spelling in (level, level.upper(), level.capitalize())
)

# Download and upload progress (`Downloading model.safetensors: 45%`) is noise.
_TRANSFER = re.compile(r"\b(?:Down|Up)load(?:ing|ed)\b|\bExtracting\b|\bFetching\b", re.IGNORECASE)


def parse_key_value(line: str) -> list[Found]:
    """``loss: 0.5``, ``loss=0.5``, ``loss = 0.5``, several per line."""
    if "%" in line and _TRANSFER.search(line):
        return []
    return [
        (key, int(integer) if integer else float(number), None)
        for key, integer, number in _PAIR.findall(line)
        if key not in _LOG_LEVELS
    ]


# json -----------------------------------------------------------------------------------------

_JSON_OPEN = re.compile(r'\{\s*"')
_DECODER = json.JSONDecoder()


def parse_json(line: str) -> list[Found]:
    """The top-level numeric values of the first JSON object on the line."""
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
    for key, raw in obj.items():
        value = _plain_number(raw)
        name = key.strip()
        if value is not None and name:
            found.append((name, value, None))
    return found


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


def parse_python_dict(line: str) -> list[Found]:
    """The top-level numeric values of a Python dict repr (Hugging Face Trainer logs)."""
    opening = _PY_OPEN.search(line)
    if opening is None:
        return []
    end = line.rfind("}")
    if end < opening.start():
        return []
    # Parsed, never evaluated. literal_eval would reject nan and inf, which repr() prints
    # as bare names, so the tree is walked here instead.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes in strings warn; never print
            tree = ast.parse(line[opening.start() : end + 1], mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    if not isinstance(tree.body, ast.Dict):
        return []
    found: list[Found] = []
    for key, node in zip(tree.body.keys, tree.body.values):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            continue
        value = _literal_number(node)
        name = key.value.strip()
        if value is not None and name:
            found.append((name, value, None))
    return found


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
        "key_value",
        "`key: value`, `key=value`, `key = value`, several per line: "
        "`epoch 3 | loss: 0.43 | acc=0.91`",
        parse_key_value,
        (":", "="),
    ),
]
