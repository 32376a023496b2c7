"""The batch overview as Markdown: the matrix table (one row per municipality, a sub-row
per other document of it), the totals, documents that are possibly one joint visie, what
is missing, with the readiness lens the second matrix "Huiswerk klaar", the files behind
each row and the run's tool and lexicon."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..models import DocumentReport, Report
from ._batch import (
    OverviewRow,
    counts_cell,
    duplicate_lines,
    error_text,
    file_lines,
    mentioned_line,
    municipality_groups,
    overview_rows,
    row_label,
    run_line,
    sort_documents,
    status_of,
    symbol,
    theme_columns,
    theme_total,
    word,
)
from ._readiness import (
    found_count_cell,
    matrix_legend,
    shows_readiness,
    signal_columns,
    signal_found,
    signal_symbol,
    signal_total,
)
from ._text import missing_themes, missing_words
from .i18n import t
from .markdown import md_escape


def render_batch_markdown(report: Report, lang: str = "nl", *, sort: str = "name") -> str:
    columns = theme_columns(report, lang)
    documents = sort_documents(report, sort)
    rows = overview_rows(report, sort)
    # the title counts municipalities: a draft beside the adopted visie is no extra visie
    lines = [f"# {word('batch_title', lang, n=len(municipality_groups(report)))}", ""]
    lines += _matrix_table(
        rows,
        [c.code for c in columns],
        word("counts", lang),
        lambda document: [
            *(symbol(status_of(document, c.id)) for c in columns),
            counts_cell(document),
        ],
        [theme_total(report, c.id) for c in columns],
        lang,
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
    missing = [
        row.document
        for row in rows
        if not row.sub and not row.document.failed and missing_themes(row.document)
    ]
    if missing:
        lines += ["", f"## {word('missing_per', lang)}", ""]
        lines += [
            f"- **{md_escape(row_label(d))}**: {md_escape(missing_words(d, lang))}" for d in missing
        ]
    if shows_readiness(report):
        lines += ["", *_readiness_matrix(report, lang, sort)]
    lines += ["", f"## {word('files', lang)}", ""]
    lines += [f"- {md_escape(line)}" for line in file_lines(report, lang, sort)]
    failed = [d for d in documents if d.failed]
    if failed:
        lines += ["", f"## {word('errors', lang)}", ""]
        lines += [
            f"- **{md_escape(row_label(d))}** ({md_escape(d.file)}): "
            + md_escape(error_text(d, lang))
            for d in failed
        ]
    lines += ["", f"*{md_escape(run_line(report, lang))}*"]
    return "\n".join(lines) + "\n"


def _readiness_matrix(report: Report, lang: str, sort: str) -> list[str]:
    """The second matrix "Huiswerk klaar": municipalities × readiness signals."""
    columns = signal_columns(report, lang)
    rows = overview_rows(report, sort)
    primaries = [row.document for row in rows if not row.sub]
    lines = [f"## {t('readiness.matrix', lang)}", ""]
    lines += _matrix_table(
        rows,
        [c.code for c in columns],
        "✔",
        lambda document: [
            *(signal_symbol(signal_found(document, c.id)) for c in columns),
            found_count_cell(document),
        ],
        [signal_total(primaries, c.id) for c in columns],
        lang,
    )
    return [*lines, "", f"{word('legend', lang)}: {md_escape(matrix_legend(columns, lang))}"]


def _matrix_table(
    rows: Sequence[OverviewRow],
    codes: Sequence[str],
    last_header: str,
    cells_of: Callable[[DocumentReport], list[str]],
    totals: Sequence[int],
    lang: str,
) -> list[str]:
    """A markdown matrix: header, one line per row (a failed document shows its error in
    the last column), and the totals line. Both matrices (themes, readiness) use it."""
    lines = [
        "| " + " | ".join([t("municipality", lang), *codes, last_header]) + " |",
        "|---|" + ":---:|" * len(codes) + "---:|",
    ]
    for row in rows:
        document = row.document
        if document.failed:
            cells = ["·"] * len(codes) + [md_escape(error_text(document, lang))]
        else:
            cells = cells_of(document)
        lines.append(f"| {md_escape(row.label)} | " + " | ".join(cells) + " |")
    lines.append(
        f"| **{word('total', lang)}** | " + " | ".join(str(total) for total in totals) + " | |"
    )
    return lines
