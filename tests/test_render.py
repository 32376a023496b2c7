"""Tests of the renderers on a report built here: exact cells, words, escaping, widths."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import jsonschema
import pytest

from visiecheck.errors import UsageError
from visiecheck.models import (
    Context,
    Depth,
    DocumentReport,
    Hit,
    LexiconInfo,
    Report,
    SearchInfo,
    SectionKind,
    Stance,
    Status,
    ThemeCoverage,
)
from visiecheck.render import FORMATS, compress_pages, render
from visiecheck.render._text import shorten
from visiecheck.render.csv_report import render_csv
from visiecheck.render.html import render_html
from visiecheck.render.i18n import MESSAGES, join_words, status_label, t
from visiecheck.render.json_report import render_json, to_json_dict
from visiecheck.render.markdown import render_markdown
from visiecheck.render.terminal import render_table
from visiecheck.schema import load_report_schema

ANSI = re.compile(r"\x1b\[")
ROOT = Path(__file__).resolve().parent.parent

# --- the report under test ----------------------------------------------------------------

LABELS = {
    "geothermie": ("Geothermie (aardwarmte)", "Geothermal energy"),
    "bodemenergie": ("Bodemenergie (WKO)", "Ground-source energy"),
    "ondergrondse_opslag": ("Ondergrondse opslag van energie en stoffen", "Underground storage"),
    "grondwater": ("Grondwater", "Groundwater"),
    "drinkwater": ("Drinkwater en waterwinning", "Drinking water"),
    "mijnbouw": ("Mijnbouw", "Mining"),
    "bodemdaling": ("Bodemdaling", "Land subsidence"),
    "bodemkwaliteit": ("Bodemkwaliteit en verontreiniging", "Soil quality"),
    "ondergronds_ruimtegebruik": (
        "Ondergronds ruimtegebruik (kabels en leidingen)",
        "Use of underground space",
    ),
    "bodemarchief": ("Bodemarchief (archeologie en aardkunde)", "Soil archive"),
    "bodem_landbouw_natuur": ("Bodemleven en bodemvruchtbaarheid", "Soil life and fertility"),
}

GEOTHERMIE_SENTENCE = (
    "De gemeente onderzoekt samen met de provincie of aardwarmte uit de diepe ondergrond "
    "de wijken ten oosten van het spoor kan verwarmen."
)
GRONDWATER_SENTENCE = (
    "Door de droge zomers van de afgelopen jaren is de grondwaterstand op de hoge "
    "zandgronden flink gedaald; daarom houden we regenwater zo lang mogelijk vast in het "
    "gebied, leggen we wadi's aan in nieuwe wijken en vragen we agrariërs om minder water "
    "op te pompen voor de beregening van hun percelen."
)
SPONS_SENTENCE = 'Het waterschap noemt dit "de sponswerking" van de bodem; dat vraagt ruimte.'
KABELS_SENTENCE = (
    "Kabels en leidingen | ondergrondse infrastructuur <kaart 6> bundelen we in de berm."
)


def hit(theme: str, term: str, matched: str, page: int, snippet: str, **kwargs) -> Hit:
    start = snippet.lower().find(matched.lower())
    return Hit(
        theme_id=theme,
        term=term,
        matched_text=matched,
        match=kwargs.pop("match", "exact"),
        page=page,
        start=max(start, 0),
        end=max(start, 0) + len(matched),
        snippet=snippet,
        sentence_id=kwargs.pop("sentence_id", 0),
        **kwargs,
    )


def coverage(theme: str, status: Status, pages: tuple[int, ...], *hits: Hit, mentions=None):
    label, label_en = LABELS[theme]
    return ThemeCoverage(
        theme_id=theme,
        label=label,
        label_en=label_en,
        status=status,
        mentions=len(hits) if mentions is None else mentions,
        pages=pages,
        evidence=hits,
        distinct_sentences=len({(h.page, h.sentence_id) for h in hits}),
    )


def missing(theme: str) -> ThemeCoverage:
    return coverage(theme, Status.MISSING, ())


def build_report() -> Report:
    """Two documents: a read visie with all 11 themes, and one that could not be read."""
    A, M = Status.ADDRESSED, Status.MENTIONED
    themes = (
        coverage(
            "geothermie",
            A,
            (14, 15, 31),
            hit("geothermie", "aardwarmte", "aardwarmte", 14, GEOTHERMIE_SENTENCE, match="lemma"),
            hit(
                "geothermie", "geothermie", "Geothermie", 15, "Geothermie", context=Context.HEADING
            ),
            hit(
                "geothermie",
                "geothermie",
                "geothermische",
                31,
                "Een geothermische bron vraagt een boring van ruim twee kilometer diep.",
                match="lemma",
            ),
            mentions=5,
        ),
        coverage(
            "bodemenergie",
            M,
            (22,),
            hit(
                "bodemenergie",
                "WKO",
                "WKO",
                22,
                "Bij nieuwbouw stimuleren we warmte-koudeopslag (WKO) waar de bodem geschikt is.",
            ),
        ),
        missing("ondergrondse_opslag"),
        coverage(
            "grondwater",
            A,
            (4, 7, 8, 9, 31),
            hit(
                "grondwater",
                "grondwater",
                "grondwaterstand",
                7,
                GRONDWATER_SENTENCE,
                match="compound",
            ),
            hit("grondwater", "bodem", "bodem", 8, SPONS_SENTENCE, sentence_id=3),
            mentions=9,
        ),
        coverage(
            "drinkwater",
            M,
            (18,),
            hit(
                "drinkwater",
                "waterwingebied",
                "waterwingebied",
                18,
                "Rond het waterwingebied bij de Ommerweg staan we geen nieuwe bodemlussen toe.",
            ),
            mentions=2,
        ),
        missing("mijnbouw"),
        coverage(
            "bodemdaling",
            A,
            (5, 6),
            hit(
                "bodemdaling",
                "bodemdaling",
                "bodemdaling",
                5,
                "In het veenweidegebied maakt bodemdaling het beheer van wegen duurder.",
            ),
            hit(
                "bodemdaling",
                "bodemdaling",
                "Bodemdaling",
                6,
                "Bodemdaling vraagt om hoger peil in de polder.",
            ),
        ),
        coverage(
            "bodemkwaliteit",
            M,
            (40,),
            hit(
                "bodemkwaliteit",
                "bodemkwaliteit",
                "bodemkwaliteitskaart",
                40,
                "Voor grondverzet gebruiken we de bodemkwaliteitskaart van de regio.",
                match="compound",
            ),
        ),
        coverage(
            "ondergronds_ruimtegebruik",
            M,
            (27,),
            hit(
                "ondergronds_ruimtegebruik",
                "kabels en leidingen",
                "Kabels en leidingen",
                27,
                KABELS_SENTENCE,
            ),
        ),
        missing("bodemarchief"),
        coverage(
            "bodem_landbouw_natuur",
            A,
            (33, 34, 35, 36),
            hit(
                "bodem_landbouw_natuur",
                "bodemleven",
                "bodemleven",
                33,
                "Een gezonde bodem met veel bodemleven is de basis voor landbouw en natuur.",
            ),
            mentions=6,
        ),
    )
    read = DocumentReport(
        file="visies/omgevingsvisie-ommerwold.pdf",
        municipality="Ommerwold",
        sha256=hashlib.sha256(b"ommerwold").hexdigest(),
        pages=48,
        pages_without_text=(12, 13),
        warnings=("pagina 12 en 13 hebben geen tekstlaag; lees ze met OCR",),
        error=None,
        themes=themes,
    )
    failed = DocumentReport(
        file="archief/visie-2009.pdf",
        municipality="Oudedorp",
        sha256="",
        pages=0,
        pages_without_text=(),
        warnings=(),
        error="het bestand is beveiligd met een wachtwoord; geef het met --password",
        themes=(),
        error_code=6,
    )
    return Report(
        tool_version="0.1.0",
        lexicon=LexiconInfo(
            name="ondergrond-nl", version="1.0.0", themes=11, content_hash="0123456789ab"
        ),
        documents=(read, failed),
    )


@pytest.fixture
def report() -> Report:
    return build_report()


def first_hit_replaced(report: Report, theme: str, snippet: str, matched: str) -> Report:
    """The report with the strongest evidence of ``theme`` in document 0 replaced."""
    document = report.documents[0]
    themes = tuple(
        replace(c, evidence=(hit(theme, matched, matched, 8, snippet), *c.evidence[1:]))
        if c.theme_id == theme
        else c
        for c in document.themes
    )
    return replace(report, documents=(replace(document, themes=themes), *report.documents[1:]))


# --- i18n -------------------------------------------------------------------------------


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    import string

    assert set(MESSAGES) == {"nl", "en"}
    assert MESSAGES["nl"].keys() == MESSAGES["en"].keys()
    for key, dutch in MESSAGES["nl"].items():
        fields = {name for _, name, _, _ in string.Formatter().parse(dutch) if name}
        english = {name for _, name, _, _ in string.Formatter().parse(MESSAGES["en"][key]) if name}
        assert fields == english, key


def test_status_words_and_symbols() -> None:
    assert [status_label(s, "nl") for s in Status] == ["✘ ontbreekt", "~ genoemd", "✔ uitgewerkt"]
    assert [status_label(s, "en") for s in Status] == ["✘ missing", "~ mentioned", "✔ addressed"]
    assert t("missing_line", "nl", themes="mijnbouw") == "Ontbreekt: mijnbouw"
    assert t("missing_line", "en", themes="mining") == "Missing: mining"
    assert t("error_line", error="kapot") == "Fout: kapot"


def test_unknown_language_is_a_usage_error(report: Report) -> None:
    with pytest.raises(UsageError, match="unknown language 'de'"):
        t("error", "de")
    with pytest.raises(UsageError, match="unknown language"):
        render(report, "table", lang="fr")


def test_join_words() -> None:
    words = ["geothermie", "mijnbouw", "bodemarchief"]
    assert join_words(words, "nl") == "geothermie, mijnbouw en bodemarchief"
    assert join_words(words, "en") == "geothermie, mijnbouw and bodemarchief"
    assert join_words(["mijnbouw"], "nl") == "mijnbouw"
    assert join_words([], "nl") == ""
    # An item that contains "en" itself would make the list ambiguous.
    assert join_words(["drinkwater en waterwinning", "mijnbouw"], "nl") == (
        "drinkwater en waterwinning; mijnbouw"
    )


# --- shared text helpers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ([4, 7, 8, 9, 31], "4, 7–9, 31"),
        ([31, 9, 4, 8, 7, 8], "4, 7–9, 31"),
        ([5, 6], "5–6"),
        ([12], "12"),
        ([], ""),
        ([1, 2, 3, 5, 7, 8], "1–3, 5, 7–8"),
    ],
)
def test_compress_pages(pages: list[int], expected: str) -> None:
    assert compress_pages(pages) == expected


def test_compress_pages_with_hyphen() -> None:
    assert compress_pages([4, 7, 8, 9, 31], dash="-") == "4, 7-9, 31"


def test_shorten_keeps_the_term_and_marks_cuts() -> None:
    start = GRONDWATER_SENTENCE.index("agrariërs")
    text, spans = shorten(GRONDWATER_SENTENCE, [(start, start + len("agrariërs"))], 60)
    assert text == "…en vragen we agrariërs om minder water op te pompen…"
    assert [text[a:b] for a, b in spans] == ["agrariërs"]
    assert shorten("Kort.", [(0, 4)], 60) == ("Kort.", [(0, 4)])


def test_shorten_at_the_start_and_end_of_a_sentence() -> None:
    text, spans = shorten(GRONDWATER_SENTENCE, [(0, 4)], 40)
    assert text == "Door de droge zomers van de afgelopen…"
    assert spans == [(0, 4)]
    end = len(GRONDWATER_SENTENCE)
    text, spans = shorten(GRONDWATER_SENTENCE, [(end - 9, end - 1)], 40)
    assert text == "…voor de beregening van hun percelen."
    assert [text[a:b] for a, b in spans] == ["percelen"]


# --- json -------------------------------------------------------------------------------


def validate(data: dict) -> None:
    jsonschema.Draft202012Validator(load_report_schema()).validate(data)


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = load_report_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_json_has_the_contract_shape(report: Report) -> None:
    data = to_json_dict(report)
    validate(data)
    assert list(data) == [
        "schema", "tool", "lexicon", "selected_themes", "documents", "duplicates",
        # added by issue 15, after the fields before them (never renamed, never moved)
        "created", "groups", "examples",
    ]  # fmt: skip
    assert (data["created"], data["groups"], data["examples"]) == (None, [], [])
    assert data["duplicates"] == []
    assert data["schema"] == "visiecheck.report/1"
    assert data["tool"] == {"name": "visiecheck", "version": "0.1.0"}
    assert data["lexicon"] == {
        "name": "ondergrond-nl", "version": "1.0.0", "themes": 11,
        "content_hash": "0123456789ab", "modified": False,
    }  # fmt: skip
    read, failed = data["documents"]
    assert [theme["id"] for theme in read["themes"]] == list(LABELS)
    assert {k: v for k, v in read.items() if k != "themes"} == {
        "file": "visies/omgevingsvisie-ommerwold.pdf",
        "municipality": "Ommerwold",
        "sha256": hashlib.sha256(b"ommerwold").hexdigest(),
        "pages": 48,
        "pages_without_text": [12, 13],
        "warnings": ["pagina 12 en 13 hebben geen tekstlaag; lees ze met OCR"],
        "error": None,
        "error_code": None,
        "location_unit": "page",
        "version": None,
        "status": None,
        "file_date": None,
        # added by issue 16: what the content was read as, a STOP/DSO document's metadata
        "source_format": None,
        "metadata": None,
    }
    assert list(read)[-6:] == [
        "themes", "version", "status", "file_date", "source_format", "metadata"
    ]  # fmt: skip
    assert read["themes"][1] == {
        "id": "bodemenergie",
        "label": "Bodemenergie (WKO)",
        "label_en": "Ground-source energy",
        "status": "mentioned",
        "mentions": 1,
        "pages": [22],
        "distinct_sentences": 1,
        # a report built without the verdict fields: their defaults
        "depth": "missing",
        "stance": None,
        "searched": None,
        "evidence": [
            {
                "page": 22,
                "term": "WKO",
                "match": "exact",
                "snippet": "Bij nieuwbouw stimuleren we warmte-koudeopslag (WKO) waar de bodem "
                "geschikt is.",
                "matched_text": "WKO",
                "context": "body",
                "section": "",
                "section_kind": "text",
                "stance": None,
                "incidental": False,
                "paragraph": 0,  # issue 16: only STOP/DSO documents number paragraphs
            }
        ],
    }
    assert read["themes"][5] == {
        "id": "mijnbouw",
        "label": "Mijnbouw",
        "label_en": "Mining",
        "status": "missing",
        "mentions": 0,
        "pages": [],
        "distinct_sentences": 0,
        "depth": "missing",
        "stance": None,
        "searched": None,
        "evidence": [],
    }
    assert read["themes"][0]["evidence"][1]["context"] == "heading"
    assert failed == {
        "file": "archief/visie-2009.pdf",
        "municipality": "Oudedorp",
        "sha256": "",
        "pages": 0,
        "pages_without_text": [],
        "warnings": [],
        "error": "het bestand is beveiligd met een wachtwoord; geef het met --password",
        "error_code": 6,
        "location_unit": "page",
        "themes": [],
        "version": None,
        "status": None,
        "file_date": None,
        "source_format": None,
        "metadata": None,
    }


def test_json_text_round_trips(report: Report) -> None:
    text = render(report, "json")
    assert text == render_json(report)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "agrariërs" in text  # not ASCII-escaped
    assert '\n  "schema": "visiecheck.report/1",\n' in text  # indent 2
    data = json.loads(text)
    assert data == to_json_dict(report)
    validate(data)


def test_json_of_a_failed_document_never_lists_themes(report: Report) -> None:
    broken = replace(report.documents[1], themes=report.documents[0].themes)
    data = to_json_dict(replace(report, documents=(broken,)))
    assert data["documents"][0]["themes"] == []
    validate(data)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["documents"][0]["themes"][0].update(status="covered"),
        lambda d: d["documents"][0]["themes"][0]["evidence"][0].update(match="regex"),
        lambda d: d["documents"][0]["themes"][5].update(mentions=2),
        lambda d: d["documents"][0]["themes"][1].update(pages=[]),
        lambda d: d["documents"][0]["themes"][0].update(pages=[0]),
        lambda d: d["documents"][1].update(themes=d["documents"][0]["themes"]),
        lambda d: d["documents"][0].pop("pages_without_text"),
        lambda d: d["documents"][0].update(sha256="abc"),
        lambda d: d.update(schema="visiecheck.report/2"),
        lambda d: d["documents"][0]["themes"][0].update(id="Geo-thermie"),
    ],
)
def test_schema_rejects_broken_reports(report: Report, damage) -> None:
    data = to_json_dict(report)
    damage(data)
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


# --- csv --------------------------------------------------------------------------------


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_csv_rows(report: Report) -> None:
    text = render(report, "csv")
    assert text == render_csv(report)
    rows = read_csv(text)
    assert rows[0] == [
        "gemeente", "bestand", "thema_id", "thema", "status", "status_tekst",
        "vermeldingen", "paginas", "bewijs", "fout", "diepgang", "houding", "sectie", "eenheid",
        "versie", "documentstatus", "bestandsdatum", "in_overzicht",
    ]  # fmt: skip
    assert len(rows) == 1 + 11 + 1
    file = "visies/omgevingsvisie-ommerwold.pdf"
    assert rows[1] == [
        "Ommerwold", file, "geothermie", "Geothermie (aardwarmte)", "addressed", "uitgewerkt",
        "5", "14–15, 31", GEOTHERMIE_SENTENCE, "", "", "", "", "pagina", "", "", "", "",
    ]  # fmt: skip
    assert rows[4] == [
        "Ommerwold", file, "grondwater", "Grondwater", "addressed", "uitgewerkt",
        "9", "4, 7–9, 31", GRONDWATER_SENTENCE, "", "", "", "", "pagina", "", "", "", "",
    ]  # fmt: skip
    assert rows[6] == [
        "Ommerwold", file, "mijnbouw", "Mijnbouw", "missing", "ontbreekt", "0", "", "", "",
        "ontbreekt", "", "", "pagina", "", "", "", "",
    ]  # fmt: skip
    assert rows[12] == [
        "Oudedorp", "archief/visie-2009.pdf", "", "", "", "", "", "", "",
        "het bestand is beveiligd met een wachtwoord; geef het met --password", "", "", "", "",
        "", "", "", "",
    ]  # fmt: skip
    # CRLF after every record, and nowhere else in this report.
    assert text.count("\r\n") == 13 and text.count("\n") == 13


def test_csv_in_english(report: Report) -> None:
    rows = read_csv(render(report, "csv", lang="en"))
    assert rows[0] == [
        "municipality", "file", "theme_id", "theme", "status", "status_text",
        "mentions", "pages", "evidence", "error", "depth", "stance", "section", "unit",
        "version", "document_status", "file_date", "in_overview",
    ]  # fmt: skip
    assert rows[2][3:6] == ["Ground-source energy", "mentioned", "mentioned"]
    assert rows[3][3:6] == ["Underground storage", "missing", "missing"]


def test_csv_quoting_survives_separators_quotes_and_newlines(report: Report) -> None:
    nasty = 'Zie "bijlage 3; kaart 2"\nvoor de grondwater-beschermingszones.'
    rows = read_csv(render(first_hit_replaced(report, "grondwater", nasty, "grondwater"), "csv"))
    assert rows[4][8] == nasty
    assert len(rows) == 13 and all(len(row) == 18 for row in rows)


def test_csv_cells_never_start_a_formula(report: Report) -> None:
    formula = '=HYPERLINK("x";"klik") grondwater'
    changed = first_hit_replaced(report, "grondwater", formula, "grondwater")
    changed = replace(changed, documents=(replace(changed.documents[0], file="+bestand.pdf"),))
    rows = read_csv(render(changed, "csv"))
    assert rows[4][8] == "'" + formula
    assert rows[4][1] == "'+bestand.pdf"


# --- table (terminal) -------------------------------------------------------------------


def cells(line: str) -> list[str]:
    """The cells of one ASCII table line."""
    return [cell.strip() for cell in line.strip("|").split("|")]


def row_lines(text: str, label: str) -> list[str]:
    """The lines of the table row that starts with ``label``, up to the next rule."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(f"| {label} "))
    rows = []
    for line in lines[first:]:
        if not line.startswith("| "):
            break
        rows.append(line)
    return rows


