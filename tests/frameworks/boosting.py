"""Tiny XGBoost and LightGBM trainings with evaluation sets, printed each round (LightGBM's
stopped early), XGBoost's then going on from its model; their own records are `evals_result`
and `record_evaluation`."""

import lightgbm as lgb
import numpy as np
import xgboost as xgb

import _truth

rng = np.random.default_rng(0)
x = rng.normal(size=(200, 5))
y = (x[:, 0] + rng.normal(scale=0.5, size=200) > 0).astype(int)
metrics = {}

dtrain, dvalid = xgb.DMatrix(x[:150], label=y[:150]), xgb.DMatrix(x[150:], label=y[150:])
evals = {}
xgb_params = {"objective": "binary:logistic", "max_depth": 2, "eta": 0.3,
              "eval_metric": ["logloss", "auc"]}
model = xgb.train(xgb_params, dtrain, num_boost_round=6,
                  evals=[(dtrain, "train"), (dvalid, "eval")], evals_result=evals)
for data, logs in evals.items():
    for name, values in logs.items():
        for i, value in enumerate(values):
            _truth.add(metrics, f"{data}-{name}", i, value)
# a training that goes on from the model: its rounds after the model's 6 (its evals_result
# counts them from 0 again)
more = {}
xgb.train(xgb_params, dtrain, num_boost_round=3, evals=[(dvalid, "eval")], evals_result=more,
          xgb_model=model)
for data, logs in more.items():
    for name, values in logs.items():
        for i, value in enumerate(values):
            _truth.add(metrics, f"{data}-{name}", 6 + i, value)

recorded = {}
train = lgb.Dataset(x[:150], label=y[:150])
valid = lgb.Dataset(x[150:], label=y[150:], reference=train)
# (early stopping ends the fit inside the round it stops at: that round is recorded too)
booster = lgb.train({"objective": "binary", "num_leaves": 4, "learning_rate": 0.2, "verbose": -1,
                     "metric": ["binary_logloss"]}, train, num_boost_round=60, valid_sets=[valid],
                    callbacks=[lgb.log_evaluation(1), lgb.record_evaluation(recorded),
                               lgb.early_stopping(2, verbose=False)])
assert booster.current_iteration() < 60, "early stopping fired"
for data, logs in recorded.items():
    for name, values in logs.items():
        for i, value in enumerate(values):
            _truth.add(metrics, f"{data}-{name}", i + 1, value)
_truth.write(metrics, {"max_depth": 2, "eta": 0.3, "num_leaves": 4})
