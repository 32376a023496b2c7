"""The CSV export: one row per document × theme, one row per failed document.

Made for spreadsheets of regional coordinators (Excel with Dutch settings opens it with a
double click): UTF-8 with a byte-order mark, ``;`` as separator, CRLF line ends (RFC 4180,
what Excel writes), fields quoted by the ``csv`` module when they hold ``;``, quotes or
line breaks.

Columns (Dutch; English with ``lang="en"``)::

    gemeente;bestand;thema_id;thema;status;status_tekst;vermeldingen;paginas;bewijs;fout;
    diepgang;houding;sectie;eenheid;versie;documentstatus;bestandsdatum;in_overzicht

Scripts rely on the column order, so new columns only ever go at the end.

With the readiness lens (``--readiness``) two columns follow, ``lens;advies``, and each
document gets one row per readiness signal after its theme rows: ``lens`` is ``thema``
or ``huiswerk klaar``, ``thema_id``/``thema`` name the signal, ``status`` is ``found`` or
``not_found`` (``gevonden``/``niet gevonden`` in ``status_tekst``), ``vermeldingen``
empty, ``paginas`` and
``bewijs`` the pages and strongest sentence of its evidence, ``advies`` what to add when
it is not found. Without the lens the file is exactly as before.
``status`` holds the contract value (``addressed``/``mentioned``/``missing``) in every
language, so scripts can filter on it; ``status_tekst`` is the word for people
(``uitgewerkt``/``genoemd``/``ontbreekt``). ``paginas`` is compressed with an en dash
(``4, 7–9, 31``; see *Page lists* below), ``bewijs`` is the strongest evidence
sentence. A failed document has one row with ``fout`` set and the theme columns empty.
``diepgang`` and ``houding`` are the theme's depth and dominant stance as words (empty
when unknown), ``sectie`` the section path of the strongest evidence, ``eenheid`` what
``paginas`` counts: ``pagina``, or ``sectie`` for a document without pages (docx, HTML,
text). ``versie`` and ``documentstatus`` are what a batch manifest says of the document
(its ``versie`` and ``status`` columns), ``bestandsdatum`` the file's date
(``YYYY-MM-DD``), ``in_overzicht`` ``ja`` for the document a batch overview shows for its
municipality and ``nee`` for the others (a draft beside the adopted visie): every row
says which file and version it is about. Each is empty when not known; the columns are
always there. ``check`` and ``batch`` write the same CSV.

Page lists: Excel reads a cell when it opens a CSV as if it were typed, so Dutch Excel
turns ``2-9`` into 2 September (and ``1-12`` into 1 December) and the text is lost when the
file is saved again. The usual trick, ``="2-9"``, is a formula: other programs show it as
it stands, and this export never writes a formula (see below). Instead every page list is
written in a form Excel's date and number parsing does not take: a range with an en dash
(``2–9``; Excel's date separators are ``-``, ``/`` and, in some locales, ``.``) and items
separated by a comma and a space (``2, 5``; a decimal comma is never followed by a space,
a thousands separator by three digits). A single page stays a number, which it is.
Scripts split on ``", "`` and ``"–"``. ``tests/test_spreadsheets.py`` checks every page
list against the shapes Excel converts.

Text from a PDF is untrusted: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading ``'`` so that spreadsheets show it as text instead of
running it as a formula (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io

from ..models import DocumentReport, ReadinessSignal, Report
from ._readiness import found_word, signal_label
from ._text import EN_DASH, compress_pages, depth_text, stance_text, strongest, unit_word
from .i18n import status_word, t, theme_label

BOM = "\ufeff"
COLUMN_KEYS = (
    "municipality",
    "file",
    "theme_id",
    "theme",
    "status",
    "status_text",
    "mentions",
    "pages",
    "evidence",
    "error",
    "depth",
    "stance",
    "section",
    "unit",
    "version",
    "document_status",
    "file_date",
    "in_overview",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Untrusted text as a cell a spreadsheet will not evaluate as a formula."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def header(lang: str = "nl") -> list[str]:
    """The column names in ``lang``."""
    return [t(f"csv.{key}", lang) for key in COLUMN_KEYS]


def pages_cell(pages: tuple[int, ...] | list[int]) -> str:
    """``4, 7–9, 31``: a page list Excel keeps as text (see *Page lists* above)."""
    return compress_pages(pages, dash=EN_DASH)


def rows(
    document: DocumentReport, lang: str = "nl", *, in_overview: bool | None = None
) -> list[list[str]]:
    """The CSV rows of one document (without header), as lists of cell strings.

    ``in_overview``: whether a batch overview shows this document for its municipality
    (``None``: not known, an empty cell)."""
    municipality = safe_cell(document.municipality)
    file = safe_cell(document.file)
    shown = "" if in_overview is None else t("answer.yes" if in_overview else "answer.no", lang)
    document_columns = [
        safe_cell(document.version or ""),
        safe_cell(document.status or ""),
        document.file_date or "",
        shown,
    ]
    if document.failed:
        error = safe_cell(document.error or "")
        empty = [""] * 7
        return [[municipality, file, *empty, error, "", "", "", "", *document_columns]]
    unit = unit_word(document, lang)
    result = []
    for coverage in document.themes:
        hit = strongest(coverage)
        result.append(
            [
                municipality,
                file,
                coverage.theme_id,
                theme_label(coverage, lang),
                coverage.status.value,
                status_word(coverage.status, lang),
                str(coverage.mentions),
                pages_cell(coverage.pages),
                safe_cell(hit.snippet) if hit else "",
                "",
                depth_text(coverage, lang),
                stance_text(coverage.stance, lang),
                safe_cell(hit.section) if hit else "",
                unit,
                *document_columns,
            ]
        )
    return result


READINESS_COLUMN_KEYS = ("lens", "advice")


def readiness_rows(
    document: DocumentReport, theme_rows: list[list[str]], lang: str = "nl"
) -> list[list[str]]:
    """``theme_rows`` with the two lens columns, then one row per readiness signal."""
    theme_lens = [t("csv.lens.theme", lang), ""]
    result = [[*row, *theme_lens] for row in theme_rows]
    if document.failed:
        return result
    unit = unit_word(document, lang)
    document_columns = theme_rows[0][-4:] if theme_rows else ["", "", "", ""]
    for signal in document.readiness:
        result.append(_signal_row(document, signal, unit, document_columns, lang))
    return result


def _signal_row(
    document: DocumentReport,
    signal: ReadinessSignal,
    unit: str,
    document_columns: list[str],
    lang: str,
) -> list[str]:
    hit = signal.evidence[0] if signal.evidence else None
    return [
        safe_cell(document.municipality),
        safe_cell(document.file),
        signal.signal_id,
        signal_label(signal, lang),
        signal.status.value,
        found_word(signal.found, lang),
        "",  # mentions: a signal is found or not; its sentences are in the evidence
        pages_cell(sorted({hit.page for hit in signal.evidence})),
        safe_cell(hit.snippet) if hit else "",
        "",
        "",
        "",
        safe_cell(hit.section) if hit else "",
        unit,
        *document_columns,
        t("csv.lens.readiness", lang),
        "" if signal.found else safe_cell(signal.advice_text(lang)),
    ]


def render_csv(report: Report, lang: str = "nl") -> str:
    """The whole CSV file as text, starting with the BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    lens = report.readiness_lexicon is not None
    extra = [t(f"csv.{key}", lang) for key in READINESS_COLUMN_KEYS] if lens else []
    writer.writerow([*header(lang), *extra])
    primaries = {group.primary for group in report.groups}
    for document in report.documents:
        shown = document.file in primaries if report.groups else None
        document_rows = rows(document, lang, in_overview=shown)
        writer.writerows(readiness_rows(document, document_rows, lang) if lens else document_rows)
    return BOM + buffer.getvalue()
