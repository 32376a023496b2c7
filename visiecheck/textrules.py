"""The shape of a page's text that reading and analysing agree on.

The readers (``extract``) mark headings and blocks; the analysis (``analyse.sections``)
cuts pages into blocks, headings and contents lines. Both use these rules, so they live
here, in the kernel, once.
"""

from __future__ import annotations

import re

# A longer line is never (part of) a heading, whatever its font or capitals.
HEADING_MAX_WORDS = 12
# Blocks (paragraphs, headings, list groups) are separated by a blank line.
BLOCK_SPLIT_RE = re.compile(r"\n[ \t]*\n")
# "3.2 Energie ........ 14": a contents entry with a leader, never a heading of its own.
CONTENTS_ENTRY_RE = re.compile(r"(?:\.{3,}|…{2,}|(?:\.\s){3,}|\t)\s*\d{1,4}\s*$")
# On a contents page a line that ends in a page number is an entry even without a leader.
CONTENTS_LINE_RE = re.compile(r"(?:\.{3,}|…{2,}|(?:\.\s){3,}|\t)\s*\d{1,4}\s*$|\s\d{1,4}\s*$")
CONTENTS_TITLE_RE = re.compile(r"^\s*(?:inhoud|inhoudsopgave|inhoudsopgaaf|contents)\s*$", re.I)
