"""The readiness lens "Huiswerk klaar": signals instead of themes (pure functions).

The lens runs a second lexicon (``gereedheid-nl``) through the same matcher over the
same document text and asks per signal one question: does a term of it stand in a body
sentence of the visie's own text? A heading, contents line, glossary entry or source
list only names a thing; an incidental hit (a list of activities, history) is no work
with the subsurface either. Signals are never mixed with themes: the theme verdicts are
made from the theme lexicon's hits alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Context, Hit, Lexicon, ReadinessSignal, SignalStatus
from ..options import ReportOptions
from .coverage import OWN_TEXT, strongest_evidence

# The readiness lexicon that ships with visiecheck.
READINESS_LEXICON = "gereedheid-nl"


def counts_as_signal(hit: Hit) -> bool:
    """A hit that shows the signal: body text of the visie's own text, not incidental."""
    return hit.context is Context.BODY and hit.section_kind in OWN_TEXT and not hit.incidental


def assess_readiness(
    hits: Iterable[Hit], lexicon: Lexicon, options: ReportOptions
) -> tuple[ReadinessSignal, ...]:
    """Every signal of ``lexicon``, in lexicon order: found or not, with its evidence."""
    by_signal: dict[str, list[Hit]] = {}
    for hit in hits:
        if counts_as_signal(hit):
            by_signal.setdefault(hit.theme_id, []).append(hit)
    return tuple(
        ReadinessSignal(
            signal_id=signal.id,
            label=signal.label,
            label_en=signal.label_en,
            status=SignalStatus.FOUND if signal.id in by_signal else SignalStatus.NOT_FOUND,
            evidence=strongest_evidence(by_signal.get(signal.id, ()), options.evidence),
            advice=signal.advice,
            advice_en=signal.advice_en,
        )
        for signal in lexicon.themes
    )


def signals_in_text(hits: Iterable[Hit]) -> set[str]:
    """The signals shown by these hits (one sentence's, for the labelled set)."""
    return {hit.theme_id for hit in hits if counts_as_signal(hit)}
