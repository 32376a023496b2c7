"""Pages whose text an engine lost: what a page's content stream promises vs what was read.

A damaged compressed content stream does not make an engine fail: pdfium stops
decoding where the damage starts and returns the little it has (34 characters of a
page that holds 1,668), so a theme on that page would be reported missing from a page
that "was read". This check reads each page's content stream itself (pdfminer finds
the objects; zlib inflates) and flags a page when

- a compressed content stream is broken (zlib reports an error): the text after the
  damage is lost to every engine, or
- the text the engine returned is far below the bytes the page's text-showing
  operators (``Tj``, ``TJ``, ``'``, ``"``) draw: the engine dropped text it should have.

It never flags a page for having no text operators (an image-only page has its own
OCR hint), and a page whose streams it cannot interpret (unknown filters, predictors,
a page list that does not match the engine's) is left alone rather than guessed at.
"""

from __future__ import annotations

import io
import re
import statistics
import zlib
from collections.abc import Iterator, Sequence
from typing import Any

# Text read below a quarter of the promised bytes is "far below": a two-byte (CID) font
# promises two bytes per character, and an engine adds no characters of its own beyond
# spaces and line breaks, so a healthy page stays well above this.
_FAR_BELOW = 4
_MIN_PROMISE = 200  # bytes: short pages (a title, a page number) are never judged
_MAX_DECODED = 16 * 1024 * 1024  # per stream: the promise needs no more than this
_RECOVERY_CHUNK = 256
# Only pages that read short are judged, so a healthy document costs (almost) nothing:
# fewer characters than this, or than half the document's median page.
_SHORT_PAGE = 400

_STRING = rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>"
_SHOW = re.compile(
    rb"(" + _STRING + rb")\s*(?:Tj|'|\")|\[((?:" + _STRING + rb"|[^\]\(<])*)\]\s*TJ", re.S
)
_STRINGS = re.compile(_STRING, re.S)
_ESCAPE = re.compile(rb"\\(?:[0-7]{1,3}|.)", re.S)
_HEX_DIGIT = re.compile(rb"[0-9A-Fa-f]")


def _string_bytes(token: bytes) -> int:
    """Bytes a string operand draws: ``(a\\)b)`` → 3, ``<00410042>`` → 4."""
    if token.startswith(b"("):
        return len(_ESCAPE.sub(b"x", token[1:-1]))
    return len(_HEX_DIGIT.findall(token)) // 2


def promised_bytes(content: bytes) -> int:
    """Bytes of text the text-showing operators of a decoded content stream draw."""
    total = 0
    for match in _SHOW.finditer(content):
        if match.group(1) is not None:
            total += _string_bytes(match.group(1))
        else:
            total += sum(_string_bytes(token) for token in _STRINGS.findall(match.group(2)))
    return total


def inflate(raw: bytes) -> tuple[bytes, bool]:
    """Inflate a Flate stream as far as it goes; and whether it is broken.

    A broken stream yields what comes before the damage (fed in small chunks, then
    byte by byte in the chunk that fails), as a tolerant reader would recover it.
    """
    try:
        return zlib.decompressobj().decompress(raw, _MAX_DECODED), False
    except zlib.error:
        pass
    out = bytearray()
    decompressor = zlib.decompressobj()
    for start in range(0, len(raw), _RECOVERY_CHUNK):
        chunk = raw[start : start + _RECOVERY_CHUNK]
        saved = decompressor.copy()
        try:
            out += decompressor.decompress(chunk)
        except zlib.error:
            for position in range(len(chunk)):
                try:
                    out += saved.decompress(chunk[position : position + 1])
                except zlib.error:
                    break
            break
        if len(out) >= _MAX_DECODED:
            break
    return bytes(out), True


def _name(value: Any) -> str:
    return str(getattr(value, "name", value))


