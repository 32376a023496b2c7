"""The words of the reports, in Dutch (default) and English.

Every user-facing word a renderer writes comes from here, so that ``--lang en`` changes all
of them and a missing translation is caught by a test (both languages must have the same
keys). Values are ``str.format`` templates; ``t("missing_line", "nl", themes="…")``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import UsageError
from ..messages import Msg
from ..models import Depth, LexiconInfo, Report, Stance, Status, ThemeCoverage
from ..options import LANGUAGES

DEFAULT_LANGUAGE = "nl"

# Symbols that carry the status without colour (for monochrome terminals, print-outs,
# colour-blind readers); colour is only ever an addition.
STATUS_SYMBOLS: Mapping[Status, str] = {
    Status.ADDRESSED: "✔",
    Status.MENTIONED: "~",
    Status.MISSING: "✘",
}

_NL: dict[str, str] = {
    # statuses
    "status.addressed": "uitgewerkt",
    "status.mentioned": "genoemd",
    "status.missing": "ontbreekt",
    # where a hit stands
    "context.body": "lopende tekst",
    "context.heading": "kop",
    "context.toc": "inhoudsopgave",
    # column headers (terminal, markdown, html)
    "col.theme": "Thema",
    "col.status": "Status",
    "col.mentions": "Vermeldingen",
    "col.pages": "Pagina's",
    "col.evidence": "Sterkste bewijs",
    # document header
    "file": "Bestand",
    "municipality": "Gemeente",
    "unknown_municipality": "onbekend",
    "page_count.one": "{n} pagina",
    "page_count.other": "{n} pagina's",
    "pages_without_text": "zonder tekst: {pages}",
    "warnings": "Waarschuwingen",
    "warning": "Waarschuwing",
    "error": "Fout",
    "error_line": "Fout: {error}",
    "summary": "{addressed} uitgewerkt, {mentioned} genoemd, {missing} ontbreekt",
    "missing_line": "Ontbreekt: {themes}",
    "nothing_missing": "Geen thema ontbreekt.",
    "and": "en",
    "page_short": "p. {page}",
    "no_evidence": "—",
    # html / markdown
    "title": "visiecheck: bodem en ondergrond in de omgevingsvisie",
    "heading_summary": "Samenvatting",
    "heading_evidence": "Bewijs per thema",
    "heading_themes": "Thema's",
    "generated_on": "Gemaakt op {date} met {tool} {version}, lexicon {lexicon}",
    "generated_with": "Gemaakt met {tool} {version}, lexicon {lexicon}",
    "generated_tool": "Gemaakt met {tool} {version}",
    "lexicon_modified": "aangepast",
    # batch html overview
    "overview.title": "visiecheck: bodem en ondergrond in de omgevingsvisies van {n} gemeenten",
    "overview.documents": "{documents} van {municipalities}; per gemeente toont de "
    "matrix één document (vastgesteld vóór ontwerp, dan de hoogste versie, dan het nieuwste "
    "bestand), de andere staan bij de gemeente onder de matrix.",
    "overview.municipalities.one": "{n} gemeente",
    "overview.municipalities.other": "{n} gemeenten",
    "overview.more.one": "+{n} document",
    "overview.more.other": "+{n} documenten",
    "overview.unreadable": "Kon dit bestand niet lezen: {error}",
    "overview.version": "versie {version}",
    "overview.total": "Totaal (van {n})",
    "overview.legend": "Legenda",
    "overview.caveat": "✘ betekent: niet gevonden met de zoektermen van het lexicon. Dat is "
    "geen bewijs dat het thema ontbreekt; gemeten herkenning per thema:",
    "overview.recall_unknown": "niet gemeten",
    "overview.print_note": "De onderbouwing per gemeente en de voorbeelden uit de regio staan "
    "in het HTML-bestand op het scherm en in het xlsx-overzicht.",
    "overview.per_municipality": "Per gemeente",
    "overview.other_documents": "Andere documenten van deze gemeente",
    "overview.see_examples": "Zo schrijven andere gemeenten het: voorbeelden uit de regio",
    "examples.heading": "Voorbeelden uit de regio",
    "examples.intro": "Per thema de sterkste beleidskeuzes (ambitie of onder voorwaarden) uit "
    "de gemeenten die het thema uitwerken, met de plaats in hun document: zo schreven de buren "
    "het op.",
    "examples.none_for": "Geen voorbeeld gevonden voor: {themes}",
    "documents_count.one": "{n} document",
    "documents_count.other": "{n} documenten",
    "sha256": "SHA-256",
    # csv columns
    "csv.municipality": "gemeente",
    "csv.file": "bestand",
    "csv.theme_id": "thema_id",
    "csv.theme": "thema",
    "csv.status": "status",
    "csv.status_text": "status_tekst",
    "csv.mentions": "vermeldingen",
    "csv.pages": "paginas",
    "csv.evidence": "bewijs",
    "csv.error": "fout",
    "csv.depth": "diepgang",
    "csv.stance": "houding",
    "csv.section": "sectie",
    "csv.unit": "eenheid",
    "csv.version": "versie",
    "csv.document_status": "documentstatus",
    "csv.file_date": "bestandsdatum",
    "csv.in_overview": "in_overzicht",
    "answer.yes": "ja",
    "answer.no": "nee",
    # depth of a theme (models.Depth)
    "depth.missing": "ontbreekt",
    "depth.mentioned": "genoemd",
    "depth.described": "beschreven",
    "depth.policy_choice": "beleidskeuze",
    # kind of section a hit stands in (models.SectionKind; "text" needs no label)
    "section_kind.toc": "inhoudsopgave",
    "section_kind.glossary": "begrippenlijst",
    "section_kind.colophon": "colofon",
    "section_kind.sources": "bronnen",
    "section_kind.annex": "bijlage",
    "hit.incidental": "alleen in een opsomming of historie",
    # documents without pages (docx, html, text): numbered sections instead
    "col.sections": "Secties",
    "section_count.one": "{n} sectie",
    "section_count.other": "{n} secties",
    "section_short": "sectie {page}",
    "section_paragraph_short": "sectie {page}, alinea {paragraph}",  # STOP/DSO documents
    "unit.page": "pagina",
    "unit.section": "sectie",
    # what a "missing" verdict rests on (models.SearchInfo)
    "not_found": "{theme}: niet gevonden ({details})",
    "searched": "gezocht op {terms} en {variants}",
    "terms.one": "{n} term",
    "terms.other": "{n} termen",
    "forms.one": "{n} vorm",
    "forms.other": "{n} vormen",
    "unreadable_pages.one": "{n} pagina onleesbaar",
    "unreadable_pages.other": "{n} pagina's onleesbaar",
    "unreadable_sections.one": "{n} sectie onleesbaar",
    "unreadable_sections.other": "{n} secties onleesbaar",
    "readable_pages": "alle pagina's leesbaar",
    "readable_sections": "alle secties leesbaar",
    "recall": "herkenning ≈ {recall}",
    # batch: documents that share most of their text
    "duplicates.line": "Mogelijk dezelfde visie: {a} en {b} delen {percent}% van hun tekst",
    "duplicates.heading": "Mogelijk dezelfde visie",
    "duplicates.sheet": "Dubbel",
    "duplicates.first": "Gemeente A",
    "duplicates.second": "Gemeente B",
    "duplicates.containment": "gedeelde tekst",
    "duplicates.jaccard": "Jaccard",
    "col.stance": "houding",
    "col.section": "sectie",
    # xlsx workbook (batch --format xlsx)
    "xlsx.examples_sheet": "Voorbeelden uit de regio",
    "xlsx.about_sheet": "Over dit overzicht",
    "xlsx.version": "Versie",
    "xlsx.others": "Andere documenten",
    "xlsx.place": "Plaats",
    "xlsx.no_examples": "Geen voorbeelden: geen gemeente maakt bij een thema een beleidskeuze "
    "(ambitie of onder voorwaarden) in haar eigen tekst.",
    "xlsx.created": "Gemaakt op",
    "xlsx.tool": "Programma",
    "xlsx.lexicon": "Lexicon",
    "xlsx.lexicon_hash": "Inhoud lexicon (hash)",
    "xlsx.modified_note": "Aangepast: dit lexicon draagt de naam van een meegeleverd lexicon, "
    "maar de inhoud is anders. Vergelijk uitkomsten alleen met overzichten met dezelfde hash.",
    "xlsx.municipalities": "Gemeenten",
    "xlsx.documents": "Documenten",
    "xlsx.failed": "Niet gelezen",
    "xlsx.themes": "Thema's",
    "xlsx.missing_heading": "Wat ‘ontbreekt’ betekent",
    "xlsx.missing_explained": "‘Ontbreekt’ betekent: visiecheck heeft het thema in de tekst niet "
    "gevonden, niet dat de visie er zeker niets over zegt. De herkenning is het deel van de "
    "passages over een thema in de meetset van visiecheck dat het programma vindt; wat het mist, "
    "staat bij een lagere herkenning vaker ten onrechte als ‘ontbreekt’. Kijk een rode cel na in "
    "de visie zelf; het blad Bewijs zegt per document waarop gezocht is.",
    "xlsx.code": "Code",
    "xlsx.recall": "Herkenning",
    "xlsx.meaning": "Een rode cel betekent",
    "xlsx.recall_note": "niet gevonden met herkenning ≈ {recall}: ongeveer {missed}% van de "
    "passages over dit thema wordt gemist",
    "xlsx.recall_unknown": "niet gevonden; de herkenning van dit thema is niet gemeten",
    "xlsx.documents_heading": "Gelezen bestanden",
    "xlsx.documents_explained": "Per gemeente toont het overzicht één document: een vastgestelde "
    "visie gaat voor een ontwerp, dan de hoogste versie, dan het nieuwste bestand. De andere "
    "documenten staan in de kolom ‘Andere documenten’ en op het blad Bewijs. Het totaal telt "
    "gemeenten, niet bestanden.",
    "xlsx.document_status": "Status document",
    "xlsx.file_date": "Bestandsdatum",
    "xlsx.in_overview": "In overzicht",
    "xlsx.file_a": "Bestand A",
    "xlsx.file_b": "Bestand B",
    "xlsx.footer": "&A – pagina &P van &N",
    # stance of a theme (visiecheck.analyse.stance)
    "stance.ambition": "ambitie",
    "stance.condition": "onder voorwaarden",
    "stance.exclusion": "uitgesloten",
    "stance.background": "beschrijvend",
    # diff of two drafts (visiecheck diff)
    "diff.title": "visiecheck: verschil tussen twee versies",
    "diff.old": "Oud",
    "diff.new": "Nieuw",
    "diff.identical": "De twee bestanden zijn identiek.",
    "diff.col.change": "Verandering",
    "diff.col.delta": "Δ vermeldingen",
    "diff.col.pages": "Pagina's +/−",
    "diff.col.stance": "Houding",
    "diff.change.gained": "erbij",
    "diff.change.lost": "verdwenen",
    "diff.change.improved": "sterker",
    "diff.change.weakened": "zwakker",
    "diff.change.unchanged": "gelijk",
    "diff.evidence.lost": "verdwenen",
    "diff.evidence.new": "nieuw",
    "diff.evidence.moved": "verplaatst",
    "diff.evidence.reworded": "herschreven",
    "diff.heading_evidence": "Veranderde zinnen per thema",
    "diff.summary": "{changed} van {total} thema's veranderd: {gained} erbij, {lost} verdwenen, "
    "{improved} sterker, {weakened} zwakker",
    "diff.no_changes": "Geen verschillen in de thema's.",
    "diff.only_old": "Alleen in de oude versie gecontroleerd: {themes}",
    "diff.only_new": "Alleen in de nieuwe versie gecontroleerd: {themes}",
    # the readiness lens "Huiswerk klaar" (--readiness)
    "readiness.heading": "Huiswerk klaar",
    "readiness.intro": "Werkt de visie met de ondergrond? Signalen uit {lexicon}.",
    "readiness.found": "gevonden",
    "readiness.not_found": "niet gevonden",
    "readiness.col.signal": "Signaal",
    "readiness.col.found": "Gevonden",
    "readiness.col.evidence": "Bewijs of advies",
    "readiness.summary": "{found} van {total} signalen gevonden",
    "readiness.advice": "Advies: {advice}",
    "readiness.matrix": "Huiswerk klaar per gemeente",
    "readiness.sheet": "Huiswerk klaar",
    "csv.lens": "lens",
    "csv.advice": "advies",
    "csv.lens.theme": "thema",
    "csv.lens.readiness": "huiswerk klaar",
}

_EN: dict[str, str] = {
    "status.addressed": "addressed",
    "status.mentioned": "mentioned",
    "status.missing": "missing",
    "context.body": "body text",
    "context.heading": "heading",
    "context.toc": "table of contents",
    "col.theme": "Theme",
    "col.status": "Status",
    "col.mentions": "Mentions",
    "col.pages": "Pages",
    "col.evidence": "Strongest evidence",
    "file": "File",
    "municipality": "Municipality",
    "unknown_municipality": "unknown",
    "page_count.one": "{n} page",
    "page_count.other": "{n} pages",
    "pages_without_text": "without text: {pages}",
    "warnings": "Warnings",
    "warning": "Warning",
    "error": "Error",
    "error_line": "Error: {error}",
    "summary": "{addressed} addressed, {mentioned} mentioned, {missing} missing",
    "missing_line": "Missing: {themes}",
    "nothing_missing": "No theme is missing.",
    "and": "and",
    "page_short": "p. {page}",
    "no_evidence": "—",
    "title": "visiecheck: soil and subsurface in the spatial vision",
    "heading_summary": "Summary",
    "heading_evidence": "Evidence per theme",
    "heading_themes": "Themes",
    "generated_on": "Made on {date} with {tool} {version}, lexicon {lexicon}",
    "generated_with": "Made with {tool} {version}, lexicon {lexicon}",
    "generated_tool": "Made with {tool} {version}",
    "lexicon_modified": "modified",
    "overview.title": "visiecheck: soil and subsurface in the spatial visions of "
    "{n} municipalities",
    "overview.documents": "{documents} of {municipalities}; per municipality the matrix "
    "shows one document (adopted before draft, then the highest version, then the newest "
    "file), the others are listed with the municipality below the matrix.",
    "overview.municipalities.one": "{n} municipality",
    "overview.municipalities.other": "{n} municipalities",
    "overview.more.one": "+{n} document",
    "overview.more.other": "+{n} documents",
    "overview.unreadable": "Could not read this file: {error}",
    "overview.version": "version {version}",
    "overview.total": "Total (of {n})",
    "overview.legend": "Legend",
    "overview.caveat": "✘ means: not found with the lexicon's search terms. That does not "
    "prove the theme is absent; measured recall per theme:",
    "overview.recall_unknown": "not measured",
    "overview.print_note": "The evidence per municipality and the regional examples are in "
    "the HTML file on screen and in the xlsx overview.",
    "overview.per_municipality": "Per municipality",
    "overview.other_documents": "Other documents of this municipality",
    "overview.see_examples": "How other municipalities write it: regional examples",
    "examples.heading": "Regional examples",
    "examples.intro": "Per theme the strongest policy choices (ambition or conditional) of "
    "the municipalities that address the theme, with the place in their document: how the "
    "neighbours wrote it.",
    "examples.none_for": "No example found for: {themes}",
    "documents_count.one": "{n} document",
    "documents_count.other": "{n} documents",
    "sha256": "SHA-256",
    "csv.municipality": "municipality",
    "csv.file": "file",
    "csv.theme_id": "theme_id",
    "csv.theme": "theme",
    "csv.status": "status",
    "csv.status_text": "status_text",
    "csv.mentions": "mentions",
    "csv.pages": "pages",
    "csv.evidence": "evidence",
    "csv.error": "error",
    "csv.depth": "depth",
    "csv.stance": "stance",
    "csv.section": "section",
    "csv.unit": "unit",
    "csv.version": "version",
    "csv.document_status": "document_status",
    "csv.file_date": "file_date",
    "csv.in_overview": "in_overview",
    "answer.yes": "yes",
    "answer.no": "no",
    "depth.missing": "missing",
    "depth.mentioned": "mentioned",
    "depth.described": "described",
    "depth.policy_choice": "policy choice",
    "section_kind.toc": "table of contents",
    "section_kind.glossary": "glossary",
    "section_kind.colophon": "colophon",
    "section_kind.sources": "sources",
    "hit.incidental": "only in a list or history",
    "section_kind.annex": "annex",
    "col.sections": "Sections",
    "section_count.one": "{n} section",
    "section_count.other": "{n} sections",
    "section_short": "section {page}",
    "section_paragraph_short": "section {page}, paragraph {paragraph}",
    "unit.page": "page",
    "unit.section": "section",
    "not_found": "{theme}: not found ({details})",
    "searched": "searched {terms} and {variants}",
    "terms.one": "{n} term",
    "terms.other": "{n} terms",
    "forms.one": "{n} form",
    "forms.other": "{n} forms",
    "unreadable_pages.one": "{n} page unreadable",
    "unreadable_pages.other": "{n} pages unreadable",
    "unreadable_sections.one": "{n} section unreadable",
    "unreadable_sections.other": "{n} sections unreadable",
    "readable_pages": "all pages readable",
    "readable_sections": "all sections readable",
    "recall": "recall ≈ {recall}",
    "duplicates.line": "Possibly the same vision: {a} and {b} share {percent}% of their text",
    "duplicates.heading": "Possibly the same vision",
    "duplicates.sheet": "Duplicates",
    "duplicates.first": "Municipality A",
    "duplicates.second": "Municipality B",
    "duplicates.containment": "shared text",
    "duplicates.jaccard": "Jaccard",
    "col.stance": "stance",
    "col.section": "section",
    "xlsx.examples_sheet": "Regional examples",
    "xlsx.about_sheet": "About this overview",
    "xlsx.version": "Version",
    "xlsx.others": "Other documents",
    "xlsx.place": "Location",
    "xlsx.no_examples": "No examples: no municipality makes a policy choice on a theme "
    "(an ambition or a condition) in its own text.",
    "xlsx.created": "Created",
    "xlsx.tool": "Program",
    "xlsx.lexicon": "Lexicon",
    "xlsx.lexicon_hash": "Lexicon content (hash)",
    "xlsx.modified_note": "Modified: this lexicon carries the name of a shipped lexicon, but its "
    "content differs. Compare results only with overviews that have the same hash.",
    "xlsx.municipalities": "Municipalities",
    "xlsx.documents": "Documents",
    "xlsx.failed": "Not read",
    "xlsx.themes": "Themes",
    "xlsx.missing_heading": "What ‘missing’ means",
    "xlsx.missing_explained": "‘Missing’ means: visiecheck did not find the theme in the text, "
    "not that the vision certainly says nothing about it. The recall is the share of the "
    "passages on a theme in visiecheck's accuracy set that the program finds; the lower it is, "
    "the more often a theme is wrongly shown as ‘missing’. Check a red cell in the vision "
    "itself; the Evidence sheet says per document what was searched.",
    "xlsx.code": "Code",
    "xlsx.recall": "Recall",
    "xlsx.meaning": "A red cell means",
    "xlsx.recall_note": "not found with recall ≈ {recall}: about {missed}% of the passages on this "
    "theme are missed",
    "xlsx.recall_unknown": "not found; the recall of this theme has not been measured",
    "xlsx.documents_heading": "Files read",
    "xlsx.documents_explained": "The overview shows one document per municipality: an adopted "
    "vision before a draft, then the highest version, then the newest file. The other "
    "documents are in the column ‘Other documents’ and on the Evidence sheet. The total counts "
    "municipalities, not files.",
    "xlsx.document_status": "Document status",
    "xlsx.file_date": "File date",
    "xlsx.in_overview": "In overview",
    "xlsx.file_a": "File A",
    "xlsx.file_b": "File B",
    "xlsx.footer": "&A – page &P of &N",
    "stance.ambition": "ambition",
    "stance.condition": "conditional",
    "stance.exclusion": "excluded",
    "stance.background": "descriptive",
    "diff.title": "visiecheck: difference between two drafts",
    "diff.old": "Old",
    "diff.new": "New",
    "diff.identical": "The two files are identical.",
    "diff.col.change": "Change",
    "diff.col.delta": "Δ mentions",
    "diff.col.pages": "Pages +/−",
    "diff.col.stance": "Stance",
    "diff.change.gained": "gained",
    "diff.change.lost": "lost",
    "diff.change.improved": "improved",
    "diff.change.weakened": "weakened",
    "diff.change.unchanged": "unchanged",
    "diff.evidence.lost": "removed",
    "diff.evidence.new": "new",
    "diff.evidence.moved": "moved",
    "diff.evidence.reworded": "reworded",
    "diff.heading_evidence": "Changed sentences per theme",
    "diff.summary": "{changed} of {total} themes changed: {gained} gained, {lost} lost, "
    "{improved} improved, {weakened} weakened",
    "diff.no_changes": "No differences in the themes.",
    "diff.only_old": "Checked in the old draft only: {themes}",
    "diff.only_new": "Checked in the new draft only: {themes}",
    # the readiness lens "Huiswerk klaar" (--readiness)
    "readiness.heading": "Readiness (Huiswerk klaar)",
    "readiness.intro": "Does the visie work with the subsurface? Signals from {lexicon}.",
    "readiness.found": "found",
    "readiness.not_found": "not found",
    "readiness.col.signal": "Signal",
    "readiness.col.found": "Found",
    "readiness.col.evidence": "Evidence or advice",
    "readiness.summary": "{found} of {total} signals found",
    "readiness.advice": "Advice: {advice}",
    "readiness.matrix": "Readiness per municipality",
    "readiness.sheet": "Readiness",
    "csv.lens": "lens",
    "csv.advice": "advice",
    "csv.lens.theme": "theme",
    "csv.lens.readiness": "readiness",
}

MESSAGES: Mapping[str, Mapping[str, str]] = {"nl": _NL, "en": _EN}


def check_language(lang: str) -> str:
    """Return ``lang`` if reports can be written in it, else raise a ``UsageError``."""
    if lang not in MESSAGES:
        raise UsageError(
            Msg("usage.unknown_value", option="language", value=lang, choices=", ".join(LANGUAGES))
        )
    return lang


def t(key: str, lang: str = DEFAULT_LANGUAGE, **kwargs: object) -> str:
    """The text for ``key`` in ``lang``, with ``kwargs`` filled into its placeholders."""
    template = MESSAGES[check_language(lang)][key]
    return template.format(**kwargs) if kwargs else template


def plural(key: str, n: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """``key.one`` or ``key.other`` filled with ``n`` (both languages use one/other)."""
    return t(f"{key}.one" if n == 1 else f"{key}.other", lang, n=n)


def status_word(status: Status | str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``uitgewerkt`` / ``addressed`` and so on."""
    return t(f"status.{Status(status).value}", lang)


