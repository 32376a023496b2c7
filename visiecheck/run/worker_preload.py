"""What every batch worker needs whatever the lexicon: the one place that says so.

Importing this module has effects on purpose: it loads spaCy, builds the Dutch
sentencizer and imports the PDF readers. A batch names it in
``options.BATCH_PRELOAD_MODULES``; the fork server (``visiecheck.run.processes``)
imports it once and each worker forked from it starts with all of it in (shared)
memory instead of spending most of a second on it; where there is no fork server each
worker imports it as it starts, before its first document's clock runs. The lemma table
is not loaded: the matcher arrives from the parent with its dictionary questions
already answered (``Matcher.resolve_known_words``).
"""

from __future__ import annotations

from .. import pipeline  # noqa: F401  (the pipeline imports the PDF readers)
from ..analyse import nlp

nlp.get_sentencizer()
