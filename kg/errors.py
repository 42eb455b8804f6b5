"""One error hierarchy, so that the CLI can turn any expected failure into a clean message."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base of every error kg raises on purpose; anything else is a bug."""


class ArticleFormatError(KgError):
    """An article file cannot be read: the message names the file and what is wrong."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class StoreError(KgError):
    """A store cannot be opened, read or written."""


class QueryError(KgError):
    """A SPARQL query is malformed, unknown, or misses a parameter."""


class ValidationError(KgError):
    """The graph does not conform to the SHACL shapes."""


class GoldFormatError(KgError):
    """A gold annotation file does not follow data/gold/GUIDE.md."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ExtractionError(KgError):
    """The extraction pipeline cannot start (model or lexicon missing)."""
