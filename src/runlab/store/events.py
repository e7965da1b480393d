"""Journal events: the builder of each kind, and the check of each kind's shape on reading.

A journal is input, not a promise: it may come from an import, an older runlab or a hand
edit. `problem(event)` says why a decoded line cannot be applied (None when it can), so that
every reader skips that one event and keeps the rest; the index, the series and the display
can then trust the shapes below. Kinds this runlab does not know (from a newer one) pass.
"""

from __future__ import annotations

import math
import time

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from runlab.store.journal import Event

INT_MAX = 2**63 - 1  # SQLite's INTEGER
END_STATUSES = ("finished", "failed", "killed", "lost")


# -- building -------------------------------------------------------------------------------


# What gave metric points that were not read from the output (a framework's hook, the
# program through the API, the resources monitor): a reparse keeps them.
RECORDED = "run"


def metrics(points: list[list[Any]], source: str = "") -> Event:
    """Metric points, each [key, value, step, time]; `source` says they were not read from
    the output (RECORDED)."""
    event: Event = {"e": "metrics", "p": points}
    if source:
        event["from"] = source
    return event


def reparse(points: list[list[Any]], t: float | None = None) -> Event:
    """Metrics extracted again from the output log: they replace every point before (those
    the output did not give follow it again, in a metrics event from RECORDED)."""
    return {"e": "reparse", "t": round(time.time() if t is None else t, 3), "p": points}


def params(values: dict[str, Any], dropped: list[str] | None = None,
           options: dict[str, dict[str, Any]] | None = None) -> Event:
    """Params set; `dropped` (`drop`) the keys that are no params after all (a command line
    word typed under another option of an argument its program names otherwise).

    `options` (optional) is how the program's parser takes each argument a hook saw it
    declare, by param key, so that a rerun puts a changed value where the parser reads it:
    `aliases`, its other spellings without dashes (`e` of `--epochs`, `no-augment`);
    `negative`, the one of them that turns a flag off; `positional`, true for an argument
    given by its place (argparse's positional, click's Argument, a subcommand's choice), false
    for an option, absent where the hook's parser does not say; `command`, the subcommand
    words that chose the parser declaring it (argparse's subparsers, click's groups; absent:
    the program's own parser). `{"augment": {"aliases": ["no-augment"], "negative":
    "no-augment", "positional": false}, "data": {"positional": true}}`. Later events' entries
    replace earlier ones' of the same key; journals written before have none (a rerun then
    guesses from the command line and the entry script)."""
    event: Event = {"e": "params", "params": values}
    if dropped:
        event["drop"] = dropped
    if options:
        event["options"] = options
    return event


def tag(tags: dict[str, Any]) -> Event:
    return {"e": "tag", "tags": tags}


def untag(keys: list[str]) -> Event:
    return {"e": "untag", "keys": keys}


def note(text: str | None) -> Event:
    return {"e": "note", "text": text}


def rename(name: str | None, t: float | None = None) -> Event:
    event: Event = {"e": "rename", "name": name}
    if t is not None:
        event["t"] = t
    return event


def delete() -> Event:
    return {"e": "delete"}


def restore() -> Event:
    return {"e": "restore"}


def end(status: str, exit_code: int | None, *, t: float | None = None,
        signal: int | None = None, resources: dict[str, Any] | None = None) -> Event:
    """How a run ended (`lost` when its runlab died and nobody saw the end)."""
    event: Event = {"e": "end", "t": time.time() if t is None else t, "status": status,
                    "exit_code": exit_code}
    if signal is not None:
        event["signal"] = signal
    if resources is not None:
        event["resources"] = resources
    return event


def number(n: int, store_id: str) -> Event:
    """The number a store gave the run, so that an index rebuilt from the journal keeps it."""
    return {"e": "number", "n": n, "store": store_id}


def environment(body: dict[str, Any]) -> Event:
    """What the run ran with (python, packages, gpu, container): capture/inputs.py."""
    return {"e": "environment", **body}


def inputs(entries: dict[str, Any]) -> Event:
    """The files the run read: path -> kind, size, mtime, fingerprint (the latest wins)."""
    return {"e": "inputs", "inputs": entries}


