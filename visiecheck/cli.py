"""The command-line interface: parses options, calls one core function, renders.

All user-facing failures arrive here as ``VisiecheckError`` and leave as one line on
standard error plus the documented exit code. Data goes to standard output; people
messages (warnings, progress) go to standard error.
"""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import ExitCode, UsageError, VisiecheckError
from .settings import DEFAULT_ENGINE, ENGINES

app = typer.Typer(
    name="visiecheck",
    help="Check Dutch omgevingsvisies for the soil and subsurface themes (bodem en ondergrond).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state = {"verbose": False}

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"visiecheck: {message}", err=True)
    return typer.Exit(int(code))


def handle_errors(command: F) -> F:
    """Turn every error into one stderr line and its exit code; tracebacks only with -v."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except VisiecheckError as error:
            raise _fail(error.message, error.exit_code) from None
        except typer.Exit:
            raise
        except KeyboardInterrupt:
            raise _fail("interrupted", 130) from None
        except Exception as error:  # a bug: never show a traceback unless asked
            if _state["verbose"]:
                traceback.print_exc()
            raise _fail(
                f"internal error ({type(error).__name__}: {error}); "
                "run again with --verbose and report it",
                ExitCode.INTERNAL_ERROR,
            ) from None

    return wrapper  # type: ignore[return-value]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"visiecheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show tracebacks of internal errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """visiecheck: which subsurface themes does an omgevingsvisie address?"""
    _state["verbose"] = verbose


EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        help=f"PDF text engine: {' or '.join(ENGINES)} (layout-aware, slower).",
    ),
]
PasswordOption = Annotated[
    str | None, typer.Option("--password", help="Password of a protected PDF.")
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Read the file again instead of using the cache.")
]


def parse_page_range(spec: str | None) -> tuple[int, int] | None:
    """``"3-7"`` → (3, 7); ``"5"`` → (5, 5); None → None (all pages)."""
    if spec is None:
        return None
    try:
        if "-" in spec:
            first_text, last_text = spec.split("-", 1)
            first, last = int(first_text), int(last_text)
        else:
            first = last = int(spec)
    except ValueError:
        raise UsageError(f"--pages {spec!r}: use a page or a range such as 3-7") from None
    if first < 1 or last < first:
        raise UsageError(f"--pages {spec!r}: pages start at 1 and the range must ascend")
    return first, last


@app.command()
@handle_errors
def extract(
    file: Annotated[Path, typer.Argument(help="The PDF to read.")],
    engine: EngineOption = DEFAULT_ENGINE,
    output_format: Annotated[
        str, typer.Option("--format", help="text (with page markers) or json.")
    ] = "text",
    pages: Annotated[
        str | None, typer.Option("--pages", help="Only these pages, e.g. 3-7.")
    ] = None,
    password: PasswordOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Print the normalised text per page: what visiecheck reads in a file."""
    from .extract import extract as extract_document
    from .settings import MatchSettings

    if output_format not in ("text", "json"):
        raise UsageError(f"--format {output_format!r}: choose text or json")
    MatchSettings(engine=engine).validate()
    page_range = parse_page_range(pages)
    document = extract_document(file, engine=engine, password=password, use_cache=not no_cache)
    selected = [
        page
        for page in document.pages
        if page_range is None or page_range[0] <= page.number <= page_range[1]
    ]
    for warning in document.warnings:
        typer.echo(f"waarschuwing: {warning}", err=True)
    if output_format == "json":
        payload = {
            "file": document.path,
            "sha256": document.sha256,
            "engine": document.engine,
            "pages": document.page_count,
            "pages_without_text": document.pages_without_text,
            "warnings": list(document.warnings),
            "page_texts": [
                {
                    "page": page.number,
                    "has_text_layer": page.has_text_layer,
                    "text": page.text,
                    "removed_lines": list(page.removed_lines),
                }
                for page in selected
            ],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    for page in selected:
        marker = f"=== pagina {page.number} ==="
        if not page.has_text_layer:
            marker += " (geen tekstlaag)"
        sys.stdout.write(marker + "\n" + page.text.rstrip() + "\n\n")


def main() -> None:
    """Console-script entry point."""
    app()
