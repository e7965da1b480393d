"""The rules for libraries' own log formats: known noise lines, scikit-learn's MLP and
gradient boosting, its classification report, header-named tables (fastai, spaCy, mlx-lm),
Vowpal Wabbit's table, stable-baselines3's boxes, XGBoost and LightGBM evaluation logs, the
MetricLogger of torchvision's reference scripts, MMEngine's log lines."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from runlab.parsing.rules.base import (
    CLAIM,
    NUMBER,
    OBJECT_REPR,
    STEP_NAMES,
    Found,
    parse_number,
    to_number,
)
from runlab.parsing.rules.pairs import (
    HYPERPARAMETERS,
    PHASES,
    RATES,
    is_metric_key,
    message,
    TIME_UNIT,
    names_a_measure,
    parse_array_value,
    parse_key_value,
    phased,
)


def _claims(pattern: re.Pattern[str]) -> Callable[[str], list[Found]]:
    """A rule that claims the lines `pattern` matches whole (a table's or a block's first
    line, whose rows follow) and finds nothing in them."""
    return lambda line: [CLAIM] if pattern.fullmatch(line) else []


# noise ----------------------------------------------------------------------------------------

# Known library lines that look like `key: 3` but hold no metric, and the number of lines each
# silences: LightGBM repeats its best iteration on the line after the notice.
_NOISE = re.compile(
    r"^\s*\S*\.py:\d+: "  # a Python warning: `.../fit_loop.py:321: ... (log_every_n_steps=50)`
    r"|(?P<two>(?:Early stopping, best|Did not meet early stopping\. Best) iteration is:\s*$)"
    # [LightGBM] [Info] Number of data points in the train set: 200, ... (not its command
    # line tool's evaluations, `[LightGBM] [Info] Iteration:3, training l2 : 0.09`)
    r"|\[LightGBM\] \[(?!Info\] Iteration:\d)"
    # PyTorch's compiler's log (`TORCH_LOGS`): its autotuning's shapes, its caches' counts
    r"|\bTuned aten\.\w+: |(?:AOTAutograd|FxGraph|FXGraph)Cache: \{"
    # TensorFlow's op definitions in a warning: `... node_def_util.cc:682] NodeDef mentions
    # attribute use_unbounded_threadpool ...: Op<name=MapDataset; ...,min=0; ...>`
    r"|\] NodeDef mentions attribute "
    r"|[GTHI]PU available: "  # Lightning: GPU available: False, used: False
    r"|LOCAL_RANK: \d+ - CUDA_VISIBLE_DEVICES"  # Lightning
    r"|did not improve more than tol="  # scikit-learn's early stopping notice
    r"|^\s*(?:Total|Trainable|Non-trainable) params: "  # Keras' model summary
    # Hugging Face Trainer's banner: `  Num Epochs = 3`, `  Total optimization steps = 9,375`,
    # also after a logging prefix (`... - INFO - __main__ -   Num Epochs = 3`: the *_no_trainer
    # examples log it through accelerate's logger)
    r"|(?:^| - (?:\[RANK \d{1,6}\] )?)  (?:Num examples|Num Epochs|Instantaneous batch size|Total train batch size"
    r"|Gradient Accumulation steps|Total optimization steps|Number of trainable parameters"
    r"|Batch size)\b[^=]* = "
    r"|^\[notice\] |^\s*Created wheel for "  # pip
    # nanoGPT's configurator: a setting given on the command line, `Overriding: batch_size = 12`
    r"|^Overriding: \w+ = "
    # TPOT's chosen pipeline, its estimators' settings: `Best pipeline: MultinomialNB(
    # input_matrix, alpha=10.0, fit_prior=False)`
    r"|^Best pipeline: "
    # the repr of an Optuna trial, `FrozenTrial(number=4, ..., params={...}, distributions=
    # {...})` (its fields; a failed trial's line is the optuna rule's)
    r"|\bFrozenTrial\("
    # Orbax's checkpointing log (through absl): `[process=0][thread=MainThread] ... throughput`
    # and its handlers' settings, metadata and memory: none of the training's
    r"|\[process=\d{1,9}\]|\bCreated \w{0,60}CheckpointHandler: |\bMemoryRegulated: "
    r"|\b(?:Wrote|Read|Updated) Metadata=\{"
    # clu's ReportProgress: `Setting work unit notes: 44.8 steps/s, 33.3% (8/24), ETA: 0m`
    r"|\bSetting work unit notes: "
    # An exception's line, a traceback's last, `ValueError: boom loss=nan`: an error's text
    # (not a measure named like one, `MeanSquaredError: 0.25`); an exit's, `SystemExit: 1`
    r"|^(?:[a-z_]\w{0,40}\.){0,6}(?!\w{0,40}(?:Mean|Squared|Absolute))[A-Z]\w{0,60}"
    r"(?:Error|Exception): |^(?:SystemExit|KeyboardInterrupt|StopIteration): "
    r"|^Received SIG[A-Z]{2,8}: \d"  # Lightning's notice of the signal it took, `... 15`
    # Hydra's sweep launching a job: `[2026-12-06 01:43:05,511][HYDRA] 	#0 : model.lr=0.1`
    r"|\[HYDRA\]\s{1,8}#\d{1,9} : "
    # Ray's note after the lines it folded: `(Ray deduplicates logs by default. Set
    # RAY_DEDUP_LOGS=0 to disable log deduplication, ...)`
    r"|\(Ray deduplicates logs by default\. "
    # Ray Tune's status: `Current best trial: 26201690 with loss=0.02 and params={...}`, the
    # best so far of the trials' results (each of which its result box and table print)
    r"|^Current best trial: \w{1,40} with "
    # Vowpal Wabbit's settings before its table: `power_t = 0.5` (its `learning rate = 0.5`
    # reads as pix2pix's schedule prints it, a measure)
    r"|^(?:initial_t|power_t|decay_learning_rate) = "
    # fastai's SaveModelCallback: `Better model found at epoch 0 with valid_loss value:
    # 0.2283.` (the table's value again, at full precision)
    r"|\bBetter model found at epoch \d{1,18} with "
    # Lightning's model summary: `Modules in train mode: 4`, `Total FLOPs: 0`
    r"|^\s*(?:Modules in (?:train|eval) mode|Total FLOPs|Total estimated model params size)\b"
    r"|^\s*ℹ "  # spaCy's set-up notices: `ℹ Initial learn rate: 0.001`
    # torch.__config__.show() in environment banners (MMEngine, mmcv, detectron2):
    # `  - Build settings: BLAS_INFO=mkl, ..., PERF_WITH_AVX=1, USE_CUDA=0, ...`
    r"|^\s*- Build settings: "
    # timm's train.py: `Created SGD (sgd) optimizer: lr: 0.05, momentum: 0.9, ...` and
    # `Scheduled epochs: 3 (epochs + cooldown_epochs). ...`: its settings
    r"|^\s*Created \w+ \(\w+\) optimizer: |^\s*Scheduled epochs: "
    # open_clip's, through its logger: `... | Created AdamW (adamw) optimizer: lr: 0.001, ...`
    r"|\ Created \w+ \(\w+\) optimizer: "
    # Ultralytics' set-up: its arguments, the model's summary, the dataset scan, the optimizer
    r"|^\s*engine/trainer: |^\s*Overriding model\.yaml |\bsummary(?: \(fused\))?: \d[\d,]* layers"
    r"|Fast image access |\bScanning \S+\.\.\. \d+ images, |^\s*optimizer: \w+\("
    r"| images for fraction="
    # scikit-learn's HistGradientBoosting: `Binning 0.001 GB of training data: 0.002 s`,
    # `Fit 30 trees in 0.321 s, (930 total leaves)`
    r"|^\s*Binning [\d.]+ GB of |^\s*Fit \d+ trees in "
    # karpathy/makemore's and minGPT's start-up: the dataset's summary, the model's size
    r"|^\s*number of (?:examples|unique characters|parameters)\b|^\s*max word length: "
    r"|^\s*dataset determined that: |^\s*model #params: |^\s*data has \d+ characters"
    # flair's trainer: `Corpus: 16 train + 8 dev + 8 test sentences`
    r"|\bCorpus: \d+ train \+ "
    # transformers' *_no_trainer examples print a few training samples' features
    r"| Sample \d+ of the training set: "
    # print(args) of argparse: `Namespace(batchSize=64, lr=0.0002, ...)`, the run's settings
    # pandas' `df.info()`: `RangeIndex: 150 entries, 0 to 149`, `Data columns (total 5
    # columns):`, each column's ` 0   age   150 non-null    float64`, `dtypes: float64(4)`,
    # `memory usage: 6.0 KB`: a frame's description
    r"|^(?:RangeIndex|Index|DatetimeIndex): \d+ entries|^Data columns \(total \d+ columns\):"
    r"|^\s{0,2}\#\s{1,8}Column\s{1,80}Non-Null\ Count\s{1,8}Dtype\s*$"
    r"|^\s*\d+\s{1,8}\S.{0,200}?\s\d+\ non-null\s{1,8}\w+\s*$|^dtypes: \w+\(\d+\)"
    r"|^memory usage: [\d.]+\+? (?:bytes|KB|MB|GB)\s*$"
    r"|(?:^\s*|: )Namespace\(\w+="  # (PyTorch-YOLOv3's `Command line arguments: Namespace(...)`)
    # an estimator's repr, closed on its line: openTSNE's `TSNE(early_exaggeration=12,
    # random_state=0, verbose=True)`, its constructor's settings; and openTSNE's phases,
    # `===> Running optimization with exaggeration=12.00, lr=25.00 for 250 iterations...`
    r"|^\s*(?!\w{0,80}?(?:Results?|Metrics|Outputs?|Scores?|Stats|Summary)\()"
    r"[A-Z]\w{0,80}\((?=[^()]{0,2000}\b(?:random_state|verbose)=)[^()]{0,2000}\)\s*$"
    r"|^===> Running optimization with "
    # PySwarms' start: `Optimize for 100 iters with {'c1': 0.5, 'c2': 0.3, 'w': 0.9}`
    r"|\bOptimize for \d{1,18} iters with \{"
    # pycma's end: `termination on {'tolfun': 1e-11}`, the criterion met and its setting
    r"|^termination on \{"
    # pycma's banner: `(5_w,10)-aCMA-ES (mu_w=3.2,w_1=45%) in dimension 8 (seed=1, ...)`
    r"|\)-a?CMA-ES \(mu_w="
    # CRFsuite's closing lines: `Total seconds required for training: 0.014`, `Seconds
    # required: 0.000` after storing the model
    r"|^(?:Total seconds required for training|Seconds required): "
    # print(model) of a PyTorch module: `(0): Linear(in_features=784, out_features=512, ...)`,
    # `(1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, ...)`
    r"|^\s*(?:\([\w.]+\): )?[A-Z]\w*\((?:\d{1,9}, |\(\d{1,9},\), ){0,4}(?:in_features|in_channels|num_features"
    r"|start_dim|normalized_shape|num_embeddings|kernel_size|p|inplace|dim|negative_slope|eps)="
    # pytorch/examples' regression: `==> Learned function:\ty = +7.67 x^1 +2.35 x^2 ...`
    r"|\bfunction:\s+y = "
    # Ray Tune's status line: `Trial status: 3 TERMINATED` (a count of trials)
    r"|^\s*Trial status: \d"
    # JAX's start-up (absl): `JAX process: 0 / 1`, `JAX local devices: [CpuDevice(id=0)]`
    r"|\bJAX process: \d|\bJAX (?:local )?devices: "
    # Flax's seq2seq example: `DECODE: 35+956 = 1 (INCORRECT) correct=991`, a sample's answer
    r"|\bDECODE: .{0,200}\((?:IN)?CORRECT\) correct="
    # FLAML's search summary: `Time taken to find the best model: 1.25` (a timing)
    r"|\bTime taken to find the best model: "
    # detectron2's IterationTimer hook: `Overall training speed: 58 iterations in 0:00:00 (...)`
    r"| Overall training speed: \d+ iterations in "
    # gensim's logged lifecycle events (`Word2Vec lifecycle event {'msg': '... using sg=0 hs=0
    # sample=0.001 negative=5 window=5', ...}`) and `sample=0.001 downsamples 56 most-common
    # words`: its settings
    r"| lifecycle event \{|\bsample=\S{1,20} downsamples \d+ most-common words"
    # Lightning's EarlyStopping (verbose): `Metric val_loss improved by 0.010 >= min_delta =
    # 0.0. New best score: 0.708`, `Monitored metric val_loss did not improve in the last 2
    # records. Best score: 0.704. ...`: the monitored metric's value again, already recorded
    r"|\bMetric \S{1,200} improved(?: by \S{1,40} >= min_delta = \S{1,40})?\. New best score: "
    r"|\bMonitored metric \S{1,200} did not improve in the last \d+ records\. Best score: "
    # DeepSpeed's wall-clock timers, `[Rank 0] time (ms) | fwd_microstep: 0.63 | bwd: ...`
    # (timings), and the configuration it prints, `  seed ...................... 1234` (also
    # Megatron-LM's arguments): settings
    r"|\] time \(ms\) \| |(?:^|\]\ )\s{0,8}[\w.\[\]\-]{1,80} \.{3,} "
    # and its launcher's count of nodes and processes, `[launch.py:152:main] nnodes=1,
    # num_local_procs=2, node_rank=0`
    r"|\[launch\.py:\d{1,6}:main\] nnodes=\d"
    # YDF's data spec: a column's statistics, `\t1: "x1" NUMERICAL mean:-0.03 min:-3.1 ...`,
    # the count of each type's columns, `CATEGORICAL: 2 (50%)`, and its dictionaries' setting
    r"|^\t\d{1,9}: \"[^\"]{1,200}\" (?:NUMERICAL|CATEGORICAL|BOOLEAN|CATEGORICAL_SET|HASH"
    r"|DISCRETIZED_NUMERICAL|NUMERICAL_VECTOR_SEQUENCE)\b"
    r"|^\t?(?:NUMERICAL|CATEGORICAL|BOOLEAN|CATEGORICAL_SET|HASH|DISCRETIZED_NUMERICAL"
    r"|NUMERICAL_VECTOR_SEQUENCE): \d{1,9} \(\d|^max_vocab_count = "
    # IPOPT's problem's sizes and its counts and time at the end: `Total number of variables
    # ......: 3`, `  variables with only lower bounds:  0`, `Number of Iterations....: 10`,
    # `Number of objective function evaluations   = 11`, `Total seconds in IPOPT   = 0.007`
    r"|^(?:Number of nonzeros in |Total number of \w+(?: \w+)?\.{3,}|Number of Iterations\.{3,}"
    r"|Number of [\w ]{1,80} evaluations {2,}= |Total seconds in IPOPT )"
    r"|^\s*(?:variables|(?:in)?equality constraints) with (?:only \w+|lower and upper) bounds: "
    # Hydra's hint after an error: `Set the environment variable HYDRA_FULL_ERROR=1 for a
    # complete stack trace.`; the environment printed, `environ({'OMP_NUM_THREADS': '1', ...})`
    r"|\bSet the environment variable \w{1,80}=\d+ for a complete stack trace"
    r"|^\s*environ\(\{"
    # IPython's `%time`: `CPU times: user 312 μs, sys: 38 μs, total: 350 μs`, `Wall time: 1.39
    # ms`, a cell's timing
    r"|^CPU times: user |^Wall time: [\d.]+ ?(?:ns|µs|μs|us|ms|s|min)\s*$"
    # mlpack's programs with `--verbose`, after the run (bindings/cli/end_program.hpp): `[INFO ]
    # Execution parameters:`, then each setting behind Log::Info's prefix and two spaces,
    # `[INFO ]   lambda: 0.1`, and `[INFO ] Program timers:`, `[INFO ]   total_time: 0.02s`
    # (their names as typed, lower case; not its indented results, `  Objective value: 4.2`)
    r"|^\[INFO \]\ {3}(?!(?:accuracy|loss|error|objective|score|precision|recall|f1|auc|mse|rmse"
    r"|mae|r2|residual)[:_])[a-z][a-z0-9_]{0,80}:(?:\ |$)"  # (not a measure's: `accuracy: 0.95`)
    # SciPy's Fortran L-BFGS-B: the problem's size and the memory kept, `N =            5     M
    # =           10`; TNC's notes, `tnc: fscale = 0.000222607` (its internal scaling), `tnc:
    # |fn-fn-1] = 1.36183e-09 -> convergence`
    r"|^\s*N =\s{1,20}\d{1,18}\s{1,20}M =\s{1,20}\d{1,18}\s*$|^tnc: "
    # HiGHS' closing counts and time: `Simplex   iterations: 14`, `HiGHS run time      :
    # 0.00` (its `Objective value` a result)
    r"|^(?:Simplex|IPM|Crossover|PDLP|QP ASM)\s{1,8}iterations: \d{1,18}\s*$"
    r"|^HiGHS run time\s{0,12}: "
    # numpy's masked array repr (a search's `cv_results_` printed: `param_C':
    # masked_array(data=[...], mask=[...], fill_value=1e+20)`): its fill value, none
    r"|\bfill_value="
    # a search's `best_index_: 2`, the index of its best candidate
    r"|^\s*best_index_\s{0,4}[:=]\s{0,4}\d{1,18}\s*$"
)


def parse_noise(line: str) -> list[Found]:
    """Library log lines that hold no metric (the value: how many lines are silenced)."""
    match = _NOISE.search(line)
    if match is None:
        return []
    return [("noise", 2 if match.group("two") else 1, None)]


# sklearn --------------------------------------------------------------------------------------

# KMeans' `Iteration 0, inertia 31494.96689316255.` (sklearn/cluster/_kmeans.py), each of its
# `n_init` runs counting from 0 again.
# MDS's `Iteration 3, stress 4591.31` (sklearn/manifold/_mds.py); BernoulliRBM's
# `[BernoulliRBM] Iteration 1, pseudo-likelihood = -39.16, time = 0.01s`; dictionary learning's
# `Iteration   1 (elapsed time:   0s,  0.0mn, current cost  551.115)`, after the dots its sparse
# coding draws (sklearn/decomposition/_dict_learning.py).
_SKLEARN = re.compile(
    rf"\s*(?:\[BernoulliRBM\] )?(?:Iteration (\d{{1,18}}), (loss = |inertia |stress "
    rf"|pseudo-likelihood = )({NUMBER})(?:\.|, time = \d{{1,9}}\.\d{{1,9}}s)?"
    rf"|Validation score: ({NUMBER})"
    rf"|\.{{0,4000}}Iteration\ {{1,8}}(\d{{1,18}})\ \(elapsed\ time:\ {{0,8}}\d{{1,18}}s,"
    rf"\ {{0,8}}\d{{1,18}}\.\dmn,\ current\ cost\ {{1,12}}({NUMBER})\))"
    r"\s*$",
    re.ASCII,
)
# t-SNE (sklearn/manifold/_t_sne.py): `[t-SNE] Iteration 50: error = 43.6108589, gradient norm =
# 0.1278733 (50 iterations in 0.116s)`, `[t-SNE] KL divergence after 250 iterations with early
# exaggeration: 40.693939`: the counts of iterations name the step.
_TSNE = re.compile(
    rf"\[t-SNE\] (?:Iteration (\d{{1,18}}): error = ({NUMBER}), gradient norm = ({NUMBER})"
    rf"|KL divergence after (\d{{1,18}}) iterations( with early exaggeration)?: ({NUMBER})\s*$)",
    re.ASCII,
)


# scikit-learn's compiled and iterative solvers, verbose:
# - liblinear's trust-region Newton (`LogisticRegression(solver="liblinear")`, `LinearSVC`),
#   `[LibLinear]iter  1 act 7.294e+01 pre 6.319e+01 delta 1.133e+00 f 1.386e+02 |g| 1.362e+02
#   CG   2` (the prefix on a fit's first line only);
# - the graphical lasso's `[graphical_lasso] Iteration   0, cost  5.44e+01, dual gap -2.609e-01`;
# - the Newton solvers' convergence checks under `Newton iter=1` (the step), `    1. max
#   |gradient| 0.1277 <= 0.0001 False` and `    2. Newton decrement 2.97e-05 <= 0.0001 True`;
#   newton-cg's under `Newton-CG iter = 0`, `    max |gradient| <= tol: 0.5155 <= 0.0001 False`
#   (the same measure, not the setting `tol`).
_SOLVERS = re.compile(
    rf"(?:\[LibLinear\])?iter\ {{1,8}}(\d{{1,18}})\ act\ ({NUMBER})\ pre\ ({NUMBER})"
    rf"\ delta\ ({NUMBER})\ f\ ({NUMBER})\ \|g\|\ ({NUMBER})\ CG\ {{1,8}}\d{{1,9}}\s*"
    rf"|\[graphical_lasso\]\ Iteration\ {{1,8}}(\d{{1,18}}),\ cost\ {{1,8}}({NUMBER}),"
    rf"\ dual\ gap\ ({NUMBER})\s*"
    rf"|\ {{2,8}}(?:\d\.\ )?(max\ \|gradient\||Newton\ decrement)(?:\ <=\ tol:)?\ ({NUMBER})"
    rf"\ <=\ (?:{NUMBER})"
    rf"\ (?:True|False)\s*",
    re.ASCII,
)


def parse_sklearn_solvers(line: str) -> list[Found]:
    """liblinear's `iter N act ... f ... |g| ...`, the graphical lasso's iterations and the
    Newton solvers' checks, each at its iteration."""
    match = _SOLVERS.fullmatch(line)
    if match is None:
        return []
    (it, act, pre, delta, f, g, lasso_it, cost, gap, check, checked) = match.groups()
    if it is not None:
        return [("iteration", int(it), None), *((key, to_number(text), None) for key, text in (
            ("act", act), ("pre", pre), ("delta", delta), ("f", f), ("|g|", g)))]
    if lasso_it is not None:
        return [("iteration", int(lasso_it), None), ("cost", to_number(cost), None),
                ("dual_gap", to_number(gap), None)]
    return [(check.replace(" ", "_"), to_number(checked), None)]


# SciPy's L-BFGS-B in Fortran (SciPy before 1.15; statsmodels' `fit(disp=True)`), numbers with a
# `D` exponent: `At iterate    3    f= -2.29602D-01    |proj g|=  3.08601D-02` (f and |proj_g|
# at the iterate), and the summary row under `   N    Tit     Tnf  Tnint  Skip  Nact     Projg
# F`: `    4     15     20      1     0     0   1.393D-04  -2.297D-01` (Projg and F).
_FORTRAN = r"[-+]?\d{0,18}\.\d{1,18}[DdEe][-+]?\d{1,4}"
_LBFGSB = re.compile(
    rf"\s{{0,8}}At\ iterate\ {{1,8}}(\d{{1,18}})\ {{1,8}}f=\ {{0,8}}({_FORTRAN})\ {{1,8}}\|proj\ g\|="
    rf"\ {{0,8}}({_FORTRAN})\s*", re.ASCII)
_LBFGSB_HEADER = re.compile(r"\s{1,8}N\s{1,8}Tit\s{1,8}Tnf\s{1,8}Tnint\s{1,8}Skip\s{1,8}Nact\s{1,8}"
                            r"Projg\s{1,8}F\s*")
_LBFGSB_ROW = re.compile(rf"(?:\s{{1,8}}\d{{1,18}}){{6}}\s{{1,8}}({_FORTRAN})\s{{1,8}}({_FORTRAN})\s*",
                         re.ASCII)
_LBFGSB_FINAL = re.compile(rf"\s{{0,8}}F\ =\ {{1,12}}({NUMBER})\s*", re.ASCII)


def _fortran(text: str) -> float:
    return float(text.replace("D", "e").replace("d", "e"))


def parse_lbfgsb(line: str) -> list[Found]:
    """L-BFGS-B's `At iterate N f= ... |proj g|= ...` lines, at the iterate."""
    match = _LBFGSB.fullmatch(line)
    if match is None:
        return []
    return [("iteration", int(match.group(1)), None), ("f", _fortran(match.group(2)), None),
            ("|proj_g|", _fortran(match.group(3)), None)]


parse_lbfgsb_header = _claims(_LBFGSB_HEADER)
"""The header of L-BFGS-B's summary row."""


def lbfgsb_rows(header: str) -> Callable[[str], list[Found]]:
    """The summary row: Projg and F; the `  F =   1.3502191981457816` after it (`iprint` 1 or
    more) is its F printed again, no second point."""
    final = [False]

    def row(line: str) -> list[Found]:
        if final[0]:
            final[0] = False
            return [CLAIM] if _LBFGSB_FINAL.fullmatch(line) else []
        match = _LBFGSB_ROW.fullmatch(line)
        if match is None:
            return []
        final[0] = True
        return [("Projg", _fortran(match.group(1)), None), ("F", _fortran(match.group(2)), None)]

    return row


# ASE's optimizers (ase/optimize/optimize.py `Optimizer.log`): a header `      Step     Time
# Energy          fmax`, then a row a step, `BFGS:    3 16:29:09        1.879314        0.049628`
# (the optimizer's name first; a `*` after the energy marks it force-consistent).
_ASE_HEADER = re.compile(r"\s{0,40}Step\s{1,20}Time\s{1,20}Energy\s{1,20}fmax\s*")
_ASE_ROW = re.compile(
    rf"\s{{0,8}}[A-Za-z][\w\-]{{0,40}}:\s{{1,20}}(\d{{1,18}})\s{{1,20}}\d\d:\d\d:\d\d\s{{1,20}}({NUMBER})\*?"
    rf"\s{{1,20}}({NUMBER})\s*", re.ASCII)

parse_ase_header = _claims(_ASE_HEADER)
"""The header of ASE's optimizer table."""


def ase_rows(header: str) -> Callable[[str], list[Found]]:
    """A row of ASE's optimizer table: Energy and fmax at its step."""

    def row(line: str) -> list[Found]:
        match = _ASE_ROW.fullmatch(line)
        if match is None:
            return []
        step = int(match.group(1))
        return [("Energy", to_number(match.group(2)), step), ("fmax", to_number(match.group(3)), step)]

    return row


# EleutherAI's lm-evaluation-harness results (lm_eval/utils.py `make_table`, a markdown
# table): `|  Tasks  |Version|Filter|n-shot|    Metric     |   |    Value    |   |Stderr|`, its
# rule `|---------|------:|...`, then a row a metric, `|toy_arith|      1|none  |     0|acc
# |↑  |       0.4000|±  |0.1124|`, the task left blank on its next metrics' rows (a group's
# subtasks start ` - `); `N/A` for no standard error. (Also its `|Groups|...` table.)
_LM_EVAL_HEADER = re.compile(
    r"\|\s{0,20}(?:Tasks|Groups)\s{0,20}\|\s{0,20}Version\s{0,20}\|\s{0,20}Filter\s{0,20}\|\s{0,20}n-shot"
    r"\s{0,20}\|\s{0,20}Metric\s{0,20}\|.{0,200}")
_LM_EVAL_RULE = re.compile(r"\|[-:|]{1,400}\|?")

parse_lm_eval_header = _claims(_LM_EVAL_HEADER)
"""The header of lm-evaluation-harness' results table."""


def lm_eval_rows(header: str) -> Callable[[str], list[Found]]:
    """Each row of lm-evaluation-harness' table: `task/metric` and `task/metric_stderr`."""
    task = [""]

    def row(line: str) -> list[Found]:
        if _LM_EVAL_RULE.fullmatch(line.strip()):
            return [CLAIM]
        cells = [cell.strip() for cell in line.strip().split("|")]
        if len(cells) != 11 or cells[0] or cells[-1]:
            return []
        name, _, _, _, metric, _, value, _, stderr = cells[1:10]
        if name:
            task[0] = name.removeprefix("- ").strip()
        found: list[Found] = [CLAIM]
        number, error = parse_number(value), parse_number(stderr)
        if number is not None and metric:
            found.append((f"{task[0]}/{metric}", number, None))
            if error is not None:
                found.append((f"{task[0]}/{metric}_stderr", error, None))
        return found

    return row


# tabulate's `fancy_grid` tables (Ludwig's evaluation tables and training report): `╒═══╤═══╕`,
# a first row, then `╞═══╪═══╡` under a header or `├───┼───┤` between rows, `╘═══╧═══╛` last.
# Under a header whose corner is blank and whose columns name splits, `│               │   train
# │   validation │   test │`, each row naming a measure is one value a split: `│ accuracy      │
# 0.3429 │  0.3333 │ 0.3333 │` is train/accuracy, validation/accuracy, test/accuracy. A table of
# two columns and no header, `│ Best model's validation roc_auc │ 0.598 │`, or under `│ metric │
# value │`, is a name and its value where the name is a measure's (a whole number there is a
# count: `│ Best model step │ 21 │`; a setting is none). Other tables (a DataFrame's rows under
# its index, a dataset's sizes, a confusion matrix) are none.
_GRID_TOP = re.compile(r"\s{0,8}╒[═╤]{3,2000}╕\s*")
_GRID_RULE = re.compile(r"\s{0,8}[╞├][═─┼╪]{3,2000}[╡┤]\s*")
_GRID_BOTTOM = re.compile(r"\s{0,8}╘[═╧]{3,2000}╛\s*")

parse_fancy_grid_top = _claims(_GRID_TOP)
"""The top edge of a tabulate `fancy_grid` table."""


def fancy_grid_rows(header: str) -> Callable[[str], list[Found]]:
    """The rows of one `fancy_grid` table (see above), until its bottom edge."""
    first: list[list[str]] = []  # its first row, until the rule under it tells what it is
    columns: list[str] = []
    pairs = [False]
    done = [False]
    # (a history under a header whose first column is a counter, `│ epoch │ train_loss │`:
    # read as a table's rows are)
    history: list[Callable[[str], list[Found]]] = []

    def pair(cells: list[str]) -> list[Found]:
        name, value = cells
        key, number = "_".join(name.split()), parse_number(value)
        if number is None or type(number) is int or not (
                is_metric_key(key) and names_a_measure(key)):
            return [CLAIM]  # (a setting, `│ learning_rate │ 0.0003 │`, or a count)
        return [CLAIM, (key, number, None)]

    def row(line: str) -> list[Found]:
        if done[0]:
            return []
        if _GRID_BOTTOM.fullmatch(line) or _GRID_RULE.fullmatch(line):
            if first:
                cells = first.pop()
                if line.lstrip()[:1] == "╞":
                    columns[:] = cells
                    if _counter_first(cells[0]) is not None and len(cells) > 1:
                        history.append(table_rows(f"| {' | '.join(cells)} |"))
                    # (`│ metric │ value │` over them: a table of names and values)
                    pairs[0] = len(cells) == 2 and _METRIC_TABLE_HEADER.fullmatch(
                        f"│{cells[0]}│{cells[1]}│") is not None
                elif len(cells) == 2:
                    pairs[0] = True
                    done[0] = line.lstrip()[:1] == "╘"
                    return pair(cells)
            done[0] = line.lstrip()[:1] == "╘"
            return [CLAIM]
        text = line.strip()
        if text[:1] != "│" or text[-1:] != "│":
            return []
        if history:
            return [CLAIM, *history[0](text)]
        cells = [cell.strip() for cell in text[1:-1].split("│")]
        if not columns and not pairs[0]:
            first[:] = [cells]
            return [CLAIM]
        if pairs[0]:
            return pair(cells) if len(cells) == 2 else [CLAIM]
        name = "_".join(cells[0].split())
        if (columns[0] or len(cells) != len(columns) or not names_a_measure(name)
                or not all(column.lower() in PHASES for column in columns[1:])):
            # a table of other things: a DataFrame's rows under its index, a dataset's sizes,
            # a confusion matrix
            return [CLAIM]
        numbers = [(column, parse_number(value)) for column, value in zip(columns[1:], cells[1:])]
        return [CLAIM, *((f"{'_'.join(column.split())}/{name}", number, None)
                         for column, number in numbers
                         if number is not None and type(number) is not int)]

    return row


# Node's `console.table` (lib/internal/cli_table.js): `┌─────────┬───────┬──────┐`, the header
# `│ (index) │ epoch │ loss │`, `├───┼───┤`, a row a record, `│ 0       │ 1     │ 0.5  │` (Node
# 20 on; centred before, `│    0    │   1   │ 0.5  │`), `└───┴───┘`. Each value under its
# column's name, at the row's `epoch` (or `step`, ...) where a column is one, else at its index.
_NODE_TABLE_HEADER = re.compile(r"\s{0,8}│\ {1,8}\(index\)\ {1,8}│.{1,4000}│\s*")


def parse_node_table_header(line: str) -> list[Found]:
    """The header of Node's `console.table`, `│ (index) │ loss │ acc │`."""
    return [CLAIM] if _NODE_TABLE_HEADER.fullmatch(line) else []


def node_table_rows(header: str) -> Callable[[str], list[Found]]:
    """The rows of one `console.table` (see above), until its bottom edge."""
    columns = [cell.strip() for cell in header.strip()[1:-1].split("│")][1:]
    counted = any(column in _COUNTER_COLUMNS for column in columns)
    read = table_rows(f"| {' | '.join(columns if counted else ['#', *columns])} |")
    done = [False]

    def row(line: str) -> list[Found]:
        text = line.strip()
        if done[0] or text[:1] not in "│├└":
            return []
        if text[:1] != "│":
            done[0] = text[:1] == "└"
            return [CLAIM]
        cells = text[1:-1].split("│")
        if text[-1:] != "│" or len(cells) != len(columns) + 1:
            return []
        named = _named_node_row(columns, [cell.strip() for cell in cells])
        if named is not None:
            return [CLAIM, *named]
        return [CLAIM, *read(f"|{'|'.join(cells[1:] if counted else cells)}|")]

    return row


