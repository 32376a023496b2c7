"""Renderers: a ``Report`` → the text of one output format.

``render(report, fmt, lang=..., color=..., width=...)`` is what the CLI calls. Each format
lives in its own module with a ``render_<fmt>(report, lang=...)`` function:

- ``table`` → ``terminal.render_table`` (rich; the only module that imports rich)
- ``json`` → ``json_report.render_json`` (the contract; ``to_json_dict`` for the data)
- ``csv`` → ``csv_report.render_csv``
- ``markdown`` → ``markdown.render_markdown``
- ``html`` → ``html.render_html`` (one self-contained file)

Modules are imported on demand so that ``--format json`` never loads rich or jinja2.
Every string of the report is made safe first (``_safe.safe``): file names escaped, no
control or bidi character written anywhere.
"""

from __future__ import annotations

from ..errors import UsageError
from ..messages import Msg
from ..models import Report
from ._safe import safe
from ._text import compress_pages
from .i18n import check_language

FORMATS = ("table", "json", "csv", "markdown", "html")
# ``batch`` shows an overview (a matrix municipalities × themes) instead of one table per
# document, and can also write an Excel workbook.
BATCH_FORMATS = ("table", "json", "csv", "xlsx", "html", "markdown")

__all__ = ["BATCH_FORMATS", "FORMATS", "compress_pages", "render", "render_batch"]


def render(
    report: Report, fmt: str, *, lang: str = "nl", color: bool = False, width: int = 100
) -> str:
    """The full text of ``report`` in format ``fmt`` and language ``lang``.

    ``color`` and ``width`` only concern ``table``: ANSI colours only when ``color`` is
    true, and no line wider than ``width``. Unknown formats or languages raise
    ``UsageError``.
    """
    check_language(lang)
    report = safe(report)
    if fmt == "table":
        from .terminal import render_table

        return render_table(report, lang, color=color, width=width)
    if fmt == "json":
        from .json_report import render_json

        return render_json(report, lang)
    if fmt == "csv":
        from .csv_report import render_csv

        return render_csv(report, lang)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(report, lang)
    if fmt == "html":
        from .html import render_html

        return render_html(report, lang)
    raise UsageError(
        Msg("usage.unknown_value", option="format", value=fmt, choices=", ".join(FORMATS))
    )


def render_batch(
    report: Report,
    fmt: str,
    *,
    lang: str = "nl",
    color: bool = False,
    width: int = 120,
    sort: str = "name",
) -> str | bytes:
    """The batch overview of ``report`` in ``fmt``: text, or bytes for ``xlsx``.

    ``json`` and ``csv`` are the same documents as for ``check`` (all documents, input
    order); ``table``, ``markdown``, ``html`` and ``xlsx`` are the matrix, sorted by
    ``sort`` (``name`` or ``missing``).
    """
    check_language(lang)
    if fmt in ("json", "csv"):
        return render(report, fmt, lang=lang)  # which makes it safe: escaping twice doubles
    report = safe(report)
    if fmt == "table":
        from .matrix import render_matrix

        return render_matrix(report, lang, color=color, width=width, sort=sort)
    if fmt == "markdown":
        from .batch_markdown import render_batch_markdown

        return render_batch_markdown(report, lang, sort=sort)
    if fmt == "html":
        from .batch_html import render_batch_html

        return render_batch_html(report, lang, sort=sort)
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(report, lang, sort=sort)
    raise UsageError(
        Msg("usage.unknown_value", option="format", value=fmt, choices=", ".join(BATCH_FORMATS))
    )
