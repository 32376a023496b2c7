"""Visies as they are published: STOP XML, DSO Presenteren JSON and DSO packages (issue 16).

One fictional visie (Ommerwold) is written here as a small tree and rendered four ways:
a STOP ``RegelingVrijetekst``, DSO JSON v6 (HTML ``od-*`` divisions), DSO JSON v8 (STOP
XML fragments in ``kop``/``inhoud``) and a PDF. Every form must give the same theme
statuses; the structured forms give the document's own section paths, the glossary and
annex kinds, and nothing of a reserved part. Hostile files (an XML bomb, an external
entity, truncated XML/JSON, JSON that is no DSO document, a 1 GB file) each get their
exit code and one line. Optional tests run on the real samples in ``../shared/dso``.
"""

from __future__ import annotations

import html
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import cli
from visiecheck.analyse.sections import SEPARATOR
from visiecheck.api import check_files, collect_inputs, read_file
from visiecheck.errors import ExitCode
from visiecheck.extract import extract
from visiecheck.models import Report, SectionKind

SHARED_DSO = Path(__file__).parents[1].parent / "shared" / "dso"
TEKST_NS = "https://standaarden.overheid.nl/stop/imop/tekst/"

# --- the visie, once, as a tree ---------------------------------------------------------
# A node: ("divisie" | "divisietekst" | "bijlage", number, title, body), where body is
# the children of a divisie or bijlage, the content of a divisietekst, or "gereserveerd"
# for a reserved part. Content items: ("al", xml-ish inline text), ("lijst", [items]),
# ("tabel", [[cell, ...], ...]), ("kader", title, [paragraphs]), ("begrippen", [(term,
# definition)]), ("tussenkop", text).

INLEIDING = (
    "Deze omgevingsvisie beschrijft hoe Ommerwold zich tot 2040 ontwikkelt. "
    "De gemeenteraad stelt de visie vast na een ronde langs alle dorpen."
)
BODEMENERGIE = (
    "Wij zetten in op <i>bodem</i>energie in nieuwe woonwijken. "
    "Open systemen voor bodemenergie passen alleen buiten de grondwaterbeschermingsgebieden."
)
GEOTHERMIE = (
    "Geothermie kan de warmte leveren voor het warmtenet van Ommerwold-Noord.<br/>"
    "Wij staan een proefboring naar aardwarmte toe onder strikte voorwaarden."
)
DRINKWATER_LIJST = [
    "De drinkwaterwinning bij de Ommerberg blijft beschermd.",
    "Rond het waterwingebied komen geen nieuwe bedrijven die het drinkwater bedreigen.",
]
TABEL = [
    ["Opgave", "Keuze"],
    ["Grondwater", "Wij houden het grondwaterpeil in de beekdalen hoog."],
]
KADER = (
    "Uit de grondwatermeting",
    ["In droge zomers zakt het grondwater in de beekdalen ver weg."],
)
CITAAT = "De raad noemt dit &lsquo;ruimte voor water&rsquo;: regenwater blijft in de wijk."
BEGRIPPEN = [("Bodemarchief", "Archeologische resten die in de bodem bewaard zijn.")]
BIJLAGE = (
    "Bodemdaling in het veenweidegebied vraagt een hoger waterpeil. "
    "Wij beperken de bodemdaling door het peil in de polder Oosterveen te verhogen."
)

VISIE: list[tuple[Any, ...]] = [
    ("divisie", "1", "Ons Ommerwold", [("divisietekst", "1.1", "Inleiding", [("al", INLEIDING)])]),
    (
        "divisie",
        "2",
        "Bodem en ondergrond",
        [
            (
                "divisietekst",
                "2.1",
                "Energie uit de ondergrond",
                [("al", BODEMENERGIE), ("al", GEOTHERMIE)],
            ),
            (
                "divisietekst",
                "2.2",
                "Water",
                [
                    ("tussenkop", "Drinkwater"),
                    ("lijst", DRINKWATER_LIJST),
                    ("tabel", TABEL),
                    ("kader", *KADER),
                    ("al", CITAAT),
                ],
            ),
            # reserved: its heading names a theme, but a reserved part holds no text
            ("divisietekst", "2.3", "Mijnbouw en schaliegas", "gereserveerd"),
        ],
    ),
    ("divisie", "3", "Begrippenlijst", [("divisietekst", "", "", [("begrippen", BEGRIPPEN)])]),
    ("bijlage", "1", "Achtergrond bodemdaling", [("divisietekst", "", "", [("al", BIJLAGE)])]),
]

EXPECTED_STATUSES = {
    "geothermie": "addressed",
    "bodemenergie": "addressed",
    "ondergrondse_opslag": "missing",
    "grondwater": "addressed",
    "drinkwater": "addressed",
    "mijnbouw": "missing",  # only in the heading of the reserved part: nothing
    "bodemdaling": "addressed",  # in the annex: counted
    "bodemkwaliteit": "missing",
    "ondergronds_ruimtegebruik": "missing",
    "bodemarchief": "mentioned",  # only in the glossary
    "bodem_landbouw_natuur": "missing",
}


