"""The parser's state across lines: Keras' evaluation after its fit, Lightning's results after
a rich bar read through a pipe, a report printed again in another shape with no step, a
gradient accumulation's micro-steps, rich's RichHandler wrapping a long message, a Node object
over several lines after its label."""

from __future__ import annotations

from runlab.parsing import MetricParser
from tests.test_parsing import run_all, steps_of

# --- Keras: `evaluate` after the fit -------------------------------------------------------


def test_keras_evaluate_after_the_last_epoch_is_an_evaluation_not_the_epoch() -> None:
    # verbose=2: one line an epoch; evaluate's line (its own total, 7) after the last one
    assert steps_of(
        "Epoch 1/3",
        "5/5 - 0s - 75ms/step - accuracy: 0.5000 - loss: 0.7525 - val_accuracy: 0.4500",
        "Epoch 3/3",
        "5/5 - 0s - 30ms/step - accuracy: 0.5188 - loss: 0.7253 - val_accuracy: 0.4875",
        "7/7 - 0s - 15ms/step - accuracy: 0.5500 - auc: 0.6032 - loss: 0.7168",
        "Test loss: 0.7168, Test accuracy: 0.5500") == [
        ("accuracy", 0.5, 1), ("loss", 0.7525, 1), ("val_accuracy", 0.45, 1),
        ("Test_loss", 0.7168, 3), ("Test_accuracy", 0.55, 3),
        ("accuracy", 0.5188, 3), ("loss", 0.7253, 3), ("val_accuracy", 0.4875, 3),
        ("eval_accuracy", 0.55, 3), ("eval_auc", 0.6032, 3), ("eval_loss", 0.7168, 3)]
    # verbose=1: the epoch's bar redrawn to its total, then evaluate's bar from 1 again
    bar = "━━━━━━━━━━━━━━━━━━━━"
    assert steps_of(
        "Epoch 3/3",
        f"1/5 {bar} 0s 25ms/step - accuracy: 0.4219 - loss: 0.7400",
        f"5/5 {bar} 0s 56ms/step - accuracy: 0.5188 - loss: 0.7253 - val_loss: 0.7268",
        f"1/7 {bar} 0s 25ms/step - accuracy: 0.5312 - loss: 0.7100",
        f"7/7 {bar} 0s 48ms/step - accuracy: 0.5500 - loss: 0.7168") == [
        ("accuracy", 0.5188, 3), ("loss", 0.7253, 3), ("val_loss", 0.7268, 3),
        ("eval_accuracy", 0.55, 3), ("eval_loss", 0.7168, 3)]
    # a bar not finished, drawn again, is the epoch's still; the next epoch's is no evaluation
    assert steps_of(
        "Epoch 1/2", f"3/5 {bar} 0s 25ms/step - loss: 0.7400",
        f"5/5 {bar} 0s 25ms/step - loss: 0.7300", "Epoch 2/2",
        f"5/5 {bar} 0s 25ms/step - loss: 0.7200") == [("loss", 0.73, 1), ("loss", 0.72, 2)]


# --- Lightning: the results tables after a rich bar through a pipe ------------------------

LIGHTNING_RICH_PIPE = [
    "`Trainer.fit` stopped: `max_epochs=2` reached.",
    "Epoch 1/1  ━━━━━━━━━━━━━━━━━━ 6/6 0:00:00 • 0:00:00 23.88it/s v_num: 24.000     ",
    "                                                              train_loss: 0.647 ",
    "                                                              val_loss: 0.630   ",
    "                                                              val_acc: 0.766    ",
    "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
    "┃        Test metric        ┃       DataLoader 0        ┃",
    "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━┩",
    "│         test_acc          │          0.8125           │",
    "│         test_loss         │    0.6070200204849243     │",
    "└───────────────────────────┴───────────────────────────┘",
    "Testing ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 2/2 0:00:00 • 0:00:00 58.83it/s ",
    "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
    "┃      Validate metric      ┃       DataLoader 0        ┃",
    "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━┩",
    "│          val_acc          │         0.765625          │",
    "└───────────────────────────┴───────────────────────────┘",
    "Validation ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 2/2 0:00:00 • 0:00:00 148.94it/s ",
    "Test results: [{'test_loss': 0.6070200204849243, 'test_acc': 0.8125}]",
]


