"""The Twente article this project started from (``../shared/seed``), as text and as PDF.

Skipped in a clone without ``../shared``. The article speaks of storing energy in, and
laying cables under, the ground in everyday words; both themes must be found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from visiecheck.models import Status
from visiecheck.pipeline import check

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed"
ARTICLE = SEED / "grip-op-de-ondergrond-twente.txt"
FOUND = ("ondergrondse_opslag", "ondergronds_ruimtegebruik")

pytestmark = pytest.mark.skipif(not ARTICLE.is_file(), reason="../shared/seed not present")


def _statuses(path: Path) -> dict[str, Status]:
    document = check([path]).documents[0]
    assert document.error is None
    return {coverage.theme_id: coverage.status for coverage in document.themes}


def test_the_article_as_text_names_storage_and_underground_space() -> None:
    statuses = _statuses(ARTICLE)
    for theme in FOUND:
        assert statuses[theme] is not Status.MISSING, theme


def test_the_article_as_pdf_names_storage_and_underground_space(
    make_pdf: Callable[..., Path],
) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        joined = re.sub(r"-\n(?=[a-zà-ÿ])", "", block)  # the magazine's line-end hyphens
        joined = " ".join(joined.split())
        if joined:
            paragraphs.append(joined.replace("&", "&amp;").replace("<", "&lt;"))
    pages = [paragraphs[start : start + 12] for start in range(0, len(paragraphs), 12)]
    statuses = _statuses(make_pdf(pages, columns=2, filename="grip-op-de-ondergrond.pdf"))
    for theme in FOUND:
        assert statuses[theme] is not Status.MISSING, theme
