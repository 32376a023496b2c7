"""Markdown for a memo or an issue (GitHub-flavoured pipe tables).

Per document: a heading (municipality and file), its pages and warnings, the status counts,
a pipe table (theme, status with depth and stance "✔ uitgewerkt · beleidskeuze
(uitgesloten)", mentions, pages, strongest evidence shortened around the term with the
term in bold), the missing themes line with per missing theme what was searched, and, per
theme with evidence, a list ``p. 14, 3 Toekomst › 3.2 Energie (bijlage) · ambitie:
“…sentence…”``. A document without pages says "sectie" instead of "p." and "pagina".
Text from the PDF is escaped with backslashes (``|``, ``*``, ``_``, ``<``, ``[`` and the
other characters Markdown acts on inline), so it is shown exactly and cannot break the
table or inject markup.
"""

from __future__ import annotations

import re

from ..models import DocumentReport, Hit, Report, Status
from ._readiness import (
    advice_line,
    evidence_place,
    found_label,
    readiness_intro,
    readiness_summary,
    shows_readiness,
    signal_label,
)
from ._text import (
    VERDICT_SEPARATOR,
    absence_lines,
    compress_pages,
    hit_location,
    hit_spans,
    hit_stance,
    missing_themes,
    missing_words,
    pages_header,
    shorten,
    size_text,
    split_spans,
    status_counts,
    strongest,
    verdict_label,
)
from .i18n import generated_by, t, theme_label

TABLE_SNIPPET_BUDGET = 120
# Only what acts inline; ( ) # + ! are harmless once [ ] are escaped and nothing of ours
# starts a line with PDF text, so ordinary sentences stay readable in the raw Markdown.
_WHITESPACE = re.compile(r"\s+")
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def md_escape(text: str) -> str:
    """Untrusted text as literal Markdown inline text on one line."""
    # Collapse line breaks (they would end a table row) but keep edge spaces: pieces
    # around a bold term are joined back together.
    return _SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", text))


def _marked(hit: Hit, budget: int | None = None) -> str:
    text, spans = hit.snippet, hit_spans(hit)
    if budget is not None:
        text, spans = shorten(text, spans, budget)
    return "".join(
        f"**{md_escape(piece)}**" if is_match else md_escape(piece)
        for piece, is_match in split_spans(text, spans)
    )


def _document(document: DocumentReport, lang: str) -> list[str]:
    municipality = document.municipality or t("unknown_municipality", lang)
    lines = [f"## {md_escape(municipality)} — {md_escape(document.file)}", ""]
    if document.failed:
        lines += [f"**{t('error', lang)}:** {md_escape(document.error or '')}", ""]
        return lines
    meta = size_text(document, lang)
    if document.pages_without_text:
        pages = compress_pages(document.pages_without_text)
        meta += f" ({t('pages_without_text', lang, pages=pages)})"
    lines.append(f"- {meta}")
    lines += [f"- {t('warning', lang)}: {md_escape(warning)}" for warning in document.warnings]
    counts = status_counts(document)
    summary = t(
        "summary",
        lang,
        addressed=counts[Status.ADDRESSED],
        mentioned=counts[Status.MENTIONED],
        missing=counts[Status.MISSING],
    )
    lines += [f"- {summary}", ""]
    columns = [t(key, lang) for key in ("col.theme", "col.status", "col.mentions")]
    columns += [pages_header(document, lang), t("col.evidence", lang)]
    lines.append("| " + " | ".join(columns) + " |")
    lines.append("|---|---|---:|---|---|")
    for coverage in document.themes:
        hit = strongest(coverage)
        cells = [
            md_escape(theme_label(coverage, lang)),
            verdict_label(coverage, lang),
            str(coverage.mentions),
            compress_pages(coverage.pages),
            _marked(hit, TABLE_SNIPPET_BUDGET) if hit else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    if missing_themes(document):
        missing = md_escape(missing_words(document, lang))
        lines.append(f"**{t('missing_line', lang, themes=missing)}**")
        absences = absence_lines(document, lang)
        if absences:
            lines += ["", *[f"- {md_escape(line)}" for line in absences]]
    else:
        lines.append(t("nothing_missing", lang))
    lines.append("")
    with_evidence = [coverage for coverage in document.themes if coverage.evidence]
    if with_evidence:
        lines += [f"### {t('heading_evidence', lang)}", ""]
    for coverage in with_evidence:
        lines += [
            f"**{md_escape(theme_label(coverage, lang))}** — {verdict_label(coverage, lang)}",
            "",
        ]
        for hit in coverage.evidence:
            where = md_escape(hit_location(hit, document, lang))
            stance = hit_stance(hit, lang)
            if stance:
                where += f"{VERDICT_SEPARATOR}{stance}"
            lines.append(f"- {where}: “{_marked(hit)}”")
        lines.append("")
    return lines


def _readiness(report: Report, document: DocumentReport, lang: str) -> list[str]:
    """The "Huiswerk klaar" block: a table of signals, each with its strongest sentence
    or, when not found, the advice line."""
    if document.failed or not document.readiness:
        return []
    lines = [f"### {t('readiness.heading', lang)}", ""]
    lines += [md_escape(readiness_intro(report, lang)), ""]
    lines += [f"- {readiness_summary(document, lang)}", ""]
    columns = [t(key, lang) for key in ("readiness.col.signal", "col.status")]
    lines.append("| " + " | ".join([*columns, t("readiness.col.evidence", lang)]) + " |")
    lines.append("|---|---|---|")
    for signal in document.readiness:
        if signal.evidence:
            where = md_escape(evidence_place(signal, document, lang))
            detail = f"{where}: “{_marked(signal.evidence[0], TABLE_SNIPPET_BUDGET)}”"
        else:
            detail = md_escape(advice_line(signal, lang))
        cells = [md_escape(signal_label(signal, lang)), found_label(signal.found, lang), detail]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def render_markdown(report: Report, lang: str = "nl") -> str:
    """The report as one Markdown document ending in a single newline."""
    lines = [f"# {t('title', lang)}", ""]
    lines.append(md_escape(generated_by(report, lang)))
    lines.append("")
    for document in report.documents:
        lines += _document(document, lang)
        if shows_readiness(report):
            lines += _readiness(report, document, lang)
    return "\n".join(lines).rstrip("\n") + "\n"
