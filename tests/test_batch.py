"""``visiecheck batch``: folder and manifest inputs, failures as rows, order, cache."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from visiecheck.analyse import nlp
from visiecheck.analyse.matching import get_matcher
from visiecheck.cli import app
from visiecheck.errors import ExitCode, InputFileNotFoundError, UsageError
from visiecheck.extract import extract
from visiecheck.lexicon import load_lexicon
from visiecheck.options import MatchOptions, Options
from visiecheck.pipeline import select_themes
from visiecheck.run import batch as batch_module
from visiecheck.run.batch import BatchItem, batch, collect, start_workers
from visiecheck.run.matcher_build import MatcherBuild

GEOTHERMIE = (
    "Wij onderzoeken samen met de provincie de kansen voor geothermie in het oosten. "
    "Een aardwarmteproject vraagt om zorgvuldige afspraken over de diepe ondergrond."
)
GRONDWATER = (
    "Het grondwater is een kwetsbare bron die wij beschermen tegen verontreiniging. "
    "Bij nieuwe woonwijken houden wij rekening met de grondwaterstand."
)
ALGEMEEN = "De gemeente werkt aan een aantrekkelijk centrum met ruimte voor ontmoeting."


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def region(tmp_path: Path, make_pdf: Callable[..., Path]) -> Path:
    folder = tmp_path / "twente"
    folder.mkdir()
    make_pdf(
        folder,
        [[GEOTHERMIE, GRONDWATER], [ALGEMEEN]],
        filename="Omgevingsvisie_Hof-van-Twente_2040_ontwerp.pdf",
    )
    make_pdf(folder, [[ALGEMEEN], [GRONDWATER]], filename="omgevingsvisie-almelo.pdf")
    make_pdf(folder, [[ALGEMEEN]], filename="Borne_visie_v2.pdf")
    (folder / "Losser.pdf").write_text("Dit is geen PDF maar een notitie.", encoding="utf-8")
    (folder / "leesmij.odt").write_text("geen visie", encoding="utf-8")  # skipped, said
    return folder


def _statuses(document: dict) -> dict[str, str]:
    return {theme["id"]: theme["status"] for theme in document["themes"]}


def test_folder_names_sorted_unreadable_file_is_a_row_and_exit_9(region: Path) -> None:
    code, out, err = run("batch", str(region), "--format", "json", "--jobs", "2")
    assert code == ExitCode.PARTIAL_FAILURE
    data = json.loads(out)
    documents = data["documents"]
    assert [d["municipality"] for d in documents] == ["Borne", "Losser", "Almelo", "Hof van Twente"]
    hof = _statuses(documents[3])
    assert hof["geothermie"] == "addressed" and hof["grondwater"] == "addressed"
    assert hof["mijnbouw"] == "missing"
    assert _statuses(documents[2])["grondwater"] == "addressed"
    assert _statuses(documents[2])["geothermie"] == "missing"
    losser = documents[1]
    assert losser["themes"] == [] and "is geen PDF" in losser["error"]
    assert losser["error_code"] == ExitCode.UNSUPPORTED_FORMAT
    assert "1 van 4 bestanden niet gelezen" in err and "Losser.pdf" in err
    assert f"waarschuwing: {region}: 1 bestand overgeslagen (leesmij.odt): sla het op" in err
    # The same folder again as a table and as xlsx (from the cache: no new workers).
    code, out, _ = run("batch", str(region), "--jobs", "2")
    assert code == ExitCode.PARTIAL_FAILURE
    row = next(line for line in out.splitlines() if line.startswith("| Hof van Twente"))
    cells = [cell.strip() for cell in row.split("|")[1:-1]]
    assert cells[1] == "✔" and cells[4] == "✔" and cells[6] == "✘"  # GEO, GRW, MIJ
    target = region.parent / "overzicht.xlsx"
    code, out, _ = run("batch", str(region), "--format", "xlsx", "--output", str(target))
    assert code == ExitCode.PARTIAL_FAILURE and out == ""
    sheet = load_workbook(target)["Overzicht"]
    assert [cell.value for cell in sheet["A"]][1:5] == [
        "Almelo",
        "Borne",
        "Hof van Twente",
        "Losser",
    ]


def test_jobs_1_and_jobs_2_give_identical_reports(region: Path) -> None:
    one = run("batch", str(region), "--format", "json", "--jobs", "1", "--no-cache")
    two = run("batch", str(region), "--format", "json", "--jobs", "2", "--no-cache")
    assert one[0] == two[0] == ExitCode.PARTIAL_FAILURE
    assert json.loads(one[1])["created"] is not None
    assert '"created"' not in _without_run_time(one[1])
    assert _without_run_time(one[1]) == _without_run_time(two[1])


def _without_run_time(report: str) -> str:
    """A JSON report without its ``created`` time: the one field two runs never share."""
    return re.sub(r'\n  "created": "[^"]*",', "", report)


def test_warm_run_reads_nothing_and_loads_no_language_model(
    region: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon = load_lexicon(None)
    settings = Options()
    themes = select_themes(lexicon, None)
    items = [
        item
        for item in collect(region, on_warning=lambda _skipped: None)
        if item.municipality != "Losser"
    ]
    cold = batch(items, lexicon=lexicon, options=settings, theme_ids=themes, jobs=2)

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("the warm run must not start work")

    tasks_seen: list[int] = []
    real_run = batch_module.run_isolated

    def spy(func: object, tasks: list, **kwargs: object) -> object:
        tasks_seen.append(len(tasks))
        return real_run(func, tasks, **kwargs)

    monkeypatch.setattr(batch_module, "run_isolated", spy)
    monkeypatch.setattr(nlp, "get_sentencizer", refuse)
    monkeypatch.setattr(batch_module, "check_one", refuse)
    monkeypatch.setattr(MatcherBuild, "start", refuse)  # nor build the matcher
    monkeypatch.setattr(MatcherBuild, "matcher", refuse)
    warm = batch(items, lexicon=lexicon, options=settings, theme_ids=themes, jobs=2)
    assert tasks_seen == [0]
    assert warm == cold


def test_a_worker_uses_the_matcher_the_parent_sent() -> None:
    import pickle

    from visiecheck.analyse.matching import Matcher, use_matcher

    lexicon = load_lexicon(None)
    options = MatchOptions(fuzzy_max_distance=1)  # not a matcher any other test built
    built = Matcher(lexicon, options)
    built.match_text("Het grondwater en de bodemenergie.")  # fills its per-word caches
    received = pickle.loads(pickle.dumps(built))  # what travels to a worker
    assert received._terms._word_cache == {}  # the parent's caches stay home
    batch_module._warm_up(received)
    assert get_matcher(lexicon, options) is received
    assert [h.term for h in received.match_text("Het grondwater daalt.")] == ["grondwater"]
    use_matcher(built)  # leave the process as it was for the tests after this one


def test_workers_start_ahead_on_a_cold_run_and_not_on_a_warm_one(region: Path) -> None:
    lexicon = load_lexicon(None)
    settings = Options()
    themes = select_themes(lexicon, None)
    items = [
        item
        for item in collect(region, on_warning=lambda _skipped: None)
        if item.municipality != "Losser"
    ]
    with start_workers(items, jobs=4) as pool:
        assert len(pool.pids) == 3  # never more workers than documents
        cold = batch(items, lexicon=lexicon, options=settings, theme_ids=themes, pool=pool)
    assert pool.pids == []
    assert [document.municipality for document in cold.documents] == [
        "Borne",
        "Almelo",
        "Hof van Twente",
    ]  # input order: the file names sorted
    assert not any(document.failed for document in cold.documents)

    with start_workers(items, jobs=2) as pool:
        assert pool.pids == []  # every file has a cached result: nothing started ahead
        warm = batch(items, lexicon=lexicon, options=settings, theme_ids=themes, pool=pool)
    assert warm == cold
    with start_workers(items, jobs=2, use_cache=False) as pool:
        assert len(pool.pids) == 2
    losser = [
        item
        for item in collect(region, on_warning=lambda _skipped: None)
        if item.municipality == "Losser"
    ]
    with start_workers(items + losser, jobs=2) as pool:
        assert len(pool.pids) == 2  # Losser.pdf was never stored (it fails)


def test_manifest_with_bom_header_version_and_relative_paths(region: Path, tmp_path: Path) -> None:
    manifest = region / "regio.csv"
    manifest.write_text(
        "\ufeffgemeente;bestand;versie\n"
        "Hof van Twente;Omgevingsvisie_Hof-van-Twente_2040_ontwerp.pdf;ontwerp 2024\n"
        "\n"
        f"Almelo;{region / 'omgevingsvisie-almelo.pdf'}\n",
        encoding="utf-8",
    )
    items = collect(manifest)
    assert items == [
        BatchItem(
            region / "Omgevingsvisie_Hof-van-Twente_2040_ontwerp.pdf",
            "Hof van Twente",
            "ontwerp 2024",
        ),
        BatchItem(region / "omgevingsvisie-almelo.pdf", "Almelo", None),
    ]
    comma = tmp_path / "komma.csv"
    comma.write_text("Wierden,twente/Borne_visie_v2.pdf\n", encoding="utf-8")
    assert collect(comma) == [BatchItem(tmp_path / "twente" / "Borne_visie_v2.pdf", "Wierden")]


def test_manifest_errors_name_the_line(tmp_path: Path) -> None:
    manifest = tmp_path / "regio.csv"
    manifest.write_text("gemeente;bestand\nAlmelo;almelo.pdf\nBorne;\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"regio.csv, line 3: column bestand \(file\) is empty"):
        collect(manifest)
    manifest.write_text("gemeente;pad\nAlmelo;almelo.pdf\n", encoding="utf-8")
    code, _, _ = run("batch", str(manifest))
    assert code == ExitCode.USAGE


def test_folder_without_visies_is_exit_3(tmp_path: Path) -> None:
    (tmp_path / "oud").mkdir()
    with pytest.raises(InputFileNotFoundError, match="no visies in this folder"):
        collect(tmp_path)
    code, _, err = run("batch", str(tmp_path))
    assert code == ExitCode.FILE_NOT_FOUND and "--recursive" in err


def test_the_prefilter_changes_no_hit(make_pdf: Callable[..., Path]) -> None:
    """Only pages with a candidate term are sentence-split; a brute-force run that
    matches every sentence of every page on its own finds no hit on the skipped pages."""
    pdf = make_pdf([[GEOTHERMIE], [ALGEMEEN], [GRONDWATER, ALGEMEEN], [ALGEMEEN * 3]])
    document = extract(pdf)
    matcher = get_matcher(load_lexicon(None), MatchOptions())
    whole = matcher.match_document(document)
    per_page = [
        hit for page in document.pages for hit in matcher.match_page(page.text, page.number)
    ]
    assert whole == per_page
    hit_pages = {hit.page for hit in whole}
    assert hit_pages == {1, 3}
    from visiecheck.analyse.sections import segment_page

    for page in document.pages:
        brute = [
            hit
            for segment in segment_page(page.text)
            for hit in matcher.match_page(page.text[segment.start : segment.end], page.number)
        ]
        assert bool(brute) == (page.number in hit_pages)
        assert {hit.matched_text for hit in brute} == {
            hit.matched_text for hit in whole if hit.page == page.number
        }


def test_joint_visie_of_two_municipalities_is_flagged(
    make_pdf: Callable[..., Path], tmp_path: Path
) -> None:
    """Two municipalities that adopted one text (with their own map chapter) are flagged;
    a third, different visie is not."""
    shared = [
        [
            f"Paragraaf {number}: de gemeenten in het noordoosten werken samen aan een "
            f"vitaal platteland, met ruimte voor boeren, natuur en recreatie rond kern {number}. "
            "Wij beschermen het grondwater en houden regenwater vast in de bodem."
            for number in range(1, 9)
        ]
    ]
    folder = tmp_path / "regio"
    folder.mkdir()
    make_pdf(folder, [*shared, ["De waardenkaart van Dinkelland toont de essen."]],
             filename="Dinkelland.pdf")  # fmt: skip
    make_pdf(folder, [*shared, ["De waardenkaart van Tubbergen toont de beekdalen."]],
             filename="Tubbergen.pdf")  # fmt: skip
    make_pdf(
        folder,
        [[f"Almelo bouwt in zone {n} woningen bij het station en de haven." for n in range(12)]],
        filename="Almelo.pdf",
    )
    lexicon = load_lexicon(None)
    report = batch(
        collect(folder),
        lexicon=lexicon,
        options=Options(),
        theme_ids=select_themes(lexicon, None),
        jobs=1,
    )
    assert [(Path(p.a).name, Path(p.b).name) for p in report.duplicates] == [
        ("Dinkelland.pdf", "Tubbergen.pdf")
    ]
    assert report.duplicates[0].containment > 0.8


def test_the_console_entry_point_with_its_early_fork_server_gives_the_same_report(
    region: Path, tmp_path: Path
) -> None:
    # The launcher starts the workers' fork server before the CLI is imported; the result must be
    # the one the CLI gives without it (the cache of this test is empty for both).
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    environment = {**os.environ, "VISIECHECK_CACHE_DIR": str(tmp_path / "cache-main")}
    done = subprocess.run(
        [sys.executable, "-m", "visiecheck", "batch", str(region), "--format", "json"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert done.returncode == ExitCode.PARTIAL_FAILURE, done.stderr
    code, out, _ = run("batch", str(region), "--format", "json", "--no-cache")
    assert code == ExitCode.PARTIAL_FAILURE

    def comparable(text: str) -> list[tuple[str, dict[str, str], str | None]]:
        return [
            (document["municipality"], _statuses(document), document.get("error"))
            for document in json.loads(text)["documents"]
        ]

    assert comparable(done.stdout) == comparable(out)
    assert sorted(name for name, _, _ in comparable(out)) == [
        "Almelo",
        "Borne",
        "Hof van Twente",
        "Losser",
    ]
