"""The batch overview as one self-contained HTML file: to mail, print and act on.

Layout (``templates/batch.html.j2``, on the shared base template):

* the header: title (counted in municipalities), the run date, tool and lexicon (name,
  version, content hash, "aangepast" for an edited copy);
* the matrix: one row per municipality (``Report.groups``: the primary document), its
  file name, version and status under the name and "+1 document" when the folder holds
  more of that municipality. One narrow column per theme headed by its short code
  (``GEO``, ``LEV``; the legend under the matrix and an ``<abbr>`` title give the label);
  a cell is the status symbol on the status colour (✔ ~ ✘ stay readable in black and
  white) and links to ``#ev-<row>-<theme>``, that municipality's evidence further down.
  A missing cell carries the theme's recall caveat, as ``check`` gives it ("niet gevonden
  (gezocht op 23 termen …; herkenning ≈ 0,69)"), as its tooltip and a footnote number
  that points to the per-theme recall under the matrix. A file that could not be read is
  a row that says so in Dutch, with the reason as the reader gave it. The header row and
  the first column are sticky on screen;
* with the readiness lens, the second matrix "Huiswerk klaar": one row per municipality
  (the same primary document), a cell per signal, ✔ found on green or ✘ not found on
  red, its tooltip the strongest sentence or the advice (``table.readiness``);
* duplicates ("Mogelijk dezelfde visie"), then, on screen only, how many municipalities
  name each theme, "Voorbeelden uit de regio" (per theme the policy-choice sentences of
  the municipalities that address it, ``Report.examples``) and a section per
  municipality with the evidence per theme and its other documents.

Printed, the overview is the matrix page alone: A4 landscape, colours kept, nothing
sticky, with the legend, the recall footnote and a line saying that the evidence and the
examples are in the file on screen and in the xlsx. A drill-down of 14 municipalities
runs to dozens of pages, which nobody prints to see one red cell; the one page is what
goes on the table in a regional meeting.

Reports built without ``groups`` (by other code) get one row per document. Inline CSS
only: no script, no external resource. All text is escaped by jinja2's autoescaping; the
``<mark>`` around terms is built from escaped pieces (``html.mark_terms``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from markupsafe import Markup

from ..models import DocumentReport, MunicipalityGroup, RegionalExample, Report, Status
from ._batch import (
    ThemeColumn,
    counts_cell,
    duplicate_lines,
    theme_columns,
    word,
)
from ._page import run_line, template
from ._readiness import (
    SignalColumn,
    advice_line,
    found_count_cell,
    found_label,
    shows_readiness,
    signal_columns,
    signal_total,
)
from ._text import (
    absence_line,
    hit_location,
    hit_stance,
    in_sentence,
    missing_themes,
    missing_words,
    status_counts,
    verdict_label,
)
from .html import mark_terms
from .i18n import (
    STATUS_SYMBOLS,
    decimal,
    join_words,
    plural,
    stance_word,
    status_label,
    status_word,
    t,
)
from .style import BASE_CSS

# Superscript digits for the footnote markers: plain text, so they survive copying the
# matrix into a mail or a spreadsheet.
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class _Cell:
    status: str
    symbol: str
    target: str
    title: str
    footnote: str  # superscript number of the theme's recall note, "" unless missing


@dataclass(frozen=True)
class _Evidence:
    place: str
    stance: str
    text: Markup


@dataclass(frozen=True)
class _ThemeEvidence:
    id: str
    target: str
    code: str
    label: str
    status: str
    verdict: str
    hits: tuple[_Evidence, ...]
    absence: str  # the recall caveat of a missing theme
    has_examples: bool


@dataclass(frozen=True)
class _Other:
    file: str
    details: str  # version, status, date
    summary: str  # "3 uitgewerkt, 4 genoemd, 4 ontbreekt" or the Dutch error line


@dataclass(frozen=True)
class _Row:
    key: str
    municipality: str
    file: str
    details: str
    version_status: str  # "versie 2 · vastgesteld", "" when the manifest says neither
    more: str  # "+1 document", "" when the municipality has one document
    error: str | None
    cells: tuple[_Cell, ...]
    counts: str
    summary: str
    themes: tuple[_ThemeEvidence, ...]
    others: tuple[_Other, ...]


@dataclass(frozen=True)
class _Footnote:
    number: str
    code: str
    label: str
    recall: str


@dataclass(frozen=True)
class _Example:
    municipality: str
    file: str
    place: str
    stance: str
    text: str


@dataclass(frozen=True)
class _ExampleTheme:
    id: str
    code: str
    label: str
    examples: tuple[_Example, ...]


def base_name(file: str) -> str:
    """The file's name without its folder (the folder is the same for the whole batch).

    The platform's own rule: a backslash separates folders only on Windows; elsewhere it
    is part of an escaped name (``beek\\x1bdal.pdf``)."""
    return os.path.basename(file)


def _groups(report: Report) -> list[MunicipalityGroup]:
    if report.groups:
        return list(report.groups)
    # a report made by other code, without the api's grouping: one row per document
    return [
        MunicipalityGroup(document.municipality, document.file) for document in report.documents
    ]


def _sorted_groups(report: Report, sort: str) -> list[tuple[MunicipalityGroup, DocumentReport]]:
    """Rows by municipality name, or most missing themes first; unread rows last."""
    rows = [(group, report.document(group.primary)) for group in _groups(report)]
    if sort == "missing":
        return sorted(
            rows,
            key=lambda row: (
                row[1].failed,
                -len(missing_themes(row[1])),
                row[0].municipality.casefold(),
            ),
        )
    return sorted(rows, key=lambda row: (row[0].municipality.casefold(), row[1].file))


def _version_status(document: DocumentReport, lang: str) -> list[str]:
    """``["versie 2", "vastgesteld"]``, as far as the manifest gives them."""
    parts = []
    if document.version:
        parts.append(t("overview.version", lang, version=document.version))
    if document.status:
        parts.append(document.status)
    return parts


def _details(document: DocumentReport, lang: str) -> str:
    """``beekdal.pdf · versie 2 · vastgesteld``: what tells this document from others."""
    return " · ".join([base_name(document.file), *_version_status(document, lang)])


def _summary(document: DocumentReport, lang: str) -> str:
    if document.failed:
        return t("overview.unreadable", lang, error=document.error)
    counts = status_counts(document)
    return t(
        "summary",
        lang,
        addressed=counts[Status.ADDRESSED],
        mentioned=counts[Status.MENTIONED],
        missing=counts[Status.MISSING],
    )


def _footnotes(
    columns: list[ThemeColumn], rows: list[tuple[MunicipalityGroup, DocumentReport]], lang: str
) -> dict[str, _Footnote]:
    """One numbered note per theme that is missing somewhere: its measured recall."""
    notes: dict[str, _Footnote] = {}
    for column in columns:
        coverages = [
            document.coverage(column.id)
            for _group, document in rows
            if not document.failed and column.id in _theme_ids(document)
        ]
        missing = [c for c in coverages if c.status is Status.MISSING]
        if not missing:
            continue
        recall = next(
            (c.searched.recall for c in missing if c.searched and c.searched.recall is not None),
            None,
        )
        notes[column.id] = _Footnote(
            number=str(len(notes) + 1).translate(_SUPERSCRIPT),
            code=column.code,
            label=in_sentence(column.label),
            recall=decimal(recall, lang)
            if recall is not None
            else t("overview.recall_unknown", lang),
        )
    return notes


def _theme_ids(document: DocumentReport) -> set[str]:
    return {coverage.theme_id for coverage in document.themes}


def _row(
    key: str,
    group: MunicipalityGroup,
    document: DocumentReport,
    report: Report,
    columns: list[ThemeColumn],
    footnotes: dict[str, _Footnote],
    example_themes: set[str],
    lang: str,
) -> _Row:
    cells, themes = [], []
    for column in columns:
        if document.failed or column.id not in _theme_ids(document):
            continue
        coverage = document.coverage(column.id)
        target = f"ev-{key}-{column.id}"
        absence = ""
        if coverage.status is Status.MISSING:
            absence = absence_line(coverage, document, lang) or status_label(coverage.status, lang)
        note = footnotes.get(column.id)
        cells.append(
            _Cell(
                status=coverage.status.value,
                symbol=STATUS_SYMBOLS[coverage.status],
                target=target,
                title=absence or f"{column.label}: {verdict_label(coverage, lang)}",
                footnote=note.number if note and coverage.status is Status.MISSING else "",
            )
        )
        themes.append(
            _ThemeEvidence(
                id=column.id,
                target=target,
                code=column.code,
                label=column.label,
                status=coverage.status.value,
                verdict=verdict_label(coverage, lang),
                hits=tuple(
                    _Evidence(
                        place=hit_location(hit, document, lang),
                        stance=hit_stance(hit, lang),
                        text=mark_terms(hit),
                    )
                    for hit in coverage.evidence
                ),
                absence=absence or "",
                has_examples=column.id in example_themes,
            )
        )
    others = []
    for file in group.others:
        other = report.document(file)
        others.append(
            _Other(
                file=other.file,
                details=_details(other, lang),
                summary=_summary(other, lang),
            )
        )
    return _Row(
        key=key,
        municipality=group.municipality,
        file=document.file,
        details=_details(document, lang),
        version_status=" · ".join(_version_status(document, lang)),
        more=plural("overview.more", len(group.others), lang) if group.others else "",
        error=t("overview.unreadable", lang, error=document.error) if document.failed else None,
        cells=tuple(cells),
        counts="" if document.failed else counts_cell(document),
        summary=_summary(document, lang),
        themes=tuple(themes),
        others=tuple(others),
    )


def _example(example: RegionalExample, lang: str) -> _Example:
    key = "section_short" if example.location_unit == "section" else "page_short"
    return _Example(
        municipality=example.municipality,
        file=base_name(example.file),
        place=t(key, lang, page=example.page),
        stance=stance_word(example.stance, lang) if example.stance is not None else "",
        text=example.snippet,
    )


def _examples(report: Report, columns: list[ThemeColumn], lang: str) -> list[_ExampleTheme]:
    return [
        _ExampleTheme(
            id=column.id,
            code=column.code,
            label=column.label,
            examples=tuple(
                _example(example, lang)
                for example in report.examples
                if example.theme_id == column.id
            ),
        )
        for column in columns
    ]


def _mentioned_line(
    column: ThemeColumn, rows: list[tuple[MunicipalityGroup, DocumentReport]], lang: str
) -> str:
    """``7 van 14 gemeenten noemen geothermie``, counted over the municipalities' rows."""
    read = [document for _group, document in rows if not document.failed]
    count = sum(
        1
        for document in read
        if column.id in _theme_ids(document)
        and document.coverage(column.id).status is not Status.MISSING
    )
    return word(
        "mentioned_by_one" if count == 1 else "mentioned_by",
        lang,
        n=count,
        total=len(read),
        theme=in_sentence(column.label),
    )


