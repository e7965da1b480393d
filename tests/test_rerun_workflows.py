"""Reruns and sweeps as users run them: overrides put where each kind of program reads them
(argparse options and their short aliases, flags, `key=value` words, Hydra, config files,
environment variables), the "vs" line against the parent, `--exact` with a repository's own
virtual environment, and what a sweep says about its trials. Real git repositories, real
runlab child processes, a real store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result, child_env, git, runlab_argv

PY = sys.executable
Cli = Callable[..., Result]
FRAMEWORKS_PYTHON = os.environ.get("RUNLAB_TEST_FRAMEWORKS_PYTHON", "")


def show(cli: Cli, ref: str = "last", **kw: object) -> dict:  # type: ignore[type-arg]
    r = cli("show", ref, "--json", **kw)
    assert r.code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def count(cli: Cli, **kw: object) -> int:
    return len(json.loads(cli("ls", "--all", "--json", **kw).stdout))


# -- the "vs" line ----------------------------------------------------------------------------

SCORE = """\
import sys
BONUS = 0.0
lr = float(sys.argv[sys.argv.index('--lr') + 1])
print(f"acc={lr + BONUS}")
"""


def test_rerun_is_compared_with_its_parent_and_its_code(cli: Cli, git_repo: Path) -> None:
    (git_repo / "score.py").write_text(SCORE)
    git(git_repo, "add", "score.py")
    git(git_repo, "commit", "-qm", "score")
    assert cli(PY, "score.py", "--lr", "0.3", cwd=git_repo).code == 0  # run 1
    # The code changes (uncommitted), and another run of the same command comes in between.
    (git_repo / "score.py").write_text(SCORE.replace("BONUS = 0.0", "BONUS = 0.5"))
    assert cli(PY, "score.py", "--lr", "0.5", cwd=git_repo).code == 0  # run 2
    r = cli("rerun", "1", cwd=git_repo)  # run 3
    assert r.code == 0, r.stderr
    assert "vs run 1 (parent): code changed" in r.stderr, r.stderr
    assert "vs run 2" not in r.stderr and "lr 0.5" not in r.stderr
    # --exact runs run 1's code: the same code as the parent, whatever is checked out now.
    r = cli("rerun", "--exact", "1", "lr=0.4", cwd=git_repo)  # run 4
    assert r.code == 0, r.stderr
    assert r.stdout == "acc=0.4\n"
    assert "vs run 1 (parent): lr 0.3 → 0.4 · same code" in r.stderr, r.stderr
    # A rerun that fails is compared with its parent too, not with the last finished run.
    (git_repo / "score.py").write_text("import sys\nsys.exit(3)\n")
    r = cli("rerun", "2", cwd=git_repo)
    assert r.code == 3
    assert "vs run 2 (parent): code changed" in r.stderr, r.stderr
    assert "the last finished run" not in r.stderr


# -- flags and options --------------------------------------------------------------------

FLAGS = """\
import argparse, json
p = argparse.ArgumentParser()
p.add_argument("-v", "--verbose", action="store_true")
p.add_argument("--amp", action="store_true")
p.add_argument("-b", "--batch-size", type=int, default=32)
p.add_argument("-q", "--silent", action="store_true")
p.add_argument("-z", "--fast", action="store_true")
print(json.dumps(vars(p.parse_args()), sort_keys=True))
"""


def _received(r: Result) -> dict:  # type: ignore[type-arg]
    assert r.code == 0, r.stderr
    return json.loads(r.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_rerun_switches_flags_under_any_of_their_options(cli: Cli, git_repo: Path) -> None:
    (git_repo / "flags.py").write_text(FLAGS)
    # A flag typed by its short option is turned off, and `batch_size` (the parser's dest)
    # replaces the value typed after `-b`.
    assert cli(PY, "flags.py", "-v", "-b", "8", cwd=git_repo).code == 0
    r = cli("rerun", "last", "verbose=false", "batch_size=4", cwd=git_repo)
    got = _received(r)
    assert got["verbose"] is False and got["batch_size"] == 4
    run = show(cli, cwd=git_repo)
    assert run["command"][1:] == ["flags.py", "-b", "4"]
    assert run["params"]["verbose"] is False and run["params"]["batch-size"] == 4
    # An absent flag turned on is its bare option; turned off again, it is gone.
    r = cli("rerun", "last", "amp=true", cwd=git_repo)
    assert _received(r)["amp"] is True
    assert show(cli, cwd=git_repo)["command"][1:] == ["flags.py", "-b", "4", "--amp"]
    r = cli("rerun", "last", "amp=false", "fast=false", cwd=git_repo)
    assert _received(r)["amp"] is False
    assert show(cli, cwd=git_repo)["command"][1:] == ["flags.py", "-b", "4"]
    # Two flags typed by short options that name neither: the hook recorded whose each is.
    assert cli(PY, "flags.py", "-q", "-z", cwd=git_repo).code == 0  # run 5
    r = cli("rerun", "last", "fast=false", cwd=git_repo)
    got = _received(r)
    assert got["fast"] is False and got["silent"] is True
    assert show(cli, cwd=git_repo)["command"][1:] == ["flags.py", "-q"]
    # Recorded before the record kept the parser's options: which word is whose is unknown.
    _forget_options(show(cli, "5", cwd=git_repo)["id"])
    assert cli("reindex", cwd=git_repo).code == 0  # (an old journal still indexes)
    assert show(cli, "5", cwd=git_repo)["params"]["fast"] is True
    before = count(cli, cwd=git_repo)
    r = cli("rerun", "5", "fast=false", cwd=git_repo)
    assert r.code == 2
    assert "runlab: error: run 5 had fast on, but runlab cannot tell which word" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert count(cli, cwd=git_repo) == before


def _journal(run_id: str) -> Path:
    return Path(os.environ["RUNLAB_STORE"]) / "runs" / run_id / "journal.jsonl"


def _options(run_id: str) -> dict:  # type: ignore[type-arg]
    """What the run's params events recorded of its parser's arguments (`options`)."""
    out: dict = {}  # type: ignore[type-arg]
    for line in _journal(run_id).read_text().splitlines():
        event = json.loads(line)
        if event["e"] == "params":
            out.update(event.get("options") or {})
    return out


def _forget_options(run_id: str) -> None:
    """Make the run's journal one written before params events kept `options`."""
    path = _journal(run_id)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert any("options" in event for event in lines)
    for event in lines:
        event.pop("options", None)
    path.write_text("".join(json.dumps(event) + "\n" for event in lines))


