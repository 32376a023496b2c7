"""JSON Schemas shipped with visiecheck (package data, read via importlib.resources)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

REPORT_SCHEMA_FILE = "report.schema.json"


@cache
def _report_schema_text() -> str:
    return files(__name__).joinpath(REPORT_SCHEMA_FILE).read_text(encoding="utf-8")


def load_report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the ``visiecheck.report/1`` JSON report."""
    # Parsed anew each call so callers may modify their copy.
    return json.loads(_report_schema_text())
