"""Each normalisation rule on its own, with exact expectations."""

from __future__ import annotations

import pytest

from visiecheck.extract.normalize import (
    blocks_to_text,
    find_running_lines,
    is_page_number,
    join_hyphenated,
    join_letter_spaced,
    keep_hyphen,
    normalize_line,
    running_line_key,
)

# --- hyphenation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De gemeen-\nten werken samen.", "De gemeenten werken samen."),
        ("het wa-\nterschap", "het waterschap"),
        ("het wa\ufffe\nterschap", "het waterschap"),
        ("het wa\ufffeterschap beheert", "het waterschap beheert"),
        ("de drinkwater-\nvoorziening", "de drinkwatervoorziening"),
        ("van de mijnbouwmaatschappij-\nen.", "van de mijnbouwmaatschappijen."),
    ],
)
def test_line_end_hyphenation_is_joined(text: str, expected: str) -> None:
    assert join_hyphenated(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in Noord-\nHolland", "in Noord-Holland"),
        ("in Noord\ufffeHolland", "in Noord-Holland"),
        ("een warmte-\nkoudeopslag", "een warmte-koudeopslag"),
        ("een WKO-\nsysteem", "een WKO-systeem"),
        ("de CO2-\nopslag", "de CO2-opslag"),
        ("een zee-\neend", "een zee-eend"),
        ("de auto-\nindustrie", "de auto-industrie"),
        ("een noord-\nzuidverbinding", "een noord-zuidverbinding"),
    ],
)
def test_spelling_hyphen_is_kept_and_line_break_removed(text: str, expected: str) -> None:
    assert join_hyphenated(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("een gezond bodem- en watersysteem", "een gezond bodem- en watersysteem"),
        ("een gezond bodem-\nen watersysteem", "een gezond bodem-\nen watersysteem"),
        ("grond-\nof oppervlaktewater", "grond-\nof oppervlaktewater"),
        ("van bodem-\ntot grondwaterbeheer", "van bodem-\ntot grondwaterbeheer"),
        # pdfium drops the line break after its mark; it is put back
        ("een gezond bodem\ufffeen watersysteem", "een gezond bodem-\nen watersysteem"),
    ],
)
def test_coordination_hyphen_is_kept(text: str, expected: str) -> None:
    assert join_hyphenated(text) == expected


def test_ordinary_hyphens_inside_a_line_are_untouched() -> None:
    text = "De Noord-Hollandse WKO-systemen en het zuid-oosten"
    assert join_hyphenated(text) == text


def test_dash_at_line_end_is_not_a_hyphenation() -> None:
    assert join_hyphenated("grondwater -\nniet oppervlaktewater") == (
        "grondwater -\nniet oppervlaktewater"
    )


def test_keep_hyphen_rule() -> None:
    assert keep_hyphen("Noord", "Holland")
    assert keep_hyphen("warmte", "koudeopslag")
    assert keep_hyphen("thee", "ei")
    assert not keep_hyphen("gemeen", "ten")
    assert not keep_hyphen("materi", "aal")  # i+a is an ordinary syllable break
    assert not keep_hyphen("ge", "ologie")


# --- characters -----------------------------------------------------------------------


# Every character rule runs inside normalize_line, the one path the readers use.


def test_ligatures_are_expanded() -> None:
    assert normalize_line("de \ufb01nanciering, \ufb02exibel, e\ufb00ect") == (
        "de financiering, flexibel, effect"
    )
    assert normalize_line("e\ufb03ci\u00ebnt, a\ufb04uent") == "efficiënt, affluent"


def test_soft_hyphens_are_removed() -> None:
    assert normalize_line("grond\u00adwater\u00adbeheer") == "grondwaterbeheer"


def test_quotes_are_straightened() -> None:
    assert normalize_line("\u201eschoon\u201d en \u2018veilig\u2019") == "\"schoon\" en 'veilig'"


def test_odd_spaces_become_one_space() -> None:
    assert normalize_line("  bodem\u00a0en\u2009ondergrond\t  in  beeld ") == (
        "bodem en ondergrond in beeld"
    )


