"""runlab's hooks, loaded by its start-up hook (sitecustomize) when a program imports argparse
or a framework.

Each hook patches the library's own path (argparse's parse, a framework's callback, logger
call or fit method) so that what it parses or logs reaches the run through the events channel
(RUNLAB_EVENTS) at full precision and at the framework's own step; hyperparameters the
framework knows become params. Every framework line names its hook ("hook"), so the wrapper
reads no twin of those keys from the output. Names and values that look secret (the patterns
the run's settings merge, passed in RUNLAB_SECRETS) are redacted here, before anything is
written. A hook that fails turns itself off with one line on stderr (`fail`) and calls the
library's code as if runlab were not there. Plain Python: this runs on the program's
interpreter, without runlab.
"""

import math
import os
import sys
import threading
import time
import weakref
from collections import deque


def _own_imports():
    """The standard library's modules the hooks use (json, re, fnmatch), never a program's
    file of the same name beside its script (a `json.py`): only where the script's folder,
    first on the path by now, holds such a file, it is left out while they are imported, and
    those the program had not imported (their submodules too) are taken out of `sys.modules`
    again, so that its own `import json` finds its file as without runlab."""
    names = ("fnmatch", "json", "re")
    head = sys.path[0] if sys.path else None
    shadowed = False
    if head is not None:
        shadowed = any(name not in sys.modules and (
            os.path.exists(os.path.join(head or ".", name + ".py"))
            or os.path.isdir(os.path.join(head or ".", name))) for name in names)
    if not shadowed:
        import fnmatch
        import json
        import re
        return fnmatch, json, re
    before = set(sys.modules)
    del sys.path[0]
    try:
        import fnmatch
        import json
        import re
    finally:
        sys.path.insert(0, head)
        for name in set(sys.modules) - before:
            if name.split(".", 1)[0] in names:
                sys.modules.pop(name, None)
    return fnmatch, json, re


_fnmatch, _json, _re = _own_imports()

_state = {"fd": None, "file": None, "secrets": None, "pid": None, "ranked": False}
_failed = set()


def install(name, module, pid, ranked=False):
    """Patch `module` (just imported) for the hook it triggers; `pid` is the recording one;
    `ranked`: it records only once it is rank 0 of a process group (a process
    multiprocessing spawned, `ddp_spawn`'s and `torch.multiprocessing.spawn`'s ranks)."""
    _state["pid"] = pid
    _state["ranked"] = ranked
    hook = "argparse" if name == "argparse" else _INSTALLERS[name].__name__.lstrip("_")
    if hook in _failed:
        return
    try:
        (_argparse if name == "argparse" else _INSTALLERS[name])(module)
    except Exception as e:  # noqa: BLE001 - the program must never notice runlab
        fail(hook, e)


def active():
    """Whether writing is allowed here: the recording process, not a fork of it."""
    return os.getpid() == _state["pid"] and (not _state["ranked"] or _rank_zero())


def _rank_zero():
    """Whether this spawned process is rank 0 of the process group it has joined (asked of
    torch once it has joined one, then known: never again, at its exit neither)."""
    known = _state.get("rank_zero")
    if known is not None:
        return known
    distributed = sys.modules.get("torch.distributed")
    try:
        if distributed is None or not (distributed.is_available()
                                       and distributed.is_initialized()):
            return False
        known = _state["rank_zero"] = distributed.get_rank() == 0
    except Exception:  # noqa: BLE001 - the program must never notice runlab
        return False
    return known


def _secrets():
    if _state["secrets"] is None:
        json, re = _json, _re
        try:
            spec = json.loads(os.environ.get("RUNLAB_SECRETS") or "{}")
        except ValueError:
            spec = {}
        names = [str(p).lower() for p in spec.get("names") or ()]
        values = [re.compile(p) for p in spec.get("values") or ()]
        url = re.compile(spec["url"]) if spec.get("url") else None
        pairs = re.compile(spec["pairs"]) if spec.get("pairs") else None
        humps = re.compile(spec["humps"]) if spec.get("humps") else None
        plain = re.compile(spec["plain"]) if spec.get("plain") else None
        builtin = {str(p).lower() for p in spec.get("builtin") or ()}
        options = re.compile(spec["options"]) if spec.get("options") else None
        word = re.compile(spec["word"]) if spec.get("word") else None
        _state["secrets"] = (names, values, url, (pairs, options, word), humps, (plain, builtin))
    return _state["secrets"]


def _secret_name(key):
    fnmatchcase = _fnmatch.fnmatchcase

    names, _, _, _, humps, (plain, builtin) = _secrets()
    bare = str(key).lstrip("-+~")
    forms = {str(key).lower(), bare.lower(), bare.lower().replace("-", "_")}
    if humps is not None:
        forms.add(humps.sub("_", bare).lower())  # camelCase words: dbPass as db_pass
    # (words that name no secret, max_new_tokens, tokenizer: out, for the built-in patterns)
    kept = forms if plain is None else {plain.sub("", n) for n in forms}
    return any(fnmatchcase(n, p) for p in names for n in (kept if p in builtin else forms))


def _redact_text(text):
    _, values, url, (pairs, options, _), _, _ = _secrets()
    if url is not None:
        def strip(match):
            scheme, userinfo = match["scheme"], match["userinfo"]
            if ":" in userinfo or scheme.lower() in ("http://", "https://"):
                return scheme
            return match[0]

        text = url.sub(strip, text)
    for pattern in values:
        text = pattern.sub("***", text)

    def hide(match):
        value = match["value"]
        if not _secret_name(match["key"]):
            # (a pair inside a pair's value, `override_dirname: +db.password=x,seed=1`)
            inner = value[1:] if value[:1] in "+~" else value
            if len(value) > 2 and ("=" in inner or ":" in inner) and pairs.search(inner):
                return (match[0][: match.start("value") - match.start()]
                        + value[: len(value) - len(inner)] + _redact_text(inner))
            return match[0]
        if value.strip("\"'") == "***":
            return match[0]
        quote = value[0] if value[0] in "\"'" else ""
        return match[0][: match.start("value") - match.start()] + quote + "***" + quote

    if pairs is not None and (":" in text or "=" in text):
        text = pairs.sub(hide, text)
    if options is not None and "-" in text and " " in text:
        text = options.sub(hide, text)
    return text


def _redact_any(value):
    if isinstance(value, str):
        return _redact_text(value)
    if isinstance(value, dict):
        return redact(value)
    if isinstance(value, (list, tuple)):
        # (the value after a secret-looking name in a list: yacs' `opts`)
        word = _secrets()[3][2]
        out = []
        after_name = False  # (the item before names a secret: this one is its value)
        for v in value:
            hides = after_name and not _nothing_to_hide(v)
            out.append(_hidden(v) if hides else _redact_any(v))
            after_name = not hides and word is not None and isinstance(v, str) and (
                word.fullmatch(v) is not None and _secret_name(v))
        return out
    return value


def redact(values):
    """The same redaction as the wrapper's (capture/args.py), applied before writing."""
    out = {}
    for key, value in values.items():
        name = _redact_text(str(key))
        hides_nothing = _nothing_to_hide(value)
        out[name] = _hidden(value) if _secret_name(name) and not hides_nothing else _redact_any(
            value)
    return out


_PLACEHOLDERS = ("none", "null", "true", "false", "empty")


def _nothing_to_hide(value):
    """Whether a secret's value shows nothing (none, a flag, empty): kept as it is."""
    return value is None or isinstance(value, bool) or value == ""


def _hidden(value):
    """`***` for a secret's value. Where the command line holds its text, its digests (its
    items' for a list) are kept for the next line written (`emit`), so that the recorder hides
    the words that typed it however a parser that says not where read them (jsonargparse's
    positional, a configuration's override): the secret itself never leaves the program."""
    line = "\0".join(str(word) for word in getattr(sys, "argv", None) or ())
    for text in value if isinstance(value, (list, tuple)) else (value,):
        if isinstance(text, (str, int, float)) and not isinstance(text, bool):
            text = str(text)
            if _secret_like(text) and text in line and len(_typed_secrets) < 64:
                _typed_secrets.add(_digest(text))
    return "***"


def _digest(text):
    """A secret's text's digest, as the recorder makes it (`channel.secret_digest`)."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]


_typed_secrets = set()  # the digests `_hidden` kept for the next line written


def _secret_like(text):
    """Whether a value could be a secret's, to be looked for in every word of the command line:
    not a placeholder, nor a short word of small letters (`image_key: image`, a name that only
    looks secret, must not hide the `image` of other words)."""
    return len(text) >= 6 and text.lower() not in _PLACEHOLDERS and not (
        text.isalpha() and text.islower())


def encode(message):
    """One line of the events channel: runlab's `record.channel.encode`, kept here because
    runlab may not be importable in the program's Python (a test keeps the two in step)."""
    return (_json.dumps(message, default=str) + "\n").encode()


def emit(message):
    """Append one JSON line to the events channel (the recording process only), with the
    digests of the secrets hidden in it (`_hidden`)."""
    if not active():
        return
    if _typed_secrets:
        message = {**message, "secrets": sorted(_typed_secrets)}
        _typed_secrets.clear()
    line = encode(message)
    os.write(_channel(), line)


