"""When a hit only names a theme: list entries, the past, table rows (pure functions).

A municipality that writes "geen ruimte voor schaliegas" makes a choice about mining. A
zoning list of business types that are not allowed on one plot ("visserijbedrijven,
aardolie- en gaswinning, etc."), a museum's exhibition on the historic gas winning, or a
checklist row "Nee  Binnen grondwaterbeschermingsgebied?" do not: the word is there, the
subject is not. Such hits are kept as evidence, but they are *incidental*: they make a
theme at most *genoemd* and never give it a stance. The rules:

- **listed activity** (``listed_activity``): the hit is one entry of an enumeration of at
  least four short entries (split by commas, semicolons, "en", "of"), and the enumeration
  is a standard list, not a choice: it ends in *etc.*, *enz.*, *e.d.*, *en dergelijke*, or
  its sentence excludes or lists activities (*niet toegestaan*, *uitgezonderd*, *met
  uitzondering van*, *bedrijfsactiviteiten*, *milieucategorie*, *SBI*) without a first-person
  subject (*wij*, *de gemeente*) making the choice.
- **the past only** (``past_only``): a museum, exhibition, history or replica word stands right
  before the hit (at most four words) or inside its word (*zoutmuseum*), or a museum or
  exhibition, also as a compound (*Mijnmuseum*), is the subject a few words earlier in the
  sentence (at most ten words: *het Mijnmuseum in Kerkrade vertelt over de kolenmijnen*).
  Themes about the past (the soil archive, ``Theme.historical``) are exempt.
- **table row** (``table_row``): cells separated by tabs or bars, a row opening with a
  bare *ja*/*nee*/*n.v.t.*, or a short question: it never gives a stance (the hit counts).
- **empty form** (``empty_form``): boxes not ticked (☐ … ☐), cells left blank, *n.v.t.*, a
  line to fill in (*......*, *(in te vullen)*), a checklist row whose every answer is a
  placeholder (*Mijnbouw: —*, *nog niet beoordeeld*, *volgt*), or a form's yes/no question
  about the plan left unanswered (*Ligt het plangebied in een …?*, *Heeft het plan gevolgen
  voor …?*): every hit in it is incidental.
- **open question** (``SentenceMarks.open_question``): a question about the theme that
  nothing answers — the paragraph ends after it, another question or a placeholder answer
  (*antwoord: —*, *ja / nee*, *...*) follows, or an instruction to fill it in (*Beschrijf
  dit …*, *wordt ingevuld door …*). Intake lists, forms and questionnaires ask about every
  theme; a visie that asks "Hoe houden we het grondwater op peil?" and answers it in the next
  sentence does not lose the hit. A hit in a "label: answer" cell whose answer is a
  placeholder (*bodemdaling: niet ingevuld*) is incidental too, whatever the other cells say
  (``SentenceMarks.empty_cell``).
- **form instruction** (``form_instruction``): a sentence that tells an applicant what to
  write (*Beschrijf kort wat uw plan betekent voor bodem en grondwater*, *Vermeld in de
  aanvraag …*): a form verb first, addressed to the applicant (*u*, *uw*, *de aanvraag*, *het
  plan*). A visie does not instruct its reader to describe the soil.
- **outline sentence** (``outline_sentence``): a sentence that points to where a subject is
  treated or lists which aspects a text covers — a cross-reference to a numbered section
  (*In paragraaf 4.9 Archeologie vindt nadere toetsing plaats*, *zie hoofdstuk 5*) or an
  announcement (*… komen aan de orde*, *… komt aan bod*, *wordt ingegaan op …*). It names
  the theme; the section it points to says something about it.
- **deferred or placeholder text** (``deferred``): a draft's section that is not written yet
  (*[tekst volgt]*, *nog niet geschreven*, *status: nog niet …*, *PM*) or a sentence that puts
  a subject off to a later version (*deze opgave werken we uit in de eerste herziening*,
  *komt terug in de gebiedsuitwerking*, *deze keuze maken we in de volgende fase*): it names
  the theme, it does not treat it. A policy officer checking a draft must see such a theme
  as *genoemd*, not as done.
- **document reference** (``outline_sentence``, ``SentenceRules.document_title``): a list
  of documents under a label (*Literatuur:*, *Bronnen:*, *Relevante documenten:*), a sentence
  that only points to a map or annex (*Zie voor de ligging … kaart 5*, *Bijlage C bevat …*),
  or a hit inside the title of a dated document (*Nota Archeologie 2011*, *Structuurvisie
  Ondergrond 2014*): the document is named, its subject is not treated here.
- **zoning table row**: a row of the *Staat van bedrijfsactiviteiten* (a *milieucategorie*
  or SBI code): every hit in it is a list entry; and a list of four or more entries two of
  which name a kind of business (*…bedrijven*, *…handel*, *horeca*) is a list of business
  types, as a list that ends in *etc.* is.
- **proper names** (``proper_name``, ``street_or_name``, applied by the matcher): a street
  name (*Kolenmijnweg*), a capitalised term followed by another capitalised word inside a
  sentence (*Energiecoöperatie Aardwarmte Dinkelland*), a capitalised term right after
  a capital article inside a sentence (*Sportpark De Stuwwal*) is a name, not a hit; and a
  capitalised word inside a sentence that matches a lower-case term only as an inflected
  form (``inflected_name``: *Holten* is not the plural of *holte*, *Putten* not of *put*)
  is a place or family name — Dutch writes common nouns in lower case.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

# ", en" and ", of" are one separator, so "a, b, en c" has three entries
# (a table row's bars separate entries too: "Uitgesloten | spelhallen | gaswinning | ...")
_ITEM_SPLIT_RE = re.compile(
    r"\s*(?:[,;|](?:\s*\b(?:en/of|en|of)\b)?|\b(?:en/of|en|of)\b)\s*", re.IGNORECASE
)
_CONJUNCTION_RE = re.compile(r"\b(?:en|of)\b")
_LIST_TAIL_RE = re.compile(
    r"\b(?:etc|enz|e\.d|e\.a)\b\.?|\ben\s+dergelijke\b|\ben\s+soortgelijke\b", re.IGNORECASE
)
_NOT_ALLOWED_RE = re.compile(
    r"\bniet\s+(?:toegestaan|toelaatbaar|toegelaten|zijnde)\b|\buitgezonderd\b|"
    r"\bmet\s+uitzondering\s+van\b|\bverboden\b|\buitgesloten\b|\bniet\s+zijn\s+toegestaan\b|"
    r"\bbedrijfsactiviteiten\b|\bmilieucategorie\w*|\bSBI\b|\bbedrijfstypen\b|\bbedrijfsvormen\b|"
    r"\bniet\s+passend\b|\bpassen\s+niet\b|\bcategorie\s*\d|\bgeen\s+(?:\w+\s+){0,4}toegestaan\b|"
    r"\bniet\s+(?:\w+\s+){0,4}passen\b|\bvallen\s+niet\b",
    re.IGNORECASE,
)
_LIST_LEAD_RE = re.compile(r"\b(?:zoals|bijvoorbeeld|onder\s+meer|onder\s+andere)\s", re.IGNORECASE)
# A row of a zoning table of business activities: every hit in it is a list entry.
_ZONING_ROW_RE = re.compile(
    r"\bstaat\s+van\s+bedrijfsactiviteiten\b|\bmilieucategorie\s*\d|\bSBI(?:-codes?)?\b|"
    r"\bstrijdig(?:e)?\s+gebruik\b|\bgebruik\s+strijdig\s+met\b|"
    r"\bin\s+strijd\s+met\s+de\s+(?:functie|bestemming|gebruiksregels|regels)\b|"
    r"^\W*\d{2,4}(?:\.\d+)?\s+\S.*\bcategorie\s*\d",
    re.IGNORECASE,
)
# The first word of a relative or subordinate clause.
_CLAUSE_START_RE = re.compile(
    r"\s*(?:die|dat|waar|waarmee|waardoor|welke|omdat|zodat|terwijl|wanneer|indien|maar|want)\b",
    re.IGNORECASE,
)
# A zoning category of businesses by their nuisance: "categorie 3.2", "milieucategorie 2".
_ZONING_CATEGORY_RE = re.compile(r"\b(?:milieu)?categorie\s*\d", re.IGNORECASE)
# Entries naming a kind of business: two of them make a list of business types.
_BUSINESS_ENTRY_RE = re.compile(
    r"(?:bedrijf|bedrijven|handel|horeca|winkels?|garages?|industrie|kwekerijen?)\W*$",
    re.IGNORECASE,
)
# An empty form or an unanswered checklist: boxes not ticked, cells left blank, "n.v.t.",
# a dotted or underscored line to fill in, "(in te vullen door ...)".
_EMPTY_FORM_RE = re.compile(
    r"☐.*☐|\|\s*\|.*\|\s*\||\bn\.\s?v\.\s?t\.?(?!\w)|\.{5,}|…{3,}|_{5,}|\bin\s+te\s+vullen\b",
    re.IGNORECASE,
)
# The answer of a "Label: answer" cell that says nothing yet.
_PLACEHOLDER_RE = re.compile(
    r"^(?:[-–—?]*|(?:nog\s+)?niet\s+(?:beoordeeld|bekend|ingevuld|onderzocht)|nog\s+te\s+\w+|"
    r"p\.?\s?m\.?|n\.?\s?t\.?\s?b\.?|(?:zie\s+\w+\s*)?\(?volgt\)?|zie\s+bijlage\s*\(?volgt\)?|"
    r"onbekend|leeg|in\s+te\s+vullen|\.{3,}|…)$",
    re.IGNORECASE,
)
# A form's yes/no question about the plan: "Ligt het plangebied in ...?", "Heeft het plan
# gevolgen voor ...?" (a finite verb first, after an optional number).
_FORM_QUESTION_RE = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:ligt|liggen|heeft|hebben|is|zijn|wordt|worden|vindt|vinden|"
    r"komt|komen|kan|kunnen|zal|zullen|bevindt|raakt|grenst|valt|vallen|veroorzaakt|leidt|"
    r"betreft|gaat)\s+(?:\S+\s+){0,8}?(?:het|de|dit|deze)\s+(?:plan|plangebied|bouwplan|"
    r"initiatief|project|projectgebied|projectlocatie|locatie|bouwlocatie|aanvraag|activiteit|"
    r"perceel|ingreep)\b[^?]*\?\W*$",
    re.IGNORECASE,
)
# What follows an unanswered question: nothing, another question, both options of a
# yes/no box, a placeholder cell, or an instruction to fill the answer in.
_BOTH_OPTIONS_RE = re.compile(r"^(?:ja|nee)\s*/\s*(?:ja|nee)\b", re.IGNORECASE)
_FILL_IN_RE = re.compile(
    r"^(?:beschrijf|geef|vul|noem|licht|motiveer|omschrijf)\b|"
    r"\b(?:in\s+te\s+vullen|ingevuld|invullen|in\s+te\s+dienen|aankruisen|aan\s+te\s+kruisen|"
    r"kruis\s+aan|omcirkelen|doorhalen\s+wat\s+niet\s+van\s+toepassing\s+is)\b|"
    r"\bvul(?:t|len)\b[^.?!]{0,60}\bin\b|\.{3}|…",
    re.IGNORECASE,
)
# An instruction to an applicant: a form verb first, and the applicant addressed.
_FORM_VERB_RE = re.compile(
    r"^\W*(?:(?:vraag\s+)?\d+(?:\.\d+)*[.):]?\s+)?(?:beschrijf|vermeld|omschrijf|motiveer|"
    r"onderbouw|geef\s+(?:\w+\s+){0,3}?aan|licht\s+(?:\w+\s+){0,4}?toe|vul\s+(?:\w+\s+){0,4}?in|"
    r"kruis\s+(?:\w+\s+){0,3}?aan)\b",
    re.IGNORECASE,
)
_APPLICANT_RE = re.compile(
    r"\b(?:u|uw|de\s+aanvraag|het\s+(?:bouw)?plan|het\s+initiatief|de\s+initiatiefnemer|"
    r"de\s+aanvrager|bijlage)\b",
    re.IGNORECASE,
)
_ANSWER_RE = re.compile(r"(?:^|\W)(?:ja|nee|n\.?v\.?t\.?)(?:\W|$)|[☒☑✓✔✗✘]", re.IGNORECASE)
_FIRST_PERSON_RE = re.compile(r"\b(?:we|wij|ons|onze|gemeente|college|raad)\b", re.IGNORECASE)
_PAST_WORDS = (
    "museum",
    "musea",
    "expositie",
    "exposities",
    "tentoonstelling",
    "tentoonstellingen",
    "geschiedenis",
    "historie",
    # a replica (a rebuilt mine for visitors) shows the past, it does not practise it
    "replica",
    "nagebouwd",
    "nagebouwde",
)
_PAST_RE = re.compile(r"\b(?:" + "|".join(_PAST_WORDS) + r")\b", re.IGNORECASE)
_PAST_STEMS = (
    "muse",
    "expositie",
    "tentoonstelling",
    "geschiedenis",
    "historie",
    "replica",
    "nagebouwd",
    "monument",
)
# a museum or exhibition (also a compound: Mijnmuseum, zoutexpositie) as the subject
_MUSEUM_STEMS = ("museum", "musea", "expositie", "tentoonstelling")
_BECAME_MUSEUM_RE = re.compile(
    r"(?:\s+\w+){0,3}?\s+(?:is|werd|wordt|zijn|werden)\s+(?:nu\s+|inmiddels\s+|sindsdien\s+)?"
    r"(?:een\s+|het\s+)?(?:\w+\s+)?(?:museum|mijnmuseum|openluchtmuseum|(?:rijks)?monument)\b",
    re.IGNORECASE,
)
_TABLE_CELLS_RE = re.compile(r"\t|\s\|\s.*\s\|\s")
_CHECKBOX_START_RE = re.compile(r"^\W*(?:ja|nee|n\.?v\.?t\.?|x|✓|✔|✗|✘)\s+\S", re.IGNORECASE)
WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
LIST_MIN_ENTRIES = 4
ENTRY_MAX_WORDS = 5
PAST_WINDOW_WORDS = 4
MUSEUM_WINDOW_WORDS = 10
ROW_MAX_WORDS = 15
QUESTION_MAX_WORDS = 12
LABEL_MAX_WORDS = 6
# Up to this length one search of a sentence per hit costs less than indexing it once.
SHORT_SENTENCE = 300


# Words without which a pattern cannot match: a substring test first spares most
# sentences the regular expression.
_OUTLINE_CUES = (
    "paragraaf",
    "par.",
    "hoofdstuk",
    "bijlage",
    "§",
    "aan bod",
    "aan de orde",
    "ingegaan",
    " in op",
)
_ZONING_CUES = ("categorie", "bedrijfsactiviteiten", "sbi", "strijd")
_FORM_CUES = ("☐", "n.v.t", ".....", "…", "_____", "vullen")


# A draft's placeholder or a subject put off to a later version of the visie.
_DEFERRAL_RE = re.compile(
    r"\btekst\s+volgt\b|\[[^\]]*\bvolgt\b|\bnog\s+niet\s+(?:geschreven|uitgewerkt|ingevuld|"
    r"opgesteld|aangeleverd|ontvangen)\b|\bstatus\s*:\s*(?:nog\s+niet|concept|pm)\b|(?<![\w.\-])PM(?![\w.\-])|"
    r"\(\s*(?:nog\s+)?(?:nader\s+)?uit\s+te\s+werken\s*\)|\(\s*volgt\s*\)|"
    r"\bwerk(?:t|en)\s+(?:we|wij|de\s+gemeente)\s+(?:\w+\s+){0,3}?uit\s+in\s+(?:de|een)\s+"
    r"(?:\w+\s+){0,2}?(?:herziening|actualisatie|versie|fase|uitwerking|programma)\b|"
    r"\bkomt\s+(?:\w+\s+){0,2}?terug\s+in\s+(?:de|het|een)\s+(?:\w+\s+){0,2}?"
    r"(?:herziening|actualisatie|versie|fase|uitwerking|gebiedsuitwerking|programma)\b|"
    r"\bmaken\s+(?:we|wij)\s+in\s+(?:de|een)\s+(?:volgende|latere|tweede)\s+(?:fase|versie|ronde)\b|"
    r"\bvolg(?:t|en)\s+(?:later|in\s+(?:de|een)\s+(?:\w+\s+){0,2}?(?:versie|fase|herziening|"
    r"ontwerpversie))\b",
)
_DEFERRAL_CUES = (
    "volgt",
    "volgen",
    "nog niet",
    "status",
    "pm",
    "uit in",
    "terug in",
    "fase",
    "uit te werken",
)
# A label over a list of documents: "Literatuur:", "Bronnen:", "Relevante documenten:".
_DOCUMENT_LIST_RE = re.compile(
    r"^\W*(?:literatuur(?:lijst)?|bronnen|bron|gebruikte\s+bronnen|referenties|(?:relevante\s+|"
    r"gebruikte\s+|achtergrond)?documenten|achtergronddocumenten|zie\s+ook|meer\s+informatie|"
    r"beleidsdocumenten)\s*:",
    re.IGNORECASE,
)
# A sentence that only points to a map, annex or document: "Zie voor … kaart 5 …",
# "Bijlage C bevat …" ("Zie kaart 7: <what it shows>" and "Kaart 4 toont …" describe
# content, and count; "Zie de bodem als …" without a document is an imperative).
_POINTER_RE = re.compile(
    r"^\W*(?:zie\s+(?:ook\s+)?(?:voor\s+)?(?!.*:)(?=.*\b(?:kaart|bijlage|paragraaf|hoofdstuk|"
    r"figuur|tabel|website|www\.|nota|rapport|verordening|omgevingsplan|document))|"
    r"bijlage\s+[A-Z0-9][\w.]*\s+bevat\b)",
    re.IGNORECASE,
)
# The title of a dated document around a hit: "Nota Archeologie 2011", "Structuurvisie
# Ondergrond 2014", "Beleidsplan Drinkwater 2020-2025".
_DOCUMENT_NOUN_RE = re.compile(
    r"(?:nota|visie|plan|regel|regels|kaart|programma|rapport|notitie|verordening|strategie|"
    r"agenda|atlas|beleid|richtlijn|handreiking|regeling)$",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"^(?:19|20)\d\d\b")
_OUR_CHOICE_RE = re.compile(r"\b(?:we|wij|ons|onze)\b", re.IGNORECASE)
TITLE_WINDOW_WORDS = 4


def document_list(line: str) -> bool:
    """Whether a line lists documents under a label ("Literatuur: …", "Bronnen: …")."""
    found = _DOCUMENT_LIST_RE.match(line)
    return bool(found) and bool(line[found.end() :].strip())


def deferred(sentence: str) -> bool:
    """Whether a sentence is a draft's placeholder or puts its subject off (module doc)."""
    lowered = sentence.lower()
    return any(cue in lowered for cue in _DEFERRAL_CUES) and bool(_DEFERRAL_RE.search(sentence))


