"""The command-line interface: parses options, calls one core function, renders.

All user-facing failures arrive here as ``VisiecheckError`` and leave as one line on
standard error plus the documented exit code. Data goes to standard output; people
messages (warnings, progress) go to standard error.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import ExitCode, LexiconError, UsageError, VisiecheckError
from .models import Document, Hit
from .options import DEFAULT_ENGINE, DEFAULT_EVIDENCE, ENGINES, LANGUAGES, MatchSettings
from .output import write_atomically

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
        raise UsageError(f"{option} {value!r}: choose one of {', '.join(choices)}")


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
    ocr: OcrOption = False,
) -> None:
    """Print the normalised text per page: what visiecheck reads in a file."""
    from .extract import extract as extract_document

    require_choice("--format", output_format, ("text", "json"))
    MatchSettings(engine=engine).validate()
    page_range = parse_page_range(pages)
    document = extract_document(
        file, engine=engine, password=password, use_cache=not no_cache, ocr=ocr
    )
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
            "format": document.source_format,
            "location_unit": document.location_unit,
            "page_texts": [
                {
                    "page": page.number,
                    "has_text_layer": page.has_text_layer,
                    "text": page.text,
                    "removed_lines": list(page.removed_lines),
                    "heading_lines": list(page.heading_lines),  # set in a heading font
                    "ocr": page.ocr,
                }
                for page in selected
            ],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    for page in selected:
        unit = "sectie" if document.location_unit == "section" else "pagina"
        marker = f"=== {unit} {page.number} ==="
        if not page.has_text_layer:
            marker += " (geen tekstlaag)"
        elif page.ocr:
            marker += " (OCR)"
        sys.stdout.write(marker + "\n" + page.text.rstrip() + "\n\n")


# --- check and explain -------------------------------------------------------------

LexiconOption = Annotated[
    str | None,
    typer.Option("--lexicon", help="A lexicon YAML file or shipped name (default: ondergrond-nl)."),
]
LangOption = Annotated[str, typer.Option("--lang", help="Report language: nl or en.")]
ThemesOption = Annotated[
    str, typer.Option("--themes", help="core, all, or theme ids separated by commas.")
]


def _terminal_width() -> int:
    columns = shutil.get_terminal_size(fallback=(100, 24)).columns
    return max(60, min(columns, 100))


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text)


@app.command()
@handle_errors
def check(
    files: Annotated[list[Path], typer.Argument(help="One or more visie PDFs.")],
    lexicon: LexiconOption = None,
    themes: ThemesOption = "all",
    engine: EngineOption = DEFAULT_ENGINE,
    output_format: Annotated[
        str, typer.Option("--format", help="table, json, csv, markdown or html.")
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
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
) -> None:
    """Report per theme whether a visie addresses, mentions or misses it, with evidence."""
    from .lexicon import load_lexicon
    from .pipeline import check as check_files
    from .pipeline import exit_code_for
    from .render import FORMATS, render

    require_choice("--format", output_format, FORMATS)
    require_choice("--lang", lang, LANGUAGES)
    settings = MatchSettings(
        engine=engine, evidence=evidence, use_cache=not no_cache, password=password, ocr=ocr
    ).validate()
    if len(files) > 1:
        # Several files: each is read in an isolated worker process (time and memory
        # limits; a PDF that crashes the parser becomes a row), like ``batch``.
        from .names import municipality_name
        from .pipeline import select_themes
        from .run.batch import BatchItem, start_workers

        items = [BatchItem(Path(f), municipality or municipality_name(f)) for f in files]
        cached = settings.use_cache and settings.password is None
        with start_workers(items, use_cache=cached) as pool:  # spaCy loads meanwhile
            loaded = load_lexicon(lexicon)
            report = _run_batch(
                items,
                progress_ok=output_format != "table" or output is not None,
                lexicon=loaded,
                settings=settings,
                theme_ids=select_themes(loaded, themes),
                pool=pool,
            )
    else:
        report = check_files(
            files,
            lexicon=load_lexicon(lexicon),
            settings=settings,
            themes=themes,
            municipality=municipality,
        )
    _report_notices(report)
    if output_format != "table" or output is not None:
        for document in report.documents:
            for warning in document.warnings:
                typer.echo(f"{document.file}: waarschuwing: {warning}", err=True)
            if document.error:
                typer.echo(f"{document.file}: fout: {document.error}", err=True)
    to_terminal = output is None and output_format == "table"
    text = render(
        report,
        output_format,
        lang=lang,
        color=to_terminal and _use_color(),
        width=_terminal_width() if to_terminal else 100,
    )
    _emit(text, output)
    code = exit_code_for(report, fail_on_missing=fail_on_missing)
    if code != ExitCode.OK:
        raise typer.Exit(int(code))


@app.command()
@handle_errors
def explain(
    file: Annotated[Path, typer.Argument(help="The visie PDF.")],
    theme: Annotated[str, typer.Argument(help="A theme id, e.g. geothermie.")],
    lexicon: LexiconOption = None,
    engine: EngineOption = DEFAULT_ENGINE,
    password: PasswordOption = None,
    no_cache: NoCacheOption = False,
    ocr: OcrOption = False,
) -> None:
    """Every hit of one theme as keyword-in-context lines: page, term, match kind."""
    from .lexicon import load_lexicon
    from .pipeline import explain as explain_theme

    settings = MatchSettings(
        engine=engine, use_cache=not no_cache, password=password, ocr=ocr
    ).validate()
    hits = explain_theme(file, theme, lexicon=load_lexicon(lexicon), settings=settings)
    if not hits:
        sys.stdout.write(f"{theme}: geen vermeldingen gevonden in {file}\n")
        return
    sys.stdout.write(f"{theme}: {len(hits)} vermelding(en) in {file}\n")
    for hit in hits:
        sys.stdout.write(_kwic_line(hit) + "\n")


def _kwic_line(hit: Hit, width: int = 60) -> str:
    """``p. 14  lemma     aardwarmte   …wij benutten [aardwarmte] uit diepe lagen…``."""
    snippet = hit.snippet
    position = snippet.lower().find(hit.matched_text.lower())
    if position < 0:
        position, length = 0, 0
    else:
        length = len(hit.matched_text)
    left = snippet[:position]
    right = snippet[position + length :]
    left = ("…" + left[-width:]) if len(left) > width else left
    right = (right[:width] + "…") if len(right) > width else right
    context = "" if hit.context.value == "body" else f" ({hit.context.value})"
    if hit.incidental:  # a list entry or the past: shown, but it does not address the theme
        context += " (alleen in een opsomming of historie)"
    return (
        f"p. {hit.page:<4} {hit.match:<9} {hit.term:<28} "
        f"{left}[{snippet[position : position + length]}]{right}{context}"
    )


# --- batch -------------------------------------------------------------------------


class _Progress:
    """A rich progress bar on standard error (documents, current file, pages read)."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.pages = 0
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[pages]} p. · {task.fields[current]}"),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("visiecheck", total=total, pages=0, current="")

    def __call__(self, event: str, index: int, item: Any, report: Any) -> None:
        if event == "start":
            self.progress.update(self.task, current=item.path.name)
        else:
            self.pages += report.pages if report is not None else 0
            self.progress.update(self.task, advance=1, pages=self.pages)


