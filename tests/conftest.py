"""Shared fixtures: a private extraction cache per test and the PDF factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import pdf_factory


@pytest.fixture(autouse=True)
def _private_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Never touch the user's real cache: every test gets an empty cache folder."""
    directory = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("VISIECHECK_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def cache_dir(_private_cache_dir: Path) -> Path:
    """The cache folder the current test's extractions use."""
    return _private_cache_dir


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    """``make_pdf(pages, **options)`` → a PDF in the test's tmp folder (see pdf_factory).

    ``make_pdf(folder, pages, **options)`` also works, like ``pdf_factory.make_pdf``.
    """

    def build(*args: Any, **options: Any) -> Path:
        if args and isinstance(args[0], str | Path):
            folder, pages = Path(args[0]), args[1] if len(args) > 1 else options.pop("pages")
        else:
            folder, pages = tmp_path, args[0] if args else options.pop("pages")
        return pdf_factory.make_pdf(folder, pages, **options)

    return build