def test_characters_are_composed_nfc() -> None:
    decomposed = "ge\u0065\u0308ist"  # e + combining diaeresis
    assert normalize_line(decomposed) == "geëist"
    assert len(normalize_line(decomposed)) == 6


def test_hyphenation_marks_are_kept_for_the_joiner() -> None:
    assert normalize_line("wa\ufffe") == "wa\ufffe"


def test_unicode_hyphen_becomes_ascii_hyphen() -> None:
    assert normalize_line("Noord\u2010Holland") == "Noord-Holland"


# --- letter-spaced headings -----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("B O D E M  E N  O N D E R G R O N D", "BODEM EN ONDERGROND"),
        ("G R O N D W A T E R", "GRONDWATER"),
        ("B O D E M   E N   O N D E R G R O N D", "BODEM EN ONDERGROND"),
        ("Het grondwater is schoon", "Het grondwater is schoon"),
        ("a b c", "a b c"),  # too short to be a spaced heading
        ("Ik b e n", "Ik b e n"),  # not only single letters
    ],
)
def test_letter_spaced_heading(line: str, expected: str) -> None:
    assert join_letter_spaced(line) == expected


def test_normalize_line_combines_rules() -> None:
    # quoted: not only single letters, so only quotes and spaces are normalised
    assert normalize_line("\u201cB O D E M  E N\u201d") == '"B O D E M E N"'
    assert normalize_line("B O D E M  E N  W A T E R") == "BODEM EN WATER"
    assert normalize_line("  de  \ufb01etsroute\u00a0langs  ") == "de fietsroute langs"


# --- running headers, footers and page numbers ----------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "12",
        " 7 ",
        "- 12 -",
        "– 3 –",
        "pagina 12 van 40",
        "Pagina 4",
        "blz. 9",
        "12 / 40",
        "3 van 9",
    ],
)
def test_page_numbers(line: str) -> None:
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["12 gemeenten", "Hoofdstuk 3", "Artikel 2.1", "pagina's"])
def test_not_page_numbers(line: str) -> None:
    assert not is_page_number(line)


def test_running_line_key_masks_digits() -> None:
    assert running_line_key("Omgevingsvisie  2040 | 12") == running_line_key(
        "omgevingsvisie 2041 | 7"
    )


def test_running_header_and_footer_found_on_most_pages() -> None:
    pages = [
        ["Omgevingsvisie Voorbeeldstad", "Bodem", "De bodem is de basis.", "pagina 1 van 4"],
        ["Omgevingsvisie Voorbeeldstad", "Water", "Het water stroomt.", "pagina 2 van 4"],
        ["Omgevingsvisie Voorbeeldstad", "Energie", "Wij wekken warmte op.", "pagina 3 van 4"],
        ["Ruimte", "Wij houden ruimte vrij.", "Omgevingsvisie Voorbeeldstad", "4"],
    ]
    assert find_running_lines(pages) == [{0, 3}, {0, 3}, {0, 3}, {2, 3}]


def test_repeated_line_needs_three_pages() -> None:
    pages = [
        ["Omgevingsvisie Voorbeeldstad", "Bodem en ondergrond."],
        ["Omgevingsvisie Voorbeeldstad", "Water en klimaat."],
    ]
    assert find_running_lines(pages) == [set(), set()]


def test_repeated_line_in_the_middle_of_a_page_is_kept() -> None:
    pages = [
        ["a", "b", "c", "Zie ook de kaart.", "d", "e", "f"],
        ["g", "h", "i", "Zie ook de kaart.", "j", "k", "l"],
        ["m", "n", "o", "Zie ook de kaart.", "p", "q", "r"],
    ]
    assert find_running_lines(pages) == [set(), set(), set()]


def test_blocks_to_text_contract() -> None:
    blocks = [["Grondwater"], ["Het grondwater in de wa-", "terwingebieden is schoon."], []]
    assert blocks_to_text(blocks) == (
        "Grondwater\n\nHet grondwater in de waterwingebieden is schoon."
    )
