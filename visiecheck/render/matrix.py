"""The batch overview for the terminal: municipalities × themes (``batch --format table``).

One row per municipality (alphabetical, or most missing first; the document
``Report.groups`` chose for it), and under it a dim sub-row for each other document of the
municipality (``↳ ontwerp 0.9 (visie-ontwerp.pdf)``, its own symbols), one narrow column per
theme with a three-letter code (legend under the table), the status as a symbol
(✔ addressed, ~ mentioned, ✘ missing; green/yellow/red with colour), the counts per
municipality, a totals row (how many municipalities name each theme), one line per theme
("7 van 14 gemeenten noemen geothermie") and the missing themes per municipality in
words. Documents that share most of their text get a line under the legend ("Mogelijk
dezelfde visie: Dinkelland en Tubbergen delen 83% van hun tekst"), so that a joint visie
is not counted twice. Totals count municipalities (their primary document). The files
behind each row are listed under the table, and the last line names the tool, the lexicon
(version, content hash, "aangepast" for an edited copy) and the run's time. An unreadable
file is a row with "Fout" and its reason below the table. Without colour the table is plain
ASCII and the output holds no escape codes.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models import Report
from ._batch import (
    counts_cell,
    duplicate_lines,
    error_text,
    failed_summary,
    file_lines,
    mentioned_line,
    overview_rows,
    read_count,
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
from ._safe import safe
from ._text import missing_themes, missing_words
from .console import text_console
from .terminal import STATUS_STYLES

NAME_WIDTH = 24  # where the themes leave little room (rich narrows it further to fit)
MAX_NAME_WIDTH = 44  # enough for "↳ ontwerp 0.9 (omgevingsvisie-2040.pdf)" on one line


def render_matrix(
    report: Report, lang: str = "nl", *, color: bool = False, width: int = 120, sort: str = "name"
) -> str:
    """The overview as terminal text (no line wider than ``width``)."""
    from .i18n import t

    # for direct callers: no control character reaches a terminal (names escaped by render)
    report = safe(report, escape_names=False)
    buffer = io.StringIO()
    console = text_console(buffer, width, color)
    columns = theme_columns(report, lang)
    documents = sort_documents(report, sort)
    rows = overview_rows(report, sort)
    table = Table(box=box.ROUNDED if color else box.ASCII, header_style="bold" if color else "")
    # a row is 1 + (name + 3) + 6 per theme + 9 (counts) wide: the name gets what is left
    name_width = max(NAME_WIDTH, min(MAX_NAME_WIDTH, width - 13 - 6 * len(columns)))
    table.add_column(t("municipality", lang), max_width=name_width, overflow="fold")
    for column in columns:
        table.add_column(column.code, justify="center", no_wrap=True)
    table.add_column(word("counts", lang), justify="right", no_wrap=True)
    for row in rows:
        document = row.document
        label = Text(row.label, style="dim" if color and row.sub else "")
        if document.failed:
            cells = [label]
            cells += [Text("·") for _ in columns]
            cells.append(Text(t("error", lang), style="bold red" if color else ""))
            table.add_row(*cells)
            continue
        cells = [label]
        for column in columns:
            status = status_of(document, column.id)
            style = STATUS_STYLES[status] if color and status is not None else ""
            if color and row.sub:
                style = f"{style} dim".strip()
            cells.append(Text(symbol(status), style=style))
        cells.append(Text(counts_cell(document)))
        table.add_row(*cells)
    total = read_count(report)
    table.add_section()
    table.add_row(
        Text(word("total", lang)),
        *[Text(str(theme_total(report, column.id))) for column in columns],
        Text(str(total)),
    )
    console.print(table)
    legend = ", ".join(f"{column.code} = {column.label}" for column in columns)
    console.print(
        Text(
            f"{word('legend', lang)}: ✔ {t('status.addressed', lang)}, "
            f"~ {t('status.mentioned', lang)}, ✘ {t('status.missing', lang)}; {legend}"
        )
    )
    duplicates = duplicate_lines(report, lang)
    if duplicates:
        console.print()
        for line in duplicates:
            console.print(Text(line, style="yellow" if color else ""))
    console.print()
    for column in columns:
        console.print(Text(mentioned_line(report, column, lang)))
    lines = [
        (row_label(row.document), missing_words(row.document, lang))
        for row in rows
        if not row.sub and not row.document.failed and missing_themes(row.document)
    ]
    if lines:
        console.print()
        console.print(Text(f"{word('missing_per', lang)}:", style="bold" if color else ""))
        for name, missing in lines:
            console.print(Text(f"- {name}: {missing}", style="red" if color else ""))
    if shows_readiness(report):
        console.print()
        _print_readiness_matrix(console, report, lang, color, sort)
    console.print()
    console.print(Text(f"{word('files', lang)}:", style="bold" if color else ""))
    for line in file_lines(report, lang, sort):
        console.print(Text(f"- {line}"))
    failed = [document for document in documents if document.failed]
    if failed:
        console.print()
        console.print(Text(f"{word('errors', lang)}:", style="bold" if color else ""))
        for document in failed:
            console.print(
                Text(
                    f"- {row_label(document)} ({document.file}): {error_text(document, lang)}",
                    style="red" if color else "",
                )
            )
    console.print()
    console.print(Text(run_line(report, lang), style="dim" if color else ""))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _print_readiness_matrix(
    console: Console, report: Report, lang: str, color: bool, sort: str
) -> None:
    """The second matrix: municipalities × readiness signals (✔ found, ✘ not found)."""
    from .i18n import t

    columns = signal_columns(report, lang)
    console.print(Text(t("readiness.matrix", lang), style="bold" if color else ""))
    table = Table(box=box.ROUNDED if color else box.ASCII, header_style="bold" if color else "")
    table.add_column(t("municipality", lang), max_width=MAX_NAME_WIDTH, overflow="fold")
    for column in columns:
        table.add_column(column.code, justify="center", no_wrap=True)
    table.add_column("✔", justify="right", no_wrap=True)
    rows = overview_rows(report, sort)
    for row in rows:
        label = Text(row.label, style="dim" if color and row.sub else "")
        if row.document.failed:
            error = Text(t("error", lang), style="bold red" if color else "")
            table.add_row(label, *[Text("·") for _ in columns], error)
            continue
        cells = [label]
        for column in columns:
            found = signal_found(row.document, column.id)
            style = ("green" if found else "red") if color and found is not None else ""
            cells.append(Text(signal_symbol(found), style=style))
        table.add_row(*cells, Text(found_count_cell(row.document)))
    primaries = [row.document for row in rows if not row.sub]
    table.add_section()
    table.add_row(
        Text(word("total", lang)),
        *[Text(str(signal_total(primaries, column.id))) for column in columns],
        Text(str(read_count(report))),
    )
    console.print(table)
    console.print(Text(f"{word('legend', lang)}: {matrix_legend(columns, lang)}"))


__all__ = ["failed_summary", "render_matrix"]
