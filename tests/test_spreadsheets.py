"""The coordinator's spreadsheets: the xlsx workbook read back with openpyxl, and the CSV
as Dutch Excel would read it.

A hand-made batch report (a draft and an adopted visie of Enschede, Almelo from a text
file, a file that could not be read) pins every sheet down exactly; a real batch of PDFs
and a text file through the CLI checks the same from a manifest's versie/status columns.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.cli_helpers import cli
from visiecheck.errors import ExitCode
from visiecheck.models import (
    Context,
    Depth,
    DocumentReport,
    DuplicatePair,
    Hit,
    LexiconInfo,
    MunicipalityGroup,
    RegionalExample,
    Report,
    SearchInfo,
    Stance,
    Status,
    ThemeCoverage,
)
from visiecheck.render import render, render_batch

AARDWARMTE = "Wij willen samen met de provincie aardwarmte benutten voor de binnenstad."
GRONDWATER = "Het grondwater is een kwetsbare bron die wij beschermen tegen verontreiniging."
OUDE_GRONDWATER = "Wij letten bij de bouw van nieuwe wijken op het grondwater."
ALMELO_GRONDWATER = "Bij nieuwe woonwijken houden wij rekening met de grondwaterstand."
THEMES = (("geothermie", "Geothermie (aardwarmte)", "Geothermal energy"),
          ("grondwater", "Grondwater", "Groundwater"))  # fmt: skip
RECALL = {"geothermie": 0.81, "grondwater": 0.69}


def _coverage(
    theme_id: str, status: Status, pages: tuple[int, ...] = (), sentence: str = ""
) -> ThemeCoverage:
    _, label, label_en = next(theme for theme in THEMES if theme[0] == theme_id)
    evidence = tuple(
        Hit(theme_id, theme_id, theme_id, "exact", page, 0, 5, sentence, 0, Context.BODY,
            stance=Stance.AMBITION)
        for page in pages
    )  # fmt: skip
    return ThemeCoverage(
        theme_id,
        label,
        label_en,
        status,
        len(evidence),
        pages,
        evidence,
        depth=Depth.POLICY_CHOICE if evidence else Depth.MISSING,
        searched=SearchInfo(35, 196, 0, RECALL[theme_id]),
    )


def _document(file: str, municipality: str, *themes: ThemeCoverage, **extra: str) -> DocumentReport:
    return DocumentReport(file, municipality, "abc", 12, (), (), None, themes, **extra)


ADOPTED = _document(
    "enschede-vastgesteld.pdf",
    "Enschede",
    _coverage("geothermie", Status.ADDRESSED, (4,), AARDWARMTE),
    _coverage("grondwater", Status.ADDRESSED, (2, 3, 4, 5, 6, 7, 8, 9), GRONDWATER),
    version="2.0",
    status="vastgesteld",
    file_date="2024-03-12",
)
DRAFT = _document(
    "enschede-ontwerp.pdf",
    "Enschede",
    _coverage("geothermie", Status.MISSING),
    _coverage("grondwater", Status.MENTIONED, (2, 5), OUDE_GRONDWATER),
    version="1.0",
    status="ontwerp",
    file_date="2023-06-01",
)
ALMELO = _document(
    "almelo.txt",
    "Almelo",
    _coverage("geothermie", Status.MISSING),
    _coverage("grondwater", Status.ADDRESSED, (12,), ALMELO_GRONDWATER),
    location_unit="section",
    file_date="2024-01-05",
)
BORNE = DocumentReport("borne.pdf", "Borne", "", 0, (), (), "is geen PDF", (), 4)
REPORT = Report(
    tool_version="0.1.0",
    lexicon=LexiconInfo("ondergrond-nl", "1.4.0", 2, content_hash="3549f943b4fc", modified=True),
    documents=(DRAFT, ALMELO, ADOPTED, BORNE),
    selected_themes=("geothermie", "grondwater"),
    groups=(
        MunicipalityGroup(
            "Enschede", "enschede-vastgesteld.pdf", ("enschede-ontwerp.pdf",), "status"
        ),
        MunicipalityGroup("Almelo", "almelo.txt"),
        MunicipalityGroup("Borne", "borne.pdf"),
    ),
    examples=(
        RegionalExample("geothermie", "Enschede", "enschede-vastgesteld.pdf", 4, "page",
                        "4 Energie", AARDWARMTE, Stance.AMBITION),
        RegionalExample("grondwater", "Almelo", "almelo.txt", 12, "section",
                        "3 Water", ALMELO_GRONDWATER, Stance.CONDITION),
    ),
    created="2024-05-02T14:30:00+02:00",
)  # fmt: skip


def workbook(report: Report = REPORT, lang: str = "nl") -> Workbook:
    data = render_batch(report, "xlsx", lang=lang)
    assert isinstance(data, bytes)
    return load_workbook(io.BytesIO(data))


def values(sheet: Worksheet, first: int = 1) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(min_row=first, values_only=True)]


def link(sheet: Worksheet, coordinate: str) -> str | None:
    hyperlink = sheet[coordinate].hyperlink
    return None if hyperlink is None else hyperlink.location


# --- xlsx: the sheets --------------------------------------------------------------------


def test_sheet_names_in_dutch_and_english() -> None:
    assert workbook().sheetnames == [
        "Overzicht", "Bewijs", "Voorbeelden uit de regio", "Over dit overzicht",
    ]  # fmt: skip
    assert workbook(lang="en").sheetnames == [
        "Overview", "Evidence", "Regional examples", "About this overview",
    ]  # fmt: skip


def test_matrix_has_one_row_per_municipality_with_its_file_version_and_other_documents() -> None:
    matrix = workbook()["Overzicht"]
    assert values(matrix) == [
        ["Gemeente", "Geothermie", "Grondwater", "✔/~/✘", "Bestand", "Versie", "Andere documenten"],
        ["Almelo", "ontbreekt", "uitgewerkt", "1/0/1", "almelo.txt", None, None],
        ["Borne", "Fout: is geen PDF", None, None, "borne.pdf", None, None],
        ["Enschede", "uitgewerkt", "uitgewerkt", "2/0/0", "enschede-vastgesteld.pdf",
         "2.0 (vastgesteld)", "enschede-ontwerp.pdf (1.0, ontwerp)"],
        # totals count municipalities: the draft's "genoemd" does not count twice
        ["Totaal", 1, 2, 2, None, None, None],
    ]  # fmt: skip
    assert matrix.freeze_panes == "B2"
    assert matrix.auto_filter.ref == "A1:G4"
    assert all(cell.alignment.wrap_text for cell in matrix["G"])


def test_matrix_cells_link_to_their_first_evidence_row() -> None:
    book = workbook()
    matrix, evidence = book["Overzicht"], book["Bewijs"]
    links = {coordinate: link(matrix, coordinate) for coordinate in ("B2", "C2", "B3", "B4", "C4")}
    assert links == {
        "B2": "'Bewijs'!A2",
        "C2": "'Bewijs'!A3",
        "B3": "'Bewijs'!A4",
        "B4": "'Bewijs'!A5",
        "C4": "'Bewijs'!A6",
    }
    # each target is the row of that municipality's shown document and that theme
    row = {number: [c.value for c in evidence[number]] for number in range(2, 7)}
    assert (row[2][0], row[2][1], row[2][10]) == ("Almelo", "Geothermie (aardwarmte)", "almelo.txt")
    assert (row[3][0], row[3][1], row[3][10]) == ("Almelo", "Grondwater", "almelo.txt")
    assert (row[4][0], row[4][2], row[4][6]) == ("Borne", "Fout", "Fout: is geen PDF")
    assert (row[5][1], row[5][10]) == ("Geothermie (aardwarmte)", "enschede-vastgesteld.pdf")
    assert (row[6][1], row[6][10], row[6][3]) == ("Grondwater", "enschede-vastgesteld.pdf", 2)
    # the theme headers link to the theme's first regional example
    assert link(matrix, "B1") == "'Voorbeelden uit de regio'!A2"
    assert link(matrix, "C1") == "'Voorbeelden uit de regio'!A3"
    assert link(matrix, "A2") is None and link(matrix, "D2") is None


def test_evidence_has_every_document_and_theme_and_says_what_a_missing_one_rests_on() -> None:
    evidence = workbook()["Bewijs"]
    rows = values(evidence)
    assert rows[0] == [
        "Gemeente", "Thema", "Status", "pagina", "term", "match", "zin", "houding", "sectie",
        "eenheid", "Bestand", "Versie",
    ]  # fmt: skip
    assert [(row[0], row[1], row[2], row[3], row[10]) for row in rows[1:]] == [
        ("Almelo", "Geothermie (aardwarmte)", "ontbreekt", None, "almelo.txt"),
        ("Almelo", "Grondwater", "uitgewerkt", 12, "almelo.txt"),
        ("Borne", None, "Fout", None, "borne.pdf"),
        ("Enschede", "Geothermie (aardwarmte)", "uitgewerkt", 4, "enschede-vastgesteld.pdf"),
        *[("Enschede", "Grondwater", "uitgewerkt", page, "enschede-vastgesteld.pdf")
          for page in range(2, 10)],
        # the draft after the adopted visie: reachable, with its own version
        ("Enschede", "Geothermie (aardwarmte)", "ontbreekt", None, "enschede-ontwerp.pdf"),
        ("Enschede", "Grondwater", "genoemd", 2, "enschede-ontwerp.pdf"),
        ("Enschede", "Grondwater", "genoemd", 5, "enschede-ontwerp.pdf"),
    ]  # fmt: skip
    assert rows[1][6] == (
        "geothermie: niet gevonden (gezocht op 35 termen en 196 vormen; alle secties leesbaar; "
        "herkenning ≈ 0,81)"
    )
    assert rows[2][6:] == [ALMELO_GRONDWATER, "ambitie", None, "sectie", "almelo.txt", None]
    assert rows[-1][11] == "1.0 (ontwerp)"
    # the sentence column wraps, header included; the status column recolours
    assert all(cell.alignment.wrap_text for cell in evidence["G"])
    assert evidence.freeze_panes == "B2"
    assert evidence.auto_filter.ref == f"A1:L{len(rows)}"
    rules = {
        str(entry.sqref): [r.formula for r in entry.rules]
        for entry in evidence.conditional_formatting
    }
    assert rules == {f"C2:C{len(rows)}": [['"uitgewerkt"'], ['"genoemd"'], ['"ontbreekt"']]}


def test_colours_are_conditional_formats_on_the_status_word() -> None:
    matrix = workbook()["Overzicht"]
    assert all(cell.fill.fill_type is None for row in matrix.iter_rows() for cell in row)
    entries = list(matrix.conditional_formatting)
    assert [str(entry.sqref) for entry in entries] == ["B2:C4"]
    rules = [
        (rule.type, rule.operator, rule.formula, rule.dxf.fill.bgColor.rgb[-6:])
        for rule in entries[0].rules
    ]
    assert rules == [
        ("cellIs", "equal", ['"uitgewerkt"'], "C6EFCE"),
        ("cellIs", "equal", ['"genoemd"'], "FFEB9C"),
        ("cellIs", "equal", ['"ontbreekt"'], "FFC7CE"),
        ("expression", None, ['LEFT($B2,5)="Fout:"'], "D9D9D9"),
    ]
    english = workbook(lang="en")["Overview"]
    formulas = [rule.formula for entry in english.conditional_formatting for rule in entry.rules]
    assert formulas == [['"addressed"'], ['"mentioned"'], ['"missing"'], ['LEFT($B2,6)="Error:"']]
    assert english["B3"].value == "Error: is geen PDF"


def test_every_sheet_prints_a4_landscape_one_page_wide_with_its_header_repeated() -> None:
    book = workbook(REPORT_WITH_DUPLICATE)
    assert len(book.worksheets) == 5
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)  # 9: A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.oddFooter.center.text == "&A – pagina &P van &N"
        assert sheet.oddHeader.left.text == (
            "visiecheck 0.1.0 · lexicon ondergrond-nl 1.4.0 · 3549f943b4fc (aangepast) · "
            "02-05-2024 14:30"
        )
    assert [sheet.freeze_panes for sheet in book.worksheets] == ["B2", "B2", "B2", "B2", None]


def test_regional_examples_sheet() -> None:
    sheet = workbook()["Voorbeelden uit de regio"]
    assert values(sheet) == [
        ["Thema", "Gemeente", "Plaats", "zin", "houding", "sectie", "Bestand"],
        ["Geothermie (aardwarmte)", "Enschede", "p. 4", AARDWARMTE, "ambitie", "4 Energie",
         "enschede-vastgesteld.pdf"],
        ["Grondwater", "Almelo", "sectie 12", ALMELO_GRONDWATER, "onder voorwaarden", "3 Water",
         "almelo.txt"],
    ]  # fmt: skip
    assert all(cell.alignment.wrap_text for cell in sheet["D"])
    english = workbook(lang="en")["Regional examples"]
    assert values(english, 2)[1][:5] == [
        "Groundwater", "Almelo", "section 12", ALMELO_GRONDWATER, "conditional",
    ]  # fmt: skip


def test_without_examples_the_sheet_says_why_it_is_empty() -> None:
    sheet = workbook(replace(REPORT, examples=()))["Voorbeelden uit de regio"]
    assert values(sheet, 2) == [
        ["Geen voorbeelden: geen gemeente maakt bij een thema een beleidskeuze (ambitie of onder "
         "voorwaarden) in haar eigen tekst.", None, None, None, None, None, None],
    ]  # fmt: skip
    assert workbook(replace(REPORT, examples=()))["Overzicht"]["B1"].hyperlink is None


def test_about_sheet_run_versions_lexicon_hash_recall_and_files() -> None:
    sheet = workbook()["Over dit overzicht"]
    rows = values(sheet)
    assert rows[0][0] == "Over dit overzicht"
    assert [row[:2] for row in rows[1:9]] == [
        ["Gemaakt op", datetime(2024, 5, 2, 14, 30)],
        ["Programma", "visiecheck 0.1.0"],
        ["Lexicon", "ondergrond-nl 1.4.0 (aangepast)"],
        ["Inhoud lexicon (hash)", "3549f943b4fc"],
        ["Gemeenten", 3],
        ["Documenten", 4],
        ["Niet gelezen", 1],
        ["Thema's", 2],
    ]
    assert sheet["B2"].number_format == "dd-mm-yyyy hh:mm"
    assert rows[9][0].startswith("Aangepast: dit lexicon draagt de naam van een meegeleverd")
    recall_header = rows.index(
        ["Thema", "Code", "Herkenning", "Een rode cel betekent", None, None, None]
    )
    assert [row[:4] for row in rows[recall_header + 1 : recall_header + 3]] == [
        ["Geothermie (aardwarmte)", "GEO", 0.81,
         "niet gevonden met herkenning ≈ 0,81: ongeveer 19% van de passages over dit thema "
         "wordt gemist"],
        ["Grondwater", "GRW", 0.69,
         "niet gevonden met herkenning ≈ 0,69: ongeveer 31% van de passages over dit thema "
         "wordt gemist"],
    ]  # fmt: skip
    assert any("‘Ontbreekt’ betekent: visiecheck heeft het thema" in str(row[0]) for row in rows)
    files_header = rows.index(
        [
            "Gemeente",
            "Bestand",
            "Versie",
            "Status document",
            "Bestandsdatum",
            "In overzicht",
            "Fout",
        ]
    )
    assert rows[files_header + 1 :] == [
        ["Almelo", "almelo.txt", None, None, datetime(2024, 1, 5), "ja", None],
        ["Borne", "borne.pdf", None, None, None, "ja", "is geen PDF"],
        ["Enschede", "enschede-vastgesteld.pdf", "2.0", "vastgesteld", datetime(2024, 3, 12),
         "ja", None],
        ["Enschede", "enschede-ontwerp.pdf", "1.0", "ontwerp", datetime(2023, 6, 1), "nee", None],
    ]  # fmt: skip
    assert sheet.cell(row=files_header + 2, column=5).number_format == "dd-mm-yyyy"


def test_about_sheet_in_english_and_for_a_shipped_lexicon() -> None:
    shipped = replace(REPORT, lexicon=replace(REPORT.lexicon, modified=False))
    rows = values(workbook(shipped, "en")["About this overview"])
    assert [row[:2] for row in rows[1:5]] == [
        ["Created", datetime(2024, 5, 2, 14, 30)],
        ["Program", "visiecheck 0.1.0"],
        ["Lexicon", "ondergrond-nl 1.4.0"],
        ["Lexicon content (hash)", "3549f943b4fc"],
    ]
    assert not any(str(row[0]).startswith(("Modified", "Aangepast")) for row in rows)
    book = workbook(replace(shipped, lexicon=replace(shipped.lexicon, name="bodem & water")), "en")
    assert book["Overview"].oddHeader.left.text == (
        "visiecheck 0.1.0 · lexicon bodem && water 1.4.0 · 3549f943b4fc · 2024-05-02 14:30"
    )


REPORT_WITH_DUPLICATE = replace(
    REPORT,
    duplicates=(DuplicatePair("enschede-ontwerp.pdf", "enschede-vastgesteld.pdf", 0.8, 0.9),),
)


def test_duplicates_sheet_names_both_files_of_one_municipality() -> None:
    sheet = workbook(REPORT_WITH_DUPLICATE)["Dubbel"]
    assert values(sheet, 2) == [
        ["Enschede (ontwerp 1.0, enschede-ontwerp.pdf)",
         "Enschede (vastgesteld 2.0, enschede-vastgesteld.pdf)", 0.9, 0.8,
         "enschede-ontwerp.pdf", "enschede-vastgesteld.pdf"],
    ]  # fmt: skip


def test_a_report_without_groups_gets_one_row_per_document() -> None:
    matrix = workbook(replace(REPORT, groups=()))["Overzicht"]
    assert [row[0] for row in values(matrix, 2)] == [
        "Almelo", "Borne", "Enschede", "Enschede", "Totaal",
    ]  # fmt: skip
    assert [row[4] for row in values(matrix, 4)][:2] == [
        "enschede-ontwerp.pdf", "enschede-vastgesteld.pdf",
    ]  # fmt: skip


@pytest.mark.skipif(os.name == "nt", reason="a backslash is a separator on Windows")
def test_groups_with_strange_file_names_still_find_their_documents() -> None:
    """render() escapes file names losslessly (a backslash before "x41" doubled); a
    group's primary and others are escaped the same way, or they would name no document."""
    strange = "ontwerp\x1b\\x41.pdf"  # ESC, then a literal backslash and "x41"
    draft = replace(DRAFT, file=strange)
    almelo = replace(ALMELO, file="almelo\\x41.txt")
    report = replace(
        REPORT,
        documents=(draft, almelo, ADOPTED, BORNE),
        groups=(
            MunicipalityGroup("Enschede", ADOPTED.file, (strange,), "status"),
            MunicipalityGroup("Almelo", almelo.file),
            REPORT.groups[2],
        ),
    )
    matrix = workbook(report)["Overzicht"]
    assert [(row[0], row[4], row[6]) for row in values(matrix, 2)] == [
        ("Almelo", "almelo\\\\x41.txt", None),
        ("Borne", "borne.pdf", None),
        ("Enschede", "enschede-vastgesteld.pdf", "ontwerp\\x1b\\\\x41.pdf (1.0, ontwerp)"),
        ("Totaal", None, None),
    ]
    assert link(matrix, "C2") == "'Bewijs'!A3"


