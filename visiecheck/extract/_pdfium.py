"""The ``pdfium`` engine (pypdfium2): fast, default.

Per page the whole text is fetched once with ``FPDFText_GetText`` (pdfium's own
order). Layout comes from pdfium's text rectangles (``FPDFText_CountRects`` /
``GetRect``: one per run of text on a line): for each rectangle one lookup finds its
first character, which gives the rectangle's slice of the page text, its font size
and its baseline. No per-character loop, except for short letter-spaced headings.
The shared layout code then puts the segments in column-by-column order. pdfium
cuts rectangles at font changes, so one character's font (``FPDFText_GetFontInfo``)
tells whether a run is bold; it is looked up only for lines that could be headings.
"""

from __future__ import annotations

import ctypes
import re
import threading
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptPdfError, EncryptedPdfError
from ..messages import Msg
from ._layout import BoldOf, Segment, is_bold_font, page_layout, respace_letters
from ._types import RawPage

_LETTER_SPACED = re.compile(r"^(?:\S ){3,}\S$")


def _open(data: bytes, password: str | None, path: str | Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            if password:
                raise EncryptedPdfError(
                    Msg("read.wrong_password"),
                    path=path,
                ) from None
            raise EncryptedPdfError(
                Msg("read.encrypted"),
                path=path,
            ) from None
        raise CorruptPdfError(
            Msg("read.damaged"),
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


_LINE_END = re.compile(r"\r\n|\ufffe")


def _units_match_rects(
    raw: object, full_text: str, rects: list[tuple[float, float, float, float]]
) -> list[tuple[int, int]] | None:
    """Character ranges of the rectangles, read from the text's line ends; or None.

    Fast path: when the page text has exactly one line (split at CRLF and after the
    hyphenation mark) per rectangle and each line's first character lies in its
    rectangle, the rectangles are those lines. Costs one cheap call per line instead
    of a position lookup (a scan over all characters) per rectangle.
    """
    units: list[tuple[int, int]] = []
    position = 0
    for match in _LINE_END.finditer(full_text):
        end = match.start() if match.group() == "\r\n" else match.end()
        if full_text[position:end].strip():
            units.append((position, end))
        position = match.end()
    if full_text[position:].strip():
        units.append((position, len(full_text)))
    if len(units) != len(rects):
        return None
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for (start, _), (x0, y1, x1, y0) in zip(units, rects, strict=True):
        while full_text[start] == " ":
            start += 1
        pdfium_c.FPDFText_GetCharBox(raw, start, left, right, bottom, top)
        middle = (bottom.value + top.value) / 2
        if not (x0 - 1 <= left.value and right.value <= x1 + 1 and y0 - 1 <= middle <= y1 + 1):
            return None
    return units


def _lookup_ranges(
    raw: object, n_chars: int, rects: list[tuple[float, float, float, float]]
) -> tuple[list[tuple[int, int]], bool]:
    """Character ranges of the rectangles by position lookup (general, slower).

    Returns the ranges and whether every rectangle was found. When one is missing
    the ranges of its neighbours are unreliable, so the caller then reads every
    rectangle's text by its bounds instead.
    """
    firsts = []
    for x0, y1, x1, y0 in rects:
        middle = (y1 + y0) / 2
        first = pdfium_c.FPDFText_GetCharIndexAtPos(
            raw, x0 + min(0.5, (x1 - x0) / 2), middle, 1.0, 1.0
        )
        if first < 0:  # e.g. the run starts with a space that has no box
            first = pdfium_c.FPDFText_GetCharIndexAtPos(
                raw, min(x0 + 3.0, (x0 + x1) / 2), middle, 3.0, 3.0
            )
        firsts.append(first)
    # Rectangles are made in character order, so the first characters ascend and
    # each rectangle's text runs to the next rectangle's first character.
    starts = sorted({first for first in firsts if first >= 0})
    next_start = dict(zip(starts, [*starts[1:], n_chars], strict=True))
    complete = len(starts) == len(firsts)
    return [(first, next_start[first]) if first >= 0 else (-1, -1) for first in firsts], complete


def _page_segments(textpage: pdfium.PdfTextPage, n_chars: int, height: float) -> list[Segment]:
    """Segments with y measured down from the top (pdfium's y axis points up)."""
    raw = textpage.raw
    full_text = textpage.get_text_range(0, n_chars)
    aligned = len(full_text) == n_chars  # one UTF-16 unit per character
    n_rects = pdfium_c.FPDFText_CountRects(raw, 0, n_chars)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    rects: list[tuple[float, float, float, float]] = []
    for rect_index in range(n_rects):
        pdfium_c.FPDFText_GetRect(raw, rect_index, left, top, right, bottom)
        rects.append((left.value, top.value, right.value, bottom.value))
    ranges = _units_match_rects(raw, full_text, rects) if aligned else None
    by_bounds = False
    if ranges is None:
        ranges, complete = _lookup_ranges(raw, n_chars, rects)
        by_bounds = not complete
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    segments: list[Segment] = []
    for (x0, y1, x1, y0), (char, end) in zip(rects, ranges, strict=True):
        if by_bounds or char < 0:
            text = textpage.get_text_bounded(x0, y0, x1, y1)
            # any character inside the rectangle will do for size and baseline
            probe = pdfium_c.FPDFText_GetCharIndexAtPos(
                raw, (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2 + 1, (y1 - y0) / 2 + 1
            )
        else:
            if aligned:
                text = full_text[char:end]
            else:
                text = _text_of_range(textpage, full_text, char, end, n_chars)
            # Measure a visible character from the middle of the run: a leading space
            # or dash may come from another font and sit off the baseline.
            probe = (char + end - 1) // 2 if aligned else char
            if aligned:
                while probe < end - 1 and full_text[probe].isspace():
                    probe += 1
        if probe >= 0:
            size = pdfium_c.FPDFText_GetFontSize(raw, probe) or (y1 - y0)
            pdfium_c.FPDFText_GetCharOrigin(raw, probe, origin_x, origin_y)
            baseline = origin_y.value
        else:
            size, baseline = y1 - y0, y0
        text = text.replace("\r", "").replace("\n", " ")
        if char >= 0 and not by_bounds and _LETTER_SPACED.match(text.strip()):
            text = _respace(textpage, char, end - char) or text
        segments.append(
            Segment(x0, x1, height - y1, height - y0, height - baseline, size, text, None, probe)
        )
    return segments


_FONT_BOLD_FLAG = 1 << 18  # ForceBold in the PDF font descriptor flags
_NAME_BUFFER = 128


def _bold_lookup(textpage: pdfium.PdfTextPage, names: dict[bytes, bool]) -> BoldOf:
    """A function telling whether a segment's run is set in a bold font.

    ``names`` caches the verdict per font name for the whole document: the name (and,
    for fonts with a plain name, the declared weight or ForceBold flag) is read once.
    """
    raw = textpage.raw
    buffer = ctypes.create_string_buffer(_NAME_BUFFER)
    flags = ctypes.c_int()

    def bold_of(segment: Segment) -> bool:
        if segment.probe < 0:
            return False
        length = pdfium_c.FPDFText_GetFontInfo(raw, segment.probe, buffer, _NAME_BUFFER, flags)
        name = buffer.value if 0 < length <= _NAME_BUFFER else b""
        known = names.get(name) if name else None
        if known is None:
            known = (
                is_bold_font(name.decode("latin-1"))
                or bool(flags.value & _FONT_BOLD_FLAG)
                or pdfium_c.FPDFText_GetFontWeight(raw, segment.probe) >= 600
            )
            if name:
                names[name] = known
        return known

    return bold_of


def _text_of_range(
    textpage: pdfium.PdfTextPage, full_text: str, char: int, end: int, n_chars: int
) -> str:
    """Text of characters [char, end) when text and character indexes differ."""
    raw = textpage.raw
    text_start = pdfium_c.FPDFText_GetTextIndexFromCharIndex(raw, char)
    text_end = pdfium_c.FPDFText_GetTextIndexFromCharIndex(raw, end) if end < n_chars else -1
    if text_start < 0:
        return textpage.get_text_range(char, end - char)
    return full_text[text_start:text_end] if text_end >= 0 else full_text[text_start:]


# PDFium is not thread-safe: concurrent calls from threads crash the process. Parallel
# work (batch) uses processes; this lock keeps library users with threads safe.
_PDFIUM_LOCK = threading.Lock()


def read_pages(data: bytes, password: str | None, path: str | Path) -> list[RawPage]:
    """Each page's raw text blocks in reading order (see ``_layout.page_layout``)."""
    with _PDFIUM_LOCK:
        return _read_pages_locked(data, password, path)


def _read_pages_locked(data: bytes, password: str | None, path: str | Path) -> list[RawPage]:
    document = _open(data, password, path)
    font_names: dict[bytes, bool] = {}  # bold or not, per font name
    try:
        pages: list[RawPage] = []
        for index in range(len(document)):
            try:
                pages.append(_read_page(document, index, font_names))
            except pdfium.PdfiumError:
                # pdfium cannot load this page (a damaged page object, a page tree that
                # contains itself or is nested too deep): the page is unreadable, the
                # other pages are not. The caller lists it as damaged.
                pages.append(RawPage(blocks=[], has_text=False, damaged=True))
        if pages and all(page.damaged for page in pages):
            raise CorruptPdfError(
                Msg("read.no_page_loads", other_engine="pdfplumber"),
                path=path,
            )
        return pages
    finally:
        document.close()


def _read_page(document: pdfium.PdfDocument, index: int, font_names: dict[bytes, bool]) -> RawPage:
    """One page's blocks; raises ``PdfiumError`` when pdfium cannot load or read it."""
    page = document[index]
    try:
        height = page.get_height()
        width = page.get_width()
        textpage = page.get_textpage()
        try:
            n_chars = textpage.count_chars()
            segments = _page_segments(textpage, n_chars, height) if n_chars > 0 else []
            # Layout before the text page closes: it looks fonts up on demand.
            blocks, styles = page_layout(
                segments, width, height, _bold_lookup(textpage, font_names)
            )
        finally:
            textpage.close()
    finally:
        page.close()
    return RawPage(blocks=blocks, has_text=bool(blocks), styles=styles)
