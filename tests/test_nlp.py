"""Sentence splitting with spaCy's Dutch tokenizer, abbreviation rules added on demand."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lang.nl.tokenizer_exceptions import TOKENIZER_EXCEPTIONS
from spacy.language import Language

from visiecheck.analyse import nlp

_FULL: list[Language] = []


def full_dutch() -> Language:
    """spaCy's own Dutch pipeline with every tokenizer exception loaded up front."""
    if not _FULL:
        pipeline = spacy.blank("nl")
        pipeline.add_pipe("sentencizer")
        _FULL.append(pipeline)
    return _FULL[0]


def tokens_on_demand(text: str) -> list[tuple[str, int]]:
    nlp.prepare_text(text)
    return [(token.text, token.idx) for token in nlp.get_sentencizer().tokenizer(text)]


def tokens_full(text: str) -> list[tuple[str, int]]:
    return [(token.text, token.idx) for token in full_dutch().tokenizer(text)]


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in nlp.sentence_spans(text)]


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = (
        "Wij stimuleren bodemenergie, bijv. in nieuwe wijken zoals De Esch. "
        "Ook o.a. het waterbedrijf en de provincie denken mee. "
        "Dat gebeurt i.s.m. de omgevingsdienst."
    )
    assert sentences(text) == [
        "Wij stimuleren bodemenergie, bijv. in nieuwe wijken zoals De Esch.",
        "Ook o.a. het waterbedrijf en de provincie denken mee.",
        "Dat gebeurt i.s.m. de omgevingsdienst.",
    ]


def test_line_breaks_inside_a_sentence_keep_it_whole() -> None:
    text = "Het grondwater is\nkwetsbaar. De gemeente\nbeschermt het."
    assert sentences(text) == ["Het grondwater is\nkwetsbaar.", "De gemeente\nbeschermt het."]


def test_on_demand_rules_match_spacys_full_dutch_tokenizer() -> None:
    texts = [
        "Zie bijv. hfdst. 4 en blz. 12 t/m 14, o.a. de kaart.",
        '(o.a. Losser) en [bijv.] "m.b.t." de bodem; zgn. WKO-systemen.',
        "De gem. Enschede, prov. Overijssel e.d. werken samen m.i.v. 2025.",
        "Een URL: www.enschede.nl/omgevingsvisie.pdf en 1.200 m³ per jr.",
        "Wij gaan!?... Nee:) het is 's avonds z'n beurt.",
        "Bijv. aan het begin en aan het eind: etc.",
    ]
    for text in texts:
        assert tokens_on_demand(text) == tokens_full(text), text
        assert nlp.sentencizer_spans(text) == [
            (sentence.start_char, sentence.end_char) for sentence in full_dutch()(text).sents
        ], text


_EXCEPTIONS = sorted(TOKENIZER_EXCEPTIONS)
_PIECES = st.one_of(
    st.sampled_from(_EXCEPTIONS),
    st.sampled_from(["de", "bodem", "Grondwater", "wij", "2040", "1.2", "www.twente.nl"]),
    st.sampled_from([".", ",", "(", ")", "!", "?", "...", "'", '"', ":", "-", "/"]),
)


@settings(max_examples=300, deadline=None, derandomize=True)  # see KNOWN_DIFFERENCES
@given(st.lists(st.tuples(_PIECES, st.sampled_from([" ", "", "  ", " "])), max_size=20))
def test_on_demand_rules_give_the_same_tokens_for_any_text(
    parts: list[tuple[str, str]],
) -> None:
    # pieces glued together without spaces put an exception inside a longer chunk
    text = "".join(piece + separator for piece, separator in parts)
    assert tokens_on_demand(text) == tokens_full(text)
    assert without_edge_space(text, nlp.sentencizer_spans(text)) == without_edge_space(
        text, spacy_sentences(text)
    )


def without_edge_space(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans with the white space at their edges left out. spaCy puts a line break that
    is a token of its own into a sentence ("bodem\\n", ".\\n ' "), at its end after a word
    and at the start after a full stop; no report shows white space at a sentence's edge,
    so only the words must agree (both kinds were found by hypothesis)."""
    trimmed = []
    for start, end in spans:
        piece = text[start:end]
        if piece.strip():  # a sentence of white space alone is no sentence to quote
            left = start + len(piece) - len(piece.lstrip())
            trimmed.append((left, left + len(piece.strip())))
    return trimmed


# Where the splitter and spaCy's sentencizer still differ, found by hypothesis, as old as the
# splitter: after a full stop and a line break, an emoticon special case ("(*_*)") starts
# a new sentence for spaCy but not for the splitter. Rare in a visie, and it only joins two
# sentences. The property tests are derandomized so CI cannot fail on it by chance; this
# test keeps the difference visible and fails (xfail strict) once it is fixed.
KNOWN_DIFFERENCES = [".\n(*_*) "]


@pytest.mark.xfail(strict=True, reason="known difference, see KNOWN_DIFFERENCES")
@pytest.mark.parametrize("text", KNOWN_DIFFERENCES)
def test_known_differences_from_spacy_remain_known(text: str) -> None:
    ours, theirs = nlp.sentencizer_spans(text), spacy_sentences(text)
    assert without_edge_space(text, ours) == without_edge_space(text, theirs)


def test_a_line_break_at_a_sentence_edge_is_white_space_either_way() -> None:
    for text in ("bodem\n", "'\n", "de '\n", "De bodem.\n", ".\n ' "):
        ours, theirs = nlp.sentencizer_spans(text), spacy_sentences(text)
        assert without_edge_space(text, ours) == without_edge_space(text, theirs), text


def spacy_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans as spaCy's own sentencizer component gives them (blank ones out)."""
    if not text.strip():
        return []
    return [
        (sentence.start_char, sentence.end_char)
        for sentence in full_dutch()(text).sents
        if text[sentence.start_char : sentence.end_char].strip()
    ]


@settings(max_examples=300, deadline=None, derandomize=True)  # see KNOWN_DIFFERENCES
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["Wij", "gaan", "bodem", "bijv.", "o.a.", "2040", "1.2", "De", "zgn.", "etc."]
            ),
            st.sampled_from(
                [" ", ". ", "! ", "? ", "?! ", '." ', ".) ", "... ", ".", "  ", ". \n", ", ", ": "]
            ),
        ),
        max_size=25,
    )
)
def test_sentence_boundaries_are_spacys_sentencizer_boundaries(
    parts: list[tuple[str, str]],
) -> None:
    text = "".join(word + separator for word, separator in parts)
    assert without_edge_space(text, nlp.sentencizer_spans(text)) == without_edge_space(
        text, spacy_sentences(text.replace("\n", " "))
    )


