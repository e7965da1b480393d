"""Tests for runlab.parsing's clause rules on shapes earlier re-tests left over: mlpack's and
ensmallen's optimizer lines, the line of code a Node crash report echoes, a bandit
comparison's labelled results after N rounds, an RL loop's `Step N | Ep M`, and a name's
two-element vector."""

from __future__ import annotations

import math

from runlab.parsing import MetricParser

Triple = tuple[str, float | str, int]


def steps_of(*lines: str) -> list[Triple]:
    """Lines through one parser, flushed at the end: (key, value, step), nan spelled "nan"."""
    parser = MetricParser()
    points = parser.parse_lines(lines) + parser.flush()
    return [(p.key, "nan" if math.isnan(p.value) else p.value, p.step) for p in points]


# --- mlpack and ensmallen ---------------------------------------------------------------------


def test_mlpack_lbfgs_lines_with_the_optimizer_name_are_read() -> None:
    # mlpack's L-BFGS (`Log::Debug << "L-BFGS iteration " << itNum << "; objective " ...`),
    # its last number the objective's relative decrease, unnamed
    assert steps_of(
        "[INFO ] L-BFGS iteration 0; objective 18, gradient norm 12, 0.",
        "[INFO ] L-BFGS iteration 1; objective 2.88, gradient norm 4.8, 0.84.",
        "[INFO ] L-BFGS: minimized within tolerance 1e-10; terminating optimization.",
    ) == [("objective", 18, 0), ("gradient_norm", 12, 0),
          ("objective", 2.88, 1), ("gradient_norm", 4.8, 1)]
    assert steps_of("L-BFGS iteration 0; objective 12.5.") == [("objective", 12.5, 0)]


def test_ensmallen_optimizer_lines_give_the_objective_at_the_iteration() -> None:
    # ensmallen's `Info << "SGD: iteration " << i << ", objective " << overallObjective << "."`
    assert steps_of("[INFO ] SGD: iteration 100, objective 1.",
                    "[INFO ] SGD: iteration 200, objective 0.5.") == [
        ("objective", 1, 100), ("objective", 0.5, 200)]
    # (the line search's step size is the optimizer's measure, as a sampler's is)
    assert steps_of("L-BFGS: iteration 3, objective 0.073728, step size 1.") == [
        ("objective", 0.073728, 3), ("step_size", 1.0, 3)]
    assert steps_of("Big-batch SGD: iteration 10, objective 0.25.") == [("objective", 0.25, 10)]
    assert steps_of("Gradient Descent: iteration 10, objective 0.25.") == [
        ("objective", 0.25, 10)]
    assert steps_of("PSO: iteration 3: objective 0.5.") == [("objective", 0.5, 3)]


def test_mlpack_kmeans_residual_is_read_at_its_iteration() -> None:
    assert steps_of("[INFO ] KMeans::Cluster(): iteration 1, residual 4.",
                    "[INFO ] KMeans::Cluster(): iteration 2, residual 1.",
                    "[INFO ] KMeans::Cluster(): iteration 3, residual 0.444444.") == [
        ("residual", 4, 1), ("residual", 1, 2), ("residual", 0.444444, 3)]
    assert steps_of("iteration 2, residual 2.5184") == [("residual", 2.5184, 2)]
    # a count after a counter is still prose
    assert steps_of("iteration 2, retries 3") == []


# --- Node's crash report ----------------------------------------------------------------------


def test_the_source_line_node_echoes_above_its_caret_gives_no_metric() -> None:
    epochs = ("epoch 1 loss 1.0000", "epoch 2 loss 0.5000", "epoch 3 loss 0.3333")
    read = [("loss", 1.0, 1), ("loss", 0.5, 2), ("loss", 0.3333, 3)]
    assert steps_of(
        *epochs, "/tmp/errs.js:4",
        "if (mode === 'custom') { const err = new Error('loss exploded'); err.step = 4; "
        "err.loss = Infinity; err.gradNorm = 1e9; throw err; }",
        "                                      ^", "", "Error: loss exploded",
        "    at Object.<anonymous> (/tmp/errs.js:4:38)") == read
    assert steps_of(
        *epochs, "/tmp/rej2.js:1",
        "async function main() { for (let e = 1; e <= 3; e++) console.log(`epoch ${e} loss "
        "${(1 / e).toFixed(4)}`); const acc = 0.1; throw new Error(`eval failed: acc=${acc} "
        "below threshold`); }",
        "       ^", "", "Error: eval failed: acc=0.1 below threshold") == read
    assert steps_of(
        *epochs, "/tmp/errs.js:5",
        "if (mode === 'reject') Promise.reject(new Error('eval failed: acc=0.1 below threshold "
        "0.5'));", "                                      ^") == read


