"""From hits to a verdict per theme: missing, mentioned or addressed (pure functions).

The rule (also in the README, applied identically in every output):

- **missing** (*ontbreekt*): no hit for any term of the theme.
- **addressed** (*uitgewerkt*): the theme's terms stand in at least
  ``ReportOptions.addressed_min_sentences`` (default 2) distinct sentences of body text
  of the visie itself (its own text or an annex), or a heading there naming the theme
  has a body sentence about it under it (same or next page).
- **mentioned** (*genoemd*): anything in between — one body sentence, or hits only in
  headings, the table of contents, the glossary, the colophon or the source list.

Hits in a table of contents, glossary (*begrippenlijst*), colophon or source list count
as mentions (the theme is named there) but never make a theme addressed; so do
*incidental* hits (an entry of a standard list of activities, a museum or history, see
``incidental``), which also never give a stance. Hits in an
annex (*bijlage*) count, and are labelled as such. Running headers and footers are
removed before matching and never count at all.

Beside the status, ``depth`` grades the treatment (missing / mentioned / described /
policy_choice, see ``models.Depth``) and ``stance`` is the dominant stance over the
theme's sentences (``stance.dominant_stance``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..models import (
    Context,
    Depth,
    Hit,
    Lexicon,
    SearchInfo,
    SectionKind,
    Stance,
    Status,
    ThemeCoverage,
)
from ..options import ReportOptions
from .stance import dominant_stance

# Sections whose text is the visie's own: only hits there can make a theme addressed.
OWN_TEXT = (SectionKind.TEXT, SectionKind.ANNEX)
CHOICES = (Stance.AMBITION, Stance.CONDITION, Stance.EXCLUSION)

_KIND_RANK = {"exact": 0, "lemma": 0, "compound": 1, "fuzzy": 2}
_CONTEXT_RANK = {Context.BODY: 0, Context.HEADING: 1, Context.TOC: 2}
_SECTION_RANK = {
    SectionKind.TEXT: 0,
    SectionKind.ANNEX: 1,
    SectionKind.GLOSSARY: 2,
    SectionKind.SOURCES: 2,
    SectionKind.COLOPHON: 2,
    SectionKind.TOC: 3,
}


def theme_status(hits: Sequence[Hit], options: ReportOptions) -> Status:
    if not hits:
        return Status.MISSING
    body = _own_body_sentences(hits)
    if len(body) >= options.addressed_min_sentences:
        return Status.ADDRESSED
    for heading in (
        hit
        for hit in hits
        if hit.context is Context.HEADING and hit.section_kind in OWN_TEXT and not hit.incidental
    ):
        if any(
            (page, sentence) > (heading.page, heading.sentence_id) and page <= heading.page + 1
            for page, sentence in body
        ):
            return Status.ADDRESSED
    return Status.MENTIONED


def _own_body_sentences(hits: Sequence[Hit]) -> set[tuple[int, int]]:
    return {
        (hit.page, hit.sentence_id)
        for hit in hits
        if hit.context is Context.BODY and hit.section_kind in OWN_TEXT and not hit.incidental
    }


def theme_stance(hits: Sequence[Hit]) -> Stance | None:
    """The dominant stance over the theme's own body sentences (one vote a sentence)."""
    if not hits:
        return None
    per_sentence = {
        (hit.page, hit.sentence_id): hit.stance
        for hit in hits
        if hit.stance is not None and hit.section_kind in OWN_TEXT
    }
    # named only in headings, a table of contents or a glossary: no choice is made
    return dominant_stance(list(per_sentence.values())) if per_sentence else Stance.BACKGROUND


def theme_depth(hits: Sequence[Hit], status: Status) -> Depth:
    if status is Status.MISSING:
        return Depth.MISSING
    if any(
        hit.stance in CHOICES and hit.context is Context.BODY and hit.section_kind in OWN_TEXT
        for hit in hits
    ):
        return Depth.POLICY_CHOICE
    return Depth.DESCRIBED if status is Status.ADDRESSED else Depth.MENTIONED


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


def _rank(hit: Hit) -> tuple[int, int, int, int, int]:
    # own text first; within it, a sentence that makes a choice before a description;
    # a mere list entry or museum last
    choice = 0 if hit.stance in CHOICES else 1
    return (
        int(hit.incidental),
        _SECTION_RANK[hit.section_kind],
        _CONTEXT_RANK[hit.context],
        choice,
        _KIND_RANK[hit.match],
    )


def assess(
    hits: Iterable[Hit],
    lexicon: Lexicon,
    options: ReportOptions,
    theme_ids: Sequence[str] | None = None,
    *,
    variants: dict[str, int] | None = None,
    unreadable_pages: int = 0,
) -> tuple[ThemeCoverage, ...]:
    """Coverage of every (selected) theme, in lexicon order, missing ones included.

    ``variants`` (theme → number of word forms searched) and ``unreadable_pages`` feed
    the ``searched`` record that makes a "missing" verdict honest.
    """
    recall = dict(lexicon.measured_recall)
    by_theme: dict[str, list[Hit]] = {}
    for hit in hits:
        by_theme.setdefault(hit.theme_id, []).append(hit)
    selected = set(theme_ids) if theme_ids is not None else None
    coverages = []
    for theme in lexicon.themes:
        if selected is not None and theme.id not in selected:
            continue
        theme_hits = sorted(by_theme.get(theme.id, []), key=lambda hit: (hit.page, hit.start))
        status = theme_status(theme_hits, options)
        coverages.append(
            ThemeCoverage(
                theme_id=theme.id,
                label=theme.label,
                label_en=theme.label_en,
                status=status,
                mentions=len(theme_hits),
                pages=tuple(sorted({hit.page for hit in theme_hits})),
                evidence=strongest_evidence(theme_hits, options.evidence),
                distinct_sentences=len({(hit.page, hit.sentence_id) for hit in theme_hits}),
                depth=theme_depth(theme_hits, status),
                stance=theme_stance(theme_hits),
                searched=SearchInfo(
                    terms=len(theme.terms),
                    variants=(variants or {}).get(theme.id, len(theme.terms)),
                    unreadable_pages=unreadable_pages,
                    recall=recall.get(theme.id),
                ),
            )
        )
    return tuple(coverages)
