"""A batch's matcher, compiled under the run's limits in a process of its own.

A batch compiles its lexicon's matcher once (every form of every term, the fuzzy
rule's dictionary questions answered) and sends it to every worker. The lexicon's own
limits (``visiecheck.lexicon``: number of terms, term length, file size) bound what a
lexicon may ask for, but the compilation was the one step of a batch that ran in the
parent, outside ``--timeout`` and ``--max-memory``. Here it runs in a worker
(``run.isolation``) with the same address-space cap as a document and the same time
limit, but at least ``MATCHER_MIN_TIMEOUT``.

The worker is a fresh interpreter (``spawn``), not a fork of the fork server: it
needs neither spaCy nor the PDF readers, so it starts in a few tenths of a second
*while* the fork server is still importing spaCy, instead of after it. ``start()``
begins it in a background thread as soon as the parent has the lexicon (on a run that
will have work), so it overlaps the parent's cache lookups; ``matcher()`` waits for it
(starting it then if it was not started) and ``discard()`` ends it when every result
turned out to be cached.
"""

from __future__ import annotations

import threading

from ..analyse.matching import Matcher, get_matcher
from ..errors import (
    DocumentLimitError,
    DocumentTimeoutError,
    DocumentTooLargeError,
    VisiecheckError,
)
from ..messages import Msg
from ..models import Lexicon
from ..options import MatchOptions
from .isolation import Outcome, run_isolated
from .platform import memory_cap

# A per-document --timeout chosen to skip slow PDFs (a few seconds) must not stop the
# one-off compilation of an ordinary lexicon on a busy machine: the build gets at least
# this long. The largest lexicon the lexicon limits allow compiles in well under it
# (see the README, "Lexicon limits").
MATCHER_MIN_TIMEOUT = 60.0


def matcher_timeout(timeout: float | None) -> float | None:
    """The time limit of the matcher's build for a run's ``timeout`` (None: no limit)."""
    return None if timeout is None else max(timeout, MATCHER_MIN_TIMEOUT)


def build_matcher(task: tuple[Lexicon, MatchOptions]) -> Matcher:
    """Compile the matcher of a lexicon, its dictionary questions answered (in a worker)."""
    lexicon, match = task
    return get_matcher(lexicon, match).resolve_known_words()


class MatcherBuild:
    """One matcher compiled in an isolated worker, started ahead or on demand."""

    def __init__(
        self,
        lexicon: Lexicon,
        match: MatchOptions,
        *,
        timeout: float | None,
        max_memory_mb: int | None,
    ) -> None:
        self.lexicon, self.match = lexicon, match
        self.timeout, self.max_memory_mb = timeout, max_memory_mb
        self._thread: threading.Thread | None = None
        self._outcome: Outcome | None = None
        self._failure: BaseException | None = None  # the worker machinery's own failure

    def start(self) -> None:
        """Begin compiling in the background (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            ((_, self._outcome),) = list(
                run_isolated(
                    build_matcher,
                    [(self.lexicon, self.match)],
                    jobs=1,
                    timeout=self.timeout,
                    max_memory_mb=self.max_memory_mb,
                    start_method="spawn",  # see the module's docstring
                    retry_crashes=False,  # a lexicon is no damaged PDF: the limit is the answer
                )
            )
        except BaseException as error:  # handed to the caller of ``matcher()``
            self._failure = error

    def matcher(self) -> Matcher:
        """The compiled matcher; a limit it went over is a ``DocumentLimitError`` (exit 12)
        naming the lexicon and the limit."""
        self.start()
        assert self._thread is not None
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        assert self._outcome is not None
        if self._outcome.error is not None:
            raise self._limit_error(self._outcome.error)
        matcher: Matcher = self._outcome.value
        return matcher

    def discard(self) -> None:
        """Wait for a build that was started and drop it (its worker is gone after)."""
        if self._thread is not None:
            self._thread.join()

    def _limit_error(self, error: VisiecheckError) -> VisiecheckError:
        name = self.lexicon.name
        limit = memory_cap(self.max_memory_mb)
        if isinstance(error, DocumentTooLargeError) and limit is not None:
            return DocumentLimitError(Msg("limit.matcher_memory", lexicon=name, limit=limit))
        if isinstance(error, DocumentTimeoutError):
            seconds = self.timeout
            return DocumentLimitError(Msg("limit.matcher_timeout", lexicon=name, seconds=seconds))
        return error  # a crash, a bug, or memory running out without a cap: as it is