def _decode(stream: Any) -> tuple[bytes, bool] | None:
    """A content stream's bytes and whether its compression is broken; None if unknown."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode

    data = stream.get_rawdata()
    if data is None:  # already decoded by pdfminer: nothing left to check
        return stream.get_data(), False
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    broken = False
    for name, params in stream.get_filters():
        if params and "Predictor" in params:
            return None
        kind = _name(name)
        if kind in ("FlateDecode", "Fl"):
            data, damaged = inflate(data)
            broken = broken or damaged
        elif kind in ("ASCII85Decode", "A85"):
            data = ascii85decode(data)
        elif kind in ("ASCIIHexDecode", "AHx"):
            data = asciihexdecode(data)
        else:
            return None  # LZW, RunLength, …: rare for page content; not judged
    return data, broken


def _page_contents(document: Any) -> Iterator[Any]:
    """Each page's /Contents in page-tree order, walked without recursion.

    pdfminer's own walk recurses (a deep tree overflows it) and copies every node; this
    one follows pdfium: a node met twice (a tree that contains itself) is skipped.
    """
    from pdfminer.pdftypes import PDFObjRef, dict_value, resolve1

    root = document.catalog.get("Pages")
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, PDFObjRef):
            if node.objid in seen:
                continue
            seen.add(node.objid)
        attrs = dict_value(node)
        kind = _name(resolve1(attrs.get("Type")))
        if kind == "Pages" or (kind != "Page" and "Kids" in attrs):
            stack.extend(reversed(resolve1(attrs.get("Kids")) or []))
        else:
            yield attrs.get("Contents")  # resolved only for the pages that are judged


def _page_verdict(contents: Any, chars: int) -> bool:
    """Whether a page with these contents, of which the engine read ``chars``, lost text."""
    from pdfminer.pdftypes import PDFStream, resolve1

    contents = resolve1(contents)
    streams = contents if isinstance(contents, list) else [contents]
    promise = 0
    for item in streams:
        stream = resolve1(item)
        if not isinstance(stream, PDFStream):
            continue
        decoded = _decode(stream)
        if decoded is None:
            return False
        data, broken = decoded
        if broken:
            return True
        promise += promised_bytes(data)
    return promise >= _MIN_PROMISE and chars * _FAR_BELOW < promise


# A stream object's start: its number and dictionary (no "obj" inside, so a match never
# spans two objects). Content streams are never inside object streams.
_STREAM_START = re.compile(
    rb"(\d+)\s+\d+\s+obj\s*(<<(?:(?!\bobj\b).){0,2000}?>>)\s*stream\r?\n", re.S
)
_NOT_CONTENT = re.compile(rb"/(?:Type|Subtype|Length1|Length2|N)\b")


def broken_streams(data: bytes) -> set[int]:
    """Object numbers of Flate streams that may hold page content and do not inflate.

    A fast scan of the file (no object parsing): images, fonts and other typed streams
    are skipped, so a healthy PDF costs a regex pass and a zlib pass over its content.
    """
    broken: set[int] = set()
    for match in _STREAM_START.finditer(data):
        dictionary = match.group(2)
        if b"/FlateDecode" not in dictionary or _NOT_CONTENT.search(dictionary):
            continue
        end = data.find(b"endstream", match.end())
        if end < 0:
            continue
        if b"/ASCII85Decode" in dictionary or b"/ASCIIHexDecode" in dictionary:
            continue  # Flate under a text encoding: judged only on short pages
        try:
            zlib.decompressobj().decompress(data[match.end() : end], _MAX_DECODED)
        except zlib.error:
            broken.add(int(match.group(1)))
    return broken


def _stream_numbers(contents: Any) -> set[int]:
    from pdfminer.pdftypes import PDFObjRef, resolve1

    items = resolve1(contents) if isinstance(contents, PDFObjRef) else contents
    items = items if isinstance(items, list) else [contents]
    return {item.objid for item in items if isinstance(item, PDFObjRef)}


def short_pages(chars: Sequence[int]) -> list[int]:
    """Indexes of the pages worth judging: those that read short (see ``_SHORT_PAGE``)."""
    median = statistics.median(chars) if chars else 0
    return [index for index, count in enumerate(chars) if count < max(_SHORT_PAGE, median / 2)]


def damaged_pages(data: bytes, password: str | None, chars: Sequence[int]) -> list[int]:
    """Page numbers (1-based) whose text is lost, given the characters an engine read.

    Best effort: a PDF this check cannot follow (pdfminer cannot open it, or finds a
    different number of pages than the engine did) gives no verdict, never an error.
    """
    candidates = short_pages(chars)
    broken = broken_streams(data)
    if not candidates and not broken:
        return []
    # pdfminer comes with pdfplumber; imported only when a page reads short or a stream
    # is broken
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password=password or "")
        contents = list(_page_contents(document))
        if len(contents) != len(chars):
            return []
        lost = {index for index in candidates if _page_verdict(contents[index], chars[index])}
        if broken:  # a broken stream loses text on any page, long or short
            lost |= {
                index
                for index, content in enumerate(contents)
                if not broken.isdisjoint(_stream_numbers(content))
            }
        return sorted(index + 1 for index in lost)
    except Exception:  # any failure of this extra check means: no verdict, not an error
        return []
