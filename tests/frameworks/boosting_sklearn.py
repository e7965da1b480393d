"""XGBoost's and LightGBM's scikit-learn models: one stopped by the program's own callback
(the round it stops at is in its record), a grid search whose candidates and folds each fit
with an evaluation set (only the refit best model's rounds are the run's), a pipeline's model
(its own rounds), and a cross-validation (its folds' rounds are none). Their own record is `evals_result()`."""

import lightgbm as lgb
import numpy as np
import xgboost as xgb
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import _truth

rng = np.random.default_rng(0)
x = rng.normal(size=(240, 5))
label = (x[:, 0] + rng.normal(scale=0.8, size=240) > 0).astype(int)
target = x[:, 0] + rng.normal(scale=0.3, size=240)
metrics = {}

classifier = xgb.XGBClassifier(
    n_estimators=100, max_depth=3, learning_rate=0.5, eval_metric="logloss",
    callbacks=[xgb.callback.EarlyStopping(rounds=2, save_best=False)])
classifier.fit(x[:160], label[:160], eval_set=[(x[:160], label[:160]), (x[160:], label[160:])],
               verbose=False)
for data, logs in classifier.evals_result().items():
    for name, values in logs.items():
        assert len(values) < 100, "the program's callback stopped the fit"
        for i, value in enumerate(values):
            _truth.add(metrics, f"{data}-{name}", i, value)

search = GridSearchCV(xgb.XGBRegressor(n_estimators=4, learning_rate=0.5, eval_metric="mae"),
                      {"max_depth": [1, 4]}, cv=2)
search.fit(x, target, eval_set=[(x[160:], target[160:])], verbose=False)
for data, logs in search.best_estimator_.evals_result().items():
    for name, values in logs.items():
        for i, value in enumerate(values):
            _truth.add(metrics, f"{data}-{name}", i, value)
_truth.add(metrics, "best_cv_score", 0, search.best_score_)

# A pipeline's model fits once: its own rounds.
pipeline = make_pipeline(StandardScaler(), lgb.LGBMRegressor(n_estimators=3, metric="l1",
                                                             verbose=-1))
pipeline.fit(x, target, lgbmregressor__eval_set=[(x[160:], target[160:])])
for data, logs in pipeline[-1].evals_result_.items():
    for name, values in logs.items():
        for i, value in enumerate(values):
            _truth.add(metrics, f"{data}-{name}", i + 1, value)

scores = cross_val_score(lgb.LGBMRegressor(n_estimators=3, verbose=-1), x, target, cv=2,
                         params={"eval_set": [(x[160:], target[160:])]})
_truth.write(metrics, {"num_boost_round": 100, "max_depth": 3,
                       "best_max_depth": search.best_params_["max_depth"]})
