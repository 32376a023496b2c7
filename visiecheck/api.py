"""The front door: the verbs of visiecheck for scripts, notebooks and the command line.

Every verb takes plain values (paths, theme ids, option dataclasses), returns the frozen
dataclasses of ``visiecheck.models`` and prints nothing; failures are ``VisiecheckError``
subclasses with an exit code and a message saying what to do::

    import visiecheck

    report = visiecheck.check_files(["visie.pdf"], themes=["geothermie", "grondwater"])
    print(report.documents[0].themes[0].status)
    print(visiecheck.render_report(report, "markdown"))

``check_files`` decides how the files are read. One file is read in this process.
Several files are read by isolated worker processes (``visiecheck.run``). Each worker
has a time and memory limit, so a PDF that hangs or crashes its reader becomes an error
row and the other files go on. Both ways ask the result cache first: a file that was
checked before, unchanged, with the same lexicon and options, is not read again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import UsageError, VisiecheckError
from .lexicon import load_lexicon as _load_lexicon
from .messages import Msg
from .models import (
    Document,
    DocumentDiff,
    DocumentReport,
    ExampleRun,
    Explanation,
    Hit,
    Lexicon,
    Report,
    Suggestion,
)
from .names import municipality_name
from .options import MatchOptions, Options, ReadOptions, ReportOptions
from .run.batch import BatchItem, collect
from .run.isolation import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT
from .theme_names import resolve_theme as _resolve_theme

if TYPE_CHECKING:
    from .fetch.visies import FetchResult

__all__ = [
    "BatchItem",
    "ProgressCallback",
    "check_files",
    "collect_inputs",
    "copy_samples",
    "diff_files",
    "explain",
    "explain_file",
    "fetch_visies",
    "load_lexicon",
    "memory_limit_notice",
    "read_file",
    "render_report",
    "resolve_theme",
    "run_lexicon_examples",
    "sample_files",
    "select_themes",
    "suggest_terms",
]

# ``progress(event, index, item, report)``: "start" when a worker begins a document,
# "done" (with its report) when a document is finished, cached ones included.
ProgressCallback = Callable[[str, int, BatchItem, DocumentReport | None], None]

LexiconSource = Lexicon | str | Path | None
ThemeSelection = str | Sequence[str] | None


def load_lexicon(source: str | Path | None = None) -> Lexicon:
    """A lexicon from a YAML file or a shipped name; ``None`` is the default lexicon."""
    return _load_lexicon(None if source is None else str(source))


def select_themes(lexicon: Lexicon, themes: ThemeSelection = None) -> tuple[str, ...]:
    """The theme ids to report, in lexicon order.

    ``None`` or ``"all"``: every theme; ``"core"``: the lexicon's core themes; otherwise
    themes by any name (id, Dutch label or its main word, English gloss, matrix code or
    a synonym of the lexicon: ``visiecheck.theme_names``), as a list or as one
    comma-separated string. An unknown name raises ``UnknownThemeError`` with a
    did-you-mean.
    """
    from .pipeline import select_themes as select

    return select(lexicon, themes)


def resolve_theme(lexicon: Lexicon, name: str) -> str:
    """The id of the theme ``name`` stands for (any of its names, as for
    ``select_themes``); ``UnknownThemeError`` with a did-you-mean when none fits."""
    return _resolve_theme(lexicon, name)


def collect_inputs(
    source: str | Path,
    *,
    recursive: bool = False,
    on_warning: Callable[[str], None] | None = None,
) -> list[BatchItem]:
    """The documents of a folder (every PDF, Word, HTML and text file, by name) or of a
    manifest CSV ``gemeente;bestand[;versie][;status]``, with the municipality of each.

    What a folder holds that is not read (another format, hidden files, a pipe, a
    sub-folder that cannot be listed) and what a manifest gets wrong without being
    unusable (a file listed twice, which is then checked and counted once; files outside
    the manifest's folder) is said through ``on_warning``, one message each (in Dutch,
    for the people running the batch); without it as a Python ``UserWarning``.
    """
    return collect(source, recursive=recursive, on_warning=on_warning)


def check_files(
    paths: Iterable[str | Path | BatchItem] | str | Path,
    *,
    lexicon: LexiconSource = None,
    themes: ThemeSelection = None,
    jobs: int | None = None,
    read: ReadOptions | None = None,
    match: MatchOptions | None = None,
    report: ReportOptions | None = None,
    municipality: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    progress: ProgressCallback | None = None,
    isolate: bool | None = None,
    readiness: bool | None = None,
) -> Report:
    """Check visies: per theme addressed, mentioned or missing, with evidence.

    ``paths`` are files or ``BatchItem``s (from ``collect_inputs``); one path alone is
    taken as a list of one (not as the characters of a string). ``municipality``
    names every file (default: recognised from each file name). ``isolate`` (default:
    when there is more than one file) reads the files in isolated worker processes,
    ``jobs`` at a time (default: the CPUs), each document stopped after ``timeout``
    seconds or when it needs more than ``max_memory_mb``; otherwise they are read in
    this process, one after the other, without those limits. A file that cannot be read
    is a report row with its error, never an exception; bad options and an unloadable
    lexicon raise ``VisiecheckError``.

    ``readiness`` (or ``ReportOptions(readiness=True)``) adds the readiness lens
    "Huiswerk klaar": per document each signal of the shipped ``gereedheid-nl`` lexicon,
    found or not, with evidence and advice (``DocumentReport.readiness``), from the same
    text; the theme verdicts stay exactly as without it.
    """
    report = report or ReportOptions()
    if readiness is not None:
        report = replace(report, readiness=readiness)
    options = Options(
        read=read or ReadOptions(), match=match or MatchOptions(), report=report
    ).validate()
    if jobs is not None and jobs < 1:
        raise UsageError(Msg("usage.not_below", option="jobs", minimum=1, value=jobs))
    if isinstance(paths, str | Path):
        paths = [paths]
    items = [_item(path, municipality) for path in paths]
    notices: tuple[Msg, ...] = ()
    if options.read.caches_results:
        from .run import match_cache

        # a damaged cache is rebuilt, a read-only one is not used (the report says so)
        usable, notices = match_cache.prepare()
        if not usable:
            options = replace(options, read=replace(options.read, use_cache=False))
    created = datetime.now().astimezone().isoformat(timespec="seconds")
    if isolate if isolate is not None else len(items) > 1:
        result = _check_isolated(
            items, lexicon, themes, options, jobs, timeout, max_memory_mb, progress
        )
    else:
        loaded = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
        result = _check_here(items, loaded, select_themes(loaded, themes), options, progress)
    result = _with_overview(result, items, options.report.examples)
    from .pipeline import readiness_info

    return replace(
        result,
        readiness_lexicon=readiness_info(options),
        notices=(*(notice.text("nl") for notice in notices), *result.notices),
        notice_messages=(*notices, *result.notice_messages),
        created=created,
    )


def _with_overview(result: Report, items: list[BatchItem], examples: int) -> Report:
    """What the inputs say of each document (version, status, file date), one group per
    municipality and the regional examples. Done here, after the (cached) checks: the
    same file may be a draft in one manifest and adopted in another."""
    from .analyse.overview import group_documents, regional_examples

    documents = tuple(
        _described(document, item) for document, item in zip(result.documents, items, strict=True)
    )
    groups = group_documents(documents)
    return replace(
        result,
        documents=documents,
        groups=groups,
        examples=regional_examples(documents, groups, result.selected_themes, examples),
    )


def _described(document: DocumentReport, item: BatchItem) -> DocumentReport:
    """The document with what its input says of it and what it says of itself.

    A manifest (or an explicit municipality) is the user's word and wins; a STOP/DSO
    document's own metadata (its authority's name, version, draft or adopted) beats
    what a file name suggests, and fills what the manifest leaves empty.
    """
    metadata = document.metadata
    municipality = document.municipality
    if metadata is not None and item.named_by_file:
        # a province's or the Rijk's visie is named after its authority
        municipality = metadata.municipality or metadata.authority_name or municipality
    return replace(
        document,
        municipality=municipality,
        version=item.version or (metadata.version if metadata else None),
        status=item.status or (metadata.status if metadata else None),
        file_date=_file_date(item.path),
    )


def _file_date(path: Path) -> str | None:
    """The date of a file's last change (local time), or None when it cannot be seen."""
    try:
        return date.fromtimestamp(os.stat(path).st_mtime).isoformat()
    except (OSError, ValueError, OverflowError):
        return None


