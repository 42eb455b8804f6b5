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
                 {KG.reason.n3()} ?why .
              OPTIONAL {{ ?x {KG.inArticle.n3()} ?a . {article_name("?a", "?art")} }}
              BIND(COALESCE(?art, "curation.yaml") AS ?id)
              OPTIONAL {{ ?e {_RDFS_LABEL} ?label }}
            }} ORDER BY ?label ?id ?name"""
    )
    seen: dict[tuple[str, str, str], MergeRow] = {}
    for art, name, e, label, why in res.rows:
        key = (str(art), str(name), str(e))
        if key not in seen:
            seen[key] = MergeRow(str(art), str(name), str(e), str(label or e), str(why))
    return list(seen.values())


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "duplicate" or "junk"
    entities: tuple[str, ...]  # labels
    iris: tuple[str, ...]
    why: str
    entry: str  # the curation.yaml entry that would act on it, for the user to confirm


_JUNK_WORDS = frozenset(
    "accepter refuser cookies partager imprimer commentaire commentaires abonnez connexion "
    "newsletter facebook twitter zalo linkedin whatsapp youtube photo vidéo lire aussi".split()
)


def _tokens(name: str) -> list[str]:
    import re

    from kg.extract.text import normalise

    return re.findall(r"\w+", normalise(name))


def suggest(store: Store, min_ratio: float = 0.88) -> list[Suggestion]:
    """Likely duplicates (same type; names that differ by a letter or two, or one a shorter
    form of the other) and likely junk (names made of page furniture, no letter, or a
    single mention the models were unsure of), for a curator to confirm in curation.yaml.
    Nothing is changed."""
    from difflib import SequenceMatcher

    rows = list_entities(store)
    conf = {
        str(e): float(c)
        for e, c in store.query(
            f"""SELECT ?e (MAX(?c) AS ?conf) WHERE {{
                  ?m {KG.mentionOf.n3()} ?e ; {KG.confidence.n3()} ?c }} GROUP BY ?e"""
        ).rows
    }
    out: list[Suggestion] = []
    by_type: dict[str, list[EntityRow]] = {}
    for r in rows:
        by_type.setdefault(r.type, []).append(r)
    for etype, group in sorted(by_type.items()):
        group = sorted(group, key=lambda r: r.label)
        toks = {r.iri: _tokens(r.label) for r in group}
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                ta, tb = toks[a.iri], toks[b.iri]
                if not ta or not tb:
                    continue
                ratio = SequenceMatcher(None, " ".join(ta), " ".join(tb)).ratio()
                why = None
                if ratio >= min_ratio:
                    why = f"names {ratio:.0%} alike"
                elif (
                    etype == "Person"
                    and len(ta) != len(tb)
                    and (set(ta) < set(tb) or set(tb) < set(ta))
                    and min(len(ta), len(tb)) >= 2
                ):
                    why = "one name is a shorter form of the other"
                if why:
                    keep, other = (a, b) if a.mentions >= b.mentions else (b, a)
                    out.append(
                        Suggestion(
                            "duplicate",
                            (keep.label, other.label),
                            (keep.iri, other.iri),
                            why,
                            f"- same-as: [{etype}:{keep.label}, {etype}:{other.label}]",
                        )
                    )
    for r in rows:
        t = _tokens(r.label)
        why = None
        if not any(ch.isalpha() for ch in r.label):
            why = "no letter in the name"
        elif t and all(w in _JUNK_WORDS for w in t):
            why = "a name made of page furniture"
        elif r.mentions == 1 and conf.get(r.iri, 1.0) < 0.5:
            why = f"one mention, confidence {conf[r.iri]:.2f}"
        if why:
            out.append(Suggestion("junk", (r.label,), (r.iri,), why, f"- drop: {r.type}:{r.label}"))
    return out
