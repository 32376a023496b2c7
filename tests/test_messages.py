"""Messages in Dutch by default and English with ``--lang en``, one catalogue for both.

Every user-facing error is a catalogue key with named parameters (``visiecheck.messages``)
and is written in a language only where it is read: the CLI's one stderr line, the row of
a document that could not be read (made in a worker process, rendered in the report's
language), and ``error.message`` for Python callers (English). A hint that points to an
option is filled by the front end: the CLI names its flag, the Python API the call; so no
module below the api names a command-line flag (checked here on the source, by AST).
"""

from __future__ import annotations

import ast
import json
import pickle
import re
import string
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import pdf_factory
from visiecheck import api
from visiecheck.cli import CLI_HINTS, app
from visiecheck.errors import (
    EncryptedPdfError,
    ExitCode,
    InputFileNotFoundError,
    LexiconError,
    NoTextError,
    UsageError,
)
from visiecheck.messages import CATALOGUE, PYTHON_HINTS, Msg, use_hints
from visiecheck.options import ReadOptions, ReportOptions
from visiecheck.run.match_cache import from_payload, to_payload

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "visiecheck"
FLAG = re.compile(r"--[a-z]")
# The front ends may name their own flags; everything else is below the api.
FRONT_ENDS = {"cli.py", "launch.py", "api.py"}

VISIE = [
    [
        "# Omgevingsvisie Markelo",
        "De gemeente beschermt het grondwater bij de drinkwaterwinning.",
        "Voor geothermie stellen wij voorwaarden aan boringen in de ondergrond.",
    ]
]

runner = CliRunner()


def invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(arg) for arg in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# --- the catalogue -----------------------------------------------------------------------


def test_every_message_has_the_same_parameters_in_dutch_and_english() -> None:
    for key, (dutch, english) in CATALOGUE.items():
        assert dutch.strip() or key == "text", key
        assert fields(dutch) == fields(english), key
    # both front ends fill every hint, in both languages, with the same parameters
    assert set(CLI_HINTS) == set(PYTHON_HINTS)
    for table in (CLI_HINTS, PYTHON_HINTS):
        for name, texts in table.items():
            assert set(texts) == {"nl", "en"}, name
            assert fields(texts["nl"]) == fields(texts["en"]), name


def _calls_of_msg() -> Iterator[tuple[Path, ast.Call]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Msg":
                yield path, node


def test_every_message_in_the_code_exists_and_gets_its_parameters() -> None:
    seen = 0
    for path, call in _calls_of_msg():
        first = call.args[0] if call.args else None
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue  # a key chosen at run time (a file kind, a stored error)
        seen += 1
        key = first.value
        assert key in CATALOGUE, (path.name, call.lineno, key)
        if any(keyword.arg is None for keyword in call.keywords):
            continue  # **params
        given = {keyword.arg for keyword in call.keywords}
        needed = fields(CATALOGUE[key][1]) - set(PYTHON_HINTS)
        # a hint may be given as a parameter when the caller knows it (e.g. the CLI)
        assert needed <= given, (path.name, call.lineno, key, needed - given)
        assert given <= fields(CATALOGUE[key][1]) | hint_parameters(), (path.name, key)
    assert seen > 90  # the scan found the raise sites


def hint_parameters() -> set[str]:
    return {name for texts in PYTHON_HINTS.values() for name in fields(texts["en"])}


def _error_texts(source: str) -> list[tuple[int, str]]:
    """String literals inside a ``raise``, an ``…Error(…)`` or a ``Msg(…)`` call."""
    found: dict[int, tuple[int, str]] = {}  # by node: a raise holds its error call
    for node in ast.walk(ast.parse(source)):
        is_error_call = isinstance(node, ast.Call) and (
            getattr(node.func, "id", getattr(node.func, "attr", "")).endswith("Error")
            or getattr(node.func, "id", "") == "Msg"
        )
        if isinstance(node, ast.Raise) or is_error_call:
            for inner in ast.walk(node):
                if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                    found[id(inner)] = (inner.lineno, inner.value)
    return sorted(found.values())


def test_the_flag_scan_finds_a_flag_in_an_error_text() -> None:
    source = (
        "def f(x):\n"
        "    if x:\n"
        "        raise UsageError(f'run again with --ocr {x}')\n"
        "    return CorruptPdfError(Msg('read.damaged', hint='try --engine pdfplumber'))\n"
    )
    flagged = [text for _, text in _error_texts(source) if FLAG.search(text)]
    assert flagged == ["run again with --ocr ", "try --engine pdfplumber"]


def test_no_module_below_the_api_names_a_command_line_flag_in_an_error() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "render" or str(relative) in FRONT_ENDS:
            continue
        for line, text in _error_texts(path.read_text(encoding="utf-8")):
            if FLAG.search(text):
                offenders.append(f"{relative}:{line}: {text}")
    # the catalogue and the Python API's hints are below the api too
    for key, templates in CATALOGUE.items():
        offenders += [f"messages {key}: {text}" for text in templates if FLAG.search(text)]
    for name, texts in PYTHON_HINTS.items():
        offenders += [f"hint {name}: {text}" for text in texts.values() if FLAG.search(text)]
    assert offenders == []


def test_a_message_travels_between_processes_and_renders_numbers_per_language() -> None:
    error = LexiconError(Msg("lexicon.too_big", size=1_234_567, limit=1_048_576), path="x.yaml")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.key, copy.params, copy.path) == ("lexicon.too_big", error.params, "x.yaml")
    assert copy.text("nl") == (
        "x.yaml: regel 1: het bestand is 1.234.567 bytes; een lexicon mag hoogstens "
        "1.048.576 bytes zijn (verdeel het over lexicons met 'extends')"
    )
    assert copy.message == (
        "x.yaml: line 1: the file is 1,234,567 bytes; a lexicon may be at most 1,048,576 "
        "bytes (split it into lexicons with 'extends')"
    )
    assert str(copy) == copy.message
    assert copy.reason == copy.message.removeprefix("x.yaml: ")
    # a plain text (no key) stays as it is in every language
    plain = UsageError("Let op: geen sleutel")
    assert (plain.key, plain.text("en"), plain.text("nl")) == (None, *["Let op: geen sleutel"] * 2)


