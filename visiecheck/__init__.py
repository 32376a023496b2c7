"""visiecheck: find the soil and subsurface themes in Dutch omgevingsvisies.

The core is a pipeline of pure functions over frozen dataclasses:
``extract`` (file → Document) → ``match`` (Document → hits) → ``assess`` (hits →
coverage per theme) → ``check`` (file → DocumentReport). The CLI only renders.

The names below are imported on first use (PEP 562): ``import visiecheck`` itself loads
nothing, so the command's entry point can start a batch's worker fork server before any
of the package is imported.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
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
    from .options import MatchSettings

_EXPORTS = {
    "Document": "models",
    "DocumentReport": "models",
    "ExitCode": "errors",
    "Hit": "models",
    "Lexicon": "models",
    "MatchSettings": "options",
    "Page": "models",
    "Report": "models",
    "Status": "models",
    "Theme": "models",
    "ThemeCoverage": "models",
    "VisiecheckError": "errors",
}

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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'visiecheck' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
