"""Themes by any name: ids, Dutch labels, English glosses, matrix codes and synonyms.

A coordinator types ``Geothermie``, ``bodemleven``, ``WKO`` or the ``GEO`` of the batch
matrix, not ``bodem_landbouw_natuur``. Every name below is accepted wherever a theme is
asked for (``--themes`` of check, batch and diff; ``explain FILE THEME``; ``lexicon show
THEME``; ``themes=`` of the Python API):

- the theme id (``bodem_landbouw_natuur``);
- the short code of the batch matrix (``LEV``; ``theme_codes`` makes them for both);
- the Dutch label as a whole (``Geothermie (aardwarmte)``), without its part in
  parentheses (``Geothermie``), and each of its parts: split at *en*, commas and
  parentheses, leaving out elided halves such as *-bescherming* (``bodemleven``,
  ``bodemvruchtbaarheid``, ``aardwarmte``, ``archeologie``);
- the English gloss the same way (``Soil life``, ``Groundwater``);
- the lexicon's own synonyms of a theme (``aliases:``, e.g. ``warmte-koudeopslag``).

Names are compared case-insensitively, without accents, with ``-``, ``_`` and ``/`` as
spaces. A derived name that fits two themes is accepted for neither: typing it gives an
error naming both. ``core`` and ``all`` (Dutch: ``kern``, ``alle``) stay keywords; they
may be combined with names (``core,drinkwater``). Unknown names get a did-you-mean over
all accepted names.

Nothing here names a command-line flag: an ``UnknownThemeError`` names the API field
(``themes`` or ``theme_id``) and the CLI renames it for the flag or argument it read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from .errors import UnknownThemeError
from .messages import Msg
from .models import Lexicon, Theme

# Short column headers of the batch matrix for the themes of the default lexicon; other
# themes get the first letters of their id. Three letters keep 11 themes within 100
# columns.
THEME_CODES = {
    "geothermie": "GEO",
    "bodemenergie": "BEN",
    "ondergrondse_opslag": "OPS",
    "grondwater": "GRW",
    "drinkwater": "DRW",
    "mijnbouw": "MIJ",
    "bodemdaling": "DAL",
    "bodemkwaliteit": "KWA",
    "ondergronds_ruimtegebruik": "RUI",
    "bodemarchief": "ARC",
    "bodem_landbouw_natuur": "LEV",
}
# The selection keywords, with their Dutch words (``lexicon list`` marks core themes "kern").
KEYWORDS = {"all": "all", "alle": "all", "core": "core", "kern": "core"}
_NOTE = re.compile(r"\s*\([^)]*\)")
_AND = re.compile(r"\s+(?:en|and)\s+", re.IGNORECASE)
_SEPARATORS = re.compile(r"[-_/\s]+")
# A did-you-mean needs at least this similarity (rapidfuzz ratio, 0-100).
SUGGEST_CUTOFF = 70.0
SUGGESTIONS = 3


def theme_codes(theme_ids: Sequence[str]) -> dict[str, str]:
    """A unique short code per theme id, in the order given (``GEO``, ``LEV``, …)."""
    codes: dict[str, str] = {}
    used: set[str] = set()
    for theme_id in theme_ids:
        code = THEME_CODES.get(theme_id) or theme_id.replace("_", "")[:3].upper()
        candidate, number = code, 2
        while candidate in used:
            candidate, number = f"{code[:2]}{number}", number + 1
        used.add(candidate)
        codes[theme_id] = candidate
    return codes


def normalise_name(name: str) -> str:
    """The form names are compared in: case-folded, no accents, ``-_/`` as spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", plain.casefold()).strip()


def label_parts(label: str, *, every_part: bool = True) -> list[str]:
    """The names a label gives its theme: the label, the label without its part in
    parentheses, each item in the parentheses, and its parts around *en*/*and*: all of
    them (``every_part``, the Dutch label: ``Bodemleven``, ``bodemvruchtbaarheid``) or
    the first only (the English gloss: ``Mining``, not the ``gas`` of *Mining and
    extraction of salt, gas and oil*). An elided half (``-bescherming``, ``energie-``)
    names nothing."""
    names = [label]
    without_note = _NOTE.sub("", label).strip()
    if without_note and without_note != label:
        names.append(without_note)
    for note in _NOTE.findall(label):
        names.extend(item.strip() for item in note.strip("() ").split(","))
    parts = [part.strip() for part in _AND.split(without_note)]
    names.extend(parts if every_part else parts[:1])
    return [name for name in names if name and not name.startswith("-") and not name.endswith("-")]


def derived_names(theme: Theme, code: str) -> list[str]:
    """The names a theme has without any ``aliases:``: id, code, labels and their parts."""
    return [
        theme.id,
        code,
        *label_parts(theme.label),
        *label_parts(theme.label_en, every_part=False),
    ]


