"""On-disk cache of checked documents, so a re-run on unchanged files is near-instant.

One SQLite row per document result (the ``DocumentReport``, without file name and
municipality, which are filled in on the way out), in the same folder as the extraction
cache. The key says everything the result depends on:

- the file's SHA-256, the engine and ``EXTRACTOR_VERSION`` — together they fix the page
  text, so the cache can be consulted *before* the PDF is opened (no extraction, no
  spaCy on a warm run);
- the lexicon: name, version and a hash of its whole content (an edited term without a
  version bump still invalidates);
- the matcher: a hash of the source of every module of the ``analyse`` wing and of
  ``pipeline.py``, and the version of the lemma tables (``spacy-lookups-data``);
- every option that can change the result (the engine and OCR switch of ``ReadOptions``,
  all of ``MatchOptions`` and ``ReportOptions``) and the selected themes.

Like the extraction cache this is a convenience: every failure reads as a miss.
Documents opened with a password are never stored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from ..errors import VisiecheckError
from ..files import open_regular
from ..messages import Msg
from ..models import (
    Context,
    Depth,
    DocumentMetadata,
    DocumentReport,
    Hit,
    Lexicon,
    ReadinessSignal,
    SearchInfo,
    SectionKind,
    SignalStatus,
    Stance,
    Status,
    ThemeCoverage,
)
from ..options import Options

CACHE_FILE = "match-cache.sqlite3"
# Bump when the stored payload changes shape.
PAYLOAD_VERSION = "1"
# The code that decides hits and verdicts: the whole analyse wing plus the pipeline that
# assembles a report (tests/test_architecture.py checks the wing imports nothing else
# that could decide them).
_ANALYSE_WING = "analyse"
_PIPELINE_MODULE = "pipeline.py"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    key TEXT PRIMARY KEY,
    payload TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    sha256 TEXT PRIMARY KEY
)
"""
_hashes: dict[tuple[str, int, int], str] = {}  # (path, size, mtime) → SHA-256, this process


