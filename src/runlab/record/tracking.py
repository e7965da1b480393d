"""A tracked run from start to end: capture, start the run, run the child, record, finish.

This is the core of `runlab COMMAND`. It never prints: messages for the user go through the
`notify` callback, and the caller renders the returned `Tracked` record.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


from runlab.record import runner
from runlab.config import Settings
from runlab.errors import StoreError
from runlab.store import Run, Store
from runlab.store import journal
from runlab.store.events import metric_name_problem
from runlab.store.journal import Event

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

FLUSH_POINTS = 5000  # flush metric points early when this many are waiting
# The start-up hooks (inject/), by the names config's disabled_hooks takes.
HOOKS = ("argparse", "tqdm", "transformers", "lightning", "keras", "xgboost", "lightgbm",
         "sklearn", "hydra")
EXCLUSIVE_GRACE_S = 0.25  # how late a hooked framework's last printed line may be read


@dataclass
class RunOptions:
    """What the user asked for on the command line (already merged with settings)."""

    argv: list[str]
    cwd: str
    name: str | None = None
    experiment: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    note: str | None = None
    metric_patterns: list[str] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)
    git: bool = True
    pty: bool = False
    quiet: bool = False
    system_metrics: bool = True  # sample sys/ metrics (the interval comes from settings)
    inject: bool = True  # hook a Python command at start-up: argparse, framework records
    inputs: bool = True  # fingerprint the files the arguments name (capture/inputs.py)
    extra: dict[str, Any] = field(default_factory=dict)  # more start fields (rerun, command name)


@dataclass
class Tracked:
    """The finished run, the previous run of the same command, and what went wrong on the way."""

    run: Run | None
    outcome: runner.Outcome
    previous: Run | None = None
    problems: list[str] = field(default_factory=list)


def command_key(argv: list[str], script: str | None, module: str | None,
                cwd: str = ".") -> str:
    """What makes two runs 'the same command' for the summary: the program and its script.

    The script is named by its path in the repository (else in `cwd`), so that
    `python ../train.py` from `sub/` is the same command as `python train.py` from the root.
    """
    program = os.path.basename(argv[0]) if argv else ""
    return json.dumps([program, script_identity(script, cwd) if script else module or ""])


def script_identity(script: str, cwd: str) -> str:
    """The script's path from the root of the repository holding it (from `cwd` outside one;
    absolute when it lies outside that directory)."""
    from runlab.capture.git import find_repo_root

    path = os.path.realpath(os.path.join(cwd, script))
    base = os.path.realpath(find_repo_root(os.path.dirname(path)) or cwd)
    rel = os.path.relpath(path, base)
    return path if rel == ".." or rel.startswith(".." + os.sep) else rel


def capture_start(opts: RunOptions, settings: Settings, store: Store,
                  pending_git: Any = None) -> tuple[Event, Any]:
    """Everything known before the command starts, as the journal's start event."""
    from runlab.capture.args import parse_args, redact_env, redact_mapping, redact_value
    from runlab.capture.args import secret_patterns as secret_patterns_of
    from runlab.capture.system import capture_host

    secret_patterns = secret_patterns_of(settings)
    parsed = parse_args(
        opts.argv,
        cwd=opts.cwd,
        bool_flags=settings.get("bool_flags", []),
        ignore=settings.get("ignore_params", []),
        secret_patterns=secret_patterns,
    )
    params = dict(parsed.params)
    params.update(redact_mapping(opts.params, secret_patterns))
    host = capture_host()
    git_info = None
    if opts.git:
        from runlab.capture.git import start_capture

        # The caller may have started git's work already (`start_capture`), to overlap it.
        pending = pending_git if pending_git is not None else start_capture(opts.cwd)
        if pending is not None:
            from runlab.store import outputs

            git_info = pending.finish(max_patch_bytes=settings.get("max_patch_bytes"),
                                      exclude=outputs.own_files(store.root))
    if git_info is not None and any(git_info.author):
        author = _format_author(*git_info.author)
    else:
        author = _author(opts.cwd if opts.git else None, host.get("user"))
    script = parsed.script
    source: dict[str, Any] | None = None
    if script:
        path = os.path.join(opts.cwd, script)
        source = {"path": os.path.relpath(os.path.realpath(path), opts.cwd), "sha256": _sha256(path)}
    git_dict: dict[str, Any] | None = None
    if git_info is not None:
        git_dict = {
            "commit": git_info.commit,
            "branch": git_info.branch,
            "detached": git_info.detached,
            "dirty": git_info.dirty,
            "remote": git_info.remote,
            "message": git_info.message,
            "root": git_info.root,
            "changed_files": git_info.changed_files,
            "left_out": git_info.left_out,
            "patch_sha256": _sha256_text(git_info.patch)
            if git_info.patch
            else None,
        }
    env_names = settings.get("env", [])
    start: Event = {
        "name": opts.name and redact_value(opts.name, secret_patterns),
        "experiment": opts.experiment or settings.get("experiment") or "Default",
        "command": parsed.argv,
        "command_key": command_key(opts.argv, script, getattr(parsed, "module", None),
                                   opts.cwd),
        "args": parsed.args,
        "cwd": opts.cwd,
        "git": git_dict,
        "author": author,
        "user": host.get("user"),
        "host": host.get("host"),
        "python": host.get("python"),
        "platform": host.get("platform"),
        "source": source,
        "params": params,
        "tags": redact_mapping(opts.tags, secret_patterns),
        "note": None if opts.note is None else redact_value(opts.note, secret_patterns),
        "pid": os.getpid(),
        "pid_start": _own_start_time(),
        "env": redact_env({k: os.environ[k] for k in env_names if k in os.environ},
                          secret_patterns) if env_names else None,
        **opts.extra,
    }
    return start, git_info


