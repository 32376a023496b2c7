"""``visiecheck batch``: many visies in one run, in parallel, failures as rows.

Inputs (``collect``): a folder (every file ``check`` reads: PDF, Word, HTML, text, sorted
by name; ``recursive`` for sub-folders; what is skipped is said, with why), with the
municipality recognised in each file name (``visiecheck.names``), or a manifest CSV
``gemeente;bestand[;versie][;status]`` for explicit names, paths and versions.

The run (``batch``):

1. For every file the result cache (``visiecheck.run.match_cache``) is asked first, keyed by
   the file's SHA-256: a hit needs no worker, no PDF parser and no spaCy at all.
2. The rest go to worker processes (``visiecheck.run.isolation``) that read, match and
   assess one document at a time with a time and memory limit; a document that hangs,
   crashes the parser or needs too much memory becomes an error row.
3. Results are put back in input order whatever order they finish in, so ``jobs=1`` and
   ``jobs=4`` give the same report. Only the small ``DocumentReport`` of each document
   travels back and is kept; page texts live and die inside the worker.

The exit code of a run is ``visiecheck.pipeline.exit_code_for`` of the report.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import stat
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import __version__
from ..analyse.duplicates import Fingerprint, duplicates_from_fingerprints
from ..analyse.matching import Matcher
from ..errors import InputFileNotFoundError, UsageError
from ..files import read_regular
from ..messages import Msg
from ..models import DocumentReport, DuplicatePair, Lexicon, Report
from ..names import municipality_name
from ..options import BATCH_PRELOAD_MODULES, ENGINES, Options, ReadOptions
from ..pipeline import failed_document
from ..safetext import escape_file_name, strip_unsafe
from . import match_cache, readahead
from .isolation import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT, WorkerPool, cpu_count, run_isolated
from .matcher_build import MatcherBuild, matcher_timeout
from .platform import memory_cap, memory_notice

_MANIFEST_HEADERS = {
    "gemeente": "municipality",
    "municipality": "municipality",
    "bestand": "file",
    "file": "file",
    "versie": "version",
    "version": "version",
    "status": "status",
}


@dataclass(frozen=True)
class BatchItem:
    """One document of a batch: where it is and whose it is."""

    path: Path
    municipality: str
    version: str | None = None
    status: str | None = None  # the manifest's status column: ontwerp, vastgesteld, …
    # The municipality was only recognised from the file name (a folder, or a path
    # without a municipality given): what a STOP/DSO document says of itself beats it.
    named_by_file: bool = field(default=False, compare=False)


# --- inputs ----------------------------------------------------------------------------


def collect(
    source: str | Path,
    *,
    recursive: bool = False,
    on_warning: Callable[[str], None] | None = None,
) -> list[BatchItem]:
    """The documents of a folder or a manifest file, in a stable order.

    What is skipped in a folder (``collect_folder``) and a manifest's warnings
    (``read_manifest``) go to ``on_warning``, one message each; without it they are
    Python warnings (``UserWarning``).
    """
    path = Path(source)
    if path.is_dir():
        return collect_folder(path, recursive=recursive, on_warning=on_warning)
    if not path.exists() and not path.is_symlink():  # a symlink loop: read_manifest says so
        raise InputFileNotFoundError(Msg("batch.source_not_found"), path=path)
    return read_manifest(path, on_warning=on_warning)


# Files a folder holds that are nobody's visie: the Mac's and Windows' own, and the lock
# file Word keeps beside an open document (``~$visie.docx``, which would fail as a row).
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "icon\r"})
# A folder's own description (README.md beside the PDFs) is text, but nobody's visie.
_README_STEMS = frozenset({"readme", "leesmij", "lees mij", "lees-mij", "lees_mij"})
_README = "een leesmij-bestand over de map, geen visie (is het er wel een: zet het in een manifest)"
_HIDDEN = "verborgen of systeembestand"
_NOT_REGULAR = "geen gewoon bestand (bijvoorbeeld een pipe of een apparaat)"
_BROKEN_LINK = "een verwijzing naar een bestand dat er niet (meer) is"
_LINKED_FOLDER = "een verwijzing naar een map: die wordt niet gevolgd"
_SHOWN_SKIPPED = 5  # names per skip line; the rest is counted


def collect_folder(
    folder: Path,
    *,
    recursive: bool = False,
    on_warning: Callable[[str], None] | None = None,
) -> list[BatchItem]:
    """Every file in ``folder`` that ``check`` reads, sorted by path: PDF, Word (.docx),
    HTML (.html/.htm/.xhtml) and text (.txt/.md), by extension (case-insensitive).

    ``recursive`` also takes the files of sub-folders (not of linked or hidden ones).
    What is skipped is said through ``on_warning`` (else as a ``UserWarning``), one
    line per reason naming the files: another format (with what to do about it), hidden
    and system files, a README or LEESMIJ (the folder's description, not a visie), what
    is not a regular file (a pipe called ``visie.pdf``), a link to nothing, a sub-folder
    that cannot be listed. A folder without any file to read is an
    ``InputFileNotFoundError`` that says what it does hold.
    """
    from ..extract._formats import READABLE_EXTENSIONS, skip_advice

    warn = on_warning if on_warning is not None else _python_warning
    try:
        # scandir() of a folder it may not list fails: say why instead of "nothing found"
        with os.scandir(folder):
            pass
    except OSError as error:
        raise InputFileNotFoundError(
            Msg("batch.folder_unreadable", reason=error.strerror), path=folder
        ) from None
    files: list[Path] = []
    skipped: dict[str, list[Path]] = {}  # reason → the files skipped for it
    unread_folders: list[tuple[Path, str]] = []
    sub_folders = 0
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as error:
            unread_folders.append((Path(current), error.strerror or type(error).__name__))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith((".", "~$")) or entry.name.casefold() in _SYSTEM_FILES:
                if recursive or not entry.is_dir():
                    skipped.setdefault(_HIDDEN, []).append(path)
                continue
            if entry.is_dir(follow_symlinks=False):
                if recursive:
                    pending.append(path)
                else:
                    sub_folders += 1
                continue
            reason = _skip_reason(entry, READABLE_EXTENSIONS, skip_advice)
            if reason is None:
                files.append(path)
            elif reason != _LINKED_FOLDER or recursive:
                skipped.setdefault(reason, []).append(path)
            else:
                sub_folders += 1  # not looked into, like any other sub-folder

    def relative(path: Path) -> str:
        return str(path.relative_to(folder))

    name = escape_file_name(str(folder))
    for unread, reason in sorted(unread_folders, key=lambda entry: relative(entry[0])):
        warn(
            f"{name}: map {escape_file_name(relative(unread))} kan niet worden gelezen "
            f"({reason}); de bestanden daarin zijn overgeslagen"
        )
    lines = sorted(
        (sorted((relative(path) for path in paths), key=str.casefold), reason)
        for reason, paths in skipped.items()
    )
    # hidden files first (the least news), then in the order of their first file's name
    lines.sort(key=lambda line: (line[1] != _HIDDEN, line[0][0].casefold()))
    for names, reason in lines:
        shown = ", ".join(escape_file_name(entry) for entry in names[:_SHOWN_SKIPPED])
        more = f" en nog {len(names) - _SHOWN_SKIPPED}" if len(names) > _SHOWN_SKIPPED else ""
        noun = "bestand" if len(names) == 1 else "bestanden"
        warn(f"{name}: {len(names)} {noun} overgeslagen ({shown}{more}): {reason}")
    if not files:
        key = "batch.no_files_recursive" if recursive else "batch.no_files"
        raise InputFileNotFoundError(
            Msg(key, found=_what_was_found(skipped, unread_folders, sub_folders, recursive)),
            path=folder,
        )
    files.sort(key=lambda path: relative(path).casefold())
    return [
        BatchItem(path=path, municipality=municipality_name(path), named_by_file=True)
        for path in files
    ]


def _skip_reason(
    entry: os.DirEntry[str],
    readable: frozenset[str],
    advice: Callable[[str], str],
) -> str | None:
    """Why a folder entry (not a folder itself) is not read, or None to read it."""
    try:
        status = os.stat(entry.path)  # follows a link: what it points to counts
    except OSError:
        return _BROKEN_LINK if entry.is_symlink() else _NOT_REGULAR
    if stat.S_ISDIR(status.st_mode):
        return _LINKED_FOLDER
    suffix = os.path.splitext(entry.name)[1].lower()
    if suffix not in readable:
        return advice(suffix)
    if not stat.S_ISREG(status.st_mode):
        return _NOT_REGULAR
    if os.path.splitext(entry.name)[0].casefold() in _README_STEMS:
        return _README
    from ..extract._formats import unrelated_structured

    return unrelated_structured(entry.path)


def _what_was_found(
    skipped: dict[str, list[Path]],
    unread_folders: list[tuple[Path, str]],
    sub_folders: int,
    recursive: bool,
) -> Msg:
    """``it holds only 2 × .xlsx, 1 × hidden or system file`` or ``the folder is empty``."""
    found: dict[str, int] = {}
    for reason, paths in skipped.items():
        for path in paths:
            if reason == _HIDDEN:
                kind = "batch.kind.hidden"
            elif reason in (_NOT_REGULAR, _BROKEN_LINK, _LINKED_FOLDER):
                kind = "batch.kind.other"
            elif reason == _README:
                kind = "batch.kind.readme"
            else:
                kind = path.suffix.lower() or "batch.kind.no_extension"
            found[kind] = found.get(kind, 0) + 1
    if unread_folders:
        found["batch.kind.unreadable_folder"] = len(unread_folders)
    parts = [
        Msg("batch.found.count", count=count, kind=Msg(kind) if kind.startswith("batch.") else kind)
        for kind, count in sorted(found.items())
    ]
    if not recursive and sub_folders:
        key = "batch.found.sub_folder" if sub_folders == 1 else "batch.found.sub_folders"
        parts.append(Msg(key, count=sub_folders))
    if not parts:
        return Msg("batch.found.empty")
    listed = parts[-1]
    for part in reversed(parts[:-1]):  # a chain of "a, b": a Msg parameter is one value
        listed = Msg("join.comma", first=part, rest=listed)
    return Msg("batch.found.only", parts=listed)


def read_manifest(
    path: Path, *, on_warning: Callable[[str], None] | None = None
) -> list[BatchItem]:
    """``gemeente;bestand[;versie]`` rows (``,`` also accepted; header optional).

    Relative paths resolve against the manifest's folder. Lines may end in LF, CRLF or a
    lone CR (old Mac files). Problems are usage errors naming the line. Two things are
    said through ``on_warning`` (else as a ``UserWarning``) and the run goes on: a file
    listed again (the same path, or another path to the same file) is checked and counted
    once, under the names of all its lines (``Dinkelland / Tubbergen``: a joint visie);
    and files outside the manifest's folder are named, in case a path points somewhere
    unexpected. Control characters in a municipality's name are dropped.
    """
    warn = on_warning if on_warning is not None else _python_warning
    try:
        # a regular file only: a FIFO or device given as the manifest is refused, not read
        text = read_regular(path, expected=Msg("file.expected.batch_source")).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(Msg("batch.manifest_not_utf8", path=str(path))) from None
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = ";" if ";" in first or "," not in first else ","
    # newline="": the csv module itself recognises LF, CRLF and a lone CR as line ends
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = {"municipality": 0, "file": 1, "version": 2, "status": 3}
    items: list[BatchItem] = []
    lines_of: list[list[int]] = []  # per item: the manifest lines that list its file
    index_of: dict[object, int] = {}  # a file's identity → its item
    outside: list[str] = []
    header_seen = False
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise UsageError(
                Msg(
                    "batch.manifest_bad_line",
                    path=str(path),
                    line=reader.line_num,
                    detail=str(error),
                )
            ) from None
        number = reader.line_num
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue  # blank lines are harmless
        lowered = [cell.lower() for cell in cells]
        if not header_seen and not items and any(cell in _MANIFEST_HEADERS for cell in lowered):
            named = {
                _MANIFEST_HEADERS[name]: i
                for i, name in enumerate(lowered)
                if name in _MANIFEST_HEADERS
            }
            if "municipality" not in named or "file" not in named:
                raise UsageError(Msg("batch.manifest_header", path=str(path), line=number))
            columns = {
                key: named.get(key, -1) for key in ("municipality", "file", "version", "status")
            }
            header_seen = True
            continue

        municipality, file, version, status = (
            _cell(cells, columns[key]) for key in ("municipality", "file", "version", "status")
        )
        municipality = " ".join(strip_unsafe(municipality).split())
        if not file or not municipality:
            missing = "bestand (file)" if not file else "gemeente (municipality)"
            raise UsageError(
                Msg("batch.manifest_empty_cell", path=str(path), line=number, column=missing)
            )
        target = Path(file)
        if not target.is_absolute():
            target = path.parent / target
        key = _file_identity(target)
        if key in index_of:
            index = index_of[key]
            earlier = items[index]
            names = earlier.municipality.split(" / ")
            if municipality.casefold() not in {name.casefold() for name in names}:
                items[index] = replace(
                    earlier, municipality=f"{earlier.municipality} / {municipality}"
                )
            lines_of[index].append(number)
            continue
        index_of[key] = len(items)
        lines_of.append([number])
        if not _inside(target, path.parent):
            outside.append(f"regel {number} ({escape_file_name(file)})")
        items.append(
            BatchItem(
                path=target,
                municipality=municipality,
                version=version or None,
                status=" ".join(strip_unsafe(status).split()) or None,
            )
        )
    if not items:
        raise UsageError(Msg("batch.manifest_empty", path=str(path)))
    name = escape_file_name(str(path))
    for item, numbers in zip(items, lines_of, strict=True):
        if len(numbers) > 1:
            listed = ", ".join(map(str, numbers))
            warn(
                f"{name}: {escape_file_name(str(item.path))} staat {len(numbers)} keer in het "
                f"manifest (regels {listed}); het wordt één keer gelezen en geteld, "
                f"als {item.municipality}"
            )
    if outside:
        shown = ", ".join(outside[:_SHOWN_OUTSIDE])
        more = f" en nog {len(outside) - _SHOWN_OUTSIDE}" if len(outside) > _SHOWN_OUTSIDE else ""
        warn(
            f"{name}: {len(outside)} bestand(en) buiten de map van het manifest: {shown}{more}; "
            "controleer of die paden kloppen"
        )
    return items


_SHOWN_OUTSIDE = 5  # files outside the manifest's folder named in its warning


def _python_warning(message: str) -> None:
    warnings.warn(message, UserWarning, stacklevel=4)


def _file_identity(path: Path) -> object:
    """What makes two manifest paths the same file: device and inode when it exists
    (a symbolic or hard link, ``./a.pdf`` and ``a.pdf``), else the normalised path."""
    try:
        status = path.stat()
    except (OSError, ValueError):
        status = None
    if status is not None and status.st_ino:
        return (status.st_dev, status.st_ino)
    return os.path.normcase(os.path.abspath(path))


def _inside(target: Path, folder: Path) -> bool:
    """Whether ``target`` lies in ``folder`` or below it, by its path (``..`` counted, links
    not followed: a link to a shared data folder is the user's own choice)."""
    inner = Path(os.path.normpath(os.path.abspath(target)))
    return inner.is_relative_to(os.path.normpath(os.path.abspath(folder)))


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if 0 <= index < len(cells) else ""


# --- the work of one document (runs in a worker process) -------------------------------


@dataclass(frozen=True)
class DocumentTask:
    """One document's work: what a worker (or this process) needs to check it."""

    path: str
    municipality: str
    lexicon: Lexicon
    options: Options
    theme_ids: tuple[str, ...]
    cache_key: str | None


def _warm_up(matcher: Matcher) -> None:
    """Take the matcher the parent built, before the first document's clock starts."""
    from ..analyse.matching import use_matcher

    use_matcher(matcher)


def start_workers(
    items: Sequence[BatchItem],
    *,
    jobs: int | None = None,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    use_cache: bool = True,
    read_ahead: ReadOptions | None = None,
) -> WorkerPool:
    """Start the workers for ``items`` now, to pass to ``batch(..., pool=...)`` later.

    ``jobs`` workers (default: the CPUs), never more than there are items. Call it
    before the slow preparation (loading the lexicon, asking the cache): the workers
    load spaCy meanwhile. Use it as a context manager, so the workers stop if ``batch``
    is not reached. When every file already has a cached result (``use_cache``) the run
    is probably warm: then no worker is started ahead, and ``batch`` starts them only
    if a result turns out to be missing after all. With ``read_ahead`` (the run's
    read options) a cold run also starts ``visiecheck.run.readahead`` on the CPU the parent
    leaves idle until the workers exist (not with OCR, a password or without cache).
    """
    count = min(jobs or cpu_count(), max(1, len(items)))
    if use_cache and items:
        # One file first: on a cold run the others need not be hashed before starting.
        first = match_cache.file_sha256(items[0].path)
        if first is not None and match_cache.known_files([first]):
            hashes = [match_cache.file_sha256(item.path) for item in items]
            if None not in hashes and len(match_cache.known_files(hashes)) == len(set(hashes)):
                count = 0
    helper = None
    if (
        count
        and use_cache
        and read_ahead is not None
        and read_ahead.use_cache
        and read_ahead.password is None
        and not read_ahead.ocr  # OCR tools would outlive a killed helper
    ):
        helper = readahead.start(
            [item.path for item in items],
            engine=read_ahead.engine,
            max_memory_mb=memory_cap(max_memory_mb),
        )
    # What a worker preloads is said in one place: ``visiecheck.run.worker_preload``.
    return WorkerPool(
        count,
        max_memory_mb=max_memory_mb,
        preload_modules=BATCH_PRELOAD_MODULES,
        on_started=None if helper is None else functools.partial(readahead.stop, helper),
    )


def cached_or_task(
    item: BatchItem,
    lexicon: Lexicon,
    options: Options,
    theme_ids: tuple[str, ...],
    cache: match_cache.ResultCache | None = None,
) -> DocumentReport | DocumentTask:
    """The stored result of ``item`` when the result cache has one, else its task (with
    the cache key to store its result under, if the file could be hashed). ``cache`` is
    the run's ``ResultCache`` (which collects what the run should say about the cache)."""
    key = None
    if options.read.caches_results and (cache is None or cache.usable):
        sha256 = match_cache.file_sha256(item.path)
        if sha256 is not None:
            key = match_cache.cache_key(sha256, lexicon, options, theme_ids)
            cached = (cache or match_cache.ResultCache()).load(key)
            if cached is not None:
                return replace(cached, file=str(item.path), municipality=item.municipality)
    return DocumentTask(
        path=str(item.path),
        municipality=item.municipality,
        lexicon=lexicon,
        options=options,
        theme_ids=theme_ids,
        cache_key=key,
    )


def check_one(task: DocumentTask) -> DocumentReport:
    """Read, match and assess one file; a user-caused failure is a row, not an exception."""
    from ..pipeline import check_or_row

    report = check_or_row(
        task.path,
        lexicon=task.lexicon,
        options=task.options,
        theme_ids=task.theme_ids,
        municipality=task.municipality,
    )
    if report.failed:
        return report
    if task.cache_key is not None:
        # The key was made from the file as it was hashed before; the report's hash says
        # whether the file changed since (then the result is not cached under the old key).
        key = match_cache.cache_key(report.sha256, task.lexicon, task.options, task.theme_ids)
        if key == task.cache_key:
            match_cache.store(key, report)
    return report


# --- the run ---------------------------------------------------------------------------


ProgressCallback = Callable[[str, int, BatchItem, DocumentReport | None], None]


def batch(
    items: Sequence[BatchItem],
    *,
    lexicon: Lexicon,
    options: Options,
    theme_ids: tuple[str, ...],
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    progress: ProgressCallback | None = None,
    pool: WorkerPool | None = None,
) -> Report:
    """Check every item; the report lists them in input order, failures as rows.

    ``progress(event, index, item, report)`` is called with ``"start"`` when a worker
    begins a document and ``"done"`` (with its report) when a document is finished,
    cached ones included. ``pool`` (from ``start_workers``) replaces ``jobs`` and
    ``max_memory_mb`` with workers that are already starting; it is used up either way.
    Where the platform cannot cap a worker's memory the report's ``notices`` say so once.
    """
    try:
        return _batch(
            items, lexicon, options, theme_ids, jobs, timeout, max_memory_mb, progress, pool
        )
    finally:
        if pool is not None:
            pool.close()  # not used up when something failed before the run


def _batch(
    items: Sequence[BatchItem],
    lexicon: Lexicon,
    options: Options,
    theme_ids: tuple[str, ...],
    jobs: int | None,
    timeout: float | None,
    max_memory_mb: int | None,
    progress: ProgressCallback | None,
    pool: WorkerPool | None,
) -> Report:
    options = options.validate()
    results: list[DocumentReport | None] = [None] * len(items)
    tasks: list[DocumentTask] = []
    task_items: list[int] = []
    memory_limit = pool.max_memory_mb if pool is not None else max_memory_mb
    # The matcher is compiled under the run's limits, in a process of its own: started
    # now when workers were started (a cold run), so it overlaps the cache lookups.
    build = MatcherBuild(
        lexicon, options.match, timeout=matcher_timeout(timeout), max_memory_mb=memory_limit
    )
    if pool is not None and pool.jobs > 0:
        build.start()
    cache = match_cache.ResultCache()
    for index, item in enumerate(items):
        found = cached_or_task(item, lexicon, options, theme_ids, cache)
        if isinstance(found, DocumentTask):
            tasks.append(found)
            task_items.append(index)
            continue
        results[index] = found
        if progress is not None:
            progress("done", index, item, found)
    if not cache.usable:  # found not writable on the way: the workers store nothing
        tasks = [replace(task, cache_key=None) for task in tasks]
    if not tasks:
        build.discard()  # all cached after all: the matcher is not needed

    def on_start(task_index: int) -> None:
        if progress is not None:
            index = task_items[task_index]
            progress("start", index, items[index], None)

    outcomes = run_isolated(
        check_one,
        tasks,
        jobs=jobs or cpu_count(),
        timeout=timeout,
        max_memory_mb=max_memory_mb,
        initializer=_warm_up,
        # built once rather than in every worker, with its dictionary questions answered,
        # so no worker loads the lemma table; under the limits, in a worker of its own
        # (only when there is work: a warm run never builds it at all)
        initargs=(build.matcher(),) if tasks else (),
        on_start=on_start,
        preload_modules=BATCH_PRELOAD_MODULES,
        pool=pool,
        # a reader that crashes again with twice the memory: suggest the other one
        other_engine=next(engine for engine in ENGINES if engine != options.read.engine),
    )
    for task_index, outcome in outcomes:
        index = task_items[task_index]
        item = items[index]
        report = (
            outcome.value
            if outcome.error is None
            else failed_document(item.path, outcome.error, item.municipality)
        )
        results[index] = report
        if progress is not None:
            progress("done", index, item, report)

    documents = tuple(report for report in results if report is not None)
    notice = memory_notice(pool.max_memory_mb if pool is not None else max_memory_mb)
    notices = (*cache.notices, *(() if notice is None else (notice,)))
    return Report(
        tool_version=__version__,
        lexicon=lexicon.info,
        documents=documents,
        selected_themes=theme_ids,
        duplicates=joint_visies(documents),
        notices=tuple(message.text("nl") for message in notices),
        notice_messages=notices,
    )


def joint_visies(documents: Sequence[DocumentReport]) -> tuple[DuplicatePair, ...]:
    """Pairs of documents that share most of their text (two municipalities, one visie),
    so a coordinator does not count one text twice."""
    prints = {
        document.file: Fingerprint(frozenset(document.fingerprint), document.shingles)
        for document in documents
        if not document.failed and document.shingles
    }
    return tuple(duplicates_from_fingerprints(prints))
