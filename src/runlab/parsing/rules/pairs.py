"""The generic rules for names and values written in a line: ``key_value`` (``loss: 0.5``,
``val loss = 0.5``), ``name_value`` (``it 200 | train_loss 0.3``), ``fraction`` (``Accuracy:
9910/10000 (99%)``) and ``epoch_header`` (``Epoch 3/10``); and what makes a name a metric's."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable

from runlab.parsing.rules.base import ENV_STEPS, NUMBER, STEP_NAMES, VALUE_END, Found, to_number

# key_value ------------------------------------------------------------------------------------

# A key is the whole name as printed in its clause: up to five words, each starting with a
# letter, joined by single spaces (`val acc`), recorded joined with `_` (`val_acc`). A clause
# starts at the line start or after a space-free separator: `,` `;` `|` ` - `, a tab, a bracket
# (the lookbehind), so the `host` in `http://host:5000` or the `b` in `?b=1` is not one. An
# article or preposition (`the`, `of`, `in`, ...) and an upper-case log level (`INFO`) are not
# part of a name: the name starts after them. A label ending in `: ` just before the name
# (`Test set: Average loss: 0.03`) is its section, kept with `/` (`Test_set/Average_loss`).
# The word count is bounded, so each position costs a bounded number of steps (linear time).
# Letters of other scripts a name may be written in (the `re.ASCII` patterns' `\w` has none).
# (Any script's letter but Latin-1's signs, ª, µ and º, and Greek, which has rules of its own;
# Unicode's letter class, not a list of ranges: a class of ranges costs a compile of every
# pattern it is in a pass over each of its characters, tens of milliseconds at start-up.)
LETTERS = r"(?=[^\x00-\xbf\u0370-\u03ff])(?u:[^\W\d_])"
_OTHER_SCRIPT = re.compile(LETTERS)
# an `@` cut-off's number: `@1`, `@0.5`, `@.5`, in thousands (FID's `@10k`)
_CUT = r"(?:\d{1,4}(?:\.\d{1,4}|k)?|\.\d{1,4})"
# (a range of fractions is always a name's, mentioned or before its value: `mAP@0.5:0.95`)
_IOU = r"(?:\d{0,4}\.\d{1,4}:\d{0,4}\.\d{1,4}(?![\d.]))"
_WORD = (
    # (`IS` in capitals is a name, the Inception Score)
    # (a lone `a` is an article before a word, `a 3-layer net`, and a name before its `:` or
    # `=`, a model's parameter: `a: 2.97`, `mean a = 2.97`)
    r"(?!(?:(?:(?i:an|the|to|at|of|in|on|for|from|with|by|are|was|were|be|been|will|would"
    r"|has|have|had|and|or)|is|Is)[\ :]|(?i:a)\ (?!\ {0,3}[:=]))"
    r"|(?:DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)[\ :])"
    # a cut-off after `@` (`Acc@1`, `P@1`, `ndcg@10`, `recall@k`; not an e-mail address), or a
    # range of them (COCO's `mAP@0.5:0.95: 0.401`, `mAP@.5:.95`); an
    # abbreviation's dot before `:` (`R-squ.:`)
    # a power, `R^2: 0.87`, `chi^2 = 3.1`
    # (or χ², iminuit's `FCN = 3.959 (χ²/ndof = 0.5)`)
    # (or ε, Opacus' privacy budget, `(ε = 1.99, δ = 1e-05)`; another Greek letter only
    # before another word, `Δ loss: 0.01`: alone it names a setting as often, `β1: 0.9`)
    # (a possessive, neat-python's `Population's average fitness: 2.21`)
    # (a resolution's number before a measure, neuraloperator's `16_h1=0.2069`)
    # (or a word in another script: accented Latin, Cyrillic, Chinese, Japanese, Korean, `训练损失`)
    # (a word of another script alone holds no digits: `第1轮 训练损失` is 训练损失, not the
    # epoch's number glued to it)
    # (or a Greek letter joined to a word, `μ_residual`, `Δloss`; not `β1`)
    # (a word of another script may go on in Latin letters, `écart-type`, `Übereinstimmung`)
    # (or a qualifier and its number before a word, `Top 1 Acc`, `Task 2 acc`, `head 0 loss`:
    # one word of the name, not a counter's)
    # (or a norm between bars before its `:` or `=`, a hand-written optimizer's `|g|=2.6e-04`,
    # `|grad|: 0.1`, `||grad||=0.1`)
    r"(?:\|{1,2}[A-Za-z][\w.]{0,20}\|{1,2}(?=\s{0,4}[:=])"
    r"|(?i:top|task|head|stage|layer|block|level|scale|tower|expert|agent|player)\ \d{1,4}"
    r"(?=\ [A-Za-z])|"
    rf"\#?(?:(?:[A-Za-z]|\d{{1,4}}_(?=[A-Za-z])|ε|χ²|[\u0391-\u03c9](?=\w{{0,20}}\ [A-Za-z]|_?[A-Za-z]))"
    rf"(?u:(?>[\w.\-/]*\w))?|{LETTERS}(?>(?:[_\-]|[A-Za-z]|{LETTERS})*(?:[A-Za-z]|{LETTERS}))?))"
    rf"(?:'s(?=\ ))?(?:\^\d)?(?>@(?:{_IOU}|{_CUT}(?::{_CUT}(?=\s{{0,4}}[:=]))?|k))?"
    r"(?:\.(?=:))?"
    # a function's value by its argument, SciPy's `f(x)= 3.64`; a unit, dynesty's `eff(%):`; a
    # starred name, dynesty's `logl*:`; a qualifier in parentheses, `loss (avg): 0.3`,
    # TorchRL's `step count (max): 199`
    # (or a percent sign, vector-quantize-pytorch's `active %: 7.812`)
    r"(?:(?<![\w.\-/]{2})\([a-z]\)(?=\s{0,4}[:=])|\ ?\(%\)(?=\s{0,4}[:=])|\ %(?=:)|\*(?=:)"
    # (or a statistic's, attached: an RL loop's `R(avg100): 18.40`, `acc(ema): 0.90`)
    r"|\((?i:avg|ema|mean|smoothed|running|median|max|min|std)\d{0,6}\)(?=\s{0,4}[:=])"
    # (or a head's, a scale's or a class's, attached: `loss(head0): 1.09`, `loss(x100)=109.86`,
    # `lr(e-4)=5000.0`, `acc[cat]=0.91`, `recall[0]=0.92`; the name as printed; not a count's
    # `len(train)=600`, nor a counter's `Epoch[1]:`)
    r"|(?<=[A-Za-z]\w)(?<!len)(?<![Ee]poch)(?<!EPOCH)(?<![Ss]tep)(?<![Ii]ter)(?<![Bb]atch)"
    r"(?:\([A-Za-z][\w.\-]{1,15}\)|\[\w[\w.\-]{0,15}\])(?=\s{0,4}[:=])"
    # (or a window's size, an RL loop's `Avg Reward (100): 83.0`, `Average Score (100 eps):`,
    # `Mean Reward (last 100): 15.00`, `average score (last 100 episodes):`, `Avg reward last
    # 100: 20.1`)
    r"|\ \((?:%|-?[A-Za-z][\w@.\-/]{0,20}(?:\ [A-Za-z][\w@.\-/]{0,20}){0,2}"
    r"|(?:last\ )?\d{1,6}(?:\ [A-Za-z]{1,12})?)\)(?=\s{0,4}[:=])"
    r"|\ last\ \d{1,6}(?=\s{0,4}[:=]))?"
)
# (A count of what it is taken over may sit inside: TD3's `Evaluation over 10 episodes: -1570.6`,
# `Average of last 100 episodes: 20.1`.)
# (Or an `@` between words: PyOD's `precision @ rank n:1.0`.)
# (A Greek letter alone after a word is a word of the name: `Spearman's ρ`, `Cohen's κ`.)
_NAME = (rf"{_WORD}(?:\ (?:(?:over|last)\ \d{{1,9}}\ |@\ )?(?:{_WORD}|[\u0391-\u03c9](?![\w.]))){{0,4}}")
# The units of a timing: a value followed by one is no measure (`time 5.6 sec`, `0.31 [s]`).
TIME_UNITS = ("s", "sec", "secs", "second", "seconds", "ms", "min", "mins", "minute", "minutes",
              "hour", "hours")
TIME_UNIT = "|".join(TIME_UNITS)
# A pair's value: an int (a possible step) or any other number; `100%|` is a tqdm bar, not a
# percentage (the bar's 100 fails VALUE_END). `60000 examples` is a dataset's size.
_COUNTED = (r"(?!\ +(?:(?:examples|samples|items|files|rows|images|tokens|sentences|documents"
            r"|records|lines|bytes|batches|shards|chunks|objects|phrases|entities|mentions)"
            r"\b(?!\ ?[:=])"
            rf"|(?:{TIME_UNIT})\b)"
            # (the next pair's name, `loss=0.4 tokens/s=9876.5`, `loss: 0.5 tokens: 1024`; a
            # time's unit before a colon is the time's, `time=12.5 s: loss=0.3`)
            r"(?!/\w{1,12}\ ?[:=])"
            # (a plan's counts, `Starting training: 6 epochs, batch size 32`; not a name of
            # its own, `loss: 0.5 epochs: 3`)
            r"|(?:(?<=[\s:=]\d)|(?<=[\s:=]\d\d)|(?<=[\s:=]\d{3})|(?<=[\s:=]\d{4}))"  # (a count)
            r"\ +(?:epochs|iterations|classes|layers|parameters|params|workers|threads|GPUs|gpus)"
            r"\b(?!\ ?[:=])"
            rf"|\ \[(?:{TIME_UNIT})\]"  # in brackets, pytorch-GAT's `time elapsed= 0.31 [s]`
            # a setting left at its default, CmdStan's `tol_obj = 1e-12 (Default)`
            r"|\ \(Default\))")
# A value may also end at a colon that ends a clause: PEFT's `epoch=0: train_ppl=...`.
_PAIR_END = rf"(?:{VALUE_END}|(?=:\s))"
# (A ratio in decibels may follow its number: KAIR's `Average PSNR : 20.65dB`.)
VALUE = rf"(?:([-+]?\d{{1,18}})|({NUMBER}))(?:%(?!\|)|dB)?{_PAIR_END}"
_PAIR = re.compile(
    # (or a `>` that starts the line: Machine Learning Mastery's `>epoch=0, lrate=0.100`)
    r"(?:(?<![^\s,;|(\[{])|(?<=^>)|(?<=\.\.\.))"
    # (an ellipsis before it: Chollet's `...loss: 2.2407`, geneticalgorithm2's `...1 gen from
    # 300...best value = 4.09`)
    r"(?:\.{2,3}(?=[A-Za-z]))?"
    # (no name starts with the unit of the value before it: `time: 1.2 s loss: 0.3` is loss,
    # not `s_loss`; `mem: 3.4 GB acc: 0.9`; a name's own first word stays, `min loss`, `ms
    # ssim`)
    r"(?!(?<=\d\ )(?:(?i:s|secs?|seconds?|ms)(?!\ (?i:ssim))|[KMGT]i?B)\ )"
    rf"(?:({_NAME}):\ +(?=[A-Za-z]|{LETTERS})(?!(?i:nan|inf)))?"
    # (the ELBO negated is the loss variational inference minimises, as Pyro names it: `-ELBO:
    # 50442.2`, its key as printed)
    rf"((?:-(?=(?i:elbo)\b))?{_NAME})"
    r"\s*[:=]\s*"  # (after a section label `name=value` is a variant's only: `_label`)
    + VALUE + _COUNTED,
    re.ASCII,
)
# A label that names a variant, before its `name=value` pairs (`rouge1: precision=0.86
# recall=0.67`, `SST-2: accuracy=0.91`): a measure's name (`rouge1`, `rougeL`, `top1`: `_variant`)
# or a dataset's or a language pair's, of a hyphen or two (`SST-2`, `CIFAR-10`, `MNLI-m`,
# `en-de`); not a logger's name (`trainer: loss=0.5`), a host's (`ip-172-31-1-1`), a counter's
# (`epoch1:`) or a process's (`rank0:`, `gpu1:`).
_VARIANT = re.compile(r"[A-Za-z][A-Za-z0-9]{0,15}(?:-[A-Za-z0-9]{1,10}){1,2}", re.ASCII)


def _label(line: str, match: re.Match[str]) -> str | None:
    """The section label a `_PAIR` match names its pair after, if any: any before `name:
    value` (`ROUGE-L: f1: 0.5`), a variant's only before `name=value` (`_VARIANT`)."""
    head = match.group(1)
    if head is None:
        return None
    value = match.start(3) if match.group(3) is not None else match.start(4)
    if "=" in line[match.end(2) : value] and not _variant(head) and not (
            # (a model's name that starts the line names its ` = ` pairs too: `LogReg: F1 =
            # 0.93 ± 0.02`, `Random Forest: accuracy = 0.93`)
            " = " in line[match.end(2) : value] and not line[: match.start(1)].strip()
            and _MODEL_LABEL.fullmatch(line, match.start(1), match.end(1) + 1) is not None
            and head not in _NO_MODELS and names_a_measure(match.group(2))):
        return None
    return head


def _variant(label: str) -> bool:
    """Whether a label names a variant whose pairs it names after it (`_VARIANT`), or a
    phase in another language's words (`验证: 损失=0.6`)."""
    return (_VARIANT.fullmatch(label) is not None and not label.replace("-", "").isdigit()
            or label.lower() in NATIVE_PHASES
            or _MEASURE.search(label) is not None and " " not in label
            and _CONTAINER.search(label) is None)


# A model's name that starts the line and labels all its pairs (`Random Forest: Train accuracy:
# 1.000, Test accuracy: 0.930`): capitalised words, not a phase's, a counter's or a container's.
_MODEL_LABEL = re.compile(
    r"(?!(?i:train|training|val|valid|validation|test|eval|evaluation|dev|epoch|step|iter"
    r"|iteration|batch|episode|fold|trial|round|metrics?|scores?|results?|stats|summary|best"
    r"|final|config|params)\W)[A-Z][\w\-]{0,40}(?:\ [A-Z][\w\-]{0,40}){0,3}"
    r"(?:\ \([\w\-.]{1,30}\))?:", re.ASCII)  # (and its variant: `SVM (RBF):`)
# Words before `: name = value` that name no model (`Total: loss = 0.5`, `Note: lr = 0.001`).
_NO_MODELS = frozenset({"Total", "Average", "Mean", "Overall", "Note", "Warning", "Info", "Output",
                        "Done", "Optimizer", "GPU", "Error", "Debug", "Status", "Result"})
# A model's name of one word that starts the line, before the scores it got, whatever the
# punctuation: a comparison's loop, `logreg: acc=0.951`, `[rf] acc=0.965`, `svm | acc 0.93`,
# `knn -> acc: 0.9`, `Model: tree, Accuracy: 0.93` (`model_label`).
_MODEL_FIRST = re.compile(
    r"\ {0,8}(?:(?i:model)(?::\ |=)([A-Za-z][\w.\-]{0,30})(?:,|\ \|)?|\[([A-Za-z][\w.\-]{0,30})\]"
    r"|([A-Za-z][\w.\-]{0,30})(?::|\ \||\ [-=]>))\ {1,4}(?=[A-Za-z])", re.ASCII)
# A host's or a worker's name, numbered (`ip-172-31-1-1:`, `worker-0:`): no model's.
_NUMBERED_HOST = re.compile(r"-\d{1,9}$|\d[.\-]\d", re.ASCII)
# The word after it, a score's name.
_MODEL_SCORE = re.compile(r"[A-Za-z][\w\-]{0,40}", re.ASCII)
# Words such a label is not: a logger's level or name (`INFO: acc=0.9`, `root:`, `trainer:`),
# a word of no model (`Note:`, `Total:`), what holds measures (`metrics:`), a counter's, a
# process's or a device's (`epoch:`, `rank0:`, `gpu1:`), a qualifier (`best:`, `final:`).
_NOT_MODEL_WORDS = frozenset({
    *(word.lower() for word in _NO_MODELS), "debug", "info", "notice", "warn", "warning",
    "error", "critical", "fatal", "trace", "root", "trainer", "main", "logger", "log", "app",
    "model", "models", "lightning", "wandb", "mlflow", "tensorboard", "namespace", "metric",
    "metrics", "score", "scores", "result", "results", "stats", "summary", "best", "final",
    "last", "current", "params", "config", "args", "settings", "epoch", "episode", "fold",
    "trial", "round", "batch", "rank", "gpu", "cpu", "cuda", "device", "worker", "node", "host",
    "process", "proc", "seed", "run", "exp", "experiment", "time", "eta", "speed", "memory"})


def model_label(line: str, keys: list[str]) -> str | None:
    """The model's name a line starts with (`_MODEL_FIRST`), which names each of the line's
    values (`logreg/acc`): None unless every key names a measure, and the label is no
    measure's, phase's, counter's or logger's (`train: acc=0.9` is train's phase)."""
    if not (line[:1].isalpha() or line[:1] in "[ ") or not keys:
        return None
    match = _MODEL_FIRST.match(line)
    if match is None:
        return None
    label = match.group(1) or match.group(2) or match.group(3)
    word = label.lower().rstrip("0123456789")
    if word in _NOT_MODEL_WORDS or word in PHASES or word in NATIVE_PHASES or (
            word in STEP_NAMES) or names_a_measure(label) or not word or (
            _NUMBERED_HOST.search(label) is not None):
        return None
    names = [key[len(label) + 1 :] if key.startswith(label + "/") else key for key in keys]
    if any(name != _DROPPED and (name.lower() in STEP_NAMES or not names_a_measure(name))
           for name in names):
        return None
    # (its scores straight after it: not a library's tag before prose, `[ultranest] Posterior
    # uncertainty strategy is satisfied (KL: 0.46+-0.08 nat, ...)`)
    word = _MODEL_SCORE.match(line, match.end())
    if word is None or not (names_a_measure(word.group()) or any(
            name.split("_", 1)[0] == word.group() for name in names)):
        return None
    return label


def _model_key(label: str, key: str) -> str:
    """A key named after the model's label before it (`model_label`)."""
    return key if key == _DROPPED or key.startswith(label + "/") else f"{label}/{key}"


def model_named(line: str, found: list[Found]) -> list[Found]:
    """A rule's findings named after the model's name that starts the line, if any
    (`model_label`: `logreg | acc 0.951` gives `logreg/acc`)."""
    label = model_label(line, [key for key, _, _ in found]) if found else None
    if label is None:
        return found
    return [(_model_key(label, key), value, step) for key, value, step in found]


def parse_model_name_value(line: str) -> list[Found]:
    """`parse_name_value`'s findings named after a model's name that starts the line
    (`model_named`)."""
    return model_named(line, parse_name_value(line))


# A name of what holds measures, no measure's (`metrics: loss=0.5`, `train_metrics:`, `scores:`).
_CONTAINER = re.compile(r"(?i:metrics?|scores|results?|stats)$")

# What a learned line shape reads for each value: the number is consumed whole, so a value
# can be read one way only and a line that fails to match late never makes the regex retry
# every earlier value (that retrying is exponential). Possessive quantifiers say so where
# Python has them (3.11), at about half the cost of a lookahead and a backreference.
_SHAPE_VALUE = (
    r"(?P<vSLOT>[-+]?+(?:\d++(?:\.\d*+)?+|\.\d++)(?:[eE][-+]?+\d++)?+"
    r"|[-+]?+(?i:nan|inf(?:inity)?+))" if sys.version_info >= (3, 11)
    else "(?=(?P<vSLOT>" + NUMBER + r"))(?P=vSLOT)") + r"(?:%(?!\|)|dB)?" + _PAIR_END

# The key of a pair that is not one (kept in place: a learned line shape reads values by
# their place among the line's pairs).
_DROPPED = "\x00"
# `INFO: 3 workers` is a log line, not a metric called INFO; `CUDA Version: 12.4` is a version
# and `cuda:0` a device.
_NOT_KEYS = frozenset(
    spelling
    for word in ("debug", "info", "notice", "warn", "warning", "critical", "fatal",
                 "version", "cuda", "xla", "mps", "npu", "xpu", "hpu")
    for spelling in (word, word.upper(), word.capitalize())
) | {"ERROR", _DROPPED}
# `error: 2 files failed` starts a log line; after another clause it is a measure, as in
# scikit-learn's NMF: `Epoch 10 reached after 0.001 seconds, error: 26.912006`.
_LOG_LEVEL = frozenset({"error", "Error"})
# `main.cc:42]` and `train.py:17` are a source file and a line number.
_SOURCE_FILE = re.compile(r".\.(?:c|cc|cpp|cxx|cu|h|hpp|py|pyx|go|rs|java|js|ts|rb)$")
# Set-up values, not measurements: `num_threads=2`, `seed: 42`, `port=29500`, `pid: 4242`,
# counts of data and of parameters (`num_rows: 27000`, `parameter tensors: 2`, `param count:
# 4927618`, `total number of tokens: 512`), batch sizes and image crops, lengths of training
# (`iteration: 1 of max_iter: 10`, scikit-learn's LatentDirichletAllocation).
_SETTING = re.compile(
    r"^\#"  # `#training images = 16`: a count
    r"|^id$"  # EvoTorch's `(id:140078962316048)`
    r"|^index$"  # a device's, `device(type='cuda', index=0)`
    # a size said in words, `Size of training set: 50000`, `Length of vocab: 300`; a signal's
    # rate, `Sample rate of waveform: 16000`
    r"|(?:^|_)(?i:size|length|number|count)_of_(?!divergen)|^(?i:sample|sampling)_rate"
    # how a process ended, torchrun's failure report (`exitcode  : 1 (pid: 4242)`, `failed
    # (exitcode: 1) local_rank: 1`) and its `SignalException: Process 4242 got signal: 2`
    r"|^(?i:exit_?code|exit_status|return_?code|got_signal|signal|rc)$|(?i:_rc)$"
    # Python's own `-X importtime` lines, `import time:       214 |        214 |   _io`
    r"|^import_time$"
    r"|^(?i:converged)$"  # whether a fit converged, statsmodels' `Converged: 1.0000`
    # a retry's count, an error's or an exit's code (torch's store, `(try=0, timeout=2000ms)`;
    # `errno: 99`, `exiting with code=143`, `worker exit_code=1`)
    r"|^(?i:try|tries|attempts?|retry|retries|errno|code)$|(?i:_exit_?code)$"
    # the DDP tutorial's `Batchsize: 32`: a batch's size
    r"|(?:^|_)(?i:batchsize)$"
    # the rate a training starts at, spaCy's `ℹ Initial learn rate: 0.001` (not its schedule)
    r"|^(?i:initial)_(?i:learn_rate|learning_rate|lr)$"
    r"|^name$"  # a file's descriptor, `<_io.TextIOWrapper name=4 encoding='UTF-8'>`
    # the count of a phase's steps: Poutyne's `Train steps: 10 Val steps: 3`
    r"|^(?:train|training|val|valid|validation|test|eval)_steps$"
    # a split's size, Cellpose's `>>> n_epochs=11, n_train=2, n_test=1`
    r"|^n_(?:train|training|val|valid|validation|test|eval)$"
    # a dataset's shape, LibRecommender's `n_users: 300, n_items: 200, data density: 7.6 %`
    r"|^n_(?:users|items|entities|relations|nodes|edges|classes|features|samples|clusters)$"
    # a planned count of steps, lda's `n_iter: 200`
    r"|^(?i:n|nb|num)_(?i:iters?|iterations|epochs)$"
    r"|^data(?:set)?_(?:density|sparsity)$"
    r"|(?:^|[_./\-])(?:threads?|workers?|seed|port|pid|rank|world_size|cpus?|cores?|gpus?"
    r"|devices?|nodes?|procs?|processes|jobs|version|rows|examples|samples|observations|tensors"
    r"|words|labels|progress"
    r"|parameters|processed"
    r"|params|(?<!throughput_)tokens|batch_size|(?:effective|global|micro|mini|total)_?batch(?:es)?"
    r"|accumulation_steps?|crop_pct|imgsz|process_index|epochs"
    r"|max_iters?|max_iterations|max_steps?|total_steps|optimization_steps|cumulative_steps|warmup_steps"
    # a data science script's set-up: `Features: 30`, `CV folds: 5`, `Test fraction: 0.25`,
    # `Significance level: 0.05`, `Polynomial degree: 2`, `Iterations run: 30`, a driver's or
    # an export's version (`Driver: 550.54`, `opset: 17`, `Compute capability: 8.0`)
    r"|folds|n_splits|(?:test|val|valid|validation|train|holdout|eval)"
    r"_(?:fraction|frac|split|ratio|share|pct)|significance_level|(?:poly|polynomial)_degree"
    r"|iterations_(?:run|done)|driver(?:_version)?|opset(?:_version)?"
    r"|compute_capability|degrees_of_freedom|nms_\w{1,30}|val_check_interval|eta_min|t_max|t_0"
    # a model's settings printed in a config, never measures: `init_std: 0.02`, `ema_decay:
    # 0.999`, `mixup_alpha: 0.2`, `min_delta: 0.001`, `regularization: 1.0`
    r"|init_std|ema_decay|(?:mixup|cutmix)_alpha|min_delta|regularization(?:_strength)?)$"
    # (whole names only: a test's degrees of freedom, `df = 4`; a data sample's `label`, `idx`;
    # `hidden: 64`, not `Accuracy for 4 hidden units`)
    # (an epoch's count of batches, `Dataset size: 320, batches: 10, num_workers: 2`)
    r"|^(?:df|dof|ddof|label|idx|hidden(?:_dim|_units|_size)?|(?:n_|num_)?features"
    r"|(?i:n_|num_)?(?i:batches))$"
    r"|^[kK]$"  # (the number of clusters or neighbours, `k = 2, inertia = 152.3`)
    r"|(?:^|[_./\-])(?:gpus?|cpus?|devices?|nodes?|workers?|threads?|params?|parameters)"
    r"_(?:number|count)$"
    # sizes of data and of models: `Dataset size: 16`, `vocab_size=500`, `hidden_size=32`
    # (not `average_size`, `effective_sample_size`: measures)
    r"|(?:^|[_./\-])(?:vocab|hidden|dataset|data|train|training|test|val|valid|validation|eval"
    r"|image|img|input|output|embed|embedding|model|batch|microbatch|patch|kernel|window|chunk"
    r"|block|context|ctx|seq|sequence|pool|buffer|cache|population|beam|group|crop|action"
    r"|observation|obs|state)_size$"
    # counts: `Number of words: 61` (fastText), `num sources = 0`, `Num weight bits = 18`
    # (Vowpal Wabbit), not fairseq's step, `num_updates`
    # (and a diffusion model's `num_timesteps`, its setting; stable-baselines3's `Eval
    # num_timesteps=1024` is its step, read by its own rule)
    # (a sampler's divergent transitions are its diagnostic: NumPyro's and Pyro's `Number of
    # divergences: 8`, `num_divergent: 3`, `n_divergent = 3`)
    r"|^(?:number_of|num)_(?!updates$|correct|errors?$|wrong|incorrect|mistakes|divergen)\w+"
    r"(?:_\(\w+\))?$"
    # a shape or a count, llama.cpp's and nanoGPT's `n_vocab = 32000`, `n_layer = 12`,
    # JoeyNMT's `n_best` (not pymoo's `n_nds`, a measure, nor minimalRL's `n_episode`, a
    # counter)
    r"|^n_(?!nds$|(?:episode|epoch|iter|iteration|step|update|gen|generation|round)s?$"
    r"|correct|errors?$|wrong|incorrect|mistakes|divergen)[a-z]\w*$"
    # a file, word2vec's `Words in train file: 16718844`
    r"|(?:^|_)(?:file|path|dir)$"
    # a space's size, a bound, a buffer's fill (reinforcement learning's `State dim: 3, action
    # dim: 1, max action: 2.0`, `buffer=17`); a schedule (`log_every_n_steps=50`); statsmodels'
    # degrees of freedom and sample (`Df Model: 3`, `Sample: 0`)
    r"|(?:^|[_./\-])(?:dim|dims|dimension|dimensions)$|^max_action$|(?:^|_)buffer(?:_size|_len)?$"
    r"|(?:^|_)every_n_\w+$|^(?i:df_(?:model|residuals|resid)|sample)$"
    # YDF's `Final model num-trees:20`, `num examples (weighted): 100`
    r"|(?:^|_)num-trees$"
    # Vowpal Wabbit's schedule and its summary's sums: `power_t = 0.5`, `weighted example sum`
    r"|^(?:initial|power)_t$|(?:^|_)(?:example|label)_sum$|(?:^|_)feature_number$"
    # evaluation counts: DEAP's `nevals`, pymoo's `n_eval`, CMA-ES's `#Fevals`, dynesty's
    # likelihood calls, `ncall`, iminuit's `Nfcn`
    r"|^(?:n_?evals?|\#?f?_?evals|ncalls?|nfcn)$|(?:^|_)n[fjh]ev$"
    # faiss' k-means, `nsplit=0` (the clusters split this iteration)
    r"|^nsplits?$"
    # how an optimizer ended and what it counted: SciPy's `OptimizeResult` (`status: 2`,
    # `nit: 50`), trust-constr's `CG stop` column and `CG iterations: 491`, jaxopt's `Number
    # Linesearch Iterations:2`, a limit named in a message (`... larger than maxiter=50`),
    # COBYQA's radii as set (`Initial trust-region radius: 1.0.`; its `New ...` is a
    # measure), scikit-optimize's `Time taken: 0.0003`
    r"|^(?:status|nit)$|(?:^|_)(?:cg|linesearch|line_search)_(?:iter|iters|iterations|stop)$"
    r"|(?:^|_)(?:maxiter|maxfun|maxfev|maxls|maxcor)$|^(?:initial|final)_trust-region_radius$"
    r"|^(?-i:Time)_taken$"  # (skopt's capital: a loop's own `time_taken=12.3` is a timing)
    # a classifier's counts: a class's `support=63`, a confusion matrix's cells (`TN=58`,
    # `True Positives: 103`), no measures (their rates, `tpr`, `true_positive_rate`, are)
    r"|(?:^|[_/])support$|(?:^|[_/])(?:tp|fp|tn|fn|(?:true|false)_(?:positives?|negatives?))$"
    # a tolerance's goal, iminuit's `EDM = 7.54e-24 (Goal: 0.0002)`
    r"|^goal$"
    # lmfit's fit report: `# function evals   = 33`, `# data points      = 101`, `# variables
    # = 3`, and each parameter's starting value, `(init = 5)`
    r"|^(?:function_evals|data_points|variables|init)$"
    # SciPy's optimizers' summary (`disp`): `Function evaluations: 40`, `Gradient evaluations:
    # 10`; arch's `Func. Count: 38`
    r"|^(?:(?:function|gradient|hessian)_evaluations|func_count)$"
    # a time per unit of work, word_language_model's `ms/batch 12.34`, `s/it`; sacrebleu's
    # lengths
    r"|^(?:ms|secs?)/\w+$|^s/(?:it|iter|step|batch|epoch|sample|token)s?$|^(?:hyp|ref)_len$"
    # Megatron-LM's `number of skipped iterations:   0`, `number of nan iterations:   0`;
    # DeepSpeed's engine's count of the steps it skipped, `step=10, skipped=0, lr=[0.001]`
    r"|(?:^|_)(?:skipped|nan)_iterations$|^skipped$"
    # Composer's time counters: `Train time/batch: 1`, `time/sample_in_epoch: 16`
    r"|(?:^|[_.\-])time/(?:epoch|batch|sample|token)(?:_in_epoch)?$"
    # a split's size, vit-pytorch's cats-and-dogs notebook: `Train Data: 240`
    r"|^(?:train|training|val|valid|validation|test|eval)_data$"
    # a device's index after its label, `Using device: cuda:0`
    r"|(?:^|[/_])(?:cuda|mps|xpu|npu|hpu|xla)$"
    # torchsummary's sizes, `Params size (MB): 4.58`, `Estimated Total Size (MB): 5.27`
    r"|(?:^|_)size_\((?:[kmgt]i?)?b\)$"
    # torchinfo's `Total mult-adds (M): 4.38` (a model's size); scikit-learn's SGD verbose
    # `NNZs: 5` (its weights' count of non-zeros)
    r"|(?:^|_)mult-adds(?:_\([\w.]{1,30}\))?$|^nnzs$"
    # an early stopping's patience count, `EarlyStopping counter: 1 out of 5`
    r"|(?:^|_)counter$"
    # a sequence's length, a setting: `Max sequence length: 512`
    r"|(?:^|_)(?:max_)?(?:sequence|seq|context|block)_length$"
    # (or shorter, a curriculum's `Starting stage 2 with max_len=64`, `max_length=64`; the
    # lengths `evaluate`'s BLEU counts, `translation_length`, `reference_length`)
    r"|(?:^|_)(?:max_?(?:(?:seq|sequence|source|target|src|tgt|input|output|prompt|gen"
    r"|new|position|sent|text|context|ctx)_)?(?:len|length)|seq_len|translation_length"
    r"|reference_length|sys_len)$"
    # SQuAD v2's counts of the questions it scored, `'HasAns_total': 50`
    r"|^(?:HasAns|NoAns)_total$"
    # a logger's fields, a format's `tid=%(thread)d` and `line=%(lineno)d`, structlog's
    # `CallsiteParameterAdder`'s `lineno=` and `process=`; a run's planned count of epochs,
    # bound to every line (structlog's `log.bind(epoch_total=50)`)
    r"|(?:^|[_./\-])(?:tid|lineno)$|^(?:line|process|thread_id|process_id)$|^epochs?_total$"
    # GNU time's report of a command's resources (`/usr/bin/time -v`), which the run's own
    # `sys/` metrics measure: counts, sizes and times
    r"|^(?i:user_time_\(seconds\)|system_time_\(seconds\)|(?:percent_of_)?cpu_this_job_got"
    r"|average_\w{1,30}_size_\(kbytes\)|maximum_resident_set_size_\(kbytes\)|page_faults"
    r"|(?:in)?voluntary_context_switches|swaps|file_system_(?:inputs|outputs)"
    r"|socket_messages_(?:sent|received)|signals_delivered|page_size_\(bytes\))$"
    # an entity type's support in seqeval's report, `{'LOC': {..., 'number': 2}}`
    r"|(?:^|/)number$"
    # libsvm's counts of support vectors (`nSV = 211, nBSV = 16`, `Total nSV = 211`),
    # fastText's autotune's `Trials: 5`, Vowpal Wabbit's banner of its settings (`using l2
    # regularization = 0.001`), and a declaration a compiler quotes (`3 |   double lr = 0.05;`)
    r"|^(?i:(?:total_)?n_?b?sv|trials|using_\w+)$"
    r"|^(?:double|float|static|unsigned|char|bool)_"
    # sbi's count of its training's epochs, `Training neural network. Epochs trained: 35`
    r"|(?:^|_)epochs_trained$"
    # scikit-learn's successive halving plan: `n_iterations: 3`, `min_resources_: 40`,
    # `factor: 2`, then `n_candidates: 8` and `n_resources: 40` each iteration
    r"|^(?:n_(?:required_|possible_)?iterations|(?:min|max)_resources_?|factor|n_candidates"
    r"|n_resources)$"
    # a training's settings, printed as it starts (`Dropout: 0.1, weight decay: 0.01`, `Label
    # smoothing: 0.1`, `max_grad_norm = 1.0`, `Replay buffer capacity: 10000, ..., gamma: 0.99`,
    # `channels: 3`, `early stopping (patience=5, ...)`, `random_state=0`), a dataset's or a
    # vocabulary's size (`Dataset: 1200 train / 300 val samples`, fairseq's `| [en] dictionary:
    # 8848 types`, `num. trained: 39469056` parameters) and a checkpoint's loading (`missing
    # keys: 0, unexpected keys: 2`): no measures (`wd`, DINO's schedule, stays one)
    r"|(?:^|[_./\-])(?:dropout|dropout_rate|weight_decay|max_grad_norm|label_smoothing"
    r"|patience|channels|capacity|gamma|accumulation|random_state|missing_keys"
    r"|unexpected_keys)$|^(?:dataset|dictionary|vocab|vocabulary|trained)$"
    # the time left, mmcv's `eta: 1 day, 2:03:04` (and XGBoost's `eta`, a setting)
    r"|^eta$"
    # a model's and an environment's sizes and a loop's intervals, as programs print them as
    # they start (`Vocabulary size: 33278`, `Embedding dim: 300`, `Hidden units: 256`,
    # `observation space: 4`, `log_interval=10`, `Tokens per batch: 524288`, `Warmup: 10
    # steps`), the versions of the stack (`Python 3.11 | torch 2.3.1 | cuDNN 8902`, Unsloth's
    # banner's `CUDA Toolkit: 12.4`), and a model's hyperparameters (`n_estimators: 100`,
    # `max_depth: 6`)
    r"|(?:^|_)vocabulary_size$|^(?:embed|embedding|hidden|model|latent|feature)_(?:dim|dims|units)$"
    r"|(?:^|_)(?:observation|action|obs|state)_space$|(?:^|_)(?:log|eval|save|print|val|checkpoint"
    r"|ckpt)_(?:interval|freq|every)$|(?:^|_)(?:tokens|samples|examples|sequences)_per_(?:batch"
    r"|step|iter|iteration|update|device|gpu)$|^warmup$"
    r"|^(?:python|torch|pytorch|torchvision|cudnn|nccl|numpy|tensorflow|jax|jaxlib|keras"
    r"|transformers|triton|cuda_toolkit|cuda_runtime)$"
    r"|^(?:max_depth|num_leaves|n_estimators|min_child_weight|max_leaf_nodes|min_samples_split"
    r"|min_samples_leaf|min_data_in_leaf|max_bin|n_neighbors|n_heads|num_heads|n_head|n_layer"
    r"|n_layers|num_layers|n_embd|d_model|d_ff)$"
    # the machine, as `lscpu` and torch's environment report print it (`CPU family: 6`,
    # `Model: 167`, `L2 cache: 4 MiB (2 instances)`, `Core(s) per socket: 2`) and a GPU's
    # compute capability (`Tesla T4 (arch=7.5)`)
    r"|^(?:cpu_family|model|stepping|bogomips|address_sizes|per_socket|arch)$"
    r"|^l[1-3][di]?_cache$"
    # a batch's index, a counter (beside its epoch, the step in it: TensorFlow's tutorials'
    # `Epoch 1 Batch 100 Loss 2.1234`; alone, as often a batch's size, `batch: 64`)
    r"|^batch(?:_idx|_index|_num|_id)?$"
    # the environment steps so far and the time since the start (CS285's logger,
    # `Train_EnvstepsSoFar : 1014`, `TimeSinceStart : 0.83`)
    r"|(?:^|_)(?:envsteps|samples|steps|timesteps|episodes)_?so_?far$|^time_?since_?start$"
    # a sampler's settings, printed as it starts (PyMC's `chains=2 draws=1000 tune=1000
    # target_accept=0.9`, emcee's `nwalkers: 16, ndim: 3, nsteps: 600`, BlackJAX's
    # `target_acceptance_rate: 0.8`, Stan's `adapt_delta = 0.95`, `max_treedepth: 12`, `thin =
    # 2`, CmdStan's `adapt_window = 75`), and a step size's bounds or start (its adapted value
    # and its mean are the sampler's measures: `step_size = 0.5`, `mean step size: 0.78`)
    r"|(?:^|[./])(?:chains|num_chains|draws|tune|num_warmup|num_samples|nwalkers|ndim|nsteps"
    r"|target_accept|target_acceptance_rate|max_treedepth|adapt_delta|adapt_window|thin)$"
    r"|(?:^|_)(?:max|min|initial|init)_step_size$"
    # a count over a constant, emcee's autocorrelation warning: `N/50 = 12;`
    r"|^n/\d{1,9}$",
    re.IGNORECASE,
)

