"""Tests for runlab.parsing's clause rules on the output of programs that are not Python's:
C's printf, shell and awk loops, Node.js and R (a phase's label before the training's
counter, a sentence's full stop, uncaught errors, progress prefixes, vectors)."""

from __future__ import annotations

import math

from runlab.parsing import MetricParser

Triple = tuple[str, float | str, int]


def steps_of(*lines: str) -> list[Triple]:
    """Lines through one parser, flushed at the end: (key, value, step), nan spelled "nan"."""
    parser = MetricParser()
    points = parser.parse_lines(lines) + parser.flush()
    return [(p.key, "nan" if math.isnan(p.value) else p.value, p.step) for p in points]


def test_an_evaluation_label_before_a_counter_is_read_at_the_training_step() -> None:
    # llama.cpp's shape from a shell loop: `train: iter N ...`, then `valid: iter N ...`
    assert steps_of("train: iter 1 loss 0.8", "valid: iter 1 loss 0.85",
                    "train: iter 2 loss 0.7", "valid: iter 2 loss 0.75") == [
        ("train_loss", 0.8, 1), ("valid_loss", 0.85, 1),
        ("train_loss", 0.7, 2), ("valid_loss", 0.75, 2)]
    assert steps_of("train: iter 4 loss 0.9", "eval: step 4 loss 0.166") == [
        ("train_loss", 0.9, 4), ("eval_loss", 0.166, 4)]
    # awk's `step N loss=X`, then `eval: step N val_loss X`: a name that says its phase keeps it
    assert steps_of("step 4 loss=0.151", "eval: step 4 val_loss 0.166") == [
        ("loss", 0.151, 4), ("val_loss", 0.166, 4)]
    # `=` pairs are the key_value rule's, named under the label
    assert steps_of("step 4 loss=0.151", "eval: step 4 loss=0.166") == [
        ("loss", 0.151, 4), ("eval/loss", 0.166, 4)]
    # an evaluation's counter may be its place in the evaluation: the training's step holds
    assert steps_of("train: step 900 loss 0.27", "val: step 3 loss 0.36") == [
        ("train_loss", 0.27, 900), ("val_loss", 0.36, 900)]
    assert steps_of("train: iter 4 loss 0.166") == [("train_loss", 0.166, 4)]
    # a test's iteration is its place in the test: not read
    assert steps_of("step 1000 loss 2.0", "test: iter 5 loss 0.3 acc 0.9") == [
        ("loss", 2.0, 1000)]


def test_a_sentence_full_stop_after_the_last_value_ends_it() -> None:
    assert steps_of("epoch 1: loss 6.9036.") == [("loss", 6.9036, 1)]
    assert steps_of("Epoch 1; loss 6.9036.") == [("loss", 6.9036, 1)]
    assert steps_of("Iteration 1; objective 6.9036.") == [("objective", 6.9036, 1)]
    assert steps_of("epoch 1: train loss 6.9036.") == [("train_loss", 6.9036, 1)]
    assert steps_of("epoch 2: loss 5.9036, acc 0.5.") == [("loss", 5.9036, 2), ("acc", 0.5, 2)]
    assert steps_of("epoch 1: loss 0.8, acc 0.65.", "epoch 2: loss 0.7, acc 0.75.") == [
        ("loss", 0.8, 1), ("acc", 0.65, 1), ("loss", 0.7, 2), ("acc", 0.75, 2)]
    # a sentence saying it ended, then the measures
    assert steps_of("Done. loss 6.9036.") == [("loss", 6.9036, 0)]
    assert steps_of("Done. loss 6.9036") == [("loss", 6.9036, 0)]
    assert steps_of("Done. Saved 3 files") == []


def test_an_objective_after_a_counter_and_a_comma_is_a_measure() -> None:
    # ensmallen/mlpack's `Iteration N, objective X` (as with `;`); prose after a comma is none
    assert steps_of("Iteration 1, objective 6.9036", "Iteration 2, objective 5.9036") == [
        ("objective", 6.9036, 1), ("objective", 5.9036, 2)]
    assert steps_of("Iteration 1; objective 6.9036") == [("objective", 6.9036, 1)]
    assert steps_of("Step 1, took 0.5s") == []


