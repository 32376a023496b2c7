"""Find theme terms in page text: sentence by sentence, with Dutch compounds and inflections.

How a page is matched
1. Words are cut from the text with one regular expression (letters/digits, joined by
   inner hyphens or apostrophes: ``WKO-systeem`` and ``WKO's`` are one word).
2. Each distinct word is looked up once (cached for the process):
   - whole word: the word is a term or an inflected form of it. The forms come from
     spaCy's Dutch lookup lemmatizer, inverted (``gedaald`` → *dalen*), and regular
     endings (``nlp.inflected_forms``) — ``exact`` when the word is the term as
     written, ``lemma`` when it is another form;
   - compound: the term stands inside a longer word, where its ``compound`` mode
     allows — at the start (``modifier``), at the end (``head``), anywhere (``both``);
     hyphenated parts count as parts (``WKO-systeem``) → ``compound``;
   - case-sensitive abbreviations only match as the whole word or a hyphen part;
   - fuzzy: a long word that no term matched and that is not a known Dutch word is
     compared to the fuzzy terms (Levenshtein distance ≤ 2): OCR noise such as
     ``geotherrnie``. Two adjacent words that join into a term (``grondwa ter``) also
     count as ``fuzzy``.
   Multi-word terms match word by word (each word in any of its forms) with only
   spaces or a hyphen/slash between the words.
3. Where matches overlap, the longest wins, across themes: ``grondwaterbeschermings-
   gebied`` (drinkwater) hides the ``grondwater`` inside it.
4. Only pages with a candidate are segmented (the expensive part): blocks, then lines
   that are table-of-contents entries or headings, then sentences of the body text
   (spaCy sentencizer). A hit takes its segment as snippet and context.
5. ``requires`` words must occur in the hit's sentence (every group of them);
   exclusions cancel hits inside the excluded text (``overlap``), in the same sentence
   (``sentence``) or in the same paragraph (``paragraph``: a term's ``veto`` words).
6. Elided coordination: in "zout- en gaswinning" or "bodem-, water- en
   luchtverontreiniging" each part ending in a hyphen is rebuilt with the last word's
   head (*zoutwinning*) and matched as a word of its own, quoted as written. The rebuilt
   word must give a term across the join, whose part after the join is a known Dutch
   word of at least four letters; no fuzzy matching and no abbreviations on rebuilt
   words. Rebuilt words also count for ``requires``.
7. A term's ``moves_to`` cue in the same paragraph moves its hit to the sister theme
   (a heat exchanger next to *HTO* is high-temperature storage, not a WKO).
8. Hits that only name a theme (an entry of a standard list of activities, a museum or
   history) are marked ``incidental``; they and table rows give no stance
   (``incidental``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import compress
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..models import (
    Context,
    Document,
    Exclusion,
    Hit,
    Lexicon,
    MatchKind,
    SectionKind,
    Stance,
    Term,
)
from ..options import MatchOptions
from ..textrules import BLOCK_SPLIT_RE
from .incidental import (
    FOLLOWING_WINDOW,
    SentenceMarks,
    SentenceRules,
    deferred,
    empty_form,
    form_instruction,
    inflected_name,
    may_be_incidental,
    outline_sentence,
    proper_name,
    street_or_name,
    table_row,
)
from .nlp import (
    inflected_forms,
    is_known_word,
    known_among,
    known_among_snapshot,
    known_words_near,
    prepare_forms,
    regular_inflections,
    snapshot_known_words_near,
)
from .sections import Outline, Place, Segment, segment_page
from .stance import classify_stance

WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
PART_SEPARATORS = re.compile(r"['’\-]")
# Between the words of a multi-word term: spaces, at most one hyphen or slash.
WORD_GAP_RE = re.compile(r"^\s*[-/]?\s*$")
SNIPPET_MAX = 300
WHITESPACE_RE = re.compile(r"\s+")
# Between the parts of a ``requires`` entry written with "…" ("slaan … op"): at most
# this many words, as in a Dutch separable verb split over its clause.
REQUIRES_GAP_WORDS = 8
# The part of a term after the join of a rebuilt elided word: at least this long.
ELIDED_HEAD_MIN = 4
# "zowel grond- als drinkwater" shares its last part like "grond- en drinkwater"
CONJUNCTIONS = frozenset({"en", "of", "tot", "als"})
# an article may stand before the shared last part: "de grond- en de drinkwatervoorraad"
ARTICLES = frozenset({"de", "het", "een"})
# A cheap test whether a page may hold an elided coordination at all (most pages do not):
# a hyphen before a space, comma or slash, or after a space. Starting with a literal "-"
# lets the regular expression engine skip quickly to candidates.
ELIDED_HINT_RE = re.compile(r"-(?=[\s,/])|(?<=\s)-(?=[^\W\d_])")
HYPHEN_RE = re.compile("-")
# A hyphen that no letter or digit follows (``[^\W_]`` is exactly ``str.isalnum``).
HANGING_HYPHEN_RE = re.compile(r"-(?![^\W_])")


@dataclass(frozen=True)
class _Entry:
    """A compiled term (or exclusion phrase) of one theme."""

    theme_id: str
    term: Term
    words: tuple[str, ...]  # lowercase words of the term
    forms: tuple[frozenset[str], ...]  # accepted forms per word


class _Candidate(NamedTuple):
    """A term found in the text. A named tuple, not a frozen dataclass: a page makes one
    for every word that holds a term, and a tuple is made several times faster."""

    start: int
    end: int
    entry: int  # index into the index's entries
    kind: MatchKind


@dataclass(frozen=True)
class _WordWork:
    """For one distinct word: its matches, multi-word terms it may start, a broken start.

    ``multi`` holds the multi-word terms the word may start by the form their second word
    must have: the next word picks the few worth trying (after *in* or *de* most terms
    cannot follow at all)."""

    matches: tuple[_Candidate, ...]
    multi: dict[str, tuple[int, ...]]
    may_break: bool


def _term_words(text: str) -> tuple[str, ...]:
    return tuple(match.group() for match in WORD_RE.finditer(text))


class _TermIndex:
    """Lookup structures for a list of entries; finds their occurrences in a page."""

    def __init__(self, entries: Sequence[_Entry], *, fuzzy: bool, options: MatchOptions):
        self.entries = tuple(entries)
        self.options = options
        self.whole: dict[str, list[tuple[int, MatchKind]]] = {}
        self.parts: dict[str, list[tuple[int, bool]]] = {}  # form → (entry, is_inflection)
        self.case_sensitive: dict[str, list[tuple[int, MatchKind]]] = {}
        self.multi_first: dict[str, list[int]] = {}
        # the forms of a multi-word term's third word (None: a two-word term)
        self._third_forms = [entry.forms[2] if len(entry.words) > 2 else None for entry in entries]
        fuzzy_forms: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            term = entry.term
            if len(entry.words) > 1:
                for form in entry.forms[0]:
                    self.multi_first.setdefault(form, []).append(index)
                continue
            if term.case_sensitive:
                self.case_sensitive.setdefault(term.text, []).append((index, "exact"))
                for suffix in ("s", "'s", "’s"):
                    self.case_sensitive.setdefault(term.text + suffix, []).append((index, "lemma"))
                continue
            surface = entry.words[0]
            for form in entry.forms[0]:
                kind: MatchKind = "exact" if form == surface else "lemma"
                self.whole.setdefault(form, []).append((index, kind))
                if term.compound != "none":
                    self.parts.setdefault(form, []).append((index, form != surface))
            if fuzzy and term.fuzzy and len(surface) >= options.fuzzy_min_length:
                fuzzy_forms[surface] = index
        # First fragments of a word broken by a space ("grondwa ter") must start a form.
        self.broken_prefixes = {
            form[:size] for form in self.whole if len(form) >= 7 for size in range(3, len(form))
        }
        self.part_lengths = sorted({len(form) for form in self.parts}, reverse=True)
        self.part_prefixes = {form[:3] for form in self.parts}
        self.fuzzy_choices = list(fuzzy_forms)
        self.fuzzy_entries = list(fuzzy_forms.values())
        # A fuzzy match keeps the first two letters (see ``_fuzzy``): grouping the choices
        # by them rules out nearly every word without comparing it to all choices.
        self.fuzzy_by_start: dict[str, list[str]] = {}
        for choice in self.fuzzy_choices:
            self.fuzzy_by_start.setdefault(choice[:2], []).append(choice)
        # Set by ``resolve_known_words`` (or at once from the shipped snapshot of the
        # lemma table's answers): then the table is no longer consulted.
        self.known_near_misses: frozenset[str] | None = (
            snapshot_known_words_near(*self.known_word_question()) if self.fuzzy_choices else None
        )
        # Known word ends of the terms (for elided coordination, ``elided_candidates``).
        self.known_heads: frozenset[str] | None = None
        if self.parts:
            shipped = known_among_snapshot(self.head_question())
            self.known_heads = shipped
        self._word_cache: dict[str, tuple[_Candidate, ...]] = {}
        self._work_cache: dict[str, _WordWork | None] = {}
        self._elided_cache: dict[tuple[str, str, bool], tuple[tuple[int, int, str], ...]] = {}

    def __getstate__(self) -> dict[str, object]:
        # Sent to batch workers: the per-word caches of this process are not worth the bytes.
        state = self.__dict__.copy()
        state["_word_cache"], state["_work_cache"], state["_elided_cache"] = {}, {}, {}
        return state

    def head_question(self) -> frozenset[str]:
        """Every end and start (of ``ELIDED_HEAD_MIN``+ letters) of the forms of compound
        terms: the pieces beyond a join that ``elided_candidates`` may ask to be words."""
        ends = {
            form[cut:] for form in self.parts for cut in range(1, len(form) - ELIDED_HEAD_MIN + 1)
        }
        starts = {form[:cut] for form in self.parts for cut in range(ELIDED_HEAD_MIN, len(form))}
        return frozenset(piece for piece in ends | starts if piece.isalpha())

    def _known_head(self, head: str) -> bool:
        if self.known_heads is None:
            self.known_heads = known_among(self.head_question())
        return head in self.known_heads

    def known_ends(self, last: str) -> list[str]:
        """The known word ends of a coordination's last word (its possible heads)."""
        lowered = last.lower()
        return [
            lowered[cut:]
            for cut in range(1, len(lowered) - ELIDED_HEAD_MIN + 1)
            if self._known_head(lowered[cut:])
        ]

    def elided_candidates(
        self, part: str, other: str, *, forward: bool = False
    ) -> tuple[tuple[int, int, str], ...]:
        """Terms found in a rebuilt elided word: (entry, cut, rebuilt word) per term.

        Backward ("zout- en gaswinning"): ``part`` + the head of ``other`` →
        *zoutwinning*. Forward ("bodemstructuur en -leven"): the modifier of ``other`` +
        ``part`` → *bodemleven*. The term must stand across the join, and its piece on the
        other side of the join must be a Dutch word of ``ELIDED_HEAD_MIN``+ letters, or the
        rebuilt word must be a whole term.
        """
        key = (part.lower(), other.lower(), forward)
        cached = self._elided_cache.get(key)
        if cached is not None:
            return cached
        found: dict[int, tuple[int, int, str]] = {}
        lowered_part, lowered_other = key[0], key[1]
        if forward:
            # a hyphenated first word ("grondwater-kwaliteit") has its modifier before it
            cuts: Iterable[int] = (
                [lowered_other.index("-")]
                if "-" in lowered_other
                else range(ELIDED_HEAD_MIN, len(lowered_other) - 1)
            )
        else:
            cuts = (
                [lowered_other.rindex("-") + 1]
                if "-" in lowered_other
                else range(2, len(lowered_other) - ELIDED_HEAD_MIN + 1)
            )
        for cut in cuts:
            piece = lowered_other[:cut] if forward else lowered_other[cut:]
            if len(piece) < ELIDED_HEAD_MIN or not piece.isalpha():
                continue
            rebuilt = piece + lowered_part if forward else lowered_part + piece
            join = len(piece) if forward else len(lowered_part)
            for candidate in self.word_matches(rebuilt):
                entry = self.entries[candidate.entry]
                if candidate.kind == "fuzzy" or entry.term.case_sensitive:
                    continue
                if not candidate.start < join < candidate.end:
                    continue
                whole = candidate.start == 0 and candidate.end == len(rebuilt)
                other_side = (
                    rebuilt[candidate.start : join] if forward else rebuilt[join : candidate.end]
                )
                if whole or self._known_head(other_side):
                    found.setdefault(candidate.entry, (candidate.entry, cut, rebuilt))
        result = tuple(found.values())
        self._elided_cache[key] = result
        return result

    def resolve_known_words(self) -> None:
        """Look up now, once, every known word the fuzzy rule could ask about.

        ``_fuzzy`` asks whether a word is a known Dutch word only when the word is within
        the distance of a fuzzy choice with the same first two letters. The known words
        of that kind (~400 for the default lexicon, found with one pass over the lemma
        table) decide those questions exactly as the table would, so a copy of this index
        (a batch worker's) never needs to load the table.
        """
        if self.known_near_misses is None:
            self.known_near_misses = known_words_near(*self.known_word_question())
        if self.known_heads is None and self.parts:
            self.known_heads = known_among(self.head_question())

    def known_word_question(self) -> tuple[dict[str, list[str]], int, int]:
        """The arguments of ``nlp.known_words_near`` for this index's fuzzy choices."""
        return (
            self.fuzzy_by_start,
            self.options.fuzzy_min_length,
            self.options.fuzzy_max_distance,
        )

    def _is_known_word(self, lowered: str) -> bool:
        if self.known_near_misses is not None:
            return lowered in self.known_near_misses
        return is_known_word(lowered)

    # -- single words --------------------------------------------------------------

    def word_matches(self, word: str) -> tuple[_Candidate, ...]:
        cached = self._word_cache.get(word)
        if cached is None:
            cached = tuple(self._match_word(word))
            self._word_cache[word] = cached
        return cached

    def _match_word(self, word: str) -> list[_Candidate]:
        lowered = word.lower()
        found: list[_Candidate] = []
        for entry, kind in self.whole.get(lowered, ()):
            found.append(_Candidate(0, len(word), entry, kind))
        for entry, kind in self.case_sensitive.get(word, ()):
            found.append(_Candidate(0, len(word), entry, kind))
        parts = _hyphen_parts(word)
        if len(parts) > 1:
            # Dutch writes many compounds with or without a hyphen (energie-opslag,
            # energieopslag): the word without its hyphens may be a term as a whole
            if "-" in lowered:
                for entry, _kind in self.whole.get(lowered.replace("-", ""), ()):
                    found.append(_Candidate(0, len(word), entry, "compound"))
            for start, end in parts:
                part = word[start:end]
                for entry, _kind in self.whole.get(part.lower(), ()):
                    found.append(_Candidate(start, end, entry, "compound"))
                for entry, _kind in self.case_sensitive.get(part, ()):
                    found.append(_Candidate(start, end, entry, "compound"))
        found.extend(self._compound_parts(lowered, parts))
        if not found and self.fuzzy_choices and len(lowered) >= self.options.fuzzy_min_length:
            found.extend(self._fuzzy(lowered))
        return found

    def _compound_parts(self, lowered: str, parts: list[tuple[int, int]]) -> Iterable[_Candidate]:
        """Terms standing inside a longer word, where their compound mode allows."""
        starts = {start for start, _ in parts}
        ends = {end for _, end in parts}
        length = len(lowered)
        for position in range(length - 2):
            if lowered[position : position + 3] not in self.part_prefixes:
                continue
            for size in self.part_lengths:
                stop = position + size
                if stop > length:
                    continue
                for entry, is_inflection in self.parts.get(lowered[position:stop], ()):
                    at_start, at_end = position in starts, stop in ends
                    if at_start and at_end:
                        continue  # the whole word or a whole part: found above
                    mode = self.entries[entry].term.compound
                    if is_inflection and not at_end:
                        continue  # an inflected form ends its word
                    if (
                        mode == "both"
                        or (mode == "modifier" and at_start)
                        or (mode == "head" and at_end)
                    ):
                        yield _Candidate(position, stop, entry, "compound")

    def _fuzzy(self, lowered: str) -> list[_Candidate]:
        """A fuzzy candidate for a long word no term matched, or none.

        The rule: the closest fuzzy choice (within the distance) must start with the
        word's first two letters, and the word must not be a known Dutch word. The
        checks run cheapest first; the dictionary of known words (the lemma table, slow
        to load) is consulted only for the rare near miss.
        """
        if not lowered.isalpha():
            return []
        same_start = self.fuzzy_by_start.get(lowered[:2])
        if not same_start or self._closest(lowered, same_start) is None:
            return []  # then the closest of all choices is absent or starts differently
        best = self._closest(lowered, self.fuzzy_choices)
        if best is None:
            return []
        choice, _distance, position = best
        if choice[:2] != lowered[:2]:
            return []  # OCR noise keeps the start of a word; a different start is another word
        if self._is_known_word(lowered):
            return []
        return [_Candidate(0, len(lowered), self.fuzzy_entries[position], "fuzzy")]

    def _closest(self, lowered: str, choices: list[str]) -> tuple[str, int, int] | None:
        found: tuple[str, int, int] | None = process.extractOne(
            lowered,
            choices,
            scorer=Levenshtein.distance,
            score_cutoff=self.options.fuzzy_max_distance,
        )
        return found

    # -- a whole page ----------------------------------------------------------------

    def _word_work(self, word: str) -> _WordWork | None:
        """What a word asks of ``find`` (cached): None for the many words that ask nothing."""
        if word in self._work_cache:
            return self._work_cache[word]
        lowered = word.lower()
        matches = self.word_matches(word)
        by_second: dict[str, list[int]] = {}
        for entry in self.multi_first.get(lowered, ()):  # in entry order
            for form in self.entries[entry].forms[1]:
                by_second.setdefault(form, []).append(entry)
        multi = {form: tuple(entries) for form, entries in by_second.items()}
        may_break = not matches and lowered in self.broken_prefixes
        work = _WordWork(matches, multi, may_break) if matches or multi or may_break else None
        self._work_cache[word] = work
        return work

    def find(
        self,
        text: str,
        words: Sequence[re.Match[str]],
        *,
        longest_wins: bool,
        strings: Sequence[str] | None = None,
    ) -> list[_Candidate]:
        """Candidates in ``text``, whose ``words`` (``WORD_RE``) are given; ``strings``:
        the words' text, when the caller has it already."""
        found: list[_Candidate] = []
        last = len(words) - 1
        if strings is None:
            strings = [word_match.group() for word_match in words]
        cache = self._work_cache
        for word in set(strings).difference(cache):
            self._word_work(word)
        works = list(map(cache.__getitem__, strings))
        # Most words ask nothing (None): skip them without a Python step per word.
        for position in compress(range(len(works)), works):
            work = works[position]
            word_match = words[position]
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
            if work.multi and position < last:
                third = strings[position + 2].lower() if position + 1 < last else None
                for entry in work.multi.get(strings[position + 1].lower(), ()):
                    # "in de bodem", "in de berm", …: the third word rules most of them out
                    third_forms = self._third_forms[entry]
                    if third_forms is not None and (third is None or third not in third_forms):
                        continue
                    multi = self._multi_word(text, words, position, entry)
                    if multi is not None:
                        found.append(multi)
            if work.may_break and position < last:
                broken = self._broken_word(text, words, position)
                if broken is not None:
                    found.append(broken)
        return _longest_wins(found) if longest_wins else found

    def _multi_word(
        self, text: str, words: Sequence[re.Match[str]], position: int, entry_index: int
    ) -> _Candidate | None:
        entry = self.entries[entry_index]
        if position + len(entry.words) > len(words):
            return None
        exact = words[position].group().lower() == entry.words[0]
        previous_end = words[position].end()
        for offset in range(1, len(entry.words)):
            word_match = words[position + offset]
            if not WORD_GAP_RE.match(text[previous_end : word_match.start()]):
                return None
            lowered = word_match.group().lower()
            if lowered not in entry.forms[offset]:
                return None
            exact = exact and lowered == entry.words[offset]
            previous_end = word_match.end()
        return _Candidate(
            words[position].start(), previous_end, entry_index, "exact" if exact else "lemma"
        )

    def _broken_word(
        self, text: str, words: Sequence[re.Match[str]], position: int
    ) -> _Candidate | None:
        """``grondwa ter``: two fragments that only together form a term (OCR, bad PDFs)."""
        first, second = words[position], words[position + 1]
        if text[first.end() : second.start()] != " ":
            return None
        joined = (first.group() + second.group()).lower()
        if len(joined) < 7 or self.word_matches(second.group()):
            return None
        for entry, _kind in self.whole.get(joined, ()):
            return _Candidate(first.start(), second.end(), entry, "fuzzy")
        return None


