"""Ranks started by multiprocessing's spawn, the training in a child: the PyTorch DDP
tutorial's `torch.multiprocessing.spawn` (each rank writes its loss to TensorBoard; only rank
0's is the run's); then a Lightning fit whose default logger must still pickle once the hook
wrapped it, as `ddp_spawn` pickles the trainer for each process (a fit with ddp_spawn itself
aborts now and then on gloo's teardown under load, with or without runlab). Its own record:
the values rank 0 passed to the writer, and what Lightning passed to its logger."""

import json
import os
import pickle
import sys
import tempfile

import lightning as L
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.tensorboard import SummaryWriter

import _truth


def rank_loop(rank, world, out):
    dist.init_process_group("gloo", rank=rank, world_size=world)
    writer = SummaryWriter(log_dir=tempfile.mkdtemp())
    record = []
    for step in range(1, 6):
        loss = 1.0 / (step + 0.25) + rank  # rank 1's values differ: a leak shows
        writer.add_scalar("spawn_loss", loss, step)
        record.append([step, loss])
    writer.close()
    if rank == 0:
        with open(out, "w") as f:
            json.dump(record, f)
    dist.destroy_process_group()


class Recorded(L.Callback):
    """What Lightning passes to its loggers on rank 0 (the default TensorBoard logger's)."""

    def __init__(self, out):
        self.out = out

    def setup(self, trainer, module, stage):
        logger = trainer.logger
        pickle.dumps(logger)  # (what ddp_spawn does with it, the hook's wrapper with it)
        original = logger.log_metrics
        points = []

        def log_metrics(metrics, step=None):
            if trainer.global_rank == 0:
                points.extend([key, step, float(value)] for key, value in metrics.items())
                with open(self.out, "w") as f:
                    json.dump(points, f)
            return original(metrics, step)

        self.restore = (logger, original)
        logger.log_metrics = log_metrics

    def teardown(self, trainer, module, stage):
        logger, original = self.restore
        logger.log_metrics = original  # (so that the logger pickles back to the parent)


class Model(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = nn.Linear(3, 2)

    def training_step(self, batch, index):
        x, y = batch
        loss = nn.functional.cross_entropy(self.net(x), y)
        self.log("ddp_loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.1)


if __name__ == "__main__":
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", str(29500 + os.getpid() % 1000))
    spawned = os.path.join(tempfile.mkdtemp(), "spawned.json")
    mp.spawn(rank_loop, args=(2, spawned), nprocs=2, join=True)
    metrics = {}
    with open(spawned) as f:
        for step, loss in json.load(f):
            _truth.add(metrics, "spawn_loss", step, loss)
    os.environ["MASTER_PORT"] = str(int(os.environ["MASTER_PORT"]) + 1)
    logged = os.path.join(tempfile.mkdtemp(), "logged.json")
    torch.manual_seed(0)
    x = torch.randn(32, 3)
    data = DataLoader(TensorDataset(x, (x.sum(1) > 0).long()), batch_size=4)
    trainer = L.Trainer(accelerator="cpu", devices=1, max_epochs=1,
                        log_every_n_steps=1, enable_checkpointing=False,
                        enable_model_summary=False, enable_progress_bar=False,
                        default_root_dir=tempfile.mkdtemp(), callbacks=[Recorded(logged)])
    trainer.fit(Model(), data)
    with open(logged) as f:
        for key, step, value in json.load(f):
            _truth.add(metrics, key, step, value)
    print("done", file=sys.stderr)
    _truth.write(metrics)
