"""The events channel: the file named by RUNLAB_EVENTS, one JSON object a line.

A tracked command reports what it knows itself through it: the Python API (`api.py`) and the
start-up hooks (`inject/`, which keep a copy of `encode` because runlab may not be importable
in the program's Python; a test ties the two together). The recorder reads it while the
command runs. This module is the format, and nothing else: `encode` writes a line, `decode`
reads complete lines back as `Report`s, each holding only what its line holds of the
documented shapes (README, "The events channel").

Any program may write the file, so each line is taken on its own: a line that is no JSON
object is passed over, a value that is no number is left out, a metric name the store would
not keep is refused (with the reason),
a step that is no integer is none (the point gets the next step) and a time that is no
plausible epoch is `now`. A last line without its newline is not read yet.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any


def ack_path(path: str) -> str:
    """The file in which the recorder says how far it has read the channel at `path` (with
    the output the command wrote before): a decimal byte offset."""
    return path + ".ack"


MAX_STEP = 2**63 - 2  # SQLite's INTEGER, with room for the next step
_MAX_TIME = 2.5e11  # epoch seconds around the year 9900: past it dates no longer render


@dataclass
class ArgparseValue:
    """One argument argparse parsed (defaults included)."""

    key: str
    value: Any
    aliases: list[str] = field(default_factory=list)  # its other options (`e` for `epochs`)
    exact: bool = False  # argparse's typing says more than the words typed (`type=`, `nargs`)
    typed: bool = False  # a program under a script typed it (`--seed 7`), no default
    # a secret's, so that the recorder finds it in the command line it recorded, never sent
    # the secret itself: where each value typed for it stands, (how far its word is from the
    # line's end, where in the word it starts, the text's digest, `secret_digest`); and the
    # digests of values whose place is not known, looked for in every word
    secret_at: list[tuple[int, int, str]] = field(default_factory=list)
    secret_hash: list[str] = field(default_factory=list)
    # how its parser takes it, where its hook says (argparse's, click's): by its place, not
    # an option (None: not said); the option turning it off (`no-augment`, one of
    # `aliases`); the subcommand words that chose its parser (`train`)
    positional: bool | None = None
    negative: str | None = None
    command: list[str] = field(default_factory=list)


@dataclass
class Report:
    """What one line of the channel holds, in the documented shapes."""

    time: float
    step: int | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)  # why a metric name was not taken
    params: dict[str, Any] = field(default_factory=dict)
    tag: tuple[str, str] | None = None
    name: str | None = None  # a new name for the run (checked by the recorder)
    artifact: str | None = None  # a file to keep with the run
    hook: str | None = None  # the start-up hook that wrote the line
    owns: list[str] = field(default_factory=list)  # keys the hook's framework prints, never logs
    exclusive: bool | None = None  # the framework's printed lines are its own from now / no more
    keys: list[str] | None = None  # with `exclusive`: only these keys' printed values are
    argparse: list[ArgparseValue] = field(default_factory=list)
    argv: bool = False  # the argparse values are those of the program's own command line
    foreign: bool = False  # the parser is a library's own (Hydra's): its options are no params
    weak: bool = False  # a hook's params that a later hook's params replace (a preprocessor's)
    off: bool = False  # the hook turned itself off after an error
    # Ray's worker actors (`(train_fn pid=1234) ...`) whose forwarded lines are a search's
    # trials', none the run's, whenever they come
    actors: list[str] = field(default_factory=list)
    # the digests of secrets' values the hook hid in this line (`ArgparseValue.secret_hash`):
    # the words of the command line that typed them are hidden too
    secrets: list[str] = field(default_factory=list)
    # what trains, and which of its trainings reported: a program under a script (`bash
    # sweep.sh`), its script's path, and its process; a framework's fit and its count
    program: str | None = None
    training: int | None = None


def encode(message: dict[str, Any]) -> bytes:
    """One line of the channel (what the start-up hooks' `encode` writes too)."""
    return (json.dumps(message, default=str) + "\n").encode()


def decode(data: bytes, now: float) -> tuple[list[Report], int]:
    """The reports in `data`'s complete lines, and how many bytes those lines took."""
    end = data.rfind(b"\n") + 1
    reports = []
    for line in data[:end].splitlines():
        try:
            msg = json.loads(line)
        except (ValueError, RecursionError):  # no JSON, or nested beyond any report
            continue
        if isinstance(msg, dict):
            reports.append(read(msg, now))
    return reports, end


def read(msg: dict[str, Any], now: float) -> Report:
    """One decoded line as a report: what it holds of the documented shapes."""
    # Here, not at the top: the API writes the channel without loading the store.
    from runlab.store.events import metric_name_problem

    report = Report(time=_time(msg.get("time"), now), step=_step(msg.get("step")))
    metrics: dict[Any, Any] = msg["metrics"] if isinstance(msg.get("metrics"), dict) else {}
    if "metric" in msg:
        metrics = {msg["metric"]: msg.get("value")} if isinstance(msg["metric"], str) else {}
    for key, value in metrics.items():
        why = metric_name_problem(key)
        if why is not None:
            report.refused.append(why)
            continue
        try:
            report.metrics[key] = float(value)
        except (TypeError, ValueError, OverflowError):
            continue
    if isinstance(msg.get("param"), str):
        report.params[msg["param"]] = msg.get("value")
    if isinstance(msg.get("params"), dict):
        report.params.update(msg["params"])
        report.weak = msg.get("weak") is True
    if isinstance(msg.get("tag"), str):
        value = msg.get("value")
        report.tag = (msg["tag"], "" if value is None else str(value))
    if isinstance(msg.get("name"), str):
        report.name = msg["name"]
    if isinstance(msg.get("artifact"), str):
        report.artifact = msg["artifact"]
    if isinstance(msg.get("hook"), str):
        report.hook = msg["hook"]
        if isinstance(msg.get("bar"), str) and report.metrics:
            report.metrics = _in_stage(msg["bar"], report.metrics)
        if isinstance(msg.get("described"), str):
            postfix = msg.get("postfix")
            report.metrics.update(_described(
                msg["described"], postfix if isinstance(postfix, str) else ""))
        if isinstance(msg.get("owns"), list):
            report.owns = [k for k in msg["owns"] if isinstance(k, str)]
        if isinstance(msg.get("exclusive"), bool):
            report.exclusive = msg["exclusive"]
            if isinstance(msg.get("keys"), list):
                report.keys = [k for k in msg["keys"] if isinstance(k, str)]
        report.off = msg.get("off") is True
        if isinstance(msg.get("actors"), list):
            report.actors = [a for a in msg["actors"] if isinstance(a, str)][:64]
    report.secrets = _digests(msg.get("secrets"))
    if isinstance(msg.get("argparse"), list):
        for entry in msg["argparse"]:
            key = entry.get("key") if isinstance(entry, dict) else None
            if isinstance(key, str) and key:
                aliases = entry.get("aliases")
                positional, negative = entry.get("positional"), entry.get("negative")
                report.argparse.append(ArgparseValue(key, entry.get("value"), [
                    a for a in aliases if isinstance(a, str) and a and a != key]
                    if isinstance(aliases, list) else [], entry.get("exact") is True,
                    entry.get("typed") is True, _places(entry.get("secret_at")),
                    _digests(entry.get("secret_hash")),
                    positional if isinstance(positional, bool) else None,
                    negative if isinstance(negative, str) and negative else None,
                    _words(entry.get("command"))))
        report.argv = msg.get("argv") is True
        report.foreign = msg.get("foreign") is True
        report.weak = report.weak or msg.get("weak") is True
    if isinstance(msg.get("program"), str) and type(msg.get("training")) is int:
        report.program, report.training = msg["program"][:4096], msg["training"]
    return report


# Held while the parser's modules are first imported: the recorder loads them in a thread of
# its own while the channel, read meanwhile, may need two of them (two threads importing one
# package whose modules import each other deadlock).
PARSER_IMPORT = threading.Lock()


def _in_stage(description: str, metrics: dict[str, float]) -> dict[str, float]:
    """A progress bar's values under the stage its description names (`Epoch 3 [valid]`:
    `valid/loss`), as parsing the bar names them; a key naming its stage already keeps it."""
    with PARSER_IMPORT:
        from runlab.parsing.rules.bars import bar_phase
        from runlab.parsing.rules.pairs import phased

    phase = bar_phase(description[:200])
    if not phase:
        return metrics
    return {key if phased(key) else f"{phase}/{key}": value for key, value in metrics.items()}


def _described(description: str, postfix: str = "") -> dict[str, float]:
    """The values a progress bar's description shows (tqdm's `set_description(f"loss
    {loss:.3f}")`), named as parsing a drawing of the bar names them (a key its postfix shows
    too is the postfix's)."""
    with PARSER_IMPORT:
        from runlab.parsing.rules.bars import read_tqdm
        from runlab.store.events import metric_name_problem

    shown = f", {postfix[:400]}" if postfix else ""
    bar = read_tqdm(f"{description[:200]}:   0%|          | 0/1 [00:00<?, ?it/s{shown}]")
    if bar is None:
        return {}
    return {key: float(value) for key, value, _ in bar.found[: bar.described]
            if key and metric_name_problem(key) is None}


def _time(value: Any, now: float) -> float:
    """A reported time when it is a plausible epoch (a number, not a bool), else `now`."""
    # The comparison also refuses NaN and infinities, and cannot overflow on a huge int.
    if isinstance(value, (int, float)) and not isinstance(value, bool) \
            and 0 <= value < _MAX_TIME:
        return float(value)
    return now


def _step(value: Any) -> int | None:
    """A reported step when it is an integer (not a bool) SQLite can hold, else None."""
    if isinstance(value, int) and not isinstance(value, bool) and -MAX_STEP <= value <= MAX_STEP:
        return value
    return None


def _places(value: Any) -> list[tuple[int, int, str]]:
    """A secret's places, as the hook gives them: [[back, start, digest], ...]."""
    if not isinstance(value, list):
        return []
    return [(place[0], place[1], place[2]) for place in value[:64] if isinstance(place, list)
            and len(place) == 3 and all(type(n) is int and 0 <= n < 1 << 20 for n in place[:2])
            and _digests([place[2]])]


def _words(value: Any) -> list[str]:
    """Subcommand words, as the hook gives them: all text, else none."""
    if not isinstance(value, list) or len(value) > 16 or not all(
            isinstance(w, str) and w for w in value):
        return []
    return list(value)


def _digests(value: Any) -> list[str]:
    """A secret's digests, as the hook gives them (16 hex digits each)."""
    if not isinstance(value, list):
        return []
    return [d for d in value[:64] if isinstance(d, str) and len(d) == 16
            and all(c in "0123456789abcdef" for c in d)]


def secret_digest(text: str) -> str:
    """A text's digest as the start-up hook makes it (`_secret_places`)."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]
