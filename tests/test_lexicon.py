"""Loading and validating lexicon files; the shipped default lexicon."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from visiecheck.cli import app
from visiecheck.errors import ExitCode, LexiconError
from visiecheck.lexicon import load_lexicon, shipped_lexicon_dir

THEME_IDS = [
    "geothermie",
    "bodemenergie",
    "ondergrondse_opslag",
    "grondwater",
    "drinkwater",
    "mijnbouw",
    "bodemdaling",
    "bodemkwaliteit",
    "ondergronds_ruimtegebruik",
    "bodemarchief",
    "bodem_landbouw_natuur",
]
HEADER = "name: test\nversion: 0.1.0\nlanguage: nl\nthemes:\n"


def write(tmp_path: Path, text: str, name: str = "lex.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    return caught.value.message


def test_default_lexicon_has_exactly_the_contract_theme_ids() -> None:
    lexicon = load_lexicon(None)
    assert lexicon.name == "ondergrond-nl"
    assert lexicon.theme_ids == THEME_IDS
    assert [t.id for t in lexicon.themes if t.core] == [
        "geothermie",
        "ondergrondse_opslag",
        "grondwater",
        "mijnbouw",
    ]


def test_default_lexicon_has_enough_examples_per_theme() -> None:
    for theme in load_lexicon(None).themes:
        assert len(theme.examples_match) >= 8, theme.id
        assert len(theme.examples_no_match) >= 8, theme.id


def test_default_lexicon_passes_all_its_examples() -> None:
    result = CliRunner().invoke(app, ["lexicon", "test"])
    assert result.exit_code == 0, result.output
    assert "voorbeelden goed" in result.output


def test_shipped_dir_is_the_top_level_lexicons_folder_in_a_checkout() -> None:
    assert (shipped_lexicon_dir() / "ondergrond-nl.yaml").is_file()


def test_defaults_by_term_shape(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "  - id: t\n    label: T\n    label_en: T\n"
        + "    terms: [grondwater, kwel, WKO, SodM, kabels en leidingen]\n",
    )
    terms = {term.text: term for term in load_lexicon(path).theme("t").terms}
    assert terms["grondwater"].compound == "both" and terms["grondwater"].fuzzy
    assert terms["kwel"].compound == "none" and not terms["kwel"].fuzzy
    assert terms["WKO"].case_sensitive and terms["WKO"].compound == "none"
    assert terms["SodM"].case_sensitive
    assert terms["kabels en leidingen"].compound == "none"
    assert not terms["kabels en leidingen"].fuzzy


def test_unknown_key_names_file_line_and_theme(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "  - id: grondwater\n    label: G\n    label_en: G\n"
        "    terms:\n      - term: kwel\n        compund: none\n",
    )
    message = error_of(path)
    assert message.startswith(f"{path}: line 10: theme grondwater, terms[0].compund")
    assert "unknown key 'compund'" in message


def test_duplicate_theme_id(tmp_path: Path) -> None:
    theme = "  - id: grondwater\n    label: G\n    label_en: G\n    terms: [kwel]\n"
    message = error_of(write(tmp_path, HEADER + theme + theme))
    assert "line 9: theme grondwater: duplicate theme id" in message


def test_empty_term(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "  - id: grondwater\n    label: G\n    label_en: G\n    terms: ['', kwel]\n",
    )
    message = error_of(path)
    assert "line 8: theme grondwater, terms[0].term: empty term" in message


def test_term_that_can_never_match(tmp_path: Path) -> None:
    path = write(
        tmp_path, HEADER + "  - id: grondwater\n    label: G\n    label_en: G\n    terms: ['---']\n"
    )
    assert "can never match" in error_of(path)


@pytest.mark.parametrize("key", ["veto", "stays_with"])
def test_an_empty_word_in_a_word_list_names_its_key(tmp_path: Path, key: str) -> None:
    term = "{term: grondwater, moves_to: {drinkwater: [put]}, " + key + ": ['--']}"
    path = write(
        tmp_path,
        HEADER
        + f"  - id: grondwater\n    label: G\n    label_en: G\n    terms:\n      - {term}\n"
        + "  - id: drinkwater\n    label: D\n    label_en: D\n    terms: [drinkwater]\n",
    )
    assert f"terms[0].{key}: empty word in {key}" in error_of(path)


def test_bad_theme_id(tmp_path: Path) -> None:
    path = write(
        tmp_path, HEADER + "  - id: Grond-Water\n    label: G\n    label_en: G\n    terms: [kwel]\n"
    )
    assert "line 5: theme Grond-Water, id: " in error_of(path)


def test_invalid_yaml_reports_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "  - id: grondwater\n    terms: [kwel\n    label: x\n")
    message = error_of(path)
    assert "invalid YAML" in message and "line " in message


def test_yaml_tags_are_not_executed(tmp_path: Path) -> None:
    path = write(tmp_path, "!!python/object/apply:os.system ['echo hacked']\n")
    assert "invalid YAML" in error_of(path)


def test_exclusion_naming_an_unknown_term(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "  - id: opslag\n    label: O\n    label_en: O\n    terms: [energieopslag]\n"
        "    exclusions:\n      - {text: batterij, scope: sentence, terms: [opslag]}\n",
    )
    assert "exclusion 'batterij' names unknown term 'opslag'" in error_of(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "lexicon not found" in error_of(tmp_path / "nope.yaml")
    assert "is a folder" in error_of(tmp_path)


def test_extends_adds_terms_and_themes(tmp_path: Path) -> None:
    write(
        tmp_path,
        HEADER + "  - id: mijnbouw\n    label: Mijnbouw\n    label_en: Mining\n"
        "    core: true\n    terms: [zoutwinning]\n",
        "base.yaml",
    )
    child = write(
        tmp_path,
        "name: twente\nversion: 0.2.0\nlanguage: nl\nextends: base.yaml\nthemes:\n"
        "  - id: mijnbouw\n    terms: [Boeldershoek]\n"
        "  - id: schaliegas\n    label: Schaliegas\n    label_en: Shale gas\n"
        "    terms: [schaliegas]\n",
        "child.yaml",
    )
    lexicon = load_lexicon(child)
    assert lexicon.name == "twente"
    assert lexicon.theme_ids == ["mijnbouw", "schaliegas"]
    assert [t.text for t in lexicon.theme("mijnbouw").terms] == ["zoutwinning", "Boeldershoek"]
    assert lexicon.theme("mijnbouw").core


def test_extends_the_shipped_lexicon_by_name(tmp_path: Path) -> None:
    child = write(
        tmp_path,
        "name: eigen\nversion: 1.0.0\nlanguage: nl\nextends: ondergrond-nl\nthemes:\n"
        "  - id: geothermie\n    terms: [warmteproject Hengelo-Noord]\n",
    )
    lexicon = load_lexicon(child)
    assert lexicon.theme_ids == THEME_IDS
    assert lexicon.theme("geothermie").terms[-1].text == "warmteproject Hengelo-Noord"


def test_extends_loop_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "name: a\nversion: 1\nextends: lex.yaml\nthemes: []\n")
    assert "loop of 'extends'" in error_of(path)


def test_cli_validate_ok_and_broken(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(
        app, ["lexicon", "validate", str(Path(__file__).parent / "data" / "mini-lexicon.yaml")]
    )
    assert ok.exit_code == 0
    assert ok.output.startswith("OK: mini 0.1.0: 7 thema's")
    broken = write(tmp_path, HEADER + "  - id: x\n    label: X\n    label_en: X\n    terms: []\n")
    result = runner.invoke(app, ["lexicon", "validate", str(broken)])
    assert result.exit_code == ExitCode.LEXICON_INVALID
    assert "regel 5: thema x: een thema heeft minstens één term nodig" in result.output


def test_cli_test_reports_each_failing_example(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "  - id: grondwater\n    label: G\n    label_en: G\n    terms: [grondwater]\n"
        "    examples:\n      match: ['Het grondwater zakt.', 'De kwel neemt toe.']\n"
        "      no_match: ['Het grondwaterpeil stijgt.']\n",
    )
    result = CliRunner().invoke(app, ["lexicon", "test", str(path)])
    assert result.exit_code == ExitCode.LEXICON_INVALID
    assert (
        "FOUT grondwater: geen treffer, maar dit voorbeeld moet passen\n    De kwel neemt toe."
        in result.output
    )
    assert (
        "FOUT grondwater: treffer op grondwater (grondwater), maar dit mag niet passen"
        in result.output
    )
    assert "1 van 3 voorbeelden goed" in result.output


def test_cli_list_and_show() -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["lexicon", "list"])
    assert listed.exit_code == 0
    for theme_id in THEME_IDS:
        assert theme_id in listed.output
    shown = runner.invoke(app, ["lexicon", "show", "geothermie"])
    assert shown.exit_code == 0
    assert shown.output.startswith("geothermie: Geothermie (aardwarmte)")
    unknown = runner.invoke(app, ["lexicon", "show", "vulkanen"])
    assert unknown.exit_code == ExitCode.USAGE


def test_measured_recall_is_read_only_for_the_same_version(tmp_path: Path) -> None:
    import json

    path = write(
        tmp_path, HEADER + "  - id: grondwater\n    label: G\n    label_en: G\n    terms: [kwel]\n"
    )
    accuracy = tmp_path / "lex.accuracy.json"
    accuracy.write_text(json.dumps({"lexicon_version": "0.1.0", "recall": {"grondwater": 0.8}}))
    assert load_lexicon(path).measured_recall == (("grondwater", 0.8),)
    accuracy.write_text(json.dumps({"lexicon_version": "0.0.9", "recall": {"grondwater": 0.8}}))
    os.utime(path, ns=(1, 1))  # loaded lexicons are cached per file version
    assert load_lexicon(path).measured_recall == ()
