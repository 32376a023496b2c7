"""The match cache stores a DocumentReport losslessly (every field, every enum)."""

from __future__ import annotations

from pathlib import Path

from visiecheck.check import check
from visiecheck.match_cache import from_payload, to_payload
from visiecheck.settings import MatchSettings

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "omgevingsvisie-beekdal.pdf"


def test_report_round_trips_through_the_cache_payload() -> None:
    (document,) = check([SAMPLE], settings=MatchSettings(evidence=3)).documents
    assert any(c.stance is not None for c in document.themes)
    assert any(h.section for c in document.themes for h in c.evidence)
    assert from_payload(to_payload(document)) == document