# Download and upload progress (`Downloading model.safetensors: 45%`) is noise.
_TRANSFER = re.compile(r"\b(?:Down|Up)load(?:ing|ed)\b|\bExtracting\b|\bFetching\b", re.IGNORECASE)


# A constant's or an environment variable's name, set to a whole number: a setting
# (`OMP_NUM_THREADS=4`, TensorFlow's `M_TRIM_THRESHOLD=128 kb was set`).
_CONSTANT = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")


# A shell's trace of an assignment, `set -x`'s `+ LR=0.2` (`++` in a subshell, `+ export
# LR=0.2`): the script's code, no output.
_TRACED = re.compile(r"\+{1,9}\ (?:(?:export|declare|local|readonly)\ (?:-\w{1,4}\ )?)?"
                     r"[A-Za-z_]\w{0,60}=", re.ASCII)
# An environment variable alone on its line, as `env` prints it (`PYTHONUNBUFFERED=1`): a
# setting, unless a measure's name in capitals (`MSE=0.3`).
_ENV_LINE = re.compile(r"([A-Z][A-Z0-9_]{0,60})=\S{0,200}", re.ASCII)


def parse_key_value(line: str) -> list[Found]:
    """``loss: 0.5``, ``loss=0.5``, ``val loss = 0.5`` (``val_loss``), several per line."""
    return [
        (key, int(integer) if integer else float(number), None)
        for key, integer, number in key_value_pairs(line)
        if is_metric_key(key) and not (integer and _CONSTANT.fullmatch(key) and not _MEASURE.search(
            key) and key.lower() not in STEP_NAMES)  # (Coqui's `GLOBAL_STEP: 3` is a step)
    ]


# split_name -----------------------------------------------------------------------------------

# One name for two values, the qualifier in parentheses naming each: CRFsuite's
# `Acc(item/seq)=0.907 0.433` (item and sequence accuracy, crfsuite's `logging_callback`),
# `loss (train/val): 0.41 0.52`: Acc_item and Acc_seq, loss_train and loss_val.
_SPLIT_NAME = re.compile(
    r"(?<![^\s,;|])([A-Za-z][\w\-]{0,40})\ ?\(([A-Za-z][\w\-]{0,20})/([A-Za-z][\w\-]{0,20})\)"
    rf"\ ?[:=]\ {{0,4}}({NUMBER})\ {{1,4}}({NUMBER}){VALUE_END}",
    re.ASCII,
)
# Or the qualifiers first: pycma's `final/bestever f-value = 3.05e-14 3.05e-14` (final_f-value,
# bestever_f-value).
_SPLIT_BEFORE = re.compile(
    r"(?<![^\s,;|])([A-Za-z]\w{0,20})[/&]([A-Za-z]\w{0,20})\ ([A-Za-z][\w\-]{0,40})"
    rf"\ ?[:=]\ {{0,4}}({NUMBER})\ {{1,4}}({NUMBER}){VALUE_END}",
    re.ASCII,
)


# Or both values written with the slash too, no `=`: pytorch-a2c-ppo-acktr-gail's `Last 10
# training episodes: mean/median reward 20.1/18.0, min/max reward 9.0/50.0` (and its many
# copies): mean_reward, median_reward, min_reward, max_reward.
_SPLIT_SLASHED = re.compile(
    r"(?<![^\s,;|])([A-Za-z]\w{0,20})/([A-Za-z]\w{0,20})\ ([A-Za-z][\w\-]{0,40})(?:\ ?[:=])?"
    rf"\ {{1,4}}({NUMBER})/({NUMBER}){VALUE_END}",
    re.ASCII,
)
# Or a tuple of values under the tuple of their qualifiers: BoTorch's closed-loop tutorial,
# `best_value (random, qEI, qNEI) = (1.18, 1.18, 1.51)`: best_value_random, best_value_qEI and
# best_value_qNEI.
_SPLIT_TUPLE = re.compile(
    r"(?<![^\s,;|])([A-Za-z][\w\-]{0,40})\ ?\(((?:[A-Za-z][\w\-]{0,20},\ ?){1,7}"
    r"[A-Za-z][\w\-]{0,20})\)\ ?[:=]\ {0,4}\(\ {0,4}"
    rf"((?:(?:{NUMBER}),\ {{0,4}}){{1,7}}(?:{NUMBER}))\ {{0,4}}\)",
    re.ASCII,
)
_TUPLE_SEPARATOR = re.compile(r",\ *")
# Or names assigned a tuple, Python's way: `test_loss, test_acc = 0.3, 0.91` (not test_acc 0.3).
_ASSIGNED_TUPLE = re.compile(
    r"\s{0,8}((?:[A-Za-z][\w\-]{0,40},\ ?){1,7}[A-Za-z][\w\-]{0,40})\ =\ {1,4}"
    rf"((?:(?:{NUMBER}),\ ?){{1,7}}(?:{NUMBER}))\s*",
    re.ASCII,
)
# Names listed, then their values as a tuple: JAX's DP-SGD example, `Test set loss, accuracy
# (%): (2.31, 9.90)`. The first name's qualifiers (`Test set`) name the one-word names after it
# too: Test_set_loss, Test_set_accuracy. Each name ends in a measure's word.
_NAME_WORDS = r"[A-Za-z][\w\-]{0,30}(?:\ [A-Za-z][\w\-]{0,30}){0,4}"
_NAME_TUPLE = re.compile(
    rf"\s*({_NAME_WORDS}(?:,\ {_NAME_WORDS}){{1,7}})(?:\ \([^()]{{1,10}}\))?:\ \(\s{{0,4}}"
    rf"((?:{NUMBER})(?:,\s{{0,4}}(?:{NUMBER})){{1,7}})\s{{0,4}}\)\s*", re.ASCII)
# A tuple of sizes is a setting: `Input shape (H, W) = (800, 1333)`, `image_size (h, w)`.
_SHAPE_WORDS = re.compile(r"(?i:shape|size|dims?|resolution)$")


def parse_split_name(line: str) -> list[Found]:
    """``Acc(item/seq)=0.907 0.433``: Acc_item and Acc_seq; ``final/bestever f-value = 3 3``:
    final_f-value and bestever_f-value; ``min/max reward 9.0/50.0``: min_reward and
    max_reward; ``best (a, b) = (1.2, 1.3)``: best_a and best_b."""
    found: list[Found] = []
    for name, labels, values in _SPLIT_TUPLE.findall(line):
        names, numbers = _TUPLE_SEPARATOR.split(labels), _TUPLE_SEPARATOR.split(values)
        if len(names) == len(numbers) and is_metric_key(name) and not _SHAPE_WORDS.search(
                name):
            found += [(f"{name}_{label}", to_number(number), None)
                      for label, number in zip(names, numbers, strict=True)]
    for name, first, second, one, two in _SPLIT_NAME.findall(line):
        found += [(f"{name}_{first}", to_number(one), None),
                  (f"{name}_{second}", to_number(two), None)]
    for first, second, name, one, two in (*_SPLIT_BEFORE.findall(line),
                                          *_SPLIT_SLASHED.findall(line)):
        found += [(f"{first}_{name}", to_number(one), None),
                  (f"{second}_{name}", to_number(two), None)]
    return found


def parse_assigned_tuple(line: str) -> list[Found]:
    """``test_loss, test_acc = 0.3, 0.91``: each name its value; ``Test set loss, accuracy
    (%): (2.31, 9.90)``: Test_set_loss 2.31, Test_set_accuracy 9.9."""
    assigned = _ASSIGNED_TUPLE.fullmatch(line)
    if assigned is None:
        return _name_tuple(line) if ": (" in line else []
    names, numbers = (_TUPLE_SEPARATOR.split(group) for group in assigned.groups())
    if len(names) != len(numbers):
        return []
    return [(name, to_number(number), None) for name, number in zip(names, numbers, strict=True)
            if is_metric_key(name)]


def _name_tuple(line: str) -> list[Found]:
    """Names listed, then their values as a tuple (see ``_NAME_TUPLE``)."""
    match = _NAME_TUPLE.fullmatch(message(line))
    if match is None:
        return []
    names = match.group(1).split(", ")
    values = match.group(2).replace(" ", "").split(",")
    if len(names) != len(values) or not all(_MEASURE.search(name) for name in names):
        return []
    qualifiers = names[0].split(" ")[:-1]
    keys = [names[0], *(" ".join([*qualifiers, name]) if " " not in name else name
                        for name in names[1:])]
    return [(key.replace(" ", "_"), to_number(value), None) for key, value in zip(keys, values)
            if is_metric_key(key.replace(" ", "_"))]


# A clause that starts with a measure's word and a preposition is the name whole, articles and
# numbers in it too: `Accuracy of the network on the 10000 test images: 54 %` (PyTorch's
# CIFAR-10 tutorial), `Loss on the test set: 0.3`, its qualifiers before it too (`Total loss for
# this batch: 2.31`, the "Training with PyTorch" tutorial). At the start of the line only.
_MEASURE_PHRASE = re.compile(
    # (not part of the name; nor an exclamation before it, `Solved! Average reward over ...`)
    r"\s*(?:(?:(?i:the|a|an)|DEBUG|INFO|WARNING|ERROR|[A-Za-z]{2,20}!)\ {1,4})?"
    r"((?:(?!(?i:the|a|an)\ )[A-Za-z][A-Za-z0-9]{1,19}\ ){0,3}"  # `Total loss for this batch`, `L2`
    r"(?i:accuracy|acc|loss|error|err|precision|recall|f1|score|perplexity|auc|top1|top5"
    r"|mae|mse|rmse|iou|map|cost|reward|return|regret|mean|average"
    # (scikit-learn's examples: `Coefficient of determination: 0.47`, `Area under the ROC
    # curve`, `Explained variance ratio of PC1`, `Sum of squared errors`)
    r"|coefficient|area|sum|proportion|ratio|fraction|percentage|variance"
    # (d2l's `L2 norm of w: 0.35`, `Norm of gradient`, `Std of rewards`; a size's, a setting)
    r"|norm|std|stddev|median|size|length|number|count|rate"
    # (the coefficient's symbols, `R2 on test: 0.8`, `R^2 on training data`, `R²`, `R-squared`)
    r"|r2|r\^2|r\u00b2|r-squared|bleu|wer|cer|nll|ppl|mape"
    # (a memory's, its share too: Unsloth's notebooks' `Peak reserved memory for training =
    # 1.152 GB.`, `Peak reserved memory % of max memory = 44.495 %.`)
    r"|memory(?:\ %)?)"
    r"\ (?i:of|on|for|over|in|at|across|per|with|after|under)"
    # (`+`: `... with CE + KD: 9.38%`; a space before the colon: the older CIFAR-10 tutorial's
    # `Accuracy of plane : 57 %`, padded, `'Accuracy of %5s : %2d %%'`'s `Accuracy of dog   : 45
    # %`; a symbol in parentheses, `(R^2)`; a share's `%`)
    # (or ` = `: `MSE on the test set = 0.31`)
    r"(?:\ {1,8}[\w@.\-/+%]{1,40}){1,10}(?:\ \([\w^.\-]{1,20}\))?)(?:\ {0,8}:\ +|\ =\ +)" + VALUE,
    re.ASCII,
)
# The same phrase's head before a name inside a line, after a clause's start: `epoch: 0,
# accuracy of the MNIST dataset: 0.99` (fungtion/DANN's).
_MEASURE_OF = re.compile(
    r"(?:(?<=[,;|]\ )|(?<=\t))((?:[A-Za-z]{2,20}\ ){0,2}"
    r"(?i:accuracy|acc|loss|error|err|precision|recall|f1|score|perplexity|auc|top1|top5"
    r"|mae|mse|rmse|iou|map|cost|reward|return)"
    r"\ (?i:of|on|for|over|in|across|with)\ (?:(?i:the|a|an)\ )?)\Z", re.ASCII)
# A label, then `name is value`: `Accuracy for class: plane is 37.5 %` (the same tutorial), as
# Accuracy_for_class/plane.
_IS_VALUE = re.compile(
    r"\s*([A-Za-z][\w@.\-/]*(?:\ [\w@.\-/]+){0,5}):\ +([A-Za-z][\w@.\-/]*)\ +is\ +" + VALUE,
    re.ASCII,
)


def _whole(line: str) -> list[tuple[str, str, str]] | None:
    """The pair of a line read whole (`Accuracy of the network on ...: 54 %`), else None."""
    phrase = _MEASURE_PHRASE.match(line)
    if phrase is not None:
        rest = [(f"{head}/{key}".replace(" ", "_") if head else key.replace(" ", "_"),
                 match.group(3) or "", match.group(4) or "")
                for match in _PAIR.finditer(line, phrase.end())
                for head, key in [(_label(line, match), match.group(2))]]
        return [("_".join(phrase.group(1).split()), phrase.group(2) or "",
                 phrase.group(3) or ""), *rest]
    labelled = _IS_VALUE.match(line) if " is " in line else None
    if labelled is not None and _LEADING_COUNTER.fullmatch(labelled.group(1)) is None:
        # (not after a counter, `Episode 5: reward is 12.0`: the is_value rule's)
        label, name, integer, number = labelled.groups()
        return [(f"{label}/{name}".replace(" ", "_"), integer or "", number or "")]
    event = _EVENT_LABEL.match(line)
    if event is not None:
        # the epoch's own report, `Epoch 1 results: loss 0.5, accuracy 0.8`, `Epoch 1
        # summary: val_loss 0.23, mAP: 0.33`, `Results for epoch 9: loss 0.33`: the names as
        # printed, at the epoch; a phase's, `Epoch 1 test results: loss 0.3`, named for the
        # phase (test_loss)
        after = line[event.end():]
        phase = event.group(2) or event.group(3)
        if phase is not None and phase.lower() not in PHASES:
            phase = None  # (`Epoch 4 final results:`)
        triples = [triple for clause in _SPACED_CLAUSES.split(after)
                   for triple in _clause_pairs(clause) or _spaced_triples(clause) or [
                       (_DROPPED, "", "")]]
        if triples and all(key != _DROPPED and _MEASURE.search(key) for key, _, _ in triples):
            return triples if phase is None else _qualified(triples, f"{phase}_")
        return None
    label = _PAIRS_LABEL.match(line)
    if label is not None and label.group(1) != "wandb":
        head = label.group(1).replace(" ", "_")
        after = line[label.end():]
        triples = _spaced_triples(after, head)
        if triples and all(_MEASURE.search(key[len(head) + 1 :]) for key, _, _ in triples):
            return triples
    return None


# A label, then `name value` pairs separated by spaces only: pytorch/examples' gcn, `Test set
# results: loss 0.7838 accuracy 0.8930`: Test_set_results/loss, Test_set_results/accuracy (each
# name a measure's).
_PAIRS_LABEL = re.compile(r"\s*([A-Za-z][\w ]{0,40}?[A-Za-z]):\ +"
                          # (or a percentage before its name: `Validation set: 89.0% accuracy`)
                          r"(?=[A-Za-z]|\d{1,3}(?:\.\d{1,9})?\ ?%\ [A-Za-z])", re.ASCII)
_INTEGER_TEXT = re.compile(r"[-+]?\d{1,18}")
# A counter and the word of what it reports: `Epoch 1 results`, `Epoch 3 summary`, `Step 500
# stats` (the counter is the step; the word names no measure's section).
_EVENT_WORDS = (r"(?i:results?|summary|stats|statistics|metrics|report|scores|done|end"
                r"|finished|complete|completed)")
# (the counter as `Epoch 7`, `Epoch 7/10` or `Epoch [7/10]`; or after the word, `Results for
# epoch 9`, `Validation results for epoch 9`)
_COUNTER_WORDS = r"(?i:epoch|step|iter|iteration|episode|round|trial)"
_COUNT = r"(?:\d{1,18}(?:/\d{1,18})?|\[\d{1,18}(?:/\d{1,18})?\])"
_COUNTED_EVENT = (
    rf"{_COUNTER_WORDS}\ {{1,4}}{_COUNT}\ {{1,4}}(?:([A-Za-z]{{1,12}})\ )?{_EVENT_WORDS}"
    rf"|(?:([A-Za-z]{{1,12}})\ )?{_EVENT_WORDS}\ (?i:for|of|after)\ (?:(?i:the)\ )?"
    rf"(?i:epoch)\ {{1,4}}{_COUNT}")
# A line that starts with such a report's label: `Epoch [7/10] results: loss 0.35`.
_EVENT_LABEL = re.compile(rf"\s*({_COUNTED_EVENT}):\ +(?=[A-Za-z])", re.ASCII)
_EVENT_WORD = re.compile(_EVENT_WORDS)
_AFTER_COUNTER = re.compile(rf"{_COUNTER_WORDS}\ {{1,4}}{_COUNT}\ {{1,4}}\Z", re.ASCII)


def _spaced_triples(text: str, head: str = "") -> list[tuple[str, str, str]]:
    """``loss 0.78 accuracy 0.89`` as key_value's raw pairs (key, int text, other number
    text), each key under `head` when one is given; none unless the whole text is such pairs."""
    return [(f"{head}/{key}" if head else key, text if _INTEGER_TEXT.fullmatch(text) else "",
             "" if _INTEGER_TEXT.fullmatch(text) else text)
            for key, text in _spaced_texts(text) or ()]


# After a `name value` pair: a value fused with its unit (`13.5ms`, `1.2GB`), a clock's time
# (`eta 0:00:12`); a number before a rate's unit (`1234 tok/s`).
_UNIT_VALUE = re.compile(
    rf"({NUMBER})(ns|us|µs|μs|ms|s|sec|[KMGT]i?B|[KMGTBk])|\d{{1,4}}:\d\d(?::\d\d)?(?:\.\d{{1,6}})?",
    re.ASCII)
# (the units of a step's time read with it, as Rust's and Go's durations print them: `dt 850µs`)
_TIME_READ = frozenset({"ns", "us", "µs", "μs", "ms", "s"})
# A time named with its colon among `name value` pairs, `epoch 2 time: 1.2 s loss 0.5`.
_NAMED_TIME = re.compile(r"(?<!\S)([A-Za-z_]{0,20}(?i:time)):\ {1,4}(\d{1,9}(?:\.\d{1,9})?)\ ?"
                         r"(ms|s|sec)(?![\w/])", re.ASCII)
# A clock's days before it, Python's `timedelta` printed: `eta 1 day, 2:03:04`.
_DAYS = re.compile(r"(?<!\S)\d{1,6}\ days?,\ (?=\d{1,2}:\d\d)", re.ASCII)
_RATE_UNIT = re.compile(r"[A-Za-z]{1,12}/(?:s|sec|step|it)", re.ASCII)
# A unit a space apart from its value (`%`, `GB`).
_SPACED_UNITS = frozenset({"%", "dB"})


# A running average's name, in parentheses after the value it averages: `loss 0.33 (avg 0.47)`
# and `loss: 0.33 (avg: 0.47)` are the loss (the average is the value's, not a metric `avg`).
_RUNNING = frozenset({"avg", "average", "mean", "ema", "smoothed", "running", "median"})
_OPENS_AFTER_VALUE = re.compile(r"\s{0,4}\(")


_NAN_WORDS = frozenset({"nan", "inf", "+inf", "infinity"})


# A remark in parentheses after a value, `(new best!)`, `(lowest so far)`, `(*)`, `(improved
# from 2.44)`: about the value, no pair (not a number's, `(0.45)`, nor a time's, `(12.3 s)`).
_REMARK = re.compile(r"(?<=[\d%])\ \((?![-+]?\.?\d)[^()]{1,40}\)(?=\ |$)", re.ASCII)


def _remark(match: re.Match[str]) -> str:
    """A `_REMARK` left out, unless it is a measure's own pair, `(ppl 237.78)`."""
    words = match[0][2:-1].split()
    if len(words) == 2 and _SPACED_NUMBER.fullmatch(words[1]) and names_a_measure(words[0]):
        return match[0]
    return ""


# Asides among `name value` pairs that are no pairs of them: a time taken (`took 12.3s`,
# `in 12.3 s`, `(120 ms)`, `120ms/step`; a `time 12.3s` pair is a time's, as `dt 13.5ms`), a speed (`speed 3.50it/s`), memory (`mem 3.2 GB`),
# a value's uncertainty (`0.81 ± 0.02`, `0.88 +/- 0.01`): left out, the pairs around them read.
_ASIDES = re.compile(
    r"(?<!\S)(?:(?:took|in)\ +\d{1,9}(?:\.\d{1,9})?\ ?(?:s|sec|secs|seconds|ms|min)"
    r"|\(\ ?\d{1,9}(?:\.\d{1,9})?\ ?(?:ms|s|sec)\ ?\)"
    r"|(?:(?:speed|throughput)\ +)?\d{1,9}(?:\.\d{1,9})?\ ?(?:ms|s|it|its|samples|tok|tokens"
    r"|img|imgs|ex|steps?)/(?:step|it|s|sec)"
    r"|(?:mem|memory|peak_mem|gpu_mem|max_mem|mem_used)\ +\d{1,9}(?:\.\d{1,9})?\ ?[KMGT]i?B"
    r"|(?:±|\+/-)\ ?\d{1,9}(?:\.\d{1,9})?"
    # (a change since the value before, an arrow's: `loss 0.31 ▼ -0.02`)
    r"|[▼▲↓↑]\ ?[-+]?\d{1,9}(?:\.\d{1,9})?)(?!\S)"
    r"(?!\ {1,4}[-+]?\.?\d)", re.ASCII)  # (not a rate's name and its value, `tokens/s 9876`)


# A mark after the last value, the new best's (` *`, ` <-- best`, ` ✓ saved`, ` [saved]`, ` ->
# saved checkpoint`): a sign first, no digit in it; or a note after a mark's sign, digits and
# all (` -> saved checkpoints/epoch_3.pt`, ` <-- best (epoch 7)`; one that ends in a number,
# ` * new best 0.49`, is not looked for), or in brackets that end the line (` [saved
# ckpt_10.pt]`, ` [12.3s]`).
_MARKER_TAIL = re.compile(
    r"(?<=[\d%])\ {1,4}(?:[^\d\w\s(][^\d]{0,39}|(?:[*!<>✓✔✗↓↑→←★☆]|->|=>)[^\[\]]{0,60}"
    r"|\[[^\[\]]{1,40}\])\Z")
_DIGITS_AND_PERCENT = frozenset("0123456789%")
# A percentage, then the name of what it measures (up to three words): `86.7% accuracy`.
_PERCENT_FIRST = re.compile(
    r"\s{0,8}([-+]?\d{1,3}(?:\.\d{1,9})?)\ ?%\ {1,4}([A-Za-z][\w\-]{0,30}(?:\ [A-Za-z][\w\-]{0,30})"
    r"{0,2})\s{0,8}", re.ASCII)
# A value's count out of its total in parentheses after it: `35.50% (71/200)`.
_COUNT_OF_TOTAL = re.compile(r"\(\d{1,18}/\d{1,18}\)", re.ASCII)


def _spaced_texts(text: str) -> list[tuple[str, str]] | None:
    """``loss 0.7838 accuracy 0.8930`` as (name, number text) pairs; None unless the whole
    text is such pairs (asides among them, `took 12.3s`, left out)."""
    if _ANY_NUMBER.search(text) is None:
        return None  # (no number, no value: prose)
    if "(" in text:
        text = _REMARK.sub(_remark, text)
    if text[-1:] not in _DIGITS_AND_PERCENT and (
            marker := _MARKER_TAIL.search(text, max(0, len(text) - 72))) is not None and not (
                text[-1:] == "]" and (opening := text.rfind("[")) >= 0
                and "]" not in (inside := text[opening + 1 : -1])
                and _spaced_texts(inside) is not None):
        # `val acc 0.80 *`, `<-- best`, `[saved]`: a mark, no pair (a bracket of pairs, `[val
        # acc 0.8]`, is none)
        text = text[: marker.start()]
    if ("/" in text or "(" in text or "B" in text or "took" in text or " in " in text
            or not text.isascii()) and _ASIDES.search(text) is not None:
        aside = _ASIDES.sub(" ", text)
        if any(names_a_measure(word) for word in aside.split()):  # (not `Epoch 3, Step 1,
            # took 0.5s`: prose)
            text = aside
    if " day" in text:
        text = _DAYS.sub("", text)
    if "ime: " in text or "IME: " in text:
        text = _NAMED_TIME.sub(r"\1 \2\3", text)  # `time: 1.2 s` as `time 1.2s` is read
    if "%" in text and text.lstrip()[:1].isdigit() and (
            first := _PERCENT_FIRST.fullmatch(text)) is not None:
        # a percentage before its measure's name, `f"{acc:.1%} accuracy"`: `86.7% accuracy`
        key = first.group(2).replace(" ", "_")
        return [(key, first.group(1))] if names_a_measure(key) else None
    found: list[tuple[str, str]] = []
    words: list[str] = []
    tokens = text.split()
    if tokens and tokens[-1][-1:] == "." and not _SPACED_NUMBER.fullmatch(tokens[-1]) and (
            _SPACED_NUMBER.fullmatch(tokens[-1][:-1])):
        # a sentence's full stop after the last value, C's `printf("loss %f.\n")`: `loss
        # 6.9036.` (a number that ends in its point, `5.`, keeps it)
        tokens[-1] = tokens[-1][:-1]
    skip = False
    for at, token in enumerate(tokens):
        if skip:
            skip = False
            continue
        if token[-1:] == ",":
            # a comma after a number ends its pair: micrograd's `step 0 loss 0.89, accuracy 50.0%`
            token = token[:-1] if _SPACED_NUMBER.fullmatch(token[:-1]) else token
        if _SPACED_NUMBER.fullmatch(token) and not token[:1].isalpha():
            if not words and found and at + 1 < len(tokens) and (
                    tokens[at + 1] in TIME_UNITS or _RATE_UNIT.fullmatch(tokens[at + 1])):
                skip = True  # a timing or a rate of its own, `12.3 s`, `1234 tok/s`
                continue
            if not 1 <= len(words) <= 4:
                return None
            found.append(("_".join(words), token.rstrip("%")))
            words = []
        elif (found or words) and _UNIT_VALUE.fullmatch(token):
            # a value with its unit, as `name value` pairs between bars read it: `dt 13.5ms`
            # is dt (a time's), `12.3s` alone or `mem 1.2GB`, `tokens 1.2M` no measure; first,
            # an aside passed over, `step 3 dt 0.123s loss 0.41`, `epoch 4 eta 0:00:12 loss 0.38`
            unit = _UNIT_VALUE.fullmatch(token)
            if found and unit is not None and unit.group(2) in _TIME_READ and 1 <= len(words) <= 4:
                found.append(("_".join(words), unit.group(1)))
            elif len(words) > 4:
                return None
            words = []
        elif (found and not words and token[:1] == "(" and token[-1:] == ")"
              and (_SPACED_NUMBER.fullmatch(token[1:-1]) or token[1:-1].isalpha()
                   or _COUNT_OF_TOTAL.fullmatch(token)  # (`acc 35.50% (71/200)`: its count)
                   and len(token) <= 22 or token[-2:] == "z)"
                   and _SPACED_NUMBER.fullmatch(token[1:-2]))):
            # an AverageMeter's running average after its value: `loss 0.4123 (0.4567)`; a
            # word about the value, `lr 1.5e-04 (warmup)`, `loss 2.70 (best)`; llm.c's
            # z-score of the value, `loss 4.364933 (-0.01z)`
            pass
        elif (found and not words and token[:1] == "(" and at + 1 < len(tokens)
              and tokens[at + 1].rstrip(",")[-1:] == ")" and token[1:].lower() not in _RUNNING
              and _SPACED_NUMBER.fullmatch(tokens[at + 1].rstrip(",")[:-1])
              and names_a_measure(token[1:])):
            # a measure of its own in parentheses after a value, `loss 5.47 (ppl 237.78)`,
            # the phase of the value before its own (`val loss 4.7 (ppl 110.0)`: val_ppl)
            phase = found[-1][0].split("_", 1)[0]
            found.append((f"{phase}_{token[1:]}" if phase.lower() in PHASES and phase != found[-1][0]
                          and not phased(token[1:]) else token[1:],
                          tokens[at + 1].rstrip(",")[:-1].rstrip("%")))
            skip = True
        elif (found and not words and token[:1] == "(" and token[1:].lower() in _RUNNING
              and at + 1 < len(tokens) and tokens[at + 1].rstrip(",")[-1:] == ")"
              and _SPACED_NUMBER.fullmatch(tokens[at + 1].rstrip(",")[:-1])):
            skip = True  # or named, `loss 0.3362 (avg 0.4728)`
        elif words and token[:1] == "[" and token[-1:] == "]" and _SPACED_NUMBER.fullmatch(
                token[1:-1]) and not _INTEGER_TEXT.fullmatch(token[1:-1]):
            # an array of one value printed, `print("loss", np.array([l]))`: `loss [0.6522]`
            if not 1 <= len(words) <= 4:
                return None
            found.append(("_".join(words), token[1:-1].rstrip("%")))
            words = []
        elif words and token.lower() in _NAN_WORDS:
            # a value gone bad, `loss nan acc 0.5`, `grad_norm inf lr 0.01`: the name's (no
            # `loss_nan_acc`)
            found.append(("_".join(words), token))
            words = []
        elif token in _BOOLEANS and len(words) == 1:
            words = []  # a flag's pair, no number: SciPy's basinhopping, `accepted True`
        elif found and not words and token.rstrip(",") in TIME_UNITS:
            found.pop()  # a timing, Dive into DL's `..., test acc 0.086, time 5.6 sec`
        elif found and not words and at and tokens[at - 1].rstrip(",%") == found[-1][1] and (
                token.rstrip(",") in _SPACED_UNITS):
            pass  # the value's unit, apart: `acc 81.0 %`
        elif found and not words and _RATE_UNIT.fullmatch(token.rstrip(",")) and not (
                at + 1 < len(tokens) and (_SPACED_NUMBER.fullmatch(tokens[at + 1].rstrip(","))
                                          or _UNIT_VALUE.fullmatch(tokens[at + 1].rstrip(",")))):
            found.pop()  # a speed, as a timing: `speed 3.50 it/s` (not `tok/s 539,391`'s name)
        elif _SPACED_WORD.fullmatch(token) and token.lower() not in _NOT_NAME_WORDS or (
                token[:1] == "-" and token[1:].lower() == "elbo" and not words):  # (`-ELBO 3.5`)
            words.append(token)
        else:
            return None
    return found if found and not words else None


# A phase word that starts a name qualifies the measures named after it in the same clause: PyTorch's transfer-learning tutorial prints `val Loss: 0.6812 Acc: 0.5500`, whose Acc is
# val_Acc (not the Acc of the `train` line above it). `Val.` abbreviated before a name too.
# (a training's stages too: `pretrain epoch 1: loss=1.4`, `[warmup] epoch 1 loss 0.8`, each
# its own series beside the main training's)
_STAGES = frozenset({"pretrain", "pretraining", "finetune", "finetuning", "warmup",
                     "pre-train", "pre-training", "fine-tune", "fine-tuning", "warm-up"})
_TRAIN_WORDS = frozenset({"train", "training"})
PHASES = frozenset({"train", "training", "val", "valid", "validate", "validation", "test",
                    "testing", "eval", "evaluation", "dev", "validating", "evaluating",
                    "holdout", *_STAGES})
_PHASES_CUT = frozenset({"val", "valid", "eval", "dev", "tr", "test"})
# The phases in the words of other languages' tutorials, as labels (`训练 - 损失: 0.65`,
# `验证: 损失=0.6`, `Валидация - потеря: 0.6`): lower-cased.
NATIVE_PHASES = frozenset({
    "训练", "验证", "测试", "评估", "訓練", "驗證", "測試", "学習", "検証", "テスト", "評価",
    "훈련", "학습", "검증", "테스트", "평가", "обучение", "валидация", "проверка", "тест",
    "тестирование", "entrenamiento", "validación", "prueba", "treino", "treinamento",
    "validação", "teste", "entraînement", "validierung", "eğitim", "doğrulama"})
_PHASE_DOT = re.compile(r"(?:^|\s)([A-Za-z]{3,10})\.\s*$", re.ASCII)
# Other abbreviations before a name, kept in it: `Avg. PSNR: 20.1 dB` is Avg_PSNR, arch's
# `Neg. LLF: 6822.88` Neg_LLF.
_ABBREVIATED = frozenset({"avg", "ave", "tot", "cum", "neg", "func", "std", "rel", "abs",
                          "adj", "approx", "est"})  # (statsmodels' `Adj. R-squared: 0.396`;
# PyG's GraphSAGE examples' `Approx. Train: 0.3491`, the running train accuracy)
# Within its clause only: a separator between the names ends the phase's reach.
_SEPARATOR = re.compile(r"[,;|\t\[\](){}]| - ")
_BARS = re.compile(r"\|{1,2}")
# A line that starts with its phase in brackets: `[train] step: 25, loss: 2.40`, or in
# parentheses after a dash, attention-is-all-you-need-pytorch's `  - (Validation) ppl:  14.3,
# accuracy: 42.6 %`.
_PHASE_LABEL = re.compile(
    r"\s{0,8}(?:\[([A-Za-z]{3,10}|(?u:[^\W\d_]{2,13}))\]|(?:-\ {1,4})?\(([A-Za-z]{3,10})\))"
    # (`[训练] 损失: 1.0`: a phase in another language; Chinese's with no space, `[训练]Epoch 1`)
    rf"(?:\s{{1,8}}|(?<=[^\x00-\x7f]\]))(?=[A-Za-z]|{LETTERS})",
    re.ASCII)