def test_table_plain_text(report: Report) -> None:
    text = render(report, "table")
    assert text == render_table(report)
    assert "\x1b" not in text
    assert not re.search("[\u2500-\u257f]", text), "box-drawing characters without colour"
    lines = text.splitlines()
    assert lines[:3] == [
        "Bestand: visies/omgevingsvisie-ommerwold.pdf",
        "Gemeente: Ommerwold · 48 pagina's (zonder tekst: 12–13)",
        "Waarschuwing: pagina 12 en 13 hebben geen tekstlaag; lees ze met OCR",
    ]
    assert cells(lines[4]) == ["Thema", "Status", "Vermeldingen", "Pagina's", "Sterkste bewijs"]
    geothermie = row_lines(text, "Geothermie")
    assert cells(geothermie[0])[:4] == ["Geothermie", "✔ uitgewerkt", "5", "14–15, 31"]
    evidence = " ".join(cells(line)[4] for line in geothermie)
    assert evidence == (
        "p. 14: …samen met de provincie of aardwarmte uit de diepe ondergrond de wijken ten oosten "
        "van het spoor kan…"
    )
    assert cells(row_lines(text, "Grondwater")[0])[:4] == [
        "Grondwater", "✔ uitgewerkt", "9", "4, 7–9, 31",
    ]  # fmt: skip
    assert cells(row_lines(text, "Mijnbouw")[0]) == ["Mijnbouw", "✘ ontbreekt", "0", "", ""]
    assert cells(row_lines(text, "Bodemenergie")[0])[:4] == ["Bodemenergie", "~ genoemd", "1", "22"]
    assert "4 uitgewerkt, 4 genoemd, 3 ontbreekt" in lines
    assert "Ontbreekt: ondergrondse opslag van energie en stoffen; mijnbouw; bodemarchief" in lines
    assert lines[-4:] == [
        "",
        "Bestand: archief/visie-2009.pdf",
        "Fout: het bestand is beveiligd met een wachtwoord; geef het met --password",
        "ondergrond-nl 1.0.0 · 0123456789ab",
    ]


