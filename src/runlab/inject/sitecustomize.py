"""runlab's start-up hook for Python commands: argparse arguments and framework records.

runlab puts this directory first on PYTHONPATH for a Python command it tracks. Python imports
`sitecustomize` at start-up; this one arranges, through an import hook, that when the program
imports argparse or one of the frameworks in `_TRIGGERS` (and only then), `_runlab_hooks`
patches it to report what it parses or logs to the run. It then imports the user's own
sitecustomize, if there is one further along the path. It stays this small, and imports
nothing, so that a program that uses none of those libraries pays nothing for it.

Only one process of a run records: the first Python process to start (the one runlab started,
or the launcher it started; under a command that is not Python, `bash train.sh`, each program
of the working tree the command starts, one after the other, tools and wrappers not), or, under a launcher that sets RANK/LOCAL_RANK, rank 0; a known
launcher (`accelerate launch`, `torchrun`, `deepspeed`) records nothing itself. Its
children, which inherit this hook through PYTHONPATH, stay silent, and so does a forked
process (a DataLoader worker) that inherits the patched code (`_runlab_hooks.active`); a
process multiprocessing spawned records once it is rank 0 of the process group it joins
(Lightning's `ddp_spawn`, `torch.multiprocessing.spawn`: the rank that trains is a child).
A notebook runner (`jupyter nbconvert --execute`, `jupyter execute`, `papermill`, `jupytext
--execute`) records only papermill's parameters; each kernel it starts (`python -m
ipykernel_launcher`) records as the run's program, one after the other, and the kernel's
children stay silent.
RUNLAB_HOOKS_OFF names hooks not to install.
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
    "transformers.hf_argparser": "transformers",
    "lightning.pytorch.trainer.trainer": "lightning",
    "pytorch_lightning.trainer.trainer": "lightning",
    "keras.src.models.model": "keras",
    "xgboost.training": "xgboost",
    "xgboost.sklearn": "xgboost",
    "lightgbm.engine": "lightgbm",
    "lightgbm.sklearn": "lightgbm",
    "sklearn.base": "sklearn",
    "sklearn.model_selection._validation": "sklearn",
    "hydra._internal.hydra": "hydra",
    "lightning.pytorch.cli": "lightning_cli",
    "pytorch_lightning.cli": "lightning_cli",
    "jsonargparse._core": "jsonargparse",
    "yacs.config": "yacs",
    "absl.flags._flagvalues": "absl",
    "torch.utils.tensorboard.writer": "tensorboard",
    "tensorboardX.writer": "tensorboard",
    "wandb.sdk.wandb_run": "wandb",
    "accelerate.accelerator": "accelerate",
    "mlflow.tracking.client": "mlflow",
    "stable_baselines3.common.base_class": "stable_baselines3",
    "stable_baselines3.common.on_policy_algorithm": "stable_baselines3",
    "stable_baselines3.common.off_policy_algorithm": "stable_baselines3",
    "optuna.study.study": "optuna",
    "peft.mapping_func": "peft",
    "peft.mapping": "peft",
    "flaml.automl.automl": "flaml",
    "keras_tuner.src.engine.base_tuner": "keras_tuner",
    "keras_tuner.engine.base_tuner": "keras_tuner",
    "catboost.core": "catboost",
    "dvclive.live": "dvclive",
    "ray.tune.tuner": "ray",
    "ray.tune.tune": "ray",
    "click.core": "click",
    "typer._click.core": "click",
    "fire.core": "fire",
    "tyro._cli": "tyro",
    "pyrallis.argparsing": "pyrallis",
    "docopt": "docopt",
    "papermill.execute": "click",  # (papermill's parameters, in the runner)
}
_PID = os.getpid()


# Launchers whose options are no settings of the run: they record nothing, and the program
# they start (its rank 0) records, with or without a rank (`accelerate launch` runs one
# process with none; `dvc repro` its stages' commands).
_LAUNCHERS = frozenset({"accelerate", "accelerate-launch", "torchrun", "deepspeed", "dvc"})
_LAUNCHER_MODULES = frozenset({"torch.distributed.run", "torch.distributed.launch",
                               "accelerate.commands.launch", "accelerate.commands.accelerate_cli",
                               "deepspeed.launcher.runner", "deepspeed.launcher.launch", "dvc"})


def _launcher():
    argv = getattr(sys, "argv", None) or [""]  # (an old Python sets it after site's imports)
    if os.path.basename(argv[0]) in _LAUNCHERS:
        return True
    command = getattr(sys, "orig_argv", None) or []
    index = 1
    while index < len(command) - 1:
        token = command[index]
        if token == "-m":
            return command[index + 1] in _LAUNCHER_MODULES
        if not token.startswith("-") or token == "-c":
            return False
        index += 2 if token in ("-X", "-W") else 1  # (an option's value: `-X dev -m ...`)
    return False


# Notebook runners, by name (`jupyter` and its `jupyter-*` commands: nbconvert, execute, lab)
# or as `python -m`: their options are no settings of the run, and the kernel each starts runs
# the notebook, the run's program. A runner records only papermill's parameters
# (`_RUNNER_TRIGGERS`); the kernel records the rest, as the program a launcher starts does.
_RUNNERS = frozenset({"jupyter", "papermill", "jupytext"})
_RUNNER_MODULES = frozenset({"jupyter", "jupyter_core", "nbconvert", "nbclient", "papermill",
                             "jupytext"})
_KERNEL_MODULES = frozenset({"ipykernel_launcher", "ipykernel"})
_RUNNER_TRIGGERS = frozenset({"papermill.execute"})
_RUNNER = "RUNLAB_HOOK_RUNNER"  # the runner whose kernels may record


def _runner():
    argv = getattr(sys, "argv", None) or [""]
    name = os.path.basename(argv[0])
    if name in _RUNNERS or name.startswith("jupyter-"):
        return True
    program = _program()
    return program is not None and program[0] == "module" and program[1] in _RUNNER_MODULES


def _program():
    """What this interpreter runs: ("file", its script), ("module", the name `-m` gives), or
    None (`-c`, stdin, an interpreter alone)."""
    command = getattr(sys, "orig_argv", None) or [""] + list(getattr(sys, "argv", None) or [])
    index = 1
    while index < len(command):
        token = command[index]
        if token == "-m" or token[:2] == "-m" and len(token) > 2:
            name = token[2:] or (command[index + 1] if index + 1 < len(command) else "")
            return ("module", name) if name else None
        if token[:2] == "-c" or token == "-":
            return None
        if not token.startswith("-"):
            return ("file", token)
        index += 2 if token in ("-X", "-W") else 1
    return None


def _in_tree(root):
    """Under a command that is not Python (`bash train.sh`: `root` its working folder),
    whether this process runs a program of the working tree (its repository, found from
    `root`): `python train.py`, `python -m pkg.train`; not a tool (TensorBoard's console
    script, `python -m json.tool`, a wrapper that starts the program, `poetry run`), nor
    `python -c`. Only such a program records, and the program it starts may."""
    program = _program()
    if program is None:
        return False
    top = os.path.realpath(root)
    folder = top
    while True:  # (the repository's root: a script under `../src` from `scripts/` is its)
        if os.path.exists(os.path.join(folder, ".git")):
            top = folder
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    kind, name = program
    if kind == "module":
        here = os.getcwd()
        first = name.split(".")[0]
        path = os.path.join(here, first)
        if not (os.path.isdir(path) or os.path.isfile(path + ".py")):
            return False
    else:
        path = os.path.realpath(os.path.abspath(name))
    installed = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    try:
        if kind == "file" and any(os.path.commonpath([prefix, path]) == prefix
                                  for prefix in installed):
            # an installed console script: the project's own, pip's wrapper of a module of the
            # tree (`pip install -e .`'s `mytrain`, as `uv run mytrain` or `nohup mytrain`
            # start it), is its program; a tool's (TensorBoard's, `poetry`) is not
            path = _entry_module(path)
            if path is None:
                return False
        return os.path.commonpath([top, path]) == top and not any(
            os.path.commonpath([prefix, path]) == prefix for prefix in installed)
    except ValueError:  # (another drive)
        return False


def _entry_module(script):
    """Where the module a console script of pip's runs (`from mytrain.cli import main`) is
    found, without importing it; None for any other script."""
    try:
        with open(script, encoding="utf-8") as f:
            text = f.read(2048)
    except (OSError, UnicodeDecodeError):
        return None
    if "sys.exit(" not in text:
        return None
    for line in text.splitlines():
        if line.startswith("from ") and " import " in line:
            name = line[5:].partition(" import ")[0].strip().split(".")[0]
            try:  # (a top-level name: no package's code is run to find it)
                import importlib.util

                spec = importlib.util.find_spec(name)
            except Exception:  # (a broken finder of another package's)
                return None
            origin = getattr(spec, "origin", None)
            if not getattr(spec, "has_location", False) or not isinstance(origin, str):
                return None  # (a frozen or built-in module's, `from os import ...`)
            return os.path.realpath(origin)
    return None


def _records():
    """Whether this process is the one that reports to the run (claimed in the environment);
    "ranked": only once it is rank 0 of a process group (a process multiprocessing spawned);
    "runner": a notebook runner, which records papermill's parameters only."""
    if not os.environ.get("RUNLAB_EVENTS") or _launcher():
        return False
    owner = os.environ.get(_OWNER)
    runner = os.environ.get(_RUNNER)
    if _runner():
        # (one that a recording process starts is a tool of that program's: silent)
        if runner == str(_PID) or owner is None or owner.rstrip("r") == str(_PID):
            os.environ.pop(_OWNER, None)  # (a program that replaced itself with a runner)
            os.environ[_RUNNER] = str(_PID)
            return "runner"
        return False
    if runner is not None:
        # Each kernel a runner starts records, one after the other as it runs the notebooks
        # (their children stay silent); the runner's other children (a formatter `jupytext
        # --pipe` runs) do not.
        program = _program()
        if owner is not None or program is None or program[0] != "module" or (
                program[1] not in _KERNEL_MODULES):
            return False
        del os.environ[_RUNNER]
        os.environ[_OWNER] = str(_PID)
        return True
    nested = os.environ.get("RUNLAB_HOOK_NESTED")
    if nested and os.environ.get(_OWNER) is None and not _in_tree(nested):
        return False  # (a tool or a wrapper a script runs: the program it starts may record)
    rank = None
    for name in ("RANK", "LOCAL_RANK"):
        text = os.environ.get(name, "").strip()
        if text.lstrip("-").isdigit():
            rank = int(text)
            break
    if rank is not None and rank != 0:
        return False
    # A launcher (no rank) claims first; its rank-0 worker takes over from it. A program that
    # replaced itself (os.exec*) is still the same process.
    if owner is None or owner.rstrip("r") == str(_PID) \
            or (rank is not None and not owner.endswith("r")):
        os.environ[_OWNER] = str(_PID) + ("r" if rank is not None else "")
        return True
    if rank is None and "--multiprocessing-fork" in getattr(sys, "argv", ()):
        return "ranked"
    return False


def _install(name, module):
    hook = _TRIGGERS[name]
    try:
        import _runlab_hooks

        _runlab_hooks.install(name, module, _PID, _RECORDS == "ranked")
    except Exception as e:  # noqa: BLE001 - the program must never notice runlab
        try:
            # (no f-string: an old Python under a script reads this file too)
            sys.stderr.write("runlab: the {} hook is off ({}: {})\n".format(  # noqa: UP032
                hook, type(e).__name__, e))
        except Exception:  # noqa: BLE001
            pass


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


def _start(only=None):
    off = {h.strip() for h in os.environ.get("RUNLAB_HOOKS_OFF", "").split(",")}
    for name, hook in _TRIGGERS.items():
        if hook in off or only is not None and name not in only:
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


# (an interpreter older than the hooks know, 2.7 under a script: only the chaining below)
_RECORDS = _records() if sys.version_info >= (3, 8) else False
if _RECORDS:
    _start(_RUNNER_TRIGGERS if _RECORDS == "runner" else None)
# Our directory stays off the path of the program's own children's imports otherwise.
_chain_user_sitecustomize()
