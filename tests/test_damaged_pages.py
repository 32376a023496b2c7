"""Damaged PDF pages are said, not hidden (issue 14, round two).

Rows of the README subsection "Round two: damaged PDF pages". Each test builds its
damaged PDF at test time (``tests/damaged_pdf.py``).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import damaged_pdf
from tests.cli_helpers import cli
from visiecheck.errors import ExitCode
from visiecheck.extract import _damage, extract

INTRO = ["De omgevingsvisie beschrijft de koers voor de komende jaren."] * 3
# 1,600 characters; the theme (geothermie) stands only at the end of the page
BODY = ["De gemeente beschermt het grondwater in de waterwingebieden en de bodem."] * 21 + [
    "Geothermie is kansrijk voor de warmte van de nieuwe wijken in het noorden."
]


def _geothermie(report: dict) -> dict:
    (document,) = report["documents"]
    return next(theme for theme in document["themes"] if theme["id"] == "geothermie")


def test_flipped_bytes_in_a_page_stream_are_a_damaged_page(tmp_path: Path) -> None:
    path = damaged_pdf.two_page_pdf(tmp_path / "gekanteld.pdf", INTRO, BODY, flip=(0.7, 0.71, 0.73))
    code, stdout, stderr = cli("check", path, "--format", "json", "--themes", "geothermie")
    assert code == ExitCode.OK, stderr
    (document,) = json.loads(stdout)["documents"]
    assert document["warnings"] == [
        "1 pagina beschadigd (2): pdfium kon de tekst niet (volledig) lezen, dus deze tekst "
        "is niet doorzocht (probeer --engine pdfplumber)"
    ]
    assert document["pages_without_text"] == []  # damaged, not a scan: no --ocr hint
    assert _geothermie(json.loads(stdout))["searched"]["unreadable_pages"] == 1
    # The text report never says every page was readable.
    code, stdout, _ = cli("check", path, "--themes", "geothermie")
    assert "alle pagina's leesbaar" not in stdout
    assert "1 pagina onleesbaar" in stdout
    # The suggested engine recovers the text before the damage, and says what it lost.
    code, stdout, _ = cli("check", path, "--format", "json", "--engine", "pdfplumber")
    assert code == ExitCode.OK


def test_pages_with_little_text_and_image_pages_are_not_called_damaged(
    make_pdf: Callable[..., Path],
) -> None:
    pages = [["# Titel", "Omgevingsvisie"], ["# Grondwater", "Het grondwater. " * 120], ["x"]]
    document = extract(make_pdf(pages, image_only_pages=[3]), use_cache=False)
    assert document.damaged_pages == []
    assert document.pages_without_text == [3]
    assert not any("beschadigd" in warning for warning in document.warnings)


@pytest.mark.parametrize(
    "build",
    [
        lambda folder: damaged_pdf.self_referencing_tree_pdf(folder / "kringboom.pdf", BODY),
        lambda folder: damaged_pdf.deep_tree_pdf(folder / "diepe-boom.pdf", BODY, depth=3000),
    ],
    ids=["self-referencing", "3000-deep"],
)
def test_page_pdfium_cannot_load_is_a_damaged_page(
    tmp_path: Path, build: Callable[[Path], Path]
) -> None:
    path = build(tmp_path)
    code, stdout, stderr = cli("check", path, "--format", "json")
    assert code == ExitCode.OK, (
        stderr
    )  # was 70: "internal error (PdfiumError: Failed to load page.)"
    (document,) = json.loads(stdout)["documents"]
    assert document["pages"] == 2
    assert document["warnings"][0].startswith("1 pagina beschadigd (2): pdfium kon de tekst")


def test_pdf_whose_every_page_pdfium_cannot_load(tmp_path: Path) -> None:
    path = damaged_pdf.deep_tree_pdf(tmp_path / "alleen-diep.pdf", BODY, 3000, first_page=False)
    code, _, stderr = cli("extract", path)
    assert code == ExitCode.CORRUPT_FILE
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "pdfium kan geen enkele pagina van deze PDF laden" in lines[0]
    assert "probeer --engine pdfplumber" in lines[0]
    code, stdout, _ = cli("check", path, "--format", "json")
    assert code == ExitCode.CORRUPT_FILE
    assert "pdfium kan geen enkele pagina" in json.loads(stdout)["documents"][0]["error"]


def test_promised_bytes_counts_what_text_operators_draw() -> None:
    content = (
        b"BT (Grond) Tj [(wa) -20 (ter) 5 <2E20>] TJ 0 0 (a\\)b) ' 1 2 <414243> \" ET "
        b"(niet getekend) Do"
    )
    assert _damage.promised_bytes(content) == 5 + 7 + 3 + 3
    packed = bytearray(zlib.compress(b"BT (Grondwater) Tj ET" * 40))
    packed[8] ^= 0x5A
    assert _damage.inflate(bytes(packed))[1] is True