# A line that starts with its phase and that phase's counter: `Validation Epoch 3 loss: 0.4`,
# `Test epoch 2: loss=0.3`, `Eval epoch 2: loss 0.3 acc 0.9`, `Eval step 500: loss 0.4`, Flax
# sst2's `eval  epoch 001 loss 2.3 accuracy 8.20` (padded to its `train`'s width), its nlp_seq's
# `eval in step: 3, loss: 2.3064, accuracy: 0.082`, PFRL's
# `evaluation episode 0 length:9 R:9.0`, `Validation at step 1600: loss=1.27`, `Evaluating at
# epoch 3 | loss 0.6`, `Validation (step 1800): loss=1.2`; or with the counter, then its phase as a label: `Epoch
# 1 val: loss=0.4`, `step 500 eval: loss 0.43`.
# The counter is the line's step and the phase names every measure of the line
# (Validation_loss). An episode is also what its measures are of, as reinforcement-learning
# libraries name them (episode length, episode return): its word stays in the name,
# evaluation_episode_length. (An evaluation's `step 3/50` is its place in the evaluation, not
# the run's step.)
_PHASE_COUNTER = re.compile(
    # (in brackets whole, `[Validation at step 700] loss=2.41`; after a verb, `Running
    # validation at step 700... loss=2.41`; a word after it, `Evaluation results at step 700:`;
    # the last or the first, `Final eval at step 400: loss 0.3`, at its step on the phase's curve)
    r"\s{0,8}(?:(?P<bracket>\[?)(?:(?:running|starting|doing|performing)\ )?(?:(?:final|initial)\ )?"
    r"(?P<phase>[A-Za-z]{3,11}(?:-[A-Za-z]{2,8})?)(?P<extra>\ (?:results|metrics|model|stats|summary))?"
    r"(?:\ (?:in|at|after|on|@))?\ {1,4}(?P<opened>\(?)"
    r"(?P<counter>episode|epoch|step|iter|iteration)"
    r":?\ {1,4}(?P<step>\d{1,18})(?:/\d{1,18})?(?P<closed>\)?)(?P<shut>\]?)"
    # (`Test Episode 1 | Reward: 104`, `Validation at step 700 - loss: 2.41`, `...`)
    r"(?::\ +|,?[\ \t]+|\ {0,4}\|\ {1,4}|\ -\ +|(?:\.{3}|\u2026)\ *)"
    r"|(?P<counter_first>episode|epoch|step|iter|iteration)\ (?P<step_first>\d{1,18})"
    r"(?:/\d{1,18})?,?\ (?P<phase_after>[A-Za-z]{3,10}):\ +)"
    r"(?=[A-Za-z])",
    re.ASCII | re.IGNORECASE)


# An epoch or an episode after a phase's label, `[Valid] Epoch 1 Loss: 0.45`.
_LABELLED_COUNTER = re.compile(r"(epoch|episode)\ {1,4}(\d{1,18})(?:/\d{1,18})?[:,]?\ +"
                               rf"(?=[A-Za-z]|{LETTERS})", re.ASCII | re.IGNORECASE)


# The training's step after its label, `train: step 500: loss=0.3` (an evaluation's `step 3`
# is its place in the evaluation).
_TRAINING_STEP = re.compile(r"(step|iter|iteration)\ {1,4}(\d{1,18})[:,]?\ +(?=[A-Za-z])",
                            re.ASCII | re.IGNORECASE)


# A label of up to three words, one of them a phase, ending in `:`, ` -`, ` |` or an ellipsis:
# `Test results:`, `Validation -`, `test cifar10:`, `Validation | loss: 0.07`, `best valid :`, `Validating... loss=1.90`; a qualifier in parentheses may follow, kept in the label as
# a name keeps its own (`Validation (restored best weights):`, Keras' EarlyStopping).
_PHASE_LABEL_WORDS = re.compile(
    r"\s{0,8}((?:[A-Za-z][A-Za-z0-9]{1,19}\ ){0,2}[A-Za-z][A-Za-z0-9]{1,19}"
    r"|(?u:[^\W\d_]{2,20}))"  # (or a word in another script, `训练 - 损失: 0.65`)
    r"(\ \((?:[\w.\-]{1,20}\ ){0,3}[\w.\-]{1,20}\))?"
    r"\ {0,8}(?::|\ ->?|\ \|(?=\ )|(?:\.{3}|\u2026)(?=\ ))", re.ASCII)


def phase_label(text: str) -> tuple[str, str] | None:
    """The label naming a phase that starts `text`, its words joined with _, and the text
    after it (`Test results: loss=0.27`: Test_results, `loss=0.27`), else None."""
    match = _PHASE_LABEL_WORDS.match(text)
    if match is None or not (PHASES.intersection(match.group(1).lower().split()) or (
            match.group(1).lower() in NATIVE_PHASES)) or (
            match.group(0)[-1:] in ".\u2026" and " " in match.group(1)):
        return None  # (an ellipsis after one word only: `Evaluating model... done.` is prose)
    if match.group(0)[-1:] == "|" and match.group(1).lower() in TRAINING:
        return None  # (the training's own before a bar, orbit's `train | step: 100 | ...`)
    return (match.group(1) + (match.group(2) or "")).replace(" ", "_"), text[match.end():]


_NUMBERED_NAME = re.compile(r"\d{1,4}_[A-Za-z]")
_PLACE = re.compile(r"\[\ {0,8}\d{1,18}/\d{1,18}\]\ {1,8}", re.ASCII)


# A label that says the metrics after it are the current or the best ones, before `:` or
# `,`: PaddleOCR's `cur metric, acc: 0.91, norm_edit_dis: 0.81` and `best metric, ...` after
# each evaluation, `Best metrics: acc=0.9` (not the current acc's series).
_METRICS_LABEL = re.compile(r"\s{0,8}((?i:cur|current|best|final)\ (?i:metrics?))\ {0,8}[:,]",
                            re.ASCII)


def _phase_section(text: str) -> tuple[str, str] | None:
    """A phase's label before the pairs of a message (`Test results: loss=0.27, acc=0.91`,
    `Validation - loss: 0.28`, `cur metric, acc: 0.91`): the section of every pair after it
    (Test_results/loss), as a label is of the `name: value` right after it; else None."""
    label = phase_label(text)
    if label is None:
        metrics_label = _METRICS_LABEL.match(text)
        if metrics_label is None:
            return None
        label = metrics_label.group(1).replace(" ", "_"), text[metrics_label.end():]
    name, rest = label
    after = rest.lstrip(" ")
    # (its batch's place, the Kaggle baselines' `EVAL: [19/20] Elapsed 0m 10s ... Loss: 0.52`)
    place = _PLACE.match(after)
    if place is not None:
        after = after[place.end():]
    # (a name may start with a number: neuraloperator's `Eval: 16_h1=0.2069`)
    return (name, after) if after != rest and (after[:1].isascii() or (
        name.lower() in NATIVE_PHASES)) and (
        after[:1].isalpha() and _BAD_VALUE.match(after) is None
        or _NUMBERED_NAME.match(after) is not None) else None


# A value gone bad after a label is the label's value (`val loss: nan`), no name of a section.
_BAD_VALUE = re.compile(r"(?i:nan|inf(?:inity)?)(?![\w.\-/])", re.ASCII)


TRAINING = frozenset({"train", "training", *_STAGES})
# The evaluations a training runs between its steps: after such a label, `valid: iter 4 loss
# 0.85` (llama.cpp's shape, after `train: iter 4 loss 0.9`), the counter may be the training's
# or the place in the evaluation (`Val: step 3: loss=0.36` at step 900), so the measures are
# at the training's step; a test's `test: iter 5 loss 0.3` is the place in a test, not read.
_BETWEEN_STEPS = frozenset({"val", "valid", "validation", "eval", "evaluation", "dev"})
_LABELLED_PHASES = TRAINING | _BETWEEN_STEPS
_BAR_OR_TAB = re.compile(r"(\||\t)")
# A phase's label inside a line, before the names of its measures: ` Val: loss=0.45`, ` val:
# loss 0.35`, ` Val -> loss: 0.45`, ` [val] loss=0.45`, ` (val) loss=0.45` (a name, then `=`, `: `
# or a space and a number, not `val: n/a`, `val: inf`; `第1轮 [验证] 损失: 0.94` too).
_MID_PHASE = re.compile(
    r"(?<=\s)(?:[\[(](?=[A-Za-z]{2,10}[\])]|(?u:[^\W\d_]{2,12})[\])]))?"
    r"((?i:train|training|val|valid|validation|test|testing|eval|evaluation|dev)"
    rf"|(?iu:{'|'.join(sorted(NATIVE_PHASES))}))(?::|\ ->|[\])])(?:\ +|(?<=[^\x00-\x7f][\])]))"
    rf"(?=(?:[A-Za-z]|{LETTERS})(?u:[\w.\-/]){{0,40}}(?:=|:?\ +)[-+]?\.?\d)", re.ASCII)


def _sections(text: str, prefix: str = "", joint: str = "/") -> list[tuple[str, str, str]]:
    """The pairs of `text`, each phase's label inside it (`Train: loss=0.5 acc=0.8 Val:
    loss=0.45`) naming those after it up to the next label, bar or tab (`Train/loss`,
    `Val/loss`, joined with `joint`); those before the first label named with `prefix` up to
    a bar or tab."""
    parts = _MID_PHASE.split(text)
    pairs: list[tuple[str, str, str]] = []
    for phase, clause in zip(["", *parts[1::2]], parts[0::2]):
        label = f"{phase}{joint}" if phase else prefix
        inside, _, after = (*_BAR_OR_TAB.split(clause, maxsplit=1), "", "")[:3]
        # (`val: loss 0.35 acc 0.88`: `name value` pairs)
        read = _clause_pairs(inside) or _spaced_triples(inside)
        pairs += _qualified(read, label) if label else read
        pairs += _clause_pairs(after)
    return pairs


def _phase_counter(text: str) -> tuple[str, str, str, str] | None:
    """The phase, counter, step and the rest of a message led by a phase's counter
    (`Validation Epoch 3 loss: 0.4`: Validation, Epoch, 3, `loss: 0.4`), else None."""
    match = _PHASE_COUNTER.match(text)
    if match is None:
        return None
    phase, counter, step = match.group("phase", "counter", "step")
    if phase is None:
        phase, counter, step = match.group("phase_after", "counter_first", "step_first")
    elif bool(match.group("opened")) != bool(match.group("closed")) or bool(
            match.group("bracket")) != bool(match.group("shut")):
        return None  # (`(step 5: loss=0.4`: an unclosed parenthesis is no counter's)
    if phase.lower() not in PHASES or (
            "/" in match.group(0) and counter.lower() in ("step", "iter", "iteration")):
        return None  # (an evaluation's `step 3/50` is its place in the evaluation)
    if "|" in match.group(0) and match.group("extra"):
        return None  # (GPT-NeoX's `validation results at iteration 10 | lm_loss value: 8.9`,
        # as Megatron's `validation loss at iteration 10 | lm loss value:`, names its own)
    if "|" in match.group(0) and phase.lower() in _TRAIN_WORDS:
        # (a clause of its own: `Train Epoch: 1 | Batch Status: 0/1280 (0%) | Loss: 2.32` is
        # the training's Loss; `Test Episode 1 | Reward: 104.0`, the test's; `Pretrain
        # Epoch 5 | loss 1.7`, the pre-training's)
        return None
    return phase, counter, step, text[match.end():]


def phased(key: str) -> bool:
    """Whether a key starts with a phase word (`val_acc`, `train loss`, `Train/Loss`)."""
    first = re.split(r"[_\s/.\-]", key, maxsplit=1)[0]
    return first.lower() in PHASES


def _first_clause(line: str) -> int:
    """Where the message's second clause may start: after its first separator, or after a
    counter that starts it (`Iteration 100: Error = 0.12`); past the line's end if neither."""
    text = message(line)
    start = len(line) - len(text)
    separator = _CLAUSES.search(line, start)
    counter = _COUNTER.match(text)
    ends = [found.end() for found in (separator,) if found is not None]
    if counter is not None:
        ends.append(start + counter.end())
    return min(ends, default=len(line) + 1)


def _not_a_pair(line: str, match: re.Match[str], key: str, integer: bool,
                first_clause: Callable[[], int]) -> bool:
    """Whether a `_PAIR` match is no pair: a log level (`error: 2 files failed`, `... - error: 3
    retries`; a bare `error` is a measure with a fraction after another clause of the message),
    or a value ended at a colon that is not a step's after `=` (`epoch=0: train_ppl=...` is
    one; not `idx=12: too long`, nor Python's warnings, `sys:1: ResourceWarning`)."""
    if integer and "." in key and line[match.start(2) - 1 : match.start(2)] == "{" and (
            line.startswith("}", match.end())):
        return True  # a source location, pytorch-tabular's `{pytorch_tabular.tabular_model:145}`
    if key in _LOG_LEVEL:
        # (a counter's clause before it is one too: `Iteration 100: Error = 0.12`; and a line
        # of only it and a fraction, `Error: 0.25`)
        alone = not line[: match.start()].strip() and not line[match.end() :].strip()
        return integer or first_clause() > match.start() and not alone
    if not line.startswith(":", match.end()):
        return False
    return key.lower() not in STEP_NAMES or "=" not in line[match.end(2) : match.start(
        3 if integer else 4)]


_COUNT_OF_IN = re.compile(
    r"(?<![A-Za-z])(?i:number of|unique|distinct)(?: [A-Za-z]{1,30}){1,2} (?:in|for|of|per) \Z")
# (a step's own name, `Global step: 300 of 1000`, `Current Epoch: 3 of 10`, is the step; not a
# phase's or a part's, `Validation Step: 3 of 50`, `Warmup Step: 50 of 500`)
_STEP_OF_TOTAL = re.compile(r"(?i:(?:global|current|train|training|outer)[ _])?(?i:"
                            + "|".join(STEP_NAMES) + ")", re.ASCII)
_OF_TOTAL = re.compile(r"\ of\ \d{1,18}(?![\d.])", re.ASCII)
_COUNTER_AFTER_WORD = re.compile(r"\ (?:for|of|per|in)\ \Z")
_CLAUSE_TAIL = re.compile(r"([A-Za-z][\w\-]{0,30}(?:\ [A-Za-z][\w\-]{0,30}){0,3})\ (for|of|per|in)\ \Z",
                          re.ASCII)
_UNITS_OF_WORK = frozenset({"epoch", "step", "iteration", "batch", "iter"})
_CLOCK_BEFORE = re.compile(r"\d\d:\d\d(?::\d\d)?\ \Z")


# (its first character looked at first: a line is searched at every position)
_ANY_NUMBER = re.compile(r"(?=[0-9nNiI])(?:\d|(?i:nan|inf))", re.ASCII)
_GENERATION_OF = re.compile(r"\.\.\.(\d{1,18})\ gen\ from\ \d{1,18}(?=\.\.\.)", re.ASCII)
# A setting echoed as a comment, alone on its line: Chainer's examples' `# unit: 1000`,
# `# Minibatch-size: 100`, `# epoch: 4` (the epochs to run, not the one running); a whole
# number (`# loss: 0.5` is a measure).
_COMMENT_SETTING = re.compile(
    r"\#\ [A-Za-z][\w\-]{0,30}(?:\ [A-Za-z][\w\-]{0,30}){0,2}:\ *[-+]?\d{1,18}\s*", re.ASCII)
# What every pair holds: its separator, then the start of its value.
_SEPARATED_VALUE = re.compile(r"[:=]\s*[-+]?(?:\d|\.\d|(?i:nan|inf))", re.ASCII)


# (Not Keras' `val_loss improved from 0.69 to 0.61, saving model`: its epoch's line has it.)
_IMPROVED = re.compile(r"(?<![^\s:])([A-Za-z][\w\-/.]{0,60})\ improved\ to\ " + VALUE, re.ASCII)


# A label naming settings that starts a message: `Config: {...}`, `args: lr=0.001 bs=64`,
# `Hyperparameters: lr=0.001, weight_decay=0.0005`.
_SETTINGS_LABEL = re.compile(r"\s{0,8}([A-Za-z][\w\ ]{0,30}?)\ {0,4}:\ ", re.ASCII)


def settings_label(text: str) -> str | None:
    """The label naming settings that starts `text` (`Config: ...`), else None."""
    match = _SETTINGS_LABEL.match(text)
    if match is None or SETTINGS_DICT.search(match.group(1).replace(" ", "_")) is None:
        return None
    return match.group(1)


# A parameter's marginal drawn over its prior's range, UltraNest's `a:     -10.0|  *****  |
# +10.0`: the range's bounds, no value of the parameter's.
_RANGE_PLOT = re.compile(
    rf"\s{{0,8}}[A-Za-z_][\w.\[\]\-]{{0,40}}:\ +(?:{NUMBER})\|[^|]{{1,200}}\|\ +(?:{NUMBER})",
    re.ASCII)


# The latest line's pairs: the rules ask for them of one line twice or more (name_value, to
# leave a line to key_value; key_value itself).
_LATEST_PAIRS: list[tuple[str, tuple[tuple[str, str, str], ...]]] = [("", ())]


# A condition that starts a line, the setting a result holds for (JAX's DP-SGD example: `For
# delta=1e-05, the current epsilon is: 0.74`): no metric.
_CONDITION = re.compile(r"[Ff]or\ ([A-Za-z_]\w{0,30})\ ?=\ ?[^\s,]{1,30},\ ", re.ASCII)


def key_value_pairs(line: str) -> list[tuple[str, str, str]]:
    """The raw pairs of a key_value line, (key, int text, other number text), keys named but
    unchecked; none for download progress, nor for the splits' sizes (`Train: 45000 | Val:
    5000 | Test: 10000`: every pair a split's name and a whole number)."""
    latest = _LATEST_PAIRS[0]
    if latest[0] == line:
        return list(latest[1])
    if line[:1] == "+" and _TRACED.match(line) or line[:1].isupper() and (
            (env := _ENV_LINE.fullmatch(line.rstrip())) is not None
            and not names_a_measure(env.group(1))):
        return []
    # (a self-documenting f-string's value, `print(f"{step=} {loss.item()=:.4f}")`: `step=100
    # loss.item()=0.5000` is loss; the call no part of the name)
    pairs = _key_value_pairs(line.replace(".item()=", "=") if ".item()=" in line else line)
    if pairs and line[:4] in ("For ", "for ") and (condition := _CONDITION.match(line)) and (
            pairs[0][0] == condition.group(1) and condition.group(1).lower() not in STEP_NAMES):
        pairs = pairs[1:]  # `For delta=1e-05, the current epsilon is: 0.74`: what it holds for
    if pairs and all(integer and key.lower() in SPLIT_NAMES for key, integer, _ in pairs):
        pairs = []
    elif any(key.lower() == "batch" and integer for key, integer, _ in pairs) and any(
            key.lower() in ("epoch", "ep") and integer for key, integer, _ in pairs):
        # `Epoch: 1 Batch: 100 Loss: 0.5`: the batch's number in its epoch is the step
        pairs = [("step" if key.lower() == "batch" else key, integer, number)
                 for key, integer, number in pairs]
    elif len(pairs) > 1 and all(key.lower() in PHASES for key, _, _ in pairs) and len(
            measures := _MEASURE_THEN_PHASES.findall(line)) == 1 and names_a_measure(measures[0]):
        # `Loss - Train: 1.85, Val: 1.90`: the measure named once, then its phases' values
        pairs = [(f"{measures[0]}_{key}", integer, number) for key, integer, number in pairs]
    elif any(key.lower() in PHASES for key, _, _ in pairs[1:]):
        pairs = _measure_by_phase(pairs)
    elif pairs and (phase := _counted_phase(pairs[0][0])):
        pairs = [pairs[0], *((key if phased(key) or key.lower() in STEP_NAMES or key == _DROPPED
                              else f"{phase}_{key}", integer, number)
                             for key, integer, number in pairs[1:])]
    if len(pairs) > 1 and any("_" in key for key, _, _ in pairs[:-1]):
        pairs = _phase_named(pairs)
    if pairs and "fter " in line and (done := _EVALUATED_AFTER.match(message(line))) is not None and (
            not any(key.lower() in STEP_NAMES for key, _, _ in pairs)):
        # an evaluation said to come after the steps so far, `--> Evaluation after 762 steps:
        # mean_reward=187.00`: at them
        pairs = [("step", done.group(1), ""), *pairs]
    if pairs and line[-1:].isdigit() and (", " in line or " | " in line or " at " in line or (
            " for " in line) or " after " in line):
        trailing = _TRAILING_COUNTER.search(line)
        if trailing is not None and not (trailing.group(2) and _BEST.search(line)) and (
                trailing.group(1) != " " or trailing.group(2)) and not any(
                key.lower() in STEP_NAMES for key, _, _ in pairs):
            # (not when a best was reached, `Epoch 30 | best acc: 0.8474 at epoch 2`)
            # the counter after the pairs, apart by a comma or a bar, `loss: 1.5000, step
            # 100` (no pair of its own), or in words, `loss=0.3 at iter 200`
            pairs = [*pairs, (trailing.group(3).lower(), trailing.group(4), "")]
    if pairs and ("GPU = " in line or "Num GPUs" in line) and "emory" in line:
        # a GPU's memory on the line that names it, the machine's size (Unsloth's banner,
        # `Tesla T4. Num GPUs = 1. Max memory: 14.741 GB.`, its notebooks' `GPU = Tesla T4.
        # Max memory = 14.741 GB.`)
        pairs = [(_DROPPED if _DEVICE_MEMORY.fullmatch(key) else key, integer, number)
                 for key, integer, number in pairs]
    if pairs and any(integer and _a_count(key, line) for key, integer, _ in pairs):
        # counts of examples beside the measures, `correct=189 total=200`: no metrics
        pairs = [(_DROPPED if integer and _a_count(key, line) else key, integer, number)
                 for key, integer, number in pairs]
    if pairs and "=" in line and _settings_line(line, pairs):
        # whole numbers named as settings beside a setting's name, no measure and no counter:
        # settings printed before a training, `LoRA r=16, alpha=32, dropout=0.05` (a count
        # beside them stays, `gamma=0.99 frames=10000 kills=3`)
        pairs = [(_DROPPED if integer and _a_setting(key) else key, integer, number)
                 for key, integer, number in pairs]
    if pairs and "=" in line and _settings_alone(line, pairs):
        # settings alone, a learning rate among them: `Starting training with lr=0.001,
        # batch_size=32, epochs=5` puts no first point on an lr curve
        pairs = []
    if pairs and ("ptim" in line or "cheduler" in line or "odel" in line) and _named_setup(
            line, pairs):
        pairs = []
    if pairs and "ize" in line:
        # a step size in whole steps is a scheduler's setting, StepLR's `step_size: 30`; a
        # sampler's or a line search's is a fraction, `step_size = 0.5`
        pairs = [(_DROPPED if integer and key[-9:].lower() == "step_size" else key, integer, number)
                 for key, integer, number in pairs]
    if pairs and line.lstrip()[:3] in _FRAMES and line.rstrip()[-3:] in _FRAMES and _banner(
            line, pairs):
        pairs = []  # a banner of the settings a training runs with, `=== Training with lr=0.1 ===`
    label = model_label(line, [key for key, _, _ in pairs]) if pairs else None
    if label is not None:  # a model's scores, `logreg: acc=0.951 f1=0.9`: logreg/acc, logreg/f1
        pairs = [(_model_key(label, key), integer, number) for key, integer, number in pairs]
    _LATEST_PAIRS[0] = (line, tuple(pairs))
    return pairs


_DEVICE_MEMORY = re.compile(r"(?i:(?:max|total|gpu)_memory)")
# A label of up to two words (an arrow before it) and the steps so far, before the pairs.
_EVALUATED_AFTER = re.compile(
    r"\s{0,8}(?:(?:[=\-]{1,8}>|>{1,3})\ {1,4})?(?:[A-Za-z]{2,20}\ ){0,2}(?i:after)\ (\d{1,18})"
    r"\ (?i:steps|timesteps|env\ steps|iterations|iters|updates)[:,]\ {1,4}(?=[A-Za-z])", re.ASCII)


def _settings_line(line: str, pairs: list[tuple[str, str, str]]) -> bool:
    """Whether a line's `name=value` pairs are settings: one names a setting (not a learning
    rate, a curve followed), none a measure, and no counter of a training is on the line."""
    return any(key.lower() in HYPERPARAMETERS and key.lower() not in RATES and len(key) > 1
               for key, _, _ in pairs) and not any(
        names_a_measure(key) or key.lower() in STEP_NAMES for key, _, _ in pairs) and (
        _TRAINING_COUNTER.search(line) is None)


# A whole run's settings (not a step's counts, `tokens=1048576`, nor a scheduler's state).
_RUN_SETTINGS = frozenset({
    "batch_size", "bs", "epochs", "num_epochs", "n_epochs", "max_epochs", "num_train_epochs",
    "seed", "warmup_steps", "max_steps", "total_steps", "train_batch_size", "eval_batch_size",
    "per_device_train_batch_size", "gradient_accumulation_steps", "accumulation_steps"})


def _settings_alone(line: str, pairs: list[tuple[str, str, str]]) -> bool:
    """Whether a line's `name=value` pairs are a training's settings with its learning rate
    among them: a rate, and beside it only settings (`batch_size`, `epochs`, `momentum`: no
    metric's names, or hyperparameters'), one of them the whole run's (`batch_size`,
    `epochs`, not an optimizer's, whose settings may be printed each epoch, `lr=0.01 |
    momentum=0.9`), no measure, and no counter of a training."""
    keys = [key.lower() for key, _, _ in pairs if key != _DROPPED]
    return any(key in RATES for key in keys) and any(key in _RUN_SETTINGS for key in keys) and all(
        key in RATES or key in HYPERPARAMETERS or not is_metric_key(key) for key in keys) and (
        _TRAINING_COUNTER.search(line) is None)


def _a_setting(key: str) -> bool:
    """Whether a whole number's name is a setting's: a hyperparameter's (`alpha`, `depth`), or
    a rank's (LoRA's `r`, printed `LoRA r=16`: `LoRA_r`), or a size's (`shift_size`)."""
    name = key.lower()
    last = name.rpartition("_")[2]
    # (a letter alone names no setting: `a=1 b=2 c=3` are a program's values, not SVM's C)
    return len(name) > 1 and (name in HYPERPARAMETERS or last in HYPERPARAMETERS
                              or last in ("r", "rank", "size"))


# A setting named by a word printed once before a training, `optimizer: AdamW`, `scheduler=cosine`.
_NAMED_SETTING = re.compile(
    r"(?<![\w.])(?i:optimi[sz]er|optim|scheduler|lr_scheduler|model)\ {0,4}[:=]\ {0,4}['\"]?"
    r"[A-Za-z][\w.\-]{0,60}['\"]?(?:,|\ |$)", re.ASCII)


def _named_setup(line: str, pairs: list[tuple[str, str, str]]) -> bool:
    """Whether a line is the settings a training starts with: an optimizer, scheduler or model
    named by a word beside hyperparameters only (`optimizer: AdamW, weight_decay: 0.01, lr:
    0.0002`: no first point of the lr curve), and no counter of a training."""
    return all(key == _DROPPED or key.lower() in HYPERPARAMETERS for key, _, _ in pairs) and (
        _NAMED_SETTING.search(line) is not None and _TRAINING_COUNTER.search(line) is None)


# A line framed by runs of decoration on both sides, `=== ... ===`, `##### ... #####`.
_FRAMES = frozenset({"===", "---", "***", "###"})
# A training's own counter and its number (not a count of them, `epochs=3`): `epoch 3`,
# `global_step=500`, `train_step=200`, `batch 200`.
_TRAINING_COUNTER = re.compile(
    r"(?<![A-Za-z])(?i:(?:[a-z]+_)?(?:epoch|step|iter|iteration|batch))(?!\w)\W{0,3}\d", re.ASCII)
# A heading's word for the training a banner's settings are those of (`=== Training with
# lr=0.1 ===`, `*** Experiment: ... ***`, `=== Fold 2 / lr=0.01 ===`)
_BANNER_WORDS = re.compile(r"(?i)\b(?:training|train|run|experiment|exp|config|configuration|"
                           r"trial|fold|model|with|settings?|hparams|hyperparameters|sweep|job)\b")


def _banner(line: str, pairs: list[tuple[str, str, str]]) -> bool:
    """Whether a framed line's pairs are the settings a training runs with (`--- run lr=0.01
    epochs=3 ---`, `========== Fold 2 / lr=0.01 ==========`, `##### lr=0.1, wd=1e-4 #####`):
    no measure named, a setting named with a heading's word, or two settings, and no step's
    counter (`=== Epoch 3: lr=0.001 ===` is the epoch's rate, `=== LR reduced: lr=0.0001 ===`
    a scheduler's)."""
    keys = [key for key, _, _ in pairs if key != _DROPPED]
    if any(names_a_rate_or_measure(key) for key in keys):
        return False
    settings = [key for key in keys if not is_metric_key(key) or (
        name := key.lower().rpartition("/")[2]) in HYPERPARAMETERS or name == "bs" or any(
        name.endswith(f"_{setting}") for setting in HYPERPARAMETERS)]
    return bool(settings) and (len(settings) > 1 or _BANNER_WORDS.search(line) is not None) \
        and _TRAINING_COUNTER.search(line) is None


_PHASE_START = re.compile(r"[_ ]")


