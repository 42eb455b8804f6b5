"""Reading articles from disk, in the forms analysts have them.

| suffix            | read as                                                          |
|-------------------|------------------------------------------------------------------|
| ``.txt``          | plain text; first line is the headline                           |
| ``.md``           | Markdown with optional YAML front matter; markup removed         |
| ``.html``/``.htm``| a saved page: main text and metadata by trafilatura              |
| ``.jsonl``        | one article per line (feed and scraper exports)                  |
| ``.json``         | one article, a list of them, or ``{"articles": [...]}``          |

Offsets in the graph refer to ``Article.text``, the text kg stores: for plain text the
file's own text (a leading ``date YYYY-MM`` marker, left by some scrapers, is blanked
with spaces so that offsets stay offsets into the file); for the other forms the text
once markup and page furniture are gone.

An article's identity is its URL when known, else a hash of its normalised text: the
same story met twice is one article, two ``index.html`` of different folders are two.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from kg.errors import ArticleFormatError
from kg.model import Article
from kg.readers import records as rec
from kg.readers.dates import parse_date

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".json")

_DATE_MARKER = re.compile(r"\A\s*date\s+(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\b")
_MAX_TITLE = 300
_TRACKING = re.compile(r"^(?:utm_|fbclid$|gclid$|mc_|xtor$|at_)", re.IGNORECASE)

__all__ = [
    "SUFFIXES",
    "article_id",
    "canonical_url",
    "content_hash",
    "find_files",
    "parse_date",
    "read_articles",
    "read_file",
]


def canonical_url(url: str) -> str:
    """The URL an article is known by: scheme and host in lower case, no fragment, no
    tracking parameters, no trailing slash.

    >>> canonical_url("HTTPS://VnExpress.net/a/b/?utm_source=x&id=3#top")
    'https://vnexpress.net/a/b?id=3'
    """
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def normalised_text(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    """A hash of the text up to Unicode form and white space: unchanged means unchanged."""
    return hashlib.blake2b(normalised_text(text).encode(), digest_size=10).hexdigest()


def article_id(url: str | None, text: str) -> str:
    """The stable id of an article: from its URL when known, else from its text.

    >>> a = article_id("https://example.org/a?utm_medium=rss", "x")
    >>> a == article_id("https://example.org/a", "y")
    True
    """
    key = "url " + canonical_url(url) if url else "text " + normalised_text(text)
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


# ----------------------------------------------------------------------------- helpers


def _first_line_title(text: str) -> str | None:
    """The first line as the headline; a first line that is a whole paragraph (a text
    with no title line) gives its opening words instead, so that the article still has a
    name an analyst can read."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            if len(line) <= _MAX_TITLE:
                return line
            cut = line[:100].rsplit(" ", 1)[0].rstrip(" ,;:")
            return cut + " …"
    return None


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleFormatError(path, f"cannot be read ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleFormatError(
            path, f"is not UTF-8 text (byte {exc.start} cannot be decoded)"
        ) from exc
    if "\x00" in text:
        raise ArticleFormatError(path, "contains NUL bytes: this is not a text article")
    return text


def _check_text(path: Path, text: str, where: str = "") -> None:
    if not text.strip():
        raise ArticleFormatError(path, f"{where}has no text")


def _date(path: Path, value: Any, where: str = "") -> tuple[Any, str | None]:
    if value in (None, ""):
        return None, None
    if hasattr(value, "isoformat"):  # YAML reads an unquoted 2025-07-18 as a date
        return value if not hasattr(value, "date") else value.date(), "day"
    try:
        return parse_date(str(value))
    except ValueError as exc:
        raise ArticleFormatError(path, f"{where}{exc}") from exc


def _str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [t for t in re.split(r"\s*[,;]\s*", value) if t]
    if isinstance(value, list | tuple):
        return tuple(str(t).strip() for t in value if str(t).strip())
    return ()


def make_article(
    path: Path,
    text: str,
    *,
    title: str | None = None,
    published: Any = None,
    url: str | None = None,
    source: str | None = None,
    author: str | None = None,
    lang: str | None = None,
    tags: tuple[str, ...] = (),
    where: str = "",
) -> Article:
    """An :class:`Article` with its identity, metadata and detected language."""
    from kg.readers.language import detect

    _check_text(path, text, where)
    day, precision = _date(path, published, where)
    url = _str(url)
    detected = detect(text)
    return Article(
        id=article_id(url, text),
        text=text,
        source_file=path.as_posix() + (f"#{where.split(':')[0]}" if where else ""),
        title=_str(title) or _first_line_title(text),
        published=day,
        published_precision=precision,
        url=canonical_url(url) if url else None,
        lang=detected.lang,
        declared_lang=_str(lang),
        source=_str(source),
        author=_str(author),
        tags=tags,
        content_hash=content_hash(text),
    )


# ----------------------------------------------------------------------------- readers


