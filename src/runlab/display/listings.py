"""Tables for artifacts, the model registry and named commands (rich Text via `grid`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text

from runlab.lifecycle.artifacts import Artifact
from runlab.display import format as fmt
from runlab.display.grid import grid
from runlab.launch.commands import NamedCommand
from runlab.lifecycle.registry import Model, ModelVersion
from runlab.store import Run


def _table(header: list[str], rows: list[list[str]], right: list[bool], colour: bool,
           width: int | None = None) -> Text:
    text, _ = grid(header, [[Text(c) for c in row] for row in rows], right=right, width=width,
                   flexible=len(header) - 1, header_style="bold" if colour else "")
    return text


def artifacts(items: Sequence[Artifact], colour: bool) -> Text:
    rows = [[a.path, fmt.size(a.size), a.sha256[:12], fmt.when(a.time)] for a in items]
    return _table(["path", "size", "sha256", "time"], rows, [False, True, False, False], colour)


def models(items: Sequence[Model], colour: bool) -> Text:
    rows = [[m.name, str(m.latest.version), str(len(m.versions)),
             " ".join(f"{a}={v}" for a, v in sorted(m.aliases.items())),
             m.latest.framework or "", fmt.when(m.latest.created)] for m in items]
    return _table(["name", "latest", "versions", "aliases", "framework", "updated"], rows,
                  [False, True, True, False, False, False], colour)


def versions(model: Model, chosen: Sequence[ModelVersion], runs: Mapping[str, Run | None],
             colour: bool) -> Text:
    """The versions of a model with their runs' params and last metric values."""
    params = sorted({k for v in chosen if (r := runs.get(v.run_id)) for k in r.params})
    metrics = sorted({k for v in chosen if (r := runs.get(v.run_id)) for k in r.metrics})
    header = ["version", "aliases", "run", "path", "framework", "size", "created",
              *params, *metrics]
    rows: list[list[str]] = []
    for v in chosen:
        run = runs.get(v.run_id)
        row = [str(v.version), " ".join(sorted(v.aliases)),
               str(run.number) if run else f"{v.run_id[:8]} (gone)", v.path,
               v.framework or "", fmt.size(v.size), fmt.when(v.created)]
        row += [fmt.value(run.params[k]) if run and k in run.params else "" for k in params]
        row += [fmt.number(run.metrics[k].last) if run and k in run.metrics else ""
                for k in metrics]
        rows.append(row)
    right = [True, False, True, False, False, True, False] + [False] * len(params) \
        + [True] * len(metrics)
    title = Text(f"{model.name}", style="bold" if colour else "")
    out = Text.assemble(title, "\n")
    out.append_text(_table(header, rows, right, colour))
    return out


def commands(items: Sequence[NamedCommand], colour: bool) -> Text:
    rows = [[c.name, " ".join(_param(c, k) for k in c.params), c.help or "", c.run]
            for c in items]
    return _table(["name", "params", "help", "run"], rows, [False] * 4, colour)


def _param(c: NamedCommand, key: str) -> str:
    if key not in c.defaults:
        return f"{key}=?"
    value: Any = c.defaults[key]
    return f"{key}={fmt.value(value)}"
