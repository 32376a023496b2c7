"""The matcher's per-page fast paths give what the plain per-word loops gave.

``_TermIndex.find`` skips the words that ask nothing without a Python step per word and
tries a multi-word term only when the next word can be its second word;
``_elided_words`` looks only at the words next to a hyphen. The reference functions
below are the per-word loops they replace, kept here as the definition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from visiecheck.analyse.matching import (
    ARTICLES,
    CONJUNCTIONS,
    ELIDED_HINT_RE,
    WORD_RE,
    Matcher,
    _Candidate,
    _elided_words,
    _joined,
    _Rebuilt,
    _TermIndex,
    get_matcher,
)
from visiecheck.lexicon import load_lexicon
from visiecheck.options import MatchOptions

SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return get_matcher(load_lexicon(None), MatchOptions())


def reference_find(index: _TermIndex, text: str, words: Sequence[re.Match[str]]) -> list:
    """Every word looked up, every multi-word term its first word may start tried."""
    found: list[_Candidate] = []
    last = len(words) - 1
    for position, word_match in enumerate(words):
        work = index._word_work(word_match.group())
        if work is None:
            continue
        offset = word_match.start()
        for candidate in work.matches:
            found.append(
                _Candidate(
                    offset + candidate.start,
                    offset + candidate.end,
                    candidate.entry,
                    candidate.kind,
                )
            )
        for entry in index.multi_first.get(word_match.group().lower(), ()):
            multi = index._multi_word(text, words, position, entry)
            if multi is not None:
                found.append(multi)
        if work.may_break and position < last:
            broken = index._broken_word(text, words, position)
            if broken is not None:
                found.append(broken)
    return found


def _hangs(text: str, word: re.Match[str]) -> bool:
    end = word.end()
    return (
        end < len(text)
        and text[end] == "-"
        and (end + 1 == len(text) or not text[end + 1].isalnum())
        and word.group()[:1].isalpha()
    )


def reference_elided_words(text: str, words: Sequence[re.Match[str]]) -> list[_Rebuilt]:
    """Every word asked whether a hyphen follows or precedes it."""
    found: list[_Rebuilt] = []
    if "-" not in text or not ELIDED_HINT_RE.search(text):
        return found
    count = len(words)
    for position in range(2, count):
        word = words[position]
        start = word.start()
        conjunction, first = words[position - 1], words[position - 2]
        if (
            start > 0
            and text[start - 1] == "-"
            and text[conjunction.end() : start - 1].strip() == ""
            and text[conjunction.end() : start - 1] != ""
            and conjunction.group().lower() in CONJUNCTIONS
            and _joined(text[first.end() : conjunction.start()], commas=False)
            and word.group()[:1].isalpha()
            and first.group()[:1].isalpha()
        ):
            found.append(_Rebuilt(start - 1, word.end(), word.group(), first.group(), True))
    position = 0
    while position < count:
        word = words[position]
        if not _hangs(text, word):
            position += 1
            continue
        chain = [word]
        cursor = position + 1
        while (
            cursor < count
            and _hangs(text, words[cursor])
            and _joined(text[chain[-1].end() + 1 : words[cursor].start()], commas=True)
        ):
            chain.append(words[cursor])
            cursor += 1
        last = None
        gap_end = chain[-1].end() + 1
        if cursor < count and text[gap_end : words[cursor].start()].strip() == "/":
            last = words[cursor]
        elif (
            cursor + 1 < count
            and words[cursor].group().lower() in CONJUNCTIONS
            and _joined(text[gap_end : words[cursor].start()], commas=False)
        ):
            following = cursor + 1
            if (
                following + 1 < count
                and words[following].group().lower() in CONJUNCTIONS
                and text[words[cursor].end() : words[following].start()] == "/"
            ):
                following += 1
            if (
                following + 1 < count
                and words[following].group().lower() in ARTICLES
                and _joined(
                    text[words[following].end() : words[following + 1].start()], commas=False
                )
            ):
                following += 1
            if _joined(text[words[following - 1].end() : words[following].start()], commas=False):
                last = words[following]
        if last is not None and not _hangs(text, last) and last.group()[:1].isalpha():
            for part in chain:
                found.append(_Rebuilt(part.start(), part.end() + 1, part.group(), last.group()))
        position = cursor
    return found


def assert_same(matcher: Matcher, text: str) -> None:
    words = list(WORD_RE.finditer(text))
    for index in (matcher._terms, matcher._exclusion_index):
        assert index.find(text, words, longest_wins=False) == reference_find(index, text, words)
    assert _elided_words(text, words) == reference_elided_words(text, words)


def test_multi_word_terms_after_common_words(matcher: Matcher) -> None:
    text = (
        "Warmte wordt in de bodem opgeslagen en in de ondergrond teruggewonnen. "
        "In de berm liggen kabels, onder de grond en onder de stoep leidingen. "
        "Het water in de diepe zandlagen is schoon; in de wijk is het water uit de bodem brak."
    )
    words = list(WORD_RE.finditer(text))
    found = matcher._terms.find(text, words, longest_wins=True)
    terms = [(text[c.start : c.end], matcher._terms.entries[c.entry].term.text) for c in found]
    assert ("in de bodem", "in de bodem") in terms
    assert ("in de ondergrond", "in de ondergrond") in terms
    assert ("In de berm", "in de berm") in terms
    assert ("onder de stoep", "onder de stoep") in terms
    assert ("water in de diepe zandlagen", "water in de diepe zandlagen") in terms
    assert ("water uit de bodem", "water uit de bodem") in terms
    assert_same(matcher, text)


def test_elided_parts_are_found_from_the_hyphens(matcher: Matcher) -> None:
    text = (
        "In het oosten is zout- en gaswinning. Bodem-, water- en luchtverontreiniging "
        "nemen af. Wij letten op bodemstructuur en -leven, op zout-/gaswinning en op "
        "grond- en/of oppervlaktewater. Een streep - los - telt niet, noch het eind-"
    )
    words = list(WORD_RE.finditer(text))
    assert [(item.part, item.last, item.forward) for item in _elided_words(text, words)] == [
        ("leven", "bodemstructuur", True),
        ("zout", "gaswinning", False),
        ("Bodem", "luchtverontreiniging", False),
        ("water", "luchtverontreiniging", False),
        ("zout", "gaswinning", False),
        ("grond", "oppervlaktewater", False),
    ]
    assert_same(matcher, text)


_PIECES = st.sampled_from(
    [
        "in", "de", "bodem", "ondergrond", "water", "uit", "onder", "grond", "en", "of", "tot",
        "zout", "gaswinning", "bodemstructuur", "leven", "WKO", "systeem", "grondwa", "ter",
        "geotherrnie", "opslag", "van", "hoge", "temperatuur", "2040", "op", "Bodem",
    ]
)  # fmt: skip
_GAPS = st.sampled_from(
    [" ", "- ", "-, ", " -", "-/", "/", ", ", ". ", "-", "  ", "\n", "- en/of "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PIECES, _GAPS), max_size=30))
def test_fast_paths_equal_the_per_word_loops_for_any_text(
    matcher: Matcher, parts: list[tuple[str, str]]
) -> None:
    assert_same(matcher, "".join(piece + gap for piece, gap in parts))


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="shared corpus not present")
def test_fast_paths_equal_the_per_word_loops_on_the_real_corpus(matcher: Matcher) -> None:
    for path in sorted(SHARED_CORPUS.glob("*.txt")):
        assert_same(matcher, path.read_text(encoding="utf-8"))
