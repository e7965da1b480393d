"""Sweeps: run a command for every combination of some params (or a random sample of them).

    runlab sweep lr=0.1,0.01 epochs=5,10 -- python train.py --lr {lr} --epochs {epochs}
    runlab sweep -j 2 lr=0.1,0.01 -- train            # a named command: lr=... is its param

A sweep is a plan recorded in `.runlab/sweeps/<id>.json` (its axes, the command, the trials
in order, where it ran; secret values as `***`, readable by its owner only) and the runs it
made, each tagged `sweep=<id>` and `trial=<n>`. Each
trial is a real `runlab` child process (`python -m runlab -q ... -- COMMAND`), so a trial is
an ordinary tracked run with the store's guarantees for parallel runs; `jobs` of them run at
once, and a trial that fails does not stop the others.

`--resume ID` runs the recorded plan again, skipping the trials that already finished (a
failed, killed or lost trial runs again), as many at once as the sweep was started with. A
sweep whose plan held secrets cannot be resumed: their values were never written down.

Ctrl-C (or SIGTERM) stops the sweep cleanly: no new trial starts, each running trial gets the
signal once (its runlab passes it to the command and records the run as killed), and the sweep
waits for them. Trials run in process groups of their own, so the terminal's Ctrl-C reaches
them only through the sweep, exactly once.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import queue
import random
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from types import FrameType
from typing import Any

from runlab.errors import RunlabError, UsageError

SWEEPS_DIR = "sweeps"
AXIS = re.compile(r"([^\W\d][\w.\-/@]*)=(.*)", re.DOTALL)
SWEEP_ID = re.compile(r"[0-9a-f]{8}")
STDERR_TAIL = 2000


@dataclass
class Sweep:
    """A sweep's plan: what it varies, what it runs, and the trials in order."""

    id: str
    axes: list[tuple[str, list[str]]]
    command: list[str]  # a template with {key} placeholders, or a named command and its words
    named: bool  # command[0] is a named command: a trial passes KEY=VALUE words to it
    trials: list[dict[str, str]]
    cwd: str
    created: float
    experiment: str | None = None
    tags: list[str] = field(default_factory=list)
    withheld: bool = False  # secret values were left out of the stored plan
    jobs: int = 1  # trials at once, as started: `--resume` keeps it unless given -j
    # axes a named command puts in a secret's place (`--hf-token {hub}` in its template)
    secret: list[str] = field(default_factory=list)

    def argv(self, trial: Mapping[str, str]) -> list[str]:
        """The command line of one trial."""
        if self.named:
            return [*self.command, *(f"{k}={v}" for k, v in trial.items())]
        from runlab.launch import commands as projects

        return projects.fill(self.command, trial)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["axes"] = [[k, v] for k, v in self.axes]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Sweep:
        return cls(id=data["id"], axes=[(str(k), list(v)) for k, v in data["axes"]],
                   command=list(data["command"]), named=bool(data["named"]),
                   trials=[dict(t) for t in data["trials"]], cwd=data["cwd"],
                   created=float(data["created"]), experiment=data.get("experiment"),
                   tags=list(data.get("tags") or []), withheld=bool(data.get("withheld")),
                   jobs=int(data.get("jobs") or 1),
                   secret=[str(k) for k in data.get("secret") or ()])

    def redacted(self, patterns: Sequence[str]) -> Sweep:
        """The plan as the store may keep it: values of secret-looking keys, credentials and
        secrets in the command line as `***` (`withheld` says whether any was)."""
        from runlab.capture.args import REDACTED, is_secret, parse_args, redact_mapping
        from runlab.launch.commands import secret_slots

        # (an axis filling a secret's place, `--api-key {k}`, is a secret's as one named so)
        secret = {k for k, _ in self.axes if is_secret(k, patterns)} | set(
            secret_slots(self.command, patterns)) | set(self.secret)
        axes = [(k, [REDACTED] * len(v) if k in secret
                 else list(next(iter(redact_mapping({k: v}, patterns).values()))))
                for k, v in self.axes]
        trials = [{k: REDACTED if k in secret else v
                   for k, v in redact_mapping(t, patterns).items()} for t in self.trials]
        command = parse_args(self.command, cwd=self.cwd, secret_patterns=patterns).argv \
            if self.command else []
        # A placeholder holds no secret, and the trials need it where it stands.
        command = [c if re.fullmatch(r"\{[\w.\-/@]+\}", c) else r
                   for c, r in zip(self.command, command)]
        tags = [_redact_word(t, patterns) for t in self.tags]
        withheld = self.withheld or (axes, trials, command, tags) != (
            self.axes, self.trials, self.command, self.tags)
        return Sweep(id=self.id, axes=axes, command=command, named=self.named, trials=trials,
                     cwd=self.cwd, created=self.created, experiment=self.experiment, tags=tags,
                     withheld=withheld, jobs=self.jobs, secret=list(self.secret))


