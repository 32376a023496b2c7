"""Near-duplicate visies: a joint visie is flagged, two visies on the same topics are not."""

from __future__ import annotations

import hashlib
import random
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from visiecheck.analyse.duplicates import (
    MIN_SHINGLES,
    SAMPLE_MOD,
    Fingerprint,
    duplicates_from_fingerprints,
    fingerprint,
    near_duplicates,
    shingles,
    similarity,
)
from visiecheck.models import DuplicatePair

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


# -- the vectorised shingles equal the plain algorithm, bit for bit ------------------------
# Fingerprints are stored in the result cache, so a faster implementation may not change
# one hash. The reference below is the original pure-Python algorithm, written out.

_REF_MASK = (1 << 64) - 1
_REF_BASE = 0x100000001B3


def _reference_shingles(text: str, size: int = 5) -> set[int]:
    words = re.findall(r"[^\W_]+", text.lower())
    hashes = [
        int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big")
        for word in words
    ]
    result = set()
    for start in range(len(hashes) - size + 1):
        value = 0
        for offset in range(size):
            value = (value * _REF_BASE + hashes[start + offset]) & _REF_MASK
        value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _REF_MASK
        value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _REF_MASK
        result.add(value ^ (value >> 31))
    return result


def _reference_fingerprint(text: str) -> Fingerprint:
    found = _reference_shingles(text)
    return Fingerprint(frozenset(v for v in found if v % SAMPLE_MOD == 0), len(found))


def _assert_same_as_reference(text: str) -> None:
    found = shingles(text)
    assert found == _reference_shingles(text)
    assert all(type(value) is int for value in found)  # not numpy scalars: JSON and cache
    print_ = fingerprint(text)
    assert print_ == _reference_fingerprint(text)
    assert type(print_.shingles) is int
    assert all(type(value) is int for value in print_.sample)


# Dutch as PDFs deliver it: accents, typographic quotes and dashes, a soft hyphen, a
# non-breaking space, numbers with separators, article numbers, an underscore.
MESSY = [
    "In ’s-Hertogenbosch en ’t Harde geldt: één bodemenergieplan per wijk — géén "
    "losse systemen; de gemeente coördineert de aanleg (zie § 4.2, art. 3.1a).",
    "De ondergrond\u00a0is een ‘verborgen’ ruimte: kabels, leidingen, warmte- en "
    "koudeopslag (WKO), archeologie en grondwater delen 1.250 km² aan vierkante meters.",
    "Naïeve aannames over zoutwinning in Veendam? Nee! Bodemdaling tot 0,35 m in 2050 is "
    "reëel; daarom monitoren wij jaarlijks, ook bij het bestand_grondwater_2023.csv.",
    "GEOTHERMIE IN HET WESTLAND: doublet WL-01 levert 12 MW aan 1.400 woningen; de "
    "ge\u00adothermie-bron ligt op 2.300 meter diepte, onder de zoetwaterbel.",
    "Het drinkwater­wingebied (Vitens) en de 25-jaarszone blijven vrij van boringen "
    "dieper dan 50 m –– ook voor gesloten bodemlussen van particulieren.",
    "Café ‘De Zoete Inval’, crème-kleurige gevels en de oude Ëmmer-fabriek: het "
    "erfgoed van de kern vraagt om behoedzaam bouwen op slappe veengrond.",
]


def test_shingles_match_the_plain_algorithm_on_dutch_paragraphs() -> None:
    for paragraphs in (JOINT, OTHER_A, OTHER_B, WAARDEN_DINKELLAND, MESSY):
        _assert_same_as_reference(_text(paragraphs))
    _assert_same_as_reference(_text(MESSY + JOINT + OTHER_A + OTHER_B))
    for paragraph in MESSY:
        _assert_same_as_reference(paragraph)
        for size in (1, 2, 3, 4, 6, 9):
            assert shingles(paragraph, size=size) == _reference_shingles(paragraph, size)


def test_short_empty_and_odd_texts_match_the_plain_algorithm() -> None:
    for text in ("", "   \n\n ", "— … ’", "één", "een twee drie vier", "a_b_c_d_e", "x y z 1 2"):
        _assert_same_as_reference(text)
    assert fingerprint("") == Fingerprint(frozenset(), 0)
    assert fingerprint("Een twee, drie vier.") == Fingerprint(frozenset(), 0)
    # a size of 0 or less gave {0} (one empty combination) and still does
    assert shingles("een twee", size=0) == _reference_shingles("een twee", 0) == {0}
    assert shingles("", size=-1) == _reference_shingles("", -1) == {0}


def test_a_lone_surrogate_is_dropped_like_any_non_word_character() -> None:
    text = "de bodem\ud800 onder de stad \udfffen het grondwater erin"
    _assert_same_as_reference(text)
    assert shingles(text) == shingles("de bodem onder de stad en het grondwater erin")


def test_known_hash_values_do_not_change() -> None:
    # Pinned: cached fingerprints of earlier runs must stay comparable with new ones.
    assert shingles("Een twee drie vier vijf") == {11659854070122285020}
    assert shingles("één", size=1) == _reference_shingles("één", 1)


def test_the_shared_word_cache_gives_the_same_shingles() -> None:
    cache: dict[bytes, bytes] = {}
    texts = [_text(JOINT), _text(MESSY), _text(JOINT + MESSY), _text(MESSY)]
    for text in texts:
        assert shingles(text, _cache=cache) == _reference_shingles(text)


def test_ascii_bytes_are_words_exactly_when_the_regex_says_so() -> None:
    # _word_hashes turns ASCII non-word bytes into spaces before splitting; that is only
    # the same as the regex if the regex agrees on every ASCII character.
    for code in range(128):
        character = chr(code)
        assert bool(re.fullmatch(r"[^\W_]", character)) == bytes([code]).isalnum()


_VOCABULARY = [
    "de", "het", "een", "bodem", "ondergrond", "grondwater", "geothermie", "bodemenergie",
    "drinkwater", "zoutwinning", "bodemdaling", "archeologie", "één", "reëel", "coördinatie",
    "café", "naïef", "ideeën", "ʼs", "’t", "km²", "2040", "3.1a", "wko_systeem", "İzmir",
    "ΟΔΟΣ", "straße", "ǅemal", "½", "٣", "Ⅻ",
]  # fmt: skip
_SEPARATORS = [
    " ", "  ", "\n", "\n\n", "\t", ", ", ". ", "; ", ": ", " – ", " — ", "-", "’", "'",
    "_", "/", "(", ")", "\u00a0", "\u00ad", "\u200b", "\u2028", "…", "\ud800", "",
]  # fmt: skip
_CASES = [str, str.upper, str.capitalize, str.title, str.swapcase]


@st.composite
def _dutch_like_text(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            st.tuples(
                st.one_of(
                    st.sampled_from(_VOCABULARY),
                    st.integers(0, 10**9).map(str),
                    st.text(max_size=4),
                ),
                st.sampled_from(_CASES),
                st.sampled_from(_SEPARATORS),
            ),
            max_size=80,
        )
    )
    return "".join(case(word) + separator for word, case, separator in pieces)


@settings(max_examples=300, deadline=None)
@given(_dutch_like_text(), st.integers(1, 7))
def test_shingles_match_the_plain_algorithm_on_generated_text(text: str, size: int) -> None:
    _assert_same_as_reference(text)
    assert shingles(text, size=size) == _reference_shingles(text, size)
