"""A label or a phase before a line's counter, several counters, a counter after the measures,
a repeated run's number, tensors' shapes and counts (testers t60 and t61)."""

from __future__ import annotations

from runlab.parsing import MetricParser

Triple = tuple[str, float, int]


def steps_of(*lines: str) -> list[Triple]:
    """Lines through one parser, flushed at the end: (key, value, step)."""
    parser = MetricParser()
    return [(p.key, p.value, p.step) for p in parser.parse_lines(lines) + parser.flush()]


def test_a_label_before_the_counter_names_the_measures_at_its_step() -> None:
    assert steps_of("LR finder: iter 1/20 lr=2.00e-07 loss=2.2500",
                    "LR finder: iter 2/20 lr=4.00e-07 loss=2.2000") == [
        ("LR_finder/lr", 2e-07, 1), ("LR_finder/loss", 2.25, 1),
        ("LR_finder/lr", 4e-07, 2), ("LR_finder/loss", 2.2, 2)]
    assert steps_of("LR finder: step 5 loss=2.25") == [("LR_finder/loss", 2.25, 5)]
    assert steps_of("LR finder: iter 5 lr 1e-3 loss 2.25") == [
        ("LR_finder/lr", 0.001, 5), ("LR_finder/loss", 2.25, 5)]
    # the README's: two optimizers compared, each its own series
    assert steps_of("SGD: step 10 loss 0.9", "Adam: step 10 loss 0.8") == [
        ("SGD/loss", 0.9, 10), ("Adam/loss", 0.8, 10)]
    # a finder's sweep without a colon
    assert steps_of("lr_find iter 5 loss=2.25") == [("lr_find/loss", 2.25, 5)]
    assert steps_of("Finder iter 5 loss 2.25") == [("Finder/loss", 2.25, 5)]
    # a numbered stage's label, as `Stage 1: epoch 5`: the epoch is the step
    assert steps_of("Stage1: epoch 5 loss=2.25") == [("loss", 2.25, 5)]
    assert steps_of("Stage 1: epoch 5 loss=2.25") == [("loss", 2.25, 5)]
    # mlpack's optimizer's line stays one loop's
    assert steps_of("SGD: iteration 200, objective 0.5.") == [("objective", 0.5, 200)]


def test_a_phase_before_the_counter_and_its_total() -> None:
    assert steps_of("train step 50/500 loss=1.3333 lr=1.0e-03",
                    "train step 250/500 loss=0.9 lr=1.0e-03",
                    "eval step 250/500 loss=0.6714") == [
        ("train_loss", 1.3333, 50), ("train_lr", 0.001, 50),
        ("train_loss", 0.9, 250), ("train_lr", 0.001, 250), ("eval_loss", 0.6714, 250)]
    assert steps_of("train step 50/500 loss 1.3333 lr 1.0e-03") == [
        ("train_loss", 1.3333, 50), ("train_lr", 0.001, 50)]
    assert steps_of("train: iter 5/20 loss=2.25") == [("train/loss", 2.25, 5)]
    assert steps_of("finetune: step 10/50 loss=0.951") == [("finetune/loss", 0.951, 10)]
    assert steps_of("train step 50/500: loss=1.3") == [("train_loss", 1.3, 50)]


def test_the_printed_step_wins_over_the_iteration_in_its_epoch() -> None:
    assert steps_of("epoch 1 iter 300 step 1300 loss 0.8407",
                    "epoch 2 iter 300 step 2300 loss 0.6") == [
        ("epoch", 1, 1300), ("loss", 0.8407, 1300), ("epoch", 2, 2300), ("loss", 0.6, 2300)]
    assert steps_of("Epoch 2 Iter 600 Step 2600 Loss 0.802") == [
        ("epoch", 2, 2600), ("Loss", 0.802, 2600)]


def test_a_counter_after_the_measures_in_words() -> None:
    assert steps_of("loss 2.0000 at step 100") == [("loss", 2.0, 100)]
    assert steps_of("loss=0.301 at iter 200") == [("loss", 0.301, 200)]
    assert steps_of("val_loss=0.851 at step 100") == [("val_loss", 0.851, 100)]
    assert steps_of("val_loss 0.851 for epoch 3") == [("val_loss", 0.851, 3)]


def test_a_repeated_runs_number_is_an_outer_loops_as_a_folds() -> None:
    assert steps_of("Run: 01, Epoch: 01, Loss: 1.3868, Train: 60.00%, Valid: 30.00% Test: 64.29%") == [
        ("Loss", 1.3868, 1), ("Train", 60.0, 1), ("Valid", 30.0, 1), ("Test", 64.29, 1)]
    assert steps_of("Repeat: 1, Epoch: 1, Loss: 1.2") == [("Loss", 1.2, 1)]
    assert steps_of("Split: 3, Epoch: 2, Loss: 1.2") == [("Loss", 1.2, 2)]
    assert steps_of("Exp 3 | Epoch 1 | Loss 1.2") == [("Loss", 1.2, 1)]
    assert steps_of("Run 1, Epoch 2, Loss: 4.3908") == [("Loss", 4.3908, 2)]
    assert steps_of("run 1 epoch 2 loss 4.3908") == [("loss", 4.3908, 2)]


def test_shapes_and_graph_statistics_are_no_metrics() -> None:
    assert steps_of("Data(x=[300, 16], edge_index=[2, 1200], y=[300], train_mask=[300], "
                    "val_mask=[300], test_mask=[300])") == []
    assert steps_of("DataBatch(y=[32], edge_index=[2, 1200], x=[600, 7], batch=[600], ptr=[33])") == []
    assert steps_of("Average node degree: 4.59", "Training node label rate: 0.12",
                    "Number of nodes: 34") == []
    # a measure in brackets stays one
    assert steps_of("episodic_return=[15.]") == [("episodic_return", 15.0, 0)]


def test_counts_of_examples_are_no_metrics() -> None:
    assert steps_of("Epoch 1 | correct 189 | total 200 | acc 0.9450") == [("acc", 0.945, 1)]
    assert steps_of("samples_seen=800 correct=189 total=200 acc=0.9450") == [("acc", 0.945, 0)]
    assert steps_of("Epoch 1 done. Samples seen: 800. acc=0.9450") == [("acc", 0.945, 1)]
    assert steps_of("n_correct: 9812, n_total: 10000") == []
