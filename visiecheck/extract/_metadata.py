"""What a STOP or DSO document says of itself, normalised into ``DocumentMetadata``."""

from __future__ import annotations

import re

from ..models import DocumentMetadata
from ..names import municipality_of_code, recognise

_EXPRESSION = re.compile(
    r"^(?P<work>/akn/[^@]+?)/(?:[a-z]{3})@(?P<date>[^;]*)(?:;(?P<version>.+))?$"
)
_AUTHORITY_IN_AKN = re.compile(r"^/akn/nl/(?:act|bill)/(?P<code>[^/]+)/")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")

# The authorities that publish a visie and are no municipality, by the code STOP uses
# (CBS province codes; ``mnre…`` for a ministry, whose visie is the Rijk's): their name
# stands where a report names the municipality, rather than a cleaned-up file name.
_PROVINCES = {
    "pv20": "Provincie Groningen",
    "pv21": "Provincie Fryslân",
    "pv22": "Provincie Drenthe",
    "pv23": "Provincie Overijssel",
    "pv24": "Provincie Flevoland",
    "pv25": "Provincie Gelderland",
    "pv26": "Provincie Utrecht",
    "pv27": "Provincie Noord-Holland",
    "pv28": "Provincie Zuid-Holland",
    "pv29": "Provincie Zeeland",
    "pv30": "Provincie Noord-Brabant",
    "pv31": "Provincie Limburg",
}


def authority_display_name(authority: str | None) -> str | None:
    """``Provincie Zuid-Holland`` for ``pv28``, ``Rijk`` for a ministry (``mnre1034``),
    ``Enschede`` for ``gm0153`` when the package's CBS table holds it; None otherwise."""
    if not authority:
        return None
    code = authority.lower()
    if code.startswith("gm"):
        return municipality_of_code(code)
    if code.startswith("mnre"):
        return "Rijk"
    return _PROVINCES.get(code)


def make_metadata(
    *,
    title: str | None,
    work: str | None,
    expression: str | None,
    version: str | None,
    draft: bool | None,
    authority: str | None,
    authority_name: str | None,
    date: str | None,
    document_type: str | None,
) -> DocumentMetadata:
    """Fill the gaps from the AKN expression id (``/akn/nl/act/gm0153/2024/visie/nld@2024-05-01;2``:
    work, date and version) and recognise the municipality.

    The municipality is taken from the authority's name, or, for a municipality
    (``gm…``) or an unknown authority, from the title: a province or ministry
    (``pv28``, ``mnre1034``) is no municipality, whatever its title names.
    """
    parsed = _EXPRESSION.match(expression or "")
    if parsed:
        work = work or parsed.group("work")
        version = version or parsed.group("version")
        date = date or parsed.group("date") or None
    if authority is None and work:
        found = _AUTHORITY_IN_AKN.match(work)
        authority = found.group("code") if found else None
    authority_name = authority_name or authority_display_name(authority)
    municipality = recognise(authority_name) if authority_name else None
    if municipality is None and title and (authority is None or authority.startswith("gm")):
        municipality = recognise(title)
    if date and _DATE.match(date):
        date = date[:10]
    status = None if draft is None else ("ontwerp" if draft else "vastgesteld")
    return DocumentMetadata(
        title=title or None,
        identification=work or None,
        version=version or None,
        status=status,
        authority=authority or None,
        authority_name=authority_name or None,
        municipality=municipality,
        date=date or None,
        document_type=document_type or None,
    )
