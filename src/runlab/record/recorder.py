"""The recorder: what the child prints and reports, into the run's journal.

Small parts, one job each, wired together by `Recorder`:

- `OutputLog` keeps every byte of the output, until the disk says no;
- `OutputMetrics` reads metrics from the output, line by line on each stream;
- `Ownership` decides which source records a metric: a key a framework hook logs is not read
  from the output too, nor is anything the framework prints while its hook says so;
- `ChannelReader` takes what the command reports through the events channel (`channel.py`);
- `Artifacts` keeps the files the run made or names;
- `JournalWriter` appends to the journal and counts in `Losses` what a full disk refused.

The resources monitor (capture/system.py) is given to the recorder once the child runs; its
samples go to the journal with the metrics.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from dataclasses import dataclass, field

from runlab.record import channel, runner
from runlab.store import events as journal_events

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from runlab.lifecycle.artifacts import Capture, Collector
    from runlab.store import Store
    from runlab.store.journal import Event

FLUSH_POINTS = 5000  # flush metric points early when this many are waiting
EXCLUSIVE_GRACE_S = 0.25  # how late a hooked framework's last printed line may be read
# While the channel is in use, how long the output must be quiet for all the command wrote so
# far to count as read (a pty hands on what was written to it a moment later).
QUIET_S = 0.02
# The values of a hooked key kept to tell its printed values from the program's own.
_HOOKED_VALUES = 256
_LEAVES = 512  # the last parts of hooked keys kept
ALL_KEYS = "*"  # muted keys that stand for every key a library's format gives
EVERY_POINT = "**"  # ... and for every point printed (a search whose trials print it all)


def printed_from(x: float, values: list[float]) -> bool:
    """Whether `x`, a value as printed, is one of `values` (to its printed digits, or as a
    percentage); a value that is not finite is taken to be."""
    if x != x or x in (float("inf"), float("-inf")):
        return True
    from runlab.parsing.rules.base import printed_tolerance  # (loaded with the parser)

    tolerance = printed_tolerance(x)
    return any(abs(v - x) <= tolerance or abs(v * 100 - x) <= tolerance for v in values)


def leaf_copy(value: float, step: int | None,
              series: Iterable[list[tuple[int | None, float]]]) -> bool:
    """Whether a printed value is one recorded at its step in one of `series`, the (step,
    value)s recorded under keys ending in its name (`episodic_return=[22.]` printed,
    `charts/episodic_return` 22 written): one series, the recorded one. At its step only: an
    epoch's average printed under the name of a batch's series (`Epoch 3: loss 0.412`) may
    round to another step's value."""
    return printed_from(value, [v for values in series for at, v in values if at == step])


def repeated(value: float, step: int | None, generic: bool,
             values: list[tuple[int | None, float]]) -> bool:
    """Whether a printed `value` of a key also recorded otherwise repeats one of its recorded
    (step, value) `values`. A library's format (a bar, a table of the history)
    may show any of them; a line the program prints itself (`generic`) at an earlier step the
    key was recorded at repeats the value recorded there, if any: an epoch's average printed
    under the name a bar records each batch's value under (`Epoch 2: loss=0.0399`, at step 2)
    is the program's own, although another batch's value may round to it. At the furthest
    step (where a line naming none is, after a fit), any (the best epoch's `val_loss`)."""
    if generic and step is not None and step < max(
            (s for s, _ in values if s is not None), default=step):
        at = [v for s, v in values if s == step]
        if at:
            return printed_from(value, at)
    return printed_from(value, [v for _, v in values])


# A framework's result's own name for a value its hook records under another: the Trainer's
# `TrainOutput(training_loss=...)` is its log's `train_loss`.
_ALIASES = {"training_loss": "train_loss"}
_EVALUATIONS = 16  # the latest evaluations whose printed results are known as theirs


def unqualified(key: str) -> str:
    """The name an evaluation's result has in the program: `eval_loss` is Keras' `loss`."""
    return key[5:] if key.startswith("eval_") else key


def _now() -> float:
    return round(time.time(), 3)


def _load_parser(rules: tuple[list[str], list[str]], made: list[Any]) -> None:
    """Load the parser's rules and make it (in a thread: the output is read meanwhile)."""
    with channel.PARSER_IMPORT:
        from runlab.parsing.parser import MetricParser

    try:
        made.append(MetricParser(*rules))
    except Exception:  # noqa: BLE001 - made again where it is needed, which says why
        pass


@dataclass
class Losses:
    """What the journal could not take (a full disk), said once at the end."""

    error: str | None = None
    points: int = 0  # metric points
    events: int = 0  # other events

    def count(self, events: list[Event], error: str) -> None:
        self.error = error
        self.points += sum(len(ev.get("p") or ()) for ev in events if ev["e"] == "metrics")
        self.events += sum(1 for ev in events if ev["e"] != "metrics")

    def sentence(self) -> str | None:
        """What was lost, in a sentence; None when the journal took everything."""
        if self.error is None:
            return None
        return (f"the run's journal could not be written ({self.error}): {self.points} metric "
                f"point(s) and {self.events} other event(s) are not recorded")


class JournalWriter:
    """Appends the run's events to its journal; what a full disk refuses goes to `losses`."""

    def __init__(self, store: Store, run_id: str) -> None:
        self.store = store
        self.run_id = run_id
        self.losses = Losses()
        self.points = 0  # the metric points written (a series to cache)

    def append(self, events: list[Event], fsync: bool = False) -> bool:
        """Whether the journal took the events."""
        try:
            self.store.append(self.run_id, events, fsync=fsync)
            self.points += sum(len(e["p"]) for e in events if e["e"] == "metrics")
            return True
        except OSError as e:
            self.losses.count(events, e.strerror or str(e))
            return False


