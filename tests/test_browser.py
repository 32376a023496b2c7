"""The batch HTML overview in a real browser: one A4 landscape page when printed, and no
wider than a 1600 px screen.

Headless Chromium prints the overview of the three samples (and of the 12 corpus texts
in ``../shared/corpus``, when that folder is there) to PDF; the PDF must be exactly one
landscape A4 page with the last theme's column header and the last municipality on it.
For the width, the test opens a copy of the overview with a small probe script added
(the report itself has none) at ``--window-size=1600,1000`` and reads the page's
``scrollWidth`` back from ``--dump-dom``: a screenshot cannot show what overflows, the
layout can.

Skipped when Chromium is missing, unless ``CI`` is set: ``.ci/run`` installs the Debian
package ``chromium``, so there a missing browser is a failure (as for the OCR tests).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from visiecheck import api
from visiecheck.models import Report
from visiecheck.options import ReadOptions
from visiecheck.render import render_batch
from visiecheck.render._batch import theme_columns

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.pdf"))
CORPUS = ROOT.parent / "shared" / "corpus"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
A4_LANDSCAPE = (841.89, 595.28)  # points
SCREEN = (1600, 1000)

BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(
    BROWSER is None and not os.environ.get("CI"),
    reason="Chromium is not installed (CI installs the Debian package chromium)",
)

# Added to a copy of the overview only: writes the layout's widths into the DOM.
PROBE = """<script>
const root = document.documentElement;
const matrix = document.querySelector("table.matrix").getBoundingClientRect();
const probe = document.createElement("pre");
probe.id = "probe";
probe.textContent = JSON.stringify({
  scroll: root.scrollWidth, client: root.clientWidth, matrix: Math.ceil(matrix.right)
});
document.body.append(probe);
</script>
"""


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if BROWSER is None:
        pytest.fail("CI is set but Chromium is missing: .ci/run installs the package chromium")
    command = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return done


def overview(report: Report, tmp_path: Path) -> Path:
    html = render_batch(report, "html")
    assert isinstance(html, str) and "<script" not in html
    path = tmp_path / "overzicht.html"
    path.write_text(html, encoding="utf-8")
    return path


def assert_one_landscape_page(report: Report, page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "overzicht.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == 1
        [printed] = document.pages
        assert (printed.width, printed.height) == pytest.approx(A4_LANDSCAPE, abs=1)
        words = printed.extract_words()
    last_code = theme_columns(report, "nl")[-1].code
    headers = [word for word in words if word["text"] == last_code]
    assert headers, f"{last_code} is not on the page"
    assert all(word["x0"] > 0 and word["x1"] < printed.width for word in headers)
    last_row = max((g.municipality for g in report.groups), key=str.casefold).split()[0]
    assert any(word["text"] == last_row for word in words), last_row
    # the width probe must not be what was printed: the report carries no script
    assert "probe" not in page.read_text(encoding="utf-8")


def layout_widths(page: Path, tmp_path: Path, size: tuple[int, int]) -> dict[str, int]:
    probe = tmp_path / "probe.html"
    probe.write_text(
        page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8"
    )
    done = chromium(tmp_path, f"--window-size={size[0]},{size[1]}", "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="probe">([^<]+)</pre>', done.stdout)
    assert found, done.stdout[-500:]
    return json.loads(found.group(1).replace("&quot;", '"'))


def assert_fits_the_screen(page: Path, tmp_path: Path) -> None:
    widths = layout_widths(page, tmp_path, SCREEN)
    # the viewport is the window less a possible vertical scroll bar
    assert SCREEN[0] - 20 <= widths["client"] <= SCREEN[0]
    assert widths["scroll"] <= widths["client"], widths  # no horizontal scrolling
    assert widths["matrix"] <= widths["client"], widths


@pytest.fixture(scope="module")
def samples_report() -> Report:
    assert len(SAMPLES) == 3
    # module scope: the per-test cache folder is not set up yet, so no cache at all
    return api.check_files(SAMPLES, read=ReadOptions(use_cache=False))


def test_samples_overview_prints_on_one_a4_landscape_page(
    samples_report: Report, tmp_path: Path
) -> None:
    assert_one_landscape_page(samples_report, overview(samples_report, tmp_path), tmp_path)


def test_samples_overview_fits_a_1600_px_screen(samples_report: Report, tmp_path: Path) -> None:
    assert_fits_the_screen(overview(samples_report, tmp_path), tmp_path)


def test_samples_overview_fits_a_laptop_screen(samples_report: Report, tmp_path: Path) -> None:
    widths = layout_widths(overview(samples_report, tmp_path), tmp_path, (1366, 768))
    assert widths["scroll"] <= widths["client"] <= 1366, widths


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is absent")
def test_corpus_overview_of_twelve_plans_fits_one_page_and_the_screen(tmp_path: Path) -> None:
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) == 12
    report = api.check_files(files)
    assert len(report.groups) == 12 and not any(d.failed for d in report.documents)
    page = overview(report, tmp_path)
    assert_one_landscape_page(report, page, tmp_path)
    assert_fits_the_screen(page, tmp_path)
