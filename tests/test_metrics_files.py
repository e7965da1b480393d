"""The metrics files a DVC project's dvc.yaml declares: read at the run's end where the run
wrote them (a real repository, the real CLI, a real store)."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result, git

DVC_YAML = """\
stages:
  train:
    cmd: python train.py
    deps: [train.py]
    metrics:
      - metrics.json:
          cache: false
  evaluate:
    cmd: python evaluate.py
    wdir: eval
    metrics:
      - scores.yaml
metrics:
  - summary.toml
"""

TRAIN = """\
import json
for epoch in range(1, 4):
    print(f"epoch {epoch} loss {1.0 / epoch:.4f}")
with open("metrics.json", "w") as f:
    json.dump({"loss": 0.3333, "val": {"acc": 0.91, "f1": 0.88}, "model": "mlp",
               "early_stopped": True, "history": [1, 2]}, f)
with open("undeclared.json", "w") as f:
    json.dump({"secret_sauce": 1.0}, f)
"""


def series(cli: Callable[..., Result]) -> dict[str, list[tuple[int, float]]]:
    out = json.loads(cli("metrics", "last", "--json").stdout)
    return {key: [(p["step"], p["value"]) for p in points] for key, points in out.items()
            if not key.startswith("sys/")}


def project(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "eval").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "dvc.yaml").write_text(DVC_YAML)
    (repo / "train.py").write_text(TRAIN)
    (repo / "eval" / "evaluate.py").write_text(
        'open("scores.yaml", "w").write("test:\\n  auc: 0.95\\n  support: 200\\n")\n')
    (repo / "summary.py").write_text(
        'open("summary.toml", "w").write("step = 7\\n[best]\\nacc = 0.93\\n")\n')
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "dvc project")
    return repo


def test_a_declared_metrics_file_the_run_wrote_gives_its_numbers(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # the program prints its loss and writes its results to the stage's metrics.json: the
    # file's numbers are metrics at the run's last step (nested ones named with `/`), its
    # words, flags and lists none, a key the output gave already not again, and a file
    # dvc.yaml does not declare is none
    repo = project(tmp_path)
    assert cli("-q", sys.executable, "train.py", cwd=repo).code == 0
    assert series(cli) == {"loss": [(1, 1.0), (2, 0.5), (3, 0.3333)],
                           "val/acc": [(3, 0.91)], "val/f1": [(3, 0.88)]}
    # a stage's wdir, the run started in it; a file's own `step`, at the top level of the
    # file's own `metrics:` list
    assert cli("-q", sys.executable, "evaluate.py", cwd=repo / "eval").code == 0
    assert series(cli) == {"test/auc": [(0, 0.95)], "test/support": [(0, 200.0)]}
    assert cli("-q", sys.executable, "summary.py", cwd=repo).code == 0
    assert series(cli) == {"best/acc": [(7, 0.93)]}


def test_a_metrics_file_the_run_did_not_write_is_no_metric_of_it(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # metrics.json left by an earlier run: a run that writes nothing has none of it
    repo = project(tmp_path)
    (repo / "metrics.json").write_text('{"loss": 0.25}')
    old = time.time() - 3600
    os.utime(repo / "metrics.json", (old, old))
    (repo / "noop.py").write_text("print('nothing to report')\n")
    assert cli("-q", sys.executable, "noop.py", cwd=repo).code == 0
    assert series(cli) == {}
    # a dvc.yaml that is no YAML, or declares no list, stops nothing
    (repo / "dvc.yaml").write_text("stages: [unclosed\n")
    assert cli("-q", sys.executable, "train.py", cwd=repo).code == 0
    assert sorted(series(cli)) == ["loss"]


PLOTS_YAML = """\
stages:
  train:
    cmd: python fit.py
    plots:
      - curves/loss.csv:
          x: epoch
          y: [loss, val_loss]
      - curves/acc.json
plots:
  - Test:
      x: round
      y:
        curves/test.tsv: loss
