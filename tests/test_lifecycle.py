"""Artifacts, the model registry, named commands, reruns and sweeps: real files, real git
repositories and worktrees, real runlab processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from runlab.launch import commands as projects, rerun, sweep
from runlab.lifecycle import artifacts, registry
from runlab.errors import UsageError
from tests.conftest import Result, child_env, git, runlab_argv

PY = sys.executable
Cli = Callable[..., Result]


def show(cli: Cli, ref: str = "last", **kw: object) -> dict:  # type: ignore[type-arg]
    r = cli("show", ref, "--json", **kw)
    assert r.code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def listed(cli: Cli, ref: str = "last", **kw: object) -> dict[str, dict]:  # type: ignore[type-arg]
    r = cli("artifacts", ref, "--json", **kw)
    assert r.code == 0, r.stderr
    return {a["path"]: a for a in json.loads(r.stdout)}


PAYLOAD = bytes(range(256)) * 41 + b"\r\n\x00end"  # every byte value, CR/LF, NUL

WRITER = """\
import json, os, sys
os.makedirs("ckpt", exist_ok=True)
with open("ckpt/model.bin", "wb") as f:
    f.write(bytes.fromhex(sys.argv[1]))
with open("notes.txt", "w") as f:
    f.write("written during the run")
with open(os.environ["RUNLAB_EVENTS"], "a") as f:
    f.write(json.dumps({"artifact": "notes.txt"}) + "\\n")
    f.write(json.dumps({"artifact": os.path.abspath("old.txt")}) + "\\n")
