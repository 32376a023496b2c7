"""What every batch worker needs, imported once by the fork server (``isolation``).

Importing this module has effects on purpose: it loads spaCy, builds the Dutch
sentencizer and imports the PDF readers. The fork server does it once; each worker
forked from it starts with all of it in (shared) memory instead of spending most of a
second on it. The lemma table is not loaded: the matcher arrives from the parent with
its dictionary questions already answered (``Matcher.resolve_known_words``).
"""

from __future__ import annotations

from .. import pipeline  # noqa: F401  (the pipeline imports the PDF readers)
from ..analyse import nlp

nlp.get_sentencizer()