def test_the_front_end_fills_the_hints() -> None:
    error = EncryptedPdfError(Msg("read.encrypted"), path="slot.pdf")
    assert error.message == (
        "slot.pdf: the PDF is password-protected; pass the password as ReadOptions(password=...)"
    )
    with use_hints(CLI_HINTS):
        assert error.text("nl") == (
            "slot.pdf: de PDF is met een wachtwoord beveiligd; geef het wachtwoord met --password"
        )
    assert "ReadOptions" in error.message  # the CLI's table held only inside the block
    # a hint may use the message's parameters
    damaged = Msg("read.no_page_loads", other_engine="pdfplumber")
    assert "try ReadOptions(engine='pdfplumber')" in damaged.text("en")
    assert "probeer --engine pdfplumber" in damaged.text("nl", CLI_HINTS)


# --- one representative error of each class, in check, batch and the Python API -------


@pytest.fixture
def encrypted(make_pdf: Callable[..., Path]) -> Path:
    return make_pdf(VISIE, encrypt="geheim", filename="Markelo.pdf")


def test_an_encrypted_pdf_in_check_stderr_and_json_in_both_languages(encrypted: Path) -> None:
    code, stdout, stderr = invoke("check", encrypted, "--format", "json")
    assert code == ExitCode.ENCRYPTED
    dutch = "de PDF is met een wachtwoord beveiligd; geef het wachtwoord met --password"
    assert stderr == f"{encrypted}: fout: {dutch}\n"
    document = json.loads(stdout)["documents"][0]
    assert (document["error"], document["error_code"]) == (dutch, ExitCode.ENCRYPTED)
    code, stdout, stderr = invoke("check", encrypted, "--format", "json", "--lang", "en")
    english = "the PDF is password-protected; give the password with --password"
    assert stderr == f"{encrypted}: error: {english}\n"
    assert json.loads(stdout)["documents"][0]["error"] == english
    # one file read in this process raises; its one stderr line follows --lang too
    code, _, stderr = invoke("diff", encrypted, encrypted, "--lang", "en")
    assert code == ExitCode.ENCRYPTED
    assert stderr == f"visiecheck: {encrypted}: {english}\n"