# --- STOP XML --------------------------------------------------------------------------


def _stop_inline(text: str) -> str:
    # the visie's entities are escaped twice, as the Geonovum test delivery does
    return text.replace("&lsquo;", "&amp;lsquo;").replace("&rsquo;", "&amp;rsquo;")


def _stop_content(item: tuple[Any, ...]) -> str:
    kind = item[0]
    if kind == "al":
        return f"<Al>{_stop_inline(item[1])}</Al>"
    if kind == "tussenkop":
        return f"<Tussenkop>{item[1]}</Tussenkop>"
    if kind == "lijst":
        items = "".join(
            f"<Li><LiNummer>{chr(97 + index)}.</LiNummer><Al>{text}</Al></Li>"
            for index, text in enumerate(item[1])
        )
        return f"<Lijst>{items}</Lijst>"
    if kind == "tabel":
        rows = "".join(
            "<row>" + "".join(f"<entry><Al>{cell}</Al></entry>" for cell in row) + "</row>"
            for row in item[1]
        )
        return (
            f'<table><tgroup cols="2"><colspec colname="c1"/><tbody>{rows}</tbody></tgroup></table>'
        )
    if kind == "kader":
        body = "".join(f"<Al>{text}</Al>" for text in item[2])
        return f"<Kadertekst><Kop><Opschrift>{item[1]}</Opschrift></Kop>{body}</Kadertekst>"
    if kind == "begrippen":
        terms = "".join(
            f"<Begrip><Term>{term}</Term><Definitie><Al>{text}</Al></Definitie></Begrip>"
            for term, text in item[1]
        )
        return f"<Begrippenlijst>{terms}</Begrippenlijst>"
    raise AssertionError(kind)


def _stop_kop(number: str, title: str, label: str = "") -> str:
    if not title:
        return ""
    parts = (f"<Label>{label}</Label>" if label else "") + (
        f"<Nummer>{number}</Nummer>" if number else ""
    )
    return f"<Kop>{parts}<Opschrift>{title}</Opschrift></Kop>"


def _stop_node(node: tuple[Any, ...]) -> str:
    kind, number, title, body = node
    if kind == "bijlage":
        inner = "".join(_stop_node(child) for child in body)
        return f"<Bijlage>{_stop_kop(number, title, 'Bijlage')}{inner}</Bijlage>"
    if body == "gereserveerd":
        return f"<Divisietekst>{_stop_kop(number, title)}<Gereserveerd/></Divisietekst>"
    if kind == "divisietekst":
        content = "".join(_stop_content(item) for item in body)
        return f"<Divisietekst>{_stop_kop(number, title)}<Inhoud>{content}</Inhoud></Divisietekst>"
    inner = "".join(_stop_node(child) for child in body)
    return f"<Divisie>{_stop_kop(number, title)}{inner}</Divisie>"


def stop_regeling(wordt: str = "/akn/nl/act/gm9999/2025/visie-ommerwold/nld@2025-03-01;3") -> str:
    body = "".join(_stop_node(node) for node in VISIE if node[0] != "bijlage")
    annexes = "".join(_stop_node(node) for node in VISIE if node[0] == "bijlage")
    return (
        f'<RegelingVrijetekst xmlns="{TEKST_NS}" componentnaam="visie" wordt="{wordt}">'
        "<RegelingOpschrift><Al>Omgevingsvisie Ommerwold 2040</Al></RegelingOpschrift>"
        f"<Lichaam>{body}</Lichaam>{annexes}</RegelingVrijetekst>"
    )


def write_stop(folder: Path, name: str = "visie-ommerwold.xml") -> Path:
    path = folder / name
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + stop_regeling(), "utf-8")
    return path


