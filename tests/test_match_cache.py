"""The match cache stores a DocumentReport losslessly (every field, every enum)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from visiecheck import api
from visiecheck.messages import Msg
from visiecheck.models import DocumentReport
from visiecheck.options import Options, ReportOptions
from visiecheck.pipeline import check
from visiecheck.run import batch as batch_module
from visiecheck.run import match_cache
from visiecheck.run.batch import DocumentTask, check_one
from visiecheck.run.match_cache import from_payload, to_payload

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "omgevingsvisie-beekdal.pdf"


def test_report_round_trips_through_the_cache_payload() -> None:
    (document,) = check([SAMPLE], options=Options(report=ReportOptions(evidence=3))).documents
    assert any(c.stance is not None for c in document.themes)
    assert any(h.section for c in document.themes for h in c.evidence)
    assert from_payload(to_payload(document)) == document


def test_the_cache_key_changes_with_any_analysis_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing any module of the analyse wing must invalidate cached reports."""
    import shutil

    package = Path(match_cache.__file__).resolve().parent.parent
    copy = tmp_path / "visiecheck"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "lexicons"))
    monkeypatch.setattr(match_cache, "__file__", str(copy / "run" / "match_cache.py"))
    match_cache.matcher_version.cache_clear()
    before = match_cache.matcher_version()
    stance = copy / "analyse" / "stance.py"
    stance.write_text(stance.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    match_cache.matcher_version.cache_clear()
    after = match_cache.matcher_version()
    match_cache.matcher_version.cache_clear()
    assert before != after


# --- damage found while reading is repaired by the run that finds it -------------------

BEEKDAL, ZUIDERVEEN = SAMPLE, SAMPLE.parent / "omgevingsvisie-zuiderveen.pdf"
_TABLE_LEAF = 0x0D  # SQLite's page type byte of a table's leaf page


def _damage_entry(database: Path, marker: bytes) -> None:
    """Overwrite the header of the one leaf page of ``reports`` that holds ``marker``, the
    way a crash or a bad disk sector leaves one entry unreadable and the rest intact."""
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(database.read_bytes())
    pages = [
        number
        for number in range(1, len(data) // page_size)  # page 1 (index 0) is the schema
        if data[number * page_size] == _TABLE_LEAF
        and marker in data[number * page_size : (number + 1) * page_size]
    ]
    assert len(pages) == 1, pages  # the test damages one entry, not its neighbour
    data[pages[0] * page_size : pages[0] * page_size + 8] = b"\xff" * 8
    database.write_bytes(bytes(data))


def _integrity(database: Path) -> str:
    try:
        with sqlite3.connect(database) as connection:
            return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.DatabaseError as error:
        return str(error)


@pytest.fixture
def counted_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files really checked (not answered from the cache), in order."""
    checked: list[str] = []

    def counting(task: DocumentTask) -> DocumentReport:
        checked.append(Path(task.path).name)
        return check_one(task)

    monkeypatch.setattr(batch_module, "check_one", counting)
    return checked


def test_a_damaged_part_of_the_cache_is_repaired_by_the_run_that_finds_it(
    cache_dir: Path, counted_checks: list[str]
) -> None:
    files = [BEEKDAL, ZUIDERVEEN]
    api.check_files(files, isolate=False)
    assert counted_checks == [BEEKDAL.name, ZUIDERVEEN.name]
    database = cache_dir / match_cache.CACHE_FILE
    _damage_entry(database, BEEKDAL.name.encode())
    assert _integrity(database) != "ok"

    counted_checks.clear()
    report = api.check_files(files, isolate=False)
    assert counted_checks == [BEEKDAL.name]  # the other entry survived the repair
    assert report.notice_messages == (Msg("notice.cache_repaired", path=str(database), kept=1),)
    assert report.notices == (
        f"de cache {database} was deels beschadigd en is hersteld (bewaarde uitkomsten: 1); "
        "wat beschadigd was wordt opnieuw gelezen",
    )
    assert _integrity(database) == "ok"

    counted_checks.clear()
    warm = api.check_files(files, isolate=False)
    assert counted_checks == []  # warm again, and nothing more to say
    assert warm.notice_messages == ()
    assert [d.themes for d in warm.documents] == [d.themes for d in report.documents]


def test_a_batch_repairs_the_cache_in_the_parent_and_its_workers_store_again(
    cache_dir: Path,
) -> None:
    files = [BEEKDAL, ZUIDERVEEN]
    api.check_files(files, jobs=2)
    database = cache_dir / match_cache.CACHE_FILE
    _damage_entry(database, ZUIDERVEEN.name.encode())
    report = api.check_files(files, jobs=2)
    assert [notice.key for notice in report.notice_messages] == ["notice.cache_repaired"]
    with sqlite3.connect(database) as connection:
        payloads = [row[0] for row in connection.execute("SELECT payload FROM reports")]
    # both results are in again, readable: the next run answers both from the cache
    assert sorted(Path(from_payload(p).file).name for p in payloads) == [
        BEEKDAL.name,
        ZUIDERVEEN.name,
    ]
    assert _integrity(database) == "ok"


def test_an_entry_that_cannot_be_decoded_is_deleted_when_read(cache_dir: Path) -> None:
    (document,) = check([SAMPLE]).documents
    assert match_cache.store("sleutel", document)
    database = cache_dir / match_cache.CACHE_FILE
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE reports SET payload = '{\"file\": kapot'")
    cache = match_cache.ResultCache()
    assert cache.load("sleutel") is None
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM reports").fetchone() == (0,)
    # an entry is not the whole cache: nothing to tell the user, the cache stays in use
    assert (cache.usable, cache.notices) == (True, [])
