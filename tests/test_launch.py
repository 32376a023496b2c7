"""The entry point: exit codes, complete output, own exit hooks, no teardown, no leftovers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def python(*args: str, tmp_path: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, "VISIECHECK_CACHE_DIR": str(tmp_path / "cache"), **environment},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_exit_status_and_messages_are_those_of_the_cli(tmp_path: Path) -> None:
    version = python("-m", "visiecheck", "--version", tmp_path=tmp_path)
    assert (version.returncode, version.stdout) == (0, "visiecheck 0.1.0\n")
    missing = python("-m", "visiecheck", "batch", str(tmp_path / "nergens"), tmp_path=tmp_path)
    assert missing.returncode == 3
    assert "nergens" in missing.stderr and "niet gevonden" in missing.stderr
    unknown = python("-m", "visiecheck", "batch", "--geen-optie", tmp_path=tmp_path)
    assert unknown.returncode == 2
    assert "--geen-optie" in unknown.stderr


def test_buffered_output_is_flushed_before_leaving(tmp_path: Path) -> None:
    # stdout is a pipe here, so fully buffered: os._exit without a flush would lose it
    code = (
        "import sys; from visiecheck.launch import leave; sys.stdout.write('x' * 100000); leave(4)"
    )
    done = python("-c", code, tmp_path=tmp_path)
    assert (done.returncode, len(done.stdout), set(done.stdout)) == (4, 100000, {"x"})


def test_a_message_as_exit_code_goes_to_stderr_with_status_1(tmp_path: Path) -> None:
    done = python("-c", "from visiecheck.launch import leave; leave('kapot')", tmp_path=tmp_path)
    assert (done.returncode, done.stderr) == (1, "kapot\n")


def test_a_batch_leaves_no_temporary_folder_behind(tmp_path: Path) -> None:
    # multiprocessing would make a pymp-* folder that only its exit handler removes.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    done = python(
        "-m",
        "visiecheck",
        "batch",
        str(SAMPLES),
        "--format",
        "csv",
        tmp_path=tmp_path,
        TMPDIR=str(temporary),
    )
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.startswith("\ufeffgemeente;bestand;")  # Excel-friendly CSV
    assert sorted(path.name for path in temporary.iterdir()) == []


def test_when_multiprocessing_was_used_its_exit_handler_removes_its_folder(
    tmp_path: Path,
) -> None:
    # e.g. OCRmyPDF's workers: leave() then takes the normal way out
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    code = (
        "from multiprocessing.connection import Listener; from visiecheck.launch import leave; "
        "listener = Listener(); print(listener.address); leave(5)"
    )
    done = python("-c", code, tmp_path=tmp_path, TMPDIR=str(temporary))
    assert done.returncode == 5, done.stderr
    assert done.stdout.startswith(str(temporary))  # the folder was made, in there
    assert sorted(path.name for path in temporary.iterdir()) == []


def test_importing_the_package_loads_none_of_it_until_a_name_is_used(tmp_path: Path) -> None:
    code = (
        "import sys, visiecheck; "
        "before = sorted(m for m in sys.modules if m.startswith('visiecheck.')); "
        "from visiecheck import Document, ReadOptions, VisiecheckError; "
        "from visiecheck.models import Document as D; "
        "print(before, Document is D, ReadOptions().engine, VisiecheckError.__name__)"
    )
    done = python("-c", code, tmp_path=tmp_path)
    assert done.stdout == "[] True pdfium VisiecheckError\n", done.stderr
    missing = python("-c", "import visiecheck; visiecheck.Nothing", tmp_path=tmp_path)
    assert "has no attribute 'Nothing'" in missing.stderr


def test_the_lazy_names_are_exactly_the_exported_ones() -> None:
    import visiecheck

    assert sorted(visiecheck._EXPORTS) == sorted(set(visiecheck.__all__) - {"__version__"})
    for name in visiecheck._EXPORTS:
        assert getattr(visiecheck, name).__name__ == name


@pytest.mark.parametrize("leaving", ["leave(0)", "None"])
def test_the_fork_server_ends_with_the_command_even_while_still_loading(
    tmp_path: Path, leaving: str
) -> None:
    # A warm batch needs no worker: the server started ahead must not go on loading spaCy
    # for most of a second after the command is done; neither after the command's own way
    # out (leave) nor after a normal interpreter exit (library use).
    code = (
        "from visiecheck.launch import leave; "
        "from visiecheck.run.isolation import start_fork_server; "
        "from visiecheck.run.processes import running_fork_server; "
        "start_fork_server(['visiecheck.run.worker_preload']); "
        f"print(running_fork_server().pid, flush=True); {leaving}"
    )
    done = python("-c", code, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    with pytest.raises(ProcessLookupError):
        os.kill(int(done.stdout), 0)


def test_own_exit_hooks_run_once_newest_first(tmp_path: Path) -> None:
    code = (
        "import atexit; from visiecheck.launch import leave; "
        "from visiecheck.run.shutdown import at_exit; "
        "atexit.register(print, 'other handler'); "
        "at_exit(lambda: print('first')); at_exit(lambda: print('second')); "
        "at_exit(lambda: 1 / 0); leave(3)"
    )
    done = python("-c", code, tmp_path=tmp_path, PYTHONUNBUFFERED="")
    # a failing hook does not stop the others; other exit handlers are skipped (os._exit)
    assert (done.returncode, done.stdout) == (3, "second\nfirst\n")


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["batch", "visies/"], True),
        (["-v", "batch", "visies/"], True),  # a global option before the command
        (["check", "a.pdf"], True),  # every command that reads a visie uses a worker
        (["--verbose", "check", "a.pdf", "b.pdf"], True),
        (["explain", "a.pdf", "geothermie"], True),
        (["extract", "a.pdf"], True),
        (["diff", "a.pdf", "b.pdf"], True),
        (["lexicon", "list"], False),
        (["lexicon", "suggest", "a.pdf"], False),
        (["--version"], False),
        ([], False),
    ],
)
def test_the_entry_point_starts_workers_early_when_the_command_will_need_them(
    arguments: list[str], expected: bool
) -> None:
    from visiecheck.launch import needs_workers

    assert needs_workers(arguments) is expected
