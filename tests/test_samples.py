"""The bundled sample visies: reproducible from their text, and checked exactly.

``samples/expected.json`` is the hand-made ground truth (status per theme and the pages
with body sentences about it), written from the texts before the tool was run on them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samples import make_samples
from visiecheck.models import Context
from visiecheck.options import Options, ReadOptions, ReportOptions
from visiecheck.pipeline import check

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
NAMES = [name for name in EXPECTED if not name.startswith("_")]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("name", NAMES)
def test_sample_verdicts_match_the_ground_truth(name: str, engine: str) -> None:
    report = check(
        [SAMPLES / f"{name}.pdf"],
        options=Options(read=ReadOptions(engine=engine), report=ReportOptions(evidence=1000)),
    )
    (document,) = report.documents
    expected = EXPECTED[name]
    assert document.pages == expected["pages"]
    got = {
        c.theme_id: (
            c.status.value,
            sorted({hit.page for hit in c.evidence if hit.context is Context.BODY}),
        )
        for c in document.themes
    }
    want = {
        theme_id: (truth["status"], truth["body"]) for theme_id, truth in expected["themes"].items()
    }
    assert got == want


def test_committed_sample_pdfs_are_what_the_script_builds(tmp_path: Path) -> None:
    for name in NAMES:
        source = make_samples.parse(make_samples.TEXT_DIR / f"{name}.md")
        built = make_samples.build(source, tmp_path)
        assert built.read_bytes() == (SAMPLES / f"{name}.pdf").read_bytes(), name