def test_table_in_english(report: Report) -> None:
    text = render(report, "table", lang="en")
    lines = text.splitlines()
    assert lines[1] == "Municipality: Ommerwold · 48 pages (without text: 12–13)"
    assert cells(lines[4]) == ["Theme", "Status", "Mentions", "Pages", "Strongest evidence"]
    assert cells(row_lines(text, "Geothermal energy")[0])[:2] == [
        "Geothermal energy",
        "✔ addressed",
    ]
    assert "Missing: underground storage, mining and soil archive" in lines
    assert lines[-2:] == [
        "Error: het bestand is beveiligd met een wachtwoord; geef het met --password",
        "ondergrond-nl 1.0.0 · 0123456789ab",
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("width", [100, 80, 140])
def test_table_fits_its_width(report: Report, lang: str, color: bool, width: int) -> None:
    long_name = replace(report.documents[1], file="archief/" + "heel-lange-naam-" * 12 + ".pdf")
    report = replace(report, documents=(report.documents[0], long_name))
    text = render(report, "table", lang=lang, color=color, width=width)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert max(len(line) for line in plain.splitlines()) <= width
    assert bool(ANSI.search(text)) is color


def test_narrow_table_puts_the_evidence_under_it(report: Report) -> None:
    text = render(report, "table", width=80)
    lines = text.splitlines()
    assert cells(lines[4]) == ["Thema", "Status", "Vermeldingen", "Pagina's"]
    assert cells(row_lines(text, "Geothermie")[0]) == [
        "Geothermie",
        "✔ uitgewerkt",
        "5",
        "14–15, 31",
    ]
    start = lines.index("Sterkste bewijs:")
    assert lines[start + 1 : start + 3] == [
        "- Geothermie, p. 14: De gemeente onderzoekt samen met de provincie of aardwarmte",
        "uit de diepe ondergrond de wijken ten oosten van het spoor kan verwarmen.",
    ]
    assert not any(line.startswith("- Mijnbouw") for line in lines)
    assert all(line == line.rstrip() for line in lines)


def test_table_colours_status_and_bolds_the_term(report: Report) -> None:
    text = render(report, "table", color=True)
    # rich colours the padding of a cell too, hence the spaces before the reset
    assert re.search("\x1b\\[32m✔ uitgewerkt *\x1b\\[0m", text)
    assert re.search("\x1b\\[33m~ genoemd *\x1b\\[0m", text)
    assert re.search("\x1b\\[31m✘ ontbreekt *\x1b\\[0m", text)
    assert "\x1b[1maardwarmte\x1b[0m" in text
    assert "╭" in text  # rounded box when colour is on


def test_table_prints_markup_in_pdf_text_literally(report: Report) -> None:
    snippet = "Zie [bold red]kaart[/] over grondwater :warning: hier."
    text = render(first_hit_replaced(report, "grondwater", snippet, "grondwater"), "table")
    evidence = " ".join(cells(line)[4] for line in row_lines(text, "Grondwater"))
    assert evidence == f"p. 8: {snippet}"


def test_table_without_missing_themes(report: Report) -> None:
    document = report.documents[0]
    themes = tuple(c for c in document.themes if c.status != Status.MISSING)
    only = replace(report, documents=(replace(document, themes=themes, warnings=()),))
    lines = render(only, "table").splitlines()
    assert lines[-3:] == [
        "4 uitgewerkt, 4 genoemd, 0 ontbreekt",
        "Geen thema ontbreekt.",
        "ondergrond-nl 1.0.0 · 0123456789ab",
    ]


# --- markdown ---------------------------------------------------------------------------


def test_markdown(report: Report) -> None:
    text = render(report, "markdown")
    assert text == render_markdown(report)
    lines = text.splitlines()
    assert lines[0] == "# visiecheck: bodem en ondergrond in de omgevingsvisie"
    assert "## Ommerwold — visies/omgevingsvisie-ommerwold.pdf" in lines
    assert "- 48 pagina's (zonder tekst: 12–13)" in lines
    assert "| Thema | Status | Vermeldingen | Pagina's | Sterkste bewijs |" in lines
    assert (
        "| Bodemenergie (WKO) | ~ genoemd | 1 | 22 | Bij nieuwbouw stimuleren we "
        "warmte-koudeopslag (**WKO**) waar de bodem geschikt is. |"
    ) in lines
    assert (
        "| Ondergronds ruimtegebruik (kabels en leidingen) | ~ genoemd | 1 | 27 | "
        "**Kabels en leidingen** \\| ondergrondse infrastructuur \\<kaart 6\\> bundelen we "
        "in de berm. |"
    ) in lines
    assert "| Mijnbouw | ✘ ontbreekt | 0 |  |  |" in lines
    table = [line for line in lines if line.startswith("| ")]
    assert len(table) == 12
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 6 for line in table)
    assert (
        "**Ontbreekt: ondergrondse opslag van energie en stoffen; mijnbouw; bodemarchief**" in lines
    )
    assert "- p. 15 (kop): “**Geothermie**”" in lines
    assert (
        '- p. 8: “Het waterschap noemt dit "de sponswerking" van de **bodem**; dat vraagt ruimte.”'
    ) in lines
    assert lines[-3:] == [
        "## Oudedorp — archief/visie-2009.pdf",
        "",
        "**Fout:** het bestand is beveiligd met een wachtwoord; geef het met --password",
    ]
    assert text.endswith("--password\n")