def test_an_encrypted_pdf_through_the_python_api(encrypted: Path) -> None:
    with pytest.raises(EncryptedPdfError) as raised:
        api.read_file(encrypted)
    assert raised.value.key == "read.encrypted"
    assert raised.value.message == (
        f"{encrypted}: the PDF is password-protected; pass the password as "
        "ReadOptions(password=...)"
    )
    assert raised.value.reason_text("nl") == (
        "de PDF is met een wachtwoord beveiligd; geef het wachtwoord mee als "
        "ReadOptions(password=...)"
    )
    # a failed row made in a worker process keeps the key: rendered in each language
    report = api.check_files([encrypted], isolate=True)
    document = report.documents[0]
    assert (document.error_key, document.error_code) == ("read.encrypted", ExitCode.ENCRYPTED)
    assert document.error == (
        "the PDF is password-protected; pass the password as ReadOptions(password=...)"
    )
    markdown = api.render_report(report, "markdown", lang="nl")
    assert "de PDF is met een wachtwoord beveiligd; geef het wachtwoord mee als" in markdown
    assert "password-protected" not in markdown
    rendered = json.loads(api.render_report(report, "json", lang="en"))  # type: ignore[arg-type]
    assert rendered["documents"][0]["error"] == document.error


def test_a_missing_file_in_each_language(tmp_path: Path) -> None:
    missing = tmp_path / "Haaksbergen.pdf"
    code, _, stderr = invoke("extract", missing)
    assert code == ExitCode.FILE_NOT_FOUND
    assert stderr == (
        f"visiecheck: {missing}: bestand niet gevonden; controleer het pad en de bestandsnaam\n"
    )
    code, _, stderr = invoke("check", missing, "--format", "json", "--lang", "en")
    assert code == ExitCode.FILE_NOT_FOUND
    assert stderr == f"{missing}: error: file not found; check the path and the file name\n"
    # the language is the command's: the next command without --lang is Dutch again
    code, _, stderr = invoke("explain", missing, "grondwater")
    assert stderr == (
        f"visiecheck: {missing}: bestand niet gevonden; controleer het pad en de bestandsnaam\n"
    )
    with pytest.raises(InputFileNotFoundError) as raised:
        api.read_file(missing)
    assert raised.value.message == f"{missing}: file not found; check the path and the file name"


def test_a_file_that_is_not_a_pdf_in_a_batch_row(tmp_path: Path) -> None:
    folder = tmp_path / "twente"
    folder.mkdir()
    pdf_factory.make_pdf(folder, VISIE, filename="Markelo.pdf")
    (folder / "Rijssen.pdf").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    dutch = (
        "is geen PDF en ook geen ander documentformaat (binaire inhoud); visiecheck leest "
        "PDF, Word (.docx), HTML (.html/.htm/.xhtml), tekst (.txt/.md), STOP-XML, "
        "DSO-JSON en DSO-pakketten (.zip)"
    )
    english = (
        "is not a PDF or any other document format (binary content); visiecheck reads "
        "PDF, Word (.docx), HTML (.html/.htm/.xhtml), text (.txt/.md), STOP XML, DSO JSON "
        "and DSO packages (.zip)"
    )
    code, stdout, stderr = invoke("batch", folder, "--format", "markdown", "--no-cache")
    assert code == ExitCode.PARTIAL_FAILURE
    assert f"Fout: {dutch}" in stdout and "binary content" not in stdout
    assert f"Rijssen.pdf: {dutch}" in stderr
    assert "1 van 2 bestanden niet gelezen:" in stderr
    code, stdout, stderr = invoke("batch", folder, "--format", "markdown", "--lang", "en")
    assert f"Error: {english}" in stdout and "binaire inhoud" not in stdout
    assert f"Rijssen.pdf: {english}" in stderr and "1 of 2 files not read:" in stderr
    code, stdout, _ = invoke("batch", folder, "--lang", "en")  # the table, as on a terminal
    assert "binary content" in stdout and "binaire inhoud" not in stdout


def test_a_scan_without_a_text_layer_names_the_option_of_the_front_end(
    make_pdf: Callable[..., Path],
) -> None:
    scan = make_pdf(VISIE, image_only_pages=[1], filename="scan.pdf")
    code, _, stderr = invoke("extract", scan)
    assert code == ExitCode.NO_TEXT
    assert stderr == (
        f"visiecheck: {scan}: geen enkele pagina heeft een tekstlaag: het lijkt een scan; "
        "draai opnieuw met --ocr om het met OCR te lezen (Tesseract, Nederlands) en "
        "controleer het resultaat\n"
    )
    with pytest.raises(NoTextError) as raised:
        api.read_file(scan, read=ReadOptions(use_cache=False))
    assert raised.value.message == (
        f"{scan}: no page has a text layer: it looks like a scan; read it with OCR "
        "(Tesseract, Dutch) through ReadOptions(ocr=True) and check the result"
    )


