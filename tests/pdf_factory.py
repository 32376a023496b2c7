"""Build small test PDFs at test time (reportlab platypus), plus broken files.

``make_pdf(tmp_path, pages, ...)``: ``pages`` is a list of pages, each a list of
paragraphs. A paragraph starting with ``"# "`` is a heading, ``"## "`` a subheading,
``"SPACED "`` a letter-spaced heading (``SPACED BODEM EN ONDERGROND`` is drawn as
``B O D E M  E N  O N D E R G R O N D``). Paragraph text is reportlab markup, so
``<br/>`` forces a line break (use it to put a hyphen at a line end on purpose) and a
literal ``&`` must be written ``&amp;``. Every page of ``pages`` starts on a new
physical page; keep each page short enough to fit on one physical page so the page
numbers the tests assert are the physical ones.

With ``columns=2`` a leading ``"# "`` heading of a page spans both columns (a title
above the columns); everything else flows through the left column, then the right.
``run_in_heading(title, body)`` builds a body paragraph whose first line is a bold
heading at the body's size, with the body running on below it at the normal line
pitch (no space between them), as many layouts set unnumbered subheadings.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PIL import Image as PILImage
from PIL import ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    Image,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
GUTTER = 12 * mm
TITLE_HEIGHT = 18 * mm


def spaced(text: str) -> str:
    """``"BODEM EN"`` → ``"B O D E M  E N"``: letters one space apart, words two."""
    return "  ".join(" ".join(word) for word in text.split())


def _styles(hyphenate: bool, font_size: float) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName="Helvetica",
        fontSize=font_size,
        leading=font_size * 1.3,
        spaceAfter=font_size * 0.9,
    )
    if hyphenate:
        body.hyphenationLang = "nl_NL"
        body.hyphenationMinWordLength = 6
        # Reportlab only hyphenates when a word does not fit; with uriWasteReduce it
        # also splits words that would waste much of the line, so breaks really occur.
        body.uriWasteReduce = 0.3
        body.embeddedHyphenation = 1
    heading = ParagraphStyle(
        "heading",
        parent=body,
        fontName="Helvetica-Bold",
        fontSize=font_size * 1.6,
        leading=font_size * 2.0,
        spaceBefore=font_size * 0.5,
        spaceAfter=font_size * 0.8,
        hyphenationLang="",
    )
    subheading = ParagraphStyle(
        "subheading",
        parent=heading,
        fontSize=font_size * 1.25,
        leading=font_size * 1.6,
    )
    return {"body": body, "heading": heading, "subheading": subheading}


class _SpacedHeading(Flowable):
    """A letter-spaced heading drawn as literal glyphs and spaces (as some layouts do)."""

    def __init__(self, text: str, font_size: float) -> None:
        super().__init__()
        self.text = spaced(text)
        self.font_size = font_size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, self.font_size * 2.2

    def draw(self) -> None:
        self.canv.setFont("Helvetica-Bold", self.font_size)
        self.canv.drawString(0, self.font_size * 0.6, self.text)


class _PageMarker(Flowable):
    """Zero-size flowable telling the page decorations which logical page is drawn."""

    def __init__(self, logical_page: int) -> None:
        super().__init__()
        self.logical_page = logical_page

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._visiecheck_logical_page = self.logical_page  # type: ignore[attr-defined]


def _text_image(paragraphs: Sequence[str], width_pt: float) -> Image:
    """A picture of the page text: looks like a scan, has no text layer."""
    scale = 2
    width_px = int(width_pt * scale)
    height_px = int(min(len(paragraphs) * 40 + 60, 600) * scale)
    picture = PILImage.new("RGB", (width_px, height_px), "white")
    draw = ImageDraw.Draw(picture)
    y = 20
    for paragraph in paragraphs:
        draw.text((20, y), paragraph.lstrip("# ")[:70], fill="black")
        y += 40
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    return Image(buffer, width=width_px / scale, height=height_px / scale)


def make_pdf(
    tmp_path: Path,
    pages: Sequence[Sequence[str]],
    *,
    columns: int = 1,
    hyphenate: bool = False,
    header: str | None = None,
    page_numbers: bool = False,
    image_only_pages: Iterable[int] = (),
    encrypt: str | None = None,
    filename: str = "visie.pdf",
    font_size: float = 10,
) -> Path:
    """Write a PDF with these pages to ``tmp_path / filename`` and return its path."""
    if columns not in (1, 2):
        raise ValueError("columns must be 1 or 2")
    image_only = set(image_only_pages)
    styles = _styles(hyphenate, font_size)
    path = Path(tmp_path) / filename
    body_top = PAGE_HEIGHT - MARGIN
    body_height = PAGE_HEIGHT - 2 * MARGIN
    full_width = PAGE_WIDTH - 2 * MARGIN
    column_width = (full_width - GUTTER) / 2

    def decorate(canvas: Any, doc: Any) -> None:
        logical = getattr(canvas, "_visiecheck_logical_page", None)
        if logical in image_only:
            return  # a scanned page has no text at all
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        if header:
            canvas.drawString(MARGIN, PAGE_HEIGHT - MARGIN / 2, header)
        if page_numbers:
            canvas.drawCentredString(PAGE_WIDTH / 2, MARGIN / 2, str(canvas.getPageNumber()))
        canvas.restoreState()

    def column_frames(top: float, height: float, prefix: str) -> list[Frame]:
        return [
            Frame(
                MARGIN + i * (column_width + GUTTER),
                top - height,
                column_width,
                height,
                id=f"{prefix}{i}",
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )
            for i in range(2)
        ]

    templates = {
        "one": PageTemplate(
            "one",
            [
                Frame(
                    MARGIN,
                    MARGIN,
                    full_width,
                    body_height,
                    id="body",
                    leftPadding=0,
                    rightPadding=0,
                    topPadding=0,
                    bottomPadding=0,
                )
            ],
            onPageEnd=decorate,
        ),
        "two": PageTemplate("two", column_frames(body_top, body_height, "col"), onPageEnd=decorate),
        "two_title": PageTemplate(
            "two_title",
            [
                Frame(
                    MARGIN,
                    body_top - TITLE_HEIGHT,
                    full_width,
                    TITLE_HEIGHT,
                    id="title",
                    leftPadding=0,
                    rightPadding=0,
                    topPadding=0,
                    bottomPadding=0,
                ),
                *column_frames(body_top - TITLE_HEIGHT, body_height - TITLE_HEIGHT, "tcol"),
            ],
            onPageEnd=decorate,
        ),
    }

    story: list[Flowable] = []
    first_template = "one" if columns == 1 else "two"
    for index, paragraphs in enumerate(pages, start=1):
        paragraphs = list(paragraphs)
        titled = columns == 2 and bool(paragraphs) and paragraphs[0].startswith("# ")
        template = "one" if columns == 1 else ("two_title" if titled else "two")
        if index == 1:
            first_template = template
        else:
            story += [NextPageTemplate(template), PageBreak()]
        story.append(_PageMarker(index))
        if index in image_only:
            width = full_width if columns == 1 else column_width
            story.append(_text_image(paragraphs, width))
            continue
        for position, paragraph in enumerate(paragraphs):
            story.append(_flowable(paragraph, styles, font_size))
            if titled and position == 0:
                story.append(FrameBreak())
        if not paragraphs:
            story.append(Spacer(1, 1))

    order = [first_template] + [name for name in templates if name != first_template]
    doc = BaseDocTemplate(
        str(path),
        pagesize=A4,
        pageTemplates=[templates[name] for name in order],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        encrypt=encrypt,
        title="Omgevingsvisie (test)",
        author="visiecheck tests",
        invariant=1,
    )
    doc.build(story)
    return path


def run_in_heading(title: str, body: str) -> str:
    """Markup of a paragraph that starts with a bold heading line (same size, no gap)."""
    return f"<b>{title}</b><br/>{body}"


def _flowable(paragraph: str, styles: dict[str, ParagraphStyle], font_size: float) -> Flowable:
    if paragraph.startswith("## "):
        return Paragraph(paragraph[3:], styles["subheading"])
    if paragraph.startswith("# "):
        return Paragraph(paragraph[2:], styles["heading"])
    if paragraph.startswith("SPACED "):
        return _SpacedHeading(paragraph[len("SPACED ") :], font_size * 1.4)
    return Paragraph(paragraph, styles["body"])


# --- broken inputs --------------------------------------------------------------------


def write_truncated_pdf(tmp_path: Path, source: Path, filename: str = "afgebroken.pdf") -> Path:
    """The first 40% of a good PDF: starts with ``%PDF-`` but has no xref or trailer."""
    data = source.read_bytes()
    path = Path(tmp_path) / filename
    path.write_bytes(data[: max(len(data) * 2 // 5, 20)])
    return path


def write_text_as_pdf(tmp_path: Path, filename: str = "notitie.pdf") -> Path:
    """A plain text file that only has a .pdf name."""
    path = Path(tmp_path) / filename
    path.write_text("Dit is geen PDF maar een tekstbestand over grondwater.\n", encoding="utf-8")
    return path


def write_html_as_pdf(tmp_path: Path, filename: str = "pagina.pdf") -> Path:
    """A web page saved under a .pdf name."""
    path = Path(tmp_path) / filename
    path.write_text(
        "<!DOCTYPE html><html><body><p>Omgevingsvisie</p></body></html>\n", encoding="utf-8"
    )
    return path


def write_empty_file(tmp_path: Path, filename: str = "leeg.pdf") -> Path:
    """A 0-byte file."""
    path = Path(tmp_path) / filename
    path.write_bytes(b"")
    return path


def write_garbage_pdf(tmp_path: Path, filename: str = "kapot.pdf") -> Path:
    """Starts like a PDF, then nothing but noise."""
    path = Path(tmp_path) / filename
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    return path


def write_zero_page_pdf(tmp_path: Path, filename: str = "nul-paginas.pdf") -> Path:
    """A syntactically valid PDF whose page tree has no pages."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    path = Path(tmp_path) / filename
    path.write_bytes(pdf_from_objects(objects))
    return path


