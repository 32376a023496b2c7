"""Damaged PDFs written object by object, so the damage is exactly where a test wants it.

reportlab and pikepdf repair what they write (a page tree that contains itself, a
wrong /Count); these PDFs are assembled by hand with a correct cross-reference table.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

from tests.pdf_factory import pdf_from_objects

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def write_pdf(path: Path, objects: Sequence[bytes]) -> Path:
    """Objects 1..n (1 is the catalog) with a cross-reference table that fits them."""
    path.write_bytes(pdf_from_objects(objects))
    return path


def content(lines: Sequence[str]) -> bytes:
    """A content stream drawing ``lines`` one below the other in Helvetica."""
    shown = b" ".join(b"(%s) '" % line.encode("cp1252") for line in lines)
    return b"BT /F1 10 Tf 12 TL 72 770 Td " + shown + b" ET"


def flate_stream(data: bytes, *, flip: Sequence[float] = ()) -> bytes:
    """A Flate stream object; ``flip``: where (fractions of its length) to flip a byte."""
    packed = bytearray(zlib.compress(data))
    for fraction in flip:
        packed[int(len(packed) * fraction)] ^= 0x5A
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
        len(packed),
        bytes(packed),
    )


def _page(parent: int, contents: int) -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (parent, contents)
    )


def two_page_pdf(
    path: Path, first: Sequence[str], second: Sequence[str], *, flip: Sequence[float] = ()
) -> Path:
    """Two pages; the second page's content stream has bytes flipped at ``flip``."""
    return write_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>",
            _FONT,
            _page(2, 5),
            flate_stream(content(first)),
            _page(2, 7),
            flate_stream(content(second), flip=flip),
        ],
    )


def self_referencing_tree_pdf(path: Path, lines: Sequence[str]) -> Path:
    """A page tree whose root lists itself as its second kid."""
    return write_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R 2 0 R] /Count 2 >>",
            _FONT,
            _page(2, 5),
            flate_stream(content(lines)),
        ],
    )


def deep_tree_pdf(path: Path, lines: Sequence[str], depth: int, *, first_page: bool = True) -> Path:
    """A page tree with (optionally) a plain first page, then a page ``depth`` levels down."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", _FONT, b"", flate_stream(content(lines))]
    # 4: the first page, 6: the deep page, 7: its content, 8...: the chain of /Pages nodes
    objects += [b"", flate_stream(content(["Een pagina diep in de boom."]))]
    chain = 8
    kids = b"4 0 R %d 0 R" % chain if first_page else b"%d 0 R" % chain
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, 2 if first_page else 1)
    objects[3] = _page(2, 5)
    for level in range(depth):
        number = chain + level
        parent = 2 if level == 0 else number - 1
        kid = number + 1 if level < depth - 1 else 6
        objects.append(b"<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>" % (parent, kid))
    objects[5] = _page(chain + depth - 1, 7)
    return write_pdf(path, objects)
