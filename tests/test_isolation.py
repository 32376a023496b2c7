"""The isolation layer with fake work: hangs, crashes and memory hogs become failures."""

from __future__ import annotations

import mmap
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from visiecheck.cli import CLI_HINTS
from visiecheck.errors import (
    DocumentTimeoutError,
    DocumentTooLargeError,
    ExitCode,
    ReaderCrashError,
)
from visiecheck.run import isolation
from visiecheck.run.isolation import InternalWorkerError, WorkerPool, run_isolated

_PRELOADED: list[str] = []
_IMPORTED_IN = os.getpid()  # which process imported this module (as a preload module?)
ROOT = Path(__file__).resolve().parent.parent


def fake_work(task: tuple[str, Any]) -> object:
    """Module level, so spawned workers can import it."""
    kind, value = task
    if kind == "ok":
        return value * 2
    if kind == "hang":
        time.sleep(3600)
    if kind == "abort":
        os.abort()
    if kind == "counted-abort":  # value: a file that gets a line per attempt
        with open(value, "a") as attempts:
            attempts.write(f"{os.getpid()}\n")
        os.abort()
    if kind == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if kind == "allocate":
        return len(bytearray(value * 1024 * 1024))
    if kind == "native-hog":
        # what pdfium does when the cap refuses it memory: abort, not a MemoryError
        # (an anonymous mapping counts against RLIMIT_AS without touching a page)
        try:
            mapping = mmap.mmap(-1, value * 1024 * 1024)
        except OSError:
            os.abort()
        mapping.close()
        return value
    if kind == "hog-then-allocate":
        import resource  # Linux, like the cap itself

        if resource.getrlimit(resource.RLIMIT_AS)[0] <= value * 1024 * 1024:
            fake_work(("native-hog", value + 50))  # under the first cap: an abort
        raise MemoryError  # under the doubled cap: a clean refusal
    if kind == "raise":
        raise ValueError("kapot")
    if kind == "whoami":
        return (os.getpid(), tuple(_PRELOADED))
    if kind == "surroundings":
        return (os.environ.get("VISIECHECK_TEST_MARK"), os.getcwd())
    if kind == "importer":
        return "by-the-worker" if os.getpid() == _IMPORTED_IN else "by-the-fork-server"
    if kind == "preloaded":
        from visiecheck.analyse import nlp

        return (
            "spacy" in sys.modules,
            nlp._sentencizer_and_exceptions.cache_info().currsize,
            fake_work(("importer", 0)),
        )
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
    assert hang.text("nl").startswith("gestopt na 1 s")
    for index, signal_name in ((2, "SIGABRT"), (4, "SIGSEGV")):
        crash = outcomes[index].error
        assert isinstance(crash, ReaderCrashError)
        assert crash.exit_code == ExitCode.CORRUPT_FILE
        # under a cap it was tried once more with twice the memory, and died again
        assert crash.text("nl") == (
            f"de PDF-lezer is gecrasht ({signal_name}), ook met 800 MB geheugen: de PDF is "
            "waarschijnlijk beschadigd; exporteer of download de PDF opnieuw"
        )
        assert "the PDF reader crashed" in crash.message  # English for Python callers
    memory = outcomes[5].error
    assert isinstance(memory, DocumentTooLargeError)
    assert memory.text("nl").startswith("te veel geheugen: meer dan 400 MB nodig")
    bug = outcomes[6].error
    assert isinstance(bug, InternalWorkerError)
    assert "ValueError: kapot" in bug.message


def test_a_native_abort_for_want_of_memory_is_named_as_the_memory_limit() -> None:
    # 450 MB cannot be mapped under a cap of 400 MB, so the worker aborts; with twice the
    # cap it can: the cause was the limit, and the message says which value worked
    outcomes = _run([("native-hog", 450), ("ok", 1), ("abort", 0)], jobs=1)
    assert outcomes[1].value == 2
    memory = outcomes[0].error
    assert isinstance(memory, DocumentTooLargeError)
    assert memory.exit_code == ExitCode.RESOURCE_LIMIT
    assert memory.key == "limit.memory_needed"
    assert memory.text("nl") == (
        "te veel geheugen: de PDF-lezer had meer dan 400 MB nodig (lukte met 800 MB, die "
        "uitkomst is niet gebruikt); geef max_memory_mb=800 mee"
    )
    assert memory.text("nl", CLI_HINTS).endswith("; geef --max-memory 800")
    assert memory.text("en", CLI_HINTS).endswith("; give --max-memory 800")
    assert outcomes[0].value is None  # the user's limit stands: the retry's result is unused
    # an abort whatever the memory: the damaged-reader case, without the memory doubt
    crash = outcomes[2].error
    assert isinstance(crash, ReaderCrashError)
    assert crash.key == "limit.crash_confirmed"
    assert "te weinig geheugen" not in crash.text("nl")


