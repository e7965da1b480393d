"""A loop written for MLflow (a file store in a temporary folder): params one by one and as a
dict, metrics at explicit steps and at none (MLflow keeps those at step 0), a dict of them at
a step, one through a client, and a nested run (a trial) whose values are its own, not the
run's. Its own record is MLflow's: every point of the top-level run, read back from the store."""

import os
import tempfile

os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
import mlflow
from mlflow.tracking import MlflowClient

import _truth

mlflow.set_tracking_uri("file:" + os.path.join(tempfile.mkdtemp(), "mlruns"))
with mlflow.start_run() as run:
    mlflow.log_param("lr", 0.05)
    mlflow.log_params({"optimizer": "sgd", "batch_size": 32, "amsgrad": False})
    for epoch in range(3):
        mlflow.log_metric("train_loss", 1.0 / (epoch + 1.123456789), step=epoch)
        mlflow.log_metrics({"val_loss": 1.5 / (epoch + 1.5), "val/acc": 0.5 + 0.1 * epoch},
                           step=10 * epoch)
    with mlflow.start_run(nested=True):
        mlflow.log_param("trial_lr", 0.1)
        mlflow.log_metric("train_loss", 9.9, step=1)
    MlflowClient().log_metric(run.info.run_id, "client_metric", 0.25, step=7)
    mlflow.log_metric("final_score", 0.91)

client = MlflowClient()
metrics = {}
for key in client.get_run(run.info.run_id).data.metrics:
    for point in client.get_metric_history(run.info.run_id, key):
        _truth.add(metrics, key, point.step, point.value)
_truth.write(metrics, {"lr": 0.05, "optimizer": "sgd", "batch_size": 32, "amsgrad": False})