def write_delivery(folder: Path, name: str = "levering.xml") -> Path:
    """An LVBB delivery: a besluit whose own articles name themes the visie does not."""
    path = folder / name
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<AanleveringBesluit xmlns="https://standaarden.overheid.nl/lvbb/stop/aanlevering/">'
        "<BesluitVersie>"
        '<BesluitMetadata xmlns="https://standaarden.overheid.nl/stop/imop/data/">'
        "<officieleTitel>Besluit omgevingsvisie Ommerwold</officieleTitel>"
        "<soortProcedure>/join/id/stop/proceduretype_ontwerp</soortProcedure>"
        "</BesluitMetadata>"
        f'<BesluitCompact xmlns="{TEKST_NS}">'
        "<RegelingOpschrift><Al>Besluit omgevingsvisie Ommerwold</Al></RegelingOpschrift>"
        "<Lichaam><Artikel><Kop><Label>Artikel</Label><Nummer>I</Nummer></Kop><Inhoud>"
        "<Al>Het college bevordert de opslag van waterstof in zoutcavernes onder de gemeente."
        " Wij geven ruimte aan ondergrondse opslag van energie.</Al>"
        "</Inhoud></Artikel></Lichaam>"
        "<Sluiting><Al>Gegeven te Ommerwold; de winning van schaliegas is verboden.</Al></Sluiting>"
        "<WijzigBijlage><Kop><Label>Bijlage</Label><Nummer>A</Nummer></Kop>"
        f"{stop_regeling()}</WijzigBijlage>"
        "</BesluitCompact></BesluitVersie>"
        "<RegelingVersieInformatie>"
        '<ExpressionIdentificatie xmlns="https://standaarden.overheid.nl/stop/imop/data/">'
        "<FRBRWork>/akn/nl/act/gm9999/2025/visie-ommerwold</FRBRWork>"
        "<FRBRExpression>/akn/nl/act/gm9999/2025/visie-ommerwold/nld@2025-03-01;4</FRBRExpression>"
        "</ExpressionIdentificatie>"
        '<RegelingMetadata xmlns="https://standaarden.overheid.nl/stop/imop/data/">'
        "<eindverantwoordelijke>/tooi/id/gemeente/gm9999</eindverantwoordelijke>"
        "<officieleTitel>Omgevingsvisie Ommerwold 2040</officieleTitel>"
        "<soortRegeling>/join/id/stop/regelingtype_006</soortRegeling>"
        "</RegelingMetadata></RegelingVersieInformatie></AanleveringBesluit>",
        "utf-8",
    )
    return path


# --- DSO JSON: v6 (HTML od-* divisions) and v8 (STOP XML fragments) ----------------------


def _html_content(item: tuple[Any, ...]) -> str:
    kind = item[0]
    if kind == "al":
        # the inline markup (i, br) and the entities are HTML as they stand
        return f'<div class="od-Al">{item[1]}</div>'
    if kind == "tussenkop":
        return f'<div class="od-Tussenkop">{item[1]}</div>'
    if kind == "lijst":
        items = "".join(
            f'<div class="od-Li"><div class="od-LiNummer">{chr(97 + index)}.</div>'
            f'<div class="od-Al">{text}</div></div>'
            for index, text in enumerate(item[1])
        )
        return f'<div class="od-Lijst">{items}</div>'
    if kind == "tabel":
        rows = "".join(
            "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in item[1]
        )
        return f'<div class="od-Tabel"><table><tbody>{rows}</tbody></table></div>'
    if kind == "kader":
        body = "".join(f'<div class="od-Al">{text}</div>' for text in item[2])
        return (
            f'<div class="od-Kadertekst"><div class="od-Kop"><div class="od-Opschrift">'
            f"{item[1]}</div></div>{body}</div>"
        )
    if kind == "begrippen":
        terms = "".join(
            f'<div class="od-Begrip"><div class="od-Term">{term}</div>'
            f'<div class="od-Definitie"><div class="od-Al">{text}</div></div></div>'
            for term, text in item[1]
        )
        return f'<div class="od-Begrippenlijst">{terms}</div>'
    raise AssertionError(kind)


def _json_node(node: tuple[Any, ...], version: int) -> dict[str, Any]:
    kind, number, title, body = node
    result: dict[str, Any] = {
        "type": kind.upper(),
        "gereserveerd": body == "gereserveerd",
        "vervallen": False,
        "_links": {"self": {"href": "https://example.invalid/node"}},
    }
    if version >= 7:
        if title:
            kop = _stop_kop(number, title, "Bijlage" if kind == "bijlage" else "")
            result["kop"] = kop.replace("<Kop>", f'<Kop xmlns="{TEKST_NS}">', 1)
    else:
        if number:
            result["nummer"] = f"Bijlage {number}" if kind == "bijlage" else number
        if title:
            result["opschrift"] = title
    children: list[dict[str, Any]] = []
    if kind == "divisietekst" and body != "gereserveerd":
        if version >= 7:
            content = "".join(_stop_content(item) for item in body)
            result["inhoud"] = f'<Inhoud xmlns="{TEKST_NS}">{content}</Inhoud>'
        else:
            content = "".join(_html_content(item) for item in body)
            result["inhoud"] = f'<div class="od-Inhoud">{content}</div>'
        for item in body:  # the API repeats each glossary entry as a child node
            if item[0] == "begrippen":
                children.extend({"type": "BEGRIP", "inhoud": "<div>dubbel</div>"} for _ in item[1])
    elif isinstance(body, list):
        children = [_json_node(child, version) for child in body]
    result["_embedded"] = {"documentComponenten": children}
    return result


