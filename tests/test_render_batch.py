"""The batch overviews on a hand-made report: matrix cells, xlsx fills, html links."""

from __future__ import annotations

import io
import re
from dataclasses import replace

from openpyxl import load_workbook

from visiecheck.models import (
    Context,
    Depth,
    DocumentReport,
    DuplicatePair,
    Hit,
    LexiconInfo,
    Report,
    SectionKind,
    Stance,
    Status,
    ThemeCoverage,
)
from visiecheck.render import render_batch

THEMES = (("geothermie", "Geothermie (aardwarmte)"), ("grondwater", "Grondwater"))


def _coverage(theme: str, label: str, status: Status, page: int = 3) -> ThemeCoverage:
    evidence = ()
    if status is not Status.MISSING:
        snippet = f"De gemeente beschermt het {theme} <script>alert(1)</script> in het gebied."
        evidence = (
            Hit(theme, theme, theme, "exact", page, 0, len(theme), snippet, 0, Context.BODY),
        )
    return ThemeCoverage(
        theme, label, label, status, len(evidence), (page,) if evidence else (), evidence
    )


def _document(name: str, statuses: tuple[Status, Status]) -> DocumentReport:
    themes = tuple(
        _coverage(theme, label, status)
        for (theme, label), status in zip(THEMES, statuses, strict=True)
    )
    return DocumentReport(f"{name}.pdf", name, "abc", 40, (), (), None, themes)


REPORT = Report(
    tool_version="0.1.0",
    lexicon=LexiconInfo("ondergrond-nl", "1.0.0", 2),
    documents=(
        _document("Wierden", (Status.MISSING, Status.ADDRESSED)),
        _document("Almelo", (Status.ADDRESSED, Status.MENTIONED)),
        DocumentReport("kapot.pdf", "Borne", "", 0, (), (), "is not a PDF", (), 4),
        _document("Losser", (Status.MISSING, Status.MISSING)),
    ),
    selected_themes=("geothermie", "grondwater"),
)


def test_terminal_matrix_rows_cells_totals_and_missing_words() -> None:
    text = render_batch(REPORT, "table", width=100)
    assert isinstance(text, str) and "\x1b" not in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert [re.split(r"\s*\|\s*", row)[1:-1] for row in rows] == [
        ["Gemeente", "GEO", "GRW", "✔/~/✘"],
        ["Almelo", "✔", "~", "1/1/0"],
        ["Borne", "·", "·", "Fout"],
        ["Losser", "✘", "✘", "0/0/2"],
        ["Wierden", "✘", "✔", "1/0/1"],
        ["Totaal", "1", "2", "3"],
    ]
    assert "1 van 3 gemeenten noemt geothermie" in text
    assert "2 van 3 gemeenten noemen grondwater" in text
    assert "- Losser: geothermie en grondwater" in text
    assert "- Wierden: geothermie" in text
    assert "- Borne (kapot.pdf): Fout: is not a PDF" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_sort_missing_puts_the_weakest_first_and_failures_last() -> None:
    text = render_batch(REPORT, "table", sort="missing")
    names = [re.split(r"\s*\|\s*", line)[1] for line in text.splitlines() if line.startswith("| ")]
    assert names[1:5] == ["Losser", "Wierden", "Almelo", "Borne"]


def test_xlsx_sheets_words_and_evidence_rows() -> None:
    workbook = load_workbook(io.BytesIO(render_batch(REPORT, "xlsx")))
    assert workbook.sheetnames == [
        "Overzicht", "Bewijs", "Voorbeelden uit de regio", "Over dit overzicht",
    ]  # fmt: skip
    matrix = workbook["Overzicht"]
    assert [cell.value for cell in matrix[1]] == [
        "Gemeente", "Geothermie", "Grondwater", "✔/~/✘", "Bestand", "Versie", "Andere documenten",
    ]  # fmt: skip
    assert [cell.value for cell in matrix[2]] == [
        "Almelo", "uitgewerkt", "genoemd", "1/1/0", "Almelo.pdf", None, None,
    ]  # fmt: skip
    assert matrix["B4"].value == "ontbreekt"
    assert matrix["B3"].value == "Fout: is not a PDF"
    # the colour comes from conditional formatting on the word, never from a fixed fill
    assert all(cell.fill.fill_type is None for row in matrix.iter_rows() for cell in row)
    assert matrix.freeze_panes == "B2" and matrix.auto_filter.ref == "A1:G5"
    evidence = workbook["Bewijs"]
    assert evidence.freeze_panes == "B2" and evidence.auto_filter.ref == "A1:L8"
    rows = [[cell.value for cell in row] for row in evidence.iter_rows(min_row=2)]
    assert rows[0][:6] == [
        "Almelo",
        "Geothermie (aardwarmte)",
        "uitgewerkt",
        3,
        "geothermie",
        "exact",
    ]
    # every theme of every document has a row (a missing one too), a failed file its error
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("Almelo", "Geothermie (aardwarmte)", "uitgewerkt"),
        ("Almelo", "Grondwater", "genoemd"),
        ("Borne", None, "Fout"),
        ("Losser", "Geothermie (aardwarmte)", "ontbreekt"),
        ("Losser", "Grondwater", "ontbreekt"),
        ("Wierden", "Geothermie (aardwarmte)", "ontbreekt"),
        ("Wierden", "Grondwater", "uitgewerkt"),
    ]
    assert rows[2][6] == "Fout: is not a PDF"
    english = load_workbook(io.BytesIO(render_batch(REPORT, "xlsx", lang="en")))
    assert english.sheetnames == [
        "Overview",
        "Evidence",
        "Regional examples",
        "About this overview",
    ]


