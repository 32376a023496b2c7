"""Hostile inputs, round two: size, time and lexicons (issue 14, points 2, 6 and 12).

No test here looks at the clock: each one counts the work done (candidate fields read
while resolving overlaps and exclusions, characters the tokenizer strips one at a time)
for an input and for the same input doubled. Linear work doubles; the pairwise
comparisons and the tokenizer's quadratic affix loop this replaces quadruple it.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from visiecheck.analyse import incidental, matching, nlp
from visiecheck.analyse.matching import Matcher, _Candidate, _longest_wins, get_matcher
from visiecheck.cli import app
from visiecheck.errors import ExitCode, LexiconError
from visiecheck.lexicon import (
    MAX_LEXICON_BYTES,
    MAX_TERM_CHARS,
    MAX_TERMS,
    MAX_WORD_CHARS,
    MAX_YAML_VALUES,
    load_lexicon,
)
from visiecheck.models import Stance

# Doubling the input may at most double the work, plus a little for sorting.
LINEAR = 2.3


class _Counting(_Candidate):
    """A candidate that counts how often its fields are read."""

    reads: ClassVar[int] = 0

    def __getattribute__(self, name: str) -> Any:
        if name in ("start", "end", "entry", "kind"):
            _Counting.reads += 1
        return object.__getattribute__(self, name)


def _reads_for(candidates: list[_Candidate]) -> int:
    _Counting.reads = 0
    _longest_wins(candidates)
    return _Counting.reads


def _words_with_parts(count: int) -> list[_Candidate]:
    """``count`` words, each a long candidate with a shorter one inside it."""
    found: list[_Candidate] = []
    for index in range(count):
        found.append(_Counting(index * 20, index * 20 + 14, 0, "exact"))
        found.append(_Counting(index * 20 + 3, index * 20 + 9, 1, "compound"))
    return found


def test_overlap_resolution_does_linear_work_when_the_hits_double() -> None:
    small, large = _words_with_parts(2_000), _words_with_parts(4_000)
    kept = _longest_wins(large)
    assert [(c.start, c.end) for c in kept] == [(i * 20, i * 20 + 14) for i in range(4_000)]
    assert _reads_for(large) <= LINEAR * _reads_for(small)


def _pairwise(candidates: list[_Candidate]) -> list[_Candidate]:
    """The rule as first written (every hit against every kept one): the reference."""
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), c.start, c.entry))
    kept: list[_Candidate] = []
    for candidate in ordered:
        if not any(
            candidate.start < other.end
            and other.start < candidate.end
            and (candidate.start, candidate.end) != (other.start, other.end)
            for other in kept
        ):
            kept.append(candidate)
    return sorted(kept, key=lambda c: (c.start, c.entry))


def test_overlap_resolution_keeps_what_the_pairwise_rule_kept() -> None:
    rng = random.Random(14)
    for _ in range(300):
        candidates = []
        for _ in range(rng.randint(0, 25)):
            start = rng.randint(0, 60)
            end = start + rng.randint(1, 15)
            candidates.append(_Candidate(start, end, rng.randint(0, 5), "exact"))
        assert _longest_wins(candidates) == _pairwise(candidates)


LEXICON = """\
name: groot
version: 0.1.0
language: nl
themes:
  - id: grondwater
    label: Grondwater
    label_en: Groundwater
    terms: [grondwater, {term: kwel, veto: [zeekwel]}]
    exclusions:
      - {text: grondwaterstand, scope: overlap}
      - {text: waterschap, scope: sentence, terms: [kwel]}
"""
PARAGRAPH = (
    "Het grondwater en de grondwaterstand onder de kern vragen aandacht van het "
    "waterschap. Kwel in de polder en zeekwel langs de kust volgen wij."
)


@pytest.fixture(scope="module")
def exclusion_matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    path = Path(tmp_path_factory.mktemp("lexicon")) / "groot.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return Matcher(load_lexicon(path))


def _page_reads(matcher: Matcher, paragraphs: int, monkeypatch: pytest.MonkeyPatch) -> int:
    text = "\n\n".join([PARAGRAPH] * paragraphs)
    matcher.match_page(text, 1)  # fill the per-word caches first
    monkeypatch.setattr(matching, "_Candidate", _Counting)
    _Counting.reads = 0
    hits = matcher.match_page(text, 1)
    monkeypatch.setattr(matching, "_Candidate", _Candidate)
    # each paragraph: "grondwater" stays, the one inside "grondwaterstand" is excluded
    # (overlap) and "kwel" is vetoed by "zeekwel" in its paragraph
    assert [hit.matched_text for hit in hits] == ["grondwater"] * paragraphs
    return _Counting.reads


def test_a_page_of_many_hits_and_exclusions_does_linear_work(
    exclusion_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = _page_reads(exclusion_matcher, 500, monkeypatch)
    large = _page_reads(exclusion_matcher, 1_000, monkeypatch)
    assert large <= LINEAR * small


class _RecordingTokenizer:
    """Stands in for spaCy's tokenizer and records the work its affix loop does.

    spaCy strips the prefixes and suffixes of each run of non-space characters one at a
    time, copying the rest of the run each time: its work is the sum of the squares of
    the runs' lengths."""

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer
        self.work = 0

    def __call__(self, text: str) -> Any:
        self.work += sum(len(run) ** 2 for run in text.split())
        return self._tokenizer(text)


