"""A store that grows: list the stored articles, add or replace some, remove others.

``kg build`` builds everything it is given; ``kg add`` builds only what changed (an
article whose text hash is already stored is skipped, a file whose text changed
replaces the article it gave before) and ``kg remove`` takes articles out. Everything an
article states lives in its own named graph, so removing an article removes exactly its
facts, and entities no other article mentions go with them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KgError
from kg.model import Article
from kg.namespace import KG, SCHEMA
from kg.store import Store

if TYPE_CHECKING:
    from kg.build import BuildReport


@dataclass(frozen=True)
class ArticleRow:
    id: str
    headline: str | None
    published: str | None
    source: str | None
    url: str | None
    file: str
    content_hash: str
    language: str
    entities: int
    relations: int
    commitments: int


def articles(store: Store) -> list[ArticleRow]:
    """The stored articles with their metadata and counts, newest first."""
    res = store.query(
        f"""SELECT ?id ?h ?d ?pub ?url ?file ?hash ?lang
                   (COUNT(DISTINCT ?e) AS ?ne) (COUNT(DISTINCT ?r) AS ?nr)
                   (COUNT(DISTINCT ?c) AS ?nc)
            WHERE {{
              ?a a {KG.Article.n3()} ; {KG.identifier.n3()} ?id ; {KG.sourceFile.n3()} ?file ;
                 {KG.contentHash.n3()} ?hash ; {SCHEMA.inLanguage.n3()} ?lang .
              OPTIONAL {{ ?a {SCHEMA.headline.n3()} ?h }}
              OPTIONAL {{ ?a {SCHEMA.datePublished.n3()} ?d }}
              OPTIONAL {{ ?a {SCHEMA.url.n3()} ?url }}
              OPTIONAL {{ ?a {SCHEMA.publisher.n3()}/{SCHEMA.name.n3()} ?pub }}
              OPTIONAL {{ ?m {KG.inArticle.n3()} ?a ; {KG.mentionOf.n3()} ?e }}
              OPTIONAL {{ ?r a {KG.Assertion.n3()} ; {KG.inArticle.n3()} ?a }}
              OPTIONAL {{ ?c a {KG.Commitment.n3()} ; {KG.inArticle.n3()} ?a }}
            }} GROUP BY ?id ?h ?d ?pub ?url ?file ?hash ?lang"""
    )
    rows = [
        ArticleRow(
            str(i),
            str(h) if h else None,
            str(d) if d else None,
            str(p) if p else None,
            str(u) if u else None,
            str(f),
            str(hs),
            str(lang),
            int(ne),
            int(nr),
            int(nc),
        )
        for i, h, d, p, u, f, hs, lang, ne, nr, nc in res.rows
    ]
    rows.sort(key=lambda r: (r.published or "", r.headline or "", r.id), reverse=True)
    return rows


def find_article(store: Store, ref: str) -> str:
    """The id of the stored article ``ref`` names: its id, URL, source file (as given,
    or its name, or its name without suffix). Ambiguous or unknown is an error."""
    rows = articles(store)
    for test in (
        lambda r: r.id == ref,
        lambda r: r.url is not None and r.url.rstrip("/") == ref.rstrip("/"),
        lambda r: r.file == ref or r.file == Path(ref).as_posix(),
        lambda r: Path(r.file.split("#")[0]).name == ref,
        lambda r: Path(r.file.split("#")[0]).stem == ref,
    ):
        hits = sorted({r.id for r in rows if test(r)})
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise KgError(f"{ref!r} names {len(hits)} articles ({', '.join(hits)}): give an id")
    raise KgError(f"no stored article is named {ref!r} (kg articles lists them)")


def add(
    paths: Iterable[Path | str],
    store: Store,
    *,
    progress: Callable[[Article], None] | None = None,
    fail_fast: bool = False,
    min_confidence: float = 0.0,
    lang_any: bool = False,
) -> BuildReport:
    """Add or replace the articles under ``paths``; unchanged ones are skipped.

    An article is unchanged when an article of the same id and text hash is stored. A
    file whose text changed (so whose id, without a URL, changed too) replaces the article
    the same file gave before."""
    from kg.build import BuildReport, build_articles, read_all

    found, failures = read_all(paths, fail_fast=fail_fast)
    stored = {r.id: r for r in articles(store)}
    by_file = {r.file: r for r in stored.values()}
    report = BuildReport(failures=failures)
    todo: list[Article] = []
    for a in found:
        known = stored.get(a.id)
        if known is not None and known.content_hash == a.content_hash:
            report.unchanged.append(a)
            continue
        before = by_file.get(a.source_file)
        if before is not None and before.id != a.id:
            store.remove_article(before.id)
            report.replaced.append(before.id)
        todo.append(a)
    return build_articles(
        todo,
        store,
        progress=progress,
        min_confidence=min_confidence,
        lang_any=lang_any,
        report=report,
    )


def remove(refs: Iterable[str], store: Store) -> list[str]:
    """Remove the articles ``refs`` name (ids, URLs or files); returns the ids removed.
    Every reference is checked before anything is removed."""
    ids = [find_article(store, ref) for ref in refs]
    for art in dict.fromkeys(ids):
        store.remove_article(art)
    return list(dict.fromkeys(ids))
