"""The missing / mentioned / addressed rule and evidence ranking (pure, on hand-made hits)."""

from __future__ import annotations

from pathlib import Path

from visiecheck.analyse.coverage import assess, strongest_evidence, theme_status
from visiecheck.lexicon import load_lexicon
from visiecheck.models import Context, Hit, Status
from visiecheck.options import ReportOptions

MINI = Path(__file__).parent / "data" / "mini-lexicon.yaml"
SETTINGS = ReportOptions()


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
    strict = ReportOptions(addressed_min_sentences=3)
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


def stanced(page: int, sentence: int, stance: str, kind: str = "text") -> Hit:
    from dataclasses import replace

    from visiecheck.models import SectionKind, Stance

    return replace(hit(page, sentence), stance=Stance(stance), section_kind=SectionKind(kind))


def test_depth_grades() -> None:
    from visiecheck.analyse.coverage import theme_depth
    from visiecheck.models import Depth

    described = [stanced(3, 1, "background"), stanced(4, 2, "background")]
    assert theme_depth([], Status.MISSING) is Depth.MISSING
    assert theme_depth(described[:1], Status.MENTIONED) is Depth.MENTIONED
    assert theme_depth(described, Status.ADDRESSED) is Depth.DESCRIBED
    choice = [*described, stanced(5, 1, "exclusion")]
    assert theme_depth(choice, Status.ADDRESSED) is Depth.POLICY_CHOICE
    # one sentence that makes a choice is a choice, even when only "mentioned"
    assert theme_depth([stanced(5, 1, "ambition")], Status.MENTIONED) is Depth.POLICY_CHOICE
    # a choice written in the glossary is not the visie's choice
    assert theme_depth([stanced(9, 1, "ambition", "glossary")], Status.MENTIONED) is (
        Depth.MENTIONED
    )


def test_glossary_and_sources_never_address_annex_does() -> None:
    glossary = [stanced(9, 1, "background", "glossary"), stanced(9, 2, "background", "glossary")]
    assert theme_status(glossary, SETTINGS) is Status.MENTIONED
    annex = [stanced(9, 1, "background", "annex"), stanced(9, 2, "background", "annex")]
    assert theme_status(annex, SETTINGS) is Status.ADDRESSED


def test_theme_stance_one_vote_per_sentence() -> None:
    from visiecheck.analyse.coverage import theme_stance

    hits = [stanced(3, 1, "ambition"), stanced(3, 1, "ambition"), stanced(4, 2, "exclusion")]
    # one ambition sentence and one exclusion sentence: a tie goes to the restriction
    assert theme_stance(hits).value == "exclusion"
    assert theme_stance([]) is None


def test_searched_record_for_an_honest_missing_verdict() -> None:
    lexicon = load_lexicon(MINI)
    coverages = assess([], lexicon, SETTINGS, variants={"drinkwater": 12}, unreadable_pages=2)
    drinkwater = next(c for c in coverages if c.theme_id == "drinkwater")
    assert drinkwater.searched is not None
    assert (drinkwater.searched.terms, drinkwater.searched.variants) == (3, 12)
    assert drinkwater.searched.unreadable_pages == 2
    assert drinkwater.searched.recall is None  # the mini lexicon has no accuracy file
