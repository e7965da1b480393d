"""The rules for dicts printed on a line: ``json``, ``python_dict`` (nested ones flattened
with ``/``) and ``hf_trainer`` (the Trainer's dicts, whose floats are printed as strings)."""

from __future__ import annotations

import ast
import json
import math
import re
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator

from runlab.parsing.rules.base import CLAIM, STEP_NAMES, Found, parse_number, plain_number
from runlab.parsing.rules.pairs import (
    HYPERPARAMETERS,
    MODEL_HYPERPARAMETERS,
    PHASES,
    RATES,
    SETTINGS_DICT,
    TRAINING,
    SPLIT_NAMES,
    best_counter,
    is_metric_key,
    message,
    names_a_measure,
    phase_label,
    phased,
    settings_label,
)

# json -----------------------------------------------------------------------------------------

_JSON_OPEN = re.compile(r'\{\s*"')
# A counter written just before the dict: `epoch 0: {'accuracy': 0.375}` (transformers'
# *_no_trainer examples), `step 100 {...}`: the dict's step, as if it held it.
_BEFORE = re.compile(r"(?:^|[\s\]|])(epoch|step|iter|iteration)\s*(\d{1,18})\s*[:|\-]?\s*$",
                     re.ASCII | re.IGNORECASE)


def _counter_before(line: str, start: int) -> list[Found]:
    """The `epoch 0:` written right before a dict, as a finding of that name."""
    match = _BEFORE.search(line, max(0, start - 40), start)
    return [(match.group(1).lower(), int(match.group(2)), None)] if match else []
_DECODER = json.JSONDecoder()


# A number written as text (fairseq's `{"loss": "13.849"}`): a value, not a word; and a
# phase's word (mmcv's `{'mode': 'train', ...}`): a record's label, not a setting.
_NUMBER_TEXT = re.compile(r"\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?%?\s*"
                          r"|(?i:train|training|val|valid|validation|test|eval|dev)")


def parse_json(line: str) -> list[Found]:
    """The numbers of the first JSON object on the line, nested objects flattened with `/`:
    ``{"val": {"loss": 0.4}}`` is ``val/loss``; a string that is a number counts as it
    (fairseq's ``{"loss": "13.849", "num_updates": "100"}``)."""
    opening = _JSON_OPEN.search(line)
    if opening is None:
        return []
    try:
        obj, end = _DECODER.raw_decode(line, opening.start())
    except (ValueError, RecursionError):
        return []
    if not isinstance(obj, dict):
        return []
    record = _log_record(obj)
    if record is not None:
        return record
    score = _named_score(obj)
    if score is not None:
        return [score]  # sacrebleu's `{"name": "BLEU", "score": 41.4, ...}` on one line
    if _JSON_OPEN.search(line, end) is not None:
        beside = _side_by_side(line)  # `train: {"loss": 0.5} - val: {"loss": 0.6}`
        if beside:
            return beside
    if _json_settings(obj) or any(isinstance(value, dict) for value in obj.values()) and (
            _json_settings(dict(_leaves(obj, 0)))) or _split_sizes(obj.items()):
        # `{"lr": 0.001, "batch_size": 32, "epochs": 10}`: a program's settings; nested too
        # (`{"train": {"lr": 0.01, "epochs": 5}, "seed": 42}`, a configuration printed whole)
        return [CLAIM]
    start = opening.start()
    if ":" in line[max(0, start - 60) : start] and settings_label(message(line[:start])) and (
            not any(names_a_measure(str(key)) for key in obj)):
        return [CLAIM]  # `Best hyperparameters found were: {"lr": 0.01}`: settings
    lead: list[Found] = []
    named = _NAMED_DICT.search(line, max(0, start - 42), start)
    name = "" if named is None else named.group(1)
    if not name and ":" in line[max(0, start - 60) : start]:
        # under a phase's label, as a Python dict is: `val: {"loss": 0.4}` is val/loss
        name = _phase_label(line, start)
        if not name:
            name, lead = _counted_phase_label(line, start)
    found: list[Found] = []
    _flatten(obj, f"{name}/" if name else "", found, 0)
    found = [finding for finding in found if not best_counter(finding[0])]
    if name:
        found = _under(name, found)
    return found + (lead or _counter_before(line, start)) if found else found


# A JSON log record (python-json-logger's, structlog's, loguru's `serialize=True`): its
# message, and the values the program gave with it; the logger's own fields (where and when,
# which process and thread) are none.
_MESSAGE_KEYS = ("message", "msg", "event")
_RECORD_KEYS = frozenset({"levelname", "level", "severity", "asctime", "timestamp", "time",
                          "logger", "name", "logger_name", "@timestamp", "log.level"})
_RECORD_CONTEXT = frozenset({
    "lineno", "line", "process", "processName", "process_name", "thread", "threadName",
    "thread_name", "pid", "tid", "levelno", "created", "msecs", "relativeCreated", "elapsed",
    "timestamp", "ts", "time", "asctime", "exc_info", "stack_info", "taskName", "filename",
    "funcName", "func_name", "module", "pathname", "level", "levelname", "logger", "name",
    "severity", "logger_name", "local_rank", "rank", "world_size", "gpu", "worker", "run_id",
    # (ECS's, Elastic's: `log.origin.file.line`, `process.pid`, `process.thread.id`; Google
    # Cloud's `logging.googleapis.com/sourceLocation`)
    "log", "origin", "ecs", "host", "service", "event", "sourceLocation", "file",
    "@timestamp", "log.level", "ecs.version", "process.pid", "process.thread.id",
    "log.origin.file.line", "logging.googleapis.com"})


