"""The data that flows between the stages: extract → normalise → match → assess → report.

All frozen dataclasses; no stage prints. Renderers turn a ``Report`` into text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from .messages import Hints, Msg, render


def _warning_texts(
    warnings: tuple[str, ...], messages: tuple[Msg, ...], lang: str, hints: Hints | None
) -> tuple[str, ...]:
    if len(messages) != len(warnings):  # made without keys (an older cache, by hand)
        return warnings
    return tuple(message.text(lang, hints) for message in messages)


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
    # The reader could not load the page or read far less text than the page holds
    # (a damaged content stream): its text is missing, though it is no scan.
    damaged: bool = False
    # Documents with a marked structure (STOP XML, DSO JSON): the headings above this
    # section as the document gives them (its ``Divisie`` nesting) and the section's
    # kind (a ``Begrippenlijst`` is a glossary, a ``Bijlage`` an annex). None for
    # documents whose headings are recognised from the text.
    section_path: tuple[str, ...] | None = None
    section_kind: SectionKind | None = None


@dataclass(frozen=True)
class DocumentMetadata:
    """What a published visie (STOP XML, DSO JSON) says of itself; None where it is silent.

    ``status`` is ``"ontwerp"`` (a draft) or ``"vastgesteld"`` (adopted), the words a
    batch manifest uses; ``authority`` the code of the publishing authority (``gm0153``,
    ``pv28``, ``mnre1034``) and ``authority_name`` its name; ``municipality`` the
    municipality that name (or title) was recognised as; ``date`` an ISO date (valid from,
    or else announced on).
    """

    title: str | None = None
    identification: str | None = None  # the AKN work id, /akn/nl/act/...
    version: str | None = None
    status: str | None = None
    authority: str | None = None
    authority_name: str | None = None
    municipality: str | None = None
    date: str | None = None
    document_type: str | None = None  # e.g. /join/id/stop/regelingtype_006 (omgevingsvisie)


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
    # pdf, docx, html, text, stop (STOP XML) or dso (DSO JSON): what the content was read as
    source_format: str = "pdf"
    # The warnings as catalogue messages (``messages``), so a front end writes them in
    # its language; ``warnings`` is their Dutch text.
    warning_messages: tuple[Msg, ...] = field(default=(), repr=False)
    metadata: DocumentMetadata | None = None  # what a STOP/DSO document says of itself

    def warning_texts(self, lang: str = "nl", hints: Hints | None = None) -> tuple[str, ...]:
        return _warning_texts(self.warnings, self.warning_messages, lang, hints)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def pages_without_text(self) -> list[int]:
        """Pages without a text layer (scans); a damaged page is not one of them."""
        return [page.number for page in self.pages if not page.has_text_layer and not page.damaged]

    @property
    def damaged_pages(self) -> list[int]:
        return [page.number for page in self.pages if page.damaged]

    @property
    def unreadable_pages(self) -> int:
        """Pages whose text was not searched: without a text layer, or damaged."""
        return sum(1 for page in self.pages if page.damaged or not page.has_text_layer)


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
    ``moves_to``: (sister theme, cue words) — with a cue in the same paragraph (or, with
    ``moves_scope`` "sentence", the same sentence) the hit counts for the sister theme
    instead, unless a ``stays_with`` word stands there too (groundwater next to a water
    company moves to drinkwater, unless its level or quality is spoken of).
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
    moves_scope: Literal["paragraph", "sentence"] = "paragraph"
    stays_with: tuple[str, ...] = ()


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
    # other names a user may give for the theme in --themes or explain (WKO,
    # warmte-koudeopslag); never searched for in documents (see ``theme_names``)
    aliases: tuple[str, ...] = ()
    # what to add when this signal of a readiness lexicon is not found (one line each)
    advice: str = ""
    advice_en: str = ""


@dataclass(frozen=True)
class Lexicon:
    name: str
    version: str
    language: str
    themes: tuple[Theme, ...]
    source: str = ""  # the file it was read from (for messages)
    content_hash: str = ""  # see LexiconInfo.content_hash
    modified: bool = False  # see LexiconInfo.modified
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

    @property
    def info(self) -> LexiconInfo:
        """What a report records of the lexicon it was made with."""
        return LexiconInfo(
            name=self.name,
            version=self.version,
            themes=len(self.themes),
            content_hash=self.content_hash,
            modified=self.modified,
        )


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
    # where the match begins in ``snippet`` (whose whitespace is normalised, so a match
    # across a line break reads with a space); -1 when unknown (older cached results)
    snippet_start: int = -1
    # In a document with a marked structure (STOP/DSO): the 1-based paragraph of its
    # section, headings not counted; 0 in a heading or for documents without one.
    paragraph: int = 0


@dataclass(frozen=True)
class Explanation:
    """Every hit of one theme in one file (``explain``), in page order."""

    file: str
    theme_id: str  # the theme's id, whatever name the user gave
    hits: tuple[Hit, ...]
    location_unit: str = "page"  # "section" when page numbers are section numbers


@dataclass(frozen=True)
class ThemeCoverage:
    theme_id: str
    label: str
    label_en: str
    status: Status
    mentions: int
    pages: tuple[int, ...]
    evidence: tuple[Hit, ...]  # strongest first, capped by ReportOptions.evidence
    distinct_sentences: int = 0
    depth: Depth = Depth.MISSING
    stance: Stance | None = None  # the dominant stance over its sentences; None if missing
    searched: SearchInfo | None = None  # what was searched: makes "missing" honest


class SignalStatus(StrEnum):
    """Whether a readiness signal ("Huiswerk klaar") stands in a document's own text."""

    FOUND = "found"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class ReadinessSignal:
    """One signal of the readiness lens in one document: found or not, with evidence.

    Found when a term of the signal stands in a body sentence of the visie's own text
    (or an annex), not merely in a heading, contents line, glossary or source list.
    ``evidence`` lists those sentences, strongest first, capped as for themes;
    ``advice`` (Dutch) and ``advice_en`` say what to add when it is not found.
    """

    signal_id: str
    label: str
    label_en: str
    status: SignalStatus
    evidence: tuple[Hit, ...] = ()
    advice: str = ""
    advice_en: str = ""

    @property
    def found(self) -> bool:
        return self.status is SignalStatus.FOUND

    def advice_text(self, lang: str = "nl") -> str:
        """The advice in ``lang``; the Dutch line where a lexicon has no English one."""
        return (self.advice_en or self.advice) if lang == "en" else self.advice


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
    # What the batch input says of the document (a manifest's versie and status columns)
    # and the file's own date: they tell a draft from the adopted visie of one
    # municipality. Set by the api after checking, never cached with the result.
    version: str | None = None
    status: str | None = None  # e.g. "ontwerp", "vastgesteld", as the manifest writes it
    file_date: str | None = None  # ISO date (YYYY-MM-DD) of the file's last change
    # The read error as a message of the catalogue (``messages``), so a report writes it
    # in its own language; ``error`` is its English text. Not part of the JSON report.
    error_key: str | None = None
    error_params: tuple[tuple[str, Any], ...] = field(default=(), repr=False)
    # The warnings as catalogue messages; ``warnings`` is their Dutch text.
    warning_messages: tuple[Msg, ...] = field(default=(), repr=False)
    # the readiness lens (``ReportOptions.readiness``): one entry per signal, in lexicon
    # order; empty when the lens was not asked for. Never changes ``themes``.
    readiness: tuple[ReadinessSignal, ...] = ()
    # What a published visie (STOP XML, DSO JSON) says of itself; None for other formats.
    metadata: DocumentMetadata | None = None
    source_format: str | None = None  # what the content was read as (Document.source_format)

    def warning_texts(self, lang: str = "nl", hints: Hints | None = None) -> tuple[str, ...]:
        """The warnings in ``lang``; ``warnings`` as they are when they have no keys."""
        return _warning_texts(self.warnings, self.warning_messages, lang, hints)

    @property
    def failed(self) -> bool:
        return self.error is not None

    def error_text(self, lang: str = "en", hints: Hints | None = None) -> str | None:
        """The read error in ``lang`` (``nl`` or ``en``); ``error`` as it is when the
        error has no catalogue key (an older or hand-made report)."""
        if self.error is None or self.error_key is None:
            return self.error
        return render(self.error_key, dict(self.error_params), lang, hints)

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
    # the first 12 hex digits of the SHA-256 of the lexicon file (and of the files it
    # extends): two reports with the same hash were made with the same terms
    content_hash: str = ""
    # the file carries a shipped lexicon's name but not its content: an edited copy
    modified: bool = False


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
    notices: tuple[str, ...] = field(default=())  # their Dutch text
    notice_messages: tuple[Msg, ...] = field(default=(), repr=False)
    # one entry per municipality: which document its matrix row shows (a batch of
    # drafts and adopted visies has several documents per municipality)
    groups: tuple[MunicipalityGroup, ...] = field(default=())
    # per theme, the strongest policy choices of the municipalities that address it
    examples: tuple[RegionalExample, ...] = field(default=())
    created: str = ""  # when the run was made, ISO 8601 in local time with offset
    # the lexicon of the readiness lens, when it was asked for (``ReportOptions.readiness``)
    readiness_lexicon: LexiconInfo | None = None

    @property
    def readiness_signals(self) -> tuple[tuple[str, str, str], ...]:
        """(id, label, label_en) of every readiness signal, in lexicon order, from the
        first document that has the lens (for the batch's second matrix)."""
        for document in self.documents:
            if document.readiness:
                return tuple(
                    (signal.signal_id, signal.label, signal.label_en)
                    for signal in document.readiness
                )
        return ()

    def notice_texts(self, lang: str = "nl", hints: Hints | None = None) -> tuple[str, ...]:
        """The notices in ``lang``; ``notices`` as they are when they have no keys."""
        return _warning_texts(self.notices, self.notice_messages, lang, hints)

    def group_of(self, file: str) -> MunicipalityGroup | None:
        for group in self.groups:
            if file == group.primary or file in group.others:
                return group
        return None

    def document(self, file: str) -> DocumentReport:
        for document in self.documents:
            if document.file == file:
                return document
        raise KeyError(file)


