"""Pure metric functions for the accuracy benchmark (no I/O, no visiecheck imports).

Every labelled item has a gold set of theme ids and a predicted set. For one theme, each
item is one yes/no decision; micro averages sum those decisions over all themes, so an
item with two gold themes counts twice. Undefined ratios (0/0) are ``None`` rather than
0 or 1, so a theme that was never predicted is not silently reported as perfect.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    """Confusion counts for one theme (or summed over themes)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def support(self) -> int:
        """Number of gold positives."""
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.support if self.support else None

    @property
    def f1(self) -> float | None:
        # 2TP / (2TP + FP + FN) equals the harmonic mean of P and R when both exist,
        # and stays defined (0.0) when there are predictions but no hits.
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.support,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Evaluation:
    """Per-theme counts plus their micro and macro summaries."""

    per_theme: dict[str, Counts]

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.per_theme.values():
            total = total + counts
        return total

    @property
    def macro_f1(self) -> float | None:
        """Mean F1 over themes that have an F1 (themes with no gold and no predictions skip)."""
        values = [c.f1 for c in self.per_theme.values() if c.f1 is not None]
        return sum(values) / len(values) if values else None

    def as_dict(self) -> dict[str, object]:
        return {
            "per_theme": {theme: c.as_dict() for theme, c in self.per_theme.items()},
            "micro": self.micro.as_dict(),
            "macro_f1": self.macro_f1,
        }


def theme_counts(
    gold: Sequence[frozenset[str] | set[str]],
    predicted: Sequence[frozenset[str] | set[str]],
    theme: str,
) -> Counts:
    """TP/FP/FN for one theme over aligned gold and predicted sets."""
    if len(gold) != len(predicted):
        raise ValueError(f"gold has {len(gold)} items, predicted has {len(predicted)}")
    tp = fp = fn = 0
    for gold_set, predicted_set in zip(gold, predicted, strict=True):
        in_gold = theme in gold_set
        in_predicted = theme in predicted_set
        if in_gold and in_predicted:
            tp += 1
        elif in_predicted:
            fp += 1
        elif in_gold:
            fn += 1
    return Counts(tp, fp, fn)


def evaluate(
    gold: Sequence[frozenset[str] | set[str]],
    predicted: Sequence[frozenset[str] | set[str]],
    themes: Iterable[str],
) -> Evaluation:
    """Counts for every theme in ``themes`` (in that order).

    Predicted ids outside ``themes`` are ignored: the benchmark scores the contract's
    themes, and an extra theme in a custom lexicon is not an error of the default one.
    """
    return Evaluation({theme: theme_counts(gold, predicted, theme) for theme in themes})


@dataclass(frozen=True)
class Disagreement:
    """One wrong decision: ``kind`` is "fp" (predicted, not labelled) or "fn" (missed)."""

    item_id: str
    theme: str
    kind: str


def disagreements(
    ids: Sequence[str],
    gold: Sequence[frozenset[str] | set[str]],
    predicted: Sequence[frozenset[str] | set[str]],
    themes: Iterable[str],
) -> list[Disagreement]:
    """All false positives and false negatives, in item order, then theme order."""
    theme_list = list(themes)
    wrong: list[Disagreement] = []
    for item_id, gold_set, predicted_set in zip(ids, gold, predicted, strict=True):
        for theme in theme_list:
            if theme in predicted_set and theme not in gold_set:
                wrong.append(Disagreement(item_id, theme, "fp"))
            elif theme in gold_set and theme not in predicted_set:
                wrong.append(Disagreement(item_id, theme, "fn"))
    return wrong


def accuracy(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Share of (gold, predicted) pairs that agree; ``None`` for no pairs."""
    total = correct = 0
    for gold_label, predicted_label in pairs:
        total += 1
        correct += gold_label == predicted_label
    return correct / total if total else None
