"""Saved web pages: the article's main text and metadata, without the page around it.

trafilatura finds the main text and drops navigation, cookie banners, share bars,
comments and footers; its metadata (title, date, author, site name, canonical URL) fill
the article's. What trafilatura keeps of news furniture that sits inside the article
body, a byline line or an "À lire aussi" list of other headlines, goes too, by the
conventions French news sites share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A heading that opens a list of other stories: everything from it to the end goes.
_RELATED = re.compile(
    r"^(?:à\s+lire\s+(?:aussi|également)|lire\s+(?:aussi|également|la\s+suite)|voir\s+aussi|"
    r"sur\s+le\s+même\s+sujet|articles?\s+(?:liés|similaires|associés)|dans\s+la\s+même\s+rubrique|"
    r"nos\s+articles|les\s+plus\s+lus|tags?\s*:|mots[- ]clés\s*:)\s*:?\s*$",
    re.IGNORECASE,
)
#: One line that is a byline or a share/print bar rather than a sentence of the story.
_FURNITURE = re.compile(
    r"^(?:par\s+[\w\-’'. ]{2,60}|publié\s+le\b.*|mis\s+à\s+jour\s+le\b.*|"
    r"(?:partager|imprimer|envoyer|facebook|twitter|x|zalo|linkedin|whatsapp|e-?mail)"
    r"(?:\s*[|·•/]?\s*(?:partager|imprimer|envoyer|facebook|twitter|x|zalo|linkedin|whatsapp|e-?mail))*)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    date: str | None
    author: str | None
    site: str | None
    url: str | None
    lang: str | None


def _clean(text: str, author: str | None) -> str:
    out: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r"[ \t\r\f\v]+", " ", raw).strip()
        if not line:
            continue
        if _RELATED.match(line):
            break
        if _FURNITURE.match(line) or (author and line.strip(" .") == author.strip()):
            continue
        out.append(line)
    return "\n".join(out)


def extract_page(markup: str, url: str | None = None) -> Page:
    """Main text and metadata of one HTML page (empty text when none is found)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=True,
    )
    if doc is None:
        return Page("", None, None, None, None, url, None)
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    author = meta.get("author") or None
    return Page(
        text=_clean(meta.get("text") or "", author),
        title=meta.get("title") or None,
        date=meta.get("date") or None,
        author=author,
        site=meta.get("sitename") or None,
        url=meta.get("url") or url,
        lang=meta.get("language") or None,
    )
