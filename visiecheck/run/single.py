"""One-document work in an isolated worker, under the same limits as a batch document.

``explain``, ``extract`` and ``diff`` (and ``check`` of one file, through the batch
machinery) read a file that may hang the PDF reader, crash it or need unbounded memory.
``in_worker(func, task, ...)`` runs ``func(task)`` in one worker process with a time and
memory limit (``run.isolation``). Whatever the worker raises as a ``VisiecheckError``
comes back and is raised here, so the caller sees the same error as when it ran the work
itself; a limit that is hit is a ``DocumentLimitError`` naming the limit.

The matcher is built inside the worker, so a lexicon that needs too much memory to
compile is stopped by the same limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import VisiecheckError
from ..models import DocumentDiff, Lexicon
from ..options import BATCH_PRELOAD_MODULES, Options, ReadOptions
from .isolation import run_isolated


@dataclass(frozen=True)
class _Answer:
    """What a worker sends back: the value, or the user-facing error that stopped it."""

    value: Any = None
    error: VisiecheckError | None = None


def _answering(work: Callable[[], Any]) -> _Answer:
    try:
        return _Answer(value=work())
    except VisiecheckError as error:  # a user-caused failure travels as data
        return _Answer(error=error)


@dataclass(frozen=True)
class ExplainTask:
    path: str
    theme_id: str
    lexicon: Lexicon
    options: Options


def explain_task(task: ExplainTask) -> _Answer:
    from ..pipeline import explain

    return _answering(
        lambda: explain(task.path, task.theme_id, lexicon=task.lexicon, options=task.options)
    )


@dataclass(frozen=True)
class ReadTask:
    path: str
    read: ReadOptions


def read_task(task: ReadTask) -> _Answer:
    from ..pipeline import read_document

    return _answering(lambda: read_document(task.path, task.read))


@dataclass(frozen=True)
class DiffTask:
    old: str
    new: str
    lexicon: Lexicon
    options: Options
    theme_ids: tuple[str, ...]


def diff_task(task: DiffTask) -> _Answer:
    from ..analyse.diff import diff_reports
    from ..pipeline import check_document

    def work() -> DocumentDiff:
        old, new = (
            check_document(
                path, lexicon=task.lexicon, options=task.options, theme_ids=task.theme_ids
            )
            for path in (task.old, task.new)
        )
        return diff_reports(old, new)

    return _answering(work)


def in_worker(
    func: Callable[[Any], _Answer],
    task: Any,
    *,
    timeout: float | None,
    max_memory_mb: int | None,
) -> Any:
    """``func(task)``'s value, computed in an isolated worker; its error raised here."""
    ((_, outcome),) = list(
        run_isolated(
            func,
            [task],
            jobs=1,
            timeout=timeout,
            max_memory_mb=max_memory_mb,
            preload_modules=BATCH_PRELOAD_MODULES,
        )
    )
    if outcome.error is not None:  # a limit, a crash of the reader
        raise outcome.error
    answer: _Answer = outcome.value
    if answer.error is not None:
        raise answer.error
    return answer.value
