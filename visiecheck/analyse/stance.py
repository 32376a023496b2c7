"""How a sentence treats its theme: ambition, condition, exclusion or background (pure).

A theme is *covered* by a sentence whatever its stance: "Wij willen geen
schaliegaswinning" still covers mijnbouw, with stance ``exclusion``. Stance only says
what the municipality does with the theme.

The classifier is a small set of Dutch cue rules on the lowercased sentence (regular
expressions; no model, so a verdict can always be explained by the cue that fired):

- **exclusion** — the municipality rules something out: *geen ruimte voor*, *niet
  toegestaan*, *staan niet toe*, *sluiten uit*, *wijzen af*, *schaliegasvrij*,
  *ongewenst*, *verbieden*, *onaanvaardbaar*, *nee tegen*, and a choice verb negated
  (*wij willen geen*, *we kiezen er niet voor*). A bare *geen* is not enough: "er is nog
  geen bodemkwaliteitskaart" is a description.
- **condition** — allowed only under conditions: *mits*, *onder voorwaarden*, *op
  voorwaarde dat*, *alleen/uitsluitend als/wanneer/indien*, *tenzij*, *toegestaan
  als*, *bespreekbaar*.
- **ambition** — a choice or intention: *we gaan*, *wij zetten in op*, *we
  stimuleren*, *we willen*, *wij kiezen voor*, *we streven naar*, *wij maken ruimte
  voor*; generic verbs (*ontwikkelen*, *benutten*, *beschermen*) only with a
  first-person subject (*we*, *wij*, *de gemeente*) so that "de provincie ontwikkelt"
  or "het water wordt benut" stay background.
- **background** — none of the above: a description without a choice.

Precedence when several cues occur: exclusion > condition > ambition > background. The
strongest restriction is what binds a permit decision, and a condition or exclusion is
nearly always stated inside a sentence that also carries an ambition verb ("wij willen
bodemenergie alleen toestaan als…"). One exception: an exclusion immediately qualified
by an escape (*niet toegestaan, tenzij…*, the Dutch "nee, tenzij") is a condition,
unless the escape is itself denied (*ook niet onder voorwaarden*).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Stance

# Highest first: the order in which cues win within one sentence, and the tie-break of
# ``dominant_stance``.
PRECEDENCE: tuple[Stance, ...] = (
    Stance.EXCLUSION,
    Stance.CONDITION,
    Stance.AMBITION,
    Stance.BACKGROUND,
)

# A first-person (or municipal) subject: "we", "wij", "ons", "onze", "de gemeente",
# "het college", "de raad". Generic choice verbs count only in such a sentence.
_SUBJECT = r"\b(?:we|wij|ons|onze|gemeente|college|raad)\b"
_W = r"(?:\s+[\w'’\-]+){0,%d}"  # up to n intervening words


def _words(n: int) -> str:
    return _W % n


_EXCLUSION_CUES: tuple[str, ...] = (
    r"\bgeen\s+(?:\w+\s+)?(?:ruimte|plaats|plek|medewerking|toestemming|vergunning(?:en)?)\b"
    r"(?!\s+(?:meer\s+)?(?:beschikbaar|over|is|zijn))",
    r"\bniet\s+(?:langer\s+|meer\s+)?(?:toegestaan|toelaatbaar|toegelaten|gewenst|wenselijk|"
    r"aanvaardbaar|acceptabel|vergund)\b",
    r"\bontoelaatbaar\b",
    r"\bgeen\s+(?:[\w\-]+\s+){0,5}?(?:toegestaan|toegelaten|vergund)\b",
    r"\bniet\s+toe(?:\s+te)?\s*staan\b",
    rf"\bsta(?:an|at)\b{_words(8)}\s+(?:niet|geen\b{_words(6)})\s*(?:meer\s+)?\btoe\b",
    rf"\b(?:sluiten|sluit)\b{_words(8)}\s+uit\b",
    r"\buitgesloten\b",
    r"\buit\s+te\s+sluiten\b",
    rf"\b(?:wijzen|wijst)\b{_words(8)}\s+af\b",
    r"\baf\s+te\s+wijzen\b",
    r"\bafwijzen\b",
    r"\bafwijzend\b",
    # not "aardgasvrij": gas-free districts are an energy-transition ambition
    r"\b(?:schaliegas|gaswinnings?|mijnbouw|boor)vrij\w*\b",
    r"\bongewenst\w*\b",
    r"\bonwenselijk\w*\b",
    r"\bverbie(?:den|dt)\b",
    r"\bverboden\b",
    r"\bverbod\b",
    r"\bonaanvaardbaar\b",
    r"\bnee\s+tegen\b",
    r"\bnee\b(?![\s,]*tenzij)",
    r"\b(?:zijn|is)\s+(?:wij|we)?\s*(?:fel\s+|mordicus\s+|principieel\s+)?tegen\b",
    r"\bverzetten\s+(?:wij|we|ons)\b",
    r"\bkeren\s+(?:wij|we)\s+ons\s+tegen\b",
    r"\btegenstander\w*\b",
    r"\bweren\b",
    r"\bniet\s+(?:aan\s+)?mee\s*werken\b",
    r"\bwerken\s+(?:wij|we)\s+niet\s+mee\b",
    r"\bgeen\s+(?:nieuwe\s+)?(?:\w+)?(?:winning|boringen|boring|mijnbouw|opslag)\b"
    r"(?=[^.]*\b(?:toe|toestaan|toegestaan|willen|wensen|accepteren|meer)\b)",
)

# An escape right after an exclusion turns "nee" into "nee, tenzij": a condition.
_ESCAPE = r"(?:tenzij|behalve\s+(?:als|wanneer|indien|waar)|uitgezonderd|met\s+uitzondering)"
_ESCAPE_DENIED = r"\book\s+niet\s+(?:onder|als|wanneer|met|mits)\b"

_CONDITION_CUES: tuple[str, ...] = (
    r"\bmits\b",
    r"\btenzij\b",
    r"\bonder\s+(?:\w+\s+){0,2}voorwaarden?\b",
    r"\bop\s+voorwaarde\b",
    r"\bvoorwaarden?\s+(?:aan|voor|waaronder|verbinden|stellen|gesteld|gelden)\b",
    r"\b(?:stellen|stelt|verbinden|verbindt)\b[^.]*\bvoorwaarden\b",
    r"\b(?:randvoorwaarden?|voorwaardelijk)\b",
    # "\b" before the lookbehind: same position, same meaning, but the combined pattern
    # then rejects the positions inside a word without running the lookbehind
    r"\b(?<!niet )(?:alleen|uitsluitend|enkel|slechts)\s+(?:\w+\s+){0,5}?"
    r"(?:als|wanneer|indien|waar|zolang|voor\s+zover|na|met|onder)\b",
    r"\b(?<!niet )(?:alleen|uitsluitend|enkel)\s+(?:[\w\-]+\s+){0,10}?"
    r"(?:toe|toegestaan|toelaatbaar|mogelijk|aanvaardbaar|vergund|bespreekbaar)\b",
    # not a bare "toe": "neemt toe wanneer" is the verb toenemen, not a permission
    r"\btoe(?:gestaan|laatbaar|gelaten)\s+(?:\w+\s+){0,3}?(?:als|wanneer|indien|mits|zolang)\b",
    r"\bsta(?:an|at)\b(?:\s+[\w\-]+){0,8}?\s+toe\s+(?:\w+\s+){0,3}?"
    r"(?:als|wanneer|indien|mits|zolang)\b",
    # a requirement before an activity: "voor boringen is vooraf onderzoek nodig"
    r"\b(?:voor|bij)\b[^.;]*(?:onderzoek|vergunning|melding|toestemming|ontheffing|"
    r"advies|toets)\w*\s+(?:\w+\s+){0,2}?(?:nodig|vereist|verplicht)\b",
    r"\b(?:is|zijn|wordt|worden)\s+(?:\w+\s+)?(?:bespreekbaar|mogelijk\s+(?:als|wanneer|indien|mits))\b",
    r"\bbespreekbaar\b",
    r"\bvoor\s+zover\b",
    r"\bvoorbehoud\b",
    r"\bindien\b",
    r"\bmet\s+inachtneming\s+van\b",
    r"\bzolang\b",
    r"\bnee\s*,?\s*tenzij\b",
)

# Strong ambition cues: a choice whatever the subject (they are rarely descriptive).
_AMBITION_STRONG: tuple[str, ...] = (
    r"\b(?:zetten|zet)\b\s+(?:\w+\s+){0,6}?in\s+op\b",
    r"\bin\s+te\s+zetten\s+op\b",
    r"\binzetten\s+op\b",
    r"\bstimuleren\b",
    r"\bstimuleert\b",
    r"\bstreven\b",
    r"\bstreeft\b",
    r"\bkiezen\s+(?:\w+\s+){0,3}?voor\b",
    r"\bkiest\s+(?:\w+\s+){0,3}?voor\b",
    r"\bkeuze\s+voor\b",
    r"\bambitie\w*\b",
    r"\bambiëren\b",
    r"\bmaken\s+(?:\w+\s+){0,3}?ruimte\s+(?:voor|om)\b",
    r"\bbieden\s+(?:\w+\s+){0,3}?ruimte\s+(?:voor|aan|om)\b",
    r"\bgeven\s+(?:\w+\s+){0,3}?ruimte\s+(?:voor|aan|om)\b",
    r"\bruimte\s+(?:bieden|geven|maken)\b",
    r"\bbevorderen\b",
    r"\bfaciliteren\b",
    r"\b(?:ons|onze)\s+(?:doel|inzet|opgave|ambitie)\b",
    r"\bhet\s+doel\s+is\b",
    r"\b(?:willen|wil)\s+(?:wij|we|de gemeente)\b",
    r"\b(?:wij|we)\s+(?:\w+\s+){0,3}?(?:willen|gaan|zullen)\b",
    r"\bgaan\s+(?:wij|we)\b",
    r"\bzullen\s+(?:wij|we)\b",
    r"\bnemen\s+(?:wij|we)\s+(?:het\s+)?initiatief\b",
    r"\bprioriteit\b",
    r"\bvoorkeur\b",
    r"\bvoorop\b",
    r"\bkansen\s+(?:benutten|pakken|grijpen)\b",
)

# Generic verbs of action: a choice only with a first-person or municipal subject.
_AMBITION_VERBS = (
    r"\b(?:ontwikkelen|benutten|beschermen|behouden|versterken|verbeteren|onderzoeken|"
    r"verkennen|ondersteunen|zorgen|werken|bevorderen|beperken|voorkomen|verminderen|"
    r"borgen|opnemen|vastleggen|nemen|stellen|brengen|investeren|realiseren|aanleggen|"
    r"houden|maken|gebruiken|inzetten|uitwerken|starten|beginnen|stoppen|blijven|"
    r"leggen|geven|bieden|vragen|verwachten|gaan|moeten|dienen|zullen|wensen|"
    r"hanteren|reserveren|aanwijzen|benoemen|regelen|sturen|toepassen|promoten|"
    r"omarmen|koesteren|herstellen|vergroten|verduurzamen|onderzoekt|beschermt|"
    r"ontwikkelt|benut|zorgt|werkt|wil|gaat|moet|zal|neemt|houdt|maakt)\b"
)

# A choice verb directly negated ("wij willen geen", "we kiezen er niet voor"): exclusion.
_NEGATED_CHOICE = re.compile(
    r"\b(?:willen|wil|kiezen|kiest|wensen|wenst|accepteren|accepteert|gaan|"
    r"stimuleren|steunen|werken)\s+(?:(?:wij|we|de\s+gemeente|er|daar|het)\s+){0,2}"
    r"(?:geen|niet)\b(?!\s+(?:alleen|enkel|zonder|eerder|later|meer\s+dan|minder|"
    r"zomaar|uitsluitend))"
)


@dataclass(frozen=True)
class StanceCue:
    """Why a sentence got its stance: the class and the text of the cue that fired."""

    stance: Stance
    cue: str  # the matched text, lowercased ("" for background)
    start: int  # position in the lowercased, whitespace-normalised sentence (-1: none)


def _compile(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


def _combine(patterns: Sequence[str]) -> re.Pattern[str]:
    """One alternation of ``patterns`` whose search finds exactly what ``_first`` finds.

    An alternation tries its branches in order at each position, left to right, so its
    first match is at the leftmost position where any cue matches, made by the earliest
    cue that matches there: the leftmost match with the first cue winning a tie, as
    ``_first`` picks it. One search instead of one per cue is about ten times faster,
    and stance is the largest per-sentence cost of a batch.
    """
    for pattern in patterns:
        compiled = re.compile(pattern)
        # A capturing group would be renumbered in the alternation (breaking any
        # backreference) and an inline global flag such as "(?i)" would apply to every
        # cue: a cue may have neither, so the combination stays equivalent.
        if compiled.groups or compiled.flags != re.UNICODE:
            raise ValueError(f"stance cue has a capturing group or inline flag: {pattern!r}")
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


# Per cue: the reference the combined patterns are tested against.
_EXCLUSION = _compile(_EXCLUSION_CUES)
_CONDITION = _compile(_CONDITION_CUES)
_AMBITION = _compile(_AMBITION_STRONG)
_EXCLUSION_RE = _combine((*_EXCLUSION_CUES, _NEGATED_CHOICE.pattern))
_CONDITION_RE = _combine(_CONDITION_CUES)
_AMBITION_RE = _combine(_AMBITION_STRONG)
_AMBITION_VERB_RE = re.compile(_AMBITION_VERBS)
_SUBJECT_RE = re.compile(_SUBJECT)
_ESCAPE_RE = re.compile(_ESCAPE)
_ESCAPE_DENIED_RE = re.compile(_ESCAPE_DENIED)
_SPACE_RE = re.compile(r"\s+")
# Parts that are not statements of the municipality: quoted titles of other documents.
_BRACKETS_RE = re.compile(r"\([^)]*\)")


def normalise_sentence(sentence: str) -> str:
    """Lowercase, typographic apostrophes made plain, whitespace collapsed."""
    text = sentence.replace("’", "'").replace("\u00ad", "")
    return _SPACE_RE.sub(" ", text.lower()).strip()


def _first(patterns: Sequence[re.Pattern[str]], text: str) -> re.Match[str] | None:
    """The leftmost match of any pattern, the earliest pattern on a tie (the reference)."""
    found = [match for pattern in patterns if (match := pattern.search(text))]
    return min(found, key=lambda match: match.start()) if found else None


def _exclusion(text: str) -> re.Match[str] | None:
    return _EXCLUSION_RE.search(text)


def _escaped(text: str, exclusion: re.Match[str]) -> bool:
    """``niet toegestaan, tenzij …``: an escape after the exclusion, not itself denied."""
    rest = text[exclusion.end() :]
    escape = _ESCAPE_RE.search(rest)
    return escape is not None and not _ESCAPE_DENIED_RE.search(rest)


def _ambition(text: str) -> re.Match[str] | None:
    strong = _AMBITION_RE.search(text)
    if strong is not None:
        return strong
    if _SUBJECT_RE.search(text):
        return _AMBITION_VERB_RE.search(text)
    return None


def explain_stance(sentence: str) -> StanceCue:
    """The stance of ``sentence`` with the cue that decided it (see the module doc)."""
    text = _BRACKETS_RE.sub(" ", normalise_sentence(sentence))
    exclusion = _exclusion(text)
    condition = _CONDITION_RE.search(text)
    if exclusion is not None and not (condition is not None and _escaped(text, exclusion)):
        return StanceCue(Stance.EXCLUSION, exclusion.group(0), exclusion.start())
    if condition is not None:
        return StanceCue(Stance.CONDITION, condition.group(0), condition.start())
    ambition = _ambition(text)
    if ambition is not None:
        return StanceCue(Stance.AMBITION, ambition.group(0), ambition.start())
    return StanceCue(Stance.BACKGROUND, "", -1)


def classify_stance(sentence: str) -> Stance:
    """``"Wij willen geen schaliegaswinning."`` → ``Stance.EXCLUSION``."""
    return explain_stance(sentence).stance


def dominant_stance(stances: Sequence[Stance]) -> Stance:
    """The stance of a theme from the stances of its distinct sentences.

    Background only when no sentence makes a choice: descriptions outnumber choices
    in every visie, so a plain majority would almost always say "background". Among
    the choices the most frequent wins, so one "niet in het waterwingebied" does not
    turn a theme the visie stimulates into "uitgesloten"; a tie goes to the stronger
    restriction (exclusion > condition > ambition), which is what binds a decision.
    Pass one stance per distinct sentence; an empty sequence is background.
    """
    choices = Counter(stance for stance in stances if stance is not Stance.BACKGROUND)
    if not choices:
        return Stance.BACKGROUND
    return max(choices, key=lambda stance: (choices[stance], -PRECEDENCE.index(stance)))
