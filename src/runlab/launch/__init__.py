"""Launching again from the store: named commands, reruns and sweeps."""