def test_markdown_in_english(report: Report) -> None:
    lines = render(report, "markdown", lang="en").splitlines()
    assert "| Theme | Status | Mentions | Pages | Strongest evidence |" in lines
    assert "**Missing: underground storage, mining and soil archive**" in lines
    assert "- p. 15 (heading): “**Geothermal**”" not in lines  # the snippet stays Dutch
    assert "- p. 15 (heading): “**Geothermie**”" in lines


# --- html -------------------------------------------------------------------------------


class _TagBalance(HTMLParser):
    """Checks that every opened non-void element is closed in order."""

    VOID: ClassVar[set[str]] = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()


def parse_html(text: str) -> _TagBalance:
    parser = _TagBalance()
    parser.feed(text)
    parser.close()
    assert parser.stack == []
    return parser


def test_html(report: Report) -> None:
    text = render(report, "html")
    assert text == render_html(report)
    parser = parse_html(text)
    assert text.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert "@media print" in text
    for theme, (label, _) in LABELS.items():
        assert f"<td>{label}</td>" in text, theme
    assert '<td class="status status-addressed">✔ uitgewerkt</td>' in text
    assert '<td class="status status-mentioned">~ genoemd</td>' in text
    assert '<td class="status status-missing">✘ ontbreekt</td>' in text
    for status in ("addressed", "mentioned", "missing"):  # each verdict has its colour rule
        assert re.search(rf"\.status-{status}[^{{}}]*\{{ background: #", text), status
    # summary row of the read document: 4 addressed, 4 mentioned, 3 missing
    assert re.search(
        r'omgevingsvisie-ommerwold\.pdf</td>\s*<td class="num">4</td>\s*'
        r'<td class="num">4</td>\s*<td class="num">3</td>',
        text,
    )
    assert '<td colspan="3" class="error">Fout: het bestand is beveiligd' in text
    assert (
        '<li><span class="page">p. 15</span> <span class="context">(kop)</span>: '
        "“<mark>Geothermie</mark>”</li>"
    ) in text
    assert "of <mark>aardwarmte</mark> uit de diepe" in text
    assert "<mark>Kabels en leidingen</mark> | ondergrondse infrastructuur &lt;kaart 6&gt;" in text
    assert "Ontbreekt: ondergrondse opslag van energie en stoffen; mijnbouw; bodemarchief" in text


def test_html_in_english(report: Report) -> None:
    text = render(report, "html", lang="en")
    parse_html(text)
    assert '<html lang="en">' in text
    for _, label_en in LABELS.values():
        assert f"<td>{label_en}</td>" in text
    assert '<td class="status status-addressed">✔ addressed</td>' in text
    assert "Missing: underground storage, mining and soil archive" in text


