"""Metrics from what LLM training loops, hand-written optimizers and evaluation reports print:
llm.c's lines, a measure in parentheses, throughputs in thousands, timings between bars,
Unsloth's memory report, an optimizer's name before its counter, gradient norms between bars,
the codes and counts an optimizer or a classifier reports, a model's label, scikit-learn's
averaged scorers."""

from __future__ import annotations

from tests.test_parsing import run_all, steps_of


def test_llm_c_lines_keep_their_loss_beside_a_z_score_or_a_timing_in_parentheses() -> None:
    # train_gpt2.cu's `step %4d/%d | loss %7.6f (%+.2fz)| norm %6.4f (%+.2fz)| lr %.2e | ...`:
    # the z-score is about the value, no value of its own
    assert steps_of("step    1/20 | loss 4.364933 (-0.01z)| norm 0.8174 (-0.02z)| lr 6.00e-05 "
                    "| 8.92 ms | 1.1% bf16 MFU | 28707 tok/s",
                    "step    2/20 | loss 4.473068 (+0.01z)| norm 0.8251 (+0.02z)| lr 1.20e-04 "
                    "| 4.73 ms | 2.1% bf16 MFU | 54142 tok/s") == [
        ("loss", 4.364933, 1), ("norm", 0.8174, 1), ("lr", 6e-05, 1),
        ("loss", 4.473068, 2), ("norm", 0.8251, 2), ("lr", 0.00012, 2)]
    # train_gpt2_fp32.cu's `step %4d/%d: train loss %f (%f ms, %d tok/s)`: the step's time and
    # speed are an aside
    assert steps_of("step    1/20: train loss 4.364933 (19.177198 ms, 13349 tok/s)",
                    "step    2/20: train loss 4.473068 (8.194685 ms, 31239 tok/s)") == [
        ("train_loss", 4.364933, 1), ("train_loss", 4.473068, 2)]


def test_a_measure_in_parentheses_after_a_value_is_its_own() -> None:
    assert steps_of("iter 1: loss 5.4714 (ppl 237.78), 3.9 it/s, 15.8k tokens/s",
                    "step 3 | loss 4.9 (ppl 134.3) | lr 3e-4") == [
        ("loss", 5.4714, 1), ("ppl", 237.78, 1), ("loss", 4.9, 3), ("ppl", 134.3, 3),
        ("lr", 0.0003, 3)]
    # under the phase of the value it follows
    assert steps_of("step 4 | train loss 4.8 (perplexity 121.5)",
                    "Epoch 5: val loss 4.7 (ppl 110.0), val acc 0.3") == [
        ("train_loss", 4.8, 4), ("train_perplexity", 121.5, 4),
        ("val_loss", 4.7, 5), ("val_ppl", 110.0, 5), ("val_acc", 0.3, 5)]
    # a running average stays none (`(avg 0.45)`), as before
    assert steps_of("step 6 | loss 0.41 (avg 0.45) | lr 1e-3") == [
        ("loss", 0.41, 6), ("lr", 0.001, 6)]
    # a line of the pair alone, under the epoch above it; a remark about the value left out
    assert steps_of("Epoch 7", "loss 5.47 (ppl 237.78)", "val loss 2.3 (best 2.1)",
                    "final loss 0.25 (improved from 0.3)") == [
        ("loss", 5.47, 7), ("ppl", 237.78, 7), ("val_loss", 2.3, 7), ("final_loss", 0.25, 7)]


def test_unsloth_memory_report_is_named_by_its_phrases_and_the_gpu_size_is_none() -> None:
    assert steps_of("GPU = Tesla T4. Max memory = 14.741 GB.",
                    "   \\\\   /|    Tesla T4. Num GPUs = 1. Max memory: 14.741 GB. Platform: Linux.",
                    "Peak reserved memory = 6.559 GB.",
                    "Peak reserved memory for training = 1.152 GB.",
                    "Peak reserved memory % of max memory = 44.495 %.",
                    "Peak reserved memory for training % of max memory = 7.815 %.") == [
        ("Peak_reserved_memory", 6.559, 0), ("Peak_reserved_memory_for_training", 1.152, 0),
        ("Peak_reserved_memory_%_of_max_memory", 44.495, 0),
        ("Peak_reserved_memory_for_training_%_of_max_memory", 7.815, 0)]


