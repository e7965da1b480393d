"""A tiny Stable-Baselines3 PPO learning CartPole (two updates of 256 steps), verbose: its logger's
boxed table on stdout, and an EvalCallback's lines; its own record is what the same logger hands its output formats (the
table, progress.csv), kept by one more format of its own, every value at full precision at the
timesteps it is written at."""

import gymnasium as gym
from stable_baselines3 import PPO
from stable_baselines3.common.callbacks import BaseCallback, CallbackList, EvalCallback
from stable_baselines3.common.evaluation import evaluate_policy
from stable_baselines3.common.logger import KVWriter, configure

import _truth

metrics = {}


class Kept(KVWriter):
    def write(self, key_values, key_excluded, step=0):
        for key, value in key_values.items():
            # (the counts, and a flag)
            if key not in ("time/total_timesteps", "time/iterations") and not isinstance(
                    value, bool):
                _truth.add(metrics, key, step, value)


class Recorded(BaseCallback):
    """A callback's own values in the logger: a number, and a flag (no point of a curve)."""

    def _on_rollout_end(self):
        self.logger.record("custom/buffer_reward", float(self.model.rollout_buffer.rewards.sum()))
        self.logger.record("custom/improved", True)

    def _on_step(self):
        return True


_truth.ready()
model = PPO("MlpPolicy", "CartPole-v1", n_steps=256, batch_size=64, n_epochs=2, seed=0,
            verbose=1, device="cpu", clip_range=0.1, policy_kwargs={"net_arch": [16]})
logger = configure(None, ["stdout"])  # as verbose=1 makes it, with the record beside the table
logger.output_formats.append(Kept())
model.set_logger(logger)
# (an evaluation every 256 steps, verbose: its lines are its own, the logger's eval/ values)
evaluation = EvalCallback(gym.make("CartPole-v1"), eval_freq=256, n_eval_episodes=2, verbose=1)
model.learn(total_timesteps=768, callback=CallbackList([Recorded(), evaluation]))
# The program's own evaluation after learning: at the timesteps learning reached.
mean_reward, std_reward = evaluate_policy(model, model.get_env(), n_eval_episodes=3)
print(f"mean_reward={mean_reward:.2f} +/- {std_reward:.2f}")
_truth.add(metrics, "mean_reward", model.num_timesteps, round(mean_reward, 2))
_truth.write(metrics, {"algorithm": "PPO", "policy": "ActorCriticPolicy", "n_steps": 256,
                       "batch_size": 64, "n_epochs": 2, "gamma": 0.99, "seed": 0,
                       "total_timesteps": 768, "clip_range": 0.1,  # (a schedule, made of it)
                       "policy_kwargs": {"net_arch": [16]}})