def test_a_retry_needs_more_than_twice_the_cap_is_still_the_memory_limit() -> None:
    # aborts under 400 MB, and under 800 MB raises MemoryError: more memory, not a crash
    outcomes = dict(
        run_isolated(fake_work, [("hog-then-allocate", 400)], timeout=5.0, max_memory_mb=400)
    )
    memory = outcomes[0].error
    assert isinstance(memory, DocumentTooLargeError)
    assert memory.text("nl", CLI_HINTS) == (
        "te veel geheugen: de PDF-lezer had meer dan 400 MB nodig, en ook 800 MB was niet "
        "genoeg; probeer --max-memory hoger"
    )


def test_no_retry_where_the_machine_lacks_twice_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    # a machine of 600 MB cannot give 800: the crash is reported with both causes
    monkeypatch.setattr(isolation, "physical_memory_mb", lambda: 600)
    started: list[int] = []
    outcomes = dict(
        run_isolated(
            fake_work,
            [("native-hog", 450)],
            timeout=5.0,
            max_memory_mb=400,
            on_start=started.append,
        )
    )
    crash = outcomes[0].error
    assert isinstance(crash, ReaderCrashError)
    assert crash.key == "limit.crash_under_cap"
    assert "onder de geheugenlimiet van 400 MB: te weinig geheugen of een beschadigde PDF" in (
        crash.text("nl")
    )
    assert started == [0]  # read once, not again


def test_a_crash_without_a_cap_is_not_retried() -> None:
    outcomes = dict(run_isolated(fake_work, [("abort", 0)], timeout=5.0, max_memory_mb=None))
    crash = outcomes[0].error
    assert isinstance(crash, ReaderCrashError)
    assert (
        crash.text("nl")
        == "de PDF-lezer is gecrasht (SIGABRT); exporteer of download de PDF opnieuw"
    )


def test_every_crash_is_retried_once_and_the_other_tasks_complete(tmp_path: Path) -> None:
    first, second = tmp_path / "eerste.txt", tmp_path / "tweede.txt"
    tasks = [
        ("counted-abort", str(first)),
        ("native-hog", 450),
        ("ok", 1),
        ("counted-abort", str(second)),
        ("ok", 2),
    ]
    outcomes = dict(run_isolated(fake_work, tasks, jobs=2, timeout=5.0, max_memory_mb=400))
    assert [outcomes[i].value for i in (2, 4)] == [2, 4]
    assert [outcomes[i].error.key for i in (0, 1, 3)] == [  # type: ignore[union-attr]
        "limit.crash_confirmed",
        "limit.memory_needed",
        "limit.crash_confirmed",
    ]
    for attempts in (first, second):  # the first try and one retry, never a loop
        pids = attempts.read_text().split()
        assert len(pids) == 2 and pids[0] != pids[1]


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


def test_workers_see_the_environment_and_folder_of_now_not_of_the_fork_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fork server keeps the environment it started with; the cache folder
    # (VISIECHECK_CACHE_DIR) and relative paths must follow the caller as with spawn.
    dict(run_isolated(fake_work, [("ok", 1)], jobs=1))  # the fork server is running now
    monkeypatch.setenv("VISIECHECK_TEST_MARK", "bodem")
    monkeypatch.chdir(tmp_path)
    outcomes = dict(run_isolated(fake_work, [("surroundings", 0)], jobs=1))
    assert outcomes[0].value == ("bodem", str(tmp_path))


def test_a_worker_that_cannot_be_started_fails_when_the_pool_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(self: WorkerPool) -> object:
        raise OSError("geen processen meer")

    monkeypatch.setattr(WorkerPool, "start_worker", refuse)
    pool = WorkerPool(2)  # workers start in a background thread: no error yet
    with pytest.raises(OSError, match="geen processen meer"):
        pool.take(2)


def test_workers_of_a_batch_start_with_spacy_loaded_by_the_fork_server() -> None:
    # A fresh interpreter, so that this pool is the one that starts the fork server.
    script = (
        "from visiecheck.run.isolation import WorkerPool, run_isolated\n"
        "from visiecheck.run.platform import capabilities\n"
        "from tests.test_isolation import fake_work\n"
        "modules = ['visiecheck.run.worker_preload', 'tests.test_isolation']\n"
        "pool = WorkerPool(1, preload_modules=modules)\n"
        "outcome = dict(run_isolated(fake_work, [('preloaded', 0)], pool=pool))[0]\n"
        "print(capabilities().start_method, *outcome.value)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    if result.stdout.startswith("spawn"):
        pytest.skip("no fork server on this platform: each worker loads spaCy itself")
    # spaCy imported, the sentencizer built and this module imported before the task
    # ran, by the fork server (the process the worker was forked from), not the worker
    assert result.stdout.split() == ["forkserver", "True", "1", "by-the-fork-server"]


def test_without_a_fork_server_each_worker_imports_the_preload_modules_itself() -> None:
    pool = WorkerPool(1, start_method="spawn", preload_modules=["tests.test_isolation"])
    outcome = dict(run_isolated(fake_work, [("importer", 0)], pool=pool))[0]
    assert outcome.value == "by-the-worker"