@dataclass(frozen=True)
class MunicipalityGroup:
    """The documents of one municipality in a batch.

    ``primary`` is the document its matrix row shows: the adopted one before a draft,
    then the highest version, then the newest file (``reason`` says which rule decided:
    ``only``, ``status``, ``version``, ``date`` or ``order``). ``others`` are the rest,
    in the same order of preference. A document that failed is only primary when every
    document of the municipality failed.
    """

    municipality: str
    primary: str  # DocumentReport.file
    others: tuple[str, ...] = ()
    reason: str = "only"

    @property
    def files(self) -> tuple[str, ...]:
        return (self.primary, *self.others)


@dataclass(frozen=True)
class RegionalExample:
    """A policy-choice sentence of one municipality on one theme: how a neighbour wrote it."""

    theme_id: str
    municipality: str
    file: str
    page: int
    location_unit: str  # "page" or "section", as in the document's report
    section: str
    snippet: str
    stance: Stance | None


# --- stance -----------------------------------------------------------------------


class Stance(StrEnum):
    """What a sentence does with its theme."""

    AMBITION = "ambition"
    CONDITION = "condition"
    EXCLUSION = "exclusion"
    BACKGROUND = "background"


# --- joint visies -------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicatePair:
    """Two documents (keys of the input, ``a < b``) that share most of their text."""

    a: str
    b: str
    jaccard: float  # shared shingles / all shingles of the two
    containment: float  # shared shingles / shingles of the smaller one


