"""All tunable knobs of one run, as one validated dataclass with named defaults.

The CLI maps its options onto these fields; ``validate()`` runs before any file is
opened, so a bad option fails fast with a usage error instead of halfway a batch.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import UsageError

ENGINES = ("pdfium", "pdfplumber")
LANGUAGES = ("nl", "en")

DEFAULT_ENGINE = "pdfium"
DEFAULT_EVIDENCE = 5
# A theme is *addressed* when its terms stand in at least this many distinct body
# sentences (or in a heading with a body sentence under it); fewer is *mentioned*.
DEFAULT_ADDRESSED_MIN_SENTENCES = 2
# Fuzzy matching (OCR noise) only for terms at least this long, within this distance.
DEFAULT_FUZZY_MIN_LENGTH = 9
DEFAULT_FUZZY_MAX_DISTANCE = 2


@dataclass(frozen=True)
class MatchSettings:
    engine: str = DEFAULT_ENGINE
    evidence: int = DEFAULT_EVIDENCE
    addressed_min_sentences: int = DEFAULT_ADDRESSED_MIN_SENTENCES
    fuzzy: bool = True
    fuzzy_min_length: int = DEFAULT_FUZZY_MIN_LENGTH
    fuzzy_max_distance: int = DEFAULT_FUZZY_MAX_DISTANCE
    use_cache: bool = True
    password: str | None = None
    ocr: bool = False  # read pages without a text layer with OCRmyPDF + Tesseract (nld)

    def validate(self) -> MatchSettings:
        if self.engine not in ENGINES:
            raise UsageError(f"unknown engine {self.engine!r}; choose one of: {', '.join(ENGINES)}")
        if self.evidence < 0:
            raise UsageError("--evidence must be 0 or more")
        if self.addressed_min_sentences < 1:
            raise UsageError("addressed_min_sentences must be at least 1")
        if self.fuzzy_min_length < 5:
            raise UsageError("fuzzy_min_length below 5 would make short words match noise")
        if not 0 <= self.fuzzy_max_distance <= 3:
            raise UsageError("fuzzy_max_distance must be between 0 and 3")
        return self


# What every batch worker imports before its first document: once in the fork server
# that workers are forked from, or by each worker where there is none (see isolation).
BATCH_PRELOAD_MODULES = ("visiecheck.run.worker_preload",)
