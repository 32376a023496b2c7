"""Reading order from text geometry, shared by both engines.

An engine turns a page into ``Segment``s: runs of text on one line with their box
(x grows to the right, y grows downwards from the top of the page) and font size.
``page_layout`` finds column gutters from the x-coverage of the segments, reads
full-width lines (titles, running headers) as separators between bands, reads each
band column by column, merges segments into lines and splits lines into blocks at
clearly larger vertical gaps or font-size changes. Per line it also reports the font
size and, for lines that could be headings, whether the line is bold throughout
(``page_layout``); the document-level heading decision is ``normalize.heading_line_flags``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import accumulate, pairwise
from statistics import median
from typing import NamedTuple

from ..textrules import HEADING_MAX_WORDS
from ._types import BlockStyle


class Segment(NamedTuple):
    """A run of text on one line: x to the right, y down from the page top (points)."""

    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    text: str
    # Set by engines that know it cheaply (pdfplumber); None: ask ``bold_of`` when needed.
    bold: bool | None = None
    probe: int = -1  # the engine's index of one character of the run (pdfium)


# Font names of bold faces: "Arial-BoldMT", "OpenSans-Semibold", "Lato-Black", "FuturaDemi".
_BOLD_FONT = re.compile(r"bold|black|heavy|demi", re.IGNORECASE)


def is_bold_font(name: str) -> bool:
    """Whether a PDF font name names a bold (or heavier) face."""
    return bool(_BOLD_FONT.search(name))


BoldOf = Callable[[Segment], bool]


class _Line:
    """Segments on one baseline within one (band, column) group."""

    __slots__ = ("band", "baseline", "column", "segments", "size")

    def __init__(self, segment: Segment, column: int, band: int) -> None:
        self.segments = [segment]
        self.column = column
        self.band = band
        self.baseline = segment.baseline
        self.size = segment.size

    def add(self, segment: Segment) -> None:
        self.segments.append(segment)
        # The line's size is that of its longest run: a bullet or a symbol in
        # another font size must not make the line look like a heading.
        longest = max(self.segments, key=lambda s: len(s.text.strip()))
        self.size = longest.size

    def text(self) -> str:
        if len(self.segments) == 1:
            return self.segments[0].text.strip()
        parts: list[str] = []
        previous: Segment | None = None
        for segment in sorted(self.segments, key=lambda s: s.x0):
            if previous is not None:
                gap = segment.x0 - previous.x1
                # Runs of one word drawn in pieces (kerning) sit closer than a space.
                if gap > 0.15 * max(segment.size, previous.size) and not parts[-1].endswith(" "):
                    parts.append(" ")
            parts.append(segment.text)
            previous = segment
        return "".join(parts).strip()

    def bold(self, bold_of: BoldOf | None) -> bool:
        """Bold throughout: every run with a letter or digit is bold (bullets don't count)."""
        if len(self.segments) == 1:  # the usual case, without the word test
            segment = self.segments[0]
            if segment.bold is not None:
                return segment.bold
            return bold_of(segment) if bold_of is not None else False
        for segment in self.segments:
            if not _HAS_WORD.search(segment.text):
                continue
            bold = segment.bold
            if bold is None:
                bold = bold_of(segment) if bold_of is not None else False
            if not bold:
                return False
        return True


_LINE_DONE = (".", "!", "?", ":", ";")
_SHORT_LINE = 0.7  # a heading inside a block is shorter than this share of its longest line
_HAS_WORD = re.compile(r"[^\W_]")


def _may_be_heading(text: str, continues_candidate: bool) -> bool:
    """Cheap text test before the font is looked up.

    A heading line starts with a capital or a digit, is short and does not end like a
    sentence; its later lines (a heading wrapped over two lines) may start in lower case.
    """
    if not (continues_candidate or text[0].isupper() or text[0].isdigit()):
        return False
    return not text.endswith((".", ";")) and text.count(" ") < HEADING_MAX_WORDS


MIN_GUTTER = 6.0  # points; narrower white strips are word spaces, not gutters
HEADER_ZONE = 0.12  # share of the page height where running headers/footers live
_SENTENCE_END = re.compile(r"[.!?:;]\W*$")


def respace_letters(letters: Sequence[tuple[str, float, float]]) -> str | None:
    """Letters ``(char, x0, x1)`` of a letter-spaced run → ``"B O D E M  E N"``.

    One space between letters, two where the gap is clearly wider than the usual
    letter gap (a word boundary), so ``normalize.join_letter_spaced`` can rejoin them.
    """
    if len(letters) < 4:
        return None
    gaps = [b[1] - a[2] for a, b in pairwise(letters)]
    # Letter gaps and word gaps form two clusters: split at the widest jump between
    # sorted gaps, if that jump is clearly more than glyph-to-glyph variation.
    ordered = sorted(gaps)
    jumps = [(b - a, b) for a, b in pairwise(ordered)]
    widest, word_gap = max(jumps, default=(0.0, float("inf")))
    if word_gap <= 1.3 * (word_gap - widest) + 0.5:
        word_gap = float("inf")  # one word: all gaps alike
    parts = [letters[0][0]]
    for gap, letter in zip(gaps, letters[1:], strict=True):
        parts.append("  " if gap >= word_gap else " ")
        parts.append(letter[0])
    return "".join(parts)


def find_gutters(segments: Sequence[Segment], width: float) -> list[tuple[float, float]]:
    """Vertical white strips between columns: ``[(x_left, x_right), ...]``.

    A strip counts when almost no segment covers it (a full-width title may) and at
    least three segments lie wholly on each side of it.
    """
    if len(segments) < 6 or width <= 0:
        return []
    bins = int(width) + 1
    # Difference array + running sum: linear in segments + page width.
    delta = [0] * (bins + 1)
    for segment in segments:
        start = min(max(int(segment.x0), 0), bins)
        end = min(max(int(segment.x1) + 1, start), bins)
        delta[start] += 1
        delta[end] -= 1
    coverage = list(accumulate(delta))
    left_edge = max(int(min(segment.x0 for segment in segments)), 0)
    right_edge = min(int(max(segment.x1 for segment in segments)), bins - 1)
    allowed = max(1, len(segments) // 12)
    gutters: list[tuple[float, float]] = []
    index = left_edge + 1
    while index < right_edge:
        if coverage[index] <= allowed:
            start = index
            while index < right_edge and coverage[index] <= allowed:
                index += 1
            if index - start >= MIN_GUTTER:
                gutters.append((float(start), float(index)))
        index += 1
    accepted: list[tuple[float, float]] = []
    for left, right in gutters:
        on_left = sum(1 for segment in segments if segment.x1 <= left + 1)
        on_right = sum(1 for segment in segments if segment.x0 >= right - 1)
        if on_left >= 3 and on_right >= 3:
            accepted.append((left, right))
    return accepted


def _margin_rows(segments: Sequence[Segment], height: float) -> set[int]:
    """Indexes of segments in isolated rows at the very top or bottom (headers/footers)."""
    order = sorted(range(len(segments)), key=lambda i: segments[i].top)
    rows: list[list[int]] = []
    for index in order:
        segment = segments[index]
        if rows and abs(segments[rows[-1][0]].baseline - segment.baseline) < 0.5 * segment.size:
            rows[-1].append(index)
        else:
            rows.append([index])
    marked: set[int] = set()

    def gap(upper: list[int], lower: list[int]) -> float:
        return min(segments[i].top for i in lower) - max(segments[i].bottom for i in upper)

    for position in range(min(2, len(rows) - 1)):  # top rows
        row, below = rows[position], rows[position + 1]
        size = max(segments[i].size for i in row)
        if max(segments[i].bottom for i in row) < HEADER_ZONE * height and gap(row, below) > size:
            marked.update(row)
        else:
            break
    for position in range(len(rows) - 1, max(len(rows) - 3, 0), -1):  # bottom rows
        row, above = rows[position], rows[position - 1]
        size = max(segments[i].size for i in row)
        if (
            min(segments[i].top for i in row) > (1 - HEADER_ZONE) * height
            and gap(above, row) > size
        ):
            marked.update(row)
        else:
            break
    return marked


def _build_lines(segments: Sequence[Segment], width: float, height: float) -> list[_Line]:
    gutters = find_gutters(segments, width)
    margin = _margin_rows(segments, height) if gutters else set()
    spanning: list[int] = []
    columns: dict[int, int] = {}
    # Crossing means covering the gutter's middle: column lines may stick into the
    # white strip by a point or two (a hyphen, a final full stop).
    middles = [(left + right) / 2 for left, right in gutters]
    for index, segment in enumerate(segments):
        if not gutters:
            columns[index] = 0
        elif index in margin or any(segment.x0 < mid < segment.x1 for mid in middles):
            spanning.append(index)
        else:
            columns[index] = bisect_left(middles, segment.x0)
    spanning_tops = sorted(segments[i].top for i in spanning)

    def band_of(segment: Segment) -> int:
        return bisect_left(spanning_tops, segment.top - 0.5)  # spanning lines above it

    # Group by (band, column); a spanning segment forms band 2k+1 between content bands.
    groups: dict[tuple[int, int], list[Segment]] = {}
    for index in spanning:
        segment = segments[index]
        groups.setdefault((2 * band_of(segment) + 1, 0), []).append(segment)
    for index, column in columns.items():
        segment = segments[index]
        groups.setdefault((2 * band_of(segment), column), []).append(segment)

    lines: list[_Line] = []
    for (band, column), members in sorted(groups.items()):
        members.sort(key=lambda s: (s.baseline, s.x0))
        current: _Line | None = None
        for segment in members:
            if current is not None and abs(current.baseline - segment.baseline) < 0.35 * max(
                segment.size, current.size
            ):
                current.add(segment)
            else:
                current = _Line(segment, column, band)
                lines.append(current)
    return lines


def _typical_pitch(lines: Sequence[_Line]) -> float | None:
    pitches = []
    for upper, lower in pairwise(lines):
        if (upper.band, upper.column) != (lower.band, lower.column):
            continue
        pitch = lower.baseline - upper.baseline
        if 0.9 * upper.size <= pitch <= 1.8 * upper.size and abs(upper.size - lower.size) < 0.5:
            pitches.append(pitch / upper.size)
    return median(pitches) if pitches else None


def page_layout(
    segments: Sequence[Segment],
    width: float,
    height: float,
    bold_of: BoldOf | None = None,
) -> tuple[list[list[str]], list[BlockStyle]]:
    """The page's blocks of lines in reading order, and each block's ``BlockStyle``.

    ``bold_of`` tells whether a segment whose ``bold`` is None is set in a bold font;
    it is only asked for lines that could be headings, so its cost stays small.
    """
    segments = [segment for segment in segments if segment.text.strip()]
    if not segments:
        return [], []
    lines = _build_lines(segments, width, height)
    relative_pitch = _typical_pitch(lines) or 1.25
    blocks: list[list[str]] = []
    styles: list[BlockStyle] = []
    previous: _Line | None = None
    previous_bold = False
    widest = 0  # the longest line of the current block so far (characters)
    for line in lines:
        text = line.text()
        if not text:
            continue
        new_block = True
        if previous is not None:
            same_group = (previous.band, previous.column) == (line.band, line.column)
            size_change = abs(line.size - previous.size) > 0.12 * max(line.size, previous.size)
            if same_group:
                pitch = line.baseline - previous.baseline
                # Paragraph spacing of a quarter line or more; line pitch barely varies
                # within a digital PDF, so 1.2x the usual pitch is already clear.
                new_block = size_change or pitch > 1.2 * relative_pitch * previous.size
            elif line.band == previous.band and not size_change:
                # Next column of the same band: a paragraph running on from the previous
                # column continues the block (last line open, next starts lowercase).
                new_block = bool(_SENTENCE_END.search(blocks[-1][-1])) or not text[:1].islower()
        # Where a heading can start: at a block's top, or inside a block as a short line
        # after a finished sentence (a heading drawn without space above it); below a
        # bold line (a heading wrapped over two lines). Decided before any call: most
        # lines run on inside a paragraph.
        continues = previous_bold and not new_block
        if new_block:
            widest = 0
            candidate = True
        else:
            candidate = continues or (
                len(text) < _SHORT_LINE * widest and blocks[-1][-1].endswith(_LINE_DONE)
            )
        bold = candidate and _may_be_heading(text, continues) and line.bold(bold_of)
        widest = max(widest, len(text))
        if new_block:
            blocks.append([text])
            styles.append((line.size, []))
        else:
            blocks[-1].append(text)
        if bold:
            styles[-1][1].append(len(blocks[-1]) - 1)
        previous = line
        previous_bold = bold
    return blocks, styles
