"""The readiness lens "Huiswerk klaar" (``--readiness``, lexicon ``gereedheid-nl``).

Each signal found and not found in real Dutch sentences, the requires-traps (a task
alone, a partner alone), the three samples, the seed article, every output format, the
batch's second matrix in HTML and the workbook, the result cache, and the figures on the
blind labelled set (``tests/data/readiness-blind.yaml``) as the README reports them.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from bs4 import BeautifulSoup

import visiecheck
from benchmarks.readiness.blind import measure
from tests.cli_helpers import cli
from visiecheck.analyse.readiness import READINESS_LEXICON
from visiecheck.api import run_lexicon_examples
from visiecheck.lexicon import load_lexicon, shipped_lexicon_dir
from visiecheck.models import SignalStatus
from visiecheck.options import Options, ReportOptions
from visiecheck.pipeline import check
from visiecheck.run import match_cache
from visiecheck.schema import load_report_schema

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed"
ARTICLE = SEED / "grip-op-de-ondergrond-twente.txt"
SIGNALS = (
    "basiskennis",
    "data_en_informatie",
    "opgaven_koppeling",
    "organisatie_samenwerking",
    "sturing_en_uitwerking",
    "warme_overdracht",
)

# One sentence per signal, as a visie would write it (page: the signal's page below).
BASIS = (
    "Het oosten van de gemeente ligt op een stuwwal, en die bodemopbouw bepaalt waar wij bouwen."
)
DATA = "Bij elke nieuwe wijk raadplegen we eerst de Basisregistratie Ondergrond en DINOloket."
TASK = "De energietransitie vraagt ruimte in de ondergrond voor warmtenetten en bodemenergie."
PARTNER = "Samen met het waterschap verhogen we de grondwaterstand in de beekdalen."
STEER = "Wij maken water en bodem sturend bij de keuze waar we bouwen en waar niet."
TRANSFER = "Met de Omgevingswet zijn de bodemtaken van de provincie naar de gemeente gegaan."

# Traps: a task without the subsurface, a partner without it, and sentences that share
# words with the signals without being one.
TASK_ALONE = "De energietransitie vraagt om zonnepanelen op daken en windmolens langs de snelweg."
PARTNER_ALONE = "Samen met de provincie werken we aan betere busverbindingen tussen de kernen."
PLAN_ALONE = "Het omgevingsplan regelt waar terrassen en reclameborden mogen komen."
CARE = (
    "Bij verhuizing naar een verpleeghuis zorgen we voor een warme overdracht tussen zorgverleners."
)

NL_ADVICE = {theme.id: theme.advice for theme in load_lexicon(READINESS_LEXICON).themes}
EN_ADVICE = {theme.id: theme.advice_en for theme in load_lexicon(READINESS_LEXICON).themes}


def _lens(path: Path) -> dict[str, tuple[str, list[int], str]]:
    """Per signal: status, evidence pages and the strongest sentence."""
    report = check([path], options=Options(report=ReportOptions(readiness=True)))
    (document,) = report.documents
    assert document.error is None
    return {
        signal.signal_id: (
            signal.status.value,
            [hit.page for hit in signal.evidence],
            signal.evidence[0].snippet if signal.evidence else "",
        )
        for signal in document.readiness
    }


@pytest.fixture
def all_signals_pdf(make_pdf: Callable[..., Path]) -> Path:
    return make_pdf(
        [
            ["# 2 Onze ondergrond", BASIS, DATA],
            ["# 3 Opgaven", TASK, PARTNER],
            ["# 4 Uitvoering", STEER, TRANSFER],
        ],
        filename="omgevingsvisie-signalen.pdf",
    )


@pytest.fixture
def traps_pdf(make_pdf: Callable[..., Path]) -> Path:
    return make_pdf(
        [["# 3 Opgaven", TASK_ALONE, PARTNER_ALONE], ["# 4 Uitvoering", PLAN_ALONE, CARE]],
        filename="omgevingsvisie-valkuilen.pdf",
    )


# --- the lexicon ---------------------------------------------------------------------


def test_the_readiness_lexicon_has_the_six_signals_with_dutch_labels_and_advice() -> None:
    lexicon = load_lexicon(READINESS_LEXICON)
    assert (lexicon.name, lexicon.version) == ("gereedheid-nl", "1.0.0")
    assert tuple(lexicon.theme_ids) == SIGNALS
    for signal in lexicon.themes:
        assert signal.label and signal.label_en and signal.advice and signal.advice_en
        assert signal.examples_match and signal.examples_no_match, signal.id


def test_the_readiness_lexicon_passes_its_own_examples_and_traps() -> None:
    _lexicon, run = run_lexicon_examples(READINESS_LEXICON)
    assert run.failures == ()
    assert run.total == 66


def test_lexicon_validate_and_test_accept_it_on_the_command_line() -> None:
    code, out, _err = cli("lexicon", "validate", READINESS_LEXICON)
    assert code == 0
    assert out.startswith("OK: gereedheid-nl 1.0.0: 6 thema's")
    code, out, _err = cli("lexicon", "test", READINESS_LEXICON)
    assert code == 0
    assert "66 van 66 voorbeelden goed (gereedheid-nl 1.0.0)" in out


# --- found and not found -------------------------------------------------------------


def test_each_signal_is_found_with_its_own_sentence_as_evidence(all_signals_pdf: Path) -> None:
    assert _lens(all_signals_pdf) == {
        "basiskennis": ("found", [1], BASIS),
        "data_en_informatie": ("found", [1], DATA),
        "opgaven_koppeling": ("found", [2], TASK),
        # "bodemtaken van de provincie" names the province for the soil as well
        "organisatie_samenwerking": ("found", [2, 3], PARTNER),
        "sturing_en_uitwerking": ("found", [3], STEER),
        "warme_overdracht": ("found", [3], TRANSFER),
    }


def test_a_task_or_a_partner_without_the_subsurface_is_no_signal(traps_pdf: Path) -> None:
    lens = _lens(traps_pdf)
    assert lens == {signal: ("not_found", [], "") for signal in SIGNALS}


def test_a_signal_not_found_carries_the_advice_of_the_lexicon(traps_pdf: Path) -> None:
    report = check([traps_pdf], options=Options(report=ReportOptions(readiness=True)))
    (document,) = report.documents
    for signal in document.readiness:
        assert signal.status is SignalStatus.NOT_FOUND
        assert signal.advice_text("nl") == NL_ADVICE[signal.signal_id]
        assert signal.advice_text("en") == EN_ADVICE[signal.signal_id]
    assert NL_ADVICE["warme_overdracht"].startswith("Beschrijf welke bodemtaken de gemeente")


def test_a_signal_only_in_the_table_of_contents_is_not_found(make_pdf: Callable[..., Path]) -> None:
    # the contents line names the data source, the text never uses it
    path = make_pdf(
        [
            ["# Inhoud", "4 Basisregistratie Ondergrond ........ 2"],
            ["# 4 Wonen", "We bouwen tweeduizend woningen in de kernen."],
        ]
    )
    assert _lens(path)["data_en_informatie"] == ("not_found", [], "")


def test_without_the_lens_a_report_has_no_readiness_block(all_signals_pdf: Path) -> None:
    report = visiecheck.check_files([all_signals_pdf])
    assert report.documents[0].readiness == ()
    assert report.readiness_lexicon is None
    data = json.loads(visiecheck.render_report(report, "json"))
    assert "readiness" not in data["documents"][0]
    assert "readiness_lexicon" not in data


# --- theme verdicts never change -----------------------------------------------------


@pytest.mark.parametrize("name", ["beekdal", "hoogerbrug", "zuiderveen"])
def test_the_lens_never_changes_the_themes(name: str) -> None:
    path = SAMPLES / f"omgevingsvisie-{name}.pdf"
    without = visiecheck.check_files([path], read=visiecheck.ReadOptions(use_cache=False))
    with_lens = visiecheck.check_files(
        [path], readiness=True, read=visiecheck.ReadOptions(use_cache=False)
    )
    assert with_lens.documents[0].themes == without.documents[0].themes
    assert with_lens.lexicon == without.lexicon
    assert len(with_lens.documents[0].readiness) == 6


def test_the_batch_theme_matrix_is_the_same_with_and_without_the_lens(tmp_path: Path) -> None:
    folder = _sample_folder(tmp_path)
    code_a, without, _ = cli("batch", folder, "--format", "markdown")
    code_b, with_lens, _ = cli("batch", folder, "--format", "markdown", "--readiness")
    assert code_a == code_b == 0
    theme_matrix = without.split("\n\n")[1]
    assert theme_matrix.startswith("| Gemeente | GEO |")
    assert with_lens.split("\n\n")[1] == theme_matrix


# --- the samples and the seed article ------------------------------------------------


def test_the_samples_get_the_readiness_blocks_their_text_supports() -> None:
    beekdal = _lens(SAMPLES / "omgevingsvisie-beekdal.pdf")
    hoogerbrug = _lens(SAMPLES / "omgevingsvisie-hoogerbrug.pdf")
    zuiderveen = _lens(SAMPLES / "omgevingsvisie-zuiderveen.pdf")
    assert {signal: found[0] for signal, found in beekdal.items()} == {
        **dict.fromkeys(SIGNALS, "found"),
        "warme_overdracht": "not_found",
    }
    assert {signal: found[0] for signal, found in hoogerbrug.items()} == {
        "basiskennis": "not_found",
        "data_en_informatie": "found",
        "opgaven_koppeling": "found",
        "organisatie_samenwerking": "found",
        "sturing_en_uitwerking": "not_found",
        "warme_overdracht": "not_found",
    }
    # Zuiderveen's section on soil quality says what it does with the soil duties it took over
    assert {signal: found[0] for signal, found in zuiderveen.items()} == dict.fromkeys(
        SIGNALS, "found"
    )
    assert zuiderveen["warme_overdracht"] == (
        "found",
        [6],
        "Sinds de Omgevingswet zijn de bodemtaken van de provincie naar de gemeente "
        "overgegaan; na die warme overdracht kiezen we per locatie zelf hoe we met de oude "
        "verontreinigingen omgaan.",
    )
    # the strongest sentences, as the sample texts write them
    assert beekdal["sturing_en_uitwerking"][2] == (
        "Daarom werken we toe naar 3D-ordening: bij nieuwe wijken en bij grote "
        "herinrichtingen ontwerpen we de ondergrondse infrastructuur tegelijk met de "
        "openbare ruimte."
    )
    assert hoogerbrug["data_en_informatie"] == (
        "found",
        [8],
        "We breiden met het waterschap het meetnet voor grondwaterstanden uit en pakken de "
        "grondwateroverlast in de lage straten aan.",
    )
    assert hoogerbrug["organisatie_samenwerking"][1:] == (
        [7, 8],
        "Samen met het waterschap meten we de grondwaterstanden op vaste punten in de stad "
        "en de dorpen.",
    )
    assert zuiderveen["opgaven_koppeling"][2] == (
        "Bij nieuwbouw houden we vooraf rekening met zetting van de slappe bodem."
    )


@pytest.mark.skipif(not ARTICLE.is_file(), reason="../shared/seed not present")
def test_the_seed_article_shows_organisation_and_data() -> None:
    code, out, _err = cli("check", ARTICLE, "--readiness", "--format", "json")
    assert code == 0
    (document,) = json.loads(out)["documents"]
    statuses = {signal["id"]: signal["status"] for signal in document["readiness"]}
    assert statuses["organisatie_samenwerking"] == "found"
    assert statuses["data_en_informatie"] == "found"
    data = next(s for s in document["readiness"] if s["id"] == "data_en_informatie")
    assert [item["term"] for item in data["evidence"]] == ["bodematlas"]


# --- the output formats --------------------------------------------------------------


def test_json_readiness_follows_the_schema_and_the_contract(all_signals_pdf: Path) -> None:
    code, out, _err = cli("check", all_signals_pdf, "--readiness", "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, load_report_schema())
    assert data["readiness_lexicon"]["name"] == "gereedheid-nl"
    assert data["readiness_lexicon"]["version"] == "1.0.0"
    (document,) = data["documents"]
    assert [signal["id"] for signal in document["readiness"]] == list(SIGNALS)
    transfer = document["readiness"][5]
    assert transfer["label"] == "Warme overdracht van bodemtaken"
    assert transfer["label_en"] == "Transfer of soil duties to the municipality"
    assert transfer["status"] == "found"
    assert transfer["advice"] is None
    assert transfer["evidence"][0]["page"] == 3
    assert transfer["evidence"][0]["term"] == "bodemtaken"
    assert transfer["evidence"][0]["snippet"] == TRANSFER
    assert transfer["evidence"][0]["section"] == "4 Uitvoering"


def test_json_of_a_trap_document_gives_advice_in_both_languages(traps_pdf: Path) -> None:
    _code, out, _err = cli("check", traps_pdf, "--readiness", "--format", "json")
    (document,) = json.loads(out)["documents"]
    jsonschema.validate(json.loads(out), load_report_schema())
    for signal in document["readiness"]:
        assert signal["status"] == "not_found"
        assert signal["evidence"] == []
        assert signal["advice"] == NL_ADVICE[signal["id"]]
        assert signal["advice_en"] == EN_ADVICE[signal["id"]]


def test_the_table_lists_each_signal_with_its_sentence_or_advice(
    all_signals_pdf: Path, traps_pdf: Path
) -> None:
    _code, found, _err = cli("check", all_signals_pdf, "--readiness")
    assert "Huiswerk klaar: 6 van 6 signalen gevonden" in found
    assert "✔ gevonden  Warme overdracht van bodemtaken" in found
    assert "    p. 3, 4 Uitvoering: Met de Omgevingswet zijn de bodemtaken" in found
    _code, missing, _err = cli("check", traps_pdf, "--readiness", "--lang", "en")
    assert "Readiness (Huiswerk klaar): 0 of 6 signals found" in missing
    assert "✘ not found  Societal tasks linked to the subsurface" in missing
    assert "    Advice: Show for each task (energy, climate adaptation, housing)" in missing


def test_markdown_has_a_huiswerk_klaar_table(traps_pdf: Path) -> None:
    _code, out, _err = cli("check", traps_pdf, "--readiness", "--format", "markdown")
    block = out[out.index("### Huiswerk klaar") :]
    rows = [line for line in block.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Signaal | Status | Bewijs of advies |"
    assert rows[4] == (
        "| Organisatie en samenwerking rond de ondergrond | ✘ niet gevonden | Advies: "
        + NL_ADVICE["organisatie_samenwerking"]
        + " |"
    )
    assert "- 0 van 6 signalen gevonden" in block


def test_html_has_a_readiness_table_per_document(all_signals_pdf: Path) -> None:
    _code, out, _err = cli("check", all_signals_pdf, "--readiness", "--format", "html")
    soup = BeautifulSoup(out, "html.parser")
    table = soup.find("table", class_="readiness")
    rows = {row["data-signal"]: row for row in table.find_all("tr", attrs={"data-signal": True})}
    assert list(rows) == list(SIGNALS)
    partner = rows["organisatie_samenwerking"].find_all("td")
    assert partner[1].get_text() == "✔ gevonden"
    assert "signal-found" in partner[1]["class"]
    assert partner[2].get_text() == f"p. 2, 3 Opgaven: “{PARTNER}”"
    assert partner[2].find("mark").get_text() == "Samen met"


def test_csv_adds_signal_rows_and_two_columns_only_with_the_lens(traps_pdf: Path) -> None:
    _code, plain, _err = cli("check", traps_pdf, "--format", "csv")
    _code, lens, _err = cli("check", traps_pdf, "--format", "csv", "--readiness")
    plain_rows = list(csv.reader(io.StringIO(plain.lstrip("\ufeff")), delimiter=";"))
    lens_rows = list(csv.reader(io.StringIO(lens.lstrip("\ufeff")), delimiter=";"))
    assert lens_rows[0] == [*plain_rows[0], "lens", "advies"]
    themes = len(plain_rows) - 1
    assert [row[:-2] for row in lens_rows[1 : themes + 1]] == plain_rows[1:]
    assert {row[-2] for row in lens_rows[1 : themes + 1]} == {"thema"}
    signal_rows = lens_rows[themes + 1 :]
    assert [row[2] for row in signal_rows] == list(SIGNALS)
    assert signal_rows[0][4:6] == ["not_found", "niet gevonden"]
    assert signal_rows[0][-2:] == ["huiswerk klaar", NL_ADVICE["basiskennis"]]


# --- the batch: a second matrix and a sheet ------------------------------------------


def _sample_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "visies"
    folder.mkdir()
    for name in ("beekdal", "hoogerbrug", "zuiderveen"):
        shutil.copy(SAMPLES / f"omgevingsvisie-{name}.pdf", folder)
    return folder


EXPECTED_MATRIX = {
    "Beekdal": ["✔", "✔", "✔", "✔", "✔", "✘", "5/6"],
    "Hoogerbrug": ["✘", "✔", "✔", "✔", "✘", "✘", "3/6"],
    "Zuiderveen": ["✔", "✔", "✔", "✔", "✔", "✔", "6/6"],
}


def test_batch_html_shows_the_second_matrix(tmp_path: Path) -> None:
    folder = _sample_folder(tmp_path)
    target = tmp_path / "overzicht.html"
    code, _out, _err = cli("batch", folder, "--readiness", "-o", target)
    assert code == 0
    soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
    section = soup.find("section", id="huiswerk-klaar")
    assert section.h2.get_text() == "Huiswerk klaar per gemeente"
    table = section.find("table", class_="readiness")
    headers = [th.get_text() for th in table.thead.find_all("th")]
    assert headers == ["Gemeente", "BAS", "DAT", "OPG", "ORG", "STU", "WAR", "✔"]
    body = {
        row.th.get_text(): [td.get_text() for td in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }
    assert body == {
        **EXPECTED_MATRIX,
        "Totaal (van 3 gemeenten)": ["2", "3", "3", "3", "2", "1", "3"],
    }
    hoogerbrug_basis = table.tbody.find_all("tr")[1].find_all("td")[0]
    assert hoogerbrug_basis["title"] == f"Advies: {NL_ADVICE['basiskennis']}"
    # without the lens there is no second matrix
    plain = tmp_path / "zonder.html"
    cli("batch", folder, "-o", plain)
    assert "huiswerk-klaar" not in plain.read_text(encoding="utf-8")


def test_batch_xlsx_has_the_huiswerk_klaar_sheet(tmp_path: Path) -> None:
    folder = _sample_folder(tmp_path)
    target = tmp_path / "overzicht.xlsx"
    code, _out, _err = cli("batch", folder, "--readiness", "-o", target)
    assert code == 0
    workbook = openpyxl.load_workbook(target)
    assert "Huiswerk klaar" in workbook.sheetnames
    sheet = workbook["Huiswerk klaar"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:8] == (
        "Gemeente",
        "Basiskennis van de ondergrond",
        "Data en informatie over de ondergrond",
        "Opgaven gekoppeld aan de ondergrond",
        "Organisatie en samenwerking rond de ondergrond",
        "Sturing en uitwerking",
        "Warme overdracht van bodemtaken",
        "✔",
    )
    words = {"✔": "gevonden", "✘": "niet gevonden"}
    for row in rows[1:4]:
        expected = EXPECTED_MATRIX[row[0]]
        assert list(row[1:7]) == [words[symbol] for symbol in expected[:6]]
        assert row[7] == expected[6]
    assert rows[4][:8] == ("Totaal", 2, 3, 3, 3, 2, 1, 3)
    details = rows[6:]
    assert details[0][:5] == ("Gemeente", "Signaal", "Status", "pagina", "Bewijs of advies")
    hoogerbrug_data = next(r for r in details if r[0] == "Hoogerbrug" and r[1].startswith("Data"))
    assert hoogerbrug_data[2:4] == ("gevonden", 8)
    assert hoogerbrug_data[4].startswith("We breiden met het waterschap het meetnet")
    advice = next(r for r in details if r[0] == "Beekdal" and r[1].startswith("Warme"))
    assert advice[2:5] == ("niet gevonden", None, NL_ADVICE["warme_overdracht"])
    # without the lens the workbook is as it was
    plain = tmp_path / "zonder.xlsx"
    cli("batch", folder, "-o", plain)
    assert "Huiswerk klaar" not in openpyxl.load_workbook(plain).sheetnames


def test_batch_table_and_markdown_show_the_second_matrix(tmp_path: Path) -> None:
    folder = _sample_folder(tmp_path)
    _code, table, _err = cli("batch", folder, "--readiness")
    assert "Huiswerk klaar per gemeente" in table
    assert "| Hoogerbrug |  ✘  |  ✔  |  ✔  |  ✔  |  ✘  |  ✘  | 3/6 |" in table
    _code, markdown, _err = cli("batch", folder, "--readiness", "--format", "markdown")
    block = markdown[markdown.index("## Huiswerk klaar per gemeente") :]
    assert "| Zuiderveen | ✔ | ✔ | ✔ | ✔ | ✔ | ✔ | 6/6 |" in block
    assert "| **Totaal** | 2 | 3 | 3 | 3 | 2 | 1 | |" in block


# --- the result cache ----------------------------------------------------------------


def test_the_cache_key_depends_on_the_lens_and_the_payload_keeps_it(all_signals_pdf: Path) -> None:
    lexicon = load_lexicon(None)
    plain, lens = Options(), Options(report=ReportOptions(readiness=True))
    assert match_cache.cache_key("ab" * 32, lexicon, plain, None) != match_cache.cache_key(
        "ab" * 32, lexicon, lens, None
    )
    document = check([all_signals_pdf], options=lens).documents[0]
    restored = match_cache.from_payload(match_cache.to_payload(document))
    assert restored.readiness == document.readiness


def test_a_cached_run_without_the_lens_does_not_hide_it(all_signals_pdf: Path) -> None:
    first = visiecheck.check_files([all_signals_pdf])  # stores the result without the lens
    assert first.documents[0].readiness == ()
    second = visiecheck.check_files([all_signals_pdf], readiness=True)
    assert [signal.status.value for signal in second.documents[0].readiness] == ["found"] * 6
    again = visiecheck.check_files([all_signals_pdf], readiness=True)  # now from the cache
    assert again.documents[0].readiness == second.documents[0].readiness


def test_the_readiness_cache_key_follows_the_readiness_lexicon(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # an edited gereedheid-nl (one term more) must not reuse results of the shipped one
    lexicon = load_lexicon(None)
    lens = Options(report=ReportOptions(readiness=True))
    shipped_key = match_cache.cache_key("cd" * 32, lexicon, lens, None)
    edited = tmp_path / "gereedheid-nl.yaml"
    text = (shipped_lexicon_dir() / "gereedheid-nl.yaml").read_text(encoding="utf-8")
    edited.write_text(
        text.replace("      - bodemopbouw\n", "      - bodemopbouw\n      - lössleem\n")
    )
    edited_lexicon = load_lexicon(edited)
    assert edited_lexicon.themes != load_lexicon(READINESS_LEXICON).themes
    import visiecheck.lexicon as lexicon_module

    real = lexicon_module.load_lexicon
    monkeypatch.setattr(
        lexicon_module,
        "load_lexicon",
        lambda name=None: edited_lexicon if name == READINESS_LEXICON else real(name),
    )
    assert match_cache.cache_key("cd" * 32, lexicon, lens, None) != shipped_key


# --- the blind labelled set ----------------------------------------------------------


def test_blind_set_figures_are_the_ones_the_readme_reports() -> None:
    scores = measure()
    counts = {
        signal: (s.true_positives, s.false_positives, s.false_negatives)
        for signal, s in scores.items()
    }
    assert counts == {
        "basiskennis": (8, 8, 7),
        "data_en_informatie": (12, 0, 3),
        "opgaven_koppeling": (8, 0, 10),
        "organisatie_samenwerking": (14, 3, 5),
        "sturing_en_uitwerking": (11, 1, 8),
        "warme_overdracht": (6, 0, 6),
        "overall": (59, 12, 39),
    }
    overall = scores["overall"]
    assert (round(overall.precision, 2), round(overall.recall, 2)) == (0.83, 0.60)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for signal, score in scores.items():
        row = (
            f"| `{signal}` | {score.true_positives} | {score.false_positives} | "
            f"{score.false_negatives} | {score.precision:.2f} | {score.recall:.2f} |"
        )
        assert row in readme, row


# --- the command line ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "batch"])
def test_check_and_batch_offer_readiness_in_their_help(command: str) -> None:
    code, out, _err = cli(command, "--help")
    assert code == 0
    assert "--readiness" in out


def test_the_python_api_takes_readiness_as_an_option_too(all_signals_pdf: Path) -> None:
    by_option = visiecheck.check_files(
        [all_signals_pdf], report=visiecheck.ReportOptions(readiness=True)
    )
    by_flag = visiecheck.check_files([all_signals_pdf], readiness=True)
    assert by_option.documents[0].readiness == by_flag.documents[0].readiness
    assert by_option.readiness_lexicon == by_flag.readiness_lexicon
    assert by_option.readiness_lexicon is not None