def _phase_named(pairs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A phase that starts a measure's name names the bare measures after it, up to the next
    phase, on a line of two phases or more: `Train Loss: 0.58, Acc: 0.78, Val Loss: 0.59, Acc: 0.79` is Train_Acc and Val_Acc,
    `valid HR@10 = 0.51, NDCG@10 = 0.30` valid_NDCG@10 (one-word names only: `best_val_acc`
    and `best_reward` stay)."""
    phases = {_PHASE_START.split(key, 1)[0].lower() for key, _, _ in pairs}
    if len(phases & PHASES) < 2:
        return pairs  # (one phase: `Test Loss: 2.25, Acc: 0.34` may be as printed, a test's Acc)
    phase, named = "", []
    for key, integer, number in pairs:
        first = _PHASE_START.split(key, 1)[0]
        if first != key and first.lower() in PHASES:
            # (a whole number is a count or a counter: not `Train Epoch: 1`'s, `Val steps: 3`'s)
            phase = "" if integer else first
        elif phase and _PHASE_START.search(key) is None and "/" not in key and names_a_measure(
                key):
            key = f"{phase}_{key}"
        named.append((key, integer, number))
    return named


# A counter after a line's measures, their step: `loss 1.43 acc 0.52 step 1`, `loss: 1.5,
# step 100`, `loss=0.5 | epoch 3` (not in parentheses: `loss 0.5 (step 100)` says where a value
# was reached as often); in words too, `loss 0.30 at step 200`, `val_loss=0.4 at step 100`,
# `val_loss 0.4 for epoch 3`. The separator before it, its word in words, then the counter's
# word and its number.
_TRAILING_COUNTER = re.compile(
    r"(,\ |\ \|\ |\ )(?:@\ |(at\ |for\ |after\ ))?(step|iter|iteration|epoch|global_step)"
    r"\ {1,4}(\d{1,18})$", re.ASCII | re.IGNORECASE)


_MEASURE_THEN_PHASES = re.compile(
    rf"(?:^|[|,;]\ |\t)\s{{0,8}}([A-Za-z][\w\-]{{0,30}})\ -\ (?i:{'|'.join(sorted(PHASES))}):\ ",
    re.ASCII)


def _measure_by_phase(pairs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A phase's name alone after a measure's and its phase's, litgpt's `loss train: 2.30,
    val: 2.24`: the same measure's (loss_val), not a metric called `val`."""
    out = []
    measure = ""
    for key, integer, number in pairs:
        words = key.rsplit("_", 1)
        if key.lower() in PHASES and measure:
            key = f"{measure}_{key}"
        elif len(words) == 2 and words[1].lower() in PHASES and names_a_measure(words[0]):
            measure = words[0]
        else:
            measure = ""
        out.append((key, integer, number))
    return out


# A phase's counter that starts a line, CleanRL's `eval_episode=0, episodic_return=[400.]`:
# the measures after it are the phase's (eval_episodic_return), not the training's.
_PHASE_COUNTER_KEY = re.compile(
    r"((?i:eval|val|valid|validation|test))_(?i:episode|epoch|step|iter|iteration)")


def _counted_phase(key: str) -> str:
    """The phase of a phase's counter's key (`eval_episode`: eval), else ''."""
    match = _PHASE_COUNTER_KEY.fullmatch(key)
    return "" if match is None else match.group(1)


# An error's message, as Node and R print an uncaught one: `Error: diverged: loss=NaN` (Node's
# `Uncaught Error: ...`), R's `Error in optim(c(0, 0), f, control = list(trace = 1,  :`, and the
# stack under Node's, `    at train (/tmp/train.js:3:9)`; not a measure named Error, `Error:
# 0.25`; C++'s `  what():  diverged: loss=nan` under `terminate called after throwing ...`.
# (Python's, `ValueError: ...`, is the noise rule's.)
_ERROR_MESSAGE = re.compile(
    r"(?:Uncaught\ (?:[A-Z][A-Za-z]{0,40})?)?Error:\ +(?!(?i:nan|inf))(?=[A-Za-z])"
    r"|\ {0,4}what\(\):\ "
    r"|Error\ in\ (?:[^\s(]{1,80}\(|.{1,300}?\ :(?:\ |$))"
    r"|\s{2,12}at\ .{0,400}:\d{1,9}:\d{1,9}\)?\s*$", re.ASCII)


# A line of JavaScript, as Node echoes the one that threw above its caret in a crash report
# (`if (mode === 'custom') { const err = new Error('loss exploded'); err.step = 4; ... }`): a
# statement's end, and a declaration, a strict comparison, a `throw`, a function, a
# constructor's call, or a condition that starts a statement.
_SOURCE_WORDS = ("const ", "let ", "var ", "throw ", "function", "=== ", "!== ", "new ", "if (")
_JS_SOURCE = re.compile(
    r"(?:^|[\s;{(])(?:(?:const|let|var)\ [A-Za-z_$][\w$]{0,60}\ ?=(?!=)|throw\ "
    r"|(?:async\ )?function[\s(*]|new\ [A-Z][\w$]{0,60}\()|\ [!=]==\ "
    r"|(?:^|[;{}])\ {0,8}if\ \(", re.ASCII)


def error_message(text: str) -> bool:
    """Whether a message is an error's, its numbers none of a measure (`_ERROR_MESSAGE`), or the
    line of code a crash report shows (`_JS_SOURCE`)."""
    if (text[:1] in "EU" or text[:2] == "  " and ("at " in text[:16] or "what():" in text[:12])) and (
            _ERROR_MESSAGE.match(text) is not None):
        return True
    return text.rstrip()[-1:] in (";", "{", "}") and any(
        word in text for word in _SOURCE_WORDS) and _JS_SOURCE.search(text) is not None


# A counter's name with a number sign before its colon, dlib's trainer: `step#: 1    learning
# rate: 0.05  average loss: 6.9036`.
_NUMBER_SIGN_COUNTER = re.compile(r"\s{0,8}((?i:step|epoch|iter|iteration))\#(?=:)", re.ASCII)


def _key_value_pairs(line: str) -> list[tuple[str, str, str]]:
    if _ANY_NUMBER.search(line) is None:
        return []  # prose, the most common line: no number, no pair (and no regex over it)
    if "%" in line and _TRANSFER.search(line):
        return []
    if line[:2] == "# " and _COMMENT_SETTING.fullmatch(line):
        return []
    if line[:2] == '{"' and JSON_LOG_RECORD.search(line) is not None:
        return []  # (a JSON log record: the json rule reads its message, and its step)
    text = message(line)
    if error_message(text):
        return []
    if "node" in text[:40] and _GRAPH_STATISTIC.match(text) is not None:
        return []
    relabelled = labelled_counter(text) if _COUNTER_GATE.search(text, 0, 80) else None
    if relabelled is not None:
        prefix, text, stepped, count = relabelled
        pairs = [(name, integer, number) for key, integer, number in key_value_pairs(text)
                 if (name := _relabelled(key, prefix, stepped)) is not None]
        if not pairs or not stepped or any(key.lower() in STEP_NAMES for key, _, _ in pairs):
            return pairs
        # (the counter read by the epoch's header rule, `Stage1: epoch 5 loss=2.25`)
        return [("step" if stepped in STEP_NAMES else stepped, str(count), ""), *pairs]
    if text[-1:].isdigit() and "|" in text and _RANGE_PLOT.fullmatch(text):
        return []
    if "#:" in text[:16] and (numbered := _NUMBER_SIGN_COUNTER.match(text)) is not None:
        text = numbered.group(1) + text[numbered.end():]  # dlib's `step#: 1`: the step
    if "/" in text:
        text = _PHASE_PAIRS.sub(_two_pairs, text)
        if "): " in text:
            text = _PHASES_NAMED.sub(_phases_named, text)
        if ":" in text or "=" in text:
            text = _LISTED_NAMES.sub(_listed_pairs, text)
    if (comma := text.find(", ")) >= 0 and (
            text.find(":", comma) > 0 or text.find("=", comma) > 0):
        text = _COMMA_NAMES.sub(_comma_pairs, text)  # (names listed, then their `:` or `=`)
    if "->" in text:
        text = _CHANGED.sub(r"\1", text)  # `loss: 0.3123 -> 0.2987`: the value now
    if text[:1].isdigit() and "epoch" in text[:12]:
        reported = _ESPNET_EPOCH.match(text)
        if reported is not None:
            # ESPnet's reporter: `1epoch:train:101-200batch: loss=119.0, ...` (the batches done
            # in the epoch, made global by the parser) and `1epoch results: [train] loss=124.0,
            # ... [valid] loss=109.0, ...` (the epoch's)
            epoch, phase, done = reported.groups()
            rest = text[reported.end():]
            if done is None:
                return [("epoch", epoch, ""), *_sections(" " + rest, "", "/")]
            pairs = _clause_pairs(rest)
            if phase.lower() not in TRAINING:
                pairs = _qualified(pairs, f"{phase}/")
            return [("epoch", epoch, ""), ("step", done, ""), *pairs]
    if text[:1] == "[":
        counted = _BRACKETED_COUNT.match(text)
        if counted is not None and _MEASURE_PHRASE.match(text, counted.end()) is not None:
            # `[1] Accuracy of the network on the 200 test samples: 35 %`: the phrase whole,
            # as without the epoch's count before it (the line's step)
            whole = _whole(text[counted.end():])
            if whole is not None:
                return whole
        batch = _EPOCH_BATCH.match(text)
        if batch is not None and names_a_measure(batch.group(3)):
            # the PyTorch CIFAR-10 tutorial's `[1,  2000] loss: 2.188`: the epoch, then the
            # batch in it, the step (made global across epochs)
            return [("epoch", batch.group(1), ""), ("step", batch.group(2), ""),
                    *_clause_pairs(text[batch.end():])]
    labelled = _LABELLED_CALL.match(text) if text.rstrip()[-1:] == ")" else None
    if labelled is not None:  # (after a label: `Scheduler: OneCycleLR(max_lr=0.01, ...)`)
        text = text[labelled.end():]
    if text[:1] == "`" and _CALL_REPR.match(text, 1):
        # a call quoted in a sentence, Lightning's `` `Trainer(limit_val_batches=1)` was
        # configured so 1 batch will be used.``: the call is read as a repr, the rest as ever
        quoted = text.find("`", 1)
        if quoted > 0 and text[quoted - 1] == ")":
            return _call_repr(text[1:quoted]) + _clause_pairs(text[quoted + 1 :])
    if text[:1].isupper() and text.rstrip()[-1:] == ")" and _CALL_REPR.match(text):
        return _call_repr(text)
    if text[:1].isalpha() and settings_label(text) is not None:
        # `args: lr=0.001 wd=0.0005 bs=64`: the program's settings, unless a measure is
        # among them (`Best params: lr=0.01 | Best accuracy: 0.93`: the line is a result's)
        pairs = _clause_pairs(text)
        return pairs if any(names_a_measure(key) for key, _, _ in pairs) else []
    generation = _GENERATION_OF.search(text) if " gen from " in text else None
    if generation is not None:
        # geneticalgorithm2's progress, `GA is running...2 gen from 300...best value = 4.09`
        return [("generation", generation.group(1), ""), *_clause_pairs(text[generation.end():])]
    if text[:1] in _CLASS_FIRST or text[:1] == " " and text.lstrip(" ")[:1] in _CLASS_FIRST:
        # (indented under the epoch's line too, `  class 0: precision=0.58`)
        labelled = _CLASS_LABEL.match(text, len(text) - len(text.lstrip(" ")))
        if labelled is not None:
            # one class's scores, `class 0: precision=0.58 recall=0.42`, `[class 0] ...`,
            # `Class cat - Precision: 0.58`: each under the class (class_0/precision), so
            # that the classes' series never mix
            pairs = _clause_pairs(text[labelled.end():])
            if labelled.group(1).lower() == "chain" or any(
                    names_a_measure(key) for key, _, _ in pairs):  # (a chain's: all of them)
                named = f"{labelled.group(1)}_{labelled.group(2)}/"
                return [(key if key.lower() in STEP_NAMES else named + key
                         if is_metric_key(key) else _DROPPED, integer, number)
                        for key, integer, number in pairs]
    lead = _phase_counter(text)
    if lead is not None:
        phase, counter, step, rest = lead
        named = f"{phase}_{counter}" if counter.lower() == "episode" else phase
        if _MID_PHASE.search(rest) is not None:
            # `Epoch 1 Train: loss=0.5 acc=0.8 Val: loss=0.45 acc=0.82`: each phase its own
            return [(counter.lower(), step, ""), *_sections(rest, f"{named}_", "_")]
        # (`Eval epoch 2: loss 0.3 acc 0.9`, `Valid epoch 3: loss 0.5 | acc 0.9`)
        pairs = _clause_pairs(rest) or _spaced_triples(rest) or [
            triple for clause in _SPACED_CLAUSES.split(rest) for triple in _spaced_triples(clause)]
        if named.lower() in TRAINING and text[: len(text) - len(rest)].rstrip(" ")[-1:] == "\t":
            # `Train Epoch: 1 \tLoss: 2.27` (Opacus' mnist): the training's epoch, then its
            # measures in a clause of their own, as with the position, pytorch/examples' `Train
            # Epoch: 1 [0/60000 (0%)]\tLoss: 2.30`; an evaluation's are qualified, so that they
            # never mix with the training's
            return [(counter.lower(), step, ""), *pairs]
        return [(counter.lower(), step, ""), *_qualified(pairs, f"{named}_")]
    if " improved " in text:
        improved = _IMPROVED.search(text)
        if improved is not None and names_a_measure(improved.group(1)):
            # the new best, Sockeye's `Validation-perplexity improved to 31.948343 (delta=...)`
            return [(improved.group(1), improved.group(2) or "", improved.group(3) or ""),
                    *_clause_pairs(text[improved.end():])]
    if text[:1].isalpha() or text[:1] == " ":
        whole = _whole(text)  # (after a log prefix too: Swin's `(main.py 164): INFO Accuracy of`)
        if whole is not None:
            return whole
    label = _PHASE_LABEL.match(text)
    if label is not None and ((label.group(1) or label.group(2)).lower() in PHASES or (
            label.group(1) or "").lower() in NATIVE_PHASES):
        # `[train] step: 25, loss: 2.40, accuracy: 9.01` (Flax's NNX tutorial; after a log
        # prefix, nanoT5's `[...][Main][INFO] - [train] Step 100 out of 65536 | Loss --> 5.1`):
        # every measure of the line is the phase's; its step is not
        phase = label.group(1) or label.group(2)
        rest = text[label.end():]
        counted = _LABELLED_COUNTER.match(rest)
        if counted is not None:  # `[Train] Epoch 1 Loss: 0.5 Acc: 0.8`: the epoch is the step
            return [(counted.group(1).lower(), counted.group(2), ""),
                    *_qualified(key_value_pairs(rest[counted.end():]), f"{phase}_")]
        return _qualified(key_value_pairs(rest), f"{phase}_")
    section = _phase_section(text)
    if section is not None:
        # each clause between bars may name its own phase: `Train: loss=0.5 | Val: loss=0.6`
        pairs = []
        phase = section[0]
        for clause in _BARS.split(text):
            inner = _phase_section(clause)
            if inner is not None:
                phase, clause = inner
                header = None if pairs else _EPOCH_HEADER.match(clause)
                counted = None if pairs or header else _LABELLED_COUNTER.match(clause) or (
                    _TRAINING_STEP.match(clause) if phase.lower() in TRAINING else None)
                if header is not None:  # `Train: epoch 5 loss=0.3`: the epoch is the step
                    pairs.append(("epoch", header.group("epoch"), ""))
                    clause = clause[header.end():]
                elif counted is not None:  # `train: step 500: loss=0.3`
                    pairs.append((counted.group(1).lower(), counted.group(2), ""))
                    clause = clause[counted.end():]
            if _MID_PHASE.search(clause) is not None:
                # (another phase's label inside the clause, `train: loss=0.5  val: loss=0.45`)
                pairs += _sections(clause, f"{phase}/")
                continue
            pairs += _qualified(_clause_pairs(clause), f"{phase}/")
        return pairs
    if (": " in text or "] " in text or ") " in text) and _MID_PHASE.search(text) is not None:
        # `Epoch: 1 Train: loss=0.500 acc=0.800 Val: loss=0.450 acc=0.820`, `Epoch 1/4 [train]
        # loss=1.00 acc=0.65 [val] loss=1.05 acc=0.63`
        return _sections(text)
    pairs = _clause_pairs(text)
    if len(pairs) == 1 and pairs[0][1] and pairs[0][0].lower() in STEP_NAMES:
        leading = _COUNTER_THEN_SPACED.match(text)
        spaced = _spaced_triples(text[leading.end():]) if leading is not None else []
        if spaced and all(names_a_measure(key) for key, _, _ in spaced):
            return [pairs[0], *spaced]  # `Epoch: 3 loss 0.41 acc 0.9`: measures after it
    return pairs


# Two phases' values under one name, each in the order of the phases: Haiku's mnist example,
# `Train / Test accuracy: 0.911 / 0.900`, `Train/Val Loss: 0.50 / 0.61`, `loss (train/val):
# 0.5084/0.6076`: read as `Train accuracy: 0.911, Test accuracy: 0.900`.
_PHASE_WORDS = "|".join(sorted(PHASES, key=len, reverse=True))
_PHASE_PAIRS = re.compile(
    rf"(?<![\w/])(?:((?i:{_PHASE_WORDS}))\ ?/\ ?((?i:{_PHASE_WORDS}))\ ([A-Za-z][\w\-]{{0,30}}"
    rf"(?:\ [A-Za-z][\w\-]{{0,30}}){{0,3}})"
    rf"|([A-Za-z][\w\-]{{0,30}})\ ?\(((?i:{_PHASE_WORDS}))/((?i:{_PHASE_WORDS}))\))"
    rf":\ {{0,4}}({NUMBER})%?\ ?/\ ?({NUMBER})(?=%?(?:[\s,;|.]|$))", re.ASCII)


# Names listed with slashes, then as many values: `Precision/Recall/F1: 0.8123 0.7912 0.8016`,
# `P/R/F1 = 0.81/0.79/0.80`: read as `Precision: 0.8123, Recall: 0.7912, F1: 0.8016`.
_LISTED_NAMES = re.compile(
    r"(?<![\w/])((?:[A-Za-z][\w\-]{0,30}/){1,7}[A-Za-z][\w\-]{0,30})\ ?[:=]\ {0,4}"
    rf"((?:{NUMBER})(?:(?:\ {{1,4}}|\ ?/\ ?)(?:{NUMBER})){{1,7}})(?=[\s,;|]|$)", re.ASCII)
_LISTED_VALUES = re.compile(r"\ ?/\ ?|\ +")
# A phase's word just before the names names each of them (`val P/R/F1: ...`: val_P, val_R).
_LISTED_PHASE = re.compile(rf"(?<![\w/])((?i:{_PHASE_WORDS}))\ $", re.ASCII)
# A rate's units, `images/sec: 1234 1290`: one name, not a list.
_RATE_UNITS = frozenset({"s", "sec", "second", "step", "steps", "it", "iter", "batch", "gpu",
                         "epoch", "day", "hour", "min", "ms", "token", "tokens", "sample",
                         "samples", "image", "images", "img", "example", "examples"})
# A value changed, `0.3123 -> 0.2987`: the value after the arrow.
_CHANGED = re.compile(rf"(?<![\w.])(?:{NUMBER})\ ?->\ ?({NUMBER})(?![\w.])", re.ASCII)


def _listed_pairs(match: re.Match[str]) -> str:
    names = match.group(1).split("/")
    values = _LISTED_VALUES.split(match.group(2))
    if len(names) != len(values) or any(name.lower() in _RATE_UNITS for name in names[1:]):
        return match.group(0)
    phase = _LISTED_PHASE.search(match.string, max(0, match.start() - 24), match.start())
    prefix = "" if phase is None else f"{phase.group(1)} "
    return ", ".join(f"{prefix if i else ''}{name}: {value}"
                     for i, (name, value) in enumerate(zip(names, values, strict=True)))


# Names listed with commas, then as many values: the Keras guide's `test loss, test acc: [0.19,
# 0.98]`, `RMSE, MAE = 1.8889, 1.4046`, `loss, acc: 0.1952 0.98`: each name its own value, the
# first name's qualifiers naming the one-word names after it (`Test RMSE, MAE`: Test_MAE). Where
# the counts differ, no name is given a value (the last name would take the first's).
_COMMA_NAMES = re.compile(
    rf"(?<![^\s|;:])((?:{_NAME_WORDS},\ ){{1,7}}{_NAME_WORDS})\ ?[:=]\ {{0,4}}"
    rf"(\[\ ?(?:{NUMBER})(?:,\ ?(?:{NUMBER})){{1,7}}\ ?\]|\(\ ?(?:{NUMBER})(?:,\ ?(?:{NUMBER})){{1,7}}\ ?\)"
    rf"|(?:{NUMBER})(?:(?:,\ ?|\ {{1,4}})(?:{NUMBER})){{1,7}})(?=[\s,;|]|$)", re.ASCII)
_COMMA_VALUES = re.compile(r",\ ?|\ +")


def _comma_pairs(match: re.Match[str]) -> str:
    names = match.group(1).split(", ")
    if not all(names_a_measure(name) for name in names):
        return match.group(0)  # (`Input shape, size: (800, 1333)`: sizes)
    values = _COMMA_VALUES.split(match.group(2).strip("[]() "))
    if len(names) != len(values):
        return ""
    qualifiers = names[0].split(" ")[:-1]
    keys = [names[0], *(" ".join([*qualifiers, name]) if " " not in name else name
                        for name in names[1:])]
    return ", ".join(f"{key}: {value}" for key, value in zip(keys, values, strict=True))


# One name, its phases in parentheses, a value for each: `acc (train/val/test): 0.90 0.85 0.84`,
# read as `loss (train/val): 0.5/0.6` is (train_acc, val_acc, test_acc).
_PHASES_NAMED = re.compile(
    rf"(?<![\w/])([A-Za-z][\w\-]{{0,30}})\ ?\(((?:(?i:{_PHASE_WORDS})/){{1,3}}(?i:{_PHASE_WORDS}))\):"
    rf"\ {{0,4}}((?:{NUMBER})(?:(?:\ {{1,4}}|\ ?/\ ?)(?:{NUMBER})){{1,3}})(?=[\s,;|]|$)", re.ASCII)


def _phases_named(match: re.Match[str]) -> str:
    phases = match.group(2).split("/")
    values = _LISTED_VALUES.split(match.group(3))
    if len(phases) != len(values):
        return ""
    return ", ".join(f"{phase} {match.group(1)}: {value}"
                     for phase, value in zip(phases, values, strict=True))


def _two_pairs(match: re.Match[str]) -> str:
    first, second, name, named, first_after, second_after, one, two = match.groups()
    if name is None:
        first, second, name = first_after, second_after, named
    return f"{first} {name}: {one}, {second} {name}: {two}"


# An optimizer's settings, as `print(optimizer)` and its constructor name them.
# A model's hyperparameters: trees' and boosting's, scikit-learn's, a transformer's shape (a
# dict of them is settings; an optimizer's alone, `{'lr': 0.001, 'momentum': 0.9}`, may be
# printed as they change).
MODEL_HYPERPARAMETERS = frozenset({
    "max_depth", "num_leaves", "n_estimators", "min_child_weight", "subsample", "colsample_bytree",
    "colsample_bylevel", "feature_fraction", "bagging_fraction", "bagging_freq", "eta",
    "min_samples_split", "min_samples_leaf", "max_features", "max_leaf_nodes", "min_data_in_leaf",
    "reg_alpha", "reg_lambda", "lambda_l1", "lambda_l2", "l2_leaf_reg", "scale_pos_weight",
    "max_bin", "c", "gamma", "kernel", "degree", "penalty", "solver", "l1_ratio", "tol",
    "n_neighbors", "criterion", "activation", "hidden_layer_sizes", "learning_rate_init",
    "d_model", "n_heads", "num_heads", "n_head", "n_layer", "n_layers", "num_layers", "n_embd",
    "d_ff", "top_k", "top_p",
    # (CatBoost's: `print("best:", grid.best_params_)` of `{'depth': 4, 'learning_rate': 0.1}`)
    "depth", "iterations", "border_count", "random_strength", "bagging_temperature"})
HYPERPARAMETERS = MODEL_HYPERPARAMETERS | {
    "lr", "learning_rate", "initial_lr", "max_lr", "min_lr", "momentum", "weight_decay", "wd",
    "dropout", "eps", "epsilon", "betas", "beta1", "beta2", "nesterov", "amsgrad", "dampening",
    "lr_decay", "rho", "alpha", "foreach", "maximize", "capturable", "differentiable", "fused",
    "pct_start", "warmup_ratio", "label_smoothing", "max_norm", "grad_clip", "gradient_clip_val"}


def _call_repr(text: str) -> list[tuple[str, str, str]]:
    """An object's repr: of settings only, `SGD(lr=0.01, momentum=0.9)`, mealpy's
    `BaseGA(epoch=15, pop_size=30, pc=0.9)`, none (`TrainOutput(global_step=30,
    training_loss=0.52)`, `Result(acc1=76.1)` are results: a measure named, or a class of
    results)."""
    pairs = _clause_pairs(text)
    results = _RESULTS_CLASS.match(text) is not None
    return pairs if any(is_metric_key(key) and key.lower() not in HYPERPARAMETERS and (
        results or names_a_measure(key)) for key, _, _ in pairs) else []


_SPACED_CLAUSES = re.compile(r"\s*[|;,]\s*")
_CALL_REPR = re.compile(r"[A-Z]\w{0,80}\((?=[A-Za-z_]\w{0,80}=)", re.ASCII)
_RESULTS_CLASS = re.compile(r"\w{0,60}(?:Result|Output|Metric|Eval|Score|Stat|Summary|Report)",
                            re.ASCII)
# (or a word, an assignment or an indent before it: `Running BaseGA(...)`, `model = GA(...)`)
_LABELLED_CALL = re.compile(
    r"(?:\s{0,8}[A-Za-z][\w\ .]{0,30}(?::\ {1,4}|\ ?=\ {0,4})|\s{0,8}[A-Za-z]\w{0,30}\ {1,4}|\s{1,8})"
    r"(?=[A-Z]\w{0,80}\([A-Za-z_]\w{0,80}=)", re.ASCII)
_BRACKETED_COUNT = re.compile(r"\[\ {0,8}\d{1,18}\]\ {1,4}(?=[A-Za-z])", re.ASCII)
_EPOCH_BATCH = re.compile(r"\[(\d{1,4}),\ {1,8}(\d{1,12})\]\ +(?=([A-Za-z][\w\-]{0,40}))",
                          re.ASCII)
_COUNTER_THEN_SPACED = re.compile(r"\s*[A-Za-z_]{2,12}:\ {0,4}\d{1,18}(?:/\d{1,18})?,?\ +(?=[A-Za-z])",
                                  re.ASCII)


# A class's label before its scores: `class 0:`, `[class 0]`, `Class cat -`, `class=cat`,
# `Class 0 (airplane):`.
_CLASS_FIRST = frozenset("[cC")
# A sampler's chain by its number, `Chain 0: acceptance fraction = 0.719`, as a class (each
# chain runs beside the others: no step): `Chain_0/acceptance_fraction`.
_CLASS_LABEL = re.compile(
    r"\[?\ {0,4}(class|Class|CLASS|(?:chain|Chain|CHAIN)(?=[\ _=]\d))[\ _=]([A-Za-z0-9][\w\-]{0,30})\ {0,4}\]?"
    r"(?:\ \([A-Za-z][\w\-\ ]{0,30}\))?"  # its name after its number: `Class 0 (airplane):`
    r"\ {0,4}(?::|\ -|(?=\ ))"
    r"\ {1,8}(?=[A-Za-z])", re.ASCII)


def _qualified(pairs: list[tuple[str, str, str]], prefix: str) -> list[tuple[str, str, str]]:
    """Pairs named for the phase (`prefix`) that qualifies their line, but for steps, names
    that already say their phase, and settings (`num_batches`), which stay out."""
    return [(key if key.lower() in STEP_NAMES or phased(key) or key == _DROPPED
             else prefix + key if is_metric_key(key) else _DROPPED, integer, number)
            for key, integer, number in pairs]


# Two more bare numbers after a pair's value, spaces between: the value is a vector's first
# (`final weights: 0.096 0.250 0.607 bias 0.065`); one more is no vector (`acc: 0.91 0.02`).
_VECTOR_TAIL = re.compile(
    r"(?:\ {1,8}[-+]?(?:\d{1,18}(?:\.\d{0,18})?|\.\d{1,18})(?:[eE][-+]?\d{1,4})?(?=[\s,;|]|$)){2}",
    re.ASCII)
# One more bare number: a measure's value and its spread (`acc: 0.91 0.02`), or a count after
# it (conlleval's `FB1:  66.67  2`), but two fractions after a name that names no measure are
# its vector, `weights: 0.734 2.090`, `coef: 0.1 0.2`.
_PAIR_TAIL = re.compile(
    r"\ {1,8}[-+]?(?:\d{1,18}\.\d{0,18}|\.\d{1,18})(?:[eE][-+]?\d{1,4})?(?=[\s,;|]|$)", re.ASCII)


def _clause_pairs(line: str) -> list[tuple[str, str, str]]:
    """The pairs of a line, each named as printed in its clause (a phase word that starts a
    name naming the measures after it in the clause)."""
    if _SEPARATED_VALUE.search(line) is None:
        return []  # no `:` or `=` before a number: prose, read without trying each name
    pairs: list[tuple[str, str, str]] = []
    phase = ""
    end = 0
    found: list[int] = []  # the message's first clause, looked for once a line

    def first_clause() -> int:
        if not found:
            found.append(_first_clause(line))
        return found[0]

    label = ""  # a variant's label names the pairs after it in its clause too (`_label`)
    bested = False  # the line's pairs are the best epoch's (`best_val_loss`)
    best: tuple[int, bool] | None = None  # where `best` is said first, and of settings
    for match in _PAIR.finditer(line):
        head, key, integer, number = match.groups()
        if head is not None:
            head = _label(line, match)
            if head is not None and key.lower() in STEP_NAMES and "=" in line[
                    match.end(2) : match.end(2) + 3]:
                head = None  # (a counter names no variant's: `DQN: epoch=1 step=100`)
            if head is None:  # (no label: the pair as if read without it, `trainer: loss=0.5`)
                unlabelled = _PAIR.match(line, match.start(2))
                if unlabelled is not None and unlabelled.end() == match.end():
                    match = unlabelled
            label = head or ""
        elif label and (pairs and pairs[-1][0].startswith(label.replace(" ", "_") + "/")) and not (
                _BARS.search(line, end, match.start()) or " - " in line[end : match.start()]) and (
                _variant(label) or ";" in line[end : match.start()] or all(
                    key.startswith(label.replace(" ", "_") + "/") for key, _, _ in pairs)
                and _MODEL_LABEL.fullmatch(line, 0, len(label) + 1) is not None):
            # (`rouge1: precision=0.86 recall=0.67`: rouge1's recall; conlleval's `LOC:
            # precision: 100.00%; recall: 100.00%`, LOC's, after `;`; not `Step 5: lr: 0.001,
            # GPU: mem: 1.2, loss: 0.5`'s loss)
            head = label
        whole = False  # whether the name is already its clause's whole phrase
        if pairs and key.lower() in _RUNNING and _OPENS_AFTER_VALUE.fullmatch(
                line, end, match.start()):
            # the running average of the value before, `loss: 0.3362 (avg: 0.4728)`
            pairs.append((_DROPPED, integer, number))
            end = match.end()
            continue
        if pairs and key.lower() == "best" and pairs[-1][0] != _DROPPED and (
                _OPENS_AFTER_VALUE.fullmatch(line, end, match.start())):
            # the best value so far of the one before, `val_loss=0.4532 (best: 0.4402)`
            pairs.append((f"{key}_{pairs[-1][0]}", integer, number))
            end = match.end()
            continue
        if line[match.end() : match.end() + 1] == " " and "/" not in key and (_VECTOR_TAIL.match(
                line, match.end()) or number and _PAIR_TAIL.match(line, match.end()) and not (
                    names_a_measure(key) or _OPTIMIZED.search(key)) and key.lower().replace(
                    " ", "_") not in RATES):
            # a vector's first number, `final weights: 0.096 0.250 0.607`: no value of a name
            # (names listed, `Precision/Recall: 0.8 0.7 0.6`, are the listing's)
            pairs.append((_DROPPED, integer, number))
            end = match.end()
            continue
        if not head and _not_a_pair(line, match, key, integer is not None, first_clause):
            pairs.append((_DROPPED, integer, number))
            end = match.end()
            continue
        if key.lower().rsplit(" ", 1)[-1] in _UNITS_OF_WORK and _COUNTER_AFTER_WORD.search(
                line, max(0, match.start() - 5), match.start()):
            # what the value is taken over: its name is the clause whole when a measure's
            # word comes before, `average loss for this epoch: 0.31`; else it is no measure,
            # the time `for current epoch: 2.55` (TensorFlow's CVAE tutorial)
            clause = _CLAUSE_TAIL.search(line, end, match.start())
            if clause is None or _MEASURE.search(clause.group(1)) is None:
                pairs.append((_DROPPED, integer, number))
                end = match.end()
                continue
            key = f"{clause.group(1)} {clause.group(2)} {key}"
            whole = True
        if integer is not None and line.startswith(" of ", match.end()) and _OF_TOTAL.match(
                line, match.end()) and not _STEP_OF_TOTAL.fullmatch(key):
            # a position in a total, `Trial: 5 of 20`, AutoTS's `Model Number: 22 of 22`
            pairs.append((_DROPPED, integer, number))
            end = match.end()
            continue
        if line[max(0, match.start() - 10) : match.start()].lower() == "number of " and (
                key[:7].lower() != "diverge") or (  # (a sampler's divergences: its own)
                line[max(0, match.start() - 4) : match.start()] == "No. ") or (
                _COUNT_OF_IN.search(line, max(0, match.start() - 50), match.start())):
            # a count, `Number of actions:  4`, `Number of batches in raw_train_ds: 50`
            pairs.append((_DROPPED, integer, number))
            end = match.end()
            continue
        if head in ("AM", "PM") and _CLOCK_BEFORE.search(
                line, max(0, match.start() - 9), match.start()):
            head = None  # a time of day, CVXPY's `Dec 02 02:00:21 PM: Optimal value: 26.31`
        if head and _EVENT_WORD.fullmatch(head) and _AFTER_COUNTER.search(
                line, max(0, match.start() - 40), match.start()):
            head = None  # `Epoch 1 summary: val_loss: 0.23`: the epoch's, no section
        if head:
            pairs.append((f"{head}/{key}".replace(" ", "_"), integer, number))
            end = match.end()
            continue
        first = key.split(" ", 1)[0]
        if first.lower() in PHASES and line[match.start() - 2 : match.start()] == ". " and (
                before := _PHASE_DOT.search(line, end, match.start())) is not None and (
                before.group(1).lower() in _ABBREVIATED):
            key = f"{before.group(1)} {key}"  # PyG's `Approx. Train: 0.35`: not Train's
        elif first.lower() in PHASES:
            # (a phase names a short name: not prose, `training because you reached`, nor the
            # count of its steps, Poutyne's `Val steps: 3 0.09s loss: 1.44`)
            phase = first if 0 < key.count(" ") <= 2 and not key.lower().endswith(
                " steps") else phase
        else:
            before = _PHASE_DOT.search(line, end, match.start())
            if before is not None and before.group(1).lower() in _PHASES_CUT:
                # `Val. Loss: 0.68` (bentrevett's seq2seq tutorials); not a sentence's end,
                # `Finished Training. Final loss: 0.12`
                phase = before.group(1)
                key = f"{phase} {key}"
            elif before is not None and before.group(1).lower() in _ABBREVIATED:
                key = f"{before.group(1)} {key}"  # `Avg. Loss: 0.05` (super_resolution)
            elif phase and _SEPARATOR.search(line, end, match.start()) is not None:
                # a separator ends the phase's clause: open_clip's `Train Epoch: 0 [8/64
                # (12%)] Data (t): 0.010 ... Contrastive_loss: 2.1798` names no phase's loss
                phase = ""
            elif phase and " " not in key and _MEASURE.search(key) and not phased(key):
                key = f"{phase} {key}"  # `val Loss: 0.68 Acc: 0.55`: Acc is val's too
        if not whole and " " in line[max(end, match.start() - 4) : match.start()]:
            phrase = _MEASURE_OF.search(line, max(end, match.start() - 60), match.start())
            if phrase is not None:  # DANN's `epoch: 0, accuracy of the MNIST dataset: 0.99`
                key = phrase.group(1) + key
        if integer is not None and _OTHER_SCRIPT.search(key.rsplit(" ", 1)[-1]) and (
                "%" not in line[match.start(3) : match.end()]):  # (`测试准确率: 98%` is one)
            # a whole number under a name in another script is a count or a setting as
            # often as not (`批大小: 64`): no metric (`训练 reward: 200` is one)
            pairs.append((_DROPPED, integer, number))
            end = match.end()
            continue
        if not whole and " " in key and "_" in key:
            key = _code_name(key)
        if key.lower() in _NO_SUBJECT or key.lower() == "best" and not any(
                k != _DROPPED for k, _, _ in pairs) and line[
                    max(0, match.start() - 2) : match.start()].rstrip()[-1:] == "(":
            # a value of no measure it names, compared with another (`val_loss did not improve
            # (best: 0.45, current: 0.47)`, `New best model! val_acc: 0.80 (previous: 0.78)`;
            # a bare `best` only in parentheses: CP-SAT's `#1 0.1s best:1 next:[...]` is its own)
            pairs.append((_DROPPED, integer, number))
            end = match.end()
            continue
        if best is None:  # (looked for once a line: `(position, settings)`)
            word = _BEST_WORD.search(line) if "est" in line else None
            best = (len(line), False) if word is None else (
                word.start(), _BEST_SETTINGS.search(line) is not None or _best_so_far(
                    line, word.start()))
        if best[0] < match.start() and not best[1] and "best" not in key.lower() and (
                key.lower() not in STEP_NAMES) and (bested or not any(
                k != _DROPPED and "best" not in k.lower() and k.lower() not in STEP_NAMES
                for k, _, _ in pairs)):
            # the best epoch's values, said again after the curve (`Early stopping at epoch
            # 7. Best epoch: 4 (val_loss=0.45)`, `Loading best model from ... (val_loss=0.45)`):
            # best_val_loss, never a new point of val_loss's curve
            key = f"best {key}"
            bested = True
        pairs.append((key.replace(" ", "_"), integer, number))
        end = match.end()
    return pairs


# The best epoch's or model's words before a line's pairs (`Best epoch: 4 (val_loss=0.45)`,
# `Loading best model from ...`, `Saving best checkpoint at epoch 5 with val_acc=0.80`), not
# a best value's own name (`best: 0.85`, `Best validation loss: 0.38`, `best loss 0.3`).
_BEST_WORD = re.compile(r"(?<![\w'])(?i:best)\ (?i:model|checkpoint|ckpt|weights|epoch|iteration"
                        r"|iter|step|result|results|run)(?![\w'])")


def _best_so_far(line: str, at: int) -> bool:
    """Whether the best epoch a line names at `at` is the best so far beside the current
    epoch's values (`Epoch: 10, Best Epoch: 7, Val Loss: 0.31`, `Epoch 10 - best epoch: 7 -
    val_loss: ...`): a pair or a counter comes before it, and no word says the training ended
    (`Early stopping at epoch 7. Best epoch: 4 (val_loss=0.45)`)."""
    before = line[:at]
    first = _PAIR.search(line, 0, at + 1)
    if first is None and _COUNTER_BEFORE_BEST.search(before) is None:
        return False
    return _ENDED_BEFORE_BEST.search(before) is None


_COUNTER_BEFORE_BEST = re.compile(r"(?i:epoch|step|iter|iteration)\W{0,3}\d", re.ASCII)
_ENDED_BEFORE_BEST = re.compile(r"(?i:stop|finish|ended|complete|done|restor|load|sav)",
                                re.ASCII)
# The best trial's settings, `Best hyperparameters: lr=0.01`: settings, not the best epoch's.
_BEST_SETTINGS = re.compile(r"(?i:best)[\ _](?i:params|parameters|hyperparameters|hparams"
                            r"|hyper-parameters|config|configuration|settings|trial)")
# Names of no measure after a message's words, a value compared with another.
_NO_SUBJECT = frozenset({"current", "previous", "prev"})


# A name as code spells it (`val_loss`) after words that tell what happened (`checkpoint saved
# val_loss=0.42`, `Early stopping triggered val_loss: 0.46`): those are the message's, not its
# name, and so are the words before them; the words after them qualify it (`new best
# val_loss=0.4` is best_val_loss). Words that name whose value it is stay (`teacher val_acc`,
# `Validation set avg_loss`).
_CODE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+", re.ASCII)
_HAPPENED_WORDS = frozenset({
    "saved", "saving", "checkpoint", "checkpointed", "triggered", "improved", "reached",
    "decreased", "increased", "updated", "stopping", "stopped", "restored", "restoring",
    "loaded", "loading", "found", "achieved", "new", "got", "exported", "wrote", "written",
    "finished", "done", "complete", "completed", "exceeded", "reducing", "reduced", "ended",
    "started", "starting", "logged", "logging", "reported"})


def _code_name(key: str) -> str:
    """`key`'s words after the last that tells what happened, where its last word is a name as
    code spells it (`checkpoint saved val_loss`: val_loss)."""
    words = key.split(" ")
    if _CODE_NAME.fullmatch(words[-1]) is None:
        return key
    for start in range(len(words) - 1, 0, -1):
        if words[start - 1].lower() in _HAPPENED_WORDS:
            return " ".join(words[start:])
    return key


def line_shape(line: str) -> re.Pattern[str] | None:
    """A regex for lines exactly like `line` but for their key_value values: one group per
    pair, the value's text, in order (None for a line read whole). Output repeats such lines
    thousands of times; one match of this reads a line faster than finding its pairs again,
    and in linear time."""
    if (line[:1].isalpha() or line[:1] == " ") and _whole(line) is not None:
        return None
    trailing = _TRAILING_COUNTER.search(line) if line[-1:].isdigit() else None
    if trailing is not None and (trailing.group(1) != " " or trailing.group(2)):
        return None  # (a counter after the pairs is no pair's value: read pair by pair)
    text = message(line)
    if _phase_counter(text) is not None or _phase_section(text) is not None:
        return None  # its step is no pair's value; its label names each pair
    if "/" in text and _PHASE_PAIRS.search(text) is not None:
        return None  # two phases' values under one name: read as two pairs
    parts = []
    end = 0
    for slot, match in enumerate(_PAIR.finditer(line)):
        value = match.start(3) if match.group(3) is not None else match.start(4)
        parts.append(re.escape(line[end:value]))
        parts.append(_SHAPE_VALUE.replace("SLOT", str(slot)))
        end = match.end()
    parts.append(re.escape(line[end:]))
    return re.compile("".join(parts), re.ASCII)


# The name of a dict of settings (`params={...}`, `best_params={...}`, `training_args={...}`):
# none of its values is a metric.
SETTINGS_DICT = re.compile(
    r"(?:^|_)(?:params|hparams|hyperparams|hyperparameters|parameters|config|cfg|args|kwargs"
    r"|settings|options)(?:_(?:found|were|was|are|is|used|chosen|selected|so_far)){0,3}$",
    re.IGNORECASE)  # (Ray Tune's quick start: `Best hyperparameters found were: {...}`)


# A thing's number or id, AutoTS's `Model Number: 137`, `Run ID: 3`: no measure, unless a
# measure's word comes before (`acc_id`, `bleu_no`), nor a step's (`Epoch Number: 3` is the step).
_THING_NUMBER = re.compile(r"_(?i:number|num|no|id)$")
_NOT_NUMBERED_MEASURES = frozenset({"error", "metric", "metrics", "map"})  # `Error Number: 2`


def best_counter(key: str) -> bool:
    """Whether a key names where the best result was, `best_epoch`, `Best iteration`, CatBoost's
    `bestIteration`, scikit-learn's fitted `best_iteration_`: neither a measure nor the line's
    step."""
    key = key.rsplit(".", 1)[-1].rstrip("_")
    if key[:4] == "best" and _CAMEL.match(key, 3):
        key = _snake(key)
    return key[:5].lower() == "best_" and key[5:].lower() in STEP_NAMES


def _best_setting(key: str) -> bool:
    """Whether a key names a search's best setting, `Best alpha`, `Best n_neighbors`, `best_k`
    (its value a setting's, not a measure's: `Best score` is one)."""
    return key[:5].lower() == "best_" and (key[5:].lower() in HYPERPARAMETERS or key[5:] in (
        "k", "K"))


@functools.lru_cache(maxsize=10_000)  # (the rules ask it of the same few names every line)
def is_metric_key(key: str) -> bool:
    """Whether a key_value key names a metric (not a log level, a device, a source file, a
    setting such as a seed or a thread count, a thing's number)."""
    return _is_metric_key(key)


def _is_metric_key(key: str) -> bool:
    if "_" in key and key[:1].isalpha() and _MEASURE_PHRASE_KEY.match(key) is not None:
        return True  # (what a measure's phrase says it was taken on is no count of examples)
    if key[-1:] == "]" and "[" in key and not _is_metric_key(key[: key.index("[")]):
        return False  # (a setting's or a device's, indexed: `GPU[0]: 45.2`, `seed[1]=3`)
    numbered = _THING_NUMBER.search(key)
    if numbered is not None:
        last = key[: numbered.start()].rsplit("_", 1)[-1]
        measure = names_a_measure(last) and last.lower() not in _NOT_NUMBERED_MEASURES
        counter = last.lower() in STEP_NAMES and key[-2:].lower() != "id"
        if not (measure or counter):
            return False
    return not best_counter(key) and not _best_setting(key) and key not in _NOT_KEYS and not (
        # (a counter within a round, sentencepiece's `EM sub_iter=1`)
        key[:4].lower() == "sub_" and key[4:].lower() in STEP_NAMES) and not (
        "." in key and _SOURCE_FILE.search(key)) and not (
        _SETTING.search(key)) and not (key[-1:] == ")" and _SETTING.search(_QUALIFIER.sub("", key))
    ) and not (len(key) <= 120 and _CAMEL.search(key) is not None and _SETTING.search(
        _snake(key)))


# A measure's phrase, `_whole`'s: `Accuracy_of_the_network_on_the_200_test_samples`,
# `Accuracy_on_the_test_nodes`, `MSE_on_the_test_samples` (not a size's or a count's,
# `Size_of_training_set`, `Number_of_samples`).
_MEASURE_PHRASE_KEY = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9]{1,19}_){0,3}(?i:accuracy|acc|loss|error|err|precision|recall|f1"
    r"|score|perplexity|auc|mae|mse|rmse|iou|map|nll|ppl|r2|cost|reward|return)"
    r"_(?i:of|on|for|over|in|at|across|with|after|under)_", re.ASCII)
