"""The ``visiecheck`` command (console script and ``python -m visiecheck``).

Two things around the CLI itself (``visiecheck.cli.app``) that only an entry point can do:

- A batch's worker fork server (``isolation.start_fork_server``) spends half a second
  loading spaCy before the first worker can start. It is started here, before the CLI
  (Typer, Rich, the report code) is imported, so the two happen at the same time on
  different CPUs.
- When the command is done, the process leaves without the interpreter's teardown:
  output is flushed and the exit handlers run (multiprocessing removes its temporary
  folder), but the thousands of modules and objects are not freed one by one, which
  takes a tenth of a second after a batch (more after ``check`` has loaded spaCy).
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import NoReturn


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:2] == ["batch"]:
        from .options import BATCH_PRELOAD_MODULES
        from .run.isolation import start_fork_server

        start_fork_server(BATCH_PRELOAD_MODULES)
    from .cli import app

    try:
        app()
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(code: object) -> NoReturn:
    """End the process with ``code`` as ``sys.exit`` would, minus the teardown."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message goes to stderr, the status is 1
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (| head) or a closed stream
            status = status or 1
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None:  # not CPython: the normal, slower way out
        sys.exit(status)
    run_exit_handlers()
    os._exit(status)
