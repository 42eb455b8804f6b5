"""Reading articles from disk.

Offsets in the graph refer to ``Article.text``. For plain text that is the file's own
text, with a leading ``date YYYY-MM`` marker (left by some scrapers) blanked out with
spaces rather than cut, so that every offset is still an offset into the file.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import ArticleFormatError
from kg.model import Article

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")

_DATE_MARKER = re.compile(r"\A\s*date\s+(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\b")
_MAX_TITLE = 300


def parse_date(value: str) -> tuple[date, str]:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (an ISO timestamp is cut to its day).

    Returns the date (first day of the period) and its precision.

    >>> parse_date("2024-06")
    (datetime.date(2024, 6, 1), 'month')
    """
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[T ].*)?", value.strip())
    if not m:
        raise ValueError(f"not a date: {value!r}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    precision = "day" if day else "month" if month else "year"
    return date(int(year), int(month or 1), int(day or 1)), precision


def _first_line_title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= _MAX_TITLE else None
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


def read_text(path: Path) -> Article:
    text = _decode(path)
    _check_text(path, text)
    published = precision = None
    m = _DATE_MARKER.match(text)
    if m:
        published, precision = parse_date("-".join(g for g in m.groups() if g))
        text = " " * m.end() + text[m.end() :]
    if path.suffix == ".md":
        title = next(
            (ln.lstrip("#").strip() for ln in text.splitlines() if ln.startswith("#")), None
        ) or _first_line_title(text)
    else:
        title = _first_line_title(text)
    return Article(
        id=path.stem,
        text=text,
        source_file=path.name,
        title=title,
        published=published,
        published_precision=precision,
    )


class _HTMLText(HTMLParser):
    """Keeps the text of block elements, one per line, and the page's metadata."""

    BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "li", "blockquote", "td", "div", "br"})
    SKIP = frozenset({"script", "style", "nav", "footer", "header", "aside", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            a = {k: v or "" for k, v in attrs}
            key = a.get("property") or a.get("name") or ""
            if key and "content" in a:
                self.meta[key.lower()] = a["content"]
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title = (self.title or "") + data
        else:
            self.parts.append(data)


def read_html(path: Path) -> Article:
    parser = _HTMLText()
    try:
        parser.feed(_decode(path))
        parser.close()
    except AssertionError as exc:  # html.parser signals broken markup this way
        raise ArticleFormatError(path, f"is not readable HTML ({exc})") from exc
    lines = (re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in "".join(parser.parts).split("\n"))
    text = "\n".join(ln for ln in lines if ln)
    _check_text(path, text)
    published = precision = None
    for key in ("article:published_time", "date", "dc.date", "pubdate"):
        if key in parser.meta:
            try:
                published, precision = parse_date(parser.meta[key])
                break
            except ValueError:
                continue
    title = parser.meta.get("og:title") or (parser.title or "").strip() or _first_line_title(text)
    return Article(
        id=path.stem,
        text=text,
        source_file=path.name,
        title=html.unescape(title or "") or None,
        published=published,
        published_precision=precision,
        url=parser.meta.get("og:url"),
    )


def read_jsonl(path: Path) -> Iterator[Article]:
    """One JSON object per line with at least ``id`` and ``text``."""
    seen: set[str] = set()
    for lineno, line in enumerate(_decode(path).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {lineno}: "
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ArticleFormatError(path, f"{where}invalid JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise ArticleFormatError(path, f"{where}expected a JSON object")
        art_id, text = obj.get("id"), obj.get("text")
        if not isinstance(art_id, str) or not art_id.strip():
            raise ArticleFormatError(path, f"{where}'id' must be a non-empty string")
        if not isinstance(text, str):
            raise ArticleFormatError(path, f"{where}'text' must be a string")
        _check_text(path, text, where)
        if art_id in seen:
            raise ArticleFormatError(path, f"{where}duplicate article id {art_id!r}")
        seen.add(art_id)
        published = precision = None
        if obj.get("published"):
            try:
                published, precision = parse_date(str(obj["published"]))
            except ValueError as exc:
                raise ArticleFormatError(path, f"{where}{exc}") from exc
        yield Article(
            id=art_id,
            text=text,
            source_file=path.name,
            title=obj.get("title") or _first_line_title(text),
            published=published,
            published_precision=precision,
            url=obj.get("url"),
            lang=obj.get("lang", "fr"),
        )


def read_file(path: Path) -> list[Article]:
    """All articles in one file (a ``.jsonl`` file may hold many)."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):
        return [read_text(path)]
    if suffix in (".html", ".htm"):
        return [read_html(path)]
    if suffix == ".jsonl":
        return list(read_jsonl(path))
    raise ArticleFormatError(
        path, f"unsupported file type {suffix!r} (expected one of {', '.join(SUFFIXES)})"
    )


def find_files(paths: Iterable[Path | str]) -> list[Path]:
    """Article files named by ``paths``: files as given, folders searched for known suffixes."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            )
        elif p.is_file():
            found.append(p)
        else:
            raise ArticleFormatError(p, "no such file or folder")
    return found


def read_articles(paths: Iterable[Path | str]) -> Iterator[Article]:
    """Every article under ``paths``, in a stable order."""
    for f in find_files(paths):
        yield from read_file(f)