"""


# -- artifacts --------------------------------------------------------------------------------


def test_artifacts_are_captured_and_retrieved_byte_exact(cli: Cli, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "writer.py").write_text(WRITER)
    (work / "old.txt").write_text("made before the run")
    (work / "stale.bin").write_bytes(b"x")
    os.utime(work / "stale.bin", (1_000_000_000, 1_000_000_000))
    os.utime(work / "old.txt", (1_000_000_000, 1_000_000_000))
    r = cli("-a", "ckpt/*.bin", "-a", "*.bin", PY, "writer.py", PAYLOAD.hex(), cwd=work)
    assert r.code == 0, r.stderr
    found = listed(cli)
    # The glob keeps what the run wrote, not the file that was there before it; the events
    # channel keeps what it names, old or new, relative or absolute within the directory.
    assert set(found) == {"ckpt/model.bin", "notes.txt", "old.txt"}
    assert found["ckpt/model.bin"]["size"] == len(PAYLOAD)
    assert found["ckpt/model.bin"]["glob"] == "ckpt/*.bin"
    assert found["notes.txt"]["glob"] is None
    r = cli("get", "last", "ckpt/model.bin", "-o", str(tmp_path / "out.bin"))
    assert r.code == 0, r.stderr
    assert (tmp_path / "out.bin").read_bytes() == PAYLOAD
    r = cli("get", "last", "notes.txt", "-o", "-")
    assert r.stdout == "written during the run"
    # Changing the user's file afterwards does not change what the run kept.
    (work / "ckpt" / "model.bin").write_bytes(b"changed")
    cli("get", "last", "ckpt/model.bin", "-o", str(tmp_path / "again.bin"))
    assert (tmp_path / "again.bin").read_bytes() == PAYLOAD
    table = cli("artifacts", "last")
    assert "ckpt/model.bin" in table.stdout and "notes.txt" in table.stdout


def test_identical_files_are_stored_once(cli: Cli, tmp_path: Path) -> None:
    code = "open('m.bin', 'wb').write(b'same bytes' * 1000)"
    for _ in range(2):
        assert cli("-a", "*.bin", PY, "-c", code).code == 0
    store = tmp_path / "store"
    files = [store / "runs" / show(cli, ref)["id"] / "artifacts" / "m.bin"
             for ref in ("last", "last~1")]
    assert files[0].read_bytes() == b"same bytes" * 1000
    assert files[0].stat().st_ino == files[1].stat().st_ino  # one blob, linked twice
    assert files[0].stat().st_mode & 0o777 == 0o400


def test_a_glob_that_matches_no_file_is_said(cli: Cli, tmp_path: Path) -> None:
    r = cli("-a", "ckpt/*.pt", "-a", "*.bin", PY, "-c", "open('m.bin', 'wb').write(b'x')")
    assert r.code == 0
    assert "artifact glob 'ckpt/*.pt' matched no file" in r.stderr
    assert "'*.bin'" not in r.stderr and set(listed(cli)) == {"m.bin"}


def test_artifact_paths_never_escape(cli: Cli, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    secret = tmp_path / "secret.pt"
    secret.write_text("outside")
    (work / "link.pt").symlink_to(secret)
    code = (
        "import json, os\n"
        "open('../escape.txt', 'w').write('x')\n"
        "with open(os.environ['RUNLAB_EVENTS'], 'a') as f:\n"
        "    for p in ('../escape.txt', '/etc/hostname', 'link.pt'):\n"
        "        f.write(json.dumps({'artifact': p}) + '\\n')\n"
        "open('ok.pt', 'w').write('kept')\n"
    )
    r = cli("-a", "*.pt", "-a", "../*.txt", PY, "-c", code, cwd=work)
    assert r.code == 0
    assert set(listed(cli)) == {"ok.pt"}
    assert "leaves the run's directory" in r.stderr
    assert "outside the run's directory" in r.stderr
    for bad in ("../ok.pt", "/etc/passwd", "artifacts/../../journal.jsonl"):
        r = cli("get", "last", bad)
        assert r.code == 2 and "runlab: error:" in r.stderr, bad
    # A link planted in the run's artifacts directory is not followed out of it.
    run_dir = tmp_path / "store" / "runs" / show(cli)["id"] / "artifacts"
    (run_dir / "ok.pt").unlink()
    (run_dir / "ok.pt").symlink_to(secret)
    r = cli("get", "last", "ok.pt", "-o", str(tmp_path / "got"))
    assert r.code == 2 and "link" in r.stderr
    assert not (tmp_path / "got").exists()


def test_clean_path() -> None:
    assert artifacts.clean_path("a/./b/../c.pt") == "a/c.pt"
    for bad in ("..", "../x", "a/../../x", "/abs", "", "~/x"):
        with pytest.raises(UsageError):
            artifacts.clean_path(bad)


# -- models -----------------------------------------------------------------------------------


def test_model_versions_and_aliases_survive_reindex(cli: Cli, tmp_path: Path) -> None:
    for n in (1, 2):
        code = f"open('model.pt', 'wb').write(b'weights {n}'); print('acc={n / 10}')"
        assert cli("-a", "model.pt", PY, "-c", code, "--lr", str(n)).code == 0
    assert cli("model", "register", "last~1", "model.pt", "--name", "clf").code == 0
    r = cli("model", "register", "last", "model.pt", "--name", "clf", "--json")
    assert r.code == 0 and json.loads(r.stdout)["version"] == 2
    assert cli("model", "alias", "clf", "1", "champion").code == 0
    assert cli("model", "alias", "clf", "2", "staging").code == 0
    assert cli("model", "alias", "clf", "2", "champion").code == 0  # moves, one version per alias
    (tmp_path / "store" / "index.db").unlink()
    assert cli("reindex").code == 0
    models = json.loads(cli("model", "ls", "--json").stdout)
    assert models == [{"name": "clf", "latest_version": 2, "versions": 2,
                       "aliases": {"champion": 2, "staging": 2}, "framework": None,
                       "updated_at": models[0]["updated_at"]}]
    shown = json.loads(cli("model", "show", "clf", "--json").stdout)
    assert [v["version"] for v in shown["versions"]] == [1, 2]
    assert shown["versions"][0]["aliases"] == []
    assert shown["versions"][1]["run"]["params"] == {"lr": 2}
    assert shown["versions"][1]["run"]["metrics"]["acc"]["last"] == 0.2
    one = json.loads(cli("model", "show", "clf:1", "--json").stdout)["versions"]
    assert [v["version"] for v in one] == [1]
    assert cli("model", "get", "clf@champion", "-o", str(tmp_path / "m.pt")).code == 0
    assert (tmp_path / "m.pt").read_bytes() == b"weights 2"
    assert cli("model", "get", "clf:1", "-o", str(tmp_path / "m1.pt")).code == 0
    assert (tmp_path / "m1.pt").read_bytes() == b"weights 1"
    # The registry keeps its own copy: the run's file going away loses nothing.
    run_dir = tmp_path / "store" / "runs" / shown["versions"][0]["run_id"]
    (run_dir / "artifacts" / "model.pt").unlink()
    assert cli("model", "get", "clf:1", "-o", str(tmp_path / "m1b.pt")).code == 0
    assert (tmp_path / "m1b.pt").read_bytes() == b"weights 1"
    r = cli("model", "get", "clf@nope")
    assert r.code == 2 and "no alias 'nope'" in r.stderr
    r = cli("model", "register", "last", "missing.pt", "--name", "clf")
    assert r.code == 2 and "no artifact" in r.stderr


def test_model_registered_at_run_time(cli: Cli) -> None:
    code = "open('net.onnx', 'wb').write(bytes([8, 7, 0x12, 4]) + b'test')"
    r = cli("-a", "*.onnx", "--model", "net", PY, "-c", code)
    assert r.code == 0, r.stderr
    assert "registered net:1 (onnx, net.onnx)" in r.stderr
    versions = json.loads(cli("model", "show", "net", "--json").stdout)["versions"]
    assert versions[0]["framework"] == "onnx" and versions[0]["path"] == "net.onnx"
    r = cli("--model", "net", PY, "-c", "pass")
    assert r.code == 2 and "--model NAME needs -a" in r.stderr


def _zip(path: Path, names: list[str]) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        for name in names:
            z.writestr(name, b"x")


@pytest.mark.parametrize("name, make, expected", [
    ("m.safetensors", lambda p: p.write_bytes((14).to_bytes(8, "little") + b'{"a":{"b":1}} '),
     "safetensors"),
    ("m.pt", lambda p: _zip(p, ["archive/data.pkl", "archive/version", "archive/data/0"]),
     "pytorch"),
    ("m.pt", lambda p: p.write_bytes(b"\x80\x02\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19.\x80\x02"),
     "pytorch"),
    ("m.keras", lambda p: _zip(p, ["metadata.json", "config.json", "model.weights.h5"]),
     "keras"),
    ("m.onnx", lambda p: p.write_bytes(bytes([0x08, 0x07, 0x12, 0x07]) + b"pytorch"), "onnx"),
    ("m.pkl", lambda p: p.write_bytes(b"\x80\x04\x95\x10\x00"), "pickle"),
    ("m.joblib", lambda p: p.write_bytes(b"\x80\x04\x95\x10\x00"), "joblib"),
    ("m.json", lambda p: p.write_text('{"learner": {"attributes": {}}, "version": [2, 0]}'),
     "xgboost"),
    ("m.ubj", lambda p: p.write_bytes(b"{L\x00\x00\x00\x00\x00\x00\x00\x07learner{"), "xgboost"),
    ("m.txt", lambda p: p.write_text("tree\nversion=v4\nnum_class=1\n"), "lightgbm"),
    ("m.h5", lambda p: p.write_bytes(b"\x89HDF\r\n\x1a\n" + b"\0" * 8), "keras"),
    ("notes.txt", lambda p: p.write_text("hello"), None),
    ("other.zip", lambda p: _zip(p, ["a.txt"]), None),
])
def test_detect_framework(tmp_path: Path, name: str, make: Callable[[Path], None],
                          expected: str | None) -> None:
    path = tmp_path / name
    make(path)
    assert registry.detect_framework(str(path)) == expected


def test_model_refs() -> None:
    assert registry.parse_ref("clf") == ("clf", None, None)
    assert registry.parse_ref("clf:3") == ("clf", 3, None)
    assert registry.parse_ref("clf@champion") == ("clf", None, "champion")
    for bad in ("clf:x", "clf@", "clf:1@a", "../x", ""):
        with pytest.raises(UsageError):
            registry.parse_ref(bad)


# -- named commands ---------------------------------------------------------------------------

RUN = f"{PY} train.py --lr={{lr}} --epochs={{epochs}} --name '{{label}}'"
TOML = f"""\
[commands.train]
run = {json.dumps(RUN)}
help = "Train the model"

