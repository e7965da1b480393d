"""Metrics from hand-written training loops' lines: an RL loop's timesteps beside its episode
and an evaluation after the steps so far, a class's name padded before its colon, the
settings an optimizer is printed with before a training."""

from __future__ import annotations

from tests.test_parsing import steps_of


def test_the_timesteps_after_an_episode_are_the_step() -> None:
    line = "Episode   5 | Timesteps    762 | Return   190.0 | Length  190 | Epsilon 0.50"
    assert steps_of(line) == [("Return", 190.0, 762), ("Length", 190, 762), ("Epsilon", 0.5, 762)]
    assert steps_of("Ep 5 | Timesteps 762 | Return 190.0") == [("Return", 190.0, 762)]
    assert steps_of("episode 5 | total_steps 762 | return 190.0") == [("return", 190.0, 762)]
    # (the timesteps first, as before)
    assert steps_of("Timestep 1000 | Episode 5 | Return 17.0") == [("Return", 17.0, 1000)]
    # an episode's steps may be its own length: the episode stays the step
    assert steps_of("Episode 5 | Steps 190 | Return 190.0") == [
        ("Steps", 190, 5), ("Return", 190.0, 5)]


def test_an_evaluation_after_the_steps_so_far_is_at_them() -> None:
    assert steps_of("Episode   5 | Timesteps    762 | Return   190.0",
                    "--> Evaluation after 762 steps: mean_reward=187.00 +/- 12.34",
                    "Episode   6 | Timesteps    900 | Return   138.0") == [
        ("Return", 190.0, 762), ("mean_reward", 187.0, 762), ("Return", 138.0, 900)]
    assert steps_of("After 762 steps: mean_reward=187.00") == [("mean_reward", 187.0, 762)]
    assert steps_of("Eval after 500 iterations, acc=0.8") == [("acc", 0.8, 500)]
    # (a measure's own sentence, as before)
    assert steps_of("loss after 100 steps: 0.52") == [("loss", 0.52, 100)]


def test_a_class_name_padded_before_its_colon_is_part_of_the_name() -> None:
    # the older PyTorch CIFAR-10 tutorial's `'Accuracy of %5s : %2d %%'`
    assert steps_of("Accuracy of dog   : 45 %", "Accuracy of plane : 57 %") == [
        ("Accuracy_of_dog", 45, 0), ("Accuracy_of_plane", 57, 0)]


def test_an_optimizer_named_beside_its_settings_is_no_metric() -> None:
    assert steps_of("optimizer: AdamW, weight_decay: 0.01, lr: 0.0002",
                    "step 10 | loss 2.1000 | lr 4.00e-05") == [
        ("loss", 2.1, 10), ("lr", 4e-05, 10)]
    for line in ("Optimizer: SGD, lr: 0.1, momentum: 0.9", "optimizer=adam lr=0.001",
                 "model: resnet18, lr: 0.1, dropout: 0.2", "scheduler: cosine, lr: 0.1"):
        assert steps_of(line) == [], line
    # a measure beside them is read
    assert steps_of("optimizer: AdamW, lr: 0.0002, loss: 2.3") == [
        ("lr", 0.0002, 0), ("loss", 2.3, 0)]


def test_settings_lines_in_any_separator_and_the_counts_beside_settings() -> None:
    # an optimizer's settings with `=`, a whole number among them too: no metric
    for line in ("optimizer=AdamW lr=0.001 weight_decay=0", "model=resnet lr=0.1 grad_clip=1"):
        assert steps_of(line) == [], line
    # counts beside a setting are no settings: an RL loop's frames, a classifier's correct
    assert steps_of("gamma=0.99 frames=10000 kills=3") == [
        ("frames", 10000, 0), ("kills", 3, 0)]
    assert ("correct", 189, 0) in steps_of("momentum=0.9 correct=189")


def test_an_episodes_timesteps_repeated_on_a_long_line() -> None:
    # each clause looks at the line's lead alone (the episode's), once
    from runlab.parsing.rules.pairs import parse_name_value

    line = "Episode 5 | " + "loss 0.5 | " * 4000 + "Timesteps 7 | " * 4000
    assert parse_name_value(line)[0] == ("step", 7, None)
