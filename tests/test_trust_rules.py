"""The rules that keep a word in another sense out of a verdict (issue "trust in every cell").

Each rule is tested on its own with a small lexicon written here, on Dutch sentences
written for these tests: paragraph vetoes, exclusions that keep their case, whole-word
and grouped ``requires``, elided coordination, sister-theme moves, incidental hits
(lists, museums, table rows), evidence sentences (quotes, bullets) and captions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from visiecheck.analyse import nlp
from visiecheck.analyse.coverage import assess, strongest_evidence
from visiecheck.analyse.incidental import empty_form, listed_activity, past_only, table_row
from visiecheck.analyse.matching import Matcher
from visiecheck.analyse.sections import segment_page
from visiecheck.errors import LexiconError
from visiecheck.extract import extract
from visiecheck.lexicon import load_lexicon
from visiecheck.models import Context, Status
from visiecheck.options import ReportOptions
from visiecheck.pipeline import check

LEXICON = """\
name: regels
version: 0.1.0
language: nl
themes:
  - id: mijnbouw
    label: Mijnbouw
    label_en: Mining
    terms:
      - zoutwinning
      - gaswinning
      - {term: pekel, veto: [strooien, strooiwagen, gladheid]}
      - {term: zoutwin, compound: both}
      - {term: opslagput, requires: [[zout, gas], [caverne, holte]]}
  - id: geothermie
    label: Geothermie
    label_en: Geothermal heat
    terms:
      - geothermie
      - aardwarmte
      - {term: warmtewinning, requires: [diep]}
  - id: bodemleven
    label: Bodemleven
    label_en: Soil life
    terms: [bodemstructuur, bodemleven]
  - id: bodemdaling
    label: Bodemdaling
    label_en: Subsidence
    terms:
      - {term: fundering, compound: none, requires: [bodem, zetting], requires_whole_word: true}
      - {term: veen, compound: none, requires: [verdwijn, slink, "klinkt … in"]}
      - {term: klei, compound: none, requires: [inklinkt, zakt], requires_scope: nearby}
  - id: ondergrondse_opslag
    label: Ondergrondse opslag
    label_en: Underground storage
    terms:
      - {term: in de bodem, requires: ["slaan … op", "slaat … op", opslaan, opgeslagen]}
      - HTO
  - id: bodemenergie
    label: Bodemenergie
    label_en: Ground-source energy
    terms:
      - {term: warmtewisselaar, moves_to: {ondergrondse_opslag: [HTO, honderden meters diep]}}
      - WKO
    exclusions:
      - {text: HTO, scope: sentence}
      - {text: TED, scope: paragraph}
      - {text: buurtbatterij, scope: sentence}
  - id: bodemkwaliteit
    label: Bodemkwaliteit
    label_en: Soil quality
    terms:
      - bodemverontreiniging
      - {term: verontreiniging, requires: [bodem, grond]}
  - id: bodemarchief
    label: Bodemarchief
    label_en: Soil archive
    historical: true
    terms: [archeologie, vondsten]
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    path = tmp_path_factory.mktemp("lexicon") / "regels.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return Matcher(load_lexicon(path))


def themes(matcher: Matcher, text: str, *, incidental: bool | None = None) -> list[str]:
    """Theme of every hit in text order (only incidental or only not, when asked)."""
    return [
        hit.theme_id
        for hit in matcher.match_text(text)
        if incidental is None or hit.incidental == incidental
    ]


# --- 1. domain veto: a word of another domain in the paragraph cancels the term ---------


def test_veto_word_in_another_sentence_of_the_paragraph_cancels_the_term(
    matcher: Matcher,
) -> None:
    text = (
        "Bij gladheid rijden de wagens van de gemeente uit. "
        "Zij brengen dan pekel aan op de fietspaden."
    )
    assert themes(matcher, text) == []


def test_veto_reaches_no_further_than_its_paragraph(matcher: Matcher) -> None:
    text = (
        "Bij gladheid rijden de wagens van de gemeente uit.\n\n"
        "Onder het noorden ligt pekel in oude holtes van de zoutwinning."
    )
    assert themes(matcher, text) == ["mijnbouw", "mijnbouw"]


def test_paragraph_scope_exclusion_cancels_the_theme_in_the_whole_paragraph(
    matcher: Matcher,
) -> None:
    text = "Het gemaal levert warmte met TED uit het oppervlaktewater. Een WKO is niet nodig."
    assert themes(matcher, text) == []
    assert themes(matcher, "Een WKO is in dit gebied goed mogelijk.") == ["bodemenergie"]


# --- 3. exclusions keep their own case and compound setting -----------------------------


def test_upper_case_exclusion_does_not_fire_inside_an_ordinary_word(matcher: Matcher) -> None:
    # "lichtoverlast" holds the letters h-t-o; "stedelijk" holds t-e-d
    assert themes(matcher, "Een WKO mag geen lichtoverlast geven.") == ["bodemenergie"]
    assert themes(matcher, "Een WKO past goed in het stedelijk gebied.") == ["bodemenergie"]


def test_upper_case_exclusion_still_fires_as_its_own_word(matcher: Matcher) -> None:
    text = "Naast de WKO komt een HTO-installatie."
    assert [hit.theme_id for hit in matcher.match_text(text)] == ["ondergrondse_opslag"]


def test_lower_case_exclusion_still_matches_inside_compounds(matcher: Matcher) -> None:
    assert themes(matcher, "De WKO en de buurtbatterijen delen een kast.") == []


def test_exclusion_case_and_compound_can_be_set(tmp_path: Path) -> None:
    path = tmp_path / "lex.yaml"
    path.write_text(
        LEXICON.replace(
            "{text: TED, scope: paragraph}",
            "{text: TED, scope: paragraph, case: insensitive, compound: both}",
        ),
        encoding="utf-8",
    )
    loose = Matcher(load_lexicon(path))
    assert themes(loose, "Een WKO past goed in het stedelijk gebied.") == []


