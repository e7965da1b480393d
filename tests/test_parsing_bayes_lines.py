"""Tests for runlab.parsing on the lines Bayesian programs print (PyMC, NumPyro, Pyro, emcee,
BlackJAX, Stan): a sampler's settings echoed as it starts, a model's parameter named `a`, the
negated ELBO, emcee's autocorrelation warning, a sampler's divergences and step size, and a
chain's own results."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from runlab.parsing import MetricParser
from tests.conftest import Result
from tests.test_parsing import Triple, steps_of, triples


# a sampler's settings -------------------------------------------------------------------------


def test_a_sampler_s_settings_echoed_as_it_starts_are_no_metrics() -> None:
    # PyMC's, NumPyro's, emcee's, BlackJAX's and Stan's settings, as t59's programs print them
    assert steps_of(
        "chains=2 draws=1000 tune=1000 target_accept=0.9 seed=0",
        "max_treedepth: 12",
        "chains=1 num_warmup=300 num_samples=300 seed=0",
        "nwalkers: 16, ndim: 3, nsteps: 600, seed: 0",
        "num_warmup: 200, num_samples: 400, target_acceptance_rate: 0.8",
        "adapt_delta = 0.95",
        "thin = 2",
        "num_chains: 4",
        "draws: 2000",
        "tune: 1000",
        "target_accept: 0.9",
        # CmdStan's adaptation warning through cmdstanpy, beside its buffers
        "init_buffer = 15",
        "adapt_window = 75",
        "term_buffer = 10",
    ) == []
    # a measure beside them is read
    assert steps_of("chains=2 draws=1000 loss=0.5") == [("loss", 0.5, 0)]


def test_a_sampler_s_settings_its_parser_read_are_params_not_metrics(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # t59's setup_print.py: argparse reads them, the program echoes them, then its diagnostics
    (tmp_path / "t.py").write_text(
        "import argparse\np = argparse.ArgumentParser()\n"
        "p.add_argument('--chains', type=int, default=4)\n"
        "p.add_argument('--draws', type=int, default=1000)\n"
        "p.add_argument('--tune', type=int, default=1000)\n"
        "p.add_argument('--target-accept', type=float, default=0.9)\n"
        "p.add_argument('--max-treedepth', type=int, default=12)\n"
        "p.add_argument('--seed', type=int, default=0)\n"
        "a = p.parse_args()\n"
        "print(f'chains={a.chains} draws={a.draws} tune={a.tune} '\n"
        "      f'target_accept={a.target_accept} seed={a.seed}')\n"
        "print(f'max_treedepth: {a.max_treedepth}')\n"
        "print('Number of divergences: 3')\nprint('mean step size: 0.7831')\n")
    assert cli(sys.executable, "t.py", "--chains", "2").code == 0
    points = json.loads(cli("metrics", "last", "--json").stdout)
    assert {k: [(p["step"], p["value"]) for p in v] for k, v in points.items()} == {
        "Number_of_divergences": [(0, 3)], "mean_step_size": [(0, 0.7831)]}
    shown = json.loads(cli("show", "last", "--json").stdout)["params"]
    assert (shown["chains"], shown["target-accept"], shown["max-treedepth"]) == (2, 0.9, 12)


def _parsed(settings: dict[str, tuple[str, object]], *lines: str) -> list[Triple]:
    """Lines each through `parse_line` of a parser given the program's parsed settings."""
    parser = MetricParser()
    parser.settings = settings
    return triples([point for line in lines for point in parser.parse_line(line)]
                   + parser.flush())


ARGS: dict[str, tuple[str, object]] = {
    "kl_weight": ("kl-weight", 0.1), "temperature": ("temperature", 0.5), "seed": ("seed", 0)}


