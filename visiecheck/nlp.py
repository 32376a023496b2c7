"""Dutch language resources, built once per process and reused.

- ``get_nlp()``: ``spacy.blank("nl")`` with the lookup lemmatizer (from
  ``spacy-lookups-data``) and the rule-based sentencizer. No model download.
- ``get_sentencizer()``: the same tokenizer and sentencizer without the lemmatizer:
  what sentence splitting needs, without loading the lemma tables into spaCy again.
  Its Dutch abbreviation rules ("bijv.", "o.a.") are added as they occur in a text
  (``sentence_spans``), which gives the same tokens as loading all 4,500 up front and
  saves every batch worker a third of a second of start-up.
- ``lemmatize(word)``: the lookup lemma of one word (the lemmatizer's own table).
- ``inflected_forms(word)``: every surface form the lookup table maps onto the lemma
  of ``word``, plus regular Dutch endings. The matcher searches these forms directly,
  so inflections (``gedaald`` → *dalen*) are found without running the lemmatizer on
  every page.
- ``sentence_spans(text)``: character spans of sentences in a text.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from spacy.language import Language

# spaCy itself (half a second to import) is imported where a pipeline is built: the
# lemma-table functions below do not need it, so a batch's parent process can build
# the matcher without it.

VOWELS = set("aeiouy")
# Function words inside multi-word terms are matched as they are, never inflected.
FUNCTION_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "van",
        "in",
        "op",
        "uit",
        "aan",
        "voor",
        "met",
        "te",
        "tot",
        "bij",
        "om",
        "als",
        "door",
        "naar",
        "over",
        "onder",
    ]
)


@cache
def get_nlp() -> Language:
    """The shared Dutch pipeline: tokenizer, lookup lemmatizer, sentencizer."""
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("sentencizer")
    nlp.initialize()
    return nlp


class _OnDemandExceptions:
    """Adds spaCy's Dutch tokenizer exceptions to a tokenizer when a text contains them.

    Building the tokenizer with all ~4,670 special cases costs ~0.35 s (each one is
    affix-tokenized and added to a phrase matcher), paid by every batch worker. A special
    case can only change the tokens of a text that contains its string, so adding
    exactly those before tokenizing gives the same tokens. The ~150 without a full stop
    (apostrophe forms, whitespace, emoticons) are cheap and added at once; the dotted
    abbreviations are looked up in the text's tokens that contain a full stop.
    """

    def __init__(self, nlp: Language, exceptions: dict[str, list[dict[str, str]]]) -> None:
        self._tokenizer = nlp.tokenizer
        self._dotted: dict[str, list[dict[str, str]]] = {}
        for string, tokens in exceptions.items():
            if "." in string:
                self._dotted[string] = tokens
            else:
                self._tokenizer.add_special_case(string, tokens)
        self._longest = max((len(string) for string in self._dotted), default=0)
        self._seen_chunks: set[str] = set()

    def prepare(self, text: str) -> None:
        """Add the dotted special cases that occur in ``text`` (once per distinct chunk)."""
        if "." not in text:
            return
        for chunk in text.split():
            if "." not in chunk or chunk in self._seen_chunks:
                continue
            self._seen_chunks.add(chunk)
            first_dot, last_dot = chunk.index("."), chunk.rindex(".")
            # every substring that contains a full stop (a special case has one)
            for start in range(last_dot + 1):
                for end in range(
                    max(start, first_dot) + 1, min(len(chunk), start + self._longest) + 1
                ):
                    string = chunk[start:end]
                    tokens = self._dotted.pop(string, None)
                    if tokens is not None:
                        self._tokenizer.add_special_case(string, tokens)


@cache
def _sentencizer_and_exceptions() -> tuple[Language, _OnDemandExceptions]:
    from spacy.lang.nl import Dutch
    from spacy.lang.nl.tokenizer_exceptions import TOKENIZER_EXCEPTIONS

    class DutchWithoutExceptions(Dutch):
        """spaCy's Dutch: the same affix rules, no special cases (added on demand)."""

        class Defaults(Dutch.Defaults):
            tokenizer_exceptions: ClassVar[dict[str, list[dict[str, str]]]] = {}

    nlp = DutchWithoutExceptions()
    nlp.add_pipe("sentencizer")
    return nlp, _OnDemandExceptions(nlp, TOKENIZER_EXCEPTIONS)


def get_sentencizer() -> Language:
    """Tokenizer and sentencizer only, Dutch abbreviation rules ("bijv.", "o.a.") on demand.

    Call ``prepare_text(text)`` before running it on ``text`` (``sentence_spans`` does):
    that adds the abbreviation rules the text needs.
    """
    return _sentencizer_and_exceptions()[0]


def prepare_text(text: str) -> None:
    """Give the sentencizer's tokenizer the Dutch abbreviation rules ``text`` contains."""
    _sentencizer_and_exceptions()[1].prepare(text)


@cache
def _lemma_table() -> dict[str, str]:
    """The raw ``nl`` lookup table (surface form → lemma) of spacy-lookups-data.

    Read from the package's JSON directly because spaCy's ``Table`` stores only hashes
    of the keys, and we need the strings to invert it.
    """
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        table: dict[str, str] = json.load(handle)
    return table


_forms_cache: dict[str, frozenset[str]] = {}


