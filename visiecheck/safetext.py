"""Characters that must never reach a terminal, a workbook or a report, in one place.

*Control characters* are C0 (``U+0000``-``U+001F``: ESC, BEL, backspace, …), DEL and C1
(``U+007F``-``U+009F``, among them the one-character CSI ``U+009B``). The *bidi controls*
are the embeddings, overrides and isolates (``U+202A``-``U+202E``, ``U+2066``-``U+2069``)
and the invisible direction marks (``U+200E``, ``U+200F``, ``U+061C``). A control
character can retitle a terminal window, clear its screen or plant an OSC 8 link; a bidi
control makes text read differently from what it says ("Trojan Source"); and openpyxl
refuses C0 in a cell, which sank a whole workbook over one sentence. The noncharacters
``U+FFFE``/``U+FFFF`` and lone surrogates (``U+D800``-``U+DFFF``) are not text either: XML
forbids them and UTF-8 cannot encode a surrogate.

Where each kind of text is cleaned:

* document text: ``extract.normalize.normalize_lines``, the one translation table that every
  reader's text passes (PDF, Word, HTML, plain text), drops them (tab and newline are
  whitespace there, a few controls that separate like whitespace become a space);
* text that never passes there (file names, messages, municipality names, lexicon labels)
  goes through ``visible`` or ``escape_file_name`` before it is written anywhere:
  ``render._safe.safe`` for every report format, ``render.views`` for the small commands
  and the CLI for its messages on stderr.

File names are bytes on POSIX, and not every byte string is UTF-8: Python hands such a name
over with each undecodable byte as a lone surrogate (``U+DC80``-``U+DCFF``, PEP 383), which no
UTF-8 file and no JSON parser accepts. ``escape_file_name`` writes each byte of an unsafe
character as ``\\xHH`` (an undecodable byte as itself, ESC as ``\\x1b``, ``U+202E`` as
``\\xe2\\x80\\xae``), every other character as it is, and doubles a backslash exactly where
the result could otherwise be misread (before ``x`` plus two hexadecimal digits and before
another backslash). That is lossless: ``file_name_bytes`` gives the name's bytes back. A name
without unsafe characters, without ``\\x`` plus two hex digits and without two backslashes in
a row is written unchanged. Windows paths use the backslash as separator and their names are
Unicode, so there backslashes are never doubled (the escapes are for reading only).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

Ranges = tuple[tuple[int, int], ...]  # inclusive code point ranges

CONTROLS: Ranges = ((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F))  # C0 but tab and newline; DEL; C1
BIDI_CONTROLS: Ranges = ((0x061C, 0x061C), (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069))
NONCHARACTERS: Ranges = ((0xFFFE, 0xFFFF),)
SURROGATES: Ranges = ((0xD800, 0xDFFF),)
UNSAFE: Ranges = CONTROLS + BIDI_CONTROLS + NONCHARACTERS + SURROGATES


def characters(ranges: Ranges) -> Iterator[str]:
    """Every character of ``ranges``."""
    for first, last in ranges:
        yield from map(chr, range(first, last + 1))


def character_class(chars: Iterable[str]) -> str:
    """A regular-expression character class (``[...]``) matching exactly ``chars``;
    consecutive code points become ranges, so thousands of characters stay short."""
    codes = sorted(set(map(ord, chars)))
    parts: list[str] = []
    index = 0
    while index < len(codes):
        end = index
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1:
            end += 1
        first, last = codes[index], codes[end]
        parts.append(f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}")
        index = end + 1
    return "[" + "".join(parts) + "]"


# What may never be shown as it is: the unsafe characters, and for names and one-line
# messages also tab and newline.
_UNSAFE_IN_TEXT = re.compile(character_class(characters(UNSAFE)))
_UNSAFE = re.compile(character_class([*characters(UNSAFE), "\t", "\n"]))
# A backslash that has to be doubled in an escaped file name (see the module doc).
_HEX_ESCAPE = re.compile(r"x[0-9a-fA-F]{2}")
_NAME_NEEDS_WORK = re.compile(_UNSAFE.pattern + r"|\\(?=\\|x[0-9a-fA-F]{2})")
_DOUBLE_BACKSLASHES = os.name != "nt"


def _char_bytes(char: str) -> bytes:
    """The bytes a character stands for: an undecodable byte of a file name (a surrogate
    escape) is that byte; any other character its UTF-8 (a lone surrogate as CESU)."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return bytes([code - 0xDC00])
    return char.encode("utf-8", "surrogatepass")


def _escaped(char: str) -> str:
    return "".join(f"\\x{byte:02x}" for byte in _char_bytes(char))


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds a character that ``visible`` would escape (newlines count)."""
    return _UNSAFE.search(text) is not None


def visible(text: str, *, newlines: bool = False) -> str:
    """``text`` with every unsafe character written as ``\\xHH`` escapes of its bytes, so a
    terminal, a spreadsheet or a UTF-8 file can take it. Tab and newline are escaped too,
    unless ``newlines`` (text of several lines). For messages and names, not lossless."""
    pattern = _UNSAFE_IN_TEXT if newlines else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda match: _escaped(match.group()), text)


def strip_unsafe(text: str, *, replacement: str = "") -> str:
    """``text`` with each unsafe character replaced by ``replacement`` (tab and newline by
    a space): for short data such as a municipality name from a manifest or a file name,
    where an escape would only be noise."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda match: " " if match.group() in "\t\n" else replacement, text)


def escape_file_name(name: str) -> str:
    """A file name (or path) as text that is safe everywhere and gives the name back
    losslessly (``file_name_bytes``); see the module doc. Ordinary names are unchanged."""
    if _NAME_NEEDS_WORK.search(name) is None:
        return name
    pieces: list[str] = []
    for index, char in enumerate(name):
        if char == "\\":
            following = name[index + 1 : index + 2]
            doubled = _DOUBLE_BACKSLASHES and (
                following == "\\"
                or (following and _UNSAFE.match(following) is not None)
                or _HEX_ESCAPE.match(name, index + 1) is not None
            )
            pieces.append("\\\\" if doubled else "\\")
        elif _UNSAFE.match(char):
            pieces.append(_escaped(char))
        else:
            pieces.append(char)
    return "".join(pieces)


_NAME_ESCAPE = re.compile(r"\\(\\|x[0-9a-fA-F]{2})")


def file_name_bytes(escaped: str) -> bytes:
    """The bytes of the file name that ``escape_file_name`` wrote as ``escaped`` (POSIX):
    ``\\\\`` is a backslash, ``\\xHH`` the byte HH, everything else its UTF-8.
    ``os.fsdecode`` of the result is the name as Python sees it."""
    parts: list[bytes] = []
    done = 0
    for match in _NAME_ESCAPE.finditer(escaped):
        parts.append(escaped[done : match.start()].encode("utf-8", "surrogatepass"))
        token = match.group(1)
        parts.append(b"\\" if token == "\\" else bytes([int(token[1:], 16)]))
        done = match.end()
    parts.append(escaped[done:].encode("utf-8", "surrogatepass"))
    return b"".join(parts)