"""

FIT = """\
import json, os
os.makedirs("curves", exist_ok=True)
with open("curves/loss.csv", "w") as f:
    f.write("epoch,loss,val_loss,lr\\n1,0.9,1.0,0.1\\n2,0.5,0.7,0.1\\n3,0.3,0.6,0.01\\n")
with open("curves/acc.json", "w") as f:
    json.dump({"acc": [{"step": 10, "acc": 0.5, "phase": "train"},
                       {"step": 20, "acc": 0.7, "phase": "train"}]}, f)
with open("curves/test.tsv", "w") as f:
    f.write("round\\tloss\\n0\\t2.0\\n5\\t1.5\\n")
"""


def test_a_declared_plots_file_the_run_wrote_gives_its_curves(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # a program that writes its curves to the files dvc.yaml's `plots:` names, printing
    # nothing: each row a point at its `x` column (`step` where none is named), the columns
    # its `y` names (all its numeric ones where it names none), a top-level plot's files too;
    # `loss`, which two files give, is named by each file (`curves/loss.csv`'s by its path,
    # `curves/test.tsv`'s `curves/test/loss`)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "dvc.yaml").write_text(PLOTS_YAML)
    (repo / "fit.py").write_text(FIT)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "plots")
    assert cli("-q", sys.executable, "fit.py", cwd=repo).code == 0
    assert series(cli) == {
        "curves/loss": [(1, 0.9), (2, 0.5), (3, 0.3)],
        "val_loss": [(1, 1.0), (2, 0.7), (3, 0.6)], "acc": [(10, 0.5), (20, 0.7)],
        "curves/test/loss": [(0, 2.0), (5, 1.5)]}


STAGES_YAML = """\
stages:
  train:
    cmd: python stages.py train
    metrics: [train/metrics.json]
  evaluate:
    cmd: python stages.py eval
    metrics: [eval/metrics.json]
    plots:
      - eval/log.csv:
          x: epoch
"""

STAGES = """\
import json, os, sys
os.chdir(os.path.dirname(os.path.abspath(__file__)))
for stage, acc in (("train", 0.9), ("eval", 0.8)):
    os.makedirs(stage, exist_ok=True)
    with open(f"{stage}/metrics.json", "w") as f:
        json.dump({"acc": acc, "loss": 1 - acc}, f)
print("acc 0.75")
with open("eval/log.csv", "a") as f:
    f.write("epoch,val_loss\\n" if f.tell() == 0 else "")
    for epoch in (1, 2):
        f.write(f"{epoch},{1 / (epoch * int(sys.argv[1]))}\\n")
with open("big.json", "w") as f:
    json.dump({"auc": float("inf")}, f)
