"""A Hydra app: the composed configuration (YAML defaults plus overrides) is its record."""

import sys

import hydra
from omegaconf import OmegaConf

truth = sys.argv.pop(1)


@hydra.main(config_path="conf", config_name="config", version_base=None)
def main(cfg):
    sys.argv[1:1] = [truth]
    import _truth

    _truth.write({}, OmegaConf.to_container(cfg, resolve=True))


main()
