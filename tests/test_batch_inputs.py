"""``visiecheck batch FOLDER``: every format ``check`` reads, and every skipped file named.

A coordinator's folder holds the PDFs of some municipalities, the Word file or saved web
page of others, and whatever else lands in a shared folder: a budget spreadsheet, the
Mac's ``.DS_Store``, a pipe. The batch reads the visies and says what it left out and why.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook
from test_hostile_files import Unprivileged, unprivileged  # noqa: F401 (a fixture)

from tests.cli_helpers import cli
from tests.test_batch import ALGEMEEN, GEOTHERMIE, GRONDWATER
from visiecheck.errors import ExitCode, InputFileNotFoundError
from visiecheck.run.batch import BatchItem, collect

ARCHIEF = (
    "Archeologische resten in de ondergrond blijven zoveel mogelijk op hun plaats. "
    "Het bodemarchief onder de oude kernen krijgt een plek in het omgevingsplan."
)


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    document.add_heading("Omgevingsvisie Almelo", level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def write_html(path: Path, paragraphs: list[str]) -> Path:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    path.write_text(
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>"
        f"<title>Omgevingsvisie Borne</title></head><body><main><h1>Borne 2040</h1>{body}"
        "</main></body></html>",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def mixed(tmp_path: Path, make_pdf: Callable[..., Path]) -> Path:
    """Four visies in four formats, a spreadsheet, a hidden file and a sub-folder."""
    folder = tmp_path / "twente"
    folder.mkdir()
    make_pdf(folder, [[GEOTHERMIE, GRONDWATER], [ALGEMEEN]], filename="Hengelo.pdf")
    write_docx(folder / "omgevingsvisie-almelo.docx", [ALGEMEEN, GRONDWATER])
    write_html(folder / "Borne.html", [GEOTHERMIE, ALGEMEEN])
    (folder / "Losser.txt").write_text(f"# Losser\n\n{ARCHIEF}\n\n{ALGEMEEN}\n", encoding="utf-8")
    workbook = Workbook()
    workbook.active.append(["post", "bedrag"])
    workbook.save(folder / "begroting.xlsx")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "LEESMIJ.txt").write_text("Deze map bevat de visies van Twente.", encoding="utf-8")
    archive = folder / "archief"
    archive.mkdir()
    (archive / "Wierden.md").write_text(f"# Wierden\n\n{GRONDWATER}\n", encoding="utf-8")
    return folder


def _statuses(document: dict) -> dict[str, str]:
    return {theme["id"]: theme["status"] for theme in document["themes"]}


def test_a_folder_of_pdf_docx_html_and_text_is_one_batch(mixed: Path) -> None:
    code, out, err = cli("batch", str(mixed), "--format", "json", "--jobs", "2")
    assert code == ExitCode.OK, err
    documents = json.loads(out)["documents"]
    assert [(Path(d["file"]).name, d["municipality"], d["location_unit"]) for d in documents] == [
        ("Borne.html", "Borne", "section"),
        ("Hengelo.pdf", "Hengelo", "page"),
        ("Losser.txt", "Losser", "section"),
        ("omgevingsvisie-almelo.docx", "Almelo", "section"),
    ]
    borne, hengelo, losser, almelo = map(_statuses, documents)
    assert (borne["geothermie"], borne["grondwater"]) == ("addressed", "missing")
    assert (hengelo["geothermie"], hengelo["grondwater"]) == ("addressed", "addressed")
    assert (losser["bodemarchief"], losser["geothermie"]) == ("addressed", "missing")
    assert (almelo["grondwater"], almelo["geothermie"]) == ("addressed", "missing")
    assert err.splitlines()[:3] == [
        f"visiecheck: waarschuwing: {mixed}: 1 bestand overgeslagen (.DS_Store): "
        "verborgen of systeembestand",
        f"visiecheck: waarschuwing: {mixed}: 1 bestand overgeslagen (begroting.xlsx): "
        "een spreadsheet, geen visie; visiecheck leest PDF, Word (.docx), "
        "HTML, tekst (.txt/.md), STOP-XML (.xml), DSO-JSON (.json) en DSO-pakketten (.zip)",
        f"visiecheck: waarschuwing: {mixed}: 1 bestand overgeslagen (LEESMIJ.txt): "
        "een leesmij-bestand over de map, geen visie (is het er wel een: zet het in een "
        "manifest)",
    ]
    # the table: one row per municipality, whatever the format of its visie
    code, out, _ = cli("batch", str(mixed), "--jobs", "2")
    names = [line.split("|")[1].strip() for line in out.splitlines() if line.startswith("| ")]
    assert names == ["Gemeente", "Almelo", "Borne", "Hengelo", "Losser", "Totaal"]


def test_recursive_takes_the_sub_folder_and_lists_its_hidden_entries(mixed: Path) -> None:
    (mixed / "archief" / "~$Wierden.docx").write_bytes(b"\x0cWord lock")
    messages: list[str] = []
    items = collect(mixed, recursive=True, on_warning=messages.append)
    assert [str(item.path.relative_to(mixed)) for item in items] == [
        "archief/Wierden.md",
        "Borne.html",
        "Hengelo.pdf",
        "Losser.txt",
        "omgevingsvisie-almelo.docx",
    ]
    assert items[0] == BatchItem(mixed / "archief" / "Wierden.md", "Wierden")
    assert messages == [
        f"{mixed}: 2 bestanden overgeslagen (.DS_Store, archief/~$Wierden.docx): "
        "verborgen of systeembestand",
        f"{mixed}: 1 bestand overgeslagen (begroting.xlsx): een spreadsheet, geen visie; "
        "visiecheck leest PDF, Word (.docx), "
        "HTML, tekst (.txt/.md), STOP-XML (.xml), DSO-JSON (.json) en DSO-pakketten (.zip)",
        f"{mixed}: 1 bestand overgeslagen (LEESMIJ.txt): een leesmij-bestand over de map, "
        "geen visie (is het er wel een: zet het in een manifest)",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_pipe_called_pdf_and_a_dangling_link_are_skipped_with_their_reason(
    tmp_path: Path, make_pdf: Callable[..., Path]
) -> None:
    folder = tmp_path / "regio"
    folder.mkdir()
    make_pdf(folder, [[GRONDWATER]], filename="Almelo.pdf")
    os.mkfifo(folder / "Oldenzaal.pdf")  # reading it would wait forever
    (folder / "Tubbergen.pdf").symlink_to(tmp_path / "verdwenen.pdf")
    (folder / "oud.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    messages: list[str] = []
    items = collect(folder, on_warning=messages.append)
    assert [item.path.name for item in items] == ["Almelo.pdf"]
    assert messages == [
        f"{folder}: 1 bestand overgeslagen (Oldenzaal.pdf): geen gewoon bestand "
        "(bijvoorbeeld een pipe of een apparaat)",
        f"{folder}: 1 bestand overgeslagen (oud.doc): sla het op als .docx of PDF; "
        "visiecheck leest PDF, Word (.docx), "
        "HTML, tekst (.txt/.md), STOP-XML (.xml), DSO-JSON (.json) en DSO-pakketten (.zip)",
        f"{folder}: 1 bestand overgeslagen (Tubbergen.pdf): een verwijzing naar een bestand "
        "dat er niet (meer) is",
    ]


def test_a_folder_with_nothing_to_read_says_what_it_holds(tmp_path: Path) -> None:
    folder = tmp_path / "stukken"
    folder.mkdir()
    for name in ("begroting.xlsx", "planning.xlsx", "kaart.png"):
        (folder / name).write_bytes(b"PK\x03\x04")
    (folder / ".DS_Store").write_bytes(b"\x00")
    (folder / "oud").mkdir()
    with pytest.warns(UserWarning) as warned, pytest.raises(InputFileNotFoundError) as caught:
        collect(folder)  # without on_warning: what was skipped comes as Python warnings
    assert [str(warning.message) for warning in warned] == [
        f"{folder}: 1 bestand overgeslagen (.DS_Store): verborgen of systeembestand",
        f"{folder}: 2 bestanden overgeslagen (begroting.xlsx, planning.xlsx): een spreadsheet, "
        "geen visie; visiecheck leest PDF, Word (.docx), "
        "HTML, tekst (.txt/.md), STOP-XML (.xml), DSO-JSON (.json) en DSO-pakketten (.zip)",
        f"{folder}: 1 bestand overgeslagen (kaart.png): een afbeelding: maak er een PDF van "
        "(een scan wordt met OCR gelezen); visiecheck leest PDF, Word (.docx), "
        "HTML, tekst (.txt/.md), STOP-XML (.xml), DSO-JSON (.json) en DSO-pakketten (.zip)",
    ]
    assert caught.value.message == (
        f"{folder}: no visies in this folder (PDF, Word .docx, HTML, text .txt/.md); it holds "
        "only 1 × .png, 2 × .xlsx, 1 × hidden or system file, 1 sub-folder not searched "
        "(pass recursive=True to look in sub-folders)"
    )
    empty = tmp_path / "leeg"
    empty.mkdir()
    code, _, err = cli("batch", str(empty))
    assert code == ExitCode.FILE_NOT_FOUND
    assert err.endswith("geen visies in deze map (PDF, Word .docx, HTML, tekst .txt/.md); "
                        "de map is leeg\n")  # fmt: skip
    # on the command line the sub-folder hint names the flag, in Dutch or English
    (empty / "2024").mkdir()
    (empty / "2024" / "visie.pdf").write_bytes(b"%PDF-1.4\n")
    code, _, err = cli("batch", str(empty))
    assert code == ExitCode.FILE_NOT_FOUND
    assert err.endswith("er is alleen: 1 submap niet doorzocht (voeg --recursive toe om ook "
                        "in submappen te zoeken)\n")  # fmt: skip


def test_a_sub_folder_that_cannot_be_listed_is_named(
    unprivileged: Unprivileged,  # noqa: F811 (the fixture)
    make_pdf: Callable[..., Path],
) -> None:
    folder = unprivileged.folder / "regio"
    folder.mkdir(mode=0o755)
    shutil.copy(make_pdf([[GRONDWATER]], filename="Almelo.pdf"), folder / "Almelo.pdf")
    (folder / "Almelo.pdf").chmod(0o644)
    closed = folder / "dicht"
    closed.mkdir()
    (closed / "Borne.txt").write_text(GRONDWATER, encoding="utf-8")
    closed.chmod(0)
    script = (
        "import sys\n"
        "from visiecheck.run.batch import collect\n"
        "items = collect(sys.argv[1], recursive=True, on_warning=print)\n"
        "print([item.path.name for item in items])\n"
    )
    done = unprivileged.run("-c", script, folder)
    closed.chmod(0o700)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{folder}: map dicht kan niet worden gelezen (Permission denied); "
        "de bestanden daarin zijn overgeslagen",
        "['Almelo.pdf']",
    ]


def test_the_help_of_batch_names_every_format() -> None:
    code, out, _ = cli("batch", "--help")
    assert code == 0
    flat = " ".join(out.replace("│", " ").split())
    assert "A folder of visies (PDF, Word, HTML, text) or a manifest CSV" in flat
    assert "Also the visies in sub-folders." in flat