# --- masking plain words (``nlp.masked_text``): the same tokens, read from the cache -----

SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def token_shape(text: str) -> list[tuple[int, int, bool]]:
    """Offset, length and punctuation flag of every token of the sentencizer's tokenizer:
    all the sentence rule reads besides the sentence-final characters."""
    nlp.prepare_text(text)
    return [
        (token.idx, len(token), token.is_punct) for token in nlp.get_sentencizer().tokenizer(text)
    ]


def test_masking_keeps_length_punctuation_and_abbreviations() -> None:
    text = "Wij werken o.a. met het waterschap, bijv. naast wko-systemen (zie kaart 3)."
    nlp.prepare_text(text)
    masked = nlp.masked_text(text)
    assert len(masked) == len(text)
    # plain words are masked; words with digits, hyphens or punctuation stay as written
    assert masked.split() == [
        "ððð", "ðððððð", "o.a.", "ððð", "ððð", "waterschap,", "bijv.", "ððððð", "wko-systemen",
        "(zie", "ððððð", "3).",
    ]  # fmt: skip
    # a piece of an abbreviation the tokenizer knows stays as written: "bijv" of "bijv."
    assert nlp.masked_text("zie bijv . de kaart").split()[1] == "bijv"
    assert token_shape(masked) == token_shape(text)


def test_masked_sentences_are_spacys_sentences() -> None:
    texts = [
        "Wij werken samen met o.a. het waterschap. Zie bijv . de kaart van  Ir. Jansen.",
        "De bodem daalt\xa0. Daarom meten wij elk jaar; ca. 3 mm per jaar!",
        "Grondwater is kwetsbaar.  Wij beschermen het. ð ðð. Nog een zin?",
        "Het bodemarchief blijft bewaard\tIn situ. De gemeente ziet erop toe.",
    ]
    for text in texts:
        assert without_edge_space(text, nlp.sentencizer_spans(text)) == (
            without_edge_space(text, spacy_sentences(text))
        ), text
    assert [texts[0][a:b] for a, b in nlp.sentencizer_spans(texts[0])] == [
        "Wij werken samen met o.a. het waterschap.",
        "Zie bijv .",
        "de kaart van  Ir. Jansen.",
    ]
    assert [texts[1][a:b] for a, b in nlp.sentencizer_spans(texts[1])] == [
        "De bodem daalt\xa0.",
        "Daarom meten wij elk jaar; ca. 3 mm per jaar!",
    ]


_MASK_PIECES = st.one_of(
    st.sampled_from(_EXCEPTIONS),
    # pieces of abbreviations as words of their own, next to a full stop
    st.sampled_from(["bijv", "o", "a", "Ir", "ca", "zgn", "etc", "t", "s", "m", "ð", "ðð"]),
    st.sampled_from(["Grondwater", "bodem", "wij", "De", "één", "Zoë", "NAP", "2040", "m²"]),
    st.sampled_from([".", ",", "(", ")", "!", "?", "...", "'", '"', ":", "-", "/", "’"]),
)


@settings(max_examples=400, deadline=None, derandomize=True)  # see KNOWN_DIFFERENCES
@given(
    st.lists(
        st.tuples(_MASK_PIECES, st.sampled_from([" ", "", "  ", "\xa0", "\t", " \n"])),
        max_size=25,
    )
)
def test_masking_gives_the_same_tokens_for_any_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + separator for piece, separator in parts)
    nlp.prepare_text(text)
    assert token_shape(nlp.masked_text(text)) == token_shape(text)
    assert without_edge_space(text, nlp.sentencizer_spans(text)) == without_edge_space(
        text, spacy_sentences(text.replace("\n", " "))
    )


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="shared corpus not present")
def test_masking_gives_the_same_sentences_on_the_real_corpus() -> None:
    for path in sorted(SHARED_CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for paragraph in text.splitlines()[::3]:  # a third of the ~15,000 lines: a few seconds
            assert nlp.sentencizer_spans(paragraph) == spacy_sentences(paragraph), paragraph
