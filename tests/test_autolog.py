"""Recording without code: argparse arguments of Python children, and system metrics."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from runlab.capture.system import parse_gpu_line
from tests.conftest import Result

ARGPARSE = """\
import argparse, pathlib
p = argparse.ArgumentParser()
p.add_argument("--learning-rate", type=float, default=0.1)
p.add_argument("--layers", type=int, nargs="+", default=[64, 32])
p.add_argument("--out", type=pathlib.Path, default=pathlib.Path("out"))
p.add_argument("--amp", action="store_true")
p.add_argument("--note", default=None)
p.add_argument("data", nargs="?", default="train.csv")
p.parse_args()
"""


def params(cli: Callable[..., Result]) -> dict:  # type: ignore[type-arg]
    return json.loads(cli("show", "last", "--json").stdout)["params"]  # type: ignore[no-any-return]


def test_argparse_defaults_are_recorded(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(ARGPARSE)
    assert cli(sys.executable, "train.py").code == 0
    assert params(cli) == {"learning-rate": 0.1, "layers": [64, 32], "out": "out",
                           "amp": False, "note": None, "data": "train.csv"}


def test_arguments_on_the_command_line_keep_priority(cli: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(ARGPARSE)
    assert cli(sys.executable, "train.py", "--learning-rate", "1e-3", "--amp").code == 0
    p = params(cli)
    assert p["learning-rate"] == 0.001 and p["amp"] is True and p["layers"] == [64, 32]


def test_a_param_given_with_p_wins_over_argparse(cli: Callable[..., Result],
                                                tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(ARGPARSE)
    assert cli("-p", "learning-rate=0.7", sys.executable, "train.py", "--amp").code == 0
    p = params(cli)
    assert p["learning-rate"] == 0.7 and p["amp"] is True and p["layers"] == [64, 32]


def test_a_library_s_parse_of_its_own_words_is_no_param(cli: Callable[..., Result],
                                                        tmp_path: Path) -> None:
    # Ray Tune turns each trial's spec into words and parses them with its own parser (here a
    # stand-in package of its name): none of them is the program's setting; a program's own
    # parse of a list still is, and so is another library's (HfArgumentParser's `args=`)
    library = tmp_path / "lib" / "ray"
    library.mkdir(parents=True)
    (library / "__init__.py").write_text(
        "import argparse\n"
        "def trial(spec):\n"
        "    p = argparse.ArgumentParser()\n"
        "    p.add_argument('--run'); p.add_argument('--scheduler')\n"
        "    return p.parse_args(['--run', spec, '--scheduler', 'FIFO'])\n")
    (tmp_path / "train.py").write_text(
        "import argparse, sys\n"
        "sys.path.insert(0, 'lib')\n"
        "import ray\n"
        "p = argparse.ArgumentParser(); p.add_argument('--lr', type=float, default=0.1)\n"
        "p.parse_args()\n"
        "ray.trial('trainable')\n"
        "q = argparse.ArgumentParser(); q.add_argument('--depth', type=int)\n"
        "q.parse_args(['--depth', '3'])\n")
    assert cli(sys.executable, "train.py", "--lr", "0.5").code == 0
    assert params(cli) == {"lr": 0.5, "depth": 3}


ALIASES = """\
import argparse
p = argparse.ArgumentParser()
p.add_argument("-e", "--epochs", type=int, default=10)
p.add_argument("--lr", "--learning-rate", type=float, default=0.1)
p.add_argument("--name", default="x")
p.add_argument("--layers", type=int, nargs="+", default=[4])
p.add_argument("data")
p.add_argument("-v", "--verbose", action="count", default=0)
p.add_argument("--dropout", default=0.1)
p.add_argument("--run-id", type=str)
p.add_argument("--augment", action=argparse.BooleanOptionalAction, default=False)
p.add_argument("--no-aug", dest="aug", action="store_false")
p.add_argument("--config", type=argparse.FileType("r"))
sub = p.add_subparsers(dest="cmd")
sub.add_parser("train").add_argument("-b", "--batch-size", type=int)
p.parse_args()
"""


def test_the_program_s_parser_names_and_reads_its_command_line(cli: Callable[..., Result],
                                                               tmp_path: Path) -> None:
    # `-e 3` is `--epochs` (one param under the longest option, not `e` and `epochs`); a
    # positional after an option's value is its own, and a list stays a list
    (tmp_path / "train.py").write_text(ALIASES)
    (tmp_path / "cfg.txt").write_text("a\n")
    assert cli(sys.executable, "train.py", "-e", "3", "--lr", "0.01", "--name", "foo",
               "data.csv", "--layers", "8", "-vvv", "--dropout", "0.2", "--run-id", "007",
               "--augment", "--no-aug", "--config", "cfg.txt", "train", "-b4").code == 0
    expected = {"epochs": 3, "learning-rate": 0.01, "name": "foo", "layers": [8],
                "data": "data.csv", "verbose": 3, "dropout": 0.2, "run-id": "007",
                "augment": True, "aug": False, "config": "cfg.txt", "cmd": "train",
                "batch-size": 4}
    # (`-vvv` and `-b4` are no params of their own; an untyped `--dropout 0.2` is the number
    # it looks like, a file argparse opened the name typed; `--no-aug` is `aug`'s False)
    assert params(cli) == expected
    assert cli("reindex").code == 0  # (the journal says so: the index made again agrees)
    assert params(cli) == expected
    # a param given with -p wins, under the option typed or its longest
    assert cli("-p", "e=5", sys.executable, "train.py", "-e", "3", "data.csv").code == 0
    assert params(cli)["e"] == 5
    assert cli("-p", "epochs=9", sys.executable, "train.py", "-e", "3", "data.csv").code == 0
    assert params(cli)["epochs"] == 9 and "e" not in params(cli)


def test_an_abbreviated_option_is_the_one_param_it_names(cli: Callable[..., Result],
                                                         tmp_path: Path) -> None:
    # argparse takes `--learn` for `--learning-rate`, `--no-aug` shortened, `--verb` for a
    # count, a short option's value attached (`-nfoo`): each is the option it names, no
    # param of its own
    (tmp_path / "abbrev.py").write_text(
        "import argparse\np = argparse.ArgumentParser()\n"
        "p.add_argument('--learning-rate', type=float, default=0.1)\n"
        "p.add_argument('--no-shuffle', dest='shuffle', action='store_false')\n"
        "p.add_argument('-v', '--verbose', action='count', default=0)\n"
        "p.add_argument('-n', '--name', default='x')\np.parse_args()\n")
    assert cli(sys.executable, "abbrev.py", "--learn=0.05", "--no-shuf", "--verb",
               "-nfoo").code == 0
    assert params(cli) == {"learning-rate": 0.05, "shuffle": False, "verbose": 1,
                           "name": "foo"}


CLICK_APP = """\
import click


@click.command()
@click.option("--learning-rate", "--lr", type=float, default=0.001)
@click.option("--epochs", "-e", type=int, default=3)
@click.option("--amp/--no-amp", default=False)
@click.option("--api-key", "-k")
@click.option("--batch", envvar="BATCH", type=int, default=8)
@click.argument("data", default="d.csv")
def main(**kwargs):
    print("used", sorted(kwargs))


main()
"""
TYPER_APP = """\
import typer

app = typer.Typer()


@app.command()
def train(data: str = typer.Argument("d.csv"), lr: float = 0.001,
          epochs: int = typer.Option(3, "--epochs", "-e"), amp: bool = False):
    print("trained", data, lr, epochs, amp)


@app.command()
def evaluate(ckpt: str = "m.pt"):
    print("evaluated", ckpt)


