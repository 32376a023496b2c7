"""The reading stage: a file → a ``Document`` of clean page (or section) text.

``extract()`` checks the file and decides its format by content (``_formats.sniff``).
A PDF is read with one of two engines (``pdfium``: fast, default; ``pdfplumber``:
pdfminer's word boxes), multi-column pages are put in column order, pages without a
text layer are OCR'd when asked (``--ocr``, ``_ocr``), the text is normalised
(``visiecheck.extract.normalize``) and the result cached on disk, keyed by the file's
SHA-256, the engine (plus ``+ocr``) and ``EXTRACTOR_VERSION``. Word, HTML and text
files have no pages: they are read as sections (a heading starts one) and the
``Document`` says ``location_unit="section"``; they are fast to read and not cached. STOP XML, DSO
JSON and DSO packages (``_stop``, ``_dso_json``) are sections too, but as the
document's structure marks them (``_structure``): path, kind and headings come from
the document, with its metadata (``Document.metadata``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import CorruptPdfError, NoTextError, UsageError
from ..files import open_regular, read_regular
from ..messages import Msg
from ..models import Document, DocumentMetadata, Page
from ..options import ENGINES
from . import _damage, _formats, _ocr, _pdfium, cache
from ._types import RawPage
from .normalize import (
    HEADING_SIZE_RATIO,
    blocks_to_text,
    body_font_size,
    find_running_lines,
    heading_line_flags,
    normalize_lines,
)

# pdfminer (the pdfplumber engine, and OCRmyPDF's page analysis) logs every oddity it
# works around, sometimes with raw bytes of the PDF in the message. Without a handler
# Python prints such records on stderr; visiecheck says itself what matters (a damaged
# or repaired file), so they go nowhere unless an application sets up logging for them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

# Bump whenever the text that comes out changes: it is part of the cache key.
# 5: damaged pages are marked (a cached read from before may hide one).
# 6: control characters, DEL, C1 and bidi controls are dropped at normalisation.
# 7: STOP XML, DSO JSON and DSO packages are read by their structure (no longer as text).
EXTRACTOR_VERSION = "9"

__all__ = ["EXTRACTOR_VERSION", "extract", "format_page_list"]


def _refuse_oversized_structured(path: Path) -> None:
    """An XML or JSON file above the size a structured reader parses is refused by its
    first bytes, before it is read whole (a 1 GB "visie" never fills the memory)."""
    from ._stop import MAX_STRUCTURED_BYTES, too_large

    try:
        size = os.stat(path).st_size
    except OSError:
        return  # ``read_regular`` says what is wrong with the path
    if size <= MAX_STRUCTURED_BYTES:
        return
    handle, _size = open_regular(path)
    with handle:
        head = handle.read(_formats.SNIFF_WINDOW)
    kind = _formats.sniff_oversized(head)
    if kind is not None:
        raise too_large(size, kind, path)


def _read_file(path: Path) -> bytes:
    # Only a regular file is read: a FIFO, device, socket, folder or symlink loop is
    # refused before it is opened (``visiecheck.files``).
    _refuse_oversized_structured(path)
    data = read_regular(path)
    if not data:
        raise CorruptPdfError(Msg("read.empty_file"), path=path)
    return data


def _read_raw(engine: str, data: bytes, password: str | None, path: Path) -> list[RawPage]:
    # Looked up at call time so tests can replace an engine's read_pages.
    if engine == "pdfium":
        return _pdfium.read_pages(data, password, path)
    if engine == "pdfplumber":
        # imported on demand: importing pdfplumber and pdfminer is time most runs never need
        from . import _pdfplumber

        return _pdfplumber.read_pages(data, password, path)
    raise UsageError(
        Msg("usage.unknown_value", option="engine", value=engine, choices=", ".join(ENGINES))
    )


def format_page_list(numbers: list[int]) -> str:
    """``[3, 4, 5, 9]`` → ``"3-5, 9"``."""
    ranges: list[str] = []
    start = previous = None
    for number in [*sorted(numbers), None]:
        if start is not None and (number is None or number != previous + 1):
            ranges.append(str(start) if start == previous else f"{start}-{previous}")
            start = None
        if number is not None and start is None:
            start = number
        previous = number
    return ", ".join(ranges)


def _normalise_blocks(blocks: list[list[str]]) -> list[list[str]]:
    """Character rules on every line of a page, in one pass; block structure kept."""
    cleaned = iter(normalize_lines([line for block in blocks for line in block]))
    return [[next(cleaned) for _ in block] for block in blocks]


def _body_size(raw_pages: list[RawPage], pages_blocks: list[list[list[str]]]) -> float:
    """The document's body font size (most common, weighted by characters)."""
    weights: dict[float, int] = {}
    for raw, blocks in zip(raw_pages, pages_blocks, strict=True):
        if raw.styles is None:
            continue
        for block, (size, _bold) in zip(blocks, raw.styles, strict=True):
            weights[size] = weights.get(size, 0) + sum(map(len, block))
    return body_font_size(list(weights), list(weights.values()))


