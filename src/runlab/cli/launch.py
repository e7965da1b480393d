"""Launching again: `commands` (runlab.toml's named commands), `rerun` and `sweep`."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Any

import typer

from runlab.cli.common import colour, command, console, emit_json, message, open_store, print_wide
from runlab.cli.params import JsonOpt, RunArg, StoreOpt

if TYPE_CHECKING:
    from runlab.store import Store


@command()
def commands_cmd(json_: JsonOpt = False) -> None:
    """List the named commands of runlab.toml ([commands.NAME]).

    Example: runlab commands
    """
    from runlab import config
    from runlab.launch import commands as projects

    settings = config.load(os.getcwd())
    named = projects.load(settings.commands,
                          settings.sources.get("commands", "runlab.toml"))
    if json_:
        emit_json([c.to_json() for c in named.values()])
    elif not named:
        message('no named commands: add [commands.NAME] with run = "..." to runlab.toml')
    else:
        from runlab.display import listings

        print_wide(listings.commands(list(named.values()), colour()))


@command(wrapping=True)
def rerun_cmd(
    run: RunArg,
    overrides: Annotated[list[str] | None, typer.Argument(
        help="KEY=VALUE params to change (Hydra's +KEY=VALUE, ++KEY=VALUE, ~KEY as given); "
        "then -- and words to add to the command line as given.",
        metavar="[KEY=VALUE]... [-- WORDS]", show_default=False)] = None,
    exact: Annotated[bool, typer.Option(
        "--exact", help="Run the recorded code (commit + uncommitted patch) in a temporary "
        "git worktree.")] = False,
    name: Annotated[str | None, typer.Option("-n", "--name", help="Name the new run.",
                                                show_default=False)] = None,
    tag: Annotated[list[str] | None, typer.Option(
        "-t", "--tag", help="Tag KEY[=VALUE]; repeatable.", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet",
                                        help="Record the output but do not echo it.")] = False,
    store: StoreOpt = None,
) -> int:
    """Run a run's command again in its directory, params overridden; linked to it as parent.

    Words after -- are added to the end of the command line as given, unchecked.

    Example: runlab rerun 12 lr=0.05 --exact
    """
    from runlab import config
    from runlab.launch import rerun
    from runlab.cli import run as run_mod
    from runlab.cli.common import warn
    from runlab.errors import UsageError

    s = open_store(store)
    run_id = s.resolve(run)
    from runlab.capture.args import secret_patterns

    settings = config.load(os.getcwd())
    given, extra = _after_dashes(overrides or [])
    p = rerun.plan(s, run_id, given, bool_flags=settings.bool_flags, extra_words=extra)
    message(f"runlab: rerun of run {p.number}{' (exact code)' if exact else ''}: "
            f"{_env_words(p.env, secret_patterns(settings))}"
            f"{_shell(_redacted(p.argv, p.cwd, p.hidden))}")
    # (the variables the run recorded through the `env` setting, given again; this process
    # only runs the rerun)
    os.environ.update(p.env)
    if exact:
        with rerun.checkout(p) as cwd:
            for w in p.warnings:
                warn(w)
            rerun.local_program(p, cwd)
            outcome = run_mod.track_and_report(p.request(
                cwd, name=name, tags=tag or [], quiet=quiet, store=s.root))
    else:
        if not os.path.isdir(p.cwd):
            raise UsageError(f"the directory of run {p.number} is gone ({p.cwd}); "
                             "--exact recreates its code elsewhere")
        outcome = run_mod.track_and_report(p.request(
            p.cwd, name=name, tags=tag or [], quiet=quiet, store=s.root))
    return run_mod.exit_status(outcome)


@command()
def sweep_cmd(
    words: Annotated[list[str] | None, typer.Argument(
        help="KEY=V1,V2... axes, then -- and the command with {KEY} placeholders (or a "
        "named command).", metavar="KEY=V1,V2 -- COMMAND", show_default=False)] = None,
    jobs: Annotated[int | None, typer.Option(
        "-j", "--jobs", metavar="N", help="Trials run at once (default 1; --resume: as started).",
        show_default=False)] = None,
    random_: Annotated[int | None, typer.Option(
        "--random", metavar="N", help="Run N combinations drawn at random instead of all.",
        show_default=False)] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for --random.",
                                                show_default=False)] = None,
    resume: Annotated[str | None, typer.Option(
        "--resume", help="Run sweep ID again, skipping the trials that finished.",
        show_default=False)] = None,
    sort: Annotated[list[str] | None, typer.Option(
        "--sort", "-s", help="Order the final table by [-]FIELD; repeatable.",
        show_default=False)] = None,
    experiment: Annotated[str | None, typer.Option(
        "-e", "--experiment", help="Experiment of the trials.", show_default=False)] = None,
    tag: Annotated[list[str] | None, typer.Option(
        "-t", "--tag", help="Tag every trial KEY[=VALUE]; repeatable.",
        show_default=False)] = None,
    json_: JsonOpt = False,
    store: StoreOpt = None,
) -> int:
    """Run a command for every combination of params (tagged sweep=ID), N at a time.

    Put -- before the command. Exits 1 when a trial did not finish.

    Example: runlab sweep -j 2 lr=0.1,0.01 epochs=5,10 -- python train.py --lr {lr} --epochs {epochs}
    """
    return _sweep(words or [], jobs, random_, seed, resume, sort, experiment, tag or [],
                  json_, store)


def _after_dashes(words: list[str]) -> tuple[list[str], list[str]]:
    """`rerun`'s words split at the `--` of its command line (which click drops): the
    overrides before it, the words to add as given after it."""
    import sys

    argv = sys.argv[1:]
    if "rerun" not in argv:
        return words, []
    after = argv[argv.index("rerun") + 1:]
    if "--" not in after:
        return words, []
    tail = after[after.index("--") + 1:]
    if not tail or len(tail) > len(words) or words[len(words) - len(tail):] != tail:
        return words, []
    return words[: len(words) - len(tail)], tail


def _shell(argv: list[str]) -> str:
    import shlex

    return shlex.join(argv)


def _env_words(env: dict[str, str], patterns: tuple[str, ...]) -> str:
    """`NAME=VALUE ` for each variable a rerun sets, secrets hidden, as a shell would read it."""
    import shlex

    from runlab.capture.args import redact_env

    return "".join(f"{k}={shlex.quote(v)} " for k, v in redact_env(env, patterns).items())


def _redacted(argv: list[str], cwd: str, hidden: list[str] | None = None) -> list[str]:
    """The command line as it will be recorded: a secret given as an override stays hidden,
    and so do the `hidden` words (a named command's secrets)."""
    from runlab.capture.args import hide_words, parse_args

    parsed = parse_args(argv, cwd=cwd)
    if hidden:
        hide_words(parsed, hidden)
    return parsed.argv


def _sweep(words: list[str], jobs: int | None, sample: int | None, seed: int | None,
           resume: str | None, sort: list[str] | None, experiment: str | None,
           tags: list[str], json_: bool, store: str | None) -> int:
    from runlab.launch import sweep
    from runlab.cli.run import end_by_signal
    from runlab import config
    from runlab.capture.args import redact_mapping, secret_patterns
    from runlab.cli.common import warn
    from runlab.errors import UsageError

    s = open_store(store, create=True)
    patterns = secret_patterns(config.load(os.getcwd()))
    skip: list[int] = []
    done_before: list[Any] = []  # the runs of the trials that finished before a resume
    if resume:
        if words or sample is not None:
            raise UsageError("--resume runs the recorded sweep: give no axes, command or --random")
        plan = sweep.load(s.root, resume)
        before = _sweep_runs(s, plan.id, ["number"])
        skip = sweep.finished_trials(before)
        done_before = [r for r in sweep.latest_per_trial(before) if r.status == "finished"]
        if jobs is not None:
            plan.jobs = jobs
    else:
        plan = _new_sweep(words, sample, seed, experiment, tags)
        plan.jobs = 1 if jobs is None else jobs
        if plan.jobs < 1:
            raise UsageError("-j takes a positive number of trials to run at once")
        sweep.save(s.root, plan, patterns)
    jobs = plan.jobs
    total = len(plan.trials)
    todo = total - len(skip)
    message(f"sweep {plan.id}: {todo} of {total} trial{'s' if total != 1 else ''} to run, "
            f"{min(jobs, max(todo, 1))} at a time")

    def label(n: int) -> str:
        trial = redact_mapping(plan.trials[n - 1], patterns)  # printed: secrets hidden
        return " ".join(f"{k}={v}" for k, v in trial.items())

    def started(n: int) -> None:
        message(f"  trial {n}/{total} started: {label(n)}")

    warned: list[bool] = []

    def ended(r: sweep.TrialResult) -> None:
        run = _trial_run(s, plan.id, r.trial)
        if run is not None:
            r.recorded = run.status  # (what the store says, a caught Ctrl-C's killed too)
            other = sweep.other_code(done_before, run) if not warned else None
            if other is not None:
                warned.append(True)
                warn(f"sweep {plan.id}: trial {r.trial} ran other code than the trials that "
                     f"finished before the resume (runlab diff {other.number} {run.number})")
        how = r.status
        if r.returncode > 0:
            how += f" (exit {r.returncode})"
        elif r.returncode < 0:
            import signal

            how += f" ({signal.Signals(-r.returncode).name})"
        message(f"  trial {r.trial}/{total} {how}: {label(r.trial)}")
        if r.returncode > 0 and r.stderr.strip():
            for line in r.stderr.strip().splitlines()[-3:]:
                message(f"    {line}")

    outcome = sweep.run(plan, s.root, jobs=jobs, skip=skip, on_start=started, on_end=ended)
    s.catch_up()
    runs = sweep.latest_per_trial(_sweep_runs(s, plan.id, sort or ["number"]))
    if json_:
        emit_json([r.to_json() for r in runs])
    elif runs:
        from runlab.display.tables import print_runs

        print_runs(runs, None, console())
    bad = [r for r in outcome.results if r.status != "finished"]
    counts = f"{len(outcome.results) - len(bad)} finished, {len(bad)} did not"
    if outcome.skipped:
        counts += f", {len(outcome.skipped)} had finished before"
    if outcome.not_started:
        counts += f", {len(outcome.not_started)} not started"
    hint = f"; runlab sweep --resume {plan.id} runs the rest" if bad or outcome.not_started else ""
    message(f"sweep {plan.id}: {counts}{hint}")
    if outcome.stopped_by is not None:
        end_by_signal(outcome.stopped_by)
    return 1 if bad else 0


def _trial_run(s: Store, sweep_id: str, trial: int) -> Any | None:
    """The latest run of one trial of a sweep, read back from the store; None if none."""
    from runlab.errors import RunlabError
    from runlab.store.selection import RunQuery

    try:
        s.catch_up()
        runs = s.list_runs(RunQuery(tags={"sweep": sweep_id, "trial": str(trial)}))
    except (RunlabError, OSError):
        return None
    return max(runs, key=lambda r: r.number, default=None)


def _sweep_runs(s: Store, sweep_id: str, sort: list[str]) -> list[Any]:
    from runlab.store.selection import RunQuery

    return list(s.list_runs(RunQuery(sort=tuple(sort), tags={"sweep": sweep_id})))


def _new_sweep(words: list[str], sample: int | None, seed: int | None,
               experiment: str | None, tags: list[str]) -> Any:
    from runlab import config
    from runlab.launch import commands as projects
    from runlab.launch import sweep

    cwd = os.getcwd()
    axes, command = sweep.split_words(words)
    settings = config.load(cwd)
    commands = settings.commands
    named = projects.find(command, commands, cwd, settings.sources.get("commands",
                                                                       "runlab.toml"))
    secret: list[str] = []
    if named is not None:
        import shlex

        from runlab.capture.args import secret_patterns

        # Check the first trial now rather than watch every trial fail on the same mistake.
        first = [f"{k}={v[0]}" for k, v in axes]
        projects.expand(named, [*first, *command[1:]])
        secret = projects.secret_slots(shlex.split(named.run), secret_patterns(settings))
    return sweep.plan(axes, command, cwd=cwd, named=named is not None, sample=sample,
                      seed=seed, experiment=experiment, tags=tags, secret=secret)
