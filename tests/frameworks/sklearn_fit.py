"""Tiny scikit-learn fits that keep curves: an MLP with early stopping and gradient boosting."""

import warnings

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.neural_network import MLPClassifier

import _truth

warnings.simplefilter("ignore")
rng = np.random.default_rng(0)
x = rng.normal(size=(200, 4))
y = (x[:, 0] > 0).astype(int)
mlp = MLPClassifier(hidden_layer_sizes=(8,), max_iter=12, early_stopping=True,
                    n_iter_no_change=50, random_state=0, verbose=True).fit(x, y)
gb = GradientBoostingClassifier(n_estimators=5, max_depth=2, random_state=0).fit(x, y)
metrics = {}
for key, curve in (("loss", mlp.loss_curve_), ("validation_score", mlp.validation_scores_),
                   ("train_score", gb.train_score_)):
    for i, value in enumerate(curve):
        _truth.add(metrics, key, i + 1, value)
_truth.write(metrics, {"alpha": mlp.alpha, "n_estimators": 5, "max_iter": 12})
