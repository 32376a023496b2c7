"""``visiecheck explain``'s keyword-in-context lines (issue 15): a hit across a line break
shows its text, each of two hits in one sentence is bracketed where it stands, and a
document without pages says "sectie" like ``check``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests.cli_helpers import cli
from visiecheck.api import explain_file
from visiecheck.models import Context, Hit
from visiecheck.render.views import kwic_line


def test_a_hit_across_a_line_break_shows_its_text(make_pdf: Callable[..., Path]) -> None:
    visie = make_pdf(
        [
            [
                "# Energie",
                # <br/> puts the line break inside the term "warmte uit diepe aardlagen"
                "Wij willen warmte uit<br/>diepe aardlagen benutten voor de wijken rond het "
                "station.",
            ]
        ]
    )
    explanation = explain_file(visie, "geothermie")
    (hit,) = explanation.hits
    assert hit.matched_text == "warmte uit\ndiepe aardlagen"
    code, out, _ = cli("explain", visie, "geothermie")
    assert code == 0
    assert out.splitlines() == [
        f"geothermie: 1 vermelding(en) in {visie}",
        "p. 1    exact     warmte uit diepe aardlagen   "
        "Wij willen [warmte uit diepe aardlagen] benutten voor de wijken rond het station.",
    ]


def test_each_of_two_hits_in_one_sentence_is_bracketed_where_it_is(
    make_pdf: Callable[..., Path],
) -> None:
    visie = make_pdf(
        [
            [
                "# Water",
                "Het grondwater in de polder stijgt en het grondwater onder de stad daalt.",
            ]
        ]
    )
    code, out, _ = cli("explain", visie, "grondwater")
    assert code == 0
    term = "grondwater                  "
    assert out.splitlines() == [
        f"grondwater: 2 vermelding(en) in {visie}",
        f"p. 1    exact     {term} "
        "Het [grondwater] in de polder stijgt en het grondwater onder de stad daalt.",
        f"p. 1    exact     {term} "
        "Het grondwater in de polder stijgt en het [grondwater] onder de stad daalt.",
    ]


def _markdown(path: Path) -> Path:
    path.write_text(
        "# Inleiding\n\nDeze visie beschrijft de koers tot 2040.\n\n"
        "## Water\n\nHet grondwater stijgt in de natte\npolders langs de rivier.\n",
        encoding="utf-8",
    )
    return path


def _text(path: Path) -> Path:
    path.write_text(
        "INLEIDING\n\nDeze visie beschrijft de koers tot 2040.\n\n"
        "2 Water\n\nHet grondwater stijgt in de natte\npolders langs de rivier.\n",
        encoding="utf-8",
    )
    return path


def _word(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Inleiding", level=1)
    document.add_paragraph("Deze visie beschrijft de koers tot 2040.")
    document.add_heading("Water", level=1)
    document.add_paragraph("Het grondwater stijgt in de natte polders langs de rivier.")
    document.save(str(path))
    return path


def _web_page(path: Path) -> Path:
    path.write_text(
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>Visie</title>"
        "</head><body><main><h1>Inleiding</h1><p>Deze visie beschrijft de koers tot 2040.</p>"
        "<h2>Water</h2><p>Het grondwater stijgt in de natte polders langs de rivier.</p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("visie.md", _markdown),
        ("visie.txt", _text),
        ("visie.docx", _word),
        ("visie.html", _web_page),
    ],
)
def test_a_document_without_pages_says_sectie(
    tmp_path: Path, name: str, write: Callable[[Path], Path]
) -> None:
    path = write(tmp_path / name)
    assert explain_file(path, "grondwater").location_unit == "section"
    code, out, _ = cli("explain", path, "grondwater")
    assert code == 0
    assert out.splitlines() == [
        f"grondwater: 1 vermelding(en) in {path}",
        "sectie 2    exact     grondwater                   "
        "Het [grondwater] stijgt in de natte polders langs de rivier.",
    ]
    # check says the same for the same document
    _, table, _ = cli("check", path, "--themes", "grondwater")
    assert "sectie 2" in table and "p. 2" not in table


def test_a_hit_whose_text_is_not_in_its_snippet_gets_no_empty_brackets() -> None:
    # an older cached hit: no recorded position, and a snippet without its text
    hit = Hit(
        "grondwater",
        "grondwater",
        "grondwatr",
        "fuzzy",
        3,
        10,
        19,
        "De stand van het water in de bodem daalt.",
        0,
        Context.BODY,
    )
    assert kwic_line(hit) == (
        "p. 3    fuzzy     grondwater                   De stand van het water in de bodem daalt."
    )