def test_a_line_of_the_settings_the_program_s_parser_read_is_no_metric() -> None:
    # `print(f"kl_weight={args.kl_weight} temperature={args.temperature} seed={args.seed}")`
    # after argparse read them: the settings, whichever their names
    assert _parsed(ARGS, "kl_weight=0.1 temperature=0.5 seed=0",
                   "kl_weight: 0.1, temperature: 0.5, seed: 0") == []
    # a measure besides, a counter besides, or no setting's name (a schedule printed as it
    # goes) keeps the line
    assert _parsed(ARGS, "kl_weight=0.1 temperature=0.5 seed=0 loss=0.3") == [
        ("kl_weight", 0.1, 0), ("temperature", 0.5, 0), ("loss", 0.3, 0)]
    assert _parsed(ARGS, "epoch 1 kl_weight=0.1 temperature=0.5 seed=0") == [
        ("kl_weight", 0.1, 1), ("temperature", 0.5, 1)]
    assert _parsed(ARGS, "kl_weight=0.1 temperature=0.5") == [
        ("kl_weight", 0.1, 0), ("temperature", 0.5, 0)]
    # a value other than the one parsed is the program's own
    assert _parsed(ARGS, "kl_weight=0.2 temperature=0.5 seed=0") == [
        ("kl_weight", 0.2, 0), ("temperature", 0.5, 0)]


def test_settings_echoed_again_and_again_are_no_metrics_however_the_lines_come() -> None:
    # (a shape seen twice is learned for the lines after it: an echo is never learned)
    echo = ["kl_weight=0.1 temperature=0.5 seed=0"] * 4
    assert _parsed(ARGS, *echo) == []
    parser = MetricParser()
    parser.settings = ARGS
    assert parser.parse_lines(echo) + parser.flush() == []


# a parameter named `a` ------------------------------------------------------------------------


def test_a_parameter_named_a_is_read_as_its_neighbours_are() -> None:
    # NumPyro's SVI guide's medians (t59's numpyro_svi.py)
    assert steps_of("final loss: 165.2029266357422", "a: 2.9684", "b: -1.0589",
                    "sigma: 0.5187") == [
        ("final_loss", 165.2029266357422, 0), ("a", 2.9684, 0), ("b", -1.0589, 0),
        ("sigma", 0.5187, 0)]
    assert steps_of("A: 2.9684") == [("A", 2.9684, 0)]
    assert steps_of("posterior mean a: 2.97") == [("posterior_mean_a", 2.97, 0)]
    assert steps_of("mean a = 2.97, mean b = -1.05") == [("mean_a", 2.97, 0),
                                                         ("mean_b", -1.05, 0)]
    # an article before a word is no name's
    assert steps_of("Saved a model with loss: 0.5", "a new best: 0.5") == [
        ("loss", 0.5, 0), ("new_best", 0.5, 0)]


# the negated ELBO -----------------------------------------------------------------------------


def test_the_negated_elbo_is_read_under_its_name_as_printed() -> None:
    # t59's hand_vi.py: `print(f"[{i}/{n}] -ELBO: {loss:g}  log_lik: {ll:g}")`
    assert steps_of("[20/400] -ELBO: 50442.2  log_lik: -50441.6",
                    "[40/400] -ELBO: 50445.3  log_lik: -50444.6") == [
        ("-ELBO", 50442.2, 20), ("log_lik", -50441.6, 20),
        ("-ELBO", 50445.3, 40), ("log_lik", -50444.6, 40)]
    assert steps_of("-ELBO: 50442.2") == [("-ELBO", 50442.2, 0)]
    assert steps_of("step 5 -ELBO: 50442.2") == [("-ELBO", 50442.2, 5)]
    assert steps_of("step 6 | -ELBO 50442.2 | kl 0.5") == [("-ELBO", 50442.2, 6), ("kl", 0.5, 6)]
    # a qualifier in parentheses, as `loss (avg): 0.3` is `loss_(avg)`
    assert steps_of("step 8 loss (-ELBO): 3.5") == [("loss_(-ELBO)", 3.5, 8)]
    # an option on a command line is none
    assert steps_of("python train.py -lr=0.1") == []


# emcee's autocorrelation warning --------------------------------------------------------------


def test_emcee_s_autocorrelation_warning_records_no_count() -> None:
    # `N/50 = 12;`: the chain's length over the tolerance emcee asks for
    assert steps_of(
        "The chain is shorter than 50 times the integrated autocorrelation time for 3 "
        "parameter(s). Use this estimate with caution and run a longer chain!",
        "N/50 = 12;", "tau: [16.40040408 38.77277265 26.48140588]",
        "Mean acceptance fraction: 0.638") == [("Mean_acceptance_fraction", 0.638, 0)]


