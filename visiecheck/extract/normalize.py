"""Normalisation of extracted page text: the clean-up rules between a reader and the analysis.

The engines (``visiecheck.extract``) deliver each page as blocks of raw lines in
reading order. This module cleans characters (ligatures, soft hyphens, quotes, odd
spaces, control and bidi characters, NFC: one translation table, applied by
``normalize_lines``, which every reader's text passes), repairs letter-spaced headings,
removes running headers/footers and page numbers (document level), joins the lines
of a block and repairs line-end hyphenation. Sentence splitting is not done here.

Line-end hyphenation rule (``join_hyphenated``). A word broken as ``links-`` +
line break + ``rechts`` (or with pdfium's hyphenation mark U+FFFE instead of ``-``)
is joined *without* the hyphen (``gemeen-``/``ten`` → ``gemeenten``) unless the
hyphen is part of the spelling:

* the next part starts with a capital or a digit: ``Noord-Holland``, ``A-4``;
* the first part is an abbreviation or contains a digit: ``WKO-systeem``,
  ``CO2-opslag``;
* the parts meet in two vowels that Dutch spelling separates with a hyphen in
  compounds (``zee-eend``, ``auto-industrie``, ``thee-ei``). Inside a simple word
  such a vowel pair across a syllable boundary is written with a diaeresis
  (``beïnvloeden``), so a plain line-end break never produces it;
* the pair is one of a few compounds that are written with a hyphen
  (``warmte-koudeopslag``, ``noord-zuid``), see ``HYPHENATED_PAIRS``.

Then the hyphen is kept and the line break removed (``Noord-Holland``). A Dutch
coordination hyphen (``bodem- en watersysteem``, ``grond- of oppervlaktewater``,
``bodem- tot``) is recognised by the next word (en, of, tot, als, dan, noch, maar,
en/of) followed by a further word, and left as it stands, line break included
(``maatschappij-``/``en.`` at a sentence end is a hyphenated word and is joined).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from ..safetext import UNSAFE, character_class, characters
from ..textrules import HEADING_MAX_WORDS

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_QUOTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
}
# Non-breaking, thin, figure, ideographic and other odd spaces; tabs too.
_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\t\f\v"
)
_HYPHENS = "\u2010\u2011"  # the Unicode hyphen and non-breaking hyphen mean "-"
_ZERO_WIDTH = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen and invisible marks
# Control characters that separate like whitespace: CR, the information separators, NEL,
# and the Unicode line and paragraph separators (str.splitlines breaks at all of them).
_SEPARATING_CONTROLS = "\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"
# pdfium marks a line-end hyphenation with U+0002 in one of its calls and with U+FFFE in
# another: both are kept, as U+FFFE, for ``join_hyphenated``, which resolves every mark.
_HYPHEN_MARKS = {"\x02": "\ufffe", "\ufffe": "\ufffe"}

_MAPPING: dict[str, str | None] = {
    **_LIGATURES,
    **_QUOTES,
    **{char: " " for char in _SPACES + _SEPARATING_CONTROLS},
    **{char: "-" for char in _HYPHENS},
    **{char: None for char in _ZERO_WIDTH},
    **_HYPHEN_MARKS,
}
# Every other control character, the bidi controls, U+FFFF and lone surrogates go
# (``visiecheck.safetext``): no report, workbook or terminal ever sees them.
for _char in characters(UNSAFE):
    _MAPPING.setdefault(_char, None)
del _MAPPING["\ufffe"], _char  # U+FFFE was listed only to keep it: it needs no translating
_TRANSLATION = str.maketrans(_MAPPING)
_SPECIAL_CHARS = re.compile(character_class(_MAPPING))
_MULTI_SPACE = re.compile(r"  +")


_LETTER_SPACED = re.compile(r"^\S(?: {1,}\S)+$")
_SINGLE_LETTERS = re.compile(r"^(?:\S )+\S$")


def join_letter_spaced(line: str) -> str:
    """``B O D E M  E N  O N D E R G R O N D`` → ``BODEM EN ONDERGROND``.

    A line made only of single characters separated by spaces (at least four) is a
    letter-spaced heading: one space separates letters, two or more separate words.
    Without any wider gap the letters make one word (``G R O N D`` → ``GROND``).
    """
    stripped = line.strip(" ")
    if not _LETTER_SPACED.match(stripped):
        return line
    if sum(1 for char in stripped if char != " ") < 4:
        return line
    words = re.split(r" {2,}", stripped)
    if not all(_SINGLE_LETTERS.match(word) or len(word) == 1 for word in words):
        return line
    return " ".join(word.replace(" ", "") for word in words)


_LETTER_SPACED_LINE = re.compile(r"^ *\S(?: +\S){3,} *$", re.MULTILINE)
_EDGE_SPACES = re.compile(r"^ +| +$", re.MULTILINE)


def normalize_lines(lines: Sequence[str]) -> list[str]:
    """``normalize_line`` for many lines at once (one pass over the page: fast)."""
    text = "\n".join(line.replace("\n", " ") for line in lines)
    # Most pages have none of the characters to map: a regex scan is far cheaper
    # than translate() with its per-character table lookups.
    if _SPECIAL_CHARS.search(text):
        text = text.translate(_TRANSLATION)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _LETTER_SPACED_LINE.sub(lambda match: join_letter_spaced(match.group(0)), text)
    text = _EDGE_SPACES.sub("", _MULTI_SPACE.sub(" ", text))
    return text.split("\n")


def normalize_line(line: str) -> str:
    """Character cleaning, letter-spaced heading repair and space collapsing."""
    return normalize_lines([line])[0]


# --- running headers, footers and page numbers ----------------------------------------

_PAGE_NUMBER_PATTERNS = [
    re.compile(r"^\d{1,4}$"),
    re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$"),
    re.compile(r"^\d{1,4}\s*(?:/|van|of)\s*\d{1,4}$", re.IGNORECASE),
    re.compile(
        r"^(?:pagina|page|pag\.?|blz\.?|p\.)\s*\d{1,4}(?:\s*(?:/|van|of)\s*\d{1,4})?$",
        re.IGNORECASE,
    ),
]
EDGE_LINES = 3  # how many lines at the top and at the bottom of a page are inspected
MIN_REPEAT_PAGES = 3
MIN_REPEAT_SHARE = 0.4  # 0.4, not 0.5: alternating even/odd headers each reach ~50%


def is_page_number(line: str) -> bool:
    """``12``, ``- 12 -``, ``12 / 40``, ``pagina 12 van 40``, ``blz. 3``."""
    text = line.strip()
    return any(pattern.match(text) for pattern in _PAGE_NUMBER_PATTERNS)


def running_line_key(line: str) -> str:
    """The line with digits masked and case/spaces folded, to compare across pages."""
    return " ".join(re.sub(r"\d+", "#", line.lower()).split())


def _edge_indexes(count: int) -> list[int]:
    top = set(range(min(EDGE_LINES, count)))
    return sorted(top | set(range(max(count - EDGE_LINES, 0), count)))


def find_running_lines(pages: Sequence[Sequence[str]]) -> list[set[int]]:
    """Per page, the indexes of lines that are running headers/footers or page numbers.

    ``pages`` holds each page's lines in reading order. A line among the first or last
    ``EDGE_LINES`` lines is removed when it is a bare page number, or when its
    digit-masked form stands at the edge of at least ``MIN_REPEAT_PAGES`` pages and
    of at least ``MIN_REPEAT_SHARE`` of the pages that have text.
    """
    keys_per_page: list[dict[int, str]] = []
    counts: Counter[str] = Counter()
    for lines in pages:
        keys = {index: running_line_key(lines[index]) for index in _edge_indexes(len(lines))}
        keys = {index: key for index, key in keys.items() if key}
        keys_per_page.append(keys)
        counts.update(set(keys.values()))
    pages_with_text = sum(1 for lines in pages if lines)
    needed = max(MIN_REPEAT_PAGES, MIN_REPEAT_SHARE * pages_with_text)
    repeated = {key for key, count in counts.items() if count >= needed}
    result: list[set[int]] = []
    for lines, keys in zip(pages, keys_per_page, strict=True):
        result.append(
            {
                index
                for index, key in keys.items()
                if key in repeated or is_page_number(lines[index])
            }
        )
    return result


# --- hyphenation ----------------------------------------------------------------------

COORDINATION_WORDS = frozenset({"en", "of", "tot", "als", "dan", "noch", "maar", "en/of"})
# Vowel pairs that Dutch spelling separates with a hyphen in compounds.
_VOWEL_CLASH = frozenset(
    {"aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ij", "oe", "oi", "oo", "ou", "ui", "uu"}
)
# Compounds of two coordinate parts that are written with a hyphen.
HYPHENATED_PAIRS = frozenset(
    {
        ("warmte", "koude"),
        ("koude", "warmte"),
        ("noord", "zuid"),
        ("zuid", "noord"),
        ("oost", "west"),
        ("west", "oost"),
        ("zoet", "zout"),
        ("stad", "land"),
    }
)

_PAIRS_BY_SECOND: dict[str, list[tuple[str, str]]] = {}
for _pair in HYPHENATED_PAIRS:  # indexed by the first 4 letters of the second part
    _PAIRS_BY_SECOND.setdefault(_pair[1][:4], []).append(_pair)

# The mark is searched first (rare), the word parts around it afterwards: scanning
# every word of the page with one big pattern was the slowest step of reading.
# pdfium marks a hyphen it considers a line-end hyphenation with U+FFFE in
# FPDFText_GetText and with U+0002 in FPDFText_GetBoundedText; both mean "-".
_HYPHEN_MARK = re.compile(r"-\n|[\ufffe\x02]\n?")
_WORD_AFTER = re.compile(r"(?P<right>[\w/]+)(?P<after>\s+\w)?")


def keep_hyphen(left: str, right: str) -> bool:
    """Whether ``left-`` + ``right`` broken at a line end keeps its hyphen (see module doc)."""
    if not right:
        return True
    first = right[0]
    if first.isupper() or first.isdigit():
        return True
    if not left.isalpha() or (len(left) > 1 and left.isupper()):
        return True  # digits (CO2-opslag) or an abbreviation (WKO-systeem)
    if (left[-1].lower() + first.lower()) in _VOWEL_CLASH:
        return True
    left_lower = left.lower()
    for first_part, second_part in _PAIRS_BY_SECOND.get(right[:4].lower(), ()):
        if left_lower.endswith(first_part) and right.lower().startswith(second_part):
            return True
    return False


def join_hyphenated(text: str) -> str:
    """Repair words hyphenated at line ends (``gemeen-\\nten`` → ``gemeenten``).

    Also handles pdfium's hyphenation mark with and without a line break
    (``wa\\ufffeterschap``). Coordination hyphens (``bodem-\\nen``) stay as they are,
    with their line break; a remaining mark becomes a plain hyphen.
    """

    if "-\n" not in text and "\ufffe" not in text and "\x02" not in text:
        return text
    pieces: list[str] = []
    done = 0  # text[:done] is in pieces
    for mark in _HYPHEN_MARK.finditer(text):
        if mark.start() < done:
            continue
        start = mark.start()
        begin = start
        while begin > done and text[begin - 1].isalnum():
            begin -= 1
        after = _WORD_AFTER.match(text, mark.end())
        if begin == start or after is None:
            continue  # a dash after a space or before a blank line: not a broken word
        left, right = text[begin:start], after.group("right")
        if right.lower() in COORDINATION_WORDS and after.group("after"):
            replacement = "-\n"  # pdfium drops the line break after its mark: put it back
        elif keep_hyphen(left, right):
            replacement = "-"
        else:
            replacement = ""
        pieces.append(text[done : mark.start()])
        pieces.append(replacement)
        done = mark.end()
    pieces.append(text[done:])
    text = "".join(pieces)
    return text.replace("\ufffe", "-").replace("\x02", "-")


# --- page assembly --------------------------------------------------------------------


def blocks_to_text(blocks: Sequence[Sequence[str]]) -> str:
    """Lines joined with ``\\n``, blocks separated by a blank line, hyphenation repaired."""
    parts = ["\n".join(kept) for kept in ([line for line in block if line] for block in blocks)]
    # One pass over the page: the joiner never reaches across a blank line.
    return join_hyphenated("\n\n".join(part for part in parts if part))


# --- headings from fonts --------------------------------------------------------------

HEADING_SIZE_RATIO = 1.15  # a line this much larger than the body text is set as a heading
HEADING_MAX_LINES = 3
_HEADING_CLOSERS = (".", ";", ",")  # a heading may end in "?" or ":" but not like a clause


def body_font_size(sizes: Sequence[float], weights: Sequence[int]) -> float:
    """The body text's font size: the most common size, weighted by characters.

    Sizes are compared to half a point; 0.0 when there are none.
    """
    counts: Counter[float] = Counter()
    for size, weight in zip(sizes, weights, strict=True):
        counts[round(size * 2) / 2] += weight
    return counts.most_common(1)[0][0] if counts else 0.0


def heading_line_flags(
    lines: Sequence[str], sizes: Sequence[float], bolds: Sequence[bool], body_size: float
) -> list[bool]:
    """Which lines of one block are set as a heading, judged by their font.

    A *styled* line is at least ``HEADING_SIZE_RATIO`` times the body size, or bold
    throughout (a bold word inside a sentence leaves its line unstyled). A run of
    consecutive styled lines in one style is a heading when it is short (at most
    ``HEADING_MAX_LINES`` lines and ``HEADING_MAX_WORDS`` words), starts with a capital
    or a digit and does not end like a sentence: a lead paragraph or quote set large,
    or a bold sentence, is not a heading.
    """
    large = body_size * HEADING_SIZE_RATIO if body_size > 0 else float("inf")
    styled = [size >= large or bold for size, bold in zip(sizes, bolds, strict=True)]
    flags = [False] * len(lines)
    index = 0
    while index < len(lines):
        if not styled[index]:
            index += 1
            continue
        end = index + 1
        while (
            end < len(lines)
            and styled[end]
            and bolds[end] == bolds[index]
            and abs(sizes[end] - sizes[index]) <= 0.12 * sizes[index]
        ):
            end += 1
        run = lines[index:end]
        first = run[0][:1]
        if (
            end - index <= HEADING_MAX_LINES
            and sum(len(line.split()) for line in run) <= HEADING_MAX_WORDS
            and (first.isupper() or first.isdigit())
            and not run[-1].endswith(_HEADING_CLOSERS)
        ):
            flags[index:end] = [True] * (end - index)
        index = end
    return flags