def _log_record(obj: dict[object, object]) -> list[Found] | None:
    """The findings of a JSON log record; None when `obj` is none."""
    inner = obj.get("record")
    if isinstance(inner, dict) and isinstance(obj.get("text"), str) and isinstance(
            inner.get("message"), str):
        message, values = inner["message"], inner.get("extra")  # loguru's
        values = values if isinstance(values, dict) else {}
    else:
        said = next((key for key in _MESSAGE_KEYS if isinstance(obj.get(key), str)), None)
        if said is None or not any(key in obj for key in _RECORD_KEYS):
            return None
        message = str(obj[said])
        values = {key: value for key, value in obj.items()
                  if key != said and key not in _RECORD_CONTEXT}
    found: list[Found] = []
    if not settings(values):  # (`extra={"lr": 0.3, "batch_size": 64, "seed": 7}`: settings)
        _flatten(values, "", found, 0)
    # (a logger's field nested, `log/origin/file/line`, `process/thread/id`: none either; a
    # program's own nested value, `metrics/time`, is one; nor a setting, `seed`)
    found = [finding for finding in found if finding[0].split("/", 1)[0] not in _RECORD_CONTEXT
             and (is_metric_key(finding[0]) or finding[0].lower() in STEP_NAMES)]
    if any(c.isdigit() for c in message):
        from runlab.parsing.rules.base import to_number
        from runlab.parsing.rules.pairs import key_value_pairs, leading_counter, spaced_pairs

        said_pairs: list[Found] = [(key, to_number(integer or number), None)
                      for key, integer, number in key_value_pairs(message)
                      if is_metric_key(key) or key.lower() in STEP_NAMES]
        counter = leading_counter(message) if said_pairs else None
        if counter is not None and not any(key.lower() in STEP_NAMES for key, _, _ in said_pairs):
            said_pairs.insert(0, counter)  # (`step 3: loss=0.3`: the message's step)
        found += said_pairs or [pair for pair in spaced_pairs(message) or ()
                                if names_a_measure(pair[0]) or pair[0].lower() in STEP_NAMES]
    return [finding for finding in found if not best_counter(finding[0])] or [CLAIM]


# scikit-learn's name of a composite's inner setting, a step's then its own: `mlp__alpha`.
_NESTED_PARAM = re.compile(r"[A-Za-z]\w*?[A-Za-z0-9]__[A-Za-z]\w*", re.ASCII)


def _split_sizes(items: Iterable[tuple[object, object]]) -> bool:
    """Whether a dict's items are the splits' sizes: every key a split's name, every value a
    whole number (`{'train': 244, 'val': 153}`)."""
    pairs = list(items)
    return bool(pairs) and all(isinstance(key, str) and key.lower() in SPLIT_NAMES
                               and type(value) is int for key, value in pairs)


# A model's and a loss's settings beside others in a config printed whole (`'temperature':
# 0.7`, `'ce_weight': 1.0`, `'score_thresh': 0.5`): settings there, where a line's own (`step
# 100 kl_weight 0.5`, a learned temperature, a schedule's) may be a measure's.
_CONFIG_NAME = re.compile(r"(?i:(?:^|_)(?:temperature|weight|thresh|threshold)$)")


def settings(keys: Iterable[object], texts: Collection[object] = ()) -> bool:
    """Whether a dict's (or a repr's) keys are a program's settings: one is a setting's name
    (`batch_size`, `epochs`, `seed`) and every other an optimizer's hyperparameter (`lr`,
    `momentum`); a key of anything else (`miou`, `acc@1`, `train_runtime`) makes it a result.
    A model's hyperparameters alone are settings too (a search's `best_params_`, `{'C': 10,
    'gamma': 0.01}`), and so is a dict of words (`texts`, the names holding them: `'kernel':
    'rbf'`, `'objective': 'binary:logistic'`) with one among its keys, or only settings besides
    them, and no measure."""
    from runlab.capture.args import secret_measure

    # (a secret among them, `vars(args)`'s `db_password`, is a setting's too: no measure)
    names = [key for key in keys if isinstance(key, str) and not secret_measure(key)]
    if any(_NESTED_PARAM.fullmatch(name) for name in names) and not any(
            names_a_measure(name) for name in names):
        return True  # a pipeline's `{'mlp__alpha': 0.0001, 'pca__n_components': 3}`
    worded = set(texts)
    if worded and not any(names_a_measure(name) for name in names) and (
            any(not is_metric_key(name) for name in names) or all(
                name in worded or name.lower() in HYPERPARAMETERS or _CONFIG_NAME.search(name)
                for name in names)):
        # words, a setting's name, no measure: `{"model": "mlp", "seed": 1}`; or words and
        # settings alone (a setting's, whatever its name: `{"模型": "resnet50", "lr": 0.01}`,
        # not `{"模型": "x", "准确率": 0.9}`)
        return True
    if any(not is_metric_key(name) for name in names):
        return all(not is_metric_key(name) or name.lower() in HYPERPARAMETERS
                   or _CONFIG_NAME.search(name) for name in names)
    # (an optimizer's alone may be printed as they change: `{'lr': 0.001, 'momentum': 0.9}`;
    # a sampler's, `{'temperature': 0.7, 'top_p': 0.9}`, are settings)
    return any(name.lower() in MODEL_HYPERPARAMETERS for name in names) and (
        all(name.lower() in HYPERPARAMETERS or _CONFIG_NAME.search(name) for name in names)
        or bool(worded) and not any(names_a_measure(name) for name in names))



def json_records(text: str) -> list[list[Found]] | None:
    """The numbers of a JSON object or list of objects printed over several lines
    (``print(json.dumps(results, indent=4))``): one list of findings per object; None when
    the text is not such JSON."""
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        return None
    objects = obj if isinstance(obj, list) else [obj]
    if not all(isinstance(item, dict) for item in objects):
        return None
    records: list[list[Found]] = []
    for item in objects:
        record = _log_record(item)
        if record is not None:  # (python-json-logger's `json_indent=2`)
            records.append([found for found in record if found is not CLAIM])
            continue
        named = _named_score(item)
        if named is not None:
            records.append([named])
            continue
        if any(value is None or type(value) is bool for value in item.values()) or settings(
                item) or any(isinstance(value, dict) for value in item.values()) and (
                    _json_settings(dict(_leaves(item, 0)))):
            # `json.dumps(vars(args), indent=2)`: a program's settings, not metrics (nested
            # too: a configuration printed whole)
            records.append([])
            continue
        found: list[Found] = []
        _flatten(item, "", found, 0)
        records.append([finding for finding in found if is_metric_key(finding[0])])
    return records