# -- keys the command line does not hold ----------------------------------------------------

KNOWN = """\
import argparse, sys
p = argparse.ArgumentParser()
p.add_argument("--lr", type=float, default=0.01)
p.add_argument("--epochs", type=int, default=3)
args, unknown = p.parse_known_args()
print(args.lr, args.epochs, unknown)
"""
ARGV = "import sys\nprint(sys.argv[1:])\n"
ENV = "import os\nprint('LR', os.environ.get('LR'))\n"
CONFIG = """\
import json, sys
cfg = json.load(open(sys.argv[1]))
for word in sys.argv[2:]:
    key, value = word.split("=", 1)
    *parents, last = key.split(".")
    node = cfg
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = json.loads(value) if value[:1].isdigit() else value
print(json.dumps(cfg, sort_keys=True))
"""
HYDRA_LIKE = """\
try:
    import hydra  # noqa: F401  (read as a Hydra program; runs without Hydra too)
except ImportError:
    pass
import sys
print(sys.argv[1:])
"""


def test_an_added_key_follows_the_command_s_style(cli: Cli, git_repo: Path) -> None:
    for name, text in (("known.py", KNOWN), ("argv.py", ARGV), ("env.py", ENV),
                       ("cfg.py", CONFIG), ("app.py", HYDRA_LIKE)):
        (git_repo / name).write_text(text)
    (git_repo / "config.json").write_text('{"lr": 0.1, "model": {"width": 2, "act": "relu"}}')

    # plain key=value words: another word
    assert cli(PY, "argv.py", "lr=0.1", "tag=base", cwd=git_repo).code == 0
    r = cli("rerun", "last", "epochs=5", cwd=git_repo)
    assert r.code == 0 and r.stdout == "['lr=0.1', 'tag=base', 'epochs=5']\n", r.stderr
    # options of a parser runlab does not know: another option
    assert cli(PY, "argv.py", "--lr", "0.1", cwd=git_repo).code == 0
    r = cli("rerun", "last", "epochs=5", cwd=git_repo)
    assert r.code == 0 and r.stdout == "['--lr', '0.1', '--epochs', '5']\n", r.stderr

    # a parser whose options the hook recorded: a known option is added, an unknown refused
    assert cli(PY, "known.py", "--lr", "0.1", cwd=git_repo).code == 0
    r = cli("rerun", "last", "epochs=2", cwd=git_repo)
    assert r.code == 0 and r.stdout == "0.1 2 []\n", r.stderr
    before = count(cli, cwd=git_repo)
    r = cli("rerun", "last", "lr_rate=0.5", cwd=git_repo)
    assert r.code == 2
    assert r.stderr.strip() == (
        "runlab: error: run 6 has no param 'lr_rate' (its program's parser takes no such "
        "option; params: epochs, lr); to add words as given: runlab rerun 6 -- --lr_rate 0.5")
    r = cli("rerun", "last", "epoch=2", cwd=git_repo)
    assert r.code == 2 and r.stderr.strip().endswith("; did you mean epochs?"), r.stderr
    assert count(cli, cwd=git_repo) == before

    # a program that takes nothing on its command line: refused, nothing recorded
    assert cli(PY, "env.py", cwd=git_repo).code == 0
    r = cli("rerun", "last", "LR=0.5", cwd=git_repo)
    assert r.code == 2 and "has no param 'LR' (its command line shows no way to pass it" \
        in r.stderr, r.stderr
    # ... but given through `env NAME=VALUE`, the variable is set there
    assert cli("env", "LR=0.2", PY, "env.py", cwd=git_repo).code == 0
    r = cli("rerun", "last", "LR=0.5", cwd=git_repo)
    assert r.code == 0 and r.stdout == "LR 0.5\n", r.stderr
    run = show(cli, cwd=git_repo)
    assert run["command"][:2] == ["env", "LR=0.5"] and run["params"]["LR"] == 0.5

    # a config file's settings, named `model/width`: set as the file's overrides are
    assert cli(PY, "cfg.py", "config.json", "model.width=3", cwd=git_repo).code == 0
    assert show(cli, cwd=git_repo)["params"]["model/width"] == 3
    r = cli("rerun", "last", "model/width=7", "model/act=gelu", cwd=git_repo)
    assert r.code == 0, r.stderr
    assert json.loads(r.stdout) == {"lr": 0.1, "model": {"width": 7, "act": "gelu"}}
    assert show(cli, cwd=git_repo)["command"][2:] == [
        "config.json", "model.width=7", "model.act=gelu"]

    # Hydra: `key=value` for a key of its config, `+key=value` for a new one; `~key` set
    assert cli(PY, "app.py", "lr=0.1", "~seed", cwd=git_repo).code == 0
    r = cli("rerun", "last", "lr=0.2", "epochs=5", "seed=3", cwd=git_repo)
    assert r.code == 0 and r.stdout == "['lr=0.2', 'seed=3', '+epochs=5']\n", r.stderr


