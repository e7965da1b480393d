"""Tests for runlab.parsing's posterior summaries, the main result of a Bayesian run: ArviZ's
`az.summary` printed (whole, `kind="stats"`, hidden behind `...`, wrapped by pandas), NumPyro's
`print_summary()` and Pyro's `summary()`, cmdstanpy's `fit.summary()`, `az.loo` and `az.waic`,
and a column of the summary printed as a pandas Series. Every line is as the library printed it
(ArviZ 0.23.4, NumPyro 0.22.0, Pyro 1.9.2, cmdstanpy 1.3.2, pandas 3.1.1)."""

from __future__ import annotations

from tests.test_parsing_tables import steps_by_line, steps_of

# ArviZ ----------------------------------------------------------------------------------------

ARVIZ = [
    "           mean     sd  hdi_3%  hdi_97%  mcse_mean  mcse_sd  ess_bulk  ess_tail  r_hat",
    "mu        4.198  2.982  -1.321    9.805      0.119    0.089     628.0     618.0    1.0",
    "tau       3.106  1.819   0.007    5.991      0.075    0.044     581.0     491.0    1.0",
    "theta[0]  4.076  5.041  -4.435   13.942      0.215    0.130     558.0     547.0    1.0",
]


def _row(name: str, columns: str, values: str) -> list[tuple[str, float, int]]:
    return [(f"{name}/{column}", float(value), 0)
            for column, value in zip(columns.split(), values.split(), strict=True)]


COLUMNS = "mean sd hdi_3% hdi_97% mcse_mean mcse_sd ess_bulk ess_tail r_hat"
SUMMARY = (_row("mu", COLUMNS, "4.198 2.982 -1.321 9.805 0.119 0.089 628.0 618.0 1.0")
           + _row("tau", COLUMNS, "3.106 1.819 0.007 5.991 0.075 0.044 581.0 491.0 1.0")
           + _row("theta[0]", COLUMNS, "4.076 5.041 -4.435 13.942 0.215 0.130 558.0 547.0 1.0"))


def test_arviz_summary_is_read_as_parameter_and_column() -> None:
    # `print(az.summary(idata).to_string())`: each value as row/column, as a leaderboard's;
    # the effective sample sizes are values too; no step
    assert steps_of(*ARVIZ) == SUMMARY
    assert steps_by_line(*ARVIZ) == SUMMARY


def test_arviz_summary_of_stats_only() -> None:
    # `az.summary(idata, kind="stats", hdi_prob=0.9)`: no diagnostics, the interval named so
    assert steps_of(
        "           mean     sd  hdi_5%  hdi_95%",
        "mu        4.198  2.982  -0.042    9.308",
        "theta[2]  4.167  5.098  -4.100   12.197",
    ) == (_row("mu", "mean sd hdi_5% hdi_95%", "4.198 2.982 -0.042 9.308")
          + _row("theta[2]", "mean sd hdi_5% hdi_95%", "4.167 5.098 -4.100 12.197"))


def test_arviz_summary_wider_than_pandas_width() -> None:
    # wrapped into blocks (`pd.set_option("display.width", 60)`): each block's rows named as
    # the first's
    wrapped = [
        "           mean     sd  hdi_3%  hdi_97%  mcse_mean  \\",
        "mu        4.198  2.982  -1.321    9.805      0.119   ",
        "theta[0]  4.076  5.041  -4.435   13.942      0.215   ",
        "",
        "          mcse_sd  ess_bulk  ess_tail  r_hat  ",
        "mu          0.089     628.0     618.0    1.0  ",
        "theta[0]    0.130     558.0     547.0    1.0  ",
    ]
    first, second = "mean sd hdi_3% hdi_97% mcse_mean", "mcse_sd ess_bulk ess_tail r_hat"
    assert steps_of(*wrapped) == (
        _row("mu", first, "4.198 2.982 -1.321 9.805 0.119")
        + _row("theta[0]", first, "4.076 5.041 -4.435 13.942 0.215")
        + _row("mu", second, "0.089 628.0 618.0 1.0")
        + _row("theta[0]", second, "0.130 558.0 547.0 1.0"))
    # its middle columns hidden behind `...` (pandas' default width, PyMC's notebooks): read
    # without them; then wrapped too, and pandas' count of rows and columns after it
    shown = "mean sd hdi_3% ess_bulk ess_tail r_hat"
    assert steps_of(
        "                         mean    sd  hdi_3%  ...  ess_bulk  ess_tail  r_hat",
        "mu                       4.20  2.98   -1.32  ...    627.90    617.93   1.00",
        "theta[Phillips Andover]  4.42  5.16   -4.91  ...    595.79    534.90   1.01",
        "L[0, 1]                 -0.01  1.04   -1.92  ...    523.34    482.82   1.00",
        "",
        "[9 rows x 9 columns]",
    ) == (_row("mu", shown, "4.20 2.98 -1.32 627.90 617.93 1.00")
          # (a name of words in brackets as printed, its words joined by `_`, `, ` by `,`)
          + _row("theta[Phillips_Andover]", shown, "4.42 5.16 -4.91 595.79 534.90 1.01")
          + _row("L[0,1]", shown, "-0.01 1.04 -1.92 523.34 482.82 1.00"))
    first = "mean sd hdi_3% hdi_97% mcse_sd ess_bulk ess_tail"
    assert steps_of(
        "           mean     sd  hdi_3%  hdi_97%  ...  mcse_sd  ess_bulk  ess_tail  \\",
        "mu        4.198  2.982  -1.321    9.805  ...    0.089     628.0     618.0   ",
        "tau       3.106  1.819   0.007    5.991  ...    0.044     581.0     491.0   ",
        "",
        "          r_hat  ",
        "mu          1.0  ",
        "tau         1.0  ",
        "",
        "[5 rows x 9 columns]",
    ) == (_row("mu", first, "4.198 2.982 -1.321 9.805 0.089 628.0 618.0")
          + _row("tau", first, "3.106 1.819 0.007 5.991 0.044 581.0 491.0")
          + [("mu/r_hat", 1.0, 0), ("tau/r_hat", 1.0, 0)])


