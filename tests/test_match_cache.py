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


def test_the_cache_key_covers_every_module_that_decides_hits() -> None:
    """A change to any analysis module the matcher or the coverage rules import must
    invalidate cached reports; kernel modules (models, settings) are data, not rules."""
    import re
    from pathlib import Path

    from visiecheck import match_cache

    package = Path(match_cache.__file__).resolve().parent
    kernel = {"models", "settings", "errors"}
    for source in match_cache._MATCHER_SOURCES:
        text = (package / source).read_text(encoding="utf-8")
        for module in re.findall(r"^\s*from \.(\w+) import", text, re.MULTILINE):
            assert module in kernel or f"{module}.py" in match_cache._MATCHER_SOURCES, (
                source,
                module,
            )
