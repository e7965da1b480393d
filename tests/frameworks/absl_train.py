"""An absl program (`app.run`): its flags from their defaults, a `--flagfile` and the command
line (`--noaugment`, the short `-e`, a secret's short `-t`). Its record: each flag's value, and its losses."""

import sys

from absl import app, flags

import _truth

truth = sys.argv.pop(1)
flags.DEFINE_float("learning_rate", 0.01, "the learning rate")
flags.DEFINE_integer("num_epochs", 3, "epochs", short_name="e")
flags.DEFINE_integer("batch_size", 32, "the batch size")
flags.DEFINE_boolean("augment", True, "whether to augment")
flags.DEFINE_list("layers", ["64"], "the hidden layers")
flags.DEFINE_string("hf_token", None, "a token", short_name="t")
flags.DEFINE_string("tag", "", "a tag (`-tag=x`: no value glued to `-t`)")
FLAGS = flags.FLAGS


def main(argv):
    metrics = {}
    for epoch in range(FLAGS.num_epochs):
        loss = round(FLAGS.learning_rate / (epoch + 1), 4)
        print(f"epoch {epoch} loss={loss}")
        _truth.add(metrics, "loss", epoch, loss)
    settings = {name: FLAGS[name].value for name in (
        "learning_rate", "num_epochs", "batch_size", "augment", "layers")}
    sys.argv[1:1] = [truth]
    _truth.write(metrics, settings)


app.run(main)
