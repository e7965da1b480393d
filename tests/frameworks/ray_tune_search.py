"""A Ray Tune search, as its quick start runs one: a function trainable that prints and
reports each epoch's `loss` and `acc` (`tune.report`), four trials of a grid under ASHA,
`Tuner(...).fit()` on a local Ray of two CPUs. Its own record: each trial's last result
(`ResultGrid`) at its number, the best trial's config; what the trials print (and Ray's
tables) is no run's curve. The program's own line after the search is its own."""

import tempfile

import ray
from ray import tune

import _truth

metrics = {}


def train_fn(config):
    loss = 1.0
    for epoch in range(3):
        loss = loss * (1 - config["lr"]) + config["wd"]
        print(f"epoch {epoch} loss={loss:.4f} acc={1 - loss / 2:.4f}", flush=True)
        tune.report({"loss": loss, "acc": 1 - loss / 2, "nested": {"gap": loss / 10}})


# (Ray's sockets live in its temporary folder, whose path must be short: not the test's)
ray.init(num_cpus=2, include_dashboard=False, _temp_dir=tempfile.mkdtemp(prefix="ray", dir="/tmp"))
space = {"lr": tune.grid_search([0.1, 0.3, 0.5, 0.7]), "wd": 0.01}
grid = tune.Tuner(train_fn, param_space=space,
                  tune_config=tune.TuneConfig(metric="loss", mode="min"),
                  run_config=tune.RunConfig(storage_path=tempfile.mkdtemp(), name="grid")).fit()
for number, result in enumerate(grid):
    for key in ("loss", "acc"):
        _truth.add(metrics, key, number, result.metrics[key])
    _truth.add(metrics, "nested/gap", number, result.metrics["nested"]["gap"])
best = grid.get_best_result().config
print(f"step 9: best_loss={grid.get_best_result().metrics['loss']:.5f}")
_truth.add(metrics, "best_loss", 9, round(grid.get_best_result().metrics["loss"], 5))
_truth.write(metrics, best)
