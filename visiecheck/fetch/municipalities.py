"""Which municipalities to fetch: CBS codes, names and the region ``twente``.

The DSO knows a municipality by its CBS code in lower case (``gm0153``, the bevoegd
gezag). A name is recognised against the 342 municipalities of ``visiecheck.names``
(ignoring case, accents and dashes: ``hof-van-twente``) and turned into its code with
the small table ``data/cbs_gemeentecodes.csv`` (the 14 Twente municipalities and the
four largest cities; its header says where the codes come from). Any other
municipality is fetched by its code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import UsageError
from ..messages import Msg
from ..names import cbs_codes, municipality_of_code, recognise

# The 14 municipalities of Twente (Regio Twente), in alphabetical order.
TWENTE = (
    "Almelo",
    "Borne",
    "Dinkelland",
    "Enschede",
    "Haaksbergen",
    "Hellendoorn",
    "Hengelo",
    "Hof van Twente",
    "Losser",
    "Oldenzaal",
    "Rijssen-Holten",
    "Tubbergen",
    "Twenterand",
    "Wierden",
)
REGIONS = {"twente": TWENTE}

_CODE_RE = re.compile(r"^gm(\d{4})$", re.I)


@dataclass(frozen=True)
class Municipality:
    """A municipality to fetch: its CBS code and, when known, its name."""

    code: str  # gm0153
    name: str | None  # Enschede; None for a code not in the table (the API gives it)

    @property
    def label(self) -> str:
        return self.name or self.code


def resolve(selection: list[str] | tuple[str, ...]) -> list[Municipality]:
    """The municipalities of the user's words, each once, in the order given."""
    if not [word for word in selection if word.strip()]:
        raise UsageError(Msg("fetch.no_municipalities"))
    found: dict[str, Municipality] = {}
    for word in selection:
        text = word.strip()
        if not text:
            continue
        for municipality in _resolve_one(text):
            found.setdefault(municipality.code, municipality)
    return list(found.values())


def _resolve_one(text: str) -> list[Municipality]:
    region = REGIONS.get(text.casefold())
    if region is not None:
        return [Municipality(cbs_codes()[name], name) for name in region]
    match = _CODE_RE.match(text)
    if match:
        code = f"gm{match.group(1)}"
        return [Municipality(code, municipality_of_code(code))]
    name = recognise(text)
    if name is None:
        raise UsageError(Msg("fetch.unknown_municipality", value=text))
    code = cbs_codes().get(name)
    if code is None:
        raise UsageError(Msg("fetch.no_code", name=name))
    return [Municipality(code, name)]