def test_lightning_results_after_a_rich_bar_whose_values_wrap_are_at_the_trainers_step() -> None:
    # Through a pipe rich prints its bar's last frame once, the values wrapped under it: the
    # trainer stepped 12 times (6 batches, 2 epochs), where its loggers write test() and
    # validate() results; `print(trainer.test())` after them is the same results, once
    assert steps_of(*LIGHTNING_RICH_PIPE) == [
        ("train_loss", 0.647, 11), ("val_loss", 0.63, 11), ("val_acc", 0.766, 11),
        ("test_acc", 0.8125, 12), ("test_loss", 0.6070200204849243, 12),
        ("val_acc", 0.765625, 12)]


# --- a value printed again in another shape, no step printed ------------------------------

REPORT = [
    "              precision    recall  f1-score   support",
    "",
    "      setosa     1.0000    1.0000    1.0000        16",
    "  versicolor     1.0000    0.6667    0.8000        18",
    "",
    "    accuracy                         0.8667        45",
    "   macro avg     0.8824    0.8889    0.8619        45",
    "weighted avg     0.9137    0.8667    0.8676        45",
    "",
]
REPORT_DICT = (
    "{'setosa': {'precision': 1.0, 'recall': 1.0, 'f1-score': 1.0, 'support': 16.0}, "
    "'versicolor': {'precision': 1.0, 'recall': 0.6666666666666666, 'f1-score': 0.8, "
    "'support': 18.0}, 'accuracy': 0.8666666666666667, 'macro avg': {'precision': "
    "0.8823529411764706, 'recall': 0.8888888888888888, 'f1-score': 0.861904761904762, "
    "'support': 45.0}, 'weighted avg': {'precision': 0.9137254901960784, 'recall': "
    "0.8666666666666667, 'f1-score': 0.8676190476190476, 'support': 45.0}}")


def test_a_report_then_its_dict_with_no_step_is_one_point_a_key() -> None:
    # classification_report's text, then `print(classification_report(..., output_dict=True))`:
    # the same values to the printed four digits, at the step each key is at (no step 1)
    points = steps_of(*REPORT, REPORT_DICT)
    assert points == [
        ("setosa/precision", 1.0, 0), ("setosa/recall", 1.0, 0), ("setosa/f1-score", 1.0, 0),
        ("versicolor/precision", 1.0, 0), ("versicolor/recall", 0.6667, 0),
        ("versicolor/f1-score", 0.8, 0), ("accuracy", 0.8667, 0),
        ("macro_avg/precision", 0.8824, 0), ("macro_avg/recall", 0.8889, 0),
        ("macro_avg/f1-score", 0.8619, 0), ("weighted_avg/precision", 0.9137, 0),
        ("weighted_avg/recall", 0.8667, 0), ("weighted_avg/f1-score", 0.8676, 0)]
    # printed again later with other values: a second evaluation, each key at its next step
    later = REPORT_DICT.replace("0.8666666666666667", "0.9", 1)
    assert ("accuracy", 0.9, 1) in steps_of(*REPORT, REPORT_DICT, later)
    # to two digits (fewer than three significant ones: `0.87` is no print of 0.8667), two
    # prints, every key of the dict at its next count alike
    two = [line.replace("1.0000", "1.00").replace("0.6667", "0.67").replace("0.8000", "0.80")
           .replace("0.8667", "0.87").replace("0.8824", "0.88").replace("0.8889", "0.89")
           .replace("0.8619", "0.86").replace("0.9137", "0.91").replace("0.8676", "0.87")
           for line in REPORT]
    assert {step for key, _, step in steps_of(*two, REPORT_DICT)[13:]} == {1}
    # a `key: value` line's value is a measurement of its own: two points
    assert steps_of("accuracy: 0.8667", "{'accuracy': 0.8666666666666667}") == [
        ("accuracy", 0.8667, 0), ("accuracy", 0.8666666666666667, 1)]


