"""Run a lexicon's example sentences through the matcher (``visiecheck lexicon test``).

A ``match`` example must give at least one hit for its theme; a ``no_match`` example
must give none. Each failure says which term fired (or that none did).
"""

from __future__ import annotations

from ..models import ExampleFailure, ExampleRun, Lexicon
from ..options import MatchOptions
from .matching import get_matcher


def run_examples(lexicon: Lexicon, options: MatchOptions | None = None) -> ExampleRun:
    matcher = get_matcher(lexicon, options or MatchOptions())
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
