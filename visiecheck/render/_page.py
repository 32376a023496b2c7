"""The frame every HTML report shares: one jinja2 environment, one base template, one
run-information line.

``check``, ``batch`` and ``diff`` each extend ``templates/base.html.j2``, which writes
the head (charset, viewport, title, the one inline stylesheet of ``style.BASE_CSS`` plus
the report's own rules), the header (title and run information) and the footer (the
run information again, so a printed page says what made it). Templates are package
data loaded by jinja2's ``PackageLoader``; autoescaping is on for everything, so no text
from a document can add markup.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from ..models import Report
from .i18n import lexicon_text, t

# Month names for the run date: "3 december 2026" reads better than "2026-12-03" in a
# report that is mailed and printed (and needs no locale installed on the machine).
_MONTHS = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("visiecheck.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def template(name: str) -> Template:
    """A report template by file name (``batch.html.j2``), loaded once per process."""
    return _environment().get_template(name)


def run_date(created: str, lang: str) -> str:
    """``2026-12-03T14:05:09+01:00`` → ``3 december 2026, 14:05`` (local time of the run,
    as recorded); ``""`` when the report has no valid date."""
    try:
        moment = datetime.fromisoformat(created)
    except ValueError:
        return ""
    month = _MONTHS[lang][moment.month - 1]
    return f"{moment.day} {month} {moment.year}, {moment:%H:%M}"


def run_line(report: Report, lang: str) -> str:
    """``Gemaakt op 3 december 2026, 14:05 met visiecheck 0.1.0, lexicon ondergrond-nl
    1.5.0 (3549f943b4fc)``; without the date when the report has none."""
    when = run_date(report.created, lang)
    fields = {
        "tool": "visiecheck",
        "version": report.tool_version,
        "lexicon": lexicon_text(report.lexicon, lang),
    }
    if when:
        return t("generated_on", lang, date=when, **fields)
    return t("generated_with", lang, **fields)
