"""`python -m runlab` is the `runlab` command."""

from runlab.cli import main

if __name__ == "__main__":
    main()