def _named_node_row(columns: list[str], cells: list[str]) -> list[Found] | None:
    """A `console.table` row named by a word: a phase's or a model's string in a column
    (`'train'` under `phase`, `'lr'` under `model`), or a phase's in its index (an object's
    table, `console.table({ train: {...}, val: {...} })`): each value as name/column
    (train/loss, as a row naming a split is anywhere), at the row's counter where a column is
    one, else at the current step (an epoch's header above the table); None when not."""
    index, values = cells[0], cells[1:]
    place, name = next(((i, cell[1:-1]) for i, cell in enumerate(values)
                        if len(cell) > 2 and cell[0] == cell[-1] and cell[0] in "'\""), (-1, ""))
    if not (place >= 0 and (name.lower() in PHASES or columns[place] in _NAME_COLUMNS)):
        if index.lower() not in PHASES:
            return None  # (a row of data's words, `'Paris'`, is read as before: at its index)
        place, name = -1, index
    numbers = [None if i == place else parse_number(cell) for i, cell in enumerate(values)]
    step = next((int(value) for column, value in zip(columns, numbers)
                 if column in _COUNTER_COLUMNS and value is not None and type(value) is int), None)
    name = "_".join(name.split())
    return [(f"{name}/{column}", value, step) for column, value in zip(columns, numbers)
            if value is not None and column not in _COUNTER_COLUMNS and is_metric_key(column)
            and column.lower() not in HYPERPARAMETERS
            and (type(value) is not int or names_a_measure(column))]


# R's print of a named vector, `print(c(epoch = e, loss = loss, acc = acc))`: a line of the
# names over a line of the values, every name and value right-aligned in one width and followed
# by a space (`epoch  loss   acc ` over `  1.0   0.5   0.6 `), wrapped onto more such pairs of
# lines when wide; a loop prints one an epoch. Each value under its name, at the vector's
# counter (`1.0`, a double as R prints it, is epoch 1), else at the current step; only under a
# header naming a counter or measures alone: a vector of other numbers (a model's `coef()`,
# the settings `c(lr = 0.01, batch_size = 32)`) holds no measures.
_R_COUNTERS = frozenset({"epoch", "Epoch", "step", "Step", "iter", "Iter", "iteration",
                         "Iteration"})


def _r_cells(line: str) -> list[str] | None:
    """The cells of a line of R's named-vector print (each right-aligned in one width and
    followed by a space), stripped; None when the line is not one."""
    width = len(line) - len(line.lstrip(" "))
    width += line.find(" ", width) - width
    if width < 1 or len(line) % (width + 1) or line[width - 1] == " ":
        return None
    cells = [line[i : i + width] for i in range(0, len(line), width + 1)]
    if any(line[i + width] != " " or cell[-1] == " " or " " in cell.lstrip(" ")
           for i, cell in zip(range(0, len(line), width + 1), cells)):
        return None
    return [cell.lstrip(" ") for cell in cells]


def _r_names(line: str) -> list[str] | None:
    cells = _r_cells(line) if line[-1:] == " " else None
    if cells is None or not all(cell[:1].isalpha() or cell[:1] == "." for cell in cells):
        return None
    return cells


def parse_r_vector_header(line: str) -> list[Found]:
    """The names of R's print of a named vector that holds a counter, `epoch  loss   acc `,
    or only measures, `train_loss   val_loss ` (its values at the current step: a loop's
    `print(c(loss = l, acc = a))` under its `cat("Epoch", e, "\\n")`)."""
    names = _r_names(line) if line[-1:] == " " else None
    return [CLAIM] if names is not None and (
        any(name in _R_COUNTERS for name in names)
        or all(names_a_measure(name) and is_metric_key(name) for name in names)) else []


def r_vector_rows(header: str) -> Callable[[str], list[Found]]:
    """The values under each line of names of R's named-vector prints (see above), the names'
    lines of the next prints too, as long as they come."""
    names = [_r_names(header) or []]
    step: list[int | None] = [None]

    def row(line: str) -> list[Found]:
        if not names[0]:
            names[0] = _r_names(line) or []
            return [CLAIM] if names[0] else []
        cells = _r_cells(line) if line[-1:] == " " else None
        if cells is None or len(cells) != len(names[0]):
            return []
        values = [parse_number(cell) for cell in cells]
        if any(value is None and cell != "NA" for value, cell in zip(values, cells)):
            return []
        columns, names[0] = names[0], []
        counter = next((value for name, value in zip(columns, values) if name in _R_COUNTERS),
                       None)
        if counter is not None:  # (a new vector's, not its wrapped line's)
            step[0] = int(counter) if float(counter).is_integer() and abs(counter) < 2**62 else None
        return [CLAIM, *((name, value, step[0]) for name, value in zip(columns, values)
                         if value is not None and name not in _R_COUNTERS
                         and is_metric_key(name))]

    return row


# R's print of a list, `print(list(epoch = e, loss = l, acc = a))`: each element's name on a
# line of its own, `$loss` (a nested list's `$val$loss`), its value under it as R prints a
# vector, `[1] 0.5`, then a blank line. Each value of one number under its name (val/loss), at
# the list's counter where an element is one (`$epoch` first, as a loop prints it), else at the
# current step; only a list whose first element is a counter, a measure or a phase: a list of
# settings (`list(lr = 0.01, batch_size = 32)`) holds none.
_R_ELEMENT = re.compile(r"\$[A-Za-z.][\w.]{0,80}(?:\$[A-Za-z.][\w.]{0,80}){0,4}\s*", re.ASCII)
_R_INDEX = re.compile(r"\[\d{1,12}\]\ ")


def parse_r_list_header(line: str) -> list[Found]:
    """The name of the first element of R's print of a list, `$epoch` (see above)."""
    if line[:1] != "$" or _R_ELEMENT.fullmatch(line) is None:
        return []
    name = line.rstrip()[1:].split("$")[-1]
    return [CLAIM] if name in _R_COUNTERS or name.lower() in PHASES or (
        names_a_measure(name) and is_metric_key(name)) else []


def r_list_rows(header: str) -> Callable[[str], list[Found]]:
    """The values of the elements of R's prints of lists (see above), as long as they come."""
    name = [header.rstrip()[1:]]
    step: list[int | None] = [None]

    def row(line: str) -> list[Found]:
        text = line.rstrip()
        if not text:
            return [CLAIM]  # (the blank line after each element)
        if text[:1] == "$":
            if _R_ELEMENT.fullmatch(text) is None:
                return []
            name[0] = text[1:]
            return [CLAIM]
        if _R_INDEX.match(text) is None:
            return []
        key, name[0] = name[0].replace("$", "/"), ""
        value = parse_number(text[4:].strip()) if key and text[:4] == "[1] " else None
        if value is None or " " in text[4:].strip():
            return [CLAIM] if key or text[:4] != "[1] " else []  # a word, a vector's numbers
        leaf = key.rsplit("/", 1)[-1]
        if leaf in _R_COUNTERS:  # (a new list's)
            step[0] = int(value) if float(value).is_integer() and abs(value) < 2**62 else None
            return [CLAIM]
        return [CLAIM, (key, value, step[0])] if is_metric_key(leaf) else [CLAIM]

    return row


# A data frame with a column naming each row's phase, R's `print(data.frame(phase = c("train",
# "val"), loss = l, acc = a))`, `  phase loss acc` over `1 train  1.0 0.6` (pandas' too, `
# phase  loss  acc` over `0  train   1.0  0.6`): each value as phase/column, train/loss (as a
# row naming a split is anywhere), at the row's counter where a column is one (`epoch`), else at
# the current step (the row's name or index, R's from 1, pandas' from 0, is none).
_PHASE_COLUMNS = frozenset({"phase", "split", "stage"})
_FRAME_NAMES = re.compile(r"\ {1,40}[A-Za-z.][\w.]{0,60}(?:\ {1,40}[A-Za-z.][\w.]{0,60}){1,40}\s*",
                          re.ASCII)


def _phase_frame_names(line: str) -> list[str] | None:
    """The columns of a frame's header holding one phase's column and a measure's, or None."""
    if line[:1] != " " or _FRAME_NAMES.fullmatch(line) is None:
        return None
    names = line.split()
    if sum(name.lower() in _PHASE_COLUMNS for name in names) != 1 or not any(
            names_a_measure(name) for name in names):
        return None
    return names


def parse_phase_frame_header(line: str) -> list[Found]:
    """The header of a data frame with a phase's column (`  phase loss acc`)."""
    return [CLAIM] if _phase_frame_names(line) is not None else []


def phase_frame_rows(header: str) -> Callable[[str], list[Found]]:
    """The rows under a phase frame's header (see above), up to a line of anything else."""
    names = _phase_frame_names(header) or []
    place = next((i for i, name in enumerate(names) if name.lower() in _PHASE_COLUMNS), -1)

    def row(line: str) -> list[Found]:
        fields = line.split() if len(line) <= 4000 else []
        if len(fields) == len(names) + 1:
            fields = fields[1:]  # (the row's name or index first)
        if len(fields) != len(names) or place < 0:
            return []
        values = [None if i == place else parse_number(field) for i, field in enumerate(fields)]
        if any(value is None and i != place and field.lower() not in _MISSING_CELLS
               for i, (value, field) in enumerate(zip(values, fields))) or not any(
                   value is not None for value in values):
            return []
        phase = fields[place]
        if phase.lower() not in PHASES:
            return [CLAIM]  # (another row's: `test_ood`)
        step = next((int(value) for name, value in zip(names, values)
                     if name in _COUNTER_COLUMNS and value is not None and type(value) is int), None)
        return [CLAIM, *((f"{phase}/{name}", value, step) for name, value in zip(names, values)
                         if value is not None and value == value and name not in _COUNTER_COLUMNS
                         and is_metric_key(name)
                         and (type(value) is not int or names_a_measure(name)))]

    return row


# PySCF's SCF iterations (pyscf/scf/hf.py `kernel`): `cycle= 3 E= -74.3180430246291  delta_E=
# -5.89  |g|= 1.42  |ddm|= 5.98`, the norms named in bars.
_PYSCF_CYCLE = re.compile(
    rf"\s{{0,8}}cycle=\ {{0,8}}(\d{{1,18}})\ {{1,8}}E=\ {{0,8}}({NUMBER})\ {{1,8}}delta_E=\ {{0,8}}({NUMBER})"
    rf"\ {{1,8}}\|g\|=\ {{0,8}}({NUMBER})\ {{1,8}}\|ddm\|=\ {{0,8}}({NUMBER})\s*", re.ASCII)


# With symmetry, its frontier orbitals each cycle, their irreducible representation in
# parentheses (it changes from cycle to cycle: no part of the name): `HOMO (B1) = -0.3889  LUMO
# (A1) = -0.1845  gap/eV = 5.56239`.
_PYSCF_GAP = re.compile(
    rf"\s{{0,8}}HOMO\ \([\w\-'\"]{{1,12}}\)\ =\ {{0,8}}({NUMBER})\ {{1,8}}LUMO\ \([\w\-'\"]{{1,12}}\)\ =\ {{0,8}}"
    rf"({NUMBER})\ {{1,8}}gap/eV\ =\ {{0,8}}({NUMBER})\s*", re.ASCII)


def parse_pyscf_cycle(line: str) -> list[Found]:
    """PySCF's `cycle= N E= ... delta_E= ... |g|= ... |ddm|= ...` as E, delta_E, |g| and |ddm|
    at the cycle; `HOMO (B1) = ...  LUMO (A1) = ...  gap/eV = ...` as HOMO, LUMO and gap/eV."""
    match = _PYSCF_CYCLE.fullmatch(line)
    if match is None:
        gap = _PYSCF_GAP.fullmatch(line)
        return [] if gap is None else [
            (name, to_number(value), None) for name, value in zip(("HOMO", "LUMO", "gap/eV"), gap.groups())]
    step = int(match.group(1))
    return [(name, to_number(value), step)
            for name, value in zip(("E", "delta_E", "|g|", "|ddm|"), match.groups()[1:])]


# statsmodels' results summary (`print(results.summary())`), two columns of cells: the names
# it prints without a colon, `Log Likelihood                  27.560`, `AIC  -47.120`, and its
# tests' probabilities, `Ljung-Box (L1) (Q):  0.01`, `Prob(Q):  0.91`, `Prob(H) (two-sided):
# 0.33`, `Prob (F-statistic):  1.2e-05`, `Prob(Omnibus):  0.62` (the other cells are key_value's).
# A GLM's `Pseudo R-squ. (CS):             0.2679` (Cox and Snell's), as the Logit's `Pseudo
# R-squ.:` is named, Pseudo_R-squ._(CS).
_SM_SUMMARY = re.compile(
    rf"(?:^|(?<=\ \ ))(Log\ Likelihood|AIC|BIC|HQIC|Ljung-Box\ \(L1\)\ \(Q\)|Prob\(Q\)"
    rf"|Prob\(H\)\ \(two-sided\)|Prob\(JB\)|Prob\ \(F-statistic\)|Prob\(Omnibus\)"
    rf"|Pseudo\ R-squ\.\ \(CS\)):?\ {{1,40}}({NUMBER})(?=\s|$)", re.ASCII)
# The scale a family fixes at 1 (a Logit's, a Poisson GLM's), `Scale:  1.0000` beside another
# cell (`summary()`'s `Link Function:  Log   Scale:  1.0000`, `summary2()`'s `No. Iterations:
# 5.0000   Scale:  1.0000`): the model's, no estimate (a Gaussian GLM's `Scale: 0.9643` is one).
_SM_FIXED_SCALE = re.compile(r"(?:(.{0,200}?\S)\ {2,})?Scale:\ {1,40}1\.0000(?:\ {2,}(\S.{0,200}))?\s*")


def parse_statsmodels_summary(line: str) -> list[Found]:
    """statsmodels' summary cells named without a colon or with parentheses."""
    return [(name.replace(" ", "_"), to_number(value), None)
            for name, value in _SM_SUMMARY.findall(line)]


def parse_statsmodels_scale(line: str) -> list[Found]:
    """A summary's line holding its fixed `Scale:  1.0000` (see above): its other cell's
    metrics alone."""
    match = _SM_FIXED_SCALE.fullmatch(line)
    if match is None or not any(match.groups()):
        return []  # (alone on its line, a program's own `Scale: 1.0000`)
    rest = " ".join(cell for cell in match.groups() if cell)
    return parse_statsmodels_summary(rest) + parse_key_value(rest) or [CLAIM]


# ElegantRL's evaluator (elegantrl/train/evaluator.py): a header, `ID     Step    Time |    avgR
# stdR   avgS  stdS |    expR   objC   objA   etc.`, then a row an evaluation, `-1 1.55e+03
# 2 |    9.38    0.5      9     1 |    1.00   0.03   1.02   0.05 [120   4]`: each measure at
# the row's step (printed in scientific notation).
_ELEGANTRL_HEADER = re.compile(r"\s*ID\s+Step\s+Time\s+\|\s+avgR\s+stdR\s+avgS\s+stdS\s+\|"
                               r"\s+expR\s+objC\s+objA\s+etc\.\s*")
_ELEGANTRL_ROW = re.compile(
    rf"\s*-?\d{{1,9}}\s{{1,8}}({NUMBER})\s{{1,8}}\d{{1,18}}\s{{1,8}}\|((?:\s{{1,8}}(?:{NUMBER})){{4}})"
    rf"\s{{1,8}}\|((?:\s{{1,8}}(?:{NUMBER})){{3}})(?:\s.*)?", re.ASCII)
_ELEGANTRL_NAMES = ("avgR", "stdR", "avgS", "stdS", "expR", "objC", "objA")


parse_elegantrl_header = _claims(_ELEGANTRL_HEADER)
"""The header of ElegantRL's evaluator table."""


def elegantrl_rows(header: str) -> Callable[[str], list[Found]]:
    """ElegantRL's rows: each measure at the row's step."""

    def row(line: str) -> list[Found]:
        match = _ELEGANTRL_ROW.fullmatch(line)
        if match is None:
            return []
        step = round(float(match.group(1)))
        values = (match.group(2) + " " + match.group(3)).split()
        return [(name, to_number(value), step)
                for name, value in zip(_ELEGANTRL_NAMES, values, strict=True)]

    return row


# LARS' path, `Lars(verbose=3)` (sklearn/linear_model/_least_angle.py): a tab-separated table,
# `Step\t\tAdded\t\tDropped\t\tActive set size\t\tC`, each row's C (the largest correlation)
# at its step; a dropped variable's row prints C as an array, `[3.92595407]`.
_LARS_HEADER = re.compile(r"Step\t\tAdded\t\tDropped\t\tActive set size\t\tC\s*")
_LARS_ROW = re.compile(rf"(\d{{1,18}})\t\t[^\t]{{0,80}}\t\t[^\t]{{0,80}}\t\t\d{{1,9}}\t\t"
                       rf"\[?({NUMBER})\]?\s*", re.ASCII)


parse_lars_header = _claims(_LARS_HEADER)
"""The header of LARS' verbose table."""


def lars_rows(header: str) -> Callable[[str], list[Found]]:
    """LARS' rows: C at the step."""

    def row(line: str) -> list[Found]:
        match = _LARS_ROW.fullmatch(line)
        return [] if match is None else [("C", to_number(match.group(2)), int(match.group(1)))]

    return row


def parse_sklearn(line: str) -> list[Found]:
    """scikit-learn's verbose lines: the MLP's ``Iteration 5, loss = 0.42`` and KMeans'
    ``Iteration 5, inertia 2.0e4.`` set the step, ``Validation score: 0.75`` (early stopping)
    follows at that step; t-SNE's ``[t-SNE] Iteration 50: error = 43.6, gradient norm = 0.13``
    and ``KL divergence after 250 iterations ...: 40.7`` at the iteration."""
    match = _SKLEARN.match(line)
    if match is None:
        tsne = _TSNE.match(line)
        if tsne is None:
            return []
        iteration, error, norm, after, early, divergence = tsne.groups()
        if iteration is not None:
            step = int(iteration)
            return [("iteration", step, step), ("error", to_number(error), None),
                    ("gradient_norm", to_number(norm), None)]
        key = "KL_divergence_with_early_exaggeration" if early else "KL_divergence"
        return [("iteration", int(after), int(after)), (key, to_number(divergence), None)]
    iteration, measure, value, score, coded, cost = match.groups()
    if coded is not None:
        step = int(coded)
        return [("iteration", step, step), ("current_cost", to_number(cost), None)]
    if iteration is None:
        return [("validation_score", to_number(score), None)]
    step = int(iteration)
    return [("iteration", step, step), (measure.strip(" ="), to_number(value), None)]


_GB_HEADER = re.compile(r"\s*Iter\s+Train Loss\s+(?:OOB Improve\s+)?Remaining Time\s*$")
_GB_ROW = re.compile(
    rf"\s*(\d{{1,18}})\s+({NUMBER})\s+(?:({NUMBER})\s+)?\d+(?:\.\d+)?[smh]\s*$", re.ASCII
)


def parse_gb_header(line: str) -> list[Found]:
    """The header of gradient boosting's verbose table."""
    return [("header", 0, None)] if _GB_HEADER.match(line) else []


def parse_gb_row(line: str) -> list[Found]:
    """``   10   3575.1827   1306.1301   0.02s``: iteration, train loss, [OOB improvement], time."""
    match = _GB_ROW.match(line)
    if match is None:
        return []
    iteration, loss, oob = match.groups()
    step = int(iteration)
    found: list[Found] = [("train_loss", to_number(loss), step)]
    if oob is not None:
        found.append(("oob_improve", to_number(oob), step))
    return found


# classification_report ------------------------------------------------------------------------

# scikit-learn's `classification_report` (sklearn/metrics/_classification.py): a header
# `precision    recall  f1-score   support`, then a row a class, `           0       0.61
# 0.86      0.72        22`, `    accuracy                           0.64        75`, `   macro
# avg       0.64 ...` and `weighted avg ...`, blank lines between: each score under its row's
# label (`0/precision`, `macro_avg/f1-score`, `accuracy`); the supports are counts.
_CR_HEADER = re.compile(r"\s*precision\s+recall\s+f1-score\s+support\s*"
                        # (or imbalanced-learn's `classification_report_imbalanced`: `pre  rec
                        # spe  f1  geo  iba  sup`, then `avg / total` for the averages)
                        r"|\s*pre\s+rec\s+spe\s+f1\s+geo\s+iba\s+sup\s*")
_IMBALANCED_ROW = re.compile(
    rf"\s*(\S(?:.{{0,60}}?\S)?)\s{{2,}}({NUMBER})\s+({NUMBER})\s+({NUMBER})\s+({NUMBER})"
    rf"\s+({NUMBER})\s+({NUMBER})\s+\d{{1,18}}\s*",
    re.ASCII,
)
_IMBALANCED_COLUMNS = ("pre", "rec", "spe", "f1", "geo", "iba")
# (Its `output_dict=True` shown as a pandas frame, `pd.DataFrame(report).transpose()`, is the
# same table: its header `precision    recall  f1-score  support`, a row `0  0.666667  0.666667
# 0.666667  3.0` (the supports as floats), and `accuracy  0.8  0.8  0.8  0.8`, the accuracy
# broadcast over the columns: read as the text's, `0/precision`, `macro_avg/f1-score`,
# `accuracy`.)
_CR_ROW = re.compile(
    rf"\s*(\S(?:.{{0,60}}?\S)?)\s{{2,}}({NUMBER})\s+({NUMBER})\s+({NUMBER})\s+\d{{1,18}}"
    rf"(?:\.\d{{1,12}})?\s*",
    re.ASCII,
)
_CR_ACCURACY = re.compile(rf"\s*accuracy\s+({NUMBER})\s+\d{{1,18}}\s*", re.ASCII)
_CR_FRAME_ACCURACY = re.compile(rf"\s*accuracy\s+({NUMBER})\s+({NUMBER})\s+({NUMBER})\s+(?:{NUMBER})\s*",
                                re.ASCII)
_CR_COLUMNS = ("precision", "recall", "f1-score")

parse_report_header = _claims(_CR_HEADER)
"""The header of scikit-learn's classification report."""


def report_rows(header: str) -> Callable[[str], list[Found]]:
    """The report's rows, blank lines between them included (two at most in a row)."""
    blanks = [0]
    imbalanced = "precision" not in header
    rows, columns = (_IMBALANCED_ROW, _IMBALANCED_COLUMNS) if imbalanced else (
        _CR_ROW, _CR_COLUMNS)

    def row(line: str) -> list[Found]:
        if not line.strip():
            blanks[0] += 1
            return [CLAIM] if blanks[0] <= 2 else []
        blanks[0] = 0
        accuracy = _CR_ACCURACY.fullmatch(line)
        if accuracy is not None:
            return [("accuracy", to_number(accuracy.group(1)), None)]
        broadcast = None if imbalanced else _CR_FRAME_ACCURACY.fullmatch(line)
        if broadcast is not None and len(set(broadcast.groups())) == 1:
            return [("accuracy", to_number(broadcast.group(1)), None)]
        match = rows.fullmatch(line)
        if match is None:
            return []
        label = "_".join(word for word in match.group(1).split() if word != "/")
        return [(f"{label}/{column}", to_number(value), None)
                for column, value in zip(columns, match.groups()[1:])]

    return row


# A report under a heading that names its split and the report, `Val classification report:`
# (or `Test report:`), blank lines between them: its keys under the heading's name, as a dict's
# under its label (Val_classification_report/accuracy), not the same keys as the other split's.
_REPORT_HEADING = re.compile(r"\s{0,8}([A-Za-z][\w\-]{0,30}(?:\ [A-Za-z][\w\-]{0,30}){0,5})\ {0,4}:\s*",
                             re.ASCII)


def parse_report_heading(line: str) -> list[Found]:
    """A heading that names a split and a report, over a classification report (see above)."""
    if line.rstrip()[-1:] != ":":
        return []
    match = _REPORT_HEADING.fullmatch(message(line))
    words = [] if match is None else match.group(1).lower().split()
    if "report" not in words or not any(word in PHASES for word in words):
        return []
    return [CLAIM]


def report_heading_rows(header: str) -> Callable[[str], list[Found]]:
    """A classification report after its heading (two blank lines at most between), each key
    under the heading's name; any other line ends it."""
    match = _REPORT_HEADING.fullmatch(message(header))
    label = "" if match is None else "_".join(match.group(1).split())
    report: list[Callable[[str], list[Found]]] = []
    blanks = [0]

    def row(line: str) -> list[Found]:
        if report:
            return [(f"{label}/{key}" if key else key, value, step)
                    for key, value, step in report[0](line)]
        if not line.strip():
            blanks[0] += 1
            return [CLAIM] if blanks[0] <= 2 else []
        if not label or _CR_HEADER.fullmatch(line) is None:
            return []
        report.append(report_rows(line))
        return [CLAIM]

    return row


# The scikit-learn user guide's cross-validation summary, value first: `0.98 accuracy with a
# standard deviation of 0.02` (doc/modules/cross_validation.rst).
_WITH_STD = re.compile(
    rf"\s*({NUMBER})\ ([A-Za-z][\w\-]{{0,40}}(?:\ [A-Za-z][\w\-]{{0,40}}){{0,2}})"
    rf"\ with\ a\ standard\ deviation\ of\ ({NUMBER})\s*",
    re.ASCII,
)


def parse_with_std(line: str) -> list[Found]:
    """``0.98 accuracy with a standard deviation of 0.02``: accuracy and standard_deviation."""
    match = _WITH_STD.fullmatch(line)
    if match is None:
        return []
    value, name, std = match.groups()
    return [(name.replace(" ", "_"), to_number(value), None),
            ("standard_deviation", to_number(std), None)]


# A measure's values printed as a NumPy array that wraps onto more lines (NumPy breaks them at 75
# characters): cross_val_score's ten folds, `Cross-validation scores: [0.9122807  0.80701754 ...
# 0.9122807`, then ` 0.9122807  0.94736842 0.94736842 0.89285714]`: read when it closes, as
# the same array on one line (`Cross-validation_scores/0`, ..., `/9`: a series a place).
_ARRAY_OPEN = re.compile(rf"(?:[^\[\]]{{1,200}})(?::\ ?|=|\ )\[\ ?(?:{NUMBER})(?:\ +(?:{NUMBER})){{0,63}}\ *",
                         re.ASCII)
_ARRAY_GOES_ON = re.compile(rf"\ {{1,12}}(?:{NUMBER})(?:\ +(?:{NUMBER})){{0,63}}\ *(\])?\s*", re.ASCII)
_ARRAY_LINES = 16  # (the lines an array wraps onto, at the most: 64 values)


def parse_wrapped_array(line: str) -> list[Found]:
    """The first line of a NumPy array that wraps onto the next (see above)."""
    return [CLAIM] if "]" not in line and _ARRAY_OPEN.fullmatch(line) else []


def wrapped_array_rows(header: str) -> Callable[[str], list[Found]]:
    """The lines the array goes on on, up to its `]`: its values then, under its name."""
    parts = [header.rstrip()]

    def row(line: str) -> list[Found]:
        match = _ARRAY_GOES_ON.fullmatch(line)
        if match is None or len(parts) > _ARRAY_LINES:
            return []
        parts.append(line.strip())
        if match.group(1) is None:
            return [CLAIM]
        return parse_array_value(" ".join(parts)) or [CLAIM]

    return row


# lr_change ------------------------------------------------------------------------------------

# A learning rate said to change, as hand-written loops print it: `Epoch 3: lr -> 0.025`, `LR
# decayed to 0.0125`, `Epoch 1: learning rate set to 0.1`: the rate under its name as printed,
# at the line's step (PyTorch's schedulers' `... learning rate of group 0 to ...` are the
# lr_scheduler rule's; a minimum, a maximum or an initial rate is a setting).
_LR_CHANGE = re.compile(
    rf"(?<![\w])(?<!(?i:min|max)\ )(?<!(?i:base|peak)\ )(?<!(?i:initial|minimum|maximum)\ )"
    r"((?i:learning\ rate|lr))"
    r"(?:\ (?:is\ )?(?i:set|decayed|reduced|changed|adjusted|lowered|updated|increased|dropped"
    r"|scheduled|annealed|warmed\ up))?"
    rf"\ (?:to|->|→)\ ({NUMBER})\.?\s*\Z", re.ASCII)


def parse_lr_change(line: str) -> list[Found]:
    """``Epoch 4: LR decayed to 0.0125``: LR 0.0125."""
    match = _LR_CHANGE.search(line, max(0, len(line) - 200))
    if match is None or "ReduceLROnPlateau" in line or "LearningRateScheduler" in line:
        # (Keras' callbacks say the rate of the epochs after them, and the epoch's line shows
        # each epoch's own, `learning_rate: 0.0500`: no point of it)
        return []
    return [(match.group(1).replace(" ", "_"), to_number(match.group(2)), None)]


# labelled_table -------------------------------------------------------------------------------

# A table of rows named by a label, under a header naming the value columns: CRFsuite's
# per-label report (`Label      Precision    Recall     F1    Support`, then `NAME  0.868  0.825
# 0.846  40`), scikit-surprise's `cross_validate(..., verbose=True)` (the label column blank in
# the header: `                  Fold 1  Fold 2  Fold 3  Mean    Std`, then `RMSE (testset)
# 0.8484  0.8700  0.8422  0.8535  0.0119`). Each value under its row's label and column
# (`NAME/Precision`, `RMSE_(testset)/Fold_1`); a support column holds counts.
_HEADING = r"[A-Za-z][\w\-@]{0,30}(?:\ [\w\-@]{1,30})?"
_LABELLED_HEADER = re.compile(
    rf"(?:\ {{8,40}}|\ {{0,8}}(Label|Class|Metric|label|class|metric)\ {{2,40}})"
    rf"({_HEADING}(?:\ {{2,40}}{_HEADING}){{1,15}})\ *",
    re.ASCII)
_LABELLED_ROW = re.compile(r"\ {0,8}(\S(?:[^\ ]|\ (?!\ )){0,60})\ {2,}(\S.*?)\ *", re.ASCII)
_COUNT_COLUMNS = frozenset({"support", "count", "n"})


def parse_labelled_header(line: str) -> list[Found]:
    """The header of a table of labelled rows."""
    match = _LABELLED_HEADER.fullmatch(line)
    if match is None or match.group(1) and match.group(1).islower() and not any(
            names_a_measure(name) for name in match.group(2).split()):
        return []  # (a data frame's `class  sepal_length  sepal_width`: no measures' table)
    return [CLAIM]


def labelled_rows(header: str) -> Callable[[str], list[Found]]:
    """The reader of a labelled table's rows, dividers between them included."""
    match = _LABELLED_HEADER.fullmatch(header)
    assert match is not None
    columns = [name.replace(" ", "_") for name in re.split(r" {2,}", match.group(2))]
    # (a class's number is named for its column: `class_0/precision`, as `class 0: ...` is)
    numbered = f"{match.group(1)}_" if (match.group(1) or "").lower() == "class" else ""
    # (under phases' columns, `Metric  Train  Val`, each value is the phase's: Train/loss)
    phased = len(columns) > 1 and all(column.lower() in PHASES for column in columns)

    def row(line: str) -> list[Found]:
        if _DIVIDER.fullmatch(line) or (line.strip() and not line.strip("-= ")):
            return [CLAIM]
        named = _LABELLED_ROW.fullmatch(line)
        if named is None:
            return []
        values = [parse_number(text) for text in named.group(2).split()]
        if len(values) != len(columns) or any(value is None for value in values):
            return []
        label = named.group(1).replace(" ", "_")
        if numbered and label.isdigit():
            label = numbered + label
        if phased and all(type(value) is int for value in values):
            return [CLAIM]  # (a split's counts, `images  5000  1000`: no measure)
        return [(f"{column}/{label}" if phased else f"{label}/{column}", value, None)
                for column, value in zip(columns, values)
                if value is not None and column.lower() not in _COUNT_COLUMNS] or [CLAIM]

    return row


# pycma -----------------------------------------------------------------------------------------

# pycma's display (cma/evolution_strategy.py, `CMAEvolutionStrategy.disp`): `Iterat #Fevals
# function value  axis ratio  sigma  min&max std  t[m:s]`, then a row an iteration shown,
# `  100   1000 4.600138710557692e+00 6.5e+00 3.35e-02  9e-03  3e-02 0:00.2`: the function
# value, the axis ratio, the step size and the smallest and largest standard deviation
# (min_std, max_std) at the iteration; the evaluations are counts, t[m:s] a time.
_CMA_HEADER = re.compile(
    r"\s*Iterat\s+#Fevals\s+function value\s+axis ratio\s+sigma\s+min&max std\s+t\[m:s\]\s*")
_CMA_ROW = re.compile(
    rf"\s*(\d{{1,18}})\s+\d{{1,18}}\s+({NUMBER})\s+({NUMBER})\s+({NUMBER})\s+({NUMBER})"
    rf"\s+({NUMBER})\s+\d{{1,9}}:\d\d\.\d\s*", re.ASCII)
_CMA_COLUMNS = ("function_value", "axis_ratio", "sigma", "min_std", "max_std")

parse_cma_header = _claims(_CMA_HEADER)
"""The header of pycma's display."""


def _columns_at_step(header: re.Pattern[str], row: re.Pattern[str], columns: Sequence[str]
                     ) -> Callable[[str], list[Found]]:
    """The rows of a solver's table whose header repeats every so many rows (pycma's, IPOPT's):
    the row's first group its iteration, the others its columns' values (`-`: none)."""
    def read(line: str) -> list[Found]:
        if header.fullmatch(line):
            return [CLAIM]
        match = row.fullmatch(line)
        if match is None:
            return []
        step = int(match.group(1))
        return [(name, to_number(value), step) for name, value in zip(columns, match.groups()[1:])
                if value != "-"]

    return read


def cma_rows(header: str) -> Callable[[str], list[Found]]:
    """pycma's rows, at their iteration; the header repeats every so many rows."""
    return _columns_at_step(_CMA_HEADER, _CMA_ROW, _CMA_COLUMNS)


