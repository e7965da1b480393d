"""Beyond one machine: `push` runs to an MLflow tracking server, `export` and `import` runs.

The work is done by `runlab.remote.mlflow` and `runlab.remote.archive`; these commands parse,
call them, print dry-run plans on stdout and everything else on stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from runlab.cli.common import command, error, message, open_store, warn
from runlab.errors import UsageError
from runlab.cli.params import RUNS_HELP, StoreOpt, runs_argument, where_option

if TYPE_CHECKING:
    from runlab.store import Store
    from runlab.remote.mlflow import MlflowClient, PushReport

# What push and export send: the runs named, or matched, or else every visible run.
SentWhereOpt = Annotated[str | None, where_option(
    "Only the visible runs the expression matches, instead of naming runs.")]
SentRunsArg = Annotated[list[str] | None, runs_argument(RUNS_HELP[:-1] + " (default: all).")]


@command()
def push(
    runs: SentRunsArg = None,
    where: SentWhereOpt = None,
    mlflow: Annotated[str | None, typer.Option(
        "--mlflow", metavar="URI", show_default=False,
        help="The MLflow tracking server (default: $MLFLOW_TRACKING_URI).")] = None,
    experiment: Annotated[str | None, typer.Option(
        "--experiment", "-e", metavar="NAME", show_default=False,
        help="MLflow experiment for runs pushed the first time (default: the run's own).")]
    = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", "-n", help="Say what would be sent; send nothing.")] = False,
    watch: Annotated[bool, typer.Option(
        "--watch", help="Keep pushing running runs' new points until they end.")] = False,
    interval: Annotated[float, typer.Option(
        "--interval", metavar="S", help="Seconds between two pushes with --watch.")] = 5.0,
    store: StoreOpt = None,
) -> None:
    """Send runs to an MLflow tracking server; pushing again sends only what is new.

    Credentials come from MLFLOW_TRACKING_TOKEN (bearer) or MLFLOW_TRACKING_USERNAME and
    MLFLOW_TRACKING_PASSWORD (basic); they are never stored or printed.

    Example: runlab push --mlflow http://localhost:5000 --where 'status = finished'
    """
    from runlab.display import push as display
    from runlab.remote.mlflow import MlflowClient
    from runlab.remote.mlflow import push as push_runs

    uri = mlflow or os.environ.get("MLFLOW_TRACKING_URI")
    if not uri:
        raise UsageError("no MLflow server: pass --mlflow URI or set "
                         "MLFLOW_TRACKING_URI")
    if watch and dry_run:
        raise UsageError("--watch sends as it goes: it cannot be a --dry-run")
    if interval <= 0:
        raise UsageError("--interval takes a number of seconds above 0")
    client = MlflowClient.from_env(uri)
    s = open_store(store)
    selected = [s.get(i) for i in _select(s, runs or [], where)]
    selected.sort(key=lambda r: r.number)
    if not selected:
        message("no runs to push")
        return
    bar = (display.progress_bar(len(selected), "pushing")
           if len(selected) > 1 and not dry_run and _terminal(2) else None)
    if bar is None:
        report = push_runs(s, selected, client=client, experiment=experiment,
                           dry_run=dry_run)
    else:
        with bar as progress:
            report = push_runs(s, selected, client=client, experiment=experiment,
                               progress=progress)
    if dry_run:
        sys.stdout.write("".join(display.describe(r) + "\n" for r in report.results))
    _tell(report)
    if watch and not (report.failed or report.aborted):
        report = _watch(s, client, [r.id for r in selected if r.status == "running"],
                        interval, experiment)
    if report.failed or report.aborted:
        raise typer.Exit(1)


@command()
def export(
    runs: SentRunsArg = None,
    where: SentWhereOpt = None,
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="FILE", show_default=False,
        help="The archive to write (.tar.gz).")] = "",
    store: StoreOpt = None,
) -> None:
    """Pack runs (journals, logs, patches, artifacts) into a .tar.gz for `runlab import`.

    Example: runlab export --where tags.best -o best-runs.tar.gz
    """
    from runlab.display.push import export_summary
    from runlab.remote.archive import export_runs

    if not output:
        raise UsageError("name the archive to write with -o FILE.tar.gz")
    s = open_store(store)
    ids = _select(s, runs or [], where)
    if not ids:
        raise UsageError("no runs to export")
    report = export_runs(s, ids, output)
    from runlab.store import outputs

    outputs.record(output)  # the archive is no run's code
    for path in report.left_out:
        warn(f"left out {path}: not a regular file")
    message(export_summary(report))


@command()
def import_(
    source: Annotated[str, typer.Argument(
        metavar="FILE|DIR", show_default=False,
        help="An archive from `runlab export`, another store, or run directories.")],
    store: StoreOpt = None,
) -> None:
    """Merge runs from an archive or another store; the same run is never duplicated.

    A run new here is copied in; a run already here gets the journal lines and files it
    lacks. Archive paths that would land outside the store refuse the whole import.

    Example: runlab import cluster-runs.tar.gz
    """
    from runlab.display.push import import_summary
    from runlab.remote.archive import import_runs

    s = open_store(store, create=True)
    report = import_runs(s, source)
    for name in report.left_out:
        warn(f"left out {name}: a link, a special file, or outside any run")
    for problem in report.problems:
        warn(problem)
    message(import_summary(report))


def _select(store: Store, refs: Sequence[str], where: str | None) -> list[str]:
    """Runs named, or matched by --where; neither means every visible run."""
    from runlab.lifecycle.edits import select_runs

    if not refs and where is None:
        from runlab.store.selection import RunQuery

        return [r.id for r in store.list_runs(RunQuery(sort=("number",)))]
    return select_runs(store, refs, where)


def _terminal(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


def _tell(report: PushReport) -> None:
    from runlab.display.push import push_summary

    for result in report.results:
        for w in result.warnings:
            warn(f"{result.label}: {w}")
    message(push_summary(report))
    _errors(report)


def _errors(report: PushReport) -> None:
    for result in report.failed:
        if not result.stopped:
            error(result.error or "")


def _watch(store: Store, client: MlflowClient, run_ids: list[str], interval: float,
           experiment: str | None) -> PushReport:
    """Push the running runs' news every `interval` seconds until they end; Ctrl-C stops."""
    from runlab.display.push import push_summary, tick
    from runlab.remote.mlflow import PushReport, watch

    if not run_ids:
        message("no running runs to watch")
        return PushReport(client.uri)

    def on_tick(report: PushReport) -> None:
        for line in tick(report):
            message(line)
        _errors(report)

    message(f"watching {len(run_ids)} running run{'s' if len(run_ids) != 1 else ''}, "
            f"pushing every {interval:g} s until they end (Ctrl-C stops)")
    try:
        total = watch(store, run_ids, client, interval=interval, experiment=experiment,
                      on_tick=on_tick)
    except KeyboardInterrupt:
        message("stopped watching: what was sent is recorded; push again to send the rest")
        raise typer.Exit(130) from None
    if not total.aborted:
        message("the watched runs have ended: " + push_summary(total))
    return total
