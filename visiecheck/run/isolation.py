"""Run work on hostile input in worker processes that may hang, crash or blow up.

``run_isolated(func, tasks, ...)`` calls ``func(task)`` for every task in a pool of worker
processes and yields ``(index, Outcome)`` as tasks finish. Each worker:

- has an address-space limit (``RLIMIT_AS``, ``max_memory_mb``): an allocation beyond it
  raises ``MemoryError`` (or kills the native code that asked), never the whole machine;
- gets at most ``timeout`` seconds per task, counted from the moment it starts the task:
  a worker that is still busy then is killed and replaced;
- may die (a segfault in the PDF library, ``os.abort()``): its task becomes a failure
  and a fresh worker takes the next task. A native library that cannot get memory under
  the cap often aborts instead of failing cleanly, which from outside looks exactly like
  a crash on a damaged file; so a task whose worker died of a signal under a cap is run
  once more, alone, in a worker with twice the cap (``retry_crashes``; only where the
  machine has that much physical memory, and never more than once per task). Succeeds
  it there, the task needed more memory than the cap: a memory-limit failure that says
  which cap worked (the retry's result is *not* used: the caller's limit stands, and a
  result that depends on how much memory the machine has to spare would make a batch's
  report differ from run to run). Dies it again, the reader really crashed on the data.

A ``concurrent.futures`` pool cannot kill one hung worker, so this is a small pool of
processes with one channel each (``visiecheck.run.processes``: started without
``multiprocessing``, so they never import the caller's script). Workers are forked by
visiecheck's own fork server where the platform has one (else each is a fresh
interpreter, ``spawn``; see ``visiecheck.run.platform``): never a forked copy of the
parent with its threads and locks, but a fork of a small clean process that has imported
only the ``preload_modules`` (for a batch: spaCy and the readers) once, so
every worker starts with them loaded and their memory pages shared; a spawned worker
imports them itself. Workers live for many tasks, so the remaining set-up is paid once
per worker, not per document. It comes in two parts: ``preload`` (what every task needs
whatever the data) runs as soon as the process exists, and
``initializer(*initargs)`` (compiling one lexicon) once the work is known. A
``WorkerPool`` starts workers and their preload *before* the caller has its tasks, so
the seconds of start-up overlap the caller's own preparation; ``run_isolated(...,
pool=...)`` then uses them. Failures come back as an ``Outcome`` with a
``VisiecheckError`` (timeout, memory, crash, or an unexpected exception); the caller
turns them into report rows.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import subprocess
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import (
    DocumentTimeoutError,
    DocumentTooLargeError,
    ReaderCrashError,
    UsageError,
    VisiecheckError,
)
from ..messages import Msg
from . import processes
from .platform import capabilities, memory_cap, physical_memory_mb
from .processes import Channel

DEFAULT_TIMEOUT = 120.0  # seconds per document
DEFAULT_MAX_MEMORY_MB = 2048  # address space per worker; a spaCy worker needs ~0.5 GB
START_METHODS = ("forkserver", "spawn")  # see ``visiecheck.run.platform``
_KILL_GRACE = 2.0  # seconds between terminate() and kill()
_MAX_START_FAILURES = 3  # workers dying before they are ready: give up, do not loop


class InternalWorkerError(VisiecheckError):
    """An unexpected exception inside a worker (a bug, reported as such)."""


@dataclass(frozen=True)
class Outcome:
    """What became of one task: its value, or the error that stopped it."""

    value: Any = None
    error: VisiecheckError | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


# --- the worker side ---------------------------------------------------------------


def limit_memory(max_memory_mb: int | None) -> None:
    """Cap this process's address space (``RLIMIT_AS``); the parent only asks where it works."""
    if not max_memory_mb:
        return
    try:
        import resource

        limit = max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # no RLIMIT_AS on this platform: the timeout still protects us


