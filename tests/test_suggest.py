"""``visiecheck lexicon suggest``: words a lexicon may be missing, on texts written here."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from visiecheck.analyse.matching import Matcher
from visiecheck.analyse.suggest import suggest
from visiecheck.cli import app
from visiecheck.extract import extract
from visiecheck.lexicon import load_lexicon

LEXICON = """\
name: klein
version: 0.1.0
language: nl
themes:
  - id: ondergrondse_opslag
    label: Ondergrondse opslag
    label_en: Underground storage
    terms: [waterstofopslag, gasopslag]
  - id: bodemkwaliteit
    label: Bodemkwaliteit
    label_en: Soil quality
    terms: [bodemverontreiniging, sanering]
    exclusions: [luchtverontreiniging]
"""

# Written for this test: "stikstofopslag" and "bodemverdichting" share a part with the
# terms; "cavernes" keeps standing beside storage hits; "bakkerij" is ordinary text.
TEXT = "\n\n".join(
    [
        "In de cavernes onder de stad is ruimte voor waterstofopslag.",
        "De cavernes zijn ook geschikt voor gasopslag op grote diepte.",
        "Wij onderzoeken of de cavernes veilig blijven bij waterstofopslag.",
        "Ook stikstofopslag in de cavernes is denkbaar, naast waterstofopslag.",
        "Na de sanering van de cavernes volgt nieuwe gasopslag.",
        "Op het erf is bodemverdichting door zware machines een probleem.",
        "De luchtverontreiniging langs de snelweg neemt af.",
        "De bakkerij in de straat opent een tweede winkel.",
        "De bakkerij verkoopt brood en gebak.",
        "De bakkerij zoekt personeel.",
        "De bakkerij sluit om zes uur.",
        "De bakkerij is populair.",
        *(f"In wijk {number} komen nieuwe woningen en een speeltuin." for number in range(20)),
    ]
)


@pytest.fixture
def lexicon_file(tmp_path: Path) -> Path:
    path = tmp_path / "klein.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return path


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "visie.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_suggests_compounds_sharing_a_part_and_words_beside_hits(
    lexicon_file: Path, text_file: Path
) -> None:
    matcher = Matcher(load_lexicon(lexicon_file))
    found = {item.word: item for item in suggest([extract(text_file)], matcher)}
    assert (found["stikstofopslag"].theme_id, found["stikstofopslag"].reason) == (
        "ondergrondse_opslag",
        "head",
    )
    assert found["stikstofopslag"].shared == "opslag"
    assert (found["bodemverdichting"].theme_id, found["bodemverdichting"].reason) == (
        "bodemkwaliteit",
        "modifier",
    )
    cavernes = found["cavernes"]
    assert (cavernes.theme_id, cavernes.reason, cavernes.count) == (
        "ondergrondse_opslag",
        "cooccurrence",
        5,
    )
    assert cavernes.example == "In de cavernes onder de stad is ruimte voor waterstofopslag."
    # a word the lexicon already finds or excludes, and ordinary words, are never suggested
    assert not {"waterstofopslag", "luchtverontreiniging", "bakkerij"} & found.keys()


def test_cli_writes_csv_and_json_and_skips_a_bad_file(
    lexicon_file: Path, text_file: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    missing = tmp_path / "weg.pdf"
    result = runner.invoke(
        app,
        ["lexicon", "suggest", str(missing), str(text_file), "--lexicon", str(lexicon_file),
         "--format", "csv"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
        "woord",
        "aantal",
        "bestanden",
        "thema",
        "reden",
        "gedeeld deel",
        "voorbeeld",
    ]
    assert "stikstofopslag" in {row[0] for row in rows[1:]}
    assert "weg.pdf" in result.stderr and "overgeslagen" in result.stderr
    result = runner.invoke(
        app,
        ["lexicon", "suggest", str(text_file), "--lexicon", str(lexicon_file), "--format",
         "json", "--limit", "1"],
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert len(data) == 1 and set(data[0]) == {
        "word", "count", "files", "theme", "reason", "shared", "example",
    }  # fmt: skip


def test_cli_rejects_an_unknown_format(text_file: Path) -> None:
    result = CliRunner().invoke(app, ["lexicon", "suggest", str(text_file), "--format", "pdf"])
    assert result.exit_code == 2
    assert "--format" in result.stderr