def _channel():
    """The events channel's descriptor, opened again if the program closed it (a daemonizing
    helper's `os.closerange`): a number it reused is the program's own file, never written."""
    fd = _state["fd"]
    if fd is not None:
        try:
            st = os.fstat(fd)
            if (st.st_dev, st.st_ino) == _state["file"]:
                return fd
        except OSError:
            pass
    fd = os.open(os.environ["RUNLAB_EVENTS"],
                 os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
    st = os.fstat(fd)
    _state["fd"], _state["file"] = fd, (st.st_dev, st.st_ino)
    return fd


_open = set()  # hooks whose framework's printed lines are their own just now (`exclusive`)
_muted = {}  # hook -> the keys whose printed values are no run's just now (`muted`)


def fail(hook, error):
    """Turn a hook off after an error, saying so once; the program goes on, its metrics read
    from the output again."""
    if hook in _failed:
        return
    _failed.add(hook)
    try:
        emit({"hook": hook, "off": True})
    except Exception:  # noqa: BLE001 - the program must never notice runlab
        pass
    if hook in _open:
        try:
            exclusive(hook, False)
        except Exception:  # noqa: BLE001 - the program must never notice runlab
            pass
    if hook in _muted:
        try:
            muted(hook, _muted[hook], False)
        except Exception:  # noqa: BLE001 - the program must never notice runlab
            pass
    try:
        sys.stderr.write(f"runlab: the {hook} hook is off ({type(error).__name__}: "
                         f"{str(error)[:200]}); metrics are read from the output\n")
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - a closed stderr must not stop the program either
        pass


def _report(parser, namespace, from_argv, foreign=False, weak=False, typed=False):
    """What `parser` read: each argument under its longest option (its other options named,
    so that the key the command line typed, `-e` for `--epochs`, is the same argument; a
    negative option, `--no-augment`, names the positive one's or its destination's value);
    `from_argv` when it read the program's own command line; `foreign` when the parser is a
    library's own (Hydra's), whose options are no params of the run; `weak` when what it read
    is not yet the program's settings (HfArgumentParser's dataclasses settle their defaults:
    the Trainer's arguments are its hook's). Each entry says what a rerun needs to give it
    again: `positional` (no option names it), its `negative` option (`no-augment`, among its
    aliases) and the subcommand words that chose the parser (`command`, argparse's
    subparsers)."""
    entries = []
    command = _subcommand_words(parser)
    # (under a script, `bash train.sh`: which options the program's own command line typed)
    words = list(getattr(sys, "argv", [])[1:]) if typed else []
    # (the program's own command line: the spellings it typed, `--learn` for
    # `--learning-rate`, and where a secret's values are in it)
    argv = list(getattr(sys, "argv", [])[1:]) if from_argv or typed else []
    spelt = _typed_options(parser, argv) if argv else {}
    # One entry a destination: a `--no-x` beside `--x` is its alias; options that each store
    # their constant in it (`--cpu`/`--mps` into `device`) are named by it, each an alias.
    by_dest = {}
    actions = [a for a in getattr(parser, "_actions", []) if getattr(a, "dest", None)]
    shared = {a.dest for a in actions if sum(
        1 for b in actions if b.dest == a.dest and not all(
            o.lstrip("-").startswith(("no-", "no_")) for o in b.option_strings)) > 1}
    for action in actions:
        dest = action.dest
        if dest == "help" or not hasattr(namespace, dest):
            continue
        if dest in by_dest:
            entry = by_dest[dest]
            aliases = entry.setdefault("aliases", [])
            aliases += [o.lstrip("-") for o in action.option_strings
                        if o.lstrip("-") != entry["key"] and o.lstrip("-") not in aliases]
            negative = _negative_option(action, entry["key"])
            if negative and "negative" not in entry:
                entry["negative"] = negative
            continue
        value = getattr(namespace, dest)
        # (exact: argparse's own typing says more than the words typed, `type=str` for `007`,
        # `nargs`; an untyped `--lr 0.01` is better read as the number it looks like)
        exact = isinstance(value, (bool, int, float)) or isinstance(value, (str, list, tuple)) and (
            getattr(action, "type", None) is not None or getattr(action, "nargs", None) == 0)
        if value is not None and not isinstance(value, (bool, int, float, str, list, tuple)):
            exact = isinstance(value, dict)  # (as JSON writes it, however it was typed)
        value = _parsed_value(value)
        options = list(action.option_strings)
        names = [o.lstrip("-") for o in options]
        # (a negative option: `--no-amp`, `--no_amp`, or simple_parsing's and absl's `--noamp`
        # beside `--amp`)
        positive = [o for o in options if not o.lstrip("-").startswith(("no-", "no_")) and not (
            o.lstrip("-").startswith("no") and o.lstrip("-")[2:] in names)]
        longest = max(positive or options, key=len) if options else dest
        key = longest.lstrip("-")
        if options and not positive and not dest.startswith("no"):
            key = dest.replace("_", "-")  # `--no-aug` storing False into `aug`: `aug`
        if dest in shared:
            key = dest
        typed_as, places = spelt.get(id(action), ((), ()))
        # (a secret by its destination or any of its options: `-k` storing into `api_key`)
        secret = any(_secret_name(name) for name in (dest, *names))
        entry = {"key": key, "value": "***" if secret and not _nothing_to_hide(value)
                 else redact({key: value})[_redact_text(key)]}
        aliases = [option.lstrip("-") for option in options if option.lstrip("-") != key]
        aliases += [name for name in typed_as if name != key and name not in aliases and not (
            secret and isinstance(value, str) and value and value in name)]
        if secret:
            # (what was typed only: a default, never typed, is in no word of the command)
            typed_value = not options and argv and value is not None and (
                value != getattr(action, "default", None))
            at, anywhere = _secret_places(value if typed_value else None, places, argv)
            if at:
                entry["secret_at"] = at
            if anywhere:
                entry["secret_hash"] = anywhere
        if aliases:
            entry["aliases"] = aliases
        if exact:
            entry["exact"] = True
        entry["positional"] = not options
        negative = _negative_option(action, key)
        if negative:
            entry["negative"] = negative
        if command:
            entry["command"] = command
        if typed and any(word == option or word.startswith(option + "=")
                         for option in options for word in words):
            entry["typed"] = True
        entries.append(entry)
        by_dest[dest] = entry
    # (settings of the parser's own `set_defaults(precision="bf16")` that no argument stores:
    # not a handler it names, `func=train`)
    for dest, value in (getattr(parser, "_defaults", None) or {}).items():
        value = getattr(namespace, dest, None)
        if dest in by_dest or dest == "help" or not isinstance(value, (
                bool, int, float, str)) or any(a.dest == dest for a in actions):
            continue
        entries.append(_entry(dest, value, (), _secret_name(dest) and not _nothing_to_hide(value),
                              (), (), exact=True))
    if entries:
        # (under a script, which program, and which run of it: a loop's trainings are told apart)
        program = {"program": _program(), "training": _training_id(0)} if typed else {}
        emit({"argparse": entries, "argv": bool(from_argv), **({"foreign": True} if foreign else {}),
              **({"weak": True} if weak else {}), **program})


def _program():
    """The program this process runs, as its command line names it: the script's real path
    (a module's, for `python -m pkg.train`), else its first word."""
    first = str((getattr(sys, "argv", None) or [""])[0])
    return os.path.realpath(first) if first and os.path.isfile(first) else first


def _negative_option(action, key):
    """The option (without its dashes) of an argparse action that turns flag `key` off:
    BooleanOptionalAction's `no-augment`, a `--no-cuda` storing False into `cuda`; None."""
    names = [o.lstrip("-") for o in getattr(action, "option_strings", ())]
    if getattr(action, "nargs", None) == 0 and getattr(action, "const", None) is False:
        return next((name for name in names if name != key), None)
    if type(action).__name__ == "BooleanOptionalAction":
        return next((name for name in names if name[:3] in ("no-", "no_")), None)
    return None


def _subcommand_words(parser):
    """The words that chose `parser` as a subcommand's (argparse's subparsers: `train` of
    `main.py train --lr 1`, outermost first), read from the subparsers' actions calling it
    while it parses; [] for the program's own parser."""
    action = getattr(sys.modules.get("argparse"), "_SubParsersAction", None)
    code = getattr(vars(action).get("__call__") if action is not None else None, "__code__", None)
    words, frame = [], sys._getframe(1)
    while frame is not None and code is not None:
        if frame.f_code is code:
            local = frame.f_locals
            name = local.get("parser_name")
            if not isinstance(name, str) or not words and local.get("parser") is not parser:
                return []
            words.insert(0, name)
        frame = frame.f_back
    return words


def _parsed_value(value):
    """A parser's value as a param: a file it opened is its name, an Enum's member its value,
    a tuple a list, anything else its text."""
    if isinstance(value, dict):  # (`type=json.loads`: its text, as JSON writes it)
        try:
            return _json.dumps(value)
        except (TypeError, ValueError):
            return str(value)
    if value is not None and not isinstance(value, (bool, int, float, str, list, tuple)):
        named = getattr(value, "name", None) if hasattr(value, "read") or hasattr(
            value, "write") else getattr(value, "value", None)
        return named if isinstance(named, (int, float, str)) else str(value)
    if isinstance(value, (list, tuple)):
        return [v if isinstance(v, (bool, int, float, str)) or v is None else str(v)
                for v in value]
    return value


def _typed_options(parser, words):
    """The command line's words as `parser` reads them: for each of its actions that they
    give, the spellings typed other than its options (an abbreviation, `--learn` for
    `--learning-rate`, and the positive name of a negative one's, `shuf` of `--no-shuf`; a
    short option's word with its value attached, `-tX`) and where its values are: (how far
    from the line's end their word is, where in it they start)."""
    options = getattr(parser, "_option_string_actions", None) or {}
    prefix = getattr(parser, "prefix_chars", "-") or "-"
    out = {}
    i, count = 0, len(words)
    while i < count:
        word = words[i]
        i += 1
        if word == "--":
            break
        if not isinstance(word, str) or len(word) < 2 or word[0] not in prefix or (
                word[1:2].isdigit() or word[1:2] == "."):
            continue
        name, eq, _ = word.partition("=")
        action = options.get(word) or (options.get(name) if eq else None)
        spelling, start = None, (len(name) + 1 if eq and action is not None else None)
        if action is None and word[1] in prefix:
            if getattr(parser, "allow_abbrev", True):
                found = {id(a): a for o, a in options.items()
                         if o[1:2] in prefix and o.startswith(name)}
                if len(found) == 1:
                    action = next(iter(found.values()))
                    spelling = name.lstrip(prefix)
                    start = len(name) + 1 if eq else None
        elif action is None:
            # a short option's value attached, `-kX`; or after flags grouped before it, `-vk X`
            # and `-vkX` (argparse reads `-v`, then `-k`)
            at = 1
            while at < len(word) and (flag := options.get(word[0] + word[at])) is not None and (
                    flag.nargs == 0) and at + 1 < len(word):
                at += 1
            short = options.get(word[0] + word[at]) if at < len(word) else None
            if short is not None and (short.nargs != 0 or at > 1):
                action, spelling = short, word[1:]
                start = None if at + 1 == len(word) else at + 2 if word[at + 1] == "=" else at + 1
        if action is None:
            continue
        names, places = out.setdefault(id(action), ([], []))
        if spelling is not None:
            names.append(spelling)
            if spelling[:3] in ("no-", "no_"):
                names.append(spelling[3:])
        if action.nargs == 0:
            continue
        if start is not None:
            places.append([count - i + 1, start])
            continue
        many = action.nargs if isinstance(action.nargs, int) else (
            count if action.nargs in ("+", "*", "...") else 1)
        while many and i < count and not (
                words[i][:1] in prefix and len(words[i]) > 1 and not words[i][1:2].isdigit()):
            places.append([count - i, 0])
            i += 1
            many -= 1
    return out


# Libraries whose own command line parser is not the program's (Hydra's `--config-name`,
# `--multirun`, ...: its hook records the configuration they compose).
# (and Fire's `-- --trace --verbose`; a tool's, pytest's `-p no:cacheprovider`, IPython's,
# a Jupyter application's through traitlets: a notebook kernel's `-f kernel-1.json`)
_OWN_PARSERS = frozenset({"hydra", "fire", "_pytest", "pytest", "IPython", "ipykernel",
                          "jupyter_core", "nbconvert", "traitlets", "sphinx", "mypy", "pip"})
# Libraries whose own hook records the settings they make of the command line (tyro,
# pyrallis): while it is on, what their parsing with argparse reads is theirs, no params.
_composers = set()
# Libraries that parse words they made themselves (Ray Tune turns each trial's spec into
# `--run trainable --scheduler FIFO ...`): what those parses read is none of the program's.
_WORDS_PARSERS = frozenset({"ray"})
# Libraries whose parser fills settings objects that settle their own defaults afterwards
# (transformers' HfArgumentParser: `TrainingArguments` turns `do_eval` on for an evaluation
# strategy): what it read gives way to the settings a hook records later.
_DATACLASS_PARSERS = frozenset({"transformers"})


def _caller_package():
    """The top-level package of the code that called into argparse."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_globals.get("__name__") in ("argparse", __name__):
        frame = frame.f_back
    return "" if frame is None else str(frame.f_globals.get("__name__", "")).split(".", 1)[0]


def _argparse(argparse):
    original = argparse.ArgumentParser.parse_known_args
    if getattr(original, "_runlab", False):
        return

    def parse_known_args(self, args=None, namespace=None):
        result = original(self, args, namespace)
        if "argparse" not in _failed:
            try:
                # (a subparser reads the rest of the command line: its words are the line's)
                caller = _caller_package()
                from_argv = _is_argv(args)
                nested = os.environ.get("RUNLAB_HOOK_NESTED")
                # (a library parsing a list of its own making, Ray Tune's trial specs turned
                # into words: none of the program's settings; under a script, what a program
                # parses is no word of the run's command line)
                _report(self, result[0], from_argv and not nested,
                        caller in _OWN_PARSERS or not from_argv and caller in _WORDS_PARSERS
                        or caller in _composers and caller not in _failed
                        and _state.get(f"{caller}_reports", True),
                        caller in _DATACLASS_PARSERS, typed=bool(nested and from_argv))
            except Exception as e:  # noqa: BLE001 - the program must never notice runlab
                fail("argparse", e)
        return result

    parse_known_args._runlab = True
    argparse.ArgumentParser.parse_known_args = parse_known_args


# -- shared -------------------------------------------------------------------------------


def _postfix_pairs(text):
    """The `name=value` pairs of a postfix's text, whatever parts them: commas (as
    `set_postfix` writes them), bars or spaces (`loss=4.9 | ppl=95`, `loss=4.9 ppl=95`), and
    `name: value` or `name = value` too; a name of words where a part holds one pair (`Train
    Loss: 0.5, Val Loss: 0.6`: `Train_Loss`, `Val_Loss`; not a counter's words, `epoch 3
    loss=0.5`); a value that is no number is none. A part of several pairs spaces apart is
    read only when each word is a pair (`train loss=0.5 val loss=0.6` names none alone)."""
    values = {}
    for part in text.replace("|", ",").split(","):
        texted = ": " in part
        part = part.replace(" = ", "=").replace("= ", "=").replace(": ", "=")
        if part.count("=") == 1:
            name, _, value = part.partition("=")
            names, words = name.split(), value.split()
            if texted and names:
                # (a text's `name: value` is named as the parser reads it: NumPyro's `avg. loss
                # [1-20]: 22.7` is `avg_loss`, the range it averages and a word's dot not in it)
                if names[-1][:1] == "[" and names[-1][-1:] == "]" and (
                        names[-1][1:-1].replace("-", "").isdigit()):
                    names = names[:-1]
                names = [word[:-1] if word[-1:] == "." and i < len(names) - 1 else word
                         for i, word in enumerate(names)]
            if names and words and _number(words[0]) is not None and not any(
                    _number(word) is not None for word in names):
                values["_".join(names)] = words[0]
            continue
        pairs = [word.partition("=") for word in part.split()]
        if all(equals and name for name, equals, _ in pairs):
            for name, _, value in pairs:
                if _number(value) is not None:
                    values[name] = value
    return values


def _number(value):
    """A loggable value as a float (tensors, numpy scalars, numeric strings, a percentage as
    printed: `"93.75%"` is 93.75); None otherwise."""
    if hasattr(value, "item"):
        try:
            value = value.item()
        except Exception:  # noqa: BLE001 - not a one-element tensor or array
            return None
    if isinstance(value, str):
        value = value.strip()
        if value.endswith("%"):
            value = value[:-1]
        if "," in value:
            return _comma_number(value.strip())
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return None


_COMMA_NUMBER = []


def _comma_number(text):
    """A number given as text with a comma (`f"{loss:n}"` in a German locale, `"2,33"`,
    `"1.234,5"`): a decimal comma where it can only be one or the program's locale writes
    decimals so; thousands grouped (`"1,482"`, `"12,000"`, `"1,234.5"`) else; None else."""
    if not _COMMA_NUMBER:
        import re

        _COMMA_NUMBER.append(re.compile(r"([-+]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d{1,18})),(\d{1,18})"))
        _COMMA_NUMBER.append(re.compile(r"[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"))
    match = _COMMA_NUMBER[0].fullmatch(text)
    if match is not None:
        whole, part = match[1], match[2]
        digits = whole.lstrip("+-")
        # (a decimal whatever the locale where it can only be one, as the parser reads it:
        # after a 0, `"0,48"`, a digit before four or more, thousands grouped with points;
        # else only where the locale says so: `"30,60"` is a list, `"1,482"` a thousand)
        if digits == "0" and len(part) > 1 and not part.endswith("00") or (
                len(digits) == 1 and len(part) > 3) or "." in whole or _locale_comma():
            return float(whole.replace(".", "") + "." + part)
    if _COMMA_NUMBER[1].fullmatch(text):
        return float(text.replace(",", ""))
    return None


def _locale_comma():
    """Whether the program's locale writes a decimal comma (`locale.setlocale` to de_DE)."""
    try:
        import locale

        return locale.localeconv().get("decimal_point") == ","
    except Exception:  # noqa: BLE001
        return False


def metrics(hook, values, step, when=None, **more):
    """Record a dict of values at `step` (non-numeric values are left out; without a step,
    each key's next point), logged now or `when`."""
    if _searching[0] and hook not in _SEARCHES:
        return  # a search's trial's (`_search`)
    points = {}
    for key, value in values.items():
        number = _number(value)
        if number is not None:
            points[str(key)] = number
    if points:
        now = time.time()
        if _open and _loggers_on and hook not in _LOGGERS:
            for key, number in points.items():
                _framework_value(key, number)
            if _logged_held and now - _logged_held[0][3] > _HELD_S:
                _release_logged(now - _HELD_S)  # (the program logs nothing more for a while)
        at = {} if step is None else {"step": int(step)}
        emit({"hook": hook, "metrics": points, **at, "time": now if when is None else when,
              **more})


def params(hook, values, weak=False, training=None):
    """Record hyperparameters (flattened with dots, secrets redacted before writing); `weak`
    ones give way to the next that a hook records under the same names; `training`, (what
    trains, which of its trainings this is), tells one training's settings from another's
    (a program's second `Trainer.fit`)."""
    if _searching[0] and hook not in _SEARCHES:
        return
    if training is None and os.environ.get("RUNLAB_HOOK_NESTED"):
        training = (_program(), 0)  # (under a script: this run of the program, a Hydra app's)
    flat = {}
    _flatten(values, "", flat)
    if flat:
        emit({"hook": hook, "params": redact(flat), **({"weak": True} if weak else {}),
              **({"program": training[0], "training": _training_id(training[1])}
                 if training else {})})


def _training_id(number):
    """A training's number made the process's own: a script's loop starts a process each."""
    return os.getpid() << 20 | number & 0xFFFFF


def exclusive(hook, on, step=None):
    """Say that the framework's own printed lines hold no metric of their own while it runs
    (model summaries, progress bars): the wrapper reads none from the output meanwhile. At
    the end, `step` is where the framework left the run (else its furthest step reported)."""
    if _searching[0] and hook not in _SEARCHES:
        (_open.add if on else _open.discard)(hook)  # (a trial's fit: its output is muted)
        if not _open:
            _release_logged()  # (what a trial logged to a tracker meanwhile: no run's, dropped)
        return
    if not on:
        _flush()
    (_open.add if on else _open.discard)(hook)
    if not _open:
        _release_logged()
    at = {} if step is None else {"step": int(step)}
    emit({"hook": hook, "exclusive": bool(on), **at, "time": time.time()})
    if not on:
        _read_up_to_here()


# -- PEFT ---------------------------------------------------------------------------------

def _peft(module):
    """An adapter's settings (`LoraConfig(r=8, lora_alpha=16, ...)`) as the run's params,
    `peft.r`, `peft.lora_alpha`, `peft.target_modules`: what `get_peft_model` is given, by the
    program or by a trainer (TRL's `SFTTrainer(peft_config=...)`)."""
    def given(args, kwargs):
        config = args[1] if len(args) > 1 else kwargs.get("peft_config")
        settings = config.to_dict() if hasattr(config, "to_dict") else None
        if not isinstance(settings, dict):
            return
        values = {}
        for key, value in settings.items():
            if value is None or key in ("peft_version", "revision"):
                continue
            if isinstance(value, (set, frozenset)):
                value = sorted(str(v) for v in value)
            values[key] = value
        params("peft", {"peft": values})

    if hasattr(module, "get_peft_model"):
        wrap(module, "get_peft_model", "peft", before=given)


# -- searches: Optuna, FLAML, Keras Tuner ---------------------------------------------------

# A search fits a model a trial: what the frameworks' hooks would record of those fits is no
# run's (each trial's curve on the same steps as the others', its settings the first trial's).
# While one runs, only its own hook records: each trial's result, then the best trial's
# settings as the run's params. An Optuna study also mutes what the fits print in a library's
# format (XGBoost's rounds, LightGBM's, a Keras bar): its trials' lines are its hook's.
_SEARCHES = ("optuna", "flaml", "keras_tuner", "catboost", "ray", "hydra")
_searching = [0]


def _search(hook, on, quiet=False, silent=False):
    """A search starts (`on`) or ends. `quiet`: what its trials print in a library's format
    is theirs; `silent`: all that is printed meanwhile is (Ray Tune's trials run in other
    processes, whose lines it prints: the program's own code waits for it)."""
    if on:
        _searching[0] += 1
        if _searching[0] == 1 and (quiet or silent):
            guarded(hook, muted)(hook, ["**" if silent else "*"], True)
        return
    _searching[0] = max(0, _searching[0] - 1)
    if not _searching[0] and hook in _muted:
        try:
            muted(hook, _muted[hook], False)
        except Exception as e:  # noqa: BLE001 - the program must never notice runlab
            fail(hook, e)


def _optuna(module):
    study = module.Study
    original = study.optimize
    if getattr(original, "_runlab", False):
        return

    def told(study, trial):
        # (a callback, after each trial: a complete one's value, named as the optuna rule
        # names a printed one; then, whatever the trial's end, a wait for the recorder to read
        # what was written before it: Optuna's `Trial 3 finished ...` on stderr is read before
        # the next trial's own prints on stdout, however the two streams' reads fall)
        try:
            value(study, trial)
        finally:
            emit({"hook": "optuna", "owns": [], "time": time.time()})
            _read_up_to_here()

    def value(study, trial):
        if getattr(getattr(trial, "state", None), "name", "") != "COMPLETE" or not trial.values:
            return
        names = list(getattr(study, "metric_names", None) or ())
        values = list(trial.values)
        if len(names) == len(values):
            named = dict(zip(names, values))
        elif len(values) == 1:
            named = {"value": values[0]}
        else:
            named = {f"value_{i}": value for i, value in enumerate(values)}
        metrics("optuna", named, trial.number)

    def best(study):
        if len(getattr(study, "directions", ()) or ()) == 1 and any(
                getattr(t.state, "name", "") == "COMPLETE" for t in study.get_trials(
                    deepcopy=False)):
            params("optuna", dict(study.best_params))

    def optimize(self, *args, **kwargs):
        if "optuna" in _failed or not active() or _searching[0]:
            # (a study inside a trial's objective is that trial's: the outer study records)
            return original(self, *args, **kwargs)
        callback = guarded("optuna", told)
        # optimize(func, n_trials, timeout, n_jobs, catch, callbacks, ...)
        if len(args) > 5:  # (callbacks given in place)
            args = (*args[:5], [*(args[5] or ()), callback], *args[6:])
        else:
            kwargs["callbacks"] = [*(kwargs.get("callbacks") or ()), callback]
        _search("optuna", True, quiet=True)
        try:
            return original(self, *args, **kwargs)
        finally:
            _search("optuna", False)  # (unguarded: the other hooks record again, whatever)
            guarded("optuna", best)(self)

    optimize._runlab = True
    study.optimize = optimize


def _keras_tuner(module):
    """`tuner.search(...)`: each trial's score and the best so far at its number as the tuner
    displays it (`Trial 3 Complete`: its `trial_id` "2" plus one), the trials' fits muted;
    after it the best trial's hyperparameters as params."""
    tuner = module.BaseTuner
    original = tuner.search
    if getattr(original, "_runlab", False):
        return

    def scored(oracle, trial):
        # (as its display shows them: `val_accuracy: 0.8`, `Best val_accuracy So Far: 0.8`; a
        # trial whose score was not finite is invalid, and run again under its number)
        score, trial_id = _number(getattr(trial, "score", None)), str(trial.trial_id)
        if str(getattr(trial, "status", "")) != "COMPLETED" or score is None or not (
                math.isfinite(score)) or not trial_id.isdigit():
            return
        values = {"score": score}
        best = oracle.get_best_trials(1)
        best_score = _number(best[0].score) if best else None
        name = getattr(getattr(oracle, "objective", None), "name", None)
        if best_score is not None and isinstance(name, str):
            values[f"Best_{name}_So_Far"] = best_score
        metrics("keras_tuner", values, int(trial_id) + 1)

    def best(self):
        found = self.get_best_hyperparameters(1)
        if found:
            params("keras_tuner", dict(found[0].values))

    def search(self, *args, **kwargs):
        if "keras_tuner" in _failed or not active() or _searching[0]:
            return original(self, *args, **kwargs)
        own = "on_trial_end" in vars(self)
        ended = self.on_trial_end

        def on_trial_end(trial):
            result = ended(trial)
            guarded("keras_tuner", scored)(self.oracle, trial)
            return result

        self.on_trial_end = on_trial_end  # (this tuner's, whatever its class: the program's)
        _search("keras_tuner", True, quiet=True)
        try:
            return original(self, *args, **kwargs)
        finally:
            if own:
                self.on_trial_end = ended
            else:
                vars(self).pop("on_trial_end", None)
            _search("keras_tuner", False)
            guarded("keras_tuner", best)(self)

    search._runlab = True
    tuner.search = search


def _catboost(module):
    """A CatBoost model's settings (`get_params()`, what the program set) as params and its
    curves (`get_evals_result()`) once it is fitted: its printed iterations (`learn`, `test`,
    the eval metric's alone) are its own; `cv()` is a search: its folds' fits print their
    iterations too, which are no run's curves."""
    def started(args, kwargs):
        if not _inside_sklearn():  # (a search's candidate or fold: no run's curve)
            exclusive("catboost", True)

    def fitted(result, args, kwargs):
        step = None
        try:
            params("catboost", dict(args[0].get_params()))
            if "catboost" in _open:
                step = _catboost_curves(args[0])
        finally:
            stopped(args, kwargs, step)

    def stopped(args, kwargs, step=None):
        if "catboost" in _open:
            exclusive("catboost", False, step)

    wrap(module.CatBoost, "_fit", "catboost", before=started, after=fitted, failed=stopped)
    original = module.cv
    if getattr(original, "_runlab", False):
        return

    def cv(*args, **kwargs):
        if "catboost" in _failed or not active() or _searching[0]:
            return original(*args, **kwargs)
        _search("catboost", True, quiet=True)
        try:
            return original(*args, **kwargs)
        finally:
            _search("catboost", False)

    cv._runlab = True
    module.cv = cv


def _catboost_curves(model):
    """Record a fitted CatBoost model's `get_evals_result()`, each set's metrics as
    `learn/Logloss`, `validation/AUC` (`validation_0`, `validation_1` for several sets), at
    the iteration (from 0) it computed them at: every `metric_period`-th and the last the fit
    ran. The last iteration recorded, if any."""
    rounds = {}
    for data, curves in (model.get_evals_result() or {}).items():
        for name, values in (curves or {}).items():
            for i, value in enumerate(values or ()):
                number = _number(value)
                if number is not None:
                    rounds.setdefault(i, {})[f"{data}/{name}"] = number
    if not rounds:
        return None
    every = int(model.get_params().get("metric_period") or 1)
    last = max(rounds)
    ran = model.get_all_params().get("iterations")
    steps = {i: i * every for i in rounds}
    if isinstance(ran, int) and ran > 0:
        steps[last] = min(last * every, ran - 1)  # (a fit that ran to its end: its last)
    for i in sorted(rounds):
        metrics("catboost", rounds[i], steps[i])
    return steps[last]


def _flaml(module):
    automl = module.AutoML

    def fitted(result, args, kwargs):
        model = args[0]
        config = getattr(model, "best_config", None)
        if isinstance(config, dict):
            params("flaml", {"estimator": getattr(model, "best_estimator", None), **config})

    original = automl.fit
    if getattr(original, "_runlab", False):
        return

    def fit(self, *args, **kwargs):
        if "flaml" in _failed or not active() or _searching[0]:
            return original(self, *args, **kwargs)
        _search("flaml", True)
        try:
            result = original(self, *args, **kwargs)
        finally:
            _search("flaml", False)
        guarded("flaml", fitted)(result, (self, *args), kwargs)
        return result

    fit._runlab = True
    automl.fit = fit


# While a hooked framework runs (its window open): the values its hook recorded, by key, and
# what the program logged itself meanwhile (to MLflow, W&B, TensorBoard, DVCLive, Accelerate's
# trackers), held until the window closes. A callback that hands the framework's logs to a
# tracker as well (`mlflow.log_metrics(logs, step=epoch)` or `wandb.log(logs)` in Keras'
# `on_epoch_end`, `wandb.log({"train_loss": loss})` beside Lightning's `self.log`) repeats
# the framework's values: one source per metric.
# (only once a program uses such a tracker; a key's latest values only)
_LOGGERS = frozenset({"mlflow", "wandb", "tensorboard", "dvclive", "accelerate"})
_framework_values = {}  # key -> (its latest values in order, how many times each is among them)
_logged_held = deque()  # (hook, {key: number}, step, time logged)
_held_lock = threading.Lock()  # (a tracker logs from any thread)
_loggers_on = []  # non-empty once one of those hooks is installed
# How long a value logged inside a fit waits for the framework's own at the most: a fit stopped
# by a signal (a cluster's preemption) loses no more of what the program logged than that.
_HELD_S = 30.0


def _logged(hook, values, step):
    """What the program logged to a tracker, recorded now, or once a hooked framework's window
    closes (the values its hook recorded under the same keys left out), as the values were and
    when they were logged."""
    if not _open:
        metrics(hook, values, step)
        return
    numbers = {}
    for key, value in values.items():  # (a tensor updated in place later: its value now)
        number = _number(value)
        if number is not None:
            numbers[str(key)] = number
    if not numbers:
        return
    now = time.time()
    with _held_lock:
        _logged_held.append((hook, numbers, step, now))
        late = now - _logged_held[0][3] > _HELD_S or len(_logged_held) > 10_000
    if late:
        _release_logged(now - _HELD_S)


def _framework_value(key, number):
    """A value a framework's hook recorded in its window, among its key's latest 10,000."""
    seen = _framework_values.get(key)
    if seen is None:
        seen = _framework_values[key] = (deque(), {})
    order, counts = seen
    order.append(number)
    counts[number] = counts.get(number, 0) + 1
    if len(order) > 10_000:  # (more than `_HELD_S` could hold): the oldest goes
        oldest = order.popleft()
        left = counts[oldest] - 1
        if left:
            counts[oldest] = left
        else:
            del counts[oldest]


def _release_logged(before=None):
    """What the program logged in a fit, recorded: all of it, else what was logged `before`."""
    out = []
    with _held_lock:
        while _logged_held and (before is None or _logged_held[0][3] <= before):
            out.append(_logged_held.popleft())
    for hook, numbers, step, when in out:
        metrics(hook, {key: number for key, number in numbers.items()
                       if number not in _framework_values.get(key, ((), ()))[1]}, step,
                when=when)
    if before is None and not _open:
        _framework_values.clear()


def muted(hook, keys, on):
    """Say that the printed values of `keys` are no run's while `on` (a cross-validation's
    clones print their curves as they fit): the wrapper reads none of them meanwhile, and
    everything else as ever. Either mark waits until the wrapper read what came before it."""
    _flush()  # (what was printed before the mark, the program's own lines too, goes out first)
    if not on:
        _muted.pop(hook, None)
    else:
        _muted[hook] = list(keys)
    emit({"hook": hook, "exclusive": bool(on), "keys": list(keys), "time": time.time()})
    _read_up_to_here()


def _flush():
    for stream in (sys.stdout, sys.stderr):  # what was printed goes out before the mark
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed or odd stream is the program's own
            pass


def _read_up_to_here():
    """Wait (a moment, at most a second) for the recorder to say it has read the channel to
    its end, and the output written before it: what the program prints next is then read
    after the framework's end, at the step it left the run at."""
    if _state["fd"] is None:
        return
    try:
        ack = os.open(os.environ["RUNLAB_EVENTS"] + ".ack", os.O_RDONLY | os.O_CLOEXEC)
    except (OSError, KeyError):
        return  # a recorder that does not acknowledge
    try:
        end = os.fstat(_channel()).st_size
        deadline = time.monotonic() + 1.0
        pause = 0.001
        while time.monotonic() < deadline:
            try:
                if int(os.pread(ack, 32, 0) or b"0") >= end:
                    return
            except ValueError:
                pass
            time.sleep(pause)
            pause = min(pause * 2, 0.01)
    finally:
        os.close(ack)


def _flatten(value, prefix, out):
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}{key}" if not prefix else f"{prefix}.{key}", out)
    elif isinstance(value, (bool, int, float, str)) or value is None:
        if prefix:
            out[prefix] = value
    elif isinstance(value, (list, tuple)) and all(
            isinstance(v, (bool, int, float, str)) or v is None for v in value):
        out[prefix] = list(value)
    elif hasattr(value, "value") and type(value).__module__ == "enum" or \
            type(value).__name__ in ("IntervalStrategy", "SchedulerType"):
        out[prefix] = str(getattr(value, "value", value))
    elif prefix:
        text = str(value)
        if " at 0x" in text:  # (an object's repr without its address, `<function cos_sim>`)
            text = _re.sub(r" (?:object )?at 0x[0-9a-fA-F]{4,16}", "", text)
        out[prefix] = text