def _worker_main(
    connection: Channel,
    preload_modules: Sequence[str],
    preload: Callable[[], Any] | None,
    max_memory_mb: int | None,
    environment: dict[str, str],
    directory: str,
) -> None:
    # A fork server was started with the parent's environment and folder of that moment;
    # take the current ones (e.g. VISIECHECK_CACHE_DIR, relative paths), as spawn would.
    if dict(os.environ) != environment:
        os.environ.clear()
        os.environ.update(environment)
    with contextlib.suppress(OSError):
        os.chdir(directory)
    # Ctrl-C reaches the whole process group; the parent decides what to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_memory(max_memory_mb)
    # Already imported by the fork server (then this is instant), else imported here.
    if not _set_up(connection, _import_all, (preload_modules,)):
        return
    if not _set_up(connection, preload, ()):
        return
    connection.send(("booted", None))
    func: Callable[[Any], Any] | None = None
    while True:
        try:
            message = connection.recv()
        except EOFError:
            _exit_now()
        if message is None:
            _exit_now()
        kind, payload = message
        if kind == "setup":
            func, initializer, initargs = payload
            if not _set_up(connection, initializer, initargs):
                return
            connection.send(("ready", None))
            continue
        index, task = payload
        connection.send(("started", index))
        try:
            value = func(task)  # type: ignore[misc]  # "task" only follows "setup"
        except MemoryError:
            # The heap may be in a poor state: report and let the parent start a new worker.
            connection.send(("memory", index))
            return
        except Exception as error:
            connection.send(("exception", (index, f"{type(error).__name__}: {error}")))
            continue
        connection.send(("done", (index, value)))


def _import_all(modules: Sequence[str]) -> None:
    for name in modules:
        importlib.import_module(name)


def _set_up(
    connection: Channel, function: Callable[..., Any] | None, args: tuple[Any, ...]
) -> bool:
    """Run a set-up step; on failure tell the parent and return False."""
    if function is None:
        return True
    try:
        function(*args)
    except MemoryError:
        connection.send(("init-failed", "memory"))
        return False
    except Exception:
        connection.send(("init-failed", traceback.format_exc(limit=3)))
        return False
    return True


def _exit_now() -> None:
    """Leave without tearing down the interpreter.

    Freeing spaCy's vocabulary and every module one by one takes a few tenths of a
    second that the parent would wait for; all results have been sent, nothing is
    left to flush.
    """
    os._exit(0)


# --- the parent side ---------------------------------------------------------------


@dataclass
class _Worker:
    process: processes.Process
    connection: Channel
    index: int | None = None  # the task it is working on
    started: float | None = None  # when it started that task (monotonic)
    booted: bool = False  # preload done
    set_up: bool = False  # "setup" sent
    ready: bool = False  # initializer done: may take tasks
    # A worker with twice the cap, started for one crashed task: (its index, the crash)
    retry_of: tuple[int, VisiecheckError] | None = None
    retry_cap: int | None = None
    answered: bool = False  # the retry's outcome is in


def _signal_name(number: int) -> str | Msg:
    try:
        return signal.Signals(number).name
    except ValueError:
        return Msg("limit.signal", number=number)


# Signals a native library dies of when an allocation fails under the address-space cap
# (pdfium aborts): from the outside such a death looks exactly like a crash on bad data.
_NATIVE_FAILURE_SIGNALS = ("SIGABRT", "SIGSEGV", "SIGBUS", "SIGILL", "SIGTRAP")


def crash_error(exitcode: int | None, max_memory_mb: int | None = None) -> VisiecheckError:
    """The error for a worker that died with ``exitcode`` while reading a document.

    Under a memory cap, an abort can be an allocation the cap refused: nothing the dead
    worker left behind tells the two apart, so the message names both causes.
    """
    sigkill = getattr(signal, "SIGKILL", None)  # not on Windows
    if exitcode is not None and exitcode < 0 and -exitcode == sigkill:
        # Killed from outside: on Linux usually the out-of-memory killer.
        return DocumentTooLargeError(Msg("limit.killed"))
    how = (
        _signal_name(-exitcode)
        if exitcode is not None and exitcode < 0
        else Msg("limit.exit_code", code=str(exitcode))
    )
    if max_memory_mb and how in _NATIVE_FAILURE_SIGNALS:
        return ReaderCrashError(Msg("limit.crash_under_cap", how=how, limit=max_memory_mb))
    return ReaderCrashError(Msg("limit.crash", how=how))


