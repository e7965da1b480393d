"""Metrics from what scientific optimisers and evaluation reports print: convex solvers' banners
and iteration tables (OSQP, SCS, Clarabel, ECOS, HiGHS), SciPy's SLSQP and TNC tables, the
Fortran L-BFGS-B's closing lines, statsmodels' summaries, a search's best point, and
scikit-learn's classification report in its other shapes (a pandas frame, JSON, under a
split's heading), rouge-score's scores, a NumPy array wrapped onto more lines."""

from __future__ import annotations

from tests.test_parsing import steps_of


# --- convex solvers ----------------------------------------------------------------------------

def test_osqp_banner_and_settings_are_no_metrics_and_its_table_is_read() -> None:
    # OSQP 1.0 through CVXPY's `verbose=True`: sizes and settings, then the iteration table
    assert steps_of(
        "-----------------------------------------------------------------",
        "           OSQP v1.0.0  -  Operator Splitting QP Solver",
        "              (c) The OSQP Developer Team",
        "-----------------------------------------------------------------",
        "problem:  variables n = 80, constraints m = 120",
        "          nnz(P) + nnz(A) = 1000",
        "settings: algebra = Built-in,",
        "          OSQPInt = 4 bytes, OSQPFloat = 8 bytes,",
        "          linear system solver = QDLDL v0.1.8,",
        "          eps_abs = 1.0e-05, eps_rel = 1.0e-05,",
        "          eps_prim_inf = 1.0e-04, eps_dual_inf = 1.0e-04,",
        "          rho = 1.00e-01 (adaptive: 50 iterations),",
        "          sigma = 1.00e-06, alpha = 1.60, max_iter = 10000",
        "          check_termination: on (interval 25, duality gap: on),",
        "          time_limit: 1.00e+10 sec,",
        "          scaling: on (10 iterations), scaled_termination: off",
        "          warm starting: on, polishing: on, ",
        "iter   objective    prim res   dual res   gap        rel kkt    rho         time",
        "   1  -1.6000e+01   8.00e+00   5.90e+01  -9.89e+01   5.90e+01   1.00e-01    1.47e-04s",
        " 100   9.6418e+00   1.47e-05   1.64e-06   2.69e-06   1.47e-05   1.34e+00    1.08e-03s",
        "",
        "status:               solved",
        "optimal objective:    9.6418",
    ) == [
        ("objective", -16.0, 1), ("prim_res", 8.0, 1), ("dual_res", 59.0, 1), ("gap", -98.9, 1),
        ("rel_kkt", 59.0, 1), ("rho", 0.1, 1),
        ("objective", 9.6418, 100), ("prim_res", 1.47e-05, 100), ("dual_res", 1.64e-06, 100),
        ("gap", 2.69e-06, 100), ("rel_kkt", 1.47e-05, 100), ("rho", 1.34, 100),
        ("optimal_objective", 9.6418, 100)]


def test_scs_settings_are_no_metrics_and_its_table_is_read_at_the_iteration() -> None:
    assert steps_of(
        "------------------------------------------------------------------",
        "\t       SCS v3.3.1 - Splitting Conic Solver",
        "\t(c) Brendan O'Donoghue, Stanford University, 2012",
        "------------------------------------------------------------------",
        "problem:  variables n: 80, constraints m: 120",
        "cones: \t  z: primal zero / dual free vars: 40",
        "\t  l: linear vars: 80",
        "settings: eps_abs: 1.0e-05, eps_rel: 1.0e-05, eps_infeas: 1.0e-07",
        "\t  alpha: 1.50, scale: 1.00e-01, adaptive_scale: 1",
        "\t  max_iters: 100000, normalize: 1, rho_x: 1.00e-06",
        "\t  acceleration_lookback: 10, acceleration_interval: 5",
        "lin-sys:  sparse-direct-mkl-pardiso",
        "\t  nnz(A): 960, nnz(P): 40",
        "------------------------------------------------------------------",
        " iter | pri res | dua res |   gap   |   obj   |  scale  | time (s)",
        "------------------------------------------------------------------",
        "     0| 1.66e+00  1.46e-01  3.40e+01  1.80e+01  1.00e-01  3.81e-03 ",
        "    50| 6.16e-06  4.98e-07  5.79e-08  9.64e+00  1.00e-01  4.05e-03 ",
        "------------------------------------------------------------------",
        "status:  solved",
        "timings: total: 4.06e-03s = setup: 3.62e-03s + solve: 4.36e-04s",
        "------------------------------------------------------------------",
        "objective = 9.641770",
    ) == [
        ("pri_res", 1.66, 0), ("dua_res", 0.146, 0), ("gap", 34.0, 0), ("obj", 18.0, 0),
        ("scale", 0.1, 0),
        ("pri_res", 6.16e-06, 50), ("dua_res", 4.98e-07, 50), ("gap", 5.79e-08, 50),
        ("obj", 9.64, 50), ("scale", 0.1, 50),
        ("objective", 9.64177, 51)]