def test_a_prior_s_range_drawn_under_a_parameter_s_name_is_no_value() -> None:
    # UltraNest's marginals as it samples: the prior's bounds either side of the drawing
    assert steps_of(
        "a:     -10.0|********************************************************|    +10.0",
        "b:     -10.0|       -5.1  ************************************       |    +10.0",
    ) == []


# a sampler's diagnostics ----------------------------------------------------------------------


def test_a_sampler_s_divergences_are_read_as_printed() -> None:
    # NumPyro's and Pyro's `print_summary()`, after the table
    assert steps_of("Number of divergences: 8") == [("Number_of_divergences", 8, 0)]
    assert steps_of("num_divergent: 3") == [("num_divergent", 3, 0)]
    assert steps_of("n_divergent = 3") == [("n_divergent", 3, 0)]
    assert steps_of("divergences: 8") == [("divergences", 8, 0)]
    # other counts said so stay none
    assert steps_of("Number of actions: 4", "num_layers: 3", "n_classes = 10") == []


def test_a_sampler_s_step_size_is_a_measure() -> None:
    # PyMC's `idata.sample_stats['step_size'].mean()`, BlackJAX's adapted parameters
    assert steps_of("mean step size: 0.7831") == [("mean_step_size", 0.7831, 0)]
    assert steps_of("adapted step_size: 0.9027") == [("adapted_step_size", 0.9027, 0)]
    assert steps_of("step_size = 0.5") == [("step_size", 0.5, 0)]
    assert steps_of("step 10 | step_size 0.31 | acc 0.9") == [
        ("step_size", 0.31, 10), ("acc", 0.9, 10)]
    # a step size in whole steps is StepLR's setting; a bound of it a sampler's
    assert steps_of("step_size: 30", "max_step_size = 1.5") == []


# a chain's results ----------------------------------------------------------------------------


def test_a_chain_s_results_are_under_its_number_not_at_a_step() -> None:
    # t59's perchain.py: three emcee chains side by side, each its results (as a class's are)
    assert steps_of(
        "Chain 0: acceptance fraction = 0.719, mean log prob = -0.714, mean x0 = 1.002",
        "Chain 1: acceptance fraction = 0.7, mean log prob = -0.8, mean x0 = 1.1",
        "chain 0 | acceptance 0.719 | lp -0.714",
        "chain 1 | acceptance 0.7 | lp -0.8",
    ) == [("Chain_0/acceptance_fraction", 0.719, 0), ("Chain_0/mean_log_prob", -0.714, 0),
          ("Chain_0/mean_x0", 1.002, 0), ("Chain_1/acceptance_fraction", 0.7, 0),
          ("Chain_1/mean_log_prob", -0.8, 0), ("Chain_1/mean_x0", 1.1, 0),
          ("chain_0/acceptance", 0.719, 0), ("chain_0/lp", -0.714, 0),
          ("chain_1/acceptance", 0.7, 0), ("chain_1/lp", -0.8, 0)]
    # CmdStan's `Chain [1]` progress is no chain's label
    assert steps_of("Chain [1] num_chains = 1 (Default)") == []


def test_a_line_of_settings_the_parser_read_is_no_metric_in_a_run(
        cli: Callable[..., Result], tmp_path: Path) -> None:
    # settings of any names echoed on a line of their own (read by `parse_lines`' fast path)
    (tmp_path / "t.py").write_text(
        "import argparse\np = argparse.ArgumentParser()\n"
        "p.add_argument('--kl-weight', type=float, default=0.1)\n"
        "p.add_argument('--temperature', type=float, default=0.5)\n"
        "p.add_argument('--seed', type=int, default=0)\n"
        "a = p.parse_args()\n"
        "print(f'kl_weight={a.kl_weight} temperature={a.temperature} seed={a.seed}')\n"
        "print(f'kl_weight: {a.kl_weight}, temperature: {a.temperature}, seed: {a.seed}')\n"
        "for e in (1, 2):\n    print(f'epoch {e} kl_weight={a.kl_weight} loss={1 / e}')\n")
    assert cli(sys.executable, "t.py", "--kl-weight", "0.2").code == 0
    points = json.loads(cli("metrics", "last", "--json").stdout)
    assert {k: [(p["step"], p["value"]) for p in v] for k, v in points.items()} == {
        "kl_weight": [(1, 0.2), (2, 0.2)], "loss": [(1, 1.0), (2, 0.5)]}
