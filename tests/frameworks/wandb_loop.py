"""A hand-written loop that logs to Weights & Biases (offline: nothing leaves the machine):
its parsed arguments as its config (`--warmup-steps`, `warmup_steps` to W&B: one param),
wandb.log at the run's own steps, an explicit step, a nested dict and a commit=False pair. Its
own record is every value it passed, at the step W&B gives it (`run.step` before the call)."""

import argparse
import os
import tempfile

os.environ["WANDB_MODE"] = "offline"
os.environ["WANDB_DIR"] = tempfile.mkdtemp()
os.environ["WANDB_SILENT"] = "true"
import wandb

import _truth

metrics = {}
parser = argparse.ArgumentParser()
parser.add_argument("--warmup-steps", type=int, default=5)
args, _ = parser.parse_known_args()  # (the truth's path after it is the test's)
run = wandb.init(project="runlab-test", config={"lr": 0.01, "layers": 2, **vars(args)})
for i in range(5):
    loss = 1.0 / (i + 1.123456789)
    _truth.add(metrics, "loss", run.step, loss)
    _truth.add(metrics, "acc", run.step, i / 10)
    wandb.log({"loss": loss, "acc": i / 10})
run.log({"val": {"loss": 0.4321, "acc": 0.875}}, step=10)
# no numbers, no points (W&B keeps them as text and a flag, not in a chart)
run.log({"phase": "eval", "improved": True, "shown": "1.5"}, step=10)
_truth.add(metrics, "val/loss", 10, 0.4321)
_truth.add(metrics, "val/acc", 10, 0.875)
at = run.step
wandb.log({"lr": 1e-4}, commit=False)  # the same step as the call after it
wandb.log({"grad_norm": 2.5})
_truth.add(metrics, "lr", at, 1e-4)
_truth.add(metrics, "grad_norm", at, 2.5)
run.finish()
_truth.write(metrics, {"lr": 0.01, "layers": 2, "warmup-steps": 5})
