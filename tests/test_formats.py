"""Word, HTML and text through the same pipeline: chosen by content, read as sections.

The same visie text as a PDF (one section per page), a .docx and a saved web page
must give the same theme statuses, and section numbers where the PDF has pages.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from visiecheck.errors import CorruptPdfError, NotAPdfError, NoTextError
from visiecheck.extract import extract
from visiecheck.models import Status
from visiecheck.pipeline import check

# Each section: a heading, then body paragraphs.
SECTIONS = [
    (
        "Bodem en ondergrond",
        [
            "De gemeente beschermt het grondwater rond de waterwingebieden tegen "
            "verontreiniging door bedrijven en landbouw.",
            "Bij nieuwe woonwijken houden wij rekening met de stand van het grondwater.",
        ],
    ),
    (
        "Energie uit de diepe ondergrond",
        [
            "Geothermie kan in de toekomst de wijken in het oosten van de gemeente verwarmen.",
            "Samen met de provincie onderzoeken wij waar aardwarmte veilig kan worden benut.",
        ],
    ),
    (
        "Erfgoed",
        [
            "Archeologische resten in de ondergrond blijven zoveel mogelijk op hun plaats.",
            "Het bodemarchief onder de oude kernen krijgt een plek in het omgevingsplan.",
        ],
    ),
]
# Site furniture with theme words in it: none of it may count (drinkwater there would
# turn the PDF's "mentioned", from "waterwingebieden", into "addressed").
NOISE_THEMES = ("bodemenergie", "mijnbouw", "bodemdaling")


def write_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Omgevingsvisie Voorbeeldstad", level=0)  # Title style
    for heading, paragraphs in SECTIONS:
        document.add_heading(heading, level=1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    # Running header and footer of the Word file are not part of the text.
    document.sections[0].header.paragraphs[0].text = "Drinkwater en bodemdaling concept"
    document.sections[0].footer.paragraphs[0].text = "Mijnbouw pagina"
    document.save(str(path))
    return path


def write_html(path: Path, *, with_main: bool = True) -> Path:
    body = "".join(
        f"<h2>{html.escape(heading)}</h2>"
        + "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)
        for heading, paragraphs in SECTIONS
    )
    content = (
        f"<main><h1>Omgevingsvisie Voorbeeldstad</h1>{body}</main>"
        if with_main
        else f"<div class='inhoud'><h1>Omgevingsvisie Voorbeeldstad</h1>{body}</div>"
    )
    path.write_text(
        "<!DOCTYPE html>\n<html lang='nl'><head><meta charset='utf-8'>"
        "<title>Drinkwater | Gemeente Voorbeeldstad</title>"
        "<style>.x { content: 'mijnbouw'; }</style>"
        "<script>var thema = 'bodemdaling';</script></head><body>"
        "<header><a href='/'>Home</a> Drinkwater en bodemdaling</header>"
        "<nav><ul><li><a href='/bodemenergie'>Bodemenergie</a></li>"
        "<li><a href='/mijnbouw'>Mijnbouw</a></li></ul></nav>"
        "<div class='cookie-banner'>Wij gebruiken cookies, ook op de pagina over drinkwater."
        "</div>"
        f"{content}"
        "<aside>Lees ook: bodemdaling in het veenweidegebied</aside>"
        "<footer>Drinkwater en mijnbouw: contact</footer>"
        "</body></html>",
        encoding="utf-8",
    )
    return path


def statuses(path: Path) -> dict[str, Status]:
    report = check([path])
    document = report.documents[0]
    assert document.error is None, document.error
    return {coverage.theme_id: coverage.status for coverage in document.themes}


@pytest.fixture(scope="module")
def pdf_statuses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Status]:
    from tests import pdf_factory

    folder = tmp_path_factory.mktemp("pdf")
    pages = [["# Omgevingsvisie Voorbeeldstad", "# " + SECTIONS[0][0], *SECTIONS[0][1]]]
    pages += [["# " + heading, *paragraphs] for heading, paragraphs in SECTIONS[1:]]
    return statuses(pdf_factory.make_pdf(folder, pages))


def test_pdf_reference_statuses(pdf_statuses: dict[str, Status]) -> None:
    assert pdf_statuses["grondwater"] is Status.ADDRESSED
    assert pdf_statuses["geothermie"] is Status.ADDRESSED
    assert pdf_statuses["bodemarchief"] is Status.ADDRESSED
    assert pdf_statuses["drinkwater"] is Status.MENTIONED
    for theme in NOISE_THEMES:
        assert pdf_statuses[theme] is Status.MISSING, theme


def test_docx_gives_the_same_themes_as_the_pdf(
    tmp_path: Path, pdf_statuses: dict[str, Status]
) -> None:
    assert statuses(write_docx(tmp_path / "visie.docx")) == pdf_statuses
    report = check([tmp_path / "visie.docx"]).documents[0]
    assert report.location_unit == "section"
    assert report.coverage("geothermie").pages == (3,)  # section 3: title, bodem, energie


@pytest.mark.parametrize("with_main", [True, False])
def test_html_gives_the_same_themes_as_the_pdf(
    tmp_path: Path, pdf_statuses: dict[str, Status], with_main: bool
) -> None:
    assert statuses(write_html(tmp_path / "visie.html", with_main=with_main)) == pdf_statuses


def test_docx_sections_and_headings(tmp_path: Path) -> None:
    document = extract(write_docx(tmp_path / "visie.docx"))
    assert document.location_unit == "section" and document.source_format == "docx"
    assert [page.number for page in document.pages] == [1, 2, 3, 4]
    assert document.pages[0].text == "Omgevingsvisie Voorbeeldstad"
    heading, paragraphs = SECTIONS[1]
    assert document.pages[2].text == "\n\n".join([heading, *paragraphs])
    assert document.warnings == ()


def test_docx_tables_lists_and_line_breaks(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Opgaven", level=1)
    document.add_paragraph("Bodemenergie in de binnenstad", style="List Bullet")
    paragraph = document.add_paragraph("Eerste regel van de alinea.")
    paragraph.add_run().add_break()
    paragraph.add_run("Tweede regel van de alinea.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Thema"
    table.cell(0, 1).text = "Ambitie"
    table.cell(1, 0).text = "Drinkwater"
    table.cell(1, 1).text = "Winningen beschermen"
    path = tmp_path / "tabel.docx"
    document.save(str(path))
    read = extract(path)
    assert read.pages[0].text == (
        "Opgaven\n\n"
        "• Bodemenergie in de binnenstad\n\n"
        "Eerste regel van de alinea.\nTweede regel van de alinea.\n\n"
        "Thema | Ambitie\n\n"
        "Drinkwater | Winningen beschermen"
    )


def test_html_main_text_only_and_sections_at_h1_h2(tmp_path: Path) -> None:
    document = extract(write_html(tmp_path / "visie.htm"))
    assert document.location_unit == "section" and document.source_format == "html"
    texts = [page.text for page in document.pages]
    assert texts[0] == "Omgevingsvisie Voorbeeldstad"
    assert texts[1].startswith("Bodem en ondergrond\n\nDe gemeente beschermt")
    assert len(texts) == 4
    everything = "\n".join(texts).lower()
    for word in ("drinkwater", "mijnbouw", "bodemdaling", "cookies", "home"):
        assert word not in everything, word


def test_html_lists_tables_and_breaks(tmp_path: Path) -> None:
    path = tmp_path / "pagina.xhtml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><article>'
        "<h3>Ambities</h3><ul><li>Meer <b>bodemenergie</b></li><li>Schoon grondwater</li></ul>"
        "<p>Regel een<br/>regel twee</p>"
        "<table><tr><th>Thema</th><th>Status</th></tr>"
        "<tr><td>Geothermie</td><td>verkenning</td></tr></table>"
        "</article></body></html>",
        encoding="utf-8",
    )
    document = extract(path)
    assert document.pages[0].text == (
        "Ambities\n\n"
        "• Meer bodemenergie\n\n"
        "• Schoon grondwater\n\n"
        "Regel een\nregel twee\n\n"
        "Thema | Status\n\n"
        "Geothermie | verkenning"
    )


def test_markdown_and_text_sections(tmp_path: Path) -> None:
    markdown = tmp_path / "visie.md"
    markdown.write_text(
        "---\ntitle: concept\n---\n"
        "# Omgevingsvisie\n\nInleiding met **nadruk** en een [link](https://example.org).\n\n"
        "## Bodem\n\n- grondwater beschermen\n- bodemdaling beperken\n\n"
        "### Detail\n\nMeer tekst over\nde ondergrond.\n",
        encoding="utf-8",
    )
    document = extract(markdown)
    assert document.location_unit == "section"
    assert [page.text for page in document.pages] == [
        "Omgevingsvisie\n\nInleiding met nadruk en een link.",
        "Bodem\n\n• grondwater beschermen\n• bodemdaling beperken\n\n"
        "Detail\n\nMeer tekst over\nde ondergrond.",
    ]
    text = tmp_path / "visie.txt"
    text.write_bytes(
        "BODEM EN ONDERGROND\r\n\r\nDe gemeente wil ruimte voor geothermie.\r\n\r\n"
        "3.2 Water\r\n\r\nHet grondwater is schoon en de kwel neemt toe.\r\n".encode("cp1252")
    )
    document = extract(text)
    assert [page.text for page in document.pages] == [
        "BODEM EN ONDERGROND\n\nDe gemeente wil ruimte voor geothermie.",
        "3.2 Water\n\nHet grondwater is schoon en de kwel neemt toe.",
    ]


def test_content_decides_not_the_extension(tmp_path: Path, make_pdf: Callable[..., Path]) -> None:
    word_as_pdf = write_docx(tmp_path / "eigenlijk-word.pdf")
    document = extract(word_as_pdf)
    assert document.source_format == "docx"
    assert document.warnings == (
        "de naam eindigt op .pdf, maar het bestand is geen PDF: gelezen als Word-document (.docx)",
    )
    pdf_as_html = make_pdf([["Geothermie in de wijk."]], filename="eigenlijk-pdf.html")
    document = extract(pdf_as_html)
    assert document.source_format == "pdf" and document.location_unit == "page"
    html_as_txt = write_html(tmp_path / "pagina.txt")
    document = extract(html_as_txt)
    assert document.source_format == "html"
    assert document.warnings == (
        "de naam eindigt op .txt, maar de inhoud is een webpagina (HTML): zo gelezen",
    )


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"PK\x03\x04" + b"\x00" * 60, "damaged ZIP"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, "old Word (.doc)"),
        (b"{\\rtf1\\ansi Grondwater}", "RTF"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "binary content"),
    ],
)
def test_unsupported_content(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "bestand.bin"
    path.write_bytes(content)
    with pytest.raises(NotAPdfError, match="visiecheck reads PDF, Word") as raised:
        extract(path)
    assert fragment in raised.value.message


def test_other_zip_archives_are_unsupported(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "tabel.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(NotAPdfError, match="ZIP archive"):
        extract(path)


def test_damaged_docx_is_corrupt(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "kapot.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><niet-af")
    with pytest.raises(CorruptPdfError, match="Word file is damaged"):
        extract(path)


def test_empty_web_page_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "leeg.html"
    path.write_text("<html><body><nav>Menu</nav></body></html>", encoding="utf-8")
    with pytest.raises(NoTextError, match=r"web page \(HTML\)"):
        extract(path)


def test_deeply_nested_html_does_not_exhaust_recursion(tmp_path: Path) -> None:
    path = tmp_path / "diep.html"
    path.write_text(
        "<html><body>" + "<div>" * 5000 + "<p>Geothermie in de diepte.</p>" + "</div>" * 5000,
        encoding="utf-8",
    )
    assert extract(path).pages[0].text == "Geothermie in de diepte."
