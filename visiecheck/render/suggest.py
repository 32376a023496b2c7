"""``visiecheck lexicon suggest``: the suggestions as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

from ..models import Suggestion

FORMATS = ("table", "csv", "json")
_HEADERS = {
    "nl": ("woord", "aantal", "bestanden", "thema", "reden", "gedeeld deel", "voorbeeld"),
    "en": ("word", "count", "files", "theme", "reason", "shared part", "example"),
}
_REASONS = {
    "nl": {"head": "zelfde kop", "modifier": "zelfde begin", "cooccurrence": "samen met treffers"},
    "en": {"head": "same head", "modifier": "same start", "cooccurrence": "beside hits"},
}
EXAMPLE_WIDTH = 90


def _row(item: Suggestion, lang: str) -> list[str]:
    return [
        item.word,
        str(item.count),
        str(item.files),
        item.theme_id,
        _REASONS[lang][item.reason],
        item.shared,
        item.example,
    ]


def render_suggestions(suggestions: list[Suggestion], output_format: str, lang: str) -> str:
    if output_format == "json":
        return (
            json.dumps(
                [
                    {
                        "word": item.word,
                        "count": item.count,
                        "files": item.files,
                        "theme": item.theme_id,
                        "reason": item.reason,
                        "shared": item.shared,
                        "example": item.example,
                    }
                    for item in suggestions
                ],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(_HEADERS[lang])
        writer.writerows(_row(item, lang) for item in suggestions)
        return buffer.getvalue()
    rows = [list(_HEADERS[lang])] + [_row(item, lang) for item in suggestions]
    for row in rows:
        if len(row[-1]) > EXAMPLE_WIDTH:
            row[-1] = row[-1][: EXAMPLE_WIDTH - 1] + "…"
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    lines = [
        "  ".join(
            cell.rjust(width) if column in (1, 2) else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row[:-1], widths, strict=True))
        )
        + "  "
        + row[-1]
        for row in rows
    ]
    return "\n".join(lines) + "\n"