def guarded(hook, function):
    """`function` run for its side effect only: an error turns the hook off, never raises."""
    def run(*args, **kwargs):
        if hook in _failed or not active():
            return
        try:
            function(*args, **kwargs)
        except Exception as e:  # noqa: BLE001 - the program must never notice runlab
            fail(hook, e)
    return run


def wrap(owner, attribute, hook, before=None, after=None, failed=None):
    """Replace `owner.attribute` with a call that runs `before(*args)` and `after(result,
    *args)` around the original, or `failed(*args)` when it raises, guarded; done once per
    owner."""
    original = getattr(owner, attribute)
    if getattr(original, "_runlab", False):
        return
    before_g = guarded(hook, before) if before else None
    after_g = guarded(hook, after) if after else None
    failed_g = guarded(hook, failed) if failed else None

    def call(*args, **kwargs):
        if before_g:
            before_g(args, kwargs)
        try:
            result = original(*args, **kwargs)
        except BaseException:
            if failed_g:
                failed_g(args, kwargs)
            raise
        if after_g:
            after_g(result, args, kwargs)
        return result

    call._runlab = True
    call.__wrapped__ = original
    for name in ("__name__", "__qualname__", "__doc__", "__module__"):
        try:
            setattr(call, name, getattr(original, name))
        except (AttributeError, TypeError):
            pass
    setattr(owner, attribute, call)


# -- tqdm ---------------------------------------------------------------------------------

_FRAMEWORK_BARS = ("lightning", "pytorch_lightning", "transformers", "keras", "accelerate")
# The names of counts, not measures, as a postfix may show them beside its values.
_COUNTERS = ("step", "global_step", "iteration", "iter", "it", "epoch", "batch")


def _tqdm(module):
    cls = module.tqdm
    totals = {}  # a loop's bars (description without digits, total) -> steps done before
    last_of = {}  # a loop's latest bar (a weak reference)
    latest = [None]  # the bar that counted last (a weak reference)
    waiting = []  # status lines' values for the next count
    lock = threading.Lock()

    def loop_key(bar):
        desc = "".join(c for c in str(getattr(bar, "desc", "") or "") if not c.isdigit())
        return desc, getattr(bar, "total", None)

    def offset(bar):
        if not hasattr(bar, "_runlab_offset"):
            # (the loop's key as the bar first counts: a description that later shows values,
            # `set_description(f"Epoch {e} loss={l:.4f}")`, names the same loop at its close)
            key = bar._runlab_loop = loop_key(bar)
            with lock:
                before = last_of.get(key)
                done = before() if before is not None else None
                if done is not None and done is not bar and hasattr(done, "_runlab_offset") and (
                        not getattr(done, "_runlab_banked", False) and done.total
                        and done.n >= done.total):
                    # the loop's bar before, never closed but done: this one goes on after it
                    totals[key] = max(totals.get(key, 0), done._runlab_offset + done.n)
                    done._runlab_banked = True
                bar._runlab_offset = totals.get(key, 0)
                last_of[key] = weakref.ref(bar)
        return bar._runlab_offset

    def described(bar):
        """A bar's description, which may name its stage (`Epoch 3 [valid]`)."""
        return str(getattr(bar, "desc", "") or "")[:200]

    def counted(bar):
        """The global step a bar's count is at."""
        n = getattr(bar, "_runlab_n", None)
        return offset(bar) + (bar.n if n is None else n)

    original_iter = cls.__iter__

    def __iter__(self):
        # The count of items taken, which tqdm keeps in a local until it redraws.
        try:
            count = None if "tqdm" in _failed else int(self.n)
        except Exception as e:  # noqa: BLE001
            fail("tqdm", e)
            count = None
        ref = weakref.ref(self)
        # (the bar whose loop this one runs in: an epoch bar's, `trange(epochs)`)
        outer = latest[0]() if latest[0] is not None and count is not None else None
        if outer is self or getattr(outer, "_runlab_n", None) is None:
            outer = None
        for obj in original_iter(self):
            if count is not None:
                count += 1
                try:
                    self._runlab_n = count
                except Exception as e:  # noqa: BLE001
                    fail("tqdm", e)
                    count = None
                latest[0] = ref
                if waiting:
                    given(self)
            yield obj
        if count is not None:
            self._runlab_n = None
            if outer is not None:
                try:  # the step its loops inside reached (the longest, training's, not validation's)
                    outer._runlab_inner = max(getattr(outer, "_runlab_inner", 0), offset(self) + count)
                except Exception as e:  # noqa: BLE001
                    fail("tqdm", e)

    __iter__._runlab = True
    if not getattr(original_iter, "_runlab", False):
        cls.__iter__ = __iter__

    def record(args, kwargs):
        bar = args[0]
        if type(bar).__module__.split(".")[0] in _FRAMEWORK_BARS or _open:
            # a framework's own bar, or one a callback of its draws while it runs (tqdm's
            # Keras callback), shows what its hook records already
            return
        if not hasattr(bar, "n"):
            # the postfix given as the bar is built (hyperopt's `fmin`: `postfix={"best loss":
            # "?"}`), set before tqdm has a count: a placeholder, nothing measured yet
            return
        values = dict(args[1] or {}) if len(args) > 1 and args[1] else {}
        values.update({k: v for k, v in kwargs.items() if k != "refresh"})
        if any(" " in str(k) for k in values):
            # (a name of words, `{"train loss": l}`, joined with _ as the bar's text is read)
            values = {"_".join(str(k).split()): v for k, v in values.items()}
        for name in [k for k in values if str(k).lower() in _COUNTERS]:
            values.pop(name, None)  # a count shown beside the values (`step=g`, `Epoch=e`)
        if getattr(bar, "total", None) == 0 and bar.n == 0:
            # A status line (`tqdm(total=0, position=1, bar_format="{desc}{postfix}")`) counts
            # nothing: its values are at the step of the bar that counts, the count it is at
            # when it is iterated over, else the count its next update ends.
            other = latest[0]() if latest[0] is not None else None
            if other is not None and getattr(other, "_runlab_n", None) is not None:
                metrics("tqdm", values, counted(other), bar=described(bar))
            else:
                with lock:
                    waiting.append((values, described(bar)))
            return
        n = getattr(bar, "_runlab_n", None)
        inner = latest[0]() if latest[0] is not None and n is not None else None
        if inner is not None and inner is not bar and getattr(inner, "_runlab_n", None) is not None and (
                not getattr(inner, "disable", True)):
            # an outer bar's values set in the loop of a bar inside it (an epoch bar's
            # `set_postfix(avg_loss=...)` each batch): at the inner loop's global step
            metrics("tqdm", values, counted(inner), bar=described(bar))
            return
        done = getattr(bar, "_runlab_inner", None) if n is not None else None
        if done is not None:
            # an outer bar's values set after a loop inside it (`outer.set_postfix(val_loss=v)`
            # once an epoch): at the step that loop reached, as Lightning logs an epoch's
            # values at the training step, not at the outer bar's own count
            metrics("tqdm", values, done, bar=described(bar))
            return
        if n is None and not hasattr(bar, "_runlab_n"):
            # A bar updated by hand: values set before its first update (`set_postfix(...)`,
            # then `update(8)`) are the count that update ends, and so are all its values:
            # they wait for it.
            if not hasattr(bar, "_runlab_ahead"):
                bar._runlab_ahead = bar.n == (getattr(bar, "initial", 0) or 0)
            if bar._runlab_ahead:
                # (values set again before an update: those before are that of one update
                # more, as a bar that is never updated shows them)
                held(bar, later=True)
                with lock:
                    bar._runlab_pending = (bar.n, values)
                return
        # (A bar iterated over, its loop done, is at its count.)
        shown(bar, values, bar.n if n is None else n)

    def shown(bar, values, n):
        metrics("tqdm", values, offset(bar) + n, bar=described(bar))

    def held(bar, later=False):
        """The values a bar holds for its next update, given out: at the count an update
        ended (not `update(0)`, a refresh), or one more when none came (`later`)."""
        if getattr(bar, "_runlab_pending", None) is None:
            return
        with lock:
            pending, bar._runlab_pending = bar._runlab_pending, None
        if pending is None:
            return
        n, values = pending
        if bar.n != n or n and n == getattr(bar, "initial", 0) and not later:
            # (a bar that starts at its `initial` count shows its first values at it: Ignite's
            # ProgressBar, `tqdm(initial=1)`, then `update(iteration - bar.n)`, so `update(0)`)
            shown(bar, values, bar.n)
        elif later:
            shown(bar, values, n + 1)
        else:
            with lock:
                bar._runlab_pending = pending

    def given(bar):
        """The status lines' values waiting for a count, at the count `bar` is at now."""
        with lock:
            out = waiting[:]
            del waiting[:]
        step = counted(bar)
        for values, desc in out:
            metrics("tqdm", values, step, bar=desc)

    def updated(result, args, kwargs):
        bar = args[0]
        held(bar)
        if waiting and bar.n and getattr(bar, "total", None) != 0:
            given(bar)
        ref = getattr(bar, "_runlab_ref", None)
        if ref is None:
            ref = bar._runlab_ref = weakref.ref(bar)
        latest[0] = ref

    def closed(result, args, kwargs):
        bar = args[0]
        if not sys.is_finalizing() or "json" in sys.modules:
            # (a bar never closed is collected as Python exits: nothing may be imported then)
            held(bar, later=True)
            if waiting and getattr(bar, "total", None) == 0:  # (a status line closed)
                other = latest[0]() if latest[0] is not None else None
                given(other if other is not None else bar)
        if hasattr(bar, "_runlab_offset") and not getattr(bar, "_runlab_banked", False):
            bar._runlab_banked = True
            step = counted(bar)
            with lock:
                key = getattr(bar, "_runlab_loop", None) or loop_key(bar)
                totals[key] = max(totals.get(key, 0), step)

    def restarted(args, kwargs):
        # reset(): the same bar counts a new pass from 0, after the passes before it, as a
        # new bar of the loop would
        bar = args[0]
        held(bar, later=True)
        if hasattr(bar, "_runlab_offset"):
            step = counted(bar)
            with lock:
                bar._runlab_offset = step
        for name in ("_runlab_ahead", "_runlab_n"):
            if hasattr(bar, name):
                delattr(bar, name)

    def record_text(args, kwargs):
        # set_postfix_str(s): the `name=value, ...` text set_postfix would have written, or
        # a loop's own, its pairs between spaces or bars, or `name: value`
        text = args[1] if len(args) > 1 else kwargs.get("s", "")
        values = _postfix_pairs(str(text))
        if values:
            record((args[0], values), {})

    def record_description(args, kwargs):
        # set_description(f"loss {l:.3f}"): its text, read by the recorder as a drawing's
        # description is (a value repeated, which redraws the same line, is a point of its
        # step too), at the step the loop is at; a bar not iterated over is read from its
        # drawings
        bar = args[0]
        text = args[1] if len(args) > 1 else kwargs.get("desc")
        if not text or type(bar).__module__.split(".")[0] in _FRAMEWORK_BARS or _open or (
                _searching[0]):
            return
        text = str(text)[:200]
        n = getattr(bar, "_runlab_n", None)
        if n is None or not any(c.isdigit() for c in text):
            return
        inner = latest[0]() if latest[0] is not None else None
        if inner is not None and inner is not bar and getattr(inner, "_runlab_n", None) is not None and (
                not getattr(inner, "disable", True)):
            step = counted(inner)  # (an outer bar's, in the loop of one inside it)
        else:  # (or after it: at the step that loop reached, as `record`)
            step = getattr(bar, "_runlab_inner", None) or offset(bar) + n
        # (with its postfix: a key both show is the postfix's, as a drawing of it is read)
        postfix = getattr(bar, "postfix", None)
        emit({"hook": "tqdm", "described": text, "step": step, "time": time.time(),
              **({"postfix": str(postfix)[:400]} if postfix else {})})

    wrap(cls, "set_postfix", "tqdm", before=record)
    for name in ("set_description", "set_description_str"):
        if hasattr(cls, name):
            wrap(cls, name, "tqdm", before=record_description)
    if hasattr(cls, "set_postfix_str"):  # (tqdm's own since 4.17)
        wrap(cls, "set_postfix_str", "tqdm", before=record_text)
    if hasattr(cls, "update"):
        wrap(cls, "update", "tqdm", after=updated)
    if hasattr(cls, "reset"):  # (tqdm's own since 4.32)
        wrap(cls, "reset", "tqdm", before=restarted)
    wrap(cls, "close", "tqdm", before=lambda args, kwargs: closed(None, args, kwargs))