def artifact(path: str, size: int, sha256: str, t: float | None = None,
             glob: str | None = None) -> Event:
    """A file kept with the run (its blob by sha256), and the -a pattern that chose it."""
    event: Event = {"e": "artifact", "path": path, "size": size, "sha256": sha256,
                    "t": round(time.time() if t is None else t, 3)}
    if glob is not None:
        event["glob"] = glob
    return event


def push(uri: str) -> Event:
    """A push to an MLflow server (remote/mlflow.py fills in what it sent)."""
    return {"e": "push", "uri": uri}


# The registry journal (lifecycle/registry.py) holds its own two kinds.


def model_version(name: str, version: int, run_id: str, path: str, framework: str | None,
                  size: int, sha256: str, file: str, t: float | None = None) -> Event:
    """Version `version` of model `name`: a run's artifact `path`, copied to `file`."""
    return {"e": "version", "name": name, "version": version, "run": run_id, "path": path,
            "framework": framework, "size": size, "sha256": sha256, "file": file,
            "t": round(t or time.time(), 3)}


def model_alias(name: str, alias: str, version: int | None, t: float | None = None) -> Event:
    """Point a model's alias at a version (None: remove it)."""
    return {"e": "alias", "name": name, "alias": alias, "version": version,
            "t": round(t or time.time(), 3)}


def is_lost_mark(event: Event) -> bool:
    """An end that is a guess (the runlab that ran it died unseen), not a fact."""
    return event.get("e") == "end" and event.get("status") == "lost"


# -- checking -------------------------------------------------------------------------------


def _int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and -INT_MAX <= v <= INT_MAX


def _time(v: Any) -> bool:
    return v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)
                         and math.isfinite(v) and 0 <= v < 2.5e11)


def _opt_str(v: Any) -> bool:
    return v is None or isinstance(v, str)


def _opt_int(v: Any) -> bool:
    return v is None or _int(v)


def _str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _opt_dict(v: Any) -> bool:
    return v is None or isinstance(v, dict)


def _scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, bool)) or _int(v) or isinstance(v, float)


def metric_name_problem(key: Any) -> str | None:
    """Why a metric name cannot be recorded: not text, blank, or spanning lines."""
    if not isinstance(key, str):
        return "a metric name must be text"
    if not key.strip():
        return "a metric name must not be empty or blank"
    if "\n" in key or "\r" in key:
        return f"a metric name must be one line ({key!r})"
    return None


def _points(p: Any) -> str | None:
    # Exact type tests (a bool is no number here) and chained comparisons, which also refuse
    # NaN and infinities: a journal may hold millions of points, so this loop stays lean.
    if type(p) is not list:
        return "its points are not a list"
    for point in p:
        if type(point) is not list or len(point) != 4:
            return "a point is not [key, value, step, time]"
        key, value, step, t = point
        if type(key) is not str or not key.strip() or "\n" in key or "\r" in key:
            return metric_name_problem(key)
        kind = type(value)
        if kind is not float and not (kind is int and -INT_MAX <= value <= INT_MAX):
            return f"the value of {key!r} is not a number"
        if step is not None and not (type(step) is int and -INT_MAX <= step <= INT_MAX):
            return f"the step of {key!r} is not an integer"
        if t is not None and not (type(t) in (float, int) and 0 <= t < 2.5e11):
            return f"the time of {key!r} is not a time"
    return None


_GIT_TEXT = ("commit", "branch", "remote", "message", "root", "patch_sha256")


def _start(e: Event) -> str | None:
    for key in ("id", "name", "experiment", "command_key", "cwd", "author", "user", "host",
                "python", "platform", "note", "parent", "command_name"):
        if not _opt_str(e.get(key)):
            return f"{key!r} is not text"
    for key in ("command", "args"):
        if e.get(key) is not None and not _str_list(e[key]):
            return f"{key!r} is not a list of words"
    git = e.get("git")
    if not _opt_dict(git):
        return "'git' is not an object"
    if git:
        if not all(_opt_str(git.get(k)) for k in _GIT_TEXT):
            return "'git' holds a field of the wrong kind"
        if git.get("changed_files") is not None and not isinstance(git["changed_files"], list):
            return "'git' holds a field of the wrong kind"
    source = e.get("source")
    if not _opt_dict(source) or (source and not (_opt_str(source.get("path"))
                                                 and _opt_str(source.get("sha256")))):
        return "'source' is not a file and its hash"
    for key in ("params", "tags", "env"):
        if not _opt_dict(e.get(key)):
            return f"{key!r} is not an object"
    if not all(isinstance(v, str) for v in (e.get("env") or {}).values()):
        return "an environment value is not text"
    if not (_opt_int(e.get("pid")) and _time(e.get("pid_start")) and _opt_str(e.get("pid_boot"))
            and _opt_int(e.get("pid_ticks"))):
        return "'pid' is not a process"
    return None


