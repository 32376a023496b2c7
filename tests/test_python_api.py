"""docs/python-api.md is true: every example runs, as a script without a main guard."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "python-api.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_document_has_examples() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("number", range(len(EXAMPLES)), ids=lambda n: f"example{n + 1}")
def test_example_runs_as_an_unguarded_script(number: int, tmp_path: Path) -> None:
    # A plain script file, run the way a policy officer would run it: no main guard, so
    # isolated workers must not run the script again (it would check and print twice).
    script = tmp_path / f"example{number + 1}.py"
    script.write_text(EXAMPLES[number], encoding="utf-8")
    environment = {**os.environ, "VISIECHECK_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_the_batch_example_prints_each_municipality_once(tmp_path: Path) -> None:
    (example,) = [text for text in EXAMPLES if "collect_inputs" in text]
    script = tmp_path / "batch_example.py"
    script.write_text(example, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        env={**os.environ, "VISIECHECK_CACHE_DIR": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines[:3]] == ["Beekdal", "Hoogerbrug", "Zuiderveen"]
    assert lines[3] == "OK"
    assert len(lines) == 4  # the script's own code ran once, not again in every worker


def test_one_path_alone_is_one_file_not_its_characters() -> None:
    import visiecheck

    report = visiecheck.check_files(str(ROOT / "samples" / "omgevingsvisie-zuiderveen.pdf"))
    assert [document.municipality for document in report.documents] == ["Zuiderveen"]
