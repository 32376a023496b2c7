"""OCR of pages without a text layer: OCRmyPDF with Tesseract's Dutch model (``-l nld``).

Only the pages the engine found without text are OCR'd (OCRmyPDF's ``pages``
option with ``force_ocr``), not the whole file. Why not ``skip_text``: OCRmyPDF
would then decide per page itself, and a page with a few invisible characters (an
empty text object) counts as "has text" for it but as "no text" for us, so that
page would silently stay unread. ``force_ocr`` on exactly our pages never fails
with "page already has text" and never touches the pages we read fine.

The text is taken from OCRmyPDF's *sidecar* (Tesseract's plain text per page, with
blank lines between paragraphs), not from the PDF it would write: that PDF places
every word on its own, with its own size and baseline, and reading it back through
the layout code scatters the words. No output PDF is made at all (``output_type
"none"``), which is also faster.
"""

from __future__ import annotations

import io
import logging
import re
import threading
from collections.abc import Sequence
from pathlib import Path

from ..errors import EncryptedPdfError, OcrUnavailableError
from ..messages import Msg

OCR_LANGUAGE = "nld"
INSTALL_HINT = Msg("read.ocr_install")

# OCRmyPDF logs to the "ocrmypdf" logger; without a handler Python would print its
# warnings on stderr. Core modules never print: a NullHandler keeps it quiet unless
# the application configures logging itself.
logging.getLogger("ocrmypdf").addHandler(logging.NullHandler())
# OCRmyPDF's API is not re-entrant (plugin manager, global options): one run at a time.
_OCR_LOCK = threading.Lock()


class OcrFailed(Exception):
    """OCR ran but failed on this file; the caller warns and goes on without it."""


def _decrypt(data: bytes, password: str, path: str | Path) -> bytes:
    """OCRmyPDF refuses encrypted input: hand it a decrypted copy (in memory only)."""
    import pikepdf  # a dependency of ocrmypdf

    try:
        with pikepdf.open(io.BytesIO(data), password=password) as pdf:
            buffer = io.BytesIO()
            pdf.save(buffer)
            return buffer.getvalue()
    except pikepdf.PasswordError:
        raise EncryptedPdfError(Msg("read.wrong_password"), path=path) from None
    except pikepdf.PdfError as error:
        raise OcrFailed(f"the PDF could not be prepared for OCR ({error})") from None


def ocr_pages(data: bytes, pages: Sequence[int], password: str | None, path: str | Path) -> bytes:
    """The PDF with an OCR text layer on ``pages`` (1-based); other pages unchanged.

    Raises ``OcrUnavailableError`` when OCRmyPDF, Tesseract, its Dutch language data
    or Ghostscript is missing, and ``OcrFailed`` when OCR itself fails.
    """
    try:
        import ocrmypdf
        from ocrmypdf import exceptions as ocr_errors
    except ImportError:
        raise OcrUnavailableError(
            Msg("read.ocr_not_installed", install=INSTALL_HINT),
            path=path,
        ) from None
    if password:
        data = _decrypt(data, password, path)
    page_list = ",".join(str(number) for number in sorted(set(pages)))
    sidecar = io.BytesIO()
    try:
        with _OCR_LOCK:
            ocrmypdf.ocr(
                io.BytesIO(data),
                "-",
                language=[OCR_LANGUAGE],
                pages=page_list,
                force_ocr=True,
                output_type="none",
                sidecar=sidecar,
                optimize=0,
                progress_bar=False,
                # Threads, not processes: tesseract runs as its own program anyway,
                # and a daemonic worker process may not start child processes.
                use_threads=True,
                # Nothing is written back; a signature need not survive.
                invalidate_digital_signatures=True,
            )
    except ocr_errors.MissingDependencyError as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise OcrUnavailableError(
            Msg(
                "read.ocr_tools_missing",
                detail=f" ({detail.rstrip(': ')})" if detail else "",
                install=INSTALL_HINT,
            ),
            path=path,
        ) from None
    except ocr_errors.EncryptedPdfError:
        raise EncryptedPdfError(Msg("read.encrypted"), path=path) from None
    except ocr_errors.ExitCodeException as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise OcrFailed(first or type(error).__name__) from None
    except OSError as error:  # e.g. no space left for the page images
        raise OcrFailed(error.strerror or type(error).__name__) from None
    texts = split_sidecar(sidecar.getvalue().decode("utf-8", errors="replace"))
    if any(number > len(texts) for number in pages):
        raise OcrFailed("OCRmyPDF returned fewer pages than the PDF has")
    return {number: texts[number - 1] for number in pages}


_SKIPPED = re.compile(r"^\[OCR skipped on page\(s\) (\d+)(?:-(\d+))?\]$")


def split_sidecar(text: str) -> list[str]:
    """Sidecar text → one string per page (form feeds separate pages; a run of pages
    OCRmyPDF did not OCR is one ``[OCR skipped on page(s) 5-6]`` entry)."""
    pages: list[str] = []
    for entry in text.split("\f"):
        skipped = _SKIPPED.match(entry.strip())
        if skipped:
            first = int(skipped.group(1))
            last = int(skipped.group(2) or first)
            pages.extend("" for _ in range(last - first + 1))
        else:
            pages.append(entry)
    return pages
