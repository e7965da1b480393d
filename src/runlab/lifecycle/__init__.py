"""What is done to stored runs: edits (tags, notes, names, hiding), their files, the model registry."""
