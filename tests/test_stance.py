"""Stance per sentence: Dutch cue rules for ambition, condition, exclusion and background.

Every sentence here was written for these tests (none comes from the accuracy set).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from visiecheck.analyse.stance import (
    _AMBITION,
    _AMBITION_RE,
    _AMBITION_VERB_RE,
    _BRACKETS_RE,
    _CONDITION,
    _CONDITION_RE,
    _EXCLUSION,
    _EXCLUSION_RE,
    _NEGATED_CHOICE,
    _SUBJECT_RE,
    PRECEDENCE,
    StanceCue,
    _combine,
    _escaped,
    _first,
    classify_stance,
    dominant_stance,
    explain_stance,
    normalise_sentence,
)
from visiecheck.models import Stance

AMBITION = [
    "Wij zetten in op een warmtenet dat gevoed wordt door geothermie uit de diepe ondergrond.",
    "We stimuleren eigenaren van kantoren om bij renovatie een WKO-systeem te laten aanleggen.",
    "De gemeente kiest voor het beschermen van de kwetsbare essen met hun bodemarchief.",
    "In 2035 willen wij dat alle nieuwe wijken in Haaksbergen met bodemenergie worden verwarmd.",
    "We streven naar een gezonde bodem met voldoende organische stof op alle landbouwgronden.",
    "Wij maken ruimte voor waterberging zodat het grondwater in droge zomers op peil blijft.",
    "Samen met het waterschap gaan we de verdroging van de natte natuur in "
    "het Dinkeldal aanpakken.",
    "Onze ambitie is om de kabels en leidingen in het centrum van Oldenzaal beter te ordenen.",
    "Behoud van bodemschatten op hun plek heeft voor ons de voorkeur boven een opgraving.",
    "Wij ontwikkelen samen met de provincie een visie op het gebruik van de ondergrond.",
]

CONDITION = [
    "Open bodemenergiesystemen zijn toegestaan, mits ze geen zetting van "
    "omliggende panden veroorzaken.",
    "We staan geothermie alleen toe als uit onderzoek blijkt dat het "
    "drinkwater niet in gevaar komt.",
    "Tijdelijke bronneringen zijn mogelijk onder strikte voorwaarden voor de duur en het debiet.",
    "Op voorwaarde dat de bodem eerst wordt gesaneerd, kan de oude stortplaats een park worden.",
    "Grondverzet binnen de gemeente is toegestaan wanneer de kwaliteit "
    "past bij de bodemfunctiekaart.",
    "In het beschermingsgebied zijn WKO-systemen niet toegestaan, tenzij "
    "het een gesloten systeem betreft.",
    "Nieuwe ondergrondse parkeergarages zijn bespreekbaar als de "
    "grondwaterstroming niet wordt geblokkeerd.",
    "Voor graafwerk op de es is vooraf een archeologisch booronderzoek verplicht.",
    "Uitsluitend buiten de kernzone van het Natura 2000-gebied kan drainage worden vergund.",
]

EXCLUSION = [
    "Er is geen ruimte voor nieuwe gaswinning onder het grondgebied van Hof van Twente.",
    "Wij willen geen schaliegaswinning in onze gemeente, nu niet en in de toekomst niet.",
    "De opslag van radioactief afval in de zoutlagen onder Twente wijzen wij af.",
    "Enschede is en blijft schaliegasvrij.",
    "Boringen dieper dan tachtig meter zijn in het waterwingebied niet toegestaan.",
    "Nieuwe zoutwinning onder de bebouwde kom achten wij onaanvaardbaar.",
    "Het injecteren van productiewater in lege gasvelden vinden wij ongewenst.",
    "Wij staan geen nieuwe boringen naar olie of gas toe, ook niet onder voorwaarden.",
    "In de grondwaterbeschermingsgebieden zijn geen nieuwe bedrijven met "
    "risicovolle stoffen toegestaan.",
    "CO2-opslag onder woonkernen sluiten wij uit.",
]

BACKGROUND = [
    "Er is nog geen bodemkwaliteitskaart voor het buitengebied van Losser.",
    "In het noordoosten van de gemeente wordt al sinds de negentiende eeuw zout gewonnen.",
    "De grondwaterstand in de hoge zandgronden is de afgelopen tien jaar gemiddeld gedaald.",
    "Onder het centrum liggen resten van een middeleeuwse nederzetting.",
    "De bodem in het westelijk veenweidegebied daalt jaarlijks enkele millimeters.",
    "Het waterbedrijf pompt bij Hengelo jaarlijks miljoenen kubieke meters grondwater op.",
    "De warmtevraag neemt toe wanneer de winters strenger worden.",
    "In de wijk Pathmos staan geen woningen op palen maar op staal.",
    "Op veel plaatsen zit de bodemverontreiniging uit het textielverleden nog in de ondergrond.",
]


@pytest.mark.parametrize("sentence", AMBITION)
def test_ambition(sentence: str) -> None:
    assert classify_stance(sentence) is Stance.AMBITION


@pytest.mark.parametrize("sentence", CONDITION)
def test_condition(sentence: str) -> None:
    assert classify_stance(sentence) is Stance.CONDITION


@pytest.mark.parametrize("sentence", EXCLUSION)
def test_exclusion(sentence: str) -> None:
    assert classify_stance(sentence) is Stance.EXCLUSION


@pytest.mark.parametrize("sentence", BACKGROUND)
def test_background(sentence: str) -> None:
    assert classify_stance(sentence) is Stance.BACKGROUND


def test_negation_is_a_stance_not_a_lost_theme() -> None:
    # "geen" turns the stance to exclusion; the theme words are untouched, so the
    # matcher still reports mijnbouw for this sentence.
    sentence = "Er is geen ruimte voor nieuwe gaswinning"
    cue = explain_stance(sentence)
    assert cue.stance is Stance.EXCLUSION
    assert cue.cue == "geen ruimte"


def test_descriptive_geen_is_background() -> None:
    assert classify_stance("Er is nog geen bodemkwaliteitskaart") is Stance.BACKGROUND


def test_aardgasvrij_is_not_an_exclusion() -> None:
    # gas-free districts are an energy-transition choice, unlike "schaliegasvrij"
    sentence = "Wij willen dat de wijk Twekkelerveld in 2030 aardgasvrij is, met bodemenergie."
    assert classify_stance(sentence) is Stance.AMBITION


def test_escape_after_exclusion_makes_a_condition_unless_denied() -> None:
    assert classify_stance(
        "Boren is hier niet toegestaan, tenzij het om een gesloten bodemlus gaat."
    ) is (Stance.CONDITION)
    assert (
        classify_stance(
            "Boren is hier niet toegestaan, ook niet onder voorwaarden of tenzij "
            "het kleinschalig is."
        )
        is Stance.EXCLUSION
    )


def test_exclusion_beats_ambition_in_one_sentence() -> None:
    sentence = "Wij zetten in op aardwarmte, maar schaliegaswinning wijzen wij af."
    assert classify_stance(sentence) is Stance.EXCLUSION


def test_cue_is_reported_and_case_and_whitespace_do_not_matter() -> None:
    cue = explain_stance("WIJ   ZETTEN\nIN OP bodemenergie.")
    assert (cue.stance, cue.cue) == (Stance.AMBITION, "zetten in op")
    assert explain_stance("De bodem is zandig.") == explain_stance("De  bodem is zandig.")
    assert explain_stance("De bodem is zandig.").cue == ""


def test_stance_values_are_the_benchmark_labels() -> None:
    assert [stance.value for stance in Stance] == [
        "ambition",
        "condition",
        "exclusion",
        "background",
    ]
    assert classify_stance("Wij wijzen dit af.") == "exclusion"  # a StrEnum compares as str
    assert PRECEDENCE[0] is Stance.EXCLUSION and PRECEDENCE[-1] is Stance.BACKGROUND


# --- dominant stance of a theme -------------------------------------------------------

A, C, E, B = Stance.AMBITION, Stance.CONDITION, Stance.EXCLUSION, Stance.BACKGROUND


@pytest.mark.parametrize(
    ("stances", "expected"),
    [
        ([], B),
        ([B, B, B], B),
        ([B, B, B, B, E], E),  # one clear exclusion among descriptions decides
        ([A, A, E, B], A),  # "niet in het waterwingebied" does not outweigh two choices
        ([A, E], E),  # tie: the stronger restriction
        ([A, C], C),
        ([C, E, C], C),
        ([A, A, C, C, E, E], E),
    ],
)
def test_dominant_stance(stances: list[Stance], expected: Stance) -> None:
    assert dominant_stance(stances) is expected
    assert dominant_stance(list(reversed(stances))) is expected  # order does not matter


# --- one combined pattern per stance gives what the cues give one by one -------------


def _reference_explain(sentence: str) -> StanceCue:
    """``explain_stance`` with every cue searched on its own and the leftmost match kept."""
    text = _BRACKETS_RE.sub(" ", normalise_sentence(sentence))
    exclusion = _first((*_EXCLUSION, _NEGATED_CHOICE), text)
    condition = _first(_CONDITION, text)
    if exclusion is not None and not (condition is not None and _escaped(text, exclusion)):
        return StanceCue(Stance.EXCLUSION, exclusion.group(0), exclusion.start())
    if condition is not None:
        return StanceCue(Stance.CONDITION, condition.group(0), condition.start())
    ambition = _first(_AMBITION, text)
    if ambition is None and _SUBJECT_RE.search(text):
        ambition = _AMBITION_VERB_RE.search(text)
    if ambition is not None:
        return StanceCue(Stance.AMBITION, ambition.group(0), ambition.start())
    return StanceCue(Stance.BACKGROUND, "", -1)


def _span(match: re.Match[str] | None) -> tuple[int, int, str] | None:
    return None if match is None else (match.start(), match.end(), match.group(0))


def _assert_same_as_per_cue(sentence: str) -> None:
    text = _BRACKETS_RE.sub(" ", normalise_sentence(sentence))
    for combined, per_cue in (
        (_EXCLUSION_RE, (*_EXCLUSION, _NEGATED_CHOICE)),
        (_CONDITION_RE, _CONDITION),
        (_AMBITION_RE, _AMBITION),
    ):
        assert _span(combined.search(text)) == _span(_first(per_cue, text)), text
    assert explain_stance(sentence) == _reference_explain(sentence)


TIES_AND_NEAR_MISSES = [
    # two exclusion cues start at "geen": the earlier cue ("geen ruimte") wins
    "Hier is geen ruimte toegestaan voor boringen.",
    # two condition cues start at "alleen": the earlier cue takes "als" along
    "Bodemenergie is alleen toegestaan als het systeem gesloten is.",
    # "niet alleen" is no condition: the lookbehind after the word boundary still holds
    "Dat geldt niet alleen wanneer het droog is.",
    "Dat geldt alleen wanneer het droog is.",
    # the last exclusion pattern (a negated choice) is leftmost and wins
    "Wij willen geen boringen en wij sluiten winning uit.",
    "Boren is hier niet toegestaan, tenzij het om een gesloten bodemlus gaat.",
    "Er is geen ruimte voor nieuwe gaswinning",
    "Er is nog geen bodemkwaliteitskaart",
    "Wij willen dat de wijk Twekkelerveld in 2030 aardgasvrij is, met bodemenergie.",
    "Wij zetten in op aardwarmte, maar schaliegaswinning wijzen wij af.",
    "WIJ   ZETTEN\nIN OP bodemenergie.",
    "De warmtevraag neemt toe wanneer de winters strenger worden "
    "(zie de Nota Bodem, niet toegestaan).",
]


@pytest.mark.parametrize(
    "sentence", AMBITION + CONDITION + EXCLUSION + BACKGROUND + TIES_AND_NEAR_MISSES
)
def test_combined_patterns_equal_the_cues_one_by_one(sentence: str) -> None:
    _assert_same_as_per_cue(sentence)


def test_ties_keep_the_first_cue_and_its_text() -> None:
    assert explain_stance("Hier is geen ruimte toegestaan voor boringen.") == StanceCue(
        Stance.EXCLUSION, "geen ruimte", 8
    )
    assert explain_stance(
        "Bodemenergie is alleen toegestaan als het systeem gesloten is."
    ) == StanceCue(Stance.CONDITION, "alleen toegestaan als", 16)
    assert explain_stance("Dat geldt niet alleen wanneer het droog is.") == StanceCue(
        Stance.BACKGROUND, "", -1
    )
    assert explain_stance("Wij willen geen boringen en wij sluiten winning uit.") == StanceCue(
        Stance.EXCLUSION, "willen geen", 4
    )


# Words the cues are made of, and a few that sit between them, grouped by role.
_DENIAL = ("geen", "niet", "nee", "tegen", "ongewenst", "verbod", "schaliegasvrij", "ook", "meer")
_PERMISSION = ("toe", "te", "staan", "staat", "toegestaan", "vergund", "mogelijk", "bespreekbaar")
_REJECTION = ("sluiten", "sluit", "uit", "wijzen", "wijst", "af", "langer", "behalve")
_RESTRICTION = ("alleen", "uitsluitend", "enkel", "slechts", "als", "wanneer", "indien", "waar")
_PROVISO = ("zolang", "mits", "tenzij", "voorwaarde", "voorwaarden", "onder", "zover", "nodig")
_SUBJECTS = ("wij", "we", "ons", "de", "gemeente", "het", "er", "willen", "wil", "kiezen", "gaan")
_CHOICE = ("zetten", "in", "op", "stimuleren", "streven", "maken", "benutten", "beschermen", "doel")
_FILLER = ("aan", "ruimte", "plaats", "voor", "bij", "met", "zijn", "is", "wordt", "onderzoek")
_THEME = ("vergunning", "verplicht", "boringen", "winning", "opslag", "bodem", "grondwater")
_BRACKETS = ("(", ")")  # a bracketed part is dropped before the cues run
CUE_WORDS = (
    *_DENIAL,
    *_PERMISSION,
    *_REJECTION,
    *_RESTRICTION,
    *_PROVISO,
    *_SUBJECTS,
    *_CHOICE,
    *_FILLER,
    *_THEME,
    *_BRACKETS,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(CUE_WORDS), st.sampled_from((" ", " ", " ", ", ", ". ", "; "))),
        max_size=30,
    )
)
def test_combined_patterns_equal_the_cues_on_built_sentences(
    words: list[tuple[str, str]],
) -> None:
    _assert_same_as_per_cue("".join(word + separator for word, separator in words))


@pytest.mark.parametrize(
    "cue",
    [
        r"\b(geen)\s+ruimte\b",  # a capturing group
        r"\b(?P<woord>geen)\s+(?P=woord)\b",  # a named group and its backreference
        r"(?i)\bgeen\s+ruimte\b",  # an inline global flag
    ],
)
def test_a_cue_that_cannot_be_combined_is_refused(cue: str) -> None:
    with pytest.raises(ValueError, match="capturing group or inline flag"):
        _combine((r"\bmits\b", cue))


def test_the_negated_choice_joins_the_exclusion_cues_without_flags() -> None:
    # it enters the combined exclusion pattern as text: a flag passed to its compile
    # would silently be lost there
    assert _NEGATED_CHOICE.flags == re.UNICODE
