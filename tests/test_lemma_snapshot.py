"""The shipped snapshot of the lemma table's answers gives the table's answers, faster."""

from __future__ import annotations

import json
import pickle

import pytest

from visiecheck.analyse import nlp
from visiecheck.analyse.matching import Matcher
from visiecheck.lemma_snapshot import SNAPSHOT_PATH, snapshot_text
from visiecheck.lexicon import load_lexicon
from visiecheck.models import Lexicon, Term, Theme
from visiecheck.options import MatchOptions

SHIPPED = json.loads(SNAPSHOT_PATH.read_text("utf-8"))
MADE_FROM_THIS_TABLE = SHIPPED["table"] == nlp.lookups_identity()


def _compiled(matcher: Matcher) -> tuple[object, ...]:
    """Everything the matcher took from the lemma table."""
    return (
        [(entry.words, entry.forms) for entry in matcher._terms.entries],
        [(entry.words, entry.forms) for entry in matcher._exclusion_index.entries],
        matcher._terms.known_near_misses,
    )


def test_the_snapshot_is_used_exactly_when_it_was_made_from_the_installed_table() -> None:
    assert SHIPPED["table"].startswith("spacy-lookups-data ")
    assert nlp.snapshot_in_use() == MADE_FROM_THIS_TABLE


def test_the_shipped_snapshot_is_up_to_date_with_the_default_lexicon() -> None:
    if not MADE_FROM_THIS_TABLE:
        pytest.skip(f"made from {SHIPPED['table']}, installed is {nlp.lookups_identity()}")
    # Fails after a change to the default lexicon's words or the fuzzy defaults:
    # run python -m visiecheck.lemma_snapshot
    assert snapshot_text() == SNAPSHOT_PATH.read_text("utf-8")


def test_a_matcher_built_from_the_snapshot_equals_one_built_from_the_table() -> None:
    lexicon, settings = load_lexicon(None), MatchOptions()
    from_snapshot = Matcher(lexicon, settings).resolve_known_words()
    with nlp.without_snapshot():
        from_table = Matcher(lexicon, settings).resolve_known_words()
        assert not nlp.snapshot_in_use()
    assert _compiled(from_snapshot) == _compiled(from_table)
    assert len(from_table._terms.known_near_misses or ()) > 100  # the check is not empty


def test_the_default_matcher_needs_no_table_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    if not MADE_FROM_THIS_TABLE:
        pytest.skip("the shipped snapshot is of another table version")

    def refuse() -> dict[str, str]:
        raise AssertionError("the lemma table was loaded")

    nlp.inflected_forms.cache_clear()
    nlp._forms_cache.clear()
    monkeypatch.setattr(nlp, "_lemma_table", refuse)
    matcher = Matcher(load_lexicon(None), MatchOptions())
    # "ondergrond" and "kraanwagen" are known words within two edits of fuzzy terms
    # (the snapshot answers for them); "geotherrnie" is OCR noise
    text = "Het bodemarchief ligt in de ondergrond, de kraanwagen boven de geotherrnie."
    assert [(hit.term, hit.match) for hit in matcher.match_text(text)] == [
        ("bodemarchief", "exact"),
        ("geothermie", "fuzzy"),
    ]
    nlp.inflected_forms.cache_clear()
    nlp._forms_cache.clear()


def test_words_the_snapshot_lacks_are_asked_of_the_table() -> None:
    # A custom lexicon's word: not in the snapshot, so its forms come from the table.
    assert "zolder" not in SHIPPED["lemmas"]
    theme = Theme(
        id="zolders",
        label="Zolders",
        label_en="Attics",
        core=False,
        description="",
        terms=(Term(text="zolder", compound="none"),),
    )
    lexicon = Lexicon(name="eigen", version="1", language="nl", themes=(theme,))
    with_snapshot = Matcher(lexicon, MatchOptions())
    with nlp.without_snapshot():
        from_table = Matcher(lexicon, MatchOptions())
    assert _compiled(with_snapshot) == _compiled(from_table)
    assert "zolders" in with_snapshot._terms.entries[0].forms[0]
    assert [h.term for h in with_snapshot.match_text("Veel zolders staan leeg.")] == ["zolder"]


def test_a_snapshot_of_another_table_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "lookups_identity", lambda: "spacy-lookups-data 9.9.9, 1 bytes")
    nlp._clear_lemma_caches()
    try:
        assert not nlp.snapshot_in_use()
        assert nlp.lemmatize("gedaald") == nlp._lemma_table()["gedaald"]
    finally:
        monkeypatch.undo()
        nlp._clear_lemma_caches()


def test_a_resolved_matcher_sent_to_a_worker_never_loads_the_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Also without the snapshot (a custom lexicon): the parent settles the questions.
    lexicon, settings = load_lexicon(None), MatchOptions(fuzzy_min_length=10)
    with nlp.without_snapshot():
        resolved = Matcher(lexicon, settings).resolve_known_words()
    received = pickle.loads(pickle.dumps(resolved))

    def refuse(word: str) -> bool:
        raise AssertionError(f"is_known_word({word!r}) was called")

    import visiecheck.analyse.matching as matching

    monkeypatch.setattr(matching, "is_known_word", refuse)
    # "ondergrond" and "kraanwagen" are known words within two edits of fuzzy terms;
    # "geotherrnie" is OCR noise
    text = "Een kraanwagen in de ondergrond en geotherrnie."
    assert [(h.term, h.match) for h in received.match_text(text)] == [("geothermie", "fuzzy")]


def test_a_damaged_snapshot_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    class Damaged:
        def joinpath(self, name: str) -> Damaged:
            return self

        def read_text(self, encoding: str) -> str:
            return '{"table": "spacy-lookups'

    monkeypatch.setattr(nlp.resources, "files", lambda package: Damaged())
    nlp._clear_lemma_caches()
    try:
        assert not nlp.snapshot_in_use()
    finally:
        monkeypatch.undo()
        nlp._clear_lemma_caches()
