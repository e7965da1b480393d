"""A program written for MLflow (a file store in a temporary folder): params one by one and as
a dict, metrics at explicit steps and at none (MLflow keeps those at step 0), a dict of them at
a step, a model logged (which logs the metrics at its step again, linked to it), one
through a client, one from a thread, a nested run (a trial) and a run made a child
afterwards whose values are their own, a call MLflow refuses; then a Keras fit whose callback
hands the epoch's logs to MLflow as well, with a measure of its own. Its own record is
MLflow's, every point of the top-level run read back from the store, but for the logs the
Keras callback copied: the Keras hook's (at its epochs, from 1)."""

import os
import tempfile
from concurrent.futures import ThreadPoolExecutor

os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
os.environ.setdefault("KERAS_BACKEND", "torch")
import keras
import mlflow
import numpy as np
from mlflow.tracking import MlflowClient

import _truth


class ToMlflow(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        mlflow.log_metrics(logs, step=epoch)
        mlflow.log_metric("val_f1", 0.5 + epoch / 10, step=epoch)


class Echo(mlflow.pyfunc.PythonModel):
    def predict(self, context, model_input):
        return model_input


mlflow.set_tracking_uri("file:" + os.path.join(tempfile.mkdtemp(), "mlruns"))
client = MlflowClient()
with mlflow.start_run() as run:
    mlflow.log_param("lr", 0.05)
    mlflow.log_params({"optimizer": "sgd", "batch_size": 32, "amsgrad": False, "tag": "1.10"})
    for epoch in range(3):
        mlflow.log_metric("train_loss", 1.0 / (epoch + 1.123456789), step=epoch)
        mlflow.log_metrics({"valid_loss": 1.5 / (epoch + 1.5), "val/acc": 0.5 + 0.1 * epoch},
                           step=10 * epoch)
    # (logging a model links the run's metrics at its step to it: MLflow logs them again)
    mlflow.pyfunc.log_model(name="model", python_model=Echo(), pip_requirements=[], step=2)
    with mlflow.start_run(nested=True):
        mlflow.log_param("trial_lr", 0.1)
        mlflow.log_metric("train_loss", 9.9, step=1)
    later = client.create_run(run.info.experiment_id)
    client.set_tag(later.info.run_id, "mlflow.parentRunId", run.info.run_id)
    client.log_metric(later.info.run_id, "train_loss", 8.8, step=2)
    client.log_metric(run.info.run_id, "client_metric", 0.25, step=7)
    with ThreadPoolExecutor(1) as pool:
        pool.submit(client.log_metric, run.info.run_id, "thread_metric", 0.75, step=1).result()
    try:
        mlflow.log_metric("bad?", 1.0)  # a name MLflow refuses
    except Exception:
        pass
    mlflow.log_metric("final_score", 0.91)
    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
    y = (x.sum(axis=1) > 0).astype("float32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    history = model.fit(x, y, epochs=2, batch_size=16, validation_split=0.25, verbose=0,
                        callbacks=[ToMlflow()])

metrics = {}
for key in client.get_run(run.info.run_id).data.metrics:
    if key in history.history:
        continue
    # (each point once: the copy linked to the model keeps the point's time, and a file
    # store keeps no link)
    for point in {(p.step, p.value, p.timestamp): p
                  for p in client.get_metric_history(run.info.run_id, key)}.values():
        _truth.add(metrics, key, point.step, point.value)
for key, values in history.history.items():
    for epoch, value in enumerate(values, start=1):
        _truth.add(metrics, key, epoch, value)
_truth.write(metrics, {"lr": 0.05, "optimizer": "sgd", "batch_size": 32, "amsgrad": False,
                       "tag": "1.10"})
