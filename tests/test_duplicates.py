"""Near-duplicate visies: a joint visie is flagged, two visies on the same topics are not."""

from __future__ import annotations

import random
import time

import pytest

from visiecheck.duplicates import (
    MIN_SHINGLES,
    DuplicatePair,
    duplicates_from_fingerprints,
    fingerprint,
    near_duplicates,
    shingles,
    similarity,
)

# A joint visie of two neighbouring municipalities: eight shared paragraphs ...
JOINT = [
    "Dinkelland en Tubbergen kiezen samen voor een vitaal platteland waar wonen, werken "
    "en boeren hand in hand gaan en waar de kernen hun eigen karakter houden.",
    "De essen, de houtwallen en de beekdalen vormen het raamwerk van ons landschap; nieuwe "
    "ontwikkelingen voegen zich naar dat raamwerk en versterken het waar dat kan.",
    "Het grondwater in de hoge zandgronden staat onder druk door droogte; wij houden het "
    "regenwater langer vast in sloten, bermen en op de percelen zelf.",
    "Voor bodemenergie in de kernen stellen wij een bodemenergieplan op, zodat open en "
    "gesloten systemen elkaar niet hinderen en het grondwater beschermd blijft.",
    "In het waterwingebied bij Hoge Hexel en de beschermingszone eromheen gaat de winning "
    "van drinkwater voor; activiteiten met risico voor het grondwater weren wij daar.",
    "De bodem van de essen bevat resten uit de prehistorie en de middeleeuwen; bij "
    "ingrepen dieper dan een halve meter vragen wij eerst archeologisch onderzoek.",
    "Zonneparken komen bij voorkeur op daken en op plekken waar het landschap ze kan "
    "dragen, nooit op de open essen en niet in de natte beekdalen.",
    "Wij werken in de Noaberkracht-samenwerking met één ambtelijke organisatie, zodat "
    "inwoners en ondernemers in beide gemeenten met dezelfde regels te maken hebben.",
]
# ... and a waardenkaart chapter of each municipality's own.
WAARDEN_DINKELLAND = [
    "De waardenkaart van Dinkelland toont het Dinkeldal, de landgoederen rond Denekamp "
    "en het kleinschalige coulisselandschap bij Ootmarsum als kernkwaliteiten.",
    "Rond Weerselo en Rossum beschermen wij de open esgronden en de oude erven met hun "
    "karakteristieke boerderijen, schuren en eikenbomen.",
]
WAARDEN_TUBBERGEN = [
    "De waardenkaart van Tubbergen legt de nadruk op het Vasserveld, de stuwwal bij "
    "Albergen en het Mosbeekdal met zijn kwelrijke hooilanden.",
    "Rond Geesteren en Langeveen beschermen wij de kampontginningen en de brinken met "
    "hun lindebomen, waterputten en oude hoeven.",
]

# Two different visies on the same topics, in the same words but other sentences.
OTHER_A = [
    "Hengelo wil in 2040 een stad zijn waar het prettig wonen is, met groene wijken en "
    "een levendig centrum rond het station.",
    "Voor de warmte van de binnenstad onderzoeken wij geothermie en kijken wij naar de "
    "restwarmte van de industrie langs het Twentekanaal.",
    "Het grondwater onder de stad is op veel plaatsen verontreinigd door de oude "
    "metaalindustrie; de sanering daarvan pakken wij gebiedsgericht aan.",
    "Schaliegaswinning wijzen wij af, net als nieuwe zoutwinning onder de bebouwde kom "
    "van Hengelo.",
    "Bij grote bouwprojecten in de oude kern vragen wij archeologisch vooronderzoek, "
    "omdat daar resten van de middeleeuwse buurtschap kunnen liggen.",
    "Kabels en leidingen leggen wij zoveel mogelijk gebundeld aan, zodat er ruimte "
    "blijft voor bomen en voor de opvang van regenwater.",
]
OTHER_B = [
    "Losser is een dorpse gemeente aan de grens die haar rust, natuur en ruimte wil "
    "behouden voor de komende generaties.",
    "Aardwarmte is onder Losser weinig kansrijk; wij zetten daarom in op warmtepompen, "
    "bodemlussen en een klein warmtenet in de kern.",
    "In het noorden van de gemeente wordt zout gewonnen; wij volgen de bodemdaling "
    "nauwkeurig en bespreken de metingen jaarlijks met de exploitant.",
    "De grondwaterstand in de natuurgebieden rond de Dinkel moet omhoog, zodat de natte "
    "heide en de venen weer kunnen herstellen.",
    "Verontreinigde grond uit de oude textielfabrieken ruimen wij op wanneer de terreinen "
    "een nieuwe bestemming krijgen.",
    "Oude akkers en grafheuvels in het buitengebied blijven onaangetast; wij leggen ze "
    "vast op de archeologische kaart.",
]


def _text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def test_joint_visie_with_own_waardenkaart_is_flagged() -> None:
    texts = {
        "Dinkelland": _text(JOINT + WAARDEN_DINKELLAND),
        "Tubbergen": _text(JOINT + WAARDEN_TUBBERGEN),
        "Hengelo": _text(OTHER_A),
        "Losser": _text(OTHER_B),
    }
    pairs = near_duplicates(texts)
    assert [(pair.a, pair.b) for pair in pairs] == [("Dinkelland", "Tubbergen")]
    pair = pairs[0]
    # 8 of 10 paragraphs shared: about 0.8 of each side's shingles, Jaccard lower
    assert 0.7 <= pair.containment <= 0.9
    assert 0.5 <= pair.jaccard < pair.containment


