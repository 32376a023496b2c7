"""Near-duplicate visies in a batch: documents that share most of their text (pure).

Two neighbouring municipalities may adopt one joint visie (with, say, a different
*waardenkaart* chapter each); a coordinator counting themes over a province must not
count that text twice. ``near_duplicates`` finds such pairs.

How
1. Each text is lowercased, cut into words (letters and digits; punctuation and layout
   dropped, so two PDF extractions of one text agree) and turned into the set of its
   word 5-grams (*shingles*), each hashed to a stable 64-bit number.
2. Candidates come from a sample: only shingles whose hash is ``0 mod SAMPLE_MOD`` go into
   an inverted index, so a pair of documents is only ever looked at when they share
   sampled shingles, and the work grows with shared text, not with the square of the
   batch. Sampled shingles that stand in more than half of the documents (boilerplate
   such as "de gemeente is verantwoordelijk voor") are left out of the index: they
   make every pair a candidate and tell nothing.
3. Every candidate whose sampled containment is within ``CANDIDATE_MARGIN`` of the
   threshold is measured *exactly* on the full shingle sets: Jaccard = shared / union
   and containment = shared / the smaller set. The reported numbers are exact, not
   estimates; the sample only decides what to measure.

For a batch whose page texts stay inside worker processes, each worker keeps only a
``fingerprint(text)`` (the sampled hashes and the shingle count) and
``duplicates_from_fingerprints`` finds the pairs from those, with estimated rather than
exact numbers.

A pair is reported when its containment reaches ``threshold``: containment catches both
a shared visie and one document that is the other plus an extra chapter (Jaccard would
punish the extra chapter). Jaccard is reported beside it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from ..models import DuplicatePair

if TYPE_CHECKING:
    import numpy as np

# numpy (slow to import) is imported by the functions that hash a
# text, which run in batch workers; the parent only compares fingerprints.

SHINGLE_WORDS = 5
# One shingle in SAMPLE_MOD goes into the candidate index (a 20 KB text has ~3,000
# shingles, so ~375 samples: the sampled containment is within ±0.05 of the truth).
SAMPLE_MOD = 8
# A candidate is measured exactly when its sampled containment is at least
# threshold − CANDIDATE_MARGIN; generous, because measuring is cheap and missing is not.
CANDIDATE_MARGIN = 0.2
# Texts with fewer shingles than this (an empty or image-only PDF, a cover letter) are
# never paired: a handful of shared phrases would make them "duplicates" of anything.
MIN_SHINGLES = 100
# Below this many samples the sampled containment is too rough to filter on: any pair
# sharing a sampled shingle is measured exactly.
MIN_SAMPLES = 30
# Sampled shingles in more than this share of the documents (and more than
# COMMON_MIN_DOCUMENTS, so that a small batch keeps a visie shared by three) are boilerplate.
COMMON_SHARE = 0.5
COMMON_MIN_DOCUMENTS = 10

_MASK = (1 << 64) - 1
_BASE = 0x100000001B3  # odd multiplier of the rolling combination (FNV prime)
_WORD_RE = re.compile(r"[^\W_]+")
# For bytes.translate in _word_hashes: ASCII letters and digits stay, every other ASCII
# byte becomes a space; bytes of non-ASCII characters (0x80 and up) stay for the regex.
_ASCII_SEPARATORS = bytes(
    byte if byte >= 0x80 or chr(byte).isalnum() else ord(" ") for byte in range(256)
)


def _digests(token: bytes) -> bytes:
    """The 8-byte word hashes of one token of ``_word_hashes`` that is not plain ASCII."""
    text = token.decode("utf-8", "surrogatepass")
    return b"".join(
        hashlib.blake2b(word.encode(), digest_size=8).digest() for word in _WORD_RE.findall(text)
    )


def _word_hashes(text: str, cache: dict[bytes, bytes]) -> np.ndarray:
    """The hash of every word of ``text`` (``_WORD_RE`` on the lowercased text), in order.

    Same words as ``_WORD_RE.findall(text.lower())``, found faster: on the UTF-8 bytes
    every ASCII byte that is not a letter or digit becomes a space (such a character is
    never part of a word, and UTF-8 uses bytes below 0x80 for nothing else), so
    ``split()`` cuts the text into tokens that each hold whole words. Most tokens are one
    plain ASCII word; the rest (accents, typographic quotes, dashes) go through the
    regex. A word's hash is its 8-byte blake2b digest read as a big-endian number —
    blake2b, not hash(): stable across processes (PYTHONHASHSEED), so a batch gives the
    same pairs every run. ``cache`` maps each token to the digests of its words (none,
    one or more), so the whole text is one ``join``; it may be shared between texts.
    """
    import numpy as np

    # surrogatepass: a lone surrogate from a damaged PDF is no word character, so the
    # regex drops it; it must not make encode() fail
    data = text.lower().encode("utf-8", "surrogatepass").translate(_ASCII_SEPARATORS)
    tokens = data.split()
    blake2b = hashlib.blake2b
    for token in set(tokens):
        if token not in cache:
            # bytes.isalnum() is true for ASCII letters and digits only: one plain word
            cache[token] = (
                blake2b(token, digest_size=8).digest() if token.isalnum() else _digests(token)
            )
    digests = b"".join(map(cache.__getitem__, tokens))
    return np.frombuffer(digests, dtype=">u8").astype(np.uint64)


def _shingle_array(text: str, size: int, cache: dict[bytes, bytes]) -> np.ndarray:
    """The finalised hash of every word ``size``-gram of ``text``, in order, repeats kept.

    Word hashes are combined as ``sum(w[i] * _BASE ** (size - 1 - i))`` modulo 2**64
    (Horner); numpy's uint64 arithmetic wraps modulo 2**64, which is exactly ``_MASK``.
    """
    import numpy as np

    base = np.uint64(_BASE)
    hashes = _word_hashes(text, cache)
    count = len(hashes) - size + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    values = np.zeros(count, dtype=np.uint64)
    for offset in range(size):
        values *= base
        values += hashes[offset : offset + count]
    return _finalise(values)


def shingles(
    text: str, size: int = SHINGLE_WORDS, _cache: dict[bytes, bytes] | None = None
) -> set[int]:
    """The hashed word ``size``-grams of ``text`` (lowercased, punctuation dropped).

    A text shorter than ``size`` words has no shingles.
    """
    return set(_shingle_array(text, size, {} if _cache is None else _cache).tolist())


def _finalise(values: np.ndarray) -> np.ndarray:
    """Mix the bits (splitmix64 finaliser) so that ``value % SAMPLE_MOD`` is uniform."""
    import numpy as np

    values = values ^ (values >> np.uint64(30))
    values *= np.uint64(0xBF58476D1CE4E5B9)
    values ^= values >> np.uint64(27)
    values *= np.uint64(0x94D049BB133111EB)
    values ^= values >> np.uint64(31)
    return values


def similarity(first: set[int], second: set[int]) -> tuple[float, float]:
    """Exact ``(jaccard, containment)`` of two shingle sets; ``(0, 0)`` if one is empty."""
    if not first or not second:
        return 0.0, 0.0
    small, large = (first, second) if len(first) <= len(second) else (second, first)
    shared = sum(1 for item in small if item in large)
    return shared / (len(first) + len(second) - shared), shared / len(small)


@dataclass(frozen=True)
class Fingerprint:
    """What a worker process keeps of a text for ``duplicates_from_fingerprints``.

    The sampled shingle hashes (about one in ``SAMPLE_MOD``) and the number of distinct
    shingles: a few KB per visie, small enough to travel back from a batch worker or to
    store in the result cache, where the full text is not kept.
    """

    sample: frozenset[int]
    shingles: int


def fingerprint(text: str) -> Fingerprint:
    """The ``Fingerprint`` of one text."""
    import numpy as np

    values = _shingle_array(text, SHINGLE_WORDS, {})
    if not len(values):
        return Fingerprint(frozenset(), 0)
    # no Python set of all shingles: the distinct count comes from sorting in numpy
    ordered = np.sort(values)
    distinct = 1 + int(np.count_nonzero(ordered[1:] != ordered[:-1]))
    sample = values[values % np.uint64(SAMPLE_MOD) == 0]
    return Fingerprint(frozenset(sample.tolist()), distinct)


def _check_threshold(threshold: float) -> None:
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")


def _shared_samples(samples: Mapping[str, frozenset[int] | set[int]]) -> Counter[tuple[str, str]]:
    """Per pair of names (sorted), how many sampled shingles they share (boilerplate out)."""
    index: dict[int, list[str]] = defaultdict(list)
    for name in sorted(samples):
        for value in samples[name]:
            index[value].append(name)
    common_limit = max(COMMON_MIN_DOCUMENTS, int(COMMON_SHARE * len(samples)))
    shared: Counter[tuple[str, str]] = Counter()
    for names in index.values():
        if 2 <= len(names) <= common_limit:
            shared.update(combinations(names, 2))  # names are in sorted order
    return shared


def _sorted(pairs: list[DuplicatePair]) -> list[DuplicatePair]:
    return sorted(pairs, key=lambda pair: (-pair.containment, -pair.jaccard, pair.a, pair.b))


def duplicates_from_fingerprints(
    prints: Mapping[str, Fingerprint], threshold: float = 0.6
) -> list[DuplicatePair]:
    """Like ``near_duplicates``, from fingerprints; Jaccard and containment are estimated
    on the samples (within about ±0.05 for a 20 KB text, closer for longer ones)."""
    _check_threshold(threshold)
    samples = {
        name: print_.sample for name, print_ in prints.items() if print_.shingles >= MIN_SHINGLES
    }
    pairs = []
    for (a, b), shared in _shared_samples(samples).items():
        first, second = len(samples[a]), len(samples[b])
        containment = shared / min(first, second)
        if containment >= threshold:
            jaccard = shared / (first + second - shared)
            pairs.append(DuplicatePair(a, b, round(jaccard, 4), round(containment, 4)))
    return _sorted(pairs)


def near_duplicates(texts: Mapping[str, str], threshold: float = 0.6) -> list[DuplicatePair]:
    """Pairs of texts whose containment is at least ``threshold``, most similar first.

    ``texts`` maps a name (file, municipality) to the document's full text. The result
    does not depend on the order of ``texts``: each pair is named in sorted order and
    pairs are sorted by containment, then Jaccard (both descending), then names.
    Raises ``ValueError`` for a threshold outside (0, 1].
    """
    _check_threshold(threshold)
    cache: dict[bytes, bytes] = {}
    sets = {name: shingles(text, _cache=cache) for name, text in texts.items()}
    sets = {name: found for name, found in sets.items() if len(found) >= MIN_SHINGLES}
    samples = {
        name: {value for value in found if value % SAMPLE_MOD == 0} for name, found in sets.items()
    }
    pairs = []
    for (a, b), count in _shared_samples(samples).items():
        smallest = min(len(samples[a]), len(samples[b]))
        if smallest >= MIN_SAMPLES and count / smallest < threshold - CANDIDATE_MARGIN:
            continue
        jaccard, containment = similarity(sets[a], sets[b])
        if containment >= threshold:
            pairs.append(DuplicatePair(a, b, round(jaccard, 4), round(containment, 4)))
    return _sorted(pairs)
