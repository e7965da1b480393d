"""Tests for runlab.parsing's reading of log prefixes: the formats Python's logging, loguru,
gunicorn, DeepSpeed, Ray, Django and structlog put before a training loop's message (its own
counter is the step; the logger's process, thread and line are no metrics)."""

from __future__ import annotations

import math

from runlab.parsing import MetricParser

Triple = tuple[str, float | str, int]


def steps_of(*lines: str) -> list[Triple]:
    """Lines through one parser, flushed at the end: (key, value, step), nan spelled "nan"."""
    parser = MetricParser()
    points = parser.parse_lines(lines) + parser.flush()
    return [(p.key, "nan" if math.isnan(p.value) else p.value, p.step) for p in points]


def test_a_process_id_in_brackets_before_the_level_is_not_the_step() -> None:
    # gunicorn's error log, `[%(asctime)s] [%(process)d] [%(levelname)s] %(message)s`
    assert steps_of("[2026-12-07 09:44:32 +0000] [1389] [INFO] step 10 loss=2.5137",
                    "[2026-12-07 09:44:32 +0000] [1389] [INFO] step 20 loss=1.7637") == [
        ("loss", 2.5137, 10), ("loss", 1.7637, 20)]
    assert steps_of("[2026-12-07 09:29:48] [24409] [INFO] Step 10: loss 2.5137, acc 0.4132",
                    "2026-12-07 09:29:48 [24409] [INFO] Step 20: loss 1.7637, acc 0.5003",
                    "[24409] [INFO] Step 30: loss 1.2387, acc 0.5874") == [
        ("loss", 2.5137, 10), ("acc", 0.4132, 10), ("loss", 1.7637, 20), ("acc", 0.5003, 20),
        ("loss", 1.2387, 30), ("acc", 0.5874, 30)]


def test_a_module_and_its_line_after_the_level_are_no_metric() -> None:
    # `%(asctime)s %(levelname)s (%(module)s:%(lineno)d) %(message)s`
    assert steps_of("2026-12-07 09:44:28,101 INFO (lineno_metric:5) step 10 loss=2.5137",
                    "2026-12-07 09:44:28,101 INFO (lineno_metric:7) Step 40: loss 0.8712, acc 0.7096"
                    ) == [("loss", 2.5137, 10), ("loss", 0.8712, 40), ("acc", 0.7096, 40)]
    # `%(module)s.%(funcName)s:%(lineno)d` after a logger's name in brackets
    assert steps_of("09:27:40.125 INFO     [trainer.loop] (std_fmt.train:44) Step 10: loss 2.5137, "
                    "acc 0.4132") == [("loss", 2.5137, 10), ("acc", 0.4132, 10)]
    # `%(levelname)s [%(threadName)s] %(name)s:%(lineno)d - %(message)s`
    assert steps_of("2026-12-07 09:44:35,312 INFO [MainThread] trainer:6 - step 10 loss=2.5137",
                    "2026-12-07 09:44:35,312 INFO [MainThread] trainer:6 - step 20 loss=1.7637") == [
        ("loss", 2.5137, 10), ("loss", 1.7637, 20)]


def test_deepspeed_ray_and_django_prefixes_keep_the_messages_step() -> None:
    # DeepSpeed's `[%(asctime)s] [%(levelname)s] [%(filename)s:%(lineno)d:%(funcName)s] `
    assert steps_of("[2026-12-07 09:44:25,085] [INFO] [deepspeed_fmt.py:6:<module>] step 10 loss=2.5137",
                    "[2026-12-07 09:44:25,085] [INFO] [engine.py:8:train_batch] Step 40: loss 0.8712, "
                    "acc 0.7096") == [("loss", 2.5137, 10), ("loss", 0.8712, 40), ("acc", 0.7096, 40)]
    # Ray's, a tab after the time: `%(asctime)s\t%(levelname)s %(filename)s:%(lineno)s -- `
    assert steps_of("2026-12-07 09:44:34,644\tINFO ray_fmt.py:5 -- step 10 loss=2.5137",
                    "2026-12-07 09:44:34,644\tINFO ray_fmt.py:7 -- Step 40: loss 0.8712, acc 0.7096") == [
        ("loss", 2.5137, 10), ("loss", 0.8712, 40), ("acc", 0.7096, 40)]
    # Django's verbose `{levelname} {asctime} {module} {process:d} {thread:d} {message}`
    assert steps_of("INFO 2026-12-07 09:44:26,359 django_fmt 1227 140033493240704 step 10 loss=2.5137",
                    "INFO 2026-12-07 09:44:26,359 django_fmt 1227 140033493240704 Step 40: loss "
                    "0.8712, acc 0.7096") == [
        ("loss", 2.5137, 10), ("loss", 0.8712, 40), ("acc", 0.7096, 40)]