app()
"""


def test_click_and_typer_commands_record_their_parameters(cli: Callable[..., Result],
                                                          tmp_path: Path) -> None:
    # every parameter as click typed it (defaults and the environment's too), under its
    # longest option: `-e 7` is `epochs`, `--amp x.csv` a flag and the argument (not `amp`
    # "x.csv"); a secret's value typed after a short option is hidden in the command too
    (tmp_path / "app.py").write_text(CLICK_APP)
    (tmp_path / "tapp.py").write_text(TYPER_APP)
    r = cli(sys.executable, "app.py", "--amp", "x.csv", "-e", "7", "--lr", "0.01", "-k",
            "mark-click-k-4f2", env={"BATCH": "64"})
    assert r.code == 0, r.stderr
    assert params(cli) == {"learning-rate": 0.01, "epochs": 7, "amp": True, "api-key": "***",
                           "batch": 64, "data": "x.csv"}
    shown = json.loads(cli("show", "last", "--json").stdout)
    assert "mark-click-k-4f2" not in json.dumps(shown) and shown["command"][-1] == "***"
    assert cli(sys.executable, "tapp.py", "train", "x.csv", "--lr", "0.1", "-e", "5",
               "--amp").code == 0
    assert params(cli) == {"data": "x.csv", "lr": 0.1, "epochs": 5, "amp": True}


SCRIPTED = """\
import argparse
p = argparse.ArgumentParser()
p.add_argument("--lr", type=float, default=0.01)
p.add_argument("--epochs", type=int, default=3)
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()
print(f"done lr={a.lr}")
"""


def test_a_shell_script_s_or_make_s_python_programs_record_their_parsers_settings(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # `runlab bash train.sh` and `runlab make train`: each Python program the command starts
    # records what its parser read (the first's where two say), beside the command's own
    # words (`--epochs 4` typed to the script stays the script's); `import torch`-like
    # imports of argparse that parse nothing record nothing
    (tmp_path / "train.py").write_text(SCRIPTED)
    (tmp_path / "prepare.py").write_text(
        "import argparse\np = argparse.ArgumentParser()\np.add_argument('--seed', default=42)\n"
        "p.add_argument('--n', type=int, default=10)\np.parse_args()\n")
    # a wrapper outside the working tree (as `poetry run`, `conda run`) that starts it
    tools = Path(tempfile.mkdtemp())
    (tools / "wrap.py").write_text("import subprocess, sys\n"
                                   "sys.exit(subprocess.call(sys.argv[1:]))\n")
    (tmp_path / "train.sh").write_text(
        'python3 -c "import argparse; argparse.ArgumentParser().parse_args([])"\n'
        f'echo "{{}}" | "{sys.executable}" -m json.tool --indent 2\n'
        f'"{sys.executable}" prepare.py\n'
        f'"{sys.executable}" {tools / "wrap.py"} "{sys.executable}" train.py --lr 0.3 '
        '--seed 7 "$@"\n'
        f'"{sys.executable}" train.py --lr 0.9 --seed 5\n')
    assert cli("bash", "train.sh", "--epochs", "4").code == 0
    # (json.tool, a tool outside the working tree, and `python -c` record nothing, and the
    # wrapper leaves the program it starts to record; train.py ran twice, two trainings,
    # given lr and seed differently: those are no params of the run, its tag names them;
    # `--epochs 4`, typed to the script, reached the first only, and stays the command's)
    assert params(cli) == {"epochs": 4, "n": 10}
    assert json.loads(cli("show", "last", "--json").stdout)["tags"] == {
        "trainings": "2 of train.py: lr 0.3, 0.9; epochs 4, 3; seed 7, 5"}
    (tmp_path / "train.sh").write_text(
        f'"{sys.executable}" prepare.py\n'
        f'"{sys.executable}" {tools / "wrap.py"} "{sys.executable}" train.py --lr 0.3 '
        '--seed 7 "$@"\n')
    assert cli("bash", "train.sh", "--epochs", "4").code == 0
    # (prepare.py's default seed gives way to the seed train.py was given)
    assert params(cli) == {"epochs": 4, "lr": 0.3, "seed": 7, "n": 10}
    assert json.loads(cli("show", "last", "--json").stdout)["tags"] == {}
    if shutil.which("make") is None:
        return
    (tmp_path / "Makefile").write_text(
        f"LR ?= 0.01\ntrain:\n\t\"{sys.executable}\" train.py --lr $(LR) --epochs 2\n")
    assert cli("make", "-s", "train", "LR=0.2").code == 0
    assert params(cli) == {"LR": 0.2, "lr": 0.2, "epochs": 2, "seed": 0}
    # (--no-inject: the command's words alone)
    assert cli("--no-inject", "bash", "train.sh", "--epochs", "4").code == 0
    assert params(cli) == {"epochs": 4}


LOOPED = """\
import argparse
p = argparse.ArgumentParser()
p.add_argument("--lr", type=float, default=0.1)
p.add_argument("--epochs", type=int, default=2)
a = p.parse_args()
loss = 2.0
for epoch in range(1, a.epochs + 1):
    loss *= 1 - a.lr
    print(f"epoch {epoch} loss {loss:.4f}", flush=True)
