"""Inputs, packages and platform: real files, real virtual environments, the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from runlab.capture import inputs, packages
from runlab.store import Store
from runlab.remote import mlflow
from tests.conftest import Result, git

PY = sys.executable
READ = "import sys\nfor p in sys.argv[1:]:\n    print('read', p)\n"


def show(cli: Callable[..., Result], cwd: Path, ref: str = "last") -> dict:  # type: ignore[type-arg]
    r = cli("show", ref, "--json", cwd=cwd)
    assert r.code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "data").mkdir(parents=True)
    (root / "read.py").write_text(READ)
    (root / "data" / "train.csv").write_text("x,y\n1,2\n")
    return root


def test_regenerated_data_shows_in_the_summary_and_diff(cli: Callable[..., Result],
                                                        project: Path) -> None:
    r = cli(PY, "read.py", "--data", "data/train.csv", cwd=project)
    assert r.code == 0, r.stderr
    first = show(cli, project)["inputs"]
    assert list(first) == ["data/train.csv"]  # the entry script is not an input
    entry = first["data/train.csv"]
    assert entry["size"] == 8 and entry["kind"] == "file" and entry["partial"] is False
    assert entry["fingerprint"].startswith("xxh3-128:") and entry["by"] == "hash"
    (project / "data" / "train.csv").write_text("x,y\n1,3\n")
    r = cli(PY, "read.py", "--data", "data/train.csv", cwd=project)
    assert "data changed: data/train.csv" in r.stderr
    d = json.loads(cli("diff", "1", "2", "--json", cwd=project).stdout)
    assert d["aspects"]["inputs"] == {"differs": True}
    row = d["inputs"][0]
    assert row["key"] == "data/train.csv" and row["change"] == "changed"
    assert row["values"][0] == entry["fingerprint"] != row["values"][1]
    text = cli("diff", "1", "2", cwd=project).stdout
    assert "Inputs" in text and "data/train.csv" in text
    # The same data again: the summary says nothing about it.
    r = cli(PY, "read.py", "--data", "data/train.csv", cwd=project)
    assert "data changed" not in r.stderr
    # The query language finds the runs that read a given fingerprint.
    fingerprint = show(cli, project)["inputs"]["data/train.csv"]["fingerprint"]
    found = cli("ls", "--where", f"inputs.data/train.csv = '{fingerprint}'", "-c", "number",
                cwd=project)
    assert found.stdout.split()[1:] == ["3", "2"]


def test_a_huge_input_is_fingerprinted_partially(cli: Callable[..., Result],
                                                 project: Path) -> None:
    huge = project / "data" / "huge.bin"
    with open(huge, "wb") as f:  # sparse: 3 GiB that take no disk
        f.truncate(3 << 30)
        f.seek(1 << 30)
        f.write(b"marker")
    r = cli(PY, "read.py", "data/huge.bin", "data/train.csv", cwd=project,
            env={"RUNLAB_HASH_BUDGET": str(1 << 20)})
    assert r.code == 0, r.stderr
    run = show(cli, project)
    entry = run["inputs"]["data/huge.bin"]
    assert entry["partial"] is True and entry["by"] == "sample"
    assert entry["fingerprint"].startswith("partial:xxh3-128:")
    assert entry["size"] == 3 << 30
    assert run["inputs"]["data/train.csv"]["partial"] is False  # within the budget
    assert "partial" in cli("show", "last", cwd=project).stdout


def test_a_directory_manifest_changes_when_one_file_changes(cli: Callable[..., Result],
                                                            project: Path) -> None:
    for i in range(3):
        (project / "data" / f"part{i}.csv").write_text(f"{i}\n")
    cli(PY, "read.py", "--data-dir", "data", cwd=project)
    before = show(cli, project)["inputs"]["data"]
    assert before["kind"] == "dir" and before["files"] == 4
    assert before["fingerprint"].startswith("manifest:")
    cli(PY, "read.py", "--data-dir", "data", cwd=project)
    assert show(cli, project)["inputs"]["data"]["fingerprint"] == before["fingerprint"]
    (project / "data" / "part1.csv").write_text("changed\n")
    r = cli(PY, "read.py", "--data-dir", "data", cwd=project)
    after = show(cli, project)["inputs"]["data"]
    assert after["fingerprint"] != before["fingerprint"] and after["files"] == 4
    assert "data changed: data" in r.stderr


def test_nothing_outside_the_run_directory_unless_configured(cli: Callable[..., Result],
                                                             tmp_path: Path,
                                                             project: Path) -> None:
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("1\n")
    cli(PY, "read.py", str(outside), "../elsewhere.csv", "data/../../elsewhere.csv",
        cwd=project)
    assert show(cli, project)["inputs"] == {}
    (project / "runlab.toml").write_text(f"input_globs = [{json.dumps(str(outside))}]\n")
    cli(PY, "read.py", str(outside), cwd=project)
    assert list(show(cli, project)["inputs"]) == [str(outside)]


def test_inputs_can_be_turned_off(cli: Callable[..., Result], project: Path) -> None:
    cli("--no-inputs", PY, "read.py", "data/train.csv", cwd=project)
    assert show(cli, project)["inputs"] == {}
    (project / "runlab.toml").write_text("inputs = false\n")
    cli(PY, "read.py", "data/train.csv", cwd=project)
    assert show(cli, project)["inputs"] == {}


def test_git_tracked_unchanged_files_are_identified_by_their_blob(
        cli: Callable[..., Result], git_repo: Path) -> None:
    (git_repo / "data.csv").write_text("a\n")
    git(git_repo, "add", "data.csv")
    git(git_repo, "commit", "-qm", "data")
    cli(PY, "train.py", "data.csv", cwd=git_repo)
    entry = show(cli, git_repo)["inputs"]["data.csv"]
    blob = git(git_repo, "rev-parse", "HEAD:data.csv").strip()
    assert entry["fingerprint"] == f"git:{blob}" and entry["by"] == "git"
    (git_repo / "data.csv").write_text("b\n")  # changed in the work tree: its content's blob
    r = cli(PY, "train.py", "data.csv", cwd=git_repo)
    entry = show(cli, git_repo)["inputs"]["data.csv"]
    assert entry["by"] == "git"
    assert entry["fingerprint"] == "git:" + git(git_repo, "hash-object", "data.csv").strip()
    assert "data changed: data.csv" in r.stderr
    # the commit moves on and the work tree goes back to the first run's bytes: the same data
    # as the first run's (a DVC user's params.yaml edited back), though one is the commit's
    git(git_repo, "commit", "-qam", "b")
    (git_repo / "data.csv").write_text("a\n")
    cli(PY, "train.py", "data.csv", cwd=git_repo)
    assert show(cli, git_repo)["inputs"]["data.csv"]["fingerprint"] == f"git:{blob}"
    assert cli("diff", "1", "3", cwd=git_repo).stdout.split("\ninputs")[1].split()[0] == "same"
    # git's filters apply, as they would to the commit: a CRLF file under `text eol=lf` is
    # the blob git would store (`git hash-object`), not its bytes'
    (git_repo / ".gitattributes").write_text("*.csv text eol=lf\n")
    git(git_repo, "add", ".gitattributes")
    git(git_repo, "commit", "-qm", "attributes")
    (git_repo / "data.csv").write_bytes(b"a\r\n")
    cli(PY, "train.py", "data.csv", cwd=git_repo)
    assert show(cli, git_repo)["inputs"]["data.csv"]["fingerprint"] == f"git:{blob}"


WRITER = """\
import os, sys
os.makedirs(sys.argv[2], exist_ok=True)
open(os.path.join(sys.argv[2], "model.txt"), "w").write("weights")
print("loss: 0.5")
"""


def test_what_an_earlier_run_wrote_where_the_run_writes_is_no_code(
        cli: Callable[..., Result], git_repo: Path) -> None:
    # spaCy's `--output output/` twice: the first run's files there are untracked, and no
    # change of the code, the second run's input, or "changed while the run was going"
    (git_repo / "write.py").write_text(WRITER)
    git(git_repo, "add", "write.py")
    git(git_repo, "commit", "-qm", "writer")
    cli(PY, "write.py", "--output", "output", cwd=git_repo)
    r = cli(PY, "write.py", "--output", "output", cwd=git_repo)
    run = show(cli, git_repo)
    assert run["git"]["dirty"] is False and run["inputs"] == {}
    assert "same code" in r.stderr and "changed while" not in r.stderr
    (git_repo / "notes.txt").write_text("mine")  # (an untracked file elsewhere still is)
    cli(PY, "write.py", "--output", "output", cwd=git_repo)
    assert show(cli, git_repo)["git"]["dirty"] is True


def test_what_trackers_write_beside_the_code_is_no_code(
        cli: Callable[..., Result], git_repo: Path) -> None:
    # DVCLive's `dvclive/metrics.json`, W&B's `wandb/`, Lightning's `lightning_logs/`, written
    # by the first run: the second runs the same code
    (git_repo / "write.py").write_text(
        "import os\n"
        "for d in ('dvclive', 'wandb/run-1', 'lightning_logs/version_0'):\n"
        "    os.makedirs(d, exist_ok=True)\n"
        "    open(os.path.join(d, 'metrics.json'), 'w').write('{\"loss\": 0.5}')\n")
    git(git_repo, "add", "write.py")
    git(git_repo, "commit", "-qm", "writer")
    cli(PY, "write.py", cwd=git_repo)
    r = cli(PY, "write.py", cwd=git_repo)
    assert show(cli, git_repo)["git"]["dirty"] is False and "same code" in r.stderr


def test_the_log_a_shell_command_tees_or_redirects_to_is_no_code(
        cli: Callable[..., Result], git_repo: Path) -> None:
    # `runlab sh -c 'python train.py | tee log.txt'` twice: the first run's log is no change of
    # the second's code (it had been in its patch: "code changed" every time)
    (git_repo / "say.py").write_text("print('loss: 0.5')\n")
    git(git_repo, "add", "say.py")
    git(git_repo, "commit", "-qm", "sayer")
    command = f"{PY} say.py | tee -a log.txt > copy.txt 2>&1"
    cli("sh", "-c", command, cwd=git_repo)
    assert (git_repo / "log.txt").exists() and (git_repo / "copy.txt").exists()
    r = cli("sh", "-c", command, cwd=git_repo)
    assert show(cli, git_repo)["git"]["dirty"] is False and "same code" in r.stderr


def test_a_dvc_pointer_gives_the_hash(cli: Callable[..., Result], project: Path) -> None:
    (project / "data" / "train.csv.dvc").write_text(
        "outs:\n- md5: 0123456789abcdef0123456789abcdef\n  size: 8\n  path: train.csv\n")
    cli(PY, "read.py", "data/train.csv", cwd=project)
    entry = show(cli, project)["inputs"]["data/train.csv"]
    assert entry["fingerprint"] == "dvc:md5:0123456789abcdef0123456789abcdef"


def test_config_files_are_inputs_and_params(cli: Callable[..., Result], project: Path) -> None:
    (project / "exp.json").write_text(json.dumps(
        {"optimizer": {"lr": 0.01, "name": "adam"}, "epochs": 5, "layers": [64, 32]}))
    (project / "extra.toml").write_text("[model]\ndepth = 3\nepochs = 9\n")
    cli(PY, "read.py", "--config", "exp.json", "--extra", "extra.toml", "--epochs", "7",
        cwd=project)
    run = show(cli, project)
    assert set(run["inputs"]) == {"exp.json", "extra.toml"}
    params = run["params"]
    assert params["optimizer/lr"] == 0.01 and params["optimizer/name"] == "adam"
    assert params["layers"] == [64, 32] and params["model/depth"] == 3
    assert params["epochs"] == 7  # the command line wins over the file
    found = cli("ls", "--where", "params.optimizer/lr = 0.01", "-c", "number", cwd=project)
    assert found.stdout.split()[1:] == ["1"]


def test_a_nested_key_set_on_the_command_line_wins_over_the_file_s(
        cli: Callable[..., Result], project: Path) -> None:
    # `python train.py --config exp.json optimizer.lr=0.5` (Hydra's, OmegaConf's and DVC's
    # spelling of the file's `optimizer/lr`): one param, the file's, with the command line's
    # value, so the runs with and without the override compare
    (project / "exp.json").write_text(json.dumps({"optimizer": {"lr": 0.01}, "epochs": 5}))
    cli(PY, "read.py", "--config", "exp.json", "optimizer.lr=0.5", cwd=project)
    cli(PY, "read.py", "--config", "exp.json", cwd=project)
    first, second = show(cli, project, "1")["params"], show(cli, project, "2")["params"]
    assert first["optimizer/lr"] == 0.5 and "optimizer.lr" not in first
    assert second["optimizer/lr"] == 0.01 and first["epochs"] == second["epochs"] == 5
    diff = cli("diff", "1", "2", cwd=project).stdout
    changed = diff.partition("\nParams\n")[2].partition("\n\n")[0]
    assert "optimizer/lr  0.5  0.01  changed" in changed and "optimizer.lr" not in changed


TIMM_LIKE = """\
import argparse, json
config = argparse.ArgumentParser(add_help=False)
config.add_argument("-c", "--config")
parser = argparse.ArgumentParser()
parser.add_argument("--batch-size", type=int, default=128)
parser.add_argument("--lr", type=float, default=0.1)
known, rest = config.parse_known_args()
parser.set_defaults(**json.load(open(known.config)))  # (timm's train.py, from its YAML)
print(parser.parse_args(rest))
"""


def test_a_config_file_the_parser_takes_its_defaults_from_gives_each_param_once(
        cli: Callable[..., Result], project: Path) -> None:
    (project / "timm_like.py").write_text(TIMM_LIKE)
    (project / "cfg.json").write_text(json.dumps({"batch_size": 8, "lr": 0.05, "note": "x"}))
    cli(PY, "timm_like.py", "-c", "cfg.json", cwd=project)
    params = show(cli, project)["params"]
    assert params["batch-size"] == 8 and params["lr"] == 0.05
    assert "batch_size" not in params  # (the parser's `--batch-size`, not again as the file's)
    assert params["note"] == "x"  # (the file's own, no setting of the parser's)


MERGED_AFTER = """\
import argparse, json, sys
parser = argparse.ArgumentParser()
parser.add_argument("--config")
parser.add_argument("--batch-size", type=int, default=32)
args = parser.parse_args()
for key, value in json.load(open(args.config)).items():  # the file over the defaults
    if "--" + key.replace("_", "-") not in sys.argv:
        setattr(args, key, value)
