"""Municipality names from file names, against the shipped list of 342 municipalities."""

from __future__ import annotations

import pytest

from visiecheck.names import municipalities, municipality_name, recognise


def test_the_list_holds_342_distinct_municipalities_with_their_exact_spelling() -> None:
    names = municipalities()
    assert len(names) == 342
    assert len(set(names)) == 342
    for name in (
        "'s-Hertogenbosch",
        "'s-Gravenhage",
        "Súdwest-Fryslân",
        "Bergen (L.)",
        "Bergen (NH.)",
        "Nuenen, Gerwen en Nederwetten",
        "Hof van Twente",
    ):
        assert name in names


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        ("Omgevingsvisie_Hof-van-Twente_2040_ontwerp.pdf", "Hof van Twente"),
        ("omgevingsvisie-rijssen-holten-vastgesteld.pdf", "Rijssen-Holten"),
        ("RijssenHolten.pdf", "Rijssen-Holten"),
        ("Sudwest_Fryslan_visie.pdf", "Súdwest-Fryslân"),
        ("Omgevingsvisie s-Hertogenbosch 2023.pdf", "'s-Hertogenbosch"),
        ("visie-bergen-op-zoom.pdf", "Bergen op Zoom"),  # longer than "Bergen"
        ("Visie_Bergen_NH_2023.pdf", "Bergen (NH.)"),
        ("den-haag-omgevingsvisie.pdf", "'s-Gravenhage"),
        ("ALMELO.pdf", "Almelo"),
        # not on the list: the generic clean-up of the file name
        ("omgevingsvisie-beekdal.pdf", "Beekdal"),
        ("Omgevingsvisie_Nieuw-Amsterland_concept.pdf", "Nieuw Amsterland"),
    ],
)
def test_municipality_from_file_name(file_name: str, expected: str) -> None:
    assert municipality_name(file_name) == expected


def test_a_name_inside_a_longer_word_is_not_recognised() -> None:
    # "Ede" stands inside "gemeenteDEN…" and "Best" inside "bestemming": whole words only.
    assert recognise("bestemmingsplan_gemeentedenken") is None