def test_arviz_summary_index_name_nan_and_hidden_rows() -> None:
    # the index named (`s.index.name = "name"`) on a line of its own
    assert steps_of(
        "       mean     sd  hdi_3%  hdi_97%  mcse_mean  mcse_sd  ess_bulk  ess_tail  r_hat",
        "name                                                                              ",
        "mu    4.198  2.982  -1.321    9.805      0.119    0.089     628.0     618.0    1.0",
    ) == _row("mu", COLUMNS, "4.198 2.982 -1.321 9.805 0.119 0.089 628.0 618.0 1.0")
    # a constant's NaN r_hat is no value
    assert steps_of(
        "     mean     sd  hdi_3%  hdi_97%  mcse_mean  mcse_sd  ess_bulk  ess_tail  r_hat",
        "c   1.000  0.000   1.000    1.000      0.000      NaN     600.0     600.0    NaN",
    ) == _row("c", "mean sd hdi_3% hdi_97% mcse_mean ess_bulk ess_tail",
              "1.000 0.000 1.000 1.000 0.000 600.0 600.0")
    # the rows pandas hides in a long summary
    stats = "mean sd hdi_3% hdi_97%"
    assert steps_of(
        "            mean     sd  hdi_3%  hdi_97%",
        "mu         4.198  2.982  -1.321    9.805",
        "...          ...    ...     ...      ...",
        "theta[69]  3.751  5.034  -5.905   12.533",
        "",
        "[71 rows x 4 columns]",
    ) == (_row("mu", stats, "4.198 2.982 -1.321 9.805")
          + _row("theta[69]", stats, "3.751 5.034 -5.905 12.533"))


# NumPyro, Pyro, cmdstanpy ---------------------------------------------------------------------

def test_numpyro_and_pyro_summaries() -> None:
    # NumPyro's `mcmc.print_summary()`; the divergences' line after it is no row
    columns = "mean std median 5.0% 95.0% n_eff r_hat"
    found = steps_of(
        "",
        "                mean       std    median      5.0%     95.0%     n_eff     r_hat",
        "        mu      4.29      2.53      4.12     -0.43      8.16     41.13      1.00",
        "       tau      3.50      2.44      2.66      0.85      7.41     19.23      1.13",
        "  theta[0]      5.89      4.99      4.77     -1.31     12.58    104.37      1.03",
        "",
        "Number of divergences: 8",
    )
    assert found[:21] == (_row("mu", columns, "4.29 2.53 4.12 -0.43 8.16 41.13 1.00")
                          + _row("tau", columns, "3.50 2.44 2.66 0.85 7.41 19.23 1.13")
                          + _row("theta[0]", columns, "5.89 4.99 4.77 -1.31 12.58 104.37 1.03"))
    assert all("/" not in key for key, _, _ in found[21:])
    # Pyro's `mcmc.summary(prob=0.9)`: the same table
    assert steps_of(
        "                mean       std    median      5.0%     95.0%     n_eff     r_hat",
        "         b     -0.45      0.06     -0.45     -0.55     -0.37    137.93      0.99",
        "         w      1.50      0.06      1.50      1.38      1.58    298.58      1.00",
    ) == (_row("b", columns, "-0.45 0.06 -0.45 -0.55 -0.37 137.93 0.99")
          + _row("w", columns, "1.50 0.06 1.50 1.38 1.58 298.58 1.00"))