# A camelCase name (Java's, JavaScript's): `batchSize=64` is a setting as `batch_size` is.
_CAMEL = re.compile(r"[a-z][A-Z]", re.ASCII)


def _snake(key: str) -> str:
    """`batchSize` as `batch_size`; an acronym's capitals stay one word (`nDCG` is `ndcg`, a
    measure, not a count `n_dcg`)."""
    return _HUMP.sub(r"_\1", key).lower()


_HUMP = re.compile(r"(?<=[a-z0-9])([A-Z])(?=[a-z])", re.ASCII)


# A qualifier of several words in parentheses that ends a name: a setting stays one under it
# (`Batch size (per device train): 8`; open_clip's `Batch (t)` is its batch's time).
_QUALIFIER = re.compile(r"_\([^()_]*_[^()]*\)$")


def names_a_measure(name: str) -> bool:
    """Whether a name ends in a measure's word (`val_loss`, `Test accuracy`, `relative F MAE`),
    or in one and then its phase (pygcn's `loss_train`, DeepRL's `episodic_return_train`), or
    in one and its cut-off (`mAP@0.5:0.95`, `recall@10`), or in one and how it is averaged
    (scikit-learn's scorers' `f1_macro`, `test_precision_weighted`, `roc_auc_ovr_weighted`)."""
    if _MEASURE.search(name) is not None:
        return True
    if name[-1:] == ")" and "(" in name:  # (a qualifier after it: `score_(last_100)`)
        return names_a_measure(name[: name.rindex("(")].rstrip("_ "))
    if "@" in name:
        return names_a_measure(name.partition("@")[0])
    averaged = _AVERAGED.search(name) if "_" in name else None
    if averaged is not None:
        return _MEASURE.search(name, 0, averaged.start()) is not None
    if _CAMEL_MEASURE.search(name) is not None:
        return True  # (CamelCase, `TrainLoss`, `HeadLoss`, `valAcc`)
    phase = _PHASE_SUFFIX.search(name)
    return phase is not None and _MEASURE.search(name, 0, phase.start()) is not None


_CAMEL_MEASURE = re.compile(r"(?<=[a-z0-9])(?:Loss|Acc|Accuracy|Error|Err|Score|Reward|Return"
                            r"|Precision|Recall|F1|AUC|MSE|RMSE|MAE|NLL|PPL|Perplexity)$", re.ASCII)
_PHASE_SUFFIX = re.compile(r"[_\-/.](?i:train|training|val|valid|test|eval|dev)$", re.ASCII)
_AVERAGED = re.compile(r"(?:_(?i:ovr|ovo))?_(?i:macro|micro|weighted|samples|ovr|ovo)$", re.ASCII)


def _ends_in_measure(name: str) -> bool:
    """Whether a name ends in a measure's word (`_MEASURE`), or in one and how it is averaged
    (`test_f1_macro`)."""
    if _MEASURE.search(name) is not None:
        return True
    averaged = _AVERAGED.search(name) if "_" in name else None
    return averaged is not None and _MEASURE.search(name, 0, averaged.start()) is not None


def names_a_rate_or_measure(name: str) -> bool:
    """Whether a name is a measure's (`names_a_measure`) or a rate's (`tok/s`, `samples/sec`)."""
    return names_a_measure(name) or names_a_rate(name)


def names_a_rate(name: str) -> bool:
    """Whether a name is a throughput's: `tok/s`, `samples/sec`, `tokens_per_second`,
    `throughput`, torchtitan's `tps`."""
    return _RATE_UNIT.fullmatch(name) is not None or _RATE_NAME.fullmatch(name) is not None


_RATE_NAME = re.compile(
    r"(?i:tps|wps|throughput|(?:\w{1,20}_)?(?:tok|tokens|samples|examples|images|imgs|words"
    r"|sentences)_per_(?:s|sec|second))", re.ASCII)


# at_step --------------------------------------------------------------------------------------

# A name, what it is taken over in parentheses, and its step in words before the value: keras-io's
# custom training loops, `Training loss (for 1 batch) at step 100: 0.6021`, and `Loss at step
# 100: 0.53`, `Loss after epoch 0: 1795658.75` (gensim's widely copied loss callback),
# `Accuracy on batch 3: 0.3` (torchmetrics' README), `Loss for epoch 2: 0.4`, `Inertia for init
# 1/3: 489.12` (scikit-learn's k-means), `Accuracy for fold 2: 0.9`: the name is the metric's,
# the counter its step.
_AT_STEP = re.compile(
    rf"({_NAME})(?:\ \([^()]{{1,60}}\))?\ (?:at|after|on|for|in|of)"
    rf"\ (step|iteration|iter|epoch|episode|batch|init|fold|trial|round)\ {{1,12}}(\d{{1,18}})"
    rf"(?:/\d{{1,18}})?"
    # (or in words: Aladdin Persson's `Cost at epoch 3 is 2.1236`)
    rf"(?:\s*[:=]|\ is|\ was)\s*({NUMBER}){VALUE_END}",
    re.ASCII | re.IGNORECASE,
)
# (A best value's `at epoch 2` says when it was reached, not the step of its line.)
_BEST = re.compile(r"\b(?i:best|max|min|highest|lowest|top|peak)\b", re.ASCII)
# Or after the value: pytorch/examples' regression, `Loss: 0.000845 after 830 batches`, and
# keras-io's actor-critic, `running reward: 10.97 at episode 10`.
_AFTER_STEPS = re.compile(
    rf"({_NAME}):\s*({NUMBER})\ (?:after\ (\d{{1,18}})\ (steps|batches|iterations|epochs)"
    rf"|at\ (episode|epoch|step|iteration|iter)\ (\d{{1,18}}))\s*$",
    re.ASCII | re.IGNORECASE,
)


# Or the count before its unit: `loss after 100 steps: 0.52`, a bandit's `Regret after 1,000
# pulls: 12.3` (or `... is 12.3`).
_AFTER_COUNT = re.compile(
    rf"({_NAME})\ after\ (\d{{1,3}}(?:,\d{{3}}){{1,6}}|\d{{1,18}})\ (steps|batches|iterations"
    rf"|iters|epochs|episodes|rounds|generations|updates|pulls|trials|time\ steps|timesteps)"
    rf"(?:\s*[:=]|\ is|\ was)\s*({NUMBER}){VALUE_END}",
    re.ASCII | re.IGNORECASE,
)
# A label before such a sentence, an algorithm's in a comparison: `[UCB] Final regret after 200
# rounds: 17.1`, `Epsilon-greedy: average reward after 200 rounds: 0.665` (words, no counter).
_STEP_SENTENCE_LABEL = re.compile(
    r"\[([A-Za-z][\w\-]{0,30}(?:\ [A-Za-z][\w\-]{0,30}){0,2})\]\ {1,4}"
    r"|([A-Za-z][\w\-]{0,30}(?:\ [A-Za-z][\w\-]{0,30}){0,2}):\ {1,4}", re.ASCII)


# What an optimizer's steps lower or raise, named at a step in words (PennyLane's tutorials,
# `Objective after step    10:  3.15`, `Energy after step 15: -1.13`), though a settings dict's
# `objective` (XGBoost's) is none.
# (Or an iterative solver's residual: mlpack's `KMeans::Cluster(): iteration 2, residual 1.`)
_OPTIMIZED = re.compile(r"(?:^|[_\s])(?:objective|energy|fitness|residual)$",
                        re.ASCII | re.IGNORECASE)


def parse_at_step(line: str) -> list[Found]:
    """``Training loss (for 1 batch) at step 100: 0.6021`` as Training_loss at step 100."""
    text = message(line).lstrip()
    match = _AT_STEP.match(text)
    head = ""
    if match is None and (labelled := _STEP_SENTENCE_LABEL.match(text)) is not None and (
            _AT_STEP.match(text, labelled.end()) or _AFTER_COUNT.match(text, labelled.end())):
        # each algorithm's, a phase's as its bracket names one (`[val] loss: 0.5` is val_loss)
        label = (labelled.group(1) or labelled.group(2)).replace(" ", "_")  # (`Model A`)
        head = f"{label}_" if label.lower() in PHASES else f"{label}/"
        text = text[labelled.end():]
        match = _AT_STEP.match(text)
    if match is None:
        after = _AFTER_STEPS.match(text)
        counted = None if after is not None else _AFTER_COUNT.match(text)
        if counted is not None:
            name, step, unit, value = counted.groups()
            step = step.replace(",", "")
        elif after is None:
            return []
        else:
            name, value, step, unit, at_unit, at_step = after.groups()
            if at_unit is not None:
                if _BEST.match(name) or name[:4] in ("New ", "new ") and _BEST.match(name, 4):
                    # `best acc: 0.85 at epoch 2`, printed later (`New best val_loss: 0.47 at
                    # epoch 5`): a record, not a step
                    return []
                step, unit = at_step, at_unit
    else:
        name, unit, step, value = match.groups()
    key = name.replace(" ", "_")
    # (what it is over may end the name: `Mean regret over 10 runs after 200 rounds`)
    named = name.partition(" over ")[0]
    if not is_metric_key(key) or _MEASURE.search(named) is None and _OPTIMIZED.search(
            named) is None:  # `Checkpoint saved at step 5`
        return []
    unit = unit.lower().rstrip("s")
    return [(unit if unit in ("epoch", "episode") else "step", int(step), None),
            (head + key, to_number(value), None)]


# is_value -------------------------------------------------------------------------------------

# A measure said in words: `total reward is 35.0` (`print("Episode {} finished after {} timesteps,
# total reward is {}")`), `The test accuracy is 87.5%`, `Final loss was 0.12`. The name is the
# clause's words before `is`/`was` (an article and `current` dropped: JAX's DP-SGD, `the
# current epsilon is: 0.74`, is epsilon), ending in a measure's word; a counter
# that starts the line is its step (`Epoch 3, loss is 0.5`). Each ` is ` is found by a plain
# search and its clause's start after the last one's end: linear time.
# (The number ends its clause: not `The clip loss is 2.0 times larger`, `Reward is 1 for every
# step`.)
_IS_WORD = re.compile(
    rf"\ (?:is|was):?\ +(?:==?>\ +)?({NUMBER})(?:%|\ %)?(?=\s{{0,4}}(?:[,;|)]|\.(?:\s|$)|$|and\ (?=[A-Za-z])))",
    re.ASCII)  # (an arrow after the word: keras-io's DDPG, `Avg Reward is ==> -1692.37`)
# (` and ` too, after a value or before `the`: `train loss is 0.5 and val loss is 0.6`, YOLOX's
# `Training of experiment is done and the best AP is 0.00`; not `precision and recall is 0.1`)
_IS_CLAUSE_START = re.compile(
    r"[,;:|(\t]|\ -\ |\.\ |(?<=[\d%])\ and\ |\ and\ (?=(?:the|its)\ )"
    r"|(?:(?<=complete)|(?<=completed)|(?<=finished)|(?<=done)|(?<=saved)|(?<=ended))\ and\ ")
# A label before the clause names it, as key_value's sections: `Val: loss is 0.4` is Val/loss.
_IS_LABEL = re.compile(r"([A-Za-z][\w\-]{0,30}(?:\ [A-Za-z][\w\-]{0,30}){0,2}):\ *\Z", re.ASCII)
_IS_NAME = re.compile(
    r"(?:(?i:the|a|an|its)\ )?(?:(?i:current)\ )?([A-Za-z][\w\-]{0,30}(?:\ [A-Za-z][\w\-]{0,30}){0,3})",
    re.ASCII)
# Said in words, a differential privacy's budget is a measure too (JAX's DP-SGD, `the current
# epsilon is: 0.74`); printed as a setting, `adam_epsilon 1e-08`, it is none.
_BUDGET = re.compile(r"(?:^|\ )epsilon$", re.ASCII | re.IGNORECASE)
# The counter a measure's words end with, `average loss for epoch 0`.
_IS_OVER = re.compile(r"\ (?:for|at|after|in|of)\ (epoch|step|iteration|iter|episode)\ (\d{1,18})\Z",
                      re.ASCII | re.IGNORECASE)
# A JSON log record's message beside its level or time (the json rule's `_log_record`).
JSON_LOG_RECORD = re.compile(
    r'"(?:message|msg|event)":\ ?"|"record":\ ?\{', re.ASCII)


def leading_counter(text: str) -> Found | None:
    """The counter that starts a text, `step 3: loss=...`, `Epoch 2 ...`, as a finding."""
    counter = _LEADING_COUNTER.match(text)
    if counter is None:
        return None
    unit = counter.group(1).lower()
    word = "epoch" if unit == "epoch" else unit if unit in ("episode", "ep") else "step"
    return (word, int(counter.group(2)), None)


_LEADING_COUNTER = re.compile(
    r"\s*\[?(step|iter|iteration|it|epoch|episode|ep)\s{0,4}[:#*]?\s{0,4}(\d{1,18})(?!\.\d)",
    re.ASCII | re.IGNORECASE)


def parse_is_value(line: str) -> list[Found]:
    """``total reward is 35.0`` as total_reward, at the step of a counter that starts the line."""
    text = message(line)
    found: list[Found] = []
    stepped: list[Found] = []  # the step a clause names after its measure (`... for epoch 3`)
    start = 0  # where the clause of the next ` is ` may start: after the last one read
    section = ""
    for match in _IS_WORD.finditer(text):
        label_start = start
        for start_match in _IS_CLAUSE_START.finditer(text, start, match.start()):
            label_start, start = start, start_match.end()
        begin, start = start, match.end()
        label = _IS_LABEL.search(text, label_start, begin) if text[begin - 1 : begin] == ":" else None
        if match.start() - begin > 200:
            continue  # prose, not a name
        clause = text[begin : match.start()].strip()
        counted = _LEADING_COUNTER.match(clause)
        if counted is not None:
            clause = clause[counted.end():].strip(" *")  # (keras-io's DDPG: `Episode * 0 *`)
        over = _IS_OVER.search(clause)
        if over is not None:
            # Keras' callbacks guide, `The average loss for epoch 0 is 439.58`: the epoch's
            clause = clause[: over.start()]
            unit = over.group(1).lower()
            stepped = stepped or [("epoch" if unit == "epoch" else "step", int(over.group(2)), None)]
        name = _IS_NAME.fullmatch(clause)
        if name is None or (_MEASURE.search(name.group(1)) is None
                            and _BUDGET.search(name.group(1)) is None):
            continue
        key = name.group(1).replace(" ", "_")
        if label is not None and _LEADING_COUNTER.fullmatch(label.group(1)) is None:
            section = label.group(1).replace(" ", "_")  # (it names the line's later clauses)
        if section:
            key = f"{section}/{key}"
        if is_metric_key(key) and not any(
                word.lower() in _NOT_NAME_WORDS for word in name.group(1).split(" ")):
            found.append((key, to_number(match.group(1)), None))
    if not found:
        return []
    counter = _LEADING_COUNTER.match(text)
    if counter is not None:
        unit = counter.group(1).lower()
        word = "epoch" if unit == "epoch" else unit if unit in ("episode", "ep") else "step"
        found.insert(0, (word, int(counter.group(2)), None))
    elif stepped:
        found = stepped + found
    return found


# array_value ----------------------------------------------------------------------------------

# A value printed as a one-element array: CleanRL's `global_step=60, episodic_return=[15.]`
# (a numpy array of one environment's return).
_ARRAY_VALUE = re.compile(
    rf"(?<![^\s,;|(])([A-Za-z]\w{{0,60}})=\[\s{{0,4}}({NUMBER})\s{{0,4}}\](?=[\s,;|)]|$)", re.ASCII
)


# A measure's values, one per class, printed as a list: nnU-Net's `Pseudo dice [0.8755,
# 0.8615]` (after NumPy 2's `np.float32(...)` reprs are read as their numbers), `val_iou=[0.5,
# 0.7]`, NumPy's array without commas (`CV scores: [0.733 0.717 0.8]`, cross_val_score's): one
# series per position, `Pseudo_dice/0`, `Pseudo_dice/1`.
_LIST_VALUE = re.compile(
    rf"(?<![^\s,;|(])({_NAME})(?::\ ?|=|\ )\[\ ?((?:{NUMBER})(?:(?:,\ ?|\ +)(?:{NUMBER})){{1,63}})\ {{0,20}}\]"
    r"(?=[\s,;|)]|$)",
    re.ASCII,
)
_LIST_SEPARATOR = re.compile(r",\ ?|\ +")
# One measure's value printed as an array of one after its name: rl_games' `saving next best
# rewards:  [24.388088]`.
_ONE_VALUE = re.compile(
    rf"(?<![^\s,;|(])({_NAME}):\ {{1,4}}\[\ ?({NUMBER})\ ?\](?=[\s,;|)]|$)", re.ASCII)


_FIRST_KEY = re.compile(r"\s*([A-Za-z_]\w{0,40})=\d", re.ASCII)
# A repr of tensors' shapes, every field a shape: PyG's `Data(x=[300, 16], edge_index=[2, 1200],
# y=[300])`, `DataBatch(y=[32], ..., ptr=[33])`, no metrics.
_SHAPES_REPR = re.compile(r"\s{0,8}[A-Z]\w{0,40}\(\w{1,40}=\[", re.ASCII)


def parse_array_value(line: str) -> list[Found]:
    """``episodic_return=[15.]`` as episodic_return 15; ``Pseudo dice [0.87, 0.86]`` as
    Pseudo_dice/0 0.87 and Pseudo_dice/1 0.86."""
    if "=[" in line and line.rstrip()[-1:] == ")" and _SHAPES_REPR.match(line) is not None and all(
            part[:1] == "[" for part in line.split("=")[1:]):
        return []  # (PyG's `Data(x=[300, 16], y=[300], train_mask=[300])`: tensors' shapes)
    found: list[Found] = [(key, to_number(value), None)
                          for key, value in _ARRAY_VALUE.findall(line) if is_metric_key(key)]
    first = _FIRST_KEY.match(line)
    phase = _counted_phase(first.group(1)) if first is not None else ""
    if phase:  # (`eval_episode=0, episodic_return=[400.]`)
        found = [(key if phased(key) else f"{phase}_{key}", value, step)
                 for key, value, step in found]
    for name, value in _ONE_VALUE.findall(line):
        key = name.replace(" ", "_")
        if (_MEASURE.search(name) is not None or key.lower() in RATES) and is_metric_key(key):
            found.append((key, to_number(value), None))  # (`lr: [0.001]`, get_last_lr()'s)
    for listed in _LIST_VALUE.finditer(line):
        name, values = listed.groups()
        if line[listed.start() - 2 : listed.start()] == ", " and line[listed.start() - 3 :
                                                                      listed.start() - 2].isalpha():
            continue  # (names listed, `test loss, test acc: [0.2, 0.98]`: key_value's)
        key = name.replace(" ", "_")
        # (a measure's values over classes, `F1 per class: [0.91 0.85]`, F1_per_class/0, ...)
        measure = name[:-10] if name[-10:].lower() in (" per class", " per-class") else name
        if _MEASURE.search(measure) is not None and is_metric_key(key):
            found += [(f"{key}/{index}", to_number(value), None)
                      for index, value in enumerate(_LIST_SEPARATOR.split(values))]
    return found


# call_name ------------------------------------------------------------------------------------

# A name written as a call: the DCGAN tutorial's `D(x): 0.5046 D(G(z)): 0.5128 / 0.4866`
# (pytorch/examples' dcgan and the GANs copied from it): the discriminator's mean output on real
# images, and on fakes before and after its update, `D(G(z))_1` and `D(G(z))_2`. Names as in
# mathematics (capitalised, up to three characters: not `len(dataset)`), no spaces inside, one
# level of nesting: a bounded pattern.
_CALL_NAME = re.compile(
    rf"(?<![^\s,;|\[{{])([A-Z]\w{{0,2}}\((?:[\w.]{{1,30}}|[A-Z]\w{{0,2}}\([\w.]{{1,30}}\))\))"
    rf":\ ?({NUMBER}){VALUE_END}(?:\ /\ ({NUMBER}){VALUE_END})?",
    re.ASCII,
)


def parse_call_name(line: str) -> list[Found]:
    """``D(x): 0.5``, and ``D(G(z)): 0.51 / 0.49`` as ``D(G(z))_1`` and ``D(G(z))_2``."""
    found: list[Found] = []
    for name, value, second in _CALL_NAME.findall(line):
        if second:
            found += [(f"{name}_1", to_number(value), None), (f"{name}_2", to_number(second), None)]
        else:
            found.append((name, to_number(value), None))
    return found


# fraction -------------------------------------------------------------------------------------

# PyTorch's MNIST example: `Accuracy: 9910/10000 (99%)`, the count right out of the total and its
# percentage. A bare `5/10` stays a progress counter; with its percentage it is a score.
_FRACTION = re.compile(
    rf"(?<![^\s,;|(\[{{])({_NAME}):\s*(\d{{1,18}})/\d{{1,18}} \(\d+(?:\.\d+)?%\)", re.ASCII
)
# Or the percentage alone in parentheses: Lightning Fabric's image classifier example, `Test set:
# Average loss: 2.1615, Accuracy: (40%)`: Accuracy 40.
_PERCENT_ONLY = re.compile(
    rf"(?<![^\s,;|(\[{{])({_NAME}):\ {{0,4}}\(({NUMBER})%\)(?=[\s,;|)\]}}]|$)", re.ASCII)
# Or the count, the total and their ratio: PyTorch's FGSM tutorial, `Epsilon: 0.05\tTest
# Accuracy = 9426 / 10000 = 0.9426`: Test_Accuracy 0.9426, the ratio.
_RATIO = re.compile(
    rf"(?<![^\s,;|(\[{{])({_NAME})\ ?[:=]\ {{0,4}}\d{{1,18}}\ {{0,4}}/\ {{0,4}}\d{{1,18}}\ {{0,4}}=\ {{0,4}}"
    rf"({NUMBER})\ ?%?{VALUE_END}", re.ASCII
)


# A fraction under a name for progress is where the loop is, not a score: PyTorchZeroToAll's
# `Train Epoch: 1 | Batch Status: 640/60000 (1%) | Loss: 2.30`.
_PROGRESS = re.compile(r"(?i:batch|status|progress|step|iter|epoch|sample|example|processed)")


def parse_fraction(line: str) -> list[Found]:
    """``Accuracy: 9910/10000 (99%)`` as Accuracy 9910, the count as printed first;
    ``Test Accuracy = 9426 / 10000 = 0.9426`` as Test_Accuracy 0.9426, the ratio."""
    read: list[tuple[str, float]] = [(name, int(count)) for name, count in _FRACTION.findall(line)]
    if "=" in line:  # (build-nanogpt's `HellaSwag accuracy: 132/256=0.5156` unspaced)
        read += [(name, to_number(ratio)) for name, ratio in _RATIO.findall(line)]
    if ": (" in line:
        read += [(name, to_number(percent)) for name, percent in _PERCENT_ONLY.findall(line)]
    return [(name.replace(" ", "_"), value, None) for name, value in read
            if is_metric_key(name) and _PROGRESS.search(name) is None]


# name_value -----------------------------------------------------------------------------------

# A leading counter: `step 100:`, `iter 5:`, `iter 100, loss: 89.9` (min-char-rnn: after a comma,
# the line must name a measure), `it 200 |`, `step 1/74 |` (llm.c), `iteration
# 10/     100 |` (Megatron-LM), `[100]` (not XGBoost's `[3]\t`), `[1,000]` (river), `[iter 5]`
# (NGBoost), `100:`, PyTorch's neural style tutorial's `run [50]:`, TPOT's `Generation 1 - `,
# a reinforcement-learning loop's `Episode 20,`, `Ep. 30 |`, `episode: 10/500,` (keon's
# deep-q-learning), `Ep:  10 |` (MorvanZhou's tutorials) and `Updates 10,`
# (pytorch-a2c-ppo-acktr-gail); a word may name the training's step: `Minibatch step 3/93:` (scikit-learn's
# mini-batch estimators), `global step 100:` (not an evaluation's: `Validation step 3/50:`);
# `Ep 1 (Step 000005):`.
_COUNTER = re.compile(
    # (a counter said to end: DeepChem's `Ending global_step 10: Average loss 2.28`,
    # TorchANI's example's `After epoch 1: Validation RMSE (kcal/mol) 290.96`, gemma's
    # `Finished training step 9. Batch size: 64, Loss: 2.26, LR: 0.0016`)
    r"\s*(?i:after|ending|ended|finished|completed)\ (?:(?i:training)\ )?"
    r"(?i:global_step|step|epoch|iteration|iter)\ (\d{1,18})[:.](?=\ )|"
    # (SciPy's optimizers name themselves: `differential_evolution step 7: f(x)= 3.64`,
    # `basinhopping step 2: f -0.89 trial_f -0.89 accepted True lowest_f -0.89`)
    r"\s*(?:(?:(?:(?i:minibatch|mini-batch|global|train|training|optimizer|optimization|update"
    r"|differential_evolution|basinhopping)\ )?"
    r"steps?|global_step|iter|iteration|it|episode:?|ep\.?:?|updates?|generation|fold|trial|round"
    r"|timesteps?"  # (an RL loop's `Timestep 1000 | Episode 5 | Return 17.0`: the steps so far)
    r"|train\ tree"  # YDF's `Train tree 1/20 train-loss:1.21 valid-loss:1.31`
    r"|(?:optimization\ )?restart)\s+(\d{1,18})"  # GPy's `Optimization restart 1/10, f = -21.0096`
    r"(?:\s*(?:[:|,]|$)|\ -\ |/\ {0,12}\d{1,18}\s*(?:[|;:,]|-\ |\[[=>.]|$"
    r"|(?=[A-Za-z][\w\-]{0,40}:[-+.\d])))"
    # (`step:100/1000 loss:0.41`: a step's colon, its total, then a pair; the spaces before
    # it are the group's: spaces taken twice over would make a line of them quadratic)
    r"|step:\ {0,4}(\d{1,18})/\d{1,18}\ +(?=[A-Za-z][\w\-]{0,40}:\ ?[-+.\d])"
    r"|(?:run\ )?\[\ {0,8}(?:(?:step|iter|iteration|it|ep|episode)\ {1,8})?"
    r"(\d{1,3}(?:,\d{3}){1,6}|\d{1,18})\](?!\t)"
    # Sockeye's `Checkpoint [2]\tTrain-ppl=23.14` and `E=3 B=100\ts/sec=1406.45 ... ppl=23.14`
    # (B its updates so far)
    r"|checkpoint\ \[(\d{1,18})\](?=\t)|E=\d{1,9}\ B=(\d{1,18})(?=\t)"
    # (labml's `   1,024:  ... loss.train:  3.32727`, keras-rl's `  38/300: episode: 1, ...`:
    # the step done out of the steps to do)
    r"|(\d{1,3}(?:,\d{3}){1,6}|\d{1,18})(?:/\d{1,18})?:(?![\d/])"
    # or alone before a bar and a name, llama2.c's `10 | loss 6.2430 | lr 1.0e-04 | 53.38ms`
    r"|(\d{1,18})\ \|\ (?=[A-Za-z][\w/.\-]{0,40}\ [-+]?\.?\d)"
    # or before a bracketed `name: value` pair, Keras-GAN's `200 [D loss: 0.69, acc.: 51.00%]`
    r"|(\d{1,18})\ (?=\[[A-Za-z][\w\ ]{0,40}:\ {0,4}[-+]?\.?\d)"
    # or before a comma and a pair, Cellpose's `[INFO] 0, train_loss=2.7065, test_loss=3.4078`
    r"|(\d{1,18}),(?=\ [A-Za-z_][\w\-]{0,40}=[-+.\d])"
    # the global step after the epoch, LLMs-from-scratch's `Ep 1 (Step 000005): Train loss 5.576`
    r"|(?:ep|epoch)\ {1,4}\d{1,18}\ {1,4}\((?:step|iter|iteration|it)\ {1,4}(\d{1,18})\):"
    # or after it: pytorch-metric-learning's `Epoch 1 Iteration 20: Loss = 0.127`
    # (`Epoch 3, Step 500, Loss: 0.41` too: a comma before a `name:` pair)
    # (DeepLabV3Plus-Pytorch's `Epoch 3, Itrs 10/40, Loss=2.31`)
    # (the TensorFlow tutorials' `Epoch 1, Batch 100, Loss: 0.5`: a batch's number in its epoch)
    # (between dashes or spaces: `Epoch 2 - Step 125 - loss: 0.47`, `Epoch 2 Iteration 800 loss:`)
    # (or a colon, accelerate's examples' `epoch 0: step 10: loss 0.63`)
    r"|epoch\ {1,4}\d{1,18}(?:,|:|\ -)?\ {1,4}(?:step|iter|iters|itrs?|iteration|batch)\ {1,4}"
    r"(\d{1,18})(?:/\d{1,18})?"
    r"(?::|(?:,|\ -)?(?=\ [A-Za-z][\w\ .]{0,40}[:=]))"
    # in parentheses with its total: CS231n's Solver, `(Iteration 11 / 40) loss: 0.199848`
    # (or alone: `(step 1000) loss=0.41`)
    r"|\((?:step|iter|iteration|it)\ {1,4}(\d{1,18})(?:\ {0,4}/\ {0,4}\d{1,18})?\))",
    re.ASCII | re.IGNORECASE,
)
def _small_count(counter: re.Match[str]) -> bool:
    """Whether a counter counts a few stages or notes (`Step 2:`, `[1]`), not a training's
    steps (`Iter 500: Running evaluation` heads the lines of step 500)."""
    text = next((group for group in counter.groups() if group), "")
    return text.isdigit() and int(text) <= 12


_BARE_ENTRY = re.compile(r"\ {0,8}[-+]?\d[\d,]{0,30}(?:\.\d{1,30})?%?\s*", re.ASCII)
# A title or a sentence after a counter: a capitalised word and another, no number or pair.
_TITLE = re.compile(r"\ {0,8}[A-Z][a-z]{1,30}(?:\ [A-Za-z][a-z]{0,30}){1,30}(?:[.,]\ |[.,]?\s*$)",
                    re.ASCII)
_ESPNET_EPOCH = re.compile(
    r"(\d{1,9})epoch(?::([A-Za-z]\w{0,20}):\d{1,18}-(\d{1,18})batch:|\ results:)\ ", re.ASCII)
_NOT_SLASHED = re.compile(r"[|\t,;:=]| - ")
_SLASHED_PAIRS = re.compile(
    rf"\s{{0,8}}[A-Za-z][\w.\-/]{{0,60}}\ (?:{NUMBER})(?:\ /\ [A-Za-z][\w.\-/]{{0,60}}\ (?:{NUMBER})){{1,200}}\s*",
    re.ASCII)
_BARRED_COUNTER = re.compile(
    r"\|\ {1,8}(?i:iteration|iter|step)\ {1,8}(\d{1,18})\ {0,12}/\ {0,12}\d{1,18}\ {0,8}\|", re.ASCII)
_CLAUSES = re.compile(r"[|\t;]|,(?!\d)| - ")  # (not a thousands separator, `Length 1,500`)
# A name may end in a parenthesis: flair's `f1-score (micro avg)  0.5`.
_QUALIFIED = rf"{_NAME}(?:\ \([A-Za-z][\w\ ]{{0,30}}\))?"
# (A sentence's full stop may end it: scikit-learn's GaussianMixture, `lower bound -4.25975.`)
# (A unit in parentheses after the name is not part of it: `Validation RMSE (kcal/mol) 290.9`.)
# (A best's value may say when it was reached: `best_val_acc 0.81 (epoch 3)`.)
_NAMED_VALUE = re.compile(
    rf"\s*({_QUALIFIED})(?:\ \([A-Za-z]{{1,10}}/[A-Za-z]{{1,10}}\))?\s+({NUMBER})(?:\ ?%|ns|us|µs|μs|ms|s)?\.?"
    r"(\ \((?:at\ |@\ ?)?(?i:epoch|step|iter|iteration)\ \d{1,18}\))?"
    r"(?:\ \([A-Za-z]{1,20}\))?\s*",  # (a word about the value, `loss 2.70 (best)`)
    re.ASCII)


def _best_value(clause: str) -> re.Match[str] | None:
    """`_NAMED_VALUE`'s match of a clause; the counter in parentheses after the value only
    after a best's (`best_val_acc 0.81 (epoch 3)`: when it was reached)."""
    match = _NAMED_VALUE.fullmatch(clause)
    if match is not None and match.group(3) and not match.group(1).lower().startswith("best"):
        return None
    if match is not None and _NAN_IN_NAME.search(match.group(1)) is not None:
        return None  # `loss nan acc 0.5`: two pairs, the first gone bad (spaced_pairs')
    return match


