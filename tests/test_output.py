"""Writing reports: atomically for files, directly for devices and pipes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from visiecheck.errors import OutputError
from visiecheck.output import write_atomically


def test_writes_and_replaces_a_file_leaving_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "rapport.json"
    target.write_text("oud", encoding="utf-8")
    write_atomically(target, "nieuw ✔")
    assert target.read_text(encoding="utf-8") == "nieuw ✔"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.json"]


def test_a_named_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    # the same path as /dev/null or /dev/stdout (tested on a pipe so a regression
    # cannot replace the test machine's own /dev/null)
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomically(fifo, "door de pijp")
        assert os.read(reader, 100) == b"door de pijp"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_missing_folder_and_folder_target_are_output_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_atomically(tmp_path / "nee" / "rapport.csv", "x")
    with pytest.raises(OutputError, match="is a folder"):
        write_atomically(tmp_path, "x")
