"""What every batch overview shares: theme codes, row order, totals, duplicates, words."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import DocumentReport, DuplicatePair, Report, Status
from ._text import in_sentence, missing_themes, short_label
from .i18n import STATUS_SYMBOLS, t

SORTS = ("name", "missing")
# Short column headers for the themes of the default lexicon; other themes get the first
# letters of their id. Three letters keep 11 themes within 100 columns.
THEME_CODES = {
    "geothermie": "GEO",
    "bodemenergie": "BEN",
    "ondergrondse_opslag": "OPS",
    "grondwater": "GRW",
    "drinkwater": "DRW",
    "mijnbouw": "MIJ",
    "bodemdaling": "DAL",
    "bodemkwaliteit": "KWA",
    "ondergronds_ruimtegebruik": "RUI",
    "bodemarchief": "ARC",
    "bodem_landbouw_natuur": "LEV",
}

_WORDS = {
    "nl": {
        "mentioned_by": "{n} van {total} gemeenten noemen {theme}",
        "mentioned_by_one": "{n} van {total} gemeenten noemt {theme}",
        "legend": "Legenda",
        "missing_per": "Ontbreekt per gemeente",
        "errors": "Niet gelezen",
        "total": "Totaal",
        "counts": "✔/~/✘",
        "matrix_sheet": "Overzicht",
        "evidence_sheet": "Bewijs",
        "page": "pagina",
        "term": "term",
        "match": "match",
        "sentence": "zin",
        "batch_title": "visiecheck: bodem en ondergrond in {n} omgevingsvisies",
        "evidence_of": "Bewijs voor {theme} in {municipality}",
        "none_found": "Niets gevonden.",
        "failed_files": "{n} van {total} bestanden niet gelezen: {files}",
        "version": "versie",
    },
    "en": {
        "mentioned_by": "{n} of {total} municipalities mention {theme}",
        "mentioned_by_one": "{n} of {total} municipalities mentions {theme}",
        "legend": "Legend",
        "missing_per": "Missing per municipality",
        "errors": "Not read",
        "total": "Total",
        "counts": "✔/~/✘",
        "matrix_sheet": "Overview",
        "evidence_sheet": "Evidence",
        "page": "page",
        "term": "term",
        "match": "match",
        "sentence": "sentence",
        "batch_title": "visiecheck: soil and subsurface in {n} spatial visions",
        "evidence_of": "Evidence for {theme} in {municipality}",
        "none_found": "Nothing found.",
        "failed_files": "{n} of {total} files not read: {files}",
        "version": "version",
    },
}


def word(key: str, lang: str, **kwargs: object) -> str:
    template = _WORDS[lang][key]
    return template.format(**kwargs) if kwargs else template


@dataclass(frozen=True)
class ThemeColumn:
    id: str
    code: str
    label: str  # short label in the report language


def theme_columns(report: Report, lang: str) -> list[ThemeColumn]:
    """The themes of the report in lexicon order, each with a unique short code."""
    source = next((document for document in report.documents if not document.failed), None)
    if source is None:
        return [ThemeColumn(id, _code(id, set()), id) for id in report.selected_themes]
    used: set[str] = set()
    columns = []
    for coverage in source.themes:
        code = _code(coverage.theme_id, used)
        used.add(code)
        label = coverage.label_en if lang == "en" and coverage.label_en else coverage.label
        columns.append(ThemeColumn(coverage.theme_id, code, short_label(label)))
    return columns


def _code(theme_id: str, used: set[str]) -> str:
    code = THEME_CODES.get(theme_id) or theme_id.replace("_", "")[:3].upper()
    candidate, number = code, 2
    while candidate in used:
        candidate, number = f"{code[:2]}{number}", number + 1
    return candidate


def sort_documents(report: Report, sort: str = "name") -> list[DocumentReport]:
    """Rows of the overview: by name, or most missing themes first; unread files last."""
    if sort not in SORTS:
        from ..errors import UsageError
        from ..messages import Msg

        raise UsageError(Msg("usage.sort", value=sort))
    documents = list(report.documents)
    if sort == "missing":
        return sorted(
            documents,
            key=lambda d: (d.failed, -len(missing_themes(d)), d.municipality.casefold(), d.file),
        )
    return sorted(documents, key=lambda d: (d.municipality.casefold(), d.file))


def row_label(document: DocumentReport) -> str:
    version = getattr(document, "version", None)
    return f"{document.municipality} ({version})" if version else document.municipality


def status_of(document: DocumentReport, theme_id: str) -> Status | None:
    for coverage in document.themes:
        if coverage.theme_id == theme_id:
            return coverage.status
    return None


def symbol(status: Status | None) -> str:
    return STATUS_SYMBOLS[status] if status is not None else "·"


def theme_total(report: Report, theme_id: str) -> int:
    """How many read documents address or mention the theme."""
    return sum(
        1
        for document in report.documents
        if status_of(document, theme_id) in (Status.ADDRESSED, Status.MENTIONED)
    )


def read_count(report: Report) -> int:
    return sum(1 for document in report.documents if not document.failed)


def mentioned_line(report: Report, column: ThemeColumn, lang: str) -> str:
    """``7 van 14 gemeenten noemen geothermie`` (addressed or mentioned)."""
    count = theme_total(report, column.id)
    return word(
        "mentioned_by_one" if count == 1 else "mentioned_by",  # "1 van 3 gemeenten noemt"
        lang,
        n=count,
        total=read_count(report),
        theme=in_sentence(column.label),
    )


def counts_cell(document: DocumentReport) -> str:
    counts = dict.fromkeys(Status, 0)
    for coverage in document.themes:
        counts[coverage.status] += 1
    return f"{counts[Status.ADDRESSED]}/{counts[Status.MENTIONED]}/{counts[Status.MISSING]}"


def failed_summary(report: Report, lang: str) -> str | None:
    failed = [document for document in report.documents if document.failed]
    if not failed:
        return None
    files = ", ".join(f"{d.file} ({d.error})" for d in failed)
    return word("failed_files", lang, n=len(failed), total=len(report.documents), files=files)


def error_text(document: DocumentReport, lang: str) -> str:
    return t("error_line", lang, error=document.error)


def document_name(report: Report, key: str) -> str:
    """The row label of the document a duplicate pair names by ``key`` (its file, as the
    batch gives it, or just the file name); the key itself when no document matches."""
    for document in report.documents:
        if key in (document.file, document.file.replace("\\", "/").rsplit("/", 1)[-1]):
            return row_label(document) or document.file
    return key


def percent(fraction: float) -> int:
    """``0.834`` → ``83``."""
    return round(fraction * 100)


def duplicate_line(report: Report, pair: DuplicatePair, lang: str) -> str:
    """``Mogelijk dezelfde visie: Dinkelland en Tubbergen delen 83% van hun tekst``
    (the containment: the share of the smaller text that the other one also holds)."""
    return t(
        "duplicates.line",
        lang,
        a=document_name(report, pair.a),
        b=document_name(report, pair.b),
        percent=percent(pair.containment),
    )


def duplicate_lines(report: Report, lang: str) -> list[str]:
    """One ``duplicate_line`` per pair, in the report's order (most similar first)."""
    return [duplicate_line(report, pair, lang) for pair in report.duplicates]