# --- 4. requires: whole words, groups and separable verbs ---------------------------------


def test_required_whole_word_is_not_met_by_a_longer_word(matcher: Matcher) -> None:
    assert themes(matcher, "De fundering wacht op het bodemonderzoek.") == []
    assert themes(matcher, "De fundering rust op een slappe bodem.") == ["bodemdaling"]
    assert themes(matcher, "De fundering lijdt onder zettingen.") == ["bodemdaling"]


def test_every_requires_group_must_be_met(matcher: Matcher) -> None:
    assert themes(matcher, "De opslagput voor gas ligt in een caverne.") == ["mijnbouw"]
    assert themes(matcher, "De opslagput voor gas ligt achter het hek.") == []


def test_separable_verb_split_over_the_clause_meets_requires(matcher: Matcher) -> None:
    text = "In de zomer slaan we de overtollige warmte in de bodem op."
    assert themes(matcher, text) == ["ondergrondse_opslag"]
    assert themes(matcher, "In de bodem zitten veel wortels.") == []


def test_peat_with_a_loss_word_is_subsidence_and_bare_peat_is_not(matcher: Matcher) -> None:
    assert themes(matcher, "Het veen klinkt verder in als het peil zakt.") == ["bodemdaling"]
    assert themes(matcher, "Het veen in de polder verdwijnt langzaam.") == ["bodemdaling"]
    assert themes(matcher, "Het veen is een mooi landschap om te wandelen.") == []


def test_nearby_requires_look_one_sentence_before_and_after(matcher: Matcher) -> None:
    assert themes(matcher, "Onder de wijk ligt slappe klei. Die zakt elk jaar verder.") == [
        "bodemdaling"
    ]
    # two sentences away, or in the next paragraph, is too far
    far = "Onder de wijk ligt slappe klei. Er wonen veel gezinnen. Het dak zakt door."
    assert themes(matcher, far) == []
    assert themes(matcher, "Onder de wijk ligt slappe klei.\n\nHet dak zakt door.") == []


def test_a_separable_verb_gap_is_at_most_eight_words(matcher: Matcher) -> None:
    near = "Wij slaan de warmte van de zomer in de bodem op."  # eight words between
    far = "Wij slaan de warmte van de lange en hete zomer van dit jaar in de bodem op."
    assert themes(matcher, near) == ["ondergrondse_opslag"]
    assert themes(matcher, far) == []


# --- 5. elided coordination ------------------------------------------------------------


def test_elided_first_part_is_rebuilt_with_the_shared_head(matcher: Matcher) -> None:
    hits = matcher.match_text("In de regio is sprake van zout- en gaswinning.")
    assert [(hit.term, hit.matched_text) for hit in hits] == [
        ("zoutwinning", "zout-"),
        ("gaswinning", "gaswinning"),
    ]
    assert hits[0].snippet == "In de regio is sprake van zout- en gaswinning."


def test_zowel_als_and_an_article_before_the_shared_part_are_elisions(matcher: Matcher) -> None:
    both = matcher.match_text("Wij willen zowel de zout- als de gaswinning afbouwen.")
    assert [(hit.matched_text, hit.theme_id) for hit in both] == [
        ("zout-", "mijnbouw"),
        ("gaswinning", "mijnbouw"),
    ]
    assert [hit.term for hit in matcher.match_text("De zout- en de gaswinning stoppen.")] == [
        "zoutwinning",
        "gaswinning",
    ]
    # "als" without a hanging hyphen is just "als"
    assert themes(matcher, "Zout als grondstof is schaars.") == []


def test_every_part_of_a_longer_elided_list_is_rebuilt(matcher: Matcher) -> None:
    text = "Er is lucht-, bodem- en waterverontreiniging aangetroffen."
    hits = matcher.match_text(text)
    assert (hits[0].term, hits[0].matched_text) == ("bodemverontreiniging", "bodem-")
    assert {hit.theme_id for hit in hits} == {"bodemkwaliteit"}
    text = "Zout-/gaswinning komt hier niet voor."
    assert [hit.term for hit in matcher.match_text(text)] == ["zoutwinning", "gaswinning"]


def test_rebuilt_word_counts_for_requires(matcher: Matcher) -> None:
    # "verontreiniging" requires a bodem/grond word start: only the rebuilt word has one
    text = "De kaart toont water- en bodemverontreiniging."
    assert [hit.term for hit in matcher.match_text(text)] == ["bodemverontreiniging"]
    text = "De kaart toont lucht- en waterverontreiniging."
    assert themes(matcher, text) == []


def test_rebuilt_join_needs_a_known_word_of_four_letters(matcher: Matcher) -> None:
    # "zoutwin" would fit "zout" + "win" of "gaswinning": three letters after the join
    hits = matcher.match_text("Er is zout- en gaswinning in de regio.")
    assert "zoutwin" not in {hit.term for hit in hits}


def test_forward_elision_rebuilds_the_shared_first_part(matcher: Matcher) -> None:
    hits = matcher.match_text("Wij letten op bodemstructuur en -leven in de akkers.")
    assert [(hit.term, hit.matched_text) for hit in hits] == [
        ("bodemstructuur", "bodemstructuur"),
        ("bodemleven", "-leven"),
    ]


def test_a_rebuilt_whole_term_needs_no_known_piece(matcher: Matcher) -> None:
    # "thermie" is no Dutch word on its own, but "geothermie" is a term as a whole
    hits = matcher.match_text("Wij verkennen geo- en aquathermie voor de wijk.")
    assert [(hit.term, hit.matched_text) for hit in hits] == [("geothermie", "geo-")]


