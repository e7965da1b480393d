"""Metrics from what programs in other languages print: Node's `console.log` of an object and
`console.table`, R's prints of a string and of a named vector, Caffe's solver log."""

from __future__ import annotations

from tests.test_parsing import run_all, steps_of


def test_a_node_object_nested_is_flattened_as_a_python_dict_of_that_shape_is() -> None:
    # util.inspect's `{ test: { acc: 0.61 } }`: its values under test/, not the training's acc;
    # the Python dict of the same shape gives the same points (the results after the epochs'
    # records at the last epoch, printed again no second point)
    node = ["{ epoch: 1, loss: 1, acc: 0.6 }", "{ epoch: 2, loss: 0.5, acc: 0.7 }",
            "results: { test: { acc: 0.61, loss: 0.9 }, val: { acc: 0.72 } }",
            "{ test: { acc: 0.61, loss: 0.9 }, val: { acc: 0.72 } }"]
    python = ["{'epoch': 1, 'loss': 1, 'acc': 0.6}", "{'epoch': 2, 'loss': 0.5, 'acc': 0.7}",
              "results: {'test': {'acc': 0.61, 'loss': 0.9}, 'val': {'acc': 0.72}}",
              "{'test': {'acc': 0.61, 'loss': 0.9}, 'val': {'acc': 0.72}}"]
    assert steps_of(*node) == steps_of(*python) == [
        ("loss", 1, 1), ("acc", 0.6, 1), ("loss", 0.5, 2), ("acc", 0.7, 2),
        ("test/acc", 0.61, 2), ("test/loss", 0.9, 2), ("val/acc", 0.72, 2)]


def test_a_node_object_keeps_its_words_and_literals_out_of_the_values() -> None:
    assert run_all("epoch stats { epoch: 3, loss: 0.6931, valAcc: 0.45, model: 'mlp', "
                   "w: [ 0.1, 0.2 ], f: [Function: f], d: { e: { f: [Object] } } }") == [
        ("loss", 0.6931, 3, "node_object"), ("valAcc", 0.45, 3, "node_object")]
    # a flag or `undefined` among them, as True or None in a Python dict: a program's settings
    assert run_all("{ lr: 0.01, loss: 0.5, verbose: true, seed: undefined }") == []


def test_a_node_object_over_several_lines_is_read_when_it_closes() -> None:
    # util.inspect breaks an object longer than its line over several, nested ones too
    assert steps_of("{", "  epoch: 5,", "  test: { acc: 0.95, loss: 0.2 },", "  bias: 0.1",
                    "}") == [("test/acc", 0.95, 5), ("test/loss", 0.2, 5), ("bias", 0.1, 5)]
    assert steps_of("{ epoch: 4, loss: 0.6 }", "final: {",
                    "  weights: [ 0.13738754987327922, 0.5059566598898722 ],",
                    "  bias: 0.09481059539329606,", "  test: {", "    acc: 0.95,",
                    "    loss: 0.6002806481302607", "  }", "}") == [
        ("loss", 0.6, 4), ("bias", 0.09481059539329606, 0), ("test/acc", 0.95, 0),
        ("test/loss", 0.6002806481302607, 0)]


def test_a_node_console_table_is_read_at_its_epoch_column_else_at_its_index() -> None:
    # node 20's, its cells left-aligned
    assert run_all(
        "┌─────────┬───────┬────────────────────┬──────┐",
        "│ (index) │ epoch │ loss               │ acc  │",
        "├─────────┼───────┼────────────────────┼──────┤",
        "│ 0       │ 1     │ 0.6931471805579448 │ 0.45 │",
        "│ 1       │ 2     │ 0.6668845853324851 │ 0.93 │",
        "└─────────┴───────┴────────────────────┴──────┘",
        "done") == [("loss", 0.6931471805579448, 1, "node_table"), ("acc", 0.45, 1, "node_table"),
                    ("loss", 0.6668845853324851, 2, "node_table"), ("acc", 0.93, 2, "node_table")]
    # older Node's, centred; an empty cell is no value
    assert steps_of("┌─────────┬──────┬─────┐", "│ (index) │ loss │ acc │",
                    "├─────────┼──────┼─────┤", "│    0    │ 0.5  │ 0.7 │",
                    "│    1    │ 0.4  │     │", "└─────────┴──────┴─────┘") == [
        ("loss", 0.5, 0), ("acc", 0.7, 0), ("loss", 0.4, 1)]
    # an object's table, its rows indexed by name: no step to put them at
    assert steps_of("┌─────────┬──────┐", "│ (index) │ loss │", "├─────────┼──────┤",
                    "│ a       │ 0.5  │", "└─────────┴──────┘") == []


def test_an_r_print_of_one_string_is_read_as_its_text() -> None:
    # `print(sprintf(...))`: R's `[1]` is the vector's index, the quotes no part of a value
    assert steps_of('[1] "Epoch 1: loss=0.5000 acc=0.600"',
                    '[1] "Epoch 2: loss=0.3333 acc=0.700"') == [
        ("loss", 0.5, 1), ("acc", 0.6, 1), ("loss", 0.3333, 2), ("acc", 0.7, 2)]
    # `print(paste(...))`
    assert steps_of('[1] "epoch 1 loss 0.5"', '[1] "epoch 2 loss 0.3333"') == [
        ("loss", 0.5, 1), ("loss", 0.3333, 2)]
    # R's escapes inside: `\"` is a quote, `\t` a tab
    assert steps_of('[1] "epoch 3 \\"run\\" loss=0.25\\tacc=0.8"') == [
        ("loss", 0.25, 3), ("acc", 0.8, 3)]


