"""The end-of-run summary on stderr: how the run ended and what changed since the last one."""

from __future__ import annotations

from runlab.compare.changes import MISSING, Changes, ParamChange
from runlab.display import format as fmt
from runlab.display.format import STATUS_STYLE
from runlab.store import Run

MAX_METRICS = 8  # without a width to fit (stderr is not a terminal)
MAX_PARAM_CHANGES = 3  # more are counted, so that the metrics' changes still show
MAX_PACKAGES = 5


def telling_order(keys: list[str], directions: dict[str, str] | None = None) -> list[str]:
    """Metrics most worth a glance first: those whose better direction is known (loss,
    accuracy...), held-out ones (val, eval, test) before the others, then the rest; each
    group in the order the run reported them. Held out is a word of the name: `val_loss`,
    `eval/acc`, `valLoss`, never `train/value_loss`."""
    import re

    from runlab.compare.changes import direction

    def rank(key: str) -> int:
        held_out = re.search(r"(?<![A-Za-z])(?i:val|valid|validation|eval|evaluation|test)"
                             r"(?![a-z])", key) is not None
        known = direction(key, directions) != 0
        return (0 if known else 2) + (0 if held_out else 1)

    return sorted(keys, key=rank)


def fit(parts: list[str], width: int | None, lead: str = "  ", sep: str = " · ",
        colour: bool = False) -> str:
    """`parts` joined on one line of at most `width` columns, ending `… N more` when some
    do not fit (at most MAX_METRICS parts when there is no width)."""
    if width is None:
        shown = parts[:MAX_METRICS]
    else:
        shown = []
        for i, part in enumerate(parts):
            rest = len(parts) - i - 1
            line = lead + sep.join([*shown, part])
            more = f"{sep}… {rest} more" if rest else ""
            if _visible(line + more) > width and shown:
                break
            shown.append(part)
    line = lead + sep.join(shown)
    if len(shown) < len(parts):
        line += f"{sep}… {len(parts) - len(shown)} more"
    return line


def _visible(text: str) -> int:
    import re

    return len(re.sub(r"\x1b\[[0-9;]*m", "", text))


def render(run: Run, previous: Run | None, changes: Changes | None, colour: bool,
           width: int | None = None, directions: dict[str, str] | None = None,
           parent: bool = False) -> str:
    """Two or three short lines: `runlab: run 12 finished in 3.2s, exit 0 · loss 0.12 ...`.

    With `width` (the terminal's), each line fits it: the most telling metrics come first
    and the rest are counted (`… 3 more`), so nothing wraps. `parent`: `previous` is the run
    that this one reran, not the last finished run of the command."""
    status = fmt.paint(run.status, STATUS_STYLE.get(run.status, ""), colour)
    ending = f"exit {run.exit_code}" if run.exit_code is not None else ""
    if run.signal:
        ending = f"signal {fmt.signal_name(run.signal)}"
    head = f"runlab: run {fmt.paint(str(run.number), 'bold', colour)} {status} in " \
           f"{fmt.duration(run.duration_s)}"
    if ending:
        head += f" ({ending})"
    lines = [head]
    keys = [k for k in run.metrics if not k.startswith("sys/")]
    if keys:
        keys = telling_order(keys, directions)
        lines.append(fit([f"{k} {fmt.number(run.metrics[k].last)}" for k in keys], width))
    if previous is not None and changes is not None:
        parts = []
        params = changes.params
        unreported = 0
        if run.status != "finished":
            # (a run that failed before its program reported its settings lacks them: no change)
            unreported = sum(1 for p in params if p.new is MISSING)
            params = [p for p in params if p.new is not MISSING]
        for p in params[:MAX_PARAM_CHANGES]:
            old = "unset" if p.old is MISSING else fmt.value(p.old)
            new = "unset" if p.new is MISSING else fmt.value(p.new)
            parts.append(f"{p.key} {old} → {new}")
        if len(params) > MAX_PARAM_CHANGES:
            parts.append(f"{len(params) - MAX_PARAM_CHANGES} more params")
        if unreported:
            parts.append(f"{unreported} param{'s' if unreported != 1 else ''} not reported")
        parts.append("code changed" if changes.code_changed else "same code")
        parts += [f"env {e.key} {'unset' if e.old is MISSING else e.old} → "
                  f"{'unset' if e.new is MISSING else e.new}" for e in changes.env]
        if changes.data_changed:
            parts.append(f"data changed: {', '.join(changes.data_changed)}")
        parts += package_parts(changes.packages)
        moved = {m.key: m for m in changes.metrics if m.changed and not m.key.startswith("sys/")}
        for key in telling_order(list(moved), directions):
            m = moved[key]
            style = {1: "green", -1: "red"}.get(m.verdict, "")
            parts.append(fmt.paint(f"{m.key} {fmt.change(m.old, m.new)}", style, colour))
        lead = f"  vs run {previous.number}: "
        if parent:
            lead = f"  vs run {previous.number} (parent): "
        elif run.status != "finished":
            lead = f"  vs run {previous.number} (the last finished run; this run did not finish): "
        if width is None:
            lines.append(lead + " · ".join(parts))
        else:
            lines.append(fit(parts, width, lead=lead))
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
