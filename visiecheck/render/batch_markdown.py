"""The batch overview as Markdown: the matrix table, the totals, documents that are
possibly one joint visie, and what is missing."""

from __future__ import annotations

from ..models import Report
from ._batch import (
    counts_cell,
    duplicate_lines,
    error_text,
    mentioned_line,
    row_label,
    sort_documents,
    status_of,
    symbol,
    theme_columns,
    theme_total,
    word,
)
from ._text import missing_themes, missing_words
from .i18n import t
from .markdown import md_escape


def render_batch_markdown(report: Report, lang: str = "nl", *, sort: str = "name") -> str:
    columns = theme_columns(report, lang)
    documents = sort_documents(report, sort)
    lines = [f"# {word('batch_title', lang, n=len(report.documents))}", ""]
    lines.append(
        "| "
        + " | ".join([t("municipality", lang), *[c.code for c in columns], word("counts", lang)])
        + " |"
    )
    lines.append("|---|" + ":---:|" * len(columns) + "---:|")
    for document in documents:
        if document.failed:
            cells = ["·"] * len(columns) + [md_escape(error_text(document, lang))]
        else:
            cells = [symbol(status_of(document, c.id)) for c in columns] + [counts_cell(document)]
        lines.append(f"| {md_escape(row_label(document))} | " + " | ".join(cells) + " |")
    lines.append(
        f"| **{word('total', lang)}** | "
        + " | ".join(str(theme_total(report, c.id)) for c in columns)
        + " | |"
    )
    lines += [
        "",
        word("legend", lang) + ": " + ", ".join(f"{c.code} = {c.label}" for c in columns),
        "",
    ]
    lines += [f"- {mentioned_line(report, c, lang)}" for c in columns]
    duplicates = duplicate_lines(report, lang)
    if duplicates:
        lines += ["", f"## {t('duplicates.heading', lang)}", ""]
        lines += [f"- {md_escape(line)}" for line in duplicates]
    missing = [d for d in documents if not d.failed and missing_themes(d)]
    if missing:
        lines += ["", f"## {word('missing_per', lang)}", ""]
        lines += [
            f"- **{md_escape(row_label(d))}**: {md_escape(missing_words(d, lang))}" for d in missing
        ]
    failed = [d for d in documents if d.failed]
    if failed:
        lines += ["", f"## {word('errors', lang)}", ""]
        lines += [
            f"- **{md_escape(row_label(d))}** ({md_escape(d.file)}): "
            + md_escape(error_text(d, lang))
            for d in failed
        ]
    return "\n".join(lines) + "\n"
