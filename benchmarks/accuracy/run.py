"""Measure theme-matching accuracy against the hand-labelled sets.

Usage (from the repository root)::

    python benchmarks/accuracy/run.py [--corpus-dir ../shared/corpus] [--lexicon PATH]
                                      [--errors] [--json]

Three sets are scored: the written sentences (``sentences.jsonl``), the held-out
sentences (``heldout.jsonl``, written blind to the lexicon after it was tuned, so its
numbers are the honest estimate of how the matcher generalises) and the labelled
paragraphs of the real corpus (``corpus_labels.jsonl``, only when the corpus folder
exists; labels whose line no longer has the recorded sha1 are skipped with a warning).
For each set the matcher is compared with a naive Ctrl-F baseline measured in the same
run. This is a measurement, not a test: it exits 0 whatever the numbers are (and 1 only
when it cannot measure at all, e.g. the lexicon does not load).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
if str(REPO) not in sys.path:  # run as a script: make `visiecheck` and `benchmarks` importable
    sys.path.insert(0, str(REPO))

from benchmarks.accuracy.metrics import (  # noqa: E402
    Evaluation,
    accuracy,
    disagreements,
    evaluate,
)

SENTENCES = HERE / "sentences.jsonl"
HELDOUT = HERE / "heldout.jsonl"
CORPUS_LABELS = HERE / "corpus_labels.jsonl"
DEFAULT_CORPUS_DIR = REPO.parent / "shared" / "corpus"
DEFAULT_DSO_FILE = REPO.parent / "shared" / "dso" / "dso-presenteren-novi-documentcomponenten.json"

THEMES: tuple[str, ...] = (
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
)

# The baseline is what a policy officer does today: Ctrl-F for the theme's name, typed the
# way a person would (one plain word or phrase, case-insensitive substring). Where the
# theme id is not a word anyone types, the most obvious everyday search word stands in:
# "ondergronds" for underground space, "archeologie" for the soil archive, "bodemleven"
# for soil life and fertility.
BASELINE_QUERIES: dict[str, str] = {
    "geothermie": "geothermie",
    "bodemenergie": "bodemenergie",
    "ondergrondse_opslag": "ondergrondse opslag",
    "grondwater": "grondwater",
    "drinkwater": "drinkwater",
    "mijnbouw": "mijnbouw",
    "bodemdaling": "bodemdaling",
    "bodemkwaliteit": "bodemkwaliteit",
    "ondergronds_ruimtegebruik": "ondergronds",
    "bodemarchief": "archeologie",
    "bodem_landbouw_natuur": "bodemleven",
}

TARGET_MICRO_F1 = 0.95
TARGET_THEME_PRECISION = 0.90
# Blind set 2 (issue 12): micro precision and recall, the lowest theme precision, and
# at most 2 of every 25 traps may give a theme.
BLIND_MICRO_PRECISION = 0.93
BLIND_MICRO_RECALL = 0.80
BLIND_THEME_PRECISION = 0.85
BLIND_TRAPS_FIRING = 2 / 25
STANCES = ("ambition", "condition", "exclusion", "background")


@dataclass
class Item:
    """One labelled text: a written sentence or a corpus paragraph."""

    id: str
    text: str
    gold: frozenset[str]
    stance: str | None = None
    trap: bool = False  # a trap item: a word that misleads a keyword matcher


@dataclass
class SetResult:
    """Predictions and scores for one labelled set."""

    name: str
    items: list[Item]
    predicted: list[frozenset[str]]
    baseline: list[frozenset[str]]
    evidence: list[dict[str, list[str]]]  # per item: theme → "term → matched text" strings
    skipped: list[str] = field(default_factory=list)

    @property
    def gold(self) -> list[frozenset[str]]:
        return [item.gold for item in self.items]

    def matcher_eval(self) -> Evaluation:
        return evaluate(self.gold, self.predicted, THEMES)

    def baseline_eval(self) -> Evaluation:
        return evaluate(self.gold, self.baseline, THEMES)


@dataclass(frozen=True)
class BlindSet:
    """A set written blind to the lexicon: a written part and real paragraphs by reference.

    ``tuned_on_from``: the first lexicon version that was tuned on its errors (None while
    it is still blind); from then on ``--errors`` lists its mistakes and ``--tuning-only``
    scores it, and the newest set that is still blind gives the recall of "missing".
    """

    name: str
    written: Path
    references: Path
    tuned_on_from: str | None = None


BLIND_SETS = (
    BlindSet("blind set 2", HERE / "blind2.jsonl", HERE / "blind2_refs.jsonl", "1.3.0"),
    BlindSet("blind set 3", HERE / "blind3.jsonl", HERE / "blind3_refs.jsonl", "1.4.0"),
    BlindSet("blind set 4", HERE / "blind4.jsonl", HERE / "blind4_refs.jsonl", "1.5.0"),
    BlindSet("blind set 5", HERE / "blind5.jsonl", HERE / "blind5_refs.jsonl", "1.6.0"),
    BlindSet("blind set 6", HERE / "blind6.jsonl", HERE / "blind6_refs.jsonl", "1.7.0"),
    BlindSet("blind set 7", HERE / "blind7.jsonl", HERE / "blind7_refs.jsonl", "1.8.0"),
    BlindSet("blind set 8", HERE / "blind8.jsonl", HERE / "blind8_refs.jsonl", "1.9.0"),
    BlindSet("blind set 9", HERE / "blind9.jsonl", HERE / "blind9_refs.jsonl", "1.10.0"),
    BlindSet("blind set 10", HERE / "blind10.jsonl", HERE / "blind10_refs.jsonl", "1.11.0"),
    BlindSet("blind set 11", HERE / "blind11.jsonl", HERE / "blind11_refs.jsonl", "1.12.0"),
    BlindSet("blind set 12", HERE / "blind12.jsonl", HERE / "blind12_refs.jsonl", "1.13.0"),
    BlindSet("blind set 13", HERE / "blind13.jsonl", HERE / "blind13_refs.jsonl"),
)


# --- loading the labelled sets -------------------------------------------------------


def load_sentences(path: Path = SENTENCES) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            items.append(
                Item(
                    row["id"],
                    row["text"],
                    frozenset(row["themes"]),
                    row["stance"],
                    trap=row.get("kind") == "trap",
                )
            )
    return items


def load_reference_items(
    corpus_dir: Path, dso_file: Path, path: Path
) -> tuple[list[Item], list[str]]:
    """A blind set's real paragraphs (corpus lines and NOVI paragraphs, by reference)
    whose text still has the recorded sha1, plus warnings for those skipped."""
    from benchmarks.accuracy.novi_paragraphs import novi_paragraphs

    items: list[Item] = []
    warnings: list[str] = []
    corpus_lines: dict[str, list[str]] = {}
    novi: dict[str, str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["source"] == "corpus":
            item_id = f"{row['file']}:{row['line']}"
            if row["file"] not in corpus_lines:
                file = corpus_dir / row["file"]
                corpus_lines[row["file"]] = (
                    file.read_text(encoding="utf-8").split("\n") if file.is_file() else []
                )
            lines = corpus_lines[row["file"]]
            text = lines[row["line"] - 1] if 1 <= row["line"] <= len(lines) else None
        else:
            item_id = f"NOVI:{row['ref']}"
            if novi is None:
                novi = novi_paragraphs(dso_file) if dso_file.is_file() else {}
            text = novi.get(row["ref"])
        if text is None:
            warnings.append(f"{item_id}: source text not found, skipped")
            continue
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != row["sha1"]:
            warnings.append(f"{item_id}: text changed since labelling (sha1 differs), skipped")
            continue
        trap = str(row.get("note", "")).startswith("trap:")
        items.append(Item(item_id, text, frozenset(row["themes"]), trap=trap))
    return items, warnings


def load_corpus_items(corpus_dir: Path, path: Path = CORPUS_LABELS) -> tuple[list[Item], list[str]]:
    """Corpus paragraphs whose text still matches the recorded sha1, plus skip warnings."""
    items: list[Item] = []
    warnings: list[str] = []
    cache: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        name, number = row["file"], row["line"]
        item_id = f"{name}:{number}"
        if name not in cache:
            file = corpus_dir / name
            if not file.is_file():
                cache[name] = []
            else:
                cache[name] = file.read_text(encoding="utf-8").split("\n")
        lines = cache[name]
        if not lines:
            warnings.append(f"{item_id}: corpus file not found, skipped")
            continue
        if not 1 <= number <= len(lines):
            warnings.append(f"{item_id}: line out of range, skipped")
            continue
        text = lines[number - 1]
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != row["sha1"]:
            warnings.append(f"{item_id}: text changed since labelling (sha1 differs), skipped")
            continue
        items.append(Item(item_id, text, frozenset(row["themes"])))
    return items, warnings


# --- predicting ---------------------------------------------------------------------


def baseline_themes(text: str) -> frozenset[str]:
    """Themes whose Ctrl-F word occurs in the text (case-insensitive substring)."""
    lowered = text.lower()
    return frozenset(theme for theme, query in BASELINE_QUERIES.items() if query in lowered)


def score_set(name: str, items: list[Item], match_text: Callable[[str], list]) -> SetResult:
    predicted: list[frozenset[str]] = []
    evidence: list[dict[str, list[str]]] = []
    for item in items:
        hits = match_text(item.text)
        # an incidental hit (a list entry, a museum) makes a theme at most "genoemd": it
        # does not say the passage is about the theme
        predicted.append(
            frozenset(hit.theme_id for hit in hits if not getattr(hit, "incidental", False))
        )
        per_theme: dict[str, list[str]] = {}
        for hit in hits:
            snippet = " ".join(hit.snippet.split())
            if len(snippet) > 140:
                snippet = snippet[:137] + "..."
            per_theme.setdefault(hit.theme_id, []).append(
                f"term {hit.term!r} matched {hit.matched_text!r} ({hit.match}) in: {snippet}"
            )
        evidence.append(per_theme)
    baseline = [baseline_themes(item.text) for item in items]
    return SetResult(name, items, predicted, baseline, evidence)


def stance_accuracy(items: Sequence[Item]) -> dict[str, object] | None:
    """Accuracy of ``visiecheck.analyse.stance.classify_stance`` on labelled theme sentences."""
    try:
        from visiecheck.analyse.stance import classify_stance  # type: ignore[import-not-found]
    except ImportError:
        return None
    labelled = [item for item in items if item.stance in STANCES]
    pairs = [(item.stance or "", classify_stance(item.text)) for item in labelled]
    wrong = [
        {"id": item.id, "gold": gold, "predicted": predicted}
        for item, (gold, predicted) in zip(labelled, pairs, strict=True)
        if gold != predicted
    ]
    return {"n": len(pairs), "accuracy": accuracy(pairs), "wrong": wrong}


# --- reporting ----------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def format_table(result: SetResult) -> str:
    matcher, baseline = result.matcher_eval(), result.baseline_eval()
    header = (
        f"{'theme':<26} {'n':>4} │ {'P':>4} {'R':>4} {'F1':>4} {'FP':>3} {'FN':>3} │ "
        f"{'bP':>4} {'bR':>4} {'bF1':>4}"
    )
    lines = [f"{result.name}: {len(result.items)} items (b = Ctrl-F baseline)", header]
    lines.append("─" * len(header))
    rows = [(theme, matcher.per_theme[theme], baseline.per_theme[theme]) for theme in THEMES]
    rows.append(("micro", matcher.micro, baseline.micro))
    for theme, m, b in rows:
        if theme == "micro":
            lines.append("─" * len(header))
        lines.append(
            f"{theme:<26} {m.support:>4} │ {_fmt(m.precision):>4} {_fmt(m.recall):>4} "
            f"{_fmt(m.f1):>4} {m.fp:>3} {m.fn:>3} │ "
            f"{_fmt(b.precision):>4} {_fmt(b.recall):>4} {_fmt(b.f1):>4}"
        )
    lines.append(f"macro F1: {_fmt(matcher.macro_f1)} (baseline {_fmt(baseline.macro_f1)})")
    return "\n".join(lines)


def target_check(result: SetResult) -> dict[str, object]:
    matcher, baseline = result.matcher_eval(), result.baseline_eval()
    micro_f1 = matcher.micro.f1
    low_precision = [
        theme
        for theme, counts in matcher.per_theme.items()
        if counts.precision is not None and counts.precision < TARGET_THEME_PRECISION
    ]
    base_f1 = baseline.micro.f1 or 0.0
    return {
        "micro_f1_ok": micro_f1 is not None and micro_f1 >= TARGET_MICRO_F1,
        "themes_below_precision": low_precision,
        "above_baseline_by": None if micro_f1 is None else round(micro_f1 - base_f1, 4),
    }


def format_targets(result: SetResult) -> str:
    check = target_check(result)
    micro = result.matcher_eval().micro.f1
    below = check["themes_below_precision"]
    return "\n".join(
        [
            f"targets ({result.name}):",
            f"  micro F1 ≥ {TARGET_MICRO_F1:.2f}: {_fmt(micro)} "
            f"{'met' if check['micro_f1_ok'] else 'NOT met'}",
            f"  every theme precision ≥ {TARGET_THEME_PRECISION:.2f}: "
            + ("met" if not below else "NOT met for " + ", ".join(below)),  # type: ignore[arg-type]
            f"  clearly above baseline: micro F1 minus baseline = {check['above_baseline_by']}",
        ]
    )


def traps_firing(result: SetResult) -> tuple[int, int]:
    """(trap items given a theme they do not carry, trap items)."""
    traps = [
        (item, predicted)
        for item, predicted in zip(result.items, result.predicted, strict=True)
        if item.trap
    ]
    return sum(1 for item, predicted in traps if predicted - item.gold), len(traps)


def blind_target_check(result: SetResult) -> dict[str, object]:
    micro = result.matcher_eval().micro
    fired, traps = traps_firing(result)
    low = [
        theme
        for theme, counts in result.matcher_eval().per_theme.items()
        if counts.precision is not None and counts.precision < BLIND_THEME_PRECISION
    ]
    return {
        "micro_precision_ok": micro.precision is not None
        and micro.precision >= BLIND_MICRO_PRECISION,
        "micro_recall_ok": micro.recall is not None and micro.recall >= BLIND_MICRO_RECALL,
        "themes_below_precision": low,
        "traps_fired": fired,
        "traps": traps,
        "traps_ok": traps == 0 or fired / traps <= BLIND_TRAPS_FIRING,
    }


def format_blind_targets(result: SetResult) -> str:
    check = blind_target_check(result)
    micro = result.matcher_eval().micro
    below = check["themes_below_precision"]
    fired, traps = check["traps_fired"], check["traps"]
    return "\n".join(
        [
            f"targets ({result.name}):",
            f"  micro P ≥ {BLIND_MICRO_PRECISION:.2f}: {_fmt(micro.precision)} "
            f"{'met' if check['micro_precision_ok'] else 'NOT met'}",
            f"  micro R ≥ {BLIND_MICRO_RECALL:.2f}: {_fmt(micro.recall)} "
            f"{'met' if check['micro_recall_ok'] else 'NOT met'}",
            f"  every theme precision ≥ {BLIND_THEME_PRECISION:.2f}: "
            + ("met" if not below else "NOT met for " + ", ".join(below)),  # type: ignore[arg-type]
            f"  traps firing ≤ 2 in 25: {fired} of {traps} "
            f"{'met' if check['traps_ok'] else 'NOT met'}",
        ]
    )


def format_errors(result: SetResult) -> str:
    lines = [f"errors ({result.name}):"]
    wrong = disagreements([item.id for item in result.items], result.gold, result.predicted, THEMES)
    by_id = {item.id: (item, ev) for item, ev in zip(result.items, result.evidence, strict=True)}
    for entry in wrong:
        item, evidence = by_id[entry.item_id]
        if entry.kind == "fp":
            detail = "; ".join(evidence.get(entry.theme, []))
        else:
            detail = item.text if len(item.text) <= 160 else item.text[:157] + "..."
        lines.append(f"  {entry.kind.upper()} {entry.item_id} {entry.theme}: {detail}")
    if not wrong:
        lines.append("  none")
    return "\n".join(lines)


def set_json(result: SetResult) -> dict[str, object]:
    return {
        "items": len(result.items),
        "skipped": result.skipped,
        "matcher": result.matcher_eval().as_dict(),
        "baseline": result.baseline_eval().as_dict(),
        "targets": target_check(result),
    }


# --- main ---------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        default=DEFAULT_CORPUS_DIR,
        help="folder with the real corpus texts (default: <repo>/../shared/corpus)",
    )
    parser.add_argument("--lexicon", default=None, help="lexicon YAML (default: shipped one)")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list false positives/negatives of the sets used for tuning (not the blind sets)",
    )
    parser.add_argument(
        "--blind-errors",
        action="store_true",
        help="also list the errors of the still-blind sets: only after their one "
        "measurement of a lexicon version, never to tune on",
    )
    parser.add_argument(
        "--tuning-only",
        action="store_true",
        help="score only the sets the lexicon may be tuned on (written, corpus): the "
        "held-out and blind sets are measured once per lexicon version, not while tuning",
    )
    parser.add_argument(
        "--dso-file",
        type=Path,
        default=DEFAULT_DSO_FILE,
        help="the NOVI as DSO API JSON (default: <repo>/../shared/dso/...)",
    )
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument(
        "--write-recall",
        action="store_true",
        help="record each theme's held-out recall beside the lexicon (<name>.accuracy.json), "
        "which reports quote for a missing theme",
    )
    return parser.parse_args(argv)


def write_recall(lexicon_source: str, version: str, heldout: SetResult, measured_on: str) -> Path:
    """Write ``<lexicon>.accuracy.json``: the blind recall per theme for this version.

    The blind set (blind set 2 when present, else the older held-out set) was written
    without sight of the lexicon, so its recall is the honest estimate of how often a
    theme that is there is found.
    """
    from visiecheck.lexicon import accuracy_path

    per_theme = heldout.matcher_eval().as_dict()["per_theme"]
    target = accuracy_path(Path(lexicon_source))
    payload = {
        "lexicon_version": version,
        "measured_on": measured_on,
        "items": len(heldout.items),
        "recall": {
            theme: round(counts["recall"], 2)
            for theme, counts in per_theme.items()
            if counts["recall"] is not None
        },
    }
    target.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


@dataclass
class ScoredBlindSet:
    blind_set: BlindSet
    parts: list[SetResult]  # the written part, then the real paragraphs when present
    union: SetResult


def score_blind_set(
    blind_set: BlindSet,
    match_text: Callable[[str], list],
    args: argparse.Namespace,
    notes: list[str],
) -> ScoredBlindSet:
    """Score a blind set's written part, its real paragraphs (when ``../shared`` is there)
    and the two together."""
    parts = [score_set(f"{blind_set.name}, written", load_sentences(blind_set.written), match_text)]
    if blind_set.references.is_file() and (args.corpus_dir.is_dir() or args.dso_file.is_file()):
        items, warnings = load_reference_items(args.corpus_dir, args.dso_file, blind_set.references)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        real = score_set(f"{blind_set.name}, real paragraphs", items, match_text)
        real.skipped = warnings
        parts.append(real)
    else:
        notes.append(f"{blind_set.name}'s real paragraphs skipped: no corpus or NOVI file")
    union = SetResult(
        f"{blind_set.name} (all)",
        [item for part in parts for item in part.items],
        [predicted for part in parts for predicted in part.predicted],
        [baseline for part in parts for baseline in part.baseline],
        [evidence for part in parts for evidence in part.evidence],
        [warning for part in parts for warning in part.skipped],
    )
    return ScoredBlindSet(blind_set, parts, union)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from visiecheck.analyse.matching import Matcher
    from visiecheck.errors import VisiecheckError
    from visiecheck.lexicon import load_lexicon

    try:
        lexicon = load_lexicon(args.lexicon)
    except VisiecheckError as error:
        print(f"cannot measure: {error.message}", file=sys.stderr)
        return 1
    matcher = Matcher(lexicon)  # built once, reused for every item

    sentences = load_sentences()
    heldout_items = load_sentences(HELDOUT)
    written = score_set("written sentences", sentences, matcher.match_text)
    heldout = score_set("held-out sentences", heldout_items, matcher.match_text)
    results = [written] if args.tuning_only else [written, heldout]
    corpus: SetResult | None = None
    notes: list[str] = []
    if args.corpus_dir.is_dir():
        corpus_items, warnings = load_corpus_items(args.corpus_dir)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        corpus = score_set("real corpus paragraphs", corpus_items, matcher.match_text)
        corpus.skipped = warnings
        results.append(corpus)
    else:
        notes.append(f"corpus set skipped: {args.corpus_dir} not found")
    blinds = [
        score_blind_set(blind_set, matcher.match_text, args, notes)
        for blind_set in BLIND_SETS
        if blind_set.written.is_file()
        and (not args.tuning_only or blind_set.tuned_on_from is not None)
    ]
    if args.tuning_only:
        notes.append("held-out and still-blind sets not scored (--tuning-only)")
    stance = stance_accuracy(sentences)
    # The stance rules were tuned on the written set too, so the held-out score is reported apart.
    heldout_stance = stance_accuracy(heldout_items)
    if stance is None:
        notes.append("stance accuracy skipped: visiecheck.analyse.stance is not available yet")

    if args.write_recall:
        still_blind = [scored for scored in blinds if scored.blind_set.tuned_on_from is None]
        if still_blind and still_blind[-1].union.items:
            newest = still_blind[-1]
            written_to = write_recall(
                lexicon.source,
                lexicon.version,
                newest.union,
                f"benchmarks/accuracy/{newest.blind_set.written.stem}*.jsonl",
            )
        else:
            written_to = write_recall(
                lexicon.source, lexicon.version, heldout, "benchmarks/accuracy/heldout.jsonl"
            )
        print(f"blind recall written to {written_to}", file=sys.stderr)

    if args.json:
        payload = {
            "lexicon": {"name": lexicon.name, "version": lexicon.version},
            "targets": {
                "micro_f1": TARGET_MICRO_F1,
                "theme_precision": TARGET_THEME_PRECISION,
            },
            "written": set_json(written),
            "heldout": {**set_json(heldout), "stance": heldout_stance},
            "corpus": set_json(corpus) if corpus is not None else None,
            **{
                scored.blind_set.written.stem: {
                    **set_json(scored.union),
                    "targets": blind_target_check(scored.union),
                    "parts": {part.name: set_json(part) for part in scored.parts},
                    "stance": stance_accuracy(scored.parts[0].items),
                    "tuned_on_from": scored.blind_set.tuned_on_from,
                }
                for scored in blinds
            },
            "stance": stance,
            "notes": notes,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0

    print(f"lexicon: {lexicon.name} {lexicon.version}\n")
    for result in results:
        print(format_table(result))
        print(format_targets(result))
        if args.errors:
            print(format_errors(result))
        print()
    for scored in blinds:
        for result in scored.parts:
            print(format_table(result))
            print()
        print(format_table(scored.union))
        print(format_blind_targets(scored.union))
        tuned_on = scored.blind_set.tuned_on_from is not None
        if (args.errors and tuned_on) or args.blind_errors:
            print(format_errors(scored.union))
        print()
    stances = [("written", stance)]
    if not args.tuning_only:
        stances.append(("held-out", heldout_stance))
    stances += [
        (scored.blind_set.name, stance_accuracy(scored.parts[0].items)) for scored in blinds
    ]
    for label, score in stances:
        if score is None:
            continue
        print(
            f"stance accuracy ({label}): {_fmt(score['accuracy'])} "  # type: ignore[arg-type]
            f"on {score['n']} theme sentences"
        )
        if args.errors:
            for wrong in score["wrong"]:  # type: ignore[attr-defined]
                print(f"  {wrong['id']}: labelled {wrong['gold']}, predicted {wrong['predicted']}")
    for note in notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
