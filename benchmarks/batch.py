"""How fast is ``visiecheck batch``? ``python benchmarks/batch.py [--corpus synthetic|dense|both]``.

Generates 14 two-column omgevingsvisies of about 120 pages (one per Twente municipality)
in ``benchmarks/out/batch/`` (git-ignored), from one of two corpora:

* ``synthetic`` (the default): ~1,500 characters a page of a few repeated sentences,
  different themes per visie. Cheap text: it shows the start-up and the PDF reading.
* ``dense``: ~4,500 characters a page of real Dutch plan text, the paragraphs of
  ``../shared/corpus/*.txt`` (one paragraph a line) in order, each visie starting at
  another place; short lines without a full stop become subheadings. This is what real
  two-column visies cost per page (sentence splitting and matching). Skipped with a note
  when the corpus folder is missing (``--corpus-dir`` points elsewhere).

For each corpus it times, in one run on this machine:

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
from collections.abc import Sequence
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


def _visie_pdf(folder: Path, name: str, content: Sequence[Sequence[str]], **layout: float) -> Path:
    """A two-column visie PDF named after its municipality, with running header and numbers."""
    return make_pdf(
        folder,
        content,
        columns=2,
        header=f"Omgevingsvisie {name.replace('-', ' ')} 2040",
        page_numbers=True,
        filename=f"Omgevingsvisie_{name}_2040.pdf",
        **layout,
    )


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
    return _visie_pdf(folder, name, content)


DEFAULT_CORPUS_DIR = ROOT.parent / "shared" / "corpus"
DENSE_CHARS = 4_500  # characters of text a page, as on a full two-column page
DENSE_PARAGRAPH_MAX = 1_100  # longer paragraphs are cut at a sentence end (they must fit)
DENSE_FONT_SIZE = 8  # so that 4,500 characters (and subheadings) fit a two-column A4 page


def corpus_paragraphs(corpus_dir: Path) -> list[str]:
    """The corpus's paragraphs in file order, long ones cut at sentence ends, as
    reportlab markup; short lines without a full stop become subheadings (``## ``)."""
    paragraphs = []
    for path in sorted(corpus_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = " ".join(line.split())
            if not line:
                continue
            markup = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            if len(line) < 70 and not line.endswith((".", ":", ";")):
                paragraphs.append("## " + markup)
                continue
            piece = ""
            for sentence in markup.split(". "):
                joined = f"{piece}. {sentence}" if piece else sentence
                if piece and len(joined) > DENSE_PARAGRAPH_MAX:
                    paragraphs.append(piece + ".")
                    piece = sentence
                else:
                    piece = joined
            if piece:
                paragraphs.append(piece)
    return paragraphs


def build_dense(folder: Path, name: str, pages: int, paragraphs: Sequence[str]) -> Path:
    """A visie of ``pages`` two-column pages of ~``DENSE_CHARS`` characters of real text."""
    position = random.Random(f"dense-{name}").randrange(len(paragraphs))
    content = []
    for _ in range(pages):
        page: list[str] = []
        size = 0
        while True:
            paragraph = paragraphs[position % len(paragraphs)]
            if page and size + len(paragraph) > DENSE_CHARS + 300:
                break
            page.append(paragraph)
            size += len(paragraph)
            position += 1
            if size >= DENSE_CHARS:
                break
        content.append(page)
    return _visie_pdf(
        folder,
        name,
        content,
        font_size=DENSE_FONT_SIZE,
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


def generate(corpus: str, documents: int, pages: int, corpus_dir: Path) -> list[Path] | None:
    """The visies of one corpus (generated once, then reused), or None without its text."""
    if corpus == "dense":
        if not corpus_dir.is_dir() or not any(corpus_dir.glob("*.txt")):
            print(f"note: no corpus texts in {corpus_dir}: the dense corpus is skipped\n")
            return None
        paragraphs = corpus_paragraphs(corpus_dir)
        folder = OUT / f"dense-{documents}x{pages}"
    else:
        folder = OUT / f"{documents}x{pages}"
    folder.mkdir(parents=True, exist_ok=True)
    names = (MUNICIPALITIES * 30)[:documents]
    files = []
    for index, name in enumerate(names):
        label = name if index < len(MUNICIPALITIES) else f"{name}-{index}"
        path = folder / f"Omgevingsvisie_{label}_2040.pdf"
        if not path.exists():
            print(f"generating {folder.name}/{path.name} ...", flush=True)
            if corpus == "dense":
                build_dense(folder, label, pages, paragraphs)
            else:
                build(folder, label, pages)
        files.append(path)
    return files


def measure(corpus: str, files: list[Path], repeat: int) -> None:
    """Time the baseline and the cold, warm and two-visie batches of these files."""
    import pypdfium2

    folder = files[0].parent
    pages = sum(len(pypdfium2.PdfDocument(str(path))) for path in files)
    print(f"== {corpus} corpus: {len(files)} visies, {pages} pages in total, {cpu_count()} CPUs\n")

    if shutil.which("pdftotext") is None:
        print("note: pdftotext (poppler-utils) is not installed: no baseline")
    base_times: list[float] = []
    cold_times: list[float] = []
    warm_times: list[float] = []
    cold_rss = cold_pss = warm_rss = warm_pss = 0
    for attempt in range(repeat):
        # Baseline and cold run take turns, so both see the machine in the same state.
        base_time = baseline(files)
        if base_time is not None:
            base_times.append(base_time)
        with tempfile.TemporaryDirectory() as cache:
            elapsed, rss, pss = run_batch(folder, Path(cache))
            cold_times.append(elapsed)
            cold_rss, cold_pss = max(cold_rss, rss), max(cold_pss, pss)
            if attempt == repeat - 1:
                for _ in range(repeat):
                    elapsed, rss, pss = run_batch(folder, Path(cache))
                    warm_times.append(elapsed)
                    warm_rss, warm_pss = max(warm_rss, rss), max(warm_pss, pss)
    base = min(base_times) if base_times else None
    cold, cold_median = summary(cold_times)
    warm, warm_median = summary(warm_times)

    def ratio(value: float) -> str:
        return f"{value / base:5.2f}x baseline" if base else ""

    print(f"best of {repeat} runs (median in brackets)")
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
        for _ in range(repeat):
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
          f"cold ({estimate:.0f} s)\n")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["synthetic", "dense", "both"], default="synthetic")
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS_DIR,
                        help="the dense corpus's texts (*.txt, one paragraph a line)")  # fmt: skip
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--documents", type=int, default=len(MUNICIPALITIES))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind (best counts)")
    args = parser.parse_args()
    corpora = ["synthetic", "dense"] if args.corpus == "both" else [args.corpus]
    for corpus in corpora:
        files = generate(corpus, args.documents, args.pages, args.corpus_dir)
        if files:
            measure(corpus, files, args.repeat)


if __name__ == "__main__":
    main()
