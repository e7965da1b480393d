"""A hand-written loop that logs to Weights & Biases (offline: nothing leaves the machine):
its parsed arguments as its config (`--warmup-steps`, `warmup_steps` to W&B: one param),
wandb.log at the run's own steps, an explicit step, a nested dict and a commit=False pair;
a gradient-accumulation loop's commit=False values, which W&B keeps the last of a step; a
metric defined against a step metric of its own (`define_metric("eval/*",
step_metric="epoch")`); then a Keras fit whose callback hands the epoch's logs to W&B and to a
TensorBoard writer as well, with measures of its own; a last commit=False value, the run left
for W&B to finish as Python exits. Its own record is every value it passed,
at the step W&B gives it (`run.step` before the call; a defined metric's at its step metric),
but for the logs the Keras callback copied: the Keras hook's (at its epochs, from 1)."""

import argparse
import os
import tempfile

os.environ["WANDB_MODE"] = "offline"
os.environ["WANDB_DIR"] = tempfile.mkdtemp()
os.environ["WANDB_SILENT"] = "true"
os.environ.setdefault("KERAS_BACKEND", "torch")
import keras
import numpy as np
import torch
import wandb
from torch.utils.tensorboard import SummaryWriter

import _truth

seen = torch.zeros(())


class Copied(keras.callbacks.Callback):
    def __init__(self, writer):
        super().__init__()
        self.writer = writer

    def on_epoch_end(self, epoch, logs=None):
        at = run.step
        wandb.log({**logs, "val_f1": 0.5 + epoch / 10})
        _truth.add(metrics, "val_f1", at, 0.5 + epoch / 10)
        for key, value in logs.items():
            self.writer.add_scalar(key, value, epoch)
        self.writer.add_scalar("tb_f1", 0.25 + epoch / 10, epoch)
        _truth.add(metrics, "tb_f1", epoch, 0.25 + epoch / 10)
        seen.add_(1)  # a tensor updated in place: its value as it was logged
        self.writer.add_scalar("seen_epochs", seen, epoch)
        _truth.add(metrics, "seen_epochs", epoch, float(seen))

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
at = run.step
for micro in range(4):
    wandb.log({"micro_loss": 1.0 + micro}, commit=False)  # W&B keeps the step's last
wandb.log({"accumulated": 4})
_truth.add(metrics, "micro_loss", at, 4.0)
_truth.add(metrics, "accumulated", at, 4)
run.define_metric("epoch")
run.define_metric("eval/*", step_metric="epoch")
for epoch in range(2):
    _truth.add(metrics, "batch_loss", run.step, 0.5 / (epoch + 1))
    wandb.log({"batch_loss": 0.5 / (epoch + 1)})
    wandb.log({"eval/loss": 0.3 / (epoch + 1), "epoch": epoch + 1})  # (the axis: no point)
    _truth.add(metrics, "eval/loss", epoch + 1, 0.3 / (epoch + 1))
keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
y = (x.sum(axis=1) > 0).astype("float32")
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
writer = SummaryWriter(tempfile.mkdtemp())
history = model.fit(x, y, epochs=2, batch_size=16, validation_split=0.25, verbose=0,
                    callbacks=[Copied(writer)])
writer.close()
for key, values in history.history.items():
    for epoch, value in enumerate(values, start=1):
        _truth.add(metrics, key, epoch, value)
# a value never committed by a later call: W&B keeps it as the run ends (the program does not
# finish the run itself: W&B does, as Python exits)
_truth.add(metrics, "closing", run.step, 0.5)
wandb.log({"closing": 0.5}, commit=False)
_truth.write(metrics, {"lr": 0.01, "layers": 2, "warmup-steps": 5})
