"""Run a lexicon's example sentences through the matcher (``visiecheck lexicon test``).

A ``match`` example must give at least one hit for its theme; a ``no_match`` example
must give none. Each failure says which term fired (or that none did).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..models import Lexicon
from ..options import MatchSettings
from .matching import get_matcher


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


def run_examples(lexicon: Lexicon, settings: MatchSettings | None = None) -> ExampleRun:
    matcher = get_matcher(lexicon, settings or MatchSettings())
    failures: list[ExampleFailure] = []
    total = 0
    for theme in lexicon.themes:
        for expected, sentences in (
            ("match", theme.examples_match),
            ("no_match", theme.examples_no_match),
        ):
            for sentence in sentences:
                total += 1
                fired = tuple(
                    dict.fromkeys(
                        f"{hit.term} ({hit.matched_text})"
                        for hit in matcher.match_text(sentence)
                        if hit.theme_id == theme.id
                    )
                )
                if (expected == "match") != bool(fired):
                    failures.append(ExampleFailure(theme.id, expected, sentence, fired))  # type: ignore[arg-type]
    return ExampleRun(total=total, failures=tuple(failures))
