"""Write ``visiecheck/data/lemma_snapshot.json``: ``python -m visiecheck.lemma_snapshot``.

The snapshot holds what the default lexicon's matcher asks the lemma table (the lemma
and forms of each word, the known words near the fuzzy terms, the known word ends
of the terms for elided compounds), so that building it
needs no table: faster ``check`` start-up, and for ``batch`` the difference
between the workers waiting for the parent or not (see ``nlp``). Run this after
changing the words of ``lexicons/ondergrond-nl.yaml``, the fuzzy defaults of
``MatchOptions`` or the spacy-lookups-data version; ``tests/test_lemma_snapshot.py`` fails
until then. A stale snapshot never gives wrong answers, only slower ones: questions it
lacks go to the table, and a snapshot of another table version is ignored.
"""

from __future__ import annotations

import json
from pathlib import Path

from .analyse import nlp
from .analyse.matching import Matcher, lexicon_words
from .lexicon import load_lexicon
from .models import Lexicon
from .options import MatchOptions

SNAPSHOT_PATH = Path(__file__).parent / "data" / nlp.SNAPSHOT_RESOURCE


def snapshot_for(lexicon: Lexicon, options: MatchOptions) -> dict[str, object]:
    """The snapshot of the table's answers for ``lexicon`` matched with ``options``."""
    with nlp.without_snapshot():
        matcher = Matcher(lexicon, options)
        questions = matcher.known_word_questions()
        heads = matcher.head_question()
    return nlp.build_snapshot(lexicon_words(lexicon), questions, [heads])


def snapshot_text(lexicon: Lexicon | None = None, options: MatchOptions | None = None) -> str:
    """The file's text for ``lexicon`` (default: the built-in one) and ``options``."""
    data = snapshot_for(lexicon or load_lexicon(None), options or MatchOptions())
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def main() -> None:
    SNAPSHOT_PATH.write_text(snapshot_text(), encoding="utf-8")
    print(f"wrote {SNAPSHOT_PATH} ({SNAPSHOT_PATH.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