def _native_failure(exitcode: int | None) -> bool:
    """Whether a worker died of a signal a native library dies of (not killed from outside)."""
    if exitcode is None or exitcode >= 0:
        return False
    return _signal_name(-exitcode) in _NATIVE_FAILURE_SIGNALS


def retry_cap(max_memory_mb: int | None, physical_mb: int | None) -> int | None:
    """The cap to run a crashed task again with: twice ``max_memory_mb``, or None when no
    cap was applied or the machine lacks the physical memory for it (then the crash is
    reported as it is, naming both causes)."""
    if not max_memory_mb or physical_mb is None or 2 * max_memory_mb > physical_mb:
        return None
    return 2 * max_memory_mb


def retried_verdict(
    first: VisiecheckError,
    max_memory_mb: int,
    doubled_mb: int,
    *,
    succeeded: bool = False,
    out_of_memory: bool = False,
    exitcode: int | None = None,
    other_engine: str | None = None,
) -> VisiecheckError:
    """What a crashed task is, once it ran again with ``doubled_mb``.

    ``succeeded`` (it ran to the end, or to an ordinary exception): the first cap was too
    small, a memory limit. ``out_of_memory``: even twice the cap was too small. A death by
    a native signal again: the reader crashes on this file whatever the memory. Anything
    else (a timeout, a worker that did not start): nothing learnt, the first error stands.
    """
    if succeeded:
        return DocumentTooLargeError(
            Msg("limit.memory_needed", limit=max_memory_mb, needed=doubled_mb)
        )
    if out_of_memory:
        return DocumentTooLargeError(
            Msg("limit.memory_needed_more", limit=max_memory_mb, tried=doubled_mb)
        )
    sigkill = getattr(signal, "SIGKILL", None)
    if exitcode is not None and exitcode < 0 and -exitcode == sigkill:
        return crash_error(exitcode)  # the system's out-of-memory killer: a memory limit
    if exitcode is not None and _native_failure(exitcode):
        how = _signal_name(-exitcode)
        if other_engine:
            return ReaderCrashError(
                Msg(
                    "limit.crash_confirmed_engine",
                    how=how,
                    tried=doubled_mb,
                    other_engine=other_engine,
                )
            )
        return ReaderCrashError(Msg("limit.crash_confirmed", how=how, tried=doubled_mb))
    return first


def timeout_error(timeout: float) -> VisiecheckError:
    return DocumentTimeoutError(Msg("limit.timeout", seconds=timeout))


def memory_error(max_memory_mb: int | None) -> VisiecheckError:
    if max_memory_mb:
        return DocumentTooLargeError(Msg("limit.memory", limit=max_memory_mb))
    return DocumentTooLargeError(Msg("limit.memory_unknown"))


def _join(process: processes.Process, timeout: float | None) -> bool:
    """Wait up to ``timeout`` seconds for ``process`` to end; whether it has."""
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout)
    return process.poll() is not None


def _stop(worker: _Worker) -> None:
    """End a worker for good: politely if idle, by force if busy or stuck."""
    with contextlib.suppress(OSError, ValueError):
        worker.connection.close()
    process = worker.process
    if process.poll() is None:
        process.terminate()
        if not _join(process, _KILL_GRACE):
            process.kill()
    _join(process, None)


def start_fork_server(preload_modules: Sequence[str]) -> None:
    """Start this process's fork server now, importing ``preload_modules`` in it.

    ``visiecheck batch`` calls this first thing, so the server's half second of imports
    (spaCy) overlaps the parent's own start-up instead of following it. Does nothing
    where the platform has no fork server or one is already running. Starting returns at
    once; the first worker start waits until the server is ready. The server is killed
    when the process ends (``visiecheck.run.shutdown``), even halfway its imports, so a
    fully cached run does not leave it loading spaCy after the command is done.
    """
    if not capabilities().fork_server:
        return
    # Only a head start: if the server cannot start now (too many processes), the first
    # worker start tries again and reports what went wrong.
    with contextlib.suppress(OSError):
        processes.fork_server(preload_modules)


