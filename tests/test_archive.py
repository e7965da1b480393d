"""Export and import: runs moved between stores whole, merged by id, never duplicated, and
archives that would write outside the store refused before anything is written."""

from __future__ import annotations

import io
import json
import os
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from runlab.errors import UsageError
from runlab.store import Store
from runlab.remote.archive import UnsafeArchive, export_runs, import_runs
from tests.conftest import Result


def make_run(store: Store, name: str, *, end: bool = True, points: int = 5) -> str:
    run_id, _ = store.create_run({"name": name, "command": ["python", "train.py"],
                                  "cwd": "/tmp", "params": {"lr": 0.1}, "tags": {"k": "v"}})
    store.append(run_id, [{"e": "metrics", "p": [["loss", 1 / (i + 1), i, 1000.0 + i]
                                                 for i in range(points)]}])
    run_dir = Path(store.run_dir(run_id))
    (run_dir / "output.log").write_bytes(b"line one\nline two\n")
    (run_dir / "artifacts").mkdir()
    (run_dir / "artifacts" / "model.bin").write_bytes(b"\x00weights\xff")
    if end:
        store.append(run_id, [{"e": "end", "t": time.time(), "status": "finished",
                               "exit_code": 0}])
    return run_id


@pytest.fixture
def other(tmp_path: Path) -> Store:
    return Store(str(tmp_path / "other"))


def snapshot(store: Store) -> dict[str, object]:
    """Everything a user sees of a store's runs, by id (numbers differ between stores)."""
    out: dict[str, object] = {}
    for run in store.list_runs():
        data = run.to_json()
        data.pop("number")
        out[run.id] = (data, {k: [(p.step, p.value, p.time) for p in v]
                              for k, v in store.series(run.id).items()},
                       Path(store.output_path(run.id)).read_bytes(),
                       Path(store.run_dir(run.id), "artifacts", "model.bin").read_bytes())
    return out


def lines(store: Store, run_id: str) -> list[str]:
    return Path(store.journal_path(run_id)).read_text().splitlines()


def test_round_trip_into_another_store(store: Store, other: Store, tmp_path: Path) -> None:
    ids = [make_run(store, f"r{i}") for i in range(3)]
    store.append(ids[1], [{"e": "tag", "tags": {"best": ""}}, {"e": "note", "text": "hi"}])
    archive = tmp_path / "runs.tar.gz"
    report = export_runs(store, ids, str(archive))
    assert report.runs == 3 and report.files == 9
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        assert all(n.startswith("runs/") for n in names)
        assert {m.uname for m in tar.getmembers()} == {""}

    imported = import_runs(other, str(archive))
    assert sorted(imported.added) == sorted(ids) and not imported.merged
    assert snapshot(other) == snapshot(store)
    assert sorted(r.number for r in other.list_runs()) == [1, 2, 3]
    # Numbers given here survive a reindex, as for runs recorded here.
    before = {r.id: r.number for r in other.list_runs()}
    other.reindex()
    assert {r.id: r.number for r in other.list_runs()} == before


def test_importing_twice_duplicates_nothing(store: Store, other: Store, tmp_path: Path) -> None:
    ids = [make_run(store, f"r{i}") for i in range(2)]
    archive = str(tmp_path / "runs.tar.gz")
    export_runs(store, ids, archive)
    import_runs(other, archive)
    journals = {i: lines(other, i) for i in ids}
    again = import_runs(other, archive)
    assert again.added == [] and again.merged == [] and sorted(again.unchanged) == sorted(ids)
    assert {i: lines(other, i) for i in ids} == journals
    assert len(other.list_runs()) == 2
    assert snapshot(other) == snapshot(store)


