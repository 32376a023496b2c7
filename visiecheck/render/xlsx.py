"""The batch overview as an Excel workbook (openpyxl), for regional coordinators.

A workbook a coordinator can mail, print and work in. Its sheets (Dutch names; English
with ``lang="en"``):

1. *Overzicht* / *Overview*: one row per municipality (``Report.groups``: the document
   the group picked, an adopted visie before a draft, then the highest version, then the
   newest file), one column per theme with the status word, the counts, the file and
   version the row shows and the municipality's other documents. Every theme cell links
   to its first row on the evidence sheet, every theme header to its first regional
   example. The totals row counts municipalities, not files.
2. *Bewijs* / *Evidence*: every document (also the ones not in the matrix), every theme,
   one row per evidence sentence. A theme without evidence still has one row, so every
   matrix cell has a target: for a missing theme it says what was searched and the
   theme's recall. A document that could not be read has one row with its error. The
   original ten columns keep their place; file and version come after them.
3. *Voorbeelden uit de regio* / *Regional examples*: ``Report.examples``, per theme the
   policy choices (ambition, condition) of municipalities that address it.
4. *Dubbel* / *Duplicates* (only when documents share most of their text).
5. *Huiswerk klaar* / *Readiness* (only with the readiness lens): the second matrix,
   one row per municipality (the same primary document) and a column per signal with
   ``gevonden``/``niet gevonden`` (green/red by conditional formatting), and under it
   one row per document and signal with the strongest sentence or, when not found,
   the advice.
6. *Over dit overzicht* / *About this overview*: when it was made, tool and lexicon
   version with its content hash (and "aangepast" for an edited copy), what "ontbreekt"
   means with the recall per theme, and every file with municipality, version, status,
   date and whether the matrix shows it.

Colours come from conditional formatting on the status word, not from fixed fills, so a
coordinator who corrects a cell to another status sees it recolour (Excel compares case-
insensitively). Every sheet prints on A4 landscape, one page wide, its header row
repeated on each page, the tool and lexicon version and the run's date in the page header
and the sheet name and page number in the footer; tables freeze their header row and
first column.

PDF text is written as text (``safe_cell``), never as a formula. Every string cell
passes ``_text``: a character that openpyxl refuses or that XML forbids is written as a
visible escape, so one document's broken text can never cost the whole workbook.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..models import DocumentReport, Report, Status
from ..safetext import visible
from ._batch import (
    ThemeColumn,
    counts_cell,
    duplicate_names,
    error_text,
    sort_documents,
    theme_columns,
    word,
)
from ._readiness import (
    found_count_cell,
    found_word,
    shows_readiness,
    signal_columns,
    signal_found,
    signal_label,
)
from ._safe import safe
from ._text import absence_line, hit_stance, unit_word
from .csv_report import safe_cell
from .i18n import decimal, lexicon_text, stance_word, status_word, t, theme_label

# Excel's own "good", "neutral" and "bad" cell styles: (fill, font colour)
STATUS_COLOURS = {
    Status.ADDRESSED: ("C6EFCE", "006100"),
    Status.MENTIONED: ("FFEB9C", "9C5700"),
    Status.MISSING: ("FFC7CE", "9C0006"),
}
ERROR_COLOURS = ("D9D9D9", "000000")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")

# Evidence sheet: the sentence column (wrapped) and the number of columns.
EVIDENCE_SENTENCE_COLUMN = "G"
EVIDENCE_COLUMNS = 12


def _text(value: object) -> object:
    """A cell value the workbook can hold: strings with unsafe characters escaped."""
    return visible(value, newlines=True) if isinstance(value, str) else value


def _append(sheet: Worksheet, values: Sequence[object]) -> int:
    """Append a row; returns its number."""
    sheet.append([_text(value) for value in values])
    return sheet.max_row


def _header(sheet: Worksheet, values: Sequence[object]) -> None:
    _append(sheet, values)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
        cell.alignment = WRAP


def _link(sheet: Worksheet, row: int, column: int, target_sheet: str, target_row: int) -> None:
    """An internal hyperlink from a cell to column A of a row on another sheet."""
    cell = sheet.cell(row=row, column=column)
    location = f"{quote_sheetname(target_sheet)}!A{target_row}"
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location)


@dataclass(frozen=True)
class MatrixRow:
    """One row of the overview: a municipality and the document that speaks for it."""

    municipality: str
    document: DocumentReport
    others: tuple[DocumentReport, ...]


def matrix_rows(report: Report, sort: str = "name") -> list[MatrixRow]:
    """The overview's rows: one per ``Report.groups`` entry (its primary document), in
    ``sort`` order. A report without groups (made by other code) gets one row per
    document; a document no group names is never lost: it gets a row of its own."""
    by_file = {document.file: document for document in report.documents}
    rows: dict[str, MatrixRow] = {}
    placed: set[str] = set()
    for group in report.groups:
        primary = by_file.get(group.primary)
        if primary is None:
            continue
        others = tuple(by_file[file] for file in group.others if file in by_file)
        rows[primary.file] = MatrixRow(group.municipality, primary, others)
        placed.update(group.files)
    for document in report.documents:
        if document.file not in placed:
            rows[document.file] = MatrixRow(document.municipality, document, ())
            placed.add(document.file)
    ordered = sort_documents(
        replace(report, documents=tuple(r.document for r in rows.values())), sort
    )
    return [rows[document.file] for document in ordered]


def version_text(document: DocumentReport) -> str:
    """``2.0 (vastgesteld)``, ``2.0``, ``vastgesteld`` or ``""``: what the manifest says."""
    parts = [part for part in (document.version, document.status) if part]
    if len(parts) == 2:
        return f"{parts[0]} ({parts[1]})"
    return parts[0] if parts else ""


def file_name(file: str) -> str:
    """The last part of a path as the report gives it: the matrix has room for no more
    (the evidence and about sheets show the whole path). Split by this platform's rules:
    a backslash is a separator on Windows only, elsewhere part of a (escaped) name."""
    return os.path.basename(file) or file


def _other_documents(row: MatrixRow) -> str:
    """``ontwerp.pdf (1.0, ontwerp); oud.pdf``: the municipality's other documents."""
    names = []
    for document in row.others:
        details = ", ".join(part for part in (document.version, document.status) if part)
        name = file_name(document.file)
        names.append(f"{name} ({details})" if details else name)
    return "; ".join(names)


