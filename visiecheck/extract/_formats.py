"""Which format a file is, decided by its content (magic bytes, sniffing), not its name.

A saved web page called ``visie.pdf`` is HTML; a Word file renamed to ``.pdf`` is a
ZIP archive with ``word/document.xml``. Formats recognised by their own marks (PDF
header, Word archive, HTML markup) are read as what they are, and the name only
adds a warning when it disagrees. Plain text has no such mark: it is merely what is
left, so it is only read as text when the name does not promise a PDF or Word file
(a ``.pdf`` holding plain text is a failed download or a mistake, not a visie).

Published visies are recognised by their start as well: a JSON object is a DSO
document (``dso``), XML that declares itself (``<?xml``, a DTD) or whose root is a STOP
regeling or delivery is STOP XML (``stop``), and a ZIP holding such XML is a DSO
package (``package``). Whether the JSON really has a DSO tree and the XML a regeling is
the reader's to say, so a damaged or hostile file is refused as what it claims to be.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..errors import NotAPdfError
from ..messages import Msg

PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024  # the PDF header may follow some junk, within the first 1024 bytes
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word .doc, .xls, .msg
SNIFF_WINDOW = 8192


_EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".xml": "stop",
    ".json": "dso",
    ".zip": "package",
}

# What a folder of visies may hold besides them, and what to do with it (said when a
# batch skips the file; ``check`` decides by content and says it in its error). Dutch:
# these lines reach the user through the batch's warnings.
READABLE_EXTENSIONS = frozenset(_EXTENSIONS)
_READABLE_WORDS = (
    "visiecheck leest PDF, Word (.docx), HTML, tekst (.txt/.md), STOP-XML (.xml), "
    "DSO-JSON (.json) en DSO-pakketten (.zip)"
)
_SKIP_ADVICE = {
    (".doc", ".odt", ".rtf", ".wpd", ".pages"): "sla het op als .docx of PDF",
    (".xlsx", ".xls", ".xlsm", ".ods"): "een spreadsheet, geen visie",
    (".csv",): "een lijst, geen visie (een manifest geef je op in plaats van de map)",
    (".pptx", ".ppt", ".odp"): "een presentatie: sla haar op als PDF",
    (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp"): (
        "een afbeelding: maak er een PDF van (een scan wordt met OCR gelezen)"
    ),
    (".7z", ".rar", ".gz", ".tar"): "een archief: pak het eerst uit",
}


_STRUCTURED_SUFFIXES = (".json", ".xml", ".zip")
_PEEK = 65536  # a DSO JSON has its "_embedded" tree within its first lines


def unrelated_structured(path: str | Path) -> str | None:
    """Why a batch folder's ``.json``/``.xml``/``.zip`` is no published visie, or None.

    Folders of visies often hold other such files (settings, expected results, an
    export of something else); they are skipped with this reason (Dutch: it reaches
    the user as a batch warning) instead of becoming failed rows. A file whose start
    does not decide it (damaged, another format under the name) is left to the
    reader, which says what is wrong with it in its row.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in _STRUCTURED_SUFFIXES:
        return None
    try:
        if suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                from ._stop import package_member

                names = set(archive.namelist())
                if "word/document.xml" in names or package_member(archive) is not None:
                    return None
            return "een ZIP-archief zonder STOP-regeling, geen visie; " + _READABLE_WORDS
        with open(path, "rb") as handle:
            head = handle.read(_PEEK)
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    if suffix == ".json":
        if _JSON_START.match(head) and b'"_embedded"' not in head:
            return "JSON zonder DSO-documentboom (_embedded), geen visie"
        return None
    from ._stop import is_stop_root, root_name

    name = root_name(head)
    if name is not None and name.lower() != "html" and not is_stop_root(name):
        return f"XML zonder STOP-regeling (<{name}>), geen visie"
    return None


def skip_advice(suffix: str) -> str:
    """Why a batch folder's file with this extension is not read, and what to do."""
    lowered = suffix.lower()
    for suffixes, advice in _SKIP_ADVICE.items():
        if lowered in suffixes:
            return f"{advice}; {_READABLE_WORDS}"
    return _READABLE_WORDS