def dso_json(version: int, *, draft: bool = False, regeling: dict[str, Any] | None = None) -> str:
    # v6 carries the entities as HTML does (escaped once, decoded by the parser);
    # v8's XML fragments carry them escaped twice, like the STOP file.
    tree = [
        {
            "type": "LICHAAM",
            "_embedded": {
                "documentComponenten": [
                    _json_node(node, version) for node in VISIE if node[0] != "bijlage"
                ]
            },
        },
        *(_json_node(node, version) for node in VISIE if node[0] == "bijlage"),
    ]
    key = "ontwerpDocumentComponenten" if draft else "documentComponenten"
    document: dict[str, Any] = {"_embedded": {key: tree}}
    if regeling is not None:
        document = {"regeling": regeling, **document}
    text = json.dumps(document, ensure_ascii=False)
    if version >= 7:
        text = text.replace("&lsquo;", "&amp;lsquo;").replace("&rsquo;", "&amp;rsquo;")
    return text


def write_json(folder: Path, version: int, name: str, **kwargs: Any) -> Path:
    path = folder / name
    path.write_text(dso_json(version, **kwargs), "utf-8")
    return path


# --- the same text as a PDF ----------------------------------------------------------------


def _pdf_paragraphs(node: tuple[Any, ...], level: int) -> list[str]:
    kind, number, title, body = node
    out: list[str] = []
    if body == "gereserveerd":
        return out  # a reserved part is not in the published text either
    if title:
        heading = f"Bijlage {number} {title}" if kind == "bijlage" else f"{number} {title}"
        out.append(("# " if level == 0 else "## ") + heading.strip())
    if kind == "divisietekst":
        for item in body:
            if item[0] == "al":
                out.append(html.unescape(item[1]) if "&" in item[1] else item[1])
            elif item[0] == "tussenkop":
                out.append("## " + item[1])
            elif item[0] == "lijst":
                out.extend(f"• {chr(97 + i)}. {text}" for i, text in enumerate(item[1]))
            elif item[0] == "tabel":
                out.extend(" | ".join(row) for row in item[1])
            elif item[0] == "kader":
                out.append("## " + item[1])
                out.extend(item[2])
            elif item[0] == "begrippen":
                out.extend(f"{term}: {text}" for term, text in item[1])
    else:
        for child in body:
            out.extend(_pdf_paragraphs(child, level + 1))
    return out


def write_pdf(folder: Path, make_pdf: Callable[..., Path], name: str = "visie.pdf") -> Path:
    pages = [["# Omgevingsvisie Ommerwold 2040"]]
    pages += [_pdf_paragraphs(node, 0) for node in VISIE]
    return make_pdf(folder, pages, filename=name)


def _statuses(report: Report, index: int = 0) -> dict[str, str]:
    document = report.documents[index]
    assert document.error is None, document.error
    return {theme.theme_id: theme.status.value for theme in document.themes}


# --- point 4: the same verdict in every form ----------------------------------------------


def test_stop_dso_v6_dso_v8_and_pdf_give_the_same_statuses(
    tmp_path: Path, make_pdf: Callable[..., Path]
) -> None:
    files = [
        write_stop(tmp_path),
        write_json(tmp_path, 6, "visie-v6.json"),
        write_json(tmp_path, 8, "visie-v8.json"),
        write_pdf(tmp_path, make_pdf),
    ]
    for path in files:
        report = check_files([path])
        assert _statuses(report) == EXPECTED_STATUSES, path.name


@pytest.mark.parametrize("version", [6, 8])
def test_dso_json_gives_the_same_sections_as_stop_xml(tmp_path: Path, version: int) -> None:
    stop = extract(write_stop(tmp_path), use_cache=False)
    dso = extract(write_json(tmp_path, version, "visie.json"), use_cache=False)
    assert [(page.section_path, page.section_kind, page.text) for page in dso.pages] == [
        (page.section_path, page.section_kind, page.text) for page in stop.pages[1:]
    ]  # the JSON tree has no RegelingOpschrift: the STOP title section is its only extra
    assert dso.location_unit == "section" and dso.source_format == "dso"


# --- point 1: what is read, and how ------------------------------------------------------