def _hyphen_parts(word: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of a hyphenated word; one part for a plain word."""
    parts: list[tuple[int, int]] = []
    start = 0
    for separator in PART_SEPARATORS.finditer(word):
        parts.append((start, separator.start()))
        start = separator.end()
    parts.append((start, len(word)))
    return parts


def _longest_wins(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop candidates overlapping a longer one; equal spans (several terms) all stay.

    The rule is greedy, longest first (ties: leftmost, then entry order): a candidate
    stays unless it overlaps a kept one with another span. Done by sorting and sweeping,
    never by comparing every pair: a page with thousands of hits must stay linear. The
    sweep cuts the candidates into clusters that overlap each other (most clusters are
    one word); each cluster keeps its spans in a sorted list of disjoint intervals, so a
    candidate asks one ``bisect`` whether it overlaps a kept span.
    """
    if len(candidates) < 2:
        return list(candidates)
    by_start = sorted(candidates, key=_start_and_entry)
    kept: list[_Candidate] = []
    cluster: list[_Candidate] = []
    reach = -1
    for candidate in by_start:
        if cluster and candidate.start >= reach:
            kept.extend(_longest_in_cluster(cluster))
            cluster = []
        cluster.append(candidate)
        reach = max(reach, candidate.end) if len(cluster) > 1 else candidate.end
    kept.extend(_longest_in_cluster(cluster))
    return sorted(kept, key=_start_and_entry)


def _start_and_entry(candidate: _Candidate) -> tuple[int, int]:
    return candidate.start, candidate.entry


def _longest_in_cluster(cluster: list[_Candidate]) -> list[_Candidate]:
    """``_longest_wins`` for candidates that overlap each other (through others)."""
    if len(cluster) == 1:
        return cluster
    ordered = sorted(cluster, key=lambda c: (-(c.end - c.start), c.start, c.entry))
    # Kept spans never overlap each other (the later one would have clashed), so they
    # are disjoint intervals: sorted by start, their ends are sorted too.
    starts: list[int] = []
    ends: list[int] = []
    spans: set[tuple[int, int]] = set()
    kept: list[_Candidate] = []
    for candidate in ordered:
        span = (candidate.start, candidate.end)
        if span in spans:  # the same span as a kept one: several terms, all stay
            kept.append(candidate)
            continue
        # the kept span starting last before this one ends is the only one that can reach it
        index = bisect.bisect_left(starts, candidate.end) - 1
        if index >= 0 and ends[index] > candidate.start:
            continue
        position = index + 1
        starts.insert(position, candidate.start)
        ends.insert(position, candidate.end)
        spans.add(span)
        kept.append(candidate)
    return kept


def _snippet(text: str, segment: Segment, start: int, end: int) -> tuple[str, int]:
    """The segment's text, whitespace-normalised, cut around the match when too long;
    and where the match begins in it (``explain`` brackets that one occurrence)."""
    sentence = text[segment.start : segment.end]
    before = WHITESPACE_RE.sub(" ", text[segment.start : start]).lstrip()
    match = WHITESPACE_RE.sub(" ", text[start:end])
    after = WHITESPACE_RE.sub(" ", text[end : segment.end]).rstrip()
    full = WHITESPACE_RE.sub(" ", sentence).strip()
    # a match reaching outside its segment (the nearest one was taken): position unknown
    inside = segment.start <= start <= end <= segment.end
    if len(full) <= SNIPPET_MAX:
        return full, len(before) if inside else -1
    snippet, snippet_start = _cut_snippet(
        before[-SNIPPET_MAX:], len(before), match, after[:SNIPPET_MAX], len(after)
    )
    return snippet, snippet_start if inside else -1


def _cut_snippet(
    before: str, before_length: int, match: str, after: str, after_length: int
) -> tuple[str, int]:
    """A snippet of ``SNIPPET_MAX`` around the match, with where the match begins in it.

    Only the last ``SNIPPET_MAX`` characters of the text before the match and the first
    of the text after it can be kept: those are given, with the lengths of the whole, so
    a hit in a very long segment does not copy the segment."""
    room = max(SNIPPET_MAX - len(match) - 2, 20)
    keep_before = min(before_length, room // 2)
    keep_after = min(after_length, room - keep_before)
    keep_before = min(before_length, room - keep_after)
    head = (
        ("…" + before[len(before) - keep_before :].lstrip())
        if keep_before < before_length
        else before
    )
    tail = (after[:keep_after].rstrip() + "…") if keep_after < after_length else after
    return head + match + tail, len(head)


class _SegmentFacts:
    """What the hits of one segment share, found once, on first use: its text, whether a
    hit in it may be incidental, whether it is an empty form, its stance, the per-hit
    incidental rules (``SentenceRules``) and its whitespace-normalised text for snippets.

    A segment with many hits (a long list, a page without full stops) used to be
    scanned again for each hit; now each of these is one pass over the segment.
    """

    def __init__(self, text: str, segment: Segment) -> None:
        self.text = text
        self.segment = segment
        self.sentence = text[segment.start : segment.end]
        self._rest: dict[int, str] = {}

    @cached_property
    def suspicious(self) -> bool:
        return may_be_incidental(self.sentence)

    @cached_property
    def empty_form(self) -> bool:
        return empty_form(self.sentence, self.text[self.segment.end : self.segment.end + 40])

    @cached_property
    def rules(self) -> SentenceRules:
        return SentenceRules(self.sentence)

    @cached_property
    def marks(self) -> SentenceMarks:
        return SentenceMarks(self.sentence)

    @cached_property
    def has_question(self) -> bool:
        # ``open_question`` asks for a question mark after the hit: none, no question
        return "?" in self.sentence

    @cached_property
    def may_have_cells(self) -> bool:
        # ``empty_cell`` asks for a "label: answer" cell or a cell after the hit's: a
        # colon, a tab or a bar
        return ":" in self.sentence or "\t" in self.sentence or "|" in self.sentence

    @cached_property
    def form_instruction(self) -> bool:
        return form_instruction(self.sentence)

    @cached_property
    def outline_sentence(self) -> bool:
        return outline_sentence(self.sentence)

    @cached_property
    def deferred(self) -> bool:
        return deferred(self.sentence)

    def rest_of_paragraph(self, end: int) -> str:
        """The text after the segment up to ``end`` (its paragraph's end), cut once and at
        most ``FOLLOWING_WINDOW`` long (all the question rule reads of it)."""
        rest = self._rest.get(end)
        if rest is None:
            stop = min(end, self.segment.end + FOLLOWING_WINDOW)
            rest = self._rest[end] = self.text[self.segment.end : stop]
        return rest

    @cached_property
    def stance(self) -> Stance | None:
        return None if table_row(self.sentence) else classify_stance(self.sentence)

    @cached_property
    def _normalised(self) -> tuple[str, list[int], list[int]]:
        """The segment with every whitespace run as one space, the (segment) ends of the
        runs, and per run how many characters the runs up to it took out."""
        ends: list[int] = []
        removed = [0]
        for run in WHITESPACE_RE.finditer(self.sentence):
            ends.append(run.end())
            removed.append(removed[-1] + run.end() - run.start() - 1)
        return WHITESPACE_RE.sub(" ", self.sentence), ends, removed

    def snippet(self, start: int, end: int) -> tuple[str, int]:
        """``_snippet`` for a match in this segment, cutting the normalised segment
        instead of normalising its pieces again for every hit."""
        segment, text = self.segment, self.text
        if not (
            segment.start <= start < end <= segment.end
            and not text[start].isspace()
            and not text[end - 1].isspace()
        ):
            return _snippet(text, segment, start, end)  # at an edge: the general way
        if len(self.sentence) <= SNIPPET_MAX:
            # short: normalising the text before the match is cheaper than an index
            before = WHITESPACE_RE.sub(" ", text[segment.start : start]).lstrip()
            return self._full, len(before)
        normalised, ends, removed = self._normalised
        # No whitespace run crosses ``start`` or ``end`` (they are not white space), so
        # the pieces normalised one by one are these cuts of the normalised segment.
        cut_start = start - segment.start
        cut_start -= removed[bisect.bisect_right(ends, cut_start)]
        cut_end = end - segment.start
        cut_end -= removed[bisect.bisect_right(ends, cut_end)]
        # Runs are single spaces now: stripping takes at most one from either end.
        first = 1 if cut_start > 0 and normalised[0] == " " else 0
        before_length = cut_start - first
        if len(self._full) <= SNIPPET_MAX:
            return self._full, before_length
        last = 1 if cut_end < len(normalised) and normalised[-1] == " " else 0
        after_length = len(normalised) - cut_end - last
        return _cut_snippet(
            normalised[max(cut_start - SNIPPET_MAX, first) : cut_start],
            before_length,
            normalised[cut_start:cut_end],
            normalised[cut_end : cut_end + min(SNIPPET_MAX, after_length)],
            after_length,
        )

    @cached_property
    def _full(self) -> str:
        return WHITESPACE_RE.sub(" ", self.sentence).strip()


# --- the matcher ----------------------------------------------------------------------

# The section of a hit matched without a document around it (``match_page``): the
# defaults of ``Hit``.
_NOWHERE = Place("", SectionKind.TEXT, 0)


class Matcher:
    """Compiled lexicon: build once (``get_matcher``), use for every page and document."""

    def __init__(self, lexicon: Lexicon, options: MatchOptions | None = None) -> None:
        self.lexicon = lexicon
        self.options = options or MatchOptions()
        term_entries: list[_Entry] = []
        exclusion_entries: list[_Entry] = []
        self._exclusions: list[Exclusion] = []
        prepare_forms(lexicon_words(lexicon))
        for theme in lexicon.themes:
            for term in theme.terms:
                term_entries.append(_compile(theme.id, term))
            for exclusion in theme.exclusions:
                as_term = Term(
                    text=exclusion.text,
                    compound=exclusion.compound if " " not in exclusion.text else "none",
                    case_sensitive=exclusion.case_sensitive,
                )
                exclusion_entries.append(_compile(theme.id, as_term))
                self._exclusions.append(exclusion)
        self._historical = frozenset(theme.id for theme in lexicon.themes if theme.historical)
        self._terms = _TermIndex(term_entries, fuzzy=self.options.fuzzy, options=self.options)
        self._exclusion_index = _TermIndex(exclusion_entries, fuzzy=False, options=self.options)
        # Compiled on first use (``_requires_patterns``): the ~200 patterns of the default
        # lexicon took a fifth of a second to compile, in the parent and again in every
        # worker the matcher is sent to, while a document needs only those of its hits.
        self._requires: dict[tuple[tuple[str, ...], bool], tuple[re.Pattern[str], ...]] = {}
        self._moves: dict[tuple[str, ...], re.Pattern[str]] = {}
        for entry in term_entries:
            for _sister, cues in entry.term.moves_to:
                if cues not in self._moves:
                    self._moves[cues] = _cue_pattern(cues)
            stays = entry.term.stays_with
            if stays and stays not in self._moves:
                self._moves[stays] = _cue_pattern(stays)

    def resolve_known_words(self) -> Matcher:
        """Settle the fuzzy rule's dictionary questions now (``_TermIndex.resolve_known_words``).

        For a matcher that is sent to other processes: they then match without ever
        loading the lemma table. Returns the matcher itself.
        """
        self._terms.resolve_known_words()
        return self

    def term_matches(self, word: str) -> bool:
        """Whether a term of the lexicon is found in (or as) this one word."""
        return bool(self._terms.word_matches(word))

    def exclusion_matches(self, word: str) -> bool:
        """Whether an exclusion of the lexicon is found in (or as) this one word."""
        return bool(self._exclusion_index.word_matches(word))

    def head_question(self) -> frozenset[str]:
        """What the matcher asks ``nlp.known_among`` about term ends (for the snapshot)."""
        return self._terms.head_question()

    def known_word_questions(self) -> list[tuple[dict[str, list[str]], int, int]]:
        """What ``resolve_known_words`` asks ``nlp.known_words_near`` (for the snapshot)."""
        return [self._terms.known_word_question()] if self._terms.fuzzy_choices else []

    @property
    def variants_per_theme(self) -> dict[str, int]:
        """How many distinct word forms are searched for each theme's terms."""
        forms: dict[str, set[str]] = {}
        for entry in self._terms.entries:
            bucket = forms.setdefault(entry.theme_id, set())
            for word_forms in entry.forms:
                bucket |= word_forms
        return {theme_id: len(bucket) for theme_id, bucket in forms.items()}

    def match_text(self, text: str, page: int = 1) -> list[Hit]:
        """Hits in one text (one page). The convenience entry point for strings."""
        return self.match_page(text, page)

    def match_document(self, document: Document) -> list[Hit]:
        """Hits of every page, each with its section path and kind (see ``sections``)."""
        hits: list[Hit] = []
        outline: Outline | None = None

        def place(page: int, offset: int) -> Place:
            # the outline is built for the first hit (a document without one needs none)
            nonlocal outline
            if outline is None:
                outline = Outline(document.pages)
            return outline.place(page, offset)

        for page in document.pages:
            if page.has_text_layer and page.text:
                hits.extend(
                    self._match_page(
                        page.text,
                        page.number,
                        heading_lines=page.heading_lines,
                        structured=page.section_path is not None,
                        place=place,
                    )
                )
        return hits

    def match_page(
        self,
        text: str,
        page: int,
        *,
        heading_lines: Sequence[str] = (),
        structured: bool = False,
    ) -> list[Hit]:
        """Hits in one page's text; ``heading_lines`` and ``structured`` as in
        ``segment_page``."""
        return self._match_page(text, page, heading_lines=heading_lines, structured=structured)

    def _match_page(
        self,
        text: str,
        page: int,
        *,
        heading_lines: Sequence[str] = (),
        structured: bool = False,
        place: Callable[[int, int], Place] | None = None,
    ) -> list[Hit]:
        """``match_page``; with ``place`` (page, offset → section), each hit is made with
        its section at once, not made again with it (a page may have thousands)."""
        words = list(WORD_RE.finditer(text))
        strings = [word.group() for word in words]
        candidates = self._terms.find(text, words, longest_wins=False, strings=strings)
        rebuilt = _elided_words(text, words)
        if rebuilt:
            # "drinkwater-" in "drinkwater-, gas- en glasvezelkabels" names what a cable
            # or pipe carries, not the theme of the bare word: only the rebuilt word
            # (drinkwaterkabels) may match. Other bare parts stay: the rebuilt word of
            # "grondwater- en oppervlaktewaterkwaliteit" is not always a known term.
            parts = {_bare_part(item) for item in rebuilt if _network_head(item.last)}
            candidates = [
                candidate
                for candidate in candidates
                if (candidate.start, candidate.end) not in parts
            ]
            candidates.extend(self._elided_hits(rebuilt))
        if not candidates:
            return []  # the cheap path: no sentence splitting for pages without a term
        positions = sorted({candidate.start for candidate in candidates})
        segments = segment_page(text, positions, heading_lines, structured=structured)
        starts = [segment.start for segment in segments]
        paragraphs = _Paragraphs(text)
        rebuilt_at = _RebuiltIndex(rebuilt)
        # A term whose ``requires`` are not met is no candidate at all, so it cannot hide a
        # shorter term in the same word: "warmtewinning" (needs depth) must not swallow
        # "aardwarmte" in "aardwarmtewinning". Checked before the longest one wins.
        candidates = _longest_wins(
            self._requirements_met(candidates, text, segments, starts, paragraphs, rebuilt_at)
        )
        exclusions = _PageExclusions(
            self._exclusion_index.find(text, words, longest_wins=False, strings=strings),
            self._exclusion_index.entries,
            self._exclusions,
        )
        moved: dict[tuple[object, ...], str | None] = {}
        hits: list[Hit] = []
        # per segment (by its start): what its hits share is found once, for the first
        facts: dict[int, _SegmentFacts] = {}
        for candidate in candidates:
            entry = self._terms.entries[candidate.entry]
            segment_index = self._segment_of(segments, starts, candidate)
            if segment_index is None:
                continue
            segment = segments[segment_index]
            paragraph = paragraphs.around(candidate.start)
            if exclusions.cancel(entry, candidate, segment, paragraph):
                continue
            # one cue search per paragraph and term kind, not per hit (a page may be one
            # paragraph with thousands of hits)
            scope = (
                (segment.start, segment.end) if entry.term.moves_scope == "sentence" else paragraph
            )
            move_key = (scope, entry.term.moves_to, entry.term.stays_with)
            if move_key not in moved:
                moved[move_key] = self._moved(entry.term, text, scope)
            theme_id = moved[move_key] or entry.theme_id
            sentence_facts = facts.get(segment.start)
            if sentence_facts is None:
                sentence_facts = facts[segment.start] = _SegmentFacts(text, segment)
            sentence = sentence_facts.sentence
            offset = candidate.start - segment.start
            if segment.context is Context.BODY and (
                proper_name(sentence, offset)
                or (
                    not entry.term.text[:1].isupper()
                    and street_or_name(sentence, offset, offset + candidate.end - candidate.start)
                )
                or (
                    candidate.kind == "lemma"
                    and not entry.term.text[:1].isupper()
                    and inflected_name(sentence, offset, offset + candidate.end - candidate.start)
                )
            ):
                continue
            rules = sentence_facts.rules
            incidental = (
                segment.context is Context.BODY
                and sentence_facts.suspicious
                and (
                    sentence_facts.empty_form
                    or (
                        sentence_facts.has_question
                        and sentence_facts.marks.open_question(
                            offset, sentence_facts.rest_of_paragraph(paragraph[1])
                        )
                    )
                    or (sentence_facts.may_have_cells and sentence_facts.marks.empty_cell(offset))
                    or sentence_facts.form_instruction
                    or sentence_facts.outline_sentence
                    or sentence_facts.deferred
                    or rules.document_title(offset, offset + candidate.end - candidate.start)
                    or rules.listed_activity(offset, offset + candidate.end - candidate.start)
                    or (
                        theme_id not in self._historical
                        and rules.past_only(offset, offset + candidate.end - candidate.start)
                    )
                )
            )
            stance = None
            if segment.context is Context.BODY and not incidental:
                stance = sentence_facts.stance
            snippet, snippet_start = sentence_facts.snippet(candidate.start, candidate.end)
            where = place(page, candidate.start) if place is not None else _NOWHERE
            hits.append(
                Hit(
                    theme_id=theme_id,
                    term=entry.term.text,
                    matched_text=text[candidate.start : candidate.end],
                    match=candidate.kind,
                    page=page,
                    start=candidate.start,
                    end=candidate.end,
                    snippet=snippet,
                    snippet_start=snippet_start,
                    sentence_id=segment.start,
                    context=segment.context,
                    stance=stance,
                    incidental=incidental,
                    section=where.path,
                    section_kind=(
                        SectionKind.TOC if segment.context is Context.TOC else where.kind
                    ),
                    paragraph=where.paragraph,
                )
            )
        return hits

    def _segment_of(
        self, segments: Sequence[Segment], starts: Sequence[int], candidate: _Candidate
    ) -> int | None:
        """The index of the segment a candidate lies in (or the nearest one), if any."""
        segment_index = bisect.bisect_right(starts, candidate.start) - 1
        if segment_index < 0 or segments[segment_index].end < candidate.end:
            return self._nearest_segment(segments, candidate)
        return segment_index

    def _requirements_met(
        self,
        candidates: list[_Candidate],
        text: str,
        segments: Sequence[Segment],
        starts: Sequence[int],
        paragraphs: _Paragraphs,
        rebuilt_at: _RebuiltIndex,
    ) -> list[_Candidate]:
        """The candidates whose term's ``requires`` are met (and those without any)."""
        kept: list[_Candidate] = []
        # once per sentence and kind of requirement, however many hits ask
        requires_met: dict[tuple[object, ...], bool] = {}
        for candidate in candidates:
            term = self._terms.entries[candidate.entry].term
            if not term.requires:
                kept.append(candidate)
                continue
            segment_index = self._segment_of(segments, starts, candidate)
            if segment_index is None:
                continue
            paragraph = paragraphs.around(candidate.start)
            requires_key = (
                segment_index,
                paragraph,
                term.requires,
                term.requires_whole_word,
                term.requires_scope,
            )
            met = requires_met.get(requires_key)
            if met is None:
                met = requires_met[requires_key] = self._requires_met(
                    term, text, segments, segment_index, paragraph, rebuilt_at
                )
            if met:
                kept.append(candidate)
        return kept

    def _elided_hits(self, rebuilt: Sequence[_Rebuilt]) -> list[_Candidate]:
        found = []
        for item in rebuilt:
            for entry, _cut, _word in self._terms.elided_candidates(
                item.part, item.last, forward=item.forward
            ):
                found.append(_Candidate(item.start, item.end, entry, "compound"))
        return found

    def _requires_met(
        self,
        term: Term,
        text: str,
        segments: Sequence[Segment],
        index: int,
        paragraph: tuple[int, int],
        rebuilt: _RebuiltIndex,
    ) -> bool:
        """Every ``requires`` group has a word in the sentence (rebuilt elided words too),
        or with ``requires_scope: nearby`` in it or the sentence before or after it within
        the paragraph."""
        start, end = segments[index].start, segments[index].end
        if term.requires_scope == "nearby":
            if index > 0 and segments[index - 1].start >= paragraph[0]:
                start = segments[index - 1].start
            if index + 1 < len(segments) and segments[index + 1].end <= paragraph[1]:
                end = segments[index + 1].end
        extra: list[str] = []
        for item in rebuilt.starting_in(start, end):
            extra.extend(
                word
                for _entry, _cut, word in self._terms.elided_candidates(
                    item.part, item.last, forward=item.forward
                )
            )
            if not item.forward:
                extra.extend(self._terms.known_ends(item.last))
        searched = text[start:end] if not extra else text[start:end] + " " + " ".join(extra)
        return all(pattern.search(searched) for pattern in self._requires_patterns(term))

    def _requires_patterns(self, term: Term) -> tuple[re.Pattern[str], ...]:
        """One pattern per ``requires`` group of ``term``, compiled once per matcher."""
        key = (term.requires, term.requires_whole_word)
        patterns = self._requires.get(key)
        if patterns is None:
            patterns = tuple(
                _requires_pattern(group, whole_word=term.requires_whole_word)
                for group in term.requires
            )
            self._requires[key] = patterns
        return patterns

    def _moved(self, term: Term, text: str, scope: tuple[int, int]) -> str | None:
        """The sister theme whose cue stands in the paragraph (or sentence), if any, and no
        word the hit stays with (``Term.moves_to``, ``Term.stays_with``)."""
        if not term.moves_to:
            return None
        if term.stays_with and self._moves[term.stays_with].search(text, scope[0], scope[1]):
            return None
        for sister, cues in term.moves_to:
            if self._moves[cues].search(text, scope[0], scope[1]):
                return sister
        return None

    @staticmethod
    def _nearest_segment(segments: list[Segment], candidate: _Candidate) -> int | None:
        """A match across a sentence edge (rare): take the segment it starts in."""
        for index, segment in enumerate(segments):
            if segment.start <= candidate.start < segment.end:
                return index
        return None


@dataclass(frozen=True)
class _Rebuilt:
    """A hyphen-ended part of an elided coordination ("zout-" in "zout- en gaswinning")."""

    start: int  # the part and its hyphen in the page text
    end: int
    part: str  # "zout"
    last: str  # the coordination's other word: "gaswinning" (forward: the first word)
    forward: bool = False  # "-leven" after "bodemstructuur en"


# The last word of "X-, Y- en Zleidingen" that makes every part a kind of network.
_NETWORK_HEAD_RE = re.compile(
    r"(?:kabels?|leiding(?:en)?|buis|buizen|net(?:ten)?|netwerk(?:en)?|infrastructuur|"
    r"aansluiting(?:en)?|tracés?)$",
    re.IGNORECASE,
)


def _network_head(word: str) -> bool:
    return bool(_NETWORK_HEAD_RE.search(word))


def _bare_part(item: _Rebuilt) -> tuple[int, int]:
    """The span of an elided part without its hyphen ("zout" of "zout-", "leven" of "-leven")."""
    return (item.start + 1, item.end) if item.forward else (item.start, item.end - 1)


def _elided_words(text: str, words: Sequence[re.Match[str]]) -> list[_Rebuilt]:
    """The hyphen-ended parts of "X- en Yz", "X-, Y- en Zz", "X- of Yz", "zowel X- als (de) Yz"
    and "X-/Yz", and the
    hyphen-started part of "Xy en -z" (``forward``).

    Only the words next to a hyphen are looked at (found from the hyphens, not by a step
    per word): a page has a few dozen hyphens and a thousand words.
    """
    found: list[_Rebuilt] = []
    if "-" not in text or not ELIDED_HINT_RE.search(text):
        return found
    count = len(words)
    for hyphen in HYPHEN_RE.finditer(text):  # words right after a hyphen ("-leven")
        position = bisect.bisect_left(words, hyphen.end(), key=_word_start)
        if position < 2 or position == count or words[position].start() != hyphen.end():
            continue
        word = words[position]
        start = word.start()
        conjunction, first = words[position - 1], words[position - 2]
        if (
            text[conjunction.end() : start - 1].strip() == ""
            and text[conjunction.end() : start - 1] != ""
            and conjunction.group().lower() in CONJUNCTIONS
            and _joined(text[first.end() : conjunction.start()], commas=False)
            and word.group()[:1].isalpha()
            and first.group()[:1].isalpha()
        ):
            found.append(_Rebuilt(start - 1, word.end(), word.group(), first.group(), True))
    hanging = _hanging_words(text, words)
    position = 0
    for index in hanging:  # in text order
        if index < position:
            continue  # part of the chain before
        chain = [words[index]]
        cursor = index + 1
        while (
            cursor < count
            and cursor in hanging
            and _joined(text[chain[-1].end() + 1 : words[cursor].start()], commas=True)
        ):
            chain.append(words[cursor])
            cursor += 1
        last: int | None = None
        gap_end = chain[-1].end() + 1
        if cursor < count and text[gap_end : words[cursor].start()].strip() == "/":
            last = cursor  # zout-/gaswinning
        elif (
            cursor + 1 < count
            and words[cursor].group().lower() in CONJUNCTIONS
            and _joined(text[gap_end : words[cursor].start()], commas=False)
        ):
            following = cursor + 1
            # "en/of": skip the second conjunction
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
                last = following
        if last is not None and last not in hanging and words[last].group()[:1].isalpha():
            for part in chain:
                found.append(
                    _Rebuilt(part.start(), part.end() + 1, part.group(), words[last].group())
                )
        position = cursor  # every word of the chain has been looked at
    return found


def _word_start(word: re.Match[str]) -> int:
    return word.start()


def _word_end(word: re.Match[str]) -> int:
    return word.end()


def _hanging_words(text: str, words: Sequence[re.Match[str]]) -> dict[int, None]:
    """Indices (in order) of the words directly followed by a hyphen that no letter or
    digit follows ("zout- en"), starting with a letter; found from the hyphens."""
    hanging: dict[int, None] = {}
    for hyphen in HANGING_HYPHEN_RE.finditer(text):
        index = bisect.bisect_left(words, hyphen.start(), key=_word_end)
        if (
            index < len(words)
            and words[index].end() == hyphen.start()
            and words[index].group()[:1].isalpha()
        ):
            hanging[index] = None
    return hanging


def _joined(gap: str, *, commas: bool) -> bool:
    """White space only (and one comma, where a list allows it) between two words."""
    stripped = gap.strip()
    return stripped == "" or (commas and stripped == ",")


class _Paragraphs:
    """The paragraphs (blocks between blank lines) of a page, found once: each hit asks
    for its paragraph with a ``bisect``, never by searching the text again."""

    def __init__(self, text: str) -> None:
        splits = list(BLOCK_SPLIT_RE.finditer(text))
        self._starts = [0, *(match.end() for match in splits)]
        self._ends = [*(match.start() for match in splits), len(text)]

    def around(self, position: int) -> tuple[int, int]:
        """(start, end) of the paragraph around ``position``."""
        index = bisect.bisect_right(self._starts, position) - 1
        return self._starts[index], self._ends[index]


class _RebuiltIndex:
    """The rebuilt elided words of a page, found by position (not by a scan per hit)."""

    def __init__(self, rebuilt: Sequence[_Rebuilt]) -> None:
        self._items = tuple(rebuilt)
        self._order = sorted(range(len(self._items)), key=lambda index: self._items[index].start)
        self._starts = [self._items[index].start for index in self._order]

    def starting_in(self, start: int, end: int) -> list[_Rebuilt]:
        """The rebuilt words starting in [start, end), in the page's order of them."""
        low = bisect.bisect_left(self._starts, start)
        high = bisect.bisect_left(self._starts, end)
        return [self._items[index] for index in sorted(self._order[low:high])]


class _PageExclusions:
    """The exclusion matches of one page, indexed so that each hit asks in ``log n``.

    Comparing every hit with every exclusion match made a page with thousands of both
    quadratic. ``overlap`` exclusions are kept sorted by start (a hit can only lie in one
    starting at most the longest match's length before it); ``sentence`` and
    ``paragraph`` ones per (theme, scope, terms) group, sorted by start, so one
    ``bisect`` per group answers whether one starts in the hit's sentence or paragraph.
    """

    def __init__(
        self,
        found: Sequence[_Candidate],
        entries: Sequence[_Entry],
        specs: Sequence[Exclusion],
    ) -> None:
        overlap: dict[str, list[tuple[int, int]]] = {}
        ranged: dict[tuple[str, str, frozenset[str]], list[int]] = {}
        names_of: dict[int, frozenset[str]] = {}  # per exclusion: a page may hold thousands
        for candidate in found:
            theme_id = entries[candidate.entry].theme_id
            spec = specs[candidate.entry]
            if spec.scope == "overlap":
                overlap.setdefault(theme_id, []).append((candidate.start, candidate.end))
            else:
                names = names_of.get(candidate.entry)
                if names is None:
                    names = names_of[candidate.entry] = frozenset(
                        name.lower() for name in spec.terms
                    )
                ranged.setdefault((theme_id, spec.scope, names), []).append(candidate.start)
        self._overlap: dict[str, tuple[list[int], list[int], int]] = {}
        for theme_id, spans in overlap.items():
            spans.sort()
            longest = max(end - start for start, end in spans)
            self._overlap[theme_id] = (
                [start for start, _ in spans],
                [end for _, end in spans],
                longest,
            )
        self._ranged: dict[str, list[tuple[str, frozenset[str], list[int]]]] = {}
        for (theme_id, scope, names), starts in ranged.items():
            self._ranged.setdefault(theme_id, []).append((scope, names, sorted(starts)))

    def cancel(
        self,
        entry: _Entry,
        candidate: _Candidate,
        segment: Segment,
        paragraph: tuple[int, int],
    ) -> bool:
        """Whether an exclusion of the hit's theme cancels it."""
        theme_id = entry.theme_id
        overlap = self._overlap.get(theme_id)
        if overlap is not None:
            starts, ends, longest = overlap
            low = bisect.bisect_left(starts, candidate.end - longest)
            high = bisect.bisect_right(starts, candidate.start)
            if any(ends[index] >= candidate.end for index in range(low, high)):
                return True
        groups = self._ranged.get(theme_id)
        if groups:
            term = entry.term.text.lower()
            for scope, names, starts in groups:
                if names and term not in names:
                    continue
                start, end = (segment.start, segment.end) if scope == "sentence" else paragraph
                index = bisect.bisect_left(starts, start)
                if index < len(starts) and starts[index] < end:
                    return True
        return False


def _phrase_pattern(phrase: str, *, whole_word: bool) -> str:
    words = [re.escape(word) for word in phrase.lower().split()]
    if whole_word and len(words) == 1 and phrase.isalpha():
        forms = sorted({phrase.lower(), *regular_inflections(phrase.lower())}, key=len)[::-1]
        words = ["(?:" + "|".join(re.escape(form) for form in forms) + ")"]
    body = r"\s+".join(words)
    return body + r"(?![^\W_])" if whole_word else body


def _requires_pattern(group: Sequence[str], *, whole_word: bool) -> re.Pattern[str]:
    """One ``requires`` group: any of its words, each a word start (or a whole word);
    "slaan … op" asks for its parts as whole words, in order, a few words apart."""
    gap = rf"(?:\W+[^\W_]+){{0,{REQUIRES_GAP_WORDS}}}?\W+"
    alternatives = []
    for word in sorted(group, key=len, reverse=True):
        if "…" in word:
            parts = [part.strip() for part in word.split("…") if part.strip()]
            alternatives.append(gap.join(_phrase_pattern(part, whole_word=True) for part in parts))
        else:
            alternatives.append(_phrase_pattern(word, whole_word=whole_word))
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})", re.IGNORECASE)