def test_lines_like_code_but_printed_as_results_are_still_read() -> None:
    assert steps_of("loss: 0.5; acc: 0.9;") == [("loss", 0.5, 0), ("acc", 0.9, 0)]
    assert steps_of('{"epoch": 1, "loss": 0.5}') == [("loss", 0.5, 1)]


# --- a bandit comparison ----------------------------------------------------------------------


def test_labelled_results_after_n_rounds_keep_each_algorithm_apart() -> None:
    # t52's bandit2.py: UCB and epsilon-greedy, each its regret and its average reward
    assert steps_of(
        "[UCB] Final regret after 200 rounds: 17.1",
        "UCB: average reward after 200 rounds: 0.675",
        "[Epsilon-greedy] Final regret after 200 rounds: 35.1",
        "Epsilon-greedy: average reward after 200 rounds: 0.665",
    ) == [("UCB/Final_regret", 17.1, 200), ("UCB/average_reward", 0.675, 200),
          ("Epsilon-greedy/Final_regret", 35.1, 200),
          ("Epsilon-greedy/average_reward", 0.665, 200)]
    # a phase's label in brackets names the measure as key_value's `[val] loss: 0.5` does
    assert steps_of("[val] Loss after 10 epochs: 0.123") == [("val_Loss", 0.123, 10)]
    # or at a round: the round is the step, no part of the name
    assert steps_of("[UCB] Final regret at round 200: 17.1", "Accuracy in round 3: 0.91") == [
        ("UCB/Final_regret", 17.1, 200), ("Accuracy", 0.91, 3)]


def test_a_count_of_pulls_trials_or_time_steps_is_the_step_never_a_metric() -> None:
    assert steps_of("Regret after 1000 pulls: 12.3") == [("Regret", 12.3, 1000)]
    assert steps_of("Regret after 1,000 rounds: 12.3") == [("Regret", 12.3, 1000)]
    assert steps_of("Regret after 200 trials: 39.313") == [("Regret", 39.313, 200)]
    assert steps_of("Regret after 200 time steps: 39.3") == [("Regret", 39.3, 200)]
    assert steps_of("Final regret after 200 rounds is 39.313") == [("Final_regret", 39.313, 200)]
    assert steps_of("Mean regret over 10 runs after 200 rounds: 39.313") == [
        ("Mean_regret_over_10_runs", 39.313, 200)]
    # what it is averaged over is part of the name, as `Average reward over 200 rounds`
    assert steps_of("Average regret across 10 seeds: 39.313") == [
        ("Average_regret_across_10_seeds", 39.313, 0)]
    assert steps_of("Regret of UCB: 17.1") == [("Regret_of_UCB", 17.1, 0)]


# --- an RL loop's step and episode ------------------------------------------------------------


def test_step_then_ep_records_no_ep_metric() -> None:
    # t52's rl2.py --fmt A, as `Step 42 | Episode 2 | Return 28.0` records no Episode
    assert steps_of("Step 14 | Ep 1 | Return 14.0", "Step 42 | Ep 2 | Return 28.0") == [
        ("Return", 14.0, 14), ("Return", 28.0, 42)]


def test_a_timestep_counter_is_the_step_not_the_episode() -> None:
    assert steps_of("Timestep 1000 | Episode 5 | Return 17.0") == [("Return", 17.0, 1000)]
    assert steps_of("Timestep 1000 | Return 17.0") == [("Return", 17.0, 1000)]


# --- two numbers after a name -----------------------------------------------------------------


def test_two_numbers_after_a_name_of_no_measure_are_a_vector() -> None:
    # c/w2.c: `printf("weights: %.3f %.3f\n", w0, w1)` after its loop
    assert steps_of("iter 5 loss 0.0520", "weights: 0.734 2.090") == [("loss", 0.052, 5)]
    assert steps_of("coef: 0.1 0.2") == []
    assert steps_of("final weights: 0.096 0.25") == []
    # a measure's value and its spread: the value
    assert steps_of("acc: 0.91 0.02") == [("acc", 0.91, 0)]
    assert steps_of("final loss: 0.25 0.27") == [("final_loss", 0.25, 0)]
    # a learning rate per parameter group: the first group's
    assert steps_of("lr: 0.01 0.001") == [("lr", 0.01, 0)]
    assert steps_of("step 5 weights: 0.1 0.2 loss: 0.3") == [("loss", 0.3, 5)]
