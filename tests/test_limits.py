"""Every command that reads a visie runs it under the same time and memory limits.

``check`` (one file too), ``explain``, ``extract`` and ``diff`` read in an isolated
worker like ``batch``: a document that takes too long is stopped with exit code 12 and a
line that names the limit and how to raise it. A limit of a thousandth of a second is
always met, so these tests need no slow or hanging input.
"""

from __future__ import annotations

import json
import mmap
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import pdf_factory
from visiecheck.cli import app
from visiecheck.errors import ExitCode
from visiecheck.models import DocumentReport
from visiecheck.run import batch as batch_module
from visiecheck.run.batch import DocumentTask, check_one

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "omgevingsvisie-zuiderveen.pdf"
OTHER = ROOT / "samples" / "omgevingsvisie-beekdal.pdf"
TOO_SHORT = ["--timeout", "0.001", "--no-cache"]


@pytest.fixture(scope="module")
def long_visie(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Long enough that even reading it takes far more than the limit of 1 ms."""
    pages = [[f"Hoofdstuk {n}", "De gemeente beschermt het grondwater. " * 30] for n in range(150)]
    return pdf_factory.make_pdf(tmp_path_factory.mktemp("lang"), pages, columns=2)


@pytest.mark.parametrize(
    "arguments",
    [
        ["check", "{visie}", "--format", "json"],
        ["explain", "{visie}", "grondwater"],
        ["extract", "{visie}"],
        ["diff", "{visie}", str(OTHER)],
    ],
    ids=lambda arguments: arguments[0],
)
def test_a_document_over_the_time_limit_is_stopped_in_every_command(
    arguments: list[str], long_visie: Path
) -> None:
    arguments = [argument.format(visie=long_visie) for argument in arguments]
    result = CliRunner().invoke(app, [*arguments, *TOO_SHORT])
    assert result.exit_code == ExitCode.RESOURCE_LIMIT, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "gestopt na 0,001 s" in result.stderr
    assert "verhoog dit met --timeout" in result.stderr


def test_within_the_limits_the_one_file_commands_answer_as_before() -> None:
    runner = CliRunner()
    explained = runner.invoke(app, ["explain", str(SAMPLE), "bodemdaling", "--no-cache"])
    assert explained.exit_code == 0, explained.stderr
    assert explained.stdout.startswith("bodemdaling: ")
    extracted = runner.invoke(app, ["extract", str(SAMPLE), "--pages", "1"])
    assert extracted.exit_code == 0, extracted.stderr
    assert extracted.stdout.startswith("=== pagina 1 ===")


def test_a_read_error_inside_the_worker_keeps_its_own_code_and_message(tmp_path: Path) -> None:
    empty = tmp_path / "leeg.pdf"
    empty.write_bytes(b"")
    result = CliRunner().invoke(app, ["explain", str(empty), "grondwater"])
    assert result.exit_code == ExitCode.CORRUPT_FILE
    assert result.stderr.strip().splitlines() == [
        f"visiecheck: {empty}: het bestand is leeg (0 bytes); kopieer of download het opnieuw"
    ]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--timeout", "0", "--timeout moet meer dan 0 s zijn"),
        ("--max-memory", "100", "--max-memory moet minstens 256 (MB) zijn"),
    ],
)
def test_the_limits_are_checked_as_options(option: str, value: str, message: str) -> None:
    result = CliRunner().invoke(app, ["explain", str(SAMPLE), "grondwater", option, value])
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr


# --- a reader that aborts under the memory cap: the limit or a damaged file? -------------


def aborting_check_one(task: DocumentTask) -> DocumentReport:
    """``check_one`` with the faults of a native PDF reader, chosen by the file's name.

    ``hongerig…``: needs 1,100 MB of address space and, like pdfium, aborts when the cap
    refuses it (an anonymous mapping: no page is touched). ``kapot…``: aborts whatever
    the memory, as on damaged data. Module level, so the workers unpickle it.
    """
    name = Path(task.path).name
    if name.startswith("hongerig"):
        try:
            mmap.mmap(-1, 1100 * 1024 * 1024).close()
        except OSError:
            os.abort()
    if name.startswith("kapot"):
        os.abort()
    return check_one(task)


@pytest.fixture
def aborting_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_module, "check_one", aborting_check_one)


def _visie(folder: Path, name: str) -> Path:
    pages = [["# Omgevingsvisie", "De gemeente beschermt het grondwater bij de drinkwaterwinning."]]
    return pdf_factory.make_pdf(folder, pages, filename=name)


def test_check_names_the_memory_limit_and_the_value_that_worked(
    aborting_reader: None, tmp_path: Path
) -> None:
    visie = _visie(tmp_path, "hongerig.pdf")
    result = CliRunner().invoke(app, ["check", str(visie), "--max-memory", "1024", "--no-cache"])
    assert result.exit_code == ExitCode.RESOURCE_LIMIT, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"{visie}: fout: te veel geheugen: de PDF-lezer had meer dan 1024 MB nodig "
        "(lukte met 2048 MB, die uitkomst is niet gebruikt); geef --max-memory 2048"
    )
    english = CliRunner().invoke(
        app, ["check", str(visie), "--max-memory", "1024", "--no-cache", "--lang", "en"]
    )
    assert english.exit_code == ExitCode.RESOURCE_LIMIT
    assert english.stderr.strip().endswith("that result was not used); give --max-memory 2048")
    # with the value it names, the same document is checked
    raised = CliRunner().invoke(
        app, ["check", str(visie), "--max-memory", "2048", "--no-cache", "--format", "json"]
    )
    assert raised.exit_code == ExitCode.OK, raised.stderr
    assert json.loads(raised.stdout)["documents"][0]["error"] is None


def test_batch_tells_a_memory_limit_from_a_damaged_file(
    aborting_reader: None, tmp_path: Path
) -> None:
    for name in ("goed.pdf", "hongerig.pdf", "kapot.pdf"):
        _visie(tmp_path, name)
    result = CliRunner().invoke(
        app,
        ["batch", str(tmp_path), "--max-memory", "1024", "--no-cache", "--format", "json"],
    )
    assert result.exit_code == ExitCode.PARTIAL_FAILURE, result.stderr
    documents = {Path(d["file"]).name: d for d in json.loads(result.stdout)["documents"]}
    assert documents["goed.pdf"]["error"] is None
    assert documents["hongerig.pdf"]["error_code"] == ExitCode.RESOURCE_LIMIT
    assert documents["hongerig.pdf"]["error"].endswith(
        "had meer dan 1024 MB nodig (lukte met 2048 MB, die uitkomst is niet gebruikt); "
        "geef --max-memory 2048"
    )
    assert documents["kapot.pdf"]["error_code"] == ExitCode.CORRUPT_FILE
    assert documents["kapot.pdf"]["error"] == (
        "de PDF-lezer is gecrasht (SIGABRT), ook met 2048 MB geheugen: de PDF is "
        "waarschijnlijk beschadigd; probeer --engine pdfplumber, of exporteer of download de "
        "PDF opnieuw"
    )
