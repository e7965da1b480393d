"""Comparing runs: what changed since the previous run (the summary) and `runlab diff`."""
