"""The command-line interface: parses options, calls one core function, renders.

All user-facing failures arrive here as ``VisiecheckError`` and leave as one line on
standard error plus the documented exit code. Data goes to standard output; people
messages (warnings, progress) go to standard error.

Standard output is written by ``_write_stdout`` only, which flushes at once: a report cut
off by a full disk ends with ``OUTPUT_ERROR`` and a message, like ``--output`` does, and a
reader that closes the pipe early (``| head``) ends the run quietly with ``PIPE_CLOSED``.
Messages on standard error go through ``_say``: a file name or an error text can carry
control characters (a POSIX name may hold ESC), which are written as visible escapes
(``safetext.visible``), so nothing retitles or clears the terminal.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import (
    ExitCode,
    LexiconError,
    OutputError,
    UnknownThemeError,
    UsageError,
    VisiecheckError,
    exit_code_for,
)
from .messages import Hints, Msg, use_hints
from .models import DocumentDiff, Report
from .options import (
    DEFAULT_ENGINE,
    DEFAULT_EVIDENCE,
    DEFAULT_EXAMPLES,
    ENGINES,
    LANGUAGES,
    ReadOptions,
    ReportOptions,
)
from .output import write_atomically
from .safetext import escape_file_name, visible

if TYPE_CHECKING:
    from .api import ProgressCallback

app = typer.Typer(
    name="visiecheck",
    help="Check Dutch omgevingsvisies for the soil and subsurface themes (bodem en ondergrond).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state: dict[str, Any] = {"verbose": False, "quiet": False, "lang": "nl"}

# What the command line offers where a message points to an option (``messages``): the
# Python API's table names the call instead. A hint may use the message's parameters.
CLI_HINTS: Hints = {
    "password_hint": {
        "nl": "geef het wachtwoord met --password",
        "en": "give the password with --password",
    },
    "password_retry_hint": {
        "nl": "geef het juiste met --password",
        "en": "give the right one with --password",
    },
    "ocr_hint": {
        "nl": "draai opnieuw met --ocr om het met OCR te lezen (Tesseract, Nederlands) en "
        "controleer het resultaat",
        "en": "run again with --ocr to read it with OCR (Tesseract, Dutch) and check the result",
    },
    "ocr_option": {"nl": "--ocr", "en": "--ocr"},
    "ocr_use_hint": {
        "nl": "gebruik --ocr voor tekstherkenning",
        "en": "use --ocr to read it with OCR",
    },
    "engine_hint": {
        "nl": "probeer --engine {other_engine}",
        "en": "try --engine {other_engine}",
    },
    "timeout_hint": {"nl": "verhoog dit met --timeout", "en": "raise it with --timeout"},
    "memory_hint": {"nl": "probeer --max-memory hoger", "en": "try a higher --max-memory"},
    "memory_value_hint": {
        "nl": "geef --max-memory {needed}",
        "en": "give --max-memory {needed}",
    },
    "recursive_hint": {
        "nl": " (voeg --recursive toe om ook in submappen te zoeken)",
        "en": " (add --recursive to look in sub-folders)",
    },
    "output_hint": {
        "nl": "schrijf het met --output waar ruimte is",
        "en": "write it with --output where there is room",
    },
    "api_key_hint": {"nl": "geef hem met --api-key", "en": "give it with --api-key"},
    "fetch_timeout_hint": {
        "nl": "verhoog de wachttijd met --timeout",
        "en": "raise the wait with --timeout",
    },
}

F = TypeVar("F", bound=Callable[..., Any])

# Every Path parameter says ``readable=False``: Typer's default (click's own ``readable``
# check) answers an unreadable file with a usage box and exit 2, and stops ``check a b``
# as a whole. The library reads the file and refuses it itself (exit 3, one line, one
# report row among the others). ``tests/test_hostile_files.py`` checks every command.


def _say(message: str) -> None:
    """One line for people on standard error; unsafe characters written as escapes. A
    closed standard error (``2>&-``, a pipe whose reader ended) loses the line quietly."""
    with contextlib.suppress(OSError):
        typer.echo(visible(message), err=True)


def _warn(message: str) -> None:
    """A warning or notice for people: left out with ``--quiet`` (errors never are)."""
    if not _state["quiet"]:
        _say(message)


def _lang() -> str:
    """The language of people messages: the command's ``--lang``, else Dutch."""
    return str(_state["lang"])