def _item(path: str | Path | BatchItem, municipality: str | None) -> BatchItem:
    if isinstance(path, BatchItem):
        return (
            replace(path, municipality=municipality, named_by_file=False) if municipality else path
        )
    if municipality:
        return BatchItem(Path(path), municipality)
    return BatchItem(Path(path), municipality_name(path), named_by_file=True)


def _check_isolated(
    items: list[BatchItem],
    lexicon: LexiconSource,
    themes: ThemeSelection,
    options: Options,
    jobs: int | None,
    timeout: float | None,
    max_memory_mb: int | None,
    progress: ProgressCallback | None,
) -> Report:
    from .run.batch import batch, start_workers

    # The workers load spaCy while this process loads the lexicon and asks the cache.
    with start_workers(
        items,
        jobs=jobs,
        max_memory_mb=max_memory_mb,
        use_cache=options.read.caches_results,
        read_ahead=options.read,
    ) as pool:
        loaded = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
        return batch(
            items,
            lexicon=loaded,
            options=options,
            theme_ids=select_themes(loaded, themes),
            jobs=jobs,
            timeout=timeout,
            progress=progress,
            pool=pool,
        )


def _check_here(
    items: list[BatchItem],
    lexicon: Lexicon,
    theme_ids: tuple[str, ...],
    options: Options,
    progress: ProgressCallback | None,
) -> Report:
    """Check the files one after the other in this process, the result cache first."""
    from .run.batch import DocumentTask, cached_or_task, check_one
    from .run.match_cache import ResultCache

    documents = []
    cache = ResultCache()
    for index, item in enumerate(items):
        if progress is not None:
            progress("start", index, item, None)
        found = cached_or_task(item, lexicon, options, theme_ids, cache)
        if isinstance(found, DocumentTask) and not cache.usable:
            found = replace(found, cache_key=None)  # the cache is off for this run
        document = check_one(found) if isinstance(found, DocumentTask) else found
        documents.append(document)
        if progress is not None:
            progress("done", index, item, document)
    return Report(
        tool_version=__version__,
        lexicon=lexicon.info,
        documents=tuple(documents),
        selected_themes=theme_ids,
        notices=tuple(notice.text("nl") for notice in cache.notices),
        notice_messages=tuple(cache.notices),
    )


