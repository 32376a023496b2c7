"""The reading stage: a PDF file → a ``Document`` of clean page text.

``extract()`` checks the file, reads it with one of two engines (``pdfium``: fast,
default; ``pdfplumber``: pdfminer's word boxes), puts multi-column pages in column
order, normalises the text (``visiecheck.normalize``) and caches the result on disk,
keyed by the file's SHA-256, the engine and ``EXTRACTOR_VERSION``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import (
    CorruptPdfError,
    InputFileNotFoundError,
    NotAPdfError,
    NoTextError,
    UsageError,
)
from ..models import Document, Page
from ..normalize import blocks_to_text, find_running_lines, normalize_lines
from ..settings import ENGINES
from . import _pdfium, _pdfplumber, cache
from ._types import RawPage

# Bump whenever the text that comes out changes: it is part of the cache key.
EXTRACTOR_VERSION = "2"

PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024  # the PDF header may follow some junk, within the first 1024 bytes

__all__ = ["EXTRACTOR_VERSION", "extract", "format_page_list"]


def _read_file(path: Path) -> bytes:
    if not path.exists():
        raise InputFileNotFoundError("file not found; check the path and the file name", path=path)
    if path.is_dir():
        raise InputFileNotFoundError(
            "is a folder, not a file; give the path of a PDF file", path=path
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputFileNotFoundError(
            f"the file cannot be read ({error.strerror or type(error).__name__}); "
            "check its permissions",
            path=path,
        ) from None
    if not data:
        raise CorruptPdfError("the file is empty (0 bytes); copy or download it again", path=path)
    if PDF_MAGIC not in data[:MAGIC_WINDOW]:
        raise NotAPdfError(
            "is not a PDF (no %PDF- header); it may be a text, HTML or Word file "
            "with a .pdf name: export the document as PDF and retry",
            path=path,
        )
    return data


def _read_raw(engine: str, data: bytes, password: str | None, path: Path) -> list[RawPage]:
    # Looked up at call time so tests can replace an engine's read_pages.
    if engine == "pdfium":
        return _pdfium.read_pages(data, password, path)
    if engine == "pdfplumber":
        return _pdfplumber.read_pages(data, password, path)
    raise UsageError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")


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


def _normalise(raw_pages: list[RawPage]) -> tuple[tuple[Page, ...], tuple[str, ...]]:
    """Character rules per line, running lines per document, blocks → page text."""
    pages_blocks = [_normalise_blocks(raw.blocks) for raw in raw_pages]
    flat_lines = [[line for block in blocks for line in block] for blocks in pages_blocks]
    running = find_running_lines(flat_lines)
    pages: list[Page] = []
    for number, (raw, blocks, remove) in enumerate(
        zip(raw_pages, pages_blocks, running, strict=True), start=1
    ):
        kept_blocks: list[list[str]] = []
        removed: list[str] = []
        position = 0
        for block in blocks:
            kept: list[str] = []
            for line in block:
                (removed if position in remove else kept).append(line)
                position += 1
            kept_blocks.append(kept)
        pages.append(
            Page(
                number=number,
                text=blocks_to_text(kept_blocks),
                has_text_layer=raw.has_text,
                removed_lines=tuple(removed),
            )
        )
    warnings: list[str] = []
    without_text = [page.number for page in pages if not page.has_text_layer]
    if without_text:
        count = len(without_text)
        noun = "pagina" if count == 1 else "pagina's"
        warnings.append(
            f"{count} {noun} zonder tekstlaag ({format_page_list(without_text)}): "
            "deze tekst is niet gelezen"
        )
    return tuple(pages), tuple(warnings)


def extract(
    path: str | Path,
    *,
    engine: str = "pdfium",
    password: str | None = None,
    use_cache: bool = True,
    cache_dir: Path | None = None,
) -> Document:
    """Read a PDF into a ``Document`` of normalised page text (cached on disk).

    Raises ``VisiecheckError`` subclasses for files that cannot be read: missing,
    a folder, not a PDF, empty/damaged, password-protected, or without any text.
    """
    file_path = Path(path)
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    data = _read_file(file_path)
    sha256 = hashlib.sha256(data).hexdigest()
    directory = cache.cache_directory(cache_dir) if use_cache else None
    if directory is not None:
        hit = cache.load(directory, sha256, engine, EXTRACTOR_VERSION)
        if hit is not None:
            pages, warnings = hit
            return Document(str(path), sha256, engine, pages, warnings)

    raw_pages = _read_raw(engine, data, password, file_path)
    if not raw_pages:
        raise CorruptPdfError("the PDF has no pages; export the document again", path=file_path)
    if not any(raw.has_text for raw in raw_pages):
        raise NoTextError(
            "no page has a text layer: it looks like a scan; run OCR on it first "
            "(for example with ocrmypdf) and check the result",
            path=file_path,
        )
    pages, warnings = _normalise(raw_pages)
    # A document opened with a password is not cached: the cache would hand its
    # text to a later run without the password.
    if directory is not None and password is None:
        cache.store(directory, sha256, engine, EXTRACTOR_VERSION, pages, warnings)
    return Document(str(path), sha256, engine, pages, warnings)
