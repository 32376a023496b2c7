"""Plain text and Markdown (``.txt``/``.md``): blocks at blank lines, sections at headings.

A Markdown heading (``# Titel``, ``## Bodem``, or a line underlined with ``===`` /
``---``) is a heading; ``#`` and ``##`` start a new section. In plain text a block of
one short line without a closing punctuation mark that starts with a capital or a
number (``3.2 Bodem en ondergrond``) is a heading and starts a section. Markdown
markup that is not text (emphasis markers, link targets, table rules, code fences,
front matter) is dropped; list items get a bullet.
"""

from __future__ import annotations

import re

from ..textrules import HEADING_MAX_WORDS
from ._formats import decode_text
from ._sections import BULLET, SectionBuilder
from ._types import RawPage

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RULE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LIST_ITEM = re.compile(r"^\s*[-*+•][ \t]+")
_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]*-[\s:|-]*\|?\s*$")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|`")
_SENTENCE_END = re.compile(r"[.!?:;,]$")


def _inline(line: str) -> str:
    line = _IMAGE_OR_LINK.sub(r"\1", line)
    line = _EMPHASIS.sub("", line)
    return _LIST_ITEM.sub(BULLET, line, count=1)


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and not _SENTENCE_END.search(line)
        and (line[0].isupper() or line[0].isdigit())
    )


def _without_front_matter(lines: list[str]) -> list[str]:
    if lines and lines[0].strip() == "---":
        for index in range(1, min(len(lines), 200)):
            if lines[index].strip() in ("---", "..."):
                return lines[index + 1 :]
    return lines


def read_sections(data: bytes) -> list[RawPage]:
    """The text's sections (a heading starts one) as raw pages of blocks.

    Lines end in LF, CRLF or a lone CR (old Mac files)."""
    lines = _without_front_matter(
        decode_text(data).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    builder = SectionBuilder()
    block: list[str] = []

    def flush() -> None:
        if len(block) == 1 and _looks_like_heading(block[0]):
            builder.heading(block[0], new_section=True)
        else:
            builder.block(block)
        block.clear()

    for index, raw in enumerate(lines):
        if _FENCE.match(raw):
            continue
        heading = _ATX_HEADING.match(raw)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if heading:
            flush()
            builder.heading(_inline(heading.group(2)), new_section=len(heading.group(1)) <= 2)
        elif raw.strip() and not block and _SETEXT_RULE.match(following) and "|" not in raw:
            builder.heading(_inline(raw), new_section=True)
            lines[index + 1] = ""  # the underline is markup, not text
        elif not raw.strip():
            flush()
        elif _TABLE_RULE.match(raw) and "|" in raw:
            continue
        else:
            block.append(_inline(raw.strip()))
    flush()
    return builder.pages()