def test_clarabel_problem_block_is_no_metric() -> None:
    assert steps_of(
        "-------------------------------------------------------------",
        "           Clarabel.rs v0.11.1  -  Clever Acronym                ",
        "",
        "                   (c) Paul Goulart                          ",
        "                University of Oxford, 2022                   ",
        "-------------------------------------------------------------",
        "",
        "problem:",
        "  variables     = 80",
        "  constraints   = 120",
        "  nnz(P)        = 40",
        "  nnz(A)        = 960",
        "  cones (total) = 2",
        "    :        Zero = 1,  numel = 40",
        "    : Nonnegative = 1,  numel = 80",
        "",
        "settings:",
        "  linear algebra: direct / qdldl, precision: 64 bit (1 thread)",
        "  max iter = 200, time limit = Inf,  max step = 0.990",
        "  tol_feas = 1.0e-8, tol_gap_abs = 1.0e-8, tol_gap_rel = 1.0e-8,",
        "",
        "iter    pcost        dcost       gap       pres      dres      k/t        μ       step      ",
        "---------------------------------------------------------------------------------------------",
        "  0  +8.4365e+00  -1.6097e+00  6.24e+00  6.20e-01  2.81e-01  1.00e+00  5.32e+00   ------   ",
        "  1  +9.9162e+00  +9.0338e+00  9.77e-02  9.67e-02  2.92e-02  5.50e-01  1.07e+00  9.90e-01  ",
    ) == [
        ("pcost", 8.4365, 0), ("dcost", -1.6097, 0), ("gap", 6.24, 0), ("pres", 0.62, 0),
        ("dres", 0.281, 0), ("k/t", 1.0, 0), ("μ", 5.32, 0),
        ("pcost", 9.9162, 1), ("dcost", 9.0338, 1), ("gap", 0.0977, 1), ("pres", 0.0967, 1),
        ("dres", 0.0292, 1), ("k/t", 0.55, 1), ("μ", 1.07, 1), ("step", 0.99, 1)]


def test_ecos_iteration_table_is_read_at_the_iteration() -> None:
    assert steps_of(
        "ECOS 2.0.10 - (C) embotech GmbH, Zurich Switzerland, 2012-15. Web: www.embotech.com/ECOS",
        "",
        "It     pcost       dcost      gap   pres   dres    k/t    mu     step   sigma     IR    |   BT",
        " 0  -8.248e-17  -5.965e+01  +2e+02  4e-01  2e-01  1e+00  2e+00    ---    ---    1  1  - |  -  - ",
        " 1  +1.592e+00  -3.717e+00  +2e+01  3e-02  1e-02  1e-01  3e-01  0.8969  3e-02   1  1  1 |  0  0",
        "",
        "OPTIMAL (within feastol=1.9e-11, reltol=2.3e-10, abstol=2.2e-09).",
    ) == [
        ("pcost", -8.248e-17, 0), ("dcost", -59.65, 0), ("gap", 200.0, 0), ("pres", 0.4, 0),
        ("dres", 0.2, 0), ("k/t", 1.0, 0), ("mu", 2.0, 0),
        ("pcost", 1.592, 1), ("dcost", -3.717, 1), ("gap", 20.0, 1), ("pres", 0.03, 1),
        ("dres", 0.01, 1), ("k/t", 0.1, 1), ("mu", 0.3, 1), ("step", 0.8969, 1),
        ("sigma", 0.03, 1),
        ("within_feastol", 1.9e-11, 2), ("reltol", 2.3e-10, 2), ("abstol", 2.2e-09, 2)]