# catalyst -------------------------------------------------------------------------------------

# Catalyst's ConsoleLogger (catalyst/loggers/console.py, `log_metrics` at a loader's end): the
# loader, the epoch of all, then its metrics between ` | `: `train (1/3) accuracy01: 0.25 |
# accuracy01/std: 0.0999 | loss: 1.404 | lr: 0.1`. Each under its loader (`train_accuracy01`,
# `valid_loss/std`), at the epoch.
_CATALYST = re.compile(r"([A-Za-z_]\w{0,30}) \((\d{1,9})/\d{1,9}\) (?=[A-Za-z][^|]{0,200} \| )")
_CATALYST_ITEM = re.compile(rf"([A-Za-z][\w/@.\-]{{0,60}}): ({NUMBER})\s*")


def parse_catalyst(line: str) -> list[Found]:
    """Catalyst's ``train (1/3) accuracy01: 0.25 | loss: 1.40``: train_accuracy01, train_loss
    at epoch 1."""
    head = _CATALYST.match(line)
    if head is None:
        return []
    items = [_CATALYST_ITEM.fullmatch(item) for item in line[head.end():].split(" | ")]
    if not items or any(item is None for item in items):
        return []
    loader, epoch = head.group(1), int(head.group(2))
    if loader.lower() not in PHASES:  # `Epoch (1/10) loss: 0.5 | ...` is no loader's
        return []
    return [(f"{loader}_{item.group(1)}", to_number(item.group(2)), epoch)
            for item in items if item is not None]


# crfsuite_settings ----------------------------------------------------------------------------

# CRFsuite's trainer (python-crfsuite's `Trainer.message`, what sklearn-crfsuite prints at
# verbose) opens each stage with its title, `Feature generation` or the algorithm's (`L-BFGS
# optimization`, ...), then its settings, `c1: 0.100000`, `feature.minfreq: 0.000000`, its
# progress `0....1....2`, and counts and times (`Number of features: 284`, `Seconds required:
# 0.001`) up to a blank line: none a metric.
_CRF_STAGE = re.compile(
    r"Feature generation|L-BFGS optimization|Stochastic Gradient Descent \(SGD\)"
    r"|Averaged perceptron|Passive Aggressive \(PA\)|Adaptive Regularization of Weights \(AROW\)"
    r"|Holdout group: \d{1,9}")
_CRF_SETTING = re.compile(r"[\w.\- ]{1,80}: \S{1,80}|[\d.]{1,200}")

parse_crfsuite_stage = _claims(_CRF_STAGE)
"""The title of a CRFsuite training stage."""


def crfsuite_settings(header: str) -> Callable[[str], list[Found]]:
    """A stage's `name: value` settings, progress and counts, up to its blank line."""
    def row(line: str) -> list[Found]:
        return [CLAIM] if _CRF_SETTING.fullmatch(line.strip()) else []

    return row


# gensim ---------------------------------------------------------------------------------------

# gensim's LdaModel evaluation, logged at INFO (gensim/models/ldamodel.py, `log_perplexity`):
# `-7.123 per-word bound, 139.5 perplexity estimate based on a held-out corpus of 20 documents
# with 165 words`, each value before its name.
_GENSIM_PERPLEXITY = re.compile(
    rf"({NUMBER})\ per-word\ bound,\ ({NUMBER})\ perplexity\ estimate\ based\ on\ ", re.ASCII)


def parse_gensim(line: str) -> list[Found]:
    """gensim's ``-7.123 per-word bound, 139.5 perplexity estimate based on ...``."""
    match = _GENSIM_PERPLEXITY.search(line)
    if match is None:
        return []
    return [("per-word_bound", to_number(match.group(1)), None),
            ("perplexity_estimate", to_number(match.group(2)), None)]


# hmmlearn -------------------------------------------------------------------------------------

# hmmlearn's ConvergenceMonitor, verbose (hmmlearn/base.py, its `_template`, `{iter:>10d}
# {log_prob:>16.8f} {delta:>+16.8f}`, on stderr): a row an EM iteration, no names printed;
# they are the template's, log_prob and delta, at the iteration. The widths, the eight decimals
# and the delta's sign tell its rows from other numbers.
_HMM_ROW = re.compile(r" {0,9}(\d{1,10}) {1,16}(-?\d{1,16}\.\d{8}) {1,16}([+-](?:\d{1,16}\.\d{8}|nan|inf))")


def parse_hmmlearn(line: str) -> list[Found]:
    """A row of hmmlearn's ConvergenceMonitor: log_prob and delta at the iteration."""
    match = _HMM_ROW.fullmatch(line.rstrip())
    if match is None:
        return []
    step = int(match.group(1))
    found: list[Found] = [("log_prob", to_number(match.group(2)), step)]
    if match.group(3)[1:] != "nan":  # the first iteration has no delta
        found.append(("delta", to_number(match.group(3)), step))
    return found


# vowpal_wabbit --------------------------------------------------------------------------------

# Vowpal Wabbit's progressive validation table (vowpalwabbit's driver, printed to stderr): a
# header over two lines, `average  since  example  example  current  current  current` and
# `loss  last  counter  weight  label  predict features`, then a row at each doubling of the
# examples seen, `0.792751 0.884358  4  4.0  -1.0000  0.7341  7`: the average loss so far and
# since the row before, at the example counter.
_VW_HEADER = re.compile(r"\s*average\s+since\s+example\s+example\s+current\s+current\s+current\s*")
_VW_SECOND = re.compile(r"\s*loss\s+last\s+counter\s+weight\s+label\s+predict\s+features\s*")
_VW_ROW = re.compile(
    rf"\s*({NUMBER})\s+({NUMBER})\s+(\d{{1,18}})\s+(?:{NUMBER})\s+\S{{1,40}}\s+\S{{1,40}}\s+\d{{1,18}}"
    r"(\ h)?\s*",
    re.ASCII,
)
# Its summary after the table (`finished run`, counts and sums, `best constant's loss = ...`):
# the run's average loss (`average loss = 0.4325 h`, the holdout's), at the last row's counter;
# the rest no metric.
_VW_SUMMARY = re.compile(rf"average loss = ({NUMBER})(\ h)?\s*")
# (the examples seen in all: `number of examples = 5000`, or per pass times `passes used = 4`)
_VW_EXAMPLES = re.compile(r"(number of examples(?: per pass)?|passes used) = (\d{1,18})\s*")
_VW_SUMMARY_LINE = re.compile(r"finished run|[a-z][a-z' ]{2,40} = \S.*|\s*")


parse_vw_header = _claims(_VW_HEADER)
"""The first line of Vowpal Wabbit's table header."""


def vw_rows(header: str) -> Callable[[str], list[Found]]:
    """The table's second header line, then its rows as average_loss and since_last at the
    example counter (a holdout's, after the first pass, marked `h`: holdout_average_loss,
    holdout_since_last), then its summary."""
    counter: list[int | None] = [None]  # the last row's, then the examples seen in all
    averages: dict[str, float] = {}  # each key's last

    def row(line: str) -> list[Found]:
        if _VW_SECOND.fullmatch(line):
            return [CLAIM]
        match = _VW_ROW.fullmatch(line)
        if match is None:
            examples = _VW_EXAMPLES.fullmatch(line)
            if examples is not None:
                seen = int(examples.group(2))
                passes = examples.group(1) == "passes used"
                counter[0] = seen * (counter[0] or 0) if passes else seen
                return [CLAIM]
            summary = _VW_SUMMARY.fullmatch(line)
            if summary is not None:
                key = f"{'holdout_' if summary.group(2) else ''}average_loss"
                value = to_number(summary.group(1))
                # (the last row's again, when it is: one point)
                return [CLAIM] if averages.get(key) == value else [(key, value, counter[0])]
            return [CLAIM] if _VW_SUMMARY_LINE.fullmatch(line) else []
        average, since, count, held = match.groups()
        step = counter[0] = int(count)
        prefix = "holdout_" if held else ""
        averages[f"{prefix}average_loss"] = to_number(average)
        return [(f"{prefix}average_loss", to_number(average), step),
                (f"{prefix}since_last", to_number(since), step)]

    return row


# table ----------------------------------------------------------------------------------------

# A header naming its columns, two or more spaces or a tab apart, the first a counter: fastai's
# `epoch     train_loss  valid_loss  accuracy  time`, spaCy's `E    #       LOSS TOK2VEC  ...`,
# DEAP's logbook, `gen\tnevals\tavg    \tstd    \tmin\tmax` (a generation's row), or a `|`
# apart: pymoo's `n_gen  |  n_eval  | n_nds  |      igd      |       gd      |       hv`, also
# between outer bars, SciPy's trust-constr `| niter |f evals|CG iter|  obj func   |tr radius |`.
# (A column may be named by a Greek letter: Clarabel's `iter    pcost    dcost ...    μ    step`.)
# (A name may hold `@` or `%`, `Acc@1`, and end in its unit, `Val Acc (%)`, `Time (s)`, or
# `time(s)`, `acc[%]` as a C program's printf writes them.)
# (A name cut short, `Accura…`, as a narrow rich Table prints it, is no column's.)
_COLUMN = (r"(?:[^\W\d_]|\#)[\w#/.\-@%]*…?(?: [^\W\d_][\w/.\-@%]*…?)?"
           r"(?:\ ?\((?:%|[^\W\d_][\w/]{0,9})\)|\ ?\[(?:%|[^\W\d_][\w/]{0,9})\]|\ %)?")
# A column's unit, no part of its key (`Val Acc (%)` is Val_Acc, `Time (s)` Time, `acc[%]`
# acc); another word in parentheses is (`Loss (val)` is Loss_(val), as a qualifier is kept).
_UNITS = r"(?:%|s|ms|sec|secs|min|mins|h|hr|hrs|us|µs|ns|MB|GB|KB|MiB|GiB|KiB|dB|px|Hz)"
_COLUMN_UNIT = re.compile(rf"\ ?(?:\({_UNITS}\)|\[{_UNITS}\])\Z|\ %\Z")
_COLUMN_GAP = r"(?: {0,40}[\t|] {0,40}| {2,})"
_TABLE_HEADER = re.compile(rf"\s*({_COLUMN})(?:{_COLUMN_GAP}{_COLUMN}){{2,}}\s*")
_TWO_COLUMNS = re.compile(rf"\s*({_COLUMN}){_COLUMN_GAP}({_COLUMN})\s*")
_COUNTER_COLUMNS = ("#", "step", "Step", "iter", "Iter", "iteration", "Iteration",
                    "iterations", "Iterations", "epoch",
                    "Epoch", "E", "gen", "Gen", "n_gen", "niter", "nit", "i",
                    "episode", "Episode", "ep", "Ep",  # (a hand-written RL loop's `ep  return`)
                    "fold", "Fold",  # (a frame of folds' scores, `to_string(index=False)`)
                    "run")  # (last: airbench's run before its epoch, `|  run  |  epoch  |`)
_OUTER_BARS = re.compile(r"\s*\|(.*)\|\s*")


# A rich Table's bars (`┃ Epoch ┃ Train Loss ┃`, `│     1 │     1.8500 │`; its box's rules
# between them, `┡━━━━━━━╇━━━━━┩`, are between its rows) read as a Markdown table's.
# (and polars' dashed bar between columns, `│ epoch ┆ train_loss ┆ val_loss │`)
_BOX_BARS = str.maketrans("┃│║┆", "||||")


def _inside_bars(line: str) -> str:
    """A table's line without the bars around it (`| 1 | 0.5 |`)."""
    if not line.isascii():
        line = line.translate(_BOX_BARS)
    outer = _OUTER_BARS.fullmatch(line)
    return line if outer is None else outer.group(1)
_DIVIDER = re.compile(r"\s*-+(?: +-+)+\s*")
_RULE = re.compile(r"-+(?: +-+)+\s*|=+(?: +=+)+\s*")
# A trend drawn beside a value (mlx-lm's training table: `3.758 ▼`): not a column.
_TRENDS = frozenset("▲▼↑↓")
# Progress bars drawn between a table's rows (fastprogress) do not end the table.
_BARLIKE = re.compile(r"\d%|it/s|s/it|━")


def parse_table_header(line: str) -> list[Found]:
    """A header whose first column is a counter (``epoch``, ``#``, ``step``, ``E``)."""
    if ":" in line or "=" in line:
        return []  # (no column's name holds either: a line of pairs, the commonest asked)
    inside = _inside_bars(_unwrapped(line))
    if _header_steps(inside):
        return [CLAIM]  # (a history the other way round, `print(df.T)`)
    match = _TABLE_HEADER.fullmatch(inside)
    if match is None:
        match = _TWO_COLUMNS.fullmatch(inside)  # (`epoch train_loss  val_loss`: three)
        if match is None or len(_counter_first(match.group(1)) or ()) < 2 and not (
                # (or two, a counter's and a measure's: `| epoch | loss |`)
                match.group(1) in _COUNTER_COLUMNS and names_a_measure(match.group(2))):
            return [CLAIM] if _spaced_names(inside) or _worded(inside) else []
    if _counter_first(match.group(1)) is None:
        return []
    return [CLAIM]


def wrapped_table_rows(aboves: Sequence[str], header: str) -> Callable[[str], list[Found]] | None:
    """The reader of a rich Table's rows under a header whose cells wrap over two lines or
    more in a narrow console, `aboves` the lines before it, the nearest last (`┃       ┃
    Training   ┃ Validation ┃`, its bars where the header's are, over `┃ Epoch ┃ Loss       ┃
    Loss       ┃`; in a box without bars, `box.SIMPLE`, each cell's lines starting where the
    header's cell starts, or ending where it ends): each column named by its cell's lines
    joined, `Training_Loss`, `Validation_Loss`; a name cut short (`Validati…`) is no
    column's. None when the line above is no such line."""
    header = header.translate(_BOX_BARS)
    if len(header) > 2000:
        return None
    bars = [i for i, c in enumerate(header) if c == "|"]
    spans = [] if bars else [m.span() for m in _HEADER_COLUMN.finditer(header)]
    # (the bars around it, where they are, dropped alike from each line; `box.MINIMAL` has none)
    outer = bool(bars) and _OUTER_BARS.fullmatch(header) is not None
    cells = (_inside_bars(header) if outer else header).split("|") if bars else [
        header[start:end] for start, end in spans]
    tops: list[list[str]] = []
    for above in reversed(aboves):
        top = _header_cells(above.translate(_BOX_BARS), header, bars, spans, outer, bool(tops))
        if top is None or len(top) != len(cells):
            break
        tops.insert(0, top)
    if not tops or len(cells) < 2:
        return None
    names = [_COLUMN_UNIT.sub("", " ".join(" ".join(top[i].split()) for top in [*tops, cells]
                                           ).strip()).replace(" ", "_")
             for i in range(len(cells))]
    if names[0] not in _COUNTER_COLUMNS:
        return None
    return table_rows(header, [name if "…" not in name else "" for name in names])


def _header_cells(above: str, header: str, bars: list[int], spans: list[tuple[int, int]],
                  outer: bool, more: bool) -> list[str] | None:
    """The cells of a header's line above it (`wrapped_table_rows`), a cell a column, the
    first empty; None when it is no such line. (`more`: a line above another such line.)"""
    if len(above) != len(header) or not above.strip():
        return None
    if bars:
        if [i for i, c in enumerate(above) if c == "|"] != bars:
            return None
        cells = (_inside_bars(above) if outer else above).split("|")
    else:
        cells = [""] * len(spans)
        words = list(_HEADER_COLUMN.finditer(above))
        for word in words:
            column = next((i for i, (start, end) in enumerate(spans)
                           if word.start() == start or word.end() == end), None)
            if column is None:
                return None
            cells[column] = word.group()
        if len(words) < 2 and not more:  # (not a title: a wrap of two columns at the least)
            return None
    return cells if not cells[0].strip() and any(cell.strip() for cell in cells[1:]) else None


# A history printed the other way round, a row a measure and a column a step (`print(df.T)` of a
# frame indexed by its epoch): `epoch            1       2       3` over `train_loss  1.4926
# 1.1742  0.9274`; each value under its column's step.
_STEPS_HEADER = re.compile(r"\s{0,40}([A-Za-z#]{1,12})((?:\ {1,40}\d{1,18}){3,2000})\s*")


def _header_steps(header: str) -> list[int] | None:
    """The steps of a header of a counter's name then steps, rising, or None."""
    match = _STEPS_HEADER.fullmatch(header) if len(header) <= 20_000 else None
    if match is None or match.group(1) not in _COUNTER_COLUMNS:
        return None
    steps = [int(step) for step in match.group(2).split()]
    return steps if all(a < b for a, b in zip(steps, steps[1:])) else None


def _step_columns_rows(steps: list[int]) -> Callable[[str], list[Found]]:
    """The rows of a history the other way round (`_header_steps`): a measure's name, then its
    value at each step (a NaN cell no point)."""
    def read(line: str) -> list[Found]:
        fields = line.split()
        if len(fields) != len(steps) + 1 or not (names_a_measure(fields[0]) or phased(
                fields[0])) or not is_metric_key(fields[0]):
            return []
        values = [parse_number(field) for field in fields[1:]]
        if None in values:
            return []
        return [(fields[0], value, step) for value, step in zip(values, steps)
                if value is not None and value == value] or [CLAIM]

    return read


def _spaced_names(header: str) -> list[str] | None:
    """The names of a header one space apart, a counter's then measures' alone (`epoch
    train_loss val_loss val_acc`, `f"{'train_loss':>10}"` as wide as its name), or None.
    Beside the measures, a column with its unit (`epoch time(s) loss acc`) and an episode's
    length (`episode return length`, as `print(ep, ret, ln)` prints its rows); an episode's
    counter and one measure (`ep reward`)."""
    names = header.split(" ") if len(header) <= 400 and "  " not in header.strip() else []
    names = [name for name in names if name]
    if len(names) < 2 or names[0] not in _COUNTER_COLUMNS or len(names) == 2 and (
            names[0] not in _EPISODE_COUNTERS) or not all(
                name[:1].isalpha() for name in names[1:]):
        return None  # (a name starts with a letter: `step 1 loss 0.9981` is a line of values)
    measures = [names_a_measure(name) and is_metric_key(name) for name in names[1:]]
    return names if any(measures) and all(
        measure or is_metric_key(_COLUMN_UNIT.sub("", name)) and (
            _COLUMN_UNIT.search(name) or name in _EPISODE_LENGTHS)
        for measure, name in zip(measures, names[1:])) else None


_EPISODE_COUNTERS = frozenset({"episode", "Episode", "ep", "Ep"})
_EPISODE_LENGTHS = frozenset({"length", "Length", "len", "steps", "Steps"})
_HEADER_WORD = re.compile(r"[^\W\d_][\w#/.\-@%()\[\]]{0,60}")


def _worded(header: str) -> bool:
    """Whether a header's names are one space apart and may hold words of their own (`Epoch
    Train Loss Val Loss Val Acc`, as `f"{'Train Loss':>10}"` prints it): a counter first and a
    measure's word among them. Its first row tells where each name ends (`_aligned_names`)."""
    words = header.split() if len(header) <= 400 and "  " not in header.strip() else []
    return len(words) >= 3 and words[0] in _COUNTER_COLUMNS and all(
        map(_HEADER_WORD.fullmatch, words)) and any(map(names_a_measure, words[1:]))


_TIMED_CELL = re.compile(r"\d{1,9}(?:\.\d{1,9})?(?:s|ms|sec)", re.ASCII)


def _aligned_names(header: str, row: str, padded: bool = False) -> list[str] | None:
    """The names of a header of words one space apart (`_worded`), cut where its first row's
    values end (right-aligned names, `f"{'Train Loss':>10}"`) or start (left-aligned): each a
    value's, the first the counter's, the others measures' (`_spaced_names`; `padded`, a
    header of names padded to their fields' widths: any names beside a measure's); None when
    the row's values line up with no names."""
    values = list(re.finditer(r"\S+", row)) if len(row) <= 400 else []
    if len(values) < 3 or any(parse_number(value.group()) is None and _TIMED_CELL.fullmatch(
            value.group()) is None for value in values):
        return None  # (a cell of a time, `1.51s`, no value of its own, still lines up)
    text = header.rstrip()
    words = list(re.finditer(r"\S+", text))
    for right in (True, False):
        cuts = [value.end() if right else value.start() for value in values]
        if not set(cuts) <= {word.end() if right else word.start() for word in words} or (
                cuts[-1] != len(text) if right else cuts[0] != words[0].start()):
            continue  # (a name cut in two, or one no value's)
        bounds = [0, *cuts] if right else [*cuts, len(text)]
        names = ["_".join(text[start:end].split()) for start, end in zip(bounds, bounds[1:])]
        if all(names) and _spaced_names(" ".join(names)) == names:
            return names
        if padded and all(names) and names[0] in _COUNTER_COLUMNS and any(
                map(names_a_measure, names[1:])) and all(map(is_metric_key, names)):
            return names  # (names padded apart, one a time's: `epoch  loss  acc  time`)
    return None


def _aligned_rows(header: str) -> Callable[[str], list[Found]]:
    """The reader of a table's rows under a header of words one space apart (`_worded`): its
    names as its first row lines them up, then as any table's; none when they do not."""
    rows: list[Callable[[str], list[Found]] | None] = []

    def read(line: str) -> list[Found]:
        if not rows:
            names = _aligned_names(header, line)
            rows.append(None if names is None else table_rows(header, names))
        reader = rows[0]
        return [] if reader is None else reader(line)

    return read


def _counter_first(column: str) -> list[str] | None:
    """The names a header's first column holds: the counter's alone, or the counter's and the
    next column's when one space parts them (`{'epoch':<6}{'train_loss':<12}`'s `epoch
    train_loss`); None when it names no counter."""
    if column in _COUNTER_COLUMNS:
        return [column]
    counter, _, then = column.partition(" ")
    return [counter, then] if then and counter in _COUNTER_COLUMNS else None


def _between_rows(line: str) -> bool:
    """A divider, a progress bar or a bar's leftover drawn between a table's rows, or the row of
    its columns' types under a polars frame's header (`│ i64 ┆ f64 │`)."""
    return bool(_DIVIDER.fullmatch(line) or _BARLIKE.search(line)
                or not any(c.isalnum() for c in line)) or (
        "|" in line and _DTYPES.fullmatch(line) is not None)


_DTYPE = r"(?:[iuf](?:8|16|32|64)|str|bool|date|datetime\[\w{1,4}\]|cat|null|object)"
_DTYPES = re.compile(rf"\s{{0,8}}\|?\ {{0,4}}{_DTYPE}(?:\ {{0,40}}\|\ {{0,4}}{_DTYPE}){{0,200}}"
                     r"\ {0,40}\|?\s*", re.ASCII)


# A row of groups above a table's header, each a label between bars, then a divider:
# gplearn's verbose fit,
#     `    |   Population Average    |             Best Individual              |`
#     `---- ------------------------- ------------------------------------------ ----------`
#     ` Gen   Length          Fitness   Length          Fitness      OOB Fitness  Time Left`
# Each column under a group is named for it, Population_Average/Fitness and
# Best_Individual/Fitness (not two Fitness columns).
_GROUP_ROW = re.compile(r"\ {1,40}\|(?:\ {0,40}[A-Za-z]{1,20}(?:\ [A-Za-z]{1,20}){0,3}\ {0,40}\|){2,8}\s*")
_HEADER_COLUMN = re.compile(r"\S+(?:\ \S+)*")


def parse_table_groups(line: str) -> list[Found]:
    """A row naming groups of a table's columns (gplearn's `| Population Average |`)."""
    return [CLAIM] if _GROUP_ROW.fullmatch(line) and not parse_table_header(line) else []


def group_rows(groups: str) -> Callable[[str], list[Found]]:
    """The reader after a row of groups: the divider, then the header (its columns named for
    the group above them), then the table's rows."""
    bars = [i for i, c in enumerate(groups) if c == "|"]
    spans = [(start, end, groups[start + 1 : end].strip().replace(" ", "_"))
             for start, end in zip(bars, bars[1:])]
    rows: list[Callable[[str], list[Found]]] = []

    def read(line: str) -> list[Found]:
        if rows:
            return rows[0](line)
        if _DIVIDER.fullmatch(line):
            return [CLAIM]
        if not parse_table_header(line):
            return []
        names = []
        for column in _HEADER_COLUMN.finditer(line):
            name = column.group().replace(" ", "_")
            group = next((label for start, end, label in spans if start < column.start() < end),
                         None)
            names.append(name if group is None else f"{group}/{name}")
        rows.append(table_rows(line, names))
        return [CLAIM]

    return read


# neat-python's StdOutReporter opens each generation with ` ****** Running generation 4 ****** `:
# the step of the lines after it.
_RUNNING_GENERATION = re.compile(r"\s{0,8}\*{1,10}\ Running\ generation\ (\d{1,18})\ \*{1,10}\s*")


def parse_running_generation(line: str) -> list[Found]:
    """neat-python's ` ****** Running generation 4 ****** ` as the step."""
    match = _RUNNING_GENERATION.fullmatch(line)
    return [] if match is None else [("generation", int(match.group(1)), int(match.group(1)))]


# A grid of scores printed as a pandas frame, a row a fold under a header of measures' names,
# PyCaret's `create_model`:
#     `      Accuracy     AUC  Recall   Prec.      F1   Kappa     MCC`
#     `Fold                                                          `
#     `0       0.9149  0.9293  0.9167  0.9167  0.9167  0.8297  0.8297`, ..., `Mean ...`, `Std ...`
# Each cell is named row then column, `0/Accuracy`, `Mean/AUC` (as a classification report's).
# Its `compare_models` grid has a column of the models' names in words, and pandas wraps it
# at the terminal's width (a `\` ends the header; the last columns follow under a header of
# their own, the training time among them):
#     `                        Model  Accuracy     AUC  Recall   Prec.      F1  \`
#     `lr        Logistic Regression    0.9214  0.9641  0.9287  0.9155  0.9220   `, ...,
#     `      Kappa     MCC  TT (Sec)  `, `lr   0.8427  0.8430    0.0500  `: `lr/Accuracy`, ...
# LazyPredict's frame of models names them in its index (`Model` alone under the header) and
# hides its middle columns behind `...` when the frame is wider than the terminal:
#     `                     Accuracy  Balanced Accuracy   ROC AUC  ...  Precision  Time Taken`
#     `Model                                                         ...                       `
#     `LinearSVC            0.989474           0.987544  0.992478  ...   0.989478    0.018876`
# giving `LinearSVC/Balanced_Accuracy`; a `NaN` cell is a score the model has not.
_GRID_NAMES = frozenset({"AUC", "Recall", "Prec.", "Precision", "F1", "Kappa", "MCC", "MAE",
                         "MSE", "RMSE", "R2", "RMSLE", "MAPE", "Accuracy", "Balanced Accuracy",
                         "ROC AUC", "F1 Score", "R-Squared", "Adjusted R-Squared"})
# the models' names, the training time, the columns pandas hides
_GRID_OTHERS = frozenset({"Model", "TT (Sec)", "Time Taken", "..."})
_GRID_GAP = re.compile(r"\s{2,}")
_GRID_INDEX = re.compile(r"[A-Za-z][\w.]{0,30}\ *")


def _grid_names(line: str) -> list[str] | None:
    """The columns of a score grid's header, or None when the line is not one."""
    if line[:2] != "  ":  # the index's column is blank in the header
        return None
    text = line.rstrip()
    if text[-2:] == " \\":  # pandas wraps the frame
        text = text[:-2]
    names = _GRID_GAP.split(text.strip())
    measures = sum(name in _GRID_NAMES for name in names)
    if measures < (1 if "TT (Sec)" in names else 2) or measures + sum(
            name in _GRID_OTHERS for name in names) < len(names):
        return None
    return None if "Model" in names[1:] else names  # (the names' column comes first)


def parse_score_grid(line: str) -> list[Found]:
    """A header of measures' names only, PyCaret's `   Accuracy     AUC  Recall ...`."""
    return [] if _grid_names(line) is None else [CLAIM]


def grid_rows(header: str) -> Callable[[str], list[Found]]:
    """The rows of a score grid: its index's name alone (`Fold`), then a label, a model's name
    in words where the header names a Model column, and a number a column each."""
    names = _grid_names(header) or []
    labelled = names[:1] == ["Model"]
    measures = names[1:] if labelled else names

    def read(line: str) -> list[Found]:
        fields = line.split()
        if fields[1:] in ([], ["..."]) and _GRID_INDEX.fullmatch(fields[0] if fields else ""):
            return [CLAIM]  # the index's name alone, over the hidden columns' `...`
        named = len(fields) - len(measures)  # (the row's name may be words: `Random Forest`)
        if named < 1 or named > 1 and not labelled and not all(
                field[:1].isalpha() for field in fields[:named]):
            return []  # (not a time's, `2024-01-01 10:00:00`)
        values = [parse_number(field) for field in fields[named:]]
        if (labelled or named > 1) and None in values:
            return []
        label = fields[0] if labelled else "_".join(fields[:named])
        if labelled and label.isdigit():  # a plain index before the names: the model's name
            label = "_".join(fields[1 : len(fields) - len(measures)]) or label
        return [(f"{label}/{name.replace(' ', '_')}", value, None)
                for name, value in zip(measures, values)
                if value is not None and value == value and name in _GRID_NAMES]

    return read


# A history printed as a pandas frame, `print(pd.DataFrame(history.history))`: a header of
# metrics' names over a blank index column, then a row an epoch, its index first:
#     `       loss  accuracy  val_loss  val_accuracy`
#     `0  0.512345  0.812500  0.498765      0.820000`
# Each value under its column's name at the row's index (an `epoch` column added to the frame,
# as TensorFlow's regression tutorial does, is a counter too); pandas' `..` rows between the
# head and the tail are skipped.
_FRAME_HEADER = re.compile(
    r"\ {2,40}([A-Za-z][\w/.\-]{0,60}(?:\ {2,40}(?:[A-Za-z][\w/.\-]{0,60}|\.\.\.)){1,40})\s*",
    re.ASCII)  # (`...`: the columns pandas hides when the frame is wider than its width)


# Or a leaderboard whose first column names the models, H2O's AutoML (`print(aml.leaderboard)`):
#     `model_id                           auc    logloss     aucpr    mean_per_class_error`
#     `GLM_1_AutoML_1_20261203_123722  0.900645   0.398346  0.894202                0.160623`
# Each value as row/column (`GLM_1_AutoML_1_20261203_123722/auc`), no step. (tabulate's `Model
# Accuracy  F1  ROC AUC` too: a name of two words is one column's, `ROC_AUC`; a rank's column
# among them is none.)
# (A results table's rows named by their split, `split  loss  acc`: `_NAME_COLUMNS`.)
_BOARD_HEADER = re.compile(r"(?:(?:rank|Rank|\#)\ {1,120})?(model_id|model|Model|split|Split"
                           r"|dataset|Dataset|set|Set|subset|Subset|phase|Phase|partition"
                           r"|Partition)"
                           r"((?:\ {2,120}[A-Za-z][\w/.\-]{0,60}(?:\ [A-Za-z][\w/.\-]{0,60})?){1,40})\s*",
                           re.ASCII)
# A leaderboard's column of ranks (`rank  model  accuracy`): no measure's, nor the row's step.
_RANK_COLUMNS = frozenset({"rank", "Rank", "#"})


def _board_names(line: str) -> list[str] | None:
    """The measures of a leaderboard's header (most of them measures' names), or None."""
    match = _BOARD_HEADER.fullmatch(line)
    if match is None:
        return None
    names = [name.replace(" ", "_") for name in re.split(r"\ {2,}", match.group(2).strip())]
    measures = sum(names_a_measure(name) for name in names)
    return names if 2 * measures > len(names) and all(
        is_metric_key(name) or name in _RANK_COLUMNS for name in names) else None


def _frame_names(line: str) -> list[str] | None:
    """The columns of a frame's header of metrics' names, or None."""
    line = _unwrapped(line)
    if line[:1] != " " or line[1:2] != " " and line[1:2].isalpha():
        # (`to_string(index=False)`: a leaderboard's header, ` rank   model  accuracy`)
        return _board_names(line.lstrip(" "))
    match = _FRAME_HEADER.fullmatch(line)
    if match is None or _grid_names(line) is not None:
        return None
    names = match.group(1).split()
    shown = [name for name in names if name != "..."]
    known = sum(name in _COUNTER_COLUMNS or name in RATES or names_a_measure(name) or phased(name)
                for name in shown) + (names[0] in _NAME_COLUMNS)
    # most columns a measure's, a phase's, a counter or the rate: a history (with its `time` or
    # `grad_norm` beside), not a frame of data (`price  rating  test_score`)
    return names if 2 * known > len(shown) and len(names) - len(shown) <= 1 else None


def _unwrapped(header: str) -> str:
    """A frame's header without the ` \\` pandas ends it with where it wraps the frame at its
    width (the line itself where none)."""
    text = header.rstrip()
    return text[:-2] if text[-2:] == " \\" else header


