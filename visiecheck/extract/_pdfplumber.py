"""The ``pdfplumber`` engine: layout from pdfminer's word boxes.

``extract_text()`` would interleave two columns line by line, so it is not used.
Words are grouped into rows by baseline, each row is cut into segments where the
horizontal gap is far wider than a word space (a column gutter), and the shared
layout code reads the segments column by column. A segment is bold when every word's
first and last character come from a bold font (pdfminer's ``fontname``).
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..errors import CorruptPdfError, EncryptedPdfError
from ..messages import Msg
from ._layout import Segment, is_bold_font, page_layout, respace_letters
from ._types import RawPage

SEGMENT_GAP = 1.5  # a horizontal gap wider than this many font sizes starts a new segment

# pdfminer reports malformed input not only through its own exception classes but
# also through these built-in ones (bad numbers, missing keys, short streams).
_MALFORMED = (
    PDFException,
    PSException,
    MalformedPDFException,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    AssertionError,
    struct.error,
    zlib.error,
)


def _translate(error: BaseException, password: str | None, path: str | Path) -> Exception:
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        if password:
            return EncryptedPdfError(Msg("read.wrong_password"), path=path)
        return EncryptedPdfError(Msg("read.encrypted"), path=path)
    return CorruptPdfError(
        Msg("read.damaged"),
        path=path,
    )


_CID = re.compile(r"\(cid:\d+\)")


def _replace_cids(text: str, *, first: bool) -> str:
    """pdfminer writes glyphs without a Unicode mapping as ``(cid:N)``.

    At the start of a line such a glyph is nearly always a list bullet (pdfium
    reports ``•`` there); elsewhere it carries no readable text and is dropped.
    """
    if first and _CID.fullmatch(text):
        return "•"
    return _CID.sub("", text)


def _word_bold(word: dict[str, Any]) -> bool:
    chars = word.get("chars") or ()
    if not chars:
        return False
    # A bold word inside a sentence is bold in all its letters; the ends decide.
    return is_bold_font(chars[0].get("fontname", "")) and is_bold_font(
        chars[-1].get("fontname", "")
    )


def _row_segments(words: Sequence[dict[str, Any]]) -> list[Segment]:
    """Words of one row (sorted by x) → segments split at gutter-wide gaps."""
    segments: list[Segment] = []
    run: list[dict[str, Any]] = []

    def flush() -> None:
        if not run:
            return
        texts = [word["text"] for word in run]
        text = " ".join(texts)
        if len(run) >= 4 and all(len(t) == 1 for t in texts):
            text = respace_letters([(w["text"], w["x0"], w["x1"]) for w in run]) or text
        # Size and baseline of the longest word: a bullet in a larger symbol font
        # must not make the run look like a heading or shift its baseline.
        longest = max(run, key=lambda w: len(w["text"]))
        bold = all(_word_bold(word) for word in run if any(c.isalnum() for c in word["text"]))
        segments.append(
            Segment(
                x0=min(w["x0"] for w in run),
                x1=max(w["x1"] for w in run),
                top=min(w["top"] for w in run),
                bottom=max(w["bottom"] for w in run),
                baseline=longest["bottom"],
                size=longest["size"],
                text=text,
                bold=bold,
            )
        )
        run.clear()

    for word in words:
        if run and word["x0"] - run[-1]["x1"] > SEGMENT_GAP * max(word["size"], run[-1]["size"]):
            flush()
        if _CID.search(word["text"]):
            word = {**word, "text": _replace_cids(word["text"], first=not run)}
            if not word["text"]:
                continue
        run.append(word)
    flush()
    return segments


def _page_segments(page: Any) -> list[Segment]:
    words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False, return_chars=True)
    words = [word for word in words if word.get("upright", True)]
    words.sort(key=lambda w: (w["bottom"], w["x0"]))
    rows: list[list[dict[str, Any]]] = []
    for word in words:
        if rows and abs(rows[-1][-1]["bottom"] - word["bottom"]) < 0.35 * word["size"]:
            rows[-1].append(word)
        else:
            rows.append([word])
    segments: list[Segment] = []
    for row in rows:
        segments.extend(_row_segments(sorted(row, key=lambda w: w["x0"])))
    return segments


def read_pages(data: bytes, password: str | None, path: str | Path) -> list[RawPage]:
    """Each page's raw text blocks in reading order (see ``_layout.page_layout``)."""
    try:
        with pdfplumber.open(io.BytesIO(data), password=password or "") as pdf:
            pages: list[RawPage] = []
            for page in pdf.pages:
                segments = _page_segments(page)
                blocks, styles = page_layout(segments, float(page.width), float(page.height))
                pages.append(RawPage(blocks=blocks, has_text=bool(blocks), styles=styles))
                page.close()
            return pages
    except (PdfminerException, *_MALFORMED) as error:
        raise _translate(error, password, path) from None