def _run_batch(items: list[Any], *, progress_ok: bool, **options: Any) -> Any:
    from .run.batch import batch as run

    if progress_ok and sys.stderr.isatty() and len(items) > 1:
        tracker = _Progress(len(items))
        with tracker.progress:
            return run(items, progress=tracker, **options)
    return run(items, **options)


JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", help="Worker processes (default: the number of CPUs)."),
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", help="Seconds per document before it is stopped.")
]
MaxMemoryOption = Annotated[
    int, typer.Option("--max-memory", help="Memory limit per worker process, in MB.")
]


def _report_notices(report: Any) -> None:
    """What the run itself has to say (e.g. no memory cap on this platform), once."""
    for notice in report.notices:
        typer.echo(f"visiecheck: waarschuwing: {notice}", err=True)


def _report_failures(report: Any) -> None:
    failed = [document for document in report.documents if document.failed]
    if failed:
        typer.echo(
            f"visiecheck: {len(failed)} van {len(report.documents)} bestanden niet gelezen:",
            err=True,
        )
        for document in failed:
            typer.echo(f"  {document.file}: {document.error}", err=True)


@app.command()
@handle_errors
def batch(
    source: Annotated[
        Path, typer.Argument(help="A folder of visie PDFs, or a manifest CSV gemeente;bestand.")
    ],
    jobs: JobsOption = None,
    lexicon: LexiconOption = None,
    themes: ThemesOption = "all",
    engine: EngineOption = DEFAULT_ENGINE,
    output_format: Annotated[
        str, typer.Option("--format", help="table, json, csv, xlsx, html or markdown.")
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the overview to this file.")
    ] = None,
    lang: LangOption = "nl",
    fail_on_missing: Annotated[
        bool,
        typer.Option("--fail-on-missing", help="Exit with code 1 when a theme is missing."),
    ] = False,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Also PDFs in sub-folders.")
    ] = False,
    sort: Annotated[
        str, typer.Option("--sort", help="Rows by name, or most missing themes first.")
    ] = "name",
    evidence: Annotated[
        int, typer.Option("--evidence", help="Evidence sentences per theme and document.")
    ] = DEFAULT_EVIDENCE,
    timeout: TimeoutOption = 120.0,
    max_memory: MaxMemoryOption = 2048,
    no_cache: NoCacheOption = False,
) -> None:
    """Compare the visies of many municipalities: a matrix municipalities × themes."""
    from .render import BATCH_FORMATS, render_batch
    from .run.batch import collect, start_workers

    require_choice("--format", output_format, BATCH_FORMATS)
    require_choice("--lang", lang, LANGUAGES)
    require_choice("--sort", sort, ("name", "missing"))
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    if timeout <= 0:
        raise UsageError("--timeout must be more than 0 seconds")
    if max_memory < 256:
        raise UsageError("--max-memory must be at least 256 (MB)")
    if output_format == "xlsx" and output is None and sys.stdout.isatty():
        raise UsageError("--format xlsx writes a binary file: give --output overzicht.xlsx")
    settings = MatchSettings(engine=engine, evidence=evidence, use_cache=not no_cache).validate()
    items = collect(source, recursive=recursive)
    # The workers load spaCy (~1 s each) while this process loads the lexicon and asks
    # the cache; when every file already has a cached result none is started ahead.
    with start_workers(
        items, jobs=jobs, max_memory_mb=max_memory, use_cache=not no_cache, read_ahead=settings
    ) as pool:
        from .lexicon import load_lexicon
        from .pipeline import exit_code_for, select_themes

        loaded = load_lexicon(lexicon)
        theme_ids = select_themes(loaded, themes)
        report = _run_batch(
            items,
            progress_ok=True,
            lexicon=loaded,
            settings=settings,
            theme_ids=theme_ids,
            jobs=jobs,
            timeout=timeout,
            pool=pool,
        )
    to_terminal = output is None and output_format == "table"
    data = render_batch(
        report,
        output_format,
        lang=lang,
        color=to_terminal and _use_color(),
        width=max(100, min(shutil.get_terminal_size(fallback=(120, 24)).columns, 120))
        if to_terminal
        else 120,
        sort=sort,
    )
    if output is not None:
        write_atomically(output, data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        sys.stdout.write(data)
    _report_notices(report)
    _report_failures(report)
    code = exit_code_for(report, fail_on_missing=fail_on_missing)
    if code != ExitCode.OK:
        raise typer.Exit(int(code))


@app.command()
@handle_errors
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier draft.")],
    new: Annotated[Path, typer.Argument(help="The later draft.")],
    lexicon: LexiconOption = None,
    themes: ThemesOption = "all",
    engine: EngineOption = DEFAULT_ENGINE,
    output_format: Annotated[str, typer.Option("--format", help="table, json or html.")] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the diff to this file.")
    ] = None,
    lang: LangOption = "nl",
    password: PasswordOption = None,
    no_cache: NoCacheOption = False,
    ocr: OcrOption = False,
) -> None:
    """Compare two drafts of one visie: themes gained or lost, status, stance, sentences."""
    from .analyse.diff import DIFF_EVIDENCE, diff_reports
    from .lexicon import load_lexicon
    from .pipeline import check_document, select_themes
    from .render.diff import DIFF_FORMATS, render_diff

    require_choice("--format", output_format, DIFF_FORMATS)
    require_choice("--lang", lang, LANGUAGES)
    # every sentence as evidence: a capped list would make sentences look lost or new
    settings = MatchSettings(
        engine=engine, evidence=DIFF_EVIDENCE, use_cache=not no_cache, password=password, ocr=ocr
    ).validate()
    loaded = load_lexicon(lexicon)
    theme_ids = select_themes(loaded, themes)
    # an unreadable draft raises its own VisiecheckError → its own exit code
    reports = [
        check_document(path, lexicon=loaded, settings=settings, theme_ids=theme_ids)
        for path in (old, new)
    ]
    result = diff_reports(*reports)  # stances come from the reports' own coverage
    to_terminal = output is None and output_format == "table"
    _emit(
        render_diff(
            result,
            output_format,
            lang=lang,
            color=to_terminal and _use_color(),
            width=_terminal_width() if to_terminal else 100,
        ),
        output,
    )


