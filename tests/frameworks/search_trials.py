"""Searches that fit a model a trial: an Optuna study whose objective fits a verbose XGBoost
model on a validation set, then FLAML's AutoML. Their own record: each complete trial's value
at its number (a failed trial has none), the study's best parameters, FLAML's best config and
learner. What the trials' fits print or log is no run's; what the objective prints is."""

import logging

import numpy as np
import optuna
import xgboost as xgb
from flaml import AutoML

import _truth

metrics = {}
rng = np.random.default_rng(0)
x = rng.normal(size=(200, 5))
y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(int)
optuna.logging.set_verbosity(logging.INFO)


def objective(trial):
    depth = trial.suggest_int("depth", 2, 6)
    rate = trial.suggest_float("eta", 0.05, 0.5, log=True)
    if trial.number == 2:
        raise ValueError("diverged")
    model = xgb.XGBClassifier(n_estimators=8, max_depth=depth, learning_rate=rate,
                              eval_metric="logloss")
    model.fit(x[:150], y[:150], eval_set=[(x[150:], y[150:])], verbose=True)
    loss = model.evals_result()["validation_0"]["logloss"][-1]
    print(f"trial_loss: {loss:.4f}")
    _truth.add(metrics, "trial_loss", trial.number, round(loss, 4))
    return loss


study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=0))
study.optimize(objective, 5, None, 1, (ValueError,))  # (its arguments in place)
for trial in study.trials:
    if trial.state.name == "COMPLETE":
        _truth.add(metrics, "value", trial.number, trial.value)
print("Best trial:", study.best_trial.number, "value:", study.best_value)
print(study.best_params)  # (the settings the hook records, printed: no metrics)
print(f"    eta: {study.best_params['eta']}")  # (and so on a line of its own, full digits)
automl = AutoML()
automl.fit(x, y, task="classification", time_budget=-1, max_iter=4,
           estimator_list=["lgbm", "xgboost"], verbose=0)
_truth.write(metrics, {**study.best_params, "estimator": automl.best_estimator,
                       **automl.best_config})