print("batch size", args.batch_size)
"""


def test_a_config_file_read_after_the_parser_gives_the_parser_s_param_its_value(
        cli: Callable[..., Result], project: Path) -> None:
    # the file's `batch_size` is the program's value where the command line typed none: one
    # param, the parser's `batch-size` (never its unused default 32); a value typed wins
    (project / "merged.py").write_text(MERGED_AFTER)
    (project / "cfg.json").write_text(json.dumps({"batch_size": 64}))
    cli(PY, "merged.py", "--config", "cfg.json", cwd=project)
    cli(PY, "merged.py", "--config", "cfg.json", "--batch-size", "128", cwd=project)
    first, second = show(cli, project, "1")["params"], show(cli, project, "2")["params"]
    assert first["batch-size"] == 64 and "batch_size" not in first
    assert second["batch-size"] == 128 and "batch_size" not in second
    # a value of another kind (DeepSpeed's "auto") is no value of the int option: both stay
    (project / "cfg.json").write_text(json.dumps({"batch_size": "auto"}))
    cli(PY, "merged.py", "--config", "cfg.json", cwd=project)
    third = show(cli, project, "3")["params"]
    assert third["batch-size"] == 32 and third["batch_size"] == "auto"


SPACY_CFG = """\
[paths]
root = "/data"
train = null

