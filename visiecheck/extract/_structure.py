"""Documents whose structure is marked (STOP XML, DSO JSON): sections as the document
gives them, never guessed from fonts or text.

Both formats describe one tree: ``Divisie``/``Divisietekst`` (in DSO JSON the
``DIVISIE``/``DIVISIETEKST`` nodes) nest, each with a ``Kop`` (``Label Nummer
Opschrift``) that is a heading of the table of contents; the text sits in ``Inhoud``
as paragraphs (``Al``), lists (``Lijst``/``Li``), tables, boxes (``Kadertekst``),
figures with captions, and glossaries (``Begrippenlijst``). This module walks such a
tree (as ``xml.etree`` elements: STOP XML directly, the DSO's HTML ``od-*`` divisions
after ``as_stop_tree``) into a ``StructureBuilder``, which cuts a section wherever the
heading path or the section's kind changes:

- the section path is the chain of ``Kop`` headings above the text;
- a ``Bijlage`` (annex) and everything in it has the kind ``annex``, a
  ``Begrippenlijst`` the kind ``glossary`` (also inside an annex);
- ``Gereserveerd`` (reserved) and ``Vervallen`` (repealed) parts hold no text: skipped,
  heading included;
- ``Tussenkop`` and the ``Kop`` of a box or figure are headings (so a term in them is
  not body text) but not part of the path: they are not in the table of contents;
- inline markup (``i``, ``b``, ``sub``, ``IntRef``, …) is flattened without adding or
  removing a character, so ``<i>bodem</i>energie`` stays one word; ``br`` breaks a line;
- a footnote (``Noot``) becomes its own paragraph after the one it stands in, so it does
  not cut that paragraph's sentence in two; references to information objects
  (``ExtIoRef``: an identifier, not words) are dropped;
- entities that a publishing tool escaped twice (``&amp;lsquo;``, a literal
  ``&lsquo;`` after parsing) are decoded once more.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from ..errors import CorruptPdfError
from ..messages import Msg
from ..models import SectionKind
from ._sections import BULLET
from ._types import RawPage

# Deeper nesting than this is no real document (the NOVI goes 7 levels deep); refusing
# it keeps the recursive walk far from Python's recursion limit.
MAX_DEPTH = 120

# Parts of the tree that carry a heading and nest (a section of the path).
SECTION_ELEMENTS = frozenset(
    {
        "Divisie",
        "Divisietekst",
        "Bijlage",
        "Toelichting",
        "AlgemeneToelichting",
        "ArtikelgewijzeToelichting",
        "Motivering",
        "Hoofdstuk",
        "Titel",
        "Afdeling",
        "Paragraaf",
        "Subparagraaf",
        "Subsubparagraaf",
        "Artikel",
        "Lid",
    }
)
_SKIPPED_PARTS = frozenset({"Gereserveerd", "Vervallen"})
# Paragraph-like elements: one block each.
_PARAGRAPHS = frozenset(
    {"Al", "Lijstaanhef", "Lijstsluiting", "Bijschrift", "Opschrift", "Wat", "p"}
)
_SUB_HEADINGS = frozenset({"Tussenkop", "Kop"})
_ROWS = frozenset({"row", "tr"})
_CELLS = frozenset({"entry", "td", "th"})
# Elements whose text is not words of the visie: an image, a reference id, the number
# of a footnote or list item (read separately), a table's column layout.
_NO_TEXT = frozenset(
    {
        "Illustratie",
        "ExtIoRef",
        "NootNummer",
        "LiNummer",
        "colspec",
        "colgroup",
        "col",
        "img",
        "Gereserveerd",
        "Vervallen",
    }
)
_BLOCK_INSIDE_INLINE = frozenset({"Lijst", "Tabel", "table", "Figuur", "Kadertekst", "Al"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_ESCAPED_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_LINE_BREAK = "\u2028"  # a ``br``: kept apart from the source's own (insignificant) newlines
_BULLET_MARKS = frozenset({"•", "-", "–", "—", "*", "·", "o", "▪", "■"})


def local_name(tag: object) -> str:
    """An element's name without its namespace (``{…/tekst/}Al`` → ``Al``)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def decode_twice_escaped(text: str) -> str:
    """``&lsquo;`` left in parsed text (escaped twice by its tool) → ``‘``."""
    if "&" not in text:
        return text
    return _ESCAPED_ENTITY.sub(lambda match: html.unescape(match.group()), text)


def clean_line(text: str) -> str:
    return _SPACES.sub(" ", decode_twice_escaped(text).replace("\n", " ")).strip()


@dataclass
class _Unit:
    path: tuple[str, ...]
    kind: SectionKind
    blocks: list[list[str]] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)


