"""The run wing on every platform the officers use, and under scripts without a main guard.

Windows has no fork server, no ``RLIMIT_AS`` and no ``SCHED_IDLE``; macOS does not enforce
``RLIMIT_AS`` nor has ``SCHED_IDLE``. ``platform.override`` switches them off as they are
there; a run must report exactly what it reports here, plus one notice about the memory cap.
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
from typer.testing import CliRunner

from visiecheck.cli import app
from visiecheck.run import batch as batch_module
from visiecheck.run import platform, processes
from visiecheck.run.isolation import WorkerPool

GRONDWATER = "Het grondwater is een kwetsbare bron die wij beschermen tegen verontreiniging."
WARMTE = "Wij onderzoeken de kansen voor geothermie in het oosten van de gemeente."
ALGEMEEN = "De gemeente werkt aan een aantrekkelijk centrum met ruimte voor ontmoeting."
NOTICE = (
    "visiecheck: waarschuwing: geheugenlimiet per document (2048 MB) is op dit platform niet "
    "mogelijk: een te groot document wordt alleen door de tijdslimiet gestopt"
)
AS_ON_WINDOWS = {"fork_server": False, "memory_limit": False, "idle_priority": False}


@pytest.fixture
def visies(tmp_path: Path, make_pdf: Callable[..., Path]) -> Path:
    folder = tmp_path / "visies"
    folder.mkdir()
    make_pdf(folder, [[GRONDWATER, ALGEMEEN], [WARMTE]], filename="Almelo.pdf")
    (folder / "Borne.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    make_pdf(folder, [[ALGEMEEN], [GRONDWATER, GRONDWATER]], filename="Hengelo.pdf")
    return folder


def _run(
    arguments: list[str], cache: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, list[str]]:
    monkeypatch.setenv("VISIECHECK_CACHE_DIR", str(cache))  # cold: nothing cached yet
    result = CliRunner().invoke(app, arguments)
    # the report's time of the run is the one field two runs never share
    report = re.sub(r'\n  "created": "[^"]*",', "", result.stdout)
    return result.exit_code, report, result.stderr.splitlines()


def test_without_fork_server_memory_cap_and_idle_priority_the_reports_are_the_same(
    visies: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(str(path) for path in visies.iterdir())
    commands = {
        "batch": ["batch", str(visies), "--format", "json", "--jobs", "2"],
        "check": ["check", *files, "--format", "json"],
    }
    normal = {
        name: _run(args, tmp_path / f"{name}-normal", monkeypatch)
        for name, args in commands.items()
    }

    helpers: list[object] = []
    real_start = batch_module.readahead.start

    def no_fork_server(*args: object) -> object:
        raise AssertionError("no fork server where the platform has none")

    def spy(*args: object, **kwargs: object) -> object:
        helpers.append(real_start(*args, **kwargs))  # type: ignore[arg-type]
        return helpers[-1]

    monkeypatch.setattr(processes, "fork_server", no_fork_server)
    monkeypatch.setattr(batch_module.readahead, "start", spy)
    with platform.override(**AS_ON_WINDOWS):
        fallback = {
            name: _run(args, tmp_path / f"{name}-fallback", monkeypatch)
            for name, args in commands.items()
        }
    # the cold batch and the cold check of several files asked for read-ahead: none here
    assert helpers == [None, None]
    for name in commands:
        code, out, err = normal[name]
        assert code == 9  # Borne is no PDF: a row, the rest completes
        assert json.loads(out)["documents"][0]["municipality"] == "Almelo"
        assert NOTICE not in err
        # the same report, and the notice once, before the rest of what is said
        assert fallback[name] == (code, out, [NOTICE, *err])


def test_the_memory_cap_is_only_applied_where_the_platform_enforces_it() -> None:
    with platform.override(memory_limit=False):
        pool = WorkerPool(0, max_memory_mb=512)
        assert (pool.max_memory_mb, pool.memory_cap) == (512, None)
        assert platform.memory_notice(512) is not None
    with platform.override(memory_limit=True):
        assert WorkerPool(0, max_memory_mb=512).memory_cap == 512
        assert platform.memory_notice(512) is None
    assert platform.memory_notice(None) is None  # nothing asked, nothing to say


def test_capabilities_are_detected_once_and_overrides_end_with_their_block() -> None:
    detected = platform.capabilities()
    assert platform.capabilities() is detected
    with platform.override(fork_server=False) as changed:
        assert changed.start_method == "spawn"
        assert platform.capabilities() is changed
    assert platform.capabilities() is detected


UNGUARDED = """\
from pathlib import Path

from visiecheck.lexicon import load_lexicon
from visiecheck.options import Options, ReadOptions
from visiecheck.pipeline import select_themes
from visiecheck.run.batch import batch, collect

{prelude}
here = Path(__file__).parent
with open(here / "runs.txt", "a") as runs:  # every execution of this script leaves a line
    print("run", file=runs)
print("begin")
lexicon = load_lexicon(None)
items = collect(here / "visies")
report = batch(
    items,
    lexicon=lexicon,
    options=Options(read=ReadOptions(use_cache=False)),
    theme_ids=select_themes(lexicon, None),
    jobs=2,
)
for document in report.documents:
    status = "fout" if document.failed else document.coverage("grondwater").status.value
    print(document.municipality, status)
"""


@pytest.mark.parametrize(
    "prelude",
    [
        "",
        # as on Windows: every worker is a fresh interpreter
        "from visiecheck.run import platform\nplatform.override(fork_server=False).__enter__()",
    ],
    ids=["platform", "spawn"],
)
def test_a_script_without_main_guard_can_run_a_batch(visies: Path, prelude: str) -> None:
    script = visies.parent / "overzicht.py"
    script.write_text(UNGUARDED.format(prelude=prelude), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=visies.parent,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    # the script's top level ran once: not again in any worker
    assert done.stdout == "begin\nAlmelo mentioned\nBorne fout\nHengelo addressed\n"
    assert (visies.parent / "runs.txt").read_text() == "run\n"


def test_the_fork_server_is_our_own_process_and_stops_when_asked() -> None:
    if not platform.capabilities().fork_server:
        pytest.skip("no fork server on this platform")
    server = processes.ForkServer(["json"])
    worker, channel = server.fork()
    assert worker.poll() is None
    channel.close()  # the worker waits for its first message: ending the channel ends it
    assert worker.wait(None) == 0
    server.stop()
    assert server.process.returncode is not None and not server.alive()
    with pytest.raises(OSError, match="fork server has stopped"):
        server.fork()


def test_a_module_in_the_current_folder_does_not_shadow_the_standard_library_in_workers(
    visies: Path, tmp_path: Path
) -> None:
    # The command itself does not look in the current folder for modules; its workers
    # must not either (python -P), or a stray select.py there would kill every worker.
    folder = tmp_path / "werkmap"
    folder.mkdir()
    (folder / "select.py").write_text("raise ImportError('select.py uit de werkmap')\n")
    command = Path(sys.executable).parent / "visiecheck"
    if not command.exists():
        pytest.skip("the console script is not installed next to this Python")
    done = subprocess.run(
        [str(command), "batch", str(visies), "--format", "json", "--no-cache", "--jobs", "2"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 9, done.stderr  # Borne is no PDF; the others were read
    documents = json.loads(done.stdout)["documents"]
    assert [document["error"] is None for document in documents] == [True, False, True]