# --- comparing two drafts (visiecheck diff) ----------------------------------------


class Change(StrEnum):
    """How a theme's status moved from the old draft to the new one."""

    GAINED = "gained"  # missing → mentioned/addressed
    LOST = "lost"  # mentioned/addressed → missing
    IMPROVED = "improved"  # mentioned → addressed
    WEAKENED = "weakened"  # addressed → mentioned
    UNCHANGED = "unchanged"


class EvidenceKind(StrEnum):
    """What happened to one evidence sentence."""

    LOST = "lost"  # in the old draft only
    NEW = "new"  # in the new draft only
    MOVED = "moved"  # the same sentence on other pages
    REWORDED = "reworded"  # a lost and a new sentence that are nearly the same


@dataclass(frozen=True)
class EvidenceChange:
    """One sentence that changed; ``old``/``new`` are the snippets as reported ("" if none)."""

    kind: EvidenceKind
    old: str
    new: str
    old_pages: tuple[int, ...]
    new_pages: tuple[int, ...]


@dataclass(frozen=True)
class ThemeDiff:
    theme_id: str
    label: str
    label_en: str
    old_status: Status
    new_status: Status
    change: Change
    old_mentions: int
    new_mentions: int
    pages_added: tuple[int, ...]
    pages_removed: tuple[int, ...]
    evidence: tuple[EvidenceChange, ...]  # lost, reworded, moved, new; each in page order
    old_stance: Stance | None = None  # None when no stance data was given
    new_stance: Stance | None = None

    @property
    def mentions_delta(self) -> int:
        return self.new_mentions - self.old_mentions

    @property
    def stance_changed(self) -> bool:
        return (
            self.old_stance is not None
            and self.new_stance is not None
            and self.old_stance != self.new_stance
        )

    @property
    def changed(self) -> bool:
        """Whether anything at all differs for this theme."""
        return bool(
            self.change is not Change.UNCHANGED
            or self.mentions_delta
            or self.pages_added
            or self.pages_removed
            or self.evidence
            or self.stance_changed
        )