_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(rb"<(?:html|head|body|p|div|h[1-6]|title|meta)[\s>/]", re.IGNORECASE)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _unsupported(what: Msg, path: Path) -> NotAPdfError:
    return NotAPdfError(
        Msg("read.unsupported", what=what, supported=Msg("read.supported")), path=path
    )


def bomless_utf16(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` looks like UTF-16 text without a
    byte order mark, else None.

    Text in a Latin script is mostly ASCII, which UTF-16 writes as the character plus a
    zero byte: little-endian puts the zeros on the odd positions, big-endian on the even
    ones. At least half the characters must have that zero on one side and almost none on
    the other, and the decoded start must be text (no more control characters than
    ``sniff`` allows), so a binary file with many zero bytes does not pass.
    """
    head = data[: SNIFF_WINDOW & ~1]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_zeros = head[0::2].count(0)
    odd_zeros = head[1::2].count(0)
    if odd_zeros >= pairs / 2 and even_zeros <= pairs / 100:
        encoding = "utf-16-le"
    elif even_zeros >= pairs / 2 and odd_zeros <= pairs / 100:
        encoding = "utf-16-be"
    else:
        return None
    text = head.decode(encoding, errors="replace")
    controls = sum(1 for char in text if char < " " and char not in "\t\n\f\r")
    if controls > 0.05 * len(text) or text.count("\ufffd") > 0.05 * len(text):
        return None
    return encoding


def decode_text(data: bytes) -> str:
    """Bytes of a text or HTML file → str: UTF-8 (with or without BOM), UTF-16 with a
    BOM or recognisably without one (``bomless_utf16``), else Windows-1252 (what Dutch
    Windows programs wrote before UTF-8)."""
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:SNIFF_WINDOW]:
        encoding = bomless_utf16(data)
        if encoding is not None:
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_XML_PROLOG = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:\?xml[\s?]|!DOCTYPE\s)", re.IGNORECASE)
_JSON_START = re.compile(rb'^(?:\xef\xbb\xbf)?\s*\{\s*(?:"|\})')


def _structured_kind(head: bytes) -> str | None:
    """``"dso"`` for a JSON object, ``"stop"`` for XML whose root is not HTML, else None.

    Decided from the first bytes only, so an oversized or damaged file is still
    recognised (and refused as what it is); whether the JSON is a DSO document and the
    XML a STOP regeling is for the reader to say.
    """
    if _JSON_START.match(head):
        return "dso"
    from ._stop import is_stop_root, root_name  # imports defusedxml: only when needed

    name = root_name(head)
    if name is None or name.lower() in ("html", "svg") or _HTML_START.match(head):
        return None
    # Other XML is only taken for XML when it says so (a declaration or a DTD): an HTML
    # fragment without <html> (``<div>…``) stays a web page, as before.
    declared = _XML_PROLOG.match(head) is not None
    return "stop" if is_stop_root(name) or declared else None


def sniff_oversized(head: bytes) -> str | None:
    """The structured kind (``stop``/``dso``) of a file too large to read whole, by its start."""
    return _structured_kind(head)


def sniff(data: bytes, path: Path) -> str:
    """``"pdf"``, ``"docx"``, ``"package"`` (a ZIP with a STOP regeling), ``"stop"``
    (STOP XML), ``"dso"`` (DSO JSON), ``"html"`` or ``"text"``; ``NotAPdfError`` for
    anything else."""
    if PDF_MAGIC in data[:MAGIC_WINDOW]:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise _unsupported(Msg("read.unsupported.zip_damaged"), path) from None
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names:
            raise _unsupported(Msg("read.unsupported.odt"), path)
        from ._stop import package_member

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if package_member(archive) is not None:
                return "package"
        raise _unsupported(Msg("read.unsupported.zip"), path)
    if data.startswith(OLE_MAGIC):
        raise _unsupported(Msg("read.unsupported.ole"), path)
    head = data[:SNIFF_WINDOW]
    if data.startswith(_UTF16_BOMS) or (b"\x00" in head and bomless_utf16(data)):
        head = decode_text(head).encode("utf-8", errors="replace")
    elif b"\x00" in head or _control_share(head) > 0.05:
        raise _unsupported(Msg("read.unsupported.binary"), path)
    if head.lstrip().startswith(b"{\\rtf"):
        raise _unsupported(Msg("read.unsupported.rtf"), path)
    structured = _structured_kind(head)
    if structured is not None:
        return structured
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 2:
        return "html"
    if path.suffix.lower() in (".pdf", ".docx"):
        raise _unsupported(
            Msg("read.unsupported.plain_text", kind=path.suffix.lower().lstrip(".").upper()),
            path,
        )
    return "text"


def _control_share(head: bytes) -> float:
    """Share of bytes that are control characters other than tab, newline, CR, FF."""
    if not head:
        return 0.0
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / len(head)


def name_warning(kind: str, path: Path) -> Msg | None:
    """A warning when the file name promises another format than the content is."""
    named = _EXTENSIONS.get(path.suffix.lower())
    if named is None or named == kind:
        return None
    format_name = Msg(f"format_name.{kind}")
    if named == "pdf":
        # an HTML page under a .pdf name is often the error page of a failed download
        hint = Msg("warn.download_error_page") if kind == "html" else Msg("text", text="")
        return Msg("warn.name_not_pdf", suffix=path.suffix, kind=format_name, hint=hint)
    return Msg("warn.name_other", suffix=path.suffix, kind=format_name)


# --- damaged PDFs that the engines repair ------------------------------------------------

_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_XREF_SUBSECTION = re.compile(rb"(\d+)[ \t]+(\d+)[ \t]*\r?\n")
_XREF_ENTRY = re.compile(rb"(\d{10})[ \t](\d{5})[ \t]([nf])")
_OBJECT_AT = re.compile(rb"\s*(\d+)\s+\d+\s+obj\b")
MAX_CHECKED_ENTRIES = 5000  # enough to notice shifted offsets; bounded for huge files


def pdf_xref_damaged(data: bytes) -> bool:
    """Whether the PDF's cross-reference data (``startxref`` and its table) is broken.

    pdfium and pdfminer silently rebuild a broken table by scanning the file, so the
    text still comes out; this check lets the reader say the file was repaired. Only
    the last table is checked (not earlier ``/Prev`` ones): it is the one readers use.
    """
    tail = data[-2048:]
    found = list(_STARTXREF.finditer(tail))
    if not found:
        return True
    offset = int(found[-1].group(1))
    if offset <= 0 or offset >= len(data):
        return True
    head = data[offset : offset + 64]
    if _OBJECT_AT.match(head):
        return False  # a cross-reference stream (PDF 1.5+): its target is right
    if not head.lstrip().startswith(b"xref"):
        return True
    position = offset + head.index(b"xref") + 4
    checked = 0
    while checked < MAX_CHECKED_ENTRIES:
        while position < len(data) and data[position] in b" \t\r\n":
            position += 1
        subsection = _XREF_SUBSECTION.match(data, position)
        if subsection is None:
            break
        first, count = int(subsection.group(1)), int(subsection.group(2))
        position = subsection.end()
        for index in range(count):
            entry = _XREF_ENTRY.match(data, position)
            if entry is None:
                return True
            position = entry.end()
            while position < len(data) and data[position] in b" \t\r\n":
                position += 1
            if entry.group(3) == b"n":
                target = _OBJECT_AT.match(data, int(entry.group(1)))
                if target is None or int(target.group(1)) != first + index:
                    return True
                checked += 1
                if checked >= MAX_CHECKED_ENTRIES:
                    break
    return False


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_EMPTY_PAGE_TREE = re.compile(rb"/Count\s+0(?![0-9])")


def pdf_declares_no_pages(data: bytes) -> bool:
    """Whether a PDF an engine refused visibly has an empty page tree (``/Count 0``
    and no page object): then "no pages" is the better message than "damaged"."""
    return bool(_EMPTY_PAGE_TREE.search(data)) and not _PAGE_OBJECT.search(data)
