"""What a framework recorded itself, written where the test reads it (the script's argv[1])."""

import json
import sys


def write(metrics, params=None):
    """metrics: {key: [[step, value], ...]} as the framework's own record has them."""
    with open(sys.argv[1], "w") as f:
        json.dump({"metrics": metrics, "params": params or {}}, f)


def add(metrics, key, step, value):
    metrics.setdefault(key, []).append([int(step), float(value)])
