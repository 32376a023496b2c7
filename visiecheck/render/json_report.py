"""The JSON report: the stable, versioned contract (``visiecheck.report/1``).

Scripts of coordinators, dashboards and the benchmark read this, so fields are only ever
added, never renamed. Beyond the contract we add: theme ``label_en``,
``distinct_sentences``, ``depth``, ``stance`` (null when unknown) and ``searched`` (what a
verdict rests on, null when unknown); evidence ``matched_text``, ``context``, ``section``
(heading path, ``""`` when unknown), ``section_kind``, ``stance`` and ``incidental``
(the hit only names the theme in a standard list or a history: it never makes a theme
addressed); document
``error_code`` and ``location_unit`` (``page`` or ``section``); top-level
``selected_themes`` and ``duplicates`` (pairs of files sharing most of their text).
Issue 15 appends (after the fields above, whose names and order stay): lexicon
``content_hash`` and ``modified``; document ``version``, ``status`` and ``file_date``;
top-level ``created`` (the run's ISO timestamp), ``groups`` (one per municipality: the
``primary`` document its overview row shows, the ``others``, the ``reason``) and
``examples`` (per theme the policy-choice sentences of the municipalities that address it).
Issue 17 appends, only when the readiness lens was asked for (``--readiness``): per
document ``readiness`` (one entry per signal: ``id``, ``label``, ``label_en``, ``status``
``found``/``not_found``, ``evidence`` shaped as for themes, ``advice``/``advice_en``,
null when found) and top-level ``readiness_lexicon``.
Issue 16 appends document ``source_format`` (``pdf``, ``docx``, ``html``, ``text``,
``stop``, ``dso``, ``package``) and ``metadata`` (what a STOP/DSO visie says of itself:
title, AKN identification, version, status, authority, municipality, date, type).
Evidence ``paragraph`` (issue 16): the paragraph number in its section of a STOP/DSO
document, 0 elsewhere.
Unknown values are ``null``.
The shape is described by ``visiecheck/schema/report.schema.json`` (see
``visiecheck.schema.load_report_schema``).
The JSON is language-neutral: ``lang`` is accepted for a uniform renderer signature only.
File names (``file``, and ``a``/``b`` of a duplicate pair) arrive escaped by ``render``
(``safetext.escape_file_name``): safe to print, valid UTF-8 even when a POSIX name is not,
and lossless; the schema's ``file_name`` says how to read them.
"""

from __future__ import annotations

import json
from typing import Any

from ..models import (
    DocumentMetadata,
    DocumentReport,
    DuplicatePair,
    Hit,
    LexiconInfo,
    MunicipalityGroup,
    ReadinessSignal,
    RegionalExample,
    Report,
    SearchInfo,
    Stance,
    ThemeCoverage,
)

SCHEMA_ID = "visiecheck.report/1"
TOOL_NAME = "visiecheck"


def _evidence(hit: Hit) -> dict[str, Any]:
    return {
        "page": hit.page,
        "term": hit.term,
        "match": hit.match,
        "snippet": hit.snippet,
        "matched_text": hit.matched_text,
        "context": hit.context.value,
        "section": hit.section,
        "section_kind": hit.section_kind.value,
        "stance": _stance(hit.stance),
        "incidental": hit.incidental,
        "paragraph": hit.paragraph,
    }


def _stance(stance: Stance | None) -> str | None:
    return None if stance is None else Stance(stance).value


def _searched(searched: SearchInfo | None) -> dict[str, Any] | None:
    if searched is None:
        return None
    return {
        "terms": searched.terms,
        "variants": searched.variants,
        "unreadable_pages": searched.unreadable_pages,
        "recall": searched.recall,
    }


def _duplicate(pair: DuplicatePair) -> dict[str, Any]:
    return {"a": pair.a, "b": pair.b, "jaccard": pair.jaccard, "containment": pair.containment}


