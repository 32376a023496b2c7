"""Text helpers shared by the renderers: page lists, labels, highlighting, shortening."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..i18n import join_words, theme_label
from ..models import DocumentReport, Hit, Status, ThemeCoverage

EN_DASH = "–"
ELLIPSIS = "…"

Span = tuple[int, int]


def compress_pages(pages: Iterable[int], dash: str = EN_DASH) -> str:
    """``[4, 7, 8, 9, 31]`` → ``"4, 7–9, 31"``: runs of two or more consecutive pages
    become a range; input order and duplicates do not matter; no pages → ``""``."""
    numbers = sorted(set(pages))
    parts: list[str] = []
    index = 0
    while index < len(numbers):
        first = last = numbers[index]
        while index + 1 < len(numbers) and numbers[index + 1] == last + 1:
            index += 1
            last = numbers[index]
        parts.append(str(first) if first == last else f"{first}{dash}{last}")
        index += 1
    return ", ".join(parts)


def short_label(label: str) -> str:
    """The label without its explanation in brackets: ``Geothermie (aardwarmte)`` →
    ``Geothermie``."""
    head = label.split(" (", 1)[0].strip()
    return head or label


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: first letter lower-case, unless the word is
    an abbreviation (``WKO``, ``CO2-opslag``) whose second letter is upper-case too."""
    if len(label) > 1 and label[0].isupper() and not label[1].isupper() and not label[1].isdigit():
        return label[0].lower() + label[1:]
    return label


def missing_themes(document: DocumentReport) -> list[ThemeCoverage]:
    """The document's missing themes, in lexicon order."""
    return [coverage for coverage in document.themes if coverage.status == Status.MISSING]


def missing_words(document: DocumentReport, lang: str) -> str:
    """``geothermie, mijnbouw en bodemarchief``: the missing themes as a phrase."""
    words = [
        in_sentence(short_label(theme_label(coverage, lang)))
        for coverage in missing_themes(document)
    ]
    return join_words(words, lang)


def status_counts(document: DocumentReport) -> dict[Status, int]:
    """How many themes of the document have each status (all three keys present)."""
    counts = dict.fromkeys(Status, 0)
    for coverage in document.themes:
        counts[coverage.status] += 1
    return counts


def strongest(coverage: ThemeCoverage) -> Hit | None:
    """The first (strongest) evidence hit, or None for a theme without evidence."""
    return coverage.evidence[0] if coverage.evidence else None


def find_spans(text: str, needle: str) -> list[Span]:
    """All non-overlapping case-insensitive occurrences of ``needle`` in ``text``."""
    if not needle.strip():
        return []
    return [match.span() for match in re.finditer(re.escape(needle), text, re.IGNORECASE)]


def hit_spans(hit: Hit, text: str | None = None) -> list[Span]:
    """Where the hit's matched text stands in its snippet (or ``text``); falls back to the
    lexicon term when normalisation changed the matched text, and to nothing at all."""
    text = hit.snippet if text is None else text
    return find_spans(text, hit.matched_text) or find_spans(text, hit.term)


def shorten(text: str, spans: list[Span], budget: int) -> tuple[str, list[Span]]:
    """Cut ``text`` to about ``budget`` characters around its first span, marking each cut
    with ``…`` and breaking at spaces; returns the new text and the spans inside it."""
    if len(text) <= budget:
        return text, spans
    focus_start, focus_end = spans[0] if spans else (0, 0)
    room = max(budget - (focus_end - focus_start), 0)
    # A third of the room before the term: the reader needs what follows more.
    start = max(focus_start - room // 3, 0)
    end = min(start + max(budget, focus_end - start), len(text))
    start = max(min(start, end - budget), 0)
    if start > 0:
        space = text.find(" ", start, focus_start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", focus_end, end)
        end = space if space != -1 else end
    piece = text[start:end].strip()
    offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shifted = [
        (a - offset + len(prefix), b - offset + len(prefix))
        for a, b in spans
        if a >= offset and b <= offset + len(piece)
    ]
    return f"{prefix}{piece}{suffix}", shifted


def split_spans(text: str, spans: list[Span]) -> list[tuple[str, bool]]:
    """``text`` as pieces ``(piece, is_match)`` in order, for renderers that mark terms."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(spans):
        if start < position:
            continue
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces
