"""Paragraphs of the Nationale Omgevingsvisie (DSO API JSON) with stable references.

The blind set labels NOVI paragraphs by reference, never by copying them. A reference is
the DIVISIETEKST's ``identificatie`` tail (after the document's AKN id) plus the index of
the paragraph inside it, e.g. ``mnre1034_2__div_o_1__div_1__content_o_1#3``. A paragraph is
one ``od-Al`` (a list item's ``od-Al`` included), its text with white space folded.

Usage::

    python benchmarks/accuracy/novi_paragraphs.py [--dso-file PATH] [--grep WORD]

prints ``reference<TAB>sha1<TAB>text`` per paragraph (``--grep`` keeps paragraphs that
contain WORD, case-insensitively).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DSO_FILE = (
    HERE.parent.parent.parent / "shared" / "dso" / "dso-presenteren-novi-documentcomponenten.json"
)


class _ParagraphParser(HTMLParser):
    """Collects the text of every ``od-Al`` div; nested divs inside one stay in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._stack: list[bool] = []  # per open div: does it start a paragraph?
        self._depth_in_paragraph = 0
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        classes = (dict(attrs).get("class") or "").split()
        starts = "od-Al" in classes and self._depth_in_paragraph == 0
        self._stack.append(starts)
        if starts or self._depth_in_paragraph:
            self._depth_in_paragraph += 1

    def handle_endtag(self, tag: str) -> None:
        if tag != "div" or not self._stack:
            return
        self._stack.pop()
        if self._depth_in_paragraph:
            self._depth_in_paragraph -= 1
            if self._depth_in_paragraph == 0:
                text = " ".join("".join(self._parts).split())
                if text:
                    self.paragraphs.append(text)
                self._parts = []

    def handle_data(self, data: str) -> None:
        if self._depth_in_paragraph:
            self._parts.append(data)


def _nodes(node: dict) -> Iterator[dict]:
    yield node
    for child in node.get("_embedded", {}).get("documentComponenten", []):
        yield from _nodes(child)


def novi_paragraphs(dso_file: Path = DEFAULT_DSO_FILE) -> dict[str, str]:
    """Every paragraph of the NOVI by reference (see the module docstring), in document order."""
    data = json.loads(dso_file.read_text(encoding="utf-8"))
    paragraphs: dict[str, str] = {}
    for root in data["_embedded"]["documentComponenten"]:
        for node in _nodes(root):
            inhoud = node.get("inhoud")
            if node.get("type") != "DIVISIETEKST" or not inhoud:
                continue
            node_ref = node["identificatie"].split("__", 1)[-1]
            parser = _ParagraphParser()
            parser.feed(inhoud)
            for index, text in enumerate(parser.paragraphs):
                paragraphs[f"{node_ref}#{index}"] = text
    return paragraphs


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dso-file", type=Path, default=DEFAULT_DSO_FILE)
    parser.add_argument("--grep", default=None)
    args = parser.parse_args(argv)
    if not args.dso_file.exists():
        print(f"no NOVI file at {args.dso_file}", file=sys.stderr)
        return 1
    for reference, text in novi_paragraphs(args.dso_file).items():
        if args.grep and args.grep.lower() not in text.lower():
            continue
        print(f"{reference}\t{sha1(text)}\t{text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