def _forms_of_lemmas(lemmas: Iterable[str]) -> None:
    """Fill the inverse table (lemma → forms) for just these lemmas, in one pass.

    Inverting the whole table would keep ~200,000 strings alive in every worker; the
    lexicon needs a few hundred lemmas.
    """
    wanted = {lemma for lemma in lemmas if lemma not in _forms_cache}
    if not wanted:
        return
    found: dict[str, set[str]] = {lemma: set() for lemma in wanted}
    for form, lemma in _lemma_table().items():
        bucket = found.get(lemma.lower())
        if bucket is not None:
            bucket.add(form.lower())
    for lemma, forms in found.items():
        _forms_cache[lemma] = frozenset(forms)


@cache
def _lemma_values() -> frozenset[str]:
    # Base words ("aanleiding") appear in the table only as lemmas (values).
    return frozenset(lemma.lower() for lemma in _lemma_table().values())


def is_known_word(word: str) -> bool:
    """Whether ``word`` is a Dutch word the lookup table knows (so not OCR noise)."""
    lowered = word.lower()
    return lowered in _lemma_table() or lowered in _lemma_values()


def lemmatize(word: str) -> str:
    lowered = word.lower()
    return _lemma_table().get(lowered, lowered).lower()


def regular_inflections(word: str) -> set[str]:
    """Regular Dutch plural and adjective forms of a (lowercase) noun or adjective.

    Covers -en/-s/-e/-n/-'s; a doubled long vowel written single before -en
    (systeem → systemen, kraan → kranen, ingreep → ingrepen); a final consonant doubled
    after a short vowel (lus → lussen, put → putten); f/s voiced after a long vowel
    (proef → proeven, buis → buizen, graaf → graven). Over-generation is harmless: a
    non-word never occurs in a text.
    """
    if word.endswith("en"):  # a verb infinitive or an existing plural: the table knows it
        return {word}
    forms = {word + suffix for suffix in ("en", "s", "e", "n", "'s")}
    if word.endswith("ie"):
        forms.add(word + "ën")  # archeologie → archeologieën
    if len(word) < 3 or word[-1] in VOWELS:
        return forms
    last, before, before2 = word[-1], word[-2], word[-3]
    long_vowel = before in VOWELS and before2 in VOWELS
    voiced = {"f": "v", "s": "z"}.get(last)
    if long_vowel and before2 == before:
        stem = word[:-2] + last  # systeem → systém: one vowel of the pair goes
        forms.update({stem + "en", stem + "e"})
        if voiced:
            forms.update({stem[:-1] + voiced + "en", stem[:-1] + voiced + "e"})  # graaf → graven
    elif long_vowel and voiced:
        forms.update({word[:-1] + voiced + "en", word[:-1] + voiced + "e"})  # buis → buizen
    elif before in VOWELS and not long_vowel:
        forms.update({word + last + "en", word + last + "e"})  # lus → lussen
    return forms


def prepare_forms(words: Iterable[str]) -> None:
    """Build the forms of many words with one pass over the lemma table (a speed-up)."""
    _forms_of_lemmas(lemmatize(word) for word in words if word.isalpha())


@cache
def inflected_forms(word: str) -> frozenset[str]:
    """All forms of ``word`` the matcher accepts as the same word (lowercase)."""
    lowered = word.lower()
    if lowered in FUNCTION_WORDS or not lowered.isalpha():
        return frozenset({lowered})
    lemma = lemmatize(lowered)
    _forms_of_lemmas([lemma])
    forms = {lowered}
    forms |= _forms_cache[lemma]
    forms |= regular_inflections(lowered)
    return frozenset(forms)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences in ``text``, in order.

    Newlines are treated as plain spaces so that a sentence wrapped over several lines
    stays whole; the caller splits blocks and headings before calling this. The
    boundaries are those of spaCy's ``sentencizer`` on spaCy's Dutch tokens; its rule is
    applied here to the token array (``_sentence_starts``) because the component itself
    builds a Python object per token, a fifth of all matching time.
    """
    if not text.strip():
        return []
    flat = text.replace("\n", " ")
    prepare_text(flat)
    nlp = get_sentencizer()
    doc = nlp.tokenizer(flat)
    if not len(doc):
        return []
    from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH

    orths, puncts, offsets, lengths = doc.to_array([ORTH, IS_PUNCT, IDX, LENGTH]).T.tolist()
    starts = _sentence_starts(orths, puncts, _punct_hashes(nlp))
    ends = [*starts[1:], len(orths)]
    spans = []
    for first, stop in zip(starts, ends, strict=True):
        start, end = offsets[first], offsets[stop - 1] + lengths[stop - 1]
        if text[start:end].strip():
            spans.append((start, end))
    return spans


@cache
def _punct_hashes(nlp: Language) -> frozenset[int]:
    """Hashes of the sentencizer's sentence-final characters (".", "!", "?", …)."""
    sentencizer = nlp.get_pipe("sentencizer")
    return frozenset(nlp.vocab.strings.add(char) for char in sentencizer.punct_chars)


def _sentence_starts(orths: list[int], puncts: list[int], final: frozenset[int]) -> list[int]:
    """Token indices that start a sentence: spaCy's ``Sentencizer.predict``, on arrays.

    A sentence starts at the first token after a sentence-final character that is
    neither punctuation nor another sentence-final character (so "?!" and a closing
    quote stay with the sentence they end).
    """
    starts = [0]
    seen_final = False
    for index, (orth, is_punct) in enumerate(zip(orths, puncts, strict=True)):
        is_final = orth in final
        if seen_final and not is_punct and not is_final:
            starts.append(index)
            seen_final = False
        elif is_final:
            seen_final = True
    return starts
