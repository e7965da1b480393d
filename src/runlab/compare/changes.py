"""What changed since the previous run: params, code, each metric's last value. The small
part of comparing runs that every tracked run's end-of-run summary needs, kept apart from
`compare` (runlab diff), which would cost the summary more to load than it uses."""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from runlab.store import Run

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

MISSING: Any = object()

# Metric names whose better direction is known (DESIGN: diff marks better or worse).
# (and the words of other languages' tutorials: 损失, 損失, 손실, потеря, pérdida, Verlust; 准确率,
# 精度, 정확도, точность, precisión, Genauigkeit)
LOWER_IS_BETTER = ("*loss*", "*error*", "*err", "*mse*", "*rmse*", "*mae*", "*perplexity*",
                   "*ppl*", "*wer*", "*cer*", "*损失*", "*损耗*", "*误差*", "*損失*", "*誤差*",
                   "*손실*", "*오차*", "*потер*", "*ошибк*", "*pérdida*", "*perdida*", "*perda*",
                   "*perte*", "*verlust*", "*kayıp*", "*fehler*")
HIGHER_IS_BETTER = ("*acc*", "*accuracy*", "*f1*", "*auc*", "*precision*", "*recall*", "*r2*",
                    "*score*", "*bleu*", "*rouge*", "*iou*", "*map*", "*准确*", "*正确率*",
                    "*精度*", "*正確率*", "*正解率*", "*召回率*", "*정확도*", "*точност*",
                    "*precisión*", "*precisão*", "*précision*", "*exactitud*", "*acurácia*",
                    "*genauigkeit*", "*doğruluk*")


def direction(key: str, overrides: Mapping[str, str] | None = None) -> int:
    """-1 when lower is better, +1 when higher is, 0 when unknown. Config globs win."""
    low = key.lower()
    for pattern, way in (overrides or {}).items():
        if fnmatch.fnmatchcase(low, pattern.lower()):
            return -1 if way == "lower" else 1
    if any(fnmatch.fnmatchcase(low, p) for p in LOWER_IS_BETTER):
        return -1
    if any(fnmatch.fnmatchcase(low, p) for p in HIGHER_IS_BETTER):
        return 1
    return 0


@dataclass
class ParamChange:
    key: str
    old: Any  # MISSING when added
    new: Any  # MISSING when removed


@dataclass
class MetricChange:
    key: str
    old: float | None
    new: float | None
    direction: int

    @property
    def delta(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return self.new - self.old

    @property
    def relative(self) -> float | None:
        d = self.delta
        if d is None or not self.old or not math.isfinite(self.old):
            return None
        return d / abs(self.old)

    @property
    def verdict(self) -> int:
        """+1 better, -1 worse, 0 same or unknown."""
        d = self.delta
        if d is None or d == 0 or math.isnan(d) or not self.direction:
            return 0
        return 1 if d * self.direction > 0 else -1


@dataclass
class Changes:
    params: list[ParamChange] = field(default_factory=list)
    code_changed: bool = False
    metrics: list[MetricChange] = field(default_factory=list)
    data_changed: list[str] = field(default_factory=list)  # inputs both runs read, now different
    packages: list[ParamChange] = field(default_factory=list)  # name, old and new version


def code_state(run: Run) -> tuple[Any, ...]:
    git = run.git or {}
    source = run.source or {}
    return (git.get("commit"), git.get("patch_sha256"), source.get("sha256"))


def param_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[ParamChange]:
    out = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key, MISSING), new.get(key, MISSING)
        if not same_value(a, b):
            out.append(ParamChange(key, a, b))
    return out


def same_value(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def changes(run: Run, previous: Run, directions: Mapping[str, str] | None = None) -> Changes:
    """How `run` differs from `previous`: params, code, and each shared metric's last value."""
    metrics = [
        MetricChange(key, previous.metrics[key].last, m.last, direction(key, directions))
        for key, m in run.metrics.items()
        if key in previous.metrics
    ]
    return Changes(
        params=param_changes(previous.params, run.params),
        code_changed=code_state(run) != code_state(previous),
        metrics=metrics,
        data_changed=data_changes(previous, run),
        packages=package_changes(previous, run),
    )


def fingerprints(run: Run) -> dict[str, str]:
    """{input path: fingerprint} of what the run read."""
    return {path: str(entry.get("fingerprint")) for path, entry in run.inputs.items()
            if isinstance(entry, dict)}


def data_changes(old: Run, new: Run) -> list[str]:
    """The inputs both runs read (same path) whose content differs."""
    a, b = fingerprints(old), fingerprints(new)
    return sorted(path for path in b if path in a and a[path] != b[path])


def package_changes(old: Run, new: Run) -> list[ParamChange]:
    """Packages installed, removed or at another version; nothing when either run did not
    record its packages (a command that is not Python, or a run from before they were)."""
    if not old.packages or not new.packages:
        return []
    return param_changes(old.packages, new.packages)


# -- runlab diff ------------------------------------------------------------------------------
#
# `diff_runs` lines runs up side by side; every list in it has one entry per run, in the order
# given, and every change is measured against the first run.
