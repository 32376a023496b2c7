"""Themes by any name (issue 15, point 6): ids, Dutch labels and their main words, English
glosses, matrix codes and the lexicon's synonyms in ``--themes``, ``explain`` and ``lexicon
show``; a did-you-mean for a typo; errors that name the option or argument used."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_helpers import cli, one_line_error
from visiecheck.errors import ExitCode, LexiconError, UnknownThemeError
from visiecheck.lexicon import load_lexicon
from visiecheck.models import Lexicon
from visiecheck.render._batch import theme_columns
from visiecheck.theme_names import resolve_theme, select_themes, suggest, theme_codes

SHIPPED = load_lexicon(None)


@pytest.mark.parametrize(
    ("name", "theme_id"),
    [
        ("geothermie", "geothermie"),
        ("Geothermie", "geothermie"),
        ("GEOTHERMIE (aardwarmte)", "geothermie"),
        ("aardwarmte", "geothermie"),
        ("Geothermal heat", "geothermie"),
        ("GEO", "geothermie"),
        ("bodemleven", "bodem_landbouw_natuur"),
        ("Bodemvruchtbaarheid", "bodem_landbouw_natuur"),
        ("Bodemleven en bodemvruchtbaarheid", "bodem_landbouw_natuur"),
        ("soil life", "bodem_landbouw_natuur"),
        ("lev", "bodem_landbouw_natuur"),
        ("bodem landbouw natuur", "bodem_landbouw_natuur"),
        ("WKO", "bodemenergie"),
        ("warmte-koudeopslag", "bodemenergie"),
        ("Warmte koudeopslag", "bodemenergie"),
        ("energieopslag", "ondergrondse_opslag"),
        ("Groundwater", "grondwater"),
        ("Drinkwaterwinning", "drinkwater"),
        ("delfstoffenwinning", "mijnbouw"),
        ("zoutwinning", "mijnbouw"),
        ("archeologie", "bodemarchief"),
        ("Ondergronds ruimtegebruik (kabels, leidingen, 3D-ordening)", "ondergronds_ruimtegebruik"),
        ("kabels en leidingen", "ondergronds_ruimtegebruik"),
        ("RUI", "ondergronds_ruimtegebruik"),
    ],
)
def test_a_theme_is_found_by_any_of_its_names(name: str, theme_id: str) -> None:
    assert resolve_theme(SHIPPED, name) == theme_id
    assert select_themes(SHIPPED, name) == (theme_id,)


def test_a_selection_mixes_names_keywords_and_labels_with_commas() -> None:
    assert select_themes(SHIPPED, "core,drinkwater") == (
        "geothermie",
        "ondergrondse_opslag",
        "grondwater",
        "drinkwater",
        "mijnbouw",
    )
    # a comma inside parentheses belongs to the label; the order is the lexicon's
    assert select_themes(
        SHIPPED, "LEV, Ondergronds ruimtegebruik (kabels, leidingen, 3D-ordening), WKO"
    ) == ("bodemenergie", "ondergronds_ruimtegebruik", "bodem_landbouw_natuur")
    assert select_themes(SHIPPED, ["Geothermie", "bodemleven"]) == (
        "geothermie",
        "bodem_landbouw_natuur",
    )
    assert select_themes(SHIPPED, "all") == tuple(SHIPPED.theme_ids)
    # the Dutch keywords: "kern" is what lexicon list marks core themes with
    assert select_themes(SHIPPED, "Kern") == select_themes(SHIPPED, "core")
    assert select_themes(SHIPPED, "alle") == tuple(SHIPPED.theme_ids)


def test_the_matrix_codes_are_the_names_the_selection_accepts() -> None:
    codes = theme_codes(SHIPPED.theme_ids)
    assert codes == {
        "geothermie": "GEO",
        "bodemenergie": "BEN",
        "ondergrondse_opslag": "OPS",
        "grondwater": "GRW",
        "drinkwater": "DRW",
        "mijnbouw": "MIJ",
        "bodemdaling": "DAL",
        "bodemkwaliteit": "KWA",
        "ondergronds_ruimtegebruik": "RUI",
        "bodemarchief": "ARC",
        "bodem_landbouw_natuur": "LEV",
    }
    for theme_id, code in codes.items():
        assert select_themes(SHIPPED, code.lower()) == (theme_id,)


def test_a_typo_gets_a_did_you_mean_that_names_the_field() -> None:
    with pytest.raises(UnknownThemeError) as raised:
        select_themes(SHIPPED, "geothermie,grondwatr")
    assert raised.value.message.startswith(
        "themes: unknown theme 'grondwatr' (did you mean grondwater?); choose core, all or "
        "a theme id, label, code or synonym: geothermie, bodemenergie,"
    )
    assert raised.value.exit_code == ExitCode.USAGE
    with pytest.raises(UnknownThemeError, match=r"^theme_id: unknown theme 'geotermie' \(did"):
        resolve_theme(SHIPPED, "geotermie")
    # every unknown name of a selection gets its own suggestion
    with pytest.raises(UnknownThemeError) as raised:
        select_themes(SHIPPED, "grondwatr, vulkanen, geotermie")
    assert raised.value.message.startswith(
        "themes: unknown themes 'grondwatr' (did you mean grondwater?), 'vulkanen', "
        "'geotermie' (did you mean geothermie?); choose core, all or "
    )
    with pytest.raises(UnknownThemeError, match=r"^themes: no theme given; choose core, all"):
        select_themes(SHIPPED, " , ")
    # a label's main word is suggested with the id it stands for
    assert suggest(SHIPPED, "bodemlevn")[0] == "Bodemleven (bodem_landbouw_natuur)"
    assert suggest(SHIPPED, "vulkanen") == []


def test_the_error_keeps_its_names_when_renamed_or_sent_back_by_a_worker() -> None:
    import pickle

    with pytest.raises(UnknownThemeError) as raised:
        resolve_theme(SHIPPED, "grondwatr")
    renamed = raised.value.named("the THEME argument")
    assert renamed.message == raised.value.message.replace("theme_id: ", "the THEME argument: ")
    travelled = pickle.loads(pickle.dumps(renamed))
    assert (travelled.message, travelled.names, travelled.exit_code) == (
        renamed.message,
        ("grondwatr",),
        ExitCode.USAGE,
    )


def _write_lexicon(tmp_path: Path, themes: str) -> Path:
    path = tmp_path / "eigen.yaml"
    path.write_text(f"name: eigen\nversion: 1.0.0\nthemes:\n{themes}", encoding="utf-8")
    return path


WATER_THEME = """\
  - id: bodem_water
    label: "Bodem en water"
    label_en: "Soil and water"
    terms: [grondwater]
