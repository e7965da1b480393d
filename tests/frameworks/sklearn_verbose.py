"""Verbose scikit-learn fits whose printed lines are the only record of what they print (a
grid search's scores, KMeans' inertia), and an MLP trained by partial_fit, a call an epoch."""

import sys
import warnings

import numpy as np
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.neural_network import MLPClassifier

import _truth

warnings.simplefilter("ignore")
rng = np.random.default_rng(0)
x = rng.normal(size=(120, 4))
y = (x[:, 0] + 0.5 * rng.normal(size=120) > 0).astype(int)
search = GridSearchCV(LogisticRegression(), {"C": [0.01, 0.1, 1.0]}, cv=3, verbose=3)
search.fit(x, y)
sys.stdout.flush()
kmeans = KMeans(n_clusters=3, n_init=1, random_state=0, verbose=1).fit(x)
sys.stdout.flush()
mlp = MLPClassifier(hidden_layer_sizes=(8,), random_state=0)
metrics = {}
for epoch in range(4):
    mlp.partial_fit(x, y, classes=[0, 1])
    _truth.add(metrics, "loss", epoch + 1, mlp.loss_)
# The search's scores as cv_results_ keeps them, in the order its fits ran and printed them
# (a candidate's splits, then the next candidate's): printed with 3 decimals, no step.
scores = [search.cv_results_[f"split{k}_test_score"][c] for c in range(3) for k in range(3)]
for i, value in enumerate(scores):
    _truth.add(metrics, "score", i, value)
_truth.add(metrics, "best_cv_score", 0, search.best_score_)  # the search's own record of it
# KMeans keeps no inertia an iteration: its verbose fit prints one for each (from 0).
_truth.write(metrics, inertia=int(kmeans.n_iter_))
