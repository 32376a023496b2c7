"""What this platform lets the run wing do, decided once and in one place.

Policy officers run visiecheck on Windows, some on macOS, the servers on Linux. Three
things the batch machinery would like are not everywhere:

- ``fork_server``: forking ready workers from one process that has loaded spaCy once
  (``os.fork``, ``SIGCHLD``: Linux, macOS). Without it every worker is a fresh
  interpreter that loads spaCy itself (slower start, same results).
- ``memory_limit``: an address-space cap per worker (``RLIMIT_AS``), enforced on Linux.
  macOS accepts the call but does not enforce it; Windows has no such limit. Without it
  ``--max-memory`` has no effect (the timeout still applies) and a batch says so once.
- ``idle_priority``: running the read-ahead helper only on otherwise idle CPUs
  (``SCHED_IDLE``, Linux). Without it there is no read-ahead (a cold batch is a little
  slower, results are the same).

``capabilities()`` detects them on first use; ``override(...)`` replaces them for a
test (``with override(fork_server=False): ...``). Child processes never ask: the parent
decides and tells them (start method, memory cap), so an override covers a whole run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..messages import Msg


@dataclass(frozen=True)
class Capabilities:
    fork_server: bool
    memory_limit: bool
    idle_priority: bool

    @property
    def start_method(self) -> str:
        """How workers start: ``forkserver`` (forked, preloaded) or ``spawn`` (fresh)."""
        return "forkserver" if self.fork_server else "spawn"


def detect() -> Capabilities:
    """The capabilities of the running interpreter and operating system."""
    try:
        import resource

        has_rlimit_as = hasattr(resource, "RLIMIT_AS")
    except ImportError:  # Windows
        has_rlimit_as = False
    return Capabilities(
        # the server forks workers and reaps them on SIGCHLD (POSIX)
        fork_server=hasattr(os, "fork") and hasattr(signal, "SIGCHLD") and sys.platform != "win32",
        # macOS has the constant but does not enforce the limit: do not promise it there
        memory_limit=has_rlimit_as and sys.platform.startswith("linux"),
        idle_priority=hasattr(os, "SCHED_IDLE") and hasattr(os, "sched_setscheduler"),
    )


_current: Capabilities | None = None


def capabilities() -> Capabilities:
    """This platform's capabilities (detected on the first call)."""
    global _current
    if _current is None:
        _current = detect()
    return _current


@contextlib.contextmanager
def override(**changes: bool) -> Iterator[Capabilities]:
    """Pretend some capabilities are missing (or present) for the duration of a block."""
    global _current
    before = capabilities()
    _current = replace(before, **changes)
    try:
        yield _current
    finally:
        _current = before


def memory_cap(max_memory_mb: int | None) -> int | None:
    """The per-worker cap that will really be applied: ``None`` where there is none."""
    return max_memory_mb if max_memory_mb and capabilities().memory_limit else None


def memory_notice(max_memory_mb: int | None) -> Msg | None:
    """What a run says once when the memory cap it was given cannot be applied here."""
    if not max_memory_mb or capabilities().memory_limit:
        return None
    return Msg("notice.no_memory_cap", limit=max_memory_mb)


def physical_memory_mb() -> int | None:
    """The machine's physical memory in MB, or None where it cannot be asked.

    A crashed worker is tried again with twice its memory cap only when the machine has
    that much (``visiecheck.run.isolation``): never a retry that would push it into swap.
    """
    try:
        pages = os.sysconf("SC_PHYS_PAGES")
        page_size = os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # Windows has no sysconf
        return None
    if pages <= 0 or page_size <= 0:
        return None
    return pages * page_size // (1024 * 1024)
