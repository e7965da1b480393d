"""Security (issue 6): secrets never reach the store or what runlab prints, the store is
private, `--where` cannot run SQL, paths never leave the store, and no shell runs the command.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result, child_env, git

PY = sys.executable

# Each secret is a string that appears nowhere else, so finding it anywhere is a leak.
SECRETS = {
    "remote": "ghp_" + "R" * 36,  # a GitHub token in the git remote's URL
    "remote_password": "remotepw-8d7c6b",
    "api_key": "argkey-9f8e7d6c",  # --api-key VALUE
    "db_password": "argpw-1a2b3c4d",  # --db-password=VALUE
    "assigned": "assigned-tok-7788",  # auth.token=VALUE (a Hydra override)
    "url_password": "urlpw-55667788",  # --db postgres://u:PASSWORD@h/db
    "hf": "hf_" + "H" * 34,  # a Hugging Face token under an innocent key
    "explicit": "explicit-secret-4242",  # -p client_secret=VALUE
    "env_token": "envtok-31415926",  # MY_API_TOKEN, an environment variable runlab records
    "env_url": "envurlpw-2718281",  # DATABASE_URL=postgres://dbu:PASSWORD@db/x
    "channel": "channel-secret-1618",  # reported through RUNLAB_EVENTS
    "argparse": "argparse-default-secret-99",  # an argparse default the start-up hook records
    "param_hf": "hf_" + "P" * 34,  # -p hub=TOKEN: a token value under an innocent key
    "tag_gh": "ghp_" + "T" * 36,  # -t k=TOKEN
    "channel_tag": "ghp_" + "C" * 36,  # {"tag": "k", "value": TOKEN} through RUNLAB_EVENTS
    "channel_sk": "sk-" + "S" * 40,  # {"params": {"hub": TOKEN}} through RUNLAB_EVENTS
    "edit_key": "tagkey-5a6b7c8d",  # runlab tag 1 api_key=VALUE
    "edit_gh": "ghp_" + "E" * 36,  # runlab tag 1 k=TOKEN
}

TRAIN = f"""\
import argparse, json, os
parser = argparse.ArgumentParser()
parser.add_argument('--api-key')
parser.add_argument('--db-password')
parser.add_argument('--db')
parser.add_argument('--hub')
parser.add_argument('--lr', type=float, default=0.1)
parser.add_argument('--secret-key', default={SECRETS['argparse']!r})
args, rest = parser.parse_known_args()
with open(os.environ['RUNLAB_EVENTS'], 'a') as f:
    f.write(json.dumps({{'param': 'aws_secret_access_key', 'value': {SECRETS['channel']!r}}}) + '\\n')
    f.write(json.dumps({{'params': {{'service_token': {SECRETS['channel']!r}, 'seed': 1}}}}) + '\\n')
    f.write(json.dumps({{'tag': 'k', 'value': {SECRETS['channel_tag']!r}}}) + '\\n')
    f.write(json.dumps({{'params': {{'hub': {SECRETS['channel_sk']!r}}}}}) + '\\n')
