"""The table for people at a terminal (``--format table``), drawn with rich.

Per document: a header (file, municipality, pages, pages without text, warnings), one
table row per theme (short label; status as symbol + word with, below it, the depth and
the dominant stance when they add to the status, "beleidskeuze" / "(uitgesloten)";
mentions; compressed pages; the strongest evidence sentence shortened around its term,
the term in bold, after its location "p. 42, 4.2 Energie (bijlage)"), a summary line
with the counts, the line "Ontbreekt: …" and per missing theme what was searched
("geothermie: niet gevonden (gezocht op 23 termen en 180 vormen; …)"). A document that
could not be read is its header plus one line "Fout: …". A document without pages
(docx, HTML, text) says "sectie" wherever a PDF says "p." or "pagina".

Below ``WIDE_LAYOUT_MIN_WIDTH`` columns (an 80-column terminal) the evidence column would
be a word wide, so the table leaves it out and the strongest sentences follow the table as
a list ("- Geothermie, p. 14: …").

Colour: with ``color=True`` statuses are green/yellow/red, the term is bold and the table
has rounded box lines. With ``color=False`` (not a terminal, ``NO_COLOR``, a file) the
output holds no ANSI escape at all and the table is drawn with ``box.ASCII``
(``+ - |``), so it reads as plain text in any editor, e-mail or log; the status stays
readable by its symbol (✔ ~ ✘) and word. Nothing is wider than ``width`` columns:
labels and sentences wrap inside their cells.

This is the only renderer that imports rich. PDF text goes into rich as ``Text`` objects,
never as markup, so ``[bold]`` in a document is printed as it stands.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..models import DocumentReport, Report, Status, ThemeCoverage
from ._readiness import advice_line, found_label, readiness_summary, signal_label
from ._safe import safe
from ._text import (
    absence_lines,
    compress_pages,
    hit_location,
    hit_spans,
    missing_themes,
    missing_words,
    pages_header,
    short_label,
    shorten,
    size_text,
    split_spans,
    status_counts,
    strongest,
    verdict_parts,
)
from .console import text_console
from .i18n import lexicon_text, status_label, t, theme_label

STATUS_STYLES = {
    Status.ADDRESSED: "green",
    Status.MENTIONED: "yellow",
    Status.MISSING: "red",
}
# Below this width the evidence column would be too narrow to read (a word a line), so
# the strongest sentences are printed under the table instead of in it.
WIDE_LAYOUT_MIN_WIDTH = 96
# What the four narrow columns and the table lines take at most; the evidence column gets
# the rest, and a sentence is cut to about three lines of it.
_FIXED_COLUMNS_WIDTH = 62
_EVIDENCE_LINES = 3
_MIN_SNIPPET = 60
_STATUS_WIDTH = 14
_SIGNAL_INDENT = 4  # a readiness signal's sentence or advice, under its line


def snippet_budget(width: int) -> int:
    """How many characters of an evidence sentence fit in the table at ``width``."""
    if width < WIDE_LAYOUT_MIN_WIDTH:
        return max(_MIN_SNIPPET, width * 2)
    return max(_MIN_SNIPPET, (width - _FIXED_COLUMNS_WIDTH) * _EVIDENCE_LINES)


def _evidence_text(
    coverage: ThemeCoverage, document: DocumentReport, budget: int, color: bool, lang: str
) -> Text:
    """The strongest sentence after its location: ``p. 42, 4.2 Energie: …``."""
    hit = strongest(coverage)
    if hit is None:
        return Text(t("no_evidence", lang) if coverage.status != Status.MISSING else "")
    location = f"{hit_location(hit, document, lang, leaf=True)}: "
    text, spans = shorten(hit.snippet, hit_spans(hit), max(budget - len(location), _MIN_SNIPPET))
    cell = Text()
    cell.append(location, style="dim" if color else "")
    for piece, is_match in split_spans(text, spans):
        cell.append(piece, style="bold" if is_match and color else "")
    return cell


def _header(document: DocumentReport, lang: str, color: bool) -> list[Text]:
    lines = [Text(f"{t('file', lang)}: {document.file}", style="bold" if color else "")]
    if document.failed:
        return lines
    meta = size_text(document, lang)
    if document.pages_without_text:
        pages = compress_pages(document.pages_without_text)
        meta += f" ({t('pages_without_text', lang, pages=pages)})"
    municipality = document.municipality or t("unknown_municipality", lang)
    lines.append(Text(f"{t('municipality', lang)}: {municipality} · {meta}"))
    for warning in document.warnings:
        lines.append(Text(f"{t('warning', lang)}: {warning}", style="yellow" if color else ""))
    return lines


def _status_cell(coverage: ThemeCoverage, lang: str, color: bool) -> Text:
    """``✔ uitgewerkt`` with the depth and the stance on lines of their own below it, so
    that the column stays as narrow as its longest word group and the table fits."""
    cell = Text(
        status_label(coverage.status, lang),
        style=STATUS_STYLES[coverage.status] if color else "",
    )
    depth_part, stance_part = verdict_parts(coverage, lang)
    if depth_part:
        cell.append(f"\n{depth_part}")
    if stance_part:
        cell.append(f"\n({stance_part})")
    return cell


def _table(document: DocumentReport, lang: str, color: bool, width: int) -> Table:
    wide = width >= WIDE_LAYOUT_MIN_WIDTH
    table = Table(
        box=box.ROUNDED if color else box.ASCII,
        show_lines=wide,
        header_style="bold" if color else "",
        expand=wide,
    )
    table.add_column(t("col.theme", lang), max_width=22, overflow="fold")
    # wide enough for "✔ uitgewerkt", "beleidskeuze", "(uitgesloten)"; "(onder
    # voorwaarden)" wraps at its space rather than taking room from the evidence
    table.add_column(t("col.status", lang), max_width=_STATUS_WIDTH, overflow="fold")
    table.add_column(t("col.mentions", lang), justify="right", no_wrap=True)
    table.add_column(pages_header(document, lang), max_width=12, overflow="fold")
    if wide:
        table.add_column(t("col.evidence", lang), ratio=1, overflow="fold")
    budget = snippet_budget(width)
    for coverage in document.themes:
        cells = [
            Text(short_label(theme_label(coverage, lang))),
            _status_cell(coverage, lang, color),
            Text(str(coverage.mentions)),
            Text(compress_pages(coverage.pages)),
        ]
        if wide:
            cells.append(_evidence_text(coverage, document, budget, color, lang))
        table.add_row(*cells)
    return table


def _evidence_lines(document: DocumentReport, lang: str, color: bool, width: int) -> list[Text]:
    """The narrow layout's evidence: one paragraph per theme under the table."""
    lines = [Text(f"{t('col.evidence', lang)}:", style="bold" if color else "")]
    for coverage in document.themes:
        hit = strongest(coverage)
        if hit is None:
            continue
        label = short_label(theme_label(coverage, lang))
        line = Text(f"- {label}, ")
        line.append_text(_evidence_text(coverage, document, snippet_budget(width), color, lang))
        lines.append(line)
    return lines