def test_stop_xml_sections_follow_the_divisie_nesting(tmp_path: Path) -> None:
    document = extract(write_stop(tmp_path), use_cache=False)
    assert document.source_format == "stop" and document.location_unit == "section"
    assert [(page.section_path, page.section_kind) for page in document.pages] == [
        ((), SectionKind.TEXT),
        (("1 Ons Ommerwold",), SectionKind.TEXT),
        (("1 Ons Ommerwold", "1.1 Inleiding"), SectionKind.TEXT),
        (("2 Bodem en ondergrond",), SectionKind.TEXT),
        (("2 Bodem en ondergrond", "2.1 Energie uit de ondergrond"), SectionKind.TEXT),
        (("2 Bodem en ondergrond", "2.2 Water"), SectionKind.TEXT),
        (("3 Begrippenlijst",), SectionKind.TEXT),
        (("3 Begrippenlijst",), SectionKind.GLOSSARY),
        (("Bijlage 1 Achtergrond bodemdaling",), SectionKind.ANNEX),
    ]
    energy, water = document.pages[4], document.pages[5]
    assert energy.text == (
        "2.1 Energie uit de ondergrond\n\n"
        "Wij zetten in op bodemenergie in nieuwe woonwijken. Open systemen voor bodemenergie "
        "passen alleen buiten de grondwaterbeschermingsgebieden.\n\n"
        "Geothermie kan de warmte leveren voor het warmtenet van Ommerwold-Noord.\n"
        "Wij staan een proefboring naar aardwarmte toe onder strikte voorwaarden."
    )
    assert water.text == (
        "2.2 Water\n\nDrinkwater\n\n"
        "• a. De drinkwaterwinning bij de Ommerberg blijft beschermd.\n\n"
        "• b. Rond het waterwingebied komen geen nieuwe bedrijven die het drinkwater "
        "bedreigen.\n\n"
        "Opgave | Keuze\n\n"
        "Grondwater | Wij houden het grondwaterpeil in de beekdalen hoog.\n\n"
        "Uit de grondwatermeting\n\n"
        "In droge zomers zakt het grondwater in de beekdalen ver weg.\n\n"
        # the twice-escaped &lsquo; &rsquo; decoded (and straightened by normalisation)
        "De raad noemt dit 'ruimte voor water': regenwater blijft in de wijk."
    )
    # headings are marked by the structure: the Kop, the Tussenkop and the box's Kop
    assert water.heading_lines == ("2.2 Water", "Drinkwater", "Uit de grondwatermeting")
    assert "Mijnbouw" not in "".join(page.text for page in document.pages)
    assert document.pages[7].text == (
        "Bodemarchief: Archeologische resten die in de bodem bewaard zijn."
    )


def test_a_figure_gives_its_title_and_caption_but_not_its_image(tmp_path: Path) -> None:
    path = tmp_path / "kaart.xml"
    path.write_text(
        f'<RegelingVrijetekst xmlns="{TEKST_NS}"><Lichaam><Divisietekst>'
        "<Kop><Nummer>4</Nummer><Opschrift>Kaarten</Opschrift></Kop><Inhoud><Figuur>"
        "<Titel>Grondwaterbeschermingsgebieden</Titel>"
        '<Illustratie naam="kaart-4.png" breedte="600"/>'
        "<Bijschrift>Bron: provincie Overijssel, 2024</Bijschrift>"
        "</Figuur></Inhoud></Divisietekst></Lichaam></RegelingVrijetekst>",
        "utf-8",
    )
    (page,) = extract(path, use_cache=False).pages
    assert page.text == (
        "4 Kaarten\n\nGrondwaterbeschermingsgebieden\n\nBron: provincie Overijssel, 2024"
    )


def test_evidence_names_the_section_path_and_kind(tmp_path: Path) -> None:
    report = check_files([write_stop(tmp_path)])
    document = report.documents[0]
    assert document.location_unit == "section" and document.source_format == "stop"
    geothermie = document.coverage("geothermie")
    assert geothermie.pages == (5,)
    assert {hit.section for hit in geothermie.evidence} == {
        SEPARATOR.join(("2 Bodem en ondergrond", "2.1 Energie uit de ondergrond"))
    }
    # the paragraph in its section: 2.1's heading is none, bodemenergie's paragraph the
    # first, geothermie's (two lines joined by a br) the second
    assert {hit.paragraph for hit in geothermie.evidence} == {2}
    assert {hit.paragraph for hit in document.coverage("bodemenergie").evidence} == {1}
    (archief,) = document.coverage("bodemarchief").evidence
    assert (archief.section, archief.section_kind) == ("3 Begrippenlijst", SectionKind.GLOSSARY)
    daling = document.coverage("bodemdaling").evidence
    assert {(hit.section, hit.section_kind) for hit in daling} == {
        ("Bijlage 1 Achtergrond bodemdaling", SectionKind.ANNEX)
    }


@pytest.mark.parametrize(
    ("lang", "place"),
    [
        ("nl", "sectie 5, alinea 2, 2 Bodem en ondergrond › 2.1 Energie uit de ondergrond"),
        ("en", "section 5, paragraph 2, 2 Bodem en ondergrond › 2.1 Energie uit de ondergrond"),
    ],
)
def test_reports_give_section_paragraph_and_path(tmp_path: Path, lang: str, place: str) -> None:
    path = write_stop(tmp_path)
    code, stdout, _ = cli("check", path, "--format", "markdown", "--lang", lang, "--no-cache")
    assert code == 0
    geothermie = [line for line in stdout.splitlines() if "**Geothermie**" in line]
    assert geothermie and all(line.startswith(f"- {place}: ") for line in geothermie)


