"""Make the real-output corpus: run a tiny training with each library, keep what it printed.

Not part of the test suite (which needs none of these libraries): this is the script that made
the fixtures beside it, kept so that they can be made again when a library changes its output.

    python -m venv /tmp/corpus-venv
    /tmp/corpus-venv/bin/pip install torch==2.13.0          # a CPU wheel; install it first
    /tmp/corpus-venv/bin/pip install torch==2.13.0 scikit-learn xgboost lightgbm keras \\
        transformers accelerate lightning tqdm pandas
    /tmp/corpus-venv/bin/python tests/corpus/make_corpus.py            # every case
    /tmp/corpus-venv/bin/python tests/corpus/make_corpus.py xgboost    # some cases

Each case runs twice as a child process, its stdout and stderr going to one pipe and then to
one pseudo-terminal (100 columns), and its raw bytes are saved as ``<case>.pipe.log`` and
``<case>.pty.log``. The child also writes the ground truth taken from the library's own
history (never from its printed output) as a list of ``{key, value, step}``: the points
runlab should record. Both runs must agree on it; it is saved as ``<case>.truth.json``.
Synthetic data and models built from configs only: nothing is downloaded.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import tempfile
import termios
from collections.abc import Callable
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
COLUMNS, ROWS = 100, 30
TIMING = re.compile(r"runtime|per_second")
Truth = list[dict[str, Any]]


def point(key: str, value: float, step: int) -> dict[str, Any]:
    return {"key": key, "value": float(value), "step": int(step)}


# --- the cases: each trains briefly and returns its truth -------------------------------------


def sklearn_mlp() -> Truth:
    """MLPClassifier, verbose: `Iteration 3, loss = 0.65` and `Validation score: 0.75`."""
    import warnings

    from sklearn.datasets import make_classification
    from sklearn.neural_network import MLPClassifier

    warnings.simplefilter("default")
    x, y = make_classification(n_samples=200, n_features=8, random_state=0)
    model = MLPClassifier(hidden_layer_sizes=(8,), max_iter=12, early_stopping=True,
                          n_iter_no_change=50, random_state=0, verbose=True)
    model.fit(x, y)
    truth = [point("loss", v, i + 1) for i, v in enumerate(model.loss_curve_)]
    truth += [point("validation_score", v, i + 1) for i, v in enumerate(model.validation_scores_)]
    return truth


def sklearn_gb() -> Truth:
    """GradientBoostingRegressor, verbose, subsampled: the `Iter Train Loss OOB Improve
    Remaining Time` table (rows 1-10, then every 10th)."""
    from sklearn.datasets import make_regression
    from sklearn.ensemble import GradientBoostingRegressor

    x, y = make_regression(n_samples=200, n_features=6, noise=5.0, random_state=0)
    model = GradientBoostingRegressor(n_estimators=40, subsample=0.8, random_state=0, verbose=1)
    model.fit(x, y)
    printed = [i for i in range(1, 41) if i <= 10 or i % 10 == 0]
    truth = [point("train_loss", model.train_score_[i - 1], i) for i in printed]
    truth += [point("oob_improve", model.oob_improvement_[i - 1], i) for i in printed]
    return truth


def xgboost_() -> Truth:
    """xgboost.train with evals: `[3]\\ttrain-rmse:0.51\\teval-rmse:0.61`, every 2nd round."""
    import numpy as np
    import xgboost as xgb

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 5))
    y = x[:, 0] * 2 + x[:, 1] + rng.normal(scale=0.3, size=300)
    train = xgb.DMatrix(x[:200], label=y[:200])
    valid = xgb.DMatrix(x[200:], label=y[200:])
    history: dict[str, dict[str, list[float]]] = {}
    xgb.train({"max_depth": 2, "eta": 0.3, "eval_metric": ["rmse", "mae"], "nthread": 1},
              train, num_boost_round=15, evals=[(train, "train"), (valid, "eval")],
              evals_result=history, verbose_eval=2)
    printed = [i for i in range(15) if i % 2 == 0 or i == 14]
    return [point(f"{data}-{metric}", values[i], i)
            for data, metrics in history.items() for metric, values in metrics.items()
            for i in printed]


def lightgbm_() -> Truth:
    """lightgbm.train with valid sets and early stopping: `[10]\\tvalid_0's l2: 0.3`, the
    `Training until validation scores don't improve` notice and the best-iteration repeat."""
    import lightgbm as lgb
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 5))
    y = x[:, 0] * 2 + rng.normal(scale=0.5, size=300)
    train = lgb.Dataset(x[:200], label=y[:200])
    valid = lgb.Dataset(x[200:], label=y[200:], reference=train)
    history: dict[str, dict[str, list[float]]] = {}
    lgb.train({"objective": "regression", "metric": ["l2", "l1"], "num_leaves": 4,
               "learning_rate": 0.3, "verbose": 1, "num_threads": 1, "seed": 0},
              train, num_boost_round=60, valid_sets=[valid, train],
              valid_names=["valid_0", "training"],
              callbacks=[lgb.log_evaluation(1), lgb.early_stopping(3),
                         lgb.record_evaluation(history)])
    return [point(f"{data}-{metric}", v, i + 1)
            for data, metrics in history.items() for metric, values in metrics.items()
            for i, v in enumerate(values)]


def _keras(verbose: int) -> Truth:
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras
    import numpy as np

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(160, 6)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=3, batch_size=16, validation_split=0.2, verbose=verbose)
    return [point(key, v, epoch + 1)
            for key, values in history.history.items() for epoch, v in enumerate(values)]


def keras_v1() -> Truth:
    """Keras 3 fit, verbose=1: `Epoch 1/3`, then a bar redrawn with `\\b`/`\\r` in a terminal."""
    return _keras(1)


def keras_v2() -> Truth:
    """Keras 3 fit, verbose=2: one `8/8 - 0s - 3ms/step - accuracy: ... - loss: ...` per epoch."""
    return _keras(2)


def hf_trainer() -> Truth:
    """transformers Trainer on a tiny BERT built from a config: its log dicts and tqdm bars."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import (
        BertConfig,
        BertForSequenceClassification,
        Trainer,
        TrainingArguments,
        set_seed,
    )

    set_seed(0)
    torch.set_num_threads(1)
    config = BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=16, num_labels=2)
    model = BertForSequenceClassification(config)
    gen = torch.Generator().manual_seed(0)

    class Data(torch.utils.data.Dataset):  # type: ignore[type-arg]
        def __init__(self, n: int) -> None:
            self.ids = torch.randint(0, 50, (n, 8), generator=gen)
            self.labels = (self.ids[:, 0] > 25).long()

        def __len__(self) -> int:
            return len(self.ids)

        def __getitem__(self, i: int) -> dict[str, Any]:
            return {"input_ids": self.ids[i], "labels": self.labels[i]}

    with tempfile.TemporaryDirectory() as out:
        args = TrainingArguments(output_dir=out, num_train_epochs=2, per_device_train_batch_size=8,
                                 per_device_eval_batch_size=8, logging_steps=3, eval_strategy="epoch",
                                 save_strategy="no", report_to=[], use_cpu=True, seed=0,
                                 dataloader_num_workers=0)
        trainer = Trainer(model=model, args=args, train_dataset=Data(64), eval_dataset=Data(16))
        trainer.train()
    # The printed dicts carry no global step: runlab counts each key's values (0, 1, 2, ...).
    truth: Truth = []
    seen: dict[str, int] = {}
    for entry in trainer.state.log_history:
        for key, value in entry.items():
            if key not in ("step", "total_flos") and isinstance(value, (int, float)):
                truth.append(point(key, value, seen.get(key, 0)))
                seen[key] = seen.get(key, 0) + 1
    return truth


