"""The match cache stores a DocumentReport losslessly (every field, every enum)."""

from __future__ import annotations

from pathlib import Path

import pytest

from visiecheck.options import Options, ReportOptions
from visiecheck.pipeline import check
from visiecheck.run.match_cache import from_payload, to_payload

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "omgevingsvisie-beekdal.pdf"


def test_report_round_trips_through_the_cache_payload() -> None:
    (document,) = check([SAMPLE], options=Options(report=ReportOptions(evidence=3))).documents
    assert any(c.stance is not None for c in document.themes)
    assert any(h.section for c in document.themes for h in c.evidence)
    assert from_payload(to_payload(document)) == document


def test_the_cache_key_changes_with_any_analysis_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing any module of the analyse wing must invalidate cached reports."""
    import shutil

    from visiecheck.run import match_cache

    package = Path(match_cache.__file__).resolve().parent.parent
    copy = tmp_path / "visiecheck"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "lexicons"))
    monkeypatch.setattr(match_cache, "__file__", str(copy / "run" / "match_cache.py"))
    match_cache.matcher_version.cache_clear()
    before = match_cache.matcher_version()
    stance = copy / "analyse" / "stance.py"
    stance.write_text(stance.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    match_cache.matcher_version.cache_clear()
    after = match_cache.matcher_version()
    match_cache.matcher_version.cache_clear()
    assert before != after