class StructureBuilder:
    """Collects headings and blocks under the current path and kind; a change of
    either starts a new section (one ``RawPage`` each)."""

    def __init__(self) -> None:
        self._units: list[_Unit] = []
        self.path: tuple[str, ...] = ()
        self.kind = SectionKind.TEXT

    def _unit(self) -> _Unit:
        if not self._units or (self._units[-1].path, self._units[-1].kind) != (
            self.path,
            self.kind,
        ):
            self._units.append(_Unit(self.path, self.kind))
        return self._units[-1]

    def heading(self, text: str) -> None:
        text = clean_line(text)
        if text:
            unit = self._unit()
            unit.headings.append(len(unit.blocks))
            unit.blocks.append([text])

    def block(self, lines: Iterable[str]) -> None:
        kept = [line for line in (clean_line(line) for line in lines) if line]
        if kept:
            self._unit().blocks.append(kept)

    def pages(self) -> list[RawPage]:
        return [
            RawPage(
                blocks=unit.blocks,
                has_text=True,
                section_path=unit.path,
                section_kind=unit.kind,
                heading_blocks=tuple(unit.headings),
            )
            for unit in self._units
            if unit.blocks
        ]


def too_deep(path: str | Path) -> CorruptPdfError:
    return CorruptPdfError(Msg("read.structure_too_deep", limit=MAX_DEPTH), path=path)


class TreeReader:
    """Walks STOP text elements into a ``StructureBuilder``."""

    def __init__(self, builder: StructureBuilder, path: str | Path) -> None:
        self.builder = builder
        self.path = path

    # --- the section tree ---------------------------------------------------------------

    def section(self, element: Element, depth: int) -> None:
        """A ``Divisie``, ``Divisietekst``, ``Bijlage``, …: its heading, then its parts."""
        if depth > MAX_DEPTH:
            raise too_deep(self.path)
        children = list(element)
        if any(local_name(child.tag) in _SKIPPED_PARTS for child in children):
            return  # reserved or repealed: nothing to read, not even its heading
        builder = self.builder
        outer_path, outer_kind = builder.path, builder.kind
        kop = next((child for child in children if local_name(child.tag) == "Kop"), None)
        heading = kop_text(kop) if kop is not None else ""
        if local_name(element.tag) == "Bijlage":
            builder.kind = SectionKind.ANNEX
        if heading:
            builder.path = (*builder.path, heading)
            builder.heading(heading)
        for child in children:
            if child is not kop:
                self.content(child, depth + 1)
        builder.path, builder.kind = outer_path, outer_kind

    # --- the text inside a section ------------------------------------------------------

    def contents(self, element: Element, depth: int) -> None:
        if element.text and element.text.strip():
            self.builder.block([element.text])
        for child in element:
            self.content(child, depth + 1)
            if child.tail and child.tail.strip():
                self.builder.block([child.tail])

    def content(self, element: Element, depth: int) -> None:
        """Any element: a nested section, a paragraph, a list, a table, a glossary, or a
        wrapper (``Lichaam``, ``Inhoud``, ``Kadertekst``, …) whose children are read."""
        if depth > MAX_DEPTH:
            raise too_deep(self.path)
        name = local_name(element.tag)
        if name in _NO_TEXT:
            return
        if name == "Titel" and not any(local_name(child.tag) == "Kop" for child in element):
            self.paragraph(element, depth)  # the title of a figure or table, not a part
        elif name in SECTION_ELEMENTS:
            self.section(element, depth)
        elif name in _PARAGRAPHS:
            self.paragraph(element, depth)
        elif name == "RegelingOpschrift":
            self.builder.heading(all_text(element))
        elif name in _SUB_HEADINGS:
            self.builder.heading(kop_text(element) if name == "Kop" else inline_text(element)[0])
        elif name == "Lijst":
            self.list(element, depth)
        elif name == "Li":
            self.item(element, depth)
        elif name == "Begrippenlijst":
            self.glossary(element, depth)
        elif name == "Begrip":
            self.term(element, depth)
        elif name in ("table", "Tabel"):
            self.table(element, depth)
        else:  # Inhoud, Kadertekst, Figuur, Noot, Definitie, unknown wrappers
            self.contents(element, depth)

    def paragraph(self, element: Element, depth: int, prefix: str = "") -> None:
        text, deferred = inline_text(element, depth=depth, path=self.path)
        self.builder.block(prefix + line for line in text.split("\n"))
        for later in deferred:
            self.content(later, depth + 1)

    def list(self, element: Element, depth: int) -> None:
        for child in element:
            self.content(child, depth + 1)

    def item(self, element: Element, depth: int) -> None:
        """A list item: a bullet (and its own number, ``a.``) before its first paragraph."""
        number = next(
            (clean_line(inline_text(c)[0]) for c in element if local_name(c.tag) == "LiNummer"),
            "",
        )
        prefix = BULLET + (f"{number} " if number and number not in _BULLET_MARKS else "")
        first = True
        if element.text and element.text.strip():
            self.builder.block([prefix + element.text])
            first = False
        for child in element:
            name = local_name(child.tag)
            if first and name in _PARAGRAPHS:
                self.paragraph(child, depth + 1, prefix)
                first = False
            else:
                self.content(child, depth + 1)
            if child.tail and child.tail.strip():
                self.builder.block([child.tail])

    def glossary(self, element: Element, depth: int) -> None:
        builder = self.builder
        outer = builder.kind
        builder.kind = SectionKind.GLOSSARY
        for child in element:
            self.content(child, depth + 1)
        builder.kind = outer

    def term(self, element: Element, depth: int) -> None:
        """``Begrip``: "term: definition" as one paragraph (as a printed glossary reads)."""
        outer = self.builder.kind
        self.builder.kind = SectionKind.GLOSSARY
        term = ""
        definitions: list[str] = []
        for child in element:
            name = local_name(child.tag)
            if name == "Term":
                term = clean_line(inline_text(child)[0])
            elif name == "Definitie":
                definitions.extend(
                    clean_line(inline_text(part, depth=depth, path=self.path)[0])
                    for part in child
                    if local_name(part.tag) not in _NO_TEXT
                )
                if child.text and child.text.strip():
                    definitions.insert(0, clean_line(child.text))
        definition = " ".join(part for part in definitions if part)
        if term or definition:
            self.builder.block(
                [f"{term}: {definition}" if term and definition else term or definition]
            )
        self.builder.kind = outer

    def table(self, element: Element, depth: int) -> None:
        """Each row one paragraph, its cells separated by `` | `` (as the HTML reader does)."""
        for node in element.iter():
            name = local_name(node.tag)
            if name in ("caption", "Titel"):
                self.builder.block([inline_text(node)[0]])
            elif name in _ROWS:
                cells = [
                    clean_line(cell_text(cell)) for cell in node if local_name(cell.tag) in _CELLS
                ]
                if any(cells):
                    self.builder.block([" | ".join(cell for cell in cells if cell)])


