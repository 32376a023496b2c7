"""The one exception hierarchy of visiecheck and the exit codes it maps onto.

Every failure a user can cause (a missing file, a broken PDF, a bad lexicon) is a
``VisiecheckError`` subclass that carries its exit code and a message saying what is
wrong and what to do. Library errors (pdfium, pdfplumber, YAML) are translated into
these once, by type, in the module that calls the library. The CLI has one handler
that prints ``error.text(lang)`` as a single line on standard error and exits with
``error.exit_code``. The README's exit-code table is tested against ``ExitCode``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path

from .messages import DEFAULT_LANG, Hints, Msg, Param, text_of
from .models import Report, Status


class ExitCode(IntEnum):
    """Process exit codes. Documented in the README (tested to stay in sync)."""

    OK = 0
    THEMES_MISSING = 1  # only with --fail-on-missing: a selected theme is missing
    USAGE = 2  # bad command-line options or arguments
    FILE_NOT_FOUND = 3
    UNSUPPORTED_FORMAT = 4  # not a PDF (or another format we read)
    CORRUPT_FILE = 5  # empty, truncated or otherwise unreadable PDF
    ENCRYPTED = 6  # password-protected and no (or a wrong) --password
    NO_TEXT = 7  # the document has no text layer at all
    LEXICON_INVALID = 8
    PARTIAL_FAILURE = 9  # several documents, some could not be read
    OUTPUT_ERROR = 10  # the report could not be written
    OCR_UNAVAILABLE = 11  # --ocr asked, but Tesseract, its Dutch data or OCRmyPDF is missing
    RESOURCE_LIMIT = 12  # a document took too long (--timeout) or too much memory
    DSO_KEY = 20  # fetch: no DSO API key, or the API refused it (401/403)
    DSO_UNAVAILABLE = 21  # fetch: the DSO API cannot be reached, times out or keeps failing
    DSO_RESPONSE = 22  # fetch: the DSO API answered what it is documented not to
    INTERNAL_ERROR = 70  # a bug in visiecheck; run with --verbose and report it
    PIPE_CLOSED = 141  # the reader of standard output closed it early (| head): 128 + SIGPIPE


class VisiecheckError(Exception):
    """Base class: a failure with an exit code and an actionable, one-line message.

    The message is data: a catalogue key with parameters (``Msg``, see ``messages``), or
    a plain string for a text without a key. ``key`` and ``params`` say which message it
    is; ``text(lang)`` writes it in Dutch or English with the file name first, and
    ``reason_text(lang)`` without it. ``message`` and ``reason`` are the English texts,
    as before, for Python callers and logs.
    """

    exit_code: ExitCode = ExitCode.INTERNAL_ERROR

    def __init__(self, message: str | Msg, *, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self._message = message
        super().__init__(message)

    def __str__(self) -> str:
        return self.message

    @property
    def key(self) -> str | None:
        """The catalogue key of the message; None for a plain-text message."""
        return self._message.key if isinstance(self._message, Msg) else None

    @property
    def params(self) -> dict[str, Param]:
        """The message's named parameters (empty for a plain-text message)."""
        return dict(self._message.params) if isinstance(self._message, Msg) else {}

    @property
    def msg(self) -> Msg:
        """The message without the file name as a ``Msg`` (a plain text wrapped)."""
        if isinstance(self._message, Msg):
            return self._message
        return Msg("text", text=self._message)

    def reason_text(self, lang: str = DEFAULT_LANG, hints: Hints | None = None) -> str:
        """The message without the file name, for report rows that already name the file."""
        return text_of(self._message, lang, hints)

    def text(self, lang: str = DEFAULT_LANG, hints: Hints | None = None) -> str:
        """The whole one-line message in ``lang`` (``nl`` or ``en``), file name first."""
        reason = self.reason_text(lang, hints)
        return f"{self.path}: {reason}" if self.path else reason

    @property
    def message(self) -> str:
        return self.text(DEFAULT_LANG)

    @property
    def reason(self) -> str:
        return self.reason_text(DEFAULT_LANG)


class InputFileNotFoundError(VisiecheckError):
    exit_code = ExitCode.FILE_NOT_FOUND


class NotAPdfError(VisiecheckError):
    exit_code = ExitCode.UNSUPPORTED_FORMAT