def _named_score(item: dict[str, object]) -> Found | None:
    """A result that names its measure: sacrebleu's `{"name": "BLEU", "score": 41.4,
    "signature": "nrefs:1|...", ...}` is BLEU, 41.4 (its signature's fields are settings),
    at its own `step` or `epoch` (`{"metric": "val_loss", "value": 0.5, "epoch": 3}`); a
    setting so named is none (`{"name": "num_workers", "value": 8}`)."""
    name = item.get("name", item.get("metric"))
    value = item.get("score", item.get("value"))
    if not isinstance(name, str) or not 0 < len(name) <= 60 or isinstance(value, bool) or (
            not isinstance(value, (int, float))):
        return None
    name = name.replace(" ", "_")
    if not is_metric_key(name):
        return CLAIM
    step = next((int(number) for number in (item.get("step"), item.get("epoch"))
                 if type(number) is int), None)
    return (name, value, step)


def _json_settings(obj: dict[object, object]) -> bool:
    return settings(obj, [key for key, value in obj.items() if isinstance(value, str)
                          and _NUMBER_TEXT.fullmatch(value) is None])


def _leaves(obj: dict[object, object], depth: int) -> Iterator[tuple[object, object]]:
    """The entries of a JSON object and of the objects nested in it that hold no object."""
    for key, raw in obj.items():
        if not isinstance(raw, dict):
            yield key, raw
        elif depth < _DEPTH:
            yield from _leaves(raw, depth + 1)


def _flatten(obj: dict[object, object], prefix: str, found: list[Found], depth: int) -> None:
    # (a name's words joined with `_`, and no support under a class, as for a Python dict:
    # `json.dumps(classification_report(..., output_dict=True))`'s `macro avg/f1-score` is
    # macro_avg/f1-score)
    for key, raw in obj.items():
        name = "_".join(str(key).split())
        if not name or name == "support" and prefix:
            continue
        if isinstance(raw, dict):
            if depth < _DEPTH:
                _flatten(raw, f"{prefix}{name}/", found, depth + 1)
            continue
        # fairseq's json log format prints its numbers as strings: `"loss": "13.849"`.
        value = parse_number(raw) if type(raw) is str and len(raw) < 64 else plain_number(raw)
        if value is not None:
            found.append((prefix + name, value, None))


_DEPTH = 8  # nesting levels read below the top


# python_dict ----------------------------------------------------------------------------------

# A dict display, or a list of (name, value) pairs as a dict's repr shows it (`OrderedDict([...])`,
# `dict_items([...])`) or under a name for metrics: PFRL's `statistics:[('average_q', 0.1),
# ('average_loss', 0.5)]`, what its agents' `get_statistics()` return.
_PY_OPEN = re.compile(r"\{\s*'|\[\s*\(\s*'")
_PAIRS_NAMED = re.compile(r"(?:(?:OrderedDict|dict_items)\(|(?<![\w.])(?:statistics|stats|metrics"
                          r"|results|scores)\ {0,2}[:=]\ {0,2})\Z")
_SPECIAL = {"nan": float("nan"), "inf": float("inf")}
# The repr of a defaultdict or a Counter: a mapping of indices or counts (torchtext's
# `vocab.stoi`, `Counter(words)`), never measures.
_MAPPING = re.compile(r"(?:(?<![\w.])defaultdict\([^(),]{1,40},\ |(?<![\w.])Counter\()\Z")