def test_html_escapes_everything_from_the_pdf(report: Report) -> None:
    snippet = "Grondwater <script>alert(1)</script> en <img src=x onerror=alert(1)> hier."
    changed = first_hit_replaced(report, "grondwater", snippet, "Grondwater")
    document = replace(
        changed.documents[0],
        file="visies/<b>vet</b>.pdf",
        municipality='Ommer"wold<i>',
        warnings=("<style>body{display:none}</style>",),
    )
    failed = replace(changed.documents[1], error="<iframe src=https://example.org>")
    text = render(replace(changed, documents=(document, failed)), "html")
    parser = parse_html(text)
    assert "<script" not in text.lower()
    assert "<img" not in text and "<iframe" not in text and "<b>" not in text
    assert set(parser.tags) <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "p", "section",
        "h2", "table", "thead", "tr", "th", "tbody", "td", "span", "ul", "li", "h3", "h4",
        "mark", "footer",
    }  # fmt: skip
    assert parser.tags.count("style") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "visies/&lt;b&gt;vet&lt;/b&gt;.pdf" in text
    assert "Ommer&#34;wold&lt;i&gt;" in text
    assert "<mark>Grondwater</mark> &lt;script&gt;" in text


def test_html_refers_to_nothing_outside_itself(report: Report) -> None:
    text = render(report, "html")
    for forbidden in ("http://", "https://", "src=", "href=", "@import", "url(", "<link"):
        assert forbidden not in text, forbidden


# --- render() ---------------------------------------------------------------------------


def test_render_every_format_in_both_languages(report: Report) -> None:
    assert FORMATS == ("table", "json", "csv", "markdown", "html")
    for fmt in FORMATS:
        for lang in ("nl", "en"):
            text = render(report, fmt, lang=lang)
            assert "Ommerwold" in text and "archief/visie-2009.pdf" in text


def test_render_unknown_format_is_a_usage_error(report: Report) -> None:
    with pytest.raises(UsageError, match="unknown format 'xlsx'; choose one of: table, json"):
        render(report, "xlsx")