def test_rerun_gives_the_recorded_environment_again(cli: Cli, git_repo: Path) -> None:
    (git_repo / "env.py").write_text(
        "import os\nprint('LR', os.environ.get('LR'))\nprint(f\"acc={os.environ.get('LR')}\")\n")
    (git_repo / "runlab.toml").write_text('env = ["LR", "MY_TOKEN"]\n')
    assert cli(PY, "env.py", cwd=git_repo, env={"LR": "0.1"}).code == 0  # run 1
    # rerun from a shell without LR: the run's LR is given again
    r = cli("rerun", "1", cwd=git_repo)  # run 2
    assert r.code == 0 and r.stdout.startswith("LR 0.1\n"), r.stderr
    assert "rerun of run 1: LR=0.1 " in r.stderr
    assert show(cli, cwd=git_repo)["env"] == {"LR": "0.1"}
    # an override of a recorded variable changes the variable, not the command line
    r = cli("rerun", "1", "LR=0.4", cwd=git_repo, env={"LR": "0.9"})  # run 3
    assert r.code == 0 and r.stdout.startswith("LR 0.4\n"), r.stderr
    run = show(cli, cwd=git_repo)
    assert run["env"] == {"LR": "0.4"} and run["command"][1:] == ["env.py"]
    assert "LR" not in run["params"]
    assert "vs run 1 (parent): same code · env LR 0.1 → 0.4" in r.stderr, r.stderr
    # `diff` compares the recorded variables
    r = cli("diff", "1", "3", "--json", cwd=git_repo)
    environment = json.loads(r.stdout)["environment"]
    assert environment["differs"] is True
    assert [v["env.LR"] for v in environment["values"]] == ["0.1", "0.4"]
    r = cli("diff", "1", "2", "--all", cwd=git_repo)
    assert any(line.split() == ["env.LR", "0.1", "0.1"] for line in r.stdout.splitlines())
    assert "environment  same" in r.stdout, r.stdout
    # a secret's value was never written down: it must be given
    assert cli(PY, "env.py", cwd=git_repo, env={"MY_TOKEN": "s3cr3t-value"}).code == 0
    r = cli("rerun", "last", cwd=git_repo)
    assert r.code == 2 and "MY_TOKEN hidden (***); give it: runlab rerun 4 MY_TOKEN=VALUE" \
        in r.stderr, r.stderr
    r = cli("rerun", "last", "MY_TOKEN=other-value", cwd=git_repo)
    assert r.code == 0 and "other-value" not in r.stderr, r.stderr


# -- Hydra, for real ----------------------------------------------------------------------

HYDRA_APP = """\
import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import OmegaConf

@hydra.main(version_base=None, config_path="conf", config_name="config")
def main(cfg):
    print("choices", HydraConfig.get().runtime.choices["sched"], "epochs", cfg.epochs,
          "extra", cfg.get("extra"))

main()
"""