def _wrapped_blocks(rows: Callable[[str], list[Found]],
                    blocks: Callable[[str], Callable[[str], list[Found]] | None] | None = None
                    ) -> Callable[[str], list[Found]]:
    """The reader of a frame pandas wraps at its width into blocks, `rows` its first's: after
    a blank line, each next block's header of names (over the index, ` \\` after it but for
    the last), then its rows, each value at the step its index's row had in the first block
    (`   epoch  train_loss ... \\`, `0      1      1.5246 ...`, ``, `   val_f1  val_recall`,
    `0    0.07        0.11`: val_f1 at epoch 1). With `blocks`, the reader of a next block's
    rows from its header (None where the line is no such header): rows that name themselves,
    each block's read as the first's (a posterior summary's, `mu/r_hat`)."""
    steps: dict[str, int | None] = {}
    names: list[str] = []
    state = ["rows", "more"]  # (the block being read, the first's or another; whether one follows)
    block: list[Callable[[str], list[Found]]] = []  # (a next block's reader, from `blocks`)

    def read(line: str) -> list[Found]:
        fields = line.split()
        if not fields:  # (a blank line between the blocks)
            return [CLAIM] if state[1] else []
        if state[0] == "rows":
            found = rows(line)
            if found:
                if fields[0].isdigit():
                    steps[fields[0]] = next((step for key, _, step in found if key), None)
                return found
        elif block:
            found = block[0](line)
            if found:
                return found
        elif len(fields) == len(names) + 1 and fields[0] in steps:
            values = [parse_number(field) for field in fields[1:]]
            if None not in values:
                return [(name, value, steps[fields[0]]) for name, value in zip(names, values)
                        if value is not None and value == value and is_metric_key(name)] or [
                            CLAIM]
        text = _unwrapped(line)
        if not state[1] or line[:1] != " ":
            return []
        if blocks is not None:
            following = blocks(text)
            if following is None:
                return []
            block[:] = [following]
        elif not all(map(_FRAME_INDEX.fullmatch, text.split())):
            return []
        state[:] = ["block", "more" if text is not line else ""]  # the next block's header
        names[:] = text.split()
        return [CLAIM]

    return read


def parse_frame_header(line: str) -> list[Found]:
    """A header of metrics' names over a frame's blank index column (`   loss  val_loss`)."""
    return [] if _frame_names(line) is None else [CLAIM]


def frame_rows(header: str) -> Callable[[str], list[Found]]:
    """A frame's rows: its index the step, a number a column; `..` rows skipped (a
    leaderboard's: its first column the row's name)."""
    if _unwrapped(header) is not header:
        return _wrapped_blocks(frame_rows(_unwrapped(header)))
    board = _board_names(header.lstrip(" ")) if header[1:2] != " " else None
    if board is not None:  # (after a rank's column, `rank  model  accuracy`: ranked)
        return _named_rows(board, int(header.split()[0] in _RANK_COLUMNS))
    names = _frame_names(header) or []
    if "..." in names:  # the rows' cells under it are `...` too: read without them
        hidden = names.index("...") + 1
        names.remove("...")
        shown = frame_rows_of(names, header)

        def read_shown(line: str) -> list[Found]:
            fields = line.split()
            if len(fields) == len(names) + 2 and fields[hidden] == "...":
                line = " ".join(fields[:hidden] + fields[hidden + 1 :])
            return shown(line)

        return read_shown
    rows = frame_rows_of(names, header)
    first = True

    def read(line: str) -> list[Found]:
        nonlocal rows, first
        if first:  # (a header of groups, `train  val`, over the columns': `grouped_frame_rows`)
            first = False
            grouped = grouped_frame_rows(header, line)
            if grouped is not None:
                rows = grouped
                return [CLAIM]
        return rows(line)

    return read


def frame_rows_of(names: list[str], header: str) -> Callable[[str], list[Found]]:
    """The reader of the rows of a frame under `header` whose columns are `names` (see
    `frame_rows`)."""
    if names and names[0] in _NAME_COLUMNS:
        return _named_rows(names[1:])
    if names[1:2] and names[0] in _RANK_COLUMNS and names[1] in _NAME_COLUMNS:
        return _named_rows(names[2:], ranked=1)  # (`rank  model  accuracy`: the rank no value)
    # (a counter's column after the measures', `hist["epoch"] = history.epoch` (the Keras
    # regression tutorial's), is the row's step, not the frame's index: the index no column)
    rows = table_rows(header, ["" if any(name in _COUNTER_COLUMNS for name in names) else "#",
                               *names])
    # (a counter's column first, `epoch`, is the row's step, not the frame's index)
    counted = bool(names) and names[0].lower() in STEP_NAMES
    phases = len(names) > 1 and all(name.lower() in PHASES for name in names)

    def read(line: str) -> list[Found]:
        if line[:2] == ".." and not line.strip(". "):
            return [CLAIM]
        fields = line.split()
        if counted and len(fields) > 2 and fields[1].isdigit() and len(fields[1]) <= 18 and (
                fields[0].isdigit()):
            step = int(fields[1])
            return [(key, value, step) if key else (key, value, at)
                    for key, value, at in rows(line)]
        if len(fields) == 1 and _FRAME_INDEX.fullmatch(fields[0]) and line[:1] != " " and (
                len(line) >= len(header.rstrip())):
            # the index's name, padded to the header's width (`df.set_index("epoch")`)
            return [CLAIM]
        percentile = bool(fields) and fields[0][-1:] == "%" and fields[0][:-1].isdigit()
        found = [] if percentile else rows(line)
        if found or len(fields) != len(names) + 1 or not (
                percentile or _FRAME_INDEX.fullmatch(fields[0])):
            return found
        if fields[0] == "count":
            return [CLAIM]  # `describe()`'s count of rows: no measure
        # a row named in the index (a model's, `NB`; `describe()`'s `mean`, `25%`): row then
        # column, no step; a measure's under phases' columns (`DataFrame({"train": {...},
        # "val": {...}})`), the phase first, train/loss, as anywhere
        values = [parse_number(field) for field in fields[1:]]
        if None in values:
            return []
        if phases:  # (a split's counts, `samples  5000  1000`, are none)
            return [CLAIM] if all(type(value) is int for value in values) else [
                (f"{name}/{fields[0]}", value, None) for name, value in zip(names, values)
                if value is not None]
        return [(f"{fields[0]}/{name}", value, None) for name, value in zip(names, values)
                if value is not None]

    return read


# A frame whose columns are grouped (pandas' MultiIndex columns, `DataFrame({("train",
# "loss"): ..., ("val", "loss"): ...})`), each group's label over its first column, as pandas
# aligns it:
#     `        train             val        `
#     `         loss     acc    loss     acc`
# Each column named group then name, `train/loss`, `val/loss` (as a nested dict's keys are).
_GROUP_LABEL = re.compile(r"[A-Za-z][\w.\-]{0,60}(?:\ [A-Za-z][\w.\-]{0,60}){0,4}", re.ASCII)


def grouped_frame_rows(groups: str, header: str, labels: list[tuple[int, str]] | None = None
                       ) -> Callable[[str], list[Found]] | None:
    """The reader of a frame's rows under `header` whose columns `groups`, the line above,
    groups (its labels each ending where its first column's name ends; or `labels`, a level
    of groups above, as (end, label)), or None. A third level under it is read too
    (`train/loss/mean`), and a counter's column before the groups (`reset_index()`'s
    `epoch`, its name in the groups' line) is the row's step."""
    names = header.split() if header[:2] == "  " and len(groups) <= 2000 else []
    # (pandas parts them by one space where the names are wider than the values)
    if len(names) < 2 or names[0] in _NAME_COLUMNS or names[0].lower() in STEP_NAMES or not (
            all(map(_FRAME_INDEX.fullmatch, names))) or labels is None and 2 * sum(
                names_a_measure(name) or phased(name) for name in names) <= len(names):
        return None
    columns = [(column.end(), column.group()) for column in re.finditer(r"\S+", header)]
    counter: list[str] = []
    if labels is None:
        found = list(_GROUP_LABEL.finditer(groups))
        if found and found[0].group().lower() in STEP_NAMES and len(found) > 2 and (
                found[0].end() < len(header) - len(header.lstrip())):
            counter = [found.pop(0).group()]  # (`  epoch   train   val` over `  loss  acc`)
        labels = [(label.end(), label.group().replace(" ", "_")) for label in found]
    if len(labels) < 2 or not {end for end, _ in labels} <= {end for end, _ in columns}:
        return None
    grouped: list[tuple[int, str]] = []
    for end, name in columns:
        group = [label for label_end, label in labels if label_end <= end]
        if not group:
            return None
        grouped.append((end, f"{group[-1]}/{name}"))
    if 2 * sum(any(names_a_measure(part) or phased(part) for part in name.split("/"))
               for _, name in grouped) <= len(grouped):
        return None
    rows = frame_rows_of([*counter, *(name for _, name in grouped)], header)
    deeper: list[Callable[[str], list[Found]]] = []
    first = [True]

    def read(line: str) -> list[Found]:
        if deeper:
            return deeper[0](line)
        if first[0]:  # (a third level of names under these)
            first[0] = False
            if not counter and line[:2] == "  " and not any(c.isdigit() for c in line):
                more = grouped_frame_rows(line, line, grouped)
                if more is not None:
                    deeper.append(more)
                    return [CLAIM]
        return rows(line)

    return read


# A frame's first column that names its rows, beside its index: `print(pd.DataFrame(results))`
# of a dict a model, `                model  accuracy      f1` over `0  LogisticRegression    0.9123
# 0.8800`: each value as row/column (`LogisticRegression/accuracy`), no step, as a leaderboard's.
# A results table's rows named by their split, under `split` (`split  loss  acc` over `train
# 0.31  0.91`, then `val ...`): train/loss, as under a blank header.
_NAME_COLUMNS = frozenset({"model", "Model", "model_name", "classifier",
                           "Classifier", "estimator", "Estimator", "algorithm", "Algorithm",
                           "split", "Split", "dataset", "Dataset", "set", "Set", "subset",
                           "Subset", "phase", "Phase", "partition", "Partition"})


def _named_rows(names: list[str], ranked: int = 0, estimates: bool = False
                ) -> Callable[[str], list[Found]]:
    """The reader of a frame's rows that name themselves (a model's name, after the index if
    printed and `ranked` columns of ranks; a leaderboard's id): each value as name/column under
    `names`, no step. With `estimates`, a table of a model's estimates (a posterior summary):
    every column's value (whole numbers too: effective sample sizes), a `-` cell empty, the
    words of a name in brackets joined by `,` alone (`L[0, 1]` is `L[0,1]`), and a rate's
    column (`N_Eff/s`) a timing."""
    def read(line: str) -> list[Found]:
        if line[:2] == ".." and not line.strip(". ") or line[:1] in "-=" and (
                _RULE.fullmatch(line)):  # (tabulate's rules, `------  ---` or rst's `===`)
            return [CLAIM]
        fields = line.split()
        # (the index first, unless printed without: `to_string(index=False)`; then the ranks)
        start = 0
        while start <= ranked and start < len(fields) - len(names) - 1 and (
                fields[start].isdigit()):
            start += 1
        if len(fields) < len(names) + 1 + start or len(line) > 2000:
            return []
        cells = fields[len(fields) - len(names):]
        values = [parse_number(field) for field in cells]
        name = "_".join(fields[start : len(fields) - len(names)])  # (in words: `Random Forest`)
        if not name[:1].isalpha() or any(value is None and not (estimates and cell == "-")
                                         for value, cell in zip(values, cells)):
            return []
        if estimates:  # (a NaN, ArviZ's r_hat of a constant, no value)
            return [(f"{name.replace(',_', ',')}/{column}", value, None)
                    for column, value in zip(names, values)
                    if value is not None and value == value and column[-2:] != "/s"] or [CLAIM]
        # a counter's column (a row a fold: `  model  fold  acc`) is the row's step
        step = next((int(value) for column, value in zip(names, values)
                     if value is not None and column.lower() in STEP_NAMES
                     and type(value) is int), None)
        # (not its settings: `lr`, a whole number that names no measure, `epochs  4`)
        return [(f"{name}/{column}", value, step) for column, value in zip(names, values)
                if value is not None and is_metric_key(column)
                and column.lower() not in STEP_NAMES and column.lower() not in HYPERPARAMETERS
                and (type(value) is not int or names_a_measure(column))] or [CLAIM]

    return read


# A posterior summary printed, a row a parameter, a column an estimate or a diagnostic: ArviZ's
# `print(az.summary(idata))` (a pandas frame; `kind="stats"` without the diagnostics; wider than
# pandas' width, its middle columns hidden behind `...` or the frame wrapped into blocks),
#     `           mean     sd  hdi_3%  hdi_97%  mcse_mean  mcse_sd  ess_bulk  ess_tail  r_hat`
#     `theta[0]  4.076  5.041  -4.435   13.942      0.215    0.130     558.0     547.0    1.0`
# NumPyro's `mcmc.print_summary()` and Pyro's `mcmc.summary()`,
#     `                mean       std    median      5.0%     95.0%     n_eff     r_hat`
#     `        mu      4.29      2.53      4.12     -0.43      8.16     41.13      1.00`
# cmdstanpy's `print(fit.summary())`, `   Mean  MCSE  StdDev  MAD  5%  50%  95%  ESS_bulk
# ESS_tail  ESS_bulk/s  R_hat` (`N_Eff  N_Eff/s  R_hat` before 1.2) over `lp__  77.765200 ...`;
# and ArviZ's `print(az.loo(idata))` (`az.waic`), `         Estimate       SE` over
# `elpd_loo  -103.83     4.30`, `p_loo        1.89        -`.
# Each value as parameter/column, `theta[0]/r_hat`, `mu/5.0%`, `elpd_loo/Estimate` (as a
# leaderboard's, `_named_rows`), no step.
_POSTERIOR_COLUMN = re.compile(
    r"mean|sd|std|median|mad|mcse_(?:mean|sd|median)|ess_(?:bulk|tail|mean|sd|median)|r_hat"
    r"|n_eff|Mean|MCSE|StdDev|MAD|N_Eff(?:/s)?|ESS_(?:bulk|tail)(?:/s)?|R_hat"
    r"|(?:hdi_|eti_)?\d{1,3}(?:\.\d{1,3})?%", re.ASCII)
# (one of them a diagnostic's or an interval's: `mean  std` alone is any frame's)
_POSTERIOR_MARK = re.compile(r"r_hat|R_hat|n_eff|N_Eff|ess_|ESS_|mcse_|MCSE|hdi_|eti_")
_ELPD_HEADER = re.compile(r"\ {2,40}Estimate\ {2,40}SE\ *")


def _posterior_names(line: str) -> list[str] | None:
    """The columns of a posterior summary's header (a `...` among them where pandas hides
    some), or None."""
    text = _unwrapped(line)
    if text[:2] != "  " or len(text) > 2000:
        return None
    if _ELPD_HEADER.fullmatch(text):
        return ["Estimate", "SE"]
    names = text.split() if _POSTERIOR_MARK.search(text) else []
    shown = [name for name in names if name != "..."]
    if len(shown) < 2 or len(names) - len(shown) > 1 or names[0] == "..." or not all(
            map(_POSTERIOR_COLUMN.fullmatch, shown)):
        return None
    return names


def parse_posterior_header(line: str) -> list[Found]:
    """A posterior summary's header (ArviZ's, NumPyro's, Pyro's, cmdstanpy's; `az.loo`'s)."""
    return [] if _posterior_names(line) is None else [CLAIM]


def posterior_rows(header: str) -> Callable[[str], list[Found]]:
    """The rows of a posterior summary: each value as parameter/column (`mu/r_hat`); a frame
    pandas wraps read block by block."""
    rows = _estimate_rows(_posterior_names(header) or [], header)
    if _unwrapped(header) is header:
        return rows

    def block(text: str) -> Callable[[str], list[Found]] | None:
        names = text.split()
        return _estimate_rows(names, text) if all(
            name == "..." or _POSTERIOR_COLUMN.fullmatch(name) for name in names) else None

    return _wrapped_blocks(rows, block)


def _estimate_rows(names: list[str], header: str) -> Callable[[str], list[Found]]:
    """The reader of a table of estimates under `header`, its columns `names`: `_named_rows`,
    without the cells under the `...` where pandas hides columns, and past the index's name
    alone on the first line, padded to the header's width."""
    after = len(names) - names.index("...") - 1 if "..." in names else -1
    rows = _named_rows([name for name in names if name != "..."], estimates=True)
    first = [True]

    def read(line: str) -> list[Found]:
        fields = line.split()
        if first[0]:
            first[0] = False
            if len(fields) == 1 and line[:1] != " " and len(line) >= len(header.rstrip()):
                return [CLAIM]  # (`s.index.name = "name"`)
        if after >= 0 and len(fields) > after + 1 and fields[-after - 1] == "...":
            line = " ".join(fields[: -after - 1] + fields[len(fields) - after :])
        return rows(line)

    return read


# A frame of results a column a model, the measures its rows: `pd.DataFrame(results)` of a
# dict a model's measures, over a blank index column, its columns' names not measures':
#     `          LogisticRegression  RandomForest     SVC`
#     `accuracy              0.9123        0.9345  0.8812`
# Each value as column/row (`LogisticRegression/accuracy`, as the frame the other way round
# names it), no step; each row must name a measure and give every column.
_COLUMNS_HEADER = re.compile(r"\ {2,}([A-Za-z][\w.\-]{0,60}(?:\ [A-Za-z][\w.\-]{0,60}){0,4}"
                             r"(?:\ {2,}[A-Za-z][\w.\-]{0,60}(?:\ [A-Za-z][\w.\-]{0,60}){0,4}){1,40})"
                             r"\ *", re.ASCII)


def frame_columns(line: str) -> list[str] | None:
    """The columns' names of a line that may head a frame a column a thing (a model), or
    None."""
    match = _COLUMNS_HEADER.fullmatch(line) if len(line) <= 2000 else None
    if match is None:
        return None
    return [name.replace(" ", "_") for name in re.split(r" {2,}", match.group(1))]


def transposed_rows(columns: list[str], line: str) -> Callable[[str], list[Found]] | None:
    """The reader of a frame's rows a measure each under `columns` (`frame_columns`), when
    `line`, the row after them, is one; else None."""
    def read(row: str) -> list[Found]:
        fields = row.split()
        if len(fields) != len(columns) + 1 or len(row) > 2000 or not (
                names_a_measure(fields[0]) or phased(fields[0])):
            return []  # (a row of a frame of data, `age  34  29`, ends it)
        values = [parse_number(field) for field in fields[1:]]
        if None in values:
            return []
        return [(f"{column}/{fields[0]}", value, None) for column, value in zip(columns, values)
                if value is not None]

    first = read(line) if line[:1].isalpha() else []
    # (a fraction among the first row's values: whole numbers alone are counts, a frame of data)
    return read if any(type(value) is not int for _, value, _ in first) else None


# A frame's index, by its name (`epoch`) or a row's (`LogReg`): a word, not a number.
_FRAME_INDEX = re.compile(r"[A-Za-z][\w.\-]{0,60}", re.ASCII)


# A table of things, one row each, its first column their id: neat-python's species,
#     `   ID   age  size   fitness   adj fit  stag`, `  ====  ===  ====  =========  =======  ====`,
#     `     1    0   150      2.968    0.548     0`
# Each row's measures are named for its id, row then column (`1/fitness`, `1/adj_fit`), at the
# current step; whole numbers there are counts (ages, sizes), not measures.
_ID_HEADER = re.compile(rf"\s*ID(?:{_COLUMN_GAP}{_COLUMN}){{2,}}\s*")


def parse_id_table(line: str) -> list[Found]:
    """A header whose first column is an id (neat-python's species table)."""
    return [CLAIM] if _ID_HEADER.fullmatch(line) else []


def id_rows(header: str) -> Callable[[str], list[Found]]:
    """The reader of an id table's rows: `{id}/{column}` for each fractional value."""
    names = [name.replace(" ", "_") for name in re.split(_COLUMN_GAP, header.strip())]

    def read(line: str) -> list[Found]:
        fields = line.split()
        if not fields:
            return []  # a blank line ends the table
        if len(fields) != len(names) or not (fields[0].isdigit() and len(fields[0]) <= 18):
            return [CLAIM] if _between_rows(line) else []
        values = [parse_number(field) for field in fields[1:]]
        if any(value is None and field != "--" for value, field in zip(values, fields[1:])):
            return []  # not a row of numbers (`--`: none yet, a new species')
        return [(f"{fields[0]}/{name}", value, None) for name, value in zip(names[1:], values)
                if value is not None and type(value) is not int and is_metric_key(name)] or [
                    CLAIM]

    return read


# A row that sums the table up, in its counter's column: NLTK's `Final`, airbench's `eval`.
_SUMMARY_ROWS = frozenset({"Final", "eval"})


# A cell that holds no value (pandas' `NaN`, R's `NA`, `None`): a column's place, no name.
_MISSING_CELLS = frozenset({"nan", "na", "none", "null", "n/a"})


def table_rows(header: str, named: list[str] | None = None) -> Callable[[str], list[Found]]:
    """The reader of a table's rows: one number a column, the counter column as the step
    (the finest of them: spaCy's `#` before its `E`; NLTK's `Final` row has none); columns of
    times (`00:01`) and counts written with commas or units (`53,089`, `0.6k`) are skipped; a
    row may name its one value after the counter (`25  val 3.582`)."""
    if named is None and _unwrapped(header) is not header:
        return _wrapped_blocks(table_rows(_unwrapped(header)))
    if not header.isascii():
        header = header.translate(_BOX_BARS)
    steps = _header_steps(header) if named is None else None
    if steps:
        return _step_columns_rows(steps)
    columns = re.split(_COLUMN_GAP, _inside_bars(header).strip())
    columns[:1] = _counter_first(columns[0]) or columns[:1]
    if len(columns) == 2 and (spaced := _spaced_names(header)):
        columns = spaced  # (one space apart: `epoch train_loss val_loss`)
    elif named is None and len(columns) == 2 and _worded(header):
        return _aligned_rows(header)  # (`Epoch Train Loss Val Loss`)
    names = named or ["" if "…" in name else _COLUMN_UNIT.sub("", name).replace(" ", "_")
                      for name in columns]
    counters = [i for name in _COUNTER_COLUMNS for i, n in enumerate(names) if n == name]
    # Where each column's name starts and ends, for rows with empty cells (a header spaced
    # with blanks only)
    spans = [(m.start(), m.end()) for m in _HEADER_COLUMN.finditer(header)]
    if "|" in header or "\t" in header or len(spans) != len(names):
        spans = []

    barred = _OUTER_BARS.fullmatch(header) is not None
    # (a pandas DataFrame printed whole: its header indented over the index, each row's
    # first number the index, not a column)
    indexed = header[:1] == " " and not barred
    # (its columns grouped under this header, `reset_index()` of a MultiIndex's: the
    # counter's and the groups' names over the columns', `grouped_frame_rows`)
    grouped: list[Callable[[str], list[Found]] | None] = [] if indexed and named is None else [None]
    aligned: list[bool] = []  # (whether the first row was asked where the names end)

    def read(line: str) -> list[Found]:
        if grouped:
            if grouped[0] is not None:
                return grouped[0](line)
        else:
            grouped.append(grouped_frame_rows(header, line) if line[:2] == "  " and not any(
                c.isdigit() for c in line) else None)
            if grouped[0] is not None:
                return [CLAIM]
        if not line.isascii():
            line = line.translate(_BOX_BARS)
        inside = _inside_bars(line) if barred else line
        if inside is not line and inside.count("|") == len(names) - 1:
            # a row between bars, its empty cells kept: airbench's `|     |  1  |  2.04  |     |`
            fields = [" ".join(word for word in cell.split() if word not in _TRENDS)
                      for cell in inside.split("|")]
        else:
            fields = [field for field in line.split() if field not in _TRENDS and field != "|"]
            if indexed and len(fields) == len(names) + 1 and fields[0].isdigit() and (
                    line[:1] != " "):
                fields = fields[1:]
        if "/" in fields:  # a count out of a total, pynndescent's `\t 1  /  12`: no row
            return []
        if spans and 2 <= len(fields) < len(names):
            placed = _placed(line, spans)
            if placed is not None:  # Chainer's first row, before training: `0    2.32  0.116`
                fields = placed
        if (counters == [0] and len(fields) >= 3 and fields[1].isalpha()
                and fields[0].isdigit() and len(fields[0]) <= 18
                and fields[1].lower() not in _MISSING_CELLS):  # (`1  NaN  1.00`: a cell)
            # a row that names its value: mlx-lm's `  25    val 3.582    0.00s`
            value = parse_number(fields[2])
            return [(fields[1], value, int(fields[0]))] if value is not None else []
        if len(fields) != len(names) and not aligned and named is None and any(
                " " in column for column in columns):
            # the first row tells a header of names padded to their fields' width apart, where
            # a name as wide as its field leaves one space (`f"{'val_loss':>8}"`: `epoch
            # loss val_loss    acc`), as a header of names one space apart (`_aligned_names`)
            aligned.append(True)
            cut = _aligned_names(header, line, padded=True)
            if cut is not None and len(cut) == len(fields):
                names[:] = cut
                counters[:] = [i for name in _COUNTER_COLUMNS for i, n in enumerate(names)
                               if n == name]
        if len(fields) != len(names) or _DIVIDER.fullmatch(line):
            return [CLAIM] if _between_rows(line) else []
        values = [parse_number(field) if field else None for field in fields]
        # (a counter's name over fractions is a measure's: Clarabel's `step`, its step size)
        steps = [i for i in counters if type(values[i]) is int or fields[i] in _SUMMARY_ROWS]
        step = values[steps[0]] if steps else None
        if steps and fields[steps[0]] in _SUMMARY_ROWS:  # NLTK's last row, airbench's: no step
            step = None
        elif type(step) is not int:
            return [CLAIM] if _between_rows(line) else []
        return [(name, value, step) for i, (name, value) in enumerate(zip(names, values))
                if value is not None and i not in steps and is_metric_key(name)]

    return read


def _placed(line: str, spans: list[tuple[int, int]]) -> list[str] | None:
    """A row's values in their columns, "" where a cell is empty: each value starts where its
    column's name starts, ends where it ends, or is centred under it (SciPy's least_squares);
    None when one lines up with no column."""
    placed = [""] * len(spans)
    column = 0
    for value in re.finditer(r"\S+", line):
        start, end = value.span()
        while column < len(spans) and start != spans[column][0] and end != spans[column][1] and (
                abs(start + end - spans[column][0] - spans[column][1]) > 1):
            column += 1
        if column == len(spans):
            return None
        placed[column] = value.group()
        column += 1
    return placed


# dotted_table ---------------------------------------------------------------------------------

# A table whose columns are apart by ` ... `, its first the iteration: PySINDy's optimizers,
# verbose (`pysindy/optimizers/stlsq.py`, `sr3.py`),
#     ` Iteration ... |y - Xw|^2 ...  a * |w|_2 ...      |w|_0 ... Total error: |y - Xw|^2 + a * |w|_2`
#     `         0 ... 1.2383e+03 ... 4.8830e+02 ...         10 ... 1.7266e+03`
# Each value under its column's name, words joined with `_` (`|y_-_Xw|^2`), a name before `: `
# standing for the expression after it (`Total_error`), at the row's iteration.
_DOTTED_HEADER = re.compile(r"\ {0,12}(?:Iteration|Iter|iter|Epoch|epoch|Step|step)(?:\ \.\.\.\ [^.]{1,80}){2,20}")


def _dotted_names(header: str) -> list[str]:
    return ["_".join(name.split(": ", 1)[0].split()) for name in header.split(" ... ")]


def parse_dotted_header(line: str) -> list[Found]:
    """A table's header with ` ... ` between its columns, the first a counter."""
    return [CLAIM] if _DOTTED_HEADER.fullmatch(line) else []


def dotted_rows(header: str) -> Callable[[str], list[Found]]:
    """The rows under a ` ... ` table's header: a number a column, the first the step."""
    names = _dotted_names(header)

    def read(line: str) -> list[Found]:
        fields = line.split(" ... ")
        counter = fields[0].strip()
        if len(fields) != len(names) or not (counter.isascii() and counter.isdigit()) or len(
                counter) > 18:
            return []
        values = [parse_number(field.strip()) for field in fields[1:]]
        return [(name, value, int(counter)) for name, value in zip(names[1:], values)
                if value is not None]

    return read


# tune_result ----------------------------------------------------------------------------------

# A Ray Tune or RLlib result as `ray.tune.logger.pretty_print` prints it (RLlib's quick start:
# `print(pretty_print(algo.train()))`): YAML, keys sorted, nested two spaces a level, opening
# with the result's `date: 2026-12-03_11-15-41` and holding `training_iteration: 1` near its
# end:
#     `env_runners:`, `  episode_return_mean: 18.09`, `learners:`, `  default_policy:`,
#     `    policy_loss: -0.1116`, ..., `training_iteration: 1`, `trial_id: default`
# Each numeric leaf keyed by its path joined with `/` (env_runners/episode_return_mean), at the
# result's training_iteration; timers, throughputs, counters, process details and the config
# (older versions print it) are not metrics.
_TUNE_DATE = re.compile(r"date:\ \d{4}-\d\d-\d\d_\d\d-\d\d-\d\d\s*")
_YAML_ITEM = re.compile(r"(\ {0,40})([A-Za-z_][\w.\-@]{0,100}):(?:\ (.{1,200}))?\s*", re.ASCII)
_TUNE_SKIPPED = frozenset({"config", "timers", "perf", "fault_tolerance", "env_runner_group",
                           "connectors", "sampler_perf", "hostname", "node_ip", "pid", "date",
                           "timestamp", "iterations_since_restore", "weights_seq_no", "sample",
                           "trial_id", "done"})
_TUNE_NOT_METRIC = re.compile(r"timer|throughput|_lifetime$|_total$|^time_|_sum_episodes_length_|"
                              r"^episode_duration_", re.ASCII)


parse_tune_result = _claims(_TUNE_DATE)
"""The `date: ...` that opens a Ray Tune result printed by pretty_print."""


def tune_result_rows(header: str) -> Callable[[str], list[Found]]:
    """The lines of one result: its numeric leaves held, then given out at its
    `training_iteration`, each keyed by its path."""
    path: list[tuple[int, str]] = []  # the open sections, with their indentation
    held: list[tuple[str, float | int]] = []
    released = False
    last = "date"  # the latest top-level key: pretty_print sorts them

    def read(line: str) -> list[Found]:
        nonlocal released, last
        item = _YAML_ITEM.fullmatch(line)
        if item is None or (released and not item.group(1)):
            return [] if item is None or item.group(2) != "trial_id" else [CLAIM]
        indent, name, text = len(item.group(1)), item.group(2), item.group(3)
        if indent == 0:
            # a result goes on `done: false` after its date, its top-level keys in order;
            # anything else is not one (a run's own `date: 2024-03-01_12-30-00` stamp)
            if name < last or (last == "date" and not (name == "done" and text in ("false", "true"))):
                return []
            last = name
        while path and path[-1][0] >= indent:
            path.pop()
        if text is None:
            path.append((indent, name))
            return [CLAIM]
        if indent == 0 and name == "training_iteration" and text.isascii() and text.isdigit():
            released = True
            step = int(text)
            return [(key, value, step) for key, value in held] or [CLAIM]
        value = parse_number(text)
        names = [section for _, section in path] + [name]
        if (value is not None and len(held) < 10_000
                and not any(part in _TUNE_SKIPPED for part in names)
                and not _TUNE_NOT_METRIC.search(name) and is_metric_key(name)
                and not any(part.startswith("num_") for part in names)):
            held.append(("/".join(names), value))
        return [CLAIM]

    return read


# ipopt ----------------------------------------------------------------------------------------

# IPOPT's iteration table (src/Algorithm/IpOrigIterationOutput.cpp; printed through CasADi's
# `nlpsol(..., "ipopt")`, Pyomo, cyipopt): its header, again every ten rows,
#     `iter    objective    inf_pr   inf_du lg(mu)  ||d||  lg(rg) alpha_du alpha_pr  ls`
#     `   1  1.8457621e+01 1.48e-02 4.10e+01  -1.0 4.10e-01   2.0 1.00e+00 1.00e+00f  1`
# a row an iteration (`r` after it in the restoration phase), `-` where no regularization was
# needed, a letter after alpha_pr (the step's kind); `ls`, the line search's trials, is a
# count. Then its summary under `(scaled)  (unscaled)`: `Objective...............:   1.35e-64
# 2.03e-64`, the unscaled value as `unscaled/Objective`.
_IPOPT_COLUMNS = ("objective", "inf_pr", "inf_du", "lg(mu)", "||d||", "lg(rg)", "alpha_du",
                  "alpha_pr")
_IPOPT_HEADER = re.compile(
    r"iter\ {1,8}objective\ {1,8}inf_pr\ {1,8}inf_du\ {1,8}lg\(mu\)\ {1,8}\|\|d\|\|\ {1,8}"
    r"lg\(rg\)\ {1,8}alpha_du\ {1,8}alpha_pr\ {1,8}ls\s*")
_IPOPT_VALUE = rf"({NUMBER}|-)\ {{1,12}}"
_IPOPT_ROW = re.compile(
    rf"\ {{0,12}}(\d{{1,18}})r?\ {{1,12}}{_IPOPT_VALUE * 7}({NUMBER})[A-Za-z]?\ {{1,12}}\d{{1,9}}\s*",
    re.ASCII)
_IPOPT_SCALED = re.compile(r"\ {8,80}\(scaled\)\ {4,40}\(unscaled\)\s*")
_IPOPT_SUMMARY = re.compile(rf"([A-Z][A-Za-z]{{0,30}}(?:\ [A-Za-z]{{1,30}}){{0,4}})\.*:\ {{1,12}}"
                            rf"(?:{NUMBER})\ {{1,12}}({NUMBER})\s*", re.ASCII)


def parse_ipopt_header(line: str) -> list[Found]:
    """IPOPT's iteration table's header, or its summary's `(scaled)  (unscaled)`."""
    return [CLAIM] if _IPOPT_HEADER.fullmatch(line) or _IPOPT_SCALED.fullmatch(line) else []


