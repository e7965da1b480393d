"""Tiny scikit-learn fits that keep curves: an MLP with early stopping, gradient boosting
(verbose, out-of-bag) and histogram gradient boosting with early stopping. A scaler's
`fit_transform` is the program's fit (its settings are params); `log_loss`'s own
LabelBinarizer is scikit-learn's (its `neg_label` is none), while the estimator a model's
function API fits (`k_means`) is the program's."""

import warnings

import numpy as np
from sklearn.base import BaseEstimator, _fit_context
from sklearn.cluster import k_means
from sklearn.decomposition import PCA
from sklearn.metrics import log_loss
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

import _truth

warnings.simplefilter("ignore")
rng = np.random.default_rng(0)
x = rng.normal(size=(200, 4))
y = (x[:, 0] > 0).astype(int)
class Sampler(BaseEstimator):
    """A resampler as imbalanced-learn's `SMOTE` is: it neither predicts nor transforms."""

    _parameter_constraints: dict = {}

    def __init__(self, random_state=1, k_neighbors=5):
        self.random_state = random_state
        self.k_neighbors = k_neighbors

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_resample(self, x, y):
        return x, y


# A preprocessor and a sampler fitted first: their settings (`random_state` None, 1) give way
# to the model's.
PCA(n_components=3, whiten=True).fit(x)
Sampler(random_state=1, k_neighbors=3).fit_resample(x, y)
StandardScaler(with_mean=False).fit_transform(x)
mlp = MLPClassifier(hidden_layer_sizes=(8,), max_iter=12, early_stopping=True,
                    n_iter_no_change=50, random_state=0, verbose=True).fit(x, y)
gb = GradientBoostingClassifier(n_estimators=5, max_depth=2, subsample=0.8, random_state=0,
                                verbose=1).fit(x, y)
hgb = HistGradientBoostingClassifier(max_iter=6, early_stopping=True, n_iter_no_change=50,
                                     random_state=0).fit(x, y)
log_loss(y, mlp.predict_proba(x))
k_means(x, n_clusters=2, n_init=1, random_state=0)
metrics = {}
# The MLP's and gradient boosting's curves count iterations from 1; histogram gradient
# boosting's scores start with the one before the first tree, and with its default scoring
# they are negated losses (its verbose fit prints them as `train loss`, `val loss`).
for key, curve, first, sign in (
        ("loss", mlp.loss_curve_, 1, 1), ("validation_score", mlp.validation_scores_, 1, 1),
        ("train_loss", gb.train_score_, 1, 1), ("oob_improve", gb.oob_improvement_, 1, 1),
        ("train_loss", hgb.train_score_, 0, -1), ("val_loss", hgb.validation_score_, 0, -1)):
    for i, value in enumerate(curve):
        _truth.add(metrics, key, i + first, sign * value)
# the first model's, and the preprocessor's where no model has its own; another kind of
# model's under its name (the histogram boosting's `max_iter` is its own, not the MLP's)
_truth.write(metrics, {"alpha": mlp.alpha, "max_iter": 12, "random_state": 0,
                       "n_components": 3, "whiten": True, "with_mean": False,
                       "GradientBoostingClassifier.n_estimators": 5,
                       "GradientBoostingClassifier.subsample": 0.8,
                       "HistGradientBoostingClassifier.max_iter": 6,
                       "HistGradientBoostingClassifier.early_stopping": True,
                       "KMeans.n_clusters": 2, "k_neighbors": 3})
