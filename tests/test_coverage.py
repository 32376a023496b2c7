"""The missing / mentioned / addressed rule and evidence ranking (pure, on hand-made hits)."""

from __future__ import annotations

from pathlib import Path

from visiecheck.coverage import assess, strongest_evidence, theme_status
from visiecheck.lexicon import load_lexicon
from visiecheck.models import Context, Hit, Status
from visiecheck.settings import MatchSettings

MINI = Path(__file__).parent / "data" / "mini-lexicon.yaml"
SETTINGS = MatchSettings()


def hit(
    page: int,
    sentence: int,
    context: Context = Context.BODY,
    match: str = "exact",
    theme: str = "grondwater",
) -> Hit:
    return Hit(
        theme_id=theme,
        term="grondwater",
        matched_text="grondwater",
        match=match,  # type: ignore[arg-type]
        page=page,
        start=sentence * 10,
        end=sentence * 10 + 10,
        snippet=f"Zin {sentence} op pagina {page} over grondwater.",
        sentence_id=sentence,
        context=context,
    )


def test_no_hits_is_missing() -> None:
    assert theme_status([], SETTINGS) is Status.MISSING


def test_one_body_sentence_is_mentioned() -> None:
    assert theme_status([hit(3, 1)], SETTINGS) is Status.MENTIONED


def test_two_hits_in_the_same_sentence_are_still_mentioned() -> None:
    assert theme_status([hit(3, 1), hit(3, 1)], SETTINGS) is Status.MENTIONED


def test_two_distinct_body_sentences_are_addressed() -> None:
    assert theme_status([hit(3, 1), hit(9, 4)], SETTINGS) is Status.ADDRESSED


def test_table_of_contents_alone_never_addresses() -> None:
    toc = [hit(2, 1, Context.TOC), hit(2, 2, Context.TOC), hit(2, 3, Context.TOC)]
    assert theme_status(toc, SETTINGS) is Status.MENTIONED
    assert theme_status([*toc, hit(5, 2)], SETTINGS) is Status.MENTIONED


def test_heading_with_a_body_sentence_under_it_is_addressed() -> None:
    assert theme_status([hit(5, 0, Context.HEADING), hit(5, 1)], SETTINGS) is Status.ADDRESSED
    assert theme_status([hit(5, 0, Context.HEADING), hit(6, 0)], SETTINGS) is Status.ADDRESSED


def test_heading_alone_or_with_body_far_away_is_mentioned() -> None:
    assert theme_status([hit(5, 0, Context.HEADING)], SETTINGS) is Status.MENTIONED
    # a body sentence before the heading, or two pages on, is not "under" it
    assert theme_status([hit(5, 3, Context.HEADING), hit(5, 1)], SETTINGS) is Status.MENTIONED
    assert theme_status([hit(5, 0, Context.HEADING), hit(7, 1)], SETTINGS) is Status.MENTIONED


def test_threshold_comes_from_settings() -> None:
    strict = MatchSettings(addressed_min_sentences=3)
    assert theme_status([hit(3, 1), hit(9, 4)], strict) is Status.MENTIONED
    assert theme_status([hit(3, 1), hit(9, 4), hit(9, 5)], strict) is Status.ADDRESSED


def test_evidence_one_per_sentence_body_and_exact_first() -> None:
    hits = [
        hit(2, 1, Context.TOC),
        hit(8, 2, match="fuzzy"),
        hit(4, 3, match="compound"),
        hit(6, 1),
        hit(6, 1, match="lemma"),
    ]
    ranked = strongest_evidence(hits, limit=None)
    assert [(h.page, h.sentence_id, h.match, h.context) for h in ranked] == [
        (6, 1, "exact", Context.BODY),
        (4, 3, "compound", Context.BODY),
        (8, 2, "fuzzy", Context.BODY),
        (2, 1, "exact", Context.TOC),
    ]
    assert len(strongest_evidence(hits, limit=2)) == 2


def test_assess_lists_every_theme_in_lexicon_order() -> None:
    lexicon = load_lexicon(MINI)
    coverages = assess([hit(4, 1), hit(2, 0), hit(4, 1)], lexicon, SETTINGS)
    assert [c.theme_id for c in coverages] == lexicon.theme_ids
    groundwater = coverages[0]
    assert (groundwater.status, groundwater.mentions, groundwater.pages) == (
        Status.ADDRESSED,
        3,
        (2, 4),
    )
    assert groundwater.distinct_sentences == 2
    missing = coverages[1]
    assert (
        missing.theme_id,
        missing.status,
        missing.mentions,
        missing.pages,
        missing.evidence,
    ) == (
        "drinkwater",
        Status.MISSING,
        0,
        (),
        (),
    )


def test_assess_with_a_theme_selection_keeps_lexicon_order() -> None:
    lexicon = load_lexicon(MINI)
    coverages = assess([], lexicon, SETTINGS, theme_ids=["mijnbouw", "grondwater"])
    assert [c.theme_id for c in coverages] == ["grondwater", "mijnbouw"]
