"""Download the omgevingsvisies of municipalities from the DSO into a folder.

Per municipality: the listing of its regelingen (and with ``ontwerp`` its
ontwerpregelingen), page by page; every omgevingsvisie in it (``type.code``
``regelingtype_006``; other regelingen are left alone) is saved as ONE JSON file in the
DSO Presenteren API shape, which visiecheck's DSO reader takes as it is::

    {"regeling": {... the listing's metadata, plus bevoegdGezag, versie, ontwerp ...},
     "_embedded": {"documentComponenten": [... every page of the document tree ...]}}

Files are named ``<municipality>-<vastgesteld|ontwerp>[-<version>].json`` and written
atomically; a ``manifest.csv`` (``gemeente;bestand;versie;status``, UTF-8 with BOM, as
``batch`` reads it) lists every file of the folder, also those of earlier runs.

A file that is already there, complete and of the same regeling and version, is not
downloaded again (``skipped``), so a run that was interrupted is simply run again. One
municipality's failure (a 404, a server that stays down, an answer of another shape) is
a row of the result and the others go on; only a refused key stops the run at once,
since it would refuse every other request too.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode, urljoin

from ..errors import (
    DsoKeyError,
    DsoResponseError,
    ExitCode,
    OutputError,
    VisiecheckError,
)
from ..messages import Msg
from ..output import write_atomically
from .endpoints import (
    BEVOEGD_GEZAG_PARAMETER,
    COMPONENT_FIELDS,
    DOCUMENTSTRUCTUUR,
    LISTING_FIELD,
    OMGEVINGSVISIE_TYPE,
    ONTWERPREGELINGEN,
    PAGE_PARAMETER,
    PAGE_SIZE,
    REGELINGEN,
    SIZE_PARAMETER,
    same_origin,
    uri_id,
)
from .http import JsonClient
from .municipalities import Municipality

MANIFEST_NAME = "manifest.csv"
MANIFEST_HEADER = ("gemeente", "bestand", "versie", "status")
MAX_PAGES = 1000  # a loop in the API's next links ends here, not never

Outcome = Literal["fetched", "skipped", "no_visie", "failed"]
# progress(event, index, total, label): "start" and "done" per municipality
FetchProgress = Callable[[str, int, int, str], None]


@dataclass(frozen=True)
class FetchedVisie:
    """One row of a fetch: a visie saved or skipped, a municipality without one, or a
    failure (``error`` and ``error_code`` set)."""

    municipality: str
    code: str
    outcome: Outcome
    file: Path | None = None
    identification: str | None = None
    title: str | None = None
    version: str | None = None
    draft: bool = False
    components: int = 0  # nodes at the top of the document tree
    error: Msg | None = None
    error_code: int | None = None


@dataclass(frozen=True)
class FetchResult:
    """What a fetch did, per municipality and visie, and where the manifest is."""

    folder: Path
    manifest: Path | None
    rows: tuple[FetchedVisie, ...]
    requests: int = 0  # sent to the API, retries included

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def exit_code(self) -> ExitCode:
        """OK unless something failed: one failure kind for every row → its own code,
        a mix of failures and successes → PARTIAL_FAILURE. A municipality without a
        published visie is a fact, not a failure."""
        failed = [row for row in self.rows if row.outcome == "failed"]
        if not failed:
            return ExitCode.OK
        codes = {row.error_code for row in failed}
        if len(failed) == len(self.rows) and len(codes) == 1:
            return ExitCode(codes.pop() or ExitCode.INTERNAL_ERROR)
        return ExitCode.PARTIAL_FAILURE


@dataclass(frozen=True)
class _Listed:
    """One visie from a listing: its metadata and where its tree is."""

    entry: dict[str, Any]
    identification: str
    version: str | None
    draft: bool


def fetch_visies(
    municipalities: list[Municipality],
    folder: Path,
    client: JsonClient,
    base_url: str,
    *,
    drafts: bool = False,
    progress: FetchProgress | None = None,
    on_warning: Callable[[Msg], None] | None = None,
) -> FetchResult:
    """Fetch the visies of ``municipalities`` into ``folder`` (created if needed)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            Msg("output.cannot_write_here", reason=error.strerror or str(error)), path=folder
        ) from None
    rows: list[FetchedVisie] = []
    used_names: set[str] = set()
    total = len(municipalities)
    for index, municipality in enumerate(municipalities):
        if progress is not None:
            progress("start", index, total, municipality.label)
        try:
            found = _fetch_municipality(
                municipality, folder, client, base_url, drafts=drafts, used_names=used_names
            )
        except DsoKeyError:
            raise  # every other request would be refused too
        except VisiecheckError as error:
            found = [
                FetchedVisie(
                    municipality.label,
                    municipality.code,
                    "failed",
                    error=error.msg,
                    error_code=int(error.exit_code),
                )
            ]
        if found and found[0].outcome == "no_visie" and on_warning is not None:
            key = "fetch.no_visie_or_draft" if drafts else "fetch.no_visie"
            on_warning(Msg(key, municipality=found[0].municipality, code=municipality.code))
        rows.extend(found)
        if progress is not None:
            progress("done", index, total, municipality.label)
    manifest = _write_manifest(folder, rows)
    return FetchResult(folder, manifest, tuple(rows), client.requests)