def _tokenizer_work(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[Any]]:
    sentencizer = nlp.get_sentencizer()
    recorder = _RecordingTokenizer(sentencizer.tokenizer)
    monkeypatch.setattr(sentencizer, "tokenizer", recorder)
    spans = nlp.sentence_spans(text)
    monkeypatch.setattr(sentencizer, "tokenizer", recorder._tokenizer)
    return recorder.work, spans


@pytest.mark.parametrize("symbol", ["=", "&", "!", "_", "."])
def test_a_long_run_of_one_symbol_is_tokenized_in_linear_work(
    symbol: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def text(size: int) -> str:
        return "Het grondwater is schoon. " + symbol * size + " En de bodem ook."

    small, _ = _tokenizer_work(text(4_096), monkeypatch)
    large, spans = _tokenizer_work(text(8_192), monkeypatch)
    assert large <= LINEAR * small
    # offsets are kept: the last sentence is where it is in the text given
    whole = text(8_192)
    assert spans[0][0] == 0
    assert spans[-1][1] == len(whole) and whole[: spans[-1][1]].endswith("En de bodem ook.")


def test_symbol_runs_are_cut_without_moving_a_character() -> None:
    run = "Zie " + "=" * 200 + " hier."
    cut = nlp.broken_runs(run)
    assert len(cut) == len(run)
    assert max(len(piece) for piece in cut.split()) <= nlp.SYMBOL_PIECE
    assert cut[4] == "=" and cut[203] == "="  # the run still starts and ends where it did
    normal = "Een inhoudsopgave ........................ met leiders (zie: § 3.2) !!"
    assert nlp.broken_runs(normal) == normal


# --- many hits in one sentence: its facts are found once, not once per hit -----------


@pytest.fixture(scope="module")
def shipped_matcher() -> Matcher:
    return get_matcher(load_lexicon(None))


def _listing(entries: int) -> str:
    """One sentence of ``entries`` mining activities the municipality looks into (every
    entry a hit; "wij" makes it a choice, not a standard list)."""
    words = ["zoutwinning" if index % 2 == 0 else "gaswinning" for index in range(entries)]
    return "Wij onderzoeken " + ", ".join(words[:-1]) + " en " + words[-1] + "."


class _CountingPattern:
    """Stands in for a compiled pattern and counts the characters its searches read."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._pattern = pattern
        self.read = 0

    def _span(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> None:
        self.read += max(min(endpos, len(string)) - pos, 0)

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        self._span(string, *args)
        return self._pattern.search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        self._span(string, *args)
        return self._pattern.match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        self._span(string, *args)
        return self._pattern.fullmatch(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        self._span(string, *args)
        return self._pattern.findall(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        self._span(string, *args)
        return self._pattern.finditer(string, *args)

    def sub(self, replacement: str, string: str) -> str:
        self._span(string)
        return self._pattern.sub(replacement, string)


def _sentence_reads(matcher: Matcher, entries: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """Characters read by the list and museum rules (words, list separators) and by the
    snippets (white space) while matching one sentence of ``entries`` hits."""
    text = _listing(entries)
    counters = {
        (incidental, "WORD_RE"): _CountingPattern(incidental.WORD_RE),
        (incidental, "_ITEM_SPLIT_RE"): _CountingPattern(incidental._ITEM_SPLIT_RE),
        (matching, "WHITESPACE_RE"): _CountingPattern(matching.WHITESPACE_RE),
    }
    with monkeypatch.context() as patch:
        for (module, name), counter in counters.items():
            patch.setattr(module, name, counter)
        hits = matcher.match_text(text)
    assert [(hit.theme_id, hit.incidental, hit.stance) for hit in hits] == [
        ("mijnbouw", False, Stance.AMBITION)
    ] * entries
    assert hits[0].snippet.startswith("Wij onderzoeken zoutwinning, gaswinning, ")
    assert hits[-1].snippet.startswith("…") and hits[-1].snippet.endswith(" en gaswinning.")
    return sum(counter.read for counter in counters.values())


def test_the_hits_of_one_long_sentence_read_it_in_linear_work(
    shipped_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each hit used to cut the whole sentence into list entries and words and normalise
    # it for its snippet again: doubling the sentence quadrupled the reading.
    small = _sentence_reads(shipped_matcher, 300, monkeypatch)
    large = _sentence_reads(shipped_matcher, 600, monkeypatch)
    assert large <= LINEAR * small


def test_the_document_title_rule_reads_its_sentence_once_however_many_hits(
    shipped_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    searches: Counter[str] = Counter()
    pattern = incidental._OUR_CHOICE_RE

    class CountedPattern:
        def search(self, text: str) -> re.Match[str] | None:
            searches[text] += 1
            return pattern.search(text)

    monkeypatch.setattr(incidental, "_OUR_CHOICE_RE", CountedPattern())
    text = "Het Beleidsplan 2020 noemt " + " en ".join(["zoutwinning"] * 60) + "."
    hits = shipped_matcher.match_text(text)
    assert len(hits) == 60
    # the first-person test is a fact of the sentence: one search, not one per hit
    assert list(searches.values()) == [1]


def test_sentence_facts_are_found_once_per_sentence_however_many_hits(
    shipped_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: Counter[str] = Counter()

    def counted(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            calls[name] += 1
            return function(*args)

        return wrapper

    for name in ("classify_stance", "may_be_incidental", "empty_form", "table_row"):
        monkeypatch.setattr(matching, name, counted(name, getattr(matching, name)))
    monkeypatch.setattr(incidental, "_entries", counted("_entries", incidental._entries))
    text = (
        _listing(40)
        + " Niet toegestaan zijn: zoutwinning, gaswinning, olieboringen en dergelijke.\n\n"
        + "De gemeente wil geen schaliegaswinning en geen gaswinning onder de kern."
    )
    hits = shipped_matcher.match_text(text)
    assert [(hit.incidental, hit.stance) for hit in hits] == (
        [(False, Stance.AMBITION)] * 40 + [(True, None)] * 2 + [(False, Stance.EXCLUSION)] * 2
    )
    # three sentences: one stance each for the two that give one (the list gives none),
    # one list cut for each sentence whose hits ask the list rule
    assert calls == {
        "classify_stance": 2,
        "table_row": 2,
        "may_be_incidental": 3,
        "empty_form": 2,
        "_entries": 2,
    }


# --- lexicons that would exhaust memory (point 6) and duplicate keys (point 12) -------

HEADER = "name: test\nversion: 0.1.0\nlanguage: nl\nthemes:\n"
THEME = "  - id: grondwater\n    label: G\n    label_en: G\n"


def _lexicon_error(tmp_path: Path, text: str) -> tuple[Path, str]:
    path = tmp_path / "lex.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    assert caught.value.exit_code == ExitCode.LEXICON_INVALID
    return path, caught.value.message


def test_a_term_of_20k_characters_is_refused_with_file_and_line(tmp_path: Path) -> None:
    path, message = _lexicon_error(
        tmp_path, HEADER + THEME + "    terms:\n      - kwel\n      - " + "grond" * 4_000 + "\n"
    )
    assert message == (
        f"{path}: line 10: theme grondwater, terms[1].term: term is 20,000 characters long; "
        f"at most {MAX_TERM_CHARS} are allowed"
    )


def test_a_long_word_in_a_veto_is_refused(tmp_path: Path) -> None:
    veto = "a" * (MAX_WORD_CHARS + 1)
    path, message = _lexicon_error(
        tmp_path, HEADER + THEME + f"    terms:\n      - {{term: kwel, veto: [{veto}]}}\n"
    )
    assert message == (
        f"{path}: line 9: theme grondwater, terms[0].veto: a veto word has a word of "
        f"{MAX_WORD_CHARS + 1} characters; at most {MAX_WORD_CHARS} are allowed"
    )


def test_too_many_terms_are_refused_at_their_theme(tmp_path: Path) -> None:
    terms = "".join(f"      - term{index}\n" for index in range(MAX_TERMS + 1))
    path, message = _lexicon_error(tmp_path, HEADER + THEME + "    terms:\n" + terms)
    assert message == (
        f"{path}: line 5: theme grondwater: the lexicon has more than {MAX_TERMS:,} terms "
        f"({MAX_TERMS + 1:,} up to this theme); split it or leave terms out"
    )


def test_a_yaml_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    # each level doubles the one before nine times: 9**12 values from 14 lines
    levels = ["a0: &a0 [kwel, kwel, kwel, kwel, kwel, kwel, kwel, kwel, kwel]"]
    for level in range(1, 12):
        alias = f"*a{level - 1}"
        levels.append(f"a{level}: &a{level} [{', '.join([alias] * 9)}]")
    path, message = _lexicon_error(tmp_path, "\n".join(levels) + "\n" + HEADER)
    assert message == (
        f"{path}: line 6: this value expands to more than {MAX_YAML_VALUES:,} values "
        "(anchors and aliases counted in full); a lexicon may have at most that many"
    )


def test_a_lexicon_file_above_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "lex.yaml"
    with path.open("wb") as handle:  # a sparse file: no megabytes written to disk
        handle.truncate(MAX_LEXICON_BYTES + 1)
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    assert caught.value.message == (
        f"{path}: line 1: the file is {MAX_LEXICON_BYTES + 1:,} bytes; a lexicon may be at "
        f"most {MAX_LEXICON_BYTES:,} bytes (split it into lexicons with 'extends')"
    )


def test_a_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    path, message = _lexicon_error(
        tmp_path, HEADER + THEME + "    terms: [kwel]\n    terms: [grondwater]\n"
    )
    assert message == f"{path}: line 9: duplicate key 'terms' (first given on line 8)"


def test_validate_reports_a_duplicate_key_with_exit_code_8(tmp_path: Path) -> None:
    path = tmp_path / "lex.yaml"
    path.write_text(HEADER.replace("version: 0.1.0\n", "version: 0.1.0\nname: ander\n"))
    result = CliRunner().invoke(app, ["lexicon", "validate", str(path)])
    assert result.exit_code == ExitCode.LEXICON_INVALID
    assert "regel 3: sleutel 'name' staat er twee keer (eerst op regel 1)" in result.output


def test_the_shipped_lexicon_is_far_below_every_limit() -> None:
    lexicon = load_lexicon()
    shipped = Path(lexicon.source)
    terms = [term.text for theme in lexicon.themes for term in theme.terms]
    assert shipped.stat().st_size * 10 < MAX_LEXICON_BYTES
    assert len(terms) * 5 < MAX_TERMS
    assert max(map(len, terms)) * 4 < MAX_TERM_CHARS
    assert max(len(word) for text in terms for word in text.split()) * 2 < MAX_WORD_CHARS


def _question_and_cell_reads(
    matcher: Matcher, entries: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, int]:
    """Characters the question and empty-cell rules read, and how often they indexed a
    sentence, while matching two sentences of ``entries`` capitalised hits each: an
    unanswered question and a checklist row."""
    question = "Punten voor de intake: " + ", ".join(["Zoutwinning"] * entries) + "?"
    # one answered cell, so the row is not an empty form as a whole
    row = "Checklist | geothermie: twee putten gepland | " + " | ".join(
        ["Gaswinning: n.t.b"] * entries
    )
    counters = {
        name: _CountingPattern(getattr(incidental, name))
        for name in (
            "_QUESTION_MARK_RE",
            "_CLAUSE_END_RE",
            "_CELL_BAR_RE",
            "_ANSWER_RE",
            "_BOTH_OPTIONS_ANYWHERE_RE",
        )
    }
    built = 0
    original_init = incidental.SentenceMarks.__init__

    def counting_init(self: incidental.SentenceMarks, sentence: str) -> None:
        nonlocal built
        built += 1
        original_init(self, sentence)

    with monkeypatch.context() as patch:
        for name, counter in counters.items():
            patch.setattr(incidental, name, counter)
        patch.setattr(incidental.SentenceMarks, "__init__", counting_init)
        hits = matcher.match_text(question + "\n\n" + row)
    in_question = [("mijnbouw", True)] * entries
    in_row = [("geothermie", False)] + [("mijnbouw", True)] * entries
    assert [(hit.theme_id, hit.incidental) for hit in hits] == in_question + in_row
    return sum(counter.read for counter in counters.values()), built


def test_questions_and_cells_with_many_hits_are_read_in_linear_work(
    shipped_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The question and empty-cell rules used to search the sentence again for each hit
    # (the next question mark, the bars around the cell, an answer before the mark), and
    # the name rules copied the text before each hit: doubling the sentence quadrupled
    # the reading. Now a sentence is indexed once and each hit looks its marks up.
    small, built_small = _question_and_cell_reads(shipped_matcher, 300, monkeypatch)
    large, built_large = _question_and_cell_reads(shipped_matcher, 600, monkeypatch)
    assert built_small == built_large == 2  # once per sentence, not per hit
    assert large <= LINEAR * small