def ipopt_rows(header: str) -> Callable[[str], list[Found]]:
    """The rows under IPOPT's header: each column at the row's iteration, or each summary
    line's unscaled value."""
    if _IPOPT_SCALED.fullmatch(header):
        def summary(line: str) -> list[Found]:
            match = _IPOPT_SUMMARY.fullmatch(line)
            if match is None:
                return []
            return [(f"unscaled/{match.group(1).replace(' ', '_')}", to_number(match.group(2)), None)]
        return summary

    return _columns_at_step(_IPOPT_HEADER, _IPOPT_ROW, _IPOPT_COLUMNS)


# convex solvers -------------------------------------------------------------------------------

# The solvers CVXPY calls with `verbose=True`, each opening with its banner and what it was
# given: OSQP's (`OSQP v1.0.0  -  Operator Splitting QP Solver`, then `problem:  variables n =
# 80, constraints m = 120`, `settings: ...`, `          sigma = 1.00e-06, alpha = 1.60, ...`),
# SCS's (`SCS v3.3.1 - Splitting Conic Solver`, `settings: eps_abs: 1.0e-05, ...`, `\t  alpha:
# 1.50, scale: 1.00e-01, ...`; SCS 2's `eps = 1.00e-04, alpha = 1.50, ...`), Clarabel's
# (`Clarabel.rs v0.11.1  -  Clever Acronym`, `problem:` over `  constraints   = 120`, `    :
# Zero = 1,  numel = 40`, `settings:` over its tolerances): the problem's sizes and the
# solver's settings, no metric, up to its iteration table (`iter   objective ...`, the table
# rule's; SCS's ` iter | pri res | dua res |   gap   |   obj   |  scale  | time (s)`, read
# here: `     0| 1.66e+00  1.46e-01  3.40e+01  1.80e+01  1.00e-01  3.81e-03 ` as pri_res,
# dua_res, gap, obj and scale at iteration 0, its time a timing). The banner's lines are
# indented, a rule, or a section's `name:` or `name = value`; any other line ends it.
_SOLVER_BANNER = re.compile(
    r"\s{0,40}(?:OSQP\ v[\w.\-]{1,20}\ {1,4}-\ {1,4}Operator\ Splitting\ QP\ Solver"
    r"|SCS\ v[\w.\-]{1,20}\ {1,4}-\ {1,4}Splitting\ Conic\ Solver"
    r"|Clarabel\.(?:rs|jl|py)\ v[\w.\-]{1,20}\ {1,4}-\ {1,4}Clever\ Acronym)\s*")
_SOLVER_TABLE = re.compile(r"\s{0,4}(?i:iter)\ {1,12}(?:objective|pcost|\|)")
_SCS_HEADER = re.compile(r"\s{0,4}(?i:iter)\ {0,4}(?:\|[^|]{1,20}){2,12}")
_SCS_ROW = re.compile(rf"\s{{0,12}}(\d{{1,18}})\|(\ {{0,4}}(?:{NUMBER})(?:\ {{1,4}}(?:{NUMBER})){{0,11}})\s*",
                      re.ASCII)
_RULE_LINE = re.compile(r"\s{0,40}[-=*_]{3,300}\s*")
_SETUP_LINES = 80  # (a banner's lines at the most: Clarabel's, with its presolve, are ~30)


def parse_solver_banner(line: str) -> list[Found]:
    """The banner of OSQP, SCS or Clarabel (see above): claimed, no metric."""
    return [CLAIM] if _SOLVER_BANNER.fullmatch(line) else []


def solver_setup_rows(header: str) -> Callable[[str], list[Found]]:
    """The problem and settings under a solver's banner, claimed up to its iteration table;
    SCS's table read (its pri_res, dua_res, gap, obj and scale at the iteration)."""
    seen = [0]
    columns: list[str] = []

    def row(line: str) -> list[Found]:
        if columns:
            match = _SCS_ROW.fullmatch(line)
            if match is None:
                return [CLAIM] if _RULE_LINE.fullmatch(line) else []
            return [("iteration", int(match.group(1)), None), *(
                (name, to_number(value), None)
                for name, value in zip(columns, match.group(2).split()) if name)]
        if _SOLVER_TABLE.match(line):
            if "|" not in line or _SCS_HEADER.fullmatch(line) is None:
                return []  # (OSQP's and Clarabel's tables are the table rule's)
            # (its time a timing, no metric)
            columns.extend("" if "time" in cell else "_".join(cell.split())
                           for cell in line.split("|")[1:])
            return [CLAIM]
        seen[0] += 1
        text = line.strip()
        if seen[0] > _SETUP_LINES or text and not line[:1].isspace() and ":" not in text and (
                "=" not in text) and _RULE_LINE.fullmatch(line) is None:
            return []
        return [CLAIM]

    return row


# ECOS's iteration table (ecos/src/ecos.c, `verbose`): `It     pcost       dcost      gap   pres
# dres    k/t    mu     step   sigma     IR    |   BT`, then ` 1  +1.592e+00  -3.717e+00  +2e+01
# 3e-02  1e-02  1e-01  3e-01  0.8969  3e-02   1  1  1 |  0  0`: each column to sigma at the
# iteration (`---` where it has none yet); the iterative refinement steps and the backtracking
# after them are counts.
_ECOS_HEADER = re.compile(
    r"\s{0,4}It\ {1,8}pcost\ {1,12}dcost\ {1,12}gap\ {1,8}pres\ {1,8}dres\ {1,8}k/t\ {1,8}mu"
    r"\ {1,8}step\ {1,8}sigma\ {1,8}IR(?:\ {1,8}\|\ {1,8}BT)?\s*")
_ECOS_VALUE = rf"({NUMBER}|---)\ {{1,12}}"
_ECOS_ROW = re.compile(rf"\s{{0,4}}(\d{{1,18}})\ {{1,12}}{_ECOS_VALUE * 9}\d[\d\ \-|]{{0,40}}",
                       re.ASCII)
_ECOS_COLUMNS = ("pcost", "dcost", "gap", "pres", "dres", "k/t", "mu", "step", "sigma")


parse_ecos_header = _claims(_ECOS_HEADER)
"""The header of ECOS's iteration table."""


def ecos_rows(header: str) -> Callable[[str], list[Found]]:
    """ECOS's rows: each column to sigma at the row's iteration."""

    def row(line: str) -> list[Found]:
        match = _ECOS_ROW.fullmatch(line)
        if match is None:
            return []
        return [("iteration", int(match.group(1)), None), *(
            (name, to_number(value), None)
            for name, value in zip(_ECOS_COLUMNS, match.groups()[1:]) if value != "---")]

    return row


# HiGHS (`scipy.optimize.linprog`/`milp` with `disp=True`, highspy): its simplex log under
# `  Iteration        Objective     Infeasibilities num(sum)`, a row `          0
# -2.8955001049e+02 Ph1: 15(989.915); Du: 30(289.55) 0s` (the objective at the iteration; the
# infeasibilities' counts and sums, and the time, are none), and the MIP's `Solving report`,
# `  Primal bound      -35.4231705181`, `  Dual bound ...`, `  Gap               0%
# (tolerance: 0.01%)` (the gap allowed a setting), `  P-D integral      0.054`: those four by
# their names; its counts and times (`Nodes 17`, `Timing 0.15`) none.
_HIGHS_SIMPLEX = re.compile(r"\s{0,8}Iteration\ {1,12}Objective\ {1,12}Infeasibilities\ num\(sum\)\s*")
_HIGHS_ROW = re.compile(
    rf"\s{{0,12}}(\d{{1,18}})\ {{1,30}}({NUMBER})(?:\ (?:Ph1|Pr):\ \d{{1,18}}\((?:{NUMBER})\))?"
    rf"(?:;?\ Du:\ \d{{1,18}}\((?:{NUMBER})\))?(?:\ {{1,4}}\d{{1,18}}(?:\.\d{{1,6}})?s)?\s*", re.ASCII)
_HIGHS_REPORT = re.compile(r"Solving report\s*")
_HIGHS_RESULT = re.compile(
    rf"\ {{2}}(Primal\ bound|Dual\ bound|Gap|P-D\ integral)\ {{2,20}}({NUMBER})%?"
    rf"(?:\ \(tolerance:\ [^()]{{1,40}}\))?\s*", re.ASCII)


def parse_highs(line: str) -> list[Found]:
    """The header of HiGHS' simplex log, or its `Solving report` heading."""
    return [CLAIM] if _HIGHS_SIMPLEX.fullmatch(line) or _HIGHS_REPORT.fullmatch(line) else []


def highs_rows(header: str) -> Callable[[str], list[Found]]:
    """The simplex log's rows (Objective at the iteration), or the solving report's lines."""
    if _HIGHS_REPORT.fullmatch(header):
        def report(line: str) -> list[Found]:
            if line[:2] != "  ":
                return []
            match = _HIGHS_RESULT.fullmatch(line)
            return [CLAIM] if match is None else [
                (match.group(1).replace(" ", "_"), to_number(match.group(2)), None)]
        return report

    def row(line: str) -> list[Found]:
        match = _HIGHS_ROW.fullmatch(line)
        if match is None:
            return []
        return [("iteration", int(match.group(1)), None),
                ("Objective", to_number(match.group(2)), None)]

    return row


# SciPy's SLSQP and TNC, verbose (`minimize(..., method="SLSQP", options={"iprint": 2})`,
# `method="TNC", options={"disp": True}`): SLSQP's `  NIT    FC           OBJFUN
# GNORM`, then `    1     2     2.804000E+03     2.246107E+03` (OBJFUN and GNORM at the
# iteration; FC counts the function's calls); TNC's `  NIT   NF   F                       GTG`,
# then `    1    4  6.144719679232270E+01   2.50252258E+05` (F and GTG, the gradient's squared
# norm, at the iteration; NF a count), its `tnc: fscale = 0.000222607` notes between the rows
# (its internal scaling, no measure).
_SCIPY_TABLE = re.compile(r"\s{0,4}NIT\ {1,8}(FC\ {1,12}OBJFUN\ {1,20}GNORM|NF\ {1,8}F\ {1,30}GTG)\s*")
_SCIPY_ROW = re.compile(rf"\s{{0,8}}(\d{{1,18}})\ {{1,8}}\d{{1,18}}\ {{1,8}}({NUMBER})\ {{1,8}}({NUMBER})\s*",
                        re.ASCII)


parse_scipy_table = _claims(_SCIPY_TABLE)
"""The header of SLSQP's or TNC's iteration table."""


def scipy_table_rows(header: str) -> Callable[[str], list[Found]]:
    """SLSQP's rows (OBJFUN, GNORM) or TNC's (F, GTG), at the iteration."""
    first, second = ("OBJFUN", "GNORM") if "OBJFUN" in header else ("F", "GTG")

    def row(line: str) -> list[Found]:
        if line[:5] == "tnc: ":
            return [CLAIM]
        match = _SCIPY_ROW.fullmatch(line)
        if match is None:
            return []
        return [("iteration", int(match.group(1)), None),
                (first, to_number(match.group(2)), None), (second, to_number(match.group(3)), None)]

    return row


# ultranest ------------------------------------------------------------------------------------

# UltraNest's status (ultranest/integrator.py, `ReactiveNestedSampler.run`), drawn over the last
# on a terminal, one after another through a pipe: `Z=-5.4(98.59%) | Like=-0.01..-0.00
# [-0.0117..-0.0117]*| it/evals=3870/5575 eff=74.7826% N=400`: the evidence Z, the live points'
# likelihood range (Like_1 and Like_2, as two values after one name), the efficiency, at the
# iteration `it` (the live points' count N is a setting).
_ULTRANEST = re.compile(
    rf"Z=({NUMBER})\((?:{NUMBER})%\)\ {{0,4}}\|\ {{0,4}}Like=({NUMBER})\.\.({NUMBER})"
    rf"\ {{0,4}}\[[^\[\]]{{0,80}}\]\*?\ {{0,4}}\|\ {{0,4}}it/evals=(\d{{1,18}})/\d{{1,18}}"
    rf"\ {{1,4}}eff=({NUMBER})%",
    re.ASCII,
)


def parse_ultranest(line: str) -> list[Found]:
    """UltraNest's status lines: each a step of its own (the iteration)."""
    found: list[Found] = []
    for status in _ULTRANEST.finditer(line):
        z, low, high, iteration, eff = status.groups()
        step = int(iteration)
        found += [(key, value, step) for key, value in (
            ("Z", to_number(z)), ("Like_1", to_number(low)), ("Like_2", to_number(high)),
            ("eff", to_number(eff))) if value not in (float("inf"), float("-inf"))]
    return found


# nautilus -------------------------------------------------------------------------------------

# nautilus' status table (nautilus/sampler.py, `Sampler.print_status`), each row drawn over the
# last: `Status    | Bounds | Ellipses | Networks | Calls    | f_live | N_eff | log Z`, then
# `Sampling  | 1      | 0        | 0        | 100      | 1.0000 | 4     | -0.96`: f_live, N_eff
# and log_Z (`N/A` until known); the counts before them are its progress.
_NAUTILUS_HEADER = re.compile(
    r"Status\s{1,8}\|\s{1,8}Bounds\s{1,8}\|\s{1,8}Ellipses\s{1,8}\|\s{1,8}Networks\s{1,8}\|"
    r"\s{1,8}Calls\s{1,8}\|\s{1,8}f_live\s{1,8}\|\s{1,8}N_eff\s{1,8}\|\s{1,8}log Z\s*")
_NAUTILUS_ROW = re.compile(
    rf"[A-Za-z]{{1,20}}(?:\s{{1,12}}\|\s{{1,12}}\d{{1,18}}){{4}}\s{{1,12}}\|\s{{1,12}}({NUMBER}|N/A)"
    rf"\s{{1,12}}\|\s{{1,12}}({NUMBER}|N/A)\s{{1,12}}\|\s{{1,12}}({NUMBER}|N/A)\s*", re.ASCII)


parse_nautilus_header = _claims(_NAUTILUS_HEADER)
"""The header of nautilus' status table."""


def nautilus_rows(header: str) -> Callable[[str], list[Found]]:
    """nautilus' status rows: f_live, N_eff and log_Z."""

    def row(line: str) -> list[Found]:
        match = _NAUTILUS_ROW.fullmatch(line)
        if match is None:
            return []
        return [(key, to_number(text), None) for key, text in zip(
            ("f_live", "N_eff", "log_Z"), match.groups()) if text != "N/A"]

    return row


# cp_sat ---------------------------------------------------------------------------------------

# OR-Tools CP-SAT's search log (`log_search_progress`): `#3       0.08s best:65    next:[62,64]
# main (fixed_bools=8/161)` for the third solution found, `#Bound   0.04s best:67    next:[56,66]
# main` when the bound moves: best (the objective) at the solution's number, and the range the
# search looks in next as next_1 and next_2 (two values after one name).
_CP_SAT = re.compile(
    rf"\#(\d{{1,18}}|Bound)\ {{1,12}}[\d.]{{1,20}}s\ {{1,12}}best:(?:({NUMBER})|inf)"
    rf"\ {{1,12}}next:\[({NUMBER}),({NUMBER})\](?:\s.*)?", re.ASCII)


def parse_cp_sat(line: str) -> list[Found]:
    """A CP-SAT search log's `#N` or `#Bound` line."""
    match = _CP_SAT.fullmatch(line)
    if match is None:
        return []
    number, best, low, high = match.groups()
    bounds: list[Found] = [("next_1", to_number(low), None), ("next_2", to_number(high), None)]
    if number == "Bound" or best is None:
        return bounds
    return [("step", int(number), None), ("best", to_number(best), None), *bounds]


# gpy ------------------------------------------------------------------------------------------

# GPy's `optimize(messages=True)` outside a notebook (GPy/core/verbose_optimization.py): a header,
# `  runtime   i      f              |g|        `, then each iteration's row drawn over the last
# (`\r    00s04  0010  -2.093833e+01   1.055010e+00 `): f and |g| at the iteration i.
_GPY_HEADER = re.compile(r"\s*runtime\s+i\s+f\s+\|g\|\s*")
_GPY_COLUMNS = ["runtime", "i", "f", "|g|"]


parse_gpy_header = _claims(_GPY_HEADER)
"""The header of GPy's optimization messages."""


def gpy_rows(header: str) -> Callable[[str], list[Found]]:
    """The rows under GPy's header: runtime, the iteration (the step), f and |g|."""
    return table_rows(header, _GPY_COLUMNS)


# cmdstan --------------------------------------------------------------------------------------

# CmdStan's L-BFGS optimizer (stan-dev/stan, src/stan/services/optimize/do_bfgs_optimize.hpp),
# as cmdstanpy prints its console (`show_console=True`, each line after `Chain [1] `): a header,
# `Iter      log prob        ||dx||      ||grad||       alpha      alpha0  # evals  Notes`, then
# a row at every hundredth iteration, `99       8792.21    0.00591792        1344.7      0.5995
# 0.5995      116`, where a line search failed (`... LS failed, Hessian reset`) and at the last:
# log_prob, ||dx|| and ||grad|| at the iteration (alpha and alpha0 are step sizes, the
# evaluations a count).
_CHAIN = r"(?:Chain\ \[\d{1,4}\]\ )?"
_CMDSTAN_HEADER = re.compile(
    _CHAIN + r"\s*Iter\s+log\ prob\s+\|\|dx\|\|\s+\|\|grad\|\|\s+alpha\s+alpha0\s+\#\ evals"
    r"\s+Notes\s*", re.ASCII)
_CMDSTAN_ROW = re.compile(
    rf"{_CHAIN}\s*(\d{{1,18}})\s+({NUMBER})\s+({NUMBER})\s+({NUMBER})\s+(?:{NUMBER})\s+"
    rf"(?:{NUMBER})\s+\d{{1,18}}(?:\s+[A-Za-z][\w ,]{{0,60}})?\s*", re.ASCII)


parse_cmdstan_header = _claims(_CMDSTAN_HEADER)
"""The header of CmdStan's L-BFGS iterations."""


def cmdstan_rows(header: str) -> Callable[[str], list[Found]]:
    """The rows under CmdStan's header: log_prob, ||dx||, ||grad|| at the iteration."""

    def read(line: str) -> list[Found]:
        match = _CMDSTAN_ROW.fullmatch(line)
        if match is None:
            return []
        step = int(match.group(1))
        return [(key, to_number(value), step)
                for key, value in zip(("log_prob", "||dx||", "||grad||"), match.groups()[1:])]

    return read


# deepxde --------------------------------------------------------------------------------------

# DeepXDE's training display (deepxde/display.py, `TrainingDisplay`): a header, `Step      Train
# loss              Test loss               Test metric   `, then a row at each display, each
# column a list with a value for each term of the loss (or metric): `1000      [1.58e-04,
# 1.23e-07]    [1.64e-04, 1.23e-07]    [2.77e-04]    `, as Train_loss/0, Train_loss/1, ...,
# Test_metric/0 at step 1000 (indexed as DeepXDE's loss history indexes its terms, from 0).
# After training (`summary`): `Best model at step 10000:`, then `  train loss: 5.01e-06`,
# `  test loss: 3.12e-05`, `  test metric: [1.01e-04]` at that step.
# (Each column is as wide as its list: ten characters a term.)
_DEEPXDE_HEADER = re.compile(
    r"Step\ {2,12}Train\ loss\ {2,400}Test\ loss\ {2,400}Test\ metric\s*")
_DEEPXDE_COLUMNS = ("Train_loss", "Test_loss", "Test_metric")
_DEEPXDE_ROW = re.compile(r"(\d{1,18})\ {2,400}(\[[^\[\]]*\])\ {2,400}(\[[^\[\]]*\])\ {2,400}"
                          r"(\[[^\[\]]*\])\s*")
_DEEPXDE_BEST = re.compile(r"Best\ model\ at\ step\ (\d{1,18}):\s*")
_DEEPXDE_SUMMARY = re.compile(r"\ \ (train\ loss|test\ loss|test\ metric):\ (.{1,4000})")


def _terms(cell: str) -> list[float] | None:
    """A list cell, `[1.58e-04, 1.23e-07]`, as its numbers (None when one is not a number)."""
    values = [parse_number(item) for item in cell.strip().strip("[]").split(",") if item.strip()]
    numbers = [value for value in values if value is not None]
    return numbers if len(numbers) == len(values) else None


def parse_deepxde_header(line: str) -> list[Found]:
    """DeepXDE's table header, or its `Best model at step N:` (the reader of what follows)."""
    return [CLAIM] if _DEEPXDE_HEADER.fullmatch(line) or _DEEPXDE_BEST.fullmatch(line) else []


def deepxde_rows(header: str) -> Callable[[str], list[Found]]:
    """The rows under DeepXDE's table header, or the summary lines under its best step."""
    best = _DEEPXDE_BEST.fullmatch(header)
    if best is not None:
        step = int(best.group(1))

        def summary(line: str) -> list[Found]:
            match = _DEEPXDE_SUMMARY.fullmatch(line)
            if match is None:
                return []
            name, text = match.group(1).replace(" ", "_"), match.group(2).strip()
            if not text.startswith("["):
                value = parse_number(text)
                return [] if value is None else [(name, value, step)]
            terms = _terms(text)
            return [(f"{name}/{i}", value, step) for i, value in enumerate(terms or [])]

        return summary

    def read(line: str) -> list[Found]:
        match = _DEEPXDE_ROW.fullmatch(line)
        if match is None:
            return []
        step = int(match.group(1))
        found: list[Found] = []
        for column, cell in zip(_DEEPXDE_COLUMNS, match.groups()[1:]):
            terms = _terms(cell)
            if terms is None:
                return []
            found += [(f"{column}/{i}", value, step) for i, value in enumerate(terms)]
        return found or [CLAIM]

    return read


# labml ----------------------------------------------------------------------------------------

# labml's console (labml/internal/logger, its screen writer): one line drawn over and over in
# place, the global step first (with thousands separators), then each section's progress and
# time, then the indicators: `   1,024:  Sample: 100%   320ms  Train:   2% 28,663ms
# loss.train:  3.32727 accuracy.train: 0.056641  28,983ms  0:00m/  0:00m  `. The sections
# (`Train:   2% 28,663ms`, `Valid:  ...  0ms`) are progress, not metrics; a redraw repeats
# the indicators that have nothing new.
_LABML = re.compile(r"\s{0,12}(\d{1,3}(?:,\d{3}){0,6}):\ {2}(?=[A-Za-z])", re.ASCII)
_LABML_SECTION = re.compile(
    r"([A-Za-z][\w\ ]{0,30}):\ {1,4}(?:\d{1,3}%|\.\.\.)\ {1,4}[\d,]{1,12}ms", re.ASCII)


# (A section outside the loop shows its progress alone: `        Build vocabulary    4%\t1.45ms`.)
_LABML_PROGRESS = re.compile(r"\s{0,12}[A-Za-z][\w\ ]{0,40}?\ {1,8}\d{1,3}%\t[\d.,]{1,12}ms\s*",
                             re.ASCII)


def parse_labml(line: str) -> list[Found]:
    """A labml console line: its indicators at the step that starts it."""
    if _LABML_PROGRESS.fullmatch(line):
        return [CLAIM]
    match = _LABML.match(line)
    if match is None or _LABML_SECTION.search(line, match.end()) is None:
        return []
    rest = _LABML_SECTION.sub(" ", line[match.end() :])
    return [("step", int(match.group(1).replace(",", "")), None), *parse_key_value(rest)]


# named_rows -----------------------------------------------------------------------------------

# A results table between bars whose first column names each row (a model, a split) and whose
# other columns name measures: Cornac's `    |    MAE |   RMSE | ...` over `PMF | 0.7351 |
# 0.8358 | ...`, MACE's prettytable `|  config_type  | MAE E / meV | ...` over `| train_Default
# |  844.7  | ...`: each value as row/column (PMF/MAE, train_Default/MAE_E), a unit after ` / `
# or a `%` left out of the column's name; a column of times (`Train (s)`) is none.
# (A qualifier in parentheses stays in the name, `F1 (macro)` is `F1_(macro)` as `F1 (macro):
# 0.88` is; a percent sign's is dropped, `Acc (%)`.)
_NAMED_CELL = re.compile(r"[A-Za-z][\w@.:\-]{0,40}(?:\ [A-Za-z%][\w@.\-%]{0,20}){0,4}"
                         rf"(?:\ /\ [^|]{{1,20}})?(?:\ \((?:{TIME_UNIT}|%|[A-Za-z][\w@.\-]{{0,20}})\))?",
                         re.ASCII)
_TIMES_COLUMN = re.compile(rf".*\ \((?:{TIME_UNIT})\)", re.ASCII)
# (of words too: a model's, `Random Forest`, as Random_Forest)
_ROW_NAME = re.compile(r"[A-Za-z][\w.\-]{0,60}(?:\ [A-Za-z0-9][\w.\-]{0,60}){0,5}", re.ASCII)
_CELL_UNIT = re.compile(r"\ /\ .*$|\ ?%$|\ \(%\)$")
_NOT_ROW_NAMES = frozenset({*STEP_NAMES, "metric", "name", "key"})


def _cells(line: str, least: int = 3) -> list[str] | None:
    """The cells of a line between bars, outer bars dropped; None for a line of fewer than
    `least`."""
    text = line.strip()
    if len(text) > 1 and text[0] == "|" and text[-1] == "|":  # (Cornac's header has a first
        text = text[1:-1]  # bar only: its first column, of the rows' names, is empty)
    cells = [cell.strip() for cell in text.split("|")]
    return cells if len(cells) >= least else None


def _measures_only(cells: list[str]) -> bool:
    """Whether a header names measures from its first cell on: a table of values alone, no
    column of the rows' names (Detectron2's `|   AP   |  AP50  |  AP75  |  APs   |`)."""
    return bool(cells) and names_a_measure(_CELL_UNIT.sub("", cells[0])) and all(
        _NAMED_CELL.fullmatch(cell) for cell in cells)


def parse_named_rows_header(line: str) -> list[Found]:
    """A header of named measures over a first column of row names (empty or a word)."""
    if line.count("|") < 2 or len(line) > 2000:
        # (a rich Table's, `┃ Metric ┃ Train ┃ Val ┃`, under phases' columns only, or a
        # leaderboard's, `┃ model ┃ accuracy ┃ f1 ┃`)
        boxed = _cells(line.translate(_BOX_BARS)) if len(line) <= 2000 else None
        return [CLAIM] if boxed is not None and (
            _phase_columns(boxed) or _board_cells(boxed) or not boxed[0] and len(boxed) > 2
            and all(map(_NAMED_CELL.fullmatch, boxed[1:]))
            and any(names_a_measure(_CELL_UNIT.sub("", cell)) for cell in boxed[1:])) else []
    cells = _cells(line, 2)
    if cells is not None and line.lstrip()[:1] == "|" and _measures_only(cells):
        return [CLAIM]  # (two columns too: `| loss | accuracy |`)
    cells = _cells(line)
    if cells is None or (cells[0] and not _ROW_NAME.fullmatch(cells[0])):
        return []
    if _phase_columns(cells):
        return [CLAIM]  # `| metric | train | val |`: a measure a row, a phase a column
    if not all(_NAMED_CELL.fullmatch(cell) for cell in cells[1:]) or not any(
            names_a_measure(_CELL_UNIT.sub("", cell)) for cell in cells[1:]):
        return []  # (a table of settings, versions or layers names no measure)
    if cells[0] in _COUNTER_COLUMNS or cells[0].lower() in _NOT_ROW_NAMES:
        return []  # a table of steps (the `table` rule's), or of names and values
    return [CLAIM]


def _indexed_row(values: list[str], columns: list[str | None], counter: int | None
                 ) -> list[Found]:
    """A history's row under its index (`named_rows`): each value at the row's counter,
    else its index; a NaN cell no point."""
    numbers = [parse_number(text) if text else None for text in values[1:]]
    if any(number is None and text for number, text in zip(numbers, values[1:])):
        return []
    step = numbers[counter] if counter is not None else int(values[0])
    if type(step) is not int:
        return []
    return [(column, value, step) for column, value in zip(columns, numbers)
            if column is not None and value is not None and value == value] or [CLAIM]


def _board_cells(cells: list[str]) -> bool:
    """Whether a header's first column (after a rank's) names models and the others measures
    (`┃ model ┃ accuracy ┃ f1 ┃`)."""
    names = cells[1:] if cells[:1] and cells[0] in _RANK_COLUMNS else cells
    return names[0] in _NAME_COLUMNS and all(map(_NAMED_CELL.fullmatch, names[1:])) and any(
        names_a_measure(_CELL_UNIT.sub("", name)) for name in names[1:])


def _phase_columns(cells: list[str]) -> bool:
    """Whether a header's columns after the first are phases (`train`, `val`) and its first
    is empty or names the rows' measures (`metric`, `name`)."""
    return (cells[0].lower() in ("", "metric", "metrics", "name", "measure")
            and len(cells) > 2 and all(cell.lower() in PHASES for cell in cells[1:]))


def named_rows(header: str) -> Callable[[str], list[Found]]:
    """The rows of a table of named measures: dividers claimed, each row's numbers under its
    name; under phases' columns (`| metric | train | val |`), each under the column's phase
    (train/loss)."""
    boxed = not header.isascii()  # (a rich Table's: its rows between its box's bars)
    header = header.translate(_BOX_BARS)
    phased = _phase_columns(_cells(header) or [""])
    cells = _cells(header, 2) or []
    # (a table of values alone: every column a measure's, its rows numbers only)
    alone = header.lstrip()[:1] == "|" and _measures_only(cells) and not phased
    names = [_CELL_UNIT.sub("", cell).replace(" ", "_") for cell in cells]
    columns = [None if _TIMES_COLUMN.fullmatch(cell) or not is_metric_key(name)
               or name.lower() in STEP_NAMES or name.lower() in _COUNT_COLUMNS else name
               for cell, name in zip(cells, names)]
    # (a class's number is named for its column: `class_0/precision`, as `class 0: ...` is)
    numbered = f"{cells[0]}_" if cells and cells[0].lower() == "class" else ""
    if alone:  # (its measures only: not `lr`, `depth`, a count's `support` or `n`)
        columns = [name if name is not None and names_a_measure(name) else None
                   for name in columns]
    else:
        cells = _cells(header) or []
        del columns[:1]
    # (a rank's column or the index's before the names', `|   rank | model |`, `|    | model
    # |`: each row named by the names' column)
    ranked = not alone and not phased and len(cells) > 2 and cells[1] in _NAME_COLUMNS and (
        cells[0] in _RANK_COLUMNS or not cells[0])
    if ranked:
        del columns[:1]
    # (pandas' `to_markdown()` of a history: its index under an empty cell, most columns
    # measures' or a counter's, `|    |   epoch |   train_loss |`: each row at its counter, else
    # at its index, as the frame printed plain)
    indexed = not alone and not phased and not ranked and len(cells) > 2 and not cells[0] and (
        2 * sum(cell in _COUNTER_COLUMNS or names_a_measure(name) or name in RATES
                for cell, name in zip(cells[1:], names[1:])) > len(cells) - 1)
    counter = next((i for i, cell in enumerate(cells[1:]) if cell in _COUNTER_COLUMNS), None)

    def row(line: str) -> list[Found]:
        if not any(c.isalnum() for c in line):
            return [CLAIM]  # `--- + ------ + ...`, `+-----+-----+`, `|:----:|:----:|`
        values = _cells(line.translate(_BOX_BARS) if phased or boxed else line, 2)
        if values is None or len(values) != len(cells):
            return []
        if alone:
            numbers = [parse_number(text) for text in values]
            return [(column, value, None) for column, value in zip(columns, numbers)
                    if column is not None and value is not None] if all(
                        value is not None for value in numbers) else []
        if indexed and values[0].isdigit() and len(values[0]) <= 18:
            return _indexed_row(values, columns, counter)
        if ranked:
            if not values[0].isdigit():
                return []
            del values[0]
        if numbered and values[0].isdigit() and len(values[0]) <= 6:
            values[0] = numbered + values[0]
        if not _ROW_NAME.fullmatch(values[0]):
            return []
        values[0] = values[0].replace(" ", "_")
        found: list[Found] = []
        for column, text in zip(columns, values[1:]):
            value = parse_number(text) if text else None
            if text and value is None:
                return []
            if column is not None and value is not None:
                found.append((f"{column}/{values[0]}" if phased else f"{values[0]}/{column}",
                              value, None))
        if phased and found and all(type(value) is int for _, value, _ in found):
            return [CLAIM]  # (under phases' columns, a split's counts, `images  5000  1000`)
        return found or [CLAIM]

    return row


# csv_rows -------------------------------------------------------------------------------------

# Comma-separated values printed as they come, under a header of names (a hand-written loop's
# `print("epoch,train_loss,val_loss,val_acc")` then `print(f"{e},{l},{v},{a}")`, pandas'
# `print(df.to_csv())`, its index's column unnamed): each row's values under their columns',
# its counter's column (`epoch`, `step`) its step.
_CSV_NAME = r"[A-Za-z_][\w/.@\-]{0,60}"
_CSV_HEADER = re.compile(rf"\s{{0,8}}(?:{_CSV_NAME})?(?:,\ ?{_CSV_NAME}){{1,60}}\s*", re.ASCII)


def _csv_names(header: str) -> list[str]:
    return [name.strip() for name in header.strip().split(",")]


def parse_csv_header(line: str) -> list[Found]:
    """A header of comma-separated names: a counter's first (`epoch,train_loss,val_acc`),
    then one a measure's; or an unnamed index's, then measures only (pandas' `,loss,acc`).
    Data's columns (`x,y,error`, `id,score`) are none."""
    if _CSV_HEADER.fullmatch(line) is None:
        return []
    first, *rest = _csv_names(line)
    if first.lower() in STEP_NAMES:
        return [CLAIM] if any(names_a_measure(name) for name in rest) else []
    if not first and all(names_a_measure(name) or name.lower() in RATES
                         or name.lower() in STEP_NAMES for name in rest) and any(
            names_a_measure(name) for name in rest):
        return [CLAIM]
    return []


