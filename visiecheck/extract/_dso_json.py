"""DSO Presenteren API JSON: the document tree of a regeling as the Omgevingsloket serves it.

The envelope is ``{"_embedded": {"documentComponenten": [...]}}`` (a draft:
``ontwerpDocumentComponenten``); each node has a ``type`` (``LICHAAM``, ``DIVISIE``,
``DIVISIETEKST``, ``BIJLAGE``, ``BEGRIP``, …), a heading (``label``/``nummer``/
``opschrift``, or in v7/v8 a ``kop`` STOP XML fragment), its text in ``inhoud`` and its
children in ``_embedded``. ``inhoud`` is HTML of ``<div class="od-Al">``-style
divisions in v5/v6 and a STOP XML fragment (``<Inhoud xmlns="…/imop/tekst/">``) in
v7/v8: the HTML is turned into the same element tree as STOP XML (``od-Al`` → ``Al``),
so both are read by one walker (``_structure``) and give the same sections.

A file saved by ``visiecheck fetch`` also has a top-level ``"regeling"`` object (the
API's listing entry: ``identificatie``, ``officieleTitel``/``citeerTitel``, ``versie``/
``geldigVanaf``, ``type.code``, ``aangeleverdDoorEen``/``bevoegdGezag`` with ``code``
and ``naam``, and whether it is an ontwerp): the document's metadata come from there.

JSON that parses but has no document tree is refused as "not a DSO document"; a
truncated file as damaged. Nodes that are ``gereserveerd`` or ``vervallen`` are skipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, SubElement

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4 import Comment as BsComment

from ..errors import CorruptPdfError, NotAPdfError
from ..messages import Msg
from ..models import DocumentMetadata, SectionKind
from ._formats import decode_text
from ._metadata import make_metadata
from ._stop import MAX_STRUCTURED_BYTES, parse_xml, too_large
from ._structure import (
    MAX_DEPTH,
    StructureBuilder,
    TreeReader,
    clean_line,
    kop_text,
    local_name,
    too_deep,
)
from ._types import RawPage

_CHILDREN = ("documentComponenten", "ontwerpDocumentComponenten")
_ANNEX_TYPES = frozenset({"BIJLAGE"})
_GLOSSARY_TYPES = frozenset({"BEGRIP", "BEGRIPPENLIJST"})
# Nodes whose text their parent's ``inhoud`` already holds (the NOVI's glossary lists
# each BEGRIP both inside its DIVISIETEKST's HTML and as a child node).
_PART_OF_PARENT_TEXT = frozenset({"BEGRIP"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def load(data: bytes, path: str | Path) -> Any:
    """The parsed JSON; a damaged file (truncated, not JSON) as ``CorruptPdfError``."""
    if len(data) > MAX_STRUCTURED_BYTES:
        raise too_large(len(data), "dso", path)
    try:
        return json.loads(decode_text(data))
    except json.JSONDecodeError as error:
        raise CorruptPdfError(
            Msg("read.json_damaged", line=error.lineno, column=error.colno), path=path
        ) from None
    except RecursionError:
        raise too_deep(path) from None


def roots(document: Any) -> tuple[list[dict[str, Any]], bool] | None:
    """The top nodes of the tree and whether they are a draft's; None when not DSO."""
    embedded = document.get("_embedded") if isinstance(document, dict) else None
    if not isinstance(embedded, dict):
        return None
    for key in _CHILDREN:
        nodes = embedded.get(key)
        if isinstance(nodes, list) and all(isinstance(node, dict) for node in nodes):
            return nodes, key.startswith("ontwerp")
    return None


def is_dso(document: Any) -> bool:
    return roots(document) is not None


def _children(node: dict[str, Any]) -> list[dict[str, Any]]:
    embedded = node.get("_embedded")
    if not isinstance(embedded, dict):
        return []
    for key in _CHILDREN:
        children = embedded.get(key)
        if isinstance(children, list):
            return [child for child in children if isinstance(child, dict)]
    return []


def _string(value: Any) -> str:
    return value if isinstance(value, str) else ""


# --- HTML od-* divisions → STOP-like elements --------------------------------------------


def _html_tree(markup: str, path: str | Path) -> Element:
    """v5/v6 ``inhoud`` HTML → an element tree named like STOP (``od-Al`` → ``Al``)."""
    soup = BeautifulSoup(markup, "html.parser")
    root = Element("Inhoud")
    # (bs4 node, the element it becomes, depth): iterative, so deep markup cannot recurse
    stack: list[tuple[Tag, Element, int]] = [(soup, root, 0)]
    while stack:
        source, target, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise too_deep(path)
        last: Element | None = None
        pending: list[tuple[Tag, Element, int]] = []
        for child in source.children:
            if isinstance(child, NavigableString):
                if isinstance(child, BsComment) or type(child) is not NavigableString:
                    continue
                if last is None:
                    target.text = (target.text or "") + str(child)
                else:
                    last.tail = (last.tail or "") + str(child)
            elif isinstance(child, Tag):
                classes = child.get("class") or []
                names = [name[3:] for name in classes if name.startswith("od-")]
                last = SubElement(target, names[0] if names else child.name)
                pending.append((child, last, depth + 1))
        stack.extend(reversed(pending))
    return root


