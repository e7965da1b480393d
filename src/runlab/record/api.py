"""The Python API (DESIGN section 5): log metrics, params, tags and artifacts from code.

Under `runlab COMMAND` every call goes to the wrapper's run: one JSON line appended to the file
named by RUNLAB_EVENTS (the events channel, documented in the README so any language can use
it). Without the wrapper, `start_run` records a run directly in the store, and a module-level
call with no active run starts one that ends when the program does, as MLflow's does.

Nothing heavy is imported until a run is recorded directly. A process forked from one that
records a run directly (a data loader's worker) records nothing of it: it neither flushes the
points its parent had not yet written nor ends the run, and its own calls raise.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
import time
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from runlab.config import Settings

FLUSH_S = 1.0
FLUSH_POINTS = 5000


class Run:
    """A run being recorded; use it as a context manager or call `end()`."""

    id: str

    def log_metric(self, key: str, value: float, step: int | None = None) -> None:
        self.log_metrics({key: value}, step)

    def log_metrics(self, metrics: Mapping[str, float], step: int | None = None) -> None:
        raise NotImplementedError

    def log_param(self, key: str, value: Any) -> None:
        self.log_params({key: value})

    def log_params(self, params: Mapping[str, Any]) -> None:
        raise NotImplementedError

    def set_tag(self, key: str, value: Any = "") -> None:
        self.set_tags({key: value})

    def set_tags(self, tags: Mapping[str, Any]) -> None:
        raise NotImplementedError

    def log_artifact(self, path: str) -> None:
        raise NotImplementedError

    def end(self, status: str = "finished") -> None:
        raise NotImplementedError

    def __enter__(self) -> Run:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is None:
            self.end("finished")
        elif issubclass(kind, KeyboardInterrupt):
            self.end("killed")
        else:
            self.end("failed")


class _ChannelRun(Run):
    """The wrapper's run, reached through the events file."""

    def __init__(self, path: str, run_id: str) -> None:
        self.id = run_id
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def _send(self, message: dict[str, Any]) -> None:
        from runlab.record.channel import encode

        message["time"] = round(time.time(), 3)
        os.write(self._fd, encode(message))

    def log_metrics(self, metrics: Mapping[str, float], step: int | None = None) -> None:
        # (Names are checked by the wrapper, which refuses a blank one: nothing heavy here.)
        msg: dict[str, Any] = {"metrics": {k: _number(v) for k, v in metrics.items()}}
        if step is not None:
            msg["step"] = _step(step)
        self._send(msg)

    def log_params(self, params: Mapping[str, Any]) -> None:
        self._send({"params": dict(params)})

    def set_tags(self, tags: Mapping[str, Any]) -> None:
        for k, v in tags.items():
            self._send({"tag": k, "value": "" if v is None else str(v)})

    def log_artifact(self, path: str) -> None:
        self._send({"artifact": os.path.abspath(path)})

    def rename(self, name: str) -> None:
        self._send({"name": name})

    def end(self, status: str = "finished") -> None:
        """The wrapper ends its run when the command exits; this only stops writing."""


