"""The data a run read: every argument naming an existing file or directory under the run's
directory, fingerprinted in a background thread while the command runs (`Watch`).

A file is hashed whole (xxh3-128) while the run's hashing budget lasts; beyond it the
fingerprint is partial, and says so: size, modification time and sampled blocks. A directory
gets a manifest fingerprint over its files' relative paths, sizes and fingerprints. A file git
tracks is identified by its blob, the commit's or, where the work tree changed it, the one git
would store now, not hashed; a file with a DVC pointer (`NAME.dvc`) takes the
pointer's hash. A JSON, TOML or YAML file is also read into params (`optimizer/lr`).
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence

from runlab.store import events as kinds  # the one builder of each journal event

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

    from runlab.store.journal import Event

CHUNK = 1 << 20
SAMPLES = 16  # blocks read for a partial fingerprint, spread over the file
SAMPLE_BYTES = 64 << 10
MAX_DIR_FILES = 10_000  # files listed in a directory's manifest
MAX_INPUTS = 1000  # inputs recorded per run (a glob matching more records the first ones)
MAX_CONFIG_BYTES = 1 << 20  # config files larger than this are inputs, not params
MAX_CONFIG_PARAMS = 1000
CONFIG_SUFFIXES = (".json", ".toml", ".yaml", ".yml", ".cfg", ".ini")
CODE_SUFFIXES = (".py", ".sh", ".bash", ".r", ".R", ".jl", ".rb", ".pl", ".js", ".lua")


def _hasher() -> tuple[str, Callable[[], Any]]:
    """The hash of whole files: xxh3-128 (xxhash), or BLAKE2b where xxhash is missing."""
    try:
        import xxhash

        return "xxh3-128", xxhash.xxh3_128
    except ImportError:  # pragma: no cover - xxhash is a dependency
        import hashlib

        return "blake2b", lambda: hashlib.blake2b(digest_size=16)


# Options naming where a run writes (`--output out/`, `--save-dir`, `--logdir`, `-o`): what
# they name is the run's output, not its input, even when it exists before the run.
# (Not a checkpoint's path, `--ckpt_path model.pt`, which an evaluation reads; nor `--save`,
# a switch more often than not.)
_OUTPUT = re.compile(
    # (the last part of a dotted name too: LightningCLI's `--trainer.logger.save_dir`)
    r"o|(?:[\w\-]{1,60}\.){0,8}(?i:out|outdir|outfile|outputs?(?:[-_.]?(?:dir|path|file|folder|root))?"
    r"|(?:out|save|log|logging|result|results|tensorboard|tb)[-_.]?(?:dir|path|folder|root)"
    r"|save[-_]to|dest)")


def _values(argv: Sequence[str]) -> Iterable[tuple[str, str]]:
    """(option, value) of each argument value after the program: `--k=v` and `--k v` give
    ("k", "v"), a positional argument ("", its text); empty values and NULs are no values."""
    option = ""
    for word in argv[1:]:
        key, eq, value = word.partition("=") if word.startswith("-") else ("", "", word)
        if word.startswith("-") and not eq:
            option = word.lstrip("-")
            continue
        if value and "\0" not in value:
            yield (key.lstrip("-") if eq else option), value
        option = ""


# Where trackers and frameworks write each run's files by default, beside the code: DVCLive,
# W&B, MLflow, Lightning, TensorBoard's SummaryWriter, Hydra.
TRACKER_OUTPUTS = ("dvclive", "wandb", "mlruns", "mlartifacts", "lightning_logs", "runs",
                   "outputs", "multirun")


def written(argv: Sequence[str], cwd: str) -> list[str]:
    """The absolute paths the options naming where the run writes give (`--output out/`,
    `--save-dir=runs`, `-o x`), the notebook papermill writes, and the trackers' own
    folders in `cwd` (`dvclive/`, `wandb/`, `lightning_logs/`): what is there is the runs'
    output, no input and no code."""
    from runlab.capture.args import papermill_output, shell_outputs

    notebook = papermill_output(argv, cwd)
    return [os.path.realpath(os.path.join(cwd, value)) for option, value in _values(argv)
            if option and _OUTPUT.fullmatch(option)] + [
        os.path.realpath(os.path.join(cwd, name)) for name in TRACKER_OUTPUTS] + (
        [os.path.realpath(os.path.join(cwd, notebook))] if notebook else []) + [
        os.path.realpath(os.path.join(cwd, name)) for name in shell_outputs(argv)] + (
        redirected())


def redirected() -> list[str]:
    """The files runlab's own output goes to, `runlab python train.py > train.log 2>&1` (the
    shell made `train.log` before runlab started): the run's output, no code of it. Where the
    system names a descriptor's file (`/proc/self/fd`); none elsewhere."""
    paths = []
    for fd in (1, 2):
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                continue
            paths.append(os.path.realpath(os.readlink(f"/proc/self/fd/{fd}")))
        except OSError:
            continue  # (closed, or no /proc)
    return paths


