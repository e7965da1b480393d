"""CatBoost, verbose: a classifier fitted with an eval set, then `cv()` over three folds, whose
folds print their iterations as a fit does. Its own record: the fit's `get_evals_result()` (the
learn set's and the eval set's Logloss, printed to 7 decimals, as `learn` and `test`) at each
iteration, from 0, and the settings the program gave (`get_params()`). `cv()`'s folds are no
run's curves."""

import numpy as np
from catboost import CatBoostClassifier, Pool, cv

import _truth

rng = np.random.default_rng(0)
x = rng.normal(size=(120, 4))
y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(int)
model = CatBoostClassifier(iterations=5, depth=2, learning_rate=0.3, random_seed=0, verbose=1,
                           allow_writing_files=False)
model.fit(x[:80], y[:80], eval_set=(x[80:], y[80:]))
metrics = {}
for data, name in (("learn", "learn"), ("validation", "test")):
    for step, value in enumerate(model.get_evals_result()[data]["Logloss"]):
        _truth.add(metrics, name, step, round(value, 7))
cv(Pool(x, y), {"iterations": 3, "loss_function": "Logloss", "random_seed": 0, "verbose": 1,
                "allow_writing_files": False}, fold_count=3)
_truth.write(metrics, model.get_params())
