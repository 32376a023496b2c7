"""Section awareness: headings, section paths and kinds, and what they mean for verdicts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from visiecheck.analyse.sections import Outline, page_headings
from visiecheck.models import Context, Depth, Page, SectionKind, Status
from visiecheck.options import Options, ReportOptions
from visiecheck.pipeline import check


def page(number: int, text: str) -> Page:
    return Page(number=number, text=text, has_text_layer=True)


def test_page_headings_levels_and_kinds() -> None:
    text = (
        "3 Duurzame toekomst\n\n3.2 Energie\nWij zetten in op warmte.\n\n"
        "Bodemenergie\n\nOpen systemen zijn kansrijk.\n\nBIJLAGE 2 KAARTEN"
    )
    found = [(h.title, h.level, h.numbered, h.kind) for h in page_headings(text, 4)]
    assert found == [
        ("3 Duurzame toekomst", 1, True, None),
        ("3.2 Energie", 2, True, None),
        ("Bodemenergie", 0, False, None),
        ("BIJLAGE 2 KAARTEN", 0, False, SectionKind.ANNEX),
    ]


def test_outline_nests_numbered_headings_across_pages() -> None:
    pages = [
        page(1, "3 Duurzame toekomst\n\nDe gemeente wil groeien."),
        page(2, "3.2 Energie\nWij zetten in op aardwarmte.\n\nWarmte\n\nDe wijk krijgt een net."),
        page(3, "Nog steeds over warmte.\n\n4 Water\n\nHet grondwater daalt."),
    ]
    outline = Outline(pages)
    assert outline.place(1, 25).path == "3 Duurzame toekomst"
    assert outline.place(2, 20).path == "3 Duurzame toekomst › 3.2 Energie"
    warmte = pages[1].text.index("De wijk")
    assert outline.place(2, warmte).path == "3 Duurzame toekomst › 3.2 Energie › Warmte"
    # a new page continues the open section; a new chapter closes the old one
    assert outline.place(3, 0).path == "3 Duurzame toekomst › 3.2 Energie › Warmte"
    assert outline.place(3, pages[2].text.index("Het grondwater")).path == "4 Water"
    assert outline.place(3, 0).kind is SectionKind.TEXT


def test_glossary_lasts_over_its_entries_until_a_numbered_chapter() -> None:
    pages = [
        page(1, "Begrippenlijst\n\nGrondwater\nWater in de bodem.\n\nKwel\nOpwellend water."),
        page(2, "Verdroging\nTe weinig water.\n\n1 Inleiding\n\nDe visie begint hier."),
    ]
    outline = Outline(pages)
    assert outline.place(1, pages[0].text.index("Water in")).kind is SectionKind.GLOSSARY
    assert outline.place(2, 0).kind is SectionKind.GLOSSARY
    assert outline.place(2, pages[1].text.index("De visie")).kind is SectionKind.TEXT


def test_colophon_and_contents_end_with_their_page() -> None:
    pages = [
        page(1, "Colofon\n\nOpdrachtgever: gemeente Testveen, team grondwater."),
        page(2, "Voorwoord\n\nDit is onze visie op het grondwater."),
        page(3, "Inhoud\n\n1 Grondwater ........ 4"),
        page(4, "Grondwater speelt overal een rol."),
    ]
    outline = Outline(pages)
    assert outline.place(1, 20).kind is SectionKind.COLOPHON
    assert outline.place(2, 20).kind is SectionKind.TEXT
    assert outline.place(3, 10).kind is SectionKind.TOC
    assert outline.place(4, 0).kind is SectionKind.TEXT


# A generated visie: cover, contents, text, annex, glossary, sources, colophon.
PAGES = [
    ["# Omgevingsvisie Testveen 2040"],
    ["# Inhoud", "1 Energie ........ 3", "Bijlage 1 Geothermie in cijfers ........ 4"],
    [
        "# 1 Energie",
        "## 1.1 Warmte",
        "Wij zetten in op bodemenergie in alle nieuwe wijken van Testveen.",
        "De gemeente sluit schaliegaswinning uit op haar hele grondgebied.",
    ],
    [
        "# Bijlage 1 Geothermie in cijfers",
        "Een verkenning noemt geothermie kansrijk onder het oosten van de gemeente.",
        "De aardwarmte zit op ruim twee kilometer diepte in de zandsteenlaag.",
    ],
    [
        "# Begrippenlijst",
        "Grondwater: water in de bodem onder het maaiveld.",
        "Verdroging: een te lage grondwaterstand voor de natuur.",
    ],
    [
        "# Bronnen",
        "Provincie (2021), Bodemkwaliteitskaart en nota bodembeheer Testveen.",
        "Waterschap (2022), Grondwaterbeheer op de hoge zandgronden.",
    ],
    ["# Colofon", "Vormgeving en archeologie van het drukwerk: Studio Test, bodemarchief."],
]


def test_section_rules_on_a_generated_visie(make_pdf: Callable[..., Path]) -> None:
    pdf = make_pdf(PAGES, page_numbers=True)
    (document,) = check([pdf], options=Options(report=ReportOptions(evidence=50))).documents
    by_theme = {c.theme_id: c for c in document.themes}

    # the visie's own text: bodemenergie is a choice in one sentence (mentioned, yet a choice)
    energie = by_theme["bodemenergie"]
    assert energie.status is Status.MENTIONED and energie.depth is Depth.POLICY_CHOICE
    assert energie.evidence[0].section == "1 Energie › 1.1 Warmte"
    mijnbouw = by_theme["mijnbouw"]
    assert mijnbouw.stance is not None and mijnbouw.stance.value == "exclusion"

    # annex: counted and labelled — two annex sentences make geothermie addressed
    geothermie = by_theme["geothermie"]
    assert geothermie.status is Status.ADDRESSED
    body = [h for h in geothermie.evidence if h.context is Context.BODY]
    assert {h.section_kind for h in body} == {SectionKind.ANNEX}
    assert body[0].section == "Bijlage 1 Geothermie in cijfers"
    toc = [h for h in geothermie.evidence if h.context is Context.TOC]
    assert [(h.page, h.section_kind) for h in toc] == [(2, SectionKind.TOC)]

    # glossary and sources: named twice each, never addressed
    grondwater = by_theme["grondwater"]
    assert grondwater.status is Status.MENTIONED
    assert {h.section_kind for h in grondwater.evidence} == {
        SectionKind.GLOSSARY,
        SectionKind.SOURCES,
    }
    assert by_theme["bodemkwaliteit"].status is Status.MENTIONED

    # colophon: named, never addressed
    archief = by_theme["bodemarchief"]
    assert archief.status is Status.MENTIONED
    assert {h.section_kind for h in archief.evidence} == {SectionKind.COLOPHON}
