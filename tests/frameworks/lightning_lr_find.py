"""`Tuner.lr_find` before a fit: the sweep's trial steps go to a `DummyLogger` put in the
loggers' place, so the run's record is what the fit's logger gets, which records itself here
(the sweep's losses are no points of `train_loss`)."""

import lightning.pytorch as L
import torch
from lightning.pytorch.loggers import Logger
from lightning.pytorch.tuner import Tuner

import _truth
from _lit import Model

record = {}


class Record(Logger):
    """What Lightning hands its loggers, as they get it."""

    name = "record"
    version = 0

    def log_hyperparams(self, params, *args, **kwargs):
        pass

    def log_metrics(self, metrics, step=None):
        for key, value in metrics.items():
            _truth.add(record, key, step, value)


torch.manual_seed(0)
x = torch.randn(64, 4)
data = torch.utils.data.TensorDataset(x, x.sum(1, keepdim=True))
train = torch.utils.data.DataLoader(data, batch_size=8)
model = Model()
trainer = L.Trainer(max_epochs=2, accelerator="cpu", logger=Record(), log_every_n_steps=1,
                    enable_checkpointing=False, enable_model_summary=False)
found = Tuner(trainer).lr_find(model, train_dataloaders=train, min_lr=1e-4, max_lr=0.1,
                               num_training=12, update_attr=False)
trainer.fit(model, train)
_truth.write(record, dict(model.hparams))