def csv_rows(header: str) -> Callable[[str], list[Found]]:
    """Each row of numbers under the header's names (an unnamed index column left out; a
    counter's column written as a float by pandas, `1.0`, is its whole number)."""
    names = _csv_names(header)

    def row(line: str) -> list[Found]:
        cells = [cell.strip() for cell in line.strip().split(",")]
        if len(cells) != len(names) or len(line) > 4000:
            return []
        values = [parse_number(cell) if cell else None for cell in cells]
        if any(value is None and cell for value, cell in zip(values, cells)):
            return []  # (a row of words: no table of this header's)
        found: list[Found] = []
        for name, value in zip(names, values):
            if not name or value is None:
                continue
            if name.lower() in STEP_NAMES:
                if value != int(value):
                    return []
                found.append((name, int(value), None))
            elif is_metric_key(name):
                found.append((name, value, None))
        return found or [CLAIM]

    return row


# basicsr --------------------------------------------------------------------------------------

# BasicSR's validation log (basicsr/models/sr_model.py, `_log_validation_metric_values`), as its
# descendants (Real-ESRGAN, SwinIR, HAT, GFPGAN) print it: `Validation Set5`, then a line per
# metric, `\t # psnr: 29.2410\tBest: 29.2410 @ 20 iter`: the dataset's metric (Set5/psnr) and
# its best so far (Set5/psnr_Best) at the iteration it was reached.
_BASICSR_HEADER = re.compile(r"Validation ([\w.\-]{1,80})\s*")
_BASICSR_ROW = re.compile(
    rf"\t\ \#\ ([\w.\-]{{1,80}}):\ ({NUMBER})(?:\tBest:\ ({NUMBER})\ @\ (\d{{1,18}})\ iter)?\s*",
    re.ASCII)


def parse_basicsr_header(line: str) -> list[Found]:
    """`Validation Set5` (after a log line's prefix): the start of BasicSR's metric lines."""
    return [CLAIM] if _BASICSR_HEADER.fullmatch(message(line)) else []


def basicsr_rows(header: str) -> Callable[[str], list[Found]]:
    """Each metric line of one BasicSR validation, named for its dataset."""
    match = _BASICSR_HEADER.fullmatch(message(header))
    dataset = match.group(1) if match else ""

    def row(line: str) -> list[Found]:
        metric = _BASICSR_ROW.fullmatch(line)
        if metric is None:
            return []
        name, value, best, at = metric.groups()
        found: list[Found] = [(f"{dataset}/{name}", to_number(value), None)]
        if best is not None:
            found.append((f"{dataset}/{name}_Best", to_number(best), int(at)))
        return found

    return row


# detectron2_eval ------------------------------------------------------------------------------

# Detectron2's COCO and LVIS evaluators (detectron2/evaluation/coco_evaluation.py,
# `_derive_coco_results`): `Evaluation results for bbox: ` then a pipe table of AP, AP50, ...
# (`create_small_table`), and `Per-category bbox AP: ` then `| category | AP | category | AP |`
# rows: each value named as in the evaluator's results, bbox/AP, bbox/AP-person (its
# metrics.json's names), so that a Mask R-CNN's segm/AP stays apart from its bbox/AP.
_D2_HEADING = re.compile(
    r"(?:Evaluation results for ([\w\-]{1,40})|Per-category ([\w\-]{1,40}) (AP\w{0,8})):\s*",
    re.ASCII)


def parse_detectron2_heading(line: str) -> list[Found]:
    """`Evaluation results for bbox: `, `Per-category segm AP: ` (after the log's prefix)."""
    return [CLAIM] if _D2_HEADING.fullmatch(message(line)) else []


def detectron2_rows(heading: str) -> Callable[[str], list[Found]]:
    """The table after one heading: its header, its divider, then its values, each under the
    evaluated task (`bbox/AP50`, `bbox/AP-traffic_light`)."""
    match = _D2_HEADING.fullmatch(message(heading))
    task = (match.group(1) or match.group(2)) if match else ""
    per_category = match.group(3) if match else None
    names: list[str] = []

    def row(line: str) -> list[Found]:
        cells = _cells(line, 2) if line.lstrip()[:1] == "|" else None
        if cells is None:
            return []
        if not any(c.isalnum() for c in line):
            return [CLAIM] if names else []  # `|:------:|:------:|`
        if not names:
            if not all(_NAMED_CELL.fullmatch(cell) for cell in cells):
                return []
            names.extend(cells)
            return [CLAIM]
        found: list[Found] = []
        if per_category:
            for category, text in zip(cells[::2], cells[1::2]):
                value = parse_number(text) if category else None
                if category and value is None:
                    return []
                if value is not None:
                    found.append((f"{task}/{per_category}-{category.replace(' ', '_')}", value,
                                  None))
            return found or [CLAIM]
        numbers = [parse_number(text) for text in cells]
        if len(numbers) != len(names) or any(value is None for value in numbers):
            return []
        return [(f"{task}/{name}", value, None) for name, value in zip(names, numbers)
                if value is not None]

    return row


# sb3_box --------------------------------------------------------------------------------------

# stable-baselines3's EvalCallback, verbose (stable_baselines3/common/callbacks.py): `Eval
# num_timesteps=1024, episode_reward=9.67 +/- 0.94` then `Episode length: 9.67 +/- 0.94`, each
# mean and its standard deviation as printed (its logger records the means as eval/mean_reward
# and eval/mean_ep_length), at the timesteps. Its own format: under the hook, not the program's.
_SB3_EVAL = re.compile(
    rf"Eval num_timesteps=(\d{{1,18}}), episode_reward=({NUMBER}) \+/- ({NUMBER})\s*", re.ASCII)
_SB3_LENGTH = re.compile(rf"Episode length: ({NUMBER}) \+/- ({NUMBER})\s*", re.ASCII)


def parse_sb3_eval(line: str) -> list[Found]:
    """stable-baselines3's EvalCallback lines: episode_reward, Episode_length and their _std."""
    match = _SB3_EVAL.fullmatch(line)
    if match is not None:
        return [("step", int(match.group(1)), None), ("episode_reward", to_number(match.group(2)), None),
                ("episode_reward_std", to_number(match.group(3)), None)]
    match = _SB3_LENGTH.fullmatch(line)
    if match is None:
        return []
    return [("Episode_length", to_number(match.group(1)), None),
            ("Episode_length_std", to_number(match.group(2)), None)]


# stable-baselines3's logger: a box of `| section/ |  |` and `|    key | value |` rows between
# two dashed lines, dumped at `time/total_timesteps`; Spinning Up's `EpochLogger` box, at its
# `TotalEnvInteracts`.
# (Or a table of two columns, `Type | Value`, between `+---+---+` edges, as terminaltables'
# AsciiTable draws it: PyTorch-YOLOv3's losses, `| IoU loss    | 0.0811 |`, as IoU_loss.)
_BOX_EDGE = re.compile(r"-{10,}\s*|\+-{3,80}\+-{3,80}\+\s*")
# (and inside a box, tabulate's rules under its header, `grid`'s `+====+====+` and `psql`'s
# `|----+----|`)
_BOX_RULE = re.compile(r"-{10,}\s*|\+(?:-{3,80}\+-{3,80}|={3,80}\+={3,80})\+\s*|\|-{3,80}\+-{3,80}\|\s*")
_BOX_ROW = re.compile(r"\|\s*(\S[^|]*?)\s*\|\s*([^|]*?)\s*\|\s*")


_BOX_STEPS = ("batch", "step", "global_step", "iteration", "iter")
# A box's counts: its step and what else counts the training's progress (`time/iterations`,
# `time/episodes`, imitation's `bc/epoch` and `bc/samples_so_far`), or a setting
# (`batch_size`).
_BOX_COUNTS = frozenset({*_BOX_STEPS, "total_timesteps", "TotalEnvInteracts", "iterations",
                         "episodes", "epoch", "Epoch"})


def _box_count(key: str) -> bool:
    name = key.rsplit("/", 1)[-1]
    return name in _BOX_COUNTS or not is_metric_key(name)


parse_box_edge = _claims(_BOX_EDGE)
"""The dashed line that opens a stable-baselines3 box."""


def box_rows(header: str) -> Callable[[str], list[Found]]:
    """The reader of one box: its rows are held, then given out at the closing line, each at
    the box's ``time/total_timesteps``."""
    section = ""
    held: list[Found] = []
    done = False
    plain = not header.lstrip().startswith("+")  # stable-baselines3's, not terminaltables'
    named = plain  # a terminaltables box names its columns first

    def read(line: str) -> list[Found]:
        nonlocal section, done, named
        if done:
            return []
        row = _BOX_ROW.fullmatch(line)
        if not named:
            if row is None or row.group(2).lower() != "value":
                return []  # not a table of values: another rule's (MACE's error table)
            named = True
            return [CLAIM]
        if row is None:
            if not _BOX_RULE.fullmatch(line):
                return []
            if not held and line.lstrip()[:1] in "+|":
                return [CLAIM]  # the line under the header
            # (tabulate's `grid` draws a line under each row: the rows so far are given out
            # there, and the box goes on)
            done = plain
            # (Spinning Up's `EpochLogger` box counts them as `TotalEnvInteracts`, `%8.3g`:
            # `1e+03`)
            counts = [(k, int(v)) for k, v, _ in held if float(v).is_integer() and 0 <= v < 2**63]
            steps = [v for k, v in counts if k.endswith("total_timesteps") or (
                k == "TotalEnvInteracts")] or [  # else imitation's `|    batch | 500 |` (`bc/`)
                v for k, v in counts if k.rsplit("/", 1)[-1] in _BOX_STEPS]
            step = steps[0] if steps else None
            found = [(key, value, step) for key, value, _ in held if not _box_count(key)]
            held.clear()
            return found or [CLAIM]
        name, text = row.groups()
        if not text:
            section = name if name.endswith("/") else f"{name}/"
            return [CLAIM]
        value = parse_number(text)
        if value is not None and len(held) < 1000 and (plain or names_a_measure(name)):
            # (a terminaltables box of values holds settings as often: its measures only)
            held.append((section + name.replace(" ", "_"), value, None))
        return [CLAIM]

    return read


# metric_table ---------------------------------------------------------------------------------

# A table of two columns, names and their values, as a program prints its results: Markdown's
# `| Metric | Value |` over `|---|---|`, rich's `┃ Metric ┃ Value ┃` (a `rich.table.Table`),
# tabulate's grids `│ metric │ value │` (and `presto`'s, with no outer bars): each row's value
# under its name. A table whose first column is `Name` or `Key` may hold settings as well: its
# measures only.
_TABLE_BAR = r"[|┃│║]"
_METRIC_TABLE_HEADER = re.compile(
    rf"\s{{0,40}}(?:{_TABLE_BAR}\s{{0,40}})?(?i:(metrics?|measures?)|(name|key))\s{{0,40}}"
    rf"{_TABLE_BAR}\s{{0,40}}(?i:values?|scores?|results?)\s{{0,40}}(?:{_TABLE_BAR}\s{{0,40}})?")
_METRIC_TABLE_ROW = re.compile(
    rf"\s{{0,40}}(?:{_TABLE_BAR}\s{{0,40}})?"
    rf"([A-Za-z][\w@.\-/]{{0,60}}(?:\ [A-Za-z@][\w@.\-/]{{0,30}}){{0,4}}"
    rf"(?:\ \([A-Za-z][\w@.\-]{{0,20}}\)|\ \(%\))?)"  # (a qualifier, `F1 (macro)`; `Acc (%)`)
    rf"\s{{0,40}}{_TABLE_BAR}\s{{0,40}}({NUMBER})%?\s{{0,40}}(?:{_TABLE_BAR}\s{{0,40}})?")
# (the lines between: dashes, `=`, `+`, and the box-drawing characters)
_TABLE_RULE = re.compile(r"[\s|+\-=:\u2500-\u257f]{3,400}")


def parse_metric_table_header(line: str) -> list[Found]:
    """`| Metric | Value |`: the header of a table of results."""
    return [CLAIM] if _METRIC_TABLE_HEADER.fullmatch(line) else []


def metric_table_rows(header: str) -> Callable[[str], list[Found]]:
    """The rows of a two-column table of results: rules claimed, each row's value under its
    name (a `Name` or `Key` table's measures only); the first other line ends it."""
    match = _METRIC_TABLE_HEADER.fullmatch(header)
    measures_only = match is not None and match.group(2) is not None
    read = [0]

    def row(line: str) -> list[Found]:
        read[0] += 1
        if read[0] > 10_000:
            return []
        if _TABLE_RULE.fullmatch(line):
            return [CLAIM]
        cells = _METRIC_TABLE_ROW.fullmatch(line)
        if cells is None:
            return []
        key = cells.group(1).removesuffix(" (%)").replace(" ", "_")
        if not is_metric_key(key) or (measures_only and not names_a_measure(key)):
            return [CLAIM]
        return [(key, to_number(cells.group(2)), None)]

    return row


# lr_scheduler ---------------------------------------------------------------------------------

# PyTorch's schedulers, verbose (torch/optim/lr_scheduler.py): `Adjusting learning rate of group
# 0 to 1.0000e-03.`, `Epoch 00003: adjusting learning rate of group 0 to 1.0000e-03.`, and
# ReduceLROnPlateau's `Epoch 00002: reducing learning rate of group 0 to 1.0000e-04.`
_LR_GROUP = re.compile(
    rf"\s*(?:Epoch\ +(\d{{1,18}}(?:\.\d{{1,6}})?):\ )?(?:[Aa]djusting|reducing)\ learning\ rate"
    rf"\ of\ group\ (\d{{1,6}})\ to\ ({NUMBER})\.?\s*", re.ASCII)


def parse_lr_scheduler(line: str) -> list[Found]:
    """A scheduler's new learning rate, `lr` (a second parameter group's `lr/group_1`), at the
    epoch the line names (the scheduler's count of its calls, an epoch's as schedulers are
    mostly stepped; a whole one), else at the current step."""
    match = _LR_GROUP.fullmatch(message(line))
    if match is None:
        return []
    epoch, group, value = match.groups()
    step = int(epoch) if epoch is not None and epoch.isdigit() else None
    return [("lr" if group == "0" else f"lr/group_{group}", to_number(value), step)]


# xgboost, lightgbm ----------------------------------------------------------------------------

# `[3]` at the start of the line, or after a logger's prefix (`INFO:root:[3]`).
_ROUND = re.compile(r"(?:^|.*?[\s:])\[(\d{1,18})\]\t")
_XGB_ITEM = re.compile(rf"([^\s:]+):({NUMBER})(?:\+({NUMBER}))?(?:\t|\s*$)", re.ASCII)
_LGB_ITEM = re.compile(rf"(\S+)'s (\S+): ({NUMBER})(?: \+ ({NUMBER}))?(?:\t|\s*$)", re.ASCII)


def parse_xgboost(line: str) -> list[Found]:
    """``[3]\\ttrain-rmse:0.51\\teval-rmse:0.61`` at step 3; ``xgb.cv``'s ``0.51+0.02`` adds
    ``train-rmse-std``."""
    start = _ROUND.match(line)
    if start is None:
        return []
    step = int(start.group(1))
    found: list[Found] = []
    for key, value, std in _XGB_ITEM.findall(line, start.end()):
        found.append((key, to_number(value), step))
        if std:
            found.append((f"{key}-std", to_number(std), step))
    return found


def parse_lightgbm(line: str) -> list[Found]:
    """``[10]\\tvalid_0's l2: 0.3`` as ``valid_0-l2`` at step 10; ``lgb.cv``'s ``+ 0.01`` adds
    ``cv_agg-l2-stdv``."""
    start = _ROUND.match(line)
    if start is None:
        return []
    step = int(start.group(1))
    found: list[Found] = []
    for data, metric, value, std in _LGB_ITEM.findall(line, start.end()):
        found.append((f"{data}-{metric}", to_number(value), step))
        if std:
            found.append((f"{data}-{metric}-stdv", to_number(std), step))
    return found


# CatBoost's verbose fit (and its command line tool, and each fold of `cv()`): `0:\tlearn:
# 0.6510516\ttest: 0.6641784\tbest: 0.6641784 (0)\ttotal: 152ms\tremaining: 5.91s`, its eval
# metric on the learn set and on each eval set (`test`, `test1`) at the iteration (from 0);
# `best`, the best so far, is no point, nor are its timings; after the fit `bestTest = 0.55`,
# the best again.
_CATBOOST = re.compile(r"(\d{1,18}):\t((?:[A-Za-z]\w{0,30}: [^\t]{1,60}\t){1,40})total: ")
_CATBOOST_ITEM = re.compile(rf"(learn|test\d{{0,3}}): ({NUMBER})\t")
_CATBOOST_BEST = re.compile(rf"bestTest = {NUMBER}\s*$")


def parse_catboost(line: str) -> list[Found]:
    """CatBoost's `0:\tlearn: 0.65\ttest: 0.66\tbest: 0.66 (0)\ttotal: 1ms\tremaining: 5ms`
    gives learn and test at step 0; `bestTest = 0.55` nothing."""
    match = _CATBOOST.match(line)
    if match is None:
        return [CLAIM] if _CATBOOST_BEST.match(line) else []
    step = int(match.group(1))
    return [(name, to_number(value), step)
            for name, value in _CATBOOST_ITEM.findall(match.group(2))] or [CLAIM]


# LightGBM's command line tool (src/boosting/gbdt.cpp `OutputMetric`): `[LightGBM] [Info]
# Iteration:3, training l2 : 0.0923` and `... Iteration:3, valid_1 l2 : 0.1021`, named as the
# Python package's log is read, `training-l2`, at the iteration (from 1).
_LGB_CLI = re.compile(
    rf"\[LightGBM\] \[Info\] Iteration:(\d{{1,18}}), ([\w.\-]{{1,60}}) ([\w@.\-]{{1,60}}) : ({NUMBER})\s*")


def parse_lightgbm_cli(line: str) -> list[Found]:
    """``[LightGBM] [Info] Iteration:3, training l2 : 0.0923`` as ``training-l2`` at step 3."""
    match = _LGB_CLI.fullmatch(line)
    if match is None:
        return []
    iteration, data, metric, value = match.groups()
    return [(f"{data}-{metric}", to_number(value), int(iteration))]


# darknet ----------------------------------------------------------------------------------------

# darknet's training loop (src/detector.c `train_detector`, and AlexeyAB's fork that YOLOv4 is
# trained with): `1: 4.756754, 4.756754 avg loss, 0.001000 rate, 0.250000 seconds, 64 images,
# 1.234 hours left` (the original prints `avg`, not `avg loss`): the batch's loss, its running
# average (avg_loss either way) and the learning rate at the iteration; the seconds, images
# and hours are counts.
_DARKNET = re.compile(
    rf"\s{{0,12}}(\d{{1,18}}):\s{{1,4}}({NUMBER}),\s{{1,4}}({NUMBER})\s(avg(?:\sloss)?),"
    rf"\s{{1,4}}({NUMBER})\srate,\s{{1,4}}(?:{NUMBER})\sseconds,\s{{1,4}}\d{{1,18}}\simages"
    r"(?:,\s{1,4}[\d.]{1,20}\shours\sleft)?\s*", re.ASCII)


def parse_darknet(line: str) -> list[Found]:
    """``1: 4.75, 4.75 avg loss, 0.001 rate, 0.25 seconds, 64 images``: loss, avg_loss and
    rate at iteration 1."""
    match = _DARKNET.fullmatch(line)
    if match is None:
        return []
    iteration, loss, average, _, rate = match.groups()
    step = int(iteration)
    return [("loss", to_number(loss), step), ("avg_loss", to_number(average), step),
            ("rate", to_number(rate), step)]


# metric_logger --------------------------------------------------------------------------------

# torchvision's references/classification/utils.py `MetricLogger.log_every` (copied by DETR,
# DeiT, MAE, DINO, ...): the header, `[ i/len]`, `eta: 0:00:10`, then the meters as `name:
# median (global_avg)` or `name: value`, then the logger's own `time:`, `data:` and `max
# mem:`, joined by its delimiter (two spaces in the scripts, a tab by default).
_LOGGER = re.compile(
    r"(.*?)(?:\t|  )\[ *(\d{1,18})/(\d{1,18})\](?:\t|  )"
    r"eta: (?:\d+ days?, )?\d+:\d\d:\d\d(?=\t|  |$)"
)
_LOGGER_EPOCH = re.compile(r"\s*Epoch: \[(\d{1,9})(?:/\d{1,9})?\]\s*$")
_LOGGER_ITEM = re.compile(rf"([^:\s][^:]*): ({NUMBER})(?: \(({NUMBER})\))?", re.ASCII)
_LOGGER_TOTAL = re.compile(r"\s*Epoch: \[\d{1,9}(?:/\d{1,9})?\] Total time: ")
_LOGGER_OWN = frozenset({"time", "data", "max mem"})
_AVERAGED_ITEM = re.compile(rf"([A-Za-z][\w@/.\-]{{0,40}}): ({NUMBER})(?: \({NUMBER}\))?", re.ASCII)
_LOGGER_SPLIT = re.compile(r"\t| {2,}")
# evaluate()'s summary: `Test:  Acc@1 76.130 Acc@5 92.862` (older scripts and DeiT: ` * Acc@1
# 76.130 Acc@5 92.862 loss 0.962`, printed by the evaluate() whose logger's header is `Test:`,
# so its keys are Test_Acc@1, Test_Acc@5 and Test_loss as under that header; SupContrast's
# ` * Acc@1 14.062` alone; the older imagenet example's ` * Prec@1 72.345 Prec@5 91.234`).
_ACC_SUMMARY = re.compile(
    rf"\s*(?:\*\s+|([A-Za-z][\w ]*):\s+)?(Acc@1|Prec@1) ({NUMBER})(?: (Acc@5|Prec@5) ({NUMBER}))?"
    rf"(?: (loss) ({NUMBER}))?\s*$",
    re.ASCII,
)
_WORD = re.compile(r"[A-Za-z][\w@/.\-]*", re.ASCII)


def parse_metric_logger(line: str) -> list[Found]:
    """A line of torchvision's MetricLogger: `Epoch: [2]  [ 10/50]  eta: 0:00:10  lr: 0.1  loss:
    2.30 (2.31)  acc1: 9.4 (9.8)  time: 0.2  data: 0.1` gives each meter's first number (its
    median; the bracket is the running average) at the global step 2 * 50 + 10, which stays
    the step of the lines after it; another header (`Test:`) qualifies the keys (`Test_loss`)
    and gives no step. The evaluation summary `Test:  Acc@1 70.0 Acc@5 90.0` gives Test_Acc@1
    and Test_Acc@5, and so does the older ` * Acc@1 70.0 Acc@5 90.0 loss 1.2` (and
    Test_loss); the logger's `Epoch: [2] Total time: 0:00:10` is its own."""
    line = message(line)  # (after a log prefix: MAE's and DeiT's time, `[14:09:42.144087] `)
    match = _LOGGER.match(line)
    if match is None:
        if _LOGGER_TOTAL.match(line):
            return [CLAIM]
        if line.startswith("Averaged stats: "):
            # the epoch's meters, DeiT's and MAE's `Averaged stats: lr: 0.00003  loss: 2.33 (2.39)`
            return _averaged_stats(line, "")
        summary = _ACC_SUMMARY.match(line)
        if summary is None:
            return []
        # The ` * ` form is printed by the same evaluate() whose logger's header is `Test:`.
        label = "Test" if line.lstrip().startswith("*") else summary.group(1) or ""
        prefix = "_".join(_WORD.findall(label))
        prefix = f"{prefix}_" if prefix else ""
        names_values = summary.groups()[1:]
        return [(prefix + names_values[i], to_number(names_values[i + 1]), None)
                for i in range(0, len(names_values), 2) if names_values[i]]
    header, counter, total = match.groups()
    epoch = _LOGGER_EPOCH.match(header)
    prefix = ""
    found: list[Found] = []
    if epoch is not None:
        found = [("position", int(counter), int(total)), ("epoch", int(epoch.group(1)), None)]
    else:
        prefix = "_".join(_WORD.findall(header))
        prefix = f"{prefix}_" if prefix else ""
    for item in _LOGGER_SPLIT.split(line[match.end() :]):
        meter = _LOGGER_ITEM.fullmatch(item)
        if meter is not None and meter.group(1) not in _LOGGER_OWN:
            found.append((prefix + meter.group(1), to_number(meter.group(2)), None))
    return found or [CLAIM]


def _averaged_stats(line: str, prefix: str) -> list[Found]:
    return [(f"{prefix}Averaged_stats/{name}", to_number(value), None)
            for name, value in _AVERAGED_ITEM.findall(line, 16)
            if name not in _LOGGER_OWN and name not in STEP_NAMES] or [CLAIM]


# An evaluation's logger ends with its own header's total, `Test:  Total time: 0:00:01`, and
# DETR (and Deformable-DETR, Conditional-DETR, DAB-DETR, DN-DETR: engine.py `evaluate`) then
# prints its meters' `Averaged stats:` as the training does: the evaluation's are under its
# header, `Test_Averaged_stats/loss`.
_LOGGER_OTHER_TOTAL = re.compile(r"\s*([A-Za-z][\w ]{0,30}):\s+Total time: \d")


def parse_logger_total(line: str) -> list[Found]:
    """An evaluation logger's total line, `Test:  Total time: 0:00:00` (not an epoch's)."""
    match = _LOGGER_OTHER_TOTAL.match(message(line))
    return [CLAIM] if match is not None and match.group(1) != "Epoch" else []


def logger_total_rows(header: str) -> Callable[[str], list[Found]]:
    """The `Averaged stats:` right after an evaluation's total, under its header's name."""
    match = _LOGGER_OTHER_TOTAL.match(message(header))
    prefix = "_".join(_WORD.findall(match.group(1))) + "_" if match is not None else ""

    def read(line: str) -> list[Found]:
        text = message(line)
        return _averaged_stats(text, prefix) if text.startswith("Averaged stats: ") else []

    return read


# ignite ---------------------------------------------------------------------------------------

# PyTorch Ignite's examples (examples/mnist/mnist_with_tensorboard.py and its siblings):
# `Epoch[1] Iteration[10/469] Loss: 0.23`, the counter being the trainer's global
# `engine.state.iteration`, and after each epoch `Training Results - Epoch: 1  Avg accuracy:
# 0.91 Avg loss: 0.28` and `Validation Results - ...`: the words before `Results` say which
# evaluation, so they qualify its keys (`Training_Results/Avg_loss`) as a section label does.
# Older examples count the iteration within its epoch, `Epoch[2] Iteration[5/20]` (an
# iteration after the first epoch at most the epoch's total): the global iteration is 25. The
# epoch may be in brackets there too, `Validation Results - Epoch[2] Avg accuracy: 0.75`.
_IGNITE_ITERATION = re.compile(r"\s*Epoch\[(\d{1,9})\] Iteration\[(\d{1,18})/(\d{1,18})\]\s+")
_IGNITE_RESULTS = re.compile(
    r"\s*([A-Za-z]\w{0,40}(?: [A-Za-z]\w{0,40}){0,3}) Results - Epoch(?:: |\[)(\d{1,9})\]?\s+"
)


def parse_ignite(line: str) -> list[Found]:
    """Ignite's example lines: `Epoch[1] Iteration[10/469] Loss: 0.23` at the global iteration
    10; `Validation Results - Epoch: 2  Avg accuracy: 0.9 Avg loss: 0.3` as
    Validation_Results/Avg_accuracy and Validation_Results/Avg_loss at the epoch, 2, the step
    the examples give their TensorBoard writer."""
    line = message(line)  # (behind a logger's prefix: `... trainer INFO: Validation Results`)
    match = _IGNITE_ITERATION.match(line)
    if match is not None:
        epoch, iteration, total = (int(count) for count in match.groups())
        prefix, step = "", iteration
        if epoch > 1 and iteration <= total:
            step = (epoch - 1) * total + iteration  # (counted within the epoch)
    else:
        match = _IGNITE_RESULTS.match(line)
        if match is None:
            return []
        prefix, step = match.group(1).replace(" ", "_") + "_Results/", int(match.group(2))
    return [(prefix + key, value, step) for key, value, _ in parse_key_value(line[match.end():])]


# mmengine -------------------------------------------------------------------------------------

# MMEngine's LogProcessor (mmengine/runner/log_processor.py), after its logger's `12/01 21:01:08
# - mmengine - INFO - ` prefix: `Epoch(train) [1][ 5/25]  lr: 1.0000e-01  eta: 0:00:00  time:
# 0.0051  data_time: 0.0031  loss: 2.2991`, `Epoch(val) [1][4/4]    accuracy: 57.8125  ...`,
# by iterations `Iter(train) [  50/1000]  ...`; the items are joined by two spaces.
_MMENGINE = re.compile(
    r"(?:^|\s)(Epoch|Iter)\((\w+)\) *(?:\[(\d{1,9})\])?\[ *(\d{1,18})/(\d{1,18})\]"
)


_MMENGINE_PAIR = re.compile(rf"(?:^|(?<=\s))([A-Za-z][\w./\-]{{0,40}}):\ ({NUMBER})(?=\s|$)",
                            re.ASCII)


def parse_mmengine(line: str) -> list[Found]:
    """MMEngine's log line: every item but `eta`, at the step MMEngine's own visualizer
    records: for training the global iteration (`Epoch(train) [2][ 5/25]`: 25 + 5;
    `Iter(train) [ 50/1000]`: 50); for validation by epochs the epoch (`Epoch(val)
    [2][4/4]`: 2); else the iteration it came after. An evaluation's progress lines (with
    their `eta`) give none."""
    match = _MMENGINE.search(line)
    if match is None:
        return []
    unit, mode, epoch, counter, total = match.groups()
    rest = line[match.end() :]
    if mode != "train" and " eta: " in rest:
        return [CLAIM]  # an evaluation's progress: its timings, which MMEngine records not
    found: list[Found] = []
    step: int | None = None
    if mode == "train":
        # (the run's step: an evaluation by iterations, `Iter(val) [100/100]  mIoU: ...`, is
        # at the iteration it came after)
        found.append(("step", int(counter) + ((int(epoch) - 1) * int(total) if epoch else 0),
                      None))
    elif unit == "Epoch" and epoch:
        step = int(epoch)
    for item in _LOGGER_SPLIT.split(rest):
        pair = _LOGGER_ITEM.fullmatch(item.strip())  # `name: value`, as the MetricLogger's
        pairs = ([(pair.group(1), pair.group(2))] if pair is not None
                 else _MMENGINE_PAIR.findall(item))
        # (the learning rates are joined by one space: `base_lr: 2.0000e-02 lr: 2.0000e-02`)
        found += [(name, to_number(value), step) for name, value in pairs if name != "eta"]
    return found or [CLAIM]


# timm -----------------------------------------------------------------------------------------

# pytorch-image-models' train.py: `Train: 2 [  10/25 ( 44%)]  Loss: 2.31 (2.35)  Time: 0.102s,
# 233.93/s  (0.221s,  582.23/s)  LR: 1.000e-03  Data: 0.350 (0.180)`, each meter's current value
# then its average in brackets; validate()'s `Test: [   3/10]  Time: 0.392 (0.392)  Loss: 6.906
# (6.906)  Acc@1: 0.000 (0.000)  Acc@5: 0.391 (0.391)` (`Test (EMA)` for the EMA model). Time
# and Data are the logger's own timings, as torchvision's `time` and `data`.
_TIMM_TRAIN = re.compile(r"\s*Train: (\d{1,9}) \[ *(\d{1,18})/(\d{1,18}) \( *\d{1,3}%\)\] ")
_TIMM_TEST = re.compile(r"\s*(Test(?: \(\w{1,20}\))?): \[ *\d{1,18}/\d{1,18}\] ")
_TIMM_ITEM = re.compile(
    rf"(?:^| )([A-Za-z][\w@]{{0,30}}(?: [A-Za-z][\w@]{{0,30}}){{0,3}}): +({NUMBER})(?= |$)",
    re.ASCII,
)
# The meters' own timings, in timm's and in pytorch/examples' loggers.
_TIMINGS = frozenset({"Time", "Data", "Bt", "Dt"})  # (SupContrast's `BT`, `DT`: batch and data time)


def parse_timm(line: str) -> list[Found]:
    """timm's train.py: `Train: 2 [ 10/25 ( 44%)]  Loss: 2.31 (2.35)  ...  LR: 1.000e-03` gives
    Loss and LR (the current values, not the bracketed averages) at the global step 2 * 25 +
    10, the step of the lines after it; `Test: [ 3/10]  ...  Loss: 6.906 (6.906)  Acc@1: ...`
    gives Test_Loss, Test_Acc@1 and Test_Acc@5."""
    train = _TIMM_TRAIN.match(line)
    if train is not None:
        epoch, position, length = (int(group) for group in train.groups())
        found: list[Found] = [("position", position, length), ("epoch", epoch, None)]
        prefix = ""
        rest = line[train.end() :]
    else:
        test = _TIMM_TEST.match(line)
        if test is None:
            return []
        found = []
        prefix = "_".join(_WORD.findall(test.group(1))) + "_"
        rest = line[test.end() :]
    for name, value in _TIMM_ITEM.findall(rest):
        if name not in _TIMINGS:
            found.append((prefix + name.replace(" ", "_"), to_number(value), None))
    return found or [CLAIM]


# sentence_transformers ------------------------------------------------------------------------

