"""Tests for runlab.parsing on metric names as hand-written loops print them: a class, a head
or a scale in brackets or parentheses after the name, CamelCase names under an epoch header, a
measure's phrase that says what it was taken on, a frame of folds printed without its index,
and a repeated run's number before the epoch."""

from __future__ import annotations

import math

from runlab.parsing import MetricParser

Triple = tuple[str, float | str, int]


def steps_of(*lines: str) -> list[Triple]:
    """Lines through one parser, flushed at the end: (key, value, step), nan spelled "nan"."""
    parser = MetricParser()
    points = parser.parse_lines(lines) + parser.flush()
    return [(p.key, "nan" if math.isnan(p.value) else p.value, p.step) for p in points]


def test_a_class_in_brackets_after_a_name_is_part_of_it() -> None:
    assert steps_of("Epoch 1: loss=1.0986 acc[cat]=0.9145 acc[dog]=0.9174 acc[bird]=0.9730") == [
        ("loss", 1.0986, 1), ("acc[cat]", 0.9145, 1), ("acc[dog]", 0.9174, 1),
        ("acc[bird]", 0.973, 1)]
    assert steps_of("epoch 1 | loss 1.0986 | recall[0]=0.9145 recall[1]=0.9174") == [
        ("loss", 1.0986, 1), ("recall[0]", 0.9145, 1), ("recall[1]", 0.9174, 1)]
    # (a counter's number in brackets is no name's, nor a count's `len(...)`)
    assert steps_of("Epoch[1]: 0.5") == []
    assert steps_of("len(train)=600") == []
    # (a device's or a setting's name indexed stays no metric's)
    assert steps_of("GPU[0]: 45.2") == []
    assert steps_of("seed[1]=3 loss=0.4") == [("loss", 0.4, 0)]


def test_a_head_or_a_scale_in_parentheses_after_a_name_is_part_of_it() -> None:
    assert steps_of("Epoch 1: loss(head0): 1.0986, loss(head1): 1.0986") == [
        ("loss(head0)", 1.0986, 1), ("loss(head1)", 1.0986, 1)]
    assert steps_of("Epoch 1: loss(x100)=109.86 lr(e-4)=5000.0") == [
        ("loss(x100)", 109.86, 1), ("lr(e-4)", 5000.0, 1)]
    # (with a space before it, as ever: the space joined with `_`)
    assert steps_of("Epoch 1: loss (x100): 31.2") == [("loss_(x100)", 31.2, 1)]


def test_camel_case_names_under_an_epoch_header() -> None:
    assert steps_of("Epoch 1/3", "TrainLoss 1.0986 HeadLoss 1.0986",
                    "Epoch 2/3", "TrainLoss 0.9322 HeadLoss 1.0282") == [
        ("TrainLoss", 1.0986, 1), ("HeadLoss", 1.0986, 1),
        ("TrainLoss", 0.9322, 2), ("HeadLoss", 1.0282, 2)]


def test_a_measure_phrase_that_names_samples_examples_or_nodes() -> None:
    assert steps_of("[1] Accuracy of the network on the 200 test samples: 35 %",
                    "[2] Accuracy of the network on the 200 test samples: 51 %") == [
        ("Accuracy_of_the_network_on_the_200_test_samples", 35, 1),
        ("Accuracy_of_the_network_on_the_200_test_samples", 51, 2)]
    # (the epoch's count before the tutorial's own sentence: its name whole, as without it)
    assert steps_of("[1] Accuracy of the network on the 10000 test images: 54 %") == [
        ("Accuracy_of_the_network_on_the_10000_test_images", 54, 1)]
    assert steps_of("Accuracy on the test nodes: 54.2 %") == [
        ("Accuracy_on_the_test_nodes", 54.2, 0)]
    assert steps_of("Accuracy on 10000 test examples: 54 %") == [
        ("Accuracy_on_10000_test_examples", 54, 0)]
    assert steps_of("MSE on the test samples = 0.31") == [("MSE_on_the_test_samples", 0.31, 0)]
    # (a count said in words stays a setting)
    assert steps_of("Number of samples: 100") == []


def test_a_frame_of_folds_printed_without_its_index() -> None:
    # `print(df.to_string(index=False))` of a frame `fold  rmse  r2`: each row at its fold, as
    # the same frame printed with pandas' index
    frame = [" fold     rmse       r2",
             "    0 0.329796 0.972911",
             "    1 0.334358 0.980543"]
    expected = [("rmse", 0.329796, 0), ("r2", 0.972911, 0),
                ("rmse", 0.334358, 1), ("r2", 0.980543, 1)]
    assert steps_of(*frame) == expected
    assert steps_of("   fold      rmse        r2",
                    "0     0  0.329796  0.972911",
                    "1     1  0.334358  0.980543") == expected


def test_a_repeated_runs_number_before_the_epoch_is_no_metric() -> None:
    assert steps_of("Run 1, Epoch 1, Loss: 4.3908", "Run 1, Epoch 2, Loss: 3.6519") == [
        ("Loss", 4.3908, 1), ("Loss", 3.6519, 2)]
    assert steps_of("run 1 epoch 1 loss 4.3908", "run 1 epoch 2 loss 3.6519") == [
        ("loss", 4.3908, 1), ("loss", 3.6519, 2)]
