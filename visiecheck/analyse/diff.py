"""Compare two drafts of one visie: what changed per theme (pure; no reading, no printing).

``diff_reports(old, new)`` takes two ``DocumentReport``s (from ``check``) and returns a
``DocumentDiff``: per theme the status change (gained, lost, improved, weakened,
unchanged), the change in mentions, pages added and removed, the evidence sentences that
disappeared, are new, moved to another page or were reworded, and — when stance data is
given — the change of the theme's dominant stance.

Evidence is compared as *sentences*: each evidence snippet is normalised (case,
whitespace, typographic quotes, a leading/trailing ``…`` of a cut snippet, end
punctuation) so that re-typesetting a draft does not show up as a change. A sentence
present in both drafts on different pages has *moved*; a lost and a new sentence of the
same theme that are still very similar (``REWORD_SIMILARITY``) are paired as
*reworded*, because that is what a consultant's edit looks like to a reader.

The diff can only see the evidence the reports hold: run ``check`` with an evidence
limit larger than any theme's sentence count (``DIFF_EVIDENCE``) or sentences beyond the
cap will look lost or new.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from ..errors import ExitCode, FailedDocumentError
from ..messages import Msg
from ..models import (
    Change,
    DiffSide,
    DocumentDiff,
    DocumentReport,
    EvidenceChange,
    EvidenceKind,
    Stance,
    Status,
    ThemeCoverage,
    ThemeDiff,
)

# Evidence limit for the two ``check`` runs behind a diff: every sentence, in practice.
DIFF_EVIDENCE = 100_000
# A lost and a new sentence of one theme at least this similar (rapidfuzz ratio on the
# normalised text, 0–100) are one reworded sentence rather than two unrelated changes.
REWORD_SIMILARITY = 70.0

_RANK = {Status.MISSING: 0, Status.MENTIONED: 1, Status.ADDRESSED: 2}
_SPACE_RE = re.compile(r"\s+")
_EDGE_RE = re.compile(r"^[\s…\.\-–—:;,\"'“”‘’()]+|[\s…\.\-–—:;,!?\"'“”‘’()]+$")


def status_change(old: Status, new: Status) -> Change:
    """``missing → addressed`` is gained, ``addressed → mentioned`` weakened, and so on."""
    if old == new:
        return Change.UNCHANGED
    if old is Status.MISSING:
        return Change.GAINED
    if new is Status.MISSING:
        return Change.LOST
    return Change.IMPROVED if _RANK[new] > _RANK[old] else Change.WEAKENED


def normalise_snippet(snippet: str) -> str:
    """The comparison key of an evidence sentence: case-, space- and quote-insensitive."""
    text = snippet.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = _SPACE_RE.sub(" ", text.replace("\u00ad", "")).casefold()
    return _EDGE_RE.sub("", text)


def _sentences(coverage: ThemeCoverage) -> dict[str, tuple[str, tuple[int, ...]]]:
    """normalised sentence → (first snippet as reported, sorted pages it stands on)."""
    found: dict[str, tuple[str, set[int]]] = {}
    for hit in coverage.evidence:
        key = normalise_snippet(hit.snippet)
        if not key:
            continue
        _, pages = found.setdefault(key, (hit.snippet, set()))
        pages.add(hit.page)
    return {key: (snippet, tuple(sorted(pages))) for key, (snippet, pages) in found.items()}


def _evidence_changes(old: ThemeCoverage, new: ThemeCoverage) -> tuple[EvidenceChange, ...]:
    before, after = _sentences(old), _sentences(new)
    moved = [
        EvidenceChange(EvidenceKind.MOVED, before[key][0], after[key][0], before[key][1], pages)
        for key, (_, pages) in after.items()
        if key in before and before[key][1] != pages
    ]
    lost_keys = [key for key in before if key not in after]
    new_keys = [key for key in after if key not in before]
    # Pair reworded sentences greedily, most similar first; each sentence in one pair only.
    candidates = sorted(
        (
            (fuzz.ratio(lost, added), index_lost, index_new)
            for index_lost, lost in enumerate(lost_keys)
            for index_new, added in enumerate(new_keys)
        ),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    paired_lost: set[int] = set()
    paired_new: set[int] = set()
    reworded = []
    for score, index_lost, index_new in candidates:
        if score < REWORD_SIMILARITY:
            break
        if index_lost in paired_lost or index_new in paired_new:
            continue
        paired_lost.add(index_lost)
        paired_new.add(index_new)
        old_snippet, old_pages = before[lost_keys[index_lost]]
        new_snippet, new_pages = after[new_keys[index_new]]
        reworded.append(
            EvidenceChange(EvidenceKind.REWORDED, old_snippet, new_snippet, old_pages, new_pages)
        )
    lost = [
        EvidenceChange(EvidenceKind.LOST, before[key][0], "", before[key][1], ())
        for index, key in enumerate(lost_keys)
        if index not in paired_lost
    ]
    added = [
        EvidenceChange(EvidenceKind.NEW, "", after[key][0], (), after[key][1])
        for index, key in enumerate(new_keys)
        if index not in paired_new
    ]

    def in_page_order(items: Iterable[EvidenceChange]) -> list[EvidenceChange]:
        return sorted(
            items, key=lambda item: (item.old_pages or item.new_pages, item.old, item.new)
        )

    return (
        *in_page_order(lost),
        *in_page_order(reworded),
        *in_page_order(moved),
        *in_page_order(added),
    )


def diff_theme(
    old: ThemeCoverage,
    new: ThemeCoverage,
    *,
    old_stance: Stance | None = None,
    new_stance: Stance | None = None,
) -> ThemeDiff:
    """The change of one theme between two coverages of it."""
    old_pages, new_pages = set(old.pages), set(new.pages)
    return ThemeDiff(
        theme_id=new.theme_id,
        label=new.label,
        label_en=new.label_en,
        old_status=old.status,
        new_status=new.status,
        change=status_change(old.status, new.status),
        old_mentions=old.mentions,
        new_mentions=new.mentions,
        pages_added=tuple(sorted(new_pages - old_pages)),
        pages_removed=tuple(sorted(old_pages - new_pages)),
        evidence=_evidence_changes(old, new),
        old_stance=old_stance,
        new_stance=new_stance,
    )


def _side(report: DocumentReport) -> DiffSide:
    return DiffSide(
        file=report.file, municipality=report.municipality, sha256=report.sha256, pages=report.pages
    )


def diff_reports(
    old: DocumentReport,
    new: DocumentReport,
) -> DocumentDiff:
    """What changed per theme from ``old`` to ``new`` (see the module doc).

    The stances are each coverage's own dominant stance. Raises ``FailedDocumentError``
    (with the read error's exit code) for a report of a file that could not be read:
    there is nothing to compare.
    """
    for report in (old, new):
        if report.failed:
            reason = (
                Msg(report.error_key, **dict(report.error_params))
                if report.error_key
                else report.error
            )
            raise FailedDocumentError(
                Msg("diff.unreadable", reason=reason),
                path=report.file,
                exit_code=report.error_code or ExitCode.INTERNAL_ERROR,
            )
    old_by_id = {coverage.theme_id: coverage for coverage in old.themes}
    new_ids = [coverage.theme_id for coverage in new.themes]
    themes = tuple(
        diff_theme(
            old_by_id[coverage.theme_id],
            coverage,
            old_stance=old_by_id[coverage.theme_id].stance,
            new_stance=coverage.stance,
        )
        for coverage in new.themes
        if coverage.theme_id in old_by_id
    )
    return DocumentDiff(
        old=_side(old),
        new=_side(new),
        themes=themes,
        only_old=tuple(theme_id for theme_id in old_by_id if theme_id not in new_ids),
        only_new=tuple(theme_id for theme_id in new_ids if theme_id not in old_by_id),
    )