def _text(key: str, **params: Any) -> str:
    """A catalogue message in the command's language, with the CLI's hints."""
    return Msg(key, **params).text(_lang(), CLI_HINTS)


def _fail(message: str, code: int) -> typer.Exit:
    _say(f"visiecheck: {message}")
    return typer.Exit(int(code))


class _StdoutClosed(Exception):
    """The reader of standard output closed the pipe (only raised by ``_write_stdout``: a
    broken pipe anywhere else, e.g. to a worker, stays the internal error it is)."""


def _write_stdout(data: str | bytes) -> None:
    """Write a report (text, or bytes for xlsx) to standard output and flush it now.

    Nothing may get lost unnoticed: a write or flush that fails (a full disk, ``>
    /dev/full``) raises ``OutputError``. A closed pipe raises ``_StdoutClosed``, which
    ``handle_errors`` turns into a quiet ``PIPE_CLOSED``.
    """
    try:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
            sys.stdout.flush()
    except BrokenPipeError:
        raise _StdoutClosed from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise OutputError(Msg("output.stdout", reason=reason)) from None


def _pipe_closed() -> typer.Exit:
    """The reader of standard output went away (``| head``): not an error worth a message.
    What is still buffered goes to the null device, so leaving does not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    return typer.Exit(int(ExitCode.PIPE_CLOSED))


def handle_errors(command: F) -> F:
    """Turn every error into one stderr line and its exit code; tracebacks only with -v."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # Messages in the command's --lang (Dutch when it has none or an unknown one);
        # a hint in a message names this command line's flags.
        lang = kwargs.get("lang")
        _state["lang"] = lang if lang in LANGUAGES else "nl"
        try:
            with use_hints(CLI_HINTS):
                return command(*args, **kwargs)
        except VisiecheckError as error:
            raise _fail(error.text(_lang(), CLI_HINTS), error.exit_code) from None
        except typer.Exit:
            raise
        except _StdoutClosed:
            raise _pipe_closed() from None
        except KeyboardInterrupt:
            raise _fail(_text("cli.interrupted"), 130) from None
        except Exception as error:  # a bug: never show a traceback unless asked
            if _state["verbose"]:
                traceback.print_exc()
            raise _fail(
                _text(
                    "cli.internal",
                    detail=f"{type(error).__name__}: {error}",
                    verbose_option="--verbose",
                ),
                ExitCode.INTERNAL_ERROR,
            ) from None

    return wrapper  # type: ignore[return-value]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"visiecheck {__version__}")
        raise typer.Exit()


def _set_verbose(value: bool) -> bool:
    if value:
        _state["verbose"] = True
    return value


def _set_quiet(value: bool) -> bool:
    if value:
        _state["quiet"] = True
    return value


# Both before and after the command name (``visiecheck -v check a.pdf`` and ``visiecheck
# check a.pdf -v``): every command takes these two, and so does the main program.
ReadinessOption = Annotated[
    bool,
    typer.Option(
        "--readiness",
        help="Also the readiness lens 'Huiswerk klaar' (lexicon gereedheid-nl): per "
        "document each signal found or not, with evidence and advice. Theme verdicts "
        "do not change.",
    ),
]
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        callback=_set_verbose,
        is_eager=True,
        help="Show tracebacks of internal errors.",
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        callback=_set_quiet,
        is_eager=True,
        help="Only errors on standard error: no warnings, notices or progress bar.",
    ),
]


