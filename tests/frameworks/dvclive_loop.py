"""A hand-written loop that logs with DVCLive, as a DVC user's script does: its settings
(`log_params`, nested, and `log_param`), `log_metric` of names with a phase (`train/loss`)
and of one kept in the summary only (`plot=False`), `next_step()` after each epoch. Its own
record is every value it passed, at the Live's step when it did (`plots/metrics/*.tsv`)."""

import os
import tempfile

from dvclive import Live

import _truth

os.chdir(tempfile.mkdtemp())  # (DVCLive writes dvclive/ where it runs)
metrics = {}
settings = {"train": {"lr": 0.05, "epochs": 4}, "seed": 42}
with Live(save_dvc_exp=False) as live:
    live.log_params(settings)
    live.log_param("layers", val=2)  # (its value by name)
    for epoch in range(settings["train"]["epochs"]):
        loss, acc = 1.0 / (epoch + 1.123456789), 0.5 + epoch / 10
        live.log_metric("train/loss", loss)
        live.log_metric("val/acc", acc)
        live.log_metric("lr", 0.05 * 0.9 ** epoch, plot=False)
        for key, value in (("train/loss", loss), ("val/acc", acc), ("lr", 0.05 * 0.9 ** epoch)):
            _truth.add(metrics, key, live.step, value)
        live.next_step()
    live.log_metric("test/acc", 0.875)
    _truth.add(metrics, "test/acc", live.step, 0.875)
_truth.write(metrics, {**settings, "layers": 2})
