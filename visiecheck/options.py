"""The tunable knobs of one run, grouped by the stage they belong to, with named defaults.

- ``ReadOptions``: how a file becomes text (engine, password, OCR, the caches);
- ``MatchOptions``: how text becomes hits (fuzzy matching); the compiled matcher is
  cached per lexicon and ``MatchOptions``, so nothing else can make it rebuild;
- ``ReportOptions``: how hits become a verdict and how much evidence a report lists.

``Options`` bundles the three for the pipeline and the workers. Each ``validate()``
runs before any file is opened, so a bad value fails fast with a ``UsageError`` that
names the option's field; the CLI checks its own flags and names those.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import UsageError
from .messages import Msg

ENGINES = ("pdfium", "pdfplumber")
LANGUAGES = ("nl", "en")

DEFAULT_ENGINE = "pdfium"
DEFAULT_EVIDENCE = 5
DEFAULT_EXAMPLES = 3
# A theme is *addressed* when its terms stand in at least this many distinct body
# sentences (or in a heading with a body sentence under it); fewer is *mentioned*.
DEFAULT_ADDRESSED_MIN_SENTENCES = 2
# Fuzzy matching (OCR noise) only for terms at least this long, within this distance.
DEFAULT_FUZZY_MIN_LENGTH = 9
DEFAULT_FUZZY_MAX_DISTANCE = 2


@dataclass(frozen=True)
class ReadOptions:
    """How a file is read."""

    engine: str = DEFAULT_ENGINE
    password: str | None = None
    ocr: bool = False  # read pages without a text layer with OCRmyPDF + Tesseract (nld)
    use_cache: bool = True  # the extraction cache and the result cache

    def validate(self) -> ReadOptions:
        if self.engine not in ENGINES:
            raise UsageError(
                Msg(
                    "usage.unknown_value",
                    option="engine",
                    value=self.engine,
                    choices=", ".join(ENGINES),
                )
            )
        return self

    @property
    def caches_results(self) -> bool:
        """Results of a password-protected file are never stored."""
        return self.use_cache and self.password is None


@dataclass(frozen=True)
class MatchOptions:
    """How the lexicon's terms are found in the text."""

    fuzzy: bool = True
    fuzzy_min_length: int = DEFAULT_FUZZY_MIN_LENGTH
    fuzzy_max_distance: int = DEFAULT_FUZZY_MAX_DISTANCE

    def validate(self) -> MatchOptions:
        if self.fuzzy_min_length < 5:
            raise UsageError(Msg("usage.fuzzy_min_length"))
        if not 0 <= self.fuzzy_max_distance <= 3:
            raise UsageError(Msg("usage.fuzzy_max_distance"))
        return self


@dataclass(frozen=True)
class ReportOptions:
    """How hits become a verdict per theme, and how much evidence is kept."""

    evidence: int = DEFAULT_EVIDENCE  # evidence sentences per theme and document
    addressed_min_sentences: int = DEFAULT_ADDRESSED_MIN_SENTENCES
    # regional examples per theme in a batch overview (policy choices of neighbours)
    examples: int = DEFAULT_EXAMPLES
    # the readiness lens "Huiswerk klaar": also run the shipped readiness lexicon
    # (gereedheid-nl) over the same text; never changes the theme verdicts
    readiness: bool = False

    def validate(self) -> ReportOptions:
        if self.evidence < 0:
            raise UsageError(
                Msg("usage.not_below", option="evidence", minimum=0, value=self.evidence)
            )
        if self.examples < 0:
            raise UsageError(
                Msg("usage.not_below", option="examples", minimum=0, value=self.examples)
            )
        if self.addressed_min_sentences < 1:
            raise UsageError(
                Msg("usage.at_least", option="addressed_min_sentences", minimum=1, unit="")
            )
        return self


@dataclass(frozen=True)
class Options:
    """All options of one run, as the pipeline and the workers take them."""

    read: ReadOptions = field(default_factory=ReadOptions)
    match: MatchOptions = field(default_factory=MatchOptions)
    report: ReportOptions = field(default_factory=ReportOptions)

    def validate(self) -> Options:
        self.read.validate()
        self.match.validate()
        self.report.validate()
        return self


# What every batch worker imports before its first document: once in the fork server
# that workers are forked from, or by each worker where there is none (see isolation).
BATCH_PRELOAD_MODULES = ("visiecheck.run.worker_preload",)