# sentence-transformers' evaluators log what they computed (through `logging`, as its training
# examples set it up, `%(asctime)s - %(message)s`), each block after a heading that names the
# dataset and where the training is (sentence_transformers/evaluation/*.py):
#     `EmbeddingSimilarityEvaluator: Evaluating the model on the sts-dev dataset in epoch 0.5
#     after 2 steps:`, then `Cosine-Similarity:\tPearson: -0.6670\tSpearman: -0.7307`
#     `Information Retrieval Evaluation of the model on the ir dataset ...:`, then `Queries: 8`,
#     `Corpus: 8`, `Score-Function: cosine`, `Accuracy@1: 100.00%`, ..., `MAP@100: 1.0000`
#     `Binary Accuracy Evaluation of the model on the bc dataset ...:`, then `Accuracy with
#     Cosine-Similarity:   62.50\t(Threshold: 0.9211)`, ..., `Matthews Correlation with ...: 37.80`
# Each value under the name the evaluator returns it by (`sts-dev_pearson_cosine`,
# `ir_cosine_accuracy@1`, `bc_cosine_accuracy`, `bc_cosine_accuracy_threshold`), a percentage
# as the fraction it returns, at the steps the heading names (else the line's). Inside a
# Trainer's fit these are its hook's (as `eval_sts-dev_pearson_cosine`): not read twice.
_ST_HEADING = re.compile(
    r"(?:\w{1,60}: )?(?:Evaluating|[A-Z][\w ]{0,60} Evaluation of) the model on the ?"
    r"(\S{0,100}) dataset(?: in epoch [\d.]{1,20} after (\d{1,18}) steps| after epoch [\d.]{1,20})?:")
_ST_SIMILARITY = re.compile(
    rf"([A-Z][A-Za-z\-]{{0,30}}):\tPearson: ({NUMBER})\tSpearman: ({NUMBER})\s*")
_ST_AT_K = re.compile(rf"(Accuracy|Precision|Recall|MRR|NDCG|MAP)@(\d{{1,5}}): ({NUMBER})(%?)\s*")
_ST_BINARY = re.compile(
    r"(Accuracy|F1|Precision|Recall|Average Precision|Matthews Correlation) with "
    rf"([A-Z][A-Za-z\-]{{0,30}}): +({NUMBER})(?:\t\(Threshold: ({NUMBER})\))?\s*")
_ST_OTHER = re.compile(r"(?:Queries|Corpus): \d{1,18}\s*|Score-Function: (\w{1,40})\s*|\s*")
_ST_SCORES = {"Cosine-Similarity": "cosine", "Manhattan-Distance": "manhattan",
              "Euclidean-Distance": "euclidean", "Dot-Product": "dot",
              "Dot-Product-Similarity": "dot"}
_ST_BINARY_NAMES = {"Accuracy": "accuracy", "F1": "f1", "Precision": "precision",
                    "Recall": "recall", "Average Precision": "ap", "Matthews Correlation": "mcc"}


def _fraction(percent: str) -> float:
    """A percentage as printed, as the fraction it stands for (`72.73` is 0.7273, not
    0.7273000000000001)."""
    return float(f"{percent}e-2")


def parse_st_heading(line: str) -> list[Found]:
    """A sentence-transformers evaluator's heading: its block follows."""
    return [CLAIM] if _ST_HEADING.fullmatch(message(line).rstrip()) else []


def parse_st_similarity(line: str) -> list[Found]:
    """An evaluator's similarity line apart from its heading (another stream's line between
    them), with no dataset's name: `pearson_cosine`."""
    return st_rows("")(line)


def st_rows(header: str) -> Callable[[str], list[Found]]:
    """The lines of an evaluator's block, each value under the name the evaluator gives it."""
    heading = _ST_HEADING.fullmatch(message(header).rstrip())
    name = heading.group(1) + "_" if heading is not None and heading.group(1) else ""
    step = int(heading.group(2)) if heading is not None and heading.group(2) else None
    score = ["cosine"]

    def read(line: str) -> list[Found]:
        text = message(line)
        match = _ST_SIMILARITY.fullmatch(text)
        if match is not None:
            kind = _ST_SCORES.get(match.group(1), match.group(1).lower())
            return [(f"{name}pearson_{kind}", to_number(match.group(2)), step),
                    (f"{name}spearman_{kind}", to_number(match.group(3)), step)]
        match = _ST_AT_K.fullmatch(text)
        if match is not None:
            measure, k, value, percent = match.groups()
            number = _fraction(value) if percent else to_number(value)
            return [(f"{name}{score[0]}_{measure.lower()}@{k}", number, step)]
        match = _ST_BINARY.fullmatch(text)
        if match is not None:
            measure, similarity, value, threshold = match.groups()
            key = f"{name}{_ST_SCORES.get(similarity, similarity.lower())}_" + (
                _ST_BINARY_NAMES[measure])
            found: list[Found] = [(key, _fraction(value), step)]
            if threshold is not None:
                found.append((key + "_threshold", to_number(threshold), step))
            return found
        match = _ST_OTHER.fullmatch(text)
        if match is None:
            return []
        if match.group(1):
            score[0] = match.group(1)
        return [CLAIM]

    return read


# optuna ---------------------------------------------------------------------------------------

# Optuna's log line for a finished trial (optuna/study/study.py `_log_completed_trial`): `[I
# 2026-12-01 10:00:00,123] Trial 3 finished with value: 0.12 and parameters: {'lr': 0.01}. Best
# is trial 1 with value: 0.1.` The objective's value at the trial's number; the parameters are
# not metrics, and the best value is an earlier trial's. A study of several objectives prints
# `values: [0.12, 0.9]` (recorded as `value_0`, `value_1`, the names optuna's MLflow callback
# gives them), and one whose metrics are named (`set_metric_names`) a dict, `value: {'acc':
# 0.9}` or `values: {'acc': 0.9, 'loss': 0.1}`: the names.
# A failed trial, `[W ...] Trial 5 failed with parameters: {'x': 2.9} because of the following
# error: ValueError(...)`, then `Trial 5 failed with value None.`, gives nothing (its settings,
# an error's text) but ends its trial too.
_OPTUNA = re.compile(rf"(?:^|[\s\]])Trial (\d{{1,18}}) (?:finished|failed) with (?:value: ({NUMBER}) "
                     r"|values?: (\[[^\]]{0,4000}\]|\{[^}]{0,4000}\}) )?")
_OPTUNA_NAMED = re.compile(rf"'([^']{{1,200}})': ({NUMBER})")
_OPTUNA_VALUE = re.compile(NUMBER)


def parse_optuna(line: str) -> list[Found]:
    """Optuna's `Trial 3 finished with value: 0.12 and parameters: {...}` as value 0.12 at step
    3; nothing else of the line. It ends its trial: what the program prints after it is the
    next trial's (its objective's own `val_f1: 0.83`), at step 4 (`ends_step`)."""
    match = _OPTUNA.search(line)
    if match is None:
        return []
    trial: Found = ("trial", int(match.group(1)), int(match.group(1)))
    if match.group(2) is not None:
        return [trial, ("value", to_number(match.group(2)), None)]
    values = match.group(3)
    if values is None:
        return [trial]
    found: list[Found]
    if values[0] == "{":
        found = [(name, to_number(text), None) for name, text in _OPTUNA_NAMED.findall(values)]
    else:
        found = [(f"value_{i}", to_number(text), None)
                 for i, text in enumerate(_OPTUNA_VALUE.findall(values))]
    return [trial, *found]


# The best trial as optuna's examples print it after the study (`print("Best trial:")`, then
# `  Value: 0.733`, `  Params: `, `    x: 2.05`; `  Number: 1`, `  User attrs:`): a trial's value
# printed again, as `Best is trial 1 with value: ...` says it, and its settings; the lines
# indented under the heading, none a metric.
_BEST_TRIAL = re.compile(r"\s{0,8}Best trial:\s*")


def parse_best_trial(line: str) -> list[Found]:
    """The heading `Best trial:` alone on its line (see above)."""
    return [CLAIM] if _BEST_TRIAL.fullmatch(line) else []


def best_trial_rows(header: str) -> Callable[[str], list[Found]]:
    """The lines indented under `Best trial:`: claimed, no metric."""
    indent = len(header) - len(header.lstrip())
    return lambda line: [CLAIM] if line.strip() and (
        len(line) - len(line.lstrip()) > indent) else []


# sklearn_cv -----------------------------------------------------------------------------------

# A search's fit line at verbose >= 2 (sklearn/model_selection/_validation.py `_fit_and_score`):
# `[CV 1/3] END .....C=1, gamma=0.1;, score=0.860 total time=   0.0s`. Before the `;` are the
# candidate's parameters, settings and not metrics; the scores after it are read as any line's.
# With train scores or several scorers each is a group, `score=(train=0.9, test=0.86)` or
# `accuracy: (train=0.9, test=0.86) f1: (test=0.8)`: score/train, accuracy/test, as a nested
# dict's keys are joined.
# (Without parameters, `cross_validate`'s and `learning_curve`'s, the message is padded with
# dots, `[CV] END ..........., score=(train=0.940, test=0.860) total time=   0.3s`, or not
# when its scores fill the line: `[CV] END  accuracy: (train=0.940, test=0.860) f1: (...)`.)
_CV_END = re.compile(r"\s*\[CV[ \d/;]{0,32}\] END (?:[^;]*;|\.*(?=[,\s]))")
_CV_GROUP = re.compile(r"([\w.\-]{1,80})(?:=|: )\(([^()]{0,400})\)", re.ASCII)


def parse_sklearn_cv(line: str) -> list[Found]:
    """The scores of scikit-learn's `[CV 1/3] END C=1, gamma=0.1;, score=0.860 total time=
    0.0s` (score), never the candidate's parameters before the `;`; `[CV] END ....,
    score=(train=0.940, test=0.860) ...` (score/train, score/test)."""
    match = _CV_END.match(line)
    if match is None:
        return []
    rest = line[match.end():]
    groups = [(f"{name}/{key}", value, step) for name, inner in _CV_GROUP.findall(rest)
              for key, value, step in parse_key_value(inner)]
    return groups or parse_key_value(rest) or [CLAIM]


# repr -----------------------------------------------------------------------------------------

# An object's settings printed over several lines: a scikit-learn estimator's repr (`print(clf)`,
# FLAML's `retrained model: LGBMClassifier(colsample_bytree=0.65,`), then indented `name=value,`
# lines until its parenthesis closes (its head: `OBJECT_REPR`). Settings, not metrics.
_OPENERS = str.maketrans("([{)]}", "((()))")


def _depth(text: str) -> int:
    """The brackets a line leaves open (any kind: `layers=[`, `Conv2d(`)."""
    brackets = text.translate(_OPENERS)
    return brackets.count("(") - brackets.count(")")


def parse_repr_head(line: str) -> list[Found]:
    """The first line of a repr left open at a comma: claimed, nothing found."""
    if not line.rstrip().endswith(","):
        return []
    head = OBJECT_REPR.search(line)
    return [CLAIM] if head is not None and _depth(line[head.start():]) > 0 else []


def repr_rows(header: str) -> Callable[[str], list[Found]]:
    """The repr's following lines, claimed until its parentheses close: indented lines of
    `name=value` items (or its closing parenthesis), 200 at most; any other line ends it."""
    head = OBJECT_REPR.search(header)
    depth = [_depth(header[head.start():]) if head is not None else 0, 0]

    def row(line: str) -> list[Found]:
        depth[1] += 1
        if depth[0] <= 0 or depth[1] > 200 or not line[:1].isspace() or (
                "=" not in line and not line.strip().startswith(")")):
            return []
        depth[0] += _depth(line)
        return [CLAIM]

    return row


# A module's repr that opens alone on its line (`nnx.display(model)` in Flax's NNX, Equinox's
# `print(model)`): `CNN(`, then indented fields (`conv1=Conv(`, `layers=[`, `Conv2d(`,
# `in_channels=1,`) until its brackets close. Its numbers are the model's settings. So are a
# PyTorch optimizer's, `print(optimizer)`: `Adam (`, `Parameter Group 0`, `    lr: 0.001`, `)`.
# (Flax NNX's, `print(model)`, counts its parameters in a comment: `CNN( # Param: 50,618 (202.5
# KB)`, then `  conv1=Conv( # Param: 80 (320 B)`, `    in_features=1,` ...)
_OPEN_REPR = re.compile(r"[A-Z]\w{0,80}\ ?\((?:\ \#\ [^()]{0,80}(?:\([^()]{0,40}\))?)?\s*",
                        re.ASCII)
_PARAMETER_GROUP = re.compile(r"Parameter Group \d{1,9}\s*")


# A settings class's repr opened at the end of a message, its fields one a line and not
# indented: the Hugging Face examples' `logger.info(f"Training/evaluation parameters
# {training_args}")`, `TrainingArguments(` then `adam_beta1=0.9,` ... `)`.
_OPEN_SETTINGS_REPR = re.compile(
    r".{0,200}?(?<![\w.])[A-Z]\w{0,60}(?:Arguments|Args|Config|Configuration|Params|Parameters"
    r"|Settings)\(\s*", re.ASCII)
_FIELD_LINE = re.compile(r"[A-Za-z_]\w{0,80}=")


def open_repr(line: str) -> Callable[[str], list[Found]] | None:
    """The rows of a repr whose first line is only its class and `(` (or ends in a settings
    class's), else None: each later line claimed while the brackets stay open, if indented or
    closing (or a settings class's `field=value,`; 10,000 at most)."""
    # (a settings class's alone on its line too: `print(training_args)`'s `TrainingArguments(`)
    fields = _OPEN_SETTINGS_REPR.fullmatch(line) is not None
    if not fields and _OPEN_REPR.fullmatch(line) is None:
        return None
    state = [1, 0]  # brackets open, lines read

    def row(text: str) -> list[Found]:
        state[1] += 1
        stripped = text.lstrip()
        if state[0] <= 0 or state[1] > 10_000 or not (
                text[:1].isspace() or stripped[:1] in (")", "]", "}")
                or _PARAMETER_GROUP.fullmatch(text)
                or fields and _FIELD_LINE.match(text)):
            return []
        state[0] += _depth(text)
        return [CLAIM]

    return row


# A heading of settings alone on its line, `  Params: ` (optuna's examples print the best
# trial's so), `Best hyperparameters:`, `Config:`: the lines indented under it are settings.
_SETTINGS_HEADING = re.compile(
    r"(\s{0,40})(?:best[ _])?(?:params|parameters|hyper-?parameters|hparams|config"
    r"|configuration|settings|arguments|args|options)\s{0,8}:\s{0,8}", re.ASCII | re.IGNORECASE)


# A YAML document's section, as Hydra's `print(OmegaConf.to_yaml(cfg))` writes one: a
# lower-case key alone on its line, not indented, its settings indented under it (`model:`,
# `  lr: 0.001`). Not a phase's, a measure's or a counter's (`val:`, `accuracy:`, `epoch:`),
# nor a results' (`metrics:`): those head what was measured.
_YAML_SECTION = re.compile(r"([a-z_][a-z0-9_\-]{0,40}):\s{0,8}", re.ASCII)
_YAML_ENTRY = re.compile(r"([a-z_][\w\-]{0,40}):\ ", re.ASCII)
_RESULTS_WORDS = frozenset({"results", "result", "metrics", "scores", "stats", "statistics",
                            "performance", "summary", "final", "report", "best", "history"})


def _yaml_section(line: str) -> bool:
    """Whether the line is a YAML section of settings (`model:`; a phase's, `train:`, is
    judged by its first entry: `yaml_settings`)."""
    match = _YAML_SECTION.fullmatch(line)
    if match is None:
        return False
    name = match.group(1)
    return not (phased(name) or names_a_measure(name) or name in STEP_NAMES
                or set(name.split("_")) & _RESULTS_WORDS)


# A configuration logged as YAML after its label, its first entry on the label's line (Flax's
# examples: `logging.info('Starting training with config: %s', config)`, `... config: batch_size:
# 128`, then `learning_rate: 0.003` and the rest, flush left): every entry a setting.
_INLINE_SETTINGS = re.compile(r".{0,200}?(?i:config)\ {0,4}:\ {1,4}([a-z_][\w\-]{0,40}):\ +\S",
                              re.ASCII)


def _a_setting(name: str) -> bool:
    """Whether a YAML entry's name may be a configuration's (`learning_rate`, `batch_size`),
    not a result's (`loss`, `val`, `epoch`)."""
    lower = name.lower()
    return lower in HYPERPARAMETERS or not (names_a_measure(name) or phased(name)
                                            or lower in STEP_NAMES)


def yaml_settings(heading: str, line: str, config: bool = False
                  ) -> Callable[[str], list[Found]] | None:
    """The YAML section a phase names (`train:`, as `yaml.dump(config)` writes one), when its
    first entry, `line`, is a setting's (`  lr: 0.01`, `  epochs: 5`, `  auto_resume: False`;
    not `  loss: 0.5`, a phase's results), or any but a measure's where the section comes
    right after a configuration's (`config`): the section's lines as `open_settings` claims
    them, this one first."""
    stripped = line.lstrip()
    entry = _YAML_ENTRY.match(stripped)
    if _YAML_SECTION.fullmatch(heading) is None or entry is None or line[:1] not in " \t":
        return None
    name, value = entry.group(1), stripped[entry.end():].strip()
    if not config and name.lower() not in HYPERPARAMETERS and is_metric_key(name) and (
            parse_number(value) is not None):
        return None
    return open_settings(heading, yaml=True)


def open_settings(line: str, yaml: bool = False) -> Callable[[str], list[Found]] | None:
    """The lines under a heading of settings, else None: each later line indented deeper than
    the heading claimed (10,000 at most); the first that is not ends them. Under a YAML
    section (`yaml`: known to be one), the next section and a setting between them (`seed:
    42`, not `loss: 0.5`) go on with it; after a configuration's label and first entry, every
    entry."""
    heading = None if yaml else _SETTINGS_HEADING.fullmatch(line)
    yaml = yaml or heading is None and _yaml_section(line)
    first = _INLINE_SETTINGS.match(line) if heading is None and not yaml else None
    inline = first is not None and _a_setting(first.group(1))
    if heading is None and not yaml and not inline:
        return None
    indent, read = len(heading.group(1)) if heading is not None else 0, [0]

    def row(text: str) -> list[Found]:
        read[0] += 1
        stripped = text.lstrip()
        if read[0] > 10_000 or not stripped:
            return []
        if len(text) - len(stripped) <= indent:
            entry = _YAML_ENTRY.match(text) if yaml or inline else None
            if inline and entry is not None and ": " not in text[entry.end():] and (
                    _a_setting(entry.group(1))):
                return [CLAIM]  # (one setting a line: `loss: 0.5` is a result's, and ends it)
            if not (yaml and (_yaml_section(text) or entry is not None
                              and not names_a_measure(entry.group(1)))):
                return []
        elif yaml and names_a_measure(stripped.partition(":")[0][:60].replace(" ", "_")) and not (
                stripped.partition(":")[2].strip().isdigit()):
            # a measure's fraction under it: no settings (YDF's `characteristics:`, `ROC AUC:
            # 0.89`; Lightning's `precision: 16` is one)
            return []
        return [CLAIM]

    return row


# statsmodels ----------------------------------------------------------------------------------

# statsmodels' optimizers (statsmodels/base/optimizer.py): `Optimization terminated
# successfully.` (or its warnings), then indented `Current function value: 0.568174` and
# `Iterations 6` (`Iterations: 7`, `Function evaluations: 8` from scipy's methods): the fit's
# objective and the iterations it took; the evaluations are counts.
_SM_HEAD = re.compile(r"(?:Optimization terminated successfully\."
                      r"|Warning: Maximum number of iterations has been exceeded\.)\s*")
_SM_ROW = re.compile(rf"\s{{4,}}(Current function value: |Iterations:? |(?:Function|Gradient|Hessian)"
                     rf" evaluations: )({NUMBER})\s*", re.ASCII)


parse_statsmodels_head = _claims(_SM_HEAD)
"""The first line of a statsmodels optimizer's report."""


def statsmodels_rows(header: str) -> Callable[[str], list[Found]]:
    """The report's indented lines: the function value and the iterations."""
    def row(line: str) -> list[Found]:
        match = _SM_ROW.fullmatch(line)
        if match is None:
            return []
        name = match.group(1).strip(": ")
        if name.endswith("evaluations"):
            return [CLAIM]
        return [(name.replace(" ", "_"), to_number(match.group(2)), None)]
    return row


# caffe ----------------------------------------------------------------------------------------

# Caffe's solver (src/caffe/solver.cpp, sgd_solver.cpp), behind glog's prefix (`I0807
# 10:41:12.140439  1234 solver.cpp:218] `): `Iteration 100 (4.7 iter/s, 21.2s/100 iters), loss =
# 0.2` (older: `Iteration 100, loss = 0.2`), the smoothed loss, then `    Train net output #0:
# loss = 0.2 (* 1 = 0.2 loss)` a net output; `Iteration 100, lr = 0.0099`; `Iteration 500,
# Testing net (#0)`, then `    Test net output #0: accuracy = 0.9718`. Read as Caffe's own
# tools/extra/parse_log.py reads them: each train output and lr at the iteration, each test
# output as Test/ at the iteration of its `Testing net` line. The smoothed loss repeats the
# output's; without Caffe's solver named in the prefix, a line of the older shape is left to
# the rules after (scikit-learn's MLP prints `Iteration 1, loss = 0.69`).
_CAFFE_ITERATION = re.compile(
    rf"(?:^|\] )Iteration (\d{{1,18}})(?:( \([\d.]{{1,20}} iter/s, [\d.]{{1,20}}s/\d{{1,18}} iters\))?,"
    rf" loss = ({NUMBER})|, lr = ({NUMBER})|, Testing net \(#\d{{1,4}}\))\s*", re.ASCII)
_CAFFE_OUTPUT = re.compile(
    rf"(?:^|\] )\s{{0,8}}(Train|Test) net output #\d{{1,9}}: (\S{{1,200}}) = ({NUMBER})"
    rf"(?: \(\* {NUMBER} = {NUMBER} loss\))?\s*", re.ASCII)


def parse_caffe(line: str) -> list[Found]:
    """Caffe's solver lines (see above): `Iteration 100, lr = 0.0099` as lr at step 100,
    `Train net output #0: loss = 0.2 (* 1 = 0.2 loss)` as loss, `Test net output #0: accuracy
    = 0.97` as Test/accuracy."""
    if " net output #" in line:
        output = _CAFFE_OUTPUT.search(line)
        if output is None:
            return []
        phase, name, value = output.groups()
        return [(name if phase == "Train" else f"Test/{name}", to_number(value), None)]
    iteration = _CAFFE_ITERATION.search(line)
    if iteration is None or iteration.end() != len(line):
        return []
    if iteration.group(3) is not None and iteration.group(2) is None and (
            "solver.cpp:" not in line[: iteration.start()]):
        return []  # (scikit-learn's MLP prints the same, its loss its only one)
    step = int(iteration.group(1))
    if iteration.group(4) is not None:
        return [("iteration", step, step), ("lr", to_number(iteration.group(4)), None)]
    return [("iteration", step, step)]


# Caffe's start-up: the solver's and the nets' parameters printed in protobuf's text format after
# `... solver.cpp:45] Initializing solver from parameters: ` (`base_lr: 0.01`, `momentum: 0.9`,
# `layer {` ... `}`), up to its next glog line, and each layer's setting up (`net.cpp:131] Top
# shape: 64 1 28 28 (50176)`, `Memory required for data: 200704`): settings and sizes, none a
# metric.
_GLOG_LINE = re.compile(r"[IWEF]\d{4}\ ")


def parse_caffe_setup(line: str) -> list[Found]:
    """A line of Caffe's start-up (see above): claimed, no metric."""
    if "from parameters:" in line and line.rstrip().endswith("from parameters:") or (
            ".cpp:" in line and ("] Top shape: " in line or "] Memory required for data: " in line)):
        return [CLAIM]
    return []


def caffe_setup_rows(header: str) -> Callable[[str], list[Found]]:
    """The parameters' lines after `Initializing ... from parameters:`, up to a glog line."""
    def row(line: str) -> list[Found]:
        return [] if _GLOG_LINE.match(line) else [CLAIM]

    return row if header.rstrip().endswith("from parameters:") else lambda line: []


# skopt ----------------------------------------------------------------------------------------

# scikit-optimize's `VerboseCallback` (skopt/callbacks.py): `Iteration No: 3 started. ...`, then
# `Iteration No: 3 ended. ...`, `Time taken: 0.0063`, `Function value obtained: 0.8279`,
# `Current minimum: 0.8279`: the values that follow are the iteration's.
_SKOPT = re.compile(r"Iteration No: (\d{1,18}) (?:started|ended)\.", re.ASCII)


def parse_skopt(line: str) -> list[Found]:
    """``Iteration No: 3 ended.``: the step of the lines that follow, 3."""
    match = _SKOPT.match(line)
    return [] if match is None else [("iteration", int(match.group(1)), int(match.group(1)))]


# autogluon ------------------------------------------------------------------------------------

# AutoGluon's `TabularPredictor.fit` (autogluon/core/trainer/abstract_trainer.py): each model's
# score before its name, `\t0.85\t = Validation score   (accuracy)` (`\t-49.7\t = Validation
# score   (-root_mean_squared_error)`: a score to maximise, negated); the lines after it
# (`\t2.38s\t = Training   runtime`) are timings.
_AUTOGLUON = re.compile(rf"(?:^|\s)({NUMBER})\s+= Validation score\s+\((-?\w{{1,40}})\)\s*$",
                        re.ASCII)


def parse_autogluon(line: str) -> list[Found]:
    """``\t0.85\t = Validation score   (accuracy)`` as Validation_score_(accuracy) 0.85."""
    match = _AUTOGLUON.search(line)  # also after Ray's `(_dystack pid=1421) `
    if match is None:
        return []
    return [(f"Validation_score_({match.group(2)})", to_number(match.group(1)), None)]


# visualizer -----------------------------------------------------------------------------------

# pytorch-CycleGAN-and-pix2pix's `Visualizer.print_current_losses` (util/visualizer.py), copied
# into CUT, SPADE and other image-to-image repositories: `(epoch: 2, iters: 4, time: 0.026, data:
# 0.000) G_GAN: 0.698 G_L1: 49.070 D_real: 0.692 D_fake: 0.689`. The losses at the images seen
# (train.py's total_steps): `iters` counts the epoch's images, whose number is printed once, at
# the start. `time` and `data` are its timings.
_VISUALIZER = re.compile(
    r"\s*\(epoch: (\d{1,9}), iters: (\d{1,18}), time: [\d.]{1,20}, data: [\d.]{1,20}\) ")


def parse_visualizer(line: str) -> list[Found]:
    """The losses after `(epoch: 2, iters: 4, time: ..., data: ...) `, at a position in
    epoch 2 whose length is not printed."""
    match = _VISUALIZER.match(line)
    if match is None:
        return []
    return [("position", int(match.group(2)), 0), ("epoch", int(match.group(1)), None),
            *parse_key_value(line[match.end():])]


# mindspore --------------------------------------------------------------------------------------

# MindSpore's `LossMonitor` (mindspore/train/callback/_loss.py): `epoch: 1 step: 3, loss is
# 2.297004461288452`, the step within the epoch, whose length is not printed.
_MINDSPORE = re.compile(rf"\s*epoch: (\d{{1,18}}) step: (\d{{1,18}}), loss is ({NUMBER})\s*", re.ASCII)


def parse_mindspore(line: str) -> list[Found]:
    """``epoch: 2 step: 3, loss is 2.297``: the loss at a position in epoch 2."""
    match = _MINDSPORE.fullmatch(line)
    if match is None:
        return []
    return [("position", int(match.group(2)), 0), ("epoch", int(match.group(1)), None),
            ("loss", to_number(match.group(3)), None)]


# mljar ------------------------------------------------------------------------------------------

# mljar-supervised's AutoML (supervised/base_automl.py): each model's validation score as it is
# trained, `1_Baseline logloss 0.693098 trained in 1.8 seconds`.
_MLJAR = re.compile(rf"\s*(\d{{1,4}}_[\w.\-]{{1,80}}|Ensemble[\w.\-]{{0,40}}) ([A-Za-z][\w@.\-]{{0,40}}) "
                    rf"({NUMBER}) trained in "
                    rf"(?:{NUMBER}) seconds\s*", re.ASCII)


def parse_mljar(line: str) -> list[Found]:
    """``3_Linear logloss 0.181074 trained in 12.19 seconds``: 3_Linear_logloss."""
    match = _MLJAR.fullmatch(line)
    if match is None:
        return []
    return [(f"{match.group(1)}_{match.group(2)}", to_number(match.group(3)), None)]


# nevergrad --------------------------------------------------------------------------------------

# nevergrad's `Optimizer.minimize` at verbosity (nevergrad/optimization/base.py): each evaluation's
# `Updating fitness with value 9.2596067742193`, and at verbosity 2 `Current pessimistic best is:
# MultiValue<mean: 0.5, count: 1, parameter: ...>` (the best's mean; its count is a count).
_NEVERGRAD = re.compile(
    rf"\s*(?:Updating (fitness) with value ({NUMBER})"
    rf"|(Current (?:pessimistic|optimistic|average|minimum) best) is: MultiValue<mean: ({NUMBER}),.*)",
    re.ASCII)


def parse_nevergrad(line: str) -> list[Found]:
    """``Updating fitness with value 9.26``: fitness; ``Current pessimistic best is:
    MultiValue<mean: 0.5, ...>``: Current_pessimistic_best/mean."""
    match = _NEVERGRAD.fullmatch(line)
    if match is None:
        return []
    if match.group(1):
        return [("fitness", to_number(match.group(2)), None)]
    return [(match.group(3).replace(" ", "_") + "/mean", to_number(match.group(4)), None)]


# mlxtend, statsforecast, tslearn -----------------------------------------------------------------

# mlxtend's SequentialFeatureSelector at verbose=2 (mlxtend/feature_selection/
# sequential_feature_selector.py): `[2026-12-02 18:07:50] Features: 2/3 -- score: 0.97`, the
# cross-validated score of the best subset of that many features, printed with no line end
# (joblib's `[Parallel(n_jobs=1)]: Done ...` follows on the same line).
_MLXTEND = re.compile(
    rf"(?:\[[\d\-: ]{{10,30}}\]\ )?Features:\ (\d{{1,9}})/\d{{1,9}}\ --\ score:\ ({NUMBER})"
    r"(?![\d.])", re.ASCII)


def parse_mlxtend(line: str) -> list[Found]:
    """``Features: 2/3 -- score: 0.97``: score at step 2 (the number of features)."""
    match = _MLXTEND.match(line)
    if match is None:
        return []
    return [("step", int(match.group(1)), None), ("score", to_number(match.group(2)), None)]


# statsforecast's AutoARIMA with trace=True (python/statsforecast/arima.py, `myarima`): each model
# the stepwise search fits and its information criterion, with no name:
# `ARIMA(0,1,0)(0,1,0)[12]                    : 1031.5391`, `inf` for a model it refused.
_ARIMA_TRACE = re.compile(
    rf"\s*(?:Regression\ with\ )?ARIMA\(\d{{1,3}},\d{{1,3}},\d{{1,3}}\)"
    rf"(?:\(\d{{1,3}},\d{{1,3}},\d{{1,3}}\)\[\d{{1,5}}\])?(?:\ errors)?"
    rf"(?:\ with\ [a-z\- ]{{1,30}}?)?"
    rf"\ {{0,60}}:\ ({NUMBER})\s*", re.ASCII)


def parse_arima_trace(line: str) -> list[Found]:
    """``ARIMA(0,1,0)(0,1,0)[12]          : 1031.5391``: ic (a refused model's inf: nothing)."""
    match = _ARIMA_TRACE.fullmatch(line)
    if match is None:
        return []
    value = to_number(match.group(1))
    return [CLAIM] if math.isinf(value) else [("ic", value, None)]


# tslearn's TimeSeriesKMeans at verbose (tslearn/clustering/kmeans.py, `_fit_one_init`): each
# iteration's inertia printed with `end=" --> "`, one line a fit: `15.795 --> 7.716 --> `.
_INERTIA_CHAIN = re.compile(rf"(?:(?:{NUMBER}) --> )+", re.ASCII)
_INERTIA = re.compile(rf"(?:{NUMBER}) --> ", re.ASCII)
_ONE_INERTIA = re.compile(rf"\s*({NUMBER}) --> ", re.ASCII)


def glued(line: str) -> list[str] | None:
    """A line that holds several prints, as the pieces to read one by one: tslearn's chain of
    inertias (each ` --> ` ends one), and text before joblib's `[Parallel(n_jobs=1)]: Done`
    (another stream's message written after a print with no line end), and what runs on after
    mlxtend's score, also printed with no line end (`... score: 0.97Best accuracy: 0.97`);
    else None."""
    if " --> " in line and _INERTIA_CHAIN.fullmatch(line.strip() + " "):
        return _INERTIA.findall(line)
    pieces = []
    start = 0
    match = _MLXTEND.match(line) if "-- score: " in line else None
    while match is not None and match.end() < len(line):
        pieces.append(line[start : match.end()])
        start = match.end()
        match = _MLXTEND.match(line, start)
    cut = line.find("[Parallel(n_jobs=", start + 1)
    if cut > 0:
        return [*pieces, line[start:cut], line[cut:]]
    return [*pieces, line[start:]] if pieces else None


def parse_inertia(line: str) -> list[Found]:
    """One piece of tslearn's chain, ``15.795 --> `` (as ``glued`` cuts it): inertia."""
    match = _ONE_INERTIA.fullmatch(line)
    return [] if match is None else [("inertia", to_number(match.group(1)), None)]


# stylegan ---------------------------------------------------------------------------------------

# StyleGAN2-ADA's (and StyleGAN3's) tick line (training/training_loop.py): `tick 2     kimg 0.1
# time 13s          sec/tick 2.3     sec/kimg 70.50   maintenance 0.0    cpumem 0.41   gpumem
# 0.00   augment 0.032`, fixed-width `name value` fields at the tick; `time` is a duration.
_TICK = re.compile(r"\s*tick (\d{1,18}) +(?=kimg )")
_TICK_FIELD = re.compile(rf"([A-Za-z][\w/]{{0,30}}) +({NUMBER})(?= |$)", re.ASCII)


