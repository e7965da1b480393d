"""The code state from real repositories in tmp_path, one test per repository state."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from runlab.capture.git import GitInfo, capture_git, find_repo_root, git_author

IDENTITY = ("-c", "user.name=Test", "-c", "user.email=test@example.com")


@pytest.fixture(autouse=True)
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's and the system's git configuration out of every test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in (
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_CONFIG_PARAMETERS",
    ):
        monkeypatch.delenv(name, raising=False)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *IDENTITY, *args], cwd=cwd, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    (path / "train.py").write_text("lr = 0.1\nprint(lr)\n")
    (path / "data.txt").write_text("one\ntwo\nthree\n")
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "First commit\n\nWith a body.\n")
    return path


def capture(path: Path, **limits: int) -> GitInfo:
    info = capture_git(str(path), **limits)
    assert info is not None
    return info


def assert_patch_recreates(repo: Path, info: GitInfo, tmp_path: Path) -> None:
    """Applying the patch to a checkout of the commit gives the working tree back."""
    copy = tmp_path / "copy"
    if info.commit:
        git(tmp_path, "clone", "-q", str(repo), str(copy))
        git(copy, "checkout", "-q", info.commit)
    else:
        copy.mkdir()
        git(copy, "init", "-q")
    patch = tmp_path / "code.patch"
    patch.write_text(info.patch, encoding="utf-8")
    git(copy, "apply", "--whitespace=nowarn", str(patch))
    expected = {p for p in info.changed_files if not any(p in why for why in info.left_out)}
    for name in expected:
        original, applied = repo / name, copy / name
        if original.is_symlink():
            assert os.readlink(applied) == os.readlink(original)
        elif original.exists():
            assert applied.read_bytes() == original.read_bytes(), name
            assert os.access(applied, os.X_OK) == os.access(original, os.X_OK), name
        else:
            assert not applied.exists(), name


def test_not_a_repository(tmp_path: Path) -> None:
    assert capture_git(str(tmp_path)) is None
    assert find_repo_root(str(tmp_path)) is None


def test_find_repo_root_from_a_subdirectory(repo: Path) -> None:
    (repo / "src" / "deep").mkdir(parents=True)
    assert find_repo_root(str(repo / "src" / "deep")) == str(repo)
    assert capture(repo / "src" / "deep").root == str(repo)


def test_clean_repository(repo: Path) -> None:
    info = capture(repo)
    assert info.commit == git(repo, "rev-parse", "HEAD")
    assert info.branch == "main"
    assert info.detached is False
    assert info.dirty is False
    assert info.message == "First commit\n\nWith a body."
    assert info.remote is None
    assert (info.patch, info.changed_files, info.left_out, info.errors) == ("", [], [], [])


def test_dirty_staged_and_unstaged(repo: Path, tmp_path: Path) -> None:
    (repo / "gone.txt").write_text("x\n")
    git(repo, "add", "gone.txt")
    git(repo, "commit", "-q", "-m", "add gone")
    (repo / "gone.txt").unlink()
    (repo / "train.py").write_text("lr = 0.01\nprint(lr)\n")  # unstaged
    (repo / "data.txt").write_text("one\nthree\n")
    git(repo, "add", "data.txt")  # staged
    (repo / "data.txt").write_text("one\nthree\nfour\n")  # and changed again
    info = capture(repo)
    assert info.dirty is True
    assert sorted(info.changed_files) == ["data.txt", "gone.txt", "train.py"]
    assert "-lr = 0.1\n+lr = 0.01\n" in info.patch
    assert "-two\n" in info.patch and "+four\n" in info.patch
    assert "deleted file mode" in info.patch
    assert info.left_out == []
    assert_patch_recreates(repo, info, tmp_path)


def test_untracked_files_text_binary_and_large(repo: Path, tmp_path: Path) -> None:
    (repo / "notes.md").write_text("# notes\nno newline at the end")
    (repo / "pkg" / "sub").mkdir(parents=True)
    (repo / "pkg" / "sub" / "model.py").write_text("class Model:\n    pass\n")
    (repo / "empty.py").write_text("")
    (repo / "run.sh").write_text("#!/bin/sh\necho hi\n")
    (repo / "run.sh").chmod(0o755)
    (repo / "weights.bin").write_bytes(b"\x00\x01\x02" * 10)
    (repo / "latin1.txt").write_bytes("café\n".encode("latin-1"))
    (repo / "big.csv").write_text("a,b\n" * 600_000)  # 2.4 MB
    info = capture(repo)
    assert info.dirty is True
    assert sorted(info.changed_files) == sorted(
        [
            "notes.md",
            "pkg/sub/model.py",
            "empty.py",
            "run.sh",
            "weights.bin",
            "latin1.txt",
            "big.csv",
        ]
    )
    assert "diff --git a/pkg/sub/model.py b/pkg/sub/model.py\nnew file mode 100644\n" in info.patch
    assert "+class Model:\n" in info.patch
    assert "new file mode 100755" in info.patch
    assert "+no newline at the end\n\\ No newline at end of file\n" in info.patch
    assert sorted(info.left_out) == [
        "big.csv (2.4 MB > 1 MB limit)",
        "latin1.txt (not UTF-8 text)",
        "weights.bin (binary)",
    ]
    assert "weights.bin" not in info.patch and "big.csv" not in info.patch
    assert_patch_recreates(repo, info, tmp_path)


def test_untracked_files_with_odd_names_and_a_symlink(repo: Path, tmp_path: Path) -> None:
    for name in ("with space.txt", 'quote"d.txt', "ünïcode.txt", "tab\tname.txt", "back\\slash"):
        (repo / name).write_text(f"{name}\n")
    (repo / "link").symlink_to("train.py")
    info = capture(repo)
    assert info.left_out == []
    assert len(info.changed_files) == 6
    assert "+++ b/with space.txt\t\n" in info.patch
    assert '"b/\\303\\274n\\303\\257code.txt"' in info.patch
    assert "new file mode 120000" in info.patch
    assert_patch_recreates(repo, info, tmp_path)


def test_patch_matches_what_git_prints_for_new_files(repo: Path) -> None:
    for name, text in (("a b.txt", "x\ny\n"), ('q"uote', "z"), ("é.py", ""), ("n.txt", "1\n")):
        (repo / name).write_text(text)
    info = capture(repo)
    git(repo, "add", ".")
    theirs = git(repo, "diff", "--cached", "--no-color")
    without_index_lines = "\n".join(
        line for line in theirs.splitlines() if not line.startswith("index ")
    )
    assert info.patch.rstrip("\n") == without_index_lines


def test_repository_without_commits(tmp_path: Path) -> None:
    repo = tmp_path / "fresh"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "trunk")
    (repo / "staged.py").write_text("print('staged')\n")
    git(repo, "add", "staged.py")
    (repo / "staged.py").write_text("print('staged, then edited')\n")
    (repo / "untracked.py").write_text("print('untracked')\n")
    info = capture(repo)
    assert info.commit is None
    assert info.message is None
    assert info.branch == "trunk"
    assert info.detached is False
    assert info.dirty is True
    assert sorted(info.changed_files) == ["staged.py", "untracked.py"]
    assert "+print('staged, then edited')\n" in info.patch
    assert "+print('untracked')\n" in info.patch
    assert info.errors == []
    assert_patch_recreates(repo, info, tmp_path)


def test_empty_repository(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    info = capture(tmp_path)
    assert (info.commit, info.branch, info.dirty, info.patch) == (None, "main", False, "")


def test_detached_head(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD")
    (repo / "train.py").write_text("lr = 1\n")
    git(repo, "commit", "-q", "-am", "second")
    git(repo, "checkout", "-q", "--detach", first)
    info = capture(repo)
    assert info.commit == first
    assert info.branch is None
    assert info.detached is True
    assert info.message == "First commit\n\nWith a body."
    assert info.dirty is False


@pytest.mark.parametrize(
    ("remotes", "expected"),
    [
        ([("origin", "https://user:token@github.com/x/y.git")], "https://github.com/x/y.git"),
        ([("origin", "git@github.com:x/y.git")], "git@github.com:x/y.git"),
        ([("upstream", "https://u:p@h/up.git"), ("origin", "/srv/o.git")], "/srv/o.git"),
        ([("fork", "ssh://git@h/fork.git")], "ssh://git@h/fork.git"),
    ],
)
def test_remote(repo: Path, remotes: list[tuple[str, str]], expected: str) -> None:
    for name, url in remotes:
        git(repo, "remote", "add", name, url)
    assert capture(repo).remote == expected


def test_ignored_paths_are_never_seen(repo: Path) -> None:
    (repo / ".gitignore").write_text("*.ckpt\noutputs/\n")
    git(repo, "add", ".gitignore")
    git(repo, "commit", "-q", "-m", "ignore")
    (repo / "model.ckpt").write_bytes(b"\x00" * 100)
    (repo / "outputs").mkdir()
    (repo / "outputs" / "log.txt").write_text("log\n")
    store = repo / ".runlab"
    (store / "runs" / "abc").mkdir(parents=True)
    (store / ".gitignore").write_text("*\n")
    (store / "runs" / "abc" / "journal.jsonl").write_text("{}\n")
    info = capture(repo)
    assert info.dirty is False
    assert (info.patch, info.changed_files, info.left_out) == ("", [], [])
    assert git(repo, "status", "--porcelain") == ""


def test_tracked_binary_change_is_noted(repo: Path) -> None:
    (repo / "blob.bin").write_bytes(b"\x00\x01" * 50)
    git(repo, "add", "blob.bin")
    git(repo, "commit", "-q", "-m", "blob")
    (repo / "blob.bin").write_bytes(b"\x00\x02" * 50)
    info = capture(repo)
    assert info.left_out == ["blob.bin (binary)"]
    assert "Binary files a/blob.bin and b/blob.bin differ" in info.patch


def test_size_limits(repo: Path) -> None:
    (repo / "huge.txt").write_text("line\n" * 100_000)  # 500 kB
    git(repo, "add", "huge.txt")
    git(repo, "commit", "-q", "-m", "huge")
    (repo / "huge.txt").unlink()  # the diff would print every line
    (repo / "train.py").write_text("lr = 0.5\n")
    (repo / "a.txt").write_text("a\n" * 100)
    (repo / "b.txt").write_text("b\n" * 100)
    info = capture(repo, max_file_bytes=100_000, max_patch_bytes=500)
    assert "huge.txt (diff 600.1 kB > 100 kB limit)" in info.left_out
    assert "+lr = 0.5\n" in info.patch
    assert "a.txt (patch over the 500 bytes limit)" in info.left_out
    assert "b.txt (patch over the 500 bytes limit)" in info.left_out
    assert len(info.patch.encode()) <= 500
    assert sorted(info.changed_files) == ["a.txt", "b.txt", "huge.txt", "train.py"]


def test_diff_streamed_in_small_pieces_gives_the_same_patch(repo: Path) -> None:
    from runlab.capture.git import _PatchCollector

    (repo / "train.py").write_text("lr = 0.5\n")
    (repo / "data.txt").unlink()
    whole = subprocess.run(
        ["git", "diff", "HEAD"], cwd=repo, check=True, capture_output=True
    ).stdout
    for size in (1, 7, 12, 4096):
        collector = _PatchCollector(1_000_000, 10_000_000)
        for start in range(0, len(whole), size):
            collector.write(whole[start : start + size])
        collector.close()
        assert "".join(collector.parts).encode() == whole
        assert collector.left_out == []


def test_merge_conflict_does_not_raise(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "other")
    (repo / "train.py").write_text("lr = 2\n")
    git(repo, "commit", "-q", "-am", "other")
    git(repo, "checkout", "-q", "main")
    (repo / "train.py").write_text("lr = 3\n")
    git(repo, "commit", "-q", "-am", "main")
    merge = subprocess.run(
        ["git", *IDENTITY, "merge", "other"], cwd=repo, capture_output=True, check=False
    )
    assert merge.returncode != 0
    info = capture(repo)
    assert info.dirty is True
    assert info.changed_files == ["train.py"]
    assert info.branch == "main"


def test_worktree(repo: Path, tmp_path: Path) -> None:
    worktree = tmp_path / "wt"
    git(repo, "worktree", "add", "-q", "-b", "feature", str(worktree))
    (worktree / "train.py").write_text("lr = 9\n")
    assert (worktree / ".git").is_file()
    info = capture(worktree)
    assert (info.root, info.branch, info.dirty) == (str(worktree), "feature", True)
    assert info.commit == git(repo, "rev-parse", "HEAD")


def test_broken_index_falls_back_to_fewer_fields(repo: Path) -> None:
    head = git(repo, "rev-parse", "HEAD")
    git(repo, "pack-refs", "--all")  # HEAD's branch now only in packed-refs
    (repo / ".git" / "index").write_bytes(b"not an index")
    info = capture(repo)
    assert info.errors and "git status failed" in info.errors[0]
    assert (info.commit, info.branch, info.detached) == (head, "main", False)


def test_unreadable_git_dir_does_not_raise(tmp_path: Path) -> None:
    (tmp_path / ".git").write_text("gitdir: /nonexistent/place\n")
    info = capture(tmp_path)
    assert info.root == str(tmp_path)
    assert info.errors
    assert info.commit is None


def test_few_git_subprocesses(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from runlab.capture import git as capture_module

    calls: list[tuple[str, ...]] = []
    original = capture_module._start

    def counting(cwd: str, *args: str) -> object:
        calls.append(args)
        return original(cwd, *args)

    monkeypatch.setattr(capture_module, "_start", counting)
    capture(repo)
    assert [c[0] for c in calls] == ["status", "cat-file", "config"]
    calls.clear()
    (repo / "train.py").write_text("changed\n")
    (repo / "new.py").write_text("new\n")
    capture(repo)
    assert [c[0] for c in calls] == ["status", "cat-file", "config", "diff"]
    calls.clear()
    (repo / "train.py").write_text("lr = 0.1\nprint(lr)\n")
    capture(repo)
    assert len(calls) == 3  # untracked files only: no diff call


def test_git_author_unset(tmp_path: Path) -> None:
    assert git_author(str(tmp_path)) == (None, None)


def test_git_author_global_then_repository(repo: Path, tmp_path: Path) -> None:
    Path(os.environ["GIT_CONFIG_GLOBAL"]).write_text(
        "[user]\n\tname = Global Name\n\temail = global@example.com\n"
    )
    assert git_author(str(tmp_path)) == ("Global Name", "global@example.com")
    assert git_author(str(repo)) == ("Global Name", "global@example.com")
    subprocess.run(["git", "config", "user.name", "Repo Name"], cwd=repo, check=True)
    assert git_author(str(repo)) == ("Repo Name", "global@example.com")
    subprocess.run(["git", "config", "author.email", "author@example.com"], cwd=repo, check=True)
    assert git_author(str(repo)) == ("Repo Name", "author@example.com")


def test_git_author_environment_wins(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    subprocess.run(["git", "config", "user.name", "Repo Name"], cwd=repo, check=True)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Env Name")
    assert git_author(str(repo)) == ("Env Name", None)


def test_git_author_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert git_author(str(tmp_path)) == (None, None)


def test_import_does_not_load_gitpython() -> None:
    code = "import sys, runlab.capture.git\nassert 'git' not in sys.modules\n"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_many_untracked_files_are_listed_briefly(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import runlab.capture.git as capture_module

    monkeypatch.setattr(capture_module, "_MAX_LISTED", 5)
    (repo / "data").mkdir()
    for number in range(20):
        (repo / "data" / f"{number:02}.bin").write_bytes(b"\x00")
    info = capture(repo)
    assert len(info.changed_files) == 5
    assert info.errors == ["15 more changed files are not listed"]
    assert info.left_out[:5] == [f"data/{number:02}.bin (binary)" for number in range(5)]
    assert info.left_out[5:] == ["... and 15 more files"]


def test_secrets_stay_out_of_the_patch(repo: Path, tmp_path: Path) -> None:
    """Files that hold secrets by name are left out; credentials by their format, secret
    settings and quoted secrets in code are redacted; code that only names a secret stays."""
    token = "hf_" + "a1B2c3D4" * 5
    (repo / ".env").write_text(f"HF_TOKEN={token}\n")
    (repo / "secrets.yaml").write_text("api_key: yamlSECRET999\n")
    (repo / "config.yaml").write_text("lr: 0.1\nwandb_api_key: cfgSECRET123\n")
    (repo / "train.py").write_text(
        f'lr = 0.1\nAPI_KEY = "codeSECRET456"\ntoken = get_token()\nURL = "x {token}"\n'
        "print(lr)\n")
    info = capture(repo)
    for secret in (token, "yamlSECRET999", "cfgSECRET123", "codeSECRET456"):
        assert secret not in info.patch
    assert "lr: 0.1" in info.patch and "wandb_api_key: ***" in info.patch
    assert 'API_KEY = "***"' in info.patch and "token = get_token()" in info.patch
    assert ".env (may hold secrets)" in info.left_out
    assert "secrets.yaml (may hold secrets)" in info.left_out
    assert ".env" in info.changed_files  # still named as changed: only its text is kept out


def test_redaction_keeps_the_patch_applicable(repo: Path, tmp_path: Path) -> None:
    """Only added lines are redacted, each on its own: a secret in a committed line stays
    context (git holds it already), a quote never spans lines, and a tracked file that holds
    secrets by name is left out."""
    (repo / "train.py").write_text('lr = 0.1\nAPI_KEY = "abcdef123"\nprint(lr)\n')
    (repo / ".netrc").write_text("machine x login me password hunter2xyz\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "secrets")
    (repo / "train.py").write_text('lr = 0.2\nAPI_KEY = "abcdef123"\nprint(lr)\n'
                                   'x = 1\nprint("password:", x)\ny = 2\nprint("end")\n')
    (repo / ".netrc").write_text("machine x login me password hunter3xyz\n")
    info = capture(repo)
    assert ' API_KEY = "abcdef123"' in info.patch  # context, as committed
    assert '+print("password:", x)\n+y = 2\n+print("end")\n' in info.patch
    assert "hunter" not in info.patch and ".netrc (may hold secrets)" in info.left_out
    patch = tmp_path / "code.patch"
    patch.write_text(info.patch)
    git(repo, "stash", "-q")
    git(repo, "apply", "--check", str(patch))
