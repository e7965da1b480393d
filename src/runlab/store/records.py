"""The plain records the store hands out: a run, its metric summary, its series."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any


STATUSES = ("running", "finished", "failed", "killed", "lost")


def iso(t: float | None) -> str | None:
    """An epoch time as ISO-8601 with the local offset (the JSON contract's timestamps): the
    text of `datetime.fromtimestamp(t).astimezone().isoformat(timespec="milliseconds")`."""
    if t is None:
        return None
    # Each minute's text up to its seconds, and its offset, is worked out once (offsets change
    # on whole minutes): a series of a million points is written at a microsecond a time.
    # The seconds are rounded as datetime rounds them: to the microsecond, half to even.
    fraction, whole = math.modf(t)
    micro = round(fraction * 1e6)
    if micro >= 1_000_000:
        whole, micro = whole + 1, micro - 1_000_000
    elif micro < 0:
        whole, micro = whole - 1, micro + 1_000_000
    minute, second = divmod(int(whole), 60)
    parts = _MINUTES.get(minute)
    if parts is None:
        if len(_MINUTES) > 4096:
            _MINUTES.clear()
        parts = _MINUTES[minute] = _minute(minute)
    if not parts[0]:  # an offset of a part of a minute (local mean times of the 1800s)
        from datetime import datetime

        return datetime.fromtimestamp(t).astimezone().isoformat(timespec="milliseconds")
    return f"{parts[0]}{second:02d}.{micro // 1000:03d}{parts[1]}"


def _minute(minute: int) -> tuple[str, str]:
    """The local text of a minute up to its seconds ("2026-12-01T20:54:") and its offset
    ("+01:00"); empty when the offset is not whole minutes."""
    from datetime import datetime

    local = datetime.fromtimestamp(minute * 60).astimezone()
    offset = local.utcoffset()
    if offset is None or offset.seconds % 60 or offset.microseconds:
        return "", ""
    text = local.isoformat(timespec="milliseconds")  # 2026-12-01T20:54:00.000+01:00
    return text[:17], text[23:]


_MINUTES: dict[int, tuple[str, str]] = {}  # minute since the epoch -> its text, its offset


def json_number(value: float | None) -> float | str | None:
    """JSON has no NaN or infinity: they are written as the strings "NaN", "Infinity"."""
    if value is None or math.isfinite(value):
        return value
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def json_safe(value: Any) -> Any:
    """`value` with every NaN or infinity, however deep, as its string (`json_number`), so
    that strict JSON parsers read every --json output (a param's `float('inf')` included)."""
    if isinstance(value, float):
        return json_number(value)
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def to_json_text(value: Any, *, indent: int | None = None, ascii_only: bool | None = None) -> str:
    """Strict JSON text (no bare NaN or Infinity): the one encoder of runlab's JSON output,
    ASCII with `\\u` escapes where standard output holds no other (`ascii_only` None: an
    ASCII locale's `runlab show --json` is JSON still)."""
    import json
    import sys

    if ascii_only is None:
        encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
        ascii_only = bool(encoding) and encoding != "utf8"
    return json.dumps(json_safe(value), indent=indent, ensure_ascii=ascii_only,
                      allow_nan=False)


@dataclass
class MetricSummary:
    last: float | None
    min: float | None
    max: float | None
    count: int
    last_step: int | None

    def to_dict(self) -> dict[str, Any]:
        """The summary for Python: NaN and infinities stay floats (the Python API's records)."""
        return {"last": self.last, "min": self.min, "max": self.max, "count": self.count,
                "last_step": self.last_step}

    def to_json(self) -> dict[str, Any]:
        """`to_dict` as the JSON contract writes it: NaN and infinities as strings."""
        record = self.to_dict()
        for name in ("last", "min", "max"):
            record[name] = json_number(record[name])
        return record


@dataclass
class MetricPoint:
    step: int
    value: float
    time: float

    def to_dict(self) -> dict[str, Any]:
        """The point for Python: a NaN or infinite value stays a float."""
        return {"step": self.step, "value": self.value, "time": iso(self.time)}

    def to_json(self) -> dict[str, Any]:
        """`to_dict` as the JSON contract writes it: a NaN or infinite value as a string."""
        return {**self.to_dict(), "value": json_number(self.value)}


@dataclass
class Run:
    """One run as the index knows it. `to_json` is the stable contract (README)."""

    id: str
    number: int
    name: str | None
    experiment: str
    status: str
    exit_code: int | None
    command: list[str]
    cwd: str
    started_at: float
    ended_at: float | None
    git: dict[str, Any] | None = None
    author: str | None = None
    user: str | None = None
    host: str | None = None
    python: str | None = None
    source: dict[str, Any] | None = None
    params: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, MetricSummary] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    note: str | None = None
    resources: dict[str, Any] = field(default_factory=dict)
    deleted: bool = False
    signal: int | None = None
    args: list[str] = field(default_factory=list)
    platform: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    pid: int | None = None
    parent: str | None = None  # the id of the run this one reran
    command_name: str | None = None  # the named command ([commands.NAME]) it ran
    inputs: dict[str, Any] = field(default_factory=dict)  # path -> size, mtime, fingerprint
    environment: dict[str, Any] = field(default_factory=dict)  # python, gpu, container
    packages: dict[str, str] = field(default_factory=dict)  # of the Python command: name -> version
    now: float | None = None  # the clock when read, so a running run's duration is current

    @property
    def duration_s(self) -> float | None:
        end = self.ended_at if self.ended_at is not None else self.now
        if end is None:
            return None
        return max(0.0, end - self.started_at)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "name": self.name,
            "experiment": self.experiment,
            "status": self.status,
            "exit_code": self.exit_code,
            "signal": self.signal,
            "command": self.command,
            "args": self.args,
            "cwd": self.cwd,
            "started_at": iso(self.started_at),
            "ended_at": iso(self.ended_at),
            "duration_s": None if self.duration_s is None else round(self.duration_s, 3),
            "git": self.git,
            "author": self.author,
            "user": self.user,
            "host": self.host,
            "python": self.python,
            "platform": self.platform,
            "env": self.env,
            "source": self.source,
            "params": self.params,
            "metrics": {k: m.to_json() for k, m in self.metrics.items()},
            "tags": self.tags,
            "note": self.note,
            "resources": self.resources,
            "deleted": self.deleted,
            "parent": self.parent,
            "command_name": self.command_name,
            "inputs": self.inputs,
            "packages": self.packages,
            "environment": {k: ({n: x for n, x in v.items() if n != "packages_id"}
                                if k == "python" and isinstance(v, dict) else v)
                            for k, v in self.environment.items()},
        }

    def to_dict(self) -> dict[str, Any]:
        """The record of `to_json` for Python (`runlab.runs()`): a metric's NaN or infinity is
        a float, as a param's is, where the JSON contract has to write a string."""
        record = self.to_json()
        record["metrics"] = {k: m.to_dict() for k, m in self.metrics.items()}
        return record