def _redact_word(word: str, patterns: Sequence[str]) -> str:
    """A `KEY=VALUE` word (or a bare `KEY`) as the store may keep it."""
    from runlab.capture.args import redact_mapping, redact_value

    key, eq, value = word.partition("=")
    if not eq:
        return redact_value(word, patterns)
    ((key, value),) = redact_mapping({key: value}, patterns).items()
    return f"{key}={value}"


@dataclass
class TrialResult:
    """How one trial's runlab process ended."""

    trial: int  # 1-based position in the sweep
    returncode: int  # the command's exit code; negative: the signal that ended it
    stderr: str  # the last part of what runlab said (summary, warnings)
    recorded: str | None = None  # the status its run was recorded with, once read back

    @property
    def status(self) -> str:
        """The recorded status when known: a command that catches Ctrl-C and exits 0 was
        still killed (stopped early); else what the exit code tells."""
        if self.recorded is not None:
            return self.recorded
        if self.returncode == 0:
            return "finished"
        return "killed" if self.returncode < 0 else "failed"


@dataclass
class Outcome:
    results: list[TrialResult] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # finished earlier (--resume)
    not_started: list[int] = field(default_factory=list)  # stopped before they began
    stopped_by: int | None = None  # the signal that stopped the sweep


# -- planning ---------------------------------------------------------------------------------


def split_words(words: Sequence[str]) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """`KEY=V1,V2 ... COMMAND...` as (axes, command): the axes are the leading KEY=... words."""
    axes: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(words):
        m = AXIS.fullmatch(words[i])
        if not m:
            break
        key, text = m.group(1), m.group(2)
        values = [v.strip() for v in text.split(",")]
        if not text or any(v == "" for v in values):
            raise UsageError(f"bad sweep axis {words[i]!r}: use KEY=V1,V2,...")
        if any(k == key for k, _ in axes):
            raise UsageError(f"{key} is swept twice: give its values once, comma-separated")
        axes.append((key, values))
        i += 1
    return axes, list(words[i:])


def plan(axes: list[tuple[str, list[str]]], command: list[str], *, cwd: str,
         named: bool, sample: int | None = None, seed: int | None = None,
         experiment: str | None = None, tags: Sequence[str] = (),
         secret: Sequence[str] = ()) -> Sweep:
    """Every combination of the axes (the first axis varies slowest), or `sample` of them."""
    if not axes:
        raise UsageError("nothing to sweep: give KEY=V1,V2 before the command")
    if not command:
        raise UsageError("no command: runlab sweep KEY=V1,V2 -- COMMAND (with {KEY} in it)")
    keys = [k for k, _ in axes]
    grid = [dict(zip(keys, combo)) for combo in itertools.product(*(v for _, v in axes))]
    if sample is not None:
        if sample < 1:
            raise UsageError("--random takes a positive number of trials")
        rng = random.Random(seed)
        grid = [grid[i] for i in sorted(rng.sample(range(len(grid)), min(sample, len(grid))))]
    sweep = Sweep(id=uuid.uuid4().hex[:8], axes=axes, command=command, named=named,
                  trials=grid, cwd=cwd, created=time.time(), experiment=experiment,
                  tags=list(tags), secret=list(secret))
    if not named:
        from runlab.launch import commands as projects

        used = projects.placeholders(" ".join(command))
        unused = [k for k in keys if k not in used]
        if unused:
            raise UsageError(f"the command does not use {', '.join(unused)}: put "
                             f"{' '.join('{' + k + '}' for k in unused)} where each belongs")
        missing = [k for k in used if k not in keys]
        if missing:
            raise UsageError(f"the command uses {', '.join(missing)} but the sweep gives no "
                             f"values: add {' '.join(k + '=V1,V2' for k in missing)}")
    return sweep


def save(store_root: str, sweep: Sweep, secret_patterns: Sequence[str]) -> str:
    """Record the plan, redacted (`Sweep.redacted`), readable by its owner only."""
    from runlab.store.journal import private_dirs, write_private

    folder = os.path.join(store_root, SWEEPS_DIR)
    private_dirs(folder)
    path = os.path.join(folder, f"{sweep.id}.json")
    tmp = f"{path}.tmp"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)  # left by a crash, perhaps with another mode
    text = json.dumps(sweep.redacted(secret_patterns).to_json(), indent=1)
    write_private(tmp, text.encode(), exclusive=True)
    os.replace(tmp, path)
    return path