[system]
seed = 0

[nlp]
lang = "en"
pipeline = ["textcat"]

[db]
password = "hunter2s3cret"
dsn = "scott/${db.password}@orcl"
copy = ${db.password}

[training]
seed = ${system.seed}
train = ${paths.train}
data = "${paths.root}/train.csv"
dropout = 0.1
max_epochs = 0
frozen_components = []
before_to_disk = null

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.001
use_averages = false
"""


def test_ini_config_files_are_params_spacy_s_too(cli: Callable[..., Result],
                                                 project: Path) -> None:
    # spaCy's `config.cfg`: sections nested by their dots, values as JSON reads them, a
    # reference to another key its value; `--training.max_epochs 3` overrides the file's
    (project / "config.cfg").write_text(SPACY_CFG)
    (project / "yolo.cfg").write_text("[net]\nbatch=64\n[conv]\nfilters=32\n[conv]\nfilters=64\n")
    (project / "logging.ini").write_text("[loggers]\nkeys=root\n[handlers]\nkeys=h\n"
                                         "[formatters]\nkeys=f\n[logger_root]\nlevel=INFO\n")
    cli(PY, "read.py", "config.cfg", "--training.max_epochs", "3", "--model", "yolo.cfg",
        "--system.seed", "7", "--paths.train", "train.spacy", "--log", "logging.ini",
        cwd=project)
    params = show(cli, project)["params"]
    # (references resolved once the command line's overrides are in, as spaCy does)
    assert params["training/seed"] == 7 and params["system/seed"] == 7
    assert params["training/train"] == "train.spacy"
    assert params["training/data"] == "/data/train.csv"
    assert not [key for key in params if key.startswith(("loggers/", "logger_root/"))]
    # (a secret's value never reaches another key through a reference)
    assert params["db/password"] == params["db/copy"] == "***"
    assert params["db/dsn"] == "scott/***@orcl"
    assert "hunter2s3cret" not in json.dumps(show(cli, project))
    assert params["training/optimizer/learn_rate"] == 0.001
    assert params["training/optimizer/@optimizers"] == "Adam.v1"
    assert params["training/optimizer/use_averages"] is False
    assert params["nlp/pipeline"] == ["textcat"]
    assert params["nlp/lang"] == "en" and params["training/before_to_disk"] is None
    assert params["training/max_epochs"] == 3 and "training.max_epochs" not in params
    # (a file of repeated sections, darknet's layers, is no settings)
    assert not [key for key in params if key.startswith(("net/", "conv/"))]


def test_yaml_config_files_are_read_when_pyyaml_is_there(cli: Callable[..., Result],
                                                         project: Path) -> None:
    pytest.importorskip("yaml")
    (project / "exp.yaml").write_text("optimizer:\n  lr: 0.5\n  eps: 1e-8\n  beta: '2.0'\n"
                                      "wd: 5.0E-4\nname: 1e3x\ncommit: \"3e45219\"\n"
                                      "quoted: \"1e-8\"\nhuge: 3e45219\n")
    cli(PY, "read.py", "--config", "exp.yaml", cwd=project)
    params = show(cli, project)["params"]
    assert params["optimizer/lr"] == 0.5
    # (YAML 1.2's numbers, which OmegaConf and Hydra read as floats, PyYAML as text)
    assert params["optimizer/eps"] == 1e-8 and params["wd"] == 5e-4
    assert params["optimizer/beta"] == "2.0" and params["name"] == "1e3x"
    # (quoted, text; one that would overflow, text too)
    assert params["commit"] == params["huge"] == "3e45219" and params["quoted"] == "1e-8"


def test_an_input_changed_during_the_run_is_reported(cli: Callable[..., Result],
                                                     project: Path) -> None:
    # The command waits until its journal holds the inputs (fingerprinted), then appends.
    (project / "grow.py").write_text(
        "import os, sys, time\n"
        "journal = os.path.join(os.path.dirname(os.environ['RUNLAB_EVENTS']), 'journal.jsonl')\n"
        "while '\"inputs\"' not in open(journal).read():\n"
        "    time.sleep(0.05)\n"
        "with open(sys.argv[1], 'a') as f:\n"
        "    f.write('more\\n')\n")
    r = cli(PY, "grow.py", "data/train.csv", cwd=project)
    assert r.code == 0, r.stderr
    entry = show(cli, project)["inputs"]["data/train.csv"]
    assert entry["changed_during_run"] is True
    assert "input data/train.csv changed while the run was going" in r.stderr


def test_outputs_matched_by_artifact_globs_are_not_inputs(cli: Callable[..., Result],
                                                          project: Path) -> None:
    (project / "model.txt").write_text("old\n")
    cli("-a", "model.txt", PY, "read.py", "--out", "model.txt", "data/train.csv", cwd=project)
    assert list(show(cli, project)["inputs"]) == ["data/train.csv"]


def _venv(where: Path, version: str) -> Path:
    subprocess.run([PY, "-m", "venv", "--without-pip", str(where)], check=True)
    site = next(where.glob("lib/python*/site-packages"))
    _install_fake(site, version)
    return where / "bin" / "python"


def _install_fake(site: Path, version: str) -> None:
    for old in site.glob("demo_pkg-*.dist-info"):
        for f in old.iterdir():
            f.unlink()
        old.rmdir()
    info = site / f"demo_pkg-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: Demo_Pkg\nVersion: {version}\n\nA demo.\n")


def test_packages_of_a_virtual_environment_and_an_upgrade(cli: Callable[..., Result],
                                                          project: Path, tmp_path: Path) -> None:
    python = _venv(tmp_path / "venv", "1.0")
    r = cli(str(python), "read.py", cwd=project)
    assert r.code == 0, r.stderr
    run = show(cli, project)
    assert run["packages"] == {"demo-pkg": "1.0"}
    env = run["environment"]["python"]
    assert env["path"] == str(python)
    assert env["version"] == ".".join(map(str, sys.version_info[:3]))
    assert "packages" in cli("show", "last", cwd=project).stdout
    _install_fake(next((tmp_path / "venv").glob("lib/python*/site-packages")), "2.0")
    r = cli(str(python), "read.py", cwd=project)
    assert "demo-pkg 1.0 → 2.0" in r.stderr
    d = json.loads(cli("diff", "1", "2", "--json", cwd=project).stdout)
    assert d["packages"] == [{"key": "demo-pkg", "change": "changed", "values": ["1.0", "2.0"],
                              "present": [True, True]}]
    found = cli("ls", "--where", "packages.demo-pkg = '2.0'", "-c", "number", cwd=project)
    assert found.stdout.split()[1:] == ["2"]


def test_mlflow_push_carries_inputs_as_tags_and_packages_as_requirements(
        cli: Callable[..., Result], project: Path, tmp_path: Path) -> None:
    python = _venv(tmp_path / "venv", "1.5")
    cli(str(python), "read.py", "--data", "data/train.csv", cwd=project)
    run_json = show(cli, project)
    store = Store(os.environ["RUNLAB_STORE"])
    try:
        run = store.get(run_json["id"])
        run_dir = store.run_dir(run.id)
    finally:
        store.close()
    requirements = Path(run_dir) / "requirements.txt"
    assert requirements.read_text() == "demo-pkg==1.5\n"
    assert ("runlab/requirements.txt", str(requirements)) in mlflow.local_files(run_dir)
    tags = mlflow.run_tags(run)
    assert tags["runlab.input.data/train.csv"] == \
        run_json["inputs"]["data/train.csv"]["fingerprint"]


def test_a_script_run_through_its_shebang_gets_its_interpreter(cli: Callable[..., Result],
                                                                project: Path,
                                                                tmp_path: Path) -> None:
    python = _venv(tmp_path / "venv", "3.1")
    script = project / "tool.py"
    script.write_text(f"#!{python}\nprint('hi')\n")
    script.chmod(0o755)
    cli("./tool.py", cwd=project)
    assert show(cli, project)["packages"] == {"demo-pkg": "3.1"}


def test_a_command_that_is_not_python_records_the_platform_only(cli: Callable[..., Result],
                                                                project: Path) -> None:
    cli("cat", "data/train.csv", cwd=project)
    run = show(cli, project)
    assert run["environment"]["python"] is None and run["packages"] == {}
    assert list(run["inputs"]) == ["data/train.csv"]


def test_distributions_are_read_from_dist_info_and_egg_info(tmp_path: Path) -> None:
    (tmp_path / "a-1.0.dist-info").mkdir()
    (tmp_path / "a-1.0.dist-info" / "METADATA").write_text("Name: A\nVersion: 1.0\n")
    (tmp_path / "b.egg-info").mkdir()
    (tmp_path / "b.egg-info" / "PKG-INFO").write_text("Name: b.c\nVersion: 0.3\n")
    (tmp_path / "d-2.egg-info").write_text("Metadata-Version: 1.0\nName: D\nVersion: 2\n")
    (tmp_path / "broken.dist-info").mkdir()
    later = tmp_path / "later"
    (later / "a-9.dist-info").mkdir(parents=True)
    (later / "a-9.dist-info" / "METADATA").write_text("Name: a\nVersion: 9\n")
    found = packages.scan_distributions([str(tmp_path), str(later)])
    assert found == {"a": "1.0", "b-c": "0.3", "d": "2"}  # the first on the path wins


NVIDIA_SMI_Q = """
==============NVSMI LOG==============

