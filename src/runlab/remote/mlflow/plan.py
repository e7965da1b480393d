"""What to send for one run so that the server holds what runlab holds: planning, no requests."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shlex
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from runlab.remote.mlflow.client import MAX_PARAM_VALUE, MAX_TAG_VALUE
from runlab.remote.mlflow.keys import assign_keys, sanitize_key
from runlab.remote.mlflow.state import Remote
from runlab.store.records import MetricPoint, Run

STATUS = {"finished": "FINISHED", "failed": "FAILED", "killed": "KILLED", "lost": "FAILED"}
TRUNCATED = "runlab.truncated."


@dataclass
class RunPlan:
    """What one push sends for one run (given what the server already holds)."""

    run: Run
    state: Remote | None
    experiment: str
    params: dict[str, tuple[str, str]] = field(default_factory=dict)  # runlab key: (key, value)
    metrics: list[tuple[str, str, MetricPoint]] = field(default_factory=list)  # key, key, point
    tags: dict[str, str] = field(default_factory=dict)  # MLflow key: value
    untags: list[str] = field(default_factory=list)
    status: str | None = None
    end_ms: int | None = None
    artifacts: list[tuple[str, str, list[int]]] = field(default_factory=list)  # path, file, sig
    keys: dict[str, dict[str, str]] = field(default_factory=dict)  # new renamings
    warnings: list[str] = field(default_factory=list)

    @property
    def new(self) -> bool:
        return self.state is None

    @property
    def empty(self) -> bool:
        return not (self.new or self.params or self.metrics or self.tags or self.untags
                    or self.status or self.artifacts)


MAX_INPUT_TAGS = 100  # a run reading more inputs than this sends the first ones as tags


def run_tags(run: Run) -> dict[str, str]:
    """The tags runlab writes for a run: its own under `runlab.*`, and MLflow's system tags."""
    tags = {
        "runlab.id": run.id,
        "runlab.number": str(run.number),
        "runlab.status": run.status,
        "runlab.command": shlex.join(run.command),
        "mlflow.runName": run.name or f"runlab-{run.number}",
        "mlflow.source.type": "LOCAL",
    }
    source = (run.source or {}).get("path") or (run.command[0] if run.command else None)
    optional: dict[str, Any] = {
        "runlab.cwd": run.cwd,
        "runlab.host": run.host,
        "runlab.author": run.author,
        "runlab.python": run.python,
        "runlab.exit_code": run.exit_code,
        "runlab.signal": run.signal,
        "runlab.deleted": "true" if run.deleted else None,
        "mlflow.user": run.user or run.author,
        "mlflow.source.name": source,
        "mlflow.note.content": run.note,
    }
    git = run.git or {}
    if git:
        optional.update({
            "runlab.git.dirty": str(bool(git.get("dirty"))).lower(),
            "mlflow.source.git.commit": git.get("commit"),
            "mlflow.source.git.branch": git.get("branch"),
            "mlflow.source.git.repoURL": git.get("remote"),
        })
    # What the run read: each input's fingerprint (MLflow's dataset inputs need a source
    # and a schema runlab does not know; a tag per input is searchable on the server).
    for path, entry in sorted(run.inputs.items())[:MAX_INPUT_TAGS]:
        if isinstance(entry, dict) and entry.get("fingerprint"):
            optional[sanitize_key(f"runlab.input.{path}")] = entry["fingerprint"]
    tags.update({k: str(v) for k, v in optional.items() if v is not None and v != ""})
    return tags


def param_mark(text: str) -> str:
    """What a push event records of a param value sent: the value, or a digest of a long one
    (enough to notice a change without copying long values into the journal again)."""
    if len(text) <= 200:
        return text
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def param_text(value: Any) -> str:
    """A param value as MLflow's client writes it: str() of scalars; lists and dicts as JSON."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def local_files(run_dir: str) -> list[tuple[str, str]]:
    """(artifact path, file) of a run's files: the log, the patch, the packages
    (requirements.txt) and the entry script copy under runlab/, the run's artifacts/ at the root. Regular files only, never links."""
    out: list[tuple[str, str]] = []
    for name in ("output.log", "code.patch", "requirements.txt"):
        path = os.path.join(run_dir, name)
        if _regular(path):
            out.append((f"runlab/{name}", path))
    for sub, prefix in (("source", "runlab/source/"), ("artifacts", "")):
        top = os.path.join(run_dir, sub)
        if os.path.islink(top):
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(folder, d)))
            for name in sorted(files):
                path = os.path.join(folder, name)
                if _regular(path):
                    rel = os.path.relpath(path, top).replace(os.sep, "/")
                    out.append((prefix + rel, path))
    return out


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _signature(path: str) -> list[int]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns]


