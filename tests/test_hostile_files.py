"""Hostile inputs, round two: special files, permissions, symlink loops and the caches.

The rows of the README subsection "Round two: files, permissions and caches". Each test
builds its hostile input when it runs (``mkfifo``, ``/dev/zero``, a symlink to itself,
``chmod``, garbage in a cache file). A run that could hang is a subprocess with a
generous timeout: a guard that turns a hang into a failure, not a measurement.

Permission tests really run as an unprivileged user: root reads every file whatever its
permissions, so when the suite runs as root (as in CI) the command runs as ``nobody``
(uid 65534) on a world-readable copy of the package.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
import typing
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from typer.models import ParameterInfo

from tests.cli_helpers import cli, one_line_error
from visiecheck.cli import app
from visiecheck.errors import ExitCode
from visiecheck.run import match_cache, readahead

ROOT = Path(__file__).resolve().parent.parent
GOOD_PAGES = [["# Grondwater", "De gemeente beschermt het grondwater in de waterwingebieden."]]
GUARD = 300  # seconds: only a hang gets near it
NOBODY = 65534

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX file types only")


def command(
    *args: str | Path, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """The real entry point in a subprocess; the timeout only guards against a hang."""
    return subprocess.run(
        [sys.executable, "-m", "visiecheck", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=GUARD,
        env={**os.environ, **(env or {})},
        **kwargs,  # type: ignore[arg-type]
    )


def by_file(report: dict) -> dict[str, dict]:
    return {Path(document["file"]).name: document for document in report["documents"]}


# --- point 5: only regular files are read -------------------------------------------------


@pytest.fixture
def special_files(tmp_path: Path, make_pdf: Callable[..., Path]) -> dict[str, Path]:
    fifo = tmp_path / "pijp.pdf"
    os.mkfifo(fifo)
    zero = tmp_path / "nul.pdf"
    zero.symlink_to("/dev/zero")
    return {"fifo": fifo, "zero": zero, "good": make_pdf(GOOD_PAGES, filename="goed.pdf")}


@pytest.mark.parametrize(
    ("kind", "name", "what"),
    [
        ("fifo", "pijp.pdf", "een named pipe (FIFO)"),
        ("zero", "nul.pdf", "een apparaatbestand (character device)"),
    ],
)
def test_special_file_is_refused_by_check(
    special_files: dict[str, Path], kind: str, name: str, what: str
) -> None:
    path = special_files[kind]
    done = command("extract", path)
    assert done.returncode == ExitCode.FILE_NOT_FOUND, done.stderr
    one_line_error(done.stderr, f"{name}: is {what}, geen gewoon bestand; geef het pad van een PDF")
    done = command("check", path, "--format", "json")
    assert done.returncode == ExitCode.FILE_NOT_FOUND, done.stderr
    assert (
        done.stderr
        == f"{path}: fout: is {what}, geen gewoon bestand; geef het pad van een PDF-bestand\n"
    )
    assert json.loads(done.stdout)["documents"][0]["error_code"] == ExitCode.FILE_NOT_FOUND


def test_special_files_in_a_batch_manifest_are_error_rows(
    special_files: dict[str, Path], tmp_path: Path
) -> None:
    manifest = tmp_path / "lijst.csv"
    manifest.write_text(
        # /dev/urandom, not /dev/zero again: a file listed twice is one row (issue 14)
        "gemeente;bestand\nPijp;pijp.pdf\nNul;nul.pdf\nGoed;goed.pdf\nApparaat;/dev/urandom\n",
        encoding="utf-8",
    )
    done = command(
        "batch", manifest, "--format", "json", "--timeout", "10", "--no-cache", "--lang", "en"
    )
    assert done.returncode == ExitCode.PARTIAL_FAILURE, done.stderr
    rows = {document["municipality"]: document for document in json.loads(done.stdout)["documents"]}
    assert rows["Pijp"]["error"].startswith("is a named pipe (FIFO), not a regular file")
    assert rows["Nul"]["error"].startswith("is a character device, not a regular file")
    assert rows["Apparaat"]["error"].startswith("is a character device, not a regular file")
    assert {rows[name]["error_code"] for name in ("Pijp", "Nul", "Apparaat")} == {3}
    assert rows["Goed"]["error"] is None
    # with the result cache too: the parent asks it before any worker exists
    done = command("batch", manifest, "--format", "json", "--timeout", "10")
    assert done.returncode == ExitCode.PARTIAL_FAILURE, done.stderr


def test_a_fifo_given_as_the_batch_manifest_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "lijst.csv"
    os.mkfifo(fifo)
    done = command("batch", fifo)
    assert done.returncode == ExitCode.FILE_NOT_FOUND
    one_line_error(done.stderr, "lijst.csv: is een named pipe (FIFO), geen gewoon bestand")


def test_a_fifo_given_as_the_lexicon_is_refused_not_read(tmp_path: Path) -> None:
    """Not "lexicon not found" (it is there) and never a read without end."""
    fifo = tmp_path / "eigen.yaml"
    os.mkfifo(fifo)
    done = command("lexicon", "validate", fifo)
    assert done.returncode == ExitCode.FILE_NOT_FOUND
    one_line_error(
        done.stderr,
        "eigen.yaml: is een named pipe (FIFO), geen gewoon bestand; geef het pad van een "
        "lexiconbestand (YAML)",
    )


def test_the_parent_hashes_only_regular_files_within_a_size_limit(
    special_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = (
        "import sys\nfrom visiecheck.run.match_cache import file_sha256\n"
        "print([file_sha256(path) for path in sys.argv[1:]])\n"
    )
    paths = [special_files["fifo"], special_files["zero"], "/dev/zero"]
    done = subprocess.run(
        [sys.executable, "-c", probe, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=GUARD,
    )
    assert done.stdout.strip() == "[None, None, None]", done.stderr
    good = special_files["good"]
    assert match_cache.file_sha256(good) is not None
    monkeypatch.setattr(match_cache, "HASH_LIMIT_BYTES", good.stat().st_size - 1)
    monkeypatch.setattr(match_cache, "_hashes", {})
    assert match_cache.file_sha256(good) is None  # too large to hash without limits


# --- point 13: a symlink loop says so ------------------------------------------------------


def test_symlink_loop_is_named(tmp_path: Path) -> None:
    loop = tmp_path / "visie.pdf"
    loop.symlink_to(loop)
    code, _, stderr = cli("extract", loop)
    assert code == ExitCode.FILE_NOT_FOUND
    one_line_error(stderr, "visie.pdf: symlink-lus")
    code, stdout, _ = cli("check", loop, "--format", "json")
    assert code == ExitCode.FILE_NOT_FOUND
    assert json.loads(stdout)["documents"][0]["error"].startswith("symlink-lus")
    code, _, stderr = cli("batch", loop)
    assert code == ExitCode.FILE_NOT_FOUND
    one_line_error(stderr, "visie.pdf: symlink-lus")


# --- point 9: permissions, for real --------------------------------------------------------


def _commands(application: typer.Typer) -> Iterator[Callable[..., object]]:
    for registered in application.registered_commands:
        assert registered.callback is not None
        yield registered.callback
    for group in application.registered_groups:
        assert group.typer_instance is not None
        yield from _commands(group.typer_instance)


def test_no_command_lets_click_check_readability() -> None:
    """click's ``readable`` check (Typer's default for a Path) answers with a usage box
    and exit 2 and stops a whole ``check a b``: every path parameter of every command
    leaves reading to the library."""
    checked = 0
    for callback in _commands(app):
        for name, hint in typing.get_type_hints(callback, include_extras=True).items():
            if "Path" not in str(hint):
                continue
            (info,) = [item for item in hint.__metadata__ if isinstance(item, ParameterInfo)]
            assert info.readable is False, f"{callback.__name__} {name}"
            checked += 1
    assert checked >= 10


class Unprivileged:
    """Runs ``python -m visiecheck`` as a user who cannot read a chmod-000 file.

    As root that is ``nobody``: the process (and the workers it starts) really lacks
    the permission. It runs a world-readable copy of the package and the lexicons, with
    the test environment's site-packages, on an interpreter that user may execute.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.as_root = os.geteuid() == 0
        code = folder / "code"
        shutil.copytree(
            ROOT / "visiecheck", code / "visiecheck", ignore=shutil.ignore_patterns("__pycache__")
        )
        shutil.copytree(ROOT / "lexicons", code / "lexicons")
        site = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(code), *site]),
            "HOME": str(folder),
            "VISIECHECK_CACHE_DIR": str(folder / "cache"),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        self.python = sys.executable
        self.code = code

    def bring_site_packages(self) -> None:
        """A copy of the site-packages inside the world-readable folder, for when that user
        cannot reach the originals (a checkout under a 0700 folder). Files are hard links
        where the file system allows (no data copied, their modes untouched); the new
        folders are world-readable."""
        site = self.folder / "site"
        for number, source in enumerate(
            dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
        ):
            target = site / str(number)

            def link_or_copy(src: str, dst: str) -> None:
                try:
                    os.link(src, dst)
                except OSError:  # another file system: a real copy
                    shutil.copy2(src, dst)

            shutil.copytree(
                source,
                target,
                copy_function=link_or_copy,
                ignore=shutil.ignore_patterns("__pycache__"),
                symlinks=True,
            )
            for path in [target, *(p for p in target.rglob("*") if p.is_dir())]:
                path.chmod(0o755)
        for path in (self.folder, site):
            path.chmod(0o755)
        copies = [str(path) for path in sorted(site.iterdir())]
        self.env["PYTHONPATH"] = os.pathsep.join([str(self.code), *copies])

    def run(
        self, *args: str | Path, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        user = {"user": NOBODY, "group": NOBODY, "extra_groups": []} if self.as_root else {}
        return subprocess.run(
            [self.python, *map(str, args)],
            capture_output=True,
            text=True,
            timeout=GUARD,
            env={**self.env, **(env or {})},
            cwd=self.folder,
            **user,  # type: ignore[arg-type]
        )

    def visiecheck(
        self, *args: str | Path, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return self.run("-m", "visiecheck", *args, env=env)

    def find_python(self) -> str | None:
        """Why no interpreter of this version runs as the user (None: one does).

        The test's own interpreter first; it may live where that user cannot go (a
        pyenv under /root), then a system one of the same version (the same ABI)."""
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        found = shutil.which(version, path=os.pathsep.join(["/usr/local/bin", "/usr/bin"]))
        problems = []
        for python in dict.fromkeys([sys.executable, *([found] if found else [])]):
            self.python = python
            try:
                done = self.run("-c", "pass")
            except OSError as error:
                problems.append(f"{python}: {error.strerror}")
                continue
            if done.returncode == 0:
                return None
            problems.append(f"{python}: {done.stderr.strip()[-200:]}")
        return "; ".join(problems)


@pytest.fixture
def unprivileged() -> Iterator[Unprivileged]:
    folder = Path(tempfile.mkdtemp(prefix="visiecheck-nobody-"))
    try:
        user = Unprivileged(folder)
        problem = user.find_python()
        if problem is not None:
            pytest.skip(f"user {NOBODY} cannot run Python at all: {problem}")
        importing = "import visiecheck.cli, visiecheck; print(visiecheck.__file__)"
        probe = user.run("-c", importing)
        if probe.returncode != 0 and "ModuleNotFoundError" in probe.stderr:
            user.bring_site_packages()  # the test environment lies where that user cannot go
            probe = user.run("-c", importing)
        assert probe.returncode == 0, f"user {NOBODY} cannot import visiecheck: {probe.stderr}"
        assert probe.stdout.startswith(str(folder)), probe.stdout
        yield user
    finally:
        for path in [folder, *folder.rglob("*")]:
            # hard-linked site-packages files are the environment's own: leave their modes
            if not path.is_symlink() and (path.is_dir() or path.stat().st_nlink == 1):
                path.chmod(0o700 if path.is_dir() else 0o600)
        shutil.rmtree(folder)


@pytest.fixture
def unreadable(unprivileged: Unprivileged, make_pdf: Callable[..., Path]) -> dict[str, Path]:
    folder = unprivileged.folder / "visies"
    folder.mkdir(mode=0o755)
    good = shutil.copy(make_pdf(GOOD_PAGES, filename="Almelo.pdf"), folder / "Almelo.pdf")
    secret = shutil.copy(good, folder / "Geheim.pdf")
    Path(good).chmod(0o644)
    Path(secret).chmod(0)
    closed = unprivileged.folder / "dicht"
    closed.mkdir()
    shutil.copy(good, closed / "Borne.pdf")
    closed.chmod(0)
    return {"good": Path(good), "secret": Path(secret), "folder": folder, "closed": closed}


def test_path_without_read_permission(
    unprivileged: Unprivileged, unreadable: dict[str, Path]
) -> None:
    good, secret = unreadable["good"], unreadable["secret"]
    message = (
        "Geheim.pdf: het bestand kan niet gelezen worden (Permission denied); "
        "controleer de toegangsrechten"
    )
    for args in (("extract", secret), ("explain", secret, "grondwater"), ("diff", secret, good)):
        done = unprivileged.visiecheck(*args)
        assert done.returncode == ExitCode.FILE_NOT_FOUND, (args, done.stderr)
        one_line_error(done.stderr, message)
    done = unprivileged.visiecheck("check", secret, "--format", "json", "--no-cache")
    assert done.returncode == ExitCode.FILE_NOT_FOUND, done.stderr
    assert done.stderr == f"{secret}: fout: {message.split(': ', 1)[1]}\n"
    # one unreadable file among several never stops the others
    done = unprivileged.visiecheck("check", secret, good, "--format", "json")
    assert done.returncode == ExitCode.PARTIAL_FAILURE, done.stderr
    rows = by_file(json.loads(done.stdout))
    assert rows["Geheim.pdf"]["error_code"] == ExitCode.FILE_NOT_FOUND
    assert rows["Geheim.pdf"]["error"].startswith(
        "het bestand kan niet gelezen worden (Permission denied)"
    )
    assert rows["Almelo.pdf"]["error"] is None and rows["Almelo.pdf"]["themes"]
    done = unprivileged.visiecheck("batch", unreadable["folder"], "--format", "json")
    assert done.returncode == ExitCode.PARTIAL_FAILURE, done.stderr
    rows = by_file(json.loads(done.stdout))
    assert rows["Geheim.pdf"]["error"].startswith(
        "het bestand kan niet gelezen worden (Permission denied)"
    )
    assert rows["Almelo.pdf"]["error"] is None
    # a folder that may not be listed is said to be one, not "no PDF files"
    done = unprivileged.visiecheck("batch", unreadable["closed"])
    assert done.returncode == ExitCode.FILE_NOT_FOUND, done.stderr
    one_line_error(done.stderr, "dicht: de map kan niet gelezen worden (Permission denied)")


def test_a_lexicon_without_read_permission_is_exit_3_like_any_input(
    unprivileged: Unprivileged, unreadable: dict[str, Path]
) -> None:
    lexicon = unprivileged.folder / "eigen.yaml"
    shutil.copy(Path(__file__).resolve().parent.parent / "lexicons" / "ondergrond-nl.yaml", lexicon)
    lexicon.chmod(0)
    for args in (
        ("lexicon", "validate", lexicon),
        ("check", unreadable["good"], "--lexicon", lexicon),
    ):
        done = unprivileged.visiecheck(*args)
        assert done.returncode == ExitCode.FILE_NOT_FOUND, (args, done.stderr)
        one_line_error(
            done.stderr,
            "eigen.yaml: het bestand kan niet gelezen worden (Permission denied); "
            "controleer de toegangsrechten",
        )


# --- point 13: a damaged or read-only cache ------------------------------------------------


def test_damaged_cache_is_rebuilt_with_a_warning(
    make_pdf: Callable[..., Path], cache_dir: Path
) -> None:
    path = make_pdf(GOOD_PAGES, filename="Almelo.pdf")
    (cache_dir / "match-cache.sqlite3").write_bytes(b"geen database\n" * 100)
    (cache_dir / "extract-cache.sqlite3").write_bytes(bytes(range(256)) * 20)
    code, _, stderr = cli("check", path, "--format", "json")
    assert code == ExitCode.OK
    warnings = stderr.strip().splitlines()
    assert len(warnings) == 2, stderr
    for line, name in zip(warnings, ("match-cache", "extract-cache"), strict=True):
        assert line.startswith("visiecheck: waarschuwing: de cache "), line
        assert f"{name}.sqlite3 was beschadigd en is opnieuw aangemaakt" in line
    # repaired: the result was stored, the next run is warm and says nothing
    assert match_cache.known_files([match_cache.file_sha256(path) or ""]) != set()
    code, _, stderr = cli("check", path, "--format", "json")
    assert (code, stderr) == (ExitCode.OK, "")
    with sqlite3.connect(cache_dir / "extract-cache.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM documents").fetchone() == (1,)


def test_read_only_cache_warns_once_and_runs_uncached(
    unprivileged: Unprivileged, unreadable: dict[str, Path]
) -> None:
    good = unreadable["good"]
    cache = unprivileged.folder / "alleen-lezen"
    first = command("check", good, "--format", "json", env={"VISIECHECK_CACHE_DIR": str(cache)})
    assert first.returncode == ExitCode.OK, first.stderr
    for path in [cache, *cache.iterdir()]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    other = shutil.copy(good, unreadable["folder"] / "Borne.pdf")
    Path(other).chmod(0o644)
    env = {"VISIECHECK_CACHE_DIR": str(cache)}
    for files in ([good], [good, other]):
        done = unprivileged.visiecheck("check", *files, "--format", "json", env=env)
        assert done.returncode == ExitCode.OK, done.stderr
        assert done.stderr == (
            f"visiecheck: waarschuwing: de cache in {cache} is niet schrijfbaar: "
            "deze run werkt zonder cache\n"
        )
        assert json.loads(done.stdout)["documents"][0]["file"] == str(good)


READ_THE_CACHE = """
import json
from visiecheck.run.match_cache import ResultCache
cache = ResultCache()
found = [cache.load(key) for key in ("almelo", "borne", "dinkelland")]
print(json.dumps([found, cache.usable, [notice.text("nl") for notice in cache.notices]]))
"""


def test_a_cache_found_read_only_while_reading_warns_once_per_run(
    unprivileged: Unprivileged, make_pdf: Callable[..., Path]
) -> None:
    # What ``prepare`` finds as a run starts it says there; a cache read without it (a
    # Python caller, or a folder that became read-only since) says it once, not per file.
    cache = unprivileged.folder / "alleen-lezen"
    path = make_pdf(GOOD_PAGES, filename="Almelo.pdf")
    first = command("check", path, "--format", "json", env={"VISIECHECK_CACHE_DIR": str(cache)})
    assert first.returncode == ExitCode.OK, first.stderr
    for entry in [cache, *cache.iterdir()]:
        entry.chmod(0o555 if entry.is_dir() else 0o444)
    done = unprivileged.run("-c", READ_THE_CACHE, env={"VISIECHECK_CACHE_DIR": str(cache)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [
        [None, None, None],
        False,
        [f"de cache in {cache} is niet schrijfbaar: deze run werkt zonder cache"],
    ]


# --- point 13: the read-ahead helper dies with its parent ----------------------------------


WAIT_UNTIL_GONE = """
import sys, time
while True:
    try:
        with open(f"/proc/{sys.argv[1]}/stat") as status:
            if status.read().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                break
    except OSError:
        break
    time.sleep(0.05)
"""


def _gone(pid: int) -> bool:
    """Ended (a zombie nobody reaped counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


@pytest.mark.skipif(
    not readahead.supported() or not Path("/proc/self/stat").exists(),
    reason="no SCHED_IDLE (no read-ahead) or no /proc on this platform",
)
def test_read_ahead_helper_dies_with_a_killed_parent(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(GOOD_PAGES, filename="Almelo.pdf")
    parent_code = (
        "import sys, time\nfrom visiecheck.run import readahead\n"
        # work for many minutes: the same (soon cached) file, over and over
        "helper = readahead.start([sys.argv[1]] * 200_000, engine='pdfium', max_memory_mb=0)\n"
        "print(helper.pid, flush=True)\ntime.sleep(600)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", parent_code, str(path)], stdout=subprocess.PIPE, text=True
    )
    helper = 0
    try:
        assert parent.stdout is not None
        helper = int(parent.stdout.readline())
        assert not _gone(helper)
        parent.kill()
        parent.wait()
        # waits until the helper has ended; the timeout only guards against it living on
        waited = subprocess.run(
            [sys.executable, "-c", WAIT_UNTIL_GONE, str(helper)], timeout=GUARD, check=False
        )
        assert waited.returncode == 0
        assert _gone(helper)
    finally:
        parent.kill()
        parent.wait()
        if helper and not _gone(helper):
            os.kill(helper, signal.SIGKILL)
