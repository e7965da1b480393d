"""Reruns: the recorded command of a run, again, with some params changed.

`plan` works out what to run from the run's start event:

- A run of a named command ([commands.NAME]) is refilled from the template and params it
  recorded, so a positional `{data}` can be overridden too.
- Any other run has each overridden param replaced where it sits in the recorded argv:
  `--lr 0.1`, `--lr=0.1`, `-e 3`, `lr=0.1` and Hydra's `+lr=0.1` / `++lr=0.1`. A flag's whole
  value is replaced (`--layers 64 32` with `layers=128` becomes `--layers 128`). A bare flag
  set to false is dropped (`--no-KEY` turned true becomes `--KEY`), under any option its
  parser gave it (`-v` for `--verbose`, read from the params the run recorded).
- A param the argv does not hold is added in the command's own style (`Style`): Hydra's
  `key=value` (`+key=value` for a key its composed config lacks), plain `key=value` words,
  else `--key value` (a flag's bare `--key`). A key that is no param of the run is refused
  when its program's parser is known (a hook recorded its options) or its command line
  shows no style to follow; a config file's `model/width` is set as `model.width=...`.
  What the program's parser declared, as its hook recorded it in the run's params events
  (`options`: each argument's other options, the one turning a flag off, whether it is
  positional, its subcommand), is used first: a flag on by default is turned off by its
  recorded negative option, a positional is refused, a subcommand's option goes after its
  subcommand's word and a group's before it. Runs recorded before (and programs whose parser
  no hook sees) are guessed at: the negative option from the entry script's source, a
  positional from the command line's words.
- Environment variables are the run's too: `env LR=0.1 python ...`'s word is replaced, and
  the variables recorded through the `env` setting are given again (`Plan.env`).
- A value that was recorded as `***` (a secret) cannot be replayed: unless it is overridden
  the rerun is refused, naming the key to give.

The new run runs in the recorded directory, in the same experiment, with the same `-m` and `-a`
options, and records `parent` (the run it reran). With `exact`, `checkout` first recreates the
recorded code in a temporary git worktree (`git worktree add --detach` at the recorded commit,
then `git apply` of the recorded `code.patch`) and the command runs there; the worktree is
removed afterwards, whatever happens. Files the patch left out (over the size limit, binary)
cannot be recreated and are reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from runlab.lifecycle.artifacts import sha256_file
from runlab.capture.args import ASSIGNMENT, REDACTED, is_option, parse_args, parse_value
from runlab.errors import RunlabError, UsageError
from runlab.record.request import RunRequest
from runlab.store import Store
from runlab.store.journal import Event

_ASSIGNMENT = ASSIGNMENT  # (what the record reads as `key=value`, a rerun replaces)
_OVERRIDE = re.compile(r"([^\W\d][\w.\-/@]*)=(.*)", re.DOTALL)
# Hydra's own override forms, passed through as given: `+key=v`, `++key=v`, `~key[=v]`
_HYDRA_OVERRIDE = re.compile(r"(\+\+?|~)([^\W\d][\w.\-/@]*)(?:=(.*))?", re.DOTALL)
_CONFIG_FILE = re.compile(r".+\.(?:json|ya?ml|toml|ini|cfg|conf)")


@dataclass
class Plan:
    """What a rerun will run, where, and what it records."""

    parent: str  # the id of the run rerun
    number: int
    argv: list[str]
    cwd: str  # where the original ran
    extra: dict[str, Any]  # start-event fields: parent, and the named command's
    experiment: str | None = None
    metric_patterns: list[str] = field(default_factory=list)  # the original's -m
    artifacts: list[str] = field(default_factory=list)  # the original's -a
    params: list[str] = field(default_factory=list)  # KEY=VALUE: a named command's params
    git: dict[str, Any] | None = None
    git_root: str | None = None  # the original repository (not an earlier rerun's worktree)
    patch: str | None = None  # the run's code.patch, when it had one
    warnings: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # the secrets filling a named command
    env: dict[str, str] = field(default_factory=dict)  # environment variables to set

    def request(self, cwd: str, *, name: str | None = None, tags: Sequence[str] = (),
                quiet: bool = False, store: str | None = None) -> RunRequest:
        """The tracked run that reruns it in `cwd`, with the rerun's own run options."""
        return RunRequest(command=list(self.argv), cwd=cwd, name=name,
                          experiment=self.experiment, tags=list(tags), params=list(self.params),
                          metric_patterns=list(self.metric_patterns),
                          artifacts=list(self.artifacts), store=store, quiet=quiet,
                          expand=False, extra=dict(self.extra), hidden=list(self.hidden))


