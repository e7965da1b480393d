"""`runlab plot`: metric series as a line chart in the terminal, drawn by plotext.

plotext is imported here only, when a chart is drawn. Both of its APIs are served: 6.x (the
`plotext.figure` object) and 5.x (module-level `plot`/`build`). Series longer than the chart is
wide are first cut down to the minimum and maximum of each of `width` slices of the step range,
so thousands of points cost no more than a few hundred and spikes stay visible. Without colour
each line gets its own marker, so that the legend still tells them apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from runlab.store import MetricPoint

DEFAULT_SIZE = (100, 25)  # when stdout is not a terminal
MIN_SIZE = (30, 10)
MAX_DEFAULT_KEYS = 4
# Beyond this magnitude the span of an axis (max - min) may overflow a float, and the chart
# library fails: such values, NaN and infinities are left out of a chart, and counted.
DRAWABLE = 1e307
MARKERS = ("hd", "braille", "•", "x", "+", "o", "*", "#")  # one per line when colourless
_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
_PADDING = re.compile(r" +((?:\x1b\[0m)?)$")


@dataclass
class Line:
    """One line of the chart: a run's series of one metric, with its legend label."""

    label: str
    steps: list[float]
    values: list[float]


def choose_keys(run_keys: Sequence[Sequence[str]], cap: int = MAX_DEFAULT_KEYS,
                directions: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """The metrics every run has, the most telling first as the end-of-run summary orders
    them (`telling_order`): the first `cap`, and the rest. System metrics (sys/...) only when
    the runs share no other: a chart of bytes read would flatten the curves that matter."""
    from runlab.display.summary import telling_order

    shared = [k for k in run_keys[0] if all(k in keys for keys in run_keys[1:])]
    shared = [k for k in shared if not k.startswith("sys/")] or shared
    ordered = telling_order(shared, directions)
    return ordered[:cap], ordered[cap:]


def build_lines(runs: Sequence[tuple[int, dict[str, list[MetricPoint]]]],
                keys: Sequence[str]) -> list[Line]:
    """A line per run and key, labelled `#12 loss`; runs lacking a key get no line for it."""
    out = []
    for number, series in runs:
        for key in keys:
            points = series.get(key)
            if points:
                out.append(Line(f"#{number} {key}", [float(p.step) for p in points],
                                [p.value for p in points]))
    return out


@dataclass
class LeftOut:
    """The points of one line that no chart can draw: how many of how many, and what they
    are (of `UNDRAWABLE`)."""

    label: str
    count: int
    total: int
    kinds: tuple[str, ...]


UNDRAWABLE = ("NaN", "infinite", "beyond ±1e307")


def drawable(lines: Sequence[Line]) -> tuple[list[Line], list[LeftOut]]:
    """The lines with only the points a chart can draw (finite, within ±`DRAWABLE`), lines
    left with none dropped; and what was left out of each line."""
    out, left = [], []
    for line in lines:
        kept = [(s, v) for s, v in zip(line.steps, line.values) if -DRAWABLE <= v <= DRAWABLE]
        if kept:
            out.append(Line(line.label, [s for s, _ in kept], [v for _, v in kept]))
        wild = {_kind(v) for v in line.values if not -DRAWABLE <= v <= DRAWABLE}
        if wild:
            left.append(LeftOut(line.label, len(line.values) - len(kept), len(line.values),
                                tuple(k for k in UNDRAWABLE if k in wild)))
    return out, left


def _kind(value: float) -> str:
    return "NaN" if math.isnan(value) else "infinite" if math.isinf(value) else "beyond ±1e307"


def skipped_note(left: Sequence[LeftOut]) -> str:
    """`left out 6 points no chart can draw: #4 loss all 4 (NaN), #3 acc 2 of 9 (infinite)`."""
    count = sum(x.count for x in left)
    each = ", ".join(f"{x.label} {_share(x)} ({' or '.join(x.kinds)})" for x in left)
    return f"left out {count} point{'s' if count != 1 else ''} no chart can draw: {each}"


def _share(x: LeftOut) -> str:
    return f"all {x.count}" if x.count == x.total else f"{x.count} of {x.total}"


def nothing_note(keys: Sequence[str], left: Sequence[LeftOut], running: bool) -> str:
    """Why there is no chart: every point is one no chart can draw (each line named), or
    there is no point at all (yet, when a run is still going)."""
    if not left:
        return f"nothing to plot{' yet' if running else ''}: no points of {', '.join(keys)}"
    kinds = [k for k in UNDRAWABLE if any(k in x.kinds for x in left)]
    return (f"nothing to plot: every point of {', '.join(x.label for x in left)} is "
            f"{' or '.join(kinds)} (no chart can draw them)")


def downsample(steps: Sequence[float], values: Sequence[float], buckets: int
               ) -> tuple[list[float], list[float]]:
    """Drawable points only (`drawable`); beyond 2 x `buckets` of them, the first, the last
    and the lowest and highest point of each run of them (runlab's one downsampling,
    store.series)."""
    from runlab.store.series import downsample as keep

    points = [(s, v) for s, v in zip(steps, values) if -DRAWABLE <= v <= DRAWABLE]
    chosen = keep([v for _, v in points], 2 * buckets)
    return [points[i][0] for i in chosen], [points[i][1] for i in chosen]


def ticks(lo: float, hi: float, count: int) -> list[int]:
    """About `count` whole-number ticks at 1, 2 or 5 times a power of ten between lo and hi."""
    if hi <= lo:
        return [round(lo)]
    raw = (hi - lo) / max(1, count)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = max(1, math.ceil(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)))
    first = math.ceil(lo / step) * step
    return list(range(first, math.floor(hi) + 1, step))


