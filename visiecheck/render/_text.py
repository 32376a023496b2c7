"""Text helpers shared by the renderers: page lists, labels, verdicts, locations,
highlighting, shortening."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Depth, DocumentReport, Hit, SectionKind, Stance, Status, ThemeCoverage
from .i18n import (
    decimal,
    depth_word,
    join_words,
    plural,
    stance_word,
    status_label,
    status_word,
    t,
    theme_label,
)

EN_DASH = "–"
ELLIPSIS = "…"
SECTION_SEPARATOR = " › "  # between the headings of a section path
VERDICT_SEPARATOR = " · "  # between the status and the depth/stance in one cell

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


# --- verdicts: depth and stance beside the status ------------------------------------


def known_depth(coverage: ThemeCoverage) -> Depth | None:
    """The theme's depth, or None when it was never set (a report made before depth
    existed has the default ``missing`` on a theme that was found)."""
    if coverage.depth == Depth.MISSING and coverage.status != Status.MISSING:
        return None
    return coverage.depth


def verdict_parts(coverage: ThemeCoverage, lang: str) -> tuple[str, str]:
    """``("beleidskeuze", "uitgesloten")``: the depth and the stance words that add to
    the status, each ``""`` when it adds nothing.

    The depth is left out when it only repeats the status word (``genoemd`` beside
    ``~ genoemd``) or is unknown, the stance when it is ``background`` (a description
    makes no choice, and ``beschreven`` already says so) or unknown.
    """
    depth = known_depth(coverage)
    depth_part = ""
    if depth is not None and depth_word(depth, lang) != status_word(coverage.status, lang):
        depth_part = depth_word(depth, lang)
    stance_part = ""
    if coverage.stance is not None and coverage.stance != Stance.BACKGROUND:
        stance_part = stance_word(coverage.stance, lang)
    return depth_part, stance_part


def verdict_extra(coverage: ThemeCoverage, lang: str) -> str:
    """What depth and stance add to the status: ``beleidskeuze (uitgesloten)``, ``""``
    when nothing (see ``verdict_parts``)."""
    depth_part, stance_part = verdict_parts(coverage, lang)
    if depth_part and stance_part:
        return f"{depth_part} ({stance_part})"
    return depth_part or stance_part


def verdict_label(coverage: ThemeCoverage, lang: str) -> str:
    """Status with depth and stance: ``✔ uitgewerkt · beleidskeuze (uitgesloten)``."""
    extra = verdict_extra(coverage, lang)
    label = status_label(coverage.status, lang)
    return f"{label}{VERDICT_SEPARATOR}{extra}" if extra else label


def stance_text(stance: Stance | None, lang: str) -> str:
    """The stance word, ``""`` when unknown."""
    return "" if stance is None else stance_word(stance, lang)


def depth_text(coverage: ThemeCoverage, lang: str) -> str:
    """The depth word, ``""`` when unknown (see ``known_depth``)."""
    depth = known_depth(coverage)
    return "" if depth is None else depth_word(depth, lang)


# --- locations: pages or sections, section paths -------------------------------------


def is_sections(document: DocumentReport) -> bool:
    """Whether the document's numbers count sections (docx, HTML, text), not pages."""
    return document.location_unit == "section"


def place(number: int, document: DocumentReport, lang: str) -> str:
    """``p. 42`` or, for a document without pages, ``sectie 42``."""
    key = "section_short" if is_sections(document) else "page_short"
    return t(key, lang, page=number)


def pages_header(document: DocumentReport, lang: str) -> str:
    """The header of the page-list column: ``Pagina's`` or ``Secties``."""
    return t("col.sections" if is_sections(document) else "col.pages", lang)


def size_text(document: DocumentReport, lang: str) -> str:
    """``48 pagina's`` or ``12 secties``."""
    key = "section_count" if is_sections(document) else "page_count"
    return plural(key, document.pages, lang)


def unit_word(document: DocumentReport, lang: str) -> str:
    """``pagina`` or ``sectie`` (the CSV column ``eenheid``)."""
    return t("unit.section" if is_sections(document) else "unit.page", lang)