def _literal_number(node: ast.expr) -> float | None:
    if isinstance(node, ast.Constant):
        return plain_number(node.value)
    if isinstance(node, ast.Name):  # repr() of a float prints nan and inf as bare names
        return _SPECIAL.get(node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = node.operand
        if isinstance(inner, ast.UnaryOp):  # `--1` is not something a program prints
            return None
        value = _literal_number(inner)
        if value is None or isinstance(node.op, ast.UAdd):
            return value
        return -value
    return None


def _expression(text: str) -> ast.expr | None:
    """A Python display parsed, never evaluated (literal_eval would reject nan and inf, which
    repr() prints as bare names, so the tree is walked instead); None when it is none."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes in strings warn; never print
            return ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _dict_tree(line: str, start: int) -> ast.Dict | None:
    """The dict display from ``start`` to the line's last ``}``, parsed and never evaluated;
    or the list of pairs from ``start`` to the line's last ``]``, as the dict it lists."""
    if line[start] == "[" and _PAIRS_NAMED.search(line, max(0, start - 40), start) is None:
        return None  # a list of pairs under no name for metrics: `Top words: [('the', 523)]`
    end = line.rfind("}" if line[start] == "{" else "]")
    if end < start:
        return None
    body = _expression(line[start : end + 1])
    if isinstance(body, ast.List):
        pairs = [item.elts for item in body.elts
                 if isinstance(item, ast.Tuple) and len(item.elts) == 2]
        if not pairs or len(pairs) < len(body.elts):
            return None
        return ast.Dict(keys=[key for key, _ in pairs], values=[value for _, value in pairs])
    return body if isinstance(body, ast.Dict) else None


def _indexed_scores(line: str) -> list[Found]:
    """`Per-class accuracy: {0: 0.87, 1: 1.0}`: a measure's label over its scores keyed by
    class index (Per-class_accuracy/0); none under any other label."""
    opening = _INDEXED_OPEN.search(line)
    if opening is None:
        return []
    label = _MEASURE_LABEL.fullmatch(message(line[: opening.start()]))
    tree = None if label is None else _dict_tree(line, opening.start())
    if tree is None or label is None or not any(
            names_a_measure(word) for word in label.group(1).split()):
        return []
    name = label.group(1).replace(" ", "_")
    found: list[Found] = []
    for key, node in zip(tree.keys[:1000], tree.values[:1000]):
        value = node.value if isinstance(node, ast.Constant) else None
        if not (isinstance(key, ast.Constant) and type(key.value) is int) or isinstance(
                value, bool) or not isinstance(value, (int, float)):
            return []
        found.append((f"{name}/{key.value}", value, None))
    return found


# A pandas row's index before its cell: two spaces at least.
_FRAME_CELL = re.compile(r"\d{1,12}\ {2,}")


# The text a model's prediction gives beside its score (transformers' pipelines).
_PREDICTED = frozenset({"label", "answer", "entity", "entity_group", "word", "token_str",
                        "sequence", "generated_text"})


def parse_inspected(line: str) -> list[Found]:
    """Node's `console.log` of an object (util.inspect's `{ test: { acc: 0.61 }, val: { acc:
    0.72 } }`) read as the Python dict repr of the same shape: test/acc, val/acc."""
    if "] { " in line and _INSPECTED_ERROR.search(line):
        return [CLAIM]  # an error's own properties, `[Error: diverged] { loss: NaN }`
    inspected = _inspected(line) if ": " in line else None
    if inspected is None or _line_dict(inspected) is None:
        return []  # (not one util.inspect prints whole: the line's pairs are read as others')
    # (what the Python dict holds no measure of, settings, a flag, is none either)
    return parse_python_dict(inspected) or [CLAIM]


# An error util.inspect prints with its own properties after it: after its stack, the stack's
# last line opening them, `    at node:internal/main/run_main_module:28:49 {`, then `  code:
# 'ERR_X',`, `  loss: NaN,`, its cause (`  [cause]: Error: ...` and that error's stack and
# properties), up to `}`; without a stack on one line, `[Error: diverged] { loss: NaN }`,
# `[AssertionError [ERR_ASSERTION]: ...] { ... }`. What the error carries, none a metric.
_ERROR_PROPERTIES = re.compile(r"\s{2,12}at\ .{1,400}\ \{\s*")
_INSPECTED_ERROR = re.compile(
    r"\[(?:[A-Z][\w$]{0,60}?)?(?:Error|Exception)(?:\ \[[A-Z_]{1,40}\])?(?::\ .{0,400}?)?\]\ \{\ ")


def parse_error_properties_head(line: str) -> list[Found]:
    """The last line of a Node error's stack that opens its properties (`    at ... {`)."""
    return [CLAIM] if line[-1:] == "{" and _ERROR_PROPERTIES.fullmatch(line) else []


def error_properties_rows(header: str) -> Callable[[str], list[Found]]:
    """The error's properties under its stack's last line, up to the `}` that closes them (a
    line not indented ends them too): nothing."""
    depth = [1]

    def row(line: str) -> list[Found]:
        text = line.strip()
        if depth[0] <= 0 or not text or line[:1] != " " and text[:1] != "}":
            return []
        # (util.inspect opens a nested object at the end of its line and closes it first on one)
        depth[0] += (text[-1:] == "{") - (text[:1] == "}")
        return [CLAIM]

    return row


# Node's util.inspect (what `console.log` prints of an object): `{ epoch: 1, test: { acc: 0.61 },
# name: 'mlp', ok: true, w: [ 0.1, 0.2 ] }`, its keys bare where they are identifiers and its
# strings quoted as Python's are; JavaScript's literals and the placeholders of what it does
# not show (`[Object]`, `[Function: f]`) written as Python's, so that it reads as a dict repr.
_INSPECT_OPEN = re.compile(r"\{ [A-Za-z_$][\w$]{0,80}: ")
_INSPECT_TOKEN = re.compile(
    r"'(?:[^'\\]|\\.){0,400}'|\"(?:[^\"\\]|\\.){0,400}\""
    r"|(?<=[{,] )([A-Za-z_$][\w$]{0,80})(?=: )"
    r"|(?<![\w$.])(true|false|null|undefined|NaN|Infinity)(?![\w$])"
    r"|(\[(?:Function|class|Getter|Setter|Object|Array|Circular)[^\[\]']{0,80}\]"
    r"|Symbol\([^()']{0,80}\))", re.ASCII)
_INSPECT_WORDS = {"true": "True", "false": "False", "null": "None", "undefined": "None",
                  "NaN": "nan", "Infinity": "inf"}


def _inspected(line: str) -> str | None:
    """The line with its util.inspect object from its opening on written as a Python dict
    repr; None when it holds none."""
    opening = _INSPECT_OPEN.search(line)
    if opening is None:
        return None
    start = opening.start()
    return line[:start] + _INSPECT_TOKEN.sub(_python_token, line[start:])


def _python_token(match: re.Match[str]) -> str:
    key, word, shown = match.groups()
    if key is not None:
        return f"'{key}'"
    if word is not None:
        return _INSPECT_WORDS[word]
    return repr(shown) if shown is not None else match.group()


def parse_python_dict(line: str) -> list[Found]:
    """The numbers of a Python dict repr, nested dicts flattened with `/`."""
    opening = _PY_OPEN.search(line)
    if opening is None:
        return _indexed_scores(line)
    tree = None if opening is None else _dict_tree(line, opening.start())
    if tree is None or opening is None:
        return _side_by_side(line)
    flags = [node.value for _, node in _named(tree)
             if isinstance(node, ast.Constant) and (node.value is None or type(node.value) is bool)]
    if None in flags or len(flags) > 1:
        return []  # `print(vars(args))`: a program's settings (True, False, None), not metrics
    named_nodes = dict(_named(tree))
    if "score" in named_nodes and any(
            isinstance(node, ast.Constant) and isinstance(node.value, str)
            for key, node in named_nodes.items() if key in _PREDICTED):
        # a pipeline's prediction, `[{'label': 'POSITIVE', 'score': 0.98}]`, `{'score': 0.93,
        # 'start': 33, 'end': 39, 'answer': 'London'}`: what a model said, no measure of it
        return [CLAIM]
    worded = [(key, node) for key, node in _named(tree) if not (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
        and parse_number(node.value) is None)]
    if _tree_settings(list(_named(tree))) or any(
            isinstance(node, ast.Dict) for node in tree.values) and _tree_settings(
                list(_tree_leaves(tree, 0))) or worded and len(worded) < len(tree.keys) and (
                    _tree_settings(worded)) or _options_dict(tree):
        # `{'lr': 0.001, 'batch_size': 32}`: the same, nested too, and beside words (`vars(args)`
        # of a subcommand's, `{'mode': 'train', 'lr': 0.1, 'batch_size': 64}`)
        return [CLAIM]
    entries = list(_named(tree))
    if len(entries) == len(tree.keys) and _split_sizes(
            (key, node.value if isinstance(node, ast.Constant) else None) for key, node in entries):
        return [CLAIM]  # `{'train': 244, 'val': 153}`: the splits' sizes
    if _MAPPING.search(line, max(0, opening.start() - 60), opening.start()):
        return [CLAIM]  # a vocabulary's indices or a tally: `defaultdict(None, {'pos': 0})`
    if _FRAME_CELL.fullmatch(line, 0, opening.start()) and line.rstrip()[-1:] != "}":
        return [CLAIM]  # a pandas row's cell, `cv_results_`'s `0  {'C': 0.1, ...}  ...  3`
    if opening.start() < 80 and message(line[: opening.start()]).strip(" :=").lower() == "best" and (
            not any(names_a_measure(key) for key, _ in _valued(tree))):
        # hyperopt's `print("best:", fmin(...))`, `best: {'act': np.int64(0), 'lr':
        # np.float64(0.0015)}`: the best point of the search space (a choice's index), settings
        return [CLAIM]
    named = _NAMED_DICT.search(line, max(0, opening.start() - 42), opening.start())
    name = "" if named is None else named.group(1)
    lead: list[Found] = []  # the counter that starts the line, before the dict's label
    if not name and line.rstrip()[-1:] == "}" and (SETTINGS_DICT.search(
            message(line[: opening.start()]).strip().replace(" ", "_")) or _settings_before(
                line, opening.start())) and not any(
                names_a_measure(key) for key, _ in _valued(tree)):
        # `best params {'alpha': 0.001, 'n_components': 3}`, `study.best_params = {...}`,
        # `Trial#5 Values: [3.6, 0.1] Params: {'x': 1.9}`: settings
        return [CLAIM]
    if not name and ":" in line[max(0, opening.start() - 60) : opening.start()]:
        if settings_label(message(line[: opening.start()])) is not None and (
                line.rstrip()[-1:] == "}") and not any(
                names_a_measure(key) for key, _ in _valued(tree)):
            return [CLAIM]  # `Config: {'lr': 0.001, 'batch_size': 64}`: a program's settings
        name = _phase_label(line, opening.start()) or _best_label(line, opening.start()) or (
            _measure_label(line, opening.start(), tree)) or _word_label(line, opening.start(), tree)
    if not name:
        # (`Epoch 1 train: {...}`, `step 100: eval {...}`, `step 100 eval {...}`)
        name, lead = _counted_phase_label(line, opening.start())
    if not name:
        name = _bare_phase_label(line, opening.start())
    if not name:
        # a phase's label in a clause of its own after other pairs, `epoch 1, loss: 0.07,
        # val: {'loss': 0.21}`: the dict is the phase's (val/loss), the pairs before it the
        # training's, read as the line's other pairs are
        clause = _CLAUSE_PHASE.search(line, max(0, opening.start() - 24), opening.start())
        if clause is not None and clause.group(1).lower() in PHASES:
            name = clause.group(1)
    if not name and line[:20].lstrip()[:1] in "evtdEVTD":
        # an evaluation's line in the TF Model Garden's controller (orbit), ` eval | step:
        # 200 | eval time: 10.2 sec | output: {'accuracy': 0.45}`: its values are the
        # evaluation's (eval/accuracy), not the training's `train | ... | output: {...}`
        barred = _BARRED_PHASE.match(message(line[: opening.start()]))
        if barred is not None and barred.group(1).lower() in PHASES - TRAINING:
            name = barred.group(1)
    if name and SETTINGS_DICT.search(name):
        return [CLAIM]  # `params={'batch_size': 32, ...}`: a program's settings
    found: list[Found] = []
    _flatten_tree(tree, f"{name}/" if name else "", found, 0)
    if name:
        found = _under(name, found)
    else:  # (a length or a support beside the scores, `'translation_length': 10`: none)
        found = [item for item in found if is_metric_key(item[0].rsplit("/", 1)[-1])]
    split = _split(tree)
    if split:
        found = _in_split(found, split)
    return found + (lead or _counter_before(line, opening.start())) if found else found


def parse_scores_dict(line: str) -> list[Found]:
    """A dict of results printed as reprs, rouge-score's `print(scorer.score(ref, pred))`,
    `{'rouge1': Score(precision=0.86, recall=1.0, fmeasure=0.92), 'rouge2': Score(...)}`:
    rouge1/precision, ..., rouge2/fmeasure (not the first repr's fields alone, as pairs)."""
    return parse_python_dict(line) if "{'" in line else []


_CLAUSE_PHASE = re.compile(r"(?:,|;|\ \||\ -)\ {1,4}([A-Za-z]{2,12})\ {0,2}[:=]\ {0,2}\Z", re.ASCII)
_BARRED_PHASE = re.compile(r"\s{0,8}([A-Za-z]{2,12})\ {1,4}\|\ ", re.ASCII)


def _under(name: str, found: list[Found]) -> list[Found]:
    """A dict's findings under its label's `name`: its own counter is still its step
    (GraphGym's `val: {'epoch': 0, 'loss': 1.40, ...}`), and its settings stay settings
    (`'params': 1958`); under a best's label the counter says when the best was reached:
    neither step nor measure."""
    best = _BEST_LABEL.fullmatch(name) is not None
    return [(key[len(name) + 1 :] if key[len(name) + 1 :] in STEP_NAMES and type(value) is int
             else key, value, step) for key, value, step in found
            if is_metric_key(key.rsplit("/", 1)[-1])
            and not (best and key[len(name) + 1 :] in STEP_NAMES)]


# The dicts of a line, side by side (none inside another), and a phase's label before each.
_FLAT_DICT = re.compile(r"\{[^{}]{1,4000}\}")
_SIDE_LABEL = re.compile(r"([A-Za-z][A-Za-z_ ]{0,30}?)\ {0,2}[:=]?\ {0,2}\Z", re.ASCII)


def _side_by_side(line: str) -> list[Found]:
    """Dicts side by side, each after a phase's label: `Epoch 1/4 - train: {...} - val:
    {...}`, `train={...}, val={...}`, `Epoch 6 | train {...} | val {...}`: each read as if
    alone under its label (train/loss, val/loss), the counter that starts the line their
    step; none unless every dict has such a label."""
    spans = [match.span() for match in _FLAT_DICT.finditer(line, 0, 20_000)]
    if len(spans) < 2:
        return []
    found: list[Found] = []
    end = 0
    for start, after in spans:
        label = _SIDE_LABEL.search(line, max(end, start - 40), start)
        # (the label starts with its phase: not `Loaded train: {'images': 5000}`)
        if label is None or label.group(1).split()[0].lower() not in PHASES:
            return []
        alone = f"{label.group(1).strip()}: {line[start:after]}"
        found += parse_json(alone) if _JSON_OPEN.match(line, start) else parse_python_dict(alone)
        end = after
    if not any(names_a_measure(key.rsplit("/", 1)[-1]) for key, _, _ in found):
        return []  # the splits' sizes or settings side by side, `train {'pos': 2500} val {...}`
    counter = _LEADING_COUNTER.match(message(line))
    return [*found, *_counter_finding(counter)]


# A counter that starts a message, before a phase's label: `Epoch 1 train: {...}`, `epoch 8,
# val: {...}`, `Epoch 1/4 - train: {...}`, clu's step in brackets, `[50] eval: {...}`.
_LEADING_COUNTER = re.compile(
    r"\s{0,8}(?:(epoch|ep|step|iter|iteration)\ {0,4}(\d{1,18})(?:/\d{1,18})?|\[(\d{1,18})\])"
    r"(?:,|:|\ -|\ \|)?\ {1,4}",
    re.ASCII | re.IGNORECASE)


def _counter_finding(counter: re.Match[str] | None) -> list[Found]:
    if counter is None:
        return []
    if counter.group(3) is not None:
        return [("step", int(counter.group(3)), None)]
    word = counter.group(1).lower()
    return [("epoch" if word in ("epoch", "ep") else "step", int(counter.group(2)), None)]


def _counted_phase_label(line: str, start: int) -> tuple[str, list[Found]]:
    """`Epoch 1 train: {...}`, `Epoch 8 val metrics: {...}`: the label naming a phase after
    the counter that starts the message (train, val_metrics), and the counter as a finding;
    ('', []) when there is none."""
    text = message(line[:start])
    counter = _LEADING_COUNTER.match(text) if len(text) <= 80 else None
    label = None if counter is None else phase_label(text[counter.end() :])
    if counter is not None and label is None:
        # (a phase's word alone before the dict, `print(f"step {step}: eval", metrics)`)
        word = text[counter.end() :].strip()
        if word.lower() in PHASES - TRAINING:
            return word, _counter_finding(counter)
    if label is None or label[1].strip():
        return "", []
    return label[0], _counter_finding(counter)


# Or a phase's label with no colon, all of the message before the dict, as `print("val",
# metrics)` and Node's `console.log("Test results", obj)` print it: `val {'loss': 0.3}`,
# `Test results { loss: 0.3 }` are val/loss and Test_results/loss, as with a colon. Its first
# word names the phase (not `Loaded train {'images': 5000}`); the training's word alone is no
# label, as after a counter (`train {'loss': 0.5}` is loss).
_BARE_LABEL = re.compile(r"\s{0,8}([A-Za-z][A-Za-z0-9]{1,19}(?:\ [A-Za-z][A-Za-z0-9]{1,19}){0,2})\ {1,4}",
                         re.ASCII)


def _bare_phase_label(line: str, start: int) -> str:
    """The label naming a phase, with no colon, that is all of the message before a dict
    (`Test results {...}`: Test_results), else ''."""
    text = message(line[:start])
    label = _BARE_LABEL.fullmatch(text) if len(text) <= 80 else None
    if label is None:
        return ""
    words = label.group(1).split(" ")
    if words[0].lower() not in PHASES or len(words) == 1 and words[0].lower() in TRAINING:
        return ""
    return "_".join(words)


def _numbers_only(record: ast.Dict) -> bool:
    """Whether a record holds numbers only: no words, flags or None, no dict of settings."""
    for name, node in _named(record):
        if isinstance(node, ast.Constant) and (
                type(node.value) is bool or not isinstance(node.value, (int, float))):
            return False
        if isinstance(node, ast.Dict) and SETTINGS_DICT.search(name):
            return False
    return True


def python_records(line: str) -> list[list[Found]]:
    """A list of dicts printed whole on a line, a history a record an epoch: torchbearer's
    `print(trial.run(...))`, `[{'running_acc': 0.09, 'loss': 2.06, ...}, {...}]`: one list of
    findings per record, each at the record's own step (its `step` or `epoch`), else at its
    place (from 1) when there are several, at the current step when there is one (Lightning's
    `print(trainer.test())`); none for a list of settings (True, None), of things (a layer's
    neurons) or of results with words in them (a pipeline's `{'label': 'POSITIVE', ...}`)."""
    if line[:3] == '[{"':  # (JSON's results that name their measures, sacrebleu's)
        try:
            results = json.loads(line)
        except (ValueError, RecursionError):
            results = None
        named = [_named_score(item) for item in results if isinstance(item, dict)] if (
            isinstance(results, list)) else []
        if named and len(named) == len(results or ()) and None not in named:
            return [[score] for score in named if score is not None]
    body = _expression(line)
    if not isinstance(body, ast.List):
        return []
    records = [item for item in body.elts[:10_000] if isinstance(item, ast.Dict)]
    if not records or len(records) < len(body.elts) or not any(
            names_a_measure(name) for name, _ in _named(records[0])):
        return []  # a list of things (a layer's neurons, `{'weights': [...], 'output': 0.99}`)
    found: list[list[Found]] = []
    for place, record in enumerate(records, 1):
        if not _numbers_only(record):
            return []
        items: list[Found] = []
        _flatten_tree(record, "", items, 0)
        own = {key: value for key, value, _ in items if key in STEP_NAMES and type(value) is int}
        step = next((int(own[key]) for key in STEP_NAMES if key in own),
                    place if len(records) > 1 else None)
        found.append([(key, value, step) for key, value, _ in items
                      if key not in own and is_metric_key(key.rsplit("/", 1)[-1])])
    return found


def python_history(line: str, now: int = 0) -> list[list[Found]]:
    """A history printed whole as a dict of lists, a list a measure (Keras'
    `print(history.history)`, a loop's `{'train_loss': [1.85, 1.67], 'val_loss': [...]}`,
    JSON's too): one list of findings per epoch, each at its place (from 1, as Keras counts
    its epochs) or at its own `epoch`/`step` list's value; none unless every value is a list
    of numbers, all as long, each a measure's (a settings grid, `{'C': [0.1, 1, 10]}`, is
    none), and, with no counter of its own, unless the run is `now` at no later step than
    its last (a per-class result after step 5000 is no history)."""
    body = _expression(line)
    if not isinstance(body, ast.Dict) or not body.keys:
        return []
    columns: dict[str, list[float]] = {}
    for name, node in _named(body):
        if not isinstance(node, ast.List) or not node.elts or len(node.elts) > 100_000:
            return []
        values = [_literal_number(item) for item in node.elts]
        if any(value is None or isinstance(item, ast.Constant) and type(item.value) is bool
               for value, item in zip(values, node.elts)):
            return []
        columns[name.replace(" ", "_")] = [value for value in values if value is not None]
    if len(columns) < len(body.keys):
        return []
    counter = next((columns.pop(key) for key in STEP_NAMES if key in columns and all(
        math.isfinite(value) and value == int(value) and abs(value) < 1e18
        for value in columns[key])), None)
    # (every list a measure's, all as long: `{'k': [1, 5, 10], 'recall': [...]}` is a curve
    # over a setting, `{'milestones': [30, 60], 'gamma': [0.1]}` settings)
    if not columns or len({len(values) for values in columns.values()}) > 1 or not all(
            names_a_measure(name) or name.lower() in RATES for name in columns):
        return []
    length = len(next(iter(columns.values())))
    if counter is None and now > length:
        return []  # (after step 5000, `{'precision': [0.91, 0.85, 0.78]}` is no history: classes)
    found: list[list[Found]] = []
    for place in range(length):
        step = int(counter[place]) if counter is not None and place < len(counter) else place + 1
        found.append([(name, values[place], step) for name, values in columns.items()
                      if place < len(values) and is_metric_key(name)])
    return found


# A dict given as a name's value, `metrics={'loss': 0.09}` (structlog's rendering of d3rlpy's
# epoch log): nested under that name, `metrics/loss`, as a nested dict's values are. Under a
# name for settings (`params={...}`, `config={...}`), none is a metric.
_NAMED_DICT = re.compile(r"(?<![\w.])([A-Za-z_]\w{0,40})\ {0,2}=\ {0,2}\Z")
# The name just before a dict: an attribute's (`study.best_params = `), a label's (`Params: `,
# clu's `[Hyperparameters] `).
_NAME_BEFORE = re.compile(r"(?<![\w])\[?([A-Za-z_]\w{0,40})(?:\ {0,2}=|:|\])\ {0,2}\Z")


def _settings_before(line: str, start: int) -> bool:
    """Whether the name just before a dict names settings (`.best_params = `, `Params: `)."""
    match = _NAME_BEFORE.search(line, max(0, start - 44), start)
    return match is not None and SETTINGS_DICT.search(match.group(1)) is not None


# Or a dict that is all of a message after its label, the label naming a phase: RecBole's
# `test result: OrderedDict([('recall@10', 0.33), ...])`, test_result/recall@10 (not `Sample
# 3 of the training set: {...}`, a clause of a sentence).
def _phase_label(line: str, start: int) -> str:
    """The label before a dict that is the rest of its message, when a word of it names a
    phase (`test result: {...}`: test_result), else ''."""
    text = message(line[:start])
    label = phase_label(text) if len(text) <= 80 else None
    if label is None or label[1].strip() not in ("", "OrderedDict(", "dict_items("):
        return ""
    return label[0]


# Or a best's label, `Best: {'epoch': 1, 'val_acc': 0.75}`, `Best results: {...}`: Best/val_acc,
# not a second point of val_acc back at the best's epoch.
_BEST_LABEL = re.compile(r"(?i:best)(?:_[A-Za-z]{1,20}){0,2}", re.ASCII)


def _best_label(line: str, start: int) -> str:
    """The label before a dict that is the rest of its message, when it starts with `Best`
    (`Best results: {...}`: Best_results), else ''."""
    label = _MEASURE_LABEL.fullmatch(message(line[:start]))
    if label is None:
        return ""
    name = label.group(1).replace(" ", "_")
    # (`Best params: {...}` names settings: read as settings are, not as a best's results)
    return name if _BEST_LABEL.fullmatch(name) and not SETTINGS_DICT.search(name) else ""


# Or the label names the measure and the dict's keys what it was measured on, the classes:
# `Per-class accuracy: {'cat': 0.5, 'dog': 0.75}`, Per-class_accuracy/cat.
_MEASURE_LABEL = re.compile(r"\s{0,8}([A-Za-z][\w\-]{0,30}(?:\ [A-Za-z][\w\-]{0,30}){0,3})\ {0,4}:\s*",
                            re.ASCII)


_INDEXED_OPEN = re.compile(r"\{\ ?\d{1,6}:\ ")


def _measure_label(line: str, start: int, tree: ast.Dict) -> str:
    """The label before a dict that is the rest of its message, when the label names a measure
    and no key of the dict does (`Per-class accuracy: {'cat': 0.5}`: Per-class_accuracy),
    else ''."""
    label = _MEASURE_LABEL.fullmatch(message(line[:start]))
    if label is None or not any(names_a_measure(word) for word in label.group(1).split()):
        return ""
    named = list(_named(tree))
    if not named or any(names_a_measure(key) or not isinstance(node, ast.Constant)
                        for key, node in named):
        return ""
    return label.group(1).replace(" ", "_")


# Or a name of words joined by `_` before a dict of numbers keyed by what was measured: `grad_norms:
# {'layer.0.weight': 0.01, ...}`, grad_norms/layer.0.weight (not one series a layer, mixed
# with the `weight_norms: {...}` printed after it).
_WORD_LABEL = re.compile(r"\s{0,8}([A-Za-z][A-Za-z0-9]{0,30}(?:_[A-Za-z0-9]{1,30}){1,4})\ {0,2}:\s*",
                         re.ASCII)


# (or after the line's other pairs, `step 10 loss 0.3 grad_norms: {...}`)
_WORD_LABEL_AFTER = re.compile(
    r"(?<=[\d%])(?:,|;|\ \||\ -)?\ {1,4}([A-Za-z][A-Za-z0-9]{0,30}(?:_[A-Za-z0-9]{1,30}){1,4})"
    r"\ {0,2}:\ {0,2}\Z", re.ASCII)


def _word_label(line: str, start: int, tree: ast.Dict) -> str:
    """The name of words joined by `_` before a dict (the rest of its message, or after the
    line's pairs), when the dict's keys name no measure and its values are all numbers with a
    fraction, else ''."""
    label = _WORD_LABEL.fullmatch(message(line[:start])) or _WORD_LABEL_AFTER.search(
        line, max(0, start - 72), start)
    if label is None:
        return ""
    named = list(_named(tree))
    if len(named) < 2 or any(names_a_measure(key) or key.lower() in STEP_NAMES
                             or not isinstance(node, ast.Constant) or type(node.value) is not float
                             for key, node in named):
        return ""
    return label.group(1)


def _line_dict(line: str) -> ast.Dict | None:
    """The Python dict display on the line, from its first `{'`, parsed and never evaluated."""
    opening = _PY_OPEN.search(line)
    return None if opening is None else _dict_tree(line, opening.start())


def _valued(tree: ast.Dict) -> Iterator[tuple[str, ast.expr]]:
    """A dict display's entries whose values may be a measure's (not text: LightGBM's
    `'metric': 'binary_logloss'` among its settings names no measure's value)."""
    return ((key, node) for key, node in _named(tree)
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)))


