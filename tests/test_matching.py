"""The matcher's mechanics on real Dutch sentences, with the small test lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from visiecheck.analyse import nlp
from visiecheck.analyse.matching import Matcher
from visiecheck.analyse.sections import segment_page
from visiecheck.lexicon import load_lexicon
from visiecheck.models import Context
from visiecheck.options import MatchOptions

MINI = Path(__file__).parent / "data" / "mini-lexicon.yaml"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_lexicon(MINI))


def found(matcher: Matcher, text: str) -> list[tuple[str, str, str, str]]:
    """(theme, term, matched text, match kind) of every hit, in text order."""
    return [(h.theme_id, h.term, h.matched_text, h.match) for h in matcher.match_text(text)]


def test_exact_whole_word(matcher: Matcher) -> None:
    assert found(matcher, "Het grondwater staat hoog in de wijk.") == [
        ("grondwater", "grondwater", "grondwater", "exact")
    ]


def test_compound_as_modifier(matcher: Matcher) -> None:
    assert found(matcher, "De grondwaterstanden zakken in droge zomers.") == [
        ("grondwater", "grondwater", "grondwater", "compound")
    ]


def test_compound_as_head(matcher: Matcher) -> None:
    assert found(matcher, "Het kwelgrondwater voedt de beek.") == [
        ("grondwater", "grondwater", "grondwater", "compound")
    ]


def test_head_only_term_is_not_found_as_modifier(matcher: Matcher) -> None:
    assert found(matcher, "Door bodemzakking verzakken oude huizen.") == [
        ("bodemdaling", "zakking", "zakking", "compound")
    ]
    assert found(matcher, "Wij kijken naar zakkingsgevoelige wegen.") == []


def test_inflection_from_lookup_lemmatizer(matcher: Matcher) -> None:
    # gedaald → dalen, a verb form that is not a prefix of the term
    assert found(matcher, "De bodem is hier sinds 1950 een halve meter gedaald.") == [
        ("bodemdaling", "dalen", "gedaald", "lemma")
    ]


def test_adjective_inflection(matcher: Matcher) -> None:
    assert found(matcher, "Wij verkennen geothermische bronnen onder de stad.") == [
        ("geothermie", "geothermisch", "geothermische", "lemma")
    ]


def test_requires_context_word_in_the_same_sentence(matcher: Matcher) -> None:
    # "dalen" counts for subsidence only when the sentence speaks of the soil
    assert found(matcher, "De prijzen dalen al jaren.") == []
    assert found(matcher, "De droogte raakt de landbouw.") == []
    assert found(matcher, "Door droogte zakt het grondwater verder weg.") == [
        ("grondwater", "droogte", "droogte", "exact"),
        ("grondwater", "grondwater", "grondwater", "exact"),
    ]


def test_abbreviation_is_case_sensitive_and_found_as_hyphen_part(matcher: Matcher) -> None:
    assert found(matcher, "Een WKO-systeem vraagt ruimte in de ondergrond.") == [
        ("bodemenergie", "WKO", "WKO", "compound")
    ]
    assert found(matcher, "Er zijn al drie WKO's in het centrum.") == [
        ("bodemenergie", "WKO", "WKO's", "lemma")
    ]
    # lowercase "wko" inside another word is not the abbreviation
    assert found(matcher, "De wkondiging van het plan volgt later.") == []


def test_short_term_does_not_fire_inside_unrelated_words(matcher: Matcher) -> None:
    assert found(matcher, "De gasten van het gasthuis vieren feest.") == []
    assert found(matcher, "Het gas komt uit een klein veld.") == [
        ("mijnbouw", "gas", "gas", "exact")
    ]


def test_longest_match_wins_across_themes(matcher: Matcher) -> None:
    # the drinking-water protection zone hides the groundwater term inside it
    assert found(matcher, "In het grondwaterbeschermingsgebied gelden extra regels.") == [
        ("drinkwater", "grondwaterbeschermingsgebied", "grondwaterbeschermingsgebied", "exact")
    ]


def test_multi_word_term_with_coordination_hyphen(matcher: Matcher) -> None:
    assert found(matcher, "Warmte- en koudeopslag is hier kansrijk.") == [
        ("bodemenergie", "warmte- en koudeopslag", "Warmte- en koudeopslag", "exact")
    ]


def test_multi_word_term_hides_a_shorter_term_of_another_theme(matcher: Matcher) -> None:
    # without the whole phrase only the mining term is found ...
    assert found(matcher, "Waterstofopslag in een zoutcaverne is nog niet toegestaan.") == [
        ("mijnbouw", "zoutcaverne", "zoutcaverne", "exact")
    ]
    # ... the longer storage phrase covers it and wins
    assert found(matcher, "Waterstofopslag in zoutcavernes is een optie voor later.") == [
        (
            "ondergrondse_opslag",
            "waterstofopslag in zoutcavernes",
            "Waterstofopslag in zoutcavernes",
            "exact",
        )
    ]


def test_overlap_exclusion_cancels_only_the_covered_hit(matcher: Matcher) -> None:
    assert found(matcher, "Op grond van artikel 2.1 stellen wij deze visie vast.") == []
    assert found(matcher, "De MijnOmgevingsvisie-app toont het gas op de kaart.") == [
        ("mijnbouw", "gas", "gas", "exact")
    ]


def test_aquathermie_next_to_geothermie_still_counts_geothermie(matcher: Matcher) -> None:
    text = "Denk aan warmtenetten, geothermie en aquathermie uit de rivier."
    assert found(matcher, text) == [("geothermie", "geothermie", "geothermie", "exact")]


def test_sentence_exclusion_cancels_the_theme_in_that_sentence_only(matcher: Matcher) -> None:
    text = (
        "Energieopslag in een buurtbatterij helpt het net. "
        "Energieopslag diep onder de grond verkennen wij met de provincie."
    )
    hits = Matcher(load_lexicon(MINI)).match_text(text)
    assert [(h.theme_id, h.matched_text, h.sentence_id) for h in hits] == [
        ("ondergrondse_opslag", "Energieopslag", text.index("Energieopslag diep"))
    ]


def test_fuzzy_ocr_error_is_reported_as_fuzzy(matcher: Matcher) -> None:
    assert found(matcher, "De geotherrnie biedt kansen voor de kassen.") == [
        ("geothermie", "geothermie", "geotherrnie", "fuzzy")
    ]


def test_word_broken_by_a_space_is_found_as_fuzzy(matcher: Matcher) -> None:
    assert found(matcher, "Het grondwa ter staat laag.") == [
        ("grondwater", "grondwater", "grondwa ter", "fuzzy")
    ]


def test_fuzzy_can_be_switched_off() -> None:
    strict = Matcher(load_lexicon(MINI), MatchOptions(fuzzy=False))
    assert strict.match_text("De geotherrnie biedt kansen.") == []


def test_known_dutch_word_is_never_a_fuzzy_match(matcher: Matcher) -> None:
    # "aardwarmte" is a term; "aardewerk" is a real word at a small distance — not noise
    assert found(matcher, "In de vondsten zat veel aardewerk.") == []


def test_hit_carries_page_span_and_sentence_snippet(matcher: Matcher) -> None:
    text = "Inleiding van de visie.\n\nWij beschermen het grondwater. Dat is nodig."
    (hit,) = matcher.match_text(text, page=7)
    assert hit.page == 7
    assert text[hit.start : hit.end] == "grondwater"
    assert hit.snippet == "Wij beschermen het grondwater."
    assert hit.context is Context.BODY


def test_long_sentence_snippet_is_cut_around_the_term(matcher: Matcher) -> None:
    filler = "een lange opsomming van zaken die in de gemeente spelen " * 6
    text = f"Wij noemen {filler}en ook het grondwater en {filler}tot slot."
    (hit,) = matcher.match_text(text)
    assert len(hit.snippet) <= 300
    assert "grondwater" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")


def test_segments_table_of_contents_headings_and_sentences() -> None:
    page = (
        "Inhoud\n"
        "1 Inleiding ........ 3\n"
        "2 Grondwater en bodem ........ 7\n"
        "\n"
        "3.2 Grondwater\n"
        "Het grondwater daalt. Wij sturen op\nwater vasthouden."
    )
    segments = [(page[s.start : s.end], s.context) for s in segment_page(page)]
    assert segments == [
        ("Inhoud", Context.HEADING),
        ("1 Inleiding ........ 3", Context.TOC),
        ("2 Grondwater en bodem ........ 7", Context.TOC),
        ("3.2 Grondwater", Context.HEADING),
        ("Het grondwater daalt.", Context.BODY),
        ("Wij sturen op\nwater vasthouden.", Context.BODY),
    ]


def test_hits_in_toc_and_heading_are_labelled(matcher: Matcher) -> None:
    page = "Inhoud\n2 Grondwater ........ 7\n\n2 Grondwater\nHet grondwater daalt."
    contexts = [(h.matched_text, h.context) for h in matcher.match_text(page)]
    assert contexts == [
        ("Grondwater", Context.TOC),
        ("Grondwater", Context.HEADING),
        ("grondwater", Context.BODY),
    ]


def test_fuzzy_never_turns_a_real_word_into_a_term(tmp_path: Path) -> None:
    # "aanleiding" is two edits from the term "gasleiding" but a normal Dutch word
    path = tmp_path / "leiding.yaml"
    path.write_text(
        "name: t\nversion: 1\nthemes:\n  - id: kabels\n    label: K\n    label_en: K\n"
        "    terms: [gasleiding]\n",
        encoding="utf-8",
    )
    leidingen = Matcher(load_lexicon(path))
    assert found(leidingen, "Aanleiding voor deze visie is de nieuwe Omgevingswet.") == []
    assert found(leidingen, "De gasleidingen liggen diep.") == [
        ("kabels", "gasleiding", "gasleidingen", "lemma")
    ]


def test_fuzzy_needs_the_same_first_letters(matcher: Matcher) -> None:
    # "neothermie" (an unknown word) is one edit from geothermie but starts differently
    assert found(matcher, "De neothermie is een verzonnen woord.") == []


def _fuzzy_by_the_plain_rule(matcher: Matcher, word: str) -> int | None:
    """The fuzzy rule as written down: not a known word, the closest choice within the
    distance, and that choice starts like the word. The entry index, or None."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    from visiecheck.analyse.nlp import is_known_word

    index = matcher._terms
    if not word.isalpha() or is_known_word(word):
        return None
    best = process.extractOne(
        word, index.fuzzy_choices, scorer=Levenshtein.distance, score_cutoff=2
    )
    if best is None or best[0][:2] != word[:2]:
        return None
    return index.fuzzy_entries[best[2]]