def test_a_run_copied_while_running_is_completed_by_a_later_import(
        store: Store, other: Store, tmp_path: Path) -> None:
    run_id = make_run(store, "live", end=False, points=3)
    early = str(tmp_path / "early.tar.gz")
    export_runs(store, [run_id], early)
    import_runs(other, early)
    assert other.get(run_id).status == "running"
    # Meanwhile the run goes on there, and someone tags it here.
    store.append(run_id, [{"e": "metrics", "p": [["loss", 0.01, 3, 1003.0]]},
                          {"e": "end", "t": time.time(), "status": "finished", "exit_code": 0}])
    with open(store.output_path(run_id), "ab") as f:
        f.write(b"line three\n")
    (Path(store.run_dir(run_id)) / "artifacts" / "late.txt").write_text("late")
    other.append(run_id, [{"e": "tag", "tags": {"seen": "yes"}}])
    late = str(tmp_path / "late.tar.gz")
    export_runs(store, [run_id], late)
    report = import_runs(other, late)
    assert report.merged == [run_id] and report.lines == 2 and report.files == 2
    run = other.get(run_id)
    assert run.status == "finished" and run.tags == {"k": "v", "seen": "yes"}
    assert [p.step for p in other.series(run_id)["loss"]] == [0, 1, 2, 3]
    assert Path(other.output_path(run_id)).read_bytes() == \
        b"line one\nline two\nline three\n"
    assert (Path(other.run_dir(run_id)) / "artifacts" / "late.txt").read_text() == "late"
    assert len(lines(other, run_id)) == len(set(lines(other, run_id)))
    # And from the other side: the tag made there comes back without duplicating anything.
    back = str(tmp_path / "back.tar.gz")
    export_runs(other, [run_id], back)
    report = import_runs(store, back)
    assert store.get(run_id).tags == {"k": "v", "seen": "yes"}
    assert report.lines == 2  # the tag, and the other store's number for the run


def test_a_line_that_occurs_twice_is_kept_twice(store: Store, other: Store,
                                                tmp_path: Path) -> None:
    run_id = make_run(store, "flip")
    export_runs(store, [run_id], str(tmp_path / "a.tar.gz"))
    import_runs(other, str(tmp_path / "a.tar.gz"))
    store.append(run_id, [{"e": "untag", "keys": ["k"]}, {"e": "tag", "tags": {"k": "v"}}])
    export_runs(store, [run_id], str(tmp_path / "b.tar.gz"))
    import_runs(other, str(tmp_path / "b.tar.gz"))
    assert other.get(run_id).tags == {"k": "v"}  # tag, untag, tag again: tagged


def test_import_from_another_stores_directory(store: Store, other: Store) -> None:
    ids = [make_run(store, f"r{i}") for i in range(2)]
    report = import_runs(other, store.root)
    assert sorted(report.added) == sorted(ids)
    assert snapshot(other) == snapshot(store)
    assert import_runs(other, store.runs_dir).unchanged  # runs/ itself works too
    one = make_run(store, "single")
    assert import_runs(other, store.run_dir(one)).added == [one]  # and one run's directory


def test_import_refuses_its_own_store(store: Store) -> None:
    make_run(store, "r")
    with pytest.raises(UsageError, match="is this store"):
        import_runs(store, store.root)


def _tar_with(tmp_path: Path, name: str, *, link: str | None = None,
              kind: bytes = tarfile.REGTYPE) -> Path:
    """A tar holding one good run, then one member named `name`."""
    good = "0" * 32
    path = tmp_path / "crafted.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        journal = json.dumps({"e": "start", "id": good, "command": ["x"], "cwd": "/"}).encode()
        info = tarfile.TarInfo(f"runs/{good}/journal.jsonl")
        info.size = len(journal)
        tar.addfile(info, io.BytesIO(journal))
        evil = tarfile.TarInfo(name)
        evil.type = kind
        if link is not None:
            evil.linkname = link
            tar.addfile(evil)
        else:
            evil.size = 4
            tar.addfile(evil, io.BytesIO(b"evil"))
    return path


@pytest.mark.parametrize(("name", "link", "kind"), [
    ("../evil", None, tarfile.REGTYPE),
    (f"runs/{'0' * 32}/../../../evil", None, tarfile.REGTYPE),
    ("/tmp/evil", None, tarfile.REGTYPE),
    (f"runs/{'0' * 32}/out", "/etc/passwd", tarfile.SYMTYPE),
    (f"runs/{'0' * 32}/out", "../../evil", tarfile.SYMTYPE),
    (f"runs/{'0' * 32}/out", "../other/journal.jsonl", tarfile.SYMTYPE),
    (f"runs/{'0' * 32}/hard", "/etc/passwd", tarfile.LNKTYPE),
])
def test_an_archive_escaping_the_store_is_refused_whole(
        store: Store, tmp_path: Path, name: str, link: str | None, kind: bytes) -> None:
    archive = _tar_with(tmp_path, name, link=link, kind=kind)
    before = sorted(os.listdir(store.root))
    with pytest.raises(UnsafeArchive, match="nothing was imported"):
        import_runs(store, str(archive))
    assert sorted(os.listdir(store.root)) == before
    assert os.listdir(store.runs_dir) == []
    assert not (tmp_path / "evil").exists() and not Path("/tmp/evil").exists()