def candidates(argv: Sequence[str], cwd: str, skip: Iterable[str] = (),
               globs: Sequence[str] = (),
               secret: Callable[[str], bool] = lambda key: False,
               before: float | None = None) -> list[str]:
    """The inputs a command line names: each argument value (`--k=v` gives v) that is an
    existing file or directory under `cwd`, as a path relative to it, plus the files the
    `globs` match (which may reach outside `cwd`: they are configured). `skip` holds paths
    that are not inputs (the entry script, the interpreter, artifacts); the value of an
    option whose name is `secret` (`--key-file k.json`) is never one, nor that of an option
    naming where the run writes (`--output out/`, `--save-dir`, `--logdir`, `-o`), nor the
    notebook papermill writes (`out.ipynb` of `papermill in.ipynb out.ipynb`); nor a file
    written since the command was launched at `before` (`svm-train data.svm model`'s model,
    written as the inputs are looked for: its output)."""
    from runlab.capture.args import papermill_output

    root = os.path.realpath(cwd)
    notebook = papermill_output(argv, cwd)  # (there from a run before: still its output)
    skipped = {os.path.realpath(os.path.join(cwd, s)) for s in (*skip, *(
        [notebook] if notebook else []))}
    out: list[str] = []
    for option, value in _values(argv):
        if option and (secret(option) or _OUTPUT.fullmatch(option)):
            continue
        path = os.path.realpath(os.path.join(cwd, value))
        if path in skipped or path == root or not path.startswith(root + os.sep):
            continue
        if os.path.isfile(path) or os.path.isdir(path):
            if before is not None and os.path.isfile(path) and _written_since(path, before):
                continue
            rel = os.path.relpath(path, root)
            if rel not in out:
                out.append(rel)
    if globs:
        import glob as globmod
    for pattern in globs:
        try:
            matches = sorted(globmod.glob(pattern, root_dir=cwd, recursive=True))
        except (OSError, ValueError):
            continue
        for match in matches:
            path = os.path.realpath(os.path.join(cwd, match))
            if path in skipped:
                continue
            rel = os.path.relpath(path, root) if path.startswith(root + os.sep) else path
            if rel not in out and os.path.exists(path):
                out.append(rel)
    return out[:MAX_INPUTS]


def _written_since(path: str, when: float) -> bool:
    try:
        return os.stat(path).st_mtime > when
    except OSError:
        return False


class Stopped(Exception):
    """Fingerprinting was cut short (Ctrl-C while the run waited for it)."""