def test_a_logger_name_between_colons_or_before_the_counter_is_the_prefixs() -> None:
    # `%(asctime)s:%(levelname)s:%(name)s:%(message)s`
    assert steps_of("2026-12-07 09:44:21,517:INFO:root:step 10 loss=2.5137",
                    "2026-12-07 09:44:21,517:INFO:trainer.loop:Step 20: loss 1.7637, acc 0.5003") == [
        ("loss", 2.5137, 10), ("loss", 1.7637, 20), ("acc", 0.5003, 20)]
    # `%(asctime)s %(levelname)s %(name)s %(message)s`, a logger named `trainer`
    assert steps_of("2026-12-07 09:44:30,961 INFO trainer step 10 loss=2.5137",
                    "2026-12-07T09:43:03Z INFO trainer step 20 loss=1.7637 acc=0.5003") == [
        ("loss", 2.5137, 10), ("loss", 1.7637, 20), ("acc", 0.5003, 20)]
    # a phase's word there is the message's: `INFO train step 10` stays the training's
    assert steps_of("2026-12-07 09:44:30,961 INFO train step 10 loss=2.5137") == [
        ("train_loss", 2.5137, 10)]


def test_other_columns_before_the_message_keep_its_step() -> None:
    # a level of the program's own, `logging.addLevelName(25, "METRIC")`
    assert steps_of("2026-12-07 09:44:23,207 METRIC trainer: step 10 loss=2.5137") == [
        ("loss", 2.5137, 10)]
    # loguru's `{time} | {level} | {process} | {name}:{function}:{line} - {message}`
    assert steps_of("2026-12-07 09:44:29 | INFO | 1355 | __main__:<module>:6 - step 10 loss=2.5137",
                    "2026-12-07 09:44:29 | INFO | 1355 | __main__:<module>:6 - step 20 loss=1.7637") == [
        ("loss", 2.5137, 10), ("loss", 1.7637, 20)]
    # Python's logging as glog, `%(levelname).1s%(asctime)s %(process)d %(filename)s:%(lineno)d]`
    # with a `%m%d %H:%M:%S` date (no microseconds)
    assert steps_of("I1207 09:27:52 16036 std_fmt.py:44] step 10 loss=2.5137 acc=0.4132",
                    "I1207 09:27:52 16036 std_fmt.py:44] Step 20: loss 1.7637, acc 0.5003") == [
        ("loss", 2.5137, 10), ("acc", 0.4132, 10), ("loss", 1.7637, 20), ("acc", 0.5003, 20)]
    # `%(levelno)s %(name)s `, `%(relativeCreated)d `, `%(created).0f %(levelname)s `
    assert steps_of("20 trainer step 10 loss=2.5137 acc=0.4132", "18 step 20 loss=1.7637 acc=0.5003",
                    "1796636580 INFO step 30 loss=1.2387 acc=0.5874") == [
        ("loss", 2.5137, 10), ("acc", 0.4132, 10), ("loss", 1.7637, 20), ("acc", 0.5003, 20),
        ("loss", 1.2387, 30), ("acc", 0.5874, 30)]


