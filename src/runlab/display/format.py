"""Plain-text formatting of values shared by every renderer (no rich here: it is cheap)."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Iterator
from datetime import datetime

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34",
          "cyan": "36", "magenta": "35"}

STATUS_STYLE = {"finished": "green", "failed": "red", "killed": "yellow", "lost": "red",
                "running": "cyan"}


def use_colour(fd: int, env: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Colour only on a terminal, and never with NO_COLOR (https://no-color.org)."""
    if "NO_COLOR" in env:
        return False
    try:
        return os.isatty(fd)
    except OSError:
        return False


def terminal_width(fd: int) -> int | None:
    """The width of the terminal on `fd`, or None when it is not a terminal."""
    try:
        return os.get_terminal_size(fd).columns if os.isatty(fd) else None
    except OSError:
        return None


def paint(text: str, style: str, colour: bool) -> str:
    if not colour or not text:
        return text
    codes = ";".join(STYLES[s] for s in style.split())
    return f"\x1b[{codes}m{text}\x1b[0m"


def number(value: float | None, digits: int = 5) -> str:
    """A number to `digits` significant digits; ints as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.{digits}g}"
    return text


def value(v: Any) -> str:
    """A param or tag value as a user would type it: `1.0` stays `1.0` (a float keeps its
    point, as in the JSON), unlike a metric, which `number` rounds for reading. A float is
    its shortest round-trip form (0.30000000000000004, never 0.3), so that what is shown is
    what `--where params.lr = ...` matches and two values that differ never look alike."""
    if v is None:
        return "null"
    if isinstance(v, float) and math.isfinite(v):
        return repr(v)
    if isinstance(v, (bool, int, float)):
        return number(v)
    if isinstance(v, (list, dict)):
        return json.dumps(v)
    return str(v)


def tags(tags: dict[str, Any]) -> str:
    """A run's tags on one line: a label as its name, the others as key=value."""
    return " ".join(k if v == "" else f"{k}={value(v)}" for k, v in tags.items())


def signed(v: float) -> str:
    text = number(v)
    return text if text.startswith("-") or text in ("nan",) else "+" + text


def change(old: float | None, new: float | None) -> str:
    """How a metric moved, for reading: `+0.2`, `0`; where either value is NaN or infinite,
    whose difference says nothing, the new value and the old: `nan (was 0.5)`. "" when a
    run lacks it."""
    if old is None or new is None:
        return ""
    if math.isfinite(old) and math.isfinite(new):
        return signed(new - old) if new != old else "0"
    if old == new or (math.isnan(old) and math.isnan(new)):
        return "0"
    return f"{number(new)} (was {number(old)})"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 10:
        return f"{seconds:.1f}s"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, s = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{s:02d}s"
    hours, m = divmod(minutes, 60)
    if hours < 24:
        return f"{hours}h{m:02d}m"
    days, h = divmod(hours, 24)
    return f"{days}d{h:02d}h"


def when(t: float | None, now: float | None = None) -> str:
    """A start time as a table shows it: the time today, else the date and time."""
    if t is None:
        return ""
    moment = datetime.fromtimestamp(t)
    today = datetime.fromtimestamp(now) if now is not None else datetime.now()
    if moment.date() == today.date():
        return moment.strftime("%H:%M:%S")
    if moment.year == today.year:
        return moment.strftime("%b %d %H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def size(n: float | None) -> str:
    if n is None:
        return ""
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TiB"


def signal_name(number: int) -> str:
    """A signal as people name it (`SIGINT`), its number when it has no name here."""
    import signal

    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def one_line(text: str) -> str:
    """Text for a table's cell: each line break shown as `⏎`, a tab as a space."""
    return text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", " ")


def command(argv: list[str]) -> str:
    import shlex

    return shlex.join(argv)


def _script_split(argv: list[str]) -> tuple[str, str, list[str]] | None:
    """(program, script, the words after it): the script is the first word after the
    program that is not an option (`python -m pkg`: the module)."""
    if len(argv) < 2:
        return None
    i = 1
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "-m":
        i += 1
    if i < len(argv) and argv[i] == "-m":
        i += 1
    if i >= len(argv):
        return None
    return os.path.basename(argv[0]), argv[i], argv[i + 1:]


def _argv(text: str) -> list[str]:
    """A command line (as `command` joins it) back into words; ValueError when unbalanced."""
    if not any(c in text for c in "'\"\\"):  # nothing quoted: a plain split is exact, and fast
        return text.split(" ")
    import shlex

    return shlex.split(text)


def command_head(text: str) -> str:
    """What a shortened command always keeps: the program and the script's file name."""
    import shlex

    try:
        split = _script_split(_argv(text))
    except ValueError:
        split = None
    if split is None:
        return text
    program, script, _ = split
    return shlex.join([program, os.path.basename(script)])


def shorten_command(text: str, width: int) -> str:
    """A command line cut to `width` from the middle: the program and the script's name
    stay (`python train_tqdm.py … --epochs 3`), then as many of the last words as fit."""
    import shlex

    if len(text) <= width:
        return text
    try:
        split = _script_split(_argv(text))
    except ValueError:
        split = None
    if split is None:
        return text[:max(0, width - 1)] + "…"
    program, script, rest = split
    for head in (shlex.join([program, script]), shlex.join([program, os.path.basename(script)]),
                 shlex.quote(os.path.basename(script))):
        if len(head) + 2 > width:
            continue
        tail: list[str] = []
        for word in reversed(rest):
            candidate = shlex.join([word, *tail])
            if len(head) + 3 + len(candidate) > width:
                break
            tail.insert(0, word)
        if len(tail) == len(rest):
            return shlex.join([*shlex.split(head), *rest])
        first = len(rest) - len(tail)
        if tail and first and rest[first - 1].startswith("-"):  # at an option, not its value
            while tail and not tail[0].startswith("-"):
                tail.pop(0)
        return f"{head} …" + (f" {shlex.join(tail)}" if tail else "")
    return text[:max(0, width - 1)] + "…"


def timestamp(t: float | None) -> str:
    """A full local time with its offset, for `show`."""
    if t is None:
        return ""
    return datetime.fromtimestamp(t).astimezone().strftime("%Y-%m-%d %H:%M:%S %z")


def json_lines(items: Iterable[Any], *, array: bool) -> Iterator[str]:
    """JSON written one item at a time: an array laid out as `json.dumps(list, indent=2)` lays
    it out, or (not `array`) one compact object a line, JSON Lines."""
    from runlab.store.records import to_json_text

    if not array:
        for item in items:
            yield to_json_text(item, ascii_only=True) + "\n"
        return
    first = True
    for item in items:
        # Inside a string a newline is escaped: every raw one starts a line of the layout.
        text = to_json_text(item, indent=2).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + text
        first = False
    yield "[]\n" if first else "\n]\n"