@dataclass(frozen=True)
class _SignalCell:
    found: bool
    symbol: str  # ✔ or ✘
    title: str  # the strongest sentence, or the advice: a tooltip


@dataclass(frozen=True)
class _ReadinessRow:
    municipality: str
    error: str | None
    cells: tuple[_SignalCell, ...]
    counts: str


def _readiness_rows(
    rows: list[tuple[MunicipalityGroup, DocumentReport]],
    columns: list[SignalColumn],
    lang: str,
) -> list[_ReadinessRow]:
    """The second matrix "Huiswerk klaar": one row per municipality (its primary
    document, as in the theme matrix), a cell per signal."""
    views = []
    for group, document in rows:
        signals = {signal.signal_id: signal for signal in document.readiness}
        cells = []
        for column in columns:
            signal = signals.get(column.id)
            if signal is None:
                continue
            hit = signal.evidence[0] if signal.evidence else None
            title = hit.snippet if hit is not None else advice_line(signal, lang)
            cells.append(_SignalCell(signal.found, found_label(signal.found, lang)[0], title))
        views.append(
            _ReadinessRow(
                municipality=group.municipality,
                error=t("error_line", lang, error=document.error) if document.failed else None,
                cells=tuple(cells),
                counts=found_count_cell(document),
            )
        )
    return views