def test_an_r_named_vector_is_read_under_its_names_at_its_counter() -> None:
    # `print(c(epoch = epoch, loss = loss, acc = acc))` in a loop: R picks each print's width
    assert run_all("epoch  loss   acc ", "  1.0   0.5   0.6 ",
                   "    epoch      loss       acc ", "2.0000000 0.3333333 0.7000000 ") == [
        ("loss", 0.5, 1, "r_vector"), ("acc", 0.6, 1, "r_vector"),
        ("loss", 0.3333333, 2, "r_vector"), ("acc", 0.7, 2, "r_vector")]
    # wrapped when wide: the names' lines after the first are the same vector's, at its epoch
    assert steps_of("    epoch      loss       acc  val_loss   val_acc        lr grad_norm"
                    "      time ",
                    "     1.00      0.50      0.60      0.70      0.55      0.01      1.20"
                    "      3.30 ",
                    "        a         b ", "       NA      2.00 ")[-2:] == [
        ("time", 3.3, 1), ("b", 2.0, 1)]
    # a vector with no counter (a model's `coef()`) and a table's header are not read so
    assert steps_of("(Intercept)          x ", "  0.5000000   2.0000000 ") == []
    assert steps_of("epoch  loss  acc", "1      0.5   0.6", "2      0.4   0.7") == [
        ("loss", 0.5, 1), ("acc", 0.6, 1), ("loss", 0.4, 2), ("acc", 0.7, 2)]


CAFFE = "I1207 06:46:01.001000  4242 "


def test_caffe_solver_log_gives_train_outputs_lr_and_test_outputs_at_the_iteration() -> None:
    assert run_all(
        f"{CAFFE}solver.cpp:218] Iteration 50 (512.500 iter/s, 0.019s/10 iters), loss = 2.54449",
        f"{CAFFE}solver.cpp:237]     Train net output #0: loss = 2.54449 (* 1 = 2.54449 loss)",
        f"{CAFFE}sgd_solver.cpp:105] Iteration 50, lr = 0.032805",
        f"{CAFFE}solver.cpp:330] Iteration 50, Testing net (#0)",
        f"{CAFFE}solver.cpp:397]     Test net output #0: accuracy = 0.12",
        f"{CAFFE}solver.cpp:397]     Test net output #1: loss = 2.79894 (* 1 = 2.79894 loss)",
        f"{CAFFE}solver.cpp:218] Iteration 60 (512.500 iter/s, 0.019s/10 iters), loss = 2.01078",
        f"{CAFFE}solver.cpp:237]     Train net output #0: loss = 2.01078 (* 1 = 2.01078 loss)",
        f"{CAFFE}sgd_solver.cpp:105] Iteration 60, lr = 0.0295245",
        f"{CAFFE}solver.cpp:310] Optimization Done.") == [
        ("loss", 2.54449, 50, "caffe"), ("lr", 0.032805, 50, "caffe"),
        ("Test/accuracy", 0.12, 50, "caffe"), ("Test/loss", 2.79894, 50, "caffe"),
        ("loss", 2.01078, 60, "caffe"), ("lr", 0.0295245, 60, "caffe")]


def test_caffe_older_iteration_line_and_what_is_left_to_other_rules() -> None:
    # Caffe's older display line, behind its solver's prefix: the step; the output is the loss
    assert steps_of(f"{CAFFE}solver.cpp:228] Iteration 100, loss = 0.2",
                    f"{CAFFE}solver.cpp:244]     Train net output #0: loss = 0.2 (* 1 = 0.2 loss)",
                    f"{CAFFE}solver.cpp:244]     Train net output #1: acc = 0.9") == [
        ("loss", 0.2, 100), ("acc", 0.9, 100)]
    # without it, the same shape is scikit-learn's MLP's, read as before
    assert run_all("Iteration 1, loss = 1.07158394") == [("loss", 1.07158394, 1, "sklearn")]


def test_caffe_start_up_parameters_and_layer_sizes_are_no_metrics() -> None:
    # the solver's parameters in protobuf's text format up to the next glog line, a layer's
    # top shape and memory: settings and sizes (they had been metrics at the last step)
    assert steps_of(f"{CAFFE}solver.cpp:45] Initializing solver from parameters: ",
                    "test_iter: 100", "test_interval: 50", "base_lr: 0.01", "momentum: 0.9",
                    "solver_mode: CPU", "train_state {", "  level: 0", "}",
                    f"{CAFFE}net.cpp:131] Top shape: 64 (64)",
                    f"{CAFFE}net.cpp:139] Memory required for data: 200960",
                    f"{CAFFE}solver.cpp:218] Iteration 10 (50 iter/s, 0.2s/10 iters), loss = 1.15",
                    f"{CAFFE}solver.cpp:237]     Train net output #0: loss = 1.15 (* 1 = 1.15 loss)"
                    ) == [("loss", 1.15, 10)]
