"""What every batch overview shares: theme codes, row order, totals, duplicates, words.

A batch may hold several documents of one municipality (a draft and the adopted visie, an
older version). The overviews show one row per municipality (``Report.groups``: its
``primary`` document) and its other documents as sub-rows under it; totals count
municipalities by their primary document, never documents.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..models import DocumentReport, DuplicatePair, MunicipalityGroup, Report, Status
from ..theme_names import theme_codes
from ._text import in_sentence, missing_themes, short_label
from .i18n import STATUS_SYMBOLS, lexicon_text, t

SORTS = ("name", "missing")
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
        "files": "Bestanden",
        "lexicon": "lexicon",
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
        "files": "Files",
        "lexicon": "lexicon",
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
    """The themes of the report in lexicon order, each with a unique short code (the
    codes ``--themes`` accepts too: ``theme_names.theme_codes``)."""
    source = next((document for document in report.documents if not document.failed), None)
    if source is None:
        codes = theme_codes(report.selected_themes)
        return [ThemeColumn(id, codes[id], id) for id in report.selected_themes]
    codes = theme_codes([coverage.theme_id for coverage in source.themes])
    columns = []
    for coverage in source.themes:
        label = coverage.label_en if lang == "en" and coverage.label_en else coverage.label
        columns.append(ThemeColumn(coverage.theme_id, codes[coverage.theme_id], short_label(label)))
    return columns


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


def document_label(document: DocumentReport) -> str:
    """What the batch input says of a document: ``ontwerp 0.9`` (status and version, as
    the manifest writes them; the status left out when the version already says it),
    or ``""``."""
    version = document.version or ""
    status = document.status or ""
    if status and status.casefold() not in version.casefold():
        return f"{status} {version}".strip()
    return version


def row_label(document: DocumentReport) -> str:
    """``Enschede``, or ``Enschede (vastgesteld 2.0)`` when the input says more."""
    label = document_label(document)
    return f"{document.municipality} ({label})" if label else document.municipality


def base_name(file: str) -> str:
    """``twente/visie-2024.pdf`` → ``visie-2024.pdf`` (either kind of slash)."""
    return file.replace("\\", "/").rsplit("/", 1)[-1]


SUB_ROW_MARK = "↳"


def sub_row_label(document: DocumentReport) -> str:
    """The row of a municipality's other document: ``↳ ontwerp 0.9 (visie-ontwerp.pdf)``."""
    label = document_label(document)
    name = base_name(document.file)
    return f"{SUB_ROW_MARK} {label} ({name})" if label else f"{SUB_ROW_MARK} {name}"


def municipality_groups(report: Report) -> tuple[MunicipalityGroup, ...]:
    """``report.groups``; a report made without them (by other code) is taken as one
    group per document, so every overview still has a row for each document."""
    if report.groups:
        return report.groups
    return tuple(MunicipalityGroup(d.municipality, d.file) for d in report.documents)


@dataclass(frozen=True)
class OverviewRow:
    """A line of the matrix: a municipality's primary document, or (``sub``) another."""

    document: DocumentReport
    group: MunicipalityGroup
    sub: bool = False

    @property
    def label(self) -> str:
        return sub_row_label(self.document) if self.sub else row_label(self.document)


def primary_documents(report: Report) -> list[DocumentReport]:
    """The document each municipality's row shows, in group order."""
    return [report.document(group.primary) for group in municipality_groups(report)]


def overview_rows(report: Report, sort: str = "name") -> list[OverviewRow]:
    """One row per municipality, sorted as ``sort_documents`` sorts documents (by name,
    or most missing themes first; unreadable last), each followed by a sub-row per other
    document of the municipality, in the group's order of preference."""
    primaries = sort_documents(replace(report, documents=tuple(primary_documents(report))), sort)
    rows: list[OverviewRow] = []
    for document in primaries:
        group = report.group_of(document.file) or MunicipalityGroup(
            document.municipality, document.file
        )
        rows.append(OverviewRow(document, group))
        rows += [OverviewRow(report.document(file), group, sub=True) for file in group.others]
    return rows