def test_fuzzy_checks_in_a_cheaper_order_with_the_same_outcome() -> None:
    matcher = Matcher(load_lexicon(None))
    words = [
        "geotherrnie", "grondwatcr", "bodemdaIing", "neothermie", "aanleiding",
        "voorzieningen", "bedrijventerreinen", "drinkwaterwinnlng", "bodemenergiesysteem",
        "zoutwinnig", "archeoIogie", "warmtevoorziening", "gasleidingen", "kabelsenleidingen",
    ]  # fmt: skip
    for word in words:
        candidates = matcher._terms._fuzzy(word)
        expected = _fuzzy_by_the_plain_rule(matcher, word)
        assert [c.entry for c in candidates] == ([] if expected is None else [expected]), word


def test_clean_text_never_needs_the_dictionary_of_known_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Loading the lemma table costs every batch worker a tenth of a second; ordinary
    # long words are ruled out before it is needed.
    import visiecheck.analyse.matching as matching

    def refuse(word: str) -> bool:
        raise AssertionError(f"is_known_word({word!r}) was called")

    monkeypatch.setattr(matching, "is_known_word", refuse)
    with nlp.without_snapshot():  # which would answer every such question itself
        matcher = Matcher(load_lexicon(None))
    assert matcher._terms.known_near_misses is None
    text = (
        "De bedrijventerreinen en woonwijken krijgen voorzieningen die toekomstbestendig "
        "zijn. Wij versterken de fietsverbindingen tussen de kernen en investeren in "
        "duurzaamheid, bereikbaarheid en leefbaarheid. Het grondwater is kwetsbaar."
    )
    assert [h.term for h in matcher.match_text(text)] == ["grondwater"]


