"""A hand-written loop that logs to TensorBoard (torch.utils.tensorboard's SummaryWriter): a
loss a step, a validation accuracy an epoch, two learning rates through add_scalars, and a
value logged without a step; writers for phases, two kept open side by side (two optimizers),
and two alone (each dropped before the next opens beside it). Its own record is every value it
passed to the writer."""

import sys
import tempfile
import types

from torch.utils.tensorboard import SummaryWriter

import _truth

metrics = {}
writer = SummaryWriter(log_dir=tempfile.mkdtemp())
step = 0
for epoch in range(3):
    for _ in range(5):
        step += 1
        loss = 1.0 / (step + 0.123456789)
        writer.add_scalar("Loss/train", loss, step)
        _truth.add(metrics, "Loss/train", step, loss)
        writer.add_scalars("lr", {"encoder": 1e-3 / step, "head": 2e-3 / step},
                           global_step=step)
        _truth.add(metrics, "lr/encoder", step, 1e-3 / step)
        _truth.add(metrics, "lr/head", step, 2e-3 / step)
    accuracy = 0.5 + epoch / 7
    writer.add_scalar(tag="Accuracy/val", scalar_value=accuracy, global_step=epoch + 1)
    _truth.add(metrics, "Accuracy/val", epoch + 1, accuracy)
    writer.add_scalar("epoch_time", 1.25 + epoch)  # no step: its next point, from 0
    _truth.add(metrics, "epoch_time", epoch, 1.25 + epoch)
    print(f"epoch {epoch + 1} done", file=sys.stderr)
writer.close()
root = tempfile.mkdtemp()
phases = {phase: SummaryWriter(log_dir=f"{root}/{phase}") for phase in ("train", "val")}
for epoch in range(1, 4):
    for phase, offset in (("train", 0.0), ("val", 0.1)):
        value = 1.0 / (epoch + 0.5) + offset
        phases[phase].add_scalar("loss", value, epoch)
        _truth.add(metrics, f"{phase}/loss", epoch, value)
hparams = {"lr": 0.01, "batch_size": 32, "optimizer": "adam"}
final = {"hparam/accuracy": 0.875}
phases["val"].add_hparams(hparams, final)
_truth.add(metrics, "hparam/accuracy", 0, 0.875)  # add_hparams writes it at step 0
for each in phases.values():
    each.close()
# writers the program keeps open side by side, one an optimizer (TensorBoard shows each as a
# run): a series each
compared = tempfile.mkdtemp()
runs = {name: SummaryWriter(log_dir=f"{compared}/{name}") for name in ("sgd", "adam")}
for step in range(1, 3):
    for name, scale in (("sgd", 1.0), ("adam", 0.5)):
        runs[name].add_scalar("loss", scale / step, step)
        _truth.add(metrics, f"{name}/loss", step, scale / step)
for each in runs.values():
    each.close()


def alone(name, value):
    """A writer made, written to and dropped (never closed) before the next opens beside it."""
    SummaryWriter(log_dir=f"{compared}/{name}").add_scalar("solo_loss", value, 1)
    _truth.add(metrics, "solo_loss", 1, value)


alone("first", 0.75)
taken = [types.SimpleNamespace() for _ in range(8)]  # (the gone writer's memory in other use)
alone("second", 0.5)
# CleanRL's loop: each episode's return printed, then written under a path; one series, the
# writer's (a print of a value never written stays the program's own)
writer = SummaryWriter(log_dir=tempfile.mkdtemp())
for global_step in (120, 250, 390):
    episodic_return = global_step / 10 + 0.5
    print(f"global_step={global_step}, episodic_return=[{episodic_return}]")
    writer.add_scalar("charts/episodic_return", episodic_return, global_step)
    _truth.add(metrics, "charts/episodic_return", global_step, episodic_return)
print("global_step=400, epsilon=0.05")
_truth.add(metrics, "epsilon", 400, 0.05)
# a batch's loss written under a path, the epoch's average printed under its last part: the
# program's own (it equals another batch's, not the one at its step)
for batch, value in enumerate((0.5, 0.4, 0.3, 0.2), start=1):
    writer.add_scalar("batch/loss", value, batch)
    _truth.add(metrics, "batch/loss", batch, value)
print("Epoch 1: loss 0.300")
_truth.add(metrics, "loss", 1, 0.3)
writer.close()
_truth.write(metrics, hparams)
