"""Text normalisation shared by the import (which stores it) and the search (which queries it)."""

from __future__ import annotations

import unicodedata

from kohtaanto.vocabularies.models import SEARCH_TEXT_LENGTH


def normalise(text: str) -> str:
    """NFKC, case-folded, whitespace collapsed, cut to the indexed length."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split())[:SEARCH_TEXT_LENGTH]
