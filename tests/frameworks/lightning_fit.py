"""A tiny Lightning run with the default progress bar and model summary; its own record is the
CSV logger's metrics.csv, what the module writes to TensorBoard's writer itself, and what
the bar shows that no logger gets.
`pytorch_lightning` as the first argument uses that package."""

import csv
import os
import sys

if len(sys.argv) > 2 and sys.argv[2] == "pytorch_lightning":
    import pytorch_lightning as L
else:
    import lightning.pytorch as L
import torch

import _truth

WRITTEN = []
SHOWN = []

class Model(L.LightningModule):
    def __init__(self, hidden=8, lr=0.05):
        super().__init__()
        self.save_hyperparameters()
        self.net = torch.nn.Sequential(torch.nn.Linear(4, hidden), torch.nn.ReLU(),
                                       torch.nn.Linear(hidden, 1))

    def training_step(self, batch, i):
        x, y = batch
        loss = torch.nn.functional.mse_loss(self.net(x), y)
        self.log("train_loss", loss, on_step=True, on_epoch=True)
        # the program's own write to the TensorBoard logger's writer, beside self.log
        scale = 1.0 + i / 10
        self.loggers[1].experiment.add_scalar("data/scale", scale, self.global_step)
        WRITTEN.append((self.global_step, scale))
        # on the bar only: no logger gets it
        self.log("bar_loss", loss * 2, prog_bar=True, logger=False)
        return loss

    def validation_step(self, batch, i):
        x, y = batch
        self.log("val_loss", torch.nn.functional.mse_loss(self.net(x), y))

    def on_train_epoch_end(self):
        # the module's own call to its logger, beside self.log
        self.logger.log_metrics({"custom_epoch_metric": float(self.current_epoch) / 4},
                                step=self.global_step)

    def on_train_batch_end(self, outputs, batch, i):
        # what the bar shows for this batch, at the step the loggers write the batch's values
        SHOWN.append((self.trainer.fit_loop.epoch_loop._batches_that_stepped,
                      float(self.trainer.progress_bar_metrics["bar_loss"])))

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=self.hparams.lr)


torch.manual_seed(0)
x = torch.randn(40, 4)
data = torch.utils.data.TensorDataset(x, x.sum(1, keepdim=True))
loader = torch.utils.data.DataLoader(data, batch_size=8)
logger = L.loggers.CSVLogger("csv-logs", name="run")
# TensorBoard's logger too: what it writes is what the Lightning hook records, once.
board = L.loggers.TensorBoardLogger("tb-logs", name="run")
# LearningRateMonitor passes the loggers the learning rate itself (`lr-SGD`), a step's each.
trainer = L.Trainer(max_epochs=3, logger=[logger, board], log_every_n_steps=1,
                    accelerator="cpu", enable_checkpointing=False,
                    callbacks=[L.callbacks.LearningRateMonitor(logging_interval="step")])
trainer.fit(Model(), loader, loader)
metrics = {}
with open(os.path.join(logger.log_dir, "metrics.csv")) as f:
    for row in csv.DictReader(f):
        for key, value in row.items():
            if key != "step" and value != "":
                _truth.add(metrics, key, row["step"], float(value))
for step, scale in WRITTEN:
    _truth.add(metrics, "data/scale", step, scale)
for step, value in SHOWN:
    _truth.add(metrics, "bar_loss", step, value)
_truth.write(metrics, {"hidden": 8, "lr": 0.05})