def test_highs_simplex_log_gives_the_objective_and_its_counts_and_time_are_none() -> None:
    assert steps_of(
        "Running HiGHS 1.12.0 (git hash: 4f96ee8): Copyright (c) 2025 HiGHS under MIT licence terms",
        "Using EKK dual simplex solver - serial",
        "  Iteration        Objective     Infeasibilities num(sum)",
        "          0    -2.8955001049e+02 Ph1: 15(989.915); Du: 30(289.55) 0s",
        "         14    -5.4868979956e+01 Pr: 0(0) 0s",
        "",
        "Model status        : Optimal",
        "Simplex   iterations: 14",
        "Objective value     : -5.4868979956e+01",
        "HiGHS run time      :          0.00",
    ) == [("Objective", -289.55001049, 0), ("Objective", -54.868979956, 14),
          ("Objective_value", -54.868979956, 15)]


def test_highs_mip_report_gives_its_bounds_and_gap_not_the_tolerance() -> None:
    assert steps_of(
        "Solving report",
        "  Status            Optimal",
        "  Primal bound      -35.4231705181",
        "  Dual bound        -35.4231705181",
        "  Gap               0% (tolerance: 0.01%)",
        "  P-D integral      0.0540612851706",
        "  Solution status   feasible",
        "                    -35.4231705181 (objective)",
        "  Timing            0.15",
        "  Nodes             17",
        "  LP iterations     610",
        "                    193 (strong br.)",
    ) == [("Primal_bound", -35.4231705181, 0), ("Dual_bound", -35.4231705181, 0),
          ("Gap", 0, 0), ("P-D_integral", 0.0540612851706, 0)]


# --- SciPy's optimisers --------------------------------------------------------------------------

def test_slsqp_table_under_nit_is_read_at_the_iteration() -> None:
    assert steps_of(
        "  NIT    FC           OBJFUN            GNORM",
        "    1     2     2.804000E+03     2.246107E+03",
        "    2     4     1.944276E+03     3.135813E+02",
        "Optimization terminated successfully    (Exit mode 0)",
        "            Current function value: 3.1323272916108084e-07",
    ) == [("OBJFUN", 2804.0, 1), ("GNORM", 2246.107, 1), ("OBJFUN", 1944.276, 2),
          ("GNORM", 313.5813, 2), ("Current_function_value", 3.1323272916108084e-07, 2)]


def test_tnc_table_is_read_and_its_notes_are_none() -> None:
    assert steps_of(
        "  NIT   NF   F                       GTG",
        "    0    1  8.482200000000000E+02   5.04499804E+06",
        "tnc: fscale = 0.000222607",
        "    1    4  6.144719679232270E+01   2.50252258E+05",
        "tnc: |fn-fn-1] = 1.36183e-09 -> convergence",
        "    2    7  3.144174694914405E+00   6.46848707E+03",
        "tnc: Converged (|f_n-f_(n-1)| ~= 0)",
    ) == [("F", 848.22, 0), ("GTG", 5044998.04, 0), ("F", 61.4471967923227, 1),
          ("GTG", 250252.258, 1), ("F", 3.144174694914405, 2), ("GTG", 6468.48707, 2)]
    assert steps_of("tnc: fscale = 0.932927") == []


def test_fortran_lbfgsb_size_is_no_metric_and_its_final_value_one_point() -> None:
    # (the `F =` line prints the row's F again: one point, at the row's digits)
    assert steps_of(
        "RUNNING THE L-BFGS-B CODE",
        "Machine precision = 2.220D-16",
        " N =            4     M =           10",
        "At iterate    0    f=  1.35578D+00    |proj g|=  2.92561D-02",
        "At iterate   12    f=  1.35022D+00    |proj g|=  4.01477D-06",
        "   N    Tit     Tnf  Tnint  Skip  Nact     Projg        F",
        "    4     12     14      1     0     0   4.015D-06   1.350D+00",
        "  F =   1.3502191981457816     ",
        "",
        "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL            ",
    ) == [("f", 1.35578, 0), ("|proj_g|", 0.0292561, 0), ("f", 1.35022, 12),
          ("|proj_g|", 4.01477e-06, 12), ("Projg", 4.015e-06, 13), ("F", 1.35, 13)]


# --- statsmodels ---------------------------------------------------------------------------------

def test_statsmodels_glm_pseudo_r2_is_read_and_a_fixed_scale_is_none() -> None:
    assert steps_of(
        "Link Function:                    Log   Scale:                          1.0000",
        "Method:                          IRLS   Log-Likelihood:                -439.07",
        "No. Iterations:                     5   Pseudo R-squ. (CS):             0.2679",
    ) == [("Log-Likelihood", -439.07, 0), ("Pseudo_R-squ._(CS)", 0.2679, 0)]
    # summary2()'s fixed scale beside the iterations, and an estimated one (a Gaussian GLM's)
    assert steps_of("No. Iterations:     5.0000           Scale:            1.0000    ") == []
    assert steps_of("Link Function:               Identity   Scale:                         0.96432") == [
        ("Scale", 0.96432, 0)]