print('acc=0.5 loss=0.25')
"""


def _everything_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]


def _assert_no_secret(where: str, data: bytes | str) -> None:
    blob = data.encode() if isinstance(data, str) else data
    for name, secret in SECRETS.items():
        assert secret.encode() not in blob, f"secret {name} leaked into {where}"


def test_secrets_are_redacted_everywhere_runlab_writes(cli: Callable[..., Result],
                                                       git_repo: Path, tmp_path: Path) -> None:
    git(git_repo, "remote", "add", "origin",
        f"https://alice:{SECRETS['remote']}@github.com/org/repo.git")
    git(git_repo, "remote", "add", "backup",
        f"https://bob:{SECRETS['remote_password']}@example.com/repo.git")
    (git_repo / "train.py").write_text(TRAIN)
    (git_repo / "runlab.toml").write_text('env = ["MY_API_TOKEN", "DATABASE_URL", "LANG"]\n')
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-qm", "train with secrets")
    env = {"MY_API_TOKEN": SECRETS["env_token"],
           "DATABASE_URL": f"postgres://dbu:{SECRETS['env_url']}@db/x", "LANG": "C.UTF-8"}
    argv = ["-p", f"client_secret={SECRETS['explicit']}", "-p", f"hub={SECRETS['param_hf']}",
            "-t", f"k={SECRETS['tag_gh']}", PY, "train.py",
            "--api-key", SECRETS["api_key"], f"--db-password={SECRETS['db_password']}",
            "--db", f"postgres://u:{SECRETS['url_password']}@h/db", "--hub", SECRETS["hf"],
            f"auth.token={SECRETS['assigned']}", "--lr", "0.1"]
    said: list[tuple[str, str]] = []
    for lr in ("0.1", "0.2"):  # twice, so that the summary compares with the previous run
        r = cli(*argv[:-1], lr, cwd=git_repo, env=env)
        assert r.code == 0, r.stderr
        said += [("the run's stdout", r.stdout), ("the run's summary", r.stderr)]
    assert "vs run 1" in said[-1][1]
    for tag in (f"api_key={SECRETS['edit_key']}", f"k={SECRETS['edit_gh']}"):
        r = cli("tag", "1", tag, cwd=git_repo)
        assert r.code == 0, r.stderr
        said.append((f"runlab tag 1 {tag.split('=')[0]}=...", r.stdout + r.stderr))
    assert json.loads(cli("show", "1", "--json", cwd=git_repo).stdout)["tags"] == {
        "api_key": "***", "k": "***"}

    run = json.loads(cli("show", "last", "--json", cwd=git_repo).stdout)
    # What is recorded is there, redacted, not dropped.
    assert run["params"]["api-key"] == "***" and run["params"]["db-password"] == "***"
    assert run["params"]["client_secret"] == "***"
    assert run["params"]["aws_secret_access_key"] == "***"
    assert run["params"]["service_token"] == "***" and run["params"]["seed"] == 1
    assert run["params"]["secret-key"] == "***" and run["params"]["hub"] == "***"
    assert run["tags"] == {"k": "***"}
    assert run["env"]["MY_API_TOKEN"] == "***" and run["env"]["LANG"] == "C.UTF-8"
    assert run["env"]["DATABASE_URL"].startswith("postgres://")
    assert "github.com/org/repo.git" in run["git"]["remote"]

    for args in (["show", "last", "--json"], ["show", "1"], ["ls", "--format", "csv"],
                 ["ls", "--format", "json"], ["ls", "--format", "jsonl"], ["ls"],
                 ["diff", "1", "2", "--all"], ["log", "last"], ["metrics", "last", "--json"]):
        r = cli(*args, cwd=git_repo)
        assert r.code == 0, (args, r.stderr)
        said += [(f"runlab {' '.join(args)}", r.stdout + r.stderr)]
    archive = tmp_path / "export.tar.gz"
    r = cli("export", "1", "2", "-o", str(archive), cwd=git_repo)
    assert r.code == 0, r.stderr
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            f = tar.extractfile(member)
            if f is not None:
                said.append((f"the export's {member.name}", f.read().decode(errors="replace")))
    for where, text in said:
        _assert_no_secret(where, text)

    store = Path(os.environ["RUNLAB_STORE"])
    files = _everything_under(store)
    assert any(p.name == "index.db" for p in files) and any(p.name == "journal.jsonl" for p in files)
    for path in files:  # journals, index (and its WAL), logs, patches: every byte
        _assert_no_secret(str(path.relative_to(store)), path.read_bytes())
    assert not list(store.rglob("events.jsonl"))  # the raw channel does not stay


API_SECRETS = {
    "start_param": "hf_" + "A" * 34,  # start_run(params={"hub": TOKEN})
    "start_tag": "ghp_" + "B" * 36,  # start_run(tags={"k": TOKEN})
    "logged": "sk-" + "D" * 40,  # log_params({"layers": [1, TOKEN]})
    "set_tag": "settag-0f1e2d3c",  # set_tag("api_key", VALUE)
    "named": "hf_" + "N" * 34,  # a named command's param: runlab fetch hub=TOKEN
}


def test_secrets_from_the_api_and_named_commands_never_reach_the_store(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    s = API_SECRETS
    script = tmp_path / "direct.py"
    script.write_text(
        "import runlab\n"
        f"with runlab.start_run(params={{'hub': {s['start_param']!r}}},\n"
        f"                      tags={{'k': {s['start_tag']!r}}}) as run:\n"
        f"    run.log_params({{'layers': [1, {s['logged']!r}]}})\n"
        f"    run.set_tag('api_key', {s['set_tag']!r})\n"
        "    run.set_tag('best')\n"
    )
    p = subprocess.run([PY, str(script)], cwd=tmp_path, env=child_env(), capture_output=True,
                       text=True)
    assert p.returncode == 0, p.stderr
    run = json.loads(cli("show", "last", "--json").stdout)
    assert run["params"] == {"hub": "***", "layers": [1, "***"]}
    assert run["tags"] == {"k": "***", "api_key": "***", "best": ""}

    (tmp_path / "runlab.toml").write_text(
        f'[commands.fetch]\nrun = "{PY} -c pass --hub {{hub}}"\n')
    r = cli("--no-git", "fetch", f"hub={s['named']}")
    assert r.code == 0, r.stderr
    run = json.loads(cli("show", "last", "--json").stdout)
    store = Path(os.environ["RUNLAB_STORE"])
    start = json.loads((store / "runs" / run["id"] / "journal.jsonl").read_text().splitlines()[0])
    assert start["command_params"] == {"hub": "***"} and run["params"]["hub"] == "***"

    for path in _everything_under(store):
        blob = path.read_bytes()
        for name, secret in s.items():
            assert secret.encode() not in blob, f"secret {name} leaked into {path}"


def test_the_store_is_private(cli: Callable[..., Result], tmp_path: Path) -> None:
    script = tmp_path / "job.py"
    script.write_text("import os, runlab\nopen('model.pt', 'w').write('w')\n"
                      "os.makedirs('ckpt/deep', exist_ok=True)\n"
                      "open('ckpt/deep/last.pt', 'w').write('w')\n"
                      "runlab.log_artifact('model.pt')\nrunlab.log_metric('acc', 1.0)\n")
    umask = os.umask(0o022)  # the usual umask: files runlab leaves to it would be 0644
    try:
        r = cli("--no-git", "-a", "*.pt", "-a", "ckpt/**/*.pt", "--model", "clf", PY,
                str(script), env={
                    "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")})
    finally:
        os.umask(umask)
    assert r.code == 0, r.stderr
    cli("tag", "last", "k=v")
    cli("--no-git", PY, "-c", "pass")
    cli("rm", "2")
    assert cli("purge", "--yes").code == 0
    store = Path(os.environ["RUNLAB_STORE"])
    seen = 0
    for path in [store, *store.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode & 0o077 == 0, f"{path.relative_to(store)} is {oct(mode)}"
        seen += 1
    assert (store / "index.db").exists() and seen > 8


def test_where_cannot_run_sql_of_its_own(cli: Callable[..., Result]) -> None:
    cli("--no-git", "-n", "a", "-p", "lr=0.1", PY, "-c", "print('acc=0.5')")
    cli("--no-git", "-n", "b'); DROP TABLE runs; --", PY, "-c", "print('acc=0.7')")
    attempts = [
        ["--where", "name = 'x'; DROP TABLE runs; --"],
        ["--where", "name = 'x' OR 1=1"],
        ["--where", "name = 'x'' OR ''1''=''1'"],
        ["--where", "name = \"x\" UNION SELECT * FROM sqlite_master"],
        ["--where", "params.\"lr) OR 1=1 --\" = 1"],
        ["--where", "metrics.acc > 0 ; DELETE FROM runs"],
        ["--where", "params.lr in (0.1) ) OR (1=1"],
        ["--where", "name ~ '*' ) OR 1=1 --"],
        ["--where", "tags.`x` = 1"],
        ["--sort", "number; DROP TABLE runs"],
        ["--sort", "(SELECT 1)"],
        ["--sort", "-params.lr DESC, (SELECT 1)"],
        ["--columns", "id FROM runs; --"],
        ["--where", "name = 'b''); DROP TABLE runs; --'"],
    ]
    for args in attempts:
        r = cli("ls", "--json", *args)
        assert "Traceback" not in r.stderr, (args, r.stderr)
        if r.code == 0:  # read as a harmless comparison, if at all
            assert len(json.loads(r.stdout) if r.stdout.strip().startswith("[") else []) <= 1, args
        else:
            assert r.code == 2 and r.stderr.startswith("runlab: error: "), (args, r.stderr)
    # A name holding SQL is only a name, found as itself.
    r = cli("ls", "--json", "--where", "name = 'b''); DROP TABLE runs; --'")
    if r.code == 0:
        assert [x["name"] for x in json.loads(r.stdout)] in ([], ["b'); DROP TABLE runs; --"])
    db = sqlite3.connect(Path(os.environ["RUNLAB_STORE"]) / "index.db")
    try:
        assert db.execute("SELECT count(*) FROM runs").fetchone()[0] == 2
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"runs", "params", "metrics", "tags"} <= tables
    finally:
        db.close()
    assert len(json.loads(cli("ls", "--json").stdout)) == 2


def test_artifact_and_purge_paths_never_leave_the_store(cli: Callable[..., Result],
                                                        tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_text("keep me\n")
    work = tmp_path / "work"
    work.mkdir()
    (work / "link.txt").symlink_to(victim)
    (work / "linkdir").symlink_to(outside)
    (work / "ok.txt").write_text("fine\n")
    script = work / "job.py"
    script.write_text(
        "import json, os\n"
        "open('ok.txt', 'a').write('more\\n')\n"
        "with open(os.environ['RUNLAB_EVENTS'], 'a') as f:\n"
        f"    for p in ['../outside/victim.txt', {str(victim)!r}, 'link.txt', 'linkdir/victim.txt',\n"
        "              'ok.txt']:\n"
        "        f.write(json.dumps({'artifact': p}) + '\\n')\n"
    )
    r = cli("--no-git", "-a", "link.txt", "-a", "../outside/*", PY, str(script), cwd=work)
    assert r.code == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert r.stderr.count("artifact") >= 4  # each refusal is said
    listed = json.loads(cli("artifacts", "last", "--json", cwd=work).stdout)
    assert [a["path"] for a in listed] == ["ok.txt"]  # only what is inside the run's directory

    for path in ("../../outside/victim.txt", str(victim), "../journal.jsonl", "..", "/", ""):
        r = cli("get", "last", path, "-o", str(tmp_path / "got"), cwd=work)
        assert r.code == 2 and r.stderr.startswith("runlab: error: "), (path, r.stderr)
    assert not (tmp_path / "got").exists()

    # A link planted in the run's artifacts is never followed out.
    store = Path(os.environ["RUNLAB_STORE"])
    run = json.loads(cli("show", "last", "--json").stdout)
    stored = store / "runs" / run["id"] / "artifacts" / "ok.txt"
    stored.unlink()
    stored.symlink_to(victim)
    r = cli("get", "last", "ok.txt", "-o", str(tmp_path / "got"), cwd=work)
    assert r.code != 0 and "Traceback" not in r.stderr
    assert not (tmp_path / "got").exists()

    # Purge removes the run's directory without following links out of it, and a journal that
    # claims another id (a copied-in run saying "../../outside") is addressed by its directory.
    (store / "runs" / run["id"] / "escape").symlink_to(outside)
    forged = store / "runs" / ("f" * 32)
    forged.mkdir()
    (forged / "journal.jsonl").write_text(
        json.dumps({"e": "start", "id": "../../outside", "t": 1.0, "command": ["x"]}) + "\n"
        + json.dumps({"e": "end", "t": 2.0, "status": "finished", "exit_code": 0}) + "\n")
    runs = {x["number"]: x["id"] for x in json.loads(cli("ls", "--json", "--all").stdout)}
    assert sorted(runs.values()) == sorted([run["id"], "f" * 32])
    for number in runs:
        assert cli("rm", str(number)).code == 0
    r = cli("purge", "--yes")
    assert r.code == 0, r.stderr
    assert victim.read_text() == "keep me\n" and sorted(os.listdir(outside)) == ["victim.txt"]
    assert os.listdir(store / "runs") == []


def test_no_shell_between_runlab_and_the_command(cli: Callable[..., Result],
                                                 tmp_path: Path) -> None:
    pwned = tmp_path / "pwned"
    for word in ("$(touch pwned)", "`touch pwned`", "; touch pwned", "| touch pwned",
                 "&& touch pwned"):
        r = cli("--no-git", "echo", word)
        assert r.code == 0 and r.stdout == word + "\n", (word, r.stdout)  # passed literally
    r = cli("--no-git", "touch pwned")  # one word: a program of that name, which there is not
    assert r.code == 127
    assert not pwned.exists()
    run = json.loads(cli("show", "2", "--json").stdout)
    assert run["command"] == ["echo", "`touch pwned`"]


@pytest.mark.parametrize("name", ["MY_PASSWORD", "GITHUB_TOKEN", "OPENAI_API_KEY"])
def test_secret_environment_is_never_recorded_unless_asked_and_then_redacted(
        cli: Callable[..., Result], tmp_path: Path, name: str) -> None:
    secret = f"{name.lower()}-value-0451"
    r = cli("--no-git", PY, "-c", "print(1)", env={name: secret})
    assert r.code == 0
    (tmp_path / "runlab.toml").write_text(f'env = ["{name}"]\n')
    r = cli("--no-git", PY, "-c", "print(2)", env={name: secret})
    assert r.code == 0
    assert json.loads(cli("show", "last", "--json").stdout)["env"] == {name: "***"}
    shown = cli("show", "last").stdout
    assert f"{name}  ***" in shown and secret not in shown  # show lists it, redacted
    for path in _everything_under(Path(os.environ["RUNLAB_STORE"])):
        assert secret.encode() not in path.read_bytes(), path


# -- one function decides what is secret, on every path (issue 14) ----------------------------

MARKS = {name: f"mark-{name}-5e3c" for name in (
    "killed", "shell", "shell_env", "dash", "edit", "named", "sweep_a", "sweep_b", "api",
    "param", "tag", "pin_run", "pin_api", "pin_edit", "pin_sweep", "pin_named", "raw")}

# (what a shell script appends to the channel in the clear: the raw channel of a run whose
# recorder was killed is never kept, nor exported)
SLEEPER = f"""\
import os, sys
with open(os.environ["RUNLAB_EVENTS"], "a") as f:
    f.write('{{"param": "api_key", "value": "' + {MARKS["raw"][:6]!r} + {MARKS["raw"][6:]!r} + '"}}\\n')