def section_leaf(path: str) -> str:
    """The deepest heading of a section path: ``3 Toekomst › 3.2 Energie`` → ``3.2 Energie``."""
    return path.rsplit(SECTION_SEPARATOR.strip(), 1)[-1].strip()


def kind_word(hit: Hit, lang: str) -> str:
    """``bijlage`` for a hit in an annex (likewise glossary, colophon, sources, table of
    contents); ``""`` for the visie's own text."""
    if hit.section_kind == SectionKind.TEXT:
        return ""
    return t(f"section_kind.{SectionKind(hit.section_kind).value}", lang)


def hit_number(hit: Hit, document: DocumentReport, lang: str) -> str:
    """``p. 42``, ``sectie 42``, or in a STOP/DSO document whose paragraphs are numbered
    ``sectie 42, alinea 3``."""
    if hit.paragraph > 0 and is_sections(document):
        return t("section_paragraph_short", lang, page=hit.page, paragraph=hit.paragraph)
    return place(hit.page, document, lang)


def hit_place(hit: Hit, document: DocumentReport, lang: str, *, leaf: bool = False) -> str:
    """``p. 42, 3 Duurzame toekomst › 3.2 Energie``: page or section number (and
    paragraph) and the section path (only its deepest heading with ``leaf``, where room is
    short)."""
    text = hit_number(hit, document, lang)
    section = section_leaf(hit.section) if leaf else hit.section.strip()
    return f"{text}, {section}" if section else text


def hit_labels(hit: Hit, lang: str) -> list[str]:
    """What is special about where a hit stands: ``["bijlage"]``, ``["kop"]``; the kind of
    section first, then the context on the page, each word once."""
    labels = []
    kind = kind_word(hit, lang)
    if kind:
        labels.append(kind)
    if hit.context.value != "body":
        context = t(f"context.{hit.context.value}", lang)
        if context not in labels:
            labels.append(context)
    if hit.incidental:
        labels.append(t("hit.incidental", lang))
    return labels


def hit_location(hit: Hit, document: DocumentReport, lang: str, *, leaf: bool = False) -> str:
    """``p. 42, 3 Duurzame toekomst › 3.2 Energie (bijlage)``: ``hit_place`` with the
    ``hit_labels`` in brackets."""
    labels = hit_labels(hit, lang)
    text = hit_place(hit, document, lang, leaf=leaf)
    return f"{text} ({', '.join(labels)})" if labels else text


def hit_stance(hit: Hit, lang: str) -> str:
    """The hit's stance word when the sentence makes a choice, else ``""``."""
    if hit.stance is None or hit.stance == Stance.BACKGROUND:
        return ""
    return stance_word(hit.stance, lang)


# --- honest absence: what a "missing" verdict rests on -------------------------------


def absence_line(coverage: ThemeCoverage, document: DocumentReport, lang: str) -> str | None:
    """``geothermie: niet gevonden (gezocht op 23 termen en 180 vormen; 2 pagina's
    onleesbaar; herkenning ≈ 0,93)``; None when the search is not known.

    Unknown parts are left out (no recall measured → no ``herkenning``); no unreadable
    page reads ``alle pagina's leesbaar``.
    """
    searched = coverage.searched
    if searched is None:
        return None
    sections = is_sections(document)
    details = [
        t(
            "searched",
            lang,
            terms=plural("terms", searched.terms, lang),
            variants=plural("forms", searched.variants, lang),
        )
    ]
    if searched.unreadable_pages:
        key = "unreadable_sections" if sections else "unreadable_pages"
        details.append(plural(key, searched.unreadable_pages, lang))
    else:
        details.append(t("readable_sections" if sections else "readable_pages", lang))
    if searched.recall is not None:
        details.append(t("recall", lang, recall=decimal(searched.recall, lang)))
    theme = in_sentence(short_label(theme_label(coverage, lang)))
    return t("not_found", lang, theme=theme, details="; ".join(details))


def absence_lines(document: DocumentReport, lang: str) -> list[str]:
    """One ``absence_line`` per missing theme whose search is known, in lexicon order."""
    lines = [absence_line(coverage, document, lang) for coverage in missing_themes(document)]
    return [line for line in lines if line is not None]
