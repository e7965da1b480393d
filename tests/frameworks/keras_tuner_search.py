"""Keras Tuner's RandomSearch over a tiny Keras model (torch backend), as its "Getting started"
guide runs it: three trials of two epochs each, its display and `results_summary()`, then (with
`refit`) the best hyperparameters refit. Its own record: each trial's score at its id (the tuner's oracle),
the best trial's hyperparameters, then the refit's History. What the trials' fits log is no
run's."""

import os
import sys
import tempfile

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras
import keras_tuner
import numpy as np

import _truth


def build(hp):
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(hp.Int("units", min_value=4, max_value=12, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(hp.Float("lr", 1e-3, 1e-1, sampling="log")),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model


keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(64, 4)).astype("float32")
y = (x.sum(axis=1) > 0).astype("float32")
tuner = keras_tuner.RandomSearch(build, objective="val_accuracy", max_trials=3, seed=1,
                                 directory=tempfile.mkdtemp(), project_name="search")
tuner.search_space_summary()
tuner.search(x, y, epochs=2, batch_size=16, validation_split=0.25)
tuner.results_summary()
metrics = {}


def best_so_far(trial):
    return max(t.score for t in tuner.oracle.trials.values() if t.trial_id <= trial.trial_id)


for trial in tuner.oracle.trials.values():
    _truth.add(metrics, "score", int(trial.trial_id) + 1, trial.score)  # `Trial 1 Complete`
    _truth.add(metrics, "Best_val_accuracy_So_Far", int(trial.trial_id) + 1, best_so_far(trial))
best = tuner.get_best_hyperparameters(1)[0]
if "refit" in sys.argv:
    history = build(best).fit(x, y, epochs=2, batch_size=16, validation_split=0.25, verbose=2)
    for key, values in history.history.items():
        for epoch, value in enumerate(values, start=1):
            _truth.add(metrics, key, epoch, value)
_truth.write(metrics, dict(best.values))
