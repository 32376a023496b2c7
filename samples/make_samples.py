"""Build the fictional sample omgevingsvisies in ``samples/`` from ``samples/text/*.md``.

Usage (from the repository root)::

    python samples/make_samples.py                  # all texts in samples/text/
    python samples/make_samples.py omgevingsvisie-beekdal

Each ``samples/text/<name>.md`` becomes ``samples/<name>.pdf``. Needs ``reportlab`` and, for
hyphenated texts, ``pyphen`` (both in the ``test`` extra). The output is byte-for-byte
deterministic (reportlab invariant mode, fixed metadata), so re-running gives identical files.

Text format
-----------
The file starts with metadata lines ``%key value`` (until the first line that does not start
with ``%``):

``%municipality``   name shown on the cover and in the running header (required)
``%title``          document title, e.g. ``Omgevingsvisie 2040`` (required)
``%subtitle``       cover subtitle
``%status``         cover status line (e.g. the adoption date)
``%columns``        ``1`` (default) or ``2``: columns on the body pages after the contents page
``%hyphenation``    a pyphen language (``nl_NL``): break words at line ends, justified text

After the metadata, the text is a sequence of blocks separated by blank lines:

``# Titel``         chapter heading (listed in the table of contents, level 0)
``## Titel``        subheading (listed in the table of contents, level 1)
``---page---``      page break
``TOC``             the table of contents page (dot leaders and page numbers); it is always
                    one column and the body pages start on the next page
``- item``          a block whose lines all start with ``- `` is a bullet list, one item a line
anything else       a paragraph; its lines are joined with spaces

Inline, ``**text**`` is bold. Page 1 is the cover (built from the metadata, no header or page
number); every other page has a running header (municipality and title) and its physical page
number in the footer, so printed and physical page numbers are the same.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config

# Invariant mode fixes the creation date and the document ID: identical input gives identical bytes.
rl_config.invariant = 1

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Flowable,
    Frame,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.tableofcontents import TableOfContents  # noqa: E402

HERE = Path(__file__).resolve().parent
TEXT_DIR = HERE / "text"

PAGE_W, PAGE_H = A4
MARGIN_X = 22 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 22 * mm
COLUMN_GAP = 8 * mm
ACCENT = colors.HexColor("#2f5d50")


@dataclass(frozen=True)
class Block:
    """One parsed block of the text format."""

    kind: str  # "h1", "h2", "page", "toc", "bullets", "para"
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """A parsed sample text: metadata and blocks."""

    name: str
    meta: dict[str, str] = field(default_factory=dict)
    blocks: tuple[Block, ...] = ()


def parse(path: Path) -> Source:
    """Parse one ``.md`` file of the format described in the module docstring."""
    lines = path.read_text(encoding="utf-8").splitlines()
    meta: dict[str, str] = {}
    while lines and lines[0].startswith("%"):
        key, _, value = lines.pop(0)[1:].partition(" ")
        meta[key.strip()] = value.strip()
    for required in ("municipality", "title"):
        if required not in meta:
            raise ValueError(f"{path}: missing %{required}")
    blocks: list[Block] = []
    for raw in re.split(r"\n\s*\n", "\n".join(lines)):
        chunk = [line.rstrip() for line in raw.strip().splitlines()]
        if not chunk:
            continue
        first = chunk[0]
        if len(chunk) == 1 and first == "---page---":
            blocks.append(Block("page"))
        elif len(chunk) == 1 and first == "TOC":
            blocks.append(Block("toc"))
        elif len(chunk) == 1 and first.startswith("## "):
            blocks.append(Block("h2", first[3:].strip()))
        elif len(chunk) == 1 and first.startswith("# "):
            blocks.append(Block("h1", first[2:].strip()))
        elif all(line.startswith("- ") for line in chunk):
            blocks.append(Block("bullets", items=tuple(line[2:].strip() for line in chunk)))
        else:
            blocks.append(Block("para", " ".join(line.strip() for line in chunk)))
    return Source(path.stem, meta, tuple(blocks))


def inline(text: str) -> str:
    """Escape XML and turn ``**bold**`` into reportlab markup."""
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escape(text))


def make_styles(meta: dict[str, str]) -> dict[str, ParagraphStyle]:
    """Paragraph styles; hyphenation and justification only when the text asks for it."""
    hyph = meta.get("hyphenation")
    extra: dict[str, object] = {}
    if hyph:
        extra = {"hyphenationLang": hyph, "embeddedHyphenation": 1, "uriWasteReduce": 0.3}
    two = meta.get("columns", "1") == "2"
    body = ParagraphStyle(
        "Body",
        fontName="Times-Roman",
        fontSize=10 if two else 11,
        leading=13 if two else 15,
        spaceAfter=6,
        alignment=TA_JUSTIFY if hyph else TA_LEFT,
        **extra,
    )
    return {
        "body": body,
        "bullet": ParagraphStyle("Bullet", parent=body, spaceAfter=2),
        "h1": ParagraphStyle(
            "H1",
            fontName="Helvetica-Bold",
            fontSize=16,
            leading=20,
            spaceBefore=4,
            spaceAfter=10,
            textColor=ACCENT,
        ),
        "h2": ParagraphStyle(
            "H2",
            fontName="Helvetica-Bold",
            fontSize=12,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            textColor=ACCENT,
        ),
        "toc_title": ParagraphStyle(
            "TocTitle",
            fontName="Helvetica-Bold",
            fontSize=20,
            leading=24,
            spaceAfter=18,
            textColor=ACCENT,
        ),
        "toc0": ParagraphStyle(
            "Toc0",
            fontName="Helvetica-Bold",
            fontSize=11,
            leading=16,
            spaceBefore=6,
        ),
        "toc1": ParagraphStyle(
            "Toc1",
            fontName="Helvetica",
            fontSize=10.5,
            leading=14,
            leftIndent=8 * mm,
        ),
    }


class Cover(Flowable):
    """The cover: title block and a drawn cross-section of soil layers (no images)."""

    def __init__(self, meta: dict[str, str]) -> None:
        super().__init__()
        self.meta = meta
        self.width = PAGE_W - 2 * MARGIN_X - 12  # frames pad 6 pt on each side
        self.height = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - 12

    def draw(self) -> None:
        c = self.canv
        top = self.height
        c.setFillColor(ACCENT)
        c.setFont("Helvetica", 14)
        c.drawString(0, top - 40, "Gemeente " + self.meta["municipality"])
        c.setFont("Helvetica-Bold", 34)
        c.drawString(0, top - 95, self.meta["title"])
        c.setFillColor(colors.black)
        if "subtitle" in self.meta:
            c.setFont("Helvetica", 15)
            c.drawString(0, top - 130, self.meta["subtitle"])
        # A stylised cross-section: grass, then layers of ever darker earth.
        layers = ["#7fa35b", "#d9c48f", "#c3a46a", "#a4825a", "#7d6450", "#5a4a3f"]
        y = top - 230
        for i, colour in enumerate(layers):
            h = 14 if i == 0 else 40 + 6 * i
            c.setFillColor(colors.HexColor(colour))
            c.rect(0, y - h, self.width, h, stroke=0, fill=1)
            y -= h
        if "status" in self.meta:
            c.setFillColor(colors.black)
            c.setFont("Helvetica", 11)
            c.drawString(0, 10, self.meta["status"])


class VisieDoc(BaseDocTemplate):
    """A doc template that feeds headings into the table of contents and the outline."""

    def __init__(self, filename: str, meta: dict[str, str], **kwargs: object) -> None:
        super().__init__(filename, pagesize=A4, **kwargs)
        self.meta = meta
        self._heading_no = 0
        width = PAGE_W - 2 * MARGIN_X
        height = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
        single = Frame(MARGIN_X, MARGIN_BOTTOM, width, height, id="single")
        col_w = (width - COLUMN_GAP) / 2
        left = Frame(MARGIN_X, MARGIN_BOTTOM, col_w, height, id="left")
        right = Frame(MARGIN_X + col_w + COLUMN_GAP, MARGIN_BOTTOM, col_w, height, id="right")
        self.addPageTemplates(
            [
                PageTemplate("cover", [Frame(MARGIN_X, MARGIN_BOTTOM, width, height)]),
                PageTemplate("single", [single], onPage=self._decorate),
                PageTemplate("twocol", [left, right], onPage=self._decorate),
            ]
        )

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.setFillColor(ACCENT)
        y = PAGE_H - 15 * mm
        canvas.drawString(MARGIN_X, y, "Gemeente " + self.meta["municipality"])
        canvas.drawRightString(PAGE_W - MARGIN_X, y, self.meta["title"])
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, y - 3, PAGE_W - MARGIN_X, y - 3)
        canvas.setFillColor(colors.black)
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(PAGE_W / 2, 12 * mm, str(doc.page))
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, Paragraph):
            return
        level = {"H1": 0, "H2": 1}.get(flowable.style.name)
        if level is None:
            return
        text = flowable.getPlainText()
        # Keys follow document order, so the outline is the same on every run.
        self._heading_no += 1
        key = f"h{self._heading_no}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=False)
        self.notify("TOCEntry", (level, text, self.page, key))

    def beforeDocument(self) -> None:
        self._heading_no = 0  # multiBuild runs several passes


def story(source: Source, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Turn parsed blocks into platypus flowables."""
    body_template = "twocol" if source.meta.get("columns", "1") == "2" else "single"
    out: list[Flowable] = [Cover(source.meta), NextPageTemplate("single"), PageBreak()]
    for block in source.blocks:
        if block.kind == "page":
            out.append(PageBreak())
        elif block.kind == "toc":
            toc = TableOfContents(dotsMinLevel=0, levelStyles=[styles["toc0"], styles["toc1"]])
            out += [
                Paragraph("Inhoud", styles["toc_title"]),
                toc,
                NextPageTemplate(body_template),
                PageBreak(),
            ]
        elif block.kind in ("h1", "h2"):
            out.append(Paragraph(inline(block.text), styles[block.kind]))
        elif block.kind == "bullets":
            items = [
                ListItem(Paragraph(inline(item), styles["bullet"]), leftIndent=12)
                for item in block.items
            ]
            out += [
                ListFlowable(items, bulletType="bullet", start="•", leftIndent=12),
                Spacer(1, 4),
            ]
        else:
            out.append(Paragraph(inline(block.text), styles["body"]))
    return out


def build(source: Source, out_dir: Path = HERE) -> Path:
    """Write ``<out_dir>/<name>.pdf`` and return its path."""
    target = out_dir / f"{source.name}.pdf"
    meta = source.meta
    doc = VisieDoc(
        str(target),
        meta,
        title=f"{meta['title']} {meta['municipality']}",
        author=f"Gemeente {meta['municipality']} (fictief voorbeeld)",
        subject="Fictieve voorbeeld-omgevingsvisie voor visiecheck",
        creator="visiecheck samples/make_samples.py",
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
    )
    doc.multiBuild(story(source, make_styles(meta)))
    return target


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem for p in TEXT_DIR.glob("*.md"))
    for name in names:
        path = build(parse(TEXT_DIR / f"{name}.md"))
        print(f"{path.relative_to(HERE.parent)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