def test_html_every_cell_links_to_existing_evidence_and_pdf_text_is_escaped() -> None:
    html = render_batch(REPORT, "html")
    assert isinstance(html, str)
    links = re.findall(r'href="#([^"]+)"', html)
    ids = set(re.findall(r'id="([^"]+)"', html))
    cell_links = [link for link in links if link.startswith("ev-")]
    assert len(cell_links) == 6  # 3 readable documents × 2 themes
    assert all(link in ids for link in links)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "http" not in html.replace("http-equiv", "")
    assert '<td class="error" colspan="3">Kon dit bestand niet lezen: is not a PDF</td>' in html


def test_markdown_matrix_and_json_csv_keep_input_order() -> None:
    markdown = render_batch(REPORT, "markdown")
    assert "| Almelo | ✔ | ~ | 1/1/0 |" in markdown
    assert "- **Losser**: geothermie en grondwater" in markdown
    import json

    data = json.loads(render_batch(REPORT, "json"))
    assert [d["municipality"] for d in data["documents"]] == [
        "Wierden",
        "Almelo",
        "Borne",
        "Losser",
    ]
    csv_text = render_batch(REPORT, "csv")
    assert csv_text.splitlines()[1].startswith("Wierden;Wierden.pdf;geothermie;")


# --- duplicates, verdicts and sections in the overviews ------------------------------------

PAIR = DuplicatePair("Almelo.pdf", "Wierden.pdf", jaccard=0.7123, containment=0.834)
HOSTILE_SECTION = "4 Energie › <script>alert('x')</script>"


def _with_verdicts(document: DocumentReport) -> DocumentReport:
    """Almelo's geothermie as a policy choice (exclusion) in an annex section."""
    themes = []
    for coverage in document.themes:
        if coverage.theme_id == "geothermie" and coverage.evidence:
            hit = replace(
                coverage.evidence[0],
                section=HOSTILE_SECTION,
                section_kind=SectionKind.ANNEX,
                stance=Stance.EXCLUSION,
            )
            coverage = replace(
                coverage, depth=Depth.POLICY_CHOICE, stance=Stance.EXCLUSION, evidence=(hit,)
            )
        themes.append(coverage)
    return replace(document, themes=tuple(themes))


DUPLICATES = replace(
    REPORT,
    documents=tuple(
        _with_verdicts(d) if d.municipality == "Almelo" else d for d in REPORT.documents
    ),
    duplicates=(PAIR,),
)
LINE_NL = "Mogelijk dezelfde visie: Almelo en Wierden delen 83% van hun tekst"
LINE_EN = "Possibly the same vision: Almelo and Wierden share 83% of their text"


def test_terminal_matrix_names_duplicates_under_the_matrix() -> None:
    for lang, line in (("nl", LINE_NL), ("en", LINE_EN)):
        text = render_batch(DUPLICATES, "table", lang=lang, width=100)
        lines = text.splitlines()
        assert lines.count(line) == 1
        legend = next(i for i, entry in enumerate(lines) if entry.startswith(("Legenda", "Legend")))
        assert lines[legend + 1 : legend + 3] == ["", line]
        assert max(len(entry) for entry in lines) <= 100
        # the cells stay the status symbols
        almelo = next(entry for entry in lines if entry.startswith("| Almelo"))
        assert re.split(r"\s*\|\s*", almelo)[1:-1] == ["Almelo", "✔", "~", "1/1/0"]
    assert "Mogelijk dezelfde visie" not in render_batch(REPORT, "table")


def test_duplicate_names_fall_back_to_the_key() -> None:
    from visiecheck.render._batch import duplicate_line

    pair = DuplicatePair("elders/Onbekend.pdf", "Wierden.pdf", 0.5, 0.6)
    assert duplicate_line(DUPLICATES, pair, "nl") == (
        "Mogelijk dezelfde visie: elders/Onbekend.pdf en Wierden delen 60% van hun tekst"
    )


