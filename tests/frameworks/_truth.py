"""What a framework recorded itself, written where the test reads it (the script's argv[1])."""

import json
import os
import sys
import time


def write(metrics, params=None, **counts):
    """metrics: {key: [[step, value], ...]} as the framework's own record has them; counts:
    how many points a key printed where the record keeps no value of each."""
    with open(sys.argv[1], "w") as f:
        json.dump({"metrics": metrics, "params": params or {}, "counts": counts}, f)


def add(metrics, key, step, value):
    metrics.setdefault(key, []).append([int(step), float(value)])


def ready():
    """Wait until runlab reads the output as it comes (its parser loaded on the first line):
    a fit done in the first moments of a run, all of its output read at once after its end,
    could not be told from what the program printed after it. A line is in the run's output
    log before it is parsed, so the second line's being there says the first was parsed."""
    log = os.path.join(os.path.dirname(os.environ["RUNLAB_EVENTS"]), "output.log")
    for line in ("ready", "steady"):
        print(line, flush=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with open(log, "rb") as f:
                if line.encode() in f.read():
                    break
