"""Tests for runlab.parsing on what programs in other languages print, as their runtimes print
it: Node's `console.table` of phases and its errors' properties, a label before a Node object,
R's named vectors of measures, lists and data frames of phases, mlpack's settings after a run."""

from __future__ import annotations

from tests.test_parsing import run_all, steps_of

# --- Node's console.table -----------------------------------------------------------------------

# `for (e = 1..2) { console.log(`Epoch ${e}`); console.table([{ phase: 'train', loss, acc },
# { phase: 'val', loss, acc }]) }` as Node 20 prints it
PHASE_TABLES = [
    "Epoch 1",
    "┌─────────┬─────────┬──────┬─────┐",
    "│ (index) │ phase   │ loss │ acc │",
    "├─────────┼─────────┼──────┼─────┤",
    "│ 0       │ 'train' │ 1    │ 0.6 │",
    "│ 1       │ 'val'   │ 1.2  │ 0.5 │",
    "└─────────┴─────────┴──────┴─────┘",
    "Epoch 2",
    "┌─────────┬─────────┬──────┬────────────────────┐",
    "│ (index) │ phase   │ loss │ acc                │",
    "├─────────┼─────────┼──────┼────────────────────┤",
    "│ 0       │ 'train' │ 0.5  │ 0.7                │",
    "│ 1       │ 'val'   │ 0.6  │ 0.6000000000000001 │",
    "└─────────┴─────────┴──────┴────────────────────┘",
]


def test_a_node_table_of_phases_is_read_a_phase_a_row_at_the_epoch_above_it() -> None:
    # the `(index)` column (0, 1) is no step, and train's and val's values no one curve
    assert run_all(*PHASE_TABLES) == [
        ("train/loss", 1, 1, "node_table"), ("train/acc", 0.6, 1, "node_table"),
        ("val/loss", 1.2, 1, "node_table"), ("val/acc", 0.5, 1, "node_table"),
        ("train/loss", 0.5, 2, "node_table"), ("train/acc", 0.7, 2, "node_table"),
        ("val/loss", 0.6, 2, "node_table"), ("val/acc", 0.6000000000000001, 2, "node_table")]


def test_a_node_table_indexed_by_phase_or_naming_models_names_its_rows() -> None:
    # `console.table({ train: {...}, val: {...}, test: {...} })`: the index names the phase
    assert steps_of("epoch 6 loss 0.45",
                    "┌─────────┬──────┬──────┐",
                    "│ (index) │ loss │ acc  │",
                    "├─────────┼──────┼──────┤",
                    "│ train   │ 0.31 │ 0.9  │",
                    "│ val     │ 0.42 │ 0.85 │",
                    "│ test    │ 0.45 │ 0.84 │",
                    "└─────────┴──────┴──────┘") == [
        ("loss", 0.45, 6), ("train/loss", 0.31, 6), ("train/acc", 0.9, 6),
        ("val/loss", 0.42, 6), ("val/acc", 0.85, 6), ("test/loss", 0.45, 6),
        ("test/acc", 0.84, 6)]
    # a comparison of models, `[{ model: 'lr', acc, f1 }, { model: 'svm', ... }]`: no curve
    assert steps_of("┌─────────┬───────┬──────┬──────┐",
                    "│ (index) │ model │ acc  │ f1   │",
                    "├─────────┼───────┼──────┼──────┤",
                    "│ 0       │ 'lr'  │ 0.81 │ 0.7  │",
                    "│ 1       │ 'svm' │ 0.86 │ 0.75 │",
                    "└─────────┴───────┴──────┴──────┘") == [
        ("lr/acc", 0.81, 0), ("lr/f1", 0.7, 0), ("svm/acc", 0.86, 0), ("svm/f1", 0.75, 0)]
    # with an epoch column too, its value the step; older Node's centred cells alike
    assert steps_of("┌─────────┬───────┬─────────┬──────┐",
                    "│ (index) │ epoch │  phase  │ loss │",
                    "├─────────┼───────┼─────────┼──────┤",
                    "│    0    │   3   │ 'train' │ 0.5  │",
                    "│    1    │   3   │  'val'  │ 0.6  │",
                    "└─────────┴───────┴─────────┴──────┘") == [
        ("train/loss", 0.5, 3), ("val/loss", 0.6, 3)]
    # rows of other words are read as before, at their index; a name that is no phase, none
    assert steps_of("┌─────────┬─────────┬──────┐", "│ (index) │ city    │ temp │",
                    "├─────────┼─────────┼──────┤", "│ 0       │ 'Paris' │ 21.5 │",
                    "└─────────┴─────────┴──────┘") == [("temp", 21.5, 0)]
    assert steps_of("┌─────────┬──────┐", "│ (index) │ loss │", "├─────────┼──────┤",
                    "│ a       │ 0.5  │", "└─────────┴──────┘") == []


# --- a label before a Node object (or a Python dict) ---------------------------------------------

