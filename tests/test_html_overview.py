"""The batch HTML overview on a real batch: one row per municipality, theme codes with a
legend, sticky header, print CSS, run information, the recall caveat on missing cells,
Dutch error rows, a drill-down per municipality and the regional examples.

The batch is built here: a manifest with an adopted visie and a draft of Beekdal, one
visie of Hoogerbrug, Zuiderveen's as a text file (numbered sections, no pages) and a
damaged PDF for Lindewaard.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.cli_helpers import cli
from tests.pdf_factory import make_pdf, write_garbage_pdf
from visiecheck import api
from visiecheck.analyse.diff import diff_reports
from visiecheck.errors import ExitCode
from visiecheck.models import DocumentReport, Report
from visiecheck.options import ReadOptions
from visiecheck.render import render, render_batch
from visiecheck.render.diff import render_diff
from visiecheck.render.style import BASE_CSS

THEMES = "geothermie,bodemenergie,grondwater"
CREATED = "2026-12-03T14:05:09+01:00"

BEEKDAL_AMBITION = (
    "De gemeente wil geothermie benutten voor de warmtevoorziening van de nieuwe wijken "
    "aan de oostkant."
)
BEEKDAL_CONDITION = (
    "Bodemenergie en warmte-koudeopslag zijn toegestaan, mits het grondwater voor de "
    "drinkwaterwinning beschermd blijft."
)
ZUIDERVEEN_AMBITION = (
    "De gemeente onderzoekt met de provincie waar geothermie in de ondergrond mogelijk is."
)


def write_batch(folder: Path) -> Path:
    """The five documents and their manifest (with versie and status columns)."""
    make_pdf(
        folder,
        [
            [
                "# Omgevingsvisie Beekdal",
                BEEKDAL_AMBITION,
                "Een onderzoek naar geothermie in de diepe ondergrond start in 2026 samen "
                "met de buurgemeenten.",
                BEEKDAL_CONDITION,
                "Het grondwater in het beekdal staat hoog en bepaalt waar gebouwd kan worden.",
            ]
        ],
        filename="beekdal-vastgesteld.pdf",
    )
    make_pdf(
        folder,
        [["# Ontwerp omgevingsvisie Beekdal", "Het grondwater in het beekdal staat hoog."]],
        filename="beekdal-ontwerp.pdf",
    )
    make_pdf(
        folder,
        [
            [
                "# Omgevingsvisie Hoogerbrug",
                "Hoogerbrug zorgt voor voldoende groen in de wijken.",
                "Het grondwater wordt genoemd in de waterparagraaf.",
            ]
        ],
        filename="hoogerbrug.pdf",
    )
    (folder / "zuiderveen.txt").write_text(
        "Omgevingsvisie Zuiderveen\n\nGeothermie\n\nZuiderveen wil in 2030 een warmtenet op "
        f"geothermie aanleggen voor het centrum.\n\n{ZUIDERVEEN_AMBITION}\n",
        encoding="utf-8",
    )
    write_garbage_pdf(folder, "lindewaard.pdf")
    manifest = folder / "manifest.csv"
    manifest.write_text(
        "gemeente;bestand;versie;status\n"
        "Beekdal;beekdal-ontwerp.pdf;1;ontwerp\n"
        "Beekdal;beekdal-vastgesteld.pdf;2;vastgesteld\n"
        "Hoogerbrug;hoogerbrug.pdf;;\n"
        "Zuiderveen;zuiderveen.txt;;\n"
        "Lindewaard;lindewaard.pdf;;\n",
        encoding="utf-8",
    )
    return manifest


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_batch(tmp_path_factory.mktemp("regio"))


@pytest.fixture(scope="module")
def report(manifest: Path) -> Report:
    checked = api.check_files(
        api.collect_inputs(manifest),
        themes=THEMES,
        read=ReadOptions(use_cache=False),  # module scope: the per-test cache is not set up
        isolate=False,
    )
    return replace(checked, created=CREATED)


def soup_of(report: Report, lang: str = "nl", sort: str = "name") -> BeautifulSoup:
    html = render_batch(report, "html", lang=lang, sort=sort)
    assert isinstance(html, str)
    return BeautifulSoup(html, "html.parser")


def text_of(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


def matrix_rows(soup: BeautifulSoup) -> list[list[str]]:
    table = soup.find("table", class_="matrix")
    assert isinstance(table, Tag)
    return [[text_of(cell) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]


def recall_of(theme_id: str) -> str:
    """The measured recall of the default lexicon, with a decimal comma."""
    return f"{dict(api.load_lexicon().measured_recall)[theme_id]:.2f}".replace(".", ",")


def test_one_row_per_municipality_with_file_version_status_and_other_documents(
    report: Report,
) -> None:
    soup = soup_of(report)
    assert (
        text_of(soup.h1) == "visiecheck: bodem en ondergrond in de omgevingsvisies van 4 gemeenten"
    )
    assert soup.find(
        "p",
        string=re.compile(
            "^5 documenten van 4 gemeenten; per gemeente toont de matrix één document"
        ),
    )
    assert matrix_rows(soup) == [
        ["Gemeente", "GEO", "BEN", "GRW", "✔/~/✘"],
        ["Beekdal beekdal-vastgesteld.pdf · versie 2 · vastgesteld +1 document",
         "✔", "~", "~", "1/2/0"],
        ["Hoogerbrug hoogerbrug.pdf", "✘¹", "✘²", "~", "0/1/2"],
        ["Lindewaard lindewaard.pdf",
         f"Kon dit bestand niet lezen: {_document(report, 'lindewaard.pdf').error}"],
        ["Zuiderveen zuiderveen.txt", "✔", "✘²", "✘³", "1/0/2"],
        ["Totaal (van 3 gemeenten)", "2", "1", "2", "3"],
    ]  # fmt: skip
    # the draft is not a row, but listed with Beekdal's evidence, with its own verdict
    beekdal = soup.find("section", id="doc-1")
    assert isinstance(beekdal, Tag) and text_of(beekdal.h3) == "Beekdal"
    others = beekdal.find("ul", class_="others")
    assert isinstance(others, Tag)
    assert [text_of(li) for li in others.find_all("li")] == [
        "beekdal-ontwerp.pdf · versie 1 · ontwerp: 0 uitgewerkt, 1 genoemd, 2 ontbreekt"
    ]
    assert "2 van 3 gemeenten noemen geothermie" in [
        text_of(li) for li in soup.find("ul", class_="mentioned").find_all("li")
    ]


def test_theme_codes_have_a_legend_and_cells_link_to_existing_evidence(report: Report) -> None:
    soup = soup_of(report)
    headers = soup.find("table", class_="matrix").thead.find_all("abbr")
    assert [(abbr["title"], abbr.string) for abbr in headers] == [
        ("Geothermie", "GEO"),
        ("Bodemenergie", "BEN"),
        ("Grondwater", "GRW"),
    ]
    legend = text_of(soup.find("p", class_="legend"))
    assert legend == (
        "Legenda: ✔ uitgewerkt · ~ genoemd · ✘ ontbreekt. "
        "GEO = Geothermie, BEN = Bodemenergie, GRW = Grondwater."
    )
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    cell_links = [a["href"] for a in soup.select("td.cell a")]
    assert len(cell_links) == 9  # 3 readable municipalities × 3 themes; the draft has no cells
    assert all(link.startswith("#ev-") and link[1:] in ids for link in cell_links)
    assert all(a["href"][1:] in ids for a in soup.find_all("a", href=True))


def test_every_missing_cell_carries_the_recall_caveat_as_tooltip_and_footnote(
    report: Report,
) -> None:
    soup = soup_of(report)
    hoogerbrug = soup.find("td", class_="status-missing")
    assert isinstance(hoogerbrug, Tag)
    assert hoogerbrug["title"] == (
        "geothermie: niet gevonden (gezocht op "
        f"{_searched(report, 'hoogerbrug.pdf', 'geothermie')}; alle pagina's leesbaar; "
        f"herkenning ≈ {recall_of('geothermie')})"
    )
    missing = soup.select("td.status-missing")
    assert len(missing) == 4
    assert all("herkenning ≈ " in cell["title"] and cell.sup for cell in missing)
    # a text file has sections, not pages
    zuiderveen_water = soup.select_one('td.status-missing a[href="#ev-4-grondwater"]')
    assert "alle secties leesbaar" in zuiderveen_water.parent["title"]
    assert text_of(soup.find("p", class_="caveat")) == (
        "✘ betekent: niet gevonden met de zoektermen van het lexicon. Dat is geen bewijs dat "
        "het thema ontbreekt; gemeten herkenning per thema: "
        f"¹ GEO {recall_of('geothermie')}; ² BEN {recall_of('bodemenergie')}; "
        f"³ GRW {recall_of('grondwater')}."
    )
    # the drill-down says the same under the missing theme and points to the examples
    heading = soup.find("h4", id="ev-2-geothermie")
    absence = heading.find_next_sibling("p")
    assert text_of(absence) == hoogerbrug["title"]
    link = absence.find_next_sibling("p").a
    assert link["href"] == "#vb-geothermie"


def _document(report: Report, name: str) -> DocumentReport:
    return next(d for d in report.documents if d.file.endswith(name))


def _searched(report: Report, name: str, theme_id: str) -> str:
    searched = _document(report, name).coverage(theme_id).searched
    assert searched is not None
    return f"{searched.terms} termen en {searched.variants} vormen"


def test_regional_examples_per_theme_with_place_stance_and_sentence(report: Report) -> None:
    soup = soup_of(report)
    section = soup.find("section", id="voorbeelden")
    assert isinstance(section, Tag)
    assert text_of(section.h2) == "Voorbeelden uit de regio"
    assert [text_of(h3) for h3 in section.find_all("h3")] == [
        "Geothermie (GEO)",
        "Bodemenergie (BEN)",
    ]
    lists = section.find_all("ul", class_="examples")
    assert [text_of(li) for li in lists[0].find_all("li")] == [
        f"Zuiderveen, sectie 2 · ambitie: “{ZUIDERVEEN_AMBITION}” zuiderveen.txt",
        f"Beekdal, p. 1 · ambitie: “{BEEKDAL_AMBITION}” beekdal-vastgesteld.pdf",
    ]
    assert [text_of(li) for li in lists[1].find_all("li")] == [
        f"Beekdal, p. 1 · onder voorwaarden: “{BEEKDAL_CONDITION}” beekdal-vastgesteld.pdf"
    ]
    assert text_of(section.find("p", class_="meta")) == "Geen voorbeeld gevonden voor: grondwater"
    english = soup_of(report, "en").find("section", id="voorbeelden")
    assert text_of(english.h2) == "Regional examples"
    assert "Beekdal, p. 1 · conditional:" in text_of(english)


def test_run_date_tool_and_lexicon_with_content_hash_and_modified(report: Report) -> None:
    lexicon = report.lexicon
    assert re.fullmatch(r"[0-9a-f]{12}", lexicon.content_hash)
    expected = (
        f"Gemaakt op 3 december 2026, 14:05 met visiecheck {report.tool_version}, "
        f"lexicon {lexicon.name} {lexicon.version} · {lexicon.content_hash}"
    )
    soup = soup_of(report)
    assert text_of(soup.find("p", class_="run")) == expected
    assert text_of(soup.footer) == expected
    edited = replace(report, lexicon=replace(lexicon, modified=True))
    assert text_of(soup_of(edited).find("p", class_="run")) == (expected + " (aangepast)")
    assert text_of(soup_of(edited, "en").find("p", class_="run")) == (
        f"Made on 3 December 2026, 14:05 with visiecheck {report.tool_version}, "
        f"lexicon {lexicon.name} {lexicon.version} · {lexicon.content_hash} (modified)"
    )


def test_sticky_header_and_first_column_print_css_and_nothing_external(report: Report) -> None:
    html = render_batch(report, "html")
    assert isinstance(html, str)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("link") is None and soup.find("img") is None
    assert "<script" not in html.lower()
    for forbidden in ("http://", "https://", "src=", "@import", "url("):
        assert forbidden not in html, forbidden
    [style] = soup.find_all("style")
    css = style.string
    assert re.search(r"table\.matrix thead th \{[^}]*position: sticky; top: 0;", css)
    assert re.search(r"table\.matrix tbody th \{[^}]*position: sticky; left: 0;", css)
    assert "@page { size: A4 landscape;" in css
    print_rules = css[css.rindex("@media print") :]
    assert "table.matrix thead th, table.matrix tbody th { position: static; }" in print_rules
    assert "print-color-adjust: exact" in css
    # on paper only the matrix page: the drill-down and the examples are screen-only
    screen_only = soup.find("div", class_="screen-only")
    assert screen_only.find("section", id="voorbeelden") is not None
    assert screen_only.find("section", id="doc-1") is not None
    assert soup.find("table", class_="matrix").find_parent("div", class_="screen-only") is None
    assert ".screen-only { display: none; }" in css[css.index("@media print") :]


def test_english_error_row_and_sort_by_missing(report: Report) -> None:
    rows = matrix_rows(soup_of(report, "en", sort="missing"))
    assert [row[0].split()[0] for row in rows[1:-1]] == [
        "Hoogerbrug",
        "Zuiderveen",
        "Beekdal",
        "Lindewaard",
    ]
    assert rows[4][1].startswith("Could not read this file: ")
    assert rows[-1][0] == "Total (of 3 municipalities)"


def test_check_batch_and_diff_html_share_one_frame(report: Report) -> None:
    """One base template: the same stylesheet, header and footer in the three reports."""
    beekdal = report.document(report.groups[0].primary)
    draft = report.document(report.groups[0].others[0])
    pages = {
        "check": render(replace(report, documents=(beekdal,)), "html"),
        "batch": render_batch(report, "html"),
        "diff": render_diff(diff_reports(draft, beekdal), "html"),
    }
    for name, html in pages.items():
        assert isinstance(html, str)
        soup = BeautifulSoup(html, "html.parser")
        assert soup.style.string.lstrip("\n").startswith(str(BASE_CSS)), name
        header = soup.body.header
        assert header is soup.body.find(True), name  # the header comes first
        assert [child.name for child in header.find_all(recursive=False)][:2] == ["h1", "p"]
        assert header.find("p")["class"] == ["meta", "run"], name
        assert soup.body.find_all(recursive=False)[-1].name == "footer", name
        assert text_of(soup.footer) == text_of(header.find("p")), name
    assert text_of(BeautifulSoup(pages["diff"], "html.parser").footer).startswith(
        "Gemaakt met visiecheck "
    )
    assert "Gemaakt op 3 december 2026, 14:05" in pages["check"]


def test_cli_examples_option_sets_how_many_examples(manifest: Path, tmp_path: Path) -> None:
    counts = {}
    for number in ("0", "1"):
        target = tmp_path / f"overzicht-{number}.html"
        code, _, _ = cli(
            "batch", manifest, "--themes", THEMES, "--format", "html", "-o", target,
            "--examples", number,
        )  # fmt: skip
        assert code == ExitCode.PARTIAL_FAILURE  # Lindewaard's PDF is damaged
        soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
        section = soup.find("section", id="voorbeelden")
        counts[number] = len(section.find_all("li")) if section else 0
    assert counts == {"0": 0, "1": 2}  # one for geothermie, one for bodemenergie
    code, _, stderr = cli("batch", manifest, "--examples", "-1")
    assert code == ExitCode.USAGE and "--examples" in stderr


def test_a_file_name_with_control_characters_keeps_its_group(report: Report) -> None:
    """File names are escaped before rendering; the group's names must be escaped alike,
    or the row of a document named ``beek<ESC>dal.pdf`` could not be found."""
    odd = "beek\x1bdal\nontwerp.pdf"
    draft = report.groups[0].others[0]
    documents = tuple(
        replace(document, file=odd) if document.file == draft else document
        for document in report.documents
    )
    groups = (replace(report.groups[0], others=(odd,)), *report.groups[1:])
    soup = soup_of(replace(report, documents=documents, groups=groups))
    others = soup.find("section", id="doc-1").find("ul", class_="others")
    assert [text_of(li) for li in others.find_all("li")] == [
        "beek\\x1bdal\\x0aontwerp.pdf · versie 1 · ontwerp: 0 uitgewerkt, 1 genoemd, 2 ontbreekt"
    ]


def test_the_drill_down_names_the_whole_path_with_version_and_status(report: Report) -> None:
    soup = soup_of(report)
    sections = soup("section", class_="municipality")
    meta = [text_of(section.find("p", class_="meta")) for section in sections]
    adopted = _document(report, "beekdal-vastgesteld.pdf").file
    hoogerbrug = _document(report, "hoogerbrug.pdf").file
    assert meta[:2] == [f"{adopted} · versie 2 · vastgesteld", hoogerbrug]