_SENTENCE_DONE = (".", "!", "?", ":", ";")


def _split_at_headings(
    lines: list[str], size: float, bolds: list[bool], body_size: float
) -> tuple[list[list[str]], list[str]]:
    """A block's lines → blocks, cut before a heading that follows a finished sentence.

    A bold heading drawn without space above it lands inside the previous paragraph's
    block; the outline only looks at a block's first line, so it starts a block here.
    Returns the blocks and the block's heading lines (see ``heading_line_flags``).
    """
    flags = heading_line_flags(lines, [size] * len(lines), bolds, body_size)
    if not any(flags):
        return [lines], []
    blocks: list[list[str]] = [[]]
    for index, (line, flag) in enumerate(zip(lines, flags, strict=True)):
        if (
            flag
            and index > 0
            and not flags[index - 1]
            and lines[index - 1].endswith(_SENTENCE_DONE)
        ):
            blocks.append([])
        blocks[-1].append(line)
    return blocks, [line for line, flag in zip(lines, flags, strict=True) if flag]


def _normalise(raw_pages: list[RawPage], *, running_lines: bool = True) -> tuple[Page, ...]:
    """Character rules per line, running lines per document, blocks → page text.

    ``running_lines=False`` for sections of page-less formats: they have no running
    headers, and a repeated short heading there is content. Lines the engine reports
    in a heading font (larger than the body text, or bold throughout) become the
    page's ``heading_lines``.
    """
    pages_blocks = [_normalise_blocks(raw.blocks) for raw in raw_pages]
    flat_lines = [[line for block in blocks for line in block] for blocks in pages_blocks]
    running = find_running_lines(flat_lines) if running_lines else [set() for _ in flat_lines]
    body_size = _body_size(raw_pages, pages_blocks)
    large = body_size * HEADING_SIZE_RATIO if body_size > 0 else float("inf")
    pages: list[Page] = []
    for number, (raw, blocks, remove) in enumerate(
        zip(raw_pages, pages_blocks, running, strict=True), start=1
    ):
        kept_blocks: list[list[str]] = []
        removed: list[str] = []
        headings: list[str] = []
        position = 0
        for block_index, block in enumerate(blocks):
            kept_indexes: list[int] | None = None  # None: every line kept
            if remove and not remove.isdisjoint(range(position, position + len(block))):
                kept_indexes = [i for i in range(len(block)) if position + i not in remove]
                removed.extend(
                    line.replace("\ufffe", "-")  # a hyphenation mark: only the page text joins
                    for i, line in enumerate(block)
                    if position + i in remove
                )
                kept = [block[i] for i in kept_indexes]
            else:
                kept = block
            position += len(block)
            style = raw.styles[block_index] if raw.styles is not None else None
            # Most blocks have no line in a heading font: skip them cheaply.
            if style is None or not kept or not (style[0] >= large or style[1]):
                kept_blocks.append(kept)
                continue
            size, bold_lines = style
            bolds = [i in bold_lines for i in (kept_indexes or range(len(block)))]
            split, block_headings = _split_at_headings(kept, size, bolds, body_size)
            kept_blocks.extend(split)
            headings.extend(block_headings)
        if raw.heading_blocks:
            # headings the document marks itself (STOP/DSO): no font or text rule needed
            headings.extend(blocks[index][0] for index in raw.heading_blocks if blocks[index])
        text = blocks_to_text(kept_blocks)
        if headings:
            # Only lines that stand as lines in the text (the segmenter compares them).
            present = set(text.split("\n"))
            headings = [line for line in dict.fromkeys(headings) if line in present]
        pages.append(
            Page(
                number=number,
                text=text,
                has_text_layer=raw.has_text,
                removed_lines=tuple(removed),
                ocr=raw.ocr,
                heading_lines=tuple(headings),
                damaged=raw.damaged,
                section_path=raw.section_path,
                section_kind=raw.section_kind,
            )
        )
    return tuple(pages)


