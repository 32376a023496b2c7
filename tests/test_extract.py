"""The reading stage on generated PDFs: both engines, exact expectations."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests import pdf_factory
from visiecheck import extract as extract_module
from visiecheck.errors import EncryptedPdfError
from visiecheck.extract import EXTRACTOR_VERSION, _pdfium, _pdfplumber, extract, format_page_list
from visiecheck.extract.cache import CACHE_FILE

ENGINES = ["pdfium", "pdfplumber"]

TITLE = "Bodem en ondergrond"
# Long enough at 14 pt to fill the left column and run on into the right one.
SENTENCES = [
    "De gemeente wil de kwaliteit van het grondwater beschermen, omdat de "
    "drinkwatervoorziening van de regio afhankelijk is van diepe watervoerende pakketten.",
    "Rond de waterwingebieden gelden beperkingen voor activiteiten die de bodem kunnen "
    "verontreinigen, zoals het opslaan van mest of het boren van diepe putten.",
    "Voor de warmtetransitie onderzoeken wij samen met de provincie de mogelijkheden van "
    "geothermie in het zuidelijke deel van de gemeente.",
    "Open bodemenergiesystemen mogen elkaar niet hinderen; daarom stellen wij een "
    "bodemenergieplan op voor de dichtbebouwde woonwijken.",
    "In het veenweidegebied leidt de daling van de bodem tot hogere kosten voor het "
    "onderhoud van wegen, leidingen en funderingen.",
    "Het waterschap verhoogt het grondwaterpeil in de polders om de oxidatie van veen te "
    "beperken en de uitstoot van broeikasgassen te verminderen.",
    "Archeologische resten in de ondergrond worden zoveel mogelijk op hun oorspronkelijke "
    "plaats bewaard.",
    "Bij nieuwe ontwikkelingen houden wij rekening met kabels, leidingen en andere "
    "ondergrondse infrastructuur, zodat de schaarse ruimte onder de grond goed wordt benut.",
    "Verontreinigde grond wordt gesaneerd wanneer de gezondheid van bewoners of de "
    "kwaliteit van het oppervlaktewater in gevaar komt.",
    "Wij werken met de agrarische sector aan een gezonde bodem met voldoende organische "
    "stof, zodat gewassen beter bestand zijn tegen droogte.",
    "Ondergrondse opslag van waterstof en aardgas in zoutcavernes vraagt om zorgvuldige "
    "afspraken met het Rijk en de mijnbouwmaatschappijen.",
    "De gemeente ziet kansen voor warmte-koudeopslag bij scholen, zorgcentra en kantoren "
    "in het stadscentrum.",
]

HEADER = "Omgevingsvisie Voorbeeldstad 2040"


def flat(text: str) -> str:
    """Whitespace folded: sentences compared regardless of where lines break."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def two_column_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("twocol")
    return pdf_factory.make_pdf(
        folder, [["# " + TITLE, *SENTENCES]], columns=2, hyphenate=True, font_size=14
    )


# --- the factory does what it claims --------------------------------------------------


def test_factory_two_columns_really_hyphenate_and_fill_both_columns(
    two_column_pdf: Path,
) -> None:
    document = pdfium.PdfDocument(str(two_column_pdf))
    try:
        assert len(document) == 1
        page = document[0]
        textpage = page.get_textpage()
        raw = textpage.get_text_range()
        assert raw.count("\ufffe") >= 5  # pdfium's mark of a line-end hyphen
        middle = page.get_width() / 2
        lefts = [textpage.get_charbox(i)[0] for i in range(textpage.count_chars())]
        assert sum(1 for x in lefts if x > middle) > 200  # the right column has text
        assert sum(1 for x in lefts if x < middle) > 200
        textpage.close()
        page.close()
    finally:
        document.close()


def test_factory_image_only_page_has_no_text(tmp_path: Path) -> None:
    path = pdf_factory.make_pdf(
        tmp_path,
        [["Het grondwater is schoon."], ["Een gescande bladzijde over bodemdaling."]],
        image_only_pages=[2],
        header=HEADER,
    )
    document = pdfium.PdfDocument(str(path))
    try:
        assert document[0].get_textpage().count_chars() > 0
        assert document[1].get_textpage().count_chars() == 0
        images = [obj for obj in document[1].get_objects() if obj.type == 3]  # image objects
        assert len(images) == 1
    finally:
        document.close()


