"""A tiny Keras fit (torch backend), verbose per batch, then resumed for one more epoch; its own
record is the History (epochs) and the logs its callbacks get per batch."""

import os

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras
import numpy as np
from tqdm.keras import TqdmCallback

import _truth


class Batches(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.logs, self.count = [], 0

    def on_train_batch_end(self, batch, logs=None):
        self.count += 1
        self.logs.append((self.count, dict(logs)))


_truth.ready()
keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(64, 4)).astype("float32")
y = (x.sum(axis=1) > 0).astype("float32")
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
batches = Batches()
# A schedule writes the learning rate into each epoch's logs, after the hook's turn would come.
halve = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5)
history = model.fit(x, y, epochs=2, batch_size=16, validation_split=0.25,
                    callbacks=[batches, halve])
# Resumed, as the tutorials fine-tune: epoch 3 of 3, its batches after the first fit's.
# With tqdm's Keras callback too: its bars show the logs the hook records, not points of their own.
again = model.fit(x, y, epochs=3, initial_epoch=2, batch_size=16, validation_split=0.25,
                  callbacks=[batches, TqdmCallback(verbose=1)])
metrics = {}
for fit, first in ((history, 1), (again, 3)):
    for key, values in fit.history.items():
        for epoch, value in enumerate(values):
            _truth.add(metrics, key, first + epoch, value)  # as printed, `Epoch 1/2`
for count, logs in batches.logs:
    for key, value in logs.items():
        _truth.add(metrics, f"batch/{key}", count, value)
# An evaluation, its bar showing the results under the training's names, and the program's own
# prints of them once it returned: at the epoch the fit left the run at.
results = model.evaluate(x, y, return_dict=True)
for key, value in results.items():
    _truth.add(metrics, f"eval_{key}", 3, value)
print(results)
print("Test:", results)  # (under a label: the same values)
test_loss, test_accuracy = results["loss"], results["accuracy"]
print(f"test_loss: {test_loss}, test_accuracy: {test_accuracy}")
_truth.add(metrics, "test_loss", 3, test_loss)
_truth.add(metrics, "test_accuracy", 3, test_accuracy)
_truth.write(metrics)
