"""The installed console script works on its own: entry point, packaged lexicon, samples.

Run from a temporary folder, so the checkout's ``visiecheck/`` and ``lexicons/`` are not on
the path and the installed package must bring its own lexicon. Skipped on a development
machine without an install; in CI (``CI`` set) a missing script is a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "visiecheck"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "omgevingsvisie-zuiderveen.pdf"


def run_outside_checkout(command: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    """Run in ``folder`` without the checkout on the path: only the installed package."""
    environment = {**os.environ, "VISIECHECK_CACHE_DIR": str(folder / "cache")}
    environment.pop("PYTHONPATH", None)
    return subprocess.run(
        command, cwd=folder, env=environment, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def installed_script() -> Path:
    if not SCRIPT.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the console script {SCRIPT} is not installed (pip install .)")
        pytest.skip("visiecheck is not installed in this environment (pip install .)")
    return SCRIPT


def test_installed_script_checks_a_sample_with_its_packaged_lexicon(
    installed_script: Path, tmp_path: Path
) -> None:
    result = run_outside_checkout(
        [str(installed_script), "check", str(SAMPLE), "--format", "json"], tmp_path
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["lexicon"]["name"] == "ondergrond-nl"
    (document,) = report["documents"]
    statuses = {theme["id"]: theme["status"] for theme in document["themes"]}
    assert statuses["bodemdaling"] == "addressed"
    assert statuses["mijnbouw"] == "missing"


def test_installed_package_ships_the_lexicon_and_its_recall(
    installed_script: Path, tmp_path: Path
) -> None:
    where = run_outside_checkout(
        [sys.executable, "-c", "import visiecheck.lexicon as l; print(l.shipped_lexicon_dir())"],
        tmp_path,
    )
    assert where.returncode == 0, where.stderr
    shipped = Path(where.stdout.strip())
    assert (shipped / "ondergrond-nl.yaml").is_file()
    assert (shipped / "ondergrond-nl.accuracy.json").is_file()


def test_installed_package_ships_the_readiness_lexicon(
    installed_script: Path, tmp_path: Path
) -> None:
    # --readiness needs gereedheid-nl beside ondergrond-nl in the package itself
    result = run_outside_checkout(
        [str(installed_script), "check", str(SAMPLE), "--readiness", "--format", "json"], tmp_path
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["readiness_lexicon"]["name"] == "gereedheid-nl"
    assert report["readiness_lexicon"]["modified"] is False
    (document,) = report["documents"]
    statuses = {signal["id"]: signal["status"] for signal in document["readiness"]}
    assert statuses["data_en_informatie"] == "found"
    assert statuses["warme_overdracht"] == "found"
    where = run_outside_checkout(
        [sys.executable, "-c", "import visiecheck.lexicon as l; print(l.shipped_lexicon_dir())"],
        tmp_path,
    )
    assert (Path(where.stdout.strip()) / "gereedheid-nl.yaml").is_file()


def test_installed_package_ships_the_lemma_snapshot(installed_script: Path, tmp_path: Path) -> None:
    # Without it every run would load the lemma table to build the default matcher.
    code = (
        "import json; from importlib import resources; from visiecheck.analyse import nlp; "
        "data = json.loads(resources.files('visiecheck.data')"
        ".joinpath(nlp.SNAPSHOT_RESOURCE).read_text('utf-8')); "
        "print(json.dumps([len(data['lemmas']), data['table'] == nlp.lookups_identity(), "
        "nlp.snapshot_in_use()]))"
    )
    done = run_outside_checkout([sys.executable, "-c", code], tmp_path)
    assert done.returncode == 0, done.stderr
    lemmas, same_table, in_use = json.loads(done.stdout)
    assert lemmas > 300
    assert in_use == same_table


def test_the_library_front_door_works_from_any_folder(
    installed_script: Path, tmp_path: Path
) -> None:
    """Issue 13: ``import visiecheck; visiecheck.check_files([...])`` after ``pip install .``,
    run as a plain one-liner (no main guard) outside the checkout."""
    code = (
        "import visiecheck; "
        f"print(visiecheck.check_files([{str(SAMPLE)!r}]).documents[0].themes[0].status)"
    )
    done = run_outside_checkout([sys.executable, "-c", code], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() in {
        "missing",
        "mentioned",
        "addressed",
    }  # a StrEnum prints its value
    two = (
        "import visiecheck; "
        f"r = visiecheck.check_files([{str(SAMPLE)!r}, {str(SAMPLE)!r}], jobs=2); "
        "print(len(r.documents), r.documents[0].themes[0].status.value)"
    )
    done = run_outside_checkout([sys.executable, "-c", two], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == "2"


def test_installed_samples_command_gives_the_first_command_anywhere(
    installed_script: Path, tmp_path: Path
) -> None:
    """Issue 15: the README's first commands work outside a clone (samples in the wheel)."""
    copied = run_outside_checkout([str(installed_script), "samples", "probeer"], tmp_path)
    assert copied.returncode == 0, copied.stderr
    names = sorted(path.name for path in (tmp_path / "probeer").iterdir())
    assert names == [
        "omgevingsvisie-beekdal.pdf",
        "omgevingsvisie-hoogerbrug.pdf",
        "omgevingsvisie-zuiderveen.pdf",
    ]
    assert "visiecheck check probeer/omgevingsvisie-beekdal.pdf" in copied.stdout
    checked = run_outside_checkout(
        [str(installed_script), "check", "probeer/omgevingsvisie-beekdal.pdf", "--format", "json"],
        tmp_path,
    )
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["documents"][0]["municipality"] == "Beekdal"


def test_installed_package_ships_the_html_templates(installed_script: Path, tmp_path: Path) -> None:
    """The HTML reports are jinja2 templates in package data: the wheel must carry them."""
    target = tmp_path / "rapport.html"
    done = run_outside_checkout(
        [str(installed_script), "check", str(SAMPLE), "--format", "html", "-o", str(target)],
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert '<p class="meta run">Gemaakt op ' in target.read_text(encoding="utf-8")
    code = (
        "from visiecheck import api; from visiecheck.render import render_batch; "
        f"html = render_batch(api.check_files([{str(SAMPLE)!r}]), 'html'); "
        "print(html.count('<table class=\"matrix\">'))"
    )
    done = run_outside_checkout([sys.executable, "-c", code], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
