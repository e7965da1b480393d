"""A tqdm loop of 3 bars of 30 steps with postfix values; its own record is what it set."""

from tqdm import tqdm

import _truth

metrics = {}
step = 0
for epoch in range(3):
    bar = tqdm(range(30), desc=f"Epoch {epoch + 1}")
    for _ in bar:
        step += 1
        loss = 1.0 / (step + 0.123456789)
        bar.set_postfix(loss=loss, lr=1e-3 / step)
        _truth.add(metrics, "loss", step, loss)
        _truth.add(metrics, "lr", step, 1e-3 / step)
_truth.write(metrics)
