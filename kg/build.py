"""``build``: articles on disk → extraction → resolution → RDF → store.

The one pipeline that ``kg build`` and ``kg evaluate`` both run, so that what is scored is
exactly what users get.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDFS, URIRef
from rdflib.namespace import SKOS

from kg.articles import find_files, read_file
from kg.errors import ArticleFormatError
from kg.model import Article, EntityType, Extraction
from kg.namespace import KG
from kg.rdf import CLASS, to_graph
from kg.resolve import KnownEntity, Merge, Resolver
from kg.store import Store

if TYPE_CHECKING:
    from kg.curation import Curation
    from kg.extract.learned import Models

DEFAULT_ARTICLES = Path("data/articles")
_TYPE_OF_CLASS = {v: k for k, v in CLASS.items()}


@dataclass
class BuildReport:
    """What a build did. ``duplicates`` and ``skipped`` hold (article, why) pairs: an
    article met twice in one build is stored once; a non-French one is not built."""

    articles: list[str] = field(default_factory=list)
    failures: list[ArticleFormatError] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    duplicates: list[tuple[Article, str]] = field(default_factory=list)
    skipped: list[tuple[Article, str]] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    curated: list[str] = field(default_factory=list)
    curation_warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def known_entities(store: Store) -> list[KnownEntity]:
    """What the store already knows, so that new articles reuse existing IRIs.

    Read graph by graph: an entity named in a thousand articles has its type and label in
    a thousand graphs, and joining them across graphs would multiply the rows."""
    classes = " ".join(c.n3() for c in CLASS.values())
    res = store.query(
        f"""SELECT DISTINCT ?e ?cls ?label WHERE {{
              VALUES ?cls {{ {classes} }}
              GRAPH ?g {{ ?e a ?cls ; {RDFS.label.n3()} ?label }}
            }}"""
    )
    out: dict[URIRef, KnownEntity] = {}
    for e, cls, label in sorted(res.rows, key=lambda r: (str(r[0]), str(r[2]))):
        if e not in out:
            out[e] = KnownEntity(e, _TYPE_OF_CLASS[cls], str(label))  # type: ignore[index]
    res = store.query(
        f"""SELECT DISTINCT ?e ?alt WHERE {{
              VALUES ?cls {{ {classes} }}
              GRAPH ?g {{ ?e a ?cls ; {SKOS.altLabel.n3()} ?alt }}
            }}"""
    )
    for e, alt in res.rows:
        if e in out:
            out[e].names.add(str(alt))  # type: ignore[index]
    return list(out.values())


def _keyed(store: Store) -> bool:
    """Whether the store's entities carry resolution keys (or the store is empty)."""
    entities = (
        store.query(f"ASK {{ ?e a {KG.Person.n3()} }}").boolean
        or store.query(f"ASK {{ ?e a {KG.Country.n3()} }}").boolean
    )
    return not entities or bool(store.query(f"ASK {{ ?e {KG.key.n3()} ?k }}").boolean)


_WORKER: tuple | None = None


def _init_worker(models: Models | bool | None) -> None:
    global _WORKER
    from kg.extract import load_lexicon, load_models, load_pipeline

    _WORKER = (load_pipeline(), load_lexicon(), load_models() if models is None else models)


def _extract_in_worker(article: Article) -> Extraction:
    from kg.extract import extract

    nlp, lexicon, models = _WORKER  # type: ignore[misc]
    return extract(article, nlp, lexicon, models)


def extractions(
    articles: Iterable[Article], models: Models | bool | None = None, workers: int = 1
) -> Iterator[tuple[Article, Extraction]]:
    """Each article with its extraction, in order: the map step, with no shared state, so
    that it runs in ``workers`` processes as well as in this one."""
    from kg.extract import extract, load_lexicon, load_pipeline

    if workers <= 1:
        nlp, lexicon = load_pipeline(), load_lexicon()
        for a in articles:
            yield a, extract(a, nlp, lexicon, models)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    batch: list[Article] = []
    with ctx.Pool(workers, initializer=_init_worker, initargs=(models,)) as pool:
        # bounded: a window of articles at a time, whatever their number
        for a in articles:
            batch.append(a)
            if len(batch) >= 8 * workers:
                yield from zip(batch, pool.map(_extract_in_worker, batch, chunksize=1), strict=True)
                batch = []
        if batch:
            yield from zip(batch, pool.map(_extract_in_worker, batch, chunksize=1), strict=True)


