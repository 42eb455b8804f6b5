"""Name normalisation, shared by extraction, resolution and scoring.

The gold guide defines how names are compared; using the very same function in the
extractor and in ``kg evaluate`` keeps the two from disagreeing about what "same name"
means.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "‐": "-"})
_LEADING_ARTICLE = re.compile(r"^(?:l'|le |la |les )", re.IGNORECASE)

STOPWORDS = frozenset(
    [
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "et",
        "en",
        "à",
        "au",
        "aux",
        "pour",
        "sur",
        "sous",
        "par",
        "dans",
        "avec",
        "un",
        "une",
    ]
)


def strip_accents(text: str) -> str:
    """Remove diacritics (đ, which has no decomposition, becomes d).

    >>> strip_accents("Ngô Xuân Lịch, Đà Nẵng")
    'Ngo Xuan Lich, Da Nang'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise(name: str) -> str:
    """The guide's comparison form: case-folded, no diacritics, one space, straight
    apostrophes, no leading article.

    >>> normalise("  L’ASEAN ")
    'asean'
    >>> normalise("Hanoï")
    'hanoi'
    """
    text = strip_accents(name.translate(_APOSTROPHES)).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return _LEADING_ARTICLE.sub("", text, count=1).strip()


def content_words(name: str) -> list[str]:
    """Words of a normalised name other than the guide's function words.

    >>> content_words("Forum de l'avenir de l'ASEAN 2025")
    ['forum', 'avenir', 'asean', '2025']
    """
    text = normalise(name).translate(_DASHES)
    words = re.findall(r"[\w+]+", text.replace("'", " "))
    return [w for w in words if w not in STOPWORDS]


def loose_key(name: str) -> tuple[str, ...]:
    """Content words with plural endings folded: "Technologie" and "Technologies" agree.

    >>> loose_key("ministère des Sciences et de la Technologie") == loose_key(
    ...     "ministère des Sciences et des Technologies")
    True
    """
    out = []
    for w in content_words(name):
        if len(w) > 3 and w[-1] in "sx":
            w = w[:-1]
        out.append(w)
    return tuple(out)
