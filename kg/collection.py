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
    from kg.curation import Curation


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


def _counts(store: Store, pattern: str) -> dict[str, int]:
    res = store.query(
        f"""SELECT ?id (COUNT(DISTINCT ?x) AS ?n) WHERE {{
              {pattern} ?a {KG.identifier.n3()} ?id .
            }} GROUP BY ?id"""
    )
    return {str(i): int(n) for i, n in res.rows}


def stored(store: Store) -> dict[str, tuple[str, str]]:
    """id → (source file, content hash) of every stored article: what ``add`` compares."""
    res = store.query(
        f"""SELECT ?id ?file ?hash WHERE {{
              ?a a {KG.Article.n3()} ; {KG.identifier.n3()} ?id ; {KG.sourceFile.n3()} ?file ;
                 {KG.contentHash.n3()} ?hash .
            }}"""
    )
    return {str(i): (str(f), str(h)) for i, f, h in res.rows}


def articles(store: Store) -> list[ArticleRow]:
    """The stored articles with their metadata and counts, newest first."""
    res = store.query(
        f"""SELECT ?id ?h ?d ?pub ?url ?file ?hash ?lang WHERE {{
              ?a a {KG.Article.n3()} ; {KG.identifier.n3()} ?id ; {KG.sourceFile.n3()} ?file ;
                 {KG.contentHash.n3()} ?hash ; {SCHEMA.inLanguage.n3()} ?lang .
              OPTIONAL {{ ?a {SCHEMA.headline.n3()} ?h }}
              OPTIONAL {{ ?a {SCHEMA.datePublished.n3()} ?d }}
              OPTIONAL {{ ?a {SCHEMA.url.n3()} ?url }}
              OPTIONAL {{ ?a {SCHEMA.publisher.n3()}/{SCHEMA.name.n3()} ?pub }}
            }}"""
    )
    # counted one kind at a time: one query joining all three multiplies their rows
    ents = _counts(store, f"?m {KG.mentionOf.n3()} ?x ; {KG.inArticle.n3()} ?a .")
    rels = _counts(store, f"?x a {KG.Assertion.n3()} ; {KG.inArticle.n3()} ?a .")
    coms = _counts(store, f"?x a {KG.Commitment.n3()} ; {KG.inArticle.n3()} ?a .")
    rows = {}
    for i, h, d, p, u, f, hs, lang in res.rows:
        key = str(i)
        rows.setdefault(
            key,
            ArticleRow(
                key,
                str(h) if h else None,
                str(d) if d else None,
                str(p) if p else None,
                str(u) if u else None,
                str(f),
                str(hs),
                str(lang),
                ents.get(key, 0),
                rels.get(key, 0),
                coms.get(key, 0),
            ),
        )
    return sorted(
        rows.values(), key=lambda r: (r.published or "", r.headline or "", r.id), reverse=True
    )


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
    curation: Curation | None = None,
    workers: int = 1,
) -> BuildReport:
    """Add or replace the articles under ``paths``; unchanged ones are skipped.

    An article is unchanged when an article of the same id and text hash is stored. A
    file whose text changed (so whose id, without a URL, changed too) replaces the article
    the same file gave before."""
    from kg.build import BuildReport, build_articles, read_all

    found, failures = read_all(paths, fail_fast=fail_fast)
    known = stored(store)
    by_file = {file: art for art, (file, _) in known.items()}
    report = BuildReport(failures=failures)
    todo: list[Article] = []
    for a in found:
        if a.id in known and known[a.id][1] == a.content_hash:
            report.unchanged.append(a)
            continue
        before = by_file.get(a.source_file)
        if before is not None and before != a.id:
            store.remove_article(before)
            report.replaced.append(before)
        todo.append(a)
    return build_articles(
        todo,
        store,
        progress=progress,
        min_confidence=min_confidence,
        lang_any=lang_any,
        report=report,
        curation=curation,
        workers=workers,
    )


def remove(refs: Iterable[str], store: Store) -> list[str]:
    """Remove the articles ``refs`` name (ids, URLs or files); returns the ids removed.
    Every reference is checked before anything is removed."""
    ids = [find_article(store, ref) for ref in refs]
    for art in dict.fromkeys(ids):
        store.remove_article(art)
    return list(dict.fromkeys(ids))
