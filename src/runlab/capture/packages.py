"""What else decides numerical results: the Python packages and interpreter a command runs
with, the GPU and its driver, and the container image.

Everything here runs in a background thread once the command has started (`environment`): the
packages are read from the interpreter's installed distributions (`*.dist-info/METADATA`,
`*.egg-info`), found through its `pyvenv.cfg` or, for an interpreter outside a virtual
environment, one short `python -c` run; pip is never started.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

_PYTHON_NAME = re.compile(r"python[\d.]*")
_PROBE = ("import sys, sysconfig, json; "
          "print(json.dumps([sys.version.split()[0], sys.executable, sys.path]))")


def canonical(name: str) -> str:
    """A distribution's name as pip compares them (PEP 503): `Foo_Bar` -> `foo-bar`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def interpreter(argv: list[str], cwd: str, env: Mapping[str, str]) -> str | None:
    """The Python interpreter that runs `argv` (itself, or a script's #! line), as a path."""
    if not argv:
        return None
    exe = _on_path(argv[0], cwd, env)
    if exe is None:
        return None
    if _PYTHON_NAME.fullmatch(os.path.basename(exe)):
        return exe
    try:
        with open(exe, "rb") as f:
            first = f.readline(256)
    except OSError:
        return None
    if not first.startswith(b"#!") or b"python" not in first:
        return None
    words = first[2:].decode(errors="replace").split()
    if words and os.path.basename(words[0]) == "env":
        words = [w for w in words[1:] if not w.startswith("-")]
    return _on_path(words[0], cwd, env) if words else None


def _on_path(program: str, cwd: str, env: Mapping[str, str]) -> str | None:
    if os.sep in program:
        path = os.path.join(cwd, program)
        return path if os.access(path, os.X_OK) else None
    for d in env.get("PATH", os.defpath).split(os.pathsep):
        path = os.path.join(d or ".", program)
        if os.access(path, os.X_OK) and not os.path.isdir(path):
            return path
    return None


def python_info(exe: str, env: Mapping[str, str], skip: Iterable[str] = ()) -> dict[str, Any]:
    """The interpreter's path, version and packages ({canonical name: version}).

    A virtual environment says where its packages are in `pyvenv.cfg`; any other interpreter
    is asked once for its `sys.path` (the same as runlab's own is not asked: it is known).
    `PYTHONPATH` entries of the command's environment count, except those in `skip`.
    """
    skip = list(skip)
    version: str | None = None
    paths: list[str] = []
    venv = os.path.dirname(os.path.dirname(os.path.abspath(exe)))
    cfg = _read_cfg(os.path.join(venv, "pyvenv.cfg"))
    if cfg is not None:
        version = cfg.get("version_info") or cfg.get("version")
        paths = _venv_site(venv)
        if cfg.get("include-system-site-packages", "false").lower() == "true":
            base = _probe(os.path.join(cfg.get("home", ""), os.path.basename(exe)), env, skip)
            if base is not None:
                paths += [p for p in base[2] if p not in paths]
    elif os.path.realpath(exe) == os.path.realpath(sys.executable) and sys.prefix == sys.base_prefix:
        version = sys.version.split()[0]
        paths = list(sys.path)
    else:
        probed = _probe(exe, env, skip)
        if probed is not None:
            version, _, paths = probed
    extra = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p not in skip]
    return {
        "path": exe,
        "version": version,
        "packages": scan_distributions(extra + paths),
    }


def _read_cfg(path: str) -> dict[str, str] | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read(64_000)
    except OSError:
        return None
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            out[key.strip().lower()] = value.strip()
    return out


def _venv_site(venv: str) -> list[str]:
    """A virtual environment's site-packages folders (lib/pythonX.Y/, or Lib/ on Windows)."""
    out = []
    for lib in ("lib", "lib64", "Lib"):
        base = os.path.join(venv, lib)
        try:
            names = sorted(os.listdir(base))
        except OSError:
            continue
        for name in names:
            site = os.path.join(base, name, "site-packages")
            if name.startswith("python") and os.path.isdir(site) and site not in out:
                out.append(site)
        if os.path.isdir(os.path.join(base, "site-packages")):
            out.append(os.path.join(base, "site-packages"))
    return out


