"""The outline of a document: its headings, the section path and kind of every place.

Headings are recognised from the text: the first line of a block that is short, has
no closing punctuation and is numbered (``3.2 Energie``), written in capitals, or
stands alone as its own block; and from the PDF's fonts: a block's first line that the
reader found set larger than the body text or bold throughout (``Page.heading_lines``),
even when it runs straight on into body text. Further font heading lines right below
it (a heading wrapped over two lines) belong to its title.

Each heading opens a section. Numbered headings nest by their number (``3`` ›
``3.2``); an unnumbered heading nests under the current numbered one. Some headings
open a special kind of section, which decides whether hits there may count:

- *begrippenlijst*, *verklarende woordenlijst*, *afkortingen* → ``glossary``;
- *bronnen*, *literatuur*, *referenties*, *bronvermelding* → ``sources``;
- *bijlage(n)*, *annex* → ``annex``;
- *colofon* → ``colophon``, and *inhoud(sopgave)* → ``toc``, each for the rest of that
  page only (both are usually one page, often at the front, and must not swallow the
  visie after them); table-of-contents lines elsewhere are recognised per line.

A glossary, source list or annex lasts until the next chapter-level heading that is
numbered (``4``) or is itself special; unnumbered headings inside it (a glossary's
entries often look like headings) do not end it.

Documents that mark their structure (STOP XML, DSO JSON: ``Page.section_path``) need
none of this: each section's path and kind are the document's own, used as they are.
Only its last heading can refine the kind, by the same words as above, where the
structure does not say it (a ``Divisie`` titled *Begrippen*, a ``Bijlage`` *Colofon*).
Their headings are the lines the reader marked (``Page.heading_lines``); no other line
is taken for a heading or a table-of-contents entry.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from ..models import Context, Page, SectionKind
from ..textrules import (
    BLOCK_SPLIT_RE,
    CONTENTS_ENTRY_RE,
    CONTENTS_LINE_RE,
    CONTENTS_TITLE_RE,
    HEADING_MAX_WORDS,
)
from .incidental import deferred, document_list
from .nlp import sentence_spans

# Numbered headings in any style (3.2, A., IV.); only digits give a nesting level.
NUMBERED_LINE_RE = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Z]\.|[IVX]{1,4}\.)\s+\S")
NUMBER_RE = re.compile(r"^\s*(?:hoofdstuk\s+)?(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\S", re.I)
# Captions look like headings (short, often in capitals) but are body text.
CAPTION_RE = re.compile(
    r"^\s*(?:afbeelding|figuur|fig\.|foto|bron|kaart|tabel|illustratie)\b(?!\s*$)|\(\s*bron\s*:",
    re.IGNORECASE,
)
SENTENCE_END = (".", "?", "!", ";", ":", ",")
TITLE_MAX = 60
SEPARATOR = " › "

_SPECIAL = [
    (re.compile(r"^(?:\d+\.?\s+)?(?:verklarende\s+)?(?:begrippen(?:lijst)?|woordenlijst|"
                r"afkortingen(?:lijst)?|begrippen\s+en\s+afkortingen|glossary)\b", re.I),
     SectionKind.GLOSSARY),
    (re.compile(r"^(?:\d+\.?\s+)?(?:bronnen|bronvermelding|literatuur(?:lijst)?|referenties|"
                r"gebruikte\s+bronnen|sources|references)\b", re.I),
     SectionKind.SOURCES),
    (re.compile(r"^(?:bijlage[n]?|annex|appendix)\b", re.I), SectionKind.ANNEX),
    (re.compile(r"^(?:colofon|colophon)\b", re.I), SectionKind.COLOPHON),
    (re.compile(r"^(?:inhoud|inhoudsopgave|inhoudsopgaaf|contents)$", re.I), SectionKind.TOC),
]  # fmt: skip


@dataclass(frozen=True)
class Heading:
    page: int
    offset: int  # start of the heading line in the page text
    title: str
    level: int  # 1 for chapters; deeper numbers nest; unnumbered: under the current one
    numbered: bool
    kind: SectionKind | None  # a special section, or None for the visie's own text


@dataclass(frozen=True)
class Place:
    """Where a position in the document stands: its section path and kind (and, in a
    document with a marked structure, the number of its paragraph in the section)."""

    path: str
    kind: SectionKind
    paragraph: int = 0


TRAILING_BRACKETS_RE = re.compile(r"\s*\([^()]*\)\s*$")
# Boxes of a form to tick: a line that holds them is a form row, never a heading.
FORM_BOX_RE = re.compile(r"[☐☒☑]|\[\s?[xX]?\s?\]")


def is_caption(line: str) -> bool:
    """A picture or map caption ("AFBEELDING 3 …", "Figuur 2", "… (bron: …)"): body text."""
    return bool(CAPTION_RE.search(line))


def looks_like_heading(line: str, *, single_line: bool) -> bool:
    """A short line without closing punctuation that is numbered, capitals or alone."""
    words = line.split()
    if not words or len(words) > HEADING_MAX_WORDS or line.endswith(SENTENCE_END):
        return False
    if TRAILING_BRACKETS_RE.sub("", line).endswith(SENTENCE_END):
        return False  # a sentence with a note after it: "… het terrein? (zie bijlage 4)"
    if is_caption(line) or FORM_BOX_RE.search(line) or deferred(line) or document_list(line):
        # a caption, a form row ("Ligt … ? ☐ ja ☐ nee"), a list of documents ("Bronnen: …")
        # or the heading of a section not written yet ("5.2 Drinkwater – PM") is body text
        return False
    if not (line[0].isupper() or line[0].isdigit()) or CONTENTS_ENTRY_RE.search(line):
        return False
    return (
        single_line
        or bool(NUMBERED_LINE_RE.match(line) or NUMBER_RE.match(line))
        or line.isupper()
        or _special(line) is not None
    )


def _special(title: str) -> SectionKind | None:
    for pattern, kind in _SPECIAL:
        if pattern.match(title):
            return kind
    return None


def _font_heading(line: str, heading_lines: Collection[str]) -> bool:
    """A line set in a heading font (never a table-of-contents entry)."""
    return line in heading_lines and not CONTENTS_ENTRY_RE.search(line) and not is_caption(line)


def page_headings(text: str, page: int, heading_lines: Collection[str] = ()) -> list[Heading]:
    """The headings of one page: first lines of blocks that look like headings.

    ``heading_lines``: lines the PDF sets in a heading font (``Page.heading_lines``);
    a block's first line among them is a heading whatever the text rules say.
    """
    heading_lines = frozenset(heading_lines)
    headings = []
    position = 0
    for block_match in [*BLOCK_SPLIT_RE.finditer(text), None]:
        end = block_match.start() if block_match else len(text)
        block = text[position:end]
        lines = [line for line in block.split("\n") if line.strip()]
        if lines:
            first = lines[0].strip()
            by_font = _font_heading(first, heading_lines)
            if by_font or looks_like_heading(first, single_line=len(lines) == 1):
                offset = position + block.index(lines[0]) + (len(lines[0]) - len(lines[0].lstrip()))
                number = NUMBER_RE.match(first)
                title = first
                if by_font:
                    for line in lines[1:]:
                        if not _font_heading(line.strip(), heading_lines):
                            break
                        title = f"{title} {line.strip()}"
                headings.append(
                    Heading(
                        page=page,
                        offset=offset,
                        title=title[:TITLE_MAX].rstrip(),
                        level=number.group(1).count(".") + 1 if number else 0,
                        numbered=number is not None,
                        kind=_special(first),
                    )
                )
        if block_match:
            position = block_match.end()
    return headings


class Outline:
    """Section path and kind for any (page, offset) of a document."""

    def __init__(self, pages: Sequence[Page]) -> None:
        self._keys: list[tuple[int, int]] = []
        self._places: list[Place] = []
        self._page_starts: dict[int, Place] = {}
        # structured pages: the start of each block and its paragraph number (0: heading)
        self._paragraphs: dict[int, tuple[list[int], list[int]]] = {}
        stack: list[tuple[int, str]] = []  # (level, title) of open headings
        kind: SectionKind = SectionKind.TEXT
        one_page_section: int | None = None  # the page of an open colophon or contents
        for page in pages:
            if page.section_path is not None:
                self._page_starts[page.number] = _structured_place(page)
                self._paragraphs[page.number] = _paragraph_numbers(page)
                continue
            if one_page_section is not None and page.number != one_page_section:
                kind, one_page_section = SectionKind.TEXT, None
                stack = [entry for entry in stack if _special(entry[1]) is None]
            self._page_starts[page.number] = Place(_path(stack), kind)
            if not page.has_text_layer:
                continue
            for heading in page_headings(page.text, page.number, page.heading_lines):
                if kind is SectionKind.TOC and heading.kind is None:
                    continue  # "1 Inleiding   3" on a contents page is an entry, not a chapter
                stack, kind = _open(stack, kind, heading)
                if heading.kind in (SectionKind.COLOPHON, SectionKind.TOC):
                    one_page_section = heading.page
                self._keys.append((heading.page, heading.offset))
                self._places.append(Place(_path(stack), kind))

    def place(self, page: int, offset: int) -> Place:
        paragraphs = self._paragraphs.get(page)
        if paragraphs is not None:
            starts, numbers = paragraphs
            block = bisect.bisect_right(starts, offset) - 1
            return replace(self._page_starts[page], paragraph=numbers[block] if block >= 0 else 0)
        index = bisect.bisect_right(self._keys, (page, offset)) - 1
        if index >= 0 and self._keys[index][0] == page:
            return self._places[index]
        return self._page_starts.get(page, Place("", SectionKind.TEXT))


def _paragraph_numbers(page: Page) -> tuple[list[int], list[int]]:
    """Where each block of a structured page starts and its paragraph number: blocks
    that are a marked heading get 0, the others count from 1."""
    headings = frozenset(page.heading_lines)
    starts: list[int] = []
    numbers: list[int] = []
    position = 0
    count = 0
    for block_match in [*BLOCK_SPLIT_RE.finditer(page.text), None]:
        end = block_match.start() if block_match else len(page.text)
        starts.append(position)
        if page.text[position:end].strip() in headings:
            numbers.append(0)
        else:
            count += 1
            numbers.append(count)
        if block_match:
            position = block_match.end()
    return starts, numbers


def _structured_place(page: Page) -> Place:
    """The place of a section whose path and kind the document itself gives."""
    path = page.section_path or ()
    kind = page.section_kind or SectionKind.TEXT
    special = _special(path[-1]) if path else None
    if special is not None and kind in (SectionKind.TEXT, SectionKind.ANNEX):
        kind = special  # a colophon or glossary by its title, where the structure is silent
    return Place(SEPARATOR.join(title[:TITLE_MAX].rstrip() for title in path), kind)


def _open(
    stack: list[tuple[int, str]], kind: SectionKind, heading: Heading
) -> tuple[list[tuple[int, str]], SectionKind]:
    """The open headings and section kind after ``heading``."""
    if heading.kind is not None:
        # a special section is a chapter of its own
        return [(1, heading.title)], heading.kind
    if heading.numbered:
        kept = [entry for entry in stack if 0 < entry[0] < heading.level]
        if heading.level == 1:
            kind = SectionKind.TEXT  # a numbered chapter ends any special section
        return [*kept, (heading.level, heading.title)], kind
    # unnumbered: a sub-heading of the innermost numbered heading (replacing a sibling)
    kept = [entry for entry in stack if entry[0] > 0]
    return [*kept, (0, heading.title)], kind


def _path(stack: Sequence[tuple[int, str]]) -> str:
    return SEPARATOR.join(title for _level, title in stack)


@dataclass(frozen=True)
class Segment:
    """A sentence, heading or table-of-contents line of a page."""

    start: int
    end: int
    context: Context


# --- segments: table of contents, headings, sentences ------------------------------------


def segment_page(
    text: str,
    positions: Sequence[int] | None = None,
    heading_lines: Collection[str] = (),
    *,
    structured: bool = False,
) -> list[Segment]:
    """Cut a page into TOC lines, headings and body sentences (in text order).

    With ``positions`` (sorted character offsets), only the blocks containing one of
    them are cut: sentence splitting is the costly step, and a block without a term
    has no sentence to quote. A segment is the same whichever blocks are cut.
    ``heading_lines`` (``Page.heading_lines``): lines set in a heading font; a block
    that starts with them starts with headings, whatever the text rules say.
    ``structured``: the page's headings are all marked (STOP/DSO); no other line is a
    heading or a table-of-contents line.
    """
    heading_lines = frozenset(heading_lines)
    segments: list[Segment] = []
    is_toc_page = not structured and any(
        CONTENTS_TITLE_RE.match(line) for line in text.splitlines()
    )
    block_start = 0
    for block_match in [*BLOCK_SPLIT_RE.finditer(text), None]:
        block_end = block_match.start() if block_match else len(text)
        wanted = positions is None or (
            bisect.bisect_left(positions, block_start) < bisect.bisect_left(positions, block_end)
        )
        if wanted:
            segments.extend(
                _segment_block(text, block_start, block_end, is_toc_page, heading_lines, structured)
            )
        if block_match:
            block_start = block_match.end()
    return segments


def _segment_block(
    text: str,
    start: int,
    end: int,
    is_toc_page: bool,
    heading_lines: Collection[str] = (),
    structured: bool = False,
) -> list[Segment]:
    segments: list[Segment] = []
    lines: list[tuple[int, int]] = []
    position = start
    for line in text[start:end].split("\n"):
        lines.append((position, position + len(line)))
        position += len(line) + 1
    lines = [(s, e) for s, e in lines if text[s:e].strip()]
    body_start: int | None = None

    def flush_body(until: int) -> None:
        nonlocal body_start
        if body_start is None:
            return
        chunk = text[body_start:until]
        for sentence_start, sentence_end in sentence_spans(chunk):
            segments.append(
                Segment(body_start + sentence_start, body_start + sentence_end, Context.BODY)
            )
        body_start = None

    for number, (line_start, line_end) in enumerate(lines):
        line = text[line_start:line_end].strip()
        if structured:
            if body_start is None and line in heading_lines and len(segments) == number:
                segments.append(Segment(line_start, line_end, Context.HEADING))
            elif body_start is None:
                body_start = line_start
        elif CONTENTS_LINE_RE.search(line) and (is_toc_page or re.search(r"\.{3,}|…", line)):
            flush_body(line_start)
            segments.append(Segment(line_start, line_end, Context.TOC))
        elif number == 0 and looks_like_heading(line, single_line=len(lines) == 1):
            segments.append(Segment(line_start, line_end, Context.HEADING))
        elif (
            body_start is None
            and line in heading_lines
            and len(segments) == number
            and not is_caption(line)
        ):
            # a font heading at the top of the block (every line before it a heading)
            segments.append(Segment(line_start, line_end, Context.HEADING))
        elif body_start is None:
            body_start = line_start
    if lines:
        flush_body(lines[-1][1])
    return segments