def _pages_noun(count: int) -> Msg:
    return Msg("word.page" if count == 1 else "word.pages")


def _other_engine(engine: str) -> str:
    """The engine to suggest when ``engine`` could not read a page."""
    return next(name for name in ENGINES if name != engine)


def _text_layer_warnings(pages: tuple[Page, ...], *, ocr: bool, engine: str) -> list[Msg]:
    """What the reader could not read (and what OCR read), as catalogue messages."""
    warnings: list[Msg] = []

    def about(key: str, numbers: list[int], **params: str) -> Msg:
        listed = format_page_list(numbers)
        return Msg(key, count=len(numbers), noun=_pages_noun(len(numbers)), pages=listed, **params)

    damaged = [page.number for page in pages if page.damaged]
    if damaged:
        other = _other_engine(engine)
        warnings.append(about("warn.damaged_pages", damaged, engine=engine, other_engine=other))
    by_ocr = [page.number for page in pages if page.ocr]
    if by_ocr:
        warnings.append(about("warn.ocr_pages", by_ocr))
    without_text = [page.number for page in pages if not page.has_text_layer and not page.damaged]
    if without_text:
        key = "warn.no_text_after_ocr" if ocr else "warn.no_text_layer"
        warnings.append(about(key, without_text))
    return warnings


def _mark_damaged(raw_pages: list[RawPage], data: bytes, password: str | None) -> list[RawPage]:
    """Mark the pages whose text the engine lost (see ``_damage``)."""
    chars = [sum(len(line) for block in raw.blocks for line in block) for raw in raw_pages]
    lost = set(_damage.damaged_pages(data, password, chars))
    if not lost:
        return raw_pages
    return [
        replace(raw, damaged=True) if number in lost else raw
        for number, raw in enumerate(raw_pages, start=1)
    ]


def _read_sections(kind: str, data: bytes, path: Path) -> list[RawPage]:
    if kind == "docx":
        from . import _docx  # python-docx is only imported when a Word file comes along

        return _docx.read_sections(data, path)
    if kind == "html":
        from . import _html

        return _html.read_sections(data, path)
    from . import _plaintext

    return _plaintext.read_sections(data)


_STRUCTURED = ("stop", "dso", "package")


def _read_structured(kind: str, data: bytes, path: Path) -> tuple[list[RawPage], DocumentMetadata]:
    if kind == "dso":
        from . import _dso_json

        return _dso_json.read_json(data, path)
    from . import _stop

    if kind == "package":
        return _stop.read_package(data, path)
    return _stop.read_xml(data, path)


def _extract_structured(kind: str, data: bytes, sha256: str, path: str | Path) -> Document:
    """STOP XML, DSO JSON or a DSO package: sections as the document marks them."""
    raw_sections, metadata = _read_structured(kind, data, Path(path))
    return _section_document(kind, raw_sections, sha256, path, metadata)


def _extract_sections(kind: str, data: bytes, sha256: str, path: str | Path) -> Document:
    """Word, HTML or text: sections instead of pages, no cache (reading is cheap)."""
    return _section_document(kind, _read_sections(kind, data, Path(path)), sha256, path)


def _section_document(
    kind: str,
    raw_sections: list[RawPage],
    sha256: str,
    path: str | Path,
    metadata: DocumentMetadata | None = None,
) -> Document:
    """A document whose locations are sections, not pages."""
    file_path = Path(path)
    if not raw_sections:
        raise NoTextError(Msg("read.no_text_in", kind=Msg(f"format.{kind}")), path=file_path)
    pages = _normalise(raw_sections, running_lines=False)
    warning = _formats.name_warning(kind, file_path)
    warnings = (warning,) if warning else ()
    return Document(
        str(path),
        sha256,
        kind,
        pages,
        _dutch(warnings),
        location_unit="section",
        source_format=kind,
        warning_messages=warnings,
        metadata=metadata,
    )


def _dutch(warnings: Sequence[Msg]) -> tuple[str, ...]:
    """The Dutch text of warnings (``Document.warnings``); a front end writes them in its
    own language from ``warning_messages``."""
    return tuple(warning.text("nl") for warning in warnings)


