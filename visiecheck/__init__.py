"""visiecheck: find the soil and subsurface themes in Dutch omgevingsvisies.

The verbs (``visiecheck.api``): ``check_files``, ``explain``, ``diff_files``,
``load_lexicon``, ``collect_inputs`` and ``render_report``; they return the frozen dataclasses
of ``visiecheck.models`` and raise ``VisiecheckError``. See docs/python-api.md.

The names below are imported on first use (PEP 562): ``import visiecheck`` itself loads
nothing, so the command's entry point can start a batch's worker fork server before any
of the package is imported.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .api import (
        BatchItem,
        check_files,
        collect_inputs,
        diff_files,
        explain,
        load_lexicon,
        render_report,
        select_themes,
    )
    from .errors import (
        ExitCode,
        VisiecheckError,
        exit_code_for,
    )
    from .models import (
        Document,
        DocumentDiff,
        DocumentReport,
        Hit,
        Lexicon,
        Page,
        Report,
        Stance,
        Status,
        Theme,
        ThemeCoverage,
    )
    from .options import (
        MatchOptions,
        Options,
        ReadOptions,
        ReportOptions,
    )

_EXPORTS = {
    "BatchItem": "api",
    "check_files": "api",
    "collect_inputs": "api",
    "diff_files": "api",
    "explain": "api",
    "load_lexicon": "api",
    "render_report": "api",
    "select_themes": "api",
    "ExitCode": "errors",
    "VisiecheckError": "errors",
    "exit_code_for": "errors",
    "Document": "models",
    "DocumentDiff": "models",
    "DocumentReport": "models",
    "Hit": "models",
    "Lexicon": "models",
    "Page": "models",
    "Report": "models",
    "Stance": "models",
    "Status": "models",
    "Theme": "models",
    "ThemeCoverage": "models",
    "MatchOptions": "options",
    "Options": "options",
    "ReadOptions": "options",
    "ReportOptions": "options",
}

__all__ = [
    "BatchItem",
    "Document",
    "DocumentDiff",
    "DocumentReport",
    "ExitCode",
    "Hit",
    "Lexicon",
    "MatchOptions",
    "Options",
    "Page",
    "ReadOptions",
    "Report",
    "ReportOptions",
    "Stance",
    "Status",
    "Theme",
    "ThemeCoverage",
    "VisiecheckError",
    "__version__",
    "check_files",
    "collect_inputs",
    "diff_files",
    "exit_code_for",
    "explain",
    "load_lexicon",
    "render_report",
    "select_themes",
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
