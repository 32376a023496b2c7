"""Output conventions every command keeps (issue 15, point 5, and point 7 in the reports).

The format follows the ``--output`` extension, report files get the user's normal
permissions, ``-o -`` is standard output, errors go to standard error only, ``-v`` and
``-q`` work after the command name, tables use the terminal's width, and an edited copy
of the shipped lexicon is never reported as the shipped version.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import cli, one_line_error
from typer.testing import CliRunner

from visiecheck.cli import app
from visiecheck.errors import ExitCode
from visiecheck.lexicon import load_lexicon, shipped_lexicon_dir

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BEEKDAL = SAMPLES / "omgevingsvisie-beekdal.pdf"
ZUIDERVEEN = SAMPLES / "omgevingsvisie-zuiderveen.pdf"


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


# --- the format follows the extension ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "check_content"),
    [
        ("rapport.json", lambda data: json.loads(data)["schema"] == "visiecheck.report/1"),
        ("rapport.md", lambda data: data.startswith(b"# visiecheck: bodem en ondergrond")),
        ("rapport.html", lambda data: data.lstrip().lower().startswith(b"<!doctype html>")),
        ("rapport.csv", lambda data: b"gemeente;bestand" in data.splitlines()[0]),
        ("rapport.txt", lambda data: data.startswith(b"Bestand: ")),
    ],
)
def test_check_format_follows_output_extension(tmp_path: Path, name: str, check_content) -> None:
    target = tmp_path / name
    code, stdout, _stderr = cli("check", BEEKDAL, "-o", target)
    assert code == 0
    assert stdout == ""
    assert check_content(target.read_bytes())


def test_batch_xlsx_extension_writes_a_workbook(tmp_path: Path) -> None:
    target = tmp_path / "overzicht.xlsx"
    code, _stdout, _stderr = cli("batch", SAMPLES, "-o", target)
    assert code == 0
    with zipfile.ZipFile(target) as workbook:  # a real workbook, not text named .xlsx
        assert "xl/workbook.xml" in workbook.namelist()


def test_format_that_contradicts_the_extension_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "rapport.json"
    code, stdout, stderr = cli("check", BEEKDAL, "--format", "csv", "-o", target)
    assert code == ExitCode.USAGE
    one_line_error(stderr, "--format csv does not fit --output", "rapport.json", ".json")
    assert not target.exists()
    assert stdout == ""


def test_extension_of_a_format_the_command_lacks_is_refused(tmp_path: Path) -> None:
    code, _stdout, stderr = cli("check", BEEKDAL, "-o", tmp_path / "rapport.xlsx")
    assert code == ExitCode.USAGE
    one_line_error(stderr, "rapport.xlsx", "cannot write xlsx", "--format")


def test_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, _stderr = cli("check", BEEKDAL, "--format", "json", "-o", "-")
    assert code == 0
    assert json.loads(stdout)["documents"][0]["municipality"] == "Beekdal"
    assert not (tmp_path / "-").exists()


# --- permissions -------------------------------------------------------------------------


@pytest.mark.usefixtures("umask_022")
def test_report_file_gets_the_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "rapport.json"
    assert cli("check", BEEKDAL, "-o", target)[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # 0666 less the umask 022


@pytest.mark.usefixtures("umask_022")
def test_replaced_report_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "rapport.json"
    target.write_text("oud")
    target.chmod(0o640)
    assert cli("check", BEEKDAL, "-o", target)[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert json.loads(target.read_text(encoding="utf-8"))["documents"]


# --- standard error only -------------------------------------------------------------------


def test_unreadable_file_error_goes_to_stderr_only(tmp_path: Path) -> None:
    code, stdout, stderr = cli("check", tmp_path / "bestaat-niet.pdf")
    assert code == ExitCode.FILE_NOT_FOUND
    assert stdout == ""
    assert "bestaat-niet.pdf" in stderr
    assert "not found" in stderr or "niet gevonden" in stderr


def test_one_unreadable_file_among_two_leaves_the_table_of_the_other(tmp_path: Path) -> None:
    code, stdout, stderr = cli("check", BEEKDAL, tmp_path / "bestaat-niet.pdf")
    assert code == ExitCode.PARTIAL_FAILURE
    assert stdout.startswith(f"Bestand: {BEEKDAL}\n")
    assert "bestaat-niet" not in stdout
    assert "bestaat-niet.pdf" in stderr


# --- -v and -q after the command ------------------------------------------------------------


def _html_named_txt(folder: Path) -> Path:
    """A web page saved with a .txt name: read as HTML, with a warning that says so."""
    path = folder / "omgevingsvisie-webpagina.txt"
    path.write_text(
        "<!DOCTYPE html><html><body><p>Wij beschermen het grondwater in de "
        "waterwingebieden en houden regenwater vast.</p></body></html>\n",
        encoding="utf-8",
    )
    return path


def test_quiet_after_the_command_drops_warnings(tmp_path: Path) -> None:
    path = _html_named_txt(tmp_path)
    code, _stdout, stderr = cli("check", path, "--format", "json")
    assert code == 0
    assert "waarschuwing" in stderr
    code, quiet_stdout, quiet_stderr = cli("check", path, "--format", "json", "-q")
    assert code == 0
    assert quiet_stderr == ""
    assert json.loads(quiet_stdout)["documents"][0]["warnings"]  # still in the data


@pytest.mark.parametrize(
    "args",
    [
        ("check", str(BEEKDAL), "-v", "--themes", "grondwater"),
        ("explain", str(BEEKDAL), "grondwater", "--verbose"),
        ("lexicon", "list", "-q"),
        ("lexicon", "validate", "ondergrond-nl", "-v"),
        ("-q", "check", str(BEEKDAL), "--themes", "grondwater"),
    ],
)
def test_verbose_and_quiet_are_accepted_by_every_command(args: tuple[str, ...]) -> None:
    code, stdout, _stderr = cli(*args)
    assert code == 0
    assert stdout


def test_every_command_lists_verbose_and_quiet_in_its_help() -> None:
    commands = [
        ("extract",),
        ("check",),
        ("explain",),
        ("batch",),
        ("diff",),
        ("lexicon", "list"),
        ("lexicon", "show"),
        ("lexicon", "suggest"),
        ("lexicon", "validate"),
        ("lexicon", "test"),
        ("samples",),
    ]
    runner = CliRunner()
    for command in commands:
        result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, command
        assert "--verbose" in result.stdout and "--quiet" in result.stdout, command


# --- tables as wide as the terminal ---------------------------------------------------------


def _max_width(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_diff_table_uses_a_wide_terminal_and_fits_a_narrow_one() -> None:
    runner = CliRunner()
    wide = runner.invoke(app, ["diff", str(BEEKDAL), str(ZUIDERVEEN)], env={"COLUMNS": "150"})
    narrow = runner.invoke(app, ["diff", str(BEEKDAL), str(ZUIDERVEEN)], env={"COLUMNS": "70"})
    assert wide.exit_code == narrow.exit_code == 0
    assert 100 < _max_width(wide.stdout) <= 150  # not cut at 100 columns
    assert _max_width(narrow.stdout) <= 70


def test_batch_table_fits_a_narrow_terminal() -> None:
    result = CliRunner().invoke(app, ["batch", str(SAMPLES)], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert _max_width(result.stdout) <= 80


# --- lexicon identity ------------------------------------------------------------------------


def test_edited_copy_of_the_shipped_lexicon_says_so(tmp_path: Path) -> None:
    shipped = shipped_lexicon_dir() / "ondergrond-nl.yaml"
    same = tmp_path / "kopie" / "ondergrond-nl.yaml"
    same.parent.mkdir()
    shutil.copyfile(shipped, same)
    edited = tmp_path / "eigen.yaml"
    edited.write_text(
        shipped.read_text(encoding="utf-8").replace(
            "      - UDG\n", "      - UDG\n      - warmte uit het binnenste van de aarde\n", 1
        ),
        encoding="utf-8",
    )
    original, copy, changed = load_lexicon(None), load_lexicon(same), load_lexicon(edited)
    assert len(original.content_hash) == 12
    assert (copy.content_hash, copy.modified) == (original.content_hash, False)
    assert changed.content_hash != original.content_hash
    assert changed.modified and not original.modified

    code, stdout, _stderr = cli("check", BEEKDAL, "--lexicon", edited, "--themes", "geothermie")
    assert code == 0
    version = original.version
    assert stdout.splitlines()[-1] == (
        f"ondergrond-nl {version} · {changed.content_hash} (aangepast)"
    )


# --- the samples ------------------------------------------------------------------------------


def test_samples_are_copied_and_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "mijn voorbeelden"
    folder.mkdir()
    own = folder / "omgevingsvisie-beekdal.pdf"
    own.write_bytes(b"%PDF-1.4 mijn eigen bestand")
    code, stdout, _stderr = cli("samples", folder)
    assert code == 0
    assert own.read_bytes() == b"%PDF-1.4 mijn eigen bestand"
    assert sorted(path.name for path in folder.iterdir()) == [
        "omgevingsvisie-beekdal.pdf",
        "omgevingsvisie-hoogerbrug.pdf",
        "omgevingsvisie-zuiderveen.pdf",
    ]
    assert (folder / "omgevingsvisie-zuiderveen.pdf").read_bytes() == ZUIDERVEEN.read_bytes()
    assert "  omgevingsvisie-beekdal.pdf (stond er al, niet overschreven)" in stdout.splitlines()
    assert f'  visiecheck batch "{folder}"' in stdout.splitlines()
