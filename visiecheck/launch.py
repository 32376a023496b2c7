"""The ``visiecheck`` command (console script and ``python -m visiecheck``).

Two things around the CLI itself (``visiecheck.cli.app``) that only an entry point can do:

- A batch's worker fork server (``isolation.start_fork_server``) spends a noticeable time
  loading spaCy before the first worker can start. It is started here, before the CLI
  (Typer, Rich, the report code) is imported, so the two happen at the same time on
  different CPUs.
- When the command is done, the process leaves without the interpreter's teardown:
  output is flushed and visiecheck's own exit hooks run (``visiecheck.run.shutdown``:
  the fork server is stopped), but the thousands of modules and objects are not freed
  one by one, which is noticeable after a batch (more so after ``check`` has
  loaded spaCy). Only public means: ``os._exit`` after an explicit flush.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import NoReturn

_READING_COMMANDS = frozenset({"check", "batch", "explain", "extract", "diff"})


def needs_workers(arguments: list[str]) -> bool:
    """Whether this command line will read files in worker processes: every command that
    reads a visie (``check``, ``batch``, ``explain``, ``extract``, ``diff``) does, under
    its time and memory limits (global options such as ``-v`` may come first)."""
    words = list(arguments)
    while words and words[0].startswith("-"):
        words.pop(0)  # the global options take no value
    return bool(words) and words[0] in _READING_COMMANDS


# ``errors.ExitCode.PIPE_CLOSED`` and ``OUTPUT_ERROR``, without importing the models this
# early (tests/test_hostile_text.py checks they agree).
_PIPE_CLOSED = 141
_OUTPUT_ERROR = 10


def main() -> None:
    """Console-script entry point."""
    if needs_workers(sys.argv[1:]):
        from .options import BATCH_PRELOAD_MODULES
        from .run.isolation import start_fork_server

        start_fork_server(BATCH_PRELOAD_MODULES)
    from .cli import app

    try:
        app()
    except SystemExit as done:
        leave(done.code)
    leave(0)


def _flush_failed(reason: str) -> str:
    """The last word on a standard output that could not be flushed, in the language of
    the command that ran (Dutch unless it had ``--lang en``)."""
    from .messages import Msg

    state = getattr(sys.modules.get("visiecheck.cli"), "_state", {})
    return Msg("output.stdout_flush", reason=reason).text(state.get("lang", "nl"))


def leave(code: object) -> NoReturn:
    """End the process with ``code`` as ``sys.exit`` would, minus the teardown."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message goes to stderr, the status is 1
        print(code, file=sys.stderr)
        status = 1
    from .run import shutdown

    shutdown.run_hooks()  # first: a hook may still write something
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # a closed pipe (| head): said by the status only
            status = status or _PIPE_CLOSED
        except (OSError, ValueError) as error:  # a full disk, a closed stream: cut off
            if stream is sys.stdout and not status:
                with contextlib.suppress(OSError, ValueError):
                    reason = getattr(error, "strerror", None) or type(error).__name__
                    print(f"visiecheck: {_flush_failed(reason)}", file=sys.stderr)
            status = status or _OUTPUT_ERROR
    if "multiprocessing.util" in sys.modules:
        # Something used multiprocessing itself (visiecheck does not; OCRmyPDF may): its
        # exit handler removes its temporary folder, so take the normal way out.
        sys.exit(status)
    os._exit(status)