def test_a_delivery_reads_the_regeling_and_not_the_besluits_own_articles(tmp_path: Path) -> None:
    report = check_files([write_delivery(tmp_path)])
    # the besluit's article names ondergrondse opslag and its closing schaliegas: not read
    assert _statuses(report) == EXPECTED_STATUSES
    metadata = report.documents[0].metadata
    assert metadata is not None
    assert (metadata.title, metadata.identification, metadata.version, metadata.status) == (
        "Omgevingsvisie Ommerwold 2040",
        "/akn/nl/act/gm9999/2025/visie-ommerwold",
        "4",
        "ontwerp",
    )
    assert (metadata.authority, metadata.document_type) == (
        "gm9999",
        "/join/id/stop/regelingtype_006",
    )


def test_a_zip_package_is_read_through_its_regeling_text(tmp_path: Path) -> None:
    package = tmp_path / "pakket-ommerwold.zip"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.xml", '<?xml version="1.0"?><Manifest><bestand/></Manifest>')
        archive.writestr("Regeling/Tekst.xml", stop_regeling())
        archive.writestr("Regeling/Metadata.xml", "<RegelingMetadata/>")
    report = check_files([package])
    assert report.documents[0].source_format == "package"
    assert _statuses(report) == EXPECTED_STATUSES


def test_a_draft_from_the_api_with_fetch_metadata_names_its_municipality(tmp_path: Path) -> None:
    regeling = {
        "identificatie": "/akn/nl/act/gm0153/2025/omgevingsvisie/nld@2025-06-01;2",
        "officieleTitel": "Omgevingsvisie Enschede",
        "versie": 2,
        "geldigVanaf": "2025-06-01",
        "type": {"code": "/join/id/stop/regelingtype_006"},
        "bevoegdGezag": {"code": "gm0153", "naam": "Gemeente Enschede"},
        "ontwerp": True,
    }
    path = write_json(tmp_path, 8, "regeling-1.json", draft=True, regeling=regeling)
    report = check_files([path])
    document = report.documents[0]
    # the metadata's authority beats the file name, and its version/status feed grouping
    assert (document.municipality, document.version, document.status) == (
        "Enschede",
        "2",
        "ontwerp",
    )
    assert document.metadata is not None
    assert (document.metadata.identification, document.metadata.date) == (
        "/akn/nl/act/gm0153/2025/omgevingsvisie",
        "2025-06-01",
    )
    code, stdout, _ = cli("check", path, "--format", "json", "--no-cache")
    data = json.loads(stdout)["documents"][0]
    assert code == 0
    assert data["source_format"] == "dso"
    assert data["metadata"] == {
        "title": "Omgevingsvisie Enschede",
        "identification": "/akn/nl/act/gm0153/2025/omgevingsvisie",
        "version": "2",
        "status": "ontwerp",
        "authority": "gm0153",
        "authority_name": "Gemeente Enschede",
        "municipality": "Enschede",
        "date": "2025-06-01",
        "document_type": "/join/id/stop/regelingtype_006",
    }
    evidence = data["themes"][0]["evidence"][0]  # geothermie
    assert (evidence["section"], evidence["paragraph"]) == (
        "2 Bodem en ondergrond › 2.1 Energie uit de ondergrond",
        2,
    )


def test_metadata_status_decides_which_visie_of_a_municipality_the_overview_shows(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    authority = {"code": "gm0164", "naam": "Hengelo"}
    write_json(folder, 8, "a-nieuw.json", draft=True, regeling={"bevoegdGezag": authority})
    write_json(folder, 8, "b-oud.json", regeling={"bevoegdGezag": authority, "ontwerp": False})
    report = check_files(collect_inputs(folder))
    assert [(d.municipality, d.status) for d in report.documents] == [
        ("Hengelo", "ontwerp"),
        ("Hengelo", "vastgesteld"),
    ]
    (group,) = report.groups
    assert (group.municipality, Path(group.primary).name, group.reason) == (
        "Hengelo",
        "b-oud.json",
        "status",
    )


def test_a_manifest_municipality_beats_the_metadata(tmp_path: Path) -> None:
    regeling = {"bevoegdGezag": {"code": "gm0153", "naam": "Enschede"}}
    write_json(tmp_path, 6, "visie.json", regeling=regeling)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("gemeente;bestand\nOmmerwold;visie.json\n", "utf-8")
    report = check_files(collect_inputs(manifest))
    assert report.documents[0].municipality == "Ommerwold"


@pytest.mark.parametrize(
    ("work", "named"),
    [
        ("/akn/nl/act/pv23/2025/omgevingsvisie/nld@2025-03-01;1", "Provincie Overijssel"),
        ("/akn/nl/act/mnre1034/2021/novi/nld@2021-03-31;1", "Rijk"),
        # a municipality's code in the package's CBS table outranks what the title says
        ("/akn/nl/act/gm0153/2025/omgevingsvisie/nld@2025-03-01;1", "Enschede"),
    ],
)
def test_a_visie_is_named_after_its_authority_code(tmp_path: Path, work: str, named: str) -> None:
    """Not after a cleaned-up file name: the authority code says whose visie it is."""
    path = tmp_path / "download-1234.xml"
    path.write_text(stop_regeling(work), "utf-8")
    document = check_files([path]).documents[0]
    assert document.municipality == named
    assert document.metadata is not None and document.metadata.authority_name == named


# --- point 3: hostile input ------------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'
        for n in range(1, 10)
    )
    + f']>\n<RegelingVrijetekst xmlns="{TEKST_NS}"><Lichaam><Divisietekst><Inhoud>'
    "<Al>&lol9;</Al></Inhoud></Divisietekst></Lichaam></RegelingVrijetekst>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>\n'
    f'<RegelingVrijetekst xmlns="{TEKST_NS}"><Lichaam><Divisietekst><Inhoud>'
    "<Al>&geheim;</Al></Inhoud></Divisietekst></Lichaam></RegelingVrijetekst>"
)