def _fetch_municipality(
    municipality: Municipality,
    folder: Path,
    client: JsonClient,
    base_url: str,
    *,
    drafts: bool,
    used_names: set[str],
) -> list[FetchedVisie]:
    listed = _visies_listed(municipality, client, base_url, REGELINGEN)
    if drafts:
        listed += _visies_listed(municipality, client, base_url, ONTWERPREGELINGEN)
    name = municipality.name or _authority_name(listed) or municipality.code
    if not listed:
        return [FetchedVisie(name, municipality.code, "no_visie")]
    rows = []
    for visie in listed:
        file = folder / _file_name(name, visie, used_names)
        regeling = _regeling_metadata(visie, municipality, name)
        if _is_complete(file, regeling):
            outcome: Outcome = "skipped"
            components = len(json.loads(file.read_text("utf-8"))["_embedded"][COMPONENT_FIELDS[0]])
        else:
            tree = _document_tree(visie, client, base_url)
            document = {"regeling": regeling, "_embedded": {COMPONENT_FIELDS[0]: tree}}
            write_atomically(file, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
            outcome, components = "fetched", len(tree)
        rows.append(
            FetchedVisie(
                name,
                municipality.code,
                outcome,
                file=file,
                identification=visie.identification,
                title=_text(visie.entry.get("officieleTitel") or visie.entry.get("citeerTitel")),
                version=visie.version,
                draft=visie.draft,
                components=components,
            )
        )
    return rows


# --- the listing -------------------------------------------------------------------------


def _visies_listed(
    municipality: Municipality, client: JsonClient, base_url: str, listing: str
) -> list[_Listed]:
    what = Msg("fetch.what.listing", code=municipality.code)
    query = {BEVOEGD_GEZAG_PARAMETER: municipality.code, SIZE_PARAMETER: PAGE_SIZE}
    field_name = LISTING_FIELD[listing]
    visies: list[_Listed] = []
    for page in _pages(client, base_url, listing, query, what):
        entries = _listing_entries(page, field_name, what)
        for number, entry in enumerate(entries):
            where = f"_embedded.{field_name}[{number}]"
            if not isinstance(entry, dict):
                raise DsoResponseError(Msg("fetch.missing_field", what=what, field=where))
            if _required(entry, ("type", "code"), where, what) != OMGEVINGSVISIE_TYPE:
                continue
            identification = _required(entry, ("identificatie",), where, what)
            if listing == ONTWERPREGELINGEN:  # a draft's tree is found by its technical id
                identification = str(entry.get("technischId") or identification)
            visies.append(
                _Listed(entry, str(identification), _version(entry), listing == ONTWERPREGELINGEN)
            )
    return visies


def _listing_entries(page: dict[str, Any], field_name: str, what: Msg) -> list[Any]:
    embedded = page.get("_embedded")
    if embedded is None and _empty_page(page):
        return []  # HAL leaves _embedded out of an empty answer
    if not isinstance(embedded, dict) or not isinstance(embedded.get(field_name), list):
        missing = "_embedded" if not isinstance(embedded, dict) else f"_embedded.{field_name}"
        raise DsoResponseError(Msg("fetch.missing_field", what=what, field=missing))
    return list(embedded[field_name])


def _empty_page(page: dict[str, Any]) -> bool:
    info = page.get("page")
    return isinstance(info, dict) and info.get("totalElements") == 0


def _required(entry: dict[str, Any], path: tuple[str, ...], where: str, what: Msg) -> Any:
    value: Any = entry
    for part in path:
        if not isinstance(value, dict) or value.get(part) in (None, ""):
            field_name = ".".join((where, *path))
            raise DsoResponseError(Msg("fetch.missing_field", what=what, field=field_name))
        value = value[part]
    return value


def _version(entry: dict[str, Any]) -> str | None:
    registered = entry.get("geregistreerdMet")
    value = registered.get("versie") if isinstance(registered, dict) else None
    if value is None:
        value = entry.get("versie")
    return None if value is None else str(value)


def _authority_name(listed: list[_Listed]) -> str | None:
    for visie in listed:
        authority = visie.entry.get("aangeleverdDoorEen")
        if isinstance(authority, dict) and authority.get("naam"):
            # "gemeente Enschede" → "Enschede"
            return re.sub(r"^gemeente\s+", "", str(authority["naam"]), flags=re.I)
    return None


# --- the document tree ---------------------------------------------------------------------


def _document_tree(visie: _Listed, client: JsonClient, base_url: str) -> list[Any]:
    listing = ONTWERPREGELINGEN if visie.draft else REGELINGEN
    path = DOCUMENTSTRUCTUUR.format(listing=listing, uri_id=uri_id(visie.identification))
    what = Msg("fetch.what.tree", identification=visie.identification)
    components: list[Any] = []
    for page in _pages(client, base_url, path, {}, what):
        embedded = page.get("_embedded")
        if not isinstance(embedded, dict):
            raise DsoResponseError(Msg("fetch.missing_field", what=what, field="_embedded"))
        found = next((embedded[name] for name in COMPONENT_FIELDS if name in embedded), None)
        if not isinstance(found, list):
            field_name = f"_embedded.{COMPONENT_FIELDS[1 if visie.draft else 0]}"
            raise DsoResponseError(Msg("fetch.missing_field", what=what, field=field_name))
        components.extend(found)
    return components


# --- paging ----------------------------------------------------------------------------------


def _pages(
    client: JsonClient, base_url: str, path: str, query: dict[str, Any], what: Msg
) -> Iterator[dict[str, Any]]:
    """Every page of a paged answer: the HAL ``_links.next`` where the API gives one,
    else the next page number while ``page.totalPages`` says there is one."""
    number = 1
    url = urljoin(base_url, path)
    if query:
        url += "?" + urlencode(query)
    seen: set[str] = set()
    while True:
        if len(seen) >= MAX_PAGES:
            raise DsoResponseError(Msg("fetch.too_many_pages", what=what, limit=MAX_PAGES))
        seen.add(url)
        page = client.get(url, what)
        if not isinstance(page, dict):
            raise DsoResponseError(Msg("fetch.missing_field", what=what, field="_embedded"))
        yield page
        next_url = _next_link(page, url)
        if next_url is None:
            info = page.get("page")
            total = info.get("totalPages") if isinstance(info, dict) else None
            if not isinstance(total, int) or number >= total:
                return
            number += 1
            next_url = urljoin(base_url, path) + "?" + urlencode({**query, PAGE_PARAMETER: number})
        if not same_origin(next_url, base_url):
            raise DsoResponseError(Msg("fetch.foreign_link", url=next_url))
        if next_url in seen:
            return  # a next link back to a page already read: the end
        url = next_url


def _next_link(page: dict[str, Any], url: str) -> str | None:
    links = page.get("_links")
    link = links.get("next") if isinstance(links, dict) else None
    href = link.get("href") if isinstance(link, dict) else None
    return urljoin(url, href) if isinstance(href, str) and href else None


# --- files -------------------------------------------------------------------------------------


def slug(name: str) -> str:
    """``Hof van Twente`` → ``hof-van-twente``; ``'s-Gravenhage`` → ``s-gravenhage``."""
    folded = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(char for char in folded if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-") or "gemeente"


def _file_name(name: str, visie: _Listed, used: set[str]) -> str:
    parts = [slug(name), "ontwerp" if visie.draft else "vastgesteld"]
    if visie.version:
        parts.append(slug(visie.version))
    stem = "-".join(parts)
    candidate, number = stem, 1
    while candidate in used:  # two visies of one status and version: keep both
        number += 1
        candidate = f"{stem}-{number}"
    used.add(candidate)
    return candidate + ".json"


def _regeling_metadata(visie: _Listed, municipality: Municipality, name: str) -> dict[str, Any]:
    """The listing's own fields (without its links) plus the few a reader needs under
    one name whatever the API version calls them."""
    metadata = {key: value for key, value in visie.entry.items() if key != "_links"}
    registered = visie.entry.get("geregistreerdMet")
    registered = registered if isinstance(registered, dict) else {}
    authority = visie.entry.get("aangeleverdDoorEen")
    authority = authority if isinstance(authority, dict) else {}
    metadata.update(
        {
            "identificatie": str(visie.entry.get("identificatie") or visie.identification),
            "versie": visie.version,
            "geldigVanaf": registered.get("beginGeldigheid") or visie.entry.get("geldigVanaf"),
            "bevoegdGezag": {
                "code": str(authority.get("code") or municipality.code),
                "naam": name,
            },
            "ontwerp": visie.draft,
            "opgehaald": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    return metadata


def _is_complete(file: Path, regeling: dict[str, Any]) -> bool:
    """Whether ``file`` already holds this regeling and version, whole."""
    try:
        saved = json.loads(file.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(saved, dict):
        return False
    old = saved.get("regeling")
    embedded = saved.get("_embedded")
    return (
        isinstance(old, dict)
        and isinstance(embedded, dict)
        and isinstance(embedded.get(COMPONENT_FIELDS[0]), list)
        and old.get("identificatie") == regeling["identificatie"]
        and old.get("versie") == regeling["versie"]
        and old.get("ontwerp") == regeling["ontwerp"]
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


# --- the manifest ---------------------------------------------------------------------------


def _write_manifest(folder: Path, rows: list[FetchedVisie]) -> Path | None:
    """``manifest.csv`` beside the files: this run's visies, and those of earlier runs
    whose files are still there (a run for Almelo keeps Enschede's rows)."""
    manifest = folder / MANIFEST_NAME
    lines: dict[str, tuple[str, str, str, str]] = {}
    for row in _earlier_rows(manifest):
        if (folder / row[1]).is_file():
            lines[row[1]] = row
    for row in rows:
        if row.file is not None:
            status = "ontwerp" if row.draft else "vastgesteld"
            lines[row.file.name] = (row.municipality, row.file.name, row.version or "", status)
    if not lines:
        return None
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(MANIFEST_HEADER)
    for line in sorted(lines.values(), key=lambda line: (line[0].casefold(), line[1])):
        writer.writerow(line)
    # with a BOM: Dutch Excel then opens it as UTF-8 (batch reads it either way)
    write_atomically(manifest, "\ufeff" + buffer.getvalue())
    return manifest


def _earlier_rows(manifest: Path) -> list[tuple[str, str, str, str]]:
    """The rows of a manifest written by an earlier fetch (our header); else none."""
    try:
        text = manifest.read_text("utf-8-sig")
    except (OSError, ValueError):
        return []
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    if not rows or tuple(cell.strip().lower() for cell in rows[0]) != MANIFEST_HEADER:
        return []
    return [
        (row[0], row[1], row[2], row[3])
        for row in rows[1:]
        if len(row) == 4 and row[1] and "/" not in row[1] and "\\" not in row[1]
    ]
