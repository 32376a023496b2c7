"""Renderers for ``visiecheck diff``: a ``DocumentDiff`` as a table, JSON or HTML.

- ``table``: the two files, one row per theme (status old → new with symbols, the
  change word, Δ mentions, pages added/removed, stance old → new when known), then per
  changed theme its changed sentences: ``−`` lost, ``+`` new, ``→`` moved, ``≈``
  reworded. With ``color=False`` there is no ANSI escape and the box is ASCII.
- ``json``: a stable dict, ``{"schema": "visiecheck.diff/1", "old": {...}, "new":
  {...}, "themes": [...]}``; fields are only ever added. Language-neutral.
- ``html``: one self-contained file (inline CSS, no script), every PDF text escaped.

rich and jinja2 are imported inside the functions that need them, so ``--format json``
loads neither (as for the report renderers).
"""

from __future__ import annotations

import io
import json
from typing import Any

from .. import __version__
from ..errors import UsageError
from ..messages import Msg
from ..models import Change, DocumentDiff, EvidenceChange, EvidenceKind, Stance, ThemeDiff
from ._safe import safe
from ._text import compress_pages, short_label
from .i18n import check_language, join_words, status_label, t
from .style import BASE_CSS

DIFF_SCHEMA_ID = "visiecheck.diff/1"
DIFF_FORMATS = ("table", "json", "html")

EVIDENCE_SYMBOLS = {
    EvidenceKind.LOST: "−",
    EvidenceKind.NEW: "+",
    EvidenceKind.MOVED: "→",
    EvidenceKind.REWORDED: "≈",
}
CHANGE_STYLES = {
    Change.GAINED: "green",
    Change.IMPROVED: "green",
    Change.LOST: "red",
    Change.WEAKENED: "yellow",
    Change.UNCHANGED: "",
}


# --- shared words ---------------------------------------------------------------------


def _label(theme: ThemeDiff, lang: str) -> str:
    return theme.label_en if lang == "en" and theme.label_en else theme.label


def stance_word(stance: Stance | None, lang: str) -> str:
    return "" if stance is None else t(f"stance.{Stance(stance).value}", lang)


def status_transition(theme: ThemeDiff, lang: str) -> str:
    """``✘ ontbreekt → ~ genoemd``; an unchanged status is written once."""
    if theme.old_status == theme.new_status:
        return status_label(theme.new_status, lang)
    return f"{status_label(theme.old_status, lang)} → {status_label(theme.new_status, lang)}"


def stance_transition(theme: ThemeDiff, lang: str) -> str:
    old, new = stance_word(theme.old_stance, lang), stance_word(theme.new_stance, lang)
    if not (old or new):
        return ""
    if old == new:
        return old
    return f"{old or '—'} → {new or '—'}"


def pages_delta(theme: ThemeDiff) -> str:
    """``+4, 7–9 −12``: pages where the theme now stands and no longer stands."""
    parts = []
    if theme.pages_added:
        parts.append("+" + compress_pages(theme.pages_added))
    if theme.pages_removed:
        parts.append("−" + compress_pages(theme.pages_removed))
    return " ".join(parts)


def signed(number: int) -> str:
    return f"+{number}" if number > 0 else ("±0" if number == 0 else f"−{-number}")


def _pages(pages: tuple[int, ...], lang: str) -> str:
    return t("page_short", lang, page=compress_pages(pages))


def evidence_line(item: EvidenceChange, lang: str) -> str:
    """One changed sentence as text: symbol, kind, pages and the sentence(s)."""
    symbol, word = EVIDENCE_SYMBOLS[item.kind], t(f"diff.evidence.{item.kind.value}", lang)
    if item.kind is EvidenceKind.LOST:
        return f"{symbol} {word}, {_pages(item.old_pages, lang)}: “{item.old}”"
    if item.kind is EvidenceKind.NEW:
        return f"{symbol} {word}, {_pages(item.new_pages, lang)}: “{item.new}”"
    where = _pages(item.old_pages, lang)
    if item.new_pages != item.old_pages:
        where += f" → {compress_pages(item.new_pages)}"
    if item.kind is EvidenceKind.MOVED:
        return f"{symbol} {word}, {where}: “{item.new}”"
    return f"{symbol} {word}, {where}: “{item.old}” → “{item.new}”"