def parse_stylegan(line: str) -> list[Found]:
    """``tick 2  kimg 0.1  time 13s  sec/tick 2.3 ... augment 0.032``: each field at tick 2."""
    match = _TICK.match(line)
    if match is None:
        return []
    step = int(match.group(1))
    return [("tick", step, step), *((name, to_number(value), None)
            for name, value in _TICK_FIELD.findall(line, match.end()))]


# ray_tune -------------------------------------------------------------------------------------

# Ray Tune's trial boxes (ray/tune/experimental/output.py): `│ Trial train_fn_1b812_00002
# result │`, then `│ loss   0.44035 │` rows, the trial's last result, at the trial's number
# (the end of its name); `training_iteration` counts and `time_*` are timings. A trial's
# `config` box holds its settings.
_RAY_BOX = re.compile(r"\s*│\s*Trial \S{1,200}?_(\d{5}) (result|config)\s*│\s*")
_RAY_ROW = re.compile(rf"\s*│\s*(\S{{1,200}})\s+({NUMBER})\s*│\s*", re.ASCII)
_RAY_OWN = frozenset({"training_iteration", "time_this_iter_s", "time_total_s",
                      "iterations_since_restore", "timesteps_total", "episodes_total", "pid"})


def parse_ray_box(line: str) -> list[Found]:
    """The first line of a Ray Tune trial's result or config box."""
    return [CLAIM] if _RAY_BOX.fullmatch(line) else []


def ray_rows(header: str) -> Callable[[str], list[Found]]:
    """The box's rows: in a result box, each number under its name at the trial's number."""
    match = _RAY_BOX.fullmatch(header)
    trial = int(match.group(1)) if match is not None else 0
    result = match is not None and match.group(2) == "result"

    def row(line: str) -> list[Found]:
        text = line.strip()
        if text[:1] in ("├", "╰"):
            return [CLAIM]
        if text[:1] != "│":
            return []
        found = _RAY_ROW.fullmatch(line) if result else None
        if found is None or found.group(1) in _RAY_OWN:
            return [CLAIM]
        return [(found.group(1), to_number(found.group(2)), trial)]

    return row


# wandb_summary --------------------------------------------------------------------------------

# Weights & Biases' end of a run (wandb/sdk/wandb_run.py `_footer_history_summary_info`):
# `wandb: Run summary:`, then `wandb:  acc 0.8275` rows (rounded to 5 decimals) until an empty
# `wandb: `. Its `Run history:` sparklines hold no numbers.
_WANDB_SUMMARY = re.compile(r"\s*wandb: Run summary:\s*")
_WANDB_ROW = re.compile(rf"\s*wandb:\s+(\S{{1,200}}) ({NUMBER})\s*", re.ASCII)
_WANDB_ANY = re.compile(r"\s*wandb:\s+\S")

parse_wandb_summary = _claims(_WANDB_SUMMARY)
"""The first line of W&B's run summary."""


def wandb_rows(header: str) -> Callable[[str], list[Found]]:
    """The summary's rows: each number under its name (other values claimed)."""
    def row(line: str) -> list[Found]:
        match = _WANDB_ROW.fullmatch(line)
        if match is not None and not match.group(1).startswith("_"):  # `_runtime`, `_step`
            return [(match.group(1), to_number(match.group(2)), None)]
        return [CLAIM] if _WANDB_ANY.match(line) else []
    return row


# flaml ----------------------------------------------------------------------------------------

# FLAML's AutoML search log (flaml/automl/automl.py, through its `flaml.automl.logger`):
# `iteration 3, current learner lgbm` starts a trial, then `at 0.7s,\testimator lgbm's best
# error=1.7111e-02,\tbest estimator lgbm's best error=1.7111e-02`: the learner's best error so
# far and the search's, at the iteration. The elapsed time is a timing.
_FLAML_ITERATION = re.compile(r"(?:^|\s)iteration (\d{1,18}), current learner \S")
_FLAML_ERROR = re.compile(
    rf"(?:^|\s)at [\d.]{{1,20}}s,\s{{1,8}}estimator (\S{{1,80}}) best error=({NUMBER}),"
    rf"\s{{1,8}}best estimator (\S{{1,80}}) best error=({NUMBER})\s*$",
    re.ASCII,
)


def parse_flaml(line: str) -> list[Found]:
    """FLAML's `iteration 3, current learner lgbm` (the step) and `at 0.7s, estimator lgbm's
    best error=0.017, best estimator lgbm's best error=0.017` (two points at it)."""
    iteration = _FLAML_ITERATION.search(line)
    if iteration is not None:
        return [("iteration", int(iteration.group(1)), int(iteration.group(1)))]
    error = _FLAML_ERROR.search(line)
    if error is None:
        return []
    learner, value, best, best_value = error.groups()
    return [(f"estimator_{learner}_best_error", to_number(value), None),
            (f"best_estimator_{best}_best_error", to_number(best_value), None)]


# lightning_results ----------------------------------------------------------------------------

# The table Lightning prints after `trainer.test()` / `validate()` (lightning/pytorch/loops/
# evaluation_loop.py `_print_results`): with rich, `┃ Test metric ┃ DataLoader 0 ┃` then
# `│ test_acc │ 0.4375 │` rows between box lines; without it, the same centred in columns with
# `─` lines. With several dataloaders, each column is its key with `/dataloader_idx_N`, as
# Lightning names it in its loggers.
_RESULTS_STAGE = re.compile(r"(?:Test|Validate|Predict) metric")
_RESULTS_LOADER = re.compile(r"DataLoader \d{1,3}")
_RESULTS_CELL = re.compile(r"\s*[┃│|]\s*|\s{2,}")
_RESULTS_RULE = frozenset("─━┏┓┡┩┗┛└┘┌┐├┤┬┴┼╇╈╋┳┻-= ")


def parse_results_header(line: str) -> list[Found]:
    """The header of Lightning's test and validation results table."""
    if len(line) > 4096:
        return []
    cells = [cell for cell in _RESULTS_CELL.split(line.strip()) if cell]
    if (len(cells) >= 2 and _RESULTS_STAGE.fullmatch(cells[0])
            and all(_RESULTS_LOADER.fullmatch(cell) for cell in cells[1:])):
        return [CLAIM]
    return []


def results_rows(header: str) -> Callable[[str], list[Found]]:
    """The reader of Lightning's results rows: `name  value` (a value per dataloader)."""

    rows = 0
    # With several dataloaders each column is its key with `/dataloader_idx_N`, the first's
    # too, as Lightning logs them (its table shows the names without it).
    several = len(_RESULTS_LOADER.findall(header[:4096])) > 1

    def read(line: str) -> list[Found]:
        nonlocal rows
        text = line.strip()
        if not text or len(text) > 1000:
            return []
        if set(text) <= _RESULTS_RULE:
            # `└───┴───┘`, or the plain table's rule after its rows: the table ends
            if text[0] == "└" or rows:
                rows = -1
            return [CLAIM] if rows >= 0 or text[0] == "└" else []
        if rows < 0:
            return []
        cells = [cell for cell in _RESULTS_CELL.split(text) if cell]
        if (len(cells) < 2 or " " in cells[0] or cells[0].endswith(":")
                or parse_number(cells[0]) is not None):
            return []
        found: list[Found] = []
        for index, cell in enumerate(cells[1:]):
            value = parse_number(cell)
            if value is None:
                return []
            key = f"{cells[0]}/dataloader_idx_{index}" if several else cells[0]
            found.append((key, value, None))
        rows += 1
        return found

    return read


# keras_tuner ----------------------------------------------------------------------------------

# Keras Tuner's display (keras_tuner/src/engine/oracle.py): `Trial 3 Complete [00h 00m 01s]`,
# the objective's value (`val_accuracy: 0.8046875`), `Best val_accuracy So Far: 0.8046875`,
# `Total elapsed time: 00h 00m 03s`; `results_summary()`'s `Results summary`, then for each
# trial `Trial 2 summary` (its id: the display counts from 1, the ids from 0), `Hyperparameters:`,
# a `name: value` each, `Score: 0.8046875`; and `search_space_summary()`'s `Default search space
# size: 4`. A trial's value is its `score` (not the objective's name: a fit after the search
# has a `val_accuracy` of its own) at the trial's number, the best so far with it; the
# hyperparameters and the summary's scores again are no points.
_TUNER_TRIAL = re.compile(r"\s*Trial (\d{1,9}) Complete \[")
_TUNER_BEST = re.compile(rf"Best ([\w./\-]{{1,200}}) So Far: ({NUMBER})\s*$")
_TUNER_SUMMARY = re.compile(r"Trial \w{1,64} summary\s*$")
_TUNER_VALUE = re.compile(rf"[A-Za-z_][\w./\-]{{0,200}}: ({NUMBER})\s*$")
_TUNER_SETTING = re.compile(r"[A-Za-z_][\w./\-]{0,200}: \S")
_TUNER_HEADS = ("Results summary", "Default search space size: ")
_TUNER_SPACE = re.compile(r"[\w./\-]{1,200} \([A-Z]\w{0,30}\)\s*$")


def parse_keras_tuner(line: str) -> list[Found]:
    """Keras Tuner's `Trial 3 Complete [...]`, `Results summary` or `Default search space
    size: 4`: a header whose lines follow."""
    return [CLAIM] if _TUNER_TRIAL.match(line) or line.startswith(_TUNER_HEADS) else []


def keras_tuner_rows(header: str) -> Callable[[str], list[Found]]:
    """The lines after a Keras Tuner header: a trial's value as `score` at its number, the best
    so far with it, the rest of its display or of the results' summary claimed."""
    trial = _TUNER_TRIAL.match(header)
    state = ["value" if trial is not None else "summary" if header.startswith(
        _TUNER_HEADS[0]) else "space"]

    def read(line: str) -> list[Found]:
        if trial is not None:
            if state[0] == "value":
                state[0] = "best"
                value = _TUNER_VALUE.match(line)
                if value is not None:
                    return [("score", to_number(value.group(1)), int(trial.group(1)))]
            best = _TUNER_BEST.match(line)
            if best is not None:
                return [(f"Best_{best.group(1)}_So_Far", to_number(best.group(2)),
                         int(trial.group(1)))]
            return [CLAIM] if line.startswith("Total elapsed time: ") else []
        if state[0] == "space":  # `units (Int)`, then its settings as a dict
            return [CLAIM] if _TUNER_SPACE.match(line) or line[:1] == "{" else []
        if state[0] == "summary":  # until the first trial's
            if line.startswith(("Results in ", "Showing ", "Objective(", "MultiObjective(")):
                return [CLAIM]
        if state[0] in ("summary", "scored") and _TUNER_SUMMARY.match(line):
            state[0] = "trial"
            return [CLAIM]
        if state[0] == "trial" and line.startswith(("Hyperparameters:", "default configuration")):
            state[0] = "settings"
            return [CLAIM]
        if state[0] == "settings":
            if line.startswith(("Score: ", "default configuration")):
                state[0] = "scored" if line[:1] == "S" else "settings"
                return [CLAIM]
            if _TUNER_SETTING.match(line):
                return [CLAIM]
        return []

    return read


# yolo -----------------------------------------------------------------------------------------

# Ultralytics YOLO (ultralytics/engine/trainer.py, models/yolo/*/train.py and val.py): a header
# of column names, `Epoch  GPU_mem  box_loss  cls_loss  dfl_loss  Instances  Size`, then a bar
# per epoch whose description is the row: `1/3  0G  6.869  3.926  4.188  16  64: 6% ╸─── 1/16
# 4.6s/it` (its own bar; tqdm's `64: 6%|▌ | 1/16 [...]` before 8.3), running means after the
# counter's next batch; after it the validation, `Class  Images  Instances  Box(P  R  mAP50
# mAP50-95): 100% ━━━ 1/1`, then `all  16  16  0.00397  0.0625  0.000496  0.000149`. On a
# terminal the description is cut to its width with `…`.
_YOLO_FRAME = re.compile(r"(.*?): {0,3}\d{1,3}%(?:\||\s)")
_YOLO_COUNTER = re.compile(r"(\d{1,18})/(\d{1,18})")
_YOLO_EPOCH = re.compile(r"(\d{1,9})/(\d{1,9})")
_YOLO_COUNTS = frozenset({"Epoch", "GPU_mem", "Instances", "Size", "Images", "Class", "classes"})
# The detection columns, for a header a terminal cut after `Box(P`.
_YOLO_BOX = ("P", "R", "mAP50", "mAP50-95")


def parse_yolo_header(line: str) -> list[Found]:
    """Ultralytics' training header (`Epoch  GPU_mem  box_loss ...`) or validation bar
    (`Class  Images  Instances  Box(P ...): 100% ...`); their rows follow."""
    return [CLAIM] if _yolo_header(line) is not None else []


def _yolo_header(line: str) -> tuple[str, list[str]] | None:
    """("train", its columns) or ("val", its columns), else None."""
    words = line.split()
    if len(words) >= 3 and words[0] == "Epoch" and words[1] == "GPU_mem":
        return "train", words
    frame = _YOLO_FRAME.match(line)
    if frame is None:
        return None
    words = frame.group(1).replace("…", " ").split()
    if len(words) < 2 or words[0] not in ("Class", "classes"):
        return None
    columns: list[str] = []
    group = ""
    for word in words:
        if "(" in word:  # `Box(P`: the group's columns follow until its `)`
            group, _, word = word.partition("(")
            group = "" if group == "Box" else f"{group}/"
        closed = word.endswith(")")
        columns.append(group + word.rstrip(")"))
        if closed:
            group = ""
    if columns[-1] == "P" and len(columns) == 4:  # cut by the terminal after `Box(P`
        columns[-1:] = _YOLO_BOX
    return "val", columns


def _yolo_value(token: str) -> float | None:
    """A number of a row; one the terminal cut (`2.39…`) only if it shows 4 digits."""
    if token.endswith("…"):
        token = token[:-1]
        if sum(c.isdigit() for c in token.lstrip("0.-")) < 4:
            return None
    return parse_number(token)


def yolo_rows(header: str) -> Callable[[str], list[Found]]:
    """The reader of an Ultralytics run's bar frames and validation rows, from its header:
    each frame with new values at the global batch, (epoch - first) x batches + counter + 1; the
    `all` row of the validation after it at that epoch."""
    kind, columns = _yolo_header(header) or ("", [])
    train = columns if kind == "train" else []
    val = columns if kind == "val" else []
    epoch: list[int] = []
    # Ultralytics counts its epochs from 1; YOLOv5 (its header names an `obj_loss`) from 0
    first = 0 if "obj_loss" in train else 1
    last: list[tuple[float, ...]] = []

    def read(line: str) -> list[Found]:
        nonlocal val
        frame = _YOLO_FRAME.match(line)
        if frame is not None:
            found = _yolo_header(line)
            if found is not None and found[0] == "val":
                val = found[1]
                return [CLAIM]
            words = frame.group(1).split()
            counter = _YOLO_COUNTER.search(line, frame.end())
            shown = _YOLO_EPOCH.fullmatch(words[0]) if words else None
            if not train or shown is None or counter is None:
                return []
            epoch[:] = [int(shown.group(1))]
            step = (epoch[0] - first) * int(counter.group(2)) + int(counter.group(1)) + 1
            points: list[Found] = []
            for name, token in zip(train, words):
                value = None if name in _YOLO_COUNTS else _yolo_value(token)
                if value is not None:
                    points.append((name, value, step))
            values = tuple(value for _, value, _ in points)
            if last and last[0] == values:
                return [CLAIM]  # the last frame of an epoch repeats its last batch
            last[:] = [values]
            return points or [CLAIM]
        words = line.split()
        if not val or len(words) < 2 or parse_number(words[0]) is not None:
            return []
        row = [parse_number(word) for word in words[1:]]
        if any(value is None for value in row) or len(row) < len(val) - 1:
            return []  # (a row has a number for each column but the class's, `foo: 5` not;
            # a header a terminal cut has fewer columns than its rows)
        section = "" if words[0] == "all" else f"{words[0]}/"
        at = epoch[0] if epoch else None
        return [(section + name, value, at) for name, value in zip(val[1:], row)
                if name not in _YOLO_COUNTS and value is not None] or [CLAIM]

    return read


# progress_meter -------------------------------------------------------------------------------

# pytorch/examples imagenet/main.py's `ProgressMeter` and `AverageMeter` (copied into MoCo,
# SimCLR, SwAV and many more): `Epoch: [2][ 10/500]\tTime  0.234 ( 0.334)\tData  0.067 (
# 0.167)\tLoss 6.8078e+00 (6.8578e+00)\tAcc@1   1.00 (  0.50)\tAcc@5   2.39 (  1.39)`, each
# meter's current value then its average; `Test: [ 10/196]\t...` for validation. Time and Data
# are the meter's timings, as in the MetricLogger.
# Swin Transformer's copy names its epoch out of the total and its training `Train:`, and puts
# the learning rate and weight decay, which have no average, after the time left: `Train:
# [0/2][0/10]\teta 0:00:10 lr 0.000100\t wd 0.0500\ttime 0.1 (0.1)\tloss 6.9 (6.9)\tmem 0MB`.
_METER_LINE = re.compile(
    r"\s*([^\t\[]{0,40}(?:\[\d{1,9}(?:/\d{1,9})?\])?)\[ *(\d{1,18})/ *(\d{1,18})\]\t")
# (torchreid's engine prints `epoch: [1/60][10/202]\t...\tloss 6.1234 (6.3456)\t...`)
_METER_EPOCH = re.compile(r"\s*(?i:epoch|train): \[(\d{1,9})(?:/\d{1,9})?\]\s*$")
_METER = re.compile(
    rf"\s*([A-Za-z][\w@/.\-]*(?: [A-Za-z][\w@/.\-]*){{0,3}}) +({NUMBER}) \( *(?:{NUMBER})\)\s*",
    re.ASCII,
)
_METER_PLAIN = re.compile(
    rf"\s*(?:eta (?:\d{{1,9}} days?, )?\d{{1,9}}:\d\d:\d\d +)?((?i:lr|wd)) +({NUMBER})\s*", re.ASCII)


def parse_progress_meter(line: str) -> list[Found]:
    """A ProgressMeter line: `Epoch: [2][ 10/500]\\tLoss 6.8e+00 (6.9e+00)\\tAcc@1 1.00 (0.50)`
    gives Loss and Acc@1 (current values) at the global step 2 * 500 + 10, the step of the lines
    after it; under another prefix (`Test: [ 10/196]`) the keys are Test_Loss, Test_Acc@1."""
    match = _METER_LINE.match(line)
    if match is None:
        line = message(line)  # (after a log prefix: Swin's `[... swin](main.py 218): INFO `)
        match = _METER_LINE.match(line)
        if match is None:
            return []
    prefix, position, length = match.groups()
    epoch = _METER_EPOCH.match(prefix)
    found: list[Found] = []
    label = ""
    if epoch is not None:
        found += [("position", int(position), int(length)), ("epoch", int(epoch.group(1)), None)]
    else:
        label = "_".join(_WORD.findall(prefix))
        label = f"{label}_" if label else ""
    for item in line[match.end() :].split("\t"):
        meter = _METER.fullmatch(item) or _METER_PLAIN.fullmatch(item)
        if meter is not None and meter.group(1).capitalize() not in _TIMINGS:
            found.append((label + meter.group(1).replace(" ", "_"), to_number(meter.group(2)),
                          None))
    return found if len(found) > (2 if epoch is not None else 0) else []


# sklearn_hgb ----------------------------------------------------------------------------------

# scikit-learn's HistGradientBoosting at verbose >= 2 (ensemble/_hist_gradient_boosting/
# gradient_boosting.py `_print_iteration_stats`): `[3/30] 1 tree, 15 leaves, max depth = 7,
# train loss: 0.53864, val loss: 0.52855, in 0.001s`; several trees an iteration print `3 trees,
# 45 leaves (15 on avg), max depth = 7`; a scorer other than the loss prints `train score:`.
_HGB = re.compile(
    rf"\s*\[(\d{{1,18}})/\d{{1,18}}\] \d{{1,9}} trees?, (\d{{1,18}}) leaves(?: \(\d{{1,18}} on avg\))?, "
    rf"max depth = (\d{{1,9}}), (?:train (loss|score): ({NUMBER}), )?(?:val (loss|score): ({NUMBER}), )?"
    rf"in [\d.]+s\s*$",
    re.ASCII,
)


def parse_sklearn_hgb(line: str) -> list[Found]:
    """HistGradientBoosting's iteration line: leaves, max_depth, train_loss and val_loss (or
    _score) at the iteration, 3."""
    match = _HGB.match(line)
    if match is None:
        return []
    step, leaves, depth, train, train_value, val, val_value = match.groups()
    k = int(step)
    found: list[Found] = [("leaves", int(leaves), k), ("max_depth", int(depth), k)]
    if train_value is not None:
        found.append((f"train_{train}", to_number(train_value), k))
    if val_value is not None:
        found.append((f"val_{val}", to_number(val_value), k))
    return found


# coco_eval ------------------------------------------------------------------------------------

# pycocotools' summary (`COCOeval.summarize`), printed by DETR, detectron2, MMDetection,
# YOLOv5's val.py and torchvision's detection references:
#     ` Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.372`
# and LVIS' (lvis-api's `print_results`), with its categories' frequency:
#     ` Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=300 catIds=  r] = 0.42`
# Each value under its label, padding dropped: `AP@[IoU=0.50:0.95|area=all|maxDets=100]`,
# `AP@[IoU=0.50:0.95|area=all|maxDets=300|catIds=r]`.
_COCO_SUMMARY = re.compile(
    rf"\s{{0,4}}Average\ (?:Precision|Recall)\ {{1,8}}\((AP|AR)\)\ @\[\ IoU=([\d.:]{{1,12}})\ {{0,12}}\|"
    rf"\ area=\ {{0,12}}(\w{{1,12}})\ \|\ maxDets=\ {{0,6}}(\d{{1,6}})"
    rf"(?:\ catIds=\ {{0,6}}(\w{{1,8}}))?\ ?\]\ =\ ({NUMBER})\s*",
    re.ASCII)


def parse_coco_eval(line: str) -> list[Found]:
    """A line of pycocotools' summary as `AP@[IoU=0.50:0.95|area=all|maxDets=100]`."""
    match = _COCO_SUMMARY.fullmatch(line)
    if match is None:
        return []
    kind, iou, area, dets, categories, value = match.groups()
    kinds = f"|catIds={categories}" if categories else ""
    return [(f"{kind}@[IoU={iou}|area={area}|maxDets={dets}{kinds}]", to_number(value), None)]


# sacrebleu ------------------------------------------------------------------------------------

# sacrebleu's chrF++ (its `+` signs no name's of the pairs' reading, which reads BLEU's, chrF's
# and TER's lines), as its command line prints it (`-f text`) after its signature and as its
# Python API's score object prints: `chrF2++|nrefs:1|...|version:2.4.0 = 71.1`, `chrF2++ =
# 71.10`: under its name as printed, the rest of the line as any pairs; and a signature alone
# (`print(bleu.get_signature())`, `nrefs:1|case:mixed|...`): settings.
_SACREBLEU = re.compile(
    rf"\s{{0,8}}(chrF\d{{0,2}}\+{{1,2}})(?:\|[\w.:+\-]{{1,40}}){{0,16}}\ =\ ({NUMBER})"
    r"(\s.{0,400})?", re.ASCII)
_SACREBLEU_SIGNATURE = re.compile(
    r"\s{0,8}(?:[A-Za-z]\w{0,20}\+{0,2}\|)?nrefs:\w{1,8}(?:\|[\w.+\-]{1,20}:[\w.+\-]{1,20}){1,16}\s*",
    re.ASCII)


def parse_sacrebleu(line: str) -> list[Found]:
    """A sacrebleu score's line, or its signature alone (claimed: no metric)."""
    match = _SACREBLEU.fullmatch(line)
    if match is None:
        return [CLAIM] if _SACREBLEU_SIGNATURE.fullmatch(line) else []
    name, value, rest = match.groups()
    return [(name, to_number(value), None), *(parse_key_value(rest) if rest else [])]


# trec_eval ------------------------------------------------------------------------------------

# trec_eval's report (and pytrec_eval's, printed as it prints): `map                   \tall\t0.4167`,
# a measure, the query (`all`: over all of them), its value; the counts (`num_q`, `num_ret`,
# `num_rel`, `num_rel_ret`) and the run's id are no metrics.
_TREC_EVAL = re.compile(
    rf"\s{{0,8}}([A-Za-z][\w.@]{{0,40}})(?:\s{{0,40}}\t|\ {{2,40}})all\s{{1,40}}({NUMBER})\s*", re.ASCII)


def parse_trec_eval(line: str) -> list[Found]:
    """A line of trec_eval's report over all queries: the measure's value."""
    match = _TREC_EVAL.fullmatch(line)
    if match is None:
        return []
    name, value = match.groups()
    if name.startswith("num_") or name == "runid":
        return [CLAIM]
    return [(name, to_number(value), None)]


# nameless_loss --------------------------------------------------------------------------------

# Famous lessons that print their loss with no name, only beside the step: nn-zero-to-hero's
# makemore lectures, `   1000/  10000: 1.2986` (`print(f'{i:7d}/{max_steps:7d}:
# {loss.item():.4f}')`), and PyTorch's NLP tutorials, char_rnn_classification's `1000 5% (0m 4s)
# 2.7231 Sezz / Chinese ✗ (Spanish)` and seq2seq_translation's `0m 14s (- 2m 14s) (200 10%)
# 2.0976`, and CS224n's word2vec, `iter 10: 8.081992`. The lessons call the number the loss:
# `loss`, at the step printed.
# (makemore's fields are seven wide, `{i:7d}/{max_steps:7d}`: not any `3/5: 0.95`)
_MAKEMORE_LOSS = re.compile(rf"\ {{0,6}}(\d{{1,7}})(?<=^.{{7}})/\ {{0,6}}(\d{{1,7}})(?<=^.{{15}}):\ ({NUMBER})\s*")
_CHAR_RNN_LOSS = re.compile(
    rf"(\d{{1,18}})\ \d{{1,3}}%\ \(\d{{1,6}}m\ \d{{1,2}}s\)\ ({NUMBER})\ \S.{{0,200}}\ [✓✗]")
# (Stanford CS224n's word2vec assignment, `sgd.py`: `iter 10: 8.081992`, its `"iter %d: %f"`.)
_SGD_LOSS = re.compile(r"iter\ (\d{1,18}):\ (\d{1,18}\.\d{6})\s*", re.ASCII)
# (or with no time left, the char-RNN generation tutorial's `0m 37s (5000 5%) 3.1506`)
_SEQ2SEQ_LOSS = re.compile(
    rf"\d{{1,6}}m\ \d{{1,2}}s\ (?:\(-\ -?\d{{1,6}}m\ -?\d{{1,2}}s\)\ )?\((\d{{1,18}})\ \d{{1,3}}%\)"
    rf"\ ({NUMBER})\s*")


def parse_nameless_loss(line: str) -> list[Found]:
    """makemore's `   1000/  10000: 1.2986`, the char-RNN tutorial's `1000 5% (0m 4s) 2.7231
    Sezz / Chinese ✗ (Spanish)`, the seq2seq tutorial's `0m 14s (- 2m 14s) (200 10%) 2.0976`:
    `loss` at the step printed."""
    match = _MAKEMORE_LOSS.fullmatch(line)
    if match is not None and int(match.group(1)) <= int(match.group(2)):
        return [("step", int(match.group(1)), None), ("loss", to_number(match.group(3)), None)]
    match = (_CHAR_RNN_LOSS.match(line) or _SEQ2SEQ_LOSS.fullmatch(line)
             or _SGD_LOSS.fullmatch(line))
    if match is None:
        return []
    return [("step", int(match.group(1)), None), ("loss", to_number(match.group(2)), None)]


# python_warning -------------------------------------------------------------------------------

# A Python warning, `file.py:444: UserWarning: ...`, and the source line Python prints under it,
# indented by two spaces (`  ax.set_xticklabels([''] + all_categories, rotation=90)`): code,
# not metrics.
# (Only a warning from a file Python can read has its source under it: not `sys:1:`,
# `<stdin>:12:`, `<string>:3:`.)
# (A path may hold spaces, but not a progress bar's `|` and brackets: a warning printed on a
# bar's line is the bar's to read.)
_WARNING = re.compile(r"[^|\[\]]{0,400}?\.py:\d{1,9}: [A-Z]\w{0,60}(?:Warning|Error): .*")
parse_python_warning = _claims(_WARNING)
"""A Python warning's first line."""


def warning_source(header: str) -> Callable[[str], list[Found]]:
    """The source line under a warning, if the next line is one: nothing."""
    seen = [False]

    def row(line: str) -> list[Found]:
        if seen[0]:
            return []
        seen[0] = True
        return [CLAIM] if line[:2] == "  " and line[2:3] not in (" ", "") else []

    return row


# config_dump ----------------------------------------------------------------------------------

# minGPT's `CfgNode` printed (projects/chargpt/chargpt.py prints its config at start-up): a
# `system:` line, then `    seed: 3407` ... and the `data:`, `model:`, `trainer:` sections:
# settings, not metrics.
# A configuration printed as YAML: minGPT's (`system:`, then `    seed: 3407`, `data:`, ...) and
# Hydra's `print(OmegaConf.to_yaml(cfg))` (`model:`, then `  hidden: 32`, `optimizer:`, ...):
# a section a config has, then indented `name: value` lines and other sections. A top-level
# `name: value` ends it.
_CFG_NAMES = (r"(?:system|model|trainer|optimizer|optim|data|dataset|datamodule|scheduler"
              r"|lr_scheduler|callbacks|logger|paths|hydra|experiment|defaults):\s*")
_CFG_HEAD = re.compile(_CFG_NAMES)
_CFG_SECTION = re.compile(rf"{_CFG_NAMES}|[a-z_][a-z0-9_]{{0,40}}:\s*")


parse_config_head = _claims(_CFG_HEAD)
"""The first line of a printed YAML config."""


_CFG_SETTING = re.compile(r"\s{2,}[\w.\-]{1,80}:(?:\s+(\S.*))?\s*")


# nanoGPT's configurator prints the config file it runs, `Overriding config with
# config/train_shakespeare_char.py:` and then the file: Python assignments (`n_layer = 6`),
# comments and blank lines, settings all.
_PY_CONFIG_HEAD = re.compile(r"Overriding config with \S{1,200}\.py:\s*")
parse_py_config_head = _claims(_PY_CONFIG_HEAD)
"""The line before a Python config file printed whole."""
_PY_CONFIG_LINE = re.compile(
    r"\s*(?:#.*|[A-Za-z_][\w.]{0,80}\s*=.*|(?:from\ [\w.]{1,80}\ )?import\ .*|)")


def py_config_rows(header: str) -> Callable[[str], list[Found]]:
    """The printed file's assignments, comments and blank lines: nothing; its first other
    line ends it."""
    return lambda line: [CLAIM] if _PY_CONFIG_LINE.fullmatch(line) else []


# A program's settings listed under a heading, one indented `name: value` a line, also through a
# logger: open_clip's `... | INFO | open_clip_train.main | Params:`, then `... |   accum_freq: 1`.
_PARAMS_HEAD = re.compile(
    r"(?i:params|parameters|hyperparameters|hyper-parameters|arguments|args|settings|options"
    r"|config|configuration):\s*")
_PARAMS_ROW = re.compile(r"\ {1,8}[\w.\-]{1,80}:(?:\s.*)?")


def parse_params_head(line: str) -> list[Found]:
    """The heading of a listed program's settings (`Params:`)."""
    return [CLAIM] if _PARAMS_HEAD.fullmatch(message(line)) else []


# A line of a Python config as MMEngine prints it (yapf's layout): an assignment, a line
# inside its brackets, or the bracket that closes it.
_PY_CONFIG_DUMP = re.compile(r"[A-Za-z_]\w{0,80}\ =\ |\s+\S|[)\]}]")


def params_rows(header: str) -> Callable[[str], list[Found]]:
    """The settings under the heading, each a `name: value` indented deeper than the heading,
    also after a logger's prefix: nothing. A line that is not ends them. A heading that is a
    log line's message heads the rest of that message too: MMEngine's `... - mmengine - INFO
    - Config:`, then its config's Python flush left (`model = dict(`, `    depth=50,`, `)`),
    up to a line of anything else."""
    column = len(header) - len(message(header).lstrip())  # where the heading's text starts
    logged = message(header) is not header

    def row(line: str) -> list[Found]:
        said = message(line)
        if logged and said is line and _PY_CONFIG_DUMP.match(line):
            return [CLAIM]
        text = said.lstrip()
        indented = len(line) - len(text) > column and not line[column : column + 1].strip()
        return [CLAIM] if indented and _PARAMS_ROW.fullmatch(" " + text) else []

    return row


def config_rows(header: str) -> Callable[[str], list[Found]]:
    """Every indented `name: value` line of the config and its section lines: nothing. Under
    a section other than minGPT's `system:`, the first line must be a setting's (a value that
    is no number, or a nested section): `model:` then `  accuracy: 0.91` are metrics."""
    first = [header.strip() != "system:"]

    def row(line: str) -> list[Found]:
        if first[0]:
            first[0] = False
            setting = _CFG_SETTING.fullmatch(line)
            value = None if setting is None else setting.group(1)
            if setting is None or (value is not None and parse_number(value) is not None):
                return []
        return [CLAIM] if (
            (line.startswith("  ") and ":" in line) or _CFG_SECTION.fullmatch(line)) else []

    return row
