"""The model registry: named, numbered versions of files that runs produced, with aliases.

`runlab model register RUN PATH --name NAME` makes the next version of NAME from one of the
run's artifacts. The registry is its own journal, `.runlab/registry.jsonl`, one event a line:

    {"e": "version", "name", "version", "run", "path", "framework", "size", "sha256", "file", "t"}
    {"e": "alias", "name", "alias", "version", "t"}

and nothing else: the registry is read straight from that journal, so `runlab reindex` (which
rebuilds index.db) cannot lose a version or an alias, and copying the journal moves the
registry. Reading it is cheap: a registry of 10,000 versions parses in well under 100 ms, so
it is not indexed. Writers take an exclusive lock (`registry.lock`) while they number a version
or move an alias, so parallel registrations never share a number.

A version's file is kept by the registry itself, hard-linked from the blob store into
`.runlab/models/<name>/<version>/<file name>`, so purging the run later loses nothing. An alias
(`champion`, `staging`) names one version at a time: setting it moves it. `NAME@latest` is
always the newest version and cannot be set.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from runlab.lifecycle import artifacts
from runlab.errors import StoreError, UsageError
from runlab.store import events as kinds
from runlab.store import journal
from runlab.store.journal import Event

REGISTRY = "registry.jsonl"
LOCK = "registry.lock"
MODELS_DIR = "models"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}")
RESERVED_ALIASES = ("latest",)


@dataclass
class ModelVersion:
    """One registered version of a model."""

    name: str
    version: int
    run_id: str
    path: str  # the artifact's path in its run
    framework: str | None
    size: int
    sha256: str
    file: str  # relative to the store's root
    created: float
    aliases: list[str] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.name}:{self.version}"

    def to_json(self) -> dict[str, Any]:
        from runlab.store.records import iso

        return {"name": self.name, "version": self.version, "run_id": self.run_id,
                "path": self.path, "framework": self.framework, "size": self.size,
                "sha256": self.sha256, "created_at": iso(self.created),
                "aliases": sorted(self.aliases)}


@dataclass
class Model:
    """A model name: its versions, oldest first, and its aliases (alias -> version)."""

    name: str
    versions: list[ModelVersion] = field(default_factory=list)
    aliases: dict[str, int] = field(default_factory=dict)

    @property
    def latest(self) -> ModelVersion:
        return self.versions[-1]

    def version(self, number: int) -> ModelVersion:
        for v in self.versions:
            if v.version == number:
                return v
        raise UsageError(f"model {self.name} has no version {number} (it has 1 to "
                         f"{self.latest.version})")

    def to_json(self) -> dict[str, Any]:
        from runlab.store.records import iso

        return {"name": self.name, "latest_version": self.latest.version,
                "versions": len(self.versions), "aliases": dict(sorted(self.aliases.items())),
                "framework": self.latest.framework, "updated_at": iso(self.latest.created)}


# -- reading ----------------------------------------------------------------------------------


def load(store_root: str) -> dict[str, Model]:
    """Every model, folded from the registry journal (sorted by name)."""
    result = journal.read(os.path.join(store_root, REGISTRY))
    models: dict[str, Model] = {}
    for e in result.events:
        name = e.get("name")
        if not isinstance(name, str):
            continue
        if e["e"] == "version" and isinstance(e.get("version"), int):
            model = models.setdefault(name, Model(name))
            model.versions.append(ModelVersion(
                name=name, version=e["version"], run_id=str(e.get("run")),
                path=str(e.get("path")), framework=e.get("framework"),
                size=int(e.get("size") or 0), sha256=str(e.get("sha256")),
                file=str(e.get("file")), created=float(e.get("t") or 0)))
        elif e["e"] == "alias" and name in models:
            if e.get("version") is None:
                models[name].aliases.pop(str(e.get("alias")), None)
            else:
                models[name].aliases[str(e.get("alias"))] = int(e["version"])
    for model in models.values():
        model.versions.sort(key=lambda v: v.version)
        for alias, number in model.aliases.items():
            with contextlib.suppress(UsageError):
                model.version(number).aliases.append(alias)
    return dict(sorted(models.items()))


def parse_ref(ref: str) -> tuple[str, int | None, str | None]:
    """`NAME`, `NAME:VERSION` or `NAME@ALIAS` as (name, version, alias)."""
    name, at, alias = ref.partition("@")
    name, colon, number = name.partition(":")
    if not NAME.fullmatch(name) or (at and not alias) or (colon and not number):
        raise UsageError(f"bad model reference {ref!r}: use NAME, NAME:VERSION or NAME@ALIAS")
    if at and colon:
        raise UsageError(f"bad model reference {ref!r}: give a version or an alias, not both")
    if colon:
        if not number.isdigit():
            raise UsageError(f"bad model version {number!r} in {ref!r}: versions are numbers")
        return name, int(number), None
    return name, None, alias or None


def get_model(models: dict[str, Model], name: str) -> Model:
    model = models.get(name)
    if model is None:
        known = ", ".join(list(models)[:10]) or "none yet"
        raise UsageError(f"no model named {name!r} (models: {known}); "
                         "`runlab model register RUN PATH --name NAME` makes one")
    return model


def resolve(models: dict[str, Model], ref: str) -> ModelVersion:
    """The version a reference names; a bare NAME is its latest version."""
    name, number, alias = parse_ref(ref)
    model = get_model(models, name)
    if number is not None:
        return model.version(number)
    if alias is None or alias == "latest":
        return model.latest
    if alias not in model.aliases:
        known = ", ".join(sorted(model.aliases)) or "none"
        raise UsageError(f"model {name} has no alias {alias!r} (aliases: {known}); "
                         f"set one with runlab model alias {name} VERSION {alias}")
    return model.version(model.aliases[alias])


def file_path(store_root: str, version: ModelVersion) -> str:
    return os.path.join(store_root, *version.file.split("/"))


# -- writing ----------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(store_root: str) -> Iterator[None]:
    fd = os.open(os.path.join(store_root, LOCK), os.O_RDWR | os.O_CREAT, journal.FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def register(store_root: str, run_id: str, run_dir: str, path: str, name: str,
             t: float | None = None) -> ModelVersion:
    """Make the next version of `name` from the run's artifact `path`."""
    if not NAME.fullmatch(name):
        raise UsageError(f"bad model name {name!r}: letters, digits, '.', '_' and '-', "
                         "starting with a letter or digit")
    found = artifacts.find(artifacts.list_artifacts(os.path.join(run_dir, journal.JOURNAL)),
                           path)
    src = artifacts.stored_file(run_dir, found.path)
    framework = detect_framework(src)
    with _locked(store_root):
        models = load(store_root)
        number = models[name].latest.version + 1 if name in models else 1
        basename = os.path.basename(found.path)
        rel = f"{MODELS_DIR}/{name}/{number}/{basename}"
        dest = os.path.join(store_root, *rel.split("/"))
        try:
            blob, size, sha = artifacts.ingest(store_root, src)
            if sha != found.sha256:
                raise StoreError(f"{src} does not match its recorded sha256 (the store is "
                                 "damaged)")
            journal.private_dirs(os.path.dirname(dest))
            artifacts.place(blob, dest)
        except OSError as e:
            raise StoreError(f"cannot store the model file at {dest}: {e.strerror}") from e
        _append(store_root, kinds.model_version(name, number, run_id, found.path, framework,
                                                size, sha, rel, t))
    return load(store_root)[name].version(number)


