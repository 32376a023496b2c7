"""The batch overview as one self-contained HTML file.

The coloured matrix (municipalities × themes, symbol + word in every cell, readable in
black and white) where every cell links to ``#ev-<row>-<theme>``: that municipality's
evidence for that theme further down the page (every target exists, also for missing
themes: "Niets gevonden"). A cell's tooltip (``title``) adds the depth and the dominant
stance ("✔ uitgewerkt · beleidskeuze (uitgesloten)"); each evidence sentence carries its
page or section number, section path, annex label and stance. Documents that share most
of their text are listed under the matrix ("Mogelijk dezelfde visie: …"). Inline CSS
only: no script, no external resource. All PDF text is escaped by jinja2's
autoescaping; the ``<mark>`` around terms is built from escaped pieces
(``html.mark_terms``).
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, StrictUndefined, Template

from ..models import Report
from ._batch import (
    counts_cell,
    duplicate_lines,
    error_text,
    mentioned_line,
    row_label,
    sort_documents,
    status_of,
    theme_columns,
    theme_total,
    word,
)
from ._text import hit_location, hit_stance, missing_themes, missing_words, verdict_label
from .html import mark_terms
from .i18n import status_label, t
from .style import BASE_CSS

_TEMPLATE = """\
<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
{{ base_css }}
body { max-width: 90rem; }
table { width: auto; }
th, td { padding: .3rem .45rem; }
th { font-size: .85rem; }
td.cell a { color: inherit; text-decoration: none; display: block; white-space: nowrap; }
mark { padding: 0; }
h3 { margin-top: 1.6rem; } h4 { margin: 1rem 0 .3rem; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<p>{{ generated_by }}</p>
<table class="matrix">
<thead><tr><th>{{ t("municipality") }}</th>
{% for column in columns %}<th title="{{ column.label }}">{{ column.label }}</th>{% endfor %}
<th>{{ counts_header }}</th></tr></thead>
<tbody>
{% for row in rows %}
<tr><th><a href="#doc-{{ row.key }}">{{ row.label }}</a></th>
{% if row.error %}
<td class="error" colspan="{{ columns|length + 1 }}">{{ row.error }}</td>
{% else %}
{% for cell in row.cells %}
<td class="cell status-{{ cell.status }}" title="{{ cell.title }}">
<a href="#{{ cell.target }}">{{ cell.text }}</a></td>
{% endfor %}
<td>{{ row.counts }}</td>
{% endif %}
</tr>
{% endfor %}
<tr><th>{{ total_word }}</th>{% for total in totals %}<td>{{ total }}</td>{% endfor %}<td></td></tr>
</tbody>
</table>
<ul>{% for line in mentioned %}<li>{{ line }}</li>{% endfor %}</ul>
{% if duplicates %}
<h2>{{ t("duplicates.heading") }}</h2>
<ul class="duplicates">
{% for line in duplicates %}<li>{{ line }}</li>
{% endfor %}
</ul>
{% endif %}
{% if missing %}
<h2>{{ missing_heading }}</h2>
<ul>
{% for name, words in missing %}<li><strong>{{ name }}</strong>: {{ words }}</li>
{% endfor %}
</ul>
{% endif %}
<h2>{{ t("heading_evidence") }}</h2>
{% for row in rows %}
<section id="doc-{{ row.key }}">
<h3>{{ row.label }} — {{ row.file }}</h3>
{% if row.error %}<p class="error">{{ row.error }}</p>{% endif %}
{% for theme in row.themes %}
<h4 id="{{ theme.target }}">{{ theme.label }}:
<span class="status-{{ theme.status }}">{{ theme.status_text }}</span></h4>
{% if theme.hits %}
<ul>
{% for item in theme.hits %}<li><strong>{{ item.page }}</strong>
{%- if item.stance %} · {{ item.stance }}{% endif %}: “{{ item.text }}”</li>
{% endfor %}
</ul>
{% else %}<p>{{ none_found }}</p>{% endif %}
{% endfor %}
</section>
{% endfor %}
</body>
</html>
"""


@cache
def _template() -> Template:
    environment = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    return environment.from_string(_TEMPLATE)


def render_batch_html(report: Report, lang: str = "nl", *, sort: str = "name") -> str:
    columns = theme_columns(report, lang)
    documents = sort_documents(report, sort)
    rows = []
    for number, document in enumerate(documents, start=1):
        key = str(number)
        cells, themes = [], []
        for column in columns:
            status = status_of(document, column.id)
            target = f"ev-{key}-{column.id}"
            if status is None:
                continue
            coverage = document.coverage(column.id)
            cells.append(
                {
                    "status": status.value,
                    "target": target,
                    "text": status_label(status, lang),
                    "title": verdict_label(coverage, lang),
                }
            )
            themes.append(
                {
                    "target": target,
                    "label": column.label,
                    "status": status.value,
                    "status_text": verdict_label(coverage, lang),
                    "hits": [
                        {
                            "page": hit_location(hit, document, lang),
                            "stance": hit_stance(hit, lang),
                            "text": mark_terms(hit),
                        }
                        for hit in coverage.evidence
                    ],
                }
            )
        rows.append(
            {
                "key": key,
                "label": row_label(document),
                "file": document.file,
                "error": error_text(document, lang) if document.failed else None,
                "cells": cells,
                "themes": themes,
                "counts": "" if document.failed else counts_cell(document),
            }
        )
    return _template().render(
        base_css=BASE_CSS,
        lang=lang,
        title=word("batch_title", lang, n=len(report.documents)),
        generated_by=t(
            "generated_by",
            lang,
            tool="visiecheck",
            version=report.tool_version,
            lexicon=report.lexicon.name,
            lexicon_version=report.lexicon.version,
        ),
        columns=columns,
        rows=rows,
        counts_header=word("counts", lang),
        total_word=word("total", lang),
        totals=[theme_total(report, c.id) for c in columns],
        mentioned=[mentioned_line(report, c, lang) for c in columns],
        duplicates=duplicate_lines(report, lang),
        missing=[
            (row_label(d), missing_words(d, lang))
            for d in documents
            if not d.failed and missing_themes(d)
        ],
        missing_heading=word("missing_per", lang),
        none_found=word("none_found", lang),
        t=lambda key, **kwargs: t(key, lang, **kwargs),
    )