# --- searches ------------------------------------------------------------------------------------

def test_hyperopt_best_point_is_settings() -> None:
    assert steps_of("best: {'act': np.int64(0), 'lr': np.float64(0.0014731810722865143), "
                    "'x': np.float64(1.5628084354868905)}") == []
    assert steps_of("best {'x': 1.56, 'y': -0.3}") == []
    # a best's results stay results
    assert steps_of("Best: {'epoch': 1, 'val_acc': 0.75}") == [("Best/val_acc", 0.75, 0)]


def test_optuna_examples_best_trial_epilogue_is_no_metric() -> None:
    assert steps_of(
        "[I 2026-12-07 09:42:04,457] Trial 1 finished with value: 0.7330544989253336 and "
        "parameters: {'x': 2.05}. Best is trial 1 with value: 0.7330544989253336.",
        "Best trial:",
        "  Value:  0.7330544989253336",
        "  Params: ",
        "    x: 2.055267521432878",
        "    n_units: 73",
    ) == [("value", 0.7330544989253336, 1)]


# --- evaluation reports --------------------------------------------------------------------------

def test_classification_report_as_a_pandas_frame_reads_as_the_text_report() -> None:
    assert steps_of(
        "              precision    recall  f1-score  support",
        "0              0.666667  0.666667  0.666667      3.0",
        "1              0.750000  1.000000  0.857143      3.0",
        "accuracy       0.800000  0.800000  0.800000      0.8",
        "macro avg      0.805556  0.805556  0.793651     10.0",
        "weighted avg   0.825000  0.800000  0.800000     10.0",
    ) == [
        ("0/precision", 0.666667, 0), ("0/recall", 0.666667, 0), ("0/f1-score", 0.666667, 0),
        ("1/precision", 0.75, 0), ("1/recall", 1.0, 0), ("1/f1-score", 0.857143, 0),
        ("accuracy", 0.8, 0),
        ("macro_avg/precision", 0.805556, 0), ("macro_avg/recall", 0.805556, 0),
        ("macro_avg/f1-score", 0.793651, 0),
        ("weighted_avg/precision", 0.825, 0), ("weighted_avg/recall", 0.8, 0),
        ("weighted_avg/f1-score", 0.8, 0)]
    assert steps_of(
        "              precision    recall  f1-score  support",
        "setosa         1.000000  1.000000  1.000000    20.00",
    ) == [("setosa/precision", 1.0, 0), ("setosa/recall", 1.0, 0), ("setosa/f1-score", 1.0, 0)]


def test_classification_reports_under_a_splits_heading_are_named_by_it() -> None:
    report = ["              precision    recall  f1-score   support",
              "",
              "           0     1.0000    0.9800    0.9899        50",
              "",
              "    accuracy                         0.9925       134",
              "   macro avg     0.9931    0.9933    0.9931       134"]
    assert steps_of("Val classification report:", *report) == [
        ("Val_classification_report/0/precision", 1.0, 0),
        ("Val_classification_report/0/recall", 0.98, 0),
        ("Val_classification_report/0/f1-score", 0.9899, 0),
        ("Val_classification_report/accuracy", 0.9925, 0),
        ("Val_classification_report/macro_avg/precision", 0.9931, 0),
        ("Val_classification_report/macro_avg/recall", 0.9933, 0),
        ("Val_classification_report/macro_avg/f1-score", 0.9931, 0)]
    assert steps_of("Test report:", "", *report[:1], *report[4:]) == [
        ("Test_report/accuracy", 0.9925, 0), ("Test_report/macro_avg/precision", 0.9931, 0),
        ("Test_report/macro_avg/recall", 0.9933, 0), ("Test_report/macro_avg/f1-score", 0.9931, 0)]
    # a heading that names no split names nothing; a split's report heading over other lines
    # heads them as before
    assert steps_of("Classification report:", *report[:1], *report[4:5]) == [
        ("accuracy", 0.9925, 0)]
    assert steps_of("Test report:", "  accuracy: 0.9", "  f1: 0.8") == [
        ("Test_report/accuracy", 0.9, 0), ("Test_report/f1", 0.8, 0)]
    # a split's banner right over the report, or a blank line between, names it too; a
    # banner whose block of pairs ended before the report does not
    assert steps_of("===== TEST =====", *report[:1], *report[4:5],
                    "--- Validation ---", "", *report[:1], *report[4:5]) == [
        ("TEST/accuracy", 0.9925, 0), ("Validation/accuracy", 0.9925, 0)]
    assert steps_of("[test]", *report[:1], *report[4:5]) == [("test/accuracy", 0.9925, 0)]
    assert steps_of("--- Validation ---", "loss: 0.3", *report[:1], *report[4:5]) == [
        ("Validation/loss", 0.3, 0), ("accuracy", 0.9925, 0)]