"""


def test_files_that_give_the_same_names_are_told_apart(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # a train stage's and an evaluation stage's metrics.json, both `acc` and `loss`: each
    # file's by its folder (`eval/metrics.json` is `eval`), and the `acc` the program printed,
    # another value, stays as printed; a CSV the program appends a training to (Keras'
    # CSVLogger(append=True), its epochs from 1 again) gives the rows this run added; the project in a folder of the repository, the run started in
    # a folder of the project; an infinite value is one
    repo = tmp_path / "repo"
    (repo / "proj" / "sub").mkdir(parents=True)
    git(repo, "init", "-q")
    proj = repo / "proj"
    (proj / "dvc.yaml").write_text(STAGES_YAML.replace("metrics: [eval/metrics.json]",
                                                       "metrics: [eval/metrics.json, big.json]"))
    (proj / "stages.py").write_text(STAGES)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "stages")
    assert cli("-q", sys.executable, "stages.py", "1", cwd=proj).code == 0
    first = series(cli)
    assert first == {"acc": [(0, 0.75)], "train/acc": [(2, 0.9)], "train/loss": [(2, 1 - 0.9)],
                     "eval/acc": [(2, 0.8)], "eval/loss": [(2, 1 - 0.8)],
                     "val_loss": [(1, 1.0), (2, 0.5)], "auc": [(2, "Infinity")]}
    assert cli("-q", sys.executable, "../stages.py", "3", cwd=proj / "sub").code == 0
    assert series(cli)["val_loss"] == [(1, 1 / 3), (2, 1 / 6)]


def test_a_file_too_large_to_read_is_said(cli: Callable[..., Result], tmp_path: Path) -> None:
    repo = project(tmp_path)
    (repo / "big.py").write_text(
        "import json\njson.dump({f'k{i}': i for i in range(200_000)}, open('metrics.json', 'w'))\n")
    done = cli(sys.executable, "big.py", cwd=repo)
    assert done.code == 0
    assert "metrics.json: larger than 1 MiB, not read" in done.stderr
    assert series(cli) == {}


def test_a_plots_folder_gives_each_file_s_curve(cli: Callable[..., Result],
                                                tmp_path: Path) -> None:
    # a folder declared under `plots:` as DVCLive declares its own (`dvclive/plots/metrics:
    # {x: step}`): each file's curve, named by its path in the folder; its clock's column none;
    # the metrics file that sums them up, as DVCLive's metrics.json does, adds its other values
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "dvc.yaml").write_text("metrics:\n  - logs/metrics.json\n"
                                   "plots:\n  - logs/metrics:\n      x: step\n")
    (repo / "log.py").write_text(
        "import os\nos.makedirs('logs/metrics/train', exist_ok=True)\n"
        "open('logs/metrics/train/loss.tsv', 'w').write("
        "'timestamp\\tstep\\tloss\\n1700000000\\t0\\t0.9\\n1700000001\\t1\\t0.4\\n')\n"
        "open('logs/metrics/acc.tsv', 'w').write('timestamp\\tstep\\tacc\\n1700000000\\t0\\t0.6\\n')\n"
        "open('logs/metrics.json', 'w').write("
        "'{\"train\": {\"loss\": 0.4}, \"acc\": 0.6, \"f1\": 0.5, \"step\": 1}')\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "folder")
    assert cli("-q", sys.executable, "log.py", cwd=repo).code == 0
    assert series(cli) == {"train/loss": [(0, 0.9), (1, 0.4)], "acc": [(0, 0.6)],
                           "f1": [(1, 0.5)]}


def test_odd_files_never_cost_the_run(cli: Callable[..., Result], tmp_path: Path) -> None:
    # a step past SQLite's integers and a number past a float's: the run ends as the command
    # did, with what could be read; a file two nested dvc.yaml declare is read once, under
    # its own names; a CSV written again with the same rows is read whole; Keras' CSVLogger
    # declared without `x` is at its `epoch` column
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "dvc.yaml").write_text("metrics: [sub/metrics.json]\nplots: [sub/log.csv]\n")
    (repo / "sub" / "dvc.yaml").write_text("metrics: [metrics.json]\n")
    (repo / "sub" / "odd.py").write_text(
        "import json\n"
        "json.dump({'acc': 0.9, 'big': 10 ** 400, 'step': 10 ** 19}, open('metrics.json', 'w'))\n"
        "open('log.csv', 'w').write('epoch,loss\\n0,0.5\\n1,0.4\\n')\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "odd")
    for _ in range(2):
        done = cli(sys.executable, "odd.py", cwd=repo / "sub")
        assert done.code == 0, done.stderr
        assert series(cli) == {"acc": [(1, 0.9)], "loss": [(0, 0.5), (1, 0.4)]}
        assert json.loads(cli("show", "last", "--json").stdout)["status"] == "finished"


TEMPLATED_YAML = """\
vars:
  - config.yaml
  - extra: 7
stages:
  train:
    foreach: ${models}
    do:
      cmd: python templated.py ${item}
      metrics:
        - ${train.out}/${item}/metrics.json
  evaluate:
    foreach:
      first: {file: e1}
      second: {file: e2}
    do:
      cmd: echo ${key}
      metrics:
        - eval/${key}-${item.file}-${evalset}.json
  sweep:
    matrix:
      lr: [0.1, 0.01]
      depth: [2]
    cmd: python sweep.py ${item.lr} ${item.depth}
    plots:
      - sweep/${item.lr}-${item.depth}.csv:
          x: step
  unknown:
    cmd: python other.py
    metrics:
      - ${nowhere}/metrics.json
