"""``python -m visiecheck`` runs the command-line interface."""

from visiecheck.cli import main

if __name__ == "__main__":
    main()