def _probe(exe: str, env: Mapping[str, str], skip: Iterable[str] = ()
           ) -> tuple[str, str, list[str]] | None:
    import json

    # Asked as the command would start it, less runlab's start-up hook and run channel.
    probe_env = {k: v for k, v in env.items() if not k.startswith("RUNLAB_")}
    probe_env["PYTHONPATH"] = os.pathsep.join(
        p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p not in skip)
    try:
        done = subprocess.run([exe, "-c", _PROBE], env=probe_env, capture_output=True,
                              timeout=10, stdin=subprocess.DEVNULL)
        version, executable, paths = json.loads(done.stdout)
        return str(version), str(executable), [str(p) for p in paths]
    except (OSError, subprocess.SubprocessError, ValueError, TypeError):
        return None


def scan_distributions(paths: Iterable[str]) -> dict[str, str]:
    """{canonical name: version} of the distributions installed in `paths`, the first of a
    name winning as it would on import (what `pip list` shows, without starting pip)."""
    found: dict[str, str] = {}
    for path in paths:
        try:
            names = os.listdir(path or ".")
        except OSError:
            continue
        for entry in sorted(names):
            if entry.endswith(".dist-info"):
                meta = os.path.join(path, entry, "METADATA")
            elif entry.endswith(".egg-info"):
                meta = os.path.join(path, entry)
                if os.path.isdir(meta):
                    meta = os.path.join(meta, "PKG-INFO")
            else:
                continue
            name, version = _name_version(meta)
            if name and version:
                found.setdefault(canonical(name), version)
    return dict(sorted(found.items()))


def _name_version(path: str) -> tuple[str | None, str | None]:
    """The Name and Version headers of a METADATA / PKG-INFO file (its first lines)."""
    name = version = None
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if not line.strip():
                    break  # the headers end at the first blank line
                if line.startswith("Name:"):
                    name = line[5:].strip()
                elif line.startswith("Version:"):
                    version = line[8:].strip()
                if name and version:
                    break
    except OSError:
        pass
    return name, version


# -- the platform ---------------------------------------------------------------------------


def gpus() -> dict[str, Any] | None:
    """GPU models, driver and CUDA versions from `nvidia-smi -q`; None when it is not there or
    does not answer."""
    from runlab.capture.system import find_program

    exe = find_program("nvidia-smi")
    if exe is None:
        return None
    try:
        done = subprocess.run([exe, "-q"], capture_output=True, timeout=10,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return parse_nvidia_smi(done.stdout.decode(errors="replace"))


def parse_nvidia_smi(text: str) -> dict[str, Any] | None:
    """The parts of `nvidia-smi -q` that decide results: driver, CUDA, each GPU's model."""
    driver = cuda = None
    models: list[str] = []
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        if key == "Driver Version" and driver is None:
            driver = value
        elif key == "CUDA Version" and cuda is None:
            cuda = value
        elif key == "Product Name":
            models.append(value)
    if not (driver or models):
        return None
    return {"models": models, "driver": driver, "cuda": cuda}


def container(root: str = "/", env: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """The container the run is in (runtime, and image where the runtime says it), or None."""
    env = os.environ if env is None else env
    info: dict[str, Any] = {}
    cfg = _read_cfg(os.path.join(root, "run", ".containerenv"))
    if cfg is not None:  # podman (and buildah): key="value" lines
        info["runtime"] = cfg.get("engine", "").strip('"').split(" ")[0] or "podman"
        for key in ("image", "imageid", "name"):
            if cfg.get(key):
                info[key] = cfg[key].strip('"')
    elif os.path.exists(os.path.join(root, ".dockerenv")):
        info["runtime"] = "docker"
    elif env.get("container"):
        info["runtime"] = env["container"]
    if env.get("KUBERNETES_SERVICE_HOST"):
        info.setdefault("runtime", "kubernetes")
        info["kubernetes"] = True
    for var in ("CONTAINER_IMAGE", "IMAGE_NAME", "DOCKER_IMAGE"):
        if info and env.get(var):  # set by the image's author, read only inside a container
            info.setdefault("image", env[var])
    return info or None


def environment(argv: list[str], cwd: str, env: Mapping[str, str],
                skip_paths: Iterable[str] = ()) -> dict[str, Any]:
    """The environment event's body: python (None for a command that is not Python), gpu,
    container."""
    exe = interpreter(argv, cwd, env)
    out: dict[str, Any] = {
        "python": python_info(exe, env, skip_paths) if exe else None,
        "gpu": gpus(),
        "container": container(env=env),
    }
    return out
