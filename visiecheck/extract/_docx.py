"""Word ``.docx`` files (python-docx): paragraphs and tables in document order.

Headings (styles *Heading n* / *Kop n*, *Title* / *Titel*) are kept as headings and
each one starts a new section; list paragraphs get a bullet; every table row is one
block with its cells separated by `` | ``. Running headers and footers of the Word
file are not read (like those of a PDF, they repeat on every page).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import LxmlError

from ..errors import CorruptPdfError
from ..messages import Msg
from ._sections import BULLET, SectionBuilder
from ._types import RawPage

_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "titel", "subtitle", "ondertitel"}


def _style_names(paragraph: Paragraph) -> Iterator[str]:
    """The paragraph's style name and those it is based on (a custom heading style
    built on *Heading 2* is still a heading)."""
    style: Any = paragraph.style
    seen = 0
    while style is not None and seen < 10:
        yield (style.name or "").strip()
        style = style.base_style
        seen += 1


def _is_heading(paragraph: Paragraph) -> bool:
    for name in _style_names(paragraph):
        if _HEADING_STYLE.match(name) or name.lower() in _TITLE_STYLES:
            return True
    return False


def _is_list_item(paragraph: Paragraph) -> bool:
    properties = paragraph._p.pPr  # python-docx has no public accessor for numbering
    if properties is not None and properties.numPr is not None:
        return True
    names = [name.lower() for name in _style_names(paragraph)]
    return any("list" in name or "lijst" in name for name in names)


def _cell_text(cell: Any) -> str:
    parts: list[str] = []
    for item in cell.iter_inner_content():
        if isinstance(item, Paragraph):
            parts.append(item.text)
        elif isinstance(item, Table):
            parts.extend(" | ".join(row) for row in _table_rows(item))
    return " ".join(" ".join(parts).split())


def _table_rows(table: Table) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:
                continue  # a merged cell is reported once per grid column it spans
            previous = cell._tc
            text = _cell_text(cell)
            if text:
                cells.append(text)
        if cells:
            rows.append(cells)
    return rows


def read_sections(data: bytes, path: str | Path) -> list[RawPage]:
    """The document's sections (a heading starts one) as raw pages of blocks."""
    try:
        document = docx.Document(io.BytesIO(data))
        builder = SectionBuilder()
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                for row in _table_rows(item):
                    builder.block([" | ".join(row)])
                continue
            text = item.text
            if not text.strip():
                continue
            if _is_heading(item):
                builder.heading(text, new_section=True)
            elif _is_list_item(item):
                builder.block([BULLET + text.replace("\n", " ")])
            else:
                # A manual line break (Shift+Enter) stays a line inside the paragraph.
                builder.block(text.split("\n"))
        return builder.pages()
    except (OpcError, LxmlError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CorruptPdfError(
            Msg("read.docx_damaged", detail=type(error).__name__),
            path=path,
        ) from None
