"""Settings: runlab.toml or [tool.runlab] in pyproject.toml, RUNLAB_* variables, defaults.

Precedence, highest first: the command-line option (applied by the caller), the RUNLAB_*
environment variable, runlab.toml at the project root, [tool.runlab] in pyproject.toml there,
then the defaults below. The project root is the git repository's root, else the directory
runlab runs in.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from runlab.errors import ConfigError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

CONFIG_FILE = "runlab.toml"


def _toml() -> Any:
    """tomllib (tomli before 3.11), imported only when there is a file to read: start-up."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


class Key:
    """One setting: its name, type, default and one line of help (a plain class: `runlab
    true` reads settings, and a dataclass would cost its import on that path)."""

    __slots__ = ("name", "kind", "default", "help")

    def __init__(self, name: str, kind: type, default: Any, help: str) -> None:
        self.name = name
        self.kind = kind
        self.default = default
        self.help = help


KEYS: dict[str, Key] = {
    k.name: k
    for k in (
        Key("store", str, None, "where the store lives (default: .runlab at the project root)"),
        Key("experiment", str, "Default", "experiment of new runs"),
        Key("pty", bool, None, "give the command a pseudo-terminal (default: when stdout is one)"),
        Key("metric_patterns", list, [], "extra metric regexes (named groups key/value/step)"),
        Key("disabled_rules", list, [], "built-in metric rules switched off, by name"),
        Key("bool_flags", list, [], "flags that never take a value (--verbose data.csv)"),
        Key("ignore_params", list, [], "argument names never recorded as params"),
        Key("secret_patterns", list, [], "extra globs of names whose values are redacted"),
        Key("env", list, [], "environment variables to record (none by default)"),
        Key("artifacts", list, [], "globs of files copied into each run when it ends"),
        Key("directions", dict, {}, "metric name glob -> lower or higher is better"),
        Key("commands", dict, {}, "named commands: [commands.NAME] run = ..."),
        Key("max_patch_bytes", int, 10_000_000, "largest uncommitted diff recorded, in bytes"),
        Key("system_metrics", float, 5.0, "seconds between sys/ metric samples (0: off)"),
        Key("inject", bool, True,
            "hook Python commands: argparse arguments, framework metrics and params"),
        Key("disabled_hooks", list, [],
            "start-up hooks switched off, by name (argparse, tqdm, transformers, ...)"),
        Key("inputs", bool, True, "fingerprint the files and directories the arguments name"),
        Key("input_globs", list, [], "more input globs (may reach outside the run's directory)"),
        Key("hash_budget", int, 1 << 30, "bytes of inputs hashed whole per run; partial beyond"),
    )
}


class Settings:
    """The effective settings, one typed property per key of KEYS, and where each value came
    from ("default", a file path, or a variable). A key absent from `values` (or None there)
    has its default; `values` and `sources` hold what `runlab config` shows."""

    __slots__ = ("values", "sources", "root")

    def __init__(self, values: dict[str, Any] | None = None,
                 sources: dict[str, str] | None = None, root: str = ".") -> None:
        self.values: dict[str, Any] = {} if values is None else values
        self.sources: dict[str, str] = {} if sources is None else sources
        self.root = root

    def _value(self, key: str) -> Any:
        value = self.values.get(key)
        return KEYS[key].default if value is None else value

    @property
    def store(self) -> str | None:
        value = self.values.get("store")
        return None if value is None else str(value)

    @property
    def experiment(self) -> str:
        return str(self.values.get("experiment") or KEYS["experiment"].default)

    @property
    def pty(self) -> bool | None:
        value = self.values.get("pty")
        return None if value is None else bool(value)

    @property
    def metric_patterns(self) -> list[str]:
        return list(self._value("metric_patterns"))

    @property
    def disabled_rules(self) -> list[str]:
        return list(self._value("disabled_rules"))

    @property
    def bool_flags(self) -> list[str]:
        return list(self._value("bool_flags"))

    @property
    def ignore_params(self) -> list[str]:
        return list(self._value("ignore_params"))

    @property
    def secret_patterns(self) -> list[str]:
        return list(self._value("secret_patterns"))

    @property
    def env(self) -> list[str]:
        return list(self._value("env"))

    @property
    def artifacts(self) -> list[str]:
        return list(self._value("artifacts"))

    @property
    def directions(self) -> dict[str, str]:
        return dict(self._value("directions"))

    @property
    def commands(self) -> dict[str, Any]:
        return dict(self._value("commands"))

    @property
    def max_patch_bytes(self) -> int:
        return int(self._value("max_patch_bytes"))

    @property
    def system_metrics(self) -> float:
        return float(self._value("system_metrics"))

    @property
    def inject(self) -> bool:
        return bool(self._value("inject"))

    @property
    def disabled_hooks(self) -> list[str]:
        return list(self._value("disabled_hooks"))

    @property
    def inputs(self) -> bool:
        return bool(self._value("inputs"))

    @property
    def input_globs(self) -> list[str]:
        return list(self._value("input_globs"))

    @property
    def hash_budget(self) -> int:
        return int(self._value("hash_budget"))


def project_root(cwd: str) -> str:
    return find_repo_root(cwd) or cwd


def find_repo_root(cwd: str) -> str | None:
    """The nearest directory at or above `cwd` holding `.git` (a directory or a file)."""
    path = os.path.abspath(cwd)
    while True:
        if os.path.exists(os.path.join(path, ".git")):
            return path
        parent = os.path.dirname(path)
        if parent == path:
            return None
        path = parent