def summary_line(diff: DocumentDiff, lang: str) -> str:
    changed = diff.changed_themes
    if not changed:
        return t("diff.no_changes", lang)
    counts = {change: 0 for change in Change}
    for theme in diff.themes:
        counts[theme.change] += 1
    return t(
        "diff.summary",
        lang,
        changed=len(changed),
        total=len(diff.themes),
        gained=counts[Change.GAINED],
        lost=counts[Change.LOST],
        improved=counts[Change.IMPROVED],
        weakened=counts[Change.WEAKENED],
    )


def _has_stance(diff: DocumentDiff) -> bool:
    return any(theme.old_stance or theme.new_stance for theme in diff.themes)


def _side_line(key: str, side: Any, lang: str) -> str:
    return f"{t(key, lang)}: {side.file} ({side.sha256[:12]}, {side.pages} p.)"


def _scope_lines(diff: DocumentDiff, lang: str) -> list[str]:
    lines = []
    if diff.only_old:
        lines.append(t("diff.only_old", lang, themes=join_words(list(diff.only_old), lang)))
    if diff.only_new:
        lines.append(t("diff.only_new", lang, themes=join_words(list(diff.only_new), lang)))
    return lines


# --- table ----------------------------------------------------------------------------


def render_diff_table(
    diff: DocumentDiff, lang: str = "nl", *, color: bool = False, width: int = 100
) -> str:
    """The diff for a terminal: header, theme table, summary and changed sentences."""
    from rich import box
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from .console import text_console

    buffer = io.StringIO()
    console = text_console(buffer, width, color)
    bold = "bold" if color else ""
    console.print(Text(_side_line("diff.old", diff.old, lang), style=bold))
    console.print(Text(_side_line("diff.new", diff.new, lang), style=bold))
    if diff.identical_files:
        console.print(Text(t("diff.identical", lang)))
    table = Table(box=box.ROUNDED if color else box.ASCII, header_style=bold)
    # Status transitions ("✘ ontbreekt → ~ genoemd") stay on one line; the theme label
    # wraps at word boundaries; "Δ" keeps the number column narrow (the full header
    # "Δ vermeldingen" is used in HTML, where width is not scarce).
    table.add_column(t("col.theme", lang), min_width=19, max_width=22, overflow="fold")
    table.add_column(t("col.status", lang), no_wrap=True)
    table.add_column(t("diff.col.change", lang), no_wrap=True)
    table.add_column("Δ", justify="right", no_wrap=True)
    table.add_column(t("diff.col.pages", lang), max_width=14, overflow="fold")
    with_stance = _has_stance(diff)
    if with_stance:
        table.add_column(t("diff.col.stance", lang), max_width=26, overflow="fold")
    for theme in diff.themes:
        style = CHANGE_STYLES[theme.change] if color else ""
        cells = [
            Text(short_label(_label(theme, lang))),
            Text(status_transition(theme, lang), style=style),
            Text(t(f"diff.change.{theme.change.value}", lang), style=style),
            Text(signed(theme.mentions_delta)),
            Text(pages_delta(theme)),
        ]
        if with_stance:
            cells.append(
                Text(stance_transition(theme, lang), style=bold if theme.stance_changed else "")
            )
        table.add_row(*cells)
    console.print(table)
    console.print(Text(summary_line(diff, lang)))
    for line in _scope_lines(diff, lang):
        console.print(Text(line))
    themes_with_evidence = [theme for theme in diff.themes if theme.evidence]
    if themes_with_evidence:
        console.print()
        console.print(Text(f"{t('diff.heading_evidence', lang)}:", style=bold))
    for theme in themes_with_evidence:
        console.print(Text(f"{short_label(_label(theme, lang))}:", style=bold))
        for item in theme.evidence:
            console.print(Padding(Text(evidence_line(item, lang)), (0, 0, 0, 2)))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


# --- json -----------------------------------------------------------------------------


def _evidence_dict(item: EvidenceChange) -> dict[str, Any]:
    return {
        "kind": item.kind.value,
        "old": item.old or None,
        "new": item.new or None,
        "old_pages": list(item.old_pages),
        "new_pages": list(item.new_pages),
    }


