"""The small text views of the CLI: ``extract``, ``explain`` and the ``lexicon`` commands.

Each function turns model data into the exact text the command prints (Dutch, as the
command's other output); the CLI only writes it. File names are escaped
(``safetext.escape_file_name``) and no control or bidi character is written: page text is
clean from normalisation already, but a name, a warning or a user's lexicon may hold one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from ..models import Document, ExampleRun, Explanation, Hit, Lexicon, Page, Theme
from ..safetext import escape_file_name, visible
from ..theme_names import theme_codes

_WHITESPACE = re.compile(r"\s+")


def extract_text(document: Document, pages: Sequence[Page]) -> str:
    """Page markers plus each page's normalised text."""
    unit = "sectie" if document.location_unit == "section" else "pagina"
    parts = []
    for page in pages:
        marker = f"=== {unit} {page.number} ==="
        if not page.has_text_layer:
            marker += " (geen tekstlaag)"
        elif page.ocr:
            marker += " (OCR)"
        parts.append(marker + "\n" + page.text.rstrip() + "\n\n")
    return visible("".join(parts), newlines=True)


def extract_json(document: Document, pages: Sequence[Page]) -> str:
    """What visiecheck reads in a file, as JSON (for debugging a reading problem)."""
    payload = {
        "file": escape_file_name(document.path),
        "sha256": document.sha256,
        "engine": document.engine,
        "pages": document.page_count,
        "pages_without_text": document.pages_without_text,
        "warnings": [visible(warning) for warning in document.warnings],
        "format": document.source_format,
        "location_unit": document.location_unit,
        "page_texts": [
            {
                "page": page.number,
                "has_text_layer": page.has_text_layer,
                "text": visible(page.text, newlines=True),
                "removed_lines": [visible(line) for line in page.removed_lines],
                # set in a heading font
                "heading_lines": [visible(line) for line in page.heading_lines],
                "ocr": page.ocr,
            }
            for page in pages
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def explain_text(explanation: Explanation) -> str:
    """Every hit of one theme as a keyword-in-context line."""
    file = escape_file_name(explanation.file)
    theme_id, hits = explanation.theme_id, explanation.hits
    if not hits:
        return visible(f"{theme_id}: geen vermeldingen gevonden in {file}\n", newlines=True)
    lines = [f"{theme_id}: {len(hits)} vermelding(en) in {file}"]
    lines += [kwic_line(hit, unit=explanation.location_unit) for hit in hits]
    return visible("\n".join(lines) + "\n", newlines=True)


def _hit_in_snippet(hit: Hit) -> tuple[int, int] | None:
    """Where this hit stands in its snippet: the position the matcher recorded (so of
    two hits in one sentence each is bracketed where it is), else the first place its
    text or term occurs; None when neither is there (text changed by normalisation)."""
    snippet = hit.snippet
    # the snippet's whitespace is normalised: a match across a line break reads "a b"
    matched = _WHITESPACE.sub(" ", hit.matched_text).strip()
    start = hit.snippet_start
    if start >= 0 and snippet[start : start + len(matched)].lower() == matched.lower():
        return start, start + len(matched)
    for needle in (matched, hit.term):
        position = snippet.lower().find(needle.lower()) if needle else -1
        if position >= 0:
            return position, position + len(needle)
    return None


def kwic_line(hit: Hit, width: int = 60, *, unit: str = "page") -> str:
    """``p. 14   lemma     aardwarmte   …wij benutten [aardwarmte] uit diepe lagen…``;
    ``sectie 57`` instead of ``p. 57`` for a document without pages (``unit``
    ``section``: Word, HTML, text), as ``check`` says."""
    snippet = hit.snippet
    span = _hit_in_snippet(hit)
    if span is None:  # never an empty "[]": the sentence as it is, the term column says what
        left, marked, right = snippet, "", ""
    else:
        left, right = snippet[: span[0]], snippet[span[1] :]
        marked = f"[{snippet[span[0] : span[1]]}]"
    left = ("…" + left[-width:]) if len(left) > width else left
    right = (right[:width] + "…") if len(right) > width else right
    context = "" if hit.context.value == "body" else f" ({hit.context.value})"
    if hit.incidental:  # a list entry or the past: shown, but it does not address the theme
        context += " (alleen in een opsomming of historie)"
    where = f"sectie {hit.page:<4}" if unit == "section" else f"p. {hit.page:<4}"
    return f"{where} {hit.match:<9} {hit.term:<28} {left}{marked}{right}{context}"


def lexicon_list(lexicon: Lexicon) -> str:
    """The themes of a lexicon with their labels and term counts."""
    lines = [f"{lexicon.name} {lexicon.version} ({len(lexicon.themes)} thema's)"]
    codes = theme_codes(lexicon.theme_ids)  # the batch matrix's column codes
    for theme in lexicon.themes:
        core = "kern" if theme.core else "    "
        lines.append(
            f"  {theme.id:<26} {codes[theme.id]:<4} {core} {len(theme.terms):>3} termen  "
            f"{theme.label} — {theme.label_en}"
        )
    return visible("\n".join(lines) + "\n", newlines=True)


def lexicon_theme(theme: Theme) -> str:
    """Everything a lexicon says about one theme: terms, options, exclusions, examples."""
    lines = [
        f"{theme.id}: {theme.label} — {theme.label_en}{' (kernthema)' if theme.core else ''}",
        theme.description.strip(),
    ]
    if theme.aliases:  # other names --themes and explain accept
        lines.append(f"Ook te noemen als: {', '.join(theme.aliases)}")
    lines.append(f"Termen ({len(theme.terms)}):")
    for term in theme.terms:
        options = [f"compound={term.compound}"]
        if term.case_sensitive:
            options.append("hoofdlettergevoelig")
        if term.fuzzy:
            options.append("fuzzy")
        if term.requires:
            groups = " + ".join("(" + ", ".join(group) + ")" for group in term.requires)
            whole = " (hele woorden)" if term.requires_whole_word else ""
            options.append(f"vereist: {groups}{whole}")
        for sister, cues in term.moves_to:
            options.append(f"naar {sister} bij: {', '.join(cues)}")
        lines.append(f"  {term.text}  [{'; '.join(options)}]")
    lines.append(f"Uitsluitingen ({len(theme.exclusions)}):")
    for exclusion in theme.exclusions:
        limit = f" (alleen {', '.join(exclusion.terms)})" if exclusion.terms else ""
        lines.append(f"  {exclusion.text}  [{exclusion.scope}{limit}]")
    lines.append(
        f"Voorbeelden: {len(theme.examples_match)} moeten passen, "
        f"{len(theme.examples_no_match)} mogen niet passen"
    )
    return visible("\n".join(lines) + "\n", newlines=True)


def lexicon_valid(lexicon: Lexicon) -> str:
    terms = sum(len(theme.terms) for theme in lexicon.themes)
    return visible(
        f"OK: {lexicon.name} {lexicon.version}: {len(lexicon.themes)} thema's, {terms} termen\n",
        newlines=True,
    )


def lexicon_examples(result: ExampleRun, lexicon: Lexicon) -> str:
    """Each failing example sentence with why, then the count."""
    lines = []
    for failure in result.failures:
        if failure.expected == "match":
            why = "geen treffer, maar dit voorbeeld moet passen"
        else:
            why = "treffer op " + ", ".join(failure.fired_terms) + ", maar dit mag niet passen"
        lines.append(f"FOUT {failure.theme_id}: {why}\n    {failure.sentence}")
    lines.append(
        f"{result.passed} van {result.total} voorbeelden goed ({lexicon.name} {lexicon.version})"
    )
    return visible("\n".join(lines) + "\n", newlines=True)


def samples_text(folder: Path, copied: list[Path], kept: list[Path]) -> str:
    """What ``visiecheck samples`` did, and the commands to try next."""
    shown = str(folder)
    if any(character.isspace() for character in shown):
        shown = f'"{shown}"'
    lines = [f"Voorbeeldvisies (verzonnen gemeenten) in {escape_file_name(str(folder))}:"]
    lines += [f"  {escape_file_name(path.name)}" for path in copied]
    lines += [f"  {escape_file_name(path.name)} (stond er al, niet overschreven)" for path in kept]
    first = (copied or kept)[0].name if copied or kept else "omgevingsvisie-beekdal.pdf"
    separator = "\\" if "\\" in shown else "/"
    lines += [
        "",
        "Probeer:",
        f"  visiecheck check {shown}{separator}{first}",
        f"  visiecheck batch {shown}",
        f"  visiecheck batch {shown} -o overzicht.html",
        "",
    ]
    return visible("\n".join(lines), newlines=True)