def read_file(
    path: str | Path,
    *,
    read: ReadOptions | None = None,
    timeout: float | None = None,
    max_memory_mb: int | None = None,
) -> Document:
    """What visiecheck reads in a file: the normalised text per page (or section).

    With a ``timeout`` or ``max_memory_mb`` the file is read in an isolated worker that
    is stopped at the limit (as every command line does); without, in this process.
    """
    read = (read or ReadOptions()).validate()
    if timeout is None and max_memory_mb is None:
        from .pipeline import read_document

        return read_document(path, read)
    from .run.single import ReadTask, in_worker, read_task

    return in_worker(
        read_task, ReadTask(str(path), read), timeout=timeout, max_memory_mb=max_memory_mb
    )


def explain(
    path: str | Path,
    theme_id: str,
    *,
    lexicon: LexiconSource = None,
    read: ReadOptions | None = None,
    match: MatchOptions | None = None,
    timeout: float | None = None,
    max_memory_mb: int | None = None,
) -> list[Hit]:
    """Every hit of one theme in one file, in page order; raises when it cannot be read.

    The theme may be given by any of its names (see ``select_themes``). ``timeout`` and
    ``max_memory_mb`` as for ``read_file``. ``explain_file`` also says which theme was
    meant and whether the numbers are pages or sections.
    """
    return list(
        explain_file(
            path,
            theme_id,
            lexicon=lexicon,
            read=read,
            match=match,
            timeout=timeout,
            max_memory_mb=max_memory_mb,
        ).hits
    )


def explain_file(
    path: str | Path,
    theme: str,
    *,
    lexicon: LexiconSource = None,
    read: ReadOptions | None = None,
    match: MatchOptions | None = None,
    timeout: float | None = None,
    max_memory_mb: int | None = None,
) -> Explanation:
    """``explain`` with what a reader of its lines needs: the theme's id, whatever name
    was given, and the document's location unit (``page``, or ``section`` for Word,
    HTML and text files, where the numbers are section numbers)."""
    loaded = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    options = Options(read=read or ReadOptions(), match=match or MatchOptions()).validate()
    theme_id = resolve_theme(loaded, theme)  # an unknown theme fails here, before any work
    if timeout is None and max_memory_mb is None:
        from .pipeline import explain as explain_hits

        return explain_hits(path, theme_id, lexicon=loaded, options=options)
    from .run.single import ExplainTask, explain_task, in_worker

    task = ExplainTask(str(path), theme_id, loaded, options)
    return in_worker(explain_task, task, timeout=timeout, max_memory_mb=max_memory_mb)