class WorkerPool:
    """Worker processes started ahead of the work, so their start-up overlaps the caller's.

    ``WorkerPool(jobs, preload=..., preload_modules=...)`` starts ``jobs`` processes
    from a background thread; each runs ``preload()`` (module-level, picklable) and then
    waits. ``preload_modules`` are imported once by the fork server (if this is the
    first pool of the process to start it), so the workers start with them loaded; without a
    fork server each worker imports them itself. Hand the pool to
    ``run_isolated(..., pool=pool)``, which uses these workers (and starts any
    replacement the same way); ``close()`` (or leaving a ``with`` block) stops whatever
    is left, so a pool that turns out not to be needed (every result cached) costs no
    more than the start-up it already did. ``jobs=0`` starts nothing ahead:
    ``run_isolated`` then starts one worker per CPU it is asked for. ``on_started()`` is
    called from the starting thread as soon as every worker has been started (or
    starting failed), e.g. to stop a helper that may only run until then.
    """

    def __init__(
        self,
        jobs: int,
        *,
        preload: Callable[[], Any] | None = None,
        max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
        start_method: str | None = None,
        preload_modules: Sequence[str] = (),
        on_started: Callable[[], None] | None = None,
    ) -> None:
        self.jobs = max(0, jobs)
        self._on_started = on_started
        self.preload = preload
        self.preload_modules = tuple(preload_modules)
        self.max_memory_mb = max_memory_mb  # as asked for
        # what is applied: nothing where the platform cannot (the caller says so once)
        self.memory_cap = memory_cap(max_memory_mb)
        self.start_method = start_method or capabilities().start_method
        if self.start_method not in START_METHODS:
            raise ValueError(f"start_method must be one of {START_METHODS}")
        self._idle: list[_Worker] = []
        self._closed = False
        self._start_error: BaseException | None = None
        # Starting blocks until a (new) fork server has imported its modules: a thread
        # waits for that, so the caller's own preparation runs meanwhile.
        self._starter = threading.Thread(target=self._start_all, daemon=True)
        self._starter.start()

    def _start_all(self) -> None:
        try:
            for _ in range(self.jobs):
                self._idle.append(self.start_worker())
        except BaseException as error:  # handed to the caller by ``take``
            self._start_error = error
        finally:
            if self._on_started is not None:
                self._on_started()

    def _started(self) -> None:
        self._starter.join()
        if self._start_error is not None:
            error, self._start_error = self._start_error, None
            raise error

    @property
    def pids(self) -> list[int]:
        """Process ids of the workers started ahead and not yet taken or stopped."""
        self._started()
        return [worker.process.pid for worker in self._idle]

    def start_worker(self, memory_cap: int | None = None) -> _Worker:
        """A new worker process running the preload (not yet set up for any work), under
        the pool's memory cap or, for a retry, ``memory_cap``."""
        process: processes.Process
        if self.start_method == "forkserver":
            # Only the first start of the process's server decides what it imports.
            process, channel = processes.fork_server(self.preload_modules).fork()
        else:
            process, channel = processes.spawn_worker()
        boot = (
            self.preload_modules,
            self.preload,
            memory_cap or self.memory_cap,
            dict(os.environ),
            os.getcwd(),
        )
        # A worker that died while starting has an ended channel: the run notices.
        with contextlib.suppress(OSError):
            channel.send((_worker_main, boot))
        return _Worker(process=process, connection=channel)

    def take(self, count: int) -> list[_Worker]:
        """Up to ``count`` of the started workers; the rest are stopped."""
        if self._closed:
            raise RuntimeError("this WorkerPool has been used or closed")
        try:
            self._started()
        except BaseException:
            self._closed = True
            for worker in self._idle:
                _stop(worker)
            raise
        taken, rest = self._idle[:count], self._idle[count:]
        self._idle = []
        self._closed = True
        for worker in rest:
            _stop(worker)
        return taken

    def close(self) -> None:
        """Stop every worker not taken by ``run_isolated``."""
        if not self._closed:
            self.take(0)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_isolated(
    func: Callable[[Any], Any],
    tasks: Sequence[Any],
    *,
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
    on_start: Callable[[int], None] | None = None,
    start_method: str | None = None,
    preload: Callable[[], Any] | None = None,
    pool: WorkerPool | None = None,
    preload_modules: Sequence[str] = (),
    retry_crashes: bool = True,
    other_engine: str | None = None,
) -> Iterator[tuple[int, Outcome]]:
    """Yield ``(index, Outcome)`` for every task, in the order they finish.

    ``func``, ``preload``, ``initializer`` and the tasks must be picklable (module-level
    functions, plain data). ``on_start(index)`` is called in this process when a worker
    begins a task (for progress displays). With a ``pool`` its already started workers
    are used (its ``preload``, ``preload_modules``, ``max_memory_mb``, start method and,
    unless 0, ``jobs`` replace the arguments of the same name). Every worker is gone when
    the iterator is exhausted or closed (also on Ctrl-C).

    ``retry_crashes``: a task whose worker died of a native signal under a memory cap is
    run once more with twice the cap (see the module's docstring), one such retry at a
    time and in the place of one of the ``jobs`` workers, so the run never uses more
    than ``jobs`` workers. ``other_engine`` is named in the message of a crash that
    happens again (``try engine ...``).
    """
    if pool is None:
        pool_jobs = max(1, min(jobs, len(tasks)))
        if not tasks:
            return
        pool = WorkerPool(
            pool_jobs,
            preload=preload,
            max_memory_mb=max_memory_mb,
            start_method=start_method,
            preload_modules=preload_modules,
        )
    max_memory_mb = pool.memory_cap
    wanted = max(1, min(pool.jobs or jobs, len(tasks)))
    workers: list[_Worker] = pool.take(wanted if tasks else 0)
    if not tasks:
        return
    pending: deque[int] = deque(range(len(tasks)))
    remaining = len(tasks)
    start_failures = 0
    doubled = retry_cap(max_memory_mb, physical_memory_mb()) if retry_crashes else None
    to_retry: deque[tuple[int, VisiecheckError]] = deque()  # crashed, waiting for a retry

    def retire(worker: _Worker) -> None:
        workers.remove(worker)
        _stop(worker)

    def start_retry() -> None:
        """One retry at a time, in a free place (an idle worker makes room for it)."""
        if not to_retry or any(worker.retry_of for worker in workers):
            return
        if len(workers) >= wanted and not pending:
            idle = next((w for w in workers if w.ready and w.index is None), None)
            if idle is not None:
                with contextlib.suppress(OSError, ValueError):
                    idle.connection.send(None)
                retire(idle)
        if len(workers) < wanted:
            worker = pool.start_worker(memory_cap=doubled)
            worker.retry_of, worker.retry_cap = to_retry.popleft(), doubled
            workers.append(worker)

    def crashed(worker: _Worker) -> Outcome | None:
        """The outcome of the task of a worker that died; None when it is tried again."""
        code = worker.process.returncode
        assert worker.index is not None
        if worker.retry_of is not None:
            return Outcome(error=verdict(worker, exitcode=code))
        error = crash_error(code, max_memory_mb)
        if doubled is not None and _native_failure(code):
            to_retry.append((worker.index, error))
            return None
        return Outcome(error=error)

    def verdict(worker: _Worker, **result: Any) -> VisiecheckError:
        assert worker.retry_of is not None  # only retry workers have a verdict
        assert max_memory_mb is not None and worker.retry_cap is not None
        _, first = worker.retry_of
        return retried_verdict(
            first, max_memory_mb, worker.retry_cap, other_engine=other_engine, **result
        )

    try:
        while remaining:
            start_retry()
            while len(workers) < min(wanted, remaining - len(to_retry)):
                workers.append(pool.start_worker())
            for worker in workers:
                if worker.retry_of is not None:
                    if worker.booted and not worker.set_up:
                        worker.set_up = True
                        with contextlib.suppress(OSError):
                            worker.connection.send(("setup", (func, initializer, initargs)))
                    if worker.ready and worker.index is None:
                        worker.index = worker.retry_of[0]
                        worker.started = None
                        with contextlib.suppress(OSError):
                            worker.connection.send(("task", (worker.index, tasks[worker.index])))
                    continue
                # A worker that has just died cannot be told anything: the end of its
                # channel is seen below, and its task (if any) becomes a crash.
                if worker.booted and not worker.set_up:
                    worker.set_up = True
                    with contextlib.suppress(OSError):
                        worker.connection.send(("setup", (func, initializer, initargs)))
                if worker.ready and worker.index is None and pending:
                    worker.index = pending.popleft()
                    worker.started = None
                    with contextlib.suppress(OSError):
                        worker.connection.send(("task", (worker.index, tasks[worker.index])))
            deadlines = [
                worker.started + timeout
                for worker in workers
                if timeout is not None and worker.started is not None
            ]
            wait_for = None if not deadlines else max(0.0, min(deadlines) - time.monotonic())
            # A worker that dies closes its end: its channel becomes readable too.
            processes.wait([worker.connection for worker in workers], timeout=wait_for)

            finished: list[tuple[int, Outcome]] = []
            for worker in list(workers):
                broken = False
                try:
                    while worker.connection.poll():
                        kind, payload = worker.connection.recv()
                        if kind == "booted":
                            worker.booted = True
                        elif kind == "ready":
                            worker.ready = True
                        elif kind == "started":
                            worker.started = time.monotonic()
                            if on_start is not None and worker.retry_of is None:
                                on_start(payload)
                        elif worker.retry_of is not None and kind in ("done", "exception"):
                            # it got through with twice the memory: the cap was too small
                            index = worker.retry_of[0]
                            error = verdict(worker, succeeded=True)
                            finished.append((index, Outcome(error=error)))
                            worker.index, worker.started, broken = None, None, True
                            worker.answered = True
                            break
                        elif worker.retry_of is not None and kind == "memory":
                            error = verdict(worker, out_of_memory=True)
                            finished.append((worker.retry_of[0], Outcome(error=error)))
                            worker.index, worker.started, broken = None, None, True
                            worker.answered = True
                            break
                        elif kind == "done":
                            index, value = payload
                            finished.append((index, Outcome(value=value)))
                            worker.index, worker.started = None, None
                        elif kind == "exception":
                            index, text = payload
                            error = InternalWorkerError(Msg("internal.worker", detail=text))
                            finished.append((index, Outcome(error=error)))
                            worker.index, worker.started = None, None
                        elif kind == "memory":
                            finished.append((payload, Outcome(error=memory_error(max_memory_mb))))
                            worker.index, worker.started = None, None
                            broken = True
                        elif kind == "init-failed":
                            if payload == "memory":
                                raise UsageError(
                                    Msg("limit.worker_memory_too_low", limit=max_memory_mb)
                                )
                            raise InternalWorkerError(
                                Msg("internal.worker_start", detail=str(payload))
                            )
                except (EOFError, OSError):
                    broken = True
                if broken or worker.process.poll() is not None:
                    if worker.answered:
                        # a retry worker whose answer is in: it is told to go, not waited for
                        with contextlib.suppress(OSError, ValueError):
                            worker.connection.send(None)
                    _join(worker.process, 0.5)
                    if not worker.ready:
                        start_failures += 1
                        if start_failures >= _MAX_START_FAILURES:
                            raise InternalWorkerError(
                                Msg("internal.workers_die", code=str(worker.process.returncode))
                            )
                    if worker.index is not None:
                        outcome = crashed(worker)
                        if outcome is not None:
                            finished.append((worker.index, outcome))
                        worker.index = None
                    elif worker.retry_of is not None and not worker.answered:
                        # died before it had the task: nothing learnt, the crash stands
                        finished.append((worker.retry_of[0], Outcome(error=verdict(worker))))
                    retire(worker)
                    continue
                if (
                    timeout is not None
                    and worker.started is not None
                    and time.monotonic() - worker.started >= timeout
                    and worker.index is not None
                ):
                    # a retry that times out has learnt nothing: its first error stands
                    error = verdict(worker) if worker.retry_of else timeout_error(timeout)
                    finished.append((worker.index, Outcome(error=error)))
                    worker.index = None
                    retire(worker)
            for item in finished:
                remaining -= 1
                yield item
    finally:
        idle = [worker for worker in workers if worker.index is None and worker.booted]
        for worker in idle:
            with contextlib.suppress(OSError, ValueError):
                worker.connection.send(None)
        for worker in list(workers):
            # An idle worker leaves at once (os._exit); any other is stopped by force.
            _join(worker.process, 0.5 if worker in idle else 0)
            _stop(worker)
        workers.clear()


def cpu_count() -> int:
    """The CPUs this process may use (respecting affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)