def test_a_label_without_a_colon_names_the_object_after_it_as_with_one() -> None:
    # `console.log('Test results', { loss: 0.3, acc: 0.9 })`, `console.log('val', { loss })`
    assert steps_of("step 2 loss 0.8", "Test results { loss: 0.3, acc: 0.9 }") == steps_of(
        "step 2 loss 0.8", "Test results: { loss: 0.3, acc: 0.9 }") == [
        ("loss", 0.8, 2), ("Test_results/loss", 0.3, 2), ("Test_results/acc", 0.9, 2)]
    assert run_all("step 2 loss 0.8", "val { loss: 0.3 }") == [
        ("loss", 0.8, 2, "name_value"), ("val/loss", 0.3, 2, "node_object")]
    assert steps_of("step 2 loss 0.8", "Validation { loss: 0.44, perClass: { cat: 0.9 } }") == [
        ("loss", 0.8, 2), ("Validation/loss", 0.44, 2), ("Validation/perClass/cat", 0.9, 2)]
    # Python's `print("Test results", metrics)` alike
    assert steps_of("step 2 loss 0.8", "Test results {'loss': 0.3}") == [
        ("loss", 0.8, 2), ("Test_results/loss", 0.3, 2)]
    # the training's word alone names no section (as after a counter); a label whose first
    # word is no phase's is none
    assert steps_of("step 2 loss 0.8", "train { loss: 0.44 }") == [
        ("loss", 0.8, 2), ("loss", 0.44, 2)]
    assert steps_of("step 2 loss 0.8", "Loaded train { loss: 0.3 }") == [
        ("loss", 0.8, 2), ("loss", 0.3, 2)]


# --- a Node error's properties --------------------------------------------------------------------

STACK = ["    at Object.<anonymous> (/tmp/t51/node/errs.js:4:38)",
         "    at Module._compile (node:internal/modules/cjs/loader:1521:14)",
         "    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)"]


def test_a_node_errors_properties_after_its_stack_are_no_metrics() -> None:
    # `err.step = 4; err.loss = Infinity; err.gradNorm = 1e9; throw err` (Node 20)
    assert steps_of("epoch 3 loss 0.3333", "", "Error: loss exploded", *STACK,
                    "    at node:internal/main/run_main_module:28:49 {", "  step: 4,",
                    "  loss: Infinity,", "  gradNorm: 1000000000", "}", "",
                    "Node.js v20.20.2", "epoch 4 loss 0.25") == [
        ("loss", 0.3333, 3), ("loss", 0.25, 4)]
    # an AssertionError's fields; an error with a cause, its stack and properties nested
    assert steps_of("epoch 3 loss 0.3333 acc 0.80",
                    "AssertionError [ERR_ASSERTION]: final accuracy below target", "",
                    "0.8 !== 0.9", "", *STACK,
                    "    at node:internal/main/run_main_module:28:49 {",
                    "  generatedMessage: false,", "  code: 'ERR_ASSERTION',", "  actual: 0.8,",
                    "  expected: 0.9,", "  operator: 'strictEqual'", "}") == [
        ("loss", 0.3333, 3), ("acc", 0.8, 3)]
    assert steps_of("epoch 2 loss 0.5000", "Error: training failed", *STACK,
                    "    ... 4 lines matching cause stack trace ...",
                    "    at node:internal/main/run_main_module:28:49 {", "  code: 'ERR_X',",
                    "  loss: NaN,", "  [cause]: Error: diverged",
                    "      at Object.<anonymous> (/tmp/cause.js:2:15)",
                    "      at node:internal/main/run_main_module:28:49 {", "    loss: NaN,",
                    "    step: 3", "  }", "}", "", "Node.js v20.20.2") == [("loss", 0.5, 2)]
    # without a stack (`Error.stackTraceLimit = 0`), on one line, inside an object too
    assert steps_of("epoch 2 loss 0.5000", "[Error: diverged] { loss: NaN }",
                    "[TrainingError: nan loss] { loss: NaN, step: 4 }",
                    "[AssertionError [ERR_ASSERTION]: x] { actual: 0.8, expected: 0.9 }",
                    "{ err: [Error: diverged] { loss: NaN } }") == [("loss", 0.5, 2)]


# --- R ------------------------------------------------------------------------------------------

def test_an_r_named_vector_of_measures_alone_is_read_at_the_current_step() -> None:
    # `for (e in 1:3) { cat("Epoch", e, "\n"); print(c(train_loss = 1/e, val_loss = 1.2/e)) }`
    assert run_all("Epoch 1 ", "train_loss   val_loss ", "       1.0        1.2 ",
                   "Epoch 2 ", "train_loss   val_loss ", "       0.5        0.6 ",
                   "Epoch 3 ", "train_loss   val_loss ", " 0.3333333  0.4000000 ") == [
        ("train_loss", 1.0, 1, "r_vector"), ("val_loss", 1.2, 1, "r_vector"),
        ("train_loss", 0.5, 2, "r_vector"), ("val_loss", 0.6, 2, "r_vector"),
        ("train_loss", 0.3333333, 3, "r_vector"), ("val_loss", 0.4, 3, "r_vector")]
    assert steps_of("epoch 4 loss 0.3", "test_loss  test_acc ", "     0.41      0.88 ") == [
        ("loss", 0.3, 4), ("test_loss", 0.41, 4), ("test_acc", 0.88, 4)]
    # settings, `print(c(lr = 0.01, batch_size = 32, epochs = 10))`, and a vector naming
    # no measure, `print(c(train = 0.81, test = 0.78))`, are none
    assert steps_of("        lr batch_size     epochs ", "      0.01      32.00      10.00 ",
                    "train  test ", " 0.81  0.78 ") == []