@app.callback()
def _main_options(
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """visiecheck: which subsurface themes does an omgevingsvisie address?"""
    # set from this call's own options: a previous call in the same process (tests, a
    # notebook) leaves nothing behind; a command's own -v/-q set them again after this
    _state["verbose"] = verbose
    _state["quiet"] = quiet


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
OcrOption = Annotated[
    bool,
    typer.Option(
        "--ocr",
        help="Read pages without a text layer (scans) with OCR: OCRmyPDF + Tesseract, Dutch.",
    ),
]


def require_choice(option: str, value: str, choices: Sequence[str]) -> None:
    """A usage error naming the option and the allowed values, e.g. for --format."""
    if value not in choices:
        raise UsageError(
            Msg("usage.choice", option=option, value=value, choices=", ".join(choices))
        )


def require_at_least(option: str, value: float, minimum: float, unit: str = "") -> None:
    """A usage error naming the option when ``value`` is below ``minimum``."""
    if value < minimum:
        raise UsageError(Msg("usage.at_least", option=option, minimum=minimum, unit=unit))


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
        raise UsageError(Msg("usage.page_range", option="--pages", value=spec)) from None
    if first < 1 or last < first:
        raise UsageError(Msg("usage.page_order", option="--pages", value=spec))
    return first, last


def _within_document(
    spec: str | None, page_range: tuple[int, int] | None, count: int, unit: str
) -> tuple[int, int] | None:
    """``--pages`` held against the document: wholly beyond its end is a usage error
    naming the count (an empty result with exit 0 would look like a blank page); a range
    that runs past the end is cut, with a note on standard error."""
    if page_range is None:
        return None
    first, last = page_range
    noun = Msg(f"word.{unit}" if count == 1 else f"word.{unit}s")
    if first > count:
        raise UsageError(
            Msg("usage.pages_beyond", option="--pages", value=spec, count=count, noun=noun)
        )
    if last > count:
        shown = str(count) if first == count else f"{first}-{count}"
        cut = _text(
            "cli.pages_cut", option="--pages", value=spec, count=count, noun=noun, shown=shown
        )
        _warn(f"visiecheck: {_text('cli.warning', text=cut)}")
        return first, count
    return page_range


TimeoutOption = Annotated[
    float, typer.Option("--timeout", help="Seconds per document before it is stopped.")
]
MaxMemoryOption = Annotated[
    int, typer.Option("--max-memory", help="Memory limit per worker process, in MB.")
]


def _read_options(engine: str, password: str | None, no_cache: bool, ocr: bool) -> ReadOptions:
    """The read options of a command's flags (the engine checked as a flag)."""
    require_choice("--engine", engine, ENGINES)
    return ReadOptions(engine=engine, password=password, use_cache=not no_cache, ocr=ocr)


def require_limits(timeout: float, max_memory: int) -> None:
    """The per-document limits every command that reads a file takes."""
    if timeout <= 0:
        raise UsageError(Msg("usage.more_than", option="--timeout", minimum=0, unit=" s"))
    require_at_least("--max-memory", max_memory, 256, unit=" (MB)")


def _say_memory_notice(max_memory: int) -> None:
    """Once, where this platform cannot cap a worker's memory (a one-file command)."""
    from . import api

    notice = api.memory_limit_notice(max_memory, _lang())
    if notice:
        _warn(f"visiecheck: {notice}")


@app.command()
@handle_errors
def extract(
    file: Annotated[Path, typer.Argument(help="The PDF to read.", readable=False)],
    engine: EngineOption = DEFAULT_ENGINE,
    output_format: Annotated[
        str, typer.Option("--format", help="text (with page markers) or json.")
    ] = "text",
    pages: Annotated[
        str | None, typer.Option("--pages", help="Only these pages, e.g. 3-7.")
    ] = None,
    password: PasswordOption = None,
    no_cache: NoCacheOption = False,
    ocr: OcrOption = False,
    timeout: TimeoutOption = 120.0,
    max_memory: MaxMemoryOption = 2048,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Print the normalised text per page: what visiecheck reads in a file."""
    from . import api
    from .render import views

    require_choice("--format", output_format, ("text", "json"))
    page_range = parse_page_range(pages)
    require_limits(timeout, max_memory)
    _say_memory_notice(max_memory)
    document = api.read_file(
        file,
        read=_read_options(engine, password, no_cache, ocr),
        timeout=timeout,
        max_memory_mb=max_memory,
    )
    page_range = _within_document(pages, page_range, document.page_count, document.location_unit)
    selected = [
        page
        for page in document.pages
        if page_range is None or page_range[0] <= page.number <= page_range[1]
    ]
    # the warnings in the command's language, with this command line's hints
    document = dataclasses.replace(document, warnings=document.warning_texts(_lang()))
    for warning in document.warnings:
        _warn(_text("cli.warning", text=warning))
    render = views.extract_json if output_format == "json" else views.extract_text
    _write_stdout(render(document, selected))


# --- check and explain -------------------------------------------------------------

LexiconOption = Annotated[
    str | None,
    typer.Option("--lexicon", help="A lexicon YAML file or shipped name (default: ondergrond-nl)."),
]
LangOption = Annotated[str, typer.Option("--lang", help="Report language: nl or en.")]
ThemesOption = Annotated[
    str,
    typer.Option(
        "--themes",
        help="core, all, or themes separated by commas: ids, Dutch labels (Geothermie, "
        "bodemleven), matrix codes (GEO) or synonyms (WKO).",
    ),
]
THEME_ARGUMENT = Msg("cli.theme_argument")


def names_theme_errors(where: str | Msg) -> Callable[[F], F]:
    """An unknown theme named by what the user typed it in (``--themes``, the THEME
    argument) instead of the API field the library knows it by."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return command(*args, **kwargs)
            except UnknownThemeError as error:
                raise error.named(where) from None

        return wrapper  # type: ignore[return-value]

    return decorate


def _terminal_width(*, wide: bool = False) -> int:
    """The width a table on the terminal may take: the terminal's own (``COLUMNS`` when
    set), at least 60; a report of one document reads best at most 100 wide, an overview
    of many municipalities (``wide``) uses up to 160."""
    columns = shutil.get_terminal_size(fallback=(120 if wide else 100, 24)).columns
    return max(60, min(columns, 160 if wide else 100))


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _render_one(
    result: Report | DocumentDiff, output_format: str, lang: str, output: Path | None
) -> str:
    """A report or a diff of one run as text: in colour and as wide as the terminal only
    when it is a table going to the terminal."""
    from . import api

    to_terminal = output is None and output_format == "table"
    # a diff has more columns than a report of one visie: it may use a wide terminal
    wide = isinstance(result, DocumentDiff)
    text = api.render_report(
        result,
        output_format,
        lang=lang,
        color=to_terminal and _use_color(),
        width=_terminal_width(wide=wide) if to_terminal else (120 if wide else 100),
    )
    assert isinstance(text, str)  # only xlsx, a batch format, is bytes
    return text


def _emit(data: str | bytes, output: Path | None) -> None:
    if output is None:
        _write_stdout(data)
    else:
        write_atomically(output, data)


# What an --output file's extension says about its format. ``.txt`` only chooses the
# text table when --format is not given; any format may be saved as .txt.
_FORMAT_OF_EXTENSION = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xlsx": "xlsx",
}


def _output_and_format(
    output: Path | None, output_format: str | None, formats: Sequence[str]
) -> tuple[Path | None, str]:
    """Where the report goes (None: standard output, also for ``-o -``) and its format.

    Without --format the format follows the --output extension (``-o overzicht.xlsx``
    writes a workbook, not a text table with a .xlsx name); a --format that contradicts
    the extension is refused rather than guessed; otherwise the text table.
    """
    target = None if output is None or str(output) == "-" else output
    implied = _FORMAT_OF_EXTENSION.get(target.suffix.lower()) if target is not None else None
    if output_format is None:
        if implied is None:
            return target, "table"
        if implied not in formats:
            raise UsageError(
                f"--output {escape_file_name(str(target))}: this command cannot write "
                f"{implied}; choose one of {', '.join(formats)} with --format"
            )
        return target, implied
    require_choice("--format", output_format, formats)
    if implied is not None and implied != output_format:
        raise UsageError(
            f"--format {output_format} does not fit --output {escape_file_name(str(target))} "
            f"(a {target.suffix} file is {implied}); leave out --format or change the name"  # type: ignore[union-attr]
        )
    return target, output_format


@app.command()
@handle_errors
@names_theme_errors("--themes")
def check(
    files: Annotated[list[Path], typer.Argument(help="One or more visie PDFs.", readable=False)],
    lexicon: LexiconOption = None,
    themes: ThemesOption = "all",
    engine: EngineOption = DEFAULT_ENGINE,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="table, json, csv, markdown or html (default: from the --output extension, "
            "else table).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file ('-': standard output).",
            readable=False,
        ),
    ] = None,
    lang: LangOption = "nl",
    municipality: Annotated[
        str | None,
        typer.Option("--municipality", help="Name to report (default: from the file name)."),
    ] = None,
    evidence: Annotated[
        int, typer.Option("--evidence", help="Evidence sentences per theme in the report.")
    ] = DEFAULT_EVIDENCE,
    fail_on_missing: Annotated[
        bool,
        typer.Option(
            "--fail-on-missing", help="Exit with code 1 when a selected theme is missing."
        ),
    ] = False,
    password: PasswordOption = None,
    no_cache: NoCacheOption = False,
    ocr: OcrOption = False,
    timeout: TimeoutOption = 120.0,
    max_memory: MaxMemoryOption = 2048,
    readiness: ReadinessOption = False,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Report per theme whether a visie addresses, mentions or misses it, with evidence."""
    from . import api
    from .render import FORMATS

    output, output_format = _output_and_format(output, output_format, FORMATS)
    require_choice("--lang", lang, LANGUAGES)
    require_at_least("--evidence", evidence, 0)
    require_limits(timeout, max_memory)
    machine_output = output_format != "table" or output is not None
    # Every file is read by an isolated worker with the time and memory limits, like in
    # ``batch``: a PDF that hangs or crashes the reader becomes a row with its reason.
    with _progress(len(files), enabled=machine_output) as progress:
        report = api.check_files(
            files,
            lexicon=lexicon,
            themes=themes,
            read=_read_options(engine, password, no_cache, ocr),
            report=ReportOptions(evidence=evidence, readiness=readiness),
            municipality=municipality,
            progress=progress,
            timeout=timeout,
            max_memory_mb=max_memory,
            isolate=True,
        )
    _report_notices(report)
    for document in report.documents:
        name = escape_file_name(document.file)
        if machine_output:
            for warning in document.warning_texts(_lang()):
                _warn(f"{name}: {_text('cli.warning', text=warning)}")
        if document.error:
            _say(f"{name}: {_text('cli.error', text=document.error_text(_lang()))}")
    code = exit_code_for(report, fail_on_missing=fail_on_missing)
    if output is None and output_format == "table":
        # The table on standard output shows what was read; what could not be read was
        # said on standard error just now (``2>/dev/null`` hides it, ``| less`` does not
        # mix it into the table). Files and machine formats keep the error rows.
        report = replace(
            report,
            documents=tuple(document for document in report.documents if not document.failed),
        )
    if report.documents:
        _emit(_render_one(report, output_format, lang, output), output)
    if code != ExitCode.OK:
        raise typer.Exit(int(code))


@app.command()
@handle_errors
@names_theme_errors(THEME_ARGUMENT)
def explain(
    file: Annotated[Path, typer.Argument(help="The visie PDF.", readable=False)],
    theme: Annotated[
        str,
        typer.Argument(help="A theme by id, Dutch label, matrix code or synonym, e.g. WKO."),
    ],
    lexicon: LexiconOption = None,
    engine: EngineOption = DEFAULT_ENGINE,
    password: PasswordOption = None,
    no_cache: NoCacheOption = False,
    ocr: OcrOption = False,
    timeout: TimeoutOption = 120.0,
    max_memory: MaxMemoryOption = 2048,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Every hit of one theme as keyword-in-context lines: page, term, match kind."""
    from . import api
    from .render import views

    require_limits(timeout, max_memory)
    _say_memory_notice(max_memory)
    explanation = api.explain_file(
        file,
        theme,
        lexicon=lexicon,
        read=_read_options(engine, password, no_cache, ocr),
        timeout=timeout,
        max_memory_mb=max_memory,
    )
    _write_stdout(views.explain_text(explanation))


