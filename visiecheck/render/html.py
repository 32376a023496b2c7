"""One self-contained HTML file: to mail around, open offline and print.

Everything is inline (CSS in a ``<style>`` element); no script, no external stylesheet,
font, image or link, so the file works without a network and leaks nothing when opened.
It holds a summary (per document the number of addressed / mentioned / missing themes),
per document a theme table whose status cells carry colour *and* symbol + word (readable
in black and white) with the depth and dominant stance below them ("beleidskeuze
(uitgesloten)"), the missing themes line with per missing theme what was searched, and per
theme the evidence sentences with page number, section path, a label for annexes and the
like, the sentence's stance and the matched term in ``<mark>``. A document without pages
says "sectie" instead of "p." and "pagina". ``@media print`` keeps colours, avoids
breaking rows and starts each document on a new page.

Text from a PDF is untrusted: the jinja2 environment autoescapes everything, and the only
markup built in Python (``<mark>`` around terms) escapes each piece with ``markupsafe``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup, escape

from ..models import DocumentReport, Hit, Report, Status
from ._text import (
    absence_lines,
    compress_pages,
    hit_labels,
    hit_spans,
    hit_stance,
    missing_themes,
    missing_words,
    pages_header,
    place,
    size_text,
    split_spans,
    status_counts,
    verdict_extra,
)
from .i18n import generated_by, status_label, t, theme_label
from .style import BASE_CSS

_TEMPLATE = """\
<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="visiecheck {{ report.tool_version }}">
<title>{{ title }}</title>
<style>
{{ base_css }}
h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 2px solid #1b1b1b; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
td.status { white-space: nowrap; font-weight: 600; }
.warning { color: #7a4a00; }
.missing { font-weight: 600; }
.page { font-weight: 600; white-space: nowrap; }
.context { color: #555; font-style: italic; }
.verdict { font-weight: 400; }
.stance { color: #555; }
ul.absence { margin: .2rem 0 .6rem; color: #333; }
footer { margin-top: 3rem; color: #555; font-size: .9rem; }
@media print {
  section.document { break-before: page; }
  h4 { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
}
</style>
</head>
<body>
<header>
<h1>{{ title }}</h1>
<p class="meta">{{ generated_by }}</p>
</header>
<section class="summary">
<h2>{{ t("heading_summary") }}</h2>
<table>
<thead><tr>
<th>{{ t("municipality") }}</th><th>{{ t("file") }}</th>
{% for status in statuses %}
<th class="status-{{ status.value }}">{{ status_label(status) }}</th>
{% endfor %}
</tr></thead>
<tbody>
{% for doc in documents %}
<tr>
<td>{{ doc.municipality }}</td><td class="file">{{ doc.file }}</td>
{% if doc.error is not none %}
<td colspan="3" class="error">{{ t("error_line", error=doc.error) }}</td>
{% else %}
{% for status in statuses %}
<td class="num">{{ doc.counts[status] }}</td>
{% endfor %}
{% endif %}
</tr>
{% endfor %}
</tbody>
</table>
</section>
{% for doc in documents %}
<section class="document">
<h2>{{ doc.municipality }} — <span class="file">{{ doc.file }}</span></h2>
{% if doc.error is not none %}
<p class="error">{{ t("error_line", error=doc.error) }}</p>
{% else %}
<p class="meta">{{ doc.meta }}</p>
<p class="meta">{{ t("sha256") }}: <span class="file">{{ doc.sha256 }}</span></p>
{% if doc.warnings %}
<ul class="warnings">
{% for warning in doc.warnings %}<li class="warning">{{ t("warning") }}: {{ warning }}</li>
{% endfor %}
</ul>
{% endif %}
<p>{{ doc.summary }}</p>
<table class="themes">
<thead><tr>
<th>{{ t("col.theme") }}</th><th>{{ t("col.status") }}</th><th>{{ t("col.mentions") }}</th>
<th>{{ doc.pages_header }}</th><th>{{ t("col.evidence") }}</th>
</tr></thead>
<tbody>
{% for theme in doc.themes %}
<tr>
<td>{{ theme.label }}</td>
<td class="status status-{{ theme.status.value }}">{{ status_label(theme.status) }}
{%- if theme.extra %}<br><span class="verdict">{{ theme.extra }}</span>{% endif %}</td>
<td class="num">{{ theme.mentions }}</td>
<td>{{ theme.pages }}</td>
<td>{{ theme.strongest }}</td>
</tr>
{% endfor %}
</tbody>
</table>
<p class="missing">{{ doc.missing_line }}</p>
{% if doc.absences %}
<ul class="absence">
{% for line in doc.absences %}<li>{{ line }}</li>
{% endfor %}
</ul>
{% endif %}
{% if doc.evidence %}
<h3>{{ t("heading_evidence") }}</h3>
{% for theme in doc.evidence %}
<h4>{{ theme.label }}
<span class="status-{{ theme.status.value }}">{{ status_label(theme.status) }}</span>
{%- if theme.extra %} <span class="verdict">· {{ theme.extra }}</span>{% endif %}</h4>
<ul class="evidence">
{% for item in theme.items %}
<li><span class="page">{{ item.page }}</span>
{%- if item.section %}, <span class="section">{{ item.section }}</span>{% endif %}
{%- if item.context %} <span class="context">({{ item.context }})</span>{% endif %}
{%- if item.stance %} <span class="stance">· {{ item.stance }}</span>{% endif -%}
: “{{ item.text }}”</li>
{% endfor %}
</ul>
{% endfor %}
{% endif %}
{% endif %}
</section>
{% endfor %}
<footer><p>{{ generated_by }}</p></footer>
</body>
</html>
"""


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


@cache
def _template() -> Template:
    environment = Environment(
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.from_string(_TEMPLATE)


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
                page=place(hit.page, document, lang),
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
    )


def render_html(report: Report, lang: str = "nl") -> str:
    """The report as one self-contained HTML document."""
    made_with = generated_by(report, lang)
    return _template().render(
        base_css=BASE_CSS,
        lang=lang,
        report=report,
        title=t("title", lang),
        generated_by=made_with,
        statuses=(Status.ADDRESSED, Status.MENTIONED, Status.MISSING),
        documents=[_document_view(document, lang) for document in report.documents],
        t=lambda key, **kwargs: t(key, lang, **kwargs),
        status_label=lambda status: status_label(status, lang),
    )