class _DirectRun(Run):
    """A run recorded straight into the store, without the wrapper."""

    def __init__(self, name: str | None, params: Mapping[str, Any] | None,
                 tags: Mapping[str, Any] | None, store: str | None,
                 experiment: str | None) -> None:
        from runlab.capture.args import redact_mapping, redact_value, secret_patterns
        from runlab.store import locate

        cwd = os.getcwd()
        settings = _settings(cwd)
        self._store = _open_store(locate(cwd, store, settings=settings))
        self._secret = secret_patterns(settings)
        self._redact_mapping = redact_mapping
        self._points: list[list[Any]] = []
        self._pending: list[dict[str, Any]] = []
        self._steps: dict[str, int] = {}
        self._last_flush = time.monotonic()
        self._lock = threading.Lock()
        self._ended = False
        self._pid = os.getpid()
        from runlab.record.start import start_event

        start = start_event(
            _process_start(cwd),
            name=name and redact_value(name, self._secret),
            experiment=redact_value(experiment or settings.experiment, self._secret),
            params=self._redact(params or {}),
            tags=self._redact_tags(tags or {}),
        )
        self.id, self.number = self._store.create_run(start)

    def _redact(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return self._redact_mapping(params, self._secret)

    def _redact_tags(self, tags: Mapping[str, Any]) -> dict[str, str]:
        return self._redact_mapping({k: "" if v is None else str(v) for k, v in tags.items()},
                                    self._secret)

    def _here(self) -> None:
        """Refuse calls from a forked child: its store connection is its parent's."""
        if os.getpid() != self._pid:
            raise RuntimeError(f"run {self.id[:8]} is recorded by process {self._pid}: a "
                               "forked process cannot log to it (log from the parent)")

    def log_metrics(self, metrics: Mapping[str, float], step: int | None = None) -> None:
        self._here()
        t = round(time.time(), 3)
        step = None if step is None else _step(step)
        _check_names(metrics)
        with self._lock:
            for key, value in metrics.items():
                s = step if step is not None else self._steps.get(key, 0)
                self._steps[key] = s + 1
                self._points.append([key, _number(value), int(s), t])
            self._maybe_flush()

    def log_params(self, params: Mapping[str, Any]) -> None:
        self._here()
        with self._lock:
            self._pending.append(_kinds().params(self._redact(params)))
            self._maybe_flush()

    def set_tags(self, tags: Mapping[str, Any]) -> None:
        self._here()
        with self._lock:
            self._pending.append(_kinds().tag(self._redact_tags(tags)))
            self._maybe_flush()

    def log_artifact(self, path: str) -> None:
        """Keep a copy of the file with the run (refused when it lies outside the working
        directory: a run's files never point out of it)."""
        from runlab.lifecycle.artifacts import Collector

        self._here()
        collector = Collector(self._store.root, self._store.run_dir(self.id), os.getcwd())
        captured = collector.add([os.path.abspath(path)], time.time())
        if captured.problems:
            raise ValueError("; ".join(captured.problems))
        with self._lock:
            self._pending += captured.events
            self._flush()

    def _maybe_flush(self) -> None:
        if len(self._points) >= FLUSH_POINTS or time.monotonic() - self._last_flush >= FLUSH_S:
            self._flush()

    def _flush(self, extra: list[dict[str, Any]] | None = None) -> None:
        events = self._pending
        if self._points:
            events.append(_kinds().metrics(self._points))
        events += extra or []
        self._points, self._pending = [], []
        self._last_flush = time.monotonic()
        if events:
            self._store.append(self.id, events)
            if extra:
                _fsync_later(self._store.journal_path(self.id))

    def end(self, status: str = "finished") -> None:
        self._end(status, 0 if status == "finished" else None)

    def _end(self, status: str, exit_code: int | None) -> None:
        if os.getpid() != self._pid:
            return  # a forked child leaving (its atexit, a `with` block): the parent ends it
        with self._lock:
            if self._ended:
                return
            self._ended = True
            self._flush([_kinds().end(status, exit_code)])
        global _active
        if _active is self:
            _active = None


_active: Run | None = None
_settings_cache: dict[str, Any] = {}
_stores: dict[str, Any] = {}
_stores_pid = os.getpid()  # the process that opened them
_inherited: list[dict[str, Any]] = []  # a forked child's copies of its parent's stores
_fsyncing: list[threading.Thread] = []


def _open_store(path: str) -> Any:
    """One store (and index connection) per path for the whole process: a program that
    records many runs pays for opening it once."""
    from runlab.store import Store

    global _stores_pid
    if os.getpid() != _stores_pid:
        # A forked child never uses (nor closes) its parent's index connections.
        _inherited.append(dict(_stores))
        _stores.clear()
        _stores_pid = os.getpid()
    if path not in _stores:
        _stores[path] = Store(path)
        atexit.register(_close_stores)
    return _stores[path]


def _close_stores() -> None:
    if os.getpid() != _stores_pid:
        return  # a forked child: the connections are its parent's to close
    for thread in _fsyncing:
        thread.join()
    for store in _stores.values():
        store.close()
    _stores.clear()


def _fsync_later(path: str) -> None:
    """fsync a finished run's journal in the background: the program goes on meanwhile, and
    the process waits for it at exit."""

    def fsync() -> None:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    _fsyncing[:] = [t for t in _fsyncing if t.is_alive()]
    thread = threading.Thread(target=fsync, name="runlab-fsync", daemon=True)
    thread.start()
    _fsyncing.append(thread)


def _settings(cwd: str) -> Settings:
    from runlab import config

    if cwd not in _settings_cache:
        _settings_cache[cwd] = config.load(cwd)
    settings: Settings = _settings_cache[cwd]
    return settings


def _process_start(cwd: str) -> dict[str, Any]:
    """What a direct run records of where it ran: captured once per process (git included)."""
    key = "start:" + cwd
    if key not in _settings_cache:
        from runlab.capture.args import parse_args, secret_patterns
        from runlab.capture.system import capture_host
        from runlab.record.start import process_fields

        argv = [sys.executable, *sys.argv] if sys.argv and sys.argv[0] else [sys.executable]
        parsed = parse_args(argv, cwd=cwd, secret_patterns=secret_patterns(_settings(cwd)))
        git_info = None
        try:
            from runlab.capture.git import capture_git

            git_info = capture_git(cwd)
        except Exception:  # noqa: BLE001 - the code state is optional for an API run
            git_info = None
        _settings_cache[key] = process_fields(parsed, argv, cwd, capture_host(), git_info,
                                              patch_hash=False)
    return dict(_settings_cache[key])


def _step(step: Any) -> int:
    """A step as the store keeps it: a whole number the index can hold."""
    from runlab.record.channel import MAX_STEP

    if isinstance(step, bool) or not isinstance(step, int) or not -MAX_STEP <= step <= MAX_STEP:
        raise ValueError(f"a step must be a whole number within ±{MAX_STEP}, not {step!r}")
    return step


def _kinds() -> Any:
    """The journal's event builders (a direct run has loaded the store already)."""
    from runlab.store import events

    return events


def _check_names(metrics: Mapping[str, Any]) -> None:
    """Refuse a metric name the store would not keep: not text, blank, or spanning lines."""
    from runlab.store.events import metric_name_problem

    for key in metrics:
        why = metric_name_problem(key)
        if why is not None:
            raise ValueError(why)


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"metric values must be numbers, not {value!r}") from None