"""


@pytest.mark.parametrize("loop", [
    "for lr in 0.5 0.1 0.01; do {py} train.py --lr $lr --epochs 2; done",
    # (at once: which started first is a race, and the tag lists them as they came)
    "for lr in 0.5 0.1 0.01; do {py} train.py --lr $lr --epochs 2 & done; wait",
])
def test_a_loop_of_trainings_in_one_command_is_told_apart(
        cli: Callable[..., Result], tmp_path: Path, loop: str) -> None:
    # `runlab bash sweep.sh` whose loop trains three times: the run says it holds three
    # trainings and which settings they were given, sets none of them as its param (the
    # first's lr beside the last's loss had been read as one result), and says so at its end
    (tmp_path / "train.py").write_text(LOOPED)
    (tmp_path / "sweep.sh").write_text(loop.format(py=f'"{sys.executable}"') + "\n")
    done = cli("bash", "sweep.sh")
    assert done.code == 0
    shown = json.loads(cli("show", "last", "--json").stdout)
    assert shown["params"] == {"epochs": 2}
    tag = shown["tags"]["trainings"]
    assert tag.startswith("3 of train.py: lr ")
    assert sorted(tag.removeprefix("3 of train.py: lr ").split(", ")) == ["0.01", "0.1", "0.5"]
    assert "several runs of one program or model, with other settings, in this run (3 of train.py: lr " in done.stderr
    assert "runlab sweep" in done.stderr


RESUMED = LOOPED.replace('p.add_argument("--epochs", type=int, default=2)',
                         'p.add_argument("--epochs", type=int, default=2)\n'
                         'p.add_argument("--resume", action="store_true")')


@pytest.mark.parametrize("loop, options, tags, params", [
    # at its default, then given another value: two trainings, lr 0.1 then 0.01
    ("{py} train.py; {py} train.py --lr 0.01", [], {"trainings": "2 of train.py: lr 0.1, 0.01"},
     {"epochs": 2, "resume": False}),
    # a training, then the same one resumed for more epochs: one training, its params kept
    # (the first given, `--resume` the second's, over the first's default)
    ("{py} train.py --epochs 2; {py} train.py --epochs 4 --resume", [], {},
     {"lr": 0.1, "epochs": 2, "resume": True}),
    # a value the user gave with -p stays the run's param
    ("for lr in 0.5 0.1; do {py} train.py --lr $lr; done", ["-p", "lr=0.5"],
     {"trainings": "2 of train.py: lr 0.5, 0.1"}, {"lr": 0.5, "epochs": 2, "resume": False}),
])
def test_what_runs_of_one_program_are_trainings(
        cli: Callable[..., Result], tmp_path: Path, loop: str, options: list[str],
        tags: dict[str, str], params: dict[str, Any]) -> None:
    (tmp_path / "train.py").write_text(RESUMED)
    (tmp_path / "sweep.sh").write_text(loop.format(py=f'"{sys.executable}"') + "\n")
    assert cli(*options, "bash", "sweep.sh").code == 0
    shown = json.loads(cli("show", "last", "--json").stdout)
    assert shown["tags"] == tags
    assert shown["params"] == params


def test_the_project_s_own_console_script_records_under_a_wrapper_or_a_script(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # `pip install -e .`'s entry point (`mytrain`, in the project's environment, pip's wrapper
    # of a module of the tree) started by `bash train.sh`, `timeout`, `nohup` or `uv run`:
    # its program is the tree's, so it records as when typed alone; an installed tool's
    # console script (its module outside the tree) still does not
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (site,) = venv.glob("lib/python*/site-packages")
    program = SCRIPTED.replace("a = p.parse_args()", "def main():\n    a = p.parse_args()")
    program = program.replace("\nprint(", "\n    print(")
    (tmp_path / "src" / "mytrain").mkdir(parents=True)
    (tmp_path / "src" / "mytrain" / "__init__.py").write_text("")
    (tmp_path / "src" / "mytrain" / "cli.py").write_text(program)
    (site / "_mytrain.pth").write_text(str(tmp_path / "src") + "\n")  # (as `pip install -e`)
    tools = Path(tempfile.mkdtemp())
    (tools / "tool.py").write_text(program.replace("--seed", "--tool-seed"))
    (site / "_tool.pth").write_text(str(tools) + "\n")
    for name, module in (("mytrain", "mytrain.cli"), ("sometool", "tool")):
        script = venv / "bin" / name
        script.write_text(f"#!{venv / 'bin' / 'python'}\n# -*- coding: utf-8 -*-\n"
                          f"import re\nimport sys\nfrom {module} import main\n"
                          "if __name__ == '__main__':\n    sys.exit(main())\n")
        script.chmod(0o755)
    (tmp_path / "train.sh").write_text("venv/bin/sometool\nvenv/bin/mytrain --lr 0.3 \"$@\"\n")
    assert cli("bash", "train.sh", "--epochs", "4").code == 0, cli("log", "last").stdout
    assert params(cli) == {"epochs": 4, "lr": 0.3, "seed": 0}
    if shutil.which("timeout") is not None:
        assert cli("timeout", "60", "venv/bin/mytrain", "--lr", "0.2").code == 0
        assert params(cli) == {"epochs": 3, "lr": 0.2, "seed": 0}


def test_a_repeated_option_of_assignments_keeps_its_parser_s_values(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # DVC's `dvc exp run -S train.lr=0.05 -S train.epochs=3`: the words after `-S` look like
    # assignments, but the parser appends them to the option's list, which is its value
    (tmp_path / "train.py").write_text(
        "import argparse\n"
        "p = argparse.ArgumentParser()\n"
        "p.add_argument('-S', '--set-param', action='append', default=[])\n"
        "p.parse_args()\n")
    assert cli(sys.executable, "train.py", "-S", "train.lr=0.05", "-S", "train.epochs=3"
               ).code == 0
    assert params(cli)["set-param"] == ["train.lr=0.05", "train.epochs=3"]


def test_dvc_s_options_are_no_params_but_what_it_sets_and_its_stage_s_are(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # `runlab dvc exp run -S train.lr=0.05` (here a stand-in `dvc` with DVC's parser's shape,
    # which runs its stage's command): DVC's own options are none of the run's params, the
    # param it sets is one, and the stage's program records its own
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "dvc").write_text(
        f"#!{sys.executable}\n"
        "import argparse, subprocess, sys\n"
        "p = argparse.ArgumentParser(prog='dvc')\n"
        "p.add_argument('-q', '--quiet', action='store_true')\n"
        "sub = p.add_subparsers(dest='cmd')\n"
        "run = sub.add_parser('exp').add_subparsers(dest='exp_cmd').add_parser('run')\n"
        "run.add_argument('-S', '--set-param', action='append', default=[])\n"
        "run.add_argument('-f', '--force', action='store_true')\n"
        "p.parse_args()\n"
        "sys.exit(subprocess.run([sys.executable, 'train.py', '--lr', '0.1']).returncode)\n")
    (bin_dir / "dvc").chmod(0o755)
    (tmp_path / "train.py").write_text(
        "import argparse\n"
        "p = argparse.ArgumentParser()\n"
        "p.add_argument('--lr', type=float)\n"
        "p.add_argument('--epochs', type=int, default=3)\n"
        "p.parse_args()\n"
        "print('loss: 0.5')\n")
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    assert cli("dvc", "exp", "run", "-S", "train.lr=0.05", "--set-param=params.yaml:seed=7",
               "-f", env=env).code == 0
    assert params(cli) == {"train.lr": 0.05, "seed": 7, "lr": 0.1, "epochs": 3}


def test_a_negative_option_without_a_dash_names_the_positive_one(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # simple_parsing's and absl's boolean: one argument, `--use_amp` and `--nouse_amp`; its
    # value is `use_amp`'s, never recorded under the negative name
    (tmp_path / "train.py").write_text(
        "import argparse\n"
        "p = argparse.ArgumentParser()\n"
        "p.add_argument('--use_amp', '--nouse_amp', dest='use_amp', default=True,\n"
        "               type=lambda s: s == 'true')\n"
        "p.parse_args()\n")
    assert cli(sys.executable, "train.py").code == 0
    assert params(cli) == {"use_amp": True}


def test_fire_s_own_flags_are_no_params(cli: Callable[..., Result], tmp_path: Path) -> None:
    # python-fire parses its own flags (`-- --trace --verbose`) with argparse, the program's
    # arguments itself (here a stand-in package of its name, as Fire's core does it)
    library = tmp_path / "lib" / "fire"
    library.mkdir(parents=True)
    (library / "__init__.py").write_text(
        "import argparse, sys\n"
        "def Fire(component):\n"
        "    words = sys.argv[1:]\n"
        "    flags = words[words.index('--') + 1:] if '--' in words else []\n"
        "    p = argparse.ArgumentParser()\n"
        "    p.add_argument('--trace', action='store_true')\n"
        "    p.add_argument('--verbose', action='store_true')\n"
        "    p.parse_known_args(flags)\n"
        "    return component(float(words[words.index('--lr') + 1]))\n")
    (tmp_path / "train.py").write_text(
        "import sys\nsys.path.insert(0, 'lib')\nimport fire\n"
        "def main(lr=0.1):\n    print('lr', lr)\n"
        "fire.Fire(main)\n")
    assert cli(sys.executable, "train.py", "--lr", "0.5", "--", "--trace").code == 0
    assert params(cli) == {"lr": 0.5}


def test_no_inject_and_non_python_commands(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(ARGPARSE)
    assert cli("--no-inject", sys.executable, "train.py").code == 0
    assert params(cli) == {}
    # (a command that is not Python: the hook first on its path, for the Python programs it
    # starts, the command's own path kept after it; none with --no-inject)
    r = cli("sh", "-c", 'echo "path=$PYTHONPATH"', env={"PYTHONPATH": "/mine"})
    assert r.stdout.startswith("path=") and r.stdout.endswith(os.pathsep + "/mine\n")
    r = cli("--no-inject", "sh", "-c", 'echo "path=$PYTHONPATH"', env={"PYTHONPATH": "/mine"})
    assert r.stdout == "path=/mine\n"


def test_the_users_sitecustomize_still_runs(cli: Callable[..., Result], tmp_path: Path) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text("import builtins\nbuiltins.USER_HOOK = 'ran'\n")
    (tmp_path / "train.py").write_text(ARGPARSE + "print('hook', USER_HOOK)\n")
    pythonpath = os.pathsep.join([str(hooks), os.environ.get("PYTHONPATH", "")])
    r = cli(sys.executable, "train.py", env={"PYTHONPATH": pythonpath})
    assert r.code == 0, r.stderr
    assert "hook ran" in r.stdout
    assert params(cli)["learning-rate"] == 0.1


WAIT_FOR_SAMPLES = """\
import json, os, time
journal = os.path.join(os.environ["RUNLAB_STORE"], "runs", os.environ["RUNLAB_RUN_ID"],
                       "journal.jsonl")