def test_a_real_hyphenated_word_is_no_elision(matcher: Matcher) -> None:
    hits = matcher.match_text("De zout-gaswinning is een verzonnen woord.")
    assert [hit.term for hit in hits] == ["gaswinning"]
    assert themes(matcher, "Het zout- en suikergehalte van de grond is laag.") == []


# --- 7. sister themes ------------------------------------------------------------------


def test_heat_exchanger_next_to_hto_moves_to_underground_storage(matcher: Matcher) -> None:
    text = "De nieuwe wijk krijgt een warmtewisselaar. Die is gekoppeld aan de HTO van het net."
    assert themes(matcher, text) == ["ondergrondse_opslag", "ondergrondse_opslag"]
    assert themes(matcher, "De nieuwe wijk krijgt een warmtewisselaar in de grond.") == [
        "bodemenergie"
    ]


def test_moves_to_must_name_a_theme(tmp_path: Path) -> None:
    path = tmp_path / "lex.yaml"
    path.write_text(LEXICON.replace("moves_to: {ondergrondse_opslag", "moves_to: {opslag"))
    with pytest.raises(LexiconError, match="moves_to unknown theme 'opslag'"):
        load_lexicon(path)


# --- 2. listed activities, museums, table rows -------------------------------------------


def test_entry_of_a_zoning_list_with_etc_is_incidental(matcher: Matcher) -> None:
    text = (
        "Niet toegestaan zijn: visserij- en viskwekerijen, aardolie- en gaswinning, "
        "zandwinning, etc."
    )
    hits = matcher.match_text(text)
    assert [(hit.term, hit.incidental, hit.stance) for hit in hits] == [("gaswinning", True, None)]


def test_list_of_activities_that_are_not_allowed_is_incidental(matcher: Matcher) -> None:
    text = "Uitgezonderd zijn bedrijven voor gaswinning, veeteelt, afvalverwerking en transport."
    assert themes(matcher, text, incidental=True) == ["mijnbouw"]


def test_a_municipal_choice_over_a_list_is_not_incidental(matcher: Matcher) -> None:
    text = "Wij staan geen gaswinning, kolenwinning, olieboringen of schaliegas toe."
    hits = matcher.match_text(text)
    assert [(hit.theme_id, hit.incidental, hit.stance) for hit in hits] == [
        ("mijnbouw", False, "exclusion")
    ]


def test_a_short_enumeration_is_not_a_standard_list(matcher: Matcher) -> None:
    assert themes(matcher, "We kijken naar zoutwinning en gaswinning.", incidental=False) == [
        "mijnbouw",
        "mijnbouw",
    ]


def test_museum_and_history_words_before_the_term_make_it_incidental(
    matcher: Matcher,
) -> None:
    text = "Het streekmuseum toont exposities over de vroegere zoutwinning in Twente."
    assert themes(matcher, text, incidental=True) == ["mijnbouw"]
    assert themes(matcher, "De geschiedenis van de gaswinning trekt bezoekers.") == ["mijnbouw"]
    assert themes(matcher, "De zoutwinning gaat nog dertig jaar door.", incidental=False) == [
        "mijnbouw"
    ]


def test_history_never_makes_the_soil_archive_incidental(matcher: Matcher) -> None:
    text = "De geschiedenis van de archeologie in de es is rijk aan vondsten."
    assert themes(matcher, text, incidental=False) == ["bodemarchief", "bodemarchief"]


def test_checklist_row_gives_no_stance() -> None:
    assert table_row("Nee Binnen een boringsvrije zone?")
    assert table_row("Ja\tArcheologische verwachting hoog\tnader onderzoek")
    assert not table_row("Wij sluiten boringen in de boringsvrije zone uit.")


def test_checklist_row_hit_counts_but_has_no_stance(matcher: Matcher) -> None:
    hits = matcher.match_text("Nee Binnen zone voor gaswinning?")
    assert [(hit.theme_id, hit.stance, hit.incidental) for hit in hits] == [
        ("mijnbouw", None, False)
    ]


def test_empty_forms_zoning_rows_and_business_lists_only_name_a_theme(matcher: Matcher) -> None:
    for text in (
        "Aspect zoutwinning ☐ ja ☐ nee ☐ onbekend",
        "Thema | Van toepassing | Toelichting | Gaswinning | | | Archeologie | |",
        "Gaswinning: n.v.t.",
        "Staat van bedrijfsactiviteiten: 06 Gaswinning, milieucategorie 5.1",
        "Hier zitten een garagebedrijf, een bouwmaterialenhandel, gaswinning en een drukkerij.",
        "Uitgesloten SBI-codes: 06 Gaswinning; 08 Zandwinning",
        "0610 Zoutwinning – categorie 5.1 – niet toegestaan.",
        "Er zijn geen risicovolle bedrijven toegestaan, zoals tankstations, vuurwerkopslag, "
        "gaswinning en slachterijen.",
    ):
        # a line of its own would be read as a heading: put the row below a sentence
        hits = matcher.match_text("Zo ziet de lijst eruit.\n" + text)
        assert hits and all(hit.incidental for hit in hits), text
    answered = matcher.match_text(
        "Zo ziet de lijst eruit.\nJa\tIn het gebied vindt zoutwinning plaats"
    )
    assert answered and not any(hit.incidental for hit in answered)


def test_an_unanswered_form_question_about_the_plan_only_names_a_theme(
    matcher: Matcher,
) -> None:
    for text in (
        "Vindt er binnen het plangebied zoutwinning plaats?",
        "5.2 Heeft het bouwplan gevolgen voor de gaswinning in de omgeving?",
        "Grenst het perceel aan een gebied met zoutwinning? ______ (door de aanvrager)",
    ):
        hits = matcher.match_text("Vul de vragen hieronder in.\n" + text)
        assert [(hit.theme_id, hit.incidental, hit.stance) for hit in hits] == [
            ("mijnbouw", True, None)
        ], text


