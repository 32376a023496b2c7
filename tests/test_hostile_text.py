"""Hostile inputs, round two: text, output and manifests (README "Round two: text, output
and manifests"; each row of that table names a test here).

Control and bidi characters never get past normalisation, whatever the reader; names and
messages that never pass there are escaped where they are written; standard output is
checked like ``--output``; manifests with odd line ends, repeated or far-away files are
read with a warning instead of a crash.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import docx
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests import pdf_factory
from tests.cli_helpers import cli
from visiecheck import api
from visiecheck.errors import ExitCode
from visiecheck.extract import extract
from visiecheck.extract._formats import bomless_utf16, sniff
from visiecheck.extract.normalize import blocks_to_text, normalize_lines
from visiecheck.launch import _OUTPUT_ERROR, _PIPE_CLOSED
from visiecheck.models import DocumentReport, Hit, LexiconInfo, Report, ThemeCoverage
from visiecheck.models import Status as S
from visiecheck.render import render, render_batch
from visiecheck.run.batch import read_manifest
from visiecheck.safetext import (
    UNSAFE,
    characters,
    escape_file_name,
    file_name_bytes,
    has_unsafe,
    visible,
)
from visiecheck.schema import load_report_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "omgevingsvisie-beekdal.pdf"

# What a document or a name may carry: a window title (OSC 0), a screen clear (CSI 2J), an
# OSC 8 link, the one-byte C1 CSI, NUL, DEL, a right-to-left override and an isolate.
HOSTILE = (
    "\x1b]0;gekaapt\x07",
    "\x1b[2J",
    "\x1b]8;;https://example.org\x1b\\",
    "\x9b31m",
    "\x00",
    "\x7f",
    "\u202e",
    "\u2066",
)
VISIE = "De gemeente benut geothermie {} voor warmte en beschermt het grondwater {} goed."
_FORBIDDEN = set(characters(UNSAFE)) - {"\ufffe"}


# Ordinary text around the hostile sentence: a file of which more than 5% of the start is
# control characters is binary (``_formats.sniff``), and so is one with a NUL byte.
FILLER = "Het landschap van de gemeente is gevarieerd en de dorpen liggen aan de beek. " * 4


def hostile_sentence() -> str:
    return VISIE.format("".join(HOSTILE[:4]), "".join(HOSTILE[5:]))


def clean(text: str) -> bool:
    """No control (but tab and newline), bidi, noncharacter or surrogate in ``text``."""
    return not (set(text) & _FORBIDDEN) and "\ufffe" not in text


def run(*args: str | Path, **popen: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "visiecheck", *map(str, args)],
        cwd=ROOT,
        capture_output="stdout" not in popen,
        timeout=300,
        check=False,
        **popen,  # type: ignore[call-overload]
    )


def raw_pdf(content: bytes) -> bytes:
    """A one-page PDF with this content stream (Helvetica as F1, with widths for every code:
    without them pdfminer reads nothing once OCRmyPDF has been imported in the process)."""
    widths = b" ".join([b"556"] * 256)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
        b"/FirstChar 0 /LastChar 255 /Widths [" + widths + b"] >>",
    ]
    return pdf_factory.pdf_from_objects(objects)


def hostile_pdf(path: Path) -> Path:
    """Text with escape sequences and C0 controls in the text layer; also an operator with a
    bad operand that pdfminer logs with the raw bytes of the PDF."""
    sentence = b"De gemeente benut \x1b]0;gekaapt\x07 geothermie \x1b[2J\x01voor warmte."
    path.write_bytes(
        raw_pdf(b"(\x1b]0;log\x07\xff) g\nBT /F1 12 Tf 72 720 Td (" + sentence + b") Tj ET")
    )
    return path


def hostile_text_file(path: Path) -> Path:
    path.write_text(f"# Omgevingsvisie\n\n{FILLER}\n\n{hostile_sentence()}\n", encoding="utf-8")
    return path


def hostile_html(path: Path) -> Path:
    path.write_text(
        f"<html><body><main><h1>Visie</h1><p>{FILLER}</p><p>{hostile_sentence()}</p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    return path


def hostile_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Omgevingsvisie", level=1)
    # XML takes no C0 control, so a Word file can only carry C1 and bidi characters
    document.add_paragraph(VISIE.format("\x9b31m\x85\u202e", "\u2066\u200f\x9f"))
    document.save(path)
    return path


# --- 1. control characters out at normalisation, for every reader --------------------------


def test_normalisation_drops_control_and_bidi_characters() -> None:
    lines = normalize_lines(
        [
            "a\x1b]0;titel\x07b",
            "bodem\x00energie \u202eomgekeerd\u202c",
            "een\rtwee\x85drie\u2028vier",
        ]
    )
    assert lines == ["a]0;titelb", "bodemenergie omgekeerd", "een twee drie vier"]
    # tab stays whitespace, pdfium's hyphenation mark U+0002 still joins a broken word
    assert normalize_lines(["\tbodem\tleven"]) == ["bodem leven"]
    assert blocks_to_text([normalize_lines(["gemeen\x02", "ten en bodem-", "leven"])]) == (
        "gemeenten en bodemleven"
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), max_size=6))
def test_no_unsafe_character_survives_normalisation(lines: list[str]) -> None:
    normalised = normalize_lines(lines)
    assert all(clean(line.replace("\ufffe", "")) for line in normalised)
    assert clean(blocks_to_text([normalised]))


@pytest.mark.parametrize(
    ("make", "name", "engine"),
    [
        (hostile_text_file, "visie.txt", "pdfium"),
        (hostile_html, "visie.html", "pdfium"),
        (hostile_docx, "visie.docx", "pdfium"),
        (hostile_pdf, "visie.pdf", "pdfium"),
        (hostile_pdf, "visie.pdf", "pdfplumber"),
    ],
    ids=["text", "html", "docx", "pdf-pdfium", "pdf-pdfplumber"],
)
def test_every_reader_passes_the_normalisation(
    make: Callable[[Path], Path], name: str, engine: str, tmp_path: Path
) -> None:
    document = extract(make(tmp_path / name), engine=engine, use_cache=False)
    texts = [page.text for page in document.pages]
    texts += [line for page in document.pages for line in page.removed_lines]
    texts += [line for page in document.pages for line in page.heading_lines]
    assert "geothermie" in " ".join(texts)
    assert all(clean(text) for text in texts), texts


def test_an_xlsx_export_never_fails_on_one_documents_text(tmp_path: Path) -> None:
    hostile_text_file(tmp_path / "beekdal.txt")
    hostile_pdf(tmp_path / "zuiddorp.pdf")
    (tmp_path / "manifest.csv").write_text(
        "gemeente;bestand\nBeek\x07dal\x1b;beekdal.txt\nZuid\u202edorp;zuiddorp.pdf\n",
        encoding="utf-8",
    )
    target = tmp_path / "overzicht.xlsx"
    code, _, stderr = cli(
        "batch", tmp_path / "manifest.csv", "--format", "xlsx", "-o", target, "--no-cache"
    )
    assert code == ExitCode.OK, stderr
    cells = [
        cell
        for sheet in load_workbook(target).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]
    assert "Beekdal" in cells and "Zuiddorp" in cells
    assert any("geothermie" in cell for cell in cells)
    assert all(clean(cell) for cell in cells)


def _report_with(text: str) -> Report:
    hit = Hit("geothermie", "geo" + text, text, "exact", 1, 0, 3, f"zin {text} zin", 0)
    coverage = ThemeCoverage("geothermie", "Geo" + text, "Geo", S.MENTIONED, 1, (1,), (hit,))
    return Report(
        tool_version="0.1.0",
        lexicon=LexiconInfo("lex" + text, "1", 1),
        documents=(
            DocumentReport(f"a{text}.pdf", "Gem" + text, "", 1, (), ("let" + text,), None,
                           (coverage,)),
            DocumentReport(f"b{text}.pdf", "B" + text, "", 0, (), (), "fout" + text, (), 5),
        ),
        selected_themes=("geothermie",),
    )  # fmt: skip


def test_the_renderers_take_any_text_that_skipped_normalisation() -> None:
    """A report built by other code (or an old cache) may hold anything: every format still
    renders, as valid UTF-8, without one unsafe character."""
    nasty = "".join(HOSTILE) + "\udcff\ufffe\uffff\ud800"
    report = _report_with(nasty)
    outputs = [render(report, fmt) for fmt in ("table", "json", "csv", "markdown", "html")]
    outputs += [render_batch(report, fmt) for fmt in ("table", "markdown", "html")]
    outputs.append(render(report, "table", color=True))
    for text in outputs:
        assert isinstance(text, str)
        text.encode("utf-8")  # no lone surrogate
        colourless = text.replace("\x1b[", "CSI")  # rich's own colour codes
        assert clean(colourless.replace("\r", "")), text
        assert "gekaapt" in text
    workbook = load_workbook(io.BytesIO(render_batch(report, "xlsx")))  # type: ignore[arg-type]
    cells = [c for s in workbook.worksheets for r in s.iter_rows(values_only=True) for c in r]
    assert all(clean(cell) for cell in cells if isinstance(cell, str))
    # the workbook renderer on its own (no render() in front) is just as robust
    from visiecheck.render.xlsx import render_xlsx

    load_workbook(io.BytesIO(render_xlsx(report)))


# --- 7. nothing reaches the terminal: document text, file names, messages --------------------


def test_escape_sequences_reach_no_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    path = hostile_text_file(folder / "Beekdal\x1b]0;naam\x07\u202e.txt")
    outputs = [
        cli("check", path),
        cli("check", path, "--format", "markdown"),
        cli("explain", path, "geothermie"),
        cli("extract", path),
        cli("extract", path, "--format", "json"),
        cli("check", folder / "weg\x1b[2J.pdf"),  # the error message names the file
        cli("check", path, folder / "weg\x1b[2J.pdf", "--format", "json"),
    ]
    for code, stdout, stderr in outputs:
        assert code in (0, ExitCode.FILE_NOT_FOUND, ExitCode.PARTIAL_FAILURE), stderr
        assert clean(stdout) and clean(stderr), (stdout, stderr)
    assert "Beekdal\\x1b]0;naam\\x07\\xe2\\x80\\xae.txt" in outputs[2][1]  # explain
    assert "weg\\x1b[2J.pdf: fout: bestand niet gevonden" in outputs[6][2]


def test_a_file_name_with_escapes_on_stderr_stays_one_safe_line(tmp_path: Path) -> None:
    code, _, stderr = cli("extract", tmp_path / "weg\x1b]0;x\x07\n.pdf")
    assert code == ExitCode.FILE_NOT_FOUND
    assert stderr.count("\n") == 1 and clean(stderr.rstrip("\n"))
    assert "weg\\x1b]0;x\\x07\\x0a.pdf" in stderr


# --- 8. standard output is checked ----------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this platform")
@pytest.mark.parametrize(
    "args",
    [
        ("check", SAMPLE, "--format", "json"),
        ("check", SAMPLE),
        ("extract", SAMPLE),
        ("explain", SAMPLE, "grondwater"),
    ],
    ids=["check-json", "check-table", "extract", "explain"],
)
def test_a_report_cut_off_by_a_full_disk_exits_with_the_output_error(
    args: tuple[str | Path, ...], tmp_path: Path
) -> None:
    with open("/dev/full", "wb") as full:
        done = run(*args, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == ExitCode.OUTPUT_ERROR, done.stderr
    message = done.stderr.decode()
    assert message.startswith("visiecheck: standaarduitvoer: het rapport kan niet geschreven")
    assert "Traceback" not in message and "interne fout" not in message


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this platform")
def test_a_batch_workbook_to_a_full_disk_exits_with_the_output_error(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = run("batch", SAMPLE.parent, "--format", "xlsx", stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == ExitCode.OUTPUT_ERROR, done.stderr
    assert b"kan niet geschreven worden (No space left on device)" in done.stderr


@pytest.mark.parametrize(
    "args",
    [("explain", SAMPLE, "grondwater"), ("extract", SAMPLE), ("check", SAMPLE, "--format", "json")],
    ids=["explain", "extract", "check"],
)
def test_a_pipe_closed_early_ends_quietly(args: tuple[str | Path, ...]) -> None:
    """``visiecheck explain … | head``: the reader is gone before the report is written."""
    process = subprocess.Popen(
        [sys.executable, "-m", "visiecheck", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the only reader: every write now meets a closed pipe
    stderr = process.stderr.read()
    assert process.wait(timeout=300) == ExitCode.PIPE_CLOSED == 141
    assert stderr == b""


def test_leaving_with_unflushed_output_reports_what_happened() -> None:
    """Output still buffered when the command is done is flushed by ``leave``: a failure
    there is not lost either (buffered: without PYTHONUNBUFFERED)."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from visiecheck.launch import leave; "
         "sys.stdout.write('x'); leave(0)"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    process.stderr.read()
    assert process.wait(timeout=60) == _PIPE_CLOSED
    assert (_PIPE_CLOSED, _OUTPUT_ERROR) == (ExitCode.PIPE_CLOSED, ExitCode.OUTPUT_ERROR)