deadline = time.monotonic() + 60
x = bytearray(30 * 1024 * 1024)  # something to measure
while time.monotonic() < deadline:
    with open(journal) as f:
        if f.read().count("sys/rss_bytes") >= 2:
            break
print("sampled")
"""


def test_system_metrics_appear(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "work.py").write_text(WAIT_FOR_SAMPLES)
    r = cli(sys.executable, "work.py", env={"RUNLAB_SYSTEM_METRICS": "0.2"})
    assert r.code == 0 and "sampled" in r.stdout
    metrics = json.loads(cli("show", "last", "--json").stdout)["metrics"]
    assert metrics["sys/rss_bytes"]["max"] > 30 * 1024 * 1024
    assert metrics["sys/cpu_percent"]["max"] > 0
    assert {"sys/threads", "sys/read_bytes", "sys/write_bytes"} <= set(metrics)
    assert "sys/" not in r.stderr  # the summary leaves them out


CHURN = """\
import json, multiprocessing as mp, os, time
journal = os.path.join(os.environ["RUNLAB_STORE"], "runs", os.environ["RUNLAB_RUN_ID"],
                       "journal.jsonl")
def busy(i):
    end = time.process_time() + 0.3
    while time.process_time() < end:
        pass
if __name__ == "__main__":
    with mp.Pool(2, maxtasksperchild=1) as pool:  # (a worker a task: each comes and goes)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            pool.map(busy, range(4), chunksize=1)
            with open(journal) as f:
                if f.read().count("sys/cpu_percent") >= 4:
                    break
    print("sampled")
"""


def test_cpu_percent_counts_workers_that_come_and_go(cli: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    # a pool whose workers live for one task each: their CPU is the tree's though no sample
    # saw them, and a worker first seen just before a sample is no thousand percent
    (tmp_path / "churn.py").write_text(CHURN)
    r = cli(sys.executable, "churn.py", env={"RUNLAB_SYSTEM_METRICS": "0.5"})
    assert r.code == 0 and "sampled" in r.stdout
    run = json.loads(cli("show", "last", "--json").stdout)
    used = run["resources"]["cpu_user_s"] + run["resources"]["cpu_system_s"]
    samples = [p["value"] for p in json.loads(cli("metrics", "last", "--json").stdout)[
        "sys/cpu_percent"]]
    assert max(samples) <= 100 * (os.cpu_count() or 1) * 1.5
    # (the samples' mean is the tree's use over their span: at least a good part of the
    # run's average, which its start-up and end bring down)
    assert sum(samples) / len(samples) >= 0.4 * 100 * used / run["duration_s"]


WAIT_FOR_FLUSHES = """\
import json, os, time
journal = os.path.join(os.environ["RUNLAB_STORE"], "runs", os.environ["RUNLAB_RUN_ID"],
                       "journal.jsonl")
deadline = time.monotonic() + 60
with open(os.environ["RUNLAB_EVENTS"], "a") as channel:
    for n in range(1, 4):
        channel.write(json.dumps({"metric": "tick", "value": n}) + "\\n")
        channel.flush()
        while time.monotonic() < deadline:  # until the wrapper has flushed once more
            with open(journal) as f:
                if f.read().count('"tick"') >= n:
                    break
print("flushed")
"""


@pytest.mark.parametrize("off", [False, True])
def test_no_system_metrics(cli: Callable[..., Result], tmp_path: Path, off: bool) -> None:
    # The command outlives three of the wrapper's flushes, each of which takes the samples
    # taken so far: sampled every 10 ms, there are some unless sampling is off.
    (tmp_path / "work.py").write_text(WAIT_FOR_FLUSHES)
    r = cli(*(["--no-system-metrics"] if off else []), sys.executable, "work.py",
            env={"RUNLAB_SYSTEM_METRICS": "0.01"})
    assert r.code == 0 and "flushed" in r.stdout
    metrics = json.loads(cli("show", "last", "--json").stdout)["metrics"]
    assert metrics["tick"]["count"] == 3
    assert any(k.startswith("sys/") for k in metrics) is not off


def test_gpu_lines_from_nvidia_smi() -> None:
    steps: dict[str, int] = {}
    points = parse_gpu_line("0, 87, 40536, 81559, 312.45, 61\n", steps)
    assert [(k, v, s) for k, v, s, _ in points] == [
        ("sys/gpu0/utilization_percent", 87.0, 0), ("sys/gpu0/memory_used_mib", 40536.0, 0),
        ("sys/gpu0/memory_total_mib", 81559.0, 0), ("sys/gpu0/power_w", 312.45, 0),
        ("sys/gpu0/temperature_c", 61.0, 0)]
    points = parse_gpu_line("0, 90, 40000, 81559, [N/A], 62", steps)
    assert [k for k, *_ in points] == ["sys/gpu0/utilization_percent", "sys/gpu0/memory_used_mib",
                                       "sys/gpu0/memory_total_mib", "sys/gpu0/temperature_c"]
    assert points[0][2] == 1
    assert parse_gpu_line("NVIDIA-SMI has failed", steps) == []


# -- the start-up hook: secrets, one recording process, failures, switches ----------------

SECRETS = """\
import argparse, os
p = argparse.ArgumentParser()
p.add_argument("--db-password", default="hunter2-default")
p.add_argument("--dsn", default="opaque-dsn-value")
p.add_argument("--url", default="https://alice:s3cret-pw@example.com/data")
p.add_argument("--lr", type=float, default=0.5)
p.add_argument("--api-tokens", default="tok-secret-value")
p.add_argument("--max-new-tokens", type=int, default=256)
p.add_argument("--opts", nargs="*", default=["WANDB.API_KEY", "list-secret-val", "LR", "0.1"])
p.add_argument("--launch", default="serve --api-key opt-secret-val --port 80")
p.parse_args()
with open(os.environ["RUNLAB_EVENTS"]) as f:
    channel = f.read()
leaks = [s for s in ("hunter2", "opaque-dsn", "s3cret-pw", "given-pw", "tok-secret",
                     "list-secret", "opt-secret") if s in channel]
print("leaks", leaks, "lr" in channel)
"""


def test_the_hook_redacts_before_it_writes(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(SECRETS)
    r = cli(sys.executable, "train.py", "--db-password", "given-pw",
            env={"RUNLAB_SECRET_PATTERNS": "*dsn*"})
    assert r.code == 0, r.stderr
    assert "leaks [] True" in r.stdout  # the channel itself never held them
    p = params(cli)
    assert p["db-password"] == "***" and p["dsn"] == "***" and p["lr"] == 0.5
    assert p["url"] == "https://example.com/data"
    # (a count of tokens is no secret, inside the program too; a list of tokens is)
    assert p["api-tokens"] == "***" and p["max-new-tokens"] == 256
    # (the value after a secret's name in a list, and a secret option's in a text)
    assert p["opts"] == ["WANDB.API_KEY", "***", "LR", "0.1"]
    assert p["launch"] == "serve --api-key *** --port 80"


FAMILY = """\
import argparse, multiprocessing, os, subprocess, sys
CHILD = ("import argparse; p = argparse.ArgumentParser(); p.add_argument('--lr', type=float); "
         "p.add_argument('--child-only', default='x'); p.parse_args(['--lr', '0.999'])")