def test_only_blocks_with_a_candidate_are_cut_and_cut_the_same() -> None:
    page = (
        "1 Inleiding\n\nDe gemeente telt vier kernen. Het centrum groeit.\n\n"
        "2 Water\nHet grondwater daalt. Wij houden water vast.\n\n"
        "Wonen blijft belangrijk. Er komen woningen bij."
    )
    full = segment_page(page)
    lazy = segment_page(page, [page.index("grondwater")])
    block_start, block_end = page.index("2 Water"), page.index("\n\nWonen")
    assert lazy == [s for s in full if block_start <= s.start < block_end]
    assert [page[s.start : s.end] for s in lazy] == [
        "2 Water",
        "Het grondwater daalt.",
        "Wij houden water vast.",
    ]


def test_hits_are_the_same_as_with_every_block_cut(
    matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    import visiecheck.analyse.matching as matching

    page = (
        "Inhoud\n1 Grondwater ........ 3\n\n1 Grondwater\nHet grondwater daalt.\n\n"
        "Wonen blijft belangrijk.\n\nDe geothermie en de WKO-systemen. Op grond van artikel 2."
    )
    lazy = matcher.match_text(page)
    full_segmentation = matching.segment_page
    monkeypatch.setattr(
        matching,
        "segment_page",
        lambda text, positions=None, heading_lines=(), **options: full_segmentation(
            text, None, heading_lines, **options
        ),
    )
    assert matcher.match_text(page) == lazy
    assert len(lazy) == 5


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("systeem", "systemen"),
        ("ingreep", "ingrepen"),
        ("kraan", "kranen"),
        ("bodemlus", "bodemlussen"),
        ("boorput", "boorputten"),
        ("proef", "proeven"),
        ("peilbuis", "peilbuizen"),
        ("graaf", "graven"),
        ("gebied", "gebieden"),
    ],
)
def test_regular_dutch_plurals_are_derived(word: str, plural: str) -> None:
    from visiecheck.analyse.nlp import regular_inflections

    assert plural in regular_inflections(word)


def test_requires_phrase_matches_across_a_line_break(tmp_path: Path) -> None:
    path = tmp_path / "bron.yaml"
    path.write_text(
        "name: t\nversion: 1\nthemes:\n  - id: bodemenergie\n    label: B\n    label_en: B\n"
        "    terms:\n      - {term: bron, requires: [koude bron]}\n",
        encoding="utf-8",
    )
    bronnen = Matcher(load_lexicon(path))
    assert found(bronnen, "De bron levert water.") == []
    assert found(bronnen, "Deze bron is een koude\nbron voor het kantoor.") == [
        ("bodemenergie", "bron", "bron", "exact"),
        ("bodemenergie", "bron", "bron", "exact"),
    ]
