"""``python -m visiecheck`` runs the command-line interface."""

from visiecheck.launch import main

if __name__ == "__main__":
    main()