# --- CSV ------------------------------------------------------------------------------------

# What Excel reads as a date or a number when it opens a CSV (Dutch and English settings):
# day-month with "-", "/" or ".", a decimal comma or point, a time, a fraction.
EXCEL_CONVERTS = re.compile(
    r"^\s*(\d{1,4}\s*[-/.]\s*\d{1,4}([-/.]\d{1,4})?|\d+([.,]\d+)?|\d+:\d+|\d+\s+\d+/\d+)\s*$"
)


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_csv_page_ranges_stay_text_in_dutch_excel() -> None:
    rows = read_csv(render(REPORT, "csv"))
    pages = {(row["bestand"], row["thema_id"]): row["paginas"] for row in rows}
    assert pages == {
        ("enschede-ontwerp.pdf", "geothermie"): "",
        ("enschede-ontwerp.pdf", "grondwater"): "2, 5",
        ("almelo.txt", "geothermie"): "",
        ("almelo.txt", "grondwater"): "12",
        ("enschede-vastgesteld.pdf", "geothermie"): "4",
        ("enschede-vastgesteld.pdf", "grondwater"): "2–9",
        ("borne.pdf", ""): "",
    }
    # "2-9" would become 2 September; a range or a list is never a date or number shape,
    # a single page is the number it is
    for value in pages.values():
        if value and not value.isdigit():
            assert not EXCEL_CONVERTS.match(value), value
    assert EXCEL_CONVERTS.match("2-9") and EXCEL_CONVERTS.match("1-12")  # the pattern bites


