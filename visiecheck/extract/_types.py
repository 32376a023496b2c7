"""What an engine hands to the normaliser."""

from __future__ import annotations

from dataclasses import dataclass

# How one line is set: (font size in points, bold throughout). A plain tuple, as there
# is one per line of every page. Bold is only looked up for lines that could be a
# heading (short, starting with a capital or a digit, or continuing such a line).
LineStyle = tuple[float, bool]


@dataclass(frozen=True)
class RawPage:
    """One page as an engine read it: blocks of raw lines in reading order."""

    blocks: list[list[str]]
    has_text: bool
    ocr: bool = False  # the blocks come from OCR of a page without a text layer
    # One style per line of ``blocks`` (same shape), when the engine knows fonts.
    styles: list[list[LineStyle]] | None = None
