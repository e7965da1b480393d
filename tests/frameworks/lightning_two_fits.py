"""Two trainings in one program: a model fitted with lr 0.1, then another with lr 0.001, then
the second tested (a test of the model just fitted is no training of its own)."""

import sys

import lightning.pytorch as L
import torch

import _lit
import _truth

record = {}


class Model(_lit.Model):
    def test_step(self, batch, i):
        x, y = batch
        self.log("test_loss", torch.nn.functional.mse_loss(self.net(x), y))


torch.manual_seed(0)
x = torch.randn(32, 4)
data = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, x.sum(1, keepdim=True)),
                                   batch_size=8)
fits = [0.1, 0.001] if sys.argv[2:] != ["one"] else [0.1]
for lr in fits:
    model = Model(lr)
    trainer = L.Trainer(max_epochs=1, accelerator="cpu", logger=False, log_every_n_steps=1,
                        enable_checkpointing=False, enable_model_summary=False,
                        enable_progress_bar=False)
    trainer.fit(model, data)
    record.setdefault("lr", []).append(lr)
trainer.test(model, data, verbose=False)
_truth.write({}, record)
