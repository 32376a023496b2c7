"""Every string of a report made safe to write, before any renderer formats it.

Document text is clean already: ``extract.normalize`` drops control and bidi characters for
every reader. What never passed there may still hold them: file names (a POSIX name may
hold ESC, a newline or bytes that are not UTF-8), messages that quote a file name, names of
municipalities taken from a manifest or a file name, labels of a user's lexicon, and reports
built by other code. ``safe`` walks a ``Report`` or a ``DocumentDiff`` (any of the frozen
model dataclasses) and returns it with

* file names (``file``, ``a``/``b`` of a duplicate pair, ``primary``/``others`` of a
  municipality's group) escaped losslessly by
  ``safetext.escape_file_name``: an ordinary name stays as it is;
* one-line names (``municipality``) and every other string passed through
  ``safetext.visible``, newlines kept.

Objects without anything to change are returned as they are (the same object), so a clean
report costs one scan of its strings. ``render``, ``render_batch`` and ``render_diff`` call
it, once: escaping a name is lossless, so escaping it twice would double its backslashes.
The terminal and workbook renderers call it again for direct callers with
``escape_names=False``: then file names too only pass ``visible``, which changes nothing in
a name escaped before and still keeps every unsafe character out.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from functools import cache
from typing import TypeVar

from ..safetext import escape_file_name, visible

T = TypeVar("T")

# a group names its documents by ``DocumentReport.file``: escaped alike, or the renderers
# could not find a document with an odd name by its group
_FILE_NAME_FIELDS = frozenset({"file", "a", "b", "primary", "others"})
_ONE_LINE_FIELDS = frozenset({"municipality"})


def _string(name: str, value: str, escape_names: bool) -> str:
    if name in _FILE_NAME_FIELDS:
        return escape_file_name(value) if escape_names else visible(value)
    return visible(value, newlines=name not in _ONE_LINE_FIELDS)


def _value(name: str, value: object, escape_names: bool) -> object:
    if isinstance(value, str):
        return _string(name, value, escape_names)
    if isinstance(value, tuple):
        if not value or (not isinstance(value[0], str | tuple) and not is_dataclass(value[0])):
            return value  # numbers (pages, fingerprints)
        items = tuple(_value(name, item, escape_names) for item in value)
        return value if all(new is old for new, old in zip(items, value, strict=True)) else items
    if is_dataclass(value) and not isinstance(value, type):
        return safe(value, escape_names=escape_names)
    return value


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(kind) if field.init)


def safe(model: T, *, escape_names: bool = True) -> T:
    """``model`` (a report, a diff, or any part of one) with every string safe to write;
    file names escaped losslessly unless ``escape_names`` is false (see the module doc)."""
    changes = {}
    for name in _field_names(type(model)):
        old = getattr(model, name)
        new = _value(name, old, escape_names)
        if new is not old:
            changes[name] = new
    return replace(model, **changes) if changes else model  # type: ignore[type-var]
