"""Fits in one program, by what argv[2] names: `keras`, two models fitted with other learning
rates, the second fine-tuned at a lower one (a model fitted again goes on with its training);
`xgb_cv`, a cross-validation then the training it chose the settings for, refitted with
fewer rounds (one training);
`xgb_loop` and `lgb_loop`, a loop over the trees' depth (two trainings each)."""

import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")

import numpy as np

import _truth

case = sys.argv[2]
rng = np.random.default_rng(0)
x = rng.random((64, 4)).astype("float32")
y = (x.sum(1) > 2).astype("float32")
settings = []
if case == "keras":
    import keras

    for lr in (0.1, 0.01):
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.SGD(lr), loss="mse")
        model.fit(x, y, epochs=2, verbose=0)
        settings.append({"learning_rate": lr})
    model.compile(optimizer=keras.optimizers.SGD(0.001), loss="mse")
    model.fit(x, y, epochs=3, initial_epoch=2, verbose=0)
elif case.startswith("xgb"):
    import xgboost as xgb

    data = xgb.DMatrix(x, label=y)
    if case == "xgb_cv":
        xgb.cv({"max_depth": 3}, data, num_boost_round=4, nfold=3)
        xgb.train({"max_depth": 3}, data, num_boost_round=3)
        # (refitted with the best round count: the same training's settings)
        xgb.train({"max_depth": 3}, data, num_boost_round=2)
        settings.append({"max_depth": 3})
    else:
        for depth in (2, 4):
            xgb.train({"max_depth": depth}, data, num_boost_round=3)
            settings.append({"max_depth": depth})
else:
    import lightgbm as lgb

    for leaves in (4, 8):
        lgb.train({"num_leaves": leaves, "verbose": -1, "min_data_in_leaf": 5},
                  lgb.Dataset(x, label=y), num_boost_round=3)
        settings.append({"num_leaves": leaves})
_truth.write({}, {"fits": settings})
