"""The metrics files a DVC project declares, read where the run wrote them.

A DVC pipeline's program often prints nothing and keeps its results in a file that `dvc.yaml`
names under `metrics:` (a stage's, or the file's own list), `json.dump(scores, f)` into
`metrics.json`, which `dvc metrics show` reads. At a run's end, each such file the run wrote
(changed since it started) gives its numbers as metrics, flattened with `/` as a nested dict
printed does (`{"train": {"loss": 0.2}}` is `train/loss`; DVC shows `train.loss`). JSON, YAML
and TOML, as DVC reads them; YAML only where PyYAML is installed (DVC installs it).
"""

from __future__ import annotations

import math
import os
from typing import Any

_SUFFIXES = (".json", ".yaml", ".yml", ".toml")  # what DVC reads metrics from


def declared(root: str) -> list[str]:
    """The metrics files `root/dvc.yaml` declares, as paths (relative ones under `root`, or
    under a stage's `wdir`); none without the file, or without PyYAML to read it."""
    doc = _load(os.path.join(root, "dvc.yaml"))
    if not isinstance(doc, dict):
        return []
    found = _listed(doc.get("metrics"), root)
    stages = doc.get("stages")
    for stage in stages.values() if isinstance(stages, dict) else ():
        if isinstance(stage, dict):
            wdir = stage.get("wdir")
            found += _listed(stage.get("metrics"),
                             os.path.join(root, wdir) if isinstance(wdir, str) else root)
    return list(dict.fromkeys(found))


def written(root: str, since: float) -> list[str]:
    """The metrics files `root`'s dvc.yaml declares that were written at `since` or later."""
    out = []
    for path in declared(root):
        try:
            if os.stat(path).st_mtime >= since:
                out.append(path)
        except OSError:
            continue
    return out


def read(path: str) -> tuple[dict[str, float], int | None]:
    """A metrics file's numbers by their flattened names, and the `step` it holds at its top
    (DVCLive's `metrics.json`), else None; nothing where the file is no such document."""
    from runlab.capture.inputs import config_params

    values = config_params(path) if path.lower().endswith(_SUFFIXES) else None
    step = (values or {}).pop("step", None)
    numbers = {key: float(value) for key, value in (values or {}).items()
               if isinstance(value, (int, float)) and not isinstance(value, bool)
               and not math.isinf(value)}
    return numbers, step if type(step) is int and step >= 0 else None


def _listed(entries: Any, base: str) -> list[str]:
    """The paths of a `metrics:` list: `metrics.json`, or `scores.json: {cache: false}`; a
    templated one (`${item}`) is no file yet."""
    out = []
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict) and len(entry) == 1:
            entry = next(iter(entry))
        if isinstance(entry, str) and entry and "${" not in entry:
            out.append(os.path.normpath(os.path.join(base, entry)))
    return out


def _load(path: str) -> Any:
    from runlab.capture.inputs import config_document

    return config_document(path)
