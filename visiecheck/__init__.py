"""visiecheck: find the soil and subsurface themes in Dutch omgevingsvisies.

The core is a pipeline of pure functions over frozen dataclasses:
``extract`` (file → Document) → ``match`` (Document → hits) → ``assess`` (hits →
coverage per theme) → ``check`` (file → DocumentReport). The CLI only renders.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import ExitCode, VisiecheckError
from .models import (
    Document,
    DocumentReport,
    Hit,
    Lexicon,
    Page,
    Report,
    Status,
    Theme,
    ThemeCoverage,
)
from .settings import MatchSettings

__all__ = [
    "Document",
    "DocumentReport",
    "ExitCode",
    "Hit",
    "Lexicon",
    "MatchSettings",
    "Page",
    "Report",
    "Status",
    "Theme",
    "ThemeCoverage",
    "VisiecheckError",
    "__version__",
]