def status_label(status: Status | str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Symbol and word, readable without colour: ``✔ uitgewerkt``."""
    return f"{STATUS_SYMBOLS[Status(status)]} {status_word(status, lang)}"


def depth_word(depth: Depth | str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``beleidskeuze`` / ``policy choice`` and so on."""
    return t(f"depth.{Depth(depth).value}", lang)


def stance_word(stance: Stance | str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``uitgesloten`` / ``excluded`` and so on."""
    return t(f"stance.{Stance(stance).value}", lang)


def lexicon_text(info: LexiconInfo, lang: str = DEFAULT_LANGUAGE) -> str:
    """``ondergrond-nl 1.5.0 · 3549f943b4fc``, with ``(aangepast)`` for an edited copy of
    a shipped lexicon: every report names its terms this one way, and never passes an
    edited lexicon off as the shipped version."""
    text = f"{info.name} {info.version}"
    if info.content_hash:
        text += f" · {info.content_hash}"
    if info.modified:
        text += f" ({t('lexicon_modified', lang)})"
    return text


def generated_by(report: Report, lang: str = DEFAULT_LANGUAGE) -> str:
    """The one line a report without a run date gives about how it was made."""
    return t(
        "generated_with",
        lang,
        tool="visiecheck",
        version=report.tool_version,
        lexicon=lexicon_text(report.lexicon, lang),
    )


def decimal(value: float, lang: str = DEFAULT_LANGUAGE, digits: int = 2) -> str:
    """``0.93`` as ``0,93`` in Dutch (decimal comma) and ``0.93`` in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if check_language(lang) == "nl" else text


def theme_label(coverage: ThemeCoverage, lang: str = DEFAULT_LANGUAGE) -> str:
    """The theme's label in ``lang`` (the Dutch label when no English one is given)."""
    if check_language(lang) == "en" and coverage.label_en:
        return coverage.label_en
    return coverage.label


def join_words(words: list[str], lang: str = DEFAULT_LANGUAGE) -> str:
    """``a, b en c`` (Dutch) / ``a, b and c`` (English); no serial comma in either.

    When an item itself contains the word "en"/"and" (``energie en stoffen``), the list
    would be ambiguous, so all items are then separated by ``; `` instead.
    """
    conjunction = t("and", lang)
    if any(f" {conjunction} " in word for word in words):
        return "; ".join(words)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