# --- layout -------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_one_column_exact_text(engine: str, make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(
        [
            [
                "# Grondwater en drinkwater",
                "Het grondwater is een belangrijke bron voor ons drinkwater.",
                "De gemeente beschermt de waterwingebieden tegen vervuiling.",
                "## Bodemdaling",
                "In de polders daalt de bodem elk jaar een paar millimeter.",
            ]
        ]
    )
    document = extract(path, engine=engine, use_cache=False)
    assert document.engine == engine
    assert document.path == str(path)
    assert document.page_count == 1
    assert document.warnings == ()
    page = document.pages[0]
    assert page.number == 1
    assert page.has_text_layer
    assert page.text == (
        "Grondwater en drinkwater\n\n"
        "Het grondwater is een belangrijke bron voor ons drinkwater.\n\n"
        "De gemeente beschermt de waterwingebieden tegen vervuiling.\n\n"
        "Bodemdaling\n\n"
        "In de polders daalt de bodem elk jaar een paar millimeter."
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_two_columns_read_column_by_column(engine: str, two_column_pdf: Path) -> None:
    document = extract(two_column_pdf, engine=engine, use_cache=False)
    text = document.pages[0].text
    assert text.startswith(TITLE + "\n\n")  # the full-width title comes first
    folded = flat(text)
    positions = [folded.find(sentence) for sentence in SENTENCES]
    assert -1 not in positions, [s for s, p in zip(SENTENCES, positions, strict=True) if p < 0]
    assert positions == sorted(positions)  # reading order: left column, then right
    assert folded == flat(TITLE + " " + " ".join(SENTENCES))
    assert "\ufffe" not in text and "\x02" not in text


@pytest.mark.parametrize("engine", ENGINES)
def test_two_columns_blocks_are_paragraphs(engine: str, two_column_pdf: Path) -> None:
    blocks = extract(two_column_pdf, engine=engine, use_cache=False).pages[0].text.split("\n\n")
    assert [flat(block) for block in blocks] == [TITLE, *SENTENCES]


@pytest.mark.parametrize("engine", ENGINES)
def test_hyphenation_joined_and_spelling_hyphens_kept(
    engine: str, make_pdf: Callable[..., Path]
) -> None:
    path = make_pdf(
        [
            [
                "De provincie en de gemeen-<br/>ten werken samen aan het grondwaterbeheer.",
                "Wij zorgen voor een gezond bodem-<br/>en watersysteem in de hele regio.",
                "Het bodem- en watersysteem staat centraal in deze visie.",
                "De drinkwaterbedrijven in Noord-<br/>Holland investeren in zuivering.",
                "Een warmte-<br/>koudeopslag past goed bij de nieuwe scholen.",
            ]
        ]
    )
    text = extract(path, engine=engine, use_cache=False).pages[0].text
    assert text == (
        "De provincie en de gemeenten werken samen aan het grondwaterbeheer.\n\n"
        "Wij zorgen voor een gezond bodem-\nen watersysteem in de hele regio.\n\n"
        "Het bodem- en watersysteem staat centraal in deze visie.\n\n"
        "De drinkwaterbedrijven in Noord-Holland investeren in zuivering.\n\n"
        "Een warmte-koudeopslag past goed bij de nieuwe scholen."
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_every_automatic_hyphenation_is_repaired(engine: str, two_column_pdf: Path) -> None:
    document = pdfium.PdfDocument(str(two_column_pdf))
    raw = document[0].get_textpage().get_text_range()
    document.close()
    broken = [word for word in raw.split() if "\ufffe" in word]
    assert len(broken) >= 5
    text = extract(two_column_pdf, engine=engine, use_cache=False).pages[0].text
    for word in broken:
        left, right = word.split("\ufffe")
        joined = left + right if not right[:1].isupper() and right != "koudeopslag" else word
        assert joined.replace("\ufffe", "-") in text, word


@pytest.mark.parametrize("engine", ENGINES)
def test_running_header_and_page_numbers_removed(
    engine: str, make_pdf: Callable[..., Path]
) -> None:
    pages = [
        ["# Grondwater", "Het grondwater onder de stad is een kostbare voorraad."],
        ["# Geothermie", "Aardwarmte kan veel woningen in de toekomst verwarmen."],
        ["# Bodemdaling", "In het veenweidegebied daalt de bodem gestaag."],
        ["# Bodemarchief", "Archeologische waarden blijven in de bodem bewaard."],
    ]
    path = make_pdf(pages, header=HEADER, page_numbers=True)
    document = extract(path, engine=engine, use_cache=False)
    for number, page in enumerate(document.pages, start=1):
        assert page.removed_lines == (HEADER, str(number))
        assert HEADER not in page.text
        title, body = pages[number - 1]
        assert page.text == f"{title[2:]}\n\n{body}"


@pytest.mark.parametrize("engine", ENGINES)
def test_running_header_removed_in_two_columns(engine: str, make_pdf: Callable[..., Path]) -> None:
    pages = [SENTENCES[i : i + 3] for i in range(0, 12, 3)]
    path = make_pdf(pages, columns=2, header=HEADER, page_numbers=True)
    document = extract(path, engine=engine, use_cache=False)
    for number, page in enumerate(document.pages, start=1):
        assert page.removed_lines == (HEADER, str(number))
        assert flat(page.text) == flat(" ".join(pages[number - 1]))


@pytest.mark.parametrize("engine", ENGINES)
def test_letter_spaced_heading_is_joined(engine: str, make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(
        [
            [
                "SPACED BODEM EN ONDERGROND",
                "De ondergrond is druk: kabels, leidingen, warmtenetten en grondwater.",
            ]
        ]
    )
    text = extract(path, engine=engine, use_cache=False).pages[0].text
    assert text == (
        "BODEM EN ONDERGROND\n\n"
        "De ondergrond is druk: kabels, leidingen, warmtenetten en grondwater."
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_image_only_pages_flagged(engine: str, make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(
        [
            ["Het grondwater is schoon en moet schoon blijven."],
            ["Deze bladzijde is gescand."],
            ["Ook deze bladzijde is gescand."],
            ["Geothermie biedt kansen voor de warmtetransitie."],
        ],
        image_only_pages=[2, 3],
    )
    document = extract(path, engine=engine, use_cache=False)
    assert [page.has_text_layer for page in document.pages] == [True, False, False, True]
    assert document.pages_without_text == [2, 3]
    assert document.pages[1].text == ""
    assert document.warnings == (
        "2 pagina's zonder tekstlaag (2-3): deze tekst is niet gelezen "
        "(gebruik ReadOptions(ocr=True) voor tekstherkenning)",
    )


def test_single_image_only_page_warning(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf([["Bodemdaling vraagt om aandacht."], ["Gescand."]], image_only_pages=[2])
    assert extract(path, use_cache=False).warnings == (
        "1 pagina zonder tekstlaag (2): deze tekst is niet gelezen "
        "(gebruik ReadOptions(ocr=True) voor tekstherkenning)",
    )


def test_format_page_list() -> None:
    assert format_page_list([12, 13]) == "12-13"
    assert format_page_list([9, 3, 4, 5]) == "3-5, 9"
    assert format_page_list([7]) == "7"


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_pdf_with_password(engine: str, make_pdf: Callable[..., Path]) -> None:
    path = make_pdf([["Het grondwater is beschermd."]], encrypt="geheim")
    document = extract(path, engine=engine, password="geheim")
    assert document.pages[0].text == "Het grondwater is beschermd."
    # never cached: a later run without the password must still be refused
    with pytest.raises(EncryptedPdfError):
        extract(path, engine=engine)


def test_sha256_of_the_file(make_pdf: Callable[..., Path]) -> None:
    import hashlib

    path = make_pdf([["Bodemenergie in de binnenstad."]])
    assert extract(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


# --- cache ----------------------------------------------------------------------------


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("the engine was called although the cache should answer")


@pytest.mark.parametrize(("engine", "module"), [("pdfium", _pdfium), ("pdfplumber", _pdfplumber)])
def test_cache_hit_does_not_read_the_pdf(
    engine: str,
    module: object,
    make_pdf: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    cache_dir: Path,
) -> None:
    path = make_pdf([["Grondwater is schaars."], ["Bodemdaling is zichtbaar."]])
    first = extract(path, engine=engine)
    assert (cache_dir / CACHE_FILE).exists()
    monkeypatch.setattr(module, "read_pages", _refuse)
    second = extract(path, engine=engine)
    assert second == first
    copy = path.with_name("kopie.pdf")
    copy.write_bytes(path.read_bytes())
    assert extract(copy, engine=engine).path == str(copy)  # same bytes, path as given


def test_cache_is_per_engine(
    make_pdf: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_pdf([["Geothermie in de regio."]])
    extract(path, engine="pdfium")
    monkeypatch.setattr(_pdfium, "read_pages", _refuse)
    assert extract(path, engine="pdfplumber").engine == "pdfplumber"


def test_no_cache_neither_reads_nor_writes(
    make_pdf: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    path = make_pdf([["Drinkwater uit de duinen."]])
    extract(path, use_cache=False)
    assert not (cache_dir / CACHE_FILE).exists()  # nothing written
    extract(path)  # now cached
    monkeypatch.setattr(_pdfium, "read_pages", _refuse)
    with pytest.raises(AssertionError, match="engine was called"):
        extract(path, use_cache=False)  # not read from the cache either


def test_cache_key_includes_extractor_version(
    make_pdf: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    path = make_pdf([["Bodemkwaliteit en sanering."]])
    extract(path)
    with sqlite3.connect(cache_dir / CACHE_FILE) as connection:
        rows = connection.execute("SELECT engine, version FROM documents").fetchall()
    assert rows == [("pdfium", EXTRACTOR_VERSION)]
    monkeypatch.setattr(extract_module, "EXTRACTOR_VERSION", EXTRACTOR_VERSION + "-next")
    monkeypatch.setattr(_pdfium, "read_pages", _refuse)
    with pytest.raises(AssertionError, match="engine was called"):
        extract(path)


def test_explicit_cache_dir_argument(make_pdf: Callable[..., Path], tmp_path: Path) -> None:
    path = make_pdf([["Mijnbouw en zoutwinning."]])
    own = tmp_path / "eigen-cache"
    extract(path, cache_dir=own)
    assert (own / CACHE_FILE).exists()


def test_unwritable_cache_does_not_fail(
    make_pdf: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_pdf([["Bodemenergie vraagt om regie."]])
    blocker = tmp_path / "geen-map"
    blocker.write_text("een bestand waar een map zou moeten staan")
    monkeypatch.setenv("VISIECHECK_CACHE_DIR", str(blocker / "cache"))
    assert extract(path).pages[0].text == "Bodemenergie vraagt om regie."
    assert extract(path).pages[0].text == "Bodemenergie vraagt om regie."


def test_corrupt_cache_does_not_fail(make_pdf: Callable[..., Path], cache_dir: Path) -> None:
    path = make_pdf([["Grondwaterbescherming heeft prioriteit."]])
    cache_dir.mkdir(parents=True, exist_ok=True)
    (cache_dir / CACHE_FILE).write_bytes(b"dit is geen sqlite-database " * 100)
    assert extract(path).pages[0].text == "Grondwaterbescherming heeft prioriteit."


def test_cache_with_broken_payload_reads_again(
    make_pdf: Callable[..., Path], cache_dir: Path
) -> None:
    path = make_pdf([["Ondergrondse opslag van energie."]])
    extract(path)
    with sqlite3.connect(cache_dir / CACHE_FILE) as connection:
        connection.execute("UPDATE documents SET payload = '{\"pages\": 3}'")
    assert extract(path).pages[0].text == "Ondergrondse opslag van energie."


def test_pdfium_general_rectangle_lookup_gives_the_same_text(
    two_column_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast line-to-rectangle mapping and the general position lookup agree."""
    fast = extract(two_column_pdf, use_cache=False)
    monkeypatch.setattr(_pdfium, "_units_match_rects", lambda *args: None)
    general = extract(two_column_pdf, use_cache=False)
    assert general == fast


def test_pdfium_fast_mapping_is_used_for_simple_pages(
    two_column_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    original = _pdfium._lookup_ranges
    monkeypatch.setattr(_pdfium, "_lookup_ranges", lambda *args: calls.append(1) or original(*args))
    extract(two_column_pdf, use_cache=False)
    assert calls == []


SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.pdf"))


@pytest.mark.skipif(not SAMPLES, reason="no sample PDFs in samples/")
@pytest.mark.parametrize("sample", SAMPLES, ids=[path.name for path in SAMPLES])
def test_both_engines_read_the_samples_identically(sample: Path) -> None:
    """Bullets in symbol fonts, justified glossary lines, a table of contents, columns."""
    pdfium_pages = extract(sample, engine="pdfium", use_cache=False).pages
    plumber_pages = extract(sample, engine="pdfplumber", use_cache=False).pages
    assert [page.text for page in pdfium_pages] == [page.text for page in plumber_pages]
    assert "(cid:" not in "".join(page.text for page in plumber_pages)


def test_pdfium_engine_is_safe_to_call_from_threads(make_pdf: Callable[..., Path]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = make_pdf([["Het grondwater staat hoog in de polder."]])
    with ThreadPoolExecutor(max_workers=4) as pool:
        documents = list(pool.map(lambda _: extract(path, use_cache=False), range(16)))
    assert {document.pages[0].text for document in documents} == {
        "Het grondwater staat hoog in de polder."
    }


def test_cache_shared_by_concurrent_readers(make_pdf: Callable[..., Path]) -> None:
    """Several processes at once on one cache (WAL, busy timeout) all get the same text.

    Processes, not threads: that is how batches run, and PDFium itself is not thread-safe.
    """
    from concurrent.futures import ProcessPoolExecutor

    paths = [
        make_pdf(
            [[f"Grondwaterpeil in peilvak {number} wordt verhoogd."]], filename=f"v{number}.pdf"
        )
        for number in range(4)
    ]
    with ProcessPoolExecutor(max_workers=4) as pool:
        documents = list(pool.map(extract, paths * 3))
    assert [document.pages[0].text for document in documents] == [
        f"Grondwaterpeil in peilvak {number} wordt verhoogd." for number in range(4)
    ] * 3
