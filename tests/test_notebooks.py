"""Notebooks run headless under runlab: the kernel, which runs the notebook's code, records
through the start-up hooks as the same code run as a script does, once; the runner (`jupyter
execute`, `jupyter nbconvert --execute`, papermill, jupytext) records none of its own options,
and papermill's parameters, over the notebook's `parameters` cell, are the run's params.

The first test fakes a runner and its kernels with plain Python; the others need the framework
environment (tests/frameworks/requirements.txt: ipykernel, nbclient, papermill, ipywidgets,
scikit-learn, tqdm) and skip without RUNLAB_TEST_FRAMEWORKS_PYTHON, as tests/test_frameworks.py's
do.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Result

TIMEOUT = 300


@pytest.fixture
def jupyter_env(tmp_path: Path, python: str) -> dict[str, str]:
    """Jupyter's folders under the test's, and one kernel, `python3`, on the framework
    environment's Python (not a kernel of the user's own)."""
    kernel = tmp_path / "jupyter" / "kernels" / "python3"
    kernel.mkdir(parents=True)
    (kernel / "kernel.json").write_text(json.dumps({
        "argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3", "language": "python"}))
    return {"JUPYTER_PATH": str(tmp_path / "jupyter"), "JUPYTER_DATA_DIR": str(tmp_path / "data"),
            "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
            "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "IPYTHONDIR": str(tmp_path / "ipython"),
            "JUPYTER_PLATFORM_DIRS": "1", "TMPDIR": str(tmp_path)}


def notebook(path: Path, *cells: str, parameters: str | None = None) -> None:
    """Write a Python notebook of `cells`, after a cell tagged `parameters` if one is given."""
    sources = [(parameters, ["parameters"])] if parameters is not None else []
    sources += [(cell, []) for cell in cells]
    path.write_text(json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "id": f"cell{i}",
                   "metadata": {"tags": tags}, "outputs": [], "source": source}
                  for i, (source, tags) in enumerate(sources)],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"},
                     "language_info": {"name": "python"}},
        "nbformat": 4, "nbformat_minor": 5}))


def last_run(cli: Callable[..., Result]) -> dict[str, Any]:
    run: dict[str, Any] = json.loads(cli("show", "last", "--json").stdout)
    series = json.loads(cli("metrics", "last", "--json").stdout)
    run["series"] = {key: [[p["step"], p["value"]] for p in points]
                     for key, points in series.items() if not key.startswith("sys/")}
    return run


RUNNER = """\
import argparse, os, subprocess, sys
p = argparse.ArgumentParser()
p.add_argument("--timeout", type=int, default=30)
p.add_argument("notebooks", nargs="*")
p.parse_args()
subprocess.run([sys.executable, "child.py"], check=True)  # (a formatter, say)
for who in ("first", "second"):
    subprocess.run([sys.executable, "-m", "ipykernel_launcher", "--who", who], check=True)
"""
KERNEL = """\
import argparse, subprocess, sys
p = argparse.ArgumentParser()
p.add_argument("--who")
p.add_argument("--kernel-default", default=1)
p.parse_args()
subprocess.run([sys.executable, "child.py"], check=True)
"""
CHILD = """\
import argparse
p = argparse.ArgumentParser()
p.add_argument("--child-only", default="x")
p.parse_args([])
"""


def test_a_notebook_runner_records_none_of_its_options_and_its_kernels_do(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # A runner's own settings are none of the run's; each kernel it starts records in turn
    # (the first one's settings win, as a script's programs' do); the runner's other
    # children and the kernels' own children record nothing.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    runner = bin_dir / "jupyter-execute"
    runner.write_text(f"#!{sys.executable}\n{RUNNER}")
    runner.chmod(0o755)
    (tmp_path / "ipykernel_launcher.py").write_text(KERNEL)
    (tmp_path / "child.py").write_text(CHILD)
    r = cli(str(runner))  # (`-m ipykernel_launcher` finds the fake in its folder)
    assert r.code == 0, r.stderr
    assert last_run(cli)["params"] == {"who": "first", "kernel-default": 1}


TRAIN = """\
import json, warnings
warnings.simplefilter("ignore")
from tqdm.auto import tqdm