def render_batch_html(report: Report, lang: str = "nl", *, sort: str = "name") -> str:
    columns = theme_columns(report, lang)
    rows = _sorted_groups(report, sort)
    footnotes = _footnotes(columns, rows, lang)
    example_themes = {example.theme_id for example in report.examples}
    views = [
        _row(str(number), group, document, report, columns, footnotes, example_themes, lang)
        for number, (group, document) in enumerate(rows, start=1)
    ]
    read = [document for _group, document in rows if not document.failed]
    totals = [
        sum(
            1
            for document in read
            if column.id in _theme_ids(document)
            and document.coverage(column.id).status is not Status.MISSING
        )
        for column in columns
    ]
    examples = _examples(report, columns, lang)
    municipalities = plural("overview.municipalities", len(rows), lang)
    lens = shows_readiness(report)
    signals = signal_columns(report, lang) if lens else []
    return template("batch.html.j2").render(
        base_css=BASE_CSS,
        lang=lang,
        tool_version=report.tool_version,
        body_class="overview",
        title=t("overview.title", lang, n=len(rows)),
        run_info=run_line(report, lang),
        documents_line=t(
            "overview.documents",
            lang,
            documents=plural("documents_count", len(report.documents), lang),
            municipalities=municipalities,
        )
        if len(report.documents) != len(rows)
        else "",
        columns=columns,
        rows=views,
        counts_header=word("counts", lang),
        total_label=t("overview.total", lang, n=plural("overview.municipalities", len(read), lang)),
        totals=totals,
        read_count=len(read),
        legend_statuses=[
            (status.value, STATUS_SYMBOLS[status], status_word(status, lang))
            for status in (Status.ADDRESSED, Status.MENTIONED, Status.MISSING)
        ],
        footnotes=list(footnotes.values()),
        duplicates=duplicate_lines(report, lang),
        mentioned=[_mentioned_line(column, rows, lang) for column in columns],
        missing=[
            (group.municipality, missing_words(document, lang))
            for group, document in rows
            if not document.failed and missing_themes(document)
        ],
        missing_heading=word("missing_per", lang),
        examples=[theme for theme in examples if theme.examples],
        without_examples=join_words(
            [in_sentence(theme.label) for theme in examples if not theme.examples], lang
        )
        if report.examples
        else "",
        none_found=word("none_found", lang),
        readiness=lens,
        signal_columns=signals,
        readiness_rows=_readiness_rows(rows, signals, lang) if lens else [],
        readiness_totals=[signal_total([d for _g, d in rows], c.id) for c in signals],
        found_labels=[found_label(True, lang), found_label(False, lang)],
        t=lambda key, **kwargs: t(key, lang, **kwargs),
    )


__all__ = ["base_name", "render_batch_html"]