[commands.train.params]
epochs = 2
label = "a b"
"""


def test_named_command_with_overrides(cli: Cli, git_repo: Path) -> None:
    (git_repo / "runlab.toml").write_text(TOML)
    r = cli("train", "lr=0.5", "epochs=3", cwd=git_repo)
    assert r.code == 0, r.stderr
    run = show(cli, cwd=git_repo)
    assert run["command"] == [PY, "train.py", "--lr=0.5", "--epochs=3", "--name", "a b"]
    assert run["command_name"] == "train"
    assert run["params"]["lr"] == 0.5 and run["params"]["epochs"] == 3
    assert run["params"]["label"] == "a b"
    assert run["metrics"]["acc"]["last"] == pytest.approx(2.0)
    # `runlab run NAME` is the same; defaults fill what is not given.
    assert cli("run", "train", "lr=0.1", cwd=git_repo).code == 0
    assert show(cli, cwd=git_repo)["command"][2:4] == ["--lr=0.1", "--epochs=2"]
    r = cli("train", cwd=git_repo)
    assert r.code == 2 and "train needs lr: runlab train lr=VALUE" in r.stderr
    r = cli("train", "lr=1", "momentum=0.9", cwd=git_repo)
    assert r.code == 2 and "train has no param 'momentum' (params: lr, epochs, label)" in r.stderr
    listing = json.loads(cli("commands", "--json", cwd=git_repo).stdout)
    assert listing == [{"name": "train", "run": RUN,
                        "help": "Train the model",
                        "params": {"lr": None, "epochs": 2, "label": "a b"},
                        "required": ["lr"]}]


def test_a_file_of_the_same_name_wins(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "runlab.toml").write_text('[commands.hello]\nrun = "echo named"\n')
    assert cli("hello").stdout == "named\n"
    script = tmp_path / "hello"
    script.write_text("#!/bin/sh\necho script\n")
    script.chmod(0o755)
    # With a file of that name here, the word is the program, as without the config.
    r = cli("hello")
    assert r.code == 127 and "hello: command not found" in r.stderr
    assert cli("./hello").stdout == "script\n"


def test_named_command_config_errors() -> None:
    with pytest.raises(UsageError, match="unknown key 'lr'"):
        projects.load({"t": {"run": "x {lr}", "lr": 1}})
    with pytest.raises(UsageError, match="bad placeholder"):
        projects.load({"t": {"run": "x {1bad}"}})
    named = projects.load({"t": {"run": "x --v {v} {{literal}}", "params": {"v": True}}})["t"]
    e = projects.expand(named, ["--", "extra=1"])
    assert e.argv == ["x", "--v", "true", "{literal}", "extra=1"]


# -- reruns -----------------------------------------------------------------------------------


def test_rerun_reproduces_old_code_with_exact(cli: Cli, git_repo: Path) -> None:
    (git_repo / "train.py").write_text(
        "import sys\nprint('code v1', sys.argv[1:])\n")
    git(git_repo, "commit", "-qam", "v1")
    # Uncommitted changes are part of the recorded code too: an edit, and a new file.
    with open(git_repo / "train.py", "a") as f:
        f.write("import helper\n")
    (git_repo / "helper.py").write_text("print('untracked helper')\n")
    r = cli(PY, "train.py", "--lr", "0.1", "--epochs=2", cwd=git_repo)
    assert r.code == 0
    first = show(cli, cwd=git_repo)
    (git_repo / "helper.py").unlink()
    (git_repo / "train.py").write_text("import sys\nprint('code v2', sys.argv[1:])\n")
    git(git_repo, "commit", "-qam", "v2")

    r = cli("rerun", "1", "lr=0.5", "--exact", cwd=git_repo)
    assert r.code == 0, r.stderr
    assert r.stdout == "code v1 ['--lr', '0.5', '--epochs=2']\nuntracked helper\n"
    exact = show(cli, cwd=git_repo)
    assert exact["parent"] == first["id"]
    assert exact["params"] == {"lr": 0.5, "epochs": 2}
    assert exact["git"]["commit"] == first["git"]["commit"]
    # The temporary worktree is gone again.
    assert git(git_repo, "worktree", "list").count("\n") == 1

    r = cli("rerun", "1", "lr=0.5", cwd=git_repo)
    assert r.code == 0, r.stderr
    assert r.stdout == "code v2 ['--lr', '0.5', '--epochs=2']\n"
    assert show(cli, cwd=git_repo)["parent"] == first["id"]
    # A rerun of the exact rerun goes back to the repository, not the vanished worktree.
    r = cli("rerun", "2", "epochs=5", cwd=git_repo)
    assert r.code == 0, r.stderr
    assert r.stdout == "code v2 ['--lr', '0.5', '--epochs=5']\n"


def test_rerun_of_a_named_command_and_a_secret(cli: Cli, git_repo: Path) -> None:
    (git_repo / "runlab.toml").write_text(TOML)
    assert cli("train", "lr=0.5", cwd=git_repo).code == 0
    r = cli("rerun", "last", "label=c d", cwd=git_repo)
    assert r.code == 0, r.stderr
    run = show(cli, cwd=git_repo)
    assert run["command"][2:] == ["--lr=0.5", "--epochs=2", "--name", "c d"]
    assert run["command_name"] == "train" and run["parent"] is not None
    assert cli(PY, "train.py", "--api-key", "s3cret", "--lr=0.1", cwd=git_repo).code == 0
    r = cli("rerun", "last", "lr=0.2", cwd=git_repo)
    assert r.code == 2
    assert "recorded with api-key hidden (***); give it: runlab rerun 3 api-key=VALUE" in r.stderr
    r = cli("rerun", "last", "api-key=other", cwd=git_repo)
    assert r.code == 0 and "other" not in r.stderr
    assert show(cli, cwd=git_repo)["command"][2:] == ["--api-key", "***", "--lr=0.1"]


def test_rerun_replaces_an_option_s_recorded_words_only(cli: Cli, git_repo: Path) -> None:
    # the positional after an option's value stays (`--lr 0.1 data/train.csv`), and so does
    # the one after a secret's hidden value; a list's words are replaced whole
    (git_repo / "train.py").write_text("import sys\nprint(sys.argv[1:])\n")
    (git_repo / "data").mkdir()
    (git_repo / "data" / "train.csv").write_text("x\n")
    assert cli(PY, "train.py", "--lr", "0.1", "data/train.csv", cwd=git_repo).code == 0
    r = cli("rerun", "last", "lr=0.2", cwd=git_repo)
    assert r.code == 0, r.stderr
    assert r.stdout == "['--lr', '0.2', 'data/train.csv']\n"
    assert cli(PY, "train.py", "--api-key", "SECRET", "data/train.csv", cwd=git_repo).code == 0
    r = cli("rerun", "last", "api-key=other", cwd=git_repo)
    assert r.code == 0, r.stderr
    assert r.stdout == "['--api-key', 'other', 'data/train.csv']\n"
    assert cli(PY, "train.py", "--layers", "64", "32", "data", cwd=git_repo).code == 0
    r = cli("rerun", "last", "layers=128", cwd=git_repo)
    assert r.code == 0 and r.stdout == "['--layers', '128', 'data']\n", r.stdout
    # (a flag typed with its word, `--amp true`: that word replaced)
    assert cli(PY, "train.py", "--amp", "true", "data/train.csv", cwd=git_repo).code == 0
    r = cli("rerun", "last", "amp=false", cwd=git_repo)
    assert r.code == 0 and r.stdout == "['--amp', 'false', 'data/train.csv']\n", r.stdout


def test_rerun_adds_words_where_r_gives_them_to_the_program(cli: Cli, git_repo: Path,
                                                          tmp_path: Path) -> None:
    # R's program reads the words after `--args` only: words added to a line without it go
    # after an `--args` of their own, not to R (which would warn and drop them)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "R").write_text('#!/bin/sh\necho "R got: $*"\n')
    (bin_dir / "R").chmod(0o755)
    (git_repo / "train.R").write_text("cat(commandArgs(trailingOnly = TRUE))\n")
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    assert cli("R", "--vanilla", "-f", "train.R", cwd=git_repo, env=env).code == 0
    r = cli("rerun", "last", "--", "--lr", "0.2", cwd=git_repo, env=env)
    assert r.code == 0, r.stderr
    assert r.stdout == "R got: --vanilla -f train.R --args --lr 0.2\n"
    # a line with `--args`: the words after it, and a param it gave replaced where it sits
    assert cli("R", "--vanilla", "-f", "train.R", "--args", "--lr", "0.1", cwd=git_repo,
               env=env).code == 0
    r = cli("rerun", "last", "lr=0.3", "--", "--seed", "1", cwd=git_repo, env=env)
    assert r.code == 0, r.stderr
    assert r.stdout == "R got: --vanilla -f train.R --args --lr 0.3 --seed 1\n"


@pytest.mark.parametrize("argv, overrides, expected", [
    (["python", "t.py", "--lr", "0.1"], {"lr": "0.5"}, ["python", "t.py", "--lr", "0.5"]),
    (["python", "t.py", "--lr=0.1"], {"lr": "0.5"}, ["python", "t.py", "--lr=0.5"]),
    (["python", "t.py", "-e", "3"], {"e": "4"}, ["python", "t.py", "-e", "4"]),
    (["python", "t.py", "lr=0.1", "+model.depth=3"], {"model.depth": "5"},
     ["python", "t.py", "lr=0.1", "+model.depth=5"]),
    (["python", "t.py", "--layers", "64", "32", "data"], {"layers": "128"},
     ["python", "t.py", "--layers", "128"]),
    (["python", "t.py", "--verbose", "--x", "1"], {"verbose": "false"},
     ["python", "t.py", "--x", "1"]),
    (["python", "t.py", "--no-cache"], {"cache": "true"}, ["python", "t.py", "--cache"]),
    (["python", "t.py"], {"seed": "7"}, ["python", "t.py", "--seed", "7"]),
    (["python", "-m", "pkg.train", "--m", "1"], {"m": "2"}, ["python", "-m", "pkg.train", "--m", "2"]),
    (["python", "t.py", "--lr", "1", "--", "--lr", "9"], {"lr": "2"},
     ["python", "t.py", "--lr", "2", "--", "--lr", "9"]),
])
def test_overrides_replace_params_where_they_sit(tmp_path: Path, argv: list[str],
                                                 overrides: dict[str, str],
                                                 expected: list[str]) -> None:
    (tmp_path / "t.py").write_text("")
    out = list(argv)
    begin = rerun._params_start(out, str(tmp_path))
    for key, value in overrides.items():
        if not rerun._replace(out, key, value, begin, set()):
            out += [f"--{key}", value]
    assert out == expected


# -- sweeps -----------------------------------------------------------------------------------

TRIAL = """\
import os, sys
lr, epochs = float(sys.argv[2]), int(sys.argv[4])
print(f"val_acc={lr * epochs}")
if lr == 0.2 and epochs == 2 and os.path.exists("fail.flag"):
    sys.exit(3)