def test_csv_names_file_version_status_date_and_the_shown_document() -> None:
    text = render(REPORT, "csv")
    header = text[1:].split("\r\n", 1)[0].split(";")
    assert header[-4:] == ["versie", "documentstatus", "bestandsdatum", "in_overzicht"]
    rows = read_csv(text)
    columns = ("gemeente", "bestand", "versie", "documentstatus", "bestandsdatum", "in_overzicht")
    seen = {tuple(row[column] for column in columns) for row in rows}
    assert seen == {
        ("Enschede", "enschede-ontwerp.pdf", "1.0", "ontwerp", "2023-06-01", "nee"),
        ("Almelo", "almelo.txt", "", "", "2024-01-05", "ja"),
        ("Enschede", "enschede-vastgesteld.pdf", "2.0", "vastgesteld", "2024-03-12", "ja"),
        ("Borne", "borne.pdf", "", "", "", "ja"),
    }
    assert all(len(row) == 18 for row in rows)
    english = render(REPORT, "csv", lang="en")[1:].split("\r\n", 1)[0].split(";")
    assert english[-4:] == ["version", "document_status", "file_date", "in_overview"]
    assert render_batch(REPORT, "csv") == text  # check and batch: the same CSV


def test_csv_without_groups_leaves_in_overview_empty() -> None:
    rows = read_csv(render(replace(REPORT, groups=()), "csv"))
    assert {row["in_overzicht"] for row in rows} == {""}


