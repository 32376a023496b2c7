"""Documents without pages (Word, HTML, text) as *sections*: a heading starts a new one.

The readers of those formats hand their content here as headings and blocks of
lines; the result is one ``RawPage`` per section, so the rest of the pipeline (and
every report) works unchanged, with ``Page.number`` counting sections from 1.
Headings are their own one-line blocks, which is how the matcher recognises them.
"""

from __future__ import annotations

from ._types import RawPage

BULLET = "• "  # list items start with a bullet, as pdfium reports them in PDFs


class SectionBuilder:
    """Collects headings and blocks in reading order, cutting sections at headings."""

    def __init__(self) -> None:
        self._sections: list[list[list[str]]] = [[]]

    def heading(self, text: str, *, new_section: bool) -> None:
        """A heading block; ``new_section`` starts a new section with it (if the
        current one already has content)."""
        text = " ".join(text.split())
        if not text:
            return
        if new_section and self._sections[-1]:
            self._sections.append([])
        self._sections[-1].append([text])

    def block(self, lines: list[str]) -> None:
        """A paragraph (one line per visible line); empty lines are dropped."""
        kept = [" ".join(line.split()) for line in lines]
        kept = [line for line in kept if line]
        if kept:
            self._sections[-1].append(kept)

    def pages(self) -> list[RawPage]:
        return [RawPage(blocks=blocks, has_text=True) for blocks in self._sections if blocks]
