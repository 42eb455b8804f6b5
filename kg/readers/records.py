"""Feed and scraper exports: ``.jsonl`` (one article per line) and ``.json`` (one article,
a list of them, or an object holding the list under ``articles``/``items``/``data``).

Keys are read by their usual names, first found wins, so exports of common tools load
without renaming. A bad record is reported with its line (or index) and the rest load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

TEXT_KEYS = ("text", "content", "body", "article", "description")
TITLE_KEYS = ("title", "headline", "name")
DATE_KEYS = ("date", "published", "pubDate", "published_at", "datePublished", "pub_date")
URL_KEYS = ("url", "link", "href", "canonical_url")
SOURCE_KEYS = ("source", "site", "sitename", "publisher", "site_name", "feed")
ID_KEYS = ("id", "guid", "uid")
LANG_KEYS = ("lang", "language", "inLanguage")
AUTHOR_KEYS = ("author", "byline", "creator")


@dataclass(frozen=True)
class Record:
    where: str  # "line 3" or "item 2", for messages
    fields: dict[str, Any] | None
    problem: str | None = None


def first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The first of ``keys`` present with a non-empty value; a nested ``{"name": …}``
    (JSON-LD publishers, feed sources) gives its name."""
    for k in keys:
        v = obj.get(k)
        if isinstance(v, dict):
            v = v.get("name") or v.get("title") or v.get("@id") or v.get("href")
        if isinstance(v, list) and v and all(isinstance(x, str) for x in v):
            v = ", ".join(v)
        if v not in (None, "", [], {}):
            return v
    return None


def jsonl_records(text: str) -> Iterator[Record]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Record(where, None, f"invalid JSON ({exc.msg}, column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield Record(where, None, "expected a JSON object")
            continue
        yield Record(where, obj)


def json_records(text: str) -> Iterator[Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Record(f"line {exc.lineno}", None, f"invalid JSON ({exc.msg}, column {exc.colno})")
        return
    if isinstance(data, dict):
        for key in ("articles", "items", "data", "entries", "results"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    if not isinstance(data, list):
        yield Record("top level", None, "expected an object or a list of objects")
        return
    for n, obj in enumerate(data, start=1):
        if isinstance(obj, dict):
            yield Record(f"item {n}", obj)
        else:
            yield Record(f"item {n}", None, "expected a JSON object")