"""


def _sweep_runs(cli: Cli, sweep_id: str, cwd: Path) -> list[dict]:  # type: ignore[type-arg]
    r = cli("ls", "--all", "--json", "--where", f"tags.sweep = '{sweep_id}'", cwd=cwd)
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_sweep_with_a_failing_trial_and_resume(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "trial.py").write_text(TRIAL)
    (tmp_path / "fail.flag").write_text("")
    r = cli("sweep", "-j", "2", "--sort", "-metrics.val_acc", "lr=0.1,0.2", "epochs=1,2",
            "--", PY, "trial.py", "--lr", "{lr}", "--epochs", "{epochs}")
    assert r.code == 1, r.stderr
    sweep_id = r.stderr.split()[1].rstrip(":")
    assert "trial 4/4 failed (exit 3): lr=0.2 epochs=2" in r.stderr
    assert f"runlab sweep --resume {sweep_id}" in r.stderr
    runs = _sweep_runs(cli, sweep_id, tmp_path)
    assert sorted((r["params"]["lr"], r["params"]["epochs"], r["status"]) for r in runs) == [
        (0.1, 1, "finished"), (0.1, 2, "finished"), (0.2, 1, "finished"), (0.2, 2, "failed")]
    # The final table is sorted by val_acc, best first.
    rows = [line.split() for line in r.stdout.splitlines()[1:]]
    assert [row[-3] for row in rows] == ["0.4", "0.2", "0.2", "0.1"]

    (tmp_path / "fail.flag").unlink()
    r = cli("sweep", "--resume", sweep_id)
    assert r.code == 0, r.stderr
    assert "1 of 4 trials to run" in r.stderr and "3 had finished before" in r.stderr
    runs = _sweep_runs(cli, sweep_id, tmp_path)
    assert len(runs) == 5
    assert [r["status"] for r in runs if r["tags"]["trial"] == "4"] == ["finished", "failed"]
    assert len(r.stdout.splitlines()) == 5  # the table shows each trial's latest run


PAIR = """\
import os, sys, time
me = sys.argv[1]
if os.path.exists("fail.flag"):
    sys.exit(3)
