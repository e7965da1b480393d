"""Params from command lines: typing, every spelling, the entry script, secrets."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from runlab.capture.args import (
    LAUNCHER_MODULES,
    NOTEBOOK_MODULES,
    LAUNCHERS,
    REDACTED,
    launcher_words,
    SECRET_PATTERNS,
    is_secret,
    parse_args,
    parse_value,
    redact_env,
    redact_mapping,
    redact_patch,
    redact_source,
    redact_url,
    redact_value,
)

GITHUB_TOKEN = "ghp_" + "a1B2c3D4e5" * 4
OPENAI_KEY = "sk-proj-" + "Ab3dEf6hIj" * 3
AWS_KEY_ID = "AKIA" + "ABCDEFGHIJKLMNOP"


@pytest.fixture
def cwd(tmp_path: Path) -> str:
    for name in ("train.py", "run.sh", "data.csv"):
        (tmp_path / name).write_text("")
    return str(tmp_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", 3),
        ("-3", -3),
        ("+3", 3),
        ("0", 0),
        ("0.01", 0.01),
        ("-1e-3", -0.001),
        ("1e-4", 0.0001),
        ("1E5", 100000.0),
        (".5", 0.5),
        ("1.", 1.0),
        ("true", True),
        ("True", True),
        ("FALSE", False),
        ("null", None),
        ("None", None),
        ("none", None),
        ("yes", "yes"),
        ("off", "off"),
        ("007", "007"),
        ("1e999", "1e999"),
        ("0x10", "0x10"),
        ("1_000", "1_000"),
        ("nan", "nan"),
        ("v1.2.3", "v1.2.3"),
        ("", ""),
        ("adam", "adam"),
    ],
)
def test_parse_value_types(text: str, expected: Any) -> None:
    value = parse_value(text)
    assert value == expected
    assert type(value) is type(expected)


# (argv, params, args, script)
CASES: list[tuple[list[str], dict[str, Any], list[str], str | None]] = [
    # the spellings of one value
    (["python", "train.py", "--lr", "0.01"], {"lr": 0.01}, [], "train.py"),
    (["python", "train.py", "--lr=0.01"], {"lr": 0.01}, [], "train.py"),
    (["python", "train.py", "-e", "3"], {"e": 3}, [], "train.py"),
    (["python", "train.py", "--name", "resnet"], {"name": "resnet"}, [], "train.py"),
    (["python", "train.py", "--opt", "adam", "--wd=0"], {"opt": "adam", "wd": 0}, [], "train.py"),
    (["python", "train.py", "--learning-rate", "1"], {"learning-rate": 1}, [], "train.py"),
    (["python", "train.py", "--batch_size", "8"], {"batch_size": 8}, [], "train.py"),
    (["python", "train.py", "--eq=a=b"], {"eq": "a=b"}, [], "train.py"),
    (["python", "train.py", "--empty="], {"empty": ""}, [], "train.py"),
    # flags
    (["python", "train.py", "--amp"], {"amp": True}, [], "train.py"),
    (["python", "train.py", "--amp", "--lr", "1"], {"amp": True, "lr": 1}, [], "train.py"),
    (["python", "train.py", "--no-cuda"], {"cuda": False}, [], "train.py"),
    (["python", "train.py", "--no-cuda", "--lr", "1"], {"cuda": False, "lr": 1}, [], "train.py"),
    (["python", "train.py", "--no-cuda", "3"], {"no-cuda": 3}, [], "train.py"),
    (["python", "train.py", "--no_cuda"], {"no_cuda": True}, [], "train.py"),
    (["python", "train.py", "--resume", "true"], {"resume": True}, [], "train.py"),
    (["python", "train.py", "--ckpt", "null"], {"ckpt": None}, [], "train.py"),
    # key=value and Hydra overrides
    (["python", "train.py", "lr=0.1"], {"lr": 0.1}, [], "train.py"),
    (["python", "train.py", "model.lr=0.1"], {"model.lr": 0.1}, [], "train.py"),
    (["python", "train.py", "+trainer.gpus=2"], {"trainer.gpus": 2}, [], "train.py"),
    (["python", "train.py", "++trainer.gpus=2"], {"trainer.gpus": 2}, [], "train.py"),
    (["python", "train.py", "~trainer.logger"], {}, [], "train.py"),
    (["python", "train.py", "~db=mysql"], {}, [], "train.py"),
    (["python", "train.py", "db=mysql", "-m"], {"db": "mysql", "m": True}, [], "train.py"),
    (["python", "train.py", "-m", "db=mysql,pg"], {"m": True, "db": "mysql,pg"}, [], "train.py"),
    # (an override's flat list is a list, a quoted value a string: Hydra's, OmegaConf's and
    # sacred's reading; a nested list stays text)
    (["python", "train.py", "layers=[64,32]"], {"layers": [64, 32]}, [], "train.py"),
    (["python", "train.py", "with", "run_id='10'", 'name="a b"', "x=[]", "y=[1,[2]]"],
     {"run_id": "10", "name": "a b", "x": [], "y": "[1,[2]]"}, ["with"], "train.py"),
    # a file's name that holds `=` (Lightning's checkpoints, a path's) is a value, no
    # assignment; an override's value may be one
    (["python", "train.py", "data/x=1.csv"], {}, ["data/x=1.csv"], "train.py"),
    (["python", "train.py", "--ckpt", "ck/epoch=3-step=120.ckpt"],
     {"ckpt": "ck/epoch=3-step=120.ckpt"}, [], "train.py"),
    (["python", "train.py", "epoch=3-step=120.ckpt"], {}, ["epoch=3-step=120.ckpt"], "train.py"),
    (["python", "train.py", "ckpt_path=logs/epoch=3-step=120.ckpt", "model.weights=r50.pth",
      "hydra/launcher=joblib"], {"ckpt_path": "logs/epoch=3-step=120.ckpt",
                                 "model.weights": "r50.pth", "hydra/launcher": "joblib"},
     [], "train.py"),
    # repeats and several values
    (["python", "train.py", "--layer", "64", "--layer", "32"], {"layer": [64, 32]}, [], "train.py"),
    (["python", "train.py", "x=1", "x=2", "x=3"], {"x": [1, 2, 3]}, [], "train.py"),
    (["python", "train.py", "--sizes", "1", "2", "3"], {"sizes": [1, 2, 3]}, [], "train.py"),
    (["python", "train.py", "--lrs", "0.1", "1e-3"], {"lrs": [0.1, 0.001]}, [], "train.py"),
    (["python", "train.py", "--files", "a", "b"], {"files": ["a", "b"]}, [], "train.py"),
    (
        ["python", "train.py", "--sizes", "1", "2", "--sizes", "3"],
        {"sizes": [1, 2, 3]},
        [],
        "train.py",
    ),
    (["python", "train.py", "--epochs", "10", "data/"], {"epochs": 10}, ["data/"], "train.py"),
    (["python", "train.py", "--name=foo", "data.csv"], {"name": "foo"}, ["data.csv"], "train.py"),
    (["python", "train.py", "--lr", "0.1", "x=1"], {"lr": 0.1, "x": 1}, [], "train.py"),
    # negative numbers are values
    (["python", "train.py", "--offset", "-3"], {"offset": -3}, [], "train.py"),
    (["python", "train.py", "--lr", "-1e-3"], {"lr": -0.001}, [], "train.py"),
    (["python", "train.py", "-e", "-.5"], {"e": -0.5}, [], "train.py"),
    (["python", "train.py", "--range", "-1", "1"], {"range": [-1, 1]}, [], "train.py"),
    (["python", "train.py", "--shift", "-3", "-v"], {"shift": -3, "v": True}, [], "train.py"),
    (["python", "train.py", "-5"], {}, ["-5"], "train.py"),
    # positionals, `--` and `-`
    (["python", "train.py", "data.csv", "--lr", "1"], {"lr": 1}, ["data.csv"], "train.py"),
    (
        ["python", "train.py", "fit", "--trainer.max_epochs", "3"],
        {"trainer.max_epochs": 3},
        ["fit"],
        "train.py",
    ),
    (
        ["python", "train.py", "--a", "1", "--", "--b", "2", "c=3"],
        {"a": 1},
        ["--b", "2", "c=3"],
        "train.py",
    ),
    (["python", "train.py", "-", "--x"], {"x": True}, ["-"], "train.py"),
    # the Python interpreter's own options
    (["python3", "-u", "train.py", "--lr", "1"], {"lr": 1}, [], "train.py"),
    (
        ["python3.11", "-O", "-X", "dev", "-W", "ignore", "train.py", "--lr", "1"],
        {"lr": 1},
        [],
        "train.py",
    ),
    (
        ["/usr/bin/python3", "-Wignore", "-Xfrozen_modules=off", "-uB", "train.py"],
        {},
        [],
        "train.py",
    ),
    (
        ["python", "--check-hash-based-pycs", "never", "train.py", "-e", "2"],
        {"e": 2},
        [],
        "train.py",
    ),
    (["python", "-m", "pkg.train", "--lr", "1"], {"lr": 1}, [], None),
    (["python", "-mpkg.train", "--lr", "1"], {"lr": 1}, [], None),
    (["python", "-um", "pkg.train", "x=1"], {"x": 1}, [], None),
    (["python", "-c", "print(1)", "--lr", "1"], {"lr": 1}, [], None),
    (["python", "-", "--lr", "1"], {"lr": 1}, [], None),
    (["python", "missing.py", "--lr", "1"], {"lr": 1}, [], None),
    (["python"], {}, [], None),
    # other programs: the first argument that is a file is the entry
    (["bash", "run.sh", "--lr", "1"], {"lr": 1}, [], "run.sh"),
    (["train.py", "--lr", "1"], {"lr": 1}, [], "train.py"),
    (["torchrun", "--nproc_per_node", "2", "train.py", "--lr", "1"], {"lr": 1}, [], "train.py"),
    (["mytool", "--lr", "1", "build"], {"lr": 1}, ["build"], None),
    (["mytool", "sub", "x=1"], {"x": 1}, ["sub"], None),
]


@pytest.mark.parametrize(("argv", "params", "args", "script"), CASES)
def test_parse_args(
    cwd: str, argv: list[str], params: dict[str, Any], args: list[str], script: str | None
) -> None:
    parsed = parse_args(argv, cwd=cwd)
    assert parsed.params == params
    assert [type(v) for v in parsed.params.values()] == [type(v) for v in params.values()]
    assert parsed.args == args
    assert parsed.script == script
    assert parsed.argv == argv  # nothing secret here


def test_module_entry(cwd: str) -> None:
    parsed = parse_args(["python", "-m", "pkg.train", "--nproc", "2"], cwd=cwd)
    assert parsed.module == "pkg.train"
    assert parsed.script is None
    assert parsed.params == {"nproc": 2}
    assert parse_args(["python", "train.py"], cwd=cwd).module is None


@pytest.mark.parametrize("launcher", [
    ["python", "-m", "torch.distributed.run", "--nproc_per_node", "2"],
    ["python", "-m", "accelerate.commands.launch", "--num_processes", "2", "--cpu"],
    ["/opt/venv/bin/torchrun", "--nproc_per_node", "2"],
    ["accelerate", "launch", "--num_processes", "2", "--cpu"],
])
def test_a_launcher_s_options_are_no_params_and_its_program_is_the_script(
        tmp_path: Path, launcher: list[str]) -> None:
    (tmp_path / "train.py").write_text("")
    if launcher[0].startswith("/"):  # a launcher given by its path, a file itself
        (tmp_path / "opt/venv/bin").mkdir(parents=True)
        (tmp_path / "opt/venv/bin/torchrun").write_text("")
        launcher = [str(tmp_path / "opt/venv/bin/torchrun"), *launcher[1:]]
    parsed = parse_args([*launcher, "train.py", "--lr", "1"], cwd=str(tmp_path))
    assert (parsed.script, parsed.module, parsed.params) == ("train.py", None, {"lr": 1})
    # the launcher alone: its options are still its own
    alone = parse_args(launcher, cwd=str(tmp_path))
    assert (alone.script, alone.params) == (None, {})
    # a module it runs; a file that is an option's value
    module = parse_args([*launcher, "-m", "pkg.train", "--lr", "1"], cwd=str(tmp_path))
    assert (module.script, module.module, module.params) == (None, "pkg.train", {"lr": 1})
    (tmp_path / "cfg.yaml").write_text("")
    configured = parse_args([*launcher, "--config_file", "cfg.yaml", "train.py", "--lr", "1"],
                            cwd=str(tmp_path))
    assert (configured.script, configured.params) == ("train.py", {"lr": 1})


def test_java_s_and_make_s_own_options_are_no_params(tmp_path: Path) -> None:
    # the JVM's options before the main class (a class, a jar, a source file) are its own;
    # the program's arguments after it are the params
    (tmp_path / "app.jar").write_text("")
    (tmp_path / "Train.java").write_text("")
    parsed = parse_args(["java", "-Xmx256m", "-cp", ".", "-Dfoo=bar", "Trainer", "2", "--lr",
                         "0.01"], cwd=str(tmp_path))
    assert parsed.params == {"lr": 0.01} and parsed.module == "Trainer"
    jar = parse_args(["java", "-jar", "app.jar", "--epochs", "3"], cwd=str(tmp_path))
    assert jar.params == {"epochs": 3} and jar.script == "app.jar"
    source = parse_args(["java", "Train.java", "--lr", "0.1"], cwd=str(tmp_path))
    assert source.params == {"lr": 0.1} and source.script == "Train.java"
    # make's variables are the params, not its options nor its targets; a secret is redacted
    made = parse_args(["make", "-C", "sub", "train", "-j2", "LR=0.01", "EPOCHS=3",
                       "API_KEY=abc"], cwd=str(tmp_path))
    assert made.params == {"LR": 0.01, "EPOCHS": 3, "API_KEY": REDACTED}
    assert "abc" not in " ".join(made.argv) and made.argv[-1] == f"API_KEY={REDACTED}"
    # env's variables are the params as make's; the command it runs is read as typed alone
    (tmp_path / "train.py").write_text("")
    env = parse_args(["env", "-u", "HOME", "LR=0.1", "DB_PASSWORD=pw", "/usr/bin/python3",
                      "train.py", "--epochs", "2"], cwd=str(tmp_path))
    assert env.script == "train.py" and env.args == []
    assert env.params == {"LR": 0.1, "DB_PASSWORD": REDACTED, "epochs": 2}
    assert "pw" not in env.argv
    # a negative option takes no value: the word after it is a positional
    negative = parse_args(["python", "train.py", "--no-cuda", "data.csv", "--lr", "0.1"],
                          cwd=str(tmp_path))
    assert negative.params == {"cuda": False, "lr": 0.1} and negative.args == ["data.csv"]


def test_what_follows_double_dash_hides_secrets_and_a_runner_s_program_has_the_params(
        tmp_path: Path) -> None:
    # after `--`, another program's words: its secret options' values are hidden still
    parsed = parse_args(["./train", "--epochs", "1", "--", "--api-key", "plainJJJ000",
                         "--password", "pwKKK111", "--password=pw2", "HF_TOKEN=tk"],
                        cwd=str(tmp_path))
    assert parsed.params == {"epochs": 1}
    assert not {"plainJJJ000", "pwKKK111", "pw2", "tk"} & {
        part for word in parsed.argv for part in word.split("=")}
    # every spelling hidden before a `--` is hidden after it: a list's values, yacs' overrides
    for tail in (["--api-keys", "K1x", "K2x"], ["--basic-auth", "userx", "passx"],
                 ["WANDB.API_KEY", "abcx"], ["--opts", "WANDB.API_KEY", "abcx"]):
        after = parse_args(["./train", "--", *tail], cwd=str(tmp_path))
        assert not {"K1x", "K2x", "passx", "abcx"} & {*after.argv, *after.args}, tail
    # (words that name no secret stay)
    assert parse_args(["./train", "--", "--max-new-tokens", "512"], cwd=str(tmp_path)).args == [
        "--max-new-tokens", "512"]
    # `cargo run ... -- ARGS`, `npm run train -- ARGS`: the program's arguments are the params,
    # the runner's own options none
    for runner in (["cargo", "run", "-q", "--release"], ["npm", "run", "train"]):
        ran = parse_args([*runner, "--", "--lr", "0.2", "--epochs", "2", "--api-key", "x9x9x9"],
                         cwd=str(tmp_path))
        assert ran.params == {"lr": 0.2, "epochs": 2, "api-key": REDACTED}, runner
        assert "x9x9x9" not in ran.argv


@pytest.mark.parametrize("papermill", [["papermill"], ["python", "-m", "papermill"]])
def test_papermill_s_notebook_parameters_are_the_params(tmp_path: Path,
                                                        papermill: list[str]) -> None:
    # `-p NAME VALUE` typed as papermill types it, `-r NAME VALUE` a string; papermill's own
    # options are none; the input notebook is the script; a secret parameter is redacted.
    (tmp_path / "train.ipynb").write_text("{}")
    (tmp_path / "params.yaml").write_text("lr: 0.1")
    parsed = parse_args([*papermill, "-f", "params.yaml", "train.ipynb", "out.ipynb", "-p",
                         "lr", "0.05",
                         "--parameters", "epochs", "5", "-r", "tag", "007", "--log-output",
                         "-k", "python3", "-p", "api_key", "XYZ", "-p", "amsgrad", "True"],
                        cwd=str(tmp_path))
    assert parsed.params == {"lr": 0.05, "epochs": 5, "tag": "007", "api_key": REDACTED,
                             "amsgrad": True}
    assert parsed.script == "train.ipynb"
    assert "XYZ" not in parsed.argv and parsed.argv[-6:] == [
        "-p", "api_key", REDACTED, "-p", "amsgrad", "True"]
    # a parameters file's and YAML's (JSON too) top-level settings; `-p` after them wins, as
    # papermill merges them
    (tmp_path / "params.yaml").write_text("lr: 0.1\nname: 'v2'\nlayers:\n  - 64\nseed: 7\n")
    merged = parse_args([*papermill, "train.ipynb", "out.ipynb", "-f", "params.yaml", "-y",
                         '{"epochs": 3, "token": "abc"}', "-p", "lr", "0.2"], cwd=str(tmp_path))
    assert merged.params == {"lr": 0.2, "name": "v2", "seed": 7, "epochs": 3,
                             "token": REDACTED}
    assert "abc" not in " ".join(merged.argv)


@pytest.mark.parametrize("runner", [
    ["jupyter", "nbconvert", "--to", "notebook", "--execute"], ["jupyter-execute"],
    ["python", "-m", "jupyter", "execute"], ["jupytext", "--set-kernel", "python3", "--execute"],
    ["python", "-m", "nbconvert", "--execute"]])
def test_a_notebook_runner_s_options_are_no_params(tmp_path: Path, runner: list[str]) -> None:
    # (its kernel records what the notebook's libraries parse); a secret among them hidden
    (tmp_path / "nb.ipynb").write_text("{}")
    parsed = parse_args([*runner, "nb.ipynb", "--output-dir", "out", "--token", "s3cr3t"],
                        cwd=str(tmp_path))
    assert parsed.params == {} and "s3cr3t" not in parsed.argv
    assert parsed.script == "nb.ipynb"  # (what the end-of-run summary compares with)


def test_the_launchers_are_the_start_up_hook_s() -> None:
    # the start-up hook runs without runlab, so it keeps its own copy: the same names
    source = Path(__file__).parent.parent / "src/runlab/inject/sitecustomize.py"
    sets = {node.targets[0].id: ast.literal_eval(node.value.args[0])
            for node in ast.parse(source.read_text()).body
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id in ("_LAUNCHERS", "_LAUNCHER_MODULES", "_RUNNERS",
                                       "_RUNNER_MODULES")}
    assert sets == {"_LAUNCHERS": set(LAUNCHERS), "_LAUNCHER_MODULES": set(LAUNCHER_MODULES),
                    # (and the notebooks' runners, papermill's parameters the command line's)
                    "_RUNNERS": {"jupyter", "jupytext", "papermill"},
                    "_RUNNER_MODULES": set(NOTEBOOK_MODULES) | {"papermill"}}


def test_script_is_resolved_against_cwd(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "train.py").write_text("")
    assert parse_args(["python", "sub/train.py"], cwd=str(tmp_path)).script == "sub/train.py"
    assert parse_args(["bash", "sub"], cwd=str(tmp_path)).script is None  # a directory
    assert parse_args(["python", "sub/train.py"], cwd=str(tmp_path / "sub")).script is None


def test_empty_argv(cwd: str) -> None:
    parsed = parse_args([], cwd=cwd)
    assert (parsed.params, parsed.args, parsed.script, parsed.argv) == ({}, [], None, [])


@pytest.mark.parametrize(
    ("argv", "bool_flags", "params", "args"),
    [
        (["--verbose", "data.csv"], ["verbose"], {"verbose": True}, ["data.csv"]),
        (["--verbose", "data.csv"], [], {"verbose": "data.csv"}, []),
        (["--verbose", "data.csv"], ["--verbose"], {"verbose": True}, ["data.csv"]),
        (["--no-verbose", "data.csv"], ["verbose"], {"verbose": False}, ["data.csv"]),
        (["-v", "3"], ["v"], {"v": True}, ["3"]),
        (["--verbose=2"], ["verbose"], {"verbose": 2}, []),
    ],
)
def test_bool_flags(
    cwd: str, argv: list[str], bool_flags: list[str], params: dict[str, Any], args: list[str]
) -> None:
    parsed = parse_args(["python", "train.py", *argv], cwd=cwd, bool_flags=bool_flags)
    assert parsed.params == params
    assert parsed.args == args


@pytest.mark.parametrize(
    ("argv", "ignore", "params"),
    [
        (["--seed", "1", "--lr", "2"], ["seed"], {"lr": 2}),
        (["--seed=1", "--lr", "2"], ["--seed"], {"lr": 2}),
        (["hydra.run.dir=out", "lr=2"], ["hydra.*"], {"lr": 2}),
        (["--no-wandb", "--lr", "2"], ["wandb"], {"lr": 2}),
        (["--debug", "--lr", "2"], ["debug"], {"lr": 2}),
    ],
)
def test_ignore(cwd: str, argv: list[str], ignore: list[str], params: dict[str, Any]) -> None:
    assert parse_args(["python", "train.py", *argv], cwd=cwd, ignore=ignore).params == params


def test_ignored_values_are_not_positional(cwd: str) -> None:
    parsed = parse_args(["python", "train.py", "--seed", "1", "2"], cwd=cwd, ignore=["seed"])
    assert parsed.params == {}
    assert parsed.args == []


# (argv after "python train.py", params, redacted argv after "python train.py")
SECRET_CASES: list[tuple[list[str], dict[str, Any], list[str]]] = [
    (["--api-key", "XYZ"], {"api-key": REDACTED}, ["--api-key", REDACTED]),
    (["--api-key=XYZ"], {"api-key": REDACTED}, ["--api-key=***"]),
    (["token=abc"], {"token": REDACTED}, ["token=***"]),
    (["+db.password=hunter2"], {"db.password": REDACTED}, ["+db.password=***"]),
    (["~db.password=hunter2"], {}, ["~db.password=***"]),
    (
        ["--password", "pw", "--lr", "1"],
        {"password": REDACTED, "lr": 1},
        ["--password", REDACTED, "--lr", "1"],
    ),
    (["--DB_PASSWD", "pw"], {"DB_PASSWD": REDACTED}, ["--DB_PASSWD", REDACTED]),
    (["-secret", "s"], {"secret": REDACTED}, ["-secret", REDACTED]),
    (["--keys", "a", "b"], {"keys": REDACTED}, ["--keys", REDACTED, REDACTED]),
    (
        ["--token", "a", "--token", "b"],
        {"token": REDACTED},
        ["--token", REDACTED, "--token", REDACTED],
    ),
    (["--token", "123"], {"token": REDACTED}, ["--token", REDACTED]),
    (["--use-token"], {"use-token": True}, ["--use-token"]),
    (["--no-api-key"], {"api-key": False}, ["--no-api-key"]),
    # credential formats are redacted whatever their key
    (["--auth", GITHUB_TOKEN], {"auth": REDACTED}, ["--auth", REDACTED]),
    (["--header", f"Bearer {OPENAI_KEY}"], {"header": "Bearer ***"}, ["--header", "Bearer ***"]),
    ([AWS_KEY_ID], {}, [REDACTED]),
    (
        ["--db", "postgres://me:pw@host/db"],
        {"db": "postgres://host/db"},
        ["--db", "postgres://host/db"],
    ),
    (["--sk-learn", "1"], {"sk-learn": 1}, ["--sk-learn", "1"]),
    # a secret is one word: the positional after it stays (the recorded command reruns)
    (["--api-key", "k3yv4lu3", "data.csv"], {"api-key": REDACTED},
     ["--api-key", REDACTED, "data.csv"]),
    # (a secret value that looks like a yacs key, `SECRET`, is no key of an override)
    (["--api-key", "SECRET", "data.csv"], {"api-key": REDACTED},
     ["--api-key", REDACTED, "data.csv"]),
    # (a value that looks like a secret's name, after an option, is no override's key: the
    # file after it stays)
    (["-k", "SECRETKEY", "data.csv"], {"k": ["SECRETKEY", "data.csv"]},
     ["-k", "SECRETKEY", "data.csv"]),
    # (a word of the secret's that names no file is the secret's: a password with a slash)
    (["--basic-auth", "alice", "p4ss/w0rd!"], {"basic-auth": REDACTED},
     ["--basic-auth", REDACTED, REDACTED]),
]


@pytest.mark.parametrize(("argv", "params", "redacted"), SECRET_CASES)
def test_secrets_redacted(
    cwd: str, argv: list[str], params: dict[str, Any], redacted: list[str]
) -> None:
    parsed = parse_args(["python", "train.py", *argv], cwd=cwd)
    assert parsed.params == params
    assert parsed.argv == ["python", "train.py", *redacted]


def test_credentials_redacted_in_positionals(cwd: str) -> None:
    parsed = parse_args(["python", "train.py", AWS_KEY_ID, "--", f"key:{OPENAI_KEY}"], cwd=cwd)
    assert parsed.args == [REDACTED, "key:***"]


def test_secret_in_launcher_options_is_redacted(cwd: str) -> None:
    parsed = parse_args(["launch", "--hf-token", "abc", "train.py", "--lr", "1"], cwd=cwd)
    assert parsed.argv == ["launch", "--hf-token", REDACTED, "train.py", "--lr", "1"]
    assert parsed.params == {"lr": 1}
    assert parsed.script == "train.py"


def test_dvc_s_options_are_no_params_but_what_it_sets(cwd: str) -> None:
    # `dvc exp run -S k=v` (and `python -m dvc`): the params it sets, a file named before
    # one left out, a secret among them redacted; its own options none
    for prefix in (["dvc"], ["python", "-m", "dvc"]):
        parsed = parse_args([*prefix, "exp", "run", "-f", "-S", "train.lr=0.05",
                             "--set-param=params.yaml:seed=7", "-S", "api_key=abc"], cwd=cwd)
        assert parsed.params == {"train.lr": 0.05, "seed": 7, "api_key": REDACTED}
        assert parsed.argv[-1] == f"api_key={REDACTED}" and "abc" not in parsed.argv
    assert parse_args(["dvc", "repro", "--force", "train"], cwd=cwd).params == {}


def test_a_launcher_s_words_are_its_options_only(cwd: str) -> None:
    # what they name is no input of the run; papermill's words are the run's own (its
    # notebook, its parameters file)
    Path(cwd, "train.py").write_text("")
    assert launcher_words(["accelerate", "launch", "--config_file", "c.yaml", "train.py",
                           "--lr", "1"], cwd) == ["launch", "--config_file", "c.yaml"]
    assert launcher_words(["papermill", "in.ipynb", "out.ipynb", "-f", "p.yaml"], cwd) == []
    assert launcher_words(["python", "train.py", "data.csv"], cwd) == []


def test_custom_secret_patterns(cwd: str) -> None:
    parsed = parse_args(
        ["python", "train.py", "--pin", "1234", "--token", "t"],
        cwd=cwd,
        secret_patterns=(*SECRET_PATTERNS, "pin"),
    )
    assert parsed.params == {"pin": REDACTED, "token": REDACTED}
    assert parsed.argv[2:] == ["--pin", REDACTED, "--token", REDACTED]


@pytest.mark.parametrize(
    ("key", "secret"),
    [
        ("api_key", True),
        ("--API-KEY", True),
        ("+db.Password", True),
        ("github_token", True),
        ("client-secret", True),
        ("passwd", True),
        ("lr", False),
        ("--lr", False),
        ("tok", False),
        # words holding `token` or `key` that name no secret: counts of tokens, the tokenizer
        ("max_new_tokens", False),
        ("--max-new-tokens", False),
        ("include_num_input_tokens_seen", False),
        ("tokenizer", False),
        ("tokenizer_name", False),
        ("TOKENIZERS_PARALLELISM", False),
        ("monkey", False),
        ("keywords", False),
        ("num_keypoints", False),
        ("hf_token", True),
        ("tokens_key", True),
        ("api_tokens", True),
        ("github_tokens", True),
        ("tokens", True),
        ("total_tokens", False),
        # a tokenizer's special tokens (SFTConfig's `eos_token="<eos>"`)
        ("eos_token", False),
        ("pad_token_id", False),
        ("mask_token", False),
        ("auth_token", True),
        ("tokens_per_batch", False),
        ("tokenKey", True),
        ("auth_token", True),
        # settings about tokens and keys: a kind, a size (timm's `--kd-token-distill-type`,
        # Llama's `num_key_value_heads`), a vision transformer's tokens, YOLO's loss weights
        ("kd-token-distill-type", False),
        ("token_type_ids", False),
        ("num_key_value_heads", False),
        ("key_dim", False),
        ("token_dropout", False),
        ("class_token", False),
        ("reg-tokens", False),
        ("REG_TOKEN", True),  # (a CI runner's registration token)
        ("--reg-token", True),
        ("register_token", True),
        ("dist_token", True),
        ("cls_pw", False),
        ("obj_pw", False),
        ("db_pw", True),
        ("access-token", True),
        ("api_keys", True),
        ("key_file", True),
        # a count of keys
        ("num_keys", False),
        ("--n-keys", False),
        ("--num-keys", False),
        ("max_keys", False),
        ("num_api_keys", True),
        ("token_pattern", False),  # (scikit-learn's vectorizers')
    ],
)
def test_is_secret(key: str, secret: bool) -> None:
    assert is_secret(key) is secret


def test_configured_patterns_match_every_word() -> None:
    # the words that name no secret are taken out for the built-in patterns only
    assert is_secret("service_tokens", (*SECRET_PATTERNS, "service_tokens"))
    assert is_secret("my_monkey", (*SECRET_PATTERNS, "*monkey*"))
    assert not is_secret("my_monkey")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://user:token@github.com/x/y.git", "https://github.com/x/y.git"),
        ("https://ghtoken@github.com/x/y.git", "https://github.com/x/y.git"),
        ("http://u:p@host:8080/p?q=1", "http://host:8080/p?q=1"),
        ("ssh://git@github.com/x/y.git", "ssh://git@github.com/x/y.git"),
        ("ssh://u:pw@host/y.git", "ssh://host/y.git"),
        ("git@github.com:x/y.git", "git@github.com:x/y.git"),
        ("https://github.com/x/y.git", "https://github.com/x/y.git"),
        ("/srv/repos/y.git", "/srv/repos/y.git"),
        ("see https://a:b@h/x and ftp://c:d@h/y", "see https://h/x and ftp://h/y"),
    ],
)
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def test_redact_value_leaves_ordinary_text() -> None:
    for text in ("resnet50", "sk-learn", "hf_hub", "/data/AKIA", "a@b.com", "user@host:path"):
        assert redact_value(text) == text
    assert redact_value(f"token is {GITHUB_TOKEN}.") == "token is ***."


def test_redact_env() -> None:
    env = {
        "HOME": "/home/me",
        "WANDB_API_KEY": "abc",
        "HF_TOKEN": "hf",
        "AWS_SECRET_ACCESS_KEY": "s",
        "DATABASE_URL": "postgres://me:pw@db/x",
        "CUSTOM_PIN": "1234",
        "CUSTOM_OTP": "4321",
    }
    assert redact_env(env) == {
        "HOME": "/home/me",
        "WANDB_API_KEY": REDACTED,
        "HF_TOKEN": REDACTED,
        "AWS_SECRET_ACCESS_KEY": REDACTED,
        "DATABASE_URL": "postgres://db/x",
        "CUSTOM_PIN": REDACTED,  # (a PIN, by its last word)
        "CUSTOM_OTP": "4321",
    }
    assert redact_env(env, ["*otp*"])["CUSTOM_OTP"] == REDACTED


def test_import_is_cheap() -> None:
    code = (
        "import sys, runlab.capture.args\n"
        "heavy = {'git', 'psutil', 'typer', 'rich'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("argv, params", [
    (["sh", "-c", "python train.py --lr 1"], {}),
    (["bash", "-ec", "echo loss=1", "name", "--lr", "0.1"], {"lr": 0.1}),
    (["zsh", "-x", "-c", "make train"], {}),
])
def test_shell_command_strings_are_code_not_params(argv: list[str], params: dict[str, object],
                                                   tmp_path: Path) -> None:
    assert parse_args(argv, cwd=str(tmp_path)).params == params


def test_override_pairs_and_continued_options_keep_their_secrets_and_values(
        tmp_path: Path) -> None:
    # yacs' overrides after an option's value, in an option's list, or lowercase dotted: the
    # secret's value redacted, nothing else (a value in capitals with a dot, a file's name)
    def words(*argv: str) -> tuple[list[str], dict[str, object]]:
        parsed = parse_args(["python", "x.py", *argv], cwd=str(tmp_path))
        return parsed.argv[2:], parsed.params
    assert words("--config-file", "c.yaml", "WANDB.API_KEY", "s1", "SOLVER.BASE_LR", "0.01") == (
        ["--config-file", "c.yaml", "WANDB.API_KEY", REDACTED, "SOLVER.BASE_LR", "0.01"],
        {"config-file": "c.yaml"})
    assert words("--opts", "API_KEY", "s2") == (["--opts", "API_KEY", REDACTED],
                                                {"opts": ["API_KEY", REDACTED]})
    assert words("wandb.api_key", "s3") == (["wandb.api_key", REDACTED], {})
    assert words("--model", "GPT2.SMALL", "--resume", "RUN.ID") == (
        ["--model", "GPT2.SMALL", "--resume", "RUN.ID"], {"model": "GPT2.SMALL", "resume": "RUN.ID"})
    assert words("private.key", "msg.txt", "keys.txt", "data.csv")[0] == [
        "private.key", "msg.txt", "keys.txt", "data.csv"]
    assert redact_mapping({"files": ["keys.csv", "values.csv"], "words": ["key", "date"]}) == {
        "files": ["keys.csv", "values.csv"], "words": ["key", "date"]}
    # the stored patch: a continued option's value on the next line (the option on a context
    # line too), a launch configuration's args list, a document's settings
    patch = ("diff --git a/run.sh b/run.sh\n--- a/run.sh\n+++ b/run.sh\n@@ -1,3 +1,5 @@\n"
             " python train.py \\\n     --api-key \\\n-    old \\\n+    s4 \\\n+--hf-token \\\n"
             "+    \"s5 s6\" \\\n     --lr 0.1\n")
    redacted = redact_patch(patch)
    assert "s4" not in redacted and "s5" not in redacted and "+    *** \\\n" in redacted
    assert redact_source('{"args": ["--fp16", "--wandb_api_key", "s7", "--out", "o"]}',
                         "launch.json") == '{"args": ["--fp16", "--wandb_api_key", "***", "--out", "o"]}'
    assert redact_source("export HF_TOKEN=s8\n", "README.md") == "export HF_TOKEN=***\n"
    assert redact_source("auto token = fetch_token(cfg);\n", "net.cxx") == (
        "auto token = fetch_token(cfg);\n")


def test_an_installed_program_s_data_file_is_no_script_and_its_options_are_params(
        tmp_path: Path) -> None:
    (tmp_path / "data.svm").write_text("1 1:0.5\n")
    (tmp_path / "gd").write_text("#!/bin/sh\necho hi\n")
    (tmp_path / "gd").chmod(0o755)
    (tmp_path / "train.R").write_text("cat('x')\n")
    parsed = parse_args(["svm-train", "-c", "10", "-g", "0.5", "data.svm", "m"], cwd=str(tmp_path))
    assert parsed.params == {"c": 10, "g": 0.5} and parsed.script is None
    assert parsed.args == ["data.svm", "m"]
    # an installed program given by its path wraps the run's own (`/usr/bin/time -p ./gd`)
    parsed = parse_args(["/usr/bin/time", "-p", "gd", "--lr", "0.1"], cwd=str(tmp_path))
    assert parsed.script == "gd" and parsed.params == {"lr": 0.1}
    # an interpreter's first file is its program, `-e`'s code no param
    parsed = parse_args(["Rscript", "train.R", "--lr", "0.5"], cwd=str(tmp_path))
    assert parsed.script == "train.R" and parsed.params == {"lr": 0.5}
    # R's own options are none of the run's, the program's come after `--args` (the script
    # `-f FILE`, or on R's standard input)
    parsed = parse_args(["R", "--vanilla", "-q", "-f", "train.R", "--args", "--lr", "0.5"],
                        cwd=str(tmp_path))
    assert parsed.script == "train.R" and parsed.params == {"lr": 0.5}
    assert parse_args(["R", "--slave", "--no-save", "--args", "--lr", "0.5"],
                      cwd=str(tmp_path)).params == {"lr": 0.5}
    assert parse_args(["Rscript", "train.R", "--args", "--lr", "0.5"],
                      cwd=str(tmp_path)).params == {"lr": 0.5}
    parsed = parse_args(["node", "-e", "console.log(1)", "--lr", "3"], cwd=str(tmp_path))
    assert parsed.params == {"lr": 3} and parsed.code == "console.log(1)"
    parsed = parse_args(["bash", "-e", "x.sh"], cwd=str(tmp_path))
    assert parsed.code is None


def test_a_client_s_password_in_its_own_spelling_is_hidden() -> None:
    for argv in (["curl", "-u", "user:mark-l-1", "https://h"], ["curl", "--user=bob:mark-l-1"],
                 ["mysql", "-uroot", "-pmark-l-1", "db"]):
        parsed = parse_args(argv, cwd=".")
        assert "mark-l-1" not in str((parsed.argv, parsed.params, parsed.args)), argv
    assert parse_args(["curl", "-u", "user:mark-l-1"], cwd=".").argv[2] == "user:***"


def test_a_wrapper_s_own_words_are_no_params_and_the_command_after_it_is_read() -> None:
    for argv in (["taskset", "-c", "0", "svm-train", "-c", "10", "data.svm"],
                 ["nice", "-n", "5", "svm-train", "-c", "10", "data.svm"],
                 ["/usr/bin/time", "-v", "svm-train", "-c", "10", "data.svm"],
                 ["timeout", "-k", "5", "60", "svm-train", "-c", "10", "data.svm"]):
        assert parse_args(argv, cwd=".").params == {"c": 10}, argv
    assert parse_args(["node", "-p", "1+1", "--lr", "3"], cwd=".").params == {"lr": 3}
    assert parse_args(["Rscript", "-e", "cat(1)", "--args", "--lr", "0.5"],
                      cwd=".").params == {"lr": 0.5}
    # settings of keys and tokens that are no secrets; secrets' names that stay
    for name in ("keep_tokens", "key_column", "key-field", "dict_key_sep", "dataset_key"):
        assert not is_secret(name), name
    for name in ("data_api_key", "ssh_key", "api_keys", "id-key", "kms-data-key"):
        assert is_secret(name), name
    # a secret's name over a mapping on one line; more token formats
    assert redact_value('{"api_keys": {"openai": "mark-m-1"}, "lr": 0.1}') == (
        '{"api_keys": {"openai": "***"}, "lr": 0.1}')
    assert redact_value("secrets: {hf: mark-m-2}") == "secrets: {hf: ***}"
    for token in ("glptt-" + "a" * 20, "sk_live_" + "c" * 24, "SG." + "e" * 22 + "." + "f" * 43,
                  "dop_v1_" + "0" * 64, "shpat_" + "a" * 32):
        assert redact_value(token) == "***", token


def test_an_environment_runner_s_own_words_are_no_params(tmp_path: Path) -> None:
    # `uv run`, `poetry run`, `conda run -n ml`, ...: the command after `run` and the runner's
    # options is read as if typed alone (uv's `--quiet` and `--with tqdm` had been params)
    (tmp_path / "train.py").write_text("")
    for argv in (["uv", "run", "--quiet", "--with", "tqdm", "python", "train.py", "--lr", "0.3"],
                 ["uv", "-q", "run", "--", "python", "train.py", "--lr", "0.3"],
                 ["poetry", "run", "python", "train.py", "--lr", "0.3"],
                 ["conda", "run", "-n", "ml", "python", "train.py", "--lr", "0.3"],
                 ["pixi", "run", "-e", "cuda", "python", "train.py", "--lr", "0.3"]):
        parsed = parse_args(argv, cwd=str(tmp_path))
        assert (parsed.params, parsed.script) == ({"lr": 0.3}, "train.py"), argv
    parsed = parse_args(["uv", "run", "python", "-m", "pkg.train", "--lr", "0.3"], cwd=".")
    assert (parsed.params, parsed.module) == ({"lr": 0.3}, "pkg.train")
    assert parse_args(["uv", "run", "mytrain", "--lr", "0.3"], cwd=".").params == {"lr": 0.3}
    parsed = parse_args(["uv", "run", "-m", "pkg.train", "--lr", "0.3"], cwd=".")
    assert (parsed.params, parsed.module) == ({"lr": 0.3}, "pkg.train")


def test_the_files_a_shell_command_writes_its_output_to() -> None:
    from runlab.capture.args import shell_outputs

    for script, files in (("python train.py | tee log.txt", ["log.txt"]),
                          ("cmd|tee -a log", ["log"]),
                          ("python t.py > out.txt 2>&1; tee -a x.log < in.txt", ["out.txt", "x.log"]),
                          ("python t.py >>log.txt 2> err.txt; echo '>=3'", ["log.txt", "err.txt"]),
                          ("x | tee a.txt b.txt 2> e.txt > /dev/null", ["a.txt", "b.txt", "e.txt"]),
                          ("echo 'unclosed", [])):
        for shell in (["bash", "-c"], ["bash", "-lc"], ["sh", "-ec"]):
            assert shell_outputs([*shell, script]) == files, (shell, script)
    assert shell_outputs(["bash", "train.sh"]) == []


def test_review_secret_names_overrides_short_secrets_and_scripts_by_path(tmp_path: Path) -> None:
    # a key named as encryption's or signing's stays a secret; a flag then an override is
    # one unless the option is a password's
    assert parse_args(["t.py", "--data-encryption-key", "c2VjcmV0"], cwd=".").params == {
        "data-encryption-key": "***"}
    assert parse_args(["t.py", "--ignore_mismatched_keys", "lr=0.1"], cwd=".").params == {
        "ignore_mismatched_keys": True, "lr": 0.1}
    # the script's own `-e` is no interpreter's code; a script by its path outside the folder
    assert parse_args(["node", "train.js", "-e", "10"], cwd=".").params == {"e": 10}
    script = tmp_path / "train.sh"
    script.write_text("echo hi\n")
    assert parse_args([str(script), "--lr", "0.1"], cwd=".").script == str(script)
    # a named command's short secret hides no part of other words
    from runlab.capture.args import hide_words

    parsed = parse_args(["t.py", "--lr", "0.1", "--out", "runs/v1", "-k", "1"], cwd=".")
    hide_words(parsed, ["1"])
    assert parsed.argv == ["t.py", "--lr", "0.1", "--out", "runs/v1", "-k", "*"]


def test_final_review_secret_values_with_equals_clients_and_interpreters(tmp_path: Path) -> None:
    from runlab.capture.args import redact_prose

    # a base64 secret's `=` and a secret option's `x=y` value are the secret's
    for argv in (["t.py", "--api-key", "c2stU0VDcmV0X3Rva2Vu="], ["t.py", "--secret", "x=mark-n-1"],
                 ["curl", "-ualice:mark-n-1"], ["curl", "-sSu", "alice:mark-n-1"],
                 ["curl", "--proxy-user", "alice:mark-n-1"]):
        parsed = parse_args(argv, cwd=".")
        assert "mark-n-1" not in str((parsed.argv, parsed.params)) and (
            "c2stU0VDcmV0X3Rva2Vu" not in str((parsed.argv, parsed.params))), argv
    assert parse_args(["node", "-r", "dotenv/config", "-e", "run()", "--lr", "1"],
                      cwd=".").params == {"lr": 1}
    # a script by its absolute path inside the folder is the run's, wherever the folder is
    script = tmp_path / "train.sh"
    script.write_text("echo hi\n")
    assert parse_args([str(script)], cwd=str(tmp_path)).script == str(script)
    assert redact_prose("use DB_PASSWORD=mark-n-2; key: use sorted order") == (
        "use DB_PASSWORD=***; key: use sorted order")
    # a secret block's list, at the name's indent or under it, and its block scalar
    out = redact_patch("diff --git a/c.yaml b/c.yaml\n+++ b/c.yaml\n+api_keys:\n+- mark-n-3\n"
                       "+secrets: |\n+  mark-n-4\n+lr: 0.1\n")
    assert "mark-n-" not in out and "+lr: 0.1" in out
