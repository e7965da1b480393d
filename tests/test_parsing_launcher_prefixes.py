"""The prefixes that distributed and cluster launchers (and programs) put before each process's
lines: srun's padded `--label`, ranks named with the world or the node, multiprocessing's
process names, pdsh's host names, Open MPI's `--timestamp-output`. Rank 0's lines are the
run's, read without the prefix; the other ranks' are dropped. Each line is what the tester's
programs printed (launched as they would be)."""

from __future__ import annotations

from tests.test_parsing import read_both_ways as both


def test_srun_labels_padded_to_the_widest_task_are_task_numbers() -> None:
    # `srun --label` with 12 tasks: ` 0: `, ` 1: `, ..., `10: `
    assert both(" 1: step 1 loss 11.0013 acc 0.2500", " 0: step 1 loss 1.0084 acc 0.5500",
                "10: step 1 loss 101.0 acc 0.1", " 1: step 2 loss 10.5 acc 0.3",
                " 0: step 2 loss 0.5076 acc 0.6000", "10: step 2 loss 100.5 acc 0.2") == [
        ("loss", 1.0084, 1), ("acc", 0.55, 1), ("loss", 0.5076, 2), ("acc", 0.6, 2)]


def test_rank_prefixes_with_the_world_the_node_or_the_local_rank() -> None:
    # torchrun, two ranks, rank 1's line first
    assert both("[Rank 1 of 2] step 1 loss 10.7576", "[Rank 0 of 2] step 1 loss 0.4963",
                "[LOCAL_RANK 1] step 1 val_loss 11.2576",
                "[LOCAL_RANK 0] step 1 val_loss 0.9963") == [
        ("loss", 0.4963, 1), ("val_loss", 0.9963, 1)]
    for rank1, rank0 in [("[rank 1 of 2] ", "[rank 0 of 2] "), ("[Local Rank 1] ", "[Local Rank 0] "),
                         ("[node 0, rank 1] ", "[node 0, rank 0] "),
                         ("[node0/rank1] ", "[node0/rank0] "), ("[gpu01:rank1] ", "[gpu01:rank0] "),
                         ("[proc 1] ", "[proc 0] ")]:
        assert both(f"{rank1}step 2 loss 10.5123", f"{rank0}step 2 loss 0.5123") == [
            ("loss", 0.5123, 2)], rank1


def test_multiprocessing_process_names_count_from_one() -> None:
    # `mp.Process(name=...)` as multiprocessing names them: `Process-1` is the first worker
    assert both("[Process-2] step 1 loss 11.0123", "[Process-1] step 1 loss 1.0123",
                "[Process-2] step 2 loss 10.5123", "[Process-1] step 2 loss 0.5123") == [
        ("loss", 1.0123, 1), ("loss", 0.5123, 2)]


def test_a_process_number_in_words_before_the_counter() -> None:
    assert both("Process 0: step 1, loss: 1.0123", "Process 1: step 1, loss: 11.0123",
                "Process 0: step 2, loss: 0.5123", "Process 1: step 2, loss: 10.5123") == [
        ("loss", 1.0123, 1), ("loss", 0.5123, 2)]
    # accelerate's every process, one printing before the other
    assert both("process 1 epoch 1: eval_loss=6.1076", "process 0 epoch 1: eval_loss=1.105",
                "process 0 epoch 2: eval_loss=0.6077", "process 1 epoch 2: eval_loss=5.6028") == [
        ("eval_loss", 1.105, 1), ("eval_loss", 0.6077, 2)]
    assert both("proc 1 | step 1 | loss 11.0123", "proc 0 | step 1 | loss 1.0123") == [
        ("loss", 1.0123, 1)]


def test_pdsh_host_names_before_lines() -> None:
    # DeepSpeed's runner on several nodes: its default host names, a cluster's
    assert both("worker-0: step 10 loss 0.6931", "worker-0: step 20 loss 0.5012") == [
        ("loss", 0.6931, 10), ("loss", 0.5012, 20)]
    assert both("gpu-node-01: step 10 loss 0.6931", "gpu-node-01: step 20 loss 0.5012") == [
        ("loss", 0.6931, 10), ("loss", 0.5012, 20)]
    assert both("worker-0: Epoch 1: loss=0.6931, acc=0.5", "worker-0: Epoch 2: loss=0.5012, acc=0.6") == [
        ("loss", 0.6931, 1), ("acc", 0.5, 1), ("loss", 0.5012, 2), ("acc", 0.6, 2)]
    # a node's name before a log line's time; then before any line
    assert both("node01: [2026-12-07 10:00:10,123] [INFO] [launch.py:164:main] dist_world_size=2",
                "node01: train loss 0.6931") == [("train_loss", 0.6931, 0)]
    # another node's lines are another rank's: left as they are, no points of the first's
    assert both("worker-0: step 10 loss 0.6931", "worker-1: step 10 loss 5.6931",
                "worker-0: step 20 loss 0.5012") == [
        ("loss", 0.6931, 10), ("worker-1/loss", 5.6931, 10), ("loss", 0.5012, 20)]


def test_labels_and_pairs_are_no_host_names() -> None:
    assert both("fold-1: step 10 loss 0.3") == [("fold-1/loss", 0.3, 10)]
    assert both("fold-1: [2026-12-07 10:00:10,123] [INFO] loss 0.3",
                "fold-2: [2026-12-07 10:00:11,123] [INFO] loss 0.2") == both(
        "fold-1: loss 0.3", "fold-2: loss 0.2")
    assert both("seed-42: epoch 1 acc 0.5") == [("seed-42/acc", 0.5, 1)]
    assert both("val-acc1: 0.9") == [("val-acc1", 0.9, 0)]
    assert both("loss: 0.5", "val-acc: 0.9") == [("loss", 0.5, 0), ("val-acc", 0.9, 0)]


def test_open_mpi_timestamped_output() -> None:
    # `mpirun --timestamp-output --tag-output`: rank 0's lines
    assert both("Mon Dec  7 16:19:59 2026[1,1]<stdout>:step 1 loss 11.0013 acc 0.2500",
                "Mon Dec  7 16:19:59 2026[1,0]<stdout>:step 1 loss 1.0084 acc 0.5500",
                "Mon Dec  7 16:20:00 2026[1,0]<stdout>:step 2 loss 0.5076 acc 0.6000") == [
        ("loss", 1.0084, 1), ("acc", 0.55, 1), ("loss", 0.5076, 2), ("acc", 0.6, 2)]
    # without `--tag-output`: no rank named
    assert both("Mon Dec  7 16:19:59 2026<stdout>:step 1 loss 1.0084 acc 0.5500") == [
        ("loss", 1.0084, 1), ("acc", 0.55, 1)]


def test_clock_emoji_and_play_button_before_the_epoch() -> None:
    assert both("⏳ Epoch 1/3 | 📉 loss: 0.9345 | ✅ val_acc=0.6067",
                "⏳ Epoch 2/3 | 📉 loss: 0.4845 | ✅ val_acc=0.7067") == [
        ("loss", 0.9345, 1), ("val_acc", 0.6067, 1), ("loss", 0.4845, 2), ("val_acc", 0.7067, 2)]
    for emoji in ["⌛", "⏱", "⏱️", "⌚", "▶️"]:
        assert both(f"{emoji} Epoch 2 | Loss: 0.3123") == [("Loss", 0.3123, 2)], emoji


def test_deepspeed_launcher_counts_are_no_metrics() -> None:
    assert both("[2026-12-07 10:00:01,123] [INFO] [launch.py:152:main] nnodes=1, "
                "num_local_procs=2, node_rank=0") == []
