"""What a metric rule is, and the number syntax every rule shares.

A rule (``Rule``) turns one line into ``(key, value, step)`` findings (``Found``); a progress
bar's rule reads the ``Bar`` drawn. Values are ints, floats, scientific notation, ``nan``,
``inf``/``-inf`` and percentages. A percentage keeps the number as printed (``acc: 91.5%`` is
91.5, not 0.915), so that it reads the same in runlab as in the program's output. A number must
end at a delimiter (space, tab, ``,`` ``;`` ``|`` ``)`` ``]`` ``}``, a sentence-ending ``.`` or
the end of the line), which is what keeps times, dates, versions, IP addresses, sizes
(``12MB``) and progress counters (``5/10``) from becoming metrics.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)

__all__ = ["CLAIM", "NUMBER", "OBJECT_REPR", "STEP_NAMES", "VALUE_END", "Bar", "Found", "Rule",
           "bar_findings", "comma_number", "decimal_commas", "numbers_plain", "parse_number", "plain_number", "printed_tolerance",
           "in_unit", "to_number", "units_of", "unwrapped"]

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

# The names of a step, best first: a line's integer under one of them is its step.
# (TD3's `Total T: 5000`, its total timesteps.) A fold, a trial and a round hold epochs.
# The environment steps a reinforcement-learning run has taken, the usual axis of its curves:
# `Timesteps: 2048 | Episodes: 40 | Mean reward: 30.13`, `total_timesteps=12288, mean_reward=80`,
# PPO-PyTorch's `Episode : 12 \t\t Timestep : 4800 \t\t Average Reward : 21.5`, RLlib's
# `timesteps_total`: a step, ranked with `num_updates`, so a line's `step` or leading counter
# wins (pytorch-a2c-ppo-acktr-gail's `Updates 10, num timesteps 220`, `iter 0: timesteps=512`).
ENV_STEPS = frozenset({"timesteps", "timestep", "total_timesteps", "num_timesteps",
                       "timesteps_total", "env_steps", "env_step", "total_env_steps"})
STEP_NAMES = ("global_step", "total_t", "step", "num_updates", "iteration", "iter", "it", "generation",
              "episode", "ep", "epoch", "round", "trial", "fold")

# One number as printed. Signs on nan/inf are accepted because numpy prints -inf and -nan.
NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?i:nan|inf(?:inity)?)"

# What may follow a value. A comma before a digit is a thousands separator (1,234 is not 1),
# and a `.` only ends a sentence when a space or the line end follows it (or `..`, the
# separator of a widely copied course's `Epoch 1/10.. Train loss: 0.512.. Test loss: 0.456..`).
# (A value may be followed by its uncertainty, `-1666.6+/-0.3`, `0.91±0.02`, UltraNest's `0.46+-0.08`, or by the
# threshold it is compared with, dynesty's `dlogz: 1683.1>   0.5`.)
VALUE_END = r"(?=[\s;|)\]}]|\((?=[-+]?\d)|,(?!\d)|\.{1,3}(?:\s|$)|$|\+/?-|±|>\ )"

_NUMBER_ALONE = re.compile(rf"\s*({NUMBER})\s*%?\s*", re.ASCII)
# A number printed as its type's repr: PyTorch's `tensor(0.6931, grad_fn=<NllLossBackward0>)`
# and `tensor([0.4321])` (`tensor([[0.4321]])` too), NumPy 2's `np.float64(0.51)`, `array(0.5)`, JAX's `Array(0.5,
# dtype=float32)`, TensorFlow's `tf.Tensor(0.5, shape=(), dtype=float32)` (its str) and
# `<tf.Tensor: shape=(), dtype=float32, numpy=0.5>` (its repr): one number, then only keyword
# arguments, to the line's end when torch continues them on the next line (`tensor(0.6931,
# device='cuda:0',`) or a terminal cuts the line (`loss=tensor(4.9000, grad_fn=<DivBac`). A
# tensor of several numbers is not a value.
_WRAPPED = re.compile(
    rf"\b(?:tensor|np\.(?:float|int|uint)\d{{0,3}}|(?:Device)?Array|array|tf\.Tensor)"
    rf"\((?:\[|\[\[)?({NUMBER})(?:\]|\]\])?(?:(?:, ?[a-z_]+=(?:[^()]|\(\)){{0,160}})?\)"
    rf"|(,(?: ?[a-z_]{{1,40}}(?:=[^()]{{0,160}})?)?\s*$))"
    rf"|<tf\.Tensor: shape=\(\), dtype=\w{{1,20}}, numpy=({NUMBER})>"
    # a tuple of one number after its name, BasicSR's learning rates, `lr:(2.000e-04,)`
    rf"|(?<=\blr[:=])\(({NUMBER}),\)", re.ASCII)
# The head of an object's repr, `Name(field=`: its fields are its state or settings, not metrics
# (optax's `ScaleByAdamState(count=Array(0, dtype=int32), ...)`, a scikit-learn estimator's).
OBJECT_REPR = re.compile(r"(?<![\w.])[A-Z]\w{0,80}\(\w{1,80}=", re.ASCII)
# (but a result's, SciPy's `TtestResult(statistic=np.float64(-3.86), pvalue=...)`: its numbers)
_RESULT_REPR = re.compile(r"[A-Z]\w{0,80}Result\(", re.ASCII)


@dataclass(frozen=True, slots=True)
class Rule:
    """One named way of finding metrics in a line.

    ``parse`` returns the findings of one line (an empty list when the line is not for it).
    It only runs on lines that contain one of ``triggers``, plain substrings checked before any
    regex, since most output lines hold no metric. Rules run in table order; the flags say
    what the parser does with what a rule found:

    - ``sets_step``: a header. Its findings that carry a step set the current step for this
      and later lines and are not recorded; its other findings are metrics at that step.
      With ``ends_step`` too, the line ends its step (optuna's `Trial 3 finished ...`): its
      metrics are at that step, and the lines after it at the next.
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
    - ``counts``: a position within an epoch (``Step [100/600]``). Its one finding is
      ``(name, position, length)``; the parser turns it into the line's global step, the
      epoch (the line's own, else the latest header's) times the length plus the position,
      unless the line names a finer step (``step``, ``iter``). With ``sets_step`` (a meter's
      line, ``Epoch: [2][10/500]``, the epoch its second finding) that global step is also
      the step of the lines after it (its epochs from 0; a ProgressMeter's from 1 when the first
      printed is 1).
    - ``generic``: a shape any program prints (`loss: 0.4`, JSON, `| loss 0.4 |`), not one
      library's own format: while a hooked framework runs, what such a rule reads under a key
      the hook does not record is the program's own print (a user's line in a callback).
    """

    name: str
    description: str
    parse: Callable[[str], list[Found]]
    triggers: tuple[str, ...]
    sets_step: bool = False
    ends_step: bool = False
    final: bool = False
    redraws: bool = False
    rows: Callable[[str], Callable[[str], list[Found]]] | None = None
    noise: bool = False
    bar: Callable[[str], Bar | None] | None = None
    starts: str = ""
    counts: bool = False
    generic: bool = False


@dataclass(frozen=True, slots=True)
class Bar:
    """One drawing of a progress bar: which bar (its description without digits and its
    total), its counter, the global step of its counter 0 when the bar itself tells it (rich's
    `Epoch 2/9` and its total) else None, the metrics it shows, whether more of them may
    follow on the next line (rich wraps them), whether it is PyTorch Lightning's, the key
    its line ends with when the value went onto the next line (``train_loss:``), and whether
    it shows a step's values before its counter moves to that step (Ignite's, but for the
    first step of each of its bars), the text printed right after it on the same line (a
    log line written while the bar had not ended its line), and how many of the metrics,
    first, its description shows (set apart from its postfix: each set on its own), and
    its description as printed."""

    family: str
    counter: int
    total: int
    base: int | None
    found: list[Found]
    wraps: bool = False
    lightning: bool = False
    dangling: str = ""
    ahead: bool = False
    rest: str = ""
    described: int = 0
    label: str = ""  # its description as printed (rich's `Epoch 2`: which task's row it is)


CLAIM: Found = ("", 0, None)
"""What a rule returns for a line it recognises that holds no metric (a bar showing only
Lightning's ``v_num``): never recorded, but with ``final`` it keeps the line from later rules."""


def unwrapped(line: str) -> str:
    """The line with each number printed as its type's repr written as the number alone
    (`loss: tensor(0.6931, grad_fn=<NllLossBackward0>)` reads as `loss: 0.6931`)."""
    if "(" not in line:
        return line
    head = OBJECT_REPR.search(line)
    if head is not None and _RESULT_REPR.match(line, head.start()) is None:
        return line
    return _WRAPPED.sub(_number_of, line)


# Numbers printed with thousands separators: with a fraction after a space, `:` or `=`
# (`Perplexity: 1,234.56`, `ppl 12,345.6`), a position (`Step 1,000/4,500`), a count after a
# step's word (`step 1,000 |`, `step: 1,000`, `Iter 1,000/10,000`). (Other whole numbers so
# printed are counts, Keras' `Total params: 1,234,567`; a comma then a digit after it is a
# list or a CSV row.)
_GROUP = r"[1-9]\d{0,2}(?:,\d{3})+"
_GROUPED = re.compile(
    rf"(?<=[\s:=])[-+]?{_GROUP}\.\d+(?![\d.]|,\d)"
    rf"|(?<![\w.,])(?:{_GROUP}/(?:{_GROUP}|\d+)|\d+/{_GROUP})(?!\d|,\d)"
    rf"|\b(?i:step|iter|iteration|it|episode|update|updates)(?:\ {{1,4}}|\ ?[:=]\ {{0,4}})"
    rf"{_GROUP}(?![\d.]|,\d)(?:/(?:{_GROUP}|\d+)(?!\d|,\d))?",
    re.ASCII)


# A name, an arrow, its value: nanoT5's `Loss --> 5.123 | Lr --> 0.010`, read as `Loss: 5.123`
# (not a value's change, `val_loss: 0.31 --> 0.29`, `(inf --> 0.8)`, nor a mapping's, `yes -->
# 33 --> yes`).
_ARROWED = re.compile(
    r"(?<![^\s|,;\[(])(?!(?i:inf|nan)\ )([A-Za-z][\w.\-/]{0,60})\ -->"
    r"(?=\ [-+]?(?:\d{1,30}(?:\.\d{0,30})?|\.\d{1,30})(?:[eE][-+]?\d{1,4})?\ {0,8}(?:[|,;]|$))", re.ASCII)


# A whole number so printed after a measure's name is the measure's value, read whole: an RL
# loop's `Return 1,250`, `reward: 12,000`, a throughput's `tok/s 539,391`.
_GROUPED_AFTER_NAME = re.compile(
    rf"(?<![\w.,])([A-Za-z][\w/.\-]{{0,40}})(\ {{1,4}}|\ ?[:=]\ {{0,4}})([-+]?{_GROUP})"
    rf"(?![\d.]|,\d)", re.ASCII)


# `vs` after a value: the next clause's name follows (`Train R2: 0.95 vs Test R2: 0.88`).
_VERSUS = re.compile(r"(?<=[\d%])\ (?:vs\.?|versus)\ (?=[A-Za-z])", re.ASCII)
_DOLLARS = re.compile(r"(?<=[:=]\ )\$(?=\d)|(?<=[:=])\$(?=\d)", re.ASCII)


# A number printed with a decimal comma, as German, French, Spanish or Russian programs print
# them (`Verlust: 0,482`, `acc: 88,8 %`, `loss: 1.234,5`), in a value's place (after a space,
# `:` or `=`; not a list's, `1,2,3`, nor a bracket's, `(0,10)`). Its digits before the comma
# (grouped with points or not), after it.
_COMMA_DECIMAL = re.compile(
    r"(?<=[\s:=\uff1a\uff1d])([-+]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d{1,18})),(\d{1,18})(?!\d|[.,]\d)",
    re.ASCII)


def _surely_decimal(whole: str, part: str) -> bool:
    """Whether a number's comma can only be a decimal one: after a 0 (`0,48`, not a list's
    round `0,100`), a digit before four or more (`1,4820`, not `16,1024`, a shape), or
    thousands grouped with points (`1.234,5`); not `1,482` (a thousand and more, as English
    prints it), `2,5` or `10,20` (a list, `milestones=10,20`)."""
    digits = whole.lstrip("+-")
    return (digits == "0" and len(part) > 1 and not part.endswith("00")
            or len(digits) == 1 and len(part) > 3 or "." in whole)


# A digit, a comma, a digit: in every number `_COMMA_DECIMAL` and `_GROUP` read (a line without
# one has none, and is looked at no further).
_DIGIT_COMMA = re.compile(r"\d,\d", re.ASCII)


def decimal_commas(line: str, seen: bool) -> tuple[str, int]:
    """The line with its numbers printed with a decimal comma written with a point where the
    output prints them so: `seen` (lines before said so), or this line shows it, with a
    number that can only be one (`_surely_decimal`) and another with a comma, and no number
    with a point (`loss: 0,482 - acc: 88,8 %`); and what the line says of it: 3 where it shows
    it, 1 where it leans that way (such a number alone, no point: a set-up line's `seeds:
    0,42` is no proof), else 0. One that could be a thousands separator or a list (`loss:
    1,482`, `acc: 88,8`) is read as a decimal only then."""
    if _DIGIT_COMMA.search(line) is None:
        return line, 0
    commas = surely = 0
    for match in _COMMA_DECIMAL.finditer(line):
        commas += 1
        surely += _surely_decimal(match[1], match[2]) or len(match[2]) != 3 and (
            line[match.end() : match.end() + 2].lstrip(" ")[:1] == "%")  # (`45,5 %`: no list)
    # (such output groups thousands with a point, `Schritt 1.000`: a line whose every number
    # with a point is so grouped)
    grouped = _DOT_GROUPED.sub(_ungrouped, line) if "." in line else line
    if grouped != line and _POINT_DECIMAL.search(grouped) is not None:
        grouped = line
    leans = surely > 0 and _POINT_DECIMAL.search(grouped) is None
    if leans and commas > 1:
        return _COMMA_DECIMAL.sub(_with_point, grouped), 3
    if seen and commas:
        return _COMMA_DECIMAL.sub(_with_point, grouped), int(leans)
    return line, int(leans)


# A whole number grouped in thousands with points (`1.000`, `12.500.000`), not one with a
# decimal comma after it (`1.234,5`, read by `_COMMA_DECIMAL`).
_DOT_GROUPED = re.compile(r"(?<![\w.,])[1-9]\d{0,2}(?:\.\d{3})+(?!\w|[.,]\d)", re.ASCII)


def _ungrouped(match: re.Match[str]) -> str:
    return match[0].replace(".", "")


_POINT_DECIMAL = re.compile(r"\d\.\d(?!\d\d[.,]\d)")  # (not thousands grouped so: `1.234,5`)


def _with_point(match: re.Match[str]) -> str:
    return f"{match[1].replace('.', '')}.{match[2]}"


def comma_number(text: str) -> float | None:
    """A whole string that is one number printed with a comma (a progress bar's value set as
    text, `Verlust=2,33`, or a pattern's group): a decimal comma unless it may group
    thousands (`1,482`, `12,000`: read as English prints them)."""
    match = _COMMA_ALONE.fullmatch(text)
    if match is None:
        return None
    whole, part = match[1], match[2]
    if len(part) == 3 and "." not in whole and whole.lstrip("+-") != "0":
        return to_number(whole + part)
    return float(whole.replace(".", "") + "." + part)


_COMMA_ALONE = re.compile(r"\s*([-+]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d{1,18})),(\d{1,18})\s*%?\s*",
                          re.ASCII)


def numbers_plain(line: str) -> str:
    """The line with its numbers written plain: a number printed as its type's repr as the
    number alone (`unwrapped`), and one printed with thousands separators without them
    (`ppl 1,234.56` reads as `ppl 1234.56`), an amount without its dollar sign; a name's
    arrow before its value as `: `."""
    if "(" in line:
        line = unwrapped(line)
    if "-->" in line:
        line = _ARROWED.sub(r"\1:", line)
    if "$" in line:
        line = _DOLLARS.sub("", line)  # (an amount's sign: `MAE: $48,537.57` is 48537.57)
    if " vs" in line or " versus " in line:
        line = _VERSUS.sub(", ", line)  # (`Train R2: 0.95 vs Test R2: 0.88`: two clauses)
    if ("/s" in line or "_per_s" in line or "hroughput" in line or "tps" in line
            or "wps" in line) and _SCALED_SUFFIX.search(line) is not None:
        line = _SCALED_AFTER_NAME.sub(_rate_scaled, line)  # (`tok/s: 12.3k` is 12300.0)
    if ("k" in line or "K" in line or "M" in line) and (
            "tep" in line or "ter" in line or "TEP" in line or "TER" in line) and (
            _SCALED_SUFFIX.search(line) is not None):
        line = _STEP_SCALED.sub(_step_scaled, line)  # (`step 2.5k |` is step 2500)
    if "," not in line or _DIGIT_COMMA.search(line) is None:
        return line
    line = _GROUPED.sub(_digits_of, line)
    # (a number with a decimal point on the line says its commas group thousands: `loss 0.5
    # ppl 1,234` is 1234)
    pointed = "." in line and _POINT_DECIMAL.search(line) is not None
    return _GROUPED_AFTER_NAME.sub(_measure_digits if pointed else _measure_digits_unsure, line)


def _digits_of(match: re.Match[str]) -> str:
    return match[0].replace(",", "")


def _measure_digits(match: re.Match[str]) -> str:
    from runlab.parsing.rules.pairs import names_a_rate_or_measure

    if not names_a_rate_or_measure(match[1]):
        return match[0]  # (a count: `Total params: 1,234,567`)
    return match[1] + match[2] + match[3].replace(",", "")


def _measure_digits_unsure(match: re.Match[str]) -> str:
    """As `_measure_digits`, on a line with no decimal point: a measure's value of one group
    (`loss: 1,934`: 1934 as English prints it, or 1.934 as a decimal comma's locale does) is
    no value rather than a wrong one, but for a rate's or a sum's (`tps: 15,822`, `Return
    1,250`), whole numbers as often as not."""
    from runlab.parsing.rules.pairs import names_a_rate

    if match[3].count(",") == 1 and not names_a_rate(match[1]) and (
            _SUMMED.search(match[1]) is None):
        return match[0]
    return _measure_digits(match)


# A sum's name, whose value is as often a whole number in thousands: an RL loop's `Return 1,250`,
# `reward: 12,000`.
_SUMMED = re.compile(r"(?i:reward|return)s?$", re.ASCII)


# A rate's value in thousands or millions after its name and `:` or `=`, as LLM loops print a
# throughput: `tok/s: 12.3k`, `tokens/s=1.2M`, `throughput=1.5M tok/s`, `Tokens/sec: 12.3K`.
# Read scaled, never as the number before its suffix (`tokens: 1.2M`, a count, stays unread;
# among `name value` pairs, `loss 1.0 tok/s 3.5k`, it is an aside).
_SCALED_AFTER_NAME = re.compile(
    r"(?<![\w.,])([A-Za-z][\w/.\-]{0,40})(\ ?[:=]\ {0,4})(\d{1,9}(?:\.\d{1,6})?)([kKM])"
    r"(?=[\s,;|)\]}]|$)", re.ASCII)
_SCALED_SUFFIX = re.compile(r"\d[kKM](?=[\s,;|)\]}]|$)", re.ASCII)  # (looked for first: cheaper)
_SCALES = {"k": 3, "K": 3, "M": 6}


# A step's count in thousands or millions after its word, as long LLM runs print it: `step 2.5k |
# loss 1.14`, `iter 5k/10k`, `Step: 1.2M`; read as the whole count where it is one (2500).
_STEP_SCALED = re.compile(
    r"\b((?i:global_step|step|iteration|iter)(?:\ {1,4}|\ ?[:=]\ {0,4}))(\d{1,9}(?:\.\d{1,6})?)"
    r"([kKM])(?:/(\d{1,9}(?:\.\d{1,6})?)([kKM]))?(?=[\s,;|)\]}]|$)", re.ASCII)


def _step_scaled(match: re.Match[str]) -> str:
    from decimal import Decimal

    count = Decimal(match[2]).scaleb(_SCALES[match[3]])
    total = None if match[4] is None else Decimal(match[4]).scaleb(_SCALES[match[5]])
    if count != count.to_integral_value() or total is not None and (
            total != total.to_integral_value()):
        return match[0]  # (not a whole count: `step 1.2345k`)
    return f"{match[1]}{int(count)}" + ("" if total is None else f"/{int(total)}")


def _rate_scaled(match: re.Match[str]) -> str:
    from decimal import Decimal

    from runlab.parsing.rules.pairs import names_a_rate

    if not names_a_rate(match[1]):
        return match[0]
    scaled = format(Decimal(match[3]).scaleb(_SCALES[match[4]]), "f")
    # (with a fraction, as a measure's value: a whole number there reads as a count)
    return f"{match[1]}{match[2]}{scaled if '.' in scaled else scaled + '.0'}"


def _number_of(match: re.Match[str]) -> str:
    if match[1] is None:
        return match[3] if match[3] is not None else match[4]
    # Continued or cut after the number: the number is whole, as if its bracket closed (a
    # tqdm postfix cut at the terminal's width keeps its last item).
    return match[1] + "]" if match[2] else match[1]


def printed_tolerance(x: float) -> float:
    """How far from `x` a value may be that was printed as `x`: half a unit of its last digit
    (`1.01`: 0.005; tqdm's three digits, `0.0645`: 0.00005; `9e-05`: 0.000005). A whole
    number from 1000 up is taken to its last digit that is not 0, as significant-digit
    formats round it (the Trainer's `.4g`: 20915.962 is `2.092e+04`, read as 20920), but to
    three significant digits at the least."""
    mantissa, _, exponent = repr(x).partition("e")
    decimals = len(mantissa.partition(".")[2].rstrip("0")) - (int(exponent) if exponent else 0)
    if decimals <= 0 and abs(x) >= 1000:
        # (to three significant digits at the least: `30000` is not 25600's)
        whole = str(int(abs(x)))
        decimals = -min(len(whole) - len(whole.rstrip("0")), len(whole) - 3)
    return 0.5 * 10.0 ** -decimals * (1 + 1e-9)


def to_number(text: str) -> float:
    """Convert text matched by ``NUMBER``: an int when written as one that fits 64 bits."""
    digits = text[1:] if text[:1] in "+-" else text
    if digits.isdigit() and len(digits) <= 18:
        return int(text)
    return float(text)


def parse_number(text: str) -> float | None:
    """Read a whole string as one number (surrounding space and a trailing % allowed)."""
    match = _NUMBER_ALONE.fullmatch(text)
    return to_number(match.group(1)) if match else None


def plain_number(value: object) -> float | None:
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


# A value's unit after it, fused or a space apart (`950ms`, `1.20s`, `400.0 MB`, `1.2 GiB`):
# times as Rust's and Go's durations and fmt helpers print them, sizes as humanize.naturalsize
# does (decimal prefixes; binary ones with an `i`). Each unit is its family's and its size in
# the family's smallest unit (nanoseconds, bytes), so that converting is exact.
_UNIT_SIZES: dict[str, tuple[str, int]] = {
    "ns": ("time", 1), "us": ("time", 10**3), "µs": ("time", 10**3), "μs": ("time", 10**3),
    "ms": ("time", 10**6), "s": ("time", 10**9), "sec": ("time", 10**9),
    "min": ("time", 60 * 10**9), "h": ("time", 3600 * 10**9),
    "B": ("size", 1), "kB": ("size", 10**3), "KB": ("size", 10**3), "MB": ("size", 10**6),
    "GB": ("size", 10**9), "TB": ("size", 10**12), "KiB": ("size", 2**10),
    "MiB": ("size", 2**20), "GiB": ("size", 2**30), "TiB": ("size", 2**40)}
_UNIT_AFTER = re.compile(
    r"(?<![\w.])(\d{1,18}(?:\.\d{1,18})?)\ ?(ns|us|µs|μs|ms|sec|min|s|h|[kKMGT]i?B|B)(?![\w/])")


def units_of(line: str) -> list[tuple[int, float, str]]:
    """The values of `line` with a unit after them: where each starts, its value, its unit
    (`dt 950ms` gives (3, 950.0, 'ms'))."""
    return [(match.start(), float(match.group(1)), match.group(2))
            for match in _UNIT_AFTER.finditer(line)]


def in_unit(value: float, unit: str, wanted: str) -> float | None:
    """`value` in `unit` as a value in `wanted` (1.2 in GB is 1200 in MB), or None when the
    two measure different things."""
    have, want = _UNIT_SIZES.get(unit), _UNIT_SIZES.get(wanted)
    if have is None or want is None or have[0] != want[0]:
        return None
    return float(f"{value * have[1] / want[1]:.12g}")  # (no binary noise: 1200, not 1199.99...)


def bar_findings(bar: Bar | None) -> list[Found]:
    """What a progress bar shows, as a rule's findings: each metric at the bar's counter."""
    if bar is None:
        return []
    return [(key, value, bar.counter if key else None) for key, value, _ in bar.found]