class Fingerprinter:
    """Fingerprints files within a budget of bytes hashed whole, shared by all a run's inputs."""

    def __init__(self, budget: int, git_blobs: Mapping[str, str] | None = None,
                 stop: threading.Event | None = None) -> None:
        self.budget = budget
        self.stop = stop or threading.Event()  # set: hashing ends at the next chunk
        self.algo, self.new = _hasher()
        self.git_blobs = git_blobs or {}  # real path -> blob id of the files git tracks

    def file(self, path: str, st: os.stat_result) -> dict[str, Any]:
        """{fingerprint, partial, by} of one regular file."""
        blob = self.git_blobs.get(os.path.realpath(path))
        if blob is not None:
            return {"fingerprint": f"git:{blob}", "partial": False, "by": "git"}
        dvc = dvc_hash(path)
        if dvc is not None:
            return {"fingerprint": dvc, "partial": False, "by": "dvc"}
        # A file no larger than the samples costs no more to hash whole than to sample.
        if st.st_size <= self.budget or st.st_size <= SAMPLES * SAMPLE_BYTES:
            self.budget -= min(st.st_size, self.budget)
            return {"fingerprint": f"{self.algo}:{self._whole(path)}", "partial": False,
                    "by": "hash"}
        return {"fingerprint": f"partial:{self.algo}:{self._sampled(path, st)}",
                "partial": True, "by": "sample"}

    def _whole(self, path: str) -> str:
        h = self.new()
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                if self.stop.is_set():
                    raise Stopped
                h.update(chunk)
        return str(h.hexdigest())

    def _sampled(self, path: str, st: os.stat_result) -> str:
        """Size, modification time and SAMPLES blocks spread from the start to the end."""
        h = self.new()
        h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
        span = max(0, st.st_size - SAMPLE_BYTES)
        with open(path, "rb") as f:
            for i in range(SAMPLES):
                f.seek(span * i // (SAMPLES - 1))
                h.update(f.read(SAMPLE_BYTES))
        return str(h.hexdigest())

    def directory(self, path: str) -> dict[str, Any]:
        """A manifest fingerprint: each file's relative path, size and fingerprint, in order."""
        h = self.new()
        count = size = 0
        partial = truncated = False
        for rel, full, st in _walk(path):
            if count >= MAX_DIR_FILES:
                truncated = True
                break
            entry = self.file(full, st)
            partial = partial or entry["partial"]
            h.update(f"{rel}\0{st.st_size}\0{entry['fingerprint']}\n".encode())
            count += 1
            size += st.st_size
        out = {"fingerprint": f"{'partial:' if partial or truncated else ''}manifest:"
                              f"{self.algo}:{h.hexdigest()}",
               "partial": partial or truncated, "by": "manifest", "files": count, "size": size}
        if truncated:
            out["truncated"] = True
        return out


def _walk(path: str) -> Iterable[tuple[str, str, os.stat_result]]:
    """(relative path, path, stat) of the regular files under `path`, sorted; .git skipped."""
    for top, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d != ".git")
        for name in sorted(files):
            full = os.path.join(top, name)
            try:
                st = os.stat(full)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                yield os.path.relpath(full, path).replace(os.sep, "/"), full, st


_DVC_HASH = re.compile(r"^\s*-?\s*(md5|etag|checksum|sha256):\s*['\"]?([0-9A-Za-z.\-]+)", re.M)


def dvc_hash(path: str) -> str | None:
    """The hash a `PATH.dvc` pointer next to the file records (`dvc:md5:...`), or None."""
    try:
        with open(path + ".dvc", encoding="utf-8", errors="replace") as f:
            text = f.read(64_000)
    except OSError:
        return None
    m = _DVC_HASH.search(text)
    return f"dvc:{m.group(1)}:{m.group(2)}" if m else None