def _end(e: Event) -> str | None:
    if e.get("status", "finished") not in END_STATUSES:
        return f"'status' is not one of {', '.join(END_STATUSES)}"
    if not _opt_int(e.get("exit_code")) or not _opt_int(e.get("signal")):
        return "'exit_code' or 'signal' is not an integer"
    resources = e.get("resources")
    if not _opt_dict(resources):
        return "'resources' is not an object"
    for key in ("peak_rss_bytes", "cpu_user_s", "cpu_system_s"):
        v = (resources or {}).get(key)
        if v is not None and not (type(v) in (int, float) and 0 <= v < 2**63):
            return f"'resources' holds {key!r} that is no amount"
    return None


def _tags(e: Event) -> str | None:
    tags = e.get("tags")
    if not isinstance(tags, dict):
        return "'tags' is not an object"
    return None


def _number(e: Event) -> str | None:
    if not (_int(e.get("n")) and e["n"] > 0 and isinstance(e.get("store"), str)):
        return "'n' is not a run number of a store"
    return None


def _artifact(e: Event) -> str | None:
    if not (isinstance(e.get("path"), str) and _opt_str(e.get("sha256"))
            and _opt_int(e.get("size"))):
        return "not a file with its size and hash"
    return None


def _model(e: Event) -> str | None:
    if not isinstance(e.get("name"), str):
        return "'name' is not a model name"
    return None


_CHECKS: dict[str, Callable[[Event], str | None]] = {
    "start": _start,
    "metrics": lambda e: _points(e.get("p")),
    "reparse": lambda e: _points(e.get("p")),
    "params": lambda e: (None if isinstance(e.get("params"), dict) else "'params' is not an object")
    or (None if e.get("drop") is None or _str_list(e["drop"]) else "'drop' is not a list of names")
    or (None if _opt_dict(e.get("options")) else "'options' is not an object"),
    "tag": _tags,
    "untag": lambda e: None if _str_list(e.get("keys")) else "'keys' is not a list of names",
    "note": lambda e: None if _opt_str(e.get("text")) else "'text' is not text",
    "rename": lambda e: None if _opt_str(e.get("name")) else "'name' is not text",
    "end": _end,
    "number": _number,
    "artifact": _artifact,
    "version": _model,
    "alias": _model,
}


def _tag_value(v: Any) -> bool:
    return _scalar(v) and (not isinstance(v, float) or math.isfinite(v))


def drop_bad_tags(event: Event) -> str | None:
    """Take out of a start or tag event the tags whose values no index keeps (NaN, infinity,
    a list, an object): the run and its other tags stay. Says which went (None: none)."""
    tags = event.get("tags") if event["e"] in ("start", "tag") else None
    bad = [key for key, value in (tags or {}).items() if not _tag_value(value)]
    for key in bad:
        del tags[key]  # type: ignore[union-attr]
    return f"left out tags whose values are no text: {', '.join(map(repr, bad))}" \
        if bad else None


def problem(event: Any) -> str | None:
    """Why a decoded journal line is not an event this runlab can apply; None when it is."""
    if not isinstance(event, dict) or not isinstance(event.get("e"), str):
        return "not an event"
    if not _time(event.get("t")):
        return "'t' is not a time"
    check = _CHECKS.get(event["e"])
    return None if check is None else check(event)


def text_problem(line: bytes, event: Event) -> str | None:
    """Why a decoded line holds text no file or database can keep (half a UTF-16 pair, from
    a `\\ud800` escape); a cheap test on the raw bytes first, such escapes being rare."""
    if b"\\u" not in line:
        return None
    import json

    try:
        json.dumps(event, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return "it holds text that is not valid Unicode"
    return None