def file_lines(report: Report, lang: str, sort: str = "name") -> list[str]:
    """Per municipality the files behind its row: ``Enschede: visie-2024.pdf
    (vastgesteld 2.0); ↳ visie-ontwerp.pdf (ontwerp 0.9)``."""

    def named(document: DocumentReport) -> str:
        label = document_label(document)
        name = base_name(document.file)
        return f"{name} ({label})" if label else name

    lines = []
    for row in overview_rows(report, sort):
        if row.sub:
            lines[-1] += f"; {SUB_ROW_MARK} {named(row.document)}"
        else:
            lines.append(f"{row.document.municipality}: {named(row.document)}")
    return lines


def lexicon_line(report: Report, lang: str) -> str:
    """``lexicon ondergrond-nl 1.5.0 · 3549f943b4fc (aangepast)``: which terms were used."""
    return f"{word('lexicon', lang)} {lexicon_text(report.lexicon, lang)}"


def run_line(report: Report, lang: str) -> str:
    """The footer of an overview: tool, lexicon and when the run was made."""
    parts = [f"visiecheck {report.tool_version}", lexicon_line(report, lang)]
    if report.created:
        parts.append(report.created[:16].replace("T", " "))  # to the minute, local time
    return " · ".join(parts)


def status_of(document: DocumentReport, theme_id: str) -> Status | None:
    for coverage in document.themes:
        if coverage.theme_id == theme_id:
            return coverage.status
    return None


def symbol(status: Status | None) -> str:
    return STATUS_SYMBOLS[status] if status is not None else "·"


def theme_total(report: Report, theme_id: str) -> int:
    """How many municipalities address or mention the theme in their primary document."""
    return sum(
        1
        for document in primary_documents(report)
        if status_of(document, theme_id) in (Status.ADDRESSED, Status.MENTIONED)
    )


def read_count(report: Report) -> int:
    """How many municipalities have a document that could be read."""
    return sum(1 for document in primary_documents(report) if not document.failed)


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


def duplicate_names(report: Report, pair: DuplicatePair) -> tuple[str, str]:
    """The two names of a duplicate pair: the row labels, and when both documents are of
    one municipality also the files (``Hof van Twente (visie-2022.pdf)``), else the
    line would read "Hof van Twente en Hof van Twente"."""
    first, second = _document_of(report, pair.a), _document_of(report, pair.b)
    if (
        first is None
        or second is None
        or first.municipality.casefold() != second.municipality.casefold()
    ):
        return document_name(report, pair.a), document_name(report, pair.b)
    names = [base_name(first.file), base_name(second.file)]
    if names[0] == names[1]:  # one name in two folders: the paths tell them apart
        names = [first.file, second.file]
    labelled = [
        f"{document.municipality} ({', '.join(filter(None, [document_label(document), name]))})"
        for document, name in zip((first, second), names, strict=True)
    ]
    return labelled[0], labelled[1]


def _document_of(report: Report, key: str) -> DocumentReport | None:
    for document in report.documents:
        if key in (document.file, base_name(document.file)):
            return document
    return None


def duplicate_line(report: Report, pair: DuplicatePair, lang: str) -> str:
    """``Mogelijk dezelfde visie: Dinkelland en Tubbergen delen 83% van hun tekst``
    (the containment: the share of the smaller text that the other one also holds)."""
    first, second = duplicate_names(report, pair)
    return t("duplicates.line", lang, a=first, b=second, percent=percent(pair.containment))


def duplicate_lines(report: Report, lang: str) -> list[str]:
    """One ``duplicate_line`` per pair, in the report's order (most similar first)."""
    return [duplicate_line(report, pair, lang) for pair in report.duplicates]
