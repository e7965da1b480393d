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
MAX_PLOT_BYTES = 16 << 20  # a plots file larger than this is not read
MAX_ROWS = 100_000


def declared(root: str, kind: str = "metrics") -> list[tuple[str, dict[str, Any]]]:
    """The files `root/dvc.yaml` declares under `kind` (`metrics`, `plots`), each with what
    the declaration says of it (a plot's `x` and `y` columns), as paths (relative ones under
    `root`, or under a stage's `wdir`); none without the file, or without PyYAML to read it."""
    doc = _load(os.path.join(root, "dvc.yaml"))
    if not isinstance(doc, dict):
        return []
    found = []
    stages = doc.get("stages")
    for stage in stages.values() if isinstance(stages, dict) else ():
        if isinstance(stage, dict):
            wdir = stage.get("wdir")
            found += _listed(stage.get(kind),
                             os.path.join(root, wdir) if isinstance(wdir, str) else root)
    found += _listed(doc.get(kind), root)  # (the stages' first, then the file's own)
    return list({path: (path, props) for path, props in found}.values())


def written(root: str, since: float, kind: str = "metrics") -> list[tuple[str, dict[str, Any]]]:
    """The files `root`'s dvc.yaml declares under `kind` that were written at `since` or
    later."""
    out = []
    for path, props in declared(root, kind):
        try:
            if os.path.isfile(path) and os.stat(path).st_mtime >= since:
                out.append((path, props))
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


def _listed(entries: Any, base: str) -> list[tuple[str, dict[str, Any]]]:
    """The files of a `metrics:` or `plots:` list: `metrics.json`, `scores.json: {cache:
    false}`, `loss.csv: {x: epoch, y: [loss]}`, and a top-level plot's definition, `Loss: {x:
    epoch, y: {train.csv: loss, val.csv: loss}}` (its files, each with its columns); a
    templated path (`${item}`) is no file yet."""
    out = []
    for entry in entries if isinstance(entries, list) else ():
        props: Any = {}
        if isinstance(entry, dict) and len(entry) == 1:
            entry, props = next(iter(entry.items()))
            props = props if isinstance(props, dict) else {}
        if not isinstance(entry, str) or not entry or "${" in entry:
            continue
        ys = props.get("y")
        if isinstance(ys, dict):  # (a plot's id, its files under `y`)
            xs = props.get("x")
            for name, columns in ys.items():
                if isinstance(name, str) and "${" not in name:
                    x = xs.get(name) if isinstance(xs, dict) else xs
                    out.append((os.path.normpath(os.path.join(base, name)),
                                {"x": x, "y": columns}))
            continue
        out.append((os.path.normpath(os.path.join(base, entry)), props))
    return out


def rows(path: str) -> list[dict[str, Any]]:
    """A plots file's rows: a CSV's or TSV's lines under its header, a JSON or YAML list of
    objects (or an object holding one such list, as DVC takes it); none where it is neither."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".csv", ".tsv"):
        import csv

        try:
            if os.path.getsize(path) > MAX_PLOT_BYTES:
                return []
            with open(path, newline="", encoding="utf-8", errors="replace") as f:
                return list(csv.DictReader(f, delimiter="\t" if ext == ".tsv" else ","))
        except (OSError, csv.Error):
            return []
    doc = _load(path) if ext in _SUFFIXES else None
    if isinstance(doc, dict):
        lists = [v for v in doc.values() if isinstance(v, list)]
        doc = lists[0] if len(lists) == 1 else None
    return [row for row in doc if isinstance(row, dict)] if isinstance(doc, list) else []


def curves(path: str, props: dict[str, Any]) -> dict[str, list[tuple[int, float]]]:
    """A plots file's curves: each numeric column (those its `y` names, where it names them)
    a point a row, at the row's `x` column (`step` where it names none and the file has one)
    where that is a whole number, else at the row's place (from 0, as DVC draws it)."""
    x: str = props["x"] if isinstance(props.get("x"), str) else "step"
    ys = props.get("y")
    wanted = [ys] if isinstance(ys, str) else [y for y in ys if isinstance(y, str)] \
        if isinstance(ys, list) else None
    out: dict[str, list[tuple[int, float]]] = {}
    for place, row in enumerate(rows(path)[:MAX_ROWS]):
        at = _number(row.get(x))
        step = int(at) if at is not None and at.is_integer() and at >= 0 else place
        for key, cell in row.items():
            value = _number(cell)
            if isinstance(key, str) and key != x and value is not None and (
                    wanted is None or key in wanted):
                out.setdefault(key, []).append((step, value))
    return out


def _number(cell: Any) -> float | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        value = float(cell)
    elif isinstance(cell, str):
        try:
            value = float(cell)
        except ValueError:
            return None
    else:
        return None
    return None if math.isinf(value) else value


def _load(path: str) -> Any:
    from runlab.capture.inputs import config_document

    return config_document(path)
