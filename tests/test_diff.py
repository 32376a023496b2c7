"""``diff_reports`` and its renderers, on two generated drafts with planted changes.

Old → new draft:
- bodemarchief removed (its only sentence deleted): lost;
- drinkwater added (a new sentence on page 4): gained;
- a grondwater sentence moved from page 3 to page 4;
- a geothermie sentence reworded on page 2.
Everything else is identical, so the diff must report exactly these changes.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from visiecheck.analyse.diff import (
    DIFF_EVIDENCE,
    diff_reports,
    normalise_snippet,
    status_change,
)
from visiecheck.errors import ExitCode, FailedDocumentError, UsageError
from visiecheck.models import Change, DocumentReport, EvidenceChange, EvidenceKind, Stance, Status
from visiecheck.options import Options, ReadOptions, ReportOptions
from visiecheck.pipeline import check
from visiecheck.render.diff import (
    DIFF_SCHEMA_ID,
    diff_to_json_dict,
    render_diff,
)

REWORD_OLD = "Wij zetten in op geothermie in het oosten van de gemeente."
REWORD_NEW = "Wij zetten vooral in op geothermie in het oostelijk deel van de gemeente."
GEO_KEPT = "Geothermie kan op termijn de nieuwe wijk De Esch van warmte voorzien."
MOVED = "Het grondwater in de hoge zandgronden daalt in droge zomers."
GW_KEPT = "We beschermen het grondwater bij Denekamp tegen verdroging door beter peilbeheer."
ARCHIVE = "Onder de es bij Ootmarsum ligt een waardevol bodemarchief met resten uit de ijzertijd."
DRINK = "Het waterwingebied bij Losser beschermen wij tegen nieuwe risico's voor het drinkwater."
INTRO = [
    "# Omgevingsvisie Dinkelland 2040",
    "Deze visie beschrijft hoe de gemeente zich de komende twintig jaar wil ontwikkelen.",
]

OLD_PAGES = [
    INTRO,
    ["# Energie", REWORD_OLD, GEO_KEPT],
    ["# Water", MOVED, GW_KEPT],
    ["# Bodem", ARCHIVE],
]
NEW_PAGES = [
    INTRO,
    ["# Energie", REWORD_NEW, GEO_KEPT],
    ["# Water", GW_KEPT],
    ["# Bodem", MOVED, DRINK],
]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[DocumentReport, DocumentReport]:
    from tests.pdf_factory import make_pdf

    folder = tmp_path_factory.mktemp("drafts")
    old = make_pdf(folder, OLD_PAGES, filename="visie_concept.pdf")
    new = make_pdf(folder, NEW_PAGES, filename="visie_ontwerp.pdf")
    settings = Options(
        read=ReadOptions(use_cache=False), report=ReportOptions(evidence=DIFF_EVIDENCE)
    )
    report = check([old, new], options=settings)
    first, second = report.documents
    assert not first.failed and not second.failed
    return first, second


def test_diff_reports_exactly_the_planted_changes(
    reports: tuple[DocumentReport, DocumentReport],
) -> None:
    diff = diff_reports(*reports)
    assert [theme.theme_id for theme in diff.changed_themes] == [
        "geothermie",
        "grondwater",
        "drinkwater",
        "bodemarchief",
    ]
    assert all(
        theme.change is Change.UNCHANGED and not theme.evidence and not theme.mentions_delta
        for theme in diff.themes
        if not theme.changed
    )

    geo = diff.theme("geothermie")
    assert (geo.old_status, geo.new_status, geo.change) == (
        Status.ADDRESSED,
        Status.ADDRESSED,
        Change.UNCHANGED,
    )
    assert (geo.mentions_delta, geo.pages_added, geo.pages_removed) == (0, (), ())
    assert geo.evidence == (
        EvidenceChange(EvidenceKind.REWORDED, REWORD_OLD, REWORD_NEW, (2,), (2,)),
    )

    water = diff.theme("grondwater")
    assert water.change is Change.UNCHANGED and water.mentions_delta == 0
    assert (water.pages_added, water.pages_removed) == ((4,), ())
    assert water.evidence == (EvidenceChange(EvidenceKind.MOVED, MOVED, MOVED, (3,), (4,)),)

    drink = diff.theme("drinkwater")
    assert (drink.old_status, drink.new_status, drink.change) == (
        Status.MISSING,
        Status.MENTIONED,
        Change.GAINED,
    )
    assert drink.old_mentions == 0 and drink.new_mentions > 0
    assert (drink.pages_added, drink.pages_removed) == ((4,), ())
    assert drink.evidence == (EvidenceChange(EvidenceKind.NEW, "", DRINK, (), (4,)),)

    archive = diff.theme("bodemarchief")
    assert (archive.old_status, archive.new_status, archive.change) == (
        Status.MENTIONED,
        Status.MISSING,
        Change.LOST,
    )
    assert (archive.mentions_delta, archive.pages_added, archive.pages_removed) == (-1, (), (4,))
    assert archive.evidence == (EvidenceChange(EvidenceKind.LOST, ARCHIVE, "", (4,), ()),)

    assert (diff.old.file, diff.new.file) == (reports[0].file, reports[1].file)
    assert not diff.identical_files and diff.only_old == () and diff.only_new == ()
    # without stance mappings, the stances are the reports' own dominant stances
    for theme in diff.themes:
        assert theme.old_stance == reports[0].coverage(theme.theme_id).stance
        assert theme.new_stance == reports[1].coverage(theme.theme_id).stance
    assert diff.theme("bodemarchief").new_stance is None  # missing in the new draft


def test_a_draft_against_itself_has_no_changes(
    reports: tuple[DocumentReport, DocumentReport],
) -> None:
    diff = diff_reports(reports[0], reports[0])
    assert diff.identical_files
    assert diff.changed_themes == ()
    assert "Geen verschillen in de thema's." in render_diff(diff, "table")


def test_stance_change_from_coverage(reports: tuple[DocumentReport, DocumentReport]) -> None:
    old, new = reports
    assert old.coverage("geothermie").stance is Stance.AMBITION
    diff = diff_reports(old, new)
    assert diff.theme("bodemarchief").old_stance is Stance.BACKGROUND
    assert diff.theme("bodemarchief").new_stance is None  # missing themes have no stance
    assert not any(theme.stance_changed for theme in diff.themes)

    stricter = replace(
        new,
        themes=tuple(
            replace(coverage, stance=Stance.EXCLUSION)
            if coverage.theme_id == "geothermie"
            else coverage
            for coverage in new.themes
        ),
    )
    diff = diff_reports(old, stricter)
    geo = diff.theme("geothermie")
    assert geo.stance_changed and geo.changed
    assert (geo.old_stance, geo.new_stance) == (Stance.AMBITION, Stance.EXCLUSION)
    assert [theme.theme_id for theme in diff.changed_themes] == [
        "geothermie",
        "grondwater",
        "drinkwater",
        "bodemarchief",
    ]


def test_themes_checked_on_one_side_only_are_listed_not_diffed(
    reports: tuple[DocumentReport, DocumentReport],
) -> None:
    old, new = reports
    fewer = replace(new, themes=tuple(c for c in new.themes if c.theme_id != "mijnbouw"))
    diff = diff_reports(old, fewer)
    assert diff.only_old == ("mijnbouw",) and diff.only_new == ()
    assert "mijnbouw" not in [theme.theme_id for theme in diff.themes]


def test_a_failed_report_cannot_be_diffed(reports: tuple[DocumentReport, DocumentReport]) -> None:
    broken = replace(reports[1], error="bestand is beschadigd", themes=(), error_code=5)
    with pytest.raises(FailedDocumentError, match="beschadigd") as raised:
        diff_reports(reports[0], broken)
    assert raised.value.exit_code == ExitCode.CORRUPT_FILE  # the read error's own code


def test_unrelated_rewrite_is_lost_plus_new(
    reports: tuple[DocumentReport, DocumentReport],
) -> None:
    old, new = reports
    geo_old = old.coverage("geothermie")
    hit = geo_old.evidence[0]
    other = replace(hit, snippet="Aardwarmte is voor de glastuinbouw in Vasse een kans.")
    rewritten = replace(
        new,
        themes=tuple(
            replace(c, evidence=(other, *geo_old.evidence[1:])) if c.theme_id == "geothermie" else c
            for c in new.themes
        ),
    )
    kinds = [item.kind for item in diff_reports(old, rewritten).theme("geothermie").evidence]
    assert kinds == [EvidenceKind.LOST, EvidenceKind.NEW]


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        (Status.MISSING, Status.MENTIONED, Change.GAINED),
        (Status.MISSING, Status.ADDRESSED, Change.GAINED),
        (Status.ADDRESSED, Status.MISSING, Change.LOST),
        (Status.MENTIONED, Status.MISSING, Change.LOST),
        (Status.MENTIONED, Status.ADDRESSED, Change.IMPROVED),
        (Status.ADDRESSED, Status.MENTIONED, Change.WEAKENED),
        (Status.MENTIONED, Status.MENTIONED, Change.UNCHANGED),
    ],
)
def test_status_change(old: Status, new: Status, change: Change) -> None:
    assert status_change(old, new) is change


def test_normalise_snippet_ignores_layout_not_words() -> None:
    assert normalise_snippet("…de  Bodem\nis ’schoon’.") == normalise_snippet(
        "De bodem is 'schoon'"
    )
    assert normalise_snippet("De bodem is schoon.") != normalise_snippet("De bodem is vuil.")


# --- renderers ------------------------------------------------------------------------


def test_json_is_stable_and_complete(reports: tuple[DocumentReport, DocumentReport]) -> None:
    diff = diff_reports(*reports)
    data = json.loads(render_diff(diff, "json"))
    assert data == diff_to_json_dict(diff)
    assert data["schema"] == DIFF_SCHEMA_ID == "visiecheck.diff/1"
    assert data["old"] == {
        "file": reports[0].file,
        "municipality": reports[0].municipality,
        "sha256": reports[0].sha256,
        "pages": 4,
    }
    themes = {theme["id"]: theme for theme in data["themes"]}
    assert len(themes) == len(reports[1].themes)
    assert themes["bodemarchief"]["change"] == "lost"
    assert themes["drinkwater"]["change"] == "gained"
    assert themes["grondwater"]["evidence"] == [
        {"kind": "moved", "old": MOVED, "new": MOVED, "old_pages": [3], "new_pages": [4]}
    ]
    assert themes["drinkwater"]["evidence"][0]["old"] is None
    assert themes["mijnbouw"] == {
        "id": "mijnbouw",
        "label": themes["mijnbouw"]["label"],
        "label_en": themes["mijnbouw"]["label_en"],
        "change": "unchanged",
        "old_status": "missing",
        "new_status": "missing",
        "old_mentions": 0,
        "new_mentions": 0,
        "mentions_delta": 0,
        "pages_added": [],
        "pages_removed": [],
        "old_stance": None,
        "new_stance": None,
        "stance_changed": False,
        "changed": False,
        "evidence": [],
    }


def test_table_shows_transitions_and_sentences(
    reports: tuple[DocumentReport, DocumentReport],
) -> None:
    text = render_diff(diff_reports(*reports), "table", width=120)
    assert "\x1b[" not in text and all(len(line) <= 120 for line in text.splitlines())
    assert "✘ ontbreekt → ~ genoemd" in text  # drinkwater
    assert "~ genoemd → ✘ ontbreekt" in text  # bodemarchief
    assert "4 van 11 thema's veranderd: 1 erbij, 1 verdwenen, 0 sterker, 0 zwakker" in text
    assert f"− verdwenen, p. 4: “{ARCHIVE}”" in text
    assert f"+ nieuw, p. 4: “{DRINK}”" in text
    assert f"→ verplaatst, p. 3 → 4: “{MOVED}”" in text
    flat = " ".join(text.split())  # a long line wraps at the width
    assert f"≈ herschreven, p. 2: “{REWORD_OLD}” → “{REWORD_NEW}”" in flat
    english = render_diff(diff_reports(*reports), "table", lang="en", width=120)
    assert "✘ missing → ~ mentioned" in english and "removed, p. 4" in english


def test_table_in_colour_and_with_stance(reports: tuple[DocumentReport, DocumentReport]) -> None:
    old, new = reports
    text = render_diff(diff_reports(old, new), "table", color=True, width=140)
    assert "\x1b[" in text
    assert "Houding" in text and "ambitie" in text


def test_html_is_self_contained_and_escaped(
    reports: tuple[DocumentReport, DocumentReport],
) -> None:
    old, new = reports
    hostile = "<script>alert(1)</script> grondwater & bodem"
    water = new.coverage("grondwater")
    planted = replace(water, evidence=(replace(water.evidence[0], snippet=hostile),))
    new = replace(
        new, themes=tuple(planted if c.theme_id == "grondwater" else c for c in new.themes)
    )
    html = render_diff(diff_reports(old, new), "html")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; grondwater &amp; bodem" in html
    assert "http" not in html.replace('name="viewport"', "")
    assert "<del>“" in html and "<ins>“" in html
    assert "verschil tussen twee versies" in html


def test_unknown_format_is_a_usage_error(reports: tuple[DocumentReport, DocumentReport]) -> None:
    with pytest.raises(UsageError, match="table, json, html"):
        render_diff(diff_reports(*reports), "csv")