def _named(tree: ast.Dict) -> Iterator[tuple[str, ast.expr]]:
    """A dict display's entries under string keys that are not blank (the key stripped)."""
    for key, node in zip(tree.keys, tree.values):
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.strip():
            yield key.value.strip(), node


def _options_dict(tree: ast.Dict) -> bool:
    """Whether a dict display is docopt's arguments (`print(arguments)`): its options and
    positionals by their spellings, `{'--lr': '0.3', '<data>': 'x.csv', 'train': True}`."""
    return any(name.startswith("--") or name[:1] == "<" and name[-1:] == ">"
               for name, _ in _named(tree))


def _tree_settings(entries: list[tuple[str, ast.expr]]) -> bool:
    # (a trainer's numeric precision, `'precision': 32`, is its setting, no measure's value)
    entries = [(key, node) for key, node in entries if not (
        key.lower() == "precision" and isinstance(node, ast.Constant)
        and node.value in (8, 16, 32, 64) and type(node.value) is int)]
    return settings([key for key, _ in entries], [
        key for key, node in entries if isinstance(node, ast.Constant)
        and isinstance(node.value, str) and _NUMBER_TEXT.fullmatch(node.value) is None])


def _tree_leaves(tree: ast.Dict, depth: int) -> Iterator[tuple[str, ast.expr]]:
    """`_named`'s entries of a dict display and of the displays nested in it, but those."""
    for name, node in _named(tree):
        if not isinstance(node, ast.Dict):
            yield name, node
        elif depth < _DEPTH:
            yield from _tree_leaves(node, depth + 1)