class OutputLog:
    """The output log: every byte the child printed, written as it comes."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self.problems = problems
        self.ok = True
        self.written = 0  # bytes in the log
        self.seen = 0  # bytes of output in all

    def write(self, data: bytes) -> None:
        self.seen += len(data)
        if not self.ok:
            return
        try:
            written = os.write(self.fd, data)
            self.written += written
            if written < len(data):  # the disk is full: writing the rest says so
                self.written += os.write(self.fd, data[written:])
        except OSError as e:
            self.ok = False
            self.problems.append(f"the output log stopped being written at {self.written} "
                                 f"bytes ({e.strerror}); the rest of the output was echoed "
                                 "but not kept")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.fsync(self.fd)
        os.close(self.fd)


class OutputMetrics:
    """Metric points read from the output, each stream split into lines, kept until taken.

    The parser's rules take a tenth of a second to load, on the first line of output. They
    load in a thread meanwhile, while the output is still read as it comes, and its lines wait
    in order: stopping to load would let both pipes fill, and the lines of stdout and stderr
    would then be read out of their order (an epoch's header on one, its result on the other).
    """

    def __init__(self, patterns: list[str], disabled: list[str]) -> None:
        from runlab.parsing.lines import LineSplitter

        self._rules = (patterns, disabled)
        self._parser: Any = None  # made once its rules are loaded (see `parser`)
        self._loading: Any = None  # the thread loading them, from the first line of output
        self._made: list[Any] = []  # the parser it made
        self._waiting: list[tuple[float, list[str]]] = []  # lines read meanwhile, with when
        self._waiting_lines = 0
        self.splitters = {runner.STDOUT: LineSplitter(), runner.STDERR: LineSplitter()}
        # Points read from the output, kept until taken: (time read, the parser's points).
        self.batches: list[tuple[float, list[Any]]] = []
        self.count = 0
        self._actors: set[str] = set()  # the Ray actors whose lines are no run's (`trials`)
        self.settings: dict[str, tuple[str, Any]] = {}  # the program's parsed settings, live

    def parser(self) -> Any:
        """The metric parser, with every line read so far parsed. It is made when there is
        output to parse: loading its rules is the one cost a command that prints nothing
        need not pay."""
        if self._parser is None:
            if self._loading is not None:
                self._loading.join()
            if self._made:
                self._parser = self._made[0]
            else:  # (the thread failed, or never ran: made here)
                with channel.PARSER_IMPORT:
                    from runlab.parsing.parser import MetricParser

                self._parser = MetricParser(*self._rules)
            self._parser.trials(self._actors)
            self._parser.settings = self.settings
            waiting, self._waiting, self._waiting_lines = self._waiting, [], 0
            for read_at, lines in waiting:
                self._keep(self._parser.parse_lines(lines), read_at)
        return self._parser

    def trials(self, actors: list[str]) -> None:
        """The lines Ray forwards from these actors are a search's trials' (`MetricParser`)."""
        self._actors.update(actors)
        if self._parser is not None:
            self._parser.trials(actors)

    def _loaded(self) -> bool:
        """Whether the parser is made, made here if its rules have loaded meanwhile."""
        if self._parser is None and self._loading is not None and not self._loading.is_alive():
            self.parser()
        return self._parser is not None

    def feed(self, stream: int, data: bytes) -> None:
        lines = self.splitters[stream].feed(data)
        if not lines:
            return
        if self._loaded():
            self._keep(self._parser.parse_lines(lines))
            return
        self._waiting.append((_now(), lines))
        self._waiting_lines += len(lines)
        if self._loading is None:
            import threading

            self._loading = threading.Thread(target=_load_parser, args=(self._rules, self._made),
                                             daemon=True)
            self._loading.start()
        if self._waiting_lines >= FLUSH_POINTS:
            self.parser()  # as many lines as make a flush: waits for the rules

    def _keep(self, points: list[Any], read_at: float | None = None) -> None:
        if points:
            self.batches.append((_now() if read_at is None else read_at, points))
            self.count += len(points)

    def end(self) -> None:
        """Parse what the output ended with: unfinished lines, and the points progress bars
        keep back until their step moves on."""
        for splitter in self.splitters.values():
            rest = splitter.flush()
            if rest:
                self._keep(self.parser().parse_lines(rest))
        if self._loading is not None or self._parser is not None:  # there was output
            self._keep(self.parser().flush())

    def take(self) -> list[tuple[float, list[Any]]]:
        self._loaded()
        batches, self.batches, self.count = self.batches, [], 0
        return batches

    def moved_to(self, step: int, drawn_at: float) -> None:
        """A hooked framework left the run at `step`: the program's lines after it that name
        no step of their own are at that step. What its bars held back was drawn while it
        ran (at `drawn_at`)."""
        self._keep(self.parser().moved_to(step), drawn_at)

    def released(self, drawn_at: float) -> None:
        """What the bars hold back was drawn by `drawn_at` (a muted window's last Keras line,
        held until its step moves on, is the window's)."""
        if self._parser is not None:
            self._keep(self._parser.release_held(), drawn_at)


class Ownership:
    """One source per metric: what a framework hook records is not read again from the output
    (inside its window, no key it records; outside, no value it recorded, as printed), nor
    what the program reports itself (RUNLAB_EVENTS, the API: no value it reported), nor are
    the framework's own formats (bars, log dicts) while a hook says its framework's printed
    lines are its own; the program's own prints still are (after a fit, a value of a hooked
    key the hook never gave: a fold's result)."""

    def __init__(self) -> None:
        self.hooked: set[str] = set()
        # the last part of a hooked key under a path (`charts/episodic_return`, as CleanRL
        # writes to TensorBoard what it prints as `episodic_return=`) -> those keys
        self.leaves: dict[str, set[str]] = {}
        self.bar_keys: set[str] = set()  # keys the tqdm hook records, while it is on
        # a hooked key in lower case -> those keys (`Eval loss: 1.3235` printed is `eval_loss`)
        self.cased: dict[str, set[str]] = {}
        # a reported key's latest values, as recorded, and the step of each
        self.values: dict[str, list[tuple[int | None, float]]] = {}
        # [from, to, grace) times, to and grace inf while open: what a library format gives in
        # [from, to) is the framework's; in [to, grace) only keys it gave in the window are.
        self.exclusive: list[list[float]] = []
        self.framework_keys: set[str] = set()  # keys read inside a window
        # [from, to, grace, keys): what the output gives of `keys` then is no run's (the
        # fits of a cross-validation's clones)
        self.muted: list[tuple[list[float], frozenset[str]]] = []
        # the muted windows opened since the output was last quiet, each with when its mark
        # was read: each starts once the output written before its mark is read (`settled`);
        # meanwhile what the output gives after the mark was read waits (`held`)
        self.opening: list[tuple[list[float], float]] = []
        self.held: list[tuple[float, list[Any]]] = []
        # The latest evaluations' results the Keras hook recorded qualified (`eval_loss`), by
        # the name the program has them under (`loss`): printed (`print(model.evaluate(...))`),
        # they are those values, not the training's.
        self.evaluated: dict[str, list[float]] = {}
        # The open window's hook and the furthest step it reported in it; once it closes,
        # the step the run is at (`moved`), for the program's lines after it.
        self._hooked_window: tuple[str, int | None] | None = None
        self.moved: int | None = None
        self.unmuted: float | None = None  # the start of a muted window that closed
        self.actors: list[str] = []  # Ray actors whose lines are a search's, to tell the parser
        # the windows closed since the output was last quiet (`settled`)
        self.closing: list[list[float]] = []
        # [from, to) just after a settled window: a terminal may hand on the framework's last
        # lines later still, and a copy of a value its hook recorded, at any step, is its
        self.copies: list[tuple[float, float]] = []

    def take_report(self, report: channel.Report, received: float | None = None) -> None:
        """What a report says of the keys and, a hook's, of the lines it owns (`received`:
        when the recorder read it)."""
        for key, value in report.metrics.items():
            values = self.values.setdefault(key, [])
            values.append((report.step, float(value)))
            if len(values) > _HOOKED_VALUES:
                del values[: len(values) - _HOOKED_VALUES]
        if report.hook is None:
            return  # (the program's own report, RUNLAB_EVENTS or the API: its values only)
        if report.hook == "keras":  # (its `evaluate`s' results, which it gives unqualified)
            for key, value in report.metrics.items():
                if unqualified(key) != key:
                    results = self.evaluated.setdefault(unqualified(key), [])
                    results.append(float(value))
                    del results[:-_EVALUATIONS]
        self.hooked.update(report.metrics)
        self.hooked.update(report.owns)
        for key in report.metrics:
            lowered = self.cased.get(key.lower())
            if lowered is None and len(self.cased) < _LEAVES:
                lowered = self.cased[key.lower()] = set()
            if lowered is not None:
                lowered.add(key)
            if "/" in key:
                leaf = key.rsplit("/", 1)[1]
                keys = self.leaves.get(leaf)
                if keys is None and len(self.leaves) < _LEAVES:
                    keys = self.leaves[leaf] = set()
                if keys is not None:
                    keys.add(key)
        if report.hook == "tqdm":
            if report.off:
                self.bar_keys.clear()  # its bars are read from the output again
            else:
                self.bar_keys.update(report.metrics)
        t = report.time
        if report.keys is not None:
            self._mute(report, received)
            return
        window = self._hooked_window
        if window is not None and window[0] == report.hook and report.metrics and (
                report.step is not None):
            self._hooked_window = window = (window[0], max(report.step, window[1] or 0))
        if report.exclusive is True:
            self.exclusive.append([int(t * 1000) / 1000, float("inf"), float("inf")])
            self._hooked_window = (report.hook, None)
        elif report.exclusive is False and self.exclusive:
            # Output written just before the mark may be read just after it; what the
            # program prints itself once the framework returns is its own, at the step the
            # framework left the run at (the one its mark names, else its furthest). The
            # program waits for the mark to be read (`acknowledge`): what the output gave
            # before the recorder read it, however late under load, was printed before it.
            end = t if received is None else max(t, received)
            self.exclusive[-1][1:] = [end, end + EXCLUSIVE_GRACE_S]
            self.closing.append(self.exclusive[-1])
            step = report.step if report.step is not None else (
                window[1] if window is not None else None)
            if step is not None:
                self.moved = step
            self._hooked_window = None

    def _mute(self, report: channel.Report, received: float | None) -> None:
        t = report.time
        if report.exclusive is True:
            # The program waits for the mark to be read and acknowledged, once the output is
            # quiet: what the output gives until then was written before the mark, however
            # its reads and the channel's fell (CatBoost's last iterations, read just after
            # the mark of the `cv()` that follows). The window starts when it settles.
            window = [float("inf")] * 3 if received is not None else [
                t, float("inf"), float("inf")]
            if received is not None:
                self.opening.append((window, max(t, received)))
            # (a study's thousand cross-validations: the latest windows are the ones read)
            self.muted = [*self.muted[-63:], (window, frozenset(report.keys or ()))]
        elif report.exclusive is False and self.muted:
            end = t if received is None else max(t, received)  # (as a window's end)
            # (the latest open one of the same keys: a study's `*` window stays open while
            # a cross-validation inside its trial opens and closes its own)
            keys = frozenset(report.keys or ())
            window = next((opened for opened, its in reversed(self.muted)
                           if its == keys and opened[1] == float("inf")), self.muted[-1][0])
            # (closed before the output was ever quiet, a program that prints all along: it
            # started when its mark was read)
            self._start_opening(window)
            window[:] = [min(window[0], end), end, end + EXCLUSIVE_GRACE_S]
            self.unmuted = window[0]
            self.closing.append(window)

    def _start_opening(self, window: list[float] | None = None) -> None:
        """A window still opening (`window`, else every one) starts when its mark was read."""
        for opening, received in self.opening:
            if window is None or opening is window:
                opening[0] = min(received, opening[1])
        self.opening = [] if window is None else [
            (opening, received) for opening, received in self.opening if opening is not window]

    def release(self) -> None:
        """The output ended: windows still opening start when their marks were read."""
        self._start_opening()

    def _unmuted(self, batches: list[tuple[float, list[Any]]]
                 ) -> list[tuple[float, list[Any]]]:
        kept = []
        for t, points in batches:
            keys = frozenset().union(*(k for (start, _, grace), k in self.muted
                                       if start <= t < grace))
            if EVERY_POINT in keys:  # (Ray Tune's trials': what is printed is theirs)
                points = []
            elif ALL_KEYS in keys:  # (a search's: every library format's, not the program's)
                points = [p for p in points if p.generic]
            kept.append((t, [p for p in points if p.key not in keys] if keys else points))
        return kept

    def from_output(self, batches: list[tuple[float, list[Any]]]) -> list[list[Any]]:
        """The points read from the output that are not a hooked framework's: none under a
        key its hook records; inside its window, none that its own formats (progress bars,
        log dicts) gave, while a shape any program prints (`Point.generic`: a callback's
        `print(f"val_f1={x}")`) is the program's own; just after it, no late read of a key
        its formats gave in the window."""
        if self.held:
            batches, self.held = [*self.held, *batches], []
        if self.opening:
            # (what was read after a mark still opening waits until it starts)
            read = min(received for _, received in self.opening)
            self.held = [batch for batch in batches if batch[0] >= read]
            batches = [batch for batch in batches if batch[0] < read]
        if self.muted:
            batches = self._unmuted(batches)
        kept: list[list[Any]] = []
        hooked, framework, reported = self.hooked, self.framework_keys, self.values
        evaluated = self.evaluated
        for t, points in batches:
            if evaluated:  # (under a label too: `print("Test:", model.evaluate(...))`)
                points = [p for p in points if (leaf := p.key.rsplit("/", 1)[-1]) not in evaluated
                          or not printed_from(float(p.value), evaluated[leaf])]
            where = self._window(t) if self.exclusive else 0
            if not where and not (hooked or reported):  # (a program's own output, fast)
                kept += [[p.key, p.value, p.step, t] for p in points]
                continue
            if not where:
                copied = self.copies and any(a <= t < b for a, b in self.copies)
                leaves = self.leaves
                kept += [[p.key, p.value, p.step, t] for p in points
                         if (p.key not in hooked and p.key not in reported
                             or not self._recorded(p) and not (copied and self._copy(p)))
                         and not (p.key in leaves and self._copy_under(p, leaves[p.key]))
                         and not (("/" in p.key or p.key in _ALIASES)
                                  and self._labelled_copy(p))
                         and not (p.key not in hooked and p.key.lower() in self.cased
                                  and self._copy_under(p, self.cased[p.key.lower()]))
                         # (the mean of the folds the hook records under the plain name:
                         # `print(xgb.cv(...))`'s `test-rmse-mean`, the hook's `test-rmse`)
                         and not (p.key[-5:] in ("-mean", "_mean") and p.key[:-5] in reported
                                  and self._copy_under(p, (p.key[:-5],)))]
                continue
            for p in points:
                if p.key in hooked or (where == 2 and p.key in framework) or (
                        p.key in reported and self._recorded(p)):
                    continue
                if where == 1 and not p.generic:
                    framework.add(p.key)
                    continue
                kept.append([p.key, p.value, p.step, t])
        return kept

    def window_start(self) -> float:
        """When the latest window opened (a time inside it)."""
        return self.exclusive[-1][0] if self.exclusive else _now()

    def settled(self, now: float) -> None:
        """The output is quiet, everything written before the latest mark read: a window that
        closed ends now, with no grace (the hook waited for this), so the program's next
        prints are its own, however soon they come."""
        # (`now` is when the recorder saw the output quiet for QUIET_S: what it read before
        # was read that long before now at least; what the program prints once the mark is
        # acknowledged is read at `now` or later, in the same millisecond too)
        for window, _ in self.opening:
            window[0] = min(now, window[1])  # (what was read before: printed before the mark)
        self.opening = []
        for window in self.closing:
            end = max(window[1], now)
            window[1:] = [end, end]
            self.copies = [*self.copies[-7:], (end, end + EXCLUSIVE_GRACE_S)]
        self.closing = []

    def _recorded(self, point: Any) -> bool:
        """Whether a printed value of a hooked key is one the hook recorded (as printed: to
        its printed digits, or as a percentage, `repeated`); a key the hook only owns
        (Lightning's `v_num`) is always its."""
        values = self.values.get(point.key)
        if values is None or not isinstance(point.value, (int, float)):
            return True
        if point.rule == "tqdm_postfix" and point.key in self.bar_keys:
            return True  # a bar shows what its hook records: at best rounded, and drawn late
        return repeated(float(point.value), point.step, point.generic, values)

    def _copy_under(self, point: Any, keys: Iterable[str]) -> bool:
        """Whether a printed value is one a hook recorded at its step under one of `keys`
        (`leaf_copy`): keys that end in its name (`charts/episodic_return`), or its name in
        other capitals (`Eval loss: 1.3235` printed, the Trainer's `eval_loss`)."""
        if not isinstance(point.value, (int, float)):
            return False
        return leaf_copy(float(point.value), point.step,
                         (self.values[key] for key in keys if key in self.values))

    def _labelled_copy(self, point: Any) -> bool:
        """Whether a printed value under a label (`Test/test_loss`, as `print("Test:",
        trainer.evaluate())` prints a Trainer's results, `metrics/train_loss` in its
        `TrainOutput`) is one a hook recorded under the name after the label."""
        if not isinstance(point.value, (int, float)):
            return False
        from runlab.parsing.rules.base import STEP_NAMES  # (loaded with the parser)
        from runlab.parsing.rules.pairs import PHASES

        label, _, leaf = point.key.rpartition("/")
        if leaf.split("_", 1)[0].lower() not in PHASES and leaf.lower() not in STEP_NAMES and any(
                word in PHASES for word in label.lower().replace("/", "_").split("_")):
            return False  # the label qualifies the name (`val/loss` is no copy of `loss`)
        values = self.values.get(_ALIASES.get(leaf, leaf))
        return values is not None and leaf_copy(float(point.value), point.step, [values])

    def _copy(self, point: Any) -> bool:
        """Whether a printed value of a hooked key is one its hook recorded, at any step."""
        if point.key not in self.hooked or not isinstance(point.value, (int, float)):
            return False
        return printed_from(float(point.value), [v for _, v in self.values.get(point.key, [])])

    def _window(self, t: float) -> int:
        """Where `t` falls: 1 inside a hooked framework's window, 2 just after one (where
        late reads of its lines come), else 0."""
        where = 0
        for start, end, grace in self.exclusive:
            if start <= t < end:
                return 1
            if end <= t < grace:
                where = 2
        return where


@dataclass
class ChannelBatch:
    """What the channel's new lines add to the run: journal events, points, files to keep."""

    events: list[Event] = field(default_factory=list)
    points: list[list[Any]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def extend(self, later: ChannelBatch) -> None:
        self.events += later.events
        self.points += later.points
        self.files += later.files


# The hooks that record a configuration a framework composed from files, defaults and the
# command line's overrides: its values win over the words typed.
_COMPOSING = frozenset({"hydra", "lightning_cli", "jsonargparse", "yacs"})


# Overrides of a library's own settings on the command line (Hydra's `hydra.run.dir=out`,
# `hydra/job_logging=disabled`): no params of the run.
_FOREIGN_OVERRIDES = ("hydra.", "hydra/")


class ChannelReader:
    """Reads the events channel as it grows and turns its reports into the run's events.

    Params a hook reports (argparse's included) rank below those read from the command line
    itself (`argv_params`); everything is redacted before it is recorded.
    """

    def __init__(self, path: str, ownership: Ownership, secret_patterns: tuple[str, ...],
                 problems: list[str]) -> None:
        self.path = path
        self.offset = 0
        self.acked = -1  # the offset last acknowledged (`acknowledge`)
        self.acknowledge()  # (the file says the recorder acknowledges)
        self.ownership = ownership
        self.secret_patterns = secret_patterns
        self.secret_keys: dict[str, bool] = {}  # whether a metric's name is a secret's
        from runlab.capture.args import SECRET_PATTERNS

        # (patterns of the settings', beyond the built-in ones the parser knows)
        self.configured_secrets = any(p not in SECRET_PATTERNS for p in secret_patterns)
        self.hooked_params: dict[str, Any] = {}  # the settings searches found (`flush`)
        self.problems = problems
        self.argv_params: dict[str, Any] = {}  # params read from the command line itself
        self.command: list[str] = []  # the command line as recorded
        # values on it that the program's parser reads as secrets (`-k X` into `api_key`), and
        # whether the run's start has yet to be hidden as `command` now has it
        self.hidden: list[str] = []
        self.to_hide = False
        self.assigned: set[str] = set()  # the keys of secrets the command line's words read
        # as overrides (`user` of `--password user=x`): no params
        self.given_params: set[str] = set()  # those given with -p: what the program read never wins
        self.ranked: set[str] = set()  # params a hook or argparse gave: the first one stays
        self.weak: set[str] = set()  # params a hook gave weakly: the next hook's replace them
        self.steps: dict[str, int] = {}  # the next step of a key reported without one
        # the program's parser's settings by their attribute's name (`amp_dtype` for
        # `--amp-dtype`): (key, value), so that a hook given the parsed namespace
        # (`wandb.init(config=args)`) adds no twin of each
        self.parsed: dict[str, tuple[str, Any]] = {}
        # The keys of a configuration a framework composed (Hydra's, LightningCLI's)
        self.composed: set[str] = set()
        # The settings a program under a script was given on its command line (the first's)
        self.typed: set[str] = set()
        # What trains (a program under a script, a framework's model), each of its trainings
        # (a process, a fit), and the settings each was given first: a shell loop over `--lr`
        # runs several trainings in one run
        self.trainings: dict[str, dict[int, dict[str, Any]]] = {}
        # by program, each setting's values in the order seen (up to `_SHOWN` + 1 of them)
        self.varied: dict[str, dict[str, list[Any]]] = {}
        self.several: str | None = None  # what the run's `trainings` tag says of them
        self.unsettled: set[str] = set()  # the settings they differ in: no params
        self.unset: set[str] = set()  # those dropped from the params already

    def grown(self) -> bool:
        """Whether lines were written since the last read (one `stat`, no reading)."""
        try:
            return os.stat(self.path).st_size > self.offset
        except OSError:
            return False

    def acknowledge(self) -> None:
        """Say how far the channel is read, with the output written before it: a hook that
        marks a framework's end waits for this before the program goes on (README, "Inside
        Python programs"), so that what the program prints next is read after the mark."""
        if self.offset == self.acked:
            return
        try:
            fd = os.open(channel.ack_path(self.path), os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC,
                         0o600)
            try:
                os.pwrite(fd, b"%20d\n" % self.offset, 0)
            finally:
                os.close(fd)
        except OSError:
            return
        self.acked = self.offset

    def read(self) -> ChannelBatch:
        """The reports in the lines written since the last read."""
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read()
        except OSError:
            return ChannelBatch()
        now = _now()
        reports, used = channel.decode(data, now)
        self.offset += used
        return self.apply(reports, now)

    def apply(self, reports: list[channel.Report], received: float | None = None
              ) -> ChannelBatch:
        batch = ChannelBatch()
        params: dict[str, Any] = {}
        tags: dict[str, str] = {}
        renames: list[Event] = []
        dropped: list[str] = []
        options: dict[str, dict[str, Any]] = {}
        for report in reports:
            try:
                self._take(report, batch, params, tags, renames, received)
            except RecursionError:  # params nested beyond what redaction walks: not taken
                continue
            if report.argparse and report.argv:
                dropped += self._typed_aliases(report, params)
            if report.hook in _COMPOSING and report.params:
                dropped += self._composed(report, params)
            if not report.foreign:
                options.update(self._options(report))
        for key in self.unsettled.intersection(params):  # (whichever training came first)
            del params[key]
        if self.unsettled > self.unset:
            dropped += sorted(self.unsettled - self.unset)
            self.unset |= self.unsettled
        if params or dropped or options:
            batch.events.append(journal_events.params(params, dropped, options))
        if tags:
            batch.events.append(journal_events.tag(tags))
        batch.events += renames
        return batch

    def _trainings(self, program: str, training: int, settings: dict[str, Any]
                   ) -> str | None:
        """The `trainings` tag's new text once something trains again with other settings: a
        program under a script in another process (a shell loop over `--lr`, `xargs -P`),
        given other values on its command line, or a framework's fit of another model of the
        same kind with other hyperparameters; how many trainings, and the settings that
        differ (`3 of train.py: lr 0.1, 0.01, 0.001`). None while it says nothing new. Each
        report adds only its own settings' values: a loop of thousands of processes costs
        each of them the same."""
        runs = self.trainings.setdefault(program, {})
        if training not in runs and len(runs) >= MAX_TRAININGS:
            return None
        first = runs.setdefault(training, {})  # (a training's first settings: a fine-tuning
        varied = self.varied.setdefault(program, {})  # fit of the same model is the same one)
        grew = len(first) == 0 and len(runs) > 1
        for key, value in settings.items():
            if key in first or key in _UNCOMPARED or _FOLDER.search(key) is not None:
                continue
            first[key] = value
            seen = varied.setdefault(key, [])
            if len(seen) <= _SHOWN and value not in seen:
                seen.append(value)
                grew = grew or len(seen) > 1
        if not grew:
            return None
        parts = []
        for name, processes in self.trainings.items():
            differ = {key: seen for key, seen in self.varied.get(name, {}).items()
                      if len(seen) > 1}
            if len(processes) < 2 or not differ or any(
                    _NOT_TRAININGS.fullmatch(key.lower().replace("-", "_")) for key in differ):
                continue  # (`train` then `test`; a fit resumed; a step run on each split)
            # (what the user gave with -p, and the command's own words, stay its params)
            self.unsettled.update(key for key in differ
                                  if key not in self.given_params and key not in self.argv_params)
            varied_text = "; ".join(
                f"{key} {', '.join(map(_setting, seen[:_SHOWN]))}"
                f"{', ...' if len(seen) > _SHOWN else ''}" for key, seen in differ.items())
            shown = os.path.basename(name).partition("#")[0] or name
            parts.append(f"{len(processes)} of {shown}: {varied_text}")
        text = " | ".join(parts)[:MAX_TRAININGS_TEXT] or None
        if text is None or text == self.several:
            return None
        self.several = text
        return text

    def _options(self, report: channel.Report) -> dict[str, dict[str, Any]]:
        """How the program's parser takes each argument of the report (`events.params`'s
        `options`), its names kept only where they hold no secret's text. A hook that does
        not say which option turns a flag off names it among the aliases (`no-amp`,
        absl's `noamp`)."""
        from runlab.capture.args import hide_key, redact_value

        def plain(name: str) -> bool:
            return hide_key(name, self.hidden) == name and (
                redact_value(name, self.secret_patterns) == name)

        out: dict[str, dict[str, Any]] = {}
        for entry in report.argparse:
            if not plain(entry.key):
                continue
            option: dict[str, Any] = {}
            aliases = [name for name in entry.aliases if plain(name)]
            if aliases:
                option["aliases"] = aliases
            negative = entry.negative if entry.positional is not None else next(
                (name for name in (f"no-{entry.key}", f"no_{entry.key}", f"no{entry.key}")
                 if name in aliases), None)
            if negative is not None and plain(negative):
                option["negative"] = negative
                if negative not in aliases:
                    option["aliases"] = [*aliases, negative]
            if entry.positional is not None:
                option["positional"] = entry.positional
            if entry.command and all(plain(word) for word in entry.command):
                option["command"] = list(entry.command)
            out[entry.key] = option
        return out

    def _hide(self, entry: channel.ArgparseValue) -> None:
        """A secret the program's parser read under a spelling that names none (`-k X` into
        `api_key`, `--hf X` for `--hf-token`, `-kX`, a positional `api_token`): the words it
        was typed in, found in the recorded command line where the hook says (checked by
        their digests; else looked for in every word), hidden in what the run's start
        recorded, those words only, and the params holding its text."""
        from runlab.capture.args import REDACTED

        command, found = self.command, False
        for back, start, digest in entry.secret_at:
            at = len(command) - back
            if 0 <= at < len(command) and channel.secret_digest(command[at][start:]) == digest:
                self._hide_text(at, start, command[at][start:])
                found = True
        digests = {digest for _, _, digest in entry.secret_at} if not found else set()
        digests.update(entry.secret_hash)
        for at, word in enumerate(command if digests else ()):
            # (the word, what follows its `=`, its value attached after grouped short flags,
            # `-vvkX`; a shell script's words, `sh -c "python t.py -k X"`)
            short = word[:1] == "-" and word[1:2] != "-"
            starts = {0, word.find("=") + 1, *(range(2, len(word)) if short else ())}
            for start in sorted(starts):
                if channel.secret_digest(word[start:]) in digests:
                    self._hide_text(at, start, word[start:])
                    break
            else:
                for part in word.split() if " " in word else ():
                    if channel.secret_digest(part) in digests:
                        self._hide_text(at, None, part)
        for name in (entry.key, *entry.aliases):
            if name in self.argv_params and self.argv_params[name] not in (True, False, None):
                self.argv_params[name] = REDACTED

    def _hide_text(self, at: int, start: int | None, text: str) -> None:
        """Hide `text` in the command's word `at`: from `start` on, or as a shell script's
        word of its own (`start` None); and wherever a param's value is that text."""
        from runlab.capture.args import ASSIGNMENT, REDACTED, hidden_text

        word = self.command[at]
        if start is not None:
            word = word[:start] + hidden_text(text)
        else:
            import re

            word = re.sub(rf"(?<!\S){re.escape(text)}(?!\S)", hidden_text(text), word)
        if word == self.command[at]:
            return
        self.command[at] = word
        self.to_hide = True
        if text not in self.hidden and len(text) >= len(REDACTED):
            # (a shorter one is hidden in its word only: as a name's or a value's part, it
            # would be found in too many others)
            self.hidden.append(text)
        assigned = ASSIGNMENT.fullmatch(text)
        if assigned is not None and len(assigned["value"]) >= len(REDACTED):
            # (`--password user=x` read as an override: its value hidden, its key no param)
            self.hidden.append(assigned["value"])
            self.assigned.add(assigned["key"])

    def secret(self, key: str) -> bool:
        """Whether a metric's name is a secret's (`secret_measure`), remembered a key."""
        secret = self.secret_keys.get(key)
        if secret is None:
            from runlab.capture.args import secret_measure

            secret = secret_measure(key, self.secret_patterns)
            if len(self.secret_keys) < 10_000:
                self.secret_keys[key] = secret
        return secret

    def _typed_aliases(self, report: channel.Report, params: dict[str, Any]) -> list[str]:
        """The params the command line gave under another option of an argument its parser
        names by its longest (`-e 3` for `--epochs`), or with the value attached to a short
        option (`-e7`, `-vvv`): that argument's, no param of their own. All of a library's own
        parser's (Hydra's `--config-name`, and its `hydra.*` overrides)."""
        dropped = []
        typed = [key for key in self.argv_params if key not in self.given_params]
        if report.foreign:
            options = {name for entry in report.argparse for name in (entry.key, *entry.aliases)}
            dropped = [key for key in typed
                       if key in options or key.startswith(_FOREIGN_OVERRIDES)]
        else:
            short = {alias for entry in report.argparse for alias in (entry.key, *entry.aliases)
                     if len(alias) == 1}
            named = {name for entry in report.argparse for name in (entry.key, *entry.aliases)}
            for entry in report.argparse:
                if entry.key not in params and entry.key not in self.given_params:
                    continue
                dropped += [alias for alias in entry.aliases if alias in typed]
            dropped += [key for key in typed if key not in named and len(key) > 1
                        and key[0] in short and (key[1:].isdigit() or set(key) == {key[0]})]
            # (`--no-cuda` of an option of its own, `store_true` into `no_cuda`: its value,
            # not a `cuda` false the words look like)
            dropped += [entry.key[3:] for entry in report.argparse
                        if entry.key[:3] in ("no-", "no_") and entry.key[3:] in typed
                        and entry.key[3:] not in named and self.argv_params[entry.key[3:]] is False]
        for key in dropped:
            self.argv_params.pop(key, None)
            params.pop(key, None)
        if self.hidden:  # (a key holding a secret's value, `-kX` read as a flag `kX`: none)
            from runlab.capture.args import hide_key

            for key in [k for k in self.argv_params
                        if hide_key(k, self.hidden) != k or k in self.assigned]:
                self.argv_params.pop(key)
                params.pop(key, None)
                dropped.append(hide_key(key, self.hidden))
            # (every key dropped as the start recorded it: a secret's text hidden in it too)
            dropped = list(dict.fromkeys(hide_key(key, self.hidden) for key in dropped))
        return dropped

    def twins(self, params: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
        """The keys of `params` (a config file's) that the program's parser read under another
        spelling (timm's `-c cfg.yaml`, whose `batch_size` its parser takes as `--batch-size`'s
        default), and the parser's params that take the file's value: one param each, the
        parser's, with the file's value unless the command line typed one or the two differ
        in kind (a program's file is taken to win over its parser's defaults, as files given
        for settings do, and the words typed over both; a DeepSpeed file's `"auto"` is no
        value of an int option: both stay)."""
        dropped, values = [], {}
        for key, value in params.items():
            dotted = key.replace("/", ".")
            if dotted in self.composed:
                # (LightningCLI's `--config cfg.yaml`: its `model.lr`; under the same name,
                # jsonargparse's `CLI(fn)` given a flat file, the composed param itself)
                if dotted != key:
                    dropped.append(key)
                continue
            twin = self._twin(key)
            if twin is None:
                continue
            if twin[1] == value or twin[0] in self.argv_params:
                dropped.append(key)
                if twin[0] not in self.given_params:
                    # (the parser's again, where the file's own event took its place: a
                    # nested key typed, `--data.num_workers 3` beside `data/num_workers`)
                    values[twin[0]] = twin[1]
            elif twin[0] in self.given_params:
                dropped.append(key)  # (`-p batch-size=7` over both)
            elif _same_kind(twin[1], value):
                dropped.append(key)
                values[twin[0]] = value
        return dropped, values

    def _parsed_twin(self, key: str, value: Any) -> bool:
        """Whether a hook's param is one the program's parser read under another spelling
        (`amp_dtype`, `--amp-dtype`'s attribute), with the same value."""
        twin = self._twin(key)
        return twin is not None and twin[1] == value

    def _twin(self, key: str) -> tuple[str, Any] | None:
        """The key and value the program's parser read under another spelling of `key`."""
        # (a file's nested key, `data/num_workers`, is the parser's dotted one, pyrallis')
        twin = self.parsed.get(key.replace("-", "_").replace("/", "."))
        return None if twin is None or twin[0] == key else twin

    def _composed(self, report: channel.Report, params: dict[str, Any]) -> list[str]:
        """Hydra's (and LightningCLI's) composed configuration holds the command line's
        overrides, typed as the configuration types them (`data.splits=[0.7,0.3]` a list): its
        values win over the words typed, and a config group's choice (`model=big`, whose
        settings are `model.*`) is no param of its own. `-p` still wins."""
        from runlab.capture.args import redact_mapping

        composed = redact_mapping(dict(report.params), self.secret_patterns)
        self.composed.update(composed)
        dropped = []
        # (LightningCLI's groups: a word under one, `--optimizer.lr 0.03` or
        # `--trainer.callbacks+=...`, is a shorthand its resolved configuration spells out,
        # `optimizer.init_args.lr`)
        groups = {name.split(".", 1)[0] for name in composed} if (
            report.hook in ("lightning_cli", "jsonargparse")) else set()
        if report.hook == "yacs":
            # (its parser's list of the overrides it merged, `opts`: `KEY VALUE` pairs that
            # the configuration holds, each under its key)
            for key, value in list(self.parsed.values()):
                if isinstance(value, list) and value and len(value) % 2 == 0 and all(
                        isinstance(name, str) and name in composed for name in value[::2]):
                    dropped.append(key)
                    params.pop(key, None)
        for key in [k for k in self.argv_params if k not in self.given_params]:
            if key in composed:
                params[key] = composed[key]
            elif any(name.startswith(key + ".") for name in composed) or (
                    key.split(".", 1)[0].rstrip("+") in groups):
                dropped.append(key)
                self.argv_params.pop(key, None)
                params.pop(key, None)
        return dropped

    def _take(self, report: channel.Report, batch: ChannelBatch, params: dict[str, Any],
              tags: dict[str, str], renames: list[Event], received: float | None) -> None:
        """One report, added to what the batch records once all of it is read (redacted
        here, so nothing of a line that cannot be taken whole is kept)."""
        from runlab.capture.args import redact_mapping

        self.problems += [f"refused a metric from the events channel: {why}"
                          for why in report.refused]
        line_params = dict(report.params)
        ranked: dict[str, Any] = {}  # params that the command line's own override
        scripted: dict[str, Any] = {}  # what a program under a script was given
        self.ownership.take_report(report, received)
        self.ownership.actors += report.actors
        if report.hook is not None:
            if report.hook in _SEARCHES and len(self.hooked_params) < 10_000:
                self.hooked_params.update(report.params)
            ranked = {k: v for k, v in line_params.items() if k not in self.argv_params
                      and not self._parsed_twin(k, v)}
            line_params = {}
        if report.secrets:
            self._hide(channel.ArgparseValue("", None, secret_hash=report.secrets))
        for entry in [] if report.foreign else report.argparse:
            if entry.secret_at or entry.secret_hash:
                self._hide(entry)
            self.parsed.setdefault(entry.key.replace("-", "_"), (entry.key, entry.value))
            typed = next((name for name in (entry.key, *entry.aliases)
                          if name in self.argv_params), None)
            if report.argv and typed is not None and not (
                    self.given_params.intersection([entry.key, *entry.aliases])):
                # The program's parser read its command line: its key, and its value where its
                # typing says more than the words (`type=str` for `007`, a list for `nargs`, a
                # positional apart from an option's value: `--name foo data.csv`)
                typed_value = self.argv_params[typed]
                self.argv_params.setdefault(entry.key, typed_value)
                if entry.exact or isinstance(entry.value, list) != isinstance(typed_value, list) \
                        or _flags_of(typed_value) and not _flags_of(entry.value):
                    # (a repeated option whose values look like assignments, `-S lr=0.1 -S
                    # epochs=3`, is no flag for its parser: `[true, true]` is not its value)
                    line_params[entry.key] = entry.value
                elif typed != entry.key:
                    line_params[entry.key] = typed_value
            elif entry.key not in self.argv_params:
                if entry.typed and entry.key not in self.typed:
                    # (a program under a script given it on its command line: over another
                    # program's default, `prepare.py`'s `--seed` 42 before `train.py --seed 7`)
                    self.typed.add(entry.key)
                    self.ranked.add(entry.key)
                    scripted[entry.key] = entry.value
                else:
                    ranked.setdefault(entry.key, entry.value)
        line_tags = dict([report.tag]) if report.tag is not None else {}
        if report.program is not None and report.training is not None and not report.foreign:
            several = self._trainings(report.program, report.training, {
                e.key: e.value for e in report.argparse} if report.argparse
                else report.params)
            if several is not None:
                line_tags[TRAININGS_TAG] = several
        if line_params or ranked or line_tags:
            line_params = redact_mapping(line_params, self.secret_patterns)
            ranked = redact_mapping(ranked, self.secret_patterns)
            line_tags = redact_mapping(line_tags, self.secret_patterns)
        if report.name is not None:
            from runlab.errors import UsageError
            from runlab.lifecycle.edits import run_name

            try:
                name = run_name(report.name, self.secret_patterns)
                renames.append(journal_events.rename(name or None, report.time))
            except UsageError:
                pass  # a name no run reference could reach (`12`, `last`) is not taken
        if report.artifact is not None:
            batch.files.append(report.artifact)
        for key, value in report.metrics.items():
            if self.secret(key):  # (a number logged under a secret's name)
                continue
            s = self.steps.get(key, 0) if report.step is None else report.step
            self.steps[key] = s + 1
            batch.points.append([key, value, s, report.time])
        params.update(line_params)
        if scripted:
            params.update(redact_mapping(scripted, self.secret_patterns))
        for key, value in ranked.items():
            if report.weak:  # (a preprocessor's, until an estimator that predicts says)
                if key not in self.ranked and key not in self.weak:
                    self.weak.add(key)
                    params.setdefault(key, value)
            elif key not in self.ranked:  # (the first fit's, however the reads fall)
                self.ranked.add(key)
                if key in self.weak:
                    params[key] = value
                else:
                    params.setdefault(key, value)
        tags.update(line_tags)


# The tag naming the trainings one run holds (`ChannelReader._trainings`), and how many
# processes of one program it tells apart at most
TRAININGS_TAG = "trainings"
MAX_TRAININGS = 10_000
MAX_TRAININGS_TEXT = 1000  # (a tag MLflow takes whole, and `ls` can show)
# Settings whose other value makes a run of a program no other training: one that goes on
# with a training (`--resume`, `--ckpt last.pt`, nanoGPT's `init_from=resume`), or a job of
# another kind (`--split val`, `--mode eval`, Hugging Face's `--do_eval`); a setting's name
# in lower case, `_` for `-`.
_NOT_TRAININGS = re.compile(
    r"(?:resume|resume_from|resume_from_checkpoint|resume_path|restore|restore_from|continue|"
    r"continue_from|ckpt|ckpt_path|checkpoint|checkpoint_path|load_checkpoint|from_checkpoint|"
    r"init_from|load_from|split|mode|stage|phase|subset|shard|action|command|input|inputs|"
    r"input_file|infile|do_[a-z_]+)")
# A fit's counts of rounds, which a refit with the best round count changes, and the folder
# each training writes to (`--out runs/$lr`, Hydra's `${hydra:runtime.output_dir}`): not compared
_UNCOMPARED = frozenset({"num_boost_round", "early_stopping_rounds"})
_FOLDER = re.compile(r"(?:^|[._/-])(?:out|output|outputs|\w*dir)\Z", re.IGNORECASE)
_SHOWN = 8  # the values of a setting the tag shows


def _setting(value: Any) -> str:
    """A typed setting as the tag shows it: as typed for a number or a word, else as JSON."""
    import json

    return str(value) if isinstance(value, (str, int, float)) else json.dumps(value, default=str)


# The hooks of searches, whose params are the best trial's settings: printed after the search
# (`print(study.best_params)`), no metrics. (Not a framework's: a constant `lr` printed each
# epoch is a curve.)
_SEARCHES = frozenset({"optuna", "flaml", "ray", "keras_tuner"})
# The rules that read a dict printed whole: a hook's settings printed so are no metrics.
_DICT_RULES = frozenset({"python_dict", "json"})


def _printed_setting(point: Any, settings: dict[str, Any]) -> bool:
    """Whether a printed value is the one a hook recorded as the setting of its name: in a
    dict printed whole (`print(study.best_params)`), to its printed digits; on a line of its
    own, exactly and with six significant digits at the least (`lr: 0.05981221901152557`, not
    a schedule's `lr: 0.001` that a setting started it at)."""
    value = settings[point.key]
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not isinstance(
            point.value, (int, float)):
        return False
    if point.rule in _DICT_RULES:
        return printed_from(float(point.value), [float(value)])
    return float(point.value) == float(value) and len(
        repr(float(value)).lstrip("-0.").split("e")[0].replace(".", "")) >= 6


def _same_kind(a: Any, b: Any) -> bool:
    """Whether two settings' values are of one kind: numbers, or both text, flags or lists (a
    DeepSpeed file's `"auto"` is no value of an int option)."""
    number = (int, float)
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b)
    return isinstance(a, number) and isinstance(b, number) or type(a) is type(b)


class Artifacts:
    """The files kept with the run: those the artifact globs match that the run created or
    changed, and those the command names itself (lifecycle/artifacts.py does the keeping)."""

    def __init__(self, store: Store, run_id: str, cwd: str) -> None:
        self.store = store
        self.run_id = run_id
        self.cwd = cwd
        self._collector: Collector | None = None  # made when a file is to be kept
        self._before: dict[str, tuple[int, ...]] | None = None  # the globs' files at start

    def collector(self) -> Collector:
        if self._collector is None:
            from runlab.lifecycle.artifacts import Collector

            self._collector = Collector(self.store.root, self.store.run_dir(self.run_id),
                                        self.cwd)
        return self._collector

    @property
    def kept(self) -> dict[str, str]:
        """Stored name -> sha256 of each file kept so far."""
        return self._collector.kept if self._collector is not None else {}

    def snapshot(self, globs: list[str]) -> None:
        """Note the files the globs match before the command starts (what it changes counts)."""
        if globs:
            self._before = self.collector().snapshot(globs)

    def capture(self, globs: list[str], since: float) -> Capture:
        return self.collector().add_globs(globs, since, self._before)

    def add(self, files: list[str]) -> Capture:
        return self.collector().add(files)


class Recorder:
    """Receives the child's output and reports, and records them through the parts above."""

    def __init__(self, store: Store, run_id: str, patterns: list[str], disabled: list[str],
                 events_path: str, secret_patterns: tuple[str, ...], cwd: str = ".") -> None:
        self.problems: list[str] = []
        self.journal = JournalWriter(store, run_id)
        self.log = OutputLog(store.output_path(run_id), self.problems)
        self.metrics = OutputMetrics(patterns, disabled)
        self.ownership = Ownership()
        self.channel = ChannelReader(events_path, self.ownership, secret_patterns,
                                     self.problems)
        # (the settings the program's parser read: printed whole, `print(vars(args))`, no metrics)
        self.metrics.settings = self.channel.parsed
        self.artifacts = Artifacts(store, run_id, cwd)
        self.monitor: Any = None  # the ResourceMonitor, once the child runs
        self._ahead = ChannelBatch()  # what the channel gave, read ahead of a flush (`quiet`)

    def output(self, stream: int, data: bytes) -> None:
        self.log.write(data)
        self.metrics.feed(stream, data)
        if self.metrics.count >= FLUSH_POINTS:
            self.flush()

    def quiet_s(self) -> float:
        """How soon to look at the channel again when the output is quiet: often once the
        program uses it (a hook may be waiting, `quiet`), else only at ticks."""
        return QUIET_S if self.channel.offset or self.channel.grown() else float("inf")

    def quiet(self, pending: Callable[[], bool] = lambda: False) -> None:
        """The output is quiet: all the program wrote before its latest reports is read. A
        framework's end is applied here, before anything the program prints after it, and
        the channel acknowledged. Not while output is `pending`: a hook writes what was
        printed before its report, and output read after the report would seem later."""
        if self.channel.grown():
            self._ahead.extend(self.channel.read())
        if pending():
            return  # (read first; the next quiet moment settles)
        self._moved()
        self.ownership.settled(_now())
        self.channel.acknowledge()

    def _moved(self) -> None:
        if self.ownership.actors:  # (before any line they print after the search is parsed)
            self.metrics.trials(self.ownership.actors)
            self.ownership.actors = []
        # (what the program prints after a hooked framework's end is at the step it left)
        if self.ownership.moved is not None:
            self.metrics.moved_to(self.ownership.moved, self.ownership.window_start())
            self.ownership.moved = None
        if self.ownership.unmuted is not None:
            self.metrics.released(self.ownership.unmuted)
            self.ownership.unmuted = None

    def append(self, events: list[Event], fsync: bool = False) -> bool:
        """Record events in the journal; whether it took them (see `losses`)."""
        return self.journal.append(events, fsync)

    def flush(self) -> None:
        batch, self._ahead = self._ahead, ChannelBatch()
        batch.extend(self.channel.read())
        if self.channel.to_hide and self.journal.store.hide_in_start(
                self.journal.run_id, self.channel.command, self.channel.hidden):
            self.channel.to_hide = False  # (else again at the next flush: the index was busy)
        events = batch.events
        if batch.files:
            captured = self.artifacts.add(batch.files)
            events += captured.events
            self.problems += captured.problems
        if events:
            self.append(events)
        # After the channel: a hook writes its record before the framework prints it. What
        # the output gave apart from the rest, which a reparse of the output keeps.
        recorded = batch.points + (self.monitor.drain() if self.monitor is not None else [])
        batches = self.metrics.take()
        settings = self.channel.hooked_params
        if settings:  # (a hook's settings printed as a dict, `print(study.best_params)`)
            batches = [(t, [p for p in points if not (
                p.key in settings and _printed_setting(p, settings))]) for t, points in batches]
        if self.channel.configured_secrets:  # (the parser knows the built-in names only)
            batches = [(t, [p for p in points if not self.channel.secret(p.key)])
                       for t, points in batches]
        printed = self.ownership.from_output(batches)
        metrics = [journal_events.metrics(recorded, journal_events.RECORDED)] if recorded else []
        if printed:
            metrics.append(journal_events.metrics(printed))
        if metrics:
            self.append(metrics)

    def snapshot_artifacts(self, globs: list[str]) -> None:
        self.artifacts.snapshot(globs)

    def capture_artifacts(self, globs: list[str], since: float) -> None:
        """Keep the files matching `globs` that the run created or changed."""
        if not globs:
            return
        captured = self.artifacts.capture(globs, since)
        self.problems += captured.problems
        if captured.events:
            self.append(captured.events)

    def losses(self) -> str | None:
        return self.journal.losses.sentence()

    def close(self) -> None:
        self._ahead.extend(self.channel.read())
        self._moved()
        self.metrics.end()
        self.ownership.release()
        self.flush()
        self.log.close()


def _flags_of(value: Any) -> bool:
    """Whether a param's value is a flag's (`true`), or a list of them."""
    return any(type(item) is bool for item in (value if isinstance(value, list) else [value]))