# -- Hugging Face Trainer -----------------------------------------------------------------

def _transformers(module):
    if module.__name__.endswith(".hf_argparser"):
        _transformers_arguments(module)
        return
    from transformers.trainer_callback import TrainerCallback

    class RunlabCallback(TrainerCallback):
        def __init__(self):
            self.on_log = guarded("transformers", self._log)
            self.on_train_begin = guarded("transformers", self._begin)
            self.on_train_end = guarded("transformers", self._end)

        def _log(self, args, state, control, logs=None, **kwargs):
            metrics("transformers", logs or {}, state.global_step)

        def _begin(self, args, state, control, **kwargs):
            params("transformers", args.to_dict())
            exclusive("transformers", True)

        def _end(self, args, state, control, **kwargs):
            exclusive("transformers", False)

    def add(result, args, kwargs):
        trainer = args[0]
        # First, so that each record is written before the progress callback prints it.
        trainer.callback_handler.callbacks.insert(0, RunlabCallback())

    def stopped(args, kwargs):  # a training that raised: on_train_end never came
        if "transformers" in _open:
            exclusive("transformers", False, args[0].state.global_step)

    wrap(module.Trainer, "__init__", "transformers", after=add)
    wrap(module.Trainer, "train", "transformers", failed=stopped)


# -- Lightning ----------------------------------------------------------------------------

def _lightning(module):
    package = module.__name__.split(".")[0]
    root = package + (".pytorch" if package == "lightning" else "")
    import importlib

    connector = importlib.import_module(
        root + ".trainer.connectors.logger_connector.logger_connector")._LoggerConnector

    def log_metrics(args, kwargs):
        self, values = args[0], (args[1] if len(args) > 1 else kwargs.get("metrics"))
        step = args[2] if len(args) > 2 else kwargs.get("step")
        if not values or running.get("tuning"):
            return
        values = {k: _number(v) for k, v in values.items()}
        # The step the loggers get (as _LoggerConnector.log_metrics computes it).
        if step is None:
            if values.get("step") is not None:
                step = int(values.pop("step"))
            else:
                values.setdefault("epoch", self.trainer.current_epoch)
                step = self.trainer.fit_loop.epoch_loop._batches_that_stepped
        if not getattr(self.trainer, "loggers", None):
            # (no logger, `Trainer(logger=False)`, darts' default: what the bar gave of a short
            # fit's steps, `bar_only`, not again at the same step when the connector passes it
            # on, as it does at an early stop)
            values = {k: v for k, v in values.items() if shown_at.get(k) != (step, v)}
        metrics("lightning", values, step)

    # What the connector passes to the loggers, its own record: a logger's log_metrics called
    # from anywhere else (LearningRateMonitor's `lr-SGD`, the module's own
    # `self.logger.log_metrics(...)`) is recorded where it is called.
    through = threading.local()
    passing = connector.log_metrics
    if not getattr(passing, "_runlab", False):
        def passed(*args, **kwargs):
            depth = getattr(through, "depth", 0)
            through.depth = depth + 1
            try:
                return passing(*args, **kwargs)
            finally:
                through.depth = depth

        connector.log_metrics = passed
    wrap(connector, "log_metrics", "lightning", before=log_metrics)

    running = {}  # the trainer whose fit, validate or test runs

    # What the bar shows but no logger gets (`self.log(..., prog_bar=True, logger=False)`, or
    # with no logger at all, a short fit's training steps): each new value where the loggers'
    # step is, as Lightning computes it for the bar.
    shown = {}
    shown_at = {}  # (with no logger) the step and value each key was last recorded at

    def short_fit(trainer):
        if "short" not in running:
            running["short"] = trainer.log_every_n_steps > trainer.estimated_stepping_batches
        return running["short"]

    def bar_only(result, args, kwargs):
        trainer = running.get("trainer")
        if trainer is None or not isinstance(result, dict) or running.get("tuning") or getattr(
                trainer, "sanity_checking", False):
            return  # (nor what the sanity check's validation shows: no logger gets it)
        loop = trainer.fit_loop.epoch_loop
        if trainer.training and loop._should_accumulate():
            return  # (the loggers get a batch's values once its optimizer steps)
        # What the loggers get, the connector passes on (`log_metrics`), with no logger too,
        # at their steps and every `log_every_n_steps`; but a training step's values of a fit
        # with no logger that never reaches `log_every_n_steps` only the bar shows.
        logged = result.get("log") or {}
        on_step = args[1] if len(args) > 1 else kwargs.get("on_step")
        if on_step and trainer.training and not getattr(trainer, "loggers", None) and (
                short_fit(trainer)):
            logged = {}
        values = {}
        step = loop._batches_that_stepped
        for key, value in (result.get("pbar") or {}).items():
            number = _number(value)
            if key not in logged and number is not None and shown.get(key) != number:
                shown[key] = values[key] = number
                shown_at[key] = (step, number)
        if values:
            metrics("lightning", values, step)

    results = importlib.import_module(
        root + ".trainer.connectors.logger_connector.result")._ResultCollection
    wrap(results, "metrics", "lightning", after=bar_only)

    calling = threading.local()  # a logger's log_metrics inside another's (a subclass's super())

    def direct(args, kwargs):
        depth = getattr(calling, "depth", 0)
        calling.depth = depth + 1
        values = args[1] if len(args) > 1 else kwargs.get("metrics")
        step = args[2] if len(args) > 2 else kwargs.get("step")
        trainer = running.get("trainer")
        if depth or getattr(through, "depth", 0) or not values or trainer is None or (
                running.get("tuning") or args[0] is not running.get("logger")):
            return
        if dict(values) == {"hp_metric": -1}:
            return  # TensorBoardLogger's placeholder for a metric the program may log later
        if step is None:
            step = trainer.fit_loop.epoch_loop._batches_that_stepped
        metrics("lightning", {k: _number(v) for k, v in values.items()}, int(step))

    def returned(result, args, kwargs):
        calling.depth = max(getattr(calling, "depth", 1) - 1, 0)

    def started(args, kwargs, method="fit"):
        trainer = args[0]
        shown.clear()
        running.pop("short", None)
        running["trainer"] = trainer
        # (the first logger's: each logger is passed the same values; wrapped in its class,
        # so that the logger still pickles, as `ddp_spawn` sends the trainer to each process)
        running["logger"] = None
        for logger in list(getattr(trainer, "loggers", None) or ())[:1]:
            if callable(getattr(type(logger), "log_metrics", None)):
                running["logger"] = logger
                wrap(type(logger), "log_metrics", "lightning", before=direct, after=returned,
                     failed=lambda args, kwargs: returned(None, args, kwargs))
        model = args[1] if len(args) > 1 else kwargs.get("model")
        datamodule = kwargs.get("datamodule") or (args[4] if len(args) > 4 else None)
        hparams = {}
        for part in (model, datamodule):
            hparams.update(dict(getattr(part, "hparams_initial", None) or {}))
        # (LightningCLI's own: `_class_path`, `_instantiator`; no settings of the model's)
        hparams = {k: v for k, v in hparams.items() if not str(k).startswith("_")}
        if hparams and not _state.get("lightning_cli"):  # (LightningCLI's config holds them)
            params("lightning", hparams, training=(
                f"{type(model).__name__}.fit", _training_number(model)) if method == "fit"
                else None)
        # The bar's version number, which its last render (after the window) may still show.
        emit({"hook": "lightning", "owns": ["v_num"]})
        exclusive("lightning", True)
        del trainer

    def ended(result, args, kwargs):
        # The run is at the batches the fit stepped (the step Lightning logs what comes next
        # at, a test's metrics too).
        loop = getattr(getattr(args[0], "fit_loop", None), "epoch_loop", None)
        exclusive("lightning", False, getattr(loop, "_batches_that_stepped", None))

    def stopped(args, kwargs):  # a fit that raised: the window closes where it stopped
        ended(None, args, kwargs)

    for method in ("fit", "validate", "test"):
        wrap(module.Trainer, method, "lightning", after=ended, failed=stopped,
             before=lambda args, kwargs, method=method: started(args, kwargs, method))

    # The tuner's trial fits (`Tuner.lr_find`'s sweep, `scale_batch_size`'s tries) give their
    # loggers a `DummyLogger` in their place: none of their values is the run's record.
    def tuning(args, kwargs):
        running["tuning"] = running.get("tuning", 0) + 1

    def tuned(*args):
        running["tuning"] -= 1

    callbacks = importlib.import_module(root + ".callbacks")
    for owner, method in (("LearningRateFinder", "lr_find"),
                          ("BatchSizeFinder", "scale_batch_size")):
        if hasattr(getattr(callbacks, owner, None), method):
            wrap(getattr(callbacks, owner), method, "lightning", before=tuning, after=tuned,
                 failed=tuned)


# -- Keras --------------------------------------------------------------------------------

def _keras(module):
    from keras.src.callbacks.callback import Callback

    class Opening(Callback):
        """The fit's window opens before any callback can print."""

        def __init__(self):
            super().__init__()
            self.on_train_begin = guarded("keras", self._begin)

        def _begin(self, logs=None):
            exclusive("keras", True)

    class RunlabCallback(Callback):
        """The epochs' logs once every other callback has added to them (the learning rate
        `LearningRateScheduler` and `ReduceLROnPlateau` write in)."""

        def __init__(self, per_batch, model):
            super().__init__()
            self.per_batch = per_batch
            self.owner = model
            self.batches = 0
            self.epoch = None  # the last epoch ended, as printed
            # The epochs a fit of the same model from epoch 0 goes on after: the earlier fits'
            # (`for e in range(3): model.fit(x, y, epochs=1)`), as its optimizer's steps do.
            self.offset = None
            self.on_epoch_begin = guarded("keras", self._epoch_begin)
            self.on_epoch_end = guarded("keras", self._epoch_end)
            self.on_train_batch_end = guarded("keras", self._batch_end)
            self.on_train_end = guarded("keras", self._end)

        def _end(self, logs=None):
            # (the run is at its last epoch: the batches' steps are a finer scale)
            fitted["epoch"] = self.epoch
            if self.epoch is not None:
                try:
                    ended[self.owner] = self.epoch
                except TypeError:  # (a model no weak reference can hold)
                    pass
            exclusive("keras", False, self.epoch)

        def _epoch_begin(self, epoch, logs=None):
            if self.offset is None:
                try:
                    self.offset = ended.get(self.owner, 0) if int(epoch) == 0 else 0
                except TypeError:
                    self.offset = 0
            # Batches counted across epochs, from the fit's first epoch (initial_epoch).
            steps = (getattr(self, "params", None) or {}).get("steps")
            if isinstance(steps, int) and steps > 0:
                self.batches = (int(epoch) + self.offset) * steps

        def _epoch_end(self, epoch, logs=None):
            # as printed, `Epoch 1/3` is 1 (after the same model's earlier fits)
            self.epoch = int(epoch) + 1 + (self.offset or 0)
            metrics("keras", logs or {}, self.epoch)

        def _batch_end(self, batch, logs=None):
            self.batches += 1
            if self.per_batch:
                metrics("keras", {f"batch/{k}": v for k, v in (logs or {}).items()},
                        self.batches)

    class Evaluated(Callback):
        """An evaluation's results (`evaluate` outside a fit): `eval_loss`, `eval_accuracy`, at
        the epoch the last fit ended at (its bar shows them under the training's names)."""

        def __init__(self):
            super().__init__()
            self.on_test_end = guarded("keras", self._end)

        def _end(self, logs=None):
            metrics("keras", {f"eval_{k}": v for k, v in (logs or {}).items()},
                    fitted["epoch"])

    def settings(model, args, kwargs):
        """The fit's settings, as MLflow's autolog for Keras takes them: `epochs`, and
        `batch_size` and `validation_split` where given; the optimizer's class, `optimizer`,
        and its `learning_rate` (a schedule's at the start, before the optimizer steps)."""
        # fit(x, y, batch_size, epochs, verbose, callbacks, validation_split, ...)
        given = dict(zip(("batch_size", "epochs", "validation_split"),
                         (args[2:4] + args[6:7]) if len(args) > 6 else args[2:4]))
        given.update({k: kwargs[k] for k in ("batch_size", "epochs", "validation_split")
                      if k in kwargs})
        values = {"epochs": 1, **{k: v for k, v in given.items() if v is not None}}
        optimizer = getattr(model, "optimizer", None)
        optimizer = getattr(optimizer, "inner_optimizer", optimizer)  # (LossScaleOptimizer's)
        if optimizer is not None:
            values["optimizer"] = type(optimizer).__name__
            rate = _number(getattr(optimizer, "learning_rate", None))
            if rate is not None:  # (a float32 variable's: 0.05, not 0.05000000074505806)
                import numpy

                values["learning_rate"] = float(str(numpy.float32(rate)))
        # (a model fitted again goes on training, a fine-tuning's lower rate included; another
        # model, a loop's next learning rate, is another training)
        params("keras", values, training=(_model_kind(model), _training_number(model)))

    fitted = {"epoch": None}  # the epoch the latest fit ended at
    import weakref

    ended = weakref.WeakKeyDictionary()  # the epoch each model's latest fit ended at
    original = module.Model.fit
    if getattr(original, "_runlab", False):
        return

    def fit(self, *args, **kwargs):
        try:
            if active() and "keras" not in _failed:
                guarded("keras", settings)(self, args, kwargs)
                # fit(x, y, batch_size, epochs, verbose, callbacks, ...)
                verbose = kwargs.get("verbose", args[4] if len(args) > 4 else "auto")
                mine = RunlabCallback(verbose in (1, "auto"), self)
                if len(args) > 5:
                    args = args[:5] + ([Opening(), *(args[5] or []), mine],) + args[6:]
                else:
                    kwargs["callbacks"] = [Opening(), *(kwargs.get("callbacks") or []), mine]
        except Exception as e:  # noqa: BLE001
            fail("keras", e)
        try:
            return original(self, *args, **kwargs)
        finally:
            if "keras" in _open:  # a fit that raised: on_train_end never came
                guarded("keras", exclusive)("keras", False)

    fit._runlab = True
    fit.__wrapped__ = original
    module.Model.fit = fit

    evaluated = module.Model.evaluate

    def evaluate(self, *args, **kwargs):
        mine = False
        try:
            if active() and "keras" not in _failed and "keras" not in _open:
                # (a fit's validation calls evaluate inside the fit's window: its own)
                # evaluate(x, y, batch_size, verbose, sample_weight, steps, callbacks, ...)
                if len(args) > 6:
                    args = args[:6] + ([*(args[6] or []), Evaluated()],) + args[7:]
                else:
                    kwargs["callbacks"] = [*(kwargs.get("callbacks") or []), Evaluated()]
                exclusive("keras", True)
                mine = True
        except Exception as e:  # noqa: BLE001
            fail("keras", e)
        try:
            return evaluated(self, *args, **kwargs)
        finally:
            if mine:
                guarded("keras", exclusive)("keras", False, fitted["epoch"])

    evaluate._runlab = True
    evaluate.__wrapped__ = evaluated
    module.Model.evaluate = evaluate


# -- XGBoost and LightGBM -----------------------------------------------------------------

def _xgboost(module):
    import xgboost.callback as callback

    class RunlabCallback(callback.TrainingCallback):
        def __init__(self):
            super().__init__()
            self.after = guarded("xgboost", self._after)
            self.before = guarded("xgboost", self._before)
            self.done = 0  # the rounds the model had boosted before this training

        def _before(self, model):
            # a training that goes on from a model (`xgb_model=booster`) counts its rounds
            # from 0; the model's rounds go on after those it had (`num_boosted_rounds()`),
            # as LightGBM's `init_model` does
            rounds = getattr(model, "num_boosted_rounds", None)
            self.done = int(rounds()) if callable(rounds) else 0

        def before_training(self, model):
            self.before(model)
            return model

        def _after(self, model, epoch, evals_log):
            if _inside_sklearn():
                return  # a search's candidate or fold: its refit model's, after it
            values = {}
            for data, logs in evals_log.items():
                for name, history in logs.items():
                    if not history:
                        continue
                    last = history[-1]
                    if isinstance(last, tuple):  # cv's (mean, std), as it prints them
                        values[f"{data}-{name}"], values[f"{data}-{name}-std"] = last[:2]
                    else:
                        values[f"{data}-{name}"] = last
            metrics("xgboost", values, self.done + epoch)

        def after_iteration(self, model, epoch, evals_log):
            self.after(model, epoch, evals_log)
            return False

    def add(args, kwargs, name):
        # first: a program's callback that stops the fit (`any(...)` over the callbacks)
        # would leave the round it stops at unrecorded
        kwargs["callbacks"] = [RunlabCallback(), *(kwargs.get("callbacks") or [])]
        if _inside_sklearn():
            return
        values = args[0] if args else kwargs.get("params")
        if isinstance(values, (list, tuple)):
            values = dict(v for v in values if isinstance(v, tuple) and len(v) == 2)
        if isinstance(values, dict):
            params("xgboost", {**values, **_rounds(args, kwargs, 10)},
                   training=(f"xgboost.{name}", _training_number(None)))

    _patch_train(module, "xgboost", add)


