"""Property-based tests (hypothesis) for normalisation, matching and the format readers.

Random Unicode never crashes them; the text-level normalisation is idempotent; a
lexicon term put anywhere into random Dutch text is found, and taking it out again
takes the hit away.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from visiecheck.analyse.matching import Matcher
from visiecheck.errors import VisiecheckError
from visiecheck.extract import _formats, _html, _plaintext
from visiecheck.extract.normalize import (
    blocks_to_text,
    join_letter_spaced,
    normalize_line,
    normalize_lines,
)
from visiecheck.lexicon import load_lexicon

MATCHER = Matcher(load_lexicon(None))

# Everyday Dutch words that belong to no theme and trigger no term, requirement or
# exclusion of the lexicon (no bodem, grond, water, warmte, leiding, ...).
NEUTRAL_WORDS = [
    "de", "het", "een", "en", "of", "in", "op", "voor", "met", "van", "naar", "wij",
    "willen", "gemeente", "ruimte", "wonen", "werken", "recreatie", "dorp", "fietspad",
    "school", "park", "straat", "plein", "verkeer", "groen", "zorg", "cultuur", "sport",
    "economie", "bewoners", "samen", "toekomst", "kansen", "plannen", "beleid", "centrum",
    "wijk", "buurt", "winkels", "ondernemers", "jongeren", "ouderen", "bereikbaar",
    "veilig", "gezond", "mooi", "sterk", "nieuwe", "oude", "kernen", "omgeving",
]  # fmt: skip

# (term as written in a text, its theme): whole words ("none") and compound-capable
# terms ("both") from the shipped lexicon, without "requires" conditions.
TERMS = [
    ("geothermie", "geothermie"),
    ("aardwarmte", "geothermie"),
    ("bodemenergie", "bodemenergie"),
    ("ondergrondse opslag", "ondergrondse_opslag"),
    ("kwel", "grondwater"),
    ("drinkwater", "drinkwater"),
    ("mijnbouw", "mijnbouw"),
    ("bodemdaling", "bodemdaling"),
    ("bodemverontreiniging", "bodemkwaliteit"),
    ("kabels en leidingen", "ondergronds_ruimtegebruik"),
    ("bodemarchief", "bodemarchief"),
    ("gezonde bodem", "bodem_landbouw_natuur"),
]

QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_chosen_terms_are_in_the_lexicon() -> None:
    lexicon = load_lexicon(None)
    for text, theme_id in TERMS:
        terms = {term.text: term for term in lexicon.theme(theme_id).terms}
        assert text in terms, text
        assert terms[text].compound in ("none", "both") and not terms[text].requires


# --- never crashes ------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_random_unicode_never_crashes_normalisation_or_matching(text: str) -> None:
    lines = normalize_lines(text.split("\n"))
    assert len(lines) == len(text.split("\n"))
    page = blocks_to_text([lines])
    for hit in MATCHER.match_text(page):
        assert 0 <= hit.start < hit.end <= len(page)
        assert page[hit.start : hit.end] == hit.matched_text
    MATCHER.match_text(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_random_bytes_never_crash_the_format_readers(data: bytes) -> None:
    path = Path("willekeurig.bin")
    try:
        kind = _formats.sniff(data, path)
    except VisiecheckError:
        return
    assert kind in ("pdf", "docx", "html", "text")
    try:
        if kind == "html":
            _html.read_sections(data, path)
        elif kind == "text":
            _plaintext.read_sections(data)
    except VisiecheckError:
        pass


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>/divph1 \n\"'=-&;#x"), max_size=300))
def test_random_markup_never_crashes_the_html_reader(text: str) -> None:
    with contextlib.suppress(VisiecheckError):
        _html.read_sections(("<html><body>" + text).encode("utf-8"), Path("x.html"))


# --- idempotent ---------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=8))
def test_normalising_lines_twice_is_normalising_once(lines: list[str]) -> None:
    once = normalize_lines(lines)
    assert normalize_lines(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_each_character_rule_is_idempotent(line: str) -> None:
    line = line.replace("\n", " ")
    for rule in (join_letter_spaced, normalize_line):
        once = rule(line)
        assert rule(once) == once, rule.__name__


# --- a term inserted anywhere is found; removed, it is gone -------------------------------

words = st.lists(st.sampled_from(NEUTRAL_WORDS), min_size=0, max_size=25)


@QUICK
@given(
    before=words,
    after=words,
    term=st.sampled_from(TERMS),
    capitalise=st.booleans(),
    end=st.sampled_from(["", ".", "!", "?", ";"]),
)
def test_inserted_term_is_found_and_removing_it_removes_the_hit(
    before: list[str],
    after: list[str],
    term: tuple[str, str],
    capitalise: bool,
    end: str,
) -> None:
    text, theme_id = term
    written = text[:1].upper() + text[1:] if capitalise else text
    with_term = " ".join([*before, written, *after]) + end
    without_term = " ".join([*before, *after]) + end
    found = [hit for hit in MATCHER.match_text(with_term) if hit.theme_id == theme_id]
    assert found, with_term
    assert any(hit.matched_text.lower() == text for hit in found), (with_term, found)
    assert not MATCHER.match_text(without_term), without_term


@QUICK
@given(
    before=words,
    after=words,
    term=st.sampled_from([(text, theme) for text, theme in TERMS if " " not in text]),
    line_break=st.booleans(),
)
def test_inserted_term_is_found_across_line_and_block_layout(
    before: list[str], after: list[str], term: tuple[str, str], line_break: bool
) -> None:
    """The same, with the term's sentence split over lines as a page would be."""
    text, theme_id = term
    separator = "\n" if line_break else " "
    page = blocks_to_text([[" ".join(before), text + separator + " ".join(after) + "."]])
    assert any(hit.theme_id == theme_id for hit in MATCHER.match_text(page)), page


@pytest.mark.parametrize(("text", "theme_id"), TERMS)
def test_each_term_alone_is_found(text: str, theme_id: str) -> None:
    assert {hit.theme_id for hit in MATCHER.match_text(f"Wij noemen {text} hier.")} == {theme_id}