def diff_files(
    old: str | Path,
    new: str | Path,
    *,
    lexicon: LexiconSource = None,
    themes: ThemeSelection = None,
    read: ReadOptions | None = None,
    match: MatchOptions | None = None,
    timeout: float | None = None,
    max_memory_mb: int | None = None,
) -> DocumentDiff:
    """What changed per theme between two drafts of one visie: status, stance, sentences.

    Every sentence is compared (the evidence is not capped), so nothing looks lost or new
    only because a capped list left it out. Raises when either file cannot be read.
    ``timeout`` and ``max_memory_mb`` (for the two drafts together) as for ``read_file``.
    """
    from .analyse.diff import DIFF_EVIDENCE, diff_reports
    from .pipeline import check_document

    loaded = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    options = Options(
        read=read or ReadOptions(),
        match=match or MatchOptions(),
        report=ReportOptions(evidence=DIFF_EVIDENCE),
    ).validate()
    theme_ids = select_themes(loaded, themes)
    if timeout is not None or max_memory_mb is not None:
        from .run.single import DiffTask, diff_task, in_worker

        task = DiffTask(str(old), str(new), loaded, options, theme_ids)
        return in_worker(diff_task, task, timeout=timeout, max_memory_mb=max_memory_mb)
    old_report, new_report = (
        check_document(path, lexicon=loaded, options=options, theme_ids=theme_ids)
        for path in (old, new)
    )
    return diff_reports(old_report, new_report)


def memory_limit_notice(max_memory_mb: int | None, lang: str = "nl") -> str | None:
    """What to tell the user once when this platform cannot cap a worker's memory, in
    ``lang`` (``nl`` or ``en``)."""
    from .run.platform import memory_notice

    notice = memory_notice(max_memory_mb)
    return None if notice is None else notice.text(lang)


def run_lexicon_examples(source: LexiconSource = None) -> tuple[Lexicon, ExampleRun]:
    """Run every example sentence of a lexicon through the matcher (``lexicon test``)."""
    from .analyse.examples import run_examples

    loaded = source if isinstance(source, Lexicon) else load_lexicon(source)
    return loaded, run_examples(loaded)


def suggest_terms(
    paths: Iterable[str | Path],
    *,
    lexicon: LexiconSource = None,
    limit: int = 50,
    read: ReadOptions | None = None,
    on_unreadable: Callable[[VisiecheckError], None] | None = None,
) -> list[Suggestion]:
    """Words the lexicon may be missing, learnt from these texts (``lexicon suggest``).

    A file that cannot be read is skipped (``on_unreadable(error)`` hears of it); the
    others go on.
    """
    from .analyse.matching import get_matcher
    from .analyse.suggest import suggest

    if limit < 1:
        raise UsageError(Msg("usage.not_below", option="limit", minimum=1, value=limit))
    loaded = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    read = (read or ReadOptions()).validate()

    def documents() -> Iterator[Document]:
        for path in paths:
            try:
                yield read_file(path, read=read)
            except VisiecheckError as error:
                if on_unreadable is not None:
                    on_unreadable(error)

    return suggest(documents(), get_matcher(loaded, MatchOptions()), limit=limit)


def _errors_in(report: Report, lang: str) -> Report:
    """The report with each document's ``error`` and ``warnings`` in ``lang``, so every
    renderer (and the JSON ``error`` field, "a one-line reason") writes them in the
    report's language. Hints name what the front end in force offers (``use_hints``)."""
    documents = tuple(
        replace(document, error=document.error_text(lang), warnings=document.warning_texts(lang))
        for document in report.documents
    )
    return replace(report, documents=documents)


def render_report(
    result: Report | DocumentDiff,
    output_format: str = "table",
    *,
    lang: str = "nl",
    color: bool = False,
    width: int = 100,
    batch: bool | None = None,
    sort: str = "name",
) -> str | bytes:
    """A report (or a diff) as one output format; ``bytes`` only for ``xlsx``.

    (Not called ``render``: that name is the ``visiecheck.render`` package of renderers.)

    Reports use the single-visie formats (table, json, csv, markdown, html) unless
    ``batch`` is true or the format is ``xlsx``; ``batch=True`` renders the overview of
    many municipalities (table, json, csv, xlsx, html, markdown; ``sort`` by ``name`` or
    most ``missing`` themes first). Diffs: table, json or html.
    """
    if isinstance(result, DocumentDiff):
        from .render.diff import render_diff

        return render_diff(result, output_format, lang=lang, color=color, width=width)
    result = _errors_in(result, lang)
    if batch or output_format == "xlsx":
        from .render import render_batch

        return render_batch(result, output_format, lang=lang, color=color, width=width, sort=sort)
    from .render import render as render_report

    return render_report(result, output_format, lang=lang, color=color, width=width)


# --- the sample visies ----------------------------------------------------------------


