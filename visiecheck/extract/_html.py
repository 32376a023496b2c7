"""Saved web pages (``.html``/``.htm``/``.xhtml``): the main text only.

The content root is ``<main>`` (or ``role="main"``), else a single ``<article>``,
else ``<body>``. Inside it navigation, scripts, styles, forms, asides, cookie
banners, breadcrumbs and hidden elements are skipped; page-level ``<header>`` and
``<footer>`` too when the root is ``<body>``. Headings ``h1``-``h6`` are their own
blocks; ``h1``/``h2`` start a new section. List items get a bullet, a data table
row becomes one block with its cells separated by `` | ``.

Parsed with BeautifulSoup on Python's own ``html.parser``: saved pages are often
malformed (unclosed tags, stray end tags), which it repairs into a tree the way a
browser roughly would, and it needs no compiled parser. The walk over the tree is
iterative, so absurdly deep nesting cannot exhaust Python's recursion limit.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag
from bs4 import ProcessingInstruction as BsProcessingInstruction
from bs4.exceptions import ParserRejectedMarkup

from ..errors import CorruptPdfError
from ..messages import Msg
from ._formats import decode_text
from ._sections import BULLET, SectionBuilder
from ._types import RawPage

_SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "input",
        "svg",
        "canvas",
        "iframe",
        "object",
        "embed",
        "map",
        "dialog",
        "head",
        "title",
        "meta",
        "link",
    }
)
_PAGE_CHROME = frozenset({"header", "footer"})
_SKIPPED_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog"}
)
# id/class words of site furniture: cookie banners, menus, breadcrumbs, share buttons.
_CHROME_NAME = re.compile(
    r"^(?:cookie|consent|gdpr|breadcrumb|skip|sidebar|share|social|menu|navbar|nav\b|nav-|"
    r"navigation|site-header|site-footer|footer|header\b|header-|topbar)",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "body",
        "blockquote",
        "address",
        "figure",
        "figcaption",
        "caption",
        "dl",
        "dt",
        "dd",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "details",
        "summary",
        "center",
        "hr",
        "header",
        "footer",
        "fieldset",
    }
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_STRUCTURE_INSIDE_ROW = ("p", "div", "ul", "ol", "table", *_HEADINGS)
_NOT_TEXT = (Comment, Declaration, Doctype, BsProcessingInstruction)
_SPACES = re.compile(r"\s+")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _is_skipped(tag: Tag, root: Tag) -> bool:
    name = tag.name
    if name in _SKIPPED_TAGS:
        return True
    if name in _PAGE_CHROME and root.name == "body":
        return True
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if str(tag.get("role", "")).lower() in _SKIPPED_ROLES:
        return True
    if _DISPLAY_NONE.search(str(tag.get("style", ""))):
        return True
    classes = tag.get("class") or []
    words = [*([classes] if isinstance(classes, str) else classes), str(tag.get("id", ""))]
    return any(_CHROME_NAME.match(word) for word in words if word)


def _content_root(soup: BeautifulSoup) -> Tag:
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if isinstance(main, Tag):
        return main
    articles = soup.find_all("article")
    if len(articles) == 1 and isinstance(articles[0], Tag):
        return articles[0]
    body = soup.find("body")
    return body if isinstance(body, Tag) else soup


def _text(tag: Tag) -> str:
    return _SPACES.sub(" ", tag.get_text(" ")).strip()


class _Walker:
    def __init__(self, root: Tag) -> None:
        self.root = root
        self.builder = SectionBuilder()
        self.lines: list[str] = []
        self.line: list[str] = []

    def flush(self) -> None:
        self.end_line()
        self.builder.block([line for line in self.lines if line.strip() not in ("", "•")])
        self.lines = []

    def end_line(self) -> None:
        if self.line:
            self.lines.append("".join(self.line))
            self.line = []

    def row(self, tag: Tag) -> bool:
        """A data-table row as one block; False for layout tables (walk those)."""
        if tag.find(list(_STRUCTURE_INSIDE_ROW)):
            return False
        cells = [_text(cell) for cell in tag.find_all(("td", "th"), recursive=False)]
        self.flush()
        self.builder.block([" | ".join(cell for cell in cells if cell)])
        return True

    def walk(self) -> list[RawPage]:
        stack: list[tuple[bool, object]] = [(False, self.root)]
        while stack:
            leaving, node = stack.pop()
            if leaving:
                self.flush()
                continue
            if isinstance(node, NavigableString):
                if not isinstance(node, _NOT_TEXT):
                    self.line.append(_SPACES.sub(" ", str(node)))
                continue
            if not isinstance(node, Tag):
                continue
            if node is not self.root and _is_skipped(node, self.root):
                continue
            name = node.name
            if name == "br":
                self.end_line()
            elif name in _HEADINGS:
                self.flush()
                self.builder.heading(_text(node), new_section=_HEADINGS[name] <= 2)
            elif name == "pre":
                self.flush()
                self.builder.block(node.get_text().split("\n"))
            elif name == "tr" and self.row(node):
                pass
            else:
                if name in _BLOCK_TAGS or node is self.root:
                    self.flush()
                    if name == "li":
                        self.line.append(BULLET)
                    stack.append((True, node))
                stack.extend((False, child) for child in reversed(list(node.children)))
        self.flush()
        return self.builder.pages()


def read_sections(data: bytes, path: str | Path) -> list[RawPage]:
    """The page's main text as sections (``h1``/``h2`` start one) of blocks."""
    try:
        soup = BeautifulSoup(decode_text(data), "html.parser")
    except (ParserRejectedMarkup, AssertionError) as error:
        raise CorruptPdfError(
            Msg("read.html_damaged", detail=type(error).__name__),
            path=path,
        ) from None
    return _Walker(_content_root(soup)).walk()