def test_csv_version_cannot_start_a_formula() -> None:
    report = replace(REPORT, documents=(replace(DRAFT, version="=1+1", status="@ontwerp"),))
    row = read_csv(render(report, "csv"))[0]
    assert (row["versie"], row["documentstatus"]) == ("'=1+1", "'@ontwerp")


# --- a real batch through the CLI ---------------------------------------------------------

GEO_PAGE = (
    "Wij willen samen met de provincie aardwarmte benutten voor de warmtevoorziening van de "
    "binnenstad. Een aardwarmteproject vraagt om zorgvuldige afspraken over de diepe ondergrond."
)
WATER_PAGE = (
    "Het grondwater is een kwetsbare bron die wij beschermen tegen verontreiniging. "
    "Bij nieuwe woonwijken houden wij rekening met de grondwaterstand."
)
CENTRUM = "De gemeente werkt aan een aantrekkelijk centrum met ruimte voor ontmoeting."


@pytest.fixture
def manifest(tmp_path: Path, make_pdf: Callable[..., Path]) -> Path:
    make_pdf(tmp_path, [[CENTRUM], [GEO_PAGE], [WATER_PAGE], [WATER_PAGE]],
             filename="enschede-vastgesteld.pdf")  # fmt: skip
    make_pdf(tmp_path, [[CENTRUM], [WATER_PAGE]], filename="enschede-ontwerp.pdf")
    (tmp_path / "almelo.txt").write_text(f"Omgevingsvisie Almelo\n\n{WATER_PAGE}\n", "utf-8")
    path = tmp_path / "regio.csv"
    path.write_text(
        "gemeente;bestand;versie;status\n"
        "Enschede;enschede-ontwerp.pdf;1.0;ontwerp\n"
        "Enschede;enschede-vastgesteld.pdf;2.0;vastgesteld\n"
        "Almelo;almelo.txt;;\n",
        encoding="utf-8",
    )
    return path


