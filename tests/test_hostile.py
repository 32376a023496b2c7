"""Hostile and odd inputs through the command line: exact exit code, a clear message,
never a traceback. One test (at least) per row of the README table
"Hostile and odd inputs"; ``test_readme_table_rows_have_tests`` keeps the two together.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import pdf_factory
from tests.cli_helpers import cli, one_line_error
from visiecheck import output as output_module
from visiecheck.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent

GOOD_PAGES = [["# Grondwater", "De gemeente beschermt het grondwater in de waterwingebieden."]]


def check_json(path: Path, *options: str) -> tuple[int, dict, str]:
    code, stdout, stderr = cli("check", path, "--format", "json", *options)
    return code, json.loads(stdout), stderr


# --- rows of the README table ------------------------------------------------------------


def test_zero_byte_file(tmp_path: Path) -> None:
    path = pdf_factory.write_empty_file(tmp_path)
    code, _, stderr = cli("extract", path)
    assert code == ExitCode.CORRUPT_FILE
    one_line_error(stderr, "leeg.pdf", "het bestand is leeg (0 bytes)")
    code, report, stderr = check_json(path)
    assert code == ExitCode.CORRUPT_FILE
    assert report["documents"][0]["error_code"] == ExitCode.CORRUPT_FILE
    assert (
        stderr == f"{path}: fout: het bestand is leeg (0 bytes); kopieer of download het opnieuw\n"
    )


def test_html_saved_with_a_pdf_name(tmp_path: Path) -> None:
    path = tmp_path / "omgevingsvisie.pdf"
    path.write_text(
        "<!DOCTYPE html><html><body><main><h1>Omgevingsvisie</h1>"
        "<p>Wij beschermen het grondwater rond de waterwingebieden.</p>"
        "<p>Het grondwater is van goede kwaliteit.</p></main></body></html>",
        encoding="utf-8",
    )
    code, report, stderr = check_json(path)
    assert code == ExitCode.OK
    document = report["documents"][0]
    assert "gelezen als webpagina (HTML)" in document["warnings"][0]
    assert stderr.startswith(f"{path}: waarschuwing: de naam eindigt op .pdf, maar het bestand")
    statuses = {theme["id"]: theme["status"] for theme in document["themes"]}
    assert statuses["grondwater"] == "addressed"


def test_plain_text_saved_with_a_pdf_name(tmp_path: Path) -> None:
    path = pdf_factory.write_text_as_pdf(tmp_path)
    code, _, stderr = cli("extract", path)
    assert code == ExitCode.UNSUPPORTED_FORMAT
    one_line_error(stderr, "notitie.pdf", "is geen PDF maar platte tekst")


def test_unknown_binary_content(tmp_path: Path) -> None:
    path = tmp_path / "kaart.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    code, _, stderr = cli("extract", path)
    assert code == ExitCode.UNSUPPORTED_FORMAT
    one_line_error(stderr, "kaart.pdf", "binaire inhoud", "visiecheck leest PDF, Word (.docx)")


@pytest.mark.parametrize("how", ["shift", "startxref"])
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_broken_xref_is_recovered_with_a_warning(
    tmp_path: Path, make_pdf: Callable[..., Path], how: str, engine: str
) -> None:
    good = make_pdf(GOOD_PAGES, filename="goed.pdf")
    broken = pdf_factory.write_broken_xref_pdf(tmp_path, good, how=how)
    code, stdout, stderr = cli("extract", broken, "--engine", engine, "--no-cache")
    assert code == ExitCode.OK, stderr
    assert stdout == (
        "=== pagina 1 ===\nGrondwater\n\n"
        "De gemeente beschermt het grondwater in de waterwingebieden.\n\n"
    )
    assert stderr == (
        "waarschuwing: herstelde PDF: de verwijzingstabel (xref) van het bestand is "
        "beschadigd; de pagina's zijn toch gelezen, maar controleer of er tekst ontbreekt\n"
    )


def test_intact_pdf_gets_no_repair_warning(make_pdf: Callable[..., Path]) -> None:
    code, _, stderr = cli("extract", make_pdf(GOOD_PAGES), "--no-cache")
    assert code == ExitCode.OK and stderr == ""


def test_truncated_pdf(tmp_path: Path, make_pdf: Callable[..., Path]) -> None:
    path = pdf_factory.write_truncated_pdf(tmp_path, make_pdf(GOOD_PAGES * 3))
    code, _, stderr = cli("extract", path, "--no-cache")
    assert code == ExitCode.CORRUPT_FILE
    one_line_error(stderr, "afgebroken.pdf", "beschadigd of onvolledig")


def test_thousand_page_pdf_streams_with_modest_memory(tmp_path: Path) -> None:
    path = pdf_factory.make_many_pages_pdf(tmp_path, 1000)
    # A wrapper process runs the real command as its only child, so the child's peak
    # memory (RUSAGE_CHILDREN) is that of this one run, not of earlier test processes.
    wrapper = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-m', 'visiecheck', 'check', sys.argv[1],"
        " '--format', 'json', '--no-cache'], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "sys.stdout.write(f'{done.returncode}\\n{peak}\\n' + done.stdout)\n"
        "sys.stderr.write(done.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )
    code, peak_kb, payload = result.stdout.split("\n", 2)
    assert int(code) == ExitCode.OK, result.stderr
    assert "Traceback" not in result.stderr
    document = json.loads(payload)["documents"][0]
    assert document["pages"] == 1000
    geothermie = next(theme for theme in document["themes"] if theme["id"] == "geothermie")
    assert geothermie["pages"] == [1000]
    assert int(peak_kb) < 400 * 1024, f"peak memory {int(peak_kb) // 1024} MB"


def test_pdfium_engine_closes_each_page_as_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streaming: at most one page (and text page) is open at any moment."""
    import pypdfium2 as pdfium

    from visiecheck.extract import extract

    path = pdf_factory.make_many_pages_pdf(tmp_path, 40)
    open_pages: list[int] = []
    peak = [0]
    real_get_page, real_close = pdfium.PdfDocument.__getitem__, pdfium.PdfPage.close

    def get_page(self: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
        open_pages.append(index)
        peak[0] = max(peak[0], len(open_pages))
        return real_get_page(self, index)

    def close(self: pdfium.PdfPage) -> None:
        if open_pages:
            open_pages.pop()
        real_close(self)

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", get_page)
    monkeypatch.setattr(pdfium.PdfPage, "close", close)
    assert extract(path, use_cache=False).page_count == 40
    assert peak[0] == 1


def test_pdf_with_zero_pages(tmp_path: Path) -> None:
    path = pdf_factory.write_zero_page_pdf(tmp_path)
    code, _, stderr = cli("extract", path)
    assert code == ExitCode.CORRUPT_FILE
    one_line_error(stderr, "nul-paginas.pdf", "de PDF heeft geen pagina's")


def test_file_name_with_spaces_accents_and_emoji(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(GOOD_PAGES, filename="Omgevingsvisie Hof van Twénte 🌍 ontwerp.pdf")
    code, report, stderr = check_json(path)
    assert code == ExitCode.OK, stderr
    document = report["documents"][0]
    assert document["file"] == str(path)
    assert document["municipality"].startswith("Hof van Tw")  # naming rules are not ours
    assert document["themes"][3]["id"] == "grondwater"
    assert document["themes"][3]["status"] == "addressed"  # heading + body sentence
    code, stdout, _ = cli("extract", path)
    assert code == ExitCode.OK and stdout.startswith("=== pagina 1 ===\nGrondwater")


def test_directory_where_a_file_is_expected(tmp_path: Path) -> None:
    folder = tmp_path / "visies 2024"
    folder.mkdir()
    code, _, stderr = cli("extract", folder)
    assert code == ExitCode.FILE_NOT_FOUND
    one_line_error(stderr, "visies 2024", "is een map, geen bestand")


def test_missing_file(tmp_path: Path) -> None:
    code, _, stderr = cli("extract", tmp_path / "weg.pdf")
    assert code == ExitCode.FILE_NOT_FOUND
    one_line_error(stderr, "weg.pdf", "bestand niet gevonden")


# A file without read permission: tests/test_hostile_files.py runs that one for real, as
# an unprivileged user when the suite runs as root.


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_password_protected_pdf_with_a_wrong_password(
    make_pdf: Callable[..., Path], engine: str
) -> None:
    path = make_pdf(GOOD_PAGES, encrypt="juist", filename="beveiligd.pdf")
    code, _, stderr = cli("extract", path, "--password", "fout", "--engine", engine)
    assert code == ExitCode.ENCRYPTED
    one_line_error(stderr, "beveiligd.pdf", "het wachtwoord is onjuist", "--password")
    code, report, stderr = check_json(path, "--password", "fout", "--engine", engine)
    assert code == ExitCode.ENCRYPTED
    assert report["documents"][0]["error"] == (
        "het wachtwoord is onjuist; geef het juiste met --password"
    )


def test_scanned_pdf_without_ocr(tmp_path: Path) -> None:
    path = pdf_factory.make_scanned_pdf(tmp_path, [["Grondwater en geothermie."]])
    code, _, stderr = cli("extract", path)
    assert code == ExitCode.NO_TEXT
    one_line_error(stderr, "scan.pdf", "geen enkele pagina heeft een tekstlaag", "--ocr")


@pytest.mark.parametrize("when", ["writing", "renaming"])
def test_interrupted_run_leaves_no_half_written_output(
    make_pdf: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    when: str,
) -> None:
    path = make_pdf(GOOD_PAGES)
    out_folder = tmp_path / "uit"
    out_folder.mkdir()
    target = out_folder / "rapport.json"
    target.write_text("het vorige rapport\n", encoding="utf-8")

    if when == "writing":
        real_fdopen = os.fdopen

        class HalfWay:
            """A stream that writes some bytes, then gets Ctrl-C."""

            def __init__(self, handle: int, mode: str) -> None:
                self.stream = real_fdopen(handle, mode)

            def __enter__(self) -> HalfWay:
                return self

            def __exit__(self, *exc: object) -> None:
                self.stream.close()

            def write(self, data: bytes) -> int:
                self.stream.write(data[: len(data) // 2])
                self.stream.flush()
                raise KeyboardInterrupt

        monkeypatch.setattr(output_module.os, "fdopen", HalfWay)
    else:

        def interrupted(*args: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(output_module.os, "replace", interrupted)

    code, _, stderr = cli("check", path, "--format", "json", "--output", target)
    assert code == 130
    assert stderr.strip().splitlines()[-1] == "visiecheck: onderbroken"
    # The old report is untouched and no temporary file is left behind.
    assert target.read_text(encoding="utf-8") == "het vorige rapport\n"
    assert sorted(p.name for p in out_folder.iterdir()) == ["rapport.json"]


# --- the README table and these tests stay together --------------------------------------


def test_readme_table_rows_have_tests() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Hostile and odd inputs", 1)[1].split("\n## ", 1)[0]
    # An exit code, or "–" for a row about something other than a command's answer; one
    # test or several (`test_a`, `test_b`) per row.
    rows = re.findall(
        r"^\| (.+?) \| (.+?) \| (\d+|–) \| (`test_\w+`(?:, `test_\w+`)*) \|$", section, re.M
    )
    table_lines = [
        line
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| input |")  # the tables' headers
    ]
    assert len(rows) == len(table_lines) >= 14  # every row names a test
    codes = {int(code) for _, _, code, _ in rows if code != "–"}
    assert codes <= {int(code) for code in ExitCode} | {130}
    sources = [path.read_text(encoding="utf-8") for path in (ROOT / "tests").glob("test_*.py")]
    for _, _, _, tests in rows:
        for test_name in re.findall(r"test_\w+", tests):
            assert any(f"def {test_name}(" in source for source in sources), test_name