@dataclass(frozen=True)
class DiffSide:
    """Which document one side of the diff is."""

    file: str
    municipality: str
    sha256: str
    pages: int


@dataclass(frozen=True)
class DocumentDiff:
    old: DiffSide
    new: DiffSide
    themes: tuple[ThemeDiff, ...]  # themes checked in both reports, in the new report's order
    only_old: tuple[str, ...] = ()  # theme ids checked in the old report only
    only_new: tuple[str, ...] = ()

    @property
    def identical_files(self) -> bool:
        return bool(self.old.sha256) and self.old.sha256 == self.new.sha256

    @property
    def changed_themes(self) -> tuple[ThemeDiff, ...]:
        return tuple(theme for theme in self.themes if theme.changed)

    def theme(self, theme_id: str) -> ThemeDiff:
        for theme in self.themes:
            if theme.theme_id == theme_id:
                return theme
        raise KeyError(theme_id)


# --- lexicon suggestions ----------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A word the lexicon may be missing."""

    word: str  # lowercase
    count: int  # occurrences over all files
    theme_id: str  # the theme it leans to
    reason: str  # "head" (shares a term's last part), "modifier" or "cooccurrence"
    shared: str  # the shared part, or for co-occurrence the number of sentences with hits
    example: str  # one sentence it stands in
    files: int  # in how many files it occurs


# --- lexicon examples (visiecheck lexicon test) ------------------------------------


@dataclass(frozen=True)
class ExampleFailure:
    theme_id: str
    expected: Literal["match", "no_match"]
    sentence: str
    fired_terms: tuple[str, ...]  # for a no_match failure: the terms that matched


@dataclass(frozen=True)
class ExampleRun:
    total: int
    failures: tuple[ExampleFailure, ...]

    @property
    def passed(self) -> int:
        return self.total - len(self.failures)
