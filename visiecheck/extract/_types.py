"""What an engine hands to the normaliser."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import SectionKind

# How one block is set: (font size of its first line in points, indexes of its lines
# that are bold throughout). The layout starts a new block where the font size changes,
# so one size per block suffices. Bold is only looked up for lines that could be a
# heading (short, starting with a capital or a digit, or continuing such a line).
BlockStyle = tuple[float, list[int]]


@dataclass(frozen=True)
class RawPage:
    """One page as an engine read it: blocks of raw lines in reading order."""

    blocks: list[list[str]]
    has_text: bool
    ocr: bool = False  # the blocks come from OCR of a page without a text layer
    # The engine could not load the page, or read far less text than it holds.
    damaged: bool = False
    # One style per block of ``blocks``, when the engine knows fonts.
    styles: list[BlockStyle] | None = None
    # Documents with a marked structure (STOP XML, DSO JSON): the section path and kind
    # the document itself gives, and which blocks are its headings. None/empty for
    # formats whose headings are recognised from the text.
    section_path: tuple[str, ...] | None = None
    section_kind: SectionKind | None = None
    heading_blocks: tuple[int, ...] = ()