def test_hydra_group_choices_are_params_and_reruns_add_keys(cli: Cli, git_repo: Path) -> None:
    if not FRAMEWORKS_PYTHON:
        pytest.skip("no framework environment: set RUNLAB_TEST_FRAMEWORKS_PYTHON to a Python "
                    "with hydra-core")
    (git_repo / "app.py").write_text(HYDRA_APP)
    (git_repo / "conf" / "sched").mkdir(parents=True)
    (git_repo / "conf" / "config.yaml").write_text(
        "defaults:\n  - sched: cosine\n  - _self_\nlr: 0.01\nepochs: 3\n")
    for name in ("cosine", "step"):  # two options with the same settings
        (git_repo / "conf" / "sched" / f"{name}.yaml").write_text("warmup: 5\n")
    env = {"HYDRA_FULL_ERROR": "1"}
    r = cli(FRAMEWORKS_PYTHON, "app.py", "hydra.run.dir=out", cwd=git_repo, env=env)
    assert r.code == 0, r.stderr
    params = show(cli, cwd=git_repo)["params"]
    assert params["sched"] == "cosine" and params["sched.warmup"] == 5
    assert not [k for k in params if k.startswith("hydra")], params
    r = cli("rerun", "last", "sched=step", "epochs=5", "extra=1", cwd=git_repo, env=env)
    assert r.code == 0, r.stderr
    assert "choices step epochs 5 extra 1" in r.stdout
    run = show(cli, cwd=git_repo)
    assert run["command"][2:] == ["hydra.run.dir=out", "sched=step", "epochs=5", "+extra=1"]
    assert run["params"]["sched"] == "step" and run["params"]["epochs"] == 5
    r = cli("diff", "1", "2", "--json", cwd=git_repo)
    changed = {row["key"] for row in json.loads(r.stdout)["params"] if row["change"] != "same"}
    assert changed == {"sched", "epochs", "extra"}


# -- --exact with the repository's own virtual environment --------------------------------


def test_exact_rerun_runs_an_untracked_interpreter_from_the_run_s_directory(
        cli: Cli, git_repo: Path) -> None:
    (git_repo / ".gitignore").write_text("venv/\n")
    git(git_repo, "add", ".gitignore")
    git(git_repo, "commit", "-qm", "ignore the venv")
    (git_repo / "venv" / "bin").mkdir(parents=True)
    os.symlink(PY, git_repo / "venv" / "bin" / "python")
    assert cli("./venv/bin/python", "train.py", "--lr=0.2", cwd=git_repo).code == 0
    r = cli("rerun", "--exact", "1", "lr=0.5", cwd=git_repo)
    assert r.code == 0, r.stderr
    assert "epoch 3/3 loss=0.0667 acc=2.000" in r.stdout
    run = show(cli, cwd=git_repo)
    assert run["status"] == "finished"
    assert run["command"][0] == str(git_repo / "venv" / "bin" / "python")
    assert run["command"][1:] == ["train.py", "--lr=0.5"]


# -- sweeps -----------------------------------------------------------------------------------


def test_a_trial_that_exits_0_on_ctrl_c_is_reported_killed(cli: Cli, tmp_path: Path) -> None:
    for n in (1, 2):
        os.mkfifo(tmp_path / f"ready-{n}")
    code = ("import sys, time\nf = open('ready-' + sys.argv[2], 'w'); f.write('x\\n'); "
            "f.close()\ntry:\n    time.sleep(60)\nexcept KeyboardInterrupt:\n    sys.exit(0)\n")
    p = subprocess.Popen(runlab_argv("sweep", "n=1,2", "--", PY, "-c", code, "--n", "{n}"),
                         cwd=tmp_path, env=child_env(), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    with open(tmp_path / "ready-1") as ready:
        assert ready.readline() == "x\n"
    os.killpg(p.pid, signal.SIGINT)
    _, err = p.communicate(timeout=60)
    text = err.decode()
    assert p.returncode == -signal.SIGINT, text
    assert "trial 1/2 killed: n=1" in text and "trial 1/2 finished" not in text, text
    assert "0 finished, 1 did not, 1 not started" in text
    runs = json.loads(cli("ls", "--json").stdout)
    assert [(r["status"], r["exit_code"]) for r in runs] == [("killed", 0)]


TRIAL = """\
import os, sys
print(f"val_acc={float(sys.argv[1])}")
if sys.argv[1] == "2" and os.path.exists(os.path.join("..", "fail.flag")):
    sys.exit(3)
"""


def test_sweep_resume_warns_when_the_code_changed(cli: Cli, git_repo: Path,
                                                  tmp_path: Path) -> None:
    (git_repo / "trial.py").write_text(TRIAL)
    git(git_repo, "add", "trial.py")
    git(git_repo, "commit", "-qm", "trial")
    (tmp_path / "fail.flag").write_text("")  # (outside the repository: no code change)
    r = cli("sweep", "x=1,2", "--", PY, "trial.py", "{x}", cwd=git_repo)
    assert r.code == 1, r.stderr
    sweep_id = r.stderr.split()[1].rstrip(":")
    # resumed on the same code: no warning
    r = cli("sweep", "--resume", sweep_id, cwd=git_repo)
    assert r.code == 1 and "1 had finished before" in r.stderr, r.stderr
    assert "other code" not in r.stderr
    (tmp_path / "fail.flag").unlink()
    with open(git_repo / "trial.py", "a") as f:
        f.write("print('changed')\n")
    r = cli("sweep", "--resume", sweep_id, cwd=git_repo)
    assert r.code == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if "other code" in line]
    assert warnings == [f"runlab: warning: sweep {sweep_id}: trial 2 ran other code than the "
                        "trials that finished before the resume (runlab diff 1 4)"], r.stderr