_NAN_IN_NAME = re.compile(r"\ (?i:nan|inf|infinity)\ ", re.ASCII)


# A label before ` : ` names the clauses after it: flair's `DEV : loss 0.69 - f1-score ...`.
_LABEL = re.compile(r"(?:.*\s)?([A-Za-z]\w{0,30})\ :\ +(.*)", re.ASCII)
# fairseq's validation summary names its subset: `| valid on 'valid' subset | loss 0.84 |`.
_SUBSET = re.compile(r"\s*valid on '([\w.\-]+)' subset\s*")
_UNPREFIXED = frozenset({"epoch", "num_updates"})


# A line that is only a name and its number, the name ending in a word that names a measure:
# llm.c's `val loss 3.9123`, `test accuracy 97.5%`. Any other `name number` line (`Epoch 3`,
# `Processing 500`) is not a metric.
_MEASURE = re.compile(
    r"(?:^|[_\s\-/.])(?:loss|nll|acc|accuracy|err|error|ppl|perplexity|f1|auc|bleu|rouge\w*"
    r"|score|mse|rmse|mae|map|precision|recall|rewards?|returns?|wer|cer|iou|dice|top1|top5"
    # (mmsegmentation's means over classes, and its accuracy over all pixels)
    r"|miou|macc|aacc|mdice|mfscore"
    r"|inertia|scores|divergence|kl|elbo|likelihood|cost|distance|deviation|logloss|mlogloss"
    r"|crossentropy|entropy|mape|smape|r2|ndcg|mrr|optimality|psnr|ssim|ap|ap50|ap75|aps|apm|apl"
    r"|metrics?|regret"
    # (a classifier's rates, fairlearn's `selection_rate`, `false_positive_rate`; not a
    # learning rate)
    r"|(?:(?:true|false)[_\s\-](?:positive|negative)|selection|error|success|win|hit|miss"
    r"|detection|discovery)[_\s\-]rate|fpr|tpr|fnr|tnr"
    # (a network's letter after it: a GAN's `loss_D`, `loss_G`)
    r"|specificity|sensitivity)(?-i:_[A-Z])?$",
    re.ASCII | re.IGNORECASE,
)


# The splits whose name alone may name a value (`val 2.13`), as nn-zero-to-hero prints them.
_SPLIT_NAMES = frozenset({"train", "val", "valid", "test"})
# A split's name alone, as a key (`{'train': 244, 'val': 153}`: whole numbers under them are
# the splits' sizes).
SPLIT_NAMES = frozenset({"train", "training", "val", "valid", "validation", "test", "eval",
                         "dev"})
_BARE_COUNTER_CLAUSE = re.compile(r"(epoch|step|iter|iteration|it|batch)\s{1,4}(\d{1,18})",
                                  re.ASCII | re.IGNORECASE)


# A measure's word, then each phase and its value: the "Training with PyTorch" tutorial's
# `LOSS train 0.5215 valid 0.5430`.
_MEASURE_BY_PHASE = re.compile(
    rf"\s*([A-Za-z]{{2,20}})((?:\ (?i:{'|'.join(sorted(PHASES))})\ {NUMBER}){{2,8}})\s*",
    re.ASCII,
)
_PHASE_VALUE = re.compile(rf"([A-Za-z]+)\ ({NUMBER})", re.ASCII)


# A line between runs of the same decoration: `---- mAP 0.00387 ----`, `== val loss 0.41 ==`.
_DECORATED = re.compile(r"\s{0,8}([-=*]{2,12})\ {1,4}([^\-=*].{0,200}?)\ {1,4}\1\s*")


def parse_decorated(line: str) -> list[Found]:
    """``---- mAP 0.00387 ----``: the measure and value between the decorations, as a line of
    only the two is read."""
    match = _DECORATED.fullmatch(line)
    return [] if match is None else parse_alone(match.group(2))


# A phase's word that starts a line of `name value` pairs, `TRAIN loss 0.5 acc 0.8`, `(val)
# loss 0.6 acc 0.7`, `[train] loss 0.5 acc 0.8`.
_LEADING_PHASE = re.compile(
    r"(?:>{1,3}\ )?(?:\[([A-Za-z]{3,10})\]|\(([A-Za-z]{3,10})\)|([A-Za-z]{3,10}))\ {1,4}"
    r"(?=[A-Za-z])", re.ASCII)


def _measure_pairs(text: str) -> list[Found]:
    """A line of two or more `name value` pairs, each a measure's (or a learning rate's),
    `loss 0.5 acc 0.8`, each under the phase a leading word names (`TRAIN loss 0.5 acc 0.8`
    is TRAIN_loss and TRAIN_acc, as `val Loss: 0.7 Acc: 0.5` is val_Loss and val_Acc)."""
    if not (text[-1:].isdigit() or text[-1:] == ")" and text[-2:-1].isdigit()
            or text[-1:] == "%" or text[-1:] in "s)" and TIME_AT_END.search(text, len(text) - 12)
            ) or "\t" in text:
        # (prose ends in a word, a pair a number or a measure's in parentheses, `loss 5.47 (ppl
        # 237.78)`, a percentage, `acc 86.67%`, or a time taken, `took 1.0s`, `(1.0s)`; cells
        # of a table, `loss\t0.5\tacc\t0.9`, are rows)
        return []
    lead = _LEADING_PHASE.match(text)
    phase = next((g for g in lead.groups() if g), "") if lead is not None else ""
    if phase.lower() not in PHASES:
        phase = ""
    arrow = _ARROW.match(text)
    start = lead.end() if phase and lead is not None else arrow.end() if arrow else 0
    pairs = spaced_pairs(text[start:])
    if not pairs or len(pairs) < 2 or not all(
            (names_a_measure(key) or key.lower() in RATES) and type(value) is not int
            for key, value, _ in pairs):
        return []
    # (a learning rate is the run's, no phase's: `TRAIN loss 0.5 lr 0.001`)
    return [(key if not phase or phased(key) or key.lower() in RATES else f"{phase}_{key}",
             value, step) for key, value, step in pairs]


# A value's uncertainty after it, `± 0.010`, `+/- 0.01`.
_SPREAD = re.compile(r"(?<=\d)\ ?(?:±|\+/-)\ ?\d{1,9}(?:\.\d{1,9})?(?=,|\s|$)", re.ASCII)
# A time taken at the end of a line of pairs, `took 1.0s`, `(1.0s)`: an aside (`_ASIDES`).
TIME_AT_END = re.compile(r"\d\ ?(?:ms|s|sec)\)?\Z", re.ASCII)
# A throughput clause after the measures, and what follows it: `, 123.4 examples/sec on cuda:0`.
RATE_TAIL = re.compile(r",\ [\d.]{1,20}\ [A-Za-z]{1,20}/(?:sec|s)\b", re.ASCII)


# A sentence of its own saying the work ended, before the measures: `Done. loss 6.9036.`,
# `Training complete. val loss 0.41`.
_ENDED_SENTENCE = re.compile(
    r"(?:(?i:training|optimization|optimisation|fitting)\ )?(?i:done|finished|complete|completed"
    r"|converged)[.!]\ {1,4}(?=[A-Za-z])", re.ASCII)
_ENDED_FIRST = frozenset("DdFfCcTtOo")


def parse_alone(line: str) -> list[Found]:
    """``val loss 3.9123``: a whole line of one name ending in a measure's word (or a split's
    name alone, `val 3.9123`) and a number with a fraction; or of several such clauses between commas, the first of which may be the
    step (d2l's `train_ch6`: `loss 0.469, train acc 0.823, test acc 0.779`); or a measure's
    word, then phases and values (`LOSS train 0.52 valid 0.54` as LOSS_train and LOSS_valid)."""
    if "=" in line and "/" in line:
        # a count, its total and their ratio unspaced, build-nanogpt's `HellaSwag accuracy:
        # 132/256=0.5156` (no trigger of the fraction rule's: `=0.` is in most lines)
        ratio = parse_fraction(line)
        if ratio:
            return ratio
    by_phase = _MEASURE_BY_PHASE.fullmatch(line)
    if by_phase is not None and _MEASURE.search(by_phase.group(1)):
        measure = by_phase.group(1)
        return [(f"{measure}_{phase}", to_number(value), None)
                for phase, value in _PHASE_VALUE.findall(by_phase.group(2))]
    text = line.strip()
    if text[:2] in ("- ", "* ", "• "):
        text = text[2:]
    if text[:1] in _ENDED_FIRST and (ended := _ENDED_SENTENCE.match(text)) is not None:
        text = text[ended.end():]  # `Done. loss 6.9036`: a sentence saying it ended, then the pairs
    if text[-1:] == "." and text[-2:-1].isdigit():  # a sentence's full stop
        text = text[:-1]
    if text[-1:] == ")":
        # a remark about the value after it, `val loss 2.3 (best 2.1)`, `loss 2.3 (new best)`
        # (a measure's own pair kept: `loss 5.47 (ppl 237.78)`; the step it was at, `loss 0.5
        # (step 100)`, is no remark, and none of this rule's)
        remark = _REMARK.search(text)
        if remark is not None and remark[0][2:].split(" ", 1)[0].lower() in STEP_NAMES:
            return []
        text = _REMARK.sub(_remark, text)
    if ("±" in text or "+/-" in text) and (spread := _SPREAD.search(text)) is not None:
        # a mean and its uncertainty, `val acc 0.890 ± 0.010`: the mean, as `CV accuracy: 0.91 ±
        # 0.02` is read
        text = text[: spread.start()] + text[spread.end() :]
    rate = RATE_TAIL.search(text) if "/s" in text else None
    if rate is not None:
        # d2l's closing line, `loss 0.345, train acc 0.876, 123.4 examples/sec on cuda:0`: a
        # throughput, and the device it ran on, after the measures
        text = text[: rate.start()]
    measures = _measure_pairs(text)
    if measures:
        return measures
    trailing = _TRAILING_COUNTER.search(text) if text[-1:] in "0123456789" else None
    if trailing is not None and not (trailing.group(2) and _BEST.search(text)):
        # the counter after the measures, `loss 1.4331 acc 0.5223 step 1`
        pairs = spaced_pairs(text[: trailing.start()])
        if pairs and measured(pairs):
            word = trailing.group(3).lower()
            return [("epoch" if word == "epoch" else "step", int(trailing.group(4)), None),
                    *(pair for pair in _phase_spread(pairs) if is_metric_key(pair[0]))]
    label = _PAIRS_LABEL.match(text)
    if label is not None and ", " not in text and ":" not in text[label.end():]:
        # a label before a measure alone, TorchANI's example's `Before training starts:
        # Validation RMSE (kcal/mol) 368.86`
        text = text[label.end():]
    clauses = text.split(", ")
    found: list[Found] = []
    for index, clause in enumerate(clauses):
        bare = _BARE_COUNTER_CLAUSE.fullmatch(clause) if index == 0 and len(clauses) > 1 else None
        if bare is not None:
            found.append(("epoch" if bare.group(1).lower() == "epoch" else "step",
                          int(bare.group(2)), None))
            continue
        match = _best_value(clause)
        if (match is not None and len(clauses) > 1 and match.group(2).lstrip("+-").isdigit()
                and not is_metric_key(match.group(1).replace(" ", "_"))):
            continue  # a count among measures, SciPy's `Function evaluations 131, initial cost`
        if (match is None or (not _ends_in_measure(match.group(1).split(" (", 1)[0].partition("@")[0])
                              and not (
                # a split's loss alone, nn-zero-to-hero's `print(split, loss.item())`: `val 2.13`
                len(clauses) == 1 and match.group(1) in _SPLIT_NAMES))
                or match.group(2).lstrip("+-").isdigit()):  # a count or a code (`exit error 1`)
            return []
        key = match.group(1).replace(" ", "_")
        if not is_metric_key(key):
            return []
        found.append((key, to_number(match.group(2)), None))
    return found if len(clauses) == 1 or len(found) > 1 else []


# A counter with no separator after it, then `name value` pairs separated by spaces only:
# karpathy/makemore's `step 500 train loss 2.1234 test loss 2.2345`, `print('epoch', e, 'loss',
# l)`'s `epoch 3 loss 0.5`. Every word after the counter must belong to a pair.
# `epoch 3: train_loss 0.31 val_loss 0.35` and `Epoch 1: train loss 0.5, val loss 0.45` too,
# `epoch 2/10 loss 0.5 acc 0.8`, and an episode's: `Episode 100 Reward: 200.0 Average: 150.5`,
# `ep 10 reward 200 avg 150`; a fold's, a trial's or a round's, `Fold 1 AUC: 0.861`.
# The counters a finer one may follow, its step (`ep 3 it 100`, `episode 3 step 100`).
_COARSE_COUNTERS = frozenset({"epoch", "ep", "episode", "fold", "trial", "round"})
# The counters that may follow a coarser one as the step in it (a batch's number too, beside
# its epoch: TensorFlow's tutorials' `Epoch 1 Batch 100 Loss 2.1234`).
_IN_EPOCH_COUNTERS = frozenset({*STEP_NAMES, "batch"})
_BARE_COUNTER = re.compile(
    r"\s*(?:[=\-]{1,8}>\ {0,4}|>{1,3}\ {1,4})?"  # an arrow before it: `==> Epoch 1: loss 0.5`
    # (or a sentence saying it ended: `Finished epoch 3. Train loss 0.41`)
    r"(?:(?:finished|completed|ended)\ )?"
    # (its total after it: `Epoch 3/5`, `Epoch 3 of 5`)
    r"(step|iter|iteration|it|epoch|episode|ep|fold|trial|round|stage|phase)\s+(\d{1,18})"
    r"(?:/\d{1,18}|\ of\ \d{1,18})?"
    # (its time after it, `Epoch 1 (0.5s):`, `Epoch 1 [12.3s]:`)
    r"(?:\ [(\[]\d{1,9}(?:\.\d{1,6})?\ ?(?:s|sec|ms)[)\]])?"
    # (or that it ended, a sentence of its own: `Epoch 3 finished. Train loss 0.41`)
    r"(?:\ (?:finished|done|complete|completed|ended)(?=[.!:]))?"
    r"(?:[,:;]|[.!](?=\s)|\ ::|\ (?:-{1,2}>|=>|\u2192))?\s+(?=[A-Za-z]|-(?i:elbo)\b|"  # (`step 5 -ELBO: 3.5`)
    r"\d{1,3}(?:\.\d{1,9})?%\ [A-Za-z]|"  # (a percentage before its name: `Epoch 1: 86.7% accuracy`)
    + LETTERS + ")",
    re.ASCII | re.IGNORECASE)
# Counters in brackets before `name value` pairs: `[Epoch 1][Iter 100/500] loss 0.51 lr 0.01`,
# `[Epoch 001] :: loss 2.0000 :: acc 0.6500` (the position rule and the header give the step).
_BRACKETED_COUNTERS = re.compile(
    r"\s{0,8}(?:\[\ {0,4}(?i:epoch|ep|iter|iteration|step|batch)\ {0,4}:?\ {0,4}\d{1,18}"
    r"(?:\ {0,4}/\ {0,4}\d{1,18})?\ {0,4}\]\ {0,4}){1,3}(?:::\ |[:|\-]\ )?\ {0,4}(?=[A-Za-z])",
    re.ASCII)
# (padded, as `{epoch:4}` pads it, and before a phase's or a measure's word: not `5 fold cv
# accuracy 0.81`, `128 batch size loss 0.5`)
_BARE_COUNT = re.compile(r"\ {1,8}(\d{1,9})\ (?=([A-Za-z][\w\-]{0,40})\ )", re.ASCII)
_WORDS_AT_END = re.compile(r"(?:\ [A-Za-z][\w\-]{0,40}){1,4}\Z", re.ASCII)
_EPOCH_BEFORE_STEP = re.compile(
    r"[\[(]\ {0,4}((?i:epoch|ep)\ {1,4}\d{1,18}(?:/\d{1,18})?)\ {0,4}[\])]\ {1,4}"
    r"(?=(?i:global\ step|global_step|step|iter|iteration|it)\ {1,4}\d)", re.ASCII)
_RATES_LISTED = re.compile(
    rf"(?i:lr|learning_rate):\ \[(?:{NUMBER})(?:,\ ?(?:{NUMBER})){{0,63}}\],?\ {{1,4}}(?=[A-Za-z])", re.ASCII)
_EPOCH_THEN_GLOBAL = re.compile(
    r"(?i:epoch|ep)\ {1,4}(\d{1,18})(?:/\d{1,18})?,?\ {1,4}(?=(?i:global[\ _]step)\ {1,4}\d)",
    re.ASCII)
_BRACKETED_COUNTER = re.compile(
    r"\[\ {0,4}((?i:epoch|ep|iter|iteration|step|batch))\ {0,4}:?\ {0,4}(\d{1,18})"
    r"(\ {0,4}/\ {0,4}\d{1,18})?\ {0,4}\]", re.ASCII)
# A class's clause alone before its scores' clauses (between bars).
_CLASS_CLAUSE = re.compile(
    r"\s{0,8}(class|Class|CLASS|(?:chain|Chain|CHAIN)(?=[\ _=]\d))[\ _=]([A-Za-z0-9][\w\-]{0,30})"
    r"\s{0,8}", re.ASCII)  # (a sampler's chain too, `chain 0 | acceptance 0.719 | lp -0.714`)
# A counter out of its total in brackets before `name value` pairs: `Epoch [3/10] loss 0.41`.
_BRACKETED_OF_TOTAL = re.compile(
    r"\s{0,8}(?:((?i:epoch|ep))\ {0,4})?\[\ {0,4}(\d{1,18})\ {0,4}/\ {0,4}\d{1,18}\ {0,4}\][:,]?\ +"
    r"(?=[A-Za-z])", re.ASCII)
# The position in the epoch after it, `Step [50/200], ` (the position rule's step).
_BRACKETED_POSITION_AFTER = re.compile(
    r"(?i:step|iter|iteration|batch)\ {0,4}\[\ {0,4}\d{1,18}\ {0,4}/\ {0,4}\d{1,18}\ {0,4}\]"
    r"[:,]?\ +(?=[A-Za-z])", re.ASCII)
# A word before an epoch's counter, a stage of the program's own (`teacher epoch 3:`), and
# the words there that say something else of the epoch (`Best epoch 4 ...`: when a best was).
_WORD_BEFORE_EPOCH = re.compile(
    r"\s{0,8}([A-Za-z][A-Za-z\-]{1,20}\d{0,2})\ (?=(?i:epoch)\ {1,4}\d{1,18}(?:/\d{1,18})?[:,]?\ )",
    re.ASCII)
_NOT_A_STAGE = frozenset({"best", "last", "final", "previous", "current", "next", "first",
                          "resume", "resumed", "resuming", "from", "at", "after", "before",
                          "until", "since", "of", "the", "each", "every", "per", "this", "in",
                          "on", "for", "end", "start", "starting", "begin", "beginning"})
# Counters a fold's (a trial's, a round's, a curriculum's stage's) holds, whose number is the
# step of its line.
_FOLDS = frozenset({"fold", "trial", "round", "stage", "phase"})
# The environment steps so far beside an episode's number (not `Steps`: an episode's own length
# as often).
_EPISODE_STEPS = ENV_STEPS | {"total_steps"}
_STAGE_COUNTERS = frozenset({"stage", "phase"})
_IN_FOLD = re.compile(
    r"(epoch|ep|step|iter|iteration)\ {1,4}(\d{1,18})(?:/\d{1,18})?(?:\ ?[,:|])?\ +",
    re.ASCII | re.IGNORECASE)
# A phase's label before the counter: CS224n's NMT, `validation: iter 10, dev. ppl 37.43`.
_PHASE_COLON = re.compile(r"([A-Za-z]{2,12}):\ (?=[A-Za-z])", re.ASCII)
# A word cut short before a name (`avg. loss`, `dev. ppl`): one name with it.
_ABBREVIATION = re.compile(r"(?<![\w.])(avg|ave|tot|cum|dev|val|valid|eval|tr)\.\ ",
                           re.ASCII | re.IGNORECASE)
# (not a thousands separator, `reward 1,200`; bars too: `Epoch 3: loss 0.41 | acc 0.88`)
_CLAUSE_COMMA = re.compile(r",(?!\d)|\|{1,2}|[;\t]| - | :: ")


def _counted_clauses(text: str) -> list[Found] | None:
    """After a counter, clauses between commas (or bars), each a finer counter or `name value` pairs:
    CS224n's NMT, `epoch 1, iter 5, avg. loss 29.12, avg. ppl 38.09 cum. examples 160, speed
    8231.25 words/sec, time elapsed 0.16 sec` (its abbreviations part of the name: `avg_loss`;
    a clause of other words, a speed or a time, is skipped); None unless a measure is named."""
    found: list[Found] = []
    for clause in _CLAUSE_COMMA.split(text):
        clause = _ABBREVIATION.sub(r"\1 ", clause.strip())
        if _ANY_NUMBER.search(clause) is None:
            return None  # a name with no value (`step 2 loss, accuracy 77.0%`): not this shape
        counter = _BARE_COUNTER_CLAUSE.fullmatch(clause)
        if counter is not None:
            word = counter.group(1).lower()
            found.append(("epoch" if word == "epoch" else "iter", int(counter.group(2)), None))
            continue
        pairs = spaced_pairs(clause)
        # (a phase that starts a clause names its measures: `val loss 4.7 (ppl 110.0)`)
        found += [pair for pair in _phase_spread(pairs) if is_metric_key(pair[0])] if pairs else []
    return found if any(names_a_measure(key) for key, _, _ in found) else None


# A counter and its number, as it starts each of several prints on one line.
_PIECE_COUNTER = re.compile(r"(?<![\w/])(epoch|step|iter|iteration)\ {1,4}(\d{1,18})(?![\d.])",
                            re.ASCII | re.IGNORECASE)
_PIECE_END = frozenset("|;,")


def counted_pieces(line: str) -> list[str] | None:
    """A line of several counters' clauses, each the same counter at a higher number followed by
    its pairs (`epoch 1: loss 14.36 | epoch 2: loss 12.08`), as the pieces to read one by one,
    each at its own step; else None."""
    if not (line.count("poch ") > 1 or line.count("tep ") > 1 or line.count("ter ") > 1
            or line.count("tion ") > 1):
        return None  # (cheap: the same counter's word twice)
    counters: list[re.Match[str]] = []
    for counter in _PIECE_COUNTER.finditer(line):
        if counters and (counter.group(1).lower() != counters[0].group(1).lower() or int(
                counter.group(2)) <= int(counters[-1].group(2))) or len(counters) == 32:
            return None  # (another counter, the same number again, or a line of many)
        counters.append(counter)
    if len(counters) < 2:
        return None
    pieces: list[str] = []
    start = 0
    for counter, after in zip(counters, [*counters[1:], None]):
        end = len(line) if after is None else after.start()
        while after is not None and end > start and line[end - 1] == " ":
            end -= 1
        if after is not None and (line[end - 1 : end] not in _PIECE_END or end < counter.end()):
            return None  # (the next counter must start a clause of its own)
        if _ANY_NUMBER.search(line, counter.end(), end - (after is not None)) is None:
            return None  # (each counter followed by its pairs)
        pieces.append(line[start : end - (after is not None)].rstrip())
        start = after.start() if after is not None else end
    return pieces


# The end of a counted unit as a clause of its own names its counter: `end of epoch   1`.
_END_OF = re.compile(r"\s*(?:at the )?end of (epoch|step|iteration|iter)\s{1,8}(\d{1,18})\s*",
                     re.ASCII | re.IGNORECASE)
# (`mAP@0.5:0.95`; a word of any script's letters, `précision`, `потеря`, `σ`)
# (a percent unit ends a name as printed, `val_acc(%) 87.5`, as key_value's `eff(%): 1`)
_SPACED_WORD = re.compile(rf"[^\W\d_](?:[\w.\-/@]*\w)?(?:@{_IOU})?(?:\(%\))?")
_SPACED_NUMBER = re.compile(rf"(?:{NUMBER})%?", re.ASCII)
_BOOLEANS = frozenset({"True", "False"})
_NOT_NAME_WORDS = frozenset({"a", "an", "the", "to", "at", "of", "in", "on", "for", "from", "with",
                             "by", "is", "are", "was", "were", "and", "or", "took", "after"})


# The first `name: value` or `name=value` pair of a text, after a space.
_FIRST_PAIR = re.compile(r"\ [A-Za-z_][\w.\-/]{0,40}(?::\ |=)", re.ASCII)


def _spaced_before_pairs(text: str) -> list[Found]:
    """The `name value` pairs of measures that start `text` before its first `name: value`
    pair, each a measure's (`loss 0.51 acc 0.81` of `loss 0.51 acc 0.81 elapsed: 12.0s`)."""
    first = _FIRST_PAIR.search(text)
    pairs = spaced_pairs(text[: first.start()]) if first is not None else None
    if not pairs or not all(names_a_measure(key) and type(value) is not int
                            for key, value, _ in pairs):
        return []
    return _phase_spread(pairs)


def _spaced_after_pairs(text: str) -> list[Found]:
    """The `name value` clauses after `text`'s first `name: value` pair, each between `|`,
    `;` or tabs (`Epoch 1/3 loss: 1.55 | lr 9.5e-04`), or after a comma a measure's or a
    learning rate's (`loss: 1.55, lr 9.5e-04`; not `loss: 0.5, took 3 s`)."""
    text = f" {text}"  # (the first pair may start it)
    first = _FIRST_PAIR.search(text)
    if first is None:
        return []
    found: list[Found] = []
    clauses = _SEPARATED.split(text[first.start() :])
    for separator, clause in zip(clauses[1::2], clauses[2::2]):
        match = None if ":" in clause or "=" in clause else _best_value(clause)
        if match is None:
            continue
        name, value = match.group(1).replace(" ", "_"), to_number(match.group(2))
        if type(value) is not int and is_metric_key(name) and (separator != "," or (
                name.lower() in RATES or names_a_measure(name))):
            found.append((name, value, None))
    return found


_SEPARATED = re.compile(r"([|\t;]|,(?!\d))")


def spaced_pairs(text: str) -> list[Found] | None:
    """``train loss 2.1234 test loss 2.2345``: names of up to four words, each followed by a
    number; None unless the whole text is such pairs."""
    pairs = _spaced_texts(text)
    return None if pairs is None else [(key, to_number(value), None) for key, value in pairs]


# Words that qualify the measures after them (`best: acc 0.9`), never a logger's name.
_QUALIFIER_WORDS = ("best|final|last|summary|results?|overall|total|average|avg|mean|params"
                    "|parameters|hparams|config|configuration|settings|args|arguments|options")


# A logger's name, `trainer`, `my_project.callbacks`.
_LOGGER_NAME = r"[A-Za-z_][\w\-]{0,40}(?:\.[A-Za-z_][\w\-]{0,40}){0,6}"


# A log line's prefix before its message: timestamps, a level, a source file, a rank, and the
# separators between them (`[2024-01-01 12:00:00] INFO: `, `INFO 2024-01-01 12:00:00
# trainer.py:120] `, `2024-01-01 12:00:00,123 - __main__ - INFO - `, loguru's `2024-01-01
# 12:00:00.123 | INFO     | __main__:train:42 - `, rich's `[12:00:00] INFO     `, RecBole's `02 Dec
# 14:24    INFO  `). Each part
# is bounded and the whole is tried once, at the start of the line.
_LOG_PART = (
    # a level, then a logger's name before `: ` and a word or between bars:
    # `%(levelname)s %(name)s: %(message)s`'s `INFO trainer: epoch 5 ...` (`[INFO]
    # my_project.trainer: `; not a phase, `INFO train: `, nor a qualifier, `best: `), Flask's
    # `INFO in app: ` (any module, `in train: `), `| INFO | mylogger | ` (fairseq's `| INFO |
    # train | ` is its tag's)
    r"\[?(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)\]?(?:"
    rf":?\ {{1,8}}(?!(?i:{_PHASE_WORDS}|{_QUALIFIER_WORDS}|epoch|ep|step|iter|iteration|it|batch"
    rf"|episode|round|fold|trial)(?![\w.\-])){_LOGGER_NAME}"
    rf"|\ {{1,8}}in\ {_LOGGER_NAME})"
    r"(?=:\ (?!(?i:nan|inf)\b)[A-Za-z\[({])"
    rf"|(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)\ {{0,8}}\|\ (?!(?i:{_PHASE_WORDS})\ )"
    rf"{_LOGGER_NAME}(?=\ {{1,8}}\|\ )"
    # or a logger's name padded before its level, the logging cookbook's `%(name)-12s
    # %(levelname)-8s %(message)s`: `myapp.area1  INFO     `
    rf"|{_LOGGER_NAME}(?=\ {{1,40}}(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):?\ )"
    r"|\[[^\]\[]{0,40}(?:\d\d:\d\d|INFO|DEBUG|WARN|ERROR|[Rr]ank\ ?\d|RANK\ ?\d)[^\]\[]{0,40}\]"
    # (`,`: open_clip's; `:`, lm-evaluation-harness' `2026-12-03:17:07:00`)
    r"|\d{4}[-/]\d\d[-/]\d\d(?:[ T,:]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?)?"
    r"|\d\d[-/]\d\d(?:[-/]\d{2,4})?[ T]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?"
    r"|\d\d:\d\d:\d\d(?:[.,]\d{1,9})?"
    # a month's name: RecBole's `02 Dec 14:24`, CVXPY's `Dec 02 02:00:21 PM`
    r"|(?:\d\d\ (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\ \d\d)\ \d\d:\d\d(?::\d\d)?(?:\ [AP]M)?"
    # or a level, then a logger's name and line, lm-evaluation-harness' `INFO     [evaluator:214]`
    # (after its level only: `[acc:91]` alone is a measure's)
    r"|(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)\ {1,8}\[[A-Za-z_][\w.]{0,80}:\d{1,9}\]"
    r"|(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|SUCCESS|TRACE)\b:?"  # (loguru's SUCCESS too)
    # absl: its thread's id (or Python's logging as glog, `%(levelname).1s%(asctime)s
    # %(process)d` with a `%m%d %H:%M:%S` date: no microseconds)
    r"|[IWEF]\d{4}\ \d\d:\d\d:\d\d(?:\.\d{1,9})?\ {1,4}\d{1,20}"
    # (or its level's letter before a whole date: `%(levelname).1s%(asctime)s`, DINOv2's
    # `I20240501 10:00:00 123 dinov2 helpers.py:102] `, with its process and logger's name)
    r"|[IWEF]\d{4}-?\d\d-?\d\d\ \d\d:\d\d:\d\d(?:[.,]\d{1,9})?"
    r"(?:\ \d{1,9}\ [\w.\-]{1,80}(?=\ [\w.\-]{1,80}\.py:\d))?"
    # a process id before the level, `%(asctime)s %(process)d %(levelname)s` (or the time in
    # seconds, `%(created).0f %(levelname)s`)
    r"|\d{1,13}(?=\ (?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\ )"
    # a module and its line in brackets right after another bracket, `[INFO][train:19]`; in
    # braces, Airflow's `{train.py:19}`
    r"|(?<=\])\[(?!(?i:epoch|ep|step|iter|iteration|it|batch|episode|round|fold|trial):)"
    r"[A-Za-z_][\w.]{0,80}:\d{1,9}\]|\{[\w.\-]{1,80}\.py:\d{1,9}\}"
    # (or a C++ program's, glog's `I1205 19:00:00.123456  1234 train.cc:42] `, Caffe's)
    r"|[\w.\-]{1,80}\.(?:py|cc|cpp|cxx|cu|c|h|hpp|go|rs):\d{1,9}\]?:?"
    r"|\[[\w.\-]{1,80}\.py:\d{1,9}\]"  # a source file in brackets, `[train.py:88]`
    r"|\([\w.\-]{1,80}\.py\ \d{1,9}\)"  # Swin Transformer's `(main.py 218)`
    # ESPnet's host in brackets before the date, `[host] 2024-01-01 12:00:00,123 `, and its
    # module and line in parentheses before the level, `(trainer:8) INFO: `
    r"|\[[\w.\-]{1,64}\](?=\ \d{4}-\d\d-\d\d\ )"
    r"|\([A-Za-z_][\w.]{0,80}:\d{1,9}\)(?=\ (?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\b)"
    r"|[A-Za-z_][\w.]{0,80}:[\w<>]{1,80}:\d{1,9}(?=\ -\ )"  # loguru's `__main__:train:42`
    # (or a dotted module and a line, YOLOX's `yolox.core.trainer:270`; not `Epoch:3 - `)
    r"|[A-Za-z_]\w{0,40}(?:\.[A-Za-z_]\w{0,40}){1,6}:\d{1,9}(?=\ -\ )"
    # (after loguru's `| `, `train:42 - `; `%(name)s:%(lineno)d` after a level, a time or
    # a bar: `[INFO ] trainer:13 - `, `| INFO | trainer:13 | `, `12:00:00 trainer:13 INFO `,
    # `INFO:trainer:13: `; not a counter's, `] epoch:3 - `)
    r"|(?:(?<=\]\ )|(?<=\|\ )|(?<=\d\ )|(?<=[A-Z]:))"
    r"(?!(?i:epoch|ep|step|iter|iteration|it|batch|episode|round|fold|trial)\b)"
    r"[A-Za-z_]\w{0,80}:\d{1,9}(?=\ -\ |\ \|\ |:\ |\ (?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)\ )"
    r"|(?:__main__|root)(?=\ {0,4}[-|:])"
    # any logger's name next to its level between ` - `, Python's logging cookbook's
    # `%(asctime)s - %(name)s - %(levelname)s - %(message)s` (or the level first)
    r"|[A-Za-z_][\w.]{0,80}(?=\ -\ (?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)\ -\ )"
    r"|(?:(?<=DEBUG\ -\ )|(?<=INFO\ -\ )|(?<=WARNING\ -\ )|(?<=WARN\ -\ )|(?<=ERROR\ -\ )"
    rf"|(?<=CRITICAL\ -\ ))(?!(?i:{_PHASE_WORDS})\ )[A-Za-z_][\w.]{{0,80}}(?=\ -\ )"  # (no phase)
    # a logger's dotted name before a bar, open_clip's `... | INFO | open_clip_train.train | `
    r"|[A-Za-z_]\w{0,40}(?:\.[A-Za-z_]\w{0,40}){1,6}(?=\ \|\ )"
    # or before `: ` and a word, jaxopt's `INFO: jaxopt.LBFGS: Iter: 1 ...`
    r"|[A-Za-z_]\w{0,40}(?:\.[A-Za-z_]\w{0,40}){1,6}:(?=\ (?!(?i:nan|inf))[A-Za-z])"
    r"|\[(?:__main__|root|[A-Za-z_]\w{0,40}(?:\.[A-Za-z_]\w{0,40}){1,6})\]"  # Hydra's `[__main__]`
    # or a tag in brackets before a counter, `[callback] step 4: ` (not a phase's, `[train]`)
    rf"|\[(?!(?i:{_PHASE_WORDS})\])[A-Za-z_][\w.\-]{{0,40}}\]"
    r"(?=\ (?i:step|epoch|iter|iteration|episode)\ \d)"
    # or any logger's name before Hydra's level, `[train][INFO] - `
    r"|\[[A-Za-z_][\w\-]{0,40}\](?=\[(?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\])"
    # a level of the program's own after the time, `logging.addLevelName(25, "METRIC")`'s
    # `12:00:00,123 METRIC trainer: ` (capitals, then a logger's name before `: ` and a word,
    # or the message's counter)
    r"|(?<=\d\ )(?:METRICS?|TRACE|NOTICE|SUCCESS|VERBOSE|FATAL|SPAM|RESULTS?)"
    rf"(?:\ {{1,8}}(?!(?i:{_PHASE_WORDS}|{_QUALIFIER_WORDS}|epoch|ep|step|iter|iteration|it"
    rf"|batch)(?![\w.\-])){_LOGGER_NAME}(?=:\ (?!(?i:nan|inf)\b)[A-Za-z\[(])"
    r"|(?=\ (?i:step|epoch|iter|iteration)\ \d))"
    # Django's verbose format after its time, `{module} {process:d} {thread:d} `
    # (a thread's id long, and no counter's word: not `epoch 3 60000 samples`)
    r"|(?<=\d\d:\d\d:\d\d,\d\d\d\ )(?!(?i:epoch|ep|step|iter|iteration|batch|episode)\ )"
    r"[A-Za-z_]\w{0,80}\ \d{1,9}\ \d{8,20}(?=\ )"
    # before the message's counter, a number (`%(relativeCreated)d`'s milliseconds) or a
    # level's number and a logger's name (`%(levelno)s %(name)s`): `20 trainer step 10 ...`
    rf"|(?<![\w.:\-])(?:\d{{1,9}}|[1-5]0\ (?!(?i:{_PHASE_WORDS}|{_QUALIFIER_WORDS})(?![\w.\-]))"
    r"[a-z_][\w.\-]{0,40})(?=\ (?i:step|epoch|iter|iteration)\ \d)"
    # a logger's fields as pairs, `| pid=4242 tid=1402... | `, `[trainer] line=44 `
    r"|(?<=[\]|\d]\ )(?:pid|tid|line|lineno|thread|process)=\d{1,20}(?=\ )"
)
# (Up to 40 spaces before it: rich's RichHandler leaves its time column blank when the time
# repeats; up to 8 around a separator: loguru pads its level, `INFO     | `.)
_LOG_PREFIX = re.compile(
    rf"\ {{0,40}}(?:(?:{_LOG_PART})(?:\ {{0,8}}[-|:]\ )?\ {{0,8}}){{1,8}}", re.ASCII)