def test_classification_report_as_json_names_its_averages_as_the_text_and_drops_supports() -> None:
    assert steps_of('{"class_0": {"precision": 0.96, "recall": 0.89, "f1-score": 0.93, '
                    '"support": 28.0}, "accuracy": 0.85, "macro avg": {"precision": 0.84, '
                    '"recall": 0.84, "f1-score": 0.84, "support": 72.0}}') == [
        ("class_0/precision", 0.96, 0), ("class_0/recall", 0.89, 0),
        ("class_0/f1-score", 0.93, 0), ("accuracy", 0.85, 0),
        ("macro_avg/precision", 0.84, 0), ("macro_avg/recall", 0.84, 0),
        ("macro_avg/f1-score", 0.84, 0)]


def test_rouge_scores_printed_whole_are_each_variants() -> None:
    assert steps_of(
        "{'rouge1': Score(precision=0.8571428571428571, recall=1.0, fmeasure=0.923076923076923), "
        "'rougeL': Score(precision=0.5, recall=0.4, fmeasure=0.4444444444444444)}") == [
        ("rouge1/precision", 0.8571428571428571, 0), ("rouge1/recall", 1.0, 0),
        ("rouge1/fmeasure", 0.923076923076923, 0), ("rougeL/precision", 0.5, 0),
        ("rougeL/recall", 0.4, 0), ("rougeL/fmeasure", 0.4444444444444444, 0)]


def test_a_numpy_array_wrapped_onto_the_next_line_is_read_when_it_closes() -> None:
    assert steps_of(
        "Cross-validation scores: [0.9122807  0.80701754 0.92982456 0.87719298 0.94736842 0.9122807",
        " 0.9122807  0.94736842 0.94736842 0.89285714]",
        "Mean CV accuracy: 0.9086 (+/- 0.0814)",
    ) == [
        ("Cross-validation_scores/0", 0.9122807, 0), ("Cross-validation_scores/1", 0.80701754, 0),
        ("Cross-validation_scores/2", 0.92982456, 0), ("Cross-validation_scores/3", 0.87719298, 0),
        ("Cross-validation_scores/4", 0.94736842, 0), ("Cross-validation_scores/5", 0.9122807, 0),
        ("Cross-validation_scores/6", 0.9122807, 0), ("Cross-validation_scores/7", 0.94736842, 0),
        ("Cross-validation_scores/8", 0.94736842, 0), ("Cross-validation_scores/9", 0.89285714, 0),
        ("Mean_CV_accuracy", 0.9086, 0)]
    # an array of what is no measure's records nothing
    assert steps_of("weights: [0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1.0 1.1 1.2 1.3 1.4 1.5",
                    " 1.6 1.7]") == []


def test_a_measure_per_class_is_one_value_a_class() -> None:
    assert steps_of("F1 per class: [0.91 0.85 0.77]", "Recall per-class: [0.5, 0.6]") == [
        ("F1_per_class/0", 0.91, 0), ("F1_per_class/1", 0.85, 0), ("F1_per_class/2", 0.77, 0),
        ("Recall_per-class/0", 0.5, 0), ("Recall_per-class/1", 0.6, 0)]
    # a count per class is none
    assert steps_of("samples per class: [10 20 30]") == []


def test_a_searchs_cv_results_and_best_index_record_nothing() -> None:
    assert steps_of(
        "{'mean_fit_time': array([0.0038441 , 0.00095948, 0.0047334 , 0.00221308, 0.00264899,",
        "       0.00553139]), 'param_C': masked_array(data=[0.1, 0.1, 1.0, 1.0, 10.0, 10.0],",
        "             mask=[False, False, False, False, False, False],",
        "       fill_value=1e+20), 'rank_test_score': array([4, 6, 1, 4, 2, 2], dtype=int32)}",
        "best_index_: 2",
    ) == []