# --- batch -------------------------------------------------------------------------


class _ProgressBar:
    """A rich progress bar on standard error (documents, current file, pages read)."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.pages = 0
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            # not markup: a file name such as "[/x].pdf" is shown as it is
            TextColumn("{task.fields[pages]} p. · {task.fields[current]}", markup=False),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("visiecheck", total=total, pages=0, current="")

    def __call__(self, event: str, index: int, item: Any, report: Any) -> None:
        if event == "start":
            self.progress.update(self.task, current=escape_file_name(item.path.name))
        else:
            self.pages += report.pages if report is not None else 0
            self.progress.update(self.task, advance=1, pages=self.pages)


@contextmanager
def _progress(total: int, *, enabled: bool) -> Iterator[ProgressCallback | None]:
    """A progress bar for several documents when standard error is a terminal."""
    if not (enabled and total > 1 and sys.stderr.isatty()) or _state["quiet"]:
        yield None
        return
    bar = _ProgressBar(total)
    with bar.progress:
        yield bar


JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", help="Worker processes (default: the number of CPUs)."),
]


def _report_notices(report: Any) -> None:
    """What the run itself has to say (e.g. no memory cap on this platform), once."""
    for notice in report.notice_texts(_lang()):
        _warn(f"visiecheck: {_text('cli.warning', text=notice)}")


def _report_failures(report: Any) -> None:
    failed = [document for document in report.documents if document.failed]
    if failed:
        _say(
            f"visiecheck: {_text('cli.failures', failed=len(failed), total=len(report.documents))}"
        )
        for document in failed:
            _say(f"  {escape_file_name(document.file)}: {document.error_text(_lang())}")


@app.command()
@handle_errors
@names_theme_errors("--themes")
def batch(
    source: Annotated[
        Path,
        typer.Argument(
            help="A folder of visies (PDF, Word, HTML, text) or a manifest CSV "
            "gemeente;bestand[;versie][;status].",
            readable=False,
        ),
    ],
    jobs: JobsOption = None,
    lexicon: LexiconOption = None,
    themes: ThemesOption = "all",
    engine: EngineOption = DEFAULT_ENGINE,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="table, json, csv, xlsx, html or markdown (default: from the --output "
            "extension, else table).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the overview to this file ('-': standard output).",
            readable=False,
        ),
    ] = None,
    lang: LangOption = "nl",
    fail_on_missing: Annotated[
        bool,
        typer.Option("--fail-on-missing", help="Exit with code 1 when a theme is missing."),
    ] = False,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Also the visies in sub-folders.")
    ] = False,
    sort: Annotated[
        str, typer.Option("--sort", help="Rows by name, or most missing themes first.")
    ] = "name",
    evidence: Annotated[
        int, typer.Option("--evidence", help="Evidence sentences per theme and document.")
    ] = DEFAULT_EVIDENCE,
    examples: Annotated[
        int,
        typer.Option(
            "--examples",
            help="Regional examples per theme (policy choices of other municipalities) "
            "in the html and xlsx overview; 0 for none.",
        ),
    ] = DEFAULT_EXAMPLES,
    timeout: TimeoutOption = 120.0,
    max_memory: MaxMemoryOption = 2048,
    no_cache: NoCacheOption = False,
    readiness: ReadinessOption = False,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Compare the visies of many municipalities: a matrix municipalities × themes."""
    from . import api
    from .render import BATCH_FORMATS

    output, output_format = _output_and_format(output, output_format, BATCH_FORMATS)
    require_choice("--lang", lang, LANGUAGES)
    require_choice("--sort", sort, ("name", "missing"))
    require_choice("--engine", engine, ENGINES)
    require_at_least("--evidence", evidence, 0)
    require_at_least("--examples", examples, 0)
    if jobs is not None:
        require_at_least("--jobs", jobs, 1)
    require_limits(timeout, max_memory)
    if output_format == "xlsx" and output is None and sys.stdout.isatty():
        raise UsageError(Msg("usage.xlsx_to_terminal", option="--format", output="--output"))
    items = api.collect_inputs(
        source,
        recursive=recursive,
        on_warning=lambda warning: _warn(f"visiecheck: {_text('cli.warning', text=warning)}"),
    )
    with _progress(len(items), enabled=True) as progress:
        report = api.check_files(
            items,
            lexicon=lexicon,
            themes=themes,
            jobs=jobs,
            read=ReadOptions(engine=engine, use_cache=not no_cache),
            report=ReportOptions(evidence=evidence, examples=examples, readiness=readiness),
            timeout=timeout,
            max_memory_mb=max_memory,
            progress=progress,
            isolate=True,  # the time and memory limits hold for one file too
        )
    to_terminal = output is None and output_format == "table"
    data = api.render_report(
        report,
        output_format,
        lang=lang,
        color=to_terminal and _use_color(),
        width=_terminal_width(wide=True) if to_terminal else 120,
        batch=True,
        sort=sort,
    )
    _emit(data, output)
    _report_notices(report)
    _report_failures(report)
    code = exit_code_for(report, fail_on_missing=fail_on_missing)
    if code != ExitCode.OK:
        raise typer.Exit(int(code))


