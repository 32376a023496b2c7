"""What an engine hands to the normaliser."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawPage:
    """One page as an engine read it: blocks of raw lines in reading order."""

    blocks: list[list[str]]
    has_text: bool
    ocr: bool = False  # the blocks come from OCR of a page without a text layer
