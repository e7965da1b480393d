"""The tracked run: launching the child, recording what it prints and logs, finishing."""