# -- t45: flags on by default, words added as given, Hydra prefixes, config files, make -----

ON_BY_DEFAULT = """\
import argparse, json
p = argparse.ArgumentParser()
p.add_argument("--lr", type=float, default=0.01)
p.add_argument("--augment", action=argparse.BooleanOptionalAction, default=True)
p.add_argument("--no-cuda", dest="cuda", action="store_false")
p.add_argument("--fast", action="store_true", default=True)
print(json.dumps(vars(p.parse_args()), sort_keys=True))
"""


def test_a_flag_on_by_default_is_turned_off_by_its_negative_option(
        cli: Cli, git_repo: Path) -> None:
    (git_repo / "neg.py").write_text(ON_BY_DEFAULT)
    assert cli(PY, "neg.py", "--lr", "0.1", cwd=git_repo).code == 0  # run 1
    r = cli("rerun", "1", "augment=false", cwd=git_repo)
    assert _received(r)["augment"] is False
    assert show(cli, cwd=git_repo)["command"][1:] == ["neg.py", "--lr", "0.1", "--no-augment"]
    r = cli("rerun", "1", "cuda=false", cwd=git_repo)
    got = _received(r)
    assert got["cuda"] is False and got["augment"] is True
    run = show(cli, cwd=git_repo)
    assert run["command"][1:] == ["neg.py", "--lr", "0.1", "--no-cuda"]
    assert run["params"]["cuda"] is False
    # no negative option declared: refused, saying so, nothing run
    before = count(cli, cwd=git_repo)
    r = cli("rerun", "1", "fast=false", cwd=git_repo)
    assert r.code == 2 and r.stderr.strip() == (
        "runlab: error: run 1 had fast on by default (no word of its command line turned it "
        "on), and its program's parser has no option that turns it off: run the command by "
        "hand")
    # ... and so for a run recorded before the parser's options were: its source says
    _forget_options(show(cli, "1", cwd=git_repo)["id"])
    r = cli("rerun", "1", "fast=false", cwd=git_repo)
    assert r.code == 2 and r.stderr.strip() == (
        "runlab: error: run 1 had fast on by default (no word of its command line turned it "
        "on), and runlab does not know the option that turns it off (its program's source "
        "declares no --no-fast): if it has one, give it after --: runlab rerun 1 -- --no-fast")
    assert count(cli, cwd=git_repo) == before


OPTIONS_MODULE = """\
import argparse

def parser():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--ema", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--no-shuffle", dest="shuffle", action="store_false")
    return p
"""
IMPORTED = """\
import json
from opts import parser
print(json.dumps(vars(parser().parse_args()), sort_keys=True))
"""


def test_negative_options_come_from_the_record_not_the_source(
        cli: Cli, git_repo: Path) -> None:
    (git_repo / "opts.py").write_text(OPTIONS_MODULE)
    (git_repo / "train.py").write_text(IMPORTED)
    assert cli(PY, "train.py", "--lr", "0.1", cwd=git_repo).code == 0  # run 1
    run_id = show(cli, cwd=git_repo)["id"]
    options = _options(run_id)
    assert options["ema"] == {"aliases": ["no-ema"], "negative": "no-ema", "positional": False}
    assert options["shuffle"] == {"aliases": ["no-shuffle"], "negative": "no-shuffle",
                                  "positional": False}
    assert options["lr"] == {"positional": False}
    # declared in an imported module, not in the entry script: the record names them
    r = cli("rerun", "1", "ema=false", "shuffle=false", cwd=git_repo)
    got = _received(r)
    assert got["ema"] is False and got["shuffle"] is False and got["lr"] == 0.1
    assert show(cli, cwd=git_repo)["command"][1:] == [
        "train.py", "--lr", "0.1", "--no-ema", "--no-shuffle"]
    # the rerun's own `--no-ema` turned back into `--ema`
    r = cli("rerun", "last", "ema=true", cwd=git_repo)
    assert _received(r)["ema"] is True
    assert show(cli, cwd=git_repo)["command"][1:] == [
        "train.py", "--lr", "0.1", "--ema", "--no-shuffle"]
    # without the record, the entry script's source cannot tell
    _forget_options(run_id)
    r = cli("rerun", "1", "shuffle=false", cwd=git_repo)
    assert r.code == 2 and "declares no --no-shuffle" in r.stderr, r.stderr


