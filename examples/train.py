"""A tiny training script for trying runlab: no ML library, just arithmetic.

    runlab python examples/train.py --lr 0.05 --epochs 10

It fits y = 3x + 2 by gradient descent and prints one line of metrics per epoch, the way
real training scripts do; runlab records the params from the arguments and the metrics from
the output without any change to this file.
"""

import argparse
import math
import random


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lr", type=float, default=0.05, help="learning rate")
    parser.add_argument("--epochs", type=int, default=5, help="passes over the data")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    data = [(x, 3 * x + 2 + rng.gauss(0, 0.1)) for x in (rng.uniform(-1, 1) for _ in range(256))]
    valid = data[:64]
    train = data[64:]
    w, b = 0.0, 0.0
    for epoch in range(1, args.epochs + 1):
        rng.shuffle(train)
        for i in range(0, len(train), args.batch_size):
            batch = train[i : i + args.batch_size]
            gw = sum(2 * (w * x + b - y) * x for x, y in batch) / len(batch)
            gb = sum(2 * (w * x + b - y) for x, y in batch) / len(batch)
            w -= args.lr * gw
            b -= args.lr * gb
        loss = sum((w * x + b - y) ** 2 for x, y in train) / len(train)
        val_loss = sum((w * x + b - y) ** 2 for x, y in valid) / len(valid)
        acc = sum(abs(w * x + b - y) < 0.25 for x, y in valid) / len(valid)
        print(f"epoch {epoch}/{args.epochs}  loss={loss:.4f}  val_loss={val_loss:.4f}  "
              f"acc={acc:.3f}", flush=True)
    print(f"done: w={w:.3f} b={b:.3f} rmse={math.sqrt(val_loss):.4f}")


if __name__ == "__main__":
    main()