def millis(t: float) -> int:
    """Seconds since the epoch as MLflow's milliseconds."""
    return round(t * 1000)


def plan_run(run: Run, series: Mapping[str, Sequence[MetricPoint]], files: Sequence[tuple[str, str]],
             state: Remote | None, experiment: str) -> RunPlan:
    """What to send so that the server holds what runlab holds of `run`."""
    plan = RunPlan(run, state, experiment)
    held = state or Remote("", "")
    # Metric keys: series, params and tags each have their own namespace on the server.
    metric_keys = _assign(plan, held, "metrics", list(series), held.metrics)
    for key, points in series.items():
        sent = held.metrics.get(key, 0)
        if sent > len(points):
            plan.warnings.append(f"the series {key!r} is shorter than what was pushed: "
                                 "nothing more sent for it")
            continue
        plan.metrics.extend((key, metric_keys[key], p) for p in points[sent:])
    # A running program's parser may still say a word of its command line is a secret (read
    # late, `-k X` stored as `api_key`): params and the command wait for the run's end, since
    # MLflow never changes a param once sent.
    settled = run.status != "running"
    params = run.params if settled else {}
    param_keys = _assign(plan, held, "params", list(params), held.params)
    wanted_tags = run_tags(run)
    if not settled:
        del wanted_tags["runlab.command"]
    for key, value in params.items():
        text = param_text(value)
        if len(text) > MAX_PARAM_VALUE:
            wanted_tags[_truncated_key(param_keys[key])] = \
                f"cut from {len(text)} to {MAX_PARAM_VALUE} characters"
            text = text[:MAX_PARAM_VALUE]
        if key not in held.params:
            plan.params[key] = (param_keys[key], text)
        elif held.params[key] != param_mark(text):
            plan.warnings.append(f"param {key!r} changed after it was pushed; MLflow does not "
                                 "allow changing a param, so the server keeps the pushed value")
    # The user's tags make way for runlab's own, which keep their names.
    tag_keys = _assign(plan, held, "tags", list(run.tags), {}, reserved=wanted_tags)
    for key, value in run.tags.items():
        wanted_tags.setdefault(tag_keys[key], value)
    for key, value in list(wanted_tags.items()):
        if len(value) > MAX_TAG_VALUE:
            wanted_tags[_truncated_key(key)] = f"cut from {len(value)} to {MAX_TAG_VALUE} characters"
            wanted_tags[key] = value[:MAX_TAG_VALUE]
    plan.tags = {k: v for k, v in wanted_tags.items() if held.tags.get(k) != v}
    plan.untags = sorted(k for k in held.tags if k not in wanted_tags)
    status = STATUS.get(run.status)
    if status is not None and held.status != status:
        plan.status = status
        plan.end_ms = None if run.ended_at is None else millis(run.ended_at)
    for path, local in files:
        with contextlib.suppress(OSError):
            sig = _signature(local)
            if held.artifacts.get(path) != sig:
                plan.artifacts.append((path, local, sig))
    return plan


def _assign(plan: RunPlan, held: Remote, kind: str, keys: list[str], sent: Mapping[str, Any],
            reserved: Iterable[str] = ()) -> dict[str, str]:
    """MLflow keys of one kind; renamings that are new are noted in the plan."""
    renamed = held.keys.get(kind, {})
    known = {k: renamed.get(k, k) for k in sent}
    known.update(renamed)
    out = assign_keys(keys, known, reserved)
    new = {k: v for k, v in out.items() if k != v and k in keys and renamed.get(k) != v}
    if new:
        plan.keys[kind] = new
    return out


def _truncated_key(key: str) -> str:
    return sanitize_key(TRUNCATED + key)