def start_event(store: Store, run_id: str) -> Event:
    """A run's start event: the first line of its journal."""
    try:
        with open(store.journal_path(run_id), "rb") as f:
            event = json.loads(f.readline())
    except (OSError, ValueError) as e:
        raise RunlabError(f"cannot read the start of run {run_id}: {e}") from None
    if not isinstance(event, dict) or event.get("e") != "start":
        raise RunlabError(f"run {run_id} has no start event; its journal is damaged")
    return event


def parse_overrides(words: Sequence[str], number: int | None = None) -> dict[str, str]:
    """KEY=VALUE words as a mapping (Hydra's `+key=v`, `++key=v` and `~key` under their word:
    `Style.set` passes them through as given)."""
    out: dict[str, str] = {}
    for word in words:
        m = _OVERRIDE.fullmatch(word)
        if m:
            out[m.group(1)] = m.group(2)
            continue
        h = _HYDRA_OVERRIDE.fullmatch(word)
        if h and (h.group(1) == "~" or h.group(3) is not None):
            out[word] = ""
            continue
        hint = (f", or put words to add as given after --: runlab rerun {number} -- {word}"
                if number is not None else "")
        raise UsageError(f"bad override {word!r}: use KEY=VALUE{hint}")
    return out


def plan(store: Store, run_id: str, overrides: Sequence[str], *,
         bool_flags: Sequence[str] = (), extra_words: Sequence[str] = ()) -> Plan:
    """What rerunning `run_id` with `overrides` (KEY=VALUE words) runs; `extra_words` (given
    after `--`) are added to the end of its command line as given, unchecked."""
    start = start_event(store, run_id)
    run = store.get(run_id)
    given = parse_overrides(overrides, run.number)
    origin: dict[str, Any] = start["exact"] if isinstance(start.get("exact"), dict) else {}
    cwd = origin.get("cwd") or start.get("cwd") or run.cwd
    git: dict[str, Any] | None = start["git"] if isinstance(start.get("git"), dict) else None
    options: dict[str, Any] = start["options"] if isinstance(start.get("options"), dict) else {}
    kept = {k: list(options[k]) if isinstance(options.get(k), list) else []
            for k in ("metric_pattern", "artifact")}
    params: list[str] = []
    extra: dict[str, Any] = {"parent": run_id}
    hidden: list[str] = []
    # (what the `env` setting recorded is given again; a hidden one must be given anew)
    env = {str(k): str(v) for k, v in run.env.items()} if isinstance(run.env, dict) else {}
    if start.get("command_template"):
        named = start.get("command_params") or {}
        for key in [k for k in given if k in env and k not in named]:
            env[key] = given.pop(key)
        hydra_words = [k for k in given if _HYDRA_OVERRIDE.fullmatch(k)]
        if hydra_words:
            raise UsageError(f"{hydra_words[0]!r} is a Hydra override: run {run.number}'s "
                             f"named command takes KEY=VALUE params; give words to add as "
                             f"given after --: runlab rerun {run.number} -- {hydra_words[0]}")
        argv, named_params, named_extra, hidden = _refill(start, given, run.number,
                                                          list(extra_words))
        params = [f"{k}={_text(v)}" for k, v in named_params.items()]
        extra.update(named_extra)
    else:
        argv = list(start.get("command") or run.command)
        if not argv:
            raise RunlabError(f"run {run.number} recorded no command")
        style = Style.of(store, run_id, start, run, cwd, set(bool_flags))
        style.changed = set(given)
        for key, value in given.items():
            style.set(argv, key, value, env)
        argv += _to_program(argv, extra_words)
        _refuse_redacted(argv, run.number)
    hidden_env = [k for k, v in env.items() if REDACTED in v]
    if hidden_env:
        raise UsageError(_redacted_message(hidden_env, run.number))
    patch = os.path.join(store.run_dir(run_id), "code.patch")
    return Plan(parent=run_id, number=run.number, argv=argv, cwd=cwd, extra=extra,
                experiment=start.get("experiment"), metric_patterns=kept["metric_pattern"],
                artifacts=kept["artifact"], params=params, git=git, git_root=origin.get("root") or (git or {}).get("root"),
                patch=patch if os.path.isfile(patch) else None, hidden=hidden, env=env)


