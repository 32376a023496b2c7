"""Municipality names from file names, recognised against the list of Dutch municipalities.

``municipality_name("Omgevingsvisie_Hof-van-Twente_2040_ontwerp.pdf")`` → ``Hof van Twente``.
The file name is cut into words (at dashes, underscores, dots, spaces and other
punctuation); every run of consecutive words is compared with every name of
``visiecheck/data/gemeenten.txt`` (the 342 municipalities of 2025), ignoring case,
accents, spaces and dashes, so ``hof-van-twente``, ``HofVanTwente`` and ``Hof van Twente``
are the same name and ``Sudwest_Fryslan`` is *Súdwest-Fryslân*. The longest name found
wins (``Bergen op Zoom`` over ``Bergen``). A name that is not on the list falls back to
the generic clean-up of ``municipality_from_filename`` below.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path

from .safetext import strip_unsafe, visible

_WORD_RE = re.compile(r"[^\W_]+")
# Everyday names that differ from the official one (CBS spelling on the list).
_ALIASES = {
    "Den Haag": "'s-Gravenhage",
    "Den Bosch": "'s-Hertogenbosch",
    "Nuenen": "Nuenen, Gerwen en Nederwetten",
}
# A run of words longer than the longest municipality name need not be compared.
_MAX_WORDS = 6


def _fold(text: str) -> str:
    """Lowercase, without accents: ``Súdwest`` → ``sudwest``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def _key(text: str) -> str:
    """A name as a comparison key: folded letters and digits only (``hofvantwente``)."""
    return "".join(_WORD_RE.findall(_fold(text)))


@cache
def municipalities() -> tuple[str, ...]:
    """The municipality names shipped with the package, in file order."""
    text = resources.files("visiecheck.data").joinpath("gemeenten.txt").read_text("utf-8")
    return tuple(line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip())


@cache
def _index() -> dict[str, str]:
    index = {_key(name): name for name in municipalities()}
    for alias, name in _ALIASES.items():
        index.setdefault(_key(alias), name)
    return index


@cache
def cbs_codes() -> dict[str, str]:
    """Name → CBS code (``gm0153``), from the package's small table
    ``data/cbs_gemeentecodes.csv`` (its header says where the codes come from)."""
    text = resources.files("visiecheck.data").joinpath("cbs_gemeentecodes.csv").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line == "naam;code":
            continue
        name, code = line.split(";")
        table[name.strip()] = code.strip().lower()
    return table


def municipality_of_code(code: str) -> str | None:
    """``Enschede`` for ``gm0153``; None for a code the table does not hold."""
    code = code.strip().lower()
    return next((name for name, known in cbs_codes().items() if known == code), None)


def recognise(text: str) -> str | None:
    """The longest municipality name in ``text`` (a file stem), or None."""
    words = _WORD_RE.findall(_fold(text))
    index = _index()
    best: str | None = None
    best_length = 0
    for start in range(len(words)):
        key = ""
        for end in range(start, min(start + _MAX_WORDS, len(words))):
            key += words[end]
            name = index.get(key)
            if name is not None and len(key) > best_length:
                best, best_length = name, len(key)
    return best


def municipality_name(path: str | Path) -> str:
    """The municipality of a visie file: a recognised name, else the cleaned file name."""
    recognised = recognise(Path(path).stem)
    if recognised is not None:
        return recognised
    return municipality_from_filename(path)


# Words in file names that are not part of a municipality's name.
_NAME_NOISE = re.compile(
    r"\b(?:omgevingsvisie|omgevings|visie|ontwerp|concept|definitief|vastgesteld|versie|"
    r"gemeente|gem|final|def|draft|v\d+(?:\.\d+)*|\d{4}(?:-\d{2}(?:-\d{2})?)?|\d+)\b",
    re.IGNORECASE,
)
_LOWERCASE_PARTICLES = {"aan", "van", "de", "den", "der", "en", "op", "in", "het", "bij"}


def municipality_from_filename(path: str | Path) -> str:
    """``Omgevingsvisie_Hof-van-Twente_2040_ontwerp.pdf`` → ``Hof van Twente``.

    File-name noise (omgevingsvisie, ontwerp, concept, years, versions) is dropped and
    dashes/underscores become spaces; Dutch particles stay lowercase inside a name.
    Falls back to the file's stem when nothing is left.
    """
    stem = Path(path).stem
    # Control characters and bytes that are not UTF-8 separate words like punctuation.
    text = re.sub(r"[_\-.]+", " ", strip_unsafe(stem, replacement=" "))
    text = _NAME_NOISE.sub(" ", text)
    words = text.split()
    if not words:
        return strip_unsafe(stem, replacement=" ").strip() or visible(stem)
    named = []
    for index, word in enumerate(words):
        lowered = word.lower()
        if index > 0 and lowered in _LOWERCASE_PARTICLES:
            named.append(lowered)
        else:
            named.append(word[:1].upper() + word[1:].lower() if word.islower() else word)
    return " ".join(named)
