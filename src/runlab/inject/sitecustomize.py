"""runlab's start-up hook for Python commands: argparse arguments and framework records.

runlab puts this directory first on PYTHONPATH for a Python command it tracks. Python imports
`sitecustomize` at start-up; this one arranges, through an import hook, that when the program
imports argparse or one of the frameworks in `_TRIGGERS` (and only then), what that library
parses or logs is reported to the run through RUNLAB_EVENTS: parsed arguments here, framework
metrics and hyperparameters in `_runlab_hooks`. It then imports the user's own sitecustomize,
if there is one further along the path.

Only one process of a run records: the first Python process to start (the one runlab started,
or the launcher it started), or, under a launcher that sets RANK/LOCAL_RANK, rank 0. Its
children, which inherit this hook through PYTHONPATH, stay silent, and so does a forked
process (a DataLoader worker) that inherits the patched code. Names and values that look
secret (the patterns the run's settings merge, passed in RUNLAB_SECRETS) are redacted here,
before anything is written. A hook that fails turns itself off with one line on stderr; the
program never notices otherwise. It imports nothing heavy at start-up.
"""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
_OWNER = "RUNLAB_HOOK_OWNER"

# Module whose import (when it completes) installs a hook, and the hook's name.
_TRIGGERS = {
    "argparse": "argparse",
    "tqdm.std": "tqdm",
    "transformers.trainer": "transformers",
    "lightning.pytorch.trainer.trainer": "lightning",
    "pytorch_lightning.trainer.trainer": "lightning",
    "keras.src.models.model": "keras",
    "xgboost.training": "xgboost",
    "xgboost.sklearn": "xgboost",
    "lightgbm.engine": "lightgbm",
    "lightgbm.sklearn": "lightgbm",
    "sklearn.base": "sklearn",
    "hydra._internal.hydra": "hydra",
}
_PID = os.getpid()
_SELF = sys.modules[__name__]
_state = {"fd": None, "secrets": None}


def _records():
    """Whether this process is the one that reports to the run (claimed in the environment)."""
    if not os.environ.get("RUNLAB_EVENTS"):
        return False
    rank = None
    for name in ("RANK", "LOCAL_RANK"):
        text = os.environ.get(name, "").strip()
        if text.lstrip("-").isdigit():
            rank = int(text)
            break
    if rank is not None and rank != 0:
        return False
    owner = os.environ.get(_OWNER)
    # A launcher (no rank) claims first; its rank-0 worker takes over from it.
    if owner is None or (rank is not None and not owner.endswith("r")):
        os.environ[_OWNER] = str(_PID) + ("r" if rank is not None else "")
        return True
    return False


def active():
    """Whether writing is allowed here: the recording process, not a fork of it."""
    return os.getpid() == _PID


def _secrets():
    if _state["secrets"] is None:
        import json
        import re

        try:
            spec = json.loads(os.environ.get("RUNLAB_SECRETS") or "{}")
        except ValueError:
            spec = {}
        names = [str(p).lower() for p in spec.get("names") or ()]
        values = [re.compile(p) for p in spec.get("values") or ()]
        url = re.compile(spec["url"]) if spec.get("url") else None
        _state["secrets"] = (names, values, url)
    return _state["secrets"]


def _secret_name(key):
    from fnmatch import fnmatchcase

    lowered = str(key).lower()
    names = {lowered, lowered.lstrip("-+~")}
    return any(fnmatchcase(n, p) for n in names for p in _secrets()[0])


def _redact_text(text):
    _, values, url = _secrets()
    if url is not None:
        def strip(match):
            scheme, userinfo = match["scheme"], match["userinfo"]
            if ":" in userinfo or scheme.lower() in ("http://", "https://"):
                return scheme
            return match[0]

        text = url.sub(strip, text)
    for pattern in values:
        text = pattern.sub("***", text)
    return text


def _redact_any(value):
    if isinstance(value, str):
        return _redact_text(value)
    if isinstance(value, dict):
        return redact(value)
    if isinstance(value, (list, tuple)):
        return [_redact_any(v) for v in value]
    return value