def all_text(element: Element) -> str:
    """Every word below ``element`` on one line (a title spread over paragraphs)."""
    return clean_line(" ".join(element.itertext()))


def kop_text(kop: Element) -> str:
    """``Kop`` → "Label Nummer Opschrift" (each part flattened), e.g. "Hoofdstuk 3 Bodem"."""
    parts = [
        clean_line(inline_text(child)[0])
        for child in kop
        if local_name(child.tag) in ("Label", "Nummer", "Opschrift")
    ]
    if not parts:  # a Kop of text only (an HTML od-Kop, a Tussenkop-like heading)
        parts = [clean_line(inline_text(kop)[0])]
    return " ".join(part for part in parts if part)


def cell_text(cell: Element) -> str:
    """All words of a table cell, its paragraphs and footnotes separated by a space."""
    pieces: list[str] = []

    def visit(node: Element, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        name = local_name(node.tag)
        if name in _NO_TEXT:
            if node.tail:
                pieces.append(node.tail)
            return
        if name == "br" or name in _PARAGRAPHS or name in ("Noot", "Li", "div"):
            pieces.append(" ")
        if node.text:
            pieces.append(node.text)
        for child in node:
            visit(child, depth + 1)
        if name in _PARAGRAPHS or name in ("Noot", "Li", "div"):
            pieces.append(" ")
        if node.tail and depth > 0:
            pieces.append(node.tail)

    visit(cell, 0)
    return "".join(pieces)


# Where a footnote or block was taken out of a paragraph: the markup's indentation around
# it ("(STRONG)\n   <Noot/>. Deze", also inside <b>) is no space before a full stop.
_TAKEN_OUT = "\ue000"
_SPACE_BEFORE_CLOSING = re.compile(r"\s*\ue000[\s\ue000]*(?=[.,;:!?)\]])")


def inline_text(
    element: Element, *, depth: int = 0, path: str | Path = ""
) -> tuple[str, list[Element]]:
    """The words of a paragraph-like element with its inline markup flattened.

    Returns the text (``br`` as a newline) and the elements to read after the paragraph
    as paragraphs of their own: footnotes and block content that stands inside it.
    """
    pieces: list[str] = []
    deferred: list[Element] = []

    def visit(node: Element, level: int, top: bool) -> None:
        if level > MAX_DEPTH:
            raise too_deep(path)
        name = local_name(node.tag)
        if not top:
            if name == "br":
                pieces.append(_LINE_BREAK)
                _tail(node)
                return
            if name in _NO_TEXT:
                _tail(node)
                return
            if name == "Noot" or name in _BLOCK_INSIDE_INLINE:
                deferred.append(node)
                pieces.append(_TAKEN_OUT)
                _tail(node)
                return
        if node.text:
            pieces.append(node.text)
        for child in node:
            visit(child, level + 1, False)
        if not top:
            _tail(node)

    def _tail(node: Element) -> None:
        if node.tail:
            pieces.append(node.tail)

    visit(element, depth, True)
    text = "".join(pieces)
    if deferred:
        text = _SPACE_BEFORE_CLOSING.sub("", text).replace(_TAKEN_OUT, "")
    return "\n".join(clean_line(line) for line in text.split(_LINE_BREAK)), deferred


def read_tree(root: Element, path: str | Path) -> list[RawPage]:
    """A regeling (or any STOP text element) → sections."""
    reader = TreeReader(StructureBuilder(), path)
    reader.content(root, 0)
    return reader.builder.pages()