def test_machine_formats_do_not_load_rich() -> None:
    code = (
        "import sys\n"
        "from visiecheck.models import Report, LexiconInfo\n"
        "from visiecheck.render import render\n"
        "r = Report('0.1.0', LexiconInfo('x', '1', 0), ())\n"
        "for f in ('json', 'csv', 'markdown'):\n"
        "    render(r, f)\n"
        "print('rich' in sys.modules, 'jinja2' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False False"


# --- verdicts: depth, stance, sections, honest absence ----------------------------------

BODEMDALING_CONDITION = (
    "Nieuwe bebouwing in het veenweidegebied staan we alleen toe als die de bodemdaling "
    "niet versnelt."
)
ENERGIE = "4 Energie › 4.2 Aardwarmte"


def with_verdict(
    coverage_: ThemeCoverage,
    depth: Depth,
    stance: Stance | None,
    *hit_fields: dict,
    searched: SearchInfo | None = None,
) -> ThemeCoverage:
    """The coverage with depth, stance and search set, and per hit the given fields."""
    hits = (
        tuple(
            replace(item, **fields)
            for item, fields in zip(coverage_.evidence, hit_fields, strict=False)
        )
        + coverage_.evidence[len(hit_fields) :]
    )
    return replace(coverage_, depth=depth, stance=stance, searched=searched, evidence=hits)


def build_verdict_report() -> Report:
    """The report of ``build_report`` with the verdict fields set as the pipeline sets them."""
    report = build_report()
    document = report.documents[0]
    by_id = {coverage.theme_id: coverage for coverage in document.themes}
    P, D, M = Depth.POLICY_CHOICE, Depth.DESCRIBED, Depth.MENTIONED
    bodemdaling = by_id["bodemdaling"]
    condition = replace(
        bodemdaling.evidence[0],
        matched_text="bodemdaling",
        snippet=BODEMDALING_CONDITION,
        start=BODEMDALING_CONDITION.index("bodemdaling"),
        end=BODEMDALING_CONDITION.index("bodemdaling") + len("bodemdaling"),
        section="3 Landschap › 3.1 Veenweide",
        stance=Stance.CONDITION,
    )
    themes = {
        "geothermie": with_verdict(
            by_id["geothermie"],
            P,
            Stance.AMBITION,
            {"section": ENERGIE, "stance": Stance.AMBITION},
            {"section": ENERGIE},
            {
                "section": "Bijlage 1 Ondergrond",
                "section_kind": SectionKind.ANNEX,
                "stance": Stance.BACKGROUND,
            },
        ),
        "bodemenergie": with_verdict(
            by_id["bodemenergie"],
            P,
            Stance.AMBITION,
            {"section": "4 Energie › 4.3 Warmte uit de bodem", "stance": Stance.AMBITION},
        ),
        "ondergrondse_opslag": with_verdict(
            by_id["ondergrondse_opslag"],
            Depth.MISSING,
            None,
            searched=SearchInfo(terms=23, variants=180, unreadable_pages=2, recall=0.93),
        ),
        "grondwater": with_verdict(
            by_id["grondwater"],
            P,
            Stance.AMBITION,
            {"section": "5 Water", "stance": Stance.AMBITION},
            {"section": "5 Water", "stance": Stance.BACKGROUND},
        ),
        "drinkwater": with_verdict(
            by_id["drinkwater"],
            P,
            Stance.EXCLUSION,
            {
                "section": "Bijlage 2 Waterwingebieden",
                "section_kind": SectionKind.ANNEX,
                "stance": Stance.EXCLUSION,
            },
        ),
        "bodemdaling": replace(
            bodemdaling,
            depth=P,
            stance=Stance.CONDITION,
            evidence=(condition, replace(bodemdaling.evidence[1], stance=Stance.BACKGROUND)),
        ),
        "bodemkwaliteit": with_verdict(
            by_id["bodemkwaliteit"], M, Stance.BACKGROUND, {"stance": Stance.BACKGROUND}
        ),
        "ondergronds_ruimtegebruik": with_verdict(
            by_id["ondergronds_ruimtegebruik"],
            M,
            Stance.BACKGROUND,
            {"section": "6 Ondergrond › 6.1 Kabels en leidingen", "stance": Stance.BACKGROUND},
        ),
        "bodemarchief": with_verdict(
            by_id["bodemarchief"],
            Depth.MISSING,
            None,
            searched=SearchInfo(terms=1, variants=1, unreadable_pages=0, recall=None),
        ),
        "bodem_landbouw_natuur": with_verdict(
            by_id["bodem_landbouw_natuur"], D, Stance.BACKGROUND, {"stance": Stance.BACKGROUND}
        ),
    }
    ordered = tuple(themes.get(c.theme_id, c) for c in document.themes)  # mijnbouw: no search
    return replace(report, documents=(replace(document, themes=ordered), *report.documents[1:]))


@pytest.fixture
def verdicts() -> Report:
    return build_verdict_report()


def as_sections(report: Report) -> Report:
    """The first document as if read from a docx: numbers count sections."""
    document = replace(report.documents[0], location_unit="section", pages_without_text=())
    return replace(report, documents=(document, *report.documents[1:]))


def geothermie_missing(searched: SearchInfo | None) -> ThemeCoverage:
    return replace(missing("geothermie"), searched=searched)


def test_absence_line_says_what_was_searched() -> None:
    from visiecheck.render._text import absence_line

    pdf = build_report().documents[0]
    full = geothermie_missing(SearchInfo(terms=23, variants=180, unreadable_pages=2, recall=0.93))
    assert absence_line(full, pdf, "nl") == (
        "geothermie: niet gevonden (gezocht op 23 termen en 180 vormen; 2 pagina's onleesbaar; "
        "herkenning ≈ 0,93)"
    )
    assert absence_line(full, pdf, "en") == (
        "geothermal energy: not found (searched 23 terms and 180 forms; 2 pages unreadable; "
        "recall ≈ 0.93)"
    )
    bare = geothermie_missing(SearchInfo(terms=1, variants=1, unreadable_pages=0, recall=None))
    assert absence_line(bare, pdf, "nl") == (
        "geothermie: niet gevonden (gezocht op 1 term en 1 vorm; alle pagina's leesbaar)"
    )
    assert absence_line(bare, pdf, "en") == (
        "geothermal energy: not found (searched 1 term and 1 form; all pages readable)"
    )
    one = geothermie_missing(SearchInfo(terms=5, variants=9, unreadable_pages=1, recall=1.0))
    assert absence_line(one, pdf, "nl") == (
        "geothermie: niet gevonden (gezocht op 5 termen en 9 vormen; 1 pagina onleesbaar; "
        "herkenning ≈ 1,00)"
    )
    docx = replace(pdf, location_unit="section")
    assert absence_line(full, docx, "nl") == (
        "geothermie: niet gevonden (gezocht op 23 termen en 180 vormen; 2 secties onleesbaar; "
        "herkenning ≈ 0,93)"
    )
    assert "alle secties leesbaar" in (absence_line(bare, docx, "nl") or "")
    assert absence_line(geothermie_missing(None), pdf, "nl") is None


def test_verdict_label_adds_only_what_the_status_does_not_say(verdicts: Report) -> None:
    from visiecheck.render._text import verdict_label

    themes = {c.theme_id: c for c in verdicts.documents[0].themes}
    assert verdict_label(themes["geothermie"], "nl") == "✔ uitgewerkt · beleidskeuze (ambitie)"
    assert verdict_label(themes["drinkwater"], "nl") == "~ genoemd · beleidskeuze (uitgesloten)"
    assert verdict_label(themes["bodemdaling"], "nl") == (
        "✔ uitgewerkt · beleidskeuze (onder voorwaarden)"
    )
    assert verdict_label(themes["bodemdaling"], "en") == "✔ addressed · policy choice (conditional)"
    assert verdict_label(themes["drinkwater"], "en") == "~ mentioned · policy choice (excluded)"
    # described: the background stance is implied; mentioned/missing repeat the status
    assert verdict_label(themes["bodem_landbouw_natuur"], "nl") == "✔ uitgewerkt · beschreven"
    assert verdict_label(themes["bodem_landbouw_natuur"], "en") == "✔ addressed · described"
    assert verdict_label(themes["bodemkwaliteit"], "nl") == "~ genoemd"
    assert verdict_label(themes["mijnbouw"], "nl") == "✘ ontbreekt"
    # a report made before depth existed: found, but depth left at its default
    assert verdict_label(build_report().documents[0].themes[0], "nl") == "✔ uitgewerkt"
    ambition_only = replace(themes["bodemkwaliteit"], stance=Stance.AMBITION)
    assert verdict_label(ambition_only, "nl") == "~ genoemd · ambitie"


def test_words_of_depth_section_kind_and_stance() -> None:
    from visiecheck.render.i18n import depth_word, stance_word

    assert [depth_word(d, "nl") for d in Depth] == [
        "ontbreekt", "genoemd", "beschreven", "beleidskeuze",
    ]  # fmt: skip
    assert [depth_word(d, "en") for d in Depth] == [
        "missing", "mentioned", "described", "policy choice",
    ]  # fmt: skip
    assert [stance_word(s, "nl") for s in Stance] == [
        "ambitie", "onder voorwaarden", "uitgesloten", "beschrijvend",
    ]  # fmt: skip
    assert [stance_word(s, "en") for s in Stance] == [
        "ambition", "conditional", "excluded", "descriptive",
    ]  # fmt: skip
    for kind in SectionKind:
        if kind != SectionKind.TEXT:
            assert t(f"section_kind.{kind.value}", "nl") and t(f"section_kind.{kind.value}", "en")
    assert t("section_kind.annex", "nl") == "bijlage" and t("section_kind.annex", "en") == "annex"


# --- verdicts in json --------------------------------------------------------------------


def test_json_carries_depth_stance_search_sections_and_duplicates(verdicts: Report) -> None:
    from visiecheck.models import DuplicatePair

    pair = DuplicatePair("visies/omgevingsvisie-ommerwold.pdf", "b.pdf", 0.71, 0.834)
    data = to_json_dict(replace(as_sections(verdicts), duplicates=(pair,)))
    validate(data)
    assert data["duplicates"] == [
        {"a": "visies/omgevingsvisie-ommerwold.pdf", "b": "b.pdf", "jaccard": 0.71,
         "containment": 0.834},
    ]  # fmt: skip
    read, failed = data["documents"]
    assert read["location_unit"] == "section" and failed["location_unit"] == "page"
    themes = {theme["id"]: theme for theme in read["themes"]}
    geothermie = themes["geothermie"]
    assert (geothermie["depth"], geothermie["stance"], geothermie["searched"]) == (
        "policy_choice",
        "ambition",
        None,
    )
    assert [(e["section"], e["section_kind"], e["stance"]) for e in geothermie["evidence"]] == [
        ("4 Energie › 4.2 Aardwarmte", "text", "ambition"),
        ("4 Energie › 4.2 Aardwarmte", "text", None),
        ("Bijlage 1 Ondergrond", "annex", "background"),
    ]
    assert themes["ondergrondse_opslag"]["searched"] == {
        "terms": 23, "variants": 180, "unreadable_pages": 2, "recall": 0.93,
    }  # fmt: skip
    assert themes["bodemarchief"]["searched"]["recall"] is None
    assert themes["mijnbouw"]["searched"] is None and themes["mijnbouw"]["stance"] is None
    assert themes["bodem_landbouw_natuur"]["depth"] == "described"
    assert themes["drinkwater"]["stance"] == "exclusion"
    assert json.loads(render_json(verdicts)) == to_json_dict(verdicts)


def test_reports_without_the_new_fields_still_validate(verdicts: Report) -> None:
    data = to_json_dict(verdicts)
    del data["duplicates"]
    for document in data["documents"]:
        del document["location_unit"]
        for theme in document["themes"]:
            for key in ("depth", "stance", "searched"):
                del theme[key]
            for item in theme["evidence"]:
                for key in ("section", "section_kind", "stance"):
                    del item[key]
    validate(data)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["documents"][0]["themes"][0].update(depth="deep"),
        lambda d: d["documents"][0]["themes"][0].update(stance="maybe"),
        lambda d: d["documents"][0]["themes"][0]["evidence"][0].update(section_kind="appendix"),
        lambda d: d["documents"][0]["themes"][0]["evidence"][0].update(stance="ambitie"),
        lambda d: d["documents"][0]["themes"][0]["evidence"][0].update(section=None),
        lambda d: d["documents"][0]["themes"][5].update(depth="policy_choice"),
        lambda d: d["documents"][0]["themes"][5].update(stance="exclusion"),
        lambda d: d["documents"][0]["themes"][2]["searched"].update(recall=1.5),
        lambda d: d["documents"][0]["themes"][2]["searched"].pop("variants"),
        lambda d: d["documents"][0]["themes"][2]["searched"].update(terms="23"),
        lambda d: d["documents"][0].update(location_unit="chapter"),
        lambda d: d.update(duplicates=[{"a": "x.pdf", "b": "y.pdf", "jaccard": 0.5}]),
        lambda d: d.update(
            duplicates=[{"a": "x.pdf", "b": "y.pdf", "jaccard": 0.5, "containment": 83}]
        ),
    ],
)
def test_schema_rejects_broken_verdict_fields(verdicts: Report, damage) -> None:
    data = to_json_dict(verdicts)
    validate(data)
    damage(data)
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


# --- verdicts in csv ---------------------------------------------------------------------