# --- a gradient accumulation's micro-steps -------------------------------------------------


def test_micro_step_lines_are_at_the_optimizer_step_they_accumulate_into() -> None:
    # `micro_step m/4 | micro_loss X` lines, then `step N | loss ...`: each group at N, the
    # first group too (held until the first step is printed)
    assert steps_of(
        "  micro_step 1/2 | micro_loss 5.4564", "  micro_step 2/2 | micro_loss 5.4664",
        "step 1 | loss 5.4714 | grad_norm 1.000",
        "  micro_step 1/2 | micro_loss 5.1818", "  micro_step 2/2 | micro_loss 5.1918",
        "step 2 | loss 5.1968 | grad_norm 0.500") == [
        ("micro_loss", 5.4564, 1), ("micro_loss", 5.4664, 1),
        ("loss", 5.4714, 1), ("grad_norm", 1.0, 1),
        ("micro_loss", 5.1818, 2), ("micro_loss", 5.1918, 2),
        ("loss", 5.1968, 2), ("grad_norm", 0.5, 2)]
    # a loop counted from 0: the group after `step 0` is step 1's
    assert steps_of(
        "micro_step 0/2 | micro_loss 2.31", "micro_step 1/2 | micro_loss 2.29",
        "step 0 | loss 2.30", "micro_step 0/2 | micro_loss 2.21",
        "micro_step 1/2 | micro_loss 2.20", "step 1 | loss 2.2") == [
        ("micro_loss", 2.31, 0), ("micro_loss", 2.29, 0), ("loss", 2.3, 0),
        ("micro_loss", 2.21, 1), ("micro_loss", 2.2, 1), ("loss", 2.2, 1)]
    # the micro-step's count beside the step is no metric (nor the step)
    assert steps_of("step 1 micro 0 loss 2.31", "step 1 micro 1 loss 2.29") == [
        ("loss", 2.31, 1), ("loss", 2.29, 1)]
    # no step ever printed: each key's count, as any line's
    assert steps_of("micro_step 1/2 | micro_loss 2.31", "micro_step 2/2 | micro_loss 2.29") == [
        ("micro_loss", 2.31, 0), ("micro_loss", 2.29, 1)]


def test_a_closing_result_after_a_loop_counted_from_zero_is_at_the_steps_done() -> None:
    # the README's rule: a line with no step after a loop counted from 0 is at the steps done
    # by then, the last step printed plus one (basinhopping's `f(x)` after steps 0..8 at 9)
    assert steps_of("step 0: loss 0.5", "step 1: loss 0.4", "step 2: loss 0.3",
                    "final: f(x) = 0.3") == [
        ("loss", 0.5, 0), ("loss", 0.4, 1), ("loss", 0.3, 2), ("f(x)", 0.3, 3)]


# --- rich's RichHandler wrapping a long message --------------------------------------------


def test_rich_handler_message_wrapped_between_a_name_and_its_value() -> None:
    # through a pipe (80 columns): `train_acc` ends the first line, its value starts the next;
    # `grad_norm 1.2345` alone on the last line is one of the message's clauses
    long80 = [
        "[09:32:35] INFO     step 10 | train_loss 2.5137 | train_acc       rich_log.py:22",
        "                    0.4132 | val_loss 2.6975 | lr 1.000e-03 |                   ",
        "                    grad_norm 1.2345                                            ",
        "           INFO     step 20 | train_loss 1.7637 | train_acc       rich_log.py:22",
        "                    0.5003 | val_loss 1.8926 | lr 9.000e-04 |                   ",
        "                    grad_norm 1.3455                                            "]
    assert steps_of(*long80) == [
        ("train_loss", 2.5137, 10), ("train_acc", 0.4132, 10), ("val_loss", 2.6975, 10),
        ("lr", 0.001, 10), ("grad_norm", 1.2345, 10),
        ("train_loss", 1.7637, 20), ("train_acc", 0.5003, 20), ("val_loss", 1.8926, 20),
        ("lr", 0.0009, 20), ("grad_norm", 1.3455, 20)]
    # 60 columns: names at the ends of lines, their values on the next
    assert steps_of(
        "[10:44:03] INFO     step 10 | train_loss      rich_log.py:22",
        "                    2.5137 | train_acc 0.4132               ",
        "                    | val_loss 2.6975 | lr                  ",
        "                    1.000e-03 | grad_norm                   ",
        "                    1.2345                                  ") == [
        ("train_loss", 2.5137, 10), ("train_acc", 0.4132, 10), ("val_loss", 2.6975, 10),
        ("lr", 0.001, 10), ("grad_norm", 1.2345, 10)]
    # `- name:` lines, each value on the next line (Keras-like messages at 50 columns)
    assert steps_of(
        "[10:44:14] INFO     Epoch 10/50 -   rich_log.py:26",
        "                    train_loss:                   ",
        "                    2.5137 -                      ",
        "                    learning_rate:                ",
        "                    1.000e-03                     ") == [
        ("train_loss", 2.5137, 10), ("learning_rate", 0.001, 10)]