def start_run(name: str | None = None, params: Mapping[str, Any] | None = None,
              tags: Mapping[str, Any] | None = None, store: str | None = None,
              experiment: str | None = None) -> Run:
    """Start a run (or, under `runlab COMMAND`, join the wrapper's run) and make it active."""
    global _active
    events = os.environ.get("RUNLAB_EVENTS")
    run: Run
    if events:
        channel = _ChannelRun(events, os.environ.get("RUNLAB_RUN_ID", ""))
        if name:
            channel.rename(name)
        if params:
            channel.log_params(params)
        if tags:
            channel.set_tags(tags)
        run = channel
    else:
        run = _DirectRun(name, params, tags, store, experiment)
    _active = run
    return run


def active_run() -> Run | None:
    return _active


def _current() -> Run:
    """The active run, started on first use (and ended when the program ends)."""
    if _active is None:
        run = start_run()
        atexit.register(_end_at_exit, run)
        if isinstance(run, _DirectRun):  # (under the wrapper, it sees the exit itself)
            _watch_exceptions()
        return run
    return _active


_failed = False
_exit_code: int | None = None  # the code the program asked to exit with


def _watch_exceptions() -> None:
    """The program's end as the run records it: an uncaught exception fails it, and so does
    `sys.exit(N)` (`exit(N)`, `quit(N)`) with a code other than 0, recorded as its exit code.
    (A bare `raise SystemExit(N)` reaches no hook: Python gives atexit no exit code.)"""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        global _failed
        _failed = True
        previous(kind, exc, tb)

    sys.excepthook = hook
    system_exit = sys.exit

    def watched_exit(status: Any = None) -> NoReturn:
        if threading.current_thread() is threading.main_thread():  # (a thread's ends itself)
            _note_exit(status)
        system_exit(status)

    sys.exit = watched_exit
    import builtins

    quitter = type(getattr(builtins, "exit", None))
    if quitter.__module__ == "_sitebuiltins" and not hasattr(quitter, "_runlab"):
        call = quitter.__call__

        def watched_call(self: Any, code: object = None) -> None:
            _note_exit(code)
            call(self, code)

        quitter.__call__ = watched_call  # type: ignore[method-assign]
        quitter._runlab = True  # type: ignore[attr-defined]


def _note_exit(status: object) -> None:
    """The process exit code of `SystemExit(status)`, as Python reckons it (the low byte)."""
    global _exit_code
    _exit_code = 0 if status is None else status & 0xFF if isinstance(status, int) else 1


def _end_at_exit(run: Run) -> None:
    if _failed:
        run.end("failed")
    elif _exit_code and isinstance(run, _DirectRun):
        run._end("failed", _exit_code)
    else:
        run.end("finished")


def end_run(status: str = "finished") -> None:
    if _active is not None:
        _active.end(status)


def log_metric(key: str, value: float, step: int | None = None) -> None:
    _current().log_metric(key, value, step)


def log_metrics(metrics: Mapping[str, float], step: int | None = None) -> None:
    _current().log_metrics(metrics, step)


def log_param(key: str, value: Any) -> None:
    _current().log_param(key, value)


def log_params(params: Mapping[str, Any]) -> None:
    _current().log_params(params)


def set_tag(key: str, value: Any = "") -> None:
    _current().set_tag(key, value)


def set_tags(tags: Mapping[str, Any]) -> None:
    _current().set_tags(tags)


def log_artifact(path: str) -> None:
    _current().log_artifact(path)