def test_csv_appends_depth_stance_section_and_unit(verdicts: Report) -> None:
    rows = read_csv(render(verdicts, "csv"))
    assert rows[0][:10] == [
        "gemeente", "bestand", "thema_id", "thema", "status", "status_tekst",
        "vermeldingen", "paginas", "bewijs", "fout",
    ]  # fmt: skip
    assert rows[0][10:14] == ["diepgang", "houding", "sectie", "eenheid"]
    by_theme = {row[2]: row for row in rows[1:12]}
    assert by_theme["geothermie"][10:14] == [
        "beleidskeuze", "ambitie", "4 Energie › 4.2 Aardwarmte", "pagina",
    ]  # fmt: skip
    assert by_theme["drinkwater"][10:14] == [
        "beleidskeuze", "uitgesloten", "Bijlage 2 Waterwingebieden", "pagina",
    ]  # fmt: skip
    assert by_theme["bodemdaling"][10:14] == [
        "beleidskeuze", "onder voorwaarden", "3 Landschap › 3.1 Veenweide", "pagina",
    ]  # fmt: skip
    assert by_theme["bodem_landbouw_natuur"][10:14] == ["beschreven", "beschrijvend", "", "pagina"]
    assert by_theme["mijnbouw"][10:14] == ["ontbreekt", "", "", "pagina"]
    assert rows[12][9:14] == [
        "het bestand is beveiligd met een wachtwoord; geef het met --password", "", "", "", "",
    ]  # fmt: skip
    english = read_csv(render(as_sections(verdicts), "csv", lang="en"))
    assert english[0][10:14] == ["depth", "stance", "section", "unit"]
    assert english[5][2] == "drinkwater"
    assert english[5][10:14] == [
        "policy choice", "excluded", "Bijlage 2 Waterwingebieden", "section",
    ]  # fmt: skip
    assert read_csv(render(as_sections(verdicts), "csv"))[1][13] == "sectie"


def test_csv_section_path_cannot_start_a_formula(verdicts: Report) -> None:
    document = verdicts.documents[0]
    themes = tuple(
        replace(c, evidence=(replace(c.evidence[0], section="=cmd|' /C calc'!A0"),))
        if c.theme_id == "geothermie"
        else c
        for c in document.themes
    )
    changed = replace(verdicts, documents=(replace(document, themes=themes),))
    assert read_csv(render(changed, "csv"))[1][12] == "'=cmd|' /C calc'!A0"


# --- verdicts in the terminal table --------------------------------------------------------


def after(lines: list[str], first: str) -> str:
    """The lines after the line ``first`` up to the next blank line, joined by spaces."""
    start = lines.index(first) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return " ".join(lines[start:end])


def test_table_shows_depth_stance_sections_and_absence(verdicts: Report) -> None:
    text = render(verdicts, "table")
    lines = text.splitlines()
    assert cells(lines[4]) == ["Thema", "Status", "Vermeldingen", "Pagina's", "Sterkste bewijs"]

    def column(label: str, index: int) -> str:
        return " ".join(filter(None, (cells(line)[index] for line in row_lines(text, label))))

    assert column("Geothermie", 1) == "✔ uitgewerkt beleidskeuze (ambitie)"
    assert column("Drinkwater en", 1) == "~ genoemd beleidskeuze (uitgesloten)"
    assert column("Bodemdaling", 1) == "✔ uitgewerkt beleidskeuze (onder voorwaarden)"
    assert column("Bodemleven en", 1) == "✔ uitgewerkt beschreven"
    assert column("Bodemkwaliteit en", 1) == "~ genoemd"
    assert column("Mijnbouw", 1) == "✘ ontbreekt"
    assert column("Geothermie", 4).startswith("p. 14, 4.2 Aardwarmte: …samen met de provincie")
    assert column("Drinkwater en", 4).startswith(
        "p. 18, Bijlage 2 Waterwingebieden (bijlage): Rond het waterwingebied"
    )
    assert column("Bodemkwaliteit en", 4).startswith("p. 40: Voor grondverzet")
    missing_line = "Ontbreekt: ondergrondse opslag van energie en stoffen; mijnbouw; bodemarchief"
    assert after(lines, missing_line) == (
        "ondergrondse opslag van energie en stoffen: niet gevonden (gezocht op 23 termen en "
        "180 vormen; 2 pagina's onleesbaar; herkenning ≈ 0,93) "
        "bodemarchief: niet gevonden (gezocht op 1 term en 1 vorm; alle pagina's leesbaar)"
    )
    assert lines[lines.index(missing_line) + 1].startswith("ondergrondse opslag van energie")
    assert lines.count("bodemarchief: niet gevonden (gezocht op 1 term en 1 vorm; alle pagina's "
                       "leesbaar)") == 1  # fmt: skip
    assert not any(line.startswith("mijnbouw:") for line in lines)  # nothing known: no line


def test_table_verdicts_in_english(verdicts: Report) -> None:
    text = render(verdicts, "table", lang="en")
    lines = text.splitlines()
    status = " ".join(cells(line)[1] for line in row_lines(text, "Land subsidence"))
    assert status.split() == ["✔", "addressed", "policy", "choice", "(conditional)"]
    assert after(lines, "Missing: underground storage, mining and soil archive") == (
        "underground storage: not found (searched 23 terms and 180 forms; 2 pages unreadable; "
        "recall ≈ 0.93) soil archive: not found (searched 1 term and 1 form; all pages readable)"
    )
    drinking = " ".join(cells(line)[4] for line in row_lines(text, "Drinking water"))
    assert " ".join(drinking.split()).startswith(
        "p. 18, Bijlage 2 Waterwingebieden (annex): Rond het"
    )


def test_table_says_section_for_documents_without_pages(verdicts: Report) -> None:
    for lang, header, size, place_ in (
        ("nl", "Secties", "Gemeente: Ommerwold · 48 secties", "sectie 14, 4.2 Aardwarmte:"),
        ("en", "Sections", "Municipality: Ommerwold · 48 sections", "section 14, 4.2 Aardwarmte:"),
    ):
        text = render(as_sections(verdicts), "table", lang=lang)
        lines = text.splitlines()
        assert lines[1] == size
        assert cells(lines[4])[3] == header
        label = "Geothermie" if lang == "nl" else "Geothermal energy"
        assert cells(row_lines(text, label)[0])[4].startswith(place_.split(",")[0])
        evidence = " ".join(cells(line)[4] for line in row_lines(text, label))
        assert evidence.startswith(place_)
        assert "p. " not in text and "pagina" not in text.replace("pagina 12 en 13", "")
        narrow = render(as_sections(verdicts), "table", lang=lang, width=80)
        assert f"- {label}, {place_}" in narrow


