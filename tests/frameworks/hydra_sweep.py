"""A Hydra sweep (`--multirun model.lr=0.1,0.5,0.9`): each job, run in this process one after
the other, prints its epochs and returns its last loss, the objective Hydra's sweepers take.
Its own record: each job's return value at its number (Hydra's `multirun/.../0`, `1`, ...);
what the jobs print is theirs, no run's curve."""

import sys

import hydra

import _truth

truth = sys.argv.pop(1)
returned = []


@hydra.main(config_path="conf", config_name="config", version_base=None)
def main(cfg):
    loss = 1.0
    for epoch in range(3):
        loss *= 1 - cfg.model.lr
        print(f"epoch {epoch} loss={loss:.4f}")
    returned.append(loss)
    return loss


main()
sys.argv[1:1] = [truth]
_truth.write({"value": [[number, value] for number, value in enumerate(returned)]})