def _lexicon_cell(report: Report, lang: str) -> str:
    """``ondergrond-nl 1.4.0`` with ``(aangepast)`` for an edited copy of a shipped one;
    the about sheet gives the content hash a row of its own."""
    text = f"{report.lexicon.name} {report.lexicon.version}"
    return f"{text} ({t('lexicon_modified', lang)})" if report.lexicon.modified else text


def _theme_labels(report: Report, lang: str) -> dict[str, str]:
    """Full theme labels by id, in the report's language."""
    labels: dict[str, str] = {}
    for document in report.documents:
        for coverage in document.themes:
            labels.setdefault(coverage.theme_id, theme_label(coverage, lang))
    return labels


def _recalls(report: Report) -> dict[str, float]:
    """The measured recall of each theme, as the reports recorded it."""
    recalls: dict[str, float] = {}
    for document in report.documents:
        for coverage in document.themes:
            if coverage.searched is not None and coverage.searched.recall is not None:
                recalls.setdefault(coverage.theme_id, coverage.searched.recall)
    return recalls


def _status_rules(sheet: Worksheet, cells: str, lang: str, error_formula: str | None) -> None:
    """Colour ``cells`` by the status word they hold (and grey for a failed row)."""
    for status, (fill, font) in STATUS_COLOURS.items():
        sheet.conditional_formatting.add(
            cells,
            CellIsRule(
                operator="equal",
                formula=[f'"{status_word(status, lang)}"'],
                fill=PatternFill(start_color=fill, end_color=fill, fill_type="solid"),
                font=Font(color=font),
            ),
        )
    if error_formula is not None:
        fill, font = ERROR_COLOURS
        sheet.conditional_formatting.add(
            cells,
            FormulaRule(
                formula=[error_formula],
                fill=PatternFill(start_color=fill, end_color=fill, fill_type="solid"),
                font=Font(color=font),
            ),
        )


def _error_formula(cell: str, lang: str) -> str:
    """True for a cell that starts with ``Fout:`` (the error rows)."""
    prefix = f"{t('error', lang)}:"
    return f'LEFT({cell},{len(prefix)})="{prefix}"'


