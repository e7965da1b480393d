"""A Lightning fit with no logger (`Trainer(logger=False)`, darts' default) and fewer steps
than `log_every_n_steps`: the bar is the only record of the training's loss. Its own record
is each value the module logs to the bar, at the step Lightning's loggers would give it (the
sanity check's validation is none)."""

import lightning.pytorch as L
import torch

import _truth

metrics = {}


class Model(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = torch.nn.Linear(4, 1)

    def training_step(self, batch, i):
        x, y = batch
        loss = torch.nn.functional.mse_loss(self.net(x), y)
        self.log("train_loss", loss, prog_bar=True)
        _truth.add(metrics, "train_loss", self.global_step, loss.item())
        return loss

    def validation_step(self, batch, i):
        x, y = batch
        loss = torch.nn.functional.mse_loss(self.net(x), y)
        self.log("val_loss", loss, prog_bar=True)
        self.log("val_ok", 1.0, prog_bar=True)  # (the same value each epoch: a point each)
        if not self.trainer.sanity_checking:
            _truth.add(metrics, "val_loss", self.global_step - 1, loss.item())
            _truth.add(metrics, "val_ok", self.global_step - 1, 1.0)

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.05)


torch.manual_seed(0)
x = torch.randn(64, 4)
data = torch.utils.data.TensorDataset(x, x.sum(1, keepdim=True))
train = torch.utils.data.DataLoader(data, batch_size=16)
valid = torch.utils.data.DataLoader(data, batch_size=64)
L.Trainer(max_epochs=3, accelerator="cpu", logger=False, enable_checkpointing=False,
          enable_model_summary=False).fit(Model(), train, valid)
_truth.write(metrics)