bar = tqdm(range(1, 6), desc="train")
for i in bar:
    bar.set_postfix(loss=1 / i)
"""
FIT = """\
import json, warnings
warnings.simplefilter("ignore")
import numpy as np
from sklearn.neural_network import MLPClassifier

x = np.random.default_rng(0).normal(size=(40, 3))
mlp = MLPClassifier(hidden_layer_sizes=(6, 3), max_iter=3, random_state=0).fit(x, x[:, 0] > 0)
with open({truth!r}, "w") as f:
    json.dump({{"loss": [[i + 1, v] for i, v in enumerate(mlp.loss_curve_)]}}, f)
"""


def test_a_notebook_records_in_its_kernel_as_its_code_does_as_a_script(
        cli: Callable[..., Result], tmp_path: Path, python: str,
        jupyter_env: dict[str, str]) -> None:
    # two notebooks, one kernel each, in turn: tqdm.auto (in a kernel, tqdm.notebook's
    # widget) and a scikit-learn fit whose layers are a tuple; the same code as a script
    (tmp_path / "train.py").write_text(TRAIN + FIT.format(truth=str(tmp_path / "script.json")))
    r = cli(python, "train.py", env=jupyter_env, timeout=TIMEOUT)
    assert r.code == 0, r.stderr
    script = last_run(cli)
    notebook(tmp_path / "train.ipynb", TRAIN)
    notebook(tmp_path / "fit.ipynb", FIT.format(truth=str(tmp_path / "kernel.json")))
    r = cli(str(Path(python).parent / "jupyter"), "execute", "train.ipynb", "fit.ipynb",
            env=jupyter_env, timeout=TIMEOUT)
    assert r.code == 0, r.stderr
    run = last_run(cli)
    truth = json.loads((tmp_path / "kernel.json").read_text())
    assert run["series"] == {"train/loss": [[i, 1 / i] for i in range(1, 6)], **truth}
    assert run["params"]["hidden_layer_sizes"] == [6, 3]
    assert run["params"] == script["params"]  # (the kernel's `-f kernel-1.json` no param)
    assert script["series"]["train/loss"] == run["series"]["train/loss"]
    assert "hook is off" not in r.stderr


PARAMETERS = """\
import os
kernel = "linear"
C = 1.0
sizes = (64, 32)
data = os.path.join("data", "x.csv")
optimizer: str = "sgd"
"""
LOOP = """\
from tqdm import tqdm

bar = tqdm(range(1, 4), desc="train")
for i in bar:
    bar.set_postfix(loss=C / i)
"""


def test_papermill_s_parameters_are_the_run_s_and_its_options_none(
        cli: Callable[..., Result], tmp_path: Path, python: str,
        jupyter_env: dict[str, str]) -> None:
    # `-p kernel rbf` over papermill's own `--kernel`; the notebook's defaults under the
    # command line's (an expression's, known only as it runs, none); its printed bar read
    # once, the kernel's hook's full values
    notebook(tmp_path / "svm.ipynb", LOOP, parameters=PARAMETERS)
    r = cli(str(Path(python).parent / "papermill"), "svm.ipynb", "out.ipynb", "-p", "kernel",
            "rbf", "-p", "C", "10", "--kernel", "python3", "--language", "python",
            "--log-output", "--autosave-cell-every", "5", env=jupyter_env, timeout=TIMEOUT)
    assert r.code == 0, r.stderr
    run = last_run(cli)
    assert run["params"] == {"kernel": "rbf", "C": 10, "sizes": [64, 32], "optimizer": "sgd"}
    assert run["series"] == {"train/loss": [[i, 10 / i] for i in range(1, 4)]}