def _rounds(args, kwargs, default):
    """The rounds a boosting library's `train` or `cv` was given (`num_boost_round`, its
    early stopping's `early_stopping_rounds`, cv's `nfold`), as MLflow's autolog logs them."""
    rounds = {"num_boost_round": args[2] if len(args) > 2 else kwargs.get("num_boost_round",
                                                                          default)}
    for name in ("early_stopping_rounds", "nfold"):
        if kwargs.get(name) is not None:
            rounds[name] = kwargs[name]
    return rounds


def _inside_sklearn():
    """Whether a scikit-learn search (or another estimator that cross-validates clones,
    `cv=`) fits, or a cross-validation runs, in any thread: a boosting model's fit there is a
    fold's or a candidate's, and a search's refit model is recorded after it
    (`_boosting_curves`). A pipeline's model records its own rounds."""
    return bool(_sklearn_searching[0] or _sklearn_validating[0])


def _boosting_curves(estimator):
    """Record the evaluation history of an XGBoost or LightGBM scikit-learn model a search
    refit (its fit muted, `_inside_sklearn`), as their hooks record a fit: `validation_0-logloss` from round 0,
    `valid_0-l2` from 1."""
    kinds = {kind.__module__.partition(".")[0] for kind in type(estimator).__mro__}
    if "xgboost" in kinds:
        hook, first = "xgboost", 0
        try:
            logs = estimator.evals_result()
        except Exception:  # noqa: BLE001 - fitted without an evaluation set
            return
    elif "lightgbm" in kinds:
        hook, first, logs = "lightgbm", 1, getattr(estimator, "evals_result_", None)
    else:
        return
    rounds = {}
    for data, curves in (logs or {}).items():
        for name, values in (curves or {}).items():
            for i, value in enumerate(values or ()):
                number = _number(value)
                if number is not None:
                    rounds.setdefault(i + first, {})[f"{data}-{name}"] = number
    for step in sorted(rounds):
        metrics(hook, rounds[step], step)


def _lightgbm(module):
    def record(env):
        values = {}
        for item in env.evaluation_result_list or ():
            data, name, value = item[0], item[1], item[2]
            values[f"{data}-{name}"] = value
            if len(item) > 4:  # cv's spread across the folds, as its log names it
                values[f"{data}-{name}-stdv"] = item[4]
        if not _inside_sklearn():  # (a search's candidate or fold: `_boosting_curves`)
            metrics("lightgbm", values, env.iteration + 1)  # as its log counts rounds, from 1

    record = guarded("lightgbm", record)
    # after its logging (10) and record_evaluation (20), before early_stopping (30), which
    # ends the fit by raising in the round it stops at: that round is recorded too
    record.order = 25

    def add(args, kwargs, name):
        kwargs["callbacks"] = list(kwargs.get("callbacks") or []) + [record]
        values = args[0] if args else kwargs.get("params")
        if isinstance(values, dict) and not _inside_sklearn():
            params("lightgbm", {**values, **_rounds(args, kwargs, 100)},
                   training=(f"lightgbm.{name}", _training_number(None)))

    _patch_train(module, "lightgbm", add)


def _patch_train(module, hook, add):
    """Wrap the `train` and `cv` functions a module holds (the package's and its sklearn
    API's), before the package and its sklearn API bind the names: `add` adds to their
    keyword arguments."""
    for name in ("train", "cv"):
        if getattr(module, name, None) is not None:
            wrap(module, name, hook, before=lambda args, kwargs, name=name: add(args, kwargs, name))


_numbered = weakref.WeakKeyDictionary()  # the training number of each model a hook saw fitted


def _model_kind(model):
    """What kind of Keras model a fit trains, for `params(training=...)`: its class, its
    layers' classes and its size, so that an autoencoder then a classifier are two kinds and
    a loop's models of one architecture one (`Sequential.fit#...`: the tag shows the part
    before `#`)."""
    layers = tuple(type(layer).__name__ for layer in getattr(model, "layers", ()) or ())
    try:
        size = model.count_params()
    except Exception:  # noqa: BLE001 - a model not built yet has no size
        size = None
    import zlib

    return f"{type(model).__name__}.fit#{zlib.crc32(repr((layers, size)).encode()):08x}"


def _training_number(model):
    """Which training a fit is, for `params(training=...)`: one number a model (fitted again,
    it goes on with its training), else (no model, or one no weak reference can name) a new
    one a call."""
    _state["trainings"] = number = _state.get("trainings", 0) + 1
    if model is None:
        return number
    try:
        return _numbered.setdefault(model, number)
    except TypeError:
        return number


# -- Stable-Baselines3 ---------------------------------------------------------------------

# What its logger holds that counts, not measures: the timesteps are the step.
_SB3_COUNTS = frozenset({"time/iterations", "time/total_timesteps", "time/episodes"})
# The algorithm's settings, as its constructor takes them (schedules, callables, are left out).
_SB3_SETTINGS = ("learning_rate", "n_steps", "batch_size", "n_epochs", "gamma", "gae_lambda",
                 "ent_coef", "vf_coef", "max_grad_norm", "normalize_advantage", "target_kl",
                 "buffer_size", "learning_starts", "tau", "gradient_steps",
                 "target_update_interval", "exploration_fraction", "exploration_initial_eps",
                 "exploration_final_eps", "policy_delay", "target_policy_noise",
                 "target_noise_clip", "use_sde", "sde_sample_freq", "n_envs", "seed",
                 "clip_range", "clip_range_vf")


def _click(module):
    """click's (and typer's) commands: each one's parameters as it invokes it, the defaults,
    the environment's values and the command line's typed as click typed them, reported as
    argparse's are (an option's other spellings its aliases, `-e 7` no param of its own); a
    secret's values on the command line placed, as argparse's, to be hidden."""
    if module.__name__ == "papermill.execute":
        _papermill(module)
        return
    command_class = module.Command

    def main(args, kwargs):
        given = kwargs["args"] if "args" in kwargs else args[1] if len(args) > 1 else None
        _state["click_argv"] = given is None and not os.environ.get("RUNLAB_HOOK_NESTED")

    def invoke(args, kwargs):
        command, ctx = args[0], args[1]
        # (typer's own `main` reads the command line as click's does, unless handed a list)
        from_argv = _state.get("click_argv", not os.environ.get("RUNLAB_HOOK_NESTED"))
        words = list(getattr(sys, "argv", [])[1:]) if from_argv else []
        entries = []
        path, parent = [], ctx
        while getattr(parent, "parent", None) is not None and isinstance(
                getattr(parent, "info_name", None), str):
            path.insert(0, parent.info_name)
            parent = parent.parent
        for param in getattr(command, "params", ()):
            name = getattr(param, "name", None)
            if not name or name not in ctx.params:
                continue
            value = _parsed_value(ctx.params[name])
            options = [o for o in (*param.opts, *getattr(param, "secondary_opts", ()))
                       if o[:1] in "-+/"]
            names = [o.lstrip("-+/") for o in options]
            positive = [o for o in param.opts if o[:1] in "-+/"]
            key = max(positive, key=len).lstrip("-+/") if positive else name
            secret = any(_secret_name(n) for n in (name, *names))
            entry = {"key": key, "exact": True, "value": "***"
                     if secret and not _nothing_to_hide(value)
                     else redact({key: value})[_redact_text(key)]}
            aliases = [n for n in names if n != key]
            if aliases:
                entry["aliases"] = aliases
            # (what a rerun needs: an Argument is given by its place; `--no-shout` of a
            # `--shout/--no-shout` turns it off; a group's subcommand words choose it)
            entry["positional"] = getattr(param, "param_type_name", "") == "argument"
            negative = [o.lstrip("-+/") for o in getattr(param, "secondary_opts", ())
                        if o[:1] in "-+/"]
            if negative:
                entry["negative"] = negative[0]
            if path:
                entry["command"] = path
            places = _option_places(options, words) if secret and words and not getattr(
                param, "is_flag", False) and getattr(param, "nargs", 1) == 1 else []
            # (an argument's value, where the command line gave it: in no known place)
            source = getattr(ctx, "get_parameter_source", lambda name: None)(name)
            typed_value = secret and not options and words and value is not None and (
                getattr(source, "name", "") == "COMMANDLINE")
            at, anywhere = _secret_places(value if typed_value else None, places, words) if (
                secret) else ([], [])
            if at:
                entry["secret_at"] = at
            if anywhere:
                entry["secret_hash"] = anywhere
            entries.append(entry)
        if entries:
            emit({"argparse": entries, "argv": bool(from_argv)})

    wrap(command_class, "main", "click", before=main)
    wrap(command_class, "invoke", "click", before=invoke)


def _papermill(module):
    """papermill's (a click program's) notebook parameters, in the runner that executes the
    notebook (its own options are none): those it injects, over the defaults of the notebook's
    cell tagged `parameters`. The command line's `-p` ones are the run's already and keep
    their place."""

    def prepared(args, kwargs):
        nb = args[0] if args else kwargs["nb"]
        metadata = nb.get("metadata", {})
        language = (metadata.get("kernelspec", {}).get("language")
                    or metadata.get("language_info", {}).get("name") or "python")
        cell = next((c for c in nb.get("cells", ()) if "parameters" in c.get(
            "metadata", {}).get("tags", ())), None)
        values = {}
        if cell is not None and str(language).lower() == "python":
            source = cell.get("source", "")
            values = _literal_assignments("".join(source) if isinstance(source, list) else source)
        given = metadata.get("papermill", {}).get("parameters")
        if isinstance(given, dict):
            values.update({k: _parsed_value(v) for k, v in given.items()})
        if values:
            params("click", values)

    wrap(module, "prepare_notebook_metadata", "click", before=prepared)


def _literal_assignments(source):
    """A Python cell's `name = literal` settings (`lr = 0.01`, `sizes = (64, 32)`, `lr: float =
    0.01`), as params; an expression (`os.path.join(...)`, known only as it runs) is none, nor
    is a cell Python cannot read (an IPython magic)."""
    import ast

    try:
        body = ast.parse(source).body
    except (SyntaxError, ValueError):
        return {}
    values = {}
    for node in body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if (
            isinstance(node, ast.AnnAssign) and node.value is not None) else []
        if not targets:
            continue
        try:
            value = _parsed_value(ast.literal_eval(node.value))
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            continue
        values.update({target.id: value for target in targets if isinstance(target, ast.Name)})
    return values


def _fire(module):
    """python-fire's calls: each function's (or class's) arguments as fire bound them from the
    program's command line, its defaults included, reported as argparse's are (`model_name`,
    typed `--model-name` or `--model_name`, once); a secret's value typed as a positional
    placed, as argparse's is, to be hidden."""
    make = getattr(module, "_MakeParseFn", None)
    if make is None or getattr(make, "_runlab", False) or not hasattr(module, "Fire"):
        return

    def fired(args, kwargs):
        command = kwargs["command"] if "command" in kwargs else args[1] if len(args) > 1 else None
        _state["fire_argv"] = command is None and not os.environ.get("RUNLAB_HOOK_NESTED")

    def bound(fn, varargs, kwargs):
        import inspect

        signature = inspect.signature(fn)
        binding = signature.bind_partial(*varargs, **kwargs)
        binding.apply_defaults()
        words = [str(word) for word in getattr(sys, "argv", [])[1:]]
        entries = []
        for name, value in binding.arguments.items():
            if signature.parameters[name].kind in (inspect.Parameter.VAR_POSITIONAL,
                                                   inspect.Parameter.VAR_KEYWORD):
                continue
            value = _parsed_value(value)
            secret = _secret_name(name) and not _nothing_to_hide(value)
            entry = {"key": name, "exact": True, "value": "***" if secret else redact(
                {name: value})[_redact_text(name)]}
            if "_" in name:
                entry["aliases"] = [name.replace("_", "-")]
            if secret and str(value) in words:
                _, entry["secret_hash"] = _secret_places(str(value), [], words)
            entries.append(entry)
        if entries:
            emit({"argparse": entries, "argv": True})

    bound = guarded("fire", bound)

    def make_parse(fn, metadata):
        parse = make(fn, metadata)

        def parse_fn(args):
            result = parse(args)
            if _state.get("fire_argv"):
                (varargs, kwargs), *_ = result
                bound(fn, varargs, kwargs)
            return result

        return parse_fn

    make_parse._runlab = True
    module._MakeParseFn = make_parse
    wrap(module, "Fire", "fire", before=fired)


def _config_entries(config, hyphens, words):
    """A settings object's fields (a dataclass's, nested ones flattened with dots; a pydantic
    model's), as argparse's arguments are reported: under its flag's name (`batch-size`, the
    other spelling an alias; a flag's negative, `no-amp`, its alias too; an option it was
    typed after that names no field, tyro's `-b 64` alias, too); a secret's value hidden, and
    found where it was typed (under any alias, `-k X`, `-kX`) to be hidden there."""
    flat = {}
    _config_fields(config, "", flat, 0)
    entries = []
    for name, value in flat.items():
        value = _parsed_value(value)
        key = name.replace("_", "-") if hyphens else name
        other = name.replace("-", "_") if hyphens else name.replace("_", "-")
        aliases = [other] if other != key else []
        if type(value) is bool:
            head, _, last = key.rpartition(".")
            aliases += [f"{head}{'.' if head else ''}no-{last}", f"{head}{'.' if head else ''}no_{last}"]
        secret = _secret_name(name.rpartition(".")[2]) and not _nothing_to_hide(value)
        entries.append(_entry(key, value, aliases, secret, _typed_texts(value, words), words,
                              exact=True))
    _unnamed_aliases(entries, words)
    return entries


def _entry(key, value, aliases, secret, typed, words, exact=False):
    """One setting as the argparse report has it: its value (`***` for a secret's), its
    aliases; a secret's digests where it was typed (`typed`: its texts as the command line
    gave them), and the options it was typed after that name none of the parser's."""
    entry = {"key": key, "value": "***" if secret else redact({key: value})[_redact_text(key)]}
    if exact:
        entry["exact"] = True
    if secret and typed:
        digests = set()
        for text in typed:
            digests.update(_secret_places(text, [], words)[1])
        if digests:
            entry["secret_hash"] = sorted(digests)
    if typed:
        entry["_typed"] = typed
    if aliases:
        entry["aliases"] = list(aliases)
    return entry


def _unnamed_aliases(entries, words):
    """Give each setting the options it was typed after (or with, `-kX`, `-k=X`) that name no
    setting of the parser's: its aliases, no params of their own (tyro's `-k` for `api_key`,
    `-b 64` for `batch_size`)."""
    known = {name for entry in entries for name in (entry["key"], *entry.get("aliases", ()))}
    for entry in entries:
        typed = entry.pop("_typed", None)
        if typed:
            found = sorted({name for text in typed for name in _typed_before(
                text, words, known, bool(entry.get("secret_hash")))})
            if found:
                entry["aliases"] = entry.get("aliases", []) + found


def _typed_texts(value, words):
    """The texts a setting's value was typed as (`-p 00987654` for the int 987654; each item
    of a list): the words that spell it, or end in it after an option (`-kX`, `--k=X`)."""
    items = value if isinstance(value, list) else [value]
    texts = set()
    for item in items:
        if item is None or isinstance(item, bool) or item == "":
            continue
        text = str(item)
        for word in words:
            # (and what follows an option's `=` or its one letter: `-k=X`, `-kX`)
            tails = [word[word.index("=") + 1:]] if word[:1] == "-" and "=" in word else []
            if word[:1] == "-" and word[1:2] != "-" and len(word) > 2:
                tails.append(word[2:])
            for candidate in (word, *tails):
                if candidate == text or candidate is word and word[:1] == "-" and (
                        word.endswith(text) and len(word) > len(text)):
                    texts.add(text)
                elif isinstance(item, (int, float)) and _number(candidate) == item and (
                        candidate[:1] != "-" or candidate[1:2].isdigit()):
                    texts.add(candidate)  # (`00987654` for 987654, `1e-3` for 0.001)
    return sorted(texts)


def _config_fields(config, prefix, out, depth):
    import dataclasses

    if dataclasses.is_dataclass(config) and not isinstance(config, type):
        items = [(f.name, getattr(config, f.name, None)) for f in dataclasses.fields(config)]
    elif hasattr(config, "model_dump") and hasattr(type(config), "model_fields"):
        items = [(name, getattr(config, name, None)) for name in type(config).model_fields]
    else:
        return
    for name, value in items:
        if depth < 8 and (dataclasses.is_dataclass(value) and not isinstance(value, type) or (
                hasattr(value, "model_dump") and hasattr(type(value), "model_fields"))):
            _config_fields(value, f"{prefix}{name}.", out, depth + 1)
        elif isinstance(value, dict):
            flat = {}
            _flatten(value, "", flat)
            out.update({f"{prefix}{name}.{k}".replace("/", "."): v for k, v in flat.items()})
        elif value is None or isinstance(value, (bool, int, float, str, list, tuple)) or (
                hasattr(value, "value") and hasattr(type(value), "__members__")) or (
                    hasattr(value, "__fspath__")):
            out[prefix + name] = value


def _is_argv(given):
    """Whether a parser was handed the program's command line: none (it reads `sys.argv`),
    or its tail (`argv=sys.argv[1:]`, a subparser's rest)."""
    line = list(getattr(sys, "argv", None) or [""])[1:]
    return given is None or isinstance(given, (list, tuple)) and 0 < len(given) <= len(line) and (
        list(given) == line[len(line) - len(given):])


def _own_line(given):
    """`_is_argv`, not under a script's wrapper (whose programs' words are no run's)."""
    return not os.environ.get("RUNLAB_HOOK_NESTED") and _is_argv(given)


def _config_classes(spec, depth=0):
    """The classes a tyro spec names (a class, or those of its `Union`/`Annotated` forms)."""
    if isinstance(spec, type):
        return {spec}
    found = set()
    for inner in getattr(spec, "__args__", None) or () if depth < 8 else ():
        found |= _config_classes(inner, depth + 1)
    origin = getattr(spec, "__origin__", None)
    if isinstance(origin, type) and not getattr(spec, "__args__", None):
        found.add(origin)
    return found