@app.command()
@handle_errors
@names_theme_errors("--themes")
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier draft.", readable=False)],
    new: Annotated[Path, typer.Argument(help="The later draft.", readable=False)],
    lexicon: LexiconOption = None,
    themes: ThemesOption = "all",
    engine: EngineOption = DEFAULT_ENGINE,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="table, json or html (default: from the --output extension, else table).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the diff to this file ('-': standard output).",
            readable=False,
        ),
    ] = None,
    lang: LangOption = "nl",
    password: PasswordOption = None,
    no_cache: NoCacheOption = False,
    ocr: OcrOption = False,
    timeout: TimeoutOption = 120.0,
    max_memory: MaxMemoryOption = 2048,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Compare two drafts of one visie: themes gained or lost, status, stance, sentences."""
    from . import api
    from .render.diff import DIFF_FORMATS

    output, output_format = _output_and_format(output, output_format, DIFF_FORMATS)
    require_choice("--lang", lang, LANGUAGES)
    require_limits(timeout, max_memory)
    _say_memory_notice(max_memory)
    # an unreadable draft raises its own VisiecheckError → its own exit code
    result = api.diff_files(
        old,
        new,
        lexicon=lexicon,
        themes=themes,
        read=_read_options(engine, password, no_cache, ocr),
        timeout=timeout,
        max_memory_mb=max_memory,
    )
    _emit(_render_one(result, output_format, lang, output), output)


# --- fetch -------------------------------------------------------------------------------


@contextmanager
def _fetch_progress(total: int) -> Iterator[Callable[[str, int, int, str], None] | None]:
    """A progress bar over the municipalities when standard error is a terminal."""
    if _state["quiet"] or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    progress = Progress(
        TextColumn("[bold]DSO"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[current]}", markup=False),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task("fetch", total=total, current="")

    def update(event: str, index: int, total: int, label: str) -> None:
        if event == "start":  # the total of the resolved list: "twente" is 14
            progress.update(task, total=total, current=label)
        else:
            progress.update(task, advance=1)

    with progress:
        yield update


def _fetch_row_text(row: Any) -> str:
    place = escape_file_name(str(row.file)) if row.file is not None else ""
    if row.outcome == "fetched":
        status = Msg("fetch.status.ontwerp" if row.draft else "fetch.status.vastgesteld")
        version = Msg("fetch.version", version=row.version) if row.version else ""
        return _text(
            "fetch.row.fetched",
            municipality=row.municipality,
            code=row.code,
            file=place,
            status=status,
            version=version,
            parts=Msg(
                "fetch.components.one" if row.components == 1 else "fetch.components.many",
                count=row.components,
            ),
        )
    if row.outcome == "skipped":
        return _text("fetch.row.skipped", municipality=row.municipality, code=row.code, file=place)
    if row.outcome == "no_visie":
        return _text("fetch.no_visie", municipality=row.municipality, code=row.code)
    return _text(
        "fetch.row.failed",
        municipality=row.municipality,
        code=row.code,
        reason=row.error.text(_lang(), CLI_HINTS),
    )


@app.command()
@handle_errors
def fetch(
    municipalities: Annotated[
        list[str],
        typer.Argument(
            help="CBS codes (gm0153), names (Enschede, 'Hof van Twente') or twente (the 14)."
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder for the visies (one JSON file each) and manifest.csv.",
            readable=False,
        ),
    ] = Path("dso-visies"),
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            help="DSO API key (default: the environment variable VISIECHECK_DSO_API_KEY, "
            "which keeps it out of your shell history).",
            show_default=False,
        ),
    ] = None,
    omgeving: Annotated[
        str, typer.Option("--omgeving", help="DSO environment: productie or pre-productie.")
    ] = "productie",
    ontwerp: Annotated[
        bool, typer.Option("--ontwerp", help="Also fetch draft visies (ontwerp).")
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Another address of the Presenteren API v8 (default: that of --omgeving, "
            "or VISIECHECK_DSO_BASE_URL).",
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds to wait for one answer of the API.")
    ] = 30.0,
    rate: Annotated[
        float, typer.Option("--rate", help="At most this many requests per second.")
    ] = 5.0,
    retries: Annotated[
        int, typer.Option("--retries", help="Retries of a request on 429, 5xx or a time-out.")
    ] = 4,
    backoff: Annotated[
        float,
        typer.Option("--backoff", help="Seconds before the first retry, doubled for each next."),
    ] = 1.0,
    lang: LangOption = "nl",
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Download omgevingsvisies from the DSO (Omgevingsloket) into a folder, for batch."""
    from . import api

    require_choice("--lang", lang, LANGUAGES)
    require_choice("--omgeving", omgeving, ("productie", "pre-productie"))
    require_at_least("--timeout", timeout, 0.001, " s")
    require_at_least("--rate", rate, 0.001)
    require_at_least("--retries", retries, 0)
    require_at_least("--backoff", backoff, 0, " s")

    def on_retry(why: str, seconds: float) -> None:
        if _state["verbose"]:
            _warn(f"visiecheck: {_text('fetch.retry', why=why, seconds=seconds)}")

    with _fetch_progress(len(municipalities)) as progress:
        result = api.fetch_visies(
            municipalities,
            output,
            api_key=api_key,
            environment=omgeving,
            base_url=base_url,
            drafts=ontwerp,
            timeout=timeout,
            rate=rate,
            retries=retries,
            backoff=backoff,
            progress=progress,
            on_retry=on_retry,
        )
    lines = [_fetch_row_text(row) for row in result.rows]
    lines.append(
        _text(
            "fetch.summary",
            fetched=result.count("fetched"),
            skipped=result.count("skipped"),
            none=result.count("no_visie"),
            failed=result.count("failed"),
            requests=result.requests,
        )
    )
    if result.manifest is not None:
        lines.append(_text("fetch.manifest", path=escape_file_name(str(result.manifest))))
    _write_stdout("".join(visible(line) + "\n" for line in lines))
    if result.exit_code != ExitCode.OK:
        raise typer.Exit(int(result.exit_code))


