"""A LightningCLI program: its record is the configuration LightningCLI resolved (the config
file, the command line's overrides and every init argument's default) and the CSV logger's
metrics.csv."""

import csv
import sys

import lightning.pytorch as L
import torch
from lightning.pytorch.cli import LightningCLI
from torch.utils.data import DataLoader, TensorDataset

import _truth

truth = sys.argv.pop(1)


class Model(L.LightningModule):
    def __init__(self, lr: float = 0.01, hidden: int = 8, dropout: float = 0.0):
        super().__init__()
        self.save_hyperparameters()
        self.net = torch.nn.Sequential(torch.nn.Linear(4, hidden), torch.nn.ReLU(),
                                       torch.nn.Linear(hidden, 1))

    def training_step(self, batch, i):
        x, y = batch
        loss = torch.nn.functional.mse_loss(self.net(x), y)
        self.log("train_loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=self.hparams.lr)


class Data(L.LightningDataModule):
    def __init__(self, batch_size: int = 16, n: int = 64):
        super().__init__()
        self.save_hyperparameters()

    def train_dataloader(self):
        g = torch.Generator().manual_seed(0)
        x, y = torch.randn(self.hparams.n, 4, generator=g), torch.randn(self.hparams.n, 1, generator=g)
        return DataLoader(TensorDataset(x, y), batch_size=self.hparams.batch_size)


cli = LightningCLI(Model, Data, seed_everything_default=0, save_config_callback=None)
sys.argv[1:1] = [truth]
config = cli.config["fit"].as_dict()
settings = {part: config[part] for part in ("model", "data")}
settings["trainer"] = {"max_epochs": config["trainer"]["max_epochs"]}
settings["seed_everything"] = config["seed_everything"]  # (the one drawn for `true`)
metrics = {}
with open(cli.trainer.logger.experiment.metrics_file_path) as f:
    for row in csv.DictReader(f):
        for key, value in row.items():
            if key != "step" and value != "":
                _truth.add(metrics, key, row["step"], float(value))
_truth.write(metrics, settings)
