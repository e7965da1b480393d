"""`runlab show RUN`: one run, in sections (rich)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.text import Text

from runlab.display import format as fmt
from runlab.display.grid import grid
from runlab.display.format import STATUS_STYLE
from runlab.store import MetricPoint, Run

SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], width: int = 24) -> str:
    """The series squeezed into `width` block characters (mean of each slice)."""
    finite = [v for v in values if v == v and v not in (float("inf"), float("-inf"))]
    if not finite:
        return ""
    if len(finite) > width:
        size = len(finite) / width
        finite = [
            sum(v / len(chunk) for v in chunk)  # a sum of large values overflows
            for i in range(width)
            if (chunk := finite[int(i * size): max(int((i + 1) * size), int(i * size) + 1)])
        ]
    lo, hi = min(finite), max(finite)
    span = hi / 2 - lo / 2  # halved: -1e308 to 1e308 spans more than a float holds
    if span <= 1e-12 * max(abs(lo), abs(hi)):  # (equal values, but for a slice mean's rounding)
        return SPARK[3] * len(finite)
    return "".join(SPARK[min(7, int((v / 2 - lo / 2) / span * 7.999))] for v in finite)


def _pairs(rows: list[tuple[str, str]], colour: bool = False) -> Text:
    """Aligned `key  value` lines (plain Text, so no padding trails the lines)."""
    rows = [(k, v) for k, v in rows if v]
    width = max((cell_len(k) for k, _ in rows), default=0)  # (`学习率` is six columns wide)
    out = Text()
    for i, (k, v) in enumerate(rows):
        if i:
            out.append("\n")
        out.append(f"  {k}{' ' * (width - cell_len(k))}  ", style="dim" if colour else "")
        out.append(v)
    return out


def render(run: Run, series: dict[str, list[MetricPoint]], tail: list[str], files: list[str],
           colour: bool) -> Group:
    parts: list[RenderableType] = []
    status = Text(run.status, style=STATUS_STYLE.get(run.status, "") if colour else "")
    head = Text.assemble(
        (f"Run {run.number}", "bold" if colour else ""),
        f"  {run.name}" if run.name else "",
        "  ", status,
        f"  exit {run.exit_code}" if run.exit_code is not None else "",
        f"  signal {fmt.signal_name(run.signal)}" if run.signal else "",
        "  (deleted)" if run.deleted else "",
    )
    parts += [head, _pairs([
        ("id", run.id),
        ("experiment", run.experiment),
        ("command", fmt.command(run.command)),
        ("named", run.command_name or ""),
        ("rerun of", run.parent or ""),
        ("cwd", run.cwd),
        ("started", fmt.timestamp(run.started_at)),
        ("ended", fmt.timestamp(run.ended_at)),
        ("duration", fmt.duration(run.duration_s) + (" so far" if run.status == "running" else "")),
        ("author", run.author or ""),
        ("host", f"{run.user}@{run.host}" if run.user else (run.host or "")),
        ("python", run.python or ""),
    ]), Text("")]
    code: list[tuple[str, str]] = []
    if run.git:
        g = run.git
        changed = g.get("changed_files") or []
        code = [
            ("commit", g.get("commit") or "(no commits yet)"),
            ("branch", g.get("branch") or ("(detached HEAD)" if g.get("detached") else "")),
            ("dirty", f"yes, {len(changed)} file{'s' if len(changed) != 1 else ''} changed"
             if g.get("dirty") else "no"),
            ("message", (g.get("message") or "").splitlines()[0] if g.get("message") else ""),
            ("remote", g.get("remote") or ""),
            ("left out", ", ".join(g.get("left_out") or [])),
        ]
    elif run.git is None:
        code = [("git", "not recorded (not a repository, or --no-git)")]
    if run.source:
        code.append(("script", f"{run.source.get('path')}  sha256 {str(run.source.get('sha256'))[:12]}"))
    parts += [Text("Code", style="bold" if colour else ""), _pairs(code, colour), Text("")]
    if run.params:
        parts += [Text("Params", style="bold" if colour else ""),
                  _pairs([(k, fmt.value(v) if v != "" else "''") for k, v in run.params.items()],
                         colour), Text("")]
    if run.inputs:
        parts += [Text("Inputs", style="bold" if colour else ""),
                  _pairs([(path, input_line(e)) for path, e in run.inputs.items()], colour),
                  Text("")]
    environment = environment_pairs(run)
    if environment:
        parts += [Text("Environment", style="bold" if colour else ""),
                  _pairs(environment, colour), Text("")]
    if run.metrics:
        rows = []
        for key, m in run.metrics.items():
            values = [p.value for p in series.get(key, [])]
            rows.append([Text(x) for x in (
                "  " + key, fmt.number(m.last), fmt.number(m.min), fmt.number(m.max),
                str(m.count), "" if m.last_step is None else str(m.last_step),
                sparkline(values))])
        table, _ = grid(["  metric", "last", "min", "max", "count", "step", ""], rows,
                        right=[False, True, True, True, True, True, False],
                        header_style="dim" if colour else "")
        parts += [Text("Metrics", style="bold" if colour else ""), table, Text("")]
    if run.tags or run.note:
        tags = _pairs([(k, v or "·") for k, v in run.tags.items()])
        parts += [Text("Tags", style="bold" if colour else ""), tags]
        if run.note:
            parts.append(_pairs([("note", run.note)]))
        parts.append(Text(""))
    res = run.resources or {}
    if any(v is not None for v in res.values()):
        parts += [Text("Resources", style="bold" if colour else ""), _pairs([
            ("peak RSS", fmt.size(res.get("peak_rss_bytes"))),
            ("CPU user", fmt.duration(res.get("cpu_user_s"))),
            ("CPU system", fmt.duration(res.get("cpu_system_s"))),
        ]), Text("")]
    if tail:
        parts += [Text("Output (last lines)", style="bold" if colour else ""),
                  Text("\n".join(tail), style="dim" if colour else ""), Text("")]
    if files:
        parts += [Text("Files", style="bold" if colour else ""),
                  Text("\n".join(files)), Text("")]
    return Group(*parts)


def input_line(entry: dict[str, Any]) -> str:
    """`3.9 KB  xxh3-128:8527d9296fb8`, with what kind of fingerprint it is when not whole."""
    size = fmt.size(entry.get("size"))
    words = [f"{entry['files']} files, {size}" if entry.get("kind") == "dir" else size]
    fingerprint = str(entry.get("fingerprint") or "")
    words.append(fingerprint[:fingerprint.rfind(":") + 13] if ":" in fingerprint
                 else fingerprint)
    if entry.get("partial"):
        words.append("(partial: over the hashing budget)")
    if entry.get("by") in ("git", "dvc"):
        words.append(f"({entry['by']})")
    if entry.get("changed_during_run"):
        words.append("changed during the run")
    return "  ".join(w for w in words if w)


def environment_pairs(run: Run) -> list[tuple[str, str]]:
    """The interpreter and its package count, the GPU and the container, as show lists them."""
    env = run.environment
    out = []
    python = env.get("python")
    if isinstance(python, dict):
        out.append(("interpreter", f"{python.get('path')}  {python.get('version') or ''}"))
        out.append(("packages", str(len(run.packages))))
    gpu = env.get("gpu")
    if isinstance(gpu, dict):
        models = ", ".join(gpu.get("models") or [])
        out.append(("gpu", f"{models}  driver {gpu.get('driver')}  CUDA {gpu.get('cuda')}"))
    box = env.get("container")
    if isinstance(box, dict):
        out.append(("container", " ".join(str(box[k]) for k in ("runtime", "image") if k in box)))
    # the variables the `env` setting names, as recorded (secret ones as ***)
    out += [(name, value if value != "" else "''") for name, value in run.env.items()]
    return out


def list_files(run_dir: str) -> list[str]:
    out = []
    for top, dirs, names in os.walk(run_dir):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(top, name)
            try:
                size = os.lstat(path).st_size
            except OSError:
                continue
            out.append(f"{os.path.relpath(path, run_dir)}  {fmt.size(size)}")
    return out


def print_run(group: Group, console: Console) -> None:
    console.print(group, soft_wrap=True)
