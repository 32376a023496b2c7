"""Precision and recall of the readiness lexicon (gereedheid-nl) on the blind labelled set.

Sentence level: each item of ``tests/data/readiness-blind.yaml`` is one sentence with the
signals a reader gave it (often none). The lens finds a signal in a sentence when the
matcher gives it a hit that counts (``analyse.readiness.counts_as_signal``), exactly as
in a report. Per signal, a true positive is a labelled signal that was found; overall
figures are micro-averaged over all (sentence, signal) pairs.

    python -m benchmarks.readiness.blind [path/to/readiness-blind.yaml]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from visiecheck.analyse.matching import get_matcher
from visiecheck.analyse.readiness import READINESS_LEXICON, signals_in_text
from visiecheck.lexicon import load_lexicon
from visiecheck.options import MatchOptions

BLIND_SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "readiness-blind.yaml"


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        labelled = self.true_positives + self.false_negatives
        return self.true_positives / labelled if labelled else 1.0


def measure(path: Path = BLIND_SET) -> dict[str, Score]:
    """Score per signal id, and ``"overall"`` (micro-average), on the labelled set."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    lexicon = load_lexicon(READINESS_LEXICON)
    matcher = get_matcher(lexicon, MatchOptions())
    counts = {signal: [0, 0, 0] for signal in lexicon.theme_ids}
    for item in items:
        labelled = set(item["signals"] or ())
        found = signals_in_text(matcher.match_text(item["text"]))
        for signal, count in counts.items():
            count[0] += signal in labelled and signal in found
            count[1] += signal not in labelled and signal in found
            count[2] += signal in labelled and signal not in found
    scores = {signal: Score(*count) for signal, count in counts.items()}
    scores["overall"] = Score(*(sum(count[i] for count in counts.values()) for i in range(3)))
    return scores


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else BLIND_SET
    print(f"{'signal':<26} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    for signal, score in measure(path).items():
        print(
            f"{signal:<26} {score.true_positives:>4} {score.false_positives:>4} "
            f"{score.false_negatives:>4} {score.precision:>10.2f} {score.recall:>8.2f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