def test_an_answered_or_open_question_still_counts(matcher: Matcher) -> None:
    # the answer follows the question
    answered = matcher.match_text(
        "Vul de vragen hieronder in.\nLigt het perceel boven een zoutwinning? Ja, aan de oostkant."
    )
    assert [(hit.theme_id, hit.incidental) for hit in answered] == [("mijnbouw", False)]
    # a visie's own question that the paragraph goes on to answer
    assert themes(
        matcher,
        "Is er in onze regio nog ruimte voor gaswinning? Wij vinden van niet, want de "
        "bodem daalt al.",
        incidental=False,
    ) == ["mijnbouw"]


def test_a_question_that_nothing_answers_only_names_its_themes(matcher: Matcher) -> None:
    # an intake list: every question is followed by another one or by nothing
    intake = (
        "Punten voor het vooroverleg: zoutwinning in de buurt? bodemleven onderzocht? "
        "geothermie gepland?"
    )
    assert [(hit.theme_id, hit.incidental) for hit in matcher.match_text(intake)] == [
        ("mijnbouw", True),
        ("bodemleven", True),
        ("geothermie", True),
    ]
    # a form: both options of a box, an empty answer cell, an instruction to fill it in
    for text in (
        "Aanvraagformulier | Is er sprake van gaswinning? ja / nee | Handtekening: ...",
        "Vraag 3: Wordt er geothermie toegepast? | antwoord: — | Vraag 4: volgt",
        "Welke gevolgen heeft de bouw voor het bodemleven? Beschrijf dit in bijlage 2.",
        "Is er onderzoek naar zoutwinning gedaan? Dit deel wordt door de adviseur ingevuld.",
    ):
        assert [hit.incidental for hit in matcher.match_text(text)] == [True], text
    # a lone question in prose, with nothing after it in its paragraph, names the theme too
    assert themes(matcher, "Is er in onze regio nog ruimte voor gaswinning?", incidental=True) == [
        "mijnbouw"
    ]
    # the hit before the question, in a sentence of its own, still counts
    assert themes(
        matcher, "Wij stoppen met zoutwinning. Wat komt ervoor in de plaats?", incidental=False
    ) == ["mijnbouw"]


def test_an_empty_cell_only_names_its_theme_among_answered_cells(matcher: Matcher) -> None:
    row = (
        "Toets bouwplan Dorpsstraat 12 | archeologie: hoge verwachting, proefsleuven nodig | "
        "geothermie: niet ingevuld"
    )
    assert [(hit.theme_id, hit.incidental) for hit in matcher.match_text(row)] == [
        ("bodemarchief", False),
        ("geothermie", True),
    ]


def test_empty_cells_are_found_when_the_splitter_cuts_the_row_and_in_label_cells(
    matcher: Matcher,
) -> None:
    # "n.t.b." ends a sentence for the splitter: every piece of the row is still a row
    row = (
        "Checklist | zoutwinning: n.t.b. | bodemleven: n.t.b. | geothermie: ja, twee putten "
        "ten noorden van de kern"
    )
    assert [(hit.theme_id, hit.incidental) for hit in matcher.match_text(row)] == [
        ("mijnbouw", True),
        ("bodemleven", True),
        ("geothermie", False),
    ]
    # a label cell followed by an empty cell
    labels = "De lijst.\nAandachtspunt | Archeologie | ... | toelichting: wordt later aangevuld"
    assert [hit.incidental for hit in matcher.match_text(labels)] == [True]
    # a line of its own with a short label and a written placeholder
    assert themes(matcher, "Zo ziet het er nu uit.\nGeothermie: n.t.b.", incidental=True) == [
        "geothermie"
    ]
    # a sentence ending in a colon introduces a list; it is no empty cell
    assert themes(matcher, "Met de archeologie is het volgende vastgelegd:", incidental=False) == [
        "bodemarchief"
    ]


def test_street_names_and_names_of_several_capitalised_words_are_no_hits(
    matcher: Matcher,
) -> None:
    assert themes(matcher, "De Zoutwinningweg en de Geothermiestraat krijgen nieuwe bomen.") == []
    assert themes(matcher, "De vereniging Geothermie Dinkelland vergadert in het dorpshuis.") == []
    # a capitalised term alone inside a sentence, or a plan named after the theme, counts
    assert themes(matcher, "Wij zetten in op Geothermie in de regio.") == ["geothermie"]
    assert themes(matcher, "Het programma Zoutwinning loopt af.") == ["mijnbouw"]


def test_a_capitalised_inflected_form_inside_a_sentence_is_a_name(tmp_path: Path) -> None:
    path = tmp_path / "namen.yaml"
    path.write_text(
        "name: namen\nversion: 0.1.0\nlanguage: nl\nthemes:\n"
        "  - id: mijnbouw\n    label: Mijnbouw\n    label_en: Mining\n"
        "    terms: [holte, zoutwinning]\n",
        encoding="utf-8",
    )
    names = Matcher(load_lexicon(path))
    # "Holten" is the village, not the plural of "holte"
    assert names.match_text("Het waterbedrijf wint al decennia bij Holten.") == []
    # the plural in lower case, and the capitalised word at a sentence start, still match
    assert [hit.matched_text for hit in names.match_text("Bij zoutwinning ontstaan holten.")] == [
        "zoutwinning",
        "holten",
    ]
    assert [hit.matched_text for hit in names.match_text("Holten ontstaan bij het oplossen.")] == [
        "Holten"
    ]
    # a quoted designation is no name: 'Holten' in quotes stays a hit
    assert [hit.matched_text for hit in names.match_text("De zone heet 'Holten' op de kaart.")] == [
        "Holten"
    ]


