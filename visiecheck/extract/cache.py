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


def load(
    directory: Path, sha256: str, engine: str, version: str
) -> tuple[tuple[Page, ...], tuple[str, ...]] | None:
    """The cached pages and warnings, or None when absent or unreadable."""
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
        return pages, tuple(str(warning) for warning in payload["warnings"])
    except (OSError, sqlite3.Error, ValueError, KeyError, TypeError):
        return None  # a broken cache means: read the file again


def store(
    directory: Path,
    sha256: str,
    engine: str,
    version: str,
    pages: tuple[Page, ...],
    warnings: tuple[str, ...],
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
            "warnings": list(warnings),
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