def ocr_blocks(text: str) -> list[list[str]]:
    """Tesseract's page text → blocks (paragraphs are separated by blank lines)."""
    blocks = [
        [line for line in paragraph.split("\n") if line.strip()]
        for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    ]
    return [block for block in blocks if block]


def _with_ocr(
    raw_pages: list[RawPage],
    data: bytes,
    password: str | None,
    path: Path,
) -> tuple[list[RawPage], list[Msg]]:
    """OCR the pages without a text layer and put their OCR text in their place."""
    missing = [
        number
        for number, raw in enumerate(raw_pages, start=1)
        if not raw.has_text and not raw.damaged
    ]
    if not missing:
        return raw_pages, []
    try:
        texts = _ocr.ocr_pages(data, missing, password, path)
    except _ocr.OcrFailed as error:
        return raw_pages, [Msg("warn.ocr_failed", detail=str(error))]
    merged = list(raw_pages)
    for number in missing:
        blocks = ocr_blocks(texts.get(number, ""))
        if blocks:
            merged[number - 1] = RawPage(blocks=blocks, has_text=True, ocr=True)
    return merged, []


def extract(
    path: str | Path,
    *,
    engine: str = "pdfium",
    password: str | None = None,
    use_cache: bool = True,
    cache_dir: Path | None = None,
    ocr: bool = False,
) -> Document:
    """Read a PDF, Word, HTML or text file into a ``Document`` of normalised text.

    PDFs are cached on disk. ``ocr=True`` reads pages without a text layer with
    OCRmyPDF and Tesseract (Dutch). Raises ``VisiecheckError`` subclasses for files
    that cannot be read: missing, a folder, an unsupported format, empty/damaged,
    password-protected, without any text, or OCR tools missing (``--ocr``).
    """
    file_path = Path(path)
    if engine not in ENGINES:
        raise UsageError(
            Msg("usage.unknown_value", option="engine", value=engine, choices=", ".join(ENGINES))
        )
    data = _read_file(file_path)
    sha256 = hashlib.sha256(data).hexdigest()
    kind = _formats.sniff(data, file_path)
    if kind in _STRUCTURED:
        return _extract_structured(kind, data, sha256, path)
    if kind != "pdf":
        return _extract_sections(kind, data, sha256, path)
    cache_engine = f"{engine}+ocr" if ocr else engine
    directory = cache.cache_directory(cache_dir) if use_cache else None
    if directory is not None:
        hit = cache.load(directory, sha256, cache_engine, EXTRACTOR_VERSION)
        if hit is not None:
            pages, messages = hit
            return Document(
                str(path), sha256, engine, pages, _dutch(messages), warning_messages=messages
            )

    try:
        raw_pages = _read_raw(engine, data, password, file_path)
    except CorruptPdfError:
        if not _formats.pdf_declares_no_pages(data):
            raise
        raw_pages = []  # pdfium refuses an empty page tree as if it were damaged
    if not raw_pages:
        raise CorruptPdfError(Msg("read.no_pages"), path=file_path)
    raw_pages = _mark_damaged(raw_pages, data, password)
    warnings: list[Msg] = []
    if ocr:
        raw_pages, warnings = _with_ocr(raw_pages, data, password, file_path)
    if not any(raw.has_text for raw in raw_pages):
        damaged = [number for number, raw in enumerate(raw_pages, start=1) if raw.damaged]
        if damaged:
            raise CorruptPdfError(
                Msg(
                    "read.damaged_no_text",
                    engine=engine,
                    pages=format_page_list(damaged),
                    count_verb=Msg("read.verb.is" if len(damaged) == 1 else "read.verb.are"),
                    other_engine=_other_engine(engine),
                ),
                path=file_path,
            )
        if ocr:
            raise NoTextError(
                Msg("read.no_text_after_ocr"),
                path=file_path,
            )
        raise NoTextError(
            Msg("read.no_text_layer"),
            path=file_path,
        )
    pages = _normalise(raw_pages)
    warnings = [*_text_layer_warnings(pages, ocr=ocr, engine=engine), *warnings]
    if _formats.pdf_xref_damaged(data):
        warnings.insert(0, Msg("warn.xref_repaired"))
    # A document opened with a password is not cached: the cache would hand its
    # text to a later run without the password.
    if directory is not None and password is None:
        cache.store(directory, sha256, cache_engine, EXTRACTOR_VERSION, pages, tuple(warnings))
    return Document(
        str(path), sha256, engine, pages, _dutch(warnings), warning_messages=tuple(warnings)
    )