class CorruptPdfError(VisiecheckError):
    exit_code = ExitCode.CORRUPT_FILE


class EncryptedPdfError(VisiecheckError):
    exit_code = ExitCode.ENCRYPTED


class NoTextError(VisiecheckError):
    exit_code = ExitCode.NO_TEXT


class OcrUnavailableError(VisiecheckError):
    """``--ocr`` was asked but the OCR tools are not installed; names what to install."""

    exit_code = ExitCode.OCR_UNAVAILABLE


class LexiconError(VisiecheckError):
    """A lexicon file that cannot be loaded; the message names file, line and problem."""

    exit_code = ExitCode.LEXICON_INVALID


class UsageError(VisiecheckError):
    """Options that do not fit together, detected after Typer's own parsing."""

    exit_code = ExitCode.USAGE


class UnknownThemeError(UsageError):
    """A theme name that fits no theme (or several). ``where`` is what held it: the API
    field (``themes``, ``theme_id``) until the CLI renames it for its own option or
    argument (``named``), so the message points at what the user typed."""

    def __init__(self, where: str | Msg, names: Sequence[str], *, message: Msg) -> None:
        self.where = where
        self.names = tuple(names)
        self.detail = message
        super().__init__(Msg("themes.where", where=where, detail=message))

    def named(self, where: str | Msg) -> UnknownThemeError:
        return UnknownThemeError(where, self.names, message=self.detail)

    def __reduce__(self) -> tuple[object, ...]:  # travels back from a worker process
        return (_unknown_theme, (self.where, self.names, self.detail))


def _unknown_theme(where: str | Msg, names: Sequence[str], detail: Msg) -> UnknownThemeError:
    return UnknownThemeError(where, names, message=detail)


class FailedDocumentError(VisiecheckError):
    """A document that could not be read, met where a readable one is needed (``diff``);
    it keeps the exit code of the original read error."""

    def __init__(
        self,
        message: str | Msg,
        *,
        path: str | Path | None = None,
        exit_code: int = ExitCode.CORRUPT_FILE,
    ) -> None:
        super().__init__(message, path=path)
        self.exit_code = ExitCode(exit_code)


class OutputError(VisiecheckError):
    exit_code = ExitCode.OUTPUT_ERROR


class DocumentLimitError(VisiecheckError):
    """A document exceeded a limit of its worker process (time or memory)."""

    exit_code = ExitCode.RESOURCE_LIMIT


class DocumentTimeoutError(DocumentLimitError):
    """Reading and matching one document took longer than ``--timeout``."""


class DocumentTooLargeError(DocumentLimitError):
    """Reading one document needed more memory than ``--max-memory``."""


class ReaderCrashError(CorruptPdfError):
    """The PDF reader's worker process died (a crash of the native parser)."""


class DsoKeyError(VisiecheckError):
    """``fetch``: no API key for the DSO, or the DSO refused it."""

    exit_code = ExitCode.DSO_KEY


class DsoUnavailableError(VisiecheckError):
    """``fetch``: the DSO API cannot be reached, timed out or failed after the retries."""

    exit_code = ExitCode.DSO_UNAVAILABLE


class DsoResponseError(VisiecheckError):
    """``fetch``: an answer of another shape than documented (a field missing, not JSON,
    an unexpected status); the message names what was missing and where."""

    exit_code = ExitCode.DSO_RESPONSE


def exit_code_for(report: Report, *, fail_on_missing: bool) -> ExitCode:
    """One exit code for a run: read failures first, then (if asked) missing themes.

    A single failed file exits with its own code (e.g. 6 for a protected PDF); several
    files of which some failed exit with PARTIAL_FAILURE (9) unless all failed alike.
    """
    failed = [document for document in report.documents if document.failed]
    if failed:
        codes = {document.error_code for document in failed}
        if len(failed) == len(report.documents) and len(codes) == 1:
            return ExitCode(codes.pop() or ExitCode.INTERNAL_ERROR)
        return ExitCode.PARTIAL_FAILURE
    if fail_on_missing and any(
        coverage.status is Status.MISSING
        for document in report.documents
        for coverage in document.themes
    ):
        return ExitCode.THEMES_MISSING
    return ExitCode.OK