# A prefix's last part that may be a measure's pair after all: `[INFO] acc:91 | loss:2`.
_NAME_AND_LINE = re.compile(r"([A-Za-z_]\w{0,80}):\d{1,9}:?\ {0,8}(?:[-|]\ {1,8})?\Z", re.ASCII)


# A log line's level, where any prefix may stand before it: `2026-12-05 13:14:32,005 - <module>
# - INFO - `, `... /path/train.py:35 INFO `, coloredlogs' `... host __main__[26186] INFO `,
# structlog's `... [info     ] ` (within the first 160 characters only).
_LEVEL = re.compile(
    r"(?<![\w.\-])(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|SUCCESS|TRACE|NOTICE)(?![\w.\-])"
    r"|\[(?:debug|info|warning|warn|error|critical)\ {0,8}\]", re.ASCII)
# The parts of what stands around it: a time or a date (`13:15:13,649`, `2026-12-05T13:16:28
# .57+0000`, `0:00:00.043`), a number (a process id), something in brackets, a separator, a
# logger's or a source's name (`__main__`, `myapp.trainer`, `__main__[26186]`, `<module>`,
# `matrix3:35`, `__main__:<module>:21`, `/x/train.py:35`), a plain word (a host's name).
_PREFIX_TOKEN = re.compile(
    r"\ *(?:(?P<time>\d[\dT:\-+.,/Z]*)|(?P<bracket>\[[^\]=]{0,60}\]|\([^)=]{0,60}\))"
    r"|(?P<sep>[-|:>]{1,3}(?=\ |$))"  # (Spring Boot's `---`)
    # (a Rust module's path, tracing's `INFO mnist_train::trainer: `)
    r"|(?P<name>(?:[A-Za-z_<>/]|\.{1,2}/)[\w.<>/\-]{0,80}(?:\[\d{1,9}\])?(?:::\w{1,80}){0,6}"
    r"(?::[\w<>]{1,80}){0,2}:?)"
    r")", re.ASCII)
_PLAIN_WORD = re.compile(r"[A-Za-z]{1,40}:?", re.ASCII)
# The words of a run's counters, which no log prefix holds.
_RUN_COUNTER_WORDS = "epoch|ep|step|steps|iter|iteration|it|batch|episode|round|fold|trial"
_COUNTER_IN_PREFIX = re.compile(rf"(?<![A-Za-z])(?i:{_RUN_COUNTER_WORDS})(?![A-Za-z])", re.ASCII)
# After the level, a logger's name that may be a word of the message too: only before `: `,
# ` - ` or ` | `, and not a phase, a qualifier or a counter (`INFO train: ` is the phase's).
_NAMED_AFTER_LEVEL = re.compile(
    rf"\ {{0,8}}(?!(?i:{_PHASE_WORDS}|{_QUALIFIER_WORDS}|{_RUN_COUNTER_WORDS})(?![\w.\-]))"
    r"[A-Za-z_][\w\-]{0,40}(?::\ |\ {1,8}[-|]\ )"
    r"(?=[A-Za-z\[({])(?!(?i:nan|inf)\b)",  # (not a pair, `INFO loss: 0.52`)
    re.ASCII)


# In brackets after the level: a time (`INFO     [2026-12-05 13:15:13,651] `), a source's line
# (`[evaluator:214]`); not a line's counters, BasicSR's `INFO: [001_M..][epoch:  0, iter: 10`.
# (and its function, DeepSpeed's `[engine.py:1234:train_batch]`), or in parentheses (`(%(module)s:
# %(lineno)d)`'s `(train:44)`), a thread's name (`[MainThread]`), a logger's dotted name
# (`[trainer.loop]`).
_BRACKETED_AFTER_LEVEL = re.compile(
    r"\[[^\]]{0,30}\d\d:\d\d[^\]]{0,30}\]"
    r"|(?=.(?!(?i:epoch|ep|step|iter|iteration|it|batch|episode|round|fold|trial)\b))"
    r"(?:\[[A-Za-z_][\w.]{0,80}:\d{1,9}(?::[\w<>]{1,80})?\]|\([A-Za-z_][\w.]{0,80}:\d{1,9}\))"
    r"|\[(?:MainThread|MainProcess|Thread-\d{1,6}(?:\ \(\w{1,60}\))?)\]"
    r"|\[(?:__main__|root|[A-Za-z_]\w{0,40}(?:\.[A-Za-z_]\w{0,40}){1,6})\]",
    re.ASCII)
_WORD_AFTER = re.compile(r"\ {1,8}(?=[A-Za-z\[({])(?!(?i:nan|inf)\b)", re.ASCII)
# After the level, Java's loggers: log4j's `INFO  [main] c.e.Trainer - `, Spring Boot's `INFO
# 1234 --- [           main] c.e.Trainer : ` (its process, then its application's name and
# its thread in brackets, then the logger: a class's dotted name)
_JAVA_AFTER_LEVEL = re.compile(
    r"(?:\ {1,8}\d{1,9}\ {1,4}---)?(?:\ {0,8}\[[^\]\[]{0,60}\]){1,2}\ {1,8}"
    r"[A-Za-z_$][\w$]{0,80}(?:\.[A-Za-z_$][\w$]{0,80}){1,8}\ {1,40}[:\-]\ +(?=[A-Za-z\[(])",
    re.ASCII)  # (a space before its `:` or `-`: `INFO [model] val.accuracy: 0.91` is a pair's)


_THREAD_NAMES = frozenset({"MainThread", "MainProcess"})
_SECONDS = re.compile(r"\d{1,12}\.\d{1,9}", re.ASCII)
# A logging format's time and thread with no level, `%(relativeCreated)6d %(threadName)s`.
_TIME_AND_THREAD = re.compile(r"\ {0,12}\d{1,12}(?:\.\d{1,9})?\ +(?:MainThread|Thread-\d{1,6}"
                              r"(?:\ \(\w{1,60}\))?)\ +(?=\S)", re.ASCII)


def _level_prefix_end(line: str) -> int:
    """Where the message starts after a log prefix found by its level (0 if none): the parts
    before the level are a prefix's (a time, a date or a logger's name among them), and after
    it a separator and a logger's or a source's name."""
    level = _LEVEL.search(line, 0, 160)
    if level is None:
        return 0
    strong = False
    at, start = 0, level.start()
    count = 0
    while at < start:
        if line[at] in " \t":  # (Ray's `%(asctime)s\t%(levelname)s`)
            at += 1
            continue
        if at == start - 1 and line[at] == "[" and count:
            break  # the level's own bracket, gunicorn's `[...] [4242] [INFO] `
        token = _PREFIX_TOKEN.match(line, at, start)
        if token is None or token.end() == at:
            return 0
        at = token.end()
        count += 1
        text = token.group().strip()
        if _COUNTER_IN_PREFIX.search(text) is not None:
            return 0  # `... | step 200 | INFO | loss=0.5`: the line's counter, not a prefix's
        if token.group("time") is not None:
            # (or logging's `%(created)f`, `%(relativeCreated)07.1f`: seconds, milliseconds)
            strong = strong or ":" in text or "-" in text or _SECONDS.fullmatch(text) is not None
        elif token.group("bracket") is not None:
            strong = True
        elif token.group("name") is not None and (_PLAIN_WORD.fullmatch(text) is None
                                                  or text in _THREAD_NAMES):
            strong = True  # (or logging's thread name: `    98 MainThread INFO ...`)
    if count > 8 or (count and not strong) or line[start - 1 : start] not in ("", " ", ":", "[",
                                                                              "|", "]", "\t"):
        return 0
    end = level.end()
    if line[end : end + 1] in ("]", ":"):
        end += 1  # `[INFO]`, `%(asctime)s:%(levelname)s:%(message)s`
    java = _JAVA_AFTER_LEVEL.match(line, end)
    if java is not None:  # a thread in brackets, then a class's logger
        return java.end()
    colons = line[end - 1 : end] == ":"  # (`%(asctime)s:%(levelname)s:%(name)s:%(message)s`)
    parts = 0
    while parts < 3:  # what follows the level: a separator, a logger's name, a source's
        token = _PREFIX_TOKEN.match(line, end)
        if token is None:
            break
        text = token.group().strip()
        if (token.group("time") is not None and text.isdigit() or text in _THREAD_NAMES) and (
                line.startswith(" | ", token.end())):
            # (loguru's `{process}` and `{thread.name}` between bars, `| 4242 | MainThread | `:
            # no parts)
            end = token.end() + 2
            continue
        parts += 1
        if token.group("sep") is not None or token.group("bracket") is not None and (
                _BRACKETED_AFTER_LEVEL.fullmatch(text) is not None):
            end = token.end()
            continue
        name = token.group("name")
        if colons and name is not None and (
                counter := _COUNTER_AFTER_COLON.search(name)) is not None:
            end = token.start("name") + counter.end()  # `INFO:root:step 10 ...`: the message's
            break
        if name is not None and name[-1:] == ":" and _WORD_AFTER.match(line, token.end()) is None:
            break  # a pair's name, `INFO: loss.train: nan`
        if name is not None and (held := name.rpartition(":"))[2].isdigit() and names_a_measure(
                held[0]):
            break  # a measure's pair, not a logger's name and line: `[INFO] mAP:50 | recall:60`
        if name is not None and _PLAIN_WORD.fullmatch(name) is None and (
                name.startswith("__main__") or "." in name or ":" in name.rstrip(":")
                or "<" in name or "[" in name) and line[token.end() : token.end() + 1] in (
                    " ", "") and not (name[:1] in "EeIiSs" and _COUNTER_IN_PREFIX.match(name)):
            # (a logger's, `__main__[26186]`; not Ignite's counter, `Epoch[2] Iteration[5/20]`)
            end = token.end()
            continue
        if name is not None and name.rstrip(":") in ("__main__", "root"):
            end = token.end()
            continue
        named = _NAMED_AFTER_LEVEL.match(line, end)
        if named is None and (named := _NAMED_BEFORE_COUNTER.match(line, end)) is not None and (
                names_a_measure(named.group().strip())):
            named = None
        if named is not None:
            end = named.end()
        break
    return end + len(line[end:]) - len(line[end:].lstrip(" "))


# A counter word after a colon in what reads as a logger's name: `root:step`.
_COUNTER_AFTER_COLON = re.compile(rf":(?=(?i:{_RUN_COUNTER_WORDS})(?![A-Za-z]))", re.ASCII)
# After the level, a logger's name in lower case before the message's counter, `%(levelname)s
# %(name)s %(message)s`'s `INFO trainer step 10 ...`, `INFO trainer [step 10/50]: ...` (not a
# phase, a qualifier, a counter or a measure: `INFO train step 10`, `INFO loss step 10: 0.5`).
_NAMED_BEFORE_COUNTER = re.compile(
    rf"\ {{0,8}}(?!(?i:{_PHASE_WORDS}|{_QUALIFIER_WORDS}|{_RUN_COUNTER_WORDS})(?![\w.\-]))"
    r"[a-z_][\w.\-]{0,40}(?=\ {1,8}\[?(?i:step|epoch|iter|iteration)[\ :=]{0,2}\d)", re.ASCII)


# The latest line given to `message` and its message (the rules ask for it of one line often).
_LATEST_MESSAGE: list[tuple[str, str]] = [("", "")]


_DOTS = re.compile(r"\.{3,4000}\ {1,8}(?=(?i:epoch|ep|step|iter|iteration|it|batch|episode)\ )",
                   re.ASCII)


def message(line: str) -> str:
    """The line after its log prefix (the whole line when it has none); a structlog key=value
    line's quoted `event` message first, then its other fields."""
    latest = _LATEST_MESSAGE[0]
    if latest[0] == line:
        return latest[1]
    text = _message(line)
    if text[:1] in "sSiI" and (aside := _EPOCH_ASIDE.match(text)) is not None:
        text = text[: aside.end(1)] + text[aside.end() :]
    elif text[:1] in ">=-*" and (arrow := _EVALUATION_ARROW.match(text)) is not None:
        text = text[arrow.end() :]
    _LATEST_MESSAGE[0] = (line, text)
    return text


# An arrow pointing at an evaluation's line, `>>> eval at step 200: loss 2.1`, `=> val loss at
# step 200: 2.1`: the line read as without it.
_EVALUATION_ARROW = re.compile(
    r"(?:>{1,3}|=>|-{1,2}>|(-{3}|\*{3}))\ {1,4}"
    r"(?=(?i:eval|evaluation|val|valid|validation|test|dev)[\ :])"
    # (a banner's marks only before a line of its own, not a heading's frame, `--- Validation
    # ---`, nor a framed result's)
    r"(?(1)(?![^\n]*(?:-{3}|\*{3})\s*$))",
    re.ASCII)
# The epoch (or the share done) beside a hand-written loop's step counter, `step 40 (epoch
# 0.50): loss 0.99`, `step 40, epoch 0.50: ...`, `step 40 [epoch 0.50] ...`, `Step 40 (0.50
# epochs): ...`, `step 40 (12.3%): ...`: neither a metric nor the step (the counter is), the
# line read as without it.
_EPOCH_ASIDE = re.compile(
    r"((?i:step|iter|iteration|it)\ {1,4}\d{1,18}(?:/\d{1,18})?)"
    r"(?:\ \((?:(?i:epoch|ep)\ {1,4}\d{1,9}(?:\.\d{1,9}|/\d{1,9})?|\d{1,9}(?:\.\d{1,9})?"
    r"\ (?i:epochs?)|\d{1,3}(?:\.\d{1,4})?%)\)"
    r"|\ \[(?i:epoch|ep)\ {1,4}\d{1,9}(?:\.\d{1,9}|/\d{1,9})?\]"
    r"|,\ (?i:epoch|ep)\ {1,4}\d{1,9}\.\d{1,9})(?=:|\ )", re.ASCII)


# A numbered outer loop in brackets (a seed's, a fold's, a run's), then a counter.
_LABEL_NAMES = re.compile(r"([A-Za-z][\w.\-]{0,20})=", re.ASCII)


def _a_label_setting(name: str) -> bool:
    """Whether a name in a sweep's label is a setting's (`lr`, `wd`, `seed`), not a value's."""
    lower = name.lower()
    return lower in RATES or lower in HYPERPARAMETERS or lower in ("wd", "bs") or not (
        is_metric_key(name))
_OUTER_LOOP = re.compile(
    r"[\[(](?:(?!(?i:step|iter|batch|epoch|ep)\b)[A-Za-z]{1,12}[\ =:_#]{0,2}\d{1,6}(?:/\d{1,6})?"
    # (or a sweep's settings, `[lr=0.1] epoch 1 loss 0.19`, `(lr=0.1, wd=1e-4) epoch 1 ...`:
    # the run's label, no metrics)
    r"|[A-Za-z][\w.\-]{0,20}=[-+]?[\d.][\w.\-+]{0,14}(?:,?\ [A-Za-z][\w.\-]{0,20}=[-+]?[\d.][\w.\-+]{0,14}){0,5})"
    r"[\])]:?\ {0,4}(?=(?i:global_step|step|iteration|iter|epoch|ep)[\ =:\[])")


# A repeated run's number before the counter, unbracketed, as OGB's and PyG's examples print
# it (`Run: 01, Epoch: 01, Loss: 1.3868`, `Repeat: 1, Epoch: 1`, `Split: 3, Epoch: 1`, `Exp 3 |
# Epoch 1`, `run 1 epoch 1 loss 4.39`): an outer loop's, as a fold's, no metric.
_OUTER_COUNTER = re.compile(
    r"(?i:run|repeat|rep|split|exp|seed|trial)(?::\ {0,4}|\ {1,4}|=)\d{1,6}(?:/\d{1,6})?"
    # (a trial's settings after it, `Trial 0 (lr=0.1, wd=0.0001): epoch 1 val_loss 1.0`)
    r"(?:\ \([A-Za-z][\w.\-]{0,20}=[-+]?[\d.][\w.\-+]{0,14}"
    r"(?:,?\ [A-Za-z][\w.\-]{0,20}=[-+]?[\d.][\w.\-+]{0,14}){0,7}\):?)?"
    r"(?:,\ {1,4}|\ {1,4}\|\ {1,4}|\ {1,4})(?=(?i:epoch|ep)[\ :=])", re.ASCII)


# structlog's KeyValueRenderer and LogfmtRenderer: the message quoted as the `event` field among
# the others, `timestamp='...' level='info' event='step 10 loss=2.5 acc=0.4' run='exp-7'`.
_FIELDS_FIRST = re.compile(r"[a-z_]{1,40}=", re.ASCII)
_EVENT_FIELD = re.compile(r"(?<![^\ ])event=(?:\"([^\"\\]{0,4000})\"|'([^'\\]{0,4000})')(?=\ |$)",
                          re.ASCII)


def _message(line: str) -> str:
    if len(line) < 8:
        return line
    if "event=" in line and _FIELDS_FIRST.match(line) is not None and (
            event := _EVENT_FIELD.search(line)) is not None:
        said = event.group(1) if event.group(1) is not None else event.group(2)
        if any(c.isdigit() for c in said):
            # the message with its own counter and pairs first (no quote left at its last
            # value), then the other fields: not a suffix of the line
            rest = f"{line[: event.start()]}{line[event.end() :]}".strip(" ")
            return f"{said} | {rest}" if rest else said
    if line[:1] == "[" and "%] " in line[2:7] and (
            share := line[1 : line.index("%] ", 2)].lstrip(" ")).isdigit() and len(share) <= 3:
        # a share done in brackets first, as CMake prints its progress: `[ 10%] epoch 1 | ...`
        # (unpadded too, `printf("[%d%%] ...")`'s `[10%] epoch 1`)
        return _message(line[line.index("%] ", 2) + 3 :].lstrip(" "))
    if line[:1] in "[(" and (outer := _OUTER_LOOP.match(line)) is not None and (
            "=" not in outer.group() or all(map(_a_label_setting, _LABEL_NAMES.findall(
                outer.group())))):  # (a measure in brackets, `[loss=0.41] step 100`, is one)
        # an outer loop's label before the line's counter, `[seed 0] step 100 loss=0.5`,
        # `(fold 2) epoch 3 ...`: the counter is the line's step, as without it
        return _message(line[outer.end():])
    if line[:1] in "RrSsEeTt" and (outer := _OUTER_COUNTER.match(line)) is not None:
        # (`Run: 01, Epoch: 01, Loss: 1.3868`: the epoch is the line's step, as `Fold 2 Epoch 3`)
        return _message(line[outer.end():])
    if line[:3] == "..." and (dots := _DOTS.match(line)) is not None:
        return line[dots.end():]  # (a dot a batch, then the epoch's line: `..... epoch 1 ...`)
    if "Thread" in line[:40] and (threaded := _TIME_AND_THREAD.match(line)) is not None and (
            _LEVEL.match(line, threaded.end()) is None):
        return line[threaded.end():]
    prefix = _LOG_PREFIX.match(line) if line[:1] in "[0123456789DIWEFCr_ JMASON" else None
    by_level = _level_prefix_end(line) if (
        "INFO" in line or "[info" in line or "DEBUG" in line or "WARN" in line
        or "ERROR" in line or "[debug" in line or "SUCCESS" in line or "[warn" in line
        or "CRITICAL" in line or "[error" in line or "[critical" in line or "TRACE" in line
        or "NOTICE" in line) else 0
    if prefix is None or by_level > prefix.end():
        return line[by_level:] if by_level else line
    end = prefix.end()
    colon = line.rfind(":", 0, end - 1)  # (the one between a name and a line number)
    while colon > 0 and not line[colon + 1 : colon + 2].isdigit():
        colon = line.rfind(":", 0, colon)
    if colon > 0:
        start = max(line.rfind(" ", 0, colon), line.rfind("]", 0, colon),
                    line.rfind("|", 0, colon), line.rfind(":", 0, colon)) + 1
        named = _NAME_AND_LINE.match(line, start, end)
        if named is not None and names_a_measure(named.group(1)):
            end = start  # (a measure's name, not `%(name)s:%(lineno)d`)
    return line[end:]


def _phase_spread(pairs: list[Found]) -> list[Found]:
    """A clause's `name value` pairs, the phase that starts the first name naming the bare
    measures after it: `train loss 0.41 acc 0.82` is train_loss and train_acc (as `val loss
    0.49 acc 0.79` in the next clause is val_loss and val_acc); `lr` stays lr."""
    phase = pairs[0][0].split("_", 1)[0]
    if phase.lower() not in PHASES or phase == pairs[0][0]:
        return pairs
    return [pairs[0], *((f"{phase}_{key}" if names_a_measure(key) and not phased(key) else key,
                         value, step) for key, value, step in pairs[1:])]


# A learning rate's names: no measure, but a curve people follow beside the measures.
RATES = frozenset({"lr", "learning_rate"})


def measured(pairs: list[Found]) -> list[Found]:
    """The pairs that name a measure or a learning rate: what `name value` pairs with no
    counter before them may be (`Using GPU 0 | torch 2.3 score 1.0` is only score)."""
    return [pair for pair in pairs if names_a_measure(pair[0]) or pair[0].lower() in RATES]


_ARROW = re.compile(r"\s{0,8}(?:[=\-]{1,8}>|>{1,3})\ {1,4}(?=[A-Za-z\[(])", re.ASCII)


# A measure's name, then the counter it is at, then its value: Flax's basics guide's
# `print(f'Loss step {i}: ', loss_val)`, `Loss step 10:  0.8679923`.
_MEASURE_AT_COUNTER = re.compile(
    rf"\s{{0,8}}([A-Za-z][\w\-]{{0,30}}(?:\ [A-Za-z][\w\-]{{0,30}}){{0,2}})"
    rf"\ (step|iter|iteration|epoch)\ (\d{{1,18}}):\s{{1,8}}({NUMBER})\s*", re.ASCII | re.IGNORECASE)


# (mlpack's L-BFGS ends its line with the objective's relative decrease, unnamed: `, 0.84.`)
_UNNAMED_LAST = re.compile(rf",\ (?:{NUMBER})\.?\s*$", re.ASCII)


# An optimizer's name before the counter: the line as without it (its counter is the step).
# Hand-written optimization loops' `LBFGS iter   1/15 | loss 5.48`, `L-BFGS step 3: loss=0.5`,
# `Newton iter 3: f=0.5`, `adam iter 3 loss 0.5` (a name of the list, any line after); mlpack's
# and ensmallen's `L-BFGS iteration 1; objective 2.88, gradient norm 4.8, 0.84.` (mlpack's older
# L-BFGS), `SGD: iteration 200, objective 0.5.`, `Big-batch SGD: ...`, `PSO: iteration 3:
# objective 0.5.`, `KMeans::Cluster(): iteration 2, residual 1.` (any capitalised name, known
# by the objective or residual after the counter).
_OPTIMIZER_BEFORE_COUNTER = re.compile(
    r"(?i:l-?bfgs(?:-b)?|bfgs|newton(?:-cg)?|gauss-newton|levenberg-marquardt|cg|gd|sgd|adam"
    r"|adamw|nadam|radam|adamax|adagrad|adadelta|rmsprop|lion|lamb|lars|adafactor|sophia|muon"
    r"|shampoo|momentum|nesterov|trust-ncg|trust-krylov|trust-exact|trust-constr|slsqp|cobyla"
    r"|cobyqa|nelder-mead|powell|tnc|irls|admm)"
    # (not a label's, `SGD: step 10 loss 0.9` beside `Adam: step 10 ...`: two runs compared)
    r"\ (?=(?i:iter|iteration|it|step)\ {1,4}\d)"
    r"|[A-Z][\w\-]{0,20}(?:\ [A-Za-z][\w\-]{0,20}){0,2}(?:::[A-Za-z]\w{0,30}\(\))?:?\ "
    r"(?=iteration\ \d{1,18}[,;:]\ (?:objective|residual)\ )", re.ASCII)
# A label before the line's counter, a loop of the program's own (`LR finder: iter 1/20 lr=2e-07
# loss=2.25`, `SGD: step 10 loss 0.9` beside `Adam: step 10 loss 0.8`, `lr_find iter 5
# loss=2.25`): its label, a colon, the counter's word, its number and its total.
_LABEL_BEFORE_COUNTER = re.compile(
    r"\s{0,8}([A-Za-z][\w\-]{0,20}(?:\ [A-Za-z][\w\-]{0,20}){0,2})(:?)\ {1,4}"
    r"((?i:step|iter|iteration|epoch|episode))\ {1,4}(\d{1,18})(/\d{1,18})?(?=[:,]?\ +[A-Za-z])",
    re.ASCII)
# A finder's sweep without a colon, `lr_find iter 5 loss=2.25`, `Finder iter 5 loss 2.25`.
_SWEEP_LABEL = re.compile(r"(?i:lr[_\ ]?find(?:er)?|finder|range[_\ ]test)")
# A numbered stage's or outer loop's label, `Stage1: epoch 5 loss=2.25`, as `Stage 1: epoch 5`:
# the epochs in it keep theirs, no series of its own.
_NUMBERED_STAGE = re.compile(r"(?i:stage|phase|fold|run|round|trial|seed|repeat)\d{1,4}", re.ASCII)


def labelled_counter(text: str) -> tuple[str, str, str, int] | None:
    """A label before the line's counter: the prefix of the names after it (`LR_finder/`, ''
    for a numbered stage's), the line as its counter and pairs alone (`iter 1 lr=2e-07
    loss=2.25`), the counter's key where it is the step (not an evaluation's `eval step 3/50`,
    its place in the evaluation: '') and its number; else None. A phase's word without a total is the phase rules'
    (`train: step 1 loss 0.51`, `eval step 500 loss=0.4`)."""
    match = _LABEL_BEFORE_COUNTER.match(text)
    if match is None:
        return None
    label, colon, word, count, total = match.groups()
    first = label.split(" ", 1)[0].lower()
    rest = text[match.end():]
    if first in PHASES or label.lower() in PHASES:
        if not total or " " in label or not colon and rest[:1] in ":," and first not in TRAINING:
            return None  # (`Validation step 3/50: loss=0.4`: the phase counter's rule's)
        # `train step 50/500 loss=0.9`, `train: iter 5/20 loss=2.25`: as without the total; an
        # evaluation's counter with its total is its place in the evaluation, the measures at
        # the training's step
        between = first in _BETWEEN_STEPS or first in ("test", "testing")
        return "", f"{text[: match.start(4)]}{count}{rest}", "" if (
            between and word.lower() != "epoch") else word.lower(), int(count)
    if not colon and _SWEEP_LABEL.fullmatch(label) is None:
        return None  # (`teacher epoch 3`, `LBFGS iter 3`: the line's own rules)
    if first in _NOT_A_STAGE or first in ("info", "debug", "warning", "note") or (
            first in STEP_NAMES or first in ("epoch", "ep", "episode", "batch")) or (
            _OPTIMIZER_BEFORE_COUNTER.match(text) is not None):
        return None  # (mlpack's `SGD: iteration 200, objective 0.5.`, one loop's)
    prefix = "" if _NUMBERED_STAGE.fullmatch(label) else label.replace(" ", "_") + "/"
    return prefix, f"{word} {count}{rest}", word.lower(), int(count)


def _relabelled(key: str, prefix: str, stepped: str) -> str | None:
    """A name on a labelled counter's line under its label (a counter's as printed), or None
    for a counter that is no step of the run's."""
    if key.lower() in STEP_NAMES:
        return key if stepped else None
    return key if key == _DROPPED else prefix + key


# A graph data set's statistics, as PyG's introduction prints them: `Average node degree: 4.59`,
# `Training node label rate: 0.12`, no metrics.
_GRAPH_STATISTIC = re.compile(
    r"\s{0,8}(?i:average\ node\ degree|training\ node\ label\ rate|number\ of\ (?:training\ )?"
    r"(?:nodes|edges|node\ features|graphs|classes))\s{0,4}[:=]", re.ASCII)
# Counts of examples beside a measure, whole numbers: `correct 189 | total 200`,
# `samples_seen=800`, `Samples seen: 800.`, `n_correct: 9812, n_total: 10000`.
# (`correct` and `total` together only: conlleval's `correct: 4.` alone is its measure's)
_COUNT_NAME = re.compile(
    r"((?i:n_|number_of_)(?i:correct|total|samples|seen)|(?i:samples?_seen|examples?_seen))"
    r"|(?i:correct|total)", re.ASCII)


def _a_count(key: str, line: str) -> bool:
    """Whether `key`, a whole number's name on `line`, names a count of examples."""
    match = _COUNT_NAME.fullmatch(key)
    return match is not None and (match.group(1) is not None or (
        "orrect" in line and "otal" in line))
# (a cheap test before the regex: a counter's word after a label's)
_COUNTER_GATE = re.compile(r"\w:?\ {1,4}(?i:step|iter|epoch|episode)\ ", re.ASCII)


# A parenthesis after a value that holds its step's time and a speed, llm.c's fp32 trainer's
# `step 1/20: train loss 4.36 (19.1 ms, 13349 tok/s)`: an aside, as `(120 ms)` is.
_TIMING_ASIDE = re.compile(
    r"\ \(\ {0,2}\d{1,9}(?:\.\d{1,9})?\ ?(?:ms|s|sec),\ {1,2}\d{1,12}(?:\.\d{1,9})?[kKM]?\ ?"
    r"[A-Za-z]{1,12}/(?:s|sec)\ {0,2}\)", re.ASCII)
# A norm between bars, its clause between bars: `iter 3 | loss 0.5 | |g| 2.6e-04`.
_NORM = r"\|{1,2}[A-Za-z][\w.]{0,20}\|{1,2}"
_NORM_VALUE = re.compile(rf"\s{{0,8}}({_NORM})\ {{1,4}}({NUMBER})\s*", re.ASCII)
# (the separators of clauses, or such a norm before its value, whose bars separate none)
_NORM_BEFORE_VALUE = rf"{_NORM}(?=\ ?[:=]|\ {{1,4}}[-+]?\.?\d)"
_NORM_NAMED = re.compile(_NORM_BEFORE_VALUE, re.ASCII)
_CLAUSE_OR_NORM = re.compile(rf"({_NORM_BEFORE_VALUE})|[|\t;]|,(?!\d)|\ -\ ", re.ASCII)
# A step's time in milliseconds, `name: value` with its unit, a clause of its own between bars:
# `| dt: 30.31ms |`, `| step_time: 345ms |` (not a clock's total, kuangliu's `| Tot: 1s |`, nor
# an epoch's, word_language_model's `| time:  5.00s |`).
_TIMED_PAIR = re.compile(
    rf"\s{{0,8}}((?i:dt|time|[A-Za-z]{{1,20}}_time)):\ {{1,4}}({NUMBER})ms\s*", re.ASCII)


def _clauses(text: str) -> list[str]:
    """`text` split into clauses (`_CLAUSES`), a norm's bars kept in its clause (`|g|`)."""
    if "|" not in text or _NORM_NAMED.search(text) is None:
        return _CLAUSES.split(text)
    clauses: list[str] = []
    start = 0
    for match in _CLAUSE_OR_NORM.finditer(text):
        if match.group(1) is None:
            clauses.append(text[start : match.start()])
            start = match.end()
    clauses.append(text[start:])
    return clauses


_BOX_CLAUSE_BARS = str.maketrans("│┃", "||")