# --- 11 and 13: manifests -------------------------------------------------------------------


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"], ids=["cr", "crlf", "lf"])
def test_a_manifest_with_old_mac_line_ends_is_read(end: str, tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_bytes(
        end.join(["gemeente;bestand", "Beekdal;a.pdf", "Zuiderveen;b.pdf", ""]).encode()
    )
    items = read_manifest(manifest)
    assert [(item.municipality, item.path.name) for item in items] == [
        ("Beekdal", "a.pdf"),
        ("Zuiderveen", "b.pdf"),
    ]


def test_a_manifest_line_csv_cannot_read_is_a_usage_error(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("Beekdal;a.pdf\nZuid;" + "x" * 200_000 + "\n", encoding="utf-8")
    code, _, stderr = cli("batch", manifest)
    assert code == ExitCode.USAGE
    assert "regel 2" in stderr and "interne fout" not in stderr


def test_a_file_listed_twice_in_a_manifest_is_counted_once(tmp_path: Path) -> None:
    hostile_text_file(tmp_path / "visie.txt")
    hostile_text_file(tmp_path / "andere.txt")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "gemeente;bestand\n"
        "Dinkelland;visie.txt\n"
        "Andere;andere.txt\n"
        "Tubbergen;./visie.txt\n"
        f"Dinkelland;{tmp_path / 'visie.txt'}\n",
        encoding="utf-8",
    )
    said: list[str] = []
    items = api.collect_inputs(manifest, on_warning=said.append)
    assert [(item.municipality, item.path.name) for item in items] == [
        ("Dinkelland / Tubbergen", "visie.txt"),
        ("Andere", "andere.txt"),
    ]
    assert len(said) == 1
    assert "visie.txt staat 3 keer in het manifest (regels 2, 4, 5)" in said[0]
    assert "één keer gelezen en geteld, als Dinkelland / Tubbergen" in said[0]
    code, stdout, stderr = cli("batch", manifest, "--format", "json", "--no-cache")
    assert code == ExitCode.OK, stderr
    assert len(json.loads(stdout)["documents"]) == 2
    assert stderr.count("staat 3 keer in het manifest") == 1
    with pytest.warns(UserWarning, match="staat 3 keer"):
        api.collect_inputs(manifest)  # Python callers are told too


def test_manifest_paths_outside_its_folder_get_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "regio"
    folder.mkdir()
    hostile_text_file(folder / "binnen.txt")
    hostile_text_file(folder / "ook.txt")
    hostile_text_file(tmp_path / "buiten.txt")
    manifest = folder / "manifest.csv"
    manifest.write_text(
        f"Binnen;binnen.txt\nOok binnen;{folder / 'ook.txt'}\nBuiten;../buiten.txt\n",
        encoding="utf-8",
    )
    said: list[str] = []
    items = read_manifest(manifest, on_warning=said.append)
    assert len(items) == 3
    assert said == [
        f"{manifest}: 1 bestand(en) buiten de map van het manifest: regel 3 (../buiten.txt); "
        "controleer of die paden kloppen"
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (folder / "alleen.csv").write_text("Binnen;binnen.txt\n", encoding="utf-8")
        read_manifest(folder / "alleen.csv")  # nothing to say: no warning at all


# --- 13: pdfminer's log, UTF-16 without BOM, file names that are not UTF-8 -------------------


def test_pdfminer_log_lines_do_not_leak_to_stderr(tmp_path: Path) -> None:
    path = hostile_pdf(tmp_path / "visie.pdf")
    done = run("check", path, "--engine", "pdfplumber", "--no-cache", "--format", "json")
    assert done.returncode == ExitCode.OK, done.stderr
    assert done.stderr == b""
    assert b"geothermie" in done.stdout and b"\x1b" not in done.stdout


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_a_bom_is_read(encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "visie.txt"
    path.write_bytes(f"# Visie\n\n{VISIE.format('', '')}\n".encode(encoding))
    assert bomless_utf16(path.read_bytes()) == encoding
    code, stdout, stderr = cli("extract", path)
    assert code == ExitCode.OK, stderr
    assert "De gemeente benut geothermie voor warmte" in stdout
    # binary content with many zero bytes is still refused
    noise = bytes([1, 0, 2, 0, 3, 0, 27, 0] * 64)
    with pytest.raises(Exception, match="binary content"):
        sniff(noise, tmp_path / "ruis.txt")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40))
def test_escaped_file_names_give_every_byte_back(raw: bytes) -> None:
    name = os.fsdecode(raw) if os.name != "nt" else raw.decode("utf-8", "surrogateescape")
    escaped = escape_file_name(name)
    escaped.encode("utf-8")  # valid UTF-8 whatever the name
    assert not has_unsafe(escaped)
    if os.name != "nt":
        assert file_name_bytes(escaped) == raw


def test_ordinary_file_names_are_left_as_they_are() -> None:
    for name in ("samples/omgevingsvisie-beekdal.pdf", "Súdwest-Fryslân 😀.pdf", "a\\b.pdf"):
        assert escape_file_name(name) == name
    assert visible("regel\nregel", newlines=True) == "regel\nregel"
    assert visible("regel\nregel") == "regel\\x0aregel"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names there are Unicode")
def test_a_file_name_that_is_not_utf8_is_escaped_losslessly_in_json(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/visie-\xff\xfe-Beekdal.txt"
    with open(raw, "w", encoding="utf-8") as stream:
        stream.write(f"# Visie\n\n{VISIE.format('', '')}\n")
    path = os.fsdecode(raw)
    code, stdout, stderr = cli("check", path, "--format", "json")
    assert code == ExitCode.OK, stderr
    report = json.loads(stdout.encode("utf-8").decode("utf-8", "strict"))
    jsonschema.Draft202012Validator(load_report_schema()).validate(report)
    document = report["documents"][0]
    assert document["file"].endswith("/visie-\\xff\\xfe-Beekdal.txt")
    assert file_name_bytes(document["file"]) == raw
    assert document["municipality"] == "Beekdal"
    for fmt in ("json", "csv", "markdown", "html", "table"):  # a file takes them now too
        target = tmp_path / f"rapport.{fmt}"
        code, _, stderr = cli("check", path, "--format", fmt, "-o", target)
        assert code == ExitCode.OK, (fmt, stderr)
        assert "xff" in target.read_text(encoding="utf-8")  # strict UTF-8, name escaped
