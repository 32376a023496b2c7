"""Fuzzing the three kinds of input a user hands over: PDF bytes, manifests, lexicons.

Whatever the bytes, the answer is a result or a ``VisiecheckError`` with a documented
exit code, never another exception, never an internal error (70). Seeded, so a failure
is repeatable; small enough to run in CI in well under a minute. The time budget is
the tool's own: the PDFs go through one ``batch`` with ``--timeout``, so a mutation that
made a reader hang would be a timeout row (exit 12), never an endless test.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests import pdf_factory
from visiecheck.cli import app
from visiecheck.errors import ExitCode, VisiecheckError
from visiecheck.lexicon import load_lexicon
from visiecheck.run.batch import read_manifest

DOCUMENTED = {int(code) for code in ExitCode} - {int(ExitCode.INTERNAL_ERROR)}
# tmp_path is shared by the examples of one test: each example overwrites its one file
FIXTURE_PER_EXAMPLE = HealthCheck.function_scoped_fixture
PAGES = [
    ["# Bodem en ondergrond", "Wij beschermen het grondwater en de drinkwaterwinning."],
    ["Geothermie kan warmte leveren aan de glastuinbouw.", "Bodemdaling vraagt aandacht."],
]


def _mutations(original: bytes, count: int, seed: int) -> list[bytes]:
    """Flipped bytes, cut tails, doubled and deleted stretches, in seeded variety."""
    rng = random.Random(seed)
    mutated = []
    for _ in range(count):
        data = bytearray(original)
        kind = rng.randrange(4)
        if kind == 0:  # a few flipped bytes anywhere (the body holds the compressed streams)
            for _ in range(rng.randint(1, 6)):
                position = rng.randrange(len(data))
                data[position] ^= 1 << rng.randrange(8)
        elif kind == 1:
            del data[rng.randrange(16, len(data)) :]
        elif kind == 2:
            start = rng.randrange(len(data))
            data[start:start] = data[start : start + rng.randint(1, 400)]
        else:
            start = rng.randrange(len(data))
            del data[start : start + rng.randint(1, 400)]
        mutated.append(bytes(data))
    return mutated


def test_mutated_pdfs_give_documented_codes_in_one_batch(tmp_path: Path) -> None:
    source = pdf_factory.make_pdf(tmp_path, PAGES, columns=2, header="Visie", page_numbers=True)
    folder = tmp_path / "mutaties"
    folder.mkdir()
    for index, data in enumerate(_mutations(source.read_bytes(), 24, seed=14)):
        (folder / f"Gemeente{index:02d}.pdf").write_bytes(data)
    result = CliRunner().invoke(
        app, ["batch", str(folder), "--format", "json", "--timeout", "60", "--no-cache"]
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code in DOCUMENTED, result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert len(documents) == 24  # every mutation is a row, read or refused
    for document in documents:
        assert document.get("error_code") in (None, *DOCUMENTED), document


manifest_lines = st.lists(
    st.text(alphabet=st.sampled_from(list("ab;,\"' \t\r\n\\/.é\x00")), max_size=40), max_size=6
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=manifest_lines, ending=st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_manifest_text_gives_items_or_a_documented_error(
    tmp_path: Path, lines: list[str], ending: str
) -> None:
    manifest = tmp_path / "gemeenten.csv"
    manifest.write_text(ending.join(lines), encoding="utf-8", newline="")
    try:
        items = read_manifest(manifest, on_warning=lambda message: None)  # warnings are fine
    except VisiecheckError as error:
        assert int(error.exit_code) in DOCUMENTED, error
        assert "\n" not in error.message.strip(), error.message
    else:
        assert all(item.municipality and str(item.path) for item in items)


VALID_LEXICON = """\
name: proef
version: 1.0.0
language: nl
themes:
  - id: grondwater
    label: Grondwater
    label_en: Groundwater
    description: Grondwater in de ondergrond.
    terms:
      - grondwater
      - text: kwel
        compound: none
    examples:
      match: [Het grondwater staat hoog.]
      no_match: [Het peil van de vaart.]
"""


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(0, len(VALID_LEXICON)),
    insert=st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"# \n\tab1")), max_size=12),
)
def test_any_damage_to_a_lexicon_is_a_lexicon_error(tmp_path: Path, cut: int, insert: str) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(VALID_LEXICON[:cut] + insert + VALID_LEXICON[cut:], encoding="utf-8")
    try:
        load_lexicon(str(path))
    except VisiecheckError as error:
        assert error.exit_code == ExitCode.LEXICON_INVALID, error
        assert str(path) in error.message


@pytest.mark.parametrize("seed", range(3))
def test_random_bytes_as_a_lexicon_are_a_lexicon_error(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_bytes(random.Random(seed).randbytes(2000))
    with pytest.raises(VisiecheckError) as raised:
        load_lexicon(str(path))
    assert raised.value.exit_code == ExitCode.LEXICON_INVALID