def is_python(argv: list[str], cwd: str, env: Mapping[str, str]) -> bool:
    """Whether the command is a Python interpreter or a script run by one (its #! line)."""
    import re

    if not argv:
        return False
    if re.fullmatch(r"python[\d.]*", os.path.basename(argv[0])):
        return True
    exe = runner.find_program(argv[0], env)
    if not exe:
        return False
    try:
        with open(os.path.join(cwd, exe), "rb") as f:
            first = f.readline(256)
    except OSError:
        return False
    return first.startswith(b"#!") and b"python" in first


def _author(cwd: str | None, fallback: str | None) -> str | None:
    if cwd is not None:
        from runlab.capture.git import git_author

        name, email = git_author(cwd)
        if name or email:
            return _format_author(name, email)
    return fallback


def _format_author(name: str | None, email: str | None) -> str | None:
    return f"{name} <{email}>" if name and email else (name or email)


def _own_start_time() -> float | None:
    from runlab.capture.system import process_start_time

    return process_start_time(os.getpid())


def _sha256_text(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def _sha256(path: str) -> str | None:
    from runlab.lifecycle.artifacts import sha256_file

    try:
        return sha256_file(path)
    except OSError:
        return None


_MAX_STEP = 2**63 - 2  # SQLite's INTEGER, with room for the next step
_MAX_TIME = 2.5e11  # epoch seconds around the year 9900: past it dates no longer render


def _channel_time(value: Any) -> float:
    """A reported time when it is a plausible epoch (a number, not a bool), else now."""
    # The comparison also refuses NaN and infinities, and cannot overflow on a huge int.
    if isinstance(value, (int, float)) and not isinstance(value, bool) \
            and 0 <= value < _MAX_TIME:
        return float(value)
    return round(time.time(), 3)


def _channel_step(value: Any) -> int | None:
    """A reported step when it is an integer (not a bool) SQLite can hold, else None."""
    if isinstance(value, int) and not isinstance(value, bool) and -_MAX_STEP <= value <= _MAX_STEP:
        return value
    return None


class Recorder:
    """Receives the child's output: writes the log, parses metrics, batches them to the store."""

    def __init__(self, store: Store, run_id: str, patterns: list[str], disabled: list[str],
                 events_path: str, secret_patterns: tuple[str, ...], cwd: str = ".") -> None:
        from runlab.parsing.lines import LineSplitter

        self.store = store
        self.run_id = run_id
        self._parser: Any = None  # made on the first line of output (see `parser`)
        self._before: dict[str, tuple[int, ...]] | None = None  # artifact globs' files at start
        self._parser_rules = (patterns, disabled)
        self.splitters = {runner.STDOUT: LineSplitter(), runner.STDERR: LineSplitter()}
        self.log_fd = os.open(store.output_path(run_id),
                              os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self.points: list[list[Any]] = []
        self.parsed: list[list[Any]] = []  # points read from the output, kept until a flush
        # One source per metric: keys a framework hook records are not read from the output,
        # nor is anything while a hook says its framework's printed lines are its own.
        self.hooked: set[str] = set()
        # [from, to, grace) times, to and grace inf while open: what is read in [from, to) is
        # the framework's; in [to, grace) only keys it printed in the window are (late reads).
        self.exclusive: list[list[float]] = []
        self.framework_keys: set[str] = set()  # keys read inside a window
        self.events_path = events_path
        self.events_offset = 0
        self.channel_steps: dict[str, int] = {}
        self.secret_patterns = secret_patterns
        self.problems: list[str] = []
        self.log_ok = True
        self.log_bytes = 0  # of the output: written to the log, and in all
        self.output_bytes = 0
        self.unrecorded: list[Any] = [None, 0, 0]  # journal error, metric points, other events
        self.monitor: Any = None  # the ResourceMonitor, once the child runs
        self.argv_params: set[str] = set()  # params read from the command line itself
        self.cwd = cwd
        self.artifacts: Any = None  # an artifacts.Collector, made when a file is to be kept

    def output(self, stream: int, data: bytes) -> None:
        self.output_bytes += len(data)
        if self.log_ok:
            try:
                written = os.write(self.log_fd, data)
                self.log_bytes += written
                if written < len(data):  # the disk is full: writing the rest says so
                    self.log_bytes += os.write(self.log_fd, data[written:])
            except OSError as e:
                self.log_ok = False
                self.problems.append(f"the output log stopped being written at "
                                     f"{self.log_bytes} bytes ({e.strerror}); the rest of "
                                     "the output was echoed but not kept")
        lines = self.splitters[stream].feed(data)
        if lines:
            self._parse(lines)

    @property
    def parser(self) -> Any:
        """The metric parser, made when there is output to parse: loading its rules is the
        one cost a command that prints nothing need not pay."""
        if self._parser is None:
            from runlab.parsing.parser import MetricParser

            self._parser = MetricParser(*self._parser_rules)
        return self._parser

    def _parse(self, lines: list[str]) -> None:
        t = round(time.time(), 3)
        self.parsed += [[p.key, p.value, p.step, t] for p in self.parser.parse_lines(lines)]
        if len(self.parsed) + len(self.points) >= FLUSH_POINTS:
            self.flush()

    def _framework_line(self, key: str, t: float) -> bool:
        """Whether a point read at `t` came from a hooked framework's own printed lines."""
        for start, end, grace in self.exclusive:
            if start <= t < end:
                self.framework_keys.add(key)
                return True
            if end <= t < grace and key in self.framework_keys:
                return True
        return False

    def flush(self) -> None:
        self._read_channel()
        # After the channel: a hook writes its record before the framework prints it.
        if self.parsed:
            parsed, self.parsed = self.parsed, []
            self.points += [p for p in parsed if p[0] not in self.hooked
                            and not self._framework_line(p[0], p[3])]
        if self.monitor is not None:
            self.points += self.monitor.drain()
        if self.points:
            points, self.points = self.points, []
            self._append([{"e": "metrics", "p": points}])

    def _append(self, events: list[Event], sync: bool = False) -> bool:
        try:
            self.store.append(self.run_id, events, sync=sync)
            return True
        except OSError as e:
            # A full disk: count what is lost, and say it once at the end (`losses`).
            lost = self.unrecorded
            lost[0] = e.strerror or str(e)
            lost[1] += sum(len(ev.get("p") or ()) for ev in events if ev["e"] == "metrics")
            lost[2] += sum(1 for ev in events if ev["e"] != "metrics")
            return False

    def losses(self) -> str | None:
        """What the journal could not take, in a sentence; None when it took everything."""
        error, points, events = self.unrecorded
        if error is None:
            return None
        return (f"the run's journal could not be written ({error}): {points} metric point(s) "
                f"and {events} other event(s) are not recorded")

    def _read_channel(self) -> None:
        """Apply what the command reported itself through RUNLAB_EVENTS (the Python API, and
        the start-up hooks in inject/, whose lines name their hook: see `_take`).

        Any program may write this file, so each line is taken on its own and only for what
        it holds of the documented shapes: a line that is no JSON object, a name that is no
        string, a value that is no number, a step that is no integer or a time that is no
        plausible epoch is passed over (the point gets the next step, or the time now), and
        never stops the lines after it or the run.
        """
        try:
            with open(self.events_path, "rb") as f:
                f.seek(self.events_offset)
                data = f.read()
        except OSError:
            return
        end = data.rfind(b"\n") + 1
        self.events_offset += end
        params: dict[str, Any] = {}
        tags: dict[str, str] = {}
        other: list[Event] = []
        files: list[str] = []
        for line in data[:end].splitlines():
            try:
                msg = json.loads(line)
                if isinstance(msg, dict):
                    self._take(msg, params, tags, other, files)
            except (ValueError, RecursionError):  # no JSON, or nested beyond any report
                continue
        if files:
            captured = self._collector().add(files)
            other += captured.events
            self.problems += captured.problems
        events: list[Event] = []
        if params:
            events.append({"e": "params", "params": params})
        if tags:
            events.append({"e": "tag", "tags": tags})
        if events or other:
            self._append(events + other)

    def _take(self, msg: dict[str, Any], params: dict[str, Any], tags: dict[str, str],
              other: list[Event], files: list[str]) -> None:
        """One line of the channel, added to what the batch records once all of it is read
        (redacted here, so nothing of a line that cannot be taken whole is kept)."""
        t = _channel_time(msg.get("time"))
        step = _channel_step(msg.get("step"))
        metrics: dict[str, Any] = msg["metrics"] if isinstance(msg.get("metrics"), dict) \
            else {}
        if "metric" in msg:
            metrics = {msg["metric"]: msg.get("value")} if isinstance(msg["metric"], str) \
                else {}
        points: list[tuple[str, float]] = []
        for key, value in metrics.items():
            why = metric_name_problem(key)
            if why is not None:
                self.problems.append(f"refused a metric from the events channel: {why}")
                continue
            try:
                points.append((key, float(value)))
            except (TypeError, ValueError, OverflowError):
                continue
        line_params: dict[str, Any] = {}
        if isinstance(msg.get("param"), str):
            line_params[msg["param"]] = msg.get("value")
        if isinstance(msg.get("params"), dict):
            line_params.update(msg["params"])
        parsed: dict[str, Any] = {}
        if isinstance(msg.get("hook"), str):
            # A framework hook's params rank with argparse's: the command line's win.
            parsed = {k: v for k, v in line_params.items() if k not in self.argv_params}
            line_params = {}
            self.hooked.update(key for key, _ in points)
            if isinstance(msg.get("owns"), list):  # keys its framework prints, never logs
                self.hooked.update(k for k in msg["owns"] if isinstance(k, str))
            if msg.get("exclusive") is True:
                self.exclusive.append([int(t * 1000) / 1000, float("inf"), float("inf")])
            elif msg.get("exclusive") is False and self.exclusive:
                # Output written just before the mark may be read just after it; what the
                # program prints itself once the framework returns is its own.
                self.exclusive[-1][1:] = [t, t + EXCLUSIVE_GRACE_S]
        if isinstance(msg.get("argparse"), list):
            # What argparse parsed, defaults included; values read from the command line
            # itself keep priority for the arguments that were given there.
            for entry in msg["argparse"]:
                arg = entry.get("key") if isinstance(entry, dict) else None
                if isinstance(arg, str) and arg \
                        and not (entry.get("given") and arg in self.argv_params):
                    parsed.setdefault(arg, entry.get("value"))
        line_tags: dict[str, Any] = {}
        if isinstance(msg.get("tag"), str):
            value = msg.get("value")
            line_tags[msg["tag"]] = "" if value is None else str(value)
        if line_params or parsed or line_tags:
            from runlab.capture.args import redact_mapping

            line_params = redact_mapping(line_params, self.secret_patterns)
            parsed = redact_mapping(parsed, self.secret_patterns)
            line_tags = redact_mapping(line_tags, self.secret_patterns)
        name = msg.get("name")
        if isinstance(name, str):
            from runlab.lifecycle.edits import run_name
            from runlab.errors import UsageError

            try:
                name = run_name(name, self.secret_patterns)
                other.append({"e": "rename", "name": name or None, "t": t})
            except UsageError:
                pass  # a name no run reference could reach (`12`, `last`) is not taken
        if isinstance(msg.get("artifact"), str):
            files.append(msg["artifact"])
        for key, value in points:
            s = self.channel_steps.get(key, 0) if step is None else step
            self.channel_steps[key] = s + 1
            self.points.append([key, value, s, t])
        params.update(line_params)
        for key, value in parsed.items():
            params.setdefault(key, value)
        tags.update(line_tags)

    def _collector(self) -> Any:
        if self.artifacts is None:
            from runlab.lifecycle.artifacts import Collector

            self.artifacts = Collector(self.store.root, self.store.run_dir(self.run_id), self.cwd)
        return self.artifacts

    def snapshot_artifacts(self, globs: list[str]) -> None:
        """Note the files the globs match before the command starts (what it changes counts)."""
        if globs:
            self._before = self._collector().snapshot(globs)

    def capture_artifacts(self, globs: list[str], since: float) -> None:
        """Keep the files matching `globs` that the run created or changed (artifacts.py)."""
        if not globs:
            return
        captured = self._collector().add_globs(globs, since, self._before)
        self.problems += captured.problems
        if captured.events:
            self._append(captured.events)

    def close(self) -> None:
        for splitter in self.splitters.values():
            rest = splitter.flush()
            if rest:
                self._parse(rest)
        # Progress bars keep their latest point per step back until the step moves on.
        t = round(time.time(), 3)
        if self._parser is not None:
            self.parsed += [[p.key, p.value, p.step, t] for p in self._parser.flush()]
        self.flush()
        with contextlib.suppress(OSError):
            os.fsync(self.log_fd)
        os.close(self.log_fd)


def track(opts: RunOptions, settings: Settings, store: Store,
          notify: Callable[[str], None] = lambda m: None,
          env: Mapping[str, str] | None = None, pending_git: Any = None,
          on_created: Callable[[str], None] | None = None) -> Tracked:
    """Run the command tracked, from capture to the end event."""
    from runlab.capture.args import secret_patterns as secret_patterns_of

    patterns = list(settings.get("metric_patterns", [])) + opts.metric_patterns
    if patterns or settings.get("disabled_rules"):
        from runlab.parsing.parser import MetricParser

        MetricParser(patterns, settings.get("disabled_rules", []))  # a bad regex stops us here
    unknown = sorted(set(settings.get("disabled_hooks", [])) - set(HOOKS))
    if unknown:
        from runlab.errors import ConfigError

        raise ConfigError(f"disabled_hooks: no hook named {', '.join(map(repr, unknown))} "
                          f"(hooks: {', '.join(HOOKS)})")
    start, git_info = capture_start(opts, settings, store, pending_git)
    if git_info is not None and git_info.own_outputs:
        _announce_own_outputs(git_info.root, git_info.own_outputs, store.root, notify)
    run_id, _ = store.create_run(start)
    if on_created is not None:
        on_created(run_id)
    run_dir = store.run_dir(run_id)
    reserve = _reserve(store.reserve_path(run_id))
    if git_info is not None and git_info.patch:
        journal.write_private(os.path.join(run_dir, "code.patch"), git_info.patch.encode(),
                              exclusive=False)
    if git_info is None and start.get("source") and start["source"].get("sha256"):
        _copy_source(os.path.join(opts.cwd, start["source"]["path"]), run_dir)
    secret_patterns = secret_patterns_of(settings)
    events_path = os.path.join(run_dir, "events.jsonl")
    recorder = Recorder(
        store,
        run_id,
        list(settings.get("metric_patterns", [])) + opts.metric_patterns,
        settings.get("disabled_rules", []),
        events_path,
        secret_patterns,
        cwd=opts.cwd,
    )
    child_env = dict(os.environ if env is None else env)
    child_env["RUNLAB_RUN_ID"] = run_id
    child_env["RUNLAB_EVENTS"] = events_path
    hook_dir = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "inject")
    if opts.inject and is_python(opts.argv, opts.cwd, child_env):
        from runlab.capture.args import hook_secrets

        hook = hook_dir
        child_env["PYTHONPATH"] = os.pathsep.join(
            p for p in (hook, child_env.get("PYTHONPATH")) if p)
        # The hook redacts as the wrapper does, before it writes anything.
        child_env["RUNLAB_SECRETS"] = hook_secrets(secret_patterns)
        child_env["RUNLAB_HOOKS_OFF"] = ",".join(settings.get("disabled_hooks", []))
        child_env.pop("RUNLAB_HOOK_OWNER", None)  # set by the first process that records
    recorder.argv_params = set(start.get("params") or ())
    monitor: list[Any] = []
    interval = float(settings.get("system_metrics", 0.0)) if opts.system_metrics else 0.0

    watch: list[Any] = []

    def started(pid: int) -> None:
        from runlab.capture.system import ResourceMonitor

        m = ResourceMonitor(pid, metrics_interval=interval, gpu=True)
        m.start()
        monitor.append(m)
        recorder.monitor = m
        watch.append(_watch(opts, settings, start, git_info, child_env, hook_dir))
        watch[0].start()

    def tick() -> None:
        recorder.flush()
        if watch:
            events = watch[0].take()
            if events:
                recorder._append(events)

    recorder.snapshot_artifacts(list(settings.get("artifacts", [])) + opts.artifacts)
    launch = runner.Launch(
        argv=opts.argv,
        cwd=opts.cwd,
        env=child_env,
        use_pty=opts.pty,
        echo=not opts.quiet,
        on_output=recorder.output,
        on_tick=tick,
        on_start=started,
        notify=notify,
    )
    ran: list[runner.Outcome] = []
    try:
        ran.append(runner.run(launch))
    finally:
        resources = monitor[0].stop(ran[0].usage if ran else None) if monitor else None
        recorder.close()
        recorder.monitor = None
        # The channel is read to its end and its events are in the journal, redacted; the
        # file itself may hold secrets in the clear, so it does not stay in the store.
        with contextlib.suppress(OSError):
            os.unlink(events_path)
    outcome = ran[0]
    if outcome.error:
        recorder.problems.append(outcome.error)
        with contextlib.suppress(OSError), open(store.output_path(run_id), "ab") as f:
            f.write(f"runlab: {outcome.error}\n".encode())
    recorder.capture_artifacts(list(settings.get("artifacts", [])) + opts.artifacts, start["t"])
    if watch:
        kept = recorder.artifacts.kept if recorder.artifacts is not None else {}
        events, problems = watch[0].finish(outputs=kept)
        if events:
            recorder._append(events)
        recorder.problems += problems
        if watch[0].packages:
            from runlab.capture.inputs import requirements

            with contextlib.suppress(OSError):
                journal.write_private(os.path.join(run_dir, "requirements.txt"),
                                      requirements(watch[0].packages).encode(), exclusive=False)
    end: Event = {
        "e": "end",
        "t": time.time(),
        "status": outcome.status,
        "exit_code": outcome.exit_code,
        "signal": outcome.signal,
        "resources": {
            "peak_rss_bytes": resources.peak_rss_bytes if resources else None,
            "cpu_user_s": resources.cpu_user_s if resources else None,
            "cpu_system_s": resources.cpu_system_s if resources else None,
        },
    }
    if outcome.error:
        end["error"] = outcome.error
    ended = recorder._append([end], sync=True)
    if not ended and _release(reserve):
        # A full disk: the room kept aside at the start takes how the run ended.
        ended = recorder._append([end], sync=True)
        if ended:
            recorder.unrecorded[2] -= 1
    _release(reserve)
    store.cache_series(run_id)  # built now, the first read of a long run is quick
    if not ended:
        # The journal is full: the index still learns how the run ended, so that it does not
        # show as running, then lost (a rebuilt index, which has only the journal, will).
        store.index_only(run_id, [end])
    lost = recorder.losses()
    if lost:
        recorder.problems.append(lost if ended else f"{lost}; how it ended is in the index only")
    try:
        store.sync()
        run = store.get(run_id)
        previous = store.previous(run)
    except (StoreError, OSError) as e:
        recorder.problems.append(f"the index could not be read back: {e}")
        return Tracked(None, outcome, None, recorder.problems)
    return Tracked(run, outcome, previous, recorder.problems)


def _announce_own_outputs(root: str, paths: list[str], store_root: str,
                          notify: Callable[[str], None]) -> None:
    """Say once per file that a file runlab wrote is left out of runs' code (store/outputs)."""
    from runlab.store import outputs

    told = outputs.own_files(store_root)
    real_root = os.path.realpath(root)
    new = [p for p in paths if not told.get(os.path.join(real_root, p), True)]
    if new:
        notify(f"left out of this run's code and later ones', as files runlab wrote: "
               f"{', '.join(new)}")
        outputs.mark_announced(store_root, [os.path.join(real_root, p) for p in new])


RESERVE_BYTES = 64 * 1024


def _reserve(path: str) -> str | None:
    """Keep some room aside while the run goes: on a disk that fills up meanwhile, freeing it
    at the end leaves space for the end event and the index's last write."""
    try:
        journal.write_private(path, bytes(RESERVE_BYTES), exclusive=True)
    except OSError:
        return None
    return path


def _release(path: str | None) -> bool:
    """Free the room kept aside; whether there was any."""
    if path is None:
        return False
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def _watch(opts: RunOptions, settings: Settings, start: Event, git_info: Any,
           env: Mapping[str, str], hook_dir: str) -> Any:
    """The background thread that reads the packages and platform, and fingerprints the
    inputs the arguments name (capture/inputs.py), for a child that has just started."""
    from runlab.capture import inputs, packages
    from runlab.capture.args import is_secret, redact_mapping, secret_patterns

    patterns = secret_patterns(settings)
    paths: list[str] = []
    if opts.inputs:
        script = (start.get("source") or {}).get("path")
        if script and not (is_python(opts.argv, opts.cwd, env)
                           or script.endswith(inputs.CODE_SUFFIXES)):
            script = None  # `cat data.csv`: the first file is data, not an entry script
        skip = [p for p in (script, opts.argv[0] if opts.argv else None) if p]
        paths = inputs.candidates(opts.argv, opts.cwd, skip, settings.get("input_globs", []),
                                  secret=lambda key: is_secret(key, patterns))
        if paths and settings.get("artifacts", []) + opts.artifacts:
            outputs = set(_artifact_paths(list(settings.get("artifacts", [])) + opts.artifacts,
                                          opts.cwd))
            paths = [p for p in paths if p not in outputs]
    git = (git_info.root, git_info.commit, list(git_info.changed_files)) \
        if git_info is not None and git_info.root and not git_info.errors else None
    argv_params = set(start.get("params") or ())

    def config(params: dict[str, Any]) -> dict[str, Any]:
        return redact_mapping({k: v for k, v in params.items() if k not in argv_params},
                              patterns)

    return inputs.Watch(
        paths, opts.cwd, int(settings.get("hash_budget", 1 << 30)), git,
        lambda: packages.environment(opts.argv, opts.cwd, env, skip_paths=[hook_dir]),
        config)


def _artifact_paths(globs: list[str], cwd: str) -> list[str]:
    """The files the artifact globs match now, relative to `cwd` (outputs, not inputs)."""
    import glob as globmod

    out = []
    for pattern in globs:
        try:
            out += [os.path.normpath(m) for m in globmod.glob(pattern, root_dir=cwd,
                                                               recursive=True)]
        except (OSError, ValueError):
            continue
    return out


def _copy_source(path: str, run_dir: str) -> None:
    """Outside a git repository the entry script is all the code there is: keep a copy."""
    import shutil

    dest = os.path.join(run_dir, "source")
    with contextlib.suppress(OSError):
        os.makedirs(dest, mode=0o700, exist_ok=True)
        target = os.path.join(dest, os.path.basename(path))
        shutil.copyfile(path, target)
        os.chmod(target, 0o600)