def may_be_incidental(sentence: str) -> bool:
    """A cheap test per sentence: can any hit in it be a list entry, the past, a form or
    a pointer elsewhere? Most sentences fail it, so the per-hit rules run for few of them.
    The cheapest tests come first."""
    if "?" in sentence or ":" in sentence or "|" in sentence or "\t" in sentence:
        return True
    lowered = sentence.lower()
    if any(word in lowered for word in _PAST_STEMS):
        return True
    # enough separators for a list: let the per-hit rule decide. Counted generously (", en"
    # counts twice), which only sends a few more sentences to the exact per-hit rules, and
    # without the list splitter's pattern, which is slow to scan a sentence with
    separators = sentence.count(",") + sentence.count(";") + sentence.count("|")
    if separators < LIST_MIN_ENTRIES - 1:
        separators += len(_CONJUNCTION_RE.findall(lowered))
    if separators >= LIST_MIN_ENTRIES - 1:
        return True
    # a rule naming a zoning category needs one entry less (``listed_activity``)
    if separators >= LIST_MIN_ENTRIES - 2 and "categorie" in lowered:
        return True
    if _FORM_VERB_RE.match(sentence) or _POINTER_RE.match(sentence):
        return True
    if deferred(sentence):
        return True
    if any(char.isdigit() for char in sentence) and any(
        _DOCUMENT_NOUN_RE.search(word) for word in sentence.split()
    ):
        return True  # perhaps a dated document title
    if any(cue in lowered for cue in _OUTLINE_CUES) and (
        _CROSS_REFERENCE_RE.search(sentence) or _ANNOUNCEMENT_RE.search(sentence)
    ):
        return True
    if any(cue in lowered for cue in _ZONING_CUES) and _ZONING_ROW_RE.search(sentence):
        return True
    compact = lowered.replace(" ", "")
    return any(cue in compact for cue in _FORM_CUES) and bool(_EMPTY_FORM_RE.search(sentence))