"""
AIR_THEME = """\
  - id: bodem_lucht
    label: "Bodem en lucht"
    label_en: "Soil and air"
    terms: [luchtkwaliteit]
"""


def test_a_derived_name_of_two_themes_is_refused_with_both_ids(tmp_path: Path) -> None:
    lexicon = load_lexicon(_write_lexicon(tmp_path, WATER_THEME + AIR_THEME))
    # "Bodem" is a part of both labels: it means neither
    with pytest.raises(UnknownThemeError) as raised:
        select_themes(lexicon, "bodem")
    assert raised.value.message == (
        "themes: theme 'bodem' fits several themes (bodem_water, bodem_lucht); "
        "give one of these ids"
    )
    assert select_themes(lexicon, "water") == ("bodem_water",)
    # first letters of the id, made unique: the same codes as the batch matrix
    assert theme_codes(lexicon.theme_ids) == {"bodem_water": "BOD", "bodem_lucht": "BO2"}
    assert select_themes(lexicon, "BO2") == ("bodem_lucht",)


def test_the_batch_matrix_uses_the_codes_the_selection_accepts(tmp_path: Path) -> None:
    from visiecheck.models import DocumentReport, Report, Status, ThemeCoverage

    lexicon = load_lexicon(_write_lexicon(tmp_path, WATER_THEME + AIR_THEME))
    themes = tuple(
        ThemeCoverage(theme.id, theme.label, theme.label_en, Status.MISSING, 0, (), ())
        for theme in lexicon.themes
    )
    document = DocumentReport("a.pdf", "Almelo", "0" * 64, 1, (), (), None, themes)
    report = Report("0.1.0", lexicon.info, (document,), tuple(lexicon.theme_ids))
    columns = theme_columns(report, "nl")
    assert [(column.id, column.code) for column in columns] == [
        ("bodem_water", "BOD"),
        ("bodem_lucht", "BO2"),
    ]
    for column in columns:
        assert select_themes(lexicon, column.code) == (column.id,)


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        (
            '["water"]',
            "line 12: theme bodem_lucht: alias 'water' is already a name of theme bodem_water",
        ),
        (
            '["lucht, bodem"]',
            "line 12: theme bodem_lucht, aliases: alias 'lucht, bodem' has a comma",
        ),
        (
            "[Core]",
            "line 12: theme bodem_lucht, aliases: alias 'Core' is a keyword of the theme selection",
        ),
        ('[smog, "Smog"]', "line 12: theme bodem_lucht: alias 'Smog' is listed twice"),
        (
            "[bodem_water]",
            "line 12: theme bodem_lucht: alias 'bodem_water' is already a name of "
            "theme bodem_water",
        ),
    ],
)
def test_aliases_are_validated_like_the_rest(tmp_path: Path, aliases: str, message: str) -> None:
    path = _write_lexicon(tmp_path, WATER_THEME + AIR_THEME + f"    aliases: {aliases}\n")
    with pytest.raises(LexiconError) as raised:
        load_lexicon(path)
    assert raised.value.message.startswith(f"{path.resolve()}: {message}"), raised.value.message


def test_aliases_of_an_extended_theme_add_to_the_shipped_ones(tmp_path: Path) -> None:
    path = tmp_path / "regio.yaml"
    path.write_text(
        "name: regio\nversion: 1.0.0\nextends: ondergrond-nl\nthemes:\n"
        "  - id: grondwater\n    aliases: [grondwaterbeheer]\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon(path)
    assert lexicon.theme("grondwater").aliases[-1] == "grondwaterbeheer"
    assert resolve_theme(lexicon, "Grondwaterbeheer") == "grondwater"
    assert resolve_theme(lexicon, "kwel") == "grondwater"  # the shipped alias stays


def test_the_shipped_lexicon_names_every_theme_by_a_synonym() -> None:
    for theme in SHIPPED.themes:
        assert theme.aliases, theme.id
        for alias in theme.aliases:
            assert resolve_theme(SHIPPED, alias) == theme.id
    assert isinstance(SHIPPED, Lexicon)


# --- the command line ---------------------------------------------------------------


@pytest.fixture
def visie(make_pdf: Callable[..., Path]) -> Path:
    return make_pdf(
        [
            [
                "# Bodem",
                "Wij zetten in op aardwarmte uit diepe aardlagen voor de nieuwe wijken.",
                "Een gezonde bodem met veel bodemleven is de basis voor de landbouw.",
            ]
        ],
        filename="Omgevingsvisie_Rijssen-Holten.pdf",
    )


def test_check_takes_labels_and_codes_in_themes(visie: Path) -> None:
    code, out, _ = cli("check", visie, "--themes", "Geothermie,LEV", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["selected_themes"] == ["geothermie", "bodem_landbouw_natuur"]
    statuses = {theme["id"]: theme["status"] for theme in report["documents"][0]["themes"]}
    assert statuses == {"geothermie": "mentioned", "bodem_landbouw_natuur": "mentioned"}


def test_an_unknown_name_in_themes_names_the_option(visie: Path) -> None:
    for command in (("check", visie), ("diff", visie, visie)):
        code, out, err = cli(*command, "--themes", "grondwatr")
        assert code == ExitCode.USAGE and out == ""
        one_line_error(
            err, "visiecheck: --themes: onbekend thema 'grondwatr' (bedoelt u grondwater?)"
        )


def test_batch_names_the_option_and_takes_matrix_codes(visie: Path) -> None:
    code, _, err = cli("batch", visie.parent, "--themes", "bodemlevn")
    assert code == ExitCode.USAGE
    one_line_error(err, "--themes: onbekend thema 'bodemlevn' (bedoelt u Bodemleven (bodem_")
    code, out, _ = cli("batch", visie.parent, "--themes", "lev,GEO")
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == "| Gemeente       | GEO | LEV | ✔/~/✘ |"
    assert lines[3] == "| Rijssen-Holten |  ~  |  ~  | 0/2/0 |"


def test_explain_takes_any_name_and_blames_its_argument(visie: Path) -> None:
    by_id = cli("explain", visie, "bodem_landbouw_natuur")
    by_word = cli("explain", visie, "bodemleven")
    assert by_id[0] == 0 and by_word == by_id
    assert by_word[1].splitlines()[0] == f"bodem_landbouw_natuur: 2 vermelding(en) in {visie}"
    code, out, err = cli("explain", visie, "geotermie")
    assert code == ExitCode.USAGE and out == ""
    one_line_error(
        err,
        "visiecheck: het argument THEME: onbekend thema 'geotermie' (bedoelt u geothermie?); "
        "kies een thema-id, label, code of synoniem: geothermie,",
    )
    assert "--themes" not in err and "core, all" not in err


def test_lexicon_show_takes_any_name() -> None:
    code, out, _ = cli("lexicon", "show", "WKO")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "bodemenergie: Bodemenergie (WKO) — Ground-source heating and cooling"
    assert (
        "Ook te noemen als: warmte-koudeopslag, koude-warmteopslag, bodemwarmtewisselaar, "
        "BWW, ATES, bodemlus"
    ) in lines
    code, _, err = cli("lexicon", "show", "grondwatr")
    assert code == ExitCode.USAGE
    one_line_error(err, "het argument THEME: onbekend thema 'grondwatr' (bedoelt u grondwater?)")


def test_lexicon_list_shows_the_matrix_code_of_each_theme() -> None:
    code, out, _ = cli("lexicon", "list")
    assert code == 0
    lines = out.splitlines()
    terms = len(SHIPPED.theme("geothermie").terms)
    assert lines[1] == (
        f"  geothermie                 GEO  kern {terms:>3} termen  Geothermie (aardwarmte) — "
        "Geothermal heat"
    )
    assert lines[11].startswith("  bodem_landbouw_natuur      LEV        ")
