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
from visiecheck.analyse import matching
from visiecheck.cli import CLI_HINTS, app
from visiecheck.errors import DocumentLimitError, ExitCode
from visiecheck.lexicon import MAX_WORD_CHARS, load_lexicon
from visiecheck.models import DocumentReport
from visiecheck.options import MatchOptions
from visiecheck.run import batch as batch_module
from visiecheck.run.batch import DocumentTask, check_one
from visiecheck.run.isolation import DEFAULT_MAX_MEMORY_MB
from visiecheck.run.matcher_build import MatcherBuild, matcher_timeout

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
    pages = [["# Omgevingsvisie", "De gemeente beschermt het grondwater tegen verdroging."]]
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


# --- the batch matcher is compiled under the limits, not in the parent ----------------


def _pseudo_words(count: int, length: int) -> list[str]:
    """``count`` different made-up words of ``length`` letters (a lexicon at its word limit)."""
    letters = "aeioubdgklmnprstvwz"
    words = []
    for index in range(count):
        digits = []
        for _ in range(length):
            index, digit = divmod(index * 7 + 3, len(letters))
            digits.append(letters[digit])
        words.append("".join(digits))
    assert len(set(words)) == count
    return words


def test_the_batch_matcher_is_compiled_under_the_memory_cap(tmp_path: Path) -> None:
    # 3,000 terms of one 60-letter word: within the lexicon limits, but its matcher indexes
    # every piece of every form (~0.12 MB a term, measured): far more than 256 MB
    terms = "".join(f"      - {word}\n" for word in _pseudo_words(3000, MAX_WORD_CHARS))
    lexicon = tmp_path / "groot.yaml"
    lexicon.write_text(
        "name: groot\nversion: 0.1.0\nlanguage: nl\nthemes:\n"
        "  - id: grondwater\n    label: Grondwater\n    label_en: Groundwater\n    terms:\n"
        + terms,
        encoding="utf-8",
    )
    folder = tmp_path / "visies"
    folder.mkdir()
    _visie(folder, "Almelo.pdf")
    result = CliRunner().invoke(
        app,
        ["batch", str(folder), "--lexicon", str(lexicon), "--max-memory", "256", "--no-cache"],
    )
    assert result.exit_code == ExitCode.RESOURCE_LIMIT, result.stderr
    assert result.stderr == (
        "visiecheck: het voorbereiden van lexicon groot had meer dan 256 MB geheugen nodig; "
        "probeer --max-memory hoger, of gebruik een kleiner lexicon\n"
    )


def test_the_matcher_build_has_a_time_limit_of_at_least_a_minute() -> None:
    build = MatcherBuild(
        load_lexicon(None), MatchOptions(), timeout=0.001, max_memory_mb=DEFAULT_MAX_MEMORY_MB
    )
    with pytest.raises(DocumentLimitError) as caught:
        build.matcher()
    assert caught.value.exit_code == ExitCode.RESOURCE_LIMIT
    assert caught.value.text("nl", CLI_HINTS) == (
        "het voorbereiden van lexicon ondergrond-nl duurde langer dan 0,001 s; verhoog dit met "
        "--timeout, of gebruik een kleiner lexicon"
    )
    # a --timeout meant for slow PDFs does not stop an ordinary lexicon's compilation
    assert [matcher_timeout(value) for value in (0.001, 5.0, 300.0, None)] == [
        60.0,
        60.0,
        300.0,
        None,
    ]


def refuse_to_build(*args: object) -> object:
    raise AssertionError("the matcher is built in this process")


def test_a_cold_batch_does_not_build_the_matcher_in_its_own_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the workers and the builder are other processes: they compile with the real class
    monkeypatch.setattr(matching.Matcher, "__init__", refuse_to_build)
    monkeypatch.setattr(matching, "get_matcher", refuse_to_build)  # nor takes a cached one
    for name in ("Almelo.pdf", "Borne.pdf"):
        _visie(tmp_path, name)
    result = CliRunner().invoke(app, ["batch", str(tmp_path), "--no-cache", "--format", "json"])
    assert result.exit_code == ExitCode.OK, result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert [d["municipality"] for d in documents] == ["Almelo", "Borne"]
    grondwater = [t for t in documents[0]["themes"] if t["id"] == "grondwater"]
    assert grondwater[0]["status"] != "missing"
