"""``check`` end to end on generated PDFs: statuses, pages, evidence, in every format."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from visiecheck.cli import app
from visiecheck.errors import ExitCode, UsageError, exit_code_for
from visiecheck.lexicon import load_lexicon
from visiecheck.models import Status
from visiecheck.names import municipality_from_filename
from visiecheck.pipeline import check, select_themes
from visiecheck.schema import load_report_schema

# Page 1: cover; page 2: table of contents; pages 3-4: the visie's text (two columns).
VISIE_PAGES = [
    ["# Omgevingsvisie Testveen 2040", "Ontwerp, vastgesteld door de raad."],
    [
        "# Inhoud",
        "1 Inleiding ........ 3",
        "2 Geothermie en bodemenergie ........ 3",
        "3 Mijnbouw ........ 4",
    ],
    [
        "# 1 Inleiding",
        "Deze visie is opgesteld op grond van artikel 3.1 van de Omgevingswet en geldt voor "
        "het hele grondgebied van de gemeente Testveen.",
        "## 2 Geothermie en bodemenergie",
        "Wij verkennen samen met de buurgemeenten de kansen voor geothermie in de diepe "
        "ondergrond van Testveen.",
        "Een proefboring naar aardwarmte is voorzien bij het bedrijventerrein De Esch.",
        "In de nieuwe wijken stimuleren wij bodemenergie met open en gesloten systemen.",
    ],
    [
        "## 3 Mijnbouw",
        "Er is geen ruimte voor de winning van schaliegas in onze gemeente.",
        "Het grondwater in de beekdalen staat onder druk door droge zomers.",
    ],
]


@pytest.fixture
def visie(make_pdf: Callable[..., Path], tmp_path: Path) -> Path:
    pdf = make_pdf(
        VISIE_PAGES,
        columns=2,
        header="Omgevingsvisie Testveen 2040",
        page_numbers=True,
        filename="Omgevingsvisie_Testveen_2040_ontwerp.pdf",
    )
    return pdf


def statuses(report_document) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {c.theme_id: c.status.value for c in report_document.themes}


def test_check_statuses_pages_and_evidence(visie: Path) -> None:
    report = check([visie])
    (document,) = report.documents
    assert document.error is None
    assert document.municipality == "Testveen"
    assert document.pages == 4
    assert statuses(document) == {
        "geothermie": "addressed",
        "bodemenergie": "addressed",
        "ondergrondse_opslag": "missing",
        "grondwater": "mentioned",
        "drinkwater": "missing",
        "mijnbouw": "addressed",
        "bodemdaling": "missing",
        "bodemkwaliteit": "missing",
        "ondergronds_ruimtegebruik": "missing",
        "bodemarchief": "missing",
        "bodem_landbouw_natuur": "missing",
    }
    geothermie = document.coverage("geothermie")
    assert geothermie.pages == (2, 3)  # the TOC line on page 2 and the text on page 3
    assert geothermie.evidence[0].page == 3
    assert geothermie.evidence[0].snippet == (
        "Wij verkennen samen met de buurgemeenten de kansen voor geothermie in de diepe "
        "ondergrond van Testveen."
    )
    grondwater = document.coverage("grondwater")
    assert (grondwater.mentions, grondwater.pages) == (1, (4,))
    assert grondwater.evidence[0].snippet == (
        "Het grondwater in de beekdalen staat onder druk door droge zomers."
    )


def test_op_grond_van_and_grondgebied_are_not_groundwater(visie: Path) -> None:
    (document,) = check([visie]).documents
    snippets = [hit.snippet for hit in document.coverage("grondwater").evidence]
    assert not any("op grond van" in snippet for snippet in snippets)


def test_both_engines_give_the_same_verdicts(visie: Path) -> None:
    from visiecheck.options import Options, ReadOptions

    pdfium = check([visie], options=Options(read=ReadOptions(engine="pdfium")))
    plumber = check([visie], options=Options(read=ReadOptions(engine="pdfplumber")))
    assert statuses(pdfium.documents[0]) == statuses(plumber.documents[0])


def test_themes_selection_core_and_ids() -> None:
    lexicon = load_lexicon(None)
    assert select_themes(lexicon, "core") == (
        "geothermie",
        "ondergrondse_opslag",
        "grondwater",
        "mijnbouw",
    )
    assert select_themes(lexicon, "mijnbouw,geothermie") == ("geothermie", "mijnbouw")
    with pytest.raises(UsageError, match="unknown theme 'vulkanen'"):
        select_themes(lexicon, "geothermie,vulkanen")


@pytest.mark.parametrize(
    ("filename", "name"),
    [
        ("Omgevingsvisie_Hof-van-Twente_2040_ontwerp.pdf", "Hof van Twente"),
        ("omgevingsvisie-beekdal.pdf", "Beekdal"),
        ("Rijssen-Holten omgevingsvisie v2.1 concept.pdf", "Rijssen Holten"),
        ("2040.pdf", "2040"),
    ],
)
def test_municipality_from_filename(filename: str, name: str) -> None:
    assert municipality_from_filename(filename) == name


def test_one_bad_file_does_not_sink_the_others(visie: Path, tmp_path: Path) -> None:
    fake = tmp_path / "kapot.pdf"
    fake.write_text("Dit is geen PDF maar platte tekst.", encoding="utf-8")
    report = check([fake, visie])
    bad, good = report.documents
    assert bad.error is not None and bad.themes == ()
    assert bad.error_code == ExitCode.UNSUPPORTED_FORMAT
    assert good.error is None and len(good.themes) == 11
    assert exit_code_for(report, fail_on_missing=False) == ExitCode.PARTIAL_FAILURE


# --- through the CLI, per format ------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_table_is_plain_text_within_100_columns(visie: Path) -> None:
    code, out, _ = run("check", str(visie))
    assert code == 0
    assert "\x1b[" not in out  # no colour when not a terminal
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "Gemeente: Testveen" in out
    assert "✔ uitgewerkt" in out and "~ genoemd" in out and "✘ ontbreekt" in out
    assert "Ontbreekt:" in out


def test_cli_table_in_english(visie: Path) -> None:
    code, out, _ = run("check", str(visie), "--lang", "en")
    assert code == 0
    assert "✔ addressed" in out and "Missing:" in out


def test_cli_json_validates_and_has_every_theme(visie: Path) -> None:
    code, out, _ = run("check", str(visie), "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, load_report_schema())
    assert data["schema"] == "visiecheck.report/1"
    assert data["lexicon"]["name"] == "ondergrond-nl"
    (document,) = data["documents"]
    assert [theme["id"] for theme in document["themes"]] == load_lexicon(None).theme_ids
    geothermie = document["themes"][0]
    assert (geothermie["status"], geothermie["pages"]) == ("addressed", [2, 3])
    assert geothermie["evidence"][0]["page"] == 3
    assert geothermie["evidence"][0]["match"] == "exact"


def test_cli_json_covers_several_files_in_order(visie: Path, tmp_path: Path) -> None:
    fake = tmp_path / "leeg.pdf"
    fake.write_bytes(b"")
    code, out, err = run("check", str(visie), str(fake), "--format", "json")
    assert code == ExitCode.PARTIAL_FAILURE
    data = json.loads(out)
    jsonschema.validate(data, load_report_schema())
    assert [d["file"] for d in data["documents"]] == [str(visie), str(fake)]
    assert data["documents"][1]["themes"] == []
    assert data["documents"][1]["error"]
    assert f"{fake}: fout:" in err


def test_cli_csv_has_bom_and_semicolons(visie: Path) -> None:
    code, out, _ = run("check", str(visie), "--format", "csv")
    assert code == 0
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:5] == ["gemeente", "bestand", "thema_id", "thema", "status"]
    assert len(rows) == 1 + 11
    geothermie = next(row for row in rows if row[2] == "geothermie")
    assert geothermie[4] == "addressed"


def test_cli_markdown(visie: Path) -> None:
    code, out, _ = run("check", str(visie), "--format", "markdown")
    assert code == 0
    assert "| Geothermie (aardwarmte) |" in out
    assert "p. 3" in out


def test_cli_html_is_self_contained_with_every_theme(visie: Path, tmp_path: Path) -> None:
    target = tmp_path / "rapport.html"
    code, out, _ = run("check", str(visie), "--format", "html", "--output", str(target))
    assert code == 0 and out == ""
    html = target.read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    for theme in load_lexicon(None).themes:
        assert theme.label in html


def test_cli_fail_on_missing(visie: Path) -> None:
    assert run("check", str(visie), "--fail-on-missing")[0] == ExitCode.THEMES_MISSING
    selected = run("check", str(visie), "--themes", "geothermie,mijnbouw", "--fail-on-missing")
    assert selected[0] == 0


def test_cli_bad_options_are_usage_errors(visie: Path) -> None:
    code, _, err = run("check", str(visie), "--format", "pdf")
    assert code == ExitCode.USAGE and "--format 'pdf'" in err
    code, _, err = run("check", str(visie), "--themes", "vulkanen")
    assert code == ExitCode.USAGE and "onbekend thema 'vulkanen'" in err


def test_cli_explain_lists_every_hit_in_context(visie: Path) -> None:
    code, out, _ = run("explain", str(visie), "geothermie")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"geothermie: 4 vermelding(en) in {visie}"
    assert any(
        line.startswith("p. 3    exact     geothermie") and "[geothermie]" in line for line in lines
    )
    assert any(line.startswith("p. 2") and line.endswith("(toc)") for line in lines)


def test_status_enum_values_are_the_contract() -> None:
    assert [s.value for s in Status] == ["missing", "mentioned", "addressed"]


def test_colour_only_on_a_terminal_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from visiecheck import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys, "stdout", Terminal())
    assert cli._use_color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli._use_color()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # piped
    assert not cli._use_color()


def test_cli_table_on_a_colour_terminal_has_colour(
    visie: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from visiecheck import cli

    monkeypatch.setattr(cli, "_use_color", lambda: True)
    code, out, _ = run("check", str(visie))
    assert code == 0
    assert "\x1b[" in out