def test_narrow_table_names_the_section_of_the_evidence(verdicts: Report) -> None:
    lines = render(verdicts, "table", width=80).splitlines()
    assert "- Geothermie, p. 14, 4.2 Aardwarmte: De gemeente onderzoekt samen met de" in lines
    assert (
        "- Drinkwater en waterwinning, p. 18, Bijlage 2 Waterwingebieden (bijlage): Rond" in lines
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("width", [100, 80, 140])
def test_table_with_verdicts_fits_its_width(
    verdicts: Report, lang: str, color: bool, width: int
) -> None:
    for report in (verdicts, as_sections(verdicts)):
        text = render(report, "table", lang=lang, color=color, width=width)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
        assert max(len(line) for line in plain.splitlines()) <= width


def test_table_prints_markup_in_a_section_path_literally(verdicts: Report) -> None:
    document = verdicts.documents[0]
    themes = tuple(
        replace(c, evidence=(replace(c.evidence[0], section="[bold]3 Water[/bold]"),))
        if c.theme_id == "grondwater"
        else c
        for c in document.themes
    )
    text = render(replace(verdicts, documents=(replace(document, themes=themes),)), "table")
    evidence = " ".join(cells(line)[4] for line in row_lines(text, "Grondwater"))
    assert evidence.startswith("p. 7, [bold]3 Water[/bold]: ")


# --- verdicts in markdown and html --------------------------------------------------------


def test_markdown_verdicts_sections_and_absence(verdicts: Report) -> None:
    lines = render(verdicts, "markdown").splitlines()
    assert (
        "| Drinkwater en waterwinning | ~ genoemd · beleidskeuze (uitgesloten) | 2 | 18 | "
        "Rond het **waterwingebied** bij de Ommerweg staan we geen nieuwe bodemlussen toe. |"
    ) in lines
    assert any(
        line.startswith("| Bodemleven en bodemvruchtbaarheid | ✔ uitgewerkt · beschreven | 6 |")
        for line in lines
    )
    missing_line = (
        "**Ontbreekt: ondergrondse opslag van energie en stoffen; mijnbouw; bodemarchief**"
    )
    start = lines.index(missing_line)
    assert lines[start + 1 : start + 5] == [
        "",
        "- ondergrondse opslag van energie en stoffen: niet gevonden (gezocht op 23 termen en "
        "180 vormen; 2 pagina's onleesbaar; herkenning ≈ 0,93)",
        "- bodemarchief: niet gevonden (gezocht op 1 term en 1 vorm; alle pagina's leesbaar)",
        "",
    ]
    assert "**Geothermie (aardwarmte)** — ✔ uitgewerkt · beleidskeuze (ambitie)" in lines
    assert (
        "- p. 14, 4 Energie › 4.2 Aardwarmte · ambitie: “De gemeente onderzoekt samen met de "
        "provincie of **aardwarmte** uit de diepe ondergrond de wijken ten oosten van het spoor "
        "kan verwarmen.”"
    ) in lines
    assert "- p. 15, 4 Energie › 4.2 Aardwarmte (kop): “**Geothermie**”" in lines
    assert (
        "- p. 31, Bijlage 1 Ondergrond (bijlage): “Een **geothermische** bron vraagt een boring "
        "van ruim twee kilometer diep.”"
    ) in lines
    assert any(
        line.startswith("- p. 18, Bijlage 2 Waterwingebieden (bijlage) · uitgesloten: “Rond")
        for line in lines
    )
    table = [line for line in lines if line.startswith("| ")]
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 6 for line in table)


def test_markdown_verdicts_in_english_and_for_sections(verdicts: Report) -> None:
    lines = render(as_sections(verdicts), "markdown", lang="en").splitlines()
    assert "- 48 sections" in lines
    assert "| Theme | Status | Mentions | Sections | Strongest evidence |" in lines
    assert any(
        line.startswith("| Land subsidence | ✔ addressed · policy choice (conditional) | 2 | 5–6 |")
        for line in lines
    )
    assert (
        "- underground storage: not found (searched 23 terms and 180 forms; 2 sections "
        "unreadable; recall ≈ 0.93)"
    ) in lines
    assert "- section 15, 4 Energie › 4.2 Aardwarmte (heading): “**Geothermie**”" in lines
    assert any(
        line.startswith("- section 18, Bijlage 2 Waterwingebieden (annex) · excluded: “Rond")
        for line in lines
    )
    dutch = render(as_sections(verdicts), "markdown")
    assert "- sectie 14, 4 Energie › 4.2 Aardwarmte · ambitie: “" in dutch
    assert "| Thema | Status | Vermeldingen | Secties | Sterkste bewijs |" in dutch
    assert "p. " not in dutch


def test_markdown_escapes_a_hostile_section_path(verdicts: Report) -> None:
    document = verdicts.documents[0]
    themes = tuple(
        replace(c, evidence=(replace(c.evidence[0], section="3 *Water* | <b>[x](y)</b>"),))
        if c.theme_id == "grondwater"
        else c
        for c in document.themes
    )
    text = render(replace(verdicts, documents=(replace(document, themes=themes),)), "markdown")
    assert "- p. 7, 3 \\*Water\\* \\| \\<b\\>\\[x\\](y)\\</b\\> · ambitie: “Door" in text


def test_html_verdicts_sections_and_absence(verdicts: Report) -> None:
    text = render(verdicts, "html")
    parse_html(text)
    assert (
        '<td class="status status-mentioned">~ genoemd<br>'
        '<span class="verdict">beleidskeuze (uitgesloten)</span></td>'
    ) in text
    assert (
        '<td class="status status-addressed">✔ uitgewerkt<br>'
        '<span class="verdict">beschreven</span></td>'
    ) in text
    assert '<td class="status status-mentioned">~ genoemd</td>' in text  # bodemkwaliteit
    assert (
        '<ul class="absence">\n'
        "<li>ondergrondse opslag van energie en stoffen: niet gevonden (gezocht op 23 termen en "
        "180 vormen; 2 pagina&#39;s onleesbaar; herkenning ≈ 0,93)</li>\n"
        "<li>bodemarchief: niet gevonden (gezocht op 1 term en 1 vorm; alle pagina&#39;s "
        "leesbaar)</li>\n</ul>"
    ) in text
    assert (
        '<li><span class="page">p. 14</span>, <span class="section">4 Energie › 4.2 Aardwarmte'
        '</span> <span class="stance">· ambitie</span>: “De gemeente'
    ) in text
    assert (
        '<li><span class="page">p. 15</span>, <span class="section">4 Energie › 4.2 Aardwarmte'
        '</span> <span class="context">(kop)</span>: “<mark>Geothermie</mark>”</li>'
    ) in text
    assert (
        '<li><span class="page">p. 18</span>, <span class="section">Bijlage 2 Waterwingebieden'
        '</span> <span class="context">(bijlage)</span> <span class="stance">· uitgesloten</span>'
    ) in text
    assert '<span class="verdict">· beleidskeuze (onder voorwaarden)</span></h4>' in text


def test_html_verdicts_in_english_and_for_sections(verdicts: Report) -> None:
    text = render(as_sections(verdicts), "html", lang="en")
    parse_html(text)
    assert '<span class="verdict">policy choice (conditional)</span>' in text
    assert "<th>Sections</th>" in text and "48 sections" in text
    assert '<span class="page">section 18</span>' in text
    assert '<span class="context">(annex)</span> <span class="stance">· excluded</span>' in text
    assert "soil archive: not found (searched 1 term and 1 form; all sections readable)" in text
    dutch = render(as_sections(verdicts), "html")
    assert '<span class="page">sectie 14</span>' in dutch and "<th>Secties</th>" in dutch
    assert "p. " not in dutch


def test_html_escapes_a_hostile_section_path(verdicts: Report) -> None:
    hostile = "3 Water › <script>alert('sectie')</script><img src=x onerror=alert(1)>"
    document = verdicts.documents[0]
    themes = tuple(
        replace(c, evidence=(replace(c.evidence[0], section=hostile),))
        if c.theme_id == "grondwater"
        else c
        for c in document.themes
    )
    text = render(replace(verdicts, documents=(replace(document, themes=themes),)), "html")
    parser = parse_html(text)
    assert "<script" not in text.lower() and "<img" not in text
    assert "script" not in parser.tags and "img" not in parser.tags
    assert (
        '<span class="section">3 Water › &lt;script&gt;alert(&#39;sectie&#39;)&lt;/script&gt;'
        "&lt;img src=x onerror=alert(1)&gt;</span>"
    ) in text


@pytest.mark.parametrize("color", [False, True])
def test_the_environment_never_changes_a_table_the_caller_sized(
    color: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rich reads COLUMNS, TERM, FORCE_COLOR, NO_COLOR and TTY_COMPATIBLE when not told;
    the renderers tell it everything, so only the caller's width and colour count."""
    from visiecheck.render.console import text_console

    report = build_report()
    for variable in ("COLUMNS", "LINES", "TERM", "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(variable, raising=False)
    clean = render(report, "table", color=color, width=120)
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert render(report, "table", color=color, width=120) == clean
    console = text_console(io.StringIO(), 120, color)
    assert (console.width, console.is_terminal, console.no_color) == (120, color, not color)
