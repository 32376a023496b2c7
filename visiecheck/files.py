"""Opening the user's input files: only regular files, every refusal a one-line error.

A path can name anything: a FIFO that blocks forever on open or read, ``/dev/zero``
that never ends, a socket, a folder, a symbolic link that leads back to itself, a file
without read permission. Every reader of an input file (the readers of ``extract``, the
result cache's hash, a batch manifest) opens it here, so one rule holds everywhere:

1. ``os.stat`` first: a path that is not a regular file is refused before it is opened,
   with a message that says what it is (``symlink loop``, ``named pipe (FIFO)``, …).
2. The open itself uses ``O_NONBLOCK``, so a FIFO put in the file's place after the stat
   cannot block it either, and ``fstat`` checks the opened descriptor once more.

A regular file is finite (its size is known before it is read), so reading one cannot
hang; what reading it costs is bounded by its size. Refusals are
``InputFileNotFoundError`` (exit code 3, like a missing file or a folder).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import InputFileNotFoundError
from .messages import Msg

__all__ = ["open_regular", "read_regular"]

# Not every platform has it (Windows): there a FIFO cannot be named by a path anyway.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_DOCUMENT = Msg("file.expected.document")


def _special_kind(mode: int) -> str | None:
    """What a non-regular file is, as a message key; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "file.kind.fifo"
    if stat.S_ISCHR(mode):
        return "file.kind.char_device"
    if stat.S_ISBLK(mode):
        return "file.kind.block_device"
    if stat.S_ISSOCK(mode):
        return "file.kind.socket"
    return "file.kind.special"


def _refusal(path: Path, error: OSError) -> InputFileNotFoundError:
    """The one-line error for an ``OSError`` of stat or open, by its errno."""
    if error.errno == errno.ELOOP:
        return InputFileNotFoundError(Msg("file.symlink_loop"), path=path)
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return InputFileNotFoundError(Msg("file.not_found"), path=path)
    return InputFileNotFoundError(
        Msg("file.unreadable", reason=error.strerror or type(error).__name__), path=path
    )


def _refuse_kind(path: Path, mode: int, expected: Msg) -> None:
    kind = _special_kind(mode)
    if kind == "folder":
        raise InputFileNotFoundError(Msg("file.is_folder", expected=expected), path=path)
    if kind is not None:
        raise InputFileNotFoundError(
            Msg("file.not_regular", kind=Msg(kind), expected=expected), path=path
        )


def open_regular(path: str | Path, *, expected: Msg = _DOCUMENT) -> tuple[BinaryIO, int]:
    """Open a regular file for reading: ``(file, size)``; anything else is refused.

    ``expected`` (a message: what the caller wants) ends the refusal of a folder or
    special file ("give the path of …").
    Raises ``InputFileNotFoundError`` (exit 3) for a missing file, a symlink loop, a
    folder, a FIFO, a device or socket, and a file that may not be read.
    """
    file_path = Path(path)
    try:
        status = os.stat(file_path)
    except OSError as error:
        raise _refusal(file_path, error) from None
    _refuse_kind(file_path, status.st_mode, expected)
    try:
        descriptor = os.open(file_path, os.O_RDONLY | _NONBLOCK | _BINARY)
    except OSError as error:
        raise _refusal(file_path, error) from None
    try:
        opened = os.fstat(descriptor)
        _refuse_kind(file_path, opened.st_mode, expected)  # swapped after the stat
    except BaseException:
        os.close(descriptor)
        raise
    return open(descriptor, "rb"), opened.st_size  # the caller closes it


def read_regular(path: str | Path, *, expected: Msg = _DOCUMENT) -> bytes:
    """The bytes of a regular file (see ``open_regular`` for what is refused)."""
    handle, _ = open_regular(path, expected=expected)
    file_path = Path(path)
    try:
        with handle:
            return handle.read()
    except OSError as error:  # e.g. EIO, or EISDIR on an odd file system
        raise _refusal(file_path, error) from None