# --- samples ---------------------------------------------------------------------------


@app.command()
@handle_errors
def samples(
    folder: Annotated[
        Path,
        typer.Argument(help="Where to put the sample visies.", readable=False),
    ] = Path("visiecheck-voorbeelden"),
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Copy three fictional sample visies into a folder, to try visiecheck on."""
    from . import api
    from .render import views

    copied, kept = api.copy_samples(folder)
    _write_stdout(views.samples_text(folder, copied, kept))


# --- lexicon ---------------------------------------------------------------------------

lexicon_app = typer.Typer(help="List, show, validate and test lexicons.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("list")
@handle_errors
def lexicon_list(
    lexicon: LexiconOption = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """The themes of a lexicon with their labels and term counts."""
    from . import api
    from .render import views

    _write_stdout(views.lexicon_list(api.load_lexicon(lexicon)))


@lexicon_app.command("show")
@handle_errors
@names_theme_errors(THEME_ARGUMENT)
def lexicon_show(
    theme: Annotated[
        str, typer.Argument(help="A theme by id, Dutch label, matrix code or synonym.")
    ],
    lexicon: LexiconOption = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Everything a lexicon says about one theme: terms, options, exclusions, examples."""
    from . import api
    from .render import views

    loaded = api.load_lexicon(lexicon)
    _write_stdout(views.lexicon_theme(loaded.theme(api.resolve_theme(loaded, theme))))


@lexicon_app.command("suggest")
@handle_errors
def lexicon_suggest(
    files: Annotated[
        list[Path], typer.Argument(help="Visies or other texts to learn from.", readable=False)
    ],
    lexicon: LexiconOption = None,
    output_format: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many words.")] = 50,
    lang: LangOption = "nl",
    engine: EngineOption = DEFAULT_ENGINE,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Words the lexicon may be missing: compounds sharing a part with a theme's terms,
    or words that keep standing beside hits (for whoever maintains a lexicon)."""
    from . import api
    from .render.suggest import FORMATS, render_suggestions

    require_choice("--format", output_format, FORMATS)
    require_choice("--lang", lang, LANGUAGES)
    require_choice("--engine", engine, ENGINES)
    require_at_least("--limit", limit, 1)
    suggestions = api.suggest_terms(
        files,
        lexicon=lexicon,
        limit=limit,
        read=ReadOptions(engine=engine),
        # one unreadable file never sinks the others
        on_unreadable=lambda error: _warn(_text("cli.skipped", text=error.text(_lang()))),
    )
    _write_stdout(render_suggestions(suggestions, output_format, lang))


@lexicon_app.command("validate")
@handle_errors
def lexicon_validate(
    path: Annotated[str, typer.Argument(help="A lexicon YAML file.")],
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Check a lexicon file: exit 0 when valid, 8 with file and line when not."""
    from . import api
    from .render import views

    _write_stdout(views.lexicon_valid(api.load_lexicon(path)))


@lexicon_app.command("test")
@handle_errors
def lexicon_test(
    path: Annotated[
        str | None, typer.Argument(help="A lexicon YAML file (default: the shipped one).")
    ] = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Run every example sentence; list each one that fails (exit 8 if any)."""
    from . import api
    from .render import views

    loaded, result = api.run_lexicon_examples(path)
    _write_stdout(views.lexicon_examples(result, loaded))
    if result.failures:
        raise LexiconError(
            Msg("lexicon.examples_fail", count=len(result.failures)), path=loaded.source
        )
