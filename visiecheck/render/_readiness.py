"""The words of the readiness block "Huiswerk klaar", shared by every format.

Per signal: its label in the report's language, ``✔ gevonden`` / ``✘ niet gevonden``,
and either the strongest evidence (where, and the sentence) or the advice line of the
lexicon: what the draft could add.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import DocumentReport, ReadinessSignal, Report
from ..theme_names import theme_codes
from ._text import hit_location
from .i18n import lexicon_text, t

FOUND_SYMBOL = "✔"
NOT_FOUND_SYMBOL = "✘"


def signal_label(signal: ReadinessSignal, lang: str) -> str:
    """The signal's label in ``lang`` (the Dutch one when there is no English label)."""
    return signal.label_en if lang == "en" and signal.label_en else signal.label


def found_word(found: bool, lang: str) -> str:
    return t("readiness.found" if found else "readiness.not_found", lang)


def found_label(found: bool, lang: str) -> str:
    """``✔ gevonden`` or ``✘ niet gevonden``: the symbol carries it without colour."""
    return f"{FOUND_SYMBOL if found else NOT_FOUND_SYMBOL} {found_word(found, lang)}"


def readiness_summary(document: DocumentReport, lang: str) -> str:
    found = sum(signal.found for signal in document.readiness)
    return t("readiness.summary", lang, found=found, total=len(document.readiness))


def readiness_intro(report: Report, lang: str) -> str:
    info = report.readiness_lexicon
    return t("readiness.intro", lang, lexicon=lexicon_text(info, lang) if info else "")


def advice_line(signal: ReadinessSignal, lang: str) -> str:
    """``Advies: …``, or ``""`` for a found signal or one without advice."""
    advice = "" if signal.found else signal.advice_text(lang)
    return t("readiness.advice", lang, advice=advice) if advice else ""


def evidence_place(signal: ReadinessSignal, document: DocumentReport, lang: str) -> str:
    """Where the strongest evidence stands (``p. 7, 4 Bodem``), ``""`` when none."""
    if not signal.evidence:
        return ""
    return hit_location(signal.evidence[0], document, lang)


def shows_readiness(report: Report) -> bool:
    """Whether the lens was asked for (then every format has the block)."""
    return report.readiness_lexicon is not None


# --- the batch's second matrix: municipalities × readiness signals -------------------


@dataclass(frozen=True)
class SignalColumn:
    id: str
    code: str  # BAS, DAT, OPG, ORG, STU, WAR
    label: str  # in the report language


def signal_columns(report: Report, lang: str) -> list[SignalColumn]:
    """The readiness signals of the report in lexicon order, each with a short code."""
    signals = report.readiness_signals
    codes = theme_codes([signal_id for signal_id, _label, _label_en in signals])
    return [
        SignalColumn(signal_id, codes[signal_id], label_en if lang == "en" and label_en else label)
        for signal_id, label, label_en in signals
    ]


def signal_found(document: DocumentReport, signal_id: str) -> bool | None:
    """Whether the document shows the signal; None when it has no readiness block."""
    for signal in document.readiness:
        if signal.signal_id == signal_id:
            return signal.found
    return None


def signal_symbol(found: bool | None) -> str:
    return "·" if found is None else FOUND_SYMBOL if found else NOT_FOUND_SYMBOL


def found_count_cell(document: DocumentReport) -> str:
    """``4/6``: signals found of all signals."""
    return f"{sum(signal.found for signal in document.readiness)}/{len(document.readiness)}"


def signal_total(documents: list[DocumentReport], signal_id: str) -> int:
    """How many of these (primary) documents show the signal."""
    return sum(1 for document in documents if signal_found(document, signal_id))


def matrix_legend(columns: list[SignalColumn], lang: str) -> str:
    """``✔ gevonden, ✘ niet gevonden; BAS = Basiskennis van de ondergrond, …``."""
    codes = ", ".join(f"{column.code} = {column.label}" for column in columns)
    return f"{found_label(True, lang)}, {found_label(False, lang)}; {codes}"
