"""The isolation layer with fake work: hangs, crashes and memory hogs become failures."""

from __future__ import annotations

import os
import signal
import time

from visiecheck.errors import (
    DocumentTimeoutError,
    DocumentTooLargeError,
    ExitCode,
    ReaderCrashError,
)
from visiecheck.isolation import InternalWorkerError, run_isolated


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
    raise AssertionError(kind)


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