def _result_fields(node: ast.expr, depth: int) -> ast.Dict | None:
    """A value printed as a result's repr, its fields by keyword, a measure among them (at any
    depth): rouge-score's `Score(precision=0.86, recall=1.0, fmeasure=0.92)`, its aggregate's
    `AggregateScore(low=Score(...), mid=Score(...), high=Score(...))`, as the dict of its fields;
    else None (`SGD(lr=0.01)`, settings)."""
    if not isinstance(node, ast.Call) or node.args or not node.keywords or depth > _DEPTH or any(
            keyword.arg is None for keyword in node.keywords):
        return None
    values = [keyword.value for keyword in node.keywords]
    if not any(names_a_measure(str(keyword.arg)) and _literal_number(keyword.value) is not None
               or _result_fields(keyword.value, depth + 1) is not None
               for keyword in node.keywords):
        return None
    return ast.Dict(keys=[ast.Constant(keyword.arg) for keyword in node.keywords], values=values)


def _flatten_tree(tree: ast.Dict, prefix: str, found: list[Found], depth: int) -> None:
    # (a name's words joined with `_`, as printed names are: `classification_report(...,
    # output_dict=True)`'s `macro avg/f1-score` is macro_avg/f1-score, as in its table, and
    # its supports are counts there too)
    for name, node in _named(tree):
        name = name.replace(" ", "_")
        if name == "support" and prefix:
            continue
        fields = _result_fields(node, 0)
        if fields is not None:
            node = fields
        if isinstance(node, ast.Dict):
            if depth < _DEPTH:
                _flatten_tree(node, f"{prefix}{name}/", found, depth + 1)
            continue
        value = _literal_number(node)
        if value is not None:
            found.append((prefix + name, value, None))