def forked():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float)
    p.add_argument("--fork-only", default="y")
    p.parse_args(["--lr", "0.777"])


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=0.5)
    p.parse_args()
    subprocess.run([sys.executable, "-c", CHILD], check=True)
    for method in ("fork", "spawn"):
        child = multiprocessing.get_context(method).Process(target=forked)
        child.start()
        child.join()
        assert child.exitcode == 0
    print("family done")
"""


def test_only_the_started_process_records(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(FAMILY)
    r = cli(sys.executable, "train.py")
    assert r.code == 0 and "family done" in r.stdout, r.stderr
    assert params(cli) == {"lr": 0.5}


def test_a_program_that_execs_python_still_records(cli: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(ARGPARSE)
    (tmp_path / "entry.py").write_text(
        "import os, sys\nos.execv(sys.executable, [sys.executable, 'train.py', '--amp'])\n")
    assert cli(sys.executable, "entry.py").code == 0
    assert params(cli)["amp"] is True


LAUNCHER = """\
import argparse, os, subprocess, sys
p = argparse.ArgumentParser()
p.add_argument("--nproc", type=int, default=3)
p.add_argument("script")
args = p.parse_args()
workers = [subprocess.Popen([sys.executable, args.script],
                            env=dict(os.environ, RANK=str(rank), LOCAL_RANK=str(rank)))
           for rank in range(args.nproc)]
assert all(w.wait() == 0 for w in workers)
"""
WORKER = """\
import argparse, os, json
p = argparse.ArgumentParser()
p.add_argument("--who", default="rank" + os.environ["RANK"])
p.parse_args()
with open(os.environ["RUNLAB_EVENTS"], "a") as f:  # what the framework hooks write
    f.write(json.dumps({"hook": "test", "metrics": {"loss": int(os.environ["RANK"])},
                        "step": 1}) + "\\n")
"""


def test_under_a_launcher_only_rank_zero_records(cli: Callable[..., Result],
                                                 tmp_path: Path) -> None:
    (tmp_path / "launch.py").write_text(LAUNCHER)
    (tmp_path / "worker.py").write_text(WORKER)
    assert cli(sys.executable, "launch.py", "worker.py").code == 0
    p = params(cli)
    assert p["who"] == "rank0" and p["nproc"] == 3


def test_a_known_launcher_records_nothing_and_its_rankless_worker_does(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # `accelerate launch` runs one process with no rank; its own options are no params
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "accelerate"
    launcher.write_text(f"#!{sys.executable}\n" + LAUNCHER.replace(
        "env=dict(os.environ, RANK=str(rank), LOCAL_RANK=str(rank))", "env=os.environ").replace(
        "default=3", "default=1").replace(
        'p.add_argument("script")', 'p.add_argument("script")\np.add_argument("--config_file")'))
    launcher.chmod(0o755)
    (tmp_path / "worker.py").write_text(WORKER.replace('os.environ["RANK"]', '"0"'))
    r = cli(str(launcher), "worker.py")
    assert r.code == 0, r.stderr
    assert params(cli) == {"who": "rank0"}
    # nor is a file its options name an input of the run, or its settings params
    (tmp_path / "cpu.json").write_text('{"num_processes": 2, "use_cpu": true}')
    r = cli(str(launcher), "--config_file", "cpu.json", "worker.py")
    assert r.code == 0, r.stderr
    run = json.loads(cli("show", "last", "--json").stdout)
    assert run["params"] == {"who": "rank0"} and run["inputs"] == {}


BROKEN_TQDM = """\
class tqdm:
    def __init__(self, iterable=None, **kwargs):
        self.iterable = iterable

    def __iter__(self):
        return iter(self.iterable)

    @property
    def n(self):
        raise RuntimeError("a tqdm runlab does not know")

    def set_postfix(self, ordered_dict=None, refresh=True, **kwargs):
        self.postfix = kwargs

    def close(self):
        pass
"""


def test_a_failing_hook_turns_itself_off(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "tqdm").mkdir()
    (tmp_path / "tqdm" / "__init__.py").write_text("from tqdm.std import tqdm\n")
    (tmp_path / "tqdm" / "std.py").write_text(BROKEN_TQDM)
    (tmp_path / "train.py").write_text(
        ARGPARSE + "from tqdm import tqdm\nbar = tqdm(range(3))\n"
        "for i in bar:\n    bar.set_postfix(loss=i)\n    print(f'step {i} seen {bar.postfix}')\n")
    r = cli(sys.executable, "train.py", env={"PYTHONPATH": str(tmp_path)})
    assert r.code == 0
    assert "step 2 seen {'loss': 2}" in r.stdout
    assert [line for line in r.stderr.splitlines() if "hook" in line] == [
        "runlab: the tqdm hook is off (RuntimeError: a tqdm runlab does not know); metrics "
        "are read from the output"]
    assert params(cli)["learning-rate"] == 0.1  # the other hooks go on


def test_hooks_are_switched_off_by_name(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(ARGPARSE)
    assert cli(sys.executable, "train.py", env={"RUNLAB_DISABLED_HOOKS": "argparse"}).code == 0
    assert params(cli) == {}
    r = cli(sys.executable, "train.py", env={"RUNLAB_DISABLED_HOOKS": "tqdm,argprase"})
    assert r.code == 2 and r.stderr.startswith("runlab: error: disabled_hooks: no hook named "
                                               "'argprase'")


def test_the_hook_names_are_the_start_up_hooks() -> None:
    import ast

    from runlab.record import tracking

    source = Path(tracking.__file__).parent.parent / "inject" / "sitecustomize.py"
    tree = ast.parse(source.read_text())
    triggers = next(node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                    and getattr(node.targets[0], "id", None) == "_TRIGGERS")
    assert set(ast.literal_eval(triggers).values()) == set(tracking.HOOKS)


ONE_SOURCE = """\
import json, os, sys, time
def hook(message):
    with open(os.environ["RUNLAB_EVENTS"], "a") as f:
        f.write(json.dumps(dict(message, hook="test")) + "\\n")
for step in (1, 2):
    hook({"metrics": {"loss": 1 / (step + 0.123456789)}, "step": step})
    print(f"step {step} loss={1 / (step + 0.123456789):.3f} acc={step / 10}", flush=True)
journal = os.path.join(os.environ["RUNLAB_STORE"], "runs", os.environ["RUNLAB_RUN_ID"],
                       "journal.jsonl")
deadline = time.monotonic() + 60
while '"acc"' not in open(journal).read() and time.monotonic() < deadline:
    pass  # what was printed before the mark is recorded before it is written
hook({"exclusive": True, "time": time.time()})
print("Total FLOPs: 0\\nModules in train mode: 4", flush=True)
"""


def test_one_source_per_metric(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(ONE_SOURCE)
    assert cli(sys.executable, "train.py").code == 0
    series = json.loads(cli("metrics", "last", "--json").stdout)
    assert [(p["step"], p["value"]) for p in series["loss"]] == [
        (1, 1 / 1.123456789), (2, 1 / 2.123456789)]  # the hook's, not the printed twin
    assert [p["value"] for p in series["acc"]] == [0.1, 0.2]  # printed only: still read
    assert not {k for k in series if not k.startswith("sys/")} - {"loss", "acc"}


REPORTED_AND_PRINTED = """\
import json, os
with open(os.environ["RUNLAB_EVENTS"], "a") as f:  # what runlab.log_metric writes
    f.write(json.dumps({"metrics": {"acc": 0.91234}, "step": 1}) + "\\n")