def _theme_dict(theme: ThemeDiff) -> dict[str, Any]:
    return {
        "id": theme.theme_id,
        "label": theme.label,
        "label_en": theme.label_en,
        "change": theme.change.value,
        "old_status": theme.old_status.value,
        "new_status": theme.new_status.value,
        "old_mentions": theme.old_mentions,
        "new_mentions": theme.new_mentions,
        "mentions_delta": theme.mentions_delta,
        "pages_added": list(theme.pages_added),
        "pages_removed": list(theme.pages_removed),
        "old_stance": theme.old_stance.value if theme.old_stance else None,
        "new_stance": theme.new_stance.value if theme.new_stance else None,
        "stance_changed": theme.stance_changed,
        "changed": theme.changed,
        "evidence": [_evidence_dict(item) for item in theme.evidence],
    }


def diff_to_json_dict(diff: DocumentDiff) -> dict[str, Any]:
    """The diff as plain JSON-ready data (schema ``visiecheck.diff/1``)."""

    def side(value: Any) -> dict[str, Any]:
        return {
            "file": value.file,
            "municipality": value.municipality,
            "sha256": value.sha256,
            "pages": value.pages,
        }

    return {
        "schema": DIFF_SCHEMA_ID,
        "tool": {"name": "visiecheck", "version": __version__},
        "old": side(diff.old),
        "new": side(diff.new),
        "identical_files": diff.identical_files,
        "themes": [_theme_dict(theme) for theme in diff.themes],
        "only_old": list(diff.only_old),
        "only_new": list(diff.only_new),
    }


def render_diff_json(diff: DocumentDiff, lang: str = "nl") -> str:
    """UTF-8 JSON, indent 2, one trailing newline (``lang`` only for a uniform signature)."""
    return json.dumps(diff_to_json_dict(diff), ensure_ascii=False, indent=2) + "\n"


# --- html -----------------------------------------------------------------------------


def _html_pages(item: EvidenceChange, lang: str) -> str:
    if item.kind is EvidenceKind.LOST:
        return _pages(item.old_pages, lang)
    if item.kind is EvidenceKind.NEW or item.old_pages == item.new_pages:
        return _pages(item.new_pages, lang)
    return f"{_pages(item.old_pages, lang)} → {compress_pages(item.new_pages)}"


def render_diff_html(diff: DocumentDiff, lang: str = "nl") -> str:
    """The diff as one self-contained, autoescaped HTML document."""
    from ._page import template

    rows = [
        {
            "label": _label(theme, lang),
            "status": status_transition(theme, lang),
            "change": theme.change.value,
            "change_word": t(f"diff.change.{theme.change.value}", lang),
            "delta": signed(theme.mentions_delta),
            "pages": pages_delta(theme),
            "stance": stance_transition(theme, lang),
        }
        for theme in diff.themes
    ]
    evidence = [
        {
            "label": _label(theme, lang),
            "entries": [
                {
                    "kind": item.kind.value,
                    "symbol": EVIDENCE_SYMBOLS[item.kind],
                    "word": t(f"diff.evidence.{item.kind.value}", lang),
                    "pages": _html_pages(item, lang),
                    "old": item.old,
                    "new": item.new,
                }
                for item in theme.evidence
            ],
        }
        for theme in diff.themes
        if theme.evidence
    ]
    return template("diff.html.j2").render(
        base_css=BASE_CSS,
        lang=lang,
        tool_version=__version__,
        body_class="diff",
        title=t("diff.title", lang),
        diff=diff,
        summary=summary_line(diff, lang),
        scope=_scope_lines(diff, lang),
        with_stance=_has_stance(diff),
        rows=rows,
        evidence=evidence,
        run_info=t("generated_tool", lang, tool="visiecheck", version=__version__),
        t=lambda key, **kwargs: t(key, lang, **kwargs),
    )


def render_diff(
    diff: DocumentDiff, fmt: str, *, lang: str = "nl", color: bool = False, width: int = 100
) -> str:
    """The full text of ``diff`` in ``fmt`` (table, json or html); others raise UsageError."""
    check_language(lang)
    diff = safe(diff)
    if fmt == "table":
        return render_diff_table(diff, lang, color=color, width=width)
    if fmt == "json":
        return render_diff_json(diff, lang)
    if fmt == "html":
        return render_diff_html(diff, lang)
    raise UsageError(
        Msg("usage.unknown_value", option="format", value=fmt, choices=", ".join(DIFF_FORMATS))
    )


__all__ = [
    "DIFF_FORMATS",
    "DIFF_SCHEMA_ID",
    "diff_to_json_dict",
    "render_diff",
    "render_diff_html",
    "render_diff_json",
    "render_diff_table",
]
