"""The CSV export: one row per document × theme, one row per failed document.

Made for spreadsheets of regional coordinators (Excel with Dutch settings opens it with a
double click): UTF-8 with a byte-order mark, ``;`` as separator, CRLF line ends (RFC 4180,
what Excel writes), fields quoted by the ``csv`` module when they hold ``;``, quotes or
line breaks.

Columns (Dutch; English with ``lang="en"``)::

    gemeente;bestand;thema_id;thema;status;status_tekst;vermeldingen;paginas;bewijs;fout;
    diepgang;houding;sectie;eenheid

Scripts rely on the column order, so new columns only ever go at the end.
``status`` holds the contract value (``addressed``/``mentioned``/``missing``) in every
language, so scripts can filter on it; ``status_tekst`` is the word for people
(``uitgewerkt``/``genoemd``/``ontbreekt``). ``paginas`` is compressed with a plain hyphen
(``4, 7-9, 31``), ``bewijs`` is the strongest evidence sentence. A failed document has one
row with ``fout`` set and the theme columns empty. ``diepgang`` and ``houding`` are the
theme's depth and dominant stance as words (empty when unknown), ``sectie`` the section
path of the strongest evidence, ``eenheid`` what ``paginas`` counts: ``pagina``, or
``sectie`` for a document without pages (docx, HTML, text).

Text from a PDF is untrusted: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading ``'`` so that spreadsheets show it as text instead of
running it as a formula (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io

from ..models import DocumentReport, Report
from ._text import compress_pages, depth_text, stance_text, strongest, unit_word
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
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Untrusted text as a cell a spreadsheet will not evaluate as a formula."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def header(lang: str = "nl") -> list[str]:
    """The column names in ``lang``."""
    return [t(f"csv.{key}", lang) for key in COLUMN_KEYS]


def rows(document: DocumentReport, lang: str = "nl") -> list[list[str]]:
    """The CSV rows of one document (without header), as lists of cell strings."""
    municipality = safe_cell(document.municipality)
    file = safe_cell(document.file)
    if document.failed:
        error = safe_cell(document.error or "")
        return [[municipality, file, "", "", "", "", "", "", "", error, "", "", "", ""]]
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
                compress_pages(coverage.pages, dash="-"),
                safe_cell(hit.snippet) if hit else "",
                "",
                depth_text(coverage, lang),
                stance_text(coverage.stance, lang),
                safe_cell(hit.section) if hit else "",
                unit,
            ]
        )
    return result


def render_csv(report: Report, lang: str = "nl") -> str:
    """The whole CSV file as text, starting with the BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header(lang))
    for document in report.documents:
        writer.writerows(rows(document, lang))
    return BOM + buffer.getvalue()
