"""jsonargparse's `CLI(train)`: the function's arguments from their defaults, a `--config`
file and the command line (a secret's positional). Its record: the arguments it was called with, and its losses."""

import sys

from jsonargparse import CLI

import _truth

truth = sys.argv.pop(1)


def train(api_token: str, lr: float = 0.01, batch_size: int = 32, seed: int = 0, epochs: int = 3) -> None:
    metrics = {}
    for epoch in range(epochs):
        loss = round(lr / (epoch + 1), 4)
        print(f"epoch {epoch} loss={loss}")
        _truth.add(metrics, "loss", epoch, loss)
    sys.argv[1:1] = [truth]
    _truth.write(metrics, {"lr": lr, "batch_size": batch_size, "seed": seed, "epochs": epochs})


CLI(train)