def git_blobs(root: str, commit: str | None, paths: Sequence[str],
              changed: Iterable[str]) -> dict[str, str]:
    """{real path: blob id} of the files under `paths` that git tracks in `commit`: the
    commit's, or what the work tree changed them to (`changed`: repository-relative paths
    from git status; `_changed_blobs`)."""
    if commit is None or not paths:
        return {}
    real_root = os.path.realpath(root)
    rels = []
    for p in paths:
        real = os.path.realpath(p)
        if real.startswith(real_root + os.sep):
            rels.append(os.path.relpath(real, real_root))
    if not rels:
        return {}
    try:
        done = subprocess.run(["git", "ls-tree", "-r", "-z", commit, "--", *rels], cwd=root,
                              capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    dirty = set(changed)
    out: dict[str, str] = {}
    changed_here = []
    for entry in done.stdout.split(b"\0"):
        meta, _, name = entry.partition(b"\t")
        parts = meta.split()
        if len(parts) != 3 or parts[1] != b"blob":
            continue
        rel = name.decode("utf-8", "surrogateescape")
        if rel in dirty or any(rel.startswith(d.rstrip("/") + "/") for d in dirty
                               if d.endswith("/")):
            changed_here.append(rel)
        else:
            out[os.path.join(real_root, rel)] = parts[2].decode("ascii")
    out.update(_changed_blobs(root, real_root, changed_here))
    return out


MAX_GIT_HASHED = 64 << 20  # a changed tracked file larger than this is hashed by runlab


def _changed_blobs(root: str, real_root: str, rels: list[str]) -> dict[str, str]:
    """{real path: blob id} of tracked files the work tree changed, as git would store them
    now (`git hash-object`, its clean filters and line endings applied): the same content is
    the same input whichever commit holds it. Not the large ones (hashed as any file)."""
    rels = [rel for rel in rels if "\n" not in rel and _size(os.path.join(real_root, rel))
            <= MAX_GIT_HASHED]
    if not rels:
        return {}
    try:
        done = subprocess.run(["git", "hash-object", "--stdin-paths"], cwd=root,
                              input="\n".join(rels).encode("utf-8", "surrogateescape"),
                              capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return {}
    ids = done.stdout.decode("ascii", "replace").split()
    if done.returncode != 0 or len(ids) != len(rels):
        return {}
    return {os.path.join(real_root, rel): blob for rel, blob in zip(rels, ids)}


def _size(path: str) -> float:
    try:
        st = os.stat(path)
    except OSError:
        return float("inf")
    return st.st_size if stat.S_ISREG(st.st_mode) else float("inf")


# -- config files -------------------------------------------------------------------------


def config_params(path: str) -> dict[str, Any] | None:
    """The values of a JSON, TOML, YAML or INI (`.cfg`, `.ini`) file flattened with `/`
    (`optimizer/lr`); None when it is no such file, cannot be read, or is not a mapping. YAML
    needs PyYAML installed."""
    value = config_document(path)
    if not isinstance(value, dict):
        return None
    out: dict[str, Any] = {}
    _flatten(value, "", out)
    return out


def config_document(path: str) -> Any:
    """What a JSON, TOML, YAML or INI file holds, as its reader gives it (a dict, a list, a
    value); None when it is no such file or cannot be read (YAML without PyYAML)."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in CONFIG_SUFFIXES:
        return None
    try:
        if os.path.getsize(path) > MAX_CONFIG_BYTES:
            return None
        with open(path, "rb") as f:
            data = f.read()
        if suffix == ".json":
            import json

            value = json.loads(data)
        elif suffix == ".toml":
            from runlab.config import _toml

            value = _toml().loads(data.decode())
        elif suffix in (".cfg", ".ini"):
            value = _ini(data.decode())
        else:
            import importlib

            try:  # PyYAML when it is installed: runlab does not depend on it
                yaml = importlib.import_module("yaml")
            except ImportError:
                return None
            value = yaml.load(data, Loader=_yaml_loader(yaml))  # noqa: S506 - a safe loader
    except Exception:  # noqa: BLE001 - any reason a file is not readable config: not params
        return None
    return value


# A reference to another value, `${paths.root}` (OmegaConf's, spaCy's, DVC's: `${ item }`,
# `${models[0]}` too; not one escaped, `\${name}`)
_REFERENCE = re.compile(r"(?<!\\)\$\{\ {0,4}([\w.\-\[\]]{1,200})\ {0,4}\}")
MISSING = object()  # what a lookup of `filled` gives for a name it does not know


def filled(item: str, lookup: Callable[[str], Any]) -> Any:
    """A text's `${name}` references filled by `lookup` (`MISSING` for a name it does not
    know): a whole reference is the value, one inside a text is its text
    (`"${paths.root}/train.csv"`); one to nothing, or to a dict or list inside a text, stays
    as written."""
    whole = _REFERENCE.fullmatch(item.strip())
    if whole is not None:
        found = lookup(whole.group(1))
        return item if found is MISSING else found

    def text(match: re.Match[str]) -> str:
        found = lookup(match.group(1))
        return match.group(0) if found is MISSING or isinstance(found, (dict, list)) else (
            str(found))

    return _REFERENCE.sub(text, item)
# Logging's own configuration (`logging.config.fileConfig`): no settings of a run.
_LOGGING_SECTIONS = frozenset({"loggers", "handlers", "formatters"})


def _ini(text: str) -> dict[str, Any]:
    """An INI file's sections as nested dicts (spaCy's `config.cfg`: `[training.optimizer]`
    is training/optimizer), each value as JSON reads it (`0.001`, `true`, `null`, `"en"`,
    `[]`), else its text (`True`/`False` a bool); its `${section.key}` references are left
    for `resolved`, once the command line's overrides are in. A logging configuration is
    none; `[DEFAULT]`'s keys are its own section's, not every section's."""
    import configparser
    import json

    # (strict: a file of repeated sections, darknet's `[convolutional]` a layer, is no settings)
    parser = configparser.ConfigParser(interpolation=None, strict=True, delimiters=("=",),
                                       default_section="\x00")
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # (keys keep their case)
    parser.read_string(text)
    raw = {section: dict(parser[section]) for section in parser.sections()}
    if _LOGGING_SECTIONS <= set(raw):
        return {}

    def value(text: str) -> Any:
        try:
            return json.loads(text)
        except ValueError:
            return {"True": True, "False": False}.get(text.strip(), text.strip())

    out: dict[str, Any] = {}
    for section, items in raw.items():
        place = out
        for part in section.split("."):
            inner = place.setdefault(part, {})
            place = inner if isinstance(inner, dict) else {}
        place.update({key: value(text) for key, text in items.items()})
    return out


