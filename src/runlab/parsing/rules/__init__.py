"""The built-in metric rules: small named functions that find metrics in one line of output.

Owns ``RULES``, the table the parser applies. A rule turns a line into ``(key, value, step)``
findings and knows nothing of state across lines: which finding sets the step, what the step is
when none is given, which duplicate wins, which redraw of a progress bar is kept and how far a
table goes is the parser's job (parser.py), steered by the rule's flags. A new library format
is one more ``Rule`` in the table and one more test case; the library rules come before the
generic ones (``json``, ``python_dict``, ``key_value``) and claim their lines.

The rules live by family: base.py (what a rule is, the number syntax they share), pairs.py
(names and values in a line, and which names are metrics'), dicts.py (JSON and Python dicts),
bars.py (progress bars), libraries.py (libraries' own log formats and known noise).
"""

from __future__ import annotations

from runlab.parsing.rules.bars import (
    parse_keras,
    parse_pymc_fit,
    parse_rich_bar,
    parse_tqdm_postfix,
    read_rich,
    read_tqdm,
)
from runlab.parsing.rules.base import STEP_NAMES, Rule
from runlab.parsing.rules.dicts import (
    error_properties_rows,
    parse_error_properties_head,
    parse_hf_trainer,
    parse_inspected,
    parse_json,
    parse_python_dict,
    parse_scores_dict,
)
from runlab.parsing.rules.libraries import (
    metric_table_rows,
    parse_metric_table_header,
    named_rows,
    parse_named_rows_header,
    csv_rows,
    parse_csv_header,
    box_rows,
    cma_rows,
    config_rows,
    py_config_rows,
    warning_source,
    crfsuite_settings,
    parse_crfsuite_stage,
    parse_box_edge,
    parse_sb3_eval,
    parse_catalyst,
    parse_cma_header,
    parse_flaml,
    parse_coco_eval,
    parse_sacrebleu,
    parse_trec_eval,
    parse_gensim,
    parse_hmmlearn,
    parse_labelled_header,
    labelled_rows,
    parse_config_head,
    parse_params_head,
    params_rows,
    parse_py_config_head,
    parse_python_warning,
    parse_nameless_loss,
    parse_gb_header,
    parse_gb_row,
    parse_gpy_header,
    parse_elegantrl_header,
    elegantrl_rows,
    parse_statsmodels_summary,
    parse_statsmodels_scale,
    parse_lbfgsb,
    parse_lbfgsb_header,
    parse_ase_header,
    parse_fancy_grid_top,
    fancy_grid_rows,
    parse_node_table_header,
    node_table_rows,
    parse_r_vector_header,
    r_vector_rows,
    parse_r_list_header,
    r_list_rows,
    parse_phase_frame_header,
    phase_frame_rows,
    parse_lm_eval_header,
    lm_eval_rows,
    ase_rows,
    parse_pyscf_cycle,
    lbfgsb_rows,
    parse_sklearn_solvers,
    parse_lars_header,
    lars_rows,
    parse_cp_sat,
    parse_nautilus_header,
    nautilus_rows,
    parse_basicsr_header,
    basicsr_rows,
    parse_detectron2_heading,
    detectron2_rows,
    parse_dotted_header,
    parse_ipopt_header,
    parse_solver_banner,
    solver_setup_rows,
    parse_ecos_header,
    ecos_rows,
    parse_highs,
    highs_rows,
    parse_scipy_table,
    scipy_table_rows,
    parse_tune_result,
    parse_ultranest,
    gpy_rows,
    parse_vw_header,
    parse_report_header,
    parse_report_heading,
    report_heading_rows,
    parse_with_std,
    parse_wrapped_array,
    wrapped_array_rows,
    parse_lr_change,
    parse_darknet,
    parse_ignite,
    parse_autogluon,
    parse_skopt,
    parse_caffe,
    parse_caffe_setup,
    caffe_setup_rows,
    parse_catboost,
    parse_lightgbm,
    logger_total_rows,
    parse_logger_total,
    parse_metric_logger,
    parse_mmengine,
    parse_noise,
    parse_keras_tuner,
    parse_optuna,
    parse_best_trial,
    best_trial_rows,
    parse_progress_meter,
    parse_ray_box,
    parse_repr_head,
    parse_results_header,
    parse_sklearn,
    parse_sklearn_cv,
    parse_sklearn_hgb,
    parse_statsmodels_head,
    parse_mindspore,
    parse_mljar,
    parse_nevergrad,
    parse_labml,
    parse_deepxde_header,
    deepxde_rows,
    parse_cmdstan_header,
    cmdstan_rows,
    parse_mlxtend,
    parse_arima_trace,
    parse_inertia,
    parse_stylegan,
    parse_id_table,
    parse_frame_header,
    parse_posterior_header,
    posterior_rows,
    parse_score_grid,
    parse_running_generation,
    parse_table_groups,
    parse_table_header,
    parse_timm,
    parse_visualizer,
    parse_wandb_summary,
    ray_rows,
    parse_lr_scheduler,
    parse_xgboost,
    parse_yolo_header,
    repr_rows,
    vw_rows,
    report_rows,
    results_rows,
    statsmodels_rows,
    group_rows,
    frame_rows,
    dotted_rows,
    grid_rows,
    ipopt_rows,
    tune_result_rows,
    parse_st_heading,
    parse_st_similarity,
    parse_lightgbm_cli,
    st_rows,
    id_rows,
    table_rows,
    wandb_rows,
    keras_tuner_rows,
    yolo_rows,
)
from runlab.parsing.rules.pairs import (
    parse_array_value,
    parse_assigned_tuple,
    parse_at_step,
    parse_call_name,
    parse_epoch_header,
    parse_fraction,
    parse_decorated,
    parse_is_value,
    parse_key_value,
    parse_model_name_value,
    parse_leading_position,
    parse_position,
    parse_split_name,
)

__all__ = ["RULES", "Rule"]