def test_a_step_time_between_bars_is_read_with_or_without_its_colon() -> None:
    # build-nanogpt's `dt: 30.31ms`, as `dt 13.5ms` is read
    assert steps_of("step     0 | loss: 4.364933 | lr 6.0000e-05 | norm: 0.8174 | dt: 30.31ms | "
                    "tok/sec: 8445.75",
                    "step 3 | loss 2.28 | dt 13.5ms",
                    "step 11 | loss 2.20 | step_time: 345ms") == [
        ("lr", 6e-05, 0), ("dt", 30.31, 0), ("loss", 4.364933, 0), ("norm", 0.8174, 0),
        ("tok/sec", 8445.75, 0), ("loss", 2.28, 3), ("dt", 13.5, 3),
        ("loss", 2.2, 11), ("step_time", 345, 11)]
    # (a clock's total, kuangliu's `Tot: 1s`, stays none)
    assert steps_of("step 5 | Step: 39ms | Tot: 1s | Loss: 0.579") == [("Loss", 0.579, 5)]


def test_a_throughput_in_thousands_is_read_scaled_and_a_count_so_printed_is_none() -> None:
    assert steps_of("step 1 | loss 2.30 | tok/s: 12.3k",
                    "step 2 | loss 2.29 | tokens/s=1.2M",
                    "step 3 | loss 2.28 | throughput=1.5M tok/s",
                    "Step 4/20, Loss: 2.27, Tokens/sec: 12.3K",
                    "step 5 | loss 2.26 | 12.3k tok/s",
                    "step 6 | loss 2.25 | tokens: 1.2M") == [
        ("loss", 2.3, 1), ("tok/s", 12300.0, 1), ("loss", 2.29, 2), ("tokens/s", 1200000.0, 2),
        ("loss", 2.28, 3), ("throughput", 1500000.0, 3), ("Loss", 2.27, 4),
        ("Tokens/sec", 12300.0, 4), ("loss", 2.26, 5), ("loss", 2.25, 6)]
    # torchtitan's `tps: 15,822`: a rate's whole number with thousands separators, read whole
    assert steps_of("step:  1  loss:  5.4714  grad_norm:  1.0000  memory:  1.23GiB(1.31%)  "
                    "tps: 15,822  tflops: 0.01  mfu: 0.02%") == [
        ("loss", 5.4714, 1), ("grad_norm", 1.0, 1), ("tps", 15822, 1), ("tflops", 0.01, 1),
        ("mfu", 0.02, 1)]


def test_an_optimizers_name_before_its_counter_leaves_the_counter_the_step() -> None:
    assert steps_of("LBFGS iter   1/15 | loss 5.483650 | |g| 2.61e-04",
                    "LBFGS iter   2/15 | loss 0.008343 | |g| 4.51e-05",
                    "Final MSE: 0.008343") == [
        ("loss", 5.48365, 1), ("|g|", 0.000261, 1), ("loss", 0.008343, 2),
        ("|g|", 4.51e-05, 2), ("Final_MSE", 0.008343, 2)]
    assert steps_of("LBFGS iter 3: loss=0.5", "L-BFGS step 4: loss=0.4",
                    "LBFGS iteration 5: loss = 0.3", "Newton iter 6: f=0.2",
                    "lbfgs iter 7 loss 0.1", "adam iter 8 loss 0.05") == [
        ("loss", 0.5, 3), ("loss", 0.4, 4), ("loss", 0.3, 5), ("f", 0.2, 6), ("loss", 0.1, 7),
        ("loss", 0.05, 8)]


def test_a_gradient_norm_between_bars_is_a_name() -> None:
    assert steps_of("step 3: loss=0.5 |g|=2.6e-04", "iter 4: f = 0.5, |grad| = 2.6e-04",
                    "iter 5: f=0.5 ||grad||=0.1", "iter 6 | loss 0.5 | |g| 2.6e-04") == [
        ("loss", 0.5, 3), ("|g|", 0.00026, 3), ("f", 0.5, 4), ("|grad|", 0.00026, 4),
        ("f", 0.5, 5), ("||grad||", 0.1, 5), ("loss", 0.5, 6), ("|g|", 0.00026, 6)]
    assert steps_of("loss: 0.5, |grad|: 0.1") == [("loss", 0.5, 0), ("|grad|", 0.1, 0)]