def _print_document(console: Console, document: DocumentReport, lang: str, color: bool) -> None:
    for line in _header(document, lang, color):
        console.print(line)
    if document.failed:
        error = t("error_line", lang, error=document.error)
        console.print(Text(error, style="bold red" if color else ""))
        return
    console.print(_table(document, lang, color, console.width))
    if console.width < WIDE_LAYOUT_MIN_WIDTH:
        for line in _evidence_lines(document, lang, color, console.width):
            console.print(line)
    counts = status_counts(document)
    console.print(
        Text(
            t(
                "summary",
                lang,
                addressed=counts[Status.ADDRESSED],
                mentioned=counts[Status.MENTIONED],
                missing=counts[Status.MISSING],
            )
        )
    )
    if missing_themes(document):
        line = t("missing_line", lang, themes=missing_words(document, lang))
        console.print(Text(line, style="red" if color else ""))
        for absence in absence_lines(document, lang):
            console.print(Text(absence))
    else:
        console.print(Text(t("nothing_missing", lang)))


def _print_readiness(console: Console, document: DocumentReport, lang: str, color: bool) -> None:
    """The "Huiswerk klaar" block under the themes: one line per signal, with below it
    the strongest sentence (found) or the advice (not found)."""
    if document.failed or not document.readiness:
        return
    heading = f"{t('readiness.heading', lang)}: {readiness_summary(document, lang)}"
    console.print(Text(heading, style="bold" if color else ""))
    for signal in document.readiness:
        line = Text(f"{found_label(signal.found, lang)}  ")
        if color:
            line.stylize("green" if signal.found else "red")
        line.append(signal_label(signal, lang))
        console.print(line)
        if signal.evidence:
            hit = signal.evidence[0]
            where = f"{hit_location(hit, document, lang, leaf=True)}: "
            text, spans = shorten(hit.snippet, hit_spans(hit), snippet_budget(console.width))
            detail = Text(where, style="dim" if color else "")
            for piece, is_match in split_spans(text, spans):
                detail.append(piece, style="bold" if is_match and color else "")
            console.print(Padding(detail, (0, 0, 0, _SIGNAL_INDENT)))
        elif advice := advice_line(signal, lang):
            console.print(Padding(Text(advice), (0, 0, 0, _SIGNAL_INDENT)))


def render_table(report: Report, lang: str = "nl", *, color: bool = False, width: int = 100) -> str:
    """The terminal text of the report: one section per document, blank lines between."""
    # for direct callers: no control character reaches a terminal (names escaped by render)
    report = safe(report, escape_names=False)
    buffer = io.StringIO()
    console = text_console(buffer, width, color)
    for index, document in enumerate(report.documents):
        if index:
            console.print()
        _print_document(console, document, lang, color)
        _print_readiness(console, document, lang, color)
    if report.documents:
        # which terms made these verdicts: an edited lexicon says so
        line = lexicon_text(report.lexicon, lang)
        if report.readiness_lexicon is not None:
            line += f"; {lexicon_text(report.readiness_lexicon, lang)}"
        console.print(Text(line, style="dim" if color else ""))
    # rich keeps the space at which it wrapped a paragraph; trailing blanks only hurt diffs
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