RULES: list[Rule] = [
    Rule(
        "metric_logger",
        "the MetricLogger of torchvision's reference scripts (and DETR, DeiT, MAE, DINO): "
        "`Epoch: [2]  [10/50]  eta: 0:00:10  lr: 0.1  loss: 2.30 (2.31)  time: 0.2  data: 0.1` "
        "gives each meter's current value (not the bracketed average) at the global step "
        "2 * 50 + 10, the step of the lines that follow; under `Test:` the keys are "
        "Test_loss, ..., and `Test:  Acc@1 70.0 "
        "Acc@5 90.0` (or the older ` * Acc@1 70.0 Acc@5 90.0 loss 1.2`, printed by the same "
        "evaluation) gives Test_Acc@1, Test_Acc@5 (and Test_loss); DeiT's and MAE's "
        "`Averaged stats: lr: 0.00003  loss: 2.33 (2.39)` gives Averaged_stats/lr, ...",
        parse_metric_logger,
        ("eta: ", "Acc@1 ", "Prec@1 ", "] Total time: ", "Averaged stats: "),
        sets_step=True,
        counts=True,
        final=True,
    ),
    Rule(
        "logger_total",
        "an evaluation's MetricLogger total, `Test:  Total time: 0:00:00`, then DETR's "
        "`Averaged stats: loss: 1.34 (1.36)` of that evaluation: Test_Averaged_stats/loss",
        parse_logger_total,
        (": Total time: ", ":  Total time: "),
        final=True,
        rows=logger_total_rows,
    ),
    Rule(
        "mmengine",
        "MMEngine's log lines (OpenMMLab: mmdet, mmseg, mmpretrain): `Epoch(train) [2][ 5/25]  "
        "lr: 1.0000e-01  eta: 0:00:01  time: 0.0051  data_time: 0.0031  loss: 2.2991` at the "
        "global iteration 25 + 5; `Epoch(val) [2][4/4]  accuracy: 57.8` at the epoch, as "
        "MMEngine's own scalars.json; `eta` is not a metric",
        parse_mmengine,
        ("(train) ", "(val) ", "(test) "),
        final=True,
    ),
    Rule(
        "ignite",
        "PyTorch Ignite's example lines: `Epoch[1] Iteration[10/469] Loss: 0.23` at the "
        "trainer's global iteration, 10; `Validation Results - Epoch: 2  Avg accuracy: 0.9 "
        "Avg loss: 0.3` as Validation_Results/Avg_accuracy, ... at the epoch, 2 (the words "
        "before `Results` name the evaluation, as a section label does)",
        parse_ignite,
        ("] Iteration[", " Results - Epoch: ", " Results - Epoch["),
        final=True,
    ),
    Rule(
        "timm",
        "timm's train.py: `Train: 2 [  10/25 ( 44%)]  Loss: 2.31 (2.35)  Time: 0.102s, 233.9/s  "
        "(0.221s, 582.2/s)  LR: 1.000e-03  Data: 0.350 (0.180)` gives Loss and LR (the current "
        "values, not the bracketed averages) at the global step 2 * 25 + 10, the step of the "
        "lines that follow; `Test: [   3/10]  Time: ...  Loss: 6.906 (6.906)  Acc@1: 1.5 (1.2)  "
        "Acc@5: ...` gives Test_Loss, Test_Acc@1, Test_Acc@5; Time and Data are its timings",
        parse_timm,
        ("Train: ", "Test: ", "Test ("),
        sets_step=True,
        counts=True,
        final=True,
    ),
    Rule(
        "progress_meter",
        "the ProgressMeter of pytorch/examples' imagenet/main.py (MoCo, SimCLR, ...): "
        "`Epoch: [2][ 10/500]\\tTime  0.234 ( 0.334)\\tLoss 6.8e+00 (6.9e+00)\\tAcc@1   1.00 "
        "(  0.50)` gives Loss and Acc@1 (current values, not the averages in brackets; Time "
        "and Data are its timings) at the global step 2 * 500 + 10 (epochs from 0, or from 1 when "
        "the first printed is 1: SupContrast's), the step of the lines that follow; `Test: [ 10/196]\\t...` gives Test_Loss, Test_Acc@1; Swin Transformer's "
        "`Train: [0/2][0/10]\\teta 0:00:10 lr 0.0001\\t...\\tloss 6.9 (6.9)` gives lr and "
        "loss at 0 * 10 + 0",
        parse_progress_meter,
        ("]\t",),
        sets_step=True,
        counts=True,
        final=True,
    ),
    Rule(
        "optuna",
        "Optuna's `Trial 3 finished with value: 0.12 and parameters: {'lr': 0.01}. Best is "
        "trial 1 with value: 0.1.` as value 0.12 at step 3 (the trial's number; the lines "
        "after it are the next trial's, at step 4); its "
        "parameters and the best value are not points; several objectives' `values: [a, b]` "
        "as value_0, value_1, named ones (`{'acc': 0.9}`) by their names",
        parse_optuna,
        (" finished with value", " failed with "),
        sets_step=True,
        ends_step=True,
        final=True,
    ),
    Rule(
        "best_trial",
        "optuna's examples' epilogue, `Best trial:` then `  Value: 0.733` and `  Params: ` over "
        "`    x: 2.05`: the best trial's value again (as `Best is trial 1 with value: ...`) "
        "and its settings, no metrics",
        parse_best_trial,
        ("Best trial:",),
        final=True,
        rows=best_trial_rows,
    ),
    Rule(
        "keras_tuner",
        "Keras Tuner's display: `Trial 3 Complete [00h 00m 01s]` then the objective's "
        "`val_accuracy: 0.80` as score 0.80 and `Best val_accuracy So Far: 0.80` as "
        "Best_val_accuracy_So_Far, at step 3; `results_summary()`'s trials (`Trial 2 summary`, "
        "`Hyperparameters:`, `units: 16`, `Score: 0.80`) and `Default search space size` are "
        "no points",
        parse_keras_tuner,
        (" Complete [", "Results summary", "Default search space size: "),
        final=True,
        rows=keras_tuner_rows,
    ),
    Rule(
        "sklearn_cv",
        "scikit-learn's search at verbose 2 or more: `[CV 1/3] END ....C=1, gamma=0.1;, "
        "score=0.860 total time=   0.0s` as score; the candidate's parameters before the `;` "
        "are settings, not metrics",
        parse_sklearn_cv,
        ("] END ",),
        final=True,
    ),
    Rule(
        "flaml",
        "FLAML's AutoML log: `iteration 3, current learner lgbm` sets the step, 3; `at 0.7s, "
        "estimator lgbm's best error=0.0171, best estimator lgbm's best error=0.0171` gives "
        "estimator_lgbm's_best_error and best_estimator_lgbm's_best_error at it",
        parse_flaml,
        (", current learner ", "s best error="),
        sets_step=True,
        final=True,
    ),
    Rule(
        "repr",
        "an object's settings printed over several lines, a scikit-learn estimator's repr "
        "(`LGBMClassifier(colsample_bytree=0.65,` then `    max_bin=1023, n_estimators=9,` "
        "lines until its parenthesis closes): settings, not metrics",
        parse_repr_head,
        ("=",),
        final=True,
        rows=repr_rows,
    ),
    Rule(
        "statsmodels",
        "statsmodels' optimizer report: `Optimization terminated successfully.`, then "
        "`Current function value: 0.568174` and `Iterations 6` (the evaluation counts of "
        "scipy's methods are not metrics)",
        parse_statsmodels_head,
        ("Optimization terminated", "Maximum number of iterations"),
        final=True,
        rows=statsmodels_rows,
    ),
    Rule(
        "autogluon",
        "AutoGluon's score of each model, its value first between tabs: `0.85 = Validation "
        "score   (accuracy)` as Validation_score_(accuracy) (the runtimes after it are timings)",
        parse_autogluon,
        (" = Validation score",),
        final=True,
    ),
    Rule(
        "caffe",
        "Caffe's solver log (behind glog's prefix): `Iteration 100 (4.7 iter/s, 21.2s/100 "
        "iters), loss = 0.2` sets the step, 100 (its smoothed loss repeats the output's); `    "
        "Train net output #0: loss = 0.2 (* 1 = 0.2 loss)` as loss, `Iteration 100, lr = "
        "0.0099` as lr at 100; after `Iteration 500, Testing net (#0)`, `    Test net output "
        "#0: accuracy = 0.97` as Test/accuracy at 500, as Caffe's tools/extra/parse_log.py "
        "reads them",
        parse_caffe,
        ("Iteration ", " net output #"),
        sets_step=True,
        final=True,
    ),
    Rule(
        "caffe_setup",
        "Caffe's start-up: the solver's and nets' parameters after `Initializing solver from "
        "parameters: ` (`base_lr: 0.01`, `momentum: 0.9`, `layer {` ...), up to the next glog "
        "line, and a layer's `Top shape: 64 1 28 28 (50176)`, `Memory required for data: "
        "200704`: settings and sizes, no metrics",
        parse_caffe_setup,
        ("from parameters:", "] Top shape: ", "] Memory required for data: "),
        final=True,
        rows=caffe_setup_rows,
    ),
    Rule(
        "skopt",
        "scikit-optimize's `Iteration No: 3 ended. ...`: the `Function value obtained: 0.83` and "
        "`Current minimum: 0.83` after it are at step 3 (its `Time taken` is a timing)",
        parse_skopt,
        ("Iteration No: ",),
        sets_step=True,
        final=True,
    ),
    Rule(
        "visualizer",
        "pytorch-CycleGAN-and-pix2pix's losses (CUT, SPADE, ...): `(epoch: 2, iters: 4, time: "
        "0.026, data: 0.000) G_GAN: 0.698 G_L1: 49.070 D_real: 0.692` at the images seen, "
        "(epochs before) x (images an epoch, the furthest `iters` of an epoch) + 4; time and "
        "data are its timings",
        parse_visualizer,
        ("(epoch: ",),
        final=True,
        counts=True,
    ),
    Rule(
        "mindspore",
        "MindSpore's LossMonitor, `epoch: 2 step: 3, loss is 2.297`: the loss at a position in "
        "epoch 2 whose length is not printed, (epochs before) x (the furthest step of an epoch) "
        "+ 3",
        parse_mindspore,
        (", loss is ",),
        final=True,
        counts=True,
    ),
    Rule(
        "mljar",
        "mljar-supervised's models as they are trained, `3_Linear logloss 0.181074 trained in "
        "12.19 seconds`: 3_Linear_logloss (the time is a timing)",
        parse_mljar,
        (" trained in ",),
        final=True,
    ),
    Rule(
        "nevergrad",
        "nevergrad's `minimize` at verbosity: `Updating fitness with value 9.26` (fitness), "
        "`Current pessimistic best is: MultiValue<mean: 0.5, count: 1, ...>` "
        "(Current_pessimistic_best/mean)",
        parse_nevergrad,
        ("Updating fitness with value ", " best is: MultiValue<"),
        final=True,
    ),
    Rule(
        "mlxtend",
        "mlxtend's SequentialFeatureSelector at verbose=2, `Features: 2/3 -- score: 0.97`: "
        "score at step 2 (the number of features selected)",
        parse_mlxtend,
        ("Features: ",),
        final=True,
    ),
    Rule(
        "arima_trace",
        "statsforecast's AutoARIMA with trace=True, `ARIMA(0,1,0)(0,1,0)[12]   : 1031.5391`: "
        "each model's information criterion, named by nothing, as ic",
        parse_arima_trace,
        ("ARIMA(",),
        final=True,
    ),
    Rule(
        "tslearn",
        "tslearn's TimeSeriesKMeans at verbose, `15.795 --> 7.716 --> 7.716 --> `: each "
        "iteration's inertia",
        parse_inertia,
        (" --> ",),
        final=True,
    ),
    Rule(
        "stylegan",
        "StyleGAN2-ADA's tick line: `tick 2     kimg 0.1      time 13s   sec/tick 2.3   ... "
        "augment 0.032`, each field (kimg, sec/tick, ..., augment) at the tick, 2",
        parse_stylegan,
        ("kimg ",),
        sets_step=True,
        final=True,
    ),
    Rule(
        "ray_tune",
        "Ray Tune's trial boxes: `│ Trial train_fn_1b812_00002 result │` then `│ loss  0.44035 "
        "│` rows, each at the trial's number, 2 (`training_iteration` and the `time_*` timings "
        "are not metrics; a `config` box holds settings)",
        parse_ray_box,
        (" result ", " config "),
        final=True,
        rows=ray_rows,
    ),
    Rule(
        "wandb_summary",
        "Weights & Biases' `wandb: Run summary:`, then `wandb:  acc 0.8275` rows: each number "
        "under its name",
        parse_wandb_summary,
        ("Run summary:",),
        final=True,
        rows=wandb_rows,
    ),
    Rule(
        "lr_scheduler",
        "PyTorch's schedulers, verbose: `Adjusting learning rate of group 0 to 1.0000e-03.` and "
        "ReduceLROnPlateau's `Epoch 00002: reducing learning rate of group 0 to 1.0000e-04.` as "
        "lr (another group's lr/group_1), at the epoch the line names, else the current step",
        parse_lr_scheduler,
        ("learning rate of group ",),
        final=True,
    ),
    Rule(
        "epoch_header",
        "a line starting with `Epoch 3/10`, `Epoch 3`, `epoch: 3/10`, `Epoch [3/10]` or "
        "`Start of epoch 3`, `Results for epoch 3:` (or `Ep 3:`) sets "
        "the step for itself and the following lines; it records nothing",
        parse_epoch_header,
        ("Epoch", "epoch", "EPOCH", "Ep "),
        sets_step=True,
    ),
    Rule(
        "generation_header",
        "neat-python's ` ****** Running generation 4 ****** ` sets the step for the following "
        "lines; it records nothing",
        parse_running_generation,
        ("Running generation ",),
        sets_step=True,
    ),
    Rule(
        "nameless_loss",
        "famous lessons' losses printed with no name: makemore's `   1000/  10000: 1.2986`, "
        "PyTorch's char-RNN tutorial's `1000 5% (0m 4s) 2.7231 Sezz / Chinese ✗ (Spanish)` and "
        "seq2seq tutorial's `0m 14s (- 2m 14s) (200 10%) 2.0976` (the char-RNN generation "
        "tutorial's `0m 37s (5000 5%) 3.1506`), CS224n's word2vec `iter 10: "
        "8.081992`: `loss` at the step printed",
        parse_nameless_loss,
        ("%) ", "s) ", "iter "),
        starts="0123456789",
        final=True,
    ),
    Rule(
        "python_warning",
        "a Python warning, `file.py:444: UserWarning: ...`, and the source line printed under "
        "it (`  ax.set_xticklabels(labels, rotation=90)`): code, not metrics",
        parse_python_warning,
        ("Warning: ", "Error: "),
        final=True,
        rows=warning_source,
    ),
    Rule(
        "noise",
        "known lines that hold no metric: Python warnings (`x.py:321: ... (n_steps=50)`), "
        "`[LightGBM] [Info] ...: 200`, LightGBM's `Early stopping, best iteration is:` and "
        "the repeated line after it, Lightning's `GPU available: False`, scikit-learn's "
        "`... tol=0.0001 ...`, Keras' model summary, the Trainer's banner, pip's notices, timm's "
        "optimizer and schedule lines, a PyTorch module's repr (`print(model)`), argparse's "
        "`Namespace(lr=0.1, ...)` (`print(args)`), pandas' `df.info()`, IPython's `%time`, "
        "Hydra's `HYDRA_FULL_ERROR` hint, `print(os.environ)`, mlpack's `Execution parameters:` "
        "and `Program timers:` after a run (`[INFO ]   lambda: 0.1`), SciPy's Fortran "
        "L-BFGS-B's `N = 5  M = 10` and TNC's `tnc: fscale = ...`, HiGHS' `Simplex iterations: "
        "14` and `HiGHS run time : 0.00`, a masked array's `fill_value=1e+20`, a search's "
        "`best_index_: 2`",
        parse_noise,
        (".py:", "[LightGBM] [", "iteration is:", "PU available: ", "LOCAL_RANK: ", "tol=",
         " params: ", " = ", "[notice] ", "Created wheel", "Modules in ", "Total FLOPs",
         "Total estimated", "NUMERICAL", "CATEGORICAL", "BOOLEAN", "HASH", "max_vocab_count", "ℹ ", "Build settings: ", ") optimizer: ", "Scheduled epochs: ",
         "features=", "channels=", "start_dim=", "normalized_shape=", "num_embeddings=",
         "kernel_size=", "eps=", "training speed: ", "find the best model: ", "function:", "Trial status: ", "JAX ", "DECODE: ", "Namespace(", "random_state=", "verbose=",
         "Running optimization with ", "CMA-ES (", "termination on {", " iters with {", "Total seconds required ", "Seconds required: ",
         "(p=", "(inplace=", "(dim=", "(negative_slope=", "engine/trainer: ", "] time (ms) | ",
         " .... ", "FrozenTrial(", "[process=", "CheckpointHandler: ",
         "MemoryRegulated: ", "Metadata={", "work unit notes: ", "Better model found at ", "Error: ", "Exception: ",
         "Overriding model", " layers", "Fast image access", "Scanning ", "optimizer: ",
         "fraction=", " of the training set: ", "Corpus: ", "Binning ", " trees in ",
         "number of ", "max word length", "dataset determined", "#params", "data has ",
         " lifecycle event {", " downsamples ", ". New best score: ", "Monitored metric ",
         "Overriding: ", "Best pipeline: ", "Number of ", "Total number of ", " bounds: ",
         "Total seconds in IPOPT", "Tuned aten.", "Cache: {",
         "NodeDef mentions attribute ", "SystemExit: ", "KeyboardInterrupt: ",
         "StopIteration: ", "Ray deduplicates logs ", "Current best trial: ",
         "Received SIG", "[HYDRA] ", "RangeIndex: ", "Index: ", "Data columns (", " non-null ", "Non-Null Count",
         "dtypes: ", "memory usage: ", "environment variable ", "environ({", "CPU times: ",
         "Wall time: ", "[INFO ]   ", "tnc: ", "Simplex   iterations", "IPM       iterations",
         "Crossover iterations", "PDLP      iterations", "QP ASM    iterations", "HiGHS run time", "fill_value=",
         "best_index_"),
        noise=True,
    ),
    Rule(
        "error_properties",
        "a Node error's own properties, printed after its stack: its last line `    at "
        "node:internal/main/run_main_module:28:49 {`, then `  code: 'ERR_X',`, `  loss: NaN,`, "
        "its `[cause]: ...`, up to `}`: what the error carries, no metrics",
        parse_error_properties_head,
        ("  at ",),
        final=True,
        rows=error_properties_rows,
    ),
    Rule(
        "sklearn",
        "scikit-learn's verbose MLP: `Iteration 5, loss = 0.42` (step 5), then "
        "`Validation score: 0.75` as validation_score; KMeans' `Iteration 5, inertia 2.1e4.`; "
        "t-SNE's `[t-SNE] Iteration 50: error = 43.6, gradient norm = 0.13 (...)` and `KL "
        "divergence after 250 iterations with early exaggeration: 40.7` at the iteration; MDS's "
        "`Iteration 3, stress 4591.3`, BernoulliRBM's `[BernoulliRBM] Iteration 1, "
        "pseudo-likelihood = -39.16, time = 0.01s` and dictionary learning's `Iteration   1 "
        "(elapsed time:   0s,  0.0mn, current cost  551.115)`",
        parse_sklearn,
        ("Iteration ", "Validation score: ", "[t-SNE] "),
        sets_step=True,
        final=True,
    ),
    Rule(
        "sklearn_solvers",
        "scikit-learn's solvers, verbose: liblinear's `iter 1 act 7.29e+01 pre 6.32e+01 delta "
        "1.13e+00 f 1.39e+02 |g| 1.36e+02 CG 2`, the graphical lasso's `Iteration 0, cost "
        "5.44e+01, dual gap -2.61e-01`, the Newton solvers' `1. max |gradient| 0.13 <= 0.0001 "
        "False` and `2. Newton decrement ...`, each at its iteration",
        parse_sklearn_solvers,
        ("iter ", "[graphical_lasso] ", "max |gradient| ", "Newton decrement "),
        final=True,
    ),
    Rule(
        "lbfgsb",
        "SciPy's Fortran L-BFGS-B (statsmodels' `fit(disp=True)`): `At iterate 3 f= "
        "-2.29602D-01 |proj g|= 3.08601D-02` as f and |proj_g| at step 3, and its summary row "
        "under `N Tit Tnf Tnint Skip Nact Projg F` as Projg and F",
        parse_lbfgsb,
        ("At iterate ",),
        final=True,
    ),
    Rule(
        "lbfgsb_summary",
        "the summary row of SciPy's Fortran L-BFGS-B: Projg and F (its `  F =   "
        "1.3502191981457816` after it the same F again, no second point)",
        parse_lbfgsb_header,
        ("Projg",),
        final=True,
        rows=lbfgsb_rows,
    ),
    Rule(
        "ase",
        "ASE's optimizers (BFGS, FIRE, ...): under `Step     Time          Energy          fmax`, "
        "each row `BFGS:    3 16:29:09        1.879314        0.049628` as Energy and fmax at "
        "step 3",
        parse_ase_header,
        ("fmax",),
        final=True,
        rows=ase_rows,
    ),
    Rule(
        "lm_eval",
        "EleutherAI's lm-evaluation-harness results table: under `|Tasks|Version|Filter|n-shot|"
        "Metric|   |Value|   |Stderr|`, each row `|arc_easy|1|none|0|acc|↑|0.4000|±|0.1124|` as "
        "arc_easy/acc and arc_easy/acc_stderr (a row that leaves the task blank is the task's "
        "above; `N/A` is no error)",
        parse_lm_eval_header,
        ("|Version|",),
        final=True,
        rows=lm_eval_rows,
    ),
    Rule(
        "fancy_grid",
        "tabulate's `fancy_grid` tables (Ludwig): under a header whose corner is blank and "
        "whose columns name splits, `│ │ train │ validation │ test │`, each row naming a "
        "measure, `│ accuracy │ 0.34 │ 0.33 │ 0.33 │`, as train/accuracy, validation/accuracy, "
        "test/accuracy; a table of a name and a value a row, `│ Best model's validation "
        "roc_auc │ 0.598 │`, as that name where it names a measure (a whole number there is a "
        "count); other grids (a DataFrame's rows, settings) are none",
        parse_fancy_grid_top,
        ("╒",),
        final=True,
        rows=fancy_grid_rows,
    ),
    Rule(
        "node_table",
        "Node's `console.table`: under `│ (index) │ epoch │ loss │ acc │`, each row `│ 0 │ 1 │ "
        "0.5 │ 0.7 │` as loss and acc at its epoch (or step, ...) where a column is one, else "
        "at its index, 0",
        parse_node_table_header,
        ("(index)",),
        final=True,
        rows=node_table_rows,
    ),
    Rule(
        "r_vector",
        "R's print of a named vector holding a counter, `print(c(epoch = e, loss = l, acc = a))`: "
        "`epoch  loss   acc ` over `  1.0   0.5   0.6 ` (every cell right-aligned in one width, a "
        "space after it; wrapped onto more such pairs when wide) as loss and acc at epoch 1; "
        "one of measures alone, `train_loss   val_loss ` over `       1.0        1.2 `, at the "
        "current step",
        parse_r_vector_header,
        # (a header of measures alone: R right-aligns its names, so one is padded by spaces)
        ("epoch ", "Epoch ", "step ", "Step ", "iter", "Iter", "  loss", "  Loss", "  val",
         "  acc", "  Acc", "  train", "  test", "  mae", "  mse", "  rmse", "  auc", "  f1",
         "  precision", "  recall"),
        final=True,
        rows=r_vector_rows,
    ),
    Rule(
        "r_list",
        "R's print of a list, `print(list(epoch = e, loss = l))`: `$epoch`, `[1] 1`, a blank "
        "line, `$loss`, `[1] 0.5`: loss at epoch 1 (a nested list's `$val$loss` as val/loss); "
        "a list first naming no counter, measure or phase (settings) is none",
        parse_r_list_header,
        (),
        final=True,
        rows=r_list_rows,
        starts="$",
    ),
    Rule(
        "pyscf",
        "PySCF's SCF cycles: `cycle= 3 E= -74.318  delta_E= -5.89  |g|= 1.42  |ddm|= 5.98` as "
        "E, delta_E, |g| and |ddm| at cycle 3; with symmetry, `HOMO (B1) = -0.3889  LUMO (A1) = "
        "-0.1845  gap/eV = 5.56` as HOMO, LUMO and gap/eV (the orbitals' symmetry changes from "
        "cycle to cycle)",
        parse_pyscf_cycle,
        ("cycle=", "HOMO ("),
        final=True,
    ),
    Rule(
        "statsmodels_summary",
        "statsmodels' results summary: `Log Likelihood  27.560`, `AIC  -47.120`, `Ljung-Box "
        "(L1) (Q):  0.01`, `Prob(Q):  0.91`, `Prob (F-statistic):  1.2e-05`, a GLM's `Pseudo "
        "R-squ. (CS):  0.2679` (Pseudo_R-squ._(CS)) (the other cells are key_value's)",
        parse_statsmodels_summary,
        ("Log Likelihood ", "AIC ", "BIC ", "HQIC ", "Prob(", "Prob (", "Ljung-Box (",
         "Pseudo R-squ. ("),
    ),
    Rule(
        "statsmodels_scale",
        "the scale a statsmodels summary shows fixed by its family, `Scale:  1.0000` (a "
        "Logit's, a Poisson GLM's): no metric (the line's other cell is read)",
        parse_statsmodels_scale,
        ("Scale: ",),
        final=True,
    ),
    Rule(
        "elegantrl",
        "ElegantRL's evaluator table, `ID Step Time | avgR stdR avgS stdS | expR objC objA "
        "etc.`: each measure at the row's step",
        parse_elegantrl_header,
        ("avgR   stdR",),
        final=True,
        rows=elegantrl_rows,
    ),
    Rule(
        "lars",
        "LARS' verbose table, `Step  Added  Dropped  Active set size  C`: C at each row's step",
        parse_lars_header,
        ("Step\t\tAdded",),
        final=True,
        rows=lars_rows,
    ),
    Rule(
        "pycma",
        "pycma's display, `Iterat #Fevals  function value  axis ratio  sigma  min&max std  "
        "t[m:s]`: function_value, axis_ratio, sigma, min_std and max_std at the iteration",
        parse_cma_header,
        ("Iterat #Fevals",),
        final=True,
        rows=cma_rows,
    ),
    Rule(
        "catalyst",
        "Catalyst's loader summary, `train (1/3) accuracy01: 0.25 | loss: 1.40 | lr: 0.1`: "
        "each metric under its loader (`train_accuracy01`, `valid_loss/std`) at the epoch",
        parse_catalyst,
        (" | ",),
        final=True,
    ),
    Rule(
        "crfsuite_settings",
        "CRFsuite's training stages (sklearn-crfsuite at verbose): a stage's title (`Feature "
        "generation`, `L-BFGS optimization`, `Holdout group: 2`), then its settings (`c1: "
        "0.100000`), progress and counts up to a blank line: settings, not metrics",
        parse_crfsuite_stage,
        ("Feature generation", "L-BFGS optimization", "Stochastic Gradient Descent (SGD)",
         "Averaged perceptron", "Passive Aggressive (PA)", "Adaptive Regularization of ",
         "Holdout group: "),
        final=True,
        rows=crfsuite_settings,
    ),
    Rule(
        "config_dump",
        "a config printed as YAML, minGPT's (`system:`, then indented `seed: 3407` lines and "
        "its `data:`, `model:`, `trainer:` sections) or Hydra's `OmegaConf.to_yaml(cfg)` "
        "(`optimizer:` then `  lr: 0.1`): settings, not metrics",
        parse_config_head,
        ("system:", "model:", "trainer:", "optimizer:", "optim:", "data:", "dataset:",
         "datamodule:", "scheduler:", "callbacks:", "logger:", "paths:", "hydra:",
         "experiment:", "defaults:"),
        final=True,
        rows=config_rows,
    ),
    Rule(
        "params_dump",
        "a program's settings under a heading, `Params:` then indented `  lr: 0.1` lines "
        "(open_clip logs its arguments so): settings, not metrics",
        parse_params_head,
        ("arams:", "eters:", "rguments:", "rgs:", "ettings:", "ptions:", "onfig:",
         "onfiguration:"),
        final=True,
        rows=params_rows,
    ),
    Rule(
        "py_config_dump",
        "a Python config file printed whole, nanoGPT's `Overriding config with "
        "config/train_shakespeare_char.py:` then `n_layer = 6`, comments and blank lines: "
        "settings, not metrics",
        parse_py_config_head,
        ("Overriding config with ",),
        final=True,
        rows=py_config_rows,
    ),
    Rule(
        "sklearn_hgb",
        "scikit-learn's HistGradientBoosting at verbose 2: `[3/30] 1 tree, 15 leaves, max "
        "depth = 7, train loss: 0.53864, val loss: 0.52855, in 0.001s` as leaves, max_depth, "
        "train_loss and val_loss at the iteration, 3",
        parse_sklearn_hgb,
        (", max depth = ",),
        final=True,
    ),
    Rule(
        "sklearn_gb",
        "scikit-learn's gradient boosting table: `Iter  Train Loss  OOB Improve  Remaining "
        "Time`, then rows as train_loss and oob_improve at the row's iteration",
        parse_gb_header,
        ("Remaining Time",),
        final=True,
        rows=lambda header: parse_gb_row,
    ),
    Rule(
        "report_heading",
        "a heading that names a split and a report over scikit-learn's classification report, "
        "`Val classification report:`, blank lines between: the report's keys under the "
        "heading's name (Val_classification_report/accuracy)",
        parse_report_heading,
        ("report:", "Report:", "REPORT:"),
        final=True,
        rows=report_heading_rows,
    ),
    Rule(
        "classification_report",
        "scikit-learn's classification report: `precision  recall  f1-score  support`, then "
        "a row a class and the averages, each score under its row's label (`0/precision`, "
        "`macro_avg/f1-score`) and `accuracy`; the supports are counts; its `output_dict` "
        "shown as a pandas frame (`pd.DataFrame(report).transpose()`) the same",
        parse_report_header,
        ("f1-score ", " iba "),
        final=True,
        rows=report_rows,
        # the program prints it (a Trainer's compute_metrics, a Lightning callback), never a
        # framework: its own, inside a hooked fit too
        generic=True,
    ),
    Rule(
        "labelled_table",
        "a table of labelled rows under a header naming the value columns (CRFsuite's `Label  "
        "Precision  Recall  F1  Support`, scikit-surprise's `Fold 1  Fold 2  Fold 3  Mean  "
        "Std`): each value under its row's label and column (`NAME/Precision`, "
        "`RMSE_(testset)/Fold_1`); supports are counts",
        parse_labelled_header,
        ("Label  ", "Class  ", "Metric  ", "Fold 1  ", "label  ", "class  ", "metric  "),
        final=True,
        rows=labelled_rows,
    ),
    Rule(
        "wrapped_array",
        "a measure's values printed as a NumPy array wrapped onto more lines (cross_val_score's "
        "ten folds, `Cross-validation scores: [0.912  0.807 ...` then ` 0.947  0.892]`): read "
        "when it closes, as on one line (Cross-validation_scores/0, ...)",
        parse_wrapped_array,
        (": [", "=["),
        final=True,
        rows=wrapped_array_rows,
    ),
    Rule(
        "lr_change",
        "a learning rate said to change: `Epoch 4: learning rate decayed to 0.0125`, `Epoch 3: "
        "lr -> 0.025`: learning_rate (lr) at the line's step (not Keras' ReduceLROnPlateau's "
        "note: its epoch's line shows the epoch's own rate)",
        parse_lr_change,
        ("rate to ", "set to ", "lr -> ", "LR -> ", "lr to ", "LR to ",
         "decayed to ", "reduced to ", "rate -> ", "lr → ", "rate → "),
        final=True,
        generic=True,
    ),
    Rule(
        "with_std",
        "the scikit-learn user guide's `0.98 accuracy with a standard deviation of 0.02`: "
        "accuracy and standard_deviation",
        parse_with_std,
        (" with a standard deviation of ",),
        final=True,
    ),
    Rule(
        "coco_eval",
        "pycocotools' summary (DETR, detectron2, MMDetection, YOLOv5): ` Average Precision  (AP) "
        "@[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.372` as "
        "AP@[IoU=0.50:0.95|area=all|maxDets=100]",
        parse_coco_eval,
        ("Average Precision  (AP) @[", "Average Recall     (AR) @["),
        final=True,
    ),
    Rule(
        "sacrebleu",
        "sacrebleu's chrF++, `chrF2++ = 71.1` (after its signature too): under its name as "
        "printed; a signature alone (`nrefs:1|case:mixed|...`) is settings",
        parse_sacrebleu,
        ("nrefs:", "++ = "),
        final=True,
    ),
    Rule(
        "trec_eval",
        "trec_eval's report over all queries, `map  all  0.4167` (pytrec_eval's printed so): "
        "the measure's value; its counts, `num_q`, `num_ret`, are none",
        parse_trec_eval,
        ("\tall\t", "  all ", "\tall "),
        final=True,
    ),
    Rule(
        "gensim",
        "gensim's LDA evaluation, `-7.123 per-word bound, 139.5 perplexity estimate based on "
        "...`: per-word_bound and perplexity_estimate",
        parse_gensim,
        (" perplexity estimate based on ",),
        final=True,
    ),
    Rule(
        "hmmlearn",
        "hmmlearn's convergence report, `         3   -1210.70573326      +7.09010736`: "
        "log_prob and delta (its template's names) at the iteration",
        parse_hmmlearn,
        (),
        starts="0123456789",
        final=True,
    ),
    Rule(
        "vowpal_wabbit",
        "Vowpal Wabbit's progressive validation table: `average  since  example ...` over "
        "`loss  last  counter ...`, then rows as average_loss and since_last at the example "
        "counter",
        parse_vw_header,
        ("average  since",),
        final=True,
        rows=vw_rows,
    ),
    Rule(
        "dotted_table",
        "a table with ` ... ` between its columns, the first a counter (PySINDy's optimizers, "
        "verbose: ` Iteration ... |y - Xw|^2 ...  a * |w|_2 ... |w|_0 ... Total error: ...`, "
        "then `0 ... 1.2383e+03 ... 4.8830e+02 ... 10 ... 1.7266e+03`): each value under its "
        "column's name (`|y_-_Xw|^2`, `Total_error`) at the row's counter",
        parse_dotted_header,
        (" ... ",),
        final=True,
        rows=dotted_rows,
    ),
    Rule(
        "sentence_transformers",
        "sentence-transformers' evaluators' log: `EmbeddingSimilarityEvaluator: Evaluating the "
        "model on the sts-dev dataset in epoch 0.5 after 2 steps:`, then `Cosine-Similarity:"
        "\tPearson: -0.667\tSpearman: -0.731` as sts-dev_pearson_cosine, ... at step 2; the "
        "information retrieval block's `Accuracy@1: 100.00%` as ir_cosine_accuracy@1 1.0; the "
        "binary classification block's `Accuracy with Cosine-Similarity: 62.50\t(Threshold: "
        "0.92)` as bc_cosine_accuracy 0.625 and bc_cosine_accuracy_threshold (the names the "
        "evaluator returns them by)",
        parse_st_heading,
        ("Evaluating the model on", "Evaluation of the model on"),
        final=True,
        rows=st_rows,
    ),
    Rule(
        "sentence_transformers_similarity",
        "a sentence-transformers evaluator's `Cosine-Similarity:\tPearson: -0.667\tSpearman: "
        "-0.731` apart from its heading (another stream's line between them) as "
        "pearson_cosine, spearman_cosine",
        parse_st_similarity,
        ("\tPearson: ",),
        final=True,
    ),
    Rule(
        "tune_result",
        "a Ray Tune or RLlib result printed by pretty_print (`print(pretty_print(algo.train()))`): "
        "`date: 2026-12-03_11-15-41`, then YAML nested two spaces a level (`env_runners:`, "
        "`  episode_return_mean: 18.09`): each numeric leaf by its path "
        "(env_runners/episode_return_mean) at the result's training_iteration; timers, "
        "throughputs, counters and process details are not metrics",
        parse_tune_result,
        ("date: ",),
        final=True,
        rows=tune_result_rows,
    ),
    Rule(
        "ipopt",
        "IPOPT's iteration table (CasADi, Pyomo, cyipopt): `iter    objective    inf_pr   inf_du "
        "lg(mu)  ||d||  lg(rg) alpha_du alpha_pr  ls`, then `   1  1.8457621e+01 1.48e-02 "
        "4.10e+01  -1.0 4.10e-01   2.0 1.00e+00 1.00e+00f  1`: each column but `ls` (a count) at "
        "the row's iteration; its summary's unscaled values, `Objective....:  1.35e-64  2.03e-64` "
        "as unscaled/Objective",
        parse_ipopt_header,
        ("inf_pr", "(unscaled)"),
        final=True,
        rows=ipopt_rows,
    ),
    Rule(
        "solver_setup",
        "the banner of a convex solver run verbose (CVXPY's `verbose=True`), OSQP's, SCS's or "
        "Clarabel's (`OSQP v1.0.0  -  Operator Splitting QP Solver`), and the problem's sizes "
        "and the solver's settings under it (`problem:  variables n = 80, constraints m = 120`, "
        "`sigma = 1.00e-06, alpha = 1.60`, `cones (total) = 2`): no metrics, up to its "
        "iteration table; SCS's, ` iter | pri res | dua res |   gap   |   obj   |  scale  | "
        "time (s)`, as pri_res, dua_res, gap, obj and scale at the row's iteration",
        parse_solver_banner,
        ("Operator Splitting QP Solver", "Splitting Conic Solver", "Clever Acronym"),
        final=True,
        rows=solver_setup_rows,
    ),
    Rule(
        "ecos",
        "ECOS's iteration table, `It  pcost  dcost  gap  pres  dres  k/t  mu  step  sigma  IR  "
        "|  BT`: pcost, ..., sigma at the row's iteration (the refinement and backtracking "
        "steps are counts)",
        parse_ecos_header,
        ("It     pcost",),
        final=True,
        rows=ecos_rows,
    ),
    Rule(
        "highs",
        "HiGHS' simplex log (`linprog(..., options={'disp': True})`), `  Iteration  Objective  "
        "Infeasibilities num(sum)`, then `   0  -2.8955001049e+02 Ph1: 15(989.915); Du: "
        "30(289.55) 0s` as Objective at iteration 0 (the infeasibilities' counts are none); "
        "the MIP's `Solving report`, `  Primal bound  -35.42`, `  Dual bound`, `  Gap  0% "
        "(tolerance: 0.01%)` (a setting), `  P-D integral  0.054`: Primal_bound, Dual_bound, "
        "Gap and P-D_integral",
        parse_highs,
        ("Infeasibilities num(sum)", "Solving report"),
        final=True,
        rows=highs_rows,
    ),
    Rule(
        "scipy_table",
        "SciPy's SLSQP at `iprint=2`, `  NIT    FC  OBJFUN  GNORM`, and TNC's, `  NIT   NF   F  "
        "GTG`: OBJFUN and GNORM (F and GTG) at the row's iteration (FC and NF count the "
        "function's calls; TNC's `tnc: fscale = ...` notes between the rows are none)",
        parse_scipy_table,
        ("NIT  ",),
        final=True,
        rows=scipy_table_rows,
    ),
    Rule(
        "ultranest",
        "UltraNest's status, `Z=-5.4(98.59%) | Like=-0.01..-0.00 [...]*| it/evals=3870/5575 "
        "eff=74.78% N=400`: Z, Like_1 and Like_2 (its range) and eff at step 3870",
        parse_ultranest,
        ("it/evals=",),
        final=True,
    ),
    Rule(
        "basicsr",
        "BasicSR's validation (Real-ESRGAN, SwinIR, HAT): `Validation Set5`, then `\\t # psnr: "
        "29.2410\\tBest: 29.2410 @ 20 iter` as Set5/psnr and, at iteration 20, Set5/psnr_Best",
        parse_basicsr_header,
        ("Validation ",),
        final=True,
        rows=basicsr_rows,
    ),
    Rule(
        "detectron2_eval",
        "Detectron2's COCO evaluation: `Evaluation results for bbox: ` then its table, `|   AP   "
        "|  AP50  |` over `| 43.495 | 64.081 |`, as bbox/AP, bbox/AP50; `Per-category bbox AP: ` "
        "then `| category | AP | category | AP |` rows as bbox/AP-person, ... (its own names)",
        parse_detectron2_heading,
        ("Evaluation results for ", "Per-category "),
        final=True,
        rows=detectron2_rows,
    ),
    Rule(
        "nautilus",
        "nautilus' status table, `Status | Bounds | ... | f_live | N_eff | log Z`, then rows "
        "as f_live, N_eff and log_Z",
        parse_nautilus_header,
        ("Status    | Bounds",),
        final=True,
        rows=nautilus_rows,
    ),
    Rule(
        "cp_sat",
        "OR-Tools CP-SAT's search log, `#3  0.08s best:65  next:[62,64]  main`: best at "
        "step 3, next_1 and next_2 (the range searched next; a `#Bound` line's at no step)",
        parse_cp_sat,
        (" next:[",),
        starts="#",
        final=True,
    ),
    Rule(
        "deepxde",
        "DeepXDE's training table, `Step  Train loss  Test loss  Test metric`, then rows of "
        "lists, `1000  [1.58e-04, 1.23e-07]  [1.64e-04, 1.23e-07]  [2.77e-04]`, as "
        "Train_loss/0, Train_loss/1, Test_loss/0, ..., Test_metric/0 at step 1000; its "
        "`Best model at step 10000:` summary (`  train loss: 5.01e-06`) at that step",
        parse_deepxde_header,
        ("Step      Train loss", "Best model at step "),
        final=True,
        rows=deepxde_rows,
    ),
    Rule(
        "cmdstan",
        "CmdStan's L-BFGS iterations (Prophet's and cmdstanpy's `optimize`): `Iter  log prob  "
        "||dx||  ||grad||  alpha  alpha0  # evals  Notes`, then rows (after `Chain [1] ` as "
        "cmdstanpy prints them) as log_prob, ||dx|| and ||grad|| at the iteration",
        parse_cmdstan_header,
        ("Iter      log prob",),
        final=True,
        rows=cmdstan_rows,
    ),
    Rule(
        "gpy",
        "GPy's optimization messages: `runtime  i  f  |g|`, then each iteration's row as f "
        "and |g| at step i",
        parse_gpy_header,
        ("runtime   i",),
        final=True,
        rows=gpy_rows,
    ),
    Rule(
        "sb3_eval",
        "stable-baselines3's EvalCallback: `Eval num_timesteps=1024, episode_reward=9.67 +/- "
        "0.94` and `Episode length: 9.67 +/- 0.94` as episode_reward, Episode_length and each "
        "one's _std, at the timesteps",
        parse_sb3_eval,
        ("Eval num_timesteps=", "Episode length: "),
        final=True,
    ),
    Rule(
        "sb3_box",
        "stable-baselines3's box: `| rollout/ |  |` then `|    ep_rew_mean | 22.4 |` as "
        "rollout/ep_rew_mean, every row at the box's time/total_timesteps; a table of "
        "`| Type | Value |` between `+---+---+` edges (terminaltables), `| IoU loss | 0.08 |` "
        "as IoU_loss",
        parse_box_edge,
        ("----------", "---+---"),
        rows=box_rows,
    ),
    Rule(
        "yolo",
        "Ultralytics YOLO: the `Epoch  GPU_mem  box_loss  cls_loss  dfl_loss  Instances  Size` "
        "header, then its bar's frames `1/3  0G  6.869  3.926  4.188  16  64: 6% ╸── 1/16`, "
        "each new row of running means at the global batch (epoch - 1) x 16 + 1 + 1; the "
        "validation's `Class  Images  Instances  Box(P  R  mAP50  mAP50-95)` and its `all` "
        "row as P, R, mAP50, mAP50-95 at the epoch (another class's as class/P, ...); GPU_mem, "
        "Instances, Size and Images are not metrics",
        parse_yolo_header,
        ("GPU_mem", "Instances  ", "classes  "),
        final=True,
        rows=yolo_rows,
    ),
    Rule(
        "lightning_results",
        "the table Lightning prints after trainer.test() or validate(): `┃ Test metric ┃ "
        "DataLoader 0 ┃` then `│ test_acc │ 0.4375 │` (or the same in plain columns without "
        "rich): each row's value under its name (with several dataloaders each column's "
        "as name/dataloader_idx_N)",
        parse_results_header,
        ("DataLoader 0",),
        final=True,
        rows=results_rows,
    ),
    Rule(
        "phase_frame",
        "a data frame with a column of phases, R's `  phase loss acc` over `1 train  1.0 0.6` "
        "(pandas' too): each value as train/loss, val/loss, at the row's `epoch` where a column "
        "is one, else at the current step",
        parse_phase_frame_header,
        (" phase", " split", " stage"),
        final=True,
        rows=phase_frame_rows,
    ),
    Rule(
        "posterior_summary",
        "a posterior summary, a row a parameter: ArviZ's `print(az.summary(idata))` (`        "
        "   mean  sd  hdi_3%  hdi_97%  mcse_mean  mcse_sd  ess_bulk  ess_tail  r_hat` over "
        "`theta[0]  4.076  5.041 ...`; hidden behind `...` or wrapped by pandas), NumPyro's "
        "`print_summary()` and Pyro's `summary()` (`mean  std  median  5.0%  95.0%  n_eff  "
        "r_hat`), cmdstanpy's `summary()` (`Mean  MCSE  StdDev ... R_hat`), `az.loo`'s and "
        "`az.waic`'s `Estimate  SE` over `elpd_loo  -103.83  4.30`: each value as "
        "parameter/column, theta[0]/r_hat, mu/5.0%, elpd_loo/Estimate, no step (a rate's "
        "column, `N_Eff/s`, a NaN and a `-` no value)",
        parse_posterior_header,
        ("r_hat", "R_hat", "n_eff", "N_Eff", "ess_", "ESS_", "mcse_", "MCSE", "hdi_", "eti_",
         "Estimate"),
        final=True,
        rows=posterior_rows,
    ),
    Rule(
        "frame",
        "a history printed as a pandas frame, `print(pd.DataFrame(history.history))`: `       "
        "loss  accuracy  val_loss` over a blank index column, then `0  0.5123  0.8125  0.4988`: "
        "each value under its column's name at the row's index (the curve's steps when its "
        "rows are the values of lines read before: Keras' epochs, then its history's frame, "
        "no new points); grouped columns (`train  val` over `loss  acc  loss  acc`) as "
        "train/loss; a NaN cell no point; a leaderboard whose first column names the models "
        "(H2O's `model_id  auc  logloss ...`, tabulate's `model  accuracy` over a rule) as "
        "model/auc, no step",
        parse_frame_header,
        ("  loss", "  Loss", "  val", "  acc", "  Acc", "  train", "  test", "  mae", "  mse",
         "  rmse", "  auc", "  f1", "  precision", "  recall", "model_id  ", "model  "),
        rows=frame_rows,
    ),
    Rule(
        "score_grid",
        "a grid of scores printed as a pandas frame, PyCaret's `      Accuracy     AUC  Recall   "
        "Prec.      F1   Kappa     MCC` over `Fold` and a row a fold (`0`, ..., `Mean`, `Std`): "
        "each cell named row then column, `0/Accuracy`, `Mean/AUC`; its `compare_models` grid "
        "(a Model column of names in words, wrapped by pandas after a `\\`) as `lr/Accuracy`; "
        "LazyPredict's frame of models (`Accuracy  Balanced Accuracy  ...  Time Taken` over "
        "`Model`, its middle columns hidden behind `...`) as `LinearSVC/Balanced_Accuracy`",
        parse_score_grid,
        ("Accuracy  ", "MAE  ", "  TT (Sec)", "R-Squared  "),
        rows=grid_rows,
    ),
    Rule(
        "id_table",
        "a table of things whose first column is their id, neat-python's species `   ID   age  "
        "size   fitness   adj fit  stag`: each row's fractional values as `{id}/{column}` "
        "(`1/fitness`), at the current step; whole numbers there are counts",
        parse_id_table,
        ("ID  ", "ID\t"),  # (not `id `: `valid 0.54` is the name_value rule's)
        rows=id_rows,
    ),
    Rule(
        "metric_table",
        "a table of two columns, names and values, as a program prints its results: "
        "Markdown's `| Metric | Value |` over `|---|---|`, a rich Table's `┃ Metric ┃ Value ┃`, "
        "tabulate's `│ metric │ value │`: each row's value under its name, `| precision | "
        "0.90 |` as precision (a `Name`/`Key` column's measures only)",
        parse_metric_table_header,
        ("Value", "value", "VALUE", "Score", "score", "Result", "result"),
        final=True,
        rows=metric_table_rows,
    ),
    Rule(
        "csv_rows",
        "comma-separated values under a header of names, one a measure's: a loop's `epoch,"
        "train_loss,val_loss` over `1,0.52,0.61`, pandas' `to_csv()`: each value under its "
        "column's name, a counter's column (`epoch`, `step`) the row's step",
        parse_csv_header,
        # (a counter's name and a comma, or the comma of pandas' unnamed index)
        tuple(f"{name}," for counter in STEP_NAMES for name in (counter, counter.title())),
        starts=",",
        final=True,
        rows=csv_rows,
    ),
    Rule(
        "named_rows",
        "a results table between bars whose first column names its rows: Cornac's `    |    "
        "MAE |   RMSE` over `PMF | 0.7351 | 0.8358`, MACE's `|  config_type  | MAE E / meV |` "
        "over `| train_Default |  844.7  |`: each value as row/column (PMF/MAE, "
        "train_Default/MAE_E; a unit after ` / `, a `%` and columns of seconds left out); a "
        "Markdown table of values alone whose first column names a measure, Detectron2's "
        "`|   AP   |  AP50  |` over `| 43.495 | 27.386 |`: each value under its column",
        parse_named_rows_header,
        (" | ", "┃ "),
        final=True,
        rows=named_rows,
    ),
    Rule(
        "table_groups",
        "a row of groups over a table's columns, gplearn's `    |   Population Average    |   "
        "  Best Individual    |`, then a divider and the header: each column under a group "
        "is named for it, `Population_Average/Fitness`, at the row's counter",
        parse_table_groups,
        (),
        starts="|",
        rows=group_rows,
    ),
    Rule(
        "table",
        "a table whose header names its columns, the first a counter (fastai's `epoch  "
        "train_loss  valid_loss  accuracy  time`, spaCy's `E  #  LOSS TOK2VEC  ...  SCORE`, DEAP's "
        "`gen\\tnevals\\tavg\\tstd\\tmin\\tmax`): "
        "each row's numbers under their column's name, at the row's counter (a hand-written "
        "loop's tab-separated `epoch\\ttrain_loss\\tval_loss` too, or one space apart when "
        "every name after the counter is a measure's; a pandas DataFrame printed with its "
        "index, the index not a column; a rich Table's header wrapped over two lines, each "
        "column's lines joined, `Training_Loss`); a NaN cell no point",
        parse_table_header,
        ("epoch ", "Epoch ", "E ", "# ", "step ", "Step ", "iter", "Iter", "gen\t", "gen ",
         "Gen", "n_gen ", "epoch\t", "Epoch\t", "step\t", "Step\t", "#\t", "E\t", "episode",
         "Episode", "ep ", "ep\t", "Ep ", "fold ", "Fold ", "fold\t", "Fold\t"),
        rows=table_rows,
    ),
    Rule(
        "xgboost",
        "XGBoost's evaluation log: `[3]\\ttrain-rmse:0.51\\teval-rmse:0.61` at step 3",
        parse_xgboost,
        ("]\t",),
        final=True,
    ),
    Rule(
        "lightgbm",
        "LightGBM's evaluation log: `[10]\\tvalid_0's l2: 0.3` as valid_0-l2 at step 10",
        parse_lightgbm,
        ("'s ",),
        final=True,
    ),
    Rule(
        "catboost",
        "CatBoost's verbose fit: `0:\tlearn: 0.6510516\ttest: 0.6641784\tbest: 0.6641784 (0)"
        "\ttotal: 152ms\tremaining: 5.91s` as learn and test at step 0 (`test1` for a second "
        "eval set); `best` and `bestTest = 0.55`, the best so far, and the timings are no points",
        parse_catboost,
        ("\ttotal: ", "bestTest = "),
        final=True,
    ),
    Rule(
        "lightgbm_cli",
        "LightGBM's command line tool: `[LightGBM] [Info] Iteration:3, training l2 : 0.0923` as "
        "training-l2 at step 3",
        parse_lightgbm_cli,
        ("] Iteration:",),
        final=True,
    ),
    Rule(
        "darknet",
        "darknet's training loop (YOLOv4's): `1: 4.756754, 4.756754 avg loss, 0.001000 rate, "
        "0.25 seconds, 64 images` as loss, avg_loss and rate at step 1",
        parse_darknet,
        (" rate, ",),
        final=True,
    ),
    Rule(
        "labml",
        "labml's console, `   1,024:  Sample: 100%   320ms  Train:   2% 28,663ms   loss.train:  "
        "3.32727 accuracy.train: 0.056641  28,983ms`: its indicators at step 1024, once per "
        "redraw that shows a new value (its sections' progress is not a metric)",
        parse_labml,
        ("ms  ", "%\t"),
        final=True,
        redraws=True,
    ),
    Rule(
        "keras",
        "a Keras progress line: `8/8 ━━━━ 0s 3ms/step - accuracy: 0.88 - loss: 0.43`, one "
        "point per key and epoch however often the bar is redrawn",
        parse_keras,
        ("/step", "/sample", " - ETA: "),
        final=True,
        redraws=True,
    ),
    Rule(
        "tqdm_postfix",
        "a tqdm bar (tqdm's set_postfix, PyTorch Lightning): `Epoch 3: 50%|█| 12/24 "
        "[00:01<00:01, 9.5it/s, loss=0.3]`, a point per key whenever a redraw shows a new "
        "value, at the bar's global step; Lightning's v_num is not a metric; Ignite's "
        "`Epoch [3/5]: [12/24]  50%|█     , loss=0.3 [00:01<00:01]` too, and a bar_format of "
        "a count and times, `[train] epoch: 1/3, [12/50], loss=1.89 [00:01<00:02]`",
        parse_tqdm_postfix,
        ("/s, ", "/it, ", "/s]", "/it]", "%|", "<", "% |", "/s)",
         # (progressbar2's count in words, its bar drawn with `#` or followed by its times)
         "% (", " |#", "#|", "| ETA", "| Elapsed", " |          "),
        final=True,
        bar=read_tqdm,
    ),
    Rule(
        "rich_bar",
        "a rich progress bar (Lightning's RichProgressBar): `Epoch 2/9 ━━━━ 12/24 0:00:01 • "
        "0:00:01 9.50it/s train_loss: 0.61`, a point per new value at the bar's global step",
        parse_rich_bar,
        # (or no bar drawn, a pipe's frame at 0%: its percentage, then the time)
        (" • ", "━ ", "╸ ", "╺ ", "% 0:", "% -:"),
        final=True,
        bar=read_rich,
    ),
    Rule(
        "pymc_fit",
        "PyMC's variational fit stopped early: `Interrupted at 99 [0%]: Average Loss = "
        "1.653e+05` as Average_Loss at step 99 (the percentage is no step)",
        parse_pymc_fit,
        ("Interrupted at ",),
        final=True,
    ),
    Rule(
        "hf_trainer",
        "a Hugging Face Trainer log dict, its floats printed as strings: "
        "{'loss': '0.6933', 'learning_rate': '4.375e-05', 'epoch': '0.375'}",
        parse_hf_trainer,
        ("{'",),
        final=True,
    ),
    Rule(
        "node_object",
        "Node's `console.log` of an object (util.inspect's shape, its keys bare, on a line or, "
        "long, over several): `{ epoch: 1, loss: 0.5 }` as loss at step 1, `results: { test: "
        "{ acc: 0.61, loss: 0.9 }, val: { acc: 0.72 } }` as test/acc, test/loss, val/acc: as "
        "the Python dict of the same shape",
        parse_inspected,
        ("{ ",),
        final=True,
    ),
    Rule(
        "json",
        'the top-level numbers of a JSON object on the line: {"loss": 0.5, "step": 3}',
        parse_json,
        ("{",),
        generic=True,
    ),
    Rule(
        "scores_dict",
        "rouge-score's scores printed whole, `{'rouge1': Score(precision=0.86, recall=1.0, "
        "fmeasure=0.92), 'rougeL': Score(...)}`: rouge1/precision, ..., rougeL/fmeasure (a "
        "result's repr as the dict of its fields)",
        parse_scores_dict,
        ("Score(precision=",),
        final=True,
    ),
    Rule(
        "python_dict",
        "the numbers of a Python dict repr, nested dicts flattened with `/`: {'loss': 0.52, "
        "'epoch': 0.5}; or of a list of (name, value) pairs, [('average_q', 0.1)]",
        parse_python_dict,
        ("{", "[("),
        generic=True,
    ),
    Rule(
        "position",
        "a position within the epoch in brackets, `Epoch [2/5], Step [100/600], Loss: 0.2` or "
        "`Train Epoch: 2 [80/400 (20%)]`, `[2/25][100/600]` (dcgan), `Epoch[2](100/600)`, "
        "`| epoch 2 | 100/ 600 batches |`: the line's step is the global one, (2 - 1) * 600 + "
        "100 counting epochs from the first one seen (the latest `Epoch N` header's when the "
        "line names none); it records nothing",
        parse_position,
        ("]", "iter ", "Iter ", "batch ", "Batch ", "step ", "Step ", " batches", " steps",
         " iterations", " iters", "iter: ", "batch: ", "Batch: ", "step: ", "Step: ", "Iter: ",
         "iteration: ", "Iteration: ", "Iteration ", "iteration ", "it: ", "It: ", " it "),
        counts=True,
        generic=True,
    ),
    Rule(
        "leading_position",
        "a position that starts its line, `1/10, train_loss: 0.62` (MONAI's tutorials): the "
        "global step of the position in the latest `epoch N` header's epoch; it records nothing",
        parse_leading_position,
        (),
        starts="0123456789(",
        counts=True,
        generic=True,
    ),
    Rule(
        "decorated",
        "a measure and its value alone between runs of dashes or equals signs, PyTorch-YOLOv3's "
        "`---- mAP 0.00387 ----`, as a line of only the two",
        parse_decorated,
        ("-- ", "== ", "** "),
        final=True,
        generic=True,
    ),
    Rule(
        "name_value",
        "`name value` clauses between `|` or tabs: `it 200 | train_loss 0.3 | val_loss 0.35`; "
        "a leading counter `step 100:`, `iter 5:`, `it 200 |`, `Episode 20,`, `step 1/74 |`, `[100]` (also "
        "after a log prefix: clu's `I1202 ... logging_writer.py:48] [20] loss=1.39`) or "
        "`100:` is the line's step, and so is a counter before space-separated pairs, `epoch 3: "
        "train_loss 0.31 val_loss 0.35`, `ep 10 reward 200 avg 150`; a line of only a name ending in a measure's word (loss, "
        "acc, accuracy, f1, score, ...) and its number, `val loss 3.91`; a model's name that "
        "starts the line names each, `logreg | acc 0.951`: logreg/acc",
        parse_model_name_value,
        ("|", "\t", " - ", " │ ", " ┃ ", "step ", "Step ", "STEP ", "step:", "steps ", "Steps ", "iter", "Iter", "ITER", "it ", "It ",
         "epoch ", "Epoch ", "EPOCH ", ";", "] [", "Episode ", "episode ", "EPISODE ", "Ep. ", "ep ", "Ep ", "Episode:", "episode:", "Ep:", "Updates ", "Update ",
         "Fold ", "fold ", "Trial ", "trial ", "Round ", "round ", "Stage ", "stage ", "Phase ",
         "phase ", "update ", "Generation ", "generation ", "run [", "Train tree ", "restart ", " / "),
        starts="0123456789[",
        generic=True,
    ),
    Rule(
        "at_step",
        "a name, what it is taken over and its step in words: keras-io's `Training loss (for "
        "1 batch) at step 100: 0.6021` as Training_loss at step 100; `Loss at epoch 3: 0.5`, "
        "`Loss after epoch 3: 0.5`, `Accuracy on batch 3: 0.3`, `Inertia for init 1/3: 489.1`; "
        "`Loss: 0.000845 after 830 batches` (pytorch/examples' regression) at 830; `Cost at "
        "epoch 3 is 2.12`; `loss after 100 steps: 0.52`",
        parse_at_step,
        (" at step ", " at iter", " at epoch ", " at batch ", " at Step ", " at Epoch ",
         " after ", " on batch ", " on step ", " on epoch ", " for epoch ", " for step ",
         " for batch ", " in epoch ", " for Epoch ", " on Epoch ", " for init ", " for fold ",
         " on fold ", " for trial ", " for round ", " for episode ", " in episode ",
         " at episode ", " of episode ", " for Episode ", " in Episode ", " at round ",
         " in round ", " at Round "),
        final=True,
        generic=True,
    ),
    Rule(
        "is_value",
        "a measure said in words, `total reward is 35.0`, `The test accuracy is 87.5%`, "
        "`Final loss was 0.12`: the words before `is` (ending in a measure's word) name it; a "
        "counter starting the line is its step (`Epoch 3, loss is 0.5`)",
        parse_is_value,
        (" is ", " was ", " is: "),
        generic=True,
    ),
    Rule(
        "array_value",
        "a value printed as a one-element array, CleanRL's `global_step=60, "
        "episodic_return=[15.]`: episodic_return 15 (at global_step 60); a measure's values "
        "printed as a list, nnU-Net's `Pseudo dice [0.8755, 0.8615]`: Pseudo_dice/0 and "
        "Pseudo_dice/1",
        parse_array_value,
        ("=[", ": [", *(f" [{c}" for c in "0123456789-.")),
        generic=True,
    ),
    Rule(
        "call_name",
        "a name written as a call, the DCGAN tutorial's `D(x): 0.5046 D(G(z)): 0.5128 / "
        "0.4866`: D(x), and the two values after one name as D(G(z))_1 and D(G(z))_2",
        parse_call_name,
        ("): ",),
        generic=True,
    ),
    Rule(
        "fraction",
        "a count out of a total with its percentage, `Accuracy: 9910/10000 (99%)`, as "
        "Accuracy 9910 (a bare `5/10` is a progress counter, not a metric); with their "
        "ratio, `Test Accuracy = 9426 / 10000 = 0.9426`, as Test_Accuracy 0.9426; a "
        "percentage alone in parentheses, `Accuracy: (40%)`, as Accuracy 40",
        parse_fraction,
        ("%)", " / "),
        generic=True,
    ),
    Rule(
        "split_name",
        "one name for two values, its qualifier naming each: CRFsuite's `Acc(item/seq)=0.907 "
        "0.433` as Acc_item and Acc_seq, pycma's `final/bestever f-value = 3e-14 3e-14` as "
        "final_f-value and bestever_f-value, `mean/median reward 20.1/18.0` as mean_reward "
        "and median_reward",
        parse_split_name,
        (")=", "):", ") =", ") :", "/bestever ", "/median ", "/max ", "/std "),
        generic=True,
    ),
    Rule(
        "assigned_tuple",
        "names assigned a tuple, Python's way: `test_loss, test_acc = 0.3, 0.91` as test_loss "
        "0.3 and test_acc 0.91 (not test_acc 0.3); or names listed, then their values as a "
        "tuple, `Test set loss, accuracy (%): (2.31, 9.90)` (JAX's DP-SGD example), the first "
        "name's qualifiers naming the one-word names after it: Test_set_loss, Test_set_accuracy",
        parse_assigned_tuple,
        (", ",),
        final=True,
        generic=True,
    ),
    Rule(
        "key_value",
        "`key: value`, `key=value`, `key = value`, several per line, the key the whole name "
        "in its clause: `train loss: 0.41, val acc: 87%` gives train_loss and val_acc; a label "
        "before measures' `name value` pairs, `Test set results: loss 0.78 accuracy 0.89`, as "
        "Test_set_results/loss and Test_set_results/accuracy",
        parse_key_value,
        (":", "="),
        generic=True,
    ),
]