def _theme(coverage: ThemeCoverage) -> dict[str, Any]:
    return {
        "id": coverage.theme_id,
        "label": coverage.label,
        "label_en": coverage.label_en,
        "status": coverage.status.value,
        "mentions": coverage.mentions,
        "pages": sorted(set(coverage.pages)),
        "distinct_sentences": coverage.distinct_sentences,
        "depth": coverage.depth.value,
        "stance": _stance(coverage.stance),
        "searched": _searched(coverage.searched),
        "evidence": [_evidence(hit) for hit in coverage.evidence],
    }


def _document(document: DocumentReport) -> dict[str, Any]:
    return {
        "file": document.file,
        "municipality": document.municipality,
        "sha256": document.sha256,
        "pages": document.pages,
        "pages_without_text": list(document.pages_without_text),
        "warnings": list(document.warnings),
        "error": document.error,
        "error_code": document.error_code,
        "location_unit": document.location_unit,
        # The contract: a document that could not be read has no themes at all.
        "themes": [] if document.failed else [_theme(c) for c in document.themes],
        "version": document.version,
        "status": document.status,
        "file_date": document.file_date,
        "source_format": document.source_format,
        "metadata": _metadata(document.metadata),
    }


def _metadata(metadata: DocumentMetadata | None) -> dict[str, Any] | None:
    if metadata is None:
        return None
    return {
        "title": metadata.title,
        "identification": metadata.identification,
        "version": metadata.version,
        "status": metadata.status,
        "authority": metadata.authority,
        "authority_name": metadata.authority_name,
        "municipality": metadata.municipality,
        "date": metadata.date,
        "document_type": metadata.document_type,
    }


def _with_readiness(data: dict[str, Any], document: DocumentReport) -> dict[str, Any]:
    """The document's readiness block appended (the lens was asked for)."""
    return {**data, "readiness": [_signal(signal) for signal in document.readiness]}


def _signal(signal: ReadinessSignal) -> dict[str, Any]:
    return {
        "id": signal.signal_id,
        "label": signal.label,
        "label_en": signal.label_en,
        "status": signal.status.value,
        "evidence": [_evidence(hit) for hit in signal.evidence],
        "advice": None if signal.found else signal.advice_text("nl"),
        "advice_en": None if signal.found else signal.advice_text("en"),
    }


def _lexicon(info: LexiconInfo) -> dict[str, Any]:
    return {
        "name": info.name,
        "version": info.version,
        "themes": info.themes,
        "content_hash": info.content_hash or None,
        "modified": info.modified,
    }


def _group(group: MunicipalityGroup) -> dict[str, Any]:
    return {
        "municipality": group.municipality,
        "primary": group.primary,
        "others": list(group.others),
        "reason": group.reason,
    }


def _example(example: RegionalExample) -> dict[str, Any]:
    return {
        "theme": example.theme_id,
        "municipality": example.municipality,
        "file": example.file,
        "page": example.page,
        "location_unit": example.location_unit,
        "section": example.section,
        "snippet": example.snippet,
        "stance": _stance(example.stance),
    }


def to_json_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data, in the shape of the contract."""
    lens = report.readiness_lexicon is not None
    data = {
        "schema": SCHEMA_ID,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "lexicon": _lexicon(report.lexicon),
        "selected_themes": list(report.selected_themes),
        "documents": [
            _with_readiness(_document(document), document) if lens else _document(document)
            for document in report.documents
        ],
        "duplicates": [_duplicate(pair) for pair in report.duplicates],
        "created": report.created or None,
        "groups": [_group(group) for group in report.groups],
        "examples": [_example(example) for example in report.examples],
    }
    if report.readiness_lexicon is not None:
        data["readiness_lexicon"] = _lexicon(report.readiness_lexicon)
    return data


def render_json(report: Report, lang: str = "nl") -> str:
    """The JSON report: UTF-8 text (not ASCII-escaped), indent 2, one trailing newline."""
    return json.dumps(to_json_dict(report), ensure_ascii=False, indent=2) + "\n"
