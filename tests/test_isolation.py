"""The isolation layer with fake work: hangs, crashes and memory hogs become failures."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from visiecheck.errors import (
    DocumentTimeoutError,
    DocumentTooLargeError,
    ExitCode,
    ReaderCrashError,
)
from visiecheck.isolation import InternalWorkerError, WorkerPool, run_isolated

_PRELOADED: list[str] = []


def fake_work(task: tuple[str, int]) -> object:
    """Module level, so spawned workers can import it."""
    kind, value = task
    if kind == "ok":
        return value * 2
    if kind == "hang":
        time.sleep(3600)
    if kind == "abort":
        os.abort()
    if kind == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if kind == "allocate":
        return len(bytearray(value * 1024 * 1024))
    if kind == "raise":
        raise ValueError("kapot")
    if kind == "whoami":
        return (os.getpid(), tuple(_PRELOADED))
    raise AssertionError(kind)


def fake_preload() -> None:
    """Stands in for loading spaCy: leaves a mark that tasks can see."""
    _PRELOADED.append(f"voorgeladen in {os.getpid()}")


def slow_preload() -> None:
    time.sleep(3600)


def dying_preload() -> None:
    os.abort()


def _run(tasks: list[tuple[str, int]], jobs: int = 2) -> dict[int, object]:
    return dict(run_isolated(fake_work, tasks, jobs=jobs, timeout=1.0, max_memory_mb=400))


def test_every_kind_of_failure_is_one_outcome_and_the_rest_completes() -> None:
    tasks = [
        ("ok", 1),
        ("hang", 0),
        ("abort", 0),
        ("ok", 2),
        ("segfault", 0),
        ("allocate", 1000),
        ("raise", 0),
        ("ok", 3),
    ]
    outcomes = _run(tasks)
    assert sorted(outcomes) == list(range(len(tasks)))
    assert [outcomes[i].value for i in (0, 3, 7)] == [2, 4, 6]
    hang = outcomes[1].error
    assert isinstance(hang, DocumentTimeoutError)
    assert hang.exit_code == ExitCode.RESOURCE_LIMIT
    assert hang.message.startswith("gestopt na 1 s")
    for index, signal_name in ((2, "SIGABRT"), (4, "SIGSEGV")):
        crash = outcomes[index].error
        assert isinstance(crash, ReaderCrashError)
        assert crash.exit_code == ExitCode.CORRUPT_FILE
        assert f"de PDF-lezer is gecrasht ({signal_name})" in crash.message
    memory = outcomes[5].error
    assert isinstance(memory, DocumentTooLargeError)
    assert "te veel geheugen" in memory.message and "400 MB" in memory.message
    bug = outcomes[6].error
    assert isinstance(bug, InternalWorkerError)
    assert "ValueError: kapot" in bug.message


def test_a_single_worker_survives_failures_by_being_replaced() -> None:
    outcomes = _run([("segfault", 0), ("ok", 5), ("hang", 0), ("ok", 6)], jobs=1)
    assert outcomes[1].value == 10 and outcomes[3].value == 12
    assert outcomes[0].failed and outcomes[2].failed


def test_no_tasks_starts_no_worker() -> None:
    assert list(run_isolated(fake_work, [], jobs=4)) == []


def test_a_pool_started_ahead_runs_the_tasks_in_its_preloaded_workers() -> None:
    pool = WorkerPool(2, preload=fake_preload, max_memory_mb=400)
    started = set(pool.pids)
    assert len(started) == 2
    outcomes = dict(run_isolated(fake_work, [("whoami", 0)] * 6 + [("ok", 4)], pool=pool))
    assert outcomes[6].value == 8
    for index in range(6):
        pid, marks = outcomes[index].value
        assert pid in started
        assert marks == (f"voorgeladen in {pid}",)  # preload ran once, in that process
    assert pool.pids == []  # used up


def test_a_replacement_worker_of_a_pool_runs_the_preload_too() -> None:
    pool = WorkerPool(1, preload=fake_preload, max_memory_mb=400)
    first = pool.pids[0]
    outcomes = dict(run_isolated(fake_work, [("segfault", 0), ("whoami", 0)], pool=pool))
    assert isinstance(outcomes[0].error, ReaderCrashError)
    pid, marks = outcomes[1].value
    assert pid != first
    assert marks == (f"voorgeladen in {pid}",)


def test_closing_an_unused_pool_stops_its_workers_even_mid_preload() -> None:
    with WorkerPool(2, preload=slow_preload) as pool:
        pids = pool.pids
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists()  # stopped and reaped


def test_no_tasks_for_a_pool_stops_its_workers() -> None:
    pool = WorkerPool(2, preload=slow_preload)
    pids = pool.pids
    assert list(run_isolated(fake_work, [], pool=pool)) == []
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists()


def test_an_empty_pool_starts_workers_when_tasks_come() -> None:
    pool = WorkerPool(0, preload=fake_preload)
    assert pool.pids == []
    outcomes = dict(run_isolated(fake_work, [("whoami", 0), ("ok", 1)], jobs=1, pool=pool))
    pid, marks = outcomes[0].value
    assert marks == (f"voorgeladen in {pid}",) and outcomes[1].value == 2


def test_workers_that_die_while_preloading_stop_the_run() -> None:
    pool = WorkerPool(1, preload=dying_preload)
    with pytest.raises(InternalWorkerError, match="die while starting"):
        list(run_isolated(fake_work, [("ok", 1), ("ok", 2)], pool=pool))