def load(store_root: str, sweep_id: str) -> Sweep:
    if not SWEEP_ID.fullmatch(sweep_id):
        raise UsageError(f"bad sweep id {sweep_id!r}: 8 hex digits, as the sweep printed")
    path = os.path.join(store_root, SWEEPS_DIR, f"{sweep_id}.json")
    try:
        with open(path) as f:
            plan = Sweep.from_json(json.load(f))
    except FileNotFoundError:
        raise UsageError(f"no sweep {sweep_id} in this store") from None
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise RunlabError(f"cannot read the sweep {path}: {e}") from None
    if plan.withheld:
        raise UsageError(f"sweep {sweep_id} was given secret values, which runlab never "
                         "writes down: start it again with them instead of --resume")
    return plan


# -- running ----------------------------------------------------------------------------------


def trial_argv(sweep: Sweep, n: int, store_root: str) -> list[str]:
    """The runlab command line that runs trial `n` (1-based) as a tracked run."""
    words = [sys.executable, "-m", "runlab", "--store", store_root,
             "-t", f"sweep={sweep.id}", "-t", f"trial={n}", "-q"]
    if sweep.experiment:
        words += ["-e", sweep.experiment]
    for tag in sweep.tags:
        words += ["-t", tag]
    return [*words, "--", *sweep.argv(sweep.trials[n - 1])]


def run(sweep: Sweep, store_root: str, *, jobs: int = 1, skip: Sequence[int] = (),
        on_start: Callable[[int], None] = lambda n: None,
        on_end: Callable[[TrialResult], None] = lambda r: None,
        env: Mapping[str, str] | None = None) -> Outcome:
    """Run the sweep's trials, `jobs` at a time, skipping those in `skip`."""
    if jobs < 1:
        raise UsageError("-j takes a positive number of trials to run at once")
    out = Outcome(skipped=[n for n in range(1, len(sweep.trials) + 1) if n in set(skip)])
    pending = deque(n for n in range(1, len(sweep.trials) + 1) if n not in set(skip))
    running: dict[int, subprocess.Popen[bytes]] = {}
    signalled: set[int] = set()
    done: queue.Queue[TrialResult] = queue.Queue()
    stop: list[int] = []

    def forward(signum: int) -> None:
        for n, proc in list(running.items()):
            if n not in signalled or len(stop) > 1:
                signalled.add(n)
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(signum)

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.append(signum)
        forward(signum)

    def wait(n: int, proc: subprocess.Popen[bytes]) -> None:
        _, err = proc.communicate()
        done.put(TrialResult(n, proc.returncode, err.decode(errors="replace")[-STDERR_TAIL:]))

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while pending or running:
            while pending and len(running) < jobs and not stop:
                n = pending.popleft()
                proc = subprocess.Popen(
                    trial_argv(sweep, n, store_root), cwd=sweep.cwd, env=dict(env or os.environ),
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                    start_new_session=True)
                running[n] = proc
                threading.Thread(target=wait, args=(n, proc), daemon=True).start()
                on_start(n)
                if stop:  # the signal came while this one was starting
                    forward(stop[0])
            if not running:
                break
            result = done.get()
            del running[result.trial]
            out.results.append(result)
            on_end(result)
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
    out.not_started = list(pending)
    out.stopped_by = stop[0] if stop else None
    return out


def finished_trials(runs: Sequence[Any]) -> list[int]:
    """The trial numbers that have a finished run among `runs` (a sweep's runs)."""
    out: set[int] = set()
    for r in runs:
        text = r.tags.get("trial", "")
        if r.status == "finished" and text.isdigit():
            out.add(int(text))
    return sorted(out)


def other_code(finished: Sequence[Any], run: Any) -> Any | None:
    """A run among `finished` (trials done before a resume) whose code (commit, uncommitted
    patch, script) differs from `run`'s, or None."""
    from runlab.compare.changes import code_state

    state = code_state(run)
    return next((r for r in finished if code_state(r) != state), None)


def latest_per_trial(runs: Sequence[Any]) -> list[Any]:
    """Of several runs of one trial (a resumed sweep), the latest; order kept."""
    best: dict[str, int] = {}
    for r in runs:
        key = r.tags.get("trial", r.id)
        best[key] = max(best.get(key, r.number), r.number)
    return [r for r in runs if best[r.tags.get("trial", r.id)] == r.number]