def theme_names(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """Every accepted name (normalised) → the ids of the themes it fits, lexicon order."""
    codes = theme_codes(lexicon.theme_ids)
    found: dict[str, list[str]] = {}
    for theme in lexicon.themes:
        for name in (*derived_names(theme, codes[theme.id]), *theme.aliases):
            key = normalise_name(name)
            if not key or key in KEYWORDS:
                continue
            owners = found.setdefault(key, [])
            if theme.id not in owners:
                owners.append(theme.id)
    # a theme's own id always means that theme, whatever another theme's label says
    for theme in lexicon.themes:
        found[normalise_name(theme.id)] = [theme.id]
    return {key: tuple(owners) for key, owners in found.items()}


def _display_names(lexicon: Lexicon) -> dict[str, str]:
    """Normalised name → the name as the lexicon writes it (for suggestions)."""
    codes = theme_codes(lexicon.theme_ids)
    shown: dict[str, str] = {}
    for theme in lexicon.themes:
        for name in (*derived_names(theme, codes[theme.id]), *theme.aliases):
            shown.setdefault(normalise_name(name), name)
    return shown


def resolve_theme(lexicon: Lexicon, name: str, *, field: str = "theme_id") -> str:
    """The id of the one theme ``name`` stands for; ``UnknownThemeError`` (naming
    ``field``) with a did-you-mean when there is none or more than one."""
    owners = theme_names(lexicon).get(normalise_name(name), ())
    if len(owners) == 1:
        return owners[0]
    raise _unknown(lexicon, [name], field=field, selection=False, ambiguous=owners)


def select_themes(
    lexicon: Lexicon, spec: str | Iterable[str] | None, *, field: str = "themes"
) -> tuple[str, ...]:
    """The theme ids a selection names, in lexicon order.

    ``None``, ``all``: every theme; ``core``: the core themes; otherwise theme names (see
    the module) as a list or one comma-separated string. A comma inside parentheses is
    part of a label (``Ondergronds ruimtegebruik (kabels, leidingen, 3D-ordening)``).
    """
    if spec is None:
        return tuple(lexicon.theme_ids)
    items = split_selection(spec) if isinstance(spec, str) else [str(i).strip() for i in spec]
    items = [item for item in items if item]
    if not items:
        raise UnknownThemeError(field, [], message=Msg("themes.none_given"))
    names = theme_names(lexicon)
    wanted: set[str] = set()
    unknown: list[str] = []
    for item in items:
        key = normalise_name(item)
        if KEYWORDS.get(key) == "all":
            wanted.update(lexicon.theme_ids)
        elif KEYWORDS.get(key) == "core":
            core = [theme.id for theme in lexicon.themes if theme.core]
            if not core:
                raise UnknownThemeError(
                    field, [item], message=Msg("themes.no_core", lexicon=lexicon.name)
                )
            wanted.update(core)
        elif len(names.get(key, ())) == 1:
            wanted.add(names[key][0])
        else:
            unknown.append(item)
    if unknown:
        first = names.get(normalise_name(unknown[0]), ())
        raise _unknown(lexicon, unknown, field=field, selection=True, ambiguous=first)
    # lexicon order whatever order the user typed
    return tuple(theme_id for theme_id in lexicon.theme_ids if theme_id in wanted)


def split_selection(spec: str) -> list[str]:
    """``"geothermie, Ondergronds ruimtegebruik (kabels, leidingen)"`` → two names: a
    comma splits only outside parentheses."""
    items: list[str] = []
    depth, current = 0, []
    for char in spec:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        if char == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return items


def suggest(lexicon: Lexicon, name: str, limit: int = SUGGESTIONS) -> list[str]:
    """Accepted names close to ``name``, best first, one per theme: ``grondwatr`` →
    ``grondwater``; ``bodemlevn`` → ``bodemleven (bodem_landbouw_natuur)``."""
    from rapidfuzz import fuzz, process

    names = theme_names(lexicon)
    shown = _display_names(lexicon)
    candidates = [key for key, owners in names.items() if len(owners) == 1]
    query = normalise_name(name)
    if not query:
        return []
    matches = process.extract(
        query, candidates, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF, limit=None
    )
    # best score first; on a tie the name that is itself an id, then the shorter one
    matches.sort(key=lambda match: (-match[1], names[match[0]][0] != match[0], len(match[0])))
    suggestions: list[str] = []
    themes_seen: set[str] = set()
    for key, _score, _index in matches:
        theme_id = names[key][0]
        if theme_id in themes_seen:
            continue
        themes_seen.add(theme_id)
        display = shown.get(key, key)
        suggestions.append(display if key == theme_id else f"{display} ({theme_id})")
        if len(suggestions) == limit:
            break
    return suggestions


def _unknown(
    lexicon: Lexicon,
    unknown: Sequence[str],
    *,
    field: str,
    selection: bool,
    ambiguous: Sequence[str],
) -> UnknownThemeError:
    if ambiguous:
        message = Msg("themes.ambiguous", theme=unknown[0], owners=", ".join(ambiguous))
        return UnknownThemeError(field, list(unknown), message=message)
    described: list[Msg] = []
    for name in unknown:  # each typo with its own suggestion
        hints = suggest(lexicon, name)
        if hints:
            described.append(
                Msg(
                    "themes.did_you_mean",
                    name=name,
                    suggestions=_chain([Msg("text", text=hint) for hint in hints], "join.or"),
                )
            )
        else:
            described.append(Msg("themes.name", name=name))
    message = Msg(
        "themes.unknown" if len(unknown) == 1 else "themes.unknown_many",
        names=_chain(described, "join.comma"),
        choices=Msg("themes.choices_selection" if selection else "themes.choices"),
        ids=", ".join(lexicon.theme_ids),
    )
    return UnknownThemeError(field, list(unknown), message=message)


def _chain(parts: Sequence[Msg], joiner: str) -> Msg:
    """``a, b, c`` (or ``a or b``) as one message: a parameter holds one value."""
    joined = parts[-1]
    for part in reversed(parts[:-1]):
        joined = Msg(joiner, first=part, rest=joined)
    return joined