SUBCOMMANDS = """\
import argparse, json
p = argparse.ArgumentParser()
p.add_argument("--seed", type=int, default=1)
p.add_argument("--augment", action=argparse.BooleanOptionalAction, default=True)
s = p.add_subparsers(dest="cmd")
t = s.add_parser("train")
t.add_argument("--lr", type=float, default=0.1)
t.add_argument("--warmup", type=int, default=0)
t.add_argument("data", nargs="?", default="d.csv")
print(json.dumps(vars(p.parse_args()), sort_keys=True))
"""


def test_a_subparser_s_option_goes_after_its_subcommand_and_the_main_one_s_before(
        cli: Cli, git_repo: Path) -> None:
    (git_repo / "sub.py").write_text(SUBCOMMANDS)
    assert cli(PY, "sub.py", "train", "--lr", "0.2", cwd=git_repo).code == 0  # run 1
    options = _options(show(cli, cwd=git_repo)["id"])
    assert options["warmup"] == {"positional": False, "command": ["train"]}
    assert options["data"] == {"positional": True, "command": ["train"]}
    assert options["seed"] == {"positional": False}
    r = cli("rerun", "1", "seed=5", "augment=false", "warmup=3", "lr=0.3", cwd=git_repo)
    got = _received(r)
    assert (got["seed"], got["augment"], got["warmup"], got["lr"]) == (5, False, 3, 0.3)
    assert show(cli, cwd=git_repo)["command"][1:] == [
        "sub.py", "--seed", "5", "--no-augment", "train", "--warmup", "3", "--lr", "0.3"]
    # an optional positional the command line does not give: refused in one line
    before = count(cli, cwd=git_repo)
    r = cli("rerun", "1", "data=e.csv", cwd=git_repo)
    assert r.code == 2 and r.stderr.strip() == (
        "runlab: error: run 1's param data is a positional argument that its command line "
        "does not give (its program took the default), not an option: runlab cannot tell "
        "where to put it; run the command by hand with it")
    # ... and one it gives, as ever (the subcommand's choice `cmd` too)
    assert cli(PY, "sub.py", "train", "x.csv", cwd=git_repo).code == 0
    number = show(cli, cwd=git_repo)["number"]
    r = cli("rerun", str(number), "data=y.csv", cwd=git_repo)
    assert r.code == 2 and f"run {number}'s param data is the word 'x.csv'" in r.stderr
    r = cli("rerun", str(number), "cmd=eval", cwd=git_repo)
    assert r.code == 2 and "param cmd is the word 'train'" in r.stderr, r.stderr
    assert count(cli, cwd=git_repo) == before + 1


CLICK_GROUP = """\
import click, json

@click.group()
@click.option("--seed", type=int, default=1)
@click.option("--debug/--no-debug", default=False)
@click.pass_context
def cli(ctx, seed, debug):
    ctx.obj = {"seed": seed, "debug": debug}

@cli.command()
@click.option("--lr", type=float, default=0.1)
@click.option("--shout/--no-shout", default=True)
@click.argument("data", default="d.csv")
@click.pass_context
def train(ctx, lr, shout, data):
    print(json.dumps({**ctx.obj, "lr": lr, "shout": shout, "data": data}, sort_keys=True))

cli()
"""


def test_a_click_group_s_and_command_s_options_go_where_each_is_read(
        cli: Cli, git_repo: Path) -> None:
    (git_repo / "app.py").write_text(CLICK_GROUP)
    assert cli(PY, "app.py", "train", "--lr", "0.2", cwd=git_repo).code == 0  # run 1
    options = _options(show(cli, cwd=git_repo)["id"])
    assert options["shout"] == {"aliases": ["no-shout"], "negative": "no-shout",
                                "positional": False, "command": ["train"]}
    assert options["data"] == {"positional": True, "command": ["train"]}
    assert options["seed"] == {"positional": False}
    r = cli("rerun", "1", "seed=5", "debug=true", "shout=false", cwd=git_repo)
    got = _received(r)
    assert (got["seed"], got["debug"], got["shout"], got["lr"]) == (5, True, False, 0.2)
    assert show(cli, cwd=git_repo)["command"][1:] == [
        "app.py", "--seed", "5", "--debug", "train", "--no-shout", "--lr", "0.2"]
    # the command's Argument, not on the command line: refused in one line, nothing run
    before = count(cli, cwd=git_repo)
    r = cli("rerun", "1", "data=e.csv", cwd=git_repo)
    assert r.code == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "run 1's param data is a positional argument that its command line does not " \
        "give" in r.stderr, r.stderr
    assert count(cli, cwd=git_repo) == before