# --- lexicon ---------------------------------------------------------------------------

lexicon_app = typer.Typer(help="List, show, validate and test lexicons.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("list")
@handle_errors
def lexicon_list(lexicon: LexiconOption = None) -> None:
    """The themes of a lexicon with their labels and term counts."""
    from .lexicon import load_lexicon

    loaded = load_lexicon(lexicon)
    sys.stdout.write(f"{loaded.name} {loaded.version} ({len(loaded.themes)} thema's)\n")
    for theme in loaded.themes:
        core = "kern" if theme.core else "    "
        sys.stdout.write(
            f"  {theme.id:<26} {core} {len(theme.terms):>3} termen  {theme.label}"
            f" — {theme.label_en}\n"
        )


@lexicon_app.command("show")
@handle_errors
def lexicon_show(
    theme: Annotated[str, typer.Argument(help="A theme id.")], lexicon: LexiconOption = None
) -> None:
    """Everything a lexicon says about one theme: terms, options, exclusions, examples."""
    from .lexicon import load_lexicon

    loaded = load_lexicon(lexicon)
    if theme not in loaded.theme_ids:
        raise UsageError(f"unknown theme {theme!r}; choose from: {', '.join(loaded.theme_ids)}")
    item = loaded.theme(theme)
    lines = [
        f"{item.id}: {item.label} — {item.label_en}{' (kernthema)' if item.core else ''}",
        item.description.strip(),
        f"Termen ({len(item.terms)}):",
    ]
    for term in item.terms:
        options = [f"compound={term.compound}"]
        if term.case_sensitive:
            options.append("hoofdlettergevoelig")
        if term.fuzzy:
            options.append("fuzzy")
        if term.requires:
            groups = " + ".join("(" + ", ".join(group) + ")" for group in term.requires)
            whole = " (hele woorden)" if term.requires_whole_word else ""
            options.append(f"vereist: {groups}{whole}")
        for sister, cues in term.moves_to:
            options.append(f"naar {sister} bij: {', '.join(cues)}")
        lines.append(f"  {term.text}  [{'; '.join(options)}]")
    lines.append(f"Uitsluitingen ({len(item.exclusions)}):")
    for exclusion in item.exclusions:
        limit = f" (alleen {', '.join(exclusion.terms)})" if exclusion.terms else ""
        lines.append(f"  {exclusion.text}  [{exclusion.scope}{limit}]")
    lines.append(
        f"Voorbeelden: {len(item.examples_match)} moeten passen, "
        f"{len(item.examples_no_match)} mogen niet passen"
    )
    sys.stdout.write("\n".join(lines) + "\n")


@lexicon_app.command("suggest")
@handle_errors
def lexicon_suggest(
    files: Annotated[list[Path], typer.Argument(help="Visies or other texts to learn from.")],
    lexicon: LexiconOption = None,
    output_format: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many words.")] = 50,
    lang: LangOption = "nl",
    engine: EngineOption = DEFAULT_ENGINE,
) -> None:
    """Words the lexicon may be missing: compounds sharing a part with a theme's terms,
    or words that keep standing beside hits (for whoever maintains a lexicon)."""
    from .analyse.matching import get_matcher
    from .analyse.suggest import suggest
    from .extract import extract as extract_document
    from .lexicon import load_lexicon
    from .render.suggest import FORMATS, render_suggestions

    require_choice("--format", output_format, FORMATS)
    require_choice("--lang", lang, ("nl", "en"))
    if limit < 1:
        raise UsageError("--limit must be 1 or more")
    matcher = get_matcher(load_lexicon(lexicon))

    def documents() -> Iterator[Document]:
        for path in files:
            try:
                yield extract_document(path, engine=engine)
            except VisiecheckError as error:  # one unreadable file never sinks the others
                sys.stderr.write(f"{error.message} (overgeslagen)\n")

    sys.stdout.write(
        render_suggestions(suggest(documents(), matcher, limit=limit), output_format, lang)
    )


@lexicon_app.command("validate")
@handle_errors
def lexicon_validate(path: Annotated[str, typer.Argument(help="A lexicon YAML file.")]) -> None:
    """Check a lexicon file: exit 0 when valid, 8 with file and line when not."""
    from .lexicon import load_lexicon

    loaded = load_lexicon(path)
    terms = sum(len(theme.terms) for theme in loaded.themes)
    sys.stdout.write(
        f"OK: {loaded.name} {loaded.version}: {len(loaded.themes)} thema's, {terms} termen\n"
    )


@lexicon_app.command("test")
@handle_errors
def lexicon_test(
    path: Annotated[
        str | None, typer.Argument(help="A lexicon YAML file (default: the shipped one).")
    ] = None,
) -> None:
    """Run every example sentence; list each one that fails (exit 8 if any)."""
    from .analyse.examples import run_examples
    from .lexicon import load_lexicon

    loaded = load_lexicon(path)
    result = run_examples(loaded)
    for failure in result.failures:
        if failure.expected == "match":
            why = "geen treffer, maar dit voorbeeld moet passen"
        else:
            why = "treffer op " + ", ".join(failure.fired_terms) + ", maar dit mag niet passen"
        sys.stdout.write(f"FOUT {failure.theme_id}: {why}\n    {failure.sentence}\n")
    sys.stdout.write(
        f"{result.passed} van {result.total} voorbeelden goed ({loaded.name} {loaded.version})\n"
    )
    if result.failures:
        raise LexiconError(
            f"{len(result.failures)} example(s) fail; fix the terms or exclusions above",
            path=loaded.source,
        )
