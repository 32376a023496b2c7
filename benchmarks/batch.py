"""How fast is ``visiecheck batch``? ``python benchmarks/batch.py [--pages 120] [--documents 14]``.

Generates 14 two-column omgevingsvisies of about 120 pages (one per Twente municipality,
different text and themes each) in ``benchmarks/out/batch/`` (git-ignored) and times, in
one run on this machine:

* the baseline: ``pdftotext`` on every file plus a plain keyword search (lowercase
  substring of every lexicon term) over its text, as many files at a time as there are
  CPUs (skipped with a note when ``pdftotext`` is missing), run just before each cold
  run so that both see the machine in the same state;
* ``visiecheck batch`` cold: an empty cache, the default engine and ``--jobs``;
* ``visiecheck batch`` warm: the same run again on the filled cache;
* ``visiecheck batch`` cold on the first two visies only: the difference with the full
  run is the cost of the other twelve without start-up, from which the time for all 342
  municipalities is extrapolated.

Each is run ``--repeat`` times (default 3; every cold run with a fresh, empty cache) and
the best and the median wall time are printed: on a shared machine other processes only
ever make a run slower, so the best run is the fairest figure, the median shows the
spread. It prints ratios to the baseline (best to best, and run by run against the
baseline run just before), peak memory of each kind of run
summed over all its processes (RSS, and PSS which counts shared pages once; sampled from
/proc), the cost per page and the extrapolated time for all 342 municipalities. Targets:
cold ≤ 3× baseline, warm < 2 s and ≤ half of cold, peak memory < 500 MB.
Needs the test extras (reportlab, pyphen) to generate the PDFs.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pdf_factory import make_pdf  # noqa: E402
from visiecheck.lexicon import load_lexicon  # noqa: E402
from visiecheck.run.isolation import cpu_count  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "batch"
MUNICIPALITIES = [
    "Almelo", "Borne", "Dinkelland", "Enschede", "Haaksbergen", "Hellendoorn", "Hengelo",
    "Hof-van-Twente", "Losser", "Oldenzaal", "Rijssen-Holten", "Tubbergen", "Twenterand",
    "Wierden",
]  # fmt: skip
_GENERAL = [
    "De gemeente werkt aan een aantrekkelijk centrum met ruimte voor ontmoeting",
    "Wij versterken de fietsroutes tussen de kernen en het buitengebied",
    "Nieuwe woningen komen bij voorkeur binnen de bestaande bebouwing",
    "Het landschap met zijn essen en houtwallen is een kwaliteit die wij koesteren",
    "Inwoners en ondernemers denken vanaf het begin mee over plannen",
    "De voorzieningen in de dorpen blijven goed bereikbaar voor iedereen",
    "Bedrijventerreinen worden zorgvuldig ingepast en waar nodig vernieuwd",
    "Wij zoeken de balans tussen wonen, werken en recreëren",
]
_THEMES = [
    "Geothermie kan een bijdrage leveren aan de warmtevoorziening van de wijken",
    "Het grondwater is een kwetsbare bron die wij beschermen tegen verontreiniging",
    "Open bodemenergiesystemen vragen om afstemming in de ondergrond",
    "De drinkwaterwinning in het noorden krijgt een beschermingszone",
    "Verontreinigde grond langs het spoor wordt gesaneerd voordat er gebouwd wordt",
    "Het bodemarchief onder de oude kern verdient bescherming",
    "Kabels en leidingen krijgen een vaste plaats in de ondergrond",
    "De zoutwinning in het oosten leidt tot bodemdaling die wij blijven volgen",
]


def build(folder: Path, name: str, pages: int) -> Path:
    rng = random.Random(name)
    themes = rng.sample(_THEMES, rng.randint(2, 6))
    content = []
    for number in range(pages):
        chapter = rng.choice(["Wonen", "Werken", "Landschap", "Mobiliteit"])
        paragraphs = [f"# {number + 1}. {chapter}"]
        for _ in range(7):
            sentences = [rng.choice(_GENERAL) for _ in range(3)]
            if rng.random() < 0.08:
                sentences[1] = rng.choice(themes)
            paragraphs.append(". ".join(sentences) + ".")
        content.append(paragraphs)
    return make_pdf(
        folder,
        content,
        columns=2,
        header=f"Omgevingsvisie {name.replace('-', ' ')} 2040",
        page_numbers=True,
        filename=f"Omgevingsvisie_{name}_2040.pdf",
    )


class MemorySampler:
    """Peak RSS and PSS summed over a process and all its descendants (Linux /proc)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_rss, self.peak_pss = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry.name))
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, []))
        return tree

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = pss = 0
            for pid in self._tree():
                try:
                    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                        if line.startswith("Rss:"):
                            rss += int(line.split()[1])
                        elif line.startswith("Pss:"):
                            pss += int(line.split()[1])
                except OSError:
                    continue
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self._stop.wait(0.25)  # sampling /proc costs CPU: do not slow the run measured


def run_batch(folder: Path, cache: Path) -> tuple[float, int, int]:
    cache.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "VISIECHECK_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "visiecheck", "batch", str(folder), "--format", "json",
               "--output", str(cache / "report.json")]  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=environment)
    with MemorySampler(process.pid) as sampler:
        process.wait()
    elapsed = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise SystemExit(f"visiecheck batch failed with exit code {process.returncode}")
    return elapsed, sampler.peak_rss // 1024, sampler.peak_pss // 1024


