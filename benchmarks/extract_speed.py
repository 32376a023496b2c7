"""How fast is the reading stage? ``python benchmarks/extract_speed.py [--pages 150]``.

Generates a two-column omgevingsvisie of about 150 pages (reportlab, Dutch
hyphenation, running header and page numbers) in ``benchmarks/out/`` (git-ignored),
then times, in one run on this machine:

* ``pdftotext`` (poppler-utils) as the baseline, if installed;
* the ``pdfium`` engine including normalisation, without cache;
* the ``pdfplumber`` engine, without cache;
* a cached re-read of the same file.

Targets: pdfium within 3x of pdftotext; the cached re-read under 0.1 s.
Needs the test extras (reportlab, pyphen) to generate the PDF.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pdf_factory import make_pdf  # noqa: E402
from visiecheck.extract import extract  # noqa: E402

OUT = ROOT / "benchmarks" / "out"

_SUBJECTS = [
    "Het grondwater onder de stad",
    "De drinkwaterwinning in het noorden",
    "Geothermie in de diepe ondergrond",
    "Een open bodemenergiesysteem",
    "De bodemdaling in het veenweidegebied",
    "Het bodemarchief onder de oude kern",
    "Verontreinigde grond langs het spoor",
    "De ondergrondse opslag van warmte",
    "Het netwerk van kabels en leidingen",
    "De zoutwinning in het oosten",
]
_PREDICATES = [
    "vraagt om zorgvuldige keuzes bij iedere nieuwe ontwikkeling",
    "wordt samen met het waterschap en de provincie beschermd",
    "krijgt een vaste plaats in het omgevingsplan van de gemeente",
    "biedt kansen voor de warmtetransitie in bestaande woonwijken",
    "is kwetsbaar voor verontreiniging en verdroging",
    "wordt in kaart gebracht voordat er gebouwd of geboord wordt",
    "verdient bescherming omdat herstel tientallen jaren duurt",
    "is een gedeelde verantwoordelijkheid van overheden en inwoners",
]
_TITLES = [
    "Grondwater",
    "Geothermie",
    "Bodemenergie",
    "Bodemdaling",
    "Bodemarchief",
    "Bodemkwaliteit",
    "Ondergronds ruimtegebruik",
    "Drinkwater",
    "Mijnbouw",
]


def build_visie(folder: Path, pages: int) -> Path:
    """A deterministic two-column visie; one chapter page per requested page."""
    rng = random.Random(2040)
    content = []
    for number in range(pages):
        paragraphs = [f"# {number + 1}. {rng.choice(_TITLES)}"]
        for _ in range(7):
            sentences = [f"{rng.choice(_SUBJECTS)} {rng.choice(_PREDICATES)}." for _ in range(3)]
            paragraphs.append(" ".join(sentences))
        content.append(paragraphs)
    return make_pdf(
        folder,
        content,
        columns=2,
        hyphenate=True,
        header="Omgevingsvisie Voorbeeldstad 2040",
        page_numbers=True,
        filename=f"visie-{pages}.pdf",
    )


def best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"visie-{args.pages}.pdf"
    if not path.exists():
        print(f"generating {path} ...", flush=True)
        path = build_visie(OUT, args.pages)
    physical = extract(path, use_cache=False).page_count
    print(f"file: {path} ({physical} pages, {path.stat().st_size // 1024} KiB)\n")

    results: dict[str, float] = {}
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        results["pdftotext"] = best_of(
            args.runs,
            lambda: subprocess.run(
                [pdftotext, str(path), "-"], check=True, stdout=subprocess.DEVNULL
            ),
        )
    else:
        print("note: pdftotext not found (apt-get install poppler-utils); baseline skipped\n")
    results["pdfium engine (no cache)"] = best_of(
        args.runs, lambda: extract(path, engine="pdfium", use_cache=False)
    )
    results["pdfplumber engine (no cache)"] = best_of(
        1, lambda: extract(path, engine="pdfplumber", use_cache=False)
    )
    with tempfile.TemporaryDirectory() as cache_dir:
        extract(path, engine="pdfium", cache_dir=Path(cache_dir))
        results["cached re-read"] = best_of(
            max(args.runs, 5), lambda: extract(path, engine="pdfium", cache_dir=Path(cache_dir))
        )

    baseline = results.get("pdftotext")
    print(f"{'reader':32} {'seconds':>9} {'pages/s':>9} {'vs pdftotext':>13}")
    for name, seconds in results.items():
        ratio = f"{seconds / baseline:.2f}x" if baseline else "-"
        print(f"{name:32} {seconds:9.3f} {physical / seconds:9.0f} {ratio:>13}")
    print()
    if baseline:
        pdfium_ratio = results["pdfium engine (no cache)"] / baseline
        verdict = "met" if pdfium_ratio <= 3 else "NOT met"
        print(f"target pdfium within 3x of pdftotext: {verdict} ({pdfium_ratio:.2f}x)")
    cached = results["cached re-read"]
    print(
        f"target cached re-read under 0.1 s: {'met' if cached < 0.1 else 'NOT met'} "
        f"({cached:.3f} s)"
    )


if __name__ == "__main__":
    main()