open(f"here.{me}", "w").close()
deadline = time.monotonic() + 30
while not os.path.exists("here." + ("2" if me == "1" else "1")):
    if time.monotonic() > deadline:  # the other trial never ran beside this one
        sys.exit(4)
    time.sleep(0.01)
"""


def test_sweep_resume_keeps_its_jobs(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "pair.py").write_text(PAIR)
    (tmp_path / "fail.flag").write_text("")
    r = cli("sweep", "-j", "2", "x=1,2", "--", PY, "pair.py", "{x}")
    assert r.code == 1 and "2 at a time" in r.stderr, r.stderr
    sweep_id = r.stderr.split()[1].rstrip(":")
    (tmp_path / "fail.flag").unlink()
    # Each trial waits for the other: only two at once can both finish.
    r = cli("sweep", "--resume", sweep_id)
    assert r.code == 0, r.stderr
    assert "2 of 2 trials to run, 2 at a time" in r.stderr


def test_sweep_over_a_named_command_with_random_sample(cli: Cli, git_repo: Path) -> None:
    (git_repo / "runlab.toml").write_text(TOML)
    r = cli("sweep", "--random", "2", "--seed", "1", "lr=0.1,0.2,0.3", "epochs=1,2", "--json",
            "--", "train", cwd=git_repo)
    assert r.code == 0, r.stderr
    runs = json.loads(r.stdout)
    assert len(runs) == 2 and all(r["command_name"] == "train" for r in runs)
    assert len({(r["params"]["lr"], r["params"]["epochs"]) for r in runs}) == 2
    r = cli("sweep", "lr=0.1", "--", "train", "bogus=1", cwd=git_repo)
    assert r.code == 2 and "no param 'bogus'" in r.stderr
    r = cli("sweep", "lr=0.1", "--", PY, "train.py", cwd=git_repo)
    assert r.code == 2 and "does not use lr" in r.stderr


def test_ctrl_c_stops_a_sweep_cleanly(cli: Cli, tmp_path: Path) -> None:
    for n in (1, 2, 3):
        os.mkfifo(tmp_path / f"ready-{n}")
    code = ("import sys, time; f = open('ready-' + sys.argv[2], 'w'); f.write('x\\n'); "
            "f.close(); time.sleep(60)")
    p = subprocess.Popen(runlab_argv("sweep", "-j", "2", "n=1,2,3", "--", PY, "-c", code,
                                     "--n", "{n}"),
                         cwd=tmp_path, env=child_env(), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    for n in (1, 2):  # both running trials have started their command
        with open(tmp_path / f"ready-{n}") as ready:
            assert ready.readline() == "x\n"
    os.killpg(p.pid, signal.SIGINT)  # what a terminal's Ctrl-C does to the foreground group
    _, err = p.communicate(timeout=60)
    assert p.returncode == -signal.SIGINT, err
    assert "trial 3/3 started" not in err.decode()
    assert "1 not started" in err.decode()
    runs = json.loads(cli("ls", "--json").stdout)
    assert len(runs) == 2
    assert {r["status"] for r in runs} == {"killed"}
    assert {r["signal"] for r in runs} == {signal.SIGINT}


def test_sweep_planning() -> None:
    axes, command = sweep.split_words(["lr=0.1,0.01", "epochs=5,10", "python", "x=1"])
    assert axes == [("lr", ["0.1", "0.01"]), ("epochs", ["5", "10"])]
    assert command == ["python", "x=1"]
    plan = sweep.plan(axes, ["t", "{lr}", "{epochs}"], cwd=".", named=False)
    assert plan.trials == [{"lr": "0.1", "epochs": "5"}, {"lr": "0.1", "epochs": "10"},
                           {"lr": "0.01", "epochs": "5"}, {"lr": "0.01", "epochs": "10"}]
    assert plan.argv(plan.trials[1]) == ["t", "0.1", "10"]
    again = sweep.Sweep.from_json(json.loads(json.dumps(plan.to_json())))
    assert again == plan
    with pytest.raises(UsageError):
        sweep.split_words(["lr=", "x"])
    with pytest.raises(UsageError, match="gives no values"):
        sweep.plan([("lr", ["1"])], ["t", "{lr}", "{seed}"], cwd=".", named=False)