def set_alias(store_root: str, name: str, number: int, alias: str,
              t: float | None = None) -> ModelVersion:
    """Point `alias` at version `number` of `name` (moving it off any other version)."""
    if not NAME.fullmatch(alias) or alias in RESERVED_ALIASES:
        raise UsageError(f"bad alias {alias!r}: letters, digits, '.', '_' and '-' "
                         f"(and not {', '.join(RESERVED_ALIASES)})")
    with _locked(store_root):
        model = get_model(load(store_root), name)
        model.version(number)
        _append(store_root, kinds.model_alias(name, alias, number, t))
    return load(store_root)[name].version(number)


def _append(store_root: str, event: Event) -> None:
    try:
        journal.append(os.path.join(store_root, REGISTRY), [event], fsync=True)
    except OSError as e:
        raise StoreError(f"cannot write the registry in {store_root}: {e.strerror}") from e


# -- what a file is ---------------------------------------------------------------------------

_TORCH_LEGACY = b"\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19"  # torch's magic number, pickled as a long
_HDF5 = b"\x89HDF\r\n\x1a\n"
_ONNX_FIELDS = {0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72, 0x7a}  # ModelProto tags 2..15


def detect_framework(path: str) -> str | None:
    """The library a model file comes from, from its first bytes (and a zip's member names).

    pytorch (zip or legacy pickle), safetensors, onnx, keras (.keras zip), hdf5, xgboost (JSON,
    UBJSON or the old binary), lightgbm (text), joblib, pickle; None when nothing fits.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    ext = os.path.splitext(path)[1].lower()
    if head.startswith(b"PK\x03\x04"):
        return _zip_framework(path)
    if head[8:10] in (b'{"', b"{}") and 2 <= int.from_bytes(head[:8], "little") <= 100_000_000:
        return "safetensors"  # an 8-byte little-endian header length, then the JSON header
    if head.startswith(_HDF5):
        return "keras" if ext in (".h5", ".keras") else "hdf5"
    if head.startswith((b"tree\nversion=", b"tree\r\nversion=")):
        return "lightgbm"
    stripped = head.lstrip()
    if stripped.startswith(b"{") and b"learner" in stripped[:64]:
        return "xgboost"  # JSON ({"learner": ...}) or UBJSON ({L...learner)
    if head.startswith((b"binf", b"bs64")):
        return "xgboost"
    if head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        if _TORCH_LEGACY in head[:32]:
            return "pytorch"
        if b"joblib" in head or ext == ".joblib":
            return "joblib"
        return "pickle"
    if head[:2] in (b"\x78\x01", b"\x78\x9c", b"\x78\xda", b"\x1f\x8b") and ext == ".joblib":
        return "joblib"  # joblib's compressed dumps
    if _looks_like_onnx(head) or (ext == ".onnx" and head[:1] == b"\x08"):
        return "onnx"
    return None


def _zip_framework(path: str) -> str | None:
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    base = {n.rsplit("/", 1)[-1] for n in names}
    if "data.pkl" in base and any(n.endswith("/version") or n == "version" for n in names):
        return "pytorch"
    if "config.json" in names and ("model.weights.h5" in names or "metadata.json" in names):
        return "keras"
    if "data.pkl" in base:
        return "pytorch"
    return None


def _looks_like_onnx(head: bytes) -> bool:
    """ModelProto starts with ir_version (field 1, a small varint), then another known field."""
    return (len(head) >= 3 and head[0] == 0x08 and 1 <= head[1] <= 20
            and head[2] in _ONNX_FIELDS)


def register_matched(store_root: str, run_id: str, run_dir: str, globs: list[str],
                     name: str) -> ModelVersion:
    """Register the one artifact of a run that `globs` (its `-a` options) captured."""
    found = artifacts.list_artifacts(os.path.join(run_dir, journal.JOURNAL))
    matched = [a for a in found if a.glob in globs]
    if len(matched) != 1:
        what = "no file" if not matched else \
            f"{len(matched)} files ({', '.join(a.path for a in matched[:5])})"
        raise UsageError(f"-a matched {what}, so no model was registered; register one with "
                         f"runlab model register {run_id[:8]} PATH --name {name}")
    return register(store_root, run_id, run_dir, matched[0].path, name)
