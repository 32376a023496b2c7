"""``--ocr``: scanned pages read with OCRmyPDF + Tesseract (Dutch), and what happens without it.

The tests that really run Tesseract are skipped only when it is missing and ``CI`` is
not set; in CI (where ``.ci/run`` installs the Debian packages) they must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import pdf_factory
from visiecheck.cli import app
from visiecheck.errors import ExitCode, OcrUnavailableError
from visiecheck.extract import _ocr, extract
from visiecheck.models import Status
from visiecheck.options import Options, ReadOptions
from visiecheck.pipeline import check


def _tesseract_with_dutch() -> bool:
    if shutil.which("tesseract") is None or shutil.which("gs") is None:
        return False
    try:
        listed = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return "nld" in (listed.stdout + listed.stderr).split()


def _ocrmypdf_installed() -> bool:
    try:
        import ocrmypdf  # noqa: F401
    except ImportError:
        return False
    return True


OCR_READY = _tesseract_with_dutch() and _ocrmypdf_installed()
needs_ocr = pytest.mark.skipif(
    not OCR_READY and not os.environ.get("CI"),
    reason="Tesseract with Dutch data, Ghostscript or ocrmypdf missing (CI installs them)",
)

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent

SCANNED_PAGE = [
    "# Bodem en ondergrond",
    "De gemeente beschermt het grondwater rond de waterwingebieden tegen verontreiniging "
    "door bedrijven en landbouw.",
    "Bij nieuwe woonwijken houden wij rekening met de stand van het grondwater en met de "
    "kwel in de polders.",
    "Geothermie kan in de toekomst de wijken in het oosten van de gemeente duurzaam verwarmen.",
    "Samen met de provincie onderzoeken wij waar geothermie veilig en betaalbaar kan worden "
    "toegepast.",
]


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pdf_factory.make_scanned_pdf(tmp_path_factory.mktemp("scan"), [SCANNED_PAGE])


def test_the_scan_really_has_no_text_layer(scanned_pdf: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(scanned_pdf))
    try:
        assert len(document) == 1
        assert document[0].get_textpage().count_chars() == 0
    finally:
        document.close()


def test_scan_without_ocr_is_no_text_and_names_the_option(scanned_pdf: Path) -> None:
    result = runner.invoke(app, ["check", str(scanned_pdf), "--format", "json"])
    assert result.exit_code == ExitCode.NO_TEXT
    assert result.stderr == (
        f"{scanned_pdf}: fout: geen enkele pagina heeft een tekstlaag: het lijkt een scan; "
        "draai opnieuw met --ocr om het met OCR te lezen (Tesseract, Nederlands) en "
        "controleer het resultaat\n"
    )


@needs_ocr
def test_scan_with_ocr_finds_the_themes_like_the_digital_pdf(
    scanned_pdf: Path, make_pdf: Callable[..., Path]
) -> None:
    digital = make_pdf([SCANNED_PAGE], filename="digitaal.pdf")
    report = check([scanned_pdf, digital], options=Options(read=ReadOptions(ocr=True)))
    scanned, typed = report.documents
    assert scanned.error is None, scanned.error
    assert scanned.coverage("grondwater").status is Status.ADDRESSED
    assert scanned.coverage("geothermie").status is Status.ADDRESSED
    assert scanned.coverage("geothermie").pages == (1,)
    assert {c.theme_id: c.status for c in scanned.themes} == {
        c.theme_id: c.status for c in typed.themes
    }
    assert scanned.pages_without_text == ()
    assert scanned.warnings == (
        "1 pagina met OCR gelezen (1): controleer de bewijszinnen, "
        "tekstherkenning kan woorden verkeerd lezen",
    )


@needs_ocr
def test_only_pages_without_text_are_ocrd_and_cached_under_their_own_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = pdf_factory.make_scanned_pdf(
        tmp_path,
        ["Inleiding van de omgevingsvisie.", SCANNED_PAGE[:3]],
        filename="gemengd.pdf",
    )
    plain = extract(path)
    assert plain.pages_without_text == [2]
    assert plain.warnings == (
        "1 pagina zonder tekstlaag (2): deze tekst is niet gelezen "
        "(gebruik ReadOptions(ocr=True) voor tekstherkenning)",
    )
    asked: list[list[int]] = []
    real = _ocr.ocr_pages

    def spy(data: bytes, pages: list[int], password: str | None, where: Path) -> dict[int, str]:
        asked.append(list(pages))
        return real(data, pages, password, where)

    monkeypatch.setattr(_ocr, "ocr_pages", spy)
    read = extract(path, ocr=True)
    assert asked == [[2]]
    assert read.pages[0].text == "Inleiding van de omgevingsvisie."
    assert not read.pages[0].ocr and read.pages[1].ocr
    assert "grondwater" in read.pages[1].text and "waterwingebieden" in read.pages[1].text
    assert read.pages_without_text == []
    # Again: from the cache, without OCR; the plain reading is cached separately.
    again = extract(path, ocr=True)
    assert asked == [[2]]
    assert again.pages == read.pages and again.warnings == read.warnings
    assert extract(path).pages_without_text == [2]


def run_cli(*args: str | Path, path_env: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a child process. (Typer's CliRunner loses the captured
    streams after an OCRmyPDF run: its stream mixer is closed when collected.)"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if path_env is not None:
        env["PATH"] = path_env
    return subprocess.run(
        [sys.executable, "-m", "visiecheck", *[str(arg) for arg in args]],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


@needs_ocr
def test_cli_extract_marks_ocr_pages(scanned_pdf: Path) -> None:
    result = run_cli("extract", scanned_pdf, "--ocr")
    assert result.returncode == ExitCode.OK, result.stderr
    assert result.stdout.startswith("=== pagina 1 === (OCR)\nBodem en ondergrond\n\n")
    assert "Geothermie kan in de toekomst" in result.stdout
    assert result.stderr == (
        "waarschuwing: 1 pagina met OCR gelezen (1): controleer de bewijszinnen, "
        "tekstherkenning kan woorden verkeerd lezen\n"
    )


@needs_ocr
def test_blank_scan_with_ocr_is_still_no_text(tmp_path: Path) -> None:
    path = pdf_factory.make_scanned_pdf(tmp_path, [[]], filename="blanco.pdf")
    result = run_cli("extract", path, "--ocr")
    assert result.returncode == ExitCode.NO_TEXT
    assert result.stderr == (
        f"visiecheck: {path}: geen enkele pagina heeft een tekstlaag en OCR vond ook geen "
        "tekst; controleer of de scan leesbaar is (minstens 200 dpi) en rechtop staat\n"
    )


# --- OCR tools missing: a clear message and exit 11, no traceback ------------------------


def _assert_unavailable(code: int, stderr: str, *fragments: str) -> None:
    assert code == ExitCode.OCR_UNAVAILABLE, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    for fragment in ("apt-get install tesseract-ocr tesseract-ocr-nld ghostscript", *fragments):
        assert fragment in lines[0], (fragment, lines[0])


def test_ocr_without_tesseract_names_the_packages(
    scanned_pdf: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("ocrmypdf")
    # No tesseract, gs or anything else on the PATH: OCRmyPDF's own dependency check.
    result = run_cli("extract", scanned_pdf, "--ocr", "--no-cache", path_env=str(tmp_path))
    _assert_unavailable(result.returncode, result.stderr, "Tesseract")


def test_ocr_without_dutch_language_data(
    scanned_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ocrmypdf = pytest.importorskip("ocrmypdf")
    from ocrmypdf.exceptions import MissingDependencyError

    def missing_language(*args: object, **kwargs: object) -> None:
        raise MissingDependencyError(
            "OCR engine does not have language data for the following requested languages: \nnld"
        )

    monkeypatch.setattr(ocrmypdf, "ocr", missing_language)
    with pytest.raises(OcrUnavailableError) as raised:
        extract(scanned_pdf, ocr=True, use_cache=False)
    _assert_unavailable(raised.value.exit_code, raised.value.message, "Dutch language data", "nld")


def test_ocr_without_the_ocrmypdf_package(
    scanned_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ocrmypdf", None)  # import fails
    with pytest.raises(OcrUnavailableError, match=r"OCRmyPDF is not installed") as raised:
        extract(scanned_pdf, ocr=True, use_cache=False)
    assert 'pip install "visiecheck[ocr]"' in raised.value.message


def test_ocr_is_not_run_for_a_pdf_with_text(
    make_pdf: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_pdf([["Bodemdaling in het veenweidegebied."]])

    def refuse(*args: object) -> dict[int, str]:
        raise AssertionError("OCR must not run on pages that have text")

    monkeypatch.setattr(_ocr, "ocr_pages", refuse)
    document = extract(path, ocr=True)
    assert document.warnings == () and not document.pages[0].ocr


def test_failing_ocr_becomes_a_warning(
    make_pdf: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_pdf([["Bodemdaling in het veenweidegebied."], ["Scan."]], image_only_pages=[2])

    def fail(*args: object) -> dict[int, str]:
        raise _ocr.OcrFailed("tesseract stopped")

    monkeypatch.setattr(_ocr, "ocr_pages", fail)
    document = extract(path, ocr=True, use_cache=False)
    assert document.pages_without_text == [2]
    assert document.warnings == (
        "1 pagina zonder tekstlaag (2): ook OCR vond er geen tekst, dus niet gelezen",
        "OCR is mislukt (tesseract stopped); pagina's zonder tekstlaag niet gelezen",
    )


def test_sidecar_split_per_page() -> None:
    sidecar = (
        "Eerste\n\x0c[OCR skipped on page(s) 2]\x0c\x0cVierde\n\x0c[OCR skipped on page(s) 5-6]"
    )
    assert _ocr.split_sidecar(sidecar) == ["Eerste\n", "", "", "Vierde\n", "", ""]
