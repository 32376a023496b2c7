"""One document from file to report: read → match → assess (and the serial ``check``).

``check_document`` is what a worker runs for one file; ``check`` runs it for several
files in this process, one after the other (``visiecheck.api.check_files`` decides
whether to use it or isolated workers). A file that cannot be read becomes a report row
with its error; the other files go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .analyse.coverage import assess
from .analyse.duplicates import fingerprint
from .analyse.readiness import READINESS_LEXICON, assess_readiness
from .errors import VisiecheckError
from .extract import extract
from .lexicon import load_lexicon
from .models import (
    Document,
    DocumentReport,
    Explanation,
    Lexicon,
    LexiconInfo,
    ReadinessSignal,
    Report,
)
from .names import municipality_name
from .options import Options, ReadOptions
from .theme_names import resolve_theme, select_themes

__all__ = ["check", "check_document", "check_or_row", "explain", "read_document", "select_themes"]


def check_document(
    path: str | Path,
    *,
    lexicon: Lexicon,
    options: Options,
    theme_ids: Sequence[str] | None = None,
    municipality: str | None = None,
) -> DocumentReport:
    """Check one file. Raises ``VisiecheckError`` when it cannot be read."""
    from .analyse.matching import get_matcher  # lazily: a fully cached batch never loads spaCy

    document = read_document(path, options.read)
    matcher = get_matcher(lexicon, options.match)
    hits = matcher.match_document(document)
    text_print = fingerprint("\n\n".join(page.text for page in document.pages))
    return DocumentReport(
        file=str(path),
        municipality=municipality or municipality_name(path),
        sha256=document.sha256,
        pages=document.page_count,
        pages_without_text=tuple(document.pages_without_text),
        warnings=document.warnings,
        warning_messages=document.warning_messages,
        error=None,
        themes=assess(
            hits,
            lexicon,
            options.report,
            theme_ids,
            variants=matcher.variants_per_theme,
            unreadable_pages=document.unreadable_pages,
        ),
        fingerprint=tuple(sorted(text_print.sample)),
        shingles=text_print.shingles,
        location_unit=document.location_unit,
        readiness=_readiness(document, options),
        metadata=document.metadata,
        source_format=document.source_format,
    )


def _readiness(document: Document, options: Options) -> tuple[ReadinessSignal, ...]:
    """The readiness lens over the text already read (the file is not read again); its
    own matcher and hits, so the theme verdicts cannot change because of it."""
    if not options.report.readiness:
        return ()
    from .analyse.matching import get_matcher

    lexicon = load_lexicon(READINESS_LEXICON)
    hits = get_matcher(lexicon, options.match).match_document(document)
    return assess_readiness(hits, lexicon, options.report)


def check_or_row(
    path: str | Path,
    *,
    lexicon: Lexicon,
    options: Options,
    theme_ids: Sequence[str] | None = None,
    municipality: str | None = None,
) -> DocumentReport:
    """``check_document``, with a file that cannot be read as a row carrying its error."""
    try:
        return check_document(
            path, lexicon=lexicon, options=options, theme_ids=theme_ids, municipality=municipality
        )
    except VisiecheckError as error:
        return failed_document(path, error, municipality)


def failed_document(
    path: str | Path, error: VisiecheckError, municipality: str | None = None
) -> DocumentReport:
    return DocumentReport(
        file=str(path),
        municipality=municipality or municipality_name(path),
        sha256="",
        pages=0,
        pages_without_text=(),
        warnings=(),
        error=error.reason,
        themes=(),
        error_code=int(error.exit_code),
        error_key=error.msg.key,
        error_params=error.msg.params,
    )


def check(
    paths: Sequence[str | Path],
    *,
    lexicon: Lexicon | None = None,
    options: Options | None = None,
    themes: str | None = None,
    municipality: str | None = None,
) -> Report:
    """Check several files in this process; a file that fails is a row with its error."""
    options = (options or Options()).validate()
    lexicon = lexicon or load_lexicon(None)
    theme_ids = select_themes(lexicon, themes)
    documents = [
        check_or_row(
            path, lexicon=lexicon, options=options, theme_ids=theme_ids, municipality=municipality
        )
        for path in paths
    ]
    return Report(
        tool_version=__version__,
        lexicon=lexicon.info,
        documents=tuple(documents),
        selected_themes=theme_ids,
        readiness_lexicon=readiness_info(options),
    )


def readiness_info(options: Options) -> LexiconInfo | None:
    """What a report records of the readiness lexicon, when the lens was asked for."""
    return load_lexicon(READINESS_LEXICON).info if options.report.readiness else None


def explain(
    path: str | Path,
    theme: str,
    *,
    lexicon: Lexicon | None = None,
    options: Options | None = None,
) -> Explanation:
    """Every hit of one theme (given by any of its names) in one file, in page order
    (raises on unreadable input)."""
    from .analyse.matching import get_matcher

    options = (options or Options()).validate()
    lexicon = lexicon or load_lexicon(None)
    theme_id = resolve_theme(lexicon, theme)  # before any reading: a helpful message
    document = read_document(path, options.read)
    hits = get_matcher(lexicon, options.match).match_document(document)
    return Explanation(
        file=str(path),
        theme_id=theme_id,
        hits=tuple(
            sorted(
                (hit for hit in hits if hit.theme_id == theme_id),
                key=lambda hit: (hit.page, hit.start),
            )
        ),
        location_unit=document.location_unit,
    )


def read_document(path: str | Path, read: ReadOptions) -> Document:
    """The normalised text of one file, read as ``read`` says."""
    return extract(
        path, engine=read.engine, password=read.password, use_cache=read.use_cache, ocr=read.ocr
    )