def read_text(path: Path) -> Article:
    text = _decode(path)
    _check_text(path, text)
    published = None
    m = _DATE_MARKER.match(text)
    if m:
        published = "-".join(g for g in m.groups() if g)
        text = " " * m.end() + text[m.end() :]
    return make_article(path, text, published=published)


def read_markdown(path: Path) -> Article:
    from kg.readers.markdown import split_front_matter, to_text

    raw = _decode(path)
    try:
        meta, body = split_front_matter(raw)
    except Exception as exc:
        raise ArticleFormatError(path, f"has unreadable YAML front matter ({exc})") from exc
    meta = {str(k).lower(): v for k, v in meta.items()}
    text = to_text(body)
    return make_article(
        path,
        text,
        title=_str(rec.first(meta, rec.TITLE_KEYS)) or _heading(body),
        published=rec.first(meta, (*rec.DATE_KEYS, "pubdate")),
        url=_str(rec.first(meta, URL_META)),
        source=_str(rec.first(meta, rec.SOURCE_KEYS)),
        author=_str(rec.first(meta, rec.AUTHOR_KEYS)),
        lang=_str(rec.first(meta, rec.LANG_KEYS)),
        tags=_tags(meta.get("tags") or meta.get("keywords")),
    )


URL_META = (*rec.URL_KEYS, "permalink", "source_url")


def _heading(body: str) -> str | None:
    m = re.search(r"^#{1,6}\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    return m.group(1).strip() if m else None


def read_html(path: Path) -> Article:
    from kg.readers.html import extract_page

    page = extract_page(_decode(path))
    if not page.text.strip():
        raise ArticleFormatError(path, "has no article text that could be told from the page")
    return make_article(
        path,
        page.text,
        title=page.title,
        published=page.date,
        url=page.url,
        source=page.site,
        author=page.author,
        lang=page.lang,
    )


def read_records(path: Path, problems: list[ArticleFormatError] | None = None) -> Iterator[Article]:
    """The articles of a ``.jsonl`` or ``.json`` export. A bad record is raised, or, when
    ``problems`` is given, appended to it while the other records are read."""
    text = _decode(path)
    records = rec.jsonl_records(text) if path.suffix.lower() == ".jsonl" else rec.json_records(text)
    for r in records:
        try:
            if r.fields is None:
                raise ArticleFormatError(path, f"{r.where}: {r.problem}")
            yield _record_article(path, r)
        except ArticleFormatError as exc:
            if problems is None:
                raise
            problems.append(exc)


def _record_article(path: Path, r: rec.Record) -> Article:
    obj = r.fields or {}
    where = f"{r.where}: "
    body = rec.first(obj, rec.TEXT_KEYS)
    if not isinstance(body, str):
        keys = "/".join(rec.TEXT_KEYS)
        raise ArticleFormatError(path, f"{where}no text (expected a string under {keys})")
    return make_article(
        path,
        body,
        title=_str(rec.first(obj, rec.TITLE_KEYS)),
        published=rec.first(obj, rec.DATE_KEYS),
        url=_str(rec.first(obj, rec.URL_KEYS)),
        source=_str(rec.first(obj, rec.SOURCE_KEYS)),
        author=_str(rec.first(obj, rec.AUTHOR_KEYS)),
        lang=_str(rec.first(obj, rec.LANG_KEYS)),
        tags=_tags(obj.get("tags") or obj.get("keywords") or obj.get("categories")),
        where=where,
    )


def read_file(path: Path, problems: list[ArticleFormatError] | None = None) -> list[Article]:
    """All articles in one file (an export may hold many). With ``problems``, a bad
    record of an export is collected there and the rest of the file is still read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return [read_text(path)]
    if suffix in (".md", ".markdown"):
        return [read_markdown(path)]
    if suffix in (".html", ".htm"):
        return [read_html(path)]
    if suffix in (".jsonl", ".json"):
        return list(read_records(path, problems))
    raise ArticleFormatError(
        path, f"unsupported file type {suffix!r} (expected one of {', '.join(SUFFIXES)})"
    )


def find_files(paths: Iterable[Path | str]) -> list[Path]:
    """Article files named by ``paths``: files as given, folders searched for known suffixes."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file() and f.suffix.lower() in SUFFIXES and not is_gold_file(f)
                )
            )
        elif p.is_file():
            found.append(p)
        else:
            raise ArticleFormatError(p, "no such file or folder")
    return found


def is_gold_file(path: Path) -> bool:
    """Whether a ``.json`` file is a gold annotation (``data/**/gold``), not an article:
    a folder of annotated articles holds both, and only the articles are to be read."""
    if path.suffix.lower() != ".json":
        return False
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            head = fh.read(400)
    except OSError:
        return False
    return bool(re.match(r'\s*\{\s*"article"\s*:\s*"[^"]+"\s*,\s*"entities"', head))


def read_articles(paths: Iterable[Path | str]) -> Iterator[Article]:
    """Every article under ``paths``, in a stable order."""
    for f in find_files(paths):
        yield from read_file(f)
