"""OCR of pages without a text layer: OCRmyPDF with Tesseract's Dutch model (``-l nld``).

Only the pages the engine found without text are OCR'd (OCRmyPDF's ``pages``
option with ``force_ocr``), not the whole file. Why not ``skip_text``: OCRmyPDF
would then decide per page itself, and a page with a few invisible characters (an
empty text object) counts as "has text" for it but as "no text" for us, so that
page would silently stay unread. ``force_ocr`` on exactly our pages never fails
with "page already has text" and never touches the pages we read fine. The result
goes to a temporary PDF (plain PDF, no PDF/A conversion, no optimisation: it is
only read back and deleted) that the normal engine then reads.
"""

from __future__ import annotations

import io
import logging
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from ..errors import EncryptedPdfError, OcrUnavailableError

OCR_LANGUAGE = "nld"
INSTALL_HINT = (
    "install them with: apt-get install tesseract-ocr tesseract-ocr-nld ghostscript "
    '(and pip install "visiecheck[ocr]")'
)

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
        raise EncryptedPdfError(
            "the password is wrong; give the right one with --password", path=path
        ) from None
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
            "--ocr needs OCRmyPDF and Tesseract with Dutch language data, but OCRmyPDF "
            f"is not installed; {INSTALL_HINT}",
            path=path,
        ) from None
    if password:
        data = _decrypt(data, password, path)
    page_list = ",".join(str(number) for number in sorted(set(pages)))
    with tempfile.TemporaryDirectory(prefix="visiecheck-ocr-") as folder:
        output = Path(folder) / "ocr.pdf"
        try:
            with _OCR_LOCK:
                ocrmypdf.ocr(
                    io.BytesIO(data),
                    output,
                    language=[OCR_LANGUAGE],
                    pages=page_list,
                    force_ocr=True,
                    output_type="pdf",
                    optimize=0,
                    progress_bar=False,
                    # Threads, not processes: tesseract runs as its own program anyway,
                    # and a daemonic worker process may not start child processes.
                    use_threads=True,
                    # Our copy is temporary; a signature need not survive it.
                    invalidate_digital_signatures=True,
                )
        except ocr_errors.MissingDependencyError as error:
            detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
            raise OcrUnavailableError(
                "--ocr needs Tesseract with Dutch language data (nld) and Ghostscript"
                + (f" ({detail.rstrip(': ')})" if detail else "")
                + f"; {INSTALL_HINT}",
                path=path,
            ) from None
        except ocr_errors.EncryptedPdfError:
            raise EncryptedPdfError(
                "the PDF is password-protected; give the password with --password", path=path
            ) from None
        except ocr_errors.ExitCodeException as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else ""
            raise OcrFailed(first or type(error).__name__) from None
        except OSError as error:  # e.g. no space left for the page images
            raise OcrFailed(error.strerror or type(error).__name__) from None
        return output.read_bytes()