def test_an_optimizers_codes_counts_limits_and_timings_are_no_metrics() -> None:
    # `print(res)` of an OptimizeResult: its exit code and iteration count are none
    assert steps_of(" message: Number of iterations is larger than maxiter=50",
                    " success: False", "  status: 2", "     fun: 1.9043369425977604e-06",
                    "     nit: 50", "    nfev: 719") == [("fun", 1.9043369425977604e-06, 0)]
    # trust-constr's closing line, jaxopt's verbose line, COBYQA's settings, scikit-optimize
    assert steps_of("Number of iterations: 187, function evaluations: 191, CG iterations: 491, "
                    "optimality: 1.66e-09, constraint violation: 0.00e+00, execution time: "
                    "0.44 s.") == [("optimality", 1.66e-09, 0), ("constraint_violation", 0.0, 0)]
    assert steps_of("INFO: jaxopt.LBFGS: Iter: 1 Gradient Norm (stopping criterion): 1.27 "
                    "Objective Value:0.46  Stepsize:0.47  Number Linesearch Iterations:2 ") == [
        ("Gradient_Norm_(stopping_criterion)", 1.27, 1), ("Objective_Value", 0.46, 1),
        ("Stepsize", 0.47, 1)]
    assert steps_of("Initial trust-region radius: 1.0.", "Final trust-region radius: 1e-06.",
                    "New trust-region radius: 0.1.") == [("New_trust-region_radius", 0.1, 0)]
    assert steps_of("Iteration No: 1 ended. Evaluation done at random point.",
                    "Time taken: 0.0003", "Function value obtained: 0.8753",
                    "Current minimum: 0.8753") == [
        ("Function_value_obtained", 0.8753, 1), ("Current_minimum", 0.8753, 1)]


def test_a_models_label_names_its_pairs_after_an_equals_sign_too() -> None:
    assert steps_of("LogReg: F1 = 0.9265 ± 0.0172", "Tree: F1 = 0.8962 ± 0.0182",
                    "Random Forest: accuracy = 0.9265") == [
        ("LogReg/F1", 0.9265, 0), ("Tree/F1", 0.8962, 0), ("Random_Forest/accuracy", 0.9265, 0)]
    # (a logger's `trainer: loss=0.5` names nothing, as before)
    assert steps_of("trainer: loss=0.5") == [("loss", 0.5, 0)]


def test_supports_and_confusion_counts_are_no_metrics() -> None:
    assert steps_of("Class malignant: precision=0.921 recall=0.921 f1=0.921 support=63",
                    "TN=58 FP=5 FN=5 TP=103", "True Positives: 103",
                    "True Negatives: 58, False Negatives: 5",
                    "{'tp': 103, 'fp': 5, 'tn': 58, 'fn': 5, 'specificity': 0.92}") == [
        ("Class_malignant/precision", 0.921, 0), ("Class_malignant/recall", 0.921, 0),
        ("Class_malignant/f1", 0.921, 0), ("specificity", 0.92, 0)]
    # (their rates are measures)
    assert steps_of("tpr: 0.95, fpr: 0.04") == [("tpr", 0.95, 0), ("fpr", 0.04, 0)]


def test_a_pandas_series_of_averaged_scorers_is_read() -> None:
    # `pd.DataFrame(cross_validate(..., scoring=[..., "f1_macro"])).mean()`
    assert run_all("fit_time          0.120983", "test_accuracy     0.906847",
                   "test_f1_macro     0.899331", "train_f1_macro    0.904673",
                   "test_precision_weighted  0.88", "dtype: float64") == [
        ("test_accuracy", 0.906847, 0, "name_value"), ("test_f1_macro", 0.899331, 0, "name_value"),
        ("train_f1_macro", 0.904673, 0, "name_value"),
        ("test_precision_weighted", 0.88, 0, "name_value")]


def test_labels_settings_and_timings_around_the_new_rules() -> None:
    # a model's label names ` = ` pairs of measures only; words that name no model are none
    assert steps_of("KNN: n_neighbors = 5", "LogReg: F1 = 0.93", "Total: loss = 0.5") == [
        ("LogReg/F1", 0.93, 0), ("loss", 0.5, 0)]
    # a label before the optimiser's counter keeps two optimisers apart: a series each
    assert steps_of("SGD: step 10 loss 0.9", "Adam: step 10 loss 0.5") == [
        ("SGD/loss", 0.9, 10), ("Adam/loss", 0.5, 10)]
    # a loop's own `time_taken` is a timing like `epoch_time` (scikit-optimize's `Time taken`,
    # a call's, none)
    assert steps_of("Epoch 3: loss=0.5, time_taken=12.3") == [
        ("loss", 0.5, 3), ("time_taken", 12.3, 3)]
    # a GPU's memory is the machine's size only on the line naming the GPU
    assert steps_of("step 10 | loss 0.5 | GPU memory: 3.5 GB") == [
        ("loss", 0.5, 10), ("GPU_memory", 3.5, 10)]
    assert steps_of("GPU = Tesla T4. Max memory = 14.741 GB.") == []
    # a label of words after the at-step rule joins them with _
    assert steps_of("Model A: loss after 100 steps: 0.52") == [("Model_A/loss", 0.52, 100)]
    # wps is a rate, scaled
    assert steps_of("step 10 loss=0.5 wps=3.5k") == [("loss", 0.5, 10), ("wps", 3500.0, 10)]