def test_an_instruction_to_an_applicant_only_names_its_themes(matcher: Matcher) -> None:
    for text in (
        "Beschrijf kort wat uw plan betekent voor de zoutwinning en het bodemleven.",
        "3.2 Geef in de aanvraag aan of er geothermie wordt toegepast.",
        "Licht in bijlage 4 toe hoe de archeologie wordt ontzien.",
    ):
        hits = matcher.match_text(text)
        assert hits, text
        assert all(hit.incidental for hit in hits), text
    # a visie's own call to action addresses nobody's application
    assert themes(
        matcher, "Geef het bodemleven de ruimte in elke nieuwe wijk.", incidental=False
    ) == ["bodemleven"]


def test_a_list_of_uses_in_conflict_with_a_zoning_is_a_list(matcher: Matcher) -> None:
    text = (
        "Tot een gebruik strijdig met de bestemming wordt gerekend: het plaatsen van "
        "containers, zoutwinning, het dempen van sloten en het storten van puin."
    )
    assert themes(matcher, text, incidental=True) == ["mijnbouw"]


def test_a_cross_reference_or_an_announcement_only_names_its_themes(matcher: Matcher) -> None:
    for text in (
        "De zoutwinning wordt in paragraaf 4.3 nader toegelicht.",
        "In hoofdstuk 6 Geothermie vindt de verdere afweging plaats.",
        "In deze visie komen onder meer mobiliteit, wonen, zoutwinning en geothermie aan bod.",
        "In het volgende deel gaan we in op de archeologie van de kernen.",
        "Over de zoutwinning: zie § 3.1.",
    ):
        hits = matcher.match_text(text)
        assert hits, text
        assert all(hit.incidental for hit in hits), text
    # a statement with a reference in brackets still says something
    assert themes(
        matcher, "Wij stoppen de zoutwinning onder de kernen (zie bijlage 3).", incidental=False
    ) == ["mijnbouw"]
    # a table row that ends with a reference is still a row with content
    row = "Zo ziet het er uit.\nArcheologie | verwachting: hoog | onderzoek nodig | zie bijlage 5"
    assert [hit.incidental for hit in matcher.match_text(row)] == [False]


def test_a_question_with_boxes_nobody_ticked_only_names_its_themes(matcher: Matcher) -> None:
    for text in (
        "Ligt de locatie boven een zoutwinning? ☐ ja ☐ nee ☐ onbekend",
        "Wordt er geothermie toegepast? [ ] ja [ ] nee",
        "Is er gaswinning in de buurt? (aankruisen) Zo ja, meld dit bij de provincie.",
    ):
        hits = matcher.match_text(text)
        assert [(hit.theme_id != "", hit.incidental) for hit in hits] == [(True, True)], text
        # a line with boxes is a form row, never a heading (a heading's hit would count)
        assert all(hit.context is Context.BODY for hit in hits), text
    # a ticked box is an answer
    for text in (
        "Ligt de locatie boven een zoutwinning? ☒ ja ☐ nee ☐ onbekend",
        "Wordt er geothermie toegepast? [x] ja [ ] nee",
    ):
        assert [hit.incidental for hit in matcher.match_text(text)] == [False], text


def test_a_question_answered_only_by_a_pointer_elsewhere_only_names_its_themes(
    matcher: Matcher,
) -> None:
    for text in (
        "Is rekening gehouden met de zoutwinning onder het terrein? (zie bijlage 4)",
        "Welke rol speelt geothermie in de wijk? Zie paragraaf 5.2.",
    ):
        assert [hit.incidental for hit in matcher.match_text(text)] == [True], text
    # an answer that carries a reference is still an answer
    answer = "Welke rol speelt geothermie in de wijk? Wij boren niet voor 2030 (zie paragraaf 5.2)."
    assert themes(matcher, answer, incidental=False) == ["geothermie"]


def test_a_rule_naming_a_zoning_category_lists_its_activities_in_three_entries(
    matcher: Matcher,
) -> None:
    rule = (
        "Regels gemengd gebied: geen bedrijvigheid zwaarder dan categorie 3.1, geen "
        "vuurwerkopslag, geen zoutwinning, geen autosloperijen."
    )
    assert themes(matcher, rule, incidental=True) == ["mijnbouw"]
    # without a zoning category three entries are not enough; a choice of our own counts
    assert themes(
        matcher,
        "Wij willen in het buitengebied geen windturbines, geen zoutwinning en geen "
        "nieuwe stallen.",
        incidental=False,
    ) == ["mijnbouw"]
    assert themes(
        matcher,
        "Onder de stad: geen parkeergarages, geen zoutwinning, geen tunnels.",
        incidental=False,
    ) == ["mijnbouw"]


def test_a_section_not_written_yet_or_put_off_only_names_its_themes(matcher: Matcher) -> None:
    for text in (
        "Hoofdstuk 5 Zoutwinning – [tekst volgt na overleg met de provincie]",
        "5.2 Geothermie – PM",
        "Hoofdstuk 6 Geothermie (nog uit te werken)",
        "Zoutwinning | status: nog niet geschreven | eigenaar: team Ruimte",
        "Opgave zoutwinning: deze opgave werken we uit in de eerste herziening van de visie.",
        "Het bodemleven komt later terug in de gebiedsuitwerking voor het buitengebied.",
    ):
        hits = matcher.match_text(text)
        assert hits, text
        # the heading of an unwritten section is body text, so the rule can see it
        assert all(hit.incidental and hit.context is Context.BODY for hit in hits), text
    # fine dust (PM-waarden, PM10) is no placeholder
    assert themes(
        matcher,
        "Door de PM-waarden langs de weg kiezen we hier niet voor geothermie.",
        incidental=False,
    ) == ["geothermie"]
    # a choice whose details follow later is still a choice
    assert themes(
        matcher,
        "Wij kiezen voor geothermie in het oosten; de details werken we later uit.",
        incidental=False,
    ) == ["geothermie"]