def test_same_topics_different_sentences_are_not_flagged() -> None:
    texts = {"Hengelo": _text(OTHER_A), "Losser": _text(OTHER_B)}
    assert near_duplicates(texts) == []
    jaccard, containment = similarity(shingles(texts["Hengelo"]), shingles(texts["Losser"]))
    assert containment < 0.05 and jaccard < 0.05
    assert near_duplicates(texts, threshold=0.05) == []


def test_one_visie_plus_an_extra_chapter_is_flagged_by_containment() -> None:
    base = _text(JOINT)
    extended = _text(JOINT + WAARDEN_DINKELLAND + WAARDEN_TUBBERGEN + OTHER_A)
    [pair] = near_duplicates({"kort": base, "lang": extended})
    assert (pair.a, pair.b) == ("kort", "lang")
    assert pair.containment > 0.95  # the short one is inside the long one
    assert pair.jaccard < 0.6  # which Jaccard alone would have missed


def test_layout_case_and_punctuation_do_not_matter() -> None:
    text = _text(JOINT)
    relaid = text.upper().replace(";", ",").replace("\n\n", "\n").replace(" ", "  \n")
    [pair] = near_duplicates({"pdf": text, "html": relaid})
    assert (pair.jaccard, pair.containment) == (1.0, 1.0)


def test_order_independent_and_stable() -> None:
    texts = {
        "Tubbergen": _text(JOINT + WAARDEN_TUBBERGEN),
        "Losser": _text(OTHER_B),
        "Dinkelland": _text(JOINT + WAARDEN_DINKELLAND),
        "Dinkelland-kopie": _text(JOINT + WAARDEN_DINKELLAND),
    }
    forward = near_duplicates(texts)
    backward = near_duplicates(dict(reversed(list(texts.items()))))
    assert forward == backward
    assert [(pair.a, pair.b) for pair in forward] == [
        ("Dinkelland", "Dinkelland-kopie"),
        ("Dinkelland", "Tubbergen"),
        ("Dinkelland-kopie", "Tubbergen"),
    ]
    assert forward[0] == DuplicatePair("Dinkelland", "Dinkelland-kopie", 1.0, 1.0)


def test_short_and_empty_texts_are_never_paired() -> None:
    short = "Wij zetten in op geothermie en bodemenergie in de kernen van de gemeente."
    assert len(shingles(short)) < MIN_SHINGLES
    assert near_duplicates({"a": short, "b": short, "c": "", "d": ""}) == []


def test_shingles_are_word_five_grams() -> None:
    assert shingles("een twee drie vier") == set()
    assert len(shingles("een twee drie vier vijf")) == 1
    assert len(shingles("een twee drie vier vijf zes")) == 2
    assert shingles("Een, twee. Drie vier vijf!") == shingles("een twee drie vier vijf")
    assert len(shingles("een twee drie vier", size=3)) == 2  # other sizes work too


@pytest.mark.parametrize("threshold", [0, -0.1, 1.5])
def test_threshold_must_be_a_fraction(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        near_duplicates({}, threshold=threshold)


def test_a_batch_of_342_documents_finds_only_the_planted_pair() -> None:
    """Performance sanity (not timed): 342 synthetic 20 KB texts, one planted joint visie."""
    rng = random.Random(7)
    vocabulary = sorted(
        {word.lower().strip(".,;") for text in JOINT + OTHER_A + OTHER_B for word in text.split()}
    )
    texts = {}
    for number in range(342):
        words: list[str] = []
        size = 0
        while size < 20_000:
            words.append(rng.choice(vocabulary))
            size += len(words[-1]) + 1
        texts[f"gemeente-{number:03d}"] = " ".join(words)
    shared = texts["gemeente-000"][:16_000]
    texts["gemeente-100"] = shared + texts["gemeente-100"][16_000:]
    started = time.perf_counter()
    pairs = near_duplicates(texts)
    elapsed = time.perf_counter() - started
    assert [(pair.a, pair.b) for pair in pairs] == [("gemeente-000", "gemeente-100")]
    assert pairs[0].containment > 0.75
    print(f"near_duplicates on 342 × 20 KB: {elapsed:.2f} s")  # visible with -s


def test_fingerprints_give_the_same_pairs_with_close_estimates() -> None:
    texts = {
        "Dinkelland": _text(JOINT + WAARDEN_DINKELLAND),
        "Tubbergen": _text(JOINT + WAARDEN_TUBBERGEN),
        "Hengelo": _text(OTHER_A),
        "Losser": _text(OTHER_B),
        "kort": "Een te korte tekst over geothermie.",
    }
    [exact] = near_duplicates(texts)
    prints = {name: fingerprint(text) for name, text in texts.items()}
    assert prints["kort"].shingles < MIN_SHINGLES
    [estimate] = duplicates_from_fingerprints(prints)
    assert (estimate.a, estimate.b) == (exact.a, exact.b)
    # ~35 samples per text here: rough, but on the right side of the threshold
    assert abs(estimate.containment - exact.containment) < 0.15
    assert (
        duplicates_from_fingerprints({"Hengelo": prints["Hengelo"], "Losser": prints["Losser"]})
        == []
    )
    with pytest.raises(ValueError, match="threshold"):
        duplicates_from_fingerprints(prints, threshold=0)