print("acc: 0.9123", flush=True)  # its value, printed too: not a second point
print("acc: 0.95", flush=True)  # a value it never reported: the program's own print
"""


def test_a_reported_value_printed_too_is_one_point(cli: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(REPORTED_AND_PRINTED)
    assert cli(sys.executable, "train.py").code == 0
    series = json.loads(cli("metrics", "last", "--json").stdout)
    assert [(p["step"], p["value"]) for p in series["acc"]] == [(1, 0.91234), (1, 0.95)]
    assert cli("reparse", "last").code == 0  # as a reparse reads it
    again = json.loads(cli("metrics", "last", "--json").stdout)
    assert sorted(p["value"] for p in again["acc"]) == [0.91234, 0.95]


EPOCH_AVERAGE = """\
import json, os
def hook(message):
    with open(os.environ["RUNLAB_EVENTS"], "a") as f:
        f.write(json.dumps(dict(message, hook="test")) + "\\n")
values = [0.5, 0.41234, 0.3, 0.2]  # each batch's loss, as a bar's hook records it
for step, value in enumerate(values, 1):
    hook({"metrics": {"loss": value}, "step": step})
print("loss=0.2000", flush=True)  # one of its values, printed again: the hook's
print("step 2 loss=0.4123", flush=True)  # the one at its own step: the hook's
# the epoch's average, which another batch's value (the second) rounds to: the program's own
print("Epoch 1: loss=0.4123", flush=True)
"""


def test_a_printed_average_is_no_repeat_of_a_batch_value_it_rounds_to(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(EPOCH_AVERAGE)
    assert cli(sys.executable, "train.py").code == 0
    for _ in ("as it ran", "reparsed"):
        series = json.loads(cli("metrics", "last", "--json").stdout)
        assert sorted((p["step"], p["value"]) for p in series["loss"]) == [
            (1, 0.4123), (1, 0.5), (2, 0.41234), (3, 0.3), (4, 0.2)]
        assert cli("reparse", "last").code == 0


AFTER_THE_WINDOW = """\
import json, os, time
run = os.path.join(os.environ["RUNLAB_STORE"], "runs", os.environ["RUNLAB_RUN_ID"])
def hook(message):
    with open(os.environ["RUNLAB_EVENTS"], "a") as f:
        f.write(json.dumps(dict(message, hook="test")) + "\\n")
def wait_for(name, text):
    deadline = time.monotonic() + 60
    while text not in open(os.path.join(run, name)).read() and time.monotonic() < deadline:
        pass
hook({"exclusive": True, "time": time.time()})
print("Total FLOPs: 0", flush=True)  # the framework's own line, inside its window
wait_for("output.log", "FLOPs")
hook({"metrics": {"tick": 1.0}, "step": 1})
wait_for("journal.jsonl", '"tick"')  # the line above was read before the mark
hook({"exclusive": False, "time": time.time()})
print("Total FLOPs: 0", flush=True)  # a late copy of a framework line: still the framework's
print("r2=0.9125", flush=True)  # the program's own result, printed as soon as fit returns
"""


def test_what_the_program_prints_after_a_framework_window_is_read(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(AFTER_THE_WINDOW)
    assert cli(sys.executable, "train.py").code == 0
    series = json.loads(cli("metrics", "last", "--json").stdout)
    assert [p["value"] for p in series.get("r2", [])] == [0.9125], series
    assert "FLOPs" not in series


INSIDE_THE_WINDOW = """\
import json, os, time
run = os.path.join(os.environ["RUNLAB_STORE"], "runs", os.environ["RUNLAB_RUN_ID"])
def hook(message):
    with open(os.environ["RUNLAB_EVENTS"], "a") as f:
        f.write(json.dumps(dict(message, hook="test")) + "\\n")
hook({"metrics": {"loss": 0.5}, "step": 1})
hook({"exclusive": True, "time": time.time()})
print("[3]\\ttrain-rmse:0.51\\teval-rmse:0.61", flush=True)  # the framework's own log format
print("loss=0.25", flush=True)  # the hook records loss: it stays the one source
print('{"val_auc": 0.75}', flush=True)  # the program's own prints, from a callback
print("Epoch 0: val_f1=0.8125", flush=True)
print("              precision    recall  f1-score   support\\n\\n"  # a compute_metrics' report
      "           0     0.6800    1.0000    0.8095        17\\n"
      "           1     1.0000    0.4667    0.6364        15\\n\\n"
      "    accuracy                         0.7500        32\\n", flush=True)
deadline = time.monotonic() + 20
while '"val_f1"' not in open(os.path.join(run, "journal.jsonl")).read() \\
        and time.monotonic() < deadline:
    pass  # every line above was judged inside the window
hook({"exclusive": False, "time": time.time()})
"""


AFTER_THE_FIT = """\
import json, os, time
run = os.path.join(os.environ["RUNLAB_STORE"], "runs", os.environ["RUNLAB_RUN_ID"])
events = os.environ["RUNLAB_EVENTS"]
def hook(message):
    with open(events, "a") as f:
        f.write(json.dumps(dict(message, hook="test", time=time.time())) + "\\n")
    if message.get("exclusive") is False:  # as runlab's hooks: until the recorder has read it
        deadline = time.monotonic() + 20
        while int(open(events + ".ack").read() or 0) < os.path.getsize(events) and (
                time.monotonic() < deadline):
            pass
def shown(text):  # the recorder has taken the line in (its output log holds it)
    deadline = time.monotonic() + 20
    while text not in open(os.path.join(run, "output.log")).read() and time.monotonic() < deadline:
        pass
print("loss: 0.75", flush=True)
shown("loss: 0.75")
hook({"exclusive": True})
for step in (20, 40):
    hook({"metrics": {"train_loss": 0.5, "eval_samples_per_second": 20915.962}, "step": step})
