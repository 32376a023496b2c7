"""Headings recognised from the PDF's fonts (issue 7, point 1).

A subheading set in bold at the body's size, running straight on into its paragraph
and without a number, fails every text rule of ``sections.looks_like_heading``; the
reader finds it from its font and the outline names it in the section path.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.pdf_factory import make_pdf, run_in_heading
from visiecheck.analyse.sections import Outline, looks_like_heading, page_headings, segment_page
from visiecheck.extract import EXTRACTOR_VERSION, extract
from visiecheck.extract import cache as extract_cache
from visiecheck.extract.normalize import body_font_size, heading_line_flags
from visiecheck.models import Context, Page
from visiecheck.options import Options, ReadOptions, ReportOptions
from visiecheck.pipeline import check

ENGINES = ["pdfium", "pdfplumber"]

PAGES = [
    [
        "# 1 Duurzame toekomst",
        # a lead paragraph set larger than the body text: large, but a sentence
        '<font size="13">Deze visie beschrijft hoe wij de komende twintig jaar met de '
        "ruimte boven en onder de grond omgaan.</font>",
        "De gemeente wil in 2040 klimaatneutraal zijn. Daarvoor zijn keuzes nodig in alle "
        "wijken en op het platteland.",
        run_in_heading(
            "Energie en klimaat",
            "Wij zetten in op geothermie voor de verwarming van de bestaande wijken. Een "
            "proefboring in de polder wordt samen met de provincie voorbereid.",
        ),
        # bold words inside body sentences, one of them at the start of its line
        "Bij nieuwbouw kiezen we voor <b>bodemenergie</b> waar de ondergrond dat toelaat "
        "en waar de bodem schoon genoeg is.",
        "<b>Warmtepompen</b> met een open systeem zijn alleen toegestaan buiten de "
        "beschermde gebieden van het waterbedrijf.",
        # a bold heading drawn inside a paragraph, right after a finished sentence
        "De zomers worden droger en heter. Het peil in de sloten zakt elk jaar verder "
        "weg.<br/><b>Bodem en water</b><br/>Het waterschap en de gemeente beschermen "
        "samen de kwaliteit van het grondwater.",
    ]
]
HEADINGS = ("1 Duurzame toekomst", "Energie en klimaat", "Bodem en water")


@pytest.fixture(scope="module")
def visie_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pdf(tmp_path_factory.mktemp("fonts"), PAGES, filename="kopjes.pdf")


@pytest.mark.parametrize("engine", ENGINES)
def test_font_heading_lines_found_by_both_engines(visie_pdf: Path, engine: str) -> None:
    (page,) = extract(visie_pdf, engine=engine, use_cache=False).pages
    assert page.heading_lines == HEADINGS
    lines = page.text.split("\n")
    # exactly as they stand as lines in the text
    assert all(heading in lines for heading in page.heading_lines)
    # the run-in heading keeps its paragraph below it (same block) ...
    assert "\n\nEnergie en klimaat\nWij zetten in op geothermie" in page.text
    # ... and the heading drawn inside a paragraph starts a block of its own
    assert "verder weg.\n\nBodem en water\nHet waterschap" in page.text
    # body lines, the large lead paragraph and lines with bold words are not headings
    for line in lines:
        if line.startswith(("Deze visie", "Bij nieuwbouw", "Warmtepompen", "Wij zetten")):
            assert line not in page.heading_lines


def test_run_in_heading_fails_the_text_rules() -> None:
    # the point of reading fonts: by its text alone this line is no heading
    assert not looks_like_heading("Energie en klimaat", single_line=False)


@pytest.mark.parametrize("engine", ENGINES)
def test_section_path_names_the_font_heading(visie_pdf: Path, engine: str) -> None:
    settings = Options(
        read=ReadOptions(engine=engine, use_cache=False), report=ReportOptions(evidence=50)
    )
    (document,) = check([visie_pdf], options=settings).documents
    by_theme = {coverage.theme_id: coverage for coverage in document.themes}
    geothermie = by_theme["geothermie"].evidence
    assert [(hit.section, hit.context) for hit in geothermie] == [
        ("1 Duurzame toekomst › Energie en klimaat", Context.BODY)
    ]
    assert geothermie[0].snippet == (
        "Wij zetten in op geothermie voor de verwarming van de bestaande wijken."
    )
    grondwater = by_theme["grondwater"].evidence
    assert [hit.section for hit in grondwater] == ["1 Duurzame toekomst › Bodem en water"]
    assert grondwater[0].snippet == (
        "Het waterschap en de gemeente beschermen samen de kwaliteit van het grondwater."
    )


def test_without_font_headings_the_path_loses_the_heading(visie_pdf: Path) -> None:
    (page,) = extract(visie_pdf, use_cache=False).pages
    offset = page.text.index("Wij zetten in op geothermie")
    assert Outline([page]).place(1, offset).path == "1 Duurzame toekomst › Energie en klimaat"
    plain = replace(page, heading_lines=())
    assert Outline([plain]).place(1, offset).path == "1 Duurzame toekomst"


def test_cache_keeps_heading_lines(visie_pdf: Path, cache_dir: Path) -> None:
    first = extract(visie_pdf)
    again = extract(visie_pdf)
    assert again.pages == first.pages
    assert again.pages[0].heading_lines == HEADINGS
    loaded = extract_cache.load(cache_dir, first.sha256, "pdfium", EXTRACTOR_VERSION)
    assert loaded is not None and loaded[0][0].heading_lines == HEADINGS


def test_two_column_bold_heading(tmp_path: Path) -> None:
    body = (
        "De bodem onder de stad is vol: kabels, leidingen en funderingen liggen dicht op "
        "elkaar en laten weinig ruimte voor nieuwe functies."
    )
    pdf = make_pdf(
        tmp_path,
        [[body, run_in_heading("Kabels en leidingen", body), body, body, body, body]],
        columns=2,
    )
    for engine in ENGINES:
        (page,) = extract(pdf, engine=engine, use_cache=False).pages
        assert page.heading_lines == ("Kabels en leidingen",), engine


# --- the rules, without PDFs ------------------------------------------------------------


def test_body_font_size_is_weighted_by_characters() -> None:
    # many short large lines do not outweigh fewer long body lines
    assert body_font_size([16.0, 16.0, 16.0, 10.0, 10.1], [5, 5, 5, 60, 70]) == 10.0
    assert body_font_size([], []) == 0.0


def test_heading_line_flags() -> None:
    def flags(lines: list[str], sizes: list[float], bolds: list[bool]) -> list[bool]:
        return heading_line_flags(lines, sizes, bolds, 10.0)

    # bold short line on top of body text
    assert flags(
        ["Energie en klimaat", "Wij zetten in op geothermie voor de wijken."],
        [10, 10],
        [True, False],
    ) == [True, False]
    # a larger size counts too (>= 1.15x the body); 11 pt is not enough
    assert flags(["Ruimte voor water"], [11.5], [False]) == [True]
    assert flags(["Ruimte voor water"], [11.0], [False]) == [False]
    # a heading wrapped over two lines: both lines
    assert flags(
        ["Ruimte voor de ondergrond in de", "binnenstad", "De binnenstad is vol."],
        [14, 14, 10],
        [True, True, False],
    ) == [True, True, False]
    # a bold or large sentence is no heading; neither is a long styled run
    assert flags(["Wij kiezen voor schone bodems."], [10], [True]) == [False]
    assert flags(
        ["Deze visie beschrijft hoe wij de komende twintig jaar", "met de grond omgaan"],
        [13, 13],
        [False, False],
    ) == [False, False]
    # a bold line starting in lower case (a bullet point's tail) is no heading
    assert flags(["en de drinkwaterwinning"], [10], [True]) == [False]
    # a question may be a heading
    assert flags(["Wat willen we bereiken?"], [10], [True]) == [True]


def test_segmenter_takes_a_font_heading_off_the_sentence() -> None:
    text = "Energie en klimaat\nWij zetten in op geothermie voor de wijken."
    plain = segment_page(text)
    assert [(s.context, text[s.start : s.end]) for s in plain] == [(Context.BODY, text)]
    by_font = segment_page(text, heading_lines=("Energie en klimaat",))
    assert [(s.context, text[s.start : s.end]) for s in by_font] == [
        (Context.HEADING, "Energie en klimaat"),
        (Context.BODY, "Wij zetten in op geothermie voor de wijken."),
    ]


def test_page_headings_with_font_lines() -> None:
    text = (
        "Ruimte voor de ondergrond in de\nbinnenstad\nDe binnenstad is vol.\n\n"
        "Dit is gewoon een zin\nover de bodem, die doorloopt."
    )
    headings = page_headings(text, 3, ("Ruimte voor de ondergrond in de", "binnenstad"))
    assert [(h.page, h.offset, h.title, h.numbered) for h in headings] == [
        (3, 0, "Ruimte voor de ondergrond in de binnenstad", False)
    ]
    # a font line that is a table-of-contents entry stays an entry
    assert page_headings("2 Energie ........ 14\nmeer", 1, ("2 Energie ........ 14",)) == []
    assert page_headings(text, 3) == []


def test_page_default_has_no_heading_lines() -> None:
    assert Page(number=1, text="Tekst", has_text_layer=True).heading_lines == ()
