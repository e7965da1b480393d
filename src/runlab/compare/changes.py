"""What changed since the previous run: params, code, each metric's last value. The small
part of comparing runs that every tracked run's end-of-run summary needs, kept apart from
`compare` (runlab diff), which would cost the summary more to load than it uses."""

from __future__ import annotations

import fnmatch
import math
import re
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
LOWER_IS_BETTER = ("*loss*", "*error*", "*err", "*mse*", "*rmse*", "*mae*", "*mape*", "*mdape*", "*wape*",
                   "*rmspe*", "*mase*", "*perplexity*",
                   "*ppl*", "*wer*", "*cer*", "*损失*", "*损耗*", "*误差*", "*错误率*", "*損失*", "*誤差*",
                   "*錯誤率*", "*エラー率*",
                   "*손실*", "*오차*", "*потер*", "*ошибк*", "*pérdida*", "*perdida*", "*perda*",
                   "*perte*", "*verlust*", "*kayıp*", "*fehler*")
HIGHER_IS_BETTER = ("*acc*", "*accuracy*", "*f1*", "*auc*", "*precision*", "*recall*", "*r2*",
                    "*score*", "*bleu*", "*rouge*", "*iou*", "*map*", "*准确*", "*正确率*",
                    "*精度*", "*正確率*", "*正解率*", "*召回率*", "*정확도*", "*точност*",
                    "*precisión*", "*precisão*", "*précision*", "*exactitud*", "*acurácia*",
                    "*genauigkeit*", "*doğruluk*")
# Short names that would mis-fire as parts of other words (`em` in `temp`, `return` in
# `returns_std`) count only as whole words of the name, between characters that are no
# letter or digit (`eval/mean_reward`, `NDCG@10`); they are regular expressions. A loss or an
# error among the name's words wins still (`reward_loss`), and a spread (std, var) of a
# reward or a return has no better way.
LOWER_IS_BETTER_WORDS = ("fid",)
HIGHER_IS_BETTER_WORDS = (r"r\^2", "r²", r"r[-_ ]?squared", "rewards?", "rew", "returns?",
                          r"p@(?:\d+|k)", r"prec(?:@(?:\d+|k))?", r"hits?@(?:\d+|k)", "chrf",
                          "mrr", "ndcg", "psnr", "ssim", r"exact[-_ ]?match", "em")
_SPREAD = {"std", "stddev", "var", "variance"}


def direction(key: str, overrides: Mapping[str, str] | None = None) -> int:
    """-1 when lower is better, +1 when higher is, 0 when unknown. Config globs win."""
    low = key.lower()
    for pattern, way in (overrides or {}).items():
        if fnmatch.fnmatchcase(low, pattern.lower()):
            return -1 if way == "lower" else 1
    if any(fnmatch.fnmatchcase(low, p) for p in LOWER_IS_BETTER) or re.search(_LOWER, low):
        return -1
    if any(fnmatch.fnmatchcase(low, p) for p in HIGHER_IS_BETTER):
        return 1
    if re.search(_HIGHER, low) and not _SPREAD.intersection(re.split(r"[\W_]+", low)):
        return 1
    return 0


def _whole_words(words: tuple[str, ...]) -> str:
    return r"(?<![^\W_])(?:" + "|".join(words) + r")(?![^\W_])"


_LOWER = _whole_words(LOWER_IS_BETTER_WORDS)
_HIGHER = _whole_words(HIGHER_IS_BETTER_WORDS)


@dataclass
class ParamChange:
    key: str
    old: Any  # MISSING when added
    new: Any  # MISSING when removed


@dataclass
class MetricChange:
    """One metric's last value in an earlier run (`old`) and in this one (`new`).

    NaN and infinities have no difference to speak of: a value that becomes NaN or infinite
    (the run diverged) is worse whatever the metric's direction, one that becomes a number
    again is better, and NaN then NaN (or the same infinity twice) is no change. An infinity
    on the side the direction calls better (a PSNR of +inf: a perfect reconstruction) is a
    value like any other."""

    key: str
    old: float | None
    new: float | None
    direction: int

    @property
    def changed(self) -> bool:
        """Both runs have the metric, and its value moved."""
        if self.old is None or self.new is None:
            return False
        return not (self.old == self.new or (math.isnan(self.old) and math.isnan(self.new)))

    @property
    def delta(self) -> float | None:
        """new - old: 0 when unchanged (NaN then NaN included), None when a run lacks it."""
        if self.old is None or self.new is None:
            return None
        return self.new - self.old if self.changed else 0.0

    @property
    def relative(self) -> float | None:
        """The change as a fraction of the old value, where both are finite numbers."""
        d = self.delta
        if d is None or not self.old or not math.isfinite(self.old) or not math.isfinite(d):
            return None
        return d / abs(self.old)

    @property
    def verdict(self) -> int:
        """+1 better, -1 worse, 0 same or unknown."""
        if self.old is None or self.new is None or not self.changed:
            return 0
        was, now = diverged(self.old, self.direction), diverged(self.new, self.direction)
        if was != now:
            return -1 if now else 1
        if now or not self.direction:
            return 0
        return 1 if (self.new - self.old) * self.direction > 0 else -1


def diverged(value: float, way: int) -> bool:
    """Whether a metric's value tells of a run gone wrong: NaN, or an infinity other than
    the one its direction `way` calls better."""
    if math.isnan(value):
        return True
    if math.isinf(value):
        return not way or (value > 0) != (way > 0)
    return False


@dataclass
class Changes:
    params: list[ParamChange] = field(default_factory=list)
    code_changed: bool = False
    metrics: list[MetricChange] = field(default_factory=list)
    data_changed: list[str] = field(default_factory=list)  # inputs both runs read, now different
    packages: list[ParamChange] = field(default_factory=list)  # name, old and new version
    env: list[ParamChange] = field(default_factory=list)  # recorded environment variables


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
        env=param_changes(previous.env or {}, run.env or {}),
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
