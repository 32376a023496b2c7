"""Writing a report file safely: a temporary file in the same folder, then a rename.

An interrupted run (Ctrl-C, a crash) therefore never leaves a half-written report
behind, and an existing report is replaced in one step. A target that exists but is not
a regular file (``/dev/null``, a named pipe, ``/dev/stdout``) is written to directly:
renaming over it would replace the device itself.

The report gets the permissions any new file of the user gets (``0666`` less the umask,
so colleagues on a shared drive can open it), or keeps those of the report it replaces;
not the owner-only mode of a temporary file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError
from .messages import Msg


def write_atomically(path: str | Path, data: str | bytes) -> None:
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(Msg("output.no_folder", folder=str(folder)), path=target)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.exists() and not target.is_file():
        if target.is_dir():
            raise OutputError(Msg("output.is_folder"), path=target)
        try:
            with open(target, "wb") as stream:
                stream.write(payload)
        except OSError as error:
            raise OutputError(
                Msg("output.cannot_write", reason=error.strerror), path=target
            ) from None
        return
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as error:
        raise OutputError(
            Msg("output.cannot_write_here", reason=error.strerror), path=target
        ) from None
    try:
        os.chmod(temporary, _mode_for(target))
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(
                Msg("output.cannot_write", reason=error.strerror), path=target
            ) from None
        raise


def _mode_for(target: Path) -> int:
    """The mode of the file being replaced, else what a plain ``open()`` would create."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # os.umask can only be read by setting it; set it back at once
    current = os.umask(0o022)
    os.umask(current)
    return current