def test_a_timeout_in_a_batch_row_and_through_the_api(tmp_path: Path) -> None:
    folder = tmp_path / "twente"
    folder.mkdir()
    long = [[f"Hoofdstuk {n}", "De gemeente beschermt het grondwater. " * 30] for n in range(80)]
    pdf_factory.make_pdf(folder, long, filename="Markelo.pdf")
    too_short = ["--timeout", "0.001", "--no-cache"]
    code, stdout, _ = invoke("batch", folder, "--format", "markdown", *too_short)
    assert code == ExitCode.RESOURCE_LIMIT
    assert "Fout: gestopt na 0,001 s: het lezen duurde te lang; verhoog dit met --timeout" in (
        stdout
    )
    code, stdout, stderr = invoke("batch", folder, "--lang", "en", *too_short)
    assert "stopped after 0.001 s: reading took too long; raise it with --timeout" in stderr
    assert "Markelo" in stdout
    report = api.check_files([folder / "Markelo.pdf"], timeout=0.001, isolate=True)
    assert report.documents[0].error == (
        "stopped after 0.001 s: reading took too long; pass a higher timeout"
    )


def test_a_lexicon_line_error_in_each_language(tmp_path: Path) -> None:
    lexicon = tmp_path / "eigen.yaml"
    lexicon.write_text(
        "name: eigen\nversion: '1.0'\nthemes:\n  - id: bodemleven\n    terms: ['']\n",
        encoding="utf-8",
    )
    code, _, stderr = invoke("lexicon", "validate", lexicon)
    assert code == ExitCode.LEXICON_INVALID
    assert stderr == f"visiecheck: {lexicon}: regel 5: thema bodemleven, terms[0].term: lege term\n"
    sample = ROOT / "samples" / "omgevingsvisie-zuiderveen.pdf"
    code, _, stderr = invoke("check", sample, "--lexicon", lexicon, "--lang", "en")
    assert stderr == f"visiecheck: {lexicon}: line 5: theme bodemleven, terms[0].term: empty term\n"
    lexicon.write_text(
        "name: eigen\nversion: '1.0'\nthemes:\n  - id: bodemleven\n    label: Bodemleven\n"
        "    label_en: Soil life\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as raised:
        api.load_lexicon(lexicon)
    assert (
        raised.value.message
        == f"{lexicon}: line 4: theme bodemleven: a theme needs at least one term"
    )
    assert raised.value.reason_text("nl") == (
        "regel 4: thema bodemleven: een thema heeft minstens één term nodig"
    )


def test_a_usage_error_in_each_language() -> None:
    sample = ROOT / "samples" / "omgevingsvisie-zuiderveen.pdf"
    code, _, stderr = invoke("check", sample, "--format", "pdf")
    assert code == ExitCode.USAGE
    assert stderr == "visiecheck: --format 'pdf': kies uit table, json, csv, markdown, html\n"
    code, _, stderr = invoke("check", sample, "--format", "pdf", "--lang", "en")
    assert stderr == "visiecheck: --format 'pdf': choose one of table, json, csv, markdown, html\n"
    # an unknown --lang cannot choose the language: the message is Dutch
    code, _, stderr = invoke("check", sample, "--lang", "de")
    assert stderr == "visiecheck: --lang 'de': kies uit nl, en\n"
    with pytest.raises(UsageError) as raised:
        ReportOptions(evidence=-1).validate()
    assert raised.value.message == "evidence must be 0 or more, not -1"
    assert raised.value.text("nl") == "evidence moet 0 of meer zijn, niet -1"
    assert raised.value.key == "usage.not_below"
    assert raised.value.params == {"option": "evidence", "minimum": 0, "value": -1}


def test_an_internal_error_is_one_line_in_the_command_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("kapot")

    monkeypatch.setattr(api, "check_files", broken)
    sample = ROOT / "samples" / "omgevingsvisie-zuiderveen.pdf"
    code, _, stderr = invoke("check", sample)
    assert code == ExitCode.INTERNAL_ERROR
    assert stderr == (
        "visiecheck: interne fout (ValueError: kapot); draai opnieuw met --verbose en meld het\n"
    )
    code, _, stderr = invoke("check", sample, "--lang", "en")
    assert stderr == (
        "visiecheck: internal error (ValueError: kapot); run again with --verbose and report it\n"
    )


def test_the_last_flush_of_standard_output_speaks_the_command_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from visiecheck import cli, launch

    monkeypatch.setitem(cli._state, "lang", "nl")
    reason = "No space left on device"
    assert launch._flush_failed(reason) == f"standaarduitvoer: kan niet schrijven ({reason})"
    monkeypatch.setitem(cli._state, "lang", "en")
    assert launch._flush_failed(reason) == f"standard output: cannot write ({reason})"


# --- warnings about a document -----------------------------------------------------------

SCANNED_TWO = [
    ["Het grondwater is schoon en moet schoon blijven."],
    ["Deze bladzijde is gescand."],
]


def test_a_page_without_text_layer_is_warned_in_the_report_language(
    make_pdf: Callable[..., Path],
) -> None:
    path = make_pdf(SCANNED_TWO, image_only_pages=[2], filename="Delden.pdf")
    code, stdout, stderr = invoke("check", path, "--format", "json")
    assert code == ExitCode.OK, stderr
    dutch = (
        "1 pagina zonder tekstlaag (2): deze tekst is niet gelezen "
        "(gebruik --ocr voor tekstherkenning)"
    )
    assert stderr == f"{path}: waarschuwing: {dutch}\n"
    assert json.loads(stdout)["documents"][0]["warnings"] == [dutch]
    code, stdout, stderr = invoke("check", path, "--format", "json", "--lang", "en")
    english = (
        "1 page without a text layer (2): this text was not read (use --ocr to read it with OCR)"
    )
    # the second run comes from the result cache: the warning is still a message there,
    # and the cache form keeps it
    assert stderr == f"{path}: warning: {english}\n"
    assert json.loads(stdout)["documents"][0]["warnings"] == [english]
    report = api.check_files([path]).documents[0]
    assert report.warning_messages and from_payload(to_payload(report)) == report
    # the Python API: Dutch text as before, the call instead of the flag
    document = api.read_file(path)
    assert document.warnings == (
        "1 pagina zonder tekstlaag (2): deze tekst is niet gelezen "
        "(gebruik ReadOptions(ocr=True) voor tekstherkenning)",
    )
    assert document.warning_texts("en") == (
        "1 page without a text layer (2): this text was not read "
        "(use ReadOptions(ocr=True) to read it with OCR)",
    )


def test_a_message_survives_the_cache_form_with_nested_messages() -> None:
    warning = Msg(
        "warn.name_not_pdf",
        suffix=".pdf",
        kind=Msg("format_name.html"),
        hint=Msg("warn.download_error_page"),
    )
    data = json.loads(json.dumps(warning.to_data()))
    assert Msg.from_data(data) == warning
    assert warning.text("en") == (
        "the name ends in .pdf, but the file is not a PDF: read as a web page (HTML) "
        "(is it the error page of a download? then download the PDF again)"
    )
    with pytest.raises(ValueError):
        Msg.from_data(["read.damaged", "geen parameters"])


def test_a_notice_about_the_run_follows_the_command_language() -> None:
    from visiecheck.run import platform

    sample = ROOT / "samples" / "omgevingsvisie-zuiderveen.pdf"
    with platform.override(fork_server=False, memory_limit=False, idle_priority=False):
        code, _, stderr = invoke("extract", sample, "--pages", "1")
        assert code == ExitCode.OK
        assert stderr.splitlines()[0] == (
            "visiecheck: geheugenlimiet per document (2048 MB) is op dit platform niet "
            "mogelijk: een te groot document wordt alleen door de tijdslimiet gestopt"
        )
        code, _, stderr = invoke("check", sample, "--format", "json", "--lang", "en")
        assert code == ExitCode.OK
        assert stderr.splitlines() == [
            "visiecheck: warning: a memory limit per document (2048 MB) is not possible on "
            "this platform: a document that is too large is only stopped by the time limit"
        ]
