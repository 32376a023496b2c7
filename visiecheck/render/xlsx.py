"""The batch overview as an Excel workbook (openpyxl), for regional coordinators.

Sheet one (*Overzicht* / *Overview*): municipalities × themes, each cell the status word on
a green / yellow / red fill, the totals row and per municipality the counts. Sheet two
(*Bewijs* / *Evidence*): one row per evidence sentence (municipality, theme, status,
page, term, match kind, sentence, then the sentence's stance, its section path and what
the number counts: pagina or sectie), so a coordinator can filter to one theme. Both
sheets have a frozen header, an autofilter and column widths that fit their content.
When documents share most of their text, a small third sheet (*Dubbel* /
*Duplicates*) lists each pair with the share of text they have in common. PDF text
is written as text (``safe_cell``), never as a formula. Every string cell passes
``_text``: a character that openpyxl refuses or that XML forbids (a control character, a
noncharacter, a lone surrogate) is written as a visible escape, so one document's broken
text can never cost the whole workbook.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..models import Report, Status
from ..safetext import visible
from ._batch import (
    counts_cell,
    duplicate_names,
    error_text,
    row_label,
    sort_documents,
    status_of,
    theme_columns,
    theme_total,
    word,
)
from ._safe import safe
from ._text import hit_stance, unit_word
from .csv_report import safe_cell
from .i18n import status_word, t

FILLS = {
    Status.ADDRESSED: "C6EFCE",  # Excel's own "good" green
    Status.MENTIONED: "FFEB9C",  # "neutral" yellow
    Status.MISSING: "FFC7CE",  # "bad" red
}
ERROR_FILL = "D9D9D9"


def _fill(colour: str) -> PatternFill:
    return PatternFill(start_color=colour, end_color=colour, fill_type="solid")


def _text(value: object) -> object:
    """A cell value the workbook can hold: strings with unsafe characters escaped."""
    return visible(value, newlines=True) if isinstance(value, str) else value


def _append(sheet: Worksheet, values: list[object]) -> None:
    sheet.append([_text(value) for value in values])


def render_xlsx(report: Report, lang: str = "nl", *, sort: str = "name") -> bytes:
    """The workbook as bytes (write them with ``write_atomically``)."""
    report = safe(report, escape_names=False)  # for direct callers; names escaped by render
    columns = theme_columns(report, lang)
    documents = sort_documents(report, sort)
    workbook = Workbook()
    matrix = workbook.active
    matrix.title = word("matrix_sheet", lang)
    bold = Font(bold=True)
    _append(matrix, [t("municipality", lang), *[c.label for c in columns], word("counts", lang)])
    for cell in matrix[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for document in documents:
        if document.failed:
            _append(matrix, [safe_cell(row_label(document)), safe_cell(error_text(document, lang))])
            for cell in matrix[matrix.max_row][1:]:
                cell.fill = _fill(ERROR_FILL)
            continue
        row = [safe_cell(row_label(document))]
        statuses = [status_of(document, c.id) for c in columns]
        row += [status_word(s, lang) if s is not None else "" for s in statuses]
        row.append(counts_cell(document))
        _append(matrix, row)
        for offset, status in enumerate(statuses, start=2):
            if status is not None:
                matrix.cell(row=matrix.max_row, column=offset).fill = _fill(FILLS[status])
    _append(matrix, [word("total", lang), *[theme_total(report, c.id) for c in columns]])
    matrix[matrix.max_row][0].font = bold
    matrix.freeze_panes = "B2"
    matrix.auto_filter.ref = f"A1:{get_column_letter(len(columns) + 2)}{len(documents) + 1}"
    matrix.column_dimensions["A"].width = max([14, *[len(row_label(d)) + 2 for d in documents]])
    for index in range(2, len(columns) + 3):
        matrix.column_dimensions[get_column_letter(index)].width = 14
    matrix.row_dimensions[1].height = 45

    evidence = workbook.create_sheet(word("evidence_sheet", lang))
    _append(
        evidence,
        [
            t("municipality", lang),
            t("col.theme", lang),
            t("col.status", lang),
            word("page", lang),
            word("term", lang),
            word("match", lang),
            word("sentence", lang),
            t("col.stance", lang),
            t("col.section", lang),
            t("csv.unit", lang),
        ],
    )
    for cell in evidence[1]:
        cell.font = bold
    for document in documents:
        for coverage in document.themes:
            label = coverage.label_en if lang == "en" and coverage.label_en else coverage.label
            for hit in coverage.evidence:
                _append(
                    evidence,
                    [
                        safe_cell(row_label(document)),
                        label,
                        status_word(coverage.status, lang),
                        hit.page,
                        safe_cell(hit.term),
                        hit.match,
                        safe_cell(hit.snippet),
                        hit_stance(hit, lang),
                        safe_cell(hit.section),
                        unit_word(document, lang),
                    ],
                )
    evidence.freeze_panes = "A2"
    evidence.auto_filter.ref = f"A1:J{max(evidence.max_row, 1)}"
    widths = (24, 28, 12, 8, 24, 10, 100, 16, 40, 10)
    for letter, width in zip("ABCDEFGHIJ", widths, strict=True):
        evidence.column_dimensions[letter].width = width
    if report.duplicates:
        _duplicates_sheet(workbook, report, lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _duplicates_sheet(workbook: Workbook, report: Report, lang: str) -> None:
    """Pairs of documents that share most of their text: names, shared share, Jaccard."""
    sheet = workbook.create_sheet(t("duplicates.sheet", lang))
    _append(
        sheet,
        [
            t("duplicates.first", lang),
            t("duplicates.second", lang),
            t("duplicates.containment", lang),
            t("duplicates.jaccard", lang),
        ],
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for pair in report.duplicates:
        first, second = duplicate_names(report, pair)  # files named for one municipality
        _append(
            sheet,
            [
                safe_cell(first),
                safe_cell(second),
                pair.containment,
                pair.jaccard,
            ],
        )
        for cell in sheet[sheet.max_row][2:]:
            cell.number_format = "0%"
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCD", (24, 24, 16, 12), strict=True):
        sheet.column_dimensions[letter].width = width
