"""From hits to a verdict per theme: missing, mentioned or addressed (pure functions).

The rule (also in the README, applied identically in every output):

- **missing** (*ontbreekt*): no hit for any term of the theme.
- **addressed** (*uitgewerkt*): the theme's terms stand in at least
  ``MatchSettings.addressed_min_sentences`` (default 2) distinct sentences of body text,
  or a heading naming the theme has a body sentence about it under it (same or next
  page).
- **mentioned** (*genoemd*): anything in between — one body sentence, or hits only in
  headings or the table of contents.

Table-of-contents lines count as mentions (the theme is named) but never make a theme
addressed on their own. Running headers and footers are removed before matching and so
never count at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .models import Context, Hit, Lexicon, Status, ThemeCoverage
from .settings import MatchSettings

_KIND_RANK = {"exact": 0, "lemma": 0, "compound": 1, "fuzzy": 2}
_CONTEXT_RANK = {Context.BODY: 0, Context.HEADING: 1, Context.TOC: 2}


def theme_status(hits: Sequence[Hit], settings: MatchSettings) -> Status:
    if not hits:
        return Status.MISSING
    body = {(hit.page, hit.sentence_id) for hit in hits if hit.context is Context.BODY}
    if len(body) >= settings.addressed_min_sentences:
        return Status.ADDRESSED
    for heading in (hit for hit in hits if hit.context is Context.HEADING):
        if any(
            (page, sentence) > (heading.page, heading.sentence_id) and page <= heading.page + 1
            for page, sentence in body
        ):
            return Status.ADDRESSED
    return Status.MENTIONED


def strongest_evidence(hits: Iterable[Hit], limit: int | None) -> tuple[Hit, ...]:
    """One hit per sentence, body text and exact matches first, then in page order."""
    best_per_sentence: dict[tuple[int, int], Hit] = {}
    for hit in hits:
        key = (hit.page, hit.sentence_id)
        current = best_per_sentence.get(key)
        if current is None or _rank(hit) < _rank(current):
            best_per_sentence[key] = hit
    ordered = sorted(best_per_sentence.values(), key=lambda hit: (*_rank(hit), hit.page, hit.start))
    return tuple(ordered if limit is None else ordered[:limit])


def _rank(hit: Hit) -> tuple[int, int]:
    return (_CONTEXT_RANK[hit.context], _KIND_RANK[hit.match])


def assess(
    hits: Iterable[Hit],
    lexicon: Lexicon,
    settings: MatchSettings,
    theme_ids: Sequence[str] | None = None,
) -> tuple[ThemeCoverage, ...]:
    """Coverage of every (selected) theme, in lexicon order, missing ones included."""
    by_theme: dict[str, list[Hit]] = {}
    for hit in hits:
        by_theme.setdefault(hit.theme_id, []).append(hit)
    selected = set(theme_ids) if theme_ids is not None else None
    coverages = []
    for theme in lexicon.themes:
        if selected is not None and theme.id not in selected:
            continue
        theme_hits = sorted(by_theme.get(theme.id, []), key=lambda hit: (hit.page, hit.start))
        coverages.append(
            ThemeCoverage(
                theme_id=theme.id,
                label=theme.label,
                label_en=theme.label_en,
                status=theme_status(theme_hits, settings),
                mentions=len(theme_hits),
                pages=tuple(sorted({hit.page for hit in theme_hits})),
                evidence=strongest_evidence(theme_hits, settings.evidence),
                distinct_sentences=len({(hit.page, hit.sentence_id) for hit in theme_hits}),
            )
        )
    return tuple(coverages)