def resolved(params: dict[str, Any], others: Mapping[str, Any] | None = None,
             secret: Callable[[str], bool] = lambda key: False) -> dict[str, Any]:
    """A config file's params with their `${section.key}` references (spaCy's, OmegaConf's)
    replaced by the values those keys have there (`/` for the dots), else in `others` (the
    command line's, by their dotted names): a whole reference is the value, one inside a
    text is its text (`"${paths.root}/train.csv"`); one to nothing stays as it is, and one to
    a key that is `secret` (`${db.password}`) is `***`, wherever it is."""
    from runlab.capture.args import REDACTED

    own = list(params)
    known = {**{key.replace(".", "/"): item for key, item in (others or {}).items()}, **params}

    def lookup(name: str, depth: int) -> Any:
        key = name.replace(".", "/")
        if secret(name) or secret(key.rsplit("/", 1)[-1]):
            return REDACTED
        return value(known[key], depth + 1) if key in known else MISSING

    def value(item: Any, depth: int = 0) -> Any:
        if not isinstance(item, str) or "${" not in item or depth > 8:
            return item
        return filled(item, lambda name: lookup(name, depth))

    return {key: value(params[key]) for key in own}


_LOADERS: dict[int, Any] = {}


def _yaml_loader(yaml: Any) -> Any:
    """PyYAML's safe loader reading the numbers YAML 1.2 spells without a point (`lr: 1e-3`),
    which PyYAML (YAML 1.1) reads as text and OmegaConf, Hydra and jsonargparse as the float
    the program uses; a quoted one stays text, one that would overflow too (a commit,
    `3e45219`)."""
    loader: Any = _LOADERS.get(id(yaml))
    if loader is None:
        from runlab.capture.args import FLOAT, parse_value

        loader = type("Loader", (yaml.SafeLoader,), {})
        _LOADERS[id(yaml)] = loader
        loader.add_constructor("tag:runlab,2026:float",
                               lambda load, node: parse_value(load.construct_scalar(node)))
        loader.add_implicit_resolver("tag:runlab,2026:float", FLOAT, list("-+0123456789."))
    return loader


def _flatten(value: Mapping[Any, Any], prefix: str, out: dict[str, Any]) -> None:
    for key, item in value.items():
        if len(out) >= MAX_CONFIG_PARAMS:
            return
        name = f"{prefix}{key}"
        if isinstance(item, Mapping) and item:
            _flatten(item, f"{name}/", out)
        elif item is None or isinstance(item, (bool, int, float, str)):
            out[name] = item
        elif isinstance(item, list) and all(
                x is None or isinstance(x, (bool, int, float, str)) for x in item):
            out[name] = item
        else:
            out[name] = str(item)


# -- the run's watch --------------------------------------------------------------------------


