"""STOP XML (the Dutch standard for official publications): the text of a regeling.

Reads a bare ``RegelingVrijetekst`` (the form of an omgevingsvisie; ``RegelingCompact``
and the other regeling forms alike) and an LVBB delivery (``AanleveringBesluit`` …
``BesluitCompact`` › ``WijzigBijlage`` › the regeling): of a delivery only the regeling
is read, never the besluit's own articles, preamble or closing, which are not the
visie. A download package (a ZIP) is read through the regeling text it holds
(``Regeling/Tekst.xml``, or any XML member whose root is a regeling or delivery).

The XML is parsed with ``defusedxml`` and no DTD is allowed: STOP files never declare
one, and a DTD is how an XML bomb (entities that expand a billion times) or an external
entity (reading a local file or a URL) gets in. Such a file, a damaged one, and XML that
is no STOP regeling are refused with a one-line message.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

from ..errors import CorruptPdfError, DocumentTooLargeError, NotAPdfError
from ..messages import Msg
from ..models import DocumentMetadata
from ._metadata import make_metadata
from ._structure import all_text, clean_line, local_name, read_tree
from ._types import RawPage

# The largest XML or JSON text visiecheck parses (a whole visie is a few MB; the NOVI,
# a long national visie, is 1.2 MB of JSON): far above any real one, far below what
# would exhaust a worker's memory once parsed into a tree.
MAX_STRUCTURED_BYTES = 64 * 1024 * 1024

REGELING_ROOTS = frozenset(
    {"RegelingVrijetekst", "RegelingCompact", "RegelingKlassiek", "RegelingTijdelijkdeel"}
)
_DELIVERY = re.compile(r"^(?:Aanlevering|Besluit)")
_DRAFT_PROCEDURE = "ontwerp"
_PACKAGE_TEXT = re.compile(r"(?:^|/)regeling/tekst\.xml$", re.IGNORECASE)
_ROOT_NAME = re.compile(
    rb"^(?:\xef\xbb\xbf)?(?:\s|<\?[^>]*\?>|<!--.*?-->)*<(?:!DOCTYPE\s+)?(?:[\w.-]+:)?([\w.-]+)",
    re.DOTALL,
)


def root_name(head: bytes) -> str | None:
    """The root element's local name from the first bytes of an XML file, or None."""
    match = _ROOT_NAME.match(head)
    return match.group(1).decode("ascii", errors="replace") if match else None


def is_stop_root(name: str | None) -> bool:
    return name is not None and (name in REGELING_ROOTS or bool(_DELIVERY.match(name)))


def parse_xml(data: bytes, path: str | Path, what: str = "stop") -> Element:
    """Parse XML safely: no DTD, no entities, no network; errors as one-line messages."""
    if len(data) > MAX_STRUCTURED_BYTES:
        raise too_large(len(data), what, path)
    try:
        return SafeElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise NotAPdfError(Msg("read.xml_dtd"), path=path) from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise CorruptPdfError(
            Msg("read.xml_damaged", line=line, column=column), path=path
        ) from None


def too_large(size: int, what: str, path: str | Path) -> DocumentTooLargeError:
    return DocumentTooLargeError(
        Msg(
            "read.structured_too_large",
            kind=Msg(f"format.{what}"),
            size=round(size / 1024 / 1024),
            limit=MAX_STRUCTURED_BYTES // 1024 // 1024,
        ),
        path=path,
    )


def _find(element: Element, name: str) -> Element | None:
    return next((node for node in element.iter() if local_name(node.tag) == name), None)


def _text_of(element: Element, *names: str) -> str | None:
    for name in names:
        node = _find(element, name)
        if node is not None and node.text and node.text.strip():
            return clean_line(node.text)
    return None


def _regeling(root: Element, path: str | Path) -> Element:
    name = local_name(root.tag)
    if name in REGELING_ROOTS:
        return root
    if _DELIVERY.match(name):
        for node in root.iter():
            if local_name(node.tag) in REGELING_ROOTS:
                return node
        raise NotAPdfError(Msg("read.unsupported.stop_without_regeling"), path=path)
    raise NotAPdfError(
        Msg("read.unsupported", what=Msg("read.unsupported.xml"), supported=Msg("read.supported")),
        path=path,
    )


def _metadata(root: Element, regeling: Element) -> DocumentMetadata:
    """Identification, title, version, authority, status and date of the regeling."""
    opschrift = _find(regeling, "RegelingOpschrift")
    title_in_text = all_text(opschrift) if opschrift is not None else None
    expression = regeling.get("wordt") or regeling.get("was")
    version_info = _find(root, "RegelingVersieInformatie") if root is not regeling else None
    info = version_info if version_info is not None else Element("none")
    work = _text_of(info, "FRBRWork")
    expression = _text_of(info, "FRBRExpression") or expression
    authority_uri = _text_of(info, "eindverantwoordelijke", "maker")
    procedure = _text_of(root, "soortProcedure") or ""
    return make_metadata(
        title=_text_of(info, "officieleTitel", "citeertitel") or title_in_text,
        work=work,
        expression=expression,
        version=_text_of(info, "versienummer"),
        draft=(_DRAFT_PROCEDURE in procedure.lower()) if procedure else None,
        authority=authority_uri.rstrip("/").rsplit("/", 1)[-1] if authority_uri else None,
        authority_name=None,
        date=_text_of(root, "juridischWerkendVanaf", "bekendOp") or _tijdstempel(root),
        document_type=_text_of(info, "soortRegeling"),
    )


def _tijdstempel(root: Element) -> str | None:
    """The date a ``Tijdstempel`` gives (``juridischWerkendVanaf`` in a delivery)."""
    for stamp in root.iter():
        if local_name(stamp.tag) == "Tijdstempel":
            date = _text_of(stamp, "datum")
            if date:
                return date
    return None


def read_xml(data: bytes, path: str | Path) -> tuple[list[RawPage], DocumentMetadata]:
    """A STOP regeling or delivery → its sections and what it says of itself."""
    root = parse_xml(data, path)
    regeling = _regeling(root, path)
    return read_tree(regeling, path), _metadata(root, regeling)


def package_member(archive: zipfile.ZipFile) -> str | None:
    """The member of a download package that holds the regeling text, or None."""
    names = [info for info in archive.infolist() if info.filename.lower().endswith(".xml")]
    for info in sorted(names, key=lambda info: not _PACKAGE_TEXT.search(info.filename)):
        try:
            with archive.open(info) as member:
                head = member.read(4096)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, ValueError):
            continue  # an encrypted or damaged member: look at the others
        if is_stop_root(root_name(head)):
            return info.filename
    return None


def read_package(data: bytes, path: str | Path) -> tuple[list[RawPage], DocumentMetadata]:
    """A ZIP download package → the regeling text it holds."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            name = package_member(archive)
            if name is None:
                raise NotAPdfError(Msg("read.unsupported.stop_without_regeling"), path=path)
            size = archive.getinfo(name).file_size
            if size > MAX_STRUCTURED_BYTES:
                raise too_large(size, "stop", path)
            with archive.open(name) as member:
                # read one byte more than allowed: a size in the directory can lie
                text = member.read(MAX_STRUCTURED_BYTES + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, ValueError):
        raise CorruptPdfError(Msg("read.package_damaged"), path=path) from None
    return read_xml(text, path)