def test_an_uncaught_error_of_node_or_r_is_no_metric() -> None:
    # Node's uncaught error: the source line, the caret, the message and its stack
    assert steps_of("epoch 1 loss 0.6003",
                    "/tmp/t47/node/train.js:29",
                    "if (mode === 'throw') throw new Error('diverged: loss=NaN');",
                    "                      ^",
                    "",
                    "Error: diverged: loss=NaN",
                    "    at Object.<anonymous> (/tmp/t47/node/train.js:29:29)",
                    "    at Module._compile (node:internal/modules/cjs/loader:1521:14)",
                    "    at node:internal/main/run_main_module:28:49",
                    "",
                    "Node.js v20.20.2") == [("loss", 0.6003, 1)]
    assert steps_of("Uncaught Error: diverged: loss=NaN") == []
    # C++'s uncaught exception
    assert steps_of("step 3 loss 0.512",
                    "terminate called after throwing an instance of 'std::runtime_error'",
                    "  what():  diverged: loss=nan at step 4") == [("loss", 0.512, 3)]
    # R's stop() and an error in a call
    assert steps_of("Error: diverged at epoch 3: loss=NaN", "Execution halted") == []
    assert steps_of("iter  19 value 3.905306",
                    'Error in optim(c(0, 0, 0), f, method = "BFGS", control = list(trace = 1,  : ',
                    "  non-finite finite-difference value [3]", "Execution halted") == [
        ("value", 3.905306, 19)]


def test_a_measure_named_error_is_still_read() -> None:
    assert steps_of("Error: 0.25") == [("Error", 0.25, 0)]
    assert steps_of("error: 0.3") == [("error", 0.3, 0)]
    assert steps_of("Test Error: 0.12") == [("Test_Error", 0.12, 0)]
    # PyTorch's quickstart: the label on its line, the values on the next
    assert steps_of("Test Error: ", " Accuracy: 85.3%, Avg loss: 0.42") == [
        ("Accuracy", 85.3, 0), ("Avg_loss", 0.42, 0)]
    # a log line's level stays none: with words after it, or after another clause
    assert steps_of("error: 0.5 retries", "Retry 2: error: 0.35", "Error: 2") == []


def test_a_progress_share_in_brackets_first_leaves_the_counter_the_step() -> None:
    assert steps_of("[ 10%] epoch 1 | train loss 6.9036 | accuracy 0.00%",
                    "[ 20%] epoch 2 | train loss 5.9036 | accuracy 10.00%",
                    "[100%] epoch 10 | train loss 1.9036 | accuracy 90.00%") == [
        ("train_loss", 6.9036, 1), ("accuracy", 0.0, 1),
        ("train_loss", 5.9036, 2), ("accuracy", 10.0, 2),
        ("train_loss", 1.9036, 10), ("accuracy", 90.0, 10)]
    assert steps_of("[ 10%] Building CXX object styles.o") == []
    # unpadded, `printf("[%d%%] ...")`
    assert steps_of("[10%] epoch 1 loss 1.6000 acc 5.00", "[20%] epoch 2 loss 1.5 acc 6.00") == [
        ("loss", 1.6, 1), ("acc", 5.0, 1), ("loss", 1.5, 2), ("acc", 6.0, 2)]


def test_dlib_step_number_sign_is_the_step() -> None:
    assert steps_of(
        "step#: 1      learning rate: 0.05  average loss: 6.9036      "
        "steps without apparent progress: 0",
        "step#: 2      learning rate: 0.05  average loss: 5.9036      "
        "steps without apparent progress: 1") == [
        ("learning_rate", 0.05, 1), ("average_loss", 6.9036, 1),
        ("learning_rate", 0.05, 2), ("average_loss", 5.9036, 2)]


def test_a_vector_after_a_name_is_no_value() -> None:
    assert steps_of("final weights: 0.096 0.250 0.607 bias 0.065") == []
    assert steps_of("weights: 0.1 0.2 0.3, loss: 0.5") == [("loss", 0.5, 0)]
    # one value and more about it stays the value
    assert steps_of("Loss: 2.30 (2.31)") == [("Loss", 2.3, 0)]
    assert steps_of("acc: 0.91 0.02") == [("acc", 0.91, 0)]