def parse_name_value(line: str) -> list[Found]:
    """``it 200 | train_loss 0.3 | val_loss 0.35`` (fairseq, hand-written loops): `name value`
    clauses between `|` or tabs (a value may carry `%`, `ms` or `s`); and a leading counter
    (`step 100: loss 0.4`, `[100]`, `100:`) as the line's step. fairseq's `valid on 'valid'
    subset` prefixes the names after it (`valid_loss`). A log line's prefix (a timestamp, a
    level) is not part of its message."""
    if _ANY_NUMBER.search(line) is None:
        return []  # prose: no number, no value
    line = message(line)
    if error_message(line):
        return []
    if ("│" in line or "┃" in line) and line.lstrip()[:1] not in "│┃" and (
            line.rstrip()[-1:] not in "│┃"):
        # box-drawing bars between the clauses, `Epoch 1/5 │ loss 0.90 │ acc 73.10%`, as `|`
        # (not a table's row between its box's bars, the table rules')
        line = line.translate(_BOX_CLAUSE_BARS)
    relabelled = labelled_counter(line) if _COUNTER_GATE.search(line, 0, 80) else None
    if relabelled is not None:
        prefix, line, stepped, number = relabelled
        read = [(name, value, step) for key, value, step in parse_name_value(line)
                if (name := _relabelled(key, prefix, stepped)) is not None]
        if all(key.lower() in STEP_NAMES for key, _, _ in read):
            return []  # (the pairs are the key_value rule's, `Stage1: epoch 5 loss=2.25`)
        if not stepped or any(key.lower() in STEP_NAMES for key, _, _ in read):
            return read
        return [("step" if stepped in STEP_NAMES else stepped, number, None), *read]
    if line[:1].isalpha() and (" iter" in line[:60] or " step " in line[:30]) and (
            named := _OPTIMIZER_BEFORE_COUNTER.match(line)) is not None:
        line = line[named.end():]  # `LBFGS iter 3/15 | loss 0.5`: the line as without it
    if line[:10] in ("iteration ", "Iteration ") and "; objective " in line[:40]:
        line = _UNNAMED_LAST.sub(".", line)
    worded = _WORD_BEFORE_EPOCH.match(line) if "poch " in line[:40] else None
    if worded is not None and worded.group(1).lower() not in PHASES | _NOT_A_STAGE:
        # `teacher epoch 3: loss=0.2`, `SSL epoch 3: ...`: a stage of the program's own
        # before the epoch, which is the line's step as without it
        line = line[worded.end() :]
    if line[:1] in "[(" and (epoch_first := _EPOCH_BEFORE_STEP.match(line)) is not None:
        # `[Epoch 2] step 500 | loss 0.45`, `(Epoch 1) global step 240 loss 0.1`: the step of
        # the line's own after its epoch, as without the brackets
        line = f"{epoch_first.group(1)} {line[epoch_first.end():]}"
    if line[:1] in "Ee" and (global_after := _EPOCH_THEN_GLOBAL.match(line)) is not None and (
            read := parse_name_value(line[global_after.end() :])):
        # `Epoch 5, global step 2100: loss 0.5`: the global step is the line's step, as without
        # the epoch before it (`(Epoch 5) global step 2100: ...` too)
        return read
    if line[:1] == " " and (lead_count := _BARE_COUNT.match(line)) is not None and (
            lead_count.group(2).lower() in PHASES or names_a_measure(lead_count.group(2))):
        # a count alone before measures' `name value` pairs, candle's mnist-training
        # `{epoch:4} train loss {:8.5} test acc: {:5.2}%`: the line's step
        rest = line[lead_count.end():]
        first = _FIRST_PAIR.search(rest)
        # (the `name value` pairs before the first `name: value`, its name's words left to it)
        pairs = spaced_pairs(rest if first is None else _WORDS_AT_END.sub("", rest[: first.start()]))
        if pairs and all(names_a_measure(key) and type(value) is not int for key, value, _ in pairs):
            return [("step", int(lead_count.group(1)), None), *_phase_spread(pairs)]
    at_counter = _MEASURE_AT_COUNTER.fullmatch(line)
    if at_counter is not None and names_a_measure(at_counter.group(1).replace(" ", "_")):
        name, word, count, value = at_counter.groups()
        return [("epoch" if word.lower() == "epoch" else "step", int(count), None),
                (name.replace(" ", "_"), to_number(value), None)]
    if line[:1] in " >=-":
        arrow = _ARROW.match(line)  # `>> train loss 0.5 | train acc 0.8`: a pointer, no name's
        if arrow is not None:
            line = line[arrow.end():]
    label = _PHASE_LABEL.match(line) if line[:1] in " [(-" else None
    if label is not None and (label.group(1) or label.group(2)).lower() in PHASES:
        # `[train] epoch 3 loss 0.41`: every measure of the line is the phase's, as the
        # key_value rule names `[train] step: 25, loss: 2.40`'s
        phase = label.group(1) or label.group(2)
        return [(key if key.lower() in STEP_NAMES or phased(key) else f"{phase}_{key}", value,
                 step)
                for key, value, step in parse_name_value(line[label.end():])]
    if (":" in line or "=" in line) and _phase_counter(line) is not None and len(
            key_value_pairs(line)) > 1:
        return []  # `Epoch 1 val: loss 1.40, acc 0.75`: the key_value rule names them all
    if ": " in line:
        if _EVENT_LABEL.match(line) is not None:
            return []  # `Epoch 1 test results: loss 0.3, accuracy 0.91`: the key_value rule's
    of_total = _BRACKETED_OF_TOTAL.match(line) if "]" in line[:60] and "=" not in line else None
    if line[:1] in " [IiSsBb" and (first := _POSITION_THEN_EPOCH.match(line)) is not None and (
            0 < int(first.group(2)) <= int(first.group(3))):
        # `Iter 50/200 Epoch 1/3 loss 0.5`: the position rule's step, the pairs after it
        rest = line[first.end():]
        pairs = None if ":" in rest or "=" in rest else spaced_pairs(rest)
        clauses = pairs and _phase_spread(pairs) or (
            _counted_clauses(rest) if "," in rest and ":" not in rest and "=" not in rest
            else None)
        return [pair for pair in clauses if is_metric_key(pair[0])] if clauses else []
    rest = "" if of_total is None else line[of_total.end():]
    finer = _BRACKETED_POSITION_AFTER.match(rest) if rest[:1] in "SsIiBb" else None
    if finer is not None:
        # `Epoch [1/3], Step [50/200], loss 0.004, acc 0.52` (the pytorch-tutorial loop's line
        # with `name value` pairs): the position in the epoch is the line's step, the
        # position rule's
        rest = rest[finer.end():]
    if of_total is not None and ":" not in rest:
        # `Epoch [3/10] loss 0.41 acc 0.88`, `[3/10]: loss 0.41 acc 0.88`: the counter out of
        # its total, then `name value` pairs (or clauses of them between commas, `Epoch
        # [3/10], loss 0.41, acc 0.88`)
        pairs = spaced_pairs(rest)
        clauses = pairs and _phase_spread(pairs) or (
            _counted_clauses(rest) if "," in rest else None)
        if clauses:
            return [*([] if finer is not None else [
                ("epoch" if of_total.group(1) else "step", int(of_total.group(2)), None)]),
                    *(pair for pair in clauses if is_metric_key(pair[0]))]
    counter = _COUNTER.match(line)
    if counter is not None and (counter.group(0).lstrip()[:1].isdigit() and _BARE_ENTRY.fullmatch(
            line, counter.end()) or _TITLE.match(line, counter.end()) and _small_count(counter)):
        # `  3: 91`: a mapping's entry (a class's count), no step; `Step 1: Loading data`,
        # statsmodels' `[1] Standard Errors assume ...`: a stage's title or a note, whose
        # number counts no step of the lines after it
        return []
    found: list[Found] = []
    head = ""
    slashed = False
    bracketed = _BRACKETED_COUNTERS.match(line) if line[:1] in " [" else None
    if bracketed is not None:
        # `[Epoch 1][Iter 100/500] loss 0.5123 lr 0.01`: the pairs after them; the finest
        # counter is the step, but a position (`[Iter 100/500]`), the position rule's
        counters = _BRACKETED_COUNTER.findall(line, 0, bracketed.end())
        word, count, total = counters[-1]
        lead: list[Found] = [] if total else [
            ("epoch" if word.lower() in ("epoch", "ep") else "step", int(count), None)]
        rest = line[bracketed.end():]
        if "=" not in line and ":" not in rest.replace(" :: ", ""):
            clauses = spaced_pairs(rest) or _counted_clauses(rest)
            if clauses:
                return lead + [pair for pair in clauses if is_metric_key(pair[0])
                               and type(pair[1]) is not int]
        elif lead and len(counters) == 1:
            spaced = _spaced_before_pairs(rest)  # `[Epoch 1] train loss 0.50 best_acc: 0.81`
            if spaced:
                return lead + spaced
        elif lead and lead[0][0] == "step" and len(counters) > 1:
            # `[Epoch 2][Batch 100] loss: 0.5`: the key_value rule reads the pairs; the
            # step in its epoch is theirs
            epoch = next((int(c) for w, c, _ in counters if w.lower() in ("epoch", "ep")), None)
            return lead if epoch is None else [("epoch", epoch, None), *lead]
    if counter is None and ": " in line and "|" in line:
        # GPT-NeoX's `samples/sec: 12.345 | iteration       10/     320 | ... | lm_loss:
        # 1.03E+01 |`: the counter with its total in a clause between bars, the step of the
        # pairs the key_value rule reads
        barred = _BARRED_COUNTER.search(line)
        if barred is not None and all(
                ":" in clause or not clause.strip()
                for clause in _CLAUSES.split(line[: barred.start()] + line[barred.end() :])):
            # (every other clause a `name: value` pair: `Epoch: 1 | Step 10/100 | loss 0.5`
            # is read below)
            return [("step", int(barred.group(1)), None)]
    if counter is None and ";" in line:
        # minGPT's `iter_dt 12.34ms; iter 100: train loss 2.34567`: the counter after a `;`,
        # the clauses before it read too
        before, _, tail = line.rpartition(";")
        counter = _COUNTER.match(tail)
        if counter is not None:
            head, line = before + ";", tail
    if counter is None:
        labelled = _PHASE_COLON.match(line)
        if labelled is not None and labelled.group(1).lower() in PHASES:
            # a phase's label, its counter, then clauses: CS224n's `validation: iter 10, dev.
            # ppl 37.43` (the training's iteration); each name the phase's
            bare = _BARE_COUNTER.match(line, labelled.end())
            clauses = None
            bare_step = True  # whether the counter is the line's step
            if bare is not None and line[bare.end() - 2 : bare.end()] == ", ":
                clauses = _counted_clauses(line[bare.end() :])
            elif bare is not None and ":" not in line[bare.end() :] and "=" not in line and (
                    bare.group(1).lower() == "epoch"
                    or labelled.group(1).lower() in _LABELLED_PHASES):
                # (a test's `test: iter 5 loss 0.3` is its place in the test)
                # (`train: step 1 loss 0.51`, `val: epoch 1 loss 0.51 | acc 0.9`; `valid: iter
                # 4 loss 0.85` at the training's step: `_BETWEEN_STEPS`)
                rest = line[bare.end() :]
                clauses = spaced_pairs(rest) or _counted_clauses(rest)
                if bare.group(1).lower() != "epoch" and labelled.group(1).lower() in _BETWEEN_STEPS:
                    bare_step = False
            if bare is None or clauses is None:
                return []
            phase = labelled.group(1)
            word = bare.group(1).lower()  # (`iter`, `iteration`, `episode`: as key_value names it)
            counter_key = word if word in STEP_NAMES else "step"
            return [*([(counter_key, int(bare.group(2)), None)] if bare_step else []), *(
                (key if phased(key) or key in STEP_NAMES else f"{phase}_{key}", value, step)
                for key, value, step in clauses)]
        bare = _BARE_COUNTER.match(line)
        if bare is not None:
            word = bare.group(1).lower()
            key = "epoch" if word == "epoch" else "step"
            after = bare.end()
            count = int(bare.group(2))
            finer = _FINER_POSITION.match(line, after) if word in ("epoch", "ep") else None
            if finer is not None:
                key = "epoch"  # (`ep 1 it 100/200 loss 0.5`: an epoch's, the position rule's)
            if finer is not None:  # `Epoch 1/3 Step 100/300 Loss 1.0`: the position rule's
                after = finer.end()
            inner = _IN_FOLD.match(line, after) if bare.group(1).lower() in _FOLDS else None
            if inner is None and bare.group(1).lower() in _STAGE_COUNTERS:
                return []  # (a stage's number alone counts no step: AutoGluon's `Stage 1
                # Generators:`)
            if inner is not None:
                # `Fold 2 Epoch 3: loss=0.3`: the epochs within a fold keep theirs
                key = "epoch" if inner.group(1).lower() in ("epoch", "ep") else "step"
                count, after = int(inner.group(2)), inner.end()
            if ": [" in line and (listed := _RATES_LISTED.match(line, after)) is not None:
                # a learning rate per parameter group, `epoch 5 lr: [0.001, 0.0001] loss 0.5`:
                # a list of several, not read (as `lr: [0.001, 0.0001]` alone), the pairs after it are
                # (one group's, `get_last_lr()`'s `lr: [0.1]`, the key_value rule's `lr`)
                after = listed.end()
            pairs = spaced_pairs(line[after :])
            if pairs and pairs[0][0].lower() in _IN_EPOCH_COUNTERS and type(pairs[0][1]) is int and (
                    bare.group(1).lower() in _COARSE_COUNTERS):
                # the epoch's or the episode's number, then the step's: `ep 3 it 100 loss 0.41`;
                # of finer counters, the global one first (`epoch 1 iter 300 step 1300`: 1300)
                counted = 1
                while counted < len(pairs) and type(pairs[counted][1]) is int and (
                        pairs[counted][0].lower() in STEP_NAMES):
                    counted += 1
                finest = min(pairs[:counted], key=lambda pair: STEP_NAMES.index(
                    pair[0].lower()) if pair[0].lower() in STEP_NAMES else len(STEP_NAMES))
                # (an abbreviated epoch's, `ep 2 iter 100 loss 0.5`, as `ep`: the steps in it
                # go on across epochs, as under `epoch 2`, its number no metric)
                return [*([("epoch", count, None)] if key == "epoch" else [
                    ("ep", count, None)] if word == "ep" else []),
                        ("step", finest[1], None),
                        *(pair for pair in pairs[counted:] if is_metric_key(pair[0]))]
            if pairs:
                return [(key, count, None),
                        *(pair for pair in pairs if is_metric_key(pair[0]))]
            clauses = _counted_clauses(line[after :])
            if clauses is not None:
                return [(key, count, None), *clauses]
            if ":" in line or "=" in line:
                # makemore's `step 500 train loss: 2.12 test loss: 2.23`: the counter is the
                # step of the pairs the key_value rule reads; `name value` pairs of measures
                # before them are read here (`step 100 loss 0.51 acc 0.81 elapsed: 12.0s`)
                return [(key, count, None), *_spaced_before_pairs(line[after:]),
                        *_spaced_after_pairs(line[after:])]
    if counter is not None:
        text = next(group for group in counter.groups() if group)
        word = counter.group(0).split(maxsplit=1)[0].rstrip(":.").lower()
        # (an episode's counter keeps its name: the key_value rule reads `Episode: 10` too)
        found.append((word if word in ("episode", "ep") else "step", int(text.replace(",", "")),
                      None))
        rest = head + line[counter.end() :]
    elif " / " in line and _SLASHED_PAIRS.fullmatch(line) is not None and any(
            names_a_measure(clause.split(maxsplit=1)[0]) for clause in line.split(" / ")):
        # or with no counter, under DreamerV3's rich rule, `──── Step 5000 ────`
        rest, slashed = line, True
    elif ":" not in line and "=" not in line and _phase_counter(line) is not None:
        # `train epoch 1 avg loss 0.5 acc 0.8`, `Validation Epoch 3 | loss 0.4`: a phase's
        # counter, then `name value` pairs, as the key_value rule reads them after `Eval
        # epoch 2:` (its learning rate too, `train step 4 loss 0.6 lr 3e-3`: `train_lr`, as
        # `train step 4 loss=0.6 lr=3e-3` gives)
        return parse_key_value(line)
    elif "|" in line or "\t" in line or " - " in line.lstrip():  # not a `- ` bullet
        name, tab, value = line.strip().partition("\t")
        if tab and "\t" not in value and "|" not in line:
            # a measure's name, a tab, its number: fastText's `print_results`, `P@1\t0.997`
            # (not a count, `N\t3000`, nor a word's similarity, `woman\t0.71`)
            match = _NAMED_VALUE.fullmatch(f"{name} {value}")
            # (a score of exactly 1 or 0 is printed whole: `R@1\t1`)
            if (match is not None and (not match.group(2).lstrip("+-").isdigit() or (
                    "@" in name and match.group(2) in ("0", "1")))
                    and ("@" in name or _MEASURE.search(name))):  # not `woman\t0.71`
                key = match.group(1).replace(" ", "_")
                return [(key, float(match.group(2)), None)] if is_metric_key(key) else []
        rest = line
    else:
        return parse_alone(line)
    prefix = ""
    counts = False  # whether a clause was a count (`num timesteps 220`), not a metric
    # Clauses only between ` - ` (no `|`, no tab) are prose as often as metrics (`Chapter 1 -
    # Section 2`, `Retries 3 - timeout 30`): there a name must end in a measure's word.
    dashed = counter is None and not slashed and "|" not in rest and "\t" not in rest and (
        ";" not in rest)
    fold = counter is not None and found[0][0] == "step" and counter.group(0).split(
        maxsplit=1)[0].rstrip(":.").lower() in _FOLDS
    # (after a counter, clauses may be between slashes alone: DreamerV3's terminal output,
    # `[5000] episode/score 12.5 / episode/length 250 / train/opt/lr 4e-5`)
    slashed = slashed or counter is not None and " / " in rest and _NOT_SLASHED.search(
        rest) is None and _SLASHED_PAIRS.fullmatch(rest) is not None
    if "(" in rest and "/s" in rest:
        rest = _TIMING_ASIDE.sub("", rest)  # (`train loss 4.36 (19.1 ms, 13349 tok/s)`)
    between_bars = "|" in rest
    for clause in rest.split(" / ") if slashed else _clauses(rest):
        inner = _IN_FOLD.fullmatch(clause.strip() + " ") if fold else None
        if inner is not None:
            # `Fold 2 | Epoch 1 | train_loss 1.02`: the epochs within a fold keep theirs
            fold = False
            found[0] = ("epoch" if inner.group(1).lower() in ("epoch", "ep") else "step",
                        int(inner.group(2)), None)
            continue
        if not found and not prefix and clause.lstrip()[:1] in "cC":
            named = _CLASS_CLAUSE.fullmatch(clause)
            if named is not None:  # `  class 0 | precision 0.5 | recall 0.4`: the class's
                prefix = f"{named.group(1)}_{named.group(2)}/"
                continue
        match = _best_value(clause)
        if match is None and not clause.isascii() and _ASIDES.search(clause) is not None:
            # an uncertainty or a change after the value, `| loss 0.31 ▼ -0.02 |`: the value's
            match = _best_value(_ASIDES.sub("", clause))
        if match is None and "|" in clause and (norm := _NORM_VALUE.fullmatch(clause)):
            found.append((norm.group(1), to_number(norm.group(2)), None))  # `| |g| 2.6e-04`
            continue
        if match is None and between_bars and (timed := _TIMED_PAIR.fullmatch(clause)) and (
                is_metric_key(timed.group(1))):
            # a time's `name: value` with its unit, build-nanogpt's `| dt: 30.31ms |`, as `| dt
            # 13.5ms |` is read
            found.append((timed.group(1), to_number(timed.group(2)), None))
            continue
        if match is None and " : " in clause:
            label = _LABEL.fullmatch(clause)
            if label is not None:
                prefix = label.group(1) + "_"
                match = _best_value(label.group(2))
        if (match is not None and dashed
                and _MEASURE.search(match.group(1).split(" (", 1)[0]) is None):
            match = None
        if match is None:
            end = _END_OF.fullmatch(clause)
            if end is not None:  # word_language_model's `| end of epoch   1 | valid loss 5.95`
                key = end.group(1).lower()
                found.append(("epoch" if key == "epoch" else "step", int(end.group(2)), None))
                continue
            bare = _BARE_COUNTER.match(clause)
            pairs = None if bare is None else spaced_pairs(clause[bare.end() :])
            if bare is not None and pairs:
                key = bare.group(1).lower()
                found.append(("epoch" if key == "epoch" else "step", int(bare.group(2)), None))
                found += [pair for pair in _phase_spread(pairs) if is_metric_key(pair[0])]
                continue
            pairs = spaced_pairs(clause)
            if pairs and (counter is not None or len(pairs) > 1 and any(
                    type(value) is not int and _MEASURE.search(key) for key, value, _ in pairs)):
                # after the counter, `name value` pairs: `step 2: f -0.89 trial_f -0.89`; or
                # two or more naming a measure, `Epoch 7 | train loss 0.41 acc 0.82 | ...`
                # (a whole number there is a count or an index: `batch 32`, `layer 3`)
                found += [pair for pair in _phase_spread(pairs if counter is not None else measured(pairs))
                          if is_metric_key(pair[0]) and type(pair[1]) is not int]
                continue
            subset = _SUBSET.fullmatch(clause)
            if subset is not None:
                prefix = subset.group(1) + "_"
            elif not found and not prefix and clause.strip().lower() in PHASES:
                # a phase alone first, fairseq's epoch summary: `train | epoch 001 | loss 4.697`
                prefix = clause.strip() + "_"
        else:
            name = match.group(1).replace(" ", "_")
            key = name if name in _UNPREFIXED or (prefix and phased(name)) else prefix + name
            if is_metric_key(name) and is_metric_key(key) and name.lower() not in ENV_STEPS and not (
                    match.group(2).isdigit() and _a_count(name, rest)) and (
                    name.lower() not in _FOLDS) and not (  # (`Stage 1 | Epoch 1 | loss 0.6`)
                    # (the episodes done beside the line's step: `Step 100 | Episode 3 | ...`,
                    # `Step 100 | Ep 3 | ...`)
                    counter is not None and name.lower() in ("episode", "episodes", "ep")
                    and match.group(2).isdigit()):
                found.append((key, to_number(match.group(2)), None))
            elif name.lower() == "batch" and match.group(2).isdigit() and any(
                    k.lower() in ("epoch", "ep") for k, _, _ in found):
                found.append(("step", int(match.group(2)), None))  # `Epoch 1 | Batch 100 |`
            elif name.lower() in _EPISODE_STEPS and match.group(2).isdigit() and found and (
                    found[0][0].lower() in ("episode", "ep")):
                # an RL loop's environment steps after the episode that leads it, `Episode 5 |
                # Timesteps 762 | Return 190.0`: the finer counter is the step, as in
                # `Timestep 1000 | Episode 5`
                found[0] = ("step", int(match.group(2)), None)
            else:
                counts = True
    if counter is not None and counter.group(0).endswith(",") and not any(
            names_a_measure(key) or _OPTIMIZED.search(key) for key, _, _ in found[1:]) and not any(
            _MEASURE.search(key) or key == "f" or _OTHER_SCRIPT.match(key)
            for key, _, _ in key_value_pairs(line)):
        # (`f` is an objective's value: GPy's `Optimization restart 2/10, f = -21.0096`, as
        # ensmallen's `Iteration 1, objective 6.9036` names one; a
        # name in another script is a measure's as often, `Step 100, 损失: 0.35`)
        # `Step 1, took 0.5s`, `iteration 2, retries 3`: prose, no measure named (`iter 100,
        # loss: 89.87` names one in a key_value pair); but a line of the counter and counts is
        # the step of the measures on the lines after it: pytorch-a2c-ppo-acktr-gail's
        # `Updates 10, num timesteps 220, FPS 344`, then ` Last 10 training episodes: ...`
        return found[:1] if counts else []
    if ": " in rest and found:
        # a section's label before its clauses, `Epoch 1 | Train: loss 1.0, acc 81.0% | Valid:
        # ...`: the key_value rule names them (Train/acc); not `acc` again
        sectioned = {(key.rpartition("/")[2], to_number(integer or number))
                     for key, integer, number in key_value_pairs(line) if "/" in key}
        found = [pair for pair in found if (pair[0], pair[1]) not in sectioned]
    return found


# position -------------------------------------------------------------------------------------

# Where a line is within its epoch, in brackets: `Step [100/600]` (yunjey/pytorch-tutorial's
# `Epoch [1/5], Step [100/600], Loss: 0.2386`), `Train Epoch: 1 [80/400 (20%)]` (pytorch/examples'
# mnist), `loss: 2.303511  [   64/60000]` (PyTorch's quickstart, under an `Epoch 1` header),
# `[Epoch 0/200] [Batch 100/938] [D loss: 0.51]` (PyTorch-GAN: the label inside the bracket).
# A bracket labelled `Epoch` is the epoch, not a position. Spaces are bounded: linear time.
_POSITION = re.compile(
    r"(?<![^\s,;|(\]])(?:([A-Za-z]{1,12}):?\ {0,8})?"
    r"\[\ {0,12}(?:([A-Za-z]{1,12}):?\ {1,8})?(\d{1,18})\ {0,4}/\ {0,4}(\d{1,18})\ {0,4}"
    r"(?:(?i:samples|examples|images|sequences|tokens|batches|steps|iters|iterations)\ {0,4})?"
    r"(?:\(\ {0,4}\d{1,3}(?:\.\d{1,4})?%\)\ {0,4})?\]",
    re.ASCII,
)
# Unbracketed, as a clause of its own: flair's `epoch 1 - iter 2/4 - loss 0.83`, PyTorchZeroToAll's
# `Train Epoch: 1 | Batch Status: 640/60000 (1%) | Loss: 2.30`, YOLOX's `epoch:
# 1/3, iter: 5/25, ...`, Paddle's `step
# 5/20 [====>....] - loss: 0.69` (Keras' old progress bar), and
# pytorch/examples' word_language_model `| epoch   1 |   200/ 2983 batches | lr 20.00 |`.
# A position after an epoch's counter (and its total), no separator between: `Epoch 1/3 Step
# 100/300 Loss 1.0`, `Epoch 1/10 Iteration 200/500 Loss 0.19`, `Epoch: 1 Batch: 10/40 Loss: 0.5`
# (a colon after it too, `Epoch 1/3, Iter 100/500: loss 0.75`).
_FINER_POSITION = re.compile(
    r"(?:iter|iteration|it|batch|step):?\ {1,4}(\d{1,18})/(\d{1,18})[,:]?\ {1,4}(?=[A-Za-z])",
    re.ASCII | re.IGNORECASE)
# The position before the epoch's counter: `Iter 50/200 Epoch 1/3 loss 0.5`, `Step 50/200,
# epoch 1: loss=0.5`, `[step 50/200 | epoch 1] loss=0.5`.
_POSITION_THEN_EPOCH = re.compile(
    r"\s{0,8}(\[\ {0,4})?(?:iter|iteration|batch|step):?\ {1,4}(\d{1,18})/(\d{1,18})(?:,|\ \|)?\ {1,4}"
    r"(?:epoch|ep):?\ {1,4}(\d{1,18})(?:/\d{1,18})?(?(1)\ {0,4}\])[,:]?\ {1,4}(?=[A-Za-z])",
    re.ASCII | re.IGNORECASE)
_EPOCH_THEN_POSITION = re.compile(r"\s{0,8}(?:epoch|ep):?\ {1,4}\d{1,18}(?:/\d{1,18})?,?\ {1,4}",
                                  re.ASCII | re.IGNORECASE)
_BARE_POSITION = re.compile(
    # (indented under an epoch's header, or before a `name:` pair: `  step 10/50  loss: 0.71`)
    r"(?:^\ {0,12}|\ -\ |[|,;]\ ?)(?:iter|iteration|batch(?:\ status)?|step|it(?=:)):?\ {1,4}(\d{1,18})"
    r"/(\d{1,18})(?:\ \(\d{1,3}(?:\.\d{1,4})?%\))?"
    r"(?=\ -\ |\ ?[|,;]|\ \[[=>.]|$|\ completed\ \(|\ {1,4}[A-Za-z][\w\-.\ ]{0,40}[:=]\ {0,4}[-+.\d]"
    # (or a `name value` pair, a measure's: `step 3/20 loss 0.41`, the classic `\r` progress
    # line; as any position, one that goes back starts the next epoch)
    r"|\ {1,4}[A-Za-z][\w\-.]{0,40}\ {1,4}[-+]?\.?\d)"
    # (llama-recipes' `Training Epoch: 1/3, step 10/100 completed (loss: 1.2345)`)
    # or after a space, where its share follows: Poutyne's `Epoch: 1/5 Step:  3/10  30.00% |`
    r"|(?<=\ )(?:iter|iteration|batch|step):?\ {1,4}(\d{1,18})/(\d{1,18})"
    r"(?=\ {1,4}\d{1,3}(?:\.\d{1,4})?%)"
    r"|(?:^|[|,;])\ {0,12}(\d{1,18})\ {0,4}/\ {0,12}(\d{1,18})\ (?:batches|steps|iterations|iters)"
    r"(?=\ {0,4}[|,;]|\s*$)"
    # or after a hand-drawn bar, `Epoch 1/3 [==>......] 3/20 - loss: 0.85` (or `3/20 loss: ...`,
    # `[####      ] 5/40 loss=...`, click's `[#---]  2/40  loss=...`)
    # (drawn with blocks too, `[█████░░░░░]`, `[▇▇▇▇▇     ]`)
    r"|(?:(?<=[=>.#\-\ *█▉▊▋▌▍▎▏▇▆▅▄▃▂▁░▒▓━─■□]\]\ )|(?<=[=>.#\-\ *█▉▊▋▌▍▎▏▇▆▅▄▃▂▁░▒▓━─■□]\]\ \ ))"
    # (its share or the count's name between, `[####]  50% 2/4 loss:`, `[####] batch 2/4`)
    r"(?:\ {0,2}\d{1,3}%\ {1,2})?(?:(?i:batch|step|iter|iteration)\ {1,2})?(\d{1,18})/(\d{1,18})"
    r"(?=\ -\ |\ {1,4}[A-Za-z])",
    re.ASCII | re.IGNORECASE,
)
# An epoch's bracket before the position's, `[0/25][100/782] Loss_D: ...` (pytorch/examples'
# dcgan, and the GANs copied from it), or the position in parentheses after `Epoch[1]`
# (`===> Epoch[1](1/200): Loss: 0.12`, its super_resolution; MiniMind's `Epoch:[1/2](10/75),
# loss: 5.2359`, out of its epochs): the epoch comes with it.
_EPOCH_PARENS = re.compile(
    r"(?<![^\s>=])Epoch:?\[(\d{1,18})(?:/\d{1,18})?\]\((\d{1,18})/(\d{1,18})\)", re.ASCII)
_EPOCH_LABELS = frozenset({"epoch", "epochs", "ep"})
_EPOCH_AFTER = re.compile(r"[|,;]\ {0,4}epoch:?\ {1,4}\d", re.ASCII | re.IGNORECASE)
# The labels a position may have; a rank, a GPU, a fold (`[CV 1/3]`, `GPU [1/8]`) is none.
_POSITION_LABELS = frozenset({"", "step", "iter", "iteration", "it", "batch", "steps", "batches"})


_DRAWN_BAR = re.compile(r"\ \[[=>.]{2,400}\]\ ", re.ASCII)


def parse_position(line: str) -> list[Found]:
    """``Step [100/600]``, ``[80/400 (20%)]``: the line's position in its epoch and the epoch's
    length, as ``("position", 100, 600)``, and ``("epoch", 2, None)`` after it where the
    position comes with its epoch (``[2/25][100/600]``); the parser makes it a global step."""
    if "/" not in line and line[:1] != " ":
        return []  # (a count out of its total has a slash; an indented batch, its indent)
    if line[:2] == " [" and _DRAWN_BAR.match(line) is not None:
        # kuangliu's pytorch-cifar `progress_bar`: ` [=====>.....]  Step: 39ms | Tot: 1s | Loss:
        # 0.579 | Acc: 68.750% (22/32) 1/10 `, its position last
        last = line.rstrip().rpartition(" ")[2]
        count, slash, total = last.partition("/")
        if slash and count.isdigit() and total.isdigit() and 0 < int(count) <= int(total):
            return [("position", int(count), int(total))]
    for match in _POSITION.finditer(line):
        label, inside, count, total = match.groups()
        label, inside = (label or "").lower(), (inside or "").lower()
        if label and match.start(1) < len(line) - len(message(line)):
            label = ""  # (a log prefix's last word, `INFO [step 10/50]`, `INFO trainer [step ...`)
        if label in _EPOCH_LABELS or inside in _EPOCH_LABELS:
            continue
        if label not in _POSITION_LABELS or inside not in _POSITION_LABELS:
            return []
        if not (0 < int(total) and int(count) <= int(total)):
            return []
        if not label and line[match.end():match.end() + 1] == "[":
            after = _POSITION.match(line, match.end())  # this bracket was the epoch's
            if after is not None and not any(after.group(1, 2)):
                count2, total2 = int(after.group(3)), int(after.group(4))
                if 0 < total2 and count2 <= total2:
                    return [("position", count2, total2), ("epoch", int(count), None)]
        return [("position", int(count), int(total))]
    parens = _EPOCH_PARENS.search(line)
    if parens is not None and 0 < int(parens.group(3)) and int(parens.group(2)) <= int(parens.group(3)):
        return [("position", int(parens.group(2)), int(parens.group(3))),
                ("epoch", int(parens.group(1)), None)]
    # (after a log line's prefix too: `2026-12-08 01:00:00,123 - trainer - INFO - epoch 1 iter
    # 100/200 loss 0.5`)
    text = message(line)
    first = _POSITION_THEN_EPOCH.match(text) if text[:1] in " [IiSsBb" else None
    if first is not None and 0 < int(first.group(3)) and int(first.group(2)) <= int(
            first.group(3)):
        # the position first, then its epoch: `Iter 50/200 Epoch 1/3 loss 0.5`
        return [("position", int(first.group(2)), int(first.group(3))),
                ("epoch", int(first.group(4)), None)]
    epoch = _EPOCH_THEN_POSITION.match(text)
    finer = None if epoch is None else _FINER_POSITION.match(text, epoch.end())
    if finer is not None and 0 < int(finer.group(2)) and int(finer.group(1)) <= int(
            finer.group(2)):
        return [("position", int(finer.group(1)), int(finer.group(2)))]
    bare = _BARE_POSITION.search(line)
    if bare is not None:
        count, total = next((bare.group(i), bare.group(i + 1)) for i in (1, 3, 5, 7)
                            if bare.group(i))
        if 0 < int(total) and int(count) <= int(total):
            if (bare.start() == 0 and count[:1] == "0" and len(count) == len(total)
                    and _EPOCH_AFTER.search(line, bare.end())):
                # the run's count of its steps, zero-padded, an epoch named after it:
                # nanochat's `step 00024/00030 (80.00%) | loss: 5.90 | ... | epoch: 2 pq: 0 |`
                return [("step", int(count), int(count))]
            return [("position", int(count), int(total))]
    batch = _INDENTED_BATCH.match(line) if line[:1] == " " else None
    if batch is not None:
        # the "Training with PyTorch" tutorial's `  batch 1000 loss: 0.50` under `EPOCH 1:`:
        # the place in the epoch, whose length is not printed
        return [("position", int(batch.group(1)), 0)]
    return []


# An indented batch's number (no total) before a `name: value` pair.
_INDENTED_BATCH = re.compile(
    r"\ {1,12}batch\ {1,4}(\d{1,18})\ {1,4}(?=[A-Za-z][\w\ ]{0,40}:\ {0,4}[-+.\d])",
    re.ASCII | re.IGNORECASE)


# A line that starts with its position and a comma: MONAI's tutorials' `1/10, train_loss: 0.62`
# (`{step}/{epoch_len}, ...` under their `epoch 1/5` header).
# (Or a dash: Géron's `print_status_bar`, `1/36 - mean: 6.2707 - mean_absolute_error: 1.3876`.)
_LEADING_POSITION = re.compile(
    # (or in parentheses, `  (20/100) loss: 0.5` under `Epoch 1/3`; or before a bar, `60/300 |`)
    r"\ {0,12}(\()?(\d{1,18})/(\d{1,18})(?(1)\):?|(?:,|\ -|\ \|))\ (?=[A-Za-z])", re.ASCII)


def parse_leading_position(line: str) -> list[Found]:
    """``1/10, train_loss: 0.62``: the position in its epoch that starts the line, as
    ``("position", 1, 10)``; the parser makes it a global step."""
    match = _LEADING_POSITION.match(line)
    if match is None or not 0 < int(match.group(2)) <= int(match.group(3)) or not any(
            c.isdigit() for c in line[match.end():]) or match.group(1) and int(match.group(3)) < 10:
        # (and values after it: not `(1/3) Downloading data`; in parentheses, not a few
        # tasks' count, `(1/2) mnist acc: 0.91`)
        return []
    return [("position", int(match.group(2)), int(match.group(3)))]


# epoch_header ---------------------------------------------------------------------------------

# At the start of the message (after a log line's prefix, `message()`): `Epoch 3/10`, `Epoch 3`,
# `epoch: 3/10`, `Epoch [3/10]`, `Start of epoch 3` (keras-io's custom loops), `Epoch #3:`
# (tianshou), `===> Epoch 3 Complete:` (pytorch/examples' super_resolution), `-- Epoch 3`
# (scikit-learn's SGD estimators, verbose),
# `[Epoch 3/10]`, `Epoch (3/10)`, `(epoch 3)`, `[val] epoch: 3/10` (Flax's NNX guides), `Results at the end of epoch 3` (Chollet's
# custom loop), and Lightning's `Epoch 3: 100%|...`. The number is used as printed (Keras
# counts from 1). `epoch=3` is a key=value pair, whose step holds for its own line only.
_EPOCH_HEADER = re.compile(
    # (a bracketed label before it, `[teacher]`, a phase's in another script, `[训练]`, or a
    # fold's or a seed's, `[fold 2]`, `[Fold 2/5]`, `[seed=0]`; its position glued on too,
    # `Epoch[1/10] 损失=0.5`, as Chinese repositories print it)
    r"[\ \t]{0,40}(?:[=\-]{1,8}>\ {0,4}|>{1,3}\ {1,4}|[-=*#]{2,40}\ {1,4}"
    r"|\[[a-z]{1,12}\]\ {1,4}|\[(?u:[^\W\d_a-zA-Z]{2,12})\]\ {0,4}|\[(?!step|iter|batch)[a-z]{1,12}[\ =:_#]{0,2}\d{1,6}(?:/\d{1,6})?\]\ {0,4})?"
    r"(?:start of |starting |beginning of |(?:results )?at the end of "
    r"|(?P<report>(?:[a-z]{1,12} )?(?:results|summary|stats|statistics|metrics|scores) "
    r"(?:for|of|after) (?:the )?))?"
    r"[\[(]?[\ \t]{0,4}(?:epoch|ep)(?:[\ \t]{0,40}:|[\ \t]|(?=\[\d{1,18}/\d))[\ \t]{0,8}[\[(]?[\ \t]{0,4}#?(?P<epoch>\d{1,18})[\ \t]{0,4}"
    r"(?:/[\ \t]{0,4}\d{1,18}[\ \t]{0,4})?[\])]?"
    r"(?=[\s,;|:\])\-]|\.{1,3}(?:\s|$)|$)"
    # (not LLMs-from-scratch's `Ep 1 (Step 000005):`, whose step is the global one)
    r"(?!\ {0,4}\((?:step|iter|iteration|it)\ )",
    re.ASCII | re.IGNORECASE,
)


_REPORT_END = re.compile(r"\ {0,4}(?::|$)")


def parse_epoch_header(line: str) -> list[Found]:
    """``Epoch 3/10`` and its variants: the step for this and the following lines."""
    text = message(line)
    match = _EPOCH_HEADER.match(text)
    if match is None or (match.group("report") and not _REPORT_END.match(text, match.end())):
        return []  # (a report's, `Results for epoch 9:`, only; not `Loading results of epoch 3 ...`)
    epoch = int(match.group("epoch"))
    return [("epoch", epoch, epoch)]