def lightning_() -> Truth:
    """Lightning Trainer, tqdm progress bar: `train_loss`/`val_acc` in the bar's postfix."""
    import csv

    import lightning as L
    import torch
    from lightning.pytorch.callbacks import TQDMProgressBar
    from lightning.pytorch.loggers import CSVLogger

    L.seed_everything(0, verbose=False)
    torch.set_num_threads(1)
    x = torch.randn(96, 4)
    y = (x[:, 0] > 0).long()

    class Model(L.LightningModule):
        def __init__(self) -> None:
            super().__init__()
            self.net = torch.nn.Linear(4, 2)

        def training_step(self, batch: Any, _: int) -> torch.Tensor:
            loss = torch.nn.functional.cross_entropy(self.net(batch[0]), batch[1])
            self.log("train_loss", loss, on_step=False, on_epoch=True, prog_bar=True)
            return loss

        def validation_step(self, batch: Any, _: int) -> None:
            acc = (self.net(batch[0]).argmax(1) == batch[1]).float().mean()
            self.log("val_acc", acc, on_epoch=True, prog_bar=True)

        def configure_optimizers(self) -> torch.optim.Optimizer:
            return torch.optim.SGD(self.parameters(), lr=0.5)

    data = torch.utils.data.TensorDataset(x, y)
    train = torch.utils.data.DataLoader(data, batch_size=16)
    valid = torch.utils.data.DataLoader(data, batch_size=32)
    with tempfile.TemporaryDirectory() as out:
        trainer = L.Trainer(max_epochs=3, logger=CSVLogger(out, name="csv"), accelerator="cpu",
                            enable_checkpointing=False, enable_model_summary=False,
                            num_sanity_val_steps=0, default_root_dir=out,
                            callbacks=[TQDMProgressBar()])  # not the rich bar: see README
        trainer.fit(Model(), train, valid)
        with open(os.path.join(trainer.logger.log_dir, "metrics.csv")) as f:
            rows = list(csv.DictReader(f))
    truth: Truth = []
    for row in rows:
        for key in ("train_loss", "val_acc"):
            if row.get(key):
                truth.append(point(key, float(row[key]), int(row["epoch"])))
    return truth


