"""Cross-validated XGBoost and LightGBM rounds: `xgb.cv` silent, `lgb.cv` printed each round.
Their own record is what each returns: the folds' mean and spread of each round."""

import lightgbm as lgb
import numpy as np
import xgboost as xgb

import _truth

rng = np.random.default_rng(0)
x = rng.normal(size=(200, 5))
y = x[:, 0] + rng.normal(scale=0.1, size=200)
metrics = {}

# {'train-rmse-mean': [...], 'train-rmse-std': [...], ...}, rounds from 0 (as it prints them)
history = xgb.cv({"max_depth": 2, "eta": 0.3}, xgb.DMatrix(x, label=y), num_boost_round=4,
                 nfold=3, verbose_eval=False, seed=0, as_pandas=False)
for name, values in history.items():
    for i, value in enumerate(values):
        _truth.add(metrics, name.removesuffix("-mean"), i, value)
# ... and printed as the program looks at it, a table of the means and spreads: the same
# points, no `test-rmse-mean` beside the hook's `test-rmse`
import pandas as pd  # noqa: E402

print(pd.DataFrame(history))

# {'valid l2-mean': [...], 'valid l2-stdv': [...]}, rounds from 1 (as it prints them)
history = lgb.cv({"objective": "regression", "num_leaves": 4, "verbose": -1},
                 lgb.Dataset(x, label=y), num_boost_round=4, nfold=3, stratified=False,
                 callbacks=[lgb.log_evaluation(1)])
for name, values in history.items():
    for i, value in enumerate(values):
        _truth.add(metrics, name.replace(" ", "-").removesuffix("-mean"), i + 1, value)
_truth.write(metrics, {"max_depth": 2, "eta": 0.3, "num_leaves": 4})