def sample_files() -> list[Path]:
    """The three fictional sample visies that ship with visiecheck (PDF), by name.

    In an installed wheel they live in ``visiecheck/samples``; in a source checkout in
    the top-level ``samples/`` folder.
    """
    from importlib import resources

    packaged = Path(str(resources.files("visiecheck"))) / "samples"
    folder = packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "samples"
    return sorted(folder.glob("omgevingsvisie-*.pdf"))


def copy_samples(folder: str | Path) -> tuple[list[Path], list[Path]]:
    """Copy the sample visies into ``folder`` (made if needed), to try the commands on.

    Returns the copies made and the files that were already there and are left alone
    (never overwritten: the folder may be the user's own).
    """
    import shutil

    from .errors import OutputError

    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot make the folder ({error.strerror})", path=target) from None
    copied: list[Path] = []
    kept: list[Path] = []
    for sample in sample_files():
        destination = target / sample.name
        if destination.exists():
            kept.append(destination)
            continue
        try:
            shutil.copyfile(sample, destination)
        except OSError as error:
            raise OutputError(f"cannot copy ({error.strerror})", path=destination) from None
        copied.append(destination)
    return copied, kept


def fetch_visies(
    municipalities: Sequence[str],
    folder: str | Path,
    *,
    api_key: str | None = None,
    environment: str = "productie",
    base_url: str | None = None,
    drafts: bool = False,
    timeout: float | None = None,
    rate: float | None = None,
    retries: int | None = None,
    backoff: float | None = None,
    progress: Callable[[str, int, int, str], None] | None = None,
    on_warning: Callable[[Msg], None] | None = None,
    on_retry: Callable[[str, float], None] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> FetchResult:
    """Download the omgevingsvisies of ``municipalities`` from the DSO into ``folder``.

    ``municipalities``: CBS codes (``gm0153``), names (``Enschede``) or ``twente``
    (the 14). The key is ``api_key`` or the environment variable
    ``VISIECHECK_DSO_API_KEY``; the address that of ``environment`` (``productie`` or
    ``pre-productie``), unless ``base_url`` or ``VISIECHECK_DSO_BASE_URL`` says
    otherwise. ``drafts`` also fetches ontwerp-visies. ``timeout`` (seconds per
    request), ``rate`` (requests per second), ``retries`` and ``backoff`` (the first
    retry's wait, doubled each time) tune the client; ``sleep`` replaces ``time.sleep``
    (a test records the waits). Returns a ``FetchResult`` with a row per visie or
    municipality and the ``manifest.csv`` written beside the files; see
    ``visiecheck.fetch.visies``. The only verb that uses the network.
    """
    import time

    from .errors import DsoKeyError
    from .fetch import endpoints, http
    from .fetch.municipalities import resolve
    from .fetch.visies import fetch_visies as _fetch

    selected = resolve(list(municipalities))
    if environment not in endpoints.BASE_URLS:
        raise UsageError(
            Msg(
                "fetch.bad_environment",
                value=environment,
                choices=", ".join(endpoints.BASE_URLS),
            )
        )
    for name, value, minimum in (
        ("timeout", timeout, 0.001),
        ("rate", rate, 0.001),
        ("retries", retries, 0),
        ("backoff", backoff, 0),
    ):
        if value is not None and value < minimum:
            raise UsageError(Msg("usage.at_least", option=name, minimum=minimum, unit=""))
    key = (api_key or os.environ.get(endpoints.API_KEY_ENV, "")).strip()
    if not key:
        raise DsoKeyError(Msg("fetch.no_key", env=endpoints.API_KEY_ENV))
    if not (key.isascii() and key.isprintable()) or " " in key:
        # a header cannot carry it; say so without showing the key
        raise DsoKeyError(Msg("fetch.bad_key"))
    url = base_url or os.environ.get(endpoints.BASE_URL_ENV) or endpoints.BASE_URLS[environment]
    if not endpoints.is_acceptable_base_url(url):
        raise UsageError(Msg("fetch.bad_base_url", url=url))
    client = http.JsonClient(
        key,
        environment=environment,
        timeout=http.DEFAULT_TIMEOUT if timeout is None else timeout,
        rate=http.DEFAULT_RATE if rate is None else rate,
        retries=http.DEFAULT_RETRIES if retries is None else retries,
        backoff=http.DEFAULT_BACKOFF if backoff is None else backoff,
        sleep=sleep or time.sleep,
        on_retry=on_retry,
    )
    return _fetch(
        selected,
        Path(folder),
        client,
        endpoints.normalise_base_url(url),
        drafts=drafts,
        progress=progress,
        on_warning=on_warning,
    )
