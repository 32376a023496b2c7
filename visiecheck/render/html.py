"""One self-contained HTML file: to mail around, open offline and print.

Everything is inline (CSS in a ``<style>`` element); no script, no external stylesheet,
font, image or link, so the file works without a network and leaks nothing when opened.
It holds a summary (per document the number of addressed / mentioned / missing themes),
per document a theme table whose status cells carry colour *and* symbol + word (readable
in black and white) with the depth and dominant stance below them ("beleidskeuze
(uitgesloten)"), the missing themes line with per missing theme what was searched, and per
theme the evidence sentences with page number, section path, a label for annexes and the
like, the sentence's stance and the matched term in ``<mark>``. With the readiness lens
each document ends in a "Huiswerk klaar" table: per signal found or not, with its
strongest sentence or the advice. A document without pages
says "sectie" instead of "p." and "pagina". ``@media print`` keeps colours, avoids
breaking rows and starts each document on a new page.

Text from a PDF is untrusted: the jinja2 environment autoescapes everything, and the only
markup built in Python (``<mark>`` around terms) escapes each piece with ``markupsafe``.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..models import DocumentReport, Hit, Report, Status
from ._page import run_line, template
from ._readiness import (
    advice_line,
    evidence_place,
    found_label,
    readiness_intro,
    readiness_summary,
    signal_label,
)
from ._text import (
    absence_lines,
    compress_pages,
    hit_labels,
    hit_number,
    hit_spans,
    hit_stance,
    missing_themes,
    missing_words,
    pages_header,
    size_text,
    split_spans,
    status_counts,
    verdict_extra,
)
from .i18n import status_label, t, theme_label
from .style import BASE_CSS


@dataclass(frozen=True)
class _Evidence:
    page: str
    section: str
    context: str
    stance: str
    text: Markup


@dataclass(frozen=True)
class _Theme:
    label: str
    status: Status
    extra: str
    mentions: int
    pages: str
    strongest: Markup
    items: tuple[_Evidence, ...]


@dataclass(frozen=True)
class _Signal:
    """One row of the "Huiswerk klaar" table."""

    id: str
    label: str
    found: bool
    status: str  # "✔ gevonden" / "✘ niet gevonden"
    place: str
    text: Markup  # the strongest sentence, terms marked; empty when not found
    advice: str


@dataclass(frozen=True)
class _Doc:
    file: str
    municipality: str
    sha256: str
    error: str | None
    meta: str
    warnings: tuple[str, ...]
    summary: str
    counts: dict[Status, int]
    themes: tuple[_Theme, ...]
    evidence: tuple[_Theme, ...]
    missing_line: str
    absences: tuple[str, ...]
    pages_header: str
    readiness: tuple[_Signal, ...] = ()
    readiness_summary: str = ""


def _readiness_view(document: DocumentReport, lang: str) -> tuple[_Signal, ...]:
    return tuple(
        _Signal(
            id=signal.signal_id,
            label=signal_label(signal, lang),
            found=signal.found,
            status=found_label(signal.found, lang),
            place=evidence_place(signal, document, lang),
            text=mark_terms(signal.evidence[0]) if signal.evidence else Markup(""),
            advice=advice_line(signal, lang),
        )
        for signal in document.readiness
    )


def mark_terms(hit: Hit) -> Markup:
    """The hit's snippet as safe HTML: every piece escaped, the matched term in ``<mark>``."""
    return Markup("").join(
        Markup("<mark>{}</mark>").format(piece) if is_match else escape(piece)
        for piece, is_match in split_spans(hit.snippet, hit_spans(hit))
    )


def _theme_view(document: DocumentReport, lang: str) -> tuple[_Theme, ...]:
    views = []
    for coverage in document.themes:
        items = tuple(
            _Evidence(
                page=hit_number(hit, document, lang),
                section=hit.section.strip(),
                context=", ".join(hit_labels(hit, lang)),
                stance=hit_stance(hit, lang),
                text=mark_terms(hit),
            )
            for hit in coverage.evidence
        )
        views.append(
            _Theme(
                label=theme_label(coverage, lang),
                status=coverage.status,
                extra=verdict_extra(coverage, lang),
                mentions=coverage.mentions,
                pages=compress_pages(coverage.pages),
                strongest=items[0].text if items else Markup(""),
                items=items,
            )
        )
    return tuple(views)


def _document_view(document: DocumentReport, lang: str) -> _Doc:
    counts = status_counts(document)
    meta = size_text(document, lang)
    if document.pages_without_text:
        pages = compress_pages(document.pages_without_text)
        meta += f" ({t('pages_without_text', lang, pages=pages)})"
    themes = () if document.failed else _theme_view(document, lang)
    if missing_themes(document):
        missing_line = t("missing_line", lang, themes=missing_words(document, lang))
    else:
        missing_line = t("nothing_missing", lang)
    return _Doc(
        file=document.file,
        municipality=document.municipality or t("unknown_municipality", lang),
        sha256=document.sha256,
        error=document.error,
        meta=meta,
        warnings=document.warnings,
        summary=t(
            "summary",
            lang,
            addressed=counts[Status.ADDRESSED],
            mentioned=counts[Status.MENTIONED],
            missing=counts[Status.MISSING],
        ),
        counts=counts,
        themes=themes,
        evidence=tuple(theme for theme in themes if theme.items),
        missing_line=missing_line,
        absences=tuple(absence_lines(document, lang)) if not document.failed else (),
        pages_header=pages_header(document, lang),
        readiness=() if document.failed else _readiness_view(document, lang),
        readiness_summary=readiness_summary(document, lang) if document.readiness else "",
    )


def render_html(report: Report, lang: str = "nl") -> str:
    """The report as one self-contained HTML document."""
    return template("check.html.j2").render(
        base_css=BASE_CSS,
        lang=lang,
        tool_version=report.tool_version,
        body_class="check",
        title=t("title", lang),
        run_info=run_line(report, lang),
        statuses=(Status.ADDRESSED, Status.MENTIONED, Status.MISSING),
        documents=[_document_view(document, lang) for document in report.documents],
        readiness_intro=readiness_intro(report, lang),
        t=lambda key, **kwargs: t(key, lang, **kwargs),
        status_label=lambda status: status_label(status, lang),
    )
