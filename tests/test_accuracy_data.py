"""The labelled accuracy sets are well-formed, and the benchmark's metrics are exact.

The data checks guard the contract of ``benchmarks/accuracy/`` (see its README): counts per
theme and kind, valid ids and stances, and corpus labels that point at lines by number
and sha1 without copying text. None of these tests needs ``/work/shared``; the two that
compare against the real corpus are skipped when it is absent.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.accuracy import run
from benchmarks.accuracy.metrics import (
    Counts,
    Disagreement,
    accuracy,
    disagreements,
    evaluate,
    theme_counts,
)

ACCURACY_DIR = Path(__file__).resolve().parent.parent / "benchmarks" / "accuracy"
SENTENCES = ACCURACY_DIR / "sentences.jsonl"
HELDOUT = ACCURACY_DIR / "heldout.jsonl"
CORPUS_LABELS = ACCURACY_DIR / "corpus_labels.jsonl"
SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

THEMES = {
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
}
STANCES = {"ambition", "condition", "exclusion", "background"}
# The twelve files listed in the shared corpus README (names only; the texts stay there).
CORPUS_FILES = {
    "0014-Meerstad-Midden-West.txt",
    "1895-Winschoten-Zuid.txt",
    "0344-Koningsweg-135-Maarschalkerweerd.txt",
    "0599-Parkstad-Zuid.txt",
    "0193-Diezerpoort-Esdoornstraat-5.txt",
    "0772-Tongelre-NRE-terrein.txt",
    "1676-Renesse.txt",
    "0917-Heerlerheide-Centrum.txt",
    "1783-De-Schakel-Maasdijk.txt",
    "0106-Zuidergracht-Zuiderkade.txt",
    "0307-Leusderweg-320.txt",
    "0479-Zaanoever-Westzijde.txt",
}
ID_PREFIX = {"theme": r"(geo|ben|ops|gw|dw|mb|bd|bk|oru|ba|bln)", "other": "oth", "trap": "trap"}


def _rows(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}:{number} is blank"
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as error:  # pragma: no cover - the message is the point
            pytest.fail(f"{path.name}:{number} is not JSON: {error}")
    return rows


@pytest.fixture(scope="module")
def sentences() -> list[dict]:
    return _rows(SENTENCES)


@pytest.fixture(scope="module")
def heldout() -> list[dict]:
    return _rows(HELDOUT)


@pytest.fixture(scope="module")
def corpus_labels() -> list[dict]:
    return _rows(CORPUS_LABELS)


# --- the written set ------------------------------------------------------------------


def test_sentence_rows_have_exactly_the_documented_fields(sentences: list[dict]) -> None:
    for row in sentences:
        assert set(row) == {"id", "text", "themes", "kind", "stance"}, row
        assert isinstance(row["text"], str) and isinstance(row["themes"], list)


def test_sentence_ids_are_unique_and_prefixed_by_kind(sentences: list[dict]) -> None:
    ids = [row["id"] for row in sentences]
    assert len(ids) == len(set(ids))
    for row in sentences:
        assert re.fullmatch(ID_PREFIX[row["kind"]] + r"-\d{3}", row["id"]), row["id"]


def test_sentence_texts_are_unique_and_12_to_60_words(sentences: list[dict]) -> None:
    texts = [row["text"] for row in sentences]
    assert len(texts) == len(set(texts))
    for row in sentences:
        assert 12 <= len(row["text"].split()) <= 60, row["id"]


def test_themes_kinds_and_stances_are_valid(sentences: list[dict]) -> None:
    for row in sentences:
        assert row["kind"] in {"theme", "other", "trap"}, row["id"]
        assert set(row["themes"]) <= THEMES, row["id"]
        assert len(row["themes"]) == len(set(row["themes"])), row["id"]
        if row["kind"] == "theme":
            assert row["themes"], row["id"]
            assert row["stance"] in STANCES, row["id"]
        else:
            assert row["stance"] is None, row["id"]
        if row["kind"] == "other":
            assert row["themes"] == [], row["id"]


def test_set_sizes_meet_the_minimums(sentences: list[dict]) -> None:
    kinds = Counter(row["kind"] for row in sentences)
    assert len(sentences) >= 220
    assert kinds["other"] >= 40
    assert kinds["trap"] >= 50
    per_theme = Counter(t for row in sentences if row["kind"] == "theme" for t in row["themes"])
    assert set(per_theme) == THEMES
    assert min(per_theme.values()) >= 12, per_theme
    assert sum(1 for row in sentences if row["stance"] is not None) >= 80


def test_set_has_multi_theme_passages_following_the_tie_breaks(sentences: list[dict]) -> None:
    by_id = {row["id"]: set(row["themes"]) for row in sentences}
    assert sum(1 for themes in by_id.values() if len(themes) >= 2) >= 20
    # WKO restricted in a protection zone, and salt caverns causing subsidence.
    assert by_id["ben-002"] == {"bodemenergie", "drinkwater"}
    assert by_id["mb-003"] == {"mijnbouw", "bodemdaling"}
    # Soil carbon is soil life, never underground storage.
    assert by_id["bln-004"] == {"bodem_landbouw_natuur"}
    # Production-water injection into empty gas fields is mining.
    assert by_id["mb-006"] == {"mijnbouw"}


def test_every_listed_trap_word_is_covered_by_a_trap_item(sentences: list[dict]) -> None:
    trap_text = " ".join(row["text"].lower() for row in sentences if row["kind"] == "trap")
    for word in [
        "op grond van", "grondgebied", "grondprijs", "grondgebonden", "buitenopslag",
        "opslag van goederen", "buurtbatterij", "leidinggevende", "onder leiding van",
        "leidende principes", "mijnomgevingsvisie", "aquathermie", "luchtwarmtepomp",
        "warmtenet", "prijsdaling", "daling van het aantal", "bodemprocedure",
        "tot op de bodem", "hoogspanningsleidingen", "monumentale", "stuwen",
        "zandwinning", "ontgronding", "saneringsregeling", "geluidsanering", "mijnenvelden",
        "essentaksterfte", "landbouw",
    ]:  # fmt: skip
        assert word in trap_text, word


def test_most_traps_carry_no_theme(sentences: list[dict]) -> None:
    traps = [row for row in sentences if row["kind"] == "trap"]
    assert sum(1 for row in traps if not row["themes"]) >= 50


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="shared corpus not present")
def test_written_sentences_are_not_copied_from_the_shared_material(
    sentences: list[dict],
) -> None:
    shared = SHARED_CORPUS.parent
    haystack = " ".join(
        " ".join(path.read_text(encoding="utf-8").split()) for path in shared.rglob("*.*")
    )
    for row in sentences:
        assert " ".join(row["text"].split()) not in haystack, row["id"]


# --- the held-out set -----------------------------------------------------------------
# Same format as the written set, ids prefixed "ho-". Written blind to the lexicon; the
# tests guard only its form and size, never what the matcher makes of it.


def test_heldout_rows_are_well_formed(heldout: list[dict]) -> None:
    ids = [row["id"] for row in heldout]
    assert len(ids) == len(set(ids))
    texts = [row["text"] for row in heldout]
    assert len(texts) == len(set(texts))
    for row in heldout:
        assert set(row) == {"id", "text", "themes", "kind", "stance"}, row
        assert row["kind"] in {"theme", "other", "trap"}, row["id"]
        assert re.fullmatch("ho-" + ID_PREFIX[row["kind"]] + r"-\d{3}", row["id"]), row["id"]
        assert isinstance(row["text"], str) and 12 <= len(row["text"].split()) <= 60, row["id"]
        assert isinstance(row["themes"], list) and set(row["themes"]) <= THEMES, row["id"]
        assert len(row["themes"]) == len(set(row["themes"])), row["id"]
        if row["kind"] == "theme":
            assert row["themes"] and row["stance"] in STANCES, row["id"]
        else:
            assert row["stance"] is None, row["id"]
        if row["kind"] == "other":
            assert row["themes"] == [], row["id"]


def test_heldout_sizes_meet_the_minimums(heldout: list[dict]) -> None:
    kinds = Counter(row["kind"] for row in heldout)
    assert len(heldout) >= 160
    assert kinds["other"] >= 30
    assert kinds["trap"] >= 30
    per_theme = Counter(t for row in heldout if row["kind"] == "theme" for t in row["themes"])
    assert set(per_theme) == THEMES
    assert min(per_theme.values()) >= 10, per_theme
    assert sum(1 for row in heldout if row["kind"] == "trap" and not row["themes"]) >= 30
    assert sum(1 for row in heldout if len(row["themes"]) >= 2) >= 10


def test_heldout_shares_no_text_with_the_written_set(
    heldout: list[dict], sentences: list[dict]
) -> None:
    written = {" ".join(row["text"].lower().split()) for row in sentences}
    for row in heldout:
        assert " ".join(row["text"].lower().split()) not in written, row["id"]


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="shared corpus not present")
def test_heldout_sentences_are_not_copied_from_the_shared_material(heldout: list[dict]) -> None:
    shared = SHARED_CORPUS.parent
    haystack = " ".join(
        " ".join(path.read_text(encoding="utf-8").split()) for path in shared.rglob("*.*")
    )
    for row in heldout:
        assert " ".join(row["text"].split()) not in haystack, row["id"]


# --- the corpus labels ----------------------------------------------------------------


def test_corpus_label_rows_are_well_formed(corpus_labels: list[dict]) -> None:
    assert len(corpus_labels) >= 80
    keys = set()
    for row in corpus_labels:
        assert set(row) == {"file", "line", "sha1", "themes", "note"}, row
        assert row["file"] in CORPUS_FILES, row["file"]
        assert isinstance(row["line"], int) and row["line"] >= 1
        assert re.fullmatch(r"[0-9a-f]{40}", row["sha1"]), row
        assert set(row["themes"]) <= THEMES and len(row["themes"]) == len(set(row["themes"]))
        # A short reason in our own words, never a pasted paragraph.
        assert 3 <= len(row["note"]) <= 120, row
        keys.add((row["file"], row["line"]))
    assert len(keys) == len(corpus_labels), "a corpus line is labelled twice"


def test_corpus_labels_mix_files_themes_and_negatives(corpus_labels: list[dict]) -> None:
    assert len({row["file"] for row in corpus_labels}) == 12
    assert sum(1 for row in corpus_labels if not row["themes"]) >= 25
    labelled = {theme for row in corpus_labels for theme in row["themes"]}
    assert len(labelled) >= 10


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="shared corpus not present")
def test_corpus_labels_point_at_the_recorded_lines(corpus_labels: list[dict]) -> None:
    items, warnings = run.load_corpus_items(SHARED_CORPUS)
    assert warnings == []
    assert len(items) == len(corpus_labels)
    for item, row in zip(items, corpus_labels, strict=True):
        assert row["note"] not in item.text


# --- metrics, with numbers computed by hand ---------------------------------------------

GOLD = [{"a"}, {"a", "b"}, set(), {"b"}]
PREDICTED = [{"a"}, {"b"}, {"a"}, set()]


def test_theme_counts_by_hand() -> None:
    # a: item 0 TP, item 1 FN, item 2 FP.  b: item 1 TP, item 3 FN.
    assert theme_counts(GOLD, PREDICTED, "a") == Counts(tp=1, fp=1, fn=1)
    assert theme_counts(GOLD, PREDICTED, "b") == Counts(tp=1, fp=0, fn=1)


def test_precision_recall_f1_by_hand() -> None:
    result = evaluate(GOLD, PREDICTED, ["a", "b"])
    a, b = result.per_theme["a"], result.per_theme["b"]
    assert (a.precision, a.recall, a.f1) == (0.5, 0.5, 0.5)
    assert b.precision == 1.0 and b.recall == 0.5
    assert b.f1 == pytest.approx(2 / 3)
    assert result.micro == Counts(tp=2, fp=1, fn=2)
    assert result.micro.precision == pytest.approx(2 / 3)
    assert result.micro.recall == 0.5
    assert result.micro.f1 == pytest.approx(4 / 7)
    assert result.macro_f1 == pytest.approx(7 / 12)
    assert result.as_dict()["micro"] == {
        "tp": 2, "fp": 1, "fn": 2, "support": 4,
        "precision": pytest.approx(2 / 3), "recall": 0.5, "f1": pytest.approx(4 / 7),
    }  # fmt: skip


def test_undefined_ratios_are_none_not_perfect() -> None:
    never_predicted = Counts(tp=0, fp=0, fn=3)
    assert never_predicted.precision is None
    assert never_predicted.recall == 0.0
    assert never_predicted.f1 == 0.0
    nothing = Counts()
    assert (nothing.precision, nothing.recall, nothing.f1) == (None, None, None)
    only_wrong = Counts(tp=0, fp=2, fn=0)
    assert (only_wrong.precision, only_wrong.recall, only_wrong.f1) == (0.0, None, 0.0)


def test_themes_outside_the_scored_list_are_ignored() -> None:
    result = evaluate([{"a"}], [{"a", "extra"}], ["a"])
    assert result.micro == Counts(tp=1)


def test_misaligned_sets_are_refused() -> None:
    with pytest.raises(ValueError, match="gold has 2 items, predicted has 1"):
        theme_counts([set(), set()], [set()], "a")


def test_disagreements_list_fp_and_fn_in_order() -> None:
    assert disagreements(["i0", "i1", "i2", "i3"], GOLD, PREDICTED, ["a", "b"]) == [
        Disagreement("i1", "a", "fn"),
        Disagreement("i2", "a", "fp"),
        Disagreement("i3", "b", "fn"),
    ]


def test_accuracy_by_hand() -> None:
    assert accuracy([("ambition", "ambition"), ("condition", "background"), ("x", "x")]) == (
        pytest.approx(2 / 3)
    )
    assert accuracy([]) is None


# --- the script's own pieces (no matcher needed) --------------------------------------


def test_baseline_is_a_case_insensitive_substring_search() -> None:
    assert run.baseline_themes("Het GRONDWATER en de Archeologie van de es") == {
        "grondwater",
        "bodemarchief",
    }
    # Ctrl-F for "ondergronds" also finds "ondergrondse opslag": the baseline's weakness.
    assert run.baseline_themes("Ondergrondse opslag van waterstof") == {
        "ondergrondse_opslag",
        "ondergronds_ruimtegebruik",
    }
    assert run.baseline_themes("Warmte-koudeopslag in de wijk") == frozenset()
    assert set(run.BASELINE_QUERIES) == THEMES == set(run.THEMES)


def test_corpus_items_are_skipped_when_the_text_changed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = ["Kop", "", "De grondwaterstand is hoog.", "", "Andere alinea."]
    (corpus / "a.txt").write_text("\n".join(lines), encoding="utf-8")

    def sha(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    labels = tmp_path / "labels.jsonl"
    rows = [
        {"file": "a.txt", "line": 3, "sha1": sha(lines[2]), "themes": ["grondwater"], "note": "x"},
        {"file": "a.txt", "line": 5, "sha1": sha("oude tekst"), "themes": [], "note": "x"},
        {"file": "a.txt", "line": 9, "sha1": sha(""), "themes": [], "note": "x"},
        {"file": "b.txt", "line": 1, "sha1": sha(""), "themes": [], "note": "x"},
    ]
    labels.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    items, warnings = run.load_corpus_items(corpus, labels)
    assert [(i.id, i.text, i.gold) for i in items] == [
        ("a.txt:3", "De grondwaterstand is hoog.", frozenset({"grondwater"}))
    ]
    assert warnings == [
        "a.txt:5: text changed since labelling (sha1 differs), skipped",
        "a.txt:9: line out of range, skipped",
        "b.txt:1: corpus file not found, skipped",
    ]


def _tiny_lexicon(tmp_path: Path) -> Path:
    """A real lexicon file for the real matcher: one term per theme, enough to run end to end."""
    words = {
        "geothermie": "geothermie", "bodemenergie": "bodemenergie",
        "ondergrondse_opslag": "waterstofopslag", "grondwater": "grondwater",
        "drinkwater": "drinkwater", "mijnbouw": "zoutwinning", "bodemdaling": "bodemdaling",
        "bodemkwaliteit": "bodemkwaliteit", "ondergronds_ruimtegebruik": "kabels en leidingen",
        "bodemarchief": "archeologie", "bodem_landbouw_natuur": "bodemleven",
    }  # fmt: skip
    themes = "".join(
        f"  - id: {theme}\n    label: {theme}\n    label_en: {theme}\n    terms: [{word}]\n"
        for theme, word in words.items()
    )
    path = tmp_path / "tiny.yaml"
    path.write_text(f'name: tiny\nversion: "1"\nthemes:\n{themes}', encoding="utf-8")
    return path


def test_script_reports_json_and_skips_a_missing_corpus(
    tmp_path: Path, sentences: list[dict], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--lexicon", str(_tiny_lexicon(tmp_path)), "--corpus-dir", str(tmp_path / "no")]
    assert run.main([*argv, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["lexicon"] == {"name": "tiny", "version": "1"}
    assert report["corpus"] is None
    assert any("corpus set skipped" in note for note in report["notes"])
    written = report["written"]
    assert written["items"] == len(sentences)
    assert set(written["matcher"]["per_theme"]) == THEMES
    gold_positives = sum(len(row["themes"]) for row in sentences)
    micro = written["matcher"]["micro"]
    assert micro["tp"] + micro["fn"] == gold_positives == written["baseline"]["micro"]["support"]
    held = report["heldout"]
    assert held["items"] == len(run.load_sentences(run.HELDOUT))
    assert set(held["matcher"]["per_theme"]) == THEMES
    held_positives = sum(len(item.gold) for item in run.load_sentences(run.HELDOUT))
    assert held["matcher"]["micro"]["tp"] + held["matcher"]["micro"]["fn"] == held_positives
    assert held["baseline"]["micro"]["support"] == held_positives

    assert run.main([*argv, "--errors"]) == 0
    text = capsys.readouterr().out
    assert "written sentences: " in text and "micro " in text
    assert "targets (written sentences):" in text and "errors (written sentences):" in text
    assert "held-out sentences: " in text and "errors (held-out sentences):" in text
    assert "note: corpus set skipped" in text


def test_script_exits_1_when_the_lexicon_cannot_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run.main(["--lexicon", str(tmp_path / "missing.yaml")]) == 1
    assert "cannot measure:" in capsys.readouterr().err


# --- blind set 2 (issue 12) -------------------------------------------------------------

# the files as the benchmark knows them, so a test and the benchmark never disagree
(BLIND2, BLIND2_REFS), (BLIND3, BLIND3_REFS) = (
    (blind_set.written, blind_set.references) for blind_set in run.BLIND_SETS[:2]
)
SHARED_DSO = SHARED_CORPUS.parent / "dso" / "dso-presenteren-novi-documentcomponenten.json"
BLIND2_PREFIX = {
    "theme": r"(geo|bwe|ops|gw|dw|mb|bd|bk|orf|arch|bln)",
    "other": "oth",
    "trap": "trap",
}


@pytest.fixture(scope="module")
def blind2() -> list[dict]:
    return _rows(BLIND2)


@pytest.fixture(scope="module")
def blind2_refs() -> list[dict]:
    return _rows(BLIND2_REFS)


@pytest.mark.parametrize(
    ("path", "prefix"),
    [(blind_set.written, f"b{number}") for number, blind_set in enumerate(run.BLIND_SETS, 2)],
)
def test_blind_set_rows_are_well_formed(path: Path, prefix: str) -> None:
    rows = _rows(path)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert set(row) == {"id", "text", "themes", "kind", "stance", "trap"}, row["id"]
        pattern = prefix + "-" + BLIND2_PREFIX[row["kind"]] + r"-\d{3}"
        assert re.fullmatch(pattern, row["id"]), row["id"]
        assert set(row["themes"]) <= THEMES and len(row["themes"]) == len(set(row["themes"]))
        assert (row["stance"] in STANCES) == (row["kind"] == "theme"), row["id"]
        assert (row["trap"] is not None) == (row["kind"] == "trap"), row["id"]
        assert 12 <= len(row["text"].split()) <= 90, row["id"]


def test_blind2_references_are_well_formed_and_new(
    blind2_refs: list[dict], corpus_labels: list[dict]
) -> None:
    tuned_on = {(row["file"], row["line"]) for row in corpus_labels}
    seen = set()
    for row in blind2_refs:
        assert re.fullmatch(r"[0-9a-f]{40}", row["sha1"]), row
        assert set(row["themes"]) <= THEMES
        assert 3 <= len(row["note"]) <= 300, row
        if row["source"] == "corpus":
            assert set(row) == {"source", "file", "line", "sha1", "themes", "note"}, row
            assert row["file"] in CORPUS_FILES
            key = (row["file"], row["line"])
            assert key not in tuned_on, key  # never a paragraph the lexicon was tuned on
        else:
            assert row["source"] == "novi" and set(row) == {
                "source", "ref", "sha1", "themes", "note",
            }, row  # fmt: skip
            key = ("novi", row["ref"])
        assert key not in seen, key
        seen.add(key)


def test_blind2_meets_the_issue_minimums(blind2: list[dict], blind2_refs: list[dict]) -> None:
    assert len(blind2) + len(blind2_refs) >= 300
    traps = sum(1 for row in blind2 if row["kind"] == "trap") + sum(
        1 for row in blind2_refs if row["note"].startswith("trap:")
    )
    assert traps >= 25
    assert {row["source"] for row in blind2_refs} == {"corpus", "novi"}
    per_theme = Counter(theme for row in blind2 for theme in row["themes"])
    assert set(per_theme) == THEMES and min(per_theme.values()) >= 12


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="shared corpus not present")
def test_blind2_written_items_are_not_copied_from_the_shared_material(
    blind2: list[dict],
) -> None:
    haystack = " ".join(
        " ".join(path.read_text(encoding="utf-8").split())
        for path in SHARED_CORPUS.parent.rglob("*.*")
    )
    for row in blind2:
        assert " ".join(row["text"].split()) not in haystack, row["id"]


@pytest.mark.skipif(
    not (SHARED_CORPUS.is_dir() and SHARED_DSO.is_file()), reason="shared material not present"
)
@pytest.mark.parametrize("path", [blind_set.references for blind_set in run.BLIND_SETS])
def test_blind_set_references_point_at_their_recorded_text(path: Path) -> None:
    items, warnings = run.load_reference_items(SHARED_CORPUS, SHARED_DSO, path)
    assert warnings == []
    assert len(items) == len(_rows(path))


# --- blind set 3: the same shape and rules, and nothing shared with the sets before it --------


@pytest.fixture(scope="module")
def blind3() -> list[dict]:
    return _rows(BLIND3)


@pytest.fixture(scope="module")
def blind3_refs() -> list[dict]:
    return _rows(BLIND3_REFS)


def test_blind3_is_new_and_big_enough(
    blind3: list[dict],
    blind3_refs: list[dict],
    blind2: list[dict],
    blind2_refs: list[dict],
    corpus_labels: list[dict],
) -> None:
    assert len(blind3) + len(blind3_refs) >= 300
    earlier_texts = {" ".join(row["text"].lower().split()) for row in blind2}
    assert not any(" ".join(row["text"].lower().split()) in earlier_texts for row in blind3)
    used = {(row["file"], row["line"]) for row in corpus_labels} | {
        (row.get("file"), row.get("line")) if row["source"] == "corpus" else ("novi", row["ref"])
        for row in blind2_refs
    }
    for row in blind3_refs:
        key = (row["file"], row["line"]) if row["source"] == "corpus" else ("novi", row["ref"])
        assert key not in used, key
        assert re.fullmatch(r"[0-9a-f]{40}", row["sha1"]) and set(row["themes"]) <= THEMES
    per_theme = Counter(theme for row in blind3 for theme in row["themes"])
    assert set(per_theme) == THEMES and min(per_theme.values()) >= 12


@pytest.mark.parametrize("index", range(2, len(run.BLIND_SETS)), ids=lambda i: f"set{i + 2}")
def test_a_later_blind_set_reuses_nothing_labelled_before(
    index: int, corpus_labels: list[dict]
) -> None:
    """Blind sets 4 and later: no text or paragraph of an earlier set, 300 items or more."""

    def key(row: dict) -> tuple[str, object]:
        return (row["file"], row["line"]) if row["source"] == "corpus" else ("novi", row["ref"])

    earlier_sets, blind_set = run.BLIND_SETS[:index], run.BLIND_SETS[index]
    used = {(row["file"], row["line"]) for row in corpus_labels}
    for earlier in earlier_sets:
        used |= {key(row) for row in _rows(earlier.references)}
    earlier_texts = {
        " ".join(row["text"].lower().split())
        for earlier in earlier_sets
        for row in _rows(earlier.written)
    }
    rows, refs = _rows(blind_set.written), _rows(blind_set.references)
    assert len(rows) + len(refs) >= 300
    assert not any(" ".join(row["text"].lower().split()) in earlier_texts for row in rows)
    assert not any(key(row) in used for row in refs)
    assert len({key(row) for row in refs}) == len(refs)
    per_theme = Counter(theme for row in rows for theme in row["themes"])
    assert set(per_theme) == THEMES and min(per_theme.values()) >= 12
