"""Running the command in-process the way the hostile-input tests need it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from visiecheck.cli import app

runner = CliRunner()


def cli(*args: str | Path) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command; a traceback or a stray exception fails."""
    result = runner.invoke(app, [str(arg) for arg in args])
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def one_line_error(stderr: str, *fragments: str) -> None:
    """Standard error is exactly one ``visiecheck: …`` line holding every fragment."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("visiecheck: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