def redact(values):
    """The same redaction as the wrapper's (capture/args.py), applied before writing."""
    out = {}
    for key, value in values.items():
        name = _redact_text(str(key))
        hides_nothing = value is None or isinstance(value, bool) or value == ""
        out[name] = "***" if _secret_name(name) and not hides_nothing else _redact_any(value)
    return out


def emit(message):
    """Append one JSON line to the events channel (the recording process only)."""
    if not active():
        return
    import json

    line = (json.dumps(message, default=str) + "\n").encode()
    if _state["fd"] is None:
        _state["fd"] = os.open(os.environ["RUNLAB_EVENTS"],
                               os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
    os.write(_state["fd"], line)


_failed = set()


def fail(hook, error):
    """Turn a hook off after an error, saying so once; the program goes on."""
    if hook in _failed:
        return
    _failed.add(hook)
    try:
        sys.stderr.write(f"runlab: the {hook} hook is off ({type(error).__name__}: "
                         f"{str(error)[:200]}); metrics are read from the output\n")
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - a closed stderr must not stop the program either
        pass


def _report(parser, namespace, argv):
    given = set(argv or ())
    entries = []
    for action in getattr(parser, "_actions", []):
        dest = getattr(action, "dest", None)
        if not dest or dest == "help" or not hasattr(namespace, dest):
            continue
        value = getattr(namespace, dest)
        if value is not None and not isinstance(value, (bool, int, float, str, list, tuple)):
            value = str(value)
        if isinstance(value, tuple):
            value = list(value)
        if isinstance(value, list):
            value = [v if isinstance(v, (bool, int, float, str)) or v is None else str(v)
                     for v in value]
        longest = max(action.option_strings, key=len) if action.option_strings else dest
        explicit = any(s in given or any(a.startswith(s + "=") for a in given)
                       for s in action.option_strings)
        key = longest.lstrip("-")
        entries.append({"key": key, "value": redact({key: value})[_redact_text(key)],
                        "given": explicit})
    if entries:
        emit({"argparse": entries})


def _patch_argparse(argparse):
    original = argparse.ArgumentParser.parse_known_args
    if getattr(original, "_runlab", False):
        return

    def parse_known_args(self, args=None, namespace=None):
        result = original(self, args, namespace)
        if "argparse" not in _failed:
            try:
                _report(self, result[0], sys.argv[1:] if args is None else list(args))
            except Exception as e:  # noqa: BLE001 - the program must never notice runlab
                fail("argparse", e)
        return result

    parse_known_args._runlab = True
    argparse.ArgumentParser.parse_known_args = parse_known_args


def _install(name, module):
    hook = _TRIGGERS[name]
    if hook in _failed:
        return
    try:
        if hook == "argparse":
            _patch_argparse(module)
        else:
            import _runlab_hooks

            _runlab_hooks.install(name, module, _SELF)
    except Exception as e:  # noqa: BLE001
        fail(hook, e)


_waiting = {}  # trigger modules not imported yet, to the hook they install


class _Finder:
    """Installs a hook when (and only when) the program imports the module it patches."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name not in _waiting:
            return None
        import importlib.util

        del _waiting[name]
        sys.meta_path.remove(cls)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            if _waiting:
                sys.meta_path.insert(0, cls)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        exec_module = spec.loader.exec_module

        def exec_and_install(module):
            exec_module(module)
            _install(name, module)

        spec.loader.exec_module = exec_and_install
        return spec


def _start():
    off = {h.strip() for h in os.environ.get("RUNLAB_HOOKS_OFF", "").split(",")}
    for name, hook in _TRIGGERS.items():
        if hook in off:
            continue
        if name in sys.modules:
            _install(name, sys.modules[name])
        else:
            _waiting[name] = hook
    if _waiting:
        sys.meta_path.insert(0, _Finder)


def _chain_user_sitecustomize():
    """Import the sitecustomize this one hides, as Python would have without runlab."""
    mine = sys.modules.pop("sitecustomize", None)
    saved = list(sys.path)
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]
    try:
        import importlib

        importlib.import_module("sitecustomize")
    except ImportError:
        pass
    finally:
        sys.path[:] = saved
        if mine is not None and "sitecustomize" not in sys.modules:
            sys.modules["sitecustomize"] = mine


if _records():
    _start()
# Our directory stays off the path of the program's own children's imports otherwise.
_chain_user_sitecustomize()
