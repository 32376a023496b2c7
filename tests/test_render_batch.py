"""The batch overviews on a hand-made report: matrix cells, xlsx fills, html links."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from visiecheck.models import (
    Context,
    DocumentReport,
    Hit,
    LexiconInfo,
    Report,
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
    assert "1 van 3 gemeenten noemen geothermie" in text
    assert "2 van 3 gemeenten noemen grondwater" in text
    assert "- Losser: geothermie en grondwater" in text
    assert "- Wierden: geothermie" in text
    assert "- Borne (kapot.pdf): Fout: is not a PDF" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_sort_missing_puts_the_weakest_first_and_failures_last() -> None:
    text = render_batch(REPORT, "table", sort="missing")
    names = [re.split(r"\s*\|\s*", line)[1] for line in text.splitlines() if line.startswith("| ")]
    assert names[1:5] == ["Losser", "Wierden", "Almelo", "Borne"]


def test_xlsx_sheets_fills_words_and_evidence_rows() -> None:
    workbook = load_workbook(io.BytesIO(render_batch(REPORT, "xlsx")))
    assert workbook.sheetnames == ["Overzicht", "Bewijs"]
    matrix = workbook["Overzicht"]
    assert [cell.value for cell in matrix[1]] == ["Gemeente", "Geothermie", "Grondwater", "✔/~/✘"]
    assert [cell.value for cell in matrix[2]] == ["Almelo", "uitgewerkt", "genoemd", "1/1/0"]
    assert matrix["B2"].fill.start_color.rgb.endswith("C6EFCE")
    assert matrix["C2"].fill.start_color.rgb.endswith("FFEB9C")
    assert matrix["B4"].value == "ontbreekt"
    assert matrix["B4"].fill.start_color.rgb.endswith("FFC7CE")
    assert matrix["B3"].value == "Fout: is not a PDF"
    assert matrix.freeze_panes == "B2" and matrix.auto_filter.ref == "A1:D5"
    evidence = workbook["Bewijs"]
    assert evidence.freeze_panes == "A2" and evidence.auto_filter.ref.startswith("A1:J")
    rows = [[cell.value for cell in row] for row in evidence.iter_rows(min_row=2)]
    assert rows[0][:6] == [
        "Almelo",
        "Geothermie (aardwarmte)",
        "uitgewerkt",
        3,
        "geothermie",
        "exact",
    ]
    assert len(rows) == 3  # Almelo 2, Wierden 1
    english = load_workbook(io.BytesIO(render_batch(REPORT, "xlsx", lang="en")))
    assert english.sheetnames == ["Overview", "Evidence"]


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
    assert "Fout: is not a PDF" in html


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
