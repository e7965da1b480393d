"""A hand-written Accelerate loop (the run_*_no_trainer scripts' `--with_tracking`) that logs
through its TensorBoard tracker: `init_trackers` with the run's config, `accelerator.log` of a
loss and a learning rate each step, an evaluation each epoch. Its own record is every value it
passed to `accelerator.log`, which its tracker's event file (read back with TensorBoard's
reader) holds at the same steps, as float32."""

import glob
import math
import tempfile

from accelerate import Accelerator
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

import _truth

root = tempfile.mkdtemp()
accelerator = Accelerator(cpu=True, log_with="tensorboard", project_dir=root)
config = {"learning_rate": 0.01, "num_train_epochs": 2, "model": "tiny"}
accelerator.init_trackers("glue", config=config)
metrics = {}


def log(values, step):
    accelerator.log(values, step=step)
    for key, value in values.items():
        _truth.add(metrics, key, step, value)


step = 0
for epoch in range(2):
    for _ in range(4):
        step += 1
        log({"train_loss": 1.0 / (step + 0.123456789), "lr": 0.01 / step}, step)
    log({"eval_accuracy": 0.5 + epoch / 7, "epoch": epoch}, step)
    print(f"epoch {epoch}: eval_accuracy: {0.5 + epoch / 7:.4f}")
accelerator.end_training()

written = {}
for path in glob.glob(f"{root}/glue/events.out.tfevents.*"):
    events = EventAccumulator(path)
    events.Reload()
    for tag in events.Tags()["scalars"]:
        written[tag] = [[event.step, event.value] for event in events.Scalars(tag)]
assert sorted(written) == sorted(metrics), (written, metrics)
for key, points in metrics.items():
    assert [s for s, _ in written[key]] == [s for s, _ in points], key
    assert all(math.isclose(a, b, rel_tol=1e-6) for (_, a), (_, b) in zip(written[key], points))
_truth.write(metrics, config)
