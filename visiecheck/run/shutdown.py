"""visiecheck's own clean-up at the end of the process.

Code that leaves something behind that must not outlive the process (the fork server
that may still be loading spaCy, its loopback listener) registers a function here with
``at_exit``. ``run_hooks()`` runs them, newest first, each at most once. They run

- from the command's entry point (``visiecheck.launch.leave``), which then ends the
  process without the interpreter's slow teardown; and
- from a normal interpreter exit (registered with ``atexit`` once), for library use.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
from collections.abc import Callable

_hooks: list[Callable[[], None]] = []
_lock = threading.Lock()
_registered = False


def at_exit(hook: Callable[[], None]) -> None:
    """Run ``hook()`` when the process ends (by ``run_hooks`` or a normal exit)."""
    global _registered
    with _lock:
        _hooks.append(hook)
        if not _registered:
            atexit.register(run_hooks)
            _registered = True


def run_hooks() -> None:
    """Run every registered hook now, newest first; a failing hook does not stop the rest."""
    while True:
        with _lock:
            if not _hooks:
                return
            hook = _hooks.pop()
        with contextlib.suppress(Exception):  # best effort: the process is ending anyway
            hook()