# hf_trainer -----------------------------------------------------------------------------------


# The entry that names the split a dict's values are of: Haiku's examples print `{'step': 100,
# 'split': 'test', 'accuracy': '0.188'}`, test_accuracy at step 100.
_SPLIT_KEYS = frozenset({"split"})


def parse_hf_trainer(line: str) -> list[Found]:
    """A Hugging Face Trainer log dict, whose floats are printed as strings:
    ``{'loss': '0.6933', 'learning_rate': '4.375e-05', 'epoch': '0.375'}``. Every value is a
    metric, ``epoch`` too (``'1'`` is epoch 1.0, never a step); a whole number under a step's
    name is the dict's step (``'step': 100``), and a split named in it qualifies the others
    (``'split': 'test'``)."""
    tree = _line_dict(line)
    if tree is None or _options_dict(tree):
        return []
    found: list[Found] = []
    quoted = False
    for name, node in _named(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = parse_number(node.value) if len(node.value) < 64 else None
            if value is not None:
                quoted = True
                found.append((name, float(value), None))
            continue
        number = _literal_number(node)
        if type(number) is int and name in ("step", "global_step") and 0 <= number < 2**63:
            found.append((name, number, None))
        elif number is not None:
            found.append((name, float(number), None))
    split = _split(tree)
    if split:
        found = _in_split(found, split)
    return found if quoted else []


def _split(tree: ast.Dict) -> str:
    """The split a dict's entries name (`'split': 'test'`), or ''."""
    for name, node in _named(tree):
        if (name in _SPLIT_KEYS and isinstance(node, ast.Constant)
                and isinstance(node.value, str) and node.value.lower() in PHASES):
            return node.value
    return ""


def _in_split(found: list[Found], split: str) -> list[Found]:
    """The findings of a dict of one split, named for it (`test_accuracy`), but its step and
    those already named for a split (`val_loss`), and none onto a key the dict has."""
    keys = {key for key, _, _ in found}
    return [(key if key in STEP_NAMES or phased(key) or f"{split}_{key}" in keys
             else f"{split}_{key}", value, step) for key, value, step in found]