def _refill(start: Event, given: Mapping[str, str], number: int,
            extra_words: list[str]) -> tuple[list[str], dict[str, Any], dict[str, Any], list[str]]:
    """A named command's run, filled again from its recorded template and params."""
    import shlex

    from runlab.launch import commands as projects

    template = str(start["command_template"])
    recorded = {str(k): str(v) for k, v in (start.get("command_params") or {}).items()}
    hidden = [k for k, v in recorded.items() if v == REDACTED and k not in given]
    if hidden:
        raise UsageError(_redacted_message(hidden, number))
    rest = list(start.get("command") or [])[len(shlex.split(template)):] + extra_words
    named = projects.NamedCommand(str(start.get("command_name")), template,
                                  defaults={k: parse_value(v) for k, v in recorded.items()})
    words = [f"{k}={v}" for k, v in given.items()] + (["--", *rest] if rest else [])
    expansion = projects.expand(named, words)
    expansion.extra["command_params"] = {
        k: REDACTED if recorded.get(k) == REDACTED and k not in given else v
        for k, v in expansion.extra["command_params"].items()
    }
    return expansion.argv, expansion.params, expansion.extra, expansion.secrets


def _text(value: Any) -> str:
    from runlab.launch import commands as projects

    return projects.render(value)


def _params_start(argv: list[str], cwd: str, parsed: Any = None) -> int:
    """Where the program's own arguments begin (after the script or `-m module`; R's after
    its `--args`, as the command line's reading found)."""
    parsed = parsed if parsed is not None else parse_args(argv, cwd=cwd)
    if argv and os.path.basename(argv[0]) == "R":
        return int(parsed.params_start)
    if parsed.script is not None and parsed.script in argv:
        return argv.index(parsed.script) + 1
    if parsed.module is not None:
        for i, token in enumerate(argv[:-1]):
            if token == "-m" and argv[i + 1] == parsed.module:
                return i + 2
            if token == f"-m{parsed.module}":
                return i + 1
    return 1


# A Hydra program: it composes its config from `key=value` words (`+key=value` adds one).
_HYDRA = re.compile(r"^[ \t]*(?:import hydra\b|from hydra\b)|@hydra\.main\b", re.MULTILINE)
_ENV_WITH_ARG = frozenset({"-u", "--unset", "-C", "--chdir", "-S", "--split-string"})
_MAX_LISTED = 20  # params named in a refusal


