"""One row per municipality in the batch table and Markdown, the files behind each row,
duplicate lines that name the files, the lexicon's identity, and the JSON fields of issue 15.

The hand-made report is what a coordinator's folder gives: Enschede's adopted visie and
its draft, Hof van Twente's visie of 2022 and of 2024 (one text, so a duplicate pair),
Hengelo's one visie and Almelo's broken download.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from visiecheck import __version__
from visiecheck.cli import app
from visiecheck.errors import ExitCode
from visiecheck.lexicon import load_lexicon, shipped_lexicon_dir
from visiecheck.models import (
    Context,
    DocumentReport,
    DuplicatePair,
    Hit,
    LexiconInfo,
    MunicipalityGroup,
    RegionalExample,
    Report,
    Stance,
    Status,
    ThemeCoverage,
)
from visiecheck.render import render_batch
from visiecheck.schema import load_report_schema

THEMES = (("geothermie", "Geothermie (aardwarmte)"), ("grondwater", "Grondwater"))
GEO_SENTENCE = "Wij willen dat in 2035 de helft van de warmte uit aardwarmte komt."


def _coverage(theme: str, label: str, status: Status) -> ThemeCoverage:
    evidence: tuple[Hit, ...] = ()
    if status is not Status.MISSING:
        evidence = (
            Hit(
                theme, theme, theme, "exact", 4, 0, 5, GEO_SENTENCE, 0, Context.BODY,
                Stance.AMBITION,
            ),
        )  # fmt: skip
    return ThemeCoverage(
        theme, label, label, status, len(evidence), (4,) if evidence else (), evidence
    )


def _document(
    file: str,
    municipality: str,
    statuses: tuple[Status, Status],
    *,
    version: str | None = None,
    status: str | None = None,
) -> DocumentReport:
    themes = tuple(
        _coverage(theme, label, verdict)
        for (theme, label), verdict in zip(THEMES, statuses, strict=True)
    )
    return DocumentReport(
        file, municipality, "0" * 64, 40, (), (), None, themes,
        version=version, status=status, file_date="2024-05-01",
    )  # fmt: skip


A, M, X = Status.ADDRESSED, Status.MENTIONED, Status.MISSING
ENSCHEDE = _document(
    "twente/visie-enschede.pdf", "Enschede", (A, A), version="2.0", status="vastgesteld"
)
ENSCHEDE_DRAFT = _document(
    "twente/enschede-ontwerp.pdf", "Enschede", (M, A), version="0.9", status="ontwerp"
)
HOF_2024 = _document("twente/hof/visie-2024.pdf", "Hof van Twente", (X, A))
HOF_2022 = _document("twente/hof/visie-2022.pdf", "Hof van Twente", (X, M))
HENGELO = _document("twente/Hengelo.pdf", "Hengelo", (X, X))
ALMELO = DocumentReport("twente/almelo.pdf", "Almelo", "", 0, (), (), "is not a PDF", (), 4)
EXAMPLE = RegionalExample(
    "geothermie", "Enschede", ENSCHEDE.file, 4, "page", "3 Energie", GEO_SENTENCE, Stance.AMBITION
)
REPORT = Report(
    tool_version="0.1.0",
    lexicon=LexiconInfo("ondergrond-nl", "1.5.0", 2, content_hash="3549f943b4fc", modified=True),
    documents=(ENSCHEDE_DRAFT, ENSCHEDE, HOF_2022, HOF_2024, HENGELO, ALMELO),
    selected_themes=("geothermie", "grondwater"),
    duplicates=(DuplicatePair(HOF_2022.file, HOF_2024.file, jaccard=0.97, containment=1.0),),
    groups=(
        MunicipalityGroup("Enschede", ENSCHEDE.file, (ENSCHEDE_DRAFT.file,), "status"),
        MunicipalityGroup("Hof van Twente", HOF_2024.file, (HOF_2022.file,), "order"),
        MunicipalityGroup("Hengelo", HENGELO.file),
        MunicipalityGroup("Almelo", ALMELO.file),
    ),
    examples=(EXAMPLE,),
    created="2026-12-03T01:20:44+01:00",
)
DUPLICATE_NL = (
    "Mogelijk dezelfde visie: Hof van Twente (visie-2022.pdf) en Hof van Twente "
    "(visie-2024.pdf) delen 100% van hun tekst"
)


def _cells(line: str) -> list[str]:
    return re.split(r"\s*\|\s*", line)[1:-1]


def test_table_has_one_row_per_municipality_and_a_sub_row_per_other_document() -> None:
    text = render_batch(REPORT, "table", width=100)
    assert isinstance(text, str)
    lines = text.splitlines()
    assert [_cells(line) for line in lines if line.startswith("| ")] == [
        ["Gemeente", "GEO", "GRW", "✔/~/✘"],
        ["Almelo", "·", "·", "Fout"],
        ["Enschede (vastgesteld 2.0)", "✔", "✔", "2/0/0"],
        ["↳ ontwerp 0.9 (enschede-ontwerp.pdf)", "~", "✔", "1/1/0"],
        ["Hengelo", "✘", "✘", "0/0/2"],
        ["Hof van Twente", "✘", "✔", "1/0/1"],
        ["↳ visie-2022.pdf", "✘", "~", "0/1/1"],
        ["Totaal", "1", "2", "3"],
    ]
    # totals count municipalities by the document of their row, not documents
    assert "1 van 3 gemeenten noemt geothermie" in lines
    assert "2 van 3 gemeenten noemen grondwater" in lines
    assert DUPLICATE_NL in " ".join(lines)
    files = lines.index("Bestanden:")
    assert lines[files : files + 5] == [
        "Bestanden:",
        "- Almelo: almelo.pdf",
        "- Enschede: visie-enschede.pdf (vastgesteld 2.0); ↳ enschede-ontwerp.pdf (ontwerp 0.9)",
        "- Hengelo: Hengelo.pdf",
        "- Hof van Twente: visie-2024.pdf; ↳ visie-2022.pdf",
    ]
    assert "- Hengelo: geothermie en grondwater" in lines
    assert "- Hof van Twente: geothermie" in lines
    assert not any(line.startswith("- ↳") for line in lines)  # drafts are no municipality
    assert lines[-1] == (
        "visiecheck 0.1.0 · lexicon ondergrond-nl 1.5.0 · 3549f943b4fc (aangepast) · "
        "2026-12-03 01:20"
    )
    assert max(len(line) for line in lines) <= 100


def test_table_in_english_and_sorted_by_missing_keeps_sub_rows_under_their_row() -> None:
    text = render_batch(REPORT, "table", lang="en", width=100, sort="missing")
    assert isinstance(text, str)
    names = [_cells(line)[0] for line in text.splitlines() if line.startswith("| ")]
    assert names == [
        "Municipality", "Hengelo", "Hof van Twente", "↳ visie-2022.pdf",
        "Enschede (vastgesteld 2.0)", "↳ ontwerp 0.9 (enschede-ontwerp.pdf)",
        "Almelo", "Total",
    ]  # fmt: skip
    assert "1 of 3 municipalities mentions geothermie" in text
    assert text.splitlines()[-1] == (
        "visiecheck 0.1.0 · lexicon ondergrond-nl 1.5.0 · 3549f943b4fc (modified) · "
        "2026-12-03 01:20"
    )


def test_markdown_rows_files_duplicates_and_footer() -> None:
    markdown = render_batch(REPORT, "markdown")
    assert isinstance(markdown, str)
    lines = markdown.splitlines()
    assert lines[0] == "# visiecheck: bodem en ondergrond in 4 omgevingsvisies"
    table = [line for line in lines if line.startswith("| ")]
    assert table == [
        "| Gemeente | GEO | GRW | ✔/~/✘ |",
        "| Almelo | · | · | Fout: is not a PDF |",
        "| Enschede (vastgesteld 2.0) | ✔ | ✔ | 2/0/0 |",
        "| ↳ ontwerp 0.9 (enschede-ontwerp.pdf) | ~ | ✔ | 1/1/0 |",
        "| Hengelo | ✘ | ✘ | 0/0/2 |",
        "| Hof van Twente | ✘ | ✔ | 1/0/1 |",
        "| ↳ visie-2022.pdf | ✘ | ~ | 0/1/1 |",
        "| **Totaal** | 1 | 2 | |",
    ]
    assert "- 1 van 3 gemeenten noemt geothermie" in lines
    assert f"- {DUPLICATE_NL}" in lines
    start = lines.index("## Bestanden")
    assert lines[start + 2 : start + 6] == [
        "- Almelo: almelo.pdf",
        "- Enschede: visie-enschede.pdf (vastgesteld 2.0); ↳ enschede-ontwerp.pdf (ontwerp 0.9)",
        "- Hengelo: Hengelo.pdf",
        "- Hof van Twente: visie-2024.pdf; ↳ visie-2022.pdf",
    ]
    assert lines[-1] == (
        "*visiecheck 0.1.0 · lexicon ondergrond-nl 1.5.0 · 3549f943b4fc (aangepast) · "
        "2026-12-03 01:20*"
    )
    plain = replace(REPORT, lexicon=LexiconInfo("ondergrond-nl", "1.5.0", 2), created="")
    english = render_batch(plain, "markdown", lang="en")
    assert isinstance(english, str)
    assert english.splitlines()[-1] == "*visiecheck 0.1.0 · lexicon ondergrond-nl 1.5.0*"
    assert "## Files" in english


def test_duplicates_of_two_municipalities_keep_their_names_only() -> None:
    from visiecheck.render._batch import duplicate_names

    pair = DuplicatePair(ENSCHEDE.file, HENGELO.file, 0.8, 0.9)
    assert duplicate_names(REPORT, pair) == ("Enschede (vastgesteld 2.0)", "Hengelo")
    same_name = replace(HOF_2022, file="elders/visie-2024.pdf", version="2022")
    report = replace(REPORT, documents=(HOF_2024, same_name))
    pair = DuplicatePair(same_name.file, HOF_2024.file, 0.9, 1.0)
    assert duplicate_names(report, pair) == (
        "Hof van Twente (2022, elders/visie-2024.pdf)",
        "Hof van Twente (twente/hof/visie-2024.pdf)",
    )


# --- JSON -------------------------------------------------------------------------------


def test_json_carries_groups_examples_run_and_document_metadata() -> None:
    data = json.loads(render_batch(REPORT, "json"))
    jsonschema.Draft202012Validator(load_report_schema()).validate(data)
    assert data["lexicon"] == {
        "name": "ondergrond-nl", "version": "1.5.0", "themes": 2,
        "content_hash": "3549f943b4fc", "modified": True,
    }  # fmt: skip
    assert data["created"] == "2026-12-03T01:20:44+01:00"
    assert [(d["file"], d["version"], d["status"], d["file_date"]) for d in data["documents"]] == [
        ("twente/enschede-ontwerp.pdf", "0.9", "ontwerp", "2024-05-01"),
        ("twente/visie-enschede.pdf", "2.0", "vastgesteld", "2024-05-01"),
        ("twente/hof/visie-2022.pdf", None, None, "2024-05-01"),
        ("twente/hof/visie-2024.pdf", None, None, "2024-05-01"),
        ("twente/Hengelo.pdf", None, None, "2024-05-01"),
        ("twente/almelo.pdf", None, None, None),
    ]
    assert data["groups"] == [
        {
            "municipality": "Enschede",
            "primary": "twente/visie-enschede.pdf",
            "others": ["twente/enschede-ontwerp.pdf"],
            "reason": "status",
        },
        {
            "municipality": "Hof van Twente",
            "primary": "twente/hof/visie-2024.pdf",
            "others": ["twente/hof/visie-2022.pdf"],
            "reason": "order",
        },
        {
            "municipality": "Hengelo",
            "primary": "twente/Hengelo.pdf",
            "others": [],
            "reason": "only",
        },
        {"municipality": "Almelo", "primary": "twente/almelo.pdf", "others": [], "reason": "only"},
    ]
    assert data["examples"] == [
        {
            "theme": "geothermie",
            "municipality": "Enschede",
            "file": "twente/visie-enschede.pdf",
            "page": 4,
            "location_unit": "page",
            "section": "3 Energie",
            "snippet": GEO_SENTENCE,
            "stance": "ambition",
        }
    ]


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["lexicon"].update(content_hash="3549F943B4FC"),
        lambda d: d["lexicon"].update(modified="nee"),
        lambda d: d.update(created="3 december 2026"),
        lambda d: d["documents"][0].update(file_date="01-05-2024"),
        lambda d: d["documents"][0].update(version=2),
        lambda d: d["groups"][0].update(reason="newest"),
        lambda d: d["groups"][0].pop("others"),
        lambda d: d["examples"][0].update(stance="exclusion"),
        lambda d: d["examples"][0].update(page=0),
        lambda d: d["examples"][0].pop("snippet"),
    ],
)
def test_schema_rejects_broken_issue_15_fields(damage: Callable[[dict], None]) -> None:
    data = json.loads(render_batch(REPORT, "json"))
    damage(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(load_report_schema()).validate(data)


def test_group_file_names_are_escaped_like_the_documents_they_name() -> None:
    odd = replace(HENGELO, file="twente/Hengelo\x1b[2J.pdf")
    report = replace(
        REPORT,
        documents=(odd,),
        groups=(MunicipalityGroup("Hengelo", odd.file, (odd.file,)),),
        duplicates=(),
        examples=(),
    )
    data = json.loads(render_batch(report, "json"))
    assert data["documents"][0]["file"] == "twente/Hengelo\\x1b[2J.pdf"
    assert data["groups"][0]["primary"] == data["groups"][0]["others"][0]
    assert data["groups"][0]["primary"] == data["documents"][0]["file"]


# --- the whole way: a manifest with versions, an edited lexicon ---------------------------

GRONDWATER = (
    "Het grondwater is een kwetsbare bron die wij beschermen tegen verontreiniging. "
    "Bij nieuwe woonwijken houden wij rekening met de grondwaterstand."
)
GEOTHERMIE = (
    "Wij onderzoeken samen met de provincie de kansen voor geothermie in het oosten. "
    "Een aardwarmteproject vraagt om zorgvuldige afspraken over de diepe ondergrond."
)


def test_a_manifest_with_a_draft_and_the_adopted_visie_gives_one_row(
    tmp_path: Path, make_pdf: Callable[..., Path]
) -> None:
    folder = tmp_path / "regio"
    folder.mkdir()
    make_pdf(folder, [[GRONDWATER]], filename="enschede-ontwerp.pdf")
    make_pdf(folder, [[GRONDWATER, GEOTHERMIE]], filename="enschede-2024.pdf")
    make_pdf(folder, [[GEOTHERMIE]], filename="hengelo.pdf")
    manifest = folder / "regio.csv"
    manifest.write_text(
        "gemeente;bestand;versie;status\n"
        "Enschede;enschede-ontwerp.pdf;0.9;ontwerp\n"
        "Enschede;enschede-2024.pdf;1.0;vastgesteld\n"
        "Hengelo;hengelo.pdf;;\n",
        encoding="utf-8",
    )
    edited = tmp_path / "ondergrond-nl.yaml"
    shutil.copy(shipped_lexicon_dir() / "ondergrond-nl.yaml", edited)
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("# eigen aanpassing van de regio\n")
    lexicon = load_lexicon(edited)
    runner = CliRunner()
    result = runner.invoke(app, ["batch", str(manifest), "--format", "json", "--jobs", "1"])
    assert result.exit_code == ExitCode.OK, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(load_report_schema()).validate(data)
    assert data["groups"] == [
        {
            "municipality": "Enschede",
            "primary": str(folder / "enschede-2024.pdf"),
            "others": [str(folder / "enschede-ontwerp.pdf")],
            "reason": "status",
        },
        {
            "municipality": "Hengelo",
            "primary": str(folder / "hengelo.pdf"),
            "others": [],
            "reason": "only",
        },
    ]
    assert [(d["version"], d["status"]) for d in data["documents"]] == [
        ("0.9", "ontwerp"), ("1.0", "vastgesteld"), (None, None),
    ]  # fmt: skip
    assert data["lexicon"]["modified"] is False
    assert data["lexicon"]["content_hash"] == load_lexicon(None).content_hash
    result = runner.invoke(app, ["batch", str(manifest), "--jobs", "1", "--lexicon", str(edited)])
    assert result.exit_code == ExitCode.OK, result.stderr
    lines = result.stdout.splitlines()
    rows = [_cells(line) for line in lines if line.startswith("| ")]
    geo, grw = rows[0].index("GEO"), rows[0].index("GRW")
    assert [(row[0], row[geo], row[grw]) for row in rows[1:4]] == [
        ("Enschede (vastgesteld 1.0)", "✔", "✔"),
        ("↳ ontwerp 0.9 (enschede-ontwerp.pdf)", "✘", "✔"),
        ("Hengelo", "✔", "✘"),
    ]
    assert max(len(line) for line in lines) <= 120
    assert "2 van 2 gemeenten noemen geothermie" in lines
    assert "1 van 2 gemeenten noemt grondwater" in lines
    assert lexicon.modified and lexicon.content_hash != load_lexicon(None).content_hash
    assert re.fullmatch(
        rf"visiecheck {re.escape(__version__)} · lexicon ondergrond-nl {lexicon.version} · "
        rf"{lexicon.content_hash} \(aangepast\) · \d{{4}}-\d\d-\d\d \d\d:\d\d",
        lines[-1],
    )


def test_the_name_column_folds_where_eleven_themes_leave_no_room() -> None:
    """At 100 columns the 11 theme columns leave the names 21 columns: a long sub-row
    label folds (where it must, also inside a word) instead of widening the table."""
    themes = tuple((f"thema_{n}", f"Thema {n}") for n in range(11))
    document = replace(
        ENSCHEDE_DRAFT,
        themes=tuple(ThemeCoverage(id, label, label, X, 0, (), ()) for id, label in themes),
    )
    primary = replace(document, file="visie.pdf", version=None, status=None)
    report = replace(
        REPORT,
        documents=(document, primary),
        groups=(MunicipalityGroup("Enschede", "visie.pdf", (document.file,)),),
        duplicates=(),
        examples=(),
        selected_themes=tuple(id for id, _label in themes),
    )
    text = render_batch(report, "table", width=100)
    assert isinstance(text, str)
    names = [_cells(line)[0] for line in text.splitlines() if line.startswith("| ")]
    assert names == [
        "Gemeente", "Enschede", "↳ ontwerp 0.9", "(enschede-ontwerp.p", "df)", "Totaal",
    ]  # fmt: skip
    assert max(len(line) for line in text.splitlines()) <= 100