def _xml_fragment(markup: str, path: str | Path) -> Element:
    """A v7/v8 STOP XML fragment (``<Inhoud xmlns=…>``), wrapped so several roots parse."""
    body = _XML_DECLARATION.sub("", markup)
    wrapper = parse_xml(f"<fragment>{body}</fragment>".encode(), path, "dso")
    return wrapper


def _content_tree(markup: str, path: str | Path) -> Element:
    if 'class="od-' in markup or "class='od-" in markup or not markup.lstrip().startswith("<"):
        return _html_tree(markup, path)
    return _xml_fragment(markup, path)


def _heading(node: dict[str, Any], path: str | Path) -> str:
    kop = _string(node.get("kop"))
    if kop.strip().startswith("<"):
        tree = _xml_fragment(kop, path)
        found = next((el for el in tree.iter() if local_name(el.tag) == "Kop"), None)
        return kop_text(found) if found is not None else clean_line("".join(tree.itertext()))
    parts = [_string(node.get(key)) for key in ("label", "nummer", "opschrift")]
    if not any(parts) and kop:
        parts = [kop]
    return " ".join(clean_line(part) for part in parts if clean_line(part))


class _DsoReader:
    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.reader = TreeReader(StructureBuilder(), path)

    def node(self, node: dict[str, Any], depth: int, parent_had_text: bool) -> None:
        if depth > MAX_DEPTH:
            raise too_deep(self.path)
        kind_name = _string(node.get("type")).upper()
        if node.get("gereserveerd") is True or node.get("vervallen") is True:
            return
        if parent_had_text and kind_name in _PART_OF_PARENT_TEXT:
            return
        builder = self.reader.builder
        outer_path, outer_kind = builder.path, builder.kind
        if kind_name in _ANNEX_TYPES:
            builder.kind = SectionKind.ANNEX
        if kind_name in _GLOSSARY_TYPES:
            builder.kind = SectionKind.GLOSSARY
        heading = _heading(node, self.path)
        if heading:
            builder.path = (*builder.path, heading)
            builder.heading(heading)
        markup = _string(node.get("inhoud"))
        if markup.strip():
            self.reader.content(_content_tree(markup, self.path), depth + 1)
        for child in _children(node):
            self.node(child, depth + 1, bool(markup.strip()))
        builder.path, builder.kind = outer_path, outer_kind


def _regeling_metadata(document: dict[str, Any], draft: bool) -> DocumentMetadata:
    """From the ``"regeling"`` object ``fetch`` writes; else from the tree's AKN ids."""
    regeling = document.get("regeling")
    info = regeling if isinstance(regeling, dict) else {}
    authority = info.get("bevoegdGezag") or info.get("aangeleverdDoorEen") or {}
    authority = authority if isinstance(authority, dict) else {}
    kind = info.get("type")
    identification = _string(info.get("identificatie")) or _tree_work(document)
    ontwerp = _flag(info.get("ontwerp", info.get("isOntwerp")))
    return make_metadata(
        title=_string(info.get("officieleTitel")) or _string(info.get("citeerTitel")) or None,
        work=identification.split("/nld@")[0] if identification else None,
        expression=_string(info.get("expressie")) or identification or None,
        version=str(info["versie"]) if info.get("versie") not in (None, "") else None,
        draft=ontwerp if ontwerp is not None else (True if draft else None),
        authority=_string(authority.get("code")) or None,
        authority_name=_string(authority.get("naam")) or None,
        date=_string(info.get("geldigVanaf")) or None,
        document_type=_string(kind.get("code")) if isinstance(kind, dict) else None,
    )


def _flag(value: Any) -> bool | None:
    """A yes/no the ``"regeling"`` object may write as a boolean or a word."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "ja", "yes", "1"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("false", "nee", "no", "0"):
        return False
    return None


def _tree_work(document: dict[str, Any]) -> str:
    """The regeling's AKN work id from a node's ``identificatie`` (``…__body``)."""
    found = roots(document)
    if not found or not found[0]:
        return ""
    identification = _string(found[0][0].get("identificatie"))
    return identification.split("__", 1)[0] if identification.startswith("/akn/") else ""


def read_json(data: bytes, path: str | Path) -> tuple[list[RawPage], DocumentMetadata]:
    """A DSO Presenteren response → its sections and metadata."""
    document = load(data, path)
    found = roots(document)
    if found is None:
        raise NotAPdfError(
            Msg(
                "read.unsupported",
                what=Msg("read.unsupported.json"),
                supported=Msg("read.supported"),
            ),
            path=path,
        )
    nodes, draft = found
    reader = _DsoReader(path)
    try:
        for node in nodes:
            reader.node(node, 0, False)
    except RecursionError:
        raise too_deep(path) from None
    return reader.reader.builder.pages(), _regeling_metadata(document, draft)
