"""Curves kept by estimators inside composites: an MLP as a pipeline's last step (verbose, so
its printed losses are the hook's too), and gradient boosting searched over by GridSearchCV,
whose refit best estimator's curve is the search's (not its cross-validation clones'), and
its best cross-validated score its own. The clones print their curves as they fit (verbose,
as cross_val_score's of the MLP do before): none of that is the run's. A search over a text
pipeline's `ngram_range` has a tuple among its best settings: a param all the same."""

import warnings

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import _truth

warnings.simplefilter("ignore")
rng = np.random.default_rng(0)
x = rng.normal(size=(200, 4))
y = (x[:, 0] > 0).astype(int)
mlp = MLPClassifier(hidden_layer_sizes=(8,), max_iter=5, random_state=1, verbose=True)
print("cv:", cross_val_score(mlp, x, y, cv=2))
pipe = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(8,), max_iter=7,
                                                     random_state=0, verbose=True)).fit(x, y)
search = GridSearchCV(GradientBoostingClassifier(n_estimators=4, random_state=0, verbose=1),
                      {"max_depth": [1, 2]}, cv=2).fit(x, y)
metrics = {}
for key, curve in (("loss", pipe[-1].loss_curve_),
                   ("train_loss", search.best_estimator_.train_score_)):
    for i, value in enumerate(curve):
        _truth.add(metrics, key, i + 1, value)
_truth.add(metrics, "best_cv_score", 0, search.best_score_)
texts = ["good movie", "bad movie", "great film", "awful film", "good film", "bad plot"] * 4
words = GridSearchCV(make_pipeline(TfidfVectorizer(), LogisticRegression()),
                     {"tfidfvectorizer__ngram_range": [(1, 1), (1, 2)]}, cv=2).fit(
    texts, [1, 0, 1, 0, 1, 0] * 4)
_truth.add(metrics, "best_cv_score", 1, words.best_score_)  # (the next point of the key)
_truth.write(metrics, {f"best_{k}": v for k, v in {**search.best_params_,
                                                    **words.best_params_}.items()})