def _tyro(module):
    """tyro's `cli(Config)`: the settings object it made of the program's command line, its
    defaults included, each field under its flag's name (`batch-size`, `data.num-workers`);
    not a function's return value (`tyro.cli(main)` runs `main`)."""
    _composers.add("tyro")

    def calling(args, kwargs):
        # (whether this call's settings are reported here: of a class, on the program's own
        # line; else its parse with argparse, where tyro uses it, is read as ever)
        spec = args[0] if args else kwargs.get("f")
        _state["tyro_reports"] = bool(_config_classes(spec)) and _own_line(kwargs.get("args"))

    def parsed(result, args, kwargs):
        if kwargs.get("return_parser") or not _own_line(kwargs.get("args")):
            return
        config = result[0] if kwargs.get("return_unknown_args") and isinstance(
            result, tuple) else result
        spec = args[0] if args else kwargs.get("f")
        if not any(isinstance(config, cls) for cls in _config_classes(spec)):
            return  # (a function's result, or an instance of no class it was given)
        words = [str(word) for word in getattr(sys, "argv", [])[1:]]
        entries = _config_entries(config, not kwargs.get("use_underscores"), words)
        if entries:
            emit({"argparse": entries, "argv": True})

    wrap(module, "cli", "tyro", before=calling, after=parsed)


def _pyrallis(module):
    """pyrallis' parse (`pyrallis.parse`, `@pyrallis.wrap()`): the config it made of the
    command line and its config file, its defaults included, each field dotted
    (`data.num_workers`), typed as the config class types it."""
    _composers.add("pyrallis")

    def calling(args, kwargs):
        given = kwargs["args"] if "args" in kwargs else args[1] if len(args) > 1 else None
        _state["pyrallis_reports"] = _own_line(given)

    def parsed(result, args, kwargs):
        given = kwargs["args"] if "args" in kwargs else args[1] if len(args) > 1 else None
        if not _own_line(given):
            return
        words = [str(word) for word in getattr(sys, "argv", [])[1:]]
        entries = _config_entries(result, False, words)
        if entries:
            emit({"argparse": entries, "argv": True})

    wrap(module.ArgumentParser, "parse_args", "pyrallis", before=calling, after=parsed)


def _docopt(module):
    """docopt's dict of the program's command line: each option and positional under its
    name (`--lr` as `lr`, `<data>` as `data`; its short option, `-o`, an alias), its
    `[default: ...]` included, a number's text as the number (as the command line's words
    are typed); a count (`-vv`) once; commands (`train`), `--help` and `--version` none."""

    def parsed(result, args, kwargs):
        given = kwargs["argv"] if "argv" in kwargs else args[1] if len(args) > 1 else None
        if not _own_line(given) or not isinstance(result, dict):
            return
        doc = args[0] if args else kwargs.get("doc", kwargs.get("docstring"))
        shorts = {}  # the long option's name: its short one's (`-o FILE --output=FILE`)
        defaults = getattr(module, "parse_defaults", None)  # (docopt-ng has none)
        try:
            options = defaults(doc) if callable(defaults) and isinstance(doc, str) else ()
        except Exception:  # noqa: BLE001 - another docopt's: its short options unknown
            options = ()
        for option in options:
            long = getattr(option, "long", None) or getattr(option, "longer", None)
            short = getattr(option, "short", None)
            if isinstance(long, str) and isinstance(short, str):
                shorts[long.lstrip("-")] = short.lstrip("-")
        words = [str(word) for word in getattr(sys, "argv", [])[1:]]
        entries = []
        for name, raw in result.items():
            if not isinstance(name, str) or name in ("--help", "--version", "-h"):
                continue
            if name[:1] == "<" and name[-1:] == ">":
                key = name[1:-1]
            elif name[:1] == "-":
                key = name.lstrip("-")
            else:
                continue  # (a command's word, `train`: in the command line as typed)
            value = [_typed_word(v) for v in raw] if isinstance(raw, list) else _typed_word(raw)
            aliases = [key.replace("-", "_")] if "-" in key else []
            if key in shorts:
                aliases.append(shorts[key])
            if type(value) is int and len(key) == 1 and value > 1:
                aliases.append(key * value)  # (`-vv`: `v` 2, no `vv` of its own)
            secret = _secret_name(key) and not _nothing_to_hide(value)
            # (exact: docopt's dict says what a flag before a positional is, `--amp x.csv`)
            entries.append(_entry(key, value, aliases, secret, _typed_texts(raw, words), words,
                                  exact=True))
        _unnamed_aliases(entries, words)
        if entries:
            emit({"argparse": entries, "argv": True})

    wrap(module, "docopt", "docopt", after=parsed)


def _typed_before(value, words, known, secret=False):
    """The options a value was typed after (or, a secret's, with: `-kX`, `-k=X`) that name
    none of `known` (tyro's `-k` alias for `api_key`, `-b` for `batch_size`): a short option
    of one letter (a word of grouped flags with a value attached, `-vkX`, names none)."""
    names = set()
    for i, word in enumerate(words):
        if word == value and i and _SHORT_OPTION.fullmatch(words[i - 1]):
            names.add(words[i - 1][1:])
        elif secret and word[:1] == "-" and len(word) > len(value) and word.endswith(value):
            names.add(word[: len(word) - len(value)].lstrip("-").rstrip("="))
    return sorted(name for name in names if name and name not in known)


_SHORT_OPTION = _re.compile(r"-[A-Za-z]")


def _typed_word(value):
    """A word's text as the number it spells, as the command line's words are typed (`"10"`
    is 10, `"0.3"` 0.3; `"007"`, `"1_000"`, `"inf"` and what overflows stay text)."""
    if not isinstance(value, str):
        return value
    if _INT_WORD.fullmatch(value):
        return int(value)
    if _FLOAT_WORD.fullmatch(value):
        number = float(value)
        if not math.isinf(number):
            return number
    return value


_INT_WORD = _re.compile(r"[+-]?(?:0|[1-9][0-9]*)")
_FLOAT_WORD = _re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))(?:[eE][+-]?[0-9]+)?")


def _secret_places(value, places, words):
    """What the recorder needs to find a secret's text in the command line it recorded, and
    to hide it there, without the secret itself: where each value typed for it stands (how
    far its word is from the line's end, where in the word it starts) with a digest of its
    text, so that the recorder hides that word only, and checks it is the one; and digests of
    its value as parsed where no place is known (a positional's), looked for in every word."""
    at = [[back, start, _digest(words[len(words) - back][start:])] for back, start in places
          if 0 < back <= len(words) and isinstance(words[len(words) - back], str)
          and words[len(words) - back][start:] not in ("", "***")]
    texts = [] if value is None or at else [value] if isinstance(value, (str, int, float)) and (
        not isinstance(value, bool)) else [
        v for v in value if isinstance(v, (str, int, float))] if isinstance(value, list) else []
    anywhere = sorted({_digest(str(text)) for text in texts if str(text) not in ("", "***")})
    return at, anywhere


def _option_places(options, words):
    """Where an option's values are among the command line's words (`-k X`, `--key=X`,
    `-kX`): each (how far its word is from the line's end, where in the word it starts)."""
    places = []
    count = len(words)
    for i, word in enumerate(words):
        if word == "--":
            break
        name, eq, _ = word.partition("=")
        if name in options:
            places.append([count - i, len(name) + 1] if eq else [count - i - 1, 0])
        elif word[:2] in options and len(word[:2]) == 2 and word[1:2] != "-" and len(word) > 2:
            places.append([count - i, 2])
    return [place for place in places if 0 < place[0] <= count]


def _transformers_arguments(module):
    """HfArgumentParser's dataclasses as they are returned, their defaults settled, however
    it read them: the command line (`parse_args_into_dataclasses`, over argparse's reading),
    a JSON or YAML file (`run_clm.py args.json`) or a dict; weak, as the Trainer's hook
    records its `TrainingArguments` as they end up."""
    import dataclasses

    def after(result, args, kwargs):
        values = {}
        for item in result if isinstance(result, tuple) else (result,):
            if not dataclasses.is_dataclass(item) or isinstance(item, type):
                continue
            for field in dataclasses.fields(item):
                value = getattr(item, field.name, None)
                value = getattr(value, "value", value)  # (an Enum's member: its value)
                if isinstance(value, (bool, int, float, str)) or value is None:
                    values[field.name] = value
        if values:
            params("transformers", values, weak=True)

    for name in ("parse_args_into_dataclasses", "parse_json_file", "parse_yaml_file",
                 "parse_dict"):
        if getattr(module.HfArgumentParser, name, None) is not None:
            wrap(module.HfArgumentParser, name, "transformers", after=after)


def _stable_baselines3(module):
    if not module.__name__.endswith(".base_class"):
        _stable_baselines3_learn(module)
        return
    from stable_baselines3.common.logger import DISABLED, Logger

    def dump(args, kwargs):
        # dump(self, step=0): what every output format is about to write (the boxed table,
        # progress.csv, TensorBoard), at the timesteps the algorithm passes
        logger = args[0]
        if logger.level == DISABLED:
            return
        step = kwargs.get("step", args[1] if len(args) > 1 else 0)
        metrics("stable_baselines3", {key: value for key, value in logger.name_to_value.items()
                                      if key not in _SB3_COUNTS and not isinstance(value, bool)},
                step)

    def setup(result, args, kwargs):
        # _setup_learn(self, total_timesteps, callback, ...) -> (total_timesteps, callback),
        # every algorithm's learn calls it first: the settings, and the window opens
        algorithm = args[0]
        values = {"algorithm": type(algorithm).__name__}
        policy = getattr(algorithm, "policy_class", None)
        if isinstance(policy, type):
            values["policy"] = policy.__name__
        values["total_timesteps"] = result[0]
        for name in _SB3_SETTINGS:
            value = getattr(algorithm, name, None)
            if callable(value) and not isinstance(value, type):
                # a schedule (PPO's `clip_range` always becomes one): its value at the start
                try:
                    value = _number(value(1.0))
                except Exception:  # noqa: BLE001 - the program's own function
                    value = None
            if isinstance(value, (bool, int, float, str)):
                values[name] = value
        policy_kwargs = getattr(algorithm, "policy_kwargs", None)
        if isinstance(policy_kwargs, dict) and policy_kwargs:
            values["policy_kwargs"] = policy_kwargs  # (`policy_kwargs.net_arch`)
        params("stable_baselines3", values)
        callback = result[1]
        ended = callback.on_training_end

        def on_training_end():
            try:
                return ended()
            finally:  # the run is at the timesteps the learning reached
                if "stable_baselines3" in _open:
                    guarded("stable_baselines3", exclusive)(
                        "stable_baselines3", False, algorithm.num_timesteps)

        callback.on_training_end = on_training_end
        exclusive("stable_baselines3", True)

    wrap(Logger, "dump", "stable_baselines3", before=dump)
    wrap(module.BaseAlgorithm, "_setup_learn", "stable_baselines3", after=setup)


def _stable_baselines3_learn(module):
    """A learn that raised (the environment's error, an interrupt) never reached
    on_training_end: the window closes at the timesteps it reached."""
    def stopped(args, kwargs):
        if "stable_baselines3" in _open:
            exclusive("stable_baselines3", False, getattr(args[0], "num_timesteps", None))

    for name in ("OnPolicyAlgorithm", "OffPolicyAlgorithm"):
        if hasattr(module, name):
            wrap(getattr(module, name), "learn", "stable_baselines3", failed=stopped)


# -- scikit-learn -------------------------------------------------------------------------

def _sklearn_curves(estimator):
    """{attribute: (key, sign, first step)} of the curves a fitted `estimator` of this kind
    keeps, under the names its verbose fit prints them (`Iteration 3, loss = ...`, the
    `Train Loss  OOB Improve` table, `train loss: ..., val loss: ...`)."""
    kind = type(estimator).__mro__
    names = {c.__name__ for c in kind}
    if "BaseMultilayerPerceptron" in names:
        return {"loss_curve_": ("loss", 1, 1), "validation_scores_": ("validation_score", 1, 1)}
    if "BaseHistGradientBoosting" in names:
        # Scores from the one before the first tree (step 0); the loss's are negated losses.
        if getattr(estimator, "scoring", None) == "loss":
            return {"train_score_": ("train_loss", -1, 0),
                    "validation_score_": ("val_loss", -1, 0)}
        return {"train_score_": ("train_score", 1, 0), "validation_score_": ("val_score", 1, 0)}
    if "BaseGradientBoosting" in names:
        return {"train_score_": ("train_loss", 1, 1), "oob_improvement_": ("oob_improve", 1, 1)}
    return {}


def _fitted_inside(estimator, before=False):
    """The estimator whose curves a composite's fit leaves: a pipeline's last step, a search's
    refit best estimator (before the fit, the estimator it searches over); else itself. A
    cross-validation's clones are fits of their own, not the composite's."""
    for _ in range(8):
        inner = getattr(estimator, "estimator" if before else "best_estimator_", None)
        if inner is None or not hasattr(estimator, "cv") or not getattr(estimator, "refit", None):
            steps = getattr(estimator, "steps", None)
            if not (isinstance(steps, list) and steps and isinstance(steps[-1], tuple)):
                return estimator
            inner = steps[-1][1]
        if inner is None or isinstance(inner, str):  # (`passthrough`)
            return estimator
        estimator = inner
    return estimator


# How deep the current thread is in scikit-learn fits: only an outermost fit records; and how
# many cross-validations run, in any thread (their clones' fits in a thread pool's workers
# record nothing either).
_sklearn_depth = threading.local()
_sklearn_validating = [0]
_sklearn_searching = [0]  # fits of estimators that cross-validate clones (`cv=`), any thread


def _sklearn_own(estimator):
    """Whether scikit-learn itself fits `estimator` for a function of its own (`log_loss`'s
    LabelBinarizer), not for the program (a method of the estimator's own, `fit_transform`,
    is its caller's call): its settings are no run's. Asked of the fit's caller."""
    try:
        frame = sys._getframe(2)
    except ValueError:
        return False
    while frame is not None and frame.f_locals.get("self") is estimator:
        frame = frame.f_back  # (its own methods: `fit` calling its `fit_predict`)
    return frame is not None and str(frame.f_globals.get("__name__", "")).startswith(
        _SKLEARN_HELPERS)


# The modules whose functions fit estimators of their own to compute something (`log_loss`'s
# LabelBinarizer, `label_binarize`); not the function APIs of models (`k_means`, `dbscan`),
# whose fit is the program's.
_SKLEARN_HELPERS = ("sklearn.metrics", "sklearn.preprocessing._label", "sklearn.utils")


def _sklearn_params(estimator):
    # A preprocessor's settings (a scaler's, PCA's: it transforms, it does not predict)
    # give way to the model's fitted after it (`random_state` is the model's).
    # (and so do a sampler's, imbalanced-learn's `SMOTE`: it resamples, it does not predict)
    weak = (hasattr(estimator, "transform") or hasattr(estimator, "fit_resample")) and (
        not hasattr(estimator, "predict"))
    # (a tuple or list of plain values, `hidden_layer_sizes=(64, 32)`, as a list)
    values = {k: list(v) if isinstance(v, (tuple, list)) else v
              for k, v in estimator.get_params(deep=True).items() if _plain(v) or isinstance(
                  v, (tuple, list)) and all(_plain(item) for item in v)}
    if not weak:
        # The run's model is the first fitted: another kind fitted after it (a script that
        # compares models) gives its settings under its name, `RandomForestClassifier.
        # random_state`, never mixed with the first's
        # (a pipeline is the kind of its final step: `make_pipeline(scaler, SVC())` is an SVC)
        steps = getattr(estimator, "steps", None)
        kind = type(steps[-1][1]) if isinstance(steps, list) and steps and isinstance(
            steps[-1], tuple) and len(steps[-1]) == 2 else type(estimator)
        if _sklearn_model[0] is None:
            _sklearn_model[0] = kind
        elif kind is not _sklearn_model[0]:
            values = {f"{kind.__name__}.{k}": v for k, v in values.items()}
    params("sklearn", values, weak=weak)


_sklearn_model = [None]  # the kind of the first model fitted (`_sklearn_params`)


def _plain(value):
    return isinstance(value, (bool, int, float, str)) or value is None


# The cross-validations that fit clones of an estimator: each clone's curves are a fold's, no
# run's (as a search's are); the estimator's settings are the run's.
_SKLEARN_VALIDATIONS = ("cross_validate", "cross_val_predict", "learning_curve",
                        "validation_curve", "permutation_test_score")


def _sklearn_clones(estimator, on):
    """While a cross-validation fits clones of `estimator`, what their verbose fits print of
    its curves (`Iteration 3, loss = ...`) is no run's (a search's refit is recorded)."""
    keys = [key for key, _, _ in _sklearn_curves(_fitted_inside(estimator, True)).values()]
    if keys:
        muted("sklearn", keys, on)


def _sklearn_validation(module):
    def enter(args, kwargs):
        _sklearn_validating[0] += 1
        estimator = args[0] if args else kwargs.get("estimator")
        if _sklearn_validating[0] == 1 and not getattr(_sklearn_depth, "level", 0):
            guarded("sklearn", _sklearn_clones)(estimator, True)

    def leave(args, kwargs):
        _sklearn_validating[0] -= 1
        estimator = args[0] if args else kwargs.get("estimator")
        outermost = not _sklearn_validating[0] and not getattr(_sklearn_depth, "level", 0)
        if outermost and "sklearn" in _muted:
            guarded("sklearn", muted)("sklearn", _muted["sklearn"], False)
        if outermost and hasattr(estimator, "get_params"):
            _sklearn_params(estimator)

    for name in _SKLEARN_VALIDATIONS:
        if getattr(module, name, None) is not None:
            wrap(module, name, "sklearn", before=enter,
                 after=lambda result, args, kwargs: leave(args, kwargs), failed=leave)


