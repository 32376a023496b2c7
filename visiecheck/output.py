"""Writing a report file safely: a temporary file in the same folder, then a rename.

An interrupted run (Ctrl-C, a crash) therefore never leaves a half-written report
behind, and an existing report is replaced in one step. A target that exists but is not
a regular file (``/dev/null``, a named pipe, ``/dev/stdout``) is written to directly:
renaming over it would replace the device itself.
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
