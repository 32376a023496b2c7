"""``visiecheck diff OLD NEW`` through the CLI: formats, exit codes, planted changes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from visiecheck.cli import app
from visiecheck.errors import ExitCode

OLD = [
    [
        "# 1 Energie",
        "Wij verkennen de kansen voor geothermie in de diepe ondergrond.",
        "Een proefboring naar aardwarmte is voorzien bij het bedrijventerrein.",
    ]
]
NEW = [
    [
        "# 1 Energie",
        "Wij verkennen de kansen voor geothermie in de diepe ondergrond.",
        "Het grondwater in de beekdalen staat onder druk door droge zomers.",
    ]
]


def test_diff_json_reports_the_planted_changes(
    make_pdf: Callable[..., Path], tmp_path: Path
) -> None:
    old = make_pdf(OLD, filename="concept-1.pdf")
    new = make_pdf(NEW, filename="concept-2.pdf")
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "visiecheck.diff/1"
    themes = {theme["id"]: theme for theme in data["themes"]}
    assert themes["geothermie"]["old_status"] == "addressed"
    assert themes["geothermie"]["new_status"] == "mentioned"
    assert themes["grondwater"]["old_status"] == "missing"
    assert themes["grondwater"]["new_status"] == "mentioned"
    unchanged = [t for t in themes if t not in ("geothermie", "grondwater")]
    assert all(themes[t]["old_status"] == themes[t]["new_status"] for t in unchanged)


def test_diff_errors(make_pdf: Callable[..., Path], tmp_path: Path) -> None:
    old = make_pdf(OLD, filename="concept-1.pdf")
    runner = CliRunner()
    missing = runner.invoke(app, ["diff", str(old), str(tmp_path / "weg.pdf")])
    assert missing.exit_code == ExitCode.FILE_NOT_FOUND
    assert "weg.pdf" in missing.stderr
    bad_format = runner.invoke(app, ["diff", str(old), str(old), "--format", "csv"])
    assert bad_format.exit_code == ExitCode.USAGE
