"""Read the last documents of a cold batch into the extract cache while the workers start.

On a cold batch the workers' fork server needs most of a second to load spaCy, and the
parent has finished its own preparation (options, lexicon, cache) well before that, so
one CPU sits idle. This helper process uses it: it reads the batch's documents from the
last one backwards into the extract cache (``extract.cache``), where the workers find
them read when they get there.

- It runs under ``SCHED_IDLE`` (Linux): it only gets a CPU nobody else wants, so it
  never slows the fork server or the parent. Where that policy does not exist
  (``platform.capabilities().idle_priority``: Windows, macOS) it is not started at all.
- It is killed the moment the workers exist (``isolation.WorkerPool``), before any of
  them touches the cache; a document it was reading is simply read again by a worker.
- It dies with its parent: a parent killed outright (``kill -9``, the OOM killer) cannot
  stop it, so on Linux the kernel does (``PR_SET_PDEATHSIG``), elsewhere a thread that
  watches for the parent to go (``_die_with_parent``).
- It reports nothing. A document that crashes it, hangs it or is too large for it
  (the same memory limit as a worker) costs nothing: the worker that reads that
  document afterwards reports the failure as always.

Run as ``python -m visiecheck.run.readahead ENGINE MAX_MEMORY_MB PARENT_PID`` with one path
per line on standard input (``start`` does that).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path


def supported() -> bool:
    """Whether this platform can run a process only on otherwise idle CPUs."""
    from .platform import capabilities

    return capabilities().idle_priority


def start(
    paths: Sequence[str | Path], *, engine: str, max_memory_mb: int | None
) -> subprocess.Popen[bytes] | None:
    """Start reading ``paths`` from the last one backwards; None where not supported."""
    if not supported() or not paths:
        return None
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "visiecheck.run.readahead",
            engine,
            str(max_memory_mb or 0),
            str(os.getpid()),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None
    try:
        # the file system's own bytes: a name that is not UTF-8 travels unchanged
        process.stdin.write(b"".join(os.fsencode(path) + b"\n" for path in reversed(paths)))
        process.stdin.close()
    except OSError:
        pass  # it died at once: nothing was read ahead, nothing else changes
    return process


def stop(process: subprocess.Popen[bytes] | None) -> None:
    """Kill the helper (wherever it is in its work) and reap it."""
    if process is None:
        return
    if process.poll() is None:
        process.kill()
    process.wait()


def read_ahead(paths: Sequence[str], engine: str) -> None:
    """Read each document into the extract cache; a document that fails is skipped."""
    from ..extract import extract

    for path in paths:
        try:
            extract(path, engine=engine, use_cache=True)
        except Exception:  # the worker that reads it afterwards reports it
            continue


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """End this process when ``parent`` ends, however it ends.

    Linux: the kernel sends SIGKILL when the parent thread that started this process
    ends (``prctl(PR_SET_PDEATHSIG)``; a parent that started it from a short-lived thread
    loses its read-ahead early, which costs nothing). Elsewhere, or if that call fails, a
    thread watches for the parent to go. Either way a parent that died before this
    was set up is noticed at once (this process has been handed to another parent).
    """
    armed = False
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:
        os._exit(0)
    if not armed:
        import threading
        import time

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.2)
            os._exit(0)

        threading.Thread(target=watch, daemon=True).start()


def main() -> None:
    # First of all: from here on this process only runs on otherwise idle CPUs, and it
    # ends with the run that started it.
    os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to handle
    engine, max_memory_mb, parent = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    _die_with_parent(parent)
    from .isolation import limit_memory

    limit_memory(max_memory_mb or None)
    lines = sys.stdin.buffer.read().split(b"\n")
    read_ahead([os.fsdecode(line) for line in lines if line], engine)


if __name__ == "__main__":
    main()