KNOWN_LEFTOVERS = """\
import argparse, sys
p = argparse.ArgumentParser()
p.add_argument("--lr", type=float, default=0.01)
args, extra = p.parse_known_args()
print(args.lr, extra)
"""
POSITIONAL = """\
import argparse
p = argparse.ArgumentParser()
p.add_argument("data")
p.add_argument("lr", type=float)
p.add_argument("--epochs", type=int, default=3)
print(vars(p.parse_args()))
"""


def test_words_after_dashes_are_added_as_given(cli: Cli, git_repo: Path) -> None:
    (git_repo / "left.py").write_text(KNOWN_LEFTOVERS)
    (git_repo / "pos.py").write_text(POSITIONAL)
    assert cli(PY, "left.py", "--lr", "0.1", cwd=git_repo).code == 0  # run 1
    before = count(cli, cwd=git_repo)
    r = cli("rerun", "1", "epochs=4", cwd=git_repo)
    assert r.code == 2 and r.stderr.strip().endswith(
        "; to add words as given: runlab rerun 1 -- --epochs 4"), r.stderr
    assert count(cli, cwd=git_repo) == before
    r = cli("rerun", "1", "lr=0.2", "--", "epochs=4", "--extra", "1", cwd=git_repo)
    assert r.code == 0 and r.stdout == "0.2 ['epochs=4', '--extra', '1']\n", r.stderr
    assert show(cli, cwd=git_repo)["command"][1:] == [
        "left.py", "--lr", "0.2", "epochs=4", "--extra", "1"]
    # a word that is no override, without --: refused, naming the form that adds it
    r = cli("rerun", "1", "data.csv", cwd=git_repo)
    assert r.code == 2 and "runlab rerun 1 -- data.csv" in r.stderr, r.stderr
    # a positional param is no option to add: refused in one line
    assert cli(PY, "pos.py", "data.csv", "0.1", cwd=git_repo).code == 0
    number = show(cli, cwd=git_repo)["number"]
    before = count(cli, cwd=git_repo)
    r = cli("rerun", str(number), "lr=0.3", cwd=git_repo)
    assert r.code == 2 and len(r.stderr.strip().splitlines()) == 1
    assert f"run {number}'s param lr is the word '0.1' of its command line" in r.stderr
    assert count(cli, cwd=git_repo) == before
    r = cli("rerun", str(number), "epochs=5", cwd=git_repo)  # an option is still added
    assert r.code == 0 and "'epochs': 5" in r.stdout and "'lr': 0.1" in r.stdout, r.stderr


def test_hydra_overrides_of_a_new_group_and_hydra_s_own_prefixes(
        cli: Cli, git_repo: Path) -> None:
    (git_repo / "app.py").write_text(HYDRA_LIKE)
    assert cli(PY, "app.py", "model=resnet", "epochs=3", cwd=git_repo).code == 0  # run 1
    # a key of the group this rerun chooses belongs to its config: no `+`
    r = cli("rerun", "1", "model=mlp", "model.hidden=32", cwd=git_repo)
    assert r.code == 0 and r.stdout == "['model=mlp', 'epochs=3', 'model.hidden=32']\n", \
        r.stderr
    r = cli("rerun", "1", "model.hidden=32", cwd=git_repo)  # the parent's group: new key
    assert r.code == 0 and r.stdout == "['model=resnet', 'epochs=3', '+model.hidden=32']\n"
    # Hydra's own forms pass through as given, replacing the words for the same key
    r = cli("rerun", "1", "++epochs=5", "+brandnew=1", "~seed", cwd=git_repo)
    assert r.code == 0, r.stderr
    assert r.stdout == "['model=resnet', '++epochs=5', '+brandnew=1', '~seed']\n"
    # ... and only for Hydra programs
    assert cli(PY, "train.py", cwd=git_repo).code == 0
    r = cli("rerun", "last", "+x=1", cwd=git_repo)
    assert r.code == 2 and "'+x=1' is a Hydra override" in r.stderr, r.stderr


