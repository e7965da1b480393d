"""The metrics and plots files a DVC project declares, read where the run wrote them.

A DVC pipeline's program often prints nothing and keeps its results in a file that `dvc.yaml`
names under `metrics:` (a stage's, or the file's own list), `json.dump(scores, f)` into
`metrics.json`, which `dvc metrics show` reads, and its curves in the files it names under
`plots:`. At a run's end, each such file the run wrote (changed since it started) gives its
numbers as metrics, flattened with `/` as a nested dict printed does (`{"train": {"loss":
0.2}}` is `train/loss`; DVC shows `train.loss`), and each plots file its rows as points.
JSON, YAML and TOML, as DVC reads them (and CSV and TSV for plots); YAML only where PyYAML is
installed (DVC installs it).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from runlab.store.events import INT_MAX

_SUFFIXES = (".json", ".yaml", ".yml", ".toml")  # what DVC reads metrics from
MAX_PLOT_BYTES = 64 << 20  # a plots file larger than this is not read
MAX_ROWS = 1_000_000  # a plots file's rows read at most
MAX_FOLDER_FILES = 1000  # the files of a plots folder read at most
# A plot's column that is a clock, no measure (DVCLive's `timestamp`, beside `step`)
_CLOCKS = frozenset({"timestamp", "time", "wall_time"})


@dataclass
class Declared:
    """A file a dvc.yaml declares: its path, the folder its name is taken from (`root`: the
    outermost dvc.yaml's), and what
    the declaration says of a plot (`x`, the column its rows are at; `y`, the columns drawn,
    None for every one)."""

    path: str
    root: str
    x: str | None = None
    y: list[str] | None = None
    folder: str | None = None  # the plots folder declared, for a file found in it
    plot: bool = False  # declared under `plots:`, not `metrics:`

    def named(self, column: str) -> str:
        """A plot's column's name: as it is, or, for a file of a plots folder, by the file's
        path in the folder (DVCLive's `dvclive/plots/metrics/train/loss.tsv`'s `loss` column is
        `train/loss`; its `acc.tsv`'s `acc` column, `acc`)."""
        if self.folder is None:
            return column
        name = os.path.splitext(os.path.relpath(self.path, self.folder))[0].replace(os.sep, "/")
        return name if name.rpartition("/")[2] == column else f"{name}/{column}"

    @property
    def label(self) -> str:
        """The file's name for its values where another file's have theirs: its path from
        the outermost dvc.yaml's folder (`root`) without its extension, its folder's alone
        where it is called `metrics` (`eval/metrics.json`: `eval`; `scores.json`: `scores`)."""
        if self.folder is not None:  # (its values are named by their path in it already)
            return os.path.relpath(self.folder, self.root).replace(os.sep, "/")
        name = os.path.splitext(os.path.relpath(self.path, self.root))[0].replace(os.sep, "/")
        head, _, tail = name.rpartition("/")
        return head if tail == "metrics" and head else name


@dataclass
class Read:
    """What a file gave: its values by name, and a point's step each for a plot (the step
    a metrics file holds, or None); why it gave less than it holds, where it did."""

    values: dict[str, list[tuple[int | None, float]]] = field(default_factory=dict)
    problem: str | None = None
    earlier: int = 0  # the rows a plots file held before the run, where it went on from them


def roots(cwd: str, top: str | None) -> list[str]:
    """The folders from `cwd` up to `top` (the repository's root; `cwd` alone without one)
    that hold a dvc.yaml, nearest first."""
    out, here = [], os.path.realpath(cwd)
    top = os.path.realpath(top) if top else here
    while True:
        if os.path.isfile(os.path.join(here, "dvc.yaml")):
            out.append(here)
        parent = os.path.dirname(here)
        if here == top or parent == here or os.path.commonpath([here, top]) != top:
            return out
        here = parent


def declared(root: str) -> list[Declared]:
    """The files `root/dvc.yaml` declares under `metrics:` and `plots:`: the stages' (relative
    to a stage's `wdir`), then the file's own lists; a file declared twice is one, every column
    either declaration draws. None without PyYAML to read the file."""
    from runlab.capture.inputs import config_document

    doc = config_document(os.path.join(root, "dvc.yaml"))
    if not isinstance(doc, dict):
        return []
    expanded = _stages(root, doc)
    merged: dict[str, Declared] = {}
    for kind in ("metrics", "plots"):
        found: list[Declared] = []
        for stage in expanded:
            wdir = stage.get("wdir")
            found += _listed(stage.get(kind), root,
                             os.path.join(root, wdir) if isinstance(wdir, str) else root)
        for entry in found:
            entry.plot = kind == "plots"
            seen = merged.setdefault(entry.path, entry)
            if seen is not entry:
                seen.x = seen.x or entry.x
                seen.y = None if seen.y is None or entry.y is None else [*seen.y, *entry.y]
    return list(merged.values())


MAX_INSTANCES = 10_000  # the stages a dvc.yaml's `foreach` and `matrix` expand to, at most
# What a stage's templates are filled in: the keys that name its files (never its `cmd`)
_DECLARING = ("metrics", "plots", "wdir")


class _TooLarge(Exception):
    """A dvc.yaml's templates expand past what is read (`MAX_INSTANCES`, `_Budget`)."""


@dataclass
class _Budget:
    left: int = 100_000  # the values filled in a dvc.yaml, at most (aliases nest: no bomb)
    instances: int = MAX_INSTANCES

    def spend(self, count: int = 1, instances: int = 0) -> None:
        self.left -= count
        self.instances -= instances
        if self.left < 0 or self.instances < 0:
            raise _TooLarge


def _stages(root: str, doc: dict[str, Any]) -> list[dict[str, Any]]:
    """A dvc.yaml's stages as DVC runs them (and its own `metrics:` and `plots:` lists as
    one more), their templates filled: `${name}` from the
    folder's `params.yaml` (which DVC loads first) and the file's `vars:`; a `foreach` stage
    one for each item of its list (`${item}`) or dict (`${key}`, `${item}`), a `matrix`
    stage one for each combination of its lists (`${item.model}`). A stage that cannot be
    filled (a name no variable has, a value of another kind, aliases past the budget) keeps
    the files it names as written, or is left out: never the file's other stages."""
    from runlab.capture.inputs import config_document

    params = config_document(os.path.join(root, "params.yaml"))
    budget = _Budget()
    try:
        context = _variables(root, doc.get("vars"), params if isinstance(params, dict) else {},
                             budget)
    except (_TooLarge, RecursionError, TypeError, ValueError):
        context = {}
    stages = doc.get("stages")
    # (the file's own lists last, as one more stage's: relative to its folder)
    own = {kind: doc[kind] for kind in ("metrics", "plots") if kind in doc}
    out: list[dict[str, Any]] = []
    for stage in [*(stages.values() if isinstance(stages, dict) else ()), own]:
        try:
            out += _instances(stage, root, context, budget)
        except _TooLarge:
            break
        except (RecursionError, TypeError, ValueError):
            continue
    return out


def _variables(base: str, listed: Any, context: dict[str, Any], budget: _Budget
               ) -> dict[str, Any]:
    """The variables a `vars:` list (a dvc.yaml's, a stage's, relative to its `wdir`) adds
    to `context`: a dict's own, a file's (`config.yaml`) or some of its keys'
    (`config.yaml:train,model`), a later one over an earlier."""
    from runlab.capture.inputs import config_document

    out = dict(context)
    for var in listed if isinstance(listed, list) else ():
        if isinstance(var, dict):
            out.update(_rendered(var, out, budget))
        elif isinstance(var, str):
            path, _, keys = var.partition(":")
            doc = config_document(os.path.join(base, path))
            if isinstance(doc, dict):
                wanted = [key.strip() for key in keys.split(",") if key.strip()]
                out.update({key: doc[key] for key in wanted if key in doc} if wanted else doc)
    return out


def _instances(stage: Any, root: str, context: dict[str, Any], budget: _Budget
               ) -> list[dict[str, Any]]:
    """A stage's definitions, the keys that name its files filled (`_stages`)."""
    import itertools

    if not isinstance(stage, dict):
        return []
    if "foreach" in stage and isinstance(stage.get("do"), dict):
        items = _rendered(stage["foreach"], context, budget)
        pairs = list(items.items()) if isinstance(items, dict) else \
            [(None, item) for item in items] if isinstance(items, list) else []
        budget.spend(instances=len(pairs))
        return [_filled(stage["do"], root, {**context, "item": item} if key is None
                        else {**context, "key": key, "item": item}, budget)
                for key, item in pairs]
    if isinstance(matrix := stage.get("matrix"), dict):
        axes = {name: values for name, values in _rendered(matrix, context, budget).items()
                if isinstance(values, list)}
        combinations = list(itertools.islice(itertools.product(*axes.values()),
                                             MAX_INSTANCES + 1))
        budget.spend(instances=len(combinations))
        return [_filled(stage, root, {**context, "item": dict(zip(axes, values))}, budget)
                for values in combinations]
    return [_filled(stage, root, context, budget)]


def _filled(stage: dict[str, Any], root: str, context: dict[str, Any], budget: _Budget
            ) -> dict[str, Any]:
    """A stage's `wdir`, `metrics` and `plots` filled from `context` and the stage's own
    `vars:` (their files relative to its `wdir`)."""
    if "vars" in stage:
        wdir = _rendered(stage.get("wdir"), context, budget)
        base = os.path.join(root, wdir) if isinstance(wdir, str) else root
        context = _variables(base, stage["vars"], context, budget)
    return {key: _rendered(stage[key], context, budget) for key in _DECLARING if key in stage}


def _rendered(value: Any, context: dict[str, Any], budget: _Budget) -> Any:
    """`value` with its texts' `${...}` filled from `context` (`inputs.filled`)."""
    from runlab.capture.inputs import MISSING, filled

    budget.spend()
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            name = _rendered(key, context, budget)
            out[name if isinstance(name, str) else key] = _rendered(item, context, budget)
        return out
    if isinstance(value, list):
        return [_rendered(item, context, budget) for item in value]
    if not isinstance(value, str) or "${" not in value:
        return value
    return filled(value, lambda name: _looked_up(context, name, MISSING))


def _looked_up(context: Any, name: str, missing: object) -> Any:
    """A variable by its dotted name (`train.lr`; a list's item by its index, `models.0` or
    `models[0]`), or `missing`."""
    for part in name.replace("[", ".").replace("]", "").split("."):
        if isinstance(context, dict) and part in context:
            context = context[part]
        elif isinstance(context, list) and part.isdigit() and int(part) < len(context):
            context = context[int(part)]
        else:
            return missing
    return context


@dataclass
class Project:
    """The files the `dvc.yaml` files of a run's folder and those above it declare, each once
    (the nearest declaration's), named from the outermost's folder, and how each file there
    was before the run (its time, its size, a CSV's last bytes: `_state`)."""

    entries: list[Declared]
    before: dict[str, tuple[int, int, bytes]]

    def written(self) -> list[Declared]:
        """The declared files the run wrote: new, or changed since it started (a file left
        by an earlier run is none of this run's)."""
        out = []
        for entry in files(self.entries):
            try:
                st = os.stat(entry.path)
            except OSError:
                continue
            if self.before.get(entry.path, (None, None))[:2] != (st.st_mtime_ns, st.st_size):
                out.append(entry)
        return out

    def points(self, recorded: Mapping[str, Any], same: Callable[[float, float], bool],
               secret: Callable[[str], bool]) -> tuple[list[list[Any]], list[str]]:
        """The points of the files the run wrote, and why a file gave less than it holds.
        A metrics file's values are at the step it holds, else at the run's last; a plot's, a
        point a row. A value the run recorded already (`recorded`, the run's metrics' summaries
        by key, its last value `same` as the file's: printed, a hook's) is not taken again, nor
        a metrics file's value that sums up a curve; a name that two files give, or that the
        run recorded with another value, is named by its file too (`eval/acc`)."""
        from collections import Counter

        from runlab.store.events import metric_name_problem

        reads = [(entry, read_plot(entry, self.before.get(entry.path, (0, 0, b""))[1:])
                  if entry.plot else read_metrics(entry)) for entry in self.written()]
        problems = [read.problem for _, read in reads if read.problem]
        # Values said already: the run's, and a curve's last that a metrics file sums up
        # (DVCLive's `metrics.json` beside its `plots/metrics`)
        said = {key: m.last for key, m in recorded.items() if m.last is not None}
        plotted = {key: series[-1][1] for entry, read in reads if entry.plot
                   for key, series in read.values.items()}
        for entry, read in reads:
            for key in [key for key, series in read.values.items()
                        if key in said and same(said[key], series[-1][1])
                        or not entry.plot and plotted.get(key) == series[-1][1]]:
                del read.values[key]
        given = Counter(key for _, read in reads for key in read.values)  # by how many files
        last = max([m.last_step for key, m in recorded.items()
                    if m.last_step is not None and not key.startswith("sys/")]
                   + [s for _, read in reads for series in read.values.values()
                      for s, _ in series if s is not None], default=0)
        points: list[list[Any]] = []
        taken = set(recorded)
        now = time.time()
        for entry, read in reads:
            for key, series in read.values.items():
                label = entry.label  # (`curves/loss.csv`'s `loss` column: `curves/loss`)
                name = key if given[key] == 1 and key not in recorded else label \
                    if label.rpartition("/")[2] == key else f"{label}/{key}"
                if name in taken or metric_name_problem(name) is not None or secret(key):
                    continue
                taken.add(name)
                points += [[name, value, last if step is None else step, now]
                           for step, value in series]
        return points, problems


def project(cwd: str, top: str | None) -> Project | None:
    """The DVC project a run in `cwd` works in (`top`: its repository's root), as it is
    before the run; None where no folder holds a `dvc.yaml`."""
    found = roots(cwd, top)
    if not found:
        return None
    entries: dict[str, Declared] = {}
    for root in found:
        for entry in declared(root):
            entry.root = found[-1]
            entries.setdefault(os.path.realpath(entry.path), entry)
    listed = list(entries.values())
    return Project(listed, {entry.path: state for entry in files(listed)
                            if (state := _state(entry)) is not None})


def _state(entry: Declared) -> tuple[int, int, bytes] | None:
    """How a declared file is before the run: its modification time (ns), its size, and a
    CSV's or TSV's last 64 bytes (so that one the run appends to, Keras'
    `CSVLogger(append=True)`, is read from the rows it added); None where there is none."""
    try:
        with open(entry.path, "rb") as f:
            st = os.fstat(f.fileno())
            tail = b""
            if entry.plot and entry.path.lower().endswith((".csv", ".tsv")):
                f.seek(max(st.st_size - 64, 0))
                tail = f.read(64)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, tail


def files(entries: list[Declared]) -> list[Declared]:
    """The declared files there are, a plots folder's files each (DVCLive's `plots/metrics`,
    its `.tsv` files by metric), up to `MAX_FOLDER_FILES` a folder."""
    out = []
    for entry in entries:
        if os.path.isfile(entry.path):
            out.append(entry)
        elif os.path.isdir(entry.path):
            found = 0
            for folder, dirs, names in os.walk(entry.path):
                dirs.sort()
                for name in sorted(names):
                    if name.lower().endswith((".csv", ".tsv", *_SUFFIXES)):
                        found += 1
                        out.append(Declared(os.path.join(folder, name), entry.root, entry.x,
                                            entry.y, entry.path, entry.plot))
                if found >= MAX_FOLDER_FILES:
                    break
    return out


def read_metrics(entry: Declared) -> Read:
    """A metrics file's numbers by their flattened names, at the `step` it holds at its top
    (DVCLive's `metrics.json`), else None; nothing where the file is no such document."""
    from runlab.capture.inputs import MAX_CONFIG_BYTES, MAX_CONFIG_PARAMS, config_params

    out = Read()
    if not entry.path.lower().endswith(_SUFFIXES):
        return out
    try:
        if os.path.getsize(entry.path) > MAX_CONFIG_BYTES:
            out.problem = f"{entry.path}: larger than {MAX_CONFIG_BYTES >> 20} MiB, not read"
            return out
    except OSError:
        return out
    values = config_params(entry.path) or {}
    if len(values) >= MAX_CONFIG_PARAMS:
        out.problem = f"{entry.path}: its first {MAX_CONFIG_PARAMS} values read only"
    step = values.pop("step", None)
    at = step if type(step) is int and 0 <= step <= INT_MAX else None
    for key, value in values.items():
        number = _number(value) if not isinstance(value, str) else None
        if number is not None:
            out.values[key] = [(at, number)]
    return out


def read_plot(entry: Declared, before: tuple[int, bytes] = (0, b"")) -> Read:
    """A plots file's curves: each numeric column (those its `y` names, where it names them)
    a point a row, at the row's `x` column (`step` where it names none and the file has one)
    where that is a whole number, else at the row's place (from 0, as DVC draws it); a CSV
    the run appended a training of its own to (it still ends as it did `before`, its size and
    last bytes then, and its `x` starts again after it) from the rows after."""
    out = Read()
    found = _rows(entry.path, out, before)
    # (Keras' CSVLogger's rows are at their `epoch`, where no `x` is declared)
    x = entry.x or ("epoch" if found and "step" not in found[0] and "epoch" in found[0]
                    else "step")
    if 0 < out.earlier < len(found):
        # (rows added after an earlier run's: a training's of its own where its `x` starts
        # again, Keras' `CSVLogger(append=True)`; else the file written again, longer)
        last, first = _number(found[out.earlier - 1].get(x)), _number(found[out.earlier].get(x))
        if last is not None and first is not None and first <= last:
            found = found[out.earlier:]
    if len(found) > MAX_ROWS:
        out.problem = f"{entry.path}: its first {MAX_ROWS:,} rows read only"
    for place, row in enumerate(found[:MAX_ROWS]):
        at = _number(row.get(x))
        step = int(at) if at is not None and at.is_integer() and 0 <= at < INT_MAX else place
        for key, cell in row.items():
            value = _number(cell)
            if isinstance(key, str) and key != x and value is not None and (
                    key in entry.y if entry.y is not None else key not in _CLOCKS):
                out.values.setdefault(entry.named(key), []).append((step, value))
    return out


def _listed(entries: Any, root: str, base: str) -> list[Declared]:
    """The files of a `metrics:` or `plots:` list: `metrics.json`, `scores.json: {cache:
    false}`, `loss.csv: {x: epoch, y: [loss]}`, and a top-level plot's definition, `Loss: {x:
    epoch, y: {train.csv: loss, val.csv: loss}}` (its files, each with its columns); a
    template left unfilled (`${nowhere}`, no variable of that name) names no file."""
    out = []
    for entry in entries if isinstance(entries, list) else ():
        props: Any = {}
        if isinstance(entry, dict) and len(entry) == 1:
            entry, props = next(iter(entry.items()))
            props = props if isinstance(props, dict) else {}
        if not isinstance(entry, str) or not entry or "${" in entry:
            continue
        ys, xs = props.get("y"), props.get("x")
        files = ys if isinstance(ys, dict) else {entry: ys}  # (a plot's id, its files)
        for name, columns in files.items():
            if isinstance(name, str) and "${" not in name:
                x = xs.get(name) if isinstance(xs, dict) else xs
                out.append(Declared(os.path.normpath(os.path.join(base, name)), root,
                                    x if isinstance(x, str) else None, _columns(columns)))
    return out


def _columns(ys: Any) -> list[str] | None:
    if isinstance(ys, str):
        return [ys]
    return [y for y in ys if isinstance(y, str)] if isinstance(ys, list) else None


def _rows(path: str, out: Read, before: tuple[int, bytes]) -> list[dict[str, Any]]:
    """A plots file's rows: a CSV's or TSV's lines under its header (`out.earlier`, how many
    it held `before`, where it goes on from there), a JSON or YAML list of objects (or an
    object holding one such list, as DVC takes it); none where it is neither."""
    ext = os.path.splitext(path)[1].lower()
    try:
        if os.path.getsize(path) > MAX_PLOT_BYTES:
            out.problem = f"{path}: larger than {MAX_PLOT_BYTES >> 20} MiB, not read"
            return []
    except OSError:
        return []
    if ext in (".csv", ".tsv"):
        import csv
        import io
        import itertools

        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            return []
        delimiter = "\t" if ext == ".tsv" else ","
        try:
            if 0 < before[0] < len(data) and \
                    data[max(before[0] - len(before[1]), 0):before[0]] == before[1]:
                out.earlier = len(list(csv.DictReader(io.StringIO(data[:before[0]].decode(
                    "utf-8", errors="replace"), newline=""), delimiter=delimiter)))
            text = io.StringIO(data.decode("utf-8", errors="replace"), newline="")
            return list(itertools.islice(csv.DictReader(text, delimiter=delimiter), MAX_ROWS + 1))
        except csv.Error:
            return []
    from runlab.capture.inputs import config_document

    doc = config_document(path) if ext in _SUFFIXES else None
    if isinstance(doc, dict):
        lists = [v for v in doc.values() if isinstance(v, list)]
        doc = lists[0] if len(lists) == 1 else None
    return [row for row in doc if isinstance(row, dict)] if isinstance(doc, list) else []


def _number(cell: Any) -> float | None:
    """A cell's number (a CSV's text too; NaN and infinities are values, as printed ones
    are); None for a word, a flag or nothing."""
    if isinstance(cell, bool):
        return None
    try:
        if isinstance(cell, (int, float, str)):
            return float(cell)
    except (ValueError, OverflowError):  # (a word; a whole number past a float's range)
        return None
    return None

