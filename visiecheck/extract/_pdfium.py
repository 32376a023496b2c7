"""The ``pdfium`` engine (pypdfium2): fast, default.

Per page the whole text is fetched once with ``FPDFText_GetText`` (pdfium's own
order). Layout comes from pdfium's text rectangles (``FPDFText_CountRects`` /
``GetRect``: one per run of text on a line): for each rectangle one lookup finds its
first character, which gives the rectangle's slice of the page text, its font size
and its baseline. No per-character loop, except for short letter-spaced headings.
The shared layout code then puts the segments in column-by-column order.
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptPdfError, EncryptedPdfError
from ._layout import Segment, page_blocks, respace_letters
from ._types import RawPage

_LETTER_SPACED = re.compile(r"^(?:\S ){3,}\S$")


def _open(data: bytes, password: str | None, path: str | Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            if password:
                raise EncryptedPdfError(
                    "the password is wrong; give the right one with --password",
                    path=path,
                ) from None
            raise EncryptedPdfError(
                "the PDF is password-protected; give the password with --password",
                path=path,
            ) from None
        raise CorruptPdfError(
            "the PDF is damaged or incomplete and cannot be read; "
            "save or export it again and retry",
            path=path,
        ) from None


def _respace(textpage: pdfium.PdfTextPage, first: int, count: int) -> str | None:
    """Rebuild a letter-spaced run with two spaces where the gap between letters is wide."""
    raw = textpage.raw
    letters: list[tuple[str, float, float]] = []
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for index in range(first, first + count):
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        if code in (0, 0x20, 0x0D, 0x0A):
            continue
        pdfium_c.FPDFText_GetCharBox(raw, index, left, right, bottom, top)
        letters.append((chr(code), left.value, right.value))
    return respace_letters(letters)


def _page_segments(textpage: pdfium.PdfTextPage, n_chars: int) -> list[Segment]:
    raw = textpage.raw
    full_text = textpage.get_text_range(0, n_chars)
    n_rects = pdfium_c.FPDFText_CountRects(raw, 0, n_chars)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    boxes: list[tuple[float, float, float, float, int]] = []
    for rect_index in range(n_rects):
        pdfium_c.FPDFText_GetRect(raw, rect_index, left, top, right, bottom)
        x0, y1, x1, y0 = left.value, top.value, right.value, bottom.value
        char = pdfium_c.FPDFText_GetCharIndexAtPos(
            raw, x0 + min(0.5, (x1 - x0) / 2), (y1 + y0) / 2, 1.0, 1.0
        )
        boxes.append((x0, y1, x1, y0, char))
    # Rectangles are made in character order, so the first characters ascend and
    # each rectangle's text runs to the next rectangle's first character.
    starts = sorted({box[4] for box in boxes if box[4] >= 0})
    next_start = {start: end for start, end in zip(starts, [*starts[1:], n_chars], strict=True)}
    segments: list[Segment] = []
    for x0, y1, x1, y0, char in boxes:
        if char < 0:
            text = textpage.get_text_bounded(x0, y0, x1, y1)
            size = y1 - y0
            baseline = y0
        else:
            end = next_start[char]
            text_start = pdfium_c.FPDFText_GetTextIndexFromCharIndex(raw, char)
            text_end = (
                pdfium_c.FPDFText_GetTextIndexFromCharIndex(raw, end) if end < n_chars else -1
            )
            if text_start < 0:
                text = textpage.get_text_range(char, end - char)
            else:
                text = full_text[text_start:text_end] if text_end >= 0 else full_text[text_start:]
            size = pdfium_c.FPDFText_GetFontSize(raw, char) or (y1 - y0)
            pdfium_c.FPDFText_GetCharOrigin(raw, char, origin_x, origin_y)
            baseline = origin_y.value
            text = text.replace("\r", "").replace("\n", " ")
            if _LETTER_SPACED.match(text.strip()):
                text = _respace(textpage, char, end - char) or text
        segments.append(
            Segment(x0=x0, x1=x1, top=y1, bottom=y0, baseline=baseline, size=size, text=text)
        )
    return segments


def read_pages(data: bytes, password: str | None, path: str | Path) -> list[RawPage]:
    """Each page's raw text blocks in reading order (see ``_layout.page_blocks``)."""
    document = _open(data, password, path)
    try:
        pages: list[RawPage] = []
        for index in range(len(document)):
            page = document[index]
            try:
                height = page.get_height()
                width = page.get_width()
                textpage = page.get_textpage()
                try:
                    n_chars = textpage.count_chars()
                    segments = _page_segments(textpage, n_chars) if n_chars > 0 else []
                finally:
                    textpage.close()
            except pdfium.PdfiumError:
                raise CorruptPdfError(
                    f"page {index + 1} is damaged and cannot be read; "
                    "save or export the PDF again and retry",
                    path=path,
                ) from None
            finally:
                page.close()
            # pdfium's y axis points up; the layout code wants distance from the top.
            flipped = [
                Segment(
                    s.x0,
                    s.x1,
                    height - s.top,
                    height - s.bottom,
                    height - s.baseline,
                    s.size,
                    s.text,
                )
                for s in segments
            ]
            blocks = page_blocks(flipped, width, height)
            pages.append(RawPage(blocks=blocks, has_text=bool(blocks)))
        return pages
    finally:
        document.close()