def test_links_inside_a_run_and_stray_files_are_left_out(store: Store, tmp_path: Path) -> None:
    good = "0" * 32
    archive = _tar_with(tmp_path, f"runs/{good}/alias", link="journal.jsonl",
                        kind=tarfile.SYMTYPE)
    report = import_runs(store, str(archive))
    assert report.added == [good] and report.left_out == [f"runs/{good}/alias"]
    assert not os.path.lexists(Path(store.run_dir(good)) / "alias")


def test_not_an_archive(store: Store, tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar at all")
    with pytest.raises(UsageError, match="cannot read .* as a tar archive") as raised:
        import_runs(store, str(junk))
    assert "\n" not in str(raised.value) and "runlab export" in str(raised.value)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UsageError, match="no runs found"):
        import_runs(store, str(empty))


def test_cli_export_and_import(cli: Callable[..., Result], store: Store,
                               tmp_path: Path) -> None:
    ids = [make_run(store, f"r{i}") for i in range(3)]
    store.append(ids[0], [{"e": "tag", "tags": {"best": ""}}])
    r = cli("export", "--where", "tags.best", "-o", "best.tar.gz")
    assert r.code == 0, r.stderr
    assert r.stderr.startswith("exported 1 run (3 files, ") and "best.tar.gz" in r.stderr
    r = cli("import", str(tmp_path / "best.tar.gz"), "--store", str(tmp_path / "home"))
    assert r.code == 0, r.stderr
    assert r.stderr == f"imported 1 new run from {tmp_path / 'best.tar.gz'}\n"
    r = cli("import", str(tmp_path / "best.tar.gz"), "--store", str(tmp_path / "home"))
    assert r.stderr == f"imported 0 new runs from {tmp_path / 'best.tar.gz'}; 1 already here\n"
    r = cli("ls", "--json", "--store", str(tmp_path / "home"))
    assert [run["id"] for run in json.loads(r.stdout)] == [ids[0]]
    assert cli("export").code == 2
    r = cli("export", "-o", str(tmp_path / "nowhere" / "x.tar.gz"))
    assert r.code == 1 and r.stderr == (
        f"runlab: error: cannot write {tmp_path / 'nowhere' / 'x.tar.gz'}: "
        "No such file or directory\n")


def test_runs_sharing_an_artifact_export_and_import_whole(cli: Callable[..., Result],
                                                          store: Store, tmp_path: Path) -> None:
    # Both runs write the same bytes: the store keeps one blob, hard-linked into each run.
    weights = bytes(range(256)) * 64
    make = f"open('model.pt', 'wb').write({weights!r})"
    for _ in range(2):
        r = cli("--no-git", "-a", "model.pt", sys.executable, "-c", make)
        assert r.code == 0, r.stderr
    store.catch_up()
    ids = [run.id for run in store.list_runs()]
    kept = [Path(store.run_dir(i), "artifacts", "model.pt") for i in ids]
    assert len(kept) == 2 and all(p.stat().st_nlink > 2 for p in kept)  # blob + two runs

    r = cli("export", "1", "2", "-o", "both.tar.gz")
    assert r.code == 0, r.stderr
    with tarfile.open(tmp_path / "both.tar.gz") as tar:
        assert not [m.name for m in tar.getmembers() if m.islnk() or m.issym()]
    home = tmp_path / "home"
    r = cli("import", str(tmp_path / "both.tar.gz"), "--store", str(home))
    assert r.code == 0, r.stderr
    assert r.stderr.startswith("imported 2 new runs")
    for run_id in ids:
        assert (home / "runs" / run_id / "artifacts" / "model.pt").read_bytes() == weights
        listed = cli("get", run_id[:8], "model.pt", "-o", str(tmp_path / f"{run_id}.pt"),
                     "--store", str(home))
        assert listed.code == 0, listed.stderr
        assert (tmp_path / f"{run_id}.pt").read_bytes() == weights