def test_an_r_list_is_read_element_by_element_at_its_counter() -> None:
    # `for (e in 1:2) print(list(epoch = e, loss = 1/e, acc = 0.5 + e/10))`
    assert run_all("$epoch", "[1] 1", "", "$loss", "[1] 1", "", "$acc", "[1] 0.6", "",
                   "$epoch", "[1] 2", "", "$loss", "[1] 0.5", "", "$acc", "[1] 0.7", "") == [
        ("loss", 1, 1, "r_list"), ("acc", 0.6, 1, "r_list"),
        ("loss", 0.5, 2, "r_list"), ("acc", 0.7, 2, "r_list")]
    # nested, `list(train = list(loss = 0.5), val = list(loss = 0.6))`; a vector or a word
    # among the elements is none
    assert steps_of("epoch 3 loss 0.4", "$train", "$train$loss", "[1] 0.5", "", "", "$val",
                    "$val$loss", "[1] 0.6", "", "", "$weights", "[1] 0.1 0.2 0.3", "",
                    "$model", '[1] "mlp"', "") == [
        ("loss", 0.4, 3), ("train/loss", 0.5, 3), ("val/loss", 0.6, 3)]
    # a list of settings, `print(list(lr = 0.01, batch_size = 32))`: none
    assert steps_of("$lr", "[1] 0.01", "", "$batch_size", "[1] 32", "") == []


def test_a_data_frame_with_a_phase_column_names_each_row_by_its_phase() -> None:
    # R's `print(data.frame(epoch = e, phase = c("train", "val"), loss = ..., acc = ...))`
    assert run_all("  epoch phase loss acc", "1     1 train  1.0 0.6", "2     1   val  1.2 0.5",
                   "  epoch phase loss acc", "1     2 train  0.5 0.7", "2     2   val  0.6 0.6") == [
        ("train/loss", 1.0, 1, "phase_frame"), ("train/acc", 0.6, 1, "phase_frame"),
        ("val/loss", 1.2, 1, "phase_frame"), ("val/acc", 0.5, 1, "phase_frame"),
        ("train/loss", 0.5, 2, "phase_frame"), ("train/acc", 0.7, 2, "phase_frame"),
        ("val/loss", 0.6, 2, "phase_frame"), ("val/acc", 0.6, 2, "phase_frame")]
    # without a counter, at the current step; its values wider than the names; pandas' too
    assert steps_of("Epoch 3", "  phase      loss acc", "1 train 0.3333333 0.8",
                    "2   val 0.4000000 0.7") == [
        ("train/loss", 0.3333333, 3), ("train/acc", 0.8, 3), ("val/loss", 0.4, 3),
        ("val/acc", 0.7, 3)]
    assert steps_of("Epoch 3", "   phase  loss  acc", "0  train   1.0  0.6",
                    "1    val   1.2  0.5") == [
        ("train/loss", 1.0, 3), ("train/acc", 0.6, 3), ("val/loss", 1.2, 3), ("val/acc", 0.5, 3)]
    # the splits' sizes, `split n` over `1 train 100`: no measure, none
    assert steps_of("  split   n", "1 train 100", "2   val  20", "3  test  20") == []


# --- mlpack -------------------------------------------------------------------------------------

def test_mlpacks_execution_parameters_and_timers_are_no_metrics() -> None:
    # a program's `--verbose` end (bindings/cli/end_program.hpp), behind Log::Info's prefix
    assert steps_of("[INFO ] Accuracy on training set: 97.3333%.", "[INFO ] ",
                    "[INFO ] Execution parameters:", "[INFO ]   algorithm: dual_tree",
                    "[INFO ]   epsilon: 0", "[INFO ]   info: ", "[INFO ]   lambda: 0.1",
                    "[INFO ]   tolerance: 1e-10", "[INFO ]   verbose: true",
                    "[INFO ] Program timers:",
                    "[INFO ]   computing_neighbors: 137.534496s (2 mins, 17.5 secs)",
                    "[INFO ]   total_time: 0.020000s") == [
        ("Accuracy_on_training_set", 97.3333, 0)]
    # its indented results stay read (sparse coding's `  Objective value: ...`)
    assert steps_of("[INFO ]   Objective value: 4.2") == [("Objective_value", 4.2, 0)]
