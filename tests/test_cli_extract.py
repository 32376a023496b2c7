"""``visiecheck extract`` on good and broken files: exact exit codes, one-line messages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import pdf_factory
from visiecheck.cli import app
from visiecheck.errors import ExitCode

ENGINES = ["pdfium", "pdfplumber"]

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["extract", *[str(arg) for arg in args]])
    return result.exit_code, result.stdout, result.stderr


def assert_one_line_error(stderr: str, *fragments: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr  # one line, no traceback
    assert lines[0].startswith("visiecheck: ")
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


@pytest.fixture
def good_pdf(make_pdf: Callable[..., Path]) -> Path:
    return make_pdf(
        [
            ["# Grondwater", "De gemeente beschermt het grondwater in de waterwingebieden."],
            ["# Geothermie", "Aardwarmte kan de wijken van de toekomst verwarmen."],
        ],
        filename="goed.pdf",
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_extract_prints_pages(engine: str, good_pdf: Path) -> None:
    code, stdout, stderr = run(good_pdf, "--engine", engine, "--no-cache")
    assert code == ExitCode.OK, stderr
    assert stdout == (
        "=== pagina 1 ===\n"
        "Grondwater\n\n"
        "De gemeente beschermt het grondwater in de waterwingebieden.\n\n"
        "=== pagina 2 ===\n"
        "Geothermie\n\n"
        "Aardwarmte kan de wijken van de toekomst verwarmen.\n\n"
    )


def test_extract_json_and_page_range(good_pdf: Path) -> None:
    code, stdout, _ = run(good_pdf, "--format", "json", "--pages", "2")
    assert code == ExitCode.OK
    payload = json.loads(stdout)
    assert payload["pages"] == 2
    assert payload["engine"] == "pdfium"
    assert [page["page"] for page in payload["page_texts"]] == [2]
    assert payload["page_texts"][0]["text"] == (
        "Geothermie\n\nAardwarmte kan de wijken van de toekomst verwarmen."
    )
    assert payload["page_texts"][0]["heading_lines"] == ["Geothermie"]


def test_image_only_page_warned_on_stderr(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(
        [["Bodemdaling in het veenweidegebied."], ["Een gescande kaart."]],
        image_only_pages=[2],
    )
    code, stdout, stderr = run(path)
    assert code == ExitCode.OK
    assert "=== pagina 2 === (geen tekstlaag)" in stdout
    assert stderr == (
        "waarschuwing: 1 pagina zonder tekstlaag (2): deze tekst is niet gelezen "
        "(gebruik --ocr voor tekstherkenning)\n"
    )


# --- bad input files ------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    code, _, stderr = run(tmp_path / "bestaat-niet.pdf")
    assert code == ExitCode.FILE_NOT_FOUND
    assert_one_line_error(stderr, "bestaat-niet.pdf", "bestand niet gevonden")


def test_directory_given(tmp_path: Path) -> None:
    code, _, stderr = run(tmp_path)
    assert code == ExitCode.FILE_NOT_FOUND
    assert_one_line_error(stderr, str(tmp_path), "is een map, geen bestand")


def test_html_with_a_pdf_name_is_read_as_html_with_a_warning(tmp_path: Path) -> None:
    path = pdf_factory.write_html_as_pdf(tmp_path)
    code, stdout, stderr = run(path)
    assert code == ExitCode.OK, stderr
    assert stderr == (
        "waarschuwing: de naam eindigt op .pdf, maar het bestand is geen PDF: gelezen als "
        "webpagina (HTML) (is het een foutpagina van een download? download de PDF dan "
        "opnieuw)\n"
    )
    assert stdout == "=== sectie 1 ===\nOmgevingsvisie\n\n"


@pytest.mark.parametrize("engine", ENGINES)
def test_plain_text_with_a_pdf_name_is_not_a_pdf(engine: str, tmp_path: Path) -> None:
    path = pdf_factory.write_text_as_pdf(tmp_path)
    code, _, stderr = run(path, "--engine", engine)
    assert code == ExitCode.UNSUPPORTED_FORMAT
    assert_one_line_error(stderr, "notitie.pdf", "is geen PDF maar platte tekst")


@pytest.mark.parametrize("engine", ENGINES)
def test_binary_content_is_not_a_supported_format(engine: str, tmp_path: Path) -> None:
    path = tmp_path / "foto.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    code, _, stderr = run(path, "--engine", engine)
    assert code == ExitCode.UNSUPPORTED_FORMAT
    assert_one_line_error(stderr, "foto.pdf", "binaire inhoud", "PDF, Word (.docx), HTML")


@pytest.mark.parametrize("engine", ENGINES)
def test_empty_file(engine: str, tmp_path: Path) -> None:
    path = pdf_factory.write_empty_file(tmp_path)
    code, _, stderr = run(path, "--engine", engine)
    assert code == ExitCode.CORRUPT_FILE
    assert_one_line_error(stderr, "leeg.pdf", "empty")


@pytest.mark.parametrize("engine", ENGINES)
def test_truncated_pdf(engine: str, good_pdf: Path, tmp_path: Path) -> None:
    path = pdf_factory.write_truncated_pdf(tmp_path, good_pdf)
    code, _, stderr = run(path, "--engine", engine, "--no-cache")
    assert code == ExitCode.CORRUPT_FILE
    assert_one_line_error(stderr, "afgebroken.pdf", "beschadigd")


@pytest.mark.parametrize("engine", ENGINES)
def test_garbage_after_pdf_header(engine: str, tmp_path: Path) -> None:
    path = pdf_factory.write_garbage_pdf(tmp_path)
    code, _, stderr = run(path, "--engine", engine)
    assert code == ExitCode.CORRUPT_FILE
    assert_one_line_error(stderr, "kapot.pdf", "beschadigd")


@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_without_pages(engine: str, tmp_path: Path) -> None:
    path = pdf_factory.write_zero_page_pdf(tmp_path)
    code, _, stderr = run(path, "--engine", engine)
    assert code == ExitCode.CORRUPT_FILE
    assert_one_line_error(stderr, "nul-paginas.pdf")


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_without_password(engine: str, make_pdf: Callable[..., Path]) -> None:
    path = make_pdf([["Vertrouwelijk: de boorlocaties."]], encrypt="geheim", filename="slot.pdf")
    code, _, stderr = run(path, "--engine", engine)
    assert code == ExitCode.ENCRYPTED
    assert_one_line_error(stderr, "slot.pdf", "met een wachtwoord beveiligd", "--password")


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_wrong_password(engine: str, make_pdf: Callable[..., Path]) -> None:
    path = make_pdf([["Vertrouwelijk: de boorlocaties."]], encrypt="geheim", filename="slot.pdf")
    code, _, stderr = run(path, "--engine", engine, "--password", "fout")
    assert code == ExitCode.ENCRYPTED
    assert_one_line_error(stderr, "slot.pdf", "wrong", "--password")


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_right_password(engine: str, make_pdf: Callable[..., Path]) -> None:
    path = make_pdf([["Vertrouwelijk: de boorlocaties."]], encrypt="geheim", filename="slot.pdf")
    code, stdout, _ = run(path, "--engine", engine, "--password", "geheim")
    assert code == ExitCode.OK
    assert stdout == "=== pagina 1 ===\nVertrouwelijk: de boorlocaties.\n\n"


@pytest.mark.parametrize("engine", ENGINES)
def test_scanned_pdf_without_any_text(engine: str, make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(
        [["Een gescande visie."], ["Nog een scan."]], image_only_pages=[1, 2], filename="scan.pdf"
    )
    code, _, stderr = run(path, "--engine", engine)
    assert code == ExitCode.NO_TEXT
    assert_one_line_error(stderr, "scan.pdf", "scan", "--ocr")


def test_unknown_engine_is_a_usage_error(good_pdf: Path) -> None:
    code, _, stderr = run(good_pdf, "--engine", "tesseract")
    assert code == ExitCode.USAGE
    assert_one_line_error(stderr, "tesseract")


# --- --pages beyond the document (issue 15) ------------------------------------------


EIGHT_CHAPTERS = [
    ("Inleiding", "De omgevingsvisie schetst de koers van de gemeente tot 2040."),
    ("Wonen", "Nieuwe woningen komen vooral binnen de bestaande kernen."),
    ("Werken", "Bedrijventerreinen worden zuinig en meervoudig gebruikt."),
    ("Landschap", "Het coulisselandschap met houtwallen blijft behouden."),
    ("Mobiliteit", "Fietsroutes verbinden de dorpen met het station."),
    ("Energie", "Zonnevelden passen alleen langs de snelweg."),
    ("Water", "Het grondwater in de beekdalen krijgt meer ruimte."),
    ("Bodem", "Bij bouwplannen kijken we eerst naar de ondergrond."),
]


@pytest.fixture
def eight_pages(make_pdf: Callable[..., Path]) -> Path:
    return make_pdf(
        [[f"# {title}", sentence] for title, sentence in EIGHT_CHAPTERS], filename="acht.pdf"
    )


def test_pages_wholly_beyond_the_document_is_a_usage_error(eight_pages: Path) -> None:
    code, stdout, stderr = run(eight_pages, "--pages", "30")
    assert code == ExitCode.USAGE
    assert stdout == ""
    assert stderr == "visiecheck: --pages '30': het document heeft 8 pagina's\n"
    code, _, stderr = run(eight_pages, "--pages", "9-12", "--format", "json")
    assert code == ExitCode.USAGE
    assert stderr == "visiecheck: --pages '9-12': het document heeft 8 pagina's\n"


def test_a_range_past_the_end_is_cut_with_a_note(eight_pages: Path) -> None:
    code, stdout, stderr = run(eight_pages, "--pages", "7-30")
    assert code == ExitCode.OK
    assert stdout == (
        "=== pagina 7 ===\nWater\n\nHet grondwater in de beekdalen krijgt meer ruimte.\n\n"
        "=== pagina 8 ===\nBodem\n\nBij bouwplannen kijken we eerst naar de ondergrond.\n\n"
    )
    assert stderr == (
        "visiecheck: waarschuwing: --pages 7-30: het document heeft 8 pagina's; getoond: 7-8\n"
    )


def test_pages_of_a_document_without_pages_count_sections(tmp_path: Path) -> None:
    notes = tmp_path / "visie.md"
    notes.write_text(
        "# Inleiding\n\nDe visie kijkt vooruit naar 2040.\n\n"
        "## Water\n\nHet grondwater stijgt in de polders.\n",
        encoding="utf-8",
    )
    code, stdout, stderr = run(notes, "--pages", "3")
    assert (code, stdout) == (ExitCode.USAGE, "")
    assert stderr == "visiecheck: --pages '3': het document heeft 2 secties\n"
    code, stdout, stderr = run(notes, "--pages", "2-5")
    assert code == ExitCode.OK
    assert stdout == "=== sectie 2 ===\nWater\n\nHet grondwater stijgt in de polders.\n\n"
    assert stderr == (
        "visiecheck: waarschuwing: --pages 2-5: het document heeft 2 secties; getoond: 2\n"
    )