@cache
def matcher_version() -> str:
    """A hash of the matcher's source and lemma data: any change invalidates the cache."""
    digest = hashlib.sha256(PAYLOAD_VERSION.encode())
    package = Path(__file__).resolve().parent.parent
    sources = [*sorted((package / _ANALYSE_WING).glob("*.py")), package / _PIPELINE_MODULE]
    for source in sources:
        digest.update(source.name.encode())  # a module that comes or goes changes the key
        with contextlib.suppress(OSError):
            digest.update(source.read_bytes())
    for distribution in ("spacy-lookups-data", "spacy"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(metadata.version(distribution).encode())
    return digest.hexdigest()[:16]


def lexicon_fingerprint(lexicon: Lexicon) -> str:
    """Name, version and a hash of the content (terms, exclusions, labels) of a lexicon."""
    content = repr((lexicon.name, lexicon.version, lexicon.language, lexicon.themes))
    return f"{lexicon.name}@{lexicon.version}#{hashlib.sha256(content.encode()).hexdigest()[:16]}"


def cache_key(
    sha256: str,
    lexicon: Lexicon,
    options: Options,
    theme_ids: tuple[str, ...] | None,
) -> str:
    """The key of one document's result under these lexicon, options and themes."""
    from ..extract import EXTRACTOR_VERSION  # lazily: the PDF readers are not needed to start

    relevant = {
        "engine": options.read.engine,
        "ocr": options.read.ocr,
        "match": dataclasses.asdict(options.match),
        "report": dataclasses.asdict(options.report),
    }
    parts = {
        "sha256": sha256,
        "extractor": EXTRACTOR_VERSION,
        "lexicon": lexicon_fingerprint(lexicon),
        "matcher": matcher_version(),
        "options": relevant,
        "themes": list(theme_ids) if theme_ids is not None else None,
    }
    if options.report.readiness:
        # the readiness lens's own terms: an edited gereedheid-nl invalidates too
        from ..analyse.readiness import READINESS_LEXICON
        from ..lexicon import load_lexicon

        parts["readiness"] = lexicon_fingerprint(load_lexicon(READINESS_LEXICON))
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


# A regular file larger than this is not hashed here (in the parent, without a time
# limit): it goes to a worker uncached, where --timeout and --max-memory decide. Hashing a
# gigabyte takes about a second; no visie comes near it.
HASH_LIMIT_BYTES = 1 << 30


def file_sha256(path: str | Path) -> str | None:
    """The SHA-256 of a regular file, read in chunks; None when it is not hashed here.

    The result cache is asked in the parent, before any worker with its limits exists,
    so this must never block or run without end. Refusing what is not a regular file
    before it is opened suffices, and hashing stays here (a warm run starts no worker
    at all): a FIFO, device, socket, folder or symlink loop is refused by its ``stat``
    and by ``fstat`` of a non-blocking open (``visiecheck.files``), and of a regular file
    at most its size (no more than ``HASH_LIMIT_BYTES``) is read. Every refusal is None:
    the file then goes to a worker, which reports it as a row.

    Remembered in this process per path, size and modification time, so asking twice
    (``batch.start_workers`` and then ``batch.batch``) reads the file once.
    """
    try:
        handle, size = open_regular(path)
    except VisiecheckError:
        return None
    with handle:
        try:
            status = os.fstat(handle.fileno())
        except OSError:
            return None
        if size > HASH_LIMIT_BYTES:
            return None
        remembered = (str(path), status.st_size, status.st_mtime_ns)
        if remembered in _hashes:
            return _hashes[remembered]
        digest = hashlib.sha256()
        left = size + 1  # one byte more than the size: a file that grows is not cached
        try:
            while left > 0 and (chunk := handle.read(min(1 << 20, left))):
                digest.update(chunk)
                left -= len(chunk)
        except OSError:
            return None
    if left <= 0:
        return None  # longer than it said (being written, or a /proc file): no key
    _hashes[remembered] = digest.hexdigest()
    return _hashes[remembered]


# --- (de)serialising a DocumentReport ------------------------------------------------


def _hit_from(data: dict[str, Any]) -> Hit:
    stance = data.get("stance")
    return Hit(
        **{
            **data,
            "context": Context(data["context"]),
            "section_kind": SectionKind(data.get("section_kind", SectionKind.TEXT)),
            "stance": Stance(stance) if stance else None,
        }
    )


def _coverage_from(data: dict[str, Any]) -> ThemeCoverage:
    stance = data.get("stance")
    searched = data.get("searched")
    return ThemeCoverage(
        **{
            **data,
            "status": Status(data["status"]),
            "pages": tuple(data["pages"]),
            "evidence": tuple(_hit_from(hit) for hit in data["evidence"]),
            "depth": Depth(data.get("depth", Depth.MISSING)),
            "stance": Stance(stance) if stance else None,
            "searched": SearchInfo(**searched) if searched else None,
        }
    )


def _signal_from(data: dict[str, Any]) -> ReadinessSignal:
    return ReadinessSignal(
        **{
            **data,
            "status": SignalStatus(data["status"]),
            "evidence": tuple(_hit_from(hit) for hit in data["evidence"]),
        }
    )


def to_payload(report: DocumentReport) -> str:
    data = dataclasses.asdict(dataclasses.replace(report, warning_messages=()))
    data["warning_messages"] = [message.to_data() for message in report.warning_messages]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def from_payload(payload: str) -> DocumentReport:
    data = json.loads(payload)
    return DocumentReport(
        **{
            **data,
            "pages_without_text": tuple(data["pages_without_text"]),
            "fingerprint": tuple(data.get("fingerprint", ())),
            "warnings": tuple(data["warnings"]),
            "error_params": tuple(tuple(pair) for pair in data.get("error_params", ())),
            "warning_messages": tuple(
                Msg.from_data(message) for message in data.get("warning_messages", ())
            ),
            "themes": tuple(_coverage_from(item) for item in data["themes"]),
            "readiness": tuple(_signal_from(item) for item in data.get("readiness", ())),
            "metadata": DocumentMetadata(**data["metadata"]) if data.get("metadata") else None,
        }
    )


# --- the SQLite store ----------------------------------------------------------------


def _cache_directory(directory: Path | None) -> Path:
    from ..extract.cache import cache_directory

    return cache_directory(directory)


def _connect(directory: Path) -> sqlite3.Connection:
    from ..extract.cache import _TIMEOUT

    directory.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(directory / CACHE_FILE, timeout=_TIMEOUT)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.executescript(_SCHEMA)
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def prepare(directory: Path | None = None) -> tuple[bool, tuple[str, ...]]:
    """Before a run that uses the caches: ``(usable, notices)``.

    A damaged cache file (the result cache or the extraction cache) is rebuilt, with a
    notice: otherwise every run would silently stay cold. A cache that cannot be written
    gives one notice and ``usable`` False: the run then goes without any cache rather
    than trying, and failing, for every file.
    """
    from ..extract import cache as extract_cache

    folder = _cache_directory(directory)
    states = {
        folder / CACHE_FILE: extract_cache.repair_database(folder / CACHE_FILE, _SCHEMA),
        folder / extract_cache.CACHE_FILE: extract_cache.repair(folder),
    }
    if extract_cache.CACHE_READ_ONLY in states.values():
        return False, (Msg("notice.cache_read_only", folder=str(folder)),)
    return True, tuple(
        Msg("notice.cache_rebuilt", path=str(path))
        for path, state in states.items()
        if state == extract_cache.CACHE_REBUILT
    )


def load(key: str, directory: Path | None = None) -> DocumentReport | None:
    """The cached result for ``key``, or None (absent, unreadable or of an old shape).

    Repairs what it finds damaged, without saying so; a run uses ``ResultCache``, which
    says it once.
    """
    return ResultCache(directory).load(key)


class ResultCache:
    """The result cache as one run reads it: damage is repaired where it is found.

    ``prepare`` (as a run starts) rebuilds a database that cannot be opened at all; what
    only shows when one entry is read is handled here, by the run that reads it, so the
    next run is warm again instead of cold for that file for ever:

    - an entry whose stored result cannot be decoded is deleted (the run then stores a
      good one under its key);
    - a damaged part of the database (SQLite reports it as corrupt) makes the whole file
      be rewritten with every entry that can still be read: written beside it and moved
      into its place in one step (``os.replace``), so no reader ever sees half a file.
      Once per run: damage that survives the rewrite turns the cache off;
    - a cache that turns out not to be writable is not used for the rest of the run.

    ``notices`` holds what the run should say about it, each at most once (not per
    document); ``usable`` is False once the cache is off, so a run stores nothing more.
    """

    def __init__(self, directory: Path | None = None) -> None:
        self.folder = _cache_directory(directory)
        self.usable = True
        self.notices: list[Msg] = []
        self._repaired = False

    def load(self, key: str) -> DocumentReport | None:
        """The cached result for ``key``, or None (absent, damaged, or the cache is off)."""
        if not self.usable:
            return None
        try:
            connection = _connect(self.folder)
            try:
                row = connection.execute(
                    "SELECT payload FROM reports WHERE key = ?", (key,)
                ).fetchone()
                if row is None:
                    return None
                try:
                    return from_payload(row[0])
                except (ValueError, KeyError, TypeError):
                    with connection:  # a damaged entry: gone now, a good one comes in its place
                        connection.execute("DELETE FROM reports WHERE key = ?", (key,))
                    return None
            finally:
                connection.close()
        except sqlite3.Error as error:
            self._handle(error)
        except OSError:
            self._turn_off()
        return None

    def _handle(self, error: sqlite3.Error) -> None:
        from ..extract.cache import _DAMAGED, _NOT_WRITABLE

        code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary result code
        if code in _NOT_WRITABLE:
            self._turn_off()
        elif code in _DAMAGED:
            if self._repaired:
                self._turn_off()  # damaged again after the rewrite: no loop, no cache
                return
            self._repaired = True
            try:
                kept = _rewrite_readable(self.folder / CACHE_FILE)
            except (OSError, sqlite3.Error):
                self._turn_off()
                return
            self.notices.append(
                Msg("notice.cache_repaired", path=str(self.folder / CACHE_FILE), kept=kept)
            )
        # anything else (busy, locked by another run): a miss, not ours to judge

    def _turn_off(self) -> None:
        if self.usable:
            self.usable = False
            self.notices.append(Msg("notice.cache_read_only", folder=str(self.folder)))


def _rewrite_readable(path: Path) -> int:
    """Rewrite the cache at ``path`` with the entries that can still be read; how many.

    The new file is made beside the old one and moved over it in one step; the old
    file's WAL and shared-memory files go first, so they are never applied to the new.
    """
    kept: list[tuple[str, str]] = []
    from ..extract.cache import _TIMEOUT

    old = sqlite3.connect(path, timeout=_TIMEOUT)
    try:
        try:
            keys = [row[0] for row in old.execute("SELECT key FROM reports")]
        except sqlite3.Error:
            keys = []  # not even the keys can be listed: start empty
        for key in keys:
            try:
                row = old.execute("SELECT payload FROM reports WHERE key = ?", (key,)).fetchone()
                if row is not None:
                    from_payload(row[0])
                    kept.append((key, row[0]))
            except (sqlite3.Error, ValueError, KeyError, TypeError):
                continue  # this entry is the damage
    finally:
        old.close()
    fresh = path.with_name(f"{path.name}.{os.getpid()}.new")
    fresh.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(fresh)
        try:
            connection.executescript(_SCHEMA)
            with connection:
                connection.executemany(
                    "INSERT OR REPLACE INTO reports (key, payload) VALUES (?, ?)", kept
                )
                connection.executemany(
                    "INSERT OR IGNORE INTO files (sha256) VALUES (?)",
                    [(from_payload(payload).sha256,) for _, payload in kept],
                )
        finally:
            connection.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(fresh, path)
    finally:
        fresh.unlink(missing_ok=True)
    return len(kept)


def known_files(sha256s: Iterable[str], directory: Path | None = None) -> set[str]:
    """Which of these files have a stored result under *any* lexicon or options.

    Cheap (no lexicon needed): ``batch`` uses it to guess a warm run before the
    lexicon is loaded, and then does not start workers it will not need.
    """
    wanted = list(dict.fromkeys(sha256s))
    try:
        connection = _connect(_cache_directory(directory))
        try:
            found: set[str] = set()
            for start in range(0, len(wanted), 500):  # SQLite's limit on parameters
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT sha256 FROM files WHERE sha256 IN ({marks})", chunk
                )
                found.update(row[0] for row in rows)
        finally:
            connection.close()
        return found
    except (OSError, sqlite3.Error):
        return set()


def store(key: str, report: DocumentReport, directory: Path | None = None) -> bool:
    """Save one result; False (nothing raised) when the cache cannot be written."""
    if report.failed:
        return False  # a failure may be temporary (a timeout, a file being written)
    try:
        connection = _connect(_cache_directory(directory))
        try:
            with connection:
                connection.execute(
                    "INSERT OR REPLACE INTO reports (key, payload) VALUES (?, ?)",
                    (key, to_payload(report)),
                )
                connection.execute(
                    "INSERT OR IGNORE INTO files (sha256) VALUES (?)", (report.sha256,)
                )
        finally:
            connection.close()
        return True
    except (OSError, sqlite3.Error, TypeError, ValueError):
        return False
