"""Pushing running runs again and again until they end (`runlab push --watch`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from runlab.remote.mlflow.client import MlflowClient
from runlab.remote.mlflow.send import PushReport, push
from runlab.store.store import Store


def watch(store: Store, run_ids: Sequence[str], client: MlflowClient, *, interval: float = 5.0,
          experiment: str | None = None, sleep: Callable[[float], None] = time.sleep,
          on_tick: Callable[[PushReport], None] | None = None) -> PushReport:
    """Push the runs' new points every `interval` seconds until none is running.

    Files wait for a run's end (a growing log is sent once, complete). Returns everything
    sent; Ctrl-C (KeyboardInterrupt) goes to the caller between two pushes or within one,
    after the confirmed part is recorded.
    """
    total = PushReport(client.uri)
    watching = list(run_ids)
    while watching:
        sleep(interval)
        store.catch_up()
        runs = [store.get(run_id) for run_id in watching]
        report = PushReport(client.uri)
        for running in (False, True):
            group = [r for r in runs if (r.status == "running") == running]
            if group and not report.aborted:
                report.merge(push(store, group, client=client, experiment=experiment,
                                  artifacts=not running))
        total.merge(report)
        if on_tick is not None:
            on_tick(report)
        if report.aborted:
            break
        watching = [r.id for r in runs if r.status == "running"]
    return total
