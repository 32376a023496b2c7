"""What a batch adds to its documents: one row per municipality, and regional examples.

A coordinator's folder often holds several documents of one municipality — a draft and
the adopted visie, an older version, two parts. ``group_documents`` gives each
municipality one group and picks the document its matrix row shows; the others stay
reachable. ``regional_examples`` collects, per theme, the policy-choice sentences of the
municipalities that address it, so a municipality with a red cell sees how its
neighbours wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import (
    Context,
    Depth,
    DocumentReport,
    MunicipalityGroup,
    RegionalExample,
    SectionKind,
    Stance,
)

# How a manifest's status column ranks: an adopted visie before anything unknown, and
# both before a draft. Lower-case, compared after stripping.
_ADOPTED = frozenset({"vastgesteld", "definitief", "onherroepelijk", "geldend", "adopted", "final"})
_DRAFT = frozenset({"ontwerp", "concept", "voorontwerp", "draft", "ter inzage", "in voorbereiding"})

# Only sentences of the visie's own text that make a positive choice are shown as an
# example: an ambition or a condition (an exclusion is a choice too, but rarely one a
# neighbour wants to copy), never a glossary entry, a source list or a caption.
EXAMPLE_STANCES = (Stance.AMBITION, Stance.CONDITION)
_EXAMPLE_SECTIONS = frozenset({SectionKind.TEXT, SectionKind.ANNEX})


def status_rank(status: str | None) -> int:
    """2 adopted, 1 unknown or not given, 0 a draft."""
    if status is None:
        return 1
    word = " ".join(status.casefold().split())
    if word in _ADOPTED:
        return 2
    if word in _DRAFT:
        return 0
    return 1


def version_key(version: str | None) -> tuple[tuple[int, int | str], ...]:
    """A natural order of version labels: ``2.10`` after ``2.9``, ``2024`` after ``2023``;
    no version before any version."""
    if not version:
        return ()
    parts = re.findall(r"\d+|[^\W\d_]+", version.casefold())
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


def _municipality_key(name: str) -> str:
    return " ".join(name.casefold().split())


def group_documents(documents: Sequence[DocumentReport]) -> tuple[MunicipalityGroup, ...]:
    """One group per municipality (names compared case- and space-insensitively), in
    the order the municipalities first appear.

    The primary document is the readable one ranked first by: status (adopted >
    unknown > draft), then version, then file date, then input order (the earlier
    wins). ``reason`` names the first of these that told the top two apart.
    """
    order: list[str] = []
    members: dict[str, list[tuple[int, DocumentReport]]] = {}
    for index, document in enumerate(documents):
        key = _municipality_key(document.municipality)
        if key not in members:
            order.append(key)
            members[key] = []
        members[key].append((index, document))
    groups = []
    for key in order:
        ranked = sorted(members[key], key=_preference)
        primary = ranked[0][1]
        groups.append(
            MunicipalityGroup(
                municipality=primary.municipality,
                primary=primary.file,
                others=tuple(document.file for _index, document in ranked[1:]),
                reason=_reason(ranked),
            )
        )
    return tuple(groups)


def _preference(entry: tuple[int, DocumentReport]) -> tuple[object, ...]:
    index, document = entry
    # negated so that sorted() puts the preferred document first
    return (
        document.failed,
        -status_rank(document.status),
        _Descending(version_key(document.version)),
        _Descending(document.file_date or ""),
        index,
    )


class _Descending:
    """Sorts its value from high to low (for keys that cannot be negated)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __lt__(self, other: _Descending) -> bool:
        return bool(other.value < self.value)  # type: ignore[operator]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)


def _reason(ranked: list[tuple[int, DocumentReport]]) -> str:
    if len(ranked) == 1:
        return "only"
    first, second = ranked[0][1], ranked[1][1]
    if first.failed != second.failed:
        return "readable"
    if status_rank(first.status) != status_rank(second.status):
        return "status"
    if version_key(first.version) != version_key(second.version):
        return "version"
    if (first.file_date or "") != (second.file_date or ""):
        return "date"
    return "order"


def regional_examples(
    documents: Sequence[DocumentReport],
    groups: Sequence[MunicipalityGroup],
    theme_ids: Sequence[str],
    per_theme: int,
) -> tuple[RegionalExample, ...]:
    """Per theme (in ``theme_ids`` order) at most ``per_theme`` sentences, one per
    municipality, from the primary document of each municipality whose depth for the
    theme is a policy choice: the municipality's strongest evidence sentence with an
    ambition or a condition in its own body text.

    Municipalities that work the theme out in more sentences come first (their text is
    the fuller example), then by name. Only evidence kept in the report is used, so
    ``--evidence 0`` leaves no examples.
    """
    if per_theme <= 0:
        return ()
    by_file = {document.file: document for document in documents}
    examples: list[RegionalExample] = []
    for theme_id in theme_ids:
        candidates: list[tuple[int, str, RegionalExample]] = []
        for group in groups:
            document = by_file.get(group.primary)
            if document is None or document.failed:
                continue
            coverage = next((c for c in document.themes if c.theme_id == theme_id), None)
            if coverage is None or coverage.depth is not Depth.POLICY_CHOICE:
                continue
            hit = next(
                (
                    hit
                    for hit in coverage.evidence
                    if hit.stance in EXAMPLE_STANCES
                    and hit.context is Context.BODY
                    and hit.section_kind in _EXAMPLE_SECTIONS
                    and not hit.incidental
                ),
                None,
            )
            if hit is None:
                continue
            example = RegionalExample(
                theme_id=theme_id,
                municipality=group.municipality,
                file=document.file,
                page=hit.page,
                location_unit=document.location_unit,
                section=hit.section,
                snippet=hit.snippet,
                stance=hit.stance,
            )
            candidates.append(
                (-coverage.distinct_sentences, group.municipality.casefold(), example)
            )
        candidates.sort(key=lambda entry: (entry[0], entry[1]))
        examples.extend(example for _size, _name, example in candidates[:per_theme])
    return tuple(examples)