def test_a_config_file_command_s_setting_is_not_added_as_an_option(
        cli: Cli, git_repo: Path) -> None:
    (git_repo / "cfg.py").write_text(CONFIG)
    (git_repo / "config.json").write_text('{"lr": 0.1, "epochs": 3}')
    assert cli(PY, "cfg.py", "config.json", cwd=git_repo).code == 0  # run 1
    assert show(cli, cwd=git_repo)["params"]["epochs"] == 3
    before = count(cli, cwd=git_repo)
    r = cli("rerun", "1", "epochs=4", cwd=git_repo)
    assert r.code == 2 and r.stderr.strip().startswith(
        "runlab: error: run 1's param epochs comes from its config file config.json, and its "
        "command line takes no options or key=value words that could set it"), r.stderr
    assert count(cli, cwd=git_repo) == before
    r = cli("rerun", "1", "--", "epochs=4", cwd=git_repo)  # the file's overrides, given
    assert r.code == 0 and json.loads(r.stdout) == {"lr": 0.1, "epochs": 4}, r.stderr


MAKE_TRAIN = """\
import argparse
p = argparse.ArgumentParser()
p.add_argument("--lr", type=float, default=0.01)
p.add_argument("--epochs", type=int, default=3)
a = p.parse_args()
print("got", a.lr, a.epochs)
"""


def test_a_make_command_s_overrides_are_its_variables(cli: Cli, git_repo: Path) -> None:
    (git_repo / "mtrain.py").write_text(MAKE_TRAIN)
    (git_repo / "Makefile").write_text(
        f"LR ?= 0.01\nEPOCHS ?= 3\ntrain:\n\t@{PY} mtrain.py --lr $(LR) --epochs $(EPOCHS)\n")
    assert cli("make", "-s", "train", "LR=0.1", cwd=git_repo).code == 0  # run 1
    before = count(cli, cwd=git_repo)
    r = cli("rerun", "1", "lr=0.3", cwd=git_repo)
    assert r.code == 2 and "run 1's make variable is LR, not lr (make's names are " \
        "case-sensitive): runlab rerun 1 LR=0.3" in r.stderr, r.stderr
    r = cli("rerun", "1", "epochs=5", cwd=git_repo)
    assert r.code == 2 and "run 1's param epochs is read by the program that make runs" \
        in r.stderr, r.stderr
    assert count(cli, cwd=git_repo) == before
    r = cli("rerun", "1", "LR=0.3", "EPOCHS=5", cwd=git_repo)
    assert r.code == 0 and "got 0.3 5" in r.stdout, r.stderr
    run = show(cli, cwd=git_repo)
    assert run["command"] == ["make", "-s", "train", "LR=0.3", "EPOCHS=5"]
    assert run["params"]["lr"] == 0.3 and run["params"]["epochs"] == 5


def test_a_failed_rerun_s_vs_line_lists_no_param_as_unset(cli: Cli, git_repo: Path) -> None:
    (git_repo / "early.py").write_text(
        "import argparse, sys\nif '--crash' in sys.argv:\n    sys.exit(4)\n"
        "p = argparse.ArgumentParser()\np.add_argument('--lr', type=float, default=0.1)\n"
        "p.add_argument('--epochs', type=int, default=3)\n"
        "p.add_argument('--crash', action='store_true')\np.parse_args()\n")
    assert cli(PY, "early.py", cwd=git_repo).code == 0  # run 1: lr, epochs, crash recorded
    assert set(show(cli, cwd=git_repo)["params"]) >= {"lr", "epochs"}
    r = cli("rerun", "1", "--", "--crash", cwd=git_repo)
    assert r.code == 4
    vs = [line for line in r.stderr.splitlines() if "vs run 1 (parent)" in line]
    assert len(vs) == 1 and "→ unset" not in vs[0] and "not reported" in vs[0], r.stderr


PAPERMILL = f"""\
#!{PY}
import sys
words = sys.argv[1:]
given = {{words[i + 1]: words[i + 2] for i, w in enumerate(words) if w == "-p"}}
print("given", sorted(given.items()))
print(f"acc={{float(given.get('lr', 0)) + float(given.get('epochs', 0))}}")
"""


def test_a_papermill_run_s_parameters_are_replaced_and_added_as_parameters(
        cli: Cli, git_repo: Path) -> None:
    # `-p lr 0.1` is the param: a rerun puts the new value there, and adds a parameter
    # papermill's way, `-p epochs 5`, not an option papermill would refuse
    (git_repo / "bin").mkdir()
    runner = git_repo / "bin" / "papermill"
    runner.write_text(PAPERMILL)
    runner.chmod(0o755)
    (git_repo / "nb.ipynb").write_text("{}")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-qm", "notebook")
    assert cli("bin/papermill", "nb.ipynb", "out.ipynb", "-p", "lr", "0.1",
               cwd=git_repo).code == 0
    r = cli("rerun", "1", "lr=0.2", "epochs=5", cwd=git_repo)
    assert r.code == 0, r.stderr
    run = show(cli, cwd=git_repo)
    assert run["command"][1:] == ["nb.ipynb", "out.ipynb", "-p", "lr", "0.2", "-p", "epochs", "5"]
    assert run["params"] == {"lr": 0.2, "epochs": 5}
    assert run["metrics"]["acc"]["last"] == 5.2