def read_file(path: str) -> dict[str, Any]:
    """The runlab table of a config file (the whole of runlab.toml, [tool.runlab] of pyproject)."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise ConfigError(f"{path}: cannot read it: {e.strerror}") from None
    pyproject = os.path.basename(path) == "pyproject.toml"
    if pyproject and b"runlab" not in raw:
        return {}  # most pyproject.toml files say nothing to runlab: skip the TOML parser
    tomllib = _toml()
    try:
        data = tomllib.loads(raw.decode())
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read it: {e}") from None
    if pyproject:
        table = data.get("tool", {}).get("runlab", {})
        return dict(table) if isinstance(table, dict) else {}
    return dict(data)


def check(key: str, value: Any, origin: str) -> Any:
    """Validate one setting; raise ConfigError naming the origin and the key."""
    spec = KEYS.get(key)
    if spec is None:
        known = ", ".join(sorted(KEYS))
        raise ConfigError(f"{origin}: unknown key {key!r} (known keys: {known})")
    if spec.kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    ok = isinstance(value, spec.kind) and not (spec.kind is int and isinstance(value, bool))
    if ok and spec.kind is list:
        ok = all(isinstance(v, str) for v in value)
    if not ok:
        raise ConfigError(
            f"{origin}: {key} must be {_kind_name(spec.kind)}, not {type(value).__name__}"
        )
    if key == "metric_patterns":
        from runlab.parsing.patterns import compile_pattern

        for pattern in value:
            try:
                compile_pattern(pattern)
            except ValueError as error:
                raise ConfigError(f"{origin}: {error}") from None
    if key == "disabled_rules" and value and origin == "command line":
        from runlab.parsing.rules import RULES

        unknown = sorted(set(value) - {rule.name for rule in RULES})
        if unknown:
            raise ConfigError(f"{origin}: disabled_rules: no rule is called "
                              f"{', '.join(unknown)} (`runlab parse --help` names them)")
    if key == "directions":
        for name, way in value.items():
            if way not in ("lower", "higher"):
                raise ConfigError(f"{origin}: directions.{name} must be \"lower\" or \"higher\"")
    return value


def _kind_name(kind: type) -> str:
    return {
        str: "a string",
        bool: "true or false",
        int: "an integer",
        float: "a number",
        list: "a list of strings",
        dict: "a table",
    }.get(kind, kind.__name__)


def from_env(key: str, text: str, origin: str | None = None) -> Any:
    """A RUNLAB_* variable's text as the setting's type (lists are comma-separated)."""
    kind = KEYS[key].kind
    origin = origin or f"RUNLAB_{key.upper()}"
    if kind is bool:
        low = text.strip().lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"{origin}: must be true or false, not {text!r}")
    if kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            what = "an integer" if kind is int else "a number"
            raise ConfigError(f"{origin}: must be {what}, not {text!r}") from None
    if kind is list and key == "metric_patterns":
        return check(key, _patterns_text(text), origin)
    if kind is list:
        return [part.strip() for part in text.split(",") if part.strip()]
    if kind is dict:
        raise ConfigError(f"{origin}: {key} can only be set in runlab.toml")
    return text


def _patterns_text(text: str) -> list[str]:
    r"""Metric patterns written as text: one a line; on one line, comma-separated where every
    part is a pattern of its own, else the whole line one (a regex may hold commas, `\d{1,3}`,
    `[,:]`)."""
    if "\n" in text:
        return [part for part in text.split("\n") if part.strip()]
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) > 1:
        from runlab.parsing.patterns import compile_pattern

        try:
            for part in parts:
                compile_pattern(part)
        except ValueError:
            return [text]
        return parts
    return [text] if text.strip() else []


def load(cwd: str, env: Mapping[str, str] = os.environ) -> Settings:
    """The effective settings for a command run in `cwd`."""
    root = project_root(cwd)
    settings = Settings(root=root)
    for key, spec in KEYS.items():
        settings.values[key] = spec.default
        settings.sources[key] = "default"
    for path in (os.path.join(root, "pyproject.toml"), os.path.join(root, CONFIG_FILE)):
        for key, value in read_file(path).items():
            settings.values[key] = check(key, value, path)
            settings.sources[key] = path
    for key in KEYS:
        name = f"RUNLAB_{key.upper()}"
        if name in env and KEYS[key].kind is not dict:
            settings.values[key] = from_env(key, env[name])
            settings.sources[key] = name
    return settings


def parse_value(key: str, text: str) -> Any:
    """A value typed on the command line (`runlab config set KEY VALUE`) as the key's type."""
    if key not in KEYS:
        check(key, None, CONFIG_FILE)
    kind = KEYS[key].kind
    if kind is dict:
        tomllib = _toml()
        try:
            value = tomllib.loads(f"v = {text}")["v"]
        except tomllib.TOMLDecodeError:
            raise ConfigError(f"{key} takes a TOML inline table, e.g. {{ loss = \"lower\" }}") from None
        return check(key, value, "command line")
    if kind is list and text.strip().startswith("["):
        tomllib = _toml()
        try:
            return check(key, tomllib.loads(f"v = {text}")["v"], "command line")
        except tomllib.TOMLDecodeError:
            if key != "metric_patterns":  # (a regex may start with a bracket)
                raise ConfigError(f"{key}: {text!r} is not a TOML list of strings") from None
    return check(key, from_env(key, text, origin=key), "command line")


def write_key(root: str, key: str, value: Any) -> str:
    """Set one key in runlab.toml at `root`, keeping the others; returns the file's path."""
    import tomli_w

    path = os.path.join(root, CONFIG_FILE)
    data = read_file(path)
    check(key, value, path)
    data[key] = value
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        tomli_w.dump(data, f)
    os.replace(tmp, path)
    return path