def test_a_list_of_documents_or_a_pointer_to_one_only_names_its_themes(matcher: Matcher) -> None:
    for text in (
        "Literatuur: Deltares (2021), Zoutwinning in Twente, rapport 1207; Provincie (2019).",
        "Relevante documenten: Nota Geothermie 2015 – Beleidsregel bodemleven 2020",
        "Zie voor de ligging van de zoutwinning kaart 5 van de provinciale verordening.",
        "Bijlage C bevat de kaart van de archeologie en de studie naar geothermie.",
        "De raad trekt de Nota Geothermie 2015 en de Nota Archeologie 2011 in.",
    ):
        hits = matcher.match_text(text)
        assert hits, text
        assert all(hit.incidental for hit in hits), text
    # a legend after "Zie kaart 7:" says what is there; a choice that cites a note is ours;
    # "Zie … als …" without a document is an imperative
    for text in (
        "Zie kaart 7: de zoutwinning onder Hengelo en de cavernes bij Boekelo.",
        "Volgens de Nota Geothermie 2015 boren wij alleen buiten de kernen.",
        "Zie de ondergrond als de basis van de warmte, van geothermie tot bodemleven.",
    ):
        assert [hit.incidental for hit in matcher.match_text(text)][:1] == [False], text


def test_a_question_put_to_readers_or_quoted_only_names_its_themes(matcher: Matcher) -> None:
    for text in (
        "Vraag uit de inloopavond: 'Wat betekent de zoutwinning voor ons dorp?' De vraag "
        "komt terug in de gebiedsuitwerking.",
        "Welke rol moet geothermie in uw wijk spelen? Laat het ons weten via de enquête.",
        "Wat betekent de zoutwinning voor uw huis? Op de informatieavond beantwoorden "
        "experts uw vragen.",
    ):
        assert [hit.incidental for hit in matcher.match_text(text)] == [True], text
    assert themes(
        matcher,
        "Wat betekent de zoutwinning voor ons dorp? Wij staan geen nieuwe putten meer toe.",
        incidental=False,
    ) == ["mijnbouw"]


def test_a_term_whose_requirements_fail_does_not_hide_a_shorter_one(matcher: Matcher) -> None:
    # "warmtewinning" needs depth; without it, "aardwarmte" in the same word still counts
    assert themes(matcher, "Wij zien aardwarmtewinning als kans.") == ["geothermie"]
    hits = matcher.match_text("Wij zien diepe aardwarmtewinning als kans.")
    assert [hit.term for hit in hits] == ["warmtewinning"]


def test_a_clause_cut_at_its_en_is_no_list_entry(matcher: Matcher) -> None:
    text = (
        "Open systemen voor zoutwinning en geothermie, die water oppompen en elders "
        "terugbrengen, passen niet in de binnenstad."
    )
    assert themes(matcher, text, incidental=False) == ["mijnbouw", "geothermie"]


def test_what_became_a_museum_is_the_past(matcher: Matcher) -> None:
    for text in (
        "De oude zoutwinning bij het dorp is nu een museum.",
        "De gaswinning bij Slochteren werd een rijksmonument.",
    ):
        assert themes(matcher, text, incidental=True) == ["mijnbouw"], text
    assert themes(
        matcher, "De zoutwinning is nu een belangrijk thema in de regio.", incidental=False
    ) == ["mijnbouw"]


MOVES_LEXICON = """\
name: verhuizen
version: 0.1.0
language: nl
themes:
  - id: grondwater
    label: Grondwater
    label_en: Groundwater
    terms:
      - {term: grondwater, moves_scope: sentence, moves_to: {drinkwater: [waterbedrijf]},
         stays_with: [peil, droogte]}
  - id: drinkwater
    label: Drinkwater
    label_en: Drinking water
    terms: [drinkwater]
  - id: mijnbouw
    label: Mijnbouw
    label_en: Mining
    terms:
      - {term: caverne, moves_to: {opslag: [buffer]}}
  - id: opslag
    label: Opslag
    label_en: Storage
    terms: [gasopslag]
"""


def test_a_move_can_keep_to_its_sentence_and_stay_for_words_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "verhuizen.yaml"
    path.write_text(MOVES_LEXICON, encoding="utf-8")
    moves = Matcher(load_lexicon(path))
    # a cue in the sentence moves the hit to the sister theme
    assert themes(moves, "Het waterbedrijf pompt hier grondwater op.") == ["drinkwater"]
    # a word of its own in the same sentence keeps it (its level, drought)
    assert themes(moves, "Door droogte zakt het grondwater; het waterbedrijf is bezorgd.") == [
        "grondwater"
    ]
    # with a sentence scope, a cue in another sentence does not move it
    assert themes(moves, "Het waterbedrijf zoekt een plek. Het grondwater is schoon.") == [
        "grondwater"
    ]
    # the default scope is still the paragraph
    assert themes(moves, "De caverne blijft leeg. Later wordt zij een buffer.") == ["opslag"]


def test_a_question_followed_by_where_to_look_it_up_is_unanswered(matcher: Matcher) -> None:
    for text in (
        "Vraag 7: Ligt uw perceel boven een zoutwinning? Raadpleeg hiervoor kaart 4.",
        "Wordt er geothermie toegepast? Kijk op de website van de provincie.",
    ):
        assert [hit.incidental for hit in matcher.match_text(text)] == [True], text


