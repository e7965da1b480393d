"""A tracked run from start to end: capture, start the run, run the child, record, finish.

This is the core of `runlab COMMAND`. It never prints: messages for the user go through the
`notify` callback, and the caller renders the returned `Tracked` record.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from runlab.config import Settings
from runlab.errors import StoreError
from runlab.record import channel, runner, start
from runlab.record.recorder import FLUSH_POINTS, Recorder
from runlab.store import Run, Store
from runlab.store import events as journal_events
from runlab.store import journal
from runlab.store.journal import Event
from runlab.store.store import CHANNEL_FILES

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

    from runlab.capture.metrics_files import Project

HOOK_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "inject")
# The start-up hooks (inject/), by the names config's disabled_hooks takes.
HOOKS = ("argparse", "tqdm", "transformers", "lightning", "keras", "xgboost", "lightgbm",
         "sklearn", "tensorboard", "wandb", "hydra", "stable_baselines3", "accelerate", "mlflow",
         "optuna", "flaml", "peft", "keras_tuner", "catboost", "dvclive", "ray", "lightning_cli",
         "jsonargparse", "yacs", "absl", "click", "fire", "tyro", "pyrallis", "docopt")


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
    # words of the command that are secrets though nothing on it says so (what fills a named
    # command's secret's place): hidden in what is recorded, and by the start-up hook
    hidden: list[str] = field(default_factory=list)


@dataclass
class Tracked:
    """The finished run, the previous run of the same command, and what went wrong on the way."""

    run: Run | None
    outcome: runner.Outcome
    previous: Run | None = None
    problems: list[str] = field(default_factory=list)
    store: Store | None = None
    directions: dict[str, str] | None = None  # the settings' metric directions, for a summary


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
        bool_flags=settings.bool_flags,
        ignore=settings.ignore_params,
        secret_patterns=secret_patterns,
    )
    if opts.hidden:
        from runlab.capture.args import hide_words

        hide_words(parsed, opts.hidden)
    params = dict(parsed.params)
    params.update(redact_mapping(opts.params, secret_patterns))
    git_info = None
    if opts.git:
        from runlab.capture.git import start_capture

        # The caller may have started git's work already (`start_capture`), to overlap it.
        pending = pending_git if pending_git is not None else start_capture(opts.cwd)
        if pending is not None:
            from runlab.store import outputs

            from runlab.capture.inputs import written

            git_info = pending.finish(max_patch_bytes=settings.max_patch_bytes,
                                      exclude=outputs.own_files(store.root),
                                      secret_patterns=secret_patterns,
                                      written=written(opts.argv, opts.cwd))
    process = start.process_fields(parsed, opts.argv, opts.cwd, capture_host(), git_info,
                                   author_from_git=opts.git)
    env_names = settings.env
    event = start.start_event(
        process,
        name=opts.name and redact_value(opts.name, secret_patterns),
        experiment=redact_value(opts.experiment or settings.experiment, secret_patterns),
        params=params,
        tags=redact_mapping(opts.tags, secret_patterns),
        note=None if opts.note is None else redact_value(opts.note, secret_patterns),
        source=start.entry_source(parsed.script, parsed.module, opts.cwd, parsed.code),
        env=redact_env({k: os.environ[k] for k in env_names if k in os.environ},
                       secret_patterns) if env_names else None,
        extra=opts.extra,
    )
    return event, git_info


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


def record(opts: RunOptions, settings: Settings, store: Store,
           notify: Callable[[str], None] = lambda m: None,
           env: Mapping[str, str] | None = None, pending_git: Any = None,
           on_created: Callable[[str], None] | None = None) -> Tracked:
    """Run the command tracked, from capture to the end event (`session.track` is the entry
    that makes `opts` from a request and the settings)."""
    from runlab.capture.args import secret_patterns as secret_patterns_of

    patterns = settings.metric_patterns + opts.metric_patterns
    if patterns or settings.disabled_rules:
        from runlab.parsing.parser import MetricParser

        MetricParser(patterns, settings.disabled_rules)  # a bad regex stops us here
    unknown = sorted(set(settings.disabled_hooks) - set(HOOKS))
    if unknown:
        from runlab.errors import ConfigError

        raise ConfigError(f"disabled_hooks: no hook named {', '.join(map(repr, unknown))} "
                          f"(hooks: {', '.join(HOOKS)})")
    start_event, git_info = capture_start(opts, settings, store, pending_git)
    if git_info is not None and git_info.own_outputs:
        _announce_own_outputs(git_info.root, git_info.own_outputs, store.root, notify)
    run_id, _ = store.create_run(start_event)
    if on_created is not None:
        on_created(run_id)
    run_dir = store.run_dir(run_id)
    reserve = _reserve(store.reserve_path(run_id))
    if git_info is not None and git_info.patch:
        journal.write_private(os.path.join(run_dir, "code.patch"), git_info.patch.encode(),
                              exclusive=False)
    secret_patterns = secret_patterns_of(settings)
    if git_info is None and start_event.get("source") and start_event["source"].get("sha256") \
            and start_event["source"]["path"] != "-c":
        _copy_source(os.path.join(opts.cwd, start_event["source"]["path"]), run_dir,
                     secret_patterns)
    events_path = os.path.join(run_dir, CHANNEL_FILES[0])
    with contextlib.suppress(OSError):  # (private from the start, whoever appends to it)
        journal.write_private(events_path, b"", exclusive=True)
    recorder = Recorder(
        store,
        run_id,
        settings.metric_patterns + opts.metric_patterns,
        settings.disabled_rules,
        events_path,
        secret_patterns,
        cwd=opts.cwd,
    )
    child_env = _child_env(opts, settings, run_id, events_path, secret_patterns, env)
    recorder.channel.argv_params = dict(start_event.get("params") or {})
    recorder.channel.command = [str(word) for word in start_event.get("command") or ()]
    recorder.channel.given_params = set(opts.params)
    monitor: list[Any] = []
    interval = settings.system_metrics if opts.system_metrics else 0.0

    watch: list[Any] = []
    dvc = _dvc_project(opts.cwd, git_info.root if git_info else None)
    launched = time.time()  # (a file written after it is the run's output, not its input)

    def started(pid: int) -> None:
        from runlab.capture.system import ResourceMonitor

        m = ResourceMonitor(pid, metrics_interval=interval, gpu=True)
        m.start()
        monitor.append(m)
        recorder.monitor = m
        watch.append(_watch(opts, settings, start_event, git_info, child_env, HOOK_DIR,
                            launched))
        watch[0].start()

    def tick() -> None:
        recorder.flush()
        if watch:
            events = watch[0].take()
            if events:
                recorder.append(events)

    recorder.snapshot_artifacts(settings.artifacts + opts.artifacts)
    launch = runner.Launch(
        argv=opts.argv,
        cwd=opts.cwd,
        env=child_env,
        use_pty=opts.pty,
        echo=not opts.quiet,
        on_output=recorder.output,
        on_tick=tick,
        on_quiet=recorder.quiet,
        quiet_s=recorder.quiet_s,
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
        for path in (events_path, channel.ack_path(events_path)):
            with contextlib.suppress(OSError):
                os.unlink(path)
    outcome = ran[0]
    if recorder.channel.several:
        recorder.problems.append(
            f"several runs of one program or model, with other settings, in this run "
            f"({recorder.channel.several}): each metric they report is one series across "
            "them, and the settings they differ in are no params; record each as a run of its "
            "own (`runlab sweep`, or runlab before each command)")
    if outcome.error:
        recorder.problems.append(outcome.error)
        with contextlib.suppress(OSError), open(store.output_path(run_id), "ab") as f:
            f.write(f"runlab: {outcome.error}\n".encode())
    recorder.capture_artifacts(settings.artifacts + opts.artifacts,
                               start_event["t"])
    try:
        filed, unread = _filed_metrics(store, run_id, dvc, recorder.channel.secret)
        for at in range(0, len(filed), FLUSH_POINTS):  # (in journal lines of the usual size)
            recorder.append([journal_events.metrics(filed[at:at + FLUSH_POINTS],
                                                    journal_events.RECORDED)])
    except Exception as e:  # noqa: BLE001 - a file no reader foresaw must not cost the run's end
        unread = [f"DVC's metrics and plots files not read: {e}"]
    recorder.problems += unread
    if watch:
        events, problems = watch[0].finish(outputs=recorder.artifacts.kept)
        twins, values = recorder.channel.twins(watch[0].file_params)
        if twins:
            events.append(journal_events.params(values, twins))
        if events:
            recorder.append(events)
        recorder.problems += problems
        if watch[0].packages:
            from runlab.capture.inputs import requirements

            with contextlib.suppress(OSError):
                journal.write_private(os.path.join(run_dir, "requirements.txt"),
                                      requirements(watch[0].packages).encode(), exclusive=False)
    end = journal_events.end(outcome.status, outcome.exit_code, signal=outcome.signal,
                             resources={
                                 "peak_rss_bytes": resources.peak_rss_bytes if resources else None,
                                 "cpu_user_s": resources.cpu_user_s if resources else None,
                                 "cpu_system_s": resources.cpu_system_s if resources else None,
                             })
    if outcome.error:
        end["error"] = outcome.error
    ended = recorder.append([end], fsync=True)
    if not ended and _release(reserve):
        # A full disk: the room kept aside at the start takes how the run ended.
        ended = recorder.append([end], fsync=True)
        if ended:
            recorder.journal.losses.events -= 1
    _release(reserve)
    if recorder.journal.points:
        # built now (a long run's after runlab exits), the first read of a long run is quick
        store.cache_series(run_id, later=recorder.journal.points >= CACHE_LATER_POINTS)
    if not ended:
        # The journal is full: the index still learns how the run ended, so that it does not
        # show as running, then lost (a rebuilt index, which has only the journal, will).
        store.index_only(run_id, [end])
    directions = settings.directions
    lost = recorder.losses()
    if lost:
        recorder.problems.append(lost if ended else f"{lost}; how it ended is in the index only")
    try:
        store.catch_up()
        run = store.get(run_id)
        previous = store.previous(run)
    except (StoreError, OSError) as e:
        recorder.problems.append(f"the index could not be read back: {e}")
        return Tracked(None, outcome, None, recorder.problems, store, directions)
    return Tracked(run, outcome, previous, recorder.problems, store, directions)


def _filed_metrics(store: Store, run_id: str, dvc: Project | None,
                   secret: Callable[[str], bool]) -> tuple[list[list[Any]], list[str]]:
    """The points of the metrics and plots files the run wrote that the DVC project declares
    (`dvc`, a `metrics_files.Project` as it was before the run, or None), beside what the run
    recorded (`Project.points`), and why a file gave less than it holds."""
    from runlab.record.recorder import printed_from

    if dvc is None:
        return [], []
    try:
        recorded = store.get(run_id).metrics
    except StoreError:
        return [], []
    return dvc.points(recorded, lambda said, filed: printed_from(said, [filed]), secret)


def _dvc_project(cwd: str, top: str | None) -> Project | None:
    """The DVC project the run works in, as it is before the run (`metrics_files.project`);
    None where there is none, or it cannot be read (its files are then not read)."""
    from runlab.capture import metrics_files

    try:
        return metrics_files.project(cwd, top)
    except Exception:  # noqa: BLE001 - a project no reader foresaw: its files are not read
        return None


def _child_env(opts: RunOptions, settings: Settings, run_id: str, events_path: str,
               secret_patterns: tuple[str, ...], env: Mapping[str, str] | None,
               ) -> dict[str, str]:
    """The command's environment: the run and its events channel, and the start-up hook
    (unless it is off): a Python command's own process records, and under another command
    (`bash train.sh`, `make train`) each Python process it starts itself, one after the
    other as a script runs them (their children stay silent, as a Python command's do)."""
    child_env = dict(os.environ if env is None else env)
    child_env["RUNLAB_RUN_ID"] = run_id
    child_env["RUNLAB_EVENTS"] = events_path
    if opts.inject:
        from runlab.capture.args import hook_secrets

        if is_python(opts.argv, opts.cwd, child_env):
            child_env.pop("RUNLAB_HOOK_NESTED", None)
        else:  # (what a Python process's parser reads is not the run's command line; the
            # working tree, whose programs' settings are the run's)
            child_env["RUNLAB_HOOK_NESTED"] = opts.cwd
        child_env["PYTHONPATH"] = os.pathsep.join(
            p for p in (HOOK_DIR, child_env.get("PYTHONPATH")) if p)
        # The hook redacts as the wrapper does, before it writes anything.
        child_env["RUNLAB_SECRETS"] = hook_secrets(secret_patterns, opts.hidden)
        child_env["RUNLAB_HOOKS_OFF"] = ",".join(settings.disabled_hooks)
        child_env.pop("RUNLAB_HOOK_OWNER", None)  # set by the first process that records
    return child_env


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
# A run with this many metric points or more has its series cache built after runlab exits
# (about a second a million points), not before.
CACHE_LATER_POINTS = 200_000


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
           env: Mapping[str, str], hook_dir: str, launched: float | None = None) -> Any:
    """The background thread that reads the packages and platform, and fingerprints the
    inputs the arguments name (capture/inputs.py), for a child that has just started."""
    from runlab.capture import inputs, packages
    from runlab.capture.args import is_secret, launcher_words, redact_mapping, secret_patterns

    patterns = secret_patterns(settings)
    paths: list[str] = []
    if opts.inputs:
        script = (start.get("source") or {}).get("path")
        if script and not (is_python(opts.argv, opts.cwd, env)
                           or script.endswith(inputs.CODE_SUFFIXES)):
            script = None  # `cat data.csv`: the first file is data, not an entry script
        # (nor what a launcher's options name: accelerate's `--config_file cpu.yaml` is its
        # settings, none of the run's params)
        skip = [p for p in (script, opts.argv[0] if opts.argv else None) if p] + \
            launcher_words(opts.argv, opts.cwd)
        paths = inputs.candidates(opts.argv, opts.cwd, skip, settings.input_globs,
                                  secret=lambda key: is_secret(key, patterns), before=launched)
        if paths and settings.artifacts + opts.artifacts:
            outputs = set(_artifact_paths(settings.artifacts + opts.artifacts,
                                          opts.cwd))
            paths = [p for p in paths if p not in outputs]
    git = (git_info.root, git_info.commit, list(git_info.changed_files)) \
        if git_info is not None and git_info.root and not git_info.errors else None
    argv_params = dict(start.get("params") or {})

    def config(params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        kept: dict[str, Any] = {}
        dropped = []
        for key, value in params.items():
            dotted = key.replace("/", ".")
            if key in argv_params:
                continue
            if dotted in argv_params and dotted != key:
                # the command line's override of a nested key, spelt as Hydra, OmegaConf and
                # DVC spell it (`train.lr=0.5` over the file's `train/lr`): one param, the
                # file's name with the command line's value
                kept[key] = argv_params[dotted]
                dropped.append(dotted)
            else:
                kept[key] = value
        # (its references once the command line's overrides are in: spaCy's `seed =
        # ${system.seed}` with `--system.seed 7` is 7)
        return redact_mapping(inputs.resolved(kept, argv_params, lambda key: is_secret(
            key, patterns)), patterns), dropped

    return inputs.Watch(
        paths, opts.cwd, settings.hash_budget, git,
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


_SOURCE_BYTES = 1_000_000


def _copy_source(path: str, run_dir: str, secret_patterns: Sequence[str]) -> None:
    """Outside a git repository the entry script is all the code there is: keep a copy,
    redacted as a patch is (`redact_source`); one over 1 MB is no script (`runlab head
    big.csv`) and is not kept."""
    from runlab.capture.args import redact_source

    dest = os.path.join(run_dir, "source")
    with contextlib.suppress(OSError):
        with open(path, "rb") as f:
            data = f.read(_SOURCE_BYTES + 1)
        if len(data) > _SOURCE_BYTES:
            return
        journal.private_dirs(dest)
        text = data.decode("utf-8", "surrogateescape")
        data = redact_source(text, path, secret_patterns).encode("utf-8", "surrogateescape")
        journal.write_private(os.path.join(dest, os.path.basename(path)), data, exclusive=False)