def test_rich_handler_word_folded_across_lines_is_read_whole() -> None:
    # 40 columns: rich folds a word longer than the message's column a piece a line; `acc=0`
    # then `.4132` is 0.4132, never 0.0, and `loss=`, `2.513`, `7` is 2.5137
    lines = ["[10:43:41] INFO     step  rich_log.py:19",
             "                    10                  ",
             "                    loss=               ",
             "                    2.513               ",
             "                    7                   ",
             "                    acc=0               ",
             "                    .4132               ",
             "           INFO     step  rich_log.py:19",
             "                    20                  ",
             "                    loss=               ",
             "                    1.763               ",
             "                    7                   ",
             "                    acc=0               ",
             "                    .5003               "]
    truth = [("loss", 2.5137, 10), ("acc", 0.4132, 10), ("loss", 1.7637, 20),
             ("acc", 0.5003, 20)]
    assert steps_of(*lines) == truth
    parser = MetricParser()  # (line by line, as a run's output is read, the same)
    points = [p for line in lines for p in parser.parse_line(line)] + parser.flush()
    assert [(p.key, p.value, p.step) for p in points] == truth
    # a name folded (`throughput_token` then `s: 12345.6 |`) is the whole name, no `s`; a
    # heading folded before its colon stays a heading
    assert steps_of("[10:48:05] INFO     step 10 |        fold.py:6",
                    "                    throughput_token          ",
                    "                    s: 12345.6 |              ",
                    "                    loss 0.5137               ",
                    "           INFO     Validation fold.py:8",
                    "                    :                   ",
                    "           INFO     loss: 0.41 fold.py:9") == [
        ("throughput_tokens", 12345.6, 10), ("loss", 0.5137, 10), ("Validation/loss", 0.41, 10)]
    # a name as wide as the column, whole on its line, then its value: not one word
    assert steps_of("[10:39:56] INFO     step 10 |  rich_log.py:22",
                    "                    train_loss               ",
                    "                    2.5137 |                 ",
                    "                    train_acc                ",
                    "                    0.4132                   ") == [
        ("train_loss", 2.5137, 10), ("train_acc", 0.4132, 10)]


# --- a Node object over several lines after its label -------------------------------------


def test_node_object_over_lines_after_a_label_without_a_colon() -> None:
    # `console.log("Test results", obj)` of a long object: read as on one line
    assert run_all("Test results {", "  loss: 0.3,", "  acc: 0.9", "}") == run_all(
        "Test results { loss: 0.3, acc: 0.9 }") == [
        ("Test_results/loss", 0.3, 0, "node_object"), ("Test_results/acc", 0.9, 0, "node_object")]
    # a phase's word alone is no protobuf message once its entries have util.inspect's commas
    assert steps_of("val {", "  loss: 0.3,", "  acc: 0.9,", "  test: { acc: 0.95 }", "}") == [
        ("val/loss", 0.3, 0), ("val/acc", 0.9, 0), ("val/test/acc", 0.95, 0)]
    # protobuf's text format (sentencepiece's settings) is still settings
    assert steps_of("trainer_spec {", "  vocab_size: 1000", "  character_coverage: 0.9995",
                    "}") == []