def test_uses_in_conflict_with_a_function_are_a_list_and_a_hyphenated_museum_is_the_past(
    matcher: Matcher,
) -> None:
    text = (
        "Het gebruik van gronden voor zoutwinning, een seksinrichting of het storten van "
        "afval is in strijd met de functie Agrarisch."
    )
    assert themes(matcher, text, incidental=True) == ["mijnbouw"]
    text = "Het Zoutwinning-museum in Delden vertelt het verhaal van de regio."
    assert themes(matcher, text, incidental=True) == ["mijnbouw"]


def test_uses_that_fall_outside_or_do_not_fit_a_zone_are_a_list(matcher: Matcher) -> None:
    for text in (
        "Onder de categorie bedrijven vallen niet: garages, zoutwinning, opslag van vuurwerk "
        "en autosloperijen.",
        "Functies die niet in het centrum passen: groothandel, garageboxen, zoutwinning en "
        "autosloperijen.",
    ):
        assert themes(matcher, text, incidental=True) == ["mijnbouw"], text


def test_a_replica_is_the_past_not_the_practice(matcher: Matcher) -> None:
    text = "De nagebouwde zoutwinning in het bezoekerscentrum trekt veel scholen."
    assert themes(matcher, text, incidental=True) == ["mijnbouw"]


def test_a_line_to_fill_in_makes_a_hit_incidental(matcher: Matcher) -> None:
    text = "Vul de vragen in.\nAfstand tot de zoutwinning: .......... meter (in te vullen)"
    assert themes(matcher, text, incidental=True) == ["mijnbouw"]


def test_a_checklist_row_of_placeholders_only_names_its_themes(matcher: Matcher) -> None:
    empty = matcher.match_text(
        "Zo ziet de lijst eruit.\nToets | Gaswinning: — | Bodemleven: nog niet beoordeeld | "
        "Geothermie: zie bijlage (volgt)"
    )
    assert [(hit.theme_id, hit.incidental) for hit in empty] == [
        ("mijnbouw", True),
        ("bodemleven", True),
        ("geothermie", True),
    ]
    answered = matcher.match_text(
        "Zo ziet de lijst eruit.\nToets | Gaswinning: twee putten ten noorden van de kern | "
        "Geothermie: —"
    )
    # the answered cell counts; the empty one only names its theme (an empty cell)
    assert [(hit.theme_id, hit.incidental) for hit in answered] == [
        ("mijnbouw", False),
        ("geothermie", True),
    ]


def test_a_museum_as_the_subject_makes_a_later_term_incidental(matcher: Matcher) -> None:
    text = "Het Zoutmuseum aan de Markt in Delden laat zien hoe de zoutwinning begon."
    assert themes(matcher, text, incidental=True) == ["mijnbouw"]
    # more than ten words away the museum is no longer the subject
    far = (
        "Het museum ligt aan de Markt en verder staan er in het dorp drie kerken en "
        "een molen, terwijl de zoutwinning doorgaat."
    )
    assert themes(matcher, far, incidental=False) == ["mijnbouw"]


def test_a_term_inside_a_name_is_no_hit(matcher: Matcher) -> None:
    assert themes(matcher, "Camping De Zoutwinning ligt aan het meer.") == []
    assert themes(matcher, "De zoutwinning ligt aan het meer.") == ["mijnbouw"]


def test_rule_functions_on_their_own() -> None:
    sentence = "Toegestaan zijn: bakkerijen, garages, gaswinning, drukkerijen en dergelijke."
    start = sentence.index("gaswinning")
    assert listed_activity(sentence, start, start + 10)
    assert not listed_activity("Wij willen gaswinning hier niet.", 11, 21)
    assert past_only("Het zoutmuseum is open.", 4, 8)
    assert not past_only("De zoutwinning is open.", 3, 14)
    assert empty_form("Ligt het plangebied in een waterwingebied?")
    assert not empty_form("Ligt het plangebied in een waterwingebied?", " Nee, erbuiten.")
    assert not empty_form("Ligt het waterwingebied ver weg?")


def test_incidental_hits_alone_leave_a_theme_only_mentioned(matcher: Matcher) -> None:
    text = (
        "Niet toegestaan zijn: visserijen, gaswinning, zandwinning, etc.\n\n"
        "Het museum toont de geschiedenis van de gaswinning in de streek."
    )
    hits = matcher.match_text(text)
    assert all(hit.incidental for hit in hits)
    coverage = assess(hits, matcher.lexicon, ReportOptions(), ["mijnbouw"])[0]
    assert coverage.status is Status.MENTIONED
    assert coverage.depth.value == "mentioned"


def test_evidence_puts_a_real_sentence_before_a_list_entry(matcher: Matcher) -> None:
    text = (
        "Niet toegestaan zijn: visserijen, gaswinning, zandwinning, etc.\n\n"
        "Wij willen geen nieuwe gaswinning onder de dorpen."
    )
    evidence = strongest_evidence(matcher.match_text(text), limit=None)
    assert [hit.incidental for hit in evidence] == [False, True]


# --- 8. evidence sentences and captions ---------------------------------------------------


def test_no_sentence_split_inside_quotes_or_brackets() -> None:
    text = 'De klei is hier „erg. gevoelig" voor zetting. De wijk (zie fig. 3. hierna) blijft laag.'
    assert [text[a:b] for a, b in nlp.sentence_spans(text)] == [
        'De klei is hier „erg. gevoelig" voor zetting.',
        "De wijk (zie fig. 3. hierna) blijft laag.",
    ]


def test_a_stray_quote_does_not_glue_the_block_together() -> None:
    text = 'Hij zei " ja. ' + "Dit is een zin over de bodem. " * 15
    assert len(nlp.sentence_spans(text)) == 16