def test_a_real_batch_workbook_and_csv(manifest: Path, tmp_path: Path) -> None:
    target = tmp_path / "overzicht.xlsx"
    code, out, err = cli("batch", manifest, "--format", "xlsx", "-o", target, "--no-cache")
    assert code == ExitCode.OK, err
    book = load_workbook(target)
    matrix, evidence = book["Overzicht"], book["Bewijs"]
    rows = values(matrix, 2)
    assert [(row[0], Path(row[13]).name, row[14], row[15]) for row in rows[:2]] == [
        ("Almelo", "almelo.txt", None, None),
        ("Enschede", "enschede-vastgesteld.pdf", "2.0 (vastgesteld)",
         "enschede-ontwerp.pdf (1.0, ontwerp)"),
    ]  # fmt: skip
    assert rows[1][1] == "uitgewerkt"  # geothermie, only in the adopted visie
    assert rows[2][0] == "Totaal" and rows[2][1] == 1 and rows[2][4] == 2
    # every theme cell of Enschede leads to a row of the adopted visie and that theme
    themes = [cell.value for cell in matrix[1]][1:12]
    for column, theme in enumerate(themes, start=2):
        location = matrix.cell(row=3, column=column).hyperlink.location
        target_row = evidence[int(location.rsplit("A", 1)[1])]
        assert location.startswith("'Bewijs'!A")
        assert target_row[0].value == "Enschede"
        assert target_row[1].value.startswith(theme)
        assert Path(target_row[10].value).name == "enschede-vastgesteld.pdf"
    examples = values(book["Voorbeelden uit de regio"], 2)
    assert examples[0][:5] == [
        "Geothermie (aardwarmte)", "Enschede", "p. 2",
        "Wij willen samen met de provincie aardwarmte benutten voor de warmtevoorziening van de "
        "binnenstad.", "ambitie",
    ]  # fmt: skip
    about = values(book["Over dit overzicht"])
    assert about[3][1].startswith("ondergrond-nl ") and "aangepast" not in about[3][1]
    assert re.fullmatch(r"[0-9a-f]{12}", about[4][1])
    assert isinstance(about[1][1], datetime)

    code, out, err = cli("batch", manifest, "--format", "csv")
    assert code == ExitCode.OK, err
    csv_rows = read_csv(out)
    grondwater = {
        Path(row["bestand"]).name: (row["paginas"], row["versie"], row["in_overzicht"])
        for row in csv_rows
        if row["thema_id"] == "grondwater"
    }
    assert grondwater == {
        "enschede-ontwerp.pdf": ("2", "1.0", "nee"),
        "enschede-vastgesteld.pdf": ("3–4", "2.0", "ja"),
        "almelo.txt": ("1", "", "ja"),
    }
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["bestandsdatum"]) for row in csv_rows)