def _entries(text: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of ``text`` between list separators."""
    spans, start = [], 0
    for separator in _ITEM_SPLIT_RE.finditer(text):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(text)))
    return spans


def listed_activity(sentence: str, start: int, end: int) -> bool:
    """Whether ``sentence[start:end]`` is one entry of a standard list (see module doc)."""
    return SentenceRules(sentence).listed_activity(start, end)


def empty_form(segment: str, following: str = "") -> bool:
    """Whether a segment is an unanswered form or checklist row (boxes not ticked, blank
    cells, "n.v.t.", a line to fill in, only placeholder answers, a yes/no question about
    the plan without an answer in it or right after it, ``following``): the themes it
    names are only named."""
    return bool(
        _EMPTY_FORM_RE.search(segment)
        or _placeholder_row(segment)
        or (
            _FORM_QUESTION_RE.match(segment.strip())
            and not _ANSWER_RE.search(segment)
            and not _ANSWER_RE.match(following.lstrip()[:12])
        )
    )


# A cross-reference to a numbered part of the document, or an announcement of what a text
# covers ("komen aan de orde", "komt aan bod", "wordt ingegaan op").
_CROSS_REFERENCE_RE = re.compile(
    r"(?:\b(?:paragraaf|par\.|hoofdstuk|bijlage)|§)\s*\d+(?:\.\d+)*", re.IGNORECASE
)
_ANNOUNCEMENT_RE = re.compile(
    r"\baan\s+(?:de\s+orde|bod)\b|\b(?:wordt|worden)\s+(?:\w+\s+){0,2}ingegaan\s+op\b|"
    r"\bgaan\s+(?:we|wij)\s+(?:\w+\s+){0,3}in\s+op\b",
    re.IGNORECASE,
)
_BRACKETS_RE = re.compile(r"\([^()]*\)")
CROSS_REFERENCE_MAX_WORDS = 20
ANNOUNCEMENT_MAX_WORDS = 30


def outline_sentence(sentence: str) -> bool:
    """Whether a sentence only points to where its subjects are treated (see module doc):
    a short sentence with a cross-reference outside brackets ("(zie bijlage 3)" beside a
    statement does not count), or an announcement; never a table row."""
    if document_list(sentence) or _POINTER_RE.match(sentence):
        return True
    if _TABLE_CELLS_RE.search(sentence):
        return False
    words = len(WORD_RE.findall(sentence))
    if _ANNOUNCEMENT_RE.search(sentence) and words <= ANNOUNCEMENT_MAX_WORDS:
        return True
    unbracketed = _BRACKETS_RE.sub(" ", sentence)
    return bool(_CROSS_REFERENCE_RE.search(unbracketed)) and words <= CROSS_REFERENCE_MAX_WORDS


def form_instruction(sentence: str) -> bool:
    """Whether a sentence tells an applicant what to fill in (see module doc)."""
    return bool(_FORM_VERB_RE.match(sentence) and _APPLICANT_RE.search(sentence))


_QUESTION_MARK_RE = re.compile(r"\?")
_CLAUSE_END_RE = re.compile(r"[.!|](?:\s|$)")
_CELL_BAR_RE = re.compile(r"[|\t]")
_BOTH_OPTIONS_ANYWHERE_RE = re.compile(r"\b(?:ja|nee)\s*/\s*(?:ja|nee)\b", re.IGNORECASE)
# After a question, an invitation to answer it elsewhere: "Laat het ons weten via de
# enquête", "Op de informatieavond beantwoorden experts uw vragen", "Reageer via …".
_INVITATION_RE = re.compile(
    r"\blaat\s+(?:het\s+)?(?:ons\s+)?weten\b|\benquête\b|\breageer\b|\bgeef\s+(?:uw|je)\s+mening\b|"
    r"\b(?:beantwoorden|bespreken)\s+(?:\w+\s+){0,3}?(?:uw|jouw|je|de|deze)\s+vragen\b",
    re.IGNORECASE,
)
# After a question, where to look the answer up: "Raadpleeg hiervoor kaart 4", "Kijk op …".
_LOOK_IT_UP_RE = re.compile(
    r"^\(?\s*(?:raadpleeg|zie|kijk\s+(?:op|in|bij)|controleer|check)\b", re.IGNORECASE
)
# Boxes to tick after a question, none ticked: "☐ ja ☐ nee ☐ onbekend", "[ ] ja [ ] nee".
_UNTICKED_RE = re.compile(r"^(?:(?:☐|\[\s\])\s*[^☐☒☑✓✔✗✘\[\]]{0,20}){2,}$")
# Only a pointer to where the answer is: "(zie bijlage 4)", "zie paragraaf 3.2."
_REFERENCE_ONLY_RE = re.compile(
    r"^\(?\s*(?:zie|zie\s+ook|vgl\.?)\s+(?:de\s+)?(?:bijlage|paragraaf|par\.|hoofdstuk|§|kaart|"
    r"figuur|tabel|toelichting)\b[^()]{0,40}\)?[.;]?$",
    re.IGNORECASE,
)
# What follows a question is judged on its first piece: this much of it is enough.
FOLLOWING_WINDOW = 400
# A cell longer than this is text, not a checklist label and its answer.
CELL_MAX_CHARS = 600


class SentenceMarks:
    """The question and empty-cell rules of one sentence, with where its question marks,
    clause ends and cell bars are, found once.

    ``open_question(start, following)``: whether the hit at ``sentence[start:]`` stands in
    a question that nothing answers (``following``: the rest of the paragraph);
    ``empty_cell(start)``: whether it labels a table or checklist cell left empty —
    "bodemdaling: niet ingevuld" (also cut off from its row by the sentence splitter at
    "n.t.b."), or a label cell followed by a placeholder cell ("Archeologie | ... |").

    The question and empty-cell rules are asked per hit; a sentence with thousands of hits
    (a page without full stops) used to be searched again for each, so doubling it
    quadrupled the work. Each hit now looks its marks up by bisection, and the verdict on
    each question mark is found once.
    """

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self._verdicts: dict[int, bool] = {}

    @cached_property
    def questions(self) -> list[int]:
        return [match.start() for match in _QUESTION_MARK_RE.finditer(self.sentence)]

    @cached_property
    def clause_ends(self) -> list[int]:
        return [match.start() for match in _CLAUSE_END_RE.finditer(self.sentence)]

    @cached_property
    def bars(self) -> list[int]:
        return [match.start() for match in _CELL_BAR_RE.finditer(self.sentence)]

    @cached_property
    def first_answer_end(self) -> int | None:
        found = _ANSWER_RE.search(self.sentence)
        return found.end() if found else None

    @cached_property
    def first_both_options_end(self) -> int | None:
        found = _BOTH_OPTIONS_ANYWHERE_RE.search(self.sentence)
        return found.end() if found else None

    @cached_property
    def is_long_prose(self) -> bool:
        return len(WORD_RE.findall(self.sentence)) > ROW_MAX_WORDS

    def open_question(self, start: int, following: str) -> bool:
        position = bisect.bisect_left(self.questions, start)
        if position == len(self.questions):
            return False  # not a question
        mark = self.questions[position]
        end = bisect.bisect_left(self.clause_ends, start)
        if end < len(self.clause_ends) and self.clause_ends[end] < mark:
            return False  # the hit is in a clause before the question
        verdict = self._verdicts.get(mark)
        if verdict is None:
            verdict = self._verdicts[mark] = self._unanswered(mark, following)
        return verdict

    def _unanswered(self, mark: int, following: str) -> bool:
        question_end = mark + 1
        answer, both = self.first_answer_end, self.first_both_options_end
        if (answer is not None and answer <= question_end) and not (
            both is not None and both <= question_end
        ):
            return False  # a checklist row that carries its answer: "Nee  Binnen de zone?"
        after = self.sentence[question_end : question_end + FOLLOWING_WINDOW]
        # a closing quote belongs to the question: "… 'Wat betekent dat voor ons?' De …"
        rest = (after + " " + following[:FOLLOWING_WINDOW]).lstrip(" \t\n|'\"’”»").rstrip()
        if not rest.strip("|:-–—. "):
            return True
        # the first piece of what follows: up to a cell bar, a question mark or a sentence end
        piece = re.split(r"\s\|\s|(?<=[?.!])\s", rest, maxsplit=1)[0].strip()
        if (
            _BOTH_OPTIONS_RE.match(piece)
            or piece.endswith("?")
            or _FILL_IN_RE.search(piece)
            or _UNTICKED_RE.match(piece)
            or _REFERENCE_ONLY_RE.match(piece)
            or deferred(piece)
            or _INVITATION_RE.search(piece)
            or _LOOK_IT_UP_RE.match(piece)
        ):
            return True
        _label, colon, answer_text = piece.partition(":")
        return bool(colon) and bool(_PLACEHOLDER_RE.match(answer_text.strip().rstrip(".")))

    def empty_cell(self, start: int) -> bool:
        sentence, bars = self.sentence, self.bars
        after = bisect.bisect_left(bars, start)
        cell_start = bars[after - 1] + 1 if after > 0 else 0
        cell_end = bars[after] if after < len(bars) else len(sentence)
        if cell_end - cell_start > CELL_MAX_CHARS:
            return False
        if cell_start == 0 and cell_end == len(sentence) and self.is_long_prose:
            return False  # a sentence of prose with a colon, not a row
        label, colon, answer = sentence[cell_start:cell_end].partition(":")
        if colon:
            in_row = cell_start > 0 or cell_end < len(sentence)
            # outside a row, "Label: n.t.b." needs a short label and a written placeholder
            # (a sentence ending in a colon introduces a list)
            return (
                start - cell_start < len(label)
                and (
                    in_row
                    or (len(WORD_RE.findall(label)) <= LABEL_MAX_WORDS and bool(answer.strip()))
                )
                and bool(_PLACEHOLDER_RE.match(answer.strip().rstrip(".")))
            )
        if cell_end == len(sentence):
            return False
        next_end = bars[after + 1] if after + 1 < len(bars) else len(sentence)
        following = sentence[cell_end + 1 : min(next_end, cell_end + 1 + CELL_MAX_CHARS)]
        return bool(_PLACEHOLDER_RE.match(following.strip().rstrip(".")))


def _placeholder_row(segment: str) -> bool:
    """A table or checklist row whose "Label: answer" cells all answer with a placeholder
    ("Mijnbouw: —", "Bodemkwaliteit: nog niet beoordeeld", "Grondwater: zie bijlage (volgt)")."""
    if not _TABLE_CELLS_RE.search(segment):
        return False
    answers = [
        cell.split(":", 1)[1].strip().rstrip(".")
        for cell in re.split(r"\t|\|", segment)
        if ":" in cell
    ]
    return bool(answers) and all(_PLACEHOLDER_RE.match(answer) for answer in answers)


def _char_before(text: str, index: int) -> tuple[str, int]:
    """The character before ``index`` past any white space, and its position ("", -1 at
    the start). Looks back only over the white space, never copies the text."""
    position = index - 1
    while position >= 0 and text[position] in " \t\n":
        position -= 1
    return (text[position], position) if position >= 0 else ("", -1)


_NAME_ARTICLES = ("Het", "Den", "De", "'t")
_LEADING_QUOTES = " \t\n\"'‘“(-"
_NAME_CONTEXT_STOPS = ".:;!?|•-–—\"'‘’“”([«"


def proper_name(sentence: str, start: int) -> bool:
    """Whether the capitalised word at ``start`` is part of a name ("Sportpark De Stuwwal",
    "camping Het Veen"): a capital article stands right before it inside the sentence (not
    as the sentence's own first word)."""
    if start == 0 or not sentence[start : start + 1].isupper():
        return False
    last, position = _char_before(sentence, start)
    if position == start - 1 or not last:
        return False  # no white space between the article and the word
    for article in _NAME_ARTICLES:
        begin = position - len(article) + 1
        if (
            begin >= 0
            and sentence.startswith(article, begin)
            and (begin == 0 or sentence[begin - 1].isspace())
        ):
            first = 0
            while first < begin and sentence[first] in _LEADING_QUOTES:
                first += 1
            return first < begin
    return False


def inflected_name(sentence: str, start: int, end: int) -> bool:
    """Whether ``sentence[start:end]``, matched as an inflected form of a lower-case term,
    is a capitalised word inside the sentence (a name: "bij Holten", "in Putten")."""
    word = sentence[start:end]
    if not (len(word) > 1 and word[0].isupper() and word[1:].isalpha() and word[1:].islower()):
        return False
    # a quoted capital is a designation ('Boringsvrije zone'), not a name
    last, _position = _char_before(sentence, start)
    return bool(last) and last not in _NAME_CONTEXT_STOPS


_STREET_ENDS = (
    "weg",
    "straat",
    "laan",
    "plein",
    "dijk",
    "kade",
    "pad",
    "singel",
    "steeg",
    "hof",
    "gracht",
    "dreef",
    "brug",
)
# A word longer than this around a hit is no street or name.
NAME_MAX_CHARS = 64
_NAME_WORD_RE = re.compile(r"\s+([A-ZÀ-Þ][a-zà-ÿ]+)")


def street_or_name(sentence: str, start: int, end: int) -> bool:
    """Whether the capitalised word holding ``sentence[start:end]`` is a street name
    (*Kolenmijnweg*, *Zoutstraat*) or the hit opens a name of several capitalised words
    inside a sentence (*Energiecoöperatie Aardwarmte Dinkelland*)."""
    word_start = start
    while (
        word_start > 0
        and start - word_start < NAME_MAX_CHARS
        and (sentence[word_start - 1].isalpha() or sentence[word_start - 1] == "-")
    ):
        word_start -= 1
    word_end = end
    while (
        word_end < len(sentence)
        and word_end - end < NAME_MAX_CHARS
        and sentence[word_end].isalpha()
    ):
        word_end += 1
    if start - word_start >= NAME_MAX_CHARS or word_end - end >= NAME_MAX_CHARS:
        return False  # a "word" this long is no name (and is not scanned per hit)
    word = sentence[word_start:word_end]
    if not word[:1].isupper() or not word[1:2].islower():
        return False
    lowered = word.lower()
    if any(lowered.endswith(tail) and len(lowered) >= len(tail) + 4 for tail in _STREET_ENDS):
        return True
    last, _position = _char_before(sentence, word_start)
    inside = bool(last) and last not in _NAME_CONTEXT_STOPS
    return inside and bool(_NAME_WORD_RE.match(sentence, word_end))


def past_only(sentence: str, start: int, end: int) -> bool:
    """Whether a museum or history word stands right before the hit or inside its word."""
    return SentenceRules(sentence).past_only(start, end)


@dataclass(frozen=True)
class _ListEntries:
    """The list entries of a sentence after a lead-in (``head``), with what the list rule
    asks of them: per entry its word count, the run of short entries it stands in and
    whether it names a kind of business (as running totals, to count them for any run)."""

    starts: list[int]  # sentence offsets
    ends: list[int]
    words: list[int]
    run_first: list[int]
    run_last: list[int]
    businesses_before: list[int]  # business entries among the entries before each index

    @classmethod
    def of(cls, sentence: str, head: int) -> _ListEntries:
        spans = [(head + s, head + e) for s, e in _entries(sentence[head:])]
        words = [len(WORD_RE.findall(sentence[s:e])) for s, e in spans]
        # a relative or subordinate clause ("…, die grondwater oppompen en …") is prose
        # cut at its "en", not an entry of a list
        short = [
            0 < count <= ENTRY_MAX_WORDS and not _CLAUSE_START_RE.match(sentence, s, e)
            for count, (s, e) in zip(words, spans, strict=True)
        ]
        count = len(spans)
        # the first and last may carry the lead-in and the closing words; "aardolie-"
        # of an elided pair is an entry of its own
        run_first = list(range(count))
        for index in range(1, count):
            if short[index - 1]:
                run_first[index] = run_first[index - 1]
        run_last = list(range(count))
        for index in range(count - 2, -1, -1):
            if short[index + 1]:
                run_last[index] = run_last[index + 1]
        businesses_before = [0]
        for s, e in spans:
            businesses_before.append(
                businesses_before[-1] + bool(_BUSINESS_ENTRY_RE.search(sentence[s:e]))
            )
        return cls(
            starts=[s for s, _ in spans],
            ends=[e for _, e in spans],
            words=words,
            run_first=run_first,
            run_last=run_last,
            businesses_before=businesses_before,
        )


class SentenceRules:
    """``listed_activity`` and ``past_only`` for the hits of one sentence.

    What depends on the sentence alone (its list entries, its words, the cue words it
    holds) is found once, on first use, and every hit asks with a ``bisect``: a sentence
    with thousands of hits is not scanned again for each of them. The answers are those
    of the rules as the module doc states them, hit by hit.
    """

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self._lists: dict[int, _ListEntries] = {}  # by the offset the list starts at

    @cached_property
    def _zoning_row(self) -> bool:
        return bool(_ZONING_ROW_RE.search(self.sentence)) and not self._chosen

    @cached_property
    def _ours(self) -> bool:
        # asked per hit by ``document_title``: searched once, not once per hit
        return bool(_OUR_CHOICE_RE.search(self.sentence))

    @cached_property
    def _zoning_category(self) -> bool:
        return bool(_ZONING_CATEGORY_RE.search(self.sentence))

    @cached_property
    def _chosen(self) -> bool:
        return bool(_FIRST_PERSON_RE.search(self.sentence))

    @cached_property
    def _list_tail(self) -> bool:
        return bool(_LIST_TAIL_RE.search(self.sentence))

    @cached_property
    def _not_allowed(self) -> bool:
        return bool(_NOT_ALLOWED_RE.search(self.sentence))

    @cached_property
    def _colons(self) -> list[int]:
        return [index for index, char in enumerate(self.sentence) if char == ":"]

    @cached_property
    def _lead_ends(self) -> list[int]:
        # The lead-in pattern looks at nothing beyond its match, so the matches ending by
        # a position are those a search stopping there finds.
        return [match.end() for match in _LIST_LEAD_RE.finditer(self.sentence)]

    @cached_property
    def _words(self) -> tuple[list[int], list[int], list[str]]:
        found = list(WORD_RE.finditer(self.sentence))
        return (
            [match.start() for match in found],
            [match.end() for match in found],
            [match.group() for match in found],
        )

    def listed_activity(self, start: int, end: int) -> bool:
        """Whether ``sentence[start:end]`` is one entry of a standard list."""
        if self._zoning_row:
            return True
        # a list often follows "... zijn:" or "..., zoals"
        colon = bisect.bisect_left(self._colons, start) - 1
        lead = bisect.bisect_right(self._lead_ends, start) - 1
        head = max(
            self._colons[colon] + 1 if colon >= 0 else 0,
            self._lead_ends[lead] if lead >= 0 else 0,
        )
        entries = self._lists.get(head)
        if entries is None:
            entries = self._lists[head] = _ListEntries.of(self.sentence, head)
        # the entry the hit starts in (or right after: "aardolie-" ends before its hyphen)
        position = bisect.bisect_right(entries.starts, start) - 1
        if position < 0 or start >= entries.ends[position] + 1:
            return False
        if entries.words[position] > ENTRY_MAX_WORDS:
            return False
        # the run of short entries around the hit
        first, last = entries.run_first[position], entries.run_last[position]
        # a rule naming a zoning category ("vanaf categorie 3.2") lists its activities
        # in fewer entries
        needed = LIST_MIN_ENTRIES - 1 if self._zoning_category else LIST_MIN_ENTRIES
        if last - first + 1 < needed:
            return False
        if self._list_tail:
            return True
        running = entries.businesses_before
        businesses = running[last + 1] - running[first]
        businesses -= running[position + 1] - running[position]  # not the hit's own entry
        return not self._chosen and (businesses >= 2 or self._not_allowed)

    def document_title(self, start: int, end: int) -> bool:
        """Whether the hit stands in the title of a dated document: a capitalised document
        noun at most four words before it (*Nota*, *Structuurvisie*, *Beleidsplan*) and a year
        at most four words after it, with no punctuation between (*Nota Archeologie 2011*)."""
        sentence = self.sentence
        if self._ours:
            return False  # "Volgens de Nota Geothermie 2015 boren wij …" is a choice of ours
        before = sentence[max(0, start - 80) : start]
        after = sentence[end : end + 60]
        if any(mark in before for mark in ",;:()") or any(mark in after[:30] for mark in ",;:("):
            return False
        words_before = before.split()[-TITLE_WINDOW_WORDS:]
        if not any(
            word[:1].isupper() and _DOCUMENT_NOUN_RE.search(word.strip(".'\"‘’“”"))
            for word in words_before
        ):
            return False
        words_after = after.split()[: TITLE_WINDOW_WORDS + 1]
        return any(_YEAR_RE.match(word) for word in words_after)

    def past_only(self, start: int, end: int) -> bool:
        """Whether a museum or history word stands right before the hit or inside its word."""
        sentence = self.sentence
        word_start = start
        while word_start > 0 and (
            sentence[word_start - 1].isalnum() or sentence[word_start - 1] == "-"
        ):
            word_start -= 1
        word_end = end
        while word_end < len(sentence) and (
            sentence[word_end].isalnum()
            or (  # "Steenkolenmijn-museum": the museum is part of the word
                sentence[word_end] == "-"
                and word_end + 1 < len(sentence)
                and sentence[word_end + 1].isalnum()
            )
        ):
            word_end += 1
        word = sentence[word_start:word_end].lower()
        if any(past in word for past in ("museum", "musea", "expositie", "tentoonstelling")):
            return True
        # "De oude kolenmijn is nu een museum": the hit is what became the museum
        if _BECAME_MUSEUM_RE.match(sentence, word_end, min(len(sentence), word_end + 80)):
            return True
        before = self._words_before(word_start, max(PAST_WINDOW_WORDS, MUSEUM_WINDOW_WORDS))
        if any(_PAST_RE.fullmatch(token) for token in before[-PAST_WINDOW_WORDS:]):
            return True
        return any(
            stem in token.lower()
            for token in before[-MUSEUM_WINDOW_WORDS:]
            for stem in _MUSEUM_STEMS
        )

    def _words_before(self, position: int, count: int) -> list[str]:
        """The last ``count`` words of ``sentence[:position]`` (as ``WORD_RE`` cuts that
        text: a word running on past ``position`` is cut there)."""
        if len(self.sentence) <= SHORT_SENTENCE:
            return WORD_RE.findall(self.sentence, 0, position)[-count:]
        starts, ends, words = self._words
        index = bisect.bisect_right(ends, position)
        before = words[max(index - count, 0) : index]
        if index < len(starts) and starts[index] < position:
            before.extend(WORD_RE.findall(self.sentence, starts[index], position))
        return before[-count:]


def table_row(segment: str) -> bool:
    """Whether a segment is a table or checklist row (no stance may come from it)."""
    text = segment.strip()
    words = len(WORD_RE.findall(text))
    if _TABLE_CELLS_RE.search(text):
        return True
    if _CHECKBOX_START_RE.match(text) and words <= ROW_MAX_WORDS:
        return True
    return text.endswith("?") and words <= QUESTION_MAX_WORDS