def test_a_loggers_fields_in_the_prefix_are_no_metrics() -> None:
    # `| pid=%(process)d tid=%(thread)d | %(name)s | `
    assert steps_of("2026-12-07 09:44:33,100 | INFO | pid=1402 tid=140261114579840 | root | step 10 "
                    "loss=2.5137") == [("loss", 2.5137, 10)]
    # `[%(name)s] line=%(lineno)d `
    assert steps_of("2026-12-07 09:27:41,706 INFO [trainer.loop] line=44 step 10 loss=2.5137 "
                    "acc=0.4132") == [("loss", 2.5137, 10), ("acc", 0.4132, 10)]
    # structlog's ConsoleRenderer with `CallsiteParameterAdder`: lineno, process, thread
    assert steps_of("2026-12-07 09:44:36 [info     ] train_step                     "
                    "filename=structlog_callsite.py lineno=9 loss=2.5137 process=1689 step=10 "
                    "thread=140033493240704") == [("loss", 2.5137, 10)]


def test_structlog_key_value_renderers_message_in_the_event() -> None:
    # LogfmtRenderer: the message quoted in `event=`, a bound setting before it
    assert steps_of(
        'run=exp-7 seed=7 event="step 10 loss=2.5137 acc=0.4132" level=info '
        "timestamp=2026-12-07T09:32:35.816086Z",
        'run=exp-7 seed=7 event="step 20 loss=1.7637 acc=0.5003" level=info '
        "timestamp=2026-12-07T09:32:35.816160Z") == [
        ("loss", 2.5137, 10), ("acc", 0.4132, 10), ("loss", 1.7637, 20), ("acc", 0.5003, 20)]
    # KeyValueRenderer, in single quotes
    assert steps_of("timestamp='2026-12-07T09:32:35.882506Z' level='info' event='step 10 "
                    "loss=2.5137 acc=0.4132' run='exp-7' seed=7") == [
        ("loss", 2.5137, 10), ("acc", 0.4132, 10)]
    # a run's planned count of epochs bound to every line is no metric
    assert steps_of("timestamp='2026-12-07T09:32:36.193832Z' level='info' event='epoch end' "
                    "run='exp-7' seed=7 epoch_total=50 epoch=10 loss=2.5137") == [
        ("loss", 2.5137, 10)]


def test_a_throughput_in_tokens_is_a_measure() -> None:
    assert steps_of("step 10 - loss: 2.5 - throughput_tokens: 12345.6") == [
        ("loss", 2.5, 10), ("throughput_tokens", 12345.6, 10)]


def test_a_step_tag_after_the_level_and_the_logger_is_the_step() -> None:
    # `%(asctime)s %(levelname)s %(name)s [step %(epoch)d/50]: %(message)s`: the tag's count out
    # of its total, the logger's name before it no label of its
    assert steps_of("2026-12-07 09:27:41,706 INFO trainer [step 10/50]: loss=2.5137 acc=0.41",
                    "2026-12-07 09:27:41,806 INFO trainer [step 20/50]: loss=1.7 acc=0.5") == [
        ("loss", 2.5137, 10), ("acc", 0.41, 10), ("loss", 1.7, 20), ("acc", 0.5, 20)]


def test_prefix_patterns_leave_counters_and_labels_to_the_message() -> None:
    # Django's pattern needs a thread's long id: `epoch 3 60000 samples` is the message's
    assert steps_of("2024-05-01 10:00:00,123 epoch 3 60000 samples, loss=0.4123") == [
        ("loss", 0.4123, 3)]
    # a level the program added is a known one: `SVM model:` after the time is a label
    assert ("SVM_model/accuracy", 0.9, 0) in steps_of(
        "2024-01-01 12:00:00,123 SVM model: accuracy 0.9")
    assert steps_of("2024-01-01 12:00:00,123 METRIC trainer: step 10 loss 0.5") == [
        ("loss", 0.5, 10)]
    # structlog's event message ends at its quote: its last clause keeps its value
    assert steps_of("event='step 10 | loss 2.5 | acc 0.4' logger='train'") == [
        ("loss", 2.5, 10), ("acc", 0.4, 10)]