def one_line_error(stderr: str, *fragments: str) -> None:
    """Standard error is exactly one ``FILE: fout: …`` line holding every fragment."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


DTD_NL = "het XML-bestand bevat een DTD of entiteiten (mogelijk een XML-bom"


@pytest.mark.parametrize(
    ("name", "content", "code", "fragments"),
    [
        ("bom.xml", BILLION_LAUGHS, ExitCode.UNSUPPORTED_FORMAT, [DTD_NL]),
        ("entiteit.xml", EXTERNAL_ENTITY, ExitCode.UNSUPPORTED_FORMAT, [DTD_NL]),
        (
            "afgebroken.xml",
            stop_regeling()[:700],
            ExitCode.CORRUPT_FILE,
            ["het XML-bestand is beschadigd of onvolledig (regel 1, kolom 700)"],
        ),
        (
            "afgebroken.json",
            dso_json(6)[:500],
            ExitCode.CORRUPT_FILE,
            ["het JSON-bestand is beschadigd of onvolledig (regel 1, kolom"],
        ),
        (
            "instellingen.json",
            '{"thema": "donker", "taal": "nl"}',
            ExitCode.UNSUPPORTED_FORMAT,
            ["is JSON, maar geen DSO-document (er is geen _embedded.documentComponenten)"],
        ),
        (
            "rss.xml",
            '<?xml version="1.0"?><rss><channel><title>Nieuws</title></channel></rss>',
            ExitCode.UNSUPPORTED_FORMAT,
            ["is XML, maar geen STOP-regeling (RegelingVrijetekst)"],
        ),
        (
            "diep.json",
            '{"_embedded": {"documentComponenten": ['
            + '{"type": "DIVISIE", "_embedded": {"documentComponenten": [' * 200
            + "]}}" * 200
            + "]}}",
            ExitCode.CORRUPT_FILE,
            ["de documentstructuur is dieper genest dan 120 niveaus"],
        ),
    ],
)
def test_hostile_structured_input_gets_its_exit_code_and_one_line(
    tmp_path: Path, name: str, content: str, code: ExitCode, fragments: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    exit_code, stdout, stderr = cli("check", path, "--no-cache")
    assert exit_code == code
    one_line_error(stderr, f"{name}: fout: ", *fragments)
    assert "lollol" not in stdout + stderr and "root:" not in stdout + stderr


@pytest.mark.parametrize(
    ("name", "start", "kind"),
    [
        ("enorm.json", b'{"_embedded": {"documentComponenten": [', "het DSO-document (JSON)"),
        ("enorm.xml", b'<?xml version="1.0"?><RegelingVrijetekst>', "de STOP-regeling (XML)"),
    ],
)
def test_a_1_gb_file_is_refused_by_its_size_before_it_is_read(
    tmp_path: Path, name: str, start: bytes, kind: str
) -> None:
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.write(start)
        handle.truncate(1024**3)  # sparse: no gigabyte written to the disk
    exit_code, _, stderr = cli("check", path, "--no-cache")
    assert exit_code == ExitCode.RESOURCE_LIMIT
    one_line_error(
        stderr,
        f"{name}: fout: {kind} is 1024 MB, groter dan de 64 MB die visiecheck van zo'n "
        "bestand leest",
    )


def test_english_messages_for_a_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bom.xml"
    path.write_text(BILLION_LAUGHS, "utf-8")
    exit_code, _, stderr = cli("check", path, "--no-cache", "--lang", "en")
    assert exit_code == ExitCode.UNSUPPORTED_FORMAT
    one_line_error(stderr, "the XML file contains a DTD or entities (possibly an XML bomb")


# --- the batch: a folder mixing PDF, STOP XML and DSO JSON ----------------------------------


def test_batch_reads_a_folder_of_pdf_stop_xml_and_dso_json(
    tmp_path: Path, make_pdf: Callable[..., Path]
) -> None:
    folder = tmp_path / "regio"
    folder.mkdir()
    write_pdf(folder, make_pdf, "Hengelo.pdf")
    write_stop(folder, "Borne.xml")
    write_json(folder, 6, "Losser.json")
    (folder / "instellingen.json").write_text('{"thema": "donker"}', "utf-8")
    (folder / "feed.xml").write_text('<?xml version="1.0"?><rss/>', "utf-8")
    (folder / "kapot.json").write_text(dso_json(8)[:300], "utf-8")
    code, stdout, stderr = cli("batch", folder, "--format", "json", "--no-cache")
    data = json.loads(stdout)
    rows = {
        document["municipality"]: (
            document["source_format"],
            document["location_unit"],
            document["error_code"],
        )
        for document in data["documents"]
    }
    assert rows == {
        "Borne": ("stop", "section", None),
        "Hengelo": ("pdf", "page", None),
        "Kapot": (None, "page", int(ExitCode.CORRUPT_FILE)),
        "Losser": ("dso", "section", None),
    }
    for document in data["documents"]:
        if document["error"] is None:
            statuses = {theme["id"]: theme["status"] for theme in document["themes"]}
            assert statuses == EXPECTED_STATUSES, document["file"]
    # unrelated JSON/XML in the folder is skipped by its content, with a reason
    assert "(feed.xml): XML zonder STOP-regeling (<rss>), geen visie" in stderr
    assert "(instellingen.json): JSON zonder DSO-documentboom (_embedded), geen visie" in stderr
    assert code == ExitCode.PARTIAL_FAILURE  # one row failed, the others were read


# --- the real samples in ../shared/dso (skipped when absent) -------------------------------

needs_shared = pytest.mark.skipif(not SHARED_DSO.is_dir(), reason="../shared/dso is not here")


@needs_shared
def test_the_novi_json_gives_section_paths_and_finds_subsurface_policy() -> None:
    report = check_files([SHARED_DSO / "dso-presenteren-novi-documentcomponenten.json"])
    document = report.documents[0]
    assert document.location_unit == "section" and document.pages > 100
    statuses = _statuses(report)
    assert statuses["geothermie"] == "addressed" and statuses["grondwater"] == "addressed"
    sections = {hit.section for hit in document.coverage("geothermie").evidence}
    assert all(section.startswith("Nationale Omgevingsvisie › ") for section in sections)
    snippets = " ".join(hit.snippet for theme in document.themes for hit in theme.evidence)
    assert "od-Al" not in snippets and "_links" not in snippets


@needs_shared
def test_the_zuid_holland_delivery_reads_only_the_regeling() -> None:
    document = extract(SHARED_DSO / "stop-omgevingsvisie-zuid-holland-besluit.xml", use_cache=False)
    text = "\n".join(page.text for page in document.pages)
    assert "Dit besluit treedt in werking" not in text  # the besluit's own article
    assert "Gegeven te" not in text  # its closing
    assert document.pages[1].section_path == ("1 Voorwoord",)
    assert document.metadata is not None
    assert document.metadata.document_type == "/join/id/stop/regelingtype_006"


def test_a_footnote_taken_out_leaves_no_space_before_the_full_stop(tmp_path: Path) -> None:
    """The NOVI's HTML indents a footnote inside its sentence, sometimes wrapped in <b>:
    the sentence reads on as written, the footnote becomes a paragraph of its own."""
    inhoud = (
        '<div class="od-Al">Wij volgen de <b>Structuurvisie Ondergrond (STRONG)</b>\n      '
        '<div class="od-Noot">\n <div class="od-NootNummer">5</div>\n'
        '  <div class="od-Al">Ministerie van EZK, <i>STRONG</i>, 2018.</div>\n </div>. '
        "Daarnaast geldt het <b>Klimaatakkoord</b>\n <b>\n"
        '<div class="od-Noot"><div class="od-Al">Den Haag 2019.</div></div>\n </b>: '
        "aardwarmte krijgt ruimte.</div>"
    )
    tree = {
        "_embedded": {
            "documentComponenten": [
                {
                    "type": "DIVISIETEKST",
                    "nummer": "1",
                    "opschrift": "Ondergrond",
                    "inhoud": inhoud,
                    "volgordeNummer": 1,
                    "gereserveerd": False,
                    "vervallen": False,
                }
            ]
        }
    }
    path = tmp_path / "visie.json"
    path.write_text(json.dumps(tree), "utf-8")
    document = read_file(path)
    paragraphs = [line for page in document.pages for line in page.text.split("\n") if line]
    assert paragraphs == [
        "1 Ondergrond",
        "Wij volgen de Structuurvisie Ondergrond (STRONG). Daarnaast geldt het Klimaatakkoord: "
        "aardwarmte krijgt ruimte.",
        "Ministerie van EZK, STRONG, 2018.",
        "Den Haag 2019.",
    ]
