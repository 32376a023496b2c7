"""The core verbs behind ``visiecheck check`` and ``visiecheck explain``.

``check`` reads each file, matches the lexicon and assesses coverage per theme. A file
that cannot be read becomes a report row with its error; the other files go on. The
exit code of a whole run is derived from the collected results (``exit_code_for``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .analyse.coverage import assess
from .analyse.duplicates import fingerprint
from .errors import ExitCode, UsageError, VisiecheckError
from .extract import extract
from .lexicon import load_lexicon
from .models import DocumentReport, Hit, Lexicon, LexiconInfo, Report, Status
from .names import municipality_name
from .options import MatchSettings

# Words in file names that are not part of a municipality's name.
_NAME_NOISE = re.compile(
    r"\b(?:omgevingsvisie|omgevings|visie|ontwerp|concept|definitief|vastgesteld|versie|"
    r"gemeente|gem|final|def|draft|v\d+(?:\.\d+)*|\d{4}(?:-\d{2}(?:-\d{2})?)?|\d+)\b",
    re.IGNORECASE,
)
_LOWERCASE_PARTICLES = {"aan", "van", "de", "den", "der", "en", "op", "in", "het", "bij"}


def municipality_from_filename(path: str | Path) -> str:
    """``Omgevingsvisie_Hof-van-Twente_2040_ontwerp.pdf`` → ``Hof van Twente``.

    File-name noise (omgevingsvisie, ontwerp, concept, years, versions) is dropped and
    dashes/underscores become spaces; Dutch particles stay lowercase inside a name.
    Falls back to the file's stem when nothing is left.
    """
    stem = Path(path).stem
    text = re.sub(r"[_\-.]+", " ", stem)
    text = _NAME_NOISE.sub(" ", text)
    words = text.split()
    if not words:
        return stem
    named = []
    for index, word in enumerate(words):
        lowered = word.lower()
        if index > 0 and lowered in _LOWERCASE_PARTICLES:
            named.append(lowered)
        else:
            named.append(word[:1].upper() + word[1:].lower() if word.islower() else word)
    return " ".join(named)


def select_themes(lexicon: Lexicon, spec: str | None) -> tuple[str, ...]:
    """``all`` (default), ``core``, or a comma-separated list of theme ids."""
    if spec is None or spec.strip().lower() == "all":
        return tuple(lexicon.theme_ids)
    if spec.strip().lower() == "core":
        core = tuple(theme.id for theme in lexicon.themes if theme.core)
        if not core:
            raise UsageError(f"--themes core: lexicon {lexicon.name} marks no core themes")
        return core
    wanted = [part.strip() for part in spec.split(",") if part.strip()]
    unknown = [theme_id for theme_id in wanted if theme_id not in lexicon.theme_ids]
    if unknown or not wanted:
        raise UsageError(
            f"--themes: unknown theme {', '.join(unknown) or repr(spec)}; "
            f"choose core, all or ids from: {', '.join(lexicon.theme_ids)}"
        )
    # keep lexicon order whatever order the user typed
    return tuple(theme_id for theme_id in lexicon.theme_ids if theme_id in wanted)


def lexicon_info(lexicon: Lexicon) -> LexiconInfo:
    return LexiconInfo(name=lexicon.name, version=lexicon.version, themes=len(lexicon.themes))


def check_document(
    path: str | Path,
    *,
    lexicon: Lexicon,
    settings: MatchSettings,
    theme_ids: Sequence[str] | None = None,
    municipality: str | None = None,
) -> DocumentReport:
    """Check one file. Raises ``VisiecheckError`` when it cannot be read."""
    from .analyse.matching import get_matcher  # lazily: a fully cached batch never loads spaCy

    document = extract(
        path,
        engine=settings.engine,
        password=settings.password,
        use_cache=settings.use_cache,
        ocr=settings.ocr,
    )
    matcher = get_matcher(lexicon, settings)
    hits = matcher.match_document(document)
    text_print = fingerprint("\n\n".join(page.text for page in document.pages))
    return DocumentReport(
        file=str(path),
        municipality=municipality or municipality_name(path),
        sha256=document.sha256,
        pages=document.page_count,
        pages_without_text=tuple(document.pages_without_text),
        warnings=document.warnings,
        error=None,
        themes=assess(
            hits,
            lexicon,
            settings,
            theme_ids,
            variants=matcher.variants_per_theme,
            unreadable_pages=len(document.pages_without_text),
        ),
        fingerprint=tuple(sorted(text_print.sample)),
        shingles=text_print.shingles,
        location_unit=document.location_unit,
    )


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
    )


def check(
    paths: Sequence[str | Path],
    *,
    lexicon: Lexicon | None = None,
    settings: MatchSettings | None = None,
    themes: str | None = None,
    municipality: str | None = None,
) -> Report:
    """Check several files; a file that fails is a row with its error, not a crash."""
    settings = (settings or MatchSettings()).validate()
    lexicon = lexicon or load_lexicon(None)
    theme_ids = select_themes(lexicon, themes)
    documents = []
    for path in paths:
        try:
            documents.append(
                check_document(
                    path,
                    lexicon=lexicon,
                    settings=settings,
                    theme_ids=theme_ids,
                    municipality=municipality,
                )
            )
        except VisiecheckError as error:
            documents.append(failed_document(path, error, municipality))
    return Report(
        tool_version=__version__,
        lexicon=lexicon_info(lexicon),
        documents=tuple(documents),
        selected_themes=theme_ids,
    )


def explain(
    path: str | Path,
    theme_id: str,
    *,
    lexicon: Lexicon | None = None,
    settings: MatchSettings | None = None,
) -> list[Hit]:
    """Every hit of one theme in one file, in page order (raises on unreadable input)."""
    from .analyse.matching import get_matcher

    settings = (settings or MatchSettings()).validate()
    lexicon = lexicon or load_lexicon(None)
    select_themes(lexicon, theme_id)  # validates the id with a helpful message
    document = extract(
        path,
        engine=settings.engine,
        password=settings.password,
        use_cache=settings.use_cache,
        ocr=settings.ocr,
    )
    hits = get_matcher(lexicon, settings).match_document(document)
    return sorted(
        (hit for hit in hits if hit.theme_id == theme_id), key=lambda hit: (hit.page, hit.start)
    )


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
