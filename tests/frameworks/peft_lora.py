"""A LoRA adapter put on a tiny model with PEFT's `get_peft_model`: its settings are the run's
params (`peft.r`, ...), as the adapter's config holds them."""

import peft
import torch

import _truth


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(4, 4)
        self.head = torch.nn.Linear(4, 1)

    def forward(self, x):
        return self.head(self.linear(x))


config = peft.LoraConfig(r=4, lora_alpha=8, lora_dropout=0.1, target_modules=["linear"])
model = peft.get_peft_model(Model(), config)
model(torch.randn(2, 4)).sum().backward()
_truth.write({}, {"peft": {"r": 4, "lora_alpha": 8, "lora_dropout": 0.1,
                           "target_modules": ["linear"], "peft_type": "LORA"}})