# the framework's last header (its count is not the run's), written just before its end
print("Epoch 3/3", flush=True)
hook({"exclusive": False})
print("test_acc: 0.91", flush=True)  # the program's results: at the step the fit left
print("epoch 5 val_f1=0.7", flush=True)  # a line that names its own step keeps it
print("train_loss: 0.5000", flush=True)  # what the hook recorded: not read twice
print("{'eval_samples_per_second': '2.092e+04'}", flush=True)  # and to 4 digits (`.4g`)
print("Fold 2 | train_loss: 0.42", flush=True)  # a value it never gave: the program's own
"""


def test_the_program_s_lines_after_a_framework_s_fit_are_at_the_step_it_left(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(AFTER_THE_FIT)
    assert cli(sys.executable, "train.py").code == 0
    series = json.loads(cli("metrics", "last", "--json").stdout)
    assert [(p["step"], p["value"]) for p in series["loss"]] == [(0, 0.75)]
    assert [(p["step"], p["value"]) for p in series["test_acc"]] == [(40, 0.91)]
    assert [(p["step"], p["value"]) for p in series["val_f1"]] == [(5, 0.7)]
    assert [(p["step"], p["value"]) for p in series["train_loss"]] == [
        (20, 0.5), (40, 0.5), (2, 0.42)]
    assert [p["value"] for p in series["eval_samples_per_second"]] == [20915.962] * 2


def test_the_program_s_own_prints_inside_a_framework_window_are_read(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(INSIDE_THE_WINDOW)
    assert cli(sys.executable, "train.py").code == 0
    series = json.loads(cli("metrics", "last", "--json").stdout)
    assert [p["value"] for p in series.get("val_f1", [])] == [0.8125], series
    assert [p["value"] for p in series.get("val_auc", [])] == [0.75], series
    assert [p["value"] for p in series.get("accuracy", [])] == [0.75], series
    assert [p["value"] for p in series.get("0/f1-score", [])] == [0.8095], series
    assert [p["value"] for p in series["loss"]] == [0.5]  # the hook's only
    assert "train-rmse" not in series  # the framework's own format: not read


SHARED_DEST = """\
import argparse
parser = argparse.ArgumentParser()
parser.add_argument("--cpu", dest="device", action="store_const", const="cpu", default="cuda")
parser.add_argument("--mps", dest="device", action="store_const", const="mps")
parser.add_argument("--aug", action="store_true")
parser.add_argument("--no_aug", dest="aug", action="store_false")
parser.parse_args()
"""


def test_options_sharing_a_destination_stay_apart_but_a_negative_twin(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(SHARED_DEST)
    assert cli(sys.executable, "train.py", "--mps", "--no_aug").code == 0
    params = json.loads(cli("show", "last", "--json").stdout)["params"]
    # `--cpu` and `--mps` each store their constant in `device`: the run says which
    assert params["device"] == "mps" and params["aug"] is False
    assert not {"cpu", "mps", "no_aug", "no-aug"} & set(params), params


def test_the_hook_runs_no_file_of_the_program_s_named_as_a_module_it_imports(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # a `json.py` beside the script, which the program itself never imports: the hook's own
    # `json` is the standard library's, and the program's file is never run
    (tmp_path / "prog").mkdir()
    (tmp_path / "prog" / "json.py").write_text("print('USER json.py RAN')\ndumps = None\n")
    (tmp_path / "prog" / "main.py").write_text(
        "import argparse\np = argparse.ArgumentParser()\n"
        "p.add_argument('--lr', type=float, default=0.1)\np.parse_args()\nprint('loss=0.5')\n")
    r = cli(sys.executable, "prog/main.py", "--lr", "0.2")
    assert r.code == 0, r.stderr
    assert "USER json.py RAN" not in r.stdout + r.stderr and "hook is off" not in r.stderr
    assert params(cli) == {"lr": 0.2}
    # and a program that imports its own `json` after argparse gets its own file, as without
    # runlab
    (tmp_path / "prog" / "own.py").write_text(
        "import argparse\nargparse.ArgumentParser().parse_args()\nimport json\n"
        "print('dumps is', json.dumps)\n")
    r = cli(sys.executable, "prog/own.py")
    assert r.code == 0 and "USER json.py RAN" in r.stdout and "dumps is None" in r.stdout
    # with no such file beside it, the standard library's json is whole (`json.decoder`)
    (tmp_path / "dec.py").write_text(
        "import argparse\nargparse.ArgumentParser().parse_args()\nimport json\n"
        "try:\n    json.loads('{bad')\nexcept json.decoder.JSONDecodeError:\n"
        "    print('decoder ok')\n")
    r = cli(sys.executable, "dec.py")
    assert r.code == 0 and "decoder ok" in r.stdout, r.stderr


def test_the_hook_writes_no_file_the_program_opened_on_a_number_it_closed(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # a daemonizing helper closes every descriptor, then the program opens its own files on
    # those numbers: the hook opens its channel again, and the program's files hold only
    # what the program wrote
    (tmp_path / "train.py").write_text(
        "import argparse, os\np = argparse.ArgumentParser()\n"
        "p.add_argument('--lr', type=float, default=0.1)\np.parse_args()\n"
        "os.closerange(3, 256)\n"
        "fds = [os.open(f'user{k}.bin', os.O_WRONLY | os.O_CREAT | os.O_TRUNC) for k in range(3)]\n"
        "q = argparse.ArgumentParser()\nq.add_argument('--seed', type=int, default=7)\n"
        "q.parse_args([])\n"
        "for fd in fds:\n    os.write(fd, b'USERDATA\\n')\n    os.close(fd)\n")
    r = cli(sys.executable, "train.py", "--lr", "0.2")
    assert r.code == 0, r.stderr
    assert [(tmp_path / f"user{k}.bin").read_bytes() for k in range(3)] == [b"USERDATA\n"] * 3
    assert params(cli)["lr"] == 0.2


def test_a_tool_s_own_options_are_no_params(cli: Callable[..., Result], tmp_path: Path) -> None:
    # pytest run as a command: its options (and their defaults) are its own, not the run's
    (tmp_path / "test_b.py").write_text("def test_b():\n    assert True\n")
    r = cli(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_b.py")
    assert r.code == 0, r.stdout + r.stderr
    assert params(cli) == {}


def test_a_negative_option_of_its_own_is_its_parser_s_value(cli: Callable[..., Result],
                                                             tmp_path: Path) -> None:
    # `--no-cuda` as an option of its own (`store_true` into `no_cuda`): its value, once, not
    # a `cuda` false beside it; the word after it is the positional it is
    (tmp_path / "train.py").write_text(
        "import argparse\np = argparse.ArgumentParser()\np.add_argument('data')\n"
        "p.add_argument('--no-cuda', action='store_true')\np.parse_args()\n")
    assert cli(sys.executable, "train.py", "--no-cuda", "data.csv").code == 0
    assert params(cli) == {"data": "data.csv", "no-cuda": True}


TYRO_APP = """\
import dataclasses
from typing import Annotated, Union
import tyro

@dataclasses.dataclass
class Adam:
    lr: float = 1e-3

@dataclasses.dataclass
class SGD:
    lr: float = 0.1
    momentum: float = 0.0

@dataclasses.dataclass
class Config:
    batch_size: int = 32
    use_amp: bool = True
    api_key: Annotated[str, tyro.conf.arg(aliases=["-k"])] = ""
    optimizer: Union[Adam, SGD] = dataclasses.field(default_factory=Adam)

c = tyro.cli(Config)
print(f"loss={c.optimizer.lr}")
"""


def test_tyro_records_the_config_it_made_defaults_and_subcommand_included(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # tyro's `cli(Config)`: every field under its flag's name, defaults included, a flag's
    # negative its alias (`--no-use-amp` is `use-amp` false), the chosen subcommand's fields;
    # a secret typed under a short alias (`-k X`) hidden, `-k` no param of its own
    pytest.importorskip("tyro")
    (tmp_path / "t.py").write_text(TYRO_APP)
    assert cli(sys.executable, "t.py").code == 0
    assert params(cli) == {"batch-size": 32, "use-amp": True, "api-key": "",
                           "optimizer.lr": 0.001}
    r = cli(sys.executable, "t.py", "--no-use-amp", "-k", "mark-tyro-9q2", "optimizer:sgd",
            "--optimizer.momentum", "0.9")
    assert r.code == 0, r.stderr
    assert params(cli) == {"batch-size": 32, "use-amp": False, "api-key": "***",
                           "optimizer.lr": 0.1, "optimizer.momentum": 0.9}
    shown = json.loads(cli("show", "last", "--json").stdout)
    assert "mark-tyro-9q2" not in json.dumps(shown) and shown["command"][3:5] == ["-k", "***"]


def test_pyrallis_records_its_config_typed_with_its_defaults(cli: Callable[..., Result],
                                                             tmp_path: Path) -> None:
    # pyrallis parses with argparse as text, then decodes into the config class: its typed
    # values and the defaults nobody typed are the params, no text "7" beside them
    pytest.importorskip("pyrallis")
    (tmp_path / "p.py").write_text(
        "import dataclasses, pyrallis\n"
        "@dataclasses.dataclass\nclass Data:\n    path: str = 'data/'\n    num_workers: int = 2\n"
        "@dataclasses.dataclass\nclass Cfg:\n    lr: float = 0.01\n    epochs: int = 5\n"
        "    use_ema: bool = False\n"
        "    data: Data = dataclasses.field(default_factory=Data)\n"
        "@pyrallis.wrap()\ndef main(cfg: Cfg):\n    print(f'loss={cfg.lr}')\nmain()\n")
    r = cli(sys.executable, "p.py", "--epochs", "7", "--use_ema", "true", "--data.num_workers", "4")
    assert r.code == 0, r.stderr
    assert params(cli) == {"lr": 0.01, "epochs": 7, "use_ema": True, "data.path": "data/",
                           "data.num_workers": 4}
    # its `--config_path` file's settings once, dotted as its own (not `data/num_workers` too)
    (tmp_path / "c.yaml").write_text("lr: 0.003\ndata:\n  num_workers: 8\n")
    for typed, workers in (((), 8), (("--data.num_workers", "3"), 3)):
        assert cli(sys.executable, "p.py", "--config_path", "c.yaml", *typed).code == 0
        assert params(cli) == {"lr": 0.003, "epochs": 5, "use_ema": False, "data.path": "data/",
                               "data.num_workers": workers}


DOCOPT_APP = '''\
"""Usage:
  d.py train [--lr=<lr>] [--epochs=<n>] [-k KEY] [-v...] <data>
  d.py eval <ckpt>