def test_bullets_are_not_part_of_an_evidence_sentence() -> None:
    text = "Het grondwater kan worden aangevuld. • De bodem houdt water vast. ▪ Minder verdroging"
    assert [text[a:b] for a, b in nlp.sentence_spans(text)] == [
        "Het grondwater kan worden aangevuld.",
        "De bodem houdt water vast.",
        "Minder verdroging",
    ]
    listed = "Aandachtspunten:\n- kwel in de polder\n- droogte op de zandgronden"
    assert [listed[a:b] for a, b in nlp.sentence_spans(listed)] == [
        "Aandachtspunten:",
        "kwel in de polder",
        "droogte op de zandgronden",
    ]


def test_caption_in_capitals_is_body_text_not_a_heading() -> None:
    for caption in (
        "KANSEN VOOR ENERGIEOPSLAG EN GEOTHERMIE (BRON: KAARTBOEK, 2021)",
        "AFBEELDING 4 ZOUTWINNING IN HET NOORDEN",
        "Figuur 2 Bodemdaling tot 2050",
    ):
        segments = segment_page(caption + "\n\nVolgende alinea over iets anders.")
        assert segments[0].context is Context.BODY, caption
    heading = segment_page("ENERGIE EN ONDERGROND\n\nDe tekst begint hier.")
    assert heading[0].context is Context.HEADING


def test_rules_hold_in_a_real_two_column_pdf(make_pdf: Callable[..., Path], tmp_path: Path) -> None:
    lexicon_path = tmp_path / "regels.yaml"
    lexicon_path.write_text(LEXICON, encoding="utf-8")
    pdf = make_pdf(
        [
            [
                "# 3 Ondergrond",
                "In het noorden is sprake van zout- en gaswinning. Wij willen dat de zout- en "
                "gaswinning binnen tien jaar stopt.",
                "AFBEELDING 2 GEBIED VOOR ARCHEOLOGIE (BRON: PROVINCIE, 2020)",
                "Niet toegestaan zijn: visserijen, garages, zandwinning, gaswinning, etc.",
                "Bij gladheid rijden de wagens uit. Zij brengen dan pekel aan op de wegen.",
            ]
        ],
        columns=2,
        header="Omgevingsvisie Regelstad",
        page_numbers=True,
    )
    lexicon = load_lexicon(lexicon_path)
    hits = Matcher(lexicon).match_document(extract(pdf))
    assert [(hit.term, hit.matched_text, hit.incidental) for hit in hits] == [
        ("zoutwinning", "zout-", False),
        ("gaswinning", "gaswinning", False),
        ("zoutwinning", "zout-", False),
        ("gaswinning", "gaswinning", False),
        ("archeologie", "ARCHEOLOGIE", False),
        ("gaswinning", "gaswinning", True),
    ]
    document = check([pdf], lexicon=lexicon).documents[0]
    assert document.coverage("mijnbouw").status is Status.ADDRESSED
    assert document.coverage("mijnbouw").stance is not None
    archive = document.coverage("bodemarchief")
    assert [hit.context for hit in archive.evidence] == [Context.BODY]


def test_explain_marks_a_list_entry(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from visiecheck.cli import app

    lexicon_path = tmp_path / "regels.yaml"
    lexicon_path.write_text(LEXICON, encoding="utf-8")
    text = tmp_path / "visie.txt"
    text.write_text(
        "Niet toegestaan zijn: visserijen, gaswinning, zandwinning, etc.\n\n"
        "Wij willen geen gaswinning onder de dorpen.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["explain", str(text), "mijnbouw", "--lexicon", str(lexicon_path)]
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()[1:]
    assert [line.endswith("(alleen in een opsomming of historie)") for line in lines] == [
        True,
        False,
    ]


def test_the_cheap_sentence_test_lets_through_every_sentence_a_rule_can_fire_on() -> None:
    # may_be_incidental looks for cue words before any regular expression; a sentence that
    # one of the per-hit rules would mark must never be stopped by it
    from visiecheck.analyse.incidental import may_be_incidental

    for sentence in (
        "De zoutwinning is in paragraaf 4.3 toegelicht.",
        "Zie hoofdstuk 6 voor de geothermie.",
        "De archeologie staat in bijlage 2.",
        "Voor de geothermie zie § 3.1 van het plan.",
        "In deze visie komen wonen en geothermie aan de orde.",
        "In deze visie komt de geothermie aan bod.",
        "Op de zoutwinning wordt later nader ingegaan op basis van het onderzoek.",
        "Daarna gaan we in op de zoutwinning.",
        "Staat van bedrijfsactiviteiten: zoutwinning.",
        "Milieucategorie 4 geldt voor zoutwinning.",
        "Tot strijdig gebruik wordt gerekend zoutwinning.",
        "Zoutwinning ☐ ja ☐ nee",
        "Zoutwinning n.v.t.",
        "Zoutwinning ........ meter",
        "Afstand tot de zoutwinning (in te vullen door de aanvrager)",
        "Beschrijf de gevolgen voor de zoutwinning.",
        "Het zoutmuseum toont de geschiedenis.",
        "Geen bedrijvigheid boven categorie 3.2, geen opslag, geen zoutwinning en geen loodsen.",
        "Geen categorie 3.2, geen opslag en geen zoutwinning.",
        "Zoutwinning [tekst volgt]",
        "De zoutwinning komt terug in de volgende fase van het programma.",
        "Zie voor de zoutwinning kaart 5",
        "Bijlage C bevat de zoutwinning",
        "De raad trekt de Nota Zoutwinning 2015 in",
        "De zoutwinning werd een rijksmonument",
        "Zoutwinning is in strijd met de bestemming",
    ):
        assert may_be_incidental(sentence), sentence
    assert not may_be_incidental("Wij zetten in op geothermie voor de nieuwe wijk.")
