"""Tiny scikit-learn fits that keep curves: an MLP with early stopping, gradient boosting
(verbose, out-of-bag) and histogram gradient boosting with early stopping. A scaler's
`fit_transform` is the program's fit (its settings are params); `log_loss`'s own
LabelBinarizer is scikit-learn's (its `neg_label` is none), while the estimator a model's
function API fits (`k_means`) is the program's; a mixture an installed library fits for its own
use (a data synthesizer's per-column transformer) is the library's."""

import os
import sys
import tempfile
import warnings

import numpy as np
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
# A preprocessor fitted first: its settings (`random_state` None) give way to the model's.
PCA(n_components=3, whiten=True).fit(x)
StandardScaler(with_mean=False).fit_transform(x)
mlp = MLPClassifier(hidden_layer_sizes=(8,), max_iter=12, early_stopping=True,
                    n_iter_no_change=50, random_state=0, verbose=True).fit(x, y)
gb = GradientBoostingClassifier(n_estimators=5, max_depth=2, subsample=0.8, random_state=0,
                                verbose=1).fit(x, y)
hgb = HistGradientBoostingClassifier(max_iter=6, early_stopping=True, n_iter_no_change=50,
                                     random_state=0).fit(x, y)
log_loss(y, mlp.predict_proba(x))
k_means(x, n_clusters=2, n_init=1, random_state=0)
library = os.path.join(tempfile.mkdtemp(), "site-packages")
os.makedirs(os.path.join(library, "synthlib"))
with open(os.path.join(library, "synthlib", "__init__.py"), "w") as f:
    f.write("from sklearn.mixture import BayesianGaussianMixture\n"
            "def normalize(column):\n"
            "    return BayesianGaussianMixture(n_components=2, weight_concentration_prior=0.123,"
            " random_state=0).fit(column)\n")
sys.path.insert(0, library)
import synthlib  # noqa: E402

synthlib.normalize(x[:, :1])
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
# the first model's, and the preprocessor's where no model has its own
_truth.write(metrics, {"alpha": mlp.alpha, "n_estimators": 5, "max_iter": 12, "random_state": 0,
                       "n_components": 3, "whiten": True, "with_mean": False, "n_clusters": 2})