Timestamp                                 : Tue Dec  1 15:00:00 2026
Driver Version                            : 550.54.15
CUDA Version                              : 12.4

Attached GPUs                             : 2
GPU 00000000:17:00.0
    Product Name                          : NVIDIA A100-SXM4-80GB
    Product Brand                         : NVIDIA
    Product Architecture                  : Ampere
    Display Mode                          : Enabled
GPU 00000000:65:00.0
    Product Name                          : NVIDIA A100-SXM4-80GB
    Product Brand                         : NVIDIA
"""


def test_nvidia_smi_output_is_parsed() -> None:
    assert packages.parse_nvidia_smi(NVIDIA_SMI_Q) == {
        "models": ["NVIDIA A100-SXM4-80GB", "NVIDIA A100-SXM4-80GB"],
        "driver": "550.54.15", "cuda": "12.4"}
    assert packages.parse_nvidia_smi("NVIDIA-SMI has failed\n") is None


def test_no_nvidia_smi_means_no_gpu(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert packages.gpus() is None


def test_the_container_is_read_from_its_runtime_files(tmp_path: Path) -> None:
    assert packages.container(str(tmp_path), env={}) is None
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / ".containerenv").write_text(
        'engine="podman-4.9.3"\nname="train"\nimage="docker.io/library/python:3.12"\n'
        'imageid="abc123"\n')
    assert packages.container(str(tmp_path), env={}) == {
        "runtime": "podman-4.9.3", "image": "docker.io/library/python:3.12",
        "imageid": "abc123", "name": "train"}
    os.unlink(tmp_path / "run" / ".containerenv")
    (tmp_path / ".dockerenv").write_text("")
    assert packages.container(str(tmp_path), env={"CONTAINER_IMAGE": "me/train:1"}) == {
        "runtime": "docker", "image": "me/train:1"}


def test_candidates_are_argument_values_under_the_directory(project: Path) -> None:
    found = inputs.candidates(
        [PY, "read.py", "--data=data/train.csv", "data", "-v", "missing.csv", "data/"],
        str(project), skip=["read.py"])
    assert found == ["data/train.csv", "data"]


def test_where_a_run_writes_is_not_an_input(project: Path) -> None:
    # an output folder that exists before the run (timm's `--output`, spaCy's, `-o`) is the
    # run's output: not fingerprinted, never "changed while the run was going"
    (project / "out").mkdir()
    found = inputs.candidates(
        [PY, "read.py", "--output", "out", "--save-dir=out", "-o", "out", "--log_dir", "out",
         "--output-dir", "out", "--trainer.logger.save_dir=out", "--data", "data", "out"],
        str(project), skip=["read.py"])
    assert found == ["data", "out"]  # (a positional is an input all the same)
    found = inputs.candidates([PY, "read.py", "--resume", "out", "--checkpoint=out",
                               "--ckpt_path", "data", "--checkpoint-dir", "data"],
                              str(project), skip=["read.py"])
    assert found == ["out", "data"]  # what a run reads back is its input
    found = inputs.candidates([PY, "read.py", "--save", "data/train.csv", "-O", "data"],
                              str(project), skip=["read.py"])
    assert found == ["data/train.csv", "data"]  # (a switch; Python's `-O` writes nothing)


def test_the_file_of_a_secret_looking_option_is_not_an_input(cli: Callable[..., Result],
                                                             project: Path) -> None:
    (project / "creds.json").write_text('{"user": "ada", "password": "hunter2"}')
    cli(PY, "read.py", "--api-key", "creds.json", "--token=creds.json", "data/train.csv",
        cwd=project)
    run = show(cli, project)
    assert list(run["inputs"]) == ["data/train.csv"]
    assert "user" not in run["params"]


def test_an_interpreter_outside_a_virtual_environment_is_asked_once(tmp_path: Path) -> None:
    base = os.path.realpath(getattr(sys, "_base_executable", sys.executable))
    site = tmp_path / "extra"
    (site / "extra_pkg-0.1.dist-info").mkdir(parents=True)
    (site / "extra_pkg-0.1.dist-info" / "METADATA").write_text("Name: extra-pkg\nVersion: 0.1\n")
    info = packages.python_info(base, {"PATH": os.environ.get("PATH", ""),
                                       "PYTHONPATH": str(site)})
    assert info["path"] == base
    assert info["version"] == ".".join(map(str, sys.version_info[:3]))
    assert info["packages"]["extra-pkg"] == "0.1"  # PYTHONPATH counts, ahead of site-packages


def test_the_budget_decides_whole_or_sampled(tmp_path: Path) -> None:
    big, small = tmp_path / "big.bin", tmp_path / "small.bin"
    big.write_bytes(b"a" * (3 << 20))
    small.write_bytes(b"b" * 1000)
    printer = inputs.Fingerprinter(budget=(3 << 20) + 10)
    assert printer.file(str(big), big.stat())["partial"] is False
    assert printer.budget == 10
    sampled = printer.file(str(big), big.stat())  # the budget is spent
    assert sampled["partial"] is True and sampled["by"] == "sample"
    assert printer.file(str(small), small.stat())["partial"] is False  # small: always whole
    before = big.stat()
    with open(big, "r+b") as f:  # a change in the first block shows in the sampled print,
        f.write(b"z")
    os.utime(big, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same time and size
    again = inputs.Fingerprinter(budget=0).file(str(big), big.stat())
    assert again["partial"] is True and again["fingerprint"] != sampled["fingerprint"]


def test_a_file_written_since_the_launch_is_no_input(tmp_path: Path) -> None:
    (tmp_path / "data.svm").write_text("1 1:0.5\n")
    os.utime(tmp_path / "data.svm", (1_000_000_000, 1_000_000_000))
    (tmp_path / "model").write_text("written by the run\n")  # (now: after the launch below)
    found = inputs.candidates(["svm-train", "data.svm", "model"], str(tmp_path),
                              before=1_500_000_000.0)
    assert found == ["data.svm"]


@pytest.mark.parametrize("papermill", [["papermill"], ["python", "-m", "papermill", "-k", "py3"]])
def test_the_notebook_papermill_writes_is_no_input(tmp_path: Path, papermill: list[str]) -> None:
    # a rerun of `papermill in.ipynb out/o.ipynb` finds its output there from the run before:
    # still its output (not an input that changed), as another program's second file is one
    (tmp_path / "data.csv").write_text("x\n1\n")
    (tmp_path / "in.ipynb").write_text("{}")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "o.ipynb").write_text("{}")
    found = inputs.candidates([*papermill, "in.ipynb", "out/o.ipynb", "-p", "data", "data.csv"],
                              str(tmp_path), skip=["in.ipynb"])
    assert found == ["data.csv"]
    assert inputs.candidates(["python", "x.py", "in.ipynb", "out/o.ipynb"], str(tmp_path)) == [
        "in.ipynb", "out/o.ipynb"]