def tqdm_() -> Truth:
    """A hand-written loop: `tqdm(batches, desc=f"Epoch {epoch}")` with `set_postfix` per batch."""
    import random
    import time

    from tqdm import tqdm

    rng = random.Random(0)
    truth: Truth = []
    for epoch in range(1, 4):
        bar = tqdm(range(12), desc=f"Epoch {epoch}", mininterval=0.05)
        loss = acc = 0.0
        for _ in bar:
            time.sleep(0.02)
            loss = rng.uniform(0, 1) / epoch
            acc = 1 - loss / 2
            bar.set_postfix(loss=loss, acc=acc)
        bar.close()
        truth += [point("acc", acc, epoch), point("loss", loss, epoch)]
    return truth


CASES: dict[str, Callable[[], Truth]] = {
    "sklearn_mlp": sklearn_mlp,
    "sklearn_gb": sklearn_gb,
    "xgboost": xgboost_,
    "lightgbm": lightgbm_,
    "keras_v1": keras_v1,
    "keras_v2": keras_v2,
    "hf_trainer": hf_trainer,
    "lightning": lightning_,
    "tqdm": tqdm_,
}


# --- running a case as a child, through a pipe and through a terminal -------------------------


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(KERAS_BACKEND="torch", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               HF_DATASETS_OFFLINE="1", TOKENIZERS_PARALLELISM="false", PYTHONHASHSEED="0",
               OMP_NUM_THREADS="1", TERM="xterm-256color", COLUMNS=str(COLUMNS),
               LINES=str(ROWS), PYTHONWARNINGS="default")
    env.pop("NO_COLOR", None)
    return env


def run_pipe(argv: list[str], env: dict[str, str]) -> bytes:
    """stdout and stderr into one pipe, as `cmd 2>&1 | cat` (and runlab's pipe mode) sees it."""
    env = dict(env, PYTHONUNBUFFERED="1")
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, env=env, check=False)
    if done.returncode != 0:
        sys.stdout.buffer.write(done.stdout[-4000:])
        raise SystemExit(f"{argv[-2]} failed through a pipe ({done.returncode})")
    return done.stdout


def run_pty(argv: list[str], env: dict[str, str]) -> bytes:
    """stdout and stderr on a pseudo-terminal of COLUMNS x ROWS, the bytes kept exactly."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                            close_fds=True, start_new_session=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError as e:  # EIO: the child side is closed
            if e.errno != errno.EIO:
                raise
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    if proc.wait() != 0:
        sys.stdout.buffer.write(b"".join(chunks)[-4000:])
        raise SystemExit(f"{argv[-2]} failed on a terminal ({proc.returncode})")
    return b"".join(chunks)


def make(case: str) -> None:
    env = child_env()
    truths = []
    for mode, runner in (("pipe", run_pipe), ("pty", run_pty)):
        with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
            data = runner([sys.executable, os.path.abspath(__file__), "--child", case, tmp.name],
                          env)
            with open(tmp.name) as f:
                truths.append(json.load(f))
        with open(os.path.join(HERE, f"{case}.{mode}.log"), "wb") as f:
            f.write(data)
    truth = merge(case, *truths)
    with open(os.path.join(HERE, f"{case}.truth.json"), "w") as f:
        f.write("[\n" + ",\n".join(json.dumps(p) for p in truth) + "\n]\n")
    print(f"{case}: {len(truth)} points")


def merge(case: str, pipe: Truth, term: Truth) -> Truth:
    """One truth for both runs. Timings (`train_runtime`, `*_per_second`) differ from run to
    run: those points are kept once per run, marked with the run's mode."""
    if [(p["key"], p["step"]) for p in pipe] != [(p["key"], p["step"]) for p in term]:
        raise SystemExit(f"{case}: the pipe and terminal runs disagree on the truth's points")
    merged: Truth = []
    for a, b in zip(pipe, term):
        if a == b:
            merged.append(a)
        elif TIMING.search(a["key"]):
            merged += [dict(a, mode="pipe"), dict(b, mode="pty")]
        else:
            raise SystemExit(f"{case}: the runs disagree on {a} and {b}")
    return merged


def versions() -> None:
    from importlib.metadata import version

    names = ["scikit-learn", "xgboost", "lightgbm", "keras", "transformers", "accelerate",
             "lightning", "tqdm", "torch", "numpy"]
    made = f"Made by `make_corpus.py` with Python {sys.version.split()[0]} on {sys.platform}, CPU."
    lines = ["# Where the corpus came from", "", made, "", "| package | version |", "| --- | --- |"]
    lines += [f"| {name} | {version(name)} |" for name in names]
    with open(os.path.join(HERE, "VERSIONS.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        case, out = argv[1], argv[2]
        truth = CASES[case]()
        sys.stdout.flush()
        sys.stderr.flush()
        with open(out, "w") as f:
            json.dump(truth, f)
        return
    unknown = set(argv) - set(CASES)
    if unknown:
        raise SystemExit(f"unknown cases {sorted(unknown)}; the cases are {', '.join(CASES)}")
    for case in argv or CASES:
        make(case)
    versions()


if __name__ == "__main__":
    main(sys.argv[1:])
