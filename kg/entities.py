"""``kg entities``: what the graph knows about its entities, and why names were merged."""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import EntityType
from kg.namespace import KG
from kg.sparql import article_name
from kg.store import Store

_RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
_ALT_LABEL = "<http://www.w3.org/2004/02/skos/core#altLabel>"


@dataclass(frozen=True)
class EntityRow:
    iri: str
    type: str
    label: str
    names: tuple[str, ...]
    mentions: int
    articles: tuple[str, ...]
    wikidata: str | None


@dataclass(frozen=True)
class MergeRow:
    article: str
    name: str
    iri: str
    label: str
    reason: str


def list_entities(store: Store, type: str | None = None) -> list[EntityRow]:
    """Entities with their names, mention counts and articles, most mentioned first."""
    types = [EntityType(type)] if type else list(EntityType)
    rows: list[EntityRow] = []
    for t in types:
        res = store.query(
            f"""SELECT ?e (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?m) AS ?n)
                   (GROUP_CONCAT(DISTINCT ?id; separator="\\u001f") AS ?arts)
                   (GROUP_CONCAT(DISTINCT ?alt; separator="\\u001f") AS ?alts)
                   (SAMPLE(?wd) AS ?wikidata)
            WHERE {{
              ?e a {KG[t.value].n3()} ; {_RDFS_LABEL} ?l .
              ?m {KG.mentionOf.n3()} ?e ; {KG.inArticle.n3()} ?a . {article_name("?a", "?id")}
              OPTIONAL {{ ?e {_ALT_LABEL} ?alt }}
              OPTIONAL {{ ?e {KG.wikidataId.n3()} ?wd }}
            }} GROUP BY ?e"""
        )
        for e, label, n, arts, alts, wd in res.rows:
            rows.append(
                EntityRow(
                    str(e),
                    t.value,
                    str(label),
                    tuple(sorted(set(str(alts).split("\x1f")) - {"", str(label)})) if alts else (),
                    int(n),
                    tuple(sorted(str(arts).split("\x1f"))),
                    str(wd) if wd else None,
                )
            )
    rows.sort(key=lambda r: (-r.mentions, r.type, r.label))
    return rows


def list_merges(store: Store) -> list[MergeRow]:
    """Every recorded merge: which name, in which article, went to which entity, and why."""
    res = store.query(
        f"""SELECT ?id ?name ?e ?label ?why WHERE {{
              ?x a {KG.Merge.n3()} ; {KG.mergedName.n3()} ?name ; {KG.mergedInto.n3()} ?e ;
                 {KG.reason.n3()} ?why ; {KG.inArticle.n3()} ?a .
              {article_name("?a", "?id")}
              OPTIONAL {{ ?e {_RDFS_LABEL} ?label }}
            }} ORDER BY ?label ?id ?name"""
    )
    seen: dict[tuple[str, str, str], MergeRow] = {}
    for art, name, e, label, why in res.rows:
        key = (str(art), str(name), str(e))
        if key not in seen:
            seen[key] = MergeRow(str(art), str(name), str(e), str(label or e), str(why))
    return list(seen.values())
