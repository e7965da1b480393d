"""The end-of-run summary on stderr: how the run ended and what changed since the last one."""

from __future__ import annotations

from runlab.changes import MISSING, Changes, ParamChange
from runlab.display import format as fmt
from runlab.store import Run

STATUS_STYLE = {"finished": "green", "failed": "red", "killed": "yellow", "lost": "red",
                "running": "cyan"}
MAX_METRICS = 8
MAX_PACKAGES = 5


def render(run: Run, previous: Run | None, changes: Changes | None, colour: bool) -> str:
    """Two or three short lines: `runlab: run 12 finished in 3.2s, exit 0 · loss 0.12 ...`."""
    status = fmt.paint(run.status, STATUS_STYLE.get(run.status, ""), colour)
    ending = f"exit {run.exit_code}" if run.exit_code is not None else ""
    if run.signal:
        import signal

        try:
            ending = f"signal {signal.Signals(run.signal).name}"
        except ValueError:
            ending = f"signal {run.signal}"
    head = f"runlab: run {fmt.paint(str(run.number), 'bold', colour)} {status} in " \
           f"{fmt.duration(run.duration_s)}"
    if ending:
        head += f" ({ending})"
    lines = [head]
    if any(not k.startswith("sys/") for k in run.metrics):
        items = [(k, m) for k, m in run.metrics.items() if not k.startswith("sys/")]
        parts = [f"{k} {fmt.number(m.last)}" for k, m in items[:MAX_METRICS]]
        if len(items) > MAX_METRICS:
            parts.append(f"… {len(items) - MAX_METRICS} more")
        lines.append("  " + " · ".join(parts))
    if previous is not None and changes is not None:
        parts = []
        for p in changes.params:
            old = "unset" if p.old is MISSING else fmt.value(p.old)
            new = "unset" if p.new is MISSING else fmt.value(p.new)
            parts.append(f"{p.key} {old} → {new}")
        parts.append("code changed" if changes.code_changed else "same code")
        if changes.data_changed:
            parts.append(f"data changed: {', '.join(changes.data_changed)}")
        parts += package_parts(changes.packages)
        for m in changes.metrics:
            if m.delta is None or m.delta == 0 or m.key.startswith("sys/"):
                continue
            style = {1: "green", -1: "red"}.get(m.verdict, "")
            parts.append(fmt.paint(f"{m.key} {fmt.signed(m.delta)}", style, colour))
        lines.append(f"  vs run {previous.number}: " + " · ".join(parts))
    return "\n".join(lines)


def package_parts(changes: list[ParamChange]) -> list[str]:
    """`numpy 1.26.4 → 2.1.0`, `+tqdm 4.66.1`, `-six 1.16.0`: a few, then how many more."""
    parts = []
    for p in changes[:MAX_PACKAGES]:
        if p.old is MISSING:
            parts.append(f"+{p.key} {p.new}")
        elif p.new is MISSING:
            parts.append(f"-{p.key} {p.old}")
        else:
            parts.append(f"{p.key} {p.old} → {p.new}")
    if len(changes) > MAX_PACKAGES:
        parts.append(f"… {len(changes) - MAX_PACKAGES} more packages changed")
    return parts
