"""The ``visiecheck`` command (console script and ``python -m visiecheck``).

A batch's worker fork server (``isolation.start_fork_server``) spends half a second
loading spaCy before the first worker can start. It is started here, before the CLI
itself (Typer, Rich, the report code) is imported, so the two happen at the same time
on different CPUs. Everything else is the CLI's (``visiecheck.cli.app``).
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:2] == ["batch"]:
        from .isolation import start_fork_server
        from .settings import BATCH_PRELOAD_MODULES

        start_fork_server(BATCH_PRELOAD_MODULES)
    from .cli import app

    app()