def _cue_pattern(cues: Sequence[str]) -> re.Pattern[str]:
    """Whole words of ``moves_to`` cues (or their plurals); a cue in capitals (HTO) only
    in capitals, as a word of its own or a hyphen part (HTO-systeem)."""
    alternatives = []
    for cue in sorted(cues, key=len, reverse=True):
        if sum(char.isupper() for char in cue) >= 2:
            words = r"\s+".join(re.escape(word) for word in cue.split())
            alternatives.append(rf"(?-i:{words})(?![^\W_])")
        else:
            alternatives.append(_phrase_pattern(cue, whole_word=True))
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})", re.IGNORECASE)


def lexicon_words(lexicon: Lexicon) -> list[str]:
    """Every word (lowercase) of the lexicon's terms and exclusions, as the matcher cuts them."""
    return [
        word.lower()
        for theme in lexicon.themes
        for text in [*(t.text for t in theme.terms), *(e.text for e in theme.exclusions)]
        for word in _term_words(text)
    ]


def _compile(theme_id: str, term: Term) -> _Entry:
    words = tuple(word.lower() for word in _term_words(term.text))
    if term.case_sensitive:
        forms = tuple(frozenset({word}) for word in words)
    else:
        forms = tuple(inflected_forms(word) for word in words)
    return _Entry(theme_id=theme_id, term=term, words=words, forms=forms)


_received: dict[tuple[Lexicon, MatchOptions], Matcher] = {}


def use_matcher(matcher: Matcher) -> None:
    """Let ``get_matcher`` return ``matcher`` (built elsewhere) for its lexicon and options.

    A batch builds the matcher once in the parent and sends it to every worker: that
    saves each worker reading the lemma table to inflect the terms.
    """
    _received[(matcher.lexicon, matcher.options)] = matcher


def get_matcher(lexicon: Lexicon, options: MatchOptions | None = None) -> Matcher:
    """The compiled matcher for a lexicon, built once per process (or received)."""
    options = options or MatchOptions()
    received = _received.get((lexicon, options))
    return received if received is not None else _build_matcher(lexicon, options)


@lru_cache(maxsize=8)
def _build_matcher(lexicon: Lexicon, options: MatchOptions) -> Matcher:
    return Matcher(lexicon, options)
