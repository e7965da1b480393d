"""A tiny Hugging Face Trainer run: 3 epochs of 8 steps, a log every step, an evaluation
every 8 steps; then its result and an evaluation of its own printed (the second under a label);
its own record is `state.log_history`."""

import torch
from transformers import Trainer, TrainingArguments

import _truth


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(4, 2)

    def forward(self, x, labels=None):
        logits = self.linear(x)
        return {"loss": torch.nn.functional.cross_entropy(logits, labels), "logits": logits}


class Data(torch.utils.data.Dataset):
    def __len__(self):
        return 32

    def __getitem__(self, i):
        g = torch.Generator().manual_seed(i)
        return {"x": torch.randn(4, generator=g), "labels": i % 2}


torch.manual_seed(0)
args = TrainingArguments(output_dir="hf-out", num_train_epochs=3, per_device_train_batch_size=4,
                         logging_steps=1, eval_strategy="steps", eval_steps=8, report_to=[],
                         use_cpu=True, save_strategy="no", learning_rate=0.01,
                         dataloader_num_workers=0)
trainer = Trainer(model=Model(), args=args, train_dataset=Data(), eval_dataset=Data())
print(trainer.train())  # (its TrainOutput: the summary the hook records, `training_loss` too)
# an evaluation printed under a label: the values the hook records, once
print("Test:", trainer.evaluate(Data(), metric_key_prefix="test"))
metrics = {}
for entry in trainer.state.log_history:
    for key, value in entry.items():
        if key != "step":
            _truth.add(metrics, key, entry["step"], value)
_truth.write(metrics, {"learning_rate": 0.01, "num_train_epochs": 3,
                       "per_device_train_batch_size": 4})
