"""The data that flows between the stages: extract → normalise → match → assess → report.

All frozen dataclasses; no stage prints. Renderers turn a ``Report`` into text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from .analyse.stance import Stance

if TYPE_CHECKING:  # only an annotation here; duplicates needs numpy, which the CLI need not load
    from .analyse.duplicates import DuplicatePair

MatchKind = Literal["exact", "lemma", "compound", "fuzzy"]


class Status(StrEnum):
    """Coverage of one theme in one document (the three values of the JSON contract)."""

    MISSING = "missing"
    MENTIONED = "mentioned"
    ADDRESSED = "addressed"


class Context(StrEnum):
    """Where on the page a hit stands; only body text can make a theme *addressed*."""

    BODY = "body"
    HEADING = "heading"
    TOC = "toc"  # a table-of-contents line ("3.2 Geothermie ........ 14")


class SectionKind(StrEnum):
    """The kind of section a hit stands in (recognised from its headings).

    Only the visie's own text and its annexes can make a theme *addressed*; a table of
    contents, glossary (*begrippenlijst*), colophon or source list only names things.
    """

    TEXT = "text"
    TOC = "toc"
    GLOSSARY = "glossary"
    COLOPHON = "colophon"
    SOURCES = "sources"
    ANNEX = "annex"  # counted, but labelled: "in een bijlage"


class Depth(StrEnum):
    """How far a visie goes with a theme (a finer grade beside ``Status``).

    missing: no hit · mentioned: named, but not in two sentences of its own text ·
    described: described in at least two sentences, without a choice · policy_choice:
    at least one sentence of its own text makes a choice (an ambition, a condition or
    an exclusion), even a single one such as "geen ruimte voor schaliegas".
    """

    MISSING = "missing"
    MENTIONED = "mentioned"
    DESCRIBED = "described"
    POLICY_CHOICE = "policy_choice"


# --- extraction -----------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One physical page of a document after normalisation.

    ``text`` is the body text in reading order: lines joined with ``\\n``, blocks
    (paragraphs, columns) separated by a blank line, line-end hyphenation repaired,
    running headers/footers and bare page numbers removed (kept in ``removed_lines``).
    """

    number: int  # 1-based physical page number
    text: str
    has_text_layer: bool
    removed_lines: tuple[str, ...] = ()
    ocr: bool = False  # the text was made by OCR (--ocr) from a page without a text layer
    # Lines of ``text`` (exactly as they stand there) that the PDF sets in a heading
    # font: larger than the body text, or bold throughout and short.
    heading_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A read document: its pages and what the reader noticed."""

    path: str
    sha256: str
    engine: str
    pages: tuple[Page, ...]
    warnings: tuple[str, ...] = ()
    # "page" for PDFs; "section" for formats without pages (docx, HTML, text), where
    # each heading starts a new unit and Page.number counts sections from 1.
    location_unit: str = "page"
    source_format: str = "pdf"  # pdf, docx, html or text: what the content was read as

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def pages_without_text(self) -> list[int]:
        return [page.number for page in self.pages if not page.has_text_layer]


# --- lexicon --------------------------------------------------------------------------

CompoundMode = Literal["none", "modifier", "head", "both"]


@dataclass(frozen=True)
class Term:
    """One search term of a theme, with how it may be found.

    ``compound``: whether the term is also found inside a longer word — as its first
    part (``modifier``: grondwater|beschermingsgebied), as its last part (``head``:
    kwel|grondwater), anywhere (``both``), or only as a whole word (``none``).
    ``case_sensitive`` terms (abbreviations such as WKO) match only in that case and,
    as parts, only between hyphens (``WKO-systeem``). ``requires``: groups of words;
    the term counts only when the sentence contains a word of every group (each word a
    word start, so compounds are allowed, or with ``requires_whole_word`` a whole word
    or its plural; ``slaan … op`` asks for its parts in order with a few words between).
    ``moves_to``: (sister theme, cue words) — with a cue in the same paragraph the hit
    counts for the sister theme instead.
    """

    text: str
    compound: CompoundMode
    case_sensitive: bool = False
    fuzzy: bool = False
    requires: tuple[tuple[str, ...], ...] = ()
    requires_whole_word: bool = False
    # "sentence", or "nearby": the sentence before and after (same paragraph) count too
    requires_scope: Literal["sentence", "nearby"] = "sentence"
    moves_to: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Exclusion:
    """A context that cancels hits of its theme.

    ``scope="overlap"`` cancels a hit lying inside the excluded phrase (``op grond
    van`` cancels *grond*); ``scope="sentence"`` cancels the theme's hits in the whole
    sentence (``buurtbatterij`` cancels *energieopslag*) and ``scope="paragraph"`` in
    the whole paragraph (a term's ``veto`` words: *strooien* beside *pekel*), limited
    to ``terms`` if given. ``case_sensitive`` and ``compound`` say how the excluded text
    itself is found, as for a term: ``HTO`` only as a whole upper-case word.
    """

    text: str
    scope: Literal["overlap", "sentence", "paragraph"] = "overlap"
    terms: tuple[str, ...] = ()
    case_sensitive: bool = False
    compound: CompoundMode = "both"


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    label_en: str
    core: bool
    description: str
    terms: tuple[Term, ...]
    exclusions: tuple[Exclusion, ...] = ()
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()
    # The theme is itself about the past (the soil archive): history and museum words
    # around its terms do not make a hit incidental (see ``incidental``).
    historical: bool = False


@dataclass(frozen=True)
class Lexicon:
    name: str
    version: str
    language: str
    themes: tuple[Theme, ...]
    source: str = ""  # the file it was read from (for messages)
    # (theme id, recall) measured on the project's accuracy set for this version
    measured_recall: tuple[tuple[str, float], ...] = ()

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    @property
    def theme_ids(self) -> list[str]:
        return [theme.id for theme in self.themes]


# --- matching and coverage ------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One occurrence of a theme term, with the sentence around it as evidence."""

    theme_id: str
    term: str  # the lexicon term that matched
    matched_text: str  # the text as it stands in the document
    match: MatchKind
    page: int
    start: int  # character span in the page text
    end: int
    snippet: str  # the sentence (or clause) around the match, ≤ ~300 characters
    sentence_id: int  # the sentence's start offset on its page: distinct sentences, in order
    context: Context = Context.BODY
    section: str = ""  # heading path, e.g. "3 Duurzame toekomst › 3.2 Energie"
    section_kind: SectionKind = SectionKind.TEXT
    stance: Stance | None = None  # for body sentences: what the sentence does with the theme
    # Only an entry of a list of activities (a zoning list of business types that are
    # not allowed), or the past (a museum, history): a mention, never "addressed" or a
    # stance. See ``incidental``.
    incidental: bool = False


@dataclass(frozen=True)
class ThemeCoverage:
    theme_id: str
    label: str
    label_en: str
    status: Status
    mentions: int
    pages: tuple[int, ...]
    evidence: tuple[Hit, ...]  # strongest first, capped by MatchSettings.evidence
    distinct_sentences: int = 0
    depth: Depth = Depth.MISSING
    stance: Stance | None = None  # the dominant stance over its sentences; None if missing
    searched: SearchInfo | None = None  # what was searched: makes "missing" honest


@dataclass(frozen=True)
class SearchInfo:
    """What a "missing" verdict rests on: the search, the unreadable pages, the recall."""

    terms: int  # terms of the theme in the lexicon
    variants: int  # word forms searched for (inflections, spellings)
    unreadable_pages: int  # pages without a usable text layer
    recall: float | None  # measured recall of the theme on the accuracy set, if known


@dataclass(frozen=True)
class DocumentReport:
    file: str
    municipality: str
    sha256: str
    pages: int
    pages_without_text: tuple[int, ...]
    warnings: tuple[str, ...]
    error: str | None
    themes: tuple[ThemeCoverage, ...]
    error_code: int | None = None  # ExitCode value when error is set
    location_unit: str = "page"  # "section" when page numbers are section numbers
    # A sample of hashed word 5-grams of the text (see ``duplicates.fingerprint``), so a
    # batch can flag joint visies without keeping texts; not part of the JSON report.
    fingerprint: tuple[int, ...] = field(default=(), repr=False)
    shingles: int = 0

    @property
    def failed(self) -> bool:
        return self.error is not None

    def coverage(self, theme_id: str) -> ThemeCoverage:
        for coverage in self.themes:
            if coverage.theme_id == theme_id:
                return coverage
        raise KeyError(theme_id)


@dataclass(frozen=True)
class LexiconInfo:
    name: str
    version: str
    themes: int


@dataclass(frozen=True)
class Report:
    """What ``check`` and ``batch`` produce: one entry per document, in input order."""

    tool_version: str
    lexicon: LexiconInfo
    documents: tuple[DocumentReport, ...]
    selected_themes: tuple[str, ...] = field(default=())
    # batch: documents that share most of their text (a joint visie), by file
    duplicates: tuple[DuplicatePair, ...] = field(default=())
    # things about the run itself, for people (stderr), not data: e.g. that this
    # platform cannot cap a worker's memory. Not part of any export.
    notices: tuple[str, ...] = field(default=())
