"""How long do hostile sizes take? ``python benchmarks/hostile_sizes.py [--repeat N]``.

Builds two text files in ``benchmarks/out/hostile/`` (git-ignored), the inputs of issue 14
(point 2) that used to run for minutes:

* ``hits-8000.txt``: 1.3 MB of 8,000 paragraphs, each with several hits (one page of
  text: every hit used to be compared with every other);
* ``symbols-16k.txt``: a sentence, 16 KB of ``=`` without a space, another sentence
  (spaCy's tokenizer used to strip the run one character at a time).

For each it times, in one run on this machine, ``visiecheck check FILE --no-cache``
(start-up included) and the baseline: reading the file and a plain keyword search
(lowercase substring of every lexicon term) in this process. Each is run ``--repeat``
times (default 3); the best wall time is printed (other processes only ever slow a run
down) with the ratio to the baseline. Targets: the hit text under 5 s, the symbol run
under 1 s of matching (the check minus its start-up: a check of a one-sentence
text with one hit).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from visiecheck.lexicon import load_lexicon  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "hostile"
PARAGRAPHS = [
    "Het grondwater onder de kern is een kwetsbare bron die wij beschermen tegen "
    "verontreiniging en verzilting, samen met het waterschap, de provincie en de "
    "drinkwaterbedrijven.",
    "Geothermie en bodemenergie (WKO) kunnen bijdragen aan de warmtevoorziening van de "
    "wijken; wij onderzoeken de kansen in de diepe ondergrond samen met de netbeheerder.",
    "De zoutwinning in het oosten leidt tot bodemdaling die wij blijven volgen; kabels en "
    "leidingen krijgen een vaste plaats in de ondergrond van elke nieuwe woonwijk.",
]


def build(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    hits = folder / "hits-8000.txt"
    hits.write_text(
        "".join(PARAGRAPHS[index % 3] + "\n\n" for index in range(8_000)), encoding="utf-8"
    )
    symbols = folder / "symbols-16k.txt"
    symbols.write_text(
        "Het grondwater is schoon. " + "=" * 16_384 + " En de bodem blijft gezond.\n",
        encoding="utf-8",
    )
    empty = folder / "start-up.txt"
    # one hit: the start-up then includes loading spaCy's tokenizer, as in the others
    empty.write_text("Het grondwater is schoon.\n", encoding="utf-8")
    return {"hits": hits, "symbols": symbols, "start-up": empty}


def best_of(repeat: int, run: Callable[[], None]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def check(path: Path) -> Callable[[], None]:
    command = [sys.executable, "-m", "visiecheck", "check", str(path), "--no-cache"]
    command += ["--format", "json", "-o", str(path.with_suffix(".json"))]

    def run() -> None:
        subprocess.run(command, check=True, capture_output=True)

    return run


def keyword_search(path: Path, terms: list[str]) -> Callable[[], None]:
    def run() -> None:
        text = path.read_text(encoding="utf-8").lower()
        sum(text.count(term) for term in terms)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = build(OUT)
    lexicon = load_lexicon()
    terms = [term.text.lower() for theme in lexicon.themes for term in theme.terms]
    print(f"{files['hits'].stat().st_size / 1e6:.2f} MB of 8,000 hit paragraphs; "
          f"{files['symbols'].stat().st_size / 1e3:.1f} KB with 16,384 '='")  # fmt: skip
    start_up = best_of(args.repeat, check(files["start-up"]))
    print(f"start-up (check of one sentence)   {start_up:6.2f} s")
    for name in ("hits", "symbols"):
        base = best_of(args.repeat, keyword_search(files[name], terms))
        took = best_of(args.repeat, check(files[name]))
        print(
            f"{files[name].name:<16} baseline keyword search {base:6.3f} s   "
            f"visiecheck check {took:6.2f} s ({took / base:,.0f}x)   "
            f"without start-up {max(took - start_up, 0):5.2f} s"
        )


if __name__ == "__main__":
    main()