Options:
  --lr=<lr>               Learning rate [default: 0.001].
  --epochs=<n>            Epochs [default: 10].
  -k KEY --api-key=KEY    The API key.
  -v                      Verbosity.
"""
from docopt import docopt
args = docopt(__doc__)
print(args)
print("loss=0.5")
'''


def test_docopt_records_its_arguments_with_their_defaults(cli: Callable[..., Result],
                                                          tmp_path: Path) -> None:
    # docopt's dict: `--lr` as `lr`, `<data>` as `data`, defaults typed as the numbers they
    # spell, `-vv` once as `v` 2, commands none; a secret typed after its short option hidden;
    # the dict printed whole is the arguments, no metrics
    pytest.importorskip("docopt")
    (tmp_path / "d.py").write_text(DOCOPT_APP)
    r = cli(sys.executable, "d.py", "train", "--lr=0.3", "-vv", "-k", "mark-docopt-4k1", "x.csv")
    assert r.code == 0, r.stderr
    assert params(cli) == {"lr": 0.3, "epochs": 10, "api-key": "***", "v": 2, "data": "x.csv",
                           "ckpt": None}
    shown = json.loads(cli("show", "last", "--json").stdout)
    assert "mark-docopt-4k1" not in json.dumps(shown) and shown["command"][-2] == "***"
    assert set(json.loads(cli("metrics", "last", "--json").stdout)) == {"loss"}


def test_argparse_set_defaults_and_a_dict_typed_value_are_params(cli: Callable[..., Result],
                                                                 tmp_path: Path) -> None:
    # `set_defaults(precision="bf16")` (a subparser's too) are settings; a handler it names is
    # none; a `type=json.loads` dict is its JSON text however it was typed or defaulted
    (tmp_path / "a.py").write_text(
        "import argparse, json\np = argparse.ArgumentParser()\n"
        "p.add_argument('--sched', type=json.loads, default={'name': 'cos'})\n"
        "sub = p.add_subparsers(dest='cmd')\nt = sub.add_parser('train')\n"
        "t.add_argument('--lr', type=float, default=0.1)\n"
        "t.set_defaults(warmup=500, func=print)\np.set_defaults(precision='bf16')\n"
        "p.parse_args()\n")
    assert cli(sys.executable, "a.py", "train").code == 0
    assert params(cli) == {"sched": '{"name": "cos"}', "cmd": "train", "lr": 0.1,
                           "warmup": 500, "precision": "bf16"}
    assert cli(sys.executable, "a.py", "--sched", '{"name":   "cos"}', "train").code == 0
    assert params(cli)["sched"] == '{"name": "cos"}'


def test_the_parser_s_settings_printed_whole_are_no_metrics(cli: Callable[..., Result],
                                                            tmp_path: Path) -> None:
    # `print(vars(args))` and `json.dumps(vars(args))` whose names look like measures'
    # (`target_acc`, `loss_scale`): each value the parser's setting, no metric; a record of
    # the training's beside a setting (`{'loss': 0.5, 'lr': 0.01}`) keeps both
    (tmp_path / "t.py").write_text(
        "import argparse, json\np = argparse.ArgumentParser()\n"
        "p.add_argument('--lr', type=float, default=0.01)\n"
        "p.add_argument('--target_acc', type=float, default=0.9)\n"
        "p.add_argument('--loss_scale', type=float, default=0.5)\n"
        "p.add_argument('--epochs', type=int, default=2)\n"
        "a = p.parse_args()\nprint(json.dumps(vars(a), indent=2))\nprint(vars(a))\n"
        "for e in (1, 2):\n    print({'epoch': e, 'loss': 0.5 / e, 'lr': a.lr})\n")
    assert cli(sys.executable, "t.py", "--lr", "0.02").code == 0
    points = json.loads(cli("metrics", "last", "--json").stdout)
    assert {k: [(p["step"], p["value"]) for p in v] for k, v in points.items()} == {
        "loss": [(1, 0.5), (2, 0.25)], "lr": [(1, 0.02), (2, 0.02)]}


def test_tyro_and_docopt_review_cases(cli: Callable[..., Result], tmp_path: Path) -> None:
    # tyro: a list's and a zero-padded number's secret under a short alias hidden, `-b 64`
    # no param of its own, a function's result no settings; docopt: its short options are
    # aliases, `argv=sys.argv[1:]` is its own command line; pyrallis' hook off, its parse of
    # the command line records as argparse's
    pytest.importorskip("tyro")
    pytest.importorskip("docopt")
    (tmp_path / "t.py").write_text(
        "import dataclasses\nfrom typing import Annotated\nimport tyro\n"
        "@dataclasses.dataclass\nclass Config:\n"
        "    api_keys: Annotated[list[str], tyro.conf.arg(aliases=['-K'])] = "
        "dataclasses.field(default_factory=list)\n"
        "    secret_pin: Annotated[int, tyro.conf.arg(aliases=['-p'])] = 0\n"
        "    batch_size: Annotated[int, tyro.conf.arg(aliases=['-b'])] = 32\n"
        "tyro.cli(Config)\nprint('loss=0.5')\n")
    r = cli(sys.executable, "t.py", "-K", "mark-ty-a1", "mark-ty-b2", "-p=00987654", "-b", "64")
    assert r.code == 0, r.stderr
    shown = json.loads(cli("show", "last", "--json").stdout)
    assert shown["params"] == {"api-keys": "***", "secret-pin": "***", "batch-size": 64}
    assert "mark-ty" not in json.dumps(shown) and "00987654" not in json.dumps(shown)
    (tmp_path / "f.py").write_text(
        "import dataclasses, tyro\n@dataclasses.dataclass\nclass Out:\n    accuracy: float\n"
        "def train(lr: float = 0.1) -> Out:\n    return Out(0.93)\nprint(tyro.cli(train))\n")
    assert cli(sys.executable, "f.py", "--lr", "0.3").code == 0
    assert params(cli) == {"lr": 0.3}
    (tmp_path / "d.py").write_text(
        '"""Usage: d.py [-o FILE] [-e N] <data>\n\nOptions:\n  -o FILE --output=FILE  Out '
        '[default: out.txt].\n  -e N --epochs=N  Epochs [default: 10].\n"""\nimport sys\n'
        "from docopt import docopt\ndocopt(__doc__, argv=sys.argv[1:])\n")
    assert cli(sys.executable, "d.py", "-o", "o.txt", "-e", "5", "x.csv").code == 0
    assert params(cli) == {"output": "o.txt", "epochs": 5, "data": "x.csv"}
    # (a flag before a positional is the flag docopt says it is)
    (tmp_path / "a.py").write_text(
        '"""Usage: a.py [--amp] <data>"""\nfrom docopt import docopt\ndocopt(__doc__)\n')
    assert cli(sys.executable, "a.py", "--amp", "x.csv").code == 0
    assert params(cli) == {"amp": True, "data": "x.csv"}
