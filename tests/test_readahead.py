"""The read-ahead helper of a cold batch: fills the extract cache on idle CPU, then dies."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from visiecheck.extract import EXTRACTOR_VERSION, cache, extract
from visiecheck.lexicon import load_lexicon
from visiecheck.options import Options, ReadOptions
from visiecheck.pipeline import select_themes
from visiecheck.run import batch as batch_module
from visiecheck.run import readahead
from visiecheck.run.batch import batch, collect, start_workers
from visiecheck.run.isolation import WorkerPool

WATER = "Het grondwater is een kwetsbare bron die wij beschermen tegen verontreiniging."
WARMTE = "Wij onderzoeken de kansen voor geothermie in het oosten van de gemeente."

needs_idle_scheduling = pytest.mark.skipif(
    not readahead.supported(), reason="no SCHED_IDLE on this platform: no read-ahead"
)


def cached_pages(path: Path) -> tuple[object, ...] | None:
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    hit = cache.load(cache.cache_directory(), sha256, "pdfium", EXTRACTOR_VERSION)
    return None if hit is None else hit[0]


@pytest.fixture
def visies(tmp_path: Path, make_pdf: Callable[..., Path]) -> list[Path]:
    folder = tmp_path / "visies"
    folder.mkdir()
    first = make_pdf(folder, [[WATER], [WARMTE]], filename="Almelo.pdf")
    damaged = folder / "Borne.pdf"
    damaged.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    last = make_pdf(folder, [[WARMTE, WATER]], filename="Hengelo.pdf")
    return [first, damaged, last]


def test_reading_ahead_fills_the_cache_with_what_a_worker_would_read(visies: list[Path]) -> None:
    first, damaged, last = visies
    readahead.read_ahead([str(last), str(damaged), str(first)], "pdfium")  # no exception
    for path in (first, last):
        assert cached_pages(path) == extract(path, use_cache=False).pages
    assert cached_pages(damaged) is None


@needs_idle_scheduling
def test_the_helper_runs_only_on_idle_cpu_and_reads_from_the_last_document(
    visies: list[Path],
) -> None:
    first, _, last = visies
    process = readahead.start(visies, engine="pdfium", max_memory_mb=2048)
    assert process is not None
    seen_idle = False
    while process.poll() is None:
        try:
            seen_idle = seen_idle or os.sched_getscheduler(process.pid) == os.SCHED_IDLE
        except ProcessLookupError:
            break
        time.sleep(0.002)
    readahead.stop(process)
    assert process.returncode == 0
    assert seen_idle
    assert cached_pages(last) is not None and cached_pages(first) is not None


@needs_idle_scheduling
def test_stopping_kills_the_helper_wherever_it_is(visies: list[Path]) -> None:
    process = readahead.start(visies * 50, engine="pdfium", max_memory_mb=2048)
    assert process is not None
    readahead.stop(process)
    assert process.returncode is not None  # gone and reaped
    readahead.stop(process)  # stopping twice is harmless


def test_a_pool_calls_on_started_once_its_workers_exist() -> None:
    calls: list[int] = []
    pool = WorkerPool(2, on_started=lambda: calls.append(len(pool._idle)))
    with pool:
        assert len(pool.pids) == 2
        assert calls == [2]


@needs_idle_scheduling
def test_a_cold_batch_reads_ahead_until_the_workers_exist_and_reports_the_same(
    visies: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[object] = []
    real_start = readahead.start

    def spy(paths: list[Path], **kwargs: object) -> object:
        # a hundred rounds: it cannot be done by itself when the workers exist
        process = real_start(paths * 100, **kwargs)  # type: ignore[arg-type]
        started.append(process)
        return process

    monkeypatch.setattr(batch_module.readahead, "start", spy)
    lexicon, settings = load_lexicon(None), Options()
    themes = select_themes(lexicon, None)
    items = collect(visies[0].parent)
    with start_workers(items, jobs=2, read_ahead=settings.read) as pool:
        assert len(pool.pids) == 2  # the workers exist: the helper has been stopped
        (helper,) = started
        assert helper.poll() is not None  # type: ignore[attr-defined]
        with_helper = batch(items, lexicon=lexicon, options=settings, theme_ids=themes, pool=pool)
    without = batch(
        items,
        lexicon=lexicon,
        options=Options(read=ReadOptions(use_cache=False)),
        theme_ids=themes,
        jobs=2,
    )
    assert with_helper.documents == without.documents
    assert [d.failed for d in with_helper.documents] == [False, True, False]


def test_no_helper_for_a_warm_run_ocr_a_password_or_without_cache(
    visies: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no read-ahead expected here")

    items = collect(visies[0].parent)
    readable = [item for item in items if item.path != visies[1]]
    lexicon = load_lexicon(None)
    batch(readable, lexicon=lexicon, options=Options(), theme_ids=select_themes(lexicon, None))
    monkeypatch.setattr(batch_module.readahead, "start", refuse)
    with start_workers(readable, jobs=1, read_ahead=ReadOptions()) as pool:
        assert pool.pids == []  # warm: every result is cached
    for settings in (
        ReadOptions(ocr=True),
        ReadOptions(password="geheim"),
        ReadOptions(use_cache=False),
    ):
        with start_workers(items, jobs=1, read_ahead=settings):
            pass
    with start_workers(items, jobs=1, use_cache=False, read_ahead=ReadOptions()):
        pass