metrics:
  - summary-${extra}.json
"""

TEMPLATED = """\
import json, os
for folder in ("results/mlp", "results/cnn", "eval", "sweep"):
    os.makedirs(folder, exist_ok=True)
json.dump({"acc": 0.9}, open("results/mlp/metrics.json", "w"))
json.dump({"acc": 0.8}, open("results/cnn/metrics.json", "w"))
json.dump({"auc": 0.7}, open("eval/first-e1-holdout.json", "w"))
json.dump({"f1": 0.6}, open("eval/second-e2-holdout.json", "w"))
open("sweep/0.1-2.csv", "w").write("step,loss\\n1,0.5\\n2,0.25\\n")
json.dump({"best": 0.5}, open("summary-7.json", "w"))
json.dump({"ignored": 1.0}, open("summary-${extra}.json", "w"))
"""


def test_a_templated_dvc_yaml_declares_the_files_its_templates_name(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # DVC's templating, as `dvc metrics show` and `dvc plots show` read it: params.yaml's
    # values and `vars:` (a file's, a dict's) fill `${...}`; a `foreach` stage over a list
    # (`${item}`) or a dict (`${key}`, `${item.file}`) and a `matrix` stage declare a file
    # for each of their instances; a variable no file defines names no file
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "params.yaml").write_text("models: [mlp, cnn]\ntrain:\n  out: results\n")
    (repo / "config.yaml").write_text("evalset: holdout\n")
    (repo / "dvc.yaml").write_text(TEMPLATED_YAML)
    (repo / "templated.py").write_text(TEMPLATED)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "templated")
    assert cli("-q", sys.executable, "templated.py", cwd=repo).code == 0
    assert series(cli) == {"results/mlp/acc": [(2, 0.9)], "results/cnn/acc": [(2, 0.8)],
                           "auc": [(2, 0.7)], "f1": [(2, 0.6)],
                           "loss": [(1, 0.5), (2, 0.25)], "best": [(2, 0.5)]}


ODD_TEMPLATES_YAML = """\
stages:
  recursive:
    cmd: python odd.py
    deps: &a [x, *a]
    metrics: [ok.json]
  listed_key:
    cmd: echo
    metrics:
      - ${files}: {cache: false}
      - listed.json
  inner:
    wdir: sub
    vars: [conf.yaml]
    cmd: echo
    metrics: ["${name}.json"]
  indexed:
    cmd: echo
    metrics: ["first-${models[0]}.json"]
  each:
    foreach: ${models}
    do:
      vars: [{suffix: s1}]
      cmd: echo
      metrics: ["m_${item}_${suffix}.json"]
"""


def test_odd_templates_cost_no_other_stage_s_files(cli: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    # a recursive alias in a stage's deps (never filled: only the keys that name files are),
    # a template that fills a key with a list, a stage's own vars read from its wdir, an
    # index in brackets, a foreach stage's own vars: each stage's files as DVC names them
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "params.yaml").write_text("models: [mlp, cnn]\nname: top\nfiles: [a.json]\n")
    (repo / "sub" / "conf.yaml").write_text("name: inner\n")
    (repo / "dvc.yaml").write_text(ODD_TEMPLATES_YAML)
    (repo / "odd.py").write_text(
        "import json\n"
        "for i, path in enumerate(['ok.json', 'listed.json', 'sub/inner.json', 'sub/top.json',\n"
        "                          'first-mlp.json', 'm_cnn_s1.json']):\n"
        "    json.dump({f'v{i}': 0.5}, open(path, 'w'))\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "odd")
    assert cli("-q", sys.executable, "odd.py", cwd=repo).code == 0
    assert series(cli) == {"v0": [(0, 0.5)], "v1": [(0, 0.5)], "v2": [(0, 0.5)],
                           "v4": [(0, 0.5)], "v5": [(0, 0.5)]}
