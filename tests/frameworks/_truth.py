"""What a framework recorded itself, written where the test reads it (the script's argv[1])."""

import json
import sys


def write(metrics, params=None, **counts):
    """metrics: {key: [[step, value], ...]} as the framework's own record has them; counts:
    how many points a key printed where the record keeps no value of each."""
    with open(sys.argv[1], "w") as f:
        json.dump({"metrics": metrics, "params": params or {}, "counts": counts}, f)


def add(metrics, key, step, value):
    metrics.setdefault(key, []).append([int(step), float(value)])
