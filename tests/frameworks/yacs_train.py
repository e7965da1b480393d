"""A detectron2-style program configured with yacs: a `CfgNode` of defaults, a config file
(`--config-file`), then the command line's `KEY VALUE` overrides (`opts`, merged with
`merge_from_list`) and `freeze()`. Its record: the frozen configuration and its losses."""

import argparse
import sys

from yacs.config import CfgNode

import _truth

truth = sys.argv.pop(1)
defaults = CfgNode()
defaults.MODEL = CfgNode({"DEPTH": 18, "NAME": "resnet"})
defaults.SOLVER = CfgNode({"BASE_LR": 0.1, "MOMENTUM": 0.9, "STEPS": (30, 60)})
defaults.WANDB = CfgNode({"API_KEY": ""})
parser = argparse.ArgumentParser()
parser.add_argument("--config-file", default="")
parser.add_argument("opts", nargs=argparse.REMAINDER)
args = parser.parse_args()
cfg = defaults.clone()
cfg.merge_from_file(args.config_file)
cfg.merge_from_list(args.opts)
cfg.freeze()
metrics = {}
for epoch in range(3):
    loss = round(cfg.SOLVER.BASE_LR / (epoch + 1), 4)
    print(f"epoch {epoch} loss={loss}")
    _truth.add(metrics, "loss", epoch, loss)
settings = {section: dict(cfg[section]) for section in cfg}
settings["SOLVER"]["STEPS"] = list(settings["SOLVER"]["STEPS"])
settings["WANDB"]["API_KEY"] = "***"  # (a secret: the run keeps it redacted)
sys.argv[1:1] = [truth]
_truth.write(metrics, settings)
