"""Make the real-output corpus: run a tiny training with each library, keep what it printed.

Not part of the test suite (which needs none of these libraries): this is the script that made
the fixtures beside it, kept so that they can be made again when a library changes its output.
One throwaway environment holds every library (the CPU wheel of torch first, then the rest at
the versions in VERSIONS.md):

    python -m venv ~/corpus-venv
    ~/corpus-venv/bin/pip install torch==2.13.0          # a CPU wheel; install it first
    ~/corpus-venv/bin/pip install torch==2.13.0 scikit-learn xgboost lightgbm keras \\
        transformers accelerate lightning rich tqdm pandas fastai spacy stable-baselines3 \\
        catboost gymnasium mmengine pytorch-ignite optuna datasets evaluate skorch \\
        pytorch-tabnet torch_geometric
    ~/corpus-venv/bin/pip uninstall -y torchvision       # fastai pulls a GPU build in
    git clone https://github.com/pytorch/vision ~/vision                # its MetricLogger
    export VISION_REFERENCES=~/vision/references/classification
    export VISION_COMMIT=$(git -C ~/vision rev-parse HEAD)              # for VERSIONS.md
    # timm_train runs on an environment of its own, as timm needs the torchvision removed above
    # (PyPI's, a CUDA build whose ops the case does without); train.py is not in the package:
    python -m venv ~/timm-venv && ~/timm-venv/bin/pip install torch==2.13.0
    ~/timm-venv/bin/pip install torch==2.13.0 torchvision timm==1.0.28
    git clone https://github.com/huggingface/pytorch-image-models ~/timm
    git -C ~/timm checkout v1.0.28
    export TIMM_PYTHON=~/timm-venv/bin/python TIMM_TRAIN=~/timm/train.py
    export TIMM_COMMIT=$(git -C ~/timm rev-parse HEAD)                   # for VERSIONS.md
    git clone https://github.com/huggingface/transformers ~/transformers  # run_glue_no_trainer
    export TRANSFORMERS_EXAMPLES=~/transformers/examples/pytorch
    export TRANSFORMERS_COMMIT=$(git -C ~/transformers rev-parse HEAD)
    git clone https://github.com/huggingface/evaluate ~/evaluate        # its accuracy metric
    export EVALUATE_METRICS=~/evaluate/metrics
    export EVALUATE_COMMIT=$(git -C ~/evaluate rev-parse HEAD)
    ~/corpus-venv/bin/python tests/corpus/make_corpus.py            # every case
    ~/corpus-venv/bin/python tests/corpus/make_corpus.py xgboost    # some cases

Ultralytics and pytorch/examples' imagenet/main.py need torchvision, and PyPI's torchvision is
built for CUDA: it loads only beside PyPI's (CUDA) torch, not the CPU wheel. Each of those cases
runs alone, in an environment of its own (still on the CPU), and writes its own rows in
VERSIONS.md:

    python -m venv ~/yolo-venv
    ~/yolo-venv/bin/pip install torch==2.14.1 torchvision==0.29.1 ultralytics
    ~/yolo-venv/bin/python tests/corpus/make_corpus.py ultralytics
    python -m venv ~/vision-venv
    ~/vision-venv/bin/pip install torch==2.14.1 torchvision==0.29.1
    git clone https://github.com/pytorch/examples ~/examples             # imagenet/main.py
    export PYTORCH_EXAMPLES=~/examples
    export PYTORCH_EXAMPLES_COMMIT=$(git -C ~/examples rev-parse HEAD)
    ~/vision-venv/bin/python tests/corpus/make_corpus.py imagenet_main

pytorch/examples' other scripts (EXAMPLES_CASES) run from the same checkout, each alone, on
such an environment with a few of the scripts' own needs added:

    python -m venv ~/examples-venv
    ~/examples-venv/bin/pip install torch==2.14.1 torchvision==0.29.1 gymnasium matplotlib \
        six requests
    for case in word_language_model word_language_model_transformer dcgan reinforce vae_main \
            regression time_sequence_prediction super_resolution gcn_main mnist_forward_forward; do
        ~/examples-venv/bin/python tests/corpus/make_corpus.py $case
    done

flair pins transformers below 5 (the corpus environment has transformers 5): its case runs
alone too, in an environment of its own on the same CPU wheel of torch (so no second torch):

    python -m venv ~/flair-venv
    ~/flair-venv/bin/pip install torch==2.13.0
    ~/flair-venv/bin/pip install torch==2.13.0 flair
    ~/flair-venv/bin/python tests/corpus/make_corpus.py flair

Each case runs twice as a child process, its stdout and stderr going to one pipe and then to
one pseudo-terminal (100 columns), and its raw bytes are saved as ``<case>.pipe.log`` and
``<case>.pty.log``. The child also writes the ground truth taken from the program's own
record (the library's history or logger, or the dict a hand-written loop keeps of what it
prints; never from the printed output) as a list of ``{key, value, step}``, ``step`` null
where the output names none: the points runlab should record. The environment's own path
(in warnings) is written as /home/user/venv in the captures. Both runs must record the same
points, and the same values but for timings: it is saved as ``<case>.truth.json``, or, when
a timing differs, each run's own as ``<case>.pipe.truth.json`` and ``<case>.pty.truth.json``.
SOURCES.md says where each case's format and truth come from. Synthetic data and models built from configs only: nothing is downloaded.
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
PREFIX = b"/home/user/venv"  # stands for the environment's own path in the captures
TIMING = re.compile(r"runtime|per_second|^time$|^data_time$|fps|time_elapsed|^img/s$|"
                    r"^step_time$|^iter_dt$")
Truth = list[dict[str, Any]]


def point(key: str, value: float, step: int | None) -> dict[str, Any]:
    return {"key": key, "value": float(value), "step": None if step is None else int(step)}


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


def sklearn_grid() -> Truth:
    """GridSearchCV(verbose=3) of an SVC over 2 x 2 candidates, 3 folds: `Fitting 3 folds for
    each of 4 candidates, totalling 12 fits`, then a line a fit, `[CV 1/3] END ....C=1,
    gamma=0.1;, score=0.967 total time=   0.0s`. Truth: `cv_results_`' `split{k}_test_score`
    of each candidate and fold, keyed `score` as printed; no step (the line names the fold and
    the candidate's parameters, not a step of one series)."""
    from sklearn.datasets import make_classification
    from sklearn.model_selection import GridSearchCV
    from sklearn.svm import SVC

    x, y = make_classification(n_samples=150, n_features=6, random_state=0)
    search = GridSearchCV(SVC(), {"C": [1, 10], "gamma": [0.1, 1.0]}, cv=3, verbose=3)
    search.fit(x, y)
    results = search.cv_results_
    # Printed candidate by candidate, each one's folds in turn (n_jobs=None keeps that order).
    return [point("score", results[f"split{fold}_test_score"][candidate], None)
            for candidate in range(len(results["params"])) for fold in range(3)]


def sklearn_hgb() -> Truth:
    """HistGradientBoostingClassifier(verbose=2, early_stopping=True, max_iter=30): a line an
    iteration, `[3/30] 1 tree, 15 leaves, max depth = 7, train loss: 0.53864, val loss:
    0.52855, in 0.003s` (scikit-learn prints it only from verbose=2; verbose=1 prints the
    binning and closing lines alone). Truth: `train_score_` and `validation_score_`, the
    negated losses with entry 0 the score before the first tree, so iteration k (as printed,
    from 1) prints `-train_score_[k]`; and the tree of each iteration's own record,
    `get_n_leaf_nodes()` and `get_max_depth()` of its predictor, as `leaves` and `max_depth`.
    `1 tree` (one tree an iteration for two classes, fixed by the problem) and the time are
    left out."""
    from sklearn.datasets import make_classification
    from sklearn.ensemble import HistGradientBoostingClassifier

    x, y = make_classification(n_samples=400, n_features=8, random_state=0)
    model = HistGradientBoostingClassifier(verbose=2, early_stopping=True, max_iter=30,
                                           random_state=0)
    model.fit(x, y)
    if model.scoring != "loss" or len(model.train_score_) != model.n_iter_ + 1:
        raise SystemExit("sklearn_hgb: the scores are not one loss an iteration plus one")
    truth = [point("train_loss", -model.train_score_[k], k) for k in range(1, model.n_iter_ + 1)]
    truth += [point("val_loss", -model.validation_score_[k], k)
              for k in range(1, model.n_iter_ + 1)]
    truth += [point("leaves", trees[0].get_n_leaf_nodes(), k + 1)
              for k, trees in enumerate(model._predictors)]
    truth += [point("max_depth", trees[0].get_max_depth(), k + 1)
              for k, trees in enumerate(model._predictors)]
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


def keras_evaluate() -> Truth:
    """Keras 3 `fit(verbose=2)`, then `evaluate(x_test, y_test, verbose=1)`, whose bar ends in
    `4/4 ━━━━ 0s 3ms/step - accuracy: 0.7250 - loss: 0.5432`, and the keras-io examples'
    `print("Test loss:", score[0])`, `print("Test accuracy:", score[1])`
    (examples/vision/mnist_convnet.py). Truth: `History.history` at the epoch (from 1); the
    values `evaluate` returns under the names printed: `accuracy` and `loss` for its bar (the
    names it prints them under; no step), and `Test_loss`, `Test_accuracy` (no step)."""
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras
    import numpy as np

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(280, 6)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("float32")
    x_train, y_train, x_test, y_test = x[:160], y[:160], x[160:], y[160:]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train, y_train, epochs=3, batch_size=16, validation_split=0.2,
                        verbose=2)
    score = model.evaluate(x_test, y_test, verbose=1, batch_size=32, return_dict=False)
    print("Test loss:", score[0])
    print("Test accuracy:", score[1])
    if model.metrics_names[:1] != ["loss"] or len(score) != 2:
        raise SystemExit(f"keras_evaluate: evaluate returned {model.metrics_names}")
    truth = [point(key, v, epoch + 1)
             for key, values in history.history.items() for epoch, v in enumerate(values)]
    truth += [point("accuracy", score[1], None), point("loss", score[0], None)]
    truth += [point("Test_loss", score[0], None), point("Test_accuracy", score[1], None)]
    return truth


def hf_trainer() -> Truth:
    """transformers Trainer on a tiny BERT built from a config, a log every 2 steps and an
    evaluation every 4: its log dicts between the redraws of its tqdm bars. The truth is
    `state.log_history`, each entry at its `step` (the trainer's global step)."""
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
                                 per_device_eval_batch_size=8, logging_steps=2,
                                 eval_strategy="steps", eval_steps=4, save_strategy="no",
                                 report_to=[], use_cpu=True, seed=0, dataloader_num_workers=0)
        trainer = Trainer(model=model, args=args, train_dataset=Data(64), eval_dataset=Data(16))
        trainer.train()
    return [point(key, value, entry["step"])
            for entry in trainer.state.log_history for key, value in entry.items()
            if key not in ("step", "total_flos") and isinstance(value, (int, float))]


def _lightning_classifier() -> Any:
    """The LightningModule of the Lightning cases: a two-layer classifier of 8 features that
    logs `train_loss` every step, and `{stage}_loss`, `{stage}_acc` in validation and test,
    all on the progress bar."""
    import lightning as L
    import torch

    class Model(L.LightningModule):
        def __init__(self) -> None:
            super().__init__()
            self.net = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(),
                                           torch.nn.Linear(16, 2))

        def training_step(self, batch: Any, _: int) -> torch.Tensor:
            loss = torch.nn.functional.cross_entropy(self.net(batch[0]), batch[1])
            self.log("train_loss", loss, on_step=True, on_epoch=False, prog_bar=True)
            return loss

        def _evaluate(self, batch: Any, stage: str) -> None:
            logits = self.net(batch[0])
            self.log(f"{stage}_loss", torch.nn.functional.cross_entropy(logits, batch[1]),
                     prog_bar=True)
            self.log(f"{stage}_acc", (logits.argmax(1) == batch[1]).float().mean(),
                     prog_bar=True)

        def validation_step(self, batch: Any, _: int) -> None:
            self._evaluate(batch, "val")

        def test_step(self, batch: Any, _: int) -> None:
            self._evaluate(batch, "test")

        def configure_optimizers(self) -> torch.optim.Optimizer:
            return torch.optim.SGD(self.parameters(), lr=0.2)

    return Model


def _lightning(bar: str) -> Truth:
    """Lightning fit, 3 epochs of 20 batches: `train_loss` logged every step, `val_loss` and
    `val_acc` every epoch, all on the progress bar; the truth is the CSVLogger's metrics.csv
    (each value at the row's `step`)."""
    import csv

    import lightning as L
    import torch
    from lightning.pytorch.callbacks import RichProgressBar, TQDMProgressBar
    from lightning.pytorch.loggers import CSVLogger

    L.seed_everything(0)
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(384, 8, generator=gen)
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).long()

    Model = _lightning_classifier()
    data = torch.utils.data.TensorDataset
    train = torch.utils.data.DataLoader(data(x[:320], y[:320]), batch_size=16)
    valid = torch.utils.data.DataLoader(data(x[320:], y[320:]), batch_size=32)
    progress = RichProgressBar() if bar == "rich" else TQDMProgressBar()
    with tempfile.TemporaryDirectory() as out:
        trainer = L.Trainer(max_epochs=3, logger=CSVLogger(out, name="csv"), accelerator="cpu",
                            enable_checkpointing=False, log_every_n_steps=1,
                            default_root_dir=out, callbacks=[progress])
        trainer.fit(Model(), train, valid)
        with open(os.path.join(trainer.logger.log_dir, "metrics.csv")) as f:
            rows = list(csv.DictReader(f))
    return [point(key, float(row[key]), int(row["step"]))
            for row in rows for key in ("train_loss", "val_loss", "val_acc") if row.get(key)]


def lightning_() -> Truth:
    """Lightning with its default tqdm progress bar (`TQDMProgressBar`)."""
    return _lightning("tqdm")


def lightning_rich() -> Truth:
    """Lightning with `RichProgressBar`, the bar users get when they ask for rich."""
    return _lightning("rich")


def lightning_test() -> Truth:
    """Lightning `fit` (2 epochs of 10 batches, the tqdm bar: `TQDMProgressBar`, named, as
    Lightning 2.6 picks its rich bar by default when rich is installed), then `trainer.test()`
    and `trainer.validate()`, each with its bar and ending in the table of its metrics that
    Lightning draws with rich when rich is installed (`Test metric │ DataLoader 0`, then
    `test_acc │ 0.890625`, the full float). Truth: the CSVLogger's metrics.csv rows of `fit`
    (each value at the row's `step`), and the dicts `test()` and `validate()` return, at the
    trainer's global step, where the CSVLogger writes them too."""
    import csv

    import lightning as L
    import torch
    from lightning.pytorch.callbacks import TQDMProgressBar
    from lightning.pytorch.loggers import CSVLogger

    L.seed_everything(0)
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(288, 8, generator=gen)
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).long()

    Model = _lightning_classifier()
    data = torch.utils.data.TensorDataset
    train = torch.utils.data.DataLoader(data(x[:160], y[:160]), batch_size=16)
    valid = torch.utils.data.DataLoader(data(x[160:224], y[160:224]), batch_size=32)
    test = torch.utils.data.DataLoader(data(x[224:], y[224:]), batch_size=32)
    with tempfile.TemporaryDirectory() as out:
        trainer = L.Trainer(max_epochs=2, logger=CSVLogger(out, name="csv"), accelerator="cpu",
                            enable_checkpointing=False, log_every_n_steps=1,
                            default_root_dir=out, callbacks=[TQDMProgressBar()])
        model = Model()
        trainer.fit(model, train, valid)
        trainer.logger.save()
        with open(os.path.join(trainer.logger.log_dir, "metrics.csv")) as f:
            rows = list(csv.DictReader(f))
        truth = [point(key, float(row[key]), int(row["step"]))
                 for row in rows for key in ("train_loss", "val_loss", "val_acc") if row.get(key)]
        for results in (trainer.test(model, test), trainer.validate(model, valid)):
            truth += [point(key, value, trainer.global_step)
                      for key, value in results[0].items()]
        trainer.logger.save()
        with open(os.path.join(trainer.logger.log_dir, "metrics.csv")) as f:
            written = {(key, int(row["step"])) for row in list(csv.DictReader(f))[len(rows):]
                       for key in row if key != "epoch" and key != "step" and row[key]}
    if written != {(p["key"], p["step"]) for p in truth[-4:]}:
        raise SystemExit(f"lightning_test: the CSVLogger wrote {written} for test and validate")
    return truth


# --- hand-written PyTorch loops, printing as popular repositories' scripts do -----------------


class Toy:
    """A tiny real classifier on synthetic data: 25 batches of 16 per epoch, a held-out set."""

    def __init__(self, batches: int = 25, batch: int = 16, seed: int = 0) -> None:
        import torch

        torch.manual_seed(seed)
        torch.set_num_threads(1)
        gen = torch.Generator().manual_seed(seed)
        n = batches * batch
        x = torch.randn(n + 128, 8, generator=gen)
        w = torch.randn(8, generator=gen)
        y = (x @ w + 0.8 * torch.randn(n + 128, generator=gen) > 0).long()
        self.train = list(zip(x[:n].split(batch), y[:n].split(batch)))
        self.valid = (x[n:], y[n:])
        self.model = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(),
                                         torch.nn.Linear(16, 2))
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.05)

    def step(self, x: Any, y: Any) -> tuple[float, float]:
        """One optimizer step: (loss, accuracy) of the batch."""
        import torch

        self.model.train()
        logits = self.model(x)
        loss = torch.nn.functional.cross_entropy(logits, y)
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return loss.item(), (logits.argmax(1) == y).float().mean().item()

    def evaluate(self) -> tuple[float, int, int]:
        """(mean loss, correct, total) on the held-out set."""
        import torch

        self.model.eval()
        with torch.no_grad():
            logits = self.model(self.valid[0])
            loss = torch.nn.functional.cross_entropy(logits, self.valid[1]).item()
            correct = int((logits.argmax(1) == self.valid[1]).sum())
        return loss, correct, len(self.valid[1])


def tqdm_() -> Truth:
    """A hand-written loop, 3 epochs x 25 batches: `tqdm(batches, desc=f"Epoch {epoch}")` and
    `bar.set_postfix(loss=..., acc=...)` after every optimizer step. The truth is every value
    given to set_postfix, at the loop's global step (1 after the first optimizer step)."""
    import time

    from tqdm import tqdm

    toy = Toy()
    truth: Truth = []
    global_step = 0
    for epoch in range(1, 4):
        bar = tqdm(toy.train, desc=f"Epoch {epoch}")
        for x, y in bar:
            loss, acc = toy.step(x, y)
            global_step += 1
            bar.set_postfix(loss=loss, acc=acc)
            truth += [point("acc", acc, global_step), point("loss", loss, global_step)]
            time.sleep(0.02)  # the rest of a real step: data loading, logging
    return truth


def tqdm_write() -> Truth:
    """A loop with a transient tqdm bar per epoch and a `tqdm.write` summary line after it:
    `epoch  1 | train_loss=0.6931 val_loss=0.6812 val_acc=0.562`. Truth: the summary dict."""
    from tqdm import tqdm

    toy = Toy()
    truth: Truth = []
    for epoch in range(1, 4):
        losses = []
        for x, y in tqdm(toy.train, desc=f"train {epoch}", leave=False):
            losses.append(toy.step(x, y)[0])
        val_loss, correct, total = toy.evaluate()
        summary = {"train_loss": sum(losses) / len(losses), "val_loss": val_loss,
                   "val_acc": correct / total}
        tqdm.write(f"epoch {epoch:>2} | train_loss={summary['train_loss']:.4f} "
                   f"val_loss={summary['val_loss']:.4f} val_acc={summary['val_acc']:.3f}")
        truth += [point(key, value, epoch) for key, value in summary.items()]
    return truth


def mnist_style() -> Truth:
    """pytorch/examples mnist/main.py's prints: `Train Epoch: 1 [80/400 (20%)]\\tLoss: 0.693147`
    every 5 batches and `Test set: Average loss: 0.6812, Accuracy: 72/128 (56%)` after each
    epoch. The lines name no step: the truth's steps are null."""
    toy = Toy()
    truth: Truth = []
    n = sum(len(y) for _, y in toy.train)
    for epoch in range(1, 4):
        for batch_idx, (x, y) in enumerate(toy.train):
            loss, _ = toy.step(x, y)
            if batch_idx % 5 == 0:
                print(f"Train Epoch: {epoch} [{batch_idx * len(x)}/{n} "
                      f"({100.0 * batch_idx / len(toy.train):.0f}%)]\tLoss: {loss:.6f}")
                truth.append(point("Loss", loss, None))
        test_loss, correct, total = toy.evaluate()
        print(f"\nTest set: Average loss: {test_loss:.4f}, Accuracy: {correct}/{total} "
              f"({100.0 * correct / total:.0f}%)\n")
        truth += [point("Test_set_Average_loss", test_loss, None),
                  point("Accuracy", correct, None)]
    return truth


def nanogpt_style() -> Truth:
    """karpathy/nanoGPT train.py's prints, with its start-up lines: `step 20: train loss 2.1234,
    val loss 2.2345` every 20 iterations and `iter 5: loss 2.0123, time 1.23ms, mfu -100.00%`
    every 5, on a tiny character model over synthetic tokens."""
    import time

    import torch

    torch.manual_seed(1337)
    torch.set_num_threads(1)
    vocab, block, batch = 16, 8, 4
    data = torch.randint(0, vocab, (2000,), generator=torch.Generator().manual_seed(0))
    data = (data + torch.arange(2000) % 3) % vocab  # a pattern to learn
    splits = {"train": data[:1800], "val": data[1800:]}

    def get_batch(split: str) -> tuple[torch.Tensor, torch.Tensor]:
        d = splits[split]
        ix = torch.randint(len(d) - block, (batch,))
        return (torch.stack([d[i : i + block] for i in ix]),
                torch.stack([d[i + 1 : i + 1 + block] for i in ix]))

    model = torch.nn.Sequential(torch.nn.Embedding(vocab, 32), torch.nn.Linear(32, vocab))
    params = sum(p.numel() for p in model.parameters())
    print(f"tokens per iteration will be: {batch * block:,}")
    print("Initializing a new model from scratch")
    print(f"number of parameters: {params / 1e6:.2f}M")
    decay = [p for p in model.parameters() if p.dim() >= 2]
    nodecay = [p for p in model.parameters() if p.dim() < 2]
    print(f"num decayed parameter tensors: {len(decay)}, with "
          f"{sum(p.numel() for p in decay):,} parameters")
    print(f"num non-decayed parameter tensors: {len(nodecay)}, with "
          f"{sum(p.numel() for p in nodecay):,} parameters")
    print("using fused AdamW: False")
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2)

    def loss_of(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.cross_entropy(model(x).view(-1, vocab), y.view(-1))

    @torch.no_grad()
    def estimate_loss() -> dict[str, float]:
        model.eval()
        out = {split: sum(loss_of(*get_batch(split)).item() for _ in range(5)) / 5
               for split in ("train", "val")}
        model.train()
        return out

    truth: Truth = []
    t0 = time.time()
    running_mfu = -1.0
    for iter_num in range(61):
        if iter_num % 20 == 0:
            losses = estimate_loss()
            print(f"step {iter_num}: train loss {losses['train']:.4f}, "
                  f"val loss {losses['val']:.4f}")
            truth += [point("train_loss", losses["train"], iter_num),
                      point("val_loss", losses["val"], iter_num)]
        if iter_num == 60:
            break
        loss = loss_of(*get_batch("train"))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        t1 = time.time()
        dt, t0 = t1 - t0, t1
        if iter_num % 5 == 0:
            lossf = loss.item()
            if iter_num >= 5:  # nanoGPT's estimate against an A100's 312 TFLOPS
                mfu = 6 * params * batch * block / dt / 312e12
                running_mfu = mfu if running_mfu == -1.0 else 0.9 * running_mfu + 0.1 * mfu
            print(f"iter {iter_num}: loss {lossf:.4f}, time {dt * 1000:.2f}ms, "
                  f"mfu {running_mfu * 100:.2f}%")
            truth += [point("loss", lossf, iter_num), point("time", dt * 1000, iter_num)]
    return truth


def fairseq_style() -> Truth:
    """fairseq's (legacy `--log-format simple`) lines: `| epoch 001:     10 / 25 loss=4.312,
    ppl=19.87, lr=0.05, gnorm=1.234, num_updates=10` every 10 updates, the epoch summary
    `| epoch 001 | loss 4.102 | ppl 17.17 | lr 0.05 | gnorm 1.1 | num_updates 25` and
    `| epoch 001 | valid on 'valid' subset | loss 4.0 | ppl 16.0 | num_updates 25`. The losses
    are in base 2 and ppl = 2**loss; steps are `num_updates`. The stats dict is what fairseq
    records: `lr` among them, the loss and gnorm rounded to 3 decimals (its meters'
    `round=3`) and ppl to 2 (`fairseq/utils.py`, `get_perplexity`: `safe_round(2**loss, 2)`)."""
    import math

    import torch

    toy = Toy()
    truth: Truth = []
    num_updates = 0
    for epoch in range(1, 4):
        window: list[tuple[float, float]] = []
        every: list[tuple[float, float]] = []
        for i, (x, y) in enumerate(toy.train, start=1):
            loss, _ = toy.step(x, y)
            gnorm = float(torch.norm(torch.stack([p.grad.norm() for p in toy.model.parameters()
                                                  if p.grad is not None])))
            num_updates += 1
            pair = (loss / math.log(2), gnorm)
            window.append(pair)
            every.append(pair)
            if i % 10 == 0:
                stats = fairseq_stats(window)
                print(f"| epoch {epoch:03d}: {i:>6} / {len(toy.train)} loss={stats['loss']:.3f}, "
                      f"ppl={stats['ppl']:.2f}, lr={stats['lr']}, gnorm={stats['gnorm']:.3f}, "
                      f"num_updates={num_updates}", flush=True)
                truth += [point(key, value, num_updates) for key, value in stats.items()]
                window = []
        stats = fairseq_stats(every)
        print(f"| epoch {epoch:03d} | loss {stats['loss']:.3f} | ppl {stats['ppl']:.2f} "
              f"| lr {stats['lr']} | gnorm {stats['gnorm']:.3f} | num_updates {num_updates}")
        truth += [point(key, value, num_updates) for key, value in stats.items()]
        val_loss = toy.evaluate()[0] / math.log(2)
        valid = {"valid_loss": round(val_loss, 3), "valid_ppl": round(2 ** val_loss, 2)}
        print(f"| epoch {epoch:03d} | valid on 'valid' subset | loss {valid['valid_loss']:.3f} "
              f"| ppl {valid['valid_ppl']:.2f} | num_updates {num_updates}")
        truth += [point(key, value, num_updates) for key, value in valid.items()]
    return truth


def fairseq_stats(pairs: list[tuple[float, float]]) -> dict[str, float]:
    """What fairseq records for a window of updates' (loss, gnorm): the means, rounded as
    its meters round them, ppl derived from the unrounded loss, and the learning rate."""
    loss = sum(p[0] for p in pairs) / len(pairs)
    return {"loss": round(loss, 3), "ppl": round(2 ** loss, 2), "lr": 0.05,
            "gnorm": round(sum(p[1] for p in pairs) / len(pairs), 3)}


def epoch_bracket() -> Truth:
    """`[epoch 3] train loss: 0.4100, val loss: 0.5200, val acc: 87.2%` once an epoch."""
    toy = Toy()
    truth: Truth = []
    for epoch in range(1, 6):
        losses = [toy.step(x, y)[0] for x, y in toy.train]
        val_loss, correct, total = toy.evaluate()
        record = {"train_loss": sum(losses) / len(losses), "val_loss": val_loss,
                  "val_acc": 100.0 * correct / total}
        print(f"[epoch {epoch}] train loss: {record['train_loss']:.4f}, "
              f"val loss: {record['val_loss']:.4f}, val acc: {record['val_acc']:.1f}%")
        truth += [point(key, value, epoch) for key, value in record.items()]
    return truth


def pipe_pairs() -> Truth:
    """`it 20 | train_loss 0.6931 | val_loss 0.6812` every 20 iterations (name, space, value)."""
    toy = Toy()
    truth: Truth = []
    it, losses = 0, []
    for _ in range(8):
        for x, y in toy.train:
            losses.append(toy.step(x, y)[0])
            it += 1
            if it % 20 == 0:
                record = {"train_loss": sum(losses) / len(losses), "val_loss": toy.evaluate()[0]}
                print(f"it {it} | train_loss {record['train_loss']:.4f} "
                      f"| val_loss {record['val_loss']:.4f}")
                truth += [point(key, value, it) for key, value in record.items()]
                losses = []
    return truth


def equals_style() -> Truth:
    """Tutorial-style `name = value` lines, a step counter ahead of them:
    `Step 40: Training loss = 0.5734, Validation loss = 0.5385, Validation accuracy = 0.7969`."""
    toy = Toy()
    truth: Truth = []
    step, losses = 0, []
    for _ in range(4):
        for x, y in toy.train:
            losses.append(toy.step(x, y)[0])
            step += 1
            if step % 20 == 0:
                val_loss, correct, total = toy.evaluate()
                record = {"Training_loss": sum(losses) / len(losses), "Validation_loss": val_loss,
                          "Validation_accuracy": correct / total}
                print(f"Step {step}: Training loss = {record['Training_loss']:.4f}, "
                      f"Validation loss = {record['Validation_loss']:.4f}, "
                      f"Validation accuracy = {record['Validation_accuracy']:.4f}")
                truth += [point(key, value, step) for key, value in record.items()]
                losses = []
    return truth


def json_lines() -> Truth:
    """One `json.dumps` of the epoch's nested record a line:
    `{"epoch": 2, "train": {"loss": 0.3}, "val": {"loss": 0.4, "acc": 0.9}}`."""
    toy = Toy()
    truth: Truth = []
    for epoch in range(1, 6):
        losses = [toy.step(x, y)[0] for x, y in toy.train]
        val_loss, correct, total = toy.evaluate()
        record = {"epoch": epoch, "train": {"loss": sum(losses) / len(losses)},
                  "val": {"loss": val_loss, "acc": correct / total}}
        print(json.dumps(record))
        truth += [point(f"{group}/{key}", value, epoch)
                  for group in ("train", "val") for key, value in record[group].items()]
    return truth


def _classes(n: int, shape: tuple[int, ...], seed: int, spread: float) -> tuple[Any, Any]:
    """`n` synthetic samples of 10 classes, as many of each: unit noise around a mean of the
    class's own, the means `spread` apart (per value): (x of `(n, *shape)`, y)."""
    import torch

    gen = torch.Generator().manual_seed(seed)
    means = spread * torch.randn(10, *shape, generator=torch.Generator().manual_seed(0))
    y = torch.arange(n) % 10
    y = y[torch.randperm(n, generator=gen)]
    return means[y] + torch.randn(n, *shape, generator=gen), y


def cifar10_tutorial() -> Truth:
    """The PyTorch "Training a Classifier" tutorial (beginner_source/blitz/cifar10_tutorial.py):
    its `Net` and loop on synthetic 3x32x32 images of its ten classes, batches of 4, the running
    loss every 10 mini-batches (the tutorial's 2000) as `[1,    10] loss: 2.303`, then
    `Accuracy of the network on the 10000 test images: 54 %` (the tutorial's text) and
    `Accuracy for class: plane is 58.2 %` a class. Steps are null: the lines name the epoch and
    the mini-batch within it, and nothing says how long an epoch is."""
    import torch
    from torch import nn
    from torch.nn import functional as F

    torch.manual_seed(0)
    torch.set_num_threads(1)

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv1 = nn.Conv2d(3, 6, 5)
            self.pool = nn.MaxPool2d(2, 2)
            self.conv2 = nn.Conv2d(6, 16, 5)
            self.fc1 = nn.Linear(16 * 5 * 5, 120)
            self.fc2 = nn.Linear(120, 84)
            self.fc3 = nn.Linear(84, 10)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            x = self.pool(F.relu(self.conv1(x)))
            x = self.pool(F.relu(self.conv2(x)))
            x = torch.flatten(x, 1)
            x = F.relu(self.fc1(x))
            x = F.relu(self.fc2(x))
            return self.fc3(x)

    classes = ("plane", "car", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
    x, y = _classes(300, (3, 1, 1), seed=1, spread=2.0)  # a colour a class, and noise
    x = x + torch.randn(300, 3, 32, 32, generator=torch.Generator().manual_seed(1))
    trainloader = list(zip(x[:200].split(4), y[:200].split(4)))
    testloader = list(zip(x[200:].split(4), y[200:].split(4)))
    net = Net()
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    truth: Truth = []
    for epoch in range(2):  # loop over the dataset multiple times
        running_loss = 0.0
        for i, data in enumerate(trainloader, 0):
            inputs, labels = data
            optimizer.zero_grad()
            outputs = net(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
            running_loss += loss.item()
            if i % 10 == 9:    # print every 10 mini-batches
                print(f'[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 10:.3f}')
                truth.append(point("loss", running_loss / 10, None))
                running_loss = 0.0
    print('Finished Training')
    images, labels = testloader[0]
    print('GroundTruth: ', ' '.join(f'{classes[labels[j]]:5s}' for j in range(4)))
    _, predicted = torch.max(net(images), 1)
    print('Predicted: ', ' '.join(f'{classes[predicted[j]]:5s}' for j in range(4)))
    correct = 0
    total = 0
    with torch.no_grad():
        for images, labels in testloader:
            outputs = net(images)
            _, predicted = torch.max(outputs.data, 1)
            total += labels.size(0)
            correct += (predicted == labels).sum().item()
    print(f'Accuracy of the network on the 10000 test images: {100 * correct // total} %')
    truth.append(point("Accuracy_of_the_network_on_the_10000_test_images",
                       100 * correct // total, None))
    correct_pred = {classname: 0 for classname in classes}
    total_pred = {classname: 0 for classname in classes}
    with torch.no_grad():
        for images, labels in testloader:
            _, predictions = torch.max(net(images), 1)
            for label, prediction in zip(labels, predictions):
                if label == prediction:
                    correct_pred[classes[label]] += 1
                total_pred[classes[label]] += 1
    for classname, correct_count in correct_pred.items():
        accuracy = 100 * float(correct_count) / total_pred[classname]
        print(f'Accuracy for class: {classname:5s} is {accuracy:.1f} %')
        truth.append(point(f"Accuracy_for_class_{classname}", accuracy, None))
    return truth


def quickstart_tutorial() -> Truth:
    """The PyTorch Quickstart tutorial (beginner_source/basics/quickstart_tutorial.py): its
    `NeuralNetwork`, `train` and `test` on synthetic 28x28 images of 10 classes (640 to train
    in batches of 64, 128 to test), 3 epochs, the loss every 3 batches (the tutorial's 100):
    `Epoch 1` and a rule, `loss: 2.303511  [   64/  640]`, `Test Error: ` then
    ` Accuracy: 45.2%, Avg loss: 2.149268 `. The train lines' counter is samples within the
    epoch, not a step: null; the test results are at the epoch of the header above them."""
    import torch
    from torch import nn

    torch.manual_seed(0)
    torch.set_num_threads(1)
    x, y = _classes(768, (1, 28, 28), seed=2, spread=1.0)
    train_dataloader = list(zip(x[:640].split(64), y[:640].split(64)))
    test_dataloader = list(zip(x[640:].split(64), y[640:].split(64)))
    device = "cpu"
    print(f"Using {device} device")

    class NeuralNetwork(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.flatten = nn.Flatten()
            self.linear_relu_stack = nn.Sequential(
                nn.Linear(28*28, 512),
                nn.ReLU(),
                nn.Linear(512, 512),
                nn.ReLU(),
                nn.Linear(512, 10)
            )

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.linear_relu_stack(self.flatten(x))  # type: ignore[no-any-return]

    model = NeuralNetwork().to(device)
    print(model)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-2)
    truth: Truth = []

    def train(dataloader: Any, model: nn.Module, loss_fn: Any, optimizer: Any) -> None:
        size = sum(len(y) for _, y in dataloader)
        model.train()
        for batch, (X, y) in enumerate(dataloader):
            pred = model(X)
            loss = loss_fn(pred, y)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            if batch % 3 == 0:
                loss, current = loss.item(), (batch + 1) * len(X)
                print(f"loss: {loss:>7f}  [{current:>5d}/{size:>5d}]")
                truth.append(point("loss", loss, None))

    def test(dataloader: Any, model: nn.Module, loss_fn: Any, epoch: int) -> None:
        size = sum(len(y) for _, y in dataloader)
        num_batches = len(dataloader)
        model.eval()
        test_loss, correct = 0.0, 0.0
        with torch.no_grad():
            for X, y in dataloader:
                pred = model(X)
                test_loss += loss_fn(pred, y).item()
                correct += (pred.argmax(1) == y).type(torch.float).sum().item()
        test_loss /= num_batches
        correct /= size
        print(f"Test Error: \n Accuracy: {(100*correct):>0.1f}%, Avg loss: {test_loss:>8f} \n")
        truth.extend([point("Accuracy", 100 * correct, epoch),
                      point("Avg_loss", test_loss, epoch)])

    epochs = 3
    for t in range(epochs):
        print(f"Epoch {t+1}\n-------------------------------")
        train(train_dataloader, model, loss_fn, optimizer)
        test(test_dataloader, model, loss_fn, t + 1)
    print("Done!")
    return truth


def yunjey_feedforward() -> Truth:
    """yunjey/pytorch-tutorial tutorials/01-basics/feedforward_neural_network/main.py: its
    `NeuralNet` (784-500-10, Adam) on synthetic 28x28 images of 10 classes, 3 epochs of 20
    batches of 100, `Epoch [1/3], Step [5/20], Loss: 0.2386` every 5 steps (the script's 100),
    then `Accuracy of the network on the 10000 test images: 97.5 %` (its text) once. The train
    lines are at the global step epoch * total_step + i + 1; the accuracy has none."""
    import torch
    from torch import nn

    torch.manual_seed(0)
    torch.set_num_threads(1)
    x, y = _classes(2500, (1, 28, 28), seed=3, spread=0.1)
    train_loader = list(zip(x[:2000].split(100), y[:2000].split(100)))
    test_loader = list(zip(x[2000:].split(100), y[2000:].split(100)))
    input_size, hidden_size, num_classes, num_epochs = 784, 500, 10, 3

    class NeuralNet(nn.Module):
        def __init__(self, input_size: int, hidden_size: int, num_classes: int) -> None:
            super().__init__()
            self.fc1 = nn.Linear(input_size, hidden_size)
            self.relu = nn.ReLU()
            self.fc2 = nn.Linear(hidden_size, num_classes)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.fc2(self.relu(self.fc1(x)))  # type: ignore[no-any-return]

    model = NeuralNet(input_size, hidden_size, num_classes)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    truth: Truth = []
    total_step = len(train_loader)
    for epoch in range(num_epochs):
        for i, (images, labels) in enumerate(train_loader):
            images = images.reshape(-1, 28*28)
            outputs = model(images)
            loss = criterion(outputs, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if (i+1) % 5 == 0:
                print ('Epoch [{}/{}], Step [{}/{}], Loss: {:.4f}'  # noqa: UP032 (the script's)
                       .format(epoch+1, num_epochs, i+1, total_step, loss.item()))
                truth.append(point("Loss", loss.item(), epoch * total_step + i + 1))
    with torch.no_grad():
        correct = 0
        total = 0
        for images, labels in test_loader:
            images = images.reshape(-1, 28*28)
            outputs = model(images)
            _, predicted = torch.max(outputs.data, 1)
            total += labels.size(0)
            correct += (predicted == labels).sum().item()
        print('Accuracy of the network on the 10000 test images: {} %'  # noqa: UP032
              .format(100 * correct / total))
    truth.append(point("Accuracy_of_the_network_on_the_10000_test_images",
                       100 * correct / total, None))
    return truth


class TinyLM:
    """A bigram language model over synthetic tokens with a pattern to learn, for the loops of
    karpathy's GPT-2 scripts: `batch()` gives (x, y) of B sequences of T tokens."""

    def __init__(self, B: int = 4, T: int = 16, vocab: int = 32) -> None:
        import torch

        torch.manual_seed(1337)
        torch.set_num_threads(1)
        gen = torch.Generator().manual_seed(0)
        data = (torch.randint(0, vocab, (4096,), generator=gen) + torch.arange(4096) % 5) % vocab
        self.splits = {"train": data[:3584], "val": data[3584:]}
        self.B, self.T, self.vocab = B, T, vocab
        self.model = torch.nn.Sequential(torch.nn.Embedding(vocab, 64),
                                         torch.nn.Linear(64, vocab))
        self.gen = torch.Generator().manual_seed(1)

    def batch(self, split: str) -> tuple[Any, Any]:
        import torch

        d = self.splits[split]
        ix = torch.randint(len(d) - self.T - 1, (self.B,), generator=self.gen)
        return (torch.stack([d[i : i + self.T] for i in ix]),
                torch.stack([d[i + 1 : i + 1 + self.T] for i in ix]))

    def loss(self, x: Any, y: Any) -> Any:
        import torch

        logits = self.model(x)
        return torch.nn.functional.cross_entropy(logits.view(-1, self.vocab), y.view(-1))

    def parameter_groups(self) -> tuple[list[Any], list[Any]]:
        """(decayed, non-decayed) as the GPT-2 scripts split them: matrices and the rest."""
        params = list(self.model.parameters())
        return [p for p in params if p.dim() >= 2], [p for p in params if p.dim() < 2]


def _cosine_lr(it: int, max_lr: float, warmup: int, steps: int, min_frac: float) -> float:
    """Linear warmup, then cosine decay to min_frac * max_lr, as both GPT-2 scripts do."""
    import math

    if it < warmup:
        return max_lr * (it + 1) / warmup
    ratio = (it - warmup) / (steps - warmup)
    return max_lr * min_frac + 0.5 * (1.0 + math.cos(math.pi * ratio)) * max_lr * (1 - min_frac)


def llmc_gpt2() -> Truth:
    """karpathy/llm.c train_gpt2.py's prints, with its start-up lines: `val loss 3.9123` (the
    float as Python prints it) every 5 steps and at the end, and `step    1/20 | train loss
    4.234531 | norm 12.1234 | lr 1.00e-04 | (123.45 ms | 4150 tok/s)` after each optimizer
    step. The printed step counts the optimizer steps so far; `val loss` is at the steps done
    when it runs (its own log's `s:%d tel:%f`). Timings are left out of the truth."""
    import time

    import numpy as np
    import torch

    print(f"Running pytorch {torch.version.__version__}")
    lm = TinyLM()
    B, T, num_iterations, val_loss_every, val_max_steps = lm.B, lm.T, 20, 5, 4
    total_batch_size = 2 * B * T
    print("using device: cpu")
    grad_accum_steps = total_batch_size // (B * T)
    print(f"total desired batch size: {total_batch_size}")
    print(f"=> calculated gradient accumulation steps: {grad_accum_steps}")
    ntok = len(lm.splits["train"])
    print(f"DataLoader: total number of tokens: {ntok:,} across 1 files")
    ntok = len(lm.splits["val"])
    print(f"DataLoader: total number of tokens: {ntok:,} across 1 files")
    decay, nodecay = lm.parameter_groups()
    print(f"num decayed parameter tensors: {len(decay)}, with "
          f"{sum(p.numel() for p in decay):,} parameters")
    print(f"num non-decayed parameter tensors: {len(nodecay)}, with "
          f"{sum(p.numel() for p in nodecay):,} parameters")
    print("using fused AdamW: False")
    print("using regular AdamW")
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.0},
                                   {"params": nodecay, "weight_decay": 0.0}],
                                  lr=1e-2, betas=(0.9, 0.95))
    truth: Truth = []
    timings = []
    for step in range(num_iterations + 1):
        t0 = time.time()
        last_step = (step == num_iterations)
        if step % val_loss_every == 0 or last_step:
            lm.model.eval()
            with torch.no_grad():
                val_loss = 0.0
                for _ in range(val_max_steps):
                    val_loss += lm.loss(*lm.batch("val")).item()
                val_loss /= val_max_steps
            print(f"val loss {val_loss}")
            truth.append(point("val_loss", val_loss, step))
        if last_step:
            break
        lm.model.train()
        optimizer.zero_grad(set_to_none=True)
        lossf = 0.0
        for _ in range(grad_accum_steps):
            loss = lm.loss(*lm.batch("train")) / grad_accum_steps
            lossf += loss.item()
            loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(lm.model.parameters(), 1.0)
        lr = _cosine_lr(step, 1e-2, 5, num_iterations, 0.1)
        for param_group in optimizer.param_groups:
            param_group['lr'] = lr
        optimizer.step()
        t1 = time.time()
        tokens_per_second = grad_accum_steps * B * T / (t1-t0)
        print(f"step {step+1:4d}/{num_iterations} | train loss {lossf:.6f} | norm {norm:.4f} | "
              f"lr {lr:.2e} | ({(t1-t0)*1000:.2f} ms | {tokens_per_second:.0f} tok/s)")
        truth += [point("train_loss", lossf, step + 1), point("norm", norm.item(), step + 1),
                  point("lr", lr, step + 1)]
        if step > 0 and step > num_iterations - 20:
            timings.append(t1-t0)
    timings = timings[-20:]
    print(f"final {len(timings)} iters avg: {np.mean(timings)*1000:.3f}ms")
    print(f"peak memory consumption: {torch.cuda.max_memory_allocated() // 1024 // 1024} MiB")
    return truth


def build_nanogpt() -> Truth:
    """karpathy/build-nanogpt train_gpt2.py's prints, with its start-up lines: `validation
    loss: 3.1234` every 5 steps and at the last, and `step     0 | loss: 10.998436 | lr
    6.0000e-05 | norm: 15.3512 | dt: 1021.33ms | tok/sec: 16041.21` after each optimizer step.
    Steps are the loop's `step` as printed (from 0), and the validation loss is at the `step`
    its loop is at, as the script's own log.txt writes both (`{step} val`, `{step} train`).
    Timings (dt, tok/sec) are left out of the truth."""
    import time

    import torch

    lm = TinyLM()
    print("using device: cpu")
    B, T, max_steps = lm.B, lm.T, 20
    total_batch_size = 2 * B * T
    grad_accum_steps = total_batch_size // (B * T)
    print(f"total desired batch size: {total_batch_size}")
    print(f"=> calculated gradient accumulation steps: {grad_accum_steps}")
    print("found 1 shards for split train")
    print("found 1 shards for split val")
    decay, nodecay = lm.parameter_groups()
    print(f"num decayed parameter tensors: {len(decay)}, with "
          f"{sum(p.numel() for p in decay):,} parameters")
    print(f"num non-decayed parameter tensors: {len(nodecay)}, with "
          f"{sum(p.numel() for p in nodecay):,} parameters")
    print("using fused AdamW: False")
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1},
                                   {"params": nodecay, "weight_decay": 0.0}],
                                  lr=6e-3, betas=(0.9, 0.95), eps=1e-8)
    truth: Truth = []
    for step in range(max_steps):
        t0 = time.time()
        last_step = (step == max_steps - 1)
        if step % 5 == 0 or last_step:
            lm.model.eval()
            with torch.no_grad():
                val_loss_accum = 0.0
                val_loss_steps = 4
                for _ in range(val_loss_steps):
                    val_loss_accum += lm.loss(*lm.batch("val")).item() / val_loss_steps
            print(f"validation loss: {val_loss_accum:.4f}")
            truth.append(point("validation_loss", val_loss_accum, step))
        lm.model.train()
        optimizer.zero_grad()
        loss_accum = 0.0
        for _ in range(grad_accum_steps):
            loss = lm.loss(*lm.batch("train")) / grad_accum_steps
            loss_accum += loss.item()
            loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(lm.model.parameters(), 1.0)
        lr = _cosine_lr(step, 6e-3, 5, max_steps, 0.1)
        for param_group in optimizer.param_groups:
            param_group['lr'] = lr
        optimizer.step()
        t1 = time.time()
        dt = t1 - t0
        tokens_per_sec = B * T * grad_accum_steps / dt
        print(f"step {step:5d} | loss: {loss_accum:.6f} | lr {lr:.4e} | norm: {norm:.4f} | "
              f"dt: {dt*1000:.2f}ms | tok/sec: {tokens_per_sec:.2f}")
        truth += [point("loss", loss_accum, step), point("lr", lr, step),
                  point("norm", norm.item(), step)]
    return truth


# --- other libraries ---------------------------------------------------------------------------


def makemore_style() -> Truth:
    """karpathy/makemore makemore.py's prints, with its start-up lines (the arguments' dict, the
    dataset's summary, the model's size), on a tiny bigram model over synthetic words: `step 10
    | loss 2.9812 | step time 0.52ms` every 10 steps, and every 20 (makemore: 500) `step 20
    train loss: 2.91 test loss: 2.95` (the floats as Python prints them), the `test loss ...
    is the best so far` line, and every 40 (makemore: 200) its samples. Truth: `loss` and
    `step_time` (a timing, ms) at the step printed, `train_loss` and `test_loss` at theirs."""
    import time

    import torch

    args = {"input_file": "names.txt", "work_dir": "out", "resume": False, "sample_only": False,
            "num_workers": 0, "device": "cpu", "seed": 3407, "top_k": -1, "n_layer": 4,
            "n_head": 4, "n_embd": 64, "batch_size": 32, "learning_rate": 0.05,
            "weight_decay": 0.01}
    print(args)
    torch.manual_seed(args["seed"])
    gen = torch.Generator().manual_seed(0)
    chars = "abcdefghijklmnopqrstuvwxyz"
    # Synthetic "names": syllables of a consonant and a vowel, so there is a pattern to learn.
    words = []
    for _ in range(600):
        n = int(torch.randint(1, 5, (1,), generator=gen))
        cs = torch.randint(0, 21, (n,), generator=gen).tolist()
        vs = torch.randint(0, 5, (n,), generator=gen).tolist()
        words.append("".join("bcdfghjklmnpqrstvwxyz"[c] + "aeiou"[v] for c, v in zip(cs, vs)))
    max_word_length = max(len(w) for w in words)
    print(f"number of examples in the dataset: {len(words)}")
    print(f"max word length: {max_word_length}")
    print(f"number of unique characters in the vocabulary: {len(chars)}")
    print("vocabulary:")
    print(chars)
    test_set_size = min(1000, int(len(words) * 0.1))
    rp = torch.randperm(len(words)).tolist()
    train_words = [words[i] for i in rp[:-test_set_size]]
    test_words = [words[i] for i in rp[-test_set_size:]]
    print(f"split up the dataset into {len(train_words)} training examples and "
          f"{len(test_words)} test examples")
    stoi = {ch: i + 1 for i, ch in enumerate(chars)}
    itos = {i: s for s, i in stoi.items()}
    vocab_size, block_size = len(chars) + 1, max_word_length + 1
    print(f"dataset determined that: {vocab_size=}, {block_size=}")

    def encode(split: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
        xs = torch.zeros(len(split), block_size, dtype=torch.long)
        ys = torch.zeros(len(split), block_size, dtype=torch.long)
        for i, word in enumerate(split):
            ix = torch.tensor([stoi[w] for w in word], dtype=torch.long)
            xs[i, 1 : 1 + len(ix)] = ix
            ys[i, : len(ix)] = ix
            ys[i, len(ix) + 1 :] = -1
        return xs, ys

    data = {"train": encode(train_words), "test": encode(test_words)}
    model = torch.nn.Sequential(torch.nn.Embedding(vocab_size, 16),
                                torch.nn.Linear(16, vocab_size))
    print(f"model #params: {sum(p.numel() for p in model.parameters())}")
    optimizer = torch.optim.AdamW(model.parameters(), lr=args["learning_rate"],
                                  weight_decay=args["weight_decay"])

    def loss_of(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        logits = model(x)
        return torch.nn.functional.cross_entropy(logits.view(-1, vocab_size), y.view(-1),
                                                 ignore_index=-1)

    @torch.inference_mode()
    def evaluate(split: str, batch_size: int = 100, max_batches: int = 10) -> float:
        model.eval()
        xs, ys = data[split]
        order = torch.randperm(len(xs), generator=gen)
        losses = []
        for i, start in enumerate(range(0, len(xs), batch_size)):
            ix = order[start : start + batch_size]
            losses.append(loss_of(xs[ix], ys[ix]).item())
            if i >= max_batches:
                break
        model.train()
        return torch.tensor(losses).mean().item()

    @torch.no_grad()
    def print_samples(num: int = 10) -> None:
        samples = []
        for _ in range(num):
            idx, word = 0, ""
            for _ in range(block_size - 1):
                probs = torch.softmax(model(torch.tensor([idx])), dim=-1)
                idx = int(torch.multinomial(probs[0], 1, generator=gen))
                if idx == 0:
                    break
                word += itos[idx]
            samples.append(word)
        train_samples = [w for w in samples if w in train_words]
        test_samples = [w for w in samples if w not in train_words and w in test_words]
        new_samples = [w for w in samples if w not in train_words and w not in test_words]
        print('-'*80)
        for lst, desc in [(train_samples, 'in train'), (test_samples, 'in test'),
                          (new_samples, 'new')]:
            print(f"{len(lst)} samples that are {desc}:")
            for word in lst:
                print(word)
        print('-'*80)

    truth: Truth = []
    best_loss = None
    with tempfile.TemporaryDirectory() as work:
        for step in range(81):
            t0 = time.time()
            ix = torch.randint(len(data["train"][0]), (args["batch_size"],), generator=gen)
            X, Y = data["train"][0][ix], data["train"][1][ix]
            loss = loss_of(X, Y)
            model.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            t1 = time.time()
            if step % 10 == 0:
                print(f"step {step} | loss {loss.item():.4f} | step time {(t1-t0)*1000:.2f}ms")
                truth += [point("loss", loss.item(), step),
                          point("step_time", (t1 - t0) * 1000, step)]
            if step > 0 and step % 20 == 0:
                train_loss = evaluate("train")
                test_loss = evaluate("test")
                print(f"step {step} train loss: {train_loss} test loss: {test_loss}")
                truth += [point("train_loss", train_loss, step),
                          point("test_loss", test_loss, step)]
                if best_loss is None or test_loss < best_loss:
                    out_path = os.path.join(args["work_dir"], "model.pt")
                    print(f"test loss {test_loss} is the best so far, saving model to {out_path}")
                    torch.save(model.state_dict(), os.path.join(work, "model.pt"))
                    best_loss = test_loss
            if step > 0 and step % 40 == 0:
                print_samples(num=10)
    return truth


def mingpt_chargpt() -> Truth:
    """karpathy/minGPT projects/chargpt/chargpt.py's `batch_end_callback`: `iter_dt 0.52ms;
    iter 10: train loss 2.91234` every 10 iterations, with its start-up lines (its config as
    `print(config)` writes a minGPT `CfgNode`, `data has 5000 characters, 12 unique.`,
    minGPT's `number of parameters: 0.00M` and `running on device cpu`), on a tiny character
    model over synthetic text; every 50 iterations (chargpt: 500) a sample from the model and
    `saving model`. minGPT's Trainer calls the callback before it counts the iteration and
    times it, so `iter_dt` is the previous iteration's (0 at iteration 0), as here. Truth: the
    loop's own record of `train_loss` and `iter_dt` (a timing, ms) at the printed iteration
    (minGPT's `iter_num`, from 0)."""
    import time

    import torch

    vocab, block = 12, 16
    config = {"system": {"seed": 1337, "work_dir": "./out/chargpt"},
              "data": {"block_size": block},
              "model": {"model_type": "gpt-mini", "n_layer": None, "n_head": None,
                        "n_embd": None, "vocab_size": None, "block_size": None,
                        "embd_pdrop": 0.1, "resid_pdrop": 0.1, "attn_pdrop": 0.1},
              "trainer": {"device": "auto", "num_workers": 4, "batch_size": 16,
                          "learning_rate": 5e-3, "betas": (0.9, 0.95), "weight_decay": 0.1,
                          "grad_norm_clip": 1.0}}

    def cfg_str(node: dict[str, Any], indent: int) -> str:  # minGPT's CfgNode._str_helper
        parts = []
        for k, v in node.items():
            if isinstance(v, dict):
                parts.append("%s:\n" % k)  # noqa: UP031 (minGPT's)
                parts.append(cfg_str(v, indent + 1))
            else:
                parts.append("%s: %s\n" % (k, v))  # noqa: UP031 (minGPT's)
        parts = [' ' * (indent * 4) + p for p in parts]
        return "".join(parts)

    print(cfg_str(config, 0))
    torch.manual_seed(config["system"]["seed"])
    gen = torch.Generator().manual_seed(0)
    letters = "abcdefgh ,.\n"
    index = torch.randint(0, len(letters), (5000,), generator=gen)
    index = (index + torch.arange(5000) % 4) % len(letters)
    text = "".join(letters[int(i)] for i in index)
    chars = sorted(set(text))
    print('data has %d characters, %d unique.' % (len(text), len(chars)))  # noqa: UP031 (the script's)
    stoi = {ch: i for i, ch in enumerate(chars)}
    itos = {i: ch for i, ch in enumerate(chars)}
    data = torch.tensor([stoi[c] for c in text], dtype=torch.long)
    vocab = len(chars)
    model = torch.nn.Sequential(torch.nn.Embedding(vocab, 32), torch.nn.Linear(32, vocab))
    n_params = sum(p.numel() for p in model.parameters())
    print("number of parameters: %.2fM" % (n_params/1e6,))  # noqa: UP031 (minGPT's)
    print("running on device", "cpu")
    optimizer = torch.optim.AdamW(model.parameters(), lr=config["trainer"]["learning_rate"])
    truth: Truth = []
    iter_num, iter_time, iter_dt = 0, time.time(), 0.0
    with tempfile.TemporaryDirectory() as work_dir:
        while True:
            ix = torch.randint(len(data) - block - 1, (config["trainer"]["batch_size"],),
                               generator=gen)
            x = torch.stack([data[i : i + block] for i in ix])
            y = torch.stack([data[i + 1 : i + 1 + block] for i in ix])
            logits = model(x)
            loss = torch.nn.functional.cross_entropy(logits.view(-1, vocab), y.view(-1))
            model.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            # the callback, as chargpt.py writes it (minGPT's trainer.iter_dt, trainer.loss)
            if iter_num % 10 == 0:
                print(f"iter_dt {iter_dt * 1000:.2f}ms; iter {iter_num}: train loss "
                      f"{loss.item():.5f}")
                truth += [point("iter_dt", iter_dt * 1000, iter_num),
                          point("train_loss", loss.item(), iter_num)]
            if iter_num % 50 == 0:
                model.eval()
                with torch.no_grad():
                    context = "abc"
                    idx = [stoi[s] for s in context]
                    for _ in range(60):
                        probs = torch.softmax(model(torch.tensor(idx[-1:]))[-1], dim=-1)
                        idx.append(int(torch.multinomial(probs, 1, generator=gen)))
                    print(''.join(itos[i] for i in idx))
                print("saving model")
                torch.save(model.state_dict(), os.path.join(work_dir, "model.pt"))
                model.train()
            # then the Trainer counts the iteration and times it
            iter_num += 1
            tnow = time.time()
            iter_dt, iter_time = tnow - iter_time, tnow
            if iter_num > 100:
                break
    return truth

def fastai_() -> Truth:
    """fastai Learner.fit with its ProgressCallback (imported by every `fastai.*.all`):
    fastprogress's table `epoch train_loss valid_loss accuracy time`, a row an epoch (epochs
    printed from 0). Truth: `learn.recorder.values` by `recorder.metric_names`."""
    import fastai.callback.progress  # noqa: F401  (registers the progress table, as `.all` does)
    import torch
    from fastai.data.core import DataLoaders
    from fastai.data.load import DataLoader
    from fastai.learner import Learner
    from fastai.losses import CrossEntropyLossFlat
    from fastai.metrics import accuracy
    from fastai.torch_core import set_seed

    set_seed(0, reproducible=True)
    torch.set_num_threads(1)
    toy = Toy()
    train = [(x, y) for xb, yb in toy.train for x, y in zip(xb, yb)]
    valid = list(zip(*toy.valid))
    dls = DataLoaders(DataLoader(train, bs=16, shuffle=False), DataLoader(valid, bs=32),
                      device=torch.device("cpu"))
    learn = Learner(dls, toy.model, loss_func=CrossEntropyLossFlat(), metrics=accuracy)
    learn.fit(4, lr=0.05)
    names = [name for name in learn.recorder.metric_names[1:] if name != "time"]
    return [point(name, value, epoch)
            for epoch, values in enumerate(learn.recorder.values)
            for name, value in zip(names, values)]


def spacy_() -> Truth:
    """`spacy train` (in process) of a blank English text classifier built from a generated
    config on synthetic sentences: its table `E # LOSS TOK2VEC LOSS TEXTCAT CATS_SCORE SCORE`.
    Truth: ConsoleLogger.v3's own log file (`output_file`), scores in percent as it keeps them."""
    import random

    import spacy
    from spacy.cli.init_config import init_config
    from spacy.cli.train import train
    from spacy.tokens import DocBin

    rng = random.Random(0)
    words = ["good", "great", "fine", "bad", "awful", "poor", "the", "a", "movie", "film", "was"]
    nlp = spacy.blank("en")

    def docs(n: int) -> DocBin:
        out = DocBin()
        for _ in range(n):
            text = " ".join(rng.choice(words) for _ in range(6))
            doc = nlp.make_doc(text)
            positive = sum(w in ("good", "great", "fine") for w in text.split())
            negative = sum(w in ("bad", "awful", "poor") for w in text.split())
            doc.cats = {"POS": float(positive >= negative), "NEG": float(positive < negative)}
            out.add(doc)
        return out

    with tempfile.TemporaryDirectory() as tmp:
        docs(120).to_disk(os.path.join(tmp, "train.spacy"))
        docs(40).to_disk(os.path.join(tmp, "dev.spacy"))
        config = init_config(lang="en", pipeline=["tok2vec", "textcat"], optimize="efficiency")
        config_path = os.path.join(tmp, "config.cfg")
        config.to_disk(config_path)
        log = os.path.join(tmp, "log.jsonl")
        train(config_path, overrides={
            "paths.train": os.path.join(tmp, "train.spacy"),
            "paths.dev": os.path.join(tmp, "dev.spacy"),
            "system.seed": 0, "training.max_steps": 120, "training.eval_frequency": 20,
            "training.max_epochs": 0, "nlp.batch_size": 16,
            "training.logger": {"@loggers": "spacy.ConsoleLogger.v3", "progress_bar": "eval",
                                "output_file": log}})
        with open(log) as f:
            entries = [json.loads(line) for line in f]
    truth: Truth = []
    for entry in entries:
        step = entry["step"]
        truth += [point(f"loss_{name}", value, step) for name, value in entry["losses"].items()]
        truth += [point(name, value, step) for name, value in entry["scores"].items()]
        truth.append(point("score", entry["score"], step))
    return truth


def sb3_ppo() -> Truth:
    """stable-baselines3 PPO on CartPole-v1, verbose=1: its boxed `| rollout/ | ... |` table a
    rollout. Truth: the same logger's CSV output (progress.csv), at `time/total_timesteps`."""
    import csv

    import torch
    from stable_baselines3 import PPO
    from stable_baselines3.common.logger import configure

    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as tmp:
        model = PPO("MlpPolicy", "CartPole-v1", n_steps=256, batch_size=64, n_epochs=2, seed=0,
                    verbose=1, device="cpu")
        model.set_logger(configure(tmp, ["stdout", "csv"]))
        model.learn(total_timesteps=1024)
        with open(os.path.join(tmp, "progress.csv")) as f:
            rows = list(csv.DictReader(f))
    return [point(key, float(value), int(row["time/total_timesteps"]))
            for row in rows for key, value in row.items()
            if value != "" and key not in ("time/total_timesteps", "time/iterations")]


def catboost_() -> Truth:
    """CatBoostClassifier with an eval set, verbose every 5 iterations: `5:\\tlearn: 0.61\\t
    test: 0.63\\tbest: 0.63 (5)\\ttotal: 3ms\\tremaining: 20ms`. Truth: get_evals_result(), its
    `learn` and `validation` series (printed as `learn` and `test`) at the printed iterations."""
    import numpy as np
    from catboost import CatBoostClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 5))
    y = (x[:, 0] + 0.5 * x[:, 1] + rng.normal(scale=0.5, size=300) > 0).astype(int)
    model = CatBoostClassifier(iterations=40, learning_rate=0.1, depth=3, random_seed=0,
                               thread_count=1, verbose=5, allow_writing_files=False)
    model.fit(x[:200], y[:200], eval_set=(x[200:], y[200:]))
    history = model.get_evals_result()
    printed = [i for i in range(40) if i % 5 == 0 or i == 39]
    return [point(printed_as, history[name]["Logloss"][i], i)
            for i in printed for name, printed_as in (("learn", "learn"), ("validation", "test"))]


def torchvision_ref() -> Truth:
    """The `MetricLogger` of torchvision's reference scripts (references/classification/utils.py,
    copied by DETR, DeiT, MAE, DINO and others), driven the way references/classification/
    train.py drives it, on a tiny 10-class model: `Epoch: [0]  [ 5/25]  eta: 0:00:00  lr: 0.1
    img/s: 9153.9  loss: 2.30 (2.31)  acc1: 12.50 (10.2)  acc5: ...  time: ...  data: ...`
    every 5 steps, then evaluate's `Test:  [0/4]  ...` and `Test:  Acc@1 30.469 Acc@5 75.000`.
    The logger is imported from a checkout of pytorch/vision named by VISION_REFERENCES (its
    references/classification folder). Truth: the loggers' own meters as they are printed
    (each meter's median, or its value for `lr` and `img/s`, whose fmt is `{value}`), at the
    global step epoch * len + i; evaluate's meters under `Test_`, with no step (its lines name
    none)."""
    folder = os.environ.get("VISION_REFERENCES")
    if not folder:
        raise SystemExit("torchvision_ref: set VISION_REFERENCES to a pytorch/vision checkout's "
                         "references/classification folder")
    sys.path.insert(0, folder)
    import time

    import torch
    import utils  # type: ignore[import-not-found]

    torch.manual_seed(0)
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(25 * 16 + 128, 16, generator=gen)
    y = (x @ torch.randn(16, 10, generator=gen)).argmax(1)
    train = list(zip(x[:400].split(16), y[:400].split(16)))
    test = list(zip(x[400:].split(32), y[400:].split(32)))
    model = torch.nn.Sequential(torch.nn.Linear(16, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10))
    criterion = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    print_freq = 5
    truth: Truth = []
    for epoch in range(3):
        model.train()
        logger = utils.MetricLogger(delimiter="  ")
        logger.add_meter("lr", utils.SmoothedValue(window_size=1, fmt="{value}"))
        logger.add_meter("img/s", utils.SmoothedValue(window_size=10, fmt="{value}"))
        for i, (image, target) in enumerate(logger.log_every(train, print_freq,
                                                             f"Epoch: [{epoch}]")):
            start = time.time()
            output = model(image)
            loss = criterion(output, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            acc1, acc5 = utils.accuracy(output, target, topk=(1, 5))
            logger.update(loss=loss.item(), lr=optimizer.param_groups[0]["lr"])
            logger.meters["acc1"].update(acc1.item(), n=image.shape[0])
            logger.meters["acc5"].update(acc5.item(), n=image.shape[0])
            logger.meters["img/s"].update(image.shape[0] / max(time.time() - start, 1e-6))
            if i % print_freq == 0:  # log_every prints after this body, at the same i
                step = epoch * len(train) + i
                truth += [point(name, meter.value if name in ("lr", "img/s") else meter.median,
                                step) for name, meter in logger.meters.items()]
        scheduler.step()
        model.eval()
        logger = utils.MetricLogger(delimiter="  ")
        header = "Test: "
        with torch.no_grad():
            for i, (image, target) in enumerate(logger.log_every(test, 100, header)):
                output = model(image)
                loss = criterion(output, target)
                acc1, acc5 = utils.accuracy(output, target, topk=(1, 5))
                logger.update(loss=loss.item())
                logger.meters["acc1"].update(acc1.item(), n=image.shape[0])
                logger.meters["acc5"].update(acc5.item(), n=image.shape[0])
                if i % 100 == 0:
                    truth += [point(f"Test_{name}", meter.median, None)
                              for name, meter in logger.meters.items()]
        print(f"{header} Acc@1 {logger.acc1.global_avg:.3f} Acc@5 {logger.acc5.global_avg:.3f}")
        truth += [point("Test_Acc@1", logger.acc1.global_avg, None),
                  point("Test_Acc@5", logger.acc5.global_avg, None)]
    return truth


def mmengine_() -> Truth:
    """An MMEngine `Runner` (the engine of OpenMMLab's mmdet, mmseg, mmpretrain, ...) training a
    tiny 10-class network by epochs, its LoggerHook every 5 iterations and a validation metric
    each epoch: its environment banner and hook table, then `12/01 21:01:08 - mmengine - INFO -
    Epoch(train) [1][ 5/25]  lr: 1.0000e-01  eta: 0:00:00  time: 0.0051  data_time: 0.0031
    loss: 2.2991` and `Epoch(val) [1][4/4]    accuracy: 57.8125  data_time: ...  time: ...`.
    Truth: the `scalars.json` its visualizer writes (the values the LoggerHook logs), each
    entry at its `step`: the global iteration for training, the epoch for validation."""
    import glob

    import torch
    import torch.nn.functional as F
    from mmengine.evaluator import BaseMetric
    from mmengine.model import BaseModel
    from mmengine.runner import Runner
    from torch.utils.data import DataLoader, TensorDataset

    torch.set_num_threads(1)
    torch.manual_seed(0)  # the model is built before the Runner seeds

    class Net(BaseModel):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.net = torch.nn.Sequential(torch.nn.Linear(16, 32), torch.nn.ReLU(),
                                           torch.nn.Linear(32, 10))

        def forward(self, inputs: Any, labels: Any, mode: str = "tensor") -> Any:
            logits = self.net(inputs)
            if mode == "loss":
                return {"loss": F.cross_entropy(logits, labels)}
            return logits, labels

    class Accuracy(BaseMetric):  # type: ignore[misc]
        def process(self, data_batch: Any, data_samples: Any) -> None:
            logits, labels = data_samples
            self.results.append({"n": len(labels),
                                 "correct": int((logits.argmax(1) == labels).sum())})

        def compute_metrics(self, results: list[dict[str, int]]) -> dict[str, float]:
            correct = sum(r["correct"] for r in results)
            return {"accuracy": 100 * correct / sum(r["n"] for r in results)}

    gen = torch.Generator().manual_seed(0)
    x = torch.randn(400 + 128, 16, generator=gen)
    y = (x @ torch.randn(16, 10, generator=gen)).argmax(1)
    train = DataLoader(TensorDataset(x[:400], y[:400]), batch_size=16, shuffle=True,
                       generator=gen)
    val = DataLoader(TensorDataset(x[400:], y[400:]), batch_size=32)
    with tempfile.TemporaryDirectory() as tmp:
        runner = Runner(
            model=Net(), work_dir=tmp, train_dataloader=train, val_dataloader=val,
            optim_wrapper=dict(optimizer=dict(type=torch.optim.SGD, lr=0.1, momentum=0.9)),
            param_scheduler=dict(type="StepLR", step_size=1, gamma=0.5, by_epoch=True),
            train_cfg=dict(by_epoch=True, max_epochs=3, val_interval=1), val_cfg=dict(),
            val_evaluator=dict(type=Accuracy),
            default_hooks=dict(logger=dict(type="LoggerHook", interval=5),
                               checkpoint=dict(type="CheckpointHook", interval=-1)),
            randomness=dict(seed=0))
        runner.train()
        (scalars,) = glob.glob(os.path.join(tmp, "*", "vis_data", "scalars.json"))
        with open(scalars) as f:
            entries = [json.loads(line) for line in f]
    return [point(key, value, entry["step"]) for entry in entries
            for key, value in entry.items() if key not in ("epoch", "iter", "step")]


def _ignite(bar: bool) -> Truth:
    """A PyTorch Ignite `create_supervised_trainer` (3 epochs of 25 batches) with the evaluator
    of its examples/mnist scripts, printing as they do: `Training Results - Epoch: 1 Avg
    accuracy: 0.91 Avg loss: 0.28` and `Validation Results - ...` after each epoch, and either
    mnist_with_tensorboard.py's `Epoch[1] Iteration[10/25] Loss: 0.23` every 5 iterations or
    mnist_with_tqdm_logger.py's `ProgressBar(persist=True)` showing the loss (a redraw an
    iteration: a 0.12 s step outlasts tqdm's 0.1 s minimum interval). The truth is the engine's
    own record: `engine.state.output` at `engine.state.iteration` (global), the evaluators'
    `engine.state.metrics` at `engine.state.epoch` (the step the example gives its TensorBoard
    writer); the lines print them with two decimals (`:.2f`)."""
    import time

    from ignite.engine import Events, create_supervised_evaluator, create_supervised_trainer
    from ignite.handlers import ProgressBar
    from ignite.metrics import Accuracy, Loss

    toy = Toy()
    loss_fn = __import__("torch").nn.functional.cross_entropy
    trainer = create_supervised_trainer(toy.model, toy.opt, loss_fn)
    evaluator = create_supervised_evaluator(
        toy.model, metrics={"accuracy": Accuracy(), "nll": Loss(loss_fn)})
    truth: Truth = []
    if bar:
        pbar = ProgressBar(persist=True)
        pbar.attach(trainer, output_transform=lambda x: {"loss": x})
        write = pbar.log_message

        @trainer.on(Events.ITERATION_COMPLETED)
        def log_training_loss(engine: Any) -> None:
            truth.append(point("loss", engine.state.output, engine.state.iteration))
            time.sleep(0.12)
    else:
        write = print

        @trainer.on(Events.ITERATION_COMPLETED(every=5))
        def log_training_loss(engine: Any) -> None:
            print(f"Epoch[{engine.state.epoch}] Iteration[{engine.state.iteration}/"
                  f"{len(toy.train)}] Loss: {engine.state.output:.2f}")
            truth.append(point("Loss", engine.state.output, engine.state.iteration))

    @trainer.on(Events.EPOCH_COMPLETED)
    def log_results(engine: Any) -> None:
        for name, data in (("Training", toy.train), ("Validation", [toy.valid])):
            evaluator.run(data)
            metrics = evaluator.state.metrics
            avg_accuracy, avg_nll = metrics["accuracy"], metrics["nll"]
            write(f"{name} Results - Epoch: {engine.state.epoch} Avg accuracy: "
                  f"{avg_accuracy:.2f} Avg loss: {avg_nll:.2f}")
            truth.extend([
                point(f"{name}_Results/Avg_accuracy", avg_accuracy, engine.state.epoch),
                point(f"{name}_Results/Avg_loss", avg_nll, engine.state.epoch)])

    trainer.run(toy.train, max_epochs=3)
    return truth


def ignite_() -> Truth:
    """Ignite printing as examples/mnist/mnist_with_tensorboard.py does."""
    return _ignite(bar=False)


def ignite_bar() -> Truth:
    """Ignite with its tqdm `ProgressBar`, as examples/mnist/mnist_with_tqdm_logger.py."""
    return _ignite(bar=True)


def _image_folder(root: str, classes: int = 10, train: int = 16, valid: int = 5) -> None:
    """`root/train/classN/*.png` and `root/validation/classN/*.png`: 32-pixel noise around a
    colour of the class's own, so that a tiny network learns something in three epochs."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    colours = rng.integers(0, 256, size=(classes, 3))
    for split, n in (("train", train), ("validation", valid)):
        for c in range(classes):
            folder = os.path.join(root, split, f"class{c}")
            os.makedirs(folder)
            for i in range(n):
                pixels = colours[c] + rng.normal(0, 60, size=(32, 32, 3))
                Image.fromarray(np.clip(pixels, 0, 255).astype("uint8")).save(
                    os.path.join(folder, f"{i}.png"))


SCHEMAS: list[Any] = []  # torchvision's op schemas defined here, kept alive


def torchvision_without_ops() -> None:
    """torchvision's wheel on PyPI is built for the CUDA torch: with the CPU torch its C ops do
    not load, and its _meta_registrations registers `nms` and `qnms` without checking for
    them. Defining those two schemas lets it import; the cases use none of its ops."""
    import importlib.util

    import torch

    vision = importlib.util.find_spec("torchvision")
    assert vision is not None and vision.submodule_search_locations
    try:
        torch.ops.load_library(os.path.join(vision.submodule_search_locations[0], "_C.so"))
    except OSError:
        schemas = torch.library.Library("torchvision", "DEF")
        for op in ("nms", "qnms"):
            schemas.define(f"{op}(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
        SCHEMAS.append(schemas)


def timm_train() -> Truth:
    """timm's own `train.py` (pytorch-image-models; the file named by TIMM_TRAIN, from the
    commit in VERSIONS.md, which the pip package does not include) training `resnet10t` on a
    generated 10-class image folder, 32 px, 16 a batch (10 batches an epoch), 3 epochs,
    `--log-interval 3`, CPU: `Train: 0 [   3/10 ( 40%)]  Loss: 2.32 (2.33)  Time: ...  LR:
    1.000e-05  Data: ...`, `Test: [   3/3]  Time: ...  Loss:   2.262 ( 2.305)  Acc@1: ...
    Acc@5: ...`, `*** Best metric: 70.0 (epoch 2)` and the `--result` JSON of each epoch.
    Truth: the meters of `train_one_epoch` and `validate`, read from their frames when each
    line is logged (the value printed first: `losses_m.val`, `lr`, `top1_m.val`, ...), train
    lines at the global step epoch * updates_per_epoch + update_idx, test lines with none;
    main's `best_metric`; and the rows of the `summary.csv` it writes, as the `--result` dump
    names them (`train/loss`, `validation/top1`, ...) at their epoch. Timings are left out."""
    script = os.environ.get("TIMM_TRAIN")
    if not script:
        raise SystemExit("timm_train: set TIMM_TRAIN to train.py of a pytorch-image-models "
                         "checkout")
    import csv
    import importlib.util
    import logging
    import warnings

    # Its image reader leaves each file to the collector: a ResourceWarning an image, which
    # Python's default filters hide from users; hidden here too (the corpus runs show them).
    warnings.filterwarnings("ignore", category=ResourceWarning)

    torchvision_without_ops()
    spec = importlib.util.spec_from_file_location("train", script)
    assert spec is not None and spec.loader is not None
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    truth: Truth = []

    class Meters(logging.Handler):
        """Reads what the logging function holds as each line is logged."""

        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            frame = sys._getframe()
            while frame.f_code.co_name not in ("train_one_epoch", "validate", "main"):
                frame = frame.f_back  # type: ignore[assignment]
            f = frame.f_locals
            if message.startswith("Train:"):
                step = f["epoch"] * f["updates_per_epoch"] + f["update_idx"]
                truth.extend([point("Loss", f["losses_m"].val, step), point("LR", f["lr"], step)])
            elif message.startswith("Test:"):
                truth.extend([point("Test_Loss", f["losses_m"].val, None),
                              point("Test_Acc@1", f["top1_m"].val, None),
                              point("Test_Acc@5", f["top5_m"].val, None)])
            elif message.startswith("*** Best metric"):
                truth.append(point("Best_metric", f["best_metric"], None))

    logging.getLogger("train").addHandler(Meters())
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # its output folder and checkpoints' paths print as ./output/...
        try:
            _image_folder("data")
            sys.argv = ["train.py", "--data-dir", "data", "--dataset", "", "--model", "resnet10t",
                        "--num-classes", "10", "--img-size", "32", "-b", "16", "--epochs", "3",
                        "--warmup-epochs", "1", "--lr", "0.05", "--log-interval", "3",
                        "--workers", "1", "--device", "cpu", "--experiment", "tiny",
                        "--seed", "0"]
            train.main()
            with open(os.path.join("output", "train", "tiny", "summary.csv")) as f:
                rows = list(csv.DictReader(f))
        finally:
            os.chdir(cwd)
    for row in rows:
        epoch = int(row["epoch"])
        truth += [point("train/loss", float(row["train_loss"]), epoch),
                  point("validation/loss", float(row["eval_loss"]), epoch),
                  point("validation/top1", float(row["eval_top1"]), epoch),
                  point("validation/top5", float(row["eval_top5"]), epoch)]
    return truth


def optuna_study() -> Truth:
    """An Optuna study with its default logging, 6 trials (TPE, seed 0) of a scikit-learn
    logistic regression's validation log-loss: `[I 2026-12-01 23:40:01,234] Trial 3 finished
    with value: 0.4123 and parameters: {'C': 0.05, 'class_weight': None}. Best is trial 1
    with value: 0.3987.` Truth: `study.trials`' values, keyed `value`, at the trial's number
    (from 0, as printed); parameters are not metrics."""
    import optuna
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss

    x, y = make_classification(n_samples=300, n_features=8, flip_y=0.1, random_state=0)

    def objective(trial: Any) -> float:
        model = LogisticRegression(C=trial.suggest_float("C", 1e-3, 10.0, log=True),
                                   class_weight=trial.suggest_categorical(
                                       "class_weight", [None, "balanced"]))
        model.fit(x[:200], y[:200])
        return float(log_loss(y[200:], model.predict_proba(x[200:])))

    study = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=0))
    study.optimize(objective, n_trials=6)
    return [point("value", trial.value, trial.number) for trial in study.trials]


def ultralytics_() -> Truth:
    """Ultralytics YOLO (`YOLO("yolo11n.yaml")`, built from its config, no weights) training a
    detector 3 epochs on a tiny synthetic dataset (one class: a light rectangle on noise), CPU,
    validating each epoch: its banner, dataset scan and model summary, then per epoch the
    `Epoch GPU_mem box_loss cls_loss dfl_loss Instances Size` header, the bar (`1/3 0G 3.2 4.1
    2.9 12 64: 50% ━━━ 2/4 ...`, its losses the running mean of the epoch) and the validation
    table (`Class Images Instances Box(P R mAP50 mAP50-95)`, then `all 8 8 0.0033 0.5 ...`),
    and after training the same table again for `best.pt`. Truth: the trainer's own running
    mean `trainer.tloss` after each batch (what the bar shows), at the global batch (from 1);
    the run's `results.csv` for each epoch's validation (`metrics/precision(B)` as `P`, ...), at
    the epoch as printed (from 1); the metrics `train()` returns for the last table, no step."""
    import csv
    import shutil

    os.environ["YOLO_OFFLINE"] = "1"  # no online checks (fonts, updates, hub)
    os.environ["YOLO_AUTOINSTALL"] = "False"  # never pip install a missing requirement
    import numpy as np
    from PIL import Image

    tmp = tempfile.mkdtemp()
    os.environ["YOLO_CONFIG_DIR"] = os.path.join(tmp, "config")  # its settings file, made anew
    from ultralytics import YOLO

    rng = np.random.default_rng(0)
    for split, n in (("train", 256), ("val", 16)):
        os.makedirs(os.path.join(tmp, "images", split))
        os.makedirs(os.path.join(tmp, "labels", split))
        for i in range(n):
            img = rng.integers(0, 90, (64, 64, 3), dtype=np.uint8)
            w, h = rng.integers(16, 40, 2)
            x0, y0 = rng.integers(0, 64 - w), rng.integers(0, 64 - h)
            img[y0:y0 + h, x0:x0 + w] = rng.integers(170, 255, 3, dtype=np.uint8)
            Image.fromarray(img).save(os.path.join(tmp, "images", split, f"{i}.png"))
            with open(os.path.join(tmp, "labels", split, f"{i}.txt"), "w") as f:
                f.write(f"0 {(x0 + w / 2) / 64:.6f} {(y0 + h / 2) / 64:.6f} {w / 64:.6f} "
                        f"{h / 64:.6f}\n")
    data = os.path.join(tmp, "data.yaml")
    with open(data, "w") as f:
        f.write(f"path: {tmp}\ntrain: images/train\nval: images/val\nnames:\n  0: box\n")

    truth: Truth = []
    model = YOLO("yolo11n.yaml")

    def batch_end(trainer: Any) -> None:
        step = len(truth) // len(trainer.tloss) + 1
        truth.extend(point(key, value, step) for key, value in trainer.tloss.items())

    model.add_callback("on_train_batch_end", batch_end)
    final = model.train(data=data, epochs=3, imgsz=64, batch=16, nbs=16, device="cpu", workers=0,
                        pretrained=False, plots=False, amp=False, val=True, seed=0,
                        deterministic=True, optimizer="AdamW", lr0=0.003, warmup_epochs=0,
                        project=os.path.join(tmp, "runs"), name="train")
    printed = {"metrics/precision(B)": "P", "metrics/recall(B)": "R",
               "metrics/mAP50(B)": "mAP50", "metrics/mAP50-95(B)": "mAP50-95"}
    with open(os.path.join(tmp, "runs", "train", "results.csv")) as f:
        for row in csv.DictReader(f):
            truth += [point(printed[k], float(v), int(row["epoch"]))
                      for k, v in row.items() if k in printed]
    truth += [point(printed[k], v, None) for k, v in final.results_dict.items() if k in printed]
    shutil.rmtree(tmp)
    return truth


def accelerate_glue() -> Truth:
    """transformers' examples/pytorch/text-classification/run_glue_no_trainer.py (the 🤗
    Accelerate loop of the examples' `*_no_trainer` scripts), from a checkout named by
    `TRANSFORMERS_EXAMPLES`, run as its `__main__` on a tiny BERT built from a config and saved
    locally, local CSV files, 3 epochs, CPU: transformers' info logging, the datasets' progress
    bars, the `***** Running training *****` block, a tqdm bar of the optimization steps, and
    `epoch 0: {'accuracy': 0.5}` after each epoch's evaluation. Its `evaluate.load("accuracy")`
    finds the metric's folder (`accuracy/accuracy.py` from a checkout of huggingface/evaluate's
    `metrics`, named by `EVALUATE_METRICS`) in the working folder, as evaluate loads a local
    metric, instead of downloading it. transformers 5 has no `send_example_telemetry` (the
    script's usage ping): a no-op stands for it. The truth: each `eval_metric` the script
    computes (the dict its metric's `compute` returns, recorded as it passes), at the
    epoch as printed (from 0)."""
    import csv
    import runpy
    import shutil

    tmp = tempfile.mkdtemp()
    os.environ["HF_HOME"] = os.path.join(tmp, "hf")  # the datasets' cache, made anew
    import evaluate
    import torch
    import transformers.utils
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    torch.set_num_threads(1)
    torch.manual_seed(0)
    words = [f"w{i}" for i in range(40)]
    vocab = {word: i for i, word in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words])}
    model_dir = os.path.join(tmp, "tiny-bert")
    BertTokenizerFast(vocab=vocab).save_pretrained(model_dir)
    config = BertConfig(vocab_size=45, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=32, num_labels=2)
    BertForSequenceClassification(config).save_pretrained(model_dir)
    gen = torch.Generator().manual_seed(0)
    for split, n in (("train", 256), ("validation", 64)):
        with open(os.path.join(tmp, f"{split}.csv"), "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["sentence", "label"])
            labels = torch.randint(0, 2, (n,), generator=gen)  # label 1: mostly words w20-w39
            ids = torch.randint(0, 20, (n, 6), generator=gen) + 20 * (
                torch.rand(n, 6, generator=gen) < 0.3 + 0.4 * labels[:, None])
            for sentence, label in zip(ids.tolist(), labels.tolist()):
                writer.writerow([" ".join(words[i] for i in sentence), label])
    shutil.copytree(os.path.join(os.environ["EVALUATE_METRICS"], "accuracy"),
                    os.path.join(tmp, "accuracy"))

    truth: Truth = []
    load = evaluate.load

    def load_recorded(*args: Any, **kwargs: Any) -> Any:
        """evaluate.load, its module's `compute` recording each result it returns."""
        metric = load(*args, **kwargs)
        compute = metric.compute

        def recorded(*args: Any, **kwargs: Any) -> Any:
            result = compute(*args, **kwargs)
            epoch = len(truth) // len(result)
            truth.extend(point(key, value, epoch) for key, value in result.items())
            return result

        metric.compute = recorded
        return metric

    evaluate.load = load_recorded
    if not hasattr(transformers.utils, "send_example_telemetry"):
        transformers.utils.send_example_telemetry = lambda *args, **kwargs: None  # type: ignore[attr-defined]
    script = os.path.join(os.environ["TRANSFORMERS_EXAMPLES"], "text-classification",
                          "run_glue_no_trainer.py")
    sys.argv = [script, "--model_name_or_path", model_dir, "--train_file",
                os.path.join(tmp, "train.csv"), "--validation_file",
                os.path.join(tmp, "validation.csv"), "--max_length", "16",
                "--per_device_train_batch_size", "8", "--learning_rate", "5e-3",
                "--num_train_epochs", "3", "--seed", "0"]
    cwd = os.getcwd()
    os.chdir(tmp)  # where evaluate.load("accuracy") finds the metric's folder
    runpy.run_path(script, run_name="__main__")
    os.chdir(cwd)
    shutil.rmtree(tmp)
    return truth


def skorch_() -> Truth:
    """skorch `NeuralNetClassifier` (a two-layer network on synthetic data, 5 epochs, its
    default verbose `PrintLog`): the `  epoch    train_loss    valid_acc    valid_loss     dur`
    table, a row an epoch (from 1), each best value so far coloured. Truth: `net.history`'s
    `train_loss`, `valid_acc` and `valid_loss` at each row's `epoch`; `dur` is a timing, left
    out."""
    import numpy as np
    import torch
    from sklearn.datasets import make_classification
    from skorch import NeuralNetClassifier
    from torch import nn

    torch.manual_seed(0)
    torch.set_num_threads(1)
    x, y = make_classification(n_samples=400, n_features=10, random_state=0)

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = nn.Sequential(nn.Linear(10, 16), nn.ReLU(), nn.Linear(16, 2))

        def forward(self, x: Any) -> Any:
            return self.layers(x)

    net = NeuralNetClassifier(Net, criterion=nn.CrossEntropyLoss, max_epochs=5, lr=0.1,
                              batch_size=32)
    net.fit(x.astype(np.float32), y.astype(np.int64))
    return [point(key, row[key], row["epoch"]) for row in net.history
            for key in ("train_loss", "valid_acc", "valid_loss")]


def tabnet() -> Truth:
    """pytorch-tabnet `TabNetClassifier().fit(X, y, eval_set=[(Xv, yv)], max_epochs=5)` on
    synthetic data: `epoch 0  | loss: 0.76684 | val_0_auc: 0.75561 |  0:00:01s` an epoch (from
    0), then `Stop training because you reached max_epochs = 5 with best_epoch = 4 and
    best_val_0_auc = 0.95903`. Truth: `clf.history`'s `loss` and `val_0_auc` at the epoch as
    printed (its `lr` is not printed), and the best value it stops with, `clf.best_cost`, as
    `best_val_0_auc` with no step (the epoch it names is where it was reached, not a step
    of its own). The elapsed time is a timing, left out."""
    import torch
    from pytorch_tabnet.tab_model import TabNetClassifier
    from sklearn.datasets import make_classification

    torch.set_num_threads(1)
    x, y = make_classification(n_samples=400, n_features=8, random_state=0)
    clf = TabNetClassifier(seed=0)
    clf.fit(x[:320], y[:320], eval_set=[(x[320:], y[320:])], max_epochs=5, batch_size=64,
            virtual_batch_size=32)
    history = clf.history.history
    truth = [point(key, history[key][epoch], epoch)
             for epoch in range(len(history["loss"])) for key in ("loss", "val_0_auc")]
    return truth + [point("best_val_0_auc", clf.best_cost, None)]


# imagenet/main.py's `--dummy` data, 1,281,167 and 50,000 random 224-pixel images of 1000
# classes, made tiny: the case's only change to the script (every print is as it is).
IMAGENET_FAKEDATA = {
    "datasets.FakeData(1281167, (3, 224, 224), 1000, transforms.ToTensor())":
        "datasets.FakeData(64, (3, 32, 32), 10, transforms.ToTensor())",
    "datasets.FakeData(50000, (3, 224, 224), 1000, transforms.ToTensor())":
        "datasets.FakeData(32, (3, 32, 32), 10, transforms.ToTensor())",
}


def imagenet_main() -> Truth:
    """pytorch/examples `imagenet/main.py` (from the checkout named by PYTORCH_EXAMPLES, at the
    commit in VERSIONS.md) run with `--dummy -a resnet18 --epochs 2 -b 8 -j 0 --print-freq 2
    --lr 0.01` on the CPU, its fake data made tiny (IMAGENET_FAKEDATA: 64 training and 32
    validation images of 32 pixels, 10 classes): `Epoch: [0][1/8]\\tTime ...\\tData ...\\tLoss
    7.0e+00 (7.0e+00)\\tAcc@1   0.00 (  0.00)\\tAcc@5   0.00 (  0.00)`, `Test: [1/4]\\t...` and
    ` *   Acc@1 12.500 Acc@5 50.000` after each validation. Truth: the AverageMeter objects
    the ProgressMeter prints, read as each line is printed: their current `val` as printed
    (`Loss`, `Acc@1`, `Acc@5`; the validation's as `Test_Loss`, `Test_Acc@1`, `Test_Acc@5`,
    as torchvision_ref names its `Test:` lines), training lines at the printed batch made
    global (`epoch * len(train_loader) + i + 1`: batches done), validation lines with no
    step (they print only the validation batch); the summary's averages (`top1.avg`,
    `top5.avg`) as `Test_Acc@1`/`Test_Acc@5` with no step. `Time` and `Data` are timings,
    left out."""
    examples = os.environ.get("PYTORCH_EXAMPLES")
    if not examples:
        raise SystemExit("imagenet_main: set PYTORCH_EXAMPLES to a pytorch/examples checkout")
    import shutil
    import types

    import torch

    torch.set_num_threads(1)
    with open(os.path.join(examples, "imagenet", "main.py")) as f:
        source = f.read()
    for old, new in IMAGENET_FAKEDATA.items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)  # run from its folder, as `python main.py`: its checkpoints are written there
    with open("main.py", "w") as f:
        f.write(source)
    main = types.ModuleType("main")  # imported, not run: `__name__` is not "__main__"
    main.__file__ = "main.py"
    exec(compile(source, "main.py", "exec"), vars(main))  # its warnings name main.py
    truth: Truth = []
    display, display_summary = main.ProgressMeter.display, main.ProgressMeter.display_summary

    def recorded(self: Any, batch: int) -> None:
        """ProgressMeter.display, its meters' current values recorded as they are printed."""
        f = sys._getframe(1).f_locals  # train's or validate's run_validate's
        if "train_loader" in f:
            step = f["epoch"] * len(f["train_loader"]) + f["i"] + 1
            truth.extend(point(m.name, float(m.val), step) for m in self.meters
                         if m.name not in ("Time", "Data"))
        else:
            truth.extend(point(f"Test_{m.name}", float(m.val), None) for m in self.meters
                         if m.name != "Time")
        display(self, batch)

    def recorded_summary(self: Any) -> None:
        truth.extend(point(f"Test_{m.name}", float(m.avg), None) for m in self.meters
                     if m.summary_type is main.Summary.AVERAGE)
        display_summary(self)

    main.ProgressMeter.display = recorded
    main.ProgressMeter.display_summary = recorded_summary
    try:
        sys.argv = ["main.py", "--dummy", "-a", "resnet18", "--epochs", "2", "-b", "8", "-j", "0",
                    "--print-freq", "2", "--lr", "0.01", "--seed", "0"]
        main.main()
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp)
    return truth


# Ultralytics and imagenet/main.py need torchvision, whose CPU build is not on PyPI: PyPI's
# torchvision is built for CUDA and loads only beside PyPI's (CUDA) torch. Each of those cases
# runs alone, in an environment of its own, and its rows in VERSIONS.md say so:
def pyg_gcn() -> Truth:
    """PyTorch Geometric's examples/gcn.py: its two-layer `GCN`, Adam with weight decay on the
    first convolution, `train`, `test` and loop, 20 epochs, on one synthetic graph instead of
    Cora (5 communities of 60 nodes from `stochastic_blockmodel_graph`, the features noise
    shifted by the node's class, split into train, val and test masks by `RandomNodeSplit`):
    `torch_geometric.logging.log(Epoch=epoch, Loss=loss, Train=train_acc, Val=val_acc,
    Test=test_acc)` prints `Epoch: 001, Loss: 1.9462, Train: 0.5143, Val: 0.3820, Test: 0.3990`,
    then `Median time per epoch: 0.0035s`. Truth: the values the loop passes to `log`, under
    the names it gives them, at the epoch (from 1); `Test` is the test accuracy at the best
    validation so far, as the example keeps it. The median time is a timing, left out."""
    import time

    import torch
    import torch.nn.functional as F
    import torch_geometric
    import torch_geometric.transforms as T
    from torch_geometric.data import Data
    from torch_geometric.logging import log
    from torch_geometric.nn import GCNConv
    from torch_geometric.utils import stochastic_blockmodel_graph

    torch_geometric.seed_everything(0)
    torch.set_num_threads(1)
    device = torch_geometric.device("cpu")
    # A graph of 5 communities (a stochastic block model: edges mostly within a class), node
    # features noise shifted by the class; no NormalizeFeatures (for Cora's word counts).
    y = torch.arange(5).repeat_interleave(60)
    x = torch.randn(300, 32)
    x[:, :5] += F.one_hot(y, 5)
    edge_index = stochastic_blockmodel_graph([60] * 5, torch.full((5, 5), 0.005)
                                             + torch.eye(5) * 0.06)
    split = T.RandomNodeSplit(num_val=0.2, num_test=0.3)
    data = split(Data(x=x, edge_index=edge_index, y=y)).to(device)
    num_features, num_classes = 32, 5

    class GCN(torch.nn.Module):
        def __init__(self, in_channels: int, hidden_channels: int, out_channels: int) -> None:
            super().__init__()
            self.conv1 = GCNConv(in_channels, hidden_channels)
            self.conv2 = GCNConv(hidden_channels, out_channels)

        def forward(self, x: Any, edge_index: Any, edge_weight: Any = None) -> Any:
            x = F.dropout(x, p=0.5, training=self.training)
            x = self.conv1(x, edge_index, edge_weight).relu()
            x = F.dropout(x, p=0.5, training=self.training)
            return self.conv2(x, edge_index, edge_weight)

    model = GCN(num_features, 16, num_classes).to(device)
    optimizer = torch.optim.Adam([dict(params=model.conv1.parameters(), weight_decay=5e-4),
                                  dict(params=model.conv2.parameters(), weight_decay=0)],
                                 lr=0.01)

    def train() -> float:
        model.train()
        optimizer.zero_grad()
        out = model(data.x, data.edge_index, data.edge_attr)
        loss = F.cross_entropy(out[data.train_mask], data.y[data.train_mask])
        loss.backward()
        optimizer.step()
        return float(loss.detach())

    @torch.no_grad()
    def test() -> list[float]:
        model.eval()
        pred = model(data.x, data.edge_index, data.edge_attr).argmax(dim=-1)
        return [int((pred[mask] == data.y[mask]).sum()) / int(mask.sum())
                for mask in (data.train_mask, data.val_mask, data.test_mask)]

    truth: Truth = []
    best_val_acc = test_acc = 0
    times = []
    for epoch in range(1, 21):
        start = time.time()
        loss = train()
        if epoch >= 10:  # the example treats the first 10 iterations as a warm-up
            times.append(time.time() - start)
        train_acc, val_acc, tmp_test_acc = test()
        if val_acc > best_val_acc:
            best_val_acc = val_acc
            test_acc = tmp_test_acc
        logged = dict(Loss=loss, Train=train_acc, Val=val_acc, Test=test_acc)
        log(Epoch=epoch, **logged)
        truth += [point(key, value, epoch) for key, value in logged.items()]
    print(f"Median time per epoch: {torch.tensor(times).median():.4f}s")
    return truth


def flair_() -> Truth:
    """flair's `ModelTrainer.train` of a `TextClassifier` over pooled one-hot word embeddings
    built from the corpus itself (`OneHotEmbeddings.from_corpus`: nothing downloaded), on 16
    synthetic two-class sentences (8 dev, 8 test), 3 epochs of 4 batches: its settings block,
    `epoch 1 - iter 2/4 - loss 0.82763076 - time (sec): 0.12 - samples/sec: 67.40 - lr: 0.100000
    - momentum: 0.000000`, `EPOCH 1 done: loss 0.7547 - lr: 0.100000`, `DEV : loss 0.6886 -
    f1-score (micro avg)  0.5`, and the final test's `Results:` block. Truth, read by a logging
    handler from the trainer's frame as each line is logged: the iteration line's `loss` (the
    epoch's running mean, `epoch_train_loss / epoch_train_samples`), `lr` and `momentum` (the
    optimizer's), at the global batch (`batch_count`: the printed iteration made global); the
    dev evaluation's `loss` and main score as `DEV_loss` and `DEV_f1-score_(micro_avg)` at the
    epoch, where flair's own `loss.tsv` has them (checked against it, which rounds them to 4
    decimals); the test's classification report as printed, `F-score_(micro)`,
    `F-score_(macro)` and `Accuracy`, no step. `EPOCH N done` repeats the last iteration
    line's loss (the epoch's mean) and lr: no point of its own. Left out: the timings, and the
    `By class:` table (scikit-learn's classification report, per class)."""
    import csv
    import logging
    import random

    import flair
    import torch
    from flair.data import Corpus, Sentence
    from flair.datasets import FlairDatapointDataset
    from flair.embeddings import DocumentPoolEmbeddings, OneHotEmbeddings
    from flair.models import TextClassifier
    from flair.trainers import ModelTrainer

    flair.set_seed(0)
    flair.device = torch.device("cpu")
    torch.set_num_threads(1)
    rng = random.Random(0)
    good = "great fine good nice happy lovely superb".split()
    bad = "awful poor bad sad ugly terrible dull".split()
    filler = "the movie was film plot acting really quite".split()

    def sentences(n: int) -> Any:
        made = []
        for i in range(n):
            label = "pos" if i % 2 == 0 else "neg"
            words = rng.sample(filler, 3) + rng.sample(good if label == "pos" else bad, 2)
            rng.shuffle(words)
            sentence = Sentence(" ".join(words))
            sentence.add_label("class", label)
            made.append(sentence)
        return FlairDatapointDataset(made)

    corpus = Corpus(sentences(16), sentences(8), sentences(8))
    embeddings = DocumentPoolEmbeddings([OneHotEmbeddings.from_corpus(corpus,
                                                                      embedding_length=8)])
    model = TextClassifier(embeddings, label_type="class",
                           label_dictionary=corpus.make_label_dictionary("class", add_unk=False))
    truth: Truth = []

    class Trainer(logging.Handler):
        """Reads what the trainer holds as each line is logged."""

        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            frame = sys._getframe()
            while frame.f_code.co_name != "train_custom":
                frame = frame.f_back  # type: ignore[assignment]
            f = frame.f_locals
            if message.startswith("epoch ") and " - iter " in message:
                group = f["self"].optimizer.param_groups[0]
                step = f["batch_count"]
                truth.extend([point("loss", f["epoch_train_loss"] / f["epoch_train_samples"], step),
                              point("lr", group["lr"], step),
                              point("momentum", group.get("momentum", 0), step)])
            elif message.startswith("DEV : "):
                result = f["eval_result"]
                truth.extend([point("DEV_loss", result.loss, f["epoch"]),
                              point("DEV_f1-score_(micro_avg)", result.main_score, f["epoch"])])
            elif message.lstrip().startswith("Results:"):
                report = f["test_results"].classification_report
                truth.extend([point("F-score_(micro)", report["micro avg"]["f1-score"], None),
                              point("F-score_(macro)", report["macro avg"]["f1-score"], None),
                              point("Accuracy", report["accuracy"], None)])

    handler = Trainer()
    logging.getLogger("flair").addHandler(handler)
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # its base path prints as `out`
        try:
            ModelTrainer(model, corpus).train("out", learning_rate=0.1, mini_batch_size=4,
                                              max_epochs=3)
            with open(os.path.join("out", "loss.tsv")) as f:
                rows = list(csv.DictReader(f, delimiter="\t"))
        finally:
            os.chdir(cwd)
            logging.getLogger("flair").removeHandler(handler)
    written = {(key, int(row["EPOCH"])): float(row[column]) for row in rows
               for key, column in (("DEV_loss", "DEV_LOSS"),
                                   ("DEV_f1-score_(micro_avg)", "DEV_F1"))}
    for p in truth:
        if p["key"].startswith("DEV_") and abs(written[p["key"], p["step"]] - p["value"]) > 5e-5:
            raise SystemExit(f"flair: loss.tsv has {written[p['key'], p['step']]} for {p}")
    return truth


# --- pytorch/examples scripts, run as they are from the checkout named by PYTORCH_EXAMPLES -----


def example_prints(source: str) -> dict[int, str]:
    """Each line of a script's source that a `print(...)` call spans, to the call's source text:
    which print statement a frame is at (`f_lineno`), told from the program, not its output."""
    import ast

    calls: dict[int, str] = {}
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "print"):
            text = ast.get_source_segment(source, node) or ""
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                calls[line] = text
    return calls


def run_example(folder: str, argv: list[str],
                record: Callable[[str, dict[str, Any], tuple[Any, ...]], None],
                changes: dict[str, str] | None = None, setup: Callable[[], None] | None = None,
                script: str = "main.py") -> None:
    """Run `folder/script` of the pytorch/examples checkout named by PYTORCH_EXAMPLES as
    `python script argv...` by `run_script` (its checkpoints and images are written in a folder
    of its own), torch on one thread; `changes` are the case's only edits to the source (its
    data)."""
    examples = os.environ.get("PYTORCH_EXAMPLES")
    if not examples:
        raise SystemExit("set PYTORCH_EXAMPLES to a pytorch/examples checkout")
    import torch

    torch.set_num_threads(1)
    run_script(os.path.join(examples, folder, script), argv, record, changes, setup)


# word_language_model's data folder holds wikitext-2's train.txt (10.8 MB), valid.txt and
# test.txt; the case runs on three small files made from the checkout's own valid.txt and
# test.txt (wikitext-2's text, cut short), written where the script reads them by default.
# 605 lines make 1480 rows of 20 tokens: 74 batches of 20 (`bptt`) and a last of 19 targets,
# so the number of batches it prints, `len(train_data) // args.bptt`, is the loop's own.
WIKITEXT_LINES = {"train.txt": ("valid.txt", 0, 605), "valid.txt": ("valid.txt", 605, 805),
                  "test.txt": ("test.txt", 0, 200)}


def word_language_model(model: tuple[str, ...] = (), epochs: int = 2) -> Truth:
    """pytorch/examples `word_language_model/main.py` (an LSTM language model, the script's
    default) with `--emsize 16 --nhid 16 --epochs 2 --bptt 20 --log-interval 20`, on wikitext-2
    cut short (WIKITEXT_LINES: lines 1-605 of its valid.txt to train on, lines 606-805 to
    validate, lines 1-200 of its test.txt to test; the checkout's files, unchanged; the script
    is not changed): `| epoch   1 |    20/   74 batches | lr 20.00 | ms/batch 53.07 | loss
    7.75 | ppl  2312.62`, `| end of epoch   1 | time:  5.93s | valid loss  6.75 | valid ppl
    850.77` and `| End of training | test loss  6.73 | test ppl   840.12`. Truth: the script's
    own variables as each line is printed, read from the printing frame: `train`'s `cur_loss`
    (`loss`, and `ppl` its `math.exp`, as the script computes it) and the global `lr`, at the
    printed batch made global (`(epoch - 1) * (len(train_data) // args.bptt) + batch`: the
    printed position and the printed number of batches, which here is the loop's own: checked);
    the module's `val_loss` (`valid_loss`, `valid_ppl`) at the printed epoch; `test_loss`
    (`test_loss`, `test_ppl`) with no step. `ms/batch` and `time` are timings, left out."""
    import math

    source = os.path.join(os.environ.get("PYTORCH_EXAMPLES", ""), "word_language_model")
    truth: Truth = []

    def setup() -> None:
        os.makedirs(os.path.join("data", "wikitext-2"))
        for name, (origin, first, last) in WIKITEXT_LINES.items():
            with open(os.path.join(source, "data", "wikitext-2", origin)) as f:
                lines = f.readlines()[first:last]
            with open(os.path.join("data", "wikitext-2", name), "w") as f:
                f.writelines(lines)

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "cur_loss" in call:
            batches = len(values["train_data"]) // values["args"].bptt
            assert batches == len(range(0, values["train_data"].size(0) - 1,
                                        values["args"].bptt))
            step = (values["epoch"] - 1) * batches + values["batch"]
            truth.extend([point("lr", values["lr"], step),
                          point("loss", values["cur_loss"], step),
                          point("ppl", math.exp(values["cur_loss"]), step)])
        elif "val_loss" in call:
            truth.extend([point("valid_loss", values["val_loss"], values["epoch"]),
                          point("valid_ppl", math.exp(values["val_loss"]), values["epoch"])])
        elif "test_loss" in call:
            truth.extend([point("test_loss", values["test_loss"], None),
                          point("test_ppl", math.exp(values["test_loss"]), None)])

    run_example("word_language_model", [*model, "--emsize", "16", "--nhid", "16", "--epochs",
                                        str(epochs), "--bptt", "20", "--log-interval", "20"],
                record, setup=setup)
    return truth


def word_language_model_transformer() -> Truth:
    """word_language_model's script and data with `--model Transformer --epochs 3` (its
    `TransformerModel`, 2 heads, 2 layers), the rest as word_language_model: at its default lr
    of 20 the validation loss rises after the second epoch, so the script divides `lr` by 4 and
    the third epoch's lines print `lr 5.00`. torch warns that the encoder is not batch-first.
    Truth as word_language_model's."""
    return word_language_model(("--model", "Transformer"), epochs=3)


def dcgan() -> Truth:
    """pytorch/examples `dcgan/main.py --dataset fake --imageSize 64 --nz 8 --ngf 4 --ndf 4
    --niter 2 --batchSize 200 --workers 0 --manualSeed 0` (its `fake` dataset: torchvision's
    FakeData, 1000 random images, 5 batches; 64 pixels, the size its networks are built for;
    the script is not changed): `print(opt)`, `Random Seed:  0`, the two networks, then
    `[0/2][0/5] Loss_D: 1.4 Loss_G: 0.7 D(x): 0.5 D(G(z)): 0.5 / 0.5` after each batch.
    Truth: the loop's own values as each line is printed, read from the printing frame:
    `errD.item()` as `Loss_D`, `errG.item()` as `Loss_G`, `D_x` as `D(x)`, and the two values
    printed after `D(G(z))`, `D_G_z1` (before D's update) and `D_G_z2` (after it), as
    `D(G(z))_1` and `D(G(z))_2` (the name printed once for both, numbered in the order
    printed), at the printed batch made global (`epoch * len(dataloader) + i`, both from 0 as
    printed)."""
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "Loss_D" in call:
            step = values["epoch"] * len(values["dataloader"]) + values["i"]
            truth.extend([point("Loss_D", values["errD"].item(), step),
                          point("Loss_G", values["errG"].item(), step),
                          point("D(x)", values["D_x"], step),
                          point("D(G(z))_1", values["D_G_z1"], step),
                          point("D(G(z))_2", values["D_G_z2"], step)])

    run_example("dcgan", ["--dataset", "fake", "--imageSize", "64", "--nz", "8", "--ngf", "4",
                          "--ndf", "4", "--niter", "2", "--batchSize", "200", "--workers", "0",
                          "--manualSeed", "0"], record)
    return truth

# --- famous repositories' own loggers, imported from checkouts ---------------------------------


def _bare_packages(root: str, names: list[str]) -> None:
    """Register the packages `names` (dotted, under the checkout `root`) without running their
    `__init__`, which imports what a case does not need (a model zoo, compiled operators): the
    modules under them are then imported from the checkout as they are."""
    import types

    sys.path.insert(0, root)
    for name in names:
        package = types.ModuleType(name)
        package.__path__ = [os.path.join(root, *name.split("."))]
        sys.modules[name] = package
        parent, _, child = name.rpartition(".")
        if parent in sys.modules:
            setattr(sys.modules[parent], child, package)


def detectron2_events() -> Truth:
    """detectron2's `CommonMetricPrinter` over its `EventStorage` (detectron2/utils/events.py),
    driven by detectron2's own `SimpleTrainer` (engine/train_loop.py) and the hooks
    `DefaultTrainer` registers (engine/hooks.py: `IterationTimer`, `LRScheduler` over a
    `WarmupParamScheduler`, `PeriodicWriter` with the printer and a `JSONWriter`, as
    `default_writers` makes them), logging through `setup_logger()`: `[12/01 23:38:42
    d2.utils.events]:  eta: 0:00:00  iter: 4  total_loss: 2.31  loss_cls: 1.6  loss_box_reg:
    0.71  time: 0.0021  last_time: ...  data_time: ...  last_data_time: ...  lr: 0.00010019`
    every 5 iterations (DefaultTrainer: 20) of 60, a tiny two-head model on synthetic data.
    The modules are imported from the checkout named by DETECTRON2 (detectron2's repository
    root); its `detectron2.engine`, `.solver` and `.evaluation` packages are registered bare, as
    their `__init__` imports the model zoo and the compiled operators. Truth: the storage, read
    by a logging handler as the printer logs its line: each loss history's median over the
    printer's window, the `lr` history's latest value, at `storage.iter` (printed `iter`)."""
    root = os.environ.get("DETECTRON2")
    if not root:
        raise SystemExit("detectron2_events: set DETECTRON2 to a detectron2 checkout")
    _bare_packages(root, ["detectron2.engine", "detectron2.solver", "detectron2.evaluation"])
    import logging

    import torch
    from detectron2.solver import lr_scheduler  # type: ignore[import-not-found]

    solver = sys.modules["detectron2.solver"]
    solver.LRMultiplier = lr_scheduler.LRMultiplier  # type: ignore[attr-defined]
    solver.LRScheduler = lr_scheduler.LRScheduler  # type: ignore[attr-defined]
    from detectron2.engine import hooks  # type: ignore[import-not-found]
    from detectron2.engine.train_loop import SimpleTrainer  # type: ignore[import-not-found]
    from detectron2.utils import events  # type: ignore[import-not-found]
    from detectron2.utils.logger import setup_logger  # type: ignore[import-not-found]
    from fvcore.common.param_scheduler import MultiStepParamScheduler

    torch.manual_seed(0)
    torch.set_num_threads(1)
    setup_logger(name="fvcore")
    setup_logger()

    class Detector(torch.nn.Module):
        """Class scores and box deltas from 16 features: detectron2's two ROI-head losses."""

        def __init__(self) -> None:
            super().__init__()
            self.trunk = torch.nn.Sequential(torch.nn.Linear(16, 32), torch.nn.ReLU())
            self.cls = torch.nn.Linear(32, 5)
            self.box = torch.nn.Linear(32, 4)

        def forward(self, data: Any) -> dict[str, Any]:
            x, label, box = data
            h = self.trunk(x)
            return {"loss_cls": torch.nn.functional.cross_entropy(self.cls(h), label),
                    "loss_box_reg": torch.nn.functional.smooth_l1_loss(self.box(h), box)}

    def batches() -> Any:  # detectron2's training loaders are infinite
        gen = torch.Generator().manual_seed(0)
        w = torch.randn(16, 5, generator=gen)
        v = torch.randn(16, 4, generator=gen)
        while True:
            x = torch.randn(16, 16, generator=gen)
            yield x, (x @ w).argmax(1), x @ v * 0.5

    max_iter, window = 60, 20
    printer = events.CommonMetricPrinter(max_iter)
    truth: Truth = []

    class Storage(logging.Handler):
        """What the storage holds when the printer logs: the values the line is made of."""

        def emit(self, record: logging.LogRecord) -> None:
            storage = events.get_event_storage()
            for name, history in storage.histories().items():
                if "loss" in name:
                    value = history.median(storage.count_samples(name, window))
                    truth.append(point(name, value, storage.iter))
            truth.append(point("lr", storage.history("lr").latest(), storage.iter))

    logging.getLogger("detectron2.utils.events").addHandler(Storage())
    model = Detector()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.02, momentum=0.9)
    schedule = lr_scheduler.WarmupParamScheduler(
        MultiStepParamScheduler([1.0, 0.1], milestones=[40], num_updates=max_iter), 0.001, 10 / 60)
    trainer = SimpleTrainer(model, batches(), optimizer)
    out = tempfile.mkdtemp()
    trainer.register_hooks([
        hooks.IterationTimer(), hooks.LRScheduler(scheduler=schedule),
        hooks.PeriodicWriter([printer, events.JSONWriter(os.path.join(out, "metrics.json"))],
                             period=5)])
    trainer.train(0, max_iter)
    return truth


def keras_io_loop() -> Truth:
    """keras-io's guide "Writing a training loop from scratch in PyTorch"
    (guides/writing_a_custom_training_loop_in_torch.py), its loop with metrics ("Low-level
    handling of metrics"): its `get_model()`, Keras `Adam`, `CategoricalCrossentropy(
    from_logits=True)`, `CategoricalAccuracy` metrics and print statements as they are, on
    torch DataLoaders of synthetic 784-value samples of 10 classes (320 to train in batches of
    32, 128 to validate) instead of MNIST, 3 epochs, the loss every 3 batches (the guide's 100):
    `Start of epoch 0`, `Training loss (for 1 batch) at step 3: 2.1037`, `Seen so far: 128
    samples`, `Training acc over epoch: 0.3281`, `Validation acc: 0.5312`. Truth: the loop's
    own loss and the metric objects' `result()`; the loss lines' step counts batches within the
    epoch and no line says how long an epoch is: null; the accuracies at the epoch of the
    `Start of epoch` header above them (from 0)."""
    import keras
    import numpy as np
    import torch

    keras.utils.set_random_seed(0)
    torch.set_num_threads(1)

    def get_model() -> Any:
        inputs = keras.Input(shape=(784,), name="digits")
        x1 = keras.layers.Dense(64, activation="relu")(inputs)
        x2 = keras.layers.Dense(64, activation="relu")(x1)
        outputs = keras.layers.Dense(10, name="predictions")(x2)
        model = keras.Model(inputs=inputs, outputs=outputs)
        return model

    batch_size = 32
    x, y = _classes(448, (784,), seed=3, spread=0.2)
    x_train, x_val = x[:320].numpy(), x[320:].numpy()
    y_train = keras.utils.to_categorical(y[:320].numpy(), 10).astype("float32")
    y_val = keras.utils.to_categorical(y[320:].numpy(), 10).astype("float32")
    train_dataset = torch.utils.data.TensorDataset(
        torch.from_numpy(x_train), torch.from_numpy(y_train)
    )
    val_dataset = torch.utils.data.TensorDataset(
        torch.from_numpy(x_val), torch.from_numpy(y_val)
    )
    train_dataloader = torch.utils.data.DataLoader(
        train_dataset, batch_size=batch_size, shuffle=True
    )
    val_dataloader = torch.utils.data.DataLoader(
        val_dataset, batch_size=batch_size, shuffle=False
    )
    epochs = 3
    truth: Truth = []

    # Get a fresh model
    model = get_model()
    optimizer = keras.optimizers.Adam(learning_rate=1e-3)
    loss_fn = keras.losses.CategoricalCrossentropy(from_logits=True)
    train_acc_metric = keras.metrics.CategoricalAccuracy()
    val_acc_metric = keras.metrics.CategoricalAccuracy()

    for epoch in range(epochs):
        print(f"\nStart of epoch {epoch}")
        for step, (inputs, targets) in enumerate(train_dataloader):
            # Forward pass
            logits = model(inputs)
            loss = loss_fn(targets, logits)

            # Backward pass
            model.zero_grad()
            trainable_weights = [v for v in model.trainable_weights]

            # Call torch.Tensor.backward() on the loss to compute gradients
            # for the weights.
            loss.backward()
            gradients = [v.value.grad for v in trainable_weights]

            # Update weights
            with torch.no_grad():
                optimizer.apply(gradients, trainable_weights)

            # Update training metric.
            train_acc_metric.update_state(targets, logits)

            # Log every 3 batches (the guide: 100).
            if step % 3 == 0:
                print(
                    f"Training loss (for 1 batch) at step {step}: {loss.detach().numpy():.4f}"
                )
                print(f"Seen so far: {(step + 1) * batch_size} samples")
                truth.append(point("Training_loss", float(np.asarray(loss.detach())), None))

        # Display metrics at the end of each epoch.
        train_acc = train_acc_metric.result()
        print(f"Training acc over epoch: {float(train_acc):.4f}")
        truth.append(point("Training_acc_over_epoch", float(train_acc), epoch))

        # Reset training metrics at the end of each epoch
        train_acc_metric.reset_state()

        # Run a validation loop at the end of each epoch.
        for x_batch_val, y_batch_val in val_dataloader:
            val_logits = model(x_batch_val, training=False)
            # Update val metrics
            val_acc_metric.update_state(y_batch_val, val_logits)
        val_acc = val_acc_metric.result()
        val_acc_metric.reset_state()
        print(f"Validation acc: {float(val_acc):.4f}")
        truth.append(point("Validation_acc", float(val_acc), epoch))
    return truth


def opennmt_stats() -> Truth:
    """OpenNMT-py's training report: `onmt/utils/statistics.py` (`Statistics`, its `output`:
    `[2026-12-02 02:40:11,123 INFO] Step 10/  100; acc: 12.3; ppl: 45.6; xent: 3.8; lr:
    0.00070; sents:     160; bsz:   96/  96/16; 5120/5120 tok/s;      0 sec;`) through
    `onmt/utils/report_manager.py`'s `ReportMgr` (`Train perplexity: 12.3`, `Validation
    accuracy: 45.6`, ... at each validation) and `onmt/utils/logging.py`'s `init_logger`, with
    its `Optimizer` and `noam_decay` (`onmt/utils/optimizers.py`), imported from the checkout
    named by OPENNMT_PY (its `onmt` and `onmt.utils` packages registered bare: their `__init__`
    imports the whole toolkit and its pinned dependencies). They are driven as
    `onmt/trainer.py`'s `Trainer.train` drives them (its loop copied: a `Statistics` a batch as
    `onmt/utils/loss.py`'s `LossCompute._stats` makes it, summed into `total_stats` and
    `report_stats`, `report_training` at the step before the optimizer counted it, with the
    learning rate after, `report_step` every `valid_steps` with the validation's `Statistics`
    and `total_stats`), on a tiny token-translation model over synthetic padded sentences,
    100 steps, `report_every` 10 (OpenNMT's default 50), `valid_steps` 50. Truth: the
    `Statistics` objects themselves (`accuracy()`, `ppl()`, `xent()`) and the learning rate
    passed, at the step; the validation's and `total_stats`' at the step they are reported at
    (the `Step` line printed just before them names it)."""
    root = os.environ.get("OPENNMT_PY")
    if not root:
        raise SystemExit("opennmt_stats: set OPENNMT_PY to an OpenNMT-py checkout")
    _bare_packages(root, ["onmt", "onmt.utils"])
    import functools
    import time

    import torch
    from onmt.utils import optimizers, report_manager, statistics  # type: ignore[import-not-found]
    from onmt.utils.logging import init_logger, logger  # type: ignore[import-not-found]

    sys.modules["onmt.utils"].Statistics = statistics.Statistics  # type: ignore[attr-defined]
    Statistics = statistics.Statistics
    torch.manual_seed(0)
    torch.set_num_threads(1)
    init_logger()
    vocab, pad, hidden = 24, 1, 32
    gen = torch.Generator().manual_seed(0)

    def sentences(count: int) -> list[dict[str, Any]]:
        """Batches of 16 padded source sentences; the target is each token's translation, or
        (2 in 5) another token."""
        batches = []
        for _ in range(count):
            lengths = torch.randint(3, 9, (16,), generator=gen)
            src = torch.randint(2, vocab, (16, 8), generator=gen)
            src[torch.arange(8)[None, :] >= lengths[:, None]] = pad
            tgt = (src * 7) % (vocab - 2) + 2
            noise = torch.rand(src.shape, generator=gen) < 0.4  # ambiguous translations
            tgt = torch.where(noise, torch.randint(2, vocab, src.shape, generator=gen), tgt)
            tgt[src == pad] = pad
            batches.append({"src": src, "srclen": lengths, "tgt": tgt})
        return batches

    model = torch.nn.Sequential(torch.nn.Embedding(vocab, hidden), torch.nn.ReLU(),
                                torch.nn.Linear(hidden, vocab))
    criterion = torch.nn.CrossEntropyLoss(ignore_index=pad, reduction="sum")
    optim = optimizers.Optimizer(
        torch.optim.Adam(model.parameters(), betas=(0.9, 0.998)), learning_rate=2.0,
        learning_rate_decay_fn=functools.partial(optimizers.noam_decay, warmup_steps=40,
                                                 model_size=hidden))
    train_steps, report_every, valid_steps = 100, 10, 50
    train_iter, valid_iter = sentences(train_steps), sentences(4)
    report = report_manager.ReportMgr(report_every, start_time=-1)
    truth: Truth = []

    def loss_and_stats(batch: dict[str, Any]) -> tuple[Any, Any]:
        """LossCompute: the summed loss and the batch's Statistics, as its `_stats` makes them."""
        scores = model(batch["src"]).view(-1, vocab)
        target = batch["tgt"].view(-1)
        loss = criterion(scores, target)
        non_padding = target.ne(pad)
        num_correct = scores.max(1)[1].eq(target).masked_select(non_padding).sum().item()
        return loss, Statistics(loss=loss.item(), n_batchs=1, n_sents=len(batch["src"]),
                                n_words=non_padding.sum().item(), n_correct=num_correct)

    def validate() -> Any:
        model.eval()
        with torch.no_grad():
            stats = Statistics()
            start = time.time()
            for batch in valid_iter:
                stats.update(loss_and_stats(batch)[1])
            logger.info(
                """valid stats calculation
                           took: {} s.""".format(  # noqa: UP032 (OpenNMT-py's)
                    time.time() - start
                )
            )
        model.train()
        return stats

    def measures(prefix: str, stats: Any, step: int) -> Truth:
        return [point(f"{prefix}perplexity", stats.ppl(), step),
                point(f"{prefix}accuracy", stats.accuracy(), step)]

    logger.info("Start training loop and validate every %d steps...", valid_steps)
    total_stats = Statistics()
    report_stats = Statistics()
    report.start_time = total_stats.start_time
    for batch in train_iter:
        step = optim.training_step
        optim.zero_grad(set_to_none=True)
        report_stats.n_src_words += batch["srclen"].sum().item()
        total_stats.n_src_words += batch["srclen"].sum().item()
        loss, batch_stats = loss_and_stats(batch)
        optim.backward(loss / len(batch["src"]))  # normalization: sentences
        total_stats.update(batch_stats)
        report_stats.update(batch_stats)
        optim.step()
        learning_rate = optim.learning_rate()
        if step % report_every == 0:  # what report_training prints: this Statistics
            truth.extend([point("acc", report_stats.accuracy(), step),
                          point("ppl", report_stats.ppl(), step),
                          point("xent", report_stats.xent(), step),
                          point("lr", learning_rate, step)])
        report_stats = report.report_training(step, train_steps, learning_rate, None,
                                              report_stats)
        if step % valid_steps == 0:
            valid_stats = validate()
            report.report_step(learning_rate, None, step, valid_stats=valid_stats,
                               train_stats=total_stats)
            truth += measures("Train_", total_stats, step)
            truth += measures("Validation_", valid_stats, step)
        if train_steps > 0 and step >= train_steps:
            break
    return truth


def pix2pix_losses() -> Truth:
    """junyanz/pytorch-CycleGAN-and-pix2pix's loss lines: `Visualizer.print_current_losses`
    (util/visualizer.py, its message and loss-log file copied as they are: `(epoch: 1, iters: 4,
    time: 0.002, data: 0.000) G_GAN: 0.812 G_L1: 12.345 D_real: 0.543 D_fake: 0.456 `), driven
    by train.py's loop (its counters, print frequency and end-of-epoch lines) and
    models/pix2pix_model.py's `optimize_parameters` and `get_current_losses` (`loss_names`
    G_GAN, G_L1, D_real, D_fake; vanilla GAN loss, L1 weighted 100), with its base model's
    linear learning-rate policy and `update_learning_rate` (`learning rate = 0.0001333`), on a
    tiny generator and PatchGAN discriminator over 16 synthetic 16x16 image pairs, batch 1, 4
    epochs (`niter` 2, `niter_decay` 2), a line every 4 images (pix2pix: 100). Truth: the
    OrderedDict of losses passed to `print_current_losses`, at train.py's own `total_steps` (the
    images seen so far: the printed epoch and `iters`, the images seen in that epoch, made
    global); the learning rate it prints, no step."""
    import time
    from collections import OrderedDict

    import torch
    from torch import nn

    torch.manual_seed(0)
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(0)
    images_b = torch.rand(16, 3, 16, 16, generator=gen) * 2 - 1
    images_a = (images_b.mean(1, keepdim=True).expand(-1, 3, -1, -1)
                + 0.1 * torch.randn(16, 3, 16, 16, generator=gen))  # colourise the grey image
    dataset = [{"A": images_a[i:i + 1], "B": images_b[i:i + 1]} for i in range(16)]
    dataset_size = len(dataset)
    print('#training images = %d' % dataset_size)  # noqa: UP031 (the script's)
    epoch_count, niter, niter_decay, batch_size, print_freq, lambda_l1 = 1, 2, 2, 1, 4, 100.0
    net_g = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 3, 3, padding=1),
                          nn.Tanh())
    net_d = nn.Sequential(nn.Conv2d(6, 16, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
                          nn.Conv2d(16, 1, 4, padding=1))
    gan_loss = nn.BCEWithLogitsLoss()  # networks.GANLoss('vanilla')

    def criterion_gan(prediction: Any, target_is_real: bool) -> Any:
        return gan_loss(prediction, torch.full_like(prediction, 1.0 if target_is_real else 0.0))

    optimizer_g = torch.optim.Adam(net_g.parameters(), lr=0.0002, betas=(0.5, 0.999))
    optimizer_d = torch.optim.Adam(net_d.parameters(), lr=0.0002, betas=(0.5, 0.999))
    optimizers = [optimizer_g, optimizer_d]

    def lambda_rule(epoch: int) -> float:  # networks.get_scheduler, lr_policy 'lambda'
        return 1.0 - max(0, epoch + 1 + epoch_count - niter) / float(niter_decay + 1)

    schedulers = [torch.optim.lr_scheduler.LambdaLR(o, lr_lambda=lambda_rule) for o in optimizers]
    loss_names = ['G_GAN', 'G_L1', 'D_real', 'D_fake']
    state: dict[str, Any] = {}

    def optimize_parameters(data: dict[str, Any]) -> None:
        real_a, real_b = data["A"], data["B"]
        fake_b = net_g(real_a)
        for p in net_d.parameters():
            p.requires_grad = True
        optimizer_d.zero_grad()
        pred_fake = net_d(torch.cat((real_a, fake_b), 1).detach())
        state["loss_D_fake"] = criterion_gan(pred_fake, False)
        pred_real = net_d(torch.cat((real_a, real_b), 1))
        state["loss_D_real"] = criterion_gan(pred_real, True)
        ((state["loss_D_fake"] + state["loss_D_real"]) * 0.5).backward()
        optimizer_d.step()
        for p in net_d.parameters():
            p.requires_grad = False
        optimizer_g.zero_grad()
        state["loss_G_GAN"] = criterion_gan(net_d(torch.cat((real_a, fake_b), 1)), True)
        state["loss_G_L1"] = nn.functional.l1_loss(fake_b, real_b) * lambda_l1
        (state["loss_G_GAN"] + state["loss_G_L1"]).backward()
        optimizer_g.step()

    def get_current_losses() -> Any:
        errors_ret = OrderedDict()
        for name in loss_names:
            if isinstance(name, str):
                errors_ret[name] = float(state['loss_' + name])
        return errors_ret

    log_name = os.path.join(tempfile.mkdtemp(), 'loss_log.txt')
    with open(log_name, "a") as log_file:
        now = time.strftime("%c")
        log_file.write('================ Training Loss (%s) ================\n' % now)  # noqa: UP031 (the script's)

    def print_current_losses(epoch: int, iters: int, losses: Any, t_comp: float,
                             t_data: float) -> None:
        message = '(epoch: %d, iters: %d, time: %.3f, data: %.3f) ' % (epoch, iters, t_comp, t_data)  # noqa: UP031 (the script's)
        for k, v in losses.items():
            message += '%s: %.3f ' % (k, v)  # noqa: UP031 (the script's)

        print(message)  # print the message
        with open(log_name, "a") as log_file:
            log_file.write('%s\n' % message)  # save the message  # noqa: UP031 (the script's)

    truth: Truth = []
    total_steps = 0
    for epoch in range(epoch_count, niter + niter_decay + 1):
        epoch_start_time = time.time()
        iter_data_time = time.time()
        epoch_iter = 0

        for i, data in enumerate(dataset):  # noqa: B007 (the script's)
            iter_start_time = time.time()
            if total_steps % print_freq == 0:
                t_data = iter_start_time - iter_data_time
            total_steps += batch_size
            epoch_iter += batch_size
            optimize_parameters(data)

            if total_steps % print_freq == 0:
                losses = get_current_losses()
                t = (time.time() - iter_start_time) / batch_size
                print_current_losses(epoch, epoch_iter, losses, t, t_data)
                truth.extend(point(name, value, total_steps) for name, value in losses.items())

            iter_data_time = time.time()

        print('End of epoch %d / %d \t Time Taken: %d sec' %  # noqa: UP031 (the script's)
              (epoch, niter + niter_decay, time.time() - epoch_start_time))
        for scheduler in schedulers:  # model.update_learning_rate()
            scheduler.step()
        lr = optimizers[0].param_groups[0]['lr']
        print('learning rate = %.7f' % lr)  # noqa: UP031 (the script's)
        truth.append(point("learning_rate", lr, None))
    return truth


def stylegan2_ada_tick() -> Truth:
    """stylegan2-ada-pytorch's status line (training/training_loop.py, its `fields`: `tick 1
    kimg 0.0     time 2s           sec/tick 1.0     sec/kimg 31.07   maintenance 0.0
    cpumem 0.55   gpumem 0.00   augment 0.016`), from training_loop's own loop copied (its
    phases with lazy regularization, G_ema, the ADA heuristic, the tick logic, the
    `training_stats` reports and the `stats.jsonl` collector), on the CPU: the repository's
    `Generator` and `Discriminator` (training/networks.py, 16x16, at most 32 channels),
    `StyleGAN2Loss` (training/loss.py) and `AugmentPipe` (training/augment.py, train.py's
    `bgc` pipe) with `torch_utils` and `dnnlib`, imported from the checkout named by
    STYLEGAN2_ADA; 64 synthetic images, batch 4, 0.16 kimg, a tick every 0.032 kimg
    (StyleGAN: 4), ADA target 0.6 with `ada_kimg` 1 (StyleGAN: 500) so that `p` moves. No CUDA:
    `gpumem` is 0 and no phase timings (training_loop reads both from CUDA). Truth: the
    `Progress/augment` the loop reports (its `stats.jsonl` record), at the printed tick."""
    root = os.environ.get("STYLEGAN2_ADA")
    if not root:
        raise SystemExit("stylegan2_ada_tick: set STYLEGAN2_ADA to a stylegan2-ada-pytorch "
                         "checkout")
    sys.path.insert(0, root)
    import copy
    import time

    import dnnlib  # type: ignore[import-not-found]
    import numpy as np
    import psutil
    import torch
    from torch_utils import misc, training_stats  # type: ignore[import-not-found]
    from torch_utils.ops import conv2d_gradfix, grid_sample_gradfix  # type: ignore[import-not-found]

    start_time = time.time()
    device = torch.device('cpu')
    np.random.seed(0)
    torch.manual_seed(0)
    torch.set_num_threads(1)
    conv2d_gradfix.enabled = True                       # Improves training speed.
    grid_sample_gradfix.enabled = True                  # Avoids errors with the augmentation pipe.
    gen = torch.Generator().manual_seed(0)
    images = (torch.rand(64, 3, 16, 16, generator=gen) * 255).round()  # uint8 values as floats
    batch_size = batch_gpu = 4
    total_kimg, kimg_per_tick, ada_target, ada_interval, ada_kimg = 0.16, 0.032, 0.6, 4, 1
    ema_kimg, ema_rampup = batch_size * 10 / 32, 0.05

    def training_set_iterator() -> Any:
        while True:
            for order in torch.randperm(64, generator=gen).split(batch_size):
                yield images[order], torch.zeros(batch_size, 0)

    batches = training_set_iterator()
    print('Constructing networks...')
    common_kwargs = dict(c_dim=0, img_resolution=16, img_channels=3)
    G = dnnlib.util.construct_class_by_name(
        class_name='training.networks.Generator', z_dim=32, w_dim=32,
        mapping_kwargs=dict(num_layers=2),
        synthesis_kwargs=dict(channel_base=512, channel_max=32, num_fp16_res=0, conv_clamp=None),
        **common_kwargs).train().requires_grad_(False).to(device)
    D = dnnlib.util.construct_class_by_name(
        class_name='training.networks.Discriminator', channel_base=512, channel_max=32,
        num_fp16_res=0, conv_clamp=None, epilogue_kwargs=dict(mbstd_group_size=4),
        **common_kwargs).train().requires_grad_(False).to(device)
    G_ema = copy.deepcopy(G).eval()
    print('Setting up augmentation...')
    augment_pipe = dnnlib.util.construct_class_by_name(
        class_name='training.augment.AugmentPipe', xflip=1, rotate90=1, xint=1, scale=1,
        rotate=1, aniso=1, xfrac=1, brightness=1, contrast=1, lumaflip=1, hue=1,
        saturation=1).train().requires_grad_(False).to(device)
    augment_pipe.p.copy_(torch.as_tensor(0.0))
    ada_stats = training_stats.Collector(regex='Loss/signs/real')
    print('Setting up training phases...')
    loss = dnnlib.util.construct_class_by_name(
        class_name='training.loss.StyleGAN2Loss', device=device, G_mapping=G.mapping,
        G_synthesis=G.synthesis, D=D, augment_pipe=augment_pipe, r1_gamma=0.01)
    phases = []
    opt_kwargs_all = dnnlib.EasyDict(class_name='torch.optim.Adam', lr=0.0025, betas=[0, 0.99],
                                     eps=1e-8)
    for name, module, reg_interval in [('G', G, 4), ('D', D, 16)]:
        mb_ratio = reg_interval / (reg_interval + 1)
        opt_kwargs = dnnlib.EasyDict(opt_kwargs_all)
        opt_kwargs.lr = opt_kwargs.lr * mb_ratio
        opt_kwargs.betas = [beta ** mb_ratio for beta in opt_kwargs.betas]
        opt = dnnlib.util.construct_class_by_name(module.parameters(), **opt_kwargs)
        phases += [dnnlib.EasyDict(name=name+'main', module=module, opt=opt, interval=1)]
        phases += [dnnlib.EasyDict(name=name+'reg', module=module, opt=opt, interval=reg_interval)]
    print('Initializing logs...')
    stats_collector = training_stats.Collector(regex='.*')
    truth: Truth = []
    print(f'Training for {total_kimg} kimg...')
    print()
    cur_nimg = 0
    cur_tick = 0
    tick_start_nimg = cur_nimg
    tick_start_time = time.time()
    maintenance_time = tick_start_time - start_time
    batch_idx = 0
    while True:
        phase_real_img, phase_real_c = next(batches)
        phase_real_img = (phase_real_img.to(device).to(torch.float32) / 127.5 - 1).split(batch_gpu)
        phase_real_c = phase_real_c.to(device).split(batch_gpu)
        all_gen_z = torch.randn([len(phases) * batch_size, G.z_dim], device=device)
        all_gen_z = [phase_gen_z.split(batch_gpu) for phase_gen_z in all_gen_z.split(batch_size)]
        all_gen_c = torch.zeros(len(phases) * batch_size, 0, device=device)
        all_gen_c = [phase_gen_c.split(batch_gpu) for phase_gen_c in all_gen_c.split(batch_size)]
        for phase, phase_gen_z, phase_gen_c in zip(phases, all_gen_z, all_gen_c):
            if batch_idx % phase.interval != 0:
                continue
            phase.opt.zero_grad(set_to_none=True)
            phase.module.requires_grad_(True)
            for round_idx, (real_img, real_c, gen_z, gen_c) in enumerate(zip(phase_real_img, phase_real_c, phase_gen_z, phase_gen_c)):
                sync = (round_idx == batch_size // batch_gpu - 1)
                gain = phase.interval
                loss.accumulate_gradients(phase=phase.name, real_img=real_img, real_c=real_c, gen_z=gen_z, gen_c=gen_c, sync=sync, gain=gain)
            phase.module.requires_grad_(False)
            for param in phase.module.parameters():
                if param.grad is not None:
                    misc.nan_to_num(param.grad, nan=0, posinf=1e5, neginf=-1e5, out=param.grad)
            phase.opt.step()
        ema_nimg = ema_kimg * 1000
        if ema_rampup is not None:
            ema_nimg = min(ema_nimg, cur_nimg * ema_rampup)
        ema_beta = 0.5 ** (batch_size / max(ema_nimg, 1e-8))
        for p_ema, p in zip(G_ema.parameters(), G.parameters()):
            p_ema.copy_(p.lerp(p_ema, ema_beta))
        for b_ema, b in zip(G_ema.buffers(), G.buffers()):
            b_ema.copy_(b)
        cur_nimg += batch_size
        batch_idx += 1
        if (ada_stats is not None) and (batch_idx % ada_interval == 0):
            ada_stats.update()
            adjust = np.sign(ada_stats['Loss/signs/real'] - ada_target) * (batch_size * ada_interval) / (ada_kimg * 1000)
            augment_pipe.p.copy_((augment_pipe.p + adjust).max(misc.constant(0, device=device)))
        done = (cur_nimg >= total_kimg * 1000)
        if (not done) and (cur_tick != 0) and (cur_nimg < tick_start_nimg + kimg_per_tick * 1000):
            continue
        tick_end_time = time.time()
        fields = []
        fields += [f"tick {training_stats.report0('Progress/tick', cur_tick):<5d}"]
        fields += [f"kimg {training_stats.report0('Progress/kimg', cur_nimg / 1e3):<8.1f}"]
        fields += [f"time {dnnlib.util.format_time(training_stats.report0('Timing/total_sec', tick_end_time - start_time)):<12s}"]
        fields += [f"sec/tick {training_stats.report0('Timing/sec_per_tick', tick_end_time - tick_start_time):<7.1f}"]
        fields += [f"sec/kimg {training_stats.report0('Timing/sec_per_kimg', (tick_end_time - tick_start_time) / (cur_nimg - tick_start_nimg) * 1e3):<7.2f}"]
        fields += [f"maintenance {training_stats.report0('Timing/maintenance_sec', maintenance_time):<6.1f}"]
        fields += [f"cpumem {training_stats.report0('Resources/cpu_mem_gb', psutil.Process(os.getpid()).memory_info().rss / 2**30):<6.2f}"]
        fields += [f"gpumem {training_stats.report0('Resources/peak_gpu_mem_gb', 0 / 2**30):<6.2f}"]  # no CUDA
        fields += [f"augment {training_stats.report0('Progress/augment', float(augment_pipe.p.cpu()) if augment_pipe is not None else 0):.3f}"]
        training_stats.report0('Timing/total_hours', (tick_end_time - start_time) / (60 * 60))
        training_stats.report0('Timing/total_days', (tick_end_time - start_time) / (24 * 60 * 60))
        print(' '.join(fields))
        stats_collector.update()
        stats_dict = stats_collector.as_dict()
        truth.append(point("augment", stats_dict['Progress/augment'].mean, cur_tick))
        cur_tick += 1
        tick_start_nimg = cur_nimg
        tick_start_time = time.time()
        maintenance_time = tick_start_time - tick_end_time
        if done:
            break
    print()
    print('Exiting...')
    return truth


# The packages and checkouts of the cases above, for VERSIONS.md: {package: row} and
# {variable naming a checkout: (its row, the variable holding its commit)}. Their environment
# (the corpus environment above has all but fvcore, iopath and termcolor):
#
#     python -m venv ~/repos-venv && ~/repos-venv/bin/pip install torch==2.13.0
#     ~/repos-venv/bin/pip install torch==2.13.0 numpy fvcore iopath termcolor tabulate \
#         pyyaml keras scipy requests psutil
#     git clone https://github.com/facebookresearch/detectron2 ~/detectron2
#     git clone https://github.com/OpenNMT/OpenNMT-py ~/OpenNMT-py
#     git clone https://github.com/NVlabs/stylegan2-ada-pytorch ~/stylegan2-ada-pytorch
#     export DETECTRON2=~/detectron2 OPENNMT_PY=~/OpenNMT-py \
#         STYLEGAN2_ADA=~/stylegan2-ada-pytorch                 # and each one's *_COMMIT
#     ~/repos-venv/bin/python tests/corpus/make_corpus.py detectron2_events keras_io_loop \
#         opennmt_stats pix2pix_losses stylegan2_ada_tick
#
# keras_io_loop and pix2pix_losses copy their scripts' print statements (keras-io's guide and
# pytorch-CycleGAN-and-pix2pix at the commits in VERSIONS.md) and need no checkout.
REPOSITORY_PACKAGES = {"fvcore": "fvcore", "iopath": "iopath", "termcolor": "termcolor",
                       "scipy": "scipy"}
REPOSITORY_CHECKOUTS = {"DETECTRON2": ("facebookresearch/detectron2", "DETECTRON2_COMMIT"),
                        "OPENNMT_PY": ("OpenNMT/OpenNMT-py", "OPENNMT_PY_COMMIT"),
                        "STYLEGAN2_ADA": ("NVlabs/stylegan2-ada-pytorch", "STYLEGAN2_ADA_COMMIT")}


def neutral_paths(data: bytes) -> bytes:
    """The capture with this machine's paths in warnings written as the corpus writes them: the
    repository's own root as /home/user/project, a checkout named by a variable of
    REPOSITORY_CHECKOUTS as /home/user/<its repository's name>."""
    root = os.path.dirname(os.path.dirname(HERE))
    paths = {root: "/home/user/project"}
    for variable, (row, _) in REPOSITORY_CHECKOUTS.items():
        if os.environ.get(variable):
            paths[os.path.abspath(os.environ[variable])] = "/home/user/" + row.split("/")[-1]
    for path, neutral in sorted(paths.items(), key=lambda item: -len(item[0])):
        data = data.replace(path.encode(), neutral.encode())
    return data

# reinforce.py trains until its running reward passes CartPole-v1's threshold (475), a few
# hundred episodes of up to 500 steps: minutes here. The case's one change stops it after 100.
REINFORCE_EPISODES = {"    for i_episode in count(1):": "    for i_episode in range(1, 101):"}


def reinforce() -> Truth:
    """pytorch/examples `reinforcement_learning/reinforce.py` (REINFORCE on gymnasium's
    CartPole-v1, its default seed 543 and `--log-interval 10`), stopped after 100 episodes
    (REINFORCE_EPISODES, the one change): `Episode 10\\tLast reward: 13.00\\tAverage reward:
    10.59` every 10 episodes. Truth: `main`'s own variables as each line is printed, read from
    the printing frame: `ep_reward` as `Last_reward` and `running_reward` as `Average_reward`,
    at the printed episode (`i_episode`, from 1)."""
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "Last reward" in call:
            truth.extend([point("Last_reward", values["ep_reward"], values["i_episode"]),
                          point("Average_reward", values["running_reward"],
                                values["i_episode"])])
        elif "Solved" in call:
            raise SystemExit("reinforce: solved within the episodes run; the case has no truth "
                             "for its last line")

    run_example("reinforcement_learning", [], record, changes=REINFORCE_EPISODES,
                script="reinforce.py")
    return truth


# vae/main.py downloads MNIST (60,000 and 10,000 images of 28 pixels); the case's only change
# gives it random images of the same shape instead, as imagenet/main.py's own `--dummy` does:
# 640 to train on and 256 to test (other images: `random_offset`).
VAE_FAKEDATA = {
    "datasets.MNIST('../data', train=True, download=True,\n"
    "                   transform=transforms.ToTensor())":
        "datasets.FakeData(640, (1, 28, 28), 10, transforms.ToTensor())",
    "datasets.MNIST('../data', train=False, transform=transforms.ToTensor())":
        "datasets.FakeData(256, (1, 28, 28), 10, transforms.ToTensor(), random_offset=640)",
}


def vae_main() -> Truth:
    """pytorch/examples `vae/main.py --epochs 2 --batch-size 64 --log-interval 2` on the CPU,
    MNIST replaced by random images of its shape (VAE_FAKEDATA): `Train Epoch: 1 [128/640
    (20%)]\\tLoss: 543.2`, `====> Epoch: 1 Average loss: 540.1`, `====> Test set loss: 530.7`.
    It saves its images in `results/`, a folder of the checkout, made in the run's folder.
    Truth: the script's own values as each line is printed, read from the printing frame:
    `train`'s `loss.item() / len(data)` (the expression it prints) as `Loss`, no step (the line
    names the samples seen in the epoch, not a step, as mnist_style); `train_loss /
    len(train_loader.dataset)` as `Average_loss` at the printed epoch; `test`'s `test_loss` as
    `Test_set_loss`, no step (the line names none)."""
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "Train Epoch" in call:
            truth.append(point("Loss", values["loss"].item() / len(values["data"]), None))
        elif "Average loss" in call:
            average = values["train_loss"] / len(values["train_loader"].dataset)
            truth.append(point("Average_loss", average, values["epoch"]))
        elif "Test set loss" in call:
            truth.append(point("Test_set_loss", values["test_loss"], None))

    run_example("vae", ["--epochs", "2", "--batch-size", "64", "--log-interval", "2"], record,
                changes=VAE_FAKEDATA, setup=lambda: os.makedirs("results"))
    return truth


def regression() -> Truth:
    """pytorch/examples `regression/main.py` (a linear fit of a random degree-4 polynomial, one
    batch of 32 after another until the loss is below 1e-3; nothing changed; the script draws
    its polynomial unseeded, so the case seeds torch's generator with 0 first, for both runs to
    print the same): `Loss: 0.000845 after 830 batches`, then the learned and the actual
    polynomial (`==> Learned function:\\ty = +7.67 x^1 -1.56 x^2 -10.85 x^3 +2.87 x^4 -5.40`:
    coefficients, not metrics). Truth: the module's `loss` as `Loss` at the printed
    `batch_idx`, the batches done (from 1)."""
    import torch

    torch.manual_seed(0)
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "Loss" in call:
            truth.append(point("Loss", values["loss"], values["batch_idx"]))

    run_example("regression", [], record)
    return truth


# time_sequence_prediction/generate_sine_wave.py makes 100 sine waves of 1000 points (L); the
# case makes them 100 points long, the one change (to its data): train.py's LSTM cells step
# through every point of every wave, up to 20 times an LBFGS step (3 minutes a step here).
SINE_WAVE_LENGTH = {"L = 1000\n": "L = 100\n"}


def time_sequence_prediction() -> Truth:
    """pytorch/examples `time_sequence_prediction/train.py --steps 2` (two LSTM cells fitted to
    sine waves with LBFGS), after its `generate_sine_wave.py` wrote `traindata.pt` in the run's
    folder (run before it, its output not kept), waves cut to 100 points (SINE_WAVE_LENGTH).
    train.py loads the numpy array with `torch.load`, which since torch 2.6 refuses it
    (`weights_only`); the case sets torch's own switch back, TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1
    (torch warns of it). It prints `STEP:  0`, then `loss: 0.5023738120466186` at each of
    LBFGS's evaluations of the loss (up to 20 a step), then `test loss: 0.0013000894101893163`.
    Truth: the script's values as each line is printed, read from the printing frame: the
    closure's `loss.item()` as `loss` and the test's `loss.item()` as `test_loss`, at the step
    of the `STEP:` line above them (`i`, from 0): every evaluation LBFGS makes in a step is a
    point of that step."""
    truth: Truth = []
    folder = os.path.join(os.environ.get("PYTORCH_EXAMPLES", ""), "time_sequence_prediction")
    os.environ["TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"] = "1"

    def setup() -> None:
        with open(os.path.join(folder, "generate_sine_wave.py")) as f:
            source = f.read()
        for old, new in SINE_WAVE_LENGTH.items():
            assert source.count(old) == 1, old
            source = source.replace(old, new)
        # a command of its own before train.py, as the example's README runs it
        subprocess.run([sys.executable, "-c", source], check=True, capture_output=True)

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "test loss" in call:
            truth.append(point("test_loss", values["loss"].item(), values["i"]))
        elif "loss" in call:
            truth.append(point("loss", values["loss"].item(), values["i"]))

    run_example("time_sequence_prediction", ["--steps", "2"], record, setup=setup,
                script="train.py")
    return truth


def sr_images() -> None:
    """What super_resolution's `download_bsd300` would unpack, made here instead:
    `dataset/BSDS300/images/train/` and `.../test/`, 12 and 4 JPEGs of 256 x 256 pixels
    (BSDS300's are 481 x 321; the script crops 255), smooth colour gradients and noise."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    for split, count in (("train", 12), ("test", 4)):
        folder = os.path.join("dataset", "BSDS300", "images", split)
        os.makedirs(folder)
        for n in range(count):
            y, x = np.mgrid[0:256, 0:256] / 255.0
            base = np.stack([np.sin(x * rng.uniform(1, 8) + rng.uniform(0, 3)),
                             np.cos(y * rng.uniform(1, 8) + rng.uniform(0, 3)),
                             np.sin((x + y) * rng.uniform(1, 8))], axis=-1)
            pixels = (base + 1) * 110 + rng.normal(0, 12, base.shape)
            image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
            image.save(os.path.join(folder, f"{split}_{n:02d}.jpg"), quality=90)


def super_resolution() -> Truth:
    """pytorch/examples `super_resolution/main.py --upscale_factor 3 --batchSize 4
    --testBatchSize 2 --nEpochs 2 --threads 0` (its sub-pixel convolution `Net`), on generated
    images where its `data.py` would download BSDS300 (sr_images: the script finds the folder
    there and downloads nothing; nothing changed): `Namespace(...)`, `===> Loading datasets`,
    `===> Building model`, then `===> Epoch[1](1/3): Loss: 0.0796` after each batch,
    `===> Epoch 1 Complete: Avg. Loss: 0.0547`, `===> Avg. PSNR: 12.9105 dB` and
    `Checkpoint saved to model_epoch_1.pth`. Truth: the script's values as each line is
    printed, read from the printing frame: `train`'s `loss.item()` as `Loss` at the printed
    iteration made global (`(epoch - 1) * len(training_data_loader) + iteration`, iteration
    from 1); `epoch_loss / len(training_data_loader)` as `Avg._Loss` at the printed epoch;
    `test`'s `avg_psnr / len(testing_data_loader)` as `Avg._PSNR` (in dB), no step (the line
    names none)."""
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "Complete" in call:
            average = values["epoch_loss"] / len(values["training_data_loader"])
            truth.append(point("Avg._Loss", average, values["epoch"]))
        elif "Loss" in call:
            loader = values["training_data_loader"]
            step = (values["epoch"] - 1) * len(loader) + values["iteration"]
            truth.append(point("Loss", values["loss"].item(), step))
        elif "PSNR" in call:
            psnr = values["avg_psnr"] / len(values["testing_data_loader"])
            truth.append(point("Avg._PSNR", psnr, None))

    run_example("super_resolution", ["--upscale_factor", "3", "--batchSize", "4",
                                     "--testBatchSize", "2", "--nEpochs", "2", "--threads", "0"],
                record, setup=sr_images)
    return truth


# gcn/main.py downloads Cora (a tarball from linqs-data.soe.ucsc.edu) and unpacks `cora/`; the
# case's one change drops the download, and the case writes a `cora/` of its own (cora_files).
GCN_DOWNLOAD = {
    "    with requests.get(cora_url, stream=True) as tgz_file:\n"
    "        with tarfile.open(fileobj=tgz_file.raw, mode='r:gz') as tgz_object:\n"
    "            tgz_object.extractall()\n": "",
}


def cora_files() -> None:
    """`cora/cora.content` (a line a paper: its id, binary word features, its class) and
    `cora/cora.cites` (a line a citation: two ids), as Cora's, for a synthetic graph: 1700
    papers (gcn/main.py tests on the first 1000 of a permutation, validates on the next 500
    and trains on the rest), 7 classes, 64 features drawn more often for a paper's class, and
    3 citations a paper, mostly within its class."""
    import numpy as np

    rng = np.random.default_rng(0)
    papers, classes, words = 1700, 7, 64
    ids = rng.choice(np.arange(1000, 2_000_000), papers, replace=False)
    label = rng.integers(0, classes, papers)
    rate = np.where(np.arange(words)[None, :] % classes == label[:, None], 0.35, 0.05)
    features = (rng.random((papers, words)) < rate).astype(int)
    os.makedirs("cora")
    with open(os.path.join("cora", "cora.content"), "w") as f:
        for n in range(papers):
            row = "\t".join(map(str, features[n]))
            f.write(f"{ids[n]}\t{row}\tClass_{label[n]}\n")
    with open(os.path.join("cora", "cora.cites"), "w") as f:
        for n in range(papers):
            for _ in range(3):
                same = np.flatnonzero(label == label[n])
                other = rng.choice(same) if rng.random() < 0.8 else rng.integers(0, papers)
                f.write(f"{ids[other]}\t{ids[n]}\n")


def gcn_main() -> Truth:
    """pytorch/examples `gcn/main.py --epochs 60 --val-every 10` (its own two-layer GCN in
    plain torch) on the CPU, its Cora download dropped (GCN_DOWNLOAD) and a synthetic Cora
    written in its place (cora_files): `Using cpu device`, `Downloading dataset...`, `Loading
    dataset...`, `Epoch: 0010 (0.0123s) loss_train: 1.9 acc_train: 0.3 loss_val: 1.9 acc_val:
    0.3` every 10 epochs and `Test set results: loss 1.2 accuracy 0.6`. Truth: `train_iter`'s
    own `loss_train`, `acc_train`, `loss_val`, `acc_val` (what `test` returned), read from the
    printing frame, at the printed epoch (from 1); the module's `loss_test` and `acc_test` as
    `Test_set_results_loss` and `Test_set_results_accuracy` (the names after the printed
    `Test set results:`, as torchvision_ref's `Test:` lines are named), no step. The time in
    brackets is a timing, left out."""
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "loss_train" in call:
            truth.extend(point(key, values[key], values["epoch"])
                         for key in ("loss_train", "acc_train", "loss_val", "acc_val"))
        elif "Test set results" in call:
            truth.extend([point("Test_set_results_loss", values["loss_test"], None),
                          point("Test_set_results_accuracy", values["acc_test"], None)])

    run_example("gcn", ["--epochs", "60", "--val-every", "10"], record, changes=GCN_DOWNLOAD,
                setup=cora_files)
    return truth


# mnist_forward_forward/main.py downloads MNIST; the case's one change gives it random images
# of MNIST's shape instead (600 to train on, 200 to test, other images), as vae_main.
FORWARD_FORWARD_FAKEDATA = {
    'MNIST("./data/", train=True, download=True, transform=transform)':
        "FakeData(600, (1, 28, 28), 10, transform)",
    'MNIST("./data/", train=False, download=True, transform=transform)':
        "FakeData(200, (1, 28, 28), 10, transform, random_offset=600)",
    "from torchvision.datasets import MNIST\n": "from torchvision.datasets import FakeData\n",
}


def mnist_forward_forward() -> Truth:
    """pytorch/examples `mnist_forward_forward/main.py --epochs 50 --log-interval 10
    --train_size 600 --test_size 200` (Hinton's forward-forward training of a 784-500-500
    network, layer by layer, each on the whole training batch), MNIST replaced by random images
    of its shape (FORWARD_FORWARD_FAKEDATA): `training layer:  0`, `Loss:  0.78` every 10 of
    the layer's epochs, the same for layer 1, then `train error: 0.89` and `test error: 0.9`.
    Truth: read as each line is printed: the layer's `loss.item()` from the printing frame
    (`Layer.train`) as `Loss`, no step (the line names none, and the layer's epoch counter
    starts again at each layer); the error each of the last two lines prints, the value given
    to `print` (the script computes it in the call: the float, not its text), as `train_error`
    and `test_error`, no step. `training layer:  0` names the layer being trained: no metric.
    The script parses a `--seed` but seeds nothing; the case seeds torch's generator with 0
    first, for both runs to print the same."""
    import torch

    torch.manual_seed(0)
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if '"Loss: "' in call:
            truth.append(point("Loss", values["loss"].item(), None))
        elif '"train error:"' in call:
            truth.append(point("train_error", printed[1], None))
        elif '"test error:"' in call:
            truth.append(point("test_error", printed[1], None))

    run_example("mnist_forward_forward", ["--epochs", "50", "--log-interval", "10",
                                          "--train_size", "600", "--test_size", "200"],
                record, changes=FORWARD_FORWARD_FAKEDATA)
    return truth


# Ultralytics needs torchvision, whose CPU build is not on PyPI: PyPI's torchvision is built for
# CUDA and loads only beside PyPI's (CUDA) torch; flair needs transformers below 5. Each of those
# cases runs alone, in an environment of its own, and its rows in VERSIONS.md say so:
# {package: its row}.
OWN_ENVIRONMENT = {"ultralytics": {"ultralytics": "ultralytics",
                                   "torch": "torch (ultralytics case)",
                                   "torchvision": "torchvision (ultralytics case)",
                                   "numpy": "numpy (ultralytics case)"},
                   "imagenet_main": {"torch": "torch (imagenet_main case)",
                                     "torchvision": "torchvision (imagenet_main case)",
                                     "numpy": "numpy (imagenet_main case)"},
                   "flair": {"flair": "flair", "transformers": "transformers (flair case)"}}
# The checkout a case of OWN_ENVIRONMENT runs, whose commit it writes in VERSIONS.md.
OWN_CHECKOUT = {"imagenet_main": "PYTORCH_EXAMPLES"}

CASES: dict[str, Callable[[], Truth]] = {
    "sklearn_mlp": sklearn_mlp,
    "sklearn_gb": sklearn_gb,
    "sklearn_grid": sklearn_grid,
    "sklearn_hgb": sklearn_hgb,
    "xgboost": xgboost_,
    "lightgbm": lightgbm_,
    "keras_v1": keras_v1,
    "keras_v2": keras_v2,
    "keras_evaluate": keras_evaluate,
    "hf_trainer": hf_trainer,
    "lightning": lightning_,
    "lightning_rich": lightning_rich,
    "lightning_test": lightning_test,
    "tqdm": tqdm_,
    "tqdm_write": tqdm_write,
    "mnist_style": mnist_style,
    "nanogpt_style": nanogpt_style,
    "fairseq_style": fairseq_style,
    "epoch_bracket": epoch_bracket,
    "pipe_pairs": pipe_pairs,
    "json_lines": json_lines,
    "equals_style": equals_style,
    "cifar10_tutorial": cifar10_tutorial,
    "quickstart_tutorial": quickstart_tutorial,
    "yunjey_feedforward": yunjey_feedforward,
    "llmc_gpt2": llmc_gpt2,
    "build_nanogpt": build_nanogpt,
    "makemore_style": makemore_style,
    "mingpt_chargpt": mingpt_chargpt,
    "fastai": fastai_,
    "spacy": spacy_,
    "sb3_ppo": sb3_ppo,
    "catboost": catboost_,
    "torchvision_ref": torchvision_ref,
    "mmengine": mmengine_,
    "ignite": ignite_,
    "ignite_bar": ignite_bar,
    "timm_train": timm_train,
    "optuna": optuna_study,
    "accelerate_glue": accelerate_glue,
    "ultralytics": ultralytics_,
    "skorch": skorch_,
    "tabnet": tabnet,
    "imagenet_main": imagenet_main,
    "pyg_gcn": pyg_gcn,
    "flair": flair_,
    "detectron2_events": detectron2_events,
    "keras_io_loop": keras_io_loop,
    "opennmt_stats": opennmt_stats,
    "pix2pix_losses": pix2pix_losses,
    "stylegan2_ada_tick": stylegan2_ada_tick,
}

# pytorch/examples' other scripts, each run alone on an environment like imagenet_main's
# (torch and torchvision from PyPI, gymnasium), their rows in VERSIONS.md their own:
EXAMPLES_CASES: dict[str, Callable[[], Truth]] = {
    "word_language_model": word_language_model,
    "word_language_model_transformer": word_language_model_transformer,
    "dcgan": dcgan,
    "reinforce": reinforce,
    "vae_main": vae_main,
    "regression": regression,
    "time_sequence_prediction": time_sequence_prediction,
    "super_resolution": super_resolution,
    "gcn_main": gcn_main,
    "mnist_forward_forward": mnist_forward_forward,
}
CASES.update(EXAMPLES_CASES)
OWN_ENVIRONMENT.update(dict.fromkeys(EXAMPLES_CASES, {
    name: f"{name} (pytorch/examples scripts)"
    for name in ("torch", "torchvision", "numpy", "gymnasium", "matplotlib", "pillow", "six",
                 "requests")}))
OWN_CHECKOUT.update(dict.fromkeys(EXAMPLES_CASES, "PYTORCH_EXAMPLES"))
# The row of a case's checkout in VERSIONS.md, where it is not the variable's usual row.
CHECKOUT_ROW = dict.fromkeys(EXAMPLES_CASES, "pytorch/examples scripts")


# --- river, NGBoost, tianshou, FLAML, Keras Tuner, statsmodels: an environment of their own ---
# tianshou pins pandas below 3 (the environment above has pandas 3) and Keras Tuner imports
# `six` without asking for it; these cases run alone, each in the same second environment
# (sklearn_tsne and sklearn_kmeans, further down, need only scikit-learn: they run in either):
#
#     python -m venv ~/more-venv
#     ~/more-venv/bin/pip install torch==2.13.0          # the CPU wheel first
#     ~/more-venv/bin/pip install torch==2.13.0 river ngboost tianshou "flaml[automl]" \
#         keras-tuner six keras lightgbm scikit-learn gymnasium statsmodels
#     ~/more-venv/bin/python tests/corpus/make_corpus.py river    # and ngboost, tianshou, ...


def river_() -> Truth:
    """river's `evaluate.progressive_val_score(dataset, model, metric, print_every=100,
    show_time=True)` of its README's model (a scaled logistic regression) on its bundled
    `datasets.Phishing`, the metric `Accuracy() + LogLoss()`: `[1,000] Accuracy: 89.10%` and,
    the metrics being joined by a new line, `LogLoss: 0.3500302279074443 – 00:00:00` under it.
    Truth: the metric objects of the checkpoint it prints (`checkpoint[name].get()`, read by the
    file it prints to, from `progressive_val_score`'s frame), at the checkpoint's `Step` (the
    samples seen, as printed); Accuracy in percent, as its `%` format prints it. The elapsed
    time is left out."""
    from river import datasets, evaluate, linear_model, metrics, preprocessing

    truth: Truth = []
    stdout = sys.stdout

    class Stdout:
        """The file `progressive_val_score` prints to: reads the checkpoint it prints."""

        def write(self, text: str) -> int:
            if text.strip():
                frame = sys._getframe()
                while frame.f_code.co_name != "progressive_val_score":
                    frame = frame.f_back  # type: ignore[assignment]
                checkpoint = frame.f_locals["checkpoint"]
                for name, metric in checkpoint.items():
                    if isinstance(metric, metrics.base.Metric):
                        scale = 100 if "%" in metric._fmt else 1
                        truth.append(point(name, metric.get() * scale, checkpoint["Step"]))
            return stdout.write(text)

        def flush(self) -> None:
            stdout.flush()

    model = preprocessing.StandardScaler() | linear_model.LogisticRegression()
    metric = metrics.Accuracy() + metrics.LogLoss()
    evaluate.progressive_val_score(datasets.Phishing(), model, metric, print_every=100,
                                   show_time=True, file=Stdout())
    return truth


def ngboost_() -> Truth:
    """NGBoost `NGBRegressor(n_estimators=60, verbose=True, verbose_eval=5).fit(X, y,
    X_val=..., Y_val=...)` on synthetic data (its default base tree, seeded): `[iter 5] loss=1.3279 val_loss=1.4632
    scale=1.0000 norm=0.9288`. Truth: `evals_result` (`train` and `val`, its LOGSCORE lists) as
    `loss` and `val_loss`, `scalings` (the line search's scale of each iteration) as `scale`, at
    the printed iteration (from 0); and `norm`, the gradient norm `partial_fit` keeps only in its
    local `grad_norm`, read from its frame by the file it prints to."""
    from ngboost import NGBRegressor
    from sklearn.datasets import make_regression
    from sklearn.tree import DecisionTreeRegressor

    x, y = make_regression(n_samples=300, n_features=6, noise=10.0, random_state=0)
    y = y / y.std()
    norms: dict[int, float] = {}
    stdout = sys.stdout

    class Stdout:
        """Where NGBoost prints: keeps the gradient norm of each iteration it prints."""

        def write(self, text: str) -> int:
            frame = sys._getframe(1)
            if frame.f_code.co_name == "partial_fit" and "grad_norm" in frame.f_locals:
                norms.setdefault(frame.f_locals["itr"], float(frame.f_locals["grad_norm"]))
            return stdout.write(text)

        def flush(self) -> None:
            stdout.flush()

    # NGBoost's default base learner (its "friedman_mse", which scikit-learn now names
    # "squared_error"), seeded: unseeded, its ties differ from run to run.
    base = DecisionTreeRegressor(criterion="squared_error", max_depth=3, random_state=0)
    model = NGBRegressor(Base=base, n_estimators=60, verbose=True, verbose_eval=5,
                         random_state=0)
    sys.stdout = Stdout()  # type: ignore[assignment]
    try:
        model.fit(x[:200], y[:200], X_val=x[200:], Y_val=y[200:])
    finally:
        sys.stdout = stdout
    (score,) = model.evals_result["train"]
    train, val = model.evals_result["train"][score], model.evals_result["val"][score]
    truth: Truth = []
    for itr, norm in norms.items():
        truth += [point("loss", train[itr], itr), point("val_loss", val[itr], itr),
                  point("scale", model.scalings[itr], itr), point("norm", norm, itr)]
    return truth


def tianshou_() -> Truth:
    """tianshou's DQN on `CartPole-v1` (its `examples/discrete/discrete_dqn.py`, smaller: 4
    training and 5 test environments, 3 epochs of 240 environment steps, 12 a collection step)
    with its `OffPolicyTrainer`: the initial test line `Initial test step: test_reward: 10.000000
    ± 1.095445, best_reward: 10.000000 ± 1.095445 in #0`, an ascii tqdm bar an epoch (`Epoch #1:
    15%|#5        | 36/240 [00:01<00:05, 34.19it/s, env_episode=2, env_step=36, len=9, n_ep=2,
    n_st=12, rew=9.00, update_step=3]`), and `Epoch #1: test_reward: ... in #1` after each.
    Truth: a `BaseLogger` subclass keeping every record the trainer gives it: each training
    collection that ended episodes, its `returns_stat` mean as `rew` and its `lens_stat` mean as
    `len` (the bar shows `int(mean)`: tianshou's `_create_epoch_pbar_data_dict`), at its
    `env_step` (the bar's counter made global); each test line's `rew` and the trainer's
    `_best_reward`, read from `_test_step`'s frame as it prints, as `test_reward` and
    `best_reward` at the trainer's epoch (no step for the initial test). Left out: the counters
    (`env_episode`, `env_step`, `n_ep`, `n_st`, `update_step`), the spreads after `±` (they
    have no name of their own) and the speed."""
    import gymnasium as gym
    import numpy as np
    import tianshou as ts
    import torch
    from tianshou.algorithm.modelfree.dqn import DiscreteQLearningPolicy
    from tianshou.algorithm.optim import AdamOptimizerFactory
    from tianshou.data import CollectStats
    from tianshou.trainer import OffPolicyTrainerParams
    from tianshou.utils.logger.logger_base import BaseLogger
    from tianshou.utils.net.common import Net

    truth: Truth = []
    stdout = sys.stdout

    class Logger(BaseLogger):
        """Keeps every collection the trainer logs (every one: intervals of 1)."""

        def __init__(self) -> None:
            super().__init__(training_interval=1, test_interval=1, update_interval=1)

        def prepare_dict_for_logging(self, log_data: dict[str, Any]) -> dict[str, Any]:
            return log_data

        def write(self, step_type: str, step: int, data: dict[str, Any]) -> None:
            if step_type.startswith("training/") and data["n_collected_episodes"] > 0:
                truth.extend([point("rew", data["returns_stat"]["mean"], step),
                              point("len", int(data["lens_stat"]["mean"]), step)])

        def finalize(self) -> None:
            pass

        def save_data(self, *args: Any) -> None:
            pass

        def restore_data(self) -> tuple[int, int, int]:
            return 0, 0, 0

        @staticmethod
        def restore_logged_data(log_path: str) -> dict[str, Any]:
            return {}

    class Stdout:
        """Where the trainer prints its test lines: reads the test step that prints."""

        def write(self, text: str) -> int:
            frame = sys._getframe(1)
            if frame.f_code.co_name == "_test_step" and text.strip():
                f = frame.f_locals
                epoch = None if f["force_update_best"] else f["self"]._epoch
                truth.extend([point("test_reward", f["rew"], epoch),
                              point("best_reward", f["self"]._best_reward, epoch)])
            return stdout.write(text)

        def flush(self) -> None:
            stdout.flush()

    torch.manual_seed(0)
    np.random.seed(0)
    task = "CartPole-v1"
    train_envs = ts.env.DummyVectorEnv([lambda: gym.make(task) for _ in range(4)])
    test_envs = ts.env.DummyVectorEnv([lambda: gym.make(task) for _ in range(5)])
    train_envs.seed(0)
    test_envs.seed(100)
    env = gym.make(task)
    net = Net(state_shape=env.observation_space.shape, action_shape=env.action_space.n,
              hidden_sizes=[64, 64])
    policy = DiscreteQLearningPolicy(model=net, action_space=env.action_space, eps_training=0.1,
                                     eps_inference=0.05)
    algorithm = ts.algorithm.DQN(policy=policy, optim=AdamOptimizerFactory(lr=1e-3), gamma=0.9,
                                 n_step_return_horizon=3, target_update_freq=100)
    train_collector = ts.data.Collector[CollectStats](
        algorithm, train_envs, ts.data.VectorReplayBuffer(2000, 4), exploration_noise=True)
    test_collector = ts.data.Collector[CollectStats](algorithm, test_envs, exploration_noise=True)
    sys.stdout = Stdout()  # type: ignore[assignment]
    try:
        algorithm.run_training(OffPolicyTrainerParams(
            training_collector=train_collector, test_collector=test_collector, max_epochs=3,
            epoch_num_steps=240, collection_step_num_env_steps=12, test_step_num_episodes=5,
            batch_size=32, update_step_num_gradient_steps_per_sample=0.1, logger=Logger()))
    finally:
        sys.stdout = stdout
    return truth


def flaml_() -> Truth:
    """FLAML `AutoML().fit(X, y, task="classification", estimator_list=["lgbm"], max_iter=8,
    time_budget=-1, seed=0, log_file_name=..., log_type="all")` on synthetic data, its default
    logging (`verbose=3`): `[flaml.automl.logger: 12-02 02:37:28] {3026} INFO - iteration 1,
    current learner lgbm`, then `... INFO -  at 0.3s,\\testimator lgbm's best error=1.8000e-02,
    \\tbest estimator lgbm's best error=1.8000e-02`. Truth: its own log file (JSON lines, a
    record a trial with `log_type="all"`, `record_id` the iteration): the lowest
    `validation_loss` of the trials so far (the best error it prints, its search state's
    `best_loss`; one learner, so both printed errors are the same), keys as printed
    (`estimator lgbm's best error`, `best estimator lgbm's best error`), at the iteration named
    by the line before (from 0). The times (`at 0.3s`, the estimated budgets, the retrain and
    the time to find the best model) are left out."""
    from flaml import AutoML
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=300, n_features=8, random_state=0)
    with tempfile.TemporaryDirectory() as folder:
        log = os.path.join(folder, "flaml.log")
        AutoML().fit(x, y, task="classification", estimator_list=["lgbm"], max_iter=8,
                     time_budget=-1, seed=0, n_jobs=1, log_file_name=log, log_type="all")
        with open(log) as f:
            records = [json.loads(line) for line in f]
    truth: Truth = []
    best = float("inf")
    for record in records:
        if "record_id" not in record:  # the closing `curr_best_record_id`
            continue
        best = min(best, record["validation_loss"])
        truth += [point("estimator_lgbm's_best_error", best, record["record_id"]),
                  point("best_estimator_lgbm's_best_error", best, record["record_id"])]
    return truth


def keras_tuner_() -> Truth:
    """Keras Tuner `RandomSearch(build, objective="val_accuracy", max_trials=3, seed=0)` of a
    small Keras 3 classifier (units and learning rate searched), `search(..., epochs=2,
    validation_data=...)`, torch backend: `Search: Running Trial #1`, the hyperparameter table,
    each trial's `fit` with Keras' default bar (`Epoch 1/2`, `8/8 ━━━━ 1s 104ms/step - accuracy:
    0.4922 - loss: 0.8877 - val_accuracy: 0.5469 - val_loss: 0.7377`), then `Trial 1 Complete
    [00h 00m 03s]`, `val_accuracy: 0.609375`, `Best val_accuracy So Far: 0.609375`, `Total
    elapsed time: 00h 00m 03s`. Truth: each trial's epoch logs (a callback passed to `search`,
    as `History` keeps them) at the epoch as printed (from 1, again in each trial); each trial's
    `score` in `tuner.oracle.trials` as `val_accuracy`, and the best score of the trials so far
    as `Best_val_accuracy_So_Far`, at the trial's number as printed (its display's
    `trial_number`). The hyperparameters are settings; the times are left out."""
    import keras
    import keras_tuner
    import numpy as np

    epochs: list[tuple[int, dict[str, float]]] = []

    class Logs(keras.callbacks.Callback):
        """What History keeps, through the copies Keras Tuner makes of the callbacks."""

        def on_epoch_end(self, epoch: int, logs: dict[str, float] | None = None) -> None:
            epochs.append((epoch + 1, dict(logs or {})))

    rng = np.random.default_rng(0)
    x = rng.normal(size=(320, 8)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("int32")

    def build(hp: Any) -> Any:
        model = keras.Sequential([
            keras.Input((8,)),
            keras.layers.Dense(hp.Int("units", 4, 32, step=4), activation="relu"),
            keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer=keras.optimizers.Adam(hp.Choice("learning_rate", [1e-2, 1e-3])),
                      loss="binary_crossentropy", metrics=["accuracy"])
        return model

    keras.utils.set_random_seed(0)
    truth: Truth = []
    with tempfile.TemporaryDirectory() as folder:
        tuner = keras_tuner.RandomSearch(build, objective="val_accuracy", max_trials=3, seed=0,
                                         directory=folder, project_name="search")
        tuner.search(x[:256], y[:256], epochs=2, validation_data=(x[256:], y[256:]),
                     callbacks=[Logs()])
    truth += [point(key, value, epoch) for epoch, logs in epochs for key, value in logs.items()]
    numbers = tuner.oracle._display.trial_number
    best = -float("inf")
    for trial in sorted(tuner.oracle.trials.values(), key=lambda t: numbers[t.trial_id]):
        best = max(best, trial.score)
        truth += [point("val_accuracy", trial.score, numbers[trial.trial_id]),
                  point("Best_val_accuracy_So_Far", best, numbers[trial.trial_id])]
    return truth


CASES.update({"river": river_, "ngboost": ngboost_, "tianshou": tianshou_, "flaml": flaml_,
              "keras_tuner": keras_tuner_})
OWN_ENVIRONMENT.update({
    "river": {"river": "river"},
    "ngboost": {"ngboost": "ngboost"},
    "tianshou": {"tianshou": "tianshou", "gymnasium": "gymnasium (tianshou case)",
                 "pandas": "pandas (tianshou case)"},
    "flaml": {"flaml": "flaml", "lightgbm": "lightgbm (flaml case)"},
    "keras_tuner": {"keras-tuner": "keras-tuner", "keras": "keras (keras_tuner case)"}})


def statsmodels_logit() -> Truth:
    """statsmodels `Logit(y, add_constant(x)).fit()` (Newton's method, `disp=True` by default)
    on synthetic data: `Optimization terminated successfully.`, `         Current function
    value: 0.568174`, `         Iterations 6`; then `print(result.summary())`, as statsmodels'
    documentation does, its two-column box (`Pseudo R-squ.:                  0.1751`,
    `Log-Likelihood:                -170.45`, `LL-Null:`, `LLR p-value:                 1.329e-15`
    beside the model's description) and the coefficients' table. Truth, no step (the lines
    name none): the result's `mle_retvals`, `fopt` as `Current_function_value` and
    `iterations` as `Iterations`; its `prsquared`, `llf`, `llnull` and `llr_pvalue` under the
    names the summary prints. Left out: the counts (`No. Observations`, `Df Residuals`, `Df
    Model`), and the coefficients' table (the fitted parameters, a row a variable: estimates,
    not measures of the fit)."""
    import numpy as np
    import statsmodels.api as sm

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 3))
    y = (x @ [1.0, -0.5, 0.25] + rng.logistic(size=300) > 0).astype(float)
    result = sm.Logit(y, sm.add_constant(x)).fit()
    print(result.summary())
    return [point("Current_function_value", result.mle_retvals["fopt"], None),
            point("Iterations", result.mle_retvals["iterations"], None),
            point("Pseudo_R-squ.", result.prsquared, None),
            point("Log-Likelihood", result.llf, None),
            point("LL-Null", result.llnull, None),
            point("LLR_p-value", result.llr_pvalue, None)]


def sklearn_tsne() -> Truth:
    """scikit-learn `TSNE(verbose=2, max_iter=500, random_state=0)` of 300 synthetic points:
    `[t-SNE] Iteration 50: error = 54.2131958, gradient norm = 0.0453920 (50 iterations in
    0.023s)` every 50 iterations, `[t-SNE] KL divergence after 250 iterations with early
    exaggeration: 54.213196` and `[t-SNE] KL divergence after 500 iterations: 0.412345`. The
    estimator keeps only the last KL divergence (`kl_divergence_`): the truth is read, by the
    file it prints to, from the frames that print: `_gradient_descent`'s `error` and
    `grad_norm` as `error` and `gradient_norm` at its iteration as printed (`i + 1`), and
    `_tsne`'s `kl_divergence` at the iterations it prints (`it + 1`), as
    `KL_divergence_with_early_exaggeration` (the first phase's objective, on the exaggerated
    affinities) and `KL_divergence` (the last equals `kl_divergence_`, checked). Left out: the
    timings, sample counts, and `Mean sigma` (printed from Cython, whose locals cannot be
    read: no record to take it from)."""
    from sklearn.datasets import make_blobs
    from sklearn.manifold import TSNE

    x, _ = make_blobs(n_samples=300, n_features=10, centers=4, random_state=0)
    truth: Truth = []
    stdout = sys.stdout

    class Stdout:
        """Where TSNE prints: reads the iteration or the phase it prints."""

        def write(self, text: str) -> int:
            frame = sys._getframe(1)
            f = frame.f_locals
            # Which of the frame's prints it is: the iteration line, or the first or the
            # second KL divergence line (`remaining` is set between them).
            if frame.f_code.co_name == "_gradient_descent" and ": error = " in text:
                truth.extend([point("error", f["error"], f["i"] + 1),
                              point("gradient_norm", f["grad_norm"], f["i"] + 1)])
            elif frame.f_code.co_name == "_tsne" and text.strip():
                key = "KL_divergence" if "remaining" in f else \
                    "KL_divergence_with_early_exaggeration"
                truth.append(point(key, f["kl_divergence"], f["it"] + 1))
            return stdout.write(text)

        def flush(self) -> None:
            stdout.flush()

    model = TSNE(verbose=2, max_iter=500, random_state=0)
    sys.stdout = Stdout()  # type: ignore[assignment]
    try:
        model.fit(x)
    finally:
        sys.stdout = stdout
    if truth[-1]["key"] != "KL_divergence" or truth[-1]["value"] != model.kl_divergence_:
        raise SystemExit("sklearn_tsne: the last KL divergence is not kl_divergence_")
    return truth


def sklearn_kmeans() -> Truth:
    """scikit-learn `KMeans(n_clusters=4, n_init=3, verbose=1, random_state=0)` of 400
    synthetic points: `Initialization complete`, `Iteration 0, inertia 5432.1.` a line an
    iteration, `Converged at iteration 3: strict convergence.`, for each of the 3 runs. The
    estimator keeps only the best run's `inertia_`: the truth is `_kmeans_single_lloyd`'s
    `inertia` at its `i` (from 0, as printed), read from its frame by the file it prints to,
    keyed `inertia` as printed, a point a line (each run's iterations start again at 0)."""
    from sklearn.cluster import KMeans
    from sklearn.datasets import make_blobs

    x, _ = make_blobs(n_samples=400, n_features=5, centers=4, cluster_std=3.0, random_state=0)
    truth: Truth = []
    stdout = sys.stdout

    class Stdout:
        """Where KMeans prints: reads the iteration it prints."""

        def write(self, text: str) -> int:
            frame = sys._getframe(1)
            if frame.f_code.co_name == "_kmeans_single_lloyd" and text.startswith("Iteration"):
                truth.append(point("inertia", frame.f_locals["inertia"], frame.f_locals["i"]))
            return stdout.write(text)

        def flush(self) -> None:
            stdout.flush()

    sys.stdout = Stdout()  # type: ignore[assignment]
    try:
        KMeans(n_clusters=4, n_init=3, verbose=1, random_state=0).fit(x)
    finally:
        sys.stdout = stdout
    return truth


CASES.update({"statsmodels_logit": statsmodels_logit, "sklearn_tsne": sklearn_tsne,
              "sklearn_kmeans": sklearn_kmeans})
OWN_ENVIRONMENT.update({"statsmodels_logit": {"statsmodels": "statsmodels",
                                              "scipy": "scipy (statsmodels_logit case)"}})


# --- CleanRL, Weights & Biases, Ray Tune, stable-baselines3's DQN ------------------------------
# CleanRL pins gymnasium 0.29.1 (its ppo.py reads the `final_info` that gymnasium 1 no longer
# gives), which needs numpy below 2: its case runs alone, in an environment of its own:
#
#     python -m venv ~/cleanrl-venv && ~/cleanrl-venv/bin/pip install torch==2.13.0
#     ~/cleanrl-venv/bin/pip install torch==2.13.0 gymnasium==0.29.1 "numpy<2" tensorboard tyro
#     git clone https://github.com/vwxyzjn/cleanrl ~/cleanrl
#     export CLEANRL=~/cleanrl CLEANRL_COMMIT=$(git -C ~/cleanrl rev-parse HEAD)
#     ~/cleanrl-venv/bin/python tests/corpus/make_corpus.py cleanrl_ppo


def cleanrl_ppo() -> Truth:
    """CleanRL's `cleanrl/ppo.py`, read from the checkout named by CLEANRL and run as the script
    (`__main__`, from a folder of its own: its TensorBoard `runs/` are written there) with
    `--total-timesteps 2048 --no-cuda` on CartPole-v1, its defaults otherwise (4 environments,
    128 steps a rollout, seed 1), nothing changed: `global_step=92, episodic_return=[23.]` as
    each episode ends, `SPS: 1234` after each update. Truth: what the script writes to its
    TensorBoard `SummaryWriter` (`add_scalar` wrapped to record the tag, value and step as it
    is called): its `charts/episodic_return` scalars, under the name printed
    (`episodic_return`), at their step, the `global_step` printed. Its other scalars (the
    losses, the learning rate, `charts/episodic_length`) are not printed; `charts/SPS` (the
    `SPS:` line) is a throughput: left out."""
    root = os.environ.get("CLEANRL")
    if not root:
        raise SystemExit("cleanrl_ppo: set CLEANRL to a vwxyzjn/cleanrl checkout")
    import shutil

    import numpy as np
    import torch
    from torch.utils.tensorboard import SummaryWriter

    torch.set_num_threads(1)
    truth: Truth = []
    add_scalar = SummaryWriter.add_scalar

    def recorded(self: Any, tag: str, scalar_value: Any, global_step: Any = None,
                 *args: Any, **kwargs: Any) -> Any:
        if tag == "charts/episodic_return":
            values = np.asarray(scalar_value).reshape(-1)  # the episode's return, an array of 1
            assert values.size == 1, scalar_value
            truth.append(point("episodic_return", values[0], global_step))
        return add_scalar(self, tag, scalar_value, global_step, *args, **kwargs)

    SummaryWriter.add_scalar = recorded  # type: ignore[method-assign]
    with open(os.path.join(root, "cleanrl", "ppo.py")) as f:
        source = f.read()
    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    try:
        sys.argv = ["ppo.py", "--total-timesteps", "2048", "--no-cuda"]
        exec(compile(source, "ppo.py", "exec"), {"__name__": "__main__", "__file__": "ppo.py"})
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp)
    return truth


CASES["cleanrl_ppo"] = cleanrl_ppo
OWN_ENVIRONMENT["cleanrl_ppo"] = {"torch": "torch (cleanrl_ppo case)",
                                  "gymnasium": "gymnasium (cleanrl_ppo case)",
                                  "numpy": "numpy (cleanrl_ppo case)",
                                  "tensorboard": "tensorboard (cleanrl_ppo case)",
                                  "tyro": "tyro (cleanrl_ppo case)"}
OWN_CHECKOUT["cleanrl_ppo"] = "CLEANRL"
REPOSITORY_CHECKOUTS["CLEANRL"] = ("vwxyzjn/cleanrl", "CLEANRL_COMMIT")


# Weights & Biases runs alone, in the corpus environment with wandb added (its row in
# VERSIONS.md is its own):
#
#     ~/corpus-venv/bin/pip install wandb
#     ~/corpus-venv/bin/python tests/corpus/make_corpus.py wandb_offline


def wandb_offline() -> Truth:
    """Weights & Biases in offline mode (`WANDB_MODE=offline`, its files in a folder of its
    own): `wandb.init(project="corpus")`, a logistic regression trained by gradient descent on
    synthetic data (numpy), `wandb.log({"loss": ..., "acc": ...})` after each of its 30 steps,
    then `wandb.finish()`, which prints the run's footer: `wandb: Run history:` (a sparkline a
    key, no numbers) and `wandb: Run summary:` (`wandb:  acc 0.8875`, `wandb: loss 0.41932`),
    after its start-up lines (`Tracking run with wandb version ...`, the offline folder) and
    before its closing ones (`wandb sync ...`). Truth: the run's own summary, `run.summary`
    (each key's last logged value), read before `finish`, the keys it prints (not those
    starting with `_`: `_step`, `_runtime`, `_timestamp`), no step (the block names none)."""
    import numpy as np

    tmp = tempfile.mkdtemp()
    os.environ["WANDB_MODE"] = "offline"
    os.environ["WANDB_DIR"] = tmp
    import wandb

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 5))
    y = (x @ [1.0, -2.0, 0.5, 0.0, 1.5] + rng.normal(scale=1.5, size=400) > 0).astype(float)
    w = np.zeros(5)
    run = wandb.init(project="corpus")
    for _ in range(30):
        p = 1 / (1 + np.exp(-(x @ w)))
        loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        acc = float(np.mean((p > 0.5) == y))
        wandb.log({"loss": loss, "acc": acc})
        w -= 0.1 * x.T @ (p - y) / len(y)
    summary = dict(run.summary)
    truth = [point(key, summary[key], None) for key in sorted(summary)
             if not key.startswith("_")]
    wandb.finish()
    import shutil

    shutil.rmtree(tmp)
    return truth


CASES["wandb_offline"] = wandb_offline
OWN_ENVIRONMENT["wandb_offline"] = {"wandb": "wandb"}


# Ray Tune runs alone, in an environment of its own (ray starts its own processes; it needs no
# torch):
#
#     python -m venv ~/ray-venv && ~/ray-venv/bin/pip install "ray[tune]" pandas
#     ~/ray-venv/bin/python tests/corpus/make_corpus.py ray_tune


def ray_tune() -> Truth:
    """Ray Tune's `Tuner(trainable, param_space={"lr": tune.grid_search([0.01, 0.1, 1.0])},
    tune_config=TuneConfig(num_samples=1)).fit()` of a function trainable reporting `loss` and
    `acc` for 3 iterations, on a local Ray instance of 1 CPU (`ray.init(num_cpus=1,
    include_dashboard=False)`: the trials run one after the other), its default verbosity:
    the experiment's configuration box, `Trial status: 3 PENDING` and its table, then for each
    trial `Trial trainable_1a2b3_00000 started with configuration:` and its config box, `Trial
    trainable_1a2b3_00000 completed after 3 iterations at ...` and its `result` box (`acc
    0.94`, `loss 0.66384`, `training_iteration 3`, `time_total_s ...`), and the closing
    `Trial status: 3 TERMINATED` table (a row a trial: `lr`, `iter`, `total time (s)`, `loss`,
    `acc`). Truth: each trial's own results, `ResultGrid`'s `result.metrics_dataframe` (the
    trainable's reports, a row an iteration): its last row, the values both boxes print
    (checked against `result.metrics`; the default verbosity prints no other iteration's), as
    `loss` and `acc`, at the trial's number (the `_00000` its name ends in, Ray's index of the
    trial in the search, from `trial_id`). `lr` is a setting, `training_iteration`/`iter` a
    count, `time_this_iter_s`, `time_total_s`, `total time (s)` timings: left out."""
    import numpy as np
    import ray
    from ray import tune

    def trainable(config: dict[str, Any]) -> None:
        """A logistic regression on synthetic data, a report after each of 3 gradient steps."""
        rng = np.random.default_rng(0)
        x = rng.normal(size=(200, 4))
        y = (x @ [1.0, -1.0, 0.5, 0.0] + rng.normal(scale=0.5, size=200) > 0).astype(float)
        w = np.zeros(4)
        for _ in range(3):
            w -= config["lr"] * x.T @ (1 / (1 + np.exp(-(x @ w))) - y) / len(y)
            p = 1 / (1 + np.exp(-(x @ w)))
            tune.report({"loss": float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))),
                         "acc": float(np.mean((p > 0.5) == y))})

    tmp = tempfile.mkdtemp()
    ray.init(num_cpus=1, include_dashboard=False)
    tuner = tune.Tuner(trainable,
                       param_space={"lr": tune.grid_search([0.01, 0.1, 1.0])},
                       tune_config=tune.TuneConfig(num_samples=1),
                       run_config=tune.RunConfig(storage_path=tmp, name="corpus"))
    results = tuner.fit()
    truth: Truth = []
    for result in sorted(results, key=lambda r: int(r.metrics["trial_id"].split("_")[-1])):
        last = result.metrics_dataframe.iloc[-1]
        number = int(result.metrics["trial_id"].split("_")[-1])
        for key in ("loss", "acc"):
            assert last[key] == result.metrics[key], (last, result.metrics)
            truth.append(point(key, last[key], number))
    ray.shutdown()
    import shutil

    shutil.rmtree(tmp)
    return truth


CASES["ray_tune"] = ray_tune
OWN_ENVIRONMENT["ray_tune"] = {"ray": "ray", "pandas": "pandas (ray_tune case)",
                               "numpy": "numpy (ray_tune case)"}


def sb3_dqn() -> Truth:
    """stable-baselines3 DQN on CartPole-v1, verbose=1 (runs in the corpus environment, as
    sb3_ppo): its boxed table every 4 episodes (`log_interval`), `rollout/` with
    `exploration_rate`, `time/` with `episodes`, and from the first update on `train/` with
    `learning_rate`, `loss`, `n_updates`. Truth: the same logger's CSV output (progress.csv),
    at `time/total_timesteps`, as sb3_ppo; `time/episodes` is a count, as PPO's
    `time/iterations`, and left out."""
    import csv

    import torch
    from stable_baselines3 import DQN
    from stable_baselines3.common.logger import configure

    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as tmp:
        model = DQN("MlpPolicy", "CartPole-v1", learning_starts=200, buffer_size=2000,
                    batch_size=32, train_freq=4, target_update_interval=100,
                    exploration_fraction=0.5, seed=0, verbose=1, device="cpu")
        model.set_logger(configure(tmp, ["stdout", "csv"]))
        model.learn(total_timesteps=1500)
        with open(os.path.join(tmp, "progress.csv")) as f:
            rows = list(csv.DictReader(f))
    return [point(key, float(value), int(row["time/total_timesteps"]))
            for row in rows for key, value in row.items()
            if value != "" and key not in ("time/total_timesteps", "time/episodes")]


CASES["sb3_dqn"] = sb3_dqn


# --- running a case as a child, through a pipe and through a terminal -------------------------

# Cases whose child runs on another environment's Python, named by an environment variable:
# timm needs a torchvision, which the environment of the other cases must not have.
OWN_PYTHON = {"timm_train": "TIMM_PYTHON"}


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
    python = os.environ.get(OWN_PYTHON.get(case, ""), sys.executable)
    prefix = subprocess.run([python, "-c", "import sys; print(sys.prefix, end='')"],
                            capture_output=True, check=True).stdout
    truths = {}
    for mode, runner in (("pipe", run_pipe), ("pty", run_pty)):
        with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
            data = runner([python, os.path.abspath(__file__), "--child", case, tmp.name], env)
            with open(tmp.name) as f:
                truths[mode] = json.load(f)
        with open(os.path.join(HERE, f"{case}.{mode}.log"), "wb") as f:
            f.write(neutral_paths(data.replace(prefix, PREFIX)))
    check(case, truths["pipe"], truths["pty"])
    # One truth for both captures when the runs agree; else each capture has its run's own.
    names = {"": truths["pipe"]} if truths["pipe"] == truths["pty"] else {
        f".{mode}": truth for mode, truth in truths.items()}
    for suffix in ("", ".pipe", ".pty"):
        path = os.path.join(HERE, f"{case}{suffix}.truth.json")
        if suffix not in names and os.path.exists(path):
            os.remove(path)
    for suffix, truth in names.items():
        with open(os.path.join(HERE, f"{case}{suffix}.truth.json"), "w") as f:
            f.write("[\n" + ",\n".join(json.dumps(p) for p in truth) + "\n]\n")
    print(f"{case}: {', '.join(f'{len(t)} points{s}' for s, t in names.items())}")


# Cases whose values differ from run to run in their last bits (micrograd sums each node's
# gradient in the order of a set of nodes, which follows their addresses): each capture has
# its own run's truth.
LAST_BITS: set[str] = set()
# Cases whose line on a terminal names some values otherwise than through a pipe (dynesty
# shortens its status line to fit the terminal: `logl*` for `loglstar`, and no iteration):
# the terminal's name of each, and the pipe's. Each capture has its own run's truth, with the
# names and steps it printed; the runs must agree on the values.
NAMES_BY_MODE: dict[str, dict[str, str]] = {}


def check(case: str, pipe: Truth, term: Truth) -> None:
    """The two runs must record the same points; only timings (`train_runtime`,
    `*_per_second`, nanoGPT's `time`, sb3's `time/fps`) may differ in value from run to run."""
    if case in NAMES_BY_MODE:
        renamed = NAMES_BY_MODE[case]
        pipe = [dict(p, step=None) for p in pipe]
        term = [dict(p, key=renamed.get(p["key"], p["key"]), step=None) for p in term]
    if [(p["key"], p["step"]) for p in pipe] != [(p["key"], p["step"]) for p in term]:
        raise SystemExit(f"{case}: the pipe and terminal runs disagree on the truth's points")
    for a, b in zip(pipe, term):
        if a != b and not TIMING.search(a["key"]) and case not in RUN_TO_RUN and not (
                case in LAST_BITS and abs(a["value"] - b["value"]) <= 1e-9 * abs(a["value"])):
            raise SystemExit(f"{case}: the runs disagree on {a} and {b}")


def versions(case: str | None) -> None:
    """VERSIONS.md: the version of each package here; a package not installed here (a run of
    some cases in a smaller environment) keeps the row it had. A case of OWN_ENVIRONMENT,
    run alone, writes only its environment's rows, under their names there, and its
    checkout's."""
    from importlib.metadata import PackageNotFoundError, version

    own = OWN_ENVIRONMENT.get(case or "", {})
    names = own or {name: name for name in [
        "scikit-learn", "xgboost", "lightgbm", "keras", "transformers", "accelerate", "lightning",
        "rich", "tqdm", "torch", "numpy", "fastai", "fastprogress", "spacy", "stable-baselines3",
        "gymnasium", "catboost", "mmengine", "pytorch-ignite", "datasets", "evaluate",
        "timm", "torchvision", "optuna", "skorch", "pytorch-tabnet", "torch-geometric"]}
    if not own:
        names.update(REPOSITORY_PACKAGES)
    path = os.path.join(HERE, "VERSIONS.md")
    rows: dict[str, str] = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
                if len(cells) == 2 and cells[0] not in ("package", "---"):
                    rows[cells[0]] = cells[1]
    for name, row in names.items():
        try:
            rows[row] = version(name)
        except PackageNotFoundError:
            pass
    checkouts = {"VISION_REFERENCES": ("pytorch/vision references", "VISION_COMMIT"),
                 "TRANSFORMERS_EXAMPLES": ("huggingface/transformers examples",
                                           "TRANSFORMERS_COMMIT"),
                 "EVALUATE_METRICS": ("huggingface/evaluate metrics", "EVALUATE_COMMIT"),
                 "TIMM_TRAIN": ("pytorch-image-models train.py", "TIMM_COMMIT"),
                 "PYTORCH_EXAMPLES": ("pytorch/examples imagenet/main.py",
                                      "PYTORCH_EXAMPLES_COMMIT")}
    checkouts.update(REPOSITORY_CHECKOUTS)
    for variable, (row, commit) in checkouts.items():
        if os.environ.get(variable) and (OWN_CHECKOUT.get(case or "") == variable
                                         if own else variable not in OWN_CHECKOUT.values()):
            rows[CHECKOUT_ROW.get(case or "", row)] = os.environ.get(commit, "(checkout)")
    made = f"Made by `make_corpus.py` with Python {sys.version.split()[0]} on {sys.platform}, CPU."
    lines = ["# Where the corpus came from", "", made, "", "| package | version |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in rows.items()]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


# --- JAX/Flax, Hydra, TRL, PaddlePaddle -------------------------------------------------------
# Each runs alone, in an environment of its own (JAX and PaddlePaddle need no torch; TRL and
# PEFT pin their own transformers):
#
#     python -m venv ~/jax-venv && ~/jax-venv/bin/pip install jax flax optax
#     git clone https://github.com/google/flax ~/flax      # examples/mnist/train.py
#     export FLAX_EXAMPLES=~/flax/examples FLAX_COMMIT=$(git -C ~/flax rev-parse HEAD)
#     ~/jax-venv/bin/python tests/corpus/make_corpus.py flax_mnist


def flax_mnist() -> Truth:
    """The Flax MNIST example, google/flax `examples/mnist/train.py` (the file named by
    `FLAX_EXAMPLES`, `mnist/train.py`; commit in VERSIONS.md): it imports tensorflow and
    tensorflow_datasets (MNIST is downloaded through them) and exports the model with orbax at
    the end, so it is not imported: its `CNN`, `loss_fn`, `train_step`, `eval_step` and the loop
    of `train_and_evaluate` with its `logging.info` are copied as they are, run by absl's
    `app.run` as its `main.py` runs it (with its two `JAX process` / `JAX local devices` lines),
    on synthetic 28x28 images of 10 classes (512 to train in batches of 32, 128 to test) instead
    of MNIST, 3 epochs, the default config's SGD (0.1, momentum 0.9); the TensorBoard writer and
    the export are left out. absl prints its prefix (`I1202 03:11:33.001979 140447014632320
    make_corpus.py:<line>] `), then `epoch:  1, train_loss: 2.4372, train_accuracy: 15.82,
    test_loss: 2.2464, test_accuracy: 17.97`. Truth: `train_metrics['loss']`,
    `train_metrics['accuracy'] * 100`, `eval_metrics['loss']`, `eval_metrics['accuracy'] *
    100` (the values the call formats), read from `train_and_evaluate`'s frame by a logging
    handler as the line is logged, keyed as printed, at `epoch` (from 1)."""
    import logging as std_logging
    from functools import partial

    import jax
    import numpy as np
    import optax
    from absl import app, logging
    from flax import nnx

    folder = os.environ.get("FLAX_EXAMPLES")
    if not folder or not os.path.exists(os.path.join(folder, "mnist", "train.py")):
        raise SystemExit("set FLAX_EXAMPLES to a google/flax checkout's examples folder")
    with open(os.path.join(folder, "mnist", "train.py")) as f:
        source = f.read()
    for copied in ("'epoch:% 3d, train_loss: %.4f, train_accuracy: %.2f, test_loss: %.4f,'",
                   "train_metrics['accuracy'] * 100,", "eval_metrics = metrics.compute()",
                   "optimizer.update(model, grads)  # In-place updates."):
        if copied not in source:  # the statements below are the checkout's
            raise SystemExit(f"flax_mnist: the checkout's train.py has no {copied}")
    truth: Truth = []

    class CNN(nnx.Module):
      """A simple CNN model."""

      def __init__(self, rngs: nnx.Rngs):
        self.conv1 = nnx.Conv(1, 32, kernel_size=(3, 3), rngs=rngs)
        self.batch_norm1 = nnx.BatchNorm(32, rngs=rngs)
        self.dropout1 = nnx.Dropout(rate=0.025)
        self.conv2 = nnx.Conv(32, 64, kernel_size=(3, 3), rngs=rngs)
        self.batch_norm2 = nnx.BatchNorm(64, rngs=rngs)
        self.avg_pool = partial(nnx.avg_pool, window_shape=(2, 2), strides=(2, 2))
        self.linear1 = nnx.Linear(3136, 256, rngs=rngs)
        self.dropout2 = nnx.Dropout(rate=0.025)
        self.linear2 = nnx.Linear(256, 10, rngs=rngs)

      def __call__(self, x, rngs: nnx.Rngs):
        x = self.avg_pool(nnx.relu(self.batch_norm1(self.dropout1(self.conv1(x), rngs=rngs))))
        x = self.avg_pool(nnx.relu(self.batch_norm2(self.conv2(x))))
        x = x.reshape(x.shape[0], -1)  # flatten
        x = nnx.relu(self.dropout2(self.linear1(x), rngs=rngs))
        x = self.linear2(x)
        return x

    def loss_fn(model: CNN, batch, rngs):
      logits = model(batch['image'], rngs)
      loss = optax.softmax_cross_entropy_with_integer_labels(
        logits=logits, labels=batch['label']
      ).mean()
      return loss, logits

    @nnx.jit
    def train_step(model: CNN, optimizer: nnx.Optimizer, metrics: nnx.MultiMetric, batch, rngs):
      """Train for a single step."""
      grad_fn = nnx.value_and_grad(loss_fn, has_aux=True)
      (loss, logits), grads = grad_fn(model, batch, rngs)
      metrics.update(loss=loss, logits=logits, labels=batch['label'])  # In-place updates.
      optimizer.update(model, grads)  # In-place updates.

    @nnx.jit
    def eval_step(model: CNN, metrics: nnx.MultiMetric, batch):
      loss, logits = loss_fn(model, batch, None)
      metrics.update(loss=loss, logits=logits, labels=batch['label'])  # In-place updates.

    class Batches:
        """A split of synthetic 28x28x1 images in batches, as `tf.data`'s `batch(32,
        drop_remainder=True)`, shuffled each pass for training as `train_ds.shuffle` does."""

        def __init__(self, n: int, seed: int, shuffle: bool) -> None:
            means = 0.3 * np.random.default_rng(0).normal(size=(10, 28, 28, 1))
            self.rng = np.random.default_rng(seed)
            self.labels = np.arange(n) % 10
            self.images = (means[self.labels]
                           + self.rng.normal(size=(n, 28, 28, 1))).astype(np.float32)
            self.shuffle = shuffle

        def as_numpy_iterator(self) -> Any:
            order = self.rng.permutation(len(self.labels)) if self.shuffle else np.arange(
                len(self.labels))
            for start in range(0, len(order) - 31, 32):
                index = order[start:start + 32]
                yield {'image': self.images[index], 'label': self.labels[index]}

    def train_and_evaluate(config: dict[str, Any], workdir: str) -> None:
      train_ds, test_ds = Batches(512, 1, True), Batches(128, 2, False)

      # Instantiate the model.
      model = CNN(rngs=nnx.Rngs(0))

      learning_rate = config['learning_rate']
      momentum = config['momentum']

      optimizer = nnx.Optimizer(
          model, optax.sgd(learning_rate, momentum), wrt=nnx.Param
      )
      metrics = nnx.MultiMetric(
          accuracy=nnx.metrics.Accuracy(),
          loss=nnx.metrics.Average('loss'),
      )
      rngs = nnx.Rngs(0)

      for epoch in range(1, config['num_epochs'] + 1):
        model.train()  # Switch to train mode

        for batch in train_ds.as_numpy_iterator():
          train_step(model, optimizer, metrics, batch, rngs)
        #  Compute the training metrics.
        train_metrics = metrics.compute()
        metrics.reset()  # Reset the metrics for the test set.

        # Compute the metrics on the test set after each training epoch.
        model.eval()  # Switch to eval mode
        for batch in test_ds.as_numpy_iterator():
          eval_step(model, metrics, batch)

        # Compute the eval metrics.
        eval_metrics = metrics.compute()
        metrics.reset()  # Reset the metrics for the next training epoch.

        logging.info(  # pylint: disable=logging-not-lazy
            'epoch:% 3d, train_loss: %.4f, train_accuracy: %.2f, test_loss: %.4f,'  # noqa: UP031 (the example's)
            ' test_accuracy: %.2f'
            % (
                epoch,
                train_metrics['loss'],
                train_metrics['accuracy'] * 100,
                eval_metrics['loss'],
                eval_metrics['accuracy'] * 100,
            )
        )

    class Record(std_logging.Handler):
        """The values `train_and_evaluate` formats into its epoch line, read from its frame."""

        def emit(self, record: std_logging.LogRecord) -> None:
            frame = sys._getframe()
            while frame is not None and frame.f_code.co_name != "train_and_evaluate":
                frame = frame.f_back
            if frame is None:
                return
            epoch, train, test = (frame.f_locals[name] for name in (
                "epoch", "train_metrics", "eval_metrics"))
            truth.extend([point("train_loss", train["loss"], epoch),
                          point("train_accuracy", train["accuracy"] * 100, epoch),
                          point("test_loss", test["loss"], epoch),
                          point("test_accuracy", test["accuracy"] * 100, epoch)])

    logging.get_absl_logger().addHandler(Record())

    def main(argv: list[str]) -> None:
      if len(argv) > 1:
        raise app.UsageError('Too many command-line arguments.')

      logging.info('JAX process: %d / %d', jax.process_index(), jax.process_count())
      logging.info('JAX local devices: %r', jax.local_devices())

      # The default config (configs/default.py) but for the number of epochs.
      train_and_evaluate({'learning_rate': 0.1, 'momentum': 0.9, 'batch_size': 32,
                          'num_epochs': 3}, tempfile.mkdtemp())

    try:
        app.run(main, argv=["main.py"])
    except SystemExit as e:  # app.run ends the program with main's return
        if e.code not in (None, 0):
            raise
    if len(truth) != 12:
        raise SystemExit(f"flax_mnist: {len(truth) // 4} epoch lines recorded, not 3")
    return truth


# Hydra: runs alone, in an environment with hydra-core beside the CPU wheel of torch:
#
#     python -m venv ~/hydra-venv && ~/hydra-venv/bin/pip install torch==2.13.0
#     ~/hydra-venv/bin/pip install torch==2.13.0 hydra-core hydra-colorlog
#     ~/hydra-venv/bin/python tests/corpus/make_corpus.py hydra_logging    # and hydra_colorlog


def _hydra(overrides: list[str]) -> Truth:
    """A plain PyTorch loop in a `@hydra.main` script, logging through Python's `logging` as
    Hydra configures it (its default `job_logging`: `[%(asctime)s][%(name)s][%(levelname)s] -
    %(message)s` to the console and to `<job>.log`), as Hydra's logging tutorial
    (`log = logging.getLogger(__name__)`, `log.info(...)`) and the lightning-hydra-template's
    `RankedLogger` lines do (`Instantiating model <...>`), after the tutorial's
    `print(OmegaConf.to_yaml(cfg))` of its config (settings: `lr: 0.1`, `epochs: 3`). The tiny
    10-class network on synthetic data, 3 epochs of 25 batches: `[2026-12-02 03:07:40,608][
    __main__][INFO] - step 5/75: loss=2.3146 lr=0.1` every 5 steps and `[...] - epoch 1:
    train_loss=2.0661 train_acc=0.2450 val_loss=1.6165 val_acc=0.4350` after each. Truth: the
    loop's own values (the dict it logs), at the global step for the step lines and at the
    epoch (from 1) for the epoch lines."""
    import logging
    import shutil

    import hydra
    import torch
    from omegaconf import DictConfig, OmegaConf

    torch.manual_seed(0)
    torch.set_num_threads(1)
    truth: Truth = []
    x, y = _classes(1000, (20,), seed=0, spread=0.4)
    x_val, y_val = x[800:], y[800:]
    x, y = x[:800], y[:800]
    log = logging.getLogger("__main__")  # a script's `logging.getLogger(__name__)`

    yaml = ("model:\n  _target_: torch.nn.Sequential\n  hidden: 32\n"
            "optimizer:\n  lr: 0.1\n  momentum: 0.9\ntrainer:\n  epochs: 3\n  batch_size: 32\n"
            "  log_every_n_steps: 5\nseed: 0\n")
    config_dir = tempfile.mkdtemp()
    with open(os.path.join(config_dir, "train.yaml"), "w") as f:
        f.write(yaml)

    @hydra.main(version_base="1.3", config_path=config_dir, config_name="train")
    def main(cfg: DictConfig) -> None:
        print(OmegaConf.to_yaml(cfg))
        log.info(f"Instantiating model <{cfg.model._target_}>")
        model = torch.nn.Sequential(torch.nn.Linear(20, cfg.model.hidden), torch.nn.ReLU(),
                                    torch.nn.Linear(cfg.model.hidden, 10))
        log.info("Instantiating optimizer <torch.optim.SGD>")
        optimizer = torch.optim.SGD(model.parameters(), lr=cfg.optimizer.lr,
                                    momentum=cfg.optimizer.momentum)
        loss_fn = torch.nn.CrossEntropyLoss()
        per_epoch = len(x) // cfg.trainer.batch_size
        total = per_epoch * cfg.trainer.epochs
        log.info("Starting training!")
        step = 0
        for epoch in range(1, cfg.trainer.epochs + 1):
            model.train()
            losses, correct = [], 0
            for i in range(per_epoch):
                xb = x[i * cfg.trainer.batch_size:(i + 1) * cfg.trainer.batch_size]
                yb = y[i * cfg.trainer.batch_size:(i + 1) * cfg.trainer.batch_size]
                out = model(xb)
                loss = loss_fn(out, yb)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                step += 1
                losses.append(loss.item())
                correct += int((out.argmax(1) == yb).sum())
                if step % cfg.trainer.log_every_n_steps == 0:
                    logged = {"loss": loss.item(), "lr": optimizer.param_groups[0]["lr"]}
                    log.info(f"step {step}/{total}: loss={logged['loss']:.4f} "
                             f"lr={logged['lr']}")
                    truth.extend(point(k, v, step) for k, v in logged.items())
            model.eval()
            with torch.no_grad():
                out = model(x_val)
                logged = {"train_loss": sum(losses) / len(losses),
                          "train_acc": correct / (per_epoch * cfg.trainer.batch_size),
                          "val_loss": loss_fn(out, y_val).item(),
                          "val_acc": (out.argmax(1) == y_val).float().mean().item()}
            log.info(f"epoch {epoch}: " + " ".join(f"{k}={v:.4f}" for k, v in logged.items()))
            truth.extend(point(k, v, epoch) for k, v in logged.items())
        log.info("Training finished.")

    cwd = os.getcwd()
    run_dir = tempfile.mkdtemp()
    os.chdir(run_dir)  # Hydra writes its outputs/ folder (the log file, the config) here
    argv = sys.argv
    sys.argv = ["train.py", *overrides]
    try:
        main()
    finally:
        sys.argv = argv
        os.chdir(cwd)
        shutil.rmtree(run_dir)
        shutil.rmtree(config_dir)
    return truth


def hydra_logging() -> Truth:
    return _hydra([])


def hydra_colorlog() -> Truth:
    """The same script with the lightning-hydra-template's logging (its
    `configs/hydra/default.yaml`: `override hydra_logging: colorlog`, `override job_logging:
    colorlog`, from the hydra-colorlog plugin), given as the same overrides on the command
    line: `[%(cyan)s%(asctime)s%(reset)s][%(blue)s%(name)s%(reset)s][%(log_color)s%(levelname)s
    %(reset)s] - %(message)s` on the console (colorlog colours it through a pipe as well)."""
    return _hydra(["hydra/hydra_logging=colorlog", "hydra/job_logging=colorlog"])


# TRL and PEFT: run alone, in an environment of their own (TRL pins its transformers and
# datasets; the CPU wheel of torch first):
#
#     python -m venv ~/trl-venv && ~/trl-venv/bin/pip install torch==2.13.0
#     ~/trl-venv/bin/pip install torch==2.13.0 trl peft
#     ~/trl-venv/bin/python tests/corpus/make_corpus.py trl_sft        # and trl_sft_lora


_TRL_WORDS = ["the", "model", "learns", "a", "small", "text", "of", "words", "and", "numbers",
              "one", "two", "three", "four", "five", "six", "red", "green", "blue", "cat"]


def _word_gpt2() -> tuple[Any, Any]:
    """The TRL cases' tiny GPT-2 from a config and its word-level tokenizer over _TRL_WORDS,
    made from the words themselves (nothing downloaded)."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    vocab = {name: i for i, name in enumerate(["<pad>", "<unk>", "<eos>", *_TRL_WORDS])}
    backend = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=backend, pad_token="<pad>",
                                        unk_token="<unk>", eos_token="<eos>")
    config = GPT2Config(vocab_size=len(vocab), n_positions=32, n_embd=32, n_layer=2, n_head=2,
                        bos_token_id=2, eos_token_id=2, pad_token_id=0)
    return tokenizer, GPT2LMHeadModel(config)


def _log_history(trainer: Any) -> Truth:
    """A TRL trainer's `state.log_history`, each entry at its `step`; `total_flos` is not
    printed, and the token counts (`num_tokens`, `eval_num_tokens`) are left out."""
    return [point(key, value, entry["step"])
            for entry in trainer.state.log_history for key, value in entry.items()
            if key not in ("step", "total_flos", "num_tokens", "eval_num_tokens")
            and isinstance(value, (int, float))]


def _trl_sft(lora: bool) -> Truth:
    """TRL's `SFTTrainer` on a tiny GPT-2 built from a config, with a word-level tokenizer
    made from the synthetic texts themselves (nothing downloaded): 48 short synthetic texts to
    train on, 8 to evaluate, `max_steps=10`, `logging_steps=2`, an evaluation every 5 steps,
    CPU; with `lora`, a PEFT `LoraConfig(r=4)` on GPT-2's `c_attn`. It prints the Trainer's
    dicts with TRL's own keys (`{'loss': '2.866', 'grad_norm': '1.636', 'learning_rate':
    '0.00045', 'entropy': '3.126', 'mean_token_accuracy': '0.05013', 'num_tokens': '88',
    'epoch': '0.1667'}`) between the redraws of its tqdm bars. Truth: `trainer.state.log_history`,
    each entry at its `step` (the global step), the timings too (`train_runtime`,
    `*_per_second`: a truth per capture), as hf_trainer's; `total_flos` is not printed, and
    `num_tokens` and `eval_num_tokens` (the tokens seen so far, counts) are left out."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import random

    import torch
    from datasets import Dataset
    from transformers import set_seed
    from trl import SFTConfig, SFTTrainer

    set_seed(0)
    torch.set_num_threads(1)
    rng = random.Random(0)
    texts = [" ".join(rng.choice(_TRL_WORDS) for _ in range(rng.randint(6, 14)))
             for _ in range(56)]
    tokenizer, model = _word_gpt2()
    peft_config = None
    if lora:
        from peft import LoraConfig

        peft_config = LoraConfig(r=4, lora_alpha=8, target_modules=["c_attn"],
                                 task_type="CAUSAL_LM", fan_in_fan_out=True)
    with tempfile.TemporaryDirectory() as out:
        args = SFTConfig(output_dir=out, max_steps=10, logging_steps=2, eval_strategy="steps",
                         eval_steps=5, per_device_train_batch_size=4,
                         per_device_eval_batch_size=4, learning_rate=1e-3 if lora else 5e-4,
                         max_length=32, save_strategy="no", report_to=[], use_cpu=True,
                         seed=0, dataloader_num_workers=0)
        trainer = SFTTrainer(model=model, args=args, processing_class=tokenizer,
                             train_dataset=Dataset.from_dict({"text": texts[:48]}),
                             eval_dataset=Dataset.from_dict({"text": texts[48:]}),
                             peft_config=peft_config)
        trainer.train()
    return _log_history(trainer)


def trl_dpo() -> Truth:
    """TRL's `DPOTrainer` on the same tiny GPT-2 and word-level tokenizer as trl_sft (the
    reference model a copy TRL makes of it), 48 synthetic preference pairs to train on (a
    prompt of words, a chosen and a rejected completion) and 8 to evaluate, `max_steps=10`,
    `logging_steps=2`, an evaluation every 5 steps, CPU. Its dicts carry DPO's own keys with
    slashes (`'rewards/chosen'`, `'rewards/rejected'`, `'rewards/accuracies'`,
    `'rewards/margins'`, `'logps/chosen'`, `'logits/chosen'`, ..., `eval_`-prefixed at
    evaluation). Truth: `trainer.state.log_history` at its `step`, as trl_sft's; the token
    counts (`num_tokens`, `eval_num_tokens`) left out."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import copy
    import random

    import torch
    from datasets import Dataset
    from transformers import set_seed
    from trl import DPOConfig, DPOTrainer

    set_seed(0)
    torch.set_num_threads(1)
    rng = random.Random(0)

    def phrase(low: int, high: int) -> str:
        return " ".join(rng.choice(_TRL_WORDS) for _ in range(rng.randint(low, high)))

    pairs = [{"prompt": phrase(3, 6), "chosen": " " + phrase(3, 6),
              "rejected": " " + phrase(3, 6)} for _ in range(56)]
    tokenizer, model = _word_gpt2()
    with tempfile.TemporaryDirectory() as out:
        args = DPOConfig(output_dir=out, max_steps=10, logging_steps=2, eval_strategy="steps",
                         eval_steps=5, per_device_train_batch_size=4,
                         per_device_eval_batch_size=4, learning_rate=5e-4, max_length=32,
                         save_strategy="no", report_to=[], use_cpu=True, seed=0,
                         dataloader_num_workers=0)
        trainer = DPOTrainer(model=model, ref_model=copy.deepcopy(model), args=args,
                             processing_class=tokenizer, train_dataset=Dataset.from_list(pairs[:48]),
                             eval_dataset=Dataset.from_list(pairs[48:]))
        trainer.train()
    return _log_history(trainer)


def trl_sft() -> Truth:
    return _trl_sft(lora=False)


def trl_sft_lora() -> Truth:
    return _trl_sft(lora=True)


# PaddlePaddle: runs alone, in an environment of its own (its CPU wheel; no torch):
#
#     python -m venv ~/paddle-venv && ~/paddle-venv/bin/pip install paddlepaddle
#     ~/paddle-venv/bin/python tests/corpus/make_corpus.py paddle_fit_v1    # and paddle_fit_v2


def _paddle_fit(verbose: int) -> Truth:
    """PaddlePaddle's high-level API, `paddle.Model(network).fit(train, eval_data=test,
    epochs=2, batch_size=32, log_freq=5, verbose=...)` of a small classifier (20 inputs, 10
    classes; `prepare(Adam, CrossEntropyLoss, Accuracy)`) on synthetic data (640 samples to
    train, 20 steps an epoch; 128 to evaluate, 4 steps), CPU. Its `ProgBarLogger` prints
    `Epoch 1/2`, then every 5 steps and at the epoch's end `step  5/20 - loss: 2.2999 - acc:
    0.1625 - 22ms/step` (verbose=2, a line each; verbose=1, a bar redrawn in place), then
    `Eval begin...`, the evaluation's `step 4/4 - loss: ... - acc: ...` and `Eval samples:
    128`. Truth: a `paddle.callbacks.Callback` keeping the `logs` the model gives its callbacks,
    at the steps `ProgBarLogger` prints (its own rule: every `log_freq`-th step before the
    last, and the last at the epoch's end): `loss` (a one-value list: the step's loss) and
    `acc` (the running accuracy) at the printed step made global, `epoch * 20 + step` (from
    1); the evaluation's `loss` and `acc` from `on_eval_end`, keyed as printed, no step (its
    `step 4/4` counts evaluation batches, not training steps)."""
    import numpy as np
    import paddle

    paddle.seed(0)
    rng = np.random.default_rng(0)
    means = 0.4 * np.random.default_rng(1).normal(size=(10, 20))
    labels = np.arange(768) % 10
    rng.shuffle(labels)
    features = (means[labels] + rng.normal(size=(768, 20))).astype("float32")

    class Data(paddle.io.Dataset):  # type: ignore[misc]
        def __init__(self, start: int, stop: int) -> None:
            self.x, self.y = features[start:stop], labels[start:stop].astype("int64")

        def __getitem__(self, i: int) -> tuple[Any, Any]:
            return self.x[i], self.y[i:i + 1]

        def __len__(self) -> int:
            return len(self.y)

    truth: Truth = []

    class Record(paddle.callbacks.Callback):  # type: ignore[misc]
        """The logs the model hands its callbacks, where ProgBarLogger prints them."""

        def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
            self.epoch, self.steps = epoch, self.params["steps"]

        def keep(self, logs: dict[str, Any], step: int | None) -> None:
            for key in ("loss", "acc"):
                value = logs[key]
                truth.append(point(key, value[0] if isinstance(value, list) else value, step))

        def on_train_batch_end(self, step: int, logs: dict[str, Any] | None = None) -> None:
            if (step + 1) % 5 == 0 and step + 1 < self.steps:
                self.keep(logs or {}, self.epoch * self.steps + step + 1)

        def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
            self.keep(logs or {}, (epoch + 1) * self.steps)

        def on_eval_end(self, logs: dict[str, Any] | None = None) -> None:
            self.keep(logs or {}, None)

    network = paddle.nn.Sequential(paddle.nn.Linear(20, 32), paddle.nn.ReLU(),
                                   paddle.nn.Linear(32, 10))
    model = paddle.Model(network)
    model.prepare(paddle.optimizer.Adam(learning_rate=0.01, parameters=model.parameters()),
                  paddle.nn.CrossEntropyLoss(), paddle.metric.Accuracy())
    model.fit(Data(0, 640), eval_data=Data(640, 768), epochs=2, batch_size=32, log_freq=5,
              verbose=verbose, shuffle=False, callbacks=[Record()])
    return truth


def paddle_fit_v1() -> Truth:
    return _paddle_fit(verbose=1)


def paddle_fit_v2() -> Truth:
    return _paddle_fit(verbose=2)


# flax_seq2seq runs the checkout's own script; its writer (clu's `create_default_writer`)
# writes TensorBoard summaries through tensorflow, so its environment holds tensorflow-cpu too:
#
#     python -m venv ~/clu-venv
#     ~/clu-venv/bin/pip install jax flax optax clu ml_collections tensorflow-cpu
#     ~/clu-venv/bin/python tests/corpus/make_corpus.py flax_seq2seq   # FLAX_EXAMPLES as above


def flax_seq2seq() -> Truth:
    """The Flax seq2seq example (google/flax `examples/seq2seq/train.py`, from the checkout
    named by `FLAX_EXAMPLES`, run as it is: `python train.py --workdir=... --num_train_steps=101
    --decode_frequency=20 --hidden_size=32 --batch_size=32`), an LSTM learning to add numbers on
    the additions its own input pipeline draws (Python's `random`, seeded here), CPU. Every 20
    steps its clu writer (`metric_writers.create_default_writer`: a `LoggingWriter` beside the
    TensorBoard one, run asynchronously) logs the step's metrics through absl, `I1202 ...
    logging_writer.py:64] [20] accuracy=0.0, loss=1.1563...`, and the script decodes 5
    additions, `DECODE: 37+581 = 618 (CORRECT)` or `DECODE: 9+22 = 41 (INCORRECT)
    correct=31`. Truth: the scalars `LoggingWriter.write_scalars` is given, read from its frame
    by a logging handler as the line is logged, keyed as printed, at its `step` (the `[20]`).
    The decoded additions (`correct=31` is the right answer, not a measure) are left out."""
    import logging as std_logging
    import random
    import runpy

    from absl import logging

    # tensorboard's hparams plugin loads Keras through tensorflow: its own backend, not torch.
    os.environ["KERAS_BACKEND"] = "tensorflow"
    folder = os.environ.get("FLAX_EXAMPLES")
    if not folder or not os.path.exists(os.path.join(folder, "seq2seq", "train.py")):
        raise SystemExit("set FLAX_EXAMPLES to a google/flax checkout's examples folder")
    path = os.path.join(folder, "seq2seq")
    truth: Truth = []

    class Record(std_logging.Handler):
        """What `LoggingWriter.write_scalars` logs, read from its own frame."""

        def emit(self, record: std_logging.LogRecord) -> None:
            frame = sys._getframe()
            while frame is not None and frame.f_code.co_name != "write_scalars":
                frame = frame.f_back
            if frame is not None and "logging_writer" in frame.f_code.co_filename:
                step, scalars = frame.f_locals["step"], frame.f_locals["scalars"]
                truth.extend(point(key, float(value), step)
                             for key, value in sorted(scalars.items()))

    logging.get_absl_logger().addHandler(Record())
    random.seed(0)
    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    sys.path.insert(0, path)
    argv = sys.argv
    sys.argv = ["train.py", f"--workdir={tmp}", "--num_train_steps=101",
                "--decode_frequency=20", "--hidden_size=32", "--batch_size=32"]
    try:
        runpy.run_path(os.path.join(path, "train.py"), run_name="__main__")
    except SystemExit as e:  # app.run ends the program with main's return
        if e.code not in (None, 0):
            raise
    finally:
        sys.argv = argv
        sys.path.remove(path)
        os.chdir(cwd)
    # The writer writes from a thread pool that the script never closes; Python drains such
    # pools when it exits. Drain them now, as exiting would, so that every line is in the truth.
    import concurrent.futures.thread
    import shutil

    concurrent.futures.thread._python_exit()
    shutil.rmtree(tmp)
    if [p["step"] for p in truth] != [s for s in (20, 40, 60, 80, 100) for _ in range(2)]:
        raise SystemExit(f"flax_seq2seq: the writer logged {truth}")
    return truth


CASES.update({"flax_mnist": flax_mnist, "hydra_logging": hydra_logging,
              "hydra_colorlog": hydra_colorlog})
OWN_ENVIRONMENT.update({
    "flax_mnist": {"jax": "jax", "flax": "flax", "optax": "optax", "absl-py": "absl-py",
                   "numpy": "numpy (flax_mnist case)"},
    "hydra_logging": {"hydra-core": "hydra-core", "omegaconf": "omegaconf"},
    "hydra_colorlog": {"hydra-core": "hydra-core", "omegaconf": "omegaconf",
                       "hydra-colorlog": "hydra-colorlog", "colorlog": "colorlog"}})
CASES.update({"trl_sft": trl_sft, "trl_sft_lora": trl_sft_lora, "trl_dpo": trl_dpo})
OWN_ENVIRONMENT.update(dict.fromkeys(["trl_sft", "trl_sft_lora", "trl_dpo"], {
    "trl": "trl", "peft": "peft", "transformers": "transformers (trl cases)",
    "datasets": "datasets (trl cases)", "tokenizers": "tokenizers (trl cases)"}))
CASES.update({"paddle_fit_v1": paddle_fit_v1, "paddle_fit_v2": paddle_fit_v2})
OWN_ENVIRONMENT.update(dict.fromkeys(["paddle_fit_v1", "paddle_fit_v2"], {
    "paddlepaddle": "paddlepaddle", "numpy": "numpy (paddle cases)"}))
CASES.update({"flax_seq2seq": flax_seq2seq})
OWN_ENVIRONMENT.update({"flax_seq2seq": {
    "jax": "jax (flax_seq2seq case)", "flax": "flax (flax_seq2seq case)",
    "optax": "optax (flax_seq2seq case)", "clu": "clu", "tensorflow-cpu": "tensorflow-cpu",
    "absl-py": "absl-py (flax_seq2seq case)"}})
OWN_CHECKOUT.update({"flax_mnist": "FLAX_EXAMPLES", "flax_seq2seq": "FLAX_EXAMPLES"})
CHECKOUT_ROW.update({"flax_seq2seq": "google/flax examples/seq2seq"})
REPOSITORY_CHECKOUTS["FLAX_EXAMPLES"] = ("google/flax", "FLAX_COMMIT")
CHECKOUT_ROW.update({"flax_mnist": "google/flax examples/mnist/train.py (copied statements)"})


# --- GPyTorch, Pyro, NumPyro, Hyperopt, scikit-optimize -----------------------------------------
# Each runs alone, in one environment of their own (the CPU wheel of torch first; NumPyro's JAX
# runs on the CPU):
#
#     python -m venv ~/bayes-venv && ~/bayes-venv/bin/pip install torch==2.13.0
#     ~/bayes-venv/bin/pip install torch==2.13.0 gpytorch pyro-ppl numpyro jax hyperopt \
#         scikit-optimize
#     ~/bayes-venv/bin/python tests/corpus/make_corpus.py gpytorch_exact_gp   # and the others
#
# gpytorch_exact_gp and pyro_svi copy their tutorials' statements (GPyTorch's and Pyro's
# notebooks at the commits in VERSIONS.md) and need no checkout.


def gpytorch_exact_gp() -> Truth:
    """GPyTorch's "GPyTorch Regression Tutorial", cornellius-gp/gpytorch
    `examples/01_Exact_GPs/Simple_GP_Regression.ipynb`: its code cells copied as they are (but
    the plots and the notebook's magics), its data (100 points of `sin(2 pi x)` and noise, drawn
    after `torch.manual_seed(0)`: the notebook draws them unseeded), its `ExactGPModel`, Adam
    at 0.1 and the loop of 50 iterations (`training_iter`, 2 when `CI` is set: the case sets it
    to 50), which prints `Iter 1/50 - Loss: 0.950   lengthscale: 0.693   noise: 0.693` before
    each step. Truth: the loop's own values as it prints them, `loss.item()`, the kernel's
    `lengthscale.item()` and the likelihood's `noise.item()`, as `Loss`, `lengthscale` and
    `noise` at the iteration printed (`i + 1`)."""
    import math

    import gpytorch
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(1)
    truth: Truth = []

    # Training data is 100 points in [0,1] inclusive regularly spaced
    train_x = torch.linspace(0, 1, 100)
    # True function is sin(2*pi*x) with Gaussian noise
    train_y = torch.sin(train_x * (2 * math.pi)) + torch.randn(train_x.size()) * math.sqrt(0.04)

    # We will use the simplest form of GP model, exact inference
    class ExactGPModel(gpytorch.models.ExactGP):  # type: ignore[misc]
        def __init__(self, train_x: Any, train_y: Any, likelihood: Any) -> None:
            super(ExactGPModel, self).__init__(train_x, train_y, likelihood)  # noqa: UP008
            self.mean_module = gpytorch.means.ConstantMean()
            self.covar_module = gpytorch.kernels.ScaleKernel(gpytorch.kernels.RBFKernel())

        def forward(self, x: Any) -> Any:
            mean_x = self.mean_module(x)
            covar_x = self.covar_module(x)
            return gpytorch.distributions.MultivariateNormal(mean_x, covar_x)

    # initialize likelihood and model
    likelihood = gpytorch.likelihoods.GaussianLikelihood()
    model = ExactGPModel(train_x, train_y, likelihood)

    training_iter = 50

    # Find optimal model hyperparameters
    model.train()
    likelihood.train()

    # Use the adam optimizer
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)  # Includes GaussianLikelihood parameters

    # "Loss" for GPs - the marginal log likelihood
    mll = gpytorch.mlls.ExactMarginalLogLikelihood(likelihood, model)

    for i in range(training_iter):
        # Zero gradients from previous iteration
        optimizer.zero_grad()
        # Output from model
        output = model(train_x)
        # Calc loss and backprop gradients
        loss = -mll(output, train_y)
        loss.backward()
        print('Iter %d/%d - Loss: %.3f   lengthscale: %.3f   noise: %.3f' % (  # noqa: UP031
            i + 1, training_iter, loss.item(),
            model.covar_module.base_kernel.lengthscale.item(),
            model.likelihood.noise.item()
        ))
        truth += [point("Loss", loss.item(), i + 1),
                  point("lengthscale", model.covar_module.base_kernel.lengthscale.item(), i + 1),
                  point("noise", model.likelihood.noise.item(), i + 1)]
        optimizer.step()
    return truth


CASES["gpytorch_exact_gp"] = gpytorch_exact_gp
OWN_ENVIRONMENT["gpytorch_exact_gp"] = {"gpytorch": "gpytorch",
                                        "linear_operator": "linear_operator",
                                        "torch": "torch (gpytorch, pyro cases)"}
# --- MONAI, Composer, diffusers, AutoGluon, Flax NNX ------------------------------------------
# Each runs alone, in an environment of its own (see each case's comment), on the CPU wheel of
# torch where it needs torch:
#
#     python -m venv ~/monai-venv && ~/monai-venv/bin/pip install torch==2.13.0
#     ~/monai-venv/bin/pip install torch==2.13.0 monai nibabel tensorboard
#     git clone https://github.com/Project-MONAI/tutorials ~/monai-tutorials
#     export MONAI_TUTORIALS=~/monai-tutorials
#     export MONAI_TUTORIALS_COMMIT=$(git -C ~/monai-tutorials rev-parse HEAD)
#     ~/monai-venv/bin/python tests/corpus/make_corpus.py monai_unet_dict


def run_script(path: str, argv: list[str],
               record: Callable[[str, dict[str, Any], tuple[Any, ...]], None],
               changes: dict[str, str] | None = None,
               setup: Callable[[], None] | None = None) -> None:
    """Run the script at `path` as `python script argv...` (`__main__`) from a folder of its own,
    its folder first on the path (its own modules). Each of its `print(...)` calls first gives
    `record` the call's source text (which print statement it is), the printing frame's
    variables (its globals and locals) and the objects given to `print` (the values themselves,
    before any text is made of them), then prints. `changes` are the case's only edits to the
    source, each made exactly once; `setup` makes files in the run's folder first."""
    import builtins
    import shutil

    folder, script = os.path.split(path)
    with open(path) as f:
        source = f.read()
    for old, new in (changes or {}).items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    prints = example_prints(source)

    def printed(*args: Any, **kwargs: Any) -> None:
        frame = sys._getframe(1)
        record(prints.get(frame.f_lineno, ""), {**frame.f_globals, **frame.f_locals}, args)
        builtins.print(*args, **kwargs)

    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    sys.path.insert(0, folder)
    argv_before = sys.argv
    try:
        if setup:
            setup()
        sys.argv = [script, *argv]
        code = compile(source, script, "exec")  # its warnings name the script, not a path
        exec(code, {"__name__": "__main__", "__file__": script, "print": printed})
    finally:
        sys.argv = argv_before
        sys.path.remove(folder)
        os.chdir(cwd)
        shutil.rmtree(tmp)


# unet_training_dict.py makes 40 volumes of 128^3 voxels, trains on 20 (crops of 96^3) for 5
# epochs and validates on 20 by sliding windows of 96^3: an hour on this CPU. The case's only
# changes are those sizes: 8 volumes of 64^3 (the smallest its spheres of radius up to 30 fit
# in), 6 to train on (3 batches of 2 an epoch), 2 to validate, crops and windows of 32^3 (at
# 16^3 the UNet's fourth stride leaves one voxel, which its instance norm refuses).
MONAI_SIZES = {
    "    for i in range(40):": "    for i in range(8):",
    "create_test_image_3d(128, 128, 128,": "create_test_image_3d(64, 64, 64,",
    "zip(images[:20], segs[:20])": "zip(images[:6], segs[:6])",
    "zip(images[-20:], segs[-20:])": "zip(images[-2:], segs[-2:])",
    "spatial_size=[96, 96, 96]": "spatial_size=[32, 32, 32]",
    "roi_size = (96, 96, 96)": "roi_size = (32, 32, 32)",
}


def monai_unet_dict() -> Truth:
    """MONAI's tutorial `3d_segmentation/torch/unet_training_dict.py` (Project-MONAI/tutorials,
    from the checkout named by `MONAI_TUTORIALS`; commit in VERSIONS.md), run as the script
    with its sizes made small (MONAI_SIZES; its 3D `UNet`, `DiceLoss`, Adam, 5 epochs and
    validation every 2 unchanged), on the synthetic volumes it makes itself
    (`create_test_image_3d`), CPU, MONAI's seeds set first (`set_determinism(0)`) so that both
    runs print the same. It prints `monai.config.print_config()`, then, each epoch, `epoch
    1/5`, `1/3, train_loss: 0.6234` after each batch, `epoch 1 average loss: 0.6012`, and every
    second epoch `current epoch: 2 current mean dice: 0.0512 best mean dice: 0.0512 at epoch
    2`; at the end `train completed, best_metric: 0.0512 at epoch: 2`. Truth: the scalars it
    gives its TensorBoard `SummaryWriter` (`add_scalar` wrapped): `train_loss` at its step
    `epoch_len * epoch + step` (the printed position made global) and `val_mean_dice` (printed
    as `current mean dice`: the case checks they are the value printed); the loop's own
    variables as each line is printed, read from the printing frame: `epoch_loss` as
    `average_loss` at the printed epoch (from 1), `metric` as `current_mean_dice` and
    `best_metric` as `best_mean_dice` at the printed `current epoch`, and the last line's
    `best_metric` with no step (as timm_train's `Best_metric`: the epoch it names is where the
    best was, not a step of its own). The case checks the training losses and `metric` against
    the scalars the script writes to TensorBoard (`add_scalar` wrapped: `train_loss`,
    `val_mean_dice`), at the same steps."""
    import monai
    from torch.utils.tensorboard import SummaryWriter

    folder = os.environ.get("MONAI_TUTORIALS")
    script = os.path.join(folder or "", "3d_segmentation", "torch", "unet_training_dict.py")
    if not folder or not os.path.exists(script):
        raise SystemExit("set MONAI_TUTORIALS to a Project-MONAI/tutorials checkout")
    monai.utils.set_determinism(seed=0)
    truth: Truth = []
    scalars: list[tuple[str, float, int]] = []
    add_scalar = SummaryWriter.add_scalar

    def written(self: Any, tag: str, value: Any, step: Any = None, *args: Any,
                **kwargs: Any) -> Any:
        scalars.append((tag, float(value), int(step)))
        return add_scalar(self, tag, value, step, *args, **kwargs)

    SummaryWriter.add_scalar = written  # type: ignore[method-assign]

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "train_loss:" in call:
            step = values["epoch_len"] * values["epoch"] + values["step"]
            truth.append(point("train_loss", values["loss"].item(), step))
        elif "average loss" in call:
            truth.append(point("average_loss", values["epoch_loss"], values["epoch"] + 1))
        elif "current mean dice" in call:
            epoch = values["epoch"] + 1
            truth.extend([point("current_mean_dice", values["metric"], epoch),
                          point("best_mean_dice", values["best_metric"], epoch)])
        elif "train completed" in call:
            truth.append(point("best_metric", values["best_metric"], None))

    run_script(script, [], record, changes=MONAI_SIZES)
    SummaryWriter.add_scalar = add_scalar  # type: ignore[method-assign]
    named = {"train_loss": "train_loss", "current_mean_dice": "val_mean_dice"}
    printed = [(named[p["key"]], p["value"], p["step"]) for p in truth if p["key"] in named]
    if printed != scalars or len(scalars) != 17:
        raise SystemExit(f"monai_unet_dict: the writer's scalars {scalars} are not the printed "
                         f"{printed}")
    return truth


CASES["monai_unet_dict"] = monai_unet_dict
OWN_ENVIRONMENT["monai_unet_dict"] = {
    "monai": "monai", "torch": "torch (monai_unet_dict case)", "nibabel": "nibabel",
    "tensorboard": "tensorboard (monai_unet_dict case)", "numpy": "numpy (monai_unet_dict case)"}
OWN_CHECKOUT["monai_unet_dict"] = "MONAI_TUTORIALS"
REPOSITORY_CHECKOUTS["MONAI_TUTORIALS"] = ("Project-MONAI/tutorials", "MONAI_TUTORIALS_COMMIT")
CHECKOUT_ROW["monai_unet_dict"] = ("Project-MONAI/tutorials "
                                   "3d_segmentation/torch/unet_training_dict.py")


def pyro_svi() -> Truth:
    """Pyro's "Bayesian Regression - Introduction (Part 1)" tutorial, pyro-ppl/pyro
    `tutorial/source/bayesian_regression.ipynb`: its `BayesianRegression` (a `PyroModule`
    linear layer with `PyroSample` priors, a `Uniform(0, 10)` noise scale), its
    `AutoDiagonalNormal` guide, `pyro.optim.Adam({"lr": 0.03})`, `SVI(..., Trace_ELBO())` and
    the loop of 1500 steps (`num_iterations`) copied as they are, printing `[iteration 0001]
    loss: 6.2310` every 100 steps, then the cell that prints the learnt parameters
    (`AutoDiagonalNormal.loc Parameter containing:` and the tensor). The tutorial downloads
    the terrain-ruggedness data (170 nations: `cont_africa`, `rugged`, log `rgdppc_2000`); the
    case draws 170 such rows instead (`pyro.set_rng_seed(1)` first, as the tutorial). Truth:
    the values `svi.step()` returns, divided by `len(data)` as the loop prints them, as `loss`
    at the iteration printed (`j + 1`)."""
    import pyro
    import pyro.distributions as dist
    import torch
    from pyro.infer import SVI, Trace_ELBO
    from pyro.infer.autoguide import AutoDiagonalNormal
    from pyro.nn import PyroModule, PyroSample
    from torch import nn

    torch.set_num_threads(1)
    pyro.set_rng_seed(1)
    truth: Truth = []
    # 170 made-up nations: in Africa or not, a ruggedness index, a log GDP that falls with
    # ruggedness outside Africa and rises with it inside (the tutorial's finding).
    gen = torch.Generator().manual_seed(0)
    cont_africa = (torch.rand(170, generator=gen) < 0.3).float()
    rugged = torch.distributions.Gamma(1.5, 1.0).sample((170,))
    log_gdp = (9.2 - 0.2 * rugged - 1.9 * cont_africa + 0.35 * cont_africa * rugged
               + 0.9 * torch.randn(170, generator=gen))
    data = torch.stack([cont_africa, rugged, cont_africa * rugged, log_gdp], 1)
    x_data, y_data = data[:, :-1], data[:, -1]
    num_iterations = 1500

    class BayesianRegression(PyroModule):  # type: ignore[misc]
        def __init__(self, in_features: int, out_features: int) -> None:
            super().__init__()
            self.linear = PyroModule[nn.Linear](in_features, out_features)
            self.linear.weight = PyroSample(dist.Normal(0., 1.).expand([out_features, in_features]).to_event(2))  # noqa: E501
            self.linear.bias = PyroSample(dist.Normal(0., 10.).expand([out_features]).to_event(1))

        def forward(self, x: Any, y: Any = None) -> Any:
            sigma = pyro.sample("sigma", dist.Uniform(0., 10.))
            mean = self.linear(x).squeeze(-1)
            with pyro.plate("data", x.shape[0]):
                pyro.sample("obs", dist.Normal(mean, sigma), obs=y)
            return mean

    model = BayesianRegression(3, 1)
    guide = AutoDiagonalNormal(model)

    adam = pyro.optim.Adam({"lr": 0.03})
    svi = SVI(model, guide, adam, loss=Trace_ELBO())

    pyro.clear_param_store()
    for j in range(num_iterations):
        # calculate the loss and take a gradient step
        loss = svi.step(x_data, y_data)
        if j % 100 == 0:
            print("[iteration %04d] loss: %.4f" % (j + 1, loss / len(data)))  # noqa: UP031
            truth.append(point("loss", loss / len(data), j + 1))

    guide.requires_grad_(False)

    for name, _value in pyro.get_param_store().items():
        print(name, pyro.param(name))
    return truth


CASES["pyro_svi"] = pyro_svi
OWN_ENVIRONMENT["pyro_svi"] = {"pyro-ppl": "pyro-ppl", "torch": "torch (gpytorch, pyro cases)"}
# Composer 0.32.1 (its newest release) pins torch below 2.7.1 and torchvision below 0.22.1:
#
#     python -m venv ~/composer-venv && ~/composer-venv/bin/pip install mosaicml
#     ~/composer-venv/bin/python tests/corpus/make_corpus.py composer_console


def composer_console() -> Truth:
    """MosaicML Composer's `Trainer` with its console logger (`log_to_console=True`, every
    batch, the progress bar off: `progress_bar=False`), a `ComposerClassifier` over a small
    two-layer network (20 inputs, 10 classes) on synthetic data (128 samples to train in
    batches of 16, 64 to evaluate), SGD, `max_duration="3ep"`, evaluated after each epoch, CPU,
    `seed=0`. Composer's `ConsoleLogger` (`composer/loggers/console_logger.py`) prints its
    config, then after each batch `[epoch=1][batch=2/8]:` and an indented line a value logged
    since, `\t Train loss/train/total: 2.3886`, `\t Train metrics/train/MulticlassAccuracy:
    0.1250` (and the trainer's counters `time/batch` ... and its microbatch size), and for each
    evaluation `[Eval batch=1/4] Eval on eval data` ... `[Eval batch=4/4] Eval on eval data:`
    with `\t Eval metrics/eval/CrossEntropy: 2.2689`. Truth: an `InMemoryLogger` given to the
    same Trainer, its `data` (each key's `(Timestamp, value)` list): the loss and the training
    metric at the step Composer gives every logger, the timestamp's `batch` when logged (the
    batches done before it, from 0: the block headed `[epoch=1][batch=1/8]` is step 0 and
    prints it as `time/batch: 0`, as Lightning's CSVLogger counts in the lightning case), the
    evaluation
    metrics with no step (their lines name only the evaluation's own batches), keyed as printed
    (`Train_loss/train/total`, `Eval_metrics/eval/CrossEntropy`). Left out: the counters
    (`time/epoch`, `time/batch`, `time/sample`, `time/batch_in_epoch`,
    `time/sample_in_epoch`), the microbatch size (a setting), and the training metric the
    trainer logs again at the end of each epoch (timestamp `batch_in_epoch` 8, the last batch's
    value): the console logger clears what it holds when the evaluation starts and never
    prints it."""
    import torch
    from composer import Trainer
    from composer.loggers import InMemoryLogger
    from composer.models import ComposerClassifier
    from torch.utils.data import DataLoader, TensorDataset

    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)

    def samples(n: int) -> TensorDataset:
        y = torch.arange(n) % 10
        x = torch.randn(n, 20, generator=generator) + 2 * torch.nn.functional.one_hot(y, 20)
        return TensorDataset(x, y)

    train = DataLoader(samples(128), batch_size=16, shuffle=True, generator=generator)
    evaluation = DataLoader(samples(64), batch_size=16)
    network = torch.nn.Sequential(torch.nn.Linear(20, 32), torch.nn.ReLU(),
                                  torch.nn.Linear(32, 10))
    model = ComposerClassifier(network, num_classes=10)
    memory = InMemoryLogger()
    trainer = Trainer(model=model, train_dataloader=train, eval_dataloader=evaluation,
                      max_duration="3ep", optimizers=torch.optim.SGD(model.parameters(), lr=0.1),
                      loggers=[memory], progress_bar=False, log_to_console=True, device="cpu",
                      seed=0)
    trainer.fit()
    batches = len(train)
    truth: Truth = []
    for key, entries in memory.data.items():
        if key.startswith(("loss/train/", "metrics/train/")):
            truth += [point(f"Train_{key}", float(value), int(t.batch))
                      for t, value in entries if int(t.batch_in_epoch) < batches]
        elif key.startswith("metrics/eval/"):
            truth += [point(f"Eval_{key}", float(value), None) for _, value in entries]
    if len(truth) != 3 * batches * 2 + 3 * 2:
        raise SystemExit(f"composer_console: {len(truth)} points in the logger's record")
    return truth


CASES["composer_console"] = composer_console
OWN_ENVIRONMENT["composer_console"] = {
    "mosaicml": "mosaicml (composer)", "torch": "torch (composer_console case)",
    "torchmetrics": "torchmetrics (composer_console case)"}
# --- pytorch/tutorials' transfer learning, micrograd, min-char-rnn, x-transformers, gensim -----
# Each runs alone, in an environment of its own:
#
#     python -m venv ~/tutorial-venv          # torchvision: PyPI's, beside PyPI's torch
#     ~/tutorial-venv/bin/pip install torch==2.14.1 torchvision==0.29.1 pillow
#     ~/tutorial-venv/bin/python tests/corpus/make_corpus.py transfer_learning_tutorial

# pytorch/tutorials `beginner_source/transfer_learning_tutorial.py` (commit in VERSIONS.md; the
# repository, with its images and notebooks, is too large to check out here): its
# `train_model`, copied as it is, run by `exec` so that its `print` is the case's wrapper.
TRANSFER_TRAIN_MODEL = """\
def train_model(model, criterion, optimizer, scheduler, num_epochs=25):
    since = time.time()

    # Create a temporary directory to save training checkpoints
    with TemporaryDirectory() as tempdir:
        best_model_params_path = os.path.join(tempdir, 'best_model_params.pt')
    
        torch.save(model.state_dict(), best_model_params_path)
        best_acc = 0.0

        for epoch in range(num_epochs):
            print(f'Epoch {epoch}/{num_epochs - 1}')
            print('-' * 10)

            # Each epoch has a training and validation phase
            for phase in ['train', 'val']:
                if phase == 'train':
                    model.train()  # Set model to training mode
                else:
                    model.eval()   # Set model to evaluate mode

                running_loss = 0.0
                running_corrects = 0

                # Iterate over data.
                for inputs, labels in dataloaders[phase]:
                    inputs = inputs.to(device)
                    labels = labels.to(device)

                    # zero the parameter gradients
                    optimizer.zero_grad()

                    # forward
                    # track history if only in train
                    with torch.set_grad_enabled(phase == 'train'):
                        outputs = model(inputs)
                        _, preds = torch.max(outputs, 1)
                        loss = criterion(outputs, labels)

                        # backward + optimize only if in training phase
                        if phase == 'train':
                            loss.backward()
                            optimizer.step()

                    # statistics
                    running_loss += loss.item() * inputs.size(0)
                    running_corrects += torch.sum(preds == labels.data)
                if phase == 'train':
                    scheduler.step()

                epoch_loss = running_loss / dataset_sizes[phase]
                epoch_acc = running_corrects.double() / dataset_sizes[phase]

                print(f'{phase} Loss: {epoch_loss:.4f} Acc: {epoch_acc:.4f}')

                # deep copy the model
                if phase == 'val' and epoch_acc > best_acc:
                    best_acc = epoch_acc
                    torch.save(model.state_dict(), best_model_params_path)

            print()

        time_elapsed = time.time() - since
        print(f'Training complete in {time_elapsed // 60:.0f}m {time_elapsed % 60:.0f}s')
        print(f'Best val Acc: {best_acc:4f}')

        # load best model weights
        model.load_state_dict(torch.load(best_model_params_path))
    return model
"""


def hymenoptera_images() -> None:
    """`data/hymenoptera_data/{train,val}/{ants,bees}/`, the tutorial's folder, in the current
    folder: 12 training and 6 validation JPEGs a class, 80 x 60 noise around a colour a class."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    colours = {"ants": (150, 90, 60), "bees": (200, 170, 40)}
    for phase, count in (("train", 12), ("val", 6)):
        for name, colour in colours.items():
            folder = os.path.join("data", "hymenoptera_data", phase, name)
            os.makedirs(folder)
            for i in range(count):
                pixels = rng.normal(colour, 60.0, size=(60, 80, 3)).clip(0, 255)
                Image.fromarray(pixels.astype(np.uint8)).save(
                    os.path.join(folder, f"{i}.jpg"))


def transfer_learning_tutorial() -> Truth:
    """The PyTorch "Transfer Learning for Computer Vision" tutorial (pytorch/tutorials
    `beginner_source/transfer_learning_tutorial.py`): its data transforms, `ImageFolder`s and
    loaders (batches of 4, shuffled, 4 workers) on `data/hymenoptera_data` made by
    hymenoptera_images, its "Finetuning the ConvNet" set-up with `resnet18(weights=None)` (the
    tutorial's `weights='IMAGENET1K_V1'` downloads them), and its `train_model`
    (TRANSFER_TRAIN_MODEL, as it is) for 3 epochs: `Epoch 0/2`, `----------`, `train Loss:
    0.7013 Acc: 0.5000`, `val Loss: ... Acc: ...`, an empty line; then `Training complete in 0m
    14s` and `Best val Acc: 0.583333`. Truth: `train_model`'s own locals, read from its frame
    by its `print` as each line is printed: `epoch_loss` and `epoch_acc` as `<phase>_Loss`
    and `<phase>_Acc` (the phase qualifies the printed names) at `epoch` (from 0, as printed),
    `best_acc` as `Best_val_Acc` with no step. The time taken is a timing, left out."""
    import builtins
    import shutil
    import time
    from tempfile import TemporaryDirectory

    import torch
    import torch.nn as nn
    import torch.optim as optim
    from torch.optim import lr_scheduler
    from torchvision import datasets, models, transforms

    torch.manual_seed(0)
    torch.set_num_threads(1)
    truth: Truth = []

    def printed(*args: Any, **kwargs: Any) -> None:
        local = sys._getframe(1).f_locals
        text = args[0] if args else ""
        if isinstance(text, str) and text.startswith(f"{local.get('phase')} Loss:"):
            truth.extend([point(f"{local['phase']}_Loss", local["epoch_loss"], local["epoch"]),
                          point(f"{local['phase']}_Acc", float(local["epoch_acc"]),
                                local["epoch"])])
        elif isinstance(text, str) and text.startswith("Best val Acc:"):
            truth.append(point("Best_val_Acc", float(local["best_acc"]), None))
        builtins.print(*args, **kwargs)

    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    try:
        hymenoptera_images()
        # The tutorial's data set-up, as it is.
        data_transforms = {
            'train': transforms.Compose([
                transforms.RandomResizedCrop(224),
                transforms.RandomHorizontalFlip(),
                transforms.ToTensor(),
                transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
            ]),
            'val': transforms.Compose([
                transforms.Resize(256),
                transforms.CenterCrop(224),
                transforms.ToTensor(),
                transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
            ]),
        }
        data_dir = 'data/hymenoptera_data'
        image_datasets = {x: datasets.ImageFolder(os.path.join(data_dir, x),
                                                  data_transforms[x])
                          for x in ['train', 'val']}
        dataloaders = {x: torch.utils.data.DataLoader(image_datasets[x], batch_size=4,
                                                      shuffle=True, num_workers=4)
                       for x in ['train', 'val']}
        dataset_sizes = {x: len(image_datasets[x]) for x in ['train', 'val']}
        device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        namespace = {"time": time, "os": os, "torch": torch,
                     "TemporaryDirectory": TemporaryDirectory, "dataloaders": dataloaders,
                     "dataset_sizes": dataset_sizes, "device": device, "print": printed}
        exec(compile(TRANSFER_TRAIN_MODEL, "transfer_learning_tutorial.py", "exec"), namespace)
        # Its "Finetuning the ConvNet" part, weights=None instead of the downloaded ones.
        model_ft = models.resnet18(weights=None)
        num_ftrs = model_ft.fc.in_features
        model_ft.fc = nn.Linear(num_ftrs, 2)
        model_ft = model_ft.to(device)
        criterion = nn.CrossEntropyLoss()
        optimizer_ft = optim.SGD(model_ft.parameters(), lr=0.001, momentum=0.9)
        exp_lr_scheduler = lr_scheduler.StepLR(optimizer_ft, step_size=7, gamma=0.1)
        namespace["train_model"](model_ft, criterion, optimizer_ft, exp_lr_scheduler,
                                 num_epochs=3)
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp)
    return truth


CASES["transfer_learning_tutorial"] = transfer_learning_tutorial
OWN_ENVIRONMENT["transfer_learning_tutorial"] = {
    name: f"{name} (transfer_learning_tutorial case)"
    for name in ("torch", "torchvision", "pillow", "numpy")}


#     python -m venv ~/micrograd-venv
#     ~/micrograd-venv/bin/pip install numpy scikit-learn matplotlib
#     git clone https://github.com/karpathy/micrograd ~/micrograd
#     export MICROGRAD=~/micrograd MICROGRAD_COMMIT=$(git -C ~/micrograd rev-parse HEAD)
#     ~/micrograd-venv/bin/python tests/corpus/make_corpus.py micrograd_demo

# The demo's optimization runs 100 full-batch steps of pure-Python autograd, seconds a step
# here: the case's one change to it stops after 20 (its learning-rate schedule is unchanged).
MICROGRAD_STEPS = {"for k in range(100):": "for k in range(20):"}


def micrograd_demo() -> Truth:
    """karpathy/micrograd's `demo.ipynb` (the checkout named by `MICROGRAD`, its own `micrograd`
    package on the path): its code cells run in order as a script (the `%matplotlib inline`
    magic dropped, matplotlib drawing off screen), the data set from scikit-learn's
    `make_moons` as in the demo, `MLP(2, [16, 16, 1])`, the SVM max-margin loss, 20 steps of
    SGD (MICROGRAD_STEPS, the one change): `print(model)`, `number of parameters 337`,
    `print(total_loss, acc)` (`Value(data=0.8958..., grad=0) 0.5`), then `step 0 loss
    0.8958441028683222, accuracy 50.0%` a step. Truth: the loop's own variables, read from the
    printing frame by its `print` as each step's line is printed: `total_loss.data` as `loss`
    and `acc * 100` as `accuracy` (printed in percent) at `k` (from 0, as printed). The line
    before the loop prints the untrained model's loss and accuracy again (the same as step 0's,
    no point of its own: `data` and `grad` are the `Value`'s fields, not metrics)."""
    import builtins

    folder = os.environ.get("MICROGRAD")
    if not folder or not os.path.exists(os.path.join(folder, "demo.ipynb")):
        raise SystemExit("set MICROGRAD to a karpathy/micrograd checkout")
    os.environ["MPLBACKEND"] = "Agg"
    with open(os.path.join(folder, "demo.ipynb")) as f:
        notebook = json.load(f)
    cells = ["".join(cell["source"]) for cell in notebook["cells"]
             if cell["cell_type"] == "code"]
    source = "\n\n".join("\n".join(line for line in cell.splitlines()
                                   if not line.startswith("%")) for cell in cells)
    for old, new in MICROGRAD_STEPS.items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    truth: Truth = []

    def printed(*args: Any, **kwargs: Any) -> None:
        frame = sys._getframe(1)
        if args and isinstance(args[0], str) and args[0].startswith("step "):
            values = frame.f_locals
            truth.extend([point("loss", values["total_loss"].data, values["k"]),
                          point("accuracy", values["acc"] * 100, values["k"])])
        builtins.print(*args, **kwargs)

    sys.path.insert(0, folder)
    try:
        exec(compile(source, "demo.ipynb", "exec"), {"__name__": "__main__", "print": printed})
    finally:
        sys.path.remove(folder)
    return truth


CASES["micrograd_demo"] = micrograd_demo
LAST_BITS.add("micrograd_demo")
OWN_ENVIRONMENT["micrograd_demo"] = {name: f"{name} (micrograd_demo case)"
                                     for name in ("numpy", "scikit-learn", "matplotlib")}
OWN_CHECKOUT["micrograd_demo"] = "MICROGRAD"
REPOSITORY_CHECKOUTS["MICROGRAD"] = ("karpathy/micrograd", "MICROGRAD_COMMIT")


#     python -m venv ~/numpy-venv && ~/numpy-venv/bin/pip install numpy
#     ~/numpy-venv/bin/python tests/corpus/make_corpus.py min_char_rnn

# Andrej Karpathy's min-char-rnn.py, a gist (gist.github.com/karpathy/d4dee566867f8291f086, not a
# repository): written here from the published gist, statement for statement, in Python 3 (its
# `print '...' % ...` statements as `print(...)` calls, which print the same text, `xrange` as
# `range`). Two changes, named by MIN_CHAR_RNN_CHANGES: `while True:` stops after iteration
# 1000, and the data file is the case's own.
MIN_CHAR_RNN = """\
\"\"\"
Minimal character-level Vanilla RNN model. Written by Andrej Karpathy (@karpathy)
BSD License
\"\"\"
import numpy as np

# data I/O
data = open('input.txt', 'r').read() # should be simple plain text file
chars = list(set(data))
data_size, vocab_size = len(data), len(chars)
print('data has %d characters, %d unique.' % (data_size, vocab_size))
char_to_ix = { ch:i for i,ch in enumerate(chars) }
ix_to_char = { i:ch for i,ch in enumerate(chars) }

# hyperparameters
hidden_size = 100 # size of hidden layer of neurons
seq_length = 25 # number of steps to unroll the RNN for
learning_rate = 1e-1

# model parameters
Wxh = np.random.randn(hidden_size, vocab_size)*0.01 # input to hidden
Whh = np.random.randn(hidden_size, hidden_size)*0.01 # hidden to hidden
Why = np.random.randn(vocab_size, hidden_size)*0.01 # hidden to output
bh = np.zeros((hidden_size, 1)) # hidden bias
by = np.zeros((vocab_size, 1)) # output bias

def lossFun(inputs, targets, hprev):
  \"\"\"
  inputs,targets are both list of integers.
  hprev is Hx1 array of initial hidden state
  returns the loss, gradients on model parameters, and last hidden state
  \"\"\"
  xs, hs, ys, ps = {}, {}, {}, {}
  hs[-1] = np.copy(hprev)
  loss = 0
  # forward pass
  for t in range(len(inputs)):
    xs[t] = np.zeros((vocab_size,1)) # encode in 1-of-k representation
    xs[t][inputs[t]] = 1
    hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh) # hidden state
    ys[t] = np.dot(Why, hs[t]) + by # unnormalized log probabilities for next chars
    ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t])) # probabilities for next chars
    loss += -np.log(ps[t][targets[t],0]) # softmax (cross-entropy loss)
  # backward pass: compute gradients going backwards
  dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
  dbh, dby = np.zeros_like(bh), np.zeros_like(by)
  dhnext = np.zeros_like(hs[0])
  for t in reversed(range(len(inputs))):
    dy = np.copy(ps[t])
    dy[targets[t]] -= 1 # backprop into y. see http://cs231n.github.io/neural-networks-case-study/#grad if confused here
    dWhy += np.dot(dy, hs[t].T)
    dby += dy
    dh = np.dot(Why.T, dy) + dhnext # backprop into h
    dhraw = (1 - hs[t] * hs[t]) * dh # backprop through tanh nonlinearity
    dbh += dhraw
    dWxh += np.dot(dhraw, xs[t].T)
    dWhh += np.dot(dhraw, hs[t-1].T)
    dhnext = np.dot(Whh.T, dhraw)
  for dparam in [dWxh, dWhh, dWhy, dbh, dby]:
    np.clip(dparam, -5, 5, out=dparam) # clip to mitigate exploding gradients
  return loss, dWxh, dWhh, dWhy, dbh, dby, hs[len(inputs)-1]

def sample(h, seed_ix, n):
  \"\"\" 
  sample a sequence of integers from the model 
  h is memory state, seed_ix is seed letter for first time step
  \"\"\"
  x = np.zeros((vocab_size, 1))
  x[seed_ix] = 1
  ixes = []
  for t in range(n):
    h = np.tanh(np.dot(Wxh, x) + np.dot(Whh, h) + bh)
    y = np.dot(Why, h) + by
    p = np.exp(y) / np.sum(np.exp(y))
    ix = np.random.choice(range(vocab_size), p=p.ravel())
    x = np.zeros((vocab_size, 1))
    x[ix] = 1
    ixes.append(ix)
  return ixes

n, p = 0, 0
mWxh, mWhh, mWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
mbh, mby = np.zeros_like(bh), np.zeros_like(by) # memory variables for Adagrad
smooth_loss = -np.log(1.0/vocab_size)*seq_length # loss at iteration 0
while True:
  # prepare inputs (we're sweeping from left to right in steps seq_length long)
  if p+seq_length+1 >= len(data) or n == 0: 
    hprev = np.zeros((hidden_size,1)) # reset RNN memory
    p = 0 # go from start of data
  inputs = [char_to_ix[ch] for ch in data[p:p+seq_length]]
  targets = [char_to_ix[ch] for ch in data[p+1:p+seq_length+1]]

  # sample from the model now and then
  if n % 100 == 0:
    sample_ix = sample(hprev, inputs[0], 200)
    txt = ''.join(ix_to_char[ix] for ix in sample_ix)
    print('----\\n %s \\n----' % (txt, ))

  # forward seq_length characters through the net and fetch gradient
  loss, dWxh, dWhh, dWhy, dbh, dby, hprev = lossFun(inputs, targets, hprev)
  smooth_loss = smooth_loss * 0.999 + loss * 0.001
  if n % 100 == 0: print('iter %d, loss: %f' % (n, smooth_loss)) # print progress
  
  # perform parameter update with Adagrad
  for param, dparam, mem in zip([Wxh, Whh, Why, bh, by], 
                                [dWxh, dWhh, dWhy, dbh, dby], 
                                [mWxh, mWhh, mWhy, mbh, mby]):
    mem += dparam * dparam
    param += -learning_rate * dparam / np.sqrt(mem + 1e-8) # adagrad update

  p += seq_length # move data pointer
  n += 1 # iteration counter 
"""
MIN_CHAR_RNN_CHANGES = {"while True:": "while n <= 1000:"}
# The words of its small text (made up, lower case, no digits), with its punctuation.
MIN_CHAR_RNN_WORDS = ["the", "cat", "sat", "on", "a", "warm", "mat", "and", "dog", "ran",
                      "to", "old", "barn", "where", "hens", "slept", "under", "red", "roof"]


def min_char_rnn() -> Truth:
    """Karpathy's min-char-rnn.py (MIN_CHAR_RNN, written from the published gist), run as a
    script from a folder of its own holding its `input.txt`, 4000 characters of made-up
    sentences (MIN_CHAR_RNN_WORDS, seeded), numpy seeded with 0 (the gist seeds nothing),
    stopped after iteration 1000 (MIN_CHAR_RNN_CHANGES): `data has 4000 characters, 24
    unique.`, then every 100 iterations a sample of 200 characters between `----` lines (`----`,
    ` <the sample> `, `----`) and `iter 100, loss: 79.512301`. Truth: the script's
    `smooth_loss`, read from the printing frame by its `print` as each `iter` line is printed,
    as `loss` at `n` (from 0, as printed). The samples are text, not measures."""
    import builtins
    import random
    import shutil

    import numpy as np

    rng = random.Random(0)
    sentences = []
    while sum(len(s) + 1 for s in sentences) < 4000:
        words = [rng.choice(MIN_CHAR_RNN_WORDS) for _ in range(rng.randint(3, 9))]
        sentences.append(" ".join(words).capitalize() + rng.choice([".", ",", ";", ":", "!"]))
    text = "\n".join(sentences)[:4000]
    source = MIN_CHAR_RNN
    for old, new in MIN_CHAR_RNN_CHANGES.items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    truth: Truth = []

    def printed(*args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_globals
        if args and isinstance(args[0], str) and args[0].startswith("iter "):
            truth.append(point("loss", values["smooth_loss"], values["n"]))
        builtins.print(*args, **kwargs)

    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    try:
        with open("input.txt", "w") as f:
            f.write(text)
        np.random.seed(0)
        exec(compile(source, "min-char-rnn.py", "exec"), {"__name__": "__main__",
                                                         "print": printed})
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp)
    return truth


CASES["min_char_rnn"] = min_char_rnn
OWN_ENVIRONMENT["min_char_rnn"] = {"numpy": "numpy (min_char_rnn case)"}


#     python -m venv ~/xt-venv && ~/xt-venv/bin/pip install torch==2.13.0
#     ~/xt-venv/bin/pip install torch==2.13.0 x-transformers fire wandb accelerate tqdm
#     git clone https://github.com/lucidrains/x-transformers ~/x-transformers
#     export X_TRANSFORMERS=~/x-transformers
#     export X_TRANSFORMERS_COMMIT=$(git -C ~/x-transformers rev-parse HEAD)
#     ~/xt-venv/bin/python tests/corpus/make_corpus.py x_transformers_enwik8

# train_enwik8.py reads the first 95e6 bytes of `./data/enwik8.gz` and validates on those past
# 90e6: the synthetic file must be as long. Its model (width 512, 6 layers, 8 heads, fixed in
# `train`) is made tiny by the case's wrapper of `x_transformers.Decoder`.
ENWIK8_BYTES = 91_000_000
ENWIK8_TINY = {"dim": 64, "depth": 2, "heads": 2}
ENWIK8_ARGS = ["--num_batches", "31", "--seq_len", "128", "--validate_every", "5",
               "--generate_every", "15", "--generate_length", "64", "--cpu", "True"]


def enwik8_synthetic() -> None:
    """`data/enwik8.gz` in the current folder: ENWIK8_BYTES of made-up wiki-like text (a
    megabyte of lower-case words, sentences and `[[links]]`, repeated)."""
    import gzip
    import random

    rng = random.Random(0)
    words = ["the", "river", "town", "was", "built", "in", "of", "a", "stone", "bridge", "and",
             "north", "church", "people", "called", "old", "market", "by", "on", "hill"]
    parts = []
    size = 0
    while size < 1 << 20:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(4, 12)))
        if rng.random() < 0.3:
            sentence += f" [[{rng.choice(words)} {rng.choice(words)}]]"
        parts.append(sentence.capitalize() + ". ")
        size += len(parts[-1])
    block = "".join(parts).encode()
    data = (block * (ENWIK8_BYTES // len(block) + 1))[:ENWIK8_BYTES]
    os.makedirs("data")
    with gzip.open(os.path.join("data", "enwik8.gz"), "wb", compresslevel=1) as f:
        f.write(data)


def x_transformers_enwik8() -> Truth:
    """lucidrains/x-transformers' `train_enwik8.py` (the checkout named by `X_TRANSFORMERS`,
    commit in VERSIONS.md; the `x_transformers` package from PyPI, the same version), run as
    the script (`fire.Fire(train)`, `python train_enwik8.py` ENWIK8_ARGS: 31 batches of 4
    sequences of 128 bytes, 4 accumulated a step, validation every 5, generation every 15) from
    a folder of its own holding a synthetic `data/enwik8.gz` (enwik8_synthetic), its W&B run
    `disabled` (its default), CPU. Its model's width, depth and heads are fixed in `train`; the
    case makes them ENWIK8_TINY by wrapping `x_transformers.Decoder` before the script imports
    it (nothing else changed). It prints `training loss: 5.62...` each batch (the full float),
    `validation loss: 5.60...` every 5, and at 0 and 15 a validation sequence, 100 `*` and the
    generated text, all under a tqdm bar (`desc='training'`, `mininterval=10.`) on stderr.
    Truth: the loop's own `loss.item()`, read from `train`'s frame by its `print` as each line
    is printed: `training_loss` and `validation_loss` at `i` (from 0: the bar's counter while
    the batch runs). The sequences and generated texts are text, not measures."""
    import builtins
    import random
    import runpy
    import shutil

    import torch
    import x_transformers

    folder = os.environ.get("X_TRANSFORMERS")
    if not folder or not os.path.exists(os.path.join(folder, "train_enwik8.py")):
        raise SystemExit("set X_TRANSFORMERS to a lucidrains/x-transformers checkout")
    decoder = x_transformers.Decoder

    def tiny_decoder(**kwargs: Any) -> Any:
        return decoder(**{**kwargs, **ENWIK8_TINY})

    x_transformers.Decoder = tiny_decoder  # type: ignore[misc]
    truth: Truth = []

    def printed(*args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_locals
        text = args[0] if args else ""
        for name in ("training loss", "validation loss"):
            if isinstance(text, str) and text.startswith(f"{name}: "):
                truth.append(point(name.replace(" ", "_"), values["loss"].item(), values["i"]))
        builtins.print(*args, **kwargs)

    torch.manual_seed(0)
    torch.set_num_threads(1)
    random.seed(0)
    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    argv = sys.argv
    try:
        enwik8_synthetic()
        sys.argv = ["train_enwik8.py", *ENWIK8_ARGS]
        runpy.run_path(os.path.join(folder, "train_enwik8.py"), {"print": printed},
                       run_name="__main__")
    finally:
        sys.argv = argv
        os.chdir(cwd)
        shutil.rmtree(tmp)
    return truth


CASES["x_transformers_enwik8"] = x_transformers_enwik8
OWN_ENVIRONMENT["x_transformers_enwik8"] = {
    "x-transformers": "x-transformers", "torch": "torch (x_transformers_enwik8 case)",
    "accelerate": "accelerate (x_transformers_enwik8 case)", "fire": "fire",
    "wandb": "wandb (x_transformers_enwik8 case)", "tqdm": "tqdm (x_transformers_enwik8 case)",
    "einops": "einops", "einx": "einx"}
OWN_CHECKOUT["x_transformers_enwik8"] = "X_TRANSFORMERS"
REPOSITORY_CHECKOUTS["X_TRANSFORMERS"] = ("lucidrains/x-transformers", "X_TRANSFORMERS_COMMIT")


#     python -m venv ~/gensim-venv && ~/gensim-venv/bin/pip install gensim
#     ~/gensim-venv/bin/python tests/corpus/make_corpus.py gensim_word2vec


def gensim_word2vec() -> Truth:
    """gensim `Word2Vec(sentences, vector_size=50, window=5, min_count=1, workers=1, seed=42,
    epochs=3, compute_loss=True, callbacks=[callback()])` with `logging.basicConfig(level=
    logging.INFO)`, on 150,000 made-up sentences of 8 words drawn (Zipf-like) from 500 made-up
    words: big enough that an epoch takes over a second, so that gensim logs its `EPOCH 0 -
    PROGRESS: at 33.60% examples, 1067104 words/s, in_qsize 1, out_qsize 0` lines (every
    second) beside its vocabulary, lifecycle and `EPOCH 0: training on 1200000 raw words
    (649199 effective words) took 2.2s, 295091 effective words/s` lines. The callback is the
    widely copied one that prints the loss after each epoch (gensim's `CallbackAny2Vec`, as
    the `EpochLogger` example of gensim's `models/callbacks.py` docstring subclasses it):
    `Loss after epoch 0: 5310142.5`. Truth: the callback's own `model.get_latest_training_loss()`
    as it prints it (gensim's running total for the `train` call, so it grows), as `Loss` at
    its `self.epoch` (from 0, as printed: the `after epoch N` names the step). gensim's own lines
    give none: progress, throughputs, counts and timings."""
    import logging
    import random

    from gensim.models import Word2Vec
    from gensim.models.callbacks import CallbackAny2Vec

    truth: Truth = []

    class callback(CallbackAny2Vec):  # its name as it is copied
        '''Callback to print loss after each epoch.'''

        def __init__(self) -> None:
            self.epoch = 0

        def on_epoch_end(self, model: Any) -> None:
            loss = model.get_latest_training_loss()
            truth.append(point("Loss", loss, self.epoch))
            print('Loss after epoch {}: {}'.format(self.epoch, loss))  # noqa: UP032
            self.epoch += 1

    logging.basicConfig(level=logging.INFO)
    rng = random.Random(0)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(2, 8)))
                    for _ in range(520)})[:500]
    weights = [1 / (rank + 1) for rank in range(len(words))]
    sentences = [rng.choices(words, weights, k=8) for _ in range(150_000)]
    Word2Vec(sentences, vector_size=50, window=5, min_count=1, workers=1, seed=42, epochs=3,
             compute_loss=True, callbacks=[callback()])
    return truth


CASES["gensim_word2vec"] = gensim_word2vec
OWN_ENVIRONMENT["gensim_word2vec"] = {"gensim": "gensim", "numpy": "numpy (gensim_word2vec case)",
                                      "scipy": "scipy (gensim_word2vec case)"}


# diffusers' example needs torchvision, so its environment takes PyPI's torch and torchvision
# (as composer_console's; run on the CPU):
#
#     python -m venv ~/diffusers-venv
#     ~/diffusers-venv/bin/pip install torch==2.7.0 torchvision==0.22.0 diffusers accelerate \
#         datasets tensorboard
#     git clone https://github.com/huggingface/diffusers ~/diffusers
#     export DIFFUSERS_EXAMPLES=~/diffusers/examples
#     export DIFFUSERS_COMMIT=$(git -C ~/diffusers rev-parse HEAD)
#     ~/diffusers-venv/bin/python tests/corpus/make_corpus.py diffusers_unconditional

# A small UNet2DModel for 16-pixel images, given to the script by its own
# `--model_config_name_or_path` (its default is a 6-level UNet of 128 to 512 channels).
DIFFUSERS_UNET = {"sample_size": 16, "in_channels": 3, "out_channels": 3, "layers_per_block": 1,
                  "block_out_channels": [32, 64],
                  "down_block_types": ["DownBlock2D", "AttnDownBlock2D"],
                  "up_block_types": ["AttnUpBlock2D", "UpBlock2D"]}


def diffusers_unconditional() -> Truth:
    """diffusers' `examples/unconditional_image_generation/train_unconditional.py` (from the
    checkout named by `DIFFUSERS_EXAMPLES`; commit in VERSIONS.md), run as the script with
    `--train_data_dir data --resolution 16 --train_batch_size 4 --num_epochs 2 --use_ema
    --lr_warmup_steps 2 --ddpm_num_inference_steps 5 --eval_batch_size 2
    --model_config_name_or_path unet` and its cache and output in the run's folder, on a folder
    of 16 generated 16 x 16 PNGs (colour gradients and noise), CPU, torch seeded with 0 first
    (the script seeds nothing but its sampling), its TensorBoard tracker. Nothing changed: its
    UNet is made small by its own `--model_config_name_or_path` (DIFFUSERS_UNET). Its tqdm bar
    an epoch, `Epoch 0: 100%|...| 4/4 [00:01<00:00,  2.95it/s, ema_decay=0.25, loss=1.03,
    lr=0.0001, step=4]` (`set_postfix(**logs)`, floats `.3g`), the `***** Running training
    *****` block through accelerate's logger, and DDPMPipeline's sampling bar after each epoch.
    Truth: every `logs` dict the loop gives `progress_bar.set_postfix` (wrapped) and
    `accelerator.log` (wrapped; checked to be the same dicts, at their `step`): `loss`, `lr`,
    `ema_decay` at `step=global_step` (the optimizer steps so far, from 1); `step` itself names
    the step and is not a point of its own."""
    import torch
    from accelerate import Accelerator
    from PIL import Image
    from tqdm import std

    folder = os.environ.get("DIFFUSERS_EXAMPLES")
    script = os.path.join(folder or "", "unconditional_image_generation",
                          "train_unconditional.py")
    if not folder or not os.path.exists(script):
        raise SystemExit("set DIFFUSERS_EXAMPLES to a huggingface/diffusers checkout's examples")
    truth: Truth = []
    logged: list[tuple[dict[str, Any], Any]] = []
    set_postfix, log = std.tqdm.set_postfix, Accelerator.log

    def postfix(self: Any, ordered_dict: Any = None, refresh: bool = True,
                **kwargs: Any) -> None:
        step = kwargs["step"]
        truth.extend(point(key, value, step) for key, value in kwargs.items() if key != "step")
        set_postfix(self, ordered_dict, refresh, **kwargs)

    def logs(self: Any, values: dict[str, Any], step: Any = None, **kwargs: Any) -> None:
        logged.append((dict(values), step))
        log(self, values, step, **kwargs)

    def setup() -> None:
        rng = torch.Generator().manual_seed(0)
        os.makedirs("data")
        for i in range(16):
            ramp = torch.linspace(0, 1, 16)
            colour = torch.rand(3, 1, 1, generator=rng)
            image = colour * ramp[None, :, None] * ramp[None, None, :]
            image = (image + 0.1 * torch.rand(3, 16, 16, generator=rng)).clamp(0, 1)
            pixels = (image.permute(1, 2, 0) * 255).to(torch.uint8).numpy()
            Image.fromarray(pixels).save(os.path.join("data", f"{i:02d}.png"))
        os.makedirs("unet")
        with open(os.path.join("unet", "config.json"), "w") as f:
            json.dump({"_class_name": "UNet2DModel", **DIFFUSERS_UNET}, f)
        torch.manual_seed(0)

    argv = ["--train_data_dir", "data", "--resolution", "16", "--output_dir", "out",
            "--cache_dir", "cache", "--train_batch_size", "4", "--num_epochs", "2",
            "--use_ema", "--lr_warmup_steps", "2", "--ddpm_num_inference_steps", "5",
            "--eval_batch_size", "2", "--model_config_name_or_path", "unet"]
    std.tqdm.set_postfix = postfix  # type: ignore[method-assign]
    Accelerator.log = logs  # type: ignore[method-assign]
    try:
        run_script(os.path.abspath(script), argv, lambda call, values, printed: None,
                   setup=setup)
    finally:
        std.tqdm.set_postfix = set_postfix  # type: ignore[method-assign]
        Accelerator.log = log  # type: ignore[method-assign]
    given = [point(key, value, step) for values, step in logged
             for key, value in values.items() if key != "step"]
    if given != truth or len(truth) != 8 * 3:
        raise SystemExit(f"diffusers_unconditional: logged {given}, shown {truth}")
    return truth


CASES["diffusers_unconditional"] = diffusers_unconditional
OWN_ENVIRONMENT["diffusers_unconditional"] = {
    "diffusers": "diffusers", "accelerate": "accelerate (diffusers_unconditional case)",
    "datasets": "datasets (diffusers_unconditional case)",
    "torch": "torch (diffusers_unconditional case)",
    "torchvision": "torchvision (diffusers_unconditional case)",
    "tqdm": "tqdm (diffusers_unconditional case)"}
OWN_CHECKOUT["diffusers_unconditional"] = "DIFFUSERS_EXAMPLES"
REPOSITORY_CHECKOUTS["DIFFUSERS_EXAMPLES"] = ("huggingface/diffusers", "DIFFUSERS_COMMIT")
CHECKOUT_ROW["diffusers_unconditional"] = ("huggingface/diffusers "
                                           "examples/unconditional_image_generation")


# flax_nnx_mnist runs the Flax NNX MNIST tutorial as it was when it printed its metrics
# (google/flax `docs_nnx/mnist_tutorial.md` at the commit in VERSIONS.md, January 2025; later
# versions plot them or write them to TensorBoard instead), on the Flax, JAX and Optax of then
# (the tutorial's `nnx.Optimizer(model, tx)` and `optimizer.update(grads)` are that API):
#
#     python -m venv ~/nnx-venv
#     ~/nnx-venv/bin/pip install jax==0.4.38 jaxlib==0.4.38 flax==0.10.2 optax==0.2.4
#     git clone https://github.com/google/flax ~/flax-nnx
#     git -C ~/flax-nnx checkout 62688664e8060e2b4598948b9e0700632ee13f85
#     export FLAX_DOCS_NNX=~/flax-nnx/docs_nnx
#     export FLAX_DOCS_NNX_COMMIT=$(git -C ~/flax-nnx rev-parse HEAD)
#     ~/nnx-venv/bin/python tests/corpus/make_corpus.py flax_nnx_mnist


def notebook_cells(path: str) -> list[str]:
    """The code cells of a MyST notebook (jupytext's `{code-cell}` blocks), each without its
    `:tags:`/`:outputId:` options."""
    cells: list[str] = []
    lines: list[str] | None = None
    with open(path) as f:
        for line in f:
            if line.startswith("```{code-cell}"):
                lines = []
            elif lines is not None and line.startswith("```"):
                cells.append("".join(lines).strip("\n") + "\n")
                lines = None
            elif lines is not None and not (not lines and line.startswith(":")):
                lines.append(line)
    return cells


def flax_nnx_mnist() -> Truth:
    """The Flax NNX MNIST tutorial (google/flax `docs_nnx/mnist_tutorial.md`, from the folder
    named by `FLAX_DOCS_NNX`; commit in VERSIONS.md): its code cells run in order as one
    program, as the notebook runs them, up to its training loop (the plots and predictions
    after it are left out), CPU. One cell is replaced: the second, which loads MNIST through
    tensorflow_datasets (a download) and sets `train_steps = 1200`, `eval_every = 200`,
    `batch_size = 32` (checked): here `train_steps = 150`, `eval_every = 25` (1200 steps take
    4 minutes on this CPU), `batch_size = 32`, and its `train_ds` and `test_ds` are synthetic
    images of MNIST's shape (28x28x1 in [0, 1], 10 classes: a faint pattern a class under
    noise), the training batches drawn at random, `train_steps` of them as its
    `take(train_steps)` gives, the test set 640 images (MNIST's: 10,000) in batches of 32. Its cells print `nnx.display(model)`,
    the model's output and the optimizer (reprs of modules and arrays: no metrics) and, at
    each evaluation, `[train] step: 200, loss: 0.35234335, accuracy: 88.90625` and `[test]
    step: 200, loss: ..., accuracy: ...` (the float32 values as numpy prints them). Truth: the
    tutorial's `metrics_history` dict, its last entries read as each line is printed (`print`
    in the cells' globals is a wrapper that reads the printing frame), keyed as the dict keys
    them (`train_loss`, `train_accuracy`, `test_loss`, `test_accuracy`: the `[train]` or
    `[test]` before the line's `loss` and `accuracy`), the accuracies times 100 as printed, at
    the printed `step` (the loop's `enumerate` index, from 0)."""
    import builtins

    import numpy as np

    folder = os.environ.get("FLAX_DOCS_NNX")
    path = os.path.join(folder or "", "mnist_tutorial.md")
    if not folder or not os.path.exists(path):
        raise SystemExit("set FLAX_DOCS_NNX to a google/flax checkout's docs_nnx folder")
    cells = notebook_cells(path)
    data = next(i for i, cell in enumerate(cells) if "tfds.load('mnist'" in cell)
    loop = next(i for i, cell in enumerate(cells) if "metrics_history = {" in cell)
    settings = [line for line in cells[data].splitlines()
                if re.match(r"(train_steps|eval_every|batch_size) = \d+$", line)]
    if settings != ["train_steps = 1200", "eval_every = 200", "batch_size = 32"]:
        raise SystemExit(f"flax_nnx_mnist: the data cell's settings are {settings}")
    truth: Truth = []

    class Split:
        """Synthetic images of MNIST's shape in batches of `batch_size`, as the tutorial's
        `tf.data` pipeline gives them: `batches` of them (`None`: each image once, in order),
        drawn at random for training as its `repeat().shuffle(1024)` does."""

        def __init__(self, n: int, seed: int, batch_size: int, batches: int | None) -> None:
            patterns = np.random.default_rng(0).uniform(size=(10, 28, 28, 1))
            self.rng = np.random.default_rng(seed)
            self.labels = np.arange(n) % 10
            noise = self.rng.uniform(size=(n, 28, 28, 1))
            self.images = (0.3 * patterns[self.labels] + 0.7 * noise).astype(np.float32)
            self.batch_size, self.batches = batch_size, batches

        def as_numpy_iterator(self) -> Any:
            n = len(self.labels)
            count = self.batches if self.batches is not None else n // self.batch_size
            for b in range(count):
                index = (self.rng.integers(0, n, self.batch_size) if self.batches is not None
                         else np.arange(b * self.batch_size, (b + 1) * self.batch_size))
                yield {"image": self.images[index], "label": self.labels[index]}

    def printed(*args: Any, **kwargs: Any) -> None:
        frame = sys._getframe(1)
        text = str(args[0]) if args else ""
        history, step = frame.f_globals.get("metrics_history"), frame.f_globals.get("step")
        for split in ("train", "test"):
            if text.startswith(f"[{split}] step:") and history is not None:
                truth.extend([point(f"{split}_loss", history[f"{split}_loss"][-1], step),
                              point(f"{split}_accuracy",
                                    history[f"{split}_accuracy"][-1] * 100, step)])
        builtins.print(*args, **kwargs)

    namespace: dict[str, Any] = {"__name__": "__main__", "print": printed}
    namespace.update(train_steps=150, eval_every=25, batch_size=32)
    namespace["train_ds"] = Split(6400, 1, namespace["batch_size"], namespace["train_steps"])
    namespace["test_ds"] = Split(640, 2, namespace["batch_size"], None)
    for i, cell in enumerate(cells[: loop + 1]):
        if i != data and not cell.lstrip().startswith("# !pip"):
            exec(compile(cell, f"mnist_tutorial cell {i + 1}", "exec"), namespace)
    if len(truth) != 4 * 6:
        raise SystemExit(f"flax_nnx_mnist: {len(truth)} points printed, not 24")
    return truth


CASES["flax_nnx_mnist"] = flax_nnx_mnist
OWN_ENVIRONMENT["flax_nnx_mnist"] = {
    "jax": "jax (flax_nnx_mnist case)", "jaxlib": "jaxlib (flax_nnx_mnist case)",
    "flax": "flax (flax_nnx_mnist case)", "optax": "optax (flax_nnx_mnist case)",
    "numpy": "numpy (flax_nnx_mnist case)"}
OWN_CHECKOUT["flax_nnx_mnist"] = "FLAX_DOCS_NNX"
REPOSITORY_CHECKOUTS["FLAX_DOCS_NNX"] = ("google/flax", "FLAX_DOCS_NNX_COMMIT")
CHECKOUT_ROW["flax_nnx_mnist"] = "google/flax docs_nnx/mnist_tutorial.md"


# AutoGluon's tabular predictor, in an environment of its own (no torch: its tabular models
# here are LightGBM's and scikit-learn's):
#
#     python -m venv ~/autogluon-venv
#     ~/autogluon-venv/bin/pip install "autogluon.tabular[lightgbm]"
#     ~/autogluon-venv/bin/python tests/corpus/make_corpus.py autogluon_tabular


def autogluon_tabular() -> Truth:
    """AutoGluon's `TabularPredictor(label="label", path=..., verbosity=2).fit(table,
    hyperparameters={"GBM": {}, "RF": {}})` on a synthetic table (400 rows, 5 numeric
    columns, a two-class label of `yes` and `no` from two of them and noise), CPU: it holds out
    80 rows to validate, fits LightGBM, a random forest and its weighted ensemble, and prints
    through its logger (`autogluon/tabular/trainer/abstract_trainer.py`, `_log_model_stats`) after
    each `Fitting model: LightGBM ...` a `\t0.85\t = Validation score   (accuracy)` line
    and the runtimes, after its start-up (system info, presets, the feature generators, the
    memory). Truth: the predictor's own `leaderboard()`, each model's `score_val` in the order
    it was fitted (`fit_order`), keyed as printed (`Validation_score_(accuracy)`) with no step:
    the lines name a model, not a step of one series (as sklearn_grid's candidates). Left out:
    the runtimes and the inference throughput (timings), the memory and disk figures, and the
    ensemble's weights (`Ensemble Weights: {'LightGBM': 1.0}`: how it mixes the models, not a
    measure)."""
    import numpy as np
    import pandas as pd
    from autogluon.tabular import TabularPredictor

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 5))
    y = x[:, 0] + 0.5 * x[:, 1] + 0.5 * rng.normal(size=400) > 0
    table = pd.DataFrame(x, columns=[f"x{i}" for i in range(5)])
    table["label"] = np.where(y, "yes", "no")
    path = os.path.join(tempfile.mkdtemp(), "predictor")
    predictor = TabularPredictor(label="label", path=path, verbosity=2)
    predictor.fit(table, hyperparameters={"GBM": {}, "RF": {}})
    board = predictor.leaderboard(silent=True).sort_values("fit_order")
    metric = predictor.eval_metric.name
    import shutil

    shutil.rmtree(os.path.dirname(path))
    return [point(f"Validation_score_({metric})", score, None) for score in board["score_val"]]


CASES["autogluon_tabular"] = autogluon_tabular
OWN_ENVIRONMENT["autogluon_tabular"] = {
    "autogluon.tabular": "autogluon.tabular", "autogluon.core": "autogluon.core",
    "lightgbm": "lightgbm (autogluon_tabular case)",
    "scikit-learn": "scikit-learn (autogluon_tabular case)",
    "pandas": "pandas (autogluon_tabular case)"}


def numpyro_svi() -> Truth:
    """NumPyro's `SVI.run(rng_key, 400, data)` (its `progress_bar=True` by default) of the
    example in `SVI`'s docstring (numpyro `numpyro/infer/svi.py`: a coin's fairness, a `Beta`
    guide with the `alpha_q`, `beta_q` params, `numpyro.optim.Adam(step_size=0.0005)`, 10
    tosses; 400 steps instead of 2000), JAX on the CPU. `run` draws a tqdm bar over the steps
    and every `num_steps // 20` steps (20) sets its postfix, `init loss: 12.6513, avg. loss
    [21-40]: 7.0921` (`set_postfix_str(..., refresh=False)`: drawn with the step's counter).
    tqdm draws at most every 0.1 s and the jitted steps take microseconds, so most of those
    postfixes would never be drawn, and which ones are depends on timing: the case sets tqdm's
    own `TQDM_MININTERVAL=0` and `TQDM_MINITERS=1`, so the bar is drawn at every step. Truth:
    the values `run` passes to `set_postfix_str` (the losses it keeps and the average it
    computes, read from its frame by a wrapper of `set_postfix_str`): `losses[0]` as
    `init_loss`, once, at the bar's counter when it is first drawn (it does not change), and
    `avg_loss` as `avg._loss` at the counter it is drawn with, the step `i` that ends its
    range; both checked against the `losses` that `run` returns."""
    os.environ.update(TQDM_MININTERVAL="0", TQDM_MINITERS="1", JAX_PLATFORMS="cpu")
    import jax.numpy as jnp
    import numpy as np
    import numpyro
    import numpyro.distributions as dist
    import tqdm
    from jax import random
    from numpyro.distributions import constraints
    from numpyro.infer import SVI, Trace_ELBO

    truth: Truth = []
    set_postfix_str = tqdm.std.tqdm.set_postfix_str

    def recorded(self: Any, s: str = "", refresh: bool = True) -> Any:
        f = sys._getframe(1).f_locals
        if not truth:
            truth.append(point("init_loss", f["losses"][0], f["i"]))
        truth.append(point("avg._loss", f["avg_loss"], f["i"]))
        return set_postfix_str(self, s, refresh)

    tqdm.std.tqdm.set_postfix_str = recorded  # type: ignore[method-assign]

    def model(data: Any) -> None:
        f = numpyro.sample("latent_fairness", dist.Beta(10, 10))
        with numpyro.plate("N", data.shape[0] if data is not None else 10):
            numpyro.sample("obs", dist.Bernoulli(f), obs=data)

    def guide(data: Any) -> None:
        alpha_q = numpyro.param("alpha_q", 15., constraint=constraints.positive)
        beta_q = numpyro.param("beta_q", lambda rng_key: random.exponential(rng_key),
                               constraint=constraints.positive)
        numpyro.sample("latent_fairness", dist.Beta(alpha_q, beta_q))

    data = jnp.concatenate([jnp.ones(6), jnp.zeros(4)])
    optimizer = numpyro.optim.Adam(step_size=0.0005)
    svi = SVI(model, guide, optimizer, loss=Trace_ELBO())
    svi_result = svi.run(random.key(0), 400, data)
    losses = np.asarray(svi_result.losses, dtype=np.float64)
    averages = [p for p in truth if p["key"] == "avg._loss"]
    if (truth[0]["value"] != float(np.float32(losses[0])) or len(averages) != 20
            or any(abs(p["value"] - losses[p["step"] - 20:p["step"]].mean()) > 1e-4
                   for p in averages)):
        raise SystemExit(f"numpyro_svi: the postfixes {truth} are not run's losses")
    return truth


CASES["numpyro_svi"] = numpyro_svi
OWN_ENVIRONMENT["numpyro_svi"] = {"numpyro": "numpyro", "jax": "jax (numpyro case)",
                                  "jaxlib": "jaxlib (numpyro case)",
                                  "numpy": "numpy (numpyro case)", "tqdm": "tqdm (numpyro case)"}


def hyperopt_fmin() -> Truth:
    """Hyperopt's `fmin(objective, space, algo=tpe.suggest, max_evals=40, trials=Trials(),
    rstate=np.random.default_rng(0), show_progressbar=True)` of a function of two variables
    (`hp.uniform("x", -5, 5)`, `hp.loguniform("lr", log(1e-4), log(1))`: a quadratic in `x`
    and in `log10(lr)`), then `print(best)` as hyperopt's documentation does. The objective
    pauses 0.12 s, longer than tqdm's 0.1 s minimum interval, so every trial's update is drawn.
    hyperopt's bar: `100%|██████████| 40/40 [00:05<00:00,  7.92trial/s, best loss: 0.037705143070980524]`.
    Truth: what `FMinIter.run` passes to the bar, read from its frame by a wrapper of the bar's
    `update` (hyperopt sets `progress_ctx.postfix = "best loss: " + str(best_loss)`, then
    calls `update`): its `best_loss` (the least loss of the trials done, `Trials.losses()`,
    checked) as `best_loss` at the bar's counter after the update (the number of trials
    done), where it is new: a trial that finds no better loss redraws the same value, the
    same point again. `print(best)` prints the best parameters: settings, not a metric."""
    import contextlib
    import math
    import time
    from collections.abc import Iterator

    import hyperopt.progress
    import numpy as np
    from hyperopt import STATUS_OK, Trials, fmin, hp, tpe

    passed: Truth = []  # every update's
    bar = hyperopt.progress.default_callback

    @contextlib.contextmanager
    def recorded(initial: int, total: int) -> Iterator[Any]:
        with bar(initial=initial, total=total) as pbar:
            update = pbar.update

            def updated(n: int = 1) -> Any:
                done = update(n)
                passed.append(point("best_loss", sys._getframe(1).f_locals["best_loss"],
                                    pbar.n))
                return done

            pbar.update = updated
            yield pbar

    hyperopt.progress.default_callback = recorded

    def objective(params: dict[str, float]) -> dict[str, Any]:
        time.sleep(0.12)
        loss = (params["x"] - 1.5) ** 2 + 0.5 * (math.log10(params["lr"]) + 2) ** 2
        return {"loss": loss, "status": STATUS_OK}

    space = {"x": hp.uniform("x", -5, 5), "lr": hp.loguniform("lr", math.log(1e-4), 0)}
    trials = Trials()
    best = fmin(objective, space, algo=tpe.suggest, max_evals=40, trials=trials,
                rstate=np.random.default_rng(0), show_progressbar=True)
    print(best)
    losses = trials.losses()
    if [p["step"] for p in passed] != list(range(1, 41)) or any(
            p["value"] != min(losses[:p["step"]]) for p in passed):
        raise SystemExit(f"hyperopt_fmin: the bar's updates {passed} are not the trials'")
    return [p for before, p in zip([None, *passed], passed)
            if before is None or p["value"] != before["value"]]


CASES["hyperopt_fmin"] = hyperopt_fmin
OWN_ENVIRONMENT["hyperopt_fmin"] = {"hyperopt": "hyperopt", "numpy": "numpy (hyperopt case)",
                                    "tqdm": "tqdm (hyperopt case)"}


def skopt_verbose() -> Truth:
    """scikit-optimize's `gp_minimize(objective, [(-2.0, 2.0)], n_calls=15, n_initial_points=5,
    random_state=0, verbose=True, callback=[record])` of a noiseless function of one variable
    (skopt's own documentation's `(np.sin(5 * x) * (1 - np.tanh(x ** 2)))`). Its
    `VerboseCallback` prints, for each call, `Iteration No: 3 started. Evaluating function at
    random point.` and, when it is done, `Iteration No: 3 ended. Evaluation done at random
    point.`, `Time taken: 0.0012`, `Function value obtained: -0.1234`, `Current minimum:
    -0.5678` (`%0.4f`); from the sixth call on, `Searching for the next optimal point.`.
    Truth: the result the callbacks are given after each call (the user's callback runs
    before the verbose one, on the same result): `res.func_vals[-1]` as
    `Function_value_obtained` and `res.fun` (the least so far) as `Current_minimum`, at the
    iteration printed (`len(res.func_vals)`, from 1); checked against the result
    `gp_minimize` returns. `Time taken` is a timing."""
    import numpy as np
    from skopt import gp_minimize

    truth: Truth = []

    def record(res: Any) -> None:
        truth.extend([point("Function_value_obtained", res.func_vals[-1], len(res.func_vals)),
                      point("Current_minimum", res.fun, len(res.func_vals))])

    def objective(x: list[float]) -> float:
        return float(np.sin(5 * x[0]) * (1 - np.tanh(x[0] ** 2)))

    res = gp_minimize(objective, [(-2.0, 2.0)], n_calls=15, n_initial_points=5,
                      random_state=0, verbose=True, callback=[record])
    values = [p["value"] for p in truth if p["key"] == "Function_value_obtained"]
    if values != list(res.func_vals) or truth[-1]["value"] != res.fun:
        raise SystemExit(f"skopt_verbose: the callbacks saw {truth}, not the result's")
    return truth


CASES["skopt_verbose"] = skopt_verbose
OWN_ENVIRONMENT["skopt_verbose"] = {"scikit-optimize": "scikit-optimize",
                                    "scikit-learn": "scikit-learn (skopt case)",
                                    "scipy": "scipy (skopt case)",
                                    "numpy": "numpy (skopt case)"}


# --- Keras and Lightning callbacks, d2l's train_ch6 ---------------------------------------------
# keras_callbacks and lightning_callbacks run in the corpus environment; d2l_train_ch6 alone.


def keras_callbacks() -> Truth:
    """Keras 3 `fit(x, y, validation_data=(x_val, y_val), verbose=2)` of a small classifier on
    synthetic data (240 samples to train in batches of 16, 80 to validate), Adam 0.05, up to
    30 epochs, with three callbacks printing: `ModelCheckpoint("best.keras", monitor="val_loss",
    save_best_only=True, verbose=1)` (`Epoch 3: val_loss improved from 0.55694 to 0.55223,
    saving model to best.keras`, `Epoch 3: finished saving model to best.keras`, `Epoch 2:
    val_loss did not improve from 0.55694`), `ReduceLROnPlateau(monitor="val_loss", factor=0.5,
    patience=1, verbose=1)` (`Epoch 2: ReduceLROnPlateau reducing learning rate to
    0.02500000037252903.`) and `EarlyStopping(monitor="val_loss", patience=3, verbose=1,
    restore_best_weights=True)` (`Epoch 7: early stopping`, `Restoring model weights from the
    end of the best epoch: 4.`), between the epochs' `15/15 - 0s - 14ms/step - accuracy: ...
    - loss: ... - val_accuracy: ... - val_loss: ... - learning_rate: 0.0500` lines. Run from a
    temporary folder, so the checkpoint's path is printed as the relative `best.keras`. Truth:
    `History.history` at the epoch as printed (from 1), as keras_v2's; the callbacks' lines
    repeat values of the history (the best and the new `val_loss`, the learning rate the next
    epoch's line prints) and are no points of their own."""
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras
    import numpy as np

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(320, 6)).astype("float32")
    y = (x[:, 0] + x[:, 1] + 1.5 * rng.normal(size=320) > 0).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy",
                  metrics=["accuracy"])
    callbacks = [
        keras.callbacks.ModelCheckpoint("best.keras", monitor="val_loss", save_best_only=True,
                                        verbose=1),
        keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=1,
                                          verbose=1),
        keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, verbose=1,
                                      restore_best_weights=True)]
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as out:
        os.chdir(out)
        try:
            history = model.fit(x[:240], y[:240], epochs=30, batch_size=16,
                                validation_data=(x[240:], y[240:]), verbose=2,
                                callbacks=callbacks)
        finally:
            os.chdir(here)
    epochs = len(history.history["loss"])
    if epochs == 30 or callbacks[2].stopped_epoch != epochs - 1:
        raise SystemExit(f"keras_callbacks: EarlyStopping did not stop the fit ({epochs} epochs)")
    return [point(key, v, epoch + 1)
            for key, values in history.history.items() for epoch, v in enumerate(values)]


CASES["keras_callbacks"] = keras_callbacks


def lightning_callbacks() -> Truth:
    """Lightning `fit` with its tqdm bar (`TQDMProgressBar`, named, as Lightning 2.6 picks its
    rich bar by default when rich is installed), `max_epochs=6` of 20 batches, the Lightning
    cases' classifier (`train_loss` every step, `val_loss` and `val_acc` every epoch, all on
    the bar) on noisier labels, so that the validation loss stops improving, and two callbacks
    printing: `EarlyStopping(monitor="val_loss", patience=2, verbose=True)` (`Metric val_loss
    improved. New best score: 0.718`, `Metric val_loss improved by 0.010 >= min_delta = 0.0.
    New best score: 0.708`, `Monitored metric val_loss did not improve in the last 2 records.
    Best score: 0.704. Signaling Trainer to stop.`) and `ModelCheckpoint(monitor="val_loss",
    verbose=True)` (`Epoch 0, global step 20: 'val_loss' reached 0.71790 (best 0.71790),
    saving model to './csv/version_0/checkpoints/epoch=0-step=20.ckpt' as top 1`, `Epoch 3,
    global step 80: 'val_loss' was not in top 1`), run from a temporary folder (the paths
    print relative). Truth: the CSVLogger's metrics.csv, each value at its row's `step`, as
    the lightning case's; the callbacks' lines repeat the logged `val_loss` (rounded) and are
    no points of their own."""
    import csv

    import lightning as L
    import torch
    from lightning.pytorch.callbacks import EarlyStopping, ModelCheckpoint, TQDMProgressBar
    from lightning.pytorch.loggers import CSVLogger

    L.seed_everything(0)
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(384, 8, generator=gen)
    y = (x[:, 0] + 0.5 * x[:, 1] + 3.0 * torch.randn(384, generator=gen) > 0).long()

    Model = _lightning_classifier()
    data = torch.utils.data.TensorDataset
    train = torch.utils.data.DataLoader(data(x[:320], y[:320]), batch_size=16)
    valid = torch.utils.data.DataLoader(data(x[320:], y[320:]), batch_size=32)
    stopping = EarlyStopping(monitor="val_loss", patience=2, verbose=True)
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as out:
        os.chdir(out)
        try:
            trainer = L.Trainer(max_epochs=6, logger=CSVLogger(".", name="csv"),
                                accelerator="cpu", log_every_n_steps=1, default_root_dir=".",
                                callbacks=[TQDMProgressBar(), stopping,
                                           ModelCheckpoint(monitor="val_loss", verbose=True)])
            trainer.fit(Model(), train, valid)
            with open(os.path.join(trainer.logger.log_dir, "metrics.csv")) as f:
                rows = list(csv.DictReader(f))
        finally:
            os.chdir(here)
    if not stopping.stopped_epoch or trainer.current_epoch >= 6:
        raise SystemExit("lightning_callbacks: EarlyStopping did not stop the fit")
    return [point(key, float(row[key]), int(row["step"]))
            for row in rows for key in ("train_loss", "val_loss", "val_acc") if row.get(key)]


CASES["lightning_callbacks"] = lightning_callbacks


# d2l_train_ch6 runs alone, in an environment of its own (the d2l package on PyPI pins old
# versions of torch and numpy; the case takes the functions from a checkout instead):
#
#     python -m venv ~/d2l-venv
#     ~/d2l-venv/bin/pip install torch==2.13.0 matplotlib ipython matplotlib-inline
#     git clone https://github.com/d2l-ai/d2l-en ~/d2l-en
#     export D2L=~/d2l-en D2L_COMMIT=$(git -C ~/d2l-en rev-parse HEAD)
#     ~/d2l-venv/bin/python tests/corpus/make_corpus.py d2l_train_ch6

# What train_ch6 calls of `d2l/torch.py`, taken from it as they are: the module's own
# definitions and the aliases it defines at its end.
D2L_NAMES = ["use_svg_display", "set_axes", "Timer", "Accumulator", "accuracy",
             "evaluate_accuracy_gpu", "train_ch6", "Animator", "size", "reduce_sum", "argmax",
             "astype"]


def d2l_module(path: str) -> Any:
    """A `d2l` module holding D2L_NAMES from the `d2l/torch.py` at `path` (their source as it
    is), beside the imports they use (torch, nn, numpy, time, IPython's `display`,
    matplotlib's `pyplot` as `plt`, `backend_inline`)."""
    import ast
    import time
    import types

    import numpy as np
    import torch
    from IPython import display
    from matplotlib import pyplot as plt
    from matplotlib_inline import backend_inline

    with open(path) as f:
        source = f.read()
    tree = ast.parse(source)
    found: dict[str, str] = {}
    for node in tree.body:
        names = [node.name] if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else [
            target.id for target in getattr(node, "targets", []) if isinstance(target, ast.Name)]
        for name in names:
            if name in D2L_NAMES:
                found[name] = ast.get_source_segment(source, node) or ""
    missing = set(D2L_NAMES) - set(found)
    if missing:
        raise SystemExit(f"d2l_train_ch6: {path} defines no {sorted(missing)}")
    d2l = types.ModuleType("d2l")
    d2l.__dict__.update(torch=torch, nn=torch.nn, np=np, time=time, display=display, plt=plt,
                        backend_inline=backend_inline, d2l=d2l)
    exec(compile("\n\n".join(found[name] for name in D2L_NAMES), path, "exec"), d2l.__dict__)
    return d2l


def d2l_train_ch6() -> Truth:
    """Dive into Deep Learning's `train_ch6` (PyTorch edition, `d2l/torch.py` of the checkout
    named by `D2L`; with `Animator`, `Accumulator`, `Timer`, `evaluate_accuracy_gpu`,
    `accuracy` and what they call, as they are: d2l_module) training the book's LeNet (the
    `nn.Sequential` of `chapter_convolutional-neural-networks/lenet.md`, sigmoid activations,
    average pooling) with its `lr` 0.9 for 3 epochs (the book: 10) on the CPU (the device the
    book's `d2l.try_gpu()` returns here), on synthetic Fashion-MNIST-shaped data instead of
    the download (4096 training and 256 test images of 1x28x28, 10 classes: noise around a
    mean of each class's own), batches of 64 (the book: 256). The Animator draws with
    matplotlib off screen (Agg); outside a notebook IPython's `display` prints the figure's
    repr, `<Figure size 350x250 with 1 Axes>`, and `clear_output(wait=True)` writes
    `\x1b[2K\r` on stdout and on stderr, at each of its updates (6 an epoch, and one after
    the epoch's test). It prints `training on cpu`, then at the end `loss 2.309, train acc
    0.101, test acc 0.113` and `3347.6 examples/sec on cpu` (the sigmoid LeNet has not begun
    to learn after 3 such epochs). Truth: the function's own `train_l`, `train_acc` and
    `test_acc`, read from its frame by its `print` as the line is printed, keyed as printed
    (`loss`, `train_acc`, `test_acc`), no step (the
    line names none). The examples/sec figure is a throughput, left out."""
    import builtins

    folder = os.environ.get("D2L")
    path = os.path.join(folder or "", "d2l", "torch.py")
    if not folder or not os.path.exists(path):
        raise SystemExit("set D2L to a d2l-ai/d2l-en checkout")
    os.environ["MPLBACKEND"] = "Agg"
    import torch
    from torch import nn

    d2l = d2l_module(path)
    truth: Truth = []

    def printed(*args: Any, **kwargs: Any) -> None:
        if args and isinstance(args[0], str) and args[0].startswith("loss "):
            values = sys._getframe(1).f_locals
            truth.extend([point("loss", values["train_l"], None),
                          point("train_acc", values["train_acc"], None),
                          point("test_acc", values["test_acc"], None)])
        builtins.print(*args, **kwargs)

    d2l.print = printed
    torch.manual_seed(0)
    torch.set_num_threads(1)
    x, y = _classes(4352, (1, 28, 28), 0, 2.0)
    x = (x - x.min()) / (x.max() - x.min())
    data = torch.utils.data
    train_iter = data.DataLoader(data.TensorDataset(x[:4096], y[:4096]), 64, shuffle=True)
    test_iter = data.DataLoader(data.TensorDataset(x[4096:], y[4096:]), 64, shuffle=False)
    net = nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(),
        nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(),
        nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(),
        nn.Linear(120, 84), nn.Sigmoid(),
        nn.Linear(84, 10))
    lr, num_epochs = 0.9, 3
    d2l.train_ch6(net, train_iter, test_iter, num_epochs, lr, torch.device("cpu"))
    if len(truth) != 3:
        raise SystemExit(f"d2l_train_ch6: train_ch6 printed {len(truth) // 3} summaries")
    return truth


CASES["d2l_train_ch6"] = d2l_train_ch6
OWN_ENVIRONMENT["d2l_train_ch6"] = {name: f"{name} (d2l_train_ch6 case)" for name in
                                    ("torch", "numpy", "matplotlib", "ipython",
                                     "matplotlib-inline")}
OWN_CHECKOUT["d2l_train_ch6"] = "D2L"
REPOSITORY_CHECKOUTS["D2L"] = ("d2l-ai/d2l-en", "D2L_COMMIT")


# --- scikit-learn's other verbose fits, LightGBM's and XGBoost's cross-validation --------------
# They run in the environment above (scikit-learn, LightGBM, XGBoost, pandas for xgboost.cv's
# DataFrame).


def _sgd_replay(model: Any, x: Any, y: Any, classes: Any, epochs: int,
                loss: Callable[[float, float], float]) -> list[tuple[float, float, Any]]:
    """The `Avg. loss` and `Objective` of each of `epochs` epochs of `model`'s fit of x, y
    (shuffle off; x, y the samples it trains on: with early stopping, those outside its
    validation split, in their order), from the library's own state: `_plain_sgd` sums, over
    the epoch, its loss
    function at the prediction made before each sample's update, and for the objective that
    loss plus alpha / 2 times the squared norm of the weights then (L2 penalty); neither sum is
    kept anywhere Python can read. A clone, fed the same samples one at a time by
    `partial_fit` (the same `_plain_sgd`, the same learning-rate schedule through `t_`),
    holds the weights before each update; with the sums, each epoch's last weights and bias,
    for the caller to check that they are the fit's."""
    import numpy as np
    from sklearn.base import clone

    replay = clone(model).set_params(verbose=0, early_stopping=False)
    sums = []
    for _ in range(epochs):
        total = objective = 0.0
        for i in range(len(x)):
            coef = replay.coef_.ravel() if hasattr(replay, "coef_") else np.zeros(x.shape[1])
            bias = float(np.ravel(replay.intercept_)[0]) if hasattr(replay, "coef_") else 0.0
            value = loss(float(x[i] @ coef + bias), y[i])
            total += value
            objective += value + model.alpha * 0.5 * float(coef @ coef)
            replay.partial_fit(x[i:i + 1], y[i:i + 1], **(
                {} if classes is None else {"classes": classes}))
        sums.append((total / len(x), objective / len(x),
                     np.append(replay.coef_.ravel(), replay.intercept_)))
    return sums


def _sgd_loss(model: Any) -> Callable[[float, float], float]:
    """The loss of a prediction p of a target, by the loss object the fitted SGD estimator
    gives `_plain_sgd` (`_get_loss_function`): a classifier's targets are +1 for its second
    class and -1 for the other, as `fit_binary` makes them."""
    import numpy as np

    loss = model._get_loss_function(model.loss)
    if hasattr(model, "classes_"):
        positive = model.classes_[1]
        return lambda p, target: float(loss.py_loss(p, 1.0 if target == positive else -1.0))

    def regression(p: float, target: float) -> float:
        out = np.empty(1)
        loss.loss(np.array([target], float), np.array([p], float), None, out, 1)
        return float(out[0])
    return regression


def sklearn_sgd_verbose() -> Truth:
    """SGDClassifier(verbose=1) (hinge loss, learning rate `optimal`) then SGDRegressor
    (verbose=1) (squared error, `invscaling`), 5 epochs each (`tol=None`: no early stop),
    then SGDClassifier(verbose=1, early_stopping=True, n_iter_no_change=3) (up to 30 epochs),
    all with `shuffle=False`: `-- Epoch 1`, `Norm: 41.70, NNZs: 6, Bias: -10.546019, T: 200,
    Avg. loss: 3.551407, Objective: 3.651093` (with early stopping `, Validation score:
    0.850000` after it), `Total training time: 0.00 seconds.`, printed by `_plain_sgd`
    (Cython) from its locals, and `Convergence after 5 epochs took 0.04 seconds`. Truth at
    the epoch (from 1): `Norm` and `Bias`, the norm of `coef_` and the `intercept_` of the
    same estimator fitted for that many epochs (`max_iter=k`: the first k epochs of a fit do
    not depend on `max_iter`); `Avg_loss` and `Objective`, sums `_plain_sgd` keeps in C
    locals only, from the library's own state and loss function (_sgd_replay), checked to
    reach the k-epoch fits' weights; `Validation_score`, what the estimator's
    `_ValidationScoreCallback` returns to `_plain_sgd` (a profile hook). `NNZs` (the count
    of non-zero weights: all 6 with an L2 penalty) and `T` (samples seen) are counts, the
    times timings."""
    import warnings

    import numpy as np
    from sklearn.base import clone
    from sklearn.datasets import make_classification, make_regression
    from sklearn.linear_model import SGDClassifier, SGDRegressor
    from sklearn.linear_model._stochastic_gradient import _ValidationScoreCallback
    from sklearn.exceptions import ConvergenceWarning

    truth: Truth = []
    x, y = make_classification(n_samples=200, n_features=6, random_state=0)
    xr, yr = make_regression(n_samples=200, n_features=6, noise=5.0, random_state=0)
    yr = yr / yr.std()
    scores: list[float] = []

    def score(frame: Any, value: Any) -> None:
        scores.append(float(value))

    fits = [(SGDClassifier(max_iter=5, tol=None, shuffle=False, random_state=0, verbose=1),
             x, y),
            (SGDRegressor(max_iter=5, tol=None, shuffle=False, random_state=0, verbose=1),
             xr, yr),
            (SGDClassifier(max_iter=30, early_stopping=True, n_iter_no_change=3,
                           shuffle=False, random_state=0, verbose=1), x, y)]
    for model, xs, ys in fits:
        del scores[:]
        stop = _returns([_ValidationScoreCallback.__call__], score)
        try:
            model.fit(xs, ys)
        finally:
            stop()
        # The samples it trained on, in order: all but the validation split's.
        train = ~model._make_validation_split(ys, np.ones(len(ys), bool))
        classes = getattr(model, "classes_", None)
        sums = _sgd_replay(model, xs[train], ys[train], classes, model.n_iter_,
                           _sgd_loss(model))
        if model.early_stopping and len(scores) != model.n_iter_:
            raise SystemExit("sklearn_sgd_verbose: not one validation score an epoch")
        for k, (avg_loss, objective, weights) in enumerate(sums, 1):
            with warnings.catch_warnings():  # the truth's own fits print nothing
                warnings.simplefilter("ignore", ConvergenceWarning)
                fitted = clone(model).set_params(verbose=0, max_iter=k).fit(xs, ys)
            if not np.allclose(weights, np.append(fitted.coef_.ravel(), fitted.intercept_),
                               rtol=1e-9, atol=1e-12):
                raise SystemExit(f"sklearn_sgd_verbose: the replay left the fit at epoch {k}")
            truth += [point("Norm", np.linalg.norm(fitted.coef_), k),
                      point("Bias", np.ravel(fitted.intercept_)[0], k),
                      point("Avg_loss", avg_loss, k), point("Objective", objective, k)]
            if model.early_stopping:
                truth.append(point("Validation_score", scores[k - 1], k))
    return truth


CASES["sklearn_sgd_verbose"] = sklearn_sgd_verbose


def _returns(functions: list[Any], seen: Callable[[Any, Any], None]) -> Callable[[], None]:
    """Calls seen(frame, value) as each of the functions returns (a profile hook, on this
    thread): their locals, and their callers', as they were when they printed. Returns the
    function that removes the hook."""
    codes = {function.__code__ for function in functions}

    def profile(frame: Any, event: str, value: Any) -> None:
        if event == "return" and frame.f_code in codes:
            seen(frame, value)

    sys.setprofile(profile)
    return lambda: sys.setprofile(None)


def sklearn_nmf_verbose() -> Truth:
    """NMF(solver="mu", verbose=1, max_iter=80, init="random"), then MiniBatchNMF(verbose=1,
    batch_size=20, max_iter=5), 4 components of a 120 x 20 matrix of absolute normal values:
    `Epoch 10 reached after 0.001 seconds, error: 26.912006` every 10 iterations
    (`_fit_multiplicative_update`), then `Minibatch step 1/30: mean batch cost:
    3.3893542139672888` and `Minibatch step 2/30: mean batch cost: 3.73..., ewa cost: 3.73...`
    (`_minibatch_convergence`, the full float), and each fit's ConvergenceWarning. Truth, read
    as the functions that print return: the value `_beta_divergence` returns to
    `_fit_multiplicative_update` in its loop (the one before the loop is the initial error,
    not printed) as `error` at that function's `n_iter`; `_minibatch_convergence`'s
    `batch_cost` and its estimator's `_ewa_cost` then (from step 2) as `mean_batch_cost` and
    `ewa_cost` at its `step` (from 1, as printed). The seconds are a timing."""
    import numpy as np
    from sklearn.decomposition import NMF, MiniBatchNMF, _nmf

    truth: Truth = []

    def seen(frame: Any, value: Any) -> None:
        if frame.f_code.co_name == "_beta_divergence":
            caller = frame.f_back
            if caller.f_code.co_name == "_fit_multiplicative_update" and (
                    "n_iter" in caller.f_locals):
                truth.append(point("error", value, caller.f_locals["n_iter"]))
            return
        values = frame.f_locals
        truth.append(point("mean_batch_cost", values["batch_cost"], values["step"]))
        if values["step"] > 1:
            truth.append(point("ewa_cost", values["self"]._ewa_cost, values["step"]))

    rng = np.random.default_rng(0)
    x = np.abs(rng.normal(size=(120, 20)))
    stop = _returns([_nmf._beta_divergence, MiniBatchNMF._minibatch_convergence], seen)
    try:
        nmf = NMF(n_components=4, solver="mu", max_iter=80, init="random", random_state=0,
                  verbose=1).fit(x)
        minibatch = MiniBatchNMF(n_components=4, batch_size=20, max_iter=5, random_state=0,
                                 verbose=1).fit(x)
    finally:
        stop()
    errors = [p for p in truth if p["key"] == "error"]
    if len(errors) != nmf.n_iter_ // 10 or errors[-1]["value"] != nmf.reconstruction_err_:
        raise SystemExit("sklearn_nmf_verbose: NMF's errors are not one each 10 iterations")
    if truth[-1]["step"] != minibatch.n_steps_:
        raise SystemExit("sklearn_nmf_verbose: MiniBatchNMF's steps are not its n_steps_")
    return truth


CASES["sklearn_nmf_verbose"] = sklearn_nmf_verbose


def sklearn_lda_verbose() -> Truth:
    """LatentDirichletAllocation(n_components=5, max_iter=10, evaluate_every=1, verbose=1)
    (batch learning) of a 200 x 60 matrix of synthetic word counts (Poisson): `iteration: 1 of
    max_iter: 10, perplexity: 180.9577` each iteration (`%.4f`). Truth: the value
    `_perplexity_precomp_distr` returns to `fit` inside its loop, read by a profile hook as it
    returns (the call after the loop, kept as `bound_` and not printed, is told apart by the
    line of `fit` it is called from), as `perplexity` at `fit`'s `i + 1` (as printed). The
    perplexity moves less than `perp_tol` (0.1) at the tenth: fit stops there."""
    import numpy as np
    from sklearn.decomposition import LatentDirichletAllocation

    rng = np.random.default_rng(0)
    topics = rng.dirichlet(np.full(60, 0.1), size=5)
    mixtures = rng.dirichlet(np.full(5, 0.3), size=200)
    x = rng.poisson(40 * mixtures @ topics)
    calls: list[tuple[int, int, float]] = []

    def seen(frame: Any, value: Any) -> None:
        caller = frame.f_back
        if caller.f_code.co_name == "fit":
            calls.append((caller.f_lineno, caller.f_locals["i"], value))

    model = LatentDirichletAllocation(n_components=5, max_iter=10, evaluate_every=1,
                                      random_state=0, verbose=1)
    stop = _returns([LatentDirichletAllocation._perplexity_precomp_distr], seen)
    try:
        model.fit(x)
    finally:
        stop()
    loop = min(line for line, _, _ in calls)
    after = [value for line, _, value in calls if line != loop]
    # n_iter_ counts the iterations before the one whose perplexity moved less than perp_tol.
    if after != [model.bound_] or len(calls) - 1 not in (model.n_iter_, model.n_iter_ + 1):
        raise SystemExit("sklearn_lda_verbose: not one perplexity an iteration and bound_")
    return [point("perplexity", value, i + 1) for line, i, value in calls if line == loop]


CASES["sklearn_lda_verbose"] = sklearn_lda_verbose


def sklearn_minibatch_kmeans() -> Truth:
    """MiniBatchKMeans(n_clusters=4, init="random", n_init=3, batch_size=32, max_iter=10,
    verbose=1) of 300 points around 4 centres (`make_blobs`): `Init 1/3 with method random`,
    `Inertia for init 1/3: 203.07...` (the full float), then `Minibatch step 1/93: mean batch
    inertia: 1.43...` and `Minibatch step 2/93: mean batch inertia: 1.27..., ewa inertia:
    1.27...` (`_mini_batch_convergence`), until `Converged (lack of improvement in inertia) at
    step 52/93`. Truth: `fit`'s `inertia` as its `print` of the init's line is called (a
    profile hook on the call of print from the line of `fit` that prints it), as `Inertia`, no step (the line names the
    init, `for init 1/3`, not a step; as sklearn_tsne's `KL_divergence`, the words that name
    the counter are not in the key); `_mini_batch_convergence`'s `batch_inertia` (divided by
    the batch size, as printed) and its estimator's `_ewa_inertia` (from step 2) as it
    returns, as `mean_batch_inertia` and `ewa_inertia` at its `step` (from 1, as printed).
    Left out: `[MiniBatchKMeans] Reassigning 1 cluster centers.` (a count)."""
    import linecache

    from sklearn.cluster import MiniBatchKMeans
    from sklearn.datasets import make_blobs

    x, _ = make_blobs(n_samples=300, centers=4, n_features=2, random_state=0)
    truth: Truth = []
    fit = MiniBatchKMeans.fit.__wrapped__ if hasattr(MiniBatchKMeans.fit, "__wrapped__") \
        else MiniBatchKMeans.fit
    convergence = MiniBatchKMeans._mini_batch_convergence.__code__

    def profile(frame: Any, event: str, value: Any) -> None:
        if event == "c_call" and value is print and frame.f_code is fit.__code__ and (
                "Inertia for init" in linecache.getline(frame.f_code.co_filename,
                                                        frame.f_lineno)):
            truth.append(point("Inertia", frame.f_locals["inertia"], None))
        elif event == "return" and frame.f_code is convergence:
            values = frame.f_locals
            truth.append(point("mean_batch_inertia", values["batch_inertia"], values["step"]))
            if values["step"] > 1:
                truth.append(point("ewa_inertia", values["self"]._ewa_inertia, values["step"]))

    model = MiniBatchKMeans(n_clusters=4, init="random", n_init=3, batch_size=32, max_iter=10,
                            random_state=0, verbose=1)
    sys.setprofile(profile)
    try:
        model.fit(x)
    finally:
        sys.setprofile(None)
    inits = [p for p in truth if p["key"] == "Inertia"]
    if len(inits) != 3 or truth[-1]["step"] != model.n_steps_:
        raise SystemExit("sklearn_minibatch_kmeans: not 3 inits and a point each step")
    return truth


CASES["sklearn_minibatch_kmeans"] = sklearn_minibatch_kmeans


def _cv_data() -> tuple[Any, Any]:
    """300 points of 5 features, a noisy linear boundary between two classes."""
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 5))
    y = (x[:, 0] + 0.5 * x[:, 1] + rng.normal(scale=0.8, size=300) > 0).astype(int)
    return x, y


def lightgbm_cv() -> Truth:
    """lightgbm.cv, 3 folds, 20 rounds, `eval_train_metric=True`, metrics `binary_logloss` and
    `auc`, with `log_evaluation(1)`: `[1]\\ttrain's binary_logloss: 0.597396 + 0.00860809\\t
    train's auc: 0.886769 + 0.0171082\\tvalid's binary_logloss: 0.605969 + 0.00917494\\tvalid's
    auc: 0.844738 + 0.0541293` (`%g`: the mean over the folds, then their standard deviation).
    Truth: the dict `cv` returns, `{data} {metric}-mean` and `-stdv` at the round (from 1, as
    printed), keyed as the lightgbm case keys `valid_0's l2` (`valid-binary_logloss`) and
    the deviation under the suffix `cv` gives it (`valid-binary_logloss-stdv`)."""
    import lightgbm as lgb

    x, y = _cv_data()
    history = lgb.cv({"objective": "binary", "metric": ["binary_logloss", "auc"],
                      "num_leaves": 4, "learning_rate": 0.2, "verbose": -1, "num_threads": 1,
                      "seed": 0},
                     lgb.Dataset(x, label=y), num_boost_round=20, nfold=3, seed=0,
                     eval_train_metric=True, callbacks=[lgb.log_evaluation(1)])
    truth: Truth = []
    for name, values in history.items():
        if name.endswith("-mean"):
            data, metric = name[: -len("-mean")].split(" ", 1)
            deviations = history[name[: -len("-mean")] + "-stdv"]
            truth += [point(f"{data}-{metric}", v, i + 1) for i, v in enumerate(values)]
            truth += [point(f"{data}-{metric}-stdv", v, i + 1) for i, v in enumerate(deviations)]
    return truth


CASES["lightgbm_cv"] = lightgbm_cv


def xgboost_cv() -> Truth:
    """xgboost.cv, 3 folds, 15 rounds, metrics `logloss` and `error`, `verbose_eval=True`:
    `[0]\\ttrain-logloss:0.56240+0.00448\\ttrain-error:0.16667+0.00471\\ttest-logloss:0.58211+
    0.00418\\ttest-error:0.19333+0.01700` (`EvaluationMonitor`, `.5f`: the mean over the
    folds, then their standard deviation). Truth: the DataFrame `cv` returns, its
    `{data}-{metric}-mean` column as `{data}-{metric}` (as the xgboost case keys `train-rmse`)
    and `{data}-{metric}-std` as it is, at the round (from 0, as printed)."""
    import xgboost as xgb

    x, y = _cv_data()
    frame = xgb.cv({"max_depth": 2, "eta": 0.3, "objective": "binary:logistic",
                    "eval_metric": ["logloss", "error"], "nthread": 1, "seed": 0},
                   xgb.DMatrix(x, label=y), num_boost_round=15, nfold=3, seed=0,
                   verbose_eval=True)
    truth: Truth = []
    for column in frame.columns:
        if column.endswith("-mean"):
            name = column[: -len("-mean")]
            truth += [point(name, v, i) for i, v in enumerate(frame[column])]
            truth += [point(f"{name}-std", v, i) for i, v in enumerate(frame[f"{name}-std"])]
    return truth


CASES["xgboost_cv"] = xgboost_cv
REPOSITORY_PACKAGES["pandas"] = "pandas (xgboost_cv case)"
# --- Values printed as their type's repr: tensors, NumPy 2 scalars, JAX arrays ------------------
# Each runs alone, in an environment of its own (torch CPU, torchmetrics, PEFT, JAX, Equinox,
# optax, CLU; versions in VERSIONS.md):
#
#     python -m venv ~/repr-venv && ~/repr-venv/bin/pip install torch==2.13.0
#     ~/repr-venv/bin/pip install torch==2.13.0 torchmetrics peft transformers scikit-learn \
#         jax equinox optax clu
#     git clone https://github.com/Lightning-AI/torchmetrics ~/torchmetrics   # its README
#     export TORCHMETRICS=~/torchmetrics TORCHMETRICS_COMMIT=$(git -C ~/torchmetrics rev-parse HEAD)
#     ~/repr-venv/bin/python tests/corpus/make_corpus.py torchmetrics_readme


def readme_block(path: str, marker: str) -> str:
    """The first ```python block of the Markdown file at `path` that holds `marker`."""
    with open(path) as f:
        text = f.read()
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        if marker in block:
            return str(block)
    raise SystemExit(f"{path} has no python block with {marker!r}")


def torchmetrics_readme() -> Truth:
    """torchmetrics' README (the checkout named by `TORCHMETRICS`): its single-device example,
    the README's code block run as it is (torch seeded with 0 first: the example draws random
    predictions): `Accuracy(task="multiclass", num_classes=5)` over 10 batches of 10,
    `print(f"Accuracy on batch {i}: {acc}")` a batch, then `print(f"Accuracy on all data:
    {acc}")` (0-dimensional tensors, which an f-string formats as their float:
    `Accuracy on batch 0: 0.20000000298023224`). Truth: the values the metric returned, read
    from the example's frame by its `print` as each line is printed: the batch's `acc` as
    `Accuracy` at `i` (the batch the line names, from 0), and `metric.compute()` as
    `Accuracy_on_all_data`, no step."""
    import builtins

    import torch

    folder = os.environ.get("TORCHMETRICS")
    if not folder or not os.path.exists(os.path.join(folder, "README.md")):
        raise SystemExit("set TORCHMETRICS to a Lightning-AI/torchmetrics checkout")
    source = readme_block(os.path.join(folder, "README.md"), 'print(f"Accuracy on batch {i}')
    truth: Truth = []

    def printed(*args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_locals
        text = str(args[0]) if args else ""
        if text.startswith("Accuracy on batch"):
            truth.append(point("Accuracy", float(values["acc"]), values["i"]))
        elif text.startswith("Accuracy on all data"):
            truth.append(point("Accuracy_on_all_data", float(values["acc"]), None))
        builtins.print(*args, **kwargs)

    torch.manual_seed(0)
    exec(compile(source, "README.md", "exec"), {"__name__": "__main__", "print": printed})
    if len(truth) != 11:
        raise SystemExit(f"torchmetrics_readme: {len(truth)} lines printed, not 11")
    return truth


CASES["torchmetrics_readme"] = torchmetrics_readme
OWN_ENVIRONMENT["torchmetrics_readme"] = {
    "torchmetrics": "torchmetrics", "torch": "torch (repr cases)",
    "numpy": "numpy (repr cases)"}
OWN_CHECKOUT["torchmetrics_readme"] = "TORCHMETRICS"
REPOSITORY_CHECKOUTS["TORCHMETRICS"] = ("Lightning-AI/torchmetrics", "TORCHMETRICS_COMMIT")


#     git clone https://github.com/huggingface/peft ~/peft   # examples/causal_language_modeling
#     export PEFT=~/peft PEFT_COMMIT=$(git -C ~/peft rev-parse HEAD)
#     ~/repr-venv/bin/python tests/corpus/make_corpus.py peft_prompt_tuning


def ipynb_cells(path: str) -> list[str]:
    """The code cells of a Jupyter notebook (`.ipynb`), in order."""
    with open(path) as f:
        notebook = json.load(f)
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


PEFT_WORDS = ["my", "order", "is", "late", "again", "thanks", "for", "the", "help", "great",
              "service", "still", "waiting", "on", "refund", "love", "this", "app", "why",
              "no", "reply", "today", "happy", "with", "support", "broken", "package", "fast"]


def peft_prompt_tuning() -> Truth:
    """PEFT's prompt-tuning example, huggingface/peft
    `examples/causal_language_modeling/peft_prompt_tuning_clm.ipynb` (the checkout named by
    `PEFT`): its optimizer cell and its training cell run as they are (`exec`, the notebook's
    own code), which prints after each epoch `print(f"{epoch=}: {train_ppl=}
    {train_epoch_loss=} {eval_ppl=} {eval_epoch_loss=}")`: `epoch=0: train_ppl=tensor(53.6)
    train_epoch_loss=tensor(3.98) ...`, the tensors' reprs, under tqdm's bars (`100%|...| 4/4`,
    on stderr). What the notebook downloads is made here instead: `bigscience/bloomz-560m`
    becomes a Bloom model of the same class built from a tiny `BloomConfig` (randomly
    initialised), the RAFT `twitter_complaints` set 32 made-up tweets labelled `complaint` or
    `no complaint`, laid out as its `preprocess_function` lays them out (`Tweet text : ...
    Label : ` then the label's tokens and the end token, left-padded to `max_length`, the
    labels -100 but for the label's tokens), its tokenizer a word-level one over the case's
    words (`PreTrainedTokenizerFast`: the training cell decodes the predictions with it), and
    `PromptTuningInit.TEXT` (which tokenizes its text with the downloaded tokenizer)
    `PromptTuningInit.RANDOM`; `get_peft_model` and `print_trainable_parameters()` as the
    notebook's model cell calls them; `num_epochs` 5 (the notebook's 50), its `lr` 3e-2, batches
    of 8, `max_length` 16 (its 64), CPU. Truth: the training cell's own variables, read from its
    frame by its `print` as each epoch's line is printed: `train_ppl`, `train_epoch_loss`,
    `eval_ppl`, `eval_epoch_loss` under those names at `epoch` (from 0, as printed)."""
    import builtins

    import torch
    from peft import PromptTuningConfig, PromptTuningInit, TaskType, get_peft_model
    from tokenizers import Tokenizer, models, pre_tokenizers
    from torch.utils.data import DataLoader
    from tqdm import tqdm
    from transformers import (BloomConfig, BloomForCausalLM, PreTrainedTokenizerFast,
                              default_data_collator, get_linear_schedule_with_warmup)

    folder = os.environ.get("PEFT")
    path = os.path.join(folder or "", "examples", "causal_language_modeling",
                        "peft_prompt_tuning_clm.ipynb")
    if not folder or not os.path.exists(path):
        raise SystemExit("set PEFT to a huggingface/peft checkout")
    cells = ipynb_cells(path)
    optimizer_cell = next(c for c in cells if "get_linear_schedule_with_warmup(" in c
                          and "optimizer = " in c)
    training_cell = next(c for c in cells if "{train_ppl=}" in c)
    torch.manual_seed(0)
    torch.set_num_threads(1)
    vocab = {word: i for i, word in enumerate(
        ["<pad>", "<unk>", "</s>", "Tweet", "text", ":", "Label", "complaint", *PEFT_WORDS])}
    words = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    words.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=words, pad_token="<pad>",
                                        eos_token="</s>", unk_token="<unk>")
    max_length, batch_size, lr, num_epochs = 16, 8, 3e-2, 5
    gen = torch.Generator().manual_seed(0)
    rows = []
    for n in range(32):
        tweet = [PEFT_WORDS[int(i)] for i in torch.randint(len(PEFT_WORDS), (6,), generator=gen)]
        label = "complaint" if n % 2 else "no complaint"
        source = tokenizer(f"Tweet text : {' '.join(tweet)} Label : ")["input_ids"]
        target = tokenizer(label, add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
        ids = source + target
        pad = max_length - len(ids)
        rows.append({"input_ids": torch.tensor([tokenizer.pad_token_id] * pad + ids),
                     "attention_mask": torch.tensor([0] * pad + [1] * len(ids)),
                     "labels": torch.tensor([-100] * (pad + len(source)) + target)})
    train_dataloader = DataLoader(rows, shuffle=True, collate_fn=default_data_collator,
                                  batch_size=batch_size, generator=gen)
    eval_dataloader = DataLoader(rows, collate_fn=default_data_collator, batch_size=batch_size)
    config = BloomConfig(vocab_size=len(vocab), hidden_size=32, n_layer=2, n_head=2,
                         pad_token_id=0, eos_token_id=2, bos_token_id=2)
    peft_config = PromptTuningConfig(task_type=TaskType.CAUSAL_LM,
                                     prompt_tuning_init=PromptTuningInit.RANDOM,
                                     num_virtual_tokens=8)
    model = get_peft_model(BloomForCausalLM(config), peft_config)
    model.print_trainable_parameters()
    truth: Truth = []

    def printed(*args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_locals
        if args and str(args[0]).startswith("epoch="):
            truth.extend(point(key, float(values[key]), values["epoch"]) for key in
                         ("train_ppl", "train_epoch_loss", "eval_ppl", "eval_epoch_loss"))
        builtins.print(*args, **kwargs)

    namespace: dict[str, Any] = {
        "__name__": "__main__", "print": printed, "torch": torch, "tqdm": tqdm,
        "get_linear_schedule_with_warmup": get_linear_schedule_with_warmup, "model": model,
        "tokenizer": tokenizer, "train_dataloader": train_dataloader,
        "eval_dataloader": eval_dataloader, "lr": lr, "num_epochs": num_epochs,
        "device": "cpu"}
    exec(compile(optimizer_cell, "peft_prompt_tuning_clm.ipynb", "exec"), namespace)
    exec(compile(training_cell, "peft_prompt_tuning_clm.ipynb", "exec"), namespace)
    if len(truth) != 4 * num_epochs:
        raise SystemExit(f"peft_prompt_tuning: {len(truth) // 4} epochs printed")
    return truth


CASES["peft_prompt_tuning"] = peft_prompt_tuning
OWN_ENVIRONMENT["peft_prompt_tuning"] = {
    "peft": "peft (repr cases)", "transformers": "transformers (repr cases)", "tqdm": "tqdm (repr cases)",
    "torch": "torch (repr cases)", "numpy": "numpy (repr cases)"}
OWN_CHECKOUT["peft_prompt_tuning"] = "PEFT"
REPOSITORY_CHECKOUTS["PEFT"] = ("huggingface/peft", "PEFT_COMMIT")


#     python -m venv ~/repr-venv ...   (as above; no checkout: the tutorial is copied below)
#     ~/repr-venv/bin/python tests/corpus/make_corpus.py pytorch_blitz_loss

# The PyTorch "Training with PyTorch" tutorial, pytorch/tutorials
# `beginner_source/introyt/trainingyt.py` (commit in VERSIONS.md; the repository, with its
# images and notebooks, is too large to check out here): from its split-size report to the end
# of its epoch loop, copied as it is but for the two changes TRAININGYT_CHANGES names (the
# image display, which needs matplotlib and a window, is left out). Its datasets, loaders and
# SummaryWriter are the case's.
TRAININGYT = """\
# Report split sizes
print('Training set has {} instances'.format(len(training_set)))
print('Validation set has {} instances'.format(len(validation_set)))

import torch.nn as nn
import torch.nn.functional as F

# PyTorch models inherit from torch.nn.Module
class GarmentClassifier(nn.Module):
    def __init__(self):
        super(GarmentClassifier, self).__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 4 * 4, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 4 * 4)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


model = GarmentClassifier()

loss_fn = torch.nn.CrossEntropyLoss()

# NB: Loss functions expect data in batches, so we're creating batches of 4
# Represents the model's confidence in each of the 10 classes for a given input
dummy_outputs = torch.rand(4, 10)
# Represents the correct class among the 10 being tested
dummy_labels = torch.tensor([1, 5, 3, 7])

print(dummy_outputs)
print(dummy_labels)

loss = loss_fn(dummy_outputs, dummy_labels)
print('Total loss for this batch: {}'.format(loss.item()))

# Optimizers specified in the torch.optim package
optimizer = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)

def train_one_epoch(epoch_index, tb_writer):
    running_loss = 0.
    last_loss = 0.

    # Here, we use enumerate(training_loader) instead of
    # iter(training_loader) so that we can track the batch
    # index and do some intra-epoch reporting
    for i, data in enumerate(training_loader):
        # Every data instance is an input + label pair
        inputs, labels = data

        # Zero your gradients for every batch!
        optimizer.zero_grad()

        # Make predictions for this batch
        outputs = model(inputs)

        # Compute the loss and its gradients
        loss = loss_fn(outputs, labels)
        loss.backward()

        # Adjust learning weights
        optimizer.step()

        # Gather data and report
        running_loss += loss.item()
        if i % 1000 == 999:
            last_loss = running_loss / 1000 # loss per batch
            print('  batch {} loss: {}'.format(i + 1, last_loss))
            tb_x = epoch_index * len(training_loader) + i + 1
            tb_writer.add_scalar('Loss/train', last_loss, tb_x)
            running_loss = 0.

    return last_loss

# Initializing in a separate cell so we can easily add more epochs to the same run
timestamp = datetime.now().strftime('%Y%m%d_%H%M%S')
writer = SummaryWriter('runs/fashion_trainer_{}'.format(timestamp))
epoch_number = 0

EPOCHS = 5

best_vloss = 1_000_000.

for epoch in range(EPOCHS):
    print('EPOCH {}:'.format(epoch_number + 1))

    # Make sure gradient tracking is on, and do a pass over the data
    model.train(True)
    avg_loss = train_one_epoch(epoch_number, writer)


    running_vloss = 0.0
    # Set the model to evaluation mode, disabling dropout and using population
    # statistics for batch normalization.
    model.eval()

    # Disable gradient computation and reduce memory consumption.
    with torch.no_grad():
        for i, vdata in enumerate(validation_loader):
            vinputs, vlabels = vdata
            voutputs = model(vinputs)
            vloss = loss_fn(voutputs, vlabels)
            running_vloss += vloss

    avg_vloss = running_vloss / (i + 1)
    print('LOSS train {} valid {}'.format(avg_loss, avg_vloss))

    # Log the running loss averaged per batch
    # for both training and validation
    writer.add_scalars('Training vs. Validation Loss',
                    { 'Training' : avg_loss, 'Validation' : avg_vloss },
                    epoch_number + 1)
    writer.flush()

    # Track best performance, and save the model's state
    if avg_vloss < best_vloss:
        best_vloss = avg_vloss
        model_path = 'model_{}_{}'.format(timestamp, epoch_number)
        torch.save(model.state_dict(), model_path)

    epoch_number += 1
"""
# Its report every 1000 batches (of Fashion-MNIST's 15,000) becomes every 25 (of 125 here).
TRAININGYT_CHANGES = {"        if i % 1000 == 999:\n": "        if i % 25 == 24:\n",
                      "running_loss / 1000 #": "running_loss / 25 #"}


def pytorch_blitz_loss() -> Truth:
    """The PyTorch "Training with PyTorch" tutorial (pytorch/tutorials
    `beginner_source/introyt/trainingyt.py`, TRAININGYT, run by `exec` so that its `print` and
    `SummaryWriter` are the case's): its `GarmentClassifier` (LeNet), the loss demonstration on
    random outputs (`print(dummy_outputs)`, a 4 x 10 tensor over five lines, `print(dummy_labels)`,
    `Total loss for this batch: 2.38...`), SGD 0.001 with momentum 0.9, `train_one_epoch` and the
    epoch loop as they are, 5 epochs, on synthetic Fashion-MNIST-shaped data (500 training and
    100 validation images of 1x28x28, 10 classes; batches of 4, 2 workers, as the tutorial's
    loaders), the training loss every 25 batches (TRAININGYT_CHANGES; the tutorial's 1000), run
    from a temporary folder (it saves the model after each better epoch). It prints `EPOCH 1:`,
    `  batch 25 loss: 2.30...` and `LOSS train 2.29... valid 2.27...`: `avg_vloss` is a
    0-dimensional tensor, which `format` prints as its float. Truth: what the tutorial writes to
    its SummaryWriter (a stand-in recording each call): `add_scalar('Loss/train', last_loss,
    tb_x)` as `loss` with no step (the line's `batch 25` counts batches within the epoch and
    no line says how many an epoch has, as keras_io_loop's), and `add_scalars(..., {'Training':
    avg_loss, 'Validation': avg_vloss}, epoch_number + 1)` as `LOSS_train` and `LOSS_valid` at
    the epoch the `EPOCH N:` header above names (from 1, the writer's step); and the
    demonstration's `loss.item()`, read from the printing frame, as `Total_loss_for_this_batch`,
    no step."""
    import builtins
    from datetime import datetime

    import torch

    source = TRAININGYT
    for old, new in TRAININGYT_CHANGES.items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    truth: Truth = []

    class SummaryWriter:
        """Records what the tutorial writes to TensorBoard."""

        def __init__(self, log_dir: str) -> None:
            self.log_dir = log_dir

        def add_scalar(self, tag: str, value: float, step: int) -> None:
            assert tag == "Loss/train", tag
            truth.append(point("loss", value, None))

        def add_scalars(self, tag: str, values: dict[str, Any], step: int) -> None:
            truth.extend([point("LOSS_train", float(values["Training"]), step),
                          point("LOSS_valid", float(values["Validation"]), step)])

        def flush(self) -> None:
            pass

    def printed(*args: Any, **kwargs: Any) -> None:
        if args and str(args[0]).startswith("Total loss for this batch"):
            truth.append(point("Total_loss_for_this_batch",
                               sys._getframe(1).f_locals["loss"].item(), None))
        builtins.print(*args, **kwargs)

    torch.manual_seed(0)
    torch.set_num_threads(1)
    x, y = _classes(600, (1, 28, 28), seed=3, spread=1.5)
    data = torch.utils.data
    training_set = data.TensorDataset(x[:500], y[:500])
    validation_set = data.TensorDataset(x[500:], y[500:])
    namespace: dict[str, Any] = {
        "__name__": "__main__", "print": printed, "torch": torch, "datetime": datetime,
        "SummaryWriter": SummaryWriter, "training_set": training_set,
        "validation_set": validation_set,
        "training_loader": data.DataLoader(training_set, batch_size=4, shuffle=True,
                                           num_workers=2),
        "validation_loader": data.DataLoader(validation_set, batch_size=4, shuffle=False,
                                             num_workers=2)}
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as out:
        os.chdir(out)
        try:
            exec(compile(source, "trainingyt.py", "exec"), namespace)
        finally:
            os.chdir(here)
    if len(truth) != 1 + 5 * 5 + 2 * 5:
        raise SystemExit(f"pytorch_blitz_loss: {len(truth)} points, not 36")
    return truth


CASES["pytorch_blitz_loss"] = pytorch_blitz_loss
OWN_ENVIRONMENT["pytorch_blitz_loss"] = {"torch": "torch (repr cases)",
                                         "numpy": "numpy (repr cases)"}


#     ~/repr-venv/bin/python tests/corpus/make_corpus.py numpy2_dict_metrics


def numpy2_dict_metrics() -> Truth:
    """A hand-written NumPy loop as many people's scripts are: a logistic regression in float32
    trained by mini-batch gradient descent (synthetic data: 512 training and 128 validation
    samples of 8 features, batches of 32, 8 epochs), its metrics from NumPy and scikit-learn,
    and the epoch's results printed as a dict (as a public training script's
    `print({"epoch": epoch, "loss": np.mean(losses), "global_t": gt, **m})` does) and as an
    `{x=}` f-string: `{'epoch': 1, 'loss': np.float32(0.6117), 'train_acc': np.float64(0.73),
    'val_acc': 0.7265625}` and `epoch=1 val_loss=np.float32(0.5622)`. Under NumPy 2 a NumPy
    scalar's repr names its type, so the dict shows `np.float32(...)` for the mean of the
    float32 losses and `np.float64(...)` for the mean of a boolean array, while scikit-learn's
    `accuracy_score` returns a Python float. Truth: the dict the loop prints (each key but
    `epoch`) and its `val_loss`, at `epoch` (from 1, as printed)."""
    import numpy as np
    from sklearn.metrics import accuracy_score

    rng = np.random.default_rng(0)
    x = rng.normal(size=(640, 8)).astype(np.float32)
    y = (x[:, 0] - 0.5 * x[:, 1] + 0.8 * rng.normal(size=640) > 0).astype(np.float32)
    x_train, y_train, x_val, y_val = x[:512], y[:512], x[512:], y[512:]
    w, b, lr = np.zeros(8, dtype=np.float32), np.float32(0.0), np.float32(0.1)

    def predict(x: Any) -> Any:
        return 1 / (1 + np.exp(-(x @ w + b)))

    def bce(p: Any, y: Any) -> Any:
        return -np.mean(y * np.log(p + 1e-7) + (1 - y) * np.log(1 - p + 1e-7))

    truth: Truth = []
    for epoch in range(1, 9):
        losses = []
        order = rng.permutation(512)
        for start in range(0, 512, 32):
            batch = order[start : start + 32]
            p = predict(x_train[batch])
            losses.append(bce(p, y_train[batch]))
            grad = p - y_train[batch]
            w -= lr * (x_train[batch].T @ grad) / len(batch)
            b -= lr * np.mean(grad)
        train_pred = predict(x_train) > 0.5
        val_p = predict(x_val)
        val_loss = bce(val_p, y_val)
        metrics = {"epoch": epoch, "loss": np.mean(losses),
                   "train_acc": np.mean(train_pred == y_train),
                   "val_acc": accuracy_score(y_val, val_p > 0.5)}
        print(metrics)
        print(f"{epoch=} {val_loss=}")
        truth.extend(point(key, value, epoch) for key, value in metrics.items()
                     if key != "epoch")
        truth.append(point("val_loss", val_loss, epoch))
    return truth


CASES["numpy2_dict_metrics"] = numpy2_dict_metrics
OWN_ENVIRONMENT["numpy2_dict_metrics"] = {"numpy": "numpy (repr cases)",
                                          "scikit-learn": "scikit-learn (repr cases)"}


#     git clone https://github.com/patrick-kidger/equinox ~/equinox   # docs/examples/mnist.ipynb
#     export EQUINOX=~/equinox EQUINOX_COMMIT=$(git -C ~/equinox rev-parse HEAD)
#     ~/repr-venv/bin/python tests/corpus/make_corpus.py jax_metrics_dict


def jax_metrics_dict() -> Truth:
    """Two JAX loops. First Equinox's MNIST tutorial, patrick-kidger/equinox
    `docs/examples/mnist.ipynb` (the checkout named by `EQUINOX`): its code cells run in order
    as the notebook runs them (`STEPS = 300`, `PRINT_EVERY = 30`, its CNN, `loss`,
    `compute_accuracy`, `evaluate`, optax's `adamw`, `train`), but for three: the imports lose
    `import torchvision` (which needs a CUDA build of torch here), the data cell's MNIST
    download becomes synthetic 1x28x28 images of 10 classes in torch `DataLoader`s as its own
    (batches of 64, shuffled; 1280 to train, 320 to test, normalised to [-1, 1] as its
    `Normalize((0.5,), (0.5,))`), and the cell that shows an error (`jax.value_and_grad(loss)`
    of a model that is not all arrays) is left out. Its cells print shapes, the labels, the
    model's repr and two bare losses (`2.3128624`), then `print(f"{step=},
    train_loss={train_loss.item()}, " f"test_loss={test_loss.item()},
    test_accuracy={test_accuracy.item()}")`: `step=0, train_loss=2.31..., test_loss=2.29...,
    test_accuracy=0.12...`. Then CLU's metrics (google/CommonLoopUtils `clu/metrics.py`, the
    `Collection` synopsis: `metrics = update if metrics is None else metrics.merge(update)` over
    the batches, then `print(metrics.compute())`), made with `Collection.create(accuracy=Accuracy,
    loss=Average.from_output("loss"))` (CLU's collections do not work under `from __future__
    import annotations`, which this file has), evaluating a softmax regression trained by optax
    (SGD 0.1; 1280 training and 320 test samples of 16 features, 10 classes, noise around a
    mean a class) after each of 3 epochs: `{'accuracy': Array(0.49375,
    dtype=float32), 'loss': Array(1.9442585, dtype=float32)}`, the JAX arrays' reprs. Truth: the
    printing frames' own values, read by `print` as each line is printed: `train`'s
    `train_loss`, `test_loss`, `test_accuracy` (`.item()`, as printed) at `step` (from 0, as
    printed), and each key of the dict `compute()` returned, as printed, with no step (the
    line names none)."""
    import builtins

    folder = os.environ.get("EQUINOX")
    path = os.path.join(folder or "", "docs", "examples", "mnist.ipynb")
    if not folder or not os.path.exists(path):
        raise SystemExit("set EQUINOX to a patrick-kidger/equinox checkout")
    import jax
    import jax.numpy as jnp
    import numpy as np
    import optax
    import torch
    from clu import metrics as clu_metrics

    torch.manual_seed(0)
    torch.set_num_threads(1)
    cells = ipynb_cells(path)
    imports = next(i for i, c in enumerate(cells) if "import torchvision" in c)
    data = next(i for i, c in enumerate(cells) if "torchvision.datasets.MNIST" in c)
    error = next(i for i, c in enumerate(cells) if c.startswith("# This is an error!"))
    cells[imports] = "".join(line for line in cells[imports].splitlines(keepends=True)
                             if not line.startswith("import torchvision"))
    x, y = _classes(1600, (1, 28, 28), seed=4, spread=0.5)
    x = 2 * (x - x.min()) / (x.max() - x.min()) - 1
    loader = torch.utils.data.DataLoader
    train_dataset = torch.utils.data.TensorDataset(x[:1280], y[:1280])
    test_dataset = torch.utils.data.TensorDataset(x[1280:], y[1280:])
    truth: Truth = []

    def printed(*args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_locals
        if args and str(args[0]).startswith("step="):
            truth.extend(point(key, values[key].item(), values["step"])
                         for key in ("train_loss", "test_loss", "test_accuracy"))
        elif args and isinstance(args[0], dict):
            truth.extend(point(key, float(value), None) for key, value in args[0].items())
        builtins.print(*args, **kwargs)

    namespace: dict[str, Any] = {
        "__name__": "__main__", "print": printed, "torchvision": None,
        "train_dataset": train_dataset, "test_dataset": test_dataset,
        "trainloader": loader(train_dataset, batch_size=64, shuffle=True),
        "testloader": loader(test_dataset, batch_size=64, shuffle=True)}
    for i, cell in enumerate(cells):
        if i not in (data, error):
            exec(compile(cell, f"mnist.ipynb cell {i + 1}", "exec"), namespace)

    # CLU's Collection over a softmax regression, evaluated after each epoch.
    Metrics = clu_metrics.Collection.create(accuracy=clu_metrics.Accuracy,
                                            loss=clu_metrics.Average.from_output("loss"))
    features, classes = _classes(1600, (16,), seed=5, spread=0.4)
    flat = features.numpy()
    labels = classes.numpy().astype(np.int32)
    params = {"w": jnp.zeros((flat.shape[1], 10)), "b": jnp.zeros(10)}
    optim = optax.sgd(0.1)
    opt_state = optim.init(params)

    def loss_and_logits(params: Any, inputs: Any, targets: Any) -> Any:
        logits = inputs @ params["w"] + params["b"]
        return optax.softmax_cross_entropy_with_integer_labels(logits, targets).mean(), logits

    @jax.jit
    def train_step(params: Any, opt_state: Any, inputs: Any, targets: Any) -> Any:
        grads, _ = jax.grad(loss_and_logits, has_aux=True)(params, inputs, targets)
        updates, opt_state = optim.update(grads, opt_state)
        return optax.apply_updates(params, updates), opt_state

    rng = np.random.default_rng(0)
    for _epoch in range(3):
        order = rng.permutation(1280)
        for start in range(0, 1280, 64):
            batch = order[start : start + 64]
            params, opt_state = train_step(params, opt_state, flat[batch], labels[batch])
        metrics = None
        for start in range(1280, 1600, 64):
            inputs, targets = flat[start : start + 64], labels[start : start + 64]
            loss, logits = loss_and_logits(params, inputs, targets)
            update = Metrics.single_from_model_output(logits=logits, labels=targets, loss=loss)
            metrics = update if metrics is None else metrics.merge(update)
        printed(metrics.compute())  # type: ignore[union-attr]
    if len(truth) != 3 * 11 + 2 * 3:
        raise SystemExit(f"jax_metrics_dict: {len(truth)} points, not 39")
    return truth


CASES["jax_metrics_dict"] = jax_metrics_dict
OWN_ENVIRONMENT["jax_metrics_dict"] = {
    "jax": "jax (repr cases)", "jaxlib": "jaxlib (repr cases)", "equinox": "equinox",
    "optax": "optax (repr cases)", "clu": "clu (repr cases)", "flax": "flax (repr cases)",
    "torch": "torch (repr cases)", "numpy": "numpy (repr cases)"}
OWN_CHECKOUT["jax_metrics_dict"] = "EQUINOX"
REPOSITORY_CHECKOUTS["EQUINOX"] = ("patrick-kidger/equinox", "EQUINOX_COMMIT")


# --- Megatron-LM, litgpt, torchtune, nnU-Net: their loops' print statements -------------------
# Each copies the statements that print from a repository (checked against the checkout named
# by its environment variable) into a small loop on synthetic data, CPU, and runs alone in an
# environment of its own (the CPU wheel of torch, with tqdm, numpy and torchmetrics):
#
#     python -m venv ~/loops-venv && ~/loops-venv/bin/pip install torch==2.13.0
#     ~/loops-venv/bin/pip install torch==2.13.0 tqdm numpy torchmetrics
#     git clone https://github.com/NVIDIA/Megatron-LM ~/Megatron-LM
#     export MEGATRON_LM=~/Megatron-LM MEGATRON_LM_COMMIT=$(git -C ~/Megatron-LM rev-parse HEAD)
#     git clone https://github.com/Lightning-AI/litgpt ~/litgpt
#     export LITGPT=~/litgpt LITGPT_COMMIT=$(git -C ~/litgpt rev-parse HEAD)
#     git clone https://github.com/pytorch/torchtune ~/torchtune
#     export TORCHTUNE=~/torchtune TORCHTUNE_COMMIT=$(git -C ~/torchtune rev-parse HEAD)
#     git clone https://github.com/MIC-DKFZ/nnUNet ~/nnUNet
#     export NNUNET=~/nnUNet NNUNET_COMMIT=$(git -C ~/nnUNet rev-parse HEAD)
#     ~/loops-venv/bin/python tests/corpus/make_corpus.py megatron_training_log   # and the others


def copied_from(variable: str, path: str, case: str, statements: list[str]) -> None:
    """Check that the file `path` of the checkout named by `variable` holds each of the
    statements a case copies (so that the case prints as that file does)."""
    folder = os.environ.get(variable)
    if not folder or not os.path.exists(os.path.join(folder, path)):
        raise SystemExit(f"set {variable} to a checkout holding {path}")
    with open(os.path.join(folder, path)) as f:
        source = f.read()
    for copied in statements:
        if copied not in source:  # the statements the case runs are the checkout's
            raise SystemExit(f"{case}: the checkout's {path} has no {copied}")


MEGATRON_COPIED = [
    "log_string = f\" [{datetime.now().strftime('%Y-%m-%d %H:%M:%S.%f')}]\"",
    "log_string += ' iteration {:8d}/{:8d} |'.format(iteration, args.train_iters)",
    "log_string += ' consumed samples: {:12d} |'.format(args.consumed_train_samples)",
    "log_string += ' elapsed time per iteration (ms): {:.1f} |'.format(",
    "log_string += f' learning rate: {learning_rate:.6E} |'",
    "log_string += f' global batch size: {batch_size:5d} |'",
    "log_string += ' {}: {:.6E} |'.format(key, avg)",
    "log_string += f' loss scale: {loss_scale:.1f} |'",
    "log_string += f' grad norm: {grad_norm:.3f} |'",
    "log_string += ' number of skipped iterations: {:3d} |'.format(",
    "log_string += ' number of nan iterations: {:3d} |'.format(total_loss_dict[nan_iters_key])",
    "if iteration % args.log_interval == 0 or is_first_iteration:",
    "string = f' validation{suffix} loss at {prefix} | '",
    "string += '{} value: {:.6E} | '.format(key, total_loss_dict[key].item())",
    "ppl = math.exp(min(20, total_loss_dict[key].item()))",
    "string += '{} PPL: {:.6E} | '.format(key, ppl)",
    "length = len(string) + 1",
    "print_rank_last('-' * length)",
    "prefix = f'iteration {iteration}'",
    "prefix = f'iteration {iteration} on validation set'",
    "print_rank_0(f'[{string}] datetime: {time_str} ')",
]


def megatron_training_log() -> Truth:
    """Megatron-LM's training loop prints (NVIDIA/Megatron-LM `megatron/training/training.py`,
    the checkout named by `MEGATRON_LM`, commit in VERSIONS.md: MEGATRON_COPIED, checked
    there): `training_log`'s line after the first iteration and every `log_interval` (10)
    iterations, ` [2026-12-02 08:30:00.123456] iteration       10/     100 | consumed samples:
    80 | elapsed time per iteration (ms): 1.2 | learning rate: 9.755283E-03 | global batch
    size:     8 | lm loss: 3.123456E+00 | loss scale: 1.0 | grad norm: 0.456 | number of
    skipped iterations:   0 | number of nan iterations:   0 |` (the loss the average of the
    iterations since the last line: the first line's iteration is not reset, as Megatron's
    `is_first_iteration`), `evaluate_and_print_results`' box every `eval_interval` (40) and
    after training (`validation loss at iteration 40 | lm loss value: 3.1E+00 | lm loss PPL:
    2.2E+01 |` between rules of dashes, `... at iteration 100 on validation set | ...`), and
    `print_datetime`'s lines; on a tiny bigram model (TinyLM) over synthetic tokens, fp32
    (loss scale 1.0), AdamW with Megatron's warmup and cosine decay, gradients clipped at 1.0.
    Truth: the values the statements format, read from the loop as it prints: `learning rate`,
    `lm loss` (the average of `total_loss_dict`), `loss scale` and `grad norm` (the norm
    before clipping, as Megatron's optimizer returns it) at the iteration printed; the
    validation's `lm loss value` and `lm loss PPL` (keys as printed: the value of the loss
    named `lm loss`, and its perplexity `exp(min(20, loss))`) at the iteration the line names.
    The consumed samples, the batch size and the counts of skipped and nan iterations are
    counts (Megatron's TensorBoard writer records none of the iteration counts), the elapsed
    time a timing: left out."""
    import math
    import time
    from datetime import datetime

    import torch

    copied_from("MEGATRON_LM", "megatron/training/training.py", "megatron_training_log",
                MEGATRON_COPIED)
    truth: Truth = []

    def print_rank_last(message: str) -> None:
        print(message, flush=True)

    print_rank_0 = print_rank_last

    def print_datetime(string: str) -> None:
        time_str = datetime.now().strftime('%Y-%m-%d %H:%M:%S.%f')
        print_rank_0(f'[{string}] datetime: {time_str} ')

    class Args:
        train_iters, log_interval, eval_interval, eval_iters = 100, 10, 40, 4
        micro_batch_size, global_batch_size, consumed_train_samples = 8, 8, 0
        lr, min_lr, lr_warmup_iters = 1e-2, 1e-3, 10

    args = Args()
    lm = TinyLM(B=args.micro_batch_size)
    optimizer = torch.optim.AdamW(lm.model.parameters(), lr=args.lr, weight_decay=0.01)
    print_datetime('after model, optimizer, and learning rate scheduler are built')
    print_datetime('after dataloaders are built')
    print_rank_0('training ...')

    def get_lr(num_steps: int) -> float:  # Megatron's OptimizerParamScheduler, cosine
        if num_steps <= args.lr_warmup_iters:
            return args.lr * num_steps / args.lr_warmup_iters
        ratio = (num_steps - args.lr_warmup_iters) / (args.train_iters - args.lr_warmup_iters)
        coeff = 0.5 * (math.cos(math.pi * ratio) + 1.0)
        return args.min_lr + coeff * (args.lr - args.min_lr)

    def evaluate_and_print_results(prefix: str, iteration: int) -> None:
        lm.model.eval()
        with torch.no_grad():
            losses = [lm.loss(*lm.batch("val")) for _ in range(args.eval_iters)]
        lm.model.train()
        total_loss_dict = {"lm loss": torch.stack(losses).mean()}
        suffix = ""
        string = f' validation{suffix} loss at {prefix} | '
        for key in total_loss_dict:
            string += '{} value: {:.6E} | '.format(key, total_loss_dict[key].item())  # noqa: UP032
            ppl = math.exp(min(20, total_loss_dict[key].item()))
            string += '{} PPL: {:.6E} | '.format(key, ppl)  # noqa: UP032
            truth.extend([point(f"{key} value", total_loss_dict[key].item(), iteration),
                          point(f"{key} PPL", ppl, iteration)])
        length = len(string) + 1
        print_rank_last('-' * length)
        print_rank_last(string)
        print_rank_last('-' * length)

    advanced_iters_key = 'advanced iterations'
    skipped_iters_key = 'skipped iterations'
    nan_iters_key = 'nan iterations'
    total_loss_dict: dict[str, Any] = {}
    iteration = 0
    is_first_iteration = True
    print_datetime('before the start of training step')
    interval_start = time.time()
    while iteration < args.train_iters:
        learning_rate = get_lr(iteration + 1)
        for group in optimizer.param_groups:
            group["lr"] = learning_rate
        optimizer.zero_grad()
        loss = lm.loss(*lm.batch("train"))
        loss.backward()
        grad_norm = torch.nn.utils.clip_grad_norm_(lm.model.parameters(), 1.0).item()
        optimizer.step()
        iteration += 1
        args.consumed_train_samples += args.global_batch_size
        loss_dict = {"lm loss": loss.detach().reshape(1)}
        skipped_iter, loss_scale, batch_size = 0, 1.0, args.global_batch_size

        # training_log, as Megatron's (fp32 on one CPU process: no throughput, no MoE)
        should_reset = not is_first_iteration
        total_loss_dict[advanced_iters_key] = total_loss_dict.get(advanced_iters_key, 0) + 1
        total_loss_dict[skipped_iters_key] = total_loss_dict.get(skipped_iters_key, 0) + skipped_iter
        for key in loss_dict:
            total_loss_dict[key] = (total_loss_dict.get(key, torch.tensor([0.0])) + loss_dict[key])
        total_loss_dict[nan_iters_key] = total_loss_dict.get(nan_iters_key, 0) + 0
        if iteration % args.log_interval == 0 or is_first_iteration:
            now = time.time()
            total_iterations = total_loss_dict[advanced_iters_key]
            elapsed_time_per_iteration = (now - interval_start) / total_iterations
            if should_reset:
                interval_start = now
            log_string = f" [{datetime.now().strftime('%Y-%m-%d %H:%M:%S.%f')}]"
            log_string += ' iteration {:8d}/{:8d} |'.format(iteration, args.train_iters)  # noqa: UP032
            log_string += ' consumed samples: {:12d} |'.format(args.consumed_train_samples)  # noqa: UP032
            log_string += ' elapsed time per iteration (ms): {:.1f} |'.format(  # noqa: UP032
                elapsed_time_per_iteration * 1000.0
            )
            if learning_rate is not None:
                log_string += f' learning rate: {learning_rate:.6E} |'
                truth.append(point("learning rate", learning_rate, iteration))
            log_string += f' global batch size: {batch_size:5d} |'
            for key in total_loss_dict:
                if key not in [advanced_iters_key, skipped_iters_key, nan_iters_key]:
                    avg = total_loss_dict[key].item() / float(
                        max(1, total_loss_dict[advanced_iters_key])
                    )
                    if avg >= 0.0:
                        log_string += ' {}: {:.6E} |'.format(key, avg)  # noqa: UP032
                        truth.append(point(key, avg, iteration))
                    if should_reset:
                        total_loss_dict[key] = torch.tensor([0.0])
            log_string += f' loss scale: {loss_scale:.1f} |'
            truth.append(point("loss scale", loss_scale, iteration))
            if grad_norm is not None:
                log_string += f' grad norm: {grad_norm:.3f} |'
                truth.append(point("grad norm", grad_norm, iteration))
            log_string += ' number of skipped iterations: {:3d} |'.format(  # noqa: UP032
                total_loss_dict[skipped_iters_key]
            )
            log_string += ' number of nan iterations: {:3d} |'.format(total_loss_dict[nan_iters_key])  # noqa: UP032
            if should_reset:
                total_loss_dict[advanced_iters_key] = 0
                total_loss_dict[skipped_iters_key] = 0
                total_loss_dict[nan_iters_key] = 0
            print_rank_last(log_string)
        is_first_iteration = False
        if args.eval_interval and iteration % args.eval_interval == 0:
            prefix = f'iteration {iteration}'
            evaluate_and_print_results(prefix, iteration)
    print_datetime('after training is done')
    prefix = f'iteration {iteration} on validation set'
    evaluate_and_print_results(prefix, iteration)
    return truth


CASES["megatron_training_log"] = megatron_training_log
OWN_CHECKOUT["megatron_training_log"] = "MEGATRON_LM"
REPOSITORY_CHECKOUTS["MEGATRON_LM"] = ("NVIDIA/Megatron-LM", "MEGATRON_LM_COMMIT")
CHECKOUT_ROW["megatron_training_log"] = (
    "NVIDIA/Megatron-LM megatron/training/training.py (copied statements)")


LITGPT_COPIED = [
    'fabric.print("Verifying settings ...")',
    'fabric.print("Validating ...")',
    'val_loss = "n/a"',
    "if isinstance(val_loss, torch.Tensor):",
    'val_loss = f"{val_loss:.3f}"',
    "f\"Epoch {metrics['epoch'] + 1} | iter {metrics['iter']} step {metrics['step']} |\"",
    "f\" loss train: {metrics['loss']:.3f},\"",
    'f" val: {val_loss} |"',
    "f\" iter time: {metrics['iter_time'] * 1000:.2f} ms\"",
    "f\"{' (step)' if not is_accumulating else ''}\"",
    "if not is_accumulating and step_count % eval.interval == 0:",
    'f"iter {iter_num}: val loss {val_loss_tensor.item():.4f}, val time: '
    '{val_time_tensor.item() * 1000:.2f} ms"',
    'fabric.print(f"Final evaluation | val loss: {val_loss.item():.3f} | val ppl: '
    '{math.exp(val_loss):.3f}")',
]


def litgpt_pretrain() -> Truth:
    """litgpt's fine-tuning loop, `fit` of `litgpt/finetune/lora.py` (Lightning-AI/litgpt, the
    checkout named by `LITGPT`, commit in VERSIONS.md; LITGPT_COPIED, checked there; its
    `litgpt/pretrain.py` prints the same training line with a `remaining time` after it, only
    at the end of each accumulation): micro-batches of 2, 4 accumulated an optimizer step
    (lora.py's `gradient_accumulation_iters`), a line every iteration (`log_interval` 1),
    `Epoch 1 | iter 1 step 0 | loss train: 3.512, val: n/a | iter time: 1.23 ms`, ` (step)`
    after the iterations that step the optimizer; every 5 optimizer steps `Validating ...`
    and `iter 20: val loss 3.4512, val time: 2.10 ms`, after which the training lines print
    that validation's loss (`val: 3.451`); 15 optimizer steps (60 iterations, an epoch is 24,
    so `Epoch 3` appears), then lora.py's `Final evaluation | val loss: 3.210 | val ppl:
    24.781`. On a tiny bigram model (TinyLM) over synthetic tokens, AdamW, torchmetrics'
    `RunningMean` over the accumulation window and litgpt's `CycleIterator` (copied), CPU;
    `generate_example` (a sample text after each validation, which needs a tokenizer) and the
    performance report (token counts and times) are left out. Truth: what the loop formats,
    read as it prints: `metrics['loss']` as `loss_train` and the validation's loss as
    `val_loss` at `iter_num`, the counter both lines name (litgpt's own `fabric.log_dict`
    logs both at `step=iter_num`; `step` on the training line counts optimizer steps, 0 before
    the first), the final `val_loss` and `val_ppl` with no step (the line names none). The
    `val:` on the training lines repeats the last validation's loss: no point of its own; the
    iteration time is a timing."""
    import math
    import time

    import torch
    from torchmetrics import RunningMean

    copied_from("LITGPT", "litgpt/finetune/lora.py", "litgpt_pretrain", LITGPT_COPIED)
    truth: Truth = []

    class Fabric:
        device = torch.device("cpu")

        def print(self, *args: Any) -> None:
            print(*args, flush=True)

    class CycleIterator:  # litgpt/utils.py's, as it is
        def __init__(self, iterable: Any) -> None:
            self.iterable = iterable
            self.epoch = 0
            self._iterator: Any = None

        def __next__(self) -> Any:
            if self._iterator is None:
                self._iterator = iter(self.iterable)
            try:
                return next(self._iterator)
            except StopIteration:
                self._iterator = iter(self.iterable)
                self.epoch += 1
                return next(self._iterator)

        def __iter__(self) -> CycleIterator:
            return self

    fabric = Fabric()
    lm = TinyLM()
    model = lm.model
    T = lm.T

    def chunks(split: str, n: int) -> Any:
        data = lm.splits[split]
        return torch.stack([data[i * (T + 1): (i + 1) * (T + 1)] for i in range(n)])

    train_dataloader = torch.utils.data.DataLoader(chunks("train", 48), batch_size=2)
    val_dataloader = torch.utils.data.DataLoader(chunks("val", 8), batch_size=2)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-2, weight_decay=0.0)
    gradient_accumulation_iters, log_interval, eval_interval, eval_max_iters = 4, 1, 5, 100

    def chunked_cross_entropy(logits: Any, targets: Any) -> Any:
        return torch.nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)),
                                                 targets.reshape(-1))

    def validate(verbose: bool = True, max_iters: int = eval_max_iters) -> Any:
        if verbose:
            fabric.print("Validating ...")
        model.eval()
        losses = torch.zeros(min(len(val_dataloader), max_iters))
        with torch.no_grad():
            for k, batch in enumerate(val_dataloader):
                if k >= max_iters:
                    break
                input_ids, targets = batch[:, :-1], batch[:, 1:]
                logits = model(input_ids)
                losses[k] = chunked_cross_entropy(logits, targets)
        val_loss = losses.mean()
        model.train()
        return val_loss

    fabric.print("Verifying settings ...")
    validate(verbose=False, max_iters=2)  # sanity check
    val_loss: Any = "n/a"
    train_iterator = CycleIterator(train_dataloader)
    running_loss = RunningMean(window=gradient_accumulation_iters, sync_on_compute=False)
    max_steps, step_count, iter_num = 15, 0, 0
    while step_count < max_steps:
        iter_num += 1
        iter_t0 = time.perf_counter()
        batch = next(train_iterator)
        input_ids, targets = batch[:, :-1], batch[:, 1:]
        is_accumulating = iter_num % gradient_accumulation_iters != 0
        logits = model(input_ids)
        loss = chunked_cross_entropy(logits, targets)
        (loss / gradient_accumulation_iters).backward()
        running_loss.update(loss.detach())
        if not is_accumulating:
            optimizer.step()
            optimizer.zero_grad()
            step_count += 1
        if iter_num % log_interval == 0:
            loss = running_loss.compute().item()  # expensive device-to-host synchronization
            t1 = time.perf_counter()
            metrics = {
                "loss": loss,
                "iter": iter_num,
                "step": step_count,
                "epoch": train_iterator.epoch,
                "iter_time": t1 - iter_t0,
            }
            if isinstance(val_loss, torch.Tensor):
                val_loss = f"{val_loss:.3f}"
            fabric.print(
                f"Epoch {metrics['epoch'] + 1} | iter {metrics['iter']} step {metrics['step']} |"
                f" loss train: {metrics['loss']:.3f},"
                f" val: {val_loss} |"
                f" iter time: {metrics['iter_time'] * 1000:.2f} ms"
                f"{' (step)' if not is_accumulating else ''}"
            )
            truth.append(point("loss_train", metrics["loss"], iter_num))
        if not is_accumulating and step_count % eval_interval == 0:
            t0 = time.perf_counter()
            val_loss = validate()
            t1 = time.perf_counter() - t0
            val_loss_tensor = val_loss.detach().clone()
            val_time_tensor = torch.tensor(t1, dtype=torch.float32)
            fabric.print(
                f"iter {iter_num}: val loss {val_loss_tensor.item():.4f}, val time: {val_time_tensor.item() * 1000:.2f} ms"
            )
            truth.append(point("val_loss", val_loss_tensor.item(), iter_num))
    # Final evaluation
    val_loss = validate()
    fabric.print(f"Final evaluation | val loss: {val_loss.item():.3f} | val ppl: {math.exp(val_loss):.3f}")
    truth += [point("val_loss", val_loss.item(), None), point("val_ppl", math.exp(val_loss), None)]
    return truth


CASES["litgpt_pretrain"] = litgpt_pretrain
OWN_CHECKOUT["litgpt_pretrain"] = "LITGPT"
REPOSITORY_CHECKOUTS["LITGPT"] = ("Lightning-AI/litgpt", "LITGPT_COMMIT")
CHECKOUT_ROW["litgpt_pretrain"] = "Lightning-AI/litgpt litgpt/finetune/lora.py (copied statements)"


TORCHTUNE_COPIED = [
    "inner_step_count = self.global_step % self._steps_per_epoch",
    "pbar = tqdm(",
    "initial=inner_step_count,",
    "total=self._steps_per_epoch,",
    'desc=f"{self.epochs_run}|{self.global_step}",',
    "if (batch_count + 1) % self._gradient_accumulation_steps == 0:",
    "self.global_step += 1",
    "running_loss",
    "/ (num_tokens if not self.optimizer_in_bwd else 1.0)",
    "pbar.update(1)",
    "pbar.set_description(",
    'f"{curr_epoch + 1}|{self.global_step}|Loss: {loss_value:.4f}"',
    "running_loss, num_tokens = 0.0, 0",
]


def torchtune_bar() -> Truth:
    """torchtune's recipe loop, `FullFinetuneRecipeSingleDevice.train` of
    `recipes/full_finetune_single_device.py` (pytorch/torchtune, the checkout named by
    `TORCHTUNE`, commit in VERSIONS.md; TORCHTUNE_COPIED, checked there): a tqdm bar an epoch
    (`tqdm(initial=..., total=steps_per_epoch, desc=f"{epochs_run}|{global_step}")`, never
    closed by the recipe: the next epoch's replaces it), and after each optimizer step
    `pbar.update(1)` and `pbar.set_description(f"{curr_epoch + 1}|{self.global_step}|Loss:
    {loss_value:.4f}")`: `1|3|Loss: 3.4012:  30%|███       | 3/10 [00:00<00:00, 52.1it/s]`.
    The loss is the recipe's token-weighted mean over the accumulated micro-batches
    (`running_loss / num_tokens`, each micro-batch's mean loss times its count of labelled
    tokens); 2 epochs of 10 optimizer steps, micro-batches of 2 padded sequences (labels
    `-100` past each one's length), 2 accumulated a step; a tiny bigram model (TinyLM) over
    synthetic tokens, AdamW, CPU. Truth: `loss_value` as `Loss` at `self.global_step`, read as
    the description is set (the value the recipe's metric logger logs at that step); the
    description's first number is the epoch (from 1), the bar's counter the step in the
    epoch."""
    import torch
    from tqdm import tqdm

    copied_from("TORCHTUNE", "recipes/full_finetune_single_device.py", "torchtune_bar",
                TORCHTUNE_COPIED)
    truth: Truth = []
    lm = TinyLM()
    gen = torch.Generator().manual_seed(2)
    T = lm.T
    data = lm.splits["train"]
    tokens, labels = [], []
    for i in range(40):
        seq = data[i * (T + 1): (i + 1) * (T + 1)]
        length = int(torch.randint(6, T + 1, (1,), generator=gen))
        label = seq[1:].clone()
        label[length:] = -100
        tokens.append(seq[:-1])
        labels.append(label)
    dataset = torch.utils.data.TensorDataset(torch.stack(tokens), torch.stack(labels))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)

    class Recipe:
        def __init__(self) -> None:
            self._model = lm.model
            self.optimizer = torch.optim.AdamW(self._model.parameters(), lr=2e-2)
            self._dataloader = torch.utils.data.DataLoader(dataset, batch_size=2, shuffle=True,
                                                           generator=gen)
            self._gradient_accumulation_steps = 2
            self._steps_per_epoch = len(self._dataloader) // self._gradient_accumulation_steps
            self.epochs_run, self.total_epochs, self.global_step = 0, 2, 0
            self.optimizer_in_bwd = False
            self._loss_fn = loss_fn

        def _loss_step(self, batch: dict[str, Any]) -> Any:
            logits = self._model(batch["tokens"])
            return self._loss_fn(logits.reshape(-1, logits.size(-1)), batch["labels"].reshape(-1))

        def train(self) -> None:
            self.optimizer.zero_grad()
            running_loss, num_tokens = 0.0, 0
            for curr_epoch in range(self.epochs_run, self.total_epochs):
                inner_step_count = self.global_step % self._steps_per_epoch
                pbar = tqdm(
                    initial=inner_step_count,
                    total=self._steps_per_epoch,
                    desc=f"{self.epochs_run}|{self.global_step}",
                )
                dataloader_iter = iter(self._dataloader)
                batch_count = 0
                while inner_step_count < self._steps_per_epoch:
                    try:
                        tokens, labels = next(dataloader_iter)
                    except StopIteration:
                        break
                    batch = {"tokens": tokens, "labels": labels}
                    current_num_tokens = (
                        batch["labels"] != self._loss_fn.ignore_index
                    ).sum()
                    num_tokens += current_num_tokens
                    loss_factor = current_num_tokens if not self.optimizer_in_bwd else 1.0
                    current_loss = self._loss_step(batch) * loss_factor
                    running_loss += current_loss.detach()
                    current_loss.backward()
                    if (batch_count + 1) % self._gradient_accumulation_steps == 0:
                        for p in self._model.parameters():  # training.scale_grads_
                            p.grad *= 1.0 / num_tokens
                        self.optimizer.step()
                        self.optimizer.zero_grad(set_to_none=True)
                        self.global_step += 1
                        inner_step_count += 1
                        loss_value = (
                            running_loss
                            / (num_tokens if not self.optimizer_in_bwd else 1.0)
                        ).item()
                        pbar.update(1)
                        pbar.set_description(
                            f"{curr_epoch + 1}|{self.global_step}|Loss: {loss_value:.4f}"
                        )
                        truth.append(point("Loss", loss_value, self.global_step))
                        running_loss, num_tokens = 0.0, 0
                    batch_count += 1
                self.epochs_run += 1

    Recipe().train()
    return truth


CASES["torchtune_bar"] = torchtune_bar
OWN_CHECKOUT["torchtune_bar"] = "TORCHTUNE"
REPOSITORY_CHECKOUTS["TORCHTUNE"] = ("pytorch/torchtune", "TORCHTUNE_COMMIT")
CHECKOUT_ROW["torchtune_bar"] = (
    "pytorch/torchtune recipes/full_finetune_single_device.py (copied statements)")


NNUNET_COPIED = [
    "args = (f\"{dt_object}:\", *args)",
    "print(*args)",
    "self.print_to_log_file('')",
    "self.print_to_log_file(f'Epoch {self.current_epoch}')",
    "f\"Current learning rate: {np.round(self.optimizer.param_groups[0]['lr'], decimals=5)}\")",
    "self.print_to_log_file('train_loss', np.round(self.logger.get_value('train_losses', step=-1), decimals=4))",
    "self.print_to_log_file('val_loss', np.round(self.logger.get_value('val_losses', step=-1), decimals=4))",
    "self.print_to_log_file('Pseudo dice', [np.round(i, decimals=4) for i in",
    "self.logger.get_value('dice_per_class_or_region', step=-1)])",
    "f\"Epoch time: {np.round(self.logger.get_value('epoch_end_timestamps', step=-1) - self.logger.get_value('epoch_start_timestamps', step=-1), decimals=2)} s\")",
    "self.print_to_log_file(f\"Yayy! New best EMA pseudo Dice: {np.round(self._best_ema, decimals=4)}\")",
    "global_dc_per_class = [i for i in [2 * i / (2 * i + j + k) for i, j, k in zip(tp, fp, fn)]]",
    "self.print_to_log_file(\"Training done.\")",
    "self.print_to_log_file(\"Mean Validation Dice: \", (metrics['foreground_mean'][\"Dice\"]),",
]


def nnunet_log() -> Truth:
    """nnU-Net v2's trainer log, `nnUNetTrainer` of
    `nnunetv2/training/nnUNetTrainer/nnUNetTrainer.py` (MIC-DKFZ/nnUNet, the checkout named by
    `NNUNET`, commit in VERSIONS.md; NNUNET_COPIED, checked there): `print_to_log_file` (each
    line after `datetime.fromtimestamp(time())` and a colon, `print(*args)`, and written to a
    log file too), called by `on_train_epoch_start` (an empty line, `Epoch 5`, `Current
    learning rate: 0.00254`), `on_epoch_end` (`train_loss -0.4123`, `val_loss -0.4412`,
    `Pseudo dice [np.float32(0.7312), np.float32(0.5521)]`: numpy 2's repr in a list, `Epoch
    time: 0.12 s`, and `Yayy! New best EMA pseudo Dice: 0.6017` when the moving average of the
    mean pseudo Dice improves), then `Training done.` and `Mean Validation Dice:
    0.6412`. A tiny 2D network (two convolutions) segmenting synthetic 32x32 images (two
    foreground classes: a bright square and a dark disc on noise) with nnU-Net's loss (cross
    entropy plus its negative soft Dice over the foreground, so the loss goes below 0), SGD
    with Nesterov momentum 0.99 and `PolyLRScheduler`'s decay from 1e-2, weight decay 3e-5,
    gradients clipped at 12, 6 epochs of 12 iterations (nnU-Net's 250) and 4 validation
    iterations (its 50), CPU. Truth: the trainer's logger (nnU-Net's `LocalLogger`: one value
    a key an epoch, as the trainer logs them): `train_losses` as `train_loss`, `val_losses`
    as `val_loss`, each entry of `dice_per_class_or_region` as `Pseudo_dice/0`,
    `Pseudo_dice/1` (its place in the logger's list, from 0: the line prints the list, not the
    foreground labels, 1 and 2, that nnU-Net's W&B logger names them by), `lrs` as
    `Current_learning_rate`, and
    `ema_fg_dice` as `New_best_EMA_pseudo_Dice` at the epochs where the line prints it, each
    at the epoch the `Epoch N` line before it names (from 0); the final validation's mean
    foreground Dice as `Mean_Validation_Dice`, no step. The epoch time is a timing."""
    import shutil
    from datetime import datetime
    from time import time

    import numpy as np
    import torch

    copied_from("NNUNET", "nnunetv2/training/nnUNetTrainer/nnUNetTrainer.py", "nnunet_log",
                NNUNET_COPIED)
    torch.manual_seed(0)
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(0)

    def images(n: int) -> tuple[Any, Any]:
        x = 0.3 * torch.randn(n, 1, 32, 32, generator=gen)
        y = torch.zeros(n, 32, 32, dtype=torch.long)
        yy, xx = torch.meshgrid(torch.arange(32), torch.arange(32), indexing="ij")
        for i in range(n):
            r, c, s = (int(v) for v in torch.randint(2, 20, (3,), generator=gen))
            s = 4 + s % 8
            y[i, r:r + s, c:c + s] = 1
            cr, cc = (int(v) for v in torch.randint(6, 26, (2,), generator=gen))
            disc = (yy - cr) ** 2 + (xx - cc) ** 2 <= 16
            y[i][disc] = 2
        x[:, 0][y == 1] += 1.0
        x[:, 0][y == 2] -= 1.0
        return x, y

    class LocalLogger:  # nnU-Net's, its log and get_value
        def __init__(self) -> None:
            self.my_fantastic_logging: dict[str, list[Any]] = {
                key: [] for key in ('mean_fg_dice', 'ema_fg_dice', 'dice_per_class_or_region',
                                    'train_losses', 'val_losses', 'lrs',
                                    'epoch_start_timestamps', 'epoch_end_timestamps')}

        def log(self, key: str, value: Any, epoch: int) -> None:
            assert len(self.my_fantastic_logging[key]) == epoch
            self.my_fantastic_logging[key].append(value)
            if key == 'mean_fg_dice':  # MetaLogger's moving average, as it computes it
                new_ema_pseudo_dice = self.get_value('ema_fg_dice', step=epoch - 1) * 0.9 + 0.1 * value \
                    if len(self.get_value('ema_fg_dice', step=None)) > 0 else value
                self.log('ema_fg_dice', new_ema_pseudo_dice, epoch)

        def get_value(self, key: str, step: Any) -> Any:
            if step is not None:
                return self.my_fantastic_logging[key][step]
            return self.my_fantastic_logging[key]

    class Trainer:
        def __init__(self, folder: str) -> None:
            self.log_file = os.path.join(folder, "training_log.txt")
            self.local_rank, self.current_epoch, self.num_epochs = 0, 0, 6
            self.num_iterations_per_epoch, self.num_val_iterations_per_epoch = 25, 4
            self.initial_lr, self.weight_decay, self._best_ema = 1e-2, 3e-5, None
            self.logger = LocalLogger()
            self.network = torch.nn.Sequential(
                torch.nn.Conv2d(1, 16, 3, padding=1), torch.nn.LeakyReLU(0.01),
                torch.nn.Conv2d(16, 16, 3, padding=1), torch.nn.LeakyReLU(0.01),
                torch.nn.Conv2d(16, 3, 1))
            self.optimizer = torch.optim.SGD(self.network.parameters(), self.initial_lr,
                                             weight_decay=self.weight_decay, momentum=0.99,
                                             nesterov=True)
            self.train_x, self.train_y = images(96)
            self.val_x, self.val_y = images(32)

        def print_to_log_file(self, *args: Any, also_print_to_console: bool = True,
                              add_timestamp: bool = True) -> None:
            timestamp = time()
            dt_object = datetime.fromtimestamp(timestamp)
            if add_timestamp:
                args = (f"{dt_object}:", *args)
            with open(self.log_file, 'a+') as f:
                for a in args:
                    f.write(str(a))
                    f.write(" ")
                f.write("\n")
            if also_print_to_console:
                print(*args, flush=True)

        def loss(self, output: Any, target: Any) -> Any:  # DC_and_CE_loss, batch Dice
            ce = torch.nn.functional.cross_entropy(output, target)
            probs = torch.softmax(output, 1)[:, 1:]
            onehot = torch.nn.functional.one_hot(target, 3).permute(0, 3, 1, 2)[:, 1:].float()
            intersect = (probs * onehot).sum((0, 2, 3))
            dc = (2 * intersect + 1e-5) / torch.clip(probs.sum((0, 2, 3)) + onehot.sum((0, 2, 3))
                                                     + 1e-5, 1e-8)
            return ce - dc.mean()

        def on_train_epoch_start(self) -> None:
            self.network.train()
            new_lr = self.initial_lr * (1 - self.current_epoch / self.num_epochs) ** 0.9
            for param_group in self.optimizer.param_groups:  # PolyLRScheduler.step
                param_group['lr'] = new_lr
            self.print_to_log_file('')
            self.print_to_log_file(f'Epoch {self.current_epoch}')
            self.print_to_log_file(
                f"Current learning rate: {np.round(self.optimizer.param_groups[0]['lr'], decimals=5)}")
            self.logger.log('lrs', self.optimizer.param_groups[0]['lr'], self.current_epoch)

        def batch(self, x: Any, y: Any, i: int) -> tuple[Any, Any]:
            start = (i * 8) % len(x)
            return x[start:start + 8], y[start:start + 8]

        def train_step(self, i: int) -> dict[str, Any]:
            data, target = self.batch(self.train_x, self.train_y, i)
            self.optimizer.zero_grad(set_to_none=True)
            l = self.loss(self.network(data), target)  # noqa: E741
            l.backward()
            torch.nn.utils.clip_grad_norm_(self.network.parameters(), 12)
            self.optimizer.step()
            return {'loss': l.detach().cpu().numpy()}

        def validation_step(self, i: int) -> dict[str, Any]:
            data, target = self.batch(self.val_x, self.val_y, i)
            with torch.no_grad():
                output = self.network(data)
                l = self.loss(output, target)  # noqa: E741
            predicted = output.argmax(1)
            tp_hard = np.array([((predicted == c) & (target == c)).sum() for c in (0, 1, 2)],
                               dtype=np.float32)
            fp_hard = np.array([((predicted == c) & (target != c)).sum() for c in (0, 1, 2)],
                               dtype=np.float32)
            fn_hard = np.array([((predicted != c) & (target == c)).sum() for c in (0, 1, 2)],
                               dtype=np.float32)
            # [1:] in order to remove background
            return {'loss': l.detach().cpu().numpy(), 'tp_hard': tp_hard[1:],
                    'fp_hard': fp_hard[1:], 'fn_hard': fn_hard[1:]}

        def on_validation_epoch_end(self, val_outputs: list[dict[str, Any]]) -> None:
            tp = np.sum([o['tp_hard'] for o in val_outputs], 0)
            fp = np.sum([o['fp_hard'] for o in val_outputs], 0)
            fn = np.sum([o['fn_hard'] for o in val_outputs], 0)
            loss_here = np.mean([o['loss'] for o in val_outputs])
            global_dc_per_class = [i for i in [2 * i / (2 * i + j + k) for i, j, k in zip(tp, fp, fn)]]
            mean_fg_dice = np.nanmean(global_dc_per_class)
            self.logger.log('mean_fg_dice', mean_fg_dice, self.current_epoch)
            self.logger.log('dice_per_class_or_region', global_dc_per_class, self.current_epoch)
            self.logger.log('val_losses', loss_here, self.current_epoch)

        def on_epoch_end(self) -> None:
            self.logger.log('epoch_end_timestamps', time(), self.current_epoch)
            self.print_to_log_file('train_loss', np.round(self.logger.get_value('train_losses', step=-1), decimals=4))
            self.print_to_log_file('val_loss', np.round(self.logger.get_value('val_losses', step=-1), decimals=4))
            self.print_to_log_file('Pseudo dice', [np.round(i, decimals=4) for i in
                                                   self.logger.get_value('dice_per_class_or_region', step=-1)])
            self.print_to_log_file(
                f"Epoch time: {np.round(self.logger.get_value('epoch_end_timestamps', step=-1) - self.logger.get_value('epoch_start_timestamps', step=-1), decimals=2)} s")
            if self._best_ema is None or self.logger.get_value('ema_fg_dice', step=-1) > self._best_ema:
                self._best_ema = self.logger.get_value('ema_fg_dice', step=-1)
                self.print_to_log_file(f"Yayy! New best EMA pseudo Dice: {np.round(self._best_ema, decimals=4)}")
                best.append(self.current_epoch)
            self.current_epoch += 1

        def run_training(self) -> None:
            for _ in range(self.current_epoch, self.num_epochs):
                self.logger.log('epoch_start_timestamps', time(), self.current_epoch)
                self.on_train_epoch_start()
                train_outputs = [self.train_step(i) for i in range(self.num_iterations_per_epoch)]
                self.logger.log('train_losses', np.mean([o['loss'] for o in train_outputs]),
                                self.current_epoch)
                self.network.eval()
                val_outputs = [self.validation_step(i)
                               for i in range(self.num_val_iterations_per_epoch)]
                self.on_validation_epoch_end(val_outputs)
                self.on_epoch_end()
            self.print_to_log_file("Training done.")

        def perform_actual_validation(self) -> float:
            with torch.no_grad():
                predicted = self.network(self.val_x).argmax(1)
            dice = [[2 * float(((p == c) & (t == c)).sum())
                     / max(float((p == c).sum() + (t == c).sum()), 1.0)
                     for p, t in zip(predicted, self.val_y)] for c in (1, 2)]
            metrics = {'foreground_mean': {"Dice": float(np.mean([np.mean(d) for d in dice]))}}
            self.print_to_log_file("Mean Validation Dice: ", (metrics['foreground_mean']["Dice"]),
                                   also_print_to_console=True)
            return metrics['foreground_mean']["Dice"]

    best: list[int] = []
    folder = tempfile.mkdtemp()
    try:
        trainer = Trainer(folder)
        trainer.run_training()
        mean_dice = trainer.perform_actual_validation()
    finally:
        shutil.rmtree(folder)
    log = trainer.logger
    truth: Truth = []
    for epoch in range(trainer.num_epochs):
        truth += [point("Current_learning_rate", log.get_value('lrs', epoch), epoch),
                  point("train_loss", log.get_value('train_losses', epoch), epoch),
                  point("val_loss", log.get_value('val_losses', epoch), epoch)]
        truth += [point(f"Pseudo_dice/{label}", dice, epoch) for label, dice in
                  enumerate(log.get_value('dice_per_class_or_region', epoch))]
        if epoch in best:
            truth.append(point("New_best_EMA_pseudo_Dice", log.get_value('ema_fg_dice', epoch),
                               epoch))
    truth.append(point("Mean_Validation_Dice", mean_dice, None))
    return truth


CASES["nnunet_log"] = nnunet_log
OWN_CHECKOUT["nnunet_log"] = "NNUNET"
REPOSITORY_CHECKOUTS["NNUNET"] = ("MIC-DKFZ/nnUNet", "NNUNET_COMMIT")
CHECKOUT_ROW["nnunet_log"] = (
    "MIC-DKFZ/nnUNet nnunetv2/training/nnUNetTrainer/nnUNetTrainer.py (copied statements)")
for _case in ("megatron_training_log", "litgpt_pretrain", "torchtune_bar", "nnunet_log"):
    OWN_ENVIRONMENT[_case] = {name: f"{name} (Megatron-LM, litgpt, torchtune, nnU-Net cases)"
                              for name in ("torch", "numpy", "tqdm", "torchmetrics")}


# --- fastText, Vowpal Wabbit ------------------------------------------------------------------
# Each runs alone, in an environment of its own (fastText's and Vowpal Wabbit's wheels):
#
#     python -m venv ~/ftvw-venv && ~/ftvw-venv/bin/pip install fasttext-wheel vowpalwabbit numpy
#     git clone https://github.com/facebookresearch/fastText ~/fastText   # its example script
#     export FASTTEXT=~/fastText FASTTEXT_COMMIT=$(git -C ~/fastText rev-parse HEAD)
#     ~/ftvw-venv/bin/python tests/corpus/make_corpus.py fasttext_supervised
#     ~/ftvw-venv/bin/python tests/corpus/make_corpus.py vowpal_wabbit

# Made-up cooking questions, a few words of a topic each and common words, one to three labels.
FASTTEXT_TOPICS = {
    "baking": ["bread", "dough", "oven", "yeast", "flour", "cake", "rise", "knead"],
    "equipment": ["knife", "pan", "skillet", "blender", "pot", "sharpen", "cast", "iron"],
    "sauce": ["sauce", "thicken", "roux", "gravy", "emulsion", "reduce", "cream", "whisk"],
    "meat": ["steak", "chicken", "pork", "brine", "roast", "grill", "beef", "marinade"],
    "storage": ["freeze", "fridge", "store", "keep", "jar", "shelf", "spoil", "container"],
}
FASTTEXT_COMMON = ["how", "do", "i", "can", "my", "the", "a", "what", "is", "best", "to", "for",
                   "why", "does", "with", "without", "should", "long", "much", "make"]


def fasttext_files(folder: str) -> None:
    """`cooking.train` (12000 lines) and `cooking.valid` (3000) in `folder`, as the example
    reads them from `DATADIR`: `__label__baking __label__storage how do i keep bread ...`."""
    import random

    rng = random.Random(0)
    topics = list(FASTTEXT_TOPICS)
    for name, lines in (("cooking.train", 12000), ("cooking.valid", 3000)):
        with open(os.path.join(folder, name), "w") as f:
            for _ in range(lines):
                labels = rng.sample(topics, rng.choice([1, 1, 1, 2, 3]))
                words = [rng.choice(FASTTEXT_TOPICS[t]) for t in labels for _ in range(2)]
                words += [rng.choice(FASTTEXT_COMMON) for _ in range(rng.randint(3, 8))]
                words += [rng.choice(FASTTEXT_TOPICS[rng.choice(topics)])]  # a stray word
                rng.shuffle(words)
                f.write(" ".join(f"__label__{t}" for t in labels) + " " + " ".join(words) + "\n")


# The example's two changes: its model quantized from 1000 rows, not 100000 (quantizing 100000
# takes minutes here), and each training on two threads (below).
FASTTEXT_CHANGES = {"cutoff=100000": "cutoff=1000"}


def fasttext_supervised() -> Truth:
    """fastText's own example of supervised training, facebookresearch/fastText
    `python/doc/examples/train_supervised.py` (the checkout named by `FASTTEXT`, commit in
    VERSIONS.md), run as the script (`__main__`) with `DATADIR` naming a folder of made-up
    cooking questions (fasttext_files) and from a folder of its own (it saves `cooking.bin`
    and `cooking.ftz`): `train_supervised(input=..., epoch=25, lr=1.0, wordNgrams=2,
    verbose=2, minCount=1)`, `print_results(*model.test(valid_data))`, the same with
    `loss="hs"`, then `quantize(..., qnorm=True, retrain=True, cutoff=1000)` and its results
    again. Two changes: the quantization keeps 1000 rows, not 100000 (FASTTEXT_CHANGES: the
    product quantizer takes minutes on 100000 here), and each training runs on two threads (a
    wrapper of `train_supervised` adds `thread=2`): the example leaves `thread` to its
    default, `cpu_count() - 1`, one thread on a machine of two cores, and on one thread
    fastText trains in its calling thread and draws no progress until the end; from two
    threads on it redraws it every 100 ms, as it does on most machines. fastText's C++
    (`src/fasttext.cc`, `FastText::startThreads` and `printInfo`) writes on stderr `Read 0M
    words`, `Number of words:  61`, `Number of labels: 5`, then `\\rProgress:  42.3%
    words/sec/thread: 1234567 lr:  0.577000 avg.loss:  1.234567 ETA:   0h 0m 1s` every 100 ms
    while it trains (which redraws appear depends on timing) and once at 100%, ended by a
    newline; the example prints `N\\t3000`, `P@1\\t0.812`, `R@1\\t0.543`. Two threads train
    (Hogwild) in an order that changes from run to run, so each capture has its run's truth
    (RUN_TO_RUN). Truth: what `model.test` returns (fastText's own evaluation: the precision
    and recall at one), as `P@1` and `R@1` with no step (the lines name none), read by a
    wrapper of the model's `test`; `N` is a count of examples. fastText keeps no record of its
    progress: its Python module exposes neither the average loss nor the learning rate it
    prints (they live in the C++ trainer and are only printed), so the progress lines' `lr`
    and `avg.loss` are in no truth: a reader of the output gets them as points this case
    cannot check."""
    import shutil

    import fasttext
    from fasttext.FastText import _FastText

    folder = os.environ.get("FASTTEXT")
    script = os.path.join(folder or "", "python", "doc", "examples", "train_supervised.py")
    if not folder or not os.path.exists(script):
        raise SystemExit("set FASTTEXT to a facebookresearch/fastText checkout")
    with open(script) as f:
        source = f.read()
    for old, new in FASTTEXT_CHANGES.items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    truth: Truth = []
    train_supervised, test = fasttext.train_supervised, _FastText.test

    def two_threads(*args: Any, **kwargs: Any) -> Any:
        return train_supervised(*args, **dict(kwargs, thread=2))

    def recorded(self: Any, path: str, k: int = 1, threshold: float = 0.0) -> Any:
        n, p, r = test(self, path, k, threshold)
        truth.extend([point("P@1", p, None), point("R@1", r, None)])
        return n, p, r

    fasttext.train_supervised = two_threads
    _FastText.test = recorded  # type: ignore[method-assign]
    here = os.getcwd()
    work = tempfile.mkdtemp()
    try:
        fasttext_files(work)
        os.environ["DATADIR"] = work
        os.chdir(work)
        exec(compile(source, "train_supervised.py", "exec"), {"__name__": "__main__"})
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    if len(truth) != 6:
        raise SystemExit(f"fasttext_supervised: the example tested {len(truth) // 2} models")
    return truth


# Cases whose values change from run to run (threads that train in an order of their own): each
# capture has its run's own truth, the same points.
RUN_TO_RUN = {"fasttext_supervised"}


CASES["fasttext_supervised"] = fasttext_supervised
OWN_ENVIRONMENT["fasttext_supervised"] = {"fasttext-wheel": "fasttext-wheel",
                                          "numpy": "numpy (fasttext, vowpal_wabbit cases)"}
OWN_CHECKOUT["fasttext_supervised"] = "FASTTEXT"
REPOSITORY_CHECKOUTS["FASTTEXT"] = ("facebookresearch/fastText", "FASTTEXT_COMMIT")
CHECKOUT_ROW["fasttext_supervised"] = (
    "facebookresearch/fastText python/doc/examples/train_supervised.py")


def vowpal_wabbit() -> Truth:
    """Vowpal Wabbit from Python: `vowpalwabbit.Workspace("--loss_function logistic -b 18")`
    learning 5000 synthetic examples one by one (`ws.learn("1 | a:0.4967 b:-0.1383 ... |w
    red")`: a label of -1 or 1 from a linear function of five numeric features and noise, and
    a word in a second namespace), then `ws.finish()`. VW prints on stderr (its C++,
    `vowpalwabbit/core/src/shared_data.cc`: `print_update_header`, `print_update`,
    `print_summary`) its settings (`Num weight bits = 18`, `learning rate = 0.5`, ...), the
    progressive-validation table (`average  since         example        example ...` over
    `loss     last          counter         weight ...`, then `0.693147 0.693147            1
    1.0         1.0000         0.0000        7`) at example 1, 2, 4, ... (each time the
    weighted examples reach the dump interval, which then doubles: `update_dump_interval`),
    and at `finish` its summary (`finished run`, `number of examples = 5000`, `weighted
    example sum`, `weighted label sum`, `average loss = 0.412345`, `best constant`, `best
    constant's loss`, `total feature number`). Truth: VW's own sums, read after each `learn`
    (`ws.get_sum_loss()`, `ws.get_weighted_examples()`) at the examples whose row it prints:
    `average_loss` (sum of losses over weighted examples) and `since_last` (the losses since
    the previous row over the examples since), at the example counter; after `finish`'s
    summary the overall `average_loss` with no step (the summary names none). The counter,
    weight, current label, prediction and feature count are the example's, not measures of
    the learning; the summary's counts and sums, and the best constant (a prediction) and
    its loss (VW's Python API gives neither), are left out."""
    import random

    import vowpalwabbit

    rng = random.Random(0)
    weights = [0.9, -0.6, 0.4, 0.0, 1.2]
    ws = vowpalwabbit.Workspace("--loss_function logistic -b 18")
    truth: Truth = []
    dump_interval, last_loss, last_weight = 1.0, 0.0, 0.0
    for _ in range(5000):
        x = [rng.gauss(0, 1) for _ in weights]
        margin = sum(w * v for w, v in zip(weights, x)) + rng.gauss(0, 0.7)
        label = 1 if margin > 0 else -1
        colour = rng.choice(["red", "green", "blue"])
        features = " ".join(f"{name}:{v:.4f}" for name, v in zip("abcde", x))
        ws.learn(f"{label} | {features} |w {colour}")
        sum_loss, weighted = ws.get_sum_loss(), ws.get_weighted_examples()
        if weighted >= dump_interval:  # the row VW prints for this example
            truth += [point("average_loss", sum_loss / weighted, int(weighted)),
                      point("since_last", (sum_loss - last_loss) / (weighted - last_weight),
                            int(weighted))]
            dump_interval, last_loss, last_weight = weighted * 2, sum_loss, weighted
    sum_loss, weighted = ws.get_sum_loss(), ws.get_weighted_examples()
    ws.finish()
    truth.append(point("average_loss", sum_loss / weighted, None))
    return truth


CASES["vowpal_wabbit"] = vowpal_wabbit
OWN_ENVIRONMENT["vowpal_wabbit"] = {"vowpalwabbit": "vowpalwabbit",
                                    "numpy": "numpy (fasttext, vowpal_wabbit cases)"}


# --- scikit-learn's reports and searches, pmdarima, NLTK --------------------------------------


def sklearn_classification_report() -> Truth:
    """The scikit-learn user guide's evaluation lines as people paste them into scripts: a
    `LogisticRegression` on 300 synthetic samples of 3 classes (`make_classification`), 75
    held out, then `print(classification_report(y_test, y_pred))` (the table: a row a class,
    `           0       0.83      0.80      0.82        25`, then `accuracy`, `macro avg`,
    `weighted avg`; `sklearn/metrics/_classification.py`), `print(confusion_matrix(y_test,
    y_pred))`, and `scores = cross_val_score(clf, X, y, cv=5)` printed as
    `print("CV scores:", scores)` (numpy's array, no commas) and as the user guide's
    `print("%0.2f accuracy with a standard deviation of %0.2f" % (scores.mean(),
    scores.std()))` (doc/modules/cross_validation.rst). Truth: `classification_report(...,
    output_dict=True)` of the same predictions, flattened with `/` under the names printed
    (`0/precision`, `macro avg/f1-score`, and `accuracy`), support left out (counts); the
    scores `cross_val_score` returned, as `CV_scores/0` to `CV_scores/4` (the name printed
    before the array, a series a place in it, as a printed list's values are named
    everywhere: nnunet_log's `Pseudo_dice/0`), no step; their mean and standard deviation as `accuracy` and `standard_deviation`, the names
    the sentence gives them, no step (the line names none). The confusion matrix holds counts
    and is left out."""
    import numpy as np
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import classification_report, confusion_matrix
    from sklearn.model_selection import cross_val_score, train_test_split

    x, y = make_classification(n_samples=300, n_features=8, n_informative=4, n_classes=3,
                               random_state=0)
    x_train, x_test, y_train, y_test = train_test_split(x, y, random_state=0)
    clf = LogisticRegression(max_iter=1000).fit(x_train, y_train)
    y_pred = clf.predict(x_test)
    print(classification_report(y_test, y_pred))
    print(confusion_matrix(y_test, y_pred))
    scores = cross_val_score(clf, x, y, cv=5)
    print("CV scores:", scores)
    print("%0.2f accuracy with a standard deviation of %0.2f"  # noqa: UP031 (the user guide's)
          % (scores.mean(), scores.std()))
    truth: Truth = []
    for row, values in classification_report(y_test, y_pred, output_dict=True).items():
        if isinstance(values, dict):
            truth += [point(f"{row}/{name}", value, None) for name, value in values.items()
                      if name != "support"]
        else:
            truth.append(point(row, values, None))
    truth += [point(f"CV_scores/{fold}", value, None) for fold, value in enumerate(scores)]
    truth += [point("accuracy", np.mean(scores), None),
              point("standard_deviation", np.std(scores), None)]
    return truth


CASES["sklearn_classification_report"] = sklearn_classification_report


def sklearn_randomized_search() -> Truth:
    """RandomizedSearchCV(SVC(), {"C": loguniform(0.01, 100), "gamma": loguniform(1e-3, 1)},
    n_iter=4, cv=3, verbose=3, return_train_score=True, random_state=0) on 150 synthetic
    samples: `Fitting 3 folds for each of 4 candidates, totalling 12 fits`, then a line a fit
    with both scores, `[CV 1/3] END C=1.5676677195506077, gamma=0.13981961408994045;, score=(train=0.950,
    test=0.880) total time=   0.0s` (`_fit_and_score`, `sklearn/model_selection/_validation.py`;
    the sampled parameters printed in full). GridSearchCV's verbose=3 lines without training
    scores are sklearn_grid's. Truth: `cv_results_`' `split{k}_train_score` and
    `split{k}_test_score` of each candidate and fold, in the printed order (candidate by
    candidate, its folds in turn), as `score/train` and `score/test` (the names printed,
    `score=(train=..., test=...)`, flattened with `/`), no step, as sklearn_grid."""
    from scipy.stats import loguniform
    from sklearn.datasets import make_classification
    from sklearn.model_selection import RandomizedSearchCV
    from sklearn.svm import SVC

    x, y = make_classification(n_samples=150, n_features=6, random_state=0)
    search = RandomizedSearchCV(SVC(), {"C": loguniform(0.01, 100), "gamma": loguniform(1e-3, 1)},
                                n_iter=4, cv=3, verbose=3, return_train_score=True,
                                random_state=0)
    search.fit(x, y)
    results = search.cv_results_
    return [point(f"score/{split}", results[f"split{fold}_{split}_score"][candidate], None)
            for candidate in range(len(results["params"])) for fold in range(3)
            for split in ("train", "test")]


CASES["sklearn_randomized_search"] = sklearn_randomized_search


# pmdarima and NLTK each run alone, in an environment of their own:
#
#     python -m venv ~/pmdarima-venv && ~/pmdarima-venv/bin/pip install pmdarima
#     ~/pmdarima-venv/bin/python tests/corpus/make_corpus.py pmdarima_auto_arima
#     python -m venv ~/nltk-venv && ~/nltk-venv/bin/pip install nltk numpy
#     ~/nltk-venv/bin/python tests/corpus/make_corpus.py nltk_maxent


def pmdarima_auto_arima() -> Truth:
    """pmdarima's `auto_arima(y, trace=True, seasonal=False)` stepwise search of a synthetic
    ARIMA(1,1,1) series of 200 points: `Performing stepwise search to minimize aic`, a line a
    model tried, ` ARIMA(2,1,2)(0,0,0)[0] intercept   : AIC=612.345, Time=0.12 sec`
    (`_fit_candidate_model`, `pmdarima/arima/_auto_solvers.py`), then `Best model:
    ARIMA(1,1,1)(0,0,0)[0]` and `Total fit time: 0.845 seconds` (`pmdarima/arima/auto.py`).
    Truth: the information criterion `_fit_candidate_model` returns with each model it
    prints (the fitted model's own `aic()`, after pmdarima's root test; read by a profile hook
    as the function returns), as `AIC`, the name printed, no step: the line names a model
    (its orders), not a step of one series, as autogluon_tabular's models. The times are
    timings."""
    import numpy as np
    import pmdarima
    from pmdarima.arima import _auto_solvers

    rng = np.random.default_rng(0)
    noise = rng.normal(size=201)
    diff = np.zeros(200)
    for t in range(1, 200):
        diff[t] = 0.6 * diff[t - 1] + noise[t + 1] + 0.3 * noise[t]
    y = 50 + np.cumsum(diff)
    truth: Truth = []
    code = _auto_solvers._fit_candidate_model.__code__

    def profile(frame: Any, event: str, value: Any) -> None:
        if event == "return" and frame.f_code is code:
            truth.append(point("AIC", value[2], None))

    sys.setprofile(profile)
    try:
        model = pmdarima.auto_arima(y, trace=True, seasonal=False, suppress_warnings=True)
    finally:
        sys.setprofile(None)
    if not truth or not any(p["value"] == model.aic() for p in truth):
        raise SystemExit("pmdarima_auto_arima: the best model's aic() was not among the fits")
    if any(not np.isfinite(p["value"]) for p in truth):
        raise SystemExit("pmdarima_auto_arima: a model's AIC is not finite")
    return truth


CASES["pmdarima_auto_arima"] = pmdarima_auto_arima
OWN_ENVIRONMENT["pmdarima_auto_arima"] = {
    "pmdarima": "pmdarima", "statsmodels": "statsmodels (pmdarima case)",
    "scikit-learn": "scikit-learn (pmdarima case)", "numpy": "numpy (pmdarima case)"}


def nltk_maxent() -> Truth:
    """NLTK's maximum entropy classifier as its book and `names_demo` use it: made-up names
    (random letters, 400 to train, 100 to test) labelled `male`/`female` mostly by their last
    letter, the features a dict (`last_letter`, `first_letter`, `length`);
    `nltk.MaxentClassifier.train(train_set, max_iter=10)` (the default algorithm, IIS, and
    trace 3) prints `  ==> Training (10 iterations)`, then the table (`nltk/classify/maxent.py`,
    `train_maxent_classifier_with_iis`): `      Iteration    Log Likelihood    Accuracy`, a
    dashed rule, `             1          -0.69315        0.505` a row an iteration (1 to 9:
    the tenth stops the loop) and `         Final          -0.31234        0.920`; then
    `print("Accuracy: %6.4f" % nltk.classify.accuracy(classifier, test_set))` (the line
    `nltk/classify/util.py`'s `names_demo` prints). Truth: the trainer's locals `ll` and `acc`
    (what `log_likelihood` and `accuracy` of `nltk/classify/util.py` returned, on the
    training set) as each row is printed, read by a profile hook on its call of `safe_print`,
    as `Log_Likelihood` and `Accuracy` (the columns' names) at `iternum` (from 1, as printed),
    and the `Final` row's with no step (it names none); `nltk.classify.accuracy`'s return on
    the test set as `Accuracy`, no step."""
    import linecache
    import random

    import nltk
    from nltk.classify import maxent

    rng = random.Random(0)
    letters = "abcdefghijklmnopqrstuvwxyz"

    def example() -> tuple[dict[str, Any], str]:
        name = "".join(rng.choice(letters) for _ in range(rng.randint(3, 8)))
        label = "female" if name[-1] in "aeiouy" else "male"
        if rng.random() < 0.1:
            label = "male" if label == "female" else "female"
        return {"last_letter": name[-1], "first_letter": name[0], "length": len(name)}, label

    train_set = [example() for _ in range(400)]
    test_set = [example() for _ in range(100)]
    truth: Truth = []
    trainers = {maxent.train_maxent_classifier_with_iis.__code__,
                maxent.train_maxent_classifier_with_gis.__code__}

    def profile(frame: Any, event: str, value: Any) -> None:
        caller = frame.f_back
        if event != "call" or frame.f_code is not maxent.safe_print.__code__ or (
                caller is None or caller.f_code not in trainers):
            return
        line = linecache.getline(caller.f_code.co_filename, caller.f_lineno)
        values = caller.f_locals
        if "%9d" in line:
            step = values["iternum"]
        elif "Final" in line:
            step = None
        else:
            return
        truth.extend([point("Log_Likelihood", values["ll"], step),
                      point("Accuracy", values["acc"], step)])

    sys.setprofile(profile)
    try:
        classifier = nltk.MaxentClassifier.train(train_set, max_iter=10)
    finally:
        sys.setprofile(None)
    test_accuracy = nltk.classify.accuracy(classifier, test_set)
    print("Accuracy: %6.4f" % test_accuracy)  # noqa: UP031 (names_demo's)
    truth.append(point("Accuracy", test_accuracy, None))
    if [p["step"] for p in truth[:-3:2]] != list(range(1, 10)):
        raise SystemExit("nltk_maxent: not a row for each of the iterations 1 to 9")
    return truth


CASES["nltk_maxent"] = nltk_maxent
OWN_ENVIRONMENT["nltk_maxent"] = {"nltk": "nltk", "numpy": "numpy (nltk case)"}


# --- logging libraries: loguru, rich, absl, structlog, the standard library's formats ---------
# Hand-written loops that report through a logging library with its default output. Each runs
# alone, in one environment of its own (NumPy and the logging libraries, no torch):
#
#     python -m venv ~/logging-venv
#     ~/logging-venv/bin/pip install numpy loguru rich absl-py structlog
#     for case in loguru_loop rich_logging_loop absl_logging_loop structlog_loop \
#             python_logging_formats; do
#         ~/logging-venv/bin/python tests/corpus/make_corpus.py $case
#     done


class _LogisticLoop:
    """The logging cases' training loop: a NumPy logistic regression (8 features, an L2 penalty
    of 1e-3) trained by mini-batch gradient descent on synthetic data (400 training and 100
    validation samples, batches of 16: 25 steps an epoch), its learning rate decayed by a
    cosine from 0.5 to 0.05 over the run."""

    def __init__(self, epochs: int) -> None:
        import numpy as np

        self.np = np
        self.rng = np.random.default_rng(0)
        x = self.rng.normal(size=(500, 8))
        noise = 0.8 * self.rng.normal(size=500)
        y = (x[:, 0] - 0.7 * x[:, 1] + 0.5 * x[:, 2] + noise > 0).astype(float)
        self.x, self.y, self.x_val, self.y_val = x[:400], y[:400], x[400:], y[400:]
        self.w, self.b = np.zeros(8), 0.0
        self.steps_per_epoch, self.total = 25, epochs * 25
        self.step = 0

    def lr(self) -> float:
        import math

        return 0.05 + 0.225 * (1 + math.cos(math.pi * self.step / self.total))

    def _predict(self, x: Any) -> Any:
        return 1 / (1 + self.np.exp(-(x @ self.w + self.b)))

    def _bce(self, p: Any, y: Any) -> float:
        np = self.np
        return float(-np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9)))

    def train_epoch(self) -> Any:
        """Each batch's `(position in the epoch from 1, losses, batch accuracy, lr)`, the
        losses a dict of `total_loss`, `bce_loss`, `l2_loss`, the parameters updated."""
        np = self.np
        order = self.rng.permutation(len(self.x))
        for i in range(self.steps_per_epoch):
            batch = order[i * 16 : (i + 1) * 16]
            x, y = self.x[batch], self.y[batch]
            p = self._predict(x)
            bce, l2 = self._bce(p, y), float(1e-3 * np.sum(self.w**2))
            lr = self.lr()
            self.w -= lr * (x.T @ (p - y) / len(batch) + 2e-3 * self.w)
            self.b -= lr * float(np.mean(p - y))
            self.step += 1
            losses = {"total_loss": bce + l2, "bce_loss": bce, "l2_loss": l2}
            yield i + 1, losses, np.mean((p > 0.5) == y), lr

    def evaluate(self, train: bool = False) -> tuple[float, Any]:
        """The loss (a Python float) and accuracy (a NumPy float, `(pred == y).mean()`) on the
        validation set, or on the training set."""
        x, y = (self.x, self.y) if train else (self.x_val, self.y_val)
        p = self._predict(x)
        return self._bce(p, y), ((p > 0.5) == y).mean()


def loguru_loop() -> Truth:
    """A hand-written loop that logs through loguru's default sink (stderr, `2026-12-02
    10:00:00.123 | INFO     | __main__:train:42 - ...`, coloured on a terminal only), as
    Megvii-BaseDetection/YOLOX `yolox/core/trainer.py` (`after_iter`) logs its training:
    `logger.info("{}, gpu mem: {:.0f}Mb, mem: {:.1f}Gb, {}, {}, lr: {:.3e}".format(
    progress_str, ..., time_str, loss_str, lr) + (", size: {:d}, {}".format(..., eta_str)))`
    every `print_interval` iterations, with `progress_str` `epoch: 1/3, iter: 5/25`, the
    meters' times `iter_time: 0.001s, data_time: 0.000s` and the losses `total_loss: 0.7,
    bce_loss: 0.7, l2_loss: 0.0` (`{:.1f}` of each loss meter's latest value); on a CPU
    without its GPU memory and input size. After each epoch two lines of the shapes people
    write with loguru: `logger.info(f"epoch {epoch} | train_loss {loss:.4f} | val_acc
    {acc:.4f}")` and `logger.info("Epoch {}: loss={:.4f}, accuracy={:.2%}", epoch, loss,
    acc)` (the training set's loss and accuracy after the epoch). 3 epochs of 25 steps, a
    line every 5. Truth: the values the loop formats, kept as it logs them: the losses and
    `lr` at the global iteration `(epoch - 1) * 25 + iter` (the printed counter made global),
    the epoch lines' values at the epoch (from 1), the accuracy `{:.2%}` formats in percent,
    as printed. The memory, times and ETA are left out."""
    import datetime
    import resource
    import time

    from loguru import logger

    loop = _LogisticLoop(epochs=3)
    truth: Truth = []
    max_epoch, max_iter = 3, loop.steps_per_epoch

    def train() -> None:
        start = time.perf_counter()
        for epoch in range(1, max_epoch + 1):
            epoch_losses = []
            tick = time.perf_counter()
            for it, losses, _acc, lr in loop.train_epoch():
                epoch_losses.append(losses["total_loss"])
                iter_time, tick = time.perf_counter() - tick, time.perf_counter()
                if it % 5 == 0:
                    done = (epoch - 1) * max_iter + it
                    eta = (time.perf_counter() - start) / done * (max_epoch * max_iter - done)
                    eta_str = f"ETA: {datetime.timedelta(seconds=int(eta))}"
                    progress_str = f"epoch: {epoch}/{max_epoch}, iter: {it}/{max_iter}"
                    loss_str = ", ".join(f"{k}: {v:.1f}" for k, v in losses.items())
                    time_str = f"iter_time: {iter_time:.3f}s, data_time: 0.000s"
                    mem = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
                    logger.info("{}, mem: {:.1f}Gb, {}, {}, lr: {:.3e}".format(  # noqa: UP032 (YOLOX's statement)
                        progress_str, mem, time_str, loss_str, lr) + f", {eta_str}")
                    truth.extend(point(k, v, done) for k, v in losses.items())
                    truth.append(point("lr", lr, done))
            loss = sum(epoch_losses) / len(epoch_losses)
            _, acc = loop.evaluate()
            logger.info(f"epoch {epoch} | train_loss {loss:.4f} | val_acc {acc:.4f}")
            truth.extend([point("train_loss", loss, epoch), point("val_acc", acc, epoch)])
            train_loss, train_acc = loop.evaluate(train=True)
            logger.info("Epoch {}: loss={:.4f}, accuracy={:.2%}", epoch, train_loss, train_acc)
            truth.extend([point("loss", train_loss, epoch),
                          point("accuracy", train_acc * 100, epoch)])

    train()
    return truth


def rich_logging_loop() -> Truth:
    """A hand-written loop logging through the standard library's `logging` with rich's
    handler, configured as rich's documentation gives it (`docs/source/logging.rst`:
    `logging.basicConfig(level="NOTSET", format="%(message)s", datefmt="[%X]",
    handlers=[RichHandler()])`, here at level INFO): `log.info(f"step {step}: loss={loss:.4f}
    lr={lr:.2e}")` every 5 steps and, after each epoch, `log.info(f"epoch {epoch} finished:
    train_loss={...:.4f}, val_loss={...:.4f}, val_acc={...:.4f}, best_val_acc={...:.4f}")`.
    RichHandler (`rich/logging.py`, `rich/_log_render.py`) draws a table row a record: the
    time (`[10:00:00]`, left blank when it repeats the line before's), the level, the message
    (numbers highlighted on a terminal) and the source file and line right-aligned at the
    console's width (`make_corpus.py:8650`), wrapping a long message onto the next lines
    under the message column. Through a pipe rich draws without colours at the width
    `COLUMNS` gives (100), as on the terminal. 3 epochs of 25 steps. Truth: the values the
    loop formats, kept as it logs them, at the step the line names (`step N`, the global
    step from 1; the epoch line's at its epoch, from 1)."""
    import logging

    from rich.logging import RichHandler

    logging.basicConfig(level="INFO", format="%(message)s", datefmt="[%X]",
                        handlers=[RichHandler()])
    log = logging.getLogger("rich")
    loop = _LogisticLoop(epochs=3)
    truth: Truth = []
    best = 0.0
    for epoch in range(1, 4):
        epoch_losses = []
        for _, losses, _acc, lr in loop.train_epoch():
            step, loss = loop.step, losses["total_loss"]
            epoch_losses.append(loss)
            if step % 5 == 0:
                log.info(f"step {step}: loss={loss:.4f} lr={lr:.2e}")
                truth.extend([point("loss", loss, step), point("lr", lr, step)])
        train_loss = sum(epoch_losses) / len(epoch_losses)
        val_loss, val_acc = loop.evaluate()
        best = max(best, float(val_acc))
        log.info(f"epoch {epoch} finished: train_loss={train_loss:.4f}, val_loss={val_loss:.4f}, "
                 f"val_acc={val_acc:.4f}, best_val_acc={best:.4f}")
        truth.extend([point("train_loss", train_loss, epoch), point("val_loss", val_loss, epoch),
                      point("val_acc", val_acc, epoch), point("best_val_acc", best, epoch)])
    return truth


def absl_logging_loop() -> Truth:
    """A hand-written loop under `absl.app.run`, logging with absl's default handler (stderr,
    `I1202 10:00:00.123456 140000 make_corpus.py:42] ...`: absl-py `absl/logging/__init__.py`,
    `PythonFormatter` and `get_absl_log_prefix`), as TensorFlow-era and JAX research code
    does: `logging.info("Step %d: loss = %.4f, accuracy = %.3f", step, loss, acc)` every 5
    steps (the batch's loss and accuracy) and after each epoch `logging.info("Epoch %d:
    val_loss = %.4f, val_accuracy = %.3f", epoch, val_loss, val_acc)`. 3 epochs of 25 steps.
    Truth: the arguments of each record (`record.args`, read by a logging handler on absl's
    logger as each line is logged), keyed as the message names them, at the step it names
    (the global step from 1; the epoch line's at its epoch, from 1)."""
    import logging as std_logging

    from absl import app, logging

    truth: Truth = []
    names = {"Step %d: loss = %.4f, accuracy = %.3f": ("loss", "accuracy"),
             "Epoch %d: val_loss = %.4f, val_accuracy = %.3f": ("val_loss", "val_accuracy")}

    class Record(std_logging.Handler):
        def emit(self, record: std_logging.LogRecord) -> None:
            if record.msg in names:
                step, *values = record.args  # type: ignore[misc]
                truth.extend(point(key, value, step)
                             for key, value in zip(names[record.msg], values))

    logging.get_absl_logger().addHandler(Record())

    def main(argv: list[str]) -> None:
        loop = _LogisticLoop(epochs=3)
        for epoch in range(1, 4):
            for _, losses, acc, _lr in loop.train_epoch():
                if loop.step % 5 == 0:
                    logging.info("Step %d: loss = %.4f, accuracy = %.3f", loop.step,
                                 losses["total_loss"], acc)
            val_loss, val_acc = loop.evaluate()
            logging.info("Epoch %d: val_loss = %.4f, val_accuracy = %.3f", epoch, val_loss,
                         val_acc)

    try:
        app.run(main, argv=["train.py"])
    except SystemExit as e:  # app.run ends the program with main's return
        if e.code not in (None, 0):
            raise
    if len(truth) != 36:
        raise SystemExit(f"absl_logging_loop: {len(truth)} values recorded, not 36")
    return truth


def structlog_loop() -> Truth:
    """A hand-written loop logging through structlog with its default configuration (no
    `structlog.configure`): `structlog.get_logger()`, whose default processors end in
    `ConsoleRenderer` (structlog `src/structlog/dev.py`: `2026-12-02 10:00:00 [info     ]
    epoch_end                      epoch=1 train_loss=0.5 val_acc=np.float64(0.8)`, the event
    padded to 30 columns, each value's repr after its key, sorted by key; coloured when the
    output is a terminal), to stdout: `log.info("train_step", step=step, loss=loss, lr=lr)`
    every 5 steps (Python floats, printed in full) and `log.info("epoch_end", epoch=epoch,
    train_loss=..., val_loss=..., val_acc=...)` after each epoch, the accuracy as the loop
    computes it, `(pred == y).mean()`, a NumPy float whose repr under NumPy 2 names its type.
    3 epochs of 25 steps. Truth: the keyword values of each call, kept as the loop logs them,
    at its `step` (the global step from 1), the epoch's at `epoch` (from 1)."""
    import structlog

    log = structlog.get_logger()
    loop = _LogisticLoop(epochs=3)
    truth: Truth = []
    for epoch in range(1, 4):
        epoch_losses = []
        for _, losses, _acc, lr in loop.train_epoch():
            step, loss = loop.step, losses["total_loss"]
            epoch_losses.append(loss)
            if step % 5 == 0:
                log.info("train_step", step=step, loss=loss, lr=lr)
                truth.extend([point("loss", loss, step), point("lr", lr, step)])
        train_loss = sum(epoch_losses) / len(epoch_losses)
        val_loss, val_acc = loop.evaluate()
        log.info("epoch_end", epoch=epoch, train_loss=train_loss, val_loss=val_loss,
                 val_acc=val_acc)
        truth.extend([point("train_loss", train_loss, epoch), point("val_loss", val_loss, epoch),
                      point("val_acc", val_acc, epoch)])
    return truth


# (format, datefmt, stream) of each of python_logging_formats' configurations, in turn.
PYTHON_LOGGING_FORMATS = [
    ("%(asctime)s - %(levelname)s - %(name)s - %(message)s", "%m/%d/%Y %H:%M:%S", "stdout"),
    ("%(asctime)s - %(name)s - %(levelname)s - %(message)s", None, "stderr"),
    ("[%(asctime)s][%(name)s][%(levelname)s] - %(message)s", None, "stdout"),
    ("%(asctime)s %(levelname)-8s %(message)s", None, "stderr"),
]


def python_logging_formats() -> Truth:
    """A hand-written loop logging through the standard library's `logging` with the formats
    most repositories copy, one after the other: the loop trains 8 epochs of 25 steps and
    configures the next (`logging.basicConfig(format=..., datefmt=..., handlers=[...],
    level=INFO, force=True)`) every 2 epochs: the Hugging Face examples' (huggingface/
    transformers `examples/pytorch/text-classification/run_glue.py`: `format="%(asctime)s -
    %(levelname)s - %(name)s - %(message)s", datefmt="%m/%d/%Y %H:%M:%S",
    handlers=[logging.StreamHandler(sys.stdout)]`), the Python logging HOWTO's
    `%(asctime)s - %(name)s - %(levelname)s - %(message)s` (stderr), Hydra's default job
    logging (facebookresearch/hydra `hydra/conf/hydra/job_logging/default.yaml`: `[%(asctime)s]
    [%(name)s][%(levelname)s] - %(message)s`, stdout) and `%(asctime)s %(levelname)-8s
    %(message)s` (stderr). It logs `logger.info("Step %d/%d: train_loss=%.4f, lr=%.2e", step,
    total, loss, lr)` every 10 steps and after each epoch `logger.info("Epoch %d/%d - loss:
    %.4f - val_loss: %.4f - val_accuracy: %.4f", ...)` (Keras' way of printing an epoch).
    Truth: the arguments of each record (`record.args`, read by a handler on the root logger
    as it is logged), keyed as the message names them, at the step it names (`Step N/200`: N;
    `Epoch N/8`: N); the totals (200, 8) are counts."""
    import logging

    truth: Truth = []
    names = {"Step %d/%d: train_loss=%.4f, lr=%.2e": ("train_loss", "lr"),
             "Epoch %d/%d - loss: %.4f - val_loss: %.4f - val_accuracy: %.4f":
             ("loss", "val_loss", "val_accuracy")}

    class Record(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.msg in names:
                step, _total, *values = record.args  # type: ignore[misc]
                truth.extend(point(key, value, step)
                             for key, value in zip(names[record.msg], values))

    logger = logging.getLogger(__name__)
    loop = _LogisticLoop(epochs=8)
    for epoch in range(1, 9):
        if epoch % 2 == 1:
            fmt, datefmt, stream = PYTHON_LOGGING_FORMATS[epoch // 2]
            logging.basicConfig(format=fmt, datefmt=datefmt, level=logging.INFO, force=True,
                                handlers=[logging.StreamHandler(getattr(sys, stream))])
            logging.getLogger().addHandler(Record())
        epoch_losses = []
        for _, losses, _acc, lr in loop.train_epoch():
            epoch_losses.append(losses["total_loss"])
            if loop.step % 10 == 0:
                logger.info("Step %d/%d: train_loss=%.4f, lr=%.2e", loop.step, loop.total,
                            losses["total_loss"], lr)
        val_loss, val_acc = loop.evaluate()
        logger.info("Epoch %d/%d - loss: %.4f - val_loss: %.4f - val_accuracy: %.4f", epoch, 8,
                    sum(epoch_losses) / len(epoch_losses), val_loss, val_acc)
    if len(truth) != 20 * 2 + 8 * 3:
        raise SystemExit(f"python_logging_formats: {len(truth)} values recorded")
    return truth


_LOGGING_CASES = {"loguru_loop": loguru_loop, "rich_logging_loop": rich_logging_loop,
                  "absl_logging_loop": absl_logging_loop, "structlog_loop": structlog_loop,
                  "python_logging_formats": python_logging_formats}
CASES.update(_LOGGING_CASES)
_LOGGING_PACKAGES = {"loguru_loop": "loguru", "rich_logging_loop": "rich",
                     "absl_logging_loop": "absl-py", "structlog_loop": "structlog"}
for _case in _LOGGING_CASES:
    OWN_ENVIRONMENT[_case] = {"numpy": "numpy (logging library cases)"}
    if _case in _LOGGING_PACKAGES:
        _package = _LOGGING_PACKAGES[_case]
        OWN_ENVIRONMENT[_case][_package] = f"{_package} (logging library cases)"


# --- torchtitan, mlx-lm, DeepSpeed: their loops' print statements; SpeechBrain, smp ------------
# torchtitan and mlx-lm (Apple silicon) are too large to run here: each case copies the
# statements that print from a checkout (checked there, as the cases above) into a small loop on
# synthetic data, CPU. DeepSpeed (on its CPU accelerator), SpeechBrain and
# segmentation_models_pytorch run themselves. Each runs alone, in an environment of its own
# (the CPU wheel of torch, with DeepSpeed and SpeechBrain for their cases):
#
#     python -m venv ~/r9-venv && ~/r9-venv/bin/pip install torch==2.13.0
#     ~/r9-venv/bin/pip install torch==2.13.0 speechbrain tqdm numpy
#     DS_ACCELERATOR=cpu DS_BUILD_OPS=0 ~/r9-venv/bin/pip install --no-build-isolation deepspeed
#     git clone https://github.com/pytorch/torchtitan ~/torchtitan
#     export TORCHTITAN=~/torchtitan TORCHTITAN_COMMIT=$(git -C ~/torchtitan rev-parse HEAD)
#     git clone https://github.com/ml-explore/mlx-lm ~/mlx-lm   # its lines before the rich UI:
#     git -C ~/mlx-lm checkout 480934402db07054048d1d4ef640b6bb185cdb8f
#     export MLX_LM=~/mlx-lm MLX_LM_COMMIT=$(git -C ~/mlx-lm rev-parse HEAD)
#     ~/r9-venv/bin/python tests/corpus/make_corpus.py torchtitan_metrics   # and the others
#
# segmentation_models_pytorch 0.3.3 needs torchvision, whose PyPI build loads only beside
# PyPI's torch: its case runs in an environment of its own with those:
#
#     python -m venv ~/smp-venv
#     ~/smp-venv/bin/pip install torch==2.14.1 torchvision==0.29.1 \
#         segmentation-models-pytorch==0.3.3 six
#     ~/smp-venv/bin/python tests/corpus/make_corpus.py smp_train_epoch


def copied_from_files(variable: str, paths: list[str], case: str,
                      statements: list[str]) -> None:
    """copied_from over several files of one checkout: each statement is in one of them."""
    folder = os.environ.get(variable, "")
    source = ""
    for path in paths:
        if not folder or not os.path.exists(os.path.join(folder, path)):
            raise SystemExit(f"set {variable} to a checkout holding {path}")
        with open(os.path.join(folder, path)) as f:
            source += f.read()
    for copied in statements:
        if copied not in source:  # the statements the case runs are the checkout's
            raise SystemExit(f"{case}: the checkout's {', '.join(paths)} have no {copied}")


R9_ENVIRONMENT = {name: f"{name} (torchtitan, mlx-lm, DeepSpeed, SpeechBrain cases)"
                  for name in ("torch", "numpy", "tqdm")}

TORCHTITAN_FILES = ["torchtitan/components/metrics.py", "torchtitan/tools/logging.py",
                    "torchtitan/tools/utils.py", "torchtitan/trainer.py"]
TORCHTITAN_COPIED = [
    '"[titan] %(asctime)s - %(name)s - %(levelname)s - %(message)s"',
    'red = "\\033[31m"',
    'green = "\\033[32m"',
    'yellow = "\\033[33m"',
    'blue = "\\033[34m"',
    'magenta = "\\033[35m"',
    'cyan = "\\033[36m"',
    'reset = "\\033[39m"',
    'orange = "\\033[38;2;180;60;0m"',
    'turquoise = "\\033[38;2;54;234;195m"',
    'tflops = self.num_flops_per_token * tps / 1e12',
    'mfu = 100 * self.num_flops_per_token * tps / self.gpu_peak_flops',
    'mfu_str = f"{mfu:.2f}%" if mfu is not None else "N/A"',
    'f"{color.red}step: {step:2}  "',
    'f"{color.green}loss: {global_avg_loss:8.5f}  "',
    'f"{color.orange}grad_norm: {grad_norm:7.4f}  "',
    'f"{color.turquoise}memory: {device_mem_stats.max_reserved_gib:5.2f}GiB"',
    'f"({device_mem_stats.max_reserved_pct:.2f}%)  "',
    'f"{color.blue}tps: {round(tps):,}  "',
    'f"{color.cyan}tflops: {tflops:,.2f}  "',
    'f"{color.magenta}mfu: {mfu_str}{color.reset}"',
    'f"{color.yellow}validate step: {step:2}  "',
    'f"{color.green}loss: {loss:7.4f}  "',
    'f"{color.blue}tps: {round(tps):,}{color.reset}"',
    'return step == 1 or step % self.config.log_freq == 0',
    'logger.info(f"Training starts at step {self.step + 1}")',
    'logger.info("Training completed")',
    'logger.warning(f"Peak flops undefined for: {device_name}, fallback to A100")',
]


def torchtitan_metrics() -> Truth:
    """torchtitan's training log (pytorch/torchtitan, the checkout named by `TORCHTITAN`,
    commit in VERSIONS.md; TORCHTITAN_COPIED, checked in `torchtitan/components/metrics.py`
    (`MetricsProcessor.log`, `log_validation`, `should_log`), `torchtitan/tools/logging.py`
    (`init_logger`: the root logger on stdout, `[titan] %(asctime)s - %(name)s -
    %(levelname)s - %(message)s`), `torchtitan/tools/utils.py` (`Color`, `get_peak_flops`'
    fallback warning) and `torchtitan/trainer.py` (`Training starts at step 1`, `Training
    completed`)): at step 1 and every `log_freq` (10) steps `[titan] 2026-12-02 09:00:00,123 -
    root - INFO - \\x1b[31mstep:  1  \\x1b[32mloss:  3.61234  \\x1b[38;2;180;60;0mgrad_norm:
    0.7123  \\x1b[38;2;54;234;195mmemory:  0.31GiB(1.34%)  \\x1b[34mtps: 12,345  \\x1b[36mtflops:
    0.00  \\x1b[35mmfu: 0.00%\\x1b[39m` (its colours, on by default, in both captures), every 20
    steps the validator's `validate step: 20  loss:  3.4567  memory: ...  tps: ...`. A tiny
    bigram model (TinyLM) over synthetic tokens, 40 steps of 2 micro-batches (torchtitan's
    loss: the sum of token losses over the step's valid tokens), AdamW, gradients clipped at
    1.0 (torchtitan's `max_norm`), CPU: the memory is the process's peak resident size
    against the machine's memory, the peak flops the A100's that torchtitan falls back to.
    Truth: what `log` is called with, `global_avg_loss` as `loss` and `grad_norm` (the total
    norm `clip_grad_norm_` returns) at `step`; the validation's loss as `validate_loss` at its
    step (torchtitan logs it as `validation_metrics/loss`; the line names it `loss` after
    `validate step`). Memory, tokens per second, TFLOPS and MFU are timings and sizes: left
    out."""
    import logging
    import resource
    import sys as _sys
    import time

    import torch

    copied_from_files("TORCHTITAN", TORCHTITAN_FILES, "torchtitan_metrics", TORCHTITAN_COPIED)
    truth: Truth = []

    logger = logging.getLogger()
    logger.setLevel(logging.INFO)
    logger.handlers.clear()
    ch = logging.StreamHandler(_sys.stdout)
    ch.setLevel(logging.INFO)
    formatter = logging.Formatter(
        "[titan] %(asctime)s - %(name)s - %(levelname)s - %(message)s"
    )
    ch.setFormatter(formatter)
    logger.addHandler(ch)

    class color:  # torchtitan's Color (colour printing is on by default)
        red = "\033[31m"
        green = "\033[32m"
        yellow = "\033[33m"
        blue = "\033[34m"
        magenta = "\033[35m"
        cyan = "\033[36m"
        reset = "\033[39m"
        orange = "\033[38;2;180;60;0m"
        turquoise = "\033[38;2;54;234;195m"

    class DeviceMemStats:  # the process's peak resident size against the machine's memory
        def __init__(self) -> None:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
            self.max_reserved_gib = peak / 1024**3
            self.max_reserved_pct = 100 * peak / total

    device_name = "CPU"
    logger.warning(f"Peak flops undefined for: {device_name}, fallback to A100")
    gpu_peak_flops = 312e12
    lm = TinyLM(B=4)
    model = lm.model
    num_flops_per_token = 6 * sum(p.numel() for p in model.parameters())
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2)
    log_freq, val_freq, steps, accumulation = 10, 20, 40, 2
    state = {"ntokens": 0, "time_last_log": time.perf_counter()}

    def log(step: int, global_avg_loss: float, grad_norm: float) -> None:
        time_delta = time.perf_counter() - state["time_last_log"]
        tps = state["ntokens"] / time_delta
        tflops = num_flops_per_token * tps / 1e12
        mfu = 100 * num_flops_per_token * tps / gpu_peak_flops
        device_mem_stats = DeviceMemStats()
        truth.extend([point("loss", global_avg_loss, step), point("grad_norm", grad_norm, step)])
        mfu_str = f"{mfu:.2f}%" if mfu is not None else "N/A"
        logger.info(
            f"{color.red}step: {step:2}  "
            f"{color.green}loss: {global_avg_loss:8.5f}  "
            f"{color.orange}grad_norm: {grad_norm:7.4f}  "
            f"{color.turquoise}memory: {device_mem_stats.max_reserved_gib:5.2f}GiB"
            f"({device_mem_stats.max_reserved_pct:.2f}%)  "
            f"{color.blue}tps: {round(tps):,}  "
            f"{color.cyan}tflops: {tflops:,.2f}  "
            f"{color.magenta}mfu: {mfu_str}{color.reset}"
        )
        state["ntokens"], state["time_last_log"] = 0, time.perf_counter()

    def log_validation(loss: float, step: int) -> None:
        time_delta = time.perf_counter() - state["time_last_log"]
        tps = state["ntokens"] / time_delta
        device_mem_stats = DeviceMemStats()
        truth.append(point("validate_loss", loss, step))
        logger.info(
            f"{color.yellow}validate step: {step:2}  "
            f"{color.green}loss: {loss:7.4f}  "
            f"{color.turquoise}memory: {device_mem_stats.max_reserved_gib:5.2f}GiB"
            f"({device_mem_stats.max_reserved_pct:.2f}%)  "
            f"{color.blue}tps: {round(tps):,}{color.reset}"
        )
        state["ntokens"], state["time_last_log"] = 0, time.perf_counter()

    step = 0
    logger.info(f"Training starts at step {step + 1}")
    while step < steps:
        step += 1
        optimizer.zero_grad()
        batches = [lm.batch("train") for _ in range(accumulation)]
        global_valid_tokens = sum(y.numel() for _, y in batches)
        accumulated_loss = torch.tensor(0.0)
        for x, y in batches:
            logits = model(x)
            loss_sum = torch.nn.functional.cross_entropy(
                logits.view(-1, lm.vocab), y.view(-1), reduction="sum")
            loss = loss_sum / global_valid_tokens
            loss.backward()
            accumulated_loss += loss.detach()
            state["ntokens"] += x.numel()
        grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        if step == 1 or step % log_freq == 0:
            log(step, float(accumulated_loss.item()), float(grad_norm.item()))
        if step % val_freq == 0:
            model.eval()
            with torch.no_grad():
                losses = [lm.loss(*lm.batch("val")) for _ in range(4)]
            model.train()
            log_validation(float(torch.stack(losses).mean().item()), step)
    logger.info("Training completed")
    return truth


CASES["torchtitan_metrics"] = torchtitan_metrics
OWN_ENVIRONMENT["torchtitan_metrics"] = R9_ENVIRONMENT
OWN_CHECKOUT["torchtitan_metrics"] = "TORCHTITAN"
REPOSITORY_CHECKOUTS["TORCHTITAN"] = ("pytorch/torchtitan", "TORCHTITAN_COMMIT")
CHECKOUT_ROW["torchtitan_metrics"] = (
    "pytorch/torchtitan torchtitan/components/metrics.py (copied statements)")


MLX_LM_FILES = ["mlx_lm/tuner/trainer.py", "mlx_lm/lora.py", "mlx_lm/tuner/utils.py"]
MLX_LM_COPIED = [
    'print(f"Starting training..., iters: {args.iters}")',
    'it == 1 or it % args.steps_per_eval == 0 or it == args.iters',
    'f"Iter {it}: "',
    'f"Val loss {val_loss:.3f}, "',
    'f"Val took {val_time:.3f}s",',
    'if it % args.steps_per_report == 0 or it == args.iters:',
    'train_loss /= steps * world_size',
    'it_sec = args.steps_per_report / train_time',
    'tokens_sec = float(n_tokens) / train_time',
    'f"Iter {it}: Train loss {train_loss:.3f}, "',
    'f"Learning Rate {learning_rate:.3e}, "',
    'f"It/sec {it_sec:.3f}, "',
    'f"Tokens/sec {tokens_sec:.3f}, "',
    'f"Trained Tokens {trained_tokens}, "',
    'f"Peak mem {peak_mem:.3f} GB",',
    'f"Iter {it}: Saved adapter weights to "',
    'f"{args.adapter_file} and {checkpoint}."',
    'Path(args.adapter_file).parent / f"{it:07d}_adapters.safetensors"',
    'print(f"Saved final weights to {args.adapter_file}.")',
    'desc="Calculating loss...",',
    'total=min(len(dataset) // batch_size, num_batches),',
    'avg_loss = (all_losses / ntokens).item()',
    'print("Loading pretrained model")',
    'print("Loading datasets")',
    'print("Training")',
    'print("Testing")',
    'test_ppl = math.exp(test_loss)',
    'print(f"Test loss {test_loss:.3f}, Test ppl {test_ppl:.3f}.")',
    'f"Trainable parameters: {(trainable_p * 100 / total_p):.3f}% "',
    'f"({trainable_p:.3f}M/{total_p:.3f}M)"',
]


def mlx_lm_lora() -> Truth:
    """mlx-lm's LoRA fine-tuning prints (ml-explore/mlx-lm, the checkout named by `MLX_LM`, at
    the commit in VERSIONS.md, the last before its rich UI of June 2026 replaced these lines;
    MLX_LM_COPIED, checked in `mlx_lm/tuner/trainer.py` (`train`, `evaluate`), `mlx_lm/lora.py`
    (`run`, `evaluate_model`) and `mlx_lm/tuner/utils.py` (`print_trainable_parameters`)):
    `Loading pretrained model`, `Loading datasets`, `Training`, `Trainable parameters: 9.412%
    (0.001M/0.007M)`, `Starting training..., iters: 60`, then at iteration 1, every
    `steps_per_eval` (25) and at the last `Iter 1: Val loss 3.612, Val took 0.012s` after
    `evaluate`'s tqdm bar (`Calculating loss...`, on stderr), every `steps_per_report` (10)
    `Iter 10: Train loss 3.512, Learning Rate 9.755e-03, It/sec 123.456, Tokens/sec 7890.123,
    Trained Tokens 640, Peak mem 0.321 GB`, every `steps_per_save` (50) `Iter 50: Saved adapter
    weights to adapters/adapters.safetensors and adapters/0000050_adapters.safetensors.`, then
    `Saved final weights to adapters/adapters.safetensors.`, `Testing` and `Test loss 3.456,
    Test ppl 31.690.`. MLX runs on Apple silicon: the loop is torch, CPU: a LoRA adapter (rank
    4, scale 20 as mlx-lm's default, the B matrix from zero) on the output layer of a frozen
    tiny bigram model (TinyLM) over synthetic tokens, batches of 4, AdamW with cosine decay
    from 1e-2 (mlx-lm's `lr_schedule`), mlx-lm's `default_loss` (the mean over the batch's
    tokens) and `evaluate` (token-weighted over `val_batches`, 5). Truth: what the statements
    format, read as the loop prints: `train_loss` (the mean of the report's steps) as
    `Train_loss`, `learning_rate` as `Learning_Rate`, `val_loss` as `Val_loss`, each at `it`
    (the iteration the line names, from 1; mlx-lm's callback gets `it - 1` for the validation,
    the line names `it`); `Test_loss` and `Test_ppl` with no step. It/sec, Tokens/sec and the
    validation's time are timings, Trained Tokens a count, Peak mem a size, the trainable
    parameters a count: left out."""
    import math
    import shutil
    import time
    from pathlib import Path

    import torch
    from tqdm import tqdm

    copied_from_files("MLX_LM", MLX_LM_FILES, "mlx_lm_lora", MLX_LM_COPIED)
    truth: Truth = []

    class Args:
        iters, batch_size, steps_per_report, steps_per_eval, steps_per_save = 60, 4, 10, 25, 50
        val_batches, test_batches = 5, 5
        adapter_file = Path("adapters") / "adapters.safetensors"

    args = Args()
    world_size = 1
    print("Loading pretrained model")
    lm = TinyLM(B=args.batch_size)
    model = lm.model
    for p in model.parameters():
        p.requires_grad_(False)
    rank, scale = 4, 20.0
    lora_a = torch.nn.Parameter(torch.randn(64, rank) / math.sqrt(64))
    lora_b = torch.nn.Parameter(torch.zeros(rank, lm.vocab))

    def forward(x: Any) -> Any:
        h = model[0](x)
        return model[1](h) + scale * (h @ lora_a @ lora_b)

    def default_loss(x: Any, y: Any) -> tuple[Any, int]:
        logits = forward(x)
        return (torch.nn.functional.cross_entropy(logits.view(-1, lm.vocab), y.view(-1)),
                y.numel())

    print("Loading datasets")
    print("Training")
    trainable_p = (lora_a.numel() + lora_b.numel()) / 10**6
    total_p = sum(p.numel() for p in model.parameters()) / 10**6 + trainable_p
    print(
        f"Trainable parameters: {(trainable_p * 100 / total_p):.3f}% "
        f"({trainable_p:.3f}M/{total_p:.3f}M)"
    )
    optimizer = torch.optim.AdamW([lora_a, lora_b], lr=1e-2)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.iters,
                                                          eta_min=1e-3)

    def evaluate(split: str, num_batches: int) -> float:
        all_losses, ntokens = 0.0, 0
        batch_size = args.batch_size
        dataset = range(40)  # 40 sequences: more than the batches evaluated
        with torch.no_grad():
            for _ in tqdm(range(num_batches), desc="Calculating loss...",
                          total=min(len(dataset) // batch_size, num_batches)):
                losses, toks = default_loss(*lm.batch(split))
                all_losses += losses.item() * toks
                ntokens += toks
        avg_loss = all_losses / ntokens
        return avg_loss

    print(f"Starting training..., iters: {args.iters}")
    losses, n_tokens, steps, trained_tokens, train_time = 0.0, 0, 0, 0, 0.0
    work = tempfile.mkdtemp()
    here = os.getcwd()
    os.chdir(work)
    try:
        for it in range(1, args.iters + 1):
            tic = time.perf_counter()
            if it == 1 or it % args.steps_per_eval == 0 or it == args.iters:
                tic = time.perf_counter()
                val_loss = evaluate("val", args.val_batches)
                val_time = time.perf_counter() - tic
                print(
                    f"Iter {it}: "
                    f"Val loss {val_loss:.3f}, "
                    f"Val took {val_time:.3f}s",
                    flush=True,
                )
                truth.append(point("Val_loss", val_loss, it))
                tic = time.perf_counter()
            lvalue, toks = default_loss(*lm.batch("train"))
            optimizer.zero_grad()
            lvalue.backward()
            optimizer.step()
            schedule.step()
            losses += lvalue.item()
            n_tokens += toks
            steps += 1
            train_time += time.perf_counter() - tic
            if it % args.steps_per_report == 0 or it == args.iters:
                train_loss = losses
                train_loss /= steps * world_size
                learning_rate = optimizer.param_groups[0]["lr"]
                it_sec = args.steps_per_report / train_time
                tokens_sec = float(n_tokens) / train_time
                trained_tokens += n_tokens
                peak_mem = resource_peak_bytes() / 1e9
                print(
                    f"Iter {it}: Train loss {train_loss:.3f}, "
                    f"Learning Rate {learning_rate:.3e}, "
                    f"It/sec {it_sec:.3f}, "
                    f"Tokens/sec {tokens_sec:.3f}, "
                    f"Trained Tokens {trained_tokens}, "
                    f"Peak mem {peak_mem:.3f} GB",
                    flush=True,
                )
                truth.extend([point("Train_loss", train_loss, it),
                              point("Learning_Rate", learning_rate, it)])
                losses, n_tokens, steps, train_time = 0.0, 0, 0, 0.0
            if it % args.steps_per_save == 0:
                checkpoint = (
                    Path(args.adapter_file).parent / f"{it:07d}_adapters.safetensors"
                )
                print(
                    f"Iter {it}: Saved adapter weights to "
                    f"{args.adapter_file} and {checkpoint}."
                )
        print(f"Saved final weights to {args.adapter_file}.")
        print("Testing")
        test_loss = evaluate("val", args.test_batches)
        test_ppl = math.exp(test_loss)
        print(f"Test loss {test_loss:.3f}, Test ppl {test_ppl:.3f}.")
        truth.extend([point("Test_loss", test_loss, None), point("Test_ppl", test_ppl, None)])
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return truth


def resource_peak_bytes() -> int:
    """The process's peak resident size, in bytes (Linux counts it in KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


CASES["mlx_lm_lora"] = mlx_lm_lora
OWN_ENVIRONMENT["mlx_lm_lora"] = R9_ENVIRONMENT
OWN_CHECKOUT["mlx_lm_lora"] = "MLX_LM"
REPOSITORY_CHECKOUTS["MLX_LM"] = ("ml-explore/mlx-lm", "MLX_LM_COMMIT")
CHECKOUT_ROW["mlx_lm_lora"] = "ml-explore/mlx-lm mlx_lm/tuner/trainer.py (copied statements)"


def deepspeed_engine() -> Truth:
    """DeepSpeed's engine on the CPU (its `cpu` accelerator, gloo for one process, set by
    `DS_ACCELERATOR=cpu`), training a tiny bigram model (TinyLM) over synthetic tokens with
    `deepspeed.initialize(model=..., config=...)`: `train_batch_size` 8 in micro-batches of 4
    (2 accumulated a step), its Adam (`torch_adam`) at 1e-2 with its `WarmupDecayLR` scheduler
    (10 warmup steps, then a linear decay over 50), `steps_per_print` 5, `wall_clock_breakdown`
    on, `log_level` info (the engine's logger is at WARNING otherwise and prints none of its
    INFO lines), 40 steps
    (`engine.backward(loss)`, `engine.step()` each micro-batch). DeepSpeed prints through its
    logger (`deepspeed/utils/logging.py`: `[2026-12-02 09:14:14,378] [INFO]
    [logging.py:123:log_dist] [Rank 0] ...`, on stdout): its set-up lines, the configuration
    dump (`DeepSpeedEngine configuration:`, `  steps_per_print .............. 10`, its JSON),
    `_report_progress` of `deepspeed/runtime/engine.py` (`step=10, skipped=0,
    lr=[0.009999999999999998], mom=[(0.9, 0.999)]`, once with step 0 as the scheduler is set
    up, then every `steps_per_print` steps), `ThroughputTimer.stop` of
    `deepspeed/utils/timer.py` (`epoch=0/micro_step=20/global_step=10,
    RunningAvgSamplesPerSec=..., CurrSamplesPerSec=..., MemAllocated=0.33GB,
    MaxMemAllocated=0.33GB`) and, with `wall_clock_breakdown`, `SynchronizedWallClockTimer.log`'s
    `[Rank 0] time (ms) | fwd_microstep: 0.18 | bwd_microstep: 0.90 | ...` and `[Rank 0] time
    (ms) | fwd: 0.18 | bwd: 0.90 | ... | step: 1.46` (plain prints, every step). Truth: the
    learning rate `_report_progress` prints, `engine.get_lr()` (one parameter group) read by a
    wrapper of `_report_progress` as it logs, as `lr` at the step it names. Left out: `skipped`
    (a count of skipped steps), `mom` (Adam's betas, settings), the throughputs, memory sizes
    and timers, and the configuration's settings."""
    import torch

    os.environ.update({"DS_ACCELERATOR": "cpu", "MASTER_ADDR": "127.0.0.1",
                       "MASTER_PORT": "29533", "RANK": "0", "LOCAL_RANK": "0",
                       "WORLD_SIZE": "1"})
    import deepspeed
    from deepspeed.runtime.engine import DeepSpeedEngine

    truth: Truth = []
    report = DeepSpeedEngine._report_progress

    def recorded(self: Any, step: int) -> None:
        lr = self.get_lr()
        if len(lr) != 1:
            raise SystemExit(f"deepspeed_engine: {len(lr)} parameter groups")
        truth.append(point("lr", lr[0], step))
        report(self, step)

    DeepSpeedEngine._report_progress = recorded  # type: ignore[method-assign]
    lm = TinyLM(B=4)
    config = {
        "train_batch_size": 8, "train_micro_batch_size_per_gpu": 4,
        "gradient_accumulation_steps": 2, "steps_per_print": 5, "log_level": "info",
        "wall_clock_breakdown": True,
        "optimizer": {"type": "Adam", "params": {"lr": 1e-2, "torch_adam": True}},
        "scheduler": {"type": "WarmupDecayLR", "params": {"warmup_min_lr": 0,
                                                          "warmup_max_lr": 1e-2,
                                                          "warmup_num_steps": 10,
                                                          "total_num_steps": 50}},
    }
    engine, _, _, _ = deepspeed.initialize(model=lm.model,
                                           model_parameters=lm.model.parameters(),
                                           config=config)
    for _ in range(40 * 2):
        x, y = lm.batch("train")
        logits = engine(x)  # the engine's forward (it times it)
        loss = torch.nn.functional.cross_entropy(logits.view(-1, lm.vocab), y.view(-1))
        engine.backward(loss)
        engine.step()
    if engine.global_steps != 40:
        raise SystemExit(f"deepspeed_engine: {engine.global_steps} steps, not 40")
    return truth


CASES["deepspeed_engine"] = deepspeed_engine
OWN_ENVIRONMENT["deepspeed_engine"] = dict(R9_ENVIRONMENT, deepspeed="deepspeed")


def smp_train_epoch() -> Truth:
    """segmentation_models_pytorch 0.3.3's training helpers (`segmentation_models_pytorch/utils/
    train.py`: `TrainEpoch` and `ValidEpoch`, whose `Epoch.run` draws a tqdm bar on stdout,
    `desc` the stage's name, and after each batch `iterator.set_postfix_str(s)` with
    `_format_logs`' `"{} - {:.4}".format(k, v)` joined by `, `: `train: 100%|██████████| 8/8
    [00:01<00:00,  6.12it/s, dice_loss - 0.4123, iou_score - 0.5321]`; smp 0.4 removed them),
    driven as smp's example notebook drives them (`examples/cars segmentation (camvid).ipynb`:
    `print('\\nEpoch: {}'.format(i))`, `train_epoch.run(train_loader)`,
    `valid_epoch.run(valid_loader)`, `Model saved!` when the validation IoU improves, a lower
    learning rate at a set epoch with `Decrease decoder learning rate to 1e-5!`): a `Unet`
    (resnet18 encoder from no weights, depth 3, decoder channels 32, 16, 8) segmenting 32
    synthetic 64x64 images (a bright square on noise; 16 to validate), batches of 4, its
    `utils.losses.DiceLoss()` and `utils.metrics.IoU(threshold=0.5)`, Adam 1e-3, 4 epochs (the
    rate lowered after epoch 2), from a folder of its own (it saves `best_model.pth`). Truth:
    the logs dict `run` formats for the bar after each batch (its meters' running means; the
    last of an epoch is the dict `run` returns), read as `Epoch._format_logs` is called, keyed
    by the bar's stage and the name printed, `train/dice_loss`, `train/iou_score`,
    `valid/dice_loss`, `valid/iou_score`, at the stage's global batch (from 1, its bars'
    counts made global: `set_postfix_str` draws a batch's values before tqdm counts it)."""
    import shutil

    import numpy as np
    import segmentation_models_pytorch as smp
    import torch
    from segmentation_models_pytorch import utils

    torch.manual_seed(0)
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)

    def images(n: int) -> Any:
        x = rng.normal(0.0, 0.3, size=(n, 3, 64, 64)).astype("float32")
        y = np.zeros((n, 1, 64, 64), dtype="float32")
        for i in range(n):
            r, c, size = *rng.integers(4, 36, size=2), int(rng.integers(12, 24))
            x[i, :, r:r + size, c:c + size] += 1.0
            y[i, 0, r:r + size, c:c + size] = 1.0
        return torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y))

    train_loader = torch.utils.data.DataLoader(images(32), batch_size=4, shuffle=True)
    valid_loader = torch.utils.data.DataLoader(images(16), batch_size=4, shuffle=False)
    model = smp.Unet(encoder_name="resnet18", encoder_weights=None, encoder_depth=3,
                     decoder_channels=(32, 16, 8), classes=1, activation="sigmoid")
    loss = utils.losses.DiceLoss()
    metrics = [utils.metrics.IoU(threshold=0.5)]
    optimizer = torch.optim.Adam([dict(params=model.parameters(), lr=0.001)])
    train_epoch = utils.train.TrainEpoch(model, loss=loss, metrics=metrics, optimizer=optimizer,
                                         device="cpu", verbose=True)
    valid_epoch = utils.train.ValidEpoch(model, loss=loss, metrics=metrics, device="cpu",
                                         verbose=True)
    truth: Truth = []
    batches: dict[str, int] = {}
    format_logs = utils.train.Epoch._format_logs

    def recorded(self: Any, logs: dict[str, float]) -> str:
        batches[self.stage_name] = batches.get(self.stage_name, 0) + 1
        truth.extend(point(f"{self.stage_name}/{name}", value, batches[self.stage_name])
                     for name, value in logs.items())
        return format_logs(self, logs)

    utils.train.Epoch._format_logs = recorded
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        max_score = 0
        for i in range(0, 4):
            print('\nEpoch: {}'.format(i))  # noqa: UP032
            train_epoch.run(train_loader)
            valid_logs = valid_epoch.run(valid_loader)
            if max_score < valid_logs['iou_score']:
                max_score = valid_logs['iou_score']
                torch.save(model, './best_model.pth')
                print('Model saved!')
            if i == 2:
                optimizer.param_groups[0]['lr'] = 1e-5
                print('Decrease decoder learning rate to 1e-5!')
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return truth


CASES["smp_train_epoch"] = smp_train_epoch
OWN_ENVIRONMENT["smp_train_epoch"] = {
    "segmentation-models-pytorch": "segmentation-models-pytorch",
    "timm": "timm (smp_train_epoch case)", "torch": "torch (smp_train_epoch case)",
    "torchvision": "torchvision (smp_train_epoch case)", "numpy": "numpy (smp_train_epoch case)",
    "tqdm": "tqdm (smp_train_epoch case)"}


SPEECHBRAIN_CORE_COPIED = [
    "with tqdm(\n            train_set,\n            initial=self.step,\n            dynamic_ncols=True,",
    "t.set_postfix(train_loss=self.avg_train_loss)",
    "avg_loss -= avg_loss / self.step",
    "avg_loss += float(loss) / self.step",
    "avg_valid_loss = self.update_average(loss, avg_valid_loss)",
]


def speechbrain_train_log() -> Truth:
    """SpeechBrain's training log, its own `FileTrainLogger.log_stats`
    (`speechbrain/utils/train_logger.py`: `", ".join(...)` of `key: value`, each float in
    (1, 100) `.2f` and any other float `.2e`, the dataset's name before its stats' keys, `" -
    "` between the groups: `epoch: 1, lr: 1.00e+00 - train loss: 2.31 - valid loss: 2.10,
    valid error: 5.00e-01`), written to its `train_log.txt` and logged through its
    `log-config.yaml` as its `create_experiment_directory` sets it up (`setup_logging`: the
    console handler, `TqdmCompatibleStreamHandler`, on stdout, `%(name)s - %(message)s`:
    `speechbrain.utils.train_logger - epoch: 1, ...`), from a classifier trained as a
    SpeechBrain recipe's `Brain.fit` does (`speechbrain/core.py`, the installed package's:
    SPEECHBRAIN_CORE_COPIED, checked there: a tqdm bar an epoch, `set_postfix(train_loss=...)`
    after each batch with `update_average`'s running mean, a bar for the validation, the step
    counter reset each stage) and its `on_stage_end` as SpeechBrain's templates write it
    (`stats_meta={"epoch": epoch, "lr": old_lr}`, `train_stats={"loss": ...}`,
    `valid_stats={"loss": ..., "error": ...}`; after training `stats_meta={"Epoch loaded":
    ...}`, `test_stats={"loss": ..., "error": ...}`): a linear classifier of 10 classes over
    synthetic 40-dimensional features, SGD at 0.2 halved every 2 epochs, 5 epochs of 10
    batches of 16, 4 to validate and 4 to test. SpeechBrain's package needs torchaudio, which
    has no build for the CPU torch here: the case loads `speechbrain.utils.train_logger` and
    `speechbrain.utils.logger` (which import no audio) without running the package's
    `__init__`. Truth: the stats dicts handed to `log_stats`, read by a wrapper as it logs,
    keyed as printed: `lr` (the epoch's rate), `train loss`, `valid loss`, `valid error` at
    the epoch the line names (from 1); `test loss` and `test error` with no step (the line
    names the epoch of the checkpoint tested, `Epoch loaded: 5`, not a step of training).
    The bars' running means (the last frame of each epoch's training bar is the epoch's
    `train loss`) are not in the truth."""
    import importlib.util
    import shutil
    import types

    import torch
    from tqdm import tqdm

    spec = importlib.util.find_spec("speechbrain")
    if spec is None or spec.origin is None:
        raise SystemExit("speechbrain_train_log: speechbrain is not installed")
    folder = os.path.dirname(spec.origin)
    with open(os.path.join(folder, "core.py")) as f:
        core = f.read()
    for copied in SPEECHBRAIN_CORE_COPIED:
        if copied not in core:
            raise SystemExit(f"speechbrain_train_log: speechbrain/core.py has no {copied}")
    for name, path in (("speechbrain", folder), ("speechbrain.utils",
                                                 os.path.join(folder, "utils"))):
        package = types.ModuleType(name)
        package.__path__ = [path]  # its modules, without the package's imports
        sys.modules[name] = package
    sys.modules["speechbrain"].utils = sys.modules["speechbrain.utils"]  # type: ignore[attr-defined]
    from speechbrain.utils.logger import setup_logging
    from speechbrain.utils.train_logger import FileTrainLogger

    truth: Truth = []
    log_stats = FileTrainLogger.log_stats

    def recorded(self: Any, stats_meta: dict[str, Any], train_stats: Any = None,
                 valid_stats: Any = None, test_stats: Any = None, verbose: bool = True) -> None:
        step = stats_meta.get("epoch")
        for key, value in stats_meta.items():
            if key not in ("epoch", "Epoch loaded"):
                truth.append(point(key, value, step))
        for dataset, stats in (("train", train_stats), ("valid", valid_stats),
                               ("test", test_stats)):
            for key, value in (stats or {}).items():
                truth.append(point(f"{dataset} {key}", value, step))
        log_stats(self, stats_meta, train_stats, valid_stats, test_stats, verbose)

    FileTrainLogger.log_stats = recorded  # type: ignore[method-assign]
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        setup_logging(os.path.join(folder, "log-config.yaml"),
                      {"handlers": {"file_handler": {"filename": "log.txt"}}})
        train_logger = FileTrainLogger(save_file="train_log.txt")
        torch.manual_seed(0)
        torch.set_num_threads(1)
        centres = torch.randn(10, 40)

        def batches(n: int) -> list[tuple[Any, Any]]:
            out = []
            for _ in range(n):
                y = torch.randint(0, 10, (16,))
                out.append((centres[y] + 4.0 * torch.randn(16, 40), y))
            return out

        train_set, valid_set, test_set = batches(10), batches(4), batches(4)
        model = torch.nn.Linear(40, 10)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.2)

        def stage(data: list[tuple[Any, Any]], train: bool) -> tuple[float, float]:
            self = types.SimpleNamespace(step=0, avg_train_loss=0.0)

            def update_average(loss: Any, avg_loss: float) -> float:
                if torch.isfinite(loss):
                    avg_loss -= avg_loss / self.step
                    avg_loss += float(loss) / self.step
                return avg_loss

            errors, avg_valid_loss = 0, 0.0
            if train:
                with tqdm(data, initial=self.step, dynamic_ncols=True, colour="") as t:
                    for x, y in t:
                        self.step += 1
                        loss = torch.nn.functional.cross_entropy(model(x), y)
                        optimizer.zero_grad()
                        loss.backward()
                        optimizer.step()
                        self.avg_train_loss = update_average(loss.detach(),
                                                             self.avg_train_loss)
                        t.set_postfix(train_loss=self.avg_train_loss)
                return self.avg_train_loss, 0.0
            with torch.no_grad():
                for x, y in tqdm(data, dynamic_ncols=True, colour=""):
                    self.step += 1
                    logits = model(x)
                    loss = torch.nn.functional.cross_entropy(logits, y)
                    avg_valid_loss = update_average(loss, avg_valid_loss)
                    errors += int((logits.argmax(-1) != y).sum())
            return avg_valid_loss, errors / (16 * len(data))

        for epoch in range(1, 6):
            train_loss, _ = stage(train_set, True)
            valid_loss, error = stage(valid_set, False)
            old_lr = optimizer.param_groups[0]["lr"]
            if epoch % 2 == 0:
                optimizer.param_groups[0]["lr"] = old_lr / 2
            train_logger.log_stats(
                stats_meta={"epoch": epoch, "lr": old_lr},
                train_stats={"loss": train_loss},
                valid_stats={"loss": valid_loss, "error": error},
            )
        test_loss, error = stage(test_set, False)
        train_logger.log_stats(
            stats_meta={"Epoch loaded": 5},
            test_stats={"loss": test_loss, "error": error},
        )
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return truth


CASES["speechbrain_train_log"] = speechbrain_train_log
OWN_ENVIRONMENT["speechbrain_train_log"] = dict(R9_ENVIRONMENT, speechbrain="speechbrain")


MLX_LM_UI_COPIED = [
    "ui = TrainUI(args.iters, rank=rank)",
    "it == 1 or it % args.steps_per_eval == 0 or it == args.iters",
    "with ui.val_task(val_total) as advance_val:",
    "ui.report_val(it, val_loss, val_time)",
    "ui.advance()",
    "if it % args.steps_per_report == 0 or it == args.iters:",
    "train_loss /= steps * world_size",
    "tokens_sec = float(n_tokens) / train_time",
    "ui.report_train(it, train_loss, tokens_sec, trained_tokens)",
    "ui.report_save(checkpoint)",
    'Path(args.adapter_file).parent / f"{it:07d}_adapters.safetensors"',
    'rprint("Loading pretrained model")',
    'rprint("Loading datasets")',
    'rprint("Training")',
    'rprint("Testing")',
    "print_lora_run_header(make_console(), args)",
    'rprint(f"Test loss {test_loss:.3f}, Test ppl {test_ppl:.3f}.")',
]


def mlx_lm_lora_ui() -> Truth:
    """mlx-lm's LoRA fine-tuning as it prints since its rich UI (ml-explore/mlx-lm, the checkout
    named by `MLX_LM_UI`, commit in VERSIONS.md): the checkout's own `mlx_lm/cli_ui.py`, loaded
    from the file and run (`print_lora_run_header`'s panel, `TrainUI`: the heading `iter
    train_loss     tok/s     tokens`, a row a report, `    10    3.758 ▼    7,497      0.6k`
    with ▼ or ▲ as the loss falls or rises, a validation row `     1    val 3.651    0.03s`, a
    save row `  save  0000050_adapters.safetensors`, and its rich progress bar, `train` and
    `val`; `rprint`), with MLX's `mx.distributed.init().rank()`, all `cli_ui.py` asks of MLX,
    given as rank 0 (MLX runs on Apple silicon); the loop, `train` of
    `mlx_lm/tuner/trainer.py`, with the calls MLX_LM_UI_COPIED checked there, and `lora.py`'s
    prints (`Loading pretrained model`, ..., `Test loss 3.576, Test ppl 35.738.`), on the
    same adapter, model, data and settings as mlx_lm_lora. Truth: as mlx_lm_lora's, what
    `report_train` and `report_val` are called with: `train_loss` and `val_loss` at `it`,
    the iteration the row names (the heading names the columns `iter` and `train_loss`; a
    validation row names its loss `val`), keyed `train_loss` and `val`; `Test_loss` and
    `Test_ppl` with no step. The learning rate is no longer printed; tok/s is a throughput,
    tokens a count, the validation's time a timing."""
    import importlib.util
    import math
    import shutil
    import time
    import types
    from pathlib import Path

    import torch

    copied_from_files("MLX_LM_UI", ["mlx_lm/tuner/trainer.py", "mlx_lm/lora.py"],
                      "mlx_lm_lora_ui", MLX_LM_UI_COPIED)
    folder = os.environ["MLX_LM_UI"]

    class World:
        def rank(self) -> int:
            return 0

        def size(self) -> int:
            return 1

    mlx = types.ModuleType("mlx")
    core = types.ModuleType("mlx.core")
    core.distributed = types.SimpleNamespace(init=World)  # type: ignore[attr-defined]
    mlx.core = core  # type: ignore[attr-defined]
    sys.modules.update({"mlx": mlx, "mlx.core": core})
    spec = importlib.util.spec_from_file_location("cli_ui",
                                                  os.path.join(folder, "mlx_lm", "cli_ui.py"))
    assert spec is not None and spec.loader is not None
    cli_ui = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cli_ui)
    TrainUI, rprint = cli_ui.TrainUI, cli_ui.rprint
    make_console, print_lora_run_header = cli_ui.make_console, cli_ui.print_lora_run_header
    truth: Truth = []

    class Args:
        model, data, fine_tune_type, num_layers = "tiny-bigram", "synthetic", "lora", 1
        lora_parameters = {"rank": 4, "scale": 20.0}
        optimizer, learning_rate, max_seq_length = "adamw", 1e-2, 16
        iters, batch_size, steps_per_report, steps_per_eval, steps_per_save = 60, 4, 10, 25, 50
        val_batches, test_batches = 5, 5
        adapter_file = Path("adapters") / "adapters.safetensors"

    args = Args()
    world_size, rank = 1, 0
    rprint("Loading pretrained model")
    lm = TinyLM(B=args.batch_size)
    model = lm.model
    for p in model.parameters():
        p.requires_grad_(False)
    lora_a = torch.nn.Parameter(torch.randn(64, 4) / math.sqrt(64))
    lora_b = torch.nn.Parameter(torch.zeros(4, lm.vocab))

    def default_loss(x: Any, y: Any) -> tuple[Any, int]:
        h = model[0](x)
        logits = model[1](h) + 20.0 * (h @ lora_a @ lora_b)
        return (torch.nn.functional.cross_entropy(logits.view(-1, lm.vocab), y.view(-1)),
                y.numel())

    rprint("Loading datasets")
    rprint("Training")
    print_lora_run_header(make_console(), args)
    optimizer = torch.optim.AdamW([lora_a, lora_b], lr=1e-2)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.iters,
                                                          eta_min=1e-3)

    def evaluate(split: str, num_batches: int, progress_callback: Any = None) -> float:
        all_losses, ntokens = 0.0, 0
        with torch.no_grad():
            for _ in range(num_batches):
                losses, toks = default_loss(*lm.batch(split))
                all_losses += losses.item() * toks
                ntokens += toks
                if progress_callback is not None:
                    progress_callback()
        return all_losses / ntokens

    losses, n_tokens, steps, trained_tokens, train_time = 0.0, 0, 0, 0, 0.0
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        ui = TrainUI(args.iters, rank=rank)
        with ui:
            for it in range(1, args.iters + 1):
                tic = time.perf_counter()
                if it == 1 or it % args.steps_per_eval == 0 or it == args.iters:
                    val_total = args.val_batches
                    tic = time.perf_counter()
                    with ui.val_task(val_total) as advance_val:
                        val_loss = evaluate("val", args.val_batches, advance_val)
                    val_time = time.perf_counter() - tic
                    truth.append(point("val", val_loss, it))
                    ui.report_val(it, val_loss, val_time)
                    tic = time.perf_counter()
                lvalue, toks = default_loss(*lm.batch("train"))
                optimizer.zero_grad()
                lvalue.backward()
                optimizer.step()
                schedule.step()
                losses += lvalue.item()
                n_tokens += toks
                steps += 1
                train_time += time.perf_counter() - tic
                ui.advance()
                if it % args.steps_per_report == 0 or it == args.iters:
                    train_loss = losses
                    train_loss /= steps * world_size
                    tokens_sec = float(n_tokens) / train_time
                    trained_tokens += n_tokens
                    truth.append(point("train_loss", train_loss, it))
                    ui.report_train(it, train_loss, tokens_sec, trained_tokens)
                    losses, n_tokens, steps, train_time = 0.0, 0, 0, 0.0
                if it % args.steps_per_save == 0 and rank == 0:
                    checkpoint = (
                        Path(args.adapter_file).parent / f"{it:07d}_adapters.safetensors"
                    )
                    ui.report_save(checkpoint)
        rprint("Testing")
        test_loss = evaluate("val", args.test_batches)
        test_ppl = math.exp(test_loss)
        rprint(f"Test loss {test_loss:.3f}, Test ppl {test_ppl:.3f}.")
        truth.extend([point("Test_loss", test_loss, None), point("Test_ppl", test_ppl, None)])
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return truth


CASES["mlx_lm_lora_ui"] = mlx_lm_lora_ui
OWN_ENVIRONMENT["mlx_lm_lora_ui"] = dict(R9_ENVIRONMENT, rich="rich (mlx_lm_lora_ui case)")
OWN_CHECKOUT["mlx_lm_lora_ui"] = "MLX_LM_UI"
REPOSITORY_CHECKOUTS["MLX_LM_UI"] = ("ml-explore/mlx-lm", "MLX_LM_UI_COMMIT")
CHECKOUT_ROW["mlx_lm_lora_ui"] = "ml-explore/mlx-lm mlx_lm/cli_ui.py (run from the checkout)"


# --- GaussianMixture, hmmlearn, CRFsuite, k-modes, gensim's LDA, openTSNE, lifelines ----------
# Libraries whose own verbose output reports an iterative fit. They run alone, in one
# environment of their own (no torch):
#
#     python -m venv ~/fit-venv
#     ~/fit-venv/bin/pip install scikit-learn hmmlearn sklearn-crfsuite kmodes gensim openTSNE \
#         lifelines
#     for case in sklearn_gaussian_mixture hmmlearn_gaussian_hmm crfsuite_tagger \
#             kmodes_clustering gensim_lda opentsne_embedding lifelines_coxph; do
#         ~/fit-venv/bin/python tests/corpus/make_corpus.py $case
#     done
#
# Not a case: `LogisticRegression(solver="liblinear", verbose=1)` (and `LinearSVC`) print
# liblinear's trust-region iterations from C (`[LibLinear]iter  1 act 7.786e+01 pre 6.717e+01
# delta 1.199e+00 f 1.386e+02 |g| 1.394e+02 CG   2`, scikit-learn
# `sklearn/svm/src/liblinear/tron.cpp`), but nothing in the program keeps them: the C locals
# are gone when the fit returns and the estimator keeps only `n_iter_`, so there is no record
# to take a truth from.
FIT_ENVIRONMENT = {name: f"{name} (iterative fit cases: GaussianMixture to lifelines)"
                   for name in ("scikit-learn", "numpy", "scipy")}


def sklearn_gaussian_mixture() -> Truth:
    """scikit-learn `GaussianMixture(n_components=3, n_init=2, verbose=2, verbose_interval=1)`
    of 300 synthetic points (`make_blobs`), then `BayesianGaussianMixture` the same way: for each
    initialisation `Initialization 0`, a line an iteration, `  Iteration 2\t time lapse
    0.00102s\t ll change 0.01234`, and `Initialization converged. time lapse 0.00514s\t lower
    bound -4.56789.` (`sklearn/mixture/_base.py`, `_print_verbose_msg_iter_end` and
    `_print_verbose_msg_init_end`). Truth: the arguments the fit passes to those two methods
    (wrapped on the class, read as they are called): `diff_ll` as `ll_change` at `n_iter` (from
    1, as printed; each initialisation counts again from 1), and `lb` as `lower_bound`, no step
    (the line names none). The first iteration's change is from the `-inf` the fit starts from,
    printed `inf`: no point of a curve, left out. The time lapses are timings."""
    import math

    from sklearn.datasets import make_blobs
    from sklearn.mixture import BayesianGaussianMixture, GaussianMixture
    from sklearn.mixture._base import BaseMixture

    x, _ = make_blobs(n_samples=300, n_features=2, centers=3, cluster_std=1.5, random_state=0)
    truth: Truth = []
    iter_end = BaseMixture._print_verbose_msg_iter_end
    init_end = BaseMixture._print_verbose_msg_init_end

    def on_iter_end(self: Any, n_iter: int, diff_ll: float) -> None:
        if n_iter % self.verbose_interval == 0 and math.isfinite(diff_ll):
            truth.append(point("ll_change", diff_ll, n_iter))
        iter_end(self, n_iter, diff_ll)

    def on_init_end(self: Any, lb: float, init_has_converged: bool) -> None:
        truth.append(point("lower_bound", lb, None))
        init_end(self, lb, init_has_converged)

    BaseMixture._print_verbose_msg_iter_end = on_iter_end  # type: ignore[method-assign]
    BaseMixture._print_verbose_msg_init_end = on_init_end  # type: ignore[method-assign]
    try:
        for model in (GaussianMixture, BayesianGaussianMixture):
            model(n_components=3, n_init=2, verbose=2, verbose_interval=1,
                  random_state=0).fit(x)
    finally:
        BaseMixture._print_verbose_msg_iter_end = iter_end  # type: ignore[method-assign]
        BaseMixture._print_verbose_msg_init_end = init_end  # type: ignore[method-assign]
    return truth


CASES["sklearn_gaussian_mixture"] = sklearn_gaussian_mixture
OWN_ENVIRONMENT["sklearn_gaussian_mixture"] = FIT_ENVIRONMENT


def hmmlearn_gaussian_hmm() -> Truth:
    """hmmlearn `GaussianHMM(n_components=3, n_iter=30, verbose=True, random_state=0)` fitted to
    a synthetic sequence of 300 points (three 2-D Gaussian states): its `ConvergenceMonitor`
    prints a row an EM iteration to stderr (`hmmlearn/base.py`, `ConvergenceMonitor.report`,
    `"{iter:>10d} {log_prob:>16.8f} {delta:>+16.8f}"`: `         2    -681.29746763
    +121.58630358`), no header, no name on any column. Truth: the arguments of `report` (wrapped
    on the class, read as it is called) and the monitor's own `history` before it: `log_prob` and
    its change from the last entry of `history`, `delta` (the names the template gives them), at
    the printed `iter` (from 1); checked against `model.monitor_.history` after the fit. The
    first row's `delta` is `nan` (no iteration before it, printed `+nan`): no point, left out."""
    import numpy as np
    from hmmlearn import base, hmm

    rng = np.random.default_rng(0)
    means = np.array([[0.0, 0.0], [3.0, 3.0], [0.0, 4.0]])
    states = np.repeat(rng.integers(0, 3, size=30), 10)
    x = means[states] + rng.normal(size=(300, 2))
    truth: Truth = []
    report = base.ConvergenceMonitor.report

    def on_report(self: Any, log_prob: float) -> None:
        step = self.iter + 1
        truth.append(point("log_prob", log_prob, step))
        if self.history:
            truth.append(point("delta", log_prob - self.history[-1], step))
        report(self, log_prob)

    base.ConvergenceMonitor.report = on_report  # type: ignore[method-assign]
    try:
        model = hmm.GaussianHMM(n_components=3, n_iter=30, verbose=True, random_state=0).fit(x)
    finally:
        base.ConvergenceMonitor.report = report  # type: ignore[method-assign]
    if [p["value"] for p in truth if p["key"] == "log_prob"] != list(model.monitor_.history):
        raise SystemExit("hmmlearn_gaussian_hmm: the reports are not the monitor's history")
    return truth


CASES["hmmlearn_gaussian_hmm"] = hmmlearn_gaussian_hmm
OWN_ENVIRONMENT["hmmlearn_gaussian_hmm"] = dict(FIT_ENVIRONMENT, hmmlearn="hmmlearn")


def crfsuite_tagger() -> Truth:
    """sklearn-crfsuite's `CRF(algorithm="lbfgs", c1=0.1, c2=0.01, max_iterations=25,
    all_possible_transitions=True, verbose=True)` fitted with a dev set (`X_dev`, `y_dev`) on
    a tiny synthetic tagging set (120 training and 30 dev sentences of made-up words tagged
    `NAME`, `VERB`, `O`, the features those of its tutorial: the word lower-cased, its suffix,
    its case, the words beside it; 10% of the tags flipped): the tqdm bars `loading training
    data to CRFsuite`, then a line an L-BFGS iteration (`sklearn_crfsuite/trainer.py`,
    `LinePerIterationTrainer.on_iteration`: `Iter 3   time=0.00  loss=245.36   active=87
    precision=0.612  recall=0.598  F1=0.601  Acc(item/seq)=0.702 0.300  feature_norm=2.41`)
    and the last iteration's table a label (`on_optimization_end`, tabulate's `Label
    Precision Recall F1 Support`). Truth: the trainer's own log, `crf.training_log_` (the
    `pycrfsuite` log parser the lines are printed from): each of its `iterations`' `loss`,
    `active_features` as `active` (the features L1 leaves non-zero: a property of the model
    each iteration, changing from one to the next), `avg_precision`, `avg_recall`, `avg_f1`
    as `precision`, `recall`, `F1`, the two accuracies printed after the one name
    `Acc(item/seq)` as `Acc(item)` and `Acc(seq)` (the qualifier names each, in the order
    printed; dcgan's `D(G(z))` names neither of its two, so they are numbered), and
    `feature_norm`, at `num` (from 1, as printed); the
    last iteration's `scores` as the table prints them, `NAME/Precision`, `NAME/Recall`,
    `NAME/F1` (row, then column, as sklearn_classification_report), no step. Left out: `time`
    (a timing) and `Support` (counts)."""
    import random

    import sklearn_crfsuite

    rng = random.Random(0)
    names = ["Alba", "Brun", "Cato", "Dara", "Enzo", "Fina", "Gus", "Hana"]
    verbs = ["runs", "sees", "likes", "takes", "finds", "calls", "helps"]
    others = ["the", "a", "big", "red", "dog", "house", "with", "and", "old", "car"]

    def sentence() -> tuple[list[dict[str, Any]], list[str]]:
        words, tags = [], []
        for _ in range(rng.randint(4, 9)):
            kind = rng.choice(["NAME", "VERB", "O", "O"])
            words.append(rng.choice({"NAME": names, "VERB": verbs, "O": others}[kind]))
            tags.append(kind if rng.random() > 0.1 else rng.choice(["NAME", "VERB", "O"]))
        features = []
        for i, word in enumerate(words):
            feature: dict[str, Any] = {"word.lower()": word.lower(), "word[-2:]": word[-2:],
                                       "word.istitle()": word.istitle()}
            feature.update({"-1:word.lower()": words[i - 1].lower()} if i else {"BOS": True})
            feature.update({"+1:word.lower()": words[i + 1].lower()}
                           if i + 1 < len(words) else {"EOS": True})
            features.append(feature)
        return features, tags

    train = [sentence() for _ in range(120)]
    dev = [sentence() for _ in range(30)]
    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.1, c2=0.01, max_iterations=25,
                               all_possible_transitions=True, verbose=True)
    crf.fit([x for x, _ in train], [y for _, y in train],
            X_dev=[x for x, _ in dev], y_dev=[y for _, y in dev])
    truth: Truth = []
    for entry in crf.training_log_.iterations:
        step = entry["num"]
        truth += [point("loss", entry["loss"], step), point("active", entry["active_features"], step),
                  point("precision", entry["avg_precision"], step),
                  point("recall", entry["avg_recall"], step), point("F1", entry["avg_f1"], step),
                  point("Acc(item)", entry["item_accuracy_float"], step),
                  point("Acc(seq)", entry["instance_accuracy_float"], step),
                  point("feature_norm", entry["feature_norm"], step)]
    for label, score in sorted(crf.training_log_.last_iteration["scores"].items()):
        truth += [point(f"{label}/Precision", score.precision, None),
                  point(f"{label}/Recall", score.recall, None),
                  point(f"{label}/F1", score.f1 or 0, None)]
    return truth


CASES["crfsuite_tagger"] = crfsuite_tagger
OWN_ENVIRONMENT["crfsuite_tagger"] = dict(
    FIT_ENVIRONMENT, **{"sklearn-crfsuite": "sklearn-crfsuite",
                        "python-crfsuite": "python-crfsuite", "tqdm": "tqdm (CRFsuite case)",
                        "tabulate": "tabulate (CRFsuite case)"})


def kmodes_clustering() -> Truth:
    """kmodes' `KModes(n_clusters=3, init="Huang", n_init=2, verbose=1, random_state=0)` of 300
    synthetic rows of 6 categorical attributes (three prototypes, half of the values drawn at
    random), then `KPrototypes(n_clusters=3, init="Huang", n_init=2, verbose=1,
    random_state=0)` of the same rows with 2 numeric columns (`categorical=[2, ..., 7]`): each
    run prints `Init: initializing centroids`, `Init: initializing clusters`, `Starting
    iterations...`, then a line an iteration (`kmodes/kmodes.py`, `_k_modes_single`: `Run 1,
    iteration: 1/100, moves: 102, cost: 654.0`; `kmodes/kprototypes.py`,
    `_k_prototypes_single`: `Run: 1, iteration: 2/100, moves: 43, ncost: 1041.425896427914`, its cost
    named `ncost`), and `Best run was number 2`. Truth: the `epoch_costs` each run returns
    (`_k_modes_single` and `_k_prototypes_single` wrapped in their modules, where `k_modes`
    and `k_prototypes` call them: the list holds the cost before the first iteration, then the
    cost after each, the value each line prints), as `cost` and `ncost` at the printed
    `iteration` (from 1; each run counts again from 1); the best run's are checked equal to
    the estimator's `epoch_costs_`. `moves` (the number of points that changed cluster: a
    count) is left out, and so are the run's number and `/100` (`max_iter`, a setting)."""
    import numpy as np
    from kmodes import kmodes, kprototypes

    rng = np.random.default_rng(0)
    prototypes = rng.integers(0, 4, size=(3, 6))
    group = rng.integers(0, 3, size=300)
    categories = np.where(rng.random((300, 6)) < 0.5, rng.integers(0, 4, size=(300, 6)),
                          prototypes[group])
    numbers = rng.normal(size=(300, 2)) + group[:, None]
    truth: Truth = []
    singles = {kmodes: ("_k_modes_single", "cost"),
               kprototypes: ("_k_prototypes_single", "ncost")}
    originals = {module: getattr(module, name) for module, (name, _) in singles.items()}

    def wrapped(module: Any) -> Callable[..., Any]:
        single, key = originals[module], singles[module][1]

        def run(*args: Any) -> Any:
            result = single(*args)
            truth.extend(point(key, cost, itr) for itr, cost in enumerate(result[4][1:], 1))
            return result

        return run

    for module, (name, _) in singles.items():
        setattr(module, name, wrapped(module))
    try:
        modes = kmodes.KModes(n_clusters=3, init="Huang", n_init=2, verbose=1,
                              random_state=0).fit(categories)
        protos = kprototypes.KPrototypes(n_clusters=3, init="Huang", n_init=2, verbose=1,
                                         random_state=0)
        protos.fit(np.column_stack([numbers, categories]).astype(object),
                   categorical=list(range(2, 8)))
    finally:
        for module, (name, _) in singles.items():
            setattr(module, name, originals[module])
    for model, key in ((modes, "cost"), (protos, "ncost")):
        if not any([p["value"] for p in truth[i:i + len(model.epoch_costs_) - 1]]
                   == list(model.epoch_costs_[1:]) and truth[i]["key"] == key
                   for i in range(len(truth))):
            raise SystemExit("kmodes_clustering: the best run's costs are not epoch_costs_")
    return truth


CASES["kmodes_clustering"] = kmodes_clustering
OWN_ENVIRONMENT["kmodes_clustering"] = dict(FIT_ENVIRONMENT, kmodes="kmodes")


def gensim_lda() -> Truth:
    """gensim's `LdaModel(corpus, id2word=dictionary, num_topics=4, chunksize=20, passes=3,
    eval_every=1, random_state=0)` of 100 made-up documents (words drawn from four made-up
    topics' vocabularies, a `corpora.Dictionary` of them), logging at INFO in the format of
    gensim's tutorials (`%(asctime)s : %(levelname)s : %(message)s`): its set-up lines, then
    for each chunk of 20 documents `-5.123 per-word bound, 34.9 perplexity estimate based on a
    held-out corpus of 20 documents with 160 words` (`gensim/models/ldamodel.py`,
    `log_perplexity`, evaluated on each chunk before it is learnt: `eval_every=1`), `PROGRESS:
    pass 0, at document #20/100`, the five topics' top words (`topic #0 (0.250): 0.089*"kelo"
    + ...`, `show_topics`) and `topic diff=0.881262, rho=1.000000` (`do_mstep`). Truth: read
    by a profile hook as gensim's own functions return: `log_perplexity`'s return (the
    per-word bound) as `per-word_bound`, and `np.exp2(-bound)` (the expression gensim prints)
    as `perplexity_estimate`; `do_mstep`'s locals `diff` and `rho` as `topic_diff` and `rho`
    (the learning rate of the update), all with no step (the lines name none: the chunk's
    position is on the `PROGRESS` line after the bound and before the update, never on a
    metric line). Left out: the documents' and words' counts, the topics' word weights and
    their `alpha` (parameters of the model, not measures of the fit), the times."""
    import logging
    import random

    import numpy as np
    from gensim import corpora
    from gensim.models import ldamodel

    rng = random.Random(0)
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pu"]
    topics = [[rng.choice(syllables) + rng.choice(syllables) for _ in range(10)]
              for _ in range(4)]
    texts = []
    for _ in range(100):
        mix = rng.sample(range(4), 2)
        texts.append([rng.choice(topics[rng.choice(mix)]) for _ in range(rng.randint(6, 12))])
    dictionary = corpora.Dictionary(texts)
    corpus = [dictionary.doc2bow(text) for text in texts]
    truth: Truth = []
    perplexity, mstep = ldamodel.LdaModel.log_perplexity, ldamodel.LdaModel.do_mstep

    def profile(frame: Any, event: str, value: Any) -> None:
        if event != "return":
            return
        if frame.f_code is perplexity.__code__:
            truth.extend([point("per-word_bound", value, None),
                          point("perplexity_estimate", np.exp2(-value), None)])
        elif frame.f_code is mstep.__code__:
            truth.extend([point("topic_diff", frame.f_locals["diff"], None),
                          point("rho", frame.f_locals["rho"], None)])

    logging.basicConfig(format="%(asctime)s : %(levelname)s : %(message)s", level=logging.INFO)
    sys.setprofile(profile)
    try:
        ldamodel.LdaModel(corpus, id2word=dictionary, num_topics=4, chunksize=20, passes=3,
                          eval_every=1, random_state=0)
    finally:
        sys.setprofile(None)
    return truth


CASES["gensim_lda"] = gensim_lda
OWN_ENVIRONMENT["gensim_lda"] = dict(FIT_ENVIRONMENT, gensim="gensim (LDA case)")


def opentsne_embedding() -> Truth:
    """openTSNE's `TSNE(n_iter=500, verbose=True, random_state=0, n_jobs=1)` of 300 synthetic
    points (`make_blobs`, 10 dimensions): the estimator's repr between rules of dashes, its
    set-up steps (`===> Finding 90 nearest neighbors using exact search ...`, `   --> Time
    elapsed: 0.01 seconds`), then the two phases of the optimisation, each opening with
    `===> Running optimization with exaggeration=12.00, lr=25.00 for 250 iterations...` and
    printing every 50 iterations `Iteration   50, KL divergence 0.9153, 50 iterations in
    0.1132 sec` (`openTSNE/tsne.py`, `gradient_descent.__call__`; each phase counts from 1).
    Truth: `gradient_descent.__call__`'s locals as it prints, read from its frame by the file
    it prints to (as sklearn_kmeans's): `error` (the KL divergence, corrected for the
    exaggeration in the first phase: the value openTSNE passes its callbacks) as
    `KL_divergence` at `iteration + 1` (as printed; the second phase counts again from 50).
    Left out: the times, the neighbour count, and the phase's settings (exaggeration, lr,
    iterations)."""
    from openTSNE import TSNE
    from sklearn.datasets import make_blobs

    x, _ = make_blobs(n_samples=300, n_features=10, centers=4, random_state=0)
    truth: Truth = []
    stdout = sys.stdout

    class Stdout:
        """Where openTSNE prints: reads the iteration it prints."""

        def write(self, text: str) -> int:
            frame = sys._getframe(1)
            if frame.f_code.co_name == "__call__" and text.startswith("Iteration"):
                values = frame.f_locals
                truth.append(point("KL_divergence", values["error"], values["iteration"] + 1))
            return stdout.write(text)

        def flush(self) -> None:
            stdout.flush()

    sys.stdout = Stdout()  # type: ignore[assignment]
    try:
        TSNE(n_iter=500, verbose=True, random_state=0, n_jobs=1).fit(x)
    finally:
        sys.stdout = stdout
    if [p["step"] for p in truth] != list(range(50, 251, 50)) + list(range(50, 501, 50)):
        raise SystemExit("opentsne_embedding: not a line every 50 iterations of 250 + 500")
    return truth


CASES["opentsne_embedding"] = opentsne_embedding
OWN_ENVIRONMENT["opentsne_embedding"] = dict(FIT_ENVIRONMENT, openTSNE="openTSNE")


def lifelines_coxph() -> Truth:
    """lifelines' README example: `CoxPHFitter().fit(rossi, duration_col="week",
    event_col="arrest", show_progress=True)` on `load_rossi()` (the data set bundled with
    lifelines, 432 rows): Newton-Raphson prints a line an iteration, starting with a carriage
    return (`lifelines/fitters/coxph_fitter.py`, `_newton_raphson_for_efron_model`:
    `\rIteration 1: norm_delta = 4.78e-01, step_size = 0.9500, log_lik = -675.38063,
    newton_decrement = 1.65e+01, seconds_since_start = 0.0`), then `Convergence success after
    6 iterations.`. Truth: `_newton_raphson_for_efron_model`'s locals as it prints, read from
    its frame by the file it prints to (as sklearn_kmeans's): `norm_delta`, `step_size`, `ll_`
    as `log_lik` and `newton_decrement`, at `i` (from 1, as printed); the last `log_lik` is
    checked equal to the fitter's `log_likelihood_`. `seconds_since_start` is a timing."""
    from lifelines import CoxPHFitter
    from lifelines.datasets import load_rossi

    truth: Truth = []
    stdout = sys.stdout

    class Stdout:
        """Where lifelines prints: reads the iteration it prints."""

        def write(self, text: str) -> int:
            frame = sys._getframe(1)
            if frame.f_code.co_name == "_newton_raphson_for_efron_model" and (
                    text.startswith("\rIteration")):
                values = frame.f_locals
                truth.extend(point(key, values[name], values["i"]) for key, name in (
                    ("norm_delta", "norm_delta"), ("step_size", "step_size"), ("log_lik", "ll_"),
                    ("newton_decrement", "newton_decrement")))
            return stdout.write(text)

        def flush(self) -> None:
            stdout.flush()

    sys.stdout = Stdout()  # type: ignore[assignment]
    try:
        fitter = CoxPHFitter().fit(load_rossi(), duration_col="week", event_col="arrest",
                                   show_progress=True)
    finally:
        sys.stdout = stdout
    if not truth or truth[-2]["value"] != fitter.log_likelihood_:
        raise SystemExit("lifelines_coxph: the last log_lik is not the fitter's log_likelihood_")
    return truth


CASES["lifelines_coxph"] = lifelines_coxph
OWN_ENVIRONMENT["lifelines_coxph"] = dict(FIT_ENVIRONMENT, lifelines="lifelines",
                                          pandas="pandas (lifelines case)")


# --- implicit, scikit-surprise, d3rlpy, denoising-diffusion-pytorch, SAC, tinygrad -----------
# Each runs alone, in an environment of its own:
#
#     python -m venv ~/implicit-venv && ~/implicit-venv/bin/pip install implicit tqdm
#     ~/implicit-venv/bin/python tests/corpus/make_corpus.py implicit_bpr
#     python -m venv ~/surprise-venv && ~/surprise-venv/bin/pip install scikit-surprise pandas
#     ~/surprise-venv/bin/python tests/corpus/make_corpus.py surprise_cross_validate
#     python -m venv ~/d3rlpy-venv && ~/d3rlpy-venv/bin/pip install torch==2.13.0
#     ~/d3rlpy-venv/bin/pip install torch==2.13.0 d3rlpy
#     ~/d3rlpy-venv/bin/python tests/corpus/make_corpus.py d3rlpy_dqn
#     python -m venv ~/ddpm-venv     # torchvision: PyPI's torch and torchvision, as smp_train_epoch
#     ~/ddpm-venv/bin/pip install torch==2.14.1 torchvision==0.29.1 denoising-diffusion-pytorch
#     ~/ddpm-venv/bin/python tests/corpus/make_corpus.py ddpm_trainer
#     python -m venv ~/sb3-venv && ~/sb3-venv/bin/pip install torch==2.13.0
#     ~/sb3-venv/bin/pip install torch==2.13.0 stable-baselines3
#     ~/sb3-venv/bin/python tests/corpus/make_corpus.py sb3_sac
#
# tinygrad runs from its checkout, with any Python 3.11 and clang (its CPU device compiles its
# kernels with clang: `apt-get install clang`); the case takes about two minutes a run:
#
#     git clone https://github.com/tinygrad/tinygrad ~/tinygrad
#     export TINYGRAD=~/tinygrad TINYGRAD_COMMIT=$(git -C ~/tinygrad rev-parse HEAD)
#     python3 tests/corpus/make_corpus.py tinygrad_mnist


def implicit_bpr() -> Truth:
    """implicit's `BayesianPersonalizedRanking(...).fit(user_items, show_progress=True)` on a
    synthetic 200 x 120 user-item matrix (each user likes about 15 items, mostly of one of four
    groups), 30 epochs, one thread (so that both runs draw the same samples): its tqdm bar
    (implicit `implicit/cpu/bpr.pyx`, `fit`: `tqdm(total=self.iterations)` from `tqdm.auto`,
    `progress.update(1)` then `progress.set_postfix({"train_auc": "%.2f%%" % (100.0 * correct /
    (total - skipped)), "skipped": "%.2f%%" % (100.0 * skipped / total)})` each epoch: `100%|
    ...| 30/30 [00:00<00:00, 1234.5it/s, train_auc=91.23%, skipped=11.84%]`). Truth: what
    `bpr_update` returns each epoch, read by a wrapper of it as `fit` calls it: `correct` and
    `skipped` (of `total`, the matrix's stored entries, one sampled pair each), as the shares
    `fit` computes for the bar, in percent: `train_auc` (the sampled pairs ranked right, of
    those not skipped) and `skipped` (the pairs whose sampled negative item the user liked,
    so not trained on: a share of the epoch's samples that changes as the sampler draws, not
    a count of the data), at the bar's count after `update(1)`, the epoch from 1. The wrapper
    also checks the dict handed to `set_postfix` against them."""
    import numpy as np
    import scipy.sparse
    from implicit.cpu import bpr

    rng = np.random.default_rng(0)
    users, items = 200, 120
    rows, cols = [], []
    for user in range(users):
        group = user % 4
        liked = rng.choice(np.arange(group * 30, group * 30 + 30), size=12, replace=False)
        liked = np.union1d(liked, rng.choice(items, size=3, replace=False))
        rows += [user] * len(liked)
        cols += list(liked)
    user_items = scipy.sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                                         shape=(users, items))
    total = user_items.nnz
    truth: Truth = []
    update, tqdm = bpr.bpr_update, bpr.tqdm
    epochs: list[tuple[int, int]] = []

    def recorded_update(*args: Any) -> Any:
        correct, skipped = update(*args)
        epochs.append((correct, skipped))
        epoch = len(epochs)
        truth.append(point("train_auc", 100.0 * correct / (total - skipped), epoch))
        truth.append(point("skipped", 100.0 * skipped / total, epoch))
        return correct, skipped

    class RecordedBar(tqdm):  # type: ignore[misc, valid-type]
        def set_postfix(self, ordered_dict: Any = None, *args: Any, **kwargs: Any) -> Any:
            correct, skipped = epochs[-1]
            expected = {"train_auc": "%.2f%%" % (100.0 * correct / (total - skipped)),
                        "skipped": "%.2f%%" % (100.0 * skipped / total)}
            if dict(ordered_dict) != expected or self.n != len(epochs):
                raise SystemExit(f"implicit_bpr: the bar got {ordered_dict} at {self.n}")
            return super().set_postfix(ordered_dict, *args, **kwargs)

    bpr.bpr_update, bpr.tqdm = recorded_update, RecordedBar
    model = bpr.BayesianPersonalizedRanking(factors=16, learning_rate=0.05, iterations=30,
                                            num_threads=1, random_state=0)
    model.fit(user_items, show_progress=True)
    if len(epochs) != 30:
        raise SystemExit(f"implicit_bpr: {len(epochs)} epochs recorded, not 30")
    return truth


CASES["implicit_bpr"] = implicit_bpr
OWN_ENVIRONMENT["implicit_bpr"] = {"implicit": "implicit", "numpy": "numpy (implicit_bpr case)",
                                   "scipy": "scipy (implicit_bpr case)",
                                   "tqdm": "tqdm (implicit_bpr case)"}


def surprise_cross_validate() -> Truth:
    """scikit-surprise's `cross_validate(SVD(random_state=0), data, measures=["RMSE", "MAE"],
    cv=3, verbose=True)` on a synthetic ratings DataFrame (120 users, 60 items, 1,500 ratings
    from 1 to 5 from a user's and an item's bias, `Dataset.load_from_df` with a `Reader` of
    that scale), NumPy's and Python's generators seeded (the folds are drawn from NumPy's). It
    prints one table (`surprise/model_selection/validation.py`, `print_summary`: `Evaluating
    RMSE, MAE of algorithm SVD on 3 split(s).`, the header `Fold 1  Fold 2  Fold 3  Mean
    Std`, then `RMSE (testset)    0.9441  0.9250  0.9412  0.9368  0.0084`, `MAE (testset)
    ...`, `Fit time ...`, `Test time ...`, `{:1.4f}`, columns of 8). Truth: the dict
    `cross_validate` returns, `test_rmse` and `test_mae` (a value a fold), under the names the
    table prints, its row then its column, `RMSE (testset)/Fold 1` ... `/Fold 3`, and their
    `np.mean` and `np.std`, as `print_summary` computes them, as `.../Mean` and `.../Std`; no
    step (the columns are folds and summaries, not steps). `fit_time` and `test_time` (the
    `Fit time` and `Test time` rows) are timings: left out."""
    import random

    import numpy as np
    import pandas as pd
    from surprise import SVD, Dataset, Reader
    from surprise.model_selection import cross_validate

    random.seed(0)
    np.random.seed(0)
    rng = np.random.default_rng(0)
    users, items = rng.integers(0, 120, size=4000), rng.integers(0, 60, size=4000)
    pairs = pd.DataFrame({"user": users, "item": items}).drop_duplicates().head(1500)
    user_bias, item_bias = rng.normal(0, 0.8, size=120), rng.normal(0, 0.6, size=60)
    rating = (3.2 + user_bias[pairs["user"]] + item_bias[pairs["item"]]
              + rng.normal(0, 0.7, size=len(pairs)))
    ratings = pd.DataFrame({"userID": pairs["user"].to_numpy(), "itemID": pairs["item"].to_numpy(),
                            "rating": np.clip(np.round(rating), 1, 5)})
    data = Dataset.load_from_df(ratings[["userID", "itemID", "rating"]],
                                Reader(rating_scale=(1, 5)))
    results = cross_validate(SVD(random_state=0), data, measures=["RMSE", "MAE"], cv=3,
                             verbose=True)
    truth: Truth = []
    for measure in ("rmse", "mae"):
        values = results[f"test_{measure}"]
        row = f"{measure.upper()} (testset)"
        truth += [point(f"{row}/Fold {fold + 1}", value, None) for fold, value in enumerate(values)]
        truth += [point(f"{row}/Mean", np.mean(values), None),
                  point(f"{row}/Std", np.std(values), None)]
    return truth


CASES["surprise_cross_validate"] = surprise_cross_validate
OWN_ENVIRONMENT["surprise_cross_validate"] = {
    "scikit-surprise": "scikit-surprise", "numpy": "numpy (surprise_cross_validate case)",
    "pandas": "pandas (surprise_cross_validate case)"}


def d3rlpy_dqn() -> Truth:
    """d3rlpy 2's offline `DQN` (`DQNConfig(batch_size=32, learning_rate=1e-3,
    target_update_interval=50).create(device="cpu")`) fitted on a synthetic `MDPDataset`
    (20 episodes of 50 steps, 4-dimensional observations, 2 actions, a reward for the action
    that matches the sign of the first observation), `fit(dataset, n_steps=300,
    n_steps_per_epoch=100)` from a folder of its own (its `FileAdapter` writes `d3rlpy_logs/`
    there), `d3rlpy.seed(0)`. It prints through structlog as d3rlpy configures it
    (`d3rlpy/logging/logger.py`: `ConsoleRenderer`, `2026-12-02 11:02.33 [info     ]
    DQN_20261202110233: epoch=1 step=100 epoch=1 metrics={'time_sample_batch': 0.0001,
    'time_algorithm_update': 0.0012, 'loss': 0.0347, 'time_step': 0.0014} step=100`, coloured
    on a terminal, from `D3RLPyLogger.commit` at the end of each epoch) and a tqdm bar an epoch
    (`d3rlpy/algos/qlearning/base.py`, `fitter`: `tqdm(range(n_steps_per_epoch), desc=f"Epoch
    {epoch}/{n_epochs}")`, `range_gen.set_postfix(mean_loss)` every 10 iterations with the
    epoch's mean losses so far: `Epoch 1/3: 100%|██████████| 100/100 [00:00<00:00, 502.17it/s,
    loss=0.0473]`). Truth: the metrics `fit` returns (the dict `commit` logs, a list of
    `(epoch, metrics)`), `loss` as `metrics/loss` (the dict printed after `metrics=`, flattened
    with `/`) at the step the line names (the epoch's last global step); and the dicts
    `set_postfix` is handed (read by a wrapper of it), `loss`, at the global iteration whose
    loss they include last (`(epoch - 1) * 100 + itr + 1`: the bar draws them before it
    counts that iteration). The `time_*` metrics are timings: left out."""
    import shutil

    import d3rlpy
    import numpy as np
    import torch
    from d3rlpy.algos.qlearning import base

    torch.set_num_threads(1)
    d3rlpy.seed(0)
    rng = np.random.default_rng(0)
    observations = rng.normal(size=(1000, 4)).astype("float32")
    actions = rng.integers(0, 2, size=1000)
    rewards = (actions == (observations[:, 0] > 0)).astype("float32")
    terminals = np.zeros(1000, dtype="float32")
    terminals[49::50] = 1.0
    dataset = d3rlpy.dataset.MDPDataset(observations, actions, rewards, terminals)
    truth: Truth = []
    tqdm = base.tqdm
    per_epoch = 100

    class RecordedBar(tqdm):  # type: ignore[misc, valid-type]
        def set_postfix(self, ordered_dict: Any = None, *args: Any, **kwargs: Any) -> Any:
            epoch = int(self.desc.split()[1].split("/")[0])
            frame = sys._getframe(1)
            step = (epoch - 1) * per_epoch + frame.f_locals["itr"] + 1
            truth.extend(point(name, value, step) for name, value in ordered_dict.items())
            return super().set_postfix(ordered_dict, *args, **kwargs)

    base.tqdm = RecordedBar
    dqn = d3rlpy.algos.DQNConfig(batch_size=32, learning_rate=1e-3,
                                 target_update_interval=50).create(device="cpu")
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        results = dqn.fit(dataset, n_steps=300, n_steps_per_epoch=per_epoch)
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    truth += [point(f"metrics/{name}", value, epoch * per_epoch)
              for epoch, metrics in results for name, value in metrics.items()
              if not name.startswith("time_")]
    return truth


CASES["d3rlpy_dqn"] = d3rlpy_dqn
OWN_ENVIRONMENT["d3rlpy_dqn"] = {
    "d3rlpy": "d3rlpy", "torch": "torch (d3rlpy_dqn case)", "numpy": "numpy (d3rlpy_dqn case)",
    "structlog": "structlog (d3rlpy_dqn case)", "tqdm": "tqdm (d3rlpy_dqn case)",
    "gymnasium": "gymnasium (d3rlpy_dqn case)"}


def ddpm_trainer() -> Truth:
    """lucidrains' denoising-diffusion-pytorch `Trainer` (the package, version in VERSIONS.md)
    training a tiny `Unet(dim=16, dim_mults=(1, 2))` inside `GaussianDiffusion(image_size=16,
    timesteps=100)` on a folder of 100 generated 16x16 PNGs (a coloured disc on noise, made by
    the case), `Trainer(..., train_batch_size=16, train_lr=1e-3, train_num_steps=30,
    augment_horizontal_flip=False, calculate_fid=False)` (FID loads Inception weights, which
    are downloaded), `save_and_sample_every` past the last step (sampling runs the 100
    denoising steps), from a folder of its own (`results/`), on the CPU through accelerate.
    It prints a tqdm bar (`denoising_diffusion_pytorch/denoising_diffusion_pytorch.py`,
    `Trainer.train`: `tqdm(initial=self.step, total=self.train_num_steps)`, each step
    `pbar.set_description(f'loss: {total_loss:.4f}')` before the optimizer's step, then
    `pbar.update(1)`: `loss: 0.9312:  10%|█         | 3/30 [00:01<00:09,  2.80it/s]` on stderr),
    then `training complete`. Truth: the trainer's `total_loss` as it sets the description,
    read from its frame by a wrapper of `set_description`, as `loss`, at the step it trains
    (`self.step + 1`, from 1: the bar draws the description before it counts the step)."""
    import shutil

    import numpy as np
    import torch
    from denoising_diffusion_pytorch import GaussianDiffusion, Trainer, Unet
    from denoising_diffusion_pytorch import denoising_diffusion_pytorch as ddpm
    from PIL import Image

    torch.manual_seed(0)
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    truth: Truth = []
    tqdm = ddpm.tqdm

    class RecordedBar(tqdm):  # type: ignore[misc, valid-type]
        def set_description(self, desc: Any = None, refresh: bool = True) -> None:
            frame = sys._getframe(1)
            if frame.f_code.co_name == "train":
                trainer = frame.f_locals["self"]
                truth.append(point("loss", frame.f_locals["total_loss"], trainer.step + 1))
            super().set_description(desc, refresh)

    ddpm.tqdm = RecordedBar
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        os.mkdir("images")
        grid = np.mgrid[0:16, 0:16]
        for i in range(100):
            image = rng.integers(0, 60, size=(16, 16, 3))
            r, c, radius = *rng.integers(4, 12, size=2), int(rng.integers(2, 5))
            disc = (grid[0] - r) ** 2 + (grid[1] - c) ** 2 <= radius ** 2
            image[disc] = rng.integers(120, 256, size=3)
            Image.fromarray(image.astype("uint8")).save(f"images/{i:03d}.png")
        model = Unet(dim=16, dim_mults=(1, 2), flash_attn=False)
        diffusion = GaussianDiffusion(model, image_size=16, timesteps=100)
        trainer = Trainer(diffusion, "images", train_batch_size=16, train_lr=1e-3,
                          train_num_steps=30, augment_horizontal_flip=False,
                          calculate_fid=False, save_and_sample_every=1000,
                          results_folder="results")
        trainer.train()
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    if len(truth) != 30:
        raise SystemExit(f"ddpm_trainer: {len(truth)} losses recorded, not 30")
    return truth


CASES["ddpm_trainer"] = ddpm_trainer
OWN_ENVIRONMENT["ddpm_trainer"] = {
    "denoising-diffusion-pytorch": "denoising-diffusion-pytorch",
    "accelerate": "accelerate (ddpm_trainer case)", "torch": "torch (ddpm_trainer case)",
    "torchvision": "torchvision (ddpm_trainer case)", "numpy": "numpy (ddpm_trainer case)",
    "tqdm": "tqdm (ddpm_trainer case)", "pillow": "pillow (ddpm_trainer case)"}


def sb3_sac() -> Truth:
    """stable-baselines3's `SAC` on gymnasium's `Pendulum-v1`, `verbose=1`, `log_interval=1`
    (a table an episode, 200 steps), `learning_starts=100`, `batch_size=64`, a `[32, 32]`
    network, `seed=0`, 1,000 steps, CPU: its boxed table (`stable_baselines3/common/logger.py`,
    `HumanOutputFormat.write`, values `.3g`) with SAC's own keys, `rollout/` (`ep_len_mean`,
    `ep_rew_mean`), `time/`, and `train/` (`actor_loss`, `critic_loss`, `ent_coef`,
    `ent_coef_loss`, `learning_rate`, `n_updates`). Truth: the logger's own values as it
    dumps them (`Logger.dump` wrapped: `name_to_value`, less the keys excluded from stdout),
    keyed as the table's section and row (`train/actor_loss`), at the step `dump` is given
    (`num_timesteps`, the table's `total_timesteps`). `time/fps` and `time/time_elapsed` are
    timings, `time/episodes` a count and `time/total_timesteps` the step: left out
    (`train/n_updates` is kept, as sb3_dqn keeps it)."""
    import torch
    from stable_baselines3 import SAC
    from stable_baselines3.common.logger import Logger

    torch.set_num_threads(1)
    truth: Truth = []
    dump = Logger.dump
    left_out = {"time/fps", "time/time_elapsed", "time/episodes", "time/total_timesteps"}

    def recorded(self: Any, step: int = 0) -> None:
        for key, value in self.name_to_value.items():
            excluded = self.name_to_excluded.get(key, ())
            if key not in left_out and not (excluded and "stdout" in excluded):
                truth.append(point(key, value, step))
        dump(self, step)

    Logger.dump = recorded  # type: ignore[method-assign]
    model = SAC("MlpPolicy", "Pendulum-v1", learning_starts=100, batch_size=64,
                policy_kwargs={"net_arch": [32, 32]}, seed=0, verbose=1, device="cpu")
    model.learn(total_timesteps=1000, log_interval=1)
    return truth


CASES["sb3_sac"] = sb3_sac
OWN_ENVIRONMENT["sb3_sac"] = {
    "stable-baselines3": "stable-baselines3 (sb3_sac case)", "torch": "torch (sb3_sac case)",
    "gymnasium": "gymnasium (sb3_sac case)", "numpy": "numpy (sb3_sac case)"}


TINYGRAD_STEPS = 30


def tinygrad_mnist() -> Truth:
    """tinygrad's `examples/beautiful_mnist.py`, read from the checkout named by TINYGRAD and
    run as the script (`__main__`, tinygrad imported from the same checkout) on tinygrad's CPU
    device (it compiles its kernels with clang), with its own settings `BS=32` and `STEPS=30`
    (its `getenv`), nothing changed in it; `tinygrad.nn.datasets.mnist`, which downloads
    MNIST, is replaced by synthetic 28x28 uint8 images of 10 classes (a template a class under
    noise; 1024 to train, 256 to test), in the same shapes and types. Its bar is tinygrad's own
    tqdm (`tinygrad/helpers.py`: `trange`; `tqdm.update` prints `\\r`, the description and
    `  3%|...| 1/30 [00:00<00:12,  2.41it/s]` on stderr) with the description the loop sets each
    step, `t.set_description(f"loss: {loss.item():6.2f} test_accuracy: {test_acc:5.2f}%")`,
    the test accuracy `nan` until step 10 (it is measured every 10 steps). Truth: the loop's
    own values as it sets the description, read from its frame by a wrapper of
    `set_description`: `loss.item()` as `loss` at every step, and `test_acc` as
    `test_accuracy` at the steps that measure it (a new value in the loop's variable; the nine
    descriptions after each repeat it, and before the first it is NaN, no point), at `i + 1`,
    the bar's count when it draws the description (after the step's `update(1)`)."""
    root = os.environ.get("TINYGRAD")
    if not root:
        raise SystemExit("tinygrad_mnist: set TINYGRAD to a tinygrad/tinygrad checkout")
    import math

    sys.path.insert(0, os.path.abspath(root))
    os.environ.update(BS="32", STEPS=str(TINYGRAD_STEPS))
    import tinygrad.nn.datasets
    from tinygrad import Tensor, dtypes
    from tinygrad.helpers import tqdm

    def synthetic_mnist(device: Any = None, fashion: bool = False) -> Any:
        Tensor.manual_seed(0)
        templates = Tensor.rand(10, 1, 28, 28)

        def images(n: int) -> Any:
            labels = Tensor.randint(n, high=10)
            x = (templates[labels] * 0.6 + Tensor.rand(n, 1, 28, 28) * 0.4) * 255
            return x.cast(dtypes.uint8).realize(), labels.cast(dtypes.uint8).realize()

        x_train, y_train = images(1024)
        x_test, y_test = images(256)
        return x_train, y_train, x_test, y_test

    tinygrad.nn.datasets.mnist = synthetic_mnist
    truth: Truth = []
    set_description, update = tqdm.set_description, tqdm.update

    measured: list[Any] = [None]

    def recorded(self: Any, desc: str) -> None:
        frame = sys._getframe(1)
        if frame.f_code.co_filename == "beautiful_mnist.py":
            step, test_acc = frame.f_locals["i"] + 1, frame.f_locals["test_acc"]
            truth.append(point("loss", frame.f_locals["loss"].item(), step))
            # A new float object is a new measure; the same object is the last one shown again.
            if test_acc is not measured[0] and not math.isnan(test_acc):
                truth.append(point("test_accuracy", test_acc, step))
            measured[0] = test_acc
        set_description(self, desc)

    def drawn(self: Any, n: int = 0, close: bool = False) -> None:
        update(self, n, close)
        if self.skip != 1:  # tinygrad's bar skips redraws past 100 steps a second
            raise SystemExit("tinygrad_mnist: the bar skipped a redraw")

    tqdm.set_description, tqdm.update = recorded, drawn  # type: ignore[method-assign]
    with open(os.path.join(root, "examples", "beautiful_mnist.py")) as f:
        source = f.read()
    sys.argv = ["beautiful_mnist.py"]
    exec(compile(source, "beautiful_mnist.py", "exec"), {"__name__": "__main__"})
    if len([p for p in truth if p["key"] == "loss"]) != TINYGRAD_STEPS:
        raise SystemExit("tinygrad_mnist: not a loss a step")
    return truth


CASES["tinygrad_mnist"] = tinygrad_mnist
# tinygrad runs from the checkout (its commit is the version); no package of its own is needed.
OWN_ENVIRONMENT["tinygrad_mnist"] = {"tinygrad": "tinygrad (tinygrad_mnist case)"}
OWN_CHECKOUT["tinygrad_mnist"] = "TINYGRAD"
REPOSITORY_CHECKOUTS["TINYGRAD"] = ("tinygrad/tinygrad", "TINYGRAD_COMMIT")
CHECKOUT_ROW["tinygrad_mnist"] = ("tinygrad/tinygrad examples/beautiful_mnist.py "
                                  "(run from the checkout)")


# --- DEAP, pycma, pymoo, PySwarms, SciPy's optimizers, EvoTorch: evolutionary search ------------
# Each runs alone, in one environment of their own (the CPU wheel of torch first, for EvoTorch):
#
#     python -m venv ~/evo-venv && ~/evo-venv/bin/pip install torch==2.13.0
#     ~/evo-venv/bin/pip install torch==2.13.0 deap cma pymoo pyswarms scipy evotorch
#     git clone https://github.com/DEAP/deap ~/deap        # examples/ga/onemax_short.py
#     export DEAP_EXAMPLES=~/deap/examples DEAP_COMMIT=$(git -C ~/deap rev-parse HEAD)
#     ~/evo-venv/bin/python tests/corpus/make_corpus.py deap_onemax     # and the others


def deap_onemax() -> Truth:
    """DEAP's `examples/ga/onemax_short.py` (the checkout named by DEAP_EXAMPLES, its `main()`
    run as it is: 100 bits, 300 individuals, `eaSimple(..., cxpb=0.5, mutpb=0.2, ngen=40,
    stats=stats, halloffame=hof, verbose=True)`, `random.seed(64)`): the Logbook's table,
    `gen\\tnevals\\tavg    \\tstd    \\tmin\\tmax`, then a row a generation, `0  \\t300   \\t50.4933
    \\t2.91...`, tab-separated and padded, floats as `{0:n}` prints them (6 significant
    digits). Truth: the logbook `main()` returns, each record's `avg`, `std`, `min` and `max`
    at its `gen` (from 0, as printed); `nevals` (the evaluations of the generation) is a
    count."""
    import runpy

    folder = os.environ.get("DEAP_EXAMPLES")
    if not folder:
        raise SystemExit("set DEAP_EXAMPLES to a checkout's examples folder")
    example = runpy.run_path(os.path.join(folder, "ga", "onemax_short.py"), run_name="onemax")
    _, log, _ = example["main"]()
    return [point(key, record[key], record["gen"])
            for record in log for key in ("avg", "std", "min", "max")]


def cma_fmin2() -> Truth:
    """pycma's `cma.fmin2(cma.ff.rosen, 8 * [0.1], 0.5, {"seed": 1})` (the Rosenbrock
    function in 8 dimensions, as the examples of `fmin2`'s docstring call it): the
    strategy's line, `Iterat #Fevals   function value  axis ratio  sigma  min&max
    std  t[m:s]`, a row at iterations 1-3 and every 100th (`verb_disp`) and at the stop,
    `  100   1000 4.600138710557692e+00 6.5e+00 3.35e-02  9e-03  3e-02 0:00.1  `, then
    `termination on {'tolfun': 1e-11}`, `final/bestever f-value = 3.050884e-14 3.050884e-14
    after 4581/4581 evaluations` and the incumbent solution and its standard deviations (the
    solution itself: estimates, not measures). Truth: the strategy's own values each time
    `disp` prints a row (read by a wrapper of `CMAEvolutionStrategy.disp` after it prints,
    at `countiter`, the iteration the row names): the least fitness of the iteration,
    `min(es.fit.fit)`, as `function_value`, `D.max() / D.min()` as `axis_ratio`, `sigma`, and
    the two values printed under the one name `min&max std` (the least and the largest
    coordinate-wise standard deviation), each under the name the header gives it, `min_std`
    and `max_std`; the two values after `final/bestever f-value`, what `result_pretty` is
    given (`best.last.f`, the last iteration's best, and the best ever), read by a wrapper as
    it is called, as `final_f-value` and `bestever_f-value`, no step (the
    line names evaluations, not an iteration). `#Fevals` is a count, `t[m:s]` a timing. Run
    from a folder of its own (its data logger writes `outcmaes/` there)."""
    import shutil

    import cma

    truth: Truth = []
    disp, result_pretty = cma.CMAEvolutionStrategy.disp, cma.CMAEvolutionStrategy.result_pretty

    def record_disp(es: Any, *args: Any, **kwargs: Any) -> Any:
        shown = getattr(es, "times_displayed", 0)
        done = disp(es, *args, **kwargs)
        if getattr(es, "times_displayed", 0) > shown:  # it printed a row
            stds = es.sigma * es.sigma_vec * es.dC**0.5
            truth.extend([point("function_value", min(es.fit.fit), es.countiter),
                          point("axis_ratio", es.D.max() / es.D.min(), es.countiter),
                          point("sigma", es.sigma, es.countiter),
                          point("min_std", min(stds), es.countiter),
                          point("max_std", max(stds), es.countiter)])
        return done

    def record_result(es: Any, number_of_restarts: int = 0, time_str: Any = None,
                      fbestever: Any = None) -> Any:
        best = es.best.f if fbestever is None else fbestever
        truth.extend([point("final_f-value", es.best.last.f, None),
                      point("bestever_f-value", best, None)])
        return result_pretty(es, number_of_restarts, time_str, fbestever)

    cma.CMAEvolutionStrategy.disp = record_disp  # type: ignore[method-assign]
    cma.CMAEvolutionStrategy.result_pretty = record_result  # type: ignore[method-assign]
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)  # its data logger writes `outcmaes/` here
    try:
        cma.fmin2(cma.ff.rosen, 8 * [0.1], 0.5, {"seed": 1})
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return truth


def pymoo_nsga2() -> Truth:
    """pymoo's `minimize(get_problem("zdt1"), NSGA2(pop_size=40), ("n_gen", 20), seed=1,
    verbose=True)` (NSGA-II on the ZDT1 benchmark, 40 individuals, 20 generations): the
    `|`-separated table between rules of `=`, `n_gen  |  n_eval  | n_nds  |      igd      |
    gd      |       hv`, a row a generation, `     5 |      200 |     12 |  2.0283854805 |
    2.3452606820 |  0.000000E+00` (`igd`, `gd` and `hv` because ZDT1's Pareto front is
    known). Truth: the
    columns of the algorithm's own `Output` as `Display.update` prints them (read by a wrapper
    after it prints): `n_nds` (how many solutions are not dominated: it changes from
    generation to generation, a measure of the front as a tree's leaves are of a boosting
    iteration), `igd`, `gd` and `hv`, at `n_gen` (from 1, as printed); `n_eval` is a count
    of evaluations."""
    from pymoo.algorithms.moo.nsga2 import NSGA2
    from pymoo.optimize import minimize
    from pymoo.problems import get_problem
    from pymoo.util.display.display import Display

    truth: Truth = []
    update = Display.update

    def record(display: Any, algorithm: Any, **kwargs: Any) -> None:
        update(display, algorithm, **kwargs)
        if display.verbose and display.output:
            values = {column.name: column.value for column in display.output.columns}
            truth.extend(point(name, values[name], values["n_gen"])
                         for name in ("n_nds", "igd", "gd", "hv"))

    Display.update = record  # type: ignore[method-assign]
    minimize(get_problem("zdt1"), NSGA2(pop_size=40), ("n_gen", 20), seed=1, verbose=True)
    return truth


def pyswarms_gbest() -> Truth:
    """PySwarms' `GlobalBestPSO(n_particles=10, dimensions=2, options={"c1": 0.5, "c2": 0.3,
    "w": 0.9}).optimize(objective, iters=100)` (its README's example, `np.random.seed(0)`) of
    its `fx.sphere` after a pause of 0.11 s, as an objective that takes time does: tqdm counts
    the bar's iterations only every 0.1 s (`mininterval`), so with the README's instant sphere
    every redraw shows `0/100`. Run from a folder of its own (its Reporter, made when
    `pyswarms` is imported, logs to `report.log` there too): its log line `2026-12-02
    10:48:01,123 - pyswarms.single.global_best - INFO - Optimize for 100 iters with {'c1': 0.5,
    'c2': 0.3, 'w': 0.9}`, the Reporter's tqdm bar (`bar_format
    "{l_bar}{bar}|{n_fmt}/{total_fmt}{postfix}"`, on stderr), redrawn by `set_postfix` each
    iteration, `pyswarms.single.global_best:  42%|████▏     |42/100, best_cost=0.000123`,
    the
    value as tqdm formats a float (`.3g`), and `Optimization finished | best cost:
    1.2345e-08, best pos: [...]`. Truth: `optimizer.cost_history` (the best cost after each
    iteration) at the iteration it belongs to (from 1: `set_postfix` draws an iteration's
    value before the bar counts the iteration), where it is new: an iteration that finds no
    better cost redraws the same value, no point of its own (as hyperopt_fmin's best loss);
    the final best cost as `best_cost` with no step (the line names none). The best position
    is the solution (estimates), the options settings."""
    import shutil
    import time

    import numpy as np

    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        import pyswarms as ps
        from pyswarms.utils.functions import single_obj as fx

        def objective(x: Any) -> Any:
            time.sleep(0.11)
            return fx.sphere(x)

        np.random.seed(0)
        options = {"c1": 0.5, "c2": 0.3, "w": 0.9}
        optimizer = ps.single.GlobalBestPSO(n_particles=10, dimensions=2, options=options)
        best_cost, _ = optimizer.optimize(objective, iters=100)
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    truth: Truth = []
    for i, cost in enumerate(optimizer.cost_history):
        if i == 0 or cost != optimizer.cost_history[i - 1]:
            truth.append(point("best_cost", cost, i + 1))
    return truth + [point("best_cost", best_cost, None)]


def scipy_de() -> Truth:
    """SciPy's `optimize.differential_evolution(rosen, [(0, 2)] * 5, rng=1, disp=True,
    callback=record)` (its documentation's example, seeded): `differential_evolution step 7:
    f(x)= 3.4218573270425924` after each generation (the best energy, NumPy's float as `str`
    prints it), then `Polishing solution with 'L-BFGS-B'`. Truth: the intermediate result the
    callback is given after each printed line, `fun` as `f(x)` at `nit` (the step printed,
    from 1; the case checks that it is the best energy the solver printed,
    `population_energies[0]`)."""
    from scipy.optimize import differential_evolution, rosen

    truth: Truth = []

    def record(intermediate_result: Any) -> None:
        solver = sys._getframe(2).f_locals["self"]  # `solve`, through SciPy's wrapper
        if intermediate_result.fun != solver.population_energies[0]:
            raise SystemExit("scipy_de: the callback's fun is not the energy printed")
        truth.append(point("f(x)", intermediate_result.fun, intermediate_result.nit))

    differential_evolution(rosen, [(0, 2)] * 5, rng=1, disp=True, callback=record)
    return truth


CASES.update({"deap_onemax": deap_onemax, "cma_fmin2": cma_fmin2, "pymoo_nsga2": pymoo_nsga2,
              "pyswarms_gbest": pyswarms_gbest, "scipy_de": scipy_de})
R10A_ENVIRONMENT = {name: f"{name} (DEAP, pycma, pymoo, PySwarms, SciPy, EvoTorch cases)"
                    for name in ("numpy", "scipy", "tqdm", "torch")}
OWN_ENVIRONMENT.update({
    "deap_onemax": dict(R10A_ENVIRONMENT, deap="deap"),
    "cma_fmin2": dict(R10A_ENVIRONMENT, cma="cma"),
    "pymoo_nsga2": dict(R10A_ENVIRONMENT, pymoo="pymoo"),
    "pyswarms_gbest": dict(R10A_ENVIRONMENT, pyswarms="pyswarms"),
    "scipy_de": R10A_ENVIRONMENT})
OWN_CHECKOUT["deap_onemax"] = "DEAP_EXAMPLES"
REPOSITORY_CHECKOUTS["DEAP_EXAMPLES"] = ("DEAP/deap examples/ga/onemax_short.py", "DEAP_COMMIT")


def evotorch_snes() -> Truth:
    """EvoTorch's README example, smaller: SNES (`popsize=1000, stdev_init=10.0`) on the
    Rastrigin function of 100 variables (`Problem("min", rastrigin, initial_bounds=(-5.12,
    5.12), solution_length=100, vectorized=True, seed=0)`), `StdOutLogger(searcher,
    interval=10)`, 200 generations (the README runs 2000): after the problem's INFO lines, a
    block every 10 generations, `         iter : 10`, `    mean_eval : 1799.8...`,
    `pop_best_eval : ...`, `  median_eval : ...`, `    best_eval : ...`, `   worst_eval :
    ...`, the keys right-aligned before ` : `, then an empty line. Truth: the status dict
    the logger is given at each report (read by a wrapper of `StdOutLogger._log`, the
    searcher's status as `ScalarLogger` filters it), each value under its key at its `iter`
    (the first key printed)."""
    import math

    import torch
    from evotorch import Problem
    from evotorch.algorithms import SNES
    from evotorch.logging import StdOutLogger

    truth: Truth = []
    log = StdOutLogger._log

    def record(logger: Any, status: dict[str, Any]) -> None:
        truth.extend(point(key, value, status["iter"])
                     for key, value in status.items() if key != "iter")
        log(logger, status)

    StdOutLogger._log = record  # type: ignore[method-assign]

    # Declare the objective function
    def rastrigin(x: torch.Tensor) -> torch.Tensor:
        A = 10  # noqa: N806
        (_, n) = x.shape
        return A * n + torch.sum((x ** 2) - A * torch.cos(2 * math.pi * x), 1)

    torch.manual_seed(0)
    problem = Problem("min", rastrigin, initial_bounds=(-5.12, 5.12), solution_length=100,
                      vectorized=True, seed=0)
    searcher = SNES(problem, popsize=1000, stdev_init=10.0)
    _ = StdOutLogger(searcher, interval=10)
    searcher.run(200)
    return truth


CASES["evotorch_snes"] = evotorch_snes
OWN_ENVIRONMENT["evotorch_snes"] = dict(R10A_ENVIRONMENT, evotorch="evotorch")


def scipy_basinhopping() -> Truth:
    """SciPy's `optimize.basinhopping` of its docstring's first example (`func = lambda x:
    np.cos(14.5 * x - 0.3) + (x + 0.2) * x`, `x0 = [1.]`, `minimizer_kwargs={"method":
    "BFGS"}`), 100 hops (the docstring's 200), `rng=1`, `disp=True`: `basinhopping step 0: f
    0.42592`, then a line a hop, `basinhopping step 2: f -0.897267 trial_f -0.897267 accepted
    True lowest_f -0.897267` (`%g`), `found new global minimum on step 2 with function value
    -0.897267` when the lowest falls, and every 50 hops `adaptive stepsize: acceptance rate
    0.900000 target 0.500000 new stepsize 0.555556 old stepsize 0.5`. Truth: the runner's own
    values as it prints, read from the printing frames by the file they print to: the
    current minimum's energy (`self.energy`) as `f`, the hop's local minimum (`energy_trial`)
    as `trial_f` and the storage's lowest (`get_lowest().fun`) as `lowest_f`, at the runner's
    `nstep`, the step printed (the first line's `f` at step 0); the adaptive step's
    `accept_rate` as `acceptance_rate` and the step size it sets as `new_stepsize`, no step
    (the line names none). Left out: `accepted` (a yes or no), `found new global minimum ...
    with function value` (it repeats the line before it's `lowest_f`, as optuna's `Best is
    trial ...`), the target rate (a setting) and `old stepsize` (the size before: the setting,
    then the last line's `new stepsize` again)."""
    import numpy as np
    from scipy.optimize import basinhopping

    truth: Truth = []
    stdout = sys.stdout

    class Stdout:
        """Where basinhopping prints: reads the line it prints from its frame."""

        def write(self, text: str) -> int:
            frame = sys._getframe(1)
            name, f = frame.f_code.co_name, frame.f_locals
            if text.startswith("basinhopping step") and name == "__init__":
                truth.append(point("f", f["self"].energy, f["self"].nstep))
            elif text.startswith("basinhopping step") and name == "print_report":
                runner, step = f["self"], f["self"].nstep
                truth.extend([point("f", runner.energy, step),
                              point("trial_f", f["energy_trial"], step),
                              point("lowest_f", runner.storage.get_lowest().fun, step)])
            elif text.startswith("adaptive stepsize") and name == "_adjust_step_size":
                truth.extend([point("acceptance_rate", f["accept_rate"], None),
                              point("new_stepsize", f["self"].takestep.stepsize, None)])
            return stdout.write(text)

        def flush(self) -> None:
            stdout.flush()

    func = lambda x: np.cos(14.5 * x - 0.3) + (x + 0.2) * x  # noqa: E731
    x0 = [1.]
    minimizer_kwargs = {"method": "BFGS"}
    sys.stdout = Stdout()  # type: ignore[assignment]
    try:
        basinhopping(func, x0, minimizer_kwargs=minimizer_kwargs, niter=100, rng=1, disp=True)
    finally:
        sys.stdout = stdout
    return truth


CASES["scipy_basinhopping"] = scipy_basinhopping
OWN_ENVIRONMENT["scipy_basinhopping"] = R10A_ENVIRONMENT


def pymoo_ga() -> Truth:
    """pymoo's `minimize(get_problem("g1"), GA(pop_size=20), ("n_gen", 30), seed=1,
    verbose=True)`: a genetic algorithm on the constrained single-objective problem G1, whose
    table is the single-objective output's, `n_gen  |  n_eval  |     cv_min    |     cv_avg
    |     f_avg     |     f_min     |     f_gap`, and whose rows print `-` under the
    objective's columns until a solution satisfies the constraints (generation 16 here):
    `    12 |      240 |  2.352196E+01 |  3.224571E+01 |             - |             - |
    -`, then `    16 |      320 |  0.000000E+00 |  3.9915924734 | -1.295903E+00 | ...`.
    Truth: as pymoo_nsga2, the columns of the algorithm's own `Output` as `Display.update`
    prints them, `cv_min`, `cv_avg`, `f_avg`, `f_min` and `f_gap` at `n_gen`, a column whose
    value is `None` (printed `-`) no point."""
    from pymoo.algorithms.soo.nonconvex.ga import GA
    from pymoo.optimize import minimize
    from pymoo.problems import get_problem
    from pymoo.util.display.display import Display

    truth: Truth = []
    update = Display.update

    def record(display: Any, algorithm: Any, **kwargs: Any) -> None:
        update(display, algorithm, **kwargs)
        if display.verbose and display.output:
            values = {column.name: column.value for column in display.output.columns}
            truth.extend(point(name, values[name], values["n_gen"])
                         for name in ("cv_min", "cv_avg", "f_avg", "f_min", "f_gap")
                         if values[name] is not None)

    Display.update = record  # type: ignore[method-assign]
    minimize(get_problem("g1"), GA(pop_size=20), ("n_gen", 30), seed=1, verbose=True)
    return truth


CASES["pymoo_ga"] = pymoo_ga
OWN_ENVIRONMENT["pymoo_ga"] = dict(R10A_ENVIRONMENT, pymoo="pymoo")

# --- Poutyne, Avalanche, pytorch-widedeep, pytorch-accelerated ---------------------------------
# Each runs alone, in an environment of its own on the CPU wheel of torch:
#
#     python -m venv ~/poutyne-venv && ~/poutyne-venv/bin/pip install torch==2.13.0
#     ~/poutyne-venv/bin/pip install torch==2.13.0 poutyne
#     ~/poutyne-venv/bin/python tests/corpus/make_corpus.py poutyne_fit


def poutyne_fit() -> Truth:
    """Poutyne's `Model(network, "sgd", "cross_entropy", batch_metrics=["accuracy"],
    epoch_metrics=["f1"]).fit(x, y, validation_data=(xv, yv), epochs=5, batch_size=32)` of a
    small two-layer network on synthetic data (320 samples to train, 96 to validate, 4
    classes), its default progress (`ProgressionCallback`, coloured by colorama on a terminal):
    after each training batch `Epoch: 1/5 Step:  3/10  30.00% |██████   |ETA: 0.11s loss:
    1.491025 acc: 21.875000`, after each validation batch the same with `val_loss` and
    `val_acc`, then the epoch's line `Epoch: 1/5 Train steps: 10 Val steps: 3 0.18s loss:
    1.441527 acc: 23.125000 fscore_macro: 0.202846 val_loss: 1.444542 val_acc: 16.666667
    val_fscore_macro: 0.135165`, each drawn over the bar (a carriage return before it).
    Truth: a callback given to `fit` keeps the logs Poutyne hands it after each batch,
    `loss` and `acc` at the training's global step `(epoch - 1) * 10 + batch` (the printed
    `Step` made global),
    `val_loss` and `val_acc` at the validation's, `(epoch - 1) * 3 + batch`; the history
    `fit` returns (a dict an epoch) at its `epoch` (from 1, as printed and as Poutyne's own
    loggers step their epoch results). Left out: `time`, the ETAs and the batch sizes."""
    import torch
    from poutyne import Callback, Model

    torch.manual_seed(0)
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(0)

    def samples(n: int) -> tuple[Any, Any]:
        y = torch.arange(n) % 4
        x = torch.randn(n, 10, generator=generator) + 1.5 * torch.nn.functional.one_hot(y, 10)
        return x, y

    x, y = samples(320)
    xv, yv = samples(96)
    truth: Truth = []

    class Record(Callback):  # type: ignore[misc]
        def on_epoch_begin(self, epoch_number: int, logs: dict[str, Any]) -> None:
            self.epoch = epoch_number

        def on_train_batch_end(self, batch_number: int, logs: dict[str, Any]) -> None:
            step = (self.epoch - 1) * self.params["steps"] + batch_number
            truth.extend(point(key, logs[key], step) for key in ("loss", "acc"))

        def on_valid_batch_end(self, batch_number: int, logs: dict[str, Any]) -> None:
            step = (self.epoch - 1) * self.params["valid_steps"] + batch_number
            truth.extend(point(key, logs[key], step) for key in ("val_loss", "val_acc"))

    network = torch.nn.Sequential(torch.nn.Linear(10, 16), torch.nn.ReLU(),
                                  torch.nn.Linear(16, 4))
    model = Model(network, "sgd", "cross_entropy", batch_metrics=["accuracy"],
                  epoch_metrics=["f1"])
    history = model.fit(x, y, validation_data=(xv, yv), epochs=5, batch_size=32,
                        callbacks=[Record()])
    truth.extend(point(key, value, entry["epoch"]) for entry in history
                 for key, value in entry.items() if key not in ("epoch", "time"))
    return truth


CASES["poutyne_fit"] = poutyne_fit
OWN_ENVIRONMENT["poutyne_fit"] = {"poutyne": "poutyne", "torch": "torch (poutyne_fit case)"}


# pytorch-accelerated's environment: the CPU wheel of torch, torchmetrics (for the accuracy
# its documentation computes), pytorch-accelerated and the accelerate it needs:
#
#     python -m venv ~/accelerated-venv && ~/accelerated-venv/bin/pip install torch==2.13.0
#     ~/accelerated-venv/bin/pip install torch==2.13.0 torchmetrics pytorch-accelerated
#     ~/accelerated-venv/bin/python tests/corpus/make_corpus.py pytorch_accelerated


def pytorch_accelerated() -> Truth:
    """pytorch-accelerated's `Trainer` (its default callbacks: `PrintProgressCallback`,
    `ProgressBarCallback`, `LogMetricsCallback`) training a small two-layer network on
    synthetic data (320 samples to train, 96 to evaluate, 4 classes, batches of 32, SGD 0.1),
    3 epochs, with the accuracy callback of its documentation (a torchmetrics `Accuracy`
    updated at each evaluation step, `trainer.run_history.update_metric("accuracy",
    self.accuracy.compute().item())` at the end of the evaluation epoch; given before the
    default callbacks, so that the logger prints the epoch's value), then
    `trainer.evaluate(...)` of the evaluation set. It prints `Starting epoch 1`, a tqdm bar
    (no postfix), `train_loss_epoch: 1.4023358821868896` (the float as Python prints it),
    `Starting eval epoch`, a bar, `eval_loss_epoch: ...`, `accuracy: ...`; for `evaluate`,
    `Starting evaluation run`, a bar, `evaluation_loss: ...` and `accuracy: ...`. Truth:
    `trainer.run_history` after `train` (each metric's values, one an epoch, at the epoch
    named by the `Starting epoch N` line before, from 1, as `run_history.current_epoch`
    counts) and after `evaluate` (which starts a history of its own: no step, the lines name
    no epoch)."""
    import torch
    from pytorch_accelerated import Trainer
    from pytorch_accelerated.callbacks import TrainerCallback
    from pytorch_accelerated.trainer import DEFAULT_CALLBACKS
    from torch import nn
    from torch.utils.data import TensorDataset
    from torchmetrics import Accuracy

    torch.manual_seed(0)
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(0)

    def samples(n: int) -> TensorDataset:
        y = torch.arange(n) % 4
        x = torch.randn(n, 10, generator=generator) + 1.5 * torch.nn.functional.one_hot(y, 10)
        return TensorDataset(x, y)

    class AccuracyCallback(TrainerCallback):  # type: ignore[misc]
        def __init__(self) -> None:
            self.accuracy = Accuracy(task="multiclass", num_classes=4)

        def on_training_run_start(self, trainer: Any, **kwargs: Any) -> None:
            self.accuracy.to(trainer.device)

        def on_evaluation_run_start(self, trainer: Any, **kwargs: Any) -> None:
            self.accuracy.to(trainer.device)

        def on_eval_step_end(self, trainer: Any, batch: Any, batch_output: Any,
                             **kwargs: Any) -> None:
            preds = batch_output["model_outputs"].argmax(dim=-1)
            self.accuracy.update(preds, batch[1])

        def on_eval_epoch_end(self, trainer: Any, **kwargs: Any) -> None:
            trainer.run_history.update_metric("accuracy", self.accuracy.compute().item())
            self.accuracy.reset()

    model = nn.Sequential(nn.Linear(10, 16), nn.ReLU(), nn.Linear(16, 4))
    trainer = Trainer(model=model, loss_func=nn.CrossEntropyLoss(),
                      optimizer=torch.optim.SGD(model.parameters(), lr=0.1),
                      callbacks=(AccuracyCallback(), *DEFAULT_CALLBACKS))
    evaluation = samples(96)
    trainer.train(train_dataset=samples(320), eval_dataset=evaluation, num_epochs=3,
                  per_device_batch_size=32)
    history = trainer.run_history
    truth = [point(name, value, epoch) for name in sorted(history.get_metric_names())
             for epoch, value in enumerate(history.get_metric_values(name), 1)]
    trainer.evaluate(dataset=evaluation, per_device_batch_size=32)
    history = trainer.run_history
    return truth + [point(name, value, None) for name in sorted(history.get_metric_names())
                    for value in history.get_metric_values(name)]


CASES["pytorch_accelerated"] = pytorch_accelerated
OWN_ENVIRONMENT["pytorch_accelerated"] = {
    "pytorch-accelerated": "pytorch-accelerated",
    "accelerate": "accelerate (pytorch_accelerated case)",
    "torchmetrics": "torchmetrics (pytorch_accelerated case)",
    "torch": "torch (pytorch_accelerated case)"}



# Avalanche needs torchvision (PyPI's: see `torchvision_without_ops`) and imports wandb,
# tensorboard, matplotlib, pytorchcv, qpsolvers and GPUtil at start-up:
#
#     python -m venv ~/avalanche-venv && ~/avalanche-venv/bin/pip install torch==2.13.0
#     ~/avalanche-venv/bin/pip install torch==2.13.0 avalanche-lib
#     ~/avalanche-venv/bin/pip install --no-deps torchvision==0.28.0   # beside the CPU torch
#     ~/avalanche-venv/bin/python tests/corpus/make_corpus.py avalanche_naive


def avalanche_naive() -> Truth:
    """Avalanche's `Naive` strategy (fine-tuning, the baseline of its getting-started guide)
    on a class-incremental benchmark of synthetic data (`class_incremental_benchmark` of 320
    training and 96 test samples of 4 classes, 2 experiences of 2 classes, `seed=0`), a small
    two-layer network, SGD 0.1, batches of 32, 2 epochs an experience, training on each
    experience then evaluating on the whole test stream, as the guide's loop does; its
    `EvaluationPlugin(accuracy_metrics(minibatch=True, epoch=True, experience=True,
    stream=True), loss_metrics(...the same...), loggers=[InteractiveLogger()])`. The
    `InteractiveLogger` (avalanche `avalanche/logging/interactive_logging.py` over
    `text_logging.py`'s `TextLogger`) prints `-- >> Start of training phase << --`, a tqdm bar
    an epoch, `Epoch 0 ended.` (the epoch within the experience) and a tab-indented line a
    metric, `\tTop1_Acc_Epoch/train_phase/train_stream = 0.2687` (`.4f`), the minibatch
    metrics' last value among them; for the evaluation `-- Starting eval on experience 0
    from test stream --`, a bar, `> Eval on experience 0 from test stream ended.`,
    `\tTop1_Acc_Exp/eval_phase/test_stream/Exp000 = 0.7708`, and after `-- >> End of eval
    phase << --` the stream's. Truth: `eval_plugin.get_all_metrics()` (each metric's x, the
    strategy clock's training iterations, and values): the epoch metrics at the epoch
    printed, made global across the experiences' training phases (0 to 3, the epochs done
    before, as the clock counts them, a plugin noting the clock's iterations at each epoch's
    end); of the minibatch metrics, the values the logger prints, those of each epoch's last
    iteration, at that epoch; the evaluation metrics with no step (their lines name only the
    experience, in the key)."""
    import torch

    torchvision_without_ops()
    from avalanche.benchmarks.scenarios.supervised import class_incremental_benchmark
    from avalanche.core import SupervisedPlugin
    from avalanche.evaluation.metrics import accuracy_metrics, loss_metrics
    from avalanche.logging import InteractiveLogger
    from avalanche.training import Naive
    from avalanche.training.plugins import EvaluationPlugin

    torch.manual_seed(0)
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(0)

    def samples(n: int) -> Any:
        y = torch.arange(n) % 4
        x = torch.randn(n, 10, generator=generator) + 1.5 * torch.nn.functional.one_hot(y, 10)
        dataset = torch.utils.data.TensorDataset(x, y)
        dataset.targets = y.tolist()  # type: ignore[attr-defined]
        return dataset

    epoch_ends: list[int] = []  # the clock's training iterations at each epoch's end

    class EpochEnds(SupervisedPlugin):  # type: ignore[misc]
        def after_training_epoch(self, strategy: Any, **kwargs: Any) -> None:
            epoch_ends.append(strategy.clock.train_iterations)

    benchmark = class_incremental_benchmark({"train": samples(320), "test": samples(96)},
                                            num_experiences=2, seed=0)
    model = torch.nn.Sequential(torch.nn.Linear(10, 16), torch.nn.ReLU(),
                                torch.nn.Linear(16, 4))
    eval_plugin = EvaluationPlugin(
        accuracy_metrics(minibatch=True, epoch=True, experience=True, stream=True),
        loss_metrics(minibatch=True, epoch=True, experience=True, stream=True),
        loggers=[InteractiveLogger()])
    strategy = Naive(model=model, optimizer=torch.optim.SGD(model.parameters(), lr=0.1),
                     criterion=torch.nn.CrossEntropyLoss(), train_mb_size=32, train_epochs=2,
                     eval_mb_size=32, evaluator=eval_plugin, plugins=[EpochEnds()],
                     device="cpu")
    for experience in benchmark.train_stream:
        strategy.train(experience)
        strategy.eval(benchmark.test_stream)
    truth: Truth = []
    for name, (xs, values) in eval_plugin.get_all_metrics().items():
        if "/train_phase/" not in name:
            truth += [point(name, value, None) for value in values]
        elif "_MB/" in name:  # x: the iteration, counted from 0
            truth += [point(name, value, epoch_ends.index(x + 1))
                      for x, value in zip(xs, values) if x + 1 in epoch_ends]
        else:  # x: the iterations done at the epoch's end
            truth += [point(name, value, epoch_ends.index(x)) for x, value in zip(xs, values)]
    return truth


CASES["avalanche_naive"] = avalanche_naive
OWN_ENVIRONMENT["avalanche_naive"] = {
    "avalanche-lib": "avalanche-lib", "torchvision": "torchvision (avalanche_naive case)",
    "torch": "torch (avalanche_naive case)"}



# pytorch-widedeep imports spaCy, gensim, OpenCV and torchvision (PyPI's: see
# `torchvision_without_ops`) at start-up. It asks for numpy below 2; the case ran on numpy
# 2.4 and pandas 3.1 (VERSIONS.md), so it is installed without its dependencies:
#
#     python -m venv ~/widedeep-venv && ~/widedeep-venv/bin/pip install torch==2.13.0
#     ~/widedeep-venv/bin/pip install torch==2.13.0 numpy==2.4.6 pandas==3.1.1 scipy \
#         scikit-learn torchmetrics tqdm spacy gensim opencv-contrib-python einops wrapt pillow
#     ~/widedeep-venv/bin/pip install --no-deps pytorch-widedeep torchvision==0.28.0
#     ~/widedeep-venv/bin/python tests/corpus/make_corpus.py widedeep_tab


def widedeep_tab() -> Truth:
    """pytorch-widedeep's `Trainer(WideDeep(deeptabular=TabMlp(...)), objective="binary",
    metrics=[Accuracy]).fit(X_tab=..., target=..., n_epochs=3, batch_size=32,
    val_split=0.2)`, a tabular-only model on a synthetic table (400 rows, two categorical
    columns embedded, two continuous; 10 training and 3 validation batches an epoch) prepared
    by its `TabPreprocessor`. Its tqdm bars (`pytorch_widedeep/training/trainer.py`,
    `_train_epoch` and `_eval_epoch`, through `_trainer_utils.py`'s `print_loss_and_metric`:
    `set_postfix(metrics={k: np.round(v, 4)}, loss=loss)`) redraw after every batch, `epoch 1:
    10%|█         | 1/10 [00:00<00:02,  3.92it/s, loss=0.823, metrics={'acc': 0.5}]`, then
    `valid:  33%|...| 1/3 [..., loss=0.679, metrics={'acc': 0.4844}]`: the running mean of the
    epoch's loss and its accuracy so far (`.3g` for the loss, tqdm's format). The postfix is
    set before tqdm counts the batch and tqdm redraws its counter only every 0.1 s, so the
    counter shown lags (`1/10` for the values of batches 2 to 7 above). Truth: the values
    the trainer hands `print_loss_and_metric` (a wrapper in the trainer's module records them
    and the caller's batch index), keyed as printed, the dict flattened with `/`: the
    training bar's `loss` and `metrics/acc` at the global step `epoch * 10 + batch_idx + 1`
    (the batches trained); the validation bar's under its label, `valid_loss` and
    `valid_metrics/acc`, at the validation's, `epoch * 3 + i + 1`. Each epoch's last values
    are checked against `trainer.history` (`train_loss`, `train_acc`, `val_loss`,
    `val_acc`), which `fit` prints nowhere else."""
    import numpy as np
    import pandas as pd
    import torch

    torchvision_without_ops()
    from pytorch_widedeep import Trainer
    from pytorch_widedeep.metrics import Accuracy
    from pytorch_widedeep.models import TabMlp, WideDeep
    from pytorch_widedeep.preprocessing import TabPreprocessor
    from pytorch_widedeep.training import trainer as trainer_module

    torch.manual_seed(0)
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    n = 400
    table = pd.DataFrame({"city": rng.choice(["a", "b", "c", "d"], n),
                          "plan": rng.choice(["x", "y"], n),
                          "age": rng.normal(40, 10, n), "income": rng.normal(50, 15, n)})
    target = ((table.age - 40) / 10 + (table.city == "a") + rng.normal(0, 0.7, n)
              > 0.3).astype(int).values
    preprocessor = TabPreprocessor(cat_embed_cols=["city", "plan"],
                                   continuous_cols=["age", "income"])
    x_tab = preprocessor.fit_transform(table)
    mlp = TabMlp(column_idx=preprocessor.column_idx,
                 cat_embed_input=preprocessor.cat_embed_input,
                 continuous_cols=["age", "income"], mlp_hidden_dims=[16, 8])
    truth: Truth = []
    shown = trainer_module.print_loss_and_metric

    def print_loss_and_metric(pb: Any, loss: float, score: Any = None) -> None:
        caller = sys._getframe(1)
        local = caller.f_locals
        if caller.f_code.co_name == "_train_epoch":
            prefix, step = "", local["epoch"] * local["train_steps"] + local["batch_idx"] + 1
        else:  # `_eval_epoch`, called by `fit`, whose frame holds the epoch
            epoch = caller.f_back.f_locals["epoch"]  # type: ignore[union-attr]
            prefix, step = "valid_", epoch * local["eval_steps"] + local["i"] + 1
        truth.append(point(f"{prefix}loss", loss, step))
        truth.extend(point(f"{prefix}metrics/{k}", float(v), step) for k, v in score.items())
        shown(pb, loss, score)

    trainer_module.print_loss_and_metric = print_loss_and_metric
    trainer = Trainer(WideDeep(deeptabular=mlp), objective="binary", metrics=[Accuracy], seed=0)
    trainer.fit(X_tab=x_tab, target=target, n_epochs=3, batch_size=32, val_split=0.2)
    history = trainer.history
    for key, name, steps in (("loss", "train_loss", 10), ("metrics/acc", "train_acc", 10),
                             ("valid_loss", "val_loss", 3), ("valid_metrics/acc", "val_acc", 3)):
        last = [p["value"] for p in truth if p["key"] == key and p["step"] % steps == 0]
        if not np.allclose(last, history[name]):
            raise SystemExit(f"widedeep_tab: {key} {last} is not the history's {name}")
    return truth


CASES["widedeep_tab"] = widedeep_tab
OWN_ENVIRONMENT["widedeep_tab"] = {
    "pytorch-widedeep": "pytorch-widedeep", "torchvision": "torchvision (widedeep_tab case)",
    "torch": "torch (widedeep_tab case)", "pandas": "pandas (widedeep_tab case)",
    "numpy": "numpy (widedeep_tab case)"}



# Catalyst 22.04 (its last release) asks accelerate for `DistributedType.TPU`, which
# accelerate renamed in 0.28:
#
#     python -m venv ~/catalyst-venv && ~/catalyst-venv/bin/pip install torch==2.13.0
#     ~/catalyst-venv/bin/pip install torch==2.13.0 catalyst==22.4 accelerate==0.27.2
#     ~/catalyst-venv/bin/python tests/corpus/make_corpus.py catalyst_supervised


def catalyst_supervised() -> Truth:
    """Catalyst's `SupervisedRunner().train(model=..., criterion=..., optimizer=...,
    loaders={"train": ..., "valid": ...}, num_epochs=3, callbacks=[AccuracyCallback(
    input_key="logits", target_key="targets", topk=(1, 2))], logdir="logs",
    valid_loader="valid", valid_metric="loss", minimize_valid_metric=True, verbose=True)`
    of a small two-layer network on synthetic data (320 training and 96 validation samples of
    4 classes, batches of 32, SGD 0.1), as its README's example. `verbose=True` adds its
    `TqdmCallback` (`catalyst/callbacks/misc.py`): a bar a loader an epoch, `1/3 * Epoch
    (train):  10%|█         | 1/10 [00:00<00:00, 74.89it/s, accuracy01=0.125,
    accuracy02=0.312, loss=1.446, lr=0.100, momentum=0.000e+00]`, its postfix set after
    each batch (`{:3.3f}`, or `{:1.3e}` at 1e-3 and below) before the bar counts it; the
    `ConsoleLogger` (`catalyst/loggers/console.py`) prints each loader's metrics, `train
    (1/3) accuracy01: 0.24999999999999997 | accuracy01/std: 0.0999... | ... | loss:
    1.404... | loss/mean: ... | loss/std: ... | lr: 0.1 | momentum: 0.0` (the floats as
    Python prints them), then `* Epoch (1/3) `, and at the end `Top models:` with the
    checkpoint's path and its validation loss. Truth: a callback reading the runner's own
    `batch_metrics` after each batch and `epoch_metrics` after each epoch, keyed under the
    loader's name as printed before them (`train_accuracy01`, `valid_loss`,
    `train_loss/std`): the batches' at the loader's position made global, `(epoch - 1) *
    len(loader) + loader_batch_step` (10 or 3 a loader); the loaders' at the epoch (from 1,
    as printed in `(1/3)`). The runner's `epoch_metrics["_epoch_"]` is empty (the `* Epoch`
    line prints nothing); the `Top models:` line's value has no name of its own, left out."""
    import shutil

    import torch
    from catalyst import dl
    from torch.utils.data import DataLoader, TensorDataset

    torch.manual_seed(0)
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(0)

    def samples(n: int) -> TensorDataset:
        y = torch.arange(n) % 4
        x = torch.randn(n, 10, generator=generator) + 1.5 * torch.nn.functional.one_hot(y, 10)
        return TensorDataset(x, y)

    loaders = {"train": DataLoader(samples(320), batch_size=32, shuffle=True,
                                   generator=generator),
               "valid": DataLoader(samples(96), batch_size=32)}
    truth: Truth = []

    class Record(dl.Callback):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(order=dl.CallbackOrder.External)

        def on_batch_end(self, runner: Any) -> None:
            step = ((runner.epoch_step - 1) * len(runner.loader) + runner.loader_batch_step)
            truth.extend(point(f"{runner.loader_key}_{key}", float(value), step)
                         for key, value in runner.batch_metrics.items())

        def on_epoch_end(self, runner: Any) -> None:
            if runner.epoch_metrics["_epoch_"]:
                raise SystemExit("catalyst_supervised: the epoch line prints metrics now")
            truth.extend(point(f"{loader}_{key}", value, runner.epoch_step)
                         for loader in loaders
                         for key, value in sorted(runner.epoch_metrics[loader].items()))

    model = torch.nn.Sequential(torch.nn.Linear(10, 16), torch.nn.ReLU(),
                                torch.nn.Linear(16, 4))
    runner = dl.SupervisedRunner(input_key="features", output_key="logits",
                                 target_key="targets", loss_key="loss")
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        runner.train(model=model, criterion=torch.nn.CrossEntropyLoss(),
                     optimizer=torch.optim.SGD(model.parameters(), lr=0.1), loaders=loaders,
                     num_epochs=3, logdir="logs", valid_loader="valid", valid_metric="loss",
                     minimize_valid_metric=True, verbose=True,
                     callbacks=[dl.AccuracyCallback(input_key="logits", target_key="targets",
                                                    topk=(1, 2)), Record()])
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return truth


CASES["catalyst_supervised"] = catalyst_supervised
OWN_ENVIRONMENT["catalyst_supervised"] = {
    "catalyst": "catalyst", "accelerate": "accelerate (catalyst_supervised case)",
    "torch": "torch (catalyst_supervised case)"}



# pytorch-tabular (on pytorch-lightning, with rich) pins pandas below 3:
#
#     python -m venv ~/tabular-venv && ~/tabular-venv/bin/pip install torch==2.13.0
#     ~/tabular-venv/bin/pip install torch==2.13.0 pytorch-tabular rich requests  # it imports requests
#     ~/tabular-venv/bin/python tests/corpus/make_corpus.py pytorch_tabular


def pytorch_tabular() -> Truth:
    """pytorch-tabular's `TabularModel` (a `CategoryEmbeddingModelConfig(task="classification",
    layers="16-8", metrics=["accuracy"])`, `TrainerConfig(max_epochs=3, batch_size=32,
    accelerator="cpu", checkpoints=None, early_stopping=None, load_best=False)`) fitted on a
    synthetic table (320 training rows, 10 batches an epoch, 96 validation rows; two
    categorical and two continuous columns), then `evaluate` on 96 test rows. It logs its
    steps (`2026-12-02 11:29:27,053 - {pytorch_tabular.tabular_model:547} - INFO - Preparing
    the DataLoaders`), then Lightning with rich installed draws its rich model summary and
    `RichProgressBar` (`Epoch 2/2  ━━━━ 10/10 0:00:00 • 0:00:00 41.37it/s v_num: 0.000
    train_loss: 0.533 valid_loss: 0.860 valid_accuracy: 0.510 train_accuracy: 0.603`, drawn on
    a timer: through a pipe only its last frame, at the end; on the terminal its metrics wrap
    under the bar) and `evaluate` Lightning's rich table of test metrics (`│ test_accuracy │
    0.5 │`). Truth: what the bar shows, Lightning's `trainer.progress_bar_metrics`, read by a
    callback when each value is logged, at the step Lightning's loggers give it (the batches
    that stepped before, as lightning_rich's CSVLogger rows: `global_step - 1`):
    `train_loss` after each batch, `valid_loss` and `valid_accuracy` after each validation
    (not the sanity check's), `train_accuracy` (logged at the epoch's end) at the next
    epoch's start and at the end; the dict `evaluate` returns at the trainer's `global_step`
    (30), as in lightning_test. Left out: `v_num` (the logger's version), and the sanity
    check's validation values, which the bar shows on the terminal until the first batch
    (Lightning logs none of them)."""
    import shutil

    import numpy as np
    import pandas as pd
    import pytorch_lightning as pl
    import torch
    from pytorch_tabular import TabularModel
    from pytorch_tabular.config import DataConfig, OptimizerConfig, TrainerConfig
    from pytorch_tabular.models import CategoryEmbeddingModelConfig

    torch.set_num_threads(1)
    rng = np.random.default_rng(0)

    def table(n: int) -> Any:
        frame = pd.DataFrame({"city": rng.choice(["a", "b", "c", "d"], n),
                              "plan": rng.choice(["x", "y"], n),
                              "age": rng.normal(40, 10, n), "income": rng.normal(50, 15, n)})
        frame["target"] = ((frame.age - 40) / 10 + (frame.city == "a") + rng.normal(0, 0.7, n)
                           > 0.3).astype(int)
        return frame

    train, valid, test = table(320), table(96), table(96)
    truth: Truth = []

    class Record(pl.Callback):  # type: ignore[misc]
        def shown(self, trainer: Any, keys: tuple[str, ...]) -> None:
            metrics = trainer.progress_bar_metrics
            truth.extend(point(key, metrics[key], trainer.global_step - 1)
                         for key in keys if key in metrics)

        def on_train_batch_end(self, trainer: Any, *args: Any) -> None:
            self.shown(trainer, ("train_loss",))

        def on_validation_end(self, trainer: Any, pl_module: Any) -> None:
            if not trainer.sanity_checking:
                self.shown(trainer, ("valid_loss", "valid_accuracy"))

        def on_train_epoch_start(self, trainer: Any, pl_module: Any) -> None:
            if trainer.current_epoch > 0:
                self.shown(trainer, ("train_accuracy",))

        def on_train_end(self, trainer: Any, pl_module: Any) -> None:
            self.shown(trainer, ("train_accuracy",))

    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)  # its experiment counter (`.pt_tmp/`) and saved models go there
    try:
        model = TabularModel(
            data_config=DataConfig(target=["target"], continuous_cols=["age", "income"],
                                   categorical_cols=["city", "plan"]),
            model_config=CategoryEmbeddingModelConfig(task="classification", layers="16-8",
                                                      metrics=["accuracy"], seed=0),
            optimizer_config=OptimizerConfig(),
            trainer_config=TrainerConfig(max_epochs=3, batch_size=32, accelerator="cpu",
                                         checkpoints=None, early_stopping=None, load_best=False,
                                         seed=0))
        model.fit(train=train, validation=valid, callbacks=[Record()])
        if sum(p["key"] == "train_accuracy" for p in truth) != 3:
            raise SystemExit("pytorch_tabular: not one train_accuracy an epoch")
        (results,) = model.evaluate(test)
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return truth + [point(key, value, model.trainer.global_step)
                    for key, value in results.items()]


CASES["pytorch_tabular"] = pytorch_tabular
OWN_ENVIRONMENT["pytorch_tabular"] = {
    "pytorch-tabular": "pytorch-tabular", "pytorch-lightning": "pytorch-lightning "
    "(pytorch_tabular case)", "rich": "rich (pytorch_tabular case)",
    "pandas": "pandas (pytorch_tabular case)", "torch": "torch (pytorch_tabular case)"}


# --- darts, sentence-transformers, SetFit, GluonTS, neuralforecast, pytorch-forecasting -------
# Each runs alone. The forecasting libraries (darts, GluonTS, neuralforecast,
# pytorch-forecasting) share one environment, which their own requirements leave without rich,
# so Lightning draws its tqdm bar:
#
#     python -m venv ~/forecast-venv && ~/forecast-venv/bin/pip install torch==2.13.0
#     ~/forecast-venv/bin/pip install torch==2.13.0 darts 'gluonts[torch]' neuralforecast \
#         pytorch-forecasting
#     for case in darts_nbeats gluonts_deepar neuralforecast_nhits pytorch_forecasting_tft; do
#         ~/forecast-venv/bin/python tests/corpus/make_corpus.py $case
#     done
#
# sentence-transformers and SetFit share another (transformers brings rich in):
#
#     python -m venv ~/st-venv && ~/st-venv/bin/pip install torch==2.13.0
#     ~/st-venv/bin/pip install torch==2.13.0 sentence-transformers setfit
#     ~/st-venv/bin/python tests/corpus/make_corpus.py sentence_transformers_sts
#     ~/st-venv/bin/python tests/corpus/make_corpus.py setfit_classifier

FORECAST_ENVIRONMENT = {name: f"{name} (darts, GluonTS, neuralforecast, pytorch-forecasting cases)"
                        for name in ("torch", "numpy", "pandas", "lightning", "pytorch-lightning",
                                     "tqdm", "torchmetrics")}


def _lightning_recorder(base: Any, truth: Truth, train_keys: list[str],
                        val_keys: list[str], epoch_keys: tuple[str, ...] = ()) -> Any:
    """A Lightning callback (of the `Callback` class given: `pytorch_lightning`'s or
    `lightning`'s, the one the library's trainer takes) that reads the values the module
    logged from `trainer.callback_metrics`: `train_keys` after each training batch,
    `val_keys` after each validation (not the sanity check), `epoch_keys` at the end of each
    training epoch, each at the step Lightning's
    loggers write it at, `global_step - 1` (the lightning case's CSVLogger: 0 after the
    first optimizer step, and a validation at the step of the batch before it)."""

    class Recorder(base):  # type: ignore[misc, valid-type]
        def on_train_batch_end(self, trainer: Any, module: Any, outputs: Any, batch: Any,
                               batch_idx: int) -> None:
            for key in train_keys:
                if key in trainer.callback_metrics:
                    truth.append(point(key, float(trainer.callback_metrics[key]),
                                       trainer.global_step - 1))

        def on_validation_end(self, trainer: Any, module: Any) -> None:
            if trainer.sanity_checking:
                return
            for key in val_keys:
                if key in trainer.callback_metrics:
                    truth.append(point(key, float(trainer.callback_metrics[key]),
                                       trainer.global_step - 1))

        def on_train_epoch_end(self, trainer: Any, module: Any) -> None:
            for key in epoch_keys:
                truth.append(point(key, float(trainer.callback_metrics[key]),
                                   trainer.global_step - 1))

    return Recorder()


def darts_nbeats() -> Truth:
    """darts' `NBEATSModel` (2 stacks of 1 block, layers of 16) fitted for 3 epochs on a
    synthetic daily series (a sine of period 24 plus noise, 160 points to train in 10 batches
    of 16 windows, the last 40 to validate), `model.fit(train, val_series=val)` with the
    library's defaults: no logger, Lightning's model summary and its default progress bar
    (tqdm's: the environment has no rich), which shows what darts' `PLForecastingModule`
    logs with `prog_bar=True`, `train_loss` at each step and `val_loss` after each epoch's
    validation (`Epoch 1:  30%|███       | 3/10 [..., train_loss=0.534, val_loss=0.513]`).
    Truth: a callback given through `pl_trainer_kwargs` reads `trainer.callback_metrics`,
    `train_loss` after each batch (checked against the loss `training_step` returned) and
    `val_loss` after each validation, at `global_step - 1`."""
    import shutil

    import numpy as np
    import pandas as pd
    import pytorch_lightning as pl
    import torch
    from darts import TimeSeries
    from darts.models import NBEATSModel

    torch.set_num_threads(1)
    truth: Truth = []
    recorder = _lightning_recorder(pl.Callback, truth, ["train_loss"], ["val_loss"])
    returned: list[float] = []

    class Returned(pl.Callback):  # type: ignore[misc]
        def on_train_batch_end(self, trainer: Any, module: Any, outputs: Any, batch: Any,
                               batch_idx: int) -> None:
            returned.append(float(outputs["loss"]))

    rng = np.random.default_rng(0)
    t = np.arange(200)
    values = (np.sin(2 * np.pi * t / 24) + 0.1 * rng.normal(size=200)).astype(np.float32)
    series = TimeSeries.from_times_and_values(pd.date_range("2026-01-01", periods=200,
                                                            freq="D"), values)
    train, val = series[:160], series[160 - 12:]
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        model = NBEATSModel(input_chunk_length=12, output_chunk_length=4, n_epochs=3,
                            num_stacks=2, num_blocks=1, num_layers=2, layer_widths=16,
                            batch_size=16, random_state=0,
                            pl_trainer_kwargs={"accelerator": "cpu",
                                               "callbacks": [recorder, Returned()]})
        model.fit(train, val_series=val)
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    trained = [p["value"] for p in truth if p["key"] == "train_loss"]
    if trained != returned or [p["step"] for p in truth if p["key"] == "train_loss"] != list(
            range(30)):
        raise SystemExit("darts_nbeats: the logged train_loss is not a step's loss")
    return truth


CASES["darts_nbeats"] = darts_nbeats
OWN_ENVIRONMENT["darts_nbeats"] = dict(FORECAST_ENVIRONMENT, darts="darts")


def gluonts_deepar() -> Truth:
    """GluonTS' torch `DeepAREstimator` (one LSTM layer of 8, context 24, prediction length 8)
    trained with `estimator.train(train, validation_data=val)` on four synthetic daily series
    (phase-shifted sines of period 24 plus noise, 200 points to train, 240 to validate),
    `num_batches_per_epoch=10`, `trainer_kwargs` `max_epochs=3` (and `default_root_dir="."`,
    run from a temporary folder, so that the checkpoint paths print relative): Lightning's
    default logger (TensorBoard's, `v_num=0`), GluonTS' own `ModelCheckpoint` on `val_loss`
    (verbose), and the default bar, tqdm's (the environment has no rich), of unknown length
    (`Epoch 0: |          | 10/? [00:00<00:00, 26.71it/s, v_num=0, val_loss=1.080,
    train_loss=1.140]`): GluonTS' `DeepARLightningModule` logs `train_loss` and `val_loss` on
    the epoch only (`on_step=False`), so the bar shows them after each epoch. Truth: a
    callback reads `trainer.callback_metrics`, `val_loss` after each validation and
    `train_loss` at the end of each epoch (checked: the mean of the losses `training_step`
    returned), at `global_step - 1`."""
    import shutil

    import lightning.pytorch as pl
    import numpy as np
    import pandas as pd
    import torch
    from gluonts.dataset.common import ListDataset
    from gluonts.torch import DeepAREstimator

    torch.set_num_threads(1)
    pl.seed_everything(0)
    truth: Truth = []
    returned: list[float] = []

    class Recorder(pl.Callback):  # type: ignore[misc]
        def on_train_batch_end(self, trainer: Any, module: Any, outputs: Any, batch: Any,
                               batch_idx: int) -> None:
            returned.append(float(outputs["loss"]))

        def on_train_epoch_end(self, trainer: Any, module: Any) -> None:
            value = float(trainer.callback_metrics["train_loss"])
            mean = sum(returned[-10:]) / 10
            if abs(value - mean) > 1e-5 * max(1.0, abs(mean)):
                raise SystemExit(f"gluonts_deepar: train_loss {value} is not the mean {mean}")
            truth.append(point("train_loss", value, trainer.global_step - 1))

    rng = np.random.default_rng(0)
    t = np.arange(240)
    series = [np.sin(2 * np.pi * t / 24 + k) + 0.1 * rng.normal(size=240) for k in range(4)]
    start = pd.Period("2026-01-01", freq="D")
    train = ListDataset([{"start": start, "target": s[:200]} for s in series], freq="D")
    val = ListDataset([{"start": start, "target": s} for s in series], freq="D")
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        estimator = DeepAREstimator(
            freq="D", prediction_length=8, context_length=24, num_layers=1, hidden_size=8,
            batch_size=16, num_batches_per_epoch=10,
            trainer_kwargs={"max_epochs": 3, "accelerator": "cpu", "default_root_dir": ".",
                            "callbacks": [_lightning_recorder(pl.Callback, truth, [],
                                                              ["val_loss"]), Recorder()]})
        estimator.train(train, validation_data=val)
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return truth


CASES["gluonts_deepar"] = gluonts_deepar
OWN_ENVIRONMENT["gluonts_deepar"] = dict(FORECAST_ENVIRONMENT, gluonts="gluonts")


def neuralforecast_nhits() -> Truth:
    """neuralforecast's `NHITS(h=8, input_size=24, max_steps=50, val_check_steps=10,
    batch_size=2, windows_batch_size=32, mlp_units=[[16, 16]] * 3)` fitted by
    `NeuralForecast(models=[model], freq="D").fit(df, val_size=24)` on four synthetic daily
    series (phase-shifted sines of period 24 plus noise, 200 days each): an epoch is one pass
    over the series, 2 batches of 2, so 25 epochs, a validation every 10 steps (each fifth
    epoch's end). Run from a temporary folder (Lightning's default logger writes
    `lightning_logs/` there). The library's defaults otherwise: Lightning's default logger
    (`v_num=0`), model summary and bar, tqdm's (the environment has no rich). neuralforecast
    logs `train_loss` with `on_epoch=True` (Lightning splits it into `train_loss_step` and
    `train_loss_epoch`) and `valid_loss`, all on the bar: `Epoch 4: 100%|██████████| 2/2
    [..., v_num=0, train_loss_step=0.632, train_loss_epoch=0.673, valid_loss=0.692]`.
    Truth: a callback in the model's trainer arguments reads `trainer.callback_metrics`,
    `train_loss_step` after each batch (checked against the loss `training_step` returned),
    `valid_loss` after each validation, `train_loss_epoch` at the end of each epoch (checked:
    the mean of its two steps' losses), at `global_step - 1`."""
    import shutil

    import numpy as np
    import pandas as pd
    import pytorch_lightning as pl
    import torch
    from neuralforecast import NeuralForecast
    from neuralforecast.models import NHITS

    torch.set_num_threads(1)
    truth: Truth = []
    returned: list[float] = []

    class Returned(pl.Callback):  # type: ignore[misc]
        def on_train_batch_end(self, trainer: Any, module: Any, outputs: Any, batch: Any,
                               batch_idx: int) -> None:
            returned.append(float(outputs["loss"] if isinstance(outputs, dict) else outputs))

    rng = np.random.default_rng(0)
    t = np.arange(200)
    days = pd.date_range("2026-01-01", periods=200, freq="D")
    df = pd.concat([pd.DataFrame({"unique_id": f"s{k}", "ds": days,
                                  "y": np.sin(2 * np.pi * t / 24 + k) + 0.1 * rng.normal(size=200)})
                    for k in range(4)])
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        model = NHITS(h=8, input_size=24, max_steps=50, val_check_steps=10, batch_size=2,
                      windows_batch_size=32, mlp_units=[[16, 16]] * 3, random_seed=0,
                      accelerator="cpu",
                      callbacks=[_lightning_recorder(pl.Callback, truth, ["train_loss_step"],
                                                     ["valid_loss"], ("train_loss_epoch",)),
                                 Returned()])
        NeuralForecast(models=[model], freq="D").fit(df, val_size=24)
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    steps = [p for p in truth if p["key"] == "train_loss_step"]
    epochs = [p["value"] for p in truth if p["key"] == "train_loss_epoch"]
    if [p["value"] for p in steps] != returned or [p["step"] for p in steps] != list(range(50)):
        raise SystemExit("neuralforecast_nhits: train_loss_step is not each step's loss")
    if len(epochs) != 25 or any(abs(e - (returned[2 * i] + returned[2 * i + 1]) / 2) > 1e-5
                                for i, e in enumerate(epochs)):
        raise SystemExit("neuralforecast_nhits: train_loss_epoch is not its steps' mean")
    return truth


CASES["neuralforecast_nhits"] = neuralforecast_nhits
OWN_ENVIRONMENT["neuralforecast_nhits"] = dict(FORECAST_ENVIRONMENT,
                                               neuralforecast="neuralforecast")


ST_WORDS = ["red", "blue", "green", "cat", "dog", "bird", "runs", "sleeps", "eats", "small",
            "big", "old", "young", "house", "tree", "river", "fast", "slow", "happy", "sad"]


def _tiny_sentence_model(folder: str) -> Any:
    """A `SentenceTransformer` of a tiny BERT built from a config (one layer, hidden size 32)
    with a WordPiece tokenizer whose vocabulary is BERT's special tokens and the synthetic
    words (written here: a trained vocabulary's order changes from run to run), saved to
    `folder` and loaded as sentence-transformers loads any Hugging Face model
    (`Transformer(folder)`), mean pooling after it: nothing downloaded."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    os.makedirs(folder, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + sorted(ST_WORDS)
    with open(os.path.join(folder, "vocab.txt"), "w") as f:
        f.write("\n".join(vocab) + "\n")
    BertTokenizerFast(os.path.join(folder, "vocab.txt"), model_max_length=32).save_pretrained(
        folder)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=32)
    BertModel(config).save_pretrained(folder)
    transformer = Transformer(folder)
    return SentenceTransformer(modules=[transformer,
                                        Pooling(transformer.get_embedding_dimension(), "mean")])


def _sentence_pairs(n: int, seed: int) -> dict[str, list[Any]]:
    """`n` pairs of made-up sentences (three to five of the words) scored by the share of
    words they have in common: a similarity the model can learn."""
    import random

    rng = random.Random(seed)
    first, second, score = [], [], []
    for _ in range(n):
        a = rng.sample(ST_WORDS, rng.randint(3, 5))
        b = [w if rng.random() < 0.5 else rng.choice(ST_WORDS) for w in a]
        first.append(" ".join(a))
        second.append(" ".join(b))
        score.append(len(set(a) & set(b)) / len(set(a) | set(b)))
    return {"sentence1": first, "sentence2": second, "score": score}


def sentence_transformers_sts() -> Truth:
    """sentence-transformers' own trainer, `SentenceTransformerTrainer`, fine-tuning the tiny
    model of `_tiny_sentence_model` with `CosineSimilarityLoss` on 96 made-up sentence pairs
    scored by their shared words, 2 epochs of batches of 16 (12 steps), a log every 2 steps
    and an evaluation every 4 with an `EmbeddingSimilarityEvaluator(name="sts-dev")` on 32
    other pairs (and the loss on them), CPU. It prints as the transformers Trainer does
    (`{'loss': '0.2531', 'grad_norm': '1.604', 'learning_rate': '0.0004583', 'epoch':
    '0.3333'}`, the values `.4g` strings, between the redraws of its tqdm bar), the
    evaluations with the evaluator's keys (`eval_sts-dev_pearson_cosine`, `eval_sts-dev_spearman_cosine`).
    Truth: `trainer.state.log_history`, each entry at its `step`, as the hf_trainer case's;
    `total_flos` is not printed and left out; the runtimes and rates are timings."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import shutil

    import torch
    from datasets import Dataset
    from sentence_transformers import (
        SentenceTransformerTrainer,
        SentenceTransformerTrainingArguments,
    )
    from sentence_transformers.sentence_transformer.evaluation import (
        EmbeddingSimilarityEvaluator,
    )
    from sentence_transformers.sentence_transformer.losses import CosineSimilarityLoss
    from transformers import set_seed

    set_seed(0)
    torch.set_num_threads(1)
    work = tempfile.mkdtemp()
    try:
        model = _tiny_sentence_model(os.path.join(work, "tiny-bert"))
        train = Dataset.from_dict(_sentence_pairs(96, 0))
        dev = _sentence_pairs(32, 1)
        evaluator = EmbeddingSimilarityEvaluator(dev["sentence1"], dev["sentence2"],
                                                 dev["score"], name="sts-dev")
        args = SentenceTransformerTrainingArguments(
            output_dir=os.path.join(work, "out"), num_train_epochs=2,
            per_device_train_batch_size=16, per_device_eval_batch_size=16, learning_rate=5e-4,
            logging_steps=2, eval_strategy="steps", eval_steps=4, save_strategy="no",
            report_to=[], use_cpu=True, seed=0, dataloader_num_workers=0)
        trainer = SentenceTransformerTrainer(model=model, args=args, train_dataset=train,
                                             eval_dataset=Dataset.from_dict(dev),
                                             loss=CosineSimilarityLoss(model),
                                             evaluator=evaluator)
        trainer.train()
    finally:
        shutil.rmtree(work)
    return [point(key, value, entry["step"])
            for entry in trainer.state.log_history for key, value in entry.items()
            if key not in ("step", "total_flos") and isinstance(value, (int, float))]


CASES["sentence_transformers_sts"] = sentence_transformers_sts
ST_ENVIRONMENT = {name: f"{name} (sentence-transformers, SetFit cases)"
                  for name in ("torch", "transformers", "tokenizers", "datasets", "tqdm", "rich",
                               "accelerate")}
OWN_ENVIRONMENT["sentence_transformers_sts"] = dict(
    ST_ENVIRONMENT, **{"sentence-transformers": "sentence-transformers"})


def setfit_classifier() -> Truth:
    """SetFit's own `Trainer` (`setfit.Trainer`, `TrainingArguments(batch_size=16,
    num_epochs=1, max_steps=24, logging_steps=4, eval_strategy="steps", eval_steps=8)`) on
    a `SetFitModel` whose body is the tiny sentence model of `_tiny_sentence_model` (nothing
    downloaded) and whose head is scikit-learn's logistic regression, 64 made-up sentences of
    two classes (whether they name an animal), 32 more to evaluate, CPU: the contrastive
    phase fine-tunes the body with a sentence-transformers trainer on generated pairs, then
    the head is fitted. It prints as the transformers Trainer does, with SetFit's names
    (`{'embedding_loss': '0.3973', 'grad_norm': '3.009', 'learning_rate': '2e-05', 'epoch':
    '0.1667'}`, `{'eval_embedding_loss': '0.402', 'eval_embedding_runtime': ...}`). Truth: the log history of the
    trainer SetFit drives, `trainer.st_trainer.state.log_history`, each entry at its `step`;
    `total_flos` is not printed; the runtimes and rates are timings."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import random
    import shutil

    import torch
    from datasets import Dataset
    from setfit import SetFitModel, Trainer, TrainingArguments
    from sklearn.linear_model import LogisticRegression
    from transformers import set_seed

    set_seed(0)
    torch.set_num_threads(1)
    animals = {"cat", "dog", "bird"}
    rng = random.Random(0)

    def sentences(n: int) -> dict[str, list[Any]]:
        text, label = [], []
        for i in range(n):
            words = rng.sample([w for w in ST_WORDS if w not in animals], 3)
            if i % 2:
                words.insert(rng.randint(0, 3), rng.choice(sorted(animals)))
            text.append(" ".join(words))
            label.append(i % 2)
        return {"text": text, "label": label}

    work = tempfile.mkdtemp()
    try:
        body = _tiny_sentence_model(os.path.join(work, "tiny-bert"))
        model = SetFitModel(model_body=body, model_head=LogisticRegression())
        args = TrainingArguments(output_dir=os.path.join(work, "out"), batch_size=16,
                                 num_epochs=1, max_steps=24, logging_steps=4,
                                 eval_strategy="steps", eval_steps=8, save_strategy="no",
                                 report_to="none", seed=0)
        trainer = Trainer(model=model, args=args, train_dataset=Dataset.from_dict(sentences(64)),
                          eval_dataset=Dataset.from_dict(sentences(32)))
        trainer.train()
    finally:
        shutil.rmtree(work)
    return [point(key, value, entry["step"])
            for entry in trainer.st_trainer.state.log_history for key, value in entry.items()
            if key not in ("step", "total_flos") and isinstance(value, (int, float))]


CASES["setfit_classifier"] = setfit_classifier
OWN_ENVIRONMENT["setfit_classifier"] = dict(ST_ENVIRONMENT, setfit="setfit",
                                            **{"scikit-learn": "scikit-learn (SetFit case)"})


def pytorch_forecasting_tft() -> Truth:
    """pytorch-forecasting's `TemporalFusionTransformer.from_dataset(training, hidden_size=8,
    attention_head_size=1, hidden_continuous_size=4, learning_rate=0.03)` (its default
    `QuantileLoss`) trained as the library's tutorial does, with a Lightning
    `Trainer(max_epochs=3, gradient_clip_val=0.1, limit_train_batches=10)` on a
    `TimeSeriesDataSet` of four synthetic series (phase-shifted sines of period 24 plus noise,
    200 steps; encoder 24, prediction 8; the last 8 steps of each held out and validated with
    `from_dataset(..., predict=True)`), from a temporary folder (Lightning's default logger
    writes `lightning_logs/` there). The module logs `train_loss` on step and epoch (so
    `train_loss_step`, `train_loss_epoch`) and `val_loss` on the bar, drawn by Lightning's tqdm
    bar (the environment has no rich): `Epoch 1: 100%|██████████| 10/10 [..., v_num=0,
    train_loss_step=..., val_loss=..., train_loss_epoch=...]`; its other metrics (`val_SMAPE`,
    `val_MAE`, ...) are logged but not printed. Truth: a callback reads
    `trainer.callback_metrics`, `train_loss_step` after each batch, `val_loss` after each
    validation, `train_loss_epoch` at the end of each epoch, at `global_step - 1`."""
    import shutil

    import lightning.pytorch as pl
    import numpy as np
    import pandas as pd
    import torch
    from pytorch_forecasting import TemporalFusionTransformer, TimeSeriesDataSet

    torch.set_num_threads(1)
    pl.seed_everything(0)
    truth: Truth = []
    rng = np.random.default_rng(0)
    t = np.arange(200)
    data = pd.concat([pd.DataFrame({"time_idx": t, "group": f"s{k}",
                                    "value": np.sin(2 * np.pi * t / 24 + k)
                                    + 0.1 * rng.normal(size=200)}) for k in range(4)],
                     ignore_index=True)
    training = TimeSeriesDataSet(data[data.time_idx < 192], time_idx="time_idx", target="value",
                                 group_ids=["group"], max_encoder_length=24,
                                 max_prediction_length=8, time_varying_unknown_reals=["value"])
    validation = TimeSeriesDataSet.from_dataset(training, data, predict=True,
                                                stop_randomization=True)
    train_loader = training.to_dataloader(train=True, batch_size=16, num_workers=0)
    val_loader = validation.to_dataloader(train=False, batch_size=16, num_workers=0)
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        trainer = pl.Trainer(max_epochs=3, accelerator="cpu", gradient_clip_val=0.1,
                             limit_train_batches=10,
                             callbacks=[_lightning_recorder(pl.Callback, truth,
                                                            ["train_loss_step"], ["val_loss"],
                                                            ("train_loss_epoch",))])
        model = TemporalFusionTransformer.from_dataset(training, learning_rate=0.03,
                                                       hidden_size=8, attention_head_size=1,
                                                       dropout=0.1, hidden_continuous_size=4)
        trainer.fit(model, train_dataloaders=train_loader, val_dataloaders=val_loader)
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return truth


CASES["pytorch_forecasting_tft"] = pytorch_forecasting_tft
OWN_ENVIRONMENT["pytorch_forecasting_tft"] = dict(FORECAST_ENVIRONMENT,
                                                  **{"pytorch-forecasting": "pytorch-forecasting"})


# --- BoTorch, Lightning Fabric, MindSpore, TensorFlow, Keras on JAX, Seq2SeqTrainer ------------
# Each runs alone, in an environment of its own, on the CPU wheel of torch where it needs torch:
#
#     python -m venv ~/botorch-venv && ~/botorch-venv/bin/pip install torch==2.13.0
#     ~/botorch-venv/bin/pip install torch==2.13.0 botorch
#     git clone https://github.com/pytorch/botorch ~/botorch     # tutorials/closed_loop_...
#     export BOTORCH=~/botorch BOTORCH_COMMIT=$(git -C ~/botorch rev-parse HEAD)
#     ~/botorch-venv/bin/python tests/corpus/make_corpus.py botorch_closed_loop

# The tutorial's own switches for a short run: SMOKE_TEST (2 trials, a batch of 2 candidates,
# 2 restarts from 32 raw samples, 32 MC samples), with 3 rounds a trial instead of its 2, and
# `verbose` on, which prints a line a round instead of a dot.
BOTORCH_CHANGES = {"N_BATCH = 20 if not SMOKE_TEST else 2": "N_BATCH = 20 if not SMOKE_TEST else 3",
                   "verbose = False": "verbose = True"}


def botorch_closed_loop() -> Truth:
    """BoTorch's closed-loop tutorial, pytorch/botorch
    `tutorials/closed_loop_botorch_only/closed_loop_botorch_only.ipynb` (the checkout named by
    `BOTORCH`; commit in VERSIONS.md): its code cells run in order as one program (`exec`, the
    notebook's own code; the Colab install cell and the plotting cell left out), with
    `SMOKE_TEST` set and BOTORCH_CHANGES, on the CPU in double precision, torch seeded first so
    that both runs print the same. Constrained Bayesian optimisation of the 6-dimensional
    Hartmann function with qLogEI and qLogNEI against random search, a `SingleTaskGP` for the
    objective and one for the constraint refitted each round: `Trial  1 of 2 ` (printed with
    `end=""`), then each round `\\nBatch  1: best_value (random, qEI, qNEI) = (0.51, 0.52,
    0.53), time = 1.23.` (also `end=""`: a line ends when the next begins). Truth: the
    tutorial's own record, `best_random_all`, `best_observed_all_ei`, `best_observed_all_nei`
    (a list a trial, entry 0 the initial data's best, then one a round), as
    `best_value_random`, `best_value_qEI`, `best_value_qNEI` (the name printed once for the
    three values, qualified by the names in brackets beside it), at the printed round made
    global across trials, `(trial - 1) * N_BATCH + iteration` (as a position in an epoch). The
    line prints `max(best_random)`: the list is a running maximum, so it is its last entry
    (checked). The time is a timing, left out; `Trial  1 of 2` is a count."""
    import builtins

    import torch

    folder = os.environ.get("BOTORCH")
    path = os.path.join(folder or "", "tutorials", "closed_loop_botorch_only",
                        "closed_loop_botorch_only.ipynb")
    if not folder or not os.path.exists(path):
        raise SystemExit("set BOTORCH to a pytorch/botorch checkout")
    cells = [cell for cell in ipynb_cells(path)
             if "%pip" not in cell and "%matplotlib" not in cell]
    source = "\n\n".join(cells)
    for old, new in BOTORCH_CHANGES.items():
        if source.count(old) != 1:
            raise SystemExit(f"botorch_closed_loop: the notebook has no {old}")
        source = source.replace(old, new)
    os.environ["SMOKE_TEST"] = "1"
    torch.manual_seed(0)
    torch.set_num_threads(1)
    printed: list[tuple[int, int]] = []

    def print_(*args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_locals
        if args and str(args[0]).startswith("\nBatch"):
            printed.append((values["trial"], values["iteration"]))
        builtins.print(*args, **kwargs)
        sys.stdout.flush()

    namespace: dict[str, Any] = {"__name__": "__main__", "print": print_}
    exec(compile(source, "closed_loop_botorch_only.ipynb", "exec"), namespace)
    rounds = namespace["N_BATCH"]
    truth: Truth = []
    for trial, iteration in printed:
        random = namespace["best_random_all"][trial - 1]
        if max(random[:iteration + 1]) != random[iteration]:
            raise SystemExit("botorch_closed_loop: best_random is not a running maximum")
        step = (trial - 1) * rounds + iteration
        truth += [point("best_value_random", random[iteration], step),
                  point("best_value_qEI", namespace["best_observed_all_ei"][trial - 1][iteration],
                        step),
                  point("best_value_qNEI",
                        namespace["best_observed_all_nei"][trial - 1][iteration], step)]
    if len(printed) != namespace["N_TRIALS"] * rounds:
        raise SystemExit(f"botorch_closed_loop: {len(printed)} rounds printed")
    return truth


CASES["botorch_closed_loop"] = botorch_closed_loop
OWN_ENVIRONMENT["botorch_closed_loop"] = {
    "botorch": "botorch", "gpytorch": "gpytorch (botorch case)",
    "linear_operator": "linear_operator (botorch case)", "torch": "torch (botorch case)",
    "scipy": "scipy (botorch case)"}
OWN_CHECKOUT["botorch_closed_loop"] = "BOTORCH"
REPOSITORY_CHECKOUTS["BOTORCH"] = ("pytorch/botorch", "BOTORCH_COMMIT")
CHECKOUT_ROW["botorch_closed_loop"] = (
    "pytorch/botorch tutorials/closed_loop_botorch_only/closed_loop_botorch_only.ipynb")


# Keras 3 on JAX: an environment of its own with no torch (Keras picks its backend by
# KERAS_BACKEND, which the case sets to jax):
#
#     python -m venv ~/keras-jax-venv && ~/keras-jax-venv/bin/pip install 'jax[cpu]' keras
#     ~/keras-jax-venv/bin/python tests/corpus/make_corpus.py keras_jax_fit


def keras_jax_fit() -> Truth:
    """Keras 3 on its JAX backend (`KERAS_BACKEND=jax`): a small classifier (two hidden
    layers, `accuracy` and an `AUC` named `auc`) fitted on 640 synthetic samples with
    `validation_split=0.2` (16 batches of 32 an epoch), 3 epochs with `verbose=1` (the bar:
    `Epoch 1/3`, then `16/16 ━━━━ 1s 12ms/step - accuracy: 0.56 - auc: 0.58 - loss: 0.68 -
    val_accuracy: ... - val_auc: ... - val_loss: ...`, redrawn on a terminal), then the same
    model fitted on with `initial_epoch=3, epochs=6, verbose=2` (a line an epoch: `Epoch 4/6`,
    `16/16 - 0s - 3ms/step - accuracy: ... - val_loss: ...`), as a user resumes a run. Truth:
    each fit's `History.history`, at its `History.epoch` plus one (the epoch as printed, from
    1, continuing in the second fit)."""
    os.environ["KERAS_BACKEND"] = "jax"
    import keras
    import numpy as np

    if keras.backend.backend() != "jax":
        raise SystemExit(f"keras_jax_fit: Keras runs on {keras.backend.backend()}")
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(640, 10)).astype("float32")
    y = ((x[:, 0] + x[:, 1] * x[:, 2] + 0.5 * rng.normal(size=640)) > 0).astype("float32")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])
    truth: Truth = []
    for fit in ({"epochs": 3, "verbose": 1}, {"initial_epoch": 3, "epochs": 6, "verbose": 2}):
        history = model.fit(x, y, batch_size=32, validation_split=0.2, **fit)
        truth += [point(key, values[i], epoch + 1) for key, values in history.history.items()
                  for i, epoch in enumerate(history.epoch)]
    return truth


CASES["keras_jax_fit"] = keras_jax_fit
OWN_ENVIRONMENT["keras_jax_fit"] = {"keras": "keras (keras_jax_fit case)",
                                    "jax": "jax (keras_jax_fit case)",
                                    "jaxlib": "jaxlib (keras_jax_fit case)",
                                    "numpy": "numpy (keras_jax_fit case)"}


# Lightning Fabric's image classifier example and the Seq2SeqTrainer share an environment:
#
#     python -m venv ~/fabric-venv && ~/fabric-venv/bin/pip install torch==2.13.0
#     ~/fabric-venv/bin/pip install torch==2.13.0 lightning transformers sentencepiece
#     git clone https://github.com/Lightning-AI/pytorch-lightning ~/lightning
#     export LIGHTNING=~/lightning LIGHTNING_COMMIT=$(git -C ~/lightning rev-parse HEAD)
#     ~/fabric-venv/bin/python tests/corpus/make_corpus.py fabric_image_classifier

# train_fabric.py reads MNIST through torchvision (a download; PyPI's torchvision is built for
# CUDA and does not load beside the CPU wheel of torch). Its only changes are its data: its
# `MNIST` is a stand-in with the same arguments (synthetic_mnist.py, written in the run's
# folder: 28x28 images of 10 classes, noise around a pattern per class, normalised as its
# transform would; 640 to train, 200 to test), and the transform it no longer needs is None.
FABRIC_CHANGES = {
    "import torchvision.transforms as T\n": "",
    "from torchvision.datasets import MNIST\n": "from synthetic_mnist import MNIST\n",
    "transform = T.Compose([T.ToTensor(), T.Normalize((0.1307,), (0.3081,))])":
        "transform = None"}
SYNTHETIC_MNIST = '''"""MNIST's shape and classes, made up: 640 training and 200 test images."""
import torch


class MNIST(torch.utils.data.TensorDataset):
    def __init__(self, root, download=False, train=True, transform=None):
        n, seed = (640, 0) if train else (200, 1)
        patterns = torch.randn(10, 1, 28, 28, generator=torch.Generator().manual_seed(7))
        gen = torch.Generator().manual_seed(seed)
        labels = torch.randint(0, 10, (n,), generator=gen)
        images = patterns[labels] + 2.0 * torch.randn(n, 1, 28, 28, generator=gen)
        super().__init__(images, labels)
'''


def fabric_image_classifier() -> Truth:
    """Lightning Fabric's example `examples/fabric/image_classifier/train_fabric.py` (the
    checkout named by `LIGHTNING`; commit in VERSIONS.md), run as the script (`run_script`)
    with `--epochs 3 --batch-size 64 --log-interval 2`, on the CPU, MNIST replaced by
    synthetic images (FABRIC_CHANGES; 10 batches an epoch): `Train Epoch: 1 [0/640
    (0%)]\\tLoss: 2.302585` at the first batch and every second one, and after each epoch
    `Test set: Average loss: 2.2011, Accuracy: (21%)` between empty lines (torchmetrics'
    `Accuracy`, printed with no count of correct answers, unlike pytorch/examples'
    mnist). Truth: the script's own values as each line is printed, read from the printing
    frame: `loss.item()` as `Loss`, no step (the line names the samples seen in the epoch, as
    mnist_style); `test_loss` (the summed loss gathered by Fabric, over the test set) as
    `Test_set_Average_loss` and `100 * test_acc.compute()` as `Accuracy`, no step (as
    mnist_style's test lines)."""
    folder = os.environ.get("LIGHTNING")
    path = os.path.join(folder or "", "examples", "fabric", "image_classifier",
                        "train_fabric.py")
    if not folder or not os.path.exists(path):
        raise SystemExit("set LIGHTNING to a Lightning-AI/pytorch-lightning checkout")
    import torch

    torch.set_num_threads(1)
    truth: Truth = []

    def setup() -> None:
        with open("synthetic_mnist.py", "w") as f:
            f.write(SYNTHETIC_MNIST)
        sys.path.insert(0, os.getcwd())

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "Train Epoch" in call:
            truth.append(point("Loss", values["loss"].item(), None))
        elif "Test set" in call:
            truth.extend([point("Test_set_Average_loss", float(values["test_loss"]), None),
                          point("Accuracy", 100 * float(values["test_acc"].compute()), None)])

    try:
        run_script(path, ["--epochs", "3", "--batch-size", "64", "--log-interval", "2"], record,
                   FABRIC_CHANGES, setup)
    finally:
        sys.modules.pop("synthetic_mnist", None)
    return truth


CASES["fabric_image_classifier"] = fabric_image_classifier
FABRIC_ENVIRONMENT = {name: f"{name} (Fabric, Seq2SeqTrainer cases)"
                      for name in ("torch", "numpy", "lightning", "torchmetrics", "transformers",
                                   "tokenizers", "accelerate", "tqdm")}
OWN_ENVIRONMENT["fabric_image_classifier"] = FABRIC_ENVIRONMENT
OWN_CHECKOUT["fabric_image_classifier"] = "LIGHTNING"
REPOSITORY_CHECKOUTS["LIGHTNING"] = ("Lightning-AI/pytorch-lightning", "LIGHTNING_COMMIT")
CHECKOUT_ROW["fabric_image_classifier"] = (
    "Lightning-AI/pytorch-lightning examples/fabric/image_classifier/train_fabric.py")


# TensorFlow's quickstarts (tensorflow/docs, site/en/tutorials/quickstart) share an environment:
#
#     python -m venv ~/tf-venv && ~/tf-venv/bin/pip install tensorflow-cpu tf-keras
#     git clone https://github.com/tensorflow/docs ~/tensorflow-docs
#     export TENSORFLOW_DOCS=~/tensorflow-docs
#     export TENSORFLOW_DOCS_COMMIT=$(git -C ~/tensorflow-docs rev-parse HEAD)
#     ~/tf-venv/bin/python tests/corpus/make_corpus.py tf_quickstart_beginner
#     ~/tf-venv/bin/python tests/corpus/make_corpus.py tf_quickstart_advanced

# Both quickstarts load MNIST with `tf.keras.datasets.mnist.load_data()` (a download): their
# only change is that call, made to return synthetic images of MNIST's shape and type (uint8
# pixels, 28x28, 10 classes: noise around a pattern per class), 640 to train and 160 to test.
TF_MNIST_CHANGE = ("(x_train, y_train), (x_test, y_test) = mnist.load_data()",
                   "(x_train, y_train), (x_test, y_test) = synthetic_mnist()")


def _synthetic_mnist() -> Any:
    import numpy as np

    rng = np.random.default_rng(0)
    patterns = rng.uniform(100, 156, size=(10, 28, 28))

    def split(n: int) -> tuple[Any, Any]:
        labels = rng.integers(0, 10, size=n).astype("uint8")
        images = np.clip(patterns[labels] + rng.normal(0, 100, size=(n, 28, 28)), 0, 255)
        return images.astype("uint8"), labels

    return split(640), split(160)


def _tf_quickstart(name: str, display: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    """The quickstart notebook `name` of the checkout named by TENSORFLOW_DOCS: its code cells
    as one program (TF_MNIST_CHANGE made), without the licence cell and the cells that only
    show a value in a notebook (those that start with one of `display`), and the namespace to
    run it in."""
    folder = os.environ.get("TENSORFLOW_DOCS")
    path = os.path.join(folder or "", "site", "en", "tutorials", "quickstart", name)
    if not folder or not os.path.exists(path):
        raise SystemExit("set TENSORFLOW_DOCS to a tensorflow/docs checkout")
    cells = [cell for cell in ipynb_cells(path) if not cell.startswith("#@title")
             and not cell.startswith(display)]
    source = "\n\n".join(cells)
    if source.count(TF_MNIST_CHANGE[0]) != 1:
        raise SystemExit(f"{name}: no {TF_MNIST_CHANGE[0]}")
    import tensorflow as tf

    tf.keras.utils.set_random_seed(0)
    tf.config.experimental.enable_op_determinism()
    tf.config.threading.set_inter_op_parallelism_threads(1)
    tf.config.threading.set_intra_op_parallelism_threads(1)
    return source.replace(*TF_MNIST_CHANGE), {"__name__": "__main__",
                                             "synthetic_mnist": _synthetic_mnist}


def tf_quickstart_beginner() -> Truth:
    """TensorFlow's beginner quickstart, tensorflow/docs
    `site/en/tutorials/quickstart/beginner.ipynb` (the checkout named by `TENSORFLOW_DOCS`;
    commit in VERSIONS.md), its code cells run in order as one program, on synthetic MNIST
    (TF_MNIST_CHANGE), with the Keras 2 that `tf.keras` still is for the many programs that set
    `TF_USE_LEGACY_KERAS=1` (tf-keras; TensorFlow 2.16 and later use Keras 3 otherwise, as the
    keras_* cases): `print("TensorFlow version:", tf.__version__)`, then
    `model.fit(x_train, y_train, epochs=5)` (verbose 1: `Epoch 1/5`, then a bar redrawn with
    `\\r` and backspaces, `20/20 [==============================] - 1s 3ms/step - loss: 1.9 -
    accuracy: 0.41` after ` 4/20 [=====>....] - ETA: 0s - loss: 2.05 - accuracy: 0.30`
    frames; through a pipe too, as Keras 2 draws dynamically wherever `posix` is imported)
    and `model.evaluate(x_test, y_test, verbose=2)` (`5/5 - 0s - loss: 0.41 - accuracy: 0.88
    - 95ms/epoch - 19ms/step`). The cells that only show a value in a notebook
    (the untrained model's predictions, their softmax, its first loss, the probability model)
    print nothing in a program and are left out. Truth: `model.history.history` (the `History`
    that `fit` returns; the cell does not keep it) at the epoch as printed (from 1), and the
    list `evaluate` returns (the last cell's value) as `loss` and `accuracy`, no step (as
    keras_evaluate's bar)."""
    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    source, namespace = _tf_quickstart(
        "beginner.ipynb", ("predictions = model(", "tf.nn.softmax(", "loss_fn(y_train[:1]",
                           "probability_model"))
    body, _, last = source.rpartition("\n\n")
    if not last.startswith("model.evaluate("):
        raise SystemExit(f"tf_quickstart_beginner: the last cell is {last!r}")
    exec(compile(body, "beginner.ipynb", "exec"), namespace)
    model = namespace["model"]
    if type(model).__module__.split(".")[0] != "tf_keras":
        raise SystemExit(f"tf_quickstart_beginner: tf.keras is {type(model).__module__}")
    history = model.history  # before `evaluate`, whose callbacks set it anew
    truth = [point(key, values[i], epoch + 1) for key, values in history.history.items()
             for i, epoch in enumerate(history.epoch)]
    score = eval(compile(last, "beginner.ipynb", "eval"), namespace)
    if model.metrics_names != ["loss", "accuracy"]:
        raise SystemExit(f"tf_quickstart_beginner: evaluate returned {model.metrics_names}")
    return truth + [point("loss", score[0], None), point("accuracy", score[1], None)]


def tf_quickstart_advanced() -> Truth:
    """TensorFlow's expert quickstart, tensorflow/docs
    `site/en/tutorials/quickstart/advanced.ipynb` (the checkout named by `TENSORFLOW_DOCS`),
    its code cells run in order as one program on synthetic MNIST (TF_MNIST_CHANGE; 20
    batches of 32 to train, 5 to test), TensorFlow's own Keras 3 as `tf.keras`: a subclassed
    model trained by a custom loop (`tf.GradientTape` in a `tf.function`), 5 epochs (its
    `EPOCHS`), printing after each `Epoch 1, Loss: 1.93, Accuracy: 41.25, Test Loss: 0.88,
    Test Accuracy: 77.50` (`:0.2f`, the accuracies x100), after `TensorFlow version: 2.21.0`.
    Truth: the metric objects the line formats, `train_loss.result()`,
    `train_accuracy.result() * 100`, `test_loss.result()`, `test_accuracy.result() * 100`,
    read by the print wrapper from the printing frame's names before it prints, as `Loss`,
    `Accuracy`, `Test_Loss`, `Test_Accuracy`, at the printed epoch (`epoch + 1`)."""
    import builtins

    os.environ["KERAS_BACKEND"] = "tensorflow"  # the corpus runs set torch for Keras 3
    source, namespace = _tf_quickstart("advanced.ipynb", ())
    truth: Truth = []

    def print_(*args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_locals
        if args and str(args[0]).startswith("Epoch "):
            epoch = values["epoch"] + 1
            truth.extend([
                point("Loss", float(values["train_loss"].result()), epoch),
                point("Accuracy", float(values["train_accuracy"].result()) * 100, epoch),
                point("Test_Loss", float(values["test_loss"].result()), epoch),
                point("Test_Accuracy", float(values["test_accuracy"].result()) * 100, epoch)])
        builtins.print(*args, **kwargs)

    namespace["print"] = print_
    # AutoGraph reads a `tf.function`'s source, as a notebook's cells let it (IPython keeps
    # them in `linecache`): without it, it warns that it cannot and runs the function as is.
    import linecache

    linecache.cache["advanced.ipynb"] = (len(source), None, source.splitlines(True),
                                         "advanced.ipynb")
    exec(compile(source, "advanced.ipynb", "exec"), namespace)
    if len(truth) != 4 * namespace["EPOCHS"]:
        raise SystemExit(f"tf_quickstart_advanced: {len(truth) // 4} epochs printed")
    return truth


CASES["tf_quickstart_beginner"] = tf_quickstart_beginner
CASES["tf_quickstart_advanced"] = tf_quickstart_advanced
TF_ENVIRONMENT = {name: f"{name} (TensorFlow quickstart cases)"
                  for name in ("tensorflow-cpu", "tf-keras", "keras", "numpy")}
OWN_ENVIRONMENT["tf_quickstart_beginner"] = TF_ENVIRONMENT
OWN_ENVIRONMENT["tf_quickstart_advanced"] = TF_ENVIRONMENT
OWN_CHECKOUT.update(dict.fromkeys(["tf_quickstart_beginner", "tf_quickstart_advanced"],
                                  "TENSORFLOW_DOCS"))
REPOSITORY_CHECKOUTS["TENSORFLOW_DOCS"] = ("tensorflow/docs", "TENSORFLOW_DOCS_COMMIT")
CHECKOUT_ROW.update(dict.fromkeys(["tf_quickstart_beginner", "tf_quickstart_advanced"],
                                  "tensorflow/docs site/en/tutorials/quickstart"))


S2S_WORDS = ["red", "blue", "green", "cat", "dog", "bird", "runs", "sleeps", "eats", "small",
             "big", "old", "new", "one", "two", "three"]


def seq2seq_trainer() -> Truth:
    """transformers `Seq2SeqTrainer` with `predict_with_generate=True` (evaluation by
    generating, as the summarisation and translation examples run it) on a tiny T5 built
    from a config (2 layers of 32, randomly initialised) and a word-level tokenizer made here,
    learning to copy 4-word sentences (128 to train in batches of 8, 16 to evaluate), 4
    epochs, a log every 4 steps and an evaluation every 16, with a `compute_metrics` of the
    case's own over the generated words (`exact_match`, the share of sentences copied
    exactly, and `word_accuracy`, the share of words in their place, both x100 as the examples
    report ROUGE), and the default progress bars (tqdm's): its log dicts `{'loss': '3.444',
    'grad_norm': '2.53', 'learning_rate': '0.002875', 'epoch': '0.25'}` and `{'eval_loss':
    '2.817', 'eval_exact_match': '0', 'eval_word_accuracy': '3.125', 'eval_runtime': ...,
    'eval_samples_per_second': ..., 'eval_steps_per_second': ..., 'epoch': '1'}` (values as
    `.4g` strings) between the redraws of the training bar and the evaluation's. Truth:
    `trainer.state.log_history`, each entry at its `step` (the trainer's global step), as
    hf_trainer; `total_flos` is not printed and left out."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import (DataCollatorForSeq2Seq, PreTrainedTokenizerFast, Seq2SeqTrainer,
                              Seq2SeqTrainingArguments, T5Config, T5ForConditionalGeneration,
                              set_seed)

    set_seed(0)
    torch.set_num_threads(1)
    vocab = {word: i for i, word in enumerate(["<pad>", "</s>", "<unk>", "copy:", *S2S_WORDS])}
    words = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    words.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=words, pad_token="<pad>",
                                        eos_token="</s>", unk_token="<unk>")
    config = T5Config(vocab_size=len(vocab), d_model=32, d_ff=64, d_kv=16, num_layers=2,
                      num_heads=2, decoder_start_token_id=0, pad_token_id=0, eos_token_id=1)
    model = T5ForConditionalGeneration(config)
    gen = torch.Generator().manual_seed(0)

    def rows(n: int) -> list[dict[str, Any]]:
        made = []
        for _ in range(n):
            sentence = [S2S_WORDS[int(i)] for i in torch.randint(len(S2S_WORDS), (4,),
                                                                 generator=gen)]
            source = tokenizer("copy: " + " ".join(sentence) + " </s>",
                               add_special_tokens=False)
            target = tokenizer(" ".join(sentence) + " </s>", add_special_tokens=False)
            made.append({"input_ids": source["input_ids"],
                         "attention_mask": source["attention_mask"],
                         "labels": target["input_ids"]})
        return made

    def compute_metrics(prediction: Any) -> dict[str, float]:
        predicted, labels = prediction
        labels = [[t for t in row if t != -100] for row in labels.tolist()]
        guesses = tokenizer.batch_decode(predicted, skip_special_tokens=True)
        truths = tokenizer.batch_decode(labels, skip_special_tokens=True)
        exact = sum(g.split() == t.split() for g, t in zip(guesses, truths))
        placed = sum(a == b for g, t in zip(guesses, truths)
                     for a, b in zip(g.split(), t.split()))
        return {"exact_match": 100 * exact / len(truths),
                "word_accuracy": 100 * placed / sum(len(t.split()) for t in truths)}

    with tempfile.TemporaryDirectory() as out:
        args = Seq2SeqTrainingArguments(
            output_dir=out, num_train_epochs=4, per_device_train_batch_size=8,
            per_device_eval_batch_size=8, learning_rate=5e-3, logging_steps=4,
            eval_strategy="steps", eval_steps=16, save_strategy="no", report_to=[],
            use_cpu=True, seed=0, dataloader_num_workers=0, predict_with_generate=True,
            generation_max_length=8)
        trainer = Seq2SeqTrainer(model=model, args=args, train_dataset=rows(128),
                                 eval_dataset=rows(16),
                                 data_collator=DataCollatorForSeq2Seq(tokenizer, model=model),
                                 processing_class=tokenizer, compute_metrics=compute_metrics)
        trainer.train()
    return [point(key, value, entry["step"])
            for entry in trainer.state.log_history for key, value in entry.items()
            if key not in ("step", "total_flos") and isinstance(value, (int, float))]


CASES["seq2seq_trainer"] = seq2seq_trainer
OWN_ENVIRONMENT["seq2seq_trainer"] = FABRIC_ENVIRONMENT


# MindSpore's CPU wheel, alone in an environment of its own (no torch):
#
#     python -m venv ~/mindspore-venv && ~/mindspore-venv/bin/pip install mindspore
#     ~/mindspore-venv/bin/python tests/corpus/make_corpus.py mindspore_lenet


def mindspore_lenet() -> Truth:
    """MindSpore's own `Model.train` of a LeNet-5 as its LeNet quick start builds it (two 5x5
    convolutions, three dense layers, `SoftmaxCrossEntropyWithLogits(sparse=True,
    reduction='mean')`, `Momentum(0.01, 0.9)`, `metrics={"Accuracy": Accuracy()}`) on
    synthetic 32x32 images of 10 classes (320 to train in 10 batches of 32, 96 to evaluate,
    `mindspore.dataset.GeneratorDataset`), 3 epochs, CPU, `callbacks=[LossMonitor(),
    TimeMonitor()]`, then `acc = model.eval(ds_eval, dataset_sink_mode=False)` printed as its
    quick start and model-zoo scripts print it, `print("============== Accuracy:{}
    ==============".format(acc))`. LossMonitor prints `epoch: 1 step: 10, loss is 2.30`
    each step (the loss in full), TimeMonitor `Train epoch time: 123.456 ms, per step time:
    12.346 ms` each epoch, the last line `============== Accuracy:{'Accuracy': 0.3125}
    ==============`. Truth: a callback of the case's own after LossMonitor, its
    `cb_params.net_outputs` (the loss LossMonitor prints) at `cb_params.cur_step_num` (the
    printed step in the epoch made global, from 1); the dict `model.eval` returns, its
    `Accuracy` with no step. The epoch and step times are timings, left out."""
    import mindspore as ms
    import numpy as np
    from mindspore import dataset, nn
    from mindspore.train import Accuracy, Callback, LossMonitor, Model, TimeMonitor

    ms.set_context(mode=ms.PYNATIVE_MODE)
    ms.set_device("CPU")
    ms.set_seed(0)
    rng = np.random.default_rng(0)
    patterns = rng.normal(size=(10, 1, 32, 32)).astype(np.float32)

    def images(n: int) -> Any:
        labels = rng.integers(0, 10, size=n).astype(np.int32)
        data = patterns[labels] + 1.5 * rng.normal(size=(n, 1, 32, 32)).astype(np.float32)
        # Each label a 0-d array: MindSpore 2.10 converts a row with `np.array(x,
        # copy=False)`, which NumPy 2 refuses for the scalars a slice of `labels` would give.
        rows = [(data[i], np.array(labels[i])) for i in range(n)]
        return dataset.GeneratorDataset(rows, ["image", "label"], shuffle=False).batch(32)

    class LeNet5(nn.Cell):  # type: ignore[misc]
        def __init__(self, num_class: int = 10, num_channel: int = 1) -> None:
            super().__init__()
            self.conv1 = nn.Conv2d(num_channel, 6, 5, pad_mode="valid")
            self.conv2 = nn.Conv2d(6, 16, 5, pad_mode="valid")
            self.fc1 = nn.Dense(16 * 5 * 5, 120)
            self.fc2 = nn.Dense(120, 84)
            self.fc3 = nn.Dense(84, num_class)
            self.relu = nn.ReLU()
            self.max_pool2d = nn.MaxPool2d(kernel_size=2, stride=2)
            self.flatten = nn.Flatten()

        def construct(self, x: Any) -> Any:
            x = self.max_pool2d(self.relu(self.conv1(x)))
            x = self.max_pool2d(self.relu(self.conv2(x)))
            x = self.flatten(x)
            x = self.relu(self.fc1(x))
            x = self.relu(self.fc2(x))
            return self.fc3(x)

    truth: Truth = []

    class Recorder(Callback):  # type: ignore[misc]
        def on_train_step_end(self, run_context: Any) -> None:
            params = run_context.original_args()
            truth.append(point("loss", float(params.net_outputs.asnumpy()),
                               params.cur_step_num))

    network = LeNet5()
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    optimizer = nn.Momentum(network.trainable_params(), learning_rate=0.01, momentum=0.9)
    model = Model(network, loss, optimizer, metrics={"Accuracy": Accuracy()})
    ds_train, ds_eval = images(320), images(96)
    model.train(3, ds_train, callbacks=[LossMonitor(), TimeMonitor(), Recorder()],
                dataset_sink_mode=False)
    acc = model.eval(ds_eval, dataset_sink_mode=False)
    print("============== Accuracy:{} ==============".format(acc))  # noqa: UP032 (as printed there)
    if len(truth) != 30:
        raise SystemExit(f"mindspore_lenet: {len(truth)} steps")
    return truth + [point("Accuracy", acc["Accuracy"], None)]


CASES["mindspore_lenet"] = mindspore_lenet
OWN_ENVIRONMENT["mindspore_lenet"] = {"mindspore": "mindspore",
                                      "numpy": "numpy (mindspore_lenet case)"}



# --- LLMs-from-scratch, OGB, DGL, Haiku, Spinning Up: famous hand-written training scripts ------
# Each runs alone, in an environment of its own, from a checkout of its repository:
#
#     python -m venv ~/llms-venv && ~/llms-venv/bin/pip install torch==2.13.0
#     ~/llms-venv/bin/pip install torch==2.13.0 tiktoken matplotlib pandas requests
#     git clone https://github.com/rasbt/LLMs-from-scratch ~/LLMs-from-scratch
#     export LLMS_FROM_SCRATCH=~/LLMs-from-scratch
#     export LLMS_FROM_SCRATCH_COMMIT=$(git -C ~/LLMs-from-scratch rev-parse HEAD)
#     ~/llms-venv/bin/python tests/corpus/make_corpus.py llms_ch5_train
#     ~/llms-venv/bin/python tests/corpus/make_corpus.py llms_ch6_classifier

LLMS_ENVIRONMENT = {name: f"{name} (LLMs-from-scratch cases)"
                    for name in ("torch", "tiktoken", "matplotlib", "pandas", "numpy")}
LLMS_WORDS = ["every", "effort", "moves", "you", "the", "painter", "had", "a", "quiet", "room",
              "and", "his", "wife", "said", "it", "was", "not", "so", "much", "as", "of", "light",
              "on", "that", "picture", "he", "never", "spoke", "again"]


def byte_encoding(end_of_text: int) -> Any:
    """A tiktoken `Encoding` whose tokens are the 256 bytes, with GPT-2's split pattern and
    `<|endoftext|>` at `end_of_text`: what `tiktoken.get_encoding("gpt2")` returns but for its
    vocabulary, which tiktoken downloads (the scripts' only use of the network besides their
    data)."""
    import tiktoken

    pattern = (r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|"""
               r"""\s+""")
    return tiktoken.Encoding(name="gpt2-bytes", pat_str=pattern,
                             mergeable_ranks={bytes([i]): i for i in range(256)},
                             special_tokens={"<|endoftext|>": end_of_text})


def llms_checkout(chapter: str) -> str:
    root = os.environ.get("LLMS_FROM_SCRATCH")
    folder = os.path.join(root or "", chapter, "01_main-chapter-code")
    if not root or not os.path.isdir(folder):
        raise SystemExit("set LLMS_FROM_SCRATCH to a rasbt/LLMs-from-scratch checkout")
    return folder


# gpt_train.py's GPT-2 124M configuration and 10 epochs: the case's changes make the model tiny
# (and its vocabulary the byte encoding's 256 bytes and `<|endoftext|>`) and train 3 epochs.
LLMS_CH5_CHANGES = {
    '"vocab_size": 50257,    # Vocabulary size': '"vocab_size": 257,    # Vocabulary size',
    '"context_length": 256,  # Shortened context length (orig: 1024)':
        '"context_length": 32,  # Shortened context length (orig: 1024)',
    '"emb_dim": 768,         # Embedding dimension': '"emb_dim": 32,         # Embedding dimension',
    '"n_heads": 12,          # Number of attention heads':
        '"n_heads": 2,          # Number of attention heads',
    '"n_layers": 12,         # Number of layers': '"n_layers": 2,         # Number of layers',
    '"num_epochs": 10,': '"num_epochs": 3,',
}


def llms_ch5_train() -> Truth:
    """Chapter 5 of rasbt/LLMs-from-scratch, `ch05/01_main-chapter-code/gpt_train.py` (the
    checkout named by `LLMS_FROM_SCRATCH`), run as the script with its `previous_chapters.py`:
    `main` builds the chapter's `GPTModel`, AdamW (lr 5e-4, weight decay 0.1), the chapter's
    data loaders (batches of 2, windows of the context length) and runs `train_model_simple`
    with `eval_freq=5, eval_iter=1`, then plots and saves the model. Changes (LLMS_CH5_CHANGES):
    a tiny model (2 layers, 2 heads, 32 dimensions, a context of 32) and 3 epochs; its data,
    `the-verdict.txt`, is a synthetic text of 4000 characters written in the run's folder first
    (the script then reads it instead of downloading it), and GPT-2's tokenizer is the byte
    encoding (byte_encoding). It prints `Ep 1 (Step 000000): Train loss 5.612, Val loss 5.598`
    every 5 steps and, after each epoch, the text the model continues `Every effort moves you`
    with. Truth: the function's own `train_losses` and `val_losses` (checked to be the lists it
    returns), each value read from the printing frame as the line is printed, keyed as printed
    (`Train loss`, `Val loss`) at its `global_step` (from 0, as printed). `track_tokens_seen`
    is not printed."""
    import random

    import tiktoken
    import torch

    folder = llms_checkout("ch05")
    os.environ["MPLBACKEND"] = "Agg"
    torch.set_num_threads(1)
    tiktoken.get_encoding = lambda name: byte_encoding(256)
    truth: Truth = []
    kept: dict[str, Any] = {}

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement.startswith('print(f"Ep {epoch+1} (Step {global_step:06d}): "'):
            step = values["global_step"]
            truth.extend([point("Train loss", values["train_loss"], step),
                          point("Val loss", values["val_loss"], step)])
            kept.update(train_losses=values["train_losses"], val_losses=values["val_losses"])

    def the_verdict() -> None:
        rng = random.Random(0)
        words: list[str] = []
        while sum(len(word) + 1 for word in words) < 4000:
            words += rng.choices(LLMS_WORDS, k=rng.randint(5, 12))
            words[-1] += "."
        with open("the-verdict.txt", "w", encoding="utf-8") as f:
            f.write(" ".join(words).capitalize())

    run_script(os.path.join(folder, "gpt_train.py"), [], record, LLMS_CH5_CHANGES, the_verdict)
    values = [p["value"] for p in truth]
    if not kept or values[0::2] != kept["train_losses"] or values[1::2] != kept["val_losses"]:
        raise SystemExit("llms_ch5_train: the printed losses are not train_model_simple's lists")
    return truth


CASES["llms_ch5_train"] = llms_ch5_train
OWN_ENVIRONMENT["llms_ch5_train"] = LLMS_ENVIRONMENT
OWN_CHECKOUT["llms_ch5_train"] = "LLMS_FROM_SCRATCH"
REPOSITORY_CHECKOUTS["LLMS_FROM_SCRATCH"] = ("rasbt/LLMs-from-scratch",
                                             "LLMS_FROM_SCRATCH_COMMIT")


LLMS_HAM = ["ok", "see", "you", "at", "home", "later", "tonight", "lunch", "tomorrow", "thanks",
            "i", "am", "on", "my", "way", "call", "me", "when", "free", "love", "the", "game"]
LLMS_SPAM = ["free", "win", "cash", "prize", "claim", "now", "call", "txt", "urgent", "award",
             "you", "have", "won", "the", "offer", "reply", "stop", "mobile", "guaranteed"]


def llms_ch6_classifier() -> Truth:
    """Chapter 6 of rasbt/LLMs-from-scratch, `ch06/01_main-chapter-code/gpt_class_finetune.py`
    (the checkout named by `LLMS_FROM_SCRATCH`) run as the script with `--test_mode`, its own
    option for a small randomly initialized model (`emb_dim` 12, one layer, two heads: no
    download of GPT-2's weights): it balances and splits the SMS spam data, fine-tunes the last
    block, final norm and a new two-class head with AdamW (lr 5e-5) for 5 epochs with
    `train_classifier_simple(..., eval_freq=50, eval_iter=5)`, then plots. Its data,
    `sms_spam_collection/SMSSpamCollection.tsv`, is synthetic (700 `ham` and 450 `spam`
    messages of 4 to 14 words from two overlapping word lists), written in the run's folder
    first (the script then prints `... already exists. Skipping download and extraction.`);
    GPT-2's tokenizer is the byte encoding (byte_encoding, `<|endoftext|>` at 50256, the pad
    id the script uses), and `gpt_download.py`, which imports TensorFlow at the top for the
    download `--test_mode` skips, is a module without it (its `download_and_load_gpt2` is
    never called). It prints `Ep 1 (Step 000000): Train loss 0.693, Val loss 0.701` every 50
    steps, `Training accuracy: 70.00% | Validation accuracy: 72.50%` after each epoch (two
    prints, the first with `end=""`) and `Training completed in 0.05 minutes.`. Truth: the
    function's own `train_losses`, `val_losses`, `train_accs` and `val_accs` (checked to be the
    lists it returns), each value read from the printing frame as it is printed, keyed as
    printed: `Train loss` and `Val loss` at `global_step` (from 0, as printed), `Training
    accuracy` and `Validation accuracy` in percent (as printed), no step (the line names
    none). The minutes are a timing, left out."""
    import random
    import types

    import tiktoken
    import torch

    folder = llms_checkout("ch06")
    os.environ["MPLBACKEND"] = "Agg"
    torch.set_num_threads(1)
    tiktoken.get_encoding = lambda name: byte_encoding(50256)
    download = types.ModuleType("gpt_download")

    def download_and_load_gpt2(*args: Any, **kwargs: Any) -> Any:
        raise SystemExit("llms_ch6_classifier: the script asked for GPT-2's weights")

    download.download_and_load_gpt2 = download_and_load_gpt2  # type: ignore[attr-defined]
    sys.modules["gpt_download"] = download
    truth: Truth = []
    kept: dict[str, Any] = {}

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement.startswith('print(f"Ep {epoch+1} (Step {global_step:06d}): "'):
            step = values["global_step"]
            truth.extend([point("Train loss", values["train_loss"], step),
                          point("Val loss", values["val_loss"], step)])
        elif statement.startswith('print(f"Training accuracy: '):
            truth.append(point("Training accuracy", values["train_accuracy"] * 100, None))
        elif statement.startswith('print(f"Validation accuracy: '):
            truth.append(point("Validation accuracy", values["val_accuracy"] * 100, None))
        elif statement.startswith('print(f"Training completed in'):
            kept.update({name: values[name] for name in
                         ("train_losses", "val_losses", "train_accs", "val_accs")})

    def spam_data() -> None:
        rng = random.Random(0)
        lines = [f"{label}\t{' '.join(rng.choices(words, k=rng.randint(4, 14)))}"
                 for label, words, n in (("ham", LLMS_HAM, 700), ("spam", LLMS_SPAM, 450))
                 for _ in range(n)]
        rng.shuffle(lines)
        os.makedirs("sms_spam_collection")
        with open(os.path.join("sms_spam_collection", "SMSSpamCollection.tsv"), "w") as f:
            f.write("\n".join(lines) + "\n")

    run_script(os.path.join(folder, "gpt_class_finetune.py"), ["--test_mode"], record,
               setup=spam_data)
    by_key = {key: [p["value"] for p in truth if p["key"] == key] for key in
              ("Train loss", "Val loss", "Training accuracy", "Validation accuracy")}
    lists = [kept.get("train_losses"), kept.get("val_losses"),
             [v * 100 for v in kept.get("train_accs", [])],
             [v * 100 for v in kept.get("val_accs", [])]]
    if list(by_key.values()) != lists or len(by_key["Training accuracy"]) != 5:
        raise SystemExit("llms_ch6_classifier: the printed values are not the function's lists")
    return truth


CASES["llms_ch6_classifier"] = llms_ch6_classifier
OWN_ENVIRONMENT["llms_ch6_classifier"] = LLMS_ENVIRONMENT
OWN_CHECKOUT["llms_ch6_classifier"] = "LLMS_FROM_SCRATCH"


#     python -m venv ~/ogb-venv && ~/ogb-venv/bin/pip install torch==2.13.0
#     ~/ogb-venv/bin/pip install torch==2.13.0 torch_geometric ogb
#     git clone https://github.com/snap-stanford/ogb ~/ogb
#     export OGB=~/ogb OGB_COMMIT=$(git -C ~/ogb rev-parse HEAD)
#     ~/ogb-venv/bin/python tests/corpus/make_corpus.py ogb_arxiv_gnn

# gnn.py makes the adjacency symmetric with torch_sparse's `SparseTensor.to_symmetric()`;
# torch_sparse has no build for this torch, so `ToSparseTensor` makes a torch sparse tensor,
# which has no such method: the case's one change drops that line, and its graph is symmetric
# already (each edge is listed both ways), so the adjacency is the same.
OGB_CHANGES = {"    data.adj_t = data.adj_t.to_symmetric()\n": ""}


class SyntheticArxiv:
    """Stands for `PygNodePropPredDataset(name='ogbn-arxiv', transform=...)`, which downloads
    the graph: a synthetic graph of 600 nodes in 8 classes (communities: 6 edges a node, half of
    them within its class, each listed both ways), 32 features (noise around a mean of each class's
    own, at 0.3 of the noise's scale), labels of shape [N, 1] and a split of 360/120/120
    nodes, as the dataset gives them."""

    num_classes = 8

    def __init__(self, name: str, transform: Any = None) -> None:
        import torch
        from torch_geometric.data import Data

        generator = torch.Generator().manual_seed(0)
        n, classes = 600, self.num_classes
        y = torch.arange(n) % classes
        y = y[torch.randperm(n, generator=generator)]
        means = torch.randn(classes, 32, generator=generator)
        x = means[y] * 0.3 + torch.randn(n, 32, generator=generator)
        sources = torch.arange(n).repeat_interleave(3)
        same = torch.rand(3 * n, generator=generator) < 0.5
        by_class = [torch.nonzero(y == c).flatten() for c in range(classes)]
        targets = torch.stack([
            by_class[int(y[s])][torch.randint(len(by_class[int(y[s])]), (1,),
                                              generator=generator)][0] if keep
            else torch.randint(n, (1,), generator=generator)[0]
            for s, keep in zip(sources.tolist(), same.tolist())])
        edges = torch.stack([torch.cat([sources, targets]), torch.cat([targets, sources])])
        edges = edges[:, edges[0] != edges[1]].unique(dim=1)
        self.data = Data(x=x, edge_index=edges, y=y.view(-1, 1), num_nodes=n)
        self.transform = transform
        order = torch.randperm(n, generator=generator)
        self.split = {"train": order[:360], "valid": order[360:480], "test": order[480:]}

    def __getitem__(self, index: int) -> Any:
        data = self.data.clone()
        return self.transform(data) if self.transform else data

    def get_idx_split(self) -> dict[str, Any]:
        return self.split


def ogb_arxiv_gnn() -> Truth:
    """OGB's ogbn-arxiv GNN baseline, snap-stanford/ogb `examples/nodeproppred/arxiv/gnn.py`
    with its `logger.py` (the checkout named by `OGB`), run as the script with `--epochs 15
    --runs 2 --hidden_channels 64` (its other options as they are: a 3-layer `GCN` of PyG's
    `GCNConv` with batch norm and dropout 0.5, Adam 0.01, `log_steps` 1), ogb's own `Evaluator`
    (`ogbn-arxiv`'s accuracy, from the package's own `master.csv`); the dataset, which
    downloads, is SyntheticArxiv, and OGB_CHANGES the one change. It prints the arguments'
    `Namespace(...)`, then `Run: 01, Epoch: 01, Loss: 2.3125, Train: 20.00%, Valid: 18.33%
    Test: 17.50%` an epoch (no comma before `Test`), and `Logger.print_statistics` after each
    run (`Run 01:`, `Highest Train: 97.22`, `Highest Valid: 80.00`, `  Final Train: 96.11`,
    `   Final Test: 79.17`) and after all runs (`All runs:`, `Highest Train: 97.50 ± 0.39`...).
    Truth: the `Logger`'s own `results` (a (train, valid, test) tuple an epoch, in [0, 1]) as
    `Train`, `Valid` and `Test` in percent (as printed), and `train`'s returned loss as `Loss`,
    read from `main`'s frame as the line is printed (checked against `logger.results`), at
    the epoch (from 1, as printed: the run starts it again at 1); `print_statistics`' values
    read from its frame as it prints them (its `result` tensor, its `argmax`, its
    `best_result`), keyed as printed (`Highest Train`, `Highest Valid`, `Final Train`, `Final
    Test`), no step (the lines name none); after `± ` the standard deviation over the runs,
    which has no name of its own, is left out."""
    import builtins

    import torch

    root = os.environ.get("OGB")
    folder = os.path.join(root or "", "examples", "nodeproppred", "arxiv")
    if not root or not os.path.exists(os.path.join(folder, "gnn.py")):
        raise SystemExit("set OGB to a snap-stanford/ogb checkout")
    import ogb.nodeproppred

    ogb.nodeproppred.PygNodePropPredDataset = SyntheticArxiv  # type: ignore[misc, assignment]
    torch.manual_seed(0)
    torch.set_num_threads(1)
    truth: Truth = []
    epochs: list[tuple[int, int, Any]] = []
    kept: dict[str, Any] = {}
    names = ["Highest Train", "Highest Valid", "Final Train", "Final Test"]

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement.startswith("print(f'Run: {run + 1:02d}, '"):
            run, epoch, result = values["run"], values["epoch"], values["result"]
            epochs.append((run, epoch, result))
            kept["logger"] = values["logger"]
            truth.append(point("Loss", values["loss"], epoch))
            truth.extend(point(key, 100 * value, epoch)
                         for key, value in zip(("Train", "Valid", "Test"), result))

    def logged(*args: Any, **kwargs: Any) -> None:  # logger.py's own `print`
        values = sys._getframe(1).f_locals
        if args and str(args[0]).startswith("Highest Train:") and "best_result" not in values:
            result, argmax = values["result"], values["argmax"]
            stats = [result[:, 0].max(), result[:, 1].max(), result[argmax, 0],
                     result[argmax, 2]]
            truth.extend(point(name, float(value), None) for name, value in zip(names, stats))
        elif args and str(args[0]).startswith("Highest Train:"):
            means = values["best_result"].mean(dim=0)
            truth.extend(point(name, float(value), None) for name, value in zip(names, means))
        builtins.print(*args, **kwargs)

    sys.path.insert(0, folder)
    import logger  # the module gnn.py imports, its `print` the one above

    sys.path.remove(folder)
    logger.print = logged  # type: ignore[attr-defined]
    run_script(os.path.join(folder, "gnn.py"),
               ["--epochs", "15", "--runs", "2", "--hidden_channels", "64"], record,
               OGB_CHANGES)
    results = kept["logger"].results
    if [(run, epoch, result) for run, epoch, result in epochs] != [
            (run, epoch + 1, result) for run in range(2)
            for epoch, result in enumerate(results[run])]:
        raise SystemExit("ogb_arxiv_gnn: the printed epochs are not the Logger's results")
    return truth


CASES["ogb_arxiv_gnn"] = ogb_arxiv_gnn
OWN_ENVIRONMENT["ogb_arxiv_gnn"] = {name: f"{name} (ogb_arxiv_gnn case)" for name in
                                    ("torch", "torch-geometric", "ogb", "numpy", "pandas",
                                     "scikit-learn")}
OWN_CHECKOUT["ogb_arxiv_gnn"] = "OGB"
REPOSITORY_CHECKOUTS["OGB"] = ("snap-stanford/ogb", "OGB_COMMIT")


#     python -m venv ~/haiku-venv && ~/haiku-venv/bin/pip install dm-haiku jax optax absl-py
#     git clone https://github.com/google-deepmind/dm-haiku ~/dm-haiku
#     export HAIKU=~/dm-haiku HAIKU_COMMIT=$(git -C ~/dm-haiku rev-parse HEAD)
#     ~/haiku-venv/bin/python tests/corpus/make_corpus.py haiku_mnist

# examples/mnist.py trains 3001 steps of 1000 images and evaluates batches of 10000: the case's
# one change to it stops after 601 steps (7 evaluations).
HAIKU_STEPS = {"  for step in range(3001):": "  for step in range(601):"}


def haiku_mnist() -> Truth:
    """Haiku's MNIST example, google-deepmind/dm-haiku `examples/mnist.py` (the checkout named by
    `HAIKU`), run as the script does (its definitions, then `app.run(main)`): its
    LeNet-300-100 MLP (`hk.Sequential` of `hk.Linear`s), optax's Adam 1e-3 with weight decay
    in the loss, the parameters' moving average (`optax.incremental_update`) evaluated every
    100 steps on a batch of each split; HAIKU_STEPS the one change. Its `load_dataset`, which
    loads MNIST with TensorFlow Datasets, is replaced by synthetic 28x28x1 uint8 images of 10
    classes (a template a class, a fifth of each pixel, under noise; 5000 to train, 2000 to
    test) in `Batch`es of the sizes asked for (the training set shuffled, each split
    repeated), and `tensorflow_datasets`, imported at the top, is a module without it. It
    prints a dict a split every 100 steps, `{'step': 100, 'split': 'train', 'accuracy':
    '0.912'}` then the same for `'test'` (the accuracy as a string, `.3f`). Truth: the
    printing frame's `accuracy` (`evaluate`'s result, `.item()`) as each dict is printed, at
    its `step`, keyed by the split it names with the name printed, `train_accuracy` and
    `test_accuracy` (a single `accuracy` would mix the two splits' values at one step)."""
    import types

    import numpy as np

    root = os.environ.get("HAIKU")
    path = os.path.join(root or "", "examples", "mnist.py")
    if not root or not os.path.exists(path):
        raise SystemExit("set HAIKU to a google-deepmind/dm-haiku checkout")
    sys.modules["tensorflow_datasets"] = types.ModuleType("tensorflow_datasets")
    with open(path) as f:
        source = f.read()
    for old, new in HAIKU_STEPS.items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    rng = np.random.default_rng(0)
    templates = rng.uniform(0, 255, size=(10, 28, 28, 1))

    def images(n: int) -> tuple[Any, Any]:
        labels = rng.integers(0, 10, size=n)
        noise = rng.uniform(0, 255, size=(n, 28, 28, 1))
        return (templates[labels] * 0.2 + noise * 0.8).astype(np.uint8), labels

    sets = {"train": images(5000), "test": images(2000)}
    truth: Truth = []
    module: dict[str, Any] = {"__name__": "mnist", "__file__": "mnist.py"}

    def load_dataset(split: str, *, shuffle: bool, batch_size: int) -> Any:
        image, label = sets[split]
        order = np.arange(len(label))
        position = len(order)
        while True:
            chosen: list[Any] = []
            while sum(len(part) for part in chosen) < batch_size:
                if position == len(order):
                    order = rng.permutation(len(label)) if shuffle else order
                    position = 0
                wanted = batch_size - sum(len(part) for part in chosen)
                chosen.append(order[position:position + wanted])
                position += len(chosen[-1])
            picked = np.concatenate(chosen)
            yield module["Batch"](image=image[picked], label=label[picked])

    def printed(*args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_locals
        if args and isinstance(args[0], dict) and set(args[0]) == {"step", "split", "accuracy"}:
            truth.append(point(f"{values['split']}_accuracy", values["accuracy"],
                               values["step"]))
        print(*args, **kwargs)

    module["print"] = printed
    # The script's definitions, then its `__main__` block, `app.run(main)`, with the synthetic
    # data in place of its `load_dataset`.
    exec(compile(source, "mnist.py", "exec"), module)
    module["load_dataset"] = load_dataset
    sys.argv = ["mnist.py"]
    try:
        module["app"].run(module["main"])
    except SystemExit as done:  # absl's app.run exits when main returns
        if done.code not in (None, 0):
            raise
    if len(truth) != 14:
        raise SystemExit(f"haiku_mnist: {len(truth)} accuracies printed, not 14")
    return truth


CASES["haiku_mnist"] = haiku_mnist
OWN_ENVIRONMENT["haiku_mnist"] = {name: f"{name} (haiku_mnist case)" for name in
                                  ("dm-haiku", "jax", "jaxlib", "optax", "absl-py", "numpy")}
OWN_CHECKOUT["haiku_mnist"] = "HAIKU"
REPOSITORY_CHECKOUTS["HAIKU"] = ("google-deepmind/dm-haiku", "HAIKU_COMMIT")


#     python -m venv ~/dgl-venv && ~/dgl-venv/bin/pip install torch==2.13.0
#     git clone https://github.com/dmlc/dgl ~/dgl
#     export DGL_EXAMPLES=~/dgl/examples DGL_COMMIT=$(git -C ~/dgl rev-parse HEAD)
#     ~/dgl-venv/bin/python tests/corpus/make_corpus.py dgl_gcn
#
# DGL itself does not run here: its newest wheels (2.1) carry their graph libraries
# (`libgraphbolt_pytorch_*.so`, `libtensoradapter_pytorch_*.so`) for torch 2.0 to 2.2 only, and
# torch 2.2 from PyPI is a CUDA build. The case runs the example's train.py as it is, on
# plain-torch stand-ins for the three DGL modules it imports (dgl_modules).


class PlainGraph:
    """What train.py uses of a `DGLGraph`: `ndata`, `int()`, `to(device)`, and the symmetric
    normalised adjacency `D^-1/2 A D^-1/2` that DGL's `GraphConv` (its default `norm="both"`)
    multiplies the features by (a dense matrix: the graph is small)."""

    def __init__(self, sources: Any, targets: Any, nodes: int) -> None:
        self.sources, self.targets, self.nodes = sources, targets, nodes
        self.ndata: dict[str, Any] = {}

    def int(self) -> PlainGraph:
        return self

    def to(self, device: Any) -> PlainGraph:
        return self

    def adjacency(self) -> Any:
        import torch

        out_degree = torch.bincount(self.sources, minlength=self.nodes).clamp(min=1).float()
        in_degree = torch.bincount(self.targets, minlength=self.nodes).clamp(min=1).float()
        weight = out_degree[self.sources] ** -0.5 * in_degree[self.targets] ** -0.5
        return torch.zeros(self.nodes, self.nodes).index_put_((self.targets, self.sources),
                                                              weight, accumulate=True)


def dgl_modules() -> None:
    """`dgl`, `dgl.nn` and `dgl.data` as train.py uses them, in plain torch: `AddSelfLoop` (it
    removes self-loops, then adds one a node, as DGL's), `dgl.nn.GraphConv(in_feats,
    out_feats, activation=None)` (DGL's defaults: `norm="both"`, a Glorot-uniform weight and a
    zero bias, the weight applied first when it narrows the features) and the three citation
    datasets of `dgl.data` (SyntheticCora: the case runs with `--dataset cora`)."""
    import types

    import torch
    from torch import nn

    class AddSelfLoop:
        def __call__(self, graph: PlainGraph) -> PlainGraph:
            keep = graph.sources != graph.targets
            loops = torch.arange(graph.nodes)
            looped = PlainGraph(torch.cat([graph.sources[keep], loops]),
                                torch.cat([graph.targets[keep], loops]), graph.nodes)
            looped.ndata.update(graph.ndata)
            return looped

    class GraphConv(nn.Module):
        def __init__(self, in_feats: int, out_feats: int, activation: Any = None) -> None:
            super().__init__()
            self.weight = nn.Parameter(torch.empty(in_feats, out_feats))
            self.bias = nn.Parameter(torch.zeros(out_feats))
            self.activation = activation
            nn.init.xavier_uniform_(self.weight)

        def forward(self, graph: PlainGraph, feat: Any) -> Any:
            adjacency = graph.adjacency()
            if self.weight.shape[0] > self.weight.shape[1]:
                rst = adjacency @ (feat @ self.weight)
            else:
                rst = adjacency @ feat @ self.weight
            rst = rst + self.bias
            return self.activation(rst) if self.activation is not None else rst

    dgl = types.ModuleType("dgl")
    dgl.__path__ = []  # type: ignore[attr-defined]
    dgl.AddSelfLoop = AddSelfLoop  # type: ignore[attr-defined]
    dgl_nn = types.ModuleType("dgl.nn")
    dgl_nn.GraphConv = GraphConv  # type: ignore[attr-defined]
    dgl_data = types.ModuleType("dgl.data")
    for name in ("CoraGraphDataset", "CiteseerGraphDataset", "PubmedGraphDataset"):
        setattr(dgl_data, name, SyntheticCora)
    dgl.nn, dgl.data = dgl_nn, dgl_data  # type: ignore[attr-defined]
    sys.modules.update({"dgl": dgl, "dgl.nn": dgl_nn, "dgl.data": dgl_data})


class SyntheticCora:
    """Stands for DGL's `CoraGraphDataset(transform=...)`, which downloads Cora: one graph of
    700 nodes in 7 classes (4 edges a node, 45% of them within its class, each edge listed
    both ways), 64 features (noise around a mean of each class's own, at 0.25 of the noise's
    scale), and Cora's masks in `ndata` (70 nodes to train, 10 a class; 200 to validate; 300 to
    test), the transform applied as the dataset applies it."""

    num_classes = 7

    def __init__(self, transform: Any = None, **kwargs: Any) -> None:
        import torch

        generator = torch.Generator().manual_seed(0)
        n, classes = 700, self.num_classes
        label = torch.arange(n) % classes
        means = torch.randn(classes, 64, generator=generator)
        feat = means[label] * 0.25 + torch.randn(n, 64, generator=generator)
        sources = torch.arange(n).repeat_interleave(4)
        same = torch.rand(4 * n, generator=generator) < 0.45
        offsets = torch.randint(1, n // classes, (4 * n,), generator=generator) * classes
        anywhere = torch.randint(n, (4 * n,), generator=generator)
        targets = torch.where(same, (sources + offsets) % n, anywhere)
        keep = sources != targets
        graph = PlainGraph(torch.cat([sources[keep], targets[keep]]),
                           torch.cat([targets[keep], sources[keep]]), n)
        order = torch.randperm(n, generator=generator)
        train = order[torch.cat([torch.nonzero(label[order] == c).flatten()[:10]
                                 for c in range(classes)])]
        rest = order[~torch.isin(order, train)]
        masks = {}
        for name, nodes in (("train_mask", train), ("val_mask", rest[:200]),
                            ("test_mask", rest[200:500])):
            masks[name] = torch.zeros(n, dtype=torch.bool)
            masks[name][nodes] = True
        graph.ndata.update(feat=feat, label=label, **masks)
        self.graph = transform(graph) if transform else graph

    def __getitem__(self, index: int) -> Any:
        return self.graph

    def __len__(self) -> int:
        return 1


def dgl_gcn() -> Truth:
    """DGL's GCN example, dmlc/dgl `examples/pytorch/gcn/train.py` (the folder named by
    `DGL_EXAMPLES`), run as the script with its defaults (`--dataset cora`), nothing in it
    changed: its two-layer `GCN` of `dglnn.GraphConv` (16 hidden units, dropout 0.5), Adam
    1e-2 with weight decay 5e-4, 200 epochs, full graph, CPU, on dgl_modules' plain-torch
    `dgl` (DGL does not run on this torch) and SyntheticCora in `CoraGraphDataset`'s place. It
    prints `Training with DGL built-in GraphConv module.`, `Training...`, then `Epoch 00000 |
    Loss 1.9462 | Accuracy 0.1500 ` an epoch (the validation accuracy; a space at the end),
    `Testing...` and `Test accuracy 0.7833`. Truth: the printing frames' values as each line is
    printed: `train`'s `loss.item()` as `Loss` and its `acc` (`evaluate` on the validation
    mask) as `Accuracy` at `epoch` (from 0, as printed), and the script's test `acc` as `Test
    accuracy`, no step (the line names none)."""
    import torch

    folder = os.environ.get("DGL_EXAMPLES")
    path = os.path.join(folder or "", "pytorch", "gcn", "train.py")
    if not folder or not os.path.exists(path):
        raise SystemExit("set DGL_EXAMPLES to the examples folder of a dmlc/dgl checkout")
    dgl_modules()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if '"Epoch {:05d} | Loss {:.4f} | Accuracy {:.4f} "' in statement:
            truth.extend([point("Loss", values["loss"].item(), values["epoch"]),
                          point("Accuracy", values["acc"], values["epoch"])])
        elif '"Test accuracy {:.4f}"' in statement:
            truth.append(point("Test accuracy", values["acc"], None))

    run_script(path, [], record)
    if len(truth) != 401:
        raise SystemExit(f"dgl_gcn: {len(truth)} points, not 200 epochs' and the test's")
    return truth


CASES["dgl_gcn"] = dgl_gcn
OWN_ENVIRONMENT["dgl_gcn"] = {"torch": "torch (dgl_gcn case)", "numpy": "numpy (dgl_gcn case)"}
OWN_CHECKOUT["dgl_gcn"] = "DGL_EXAMPLES"
REPOSITORY_CHECKOUTS["DGL_EXAMPLES"] = ("dmlc/dgl examples/pytorch/gcn/train.py", "DGL_COMMIT")


#     python -m venv ~/makemore-venv && ~/makemore-venv/bin/pip install torch==2.13.0
#     ~/makemore-venv/bin/pip install torch==2.13.0 matplotlib
#     git clone https://github.com/karpathy/nn-zero-to-hero ~/nn-zero-to-hero
#     export NN_ZERO_TO_HERO=~/nn-zero-to-hero
#     export NN_ZERO_TO_HERO_COMMIT=$(git -C ~/nn-zero-to-hero rev-parse HEAD)
#     ~/makemore-venv/bin/python tests/corpus/make_corpus.py makemore_part3_bn

# The lecture's first loop runs 200000 steps (many minutes here) and prints every 10000: the
# case's two changes stop it after 10000 (its learning rate decays at 100000, so its schedule
# is unchanged) and print every 1000.
MAKEMORE_BN_STEPS = {"max_steps = 200000\nbatch_size = 32\nlossi = []\n\n":
                     "max_steps = 10000\nbatch_size = 32\nlossi = []\n\n",
                     "  if i % 10000 == 0: # print every once in a while\n":
                     "  if i % 1000 == 0: # print every once in a while\n"}
MAKEMORE_SYLLABLES = ["ka", "li", "ma", "ro", "na", "el", "an", "ja", "son", "ri", "ya", "de",
                      "mi", "la", "on", "ther", "bel", "is", "ca", "ny"]


def makemore_part3_bn() -> Truth:
    """Andrej Karpathy's "Neural Networks: Zero to Hero" lecture on batch normalisation,
    karpathy/nn-zero-to-hero `lectures/makemore/makemore_part3_bn.ipynb` (the checkout named by
    `NN_ZERO_TO_HERO`): its code cells up to the lecture's summary (`# SUMMARY +
    PYTORCHIFYING`) run in order as one script, as the notebook runs them (the `%matplotlib
    inline` magic dropped, matplotlib drawing off screen; cells that only show a value, such
    as `len(words)`, show nothing outside a notebook): the character-level MLP with a
    batch-normalised hidden layer of 200, trained by plain SGD on batches of 32, then
    `split_loss('train')` and `split_loss('val')`. MAKEMORE_BN_STEPS are the changes. Its
    `names.txt` (the makemore data set, not in this repository) is 3000 made-up names of 2 to
    4 syllables, written in the run's folder first. It prints `itos`, the vocabulary size,
    the data set's shapes, the parameter count, `      0/  10000: 2.8841` every 1000 steps
    (`print(f'{i:7d}/{max_steps:7d}: {loss.item():.4f}')`) and `train 2.0674` / `val 2.1056`
    (`print(split, loss.item())`, the full float). Truth: the printing frames' values as each
    line is printed: the loop's `loss.item()` as `loss` (the name the statement formats; the
    line prints no name) at `i` (from 0, as printed), and `split_loss`'s `loss.item()` keyed
    by the split it prints (`train`, `val`), no step (the line names none). `max_steps` is a
    setting."""
    import builtins
    import random

    root = os.environ.get("NN_ZERO_TO_HERO")
    path = os.path.join(root or "", "lectures", "makemore", "makemore_part3_bn.ipynb")
    if not root or not os.path.exists(path):
        raise SystemExit("set NN_ZERO_TO_HERO to a karpathy/nn-zero-to-hero checkout")
    os.environ["MPLBACKEND"] = "Agg"
    import torch

    torch.set_num_threads(1)
    cells = ipynb_cells(path)
    cells = cells[:next(i for i, cell in enumerate(cells) if "# SUMMARY + PYTORCHIFYING" in cell)]
    source = "\n\n".join("\n".join(line for line in cell.splitlines()
                                   if not line.startswith("%")) for cell in cells)
    for old, new in MAKEMORE_BN_STEPS.items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    truth: Truth = []

    def printed(*args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_locals
        if args and isinstance(args[0], str) and "/" in args[0] and "i" in values:
            truth.append(point("loss", values["loss"].item(), values["i"]))
        elif len(args) == 2 and args[0] in ("train", "val", "test"):
            truth.append(point(args[0], values["loss"].item(), None))
        builtins.print(*args, **kwargs)

    rng = random.Random(0)
    names = {"".join(rng.choices(MAKEMORE_SYLLABLES, k=rng.randint(2, 4))) for _ in range(3400)}
    cwd = os.getcwd()
    folder = tempfile.mkdtemp()
    os.chdir(folder)
    try:
        with open("names.txt", "w") as f:
            f.write("\n".join(sorted(names)[:3000]) + "\n")
        exec(compile(source, "makemore_part3_bn.ipynb", "exec"),
             {"__name__": "__main__", "print": printed})
    finally:
        os.chdir(cwd)
        import shutil

        shutil.rmtree(folder)
    if [p["key"] for p in truth] != ["loss"] * 10 + ["train", "val"]:
        raise SystemExit(f"makemore_part3_bn: printed {[p['key'] for p in truth]}")
    return truth


CASES["makemore_part3_bn"] = makemore_part3_bn
OWN_ENVIRONMENT["makemore_part3_bn"] = {name: f"{name} (makemore_part3_bn case)"
                                        for name in ("torch", "matplotlib", "numpy")}
OWN_CHECKOUT["makemore_part3_bn"] = "NN_ZERO_TO_HERO"
REPOSITORY_CHECKOUTS["NN_ZERO_TO_HERO"] = ("karpathy/nn-zero-to-hero", "NN_ZERO_TO_HERO_COMMIT")


# --- bayesian-optimization, SciPy's trust-constr, cvxpy's solvers, dynesty, PyMC's ADVI --------
# Each runs alone, in one environment of their own (no tqdm: with tqdm installed dynesty draws a
# bar instead of its own status line); PyMC in another:
#
#     python -m venv ~/solver-venv
#     ~/solver-venv/bin/pip install bayesian-optimization scipy cvxpy osqp clarabel dynesty
#     ~/solver-venv/bin/python tests/corpus/make_corpus.py bayes_opt_maximize   # and the others
#     python -m venv ~/pymc-venv && ~/pymc-venv/bin/pip install pymc
#     ~/pymc-venv/bin/python tests/corpus/make_corpus.py pymc_advi


def bayes_opt_maximize() -> Truth:
    """bayesian-optimization's README example, `BayesianOptimization(f=black_box_function,
    pbounds={"x": (2, 4), "y": (-3, 3)}, verbose=2, random_state=1)`, then
    `maximize(init_points=3, n_iter=12)`: the table `|   iter    |  target   |     x     |
    y     |` between rules, a row a probe, `| 4         | -6.587708 | 2.7410996 | 1.2721786 |`
    (coloured when the target is a new maximum, through a pipe too). Truth: `optimizer.res`, each
    probe's `target` at its row (from 1, as printed); `x` and `y` are the parameters the probe
    tried (settings, as optuna's), left out."""
    from bayes_opt import BayesianOptimization

    def black_box_function(x: float, y: float) -> float:
        return -x ** 2 - (y - 1) ** 2 + 1

    pbounds = {"x": (2, 4), "y": (-3, 3)}
    optimizer = BayesianOptimization(f=black_box_function, pbounds=pbounds, verbose=2,
                                     random_state=1)
    optimizer.maximize(init_points=3, n_iter=12)
    return [point("target", probe["target"], i + 1) for i, probe in enumerate(optimizer.res)]


SOLVER_ENVIRONMENT = {name: f"{name} (bayesian-optimization, trust-constr, cvxpy, dynesty cases)"
                      for name in ("numpy", "scipy")}
CASES["bayes_opt_maximize"] = bayes_opt_maximize
OWN_ENVIRONMENT["bayes_opt_maximize"] = dict(SOLVER_ENVIRONMENT,
                                             **{"bayesian-optimization": "bayesian-optimization"})



def scipy_trust_constr() -> Truth:
    """SciPy's `minimize(..., method="trust-constr")` of its tutorial's constrained example (the
    Rosenbrock function of two variables, `Bounds([0, -0.5], [1.0, 2.0])`, a `LinearConstraint`
    and a `NonlinearConstraint` with their Jacobians and Hessians, from `x0 = [0.5, 0]`) with
    `options={"verbose": 3}` (the interior-point method's table: `| niter |f evals|CG iter|  obj
    func   |tr radius |   opt    |  c viol  | penalty  |barrier param|CG stop|`, then
    `|   2   |   2   |   1   | +9.7363e-01 | 6.12e+00 | 1.28e+00 | 1.27e-01 | 1.00e+00 |
    1.00e-01   |   1   |`), then of its unconstrained example (Rosenbrock in five variables,
    `x0 = [1.3, 0.7, 0.8, 1.9, 1.2]`) with `{"verbose": 2}` (the table's first seven columns);
    after each, the termination message and `Number of iterations: 12, function evaluations: 8,
    CG iterations: 7, optimality: 2.96e-09, constraint violation: 0.00e+00, execution time:
    0.064 s.` Truth: the state the callback is given after each row is printed (the same object
    the row is printed from): `fun` as `obj_func`, `tr_radius`, `optimality` as `opt`,
    `constr_violation` as `c_viol`, and in the first table `constr_penalty` as `penalty` and
    `barrier_parameter` as `barrier_param`, at `nit` (the `niter` printed, from 1, again in the
    second table); each result's `optimality` and `constr_violation` as `optimality` and
    `constraint_violation`, no step. Left out: the counts (`f evals`, `CG iter`, and the
    footer's), `CG stop` (a code for why the CG loop stopped) and the execution time."""
    import numpy as np
    from scipy.optimize import (
        Bounds,
        LinearConstraint,
        NonlinearConstraint,
        minimize,
        rosen,
        rosen_der,
        rosen_hess,
    )

    truth: Truth = []
    columns = {"fun": "obj_func", "tr_radius": "tr_radius", "optimality": "opt",
               "constr_violation": "c_viol"}

    def record(intermediate_result: Any) -> None:
        names = dict(columns)
        if intermediate_result.method == "tr_interior_point":
            names.update(constr_penalty="penalty", barrier_parameter="barrier_param")
        truth.extend(point(name, intermediate_result[field], intermediate_result.nit)
                     for field, name in names.items())

    bounds = Bounds([0, -0.5], [1.0, 2.0])
    linear_constraint = LinearConstraint([[1, 2], [2, 1]], [-np.inf, 1], [1, 1])

    def cons_f(x: Any) -> list[float]:
        return [x[0]**2 + x[1], x[0]**2 - x[1]]

    def cons_J(x: Any) -> list[list[float]]:  # noqa: N802
        return [[2*x[0], 1], [2*x[0], -1]]

    def cons_H(x: Any, v: Any) -> Any:  # noqa: N802
        return v[0]*np.array([[2, 0], [0, 0]]) + v[1]*np.array([[2, 0], [0, 0]])

    nonlinear_constraint = NonlinearConstraint(cons_f, -np.inf, 1, jac=cons_J, hess=cons_H)
    x0 = np.array([0.5, 0])
    res = minimize(rosen, x0, method='trust-constr', jac=rosen_der, hess=rosen_hess,
                   constraints=[linear_constraint, nonlinear_constraint],
                   options={'verbose': 3}, bounds=bounds, callback=record)
    truth += [point("optimality", res.optimality, None),
              point("constraint_violation", res.constr_violation, None)]
    x0 = np.array([1.3, 0.7, 0.8, 1.9, 1.2])
    res = minimize(rosen, x0, method='trust-constr', jac=rosen_der, hess=rosen_hess,
                   options={'verbose': 2}, callback=record)
    truth += [point("optimality", res.optimality, None),
              point("constraint_violation", res.constr_violation, None)]
    return truth


CASES["scipy_trust_constr"] = scipy_trust_constr
OWN_ENVIRONMENT["scipy_trust_constr"] = SOLVER_ENVIRONMENT



def cvxpy_solvers() -> Truth:
    """cvxpy's constrained least-squares example (`cp.Minimize(cp.sum_squares(A @ x - b))`,
    `[0 <= x, x <= 1]`, A 30 x 10 and b random, `np.random.seed(1)`) solved twice with
    `verbose=True`, by Clarabel then by OSQP. cvxpy prints its own banner, compilation and
    summary lines (`(CVXPY) Dec 02 01:53:20 PM: Optimal value: 2.631e+01`); Clarabel (Rust)
    prints its settings and a row an iteration, `iter    pcost        dcost       gap
    pres      dres      k/t        μ       step`, `  1  +2.6141e+01  +2.4289e+01  7.62e-02
    2.75e-02  3.26e-16  2.36e-01  5.46e-01  9.45e-01` (row 0's step `------`); OSQP (C) its
    settings, `iter   objective    prim res   dual res   gap        rel kkt    rho
    time` and a row every 50 iterations, the polished row `plsh`, then `optimal objective:
    26.3132`, `dual objective:`, `duality gap:`, `primal-dual integral:`, `optimal rho
    estimate:`. Truth: Clarabel's own info at each iteration, given to a termination callback
    (set on the solver cvxpy makes, `clarabel.DefaultSolver` wrapped): `cost_primal` as
    `pcost`, `cost_dual` as `dcost`, the lesser of `gap_abs` and `gap_rel` as `gap` (what
    Clarabel prints), `res_primal` as `pres`, `res_dual` as `dres`, `ktratio` as `k/t`, `mu` as
    `μ`, `step_length` as `step` (not at iteration 0), at `iterations` (from 0, as printed);
    OSQP's results object (cvxpy's `solver_stats.extra_stats`): `info.obj_val`,
    `dual_obj_val`, `duality_gap`, `primdual_int`, `rho_estimate` under the names printed, no
    step; each solve's `problem.value` as `Optimal_value`, no step. OSQP's iteration rows are
    printed by its C code from values it keeps nowhere the program can read (the results hold
    only the final, polished ones): left out. Times, the counts of the problem's size and
    the settings are left out."""
    import clarabel
    import cvxpy as cp
    import numpy as np

    truth: Truth = []
    made = clarabel.DefaultSolver

    def record(info: Any) -> bool:
        step = info.iterations
        truth.extend([point("pcost", info.cost_primal, step),
                      point("dcost", info.cost_dual, step),
                      point("gap", min(info.gap_abs, info.gap_rel), step),
                      point("pres", info.res_primal, step),
                      point("dres", info.res_dual, step),
                      point("k/t", info.ktratio, step),
                      point("μ", info.mu, step)])
        if step > 0:
            truth.append(point("step", info.step_length, step))
        return False  # go on

    def solver(*args: Any) -> Any:
        made_solver = made(*args)
        made_solver.set_termination_callback(record)
        return made_solver

    clarabel.DefaultSolver = solver
    np.random.seed(1)
    m, n = 30, 10
    A = np.random.randn(m, n)  # noqa: N806
    b = np.random.randn(m)
    x = cp.Variable(n)
    problem = cp.Problem(cp.Minimize(cp.sum_squares(A @ x - b)), [0 <= x, x <= 1])
    problem.solve(solver="CLARABEL", verbose=True)
    truth.append(point("Optimal_value", problem.value, None))
    problem.solve(solver="OSQP", verbose=True)
    info = problem.solver_stats.extra_stats.info
    truth += [point("optimal_objective", info.obj_val, None),
              point("dual_objective", info.dual_obj_val, None),
              point("duality_gap", info.duality_gap, None),
              point("primal-dual_integral", info.primdual_int, None),
              point("optimal_rho_estimate", info.rho_estimate, None),
              point("Optimal_value", problem.value, None)]
    return truth


CASES["cvxpy_solvers"] = cvxpy_solvers
OWN_ENVIRONMENT["cvxpy_solvers"] = dict(SOLVER_ENVIRONMENT, cvxpy="cvxpy", clarabel="clarabel",
                                        osqp="osqp")


def dynesty_static() -> Truth:
    """dynesty's static `NestedSampler(loglike, prior_transform, 2, nlive=40,
    rstate=np.random.default_rng(0))` of a two-dimensional Gaussian likelihood (sigma 0.1) in a
    uniform prior box of side 10, `run_nested(dlogz=0.5, print_progress=True)`, without tqdm
    (with tqdm installed it draws a bar instead): its status line, redrawn on stderr with `\r`
    after each iteration, `iter: 123 | bound: 2 | nc: 1 | ncall: 412 | eff(%): 29.854 |
    loglstar: -12.345 | logz: -19.876 +/-  0.302 | dlogz: 11.234 >  0.500`, then, as the
    live points are added at the end, `iter: 432 | +46 | bound: ...` (the last iteration
    again, with the live point's number). On a terminal narrower than the line (100
    columns here) it prints the middle form, `+46 | eff(%): 18.363 | logl*:   -0.0 | logz:
    -7.7+/-0.4 | dlogz:    0.0>   0.5` (one decimal, no iteration). Truth: the iteration's own
    result, given to the print function the run is passed (`print_func`, which then prints
    with dynesty's own `print_fn`): `eff` as `eff(%)`, `loglstar` as `loglstar` (`logl*` in
    the middle form), `logz` and `delta_logz` as `dlogz`, at the printed `iter` (the last
    iteration for each added live point; no step in the middle form, which prints none),
    under the names of the form the line is printed in (dynesty's choice between them, the
    width of the terminal against each form's length). Left out: values dynesty prints as
    `inf` or `-inf` (its first iterations' `dlogz`), the counts (`bound`, `nc`, `ncall`, the
    live point's number), the error after `+/-` (printed with no name of its own) and the
    stopping criterion after `>` (a setting)."""
    import shutil

    import dynesty
    import numpy as np
    from dynesty.utils import get_print_fn_args, print_fn

    truth: Truth = []

    def record(results: Any, niter: int, ncall: int, **kwargs: Any) -> None:
        strings = get_print_fn_args(results, niter, ncall, **kwargs)
        columns = (shutil.get_terminal_size(fallback=(80, 25))[0] if sys.stderr.isatty()
                   else 200)  # as dynesty's print_fn_fallback decides
        long = columns > len(" | ".join([f"iter: {niter:d}"] + strings.long_str))
        values = [("eff(%)", results.eff),
                  ("loglstar" if long else "logl*", results.loglstar),
                  ("logz", results.logz), ("dlogz", results.delta_logz)]
        truth.extend(point(key, value, niter if long else None) for key, value in values
                     if -1e6 < value <= 1e6)
        print_fn(results, niter, ncall, **kwargs)

    def loglike(x: Any) -> float:
        return -0.5 * np.sum(x ** 2 / 0.1 ** 2)

    def prior_transform(u: Any) -> Any:
        return 10.0 * u - 5.0

    sampler = dynesty.NestedSampler(loglike, prior_transform, 2, nlive=40,
                                    rstate=np.random.default_rng(0))
    sampler.run_nested(dlogz=0.5, print_progress=True, print_func=record)
    return truth


CASES["dynesty_static"] = dynesty_static
OWN_ENVIRONMENT["dynesty_static"] = dict(SOLVER_ENVIRONMENT, dynesty="dynesty")
NAMES_BY_MODE["dynesty_static"] = {"logl*": "loglstar"}



def pymc_advi() -> Truth:
    """PyMC's ADVI, `pm.fit(n=2000, method="advi", random_seed=0)`, of a normal model (`mu ~
    Normal(0, 10)`, `sigma ~ HalfNormal(5)`, 100 synthetic observations of N(1, 2)): its rich
    bar, `Fitting: ━━━━━━━━━━━━━━━━━━━━━━━━ 100% 0:00:00 Average Loss = 264.25` (the loss
    `,.5g`, thousands with a comma; a new value every 10 iterations, drawn on rich's timer on
    a terminal and once, at the end, through a pipe), then `Finished [100%]: Average Loss =
    264.15` from PyMC's logger. Truth: `approx.hist`, the loss of each iteration: the mean of
    its last 1001 entries (its finite ones; all are here) that the bar is given at every 10th
    iteration `i` (from 0: `hist[max(0, i - 1000) : i + 1]`), and the one the last line
    prints (`i = n - 1`), as `Average_Loss`, no step (the bar shows a percentage, not its
    count)."""
    import numpy as np
    import pymc as pm

    rng = np.random.default_rng(0)
    data = rng.normal(1.0, 2.0, size=100)
    n = 2000
    with pm.Model():
        mu = pm.Normal("mu", 0, 10)
        sigma = pm.HalfNormal("sigma", 5)
        pm.Normal("obs", mu, sigma, observed=data)
        approx = pm.fit(n=n, method="advi", random_seed=0)
    hist = np.asarray(approx.hist)
    if len(hist) != n or not np.all(np.isfinite(hist)):
        raise SystemExit("pymc_advi: the history is not one finite loss an iteration")
    truth = [point("Average_Loss", hist[max(0, i - 1000) : i + 1].mean(), None)
             for i in range(0, n, 10)]
    return truth + [point("Average_Loss", hist[max(0, n - 1 - 1000) : n].mean(), None)]


CASES["pymc_advi"] = pymc_advi
OWN_ENVIRONMENT["pymc_advi"] = {"pymc": "pymc", "pytensor": "pytensor (pymc_advi case)",
                                "numpy": "numpy (pymc_advi case)",
                                "rich": "rich (pymc_advi case)"}



def nevergrad_minimize() -> Truth:
    """nevergrad's README example with its `OnePlusOne` optimizer (the README's `NGOpt`, past
    25 evaluations of this problem, fits a metamodel that fails on NumPy 2.4 and hangs),
    `ng.optimizers.OnePlusOne(parametrization=2, budget=30)` then `optimizer.minimize(square,
    verbosity=2)` of its `square` (`sum((x - 0.5) ** 2)`), the parametrization seeded
    (`optimizer.parametrization.random_state.seed(0)`): for each
    evaluation `Launching 1 jobs with new suggestions`, `Updating fitness with value
    4.326215604014895` (the loss as Python prints it), `19 remaining budget and 0 running
    jobs`, `Current pessimistic best is: MultiValue<mean: 4.326215604014895, count: 1,
    parameter: Array{(2,)}:[-1.46380014 -0.18534999]>`. Truth: read from `minimize`'s frame by
    the file it prints to, as each line is printed: the finished job's `result()` (the value
    told to the optimizer) as `fitness`, the name the line gives it, and
    `current_bests["pessimistic"].mean` (the pessimistic best's mean loss) as
    `Current_pessimistic_best/mean`, the field of the repr under the line's name; no step (the
    lines name none: the remaining budget counts down). Left out: the counts (jobs, remaining
    budget, running jobs, the best's `count`) and the best's parameter (the solution)."""
    import nevergrad as ng
    import numpy as np

    truth: Truth = []
    stdout = sys.stdout

    class Stdout:
        """Where `minimize` prints: reads the values it prints from its frame."""

        def write(self, text: str) -> int:
            frame = sys._getframe(1)
            if frame.f_code.co_name == "minimize" and text.startswith("Updating fitness"):
                truth.append(point("fitness", frame.f_locals["job"].result(), None))
            elif frame.f_code.co_name == "minimize" and text.startswith("Current pessimistic"):
                best = frame.f_locals["self"].current_bests["pessimistic"]
                truth.append(point("Current_pessimistic_best/mean", best.mean, None))
            return stdout.write(text)

        def flush(self) -> None:
            stdout.flush()

    def square(x: Any) -> float:
        return float(np.sum((x - 0.5) ** 2))

    optimizer = ng.optimizers.OnePlusOne(parametrization=2, budget=30)
    optimizer.parametrization.random_state.seed(0)
    sys.stdout = Stdout()  # type: ignore[assignment]
    try:
        optimizer.minimize(square, verbosity=2)
    finally:
        sys.stdout = stdout
    return truth


CASES["nevergrad_minimize"] = nevergrad_minimize
OWN_ENVIRONMENT["nevergrad_minimize"] = dict(SOLVER_ENVIRONMENT, nevergrad="nevergrad")



def sklearn_svc_libsvm() -> Truth:
    """scikit-learn's `SVC(verbose=True, random_state=0)` fitted to 150 synthetic points of
    three classes (`make_classification(n_samples=150, n_features=6, n_informative=4,
    n_classes=3, random_state=0)`): libsvm, in C, prints `[LibSVM]`, its progress stars and dots,
    then for each of the three one-against-one problems `optimization finished, #iter = 100`,
    `obj = -40.725130, rho = 0.078841`, `nSV = 64, nBSV = 42`, and at the end `Total nSV =
    109`. Truth: the fitted `intercept_`, which scikit-learn takes from libsvm's `rho`
    negated, one a problem in the order libsvm solves (and prints) them, as `rho`, no step (the
    lines name none). Left out: `obj`, the dual objective, which libsvm prints from a C local
    and keeps nowhere the program can read (no record to take it from); the counts (`#iter`,
    kept as `n_iter_`, `nSV`, `nBSV`, `Total nSV`)."""
    from sklearn.datasets import make_classification
    from sklearn.svm import SVC

    x, y = make_classification(n_samples=150, n_features=6, n_informative=4, n_classes=3,
                               random_state=0)
    model = SVC(verbose=True, random_state=0).fit(x, y)
    sys.stdout.flush()
    return [point("rho", -intercept, None) for intercept in model.intercept_]


CASES["sklearn_svc_libsvm"] = sklearn_svc_libsvm
OWN_ENVIRONMENT["sklearn_svc_libsvm"] = dict(SOLVER_ENVIRONMENT, **{
    "scikit-learn": "scikit-learn (sklearn_svc_libsvm case)"})



# --- PyKEEN, RecBole, simpletransformers, LightFM, mljar-supervised / PyCaret, scikit-learn ---
# Each runs alone, in an environment of its own (torch, where a case needs it, the CPU wheel):
#
#     python -m venv ~/pykeen-venv && ~/pykeen-venv/bin/pip install torch==2.13.0
#     ~/pykeen-venv/bin/pip install torch==2.13.0 pykeen
#     ~/pykeen-venv/bin/python tests/corpus/make_corpus.py pykeen_transe


def pykeen_transe() -> Truth:
    """PyKEEN's `pipeline(dataset="Nations", model="TransE", training_kwargs=dict(num_epochs=5),
    random_seed=0, device="cpu")` (Nations ships inside the package: nothing downloaded). Its
    training loop (`pykeen/training/training_loop.py`, `_train`) draws an outer tqdm bar,
    `Training epochs on cpu`, and a transient inner one an epoch, `Training batches on cpu`
    (`unit_scale=True`: `2.00/7.00`), and after each epoch `epochs.set_postfix({"loss":
    losses_per_epochs[-1], "prev_loss": losses_per_epochs[-2] if epoch > 1 else nan})`, drawn
    at once with the count before the epoch is counted and again after it: `Training epochs
    on cpu:  20%|██        | 1/5 [00:02<00:11,  2.96s/epoch, loss=1.34, prev_loss=nan]`. The
    evaluation that follows draws `Evaluating on cpu` and logs `Evaluation took 2.32s seconds`;
    it prints none of its metrics. Truth: `result.losses` (the loop's `losses_per_epochs`) as
    `loss` at the epoch (from 1, the bar's count once the epoch is counted). `prev_loss`
    repeats the previous epoch's `loss` (as optuna's `Best is trial 1 with value`): no point of
    its own."""
    import torch
    from pykeen.pipeline import pipeline

    torch.set_num_threads(1)
    result = pipeline(dataset="Nations", model="TransE", training_kwargs=dict(num_epochs=5),
                      random_seed=0, device="cpu")
    if len(result.losses) != 5:
        raise SystemExit(f"pykeen_transe: {len(result.losses)} losses, not 5")
    return [point("loss", value, epoch + 1) for epoch, value in enumerate(result.losses)]


CASES["pykeen_transe"] = pykeen_transe
OWN_ENVIRONMENT["pykeen_transe"] = {"pykeen": "pykeen", "torch": "torch (pykeen_transe case)",
                                    "tqdm": "tqdm (pykeen_transe case)",
                                    "numpy": "numpy (pykeen_transe case)"}


# scikit-learn's verbose cross-validation, in an environment of its own:
#
#     python -m venv ~/sklearn-venv && ~/sklearn-venv/bin/pip install scikit-learn
#     ~/sklearn-venv/bin/python tests/corpus/make_corpus.py sklearn_cross_validate


def sklearn_cross_validate() -> Truth:
    """scikit-learn's verbose cross-validation of a random forest that is verbose itself, then
    a learning curve, on `make_classification(n_samples=150, n_features=6, random_state=0)`,
    one process (`n_jobs=None`: the folds run and print in order):
    `cross_validate(RandomForestClassifier(n_estimators=4, max_depth=3, random_state=0,
    verbose=2), x, y, cv=3, verbose=3, return_train_score=True)`, the same with
    `scoring=["accuracy", "f1"]`, and `learning_curve(LogisticRegression(), x, y, cv=3,
    train_sizes=[0.3, 0.6, 1.0], verbose=3, random_state=0)`. `_fit_and_score`
    (`sklearn/model_selection/_validation.py`) prints a line a fit, `[CV] END
    ........................ score=(train=0.960, test=0.880) total time=   0.0s`, with several
    scorers `[CV] END  accuracy: (train=0.960, test=0.880) f1: (train=0.961, test=0.877) total
    time=   0.0s`; `learning_curve` prints `[learning_curve] Training set sizes: [ 30  60
    100]` first; the forest prints `building tree 1 of 4` as it fits and joblib's
    `[Parallel(n_jobs=1)]: Done   4 out of   4 | elapsed:    0.0s finished` after fitting and
    after each prediction. Truth: the dicts `cross_validate` returns (`train_score` and
    `test_score`; `train_accuracy`, `test_accuracy`, `train_f1`, `test_f1`) and the arrays
    `learning_curve` returns (`train_scores[size, fold]`, `test_scores[size, fold]`), in the
    order printed (fold by fold; in the learning curve each fold's sizes in turn), under the
    names printed, the scorer then the split: `score/train`, `score/test`, `accuracy/train`,
    ...; no step (a line names no step: a fold, and in the learning curve a training size it
    does not print). Times, tree and job counts are left out."""
    from sklearn.datasets import make_classification
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_validate, learning_curve

    x, y = make_classification(n_samples=150, n_features=6, random_state=0)
    forest = RandomForestClassifier(n_estimators=4, max_depth=3, random_state=0, verbose=2)
    truth: Truth = []
    single = cross_validate(forest, x, y, cv=3, verbose=3, return_train_score=True)
    for fold in range(3):
        truth += [point("score/train", single["train_score"][fold], None),
                  point("score/test", single["test_score"][fold], None)]
    multi = cross_validate(forest, x, y, cv=3, verbose=3, return_train_score=True,
                           scoring=["accuracy", "f1"])
    for fold in range(3):
        truth += [point(f"{scorer}/{split}", multi[f"{split}_{scorer}"][fold], None)
                  for scorer in ("accuracy", "f1") for split in ("train", "test")]
    _, train_scores, test_scores = learning_curve(
        LogisticRegression(), x, y, cv=3, train_sizes=[0.3, 0.6, 1.0], verbose=3,
        random_state=0)
    for fold in range(3):
        for size in range(3):
            truth += [point("score/train", train_scores[size, fold], None),
                      point("score/test", test_scores[size, fold], None)]
    return truth


CASES["sklearn_cross_validate"] = sklearn_cross_validate
OWN_ENVIRONMENT["sklearn_cross_validate"] = {
    "scikit-learn": "scikit-learn (sklearn_cross_validate case)",
    "joblib": "joblib (sklearn_cross_validate case)",
    "numpy": "numpy (sklearn_cross_validate case)"}


# RecBole imports ray's tune, whose release here needs NumPy below 2 and setuptools' old
# pkg_resources:
#
#     python -m venv ~/recbole-venv && ~/recbole-venv/bin/pip install torch==2.13.0
#     ~/recbole-venv/bin/pip install torch==2.13.0 recbole "numpy<2" "pandas<2.3" \
#         "setuptools<81"
#     ~/recbole-venv/bin/python tests/corpus/make_corpus.py recbole_bpr


def recbole_bpr() -> Truth:
    """RecBole's `run_recbole(model="BPR", dataset="tiny", config_dict=...)` on a synthetic
    atomic dataset written into a temporary folder (`tiny/tiny.inter`: 60 users, 45 items in
    three groups, 10 items of its user's group a user, `user_id:token item_id:token
    rating:float timestamp:float`), `epochs=3`, `train_batch_size=128`, `topk=[10]`, metrics
    Recall, MRR, NDCG, Hit, Precision, `valid_metric="MRR@10"`, a random 80/10/10 split by
    user, full ranking, `seed=0`, CPU, from that folder (RecBole writes `log/` and
    `log_tensorboard/` there). Torch 2.6 and later load checkpoints with `weights_only=True`,
    which RecBole's own checkpoints do not pass; the case sets
    `TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1` so that the test evaluation loads the best model as
    RecBole's release expects. RecBole's logger (`recbole/utils/logger.py`, colorlog,
    `02 Dec 14:19    INFO  ` before each message) prints the configuration, the dataset and
    model summaries, then `Trainer.fit` (`recbole/trainer/trainer.py`): `epoch 0 training
    [time: 0.54s, train loss: 2.7983]`, `epoch 0 evaluating [time: 0.17s, valid_score:
    0.053100]`, `valid result: ` and on the next line `recall@10 : 0.2    mrr@10 : 0.0531
    ...` (`recbole/utils/utils.py`, `dict2str`), `Saving current: ...`, between its tqdm bars
    `Train     0: 100%|...| 4/4` and `Evaluate   : ...`; `run_recbole`
    (`recbole/quick_start/quick_start.py`) ends with `best valid : OrderedDict([('recall@10',
    0.2), ...])` and `test result: OrderedDict([...])`. Truth, read by a logging handler from
    `fit`'s frame as each line is logged: `train_loss` as `train_loss` at `epoch_idx` (as
    printed, from 0), `valid_score` at `epoch_idx`, and `valid_result`'s metrics under their
    names (`recall@10`, ...; `valid result:` is a header on a line of its own) at the
    `epoch_idx` of the `epoch N evaluating` line above them; the `test_result` that
    `run_recbole` returns as `test_result/recall@10`, ... (the dict printed after its name), no
    step. `best valid` repeats the best epoch's `valid result` (as optuna's `Best is trial`):
    no point of its own. Times are left out."""
    import logging

    import numpy as np

    os.environ["TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"] = "1"
    from recbole.quick_start import quick_start, run_recbole

    truth: Truth = []

    class Recorder(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = str(record.msg)
            frame = sys._getframe()
            while frame is not None and not (frame.f_code.co_name == "fit"
                                             and "epoch_idx" in frame.f_locals):
                frame = frame.f_back  # type: ignore[assignment]
            if frame is None:
                return
            local = frame.f_locals
            if "training [" in message:
                truth.append(point("train_loss", local["train_loss"], local["epoch_idx"]))
            elif "evaluating [" in message:
                truth.append(point("valid_score", local["valid_score"], local["epoch_idx"]))
            elif "valid result" in message:
                truth.extend(point(name, value, local["epoch_idx"])
                             for name, value in local["valid_result"].items())

    here, work = os.getcwd(), tempfile.mkdtemp()
    os.makedirs(os.path.join(work, "tiny"))
    rng = np.random.default_rng(0)
    with open(os.path.join(work, "tiny", "tiny.inter"), "w") as f:
        f.write("user_id:token\titem_id:token\trating:float\ttimestamp:float\n")
        moment = 0
        for user in range(60):
            group = user % 3
            for item in rng.choice(np.arange(group * 15, group * 15 + 15), size=10,
                                   replace=False):
                moment += 1
                f.write(f"u{user}\ti{item}\t{rng.integers(1, 6)}\t{moment}\n")
    # RecBole's `init_logger` sets the root logger up with `logging.basicConfig`, which does
    # nothing once the root has a handler: the recorder joins after it.
    init_logger = quick_start.init_logger

    def recorded_init_logger(config: Any) -> None:
        init_logger(config)
        logging.getLogger().addHandler(Recorder())

    quick_start.init_logger = recorded_init_logger
    os.chdir(work)
    try:
        result = run_recbole(model="BPR", dataset="tiny", config_dict={
            "data_path": work, "checkpoint_dir": os.path.join(work, "saved"), "epochs": 3,
            "train_batch_size": 128, "topk": [10],
            "metrics": ["Recall", "MRR", "NDCG", "Hit", "Precision"], "valid_metric": "MRR@10",
            "seed": 0, "device": "cpu", "use_gpu": False,
            "eval_args": {"split": {"RS": [0.8, 0.1, 0.1]}, "order": "RO", "group_by": "user",
                          "mode": "full"}})
    finally:
        os.chdir(here)
    if len(truth) != 3 * 7:
        raise SystemExit(f"recbole_bpr: {len(truth)} points from the log, not 21")
    truth += [point(f"test_result/{name}", value, None)
              for name, value in result["test_result"].items()]
    return truth


CASES["recbole_bpr"] = recbole_bpr
OWN_ENVIRONMENT["recbole_bpr"] = {
    "recbole": "recbole", "torch": "torch (recbole_bpr case)", "ray": "ray (recbole_bpr case)",
    "numpy": "numpy (recbole_bpr case)", "pandas": "pandas (recbole_bpr case)",
    "colorlog": "colorlog (recbole_bpr case)", "tqdm": "tqdm (recbole_bpr case)"}


# simpletransformers (it pulls transformers, datasets and wandb in):
#
#     python -m venv ~/st-venv && ~/st-venv/bin/pip install torch==2.13.0
#     ~/st-venv/bin/pip install torch==2.13.0 simpletransformers
#     ~/st-venv/bin/python tests/corpus/make_corpus.py simpletransformers_classification


def simpletransformers_classification() -> Truth:
    """simpletransformers' `ClassificationModel("bert", folder, use_cuda=False, args=...)` on a
    tiny randomly initialised BERT saved to a temporary folder first (`BertConfig` of 2 layers,
    hidden size 32, 2 heads, a `vocab.txt` of 40 made-up words and the special tokens: nothing
    downloaded), `train_model` on 64 synthetic sentences of 8 words (two vocabularies, one a
    label, 20% of the words from the other), 2 epochs of 8 batches, then `eval_model` on 32
    more, with the logging set-up of simpletransformers' README (`logging.basicConfig(level=
    logging.INFO)`, the `transformers` logger at WARNING). `train_model`
    (`simpletransformers/classification/classification_model.py`, `train`) draws an outer
    bar, `Epoch 1 of 2:  50%|█████     | 1/2 [...]`, and an inner one an epoch whose
    description it sets each step, `batch_iterator.set_description(f"Epochs {epoch_number +
    1}/{args.num_train_epochs}. Running Loss: {current_loss:9.4f}")`: `Epochs 1/2. Running
    Loss:    0.7020:  25%|██▌       | 2/8 [00:02<00:07,  1.27s/it]` (with `\x1b[A`, the
    inner bar on the line above); `eval_model` logs its results dict, `INFO:simpletransformers
    .classification.classification_model:{'mcc': 0.0, 'accuracy': 0.5, 'f1_score': 0.33,
    'tp': np.int64(16), ..., 'eval_loss': 0.693}`. Truth: the loop's `current_loss` as it sets
    the description, read from its frame by a wrapper of `set_description`, as `Running_Loss`
    at `global_step + 1` (the optimizer step it belongs to, from 1: the step is counted after
    the description is set); `train_model`'s returned `global_step` is checked to be the last;
    the dict `eval_model` returns, `mcc`, `accuracy`, `f1_score`, `auroc`, `auprc`,
    `eval_loss`, no step (the line names none). `tp`, `tn`, `fp`, `fn` are counts of
    samples: left out."""
    import logging

    import numpy as np
    import pandas as pd
    import torch

    logging.basicConfig(level=logging.INFO)
    logging.getLogger("transformers").setLevel(logging.WARNING)
    from simpletransformers.classification import ClassificationModel, classification_model
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    torch.set_num_threads(1)
    truth: Truth = []

    class RecordedBar(classification_model.tqdm):  # type: ignore[misc, name-defined]
        def set_description(self, desc: Any = None, refresh: bool = True) -> None:
            local = sys._getframe(1).f_locals
            if "current_loss" in local:
                truth.append(point("Running_Loss", local["current_loss"],
                                   local["global_step"] + 1))
            super().set_description(desc, refresh)

    classification_model.tqdm = RecordedBar
    work = tempfile.mkdtemp()
    folder = os.path.join(work, "tiny-bert")
    os.makedirs(folder)
    words = [[f"a{i}" for i in range(20)], [f"b{i}" for i in range(20)]]
    with open(os.path.join(folder, "vocab.txt"), "w") as f:
        f.write("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words[0], *words[1]])
                + "\n")
    BertTokenizer(os.path.join(folder, "vocab.txt")).save_pretrained(folder)
    torch.manual_seed(0)
    BertForSequenceClassification(BertConfig(
        vocab_size=45, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=64, num_labels=2)).save_pretrained(folder)

    def sentences(n: int, seed: int) -> Any:
        rng = np.random.default_rng(seed)
        rows = []
        for k in range(n):
            label = k % 2
            rows.append((" ".join(str(rng.choice(words[label] if rng.random() < 0.8
                                                 else words[1 - label])) for _ in range(8)),
                         label))
        return pd.DataFrame(rows, columns=["text", "labels"])

    model = ClassificationModel("bert", folder, use_cuda=False, args={
        "num_train_epochs": 2, "train_batch_size": 8, "eval_batch_size": 8,
        "learning_rate": 1e-3, "max_seq_length": 16, "manual_seed": 0,
        "output_dir": os.path.join(work, "outputs"), "cache_dir": os.path.join(work, "cache"),
        "tensorboard_dir": os.path.join(work, "runs"), "overwrite_output_dir": True,
        "use_multiprocessing": False,
        "use_multiprocessing_for_evaluation": False, "save_steps": -1,
        "save_model_every_epoch": False})
    global_step, _ = model.train_model(sentences(64, 1))
    if not truth or truth[-1]["step"] != global_step or len(truth) != 16:
        raise SystemExit(f"simpletransformers_classification: {len(truth)} losses, the last "
                         f"at {truth[-1]['step'] if truth else None}, global_step {global_step}")
    result, _, _ = model.eval_model(sentences(32, 2))
    truth += [point(key, result[key], None)
              for key in ("mcc", "accuracy", "f1_score", "auroc", "auprc", "eval_loss")]
    return truth


CASES["simpletransformers_classification"] = simpletransformers_classification
OWN_ENVIRONMENT["simpletransformers_classification"] = {
    "simpletransformers": "simpletransformers",
    "transformers": "transformers (simpletransformers_classification case)",
    "torch": "torch (simpletransformers_classification case)",
    "tqdm": "tqdm (simpletransformers_classification case)",
    "pandas": "pandas (simpletransformers_classification case)",
    "scikit-learn": "scikit-learn (simpletransformers_classification case)"}


# LightFM's setup.py does not build under a recent setuptools' isolated build: build it
# without isolation, beside an older setuptools:
#
#     python -m venv ~/lightfm-venv
#     ~/lightfm-venv/bin/pip install "setuptools<70" wheel numpy scipy scikit-learn
#     ~/lightfm-venv/bin/pip install --no-build-isolation lightfm
#     ~/lightfm-venv/bin/python tests/corpus/make_corpus.py lightfm_quickstart


def lightfm_quickstart() -> Truth:
    """LightFM's quickstart (lyst/lightfm `examples/quickstart/quickstart.ipynb`, commit in
    VERSIONS.md): `LightFM(loss='warp')` fitted for 30 epochs, then its two print statements
    copied as they are, `print("Train precision: %.2f" % precision_at_k(model, data['train'],
    k=5).mean())` and `print("Test precision: %.2f" % ...)`; `fetch_movielens` (which
    downloads MovieLens) replaced by a synthetic `data` of the same kind (COO user-item
    matrices, 100 users and 80 items in four groups, each user's items mostly of its group,
    about 12 to train and 3 to test a user), `random_state=0`, one thread, and `fit(...,
    verbose=True)` (LightFM `lightfm/lightfm.py`, `_progress`: a tqdm bar where tqdm is
    installed; LightFM does not require it, and without it, as installed here, `print("Epoch
    {}".format(i))` before each epoch, `Epoch 0` to `Epoch 29`: a counter, no metric). Truth: what `precision_at_k` returns (a precision a user), read
    by a wrapper of it as the print statements call it, its `.mean()` (the expression the
    statements print), as `Train_precision` and `Test_precision` (the names printed), no
    step."""
    import numpy as np
    import scipy.sparse
    from lightfm import LightFM, evaluation

    rng = np.random.default_rng(0)
    users, items = 100, 80
    train_rows, train_cols, test_rows, test_cols = [], [], [], []
    for user in range(users):
        group = user % 4
        liked = rng.choice(np.arange(group * 20, group * 20 + 20), size=13, replace=False)
        liked = np.union1d(liked, rng.choice(items, size=2, replace=False))
        rng.shuffle(liked)
        train_rows += [user] * (len(liked) - 3)
        train_cols += list(liked[3:])
        test_rows += [user] * 3
        test_cols += list(liked[:3])
    data = {"train": scipy.sparse.coo_matrix((np.ones(len(train_rows), dtype=np.int32),
                                              (train_rows, train_cols)), shape=(users, items)),
            "test": scipy.sparse.coo_matrix((np.ones(len(test_rows), dtype=np.int32),
                                             (test_rows, test_cols)), shape=(users, items))}
    returned: list[Any] = []

    def recorded_precision_at_k(*args: Any, **kwargs: Any) -> Any:
        precision = evaluation.precision_at_k(*args, **kwargs)
        returned.append(precision)
        return precision

    precision_at_k = recorded_precision_at_k
    model = LightFM(loss='warp', random_state=0)
    model.fit(data['train'], epochs=30, num_threads=1, verbose=True)
    print("Train precision: %.2f" % precision_at_k(model, data['train'], k=5).mean())  # noqa: UP031 (the notebook's)
    print("Test precision: %.2f" % precision_at_k(model, data['test'], k=5).mean())  # noqa: UP031 (the notebook's)
    return [point("Train_precision", returned[0].mean(), None),
            point("Test_precision", returned[1].mean(), None)]


CASES["lightfm_quickstart"] = lightfm_quickstart
OWN_ENVIRONMENT["lightfm_quickstart"] = {"lightfm": "lightfm",
                                         "numpy": "numpy (lightfm_quickstart case)",
                                         "scipy": "scipy (lightfm_quickstart case)"}


# mljar-supervised (it pulls xgboost, lightgbm, catboost, shap and matplotlib in):
#
#     python -m venv ~/mljar-venv && ~/mljar-venv/bin/pip install mljar-supervised
#     ~/mljar-venv/bin/python tests/corpus/make_corpus.py mljar_automl


def mljar_automl() -> Truth:
    """mljar-supervised's `AutoML(mode="Explain", algorithms=["Baseline", "Linear",
    "Decision Tree", "Random Forest", "Xgboost"], explain_level=0, total_time_limit=120,
    random_state=0, results_path=...)` fitted on a synthetic binary task
    (`make_classification(n_samples=300, n_features=6, random_state=0)` as a DataFrame), in a
    temporary folder. Its console output (`supervised/base_automl.py`, `_fit`: `AutoML
    directory: ...`, `The task is binary_classification with evaluation metric logloss`,
    `AutoML will use algorithms: [...]`, `AutoML steps: [...]`, `* Step simple_algorithms will
    try to check up to 3 models`; `train_model`, after each model: `1_Baseline logloss
    0.693098 trained in 1.88 seconds`; `AutoML fit time: 81.95 seconds`, `AutoML best model:
    Ensemble`), after shap's and scikit-plot's deprecation warnings. Truth: the leaderboard the fit keeps (`automl.get_leaderboard()`: each model's
    `name` and `metric_value` under its `metric_type`), a model a line in the order trained,
    keyed by the words printed before the value, the model's name then the metric,
    `1_Baseline_logloss` (each model a series of its own, as cifar10_tutorial's classes), no
    step; `trained in ... seconds` and the fit time are timings, left out."""
    import numpy as np
    import pandas as pd
    from sklearn.datasets import make_classification
    from supervised.automl import AutoML

    x, y = make_classification(n_samples=300, n_features=6, random_state=0)
    frame = pd.DataFrame(x, columns=[f"f{k}" for k in range(6)])
    work = tempfile.mkdtemp()
    automl = AutoML(mode="Explain", algorithms=["Baseline", "Linear", "Decision Tree",
                                                "Random Forest", "Xgboost"],
                    explain_level=0, total_time_limit=120, random_state=0,
                    results_path=os.path.join(work, "AutoML_1"))
    automl.fit(frame, np.asarray(y))
    board = automl.get_leaderboard()
    return [point(f"{row['name']}_{row['metric_type']}", row["metric_value"], None)
            for _, row in board.iterrows()]


CASES["mljar_automl"] = mljar_automl
OWN_ENVIRONMENT["mljar_automl"] = {
    "mljar-supervised": "mljar-supervised", "xgboost": "xgboost (mljar_automl case)",
    "scikit-learn": "scikit-learn (mljar_automl case)", "pandas": "pandas (mljar_automl case)",
    "numpy": "numpy (mljar_automl case)"}

    # --- sb3-contrib, PFRL, rsl_rl, TorchRL, Spinning Up, CleanRL's DQN ----------------------------
# Reinforcement-learning libraries on gymnasium's tiny built-in environments, CPU, a few thousand
# steps. They share one environment of their own (the CPU wheel of torch first), and each runs
# alone:
#
#     python -m venv ~/rl-venv && ~/rl-venv/bin/pip install torch==2.13.0
#     ~/rl-venv/bin/pip install torch==2.13.0 gymnasium sb3-contrib rsl-rl-lib pfrl
#     ~/rl-venv/bin/python tests/corpus/make_corpus.py sb3_tqc

RL_ENVIRONMENT = {"torch": "torch (RL cases)", "gymnasium": "gymnasium (RL cases)",
                  "numpy": "numpy (RL cases)"}


def sb3_tqc() -> Truth:
    """sb3-contrib's `TQC("MlpPolicy", "Pendulum-v1", learning_starts=100, batch_size=64,
    policy_kwargs={"net_arch": [32, 32], "n_critics": 2, "n_quantiles": 10}, seed=0,
    verbose=1)`, `learn(total_timesteps=1000, log_interval=1)` (a table an episode of 200
    steps), CPU: stable-baselines3's boxed table (`stable_baselines3/common/logger.py`,
    `HumanOutputFormat.write`, values `.3g`) with TQC's keys (`sb3_contrib/tqc/tqc.py`, `train`:
    `train/actor_loss`, `train/critic_loss`, `train/ent_coef`, `train/ent_coef_loss`,
    `train/learning_rate`, `train/n_updates`; `rollout/` and `time/` from stable-baselines3's
    `off_policy_algorithm.py`). Truth: the logger's own values as it dumps them (`Logger.dump`
    wrapped, as sb3_sac), keyed `section/row`, at the step `dump` is given (`num_timesteps`).
    `time/fps` and `time/time_elapsed` are timings, `time/episodes` a count and
    `time/total_timesteps` the step: left out."""
    import torch
    from sb3_contrib import TQC
    from stable_baselines3.common.logger import Logger

    torch.set_num_threads(1)
    truth: Truth = []
    dump = Logger.dump
    left_out = {"time/fps", "time/time_elapsed", "time/episodes", "time/total_timesteps"}

    def recorded(self: Any, step: int = 0) -> None:
        for key, value in self.name_to_value.items():
            excluded = self.name_to_excluded.get(key, ())
            if key not in left_out and not (excluded and "stdout" in excluded):
                truth.append(point(key, value, step))
        dump(self, step)

    Logger.dump = recorded  # type: ignore[method-assign]
    model = TQC("MlpPolicy", "Pendulum-v1", learning_starts=100, batch_size=64,
                policy_kwargs={"net_arch": [32, 32], "n_critics": 2, "n_quantiles": 10},
                seed=0, verbose=1, device="cpu")
    model.learn(total_timesteps=1000, log_interval=1)
    return truth


CASES["sb3_tqc"] = sb3_tqc
OWN_ENVIRONMENT["sb3_tqc"] = dict(RL_ENVIRONMENT, **{
    "sb3-contrib": "sb3-contrib", "stable-baselines3": "stable-baselines3 (RL cases)"})


class _OldGymAPI:
    """gymnasium's `CartPole-v1` with the gym API PFRL's loops call (`reset()` returns the
    observation, `step(a)` four values, a time limit's end as `info["needs_reset"]`)."""

    def __init__(self, seed: int, gym_spaces: bool = False) -> None:
        import gymnasium

        self.env = gymnasium.make("CartPole-v1")
        self.observation_space, self.action_space = self.env.observation_space, self.env.action_space
        if gym_spaces:  # the spaces of gym itself, for code that checks their classes
            import gym

            box = self.env.observation_space
            self.observation_space = gym.spaces.Box(box.low, box.high, dtype=box.dtype)
            self.action_space = gym.spaces.Discrete(int(self.env.action_space.n))
        self.seed = seed

    def reset(self) -> Any:
        obs, _ = self.env.reset(seed=self.seed)
        self.seed += 1
        return obs

    def step(self, action: Any) -> tuple[Any, float, bool, dict[str, Any]]:
        obs, reward, terminated, truncated, info = self.env.step(int(action))
        return obs, float(reward), bool(terminated), dict(info, needs_reset=truncated)


def pfrl_dqn() -> Truth:
    """PFRL's `train_agent_with_evaluation` training its `DQN` (a 32-unit Q-network,
    `LinearDecayEpsilonGreedy` from 1.0 to 0.1 over 1,000 steps, replay from the 100th step,
    target updated every 100) on gymnasium's `CartPole-v1` (in the gym API PFRL calls),
    `steps=2000`, `eval_n_episodes=5`, `eval_interval=500`, `train_max_episode_len=200`, with
    `logging.basicConfig(level=logging.INFO)` as PFRL's examples set it, from a folder of its
    own (`outdir="results"`). PFRL logs (`pfrl/experiments/train_agent.py`) after each training
    episode `INFO:pfrl.experiments.train_agent:outdir:results step:23 episode:0 R:23.0` and
    `statistics:[('average_q', 0.05), ('average_loss', nan), ('cumulative_steps', 23),
    ('n_updates', 0), ('rlen', 23)]`, and at each evaluation (`pfrl/experiments/evaluator.py`)
    `evaluation episode 0 length:10 R:10.0` an episode and `The best score is updated
    -3.4028234663852886e+38 -> 9.4`. Truth: the arguments of each of those log records, read
    by a `logging.Handler` as they are logged: the episode's return `R` at its `step`; the
    agent's statistics `average_q`, `average_loss` (not while NaN, before any update) and
    `n_updates` at `cumulative_steps`, the step the line prints; an evaluation episode's
    length and return as `evaluation_episode_length` and `evaluation_episode_R` at the episode's
    number as printed (from 0 in each evaluation); the new best mean evaluation score as
    `best_score`, no step. Left out: `episode` (a count), `cumulative_steps` (the step),
    `rlen` (the replay buffer's size, a count of samples), the previous best (the point
    before)."""
    import logging
    import math
    import shutil

    import numpy as np
    import pfrl
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(0)
    pfrl.utils.set_random_seed(0)
    truth: Truth = []

    class Recorder(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            args = record.args
            if record.msg == "outdir:%s step:%s episode:%s R:%s":
                truth.append(point("R", args[3], args[1]))
            elif record.msg == "statistics:%s":
                stats = dict(args[0])
                for key in ("average_q", "average_loss", "n_updates"):
                    if not math.isnan(stats[key]):
                        truth.append(point(key, stats[key], stats["cumulative_steps"]))
            elif record.msg.startswith("evaluation episode %s length:"):
                truth.append(point("evaluation_episode_length", args[1], args[0]))
                truth.append(point("evaluation_episode_R", args[2], args[0]))
            elif record.msg == "The best score is updated %s -> %s":
                truth.append(point("best_score", args[1], None))

    logging.basicConfig(level=logging.INFO)
    logging.getLogger().addHandler(Recorder())
    env, eval_env = _OldGymAPI(0), _OldGymAPI(1000)
    q_func = torch.nn.Sequential(torch.nn.Linear(4, 32), torch.nn.ReLU(), torch.nn.Linear(32, 2),
                                 pfrl.q_functions.DiscreteActionValueHead())
    explorer = pfrl.explorers.LinearDecayEpsilonGreedy(
        1.0, 0.1, 1000, lambda: np.random.randint(2))
    agent = pfrl.agents.DQN(q_func, torch.optim.Adam(q_func.parameters(), lr=1e-3),
                            pfrl.replay_buffers.ReplayBuffer(10**4), gamma=0.99,
                            explorer=explorer, replay_start_size=100, minibatch_size=32,
                            target_update_interval=100, phi=lambda x: x.astype(np.float32),
                            gpu=-1)
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        pfrl.experiments.train_agent_with_evaluation(
            agent=agent, env=env, steps=2000, eval_n_steps=None, eval_n_episodes=5,
            eval_interval=500, outdir="results", train_max_episode_len=200, eval_env=eval_env)
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return truth


CASES["pfrl_dqn"] = pfrl_dqn
OWN_ENVIRONMENT["pfrl_dqn"] = dict(RL_ENVIRONMENT, pfrl="pfrl")


def _cartpole_vec_env(num_envs: int) -> Any:
    """rsl_rl's `VecEnv` around gymnasium's `CartPole-v1`, `num_envs` copies stepped in turn:
    rsl_rl's policy is Gaussian, so an action above 0 pushes right, else left; an environment
    that ends is reset at once (its `dones` set, a time limit's end in `time_outs`), and the
    observations are a `TensorDict` with one group, `policy`, as rsl_rl's environments give."""
    import gymnasium
    import numpy as np
    import torch
    from rsl_rl.env import VecEnv
    from tensordict import TensorDict

    class CartPoleVecEnv(VecEnv):
        def __init__(self) -> None:
            self.num_envs, self.num_actions, self.device, self.cfg = num_envs, 1, "cpu", {}
            self.max_episode_length = 500
            self.envs = [gymnasium.make("CartPole-v1") for _ in range(num_envs)]
            self.obs = torch.as_tensor(np.array([env.reset(seed=k)[0]
                                                 for k, env in enumerate(self.envs)]))
            self.episode_length_buf = torch.zeros(num_envs, dtype=torch.long)

        def get_observations(self) -> TensorDict:
            return TensorDict({"policy": self.obs.clone()}, batch_size=[self.num_envs])

        def step(self, actions: torch.Tensor) -> tuple[TensorDict, torch.Tensor, torch.Tensor,
                                                       dict[str, Any]]:
            rewards, dones, time_outs = (torch.zeros(self.num_envs) for _ in range(3))
            for k, env in enumerate(self.envs):
                obs, reward, terminated, truncated, _ = env.step(int(actions[k, 0] > 0))
                rewards[k], dones[k], time_outs[k] = reward, terminated or truncated, truncated
                self.episode_length_buf[k] += 1
                if terminated or truncated:
                    obs, _ = env.reset()
                    self.episode_length_buf[k] = 0
                self.obs[k] = torch.as_tensor(obs)
            return self.get_observations(), rewards, dones, {"time_outs": time_outs}

    return CartPoleVecEnv()


def rsl_rl_ppo() -> Truth:
    """rsl_rl's `OnPolicyRunner(env, cfg, log_dir=...).learn(20)`: its PPO (`[32, 32]` ELU
    actor with a Gaussian of learnt scalar std, `[32, 32]` critic, 24 steps of 8 environments
    an iteration, 5 epochs of 4 mini-batches, the adaptive learning rate) on a `VecEnv` of the
    case's own around gymnasium's `CartPole-v1` (`_cartpole_vec_env`), from a folder of its own
    (its TensorBoard files and checkpoints go there). Its `Logger.log`
    (`rsl_rl/utils/logger.py`) prints a box each iteration: a rule of 80 `#`, the bold centred
    `Learning iteration 5/20`, then right-aligned `name: value` rows, `Total steps: 1152`,
    `Steps per second`, `Collection time`, `Learning time`, `Mean value loss: 0.1234`,
    `Mean surrogate loss`, `Mean entropy loss` (`.4f`), `Mean reward: 21.50`,
    `Mean episode length` (`.2f`, once an episode has ended), `Mean action std: 1.00`, a rule
    of dashes, `Iteration time`, `Time elapsed`, `ETA`. Truth: what `log` writes to its
    TensorBoard writer (`SummaryWriter.add_scalar` wrapped), the same values it formats, at
    the iteration it prints (from 0): `Loss/value`, `Loss/surrogate`, `Loss/entropy` as
    `Mean_value_loss`, `Mean_surrogate_loss`, `Mean_entropy_loss`, `Train/mean_reward` and
    `Train/mean_episode_length` as `Mean_reward` and `Mean_episode_length`, `Policy/mean_std`
    as `Mean_action_std` (the names printed). Left out: `Total steps` (a count), the times,
    speed and ETA, and what it writes but does not print (`Loss/learning_rate`, the
    `Perf/` timings and the same rewards against time)."""
    import shutil

    import torch
    from rsl_rl.runners import OnPolicyRunner
    from torch.utils.tensorboard import SummaryWriter

    torch.set_num_threads(1)
    torch.manual_seed(0)
    truth: Truth = []
    printed = {"Loss/value": "Mean_value_loss", "Loss/surrogate": "Mean_surrogate_loss",
               "Loss/entropy": "Mean_entropy_loss", "Train/mean_reward": "Mean_reward",
               "Train/mean_episode_length": "Mean_episode_length",
               "Policy/mean_std": "Mean_action_std"}
    add_scalar = SummaryWriter.add_scalar

    def recorded(self: Any, tag: str, scalar_value: Any, global_step: Any = None,
                 *args: Any, **kwargs: Any) -> Any:
        if tag in printed:
            truth.append(point(printed[tag], float(scalar_value), global_step))
        return add_scalar(self, tag, scalar_value, global_step, *args, **kwargs)

    SummaryWriter.add_scalar = recorded  # type: ignore[method-assign]
    mlp = {"class_name": "MLPModel", "hidden_dims": [32, 32], "activation": "elu"}
    cfg = {"num_steps_per_env": 24, "save_interval": 50,
           "obs_groups": {"actor": ["policy"], "critic": ["policy"]},
           "algorithm": {"class_name": "PPO", "num_learning_epochs": 5, "num_mini_batches": 4,
                         "learning_rate": 1e-3, "schedule": "adaptive"},
           "actor": dict(mlp, distribution_cfg={"class_name": "GaussianDistribution",
                                                "init_std": 1.0}),
           "critic": mlp}
    work = tempfile.mkdtemp()
    try:
        runner = OnPolicyRunner(_cartpole_vec_env(8), cfg, log_dir=os.path.join(work, "logs"),
                                device="cpu")
        runner.learn(num_learning_iterations=20)
    finally:
        shutil.rmtree(work)
    return truth


CASES["rsl_rl_ppo"] = rsl_rl_ppo
OWN_ENVIRONMENT["rsl_rl_ppo"] = dict(RL_ENVIRONMENT, **{"rsl-rl-lib": "rsl-rl-lib",
                                                        "tensordict": "tensordict (RL cases)"})


# CleanRL's DQN runs alone in an environment like cleanrl_ppo's (gymnasium 0.29.1, numpy below
# 2), from the same checkout:
#
#     python -m venv ~/cleanrl-venv && ~/cleanrl-venv/bin/pip install torch==2.13.0
#     ~/cleanrl-venv/bin/pip install torch==2.13.0 gymnasium==0.29.1 "numpy<2" tensorboard tyro
#     export CLEANRL=~/cleanrl CLEANRL_COMMIT=$(git -C ~/cleanrl rev-parse HEAD)
#     ~/cleanrl-venv/bin/python tests/corpus/make_corpus.py cleanrl_dqn


def cleanrl_dqn() -> Truth:
    """CleanRL's `cleanrl/dqn.py`, read from the checkout named by CLEANRL and run as the script
    (`__main__`, the checkout first on the path for its `cleanrl_utils.buffers`, from a folder
    of its own: its TensorBoard `runs/` go there) with `--total-timesteps 4000
    --learning-starts 1000 --no-cuda` on CartPole-v1, its defaults otherwise (one environment,
    `train_frequency` 10, seed 1, no tracking), nothing changed: `global_step=40,
    episodic_return=[41.]` as each episode ends, `SPS: 1234` every 100 steps once it trains.
    Truth: what the script writes to its TensorBoard `SummaryWriter` (`add_scalar` wrapped, as
    cleanrl_ppo): its `charts/episodic_return` scalars under the name printed at their step,
    the `global_step` printed. Its losses, `q_values` and `charts/episodic_length` are not
    printed; `charts/SPS` is a throughput: left out."""
    root = os.environ.get("CLEANRL")
    if not root:
        raise SystemExit("cleanrl_dqn: set CLEANRL to a vwxyzjn/cleanrl checkout")
    import shutil

    import numpy as np
    import torch
    from torch.utils.tensorboard import SummaryWriter

    torch.set_num_threads(1)
    truth: Truth = []
    add_scalar = SummaryWriter.add_scalar

    def recorded(self: Any, tag: str, scalar_value: Any, global_step: Any = None,
                 *args: Any, **kwargs: Any) -> Any:
        if tag == "charts/episodic_return":
            values = np.asarray(scalar_value).reshape(-1)  # the episode's return, an array of 1
            assert values.size == 1, scalar_value
            truth.append(point("episodic_return", values[0], global_step))
        return add_scalar(self, tag, scalar_value, global_step, *args, **kwargs)

    SummaryWriter.add_scalar = recorded  # type: ignore[method-assign]
    with open(os.path.join(root, "cleanrl", "dqn.py")) as f:
        source = f.read()
    sys.path.insert(0, root)
    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    try:
        sys.argv = ["dqn.py", "--total-timesteps", "4000", "--learning-starts", "1000",
                    "--no-cuda"]
        exec(compile(source, "dqn.py", "exec"), {"__name__": "__main__", "__file__": "dqn.py"})
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp)
    return truth


CASES["cleanrl_dqn"] = cleanrl_dqn
OWN_ENVIRONMENT["cleanrl_dqn"] = OWN_ENVIRONMENT["cleanrl_ppo"]
OWN_CHECKOUT["cleanrl_dqn"] = "CLEANRL"


# Spinning Up (openai/spinningup, not on PyPI: it pins TensorFlow 1 and gym 0.15) runs from a
# checkout named by SPINNINGUP, in an environment of its own: its logger imports TensorFlow and
# its MPI helpers mpi4py (one process here, MPICH from PyPI), its algorithms gym's spaces:
#
#     python -m venv ~/spinup-venv && ~/spinup-venv/bin/pip install torch==2.13.0
#     ~/spinup-venv/bin/pip install torch==2.13.0 tensorflow-cpu mpi4py mpich gym==0.26.2 \
#         gymnasium joblib cloudpickle scipy psutil
#     git clone https://github.com/openai/spinningup ~/spinningup
#     export SPINNINGUP=~/spinningup SPINNINGUP_COMMIT=$(git -C ~/spinningup rev-parse HEAD)
#     ~/spinup-venv/bin/python tests/corpus/make_corpus.py spinup_vpg


def spinup_vpg() -> Truth:
    """Spinning Up's PyTorch VPG, `spinup.algos.pytorch.vpg.vpg.vpg(env_fn,
    ac_kwargs=dict(hidden_sizes=[32, 32]), seed=0, steps_per_epoch=1000, epochs=5,
    logger_kwargs=dict(output_dir="vpg_cartpole", exp_name="vpg"))`, imported from the checkout
    named by SPINNINGUP (nothing changed; its package's `__init__`, which imports the TensorFlow 1
    algorithms TensorFlow 2 cannot define, is not run), on gymnasium's `CartPole-v1` in the gym API it calls
    (`_OldGymAPI` with gym's spaces, which its `MLPActorCritic` checks for), from a folder of
    its own. Its `EpochLogger` (`spinup/utils/logx.py`) prints the configuration (`Saving
    config:` and a JSON dump) and, each epoch, `dump_tabular`'s box: a rule of dashes, then a
    row a key, `|      AverageEpRet |            21.3 |` (`%8.3g` in a column of 15), `Epoch`,
    `AverageEpRet`, `StdEpRet`, `MaxEpRet`, `MinEpRet`, `EpLen`, `AverageVVals`, `StdVVals`,
    `MaxVVals`, `MinVVals`, `TotalEnvInteracts`, `LossPi`, `LossV`, `DeltaLossPi`,
    `DeltaLossV`, `Entropy`, `KL`, `Time`. Truth: the logger's own row as it dumps it
    (`Logger.dump_tabular` wrapped: `log_current_row`, the values `log_tabular` computed with
    `mpi_statistics_scalar`), each key as printed, at the row's `TotalEnvInteracts` (the
    step Spinning Up's own plotter puts on its x axis; sb3's boxes are at `total_timesteps`
    too). Left out: `Epoch` and `TotalEnvInteracts` (the counters) and `Time` (a timing)."""
    root = os.environ.get("SPINNINGUP")
    if not root:
        raise SystemExit("spinup_vpg: set SPINNINGUP to an openai/spinningup checkout")
    import shutil

    import types

    # `spinup/__init__.py` imports every algorithm, its TensorFlow 1 ones too, which TensorFlow 2
    # cannot define (`tf.train.AdamOptimizer`): the package is the checkout's folder without it.
    package = types.ModuleType("spinup")
    package.__path__ = [os.path.join(root, "spinup")]
    sys.modules["spinup"] = package
    import torch
    from spinup.algos.pytorch.vpg.vpg import vpg
    from spinup.utils.logx import Logger

    torch.set_num_threads(1)
    truth: Truth = []
    dump_tabular = Logger.dump_tabular

    def recorded(self: Any) -> None:
        row = dict(self.log_current_row)
        for key in self.log_headers:
            if key not in ("Epoch", "TotalEnvInteracts", "Time"):
                truth.append(point(key, row[key], row["TotalEnvInteracts"]))
        dump_tabular(self)

    Logger.dump_tabular = recorded  # type: ignore[method-assign]
    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    try:
        vpg(lambda: _OldGymAPI(0, gym_spaces=True), ac_kwargs=dict(hidden_sizes=[32, 32]),
            seed=0, steps_per_epoch=1000, epochs=5,
            logger_kwargs=dict(output_dir="vpg_cartpole", exp_name="vpg"))
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp)
    return truth


CASES["spinup_vpg"] = spinup_vpg
OWN_ENVIRONMENT["spinup_vpg"] = {
    "torch": "torch (spinup_vpg case)", "gymnasium": "gymnasium (spinup_vpg case)",
    "gym": "gym (spinup_vpg case)", "numpy": "numpy (spinup_vpg case)",
    "tensorflow-cpu": "tensorflow-cpu (spinup_vpg case)", "mpi4py": "mpi4py (spinup_vpg case)",
    "mpich": "mpich (spinup_vpg case)", "scipy": "scipy (spinup_vpg case)"}
OWN_CHECKOUT["spinup_vpg"] = "SPINNINGUP"
REPOSITORY_CHECKOUTS["SPINNINGUP"] = ("openai/spinningup", "SPINNINGUP_COMMIT")


# TorchRL's PPO tutorial runs from a pytorch/rl checkout named by TORCHRL (the tutorial is not in
# the package), in an environment of its own:
#
#     python -m venv ~/torchrl-venv && ~/torchrl-venv/bin/pip install torch==2.13.0
#     ~/torchrl-venv/bin/pip install torch==2.13.0 torchrl gymnasium tqdm matplotlib
#     git clone https://github.com/pytorch/rl ~/torchrl
#     export TORCHRL=~/torchrl TORCHRL_COMMIT=$(git -C ~/torchrl rev-parse HEAD)
#     ~/torchrl-venv/bin/python tests/corpus/make_corpus.py torchrl_ppo

TORCHRL_CHANGES = {
    # MuJoCo's pendulum is not installed: gymnasium's own pendulum, continuous as well.
    'base_env = GymEnv("InvertedDoublePendulum-v4", device=device)':
        'base_env = GymEnv("Pendulum-v1", device=device)',
    # 3 batches of 1,000 frames instead of 10.
    "total_frames = 10_000": "total_frames = 3_000",
}


def torchrl_ppo() -> Truth:
    """TorchRL's PPO tutorial, `tutorials/sphinx-tutorials/coding_ppo.py` of pytorch/rl, read
    from the checkout named by TORCHRL and run as the script (`__main__`, matplotlib on its
    non-interactive `Agg` backend), two settings changed (TORCHRL_CHANGES: gymnasium's
    `Pendulum-v1` for MuJoCo's `InvertedDoublePendulum-v4`, 3,000 frames instead of 10,000),
    every print as it is: its real `Collector`, `ClipPPOLoss`, `GAE` and replay buffer, the
    specs and TensorDicts it prints, then a tqdm bar over the frames whose description the loop
    sets after each batch of 1,000, `pbar.set_description(", ".join([eval_str, cum_reward_str,
    stepcount_str, lr_str]))`: `eval cumulative reward: -1234.5678 (init: -1234.5678), eval
    step-count: 199, average reward= -6.1234 (init= -6.1234), step count (max): 199, lr
    policy:  0.0003`. The tutorial seeds nothing: each capture has its run's own truth
    (RUN_TO_RUN). Truth: the loop's own `logs` lists, read from its frame by a wrapper of
    `set_description` as it is called: `logs["reward"][-1]` as `average_reward`,
    `logs["step_count"][-1]` as `step_count_(max)`, `logs["lr"][-1]` as `lr_policy`, and, at
    the batches that evaluate (`i % 10 == 0`: a new value; later descriptions repeat it),
    `logs["eval reward (sum)"][-1]` as `eval_cumulative_reward` and
    `logs["eval step_count"][-1]` as `eval_step-count`, at the bar's count (`pbar.n`, the
    frames collected). The `init` values in brackets repeat the first point: left out."""
    root = os.environ.get("TORCHRL")
    if not root:
        raise SystemExit("torchrl_ppo: set TORCHRL to a pytorch/rl checkout")
    import shutil

    import torch
    import tqdm

    os.environ["MPLBACKEND"] = "Agg"
    torch.set_num_threads(1)
    truth: Truth = []
    set_description = tqdm.tqdm.set_description
    evaluations = [0]

    def recorded(self: Any, desc: str | None = None, refresh: bool = True) -> None:
        logs = sys._getframe(1).f_locals["logs"]
        step = self.n
        truth.append(point("average_reward", logs["reward"][-1], step))
        truth.append(point("step_count_(max)", logs["step_count"][-1], step))
        truth.append(point("lr_policy", logs["lr"][-1], step))
        if len(logs["eval reward (sum)"]) > evaluations[0]:
            evaluations[0] = len(logs["eval reward (sum)"])
            truth.append(point("eval_cumulative_reward", logs["eval reward (sum)"][-1], step))
            truth.append(point("eval_step-count", logs["eval step_count"][-1], step))
        set_description(self, desc, refresh)

    tqdm.tqdm.set_description = recorded  # type: ignore[method-assign]
    with open(os.path.join(root, "tutorials", "sphinx-tutorials", "coding_ppo.py")) as f:
        source = f.read()
    for old, new in TORCHRL_CHANGES.items():
        if source.count(old) != 1:
            raise SystemExit(f"torchrl_ppo: the tutorial no longer has {old!r}")
        source = source.replace(old, new)
    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    try:
        exec(compile(source, "coding_ppo.py", "exec"),
             {"__name__": "__main__", "__file__": "coding_ppo.py"})
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp)
    return truth


CASES["torchrl_ppo"] = torchrl_ppo
RUN_TO_RUN.add("torchrl_ppo")
OWN_ENVIRONMENT["torchrl_ppo"] = {
    "torch": "torch (torchrl_ppo case)", "torchrl": "torchrl", "tensordict": "tensordict",
    "gymnasium": "gymnasium (torchrl_ppo case)", "tqdm": "tqdm (torchrl_ppo case)",
    "numpy": "numpy (torchrl_ppo case)"}
OWN_CHECKOUT["torchrl_ppo"] = "TORCHRL"
REPOSITORY_CHECKOUTS["TORCHRL"] = ("pytorch/rl tutorials/sphinx-tutorials/coding_ppo.py",
                                   "TORCHRL_COMMIT")


# d3rlpy's online training runs in an environment like d3rlpy_dqn's (its rows in VERSIONS.md):
#
#     python -m venv ~/d3rlpy-venv && ~/d3rlpy-venv/bin/pip install torch==2.13.0
#     ~/d3rlpy-venv/bin/pip install torch==2.13.0 d3rlpy
#     ~/d3rlpy-venv/bin/python tests/corpus/make_corpus.py d3rlpy_online


def d3rlpy_online() -> Truth:
    """d3rlpy 2's online `DQN` (`DQNConfig(batch_size=32, learning_rate=1e-3,
    target_update_interval=100).create(device="cpu")`) on gymnasium's `CartPole-v1`,
    `fit_online(env, buffer, explorer, n_steps=3000, n_steps_per_epoch=1000,
    update_start_step=500, eval_env=...)` with a FIFO replay buffer of 10,000 transitions and
    `LinearDecayEpsilonGreedy(1.0, 0.1, 2000)`, `d3rlpy.seed(0)`, the environments seeded,
    from a folder of its own (its `FileAdapter` writes `d3rlpy_logs/` there). It draws a
    `trange` bar over the steps (no values) and, after each epoch, `D3RLPyLogger.commit` logs
    through structlog `DQN_online_20261202...: epoch=1 step=1000 epoch=1 metrics={'time_inference':
    ..., 'rollout_return': 21.4, 'loss': 0.03, ..., 'evaluation': 9.4} step=1000`. Truth: the
    dicts `commit` returns (`D3RLPyLogger.commit` wrapped), as d3rlpy_dqn: `rollout_return`,
    `loss` and `evaluation` as `metrics/rollout_return`, `metrics/loss`,
    `metrics/evaluation` (the dict printed after `metrics=`, flattened with `/`) at the step
    the line names. The `time_*` metrics are timings, `epoch` and `step` counters: left out."""
    import shutil

    import d3rlpy
    import gymnasium
    import torch
    from d3rlpy.logging.logger import D3RLPyLogger

    torch.set_num_threads(1)
    d3rlpy.seed(0)
    truth: Truth = []
    commit = D3RLPyLogger.commit

    def recorded(self: Any, epoch: int, step: int) -> dict[str, float]:
        metrics = commit(self, epoch, step)
        truth.extend(point(f"metrics/{name}", value, step) for name, value in metrics.items()
                     if not name.startswith("time_"))
        return metrics

    D3RLPyLogger.commit = recorded  # type: ignore[method-assign]
    env, eval_env = gymnasium.make("CartPole-v1"), gymnasium.make("CartPole-v1")
    d3rlpy.envs.seed_env(env, 0)
    d3rlpy.envs.seed_env(eval_env, 1)
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        dqn = d3rlpy.algos.DQNConfig(batch_size=32, learning_rate=1e-3,
                                     target_update_interval=100).create(device="cpu")
        buffer = d3rlpy.dataset.create_fifo_replay_buffer(limit=10000, env=env)
        explorer = d3rlpy.algos.LinearDecayEpsilonGreedy(1.0, 0.1, 2000)
        dqn.fit_online(env, buffer, explorer, n_steps=3000, n_steps_per_epoch=1000,
                       update_start_step=500, eval_env=eval_env)
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return truth


CASES["d3rlpy_online"] = d3rlpy_online
OWN_ENVIRONMENT["d3rlpy_online"] = OWN_ENVIRONMENT["d3rlpy_dqn"]


# --- famous hand-written training scripts: minimalRL, PyTorchZeroToAll, MorvanZhou's tutorial --
# Each runs alone, in one small environment of its own, from a checkout of its repository:
#
#     python -m venv ~/scripts-venv && ~/scripts-venv/bin/pip install torch==2.13.0
#     ~/scripts-venv/bin/pip install torch==2.13.0 gymnasium matplotlib numpy
#     git clone https://github.com/seungeunrho/minimalRL ~/minimalRL
#     export MINIMALRL=~/minimalRL MINIMALRL_COMMIT=$(git -C ~/minimalRL rev-parse HEAD)
#     ~/scripts-venv/bin/python tests/corpus/make_corpus.py minimalrl_dqn
#     ~/scripts-venv/bin/python tests/corpus/make_corpus.py minimalrl_ppo
#     git clone https://github.com/hunkim/PyTorchZeroToAll ~/PyTorchZeroToAll
#     export ZERO_TO_ALL=~/PyTorchZeroToAll
#     export ZERO_TO_ALL_COMMIT=$(git -C ~/PyTorchZeroToAll rev-parse HEAD)
#     ~/scripts-venv/bin/python tests/corpus/make_corpus.py zerotoall_softmax_mnist
#     ~/scripts-venv/bin/python tests/corpus/make_corpus.py zerotoall_cnn_mnist
#     git clone https://github.com/MorvanZhou/PyTorch-Tutorial ~/PyTorch-Tutorial
#     export MORVAN_TUTORIAL=~/PyTorch-Tutorial
#     export MORVAN_COMMIT=$(git -C ~/PyTorch-Tutorial rev-parse HEAD)
#     ~/scripts-venv/bin/python tests/corpus/make_corpus.py morvan_cnn

SCRIPTS_ENVIRONMENT = {name: f"{name} (hand-written scripts cases)"
                       for name in ("torch", "numpy", "gymnasium", "matplotlib")}


def gym_shim() -> None:
    """A `gym` module that is gymnasium (minimalRL imports `gym` and calls it in the API
    gymnasium keeps: `s, _ = env.reset()`, five values from `env.step`), its `make` seeding
    the environment (seed 0, at a first `reset` of its own) so that both runs see the same
    episodes."""
    import types

    import gymnasium

    gym = types.ModuleType("gym")
    gym.__dict__.update({k: v for k, v in gymnasium.__dict__.items() if not k.startswith("__")})

    def make(env_id: str, **kwargs: Any) -> Any:
        env = gymnasium.make(env_id, **kwargs)
        env.reset(seed=0)
        env.action_space.seed(0)
        return env

    gym.make = make  # type: ignore[attr-defined]
    sys.modules["gym"] = gym


def minimalrl_checkout(script: str) -> str:
    root = os.environ.get("MINIMALRL")
    path = os.path.join(root or "", script)
    if not root or not os.path.exists(path):
        raise SystemExit("set MINIMALRL to a seungeunrho/minimalRL checkout")
    return path


def seeded_torch() -> None:
    import random

    import numpy as np
    import torch

    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)
    torch.set_num_threads(1)


def minimalrl_dqn() -> Truth:
    """minimalRL's DQN, seungeunrho/minimalRL `dqn.py` (the checkout named by MINIMALRL), run as
    the script (`run_script`) on gymnasium's CartPole-v1 through `gym_shim` (seeded), random and
    torch seeded 0, one thread; its one change: 10000 episodes made 101 (two minutes on this busy
    CPU). It prints `n_episode :20, score : 9.6, n_buffer : 192, eps : 7.9%` every 20 episodes.
    Truth: the printing frame's values as each line is printed: `score/print_interval` as `score`
    and `epsilon*100` (its exploration rate, printed in percent) as `eps`, at `n_epi` (the episode
    printed). `n_buffer` (the replay buffer's size) is a count: left out."""
    seeded_torch()
    gym_shim()
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if '"n_episode :{}, score : {:.1f}' in statement:
            truth.extend([point("score", values["score"] / values["print_interval"],
                                values["n_epi"]),
                          point("eps", values["epsilon"] * 100, values["n_epi"])])

    run_script(minimalrl_checkout("dqn.py"), [], record, MINIMALRL_EPISODES)
    if len(truth) != 10:
        raise SystemExit(f"minimalrl_dqn: {len(truth)} points, not 5 lines' 2")
    return truth


MINIMALRL_EPISODES = {"    for n_epi in range(10000):": "    for n_epi in range(101):"}
CASES["minimalrl_dqn"] = minimalrl_dqn
OWN_ENVIRONMENT["minimalrl_dqn"] = SCRIPTS_ENVIRONMENT
OWN_CHECKOUT["minimalrl_dqn"] = "MINIMALRL"
REPOSITORY_CHECKOUTS["MINIMALRL"] = ("seungeunrho/minimalRL", "MINIMALRL_COMMIT")


def minimalrl_ppo() -> Truth:
    """minimalRL's PPO, seungeunrho/minimalRL `ppo.py` (the checkout named by MINIMALRL), run as
    the script on gymnasium's CartPole-v1 through `gym_shim` (seeded), torch seeded 0, one
    thread; its one change: 10000 episodes made 101. It prints `# of episode :20, avg score :
    21.0` every 20 episodes. Truth: the printing frame's `score/print_interval` as `avg score`
    at `n_epi` (the episode printed)."""
    seeded_torch()
    gym_shim()
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if '"# of episode :{}, avg score : {:.1f}"' in statement:
            truth.append(point("avg_score", values["score"] / values["print_interval"],
                               values["n_epi"]))

    run_script(minimalrl_checkout("ppo.py"), [], record, MINIMALRL_EPISODES)
    if len(truth) != 5:
        raise SystemExit(f"minimalrl_ppo: {len(truth)} points, not 5 lines'")
    return truth


CASES["minimalrl_ppo"] = minimalrl_ppo
OWN_ENVIRONMENT["minimalrl_ppo"] = SCRIPTS_ENVIRONMENT
OWN_CHECKOUT["minimalrl_ppo"] = "MINIMALRL"


def synthetic_digits(n: int, seed: int) -> tuple[Any, Any]:
    """`n` made-up 28x28 grey images (uint8) of 10 classes, MNIST's shape: each class a blurred
    random template, each image its class's template shifted a pixel or two, with noise; one
    label in five drawn at random (so that no model is right on all: its losses stay where
    three decimals show them)."""
    import torch

    g = torch.Generator().manual_seed(1234)
    templates = (torch.rand(10, 1, 28, 28, generator=g) > 0.8).float()
    templates = torch.nn.functional.avg_pool2d(templates, 5, 1, 2)[:, 0]
    templates = templates / templates.amax(dim=(1, 2), keepdim=True)
    g = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, 10, (n,), generator=g)
    shifts = torch.randint(-2, 3, (n, 2), generator=g)
    images = torch.stack([torch.roll(templates[c], (int(dx), int(dy)), (0, 1))
                          for c, (dx, dy) in zip(labels.tolist(), shifts.tolist())])
    images = (images * 200 + torch.rand(n, 28, 28, generator=g) * 80).clamp(0, 255)
    wrong = torch.rand(n, generator=g) < 0.2
    labels = torch.where(wrong, torch.randint(0, 10, (n,), generator=g), labels)
    return images.to(torch.uint8), labels


def torchvision_standin(train_size: int, test_size: int, name: str = "MNIST") -> None:
    """A `torchvision` of the few parts these scripts call (PyPI's torchvision is a CUDA build,
    which the CPU wheel of torch cannot load): `datasets.<name>` holding `synthetic_digits`
    (`train_size` images to train on, `test_size` to test; MNIST's 60000/10000 are minutes of
    CPU time a script) instead of the real set (nothing downloaded), with MNIST's attributes
    (`data`, `targets` and the old `train_data`, `test_data`, `train_labels`, `test_labels`),
    items as MNIST gives them (a PIL-less image through `transform`, the label an int), and
    `transforms.ToTensor`, `Normalize` and `Compose` as torchvision defines them."""
    import types

    import torch

    class ToTensor:
        def __call__(self, image: Any) -> Any:
            image = torch.as_tensor(image)
            return image.unsqueeze(0).float().div(255) if image.dim() == 2 else image

    class Normalize:
        def __init__(self, mean: Any, std: Any) -> None:
            self.mean = torch.tensor(mean).view(-1, 1, 1)
            self.std = torch.tensor(std).view(-1, 1, 1)

        def __call__(self, tensor: Any) -> Any:
            return (tensor - self.mean) / self.std

    class Compose:
        def __init__(self, transforms: list[Any]) -> None:
            self.transforms = transforms

        def __call__(self, image: Any) -> Any:
            for transform in self.transforms:
                image = transform(image)
            return image

    class Digits(torch.utils.data.Dataset):  # type: ignore[misc]
        def __init__(self, root: str, train: bool = True, transform: Any = None,
                     target_transform: Any = None, download: bool = False) -> None:
            self.train = train
            self.transform = transform
            self.data, self.targets = synthetic_digits(train_size if train else test_size,
                                                       1 if train else 2)
            self.train_data = self.test_data = self.data
            self.train_labels = self.test_labels = self.targets

        def __getitem__(self, index: int) -> tuple[Any, int]:
            image, target = self.data[index], int(self.targets[index])
            return (self.transform(image) if self.transform else image), target

        def __len__(self) -> int:
            return len(self.data)

    torchvision = types.ModuleType("torchvision")
    datasets = types.ModuleType("torchvision.datasets")
    transforms = types.ModuleType("torchvision.transforms")
    setattr(datasets, name, Digits)
    transforms.__dict__.update(ToTensor=ToTensor, Normalize=Normalize, Compose=Compose)
    torchvision.__dict__.update(datasets=datasets, transforms=transforms)
    sys.modules.update({"torchvision": torchvision, "torchvision.datasets": datasets,
                        "torchvision.transforms": transforms})


def zerotoall_checkout(script: str) -> str:
    root = os.environ.get("ZERO_TO_ALL")
    path = os.path.join(root or "", script)
    if not root or not os.path.exists(path):
        raise SystemExit("set ZERO_TO_ALL to a hunkim/PyTorchZeroToAll checkout")
    return path


def zerotoall_softmax_mnist() -> Truth:
    """PyTorchZeroToAll's softmax classifier, hunkim/PyTorchZeroToAll `09_2_softmax_mnist.py`
    (the checkout named by ZERO_TO_ALL), run as the script, unchanged (its five linear layers,
    SGD 0.01 with momentum 0.5, batches of 64, 9 epochs, CPU), torch seeded 0, one thread, on
    `torchvision_standin`: 1280 synthetic images to train on and 640 to test in MNIST's place.
    It prints `Training MNIST Model on cpu`, then `Train Epoch: 1 | Batch Status: 640/1280
    (50%) | Loss: 2.301234` every 10 batches, and after each epoch `Training time: 0m 1s`,
    `===========================`, `Test set: Average loss: 0.0360, Accuracy: 58/640 (9%)`
    and `Testing time: 0m 0s`. Truth: the printing frames' values as each line is printed:
    `loss.item()` as `Loss`, no step (the line names the epoch and the samples seen in it, as
    mnist_style), and the test's `test_loss` as `Test_set_Average_loss` and the count `correct` as `Accuracy` (as mnist_style, whose line
    this is: the count is printed whole, the percent after it rounded to a whole number), no
    step (the line names none). Times are left out."""
    seeded_torch()
    torchvision_standin(1280, 640)
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if "Batch Status" in statement:
            truth.append(point("Loss", values["loss"].item(), None))
        elif "Test set: Average loss" in statement:
            truth.extend([point("Test_set_Average_loss", values["test_loss"], None),
                          point("Accuracy", int(values["correct"]), None)])

    run_script(zerotoall_checkout("09_2_softmax_mnist.py"), [], record)
    if len(truth) != 9 * (2 + 2):
        raise SystemExit(f"zerotoall_softmax_mnist: {len(truth)} points")
    return truth


CASES["zerotoall_softmax_mnist"] = zerotoall_softmax_mnist
OWN_ENVIRONMENT["zerotoall_softmax_mnist"] = SCRIPTS_ENVIRONMENT
OWN_CHECKOUT["zerotoall_softmax_mnist"] = "ZERO_TO_ALL"
REPOSITORY_CHECKOUTS["ZERO_TO_ALL"] = ("hunkim/PyTorchZeroToAll", "ZERO_TO_ALL_COMMIT")


def morvan_cnn() -> Truth:
    """MorvanZhou's PyTorch tutorial CNN, MorvanZhou/PyTorch-Tutorial
    `tutorial-contents/401_CNN.py` (the checkout named by MORVAN_TUTORIAL), run as the script (two
    conv layers, Adam 0.001, batches of 50, CPU), torch seeded 0, one thread, matplotlib off screen
    (its `plt.show()` draws nothing; scikit-learn is not installed, so it prints `Please install
    sklearn for layer visualization` and skips its t-SNE plots), on `torchvision_standin`: 10000
    synthetic images to train on and 2000 to test (it tests on the first 2000) in MNIST's place;
    nothing in it changed (its 1 epoch: 200 batches). It prints the data's sizes, the network,
    `Epoch: 0 | train loss: 2.3045 | test accuracy: 0.10` every 50 batches and 10 predictions
    against the real numbers. Truth: the printing frame's values as each line is printed:
    `loss.data.numpy()` as `train loss` and `accuracy` as `test accuracy`, no step (the line names
    the epoch, printed four times an epoch, and no position in it)."""
    root = os.environ.get("MORVAN_TUTORIAL")
    path = os.path.join(root or "", "tutorial-contents", "401_CNN.py")
    if not root or not os.path.exists(path):
        raise SystemExit("set MORVAN_TUTORIAL to a MorvanZhou/PyTorch-Tutorial checkout")
    os.environ["MPLBACKEND"] = "Agg"
    seeded_torch()
    torchvision_standin(10000, 2000)
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if "'| train loss: %.4f' % loss.data.numpy()" in statement:
            truth.extend([point("train loss", values["loss"].data.numpy(), None),
                          point("test accuracy", values["accuracy"], None)])

    run_script(path, [], record)
    if len(truth) != 2 * 4:
        raise SystemExit(f"morvan_cnn: {len(truth)} points, not 4 lines' 2")
    return truth


CASES["morvan_cnn"] = morvan_cnn
OWN_ENVIRONMENT["morvan_cnn"] = SCRIPTS_ENVIRONMENT
OWN_CHECKOUT["morvan_cnn"] = "MORVAN_TUTORIAL"
REPOSITORY_CHECKOUTS["MORVAN_TUTORIAL"] = ("MorvanZhou/PyTorch-Tutorial", "MORVAN_COMMIT")


#     git clone https://github.com/udacity/deep-learning-v2-pytorch ~/dlnd
#     export UDACITY_DLND=~/dlnd UDACITY_DLND_COMMIT=$(git -C ~/dlnd rev-parse HEAD)
#     ~/scripts-venv/bin/python tests/corpus/make_corpus.py udacity_inference_validation


def udacity_inference_validation() -> Truth:
    """Udacity's "Intro to PyTorch" Part 5, udacity/deep-learning-v2-pytorch `intro-to-pytorch/
    Part 5 - Inference and Validation (Solution).ipynb` (the checkout named by UDACITY_DLND):
    its code cells run in order as one program, as the notebook runs them, up to its last cell
    (which calls `dataiter.next()`, gone from today's DataLoader iterators, and only draws);
    the `%matplotlib`/`%config` magics dropped, matplotlib off screen; nothing else changed
    (its two classifiers, without and with dropout, each 30 epochs of Adam 0.003 on batches of
    64), torch seeded 0, one thread, on `torchvision_standin`: 1280 synthetic images to train
    on and 640 to test in Fashion-MNIST's place. It prints a batch's output shape, 10
    predicted classes, `Accuracy: 20.3125%` (the untrained model on one batch), then for each
    loop 30 lines `Epoch: 1/30..  Training Loss: 0.512..  Test Loss: 0.456..  Test Accuracy:
    0.812`. Truth: the program's values as each line is printed, read from its variables:
    `accuracy.item()*100` as `Accuracy`, no step; and each epoch's training loss (the first
    loop's `train_loss`, the second's `train_losses[-1]`), test loss (`test_loss`,
    `test_losses[-1]`) and test accuracy (`test_correct / len(testloader.dataset)`, `accuracy
    / len(testloader)`) as `Training Loss`, `Test Loss` and `Test Accuracy` at `e+1` (the
    epoch printed before `/30`; the second loop prints 1 to 30 again)."""
    root = os.environ.get("UDACITY_DLND")
    path = os.path.join(root or "", "intro-to-pytorch",
                        "Part 5 - Inference and Validation (Solution).ipynb")
    if not root or not os.path.exists(path):
        raise SystemExit("set UDACITY_DLND to a udacity/deep-learning-v2-pytorch checkout")
    import builtins
    import shutil

    os.environ["MPLBACKEND"] = "Agg"
    seeded_torch()
    torchvision_standin(1280, 640, "FashionMNIST")
    cells = ipynb_cells(path)
    cells = cells[:next(i for i, cell in enumerate(cells) if "dataiter.next()" in cell)]
    source = "\n\n".join("\n".join(line for line in cell.splitlines()
                                   if not line.startswith("%")) for cell in cells)
    prints = example_prints(source)
    truth: Truth = []

    def printed(*args: Any, **kwargs: Any) -> None:
        frame = sys._getframe(1)
        statement, values = prints.get(frame.f_lineno, ""), frame.f_locals
        if "f'Accuracy: {accuracy.item()*100}%'" in statement:
            truth.append(point("Accuracy", values["accuracy"].item() * 100, None))
        elif '"Training Loss: {:.3f}.. ".format(train_loss)' in statement:
            epoch = values["e"] + 1
            truth.extend([point("Training Loss", values["train_loss"], epoch),
                          point("Test Loss", values["test_loss"], epoch),
                          point("Test Accuracy", values["test_correct"]
                                / len(values["testloader"].dataset), epoch)])
        elif '"Training Loss: {:.3f}.. ".format(train_losses[-1])' in statement:
            epoch = values["e"] + 1
            truth.extend([point("Training Loss", values["train_losses"][-1], epoch),
                          point("Test Loss", values["test_losses"][-1], epoch),
                          point("Test Accuracy", values["accuracy"] / len(values["testloader"]),
                                epoch)])
        builtins.print(*args, **kwargs)

    cwd = os.getcwd()
    folder = tempfile.mkdtemp()
    os.chdir(folder)
    sys.path.insert(0, os.path.dirname(path))  # its helper module
    try:
        exec(compile(source, "Part 5 - Inference and Validation (Solution).ipynb", "exec"),
             {"__name__": "__main__", "print": printed})
    finally:
        os.chdir(cwd)
        shutil.rmtree(folder)
    if len(truth) != 1 + 2 * 30 * 3:
        raise SystemExit(f"udacity_inference_validation: {len(truth)} points")
    return truth


CASES["udacity_inference_validation"] = udacity_inference_validation
OWN_ENVIRONMENT["udacity_inference_validation"] = SCRIPTS_ENVIRONMENT
OWN_CHECKOUT["udacity_inference_validation"] = "UDACITY_DLND"
REPOSITORY_CHECKOUTS["UDACITY_DLND"] = ("udacity/deep-learning-v2-pytorch",
                                        "UDACITY_DLND_COMMIT")


#     git clone https://github.com/karpathy/nanoGPT ~/nanoGPT
#     export NANOGPT=~/nanoGPT NANOGPT_COMMIT=$(git -C ~/nanoGPT rev-parse HEAD)
#     ~/scripts-venv/bin/pip install requests     # data/shakespeare_char/prepare.py imports it
#     ~/scripts-venv/bin/python tests/corpus/make_corpus.py nanogpt_shakespeare_char

# The README's command for a CPU ("on a macbook"), but for its length: 300 iterations, not 2000.
NANOGPT_ARGV = ["config/train_shakespeare_char.py", "--device=cpu", "--compile=False",
                "--eval_iters=20", "--log_interval=1", "--block_size=64", "--batch_size=12",
                "--n_layer=4", "--n_head=4", "--n_embd=128", "--max_iters=300",
                "--lr_decay_iters=300", "--dropout=0.0"]
NANOGPT_WORDS = ["the", "king", "and", "queen", "of", "my", "lord", "shall", "not", "be", "what",
                 "thou", "art", "love", "death", "good", "night", "sweet", "prince", "come",
                 "hence", "fair", "is", "foul", "Romeo", "JULIET", "HAMLET", "speak", "more"]


def nanogpt_shakespeare_char() -> Truth:
    """karpathy/nanoGPT `train.py` (the checkout named by NANOGPT), run as the script from a
    folder holding its `configurator.py` and `config/` (it reads both from the working folder)
    with `config/train_shakespeare_char.py` and its README's options for a CPU (NANOGPT_ARGV:
    `--device=cpu --compile=False`, a 4-layer 128-wide model on 12 x 64 characters, 20 eval
    batches, a line every iteration), but 300 iterations instead of 2000. Its data is made
    first by `data/shakespeare_char/prepare.py`'s own code, run unchanged (its prints are in
    the capture) on a made-up `input.txt` (300000 characters of NANOGPT_WORDS in lines of
    speech; it downloads tiny Shakespeare only when the file is missing). It prints its
    settings, `step 0: train loss 4.2, val loss 4.2` every 250 iterations (with `saving
    checkpoint to out-shakespeare-char` after a better val loss), and `iter 10: loss 3.1, time
    12.3ms, mfu -100.00%` every iteration. Truth: the printing frame's values as each line is
    printed: `losses['train']` and `losses['val']` as `train loss` and `val loss`, and
    `lossf` as `loss`, at `iter_num` (the step or iteration printed). `time` is a timing and
    `mfu` a throughput (an A100's share): left out."""
    root = os.environ.get("NANOGPT")
    path = os.path.join(root or "", "train.py")
    if not root or not os.path.exists(path):
        raise SystemExit("set NANOGPT to a karpathy/nanoGPT checkout")
    import random
    import shutil

    seeded_torch()
    truth: Truth = []

    def setup() -> None:
        shutil.copy(os.path.join(root, "configurator.py"), "configurator.py")
        shutil.copytree(os.path.join(root, "config"), "config")
        data = os.path.join("data", "shakespeare_char")
        os.makedirs(data)
        rng = random.Random(0)
        lines: list[str] = []
        while sum(len(line) for line in lines) < 300000:
            speaker = rng.choice(NANOGPT_WORDS).upper()
            words = " ".join(rng.choice(NANOGPT_WORDS) for _ in range(rng.randint(4, 12)))
            lines.append(f"{speaker}:\n{words[0].upper()}{words[1:]}{rng.choice('.,;?!')}\n\n")
        with open(os.path.join(data, "input.txt"), "w") as f:
            f.write("".join(lines))
        prepare = os.path.join(root, "data", "shakespeare_char", "prepare.py")
        with open(prepare) as f:
            code = compile(f.read(), "prepare.py", "exec")
        exec(code, {"__name__": "__main__", "__file__": os.path.join(data, "prepare.py")})

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if 'f"step {iter_num}: train loss' in statement:
            losses = values["losses"]
            truth.extend([point("train loss", losses["train"], values["iter_num"]),
                          point("val loss", losses["val"], values["iter_num"])])
        elif 'f"iter {iter_num}: loss {lossf:.4f}' in statement:
            truth.append(point("loss", values["lossf"], values["iter_num"]))

    run_script(path, NANOGPT_ARGV, record, setup=setup)
    if len(truth) != 2 * 2 + 301:
        raise SystemExit(f"nanogpt_shakespeare_char: {len(truth)} points")
    return truth


CASES["nanogpt_shakespeare_char"] = nanogpt_shakespeare_char
OWN_ENVIRONMENT["nanogpt_shakespeare_char"] = dict(SCRIPTS_ENVIRONMENT,
                                                   requests="requests (nanoGPT case)")
OWN_CHECKOUT["nanogpt_shakespeare_char"] = "NANOGPT"
REPOSITORY_CHECKOUTS["NANOGPT"] = ("karpathy/nanoGPT", "NANOGPT_COMMIT")


# --- PyGAD, UMAP, tslearn, TPOT ---------------------------------------------------------------
# Each runs alone, in an environment of its own (no torch):
#
#     python -m venv ~/s11c-venv && ~/s11c-venv/bin/pip install pygad umap-learn tslearn
#     git clone https://github.com/ahmedfgad/GeneticAlgorithmPython ~/pygad   # examples/example.py
#     export PYGAD_EXAMPLES=~/pygad/examples
#     export PYGAD_COMMIT=$(git -C ~/pygad rev-parse HEAD)
#     ~/s11c-venv/bin/python tests/corpus/make_corpus.py pygad_example

# The case's only change to examples/example.py: the GA seeded, so that both runs print the same.
PYGAD_SEED = {"                       on_generation=on_generation)":
              "                       on_generation=on_generation, random_seed=0)"}


def pygad_example() -> Truth:
    """PyGAD's `examples/example.py` (ahmedfgad/GeneticAlgorithmPython, from the checkout
    named by `PYGAD_EXAMPLES`; commit in VERSIONS.md), run as the script, seeded (PYGAD_SEED):
    a `pygad.GA` of 100 generations, 20 solutions of 6 genes, fitting the weights of `y = w1x1 +
    ... + w6x6` to 44, its `on_generation` callback printing after each generation `Generation =
    1`, `Fitness    = 3.8619701995442735` (the best fitness of the generation as Python prints
    it) and `Change     = 3.8619701995442735` (its difference from the previous generation's,
    `last_fitness` starting at 0), after PyGAD's warning that `mutation_percent_genes selects
    fewer than one gene`; then `plot_fitness()` (matplotlib's Agg: nothing shown),
    `Parameters of the best solution : [...]`, `Fitness value of the best solution =
    2202.626096552467`, `Index of the best solution : 0`, `Predicted output based on the best
    solution : 44.00045300351951`, `Best fitness value reached after 21 generations.`, the
    instance saved to and loaded from `genetic.pkl` in the run's folder. Truth: the GA's own
    record, `best_solutions_fitness` (the best fitness of each generation, entry 0 the
    initial population's) at `best_solutions_generations` (the generation printed): `Fitness` at each
    generation 1-100, `Change` as the callback computes it from them (the generation's best
    minus the previous generation's, minus 0 at generation 1), the case checking each printed
    `Fitness` against it by the print hook (`ga_instance.best_solution(...)[1]` from the
    printing frame, the value the f-string is made of); and `solution_fitness` (the last
    generation's best, which it is) as `Fitness_value_of_the_best_solution`, no step. Left
    out: the solution and its predicted output (estimates, not scores), the index and the
    generation counts."""
    import matplotlib

    matplotlib.use("Agg")
    printed: list[float] = []
    final: list[float] = []
    ga: list[Any] = []

    def record(statement: str, names: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement.startswith('print(f"Fitness    ='):
            ga_instance = names["ga_instance"]
            ga[:] = [ga_instance]
            printed.append(ga_instance.best_solution(
                pop_fitness=ga_instance.last_generation_fitness)[1])
        elif statement.startswith('print(f"Fitness value of the best solution'):
            final.append(names["solution_fitness"])

    run_script(os.path.join(os.environ["PYGAD_EXAMPLES"], "example.py"), [], record,
               changes=PYGAD_SEED)
    ga_instance = ga[0]
    fitness = dict(zip(ga_instance.best_solutions_generations,
                       ga_instance.best_solutions_fitness, strict=True))
    if len(printed) != 100 or [fitness[g] for g in range(1, 101)] != printed:
        raise SystemExit("pygad_example: the printed fitness is not the GA's record")
    if final != [fitness[100]]:
        raise SystemExit("pygad_example: the best solution's fitness is not the last one's")
    truth = []
    for generation in range(1, 101):
        truth.append(point("Fitness", fitness[generation], generation))
        truth.append(point("Change", fitness[generation] - (
            fitness[generation - 1] if generation > 1 else 0), generation))
    return truth + [point("Fitness_value_of_the_best_solution", final[0], None)]


CASES["pygad_example"] = pygad_example
OWN_ENVIRONMENT["pygad_example"] = {"pygad": "pygad", "numpy": "numpy (pygad_example case)",
                                    "matplotlib": "matplotlib (pygad_example case)"}
OWN_CHECKOUT["pygad_example"] = "PYGAD_EXAMPLES"
REPOSITORY_CHECKOUTS["PYGAD_EXAMPLES"] = ("ahmedfgad/GeneticAlgorithmPython examples/example.py",
                                          "PYGAD_COMMIT")


# tslearn's gallery example `docs/examples/clustering/plot_kmeans.py`, in the same environment:
#
#     git clone https://github.com/tslearn-team/tslearn ~/tslearn
#     export TSLEARN_EXAMPLES=~/tslearn/docs/examples
#     export TSLEARN_COMMIT=$(git -C ~/tslearn rev-parse HEAD)
#     ~/s11c-venv/bin/python tests/corpus/make_corpus.py tslearn_kmeans


def tslearn_kmeans() -> Truth:
    """tslearn's gallery example `docs/examples/clustering/plot_kmeans.py` (tslearn-team/tslearn,
    from the checkout named by `TSLEARN_EXAMPLES`; commit in VERSIONS.md), run as the script,
    unchanged (matplotlib's Agg backend): on 50 series of the Trace dataset that ships inside
    the package (`CachedDatasets().load_dataset("Trace")`, nothing downloaded), resampled to
    40 points, it fits three `TimeSeriesKMeans(n_clusters=3, verbose=True, random_state=0)`,
    Euclidean, DBA (`metric="dtw"`, `n_init=2`, `max_iter_barycenter=10`) and Soft-DTW
    (`metric="softdtw"`, `metric_params={"gamma": .01}`), each after the script's own title
    (`Euclidean k-means`, `DBA k-means`, `Soft-DTW k-means`). tslearn
    (`tslearn/clustering/kmeans.py`, `_fit_one_init`) prints the inertia after each
    assignment, unnamed, on one line, `print("%.3f" % self.inertia_, end=" --> ")`:
    `15.795 --> 7.716 --> 7.716 --> ` then an empty `print("")`; `Init 1` and `Init 2` before
    each of DBA's two initialisations. Truth: the model's `inertia_`, which it keeps only as
    the latest, read from the printing frame (`self`) by a `print` put into the kmeans
    module's namespace as each value is printed, as `inertia` (the attribute; nothing printed
    names it), no step (the line names no iteration), in the order printed."""
    import matplotlib

    matplotlib.use("Agg")
    import builtins

    from tslearn.clustering import kmeans

    truth: Truth = []

    def recorded(*args: Any, **kwargs: Any) -> None:
        frame = sys._getframe(1)
        if frame.f_code.co_name == "_fit_one_init" and kwargs.get("end") == " --> ":
            truth.append(point("inertia", frame.f_locals["self"].inertia_, None))
        builtins.print(*args, **kwargs)

    kmeans.print = recorded  # type: ignore[attr-defined]
    run_script(os.path.join(os.environ["TSLEARN_EXAMPLES"], "clustering", "plot_kmeans.py"), [],
               lambda statement, names, args: None)
    return truth


CASES["tslearn_kmeans"] = tslearn_kmeans
OWN_ENVIRONMENT["tslearn_kmeans"] = {"tslearn": "tslearn", "numpy": "numpy (tslearn_kmeans case)",
                                     "scikit-learn": "scikit-learn (tslearn_kmeans case)",
                                     "numba": "numba (tslearn_kmeans case)",
                                     "matplotlib": "matplotlib (tslearn_kmeans case)"}
OWN_CHECKOUT["tslearn_kmeans"] = "TSLEARN_EXAMPLES"
REPOSITORY_CHECKOUTS["TSLEARN_EXAMPLES"] = (
    "tslearn-team/tslearn docs/examples/clustering/plot_kmeans.py", "TSLEARN_COMMIT")


# TPOT 0.12 (the `verbosity` API; TPOT 1 is a rewrite), in an environment of its own:
#
#     python -m venv ~/tpot-venv
#     ~/tpot-venv/bin/pip install tpot==0.12.2 "scikit-learn<1.6" "numpy<2"
#     ~/tpot-venv/bin/python tests/corpus/make_corpus.py tpot_iris


def tpot_iris() -> Truth:
    """TPOT 0.12's Iris example (EpistasisLab/tpot `docs/archived/examples.md`, "Iris flower
    classification"; at tag v0.12.2, commit 9db6418230edb47f2032ea5474119bf4f96ea422,
    `docs_sources/examples.md`), its statements copied: `load_iris` (bundled with
    scikit-learn), `train_test_split(..., train_size=0.75, test_size=0.25,
    random_state=42)`, `TPOTClassifier(generations=5, population_size=50, verbosity=2,
    random_state=42)`, `fit`, `print(tpot.score(X_test, y_test))`,
    `tpot.export('tpot_iris_pipeline.py')` (into a folder of its own). Changes: 3 generations
    of 10 (`generations=3, population_size=10`: minutes, not tens of minutes) and
    `disable_update_check=True` (its update check asks PyPI, and prints `Version 0.12.2 of tpot
    is outdated` where it can). TPOT prints its tqdm bar `Optimization Progress:  50%|█████
    | 20/40 [00:10<00:09,  2.1pipeline/s]` (on stderr) and, through `pbar.write`
    (`tpot/gp_deap.py`, `eaMuPlusLambda`, verbosity 2), `Generation 1 - Current best internal
    CV score: 0.9734...` after each generation, then `Best pipeline: KNeighborsClassifier(...)`
    (`tpot/base.py`, `fit`); the example prints the test score as a bare float. Truth: TPOT's
    own record, its Pareto front (`_pareto_front`, the hall of fame `eaMuPlusLambda` prints
    from), read by a wrapper of `_check_periodic_pipeline` (the `per_generation_function` it
    calls right after each generation's line, given the generation): the best of its keys'
    `wvalues[1]` (the internal CV score; `wvalues[0]` is minus the pipeline's size), as
    `Current_best_internal_CV_score` at the generation printed (from 1); and the value
    `tpot.score` returns (what the example prints, read as a wrapper of `score` returns it) as
    `score` (the name of the call: the line prints none), no step. The pipeline is the search's
    result, not a score: left out."""
    import shutil

    import numpy as np
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split
    from tpot import TPOTClassifier
    from tpot.base import TPOTBase

    truth: Truth = []
    check = TPOTBase._check_periodic_pipeline
    score = TPOTBase.score

    def recorded_check(self: Any, gen: int) -> None:
        best = max(key.wvalues[1] for key in self._pareto_front.keys)
        truth.append(point("Current_best_internal_CV_score", best, gen))
        check(self, gen)

    def recorded_score(self: Any, *args: Any, **kwargs: Any) -> float:
        value = score(self, *args, **kwargs)
        truth.append(point("score", value, None))
        return value

    TPOTBase._check_periodic_pipeline = recorded_check  # type: ignore[method-assign]
    TPOTBase.score = recorded_score  # type: ignore[method-assign]
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        iris = load_iris()
        X_train, X_test, y_train, y_test = train_test_split(iris.data.astype(np.float64),
            iris.target.astype(np.float64), train_size=0.75, test_size=0.25, random_state=42)

        tpot = TPOTClassifier(generations=3, population_size=10, verbosity=2, random_state=42,
                              disable_update_check=True)
        tpot.fit(X_train, y_train)
        print(tpot.score(X_test, y_test))
        tpot.export('tpot_iris_pipeline.py')
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    return truth


CASES["tpot_iris"] = tpot_iris
OWN_ENVIRONMENT["tpot_iris"] = {"tpot": "tpot", "deap": "deap (tpot_iris case)",
                                "scikit-learn": "scikit-learn (tpot_iris case)",
                                "numpy": "numpy (tpot_iris case)",
                                "xgboost": "xgboost (tpot_iris case)",
                                "tqdm": "tqdm (tpot_iris case)"}


# mlxtend's SequentialFeatureSelector, in the PyGAD case's environment (`pip install mlxtend
# pandas`); its user guide's statements copied.


def mlxtend_sfs() -> Truth:
    """mlxtend's user guide for `SequentialFeatureSelector` (rasbt/mlxtend
    `docs/sources/user_guide/feature_selection/SequentialFeatureSelector.ipynb`, commit
    9aadcee334f8b07003246d436cd9135b6d62a6b2), its Example 1 statements copied: Iris (bundled
    with scikit-learn), `KNeighborsClassifier(n_neighbors=4)`, `SFS(knn, k_features=3,
    forward=True, floating=False, verbose=2, scoring='accuracy', cv=0)` fitted to the array,
    then again to the same data as a DataFrame, followed by the guide's `print('Best accuracy
    score: %.2f' % sfs1.k_score_)` and its two subset prints. mlxtend
    (`mlxtend/feature_selection/sequential_feature_selector.py`, `fit`) writes to stderr after
    each step `\n[2026-12-02 18:10:00] Features: 1/3 -- score: 0.96` (the score as Python
    prints it), joblib's `[Parallel(n_jobs=1)]: Done   4 out of   4 | elapsed:    0.0s
    finished` before it (the selector passes its verbosity to joblib). Truth: the selector's own
    record after each fit, `subsets_[k]["avg_score"]` for the `k` features the line names, as
    `score` at `k` (the line's `Features: k/3`, the selection's step, from 1; each fit again
    from 1), the case checking each against `k_score`, the value written, read from `fit`'s
    frame by the stream it writes to; and `k_score_` as `Best_accuracy_score` (the guide's
    print), no step. The subsets (feature indices and names) are the selection, not scores;
    the timestamps and joblib's counts and times are left out."""
    import pandas as pd
    from mlxtend.feature_selection import SequentialFeatureSelector as SFS
    from sklearn.datasets import load_iris
    from sklearn.neighbors import KNeighborsClassifier

    written: list[tuple[int, float]] = []
    stderr = sys.stderr

    class Stderr:
        """Where `fit` writes: reads the score it writes from its frame."""

        def write(self, text: str) -> int:
            frame = sys._getframe(1)
            if frame.f_code.co_name == "fit" and "Features:" in text:
                written.append((len(frame.f_locals["k_idx"]), frame.f_locals["k_score"]))
            return stderr.write(text)

        def flush(self) -> None:
            stderr.flush()

    truth: Truth = []

    def record(selector: Any) -> None:
        steps = [point("score", selector.subsets_[k]["avg_score"], k)
                 for k in sorted(selector.subsets_)]
        if [(p["step"], p["value"]) for p in steps] != written[len(truth):]:
            raise SystemExit("mlxtend_sfs: the scores written are not the selector's subsets")
        truth.extend(steps)

    sys.stderr = Stderr()  # type: ignore[assignment]
    try:
        iris = load_iris()
        X = iris.data
        y = iris.target
        knn = KNeighborsClassifier(n_neighbors=4)

        sfs1 = SFS(knn,
                   k_features=3,
                   forward=True,
                   floating=False,
                   verbose=2,
                   scoring='accuracy',
                   cv=0)

        sfs1 = sfs1.fit(X, y)
        record(sfs1)

        df_X = pd.DataFrame(X, columns=["Sepal length", "Sepal width", "Petal length",
                                        "Petal width"])
        sfs1 = sfs1.fit(df_X, y)
        record(sfs1)

        print('Best accuracy score: %.2f' % sfs1.k_score_)  # noqa: UP031 (the guide's)
        print('Best subset (indices):', sfs1.k_feature_idx_)
        print('Best subset (corresponding names):', sfs1.k_feature_names_)
    finally:
        sys.stderr = stderr
    return truth + [point("Best_accuracy_score", sfs1.k_score_, None)]


CASES["mlxtend_sfs"] = mlxtend_sfs
OWN_ENVIRONMENT["mlxtend_sfs"] = {"mlxtend": "mlxtend",
                                  "scikit-learn": "scikit-learn (mlxtend_sfs case)",
                                  "joblib": "joblib (mlxtend_sfs case)",
                                  "pandas": "pandas (mlxtend_sfs case)",
                                  "numpy": "numpy (mlxtend_sfs case)"}


# lmfit's documentation example `examples/doc_model_gaussian.py`, in the PyGAD case's
# environment (`pip install lmfit`):
#
#     git clone https://github.com/lmfit/lmfit-py ~/lmfit
#     export LMFIT_EXAMPLES=~/lmfit/examples LMFIT_COMMIT=$(git -C ~/lmfit rev-parse HEAD)
#     ~/s11c-venv/bin/python tests/corpus/make_corpus.py lmfit_gaussian


def lmfit_gaussian() -> Truth:
    """lmfit's documentation example `examples/doc_model_gaussian.py` (lmfit/lmfit-py, from
    the checkout named by `LMFIT_EXAMPLES`; commit in VERSIONS.md), run as the script,
    unchanged (matplotlib's Agg backend), its data file `model1d_gauss.dat` (in the same
    folder of the repository) copied into the run's folder: `Model(gaussian).fit(y, x=x, amp=5,
    cen=5, wid=1)`, then `print(result.fit_report())` (lmfit `lmfit/printfuncs.py`,
    `fit_report`): `[[Model]]`, `[[Fit Statistics]]` with `# fitting method   = leastsq`,
    `# function evals   = 33`, `# data points      = 101`, `# variables        = 3`,
    `chi-square         = 3.40883599`, `reduced chi-square = 0.03478404`, `Akaike info crit
    = -336.263713`, `Bayesian info crit = -328.418352`, `R-squared          = 0.98533348`
    (`gformat`: about 9 significant digits), `[[Variables]]` (`amp:  8.88021893 +/-
    0.11359522 (1.28%) (init = 5)`) and `[[Correlations]]` (`C(amp, wid) = +0.5774`).
    Truth: the fit's own record, the `ModelResult` the script prints the report of (read from
    the printing frame by the print hook): `chisqr`, `redchi`, `aic`, `bic`, `rsquared` as
    `chi-square`, `reduced_chi-square`, `Akaike_info_crit`, `Bayesian_info_crit`,
    `R-squared` (the names the report prints), no step (a single fit). Left out: the counts
    (`#` lines), the parameters with their errors and initial values and their correlations
    (estimates, not scores)."""
    import shutil

    import matplotlib

    matplotlib.use("Agg")
    folder = os.environ["LMFIT_EXAMPLES"]
    results: list[Any] = []

    def record(statement: str, names: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement.startswith("print(result.fit_report())"):
            results.append(names["result"])

    def setup() -> None:
        shutil.copy(os.path.join(folder, "model1d_gauss.dat"), "model1d_gauss.dat")

    run_script(os.path.join(folder, "doc_model_gaussian.py"), [], record, setup=setup)
    result = results[0]
    return [point("chi-square", result.chisqr, None),
            point("reduced_chi-square", result.redchi, None),
            point("Akaike_info_crit", result.aic, None),
            point("Bayesian_info_crit", result.bic, None),
            point("R-squared", result.rsquared, None)]


CASES["lmfit_gaussian"] = lmfit_gaussian
OWN_ENVIRONMENT["lmfit_gaussian"] = {"lmfit": "lmfit", "numpy": "numpy (lmfit_gaussian case)",
                                     "scipy": "scipy (lmfit_gaussian case)",
                                     "matplotlib": "matplotlib (lmfit_gaussian case)"}
OWN_CHECKOUT["lmfit_gaussian"] = "LMFIT_EXAMPLES"
REPOSITORY_CHECKOUTS["LMFIT_EXAMPLES"] = ("lmfit/lmfit-py examples/doc_model_gaussian.py",
                                          "LMFIT_COMMIT")



# --- pytorch/tutorials: spatial transformer, FGSM, neural style, char-RNN, seq2seq -------------
# Each runs alone, in one environment of their own (torchvision: PyPI's, beside PyPI's torch):
#
#     python -m venv ~/tutorials-venv
#     ~/tutorials-venv/bin/pip install torch==2.14.1 torchvision==0.29.1 matplotlib six pillow
#     export PYTORCH_TUTORIALS=~/tutorials    # pytorch/tutorials' files, at their paths
#     export PYTORCH_TUTORIALS_COMMIT=...     # the commit of the case's file (VERSIONS.md)
#     ~/tutorials-venv/bin/python tests/corpus/make_corpus.py spatial_transformer_tutorial
#
# The repository (5 GB with its images and notebooks) is too large to check out here: each
# tutorial file was read from it at the commit VERSIONS.md gives for that file, and written at
# its path under the folder PYTORCH_TUTORIALS names. Each case runs the file as it is, as the
# script (`run_script`), with matplotlib's `Agg` backend and torch seeded and on one thread
# (the tutorials seed nothing). Their data sets are downloads: each case writes synthetic
# stand-ins of the same form in the run's folder first, where the tutorial looks for them.
TUTORIALS_ENVIRONMENT = {name: f"{name} (pytorch/tutorials cases)"
                         for name in ("torch", "torchvision", "numpy", "matplotlib", "pillow",
                                      "six")}


def tutorial_file(path: str) -> str:
    """The file at `path` in the pytorch/tutorials checkout named by PYTORCH_TUTORIALS."""
    root = os.environ.get("PYTORCH_TUTORIALS")
    if not root or not os.path.exists(os.path.join(root, path)):
        raise SystemExit(f"set PYTORCH_TUTORIALS to a pytorch/tutorials checkout with {path}")
    return os.path.join(root, path)


def write_mnist_raw(root: str, train: int, test: int) -> None:
    """torchvision's raw MNIST files in `root/MNIST/raw` (`train-images-idx3-ubyte`,
    `train-labels-idx1-ubyte`, `t10k-...`), made up: uint8 28x28 images of 10 classes, noise
    around a pattern per class (7x7 random levels, each a block of 4x4 pixels), `train` and
    `test` of them. `datasets.MNIST` finds them there (with `download=True` too) and
    downloads nothing."""
    import numpy as np

    rng = np.random.default_rng(0)
    patterns = np.kron(rng.uniform(0, 255, size=(10, 7, 7)), np.ones((4, 4)))
    folder = os.path.join(root, "MNIST", "raw")
    os.makedirs(folder, exist_ok=True)
    for split, n in (("train", train), ("t10k", test)):
        labels = rng.integers(0, 10, size=n).astype(np.uint8)
        images = np.clip(patterns[labels] + rng.normal(0, 60, size=(n, 28, 28)), 0, 255)
        with open(os.path.join(folder, f"{split}-images-idx3-ubyte"), "wb") as f:
            f.write(struct.pack(">IIII", 2051, n, 28, 28) + images.astype(np.uint8).tobytes())
        with open(os.path.join(folder, f"{split}-labels-idx1-ubyte"), "wb") as f:
            f.write(struct.pack(">II", 2049, n) + labels.tobytes())


def _tutorial_start() -> None:
    os.environ["MPLBACKEND"] = "Agg"
    import random

    import torch

    torch.set_num_threads(1)
    torch.manual_seed(0)
    random.seed(0)


def spatial_transformer_tutorial() -> Truth:
    """The PyTorch "Spatial Transformer Networks" tutorial, pytorch/tutorials
    `intermediate_source/spatial_transformer_tutorial.py` (commit in VERSIONS.md), run as it is:
    its `Net` (a localisation network regressing an affine grid in front of a small CNN), SGD
    0.01, 20 epochs of `train(epoch)` and `test()`, batches of 64 shuffled by 4 workers, then
    `visualize_stn()` (drawn off screen). Nothing in the file is changed: MNIST (a download) is
    the synthetic raw files `write_mnist_raw` makes in the run's folder (640 training and 200
    test images), which `datasets.MNIST(root='.', download=True)` finds there, so an epoch is
    10 batches and its `batch_idx % 500 == 0` prints the first batch's loss alone. It prints
    `Train Epoch: 1 [0/640 (0%)]\\tLoss: 2.310655` and, after each epoch, `Test set: Average
    loss: 2.2934, Accuracy: 17/200 (8%)` between empty lines; torch warns of
    `size_average` and of `affine_grid`'s and `grid_sample`'s `align_corners` (stderr).
    Truth: the printing frames' values as each line is printed: `train`'s `loss.item()` as
    `Loss`, `test`'s `test_loss` and `correct` as `Test_set_Average_loss` and `Accuracy`, no
    step, as mnist_style (the same lines as pytorch/examples' mnist: the train line names the
    samples seen in the epoch, the test line no step)."""
    path = tutorial_file("intermediate_source/spatial_transformer_tutorial.py")
    _tutorial_start()
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "Train Epoch" in call:
            truth.append(point("Loss", values["loss"].item(), None))
        elif "Test set" in call:
            truth.extend([point("Test_set_Average_loss", values["test_loss"], None),
                          point("Accuracy", values["correct"], None)])

    run_script(path, [], record, setup=lambda: write_mnist_raw(".", 640, 200))
    if len(truth) != 60:
        raise SystemExit(f"spatial_transformer_tutorial: {len(truth)} points, not 20 epochs'")
    return truth


CASES["spatial_transformer_tutorial"] = spatial_transformer_tutorial
OWN_ENVIRONMENT["spatial_transformer_tutorial"] = TUTORIALS_ENVIRONMENT
OWN_CHECKOUT["spatial_transformer_tutorial"] = "PYTORCH_TUTORIALS"
REPOSITORY_CHECKOUTS["PYTORCH_TUTORIALS"] = ("pytorch/tutorials", "PYTORCH_TUTORIALS_COMMIT")
CHECKOUT_ROW["spatial_transformer_tutorial"] = (
    "pytorch/tutorials intermediate_source/spatial_transformer_tutorial.py")


def _lenet_for_fgsm(path: str) -> None:
    """`lenet_mnist_model.pth`, the weights the FGSM tutorial loads (a download): its own
    `Net`, its class statement taken from the tutorial file and run alone, trained here on the
    synthetic training images of `../data` (SGD 0.1 with momentum 0.5, batches of 64, 3
    epochs), its state saved."""
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    from torchvision import datasets, transforms

    with open(path, encoding="utf-8") as f:
        source = f.read()
    start = source.index("class Net(nn.Module):")
    namespace: dict[str, Any] = {"torch": torch, "nn": nn, "F": F}
    exec(source[start:source.index("\n# MNIST Test dataset", start)], namespace)
    model = namespace["Net"]()
    train = torch.utils.data.DataLoader(
        datasets.MNIST("../data", train=True, transform=transforms.ToTensor()),
        batch_size=64, shuffle=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.5)
    model.train()
    for _ in range(3):
        for data, target in train:
            optimizer.zero_grad()
            F.nll_loss(model(data), target).backward()
            optimizer.step()
    torch.save(model.state_dict(), "lenet_mnist_model.pth")


def fgsm_tutorial() -> Truth:
    """The PyTorch "Adversarial Example Generation" (FGSM) tutorial, pytorch/tutorials
    `beginner_source/fgsm_tutorial.py` (commit in VERSIONS.md), run as it is: its LeNet `Net`
    loaded from `lenet_mnist_model.pth`, then `test(model, device, test_loader, eps)` over
    the MNIST test set one image at a time for each of its 7 epsilons, then its two figures
    (drawn off screen). Nothing in the file is changed; its two downloads are made here in the
    run's folder first: MNIST (its `'../data'`, so the script runs in a folder `run` inside
    the run's folder) is the synthetic raw files of `write_mnist_raw` (2000 training and 1000
    test images), and the pretrained weights are the tutorial's own `Net` briefly trained on
    those training images (`_lenet_for_fgsm`). It prints `CUDA Available:  False` and a line
    an epsilon, `Epsilon: 0.1\\tTest Accuracy = 869 / 1000 = 0.869`. Truth: `test`'s
    `final_acc` read from the printing frame as `Test_Accuracy` (the last value of the line,
    the accuracy; `869 / 1000` are counts), checked to be the tutorial's own `accuracies`
    list; no step (the line names its epsilon, a setting of the attack, not a step)."""
    path = tutorial_file("beginner_source/fgsm_tutorial.py")
    _tutorial_start()
    truth: Truth = []
    kept: dict[str, Any] = {}

    def setup() -> None:
        write_mnist_raw("data", 2000, 1000)
        os.mkdir("run")
        os.chdir("run")
        _lenet_for_fgsm(path)

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "Epsilon: " in call:
            truth.append(point("Test_Accuracy", values["final_acc"], None))
            kept["accuracies"] = values["accuracies"]

    run_script(path, [], record, setup=setup)
    if len(truth) != 7 or [p["value"] for p in truth] != kept["accuracies"]:
        raise SystemExit("fgsm_tutorial: the printed accuracies are not the tutorial's list")
    return truth


CASES["fgsm_tutorial"] = fgsm_tutorial
OWN_ENVIRONMENT["fgsm_tutorial"] = TUTORIALS_ENVIRONMENT
OWN_CHECKOUT["fgsm_tutorial"] = "PYTORCH_TUTORIALS"
CHECKOUT_ROW["fgsm_tutorial"] = "pytorch/tutorials beginner_source/fgsm_tutorial.py"



# neural_style_tutorial.py loads VGG19 with ImageNet weights (`pretrained=True`, a download):
# the case's one change builds it with its random initialisation instead.
NEURAL_STYLE_CHANGES = {"cnn = models.vgg19(pretrained=True).features.to(device).eval()":
                        "cnn = models.vgg19(pretrained=False).features.to(device).eval()"}


def _style_images() -> None:
    """The neural style tutorial's `images/picasso.jpg` and `images/dancing.jpg` (downloads),
    made up: two 160 x 128 JPEGs, diagonal stripes of three colours and a disc on a gradient."""
    import numpy as np
    from PIL import Image

    y, x = np.mgrid[0:128, 0:160]
    stripes = np.array([[200, 60, 40], [40, 90, 180], [230, 200, 60]])[((x + y) // 12) % 3]
    disc = ((x - 80) ** 2 + (y - 64) ** 2 < 40 ** 2)[..., None]
    gradient = np.stack([x * 1.5, y * 1.8, np.full_like(x, 120)], axis=-1)
    dancing = np.where(disc, np.array([250, 230, 210]), gradient)
    os.makedirs("images")
    Image.fromarray(stripes.astype(np.uint8)).save("images/picasso.jpg")
    Image.fromarray(dancing.astype(np.uint8)).save("images/dancing.jpg")


def neural_style_tutorial() -> Truth:
    """The PyTorch "Neural Transfer Using PyTorch" tutorial, pytorch/tutorials
    `advanced_source/neural_style_tutorial.py` (commit in VERSIONS.md), run as the script:
    VGG19's features with content and style losses inserted (`conv_4`; `conv_1` to
    `conv_5`), L-BFGS on the input image, its `run_style_transfer` with 300 steps, style
    weight 1e6, images of 128 pixels (its size without a GPU). One change
    (NEURAL_STYLE_CHANGES): VGG19 randomly initialised (torch seeded), not the ImageNet
    weights it downloads; its two images (downloads) are made up (`_style_images`). It prints
    `Building the style transfer model..`, `Optimizing..`, then every 50 evaluations of its
    closure `run [50]:`, `Style Loss : 0.015341 Content Loss: 0.046366` (`{:4f}`: six
    decimals) and an empty line, 6 times; torchvision warns of `pretrained`, torch of
    `torch.tensor` on a tensor. Truth: the closure's
    `style_score.item()` and `content_score.item()`, read from its frame as the line is
    printed, as `Style_Loss` and `Content_Loss` at `run[0]` (the count the `run [50]:` line
    above them prints: the closure's evaluations, L-BFGS taking up to 20 a step)."""
    path = tutorial_file("advanced_source/neural_style_tutorial.py")
    _tutorial_start()
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "Style Loss" in call:
            step = values["run"][0]
            truth.extend([point("Style_Loss", values["style_score"].item(), step),
                          point("Content_Loss", values["content_score"].item(), step)])

    run_script(path, [], record, NEURAL_STYLE_CHANGES, _style_images)
    if not truth:
        raise SystemExit("neural_style_tutorial: no losses printed")
    return truth


CASES["neural_style_tutorial"] = neural_style_tutorial
OWN_ENVIRONMENT["neural_style_tutorial"] = TUTORIALS_ENVIRONMENT
OWN_CHECKOUT["neural_style_tutorial"] = "PYTORCH_TUTORIALS"
CHECKOUT_ROW["neural_style_tutorial"] = "pytorch/tutorials advanced_source/neural_style_tutorial.py"


# char_rnn_classification_tutorial.py trains 100,000 single names (a line every 5,000) and
# evaluates 10,000 for its confusion matrix: the case's changes train 20,000, a line every
# 1,000, and evaluate 2,000.
CHAR_RNN_CHANGES = {"n_iters = 100000\nprint_every = 5000\n":
                    "n_iters = 20000\nprint_every = 1000\n",
                    "n_confusion = 10000\n": "n_confusion = 2000\n"}
CHAR_RNN_LANGUAGES = {
    "Arabic": "ab ad al am ha ka na ra sa ul", "Chinese": "an ch en g h ng sh u x zh",
    "Czech": "cz ek ho ka ov r sk v y zd", "Dutch": "aa de ij k ma n s te v ze",
    "English": "ar b ck er le on s t th w", "French": "au ch e el eu l ne re t x",
    "German": "au ch ei er ma n ng s sch z", "Greek": "as ko la ni os ou p ri s to",
    "Irish": "ai b c gh ll m na o' ro sh", "Italian": "an ce e i li lo ni o ri ti",
    "Japanese": "da ka ki ko ma mo na no shi ta", "Korean": "ch h j k m ng o p s u",
    "Polish": "cz ew ki ow rz sk sz wi y z", "Portuguese": "ao ei es ma o ra s to v z",
    "Russian": "ev in ko ov sh sky tz v y zh", "Scottish": "ac ai gh ie lo m ne r st w",
    "Spanish": "ar ez ga ia lo na ra s to z", "Vietnamese": "an h ng nh ph th tr u v y"}


def _char_rnn_names() -> None:
    """The tutorial's `data/names/[Language].txt` (a download), made up: its 18 languages,
    300 names each of 2 to 4 syllables drawn from a few letter groups per language."""
    import random

    rng = random.Random(0)
    os.makedirs("data/names")
    for language, groups in CHAR_RNN_LANGUAGES.items():
        syllables = groups.split()
        names = ["".join(rng.choices(syllables, k=rng.randint(2, 4))).capitalize()
                 for _ in range(300)]
        with open(f"data/names/{language}.txt", "w", encoding="utf-8") as f:
            f.write("\n".join(names) + "\n")


def char_rnn_classification_tutorial() -> Truth:
    """The PyTorch "NLP From Scratch: Classifying Names with a Character-Level RNN"
    tutorial, pytorch/tutorials `intermediate_source/char_rnn_classification_tutorial.py`
    (commit in VERSIONS.md), run as the script: its RNN of three `Linear` layers (hidden 128)
    trained one random name at a time by hand-written SGD (0.005), then its confusion matrix
    and three predictions. Changes (CHAR_RNN_CHANGES): 20,000 names instead of 100,000, a line
    every 1,000 instead of 5,000, 2,000 evaluated for the matrix instead of 10,000; its data
    (a download) is made up (`_char_rnn_names`), `random` and torch seeded. It prints the file
    list, its demonstrations (`Slusarski`, a one-hot tensor, `torch.Size([5, 1, 57])`, ten
    `category = ... / line = ...`), then `1000 5% (0m 1s) 2.8093 Kironi / Italian ✓` (the
    iteration, the percentage done, the time, the loss with no name, the name, the guess and
    `✓` or `✗ (Greek)`), then `> Dovesky` and `(-0.15) Russian` lines. Truth: the loop's
    `loss` (the float `train` returns for that one name) read from the printing frame, keyed
    `loss`, the name of the variable the statement formats (the line prints no name), at
    `iter` (from 1, as printed). The percentage is a count and the predictions' log
    probabilities are the model's answers, not measures of the training: left out."""
    path = tutorial_file("intermediate_source/char_rnn_classification_tutorial.py")
    _tutorial_start()
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if call.startswith("print('%d %d%% (%s) %.4f"):
            truth.append(point("loss", values["loss"], values["iter"]))

    run_script(path, [], record, CHAR_RNN_CHANGES, _char_rnn_names)
    if [p["step"] for p in truth] != list(range(1000, 20001, 1000)):
        raise SystemExit("char_rnn_classification_tutorial: not a line every 1,000 names")
    return truth


CASES["char_rnn_classification_tutorial"] = char_rnn_classification_tutorial
OWN_ENVIRONMENT["char_rnn_classification_tutorial"] = TUTORIALS_ENVIRONMENT
OWN_CHECKOUT["char_rnn_classification_tutorial"] = "PYTORCH_TUTORIALS"
CHECKOUT_ROW["char_rnn_classification_tutorial"] = (
    "pytorch/tutorials intermediate_source/char_rnn_classification_tutorial.py")



# seq2seq_translation_tutorial.py trains 75,000 pairs, a line every 5,000: the case's one change
# trains 2,000, a line every 200.
SEQ2SEQ_CHANGES = {"trainIters(encoder1, attn_decoder1, 75000, print_every=5000)":
                   "trainIters(encoder1, attn_decoder1, 2000, print_every=200)"}
SEQ2SEQ_SUBJECTS = [("I am", "Je suis"), ("He is", "Il est"), ("She is", "Elle est"),
                    ("You are", "Vous etes"), ("We are", "Nous sommes"),
                    ("They are", "Ils sont")]
SEQ2SEQ_ADJECTIVES = [("cold", "froid"), ("tired", "fatigue"), ("happy", "heureux"),
                      ("hungry", "affame"), ("tall", "grand"), ("small", "petit"),
                      ("busy", "occupe"), ("ready", "pret"), ("sad", "triste"),
                      ("young", "jeune"), ("rich", "riche"), ("strong", "fort"),
                      ("sick", "malade"), ("late", "en retard")]
# The sentences the tutorial translates after training: their French words must be known.
SEQ2SEQ_KNOWN = ["I am too cold.\tJe suis trop froid.",
                 "She is five years younger than me.\tElle a cinq ans de moins que moi.",
                 "She is too short.\tElle est trop petit.",
                 "I am not scared to die.\tJe ne crains pas de mourir.",
                 "He is a talented young director.\tC'est un jeune directeur plein de talent."]


def _eng_fra() -> None:
    """The tutorial's `data/eng-fra.txt` (a download), made up: English and French pairs,
    tab-separated, of a subject, `too`/`trop`, `very`/`tres`, `not`/`ne ... pas` or nothing,
    and an adjective (6 x 4 x 14 = 336), the five sentences it translates at the end, and
    a few that its filter drops (they begin with no `I am`, `he is`, ...)."""
    lines = ["Go.\tVa !", "Run!\tCours !", "Who are you?\tQui etes-vous ?"]
    for english, french in SEQ2SEQ_SUBJECTS:
        for adjective, adjectif in SEQ2SEQ_ADJECTIVES:
            lines += [f"{english} {adjective}.\t{french} {adjectif}.",
                      f"{english} too {adjective}.\t{french} trop {adjectif}.",
                      f"{english} very {adjective}.\t{french} tres {adjectif}.",
                      f"{english} not {adjective}.\t"
                      f"{french.replace(' ', ' ne ', 1)} pas {adjectif}."]
    os.makedirs("data")
    with open("data/eng-fra.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(lines + SEQ2SEQ_KNOWN) + "\n")


def seq2seq_translation_tutorial() -> Truth:
    """The PyTorch "NLP From Scratch: Translation with a Sequence to Sequence Network and
    Attention" tutorial, pytorch/tutorials `intermediate_source/seq2seq_translation_tutorial.py`
    (commit in VERSIONS.md), run as the script: a GRU `EncoderRNN` and an `AttnDecoderRNN`
    (hidden 256), one pair at a time, SGD 0.01, teacher forcing half the time, then
    `evaluateRandomly` and four `evaluateAndShowAttention`. One change (SEQ2SEQ_CHANGES):
    2,000 training pairs, a line every 200, instead of 75,000 and 5,000; its data (a download)
    is made up (`_eng_fra`), `random` and torch seeded. It prints `Reading lines...`, `Read
    344 sentence pairs`, `Trimmed to 341 sentence pairs`, the word counts, a random pair,
    then `0m 14s (- 2m 14s) (200 10%) 2.0976` (the time, the time left, the iteration and the
    percentage done, then the average loss with no name), then the `>`, `=`, `<` lines of
    its translations and `input =` / `output =`. Truth: `trainIters`' `print_loss_avg` (the
    mean of `train`'s losses since the last line) read from the printing frame, keyed `loss`
    (the line prints no name; the tutorial calls it the loss, and the char-RNN tutorial's and
    makemore's nameless losses are keyed so too), at `iter` (from 1, as printed). Times and the
    percentage are left out."""
    path = tutorial_file("intermediate_source/seq2seq_translation_tutorial.py")
    _tutorial_start()
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if call.startswith("print('%s (%d %d%%) %.4f'"):
            truth.append(point("loss", values["print_loss_avg"], values["iter"]))

    run_script(path, [], record, SEQ2SEQ_CHANGES, _eng_fra)
    if [p["step"] for p in truth] != list(range(200, 2001, 200)):
        raise SystemExit("seq2seq_translation_tutorial: not a line every 200 pairs")
    return truth


CASES["seq2seq_translation_tutorial"] = seq2seq_translation_tutorial
OWN_ENVIRONMENT["seq2seq_translation_tutorial"] = TUTORIALS_ENVIRONMENT
OWN_CHECKOUT["seq2seq_translation_tutorial"] = "PYTORCH_TUTORIALS"
CHECKOUT_ROW["seq2seq_translation_tutorial"] = (
    "pytorch/tutorials intermediate_source/seq2seq_translation_tutorial.py")


# --- gplearn, neat-python, Opacus -------------------------------------------------------------
# Each runs alone, in one environment of their own (torch and torchvision: PyPI's, on the CPU):
#
#     python -m venv ~/s12c-venv
#     ~/s12c-venv/bin/pip install gplearn neat-python==2.0.0 opacus==1.5.4 torch==2.14.1 \
#         torchvision==0.29.1 tqdm
#     ~/s12c-venv/bin/python tests/corpus/make_corpus.py gplearn_symbolic_regressor
#     git clone https://github.com/CodeReclaimers/neat-python ~/neat   # examples/xor
#     git -C ~/neat checkout v2.0.0
#     export NEAT_EXAMPLES=~/neat/examples NEAT_COMMIT=$(git -C ~/neat rev-parse HEAD)
#     ~/s12c-venv/bin/python tests/corpus/make_corpus.py neat_xor
#
# sentencepiece's trainer was tried too and left out: its unigram trainer logs `EM sub_iter=0
# size=110 obj=5.84001 num_tokens=36818 bytes/tok=5.56437` from C++ (absl's logging) and keeps
# no record of the objective that Python can read, so there is no truth to take.


def gplearn_symbolic_regressor() -> Truth:
    """gplearn's first documented example, "Symbolic Regressor" (trevorstephens/gplearn
    `doc/examples.rst`, commit 0390aea8639ce5f6c0b388400e07b58c05acad6a), its statements
    copied (but for its test points and plots, which the fit does not use): 50 training points
    of `y = X0**2 - X1**2 + X1 - 1` drawn by `check_random_state(0)`,
    `SymbolicRegressor(population_size=5000, generations=20, stopping_criteria=0.01,
    p_crossover=0.7, p_subtree_mutation=0.1, p_hoist_mutation=0.05, p_point_mutation=0.1,
    max_samples=0.9, verbose=1, parsimony_coefficient=0.01, random_state=0)`, `fit`, then
    `print(est_gp._program)` (the program found: not a measure). gplearn (`gplearn/genetic.py`,
    `_verbose_reporter`) prints a table with a two-row header, `    |   Population Average    |
    Best Individual              |` over ` Gen   Length          Fitness   Length
    Fitness      OOB Fitness  Time Left`, then a row a generation, `   0    38.13
    458.578        5         0.320666         0.556764      3.54m` (`{:8.2f}` for the average
    length, `{:16g}` for the fitnesses: six significant digits). Truth: the estimator's own
    record, `run_details_`, each column keyed by its group and its name joined by `/` (as a
    nested dict's keys): its `average_length` and `average_fitness` as
    `Population_Average/Length` and `Population_Average/Fitness`, `best_length`,
    `best_fitness` and `best_oob_fitness` as `Best_Individual/Length`,
    `Best_Individual/Fitness` and `Best_Individual/OOB_Fitness`, at its `generation` (from 0,
    as printed). `Time Left` is a timing, left out."""
    from gplearn.genetic import SymbolicRegressor
    from sklearn.utils.random import check_random_state

    rng = check_random_state(0)

    # Training samples
    X_train = rng.uniform(-1, 1, 100).reshape(50, 2)
    y_train = X_train[:, 0]**2 - X_train[:, 1]**2 + X_train[:, 1] - 1

    est_gp = SymbolicRegressor(population_size=5000,
                               generations=20, stopping_criteria=0.01,
                               p_crossover=0.7, p_subtree_mutation=0.1,
                               p_hoist_mutation=0.05, p_point_mutation=0.1,
                               max_samples=0.9, verbose=1,
                               parsimony_coefficient=0.01, random_state=0)
    est_gp.fit(X_train, y_train)
    print(est_gp._program)
    details = est_gp.run_details_
    columns = (("Population_Average/Length", "average_length"),
               ("Population_Average/Fitness", "average_fitness"),
               ("Best_Individual/Length", "best_length"),
               ("Best_Individual/Fitness", "best_fitness"),
               ("Best_Individual/OOB_Fitness", "best_oob_fitness"))
    return [point(key, details[name][i], gen) for i, gen in enumerate(details["generation"])
            for key, name in columns]


CASES["gplearn_symbolic_regressor"] = gplearn_symbolic_regressor
OWN_ENVIRONMENT["gplearn_symbolic_regressor"] = {
    "gplearn": "gplearn", "scikit-learn": "scikit-learn (gplearn_symbolic_regressor case)",
    "numpy": "numpy (gplearn_symbolic_regressor case)"}


# The case's only changes to examples/xor/evolve-feedforward.py: its plots left out (`visualize`
# needs graphviz's `dot` program, not installed here, and opens windows) and so is its closing
# rerun from `neat-checkpoint-4`, which neat-python 2.0.0 no longer writes (its `Checkpointer(5)`
# names checkpoints by the next generation: `neat-checkpoint-5`, ...), so the example stops there
# with a FileNotFoundError.
NEAT_CHANGES = {
    "import visualize\n": "",
    """    node_names = {-1: 'A', -2: 'B', 0: 'A XOR B'}
    visualize.draw_net(config, winner, True, node_names=node_names)
    visualize.draw_net(config, winner, True, node_names=node_names, prune_unused=True)
    visualize.plot_stats(stats, ylog=False, view=True)
    visualize.plot_species(stats, view=True)

    p = neat.Checkpointer.restore_checkpoint('neat-checkpoint-4')
    p.run(eval_genomes, 10)
""": ""}


def neat_xor() -> Truth:
    """neat-python's XOR example `examples/xor/evolve-feedforward.py` (CodeReclaimers/neat-python,
    from the checkout named by `NEAT_EXAMPLES`, tag v2.0.0; commit in VERSIONS.md), run as the
    script with NEAT_CHANGES, its `config-feedforward` copied into the run's folder with its
    own reproducibility switch turned on (`# seed = 42` uncommented, as the file's comment
    says, so that both runs print the same). It evolves 150 genomes until one scores 3.9,
    with `StdOutReporter(True)`, a `StatisticsReporter` and `Checkpointer(5)`. neat-python
    (`neat/reporting.py`, `StdOutReporter`) prints each generation ` ****** Running generation
    0 ****** `, `Population's average fitness: 2.21841 stdev: 0.33381` and `Best fitness:
    2.96833 - size: (1, 2) - species 1 - id 39`, then, through its `info`, `Average adjusted
    fitness: 0.548` (`neat/reproduction.py`) and `Mean genetic distance 1.016, standard
    deviation 0.409` (`neat/species.py`), the species table `   ID   age  size   fitness   adj
    fit  stag` (a row a species, `--` for a new species' fitness), `Total extinctions: 0`,
    `Generation time: 0.055 sec`; `Saving checkpoint to neat-checkpoint-5`; at the end `Best
    individual in generation 41 meets fitness threshold - complexity: (3, 7)`, the winner's
    genes and its outputs. Truth, at the generation of the `Running generation` line above
    (from 0): the StatisticsReporter's own record, `get_fitness_mean()` and
    `get_fitness_stdev()` (the same population statistics the reporter prints) as
    `Population's_average_fitness` and `stdev`, and `most_fit_genomes[g].fitness` as
    `Best_fitness`; the values passed to the reporter's `info`, read from the calling frame
    (`avg_adjusted_fitness` of `reproduce`, `gdmean` and `gdstdev` of `speciate`: the
    statistics reporter keeps none of them) as `Average_adjusted_fitness`,
    `Mean_genetic_distance` and `standard_deviation`; and each species' own `fitness` and
    `adjusted_fitness`, read from the species set as the table is printed, as `{ID}/fitness`
    and `{ID}/adj_fit` (the row, then the column, as sklearn_classification_report), a new
    species' `--` left out. Left out: sizes, ids, ages, stagnation and extinction counts,
    times, the winner's genes and outputs."""
    import neat

    examples = os.path.join(os.environ["NEAT_EXAMPLES"], "xor")
    hooked: list[dict[str, Any]] = []
    stats: list[Any] = []
    reporter = neat.StdOutReporter
    info, end_generation = reporter.info, reporter.end_generation

    def recorded_info(self: Any, msg: str) -> None:
        names = sys._getframe(2).f_locals
        if msg.startswith("Average adjusted fitness"):
            hooked.append(point("Average_adjusted_fitness", names["avg_adjusted_fitness"],
                                self.generation))
        elif msg.startswith("Mean genetic distance"):
            hooked.append(point("Mean_genetic_distance", names["gdmean"], self.generation))
            hooked.append(point("standard_deviation", names["gdstdev"], self.generation))
        info(self, msg)

    def recorded_end(self: Any, config: Any, population: Any, species_set: Any) -> None:
        if self.show_species_detail:
            for sid in sorted(species_set.species):
                s = species_set.species[sid]
                if s.fitness is not None:
                    hooked.append(point(f"{sid}/fitness", s.fitness, self.generation))
                if s.adjusted_fitness is not None:
                    hooked.append(point(f"{sid}/adj_fit", s.adjusted_fitness, self.generation))
        end_generation(self, config, population, species_set)

    def record(statement: str, names: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement.startswith("print(f'\\nBest genome"):
            stats.append(names["stats"])

    def setup() -> None:
        with open(os.path.join(examples, "config-feedforward")) as f:
            config = f.read()
        assert config.count("\n# seed = 42\n") == 1
        with open("config-feedforward", "w") as f:
            f.write(config.replace("\n# seed = 42\n", "\nseed = 42\n"))

    reporter.info = recorded_info  # type: ignore[method-assign]
    reporter.end_generation = recorded_end  # type: ignore[method-assign]
    try:
        run_script(os.path.join(examples, "evolve-feedforward.py"), [], record,
                   changes=NEAT_CHANGES, setup=setup)
    finally:
        reporter.info, reporter.end_generation = info, end_generation
    record_ = stats[0]
    means, stdevs = record_.get_fitness_mean(), record_.get_fitness_stdev()
    truth: Truth = []
    for generation, best in enumerate(record_.most_fit_genomes):
        truth += [point("Population's_average_fitness", means[generation], generation),
                  point("stdev", stdevs[generation], generation),
                  point("Best_fitness", best.fitness, generation)]
        truth += [p for p in hooked if p["step"] == generation]
    if len(truth) != len(record_.most_fit_genomes) * 3 + len(hooked):
        raise SystemExit("neat_xor: a hooked value of a generation the statistics do not have")
    return truth


CASES["neat_xor"] = neat_xor
OWN_ENVIRONMENT["neat_xor"] = {"neat-python": "neat-python"}
OWN_CHECKOUT["neat_xor"] = "NEAT_EXAMPLES"
REPOSITORY_CHECKOUTS["NEAT_EXAMPLES"] = ("CodeReclaimers/neat-python examples/xor",
                                         "NEAT_COMMIT")


# Opacus's `examples/mnist.py`, in the same environment (Opacus 1.5.4, the example's release):
#
#     git clone https://github.com/pytorch/opacus ~/opacus && git -C ~/opacus checkout v1.5.4
#     export OPACUS_EXAMPLES=~/opacus/examples OPACUS_COMMIT=$(git -C ~/opacus rev-parse HEAD)
#     ~/s12c-venv/bin/python tests/corpus/make_corpus.py opacus_mnist
OPACUS_ARGV = ["--device", "cpu", "--epochs", "3", "--data-root", "mnist"]


def opacus_mnist() -> Truth:
    """Opacus's MNIST example `examples/mnist.py` (pytorch/opacus, from the checkout named by
    `OPACUS_EXAMPLES`; commit in VERSIONS.md), run as the script, unchanged, with `OPACUS_ARGV` (the
    CPU, 3 epochs instead of 10, its data in the run's folder): its `SampleConvNet` trained by
    DP-SGD (`PrivacyEngine.make_private`, noise multiplier 1.0, per-sample gradients clipped to 1.0,
    Poisson batches of 64 on average, SGD 0.1), then tested once. MNIST is `write_mnist_raw`'s
    made-up raw files (1280 to train, 256 to test), which `datasets.MNIST(..., download=True)`
    finds; torch seeded with 0 and on one thread first (the example seeds nothing). It prints, per
    epoch, tqdm's bar over the batches (stderr) and `Train Epoch: 1 \\tLoss: 2.274323 (ε = 1.99, δ =
    1e-05)` (`ε` to two decimals); then the test's bar and `Test set: Average loss: 0.0081,
    Accuracy: 141/256 (55.08%)` between empty lines; the warnings of Opacus (`Secure RNG turned
    off`) and torch (`pin_memory` without an accelerator, the full backward hook) on stderr. Truth:
    the values `train` and `test` print, read from their frames by the print hook: `np.mean(losses)`
    (the epoch's batch losses the loop keeps) as `Loss` and `epsilon` (what the privacy engine's
    accountant returns for the printed delta) as `ε`, at `epoch` (from 1, as printed); `test_loss`
    as `Test_set_Average_loss` and `correct` as `Accuracy` (as spatial_transformer_tutorial keys
    pytorch/examples' test line), no step. `δ` is a setting, left out."""
    import numpy as np

    truth: Truth = []

    def record(statement: str, names: dict[str, Any], args: tuple[Any, ...]) -> None:
        if "Train Epoch" in statement and "epsilon" in statement:
            truth.append(point("Loss", np.mean(names["losses"]), names["epoch"]))
            truth.append(point("ε", names["epsilon"], names["epoch"]))
        elif "Test set" in statement:
            truth.append(point("Test_set_Average_loss", names["test_loss"], None))
            truth.append(point("Accuracy", names["correct"], None))

    def setup() -> None:
        write_mnist_raw("mnist", 1280, 256)
        _tutorial_start()

    run_script(os.path.join(os.environ["OPACUS_EXAMPLES"], "mnist.py"), OPACUS_ARGV, record,
               setup=setup)
    return truth


CASES["opacus_mnist"] = opacus_mnist
OWN_ENVIRONMENT["opacus_mnist"] = {name: f"{name} (opacus_mnist case)"
                                   for name in ("torch", "torchvision", "numpy", "tqdm")}
OWN_ENVIRONMENT["opacus_mnist"]["opacus"] = "opacus"
OWN_CHECKOUT["opacus_mnist"] = "OPACUS_EXAMPLES"
REPOSITORY_CHECKOUTS["OPACUS_EXAMPLES"] = ("pytorch/opacus examples/mnist.py", "OPACUS_COMMIT")


# --- yunjey/pytorch-tutorial's GAN and language model; pytorch/examples' actor-critic, mnist_rnn -
# Each runs alone, in the environment of the hand-written scripts above (scripts-venv: torch's
# CPU wheel, gymnasium, matplotlib, numpy), from a checkout of its repository:
#
#     git clone https://github.com/yunjey/pytorch-tutorial ~/pytorch-tutorial
#     export YUNJEY_TUTORIAL=~/pytorch-tutorial
#     export YUNJEY_COMMIT=$(git -C ~/pytorch-tutorial rev-parse HEAD)
#     ~/scripts-venv/bin/python tests/corpus/make_corpus.py yunjey_gan yunjey_language_model
#     git clone https://github.com/pytorch/examples ~/examples
#     export PYTORCH_EXAMPLES=~/examples
#     export PYTORCH_EXAMPLES_COMMIT=$(git -C ~/examples rev-parse HEAD)
#     ~/scripts-venv/bin/python tests/corpus/make_corpus.py actor_critic mnist_rnn


def yunjey_checkout(script: str) -> str:
    root = os.environ.get("YUNJEY_TUTORIAL")
    path = os.path.join(root or "", "tutorials", script)
    if not root or not os.path.exists(path):
        raise SystemExit("set YUNJEY_TUTORIAL to a yunjey/pytorch-tutorial checkout")
    return path


# The GAN tutorial trains 200 epochs of MNIST's 60,000 images (600 batches of 100): the case's
# one change trains 5.
YUNJEY_GAN_EPOCHS = {"num_epochs = 200\n": "num_epochs = 5\n"}


def yunjey_gan() -> Truth:
    """yunjey/pytorch-tutorial `tutorials/03-advanced/generative_adversarial_network/main.py`
    (the checkout named by YUNJEY_TUTORIAL), run as the script: its MLP discriminator and
    generator (hidden 256, latent 64, Adam 0.0002, batches of 100, BCE), 5 epochs instead of
    200 (YUNJEY_GAN_EPOCHS, the one change), CPU, torch seeded 0, one thread, on
    `torchvision_standin`: 60000 synthetic 28x28 images in MNIST's place (its size: 600
    batches, as the tutorial's), with a `torchvision.utils.save_image` of its own (a grid of
    the images written as a PNG by matplotlib, in the run's `samples/` folder). It prints
    `Epoch [0/5], Step [200/600], d_loss: 0.5633, g_loss: 3.2196, D(x): 0.66, D(G(z)): 0.11`
    every 200 batches (the epoch printed from 0). Truth: the printing frame's values as each
    line is printed: `d_loss.item()` as `d_loss`, `g_loss.item()` as `g_loss`,
    `real_score.mean().item()` as `D(x)` and `fake_score.mean().item()` as `D(G(z))` (the
    names printed, as dcgan's), at the global step `epoch * total_step + i + 1`: the printed
    epoch (from 0) times the printed number of steps, plus the printed step, as
    yunjey_feedforward's."""
    import types

    import torch

    path = yunjey_checkout("03-advanced/generative_adversarial_network/main.py")
    os.environ["MPLBACKEND"] = "Agg"
    seeded_torch()
    torchvision_standin(60000, 10)

    def save_image(tensor: Any, fp: str, nrow: int = 8, padding: int = 2) -> None:
        import matplotlib.pyplot as plt

        images = tensor.detach().cpu()[:, 0]
        rows = (len(images) + nrow - 1) // nrow
        size = images.shape[-1] + padding
        grid = torch.zeros(rows * size + padding, nrow * size + padding)
        for k, image in enumerate(images):
            top, left = (k // nrow) * size + padding, (k % nrow) * size + padding
            grid[top:top + image.shape[0], left:left + image.shape[1]] = image
        plt.imsave(fp, grid.numpy(), cmap="gray", vmin=0, vmax=1)

    utils = types.ModuleType("torchvision.utils")
    utils.save_image = save_image  # type: ignore[attr-defined]
    sys.modules["torchvision"].utils = utils  # type: ignore[attr-defined]
    sys.modules["torchvision.utils"] = utils
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "d_loss: {:.4f}" in call:
            step = values["epoch"] * values["total_step"] + values["i"] + 1
            truth.extend([point("d_loss", values["d_loss"].item(), step),
                          point("g_loss", values["g_loss"].item(), step),
                          point("D(x)", values["real_score"].mean().item(), step),
                          point("D(G(z))", values["fake_score"].mean().item(), step)])

    run_script(path, [], record, YUNJEY_GAN_EPOCHS)
    if [p["step"] for p in truth[::4]] != [e * 600 + s for e in range(5) for s in (200, 400, 600)]:
        raise SystemExit("yunjey_gan: not a line every 200 of 600 steps")
    return truth


CASES["yunjey_gan"] = yunjey_gan
OWN_ENVIRONMENT["yunjey_gan"] = SCRIPTS_ENVIRONMENT
OWN_CHECKOUT["yunjey_gan"] = "YUNJEY_TUTORIAL"
REPOSITORY_CHECKOUTS["YUNJEY_TUTORIAL"] = ("yunjey/pytorch-tutorial", "YUNJEY_COMMIT")

# The language model tutorial's LSTM is 1024 wide (a second a batch on this CPU, 1549 batches
# an epoch of Penn Treebank): the case's one change makes it 128 wide. Its data (Penn
# Treebank's train.txt, 5 MB in the repository) is made up: YUNJEY_LM_WORDS.
YUNJEY_LM_SIZES = {"hidden_size = 1024\n": "hidden_size = 128\n"}
YUNJEY_LM_SUBJECTS = ["the company", "the market", "a spokesman", "the government", "investors",
                      "the bank", "analysts", "the fund", "its parent", "the board"]
YUNJEY_LM_VERBS = ["said", "expects", "reported", "sold", "bought", "raised", "cut", "plans"]
YUNJEY_LM_OBJECTS = ["its stake", "the shares", "N million", "the bonds", "a new unit",
                     "its earnings", "the offer", "<unk> contracts", "the price", "the debt"]
YUNJEY_LM_ENDS = ["last year", "in the quarter", "on friday", "this week", "", "", "N %"]


def _yunjey_lm_text() -> None:
    """`data/train.txt` in the run's folder, made up as Penn Treebank's is laid out (one
    lower-case sentence a line, numbers as `N`, rare words `<unk>`): subject, verb, object and
    an ending drawn at random, 120,300 to 120,320 words with the `<eos>` each line ends with,
    so the script's 20 rows hold 6015 or 6016 words: 200 batches of 30 an epoch (`num_batches`,
    the number it prints, is then its loop's own number of batches, as with Penn Treebank's
    46479 words a row and 1549 batches)."""
    import random

    rng = random.Random(0)
    lines, words = [], 0
    while words < 120300:
        line = " ".join(part for part in (rng.choice(YUNJEY_LM_SUBJECTS),
                                          rng.choice(YUNJEY_LM_VERBS),
                                          rng.choice(YUNJEY_LM_OBJECTS),
                                          rng.choice(YUNJEY_LM_ENDS)) if part)
        lines.append(f" {line} \n")
        words += len(line.split()) + 1
    os.makedirs("data")
    with open(os.path.join("data", "train.txt"), "w") as f:
        f.writelines(lines)


def yunjey_language_model() -> Truth:
    """yunjey/pytorch-tutorial `tutorials/02-intermediate/language_model/main.py` (the
    checkout named by YUNJEY_TUTORIAL), run as the script beside its `data_utils.py`: its
    `RNNLM` (embeddings of 128, one LSTM layer, Adam 0.002, gradients clipped at 0.5, 20 rows
    of 30 words a batch, 5 epochs), the LSTM 128 wide instead of 1024 (YUNJEY_LM_SIZES, the one
    change), CPU, torch seeded 0, one thread, on a made-up `data/train.txt`
    (`_yunjey_lm_text`: 200 batches an epoch). It prints `Epoch [1/5], Step[0/200], Loss:
    3.7807, Perplexity: 43.85` every 100 batches (from batch 0), then, writing 1000 sampled
    words to `sample.txt`, `Sampled [100/1000] words and save to sample.txt` every 100 (no
    metric). Truth: the printing frame's values as each line is printed: `loss.item()` as
    `Loss` and `np.exp(loss.item())` (the expression printed) as `Perplexity`, at the global
    step `epoch * num_batches + step`: the printed epoch (from 1) less one times the printed
    number of batches, plus the printed step (from 0: the line after a batch `i` shows
    `(i+1) // seq_length`, the batch's number from 0); the case checks that the printed number
    of batches is the loop's own."""
    import numpy as np

    path = yunjey_checkout("02-intermediate/language_model/main.py")
    seeded_torch()
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "Perplexity" in call:
            batches = values["num_batches"]
            assert batches == len(range(0, values["ids"].size(1) - values["seq_length"],
                                        values["seq_length"]))
            step = values["epoch"] * batches + values["step"]
            truth.extend([point("Loss", values["loss"].item(), step),
                          point("Perplexity", np.exp(values["loss"].item()), step)])

    run_script(path, [], record, YUNJEY_LM_SIZES, _yunjey_lm_text)
    if [p["step"] for p in truth[::2]] != [e * 200 + s for e in range(5) for s in (0, 100)]:
        raise SystemExit("yunjey_language_model: not a line every 100 of 200 batches")
    return truth


CASES["yunjey_language_model"] = yunjey_language_model
OWN_ENVIRONMENT["yunjey_language_model"] = SCRIPTS_ENVIRONMENT
OWN_CHECKOUT["yunjey_language_model"] = "YUNJEY_TUTORIAL"

# actor_critic.py trains until its running reward passes CartPole-v1's threshold (475): 750
# episodes of up to 500 steps, four minutes here. The case's one change stops it after 200.
ACTOR_CRITIC_EPISODES = {"    for i_episode in count(1):": "    for i_episode in range(1, 201):"}


def actor_critic() -> Truth:
    """pytorch/examples `reinforcement_learning/actor_critic.py` (the checkout named by
    PYTORCH_EXAMPLES; an actor and a critic head on one network, Adam 3e-2, on gymnasium's
    CartPole-v1 with its default seed 543 and `--log-interval 10`), run as the script on the
    CPU, one thread, in the hand-written scripts' environment (it needs no torchvision),
    stopped after 200 episodes (ACTOR_CRITIC_EPISODES, the one change): `Episode 10\\tLast
    reward: 9.00\\tAverage reward: 10.83` every 10 episodes. Truth: `main`'s own variables as
    each line is printed, read from the printing frame: `ep_reward` as `Last_reward` and
    `running_reward` as `Average_reward`, at the printed episode (`i_episode`, from 1), as
    reinforce's."""
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "Last reward" in call:
            truth.extend([point("Last_reward", values["ep_reward"], values["i_episode"]),
                          point("Average_reward", values["running_reward"],
                                values["i_episode"])])
        elif "Solved" in call:
            raise SystemExit("actor_critic: solved within the episodes run; the case has no "
                             "truth for its last line")

    run_example("reinforcement_learning", [], record, changes=ACTOR_CRITIC_EPISODES,
                script="actor_critic.py")
    if [p["step"] for p in truth[::2]] != list(range(10, 201, 10)):
        raise SystemExit("actor_critic: not a line every 10 episodes")
    return truth


CASES["actor_critic"] = actor_critic
OWN_ENVIRONMENT["actor_critic"] = SCRIPTS_ENVIRONMENT
OWN_CHECKOUT["actor_critic"] = "PYTORCH_EXAMPLES"
CHECKOUT_ROW["actor_critic"] = "pytorch/examples scripts"


def mnist_rnn() -> Truth:
    """pytorch/examples `mnist_rnn/main.py` (the checkout named by PYTORCH_EXAMPLES; an LSTM
    reading the 28 rows of an image, 64 wide, batch norm, two linear layers, Adadelta 0.1 with
    StepLR 0.7), run as the script with its defaults (14 epochs, batches of 64, a line every
    10 batches, test batches of 1000), unchanged, on the CPU, one thread, in the hand-written
    scripts' environment with `torchvision_standin`: 1280 synthetic 28x28 images to train on
    and 640 to test in MNIST's place (20 batches an epoch). It prints `Train Epoch: 1 [640/1280
    (50%)]\\tLoss: 2.301234` and, after each epoch, `Test set: Average loss: 2.2741, Accuracy:
    66/640 (10%)` between blank lines. Truth: the printing frames' values as each line is
    printed: `loss.item()` as `Loss`, no step (the line names the epoch and the samples seen in
    it, as mnist_style); `test_loss` as `Test_set_Average_loss` and the count `correct` as
    `Accuracy` (as mnist_style: the count is printed whole, the percent after it rounded), no
    step."""
    seeded_torch()
    torchvision_standin(1280, 640)
    truth: Truth = []

    def record(call: str, values: dict[str, Any], printed: tuple[Any, ...]) -> None:
        if "Train Epoch" in call:
            truth.append(point("Loss", values["loss"].item(), None))
        elif "Test set: Average loss" in call:
            truth.extend([point("Test_set_Average_loss", values["test_loss"], None),
                          point("Accuracy", int(values["correct"]), None)])

    run_example("mnist_rnn", [], record)
    if len(truth) != 14 * (2 + 2):
        raise SystemExit(f"mnist_rnn: {len(truth)} points")
    return truth


CASES["mnist_rnn"] = mnist_rnn
OWN_ENVIRONMENT["mnist_rnn"] = SCRIPTS_ENVIRONMENT
OWN_CHECKOUT["mnist_rnn"] = "PYTORCH_EXAMPLES"
CHECKOUT_ROW["mnist_rnn"] = "pytorch/examples scripts"


# --- sbi, chemprop, scvi-tools: their own tutorials ----------------------------------------
# Each runs alone, in an environment of its own (the CPU wheel of torch first):
#
#     python -m venv ~/s12d-venv && ~/s12d-venv/bin/pip install torch sbi chemprop scvi-tools
#     # sbi-dev/sbi docs/tutorials/00_getting_started.ipynb, checked out at the commit in
#     # VERSIONS.md; SBI_DOCS names the checkout's folder
#     export SBI_DOCS=~/sbi SBI_COMMIT=$(git -C ~/sbi rev-parse HEAD)
#     ~/s12d-venv/bin/python tests/corpus/make_corpus.py sbi_npe_getting_started

SBI_CHANGES = {"num_simulations = 2000": "num_simulations = 500",
               "inference.train()": "inference.train(show_train_summary=True)"}


def sbi_npe_getting_started() -> Truth:
    """sbi's "Getting started" tutorial, sbi-dev/sbi `docs/tutorials/00_getting_started.ipynb`
    (the checkout named by `SBI_DOCS`; commit in VERSIONS.md), its code cells run in order as
    they are (the README's quickstart: `NPE(prior=prior)`, `append_simulations(theta,
    x).train()`, `build_posterior()`), its linear Gaussian simulator and `BoxUniform` prior,
    matplotlib off screen (Agg), in a folder of its own (sbi writes TensorBoard logs to
    `sbi-logs` there). Changes (`SBI_CHANGES`): 500 simulations instead of 2000, and
    `train(show_train_summary=True)` (a documented argument of `train`) so that the run prints
    a value at all: without it sbi prints only its epoch counter. It prints `theta.shape
    torch.Size([500, 3])`, then `\\r Training neural network. Epochs trained: 1` redrawn with
    `\\r` (no newline) at each epoch, `\\r Neural network successfully converged after 412
    epochs.`, then the round's summary block (`||||| ROUND 1 STATS |||||:`, `Epochs trained:
    412`, `Best validation performance: -2.3093`), the posterior's description, two tqdm bars
    of the rejection sampler, numpy's `DeprecationWarning` from `pairplot` (stderr) and the
    posterior predictive means (`Posterior predictives:  tensor([0.7858, 0.6027, 0.3986])`).
    Truth: sbi's own record, `inference._summary["best_validation_loss"]` (the value
    `_describe_round` prints), keyed `Best_validation_performance` as printed, no step (a
    round is not a step). The epoch counts are counts; the per-epoch validation losses in
    `_summary` are never printed: left out."""
    import shutil

    folder = os.environ.get("SBI_DOCS")
    path = os.path.join(folder or "", "docs", "tutorials", "00_getting_started.ipynb")
    if not folder or not os.path.exists(path):
        raise SystemExit("set SBI_DOCS to a sbi-dev/sbi checkout")
    os.environ["MPLBACKEND"] = "Agg"
    import torch

    torch.set_num_threads(1)
    cells = ipynb_cells(path)
    for old, new in SBI_CHANGES.items():
        assert sum(cell.count(old) for cell in cells) == 1, old
        cells = [cell.replace(old, new) for cell in cells]
    namespace: dict[str, Any] = {"__name__": "__main__"}
    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    try:
        for i, cell in enumerate(cells):
            exec(compile(cell, f"00_getting_started.ipynb cell {i + 1}", "exec"), namespace)
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp)
    summary = namespace["inference"]._summary
    if len(summary["best_validation_loss"]) != 1:
        raise SystemExit("sbi_npe_getting_started: not one round")
    return [point("Best_validation_performance", summary["best_validation_loss"][-1], None)]


CASES["sbi_npe_getting_started"] = sbi_npe_getting_started
OWN_ENVIRONMENT["sbi_npe_getting_started"] = {"sbi": "sbi", "torch": "torch (s12d cases)",
                                              "numpy": "numpy (s12d cases)"}
OWN_CHECKOUT["sbi_npe_getting_started"] = "SBI_DOCS"
REPOSITORY_CHECKOUTS["SBI_DOCS"] = ("sbi-dev/sbi", "SBI_COMMIT")
CHECKOUT_ROW["sbi_npe_getting_started"] = "sbi-dev/sbi docs/tutorials/00_getting_started.ipynb"

def _chemprop_csv(path: str, n: int) -> None:
    """A regression CSV as chemprop's `tests/data/regression.csv` (`smiles,logSolubility`),
    made up: `n` distinct small molecules built from a few fragments (those RDKit parses,
    canonical), their target half the heavy atoms less 1.2 an oxygen, with noise."""
    import random

    from rdkit import Chem, RDLogger

    RDLogger.DisableLog("rdApp.*")
    rng = random.Random(0)
    fragments = ["C", "CC", "O", "N", "c1ccccc1", "C(=O)O", "Cl", "F", "CCO", "C=C"]
    rows: dict[str, float] = {}
    while len(rows) < n:
        mol = Chem.MolFromSmiles("C" + "".join(rng.choice(fragments)
                                               for _ in range(rng.randint(1, 4))))
        if mol is None:
            continue
        oxygens = sum(atom.GetSymbol() == "O" for atom in mol.GetAtoms())
        target = 0.5 * mol.GetNumAtoms() - 1.2 * oxygens + rng.gauss(0, 0.3)
        rows.setdefault(Chem.MolToSmiles(mol), round(target, 3))
    RDLogger.EnableLog("rdApp.*")
    with open(path, "w") as f:
        f.write("smiles,logSolubility\n" + "".join(f"{k},{v}\n" for k, v in rows.items()))


def chemprop_train_cli() -> Truth:
    """chemprop v2's command line, `chemprop train` as its training tutorial gives it
    (chemprop/chemprop `docs/source/tutorial/cli/train.rst`: `chemprop train --data-path
    tests/data/regression.csv --task-type regression --output-dir solubility_checkpoints`),
    run in the process by its own entry point (`chemprop.cli.main.main` with that `sys.argv`).
    Changes: the data is a made-up CSV of the same form (`_chemprop_csv`: 100 molecules,
    `smiles,logSolubility`), split 80/10/10 by its default random split; `--epochs 3` (its
    default 50) and `--pytorch-seed 0` (so that both runs print the same). It prints its
    logging (`2026-12-02T20:37:30 - INFO:chemprop.cli.train - ...`: the arguments, the split
    sizes, the model) on stderr, Lightning's rich model summary, its rich bar (`Epoch 2/2
    ━━━━ 2/2 0:00:00 • 0:00:00 54.72it/s v_num: 0.000 train_loss_step: 1.579 val_loss: 1.142
    train_loss_epoch: 0.968`, drawn on a timer: through a pipe its last frame only, on the
    terminal with the metrics wrapped under the bar), the `predict` bar, then `Test Set
    results:` and `test/mse: 3.222090244293213` (logging, the full float). Truth: the
    values of the bar's last frame, the one frame both captures show (the epochs before are
    drawn on the terminal only, on a timer; through a pipe never): Lightning's
    `trainer.progress_bar_metrics` as `fit` returns (`Trainer.fit` wrapped; what the bar
    draws: `train_loss_step`, `val_loss`, `train_loss_epoch`; the step is never given a
    logger, 2 batches an epoch being under its `log_every_n_steps`) at `global_step - 1`, the
    step Lightning's loggers give the last values (as lightning_rich's rows); and
    `test/mse`, the `avg_loss` the logging call formats (read from its frame as
    it logs), no step (it names none). The bar's `v_num` is the logger's version: left out."""
    import shutil

    import torch
    from chemprop.cli import main as chemprop_main
    from chemprop.cli import train as chemprop_train
    torch.set_num_threads(1)
    bars: list[tuple[dict[str, float], int]] = []
    fit = chemprop_train.pl.Trainer.fit

    def fitting(self: Any, *args: Any, **kwargs: Any) -> None:
        fit(self, *args, **kwargs)
        bars.append(({k: float(v) for k, v in self.progress_bar_metrics.items()},
                     self.global_step - 1))

    tests: list[dict[str, Any]] = []
    info = chemprop_train.logger.info

    def logging_info(message: Any, *args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_locals
        if str(message).startswith("test/") and "avg_loss" in values:
            tests.append(point(f"test/{values['metric'].alias}", float(values["avg_loss"]),
                               None))
        info(message, *args, **kwargs)

    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    argv_before = sys.argv
    chemprop_train.pl.Trainer.fit = fitting
    chemprop_train.logger.info = logging_info
    try:
        _chemprop_csv("regression.csv", 100)
        sys.argv = ["chemprop", "train", "--data-path", "regression.csv", "--task-type",
                    "regression", "--output-dir", "solubility_checkpoints", "--epochs", "3",
                    "--pytorch-seed", "0"]
        chemprop_main.main()
    finally:
        chemprop_train.pl.Trainer.fit = fit
        chemprop_train.logger.info = info
        sys.argv = argv_before
        os.chdir(cwd)
        shutil.rmtree(tmp)
    if len(bars) != 1 or len(tests) != 1:
        raise SystemExit(f"chemprop_train_cli: {len(bars)} fits and {len(tests)} test values")
    metrics, step = bars[0]
    keys = ["train_loss_step", "val_loss", "train_loss_epoch"]
    if sorted(metrics) != sorted(keys):
        raise SystemExit(f"chemprop_train_cli: the bar shows {sorted(metrics)}")
    return [point(key, metrics[key], step) for key in keys] + tests

CASES["chemprop_train_cli"] = chemprop_train_cli
OWN_ENVIRONMENT["chemprop_train_cli"] = {
    "chemprop": "chemprop", "lightning": "lightning (chemprop_train_cli case)",
    "rdkit": "rdkit (chemprop_train_cli case)", "rich": "rich (chemprop_train_cli case)",
    "torch": "torch (s12d cases)", "numpy": "numpy (s12d cases)"}
OWN_CHECKOUT["chemprop_train_cli"] = "CHEMPROP_DOCS"
REPOSITORY_CHECKOUTS["CHEMPROP_DOCS"] = ("chemprop/chemprop", "CHEMPROP_COMMIT")
CHECKOUT_ROW["chemprop_train_cli"] = "chemprop/chemprop docs/source/tutorial/cli/train.rst"

def _heart_cell_atlas_stand_in() -> Any:
    """An AnnData of the form of scvi-tools' `heart_cell_atlas_subsampled` (a download), made
    up: 400 cells x 1500 genes of negative binomial counts (a gamma-drawn mean per gene, a
    lognormal size per cell; CSR, as the download's), and its `obs` columns the tutorial uses:
    `cell_source` (four of its sources), `donor` (D1 to D7), `percent_mito`, `percent_ribo`,
    `cell_type` (four of its types, `Fibroblast` among them)."""
    import anndata
    import numpy as np
    import pandas as pd
    import scipy.sparse

    rng = np.random.default_rng(0)
    cells, genes = 400, 1500
    mean = rng.gamma(0.5, 2.0, size=(1, genes)) * rng.lognormal(0, 0.3, size=(cells, 1))
    counts = rng.negative_binomial(2, 2 / (2 + mean)).astype(np.float32)
    obs = pd.DataFrame({
        "cell_source": rng.choice(["Harvard-Nuclei", "Sanger-Nuclei", "Sanger-Cells",
                                   "Sanger-CD45"], cells),
        "donor": rng.choice([f"D{i}" for i in range(1, 8)], cells),
        "percent_mito": rng.uniform(0, 0.05, cells), "percent_ribo": rng.uniform(0, 0.05, cells),
        "cell_type": rng.choice(["Fibroblast", "Myeloid", "Endothelial",
                                 "Ventricular_Cardiomyocyte"], cells)},
        index=[f"cell{i}" for i in range(cells)])
    var = pd.DataFrame(index=[f"gene{i}" for i in range(genes)])
    return anndata.AnnData(scipy.sparse.csr_matrix(counts), obs=obs, var=var)


SCVI_CHANGES = {
    "scvi.data.heart_cell_atlas_subsampled(save_path=save_dir.name)": "heart_cell_atlas_stand_in()",
    "model.train(train_size=0.8, check_val_every_n_epoch=1)":
        "model.train(max_epochs=5, train_size=0.8, check_val_every_n_epoch=1)"}


def scvi_api_overview() -> Truth:
    """scvi-tools' quick-start tutorial "Introduction to scvi-tools", scverse/scvi-tutorials
    `quick_start/api_overview.ipynb` (the docs' `docs/tutorials/notebooks` submodule; the
    checkout named by `SCVI_TUTORIALS`, commit in VERSIONS.md): its code cells run in order as
    they are, from its imports to `model.train(...)`: `scvi.settings.seed = 0`, scanpy's
    `filter_genes`, `normalize_total`, `log1p`, `highly_variable_genes(n_top_genes=1200,
    flavor="seurat_v3", batch_key="cell_source")`, `SCVI.setup_anndata` with its categorical
    and continuous covariates, `SCVI(adata)`, `train(train_size=0.8,
    check_val_every_n_epoch=1)`; the cells after training (saving, plots, UMAP, clustering,
    differential expression) are not run. Left out: the Colab install cell (`!pip`) and the
    notebook's `%config` magics. Changes (`SCVI_CHANGES`): the download
    `heart_cell_atlas_subsampled` is `_heart_cell_atlas_stand_in()` (400 cells), and `train`
    gets `max_epochs=5` (for 400 cells scvi picks 400 epochs). It prints `Seed set to 0`,
    `Last run with scvi-tools version: 1.4.2`, Lightning's `GPU available: False, used: False`
    lines and warnings (stderr), then scvi's tqdm bar over the epochs, one line redrawn with
    `\\r`: `Epoch 2/5:  40%|████      | 2/5 [00:00<00:00,  5.76it/s, v_num=1,
    train_loss=1.75e+3]` (tqdm's 3 significant digits). Truth: scvi's own record,
    `model.history["train_loss"]` (a value per epoch, what the bar's `train_loss` shows) at
    the epoch as the bar prints it beside that value (`Epoch 1/5` and `1/5` for the first:
    the history's epoch index + 1). `v_num` is the logger's version; the validation
    losses, ELBOs and KL terms in `history` are never printed: left out."""
    folder = os.environ.get("SCVI_TUTORIALS")
    path = os.path.join(folder or "", "quick_start", "api_overview.ipynb")
    if not folder or not os.path.exists(path):
        raise SystemExit("set SCVI_TUTORIALS to a scverse/scvi-tutorials checkout")
    os.environ["MPLBACKEND"] = "Agg"
    import torch

    torch.set_num_threads(1)
    cells = [cell for cell in ipynb_cells(path) if not cell.startswith("!pip")]
    cells = ["".join(line for line in cell.splitlines(keepends=True)
                     if not line.startswith("%")) for cell in cells]
    for old, new in SCVI_CHANGES.items():
        assert sum(cell.count(old) for cell in cells) == 1, old
        cells = [cell.replace(old, new) for cell in cells]
    last = next(i for i, cell in enumerate(cells) if "model.train(" in cell)
    namespace: dict[str, Any] = {"__name__": "__main__",
                                 "heart_cell_atlas_stand_in": _heart_cell_atlas_stand_in}
    for i, cell in enumerate(cells[: last + 1]):
        exec(compile(cell, f"api_overview.ipynb cell {i + 1}", "exec"), namespace)
    history = namespace["model"].history["train_loss"]
    if len(history) != 5:
        raise SystemExit(f"scvi_api_overview: {len(history)} epochs, not 5")
    return [point("train_loss", value, epoch + 1)
            for epoch, value in zip(range(len(history)), history["train_loss"])]


CASES["scvi_api_overview"] = scvi_api_overview
OWN_ENVIRONMENT["scvi_api_overview"] = {
    "scvi-tools": "scvi-tools", "scanpy": "scanpy (scvi_api_overview case)",
    "anndata": "anndata (scvi_api_overview case)",
    "lightning": "lightning (scvi_api_overview case)", "tqdm": "tqdm (scvi_api_overview case)",
    "torch": "torch (s12d cases)", "numpy": "numpy (s12d cases)"}
OWN_CHECKOUT["scvi_api_overview"] = "SCVI_TUTORIALS"
REPOSITORY_CHECKOUTS["SCVI_TUTORIALS"] = ("scverse/scvi-tutorials", "SCVI_TUTORIALS_COMMIT")
CHECKOUT_ROW["scvi_api_overview"] = "scverse/scvi-tutorials quick_start/api_overview.ipynb"



# --- bentrevett's tutorials: pytorch-sentiment-analysis, pytorch-seq2seq ---------------------
# Each runs alone, in one environment of their own: the notebooks build their vocabularies with
# torchtext, whose last release (0.18) loads only beside torch 2.3 (PyPI's, a CUDA build, run
# here on the CPU); HF datasets reads their data, spaCy tokenizes seq2seq's (which imports
# evaluate too, for its BLEU after the training):
#
#     python -m venv ~/bentrevett-venv
#     ~/bentrevett-venv/bin/pip install torch==2.3.0 torchtext==0.18.0 "numpy<2" datasets \
#         tqdm matplotlib spacy evaluate
#     git clone https://github.com/bentrevett/pytorch-sentiment-analysis ~/sentiment
#     export SENTIMENT_ANALYSIS=~/sentiment
#     export SENTIMENT_ANALYSIS_COMMIT=$(git -C ~/sentiment rev-parse HEAD)
#     ~/bentrevett-venv/bin/python tests/corpus/make_corpus.py sentiment_rnn
#     git clone https://github.com/bentrevett/pytorch-seq2seq ~/seq2seq
#     export PYTORCH_SEQ2SEQ=~/seq2seq PYTORCH_SEQ2SEQ_COMMIT=$(git -C ~/seq2seq rev-parse HEAD)
#     ~/bentrevett-venv/bin/python tests/corpus/make_corpus.py bentrevett_seq2seq
BENTREVETT_ENVIRONMENT = {name: f"{name} (bentrevett cases)" for name in
                          ("torch", "torchtext", "numpy", "datasets", "tqdm", "matplotlib",
                           "spacy", "evaluate")}


def run_notebook(path: str, cells: int, record: Callable[[str, dict[str, Any], tuple[Any, ...]],
                                                          None],
                 changes: dict[str, str], setup: Callable[[], None]) -> None:
    """The first `cells` code cells of the notebook at `path` run in order as one script
    (`run_script`: its prints hooked, `changes` made, `setup` in the run's folder first), with
    HF datasets' cache in the run's folder (both runs make it anew: the same progress bars) and
    matplotlib drawing off screen."""
    import shutil

    os.environ["MPLBACKEND"] = "Agg"
    source = "\n\n".join(ipynb_cells(path)[:cells]) + "\n"
    folder = tempfile.mkdtemp()
    script = os.path.join(folder, os.path.basename(path).split(" - ")[0].strip() + ".py")
    with open(script, "w") as f:
        f.write(source)

    def start() -> None:
        os.environ["HF_DATASETS_CACHE"] = os.path.abspath("hf-cache")
        setup()

    try:
        run_script(script, [], record, changes, start)
    finally:
        shutil.rmtree(folder)


SENTIMENT_POSITIVE = ["great", "wonderful", "superb", "moving", "brilliant", "fun", "loved",
                      "beautiful", "best", "charming"]
SENTIMENT_NEGATIVE = ["terrible", "boring", "awful", "dull", "worst", "waste", "bad", "hated",
                      "stupid", "poor"]
SENTIMENT_COMMON = ["the", "film", "movie", "a", "and", "of", "to", "is", "it", "this", "was",
                    "in", "plot", "acting", "story", "i", "but", "with", "scene", "actor",
                    "really", "very", "not", "just", "one", "end", "cast", "director", "too",
                    "time", "characters", "script", "music", "ending", "watch", "little"]
# IMDB (`load_dataset("imdb")`, a download) is read from the made-up files SENTIMENT_DATA
# writes in the run's folder: the case's one change to the notebook.
SENTIMENT_DATA = {'datasets.load_dataset("imdb", split=["train", "test"])':
                  'datasets.load_dataset("json", data_files={"train": "imdb-train.jsonl", '
                  '"test": "imdb-test.jsonl"}, split=["train", "test"])'}


def sentiment_data() -> None:
    """IMDB's two splits as JSON lines of `text` and `label` (0 negative, 1 positive), made up:
    320 reviews to train on and 160 to test, each of 8 to 24 words, common words with a
    sentiment word in every five or so, of the review's label (a label in six flipped, so no
    model is right on all), punctuated; and `.vector_cache/glove.840B.300d.txt`, GloVe's file
    (`torchtext.vocab.GloVe()` reads it there and downloads nothing), a random vector of 300
    for each of these words."""
    import random

    rng = random.Random(0)
    for split, n in (("train", 320), ("test", 160)):
        with open(f"imdb-{split}.jsonl", "w") as f:
            for _ in range(n):
                label = rng.randint(0, 1)
                mood = SENTIMENT_POSITIVE if label else SENTIMENT_NEGATIVE
                words = [rng.choice(mood) if rng.random() < 0.2 else rng.choice(SENTIMENT_COMMON)
                         for _ in range(rng.randint(8, 24))]
                text = " ".join(words).capitalize() + rng.choice([".", "!", "..."])
                if rng.random() < 1 / 6:
                    label = 1 - label
                f.write(json.dumps({"text": text, "label": label}) + "\n")
    os.makedirs(".vector_cache")
    with open(".vector_cache/glove.840B.300d.txt", "w") as f:
        for word in SENTIMENT_COMMON + SENTIMENT_POSITIVE + SENTIMENT_NEGATIVE + [".", "!"]:
            f.write(word + " " + " ".join(f"{rng.gauss(0, 0.4):.5f}" for _ in range(300)) + "\n")


def sentiment_rnn() -> Truth:
    """bentrevett's "2 - Recurrent Neural Networks" (bentrevett/pytorch-sentiment-analysis
    `2 - Recurrent Neural Networks.ipynb`, the checkout named by SENTIMENT_ANALYSIS; commit in
    VERSIONS.md): its code cells up to the test print (`run_notebook`; the prediction cells
    after it print nothing as a script), its seeds (1234) its own: a two-layer bidirectional
    LSTM (300 units) over GloVe embeddings, Adam 5e-4, batches of 512, 10 epochs, best model
    saved and tested. One change (SENTIMENT_DATA): IMDB is read from the made-up files of
    `sentiment_data` (320 reviews to train, of which its split keeps 240 and validates on 80,
    and 160 to test: one batch each; longer reviews, or more, took minutes a batch here); its
    GloVe is a made-up file there too. It prints HF datasets' `Generating
    train split` and `Map` bars, `The model has 3,628,802 trainable parameters`, torchtext's
    bar reading the GloVe file, then each epoch tqdm's `training...` and `evaluating...` bars and
    `epoch: 0`, `train_loss: 0.693, train_acc: 0.502`, `valid_loss: 0.690, valid_acc: 0.520`,
    and at the end `test_loss: 0.5, test_acc: 0.8`. Truth: the notebook's own record, its
    `metrics` dict's last entries as each epoch's lines are printed (`train_losses`,
    `train_accs`, `valid_losses`, `valid_accs`) keyed as printed (`train_loss`, `train_acc`,
    `valid_loss`, `valid_acc`) at `epoch` (from 0, as printed on the line before); the printing
    frame's `test_loss` and `test_acc`, no step (the line names none)."""
    root = os.environ.get("SENTIMENT_ANALYSIS")
    path = os.path.join(root or "", "2 - Recurrent Neural Networks.ipynb")
    if not root or not os.path.exists(path):
        raise SystemExit("set SENTIMENT_ANALYSIS to a bentrevett/pytorch-sentiment-analysis "
                         "checkout")
    truth: Truth = []
    names = {"train_loss": "train_losses", "train_acc": "train_accs",
             "valid_loss": "valid_losses", "valid_acc": "valid_accs"}

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement.startswith('print(f"train_loss:'):
            for key in ("train_loss", "train_acc"):
                truth.append(point(key, values["metrics"][names[key]][-1], values["epoch"]))
        elif statement.startswith('print(f"valid_loss:'):
            for key in ("valid_loss", "valid_acc"):
                truth.append(point(key, values["metrics"][names[key]][-1], values["epoch"]))
        elif statement.startswith('print(f"test_loss:'):
            truth.extend([point("test_loss", values["test_loss"], None),
                          point("test_acc", values["test_acc"], None)])

    cells = ipynb_cells(path)
    last = next(i for i, cell in enumerate(cells) if cell.startswith('print(f"test_loss'))
    run_notebook(path, last + 1, record, SENTIMENT_DATA, sentiment_data)
    if len(truth) != 10 * 4 + 2:
        raise SystemExit(f"sentiment_rnn: {len(truth)} points, not 10 epochs' 4 and 2")
    return truth


CASES["sentiment_rnn"] = sentiment_rnn
OWN_ENVIRONMENT["sentiment_rnn"] = BENTREVETT_ENVIRONMENT
OWN_CHECKOUT["sentiment_rnn"] = "SENTIMENT_ANALYSIS"
REPOSITORY_CHECKOUTS["SENTIMENT_ANALYSIS"] = ("bentrevett/pytorch-sentiment-analysis",
                                              "SENTIMENT_ANALYSIS_COMMIT")


# Multi30k (`load_dataset("bentrevett/multi30k")`, a download) is read from the made-up files
# `multi30k_data` writes in the run's folder: the case's one change to the notebook.
MULTI30K_DATA = {'dataset = datasets.load_dataset("bentrevett/multi30k")':
                 'dataset = datasets.load_dataset("json", data_files={"train": '
                 '"multi30k-train.jsonl", "validation": "multi30k-validation.jsonl", '
                 '"test": "multi30k-test.jsonl"})'}
MULTI30K_SUBJECTS = [("A man", "Ein Mann"), ("A woman", "Eine Frau"), ("A dog", "Ein Hund"),
                     ("A child", "Ein Kind"), ("A young girl", "Ein junges Mädchen"),
                     ("Two men", "Zwei Männer"), ("A little boy", "Ein kleiner Junge")]
MULTI30K_VERBS = [("is running", "läuft"), ("is sitting", "sitzt"), ("is standing", "steht"),
                  ("is playing", "spielt"), ("is jumping", "springt"), ("is waiting", "wartet")]
MULTI30K_PLACES = [("on the street", "auf der Straße"), ("in the park", "im Park"),
                   ("on a bench", "auf einer Bank"), ("in the water", "im Wasser"),
                   ("in the snow", "im Schnee"), ("near a building", "bei einem Gebäude"),
                   ("on the grass", "auf dem Gras")]


def multi30k_data() -> None:
    """Multi30k's three splits as JSON lines of `en` and `de`, made up: 256 pairs to train on,
    64 to validate and 64 to test (two batches, one, one), each a subject, a verb and a place
    (7 x 6 x 7 sentences,
    `A dog is running in the park.` / `Ein Hund läuft im Park.`), drawn at random; and the
    two spaCy pipelines the notebook loads (`spacy.load("en_core_web_sm")`,
    `spacy.load("de_core_news_sm")`: packages from spaCy's releases, not PyPI) as folders of
    those names in the run's folder, where `spacy.load` finds them: blank English and German
    pipelines, which hold the same tokenizer (the notebook uses only `nlp.tokenizer`)."""
    import random

    import spacy

    rng = random.Random(0)
    for split, n in (("train", 256), ("validation", 64), ("test", 64)):
        with open(f"multi30k-{split}.jsonl", "w", encoding="utf-8") as f:
            for _ in range(n):
                (en_s, de_s), (en_v, de_v), (en_p, de_p) = (
                    rng.choice(MULTI30K_SUBJECTS), rng.choice(MULTI30K_VERBS),
                    rng.choice(MULTI30K_PLACES))
                if en_s.startswith("Two"):
                    en_v, de_v = en_v.replace("is", "are"), de_v[:-1] + "en"
                f.write(json.dumps({"en": f"{en_s} {en_v} {en_p}.",
                                    "de": f"{de_s} {de_v} {de_p}."}, ensure_ascii=False) + "\n")
    spacy.blank("en").to_disk("en_core_web_sm")
    spacy.blank("de").to_disk("de_core_news_sm")


def bentrevett_seq2seq() -> Truth:
    """bentrevett's "1 - Sequence to Sequence Learning with Neural Networks"
    (bentrevett/pytorch-seq2seq, the notebook of that name in the checkout named by
    PYTORCH_SEQ2SEQ; commit in VERSIONS.md): its code cells up to the test print
    (`run_notebook`; the translations and BLEU after it need `evaluate`'s download), its seeds
    (1234) its own: a two-layer LSTM encoder and decoder (hidden 512, embeddings 256), Adam,
    teacher forcing half the time, batches of 128, 10 epochs, best model saved and tested. One
    change (MULTI30K_DATA): Multi30k is read from the made-up files of `multi30k_data`, which
    also gives spaCy's two pipelines as blank ones. It prints HF datasets' `Generating ...
    split` and `Map` bars, torchtext's warnings, `The model has 7,... trainable parameters`,
    then a tqdm bar over the 10 epochs, each epoch's `\tTrain Loss:   3.456 | Train PPL:
    31.694` and `\tValid Loss:   3.123 | Valid PPL:  22.710` printed under it, and
    `| Test Loss: 3.100 | Test PPL:  22.198 |`. Truth: the printing frames' values as each
    line is printed: `train_loss` and `np.exp(train_loss)` as `Train Loss`, `Train PPL`,
    `valid_loss` and its exp as `Valid Loss`, `Valid PPL`, no step (the lines name no epoch:
    only the bar counts them), and `test_loss` and its exp as `Test Loss`, `Test PPL`, no
    step."""
    import numpy as np

    root = os.environ.get("PYTORCH_SEQ2SEQ")
    path = os.path.join(root or "", "1 - Sequence to Sequence Learning with Neural Networks.ipynb")
    if not root or not os.path.exists(path):
        raise SystemExit("set PYTORCH_SEQ2SEQ to a bentrevett/pytorch-seq2seq checkout")
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        for name, variable in (("Train", "train_loss"), ("Valid", "valid_loss"),
                               ("Test", "test_loss")):
            if statement.startswith((f'print(f"\\t{name} Loss:', f'print(f"| {name} Loss:')):
                step = None
                truth.extend([point(f"{name} Loss", values[variable], step),
                              point(f"{name} PPL", np.exp(values[variable]), step)])

    cells = ipynb_cells(path)
    last = next(i for i, cell in enumerate(cells) if 'print(f"| Test Loss' in cell)
    run_notebook(path, last + 1, record, MULTI30K_DATA, multi30k_data)
    if len(truth) != 10 * 4 + 2:
        raise SystemExit(f"bentrevett_seq2seq: {len(truth)} points, not 10 epochs' 4 and 2")
    return truth


CASES["bentrevett_seq2seq"] = bentrevett_seq2seq
OWN_ENVIRONMENT["bentrevett_seq2seq"] = BENTREVETT_ENVIRONMENT
OWN_CHECKOUT["bentrevett_seq2seq"] = "PYTORCH_SEQ2SEQ"
REPOSITORY_CHECKOUTS["PYTORCH_SEQ2SEQ"] = ("bentrevett/pytorch-seq2seq", "PYTORCH_SEQ2SEQ_COMMIT")


# aladdinpersson/Machine-Learning-Collection (over 1 GB with its data) is too large to check out
# here: its file was read at the commit VERSIONS.md gives and written at its path under the
# folder ML_COLLECTION names. It runs in the bentrevett cases' environment with torchvision
# and tensorboard added (torchvision 0.16.2 is PyPI's build for that torch 2.1.2):
#
#     ~/bentrevett-venv/bin/pip install torchvision==0.16.2 tensorboard
#     export ML_COLLECTION=~/ml-collection ML_COLLECTION_COMMIT=...
#     ~/bentrevett-venv/bin/python tests/corpus/make_corpus.py aladdin_fc_gan


def aladdin_fc_gan() -> Truth:
    """Aladdin Persson's simple GAN, aladdinpersson/Machine-Learning-Collection `ML/Pytorch/
    GANs/1. SimpleGAN/fc_gan.py` (under the folder named by ML_COLLECTION; commit in
    VERSIONS.md), run as the script, unchanged (a fully connected discriminator and generator,
    Adam 3e-4, batches of 32, 50 epochs, images to TensorBoard in `logs/`), torch seeded 0, one
    thread; MNIST (a download) is the synthetic raw files `write_mnist_raw` makes in the run's
    `dataset/` (640 training images: 20 batches an epoch), which `datasets.MNIST(root=
    "dataset/", download=True)` finds there. It prints, at each epoch's first batch, `Epoch
    [0/50] Batch 0/20                       Loss D: 0.6932, loss G: 0.7012` (the f-string's
    line continuation keeps the next line's indentation). Truth: the printing frame's values:
    `lossD.item()` as `Loss D` and `lossG.item()` as `loss G` (spelling kept) at `epoch` (from
    0, as printed); `num_epochs` is a setting and the batch a count."""
    root = os.environ.get("ML_COLLECTION")
    path = os.path.join(root or "", "ML", "Pytorch", "GANs", "1. SimpleGAN", "fc_gan.py")
    if not root or not os.path.exists(path):
        raise SystemExit("set ML_COLLECTION to a folder with aladdinpersson/"
                         "Machine-Learning-Collection's ML/Pytorch/GANs/1. SimpleGAN/fc_gan.py")
    seeded_torch()
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if "Loss D: {lossD:.4f}, loss G: {lossG:.4f}" in statement:
            truth.extend([point("Loss D", values["lossD"].item(), values["epoch"]),
                          point("loss G", values["lossG"].item(), values["epoch"])])

    run_script(path, [], record, setup=lambda: write_mnist_raw("dataset", 640, 64))
    if [p["step"] for p in truth] != [epoch for epoch in range(50) for _ in "DG"]:
        raise SystemExit(f"aladdin_fc_gan: {len(truth)} points, not 50 epochs' 2")
    return truth


CASES["aladdin_fc_gan"] = aladdin_fc_gan
OWN_ENVIRONMENT["aladdin_fc_gan"] = dict(BENTREVETT_ENVIRONMENT,
                                         torchvision="torchvision (bentrevett cases)",
                                         tensorboard="tensorboard (bentrevett cases)")
OWN_CHECKOUT["aladdin_fc_gan"] = "ML_COLLECTION"
REPOSITORY_CHECKOUTS["ML_COLLECTION"] = (
    "aladdinpersson/Machine-Learning-Collection ML/Pytorch/GANs/1. SimpleGAN/fc_gan.py",
    "ML_COLLECTION_COMMIT")


def aladdin_lr_scheduler() -> Truth:
    """Aladdin Persson's learning-rate scheduler example, aladdinpersson/Machine-Learning-
    Collection `ML/Pytorch/Basics/pytorch_lr_ratescheduler.py` (under the folder named by
    ML_COLLECTION; commit in VERSIONS.md), run as the script, unchanged (a 784-50-10 network,
    Adam 0.1, batches of 128, epochs 1 to 99, `ReduceLROnPlateau(factor=0.1, patience=5,
    verbose=True)` stepped on each epoch's mean loss), torch seeded 0, one thread, environment
    as aladdin_fc_gan; MNIST is `write_mnist_raw`'s synthetic raw files in the run's `dataset/`
    (640 training images: 5 batches an epoch). It prints `Cost at epoch 1 is 1.0577...` (the
    full float) an epoch, torch's own `Epoch 00012: reducing learning rate of group 0 to
    1.0000e-02.` when the scheduler cuts the rate (its count of `step` calls, from 1). Its last
    call, `check_accuracy(train_loader, model)`, fails as the script is (it feeds the network
    images unflattened: `RuntimeError: mat1 and mat2 shapes cannot be multiplied (3584x28 and
    784x50)`), on MNIST too; the case prints the traceback as Python would (from the script's
    frame) and goes on, so the capture ends with it and its `Got ... with accuracy` line is
    never printed. Truth: the printing frame's `mean_loss` as `Cost` at `epoch` (from 1, as
    printed). The scheduler's learning rates (a setting it changes) are left out."""
    root = os.environ.get("ML_COLLECTION")
    path = os.path.join(root or "", "ML", "Pytorch", "Basics", "pytorch_lr_ratescheduler.py")
    if not root or not os.path.exists(path):
        raise SystemExit("set ML_COLLECTION to a folder with aladdinpersson/"
                         "Machine-Learning-Collection's ML/Pytorch/Basics/"
                         "pytorch_lr_ratescheduler.py")
    seeded_torch()
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement.startswith("print(f'Cost at epoch"):
            truth.append(point("Cost", values["mean_loss"], values["epoch"]))

    try:
        run_script(path, [], record, setup=lambda: write_mnist_raw("dataset", 640, 64))
    except RuntimeError as e:  # its last call: what Python prints of it, from the script's frame
        import traceback

        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != os.path.basename(path):
            tb = tb.tb_next
        sys.stdout.flush()
        traceback.print_exception(type(e), e, tb)
    if [p["step"] for p in truth] != list(range(1, 100)):
        raise SystemExit(f"aladdin_lr_scheduler: {len(truth)} points, not 99 epochs' 1")
    return truth


CASES["aladdin_lr_scheduler"] = aladdin_lr_scheduler
OWN_ENVIRONMENT["aladdin_lr_scheduler"] = OWN_ENVIRONMENT["aladdin_fc_gan"]
OWN_CHECKOUT["aladdin_lr_scheduler"] = "ML_COLLECTION"
CHECKOUT_ROW["aladdin_lr_scheduler"] = (
    "aladdinpersson/Machine-Learning-Collection ML/Pytorch/Basics/pytorch_lr_ratescheduler.py")


# lucidrains/vit-pytorch's examples/cats_and_dogs.ipynb, run from a checkout named by
# VIT_PYTORCH, in an environment of its own (the notebook needs torchvision, PyPI's, beside
# PyPI's torch, run on the CPU; linformer for its efficient attention):
#
#     python -m venv ~/vit-venv
#     ~/vit-venv/bin/pip install torch==2.14.1 torchvision==0.29.1 vit-pytorch linformer \
#         pandas scikit-learn matplotlib tqdm
#     git clone https://github.com/lucidrains/vit-pytorch ~/vit-pytorch
#     export VIT_PYTORCH=~/vit-pytorch VIT_PYTORCH_COMMIT=$(git -C ~/vit-pytorch rev-parse HEAD)
#     ~/vit-venv/bin/python tests/corpus/make_corpus.py vit_cats_and_dogs
VIT_CATS_AND_DOGS_CHANGES = {
    # `tqdm.notebook` draws a Jupyter widget; as a script (no ipywidgets, no notebook) it fails
    # (`AttributeError: 'tqdm_notebook' object has no attribute 'disp'`). `tqdm.auto` is the
    # same widget in a notebook and tqdm's console bar in a script.
    "from tqdm.notebook import tqdm": "from tqdm.auto import tqdm",
    "device = 'cuda'": "device = 'cpu'",
    "epochs = 20": "epochs = 8",
}


def vit_cats_and_dogs_data() -> None:
    """Kaggle's Dogs vs. Cats `train.zip` and `test.zip` (a download), made up in the run's
    folder, where the notebook's zip cell extracts them: `train/cat.N.jpg` and `train/dog.N.jpg`
    (120 of each) and `test/N.jpg` (40), JPEGs of 80x60 pixels: noise around a blob, warmer for
    a cat and cooler for a dog (so a model can learn some of it), drawn from a seeded
    generator."""
    import io
    import zipfile

    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)

    def jpeg(kind: int) -> bytes:
        pixels = rng.normal(110, 40, (60, 80, 3))
        y, x = rng.integers(10, 50), rng.integers(10, 70)
        yy, xx = np.mgrid[:60, :80]
        blob = np.exp(-((yy - y) ** 2 + (xx - x) ** 2) / (2 * 12.0 ** 2))[..., None]
        colour = np.array([200, 120, 60]) if kind == 0 else np.array([60, 120, 200])
        pixels = pixels * (1 - blob) + colour * blob
        buffer = io.BytesIO()
        Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(buffer, format="JPEG")
        return buffer.getvalue()

    with zipfile.ZipFile("train.zip", "w") as z:
        for i in range(120):
            for kind, name in enumerate(("cat", "dog")):
                z.writestr(f"train/{name}.{i}.jpg", jpeg(kind))
    with zipfile.ZipFile("test.zip", "w") as z:
        for i in range(1, 41):
            z.writestr(f"test/{i}.jpg", jpeg(int(rng.integers(2))))


def vit_cats_and_dogs() -> Truth:
    """lucidrains' vit-pytorch example notebook `examples/cats_and_dogs.ipynb` ("Visual
    Transformer with Linformer", the checkout named by VIT_PYTORCH; commit in VERSIONS.md): its
    code cells in order as one script (`run_notebook`) but for the first (`!pip -q install
    vit_pytorch linformer`, an IPython magic: the environment has them), its seed (42) its own:
    `vit_pytorch.efficient.ViT` (dim 128, patches of 32 on 224x224 images) over a `Linformer`
    (depth 12, 8 heads, k 64), Adam 3e-5 with `StepLR(gamma=0.7)`, batches of 64, the Kaggle
    data split 80/20 by sklearn; matplotlib draws its sample grid off screen. Changes
    (VIT_CATS_AND_DOGS_CHANGES): `tqdm.notebook` (a widget, which fails outside a notebook)
    made `tqdm.auto` (the console bar in a script), `device` 'cpu' (the notebook's 'cuda'),
    epochs 8 (the notebook's 20); the Kaggle zips are `vit_cats_and_dogs_data`'s made-up ones
    (240 training images: 192 to train, 3 batches, and 48 to validate). It prints `Torch:
    2.14.1`, the data's counts, then each epoch a tqdm bar of the training batches (stderr)
    and `Epoch : 1 - loss : 0.6951 - acc: 0.4994 - val_loss : 0.6921 - val_acc: 0.5081` with a
    blank line after it (its f-string ends in `\\n`). Truth: the printing frame's values as the
    line is printed: `epoch_loss` as `loss`, `epoch_accuracy` as `acc`, `epoch_val_loss` as
    `val_loss` and `epoch_val_accuracy` as `val_acc` (the epoch's running means, tensors), at
    `epoch + 1` (as printed, from 1)."""
    root = os.environ.get("VIT_PYTORCH")
    path = os.path.join(root or "", "examples", "cats_and_dogs.ipynb")
    if not root or not os.path.exists(path):
        raise SystemExit("set VIT_PYTORCH to a lucidrains/vit-pytorch checkout")
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if 'f"Epoch : {epoch+1} - loss' in statement:
            step = values["epoch"] + 1
            truth.extend([point("loss", values["epoch_loss"].item(), step),
                          point("acc", values["epoch_accuracy"].item(), step),
                          point("val_loss", values["epoch_val_loss"].item(), step),
                          point("val_acc", values["epoch_val_accuracy"].item(), step)])

    cells = ipynb_cells(path)
    if not cells[0].startswith("!pip"):
        raise SystemExit("vit_cats_and_dogs: the notebook's first cell is not its pip install")
    folder = tempfile.mkdtemp()
    notebook = os.path.join(folder, "cats_and_dogs.ipynb")
    with open(path) as f:
        nb = json.load(f)
    first = next(i for i, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code")
    del nb["cells"][first]  # the `!pip` magic
    with open(notebook, "w") as f:
        json.dump(nb, f)
    try:
        run_notebook(notebook, len(cells) - 1, record, VIT_CATS_AND_DOGS_CHANGES,
                     vit_cats_and_dogs_data)
    finally:
        import shutil

        shutil.rmtree(folder)
    if [p["step"] for p in truth] != [epoch for epoch in range(1, 9) for _ in range(4)]:
        raise SystemExit(f"vit_cats_and_dogs: {len(truth)} points, not 8 epochs' 4")
    return truth


CASES["vit_cats_and_dogs"] = vit_cats_and_dogs
OWN_ENVIRONMENT["vit_cats_and_dogs"] = {name: f"{name} (vit_cats_and_dogs case)" for name in
                                        ("torch", "torchvision", "tqdm", "scikit-learn")}
OWN_ENVIRONMENT["vit_cats_and_dogs"].update({"vit-pytorch": "vit-pytorch",
                                             "linformer": "linformer"})
OWN_CHECKOUT["vit_cats_and_dogs"] = "VIT_PYTORCH"
REPOSITORY_CHECKOUTS["VIT_PYTORCH"] = ("lucidrains/vit-pytorch", "VIT_PYTORCH_COMMIT")
CHECKOUT_ROW["vit_cats_and_dogs"] = "lucidrains/vit-pytorch examples/cats_and_dogs.ipynb"




def _print_calls(codes: set[Any], seen: Callable[[Any], None]) -> Callable[[], None]:
    """Calls seen(frame) as a function whose code is in codes calls the builtin print (a
    profile hook's c_call event, on this thread): its locals as they are when it prints, the
    values it hands to print. Returns the function that removes the hook."""
    import builtins

    def profile(frame: Any, event: str, value: Any) -> None:
        if event == "c_call" and value is builtins.print and frame.f_code in codes:
            seen(frame)

    sys.setprofile(profile)
    return lambda: sys.setprofile(None)


def sklearn_rbm_verbose() -> Truth:
    """BernoulliRBM(n_components=16, n_iter=10, verbose=1) of 200 synthetic binary vectors of
    64 features (each on with probability 0.3): `[BernoulliRBM] Iteration 1,
    pseudo-likelihood = -39.16, time = 0.00s` each iteration (`%.2f`). The estimator keeps no
    record of it: the truth is the array `score_samples(X)` returns to `fit` inside its loop
    (read by a profile hook as it returns), averaged as `fit` does (`.mean()`, the value it
    prints), as `pseudo-likelihood` at `fit`'s `iteration` (from 1, as printed). The seconds
    are a timing."""
    import numpy as np
    from sklearn.neural_network import BernoulliRBM

    rng = np.random.default_rng(0)
    x = (rng.random((200, 64)) < 0.3).astype(float)
    truth: Truth = []

    def seen(frame: Any, value: Any) -> None:
        caller = frame.f_back
        if caller.f_code.co_name == "fit" and "iteration" in caller.f_locals:
            truth.append(point("pseudo-likelihood", value.mean(), caller.f_locals["iteration"]))

    stop = _returns([BernoulliRBM.score_samples], seen)
    try:
        BernoulliRBM(n_components=16, n_iter=10, random_state=0, verbose=1).fit(x)
    finally:
        stop()
    if [p["step"] for p in truth] != list(range(1, 11)):
        raise SystemExit("sklearn_rbm_verbose: not one pseudo-likelihood an iteration")
    return truth


CASES["sklearn_rbm_verbose"] = sklearn_rbm_verbose


def sklearn_mds_verbose() -> Truth:
    """MDS(n_components=2, init="random", n_init=1, normalized_stress=False, verbose=2) (metric
    SMACOF) of 60 points in 5 dimensions around 3 centres (`make_blobs`): `Iteration 0, stress
    50412.2185` each iteration (`_smacof_single`, `.4f`, from 0), then `Convergence criterion
    reached (iteration N).`. Truth: `_smacof_single`'s locals `stress` and `it` as it calls
    print with them (a profile hook on that call), as `stress` at `it` (as printed); the last
    is checked equal to the estimator's `stress_`."""
    from sklearn.datasets import make_blobs
    from sklearn.manifold import MDS, _mds

    x, _ = make_blobs(60, n_features=5, centers=3, random_state=0)
    truth: Truth = []

    def seen(frame: Any) -> None:
        values = frame.f_locals
        if "stress" in values and not any(p["step"] == values["it"] for p in truth):
            truth.append(point("stress", values["stress"], values["it"]))

    stop = _print_calls({_mds._smacof_single.__code__}, seen)
    try:
        model = MDS(n_components=2, init="random", n_init=1, normalized_stress=False,
                    random_state=0, verbose=2).fit(x)
    finally:
        stop()
    if [p["step"] for p in truth] != list(range(model.n_iter_)) or (
            truth[-1]["value"] != model.stress_):
        raise SystemExit("sklearn_mds_verbose: not one stress an iteration, ending at stress_")
    return truth


CASES["sklearn_mds_verbose"] = sklearn_mds_verbose


def sklearn_dict_learning_verbose() -> Truth:
    """DictionaryLearning(n_components=8, max_iter=10, verbose=2), then
    MiniBatchDictionaryLearning(n_components=8, batch_size=10, max_iter=3, verbose=1), of a
    60 x 20 matrix of normal values: `Iteration   1 (elapsed time:   0s,  0.0mn, current cost
    551.115)` (`_dict_learning`, before each iteration: the cost after the one before, `nan`
    at 0), with `sparse_encode`'s dots between, then `[dict_learning]` and `Minibatch step
    1/18: mean batch cost: 4.458...` (the first epoch), then `Minibatch step 7/18: mean batch
    cost: 9.38..., ewa cost: 9.38...` (`_check_convergence`, the full float). Truth:
    `_dict_learning`'s `current_cost` as it calls print with it (a profile hook on the call;
    the nan at iteration 0 left out) as `current_cost` at its `ii` (as printed); the last
    printed is checked to be the cost list's one before last (the last is never printed);
    `_check_convergence`'s `batch_cost` and its estimator's `_ewa_cost` as it returns
    (`_ewa_cost` from the second epoch on, as printed), as `mean_batch_cost` and `ewa_cost` at
    its `step` (from 1, as printed; the last checked equal to `n_steps_`). The elapsed times
    are timings."""
    import math

    import numpy as np
    from sklearn.decomposition import (DictionaryLearning, MiniBatchDictionaryLearning,
                                       _dict_learning)

    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 20))
    truth: Truth = []

    def printed(frame: Any) -> None:
        values = frame.f_locals
        # the first print of an iteration is its `Iteration` line; a later one (`---
        # Convergence reached`) comes after the cost is updated, and prints no cost
        if "current_cost" in values and values["verbose"] >= 2 and not math.isnan(
                values["current_cost"]) and not any(p["step"] == values["ii"] for p in truth):
            truth.append(point("current_cost", values["current_cost"], values["ii"]))

    stop = _print_calls({_dict_learning._dict_learning.__code__}, printed)
    try:
        model = DictionaryLearning(n_components=8, max_iter=10, random_state=0,
                                   verbose=2).fit(x)
    finally:
        stop()
    costs = [p["value"] for p in truth]
    if [p["step"] for p in truth] != list(range(1, model.n_iter_)) or (
            costs != model.error_[:len(costs)]):
        raise SystemExit("sklearn_dict_learning_verbose: costs are not error_'s")

    def returned(frame: Any, value: Any) -> None:
        values = frame.f_locals
        truth.append(point("mean_batch_cost", values["batch_cost"], values["step"]))
        if values["step"] > min(100, values["n_samples"] / values["batch_size"]):
            truth.append(point("ewa_cost", values["self"]._ewa_cost, values["step"]))

    stop = _returns([MiniBatchDictionaryLearning._check_convergence], returned)
    try:
        minibatch = MiniBatchDictionaryLearning(n_components=8, batch_size=10, max_iter=3,
                                                random_state=0, verbose=1).fit(x)
    finally:
        stop()
    if truth[-1]["step"] != minibatch.n_steps_:
        raise SystemExit("sklearn_dict_learning_verbose: steps are not n_steps_")
    return truth


CASES["sklearn_dict_learning_verbose"] = sklearn_dict_learning_verbose



def pycaret_classification() -> Truth:
    """PyCaret's functional API as its tutorials use it: `setup(frame, target="target",
    session_id=123, fold=3, n_jobs=1)` on a synthetic binary task (`make_classification(200,
    n_features=6, random_state=0)` as a DataFrame; the tutorials' datasets are downloaded),
    then `create_model("lr")` and `compare_models(include=["lr", "dt", "knn"])` (three models
    rather than every one, and 3 folds rather than 10, to keep the run short). Its command-line
    display (`pycaret/internal/display/display_backend.py`, `CLIBackend.display`: `pprint` of
    the grid's DataFrame): setup's table of settings (`Description  Value`), tqdm's
    `Processing:` bars, the fold grid (index `Fold`: `0  0.9149  0.9293  ...`, then `Mean` and
    `Std` rows, columns `Accuracy AUC Recall Prec. F1 Kappa MCC`), the comparison grid
    (`lr  Logistic Regression  0.9214 ...`, pandas wrapping its columns with `\\`). Truth:
    the grids PyCaret keeps of what it displays (`pull()` after each call: its display
    container's last DataFrame, the one printed), each cell keyed by its row then its column
    as printed, as sklearn_classification_report's: `0/Accuracy`, `Mean/Accuracy`,
    `Std/Accuracy`, `lr/Accuracy`; no step (the rows are folds and models, not steps, as in
    surprise_cross_validate). Left out: setup's settings, the `Model` names and `TT (Sec)`, a
    timing. Run in a temporary folder, where PyCaret writes its `logs.log`."""
    cwd = os.getcwd()
    os.chdir(tempfile.mkdtemp())
    try:
        return _pycaret_classification()
    finally:
        os.chdir(cwd)


def _pycaret_classification() -> Truth:
    """pycaret_classification's run, in the folder it is called in."""
    import pandas as pd
    from pycaret.classification import compare_models, create_model, pull, setup
    from sklearn.datasets import make_classification

    x, y = make_classification(200, n_features=6, random_state=0)
    frame = pd.DataFrame(x, columns=[f"f{k}" for k in range(6)])
    frame["target"] = y
    setup(frame, target="target", session_id=123, fold=3, n_jobs=1)
    truth: Truth = []

    def grid(table: Any) -> None:
        for row, values in table.iterrows():
            for column, value in values.items():
                if column not in ("Model", "TT (Sec)"):
                    truth.append(point(f"{row}/{column}", value, None))

    create_model("lr")
    grid(pull())
    compare_models(include=["lr", "dt", "knn"])
    grid(pull())
    return truth


CASES["pycaret_classification"] = pycaret_classification
OWN_ENVIRONMENT["pycaret_classification"] = {
    "pycaret": "pycaret", "scikit-learn": "scikit-learn (pycaret_classification case)",
    "pandas": "pandas (pycaret_classification case)",
    "numpy": "numpy (pycaret_classification case)"}



# --- Forecasting quick starts: NeuralProphet, Prophet (cmdstanpy), statsforecast ---------------
# The three run alone, in one environment of their own: NeuralProphet 0.9.0 needs NumPy 1 and
# (its lock file's era) pytorch-lightning 2.3, which needs setuptools' pkg_resources; its
# learning-rate finder reloads a checkpoint that torch 2.6 on refuses (`weights_only`), so
# torch 2.5.1; statsforecast's fugue needs a pyarrow built for NumPy 1:
#
#     python -m venv ~/forecast2-venv
#     ~/forecast2-venv/bin/pip install torch==2.5.1 neuralprophet==0.9.0 prophet statsforecast
#     ~/forecast2-venv/bin/pip install pytorch-lightning==2.3.0 torchmetrics==1.4.0.post0 \
#         pandas==2.2.2 "pyarrow<20" "setuptools<70"
#     for case in neuralprophet_quickstart prophet_cmdstanpy_console \
#             statsforecast_autoarima_trace; do
#         ~/forecast2-venv/bin/python tests/corpus/make_corpus.py $case
#     done

QUICKSTART_ENVIRONMENT = {name: f"{name} (forecasting quick-start cases)" for name in
                          ("torch", "numpy", "pandas", "pytorch-lightning", "torchmetrics",
                           "tqdm", "cmdstanpy", "pyarrow", "setuptools")}


def _peyton_manning_standin() -> Any:
    """A stand-in for the quick starts' Wikipedia page views of Peyton Manning (a download):
    2905 days from 2007-12-10 as a `ds`, `y` frame, `y` a log count near 8 with a yearly
    season (the football season's peak), a weekly one, a trend that turns three times (the
    real series' changes of level) and noise, seeded."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    t = np.arange(2905)
    trend = np.interp(t, [0, 700, 1400, 2100, 2904], [0.0, 0.8, 0.3, 0.9, 0.5])
    y = (8.0 + trend + 0.6 * np.cos(2 * np.pi * (t - 60) / 365.25)
         + 0.15 * np.sin(2 * np.pi * t / 7) + 0.3 * rng.normal(size=t.size))
    return pd.DataFrame({"ds": pd.date_range("2007-12-10", periods=t.size, freq="D"), "y": y})


def neuralprophet_quickstart() -> Truth:
    """NeuralProphet 0.9.0's minimal example (its README, at the 0.9.0 tag: `m =
    NeuralProphet()`, `metrics = m.fit(df, freq="D")`, `forecast = m.predict(df)`) on
    `_peyton_manning_standin()` (the real data is a download), with `epochs=10` (else it sets
    its own from the data's length) and `neuralprophet.set_random_seed(0)` first (so both
    runs print the same), from a temporary folder (its `MetricsLogger`, a TensorBoard logger,
    writes there), one torch thread. It logs its INFO and WARNING lines (`INFO -
    (NP.config.set_auto_batch_epoch) - Auto-set batch_size to 64`), the learning-rate
    finder's bar `Finding best initial lr`, then its own bar (`ProgressBar`,
    `neuralprophet/logger.py`: a Lightning `TQDMProgressBar` whose epoch bar is moved once an
    epoch, `Epoch 3:  30%|███       | 3/10`) beside Lightning's training bar, which, with no
    count, carries the epoch's logged values at each epoch's end, after that epoch's bar:
    `Training: |          | 0/? [00:00<?, ?it/s, v_num=0, train_loss=0.0252,
    reg_loss=0.000, MAE=0.321, RMSE=0.397, Loss=0.0252, RegLoss=0.000]`; then predict's INFO
    lines and bar. Truth: the library's own record, the `metrics` frame `fit` returns (its
    `MetricsLogger.history`, what the logger was given at each epoch's end): `train_loss`,
    `reg_loss`, `MAE`, `RMSE`, `Loss`, `RegLoss` at the epoch the bar shows (`epoch` + 1,
    from 1); `v_num` is the logger's version."""
    import shutil

    import torch
    from neuralprophet import NeuralProphet, set_random_seed

    torch.set_num_threads(1)
    df = _peyton_manning_standin()
    here, work = os.getcwd(), tempfile.mkdtemp()
    os.chdir(work)
    try:
        set_random_seed(0)
        m = NeuralProphet(epochs=10)
        metrics = m.fit(df, freq="D")
        m.predict(df)
    finally:
        os.chdir(here)
        shutil.rmtree(work)
    keys = ["train_loss", "reg_loss", "MAE", "RMSE", "Loss", "RegLoss"]
    if list(metrics.columns) != keys + ["epoch"] or list(metrics["epoch"]) != list(range(10)):
        raise SystemExit(f"neuralprophet_quickstart: metrics {list(metrics.columns)}")
    return [point(key, row[key], int(row["epoch"]) + 1) for _, row in metrics.iterrows()
            for key in keys]


CASES["neuralprophet_quickstart"] = neuralprophet_quickstart
OWN_ENVIRONMENT["neuralprophet_quickstart"] = dict(QUICKSTART_ENVIRONMENT,
                                                   neuralprophet="neuralprophet")


def prophet_cmdstanpy_console() -> Truth:
    """Prophet's quick start (`m = Prophet()`, `m.fit(df)`) on `_peyton_manning_standin()`
    (the real CSV is a download), run with cmdstanpy's `show_console=True`, which `fit` passes
    on to `CmdStanModel.optimize`: by default (cmdstanpy 1.x) CmdStan's console goes to a
    file and the user sees only cmdstanpy's log lines, `21:05:53 - cmdstanpy - INFO - Chain
    [1] start processing` and `... done processing`; with it, cmdstanpy prints each console
    line as `Chain [1] ` and the line stripped (`cmdstanpy/model.py`, `_run_cmdstan`): CmdStan's
    arguments, `Initial log joint probability = -6.68799`, and L-BFGS' table, a header
    before every hundredth iteration's row (`Chain [1] Iter      log prob        ||dx||
    ||grad||       alpha      alpha0  # evals  Notes`, `Chain [1] 99       8792.21
    0.00591792        1344.7      0.5995      0.5995      116`), rows also where a line
    search failed (`... LS failed, Hessian reset`) and at the last iteration. cmdstanpy reads
    CmdStan's output with a loop that polls the process and prints a bare `Chain [1] ` for each
    empty read until it exits: how many differs from run to run. `save_iterations=True` (also
    passed on) makes CmdStan write every iteration to its output CSV (it changes no step of the
    optimizer). Truth: that CSV, as cmdstanpy reads it (`optimized_iterations_pd`, a row an
    iteration, the first the initial point): its `lp__` as `Initial_log_joint_probability` (no
    step: the line names none), and as `log_prob` at each iteration that the table prints for its
    refresh (every 100th, `iteration + 1` a multiple of 100) and at the last; the rows printed for
    a failed line search are left out (the CSV does not say which iterations' search failed), and
    so are `||dx||`, `||grad||`, `alpha`, `alpha0` (the CSV keeps none of them) and `# evals` (a
    count)."""
    from prophet import Prophet

    df = _peyton_manning_standin()
    m = Prophet()
    m.fit(df, show_console=True, save_iterations=True)
    lp = [float(v) for v in m.stan_backend.stan_fit.optimized_iterations_pd["lp__"]]
    last = len(lp) - 1
    truth = [point("Initial_log_joint_probability", lp[0], None)]
    truth += [point("log_prob", lp[i], i) for i in range(1, last + 1)
              if (i + 1) % 100 == 0 or i == last]
    return truth


CASES["prophet_cmdstanpy_console"] = prophet_cmdstanpy_console
OWN_ENVIRONMENT["prophet_cmdstanpy_console"] = dict(QUICKSTART_ENVIRONMENT, prophet="prophet")


def statsforecast_autoarima_trace() -> Truth:
    """statsforecast's README minimal example (`StatsForecast(models=[AutoARIMA(
    season_length=12)], freq='ME')`, `sf.fit(df)`, `sf.predict(h=12, level=[95])`, on
    `statsforecast.utils.AirPassengersDF`, the data the package ships), with AutoARIMA's
    documented `trace=True` ("the list of ARIMA models considered will be reported") and the
    forecast printed (`print(sf.predict(...))`, a frame). The stepwise search prints each
    model it fits with its information criterion (AICc, the default `ic`), with no name:
    `ARIMA(0,1,0)(0,1,0)[12]                    : 1031.5391` (`inf` for a model refused, as
    its first here), eleven lines in all, from `statsforecast/arima.py` (`myarima`:
    `print(f"{arima_string(fit, padding=True)} : {fit['ic']:.4f}")`). Truth: the value that print
    formats, the printing frame's `fit["ic"]` (the module's `print` hooked), as `ic` (no name is
    printed; the search keeps it under that name), no step (the lines count nothing); the refused
    models' `inf` is left out."""
    import math

    import statsforecast.arima as arima
    from statsforecast import StatsForecast
    from statsforecast.models import AutoARIMA
    from statsforecast.utils import AirPassengersDF

    truth: Truth = []

    def printed(*args: Any, **kwargs: Any) -> None:
        frame = sys._getframe(1)
        fit = frame.f_locals.get("fit")
        # `model_str` is made only where a fit failed (its line prints `inf`, not `fit`'s ic)
        if (frame.f_code.co_name == "myarima" and "model_str" not in frame.f_locals
                and isinstance(fit, dict) and math.isfinite(fit["ic"])):
            truth.append(point("ic", fit["ic"], None))
        print(*args, **kwargs)

    arima.print = printed  # type: ignore[attr-defined]  # the module's own name, found first
    try:
        df = AirPassengersDF
        sf = StatsForecast(models=[AutoARIMA(season_length=12, trace=True)], freq="ME")
        sf.fit(df)
        print(sf.predict(h=12, level=[95]))
    finally:
        del arima.print  # type: ignore[attr-defined]
    return truth


CASES["statsforecast_autoarima_trace"] = statsforecast_autoarima_trace
OWN_ENVIRONMENT["statsforecast_autoarima_trace"] = dict(QUICKSTART_ENVIRONMENT,
                                                        statsforecast="statsforecast")



# --- famous hand-written RL scripts on gym's old API: sfujim/TD3, Udacity's DQN, keon's DQN ------
# Each runs alone, in one small environment of its own (box2d built from source by PyPI's swig,
# for LunarLander; keras 3 on torch, KERAS_BACKEND as every case here), from a checkout of its
# repository:
#
#     python -m venv ~/oldgym-venv && ~/oldgym-venv/bin/pip install torch==2.14.1
#     ~/oldgym-venv/bin/pip install torch==2.14.1 gymnasium swig keras matplotlib
#     ~/oldgym-venv/bin/pip install "gymnasium[box2d]"
#     git clone https://github.com/sfujim/TD3 ~/TD3
#     export SFUJIM_TD3=~/TD3 SFUJIM_TD3_COMMIT=$(git -C ~/TD3 rev-parse HEAD)
#     ~/oldgym-venv/bin/python tests/corpus/make_corpus.py td3_pendulum
#     git clone https://github.com/udacity/deep-reinforcement-learning ~/drl
#     export UDACITY_DRL=~/drl UDACITY_DRL_COMMIT=$(git -C ~/drl rev-parse HEAD)
#     ~/oldgym-venv/bin/python tests/corpus/make_corpus.py udacity_dqn_lunar
#     git clone https://github.com/keon/deep-q-learning ~/deep-q-learning
#     export KEON_DQN=~/deep-q-learning KEON_DQN_COMMIT=$(git -C ~/deep-q-learning rev-parse HEAD)
#     ~/oldgym-venv/bin/python tests/corpus/make_corpus.py keon_dqn

OLD_GYM_ENVIRONMENT = {name: f"{name} (old gym API cases)"
                       for name in ("torch", "numpy", "gymnasium", "box2d", "keras", "matplotlib")}


class OldGymEnv:
    """A gymnasium environment in the API of gym before 0.26, which these scripts call: `seed(s)`
    seeds the next `reset` (later resets go on from there, as gym's own generator did),
    `reset()` returns the observation alone, `step(a)` four values, `done` true at the
    episode's end by termination or by its time limit (gym's `TimeLimit` set `done` too), and
    `_max_episode_steps` is the time limit (TD3 reads it); a discrete action space's `n` is a
    Python int, as gym's was (gymnasium's is numpy's int64, which keras 3 refuses as a layer's
    `units`)."""

    def __init__(self, env: Any, seed: int | None) -> None:
        import gymnasium

        self.env = env
        self.observation_space, self.action_space = env.observation_space, env.action_space
        if isinstance(self.action_space, gymnasium.spaces.Discrete):
            self.action_space.n = int(self.action_space.n)
        self._max_episode_steps = env.spec.max_episode_steps
        self.next_seed = seed

    def seed(self, seed: int | None = None) -> list[int | None]:
        self.next_seed = seed
        return [seed]

    def reset(self) -> Any:
        obs, _ = self.env.reset(seed=self.next_seed)
        self.next_seed = None
        return obs

    def step(self, action: Any) -> tuple[Any, float, bool, dict[str, Any]]:
        obs, reward, terminated, truncated, info = self.env.step(action)
        return obs, reward, bool(terminated or truncated), info

    def render(self) -> Any:
        return self.env.render()

    def close(self) -> None:
        self.env.close()


def old_gym_shim(seed: int | None = None) -> None:
    """A `gym` module that is gymnasium, its `make` giving the environment in gym's old API
    (`OldGymEnv`). With `seed` (for a script that seeds nothing), each environment's first
    reset and its action space are seeded with it, so that both runs see the same episodes."""
    import types

    import gymnasium

    gym = types.ModuleType("gym")
    gym.__dict__.update({k: v for k, v in gymnasium.__dict__.items() if not k.startswith("__")})

    def make(env_id: str, **kwargs: Any) -> OldGymEnv:
        env = gymnasium.make(env_id, **kwargs)
        if seed is not None:
            env.action_space.seed(seed)
        return OldGymEnv(env, seed)

    gym.make = make  # type: ignore[attr-defined]
    sys.modules["gym"] = gym


def td3_pendulum() -> Truth:
    """Scott Fujimoto's TD3, sfujim/TD3 `main.py` (the checkout named by SFUJIM_TD3; commit in
    VERSIONS.md), run as the script, unchanged, with `--env Pendulum-v1 --max_timesteps 3000
    --start_timesteps 1000 --eval_freq 1000` (its defaults otherwise: TD3, seed 0, batches of
    256, 10 evaluation episodes); it calls gym's old API (`env.seed`, `reset()` returning the
    observation, four values from `step`, `env._max_episode_steps`), given by `old_gym_shim`
    over gymnasium's Pendulum-v1 (the seeds are the script's own); one thread. It prints its
    settings between rules of dashes, then `Evaluation over 10 episodes: -1234.567` (between
    rules) for the untrained policy and every `eval_freq` steps, and `Total T: 200 Episode Num:
    1 Episode T: 200 Reward: -1234.567` as each episode ends. Truth: the printing frames'
    values (print hooked): `episode_reward` as `Reward` at `t+1` (the `Total T` printed);
    `avg_reward` as `Evaluation_over_10_episodes` (the line's words as printed), no step (the
    line names none). `Episode Num` and `Episode T` are counts: left out."""
    root = os.environ.get("SFUJIM_TD3")
    path = os.path.join(root or "", "main.py")
    if not root or not os.path.exists(path):
        raise SystemExit("set SFUJIM_TD3 to a sfujim/TD3 checkout")
    import torch

    torch.set_num_threads(1)
    old_gym_shim()
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement.startswith('print(f"Total T: {t+1}'):
            truth.append(point("Reward", values["episode_reward"], values["t"] + 1))
        elif statement.startswith('print(f"Evaluation over {eval_episodes} episodes'):
            truth.append(point(f"Evaluation_over_{values['eval_episodes']}_episodes",
                               values["avg_reward"], None))

    run_script(path, ["--env", "Pendulum-v1", "--max_timesteps", "3000", "--start_timesteps",
                      "1000", "--eval_freq", "1000"], record)
    if len(truth) != 15 + 4:
        raise SystemExit(f"td3_pendulum: {len(truth)} points, not 15 episodes' and 4 evaluations")
    return truth


CASES["td3_pendulum"] = td3_pendulum
OWN_ENVIRONMENT["td3_pendulum"] = OLD_GYM_ENVIRONMENT
OWN_CHECKOUT["td3_pendulum"] = "SFUJIM_TD3"
REPOSITORY_CHECKOUTS["SFUJIM_TD3"] = ("sfujim/TD3", "SFUJIM_TD3_COMMIT")


# The notebook's changes: gymnasium 1 has LunarLander-v3 (v2 is gone: `make` refuses it), and
# 300 episodes of training instead of up to 2000 (3 lines of 100).
UDACITY_DQN_CHANGES = {"gym.make('LunarLander-v2')": "gym.make('LunarLander-v3')",
                       "scores = dqn()": "scores = dqn(n_episodes=300)"}


def udacity_dqn_lunar() -> Truth:
    """Udacity's DQN solution, udacity/deep-reinforcement-learning `dqn/solution/
    Deep_Q_Network_Solution.ipynb` with its `dqn_agent.py` and `model.py` (the checkout named by
    UDACITY_DRL; commit in VERSIONS.md): its code cells up to the training cell (the next one
    loads `checkpoint.pth`, which training writes only once the task is solved) run in order as
    one program, the `%matplotlib` magic dropped, matplotlib on Agg, its helper modules from the
    notebook's folder; changes (UDACITY_DQN_CHANGES): LunarLander-v3 for v2, 300 episodes
    (`dqn(n_episodes=300)`); it calls gym's old API (`env.seed(0)`, `reset()` returning the
    observation, four values from `step`), given by `old_gym_shim` over gymnasium's
    LunarLander (box2d). The seeds are its own (the agent's `random.seed(0)` and
    `torch.manual_seed(0)`, `env.seed(0)`); one thread. It prints `State shape:  (8,)`,
    `Number of actions:  4`, gymnasium's warning that `render` has no render mode (its
    watching cell), then each episode `\\rEpisode 12\\tAverage Score: -180.34` with no newline,
    redrawn over the last, and every 100 episodes the same with a newline. Truth: the printing
    frame's `np.mean(scores_window)` (the mean of the last 100 scores) as `Average Score` at
    `i_episode` (the episode printed), once an episode: the 100th episode's line with a newline
    prints the value its `\\r` line did at the same episode."""
    import numpy as np

    root = os.environ.get("UDACITY_DRL")
    path = os.path.join(root or "", "dqn", "solution", "Deep_Q_Network_Solution.ipynb")
    if not root or not os.path.exists(path):
        raise SystemExit("set UDACITY_DRL to a udacity/deep-reinforcement-learning checkout")
    import shutil

    import torch

    os.environ["MPLBACKEND"] = "Agg"
    torch.set_num_threads(1)
    old_gym_shim()
    cells = ipynb_cells(path)
    last = next(i for i, cell in enumerate(cells) if "scores = dqn()" in cell)
    source = "\n\n".join("\n".join(line for line in cell.splitlines()
                                   if not line.startswith("%")) for cell in cells[:last + 1])
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement.startswith("print('\\rEpisode {}\\tAverage Score: {:.2f}'"):
            step = values["i_episode"]
            if not truth or truth[-1]["step"] != step:
                truth.append(point("Average Score", np.mean(values["scores_window"]), step))

    folder = tempfile.mkdtemp()
    script = os.path.join(folder, "Deep_Q_Network_Solution.py")
    with open(script, "w") as f:
        f.write(source + "\n")
    sys.path.insert(0, os.path.dirname(path))  # its dqn_agent.py and model.py
    try:
        run_script(script, [], record, UDACITY_DQN_CHANGES)
    finally:
        sys.path.remove(os.path.dirname(path))
        shutil.rmtree(folder)
    if [p["step"] for p in truth] != list(range(1, 301)):
        raise SystemExit(f"udacity_dqn_lunar: {len(truth)} points, not 300 episodes' 1")
    return truth


CASES["udacity_dqn_lunar"] = udacity_dqn_lunar
OWN_ENVIRONMENT["udacity_dqn_lunar"] = OLD_GYM_ENVIRONMENT
OWN_CHECKOUT["udacity_dqn_lunar"] = "UDACITY_DRL"
REPOSITORY_CHECKOUTS["UDACITY_DRL"] = (
    "udacity/deep-reinforcement-learning dqn/solution/Deep_Q_Network_Solution.ipynb",
    "UDACITY_DRL_COMMIT")


# keon's DQN: keras 3 no longer takes `lr` (`Adam(lr=...)`: "Argument(s) not recognized"), and
# 4 episodes of its 1000 (its `EPISODES`, printed, kept): each of its steps prints some 65 bars.
KEON_DQN_CHANGES = {"optimizer=Adam(lr=self.learning_rate)":
                    "optimizer=Adam(learning_rate=self.learning_rate)",
                    "    for e in range(EPISODES):": "    for e in range(4):"}


def keon_dqn() -> Truth:
    """Keon Kim's DQN, keon/deep-q-learning `dqn.py` (the checkout named by KEON_DQN; commit in
    VERSIONS.md), run as the script on keras 3 (torch backend) with gym's old API (`reset()`
    returning the observation, four values from `step`) given by `old_gym_shim(0)` over
    gymnasium's CartPole-v1 (seed 0: the script seeds nothing), random, numpy and keras seeded
    0, one thread; changes (KEON_DQN_CHANGES): `Adam(learning_rate=...)` for `Adam(lr=...)`,
    which keras 3 refuses, and 4 episodes of its 1000 (`range(4)`; `EPISODES`, printed, kept).
    Its agent fits and predicts one state at a time (`model.predict(state)` with keras' default
    verbosity): each predict prints keras' bar, `1/1 ━━━━━━━━━━━━━━━━━━━━ 0s 12ms/step`, so
    the output is mostly those bars, and as each episode ends `episode: 3/1000, score: 14, e:
    0.93`. Truth: the printing frame's values (print hooked): `time` (the steps the pole
    stayed up, its score) as `score` and `agent.epsilon` (the exploration rate) as `e`, at `e`
    (the episode printed, from 0)."""
    root = os.environ.get("KEON_DQN")
    path = os.path.join(root or "", "dqn.py")
    if not root or not os.path.exists(path):
        raise SystemExit("set KEON_DQN to a keon/deep-q-learning checkout")
    import keras

    seeded_torch()
    keras.utils.set_random_seed(0)
    old_gym_shim(0)
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement.startswith('print("episode: {}/{}, score: {}, e: {:.2}"'):
            truth.extend([point("score", values["time"], values["e"]),
                          point("e", values["agent"].epsilon, values["e"])])

    run_script(path, [], record, KEON_DQN_CHANGES)
    if [p["step"] for p in truth] != [e for e in range(4) for _ in "se"]:
        raise SystemExit(f"keon_dqn: {len(truth)} points, not 4 episodes' 2")
    return truth


CASES["keon_dqn"] = keon_dqn
OWN_ENVIRONMENT["keon_dqn"] = OLD_GYM_ENVIRONMENT
OWN_CHECKOUT["keon_dqn"] = "KEON_DQN"
REPOSITORY_CHECKOUTS["KEON_DQN"] = ("keon/deep-q-learning", "KEON_DQN_COMMIT")


# --- rasbt/machine-learning-book (Raschka, Liu & Mirjalili, "Machine Learning with PyTorch and
# Scikit-Learn"): chapter 11's NumPy MLP and chapter 13's PyTorch regression loop ---------------
# Each runs alone, in an environment of its own:
#
#     python -m venv ~/mlbook-venv
#     ~/mlbook-venv/bin/pip install torch numpy pandas scikit-learn matplotlib packaging ipython
#     git clone https://github.com/rasbt/machine-learning-book ~/mlbook
#     export ML_BOOK=~/mlbook ML_BOOK_COMMIT=$(git -C ~/mlbook rev-parse HEAD)
#     ~/mlbook-venv/bin/python tests/corpus/make_corpus.py mlbook_ch11_mlp
#     ~/mlbook-venv/bin/python tests/corpus/make_corpus.py mlbook_ch13_auto_mpg
MLBOOK_ENVIRONMENT = {name: f"{name} (mlbook cases)" for name in
                      ("torch", "numpy", "pandas", "scikit-learn", "matplotlib", "ipython",
                       "threadpoolctl")}
# ch11.py's changes: MNIST's 70000 images are 7000 made-up ones (`mlbook_mnist_standin`), so its
# test and validation splits are a tenth of theirs too (1000 and 500; 5500 to train on).
MLBOOK_CH11_SIZES = {"X, y, test_size=10000, random_state=123, stratify=y)":
                     "X, y, test_size=1000, random_state=123, stratify=y)",
                     "X_temp, y_temp, test_size=5000, random_state=123, stratify=y_temp)":
                     "X_temp, y_temp, test_size=500, random_state=123, stratify=y_temp)"}


def mlbook_checkout(path: str) -> str:
    """The file at `path` in the checkout named by ML_BOOK, its root on the path (the book's
    `python_environment_check.py`, which its chapters import from `..`)."""
    root = os.environ.get("ML_BOOK")
    full = os.path.join(root or "", path)
    if not root or not os.path.exists(full):
        raise SystemExit("set ML_BOOK to a rasbt/machine-learning-book checkout")
    sys.path.insert(0, root)
    os.environ["MPLBACKEND"] = "Agg"
    return full


def mlbook_mnist_standin(*args: Any, **kwargs: Any) -> tuple[Any, Any]:
    """`fetch_openml('mnist_784', ...)`'s `(X, y)` made up: 7000 rows of 784 pixels (0 to 255,
    a DataFrame) of 10 classes, each class a blurred pattern of its own under heavy noise, the
    labels as strings (a Series, as OpenML's)."""
    import numpy as np
    import pandas as pd

    rng = np.random.RandomState(0)
    means = rng.uniform(0, 255, size=(10, 784))
    y = np.arange(7000) % 10
    rng.shuffle(y)
    x = np.clip(0.1 * means[y] + rng.uniform(0, 255, size=(7000, 784)) * 0.9, 0, 255).round()
    return pd.DataFrame(x), pd.Series(y.astype(str))


def mlbook_ch11_mlp() -> Truth:
    """Chapter 11's multilayer perceptron from scratch in NumPy, rasbt/machine-learning-book
    `ch11/ch11.py` (the notebook `ch11.ipynb` as the book's own script; the checkout named by
    ML_BOOK, commit in VERSIONS.md), run as the script, matplotlib on Agg. Data: its
    `fetch_openml('mnist_784')` (a download) is `mlbook_mnist_standin` (sklearn's
    `fetch_openml` replaced before the script imports it); changes (MLBOOK_CH11_SIZES): test and
    validation splits of 1000 and 500 (not 10000 and 5000). Its seeds (123), its 50 epochs,
    its 784-50-10 sigmoid MLP (MSE loss, lr 0.1, batches of 100) unchanged; BLAS on one
    thread (threadpoolctl: else its sums differ in their last bits run to run). It prints its
    package check (`[OK] Your Python version is ...`, `[OK] numpy 2.x`), the data's shapes,
    `Initial validation MSE: 0.3`, `Initial validation accuracy: 9.0%`, the same as `Initial
    valid ...`, then each epoch `Epoch: 001/050 | Train MSE: 0.09 | Train Acc: 10.42% | Valid
    Acc: 9.60%` (up to 79.15% and 62.20% by the 50th), and `Test accuracy: 67.70%`. Truth: the training function's own record, the
    last entries of `epoch_loss`, `epoch_train_acc` and `epoch_valid_acc` as each epoch's line
    is printed, as `Train MSE`, `Train Acc`, `Valid Acc` at `e+1` (the epoch printed); the
    printing frame's `mse` and `acc*100` as the initial lines' words, `test_acc*100` as `Test
    accuracy`, no step (the lines name none). Shapes are counts: left out."""
    import sklearn.datasets
    from threadpoolctl import threadpool_limits

    path = mlbook_checkout("ch11/ch11.py")
    threadpool_limits(1)  # BLAS on one thread: the same sums, so the same last bits, each run
    sklearn.datasets.fetch_openml = mlbook_mnist_standin
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        for words, name in (("Initial validation MSE", "mse"), ("Initial valid MSE", "mse"),
                            ("Initial validation accuracy", "acc"),
                            ("Initial valid accuracy", "acc")):
            if statement.startswith(f"print(f'{words}:"):
                value = values[name] * (100 if name == "acc" else 1)
                truth.append(point(words, value, None))
        if statement.startswith("print(f'Epoch: {e+1:03d}/{num_epochs:03d} '"):
            step = values["e"] + 1
            truth.extend([point("Train MSE", values["epoch_loss"][-1], step),
                          point("Train Acc", values["epoch_train_acc"][-1], step),
                          point("Valid Acc", values["epoch_valid_acc"][-1], step)])
        elif statement.startswith("print(f'Test accuracy:"):
            truth.append(point("Test accuracy", values["test_acc"] * 100, None))

    run_script(path, [], record, MLBOOK_CH11_SIZES)
    if len(truth) != 4 + 50 * 3 + 1:
        raise SystemExit(f"mlbook_ch11_mlp: {len(truth)} points, not 4, 50 epochs' 3 and 1")
    return truth


CASES["mlbook_ch11_mlp"] = mlbook_ch11_mlp
OWN_ENVIRONMENT["mlbook_ch11_mlp"] = MLBOOK_ENVIRONMENT
OWN_CHECKOUT["mlbook_ch11_mlp"] = "ML_BOOK"
REPOSITORY_CHECKOUTS["ML_BOOK"] = ("rasbt/machine-learning-book", "ML_BOOK_COMMIT")

# ch13_part2's one change: Auto MPG (read from UCI's address, a download) is read from the
# made-up file `mlbook_auto_mpg` writes in the run's folder.
MLBOOK_AUTO_MPG = {"url = 'http://archive.ics.uci.edu/ml/machine-learning-databases/auto-mpg/"
                   "auto-mpg.data'": "url = 'auto-mpg.data'"}


def mlbook_auto_mpg() -> None:
    """UCI's `auto-mpg.data` made up: 398 cars (its count) in its layout (eight columns apart
    by spaces, the car's name after a tab, `?` for six missing horsepowers), MPG falling with
    weight and rising with the model year, with noise."""
    import random

    rng = random.Random(0)
    missing = set(rng.sample(range(398), 6))
    with open("auto-mpg.data", "w") as f:
        for i in range(398):
            cylinders = rng.choice([4, 4, 4, 6, 8])
            displacement = cylinders * rng.uniform(22, 45)
            horsepower = displacement * rng.uniform(0.4, 0.7) + 20
            weight = 1500 + displacement * 6 + rng.gauss(0, 200)
            acceleration = rng.uniform(8, 25)
            year = rng.randint(70, 82)
            origin = rng.choice([1, 1, 2, 3])
            mpg = max(9.0, 60 - weight / 120 + (year - 70) * 0.8 + rng.gauss(0, 2.5))
            hp = "?" if i in missing else f"{horsepower:.1f}"
            f.write(f"{mpg:.1f}   {cylinders}   {displacement:.1f}      {hp}      "
                    f"{weight:.0f}.      {acceleration:.1f}   {year}  {origin}\t\"car {i}\"\n")


def mlbook_ch13_auto_mpg() -> Truth:
    """Chapter 13's fuel-efficiency regression, rasbt/machine-learning-book
    `ch13/ch13_part2.ipynb` (the checkout named by ML_BOOK, commit in VERSIONS.md): its code
    cells up to the test prints (cells 0 to 15; the MNIST part after needs torchvision and a
    download) as one script, but for the cell that only shows a figure (`Image(filename=
    'figures/13_07.png')`, no print); one change (MLBOOK_AUTO_MPG): Auto MPG is read from
    `mlbook_auto_mpg`'s made-up file. Its seeds (1), its 9-8-4-1 MLP, SGD 0.001, batches of
    8, 200 epochs unchanged. It prints its package check (`[FAIL]: torchvision is not installed
    and/or cannot be imported.` among them), pandas' count of missing values, then every 20
    epochs `Epoch 0  Loss 1054.0833` and at the end `Test MSE: 12.4225`, `Test MAE: 2.7619`.
    Truth: the printing frame's values (print hooked): `loss_hist_train/len(train_dl)` (the
    epoch's mean batch loss, as printed) as `Loss` at `epoch` (from 0, as printed);
    `loss.item()` as `Test MSE` and `nn.L1Loss()(pred, y_test).item()` (the frame's `pred`
    and `y_test`) as `Test MAE`, no step. The missing-value counts are counts: left out."""
    import torch

    path = mlbook_checkout("ch13/ch13_part2.ipynb")
    cells = ipynb_cells(path)
    last = next(i for i, cell in enumerate(cells) if "print(f'Test MAE" in cell)
    source = "\n\n".join(cell for cell in cells[:last + 1] if not cell.startswith("Image("))
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement.startswith("print(f'Epoch {epoch}  Loss"):
            truth.append(point("Loss", values["loss_hist_train"] / len(values["train_dl"]),
                               values["epoch"]))
        elif statement.startswith("print(f'Test MSE:"):
            truth.append(point("Test MSE", values["loss"].item(), None))
        elif statement.startswith("print(f'Test MAE:"):
            mae = torch.nn.L1Loss()(values["pred"], values["y_test"]).item()
            truth.append(point("Test MAE", mae, None))

    folder = tempfile.mkdtemp()
    script = os.path.join(folder, "ch13_part2.py")
    with open(script, "w") as f:
        f.write(source + "\n")
    import shutil

    try:
        run_script(script, [], record, MLBOOK_AUTO_MPG, mlbook_auto_mpg)
    finally:
        shutil.rmtree(folder)
    if [p["step"] for p in truth] != list(range(0, 200, 20)) + [None, None]:
        raise SystemExit(f"mlbook_ch13_auto_mpg: {len(truth)} points, not 10 and 2")
    return truth


CASES["mlbook_ch13_auto_mpg"] = mlbook_ch13_auto_mpg
OWN_ENVIRONMENT["mlbook_ch13_auto_mpg"] = MLBOOK_ENVIRONMENT
OWN_CHECKOUT["mlbook_ch13_auto_mpg"] = "ML_BOOK"


# --- rasbt/stat453-deep-learning-ss21 (Raschka's STAT 453 course): L11's batchnorm notebook ----
# Runs alone, in the mlbook cases' environment (no torchvision: `torchvision_standin`):
#
#     git clone https://github.com/rasbt/stat453-deep-learning-ss21 ~/stat453
#     export STAT453=~/stat453 STAT453_COMMIT=$(git -C ~/stat453 rev-parse HEAD)
#     ~/mlbook-venv/bin/python tests/corpus/make_corpus.py stat453_batchnorm
# The notebook's one change: 3 epochs of its 50.
STAT453_EPOCHS = {"NUM_EPOCHS = 50\n": "NUM_EPOCHS = 3\n"}


def stat453_batchnorm() -> Truth:
    """STAT 453's batch-norm MLP, rasbt/stat453-deep-learning-ss21 `L11/code/batchnorm.ipynb`
    with its `helper_train.py`, `helper_evaluation.py`, `helper_dataset.py`,
    `helper_plotting.py` (the checkout named by STAT453, commit in VERSIONS.md): its code
    cells run in order as one program (the `%watermark` magics dropped), matplotlib on Agg, its
    helpers from the notebook's folder; one change (STAT453_EPOCHS): 3 epochs of its 50. Its
    seeds (123, `set_all_seeds`, deterministic algorithms), its 784-75-45-10 MLP with
    BatchNorm1d, SGD 0.1, batches of 256, a tenth of MNIST's 60000 to validate on, unchanged;
    `torchvision_standin` (PyPI's torchvision is a CUDA build) gives `datasets.MNIST` 60000
    synthetic 28x28 images to train on (the helper takes indices up to 60000) and 10000 to
    test; one thread. `helper_train`'s prints are hooked as the notebook's (`run_script`'s
    way: its module's `print` given the hook). It prints the first batch's dimensions and 10
    labels, then `train_model`'s
    `Epoch: 001/003 | Batch 0000/0210 | Loss: 2.4105` every 50 batches, `Epoch: 001/003 |
    Train: 81.71% | Validation: 82.02%` and `Time elapsed: 0.09 min` each epoch, `Total
    Training Time: 0.29 min` and `Test accuracy 82.23%`. Truth: `train_model`'s own record,
    `minibatch_loss_list[-1]` (the batch's loss, appended before the print) as `Loss` at the
    global step `epoch * len(train_loader) + batch_idx` (the printed epoch less one times the
    printed number of batches plus the printed batch, as yunjey_feedforward's); the printing
    frame's `train_acc` and `valid_acc` (printed before `train_model` appends them to its lists)
    as `Train` and `Validation` at `epoch+1` (the epoch printed); `test_acc` as `Test
    accuracy`, no step. Times and shapes are left out."""
    root = os.environ.get("STAT453")
    path = os.path.join(root or "", "L11", "code", "batchnorm.ipynb")
    if not root or not os.path.exists(path):
        raise SystemExit("set STAT453 to a rasbt/stat453-deep-learning-ss21 checkout")
    import shutil

    import torch

    os.environ["MPLBACKEND"] = "Agg"
    torch.set_num_threads(1)
    torchvision_standin(60000, 10000)
    cells = ipynb_cells(path)
    source = "\n\n".join("\n".join(line for line in cell.splitlines()
                                   if not line.startswith("%")) for cell in cells)
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if not statement.startswith("print(f'Epoch: {epoch+1:03d}/{num_epochs:03d} '"):
            if statement.startswith("print(f'Test accuracy {test_acc"):
                truth.append(point("Test accuracy", values["test_acc"].item(), None))
            return
        epoch = values["epoch"]
        if "| Batch" in statement:
            step = epoch * len(values["train_loader"]) + values["batch_idx"]
            truth.append(point("Loss", values["minibatch_loss_list"][-1], step))
        else:
            truth.extend([point("Train", values["train_acc"].item(), epoch + 1),
                          point("Validation", values["valid_acc"].item(), epoch + 1)])

    folder = tempfile.mkdtemp()
    script = os.path.join(folder, "batchnorm.py")
    with open(script, "w") as f:
        f.write(source + "\n")
    sys.path.insert(0, os.path.dirname(path))  # its helper_*.py
    import builtins

    import helper_train  # its prints hooked as the notebook's own (`run_script`'s way)

    with open(helper_train.__file__) as f:
        helper_prints = example_prints(f.read())

    def printed(*args: Any, **kwargs: Any) -> None:
        frame = sys._getframe(1)
        record(helper_prints.get(frame.f_lineno, ""), {**frame.f_globals, **frame.f_locals},
               args)
        builtins.print(*args, **kwargs)

    helper_train.print = printed  # type: ignore[attr-defined]
    try:
        run_script(script, [], record, STAT453_EPOCHS)
    finally:
        sys.path.remove(os.path.dirname(path))
        shutil.rmtree(folder)
    if len(truth) != 3 * (5 + 2) + 1:
        raise SystemExit(f"stat453_batchnorm: {len(truth)} points, not 3 epochs' 7 and 1")
    return truth


CASES["stat453_batchnorm"] = stat453_batchnorm
OWN_ENVIRONMENT["stat453_batchnorm"] = MLBOOK_ENVIRONMENT
OWN_CHECKOUT["stat453_batchnorm"] = "STAT453"
REPOSITORY_CHECKOUTS["STAT453"] = ("rasbt/stat453-deep-learning-ss21", "STAT453_COMMIT")


# --- JAX's MLP tutorial, optax's getting started, pomegranate --------------------------------
# Run alone, in an environment of their own (torch for the tutorial's DataLoader and for
# pomegranate 1, which is built on it; PyPI's torchvision is not installed: a CUDA build):
#
#     python -m venv ~/jaxnn-venv && ~/jaxnn-venv/bin/pip install jax optax pomegranate
#     git clone https://github.com/jax-ml/jax ~/jax              # docs/notebooks/...ipynb
#     export JAX_DOCS=~/jax/docs JAX_COMMIT=$(git -C ~/jax rev-parse HEAD)
#     git clone https://github.com/google-deepmind/optax ~/optax   # docs/getting_started.ipynb
#     export OPTAX_DOCS=~/optax/docs OPTAX_COMMIT=$(git -C ~/optax rev-parse HEAD)
#     for case in jax_nn_data_loading optax_getting_started pomegranate_gmm_verbose; do
#         ~/jaxnn-venv/bin/python tests/corpus/make_corpus.py $case
#     done

JAXNN_ENVIRONMENT = {name: f"{name} (jax_nn / optax / pomegranate cases)" for name in
                     ("jax", "jaxlib", "optax", "torch", "numpy", "pomegranate")}


def _mnist_standin() -> Any:
    """A stand-in for torchvision's `MNIST` (a download, and PyPI's torchvision is a CUDA
    build): 6000 training and 1000 test images of 28x28 bytes, labels 0-9, each 12% its class's
    random prototype and 88% uniform noise (the MLP learns it to some 0.7-0.8, not at once to
    1.0), seeded; it keeps what the tutorial reads of the real class
    (`train_data`/`train_labels`, `test_data`/`test_labels`, the items a DataLoader takes, each
    image through `transform`)."""
    import torch

    class MNIST(torch.utils.data.Dataset):  # type: ignore[misc]
        def __init__(self, root: str, train: bool = True, transform: Any = None,
                     download: bool = False) -> None:
            generator = torch.Generator().manual_seed(0 if train else 1)
            prototypes = torch.rand(10, 28, 28, generator=torch.Generator().manual_seed(2))
            size = 6000 if train else 1000
            self.targets = torch.randint(0, 10, (size,), generator=generator)
            noise = torch.rand(size, 28, 28, generator=generator)
            self.data = (255 * (0.12 * prototypes[self.targets] + 0.88 * noise)).to(torch.uint8)
            self.train_data = self.test_data = self.data
            self.train_labels = self.test_labels = self.targets
            self.transform = transform

        def __len__(self) -> int:
            return len(self.data)

        def __getitem__(self, index: int) -> tuple[Any, int]:
            image = self.data[index].numpy()
            return (self.transform(image) if self.transform else image), int(self.targets[index])

    return MNIST


def jax_nn_data_loading() -> Truth:
    """JAX's tutorial "Training a simple neural network, with PyTorch data loading", jax-ml/jax
    `docs/notebooks/Neural_Network_and_Data_Loading.ipynb` (the checkout named by `JAX_DOCS`;
    commit in VERSIONS.md): its code cells in order as one program, the `!pip install` cell
    dropped; its MLP (784-512-512-10), SGD of step 0.01, 8 epochs of batches of 128 unchanged.
    Its data only is replaced: `torchvision.datasets` is a module of one class here,
    `_mnist_standin` (6000/1000 synthetic images of MNIST's shape for its 60000/10000), read
    through torch's own DataLoader as the notebook does. It prints `(10,)`, `Invalid shapes!`,
    `(10, 10)`, then each epoch `Epoch 0 in 1.23 sec`, `Training set accuracy 0.91`, `Test set
    accuracy 0.90` (jax arrays formatted by `{}`). Truth: the printing frame's `train_acc` and
    `test_acc` (print hooked) as `Training set accuracy` and `Test set accuracy` at `epoch`
    (printed on the line before, from 0). The seconds are a timing: left out."""
    import types

    root = os.environ.get("JAX_DOCS")
    path = os.path.join(root or "", "notebooks", "Neural_Network_and_Data_Loading.ipynb")
    if not root or not os.path.exists(path):
        raise SystemExit("set JAX_DOCS to the docs folder of a jax-ml/jax checkout")
    import shutil

    torchvision = types.ModuleType("torchvision")
    datasets = types.ModuleType("torchvision.datasets")
    datasets.MNIST = _mnist_standin()  # type: ignore[attr-defined]
    torchvision.datasets = datasets  # type: ignore[attr-defined]
    sys.modules.update({"torchvision": torchvision, "torchvision.datasets": datasets})
    source = "\n\n".join(cell for cell in ipynb_cells(path) if not cell.startswith("!"))
    truth: Truth = []
    names = {"train_acc": "Training set accuracy", "test_acc": "Test set accuracy"}

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        for variable, key in names.items():
            if statement == f'print("{key} {{}}".format({variable}))':
                truth.append(point(key, float(values[variable]), values["epoch"]))

    folder = tempfile.mkdtemp()
    script = os.path.join(folder, "Neural_Network_and_Data_Loading.py")
    with open(script, "w") as f:
        f.write(source + "\n")
    try:
        run_script(script, [], record)
    finally:
        shutil.rmtree(folder)
    if [p["step"] for p in truth] != [e for e in range(8) for _ in names]:
        raise SystemExit(f"jax_nn_data_loading: {len(truth)} points, not 8 epochs' 2")
    return truth


CASES["jax_nn_data_loading"] = jax_nn_data_loading
OWN_ENVIRONMENT["jax_nn_data_loading"] = JAXNN_ENVIRONMENT
OWN_CHECKOUT["jax_nn_data_loading"] = "JAX_DOCS"
REPOSITORY_CHECKOUTS["JAX_DOCS"] = (
    "jax-ml/jax docs/notebooks/Neural_Network_and_Data_Loading.ipynb", "JAX_COMMIT")


def optax_getting_started() -> Truth:
    """optax's "Getting started", google-deepmind/optax `docs/getting_started.ipynb` (the
    checkout named by `OPTAX_DOCS`; commit in VERSIONS.md): all its code cells in order as one
    program, unchanged; its data is its own synthetic bits (`np.random.randint`, unseeded in
    the notebook: numpy's global generator is seeded 0 first so that both runs print the
    same). Its `fit` runs three times (Adam; clipping and AdamW on a warmup-cosine schedule;
    the same with `inject_hyperparams`), each 1000 steps printing `step 0, loss:
    0.6931471824645996` every 100 (`f'step {i}, loss: {loss_value}'`, a jax array); between
    them `initial learning rate: 0.0` and `final learning rate: 0.0` (a schedule's setting) and
    a polynomial schedule's six values, bare. Truth: the printing frame's `loss_value` (print
    hooked) as `loss` at `i` (the step printed), for each of the three fits: the steps 0-900
    come three times over. The learning rates and the schedule's values are settings: left
    out."""
    import numpy as np

    root = os.environ.get("OPTAX_DOCS")
    path = os.path.join(root or "", "getting_started.ipynb")
    if not root or not os.path.exists(path):
        raise SystemExit("set OPTAX_DOCS to the docs folder of a google-deepmind/optax checkout")
    import shutil

    np.random.seed(0)
    source = "\n\n".join(ipynb_cells(path))
    truth: Truth = []

    def record(statement: str, values: dict[str, Any], args: tuple[Any, ...]) -> None:
        if statement == "print(f'step {i}, loss: {loss_value}')":
            truth.append(point("loss", float(values["loss_value"]), values["i"]))

    folder = tempfile.mkdtemp()
    script = os.path.join(folder, "getting_started.py")
    with open(script, "w") as f:
        f.write(source + "\n")
    try:
        run_script(script, [], record)
    finally:
        shutil.rmtree(folder)
    if [p["step"] for p in truth] != list(range(0, 1000, 100)) * 3:
        raise SystemExit(f"optax_getting_started: {len(truth)} points, not 3 fits' 10")
    return truth


CASES["optax_getting_started"] = optax_getting_started
OWN_ENVIRONMENT["optax_getting_started"] = JAXNN_ENVIRONMENT
OWN_CHECKOUT["optax_getting_started"] = "OPTAX_DOCS"
REPOSITORY_CHECKOUTS["OPTAX_DOCS"] = ("google-deepmind/optax docs/getting_started.ipynb",
                                      "OPTAX_COMMIT")


def pomegranate_gmm_verbose() -> Truth:
    """pomegranate 1 (torch-based), a mixture fitted by EM with `verbose=True` as its tutorial
    `docs/tutorials/B_Model_Tutorial_2_General_Mixture_Models.ipynb` (jmschrei/pomegranate)
    does: its data (numpy seeded 0; 100, 150 and 100 points of two dimensions about (7, 2),
    (2, 3) and (7, 7), float32) and `GeneralMixtureModel([Normal(), Normal(), Normal()],
    verbose=True).fit(X)`, with `random_state=0` added (its k-means start draws its first
    centroids from `numpy.random.RandomState(random_state)`: unseeded, each run would differ;
    torch seeded 0 too). Each EM
    iteration after the first, `fit` (`pomegranate/gmm.py`) prints `[1] Improvement:
    288.0361328125, Time: 0.0008s` until the improvement falls under `tol` (0.1). The model
    keeps no record of it: the truth is `fit`'s local `improvement` (the gain in total
    log-likelihood, a 0-d tensor) as it calls print (a profile hook, `_print_calls`), as
    `Improvement` at `i` (the iteration printed in brackets). The seconds are a timing."""
    import numpy
    import torch
    from pomegranate.distributions import Normal
    from pomegranate.gmm import GeneralMixtureModel

    numpy.random.seed(0)
    torch.manual_seed(0)
    torch.set_num_threads(1)
    X = numpy.concatenate([numpy.random.normal((7, 2), 1, size=(100, 2)),
                           numpy.random.normal((2, 3), 1, size=(150, 2)),
                           numpy.random.normal((7, 7), 1, size=(100, 2))]).astype('float32')
    truth: Truth = []

    def seen(frame: Any) -> None:
        local = frame.f_locals
        truth.append(point("Improvement", float(local["improvement"]), local["i"]))

    stop = _print_calls({GeneralMixtureModel.fit.__code__}, seen)
    try:
        GeneralMixtureModel([Normal(), Normal(), Normal()], verbose=True,
                            random_state=0).fit(X)
    finally:
        stop()
    if not truth or [p["step"] for p in truth] != list(range(1, len(truth) + 1)):
        raise SystemExit(f"pomegranate_gmm_verbose: {len(truth)} points, not one an iteration")
    return truth


CASES["pomegranate_gmm_verbose"] = pomegranate_gmm_verbose
OWN_ENVIRONMENT["pomegranate_gmm_verbose"] = JAXNN_ENVIRONMENT


def pomegranate_hmm_verbose() -> Truth:
    """pomegranate 1's dense HMM fitted by Baum-Welch with `verbose=True` as its tutorial
    `docs/tutorials/B_Model_Tutorial_4_Hidden_Markov_Models.ipynb` (jmschrei/pomegranate)
    does: `X3 = torch.randn(100, 50, 2)` (100 sequences of 50 steps; torch seeded 0) and
    `DenseHMM([Normal(), Normal(), Normal()], max_iter=5, verbose=True).fit(X3)`, with
    `random_state=1` added (its k-means start, unseeded otherwise, as in
    pomegranate_gmm_verbose; with 0 or 2 the first step's improvement comes out negative and
    `fit` stops after one line, where the tutorial's run shows five). `fit`
    (`pomegranate/hmm/_base.py`) prints `[1] Improvement: 1234.5, Time: 0.01s` each iteration
    after the first, and once more after its last (`[5]`, `i+1`). Truth: `fit`'s local
    `improvement` (a 0-d tensor) as it calls print (profile hook, `_print_calls`), as
    `Improvement` at the iteration printed (`i`, or `i+1` for the line after the loop, which
    the frame's line number tells). The seconds are a timing."""
    import inspect

    import torch
    from pomegranate.distributions import Normal
    from pomegranate.hmm import DenseHMM

    torch.manual_seed(0)
    torch.set_num_threads(1)
    X3 = torch.randn(100, 50, 2)
    truth: Truth = []
    fit = DenseHMM.fit.__code__
    # The line of fit's second print (after its loop: the iteration it prints is i+1).
    lines, first = inspect.getsourcelines(DenseHMM.fit)
    after_loop = [first + n for n, line in enumerate(lines) if "print(" in line][1]

    def seen(frame: Any) -> None:
        local = frame.f_locals
        step = local["i"] + 1 if frame.f_lineno == after_loop else local["i"]
        truth.append(point("Improvement", float(local["improvement"]), step))

    stop = _print_calls({fit}, seen)
    try:
        DenseHMM([Normal(), Normal(), Normal()], max_iter=5, verbose=True,
                 random_state=1).fit(X3)
    finally:
        stop()
    if [p["step"] for p in truth] != [1, 2, 3, 4, 5]:
        raise SystemExit(f"pomegranate_hmm_verbose: steps {[p['step'] for p in truth]}")
    return truth


CASES["pomegranate_hmm_verbose"] = pomegranate_hmm_verbose
OWN_ENVIRONMENT["pomegranate_hmm_verbose"] = JAXNN_ENVIRONMENT


# TensorFlow's "Custom training: walkthrough" (tensorflow/docs, the TENSORFLOW_DOCS checkout of
# the quickstart cases), on the same environment with tensorflow-datasets and matplotlib added:
#
#     ~/tf-venv/bin/pip install tensorflow-datasets matplotlib jinja2   # jinja2: as_dataframe
#     ~/tf-venv/bin/python tests/corpus/make_corpus.py tf_custom_training_walkthrough

# The Palmer penguins as tensorflow-datasets gives them (`penguins/simple`: n = 344, the
# measurements in mm and g; `penguins/processed`: n = 334, the four measurements scaled to
# [0, 1] by the column's range), made up here: each species' mean and spread near the real ones.
PENGUIN_SPECIES = [  # (count simple, count processed, means, spreads) of length, depth, flipper, mass
    (152, 146, (38.8, 18.3, 190.0, 3700.0), (2.7, 1.2, 6.5, 460.0)),
    (68, 68, (48.8, 18.4, 195.8, 3733.0), (3.3, 1.1, 7.1, 385.0)),
    (124, 120, (47.5, 15.0, 217.2, 5076.0), (3.1, 1.0, 6.5, 504.0))]
PENGUIN_RANGES = [(32.1, 59.6), (13.1, 21.5), (172.0, 231.0), (2700.0, 6300.0)]


def _synthetic_penguins(config: str) -> dict[str, Any]:
    """The made-up penguins of tensorflow-datasets' `penguins/<config>` (`simple` or
    `processed`), as columns of its features, shuffled as the real rows are not sorted."""
    import numpy as np

    rng = np.random.default_rng(0 if config == "simple" else 1)
    rows, labels = [], []
    for label, (simple, processed, means, spreads) in enumerate(PENGUIN_SPECIES):
        n = simple if config == "simple" else processed
        rows.append(rng.normal(means, spreads, size=(n, 4)))
        labels += [label] * n
    values = np.concatenate(rows).astype("float32")
    species = np.array(labels, dtype="int64")
    order = rng.permutation(len(species))
    values, species = values[order], species[order]
    if config == "processed":
        low, high = np.array(PENGUIN_RANGES, dtype="float32").T
        return {"species": species,
                "features": np.clip((values - low) / (high - low), 0, 1).astype("float32")}
    names = ["culmen_length_mm", "culmen_depth_mm", "flipper_length_mm", "body_mass_g"]
    return {"species": species, **{name: values[:, i] for i, name in enumerate(names)},
            "island": np.where(species == 2, 0, rng.integers(0, 3, size=len(species))),
            "sex": rng.integers(0, 2, size=len(species))}


def tf_custom_training_walkthrough() -> Truth:
    """TensorFlow's "Custom training: walkthrough", tensorflow/docs
    `site/en/tutorials/customization/custom_training_walkthrough.ipynb` (the checkout named by
    `TENSORFLOW_DOCS`; commit in VERSIONS.md), its code cells run in order as one program (the
    licence cell and the `!pip install -q tfds-nightly` cell left out; cells that only show a
    value in a notebook run and print nothing), TensorFlow's own Keras 3 as `tf.keras`, its
    201 epochs and sizes unchanged. Its one change is the data: `tfds.load` of
    `penguins/simple` and `penguins/processed` (a download) runs under tensorflow-datasets' own
    `tfds.testing.mock_data`, whose `as_dataset_fn` gives made-up penguins of the real sets'
    features and sizes (_synthetic_penguins: 344 and 334 rows, the splits `train[:20%]` and
    `train[20%:]` cut as TFDS cuts them, 67 and 267). It prints the frames and features it
    shows, `Loss test: 1.09`, `Step: 0, Initial Loss: 1.09` and `Step: 1,         Loss: 1.08`,
    then every 50 epochs `Epoch 000: Loss: 1.168, Accuracy: 33.333%` (`{:.3%}`), then `Test set
    accuracy: 80.000%` and three `Example 0 prediction: Adélie (98.2%)` lines. Truth: the
    tutorial's own lists `train_loss_results` and `train_accuracy_results` at the printed epochs
    (as printed, from 0; the accuracy in percent, as `{:.3%}` prints it) as `Loss` and
    `Accuracy`; from the print wrapper, the printing frame's values before it prints: `l` as
    `Loss_test` (no step), `loss_value` as `Initial_Loss` at step 0 and the line's own
    expression `loss(model, features, labels, training=True)` (evaluated by the wrapper on the
    frame's names: no dropout, so the same value) as `Loss` at step 1 (the steps it prints,
    `optimizer.iterations`), and `test_accuracy.result()` in percent as `Test_set_accuracy`
    (no step). The example predictions' probabilities are no metric of the training and are
    left out."""
    import builtins
    import linecache
    import shutil

    os.environ["KERAS_BACKEND"] = "tensorflow"  # the corpus runs set torch for Keras 3
    folder = os.environ.get("TENSORFLOW_DOCS")
    name = "custom_training_walkthrough.ipynb"
    path = os.path.join(folder or "", "site", "en", "tutorials", "customization", name)
    if not folder or not os.path.exists(path):
        raise SystemExit("set TENSORFLOW_DOCS to a tensorflow/docs checkout")
    cells = [cell for cell in ipynb_cells(path) if not cell.startswith(("#@title", "!pip"))]
    source = "\n\n".join(cells)
    import tensorflow as tf
    import tensorflow_datasets as tfds

    tf.keras.utils.set_random_seed(0)
    tf.config.experimental.enable_op_determinism()
    tf.config.threading.set_inter_op_parallelism_threads(1)
    tf.config.threading.set_intra_op_parallelism_threads(1)
    # The notebook's splits, cut as TFDS cuts `train[:20%]` of 334 rows (rounding to 67).
    splits = {"train": slice(None), "train[:20%]": slice(None, 67),
              "train[20%:]": slice(67, None)}

    def as_dataset(self: Any, split: Any, **kwargs: Any) -> Any:
        columns = _synthetic_penguins(self.builder_config.name)
        part = splits[str(split)]
        return tf.data.Dataset.from_tensor_slices({k: v[part] for k, v in columns.items()})

    truth: Truth = []
    namespace: dict[str, Any] = {"__name__": "__main__"}

    def print_(*args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_locals
        text = str(args[0]) if args else ""
        if text.startswith("Loss test: "):
            truth.append(point("Loss_test", float(values["l"]), None))
        elif text.startswith("Step: 0, Initial Loss: "):
            truth.append(point("Initial_Loss", float(values["loss_value"]), 0))
        elif text.startswith("Step: 1, "):
            value = values["loss"](values["model"], values["features"], values["labels"],
                                   training=True)
            truth.append(point("Loss", float(value), 1))
        elif text.startswith("Epoch "):
            epoch = values["epoch"]
            truth.extend([point("Loss", float(values["train_loss_results"][epoch]), epoch),
                          point("Accuracy",
                                float(values["train_accuracy_results"][epoch]) * 100, epoch)])
        elif text.startswith("Test set accuracy: "):
            truth.append(point("Test_set_accuracy",
                               float(values["test_accuracy"].result()) * 100, None))
        builtins.print(*args, **kwargs)

    namespace["print"] = print_
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    try:
        import matplotlib

        matplotlib.use("Agg")
        with tfds.testing.mock_data(as_dataset_fn=as_dataset,
                                    data_dir=os.path.join(tmp, "tensorflow_datasets")):
            exec(compile(source, name, "exec"), namespace)
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp)
    epochs = [p["step"] for p in truth if p["key"] == "Accuracy"]
    if epochs != [0, 50, 100, 150, 200] or len(truth) != 14:
        raise SystemExit(f"tf_custom_training_walkthrough: printed {truth}")
    return truth


CASES["tf_custom_training_walkthrough"] = tf_custom_training_walkthrough
OWN_ENVIRONMENT["tf_custom_training_walkthrough"] = {
    **TF_ENVIRONMENT, **{name: f"{name} (TensorFlow walkthrough case)"
                         for name in ("tensorflow-datasets", "matplotlib")}}
OWN_CHECKOUT["tf_custom_training_walkthrough"] = "TENSORFLOW_DOCS"
CHECKOUT_ROW["tf_custom_training_walkthrough"] = (
    "tensorflow/docs site/en/tutorials/customization/custom_training_walkthrough.ipynb")


# TensorFlow's convolutional VAE tutorial (tensorflow/docs, the TENSORFLOW_DOCS checkout), on the
# walkthrough's environment with its own imports added:
#
#     ~/tf-venv/bin/pip install tensorflow-probability imageio ipython tensorflow-docs
#     ~/tf-venv/bin/python tests/corpus/make_corpus.py tf_cvae

# Its only change: MNIST (a download) made up, as the quickstarts' (_synthetic_mnist).
TF_CVAE_CHANGE = ("(train_images, _), (test_images, _) = tf.keras.datasets.mnist.load_data()",
                  "(train_images, _), (test_images, _) = synthetic_mnist()")


def tf_cvae() -> Truth:
    """TensorFlow's "Convolutional Variational Autoencoder", tensorflow/docs
    `site/en/tutorials/generative/cvae.ipynb` (the checkout named by `TENSORFLOW_DOCS`; commit
    in VERSIONS.md), its code cells run in order as one program (the licence cell and the
    `!pip install` cell left out; matplotlib on Agg), TensorFlow's own Keras 3 as `tf.keras`,
    its model, Adam, batch size and 10 epochs unchanged. Its one change (TF_CVAE_CHANGE):
    `tf.keras.datasets.mnist.load_data()` (a download) gives the quickstarts' synthetic MNIST
    (640 images to train, 160 to test). Its loop, hand-written (`train_step` a `tf.function`),
    calls IPython's `display.clear_output(wait=False)` (outside a notebook it writes `ESC[2K`
    and `\r`) and prints after each epoch `Epoch: 1, Test set ELBO: -543.2, time elapse for
    current epoch: 2.1` (`{}` of the ELBO tensor and of the seconds). Truth: the loop's own
    `elbo` (`-loss.result()`, the test set's mean ELBO), read by the print wrapper from the
    printing frame before it prints, as `Test_set_ELBO` at the printed epoch (from 1); the
    epoch's seconds are a timing, left out."""
    import builtins
    import linecache
    import shutil

    os.environ["KERAS_BACKEND"] = "tensorflow"  # the corpus runs set torch for Keras 3
    folder = os.environ.get("TENSORFLOW_DOCS")
    name = "cvae.ipynb"
    path = os.path.join(folder or "", "site", "en", "tutorials", "generative", name)
    if not folder or not os.path.exists(path):
        raise SystemExit("set TENSORFLOW_DOCS to a tensorflow/docs checkout")
    cells = [cell for cell in ipynb_cells(path) if not cell.startswith(("#@title", "!pip"))]
    source = "\n\n".join(cells)
    if source.count(TF_CVAE_CHANGE[0]) != 1:
        raise SystemExit(f"{name}: no {TF_CVAE_CHANGE[0]}")
    source = source.replace(*TF_CVAE_CHANGE)
    import tensorflow as tf

    tf.keras.utils.set_random_seed(0)
    tf.config.experimental.enable_op_determinism()
    tf.config.threading.set_inter_op_parallelism_threads(1)
    tf.config.threading.set_intra_op_parallelism_threads(1)
    truth: Truth = []

    def print_(*args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_locals
        if args and str(args[0]).startswith("Epoch: "):
            truth.append(point("Test_set_ELBO", float(values["elbo"]), values["epoch"]))
        builtins.print(*args, **kwargs)

    namespace: dict[str, Any] = {"__name__": "__main__", "print": print_,
                                 "synthetic_mnist": _synthetic_mnist}
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    try:
        import matplotlib

        matplotlib.use("Agg")
        exec(compile(source, name, "exec"), namespace)
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp)
    if [p["step"] for p in truth] != list(range(1, namespace["epochs"] + 1)):
        raise SystemExit(f"tf_cvae: printed {truth}")
    return truth


CASES["tf_cvae"] = tf_cvae
OWN_ENVIRONMENT["tf_cvae"] = {
    **TF_ENVIRONMENT, **{name: f"{name} (TensorFlow CVAE case)" for name in (
        "tensorflow-probability", "imageio", "ipython", "tensorflow-docs", "matplotlib")}}
OWN_CHECKOUT["tf_cvae"] = "TENSORFLOW_DOCS"
CHECKOUT_ROW["tf_cvae"] = "tensorflow/docs site/en/tutorials/generative/cvae.ipynb"


# TensorFlow's "Custom training with tf.distribute.Strategy" (tensorflow/docs, the
# TENSORFLOW_DOCS checkout), on the quickstarts' environment (tf-keras: the notebook's
# `tf.keras.losses.Reduction` and `reset_states()` are Keras 2's):
#
#     ~/tf-venv/bin/python tests/corpus/make_corpus.py tf_distribute_custom_training

# Its only change: Fashion-MNIST (a download) made up, of its shape and type, as the
# quickstarts' MNIST (_synthetic_mnist: 640 images to train, 160 to test).
TF_DISTRIBUTE_CHANGE = (
    "(train_images, train_labels), (test_images, test_labels) = fashion_mnist.load_data()",
    "(train_images, train_labels), (test_images, test_labels) = synthetic_mnist()")


def tf_distribute_custom_training() -> Truth:
    """TensorFlow's "Custom training with tf.distribute.Strategy", tensorflow/docs
    `site/en/tutorials/distribute/custom_training.ipynb` (the checkout named by
    `TENSORFLOW_DOCS`; commit in VERSIONS.md), its code cells run in order as one program (the
    licence cell left out) with the Keras 2 that `tf.keras` is where `TF_USE_LEGACY_KERAS=1` is
    set (tf-keras: the notebook uses `tf.keras.losses.Reduction.NONE` and `reset_states()`,
    which Keras 3 lacks), `MirroredStrategy` on the one CPU, its model, batch size (64) and 10
    epochs unchanged. Its one change (TF_DISTRIBUTE_CHANGE): Fashion-MNIST (a download) made up
    as the quickstarts' MNIST (640 images to train: 10 batches, as its second loop's `range(10)`
    needs; 160 to test). It prints `2.21.0`, `Number of devices: 1`, then each epoch `Epoch 1,
    Loss: 2.03, Accuracy: 30.9, Test Loss: 1.52, Test Accuracy: 56.2` (`{}` of tensors: all
    their digits), `Accuracy after restoring the saved model without strategy: 81.25`, then
    two more loops of `Epoch 10, Loss: 0.21, Accuracy: 95.2`: the first prints the stale
    `epoch + 1` of the first loop (10, ten times over), the second its own epochs 1 to 10.
    Truth: the values the template formats, read by the print wrapper from the printing frame
    before it prints: `train_loss` (or `average_train_loss`) as `Loss`,
    `train_accuracy.result() * 100` as `Accuracy`, `test_loss.result()` as `Test_Loss`,
    `test_accuracy.result() * 100` as `Test_Accuracy`, at the epoch each line prints
    (`epoch + 1`, the stale 10 included), and `eval_accuracy.result() * 100` as
    `Accuracy_after_restoring_the_saved_model_without_strategy` (no step)."""
    import builtins
    import linecache
    import shutil

    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    folder = os.environ.get("TENSORFLOW_DOCS")
    name = "custom_training.ipynb"
    path = os.path.join(folder or "", "site", "en", "tutorials", "distribute", name)
    if not folder or not os.path.exists(path):
        raise SystemExit("set TENSORFLOW_DOCS to a tensorflow/docs checkout")
    cells = [cell for cell in ipynb_cells(path) if not cell.startswith("#@title")]
    source = "\n\n".join(cells)
    if source.count(TF_DISTRIBUTE_CHANGE[0]) != 1:
        raise SystemExit(f"{name}: no {TF_DISTRIBUTE_CHANGE[0]}")
    source = source.replace(*TF_DISTRIBUTE_CHANGE)
    import tensorflow as tf

    tf.keras.utils.set_random_seed(0)
    tf.config.experimental.enable_op_determinism()
    tf.config.threading.set_inter_op_parallelism_threads(1)
    tf.config.threading.set_intra_op_parallelism_threads(1)
    truth: Truth = []

    def print_(*args: Any, **kwargs: Any) -> None:
        values = sys._getframe(1).f_locals
        text = str(args[0]) if args else ""
        if text.startswith("Epoch "):
            epoch = values["epoch"] + 1
            # the second loop's line formats `average_train_loss`, the others `train_loss`
            line = source.splitlines()[sys._getframe(1).f_lineno - 1]
            loss = values["average_train_loss" if "average_train_loss" in line
                          else "train_loss"]
            truth.extend([point("Loss", float(loss), epoch), point(
                "Accuracy", float(values["train_accuracy"].result()) * 100, epoch)])
            if "Test Loss" in text:
                truth.extend([
                    point("Test_Loss", float(values["test_loss"].result()), epoch),
                    point("Test_Accuracy", float(values["test_accuracy"].result()) * 100,
                          epoch)])
        elif text.startswith("Accuracy after restoring"):
            truth.append(point("Accuracy_after_restoring_the_saved_model_without_strategy",
                               float(values["eval_accuracy"].result()) * 100, None))
        builtins.print(*args, **kwargs)

    namespace: dict[str, Any] = {"__name__": "__main__", "print": print_,
                                 "synthetic_mnist": _synthetic_mnist}
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    try:
        exec(compile(source, name, "exec"), namespace)
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp)
    if len(truth) != 4 * 10 + 1 + 2 * 10 + 2 * 10:
        raise SystemExit(f"tf_distribute_custom_training: printed {truth}")
    return truth


CASES["tf_distribute_custom_training"] = tf_distribute_custom_training
OWN_ENVIRONMENT["tf_distribute_custom_training"] = TF_ENVIRONMENT
OWN_CHECKOUT["tf_distribute_custom_training"] = "TENSORFLOW_DOCS"
CHECKOUT_ROW["tf_distribute_custom_training"] = (
    "tensorflow/docs site/en/tutorials/distribute/custom_training.ipynb")

# --- Famous teaching code: CS231n, Nielsen's book, Deep Learning with PyTorch, ... ------------
# Each runs alone, in an environment of its own (NumPy, and torch where the code needs it):
#
#     python -m venv ~/teach-venv && ~/teach-venv/bin/pip install torch==2.13.0
#     ~/teach-venv/bin/pip install torch==2.13.0 numpy matplotlib future six imageio
#
# Stanford CS231n's assignment 2 code as a student completed it (mantasu/cs231n, whose
# `assignment2/cs231n/` holds the course's `solver.py`, `optim.py`, `layers.py` with the
# assignment's blanks filled in, and its `FullyConnectedNets.ipynb`):
#
#     git clone https://github.com/mantasu/cs231n ~/cs231n
#     export CS231N=~/cs231n CS231N_COMMIT=$(git -C ~/cs231n rev-parse HEAD)
#     ~/teach-venv/bin/python tests/corpus/make_corpus.py cs231n_solver

# The notebook's one change: CIFAR-10 (downloaded by `get_datasets.sh` into the checkout) made up
# by `cs231n_cifar10_standin`, of get_CIFAR10_data's shapes and type but 4000 images to train
# (the most that its cells run take), 1000 to validate and 1000 to test.
CS231N_DATA = {"data = get_CIFAR10_data()": "data = cs231n_cifar10_standin()"}


def cs231n_cifar10_standin() -> dict[str, Any]:
    """`get_CIFAR10_data()`'s dict made up: float64 images of (N, 3, 32, 32), pixels 0 to 255
    less the training set's mean image, as it returns them, of 10 classes (each a pattern of its
    own under heavy noise), labels an int array; 4000 to train, 1000 each to validate and test."""
    import numpy as np

    rng = np.random.RandomState(0)
    means = rng.uniform(0, 255, size=(10, 32, 32, 3))
    split = {}
    for name, n in (("train", 4000), ("val", 1000), ("test", 1000)):
        y = rng.randint(10, size=n)
        x = np.clip(0.3 * means[y] + 0.7 * rng.uniform(0, 255, size=(n, 32, 32, 3)), 0, 255)
        split[name] = (x.round(), y)
    mean_image = np.mean(split["train"][0], axis=0)
    data = {}
    for name, (x, y) in split.items():
        data[f"X_{name}"] = (x - mean_image).transpose(0, 3, 1, 2).copy()
        data[f"y_{name}"] = y
    return data


def cs231n_solver() -> Truth:
    """CS231n's `Solver` (assignment 2, `cs231n/solver.py`) training `FullyConnectedNet`, as
    the assignment's `FullyConnectedNets.ipynb` does, from mantasu/cs231n (a student's
    completed copy of the course's code: the checkout named by CS231N, commit in VERSIONS.md).
    The notebook's setup cell (its `%matplotlib`, `%load_ext`, `%autoreload` lines dropped;
    matplotlib on Agg), its data cell, its cell overfitting 50 examples with a three-layer net
    (SGD 4e-3, 20 epochs of 2 batches of 25, the loss every 10 iterations) and its cell
    comparing `sgd` and `sgd_momentum` on 4000 examples (a six-layer net, 5 epochs of 40
    batches of 100, the loss every 10 iterations) run in order as one program, `np.random`
    seeded 0 first (the notebook seeds only its gradient checks, not run here; nor are the
    gradient checks and the grid of learning rates, which print no training). The one change
    (CS231N_DATA): CIFAR-10 made up by `cs231n_cifar10_standin`. It prints the Cython notice
    of `fast_layers.py`, the data's shapes, then `(Iteration 1 / 40) loss: 2.302585` and
    `(Epoch 0 / 20) train acc: 0.100000; val_acc: 0.095000`, `Running with  sgd` before each
    of the last two runs. Truth: read from `Solver.train`'s frame as it calls print (a
    profile hook): `self.loss_history[-1]` as `loss` at `t + 1` (the iteration printed), and
    `train_acc` and `val_acc` at `self.epoch` (as printed, from 0); each run's points in
    turn. Shapes are sizes: left out."""
    import linecache

    import numpy as np

    folder = os.environ.get("CS231N")
    notebook = os.path.join(folder or "", "assignment2", "FullyConnectedNets.ipynb")
    if not folder or not os.path.exists(notebook):
        raise SystemExit("set CS231N to a mantasu/cs231n checkout")
    os.environ["MPLBACKEND"] = "Agg"
    cells = ipynb_cells(notebook)
    wanted = [next(cell for cell in cells if cell.startswith(start)) for start in (
        "# Setup cell.", "# Load the (preprocessed) CIFAR-10 data.",
        "# TODO: Use a three-layer Net to overfit 50", "num_train = 4000")]
    source = "\n\n".join("\n".join(line for line in cell.splitlines()
                                   if not line.startswith("%")) for cell in wanted)
    for old, new in CS231N_DATA.items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    sys.path.insert(0, os.path.join(folder, "assignment2"))
    from cs231n.solver import Solver

    train_file = Solver.train.__code__.co_filename
    truth: Truth = []

    def seen(frame: Any) -> None:
        line = "".join(linecache.getline(train_file, frame.f_lineno + k) for k in (0, 1))
        values = frame.f_locals
        solver = values["self"]
        if "(Iteration %d / %d) loss: %f" in line:
            truth.append(point("loss", solver.loss_history[-1], values["t"] + 1))
        elif "(Epoch %d / %d) train acc: %f; val_acc: %f" in line:
            truth.extend([point("train_acc", values["train_acc"], solver.epoch),
                          point("val_acc", values["val_acc"], solver.epoch)])
        else:
            raise SystemExit(f"cs231n_solver: a print of Solver.train not known: {line}")

    np.random.seed(0)
    stop = _print_calls({Solver.train.__code__}, seen)
    try:
        exec(compile(source, "FullyConnectedNets.ipynb", "exec"),
             {"__name__": "__main__", "cs231n_cifar10_standin": cs231n_cifar10_standin})
    finally:
        stop()
    if len(truth) != (4 + 21 * 2) + 2 * (20 + 6 * 2):
        raise SystemExit(f"cs231n_solver: {len(truth)} points, not 46 and twice 32")
    return truth


CASES["cs231n_solver"] = cs231n_solver
TEACHING_ENVIRONMENT = {name: f"{name} (teaching code cases)" for name in
                        ("torch", "numpy", "matplotlib", "future", "six", "imageio")}
OWN_ENVIRONMENT["cs231n_solver"] = TEACHING_ENVIRONMENT
OWN_CHECKOUT["cs231n_solver"] = "CS231N"
REPOSITORY_CHECKOUTS["CS231N"] = ("mantasu/cs231n", "CS231N_COMMIT")
CHECKOUT_ROW["cs231n_solver"] = "mantasu/cs231n assignment2 (CS231n's code, completed)"


# Michael Nielsen's "Neural Networks and Deep Learning", `network2.py`, in the common Python 3
# port of the book's code (MichalDanielDobrzanski/DeepLearningPython; the book's own
# mnielsen/neural-networks-and-deep-learning is Python 2, its `print "..."` statements a syntax
# error in Python 3), on the teaching cases' environment:
#
#     git clone https://github.com/MichalDanielDobrzanski/DeepLearningPython ~/nielsen-py3
#     export NIELSEN_PY3=~/nielsen-py3 NIELSEN_PY3_COMMIT=$(git -C ~/nielsen-py3 rev-parse HEAD)
#     ~/teach-venv/bin/python tests/corpus/make_corpus.py nielsen_network2

# The port's `test.py` keeps the book's examples as strings; the one run here is its chapter 3
# "Regularization (weight decay) example 1", every monitor flag on, quoted as it is but for its
# 400 epochs, 10 here (the lines of `test.py`, commit 2da41b6 of that repository).
NIELSEN_NETWORK2 = """\
import mnist_loader
training_data, validation_data, test_data = mnist_loader.load_data_wrapper()
training_data = list(training_data)
import network2
net = network2.Network([784, 30, 10], cost=network2.CrossEntropyCost)
net.large_weight_initializer()
net.SGD(training_data[:1000], 10, 10, 0.5,
    evaluation_data=test_data,
    lmbda = 0.1, # this is a regularization parameter
    monitor_evaluation_cost=True,
    monitor_evaluation_accuracy=True,
    monitor_training_cost=True,
    monitor_training_accuracy=True)
"""


def nielsen_mnist_standin() -> None:
    """`mnist.pkl.gz` made up in the run's folder, in the book's layout: a gzipped pickle of
    (training, validation, test), each (float32 pixels in [0, 1] of shape (n, 784), int64
    digits of shape (n,)); 5000, 1000 and 1000 images (the book's are 50000, 10000, 10000),
    each digit a pattern of its own under heavy noise."""
    import gzip
    import pickle

    import numpy as np

    rng = np.random.RandomState(0)
    means = rng.uniform(0, 1, size=(10, 784))
    sets = []
    for n in (5000, 1000, 1000):
        y = rng.randint(10, size=n).astype(np.int64)
        x = np.clip(0.25 * means[y] + 0.75 * rng.uniform(0, 1, size=(n, 784)), 0, 1)
        sets.append((x.astype(np.float32), y))
    with gzip.open("mnist.pkl.gz", "wb") as f:
        pickle.dump(tuple(sets), f)


def nielsen_network2() -> Truth:
    """Nielsen's `network2.py` (Neural Networks and Deep Learning, chapter 3), from its Python 3
    port MichalDanielDobrzanski/DeepLearningPython (the checkout named by NIELSEN_PY3, commit
    in VERSIONS.md; its `network2.py` and `mnist_loader.py` imported as they are): the port's
    `test.py` example "Regularization (weight decay) example 1" (NIELSEN_NETWORK2: a
    784-30-10 net, cross-entropy, large weight initializer, 1000 training images, batches of
    10, eta 0.5, lambda 0.1, the test data as evaluation data, all four monitor flags on), 10
    epochs of its 400. Data: `mnist.pkl.gz` (the book's download) made up by
    `nielsen_mnist_standin` in the run's folder; `random` and `np.random` seeded (12345) first,
    which the book's code never does. Each epoch prints `Epoch 0 training complete`, `Cost on
    training data: 1.93...`, `Accuracy on training data: 626 / 1000`, `Cost on evaluation
    data: 2.40...`, `Accuracy on evaluation data: 427 / 1000` (`{}` of floats: all their
    digits). Truth: the lists `SGD` keeps and returns, read from its frame as it calls print (a
    profile hook): `training_cost[-1]`, `training_accuracy[-1]`, `evaluation_cost[-1]`,
    `evaluation_accuracy[-1]` (counts of right answers, as printed) as `Cost_on_training_data`,
    `Accuracy_on_training_data`, `Cost_on_evaluation_data`, `Accuracy_on_evaluation_data` at
    the epoch `j` of the `Epoch j training complete` line above them (from 0, as printed).
    The counts after `/` are the data's sizes: left out. (The port's `total_cost` adds the
    weight-decay term once for each example, its own slip: costs near 1190.)"""
    import linecache
    import random
    import shutil

    import numpy as np

    folder = os.environ.get("NIELSEN_PY3")
    if not folder or not os.path.exists(os.path.join(folder, "network2.py")):
        raise SystemExit("set NIELSEN_PY3 to a MichalDanielDobrzanski/DeepLearningPython checkout")
    sys.path.insert(0, folder)
    import network2

    sgd = network2.Network.SGD.__code__
    lines = {"Cost on training data": ("training_cost", "Cost_on_training_data"),
             "Accuracy on training data": ("training_accuracy", "Accuracy_on_training_data"),
             "Cost on evaluation data": ("evaluation_cost", "Cost_on_evaluation_data"),
             "Accuracy on evaluation data": ("evaluation_accuracy",
                                             "Accuracy_on_evaluation_data")}
    truth: Truth = []

    def seen(frame: Any) -> None:
        line = linecache.getline(sgd.co_filename, frame.f_lineno)
        values = frame.f_locals
        for words, (name, key) in lines.items():
            if f'"{words}: ' in line:
                truth.append(point(key, values[name][-1], values["j"]))

    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    random.seed(12345)
    np.random.seed(12345)
    stop = _print_calls({sgd}, seen)
    try:
        nielsen_mnist_standin()
        exec(compile(NIELSEN_NETWORK2, "test.py", "exec"), {"__name__": "__main__"})
    finally:
        stop()
        os.chdir(cwd)
        shutil.rmtree(tmp)
    if len(truth) != 4 * 10:
        raise SystemExit(f"nielsen_network2: {len(truth)} points, not 10 epochs' 4")
    return truth


CASES["nielsen_network2"] = nielsen_network2
OWN_ENVIRONMENT["nielsen_network2"] = TEACHING_ENVIRONMENT
OWN_CHECKOUT["nielsen_network2"] = "NIELSEN_PY3"
REPOSITORY_CHECKOUTS["NIELSEN_PY3"] = ("MichalDanielDobrzanski/DeepLearningPython",
                                       "NIELSEN_PY3_COMMIT")


# Eli Stevens, Luca Antiga and Thomas Viehmann's Deep Learning with PyTorch (Manning), the book's
# notebooks (deep-learning-with-pytorch/dlwpt-code), on the teaching cases' environment:
#
#     git clone https://github.com/deep-learning-with-pytorch/dlwpt-code ~/dlwpt-code
#     export DLWPT=~/dlwpt-code DLWPT_COMMIT=$(git -C ~/dlwpt-code rev-parse HEAD)
#     ~/teach-venv/bin/python tests/corpus/make_corpus.py dlwpt_p1ch5_optimizers


def dlwpt_notebook(path: str, record: Callable[[str, dict[str, Any]], None]) -> None:
    """Run the code cells of the notebook at `path` in the checkout named by DLWPT in order as
    one program (its `%matplotlib inline` lines dropped, matplotlib on Agg), torch seeded 0 on
    one thread first (the notebooks never seed: their `randperm` splits and initial weights
    differ each run). Each `print(...)` of the notebook's own code first gives `record` the
    source line of the call (which print it is) and the printing frame's variables."""
    import builtins
    import linecache

    folder = os.environ.get("DLWPT")
    full = os.path.join(folder or "", path)
    if not folder or not os.path.exists(full):
        raise SystemExit("set DLWPT to a deep-learning-with-pytorch/dlwpt-code checkout")
    os.environ["MPLBACKEND"] = "Agg"
    source = "\n\n".join("\n".join(line for line in cell.splitlines()
                                   if not line.startswith("%")) for cell in ipynb_cells(full))
    name = os.path.basename(path)
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(1)

    def printed(*args: Any, **kwargs: Any) -> None:
        frame = sys._getframe(1)
        if frame.f_code.co_filename == name:
            record(linecache.getline(name, frame.f_lineno), dict(frame.f_locals))
        builtins.print(*args, **kwargs)

    exec(compile(source, name, "exec"), {"__name__": "__main__", "print": printed})


def dlwpt_p1ch5_optimizers() -> Truth:
    """Deep Learning with PyTorch, chapter 5 (the thermometer: a linear model fitted to
    eleven readings, written in the notebook), dlwpt-code `p1ch5/3_optimizers.ipynb` (commit in
    VERSIONS.md), run unchanged by `dlwpt_notebook` (its data are the notebook's own): SGD for
    5000 epochs and Adam for 2000 (`Epoch 500, Loss 7.860120` every 500), then the train and
    validation split and SGD for 3000 epochs (`Epoch 1, Training loss 93.9626, Validation loss
    19.1723` for epochs 1 to 3 and every 500). Truth: the printing frame's values, read by the
    notebook's `print` as it prints: `float(loss)` as `Loss`, `train_loss.item()` and
    `val_loss.item()` as `Training_loss` and `Validation_loss`, at `epoch` (from 1, as
    printed)."""
    truth: Truth = []

    def record(line: str, values: dict[str, Any]) -> None:
        if "'Epoch %d, Loss %f'" in line:
            truth.append(point("Loss", float(values["loss"]), values["epoch"]))
        elif 'f"Epoch {epoch}, Training loss' in line:
            truth.extend([point("Training_loss", values["train_loss"].item(), values["epoch"]),
                          point("Validation_loss", values["val_loss"].item(), values["epoch"])])

    dlwpt_notebook("p1ch5/3_optimizers.ipynb", record)
    if len(truth) != 10 + 4 + 2 * (3 + 6):
        raise SystemExit(f"dlwpt_p1ch5_optimizers: {len(truth)} points, not 14 and 2 x 9")
    return truth


def dlwpt_p1ch6_nn() -> Truth:
    """Deep Learning with PyTorch, chapter 6 (the thermometer with `nn.Linear` and a small
    `nn.Sequential`), dlwpt-code `p1ch6/1_neural_networks.ipynb` (commit in VERSIONS.md), run
    unchanged by `dlwpt_notebook`: four runs of its `training_loop` (`nn.Linear` 3000 epochs
    with its own loss and with `nn.MSELoss`, the 1-13-1 tanh net 5000 epochs, the exercise's
    1-20-1 net 5000 epochs), each printing `Epoch 1, Training loss 299.5234, Validation loss
    14.4313` at epoch 1 and every 1000; between them the fitted weights and biases (`Parameter
    containing: tensor([[5.8578]], requires_grad=True)`), the named parameters' shapes and
    the net's `output`, `answer`, `hidden` tensors. Truth: the printing frame's
    `loss_train.item()` and `loss_val.item()` as `Training_loss` and `Validation_loss` at
    `epoch` (from 1, as printed). Weights, outputs and shapes are not metrics: left out."""
    truth: Truth = []

    def record(line: str, values: dict[str, Any]) -> None:
        if 'f"Epoch {epoch}, Training loss' in line:
            truth.extend([point("Training_loss", values["loss_train"].item(), values["epoch"]),
                          point("Validation_loss", values["loss_val"].item(), values["epoch"])])

    dlwpt_notebook("p1ch6/1_neural_networks.ipynb", record)
    if len(truth) != 2 * (4 + 4 + 6 + 6):
        raise SystemExit(f"dlwpt_p1ch6_nn: {len(truth)} points, not 2 x 20")
    return truth


CASES.update({"dlwpt_p1ch5_optimizers": dlwpt_p1ch5_optimizers, "dlwpt_p1ch6_nn": dlwpt_p1ch6_nn})
for _case in ("dlwpt_p1ch5_optimizers", "dlwpt_p1ch6_nn"):
    OWN_ENVIRONMENT[_case] = TEACHING_ENVIRONMENT
    OWN_CHECKOUT[_case] = "DLWPT"
REPOSITORY_CHECKOUTS["DLWPT"] = ("deep-learning-with-pytorch/dlwpt-code", "DLWPT_COMMIT")


# Jason Brownlee's "Machine Learning Algorithms From Scratch" (Machine Learning Mastery): the
# book's listings as fenago/katacoda-scenarios keeps them, one notebook a listing, under
# `ml-algo-from-scratch-python/` (on the teaching cases' environment; plain Python):
#
#     git clone https://github.com/fenago/katacoda-scenarios ~/katacoda-scenarios
#     export MLM_SCRATCH=~/katacoda-scenarios/ml-algo-from-scratch-python
#     export MLM_SCRATCH_COMMIT=$(git -C ~/katacoda-scenarios rev-parse HEAD)
#     ~/teach-venv/bin/python tests/corpus/make_corpus.py mlmastery_from_scratch
MLM_SCRATCH_LISTINGS = ["chapter-8/assets/coefficients.ipynb",
                        "chapter-9/assets/estimate-coefficient.ipynb",
                        "chapter-10/assets/estimate-weights.ipynb",
                        "chapter-15/assets/train-network.ipynb"]


def mlmastery_from_scratch() -> Truth:
    """Brownlee's from-scratch stochastic gradient descent, the book's listings in
    fenago/katacoda-scenarios `ml-algo-from-scratch-python/` (the folder named by MLM_SCRATCH,
    commit in VERSIONS.md), each run unchanged as a program of its own (`exec` of its one code
    cell, in a namespace of its own), in order: linear regression's `coefficients_sgd` (5 rows,
    50 epochs, lrate 0.002), logistic regression's `coefficients_sgd` (10 rows, 10 epochs,
    0.3), the perceptron's `train_weights` (7 epochs, 0.2) and the backpropagation network's
    `train_network` (2 hidden neurons, 10 epochs, 0.5; `seed(0)` its own). Each prints
    `>epoch=0, lrate=0.002, error=43.000` an epoch, then its coefficients, weights or layers
    (lists and dicts of floats). Truth: the printing frame's `sum_error` (the epoch's summed
    squared error, the value the line formats) as `error` at `epoch` (from 0, as printed), read
    by the listing's `print` as it prints; each listing's points in turn, its steps from 0
    again. The learning rate is a setting, printed as such: left out."""
    import builtins
    import linecache

    folder = os.environ.get("MLM_SCRATCH")
    if not folder or not os.path.exists(os.path.join(folder, MLM_SCRATCH_LISTINGS[0])):
        raise SystemExit("set MLM_SCRATCH to fenago/katacoda-scenarios' "
                         "ml-algo-from-scratch-python folder")
    truth: Truth = []
    for listing in MLM_SCRATCH_LISTINGS:
        source = "\n\n".join(ipynb_cells(os.path.join(folder, listing)))
        name = os.path.basename(listing)
        linecache.cache[name] = (len(source), None, source.splitlines(True), name)

        def printed(*args: Any, name: str = name, **kwargs: Any) -> None:
            frame = sys._getframe(1)
            if ("'>epoch=%d, lrate=%.3f, error=%.3f'"
                    in linecache.getline(name, frame.f_lineno)):
                truth.append(point("error", frame.f_locals["sum_error"],
                                   frame.f_locals["epoch"]))
            builtins.print(*args, **kwargs)

        exec(compile(source, name, "exec"), {"__name__": "__main__", "print": printed})
    if len(truth) != 50 + 10 + 7 + 10:
        raise SystemExit(f"mlmastery_from_scratch: {len(truth)} points, not 50, 10, 7 and 10")
    return truth


CASES["mlmastery_from_scratch"] = mlmastery_from_scratch
OWN_ENVIRONMENT["mlmastery_from_scratch"] = TEACHING_ENVIRONMENT
OWN_CHECKOUT["mlmastery_from_scratch"] = "MLM_SCRATCH"
REPOSITORY_CHECKOUTS["MLM_SCRATCH"] = ("fenago/katacoda-scenarios ml-algo-from-scratch-python",
                                       "MLM_SCRATCH_COMMIT")


# deeplearning.ai's Deep Learning Specialization, course 1 week 3, "Planar data classification
# with one hidden layer", as a student completed it (amanchadha/coursera-deep-learning-
# specialization, the 2021 version of the course, commit 2a9142d: its later notebook needs
# Python 3.12's f-strings), on an environment of its own: the notebook's `float()` of 1-element
# arrays is an error from NumPy 2 on, so NumPy below 2, as the course had:
#
#     python -m venv ~/dlai-venv && ~/dlai-venv/bin/pip install "numpy<2" scikit-learn matplotlib
#     git clone https://github.com/amanchadha/coursera-deep-learning-specialization ~/dlai
#     git -C ~/dlai checkout 2a9142df6d3c4790cf60f64c9dab83c913f251ec
#     export DLAI_PLANAR="$HOME/dlai/C1 - Neural Networks and Deep Learning/Week 3/Planar data classification with one hidden layer"
#     export DLAI_PLANAR_COMMIT=$(git -C ~/dlai rev-parse HEAD)
#     ~/dlai-venv/bin/python tests/corpus/make_corpus.py dlai_planar_classification


def dlai_planar_classification() -> Truth:
    """deeplearning.ai's "Planar data classification with one hidden layer" (Deep Learning
    Specialization, course 1, week 3), `Planar_data_classification_with_onehidden_layer_v6c.
    ipynb` with its `planar_utils.py` and `testCases_v2.py` (the folder named by DLAI_PLANAR,
    commit in VERSIONS.md): its code cells run in order as one program up to the hidden-layer
    sizes' cell (the `%matplotlib inline` line dropped; matplotlib on Agg), unchanged: the data
    are `load_planar_dataset()`'s own flower, made by code. The last cell, the optional other
    data sets, is left out: it names a `dataset` the student is to choose (a NameError as
    given). It prints the shapes, `Accuracy of logistic regression: 47 % (percentage of
    correctly labelled datapoints)`, the graded functions' checks on the test cases (`W1 =
    [[...]]`, means, `cost = 0.6930...`, gradients), `Cost after iteration 0: 0.692739` every
    1000 iterations (on the test case, then on the flower), `Accuracy: 90%` and `Accuracy for
    1 hidden units: 67.5 %` for each of seven sizes (with NumPy's DeprecationWarning of
    `float()` of a 1x1 array). Truth: the printing frame's values, read by the notebook's
    `print` as it prints: `cost` as `Cost` at `i` (the iteration printed); the line's own
    expressions on the frame's names for the two `%d` accuracies (the float `%d` truncates) as
    `Accuracy_of_logistic_regression` and `Accuracy`; `accuracy` as `Accuracy_for_<n_h>
    _hidden_units`; the check `compute_cost(A2, Y_assess, parameters)` as `cost`; no step
    for these. Weights, gradients, shapes, means and `predictions mean` (checks of the graded
    functions on fixed test inputs, not of the training) are left out."""
    import builtins
    import linecache
    import shutil

    import numpy as np

    folder = os.environ.get("DLAI_PLANAR")
    name = "Planar_data_classification_with_onehidden_layer_v6c.ipynb"
    if not folder or not os.path.exists(os.path.join(folder, name)):
        raise SystemExit("set DLAI_PLANAR to the notebook's folder in an "
                         "amanchadha/coursera-deep-learning-specialization checkout")
    os.environ["MPLBACKEND"] = "Agg"
    cells = ipynb_cells(os.path.join(folder, name))
    last = next(i for i, cell in enumerate(cells) if "hidden_layer_sizes = [" in cell)
    source = "\n\n".join("\n".join(line for line in cell.splitlines()
                                   if not line.startswith("%")) for cell in cells[:last + 1])
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    truth: Truth = []

    def accuracy(y: Any, predictions: Any) -> float:
        """The lines' own expression, its 1x1 result taken by `.item()` (the value `float()`
        gives, without NumPy's warning in the capture)."""
        return ((np.dot(y, predictions.T) + np.dot(1 - y, 1 - predictions.T))
                / float(y.size) * 100).item()

    def printed(*args: Any, **kwargs: Any) -> None:
        frame = sys._getframe(1)
        line = linecache.getline(name, frame.f_lineno) if frame.f_code.co_filename == name else ""
        values = frame.f_locals
        if '"Cost after iteration %i: %f"' in line:
            truth.append(point("Cost", values["cost"], values["i"]))
        elif "'Accuracy of logistic regression: %d '" in line:
            truth.append(point("Accuracy_of_logistic_regression",
                               accuracy(values["Y"], values["LR_predictions"]), None))
        elif "'Accuracy: %d'" in line:
            truth.append(point("Accuracy", accuracy(values["Y"], values["predictions"]), None))
        elif '"Accuracy for {} hidden units: {} %"' in line:
            truth.append(point(f"Accuracy_for_{values['n_h']}_hidden_units",
                               values["accuracy"], None))
        elif '"cost = "' in line:
            truth.append(point("cost", values["compute_cost"](
                values["A2"], values["Y_assess"], values["parameters"]), None))
        builtins.print(*args, **kwargs)

    cwd = os.getcwd()
    tmp = tempfile.mkdtemp()
    os.chdir(tmp)
    sys.path.insert(0, folder)
    try:
        exec(compile(source, name, "exec"), {"__name__": "__main__", "print": printed})
    finally:
        sys.path.remove(folder)
        os.chdir(cwd)
        shutil.rmtree(tmp)
    if len(truth) != 1 + 1 + 10 + 10 + 1 + 7:
        raise SystemExit(f"dlai_planar_classification: {len(truth)} points, not 30")
    return truth


CASES["dlai_planar_classification"] = dlai_planar_classification
OWN_ENVIRONMENT["dlai_planar_classification"] = {
    name: f"{name} (dlai_planar_classification case)"
    for name in ("numpy", "scikit-learn", "matplotlib")}
OWN_CHECKOUT["dlai_planar_classification"] = "DLAI_PLANAR"
REPOSITORY_CHECKOUTS["DLAI_PLANAR"] = (
    "amanchadha/coursera-deep-learning-specialization C1 Week 3 planar classification",
    "DLAI_PLANAR_COMMIT")


# TensorFlow's hand-written loops of two books, Aurelien Geron's Hands-On Machine Learning (3rd
# edition, ageron/handson-ml3) and Francois Chollet's Deep Learning with Python (2nd edition,
# fchollet/deep-learning-with-python-notebooks), on an environment of their own (TensorFlow
# and its Keras 3; scikit-learn for Geron's data split and scaling):
#
#     python -m venv ~/tfbooks-venv
#     ~/tfbooks-venv/bin/pip install tensorflow scikit-learn packaging
#     git clone https://github.com/ageron/handson-ml3 ~/handson-ml3
#     export HANDSON_ML3=~/handson-ml3 HANDSON_ML3_COMMIT=$(git -C ~/handson-ml3 rev-parse HEAD)
#     ~/tfbooks-venv/bin/python tests/corpus/make_corpus.py handson_ml3_ch12_loop
TFBOOKS_ENVIRONMENT = {name: f"{name} (TensorFlow books cases)" for name in
                       ("tensorflow", "keras", "numpy", "scikit-learn")}
# The chapter 12 cells run: the version checks, the first numpy import, the California housing
# cell (split, scaling, a first model), and the custom training loop's cells (its model with
# l2 regularization, `random_batch`, `print_status_bar`, the seed, the settings, the loop).
HANDSON_ML3_CH12_CELLS = ["import sys\n\nassert sys.version_info",
                          "from packaging import version\nimport tensorflow as tf",
                          "import numpy as np\n\na = np.array([2., 4., 5.])",
                          "# extra code – loads, splits and scales the California housing",
                          "tf.keras.utils.set_random_seed(42)  # extra code – to ensure "
                          "reproducibility\nl2_reg",
                          "def random_batch(X, y, batch_size=32):",
                          "def print_status_bar(step, total, loss, metrics=None):",
                          "tf.keras.utils.set_random_seed(42)",
                          "n_epochs = 5\nbatch_size = 32",
                          "for epoch in range(1, n_epochs + 1):\n    print(f\"Epoch {epoch}"]


def california_housing_standin(*args: Any, **kwargs: Any) -> Any:
    """`fetch_california_housing()` made up: a Bunch of `data` (2064 districts, a tenth of the
    real 20640, of its 8 float64 features: income, house age, rooms, bedrooms, population,
    occupancy, latitude, longitude, in their real ranges) and `target` (the median house value
    in $100k, from 0.15 to 5, rising with income, with noise)."""
    import numpy as np
    from sklearn.utils import Bunch

    rng = np.random.RandomState(0)
    n = 2064
    income = rng.lognormal(1.3, 0.45, n)
    data = np.column_stack([income, rng.randint(1, 53, n).astype(float),
                            rng.normal(5.4, 1.2, n), rng.normal(1.1, 0.1, n),
                            rng.lognormal(7.0, 0.7, n), rng.normal(3.0, 0.6, n),
                            rng.uniform(32.5, 42.0, n), rng.uniform(-124.3, -114.3, n)])
    target = np.clip(0.45 * income + 0.2 + rng.normal(0, 0.5, n), 0.15, 5.0)
    return Bunch(data=data, target=target, feature_names=[
        "MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude",
        "Longitude"], target_names=["MedHouseVal"])


def handson_ml3_ch12_loop() -> Truth:
    """Geron's custom training loop, ageron/handson-ml3 `12_custom_models_and_training_with_
    tensorflow.ipynb` (the checkout named by HANDSON_ML3, commit in VERSIONS.md): the cells of
    HANDSON_ML3_CH12_CELLS, in the notebook's order, run as one program: the version checks,
    the housing cell (split, scaling and a first model), then the loop's cells: a 30-unit
    regression net with l2 regularization, SGD 0.01, MSE, `Mean` and `MeanAbsoluteError`,
    5 epochs of `len(X_train) // 32` random batches, `print_status_bar` after every step
    (`\r36/36 - mean: 1.2345 - mean_absolute_error: 0.5678`, the line ended at the epoch's
    last step) under `Epoch 1/5`. The one change: `fetch_california_housing()` (a download)
    gives `california_housing_standin`'s made-up districts (2064, a tenth of the real number:
    36 steps an epoch). Keras' `input_shape` warning on stderr. Truth: the metric objects
    `print_status_bar` formats, read from its frame by the notebook's `print` as it prints:
    `m.result()` for `loss` and each of `metrics` (the caller's list: the function has
    rebound its `metrics` to the joined text before it prints), keyed by `m.name` as printed (`mean`,
    `mean_absolute_error`), at the global step `(epoch - 1) * total + step` (the line prints
    `step/total` within the epoch its `Epoch N/5` header names; 1 after the first step)."""
    import builtins

    import sklearn.datasets

    os.environ["KERAS_BACKEND"] = "tensorflow"  # the corpus runs set torch for Keras 3
    folder = os.environ.get("HANDSON_ML3")
    name = "12_custom_models_and_training_with_tensorflow.ipynb"
    if not folder or not os.path.exists(os.path.join(folder, name)):
        raise SystemExit("set HANDSON_ML3 to an ageron/handson-ml3 checkout")
    cells = ipynb_cells(os.path.join(folder, name))
    chosen = []
    for start in HANDSON_ML3_CH12_CELLS:
        found = [i for i, cell in enumerate(cells) if cell.startswith(start)]
        if not found:
            raise SystemExit(f"{name}: no cell starts {start!r}")
        chosen.append(next(i for i in found if not chosen or i > chosen[-1]))
    source = "\n\n".join(cells[i] for i in chosen)
    sklearn.datasets.fetch_california_housing = california_housing_standin
    truth: Truth = []

    def printed(*args: Any, **kwargs: Any) -> None:
        frame = sys._getframe(1)
        if frame.f_code.co_name == "print_status_bar":
            values = frame.f_locals
            caller = frame.f_back.f_locals  # `metrics` is the joined text by now: the
            epoch = caller["epoch"]           # list given is the caller's `metrics`
            step = (epoch - 1) * values["total"] + values["step"]
            for m in [values["loss"]] + caller["metrics"]:
                truth.append(point(m.name, float(m.result()), step))
        builtins.print(*args, **kwargs)

    exec(compile(source, name, "exec"), {"__name__": "__main__", "print": printed})
    if len(truth) != 2 * 5 * 36:
        raise SystemExit(f"handson_ml3_ch12_loop: {len(truth)} points, not 2 x 5 x 36")
    return truth


CASES["handson_ml3_ch12_loop"] = handson_ml3_ch12_loop
OWN_ENVIRONMENT["handson_ml3_ch12_loop"] = TFBOOKS_ENVIRONMENT
OWN_CHECKOUT["handson_ml3_ch12_loop"] = "HANDSON_ML3"
REPOSITORY_CHECKOUTS["HANDSON_ML3"] = ("ageron/handson-ml3", "HANDSON_ML3_COMMIT")


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
    own = set(argv) & set(OWN_ENVIRONMENT)
    if own and len(argv) > 1:
        raise SystemExit(f"{', '.join(sorted(own))} runs alone, in its own environment")
    for case in argv or [case for case in CASES if case not in OWN_ENVIRONMENT]:
        make(case)
    versions(argv[0] if own else None)


if __name__ == "__main__":
    main(sys.argv[1:])