def print_header(report: Report, lang: str) -> str:
    """What every printed page says of the run: ``visiecheck 0.1.0 · lexicon ondergrond-nl
    1.4.0 (3549f943b4fc, aangepast) · 02-05-2024 14:30``: a print-out names its run."""
    parts = [f"visiecheck {report.tool_version}"]
    parts.append(f"{t('xlsx.lexicon', lang).lower()} {lexicon_text(report.lexicon, lang)}")
    created = _created(report)
    if isinstance(created, datetime):
        parts.append(created.strftime("%d-%m-%Y %H:%M" if lang == "nl" else "%Y-%m-%d %H:%M"))
    # "&" starts a control code in a header; "&&" prints one
    return " · ".join(parts).replace("&", "&&")


def _print_setup(sheet: Worksheet, report: Report, lang: str) -> None:
    """A4 landscape, one page wide (as many pages tall as needed), header row repeated,
    the run in the page header and the sheet and page number in the footer."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    sheet.oddFooter.center.text = t("xlsx.footer", lang)
    sheet.oddHeader.left.text = print_header(report, lang)


def render_xlsx(report: Report, lang: str = "nl", *, sort: str = "name") -> bytes:
    """The workbook as bytes (write them with ``write_atomically``)."""
    report = safe(report, escape_names=False)  # for direct callers; names escaped by render
    columns = theme_columns(report, lang)
    rows = matrix_rows(report, sort)
    workbook = Workbook()
    matrix = workbook.active
    matrix.title = word("matrix_sheet", lang)
    evidence = workbook.create_sheet(word("evidence_sheet", lang))
    examples = workbook.create_sheet(t("xlsx.examples_sheet", lang))
    first_rows = _evidence_sheet(evidence, report, rows, lang)
    first_examples = _examples_sheet(examples, report, lang)
    _matrix_sheet(matrix, report, rows, columns, lang, first_rows, first_examples, examples.title)
    if report.duplicates:
        _duplicates_sheet(workbook, report, lang)
    if shows_readiness(report):
        _readiness_sheet(workbook.create_sheet(t("readiness.sheet", lang)), report, rows, lang)
    _about_sheet(workbook.create_sheet(t("xlsx.about_sheet", lang)), report, rows, columns, lang)
    for sheet in workbook.worksheets:
        _print_setup(sheet, report, lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _matrix_sheet(
    sheet: Worksheet,
    report: Report,
    rows: list[MatrixRow],
    columns: list[ThemeColumn],
    lang: str,
    first_rows: dict[tuple[str, str], int],
    first_examples: dict[str, int],
    examples_title: str,
) -> None:
    evidence_title = word("evidence_sheet", lang)
    _header(
        sheet,
        [
            t("municipality", lang),
            *[column.label for column in columns],
            word("counts", lang),
            t("file", lang),
            t("xlsx.version", lang),
            t("xlsx.others", lang),
        ],
    )
    for index, column in enumerate(columns, start=2):
        if column.id in first_examples:
            _link(sheet, 1, index, examples_title, first_examples[column.id])
    counts_column = len(columns) + 2
    for row in rows:
        document = row.document
        name = safe_cell(row.municipality)
        shown = (file_name(document.file), version_text(document), _other_documents(row))
        tail = [safe_cell(text) for text in shown]
        if document.failed:
            cells = [error_text(document, lang)] + [""] * (len(columns) - 1)
            number = _append(sheet, [name, *cells, "", *tail])
            _link(sheet, number, 2, evidence_title, first_rows[(document.file, "")])
            continue
        statuses = [_status_of(document, column.id) for column in columns]
        cells = [status_word(status, lang) if status is not None else "" for status in statuses]
        number = _append(sheet, [name, *cells, counts_cell(document), *tail])
        for index, column in enumerate(columns, start=2):
            target = first_rows.get((document.file, column.id))
            if target is not None:
                _link(sheet, number, index, evidence_title, target)
    last = len(rows) + 1
    readable = [row.document for row in rows if not row.document.failed]
    totals = [
        sum(1 for d in readable if _status_of(d, c.id) in (Status.ADDRESSED, Status.MENTIONED))
        for c in columns
    ]
    _append(sheet, [word("total", lang), *totals, len(readable)])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    if columns and rows:
        theme_range = f"B2:{get_column_letter(len(columns) + 1)}{last}"
        _status_rules(sheet, theme_range, lang, _error_formula("$B2", lang))
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(counts_column + 3)}{last}"
    sheet.column_dimensions["A"].width = max([14, *[len(row.municipality) + 2 for row in rows]])
    # Narrow enough that eleven themes and the document columns print on one A4 page
    # wide at about 70%: "uitgewerkt" fits, a long theme label wraps in the header.
    for index in range(2, counts_column):
        sheet.column_dimensions[get_column_letter(index)].width = 11
    sheet.column_dimensions[get_column_letter(counts_column)].width = 8
    for offset, width in enumerate((24, 16, 30), start=1):
        sheet.column_dimensions[get_column_letter(counts_column + offset)].width = width
    sheet.row_dimensions[1].height = 60
    for cell in sheet[get_column_letter(counts_column + 3)]:
        cell.alignment = WRAP  # several other documents


def _readiness_sheet(sheet: Worksheet, report: Report, rows: list[MatrixRow], lang: str) -> None:
    """The "Huiswerk klaar" sheet: the signal matrix, then per document and signal the
    strongest sentence or the advice."""
    columns = signal_columns(report, lang)
    _header(
        sheet,
        [t("municipality", lang), *[c.label for c in columns], "✔", t("file", lang)],
    )
    for row in rows:
        document = row.document
        name = safe_cell(row.municipality)
        if document.failed:
            cells = [error_text(document, lang)] + [""] * (len(columns) - 1)
            _append(sheet, [name, *cells, "", safe_cell(file_name(document.file))])
            continue
        found = [signal_found(document, column.id) for column in columns]
        cells = ["" if value is None else found_word(value, lang) for value in found]
        counts = found_count_cell(document)
        _append(sheet, [name, *cells, counts, safe_cell(file_name(document.file))])
    last = len(rows) + 1
    readable = [row.document for row in rows if not row.document.failed]
    totals = [sum(1 for d in readable if signal_found(d, c.id)) for c in columns]
    _append(sheet, [word("total", lang), *totals, len(readable)])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    if columns and rows:
        cells = f"B2:{get_column_letter(len(columns) + 1)}{last}"
        for status, found_value in ((Status.ADDRESSED, True), (Status.MISSING, False)):
            fill, font = STATUS_COLOURS[status]
            sheet.conditional_formatting.add(
                cells,
                CellIsRule(
                    operator="equal",
                    formula=[f'"{found_word(found_value, lang)}"'],
                    fill=PatternFill(start_color=fill, end_color=fill, fill_type="solid"),
                    font=Font(color=font),
                ),
            )
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = max([14, *[len(row.municipality) + 2 for row in rows]])
    for index in range(2, len(columns) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.row_dimensions[1].height = 60
    # the details: every document (also those the matrix does not show), every signal
    _append(sheet, [])
    _header(
        sheet,
        [
            t("municipality", lang),
            t("readiness.col.signal", lang),
            t("col.status", lang),
            word("page", lang),
            t("readiness.col.evidence", lang),
            t("file", lang),
        ],
    )
    for row in rows:
        for document in (row.document, *row.others):
            for signal in document.readiness:
                hit = signal.evidence[0] if signal.evidence else None
                detail = hit.snippet if hit is not None else signal.advice_text(lang)
                number = _append(
                    sheet,
                    [
                        safe_cell(row.municipality),
                        signal_label(signal, lang),
                        found_word(signal.found, lang),
                        hit.page if hit is not None else "",
                        safe_cell(detail),
                        safe_cell(file_name(document.file)),
                    ],
                )
                sheet.cell(row=number, column=5).alignment = WRAP


def _status_of(document: DocumentReport, theme_id: str) -> Status | None:
    for coverage in document.themes:
        if coverage.theme_id == theme_id:
            return coverage.status
    return None


def _evidence_sheet(
    sheet: Worksheet, report: Report, rows: list[MatrixRow], lang: str
) -> dict[tuple[str, str], int]:
    """Fill the evidence sheet; returns the first row of each (file, theme id), and of
    (file, "") for a document that could not be read."""
    _header(
        sheet,
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
            t("file", lang),
            t("xlsx.version", lang),
        ],
    )
    first_rows: dict[tuple[str, str], int] = {}
    # The matrix's order: each municipality's shown document, then its others.
    documents = [document for row in rows for document in (row.document, *row.others)]
    for document in documents:
        name = safe_cell(document.municipality)
        tail = [safe_cell(document.file), safe_cell(version_text(document))]
        if document.failed:
            status = t("error", lang)
            values = [name, "", status, None, "", "", error_text(document, lang)]
            first_rows[(document.file, "")] = _append(sheet, [*values, "", "", "", *tail])
            continue
        unit = unit_word(document, lang)
        for coverage in document.themes:
            label = theme_label(coverage, lang)
            status = status_word(coverage.status, lang)
            key = (document.file, coverage.theme_id)
            if not coverage.evidence:
                note = absence_line(coverage, document, lang) or ""
                values = [name, label, status, None, "", "", note, "", "", unit, *tail]
                first_rows[key] = _append(sheet, values)
                continue
            for hit in coverage.evidence:
                number = _append(
                    sheet,
                    [
                        name,
                        label,
                        status,
                        hit.page,
                        safe_cell(hit.term),
                        hit.match,
                        safe_cell(hit.snippet),
                        hit_stance(hit, lang),
                        safe_cell(hit.section),
                        unit,
                        *tail,
                    ],
                )
                first_rows.setdefault(key, number)
    for cell in sheet[EVIDENCE_SENTENCE_COLUMN]:
        cell.alignment = WRAP
    for cell in sheet["I"]:
        cell.alignment = WRAP
    if sheet.max_row > 1:
        _status_rules(sheet, f"C2:C{sheet.max_row}", lang, None)
    sheet.freeze_panes = "B2"
    last_column = get_column_letter(EVIDENCE_COLUMNS)
    sheet.auto_filter.ref = f"A1:{last_column}{max(sheet.max_row, 1)}"
    widths = (22, 26, 12, 8, 20, 10, 80, 14, 30, 10, 28, 14)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return first_rows


def _examples_sheet(sheet: Worksheet, report: Report, lang: str) -> dict[str, int]:
    """Fill the regional examples; returns the first row of each theme."""
    _header(
        sheet,
        [
            t("col.theme", lang),
            t("municipality", lang),
            t("xlsx.place", lang),
            word("sentence", lang),
            t("col.stance", lang),
            t("col.section", lang),
            t("file", lang),
        ],
    )
    labels = _theme_labels(report, lang)
    first_rows: dict[str, int] = {}
    for example in report.examples:
        key = "section_short" if example.location_unit == "section" else "page_short"
        number = _append(
            sheet,
            [
                labels.get(example.theme_id, example.theme_id),
                safe_cell(example.municipality),
                t(key, lang, page=example.page),
                safe_cell(example.snippet),
                stance_word(example.stance, lang) if example.stance is not None else "",
                safe_cell(example.section),
                safe_cell(example.file),
            ],
        )
        first_rows.setdefault(example.theme_id, number)
    if not report.examples:
        _append(sheet, [t("xlsx.no_examples", lang)])
    for cell in sheet["D"]:
        cell.alignment = WRAP
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:G{max(sheet.max_row, 1)}"
    for index, width in enumerate((26, 18, 12, 80, 16, 30, 28), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return first_rows


def _created(report: Report) -> datetime | str:
    """The run's local time as an Excel date-time (Excel has no time zones), or the text
    as recorded when it is no ISO time."""
    try:
        return datetime.fromisoformat(report.created).replace(tzinfo=None)
    except ValueError:
        return report.created


def _file_date(document: DocumentReport) -> date | str:
    if not document.file_date:
        return ""
    try:
        return date.fromisoformat(document.file_date)
    except ValueError:
        return document.file_date


def _about_sheet(
    sheet: Worksheet, report: Report, rows: list[MatrixRow], columns: list[ThemeColumn], lang: str
) -> None:
    date_format = "dd-mm-yyyy" if lang == "nl" else "yyyy-mm-dd"
    _append(sheet, [t("xlsx.about_sheet", lang)])
    sheet["A1"].font = Font(bold=True, size=14)
    facts: list[tuple[str, object]] = [
        (t("xlsx.created", lang), _created(report)),
        (t("xlsx.tool", lang), f"visiecheck {report.tool_version}"),
        (t("xlsx.lexicon", lang), _lexicon_cell(report, lang)),
        (t("xlsx.lexicon_hash", lang), report.lexicon.content_hash or "—"),
        (t("xlsx.municipalities", lang), len(rows)),
        (t("xlsx.documents", lang), len(report.documents)),
        (t("xlsx.failed", lang), sum(1 for d in report.documents if d.failed)),
        (t("xlsx.themes", lang), len(columns)),
    ]
    for key, value in facts:
        number = _append(sheet, [key, value])
        sheet.cell(row=number, column=1).font = BOLD
        if isinstance(value, datetime):
            sheet.cell(row=number, column=2).number_format = f"{date_format} hh:mm"
        sheet.cell(row=number, column=2).alignment = Alignment(horizontal="left")
    if report.lexicon.modified:
        _paragraph(sheet, t("xlsx.modified_note", lang))

    _append(sheet, [])
    _append(sheet, [t("xlsx.missing_heading", lang)])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=12)
    _paragraph(sheet, t("xlsx.missing_explained", lang))
    _header(sheet, [t("col.theme", lang), t("xlsx.code", lang), t("xlsx.recall", lang), ""])
    sheet.merge_cells(start_row=sheet.max_row, start_column=4, end_row=sheet.max_row, end_column=7)
    sheet.cell(row=sheet.max_row, column=4).value = t("xlsx.meaning", lang)
    labels = _theme_labels(report, lang)
    recalls = _recalls(report)
    for column in columns:
        recall = recalls.get(column.id)
        if recall is None:
            note = t("xlsx.recall_unknown", lang)
        else:
            missed = round((1 - recall) * 100)
            note = t("xlsx.recall_note", lang, recall=decimal(recall, lang), missed=missed)
        number = _append(sheet, [labels.get(column.id, column.label), column.code, recall, note])
        sheet.merge_cells(start_row=number, start_column=4, end_row=number, end_column=7)
        sheet.cell(row=number, column=3).number_format = "0.00"

    _append(sheet, [])
    _append(sheet, [t("xlsx.documents_heading", lang)])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=12)
    _paragraph(sheet, t("xlsx.documents_explained", lang))
    _header(
        sheet,
        [
            t("municipality", lang),
            t("file", lang),
            t("xlsx.version", lang),
            t("xlsx.document_status", lang),
            t("xlsx.file_date", lang),
            t("xlsx.in_overview", lang),
            t("error", lang),
        ],
    )
    for row in rows:
        for document in (row.document, *row.others):
            number = _append(
                sheet,
                [
                    safe_cell(row.municipality),
                    safe_cell(document.file),
                    safe_cell(document.version or ""),
                    safe_cell(document.status or ""),
                    _file_date(document),
                    t("answer.yes" if document is row.document else "answer.no", lang),
                    safe_cell(document.error or ""),
                ],
            )
            sheet.cell(row=number, column=5).number_format = date_format
    for index, width in enumerate((30, 40, 14, 16, 14, 14, 40), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _paragraph(sheet: Worksheet, text: str) -> None:
    """A wrapped text over the sheet's width (A:G), tall enough for its lines."""
    number = _append(sheet, [text])
    sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=7)
    sheet.cell(row=number, column=1).alignment = WRAP
    # Excel does not size merged rows itself: about 150 characters fit on a line of A:G.
    sheet.row_dimensions[number].height = 15 * (len(text) // 150 + 1)


def _duplicates_sheet(workbook: Workbook, report: Report, lang: str) -> None:
    """Pairs of documents that share most of their text: names, shared share, Jaccard,
    and the two files (two documents of one municipality have the same name)."""
    sheet = workbook.create_sheet(t("duplicates.sheet", lang))
    _header(
        sheet,
        [
            t("duplicates.first", lang),
            t("duplicates.second", lang),
            t("duplicates.containment", lang),
            t("duplicates.jaccard", lang),
            t("xlsx.file_a", lang),
            t("xlsx.file_b", lang),
        ],
    )
    for pair in report.duplicates:
        first, second = duplicate_names(report, pair)  # files named for one municipality
        number = _append(
            sheet,
            [
                safe_cell(first),
                safe_cell(second),
                pair.containment,
                pair.jaccard,
                safe_cell(pair.a),
                safe_cell(pair.b),
            ],
        )
        for cell in sheet[number][2:4]:
            cell.number_format = "0%"
    sheet.freeze_panes = "B2"
    for letter, width in zip("ABCDEF", (24, 24, 16, 12, 30, 30), strict=True):
        sheet.column_dimensions[letter].width = width


__all__ = ["matrix_rows", "print_header", "render_xlsx", "version_text"]