@dataclass
class Style:
    """How a run's command line gives its program settings, and what the program is known to
    take: what `set` needs to put an override where the program reads it."""

    number: int
    begin: int  # where the program's own arguments start in the command line
    recorded: dict[str, Any]  # the run's params
    typed: dict[str, Any]  # the params its command line gave, as typed (`b` for `-b 8`)
    aliases: dict[str, list[str]]  # a param's other options on the command line (`b`)
    hydra: bool
    words: str | None  # "option" (`--lr 0.1`), "assign" (`lr=0.1`), None: no param words
    journal: str  # the run's journal, read only to learn whether a hook reported params
    bool_flags: set[str] = field(default_factory=set)
    _known: bool | None = None
    # what the program's parser declared of each param, as its hook recorded it
    # (`events.params`'s `options`); empty for a run recorded before
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)  # the keys this rerun overrides
    make: bool = False  # a `make` command: its params words are make variables
    source: str | None = None  # the entry script's path (its parser's negative options)

    @classmethod
    def of(cls, store: Store, run_id: str, start: Event, run: Any, cwd: str,
           bool_flags: set[str]) -> Style:
        argv = [str(w) for w in start.get("command") or run.command]
        parsed = parse_args(argv, cwd=cwd)
        begin = _params_start(argv, cwd, parsed)
        recorded = dict(run.params) if isinstance(run.params, dict) else {}
        typed = dict(start["params"]) if isinstance(start.get("params"), dict) else {}
        hydra = _is_hydra(argv[begin:], cwd, parsed.script)
        journal = store.journal_path(run_id)
        options, reported = _recorded_options(journal)
        aliases: dict[str, list[str]] = {key: [
            a for a in option.get("aliases", []) if a != option.get("negative")
            and not a.startswith(("no-", "no_"))] for key, option in options.items()}
        fresh = {k: v for k, v in recorded.items() if k not in typed}
        dropped = [k for k in typed if k not in recorded]
        if not hydra:
            # (the hook named an argument by its longest option and dropped the one typed,
            # `-v` for `--verbose`: the same value under a new name, where only one matches,
            # or only one that the typed name begins, `-b` for `--batch-size`)
            for name in dropped:
                same = [k for k, v in fresh.items()
                        if type(v) is type(typed[name]) and v == typed[name]]
                if len(same) > 1:
                    same = [k for k in same if k.startswith(name)]
                if len(same) == 1 and same[0] not in options:
                    aliases.setdefault(same[0], []).append(name)
        tail = argv[begin:]
        if "--" in tail:
            tail = tail[: tail.index("--")]
        words = "option" if any(is_option(w) for w in tail) else "assign" if any(
            _ASSIGNMENT.fullmatch(w) for w in tail) else None
        known = bool(fresh or dropped or reported)
        at = _program_index(argv)
        make = at < len(argv) and os.path.basename(argv[at]) in ("make", "gmake")
        source = _source_path(cwd, parsed.script, parsed.module)
        return cls(run.number, begin, recorded, typed, aliases, hydra, words, journal,
                   bool_flags, known, make=make, source=source, options=options)

    def parser_known(self) -> bool:
        """Whether a hook reported what the program's parser read (its options, defaults
        included): then a key that is none of the run's params is none the program takes."""
        return bool(self._known)

    def option(self, name: str) -> dict[str, Any] | None:
        """What the program's parser declared of param `name` (under any of its spellings),
        as its hook recorded it; None when no hook did."""
        return next((self.options[n] for n in self.names(name) if n in self.options), None)

    def names(self, key: str) -> list[str]:
        """The spellings `key` may have on the command line: itself, the run's param of the
        same name spelt with `-` or `_`, their other options, a config file's `a/b` as `a.b`."""
        out = [key]
        plain = key.replace("_", "-")
        out += [k for k in (*self.recorded, *self.typed)
                if k not in out and k.replace("_", "-") == plain]
        for name in list(out):
            out += [a for a in self.aliases.get(name, []) if a not in out]
        if "/" in key and not self.hydra:
            out.append(key.replace("/", "."))
        return list(dict.fromkeys(out))

    def count(self, name: str) -> int | None:
        """How many words the recorded value had (-1: a flag's), None when not known."""
        if name not in self.typed and name not in self.recorded:
            return None
        was = self.typed[name] if name in self.typed else self.recorded[name]
        return len(was) if isinstance(was, list) else -1 if isinstance(was, bool) else 1

    def set(self, argv: list[str], key: str, value: str, env: dict[str, str]) -> None:
        """Put `key=value` into the command line (or `env`) where the program reads it."""
        if _set_env_word(argv, key, value):
            return
        hydra_word = _HYDRA_OVERRIDE.fullmatch(key)
        if hydra_word:
            if not self.hydra:
                raise UsageError(
                    f"{key!r} is a Hydra override, and run {self.number} is no Hydra program: "
                    f"use KEY=VALUE, or give words to add as given after --: "
                    f"runlab rerun {self.number} -- {key}")
            _drop_hydra_key(argv, hydra_word.group(2), self.begin)
            argv.append(key)  # (as given: `++epochs=5`, `+new=1`, `~seed`)
            return
        if self.make:
            self._set_make(argv, key, value, env)
            return
        names = self.names(key)
        negative = (self.option(key) or {}).get("negative")
        for name in names:
            if _replace(argv, name, value, self.begin, self.bool_flags, self.count(name),
                        negative if name == names[0] else None):
                return
        if key in env:  # (a variable the run recorded through the `env` setting)
            env[key] = value
            return
        self.append(argv, key, value, names)

    def append(self, argv: list[str], key: str, value: str, names: list[str]) -> None:
        """Add a setting the command line did not hold, in the command's own style."""
        known = next((n for n in names if n in self.recorded), None)
        if _papermill(argv):
            argv += ["-p", known or key, value]  # (a parameter papermill injects)
            return
        if self.hydra:
            # (a key of a group this rerun chooses anew, `model=mlp model.hidden=32`, is in
            # the new group's config, whatever the parent's composed)
            parts = key.split(".")
            chosen = any(".".join(parts[:i]) in self.changed for i in range(1, len(parts)))
            in_config = chosen or known is not None or any(
                k.startswith(key + ".") for k in self.recorded)
            argv.append(f"{'' if in_config else '+'}{known or key}={value}")
            return
        if known is None and (self.words is None or self.parser_known()):
            raise UsageError(self._unknown(key, value))
        name = known or key
        if self.words == "assign":
            argv.append(f"{name.replace('/', '.')}={value}")
            return
        config = self._config_word(argv)
        if "/" in name or (self.words is None and config is not None):
            raise UsageError(
                f"run {self.number}'s param {name} comes from "
                f"{'its config file ' + config if config else 'a config file'}, and its "
                f"command line takes no options or key=value words that could set it: edit "
                f"the config instead, or give words to add as given after --: "
                f"runlab rerun {self.number} -- WORDS")
        was, typed = self.recorded.get(name), parse_value(value)
        if isinstance(typed, bool) and (isinstance(was, bool) or name in self.bool_flags):
            if typed:
                self._insert(argv, name, [_option(name)])
            elif was:
                self._insert(argv, name, [self._negative(name)])
            return
        positional = (self.option(name) or {}).get("positional")
        position = self._positional(argv, name) if positional is not False else None
        if position is not None:
            raise UsageError(
                f"run {self.number}'s param {name} is the word {position!r} of its command "
                f"line (a positional argument or a subcommand), not an option: runlab does not "
                f"move such words; run the command by hand with that word changed")
        if positional:
            raise UsageError(
                f"run {self.number}'s param {name} is a positional argument that its command "
                f"line does not give (its program took the default), not an option: runlab "
                f"cannot tell where to put it; run the command by hand with it")
        self._insert(argv, name, [_option(name), value])

    def _insert(self, argv: list[str], name: str, words: list[str]) -> None:
        """Add an option's words where its parser reads them: after the word of the
        subcommand that declared it, a group's before its subcommand's word; else (no
        subcommand recorded, or its word not found) at the end."""
        option = self.option(name)
        command = option.get("command", []) if option is not None else None
        at = len(argv)
        if command:
            start = self.begin
            for word in command:
                found = self._word(argv, word, start)
                if found is None:
                    break
                start = found + 1
            else:
                at = start
        elif command is not None:
            firsts = {o["command"][0] for o in self.options.values() if o.get("command")}
            found = min((i for w in firsts if (i := self._word(argv, w, self.begin)) is not None),
                        default=None)
            at = len(argv) if found is None else found
        argv[at:at] = words

    def _word(self, argv: list[str], word: str, start: int) -> int | None:
        """Where `word` stands in argv[start:] as a word of its own, not an option's value
        (a subcommand's name); None when it does not."""
        for i in range(start, len(argv)):
            if argv[i] == "--":
                return None
            before = argv[i - 1] if i > self.begin else None
            takes = before is not None and is_option(before) and "=" not in before and (
                not self._flag(before.lstrip("-")))
            if argv[i] == word and not takes:
                return i
        return None

    def _flag(self, name: str) -> bool:
        """Whether option `name` takes no value: a flag the run typed or recorded (under any
        spelling), or the option that turns one off."""
        return self.typed.get(name) is True or any(
            isinstance(self.recorded.get(n), bool) for n in self.names(name)) or any(
            o.get("negative") == name for o in self.options.values())

    def _set_make(self, argv: list[str], key: str, value: str, env: dict[str, str]) -> None:
        """A make variable: replaced where the command line sets it (spelled as recorded:
        make's names are case-sensitive), else added as given; never a param of the program
        make runs, which only the Makefile's variables reach."""
        variables = [m.group(2) for w in argv[self.begin:]
                     if (m := _ASSIGNMENT.fullmatch(w)) and not m.group(1)]
        if key in variables:
            _replace(argv, key, value, self.begin, set(), 1)
            return
        if key in env:
            env[key] = value
            return
        like = [v for v in variables if v.lower().replace("-", "_") ==
                key.lower().replace("-", "_")]
        if like:
            raise UsageError(
                f"run {self.number}'s make variable is {like[0]}, not {key} (make's names are "
                f"case-sensitive): runlab rerun {self.number} {like[0]}={value}")
        if key in self.recorded or any(n in self.recorded for n in self.names(key)):
            raise UsageError(
                f"run {self.number}'s param {key} is read by the program that make runs, and "
                f"no variable on its command line sets it: set the Makefile's variable that "
                f"passes it, spelled as the Makefile does (runlab rerun {self.number} "
                f"NAME={value})")
        argv.append(f"{key}={value}")

    def _negative(self, name: str) -> str:
        """The option that turns off a flag that was on with no word of the command line
        turning it on (its default): its parser's, as its hook recorded it; for a run
        recorded before, `--no-NAME` read from the entry script."""
        unresolved = [k for k in self.typed if k not in self.recorded and not any(
            k in spelt for spelt in self.aliases.values())]
        if unresolved:
            raise UsageError(
                f"run {self.number} had {name} on, but runlab cannot tell which word of "
                f"its command line turned it on: run the command by hand without it")
        option = self.option(name)
        if option is not None:
            if option.get("negative"):
                return _option(str(option["negative"]))
            raise UsageError(
                f"run {self.number} had {name} on by default (no word of its command line "
                f"turned it on), and its program's parser has no option that turns it off: "
                f"run the command by hand")
        text = _read_source(self.source)
        for spelt in self.names(name):
            for negative in (f"--no-{spelt}", f"--no_{spelt}"):
                if re.search(rf"""(?<![\w-]){re.escape(negative)}(?![\w-])""", text):
                    return negative
            # argparse's BooleanOptionalAction declares `--no-NAME` itself
            call = re.search(rf"""["']--{re.escape(spelt)}["'][^()]*?BooleanOptionalAction""",
                             text)
            if call:
                return f"--no-{spelt}"
        raise UsageError(
            f"run {self.number} had {name} on by default (no word of its command line turned "
            f"it on), and runlab does not know the option that turns it off (its program's "
            f"source declares no --no-{name}): if it has one, give it after --: "
            f"runlab rerun {self.number} -- --no-{name}")

    def _positional(self, argv: list[str], name: str) -> str | None:
        """The word of the command line that gave param `name` by position (a positional
        argument's, a subcommand's name), when one and only one does; else None."""
        if name in self.typed:
            return None
        was = self.recorded.get(name)
        if was is None or isinstance(was, (bool, list, dict)):
            return None
        found: list[str] = []
        i = self.begin
        while i < len(argv) and argv[i] != "--":
            word = argv[i]
            before = argv[i - 1] if i > self.begin else None
            takes = before is not None and is_option(before) and "=" not in before and (
                self.typed.get(before.lstrip("-")) is not True)
            if not takes and not is_option(word) and not _ASSIGNMENT.fullmatch(word):
                parsed = parse_value(word)
                if type(parsed) is type(was) and parsed == was:
                    found.append(word)
            i += 1
        return found[0] if len(found) == 1 else None

    def _config_word(self, argv: list[str]) -> str | None:
        """A config file named on the command line (`train.py config.yaml`), if any."""
        return next((w for w in argv[self.begin:] if _CONFIG_FILE.fullmatch(w)), None)

    def _unknown(self, key: str, value: str) -> str:
        import difflib

        params = sorted(self.recorded)
        shown = ", ".join(params[:_MAX_LISTED]) + (
            f" and {len(params) - _MAX_LISTED} more" if len(params) > _MAX_LISTED else "")
        why = ("its program's parser takes no such option" if self.parser_known()
               else "its command line shows no way to pass it")
        close = difflib.get_close_matches(key, params, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        words = f"{key}={value}" if self.words == "assign" else f"{_option(key)} {value}"
        return (f"run {self.number} has no param {key!r} ({why}; params: {shown or 'none'}); "
                f"to add words as given: runlab rerun {self.number} -- {words}{hint}")


def _program_index(argv: Sequence[str]) -> int:
    """Where the program's word is: first, or after `env`'s options and variables."""
    at = 0
    if argv and os.path.basename(argv[0]) == "env":
        at = 1
        while at < len(argv) and (argv[at].startswith("-") or (
                _ASSIGNMENT.fullmatch(argv[at]) and argv[at][:1] not in "+~")):
            at += 2 if argv[at] in _ENV_WITH_ARG else 1
    return at


def _to_program(argv: Sequence[str], words: Sequence[str]) -> list[str]:
    """Words to add at the end of a command line, as its program reads them: R's program reads
    only the words after `--args` (those before are R's own options, `R --vanilla -f train.R
    --lr 0.1` warns of `--lr` and runs without it), so `--args` goes first where the line has
    none."""
    at = _program_index(argv)
    if words and at < len(argv) and os.path.basename(argv[at]) == "R" and "--args" not in argv:
        return ["--args", *words]
    return list(words)


def _source_path(cwd: str, script: str | None, module: str | None) -> str | None:
    """The entry script's file: the script, or `-m pkg.train`'s module under `cwd`."""
    if script:
        return os.path.join(cwd, script)
    if module:
        base = os.path.join(cwd, *module.split("."))
        for path in (base + ".py", os.path.join(base, "__main__.py")):
            if os.path.isfile(path):
                return path
    return None


def _read_source(path: str | None) -> str:
    if path is None:
        return ""
    try:
        with open(path, "rb") as f:
            return f.read(1 << 20).decode("utf-8", "replace")
    except OSError:
        return ""


def _drop_hydra_key(argv: list[str], key: str, begin: int) -> None:
    """Remove the words that set or delete Hydra key `key` (`key=`, `+key=`, `++key=`,
    `~key`): a word given for it replaces them."""
    keep = argv[:begin]
    for word in argv[begin:]:
        m = _HYDRA_OVERRIDE.fullmatch(word) or _OVERRIDE.fullmatch(word)
        name = m.group(2) if m and m.re is _HYDRA_OVERRIDE else m.group(1) if m else None
        if name != key:
            keep.append(word)
    argv[:] = keep


def _recorded_options(journal: str) -> tuple[dict[str, dict[str, Any]], bool]:
    """What the run's params events say of its program's parser, in one pass over its
    journal: each param's `options` (a later event's replacing an earlier one's), and
    whether a hook reported params at all."""
    from runlab.store.events import problem

    options: dict[str, dict[str, Any]] = {}
    reported = False
    with contextlib.suppress(OSError), open(journal, "rb") as f:
        f.readline()  # (the start event)
        for line in f:
            if b'"params"' not in line:
                continue
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if not isinstance(event, dict) or event.get("e") != "params" or problem(event):
                continue
            reported = True
            for key, option in (event.get("options") or {}).items():
                if isinstance(option, dict):
                    options[str(key)] = _option_entry(option)
    return options, reported


def _option_entry(option: dict[str, Any]) -> dict[str, Any]:
    """One param's recorded `options`, its fields of the wrong kind left out (a journal is
    input: an import, a hand edit)."""
    out: dict[str, Any] = {}
    aliases = option.get("aliases")
    if isinstance(aliases, list):
        out["aliases"] = [a for a in aliases if isinstance(a, str) and a]
    if isinstance(option.get("negative"), str) and option["negative"]:
        out["negative"] = option["negative"]
    if isinstance(option.get("positional"), bool):
        out["positional"] = option["positional"]
    command = option.get("command")
    if isinstance(command, list) and command and all(isinstance(w, str) for w in command):
        out["command"] = command
    return out


def _option(name: str) -> str:
    return f"-{name}" if len(name) == 1 else f"--{name}"


def _is_hydra(words: Sequence[str], cwd: str, script: str | None) -> bool:
    """Whether the program composes a Hydra config: its override words (`+x=1`, `~x`) say so,
    else its entry script's source does."""
    if any(w[:1] in "+~" and (_ASSIGNMENT.fullmatch(w) or w[:1] == "~") for w in words):
        return True
    if not script:
        return False
    try:
        with open(os.path.join(cwd, script), "rb") as f:
            text = f.read(1 << 20).decode("utf-8", "replace")
    except OSError:
        return False
    return _HYDRA.search(text) is not None


def _set_env_word(argv: list[str], key: str, value: str) -> bool:
    """Replace `KEY=...` among `env`'s variables before the command it runs (`env LR=0.1
    python train.py`); whether it was there."""
    if not argv or os.path.basename(argv[0]) != "env":
        return False
    i, found = 1, False
    while i < len(argv):
        word = argv[i]
        if word in _ENV_WITH_ARG:
            i += 2
            continue
        if word.startswith("-"):
            i += 1
            continue
        m = _ASSIGNMENT.fullmatch(word)
        if not m or m.group(1):
            break
        if m.group(2) == key:
            argv[i] = f"{key}={value}"
            found = True
        i += 1
    return found


_BOOL_WORDS = frozenset({"true", "false", "1", "0", "yes", "no", "on", "off"})


def _is_value(token: str) -> bool:
    return token != "--" and not is_option(token) and not _ASSIGNMENT.fullmatch(token)


# papermill's parameters, `-p NAME VALUE` (`-r` raw): a rerun replaces the VALUE
_NOTEBOOK_PARAMS = frozenset({"-p", "--parameters", "-r", "--parameters_raw"})


def _papermill(argv: Sequence[str]) -> bool:
    """Whether the command runs papermill (`papermill in.ipynb out.ipynb`, `python -m
    papermill ...`)."""
    return bool(argv) and (os.path.basename(argv[0]) == "papermill" or "papermill" in argv[1:4]
                           and "-m" in argv[1:3])


def _replace(argv: list[str], key: str, value: str, begin: int, bool_flags: set[str],
             count: int | None = None, negative: str | None = None) -> bool:
    """Put `value` wherever `key` is set in argv[begin:] (in place of the `count` words of its
    recorded value, a flag's (-1) word if it spells one, else every value word after it; its
    `--no-KEY`, or its parser's `negative` option, `--noKEY`, turned into `--KEY` for true);
    whether it was found."""
    found = False
    i = begin
    while i < len(argv):
        token = argv[i]
        if token == "--":
            break
        name = token.lstrip("-") if is_option(token) else None
        if token in _NOTEBOOK_PARAMS and i + 2 < len(argv) and argv[i + 1] == key:
            argv[i + 2] = value  # papermill's `-p lr 0.1`
            found = True
            i += 3
            continue
        if name is not None and "=" in name and name.partition("=")[0] == key:
            argv[i] = token[: token.index("=") + 1] + value
            found = True
        elif name == key:
            n = 0
            if key not in bool_flags:
                if count == -1:  # (a flag's: its word only if it spells one, `--amp true`)
                    n = int(i + 1 < len(argv) and argv[i + 1].lower() in _BOOL_WORDS)
                while count != -1 and i + 1 + n < len(argv) and _is_value(argv[i + 1 + n]) and (
                        count is None or n < count):
                    n += 1
            typed = parse_value(value)
            if n:
                argv[i + 1: i + 1 + n] = [value]
            elif typed is False:
                del argv[i]
                found = True
                continue
            elif typed is not True:
                argv.insert(i + 1, value)
            found = True
        elif name is not None and name in (f"no-{key}", negative):
            if parse_value(value) is True:
                argv[i] = token[: len(token) - len(name)] + key
            found = True
        elif name is None:
            m = _ASSIGNMENT.fullmatch(token)
            if m and m.group(2) == key:
                # (Hydra's deletion, `~seed=0`, becomes the setting)
                prefix = "" if m.group(1) == "~" else m.group(1) or ""
                argv[i] = f"{prefix}{key}={value}"
                found = True
            elif token == f"~{key}":
                argv[i] = f"{key}={value}"
                found = True
        i += 1
    return found


def _refuse_redacted(argv: Sequence[str], number: int) -> None:
    """Refuse a command line that still holds a value recorded as `***`."""
    keys: list[str] = []
    for i, token in enumerate(argv):
        if REDACTED not in token:
            continue
        m = _ASSIGNMENT.fullmatch(token.lstrip("-"))
        if m:
            keys.append(m.group(2))
        elif i and is_option(argv[i - 1]):
            keys.append(argv[i - 1].lstrip("-"))
        else:
            raise UsageError(f"run {number} was recorded with a hidden value in {token!r}; it "
                             "cannot be rerun from the record: run the command by hand")
    if keys:
        raise UsageError(_redacted_message(keys, number))


def _redacted_message(keys: list[str], number: int) -> str:
    example = " ".join(f"{k}=VALUE" for k in keys)
    return (f"run {number} was recorded with {', '.join(keys)} hidden (***); give "
            f"{'it' if len(keys) == 1 else 'them'}: runlab rerun {number} {example}")


# -- the recorded code ------------------------------------------------------------------------


@contextlib.contextmanager
def checkout(p: Plan) -> Iterator[str]:
    """Recreate the run's code in a temporary worktree; yields the directory to run in."""
    git = p.git or {}
    commit, root = git.get("commit"), p.git_root
    if not commit or not root:
        raise UsageError(f"run {p.number} recorded no git commit: --exact needs a run made in "
                         "a git repository")
    if not os.path.isdir(root):
        raise UsageError(f"the repository of run {p.number} is gone from {root}")
    rel = os.path.relpath(p.cwd, root)
    if rel.startswith(".."):
        raise UsageError(f"run {p.number} ran outside its repository {root}")
    for left in git.get("left_out") or []:
        p.warnings.append(f"not recreated (left out of the recorded patch): {left}")
    tmp = tempfile.mkdtemp(prefix="runlab-exact-")
    tree = os.path.join(tmp, "code")
    added = False
    try:
        _git(root, "worktree", "add", "--detach", "--quiet", tree, commit,
             failure=f"cannot check out commit {commit[:12]} in {root} (rebased away or "
                     "garbage-collected?)")
        added = True
        if p.patch is not None:
            _check_patch(p.patch, git.get("patch_sha256"))
            _git(tree, "apply", "--whitespace=nowarn", p.patch,
                 failure="the recorded uncommitted changes (code.patch) do not apply")
        p.extra["exact"] = {"commit": commit, "root": root, "cwd": p.cwd}
        where = os.path.normpath(os.path.join(tree, rel))
        os.makedirs(where, exist_ok=True)  # git keeps no empty directories
        yield where
    finally:
        if added:
            with contextlib.suppress(RunlabError):
                _git(root, "worktree", "remove", "--force", tree, failure="")
        shutil.rmtree(tmp, ignore_errors=True)
        with contextlib.suppress(RunlabError):
            _git(root, "worktree", "prune", failure="")


def local_program(p: Plan, where: str) -> None:
    """Run a program named by a relative path that the recreated code in `where` lacks but the
    run's directory has (`./venv/bin/python`: an untracked virtual environment) from there."""
    at = _program_index(p.argv)
    if at >= len(p.argv):
        return
    word = p.argv[at]
    if "/" not in word or os.path.isabs(word) or os.path.exists(os.path.join(where, word)):
        return
    original = os.path.normpath(os.path.join(p.cwd, word))
    if os.path.exists(original):
        p.argv[at] = original


def _check_patch(path: str, expected: str | None) -> None:
    if not expected:
        return
    if sha256_file(path) != expected:
        raise RunlabError(f"{path} does not match the patch recorded at the run's start")


def _git(cwd: str, *args: str, failure: str) -> None:
    try:
        p = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, check=False)
    except OSError as e:
        raise RunlabError(f"cannot run git: {e.strerror}") from None
    if p.returncode != 0:
        detail = (p.stderr.strip().splitlines() or [""])[-1]
        raise RunlabError(f"{failure}: {detail}" if detail else failure)