def test_cmdstanpy_summary() -> None:
    # `print(fit.summary())` (Prophet's stan_fit): ESS per second is a timing, not read
    columns = "Mean MCSE StdDev MAD 5% 50% 95% ESS_bulk ESS_tail R_hat"
    assert steps_of(
        "                Mean      MCSE    StdDev       MAD         5%        50%        95%"
        "  ESS_bulk  ESS_tail  ESS_bulk/s     R_hat",
        "lp__       77.765200  0.787563  4.580770  4.387850  69.783500  78.218800  84.783800"
        "   33.7265      30.0    122.1970  1.037020",
        "sigma_obs   0.257596  0.002580  0.018757  0.017178   0.228296   0.257744   0.285195"
        "   61.7096      30.0    223.5860  1.040420",
        "Checking sampler transitions treedepth.",
    ) == (_row("lp__", columns, "77.7652 0.787563 4.58077 4.38785 69.7835 78.2188 84.7838 "
                                "33.7265 30.0 1.03702")
          + _row("sigma_obs", columns, "0.257596 0.00258 0.018757 0.017178 0.228296 0.257744 "
                                       "0.285195 61.7096 30.0 1.04042"))


def test_a_summary_after_training_is_at_the_step_reached() -> None:
    # as any end-of-run table: an SVI loop's last step, then the summary
    assert steps_of(
        "step 500 loss 12.5",
        "                mean       std    median      5.0%     95.0%     n_eff     r_hat",
        "        mu      4.29      2.53      4.12     -0.43      8.16     41.13      1.00",
    ) == [("loss", 12.5, 500)] + [
        (key, value, 500) for key, value, _ in _row(
            "mu", "mean std median 5.0% 95.0% n_eff r_hat", "4.29 2.53 4.12 -0.43 8.16 41.13 1.00")]


# az.loo, az.waic ------------------------------------------------------------------------------

def test_loo_and_waic() -> None:
    # `print(az.loo(idata))`: a `-` (no SE of p_loo) no value; its Pareto k table, the
    # Dataset `az.rhat` prints and `az.compare`'s frame are none of these
    assert steps_of(
        "Computed from 600 posterior samples and 50 observations log-likelihood matrix.",
        "",
        "         Estimate       SE",
        "elpd_loo  -103.83     4.30",
        "p_loo        1.89        -",
        "------",
        "",
        "Pareto k diagnostic values:",
        "                         Count   Pct.",
        "(-Inf, 0.64]   (good)       50  100.0%",
        "   (0.64, 1]   (bad)         0    0.0%",
        "   (1, Inf)   (very bad)    0    0.0%",
        "",
        "Computed from 600 posterior samples and 50 observations log-likelihood matrix.",
        "",
        "          Estimate       SE",
        "elpd_waic  -103.77     4.28",
        "p_waic        1.84        -",
        "<xarray.Dataset> Size: 16B",
        "Dimensions:  ()",
        "Data variables:",
        "    mu       float64 8B 0.9978",
        "    sigma    float64 8B 1.01",
        "        rank    elpd_loo     p_loo  ...       dse  warning scale",
        "normal     0 -103.825349  1.893151  ...  0.000000    False   log",
        "wide       1 -114.953251  0.470734  ...  2.675925    False   log",
        "",
        "[2 rows x 9 columns]",
    ) == [("elpd_loo/Estimate", -103.83, 0), ("elpd_loo/SE", 4.3, 0), ("p_loo/Estimate", 1.89, 0),
          ("elpd_waic/Estimate", -103.77, 0), ("elpd_waic/SE", 4.28, 0),
          ("p_waic/Estimate", 1.84, 0)]


# frames that are not posterior summaries -----------------------------------------------------

def test_frames_that_are_not_posterior_summaries() -> None:
    # `df.describe().T` of data, and a frame of `mean`/`std` columns with no diagnostic
    assert steps_of(
        "       count   mean    std   min    25%    50%    75%    max",
        "age    150.0  34.20  10.10  18.0  26.00  33.00  41.00  70.00",
    ) == []
    assert steps_of(
        "         mean    std",
        "price  12.500  3.100",
        "size    4.200  1.700",
    ) == []