class Watch:
    """Fingerprints a run's inputs and reads its environment in a thread, once it has started.

    `take()` hands the journal events over once they are ready (never waiting); `finish()`
    waits for the thread, checks whether an input changed while the run was going, and returns
    what is left to record and the problems to tell.
    """

    def __init__(self, paths: list[str], cwd: str, budget: int,
                 git: tuple[str, str | None, list[str]] | None,
                 environment: Callable[[], dict[str, Any]] | None,
                 config: Callable[[dict[str, Any]], tuple[dict[str, Any], list[str]]]) -> None:
        self.paths = paths
        self.cwd = cwd
        self.budget = budget
        self.git = git  # (root, commit, changed files) when the run is in a repository
        self.environment = environment
        # redacts, and drops the keys the command line set: (params, params dropped)
        self.config = config
        self.events: list[Event] = []
        self.stats: dict[str, tuple[int, int]] = {}
        self.packages: dict[str, str] = {}  # of the Python command, once read
        self.file_params: dict[str, Any] = {}  # the params read from config files
        self.inputs: dict[str, dict[str, Any]] = {}
        self.problems: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="runlab-inputs", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def take(self) -> list[Event]:
        with self._lock:
            events, self.events = self.events, []
        return events

    def _emit(self, event: Event) -> None:
        with self._lock:
            self.events.append(event)

    def _run(self) -> None:
        try:
            if self.environment is not None:
                body = self.environment()
                self.packages = dict((body.get("python") or {}).get("packages") or {})
                self._emit(kinds.environment(body))
            if self.paths:
                self._fingerprint()
        except Stopped:
            self.problems.append("inputs not fingerprinted: interrupted")
        except Exception as e:  # noqa: BLE001 - a thread's failure is told, never raised
            self.problems.append(f"inputs not fingerprinted: {e}")

    def _fingerprint(self) -> None:
        full = [os.path.join(self.cwd, p) for p in self.paths]
        blobs = git_blobs(self.git[0], self.git[1], full, self.git[2]) if self.git else {}
        printer = Fingerprinter(self.budget, blobs, self._stop)
        params: dict[str, Any] = {}
        for rel, path in zip(self.paths, full):
            try:
                st = os.stat(path)
                self.stats[rel] = (st.st_size, st.st_mtime_ns)
                if stat.S_ISDIR(st.st_mode):
                    entry = {"kind": "dir", "mtime": st.st_mtime, **printer.directory(path)}
                else:
                    entry = {"kind": "file", "size": st.st_size, "mtime": st.st_mtime,
                             **printer.file(path, st)}
                    for key, value in (config_params(path) or {}).items():
                        params.setdefault(key, value)
            except OSError as e:
                self.problems.append(f"input {rel} not fingerprinted: {e.strerror or e}")
                continue
            self.inputs[rel] = entry
        if params:
            params, dropped = self.config(params)
            if params:
                self.file_params = params
            if params or dropped:
                self._emit(kinds.params(params, dropped))
        if self.inputs:
            self._emit(kinds.inputs(dict(self.inputs)))

    def finish(self, outputs: Iterable[str] = ()) -> tuple[list[Event], list[str]]:
        """Wait for the thread; then the events left, with the inputs that changed during the
        run marked (and `outputs`, files the run wrote that are artifacts, left out)."""
        try:
            self._thread.join()
        except KeyboardInterrupt:  # Ctrl-C while the run waits for the hash: stop hashing
            self._stop.set()
            self._thread.join()
        events = self.take()
        outputs = set(outputs)
        changed = [rel for rel, (size, mtime) in self.stats.items()
                   if rel not in outputs and _stat_key(os.path.join(self.cwd, rel),
                                                       self.inputs.get(rel)) != (size, mtime)]
        gone = [rel for rel in self.inputs if rel in outputs]
        if changed or gone:
            inputs = {rel: ({**e, "changed_during_run": True} if rel in changed else e)
                      for rel, e in self.inputs.items() if rel not in outputs}
            events = [e for e in events if e["e"] != "inputs"]
            events.append(kinds.inputs(inputs))
            self.problems += [f"input {rel} changed while the run was going" for rel in changed]
        return events, self.problems


def requirements(packages: Mapping[str, str]) -> str:
    """`name==version` lines, as `pip freeze` writes them (`pip install -r` takes them)."""
    return "".join(f"{name}=={version}\n" for name, version in sorted(packages.items()))


def _stat_key(path: str, entry: dict[str, Any] | None) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