def baseline(files: list[Path]) -> float | None:
    """One timed run of the baseline, or None without pdftotext."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return None
    terms = sorted({t.text.lower() for th in load_lexicon(None).themes for t in th.terms})

    def one(path: Path) -> int:
        text = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True,
                              check=True).stdout.decode("utf-8", "replace").lower()  # fmt: skip
        return sum(text.count(term) for term in terms)

    start = time.perf_counter()
    with ThreadPoolExecutor(cpu_count()) as pool:
        list(pool.map(one, files))
    return time.perf_counter() - start


def summary(times: list[float]) -> tuple[float, float]:
    """Best and median of some wall times."""
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--documents", type=int, default=len(MUNICIPALITIES))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind (best counts)")
    args = parser.parse_args()
    folder = OUT / f"{args.documents}x{args.pages}"
    folder.mkdir(parents=True, exist_ok=True)
    names = (MUNICIPALITIES * 30)[: args.documents]
    files = []
    for index, name in enumerate(names):
        label = name if index < len(MUNICIPALITIES) else f"{name}-{index}"
        path = folder / f"Omgevingsvisie_{label}_2040.pdf"
        if not path.exists():
            print(f"generating {path.name} ...", flush=True)
            build(folder, label, args.pages)
        files.append(path)
    import pypdfium2

    pages = sum(len(pypdfium2.PdfDocument(str(path))) for path in files)
    print(f"{len(files)} visies, {pages} pages in total, {cpu_count()} CPUs\n")

    if shutil.which("pdftotext") is None:
        print("note: pdftotext (poppler-utils) is not installed: no baseline")
    base_times: list[float] = []
    cold_times: list[float] = []
    warm_times: list[float] = []
    cold_rss = cold_pss = warm_rss = warm_pss = 0
    for attempt in range(args.repeat):
        # Baseline and cold run take turns, so both see the machine in the same state.
        base_time = baseline(files)
        if base_time is not None:
            base_times.append(base_time)
        with tempfile.TemporaryDirectory() as cache:
            elapsed, rss, pss = run_batch(folder, Path(cache))
            cold_times.append(elapsed)
            cold_rss, cold_pss = max(cold_rss, rss), max(cold_pss, pss)
            if attempt == args.repeat - 1:
                for _ in range(args.repeat):
                    elapsed, rss, pss = run_batch(folder, Path(cache))
                    warm_times.append(elapsed)
                    warm_rss, warm_pss = max(warm_rss, rss), max(warm_pss, pss)
    base = min(base_times) if base_times else None
    cold, cold_median = summary(cold_times)
    warm, warm_median = summary(warm_times)

    def ratio(value: float) -> str:
        return f"{value / base:5.2f}x baseline" if base else ""

    print(f"best of {args.repeat} runs (median in brackets)")
    if base_times:
        print(f"baseline pdftotext + keyword grep  {base:7.2f} s  "
              f"({statistics.median(base_times):.2f} s)")  # fmt: skip
    print(f"visiecheck batch, cold             {cold:7.2f} s  ({cold_median:.2f} s)  "
          f"{ratio(cold)}  peak {cold_rss} MB RSS / {cold_pss} MB PSS")  # fmt: skip
    if base_times:
        ratios = sorted(c / b for c, b in zip(cold_times, base_times, strict=True))
        print(f"  cold / baseline run by run: {', '.join(f'{r:.2f}x' for r in ratios)} "
              f"(median {statistics.median(ratios):.2f}x)")  # fmt: skip
    print(f"visiecheck batch, warm (cached)    {warm:7.2f} s  ({warm_median:.2f} s)  "
          f"{ratio(warm)}  peak {warm_rss} MB RSS / {warm_pss} MB PSS  "
          f"({warm / cold:.0%} of cold)")  # fmt: skip
    if len(files) <= 2:
        return
    # The same run on the first two visies (a manifest): the difference is the cost of
    # the other documents without the start-up, which is what 342 more would cost.
    small_times = []
    with tempfile.TemporaryDirectory() as cache:
        manifest = Path(cache) / "twee.csv"
        manifest.write_text("".join(f"{path.stem};{path}\n" for path in files[:2]))
        for _ in range(args.repeat):
            shutil.rmtree(Path(cache) / "store", ignore_errors=True)
            elapsed, _, _ = run_batch(manifest, Path(cache) / "store")
            small_times.append(elapsed)
    small = min(small_times)
    per_document = (cold - small) / (len(files) - 2)
    per_page = per_document * len(files) / pages
    start_up = small - 2 * per_document
    print(f"visiecheck batch, cold, 2 visies   {small:7.2f} s")
    print(f"\ncold cost per page without start-up: {per_page * 1000:.2f} ms "
          f"(wall, {cpu_count()} CPUs); start-up and finish: {start_up:.2f} s")  # fmt: skip
    estimate = start_up + 342 * per_document
    print(f"all 342 municipalities × {pages // len(files)} pages: about {estimate / 60:.1f} min "
          f"cold ({estimate:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
