"""Named commands: `[commands.NAME]` in runlab.toml, filled with params and run tracked.

    [commands.train]
    run = "python train.py --lr {lr} --epochs {epochs} --data {data}"
    help = "Train the classifier"          # optional, shown by `runlab commands`

    [commands.train.params]                # defaults; a param without one must be given
    lr = 0.01
    epochs = 10

`runlab train lr=0.1 data=cifar` (or `runlab run train ...`) fills the template and runs it,
tracked. Params live in their own `params` table rather than beside `run`, so that a param can
never clash with a setting of the command, and a misspelt setting is an error, not a param.

The template is split into words with shlex first and each word filled afterwards, so a value
with spaces stays one argument and nothing goes through a shell. A `{name}` in the template is a
placeholder (names like Hydra keys: letters, digits, `_`, `.`, `-`); `{{` and `}}` are literal
braces. Values given as `KEY=VALUE` are used as typed; defaults from TOML are written the way a
command line spells them (true/false, numbers as written by Python). A param that has no value,
or a `KEY=VALUE` naming no param, is an error that lists the command's params. Other words after
the command's name, and everything after `--` (a `key=value` for the program itself), are
appended to the command line as they are.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from runlab.errors import ConfigError, UsageError

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^\W\d][\w.\-]*)\}|\{[^}]*\}?")
ASSIGNMENT = re.compile(r"([^\W\d][\w.\-]*)=(.*)", re.DOTALL)
SETTINGS = ("run", "help", "params")


@dataclass
class NamedCommand:
    """One `[commands.NAME]` table."""

    name: str
    run: str
    help: str | None = None
    defaults: dict[str, Any] = field(default_factory=dict)

    @property
    def placeholders(self) -> list[str]:
        return placeholders(self.run)

    @property
    def params(self) -> list[str]:
        """Every param the command takes: placeholders first, then defaults used nowhere."""
        names = self.placeholders
        return names + [k for k in self.defaults if k not in names]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "run": self.run, "help": self.help,
                "params": {k: self.defaults.get(k) for k in self.params},
                "required": [k for k in self.params if k not in self.defaults]}


@dataclass
class Expansion:
    """A named command filled in: the argv to run and what to record about it."""

    argv: list[str]
    params: dict[str, Any]  # every param's value, typed
    extra: dict[str, Any]  # start-event fields: command_name, command_template, command_params
    # the values of the params that fill a secret's place (`--hf-token {hub}`, a positional
    # `{hf_token}`): hidden wherever the run records its command
    secrets: list[str] = field(default_factory=list)


def placeholders(template: str) -> list[str]:
    """The distinct `{name}` placeholders of a template, in order of appearance."""
    out: list[str] = []
    for m in PLACEHOLDER.finditer(template):
        if m.group(1) and m.group(1) not in out:
            out.append(m.group(1))
    return out


def load(commands: Mapping[str, Any], origin: str = "runlab.toml") -> dict[str, NamedCommand]:
    """The `commands` setting as NamedCommands; ConfigError for a malformed table."""
    out: dict[str, NamedCommand] = {}
    for name, table in commands.items():
        where = f"{origin}: commands.{name}"
        if not isinstance(table, dict):
            raise ConfigError(f"{where} must be a table with run = \"...\"")
        unknown = [k for k in table if k not in SETTINGS]
        if unknown:
            raise ConfigError(f"{where}: unknown key {unknown[0]!r} (a command takes "
                              f"{', '.join(SETTINGS)}; put params under [commands.{name}.params])")
        run = table.get("run")
        if not isinstance(run, str) or not run.strip():
            raise ConfigError(f"{where}.run must be the command line, e.g. "
                              "\"python train.py --lr {lr}\"")
        params = table.get("params", {})
        if not isinstance(params, dict):
            raise ConfigError(f"{where}.params must be a table of default values")
        help_ = table.get("help")
        if help_ is not None and not isinstance(help_, str):
            raise ConfigError(f"{where}.help must be a string")
        try:
            shlex.split(run)
        except ValueError as e:
            raise ConfigError(f"{where}.run: {e}") from None
        for m in PLACEHOLDER.finditer(run):
            if m.group(0) not in ("{{", "}}") and not m.group(1):
                raise ConfigError(f"{where}.run: bad placeholder {m.group(0)!r} (use {{name}}, "
                                  "and {{ }} for literal braces)")
        out[name] = NamedCommand(name, run, help_, dict(params))
    return out


def find(command: Sequence[str], commands: Mapping[str, Any], cwd: str,
         origin: str = "runlab.toml") -> NamedCommand | None:
    """The named command `command` starts with, unless a file of that name is in `cwd`."""
    if not command or command[0] not in commands:
        return None
    if os.path.exists(os.path.join(cwd, command[0])):
        return None
    return load({command[0]: commands[command[0]]}, origin)[command[0]]


def expand(named: NamedCommand, words: Sequence[str],
           secret_patterns: Sequence[str] | None = None) -> Expansion:
    """Fill `named` with the `KEY=VALUE` words (the rest are appended as they are).

    The recorded `command_params` hide values whose keys look secret, as params do
    (`secret_patterns`: what `capture.args.secret_patterns` gives; the built-in ones by
    default).
    """
    from runlab.capture.args import REDACTED, SECRET_PATTERNS, parse_value, redact_mapping

    given: dict[str, str] = {}
    rest: list[str] = []
    known = named.params
    for i, word in enumerate(words):
        if word == "--":
            rest.extend(words[i + 1:])
            break
        m = ASSIGNMENT.fullmatch(word)
        if m and m.group(1) in known:
            given[m.group(1)] = m.group(2)
        elif m:
            raise UsageError(f"{named.name} has no param {m.group(1)!r} (params: "
                             f"{', '.join(known) or 'none'}); pass it to the command after --")
        else:
            rest.append(word)
    texts: dict[str, str] = {k: render(v) for k, v in named.defaults.items()}
    texts.update(given)
    missing = [k for k in named.placeholders if k not in texts]
    if missing:
        example = " ".join(f"{k}=VALUE" for k in missing)
        raise UsageError(f"{named.name} needs {', '.join(missing)}: runlab {named.name} {example}")
    words = shlex.split(named.run)
    argv = fill(words, texts) + rest
    values = {k: parse_value(given[k]) if k in given else named.defaults[k]
              for k in known if k in given or k in named.defaults}
    patterns = SECRET_PATTERNS if secret_patterns is None else secret_patterns
    secret = secret_slots(words, patterns)
    recorded = redact_mapping({k: texts[k] for k in known if k in texts}, patterns)
    for name in secret:
        if name in values and type(values[name]) is not bool and values[name] not in (None, ""):
            values[name] = recorded[name] = REDACTED
    extra = {"command_name": named.name, "command_template": named.run,
             "command_params": recorded}
    return Expansion(argv, values, extra,
                     [texts[k] for k in secret if texts.get(k) not in (None, "", "true", "false")])


def secret_slots(words: Sequence[str], patterns: Sequence[str]) -> list[str]:
    """The placeholders of a template's words that a secret fills: one named as a secret's,
    or the value of a secret's option (`--hf-token {hub}`, `--api-key={k}`, `token={t}`)."""
    from runlab.capture.args import is_option, is_secret

    slots: list[str] = []
    for i, word in enumerate(words):
        named = word.partition("=")[0] if "=" in word.partition("{")[0] else ""
        before = words[i - 1] if i and is_option(words[i - 1]) and "=" not in words[i - 1] else ""
        for name in placeholders(word):
            if name not in slots and (is_secret(name, patterns) or (named and is_secret(
                    named, patterns)) or (before and is_secret(before, patterns))):
                slots.append(name)
    return slots


def fill(words: Sequence[str], values: Mapping[str, str]) -> list[str]:
    """Put `values` into the `{name}` placeholders of each word; KeyError for a missing one."""

    def sub(m: re.Match[str]) -> str:
        if m.group(0) == "{{":
            return "{"
        if m.group(0) == "}}":
            return "}"
        if m.group(1) is None:
            return m.group(0)
        return values[m.group(1)]

    return [PLACEHOLDER.sub(sub, word) for word in words]


def render(value: Any) -> str:
    """A TOML default as a command line writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ",".join(render(v) for v in value)
    return str(value)
