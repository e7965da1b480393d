"""`runlab diff`, `metrics` and `plot`: real runs through the real CLI, and the core with plain
values (compare.diff_runs, the series alignment, the plot's downsampling)."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from runlab.compare import diff as compare
from runlab.compare.changes import MISSING
from runlab.display import plot, series
from runlab.store import MetricPoint, MetricSummary, Run, Store
from tests.conftest import Result, git

PY = sys.executable
ESC = "\x1b"

Cli = Callable[..., Result]


def ok(r: Result) -> Result:
    assert r.code == 0, r.stderr
    return r


def aspects(out: str) -> dict[str, str]:
    """The `aspect  differs|same ...` lines of a diff, as {aspect: differs|same}."""
    found = {}
    for line in out.splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] in compare.ASPECTS and words[1] in ("differs", "same"):
            found[words[0]] = words[1]
    return found


def section(out: str, title: str) -> list[str]:
    """The lines of one section of a diff (after its title, up to the next blank line)."""
    lines = out.splitlines()
    start = lines.index(title) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def printing(tmp_path: Path, name: str, text: str) -> str:
    """A script that prints `text`; returns its file name."""
    (tmp_path / name).write_text(f"print({text!r})\n")
    return name


# -- diff between two real runs in a real repository ----------------------------------------------


@pytest.fixture
def two_commits(cli: Cli, git_repo: Path) -> Path:
    """Run 1 on the first commit; run 2 on a second commit plus uncommitted changes."""
    ok(cli(PY, "train.py", "--lr=0.1", cwd=git_repo))
    train = git_repo / "train.py"
    train.write_text(train.read_text() + "# committed in the second commit\n")
    git(git_repo, "commit", "-qam", "second")
    train.write_text(train.read_text() + "# uncommitted tweak\n")
    (git_repo / "helper.py").write_text("HELPER = 'untracked'\n")
    ok(cli("-t", "best", PY, "train.py", "--lr=0.2", "--seed=7", cwd=git_repo))
    return git_repo


def test_diff_shows_only_what_differs(main: Cli, two_commits: Path) -> None:
    out = ok(main("diff", "1", "2", cwd=two_commits)).stdout
    assert ESC not in out
    assert out.splitlines()[0] == "Comparing run 1 with run 2"
    assert aspects(out) == {"command": "differs", "params": "differs", "code": "differs",
                            "inputs": "same", "packages": "same", "metrics": "differs", "status": "same", "environment": "same",
                            "tags": "differs"}
    params = section(out, "Params")
    assert params[0].split() == ["param", "#1", "#2", "change"]
    assert params[1].split() == ["lr", "0.1", "0.2", "changed"]
    assert params[2].split() == ["seed", "unset", "7", "added"]
    metrics = {line.split()[0]: line.split() for line in section(out, "Metrics")[1:]}
    # loss 0.3333 -> 0.1667 (lower is better), acc 0.8 -> 1.1 (higher is better)
    assert metrics["loss"][:5] == ["loss", "0.3333", "0.1667", "-0.1666", "-49.98%"]
    assert metrics["loss"][5:] == ["▲", "better"]
    assert metrics["acc"][:5] == ["acc", "0.8", "1.1", "+0.3", "+37.5%"]
    code = {line.split()[0]: line.split()[1:] for line in section(out, "Code")[1:]}
    first = git(two_commits, "rev-parse", "HEAD~1").strip()
    second = git(two_commits, "rev-parse", "HEAD").strip()
    assert code["commit"] == [first[:12], second[:12]]
    assert code["dirty"] == ["no", "yes,", "2", "files", "changed"]
    assert "branch" not in code  # the same on both: left out
    assert section(out, "Tags")[1].split() == ["best", "unset", "·", "added"]
    assert "Status" not in out.splitlines() and "Environment" not in out.splitlines()
    for line in out.splitlines():
        assert line == line.rstrip()


def test_diff_code_shows_committed_and_uncommitted_changes(main: Cli, two_commits: Path) -> None:
    status_before = git(two_commits, "status", "--porcelain")
    r = ok(main("diff", "1", "2", "--code", cwd=two_commits))
    assert ESC not in r.stdout
    assert "diff --git a/train.py b/train.py" in r.stdout
    assert "+# committed in the second commit" in r.stdout
    assert "+# uncommitted tweak" in r.stdout
    assert "diff --git a/helper.py b/helper.py" in r.stdout
    assert "+HELPER = 'untracked'" in r.stdout
    assert ".runlab" not in r.stdout
    # Rebuilding the trees leaves the repository as it was: same status, nothing staged.
    assert git(two_commits, "status", "--porcelain") == status_before
    assert git(two_commits, "diff", "--cached") == ""
    back = ok(main("diff", "2", "1", "--code", cwd=two_commits)).stdout
    assert "-# uncommitted tweak" in back and "deleted file mode" in back


def test_diff_code_of_runs_on_the_same_code_is_empty(cli: Cli, git_repo: Path) -> None:
    ok(cli(PY, "train.py", "--lr=0.1", cwd=git_repo))
    ok(cli(PY, "train.py", "--lr=0.3", cwd=git_repo))
    r = ok(cli("diff", "1", "2", "--code", cwd=git_repo))
    assert r.stdout == ""
    assert "no differences in the code of runs 1 and 2" in r.stderr


def test_diff_code_outside_git_uses_the_script_copies(cli: Cli, tmp_path: Path) -> None:
    script = tmp_path / "job.py"
    script.write_text("print('loss=1.0')\n")
    ok(cli(PY, "job.py"))
    script.write_text("print('loss=0.5')\n")
    ok(cli(PY, "job.py"))
    out = ok(cli("diff", "1", "2", "--code")).stdout
    assert "-print('loss=1.0')" in out and "+print('loss=0.5')" in out
    assert "a/job.py" in out


def test_diff_code_says_when_a_repository_is_gone(main: Cli, two_commits: Path) -> None:
    two_commits.rename(two_commits.parent / "moved")
    r = main("diff", "1", "2", "--code")
    assert r.code == 1
    assert r.stderr == (f"runlab: error: run 1's repository {two_commits} is gone: its code "
                        "cannot be rebuilt\n")


def test_diff_json_is_the_documented_structure(main: Cli, two_commits: Path) -> None:
    data = json.loads(ok(main("diff", "1", "2", "--json", cwd=two_commits)).stdout)
    assert [r["number"] for r in data["runs"]] == [1, 2]
    assert data["aspects"]["params"] == {"differs": True}
    assert data["aspects"]["status"] == {"differs": False}
    params = {p["key"]: p for p in data["params"]}
    assert params["lr"] == {"key": "lr", "change": "changed", "values": [0.1, 0.2],
                            "present": [True, True]}
    assert params["seed"]["change"] == "added" and params["seed"]["present"] == [False, True]
    loss = next(m for m in data["metrics"] if m["key"] == "loss")
    assert loss["direction"] == "lower" and loss["differs"] is True
    assert loss["changes"][0] is None
    assert loss["changes"][1]["verdict"] == "better"
    assert loss["changes"][1]["delta"] == pytest.approx(0.1667 - 0.3333)
    assert loss["changes"][1]["relative"] == pytest.approx((0.1667 - 0.3333) / 0.3333)
    assert data["code"]["differs"] is True
    assert data["code"]["values"][1]["dirty"] is True
    assert data["environment"]["values"][0]["python"]
    assert data["tags"] == [{"key": "best", "change": "added", "values": [None, ""],
                             "present": [False, True]}]
    code = json.loads(ok(main("diff", "1", "2", "--code", "--json", cwd=two_commits)).stdout)
    assert "+# uncommitted tweak" in code["code"]["diff"] and code["code"]["notes"] == []


def test_identical_runs_say_nothing_differs(cli: Cli, tmp_path: Path) -> None:
    name = printing(tmp_path, "same.py", "loss=0.5")
    ok(cli(PY, name))
    ok(cli(PY, name))
    out = ok(cli("diff", "1", "2")).stdout
    assert set(aspects(out).values()) == {"same"}
    assert len(aspects(out)) == len(compare.ASPECTS)
    assert "Nothing differs (--all shows everything)." in out
    full = ok(cli("diff", "1", "2", "--all")).stdout
    assert "Nothing differs" not in full
    for title in ("Command", "Code", "Metrics", "Status", "Environment"):
        assert title in full.splitlines()
    assert section(full, "Metrics")[1].split()[:3] == ["loss", "0.5", "0.5"]


def test_better_and_worse_are_marked_and_directions_configurable(cli: Cli,
                                                                 tmp_path: Path) -> None:
    ok(cli(PY, printing(tmp_path, "a.py", "loss=0.5 acc=0.9 speed=100")))
    ok(cli(PY, printing(tmp_path, "b.py", "loss=0.6 acc=0.95 speed=120")))
    rows = {line.split()[0]: line for line in section(ok(cli("diff", "1", "2")).stdout,
                                                          "Metrics")[1:]}
    assert rows["loss"].endswith("▼ worse")
    assert rows["acc"].endswith("▲ better")
    assert "better" not in rows["speed"] and "worse" not in rows["speed"]
    (tmp_path / "runlab.toml").write_text('directions = { speed = "lower" }\n')
    rows = {line.split()[0]: line for line in section(ok(cli("diff", "1", "2")).stdout,
                                                          "Metrics")[1:]}
    assert rows["speed"].endswith("▼ worse")
    out = ok(cli("diff", "1", "2")).stdout
    assert "metrics      differs  3 changed (1 better, 2 worse)" in out


def test_diff_of_three_runs_measures_against_the_first(cli: Cli, tmp_path: Path) -> None:
    for value in ("1.0", "0.5", "2.0"):
        ok(cli(PY, printing(tmp_path, f"r{value}.py", f"loss={value}")))
    out = ok(cli("diff", "1", "2", "3")).stdout
    assert out.splitlines()[0] == "Comparing run 2, run 3 with run 1"
    head, row = section(out, "Metrics")[:2]
    assert head.split() == ["metric", "#1", "#2", "Δ", "#2", "%", "#2", "#3", "Δ", "#3", "%",
                            "#3"]
    assert row.split() == ["loss", "1", "0.5", "-0.5", "-50%", "▲", "better", "2", "+1",
                           "+100%", "▼", "worse"]


def test_a_metric_gone_nan_is_worse_and_back_to_a_number_better(cli: Cli,
                                                                  tmp_path: Path) -> None:
    # A run that diverged: its loss is NaN, whatever way the metric is better; the next run's
    # number again is better. Both NaN is no change.
    for loss, norm in (("0.5", "1.5"), ("nan", "nan"), ("0.4", "nan")):
        ok(cli(PY, printing(tmp_path, f"r{loss}.py", f"val_loss={loss} grad_norm={norm}")))
    rows = {line.split()[0]: line for line in section(ok(cli("diff", "1", "2")).stdout,
                                                          "Metrics")[1:]}
    assert rows["val_loss"].split() == ["val_loss", "0.5", "nan", "nan", "(was", "0.5)", "▼",
                                        "worse"]
    assert rows["grad_norm"].endswith("▼ worse")  # no direction, but NaN is a run gone wrong
    out = ok(cli("diff", "2", "3")).stdout
    assert "metrics      differs  1 changed (1 better)" in out
    rows = {line.split()[0]: line for line in section(out, "Metrics")[1:]}
    assert rows["val_loss"].split() == ["val_loss", "nan", "0.4", "0.4", "(was", "nan)", "▲",
                                        "better"]
    data = json.loads(ok(cli("diff", "1", "2", "3", "--json")).stdout,
                      parse_constant=lambda c: pytest.fail(f"bare {c}"))
    changes = {m["key"]: m["changes"] for m in data["metrics"]}
    assert changes["val_loss"][1] == {"delta": "NaN", "relative": None, "verdict": "worse"}
    assert changes["val_loss"][2]["verdict"] == "better"
    assert changes["grad_norm"][1]["verdict"] == "worse"
    data = json.loads(ok(cli("diff", "2", "3", "--json")).stdout)
    norm = next(m for m in data["metrics"] if m["key"] == "grad_norm")
    assert not norm["differs"] and norm["changes"][1] == {"delta": 0.0, "relative": None,
                                                          "verdict": "same"}


def test_infinities_are_compared_as_a_diverged_run() -> None:
    from runlab.compare.changes import MetricChange

    inf, nan = math.inf, math.nan
    cases = [  # old, new, direction, verdict
        (0.5, inf, -1, -1), (0.5, -inf, 0, -1), (inf, 0.5, -1, 1), (0.9, nan, 1, -1),
        (nan, nan, -1, 0), (inf, inf, -1, 0), (inf, nan, -1, 0), (inf, -inf, 0, 0),
        # An infinity on the side the direction calls better is a value: a PSNR of +inf.
        (30.0, inf, 1, 1), (inf, 30.0, 1, -1), (nan, inf, 1, 1), (inf, -inf, 1, -1),
        (0.1, 0.2, -1, -1)]
    for old, new, way, verdict in cases:
        change = MetricChange("m", old, new, way)
        assert change.verdict == verdict, (old, new, way)
        assert change.relative is None or math.isfinite(old) and math.isfinite(new)
    assert MetricChange("m", nan, nan, -1).delta == 0 and not MetricChange("m", inf, inf, 1).changed


def test_diff_log_is_a_unified_diff_without_escape_codes(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("print('start')\nprint('\\x1b[31mloss=1.0\\x1b[0m')\n")
    (tmp_path / "b.py").write_text("print('start')\nprint('\\x1b[31mloss=0.5\\x1b[0m')\n")
    ok(cli(PY, "a.py"))
    ok(cli(PY, "b.py"))
    out = ok(cli("diff", "1", "2", "--log")).stdout
    assert ESC not in out
    assert out.splitlines()[:2] == ["--- run 1 output", "+++ run 2 output"]
    assert " start" in out.splitlines() and "-loss=1.0" in out.splitlines()
    assert "+loss=0.5" in out.splitlines()


def test_diff_usage_errors(cli: Cli, tmp_path: Path) -> None:
    name = printing(tmp_path, "x.py", "loss=1")
    for _ in range(3):
        ok(cli(PY, name))
    r = cli("diff", "1")
    assert r.code == 2 and "at least two runs" in r.stderr
    r = cli("diff", "1", "2", "3", "--code")
    assert r.code == 2 and "exactly two runs" in r.stderr
    r = cli("diff", "1", "9")
    assert r.code == 2 and r.stderr.startswith("runlab: error: no run number 9")


# -- metrics -------------------------------------------------------------------------------------


@pytest.fixture
def series_run(cli: Cli, tmp_path: Path) -> Cli:
    (tmp_path / "fit.py").write_text(
        "for step in range(1, 5):\n"
        "    print(f'step={step} loss={1 / step:.4f} acc={step / 4:.2f}')\n"
    )
    ok(cli(PY, "fit.py"))
    return cli


def test_metrics_table(series_run: Cli) -> None:
    out = ok(series_run("metrics", "last")).stdout
    lines = out.splitlines()
    assert lines[0].split() == ["step", "acc", "loss", "time"]
    assert [line.split()[:3] for line in lines[1:]] == [
        ["1", "0.25", "1"], ["2", "0.5", "0.5"], ["3", "0.75", "0.3333"], ["4", "1", "0.25"]]
    assert all(re.fullmatch(r"\d\d:\d\d:\d\d\.\d{3}", line.split()[3]) for line in lines[1:])
    one = ok(series_run("metrics", "last", "loss")).stdout.splitlines()
    assert one[0].split() == ["step", "value", "time"] and len(one) == 5


def test_metrics_json_and_csv_parse_back(series_run: Cli) -> None:
    data = json.loads(ok(series_run("metrics", "last", "--json")).stdout)
    assert set(data) == {"acc", "loss"}
    assert [p["step"] for p in data["loss"]] == [1, 2, 3, 4]
    assert [p["value"] for p in data["loss"]] == [1.0, 0.5, 0.3333, 0.25]
    assert datetime.fromisoformat(data["loss"][0]["time"]).utcoffset() is not None
    text = ok(series_run("metrics", "last", "loss", "acc", "--csv")).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == "key,step,value,time"
    assert [(r["key"], int(r["step"]), float(r["value"])) for r in rows] == [
        ("loss", 1, 1.0), ("loss", 2, 0.5), ("loss", 3, 0.3333), ("loss", 4, 0.25),
        ("acc", 1, 0.25), ("acc", 2, 0.5), ("acc", 3, 0.75), ("acc", 4, 1.0)]
    assert all(datetime.fromisoformat(r["time"]).tzinfo is not None for r in rows)


def test_metrics_unknown_key_names_the_run_metrics(series_run: Cli) -> None:
    r = series_run("metrics", "last", "los")
    assert r.code == 2
    assert r.stderr == "runlab: error: run 1 has no metric 'los' (it has: acc, loss)\n"
    assert series_run("metrics", "last", "--json", "--csv").code == 2


def test_a_missing_metric_names_the_first_20_and_counts_the_rest(
        cli: Cli, git_repo: Path) -> None:
    # The same sentence as the REST API's and runlab.metric_history's, not 1500 names.
    (git_repo / "many.py").write_text(
        "import runlab\n"
        "runlab.log_metrics({f'm{i:02}': float(i) for i in range(25)}, step=1)\n")
    ok(cli(PY, "many.py", cwd=git_repo))
    for env in ({}, {"_RUNLAB_NO_FASTPATH": "1"}):
        r = cli("metrics", "last", "nope", "m01", "gone", cwd=git_repo, env=env)
        assert r.code == 2
        first = ", ".join(f"m{i:02}" for i in range(20))
        assert r.stderr == (f"runlab: error: run 1 has no metrics 'nope', 'gone' (it has: "
                            f"{first} … and 5 more)\n"), env


def test_a_run_of_one_metric_shows_its_name(cli: Cli, git_repo: Path) -> None:
    # (asked for by name, its column is `value`; a run's only metric, shown whole, is named)
    (git_repo / "one.py").write_text("for step in (1, 2):\n    print(f'step={step} cost={1 / step}')\n")
    ok(cli(PY, "one.py", cwd=git_repo))
    for env in ({}, {"_RUNLAB_NO_FASTPATH": "1"}):
        assert ok(cli("metrics", "last", cwd=git_repo, env=env)).stdout.split()[:3] == [
            "step", "cost", "time"], env
        assert ok(cli("metrics", "last", "cost", cwd=git_repo, env=env)).stdout.split()[:3] == [
            "step", "value", "time"], env


def test_metrics_takes_a_key_that_starts_with_a_dash_after_double_dash(
        cli: Cli, git_repo: Path) -> None:
    (git_repo / "neg.py").write_text(
        "import runlab\n"
        "for step in (1, 2):\n"
        "    runlab.log_metrics({'-neg': -step, 'loss': 1 / step}, step=step)\n")
    ok(cli(PY, "neg.py", cwd=git_repo))
    for env in ({}, {"_RUNLAB_NO_FASTPATH": "1"}):
        for words in (["last", "--", "-neg"], ["--", "last", "-neg"], ["--json", "last", "--", "-neg"]):
            out = ok(cli("metrics", *words, cwd=git_repo, env=env)).stdout
            if "--json" in words:
                assert [p["value"] for p in json.loads(out)["-neg"]] == [-1, -2]
            else:
                assert [line.split()[:2] for line in out.splitlines()] == [
                    ["step", "value"], ["1", "-1"], ["2", "-2"]], (env, words)
        # Without --, click reads -neg as options: say where such a key goes.
        r = cli("metrics", "last", "-neg", "loss", cwd=git_repo, env=env)
        assert r.code == 2 and r.stderr == (
            "runlab: error: No such option: -n (a word that starts with - goes after --, as in "
            "`runlab metrics last -- -neg loss`; see `runlab metrics --help`)\n")
        # A mistyped option is a typo, not a key: click's suggestion, and no -- advice.
        r = cli("diff", "1", "2", "--lgo", cwd=git_repo, env=env)
        assert r.code == 2 and "--log" in r.stderr and " -- " not in r.stderr, r.stderr


def test_series_alignment_on_step() -> None:
    def pts(*pairs: tuple[int, float]) -> list[MetricPoint]:
        return [MetricPoint(s, v, 1000.0 + s) for s, v in pairs]

    data = {"a": pts((1, 1.0), (2, 2.0), (2, 2.5), (3, 3.0)), "b": pts((2, 20.0), (4, 40.0))}
    rows = series.align(data, ["a", "b"])
    assert [(r.step, r.values) for r in rows] == [
        (1, [1.0, None]), (2, [2.0, 20.0]), (2, [2.5, None]), (3, [3.0, None]),
        (4, [None, 40.0])]
    # One key keeps the recorded order, even when steps go back.
    back = {"a": pts((5, 1.0), (1, 2.0))}
    assert [r.step for r in series.align(back, ["a"])] == [5, 1]
    assert series.to_csv({"x": [MetricPoint(0, math.nan, 0.0)]}, ["x"]).splitlines()[1] \
        .startswith("x,0,nan,")


# -- plot ----------------------------------------------------------------------------------------


def test_plot_at_a_fixed_width(cli: Cli, tmp_path: Path) -> None:
    for lr in ("0.1", "0.2"):
        (tmp_path / f"t{lr}.py").write_text(
            f"for step in range(1, 51):\n    print(f'step={{step}} loss={{1 / (step * {lr}):.4f}}')\n")
        ok(cli(PY, f"t{lr}.py"))
    r = ok(cli("plot", "1", "2", "-k", "loss", "--width", "80", "--height", "20"))
    lines = r.stdout.splitlines()
    assert len(lines) == 20
    assert ESC not in r.stdout
    assert "#1 loss" in r.stdout and "#2 loss" in r.stdout
    assert max(len(line) for line in lines) <= 80
    assert all(line == line.rstrip() for line in lines)
    assert lines[-1].strip() == "step"
    # Without -k: the metrics the runs share.
    assert ok(cli("plot", "1", "2", "--width", "80", "--height", "20")).stdout == r.stdout


def test_plot_of_a_running_run_with_thousands_of_points(main: Cli, store: Store) -> None:
    run_id, _ = store.create_run({"command": ["python", "train.py"], "cwd": "/tmp",
                                  "pid": 1, "pid_start": 1.0, "host": "another-machine"})
    points = [["loss", 1 / (i + 1) + 0.01 * (i % 7), i, 1000.0 + i] for i in range(5000)]
    store.append(run_id, [{"e": "metrics", "p": points}])
    r = ok(main("plot", "1", "--width", "100", "--height", "25"))
    assert len(r.stdout.splitlines()) == 25 and "#1 loss" in r.stdout
    assert "run 1 is still running" in r.stderr
    store.append(run_id, [{"e": "metrics", "p": [["loss", 0.5, 5000, 2000.0]]}])
    assert len(ok(main("plot", "1", "--width", "100", "--height", "25")).stdout.splitlines()) == 25


def test_plot_errors_and_default_key_cap(cli: Cli, tmp_path: Path) -> None:
    ok(cli(PY, printing(tmp_path, "a.py", "a=1 b=2 c=3 d=4 e=5")))
    ok(cli(PY, printing(tmp_path, "z.py", "z=1")))
    r = ok(cli("plot", "1", "--width", "60", "--height", "15"))
    assert "also shared: e" in r.stderr
    assert "#1 d" in r.stdout and "#1 e" not in r.stdout
    r = cli("plot", "1", "2")
    assert r.code == 2 and "share no metric" in r.stderr and "run 2: z" in r.stderr
    r = cli("plot", "1", "-k", "nope")
    assert r.code == 2 and "their metrics: a, b, c, d, e" in r.stderr


def test_plot_without_keys_leaves_system_metrics_out_and_puts_the_telling_first(
        cli: Cli, tmp_path: Path) -> None:
    # sys/read_bytes is in the millions: plotted by default it would flatten every other line.
    (tmp_path / "rl.py").write_text(
        "for s in range(1, 6):\n"
        "    print(f'step={s} aa={s} sys/read_bytes={s * 10**6} bb={s} train/value_loss={1/s} '\n"
        "          f'cc={s} rollout/ep_rew_mean={s * 2} dd={s}')\n")
    ok(cli("--no-system-metrics", PY, "rl.py"))
    r = ok(cli("plot", "1", "--width", "80", "--height", "20"))
    # The end-of-run summary's order: a known direction first (a reward, a value loss, which
    # is no held-out `val`), then the others as the run reported them.
    assert r.stdout.splitlines()[0].strip() == "rollout/ep_rew_mean, train/value_loss, aa, bb"
    assert "sys/" not in r.stdout and "sys/" not in r.stderr
    assert "also shared: cc, dd" in r.stderr
    assert "#1 sys/read_bytes" in ok(cli("plot", "1", "-k", "sys/read_bytes")).stdout
    # A run with nothing but system metrics still gets a chart of them.
    (tmp_path / "io.py").write_text("for s in range(3): print(f'step={s} sys/read_bytes={s}')\n")
    ok(cli("--no-system-metrics", PY, "io.py"))
    assert "#2 sys/read_bytes" in ok(cli("plot", "2", "--width", "60", "--height", "12")).stdout


def test_plot_says_which_series_no_chart_can_draw(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "nan.py").write_text(
        "for s in range(1, 5): print(f'step={s} train_loss=nan acc={s}')\n")
    ok(cli(PY, "nan.py"))
    r = cli("plot", "1", "-k", "train_loss")
    assert r.code == 1 and r.stderr.splitlines() == [
        "runlab: error: nothing to plot: every point of #1 train_loss is NaN (no chart can draw "
        "them)"], r.stderr
    (tmp_path / "inf.py").write_text(
        "for s in range(1, 5): print(f'step={s} train_loss={1 / s if s > 1 else \"inf\"} acc=1')\n")
    ok(cli(PY, "inf.py"))
    r = ok(cli("plot", "1", "2", "-k", "train_loss", "-k", "acc", "--width", "60",
               "--height", "12"))
    assert "runlab: warning: left out 5 points no chart can draw: #1 train_loss all 4 (NaN), " \
        "#2 train_loss 1 of 4 (infinite)" in r.stderr, r.stderr
    assert "#2 train_loss" in r.stdout and "#1 train_loss" not in r.stdout


def test_downsample_keeps_extremes_and_bounds_the_points() -> None:
    steps = [float(i) for i in range(10_000)]
    values = [math.sin(i / 100) for i in range(10_000)]
    values[4321] = 50.0
    values[17] = math.nan
    xs, ys = plot.downsample(steps, values, 80)
    assert len(xs) <= 160 and len(xs) == len(ys)
    assert max(ys) == 50.0 and min(ys) == pytest.approx(-1, abs=1e-3)
    assert xs == sorted(xs)
    assert all(math.isfinite(v) for v in ys)
    assert plot.downsample([1.0, 2.0], [1.0, math.inf], 80) == ([1.0], [1.0])


def test_plot_render_plain_values() -> None:
    lines = [plot.Line("#3 loss", [float(i) for i in range(2000)],
                       [1 / (i + 1) for i in range(2000)])]
    text = plot.render(lines, 70, 18, colour=False, title="loss")
    assert len(text.splitlines()) == 18 and ESC not in text and "#3 loss" in text
    assert ESC in plot.render(lines, 70, 18, colour=True)
    assert plot.choose_keys([["acc", "loss", "lr"], ["loss", "acc"]], cap=1) == (["acc"],
                                                                                 ["loss"])
    assert plot.ticks(0, 100, 5) == [0, 20, 40, 60, 80, 100]
    assert plot.ticks(1, 4, 8) == [1, 2, 3, 4]


# -- the core, with plain values --------------------------------------------------------------------


def run(number: int, **kw: object) -> Run:
    base: dict[str, object] = {"id": f"{number:032x}", "number": number, "name": None,
                               "experiment": "Default", "status": "finished", "exit_code": 0,
                               "command": ["python", "train.py"], "cwd": "/w",
                               "started_at": 0.0, "ended_at": 1.0, "host": "h", "user": "u",
                               "python": "3.11", "platform": "Linux"}
    base.update(kw)
    return Run(**base)  # type: ignore[arg-type]


def summary(last: float) -> MetricSummary:
    return MetricSummary(last, last, last, 1, 0)


def test_rows_classify_changes() -> None:
    rows = {r.key: r for r in compare.rows([{"a": 1, "b": 1, "c": 1, "e": 1},
                                            {"a": 1, "b": 2, "d": 1, "e": 1.0}])}
    assert rows["a"].change == "same" and not rows["a"].differs
    assert rows["b"].change == "changed"
    assert rows["c"].change == "removed" and rows["c"].values == [1, MISSING]
    assert rows["d"].change == "added"
    assert rows["e"].change == "changed"  # typed: 1 and 1.0 are not the same param value


def test_diff_runs_with_plain_values() -> None:
    a = run(1, params={"lr": 0.1}, metrics={"loss": summary(0.4), "acc": summary(0.8),
                                            "n": summary(3.0)},
            git={"commit": "abc", "branch": "main", "dirty": False, "patch_sha256": None})
    b = run(2, params={"lr": 0.1}, metrics={"loss": summary(0.5), "acc": summary(0.8),
                                            "n": summary(5.0)},
            git={"commit": "abc", "branch": "other", "dirty": False, "patch_sha256": None},
            status="failed", exit_code=1, tags={"k": "v"})
    d = compare.diff_runs([a, b], {"n": "higher"})
    assert dict(d.aspects()) == {"command": False, "params": False, "code": False,
                                 "inputs": False, "packages": False, "metrics": True, "status": True, "environment": False,
                                 "tags": True}
    assert d.code.differing_fields() == ["branch"]  # a branch name is not a code change
    m = {row.key: row for row in d.metrics}
    assert not m["acc"].differs
    loss = m["loss"].changes[1]
    assert loss is not None and loss.verdict == -1
    assert loss.relative == pytest.approx(0.25)
    n = m["n"].changes[1]
    assert n is not None and n.verdict == 1
    assert d.status.differing_fields() == ["status", "exit_code"]
    data = d.to_json()
    assert json.loads(json.dumps(data)) == data
    verdicts = {m["key"]: m["changes"][1]["verdict"] for m in data["metrics"]}
    assert verdicts == {"acc": "same", "loss": "worse", "n": "better"}


def test_metric_rows_handle_missing_and_nan() -> None:
    a = run(1, metrics={"x": summary(math.nan), "y": summary(1.0)})
    b = run(2, metrics={"x": summary(math.nan)})
    rows = {r.key: r for r in compare.metric_rows([a, b])}
    assert not rows["x"].differs
    assert rows["y"].differs and rows["y"].values == [1.0, None]
    change = rows["y"].changes[1]
    assert change is not None and change.delta is None and change.verdict == 0
    with pytest.raises(ValueError):
        compare.diff_runs([a])


def test_streamed_metrics_json_is_the_document_json_dumps_lays_out() -> None:
    # `metrics --json` writes a point at a time; the text must be exactly the indented JSON
    # of the whole document, NaN and infinities as strings, steps past 32 bits, no time.
    import random

    from runlab.display.series import json_chunks, to_json
    from runlab.store import MetricPoint
    from runlab.store.records import to_json_text

    rng = random.Random(5)
    values = [0.5, float("nan"), float("inf"), -float("inf"), -1e308, 0.0, 1e-300]
    series = {
        "loss": [MetricPoint(i, rng.choice([rng.random(), *values]), 1.7e9 + rng.random() * 1e5)
                 for i in range(300)],
        'val "é"': [],
        "big": [MetricPoint(2**62, 1.0, None)],
    }
    streamed = "".join(json_chunks(series.items()))
    assert streamed == to_json_text(to_json(series, list(series)), indent=2) + "\n"
    json.loads(streamed, parse_constant=lambda c: pytest.fail(f"bare {c}"))


@pytest.mark.parametrize("zone", ["Europe/Paris", "America/St_Johns", "Australia/Lord_Howe"])
def test_iso_times_keep_the_local_offset_across_summer_time(
        zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # iso() works each minute's offset out once; around every change of offset (and at
    # random), its text must be the one datetime gives for that very instant.
    import random
    import time

    from runlab.store.records import iso

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        rng = random.Random(2)
        times = [rng.uniform(0, 2.1e9) for _ in range(20_000)]
        start = 1735689600  # 2025-01-01: every half hour of two years, either side
        times += [start + k * 1800 + d for k in range(2 * 365 * 48) for d in (-0.0005, 0.0004)]
        # Rounded to the microsecond as datetime rounds (half to even), over a whole second.
        times += [rng.randint(0, 2**31) + d for _ in range(2000)
                  for d in (0.0005, 0.9995, 5e-7, 0.9999995, 0.4999995, 0.5000005, 1e-9)]
        for t in times:
            want = datetime.fromtimestamp(t).astimezone().isoformat(timespec="milliseconds")
            assert iso(t) == want, t
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_measure_named_in_another_language_has_its_direction() -> None:
    from runlab.compare.changes import direction

    assert [direction(k) for k in ("训练损失", "損失", "손실", "потеря", "pérdida", "Verlust")] == [
        -1] * 6
    assert [direction(k) for k in ("验证准确率", "精度", "정확도", "точность", "precisión",
                                   "Genauigkeit")] == [1] * 6
    assert direction("样本数") == 0


def test_directions_of_regression_reward_ranking_and_image_metrics() -> None:
    from runlab.compare.changes import direction

    higher = ["R^2", "R²", "R-squared", "r_squared", "reward", "mean_reward", "episode_reward",
              "ep_rew_mean", "rollout/ep_rew_mean", "eval/mean_reward", "return",
              "episodic_return", "mean_return", "charts/episodic_return", "P@1", "Prec@1",
              "precision@k", "p@10", "chrF", "chrF++", "MRR", "NDCG@10", "ndcg", "PSNR", "SSIM",
              "exact_match", "EM", "eval_em", "hits@10"]
    assert [k for k in higher if direction(k) != 1] == []
    lower = ["FID", "fid_score", "val/FID", "reward_loss", "return_error", "psnr_loss"]
    assert [k for k in lower if direction(k) != -1] == []
    # Whole words only: no direction for a part of another word, nor for a reward's spread.
    unknown = ["returns_std", "reward_std", "ep_len_mean", "rollout/ep_len_mean", "temp",
               "item", "rewind", "preceding", "fidelity", "members", "emb_dim", "time/fps"]
    assert [k for k in unknown if direction(k) != 0] == []
    assert direction("FID", {"fid": "higher"}) == 1  # the setting still wins