def pdf_from_objects(objects: Sequence[bytes]) -> bytes:
    """A PDF of objects 1..n (1 is the catalog), assembled by hand with a cross-reference
    table that fits them: no library repairs what a test wants damaged or odd."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- scans ------------------------------------------------------------------------------

SCAN_DPI = 200


def scan_font_path() -> Path:
    """A real TrueType font that always exists where reportlab is installed (Bitstream Vera)."""
    import reportlab

    return Path(reportlab.__file__).resolve().parent / "fonts" / "Vera.ttf"


def _scan_page_image(paragraphs: Sequence[str], dpi: int) -> PILImage.Image:
    """An A4 page at ``dpi`` with the paragraphs typeset in 12 pt Vera, wrapped to width."""
    from PIL import ImageFont

    width, height = int(PAGE_WIDTH / 72 * dpi), int(PAGE_HEIGHT / 72 * dpi)
    picture = PILImage.new("L", (width, height), 255)
    draw = ImageDraw.Draw(picture)
    body = ImageFont.truetype(str(scan_font_path()), int(12 / 72 * dpi))
    heading = ImageFont.truetype(str(scan_font_path()), int(18 / 72 * dpi))
    left = right = int(MARGIN / 72 * dpi)
    y = int(MARGIN / 72 * dpi)
    for paragraph in paragraphs:
        font = heading if paragraph.startswith("# ") else body
        words = paragraph.removeprefix("# ").split()
        line: list[str] = []
        for word in words:
            if line and draw.textlength(" ".join([*line, word]), font=font) > width - left - right:
                draw.text((left, y), " ".join(line), font=font, fill=0)
                y += int(font.size * 1.4)
                line = []
            line.append(word)
        if line:
            draw.text((left, y), " ".join(line), font=font, fill=0)
            y += int(font.size * 1.4)
        y += int(font.size * 0.8)
    return picture


def make_scanned_pdf(
    tmp_path: Path,
    pages: Sequence[Sequence[str] | str],
    *,
    filename: str = "scan.pdf",
    dpi: int = SCAN_DPI,
) -> Path:
    """A PDF like a scanner makes: each page one image of typeset text, no text layer.

    ``pages`` holds per page a list of paragraphs (``"# "`` marks a heading) to be
    scanned, or a plain string: that page is then drawn as real text (a digital page).
    """
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    path = Path(tmp_path) / filename
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for page in pages:
        if isinstance(page, str):
            canvas.setFont("Helvetica", 11)
            canvas.drawString(MARGIN, PAGE_HEIGHT - MARGIN, page)
        else:
            buffer = io.BytesIO()
            _scan_page_image(page, dpi).save(buffer, format="PNG")
            buffer.seek(0)
            canvas.drawImage(ImageReader(buffer), 0, 0, PAGE_WIDTH, PAGE_HEIGHT)
        canvas.showPage()
    canvas.save()
    return path


# --- hostile and odd inputs --------------------------------------------------------------


def write_broken_xref_pdf(
    tmp_path: Path, source: Path, filename: str = "kapotte-xref.pdf", *, how: str = "shift"
) -> Path:
    """A good PDF whose cross-reference data lies, but whose objects are all intact.

    ``how="shift"``: a comment is inserted after the header, so every offset in the
    xref table (and startxref) points 64 bytes too early. ``how="startxref"``: only
    the ``startxref`` number is wrong. Readers can recover by scanning for objects.
    """
    data = source.read_bytes()
    if how == "shift":
        header_end = data.index(b"\n") + 1
        data = data[:header_end] + b"%" + b"x" * 62 + b"\n" + data[header_end:]
    elif how == "startxref":
        position = data.rindex(b"startxref") + len(b"startxref")
        end = data.index(b"%%EOF", position)
        data = data[:position] + b"\n999999999\n" + data[end:]
    else:
        raise ValueError(how)
    path = Path(tmp_path) / filename
    path.write_bytes(data)
    return path


def make_many_pages_pdf(tmp_path: Path, count: int, filename: str = "dik.pdf") -> Path:
    """``count`` pages with one short sentence each (canvas: fast to build).

    Each page's sentence carries a letter code (``baa``, ``bab``, ...) rather than a
    number: lines that differ only in digits would count as a running header.
    """
    from reportlab.pdfgen.canvas import Canvas

    def code(number: int) -> str:
        letters = ""
        for _ in range(3):
            number, rest = divmod(number, 26)
            letters = chr(ord("a") + rest) + letters
        return "b" + letters

    path = Path(tmp_path) / filename
    canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    for number in range(1, count + 1):
        canvas.setFont("Helvetica", 10)
        canvas.drawString(MARGIN, PAGE_HEIGHT - MARGIN, f"Alinea {code(number)}: de bodem leeft.")
        if number == count:
            canvas.drawString(MARGIN, PAGE_HEIGHT - 2 * MARGIN, "Geothermie op de laatste pagina.")
        canvas.showPage()
    canvas.save()
    return path
