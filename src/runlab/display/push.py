"""Rendering pushes, exports and imports: one-line summaries, dry-run plans, a progress bar."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from runlab.remote.archive import ExportReport, ImportReport
    from runlab.remote.mlflow import PushReport, RunResult


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def push_summary(report: PushReport) -> str:
    """`pushed 12 runs (3 new, 9 updated), 4,812 points to URI`, and what was left."""
    sent = report.new + report.updated
    verb = "would push" if report.dry_run else "pushed"
    if sent == 0 and not report.failed:
        if report.unchanged:
            return (f"nothing to push: {_plural(report.unchanged, 'run')} already up to date "
                    f"on {report.uri}")
        return f"nothing to push to {report.uri}"
    if sent == 0:
        text = f"{verb} nothing to {report.uri}"
    else:
        text = (f"{verb} {_plural(sent, 'run')} ({report.new:,} new, {report.updated:,} "
                f"updated), {_plural(report.points, 'point')} to {report.uri}")
    rest = []
    if report.unchanged:
        rest.append(f"{report.unchanged:,} already up to date")
    if report.failed:
        rest.append(f"{len(report.failed):,} failed")
    if report.not_tried:
        rest.append(f"{report.not_tried:,} not tried")
    return text + (f"; {', '.join(rest)}" if rest else "")


def describe(result: RunResult) -> str:
    """One run of a dry run: what would be sent."""
    if result.unchanged:
        return f"{result.label}: up to date"
    where = (f"new MLflow run in experiment {result.experiment!r}" if result.created
             else f"MLflow run {result.mlflow_run_id}")
    parts = []
    for count, word in ((result.params, "param"), (result.points, "point"),
                        (result.tags, "tag"), (result.untags, "tag removal"),
                        (result.artifacts, "file")):
        if count:
            parts.append(_plural(count, word))
    if result.status:
        parts.append(f"status {result.status}")
    return f"{result.label}: {where}: {', '.join(parts) or 'nothing new'}"


def tick(report: PushReport) -> list[str]:
    """What one round of --watch sent, a line per run that got something."""
    lines = []
    for r in report.results:
        if r.unchanged or r.error:
            continue
        bits = [f"+{_plural(r.points, 'point')}"] if r.points else []
        if r.tags or r.untags:
            bits.append(_plural(r.tags + r.untags, "tag change"))
        if r.artifacts:
            bits.append(_plural(r.artifacts, "file"))
        if r.status:
            bits.append(f"ended {r.status}")
        lines.append(f"{r.label}: {', '.join(bits) or 'updated'}")
    return lines


def export_summary(report: ExportReport) -> str:
    return (f"exported {_plural(report.runs, 'run')} ({_plural(report.files, 'file')}, "
            f"{_size(report.bytes)}) to {report.path}")


def import_summary(report: ImportReport) -> str:
    text = f"imported {_plural(len(report.added), 'new run')} from {report.source}"
    if report.merged:
        text += (f"; merged {_plural(len(report.merged), 'known run')} "
                 f"(+{_plural(report.lines, 'journal line')}, +{_plural(report.files, 'file')})")
    if report.unchanged:
        text += f"; {len(report.unchanged):,} already here"
    return text


def _size(n: int) -> str:
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{n} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{n} bytes"


@contextlib.contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[int, int, Any], None]]:
    """A rich progress bar on stderr; yields the callback that moves it (done, total, _)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True, no_color="NO_COLOR" in os.environ)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done, _total, _result: bar.update(task, completed=done)
