"""What a lexicon may be missing: ``visiecheck lexicon suggest FILE...`` (pure).

For whoever maintains a lexicon. Two signals, both on words that match no term and no
exclusion of the lexicon:

- **shared part** — the word shares a head or a modifier with a theme's terms: it ends
  in a term's last part (*…opslag*, *…winning*) or starts with its first part (*bodem…*),
  where that part is a Dutch word of at least ``AFFIX_MIN`` letters. ``bodemverdichting``
  next to the term *bodemkwaliteit* is such a word.
- **co-occurrence** — the word keeps appearing in sentences with a hit of one theme: at
  least ``COOCCURRENCE_MIN`` such sentences, and at least ``LIFT_MIN`` times more often
  there than in the text as a whole.

Each suggestion carries its count (occurrences over all files), the theme it leans to,
the reason and one example sentence. Nothing is added to a lexicon automatically: many
suggestions are words in another sense, which is exactly what a maintainer must judge.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Context, Document, Suggestion
from .matching import WORD_RE, Matcher
from .nlp import FUNCTION_WORDS, is_dictionary_word, known_among, only_not_a_noun
from .sections import segment_page

AFFIX_MIN = 5
# The rest of a word beside the shared part must be a Dutch word of this length too, so
# that "gronden" (a plural) or "waarde" (not w + aarde) is no compound.
REST_MIN = 3
WORD_MIN = 6
COOCCURRENCE_MIN = 5
LIFT_MIN = 5.0
# ... and at least this share of the word's sentences has a hit of that theme
SHARE_MIN = 0.25
# Parts of terms that are too general to suggest words by (plangebied, onderzoek).
GENERIC_PARTS = frozenset(
    {
        "gebied",
        "gebieden",
        "onder",
        "plaats",
        "bedrijf",
        "schap",
        "aarde",
        "groen",
        "water",
        "beleid",
        "structuur",
        "locatie",
        "kaart",
        "waarde",
        "hoogte",
        "werking",
        "voorraad",
        "diversiteit",
        "strook",
        "parkeer",
    }
)
EXAMPLE_MAX = 240
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Affixes:
    heads: dict[str, str]  # word end → theme
    modifiers: dict[str, str]  # word start → theme


def _affixes(matcher: Matcher) -> _Affixes:
    """Heads and modifiers (Dutch words of ``AFFIX_MIN``+ letters) of single-word terms."""
    splits: list[tuple[str, str, str]] = []  # (theme, start, end) of each cut of a term
    for theme in matcher.lexicon.themes:
        for term in theme.terms:
            word = term.text.lower()
            if term.case_sensitive or " " in word or not word.isalpha():
                continue
            for cut in range(AFFIX_MIN, len(word) - AFFIX_MIN + 1):
                splits.append((theme.id, word[:cut], word[cut:]))
    known = known_among({part for _theme, start, end in splits for part in (start, end)})
    heads: dict[str, str] = {}
    modifiers: dict[str, str] = {}
    for theme_id, start, end in splits:
        if start in known and end in known:  # a real compound of two Dutch words
            if end not in GENERIC_PARTS:
                heads.setdefault(end, theme_id)
            if start not in GENERIC_PARTS:
                modifiers.setdefault(start, theme_id)
    return _Affixes(heads, modifiers)


def _shared_part(word: str, affixes: _Affixes) -> tuple[str, str, str] | None:
    """(theme, reason, part) when ``word`` is a compound that ends in a term's head or
    starts with its modifier (the longest such part), else None."""
    best: tuple[str, str, str] | None = None
    for cut in range(REST_MIN, len(word) - AFFIX_MIN + 1):
        head = word[cut:]
        if head in affixes.heads and _is_rest(word[:cut]):
            best = (affixes.heads[head], "head", head)
            break  # the longest end first
    for cut in range(len(word) - REST_MIN, AFFIX_MIN - 1, -1):
        start = word[:cut]
        if (
            start in affixes.modifiers
            and (best is None or len(start) > len(best[2]))
            and _is_rest(word[cut:].removeprefix("s"))  # the linking s of "bodemsanering"
        ):
            best = (affixes.modifiers[start], "modifier", start)
            break
    return best


def _is_rest(part: str) -> bool:
    return len(part) >= REST_MIN and is_dictionary_word(part)


def suggest(
    documents: Iterable[Document], matcher: Matcher, *, limit: int | None = None
) -> list[Suggestion]:
    """Words of ``documents`` the lexicon of ``matcher`` may be missing, most frequent
    first (shared parts before co-occurrences at equal counts)."""
    affixes = _affixes(matcher)
    counts: Counter[str] = Counter()
    files: dict[str, set[int]] = {}
    examples: dict[str, str] = {}
    sentences_total = 0
    sentences_with: Counter[str] = Counter()  # word → sentences containing it
    with_theme: dict[str, Counter[str]] = {}  # word → theme → sentences with a hit of it
    theme_sentences: Counter[str] = Counter()  # theme → sentences with a hit of it
    ignored: set[str] = set()  # words that are never nouns: no term material
    for number, document in enumerate(documents):
        for page in document.pages:
            if not page.text:
                continue
            hits = matcher.match_page(page.text, page.number, heading_lines=page.heading_lines)
            themes_at: dict[int, set[str]] = {}
            for hit in hits:
                if not hit.incidental:
                    themes_at.setdefault(hit.sentence_id, set()).add(hit.theme_id)
            for segment in segment_page(
                page.text, None, page.heading_lines, structured=page.section_path is not None
            ):
                if segment.context is not Context.BODY:
                    continue
                sentence = page.text[segment.start : segment.end]
                sentences_total += 1
                for theme_id in themes_at.get(segment.start, ()):
                    theme_sentences[theme_id] += 1
                seen: set[str] = set()
                for match in WORD_RE.finditer(sentence):
                    word = match.group().lower()
                    if len(word) < WORD_MIN or not word.isalpha() or word in FUNCTION_WORDS:
                        continue
                    if word not in counts and only_not_a_noun(word):
                        ignored.add(word)
                    if word in ignored:
                        continue
                    if _covered(matcher, match.group()):
                        continue
                    counts[word] += 1
                    files.setdefault(word, set()).add(number)
                    examples.setdefault(word, _SPACE_RE.sub(" ", sentence).strip()[:EXAMPLE_MAX])
                    seen.add(word)
                for word in seen:
                    sentences_with[word] += 1
                    for theme_id in themes_at.get(segment.start, ()):
                        with_theme.setdefault(word, Counter())[theme_id] += 1
    found: list[Suggestion] = []
    for word, count in counts.items():
        shared = _shared_part(word, affixes)
        if shared is not None:
            theme_id, reason, part = shared
            found.append(
                Suggestion(word, count, theme_id, reason, part, examples[word], len(files[word]))
            )
            continue
        themes = with_theme.get(word)
        if not themes:
            continue
        theme_id, together = themes.most_common(1)[0]
        if together < COOCCURRENCE_MIN or together / sentences_with[word] < SHARE_MIN:
            continue
        # how much likelier a sentence with this word has a hit of the theme than any sentence
        lift = (together / sentences_with[word]) / (theme_sentences[theme_id] / sentences_total)
        if lift >= LIFT_MIN:
            found.append(
                Suggestion(
                    word,
                    count,
                    theme_id,
                    "cooccurrence",
                    f"{together}/{sentences_with[word]}",
                    examples[word],
                    len(files[word]),
                )
            )
    found.sort(key=lambda item: (-item.count, item.reason == "cooccurrence", item.word))
    return found if limit is None else found[:limit]


def _covered(matcher: Matcher, word: str) -> bool:
    """Whether a term or an exclusion of the lexicon already finds this word."""
    return matcher.term_matches(word) or matcher.exclusion_matches(word)
