"""What every batch worker needs, imported once by the fork server (``isolation``).

Importing this module has effects on purpose: it loads spaCy, builds the Dutch
sentencizer, imports the PDF readers and reads the lemma table (which fuzzy matching
consults for near misses such as "ondergrond"). The fork server does it once; each worker
forked from it starts with all of it in (shared) memory instead of spending most of a
second on it.
"""

from __future__ import annotations

from . import check, nlp  # noqa: F401  (check imports the PDF readers)

nlp.get_sentencizer()
nlp.is_known_word("ondergrond")