def _import_plotext() -> Any:
    """plotext (untyped: reached as Any), without its documentation. plotext 6 builds its
    interactive manual (`plotext.doc`) on import, two thirds of the import's time (about 0.5 s
    of 0.75 s on a busy 2-core machine), and runlab only draws: that one module is an empty
    stand-in while plotext loads. plotext 5 has no such module and never sees the stand-in."""
    import importlib
    import sys
    import types

    if "plotext" in sys.modules:
        return sys.modules["plotext"]
    manual = "plotext._doc.doc"
    stand_in = types.ModuleType(manual)
    stand_in.docs = None  # type: ignore[attr-defined]  # what plotext takes from it
    sys.modules.setdefault(manual, stand_in)
    try:
        return importlib.import_module("plotext")
    except Exception:  # a plotext that wants more of its manual: load it whole
        for name in [n for n in sys.modules if n == "plotext" or n.startswith("plotext.")]:
            del sys.modules[name]
    finally:
        if sys.modules.get(manual) is stand_in:
            del sys.modules[manual]
    return importlib.import_module("plotext")


def render(lines: Sequence[Line], width: int, height: int, *, colour: bool,
           title: str | None = None) -> str:
    """The chart as text of exactly `height` lines, with no trailing blanks."""
    width, height = max(width, MIN_SIZE[0]), max(height, MIN_SIZE[1])
    drawn = []
    for line in lines:
        steps, values = downsample(line.steps, line.values, width)
        if steps:
            drawn.append(Line(line.label, steps, values))
    plotext = _import_plotext()
    if hasattr(plotext, "figure") and hasattr(plotext.figure, "signal"):
        text = _render6(plotext, drawn, width, height, colour, title)
    else:  # plotext 5
        text = _render5(plotext, drawn, width, height, colour, title)
    if not colour:
        text = _ESCAPE.sub("", text)
    rows = text.split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    return "\n".join(_PADDING.sub(r"\1", r) for r in rows[:height]) + "\n"


def _limits(lines: Sequence[Line]) -> tuple[float, float, float, float]:
    xs = [s for line in lines for s in line.steps] or [0.0]
    ys = [v for line in lines for v in line.values] or [0.0]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    if x0 == x1:
        x0, x1 = x0 - 1, x1 + 1
    if y0 == y1:
        pad = abs(y0) * 0.1 or 1.0
        y0, y1 = y0 - pad, y1 + pad
    return x0, x1, y0, y1


def legend_corner(lines: Sequence[Line], box: tuple[float, float]) -> tuple[str, str]:
    """(ha, va) of the corner where a legend box covering `box` (fractions of the canvas'
    width and height) hides the fewest points; top right wins ties."""
    x0, x1, y0, y1 = _limits(lines)
    fw, fh = box
    counts = {}
    for ha, va in (("right", "top"), ("left", "top"), ("right", "bottom"), ("left", "bottom")):
        n = 0
        for line in lines:
            for s, v in zip(line.steps, line.values):
                fx, fy = (s - x0) / (x1 - x0), (v - y0) / (y1 - y0)
                inside_x = fx >= 1 - fw if ha == "right" else fx <= fw
                inside_y = fy >= 1 - fh if va == "top" else fy <= fh
                n += inside_x and inside_y
        counts[(ha, va)] = n
    return min(counts, key=lambda c: counts[c])  # first of the least, in the order above


def _render6(plt: Any, lines: Sequence[Line], width: int, height: int, colour: bool,
             title: str | None) -> str:
    fig = plt.figure
    plt.terminal.limit(False, False)  # the size is ours to choose
    fig.clear()
    fig.plot_size(width, height)
    fig.theme("simple" if colour else "colorless")
    for i, line in enumerate(lines):
        marker = "hd" if colour else MARKERS[i % len(MARKERS)]
        signal = fig.signal(line.steps, line.values, marker=marker)
        signal.label(line.label)
        signal.lines()
        fig.draw(signal)
    if title:
        fig.title(title)
    fig.label("step", "x")
    if lines:
        x0, x1, y0, y1 = _limits(lines)
        fig.ruler("x").lim(x0, x1)
        fig.ruler("y").lim(y0, y1)
        marks = ticks(x0, x1, max(2, width // 12))
        fig.ruler("x").ticks(marks, [str(m) for m in marks])
        canvas_w, canvas_h = max(1, width - 10), max(1, height - 5)
        box_w = max(len(line.label) for line in lines) + 6
        box_h = len(lines) + 4
        ha, va = legend_corner(lines, (min(1.0, box_w / canvas_w), min(1.0, box_h / canvas_h)))
        fig.legend(x=x1 if ha == "right" else x0, y=y1 if va == "top" else y0, ha=ha, va=va,
                   relative=True)
    return str(fig.build().string(colorless=not colour))


def _render5(plt: Any, lines: Sequence[Line], width: int, height: int, colour: bool,
             title: str | None) -> str:
    p = plt  # plotext 5: a module-level API
    p.clear_figure()
    if hasattr(p, "limitsize"):
        p.limitsize(False, False)
    p.plotsize(width, height)
    p.theme("pro" if colour else "clear")
    for i, line in enumerate(lines):
        marker = "hd" if colour else MARKERS[i % len(MARKERS)]
        p.plot(line.steps, line.values, label=line.label, marker=marker)
    if title:
        p.title(title)
    p.xlabel("step")
    if lines:
        x0, x1, _, _ = _limits(lines)
        marks = ticks(x0, x1, max(2, width // 12))
        p.xticks(marks, [str(m) for m in marks])
    return str(p.build())