def build_articles(
    articles: Iterable[Article],
    store: Store,
    *,
    progress: Callable[[Article], None] | None = None,
    keep_extractions: bool = False,
    models: Models | bool | None = None,
    min_confidence: float = 0.0,
    lang_any: bool = False,
    report: BuildReport | None = None,
    curation: Curation | None = None,
    workers: int = 1,
) -> BuildReport:
    """Extract, resolve and store each article; each one is stored whole or not at all.

    ``workers`` > 1 extracts in that many processes (each loads the model once); articles
    are resolved and stored in the order given, so the graph is the one a single worker
    builds.

    ``models``: the learned models (default: those of the package; ``False``: rules
    alone); ``min_confidence`` drops entities, relations and commitments the models are
    less sure of; ``lang_any`` builds articles the detector says are not French (the
    extraction is French only, so they are skipped by default, and reported); ``curation``
    is applied to the store once the articles are in (and keeps apart the names it says
    are different while they are resolved)."""
    different = curation.different() if curation else ()
    if _keyed(store):  # read what each new name could resolve to, when it comes
        resolver = Resolver((), different, store=store)
    else:  # a store written before entities carried their keys: read them all
        resolver = Resolver(known_entities(store), different)
    report = report or BuildReport()

    def wanted() -> Iterator[Article]:
        seen: dict[str, Article] = {}
        for article in articles:
            if article.id in seen:
                first = seen[article.id]
                why = "same URL" if article.url else "same text"
                report.duplicates.append((article, f"{why} as {first.source_file}"))
                continue
            seen[article.id] = article
            if article.lang not in ("fr", "und") and not lang_any:
                report.skipped.append(
                    (
                        article,
                        f"language detected as {article.lang!r}, not French (--lang-any builds it)",
                    )
                )
                continue
            yield article

    for article, extraction in extractions(wanted(), models, workers):
        if min_confidence > 0:
            extraction = above(extraction, min_confidence)
        before = len(resolver.merges)
        iris = resolver.resolve(extraction)
        labels = {iri: resolver.label(iri) for iri in iris.values()}
        new = resolver.merges[before:]
        graph = to_graph(extraction, iris, labels, [(m.name, m.iri, m.reason) for m in new])
        store.put_article(article.id, graph)
        report.articles.append(article.id)
        report.merges.extend(new)
        if keep_extractions:
            report.extractions.append(extraction)
        if progress:
            progress(article)
    if curation is not None and (curation.entries or curation.path is not None):
        from kg.curation import apply

        result = apply(store, curation)
        report.curated.extend(result.applied)
        report.curation_warnings.extend(result.warnings)
    return report


def above(extraction: Extraction, threshold: float) -> Extraction:
    """The extraction without what the models gave less than ``threshold``; a relation or
    commitment whose actor or end was dropped goes with it."""
    entities = tuple(
        e
        for e in extraction.entities
        if max(
            (m.confidence for m in e.mentions if not m.extractor.startswith("coref")), default=1.0
        )
        >= threshold
    )
    keys = {e.key for e in entities}
    relations = tuple(
        r
        for r in extraction.relations
        if r.confidence >= threshold and r.subject in keys and r.object in keys
    )
    commitments = tuple(
        replace(
            c,
            speaker=c.speaker if c.speaker in keys else None,
            event=c.event if c.event in keys else None,
            partners=tuple(p for p in c.partners if p in keys),
            initiatives=tuple(i for i in c.initiatives if i in keys),
        )
        for c in extraction.commitments
        if c.confidence >= threshold and c.actor in keys
    )
    return replace(extraction, entities=entities, relations=relations, commitments=commitments)


def read_all(
    paths: Iterable[Path | str], *, fail_fast: bool = False
) -> tuple[list[Article], list[ArticleFormatError]]:
    """Every readable article under ``paths``, and the files that could not be read."""
    articles: list[Article] = []
    failures: list[ArticleFormatError] = []
    for f in find_files(paths):
        try:
            articles.extend(read_file(f, None if fail_fast else failures))
        except ArticleFormatError as exc:
            if fail_fast:
                raise
            failures.append(exc)
    return articles, failures


def build(
    paths: Iterable[Path | str] = (DEFAULT_ARTICLES,),
    store: Store | None = None,
    *,
    progress: Callable[[Article], None] | None = None,
    fail_fast: bool = False,
    min_confidence: float = 0.0,
    lang_any: bool = False,
    curation: Curation | None = None,
    workers: int = 1,
) -> BuildReport:
    """Build every article found under ``paths`` into ``store``.

    A file that cannot be read is reported in ``BuildReport.failures`` (or raised with
    ``fail_fast``) and the others are still built: what is already stored is never
    touched by a bad file.
    """
    from kg import store as store_mod

    own = store is None
    if store is None:
        store = store_mod.open()
    try:
        articles, failures = read_all(paths, fail_fast=fail_fast)
        report = build_articles(
            articles,
            store,
            progress=progress,
            min_confidence=min_confidence,
            lang_any=lang_any,
            curation=curation,
            workers=workers,
        )
        report.failures = failures
        return report
    finally:
        if own:
            store.close()


def summary(store: Store) -> dict[str, object]:
    """Counts for the summary table: articles, entities by type, triples."""
    res = store.query("SELECT ?cls (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?cls } GROUP BY ?cls")
    by_class = {c: int(n) for c, n in res.rows}  # type: ignore[arg-type]
    entities = {t.value: by_class.get(c, 0) for t, c in ((t, CLASS[t]) for t in EntityType)}
    return {
        "articles": len(store.article_ids()),
        "entities": entities,
        "relations": int(
            store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a a ?c }", {"c": KG.Assertion}).rows[0][0]
        ),
        "commitments": by_class.get(KG.Commitment, 0),
        "mentions": by_class.get(KG.Mention, 0),
        "triples": len(store),
    }


__all__ = ["BuildReport", "build", "build_articles", "known_entities", "summary"]