def test_markdown_overview_lists_duplicates() -> None:
    lines = render_batch(DUPLICATES, "markdown").splitlines()
    start = lines.index("## Mogelijk dezelfde visie")
    assert lines[start : start + 3] == ["## Mogelijk dezelfde visie", "", f"- {LINE_NL}"]
    english = render_batch(DUPLICATES, "markdown", lang="en").splitlines()
    assert "## Possibly the same vision" in english and f"- {LINE_EN}" in english
    assert "Mogelijk dezelfde visie" not in render_batch(REPORT, "markdown")


def test_html_overview_duplicates_tooltips_and_escaped_sections() -> None:
    html = render_batch(DUPLICATES, "html")
    assert isinstance(html, str)
    assert (
        f'<h2>Mogelijk dezelfde visie</h2>\n<ul class="duplicates">\n<li>{LINE_NL}</li>'
    ) in html
    assert (
        '<td class="cell status-addressed" title="Geothermie: ✔ uitgewerkt · beleidskeuze '
        '(uitgesloten)"><a href="#ev-1-geothermie">✔</a></td>'
    ) in html
    assert '<td class="cell status-mentioned" title="Grondwater: ~ genoemd">' in html
    assert "<script>" not in html
    assert (
        '<li><span class="place">p. 3, 4 Energie › &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;'
        ' (bijlage)</span> <span class="stance">· uitgesloten</span>: “'
    ) in html
    assert "✔ uitgewerkt · beleidskeuze (uitgesloten)</span></h4>" in html
    english = render_batch(DUPLICATES, "html", lang="en")
    assert f"<li>{LINE_EN}</li>" in english
    assert 'title="Geothermie: ✔ addressed · policy choice (excluded)"' in english
    assert '(annex)</span> <span class="stance">· excluded</span>: “' in english
    assert "Mogelijk dezelfde visie" not in render_batch(REPORT, "html")


def test_xlsx_duplicates_sheet_and_evidence_stance_and_section() -> None:
    workbook = load_workbook(io.BytesIO(render_batch(DUPLICATES, "xlsx")))
    assert workbook.sheetnames == [
        "Overzicht", "Bewijs", "Voorbeelden uit de regio", "Dubbel", "Over dit overzicht",
    ]  # fmt: skip
    sheet = workbook["Dubbel"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        ["Gemeente A", "Gemeente B", "gedeelde tekst", "Jaccard", "Bestand A", "Bestand B"],
        ["Almelo", "Wierden", 0.834, 0.7123, "Almelo.pdf", "Wierden.pdf"],
    ]
    assert sheet["C2"].number_format == "0%"
    evidence = workbook["Bewijs"]
    assert [cell.value for cell in evidence[1]][7:] == [
        "houding", "sectie", "eenheid", "Bestand", "Versie",
    ]  # fmt: skip
    assert evidence.auto_filter.ref == "A1:L8"
    first = [cell.value for cell in evidence[2]]
    assert first[:4] == ["Almelo", "Geothermie (aardwarmte)", "uitgewerkt", 3]
    assert first[7:] == ["uitgesloten", HOSTILE_SECTION, "pagina", "Almelo.pdf", None]
    second = [cell.value for cell in evidence[3]]
    assert second[7:10] == [None, None, "pagina"]  # no stance, no section: empty cells
    english = load_workbook(io.BytesIO(render_batch(DUPLICATES, "xlsx", lang="en")))
    assert english.sheetnames == [
        "Overview", "Evidence", "Regional examples", "Duplicates", "About this overview",
    ]  # fmt: skip
    assert [c.value for c in english["Duplicates"][1]] == [
        "Municipality A", "Municipality B", "shared text", "Jaccard", "File A", "File B",
    ]  # fmt: skip
    assert [c.value for c in english["Evidence"][2]][7:10] == [
        "excluded", HOSTILE_SECTION, "page",
    ]  # fmt: skip


def test_json_and_csv_of_a_batch_carry_duplicates_and_verdicts() -> None:
    import json

    from jsonschema import Draft202012Validator

    from visiecheck.schema import load_report_schema

    data = json.loads(render_batch(DUPLICATES, "json"))
    for document in data["documents"]:  # the fixture's "abc" is no real digest
        document["sha256"] = "0" * 64 if document["sha256"] else ""
    Draft202012Validator(load_report_schema()).validate(data)
    assert data["duplicates"] == [
        {"a": "Almelo.pdf", "b": "Wierden.pdf", "jaccard": 0.7123, "containment": 0.834}
    ]
    almelo = data["documents"][1]["themes"][0]
    assert (almelo["depth"], almelo["stance"]) == ("policy_choice", "exclusion")
    assert almelo["evidence"][0]["section_kind"] == "annex"
    csv_lines = render_batch(DUPLICATES, "csv").splitlines()
    assert csv_lines[0].endswith(
        ";fout;diepgang;houding;sectie;eenheid;versie;documentstatus;bestandsdatum;in_overzicht"
    )
