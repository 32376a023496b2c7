"""Dutch language resources, built once per process and reused.

- ``get_sentencizer()``: ``spacy.blank("nl")``'s tokenizer with the rule-based
  sentencizer (no model download); lemmas come from ``spacy-lookups-data``'s table
  directly (``lemmatize``), not from a spaCy pipeline component.
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

import bisect
import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from spacy.language import Language

# spaCy itself (slow to import) is imported where a pipeline is built: the
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


# Letters of the Latin script as written in Dutch (no digits, marks or symbols: ``m²``
# is not plain); a chunk of them between spaces is one token for spaCy's Dutch rules.
_LETTER_CLASS = r"A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F"
_LETTERS_RE = re.compile(f"[{_LETTER_CLASS}]+")
_PLAIN_CHUNK_RE = re.compile(rf"(?<!\S)[{_LETTER_CLASS}]+(?!\S)")
# The masking letter (``_OnDemandExceptions.mask_plain``): in no Dutch special case.
PLACEHOLDER = "ð"


class _OnDemandExceptions:
    """Adds spaCy's Dutch tokenizer exceptions to a tokenizer when a text contains them.

    Building the tokenizer with all ~4,670 special cases is slow (each one is
    affix-tokenized and added to a phrase matcher), paid by every batch worker. A special
    case can only change the tokens of a text that contains its string, so adding
    exactly those before tokenizing gives the same tokens. The ~150 without a full stop
    (apostrophe forms, whitespace, emoticons) are cheap and added at once; the dotted
    abbreviations are looked up in the text's tokens that contain a full stop.
    """

    def __init__(self, nlp: Language, exceptions: dict[str, list[dict[str, str]]]) -> None:
        self._tokenizer = nlp.tokenizer
        self._dotted: dict[str, list[dict[str, str]]] = {}
        # Every run of letters inside a special case the tokenizer has (see ``mask_plain``).
        self.letter_pieces: set[str] = set()
        for string, tokens in exceptions.items():
            if "." in string:
                self._dotted[string] = tokens
            else:
                self._add(string, tokens)
        self._longest = max((len(string) for string in self._dotted), default=0)
        self._seen_chunks: set[str] = set()

    def _add(self, string: str, tokens: list[dict[str, str]]) -> None:
        self._tokenizer.add_special_case(string, tokens)
        for run in _LETTERS_RE.findall(string):
            size = len(run)
            self.letter_pieces.update(
                run[start:end] for start in range(size) for end in range(start + 1, size + 1)
            )

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
                        self._add(string, tokens)

    def mask_plain(self, text: str) -> str:
        """``text`` with every chunk of plain letters written as ``PLACEHOLDER`` letters.

        spaCy tokenizes each run of non-space characters on its own and caches the result
        per distinct string; in real text most runs are words it has not seen yet, and
        each such miss runs its prefix, suffix and infix rules. A run of plain letters is
        always exactly one token that is neither punctuation nor sentence-final (no affix
        rule of spaCy's Dutch matches letters alone; tested on every word of the corpus),
        unless a special case is built from it: so it is masked only when it is no piece
        of a special case the tokenizer has. The mask keeps the length, so the tokens,
        their offsets and lengths and the sentence boundaries are the same; the masked
        runs all hit the cache. ``PLACEHOLDER`` occurs in no Dutch special case, so it
        never joins one.
        """
        pieces = self.letter_pieces

        def mask(match: re.Match[str]) -> str:
            word = match.group()
            return word if word in pieces else PLACEHOLDER * len(word)

        return _PLAIN_CHUNK_RE.sub(mask, text)


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


# A run of this many punctuation marks or symbols (no letter, digit or space) is cut into
# pieces before tokenizing. spaCy strips a token's prefixes and suffixes one character at
# a time, copying the rest each time: quadratic in the length of a run without spaces
# (16 KB of "=" took 38 s). Real text has no such runs (a dotted leader is shorter).
SYMBOL_RUN_MIN = 64
_SYMBOL_RUN_RE = re.compile(rf"(?:[^\w\s]|_){{{SYMBOL_RUN_MIN},}}")
# Inside such a run every SYMBOL_PIECE-th character is handed to the tokenizer as a space.
SYMBOL_PIECE = 32


def broken_runs(text: str) -> str:
    """``text`` with each long run of symbols cut into pieces by spaces, same length.

    Only characters strictly inside a run are replaced (never its first or last, so the
    run still touches what it touched, and never next to a space, so no space token
    appears): every token keeps its offset, each piece holds the same kind of tokens
    (punctuation stays punctuation), and the tokenizer's work is linear in the run.
    Text without such a run is returned as it is.
    """

    def cut(match: re.Match[str]) -> str:
        run = list(match.group())
        for position in range(SYMBOL_PIECE, len(run) - 2, SYMBOL_PIECE):
            run[position] = " "
        return "".join(run)

    return _SYMBOL_RUN_RE.sub(cut, text)


def masked_text(text: str) -> str:
    """``text`` with plain words masked: the same tokens for the sentencizer's tokenizer
    (``_OnDemandExceptions.mask_plain``). Call ``prepare_text(text)`` first."""
    return _sentencizer_and_exceptions()[1].mask_plain(text)


def _lemma_table_path() -> Path:
    import spacy_lookups_data

    return Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"


@cache
def _lemma_table() -> dict[str, str]:
    """The raw ``nl`` lookup table (surface form → lemma) of spacy-lookups-data.

    Read from the package's JSON directly because spaCy's ``Table`` stores only hashes
    of the keys, and we need the strings to invert it.
    """
    with gzip.open(_lemma_table_path(), "rt", encoding="utf-8") as handle:
        table: dict[str, str] = json.load(handle)
    return table


# --- the snapshot: the table's answers for the default lexicon, shipped -----------------
#
# Loading the table, inverting it for the lexicon's lemmas and finding the known words
# near the fuzzy terms is slow and gives the same answers on every run. For
# the default lexicon they are shipped in ``visiecheck/data/lemma_snapshot.json``
# (written by ``python -m visiecheck.lemma_snapshot``), stamped with the table they came
# from: with another table installed the snapshot is ignored. Any question it does not
# hold (a word of a custom lexicon) goes to the table as before.

SNAPSHOT_RESOURCE = "lemma_snapshot.json"


def lookups_identity() -> str:
    """Which lemma table is installed: spacy-lookups-data's version and the file's size."""
    import spacy_lookups_data

    size = _lemma_table_path().stat().st_size
    return f"spacy-lookups-data {spacy_lookups_data.__version__}, {size} bytes"


@dataclass(frozen=True)
class LemmaSnapshot:
    """Answers of one lemma table (``table``): lemma per word, forms per lemma, and known
    words near the fuzzy choices per ``near_key``."""

    table: str
    lemmas: dict[str, str]
    forms: dict[str, frozenset[str]]
    near: dict[str, frozenset[str]]
    known: dict[str, frozenset[str]]  # per ``words_key``: the known words among them


_snapshot_enabled = True


@cache
def _snapshot() -> LemmaSnapshot | None:
    if not _snapshot_enabled:
        return None
    try:
        text = resources.files("visiecheck.data").joinpath(SNAPSHOT_RESOURCE).read_text("utf-8")
        data = json.loads(text)
        if data.get("table") != lookups_identity():
            return None  # made from another version of the table: its answers may differ
        return LemmaSnapshot(
            table=data["table"],
            lemmas=data["lemmas"],
            forms={lemma: frozenset(forms) for lemma, forms in data["forms"].items()},
            near={key: frozenset(words) for key, words in data["near"].items()},
            known={key: frozenset(words) for key, words in data.get("known", {}).items()},
        )
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return None  # missing or damaged: every answer comes from the table, as before


def snapshot_in_use() -> bool:
    """Whether the shipped snapshot matches the installed table (and is consulted)."""
    return _snapshot() is not None


def _clear_lemma_caches() -> None:
    _snapshot.cache_clear()
    inflected_forms.cache_clear()
    _forms_cache.clear()


@contextmanager
def without_snapshot() -> Iterator[None]:
    """Answer every question from the table itself (to build or to test the snapshot)."""
    global _snapshot_enabled
    _clear_lemma_caches()
    _snapshot_enabled = False
    try:
        yield
    finally:
        _snapshot_enabled = True
        _clear_lemma_caches()


def near_key(
    choices_by_start: Mapping[str, Sequence[str]], min_length: int, max_distance: int
) -> str:
    """The snapshot's key of one ``known_words_near`` question."""
    choices = sorted(choice for group in choices_by_start.values() for choice in group)
    content = json.dumps([choices, min_length, max_distance], ensure_ascii=False)
    return hashlib.sha256(content.encode()).hexdigest()[:16]


def words_key(words: Iterable[str]) -> str:
    """The snapshot's key of one ``known_among`` question."""
    content = json.dumps(sorted(set(words)), ensure_ascii=False)
    return hashlib.sha256(content.encode()).hexdigest()[:16]


def build_snapshot(
    words: Iterable[str],
    near_questions: Iterable[tuple[Mapping[str, Sequence[str]], int, int]],
    known_questions: Iterable[frozenset[str]] = (),
) -> dict[str, object]:
    """The snapshot (as JSON data) of the table's answers for ``words``, the
    ``known_words_near`` and the ``known_among`` questions, all taken from the table."""
    with without_snapshot():
        wanted = sorted({word.lower() for word in words if _has_lemma_forms(word.lower())})
        lemmas = {word: lemmatize(word) for word in wanted}
        _forms_of_lemmas(lemmas.values())
        forms = {lemma: sorted(_forms_cache[lemma]) for lemma in sorted(set(lemmas.values()))}
        near = {
            near_key(*question): sorted(known_words_near(*question)) for question in near_questions
        }
        known = {words_key(question): sorted(known_among(question)) for question in known_questions}
        return {
            "table": lookups_identity(),
            "lemmas": lemmas,
            "forms": forms,
            "near": near,
            "known": known,
        }


# --- the questions ---------------------------------------------------------------------

_forms_cache: dict[str, frozenset[str]] = {}


def _forms_of_lemmas(lemmas: Iterable[str]) -> None:
    """Fill the inverse table (lemma → forms) for just these lemmas, in one pass.

    Inverting the whole table would keep ~200,000 strings alive in every worker; the
    lexicon needs a few hundred lemmas.
    """
    wanted = {lemma for lemma in lemmas if lemma not in _forms_cache}
    snapshot = _snapshot()
    if snapshot is not None:
        for lemma in [lemma for lemma in wanted if lemma in snapshot.forms]:
            _forms_cache[lemma] = snapshot.forms[lemma]
            wanted.discard(lemma)
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


@cache
def _lemma_index_by_class() -> dict[str, frozenset[str]]:
    path = _lemma_table_path().with_name("nl_lemma_index.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        index: dict[str, list[str]] = json.load(handle)
    return {name: frozenset(word.lower() for word in words) for name, words in index.items()}


def only_not_a_noun(word: str) -> bool:
    """Whether the lemma index knows ``word`` (or its lemma), but never as a noun:
    *tussen*, *beschreven*, *voldoende*. Unknown words (most compounds) are not."""
    lowered = word.lower()
    classes = _lemma_index_by_class()
    lemma = _lemma_table().get(lowered, lowered).lower()
    known_as = {name for name, words in classes.items() if lowered in words or lemma in words}
    return bool(known_as) and "noun" not in known_as


@cache
def _lemma_index() -> frozenset[str]:
    """Every lemma of spacy-lookups-data's Dutch lemma index (nouns, verbs, adjectives…).

    Wider than the lookup table, which lacks base words that never inflect irregularly
    (*winning*, *opslag*); used only to tell whether a word end is a Dutch word.
    """
    return frozenset(word for words in _lemma_index_by_class().values() for word in words)


def is_dictionary_word(word: str) -> bool:
    """Whether ``word`` (or its lemma) is a Dutch word of the lemma table or index."""
    lowered = word.lower()
    return (
        is_known_word(lowered)
        or lowered in _lemma_index()
        or _lemma_table().get(lowered, lowered).lower() in _lemma_index()
    )


def known_among_snapshot(words: frozenset[str]) -> frozenset[str] | None:
    """``known_among`` from the snapshot, or None when the snapshot lacks the question."""
    snapshot = _snapshot()
    return None if snapshot is None else snapshot.known.get(words_key(words))


def known_among(words: Iterable[str]) -> frozenset[str]:
    """The words (lowercase) of ``words`` that are Dutch words (``is_dictionary_word``),
    from the snapshot when it holds this exact question (then no table is loaded)."""
    wanted = frozenset(word.lower() for word in words)
    snapshot = _snapshot()
    if snapshot is not None:
        shipped = snapshot.known.get(words_key(wanted))
        if shipped is not None:
            return shipped
    return frozenset(word for word in wanted if is_dictionary_word(word))


def snapshot_known_words_near(
    choices_by_start: Mapping[str, Sequence[str]], min_length: int, max_distance: int
) -> frozenset[str] | None:
    """``known_words_near`` from the snapshot, or None when the snapshot lacks it."""
    snapshot = _snapshot()
    if snapshot is None:
        return None
    return snapshot.near.get(near_key(choices_by_start, min_length, max_distance))


def known_words_near(
    choices_by_start: Mapping[str, Sequence[str]], min_length: int, max_distance: int
) -> frozenset[str]:
    """The known words (``is_known_word``) of at least ``min_length`` characters within
    Levenshtein ``max_distance`` of a choice listed under their first two letters.

    These are the only words for which the matcher's fuzzy rule asks ``is_known_word``
    (see ``matching._TermIndex.resolve_known_words``): a few hundred for the default
    lexicon, out of some 300,000 in the lemma table.
    """
    shipped = snapshot_known_words_near(choices_by_start, min_length, max_distance)
    if shipped is not None:
        return shipped
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    groups: dict[str, set[str]] = {start: set() for start in choices_by_start}
    for words in (_lemma_table(), _lemma_values()):
        for word in words:
            group = groups.get(word[:2])
            if group is not None and len(word) >= min_length:
                group.add(word)
    found: set[str] = set()
    for start, group in groups.items():
        if not group:
            continue
        candidates = np.array(sorted(group), dtype=object)
        distances = process.cdist(
            candidates,
            choices_by_start[start],
            scorer=Levenshtein.distance,
            score_cutoff=max_distance,  # anything farther reads as max_distance + 1
            workers=1,
        )
        found.update(candidates[distances.min(axis=1) <= max_distance].tolist())
    return frozenset(found)


def lemmatize(word: str) -> str:
    """The lookup lemma of ``word`` (lowercase; the word itself when the table lacks it)."""
    lowered = word.lower()
    snapshot = _snapshot()
    if snapshot is not None:
        lemma = snapshot.lemmas.get(lowered)
        if lemma is not None:
            return lemma
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


def _has_lemma_forms(lowered: str) -> bool:
    """Whether ``inflected_forms`` asks the table about this (lowercase) word."""
    return lowered not in FUNCTION_WORDS and lowered.isalpha()


def prepare_forms(words: Iterable[str]) -> None:
    """Build the forms of many words with one pass over the lemma table (a speed-up)."""
    _forms_of_lemmas(lemmatize(word) for word in words if _has_lemma_forms(word.lower()))


@cache
def inflected_forms(word: str) -> frozenset[str]:
    """All forms of ``word`` the matcher accepts as the same word (lowercase)."""
    lowered = word.lower()
    if not _has_lemma_forms(lowered):
        return frozenset({lowered})
    lemma = lemmatize(lowered)
    _forms_of_lemmas([lemma])
    forms = {lowered}
    forms |= _forms_cache[lemma]
    forms |= regular_inflections(lowered)
    return frozenset(forms)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the evidence sentences in ``text``, in order.

    spaCy's sentencizer boundaries (``sentencizer_spans``) with two rules on top: no
    sentence starts inside quotes or brackets (``„zeer. gevoelig”`` stays whole), and a
    list bullet starts a new sentence and is never part of one.
    """
    return sentencizer_spans(text, evidence_rules=True)


def sentencizer_spans(text: str, *, evidence_rules: bool = False) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences spaCy's ``sentencizer`` finds in ``text``.

    Newlines are treated as plain spaces so that a sentence wrapped over several lines
    stays whole; the caller splits blocks and headings before calling this. The
    boundaries are those of spaCy's ``sentencizer`` on spaCy's Dutch tokens; its rule is
    applied here to the token array (``_sentence_starts``) because the component itself
    builds a Python object per token, a fifth of all matching time. The tokenizer reads
    the text with its plain words masked (``masked_text``): the same tokens, and most of
    them then come from its cache.
    """
    if not text.strip():
        return []
    flat = text.replace("\n", " ")
    prepare_text(flat)
    nlp = get_sentencizer()
    # the same tokens at the same offsets, faster; long symbol runs in bounded pieces
    doc = nlp.tokenizer(broken_runs(masked_text(flat)))
    if not len(doc):
        return []
    from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH

    orths, puncts, offsets, lengths = doc.to_array([ORTH, IS_PUNCT, IDX, LENGTH]).T.tolist()
    starts = _sentence_starts(orths, puncts, _punct_hashes(nlp))
    protected = _protected_regions(flat) if evidence_rules and _MAY_PROTECT_RE.search(flat) else []
    bullets = evidence_rules and BULLET_RE.search(text) is not None
    if protected:  # no sentence starts inside quotes or brackets
        starts = [0, *(first for first in starts[1:] if not _inside(protected, offsets[first]))]
    ends = [*starts[1:], len(orths)]
    spans = []
    for first, stop in zip(starts, ends, strict=True):
        start, end = offsets[first], offsets[stop - 1] + lengths[stop - 1]
        if bullets:
            spans.extend(_split_at_bullets(text, start, end))
        elif text[start:end].strip():
            spans.append((start, end))
    return spans


# Quoted or bracketed text longer than this is not protected: a stray quote mark must
# not glue a whole block into one sentence.
PROTECTED_MAX = 300
_PROTECTED_RE = re.compile(
    rf"\([^()]{{1,{PROTECTED_MAX}}}\)|\[[^\[\]]{{1,{PROTECTED_MAX}}}\]|"
    rf"\"[^\"\n]{{1,{PROTECTED_MAX}}}\"|[“„][^“”„\"]{{1,{PROTECTED_MAX}}}[”“\"]"
)
_MAY_PROTECT_RE = re.compile(r"[(\[\"“„]")
# A list bullet starts a new evidence sentence and is never part of one: a bullet sign
# anywhere, or a dash or asterisk opening a line.
BULLET_RE = re.compile(r"[•▪●◦‣■□➢➤►]|(?:^|(?<=\n))[ \t]*[-–*](?=[ \t])")
_EDGE_CHARS = " \t\n•▪●◦‣■□➢➤►"


def _protected_regions(text: str) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in _PROTECTED_RE.finditer(text)]


def _inside(regions: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies inside one of ``regions`` (sorted and disjoint, as
    ``finditer`` gives them): one ``bisect``, not a scan per sentence start."""
    index = bisect.bisect_left(regions, (offset,)) - 1
    return index >= 0 and offset < regions[index][1]


def _split_at_bullets(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut at list bullets, each piece without its bullet and outer spaces."""
    pieces, piece_start = [], start
    for bullet in BULLET_RE.finditer(text, start, end):
        pieces.append((piece_start, bullet.start()))
        piece_start = bullet.end()
    pieces.append((piece_start, end))
    spans = []
    for piece_start, piece_end in pieces:
        while piece_start < piece_end and text[piece_start] in _EDGE_CHARS:
            piece_start += 1
        while piece_end > piece_start and text[piece_end - 1] in _EDGE_CHARS:
            piece_end -= 1
        if piece_start < piece_end and any(char.isalnum() for char in text[piece_start:piece_end]):
            spans.append((piece_start, piece_end))
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