def _sklearn(module):
    if not module.__name__.endswith(".base"):
        _sklearn_validation(module)
        return
    original = getattr(module, "_fit_context", None)
    if original is None or getattr(original, "_runlab", False):
        return
    depth = _sklearn_depth
    import weakref

    sent = weakref.WeakKeyDictionary()  # estimator -> {attribute: (first value, points sent)}

    def begin(estimator):
        # Its curves' keys are the hook's before the fit prints them.
        keys = [key for key, _, _ in _sklearn_curves(_fitted_inside(estimator, True)).values()]
        if keys:
            emit({"hook": "sklearn", "owns": keys})

    def done(estimator):
        _sklearn_params(estimator)
        # A search's best settings and cross-validated score, as MLflow's autolog names them
        # (`best_C`, `best_cv_score`): its params are those it searched from.
        best = getattr(estimator, "best_params_", None)
        if isinstance(best, dict):
            # (a tuple, `hidden_layer_sizes=(16,)`, as a list; an estimator as its repr)
            params("sklearn", {f"best_{k}": v for k, v in best.items()})
            score = _number(getattr(estimator, "best_score_", None))
            if score is not None and math.isfinite(score):
                metrics("sklearn", {"best_cv_score": score}, None)
        searched = hasattr(estimator, "cv")
        estimator = _fitted_inside(estimator)
        if searched:
            _boosting_curves(estimator)
        try:
            mine = sent.setdefault(estimator, {})
        except TypeError:  # an estimator that cannot be a weak key: every fit sends it all
            mine = {}
        for attribute, (name, sign, first) in _sklearn_curves(estimator).items():
            curve = getattr(estimator, attribute, None)
            if curve is None:
                continue
            curve = [float(v) for v in curve]
            head, count = mine.get(attribute, (None, 0))
            # A fit that goes on (partial_fit, warm_start) sends only its new points.
            start = count if curve and curve[0] == head and len(curve) >= count else 0
            for i in range(start, len(curve)):
                metrics("sklearn", {name: sign * curve[i]}, i + first)
            mine[attribute] = (curve[0] if curve else None, len(curve))

    begin = guarded("sklearn", begin)
    done = guarded("sklearn", done)

    def _fit_context(*args, **kwargs):
        decorate = original(*args, **kwargs)

        def decorator(fit_method):
            fitted = decorate(fit_method)

            def fit(estimator, *a, **k):
                level = getattr(depth, "level", 0)
                outermost = level == 0 and not _sklearn_validating[0] and not _sklearn_own(
                    estimator)
                searching = hasattr(estimator, "cv")
                if outermost:
                    begin(estimator)
                    if searching:
                        guarded("sklearn", _sklearn_clones)(estimator, True)
                depth.level = level + 1
                _sklearn_searching[0] += searching
                try:
                    result = fitted(estimator, *a, **k)
                finally:
                    depth.level = level
                    _sklearn_searching[0] -= searching
                    if outermost and "sklearn" in _muted:
                        guarded("sklearn", muted)("sklearn", _muted["sklearn"], False)
                if outermost:
                    done(estimator)
                return result

            for name in ("__name__", "__qualname__", "__doc__", "__module__", "__wrapped__"):
                if hasattr(fitted, name):
                    setattr(fit, name, getattr(fitted, name))
            return fit
        return decorator

    _fit_context._runlab = True
    module._fit_context = _fit_context


# -- TensorBoard --------------------------------------------------------------------------

# The frameworks whose own loggers write to TensorBoard what their hooks record already
# (Lightning's TensorBoardLogger, transformers' TensorBoardCallback).
# (Ray Tune's loggers write each trial's results: a search's trials, none the run's own curve)
_WRITING_FRAMEWORKS = frozenset({"lightning", "pytorch_lightning", "lightning_fabric",
                                 "transformers", "accelerate", "stable_baselines3", "ray"})