print('ready', flush=True)
sys.stdin.read()
"""


def _runlab(*args: str, cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PY, "-m", "runlab", *args], cwd=cwd, env=child_env(),
                          capture_output=True, text=True, timeout=60, check=False, **kw)  # type: ignore[call-overload]


def test_a_marker_secret_on_every_path_never_reaches_a_byte_of_the_store_or_archive(
        tmp_path: Path) -> None:
    m = MARKS
    # A pattern of the project's own: every path must take it from the one place.
    (tmp_path / "runlab.toml").write_text(
        'secret_patterns = ["*pin*"]\n'
        f'[commands.fetch]\nrun = "{PY} -c pass --password {{password}} --pin {{pin}}"\n')
    (tmp_path / "sleeper.py").write_text(SLEEPER)
    # Killed at the worst moment: the command runs, runlab is gone before it records the end.
    p = subprocess.Popen([PY, "-m", "runlab", "--no-git", PY, "sleeper.py", "--password",
                          m["killed"], "--pin", m["pin_run"]], cwd=tmp_path, env=child_env(),
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout is not None and p.stdin is not None
    assert p.stdout.readline() == b"ready\n"
    p.kill()
    p.wait(timeout=60)
    p.stdin.close()
    p.stdout.close()
    assert p.stderr is not None
    p.stderr.close()
    runs = [
        ["--no-git", "sh", "-c", f"{PY} -c pass --password {m['shell']}; true"],
        ["--no-git", "bash", "-c", f"API_TOKEN={m['shell_env']} true"],
        ["--no-git", PY, "-c", "pass", "--password", f"-{m['dash']}"],
        ["--no-git", "-p", f"db_password={m['param']}", "-t", f"token={m['tag']}", "true"],
        ["--no-git", "fetch", f"password={m['named']}", f"pin={m['pin_named']}"],
    ]
    for args in runs:
        r = _runlab(*args, cwd=tmp_path)
        assert r.returncode == 0, (args, r.stderr)
        assert not any(v in r.stderr + r.stdout for v in m.values()), r.stderr
    for edit in (f"api_key={m['edit']}", f"pin={m['pin_edit']}"):
        assert _runlab("tag", "last", edit, cwd=tmp_path).returncode == 0
    r = _runlab("sweep", f"password={m['sweep_a']},{m['sweep_b']}", f"pin={m['pin_sweep']}",
                "--", PY, "-c", "pass", "--password", "{password}", "--pin", "{pin}",
                cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    api = (f"import runlab\nwith runlab.start_run(params={{'db_password': {m['api']!r}}}) as r:\n"
           f"    r.log_params({{'pin': {m['pin_api']!r}}})\n")
    done = subprocess.run([PY, "-c", api], cwd=tmp_path, env=child_env(), capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    archive = tmp_path / "all.tar.gz"
    r = _runlab("export", "-o", str(archive), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    store = Path(os.environ["RUNLAB_STORE"])
    listed = json.loads(_runlab("ls", "--json", "--all", cwd=tmp_path).stdout)
    assert len(listed) == 1 + len(runs) + 2 + 1  # the killed run, the runs, 2 trials, the API
    assert any(run["status"] == "lost" for run in listed)
    sweeps = list((store / "sweeps").glob("*.json"))
    assert sweeps and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in sweeps)
    for path in _everything_under(store):
        blob = path.read_bytes()
        for name, mark in m.items():
            assert mark.encode() not in blob, f"{name} leaked into {path.relative_to(store)}"
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            f = tar.extractfile(member)
            blob = f.read() if f is not None else member.name.encode()
            for name, mark in m.items():
                assert mark.encode() not in blob, f"{name} leaked into the archive: {member.name}"
    for path in [store, *store.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode & 0o077 == 0, f"{path.relative_to(store)} is {oct(mode)}"


def test_a_sweep_with_secret_values_cannot_be_resumed_and_says_why(tmp_path: Path) -> None:
    r = _runlab("sweep", "api_key=a1b2c3,d4e5f6", "--", PY, "-c", "pass", "--api-key",
                "{api_key}", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    sweep_id = json.loads(_runlab("ls", "--json", cwd=tmp_path).stdout)[0]["tags"]["sweep"]
    r = _runlab("sweep", "--resume", sweep_id, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith("runlab: error: ") and "secret" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


def test_secret_patterns_is_the_one_place_that_decides() -> None:
    from runlab import config
    from runlab.capture.args import SECRET_PATTERNS, is_secret, secret_patterns

    settings = config.Settings(values={"secret_patterns": ["*otp*"]})
    patterns = secret_patterns(settings)
    assert patterns[: len(SECRET_PATTERNS)] == SECRET_PATTERNS and "*otp*" in patterns
    assert is_secret("user_otp", patterns) and not is_secret("user_otp", secret_patterns())
    assert secret_patterns(config.Settings()) == SECRET_PATTERNS


TEXT_MARKS = {name: f"mark-{name}-7f1d" for name in (
    "json_arg", "code", "query", "bearer", "shell_set", "note_run", "note_edit", "rerun",
    "hook_json")}


def test_a_secret_written_inside_a_longer_value_is_redacted_on_every_path(
        tmp_path: Path) -> None:
    m = TEXT_MARKS
    (tmp_path / "train.py").write_text(
        "import argparse\nparser = argparse.ArgumentParser()\n"
        "parser.add_argument('--config', default=open('cfg.json').read())\n"
        "parser.add_argument('--url')\nparser.add_argument('--header')\n"
        "parser.parse_known_args()\nprint('loss=0.5')\n")
    (tmp_path / "cfg.json").write_text(f'{{"api_key": "{m["hook_json"]}"}}')
    runs = [
        ["--no-git", PY, "train.py", "--config", f'{{"password": "{m["json_arg"]}", "lr": 1}}'],
        ["--no-git", PY, "-c", f"token = '{m['code']}'; print('loss=1')"],
        ["--no-git", PY, "train.py", "--url", f"https://h/x?a=1&access_token={m['query']}"],
        ["--no-git", PY, "train.py", "--header", f"Authorization: Bearer {m['bearer']}"],
        ["--no-git", "bash", "-o", "pipefail", "-c", f"true --password {m['shell_set']}"],
        ["--no-git", "--note", f"the password: {m['note_run']}", "true"],
    ]
    for args in runs:
        r = _runlab(*args, cwd=tmp_path)
        assert r.returncode == 0, (args, r.stderr)
    assert _runlab("note", "last", f"token={m['note_edit']}", cwd=tmp_path).returncode == 0
    r = _runlab("rerun", "1", f'config={{"secret": "{m["rerun"]}"}}', cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    archive = tmp_path / "all.tar.gz"
    assert _runlab("export", "-o", str(archive), cwd=tmp_path).returncode == 0
    listed = json.loads(_runlab("ls", "--json", "--all", cwd=tmp_path).stdout)
    assert len(listed) == len(runs) + 1
    shown = _runlab("show", "1", "--json", cwd=tmp_path).stdout
    assert json.loads(shown)["params"]["config"] == '{"password": "***", "lr": 1}'
    store = Path(os.environ["RUNLAB_STORE"])
    for path in _everything_under(store):
        blob = path.read_bytes()
        for name, mark in m.items():
            assert mark.encode() not in blob, f"{name} leaked into {path.relative_to(store)}"
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            f = tar.extractfile(member)
            blob = f.read() if f is not None else member.name.encode()
            for name, mark in m.items():
                assert mark.encode() not in blob, f"{name} leaked into the archive: {member.name}"


def _no_mark_in_store_or_archive(tmp_path: Path, marks: dict[str, str]) -> None:
    archive = tmp_path / "all.tar.gz"
    r = _runlab("export", "-o", str(archive), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    store = Path(os.environ["RUNLAB_STORE"])
    blobs = [(str(p.relative_to(store)), p.read_bytes()) for p in _everything_under(store)]
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            f = tar.extractfile(member)
            blobs.append((f"the archive's {member.name}",
                          f.read() if f is not None else member.name.encode()))
    for where, blob in blobs:
        for name, mark in marks.items():
            assert mark.encode() not in blob, f"{name} leaked into {where}"


def test_a_run_name_that_looks_secret_is_redacted_on_every_path(tmp_path: Path) -> None:
    m = {"run": "hf_" + "N" * 34, "pair": "name-pair-6c1a", "rename": "ghp_" + "R" * 36,
         "api": "sk-" + "A" * 40, "channel": "xoxb-" + "C" * 20, "pin": "name-pin-2b9d"}
    (tmp_path / "runlab.toml").write_text('secret_patterns = ["*pin*"]\n')
    api = "import runlab\nwith runlab.start_run(name={!r}) as r:\n    r.log_metrics({{'a': 1}})\n"
    steps: list[list[str]] = [
        ["--no-git", "-n", m["run"], "true"],
        ["--no-git", "--name", f"exp token={m['pair']}", "true"],
        ["--no-git", PY, "-c", api.format(m["channel"])],  # renamed through the events channel
        ["rename", "1", m["rename"]],
        ["rename", "2", f"try pin={m['pin']}"],
    ]
    said = ""
    for args in steps:
        r = _runlab(*args, cwd=tmp_path)
        assert r.returncode == 0, (args, r.stderr)
        said += r.stdout + r.stderr
    done = subprocess.run([PY, "-c", api.format(m["api"])], cwd=tmp_path, env=child_env(),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    for name, mark in m.items():
        assert mark not in said, f"{name} was printed"
    names = [run["name"] for run in json.loads(_runlab("ls", "--json", cwd=tmp_path).stdout)]
    assert names == ["***", "***", "try pin=***", "***"], names  # newest first; 1 was renamed
    _no_mark_in_store_or_archive(tmp_path, m)


def test_an_experiment_name_that_looks_secret_is_redacted(tmp_path: Path) -> None:
    m = {"flag": "sk-" + "E" * 40, "api": "hf_" + "X" * 34}
    api = "import runlab\nwith runlab.start_run(experiment={!r}) as r:\n    r.log_metrics({{'a': 1}})\n"
    r = _runlab("--no-git", "-e", m["flag"], "true", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    done = subprocess.run([PY, "-c", api.format(m["api"])], cwd=tmp_path, env=child_env(),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    runs = json.loads(_runlab("ls", "--json", cwd=tmp_path).stdout)
    assert [run["experiment"] for run in runs] == ["***", "***"]
    _no_mark_in_store_or_archive(tmp_path, m)


SHORT_FLAGS = ("pwd", "pass", "auth", "passwd", "pw", "api-key", "apikey", "auth-token")


def test_short_secret_flag_names_are_redacted_on_every_path(tmp_path: Path) -> None:
    m = {f"{flag}_{where}": f"mark-{flag}-{where}-3d1f" for flag in SHORT_FLAGS
         for where in ("arg", "shell", "sweep")}
    m.update({"env_pass": "mark-env-pass-8a", "env_auth": "mark-env-auth-8b",
              "hook_pw": "mark-hook-pw-8c", "hook_auth": "mark-hook-auth-8d"})
    (tmp_path / "runlab.toml").write_text('env = ["DB_PASS", "HTTP_AUTH", "LANG"]\n')
    (tmp_path / "train.py").write_text(
        "import argparse\nparser = argparse.ArgumentParser()\n"
        "parser.add_argument('--pw', default=open('pw.txt').read())\n"  # not in the source
        "parser.add_argument('--auth', default=open('auth.txt').read())\n"
        "parser.add_argument('--bypass', type=int, default=3)\n"
        "parser.add_argument('--author', default='ada')\n"
        "parser.parse_known_args()\n")
    (tmp_path / "pw.txt").write_text(m["hook_pw"])
    (tmp_path / "auth.txt").write_text(m["hook_auth"])
    args = [w for flag in SHORT_FLAGS for w in (f"--{flag}", m[f"{flag}_arg"])]
    shell = " ".join(f"--{flag} {m[f'{flag}_shell']}" for flag in SHORT_FLAGS)
    env = {"DB_PASS": m["env_pass"], "HTTP_AUTH": m["env_auth"], "LANG": "C.UTF-8"}
    runs = [["--no-git", "true", *args, "--bypass", "2", "--author", "ada"],
            ["--no-git", "sh", "-c", f"true {shell}"],
            ["--no-git", PY, "train.py"]]
    for argv in runs:
        r = subprocess.run([PY, "-m", "runlab", *argv], cwd=tmp_path, env=child_env(env),
                           capture_output=True, text=True, timeout=60, check=False)
        assert r.returncode == 0, (argv, r.stderr)
    grid = [f"{flag}={m[f'{flag}_sweep']},x" for flag in SHORT_FLAGS]
    template = [w for flag in SHORT_FLAGS for w in (f"--{flag}", f"{{{flag}}}")]
    r = _runlab("sweep", *grid[:2], "--", "true", *template[:4], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = _runlab("sweep", *grid[2:], "--random", "2", "--", "true", *template[4:], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    listed = json.loads(_runlab("ls", "--json", "--all", cwd=tmp_path).stdout)
    first, hooked = listed[-1], listed[-3]
    assert {k: first["params"][k] for k in SHORT_FLAGS} == dict.fromkeys(SHORT_FLAGS, "***")
    assert first["params"]["bypass"] == 2 and first["params"]["author"] == "ada"  # not secret
    assert hooked["params"]["pw"] == hooked["params"]["auth"] == "***", hooked["params"]
    assert hooked["params"]["bypass"] == 3 and hooked["params"]["author"] == "ada"
    assert first["env"] == {"DB_PASS": "***", "HTTP_AUTH": "***", "LANG": "C.UTF-8"}
    store = Path(os.environ["RUNLAB_STORE"])
    assert list((store / "sweeps").glob("*.json"))
    _no_mark_in_store_or_archive(tmp_path, m)


CAMEL = ("dbPass", "apiKey", "authToken", "clientSecret", "dbPassword", "userPW", "APIKey")
CAMEL = (*CAMEL, "httpAuth", "sshPwd")
READABLE = {"bypass": 2, "author": "ada", "passthrough": 1, "authorName": "ada",
            "passAtK": 3}


def test_camel_case_secret_names_are_redacted_on_every_path(tmp_path: Path) -> None:
    m = {f"{name}_{where}": f"mark-{name}-{where}-6e2a" for name in CAMEL
         for where in ("arg", "hook", "config")}
    m.update({"env": "mark-env-aws-6e2b", "env_camel": "mark-env-camel-6e2c",
              "note": "mark-note-6e2d", "pair": "mark-pair-6e2e", "sweep": "mark-sweep-6e2f"})
    (tmp_path / "runlab.toml").write_text(
        'env = ["AWS_SECRET_ACCESS_KEY", "hfAuthToken", "LANG"]\n')
    (tmp_path / "defaults.json").write_text(json.dumps({n: m[f"{n}_hook"] for n in CAMEL}))
    hooked = "".join(f"parser.add_argument('--{name}', default=defaults[{name!r}])\n"
                     for name in CAMEL)  # the values are not in the source
    readable = "".join(f"parser.add_argument('--{k}', default={v!r})\n"
                       for k, v in READABLE.items())
    (tmp_path / "train.py").write_text(
        "import argparse, json\ndefaults = json.load(open('defaults.json'))\n"
        "parser = argparse.ArgumentParser()\n" + hooked + readable
        + "parser.add_argument('--config')\nparser.parse_known_args()\n")
    (tmp_path / "cfg.json").write_text(json.dumps(
        {"db": {name: m[f"{name}_config"] for name in CAMEL}, "model": READABLE}))
    args = [w for name in CAMEL for w in (f"--{name}={m[f'{name}_arg']}",)]
    shown = [w for k, v in READABLE.items() for w in (f"--{k}", str(v))]
    env = {"AWS_SECRET_ACCESS_KEY": m["env"], "hfAuthToken": m["env_camel"], "LANG": "C.UTF-8"}
    runs = [["--no-git", "--note", f"apiKey: {m['note']}", "true", *args, *shown,
             f"clientSecret={m['pair']}"],
            ["--no-git", PY, "train.py", "--config", "cfg.json"]]
    said = ""
    for argv in runs:
        r = subprocess.run([PY, "-m", "runlab", *argv], cwd=tmp_path, env=child_env(env),
                           capture_output=True, text=True, timeout=60, check=False)
        assert r.returncode == 0, (argv, r.stderr)
        said += r.stdout + r.stderr
    r = _runlab("sweep", f"dbPass={m['sweep']},x", "--", "true", "--dbPass", "{dbPass}",
                cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    said += r.stdout + r.stderr
    listed = json.loads(_runlab("ls", "--json", "--all", cwd=tmp_path).stdout)
    first, hooked_run = listed[-1], listed[-2]
    hidden = dict.fromkeys(CAMEL, "***")
    assert {k: first["params"][k] for k in CAMEL} == hidden, first["params"]
    assert first["params"]["clientSecret"] == "***"
    assert {k: first["params"][k] for k in READABLE} == READABLE  # not secret
    assert first["note"] == "apiKey: ***"
    assert first["env"] == {"AWS_SECRET_ACCESS_KEY": "***", "hfAuthToken": "***",
                            "LANG": "C.UTF-8"}
    assert {k: hooked_run["params"][k] for k in CAMEL} == hidden, hooked_run["params"]
    assert {k: hooked_run["params"][f"db/{k}"] for k in CAMEL} == hidden
    assert {k: hooked_run["params"][k] for k in READABLE} == READABLE
    assert {k: hooked_run["params"][f"model/{k}"] for k in READABLE} == READABLE
    for name, mark in m.items():
        assert mark not in said, f"{name} was printed"
    _no_mark_in_store_or_archive(tmp_path, m)


YACS_TRAIN = """\
import argparse, yaml_free_config
parser = argparse.ArgumentParser()
parser.add_argument('--config-file', default='')
parser.add_argument('opts', nargs=argparse.REMAINDER)
args = parser.parse_args()
print('loss=0.5')
""".replace("import argparse, yaml_free_config", "import argparse")


def test_override_pairs_settings_files_and_webhooks_keep_no_secret(
        cli: Callable[..., Result], git_repo: Path) -> None:
    # yacs' and detectron2's `KEY VALUE` overrides (argv, and their parser's `opts` list), and
    # the files a patch adds that are no code: a Makefile, a Dockerfile, a flag file, a shell
    # script's `--option value`, a config's credentials and a Slack webhook
    leaks = {"yacs": "yacs-opt-secret-4455", "make": "make-key-5566",
             "docker": "docker-tok-1357", "docker_space": "docker-key-9753",
             "flags": "absl-flag-key-2468",
             "shell": "sh-arg-key-1122", "credentials": "plain-yaml-cred-123",
             "webhook": "B0ABCDEF/abcdefghijklmnop1234"}
    (git_repo / "train.py").write_text(YACS_TRAIN)
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-qm", "train")
    (git_repo / "Makefile").write_text(f"API_KEY ?= {leaks['make']}\nLR := 0.1\n")
    (git_repo / "Dockerfile").write_text(f"FROM python\nENV HF_TOKEN={leaks['docker']}\n"
                                         f"ENV WANDB_API_KEY {leaks['docker_space']}\n")
    (git_repo / "prod.flags").write_text(f"--wandb_api_key={leaks['flags']}\n--lr=0.1\n")
    (git_repo / "run.sh").write_text(f"python train.py --lr 0.1 --wandb-api-key {leaks['shell']}\n")
    (git_repo / "cfg.yaml").write_text(
        f"storage:\n  credentials: {leaks['credentials']}\nlogging:\n"
        f"  slack: https://hooks.slack.com/services/T0ABCDEF/{leaks['webhook']}\n")
    git(git_repo, "add", "-N", ".")
    r = cli(PY, "train.py", "--config-file", "cfg.yaml", "SOLVER.BASE_LR", "0.01",
            "WANDB.API_KEY", leaks["yacs"], cwd=git_repo)
    assert r.code == 0, r.stderr
    run = json.loads(cli("show", "last", "--json", cwd=git_repo).stdout)
    assert run["command"][-2:] == ["WANDB.API_KEY", "***"]
    assert run["params"]["opts"] == ["SOLVER.BASE_LR", "0.01", "WANDB.API_KEY", "***"]
    patch = (Path(os.environ["RUNLAB_STORE"]) / "runs" / run["id"] / "code.patch").read_text()
    assert "API_KEY ?= ***" in patch and "ENV HF_TOKEN=***" in patch and "LR := 0.1" in patch
    assert "ENV WANDB_API_KEY ***" in patch
    assert "--wandb-api-key ***" in patch and "--wandb_api_key=***" in patch
    assert "credentials: ***" in patch and "hooks.slack.com/services/***" in patch
    said = [r.stdout + r.stderr] + [cli(*args, cwd=git_repo).stdout for args in (
        ["show", "last"], ["ls", "--format", "csv"], ["log", "last"])]
    for path in _everything_under(Path(os.environ["RUNLAB_STORE"])):
        said.append(path.read_bytes().decode(errors="replace"))
    for name, secret in leaks.items():
        assert not any(secret in text for text in said), name


def test_a_secret_the_parser_reads_under_another_spelling_is_hidden_everywhere(
        tmp_path: Path) -> None:
    # A short option, an abbreviation, a value attached to a short option and a destination
    # named for a secret: the command line names none of them so, the program's parser does.
    # Their values are hidden in the recorded command and params, however the store is read
    # (the index rebuilt from the journal too); a number printed or logged under a secret's
    # name is no metric; the other spellings add no params of their own.
    m = {w: f"mark{w}{i}x9q" for i, w in enumerate(("short", "abbr", "glued", "dest", "pin"))}
    m["pin"] = "90221177"
    (tmp_path / "train.py").write_text(
        "import argparse\np = argparse.ArgumentParser()\n"
        "p.add_argument('-k', '--api-key'); p.add_argument('--hf-token')\n"
        "p.add_argument('-t', '--token'); p.add_argument('-x', dest='db_password')\n"
        "p.add_argument('--learning-rate', type=float, default=0.1)\n"
        "p.add_argument('--no-shuffle', dest='shuffle', action='store_false')\n"
        "a = p.parse_args()\n"
        "print('db_password:', open('pin.txt').read())\nprint('epoch 1 loss 0.5')\n")
    (tmp_path / "pin.txt").write_text(m["pin"])  # (not in the source)
    r = _runlab("--no-git", PY, "train.py", "-k", m["short"], "--hf", m["abbr"],
                f"-t{m['glued']}", "-x", m["dest"], "--learning=0.05", "--no-shuf",
                cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    shown = json.loads(_runlab("show", "last", "--json", cwd=tmp_path).stdout)
    assert shown["command"][2:9] == ["-k", "***", "--hf", "***", "-t***", "-x", "***"], (
        shown["command"])
    params = shown["params"]
    assert {k: params[k] for k in ("api-key", "hf-token", "token", "x")} == dict.fromkeys(
        ("api-key", "hf-token", "token", "x"), "***"), params
    assert params["learning-rate"] == 0.05 and params["shuffle"] is False
    assert not {"k", "hf", "learning", "shuf"} & set(params), params
    assert not [k for k in params if "***" in k], params
    assert sorted(shown["metrics"]) == ["loss"], shown["metrics"]
    store = Path(os.environ["RUNLAB_STORE"])
    (store / "index.db").unlink()
    rebuilt = json.loads(_runlab("show", "last", "--json", cwd=tmp_path).stdout)
    assert rebuilt["command"] == shown["command"] and rebuilt["params"] == params
    for path in _everything_under(store):
        if path.name != "output.log":  # (what the program printed itself, as it printed it)
            for name, mark in m.items():
                assert mark.encode() not in path.read_bytes(), f"{name} leaked into {path}"


def test_a_secret_is_found_by_what_it_is_not_where_the_program_s_argv_says(
        tmp_path: Path) -> None:
    # a program that adds to its own argv before parsing, flags grouped before the secret's
    # short option, a positional secret: each hidden, and nothing else of the command is
    m = {w: f"mark{w}{i}z7k" for i, w in enumerate(("moved", "grouped", "glued", "pos",
                                                     "two"))}
    (tmp_path / "moved.py").write_text(
        "import argparse, sys\nsys.argv += ['--lr', '0.3']\np = argparse.ArgumentParser()\n"
        "p.add_argument('-k', '--api-key'); p.add_argument('--lr', type=float)\n"
        "p.add_argument('--name')\np.add_argument('-v', action='count')\np.parse_args()\n")
    # (an option named for a secret but never typed: its default is in no word, and nothing
    # of the command, the folder or the commit is touched for it)
    (tmp_path / "text_train.py").write_text(
        "import argparse\np = argparse.ArgumentParser()\np.add_argument('--service-key', "
        "default='text')\np.add_argument('--mode')\np.add_argument('--use_auth_token', "
        "action='store_true')\np.parse_known_args()\n")
    r = _runlab("--no-git", PY, "text_train.py", "--mode", "text", "--use_auth_token",
                "lr=0.1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    shown = json.loads(_runlab("show", "last", "--json", cwd=tmp_path).stdout)
    assert shown["command"][1:] == ["text_train.py", "--mode", "text", "--use_auth_token",
                                    "lr=0.1"], shown["command"]
    assert shown["params"]["lr"] == 0.1 and shown["params"]["service-key"] == "***"
    (tmp_path / "pos.py").write_text(
        "import argparse\np = argparse.ArgumentParser()\np.add_argument('api_token')\n"
        "p.parse_args()\n")
    for argv, tail in (
            (["moved.py", "-k", m["moved"], "--name", "foo"], ["moved.py", "-k", "***", "--name",
                                                             "foo"]),
            (["moved.py", "-vk", m["grouped"]], ["moved.py", "-vk", "***"]),
            (["moved.py", f"-vk{m['glued']}"], ["moved.py", "-vk***"]),
            (["moved.py", f"-vvk{m['two']}"], ["moved.py", "-vvk***"]),
            (["pos.py", m["pos"]], ["pos.py", "***"])):
        r = _runlab("--no-git", PY, *argv, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        shown = json.loads(_runlab("show", "last", "--json", cwd=tmp_path).stdout)
        assert shown["command"][1:] == tail, shown["command"]
        assert not [k for k in shown["params"] if k.startswith("vk")], shown["params"]
    store = Path(os.environ["RUNLAB_STORE"])
    for path in _everything_under(store):
        if path.name != "output.log":
            for name, mark in m.items():
                assert mark.encode() not in path.read_bytes(), f"{name} leaked into {path}"


def test_secrets_that_look_like_assignments_numbers_or_a_script_s_words_are_hidden(
        tmp_path: Path) -> None:
    # base64's padding (`X==`), a `user=x` password, a cookie's `session=x`, numbers into a
    # secret destination, and a program's secrets given through a shell script or `sh -c`
    m = {"b64": "bWFyay1iNjQ==", "user": "markuser4k", "cookie": "markcook5k",
         "sh1": "marksh1x6k", "sh2": "marksh2x7k", "num": "47113579", "c1": "markc1x8k",
         "c2": "markc2x9k"}
    (tmp_path / "app.py").write_text(
        "import argparse\np = argparse.ArgumentParser()\np.add_argument('-k', '--api-key')\n"
        "p.add_argument('--password'); p.add_argument('--cookie')\n"
        "p.add_argument('-P', dest='db_password', type=int)\np.parse_args()\n")
    (tmp_path / "train.sh").write_text(f'{PY} app.py -k "$1" --password "$2"\n')
    (tmp_path / "eval.sh").write_text("#!/bin/sh\necho done\n")
    (tmp_path / "eval.sh").chmod(0o755)
    for argv in ([PY, "app.py", "-k", m["b64"], "--password", f"user={m['user']}"],
                 ["./eval.sh", "--api-key", m["b64"]],
                 [PY, "app.py", "--cookie", f"session={m['cookie']}", "-P", m["num"]],
                 ["bash", "train.sh", m["sh1"], m["sh2"]],
                 ["sh", "-c", f"{PY} app.py -k {m['c1']} --password {m['c2']}"]):
        r = _runlab("--no-git", *argv, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        shown = json.loads(_runlab("show", "last", "--json", cwd=tmp_path).stdout)
        assert "***" in json.dumps(shown["command"]), shown["command"]
        assert "user" not in shown["params"] and "session" not in shown["params"], shown
    store = Path(os.environ["RUNLAB_STORE"])
    for path in _everything_under(store):
        if path.name != "output.log":
            for name, mark in m.items():
                assert mark.encode() not in path.read_bytes(), f"{name} leaked into {path}"


def test_a_notebook_s_secrets_are_redacted_in_the_patch() -> None:
    from runlab.capture.args import redact_patch

    patch = ("diff --git a/nb.ipynb b/nb.ipynb\n+++ b/nb.ipynb\n"
             '+    "os.environ[\\"WANDB_API_KEY\\"] = \\"mark-nb-1\\"\\n",\n'
             '+    "API_KEY = \\"mark-nb-2\\"\\n",\n'
             '+    "args = [\\"--api-key\\", \\"mark-nb-3\\"]\\n",\n'
             '+    "!python t.py --api-key mark-nb-4\\n",\n'
             '+    "%env WANDB_API_KEY=mark-nb-5\\n",\n'
             '+    "use --password mark-nb-6 here\\n",\n'
             '+    "TOKEN = os.getenv(\\"TOKEN\\", \\"mark-nb-7\\")\\n",\n'
             '+   "source": "API_KEY = \\"mark-nb-8\\"\\ntoken = \\"mark-nb-9\\"\\n",\n'
             '+    "df = a.merge(b, on=[\\"key\\", \\"date\\"])"\n')
    out = redact_patch(patch)
    assert "mark-nb" not in out and out.count("***") == 9, out
    assert '\\"date\\"' in out and json.loads("{" + '"x": ' + out.splitlines()[3][5:].rstrip(",")
                                              + "}")
    assert json.loads(out.splitlines()[-1][5:])  # (each line still a JSON string)


def test_only_the_words_typed_for_a_secret_are_hidden(tmp_path: Path) -> None:
    # a secret that is also part of the folder's name, the script's, another option's value:
    # only its own word is hidden (a short one with as many stars), the rest as typed
    work = tmp_path / "num"
    work.mkdir()
    (work / "num.py").write_text(
        "import argparse\np = argparse.ArgumentParser()\np.add_argument('-k', '--api-key')\n"
        "p.add_argument('-n', dest='token', type=int)\np.add_argument('--seed', type=int)\n"
        "p.add_argument('--name')\np.add_argument('--out')\np.parse_args()\n")
    for argv, command, params in (
            (["-k", "num", "--name", "num_run", "--out", f"{work}/num.txt"],
             ["-k", "***", "--name", "num_run", "--out", f"{work}/num.txt"],
             {"name": "num_run", "out": f"{work}/num.txt"}),
            (["-n", "8675309", "--seed", "8675309"], ["-n", "***", "--seed", "8675309"],
             {"seed": 8675309, "n": "***"}),
            (["-k", "ab"], ["-k", "**"], {"api-key": "***"}),
            # (a secret of one letter hides its word only, never a name holding that letter)
            (["-k", "a", "--name", "a", "--seed", "32"], ["-k", "*", "--name", "a", "--seed",
                                                          "32"],
             {"api-key": "***", "name": "a", "seed": 32})):
        r = _runlab("--no-git", PY, "num.py", *argv, cwd=work)
        assert r.returncode == 0, r.stderr
        shown = json.loads(_runlab("show", "last", "--json", cwd=work).stdout)
        assert shown["command"][1:] == ["num.py", *command], shown["command"]
        assert {k: shown["params"][k] for k in params} == params, shown["params"]
        assert shown["cwd"] == str(work)


def test_a_start_hidden_while_the_index_is_busy_is_hidden_there_when_it_is_free(
        tmp_path: Path) -> None:
    import sqlite3

    from runlab.store import Store

    store = Store(str(tmp_path / "store"))
    run_id, _ = store.create_run({"command": ["python", "t.py", "-k", "mark-busy-9q"],
                                  "params": {"k": "mark-busy-9q"}})
    busy = sqlite3.connect(store.index_path, timeout=0)
    busy.execute("BEGIN IMMEDIATE")
    store.db.execute("PRAGMA busy_timeout = 0")
    hidden = ["python", "t.py", "-k", "***"]
    assert store.hide_in_start(run_id, hidden, ["mark-busy-9q"]) is False  # (index held)
    busy.rollback()
    busy.close()
    assert store.hide_in_start(run_id, hidden, ["mark-busy-9q"]) is True
    run = store.get(run_id)
    assert run.command == ["python", "t.py", "-k", "***"] and run.params == {"k": "***"}
    assert b"mark-busy" not in Path(store.journal_path(run_id)).read_bytes()


def test_secrets_set_in_code_the_common_ways_are_redacted_in_the_patch() -> None:
    from runlab.capture.args import redact_patch, redact_value

    added = ['os.environ["WANDB_API_KEY"] = "mark-a-1"', "os.environ['HF_TOKEN'] = 'mark-b-2'",
             'os.environ.setdefault("COMET_API_KEY", "mark-c-3")', 'API_KEY: str = "mark-d-4"',
             'config["api_key"] = "mark-e-5"', 'os.putenv("DB_PASSWORD", "mark-f-6")']
    kept = ['x: Optional[str] = "keep-1"', 'd = {"lr": "keep-2"}', 'os.environ["LANG"] = "C"']
    patch = "diff --git a/s.py b/s.py\n+++ b/s.py\n" + "".join(
        f"+{line}\n" for line in added + kept)
    out = redact_patch(patch)
    assert "mark-" not in out and out.count('"***"') + out.count("'***'") == len(added), out
    assert all(line in out for line in kept)
    # a pair inside a pair's value (Hydra's `override_dirname`), and names that hold secrets
    assert redact_value("override_dirname: +db.password=mark-g,seed=1") == (
        "override_dirname: +db.password=***,seed=1")
    assert redact_value('--authorization "Bearer x1" --jwt x2 --cookie x3') == (
        '--authorization "***" --jwt *** --cookie ***')
    assert redact_value('d: "--password x4"') == 'd: "--password ***"'
    # lists of words stay code (a merge on a column named `key`); a classpath is one value,
    # read whole and at once, however many parts it has
    words = ['df = a.merge(b, on=["key", "date"])', 'cols = ("token", "count")',
             'row["key"] = "date"']
    assert redact_patch("diff --git a/m.py b/m.py\n+++ b/m.py\n" + "".join(
        f"+{line}\n" for line in words)).count("***") == 0
    classpath = ":".join(f"/opt/jars/lib{i}.jar" for i in range(2000))
    assert redact_value(f"--cp {classpath}") == f"--cp {classpath}"


def test_a_secret_s_name_drops_its_number_but_measures_that_hold_such_words_stay() -> None:
    from runlab.capture.args import secret_measure

    assert all(secret_measure(k) for k in ("db_password", "api_key", "APIKey", "secret",
                                             "access_token", "client_secret", "pin"))
    assert not any(secret_measure(k) for k in (
        "secret_loss", "secret_psnr", "test_pass", "eval/pass", "passkey", "val_key", "hit_key",
        "mean_token_accuracy", "num_tokens", "key with spaces", "cookie_count", "api_tokens",
        "access_tokens_per_sec", "private_key_bits"))
    assert secret_measure("db_pin_code", ("*pin*",))  # (a configured pattern)
    assert secret_measure("PIN_code") and secret_measure("pincode")
    from runlab.capture.args import is_secret

    assert is_secret("pin") and is_secret("user_pin") and not is_secret("pin_memory")


def test_parsers_defaults_and_quoted_parts_of_a_value_keep_no_secret() -> None:
    from runlab.capture.args import is_secret, redact_patch, redact_value

    # a default where a parser declares it (argparse, click, absl, docopt), and a file of
    # argparse's `fromfile_prefix_chars`, one word a line
    added = ['p.add_argument("--api-key", default="mark-a-1")',
             "p.add_argument('-k', '--hf-token', type=str, default='mark-b-2', help='x')",
             '@click.option("--token", default="mark-c-3")',
             'flags.DEFINE_string("hf_token", "mark-d-4", "its token")',
             "  --api-key=<k>   The key [default: mark-e-5]."]
    kept = ['p.add_argument("--name", default="keep-1")', 'x = dict(default="keep-2")',
            'flags.DEFINE_string("model", "keep-3", "m")', "  --lr=<lr>  Rate [default: 0.1]."]
    patch = "diff --git a/s.py b/s.py\n+++ b/s.py\n" + "".join(
        f"+{line}\n" for line in added + kept)
    patch += "diff --git a/args.txt b/args.txt\n+++ b/args.txt\n+--seed\n+5\n+--api-key\n"
    patch += "+mark-f-6\n+train\n"
    out = redact_patch(patch)
    assert "mark-" not in out and all(line in out for line in kept), out
    assert "[default: ***]." in out and "+--seed\n+5\n" in out and "+train\n" in out
    # a quoted part inside an option's value: `--gin_bindings=train.api_key="x"`
    assert redact_value('--gin_bindings=train.api_key="mark-g"') == (
        '--gin_bindings=train.api_key="***"')
    assert redact_value("--hparams=api_key='mark-h',lr=0.1") == "--hparams=api_key='***',lr=0.1"
    assert redact_value('--name=run="a"') == '--name=run="a"'
    assert is_secret("SSHPASS") and not is_secret("bypass")


def test_a_secret_argument_of_click_is_hidden_where_it_was_typed_only(tmp_path: Path) -> None:
    # click's (and typer's) positional argument named for a secret: its word hidden in the
    # command and args, as argparse's positional is; an option's word of other text stays
    (tmp_path / "c.py").write_text(
        "import click\n@click.command()\n@click.argument('api_token')\n"
        "@click.option('--name', default='x')\ndef main(api_token, name):\n"
        "    print('loss=0.5')\nmain()\n")
    r = _runlab("--no-git", PY, "c.py", "markclick7q2", "--name", "run1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    shown = json.loads(_runlab("show", "last", "--json", cwd=tmp_path).stdout)
    assert shown["command"][1:] == ["c.py", "***", "--name", "run1"], shown["command"]
    assert shown["args"] == ["***"] and shown["params"]["api_token"] == "***"
    for path in _everything_under(Path(os.environ["RUNLAB_STORE"])):
        if path.name != "output.log":
            assert b"markclick7q2" not in path.read_bytes(), path


def test_python_fire_s_arguments_are_params_and_a_secret_positional_is_hidden(
        tmp_path: Path) -> None:
    # fire binds `train mnist X` to `data` and `hf_token`: the params are the function's, its
    # defaults included, `--model-name` once as `model_name`; the secret's word is hidden
    (tmp_path / "f.py").write_text(
        "import fire\ndef train(data, hf_token, lr=0.1, model_name='resnet'):\n"
        "    print(f'loss={lr}')\nfire.Fire({'train': train})\n")
    r = _runlab("--no-git", PY, "f.py", "train", "mnist", "markfire8k2", "--model-name", "vit",
                cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    shown = json.loads(_runlab("show", "last", "--json", cwd=tmp_path).stdout)
    assert shown["command"][1:] == ["f.py", "train", "mnist", "***", "--model-name", "vit"]
    assert shown["params"] == {"data": "mnist", "hf_token": "***", "lr": 0.1,
                               "model_name": "vit"}, shown["params"]
    for path in _everything_under(Path(os.environ["RUNLAB_STORE"])):
        if path.name != "output.log":
            assert b"markfire8k2" not in path.read_bytes(), path


def test_a_parser_s_default_over_several_lines_and_sshpass_s_password_are_hidden() -> None:
    from runlab.capture.args import parse_args, redact_patch, redact_source, redact_value

    code = ('parser.add_argument(\n    "--wandb-api-key",\n    type=str,\n'
            '    default="mark-m-1",\n)\nparser.add_argument(\n    "--name",\n'
            '    default="keep-1",\n)\nflags.DEFINE_string(\n    "hf_token",\n    "mark-m-2",\n'
            '    "its help")\n@click.option("--secret",\n              default="mark-m-3")\n'
            'hf_token: Optional[str] = field(default="mark-m-4", metadata={"help": "x"})\n'
            'model: str = field(default="keep-2")\np.add_argument("--api-key", default=f"mark-m-5")\n')
    for out in (redact_source(code, "train.py"), redact_patch(
            "diff --git a/train.py b/train.py\n+++ b/train.py\n" + "".join(
                f"+{line}\n" for line in code.splitlines()))):
        assert "mark-m-" not in out and "keep-1" in out and "keep-2" in out, out
        assert '    "***",\n' in out and '    "its help")' in out
    parsed = parse_args(["sshpass", "-p", "mark-s-1", "ssh", "u@h", "python", "t.py", "--lr",
                         "0.1"], cwd=".")
    assert parsed.argv[:3] == ["sshpass", "-p", "***"] and "mark-s-1" not in str(parsed.params)
    assert parse_args(["sshpass", "-pmark-s-2", "ssh", "u@h"], cwd=".").argv[1] == "-p***"
    assert redact_value("sshpass -p mark-s-3 ssh u@h ls") == "sshpass -p *** ssh u@h ls"


def test_final_review_secret_defaults_and_sshpass_forms() -> None:
    from runlab.capture.args import parse_args, redact_source

    code = ('print("value (")\ntoken = os.environ["HF_TOKEN"]\n'
            'parser.add_argument("--model", default="keep-1")\nparser.add_argument(\n'
            '    "--data", default="keep-2",\n)\nparser.add_argument(\n'
            '    "--api-key", type=str, default="mark-f-1", help="The API key"\n)\n'
            'flags.DEFINE_string(\n    "api_key", "mark-f-2", "The key to call with."\n)\n'
            'hf_token: Optional[str] = field(\n    default="mark-f-3",\n'
            '    metadata={"help": "The token"},\n)\n'
            'os.system("sshpass -p mark-f-4 rsync a b")\n'
            'subprocess.run(["sshpass", "-p", "mark-f-5", "scp", "a", "b"])\n')
    out = redact_source(code, "train.py")
    assert "mark-f-" not in out and "keep-1" in out and "keep-2" in out, out
    assert '"The key to call with."' in out
    for argv in (["env", "A=1", "sshpass", "-p", "mark-g-1", "ssh", "h"],
                 ["timeout", "60", "sshpass", "-p", "mark-g-1", "ssh", "h"],
                 ["sshpass", "-P", "Password:", "-p", "mark-g-1", "ssh", "h"]):
        parsed = parse_args(argv, cwd=".")
        assert "mark-g-1" not in str((parsed.argv, parsed.params, parsed.args)), argv


def test_secret_spellings_of_code_settings_sections_and_token_formats_are_hidden() -> None:
    from runlab.capture.args import is_secret, parse_args, redact_patch, redact_source, redact_value

    code = ('app.secret_key = b"mark-h-1"\nSECRET_KEY = r"mark-h-2"\nHF_TOKEN = ("mark-h-3")\n'
            'API_KEY = "mark-h-4" + "mark-h-5"\nPASSWORD = """mark-h-6"""\n'
            'tok = os.getenv("HF_TOKEN") or "mark-h-7"\nname = "keep-1" + "keep-2"\n'
            'if API_KEY == "keep-3": pass\n')
    out = redact_source(code, "web.py")
    assert "mark-h-" not in out and all(f"keep-{i}" in out for i in (1, 2, 3)), out
    # a settings file's values under a section or block named as a secret's
    patch = ("diff --git a/c.yaml b/c.yaml\n+++ b/c.yaml\n+model:\n+  lr: 0.1\n+secrets:\n"
             "+  hf: mark-i-1\n+train:\n+  epochs: 3\n"
             "diff --git a/c.ini b/c.ini\n+++ b/c.ini\n+[credentials]\n+wandb = mark-i-2\n"
             "+[model]\n+depth = 4\n"
             'diff --git a/c.json b/c.json\n+++ b/c.json\n+{\n+  "api_keys": {\n'
             '+    "openai": "mark-i-3"\n+  },\n+  "lr": 0.1\n+}\n')
    out = redact_patch(patch)
    assert "mark-i-" not in out and "epochs: 3" in out and "depth = 4" in out, out
    assert '"lr": 0.1' in out and '"openai": "***"' in out
    for token in ("glpat-" + "a" * 20, "npm_" + "b" * 36, "pypi-AgE" + "c" * 60,
                  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jV", "ya29." + "d" * 30,
                  "https://h/k?X-Amz-Signature=" + "e" * 32, "https://h/f?sv=1&sig=" + "f" * 20):
        assert token[-12:] not in redact_value(token), token
    # a field's key, a lookup's, a count of tokens: no secrets; `--password user=x` is one
    for name in ("csv-img-key", "json-keys", "token-budget", "key-frames", "sort_key",
                 "cache-key", "s3_key", "key-norm"):
        assert not is_secret(name), name
    for name in ("hf_token", "api-key", "input_api_key", "private_key", "tokens_key"):
        assert is_secret(name), name
    parsed = parse_args(["t.py", "--password", "user=mark-j-1", "--use_auth_token", "lr=0.1"],
                        cwd=".")
    assert "mark-j-1" not in str((parsed.argv, parsed.params))
    assert parsed.params["lr"] == 0.1 and parsed.params["use_auth_token"] is True
    # a configured pattern spelt with `_` matches the option spelt with `-`
    assert is_secret("--vault-addr", ("vault_*",))


def test_a_named_command_s_value_in_a_secret_s_place_and_a_commit_message_keep_no_secret(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "runlab.toml").write_text(
        f'[commands.ft]\nrun = "{PY} -c pass --hf-token {{hub}}"\n'
        f'[commands.fetch]\nrun = "{PY} -c pass {{hf_token}}"\n'
        f'[commands.short]\nrun = "{PY} short.py -k {{cred}}"\n')
    (tmp_path / "short.py").write_text(
        "import argparse\np = argparse.ArgumentParser()\np.add_argument('-k', dest='api_key')\n"
        "p.parse_args()\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "rotate: old token ghp_" + "k" * 36)
    assert cli("ft", "hub=mark-k-1").code == 0
    run = json.loads(cli("show", "last", "--json").stdout)
    assert run["params"]["hub"] == "***" and "mark-k-1" not in json.dumps(run)
    assert "ghp_" not in json.dumps(run) and run["git"]["message"].startswith("rotate: old token")
    assert cli("fetch", "hf_token=mark-k-2").code == 0
    r = cli("rerun", "last", "hf_token=mark-k-3")
    assert r.code == 0 and "mark-k-3" not in r.stderr + r.stdout
    assert cli("sweep", "k=mark-k-4,mark-k-5", "--", PY, "-c", "pass", "--api-key", "{k}").code == 0
    assert cli("sweep", "hub=mark-k-6,mark-k-7", "--", "ft").code == 0
    # a value the program's parser reads as a secret (`-k` into `api_key`): hidden in the
    # named command's params as typed too, so that a rerun asks for it
    assert cli("short", "cred=mark-k-8").code == 0
    r = cli("rerun", "last")
    assert r.code != 0 and "cred=VALUE" in r.stderr
    store = Path(os.environ["RUNLAB_STORE"])
    for path in _everything_under(store):
        if path.name != "output.log":
            blob = path.read_bytes()
            assert b"mark-k-" not in blob and b"k" * 36 not in blob, path


def test_a_docopt_secret_glued_after_grouped_flags_is_nowhere(tmp_path: Path) -> None:
    # `-vkSECRET`: docopt reads `-v` and `-k SECRET`; the command line's word, read as a flag
    # of its own, is dropped as the start recorded it (`vk***`), never in the clear
    pytest.importorskip("docopt")
    (tmp_path / "d.py").write_text(
        '"""Usage: d.py [-k KEY] [-v...] <data>\n\nOptions:\n  -k KEY --api-key=KEY  Key.\n'
        '  -v  Verbose.\n"""\nfrom docopt import docopt\ndocopt(__doc__)\nprint("loss=0.5")\n')
    r = _runlab("--no-git", PY, "d.py", "-vkmarkdocv7q", "x.csv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    shown = json.loads(_runlab("show", "last", "--json", cwd=tmp_path).stdout)
    assert shown["params"]["api-key"] == "***" and shown["command"][2] == "-vk***"
    for path in _everything_under(Path(os.environ["RUNLAB_STORE"])):
        if path.name != "output.log":
            assert b"markdocv7q" not in path.read_bytes(), path
