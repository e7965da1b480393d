"""runlab's start-up hook for Python commands: records the arguments argparse parsed.

runlab puts this directory first on PYTHONPATH for a Python command it tracks. Python imports
`sitecustomize` at start-up; this one arranges for argparse, whenever the program imports it,
to report every parsed argument (defaults included, typed as argparse typed them) to the run
through RUNLAB_EVENTS. It then imports the user's own sitecustomize, if there is one further
along the path. It imports nothing heavy and never raises into the program.
"""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))


def _report(parser, namespace, argv):
    import json

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
        entries.append({"key": longest.lstrip("-"), "value": value, "given": explicit})
    if not entries:
        return
    line = json.dumps({"argparse": entries}, default=str) + "\n"
    fd = os.open(os.environ["RUNLAB_EVENTS"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def _patch(argparse):
    original = argparse.ArgumentParser.parse_known_args
    if getattr(original, "_runlab", False):
        return

    def parse_known_args(self, args=None, namespace=None):
        result = original(self, args, namespace)
        try:
            _report(self, result[0], sys.argv[1:] if args is None else list(args))
        except Exception:  # noqa: BLE001 - the program must never notice runlab
            pass
        return result

    parse_known_args._runlab = True
    argparse.ArgumentParser.parse_known_args = parse_known_args


class _ArgparseFinder:
    """Patches argparse when (and only if) the program imports it."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != "argparse":
            return None
        sys.meta_path.remove(cls)
        try:
            import importlib.util

            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, cls)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            try:
                _patch(module)
            except Exception:  # noqa: BLE001
                pass
            sys.meta_path[:] = [f for f in sys.meta_path if f is not cls]

        loader.exec_module = exec_and_patch
        return spec


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


if os.environ.get("RUNLAB_EVENTS"):
    if "argparse" in sys.modules:
        _patch(sys.modules["argparse"])
    else:
        sys.meta_path.insert(0, _ArgparseFinder)
# Our directory stays off the path of the program's own children's imports otherwise.
_chain_user_sitecustomize()