def _caller_module():
    """The module of the code that made the call being hooked: the first frame outside this
    file ("" for none)."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename == __file__:
        frame = frame.f_back
    return "" if frame is None else str(frame.f_globals.get("__name__", ""))


def _framework_writes():
    """Whether the call being hooked comes from a framework's own code (not the program's:
    a LightningModule's `self.logger.experiment.add_scalar(...)` is the program's)."""
    return _caller_module().split(".", 1)[0] in _WRITING_FRAMEWORKS


# A writer's directory named for a phase (`runs/x/train`, `runs/x/val`): TensorBoard shows
# each as a run of its own, so the same tag in two of them is two series.
_PHASE_DIRS = frozenset({"train", "training", "val", "valid", "validation", "test", "eval",
                         "evaluation", "dev"})


def _tensorboard(module):
    writer = module.SummaryWriter
    # a parent directory -> the names of the directories of the program's writers open in it
    siblings = {}

    def step_of(value):
        number = None if value is None else _number(value)
        return None if number is None else int(number)

    def where(writer):
        directory = getattr(writer, "log_dir", None) or getattr(writer, "logdir", None)
        if not directory:
            return "", ""
        directory = os.path.normpath(str(directory))
        return os.path.dirname(directory), os.path.basename(directory)

    def created(result, args, kwargs):
        if _framework_writes():
            return  # (Lightning's logger's writer: no run of the program's own)
        parent, name = where(args[0])
        if name:
            beside = siblings.setdefault(parent, {})
            for key in [key for key, (ref, _) in beside.items() if ref() is None]:
                del beside[key]  # (a writer never closed, gone)
            beside[id(args[0])] = (weakref.ref(args[0]), name)

    def closed(args, kwargs):
        parent, _ = where(args[0])
        siblings.get(parent, {}).pop(id(args[0]), None)

    def named(writer, tag):
        # `loss` from the writer at `runs/x/val` is `val/loss` (unless the tag names a phase);
        # from writers the program made side by side, `runs/cmp/sgd` and `runs/cmp/adam`
        # (TensorBoard shows each as a run), `sgd/loss` and `adam/loss`
        parent, phase = where(writer)
        tag = str(tag)
        if phase.lower() not in _PHASE_DIRS:
            open_beside = siblings.get(parent, {})
            side_by_side = id(writer) in open_beside and len(
                {name for ref, name in open_beside.values() if ref() is not None}) > 1
            return f"{phase}/{tag}" if side_by_side else tag
        if any(part.lower() in _PHASE_DIRS for part in tag.replace("_", "/").split("/")):
            return tag
        return f"{phase}/{tag}"

    def scalar(args, kwargs):
        # add_scalar(tag, scalar_value, global_step=None, ...)
        if _framework_writes():
            return  # a framework's logger writing what its hook records already
        values = dict(zip(("tag", "scalar_value", "global_step"), args[1:4]))
        values.update({k: v for k, v in kwargs.items() if k in ("tag", "scalar_value",
                                                                 "global_step")})
        _logged("tensorboard", {named(args[0], values["tag"]): values["scalar_value"]},
                step_of(values.get("global_step")))

    def scalars(args, kwargs):
        # add_scalars(main_tag, tag_scalar_dict, global_step=None, ...): `main_tag/tag`
        if _framework_writes():
            return
        values = dict(zip(("main_tag", "tag_scalar_dict", "global_step"), args[1:4]))
        values.update({k: v for k, v in kwargs.items() if k in ("main_tag", "tag_scalar_dict",
                                                                 "global_step")})
        main = named(args[0], values["main_tag"])
        _logged("tensorboard", {f"{main}/{tag}": value
                                for tag, value in dict(values["tag_scalar_dict"]).items()},
                step_of(values.get("global_step")))

    def hparams(args, kwargs):
        # add_hparams(hparam_dict, metric_dict, ...): the settings as params (its metrics go
        # through add_scalar)
        if _framework_writes():
            return
        values = args[1] if len(args) > 1 else kwargs.get("hparam_dict")
        if isinstance(values, dict):
            params("tensorboard", values)

    _loggers_on.append(True)
    wrap(writer, "__init__", "tensorboard", after=created)
    wrap(writer, "close", "tensorboard", before=closed)
    wrap(writer, "add_scalar", "tensorboard", before=scalar)
    wrap(writer, "add_scalars", "tensorboard", before=scalars)
    wrap(writer, "add_hparams", "tensorboard", before=hparams)


# -- Weights & Biases ---------------------------------------------------------------------

def _wandb(module):
    configs = set()  # the runs whose config is recorded (by id)
    axes = {}  # a run's (by id) `define_metric(name, step_metric=...)`s: [(glob, step metric)]
    latest = {}  # a run's (by id) step metrics' latest values
    # the runs' (by id) values logged with commit=False, not yet committed: [step, values]; the
    # functions below name a run by its id too
    pending = {}

    def log(args, kwargs):
        # Run.log(data, step=None, commit=None): at `step`, else the run's own next step
        # (wandb's _local_step, which each committed call moves on); a step below it wandb
        # drops, and so does the hook.
        if _framework_writes():
            return  # (Lightning's WandbLogger, transformers' WandbCallback: their hooks' own)
        run = args[0]
        names = ("data", "step", "commit")
        values = dict(zip(names, args[1:4]))
        values.update({k: v for k, v in kwargs.items() if k in names})
        data, step = values.get("data"), values.get("step")
        if not isinstance(data, dict):
            return
        own = getattr(run, "_local_step", None)
        if step is None:
            step = own
        elif isinstance(own, int) and step < own:
            return
        if id(run) not in configs:
            configs.add(id(run))
            config = dict(getattr(run, "config", None) or {})
            params("wandb", {k: v for k, v in config.items() if not str(k).startswith("_")})
        flat = {}
        _flatten_metrics(data, "", flat)
        # (W&B charts numbers: a string, `"1.5"`, or a boolean is no point of a curve there)
        flat = {k: v for k, v in flat.items() if not isinstance(v, (str, bool))}
        held = pending.get(id(run))
        if held is not None and held[0] == step:
            # values logged with commit=False are the step's until it is committed: a key
            # logged again replaces its value there (a gradient-accumulation loop's), as
            # W&B keeps one value a key a step
            flat = {**held[1], **flat}
            del pending[id(run)]
        elif held is not None:
            committed(id(run))
        if values.get("commit") is False:
            pending[id(run)] = [step, flat]
            return
        given(id(run), flat, step)

    def given(run, flat, step):
        # A metric defined with a step metric (`define_metric("val/*", step_metric="epoch")`)
        # is at that metric's value, logged with it or before (as W&B fills it in); a step
        # metric itself is the axis, no point.
        defined = axes.get(run)
        if not defined:
            _logged("wandb", flat, step)
            return
        known = latest.setdefault(run, {})
        axis_names = {axis for _, axis in defined}
        for name in axis_names & set(flat):
            number = _number(flat[name])
            if number is not None and math.isfinite(number):
                known[name] = int(number)
        by_step = {}
        for key, value in flat.items():
            if key in axis_names:
                continue
            axis = next((axis for glob, axis in defined if _fnmatch.fnmatchcase(key, glob)),
                        None)
            at = known.get(axis, step) if axis is not None else step
            by_step.setdefault(at, {})[key] = value
        for at, points in by_step.items():
            _logged("wandb", points, at)

    def committed(run):
        held = pending.pop(run, None)
        if held is not None:
            given(run, held[1], held[0])

    def defined(args, kwargs):
        # Run.define_metric(name, step_metric=None, ...)
        names = ("name", "step_metric")
        values = dict(zip(names, args[1:3]))
        values.update({k: v for k, v in kwargs.items() if k in names})
        name, axis = values.get("name"), values.get("step_metric")
        if isinstance(name, str) and axis is not None:
            axis = str(getattr(axis, "name", axis))
            axes.setdefault(id(args[0]), []).append((name, axis))

    def finished(args, kwargs):
        committed(id(args[0]))

    _loggers_on.append(True)
    wrap(module.Run, "log", "wandb", before=log)
    if hasattr(module.Run, "define_metric"):
        wrap(module.Run, "define_metric", "wandb", before=defined)
    # (`finish()` ends in `_finish`, and so does a `with wandb.init()` block; a run left open
    # W&B's service finishes as Python exits, never calling either)
    for ending in ("finish", "_finish"):
        if hasattr(module.Run, ending):
            wrap(module.Run, ending, "wandb", before=finished)

    def exiting():
        for run in list(pending):
            committed(run)

    import atexit

    atexit.register(guarded("wandb", exiting))


def _flatten_metrics(value, prefix, out):
    """Nested dicts of values as `outer/inner` keys (the TensorBoard and W&B convention)."""
    for key, item in value.items():
        name = f"{prefix}/{key}" if prefix else str(key)
        if isinstance(item, dict):
            _flatten_metrics(item, name, out)
        else:
            out[name] = item


# -- MLflow -------------------------------------------------------------------------------

# The callers whose MLflow calls are a framework's record that its own hook records already
# (Lightning's MLFlowLogger, transformers' MLflowCallback, callbacks inside Keras, XGBoost,
# LightGBM), or MLflow's autolog of such a framework.
_MLFLOW_OTHERS = _WRITING_FRAMEWORKS | {"keras", "tensorflow", "xgboost", "lightgbm",
                                        "lightning_utilities", "mlflow autolog",
                                        "mlflow's own"}
_MLFLOW_HOOKED = ("mlflow.pytorch", "mlflow.keras", "mlflow.tensorflow", "mlflow.xgboost",
                  "mlflow.lightgbm", "mlflow.transformers")
# MLflow's own threads: its system metrics, its autolog's queue flushed in the background.
_MLFLOW_OWN = ("mlflow.system_metrics", "mlflow.utils.autologging_utils")
# Plumbing between a caller and MLflow (a context manager's exit, a thread's start).
_MLFLOW_PLUMBING = frozenset({"contextlib", "functools", "threading", "concurrent"})


def _mlflow_caller():
    """The package of the code that called MLflow: the first frame outside this file, MLflow
    and Python's plumbing; "mlflow autolog" inside MLflow's autolog of a hooked framework;
    "mlflow's own" inside `log_model` (which logs the metrics of the run's latest step again,
    linked to the model) and MLflow's own threads; "" for a thread that runs the program's
    call itself."""
    frame = sys._getframe(1)
    own = False
    while frame is not None:
        module = str(frame.f_globals.get("__name__", ""))
        top = module.split(".", 1)[0]
        if top == "mlflow":
            if module == "mlflow.models.model":
                return "mlflow's own"  # (`log_model` logs the step's metrics again, linked)
            if module.startswith(_MLFLOW_HOOKED):
                return "mlflow autolog"
            own = own or module.startswith(_MLFLOW_OWN)
        elif frame.f_code.co_filename != __file__ and top not in _MLFLOW_PLUMBING:
            return top
        frame = frame.f_back
    return "mlflow's own" if own else ""


def _mlflow_param(text):
    """A param MLflow was given as text (`log_params` turns every value into `str(value)`):
    the value whose text it is (`0.01`, `True`, `None`), else the text (`1.10`, `007`)."""
    if not isinstance(text, str):
        return text
    if text in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[text]
    for kind in (int, float):
        try:
            value = kind(text)
        except ValueError:
            continue
        # (as it prints: not `02134`, `1_000`, `1e3`; and a number, not `nan`)
        return value if str(value) == text and text[-1:].isdigit() else text
    return text


def _mlflow(module):
    """What a program logs to MLflow (`mlflow.log_metric`, `log_metrics`, `log_param(s)`, a
    client's), once MLflow took it: metrics at MLflow's step (0 when none is given, as MLflow
    stores them), params as given. A nested run's (a trial's, a search's child runs) are no
    run's of runlab's, which is the whole command."""
    children = set()  # the ids of the nested runs

    def mine(run_id):
        return run_id not in children and _mlflow_caller() not in _MLFLOW_OTHERS

    def given(args, kwargs, names):
        values = dict(zip(names, args[1:1 + len(names)]))
        values.update({k: v for k, v in kwargs.items() if k in names})
        return values

    def created(result, args, kwargs):
        # create_run(self, experiment_id, start_time=None, tags=None, run_name=None)
        tags = args[3] if len(args) > 3 else kwargs.get("tags")
        if isinstance(tags, dict) and tags.get("mlflow.parentRunId"):
            children.add(result.info.run_id)

    def tagged(result, args, kwargs):
        # set_tag(self, run_id, key, value): a run made a child afterwards
        call = given(args, kwargs, ("run_id", "key", "value"))
        if call.get("key") == "mlflow.parentRunId" and call.get("value"):
            children.add(call.get("run_id"))

    def metric(result, args, kwargs):
        # log_metric(self, run_id, key, value, timestamp=None, step=None, ...)
        call = given(args, kwargs, ("run_id", "key", "value", "timestamp", "step"))
        if mine(call.get("run_id")):
            _logged("mlflow", {call.get("key"): call.get("value")}, call.get("step") or 0)

    def param(result, args, kwargs):
        # log_param(self, run_id, key, value, ...): the value as the program gave it
        call = given(args, kwargs, ("run_id", "key", "value"))
        if mine(call.get("run_id")):
            params("mlflow", {str(call.get("key")): call.get("value")})

    def batch(result, args, kwargs):
        # log_batch(self, run_id, metrics=(), params=(), tags=(), ...)
        call = given(args, kwargs, ("run_id", "metrics", "params", "tags"))
        for tag in call.get("tags") or ():
            if tag.key == "mlflow.parentRunId" and tag.value:
                children.add(call.get("run_id"))
        if not mine(call.get("run_id")):
            return
        steps = {}
        for m in call.get("metrics") or ():
            steps.setdefault(getattr(m, "step", 0) or 0, {})[m.key] = m.value
        for step, values in steps.items():
            _logged("mlflow", values, step)
        logged = {p.key: _mlflow_param(p.value) for p in call.get("params") or ()}
        if logged:
            params("mlflow", logged)

    _loggers_on.append(True)
    client = module.MlflowClient
    wrap(client, "create_run", "mlflow", after=created)
    wrap(client, "set_tag", "mlflow", after=tagged)
    # (after the call: what MLflow refused, `ValueError` and all, is not the run's either)
    wrap(client, "log_metric", "mlflow", after=metric)
    wrap(client, "log_param", "mlflow", after=param)
    wrap(client, "log_batch", "mlflow", after=batch)


# -- Accelerate ---------------------------------------------------------------------------

def _accelerate(module):
    """`Accelerator.log` and `init_trackers`: what the program hands Accelerate's trackers
    (TensorBoard, W&B, ...), at its step, tracker or none (their own writes are theirs:
    `_framework_writes`)."""
    def log(args, kwargs):
        # log(self, values, step=None, log_kwargs=None), on the main process
        accelerator = args[0]
        if not getattr(accelerator, "is_main_process", True):
            return
        values = args[1] if len(args) > 1 else kwargs.get("values")
        step = args[2] if len(args) > 2 else kwargs.get("step")
        if not isinstance(values, dict):
            return
        flat = {}
        _flatten_metrics(values, "", flat)  # (a dict's values, as its TensorBoard tracker's
        # add_scalars names them: `outer/inner`)
        number = None if step is None else _number(step)
        if number is not None and not math.isfinite(number):
            return  # (a step no tracker could chart)
        _logged("accelerate", {k: v for k, v in flat.items() if not isinstance(v, (str, bool))},
                None if number is None else int(number))

    def trackers(args, kwargs):
        # init_trackers(self, project_name, config=None, init_kwargs=None)
        config = args[2] if len(args) > 2 else kwargs.get("config")
        if isinstance(config, dict) and getattr(args[0], "is_main_process", True):
            params("accelerate", config)

    _loggers_on.append(True)
    wrap(module.Accelerator, "log", "accelerate", before=log)
    wrap(module.Accelerator, "init_trackers", "accelerate", before=trackers)


# -- Ray Tune -----------------------------------------------------------------------------

# What Ray adds to each result a trainable reports (ray/tune/result.py's AUTO_RESULT_KEYS and
# the ids and flags beside them): no measure of the trial's.
_RAY_AUTO = frozenset({"training_iteration", "time_total_s", "episodes_total", "timesteps_total",
                       "node_ip", "hostname", "pid", "time_this_iter_s", "timestamp", "date",
                       "time_since_restore", "timesteps_since_restore",
                       "iterations_since_restore", "config", "checkpoint_dir_name", "done",
                       "trial_id", "experiment_tag", "should_checkpoint", "experiment_id"})


def _ray_results(trials, best):
    """Each trial's last result at its number in the search (its `_00000`, from 0), then the
    best trial's config as the run's params (where the search names its metric)."""
    for number, last in enumerate(trials):
        if not isinstance(last, dict):
            continue
        flat = {}
        _flatten_metrics({k: v for k, v in last.items() if k not in _RAY_AUTO}, "", flat)
        metrics("ray", {k: v for k, v in flat.items() if not isinstance(v, (str, bool))},
                number)
    try:
        config = best()
    except Exception:  # noqa: BLE001 - no metric named, or no trial finished
        return
    if isinstance(config, dict):
        params("ray", config)


def _ray(module):
    """`Tuner.fit()` and `tune.run()`: a search whose trials run in Ray's worker processes
    and whose printed lines (theirs, forwarded, and its status tables) are no run's; after it,
    each trial's last result at the trial's number, and the best trial's config as params."""
    def fitted(grid):
        _ray_results([getattr(result, "metrics", None) for result in grid],
                     lambda: grid.get_best_result().config)

    def ran(analysis):
        _ray_results([getattr(trial, "last_result", None) for trial in analysis.trials],
                     lambda: analysis.best_config)

    def tuner_trials(args, kwargs):
        _ray_trials(getattr(getattr(args[0], "_local_tuner", None), "trainable", None))

    def run_trials(args, kwargs):
        _ray_trials(args[0] if args else kwargs.get("run_or_experiment"))

    def training():
        # (Ray Train's own `trainer.fit()` runs one training through a Tuner of one trial,
        # where Ray Train V2 is off: no search, its workers' lines are the run's)
        return _caller_module().startswith("ray.train.")

    if hasattr(module, "Tuner") and not getattr(module.Tuner.fit, "_runlab", False):
        module.Tuner.fit = _silent_search("ray", module.Tuner.fit, fitted, tuner_trials,
                                          plain=training)
    if hasattr(module, "run") and not getattr(module.run, "_runlab", False):
        module.run = _silent_search("ray", module.run, ran, run_trials)


def _ray_trials(trainable):
    """Say which of Ray's actors run the trials: the lines Ray forwards from them (`(train_fn
    pid=1234) ...`) are theirs, also those it prints after the search has returned."""
    if trainable is None:
        return
    name = trainable if isinstance(trainable, str) else getattr(
        trainable, "__name__", type(trainable).__name__)
    # (a trainer's trials run its workers: their lines are the trials' too; not otherwise,
    # so that a training after the search is read)
    trainer = type(trainable).__module__.startswith("ray.train")
    emit({"hook": "ray", "actors": [str(name), "ImplicitFunc",
                                    *(["RayTrainWorker"] if trainer else [])],
          "time": time.time()})


def _silent_search(hook, original, done, before=None, plain=None):
    """`original` (a function, or a method as its class holds it) run as a search whose
    trials print all that is printed meanwhile (`_search`'s `silent`); `before(args, kwargs)`
    first, and `done(its result)` records the search's own results after it; where `plain()`
    says so, as it is."""
    def call(*args, **kwargs):
        if hook in _failed or not active() or _searching[0] or plain is not None and plain():
            return original(*args, **kwargs)
        if before is not None:
            guarded(hook, before)(args, kwargs)
        _search(hook, True, silent=True)
        try:
            result = original(*args, **kwargs)
        finally:
            _search(hook, False)
        guarded(hook, done)(result)
        return result

    call._runlab = True
    return call


# -- DVCLive -----------------------------------------------------------------------------

# DVCLive's own callbacks for frameworks whose hooks record their curves (and its search's
# and its system monitor's records: no curve of the run; and `Live`'s calls of its own methods)
_DVCLIVE_OWN = frozenset({"dvclive.live", "dvclive.lightning", "dvclive.fabric",
                          "dvclive.huggingface", "dvclive.keras", "dvclive.xgb", "dvclive.lgbm", "dvclive.optuna",
                          "dvclive.monitor_system"})


def _dvclive(module):
    """`Live.log_metric` at the Live's step (from 0, as its `plots/metrics/*.tsv`), and
    `log_param`/`log_params`: what the program logs (a framework's DVCLive callback logs
    what that framework's hook records already)."""
    def caller_is_own():
        # (and the frameworks' own callbacks for DVCLive: transformers' `DVCLiveCallback`)
        name = _caller_module()
        return name in _DVCLIVE_OWN or name.split(".", 1)[0] in _WRITING_FRAMEWORKS

    def metric(args, kwargs):
        # log_metric(self, name, val, timestamp=False, plot=True)
        if caller_is_own():
            return
        values = dict(zip(("name", "val"), args[1:3]))
        values.update({k: v for k, v in kwargs.items() if k in ("name", "val")})
        if "name" in values and "val" in values and not isinstance(values["val"], (str, bool)):
            _logged("dvclive", {str(values["name"]): values["val"]},
                    getattr(args[0], "step", None))

    def given(args, kwargs):
        # log_params(self, params)
        values = args[1] if len(args) > 1 else kwargs.get("params")
        if isinstance(values, dict) and not caller_is_own():
            params("dvclive", values)

    def one(args, kwargs):
        # log_param(self, name, val)
        named = dict(zip(("name", "val"), args[1:3]))
        named.update({k: v for k, v in kwargs.items() if k in ("name", "val")})
        if len(named) == 2 and not caller_is_own():
            params("dvclive", {named["name"]: named["val"]})

    _loggers_on.append(True)
    wrap(module.Live, "log_metric", "dvclive", before=metric)
    wrap(module.Live, "log_params", "dvclive", before=given)
    wrap(module.Live, "log_param", "dvclive", before=one)


# -- Hydra --------------------------------------------------------------------------------

def _resolved(config):
    """A jsonargparse configuration as params: its subcommand's (`fit`'s, the settings the
    run used), flattened with dots, unset ones (`null`) and its own entries left out."""
    subcommand = config.get("subcommand") if hasattr(config, "get") else None
    if subcommand and subcommand in config:
        config = config[subcommand]
    values = config.as_dict() if hasattr(config, "as_dict") else dict(vars(config))
    values = {key: value for key, value in values.items()
              if key not in ("config", "print_config") and not str(key).startswith("__")}
    flat = {}
    _flatten(values, "", flat)
    return {key: value for key, value in flat.items() if value is not None}


def _lightning_cli(module):
    cli = getattr(module, "LightningCLI", None)
    original = getattr(cli, "parse_arguments", None)
    if original is None or getattr(original, "_runlab", False):
        return

    def parsed(cli_self):
        _state["lightning_cli"] = True
        params("lightning_cli", _resolved(cli_self.config))

    parsed = guarded("lightning_cli", parsed)

    # (its seed once it is set, `seed_everything: true` the one it drew, where Lightning sets
    # it after parsing)
    set_seed = getattr(cli, "_set_seed", None)

    def parse_arguments(self, parser, args):
        _state["in_lightning_cli"] = True  # (its parser's parse is its: the jsonargparse hook)
        try:
            result = original(self, parser, args)
        finally:
            _state["in_lightning_cli"] = False
        if set_seed is None:
            parsed(self)
        return result

    def seeded(self):
        try:
            return set_seed(self)
        finally:
            parsed(self)

    parse_arguments._runlab = True
    cli.parse_arguments = parse_arguments
    if set_seed is not None:
        cli._set_seed = seeded


def _jsonargparse(module):
    """jsonargparse's parser (and `CLI(fn)`, which parses with it): the configuration it
    resolved from the program's command line, its config files and every default, as
    LightningCLI's (which uses it, and whose hook records it)."""
    parser = getattr(module, "ArgumentParser", None)
    original = getattr(parser, "parse_args", None)
    if original is None or getattr(original, "_runlab", False):
        return
    depth = [0]

    def parsed(config, args):
        line = list(getattr(sys, "argv", None) or [""])[1:]
        if args is not None and list(args) != line or _state.get("in_lightning_cli"):
            return  # (a list of its own making, or LightningCLI's parse: none of the run's)
        params("jsonargparse", _resolved(config))

    parsed = guarded("jsonargparse", parsed)

    def parse_args(self, args=None, *rest, **kwargs):
        depth[0] += 1
        try:
            result = original(self, args, *rest, **kwargs)
        finally:
            depth[0] -= 1
        if not depth[0]:
            parsed(result, args)
        return result

    parse_args._runlab = True
    parser.parse_args = parse_args


def _yacs(module):
    """yacs' (and detectron2's, fvcore's) `CfgNode`: the configuration once the command line's
    overrides are merged into it (`merge_from_list(args.opts)`) and once it is frozen, every
    default included, flattened with dots (`SOLVER.BASE_LR`), as Hydra's composed one."""
    node = module.CfgNode

    def settled(result, args, kwargs):
        values = {}
        _flatten(args[0], "", values)
        params("yacs", values)

    wrap(node, "merge_from_list", "yacs", after=settled)
    wrap(node, "freeze", "yacs", after=settled)


def _absl(module):
    """absl's flags, once it parsed the program's command line (`app.run` does): each flag the
    program's own modules define, its value (defaults, a `--flagfile`'s, `--noaugment` as
    `augment` false), as argparse's are recorded."""
    flag_values = module.FlagValues
    original = flag_values.__call__
    if getattr(original, "_runlab", False):
        return

    def parsed(flags, argv):
        line = list(getattr(sys, "argv", None) or [""])
        if list(argv) != line or os.environ.get("RUNLAB_HOOK_NESTED"):
            return
        main = line[0]
        home = os.path.dirname(os.path.abspath(main))
        entries = []
        for name, defined in flags.flags_by_module_dict().items():
            file = os.path.abspath(getattr(sys.modules.get(name), "__file__", None) or "")
            if name != main and (not file.startswith(home + os.sep) or name.startswith(
                    "absl.") or "site-packages" in file or file.startswith(sys.prefix + os.sep)):
                continue  # (a library's flags, JAX's, absl's own; a venv inside the project)
            for flag in defined:
                value = flag.value
                if callable(getattr(value, "to_dict", None)):
                    # (ml_collections' `config_flags`: the configuration's fields, each one,
                    # `config.lr`; the file it came from stays the command line's)
                    flat = {}
                    _flatten(value.to_dict(), flag.name, flat)
                    entries += [{"key": key, "value": redact({key: item})[_redact_text(key)],
                                 "exact": True} for key, item in flat.items()]
                    continue
                if isinstance(value, tuple):
                    value = list(value)
                if not (value is None or isinstance(value, (bool, int, float, str, list))):
                    value = str(value)
                aliases = [flag.short_name] if flag.short_name else []
                if flag.boolean:
                    aliases.append("no" + flag.name)
                entry = {"key": flag.name, "aliases": aliases, "exact": True}
                if any(_secret_name(name) for name in (flag.name, *aliases)) and not (
                        _nothing_to_hide(value)):
                    # (its words where the command line typed it, `-t X`, `--hf_token=X`:
                    # those hidden, as argparse's are)
                    entry["value"] = "***"
                    words = line[1:]
                    # (its value's places, `-t X`, `--hf_token=X`: absl glues no value to a
                    # short name, `-tag=x` is another flag; where the words are its value)
                    options = [f"{dashes}{name}" for name in (flag.name, *aliases[:1])
                               for dashes in ("--", "-")]
                    count = len(words)
                    places = [[back, start] for back, start in _option_places(options, words)
                              if words[count - back][start:] == str(value) and (
                                  start == 0 or words[count - back][: start - 1] in options)]
                    at, _ = _secret_places(None, places, words)
                    if at:
                        entry["secret_at"] = at
                else:
                    entry["value"] = redact({flag.name: value})[_redact_text(flag.name)]
                entries.append(entry)
        if entries:
            emit({"argparse": entries, "argv": True})

    parsed = guarded("absl", parsed)

    def call(self, argv, *args, **kwargs):
        result = original(self, argv, *args, **kwargs)
        parsed(self, argv)
        return result

    call._runlab = True
    flag_values.__call__ = call


def _hydra(module):
    original = module.run_job
    if getattr(original, "_runlab", False):
        return

    def composed(cfg):
        from omegaconf import OmegaConf

        values = {}
        _flatten(OmegaConf.to_container(cfg, resolve=True), "", values)
        # (each config group's choice, `sched: cosine`: two options of a group with the same
        # settings would otherwise make runs that look alike)
        values.update(_hydra_choices())
        params("hydra", values)

    composed = guarded("hydra", composed)

    def run_job(*args, **kwargs):
        function = kwargs["task_function"] if "task_function" in kwargs else args[0]

        def task(cfg):
            composed(cfg)
            return function(cfg)

        if "task_function" in kwargs:
            kwargs["task_function"] = task
        else:
            args = (task,) + args[1:]
        return original(*args, **kwargs)

    run_job._runlab = True
    module.run_job = run_job

    hydra = getattr(module, "Hydra", None)
    multirun = getattr(hydra, "multirun", None)
    if multirun is None or getattr(multirun, "_runlab", False):
        return

    # `--multirun`: a sweep whose jobs run in this process, one after the other (or in a
    # launcher's processes); what they print and their frameworks log is theirs, each job's
    # return value (an objective, as Hydra's Optuna sweeper takes it) the run's
    hydra.multirun = _silent_search("hydra", multirun, _hydra_jobs)


def _hydra_choices():
    """The choice of each config group Hydra composed the job's config from (`sched: cosine`,
    `model/encoder: small`), as its runtime records them; Hydra's own groups left out."""
    try:
        from hydra.core.hydra_config import HydraConfig

        choices = dict(HydraConfig.get().runtime.choices)
    except Exception:  # noqa: BLE001 - no Hydra config set: the composed config alone
        return {}
    return {str(group): choice for group, choice in choices.items()
            if isinstance(choice, str) and str(group).split("/", 1)[0] != "hydra"}


def _hydra_jobs(returns):
    """Each job's return value of a number (or a dict of them) at the job's number (from 0,
    as Hydra numbers its jobs' folders); and the settings every job's composed configuration
    shares (`seed`, `trainer.epochs`), the run's params beside the sweep's words (`model.lr`
    `0.1,0.5`)."""
    jobs = [job for batch in returns or () for job in (
        batch if isinstance(batch, (list, tuple)) else [batch])]
    for number, job in enumerate(jobs):
        value = getattr(job, "_return_value", None)
        if getattr(getattr(job, "status", None), "name", "") != "COMPLETED":
            continue
        values = {"value": value} if not isinstance(value, dict) else value
        metrics("hydra", {k: v for k, v in values.items() if not isinstance(v, (str, bool))},
                number)
    try:
        _hydra_shared(jobs)
    except Exception:  # noqa: BLE001 - the shared settings are a bonus, the values are not
        pass


def _hydra_shared(jobs):
    """The settings every job's composed configuration shares, as params (an interpolation
    that resolves only inside a job, `${hydra:runtime.output_dir}`, left as written)."""
    from omegaconf import OmegaConf

    shared = None
    for job in jobs:
        cfg = getattr(job, "cfg", None)
        if cfg is None:
            continue
        try:
            container = OmegaConf.to_container(cfg, resolve=True)
        except Exception:  # noqa: BLE001 - a value that resolves only inside its job
            container = OmegaConf.to_container(cfg, resolve=False)
        flat = {}
        _flatten(container, "", flat)
        shared = flat if shared is None else {
            k: v for k, v in shared.items() if k in flat and flat[k] == v}
    if shared:
        params("hydra", shared)


_INSTALLERS = {
    "tqdm.std": _tqdm,
    "transformers.trainer": _transformers,
    "transformers.hf_argparser": _transformers,
    "lightning.pytorch.trainer.trainer": _lightning,
    "pytorch_lightning.trainer.trainer": _lightning,
    "keras.src.models.model": _keras,
    "xgboost.training": _xgboost,
    "xgboost.sklearn": _xgboost,
    "lightgbm.engine": _lightgbm,
    "lightgbm.sklearn": _lightgbm,
    "sklearn.base": _sklearn,
    "sklearn.model_selection._validation": _sklearn,
    "hydra._internal.hydra": _hydra,
    "lightning.pytorch.cli": _lightning_cli,
    "pytorch_lightning.cli": _lightning_cli,
    "jsonargparse._core": _jsonargparse,
    "yacs.config": _yacs,
    "absl.flags._flagvalues": _absl,
    "torch.utils.tensorboard.writer": _tensorboard,
    "tensorboardX.writer": _tensorboard,
    "wandb.sdk.wandb_run": _wandb,
    "accelerate.accelerator": _accelerate,
    "mlflow.tracking.client": _mlflow,
    "stable_baselines3.common.base_class": _stable_baselines3,
    "stable_baselines3.common.on_policy_algorithm": _stable_baselines3,
    "stable_baselines3.common.off_policy_algorithm": _stable_baselines3,
    "optuna.study.study": _optuna,
    "peft.mapping_func": _peft,
    "peft.mapping": _peft,
    "flaml.automl.automl": _flaml,
    "keras_tuner.src.engine.base_tuner": _keras_tuner,
    "keras_tuner.engine.base_tuner": _keras_tuner,
    "catboost.core": _catboost,
    "dvclive.live": _dvclive,
    "ray.tune.tuner": _ray,
    "ray.tune.tune": _ray,
    "click.core": _click,
    "typer._click.core": _click,
    "papermill.execute": _click,
    "fire.core": _fire,
    "tyro._cli": _tyro,
    "pyrallis.argparsing": _pyrallis,
    "docopt": _docopt,
}
