"""On-disk cache of read documents: one SQLite row per (file hash, engine, version).

A cache is a convenience: every failure here (unwritable folder, locked or corrupt
database) is swallowed and the caller simply reads the PDF again.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import platformdirs

from ..messages import Msg
from ..models import Page

CACHE_ENV = "VISIECHECK_CACHE_DIR"
CACHE_FILE = "extract-cache.sqlite3"
_TIMEOUT = 5.0  # seconds to wait for another process holding the write lock

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT NOT NULL,
    engine TEXT NOT NULL,
    version TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (sha256, engine, version)
)
"""


def cache_directory(cache_dir: Path | None = None) -> Path:
    """The ``cache_dir`` argument, else ``$VISIECHECK_CACHE_DIR``, else the user cache."""
    if cache_dir is not None:
        return Path(cache_dir)
    from_env = os.environ.get(CACHE_ENV)
    if from_env:
        return Path(from_env)
    return Path(platformdirs.user_cache_dir("visiecheck"))


def _connect(directory: Path) -> sqlite3.Connection:
    directory.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(directory / CACHE_FILE, timeout=_TIMEOUT)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(_SCHEMA)
    except sqlite3.Error:
        connection.close()
        raise
    return connection


# What opening a cache database as a run starts can find (``repair_database``).
CACHE_OK = "ok"
CACHE_REBUILT = "rebuilt"  # it was damaged: removed and made anew, empty
CACHE_READ_ONLY = "read-only"  # it cannot be written: the run goes without it

_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_NOT_WRITABLE = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}


def _open_database(path: Path, schema: str) -> None:
    connection = sqlite3.connect(path, timeout=_TIMEOUT)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.executescript(schema)
    finally:
        connection.close()


def repair_database(path: Path, schema: str) -> str:
    """Open one cache database the way every use does: ``CACHE_OK``, ``CACHE_REBUILT``
    or ``CACHE_READ_ONLY``.

    Every use swallows errors (a cache is a convenience), so a damaged file would read
    as a miss on every run for ever; this is asked once as a run starts and removes a
    damaged file (with its WAL and shared-memory files) so an empty one takes its place.
    A file, or a folder, that cannot be written is left alone. A database another run
    holds locked is fine.
    """
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return CACHE_READ_ONLY
    writable = os.access(directory, os.W_OK | os.X_OK)
    if not writable or (path.exists() and not os.access(path, os.R_OK | os.W_OK)):
        return CACHE_READ_ONLY
    try:
        _open_database(path, schema)
        return CACHE_OK
    except sqlite3.Error as error:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary result code
        if code in _NOT_WRITABLE:
            return CACHE_READ_ONLY
        if code not in _DAMAGED:
            return CACHE_OK  # busy or locked by another run: not ours to judge
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            return CACHE_READ_ONLY
    try:
        _open_database(path, schema)
    except sqlite3.Error:
        return CACHE_READ_ONLY
    return CACHE_REBUILT


def repair(directory: Path) -> str:
    """``repair_database`` for the extraction cache in ``directory``."""
    return repair_database(directory / CACHE_FILE, _SCHEMA)


def load(
    directory: Path, sha256: str, engine: str, version: str
) -> tuple[tuple[Page, ...], tuple[Msg, ...]] | None:
    """The cached pages and warnings (as messages), or None when absent or unreadable
    (an entry whose warnings are plain texts, from before the catalogue, too)."""
    try:
        connection = _connect(directory)
        try:
            row = connection.execute(
                "SELECT payload FROM documents WHERE sha256 = ? AND engine = ? AND version = ?",
                (sha256, engine, version),
            ).fetchone()
        finally:
            connection.close()
        if row is None:
            return None
        payload = json.loads(row[0])
        pages = tuple(
            Page(
                number=int(page["number"]),
                text=str(page["text"]),
                has_text_layer=bool(page["has_text_layer"]),
                removed_lines=tuple(str(line) for line in page["removed_lines"]),
                ocr=bool(page.get("ocr", False)),
                heading_lines=tuple(str(line) for line in page.get("heading_lines", ())),
                damaged=bool(page.get("damaged", False)),
            )
            for page in payload["pages"]
        )
        return pages, tuple(Msg.from_data(warning) for warning in payload["warnings"])
    except (OSError, sqlite3.Error, ValueError, KeyError, TypeError):
        return None  # a broken cache means: read the file again


def store(
    directory: Path,
    sha256: str,
    engine: str,
    version: str,
    pages: tuple[Page, ...],
    warnings: tuple[Msg, ...],
) -> bool:
    """Save one document; False (and nothing raised) when the cache cannot be written."""
    payload = json.dumps(
        {
            "pages": [
                {
                    "number": page.number,
                    "text": page.text,
                    "has_text_layer": page.has_text_layer,
                    "removed_lines": list(page.removed_lines),
                    "ocr": page.ocr,
                    "heading_lines": list(page.heading_lines),
                    "damaged": page.damaged,
                }
                for page in pages
            ],
            "warnings": [warning.to_data() for warning in warnings],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    try:
        connection = _connect(directory)
        try:
            with connection:
                connection.execute(
                    "INSERT OR REPLACE INTO documents (sha256, engine, version, payload) "
                    "VALUES (?, ?, ?, ?)",
                    (sha256, engine, version, payload),
                )
        finally:
            connection.close()
        return True
    except (OSError, sqlite3.Error):
        return False
