"""Network analysis: projections of the RDF graph to networkx, and measures on them.

Projections (:class:`Projection`):

* ``full``: every entity and every stated relation (directed; parallel relations between
  two entities are folded into one edge that lists them);
* ``actor-event``: people, organisations and countries against the events they took part
  in or organised (bipartite);
* ``co-participation``: actors linked when they share events, weighted by how many;
* ``commitments``: actor → partner or beneficiary, and actor → initiative, from the
  commitments.

Every node carries its type, label, mention and article counts; every edge its relation,
weight, evidence sentences and articles. Measures are deterministic: Louvain and sampled
betweenness take a seed, and a sampled betweenness says so and with how many pivots.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kg.errors import KgError
from kg.extract.text import normalise
from kg.model import EntityType, Predicate
from kg.namespace import KG
from kg.sparql import article_name
from kg.store import Store

if TYPE_CHECKING:
    import networkx as nx

SEED = 42
EXACT_BETWEENNESS_LIMIT = 1000
BETWEENNESS_SAMPLE = 256
ACTORS = ("Person", "Organisation", "Country")
_TYPE_OF = {str(KG[t.value]): t.value for t in EntityType}
_PRED_OF = {str(KG[p.value]): p.value for p in Predicate}
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


class Projection(StrEnum):
    FULL = "full"
    ACTOR_EVENT = "actor-event"
    CO_PARTICIPATION = "co-participation"
    COMMITMENTS = "commitments"


class Measure(StrEnum):
    DEGREE = "degree"
    WEIGHTED_DEGREE = "weighted-degree"
    PAGERANK = "pagerank"
    BETWEENNESS = "betweenness"
    COMMUNITIES = "communities"
    BROKERS = "brokers"


@dataclass
class Statement:
    subject: str
    predicate: str
    object: str
    evidence: str
    article: str
    stated: bool = True  # both ends are named in the evidence sentence


@dataclass
class GraphData:
    """Everything the projections need, read from the store once."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)


ARTICLE_NAME = article_name("?a", "?art", "?aid")


def read_graph(store: Store, article: str | None = None) -> GraphData:
    """Entities, stated relations and commitments (of one article, if given)."""
    from rdflib import Literal

    data = GraphData()
    # ?aid filters on one article; ?art names it as an analyst reads it (headline, date)
    where_article = ARTICLE_NAME
    bind = {"aid": Literal(article)} if article else None
    classes = " ".join(KG[t.value].n3() for t in EntityType)
    res = store.query(
        f"""
        SELECT ?e ?cls (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?m) AS ?mentions)
               (GROUP_CONCAT(DISTINCT ?art; separator="\u001f") AS ?arts)
        WHERE {{
          VALUES ?cls {{ {classes} }}
          ?e a ?cls ; {LABEL} ?l .
          ?m {KG.mentionOf.n3()} ?e ; {KG.inArticle.n3()} ?a . {where_article}
        }} GROUP BY ?e ?cls""",
        bind,
    )
    for e, cls, label, mentions, arts in res.rows:
        key = str(e)
        if key in data.nodes:
            continue
        articles = sorted(set(str(arts).split("\x1f")))
        data.nodes[key] = {
            "label": str(label),
            "type": _TYPE_OF[str(cls)],
            "mentions": int(mentions),
            "articles": len(articles),
            "article_names": "\n".join(articles),
        }
    preds = " ".join(KG[p.value].n3() for p in Predicate)
    res = store.query(
        f"""
        SELECT ?s ?p ?o ?text ?art ?sent WHERE {{
          VALUES ?p {{ {preds} }}
          ?x <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o ;
             {KG.evidence.n3()} ?sent ; {KG.inArticle.n3()} ?a .
          ?sent {KG.text.n3()} ?text . {where_article}
        }}""",
        bind,
    )
    named = {
        (str(e), str(sent))
        for e, sent in store.query(
            f"SELECT DISTINCT ?e ?sent WHERE {{ ?m {KG.mentionOf.n3()} ?e ; "
            f"{KG.inSentence.n3()} ?sent }}"
        ).rows
    }
    for s, p, o, text, art, sent in res.rows:
        if str(s) in data.nodes and str(o) in data.nodes:
            stated = (str(s), str(sent)) in named and (str(o), str(sent)) in named
            data.statements.append(
                Statement(str(s), _PRED_OF[str(p)], str(o), str(text), str(art), stated)
            )
    res = store.query(
        f"""
        SELECT ?c ?actor ?kind ?partner ?initiative ?text ?art WHERE {{
          ?c a {KG.Commitment.n3()} ; {KG.actor.n3()} ?actor ; {KG.kind.n3()} ?k ;
             {KG.evidence.n3()} ?sent ; {KG.inArticle.n3()} ?a .
          ?sent {KG.text.n3()} ?text . {where_article}
          OPTIONAL {{ ?c {KG.partner.n3()} ?partner }}
          OPTIONAL {{ ?c {KG.concerns.n3()} ?initiative }}
          BIND(STRAFTER(STR(?k), "#") AS ?kind)
        }}""",
        bind,
    )
    for c, actor, kind, partner, initiative, text, art in res.rows:
        data.commitments.append(
            {
                "id": str(c),
                "actor": str(actor),
                "kind": str(kind),
                "partner": str(partner) if partner else None,
                "initiative": str(initiative) if initiative else None,
                "evidence": str(text),
                "article": str(art),
            }
        )
    # stores return rows in no fixed order: sort, so that layouts, communities and the
    # choice between equally short paths are the same on every run
    data.nodes = dict(sorted(data.nodes.items()))
    data.statements.sort(key=lambda s: (s.subject, s.predicate, s.object, s.article, s.evidence))
    data.commitments.sort(key=lambda c: (c["id"], c["partner"] or "", c["initiative"] or ""))
    return data


def _add_edge(
    g: nx.Graph, u: str, v: str, relation: str, evidence: str, article: str, stated: bool = True
) -> None:
    if not g.has_edge(u, v):
        g.add_edge(u, v, weight=0, relations=[], evidence_list=[], article_list=[], stated_list=[])
    d = g.edges[u, v]
    d["weight"] += 1
    if relation not in d["relations"]:
        d["relations"].append(relation)
    if evidence not in d["evidence_list"]:
        d["evidence_list"].append(evidence)
    if article not in d["article_list"]:
        d["article_list"].append(article)
    if stated and (relation, evidence, article) not in d["stated_list"]:
        d["stated_list"].append((relation, evidence, article))


def _finish(g: nx.Graph) -> nx.Graph:
    """Turn list attributes into strings, so that GraphML and GEXF can hold them."""
    for _, _, d in g.edges(data=True):
        d["relation"] = "; ".join(d.pop("relations"))
        ev = d.pop("evidence_list")
        arts = d.pop("article_list")
        d["evidence"] = "\n".join(ev[:5])
        d["articles"] = "\n".join(arts)
        d["statements"] = len(ev)
        stated = d.pop("stated_list")
        d["stated"] = bool(stated)
        if stated:  # a hop kg path may rest on: its sentence names both ends
            d["stated_relation"], d["stated_evidence"], d["stated_article"] = stated[0]
    return g


def project(
    data: GraphData,
    projection: Projection | str = Projection.FULL,
    *,
    types: set[str] | None = None,
    min_weight: int = 1,
) -> nx.Graph:
    """A networkx graph of the data, in the chosen projection."""
    import networkx as nx

    projection = Projection(projection)
    keep = (lambda n: data.nodes[n]["type"] in types) if types else (lambda n: True)
    g: nx.Graph
    if projection == Projection.FULL:
        g = nx.DiGraph()
        for s in data.statements:
            if keep(s.subject) and keep(s.object):
                _add_edge(g, s.subject, s.object, s.predicate, s.evidence, s.article, s.stated)
        g.add_nodes_from(n for n in data.nodes if keep(n))
    elif projection == Projection.ACTOR_EVENT:
        g = nx.Graph()
        for s in data.statements:
            if s.predicate in ("participatesIn", "organises") and keep(s.subject):
                _add_edge(g, s.subject, s.object, s.predicate, s.evidence, s.article, s.stated)
    elif projection == Projection.CO_PARTICIPATION:
        g = nx.Graph()
        by_event: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
        for s in data.statements:
            if s.predicate == "participatesIn" and keep(s.subject):
                by_event[s.object].setdefault(s.subject, (s.evidence, s.article))
        for event, actors in by_event.items():
            names = sorted(actors)
            for i, a in enumerate(names):
                for b in names[i + 1 :]:
                    _add_edge(
                        g, a, b, "coParticipates", f"{data.nodes[event]['label']}", actors[a][1]
                    )
    else:
        g = nx.DiGraph()
        for c in data.commitments:
            if not keep(c["actor"]):
                continue
            for target, rel in ((c["partner"], "commitsToward"), (c["initiative"], "commitsOn")):
                if target and target in data.nodes and keep(target):
                    _add_edge(g, c["actor"], target, rel, c["evidence"], c["article"])
    for n in g.nodes:
        g.nodes[n].update(
            data.nodes.get(
                n, {"label": n, "type": "?", "mentions": 0, "articles": 0, "article_names": ""}
            )
        )
        if projection == Projection.ACTOR_EVENT:
            g.nodes[n]["bipartite"] = 0 if g.nodes[n]["type"] in ACTORS else 1
    _finish(g)
    if min_weight > 1:
        g.remove_edges_from([(u, v) for u, v, w in g.edges(data="weight") if w < min_weight])
        g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0])
    return g


# ---------------------------------------------------------------------------- measures


@dataclass
class Scores:
    """A measure over nodes, with a note on how it was computed."""

    measure: str
    values: dict[str, float]
    note: str = ""


def score(g: nx.Graph, measure: Measure | str, *, seed: int = SEED) -> Scores:
    import networkx as nx

    measure = Measure(measure)
    if measure == Measure.DEGREE:
        return Scores(measure, {n: float(d) for n, d in g.degree()})
    if measure == Measure.WEIGHTED_DEGREE:
        return Scores(measure, {n: float(d) for n, d in g.degree(weight="weight")})
    if measure == Measure.PAGERANK:
        if g.number_of_edges() == 0:
            return Scores(measure, {n: 1 / max(1, len(g)) for n in g})
        return Scores(measure, nx.pagerank(g, weight="weight"))
    if measure == Measure.BETWEENNESS:
        und = g.to_undirected() if g.is_directed() else g
        if len(und) <= EXACT_BETWEENNESS_LIMIT:
            return Scores(measure, nx.betweenness_centrality(und), "exact")
        k = min(BETWEENNESS_SAMPLE, len(und))
        return Scores(
            measure,
            nx.betweenness_centrality(und, k=k, seed=seed),
            f"sampled with {k} pivots (seed {seed}) above {EXACT_BETWEENNESS_LIMIT} nodes",
        )
    raise KgError(f"{measure} is not a node score; use communities() or brokers()")


#: Louvain's resolution (networkx's default): modularity as Newman defined it.
RESOLUTION = 1.0


def communities(g: nx.Graph, *, seed: int = SEED, resolution: float = RESOLUTION) -> list[set[str]]:
    """Louvain communities (seeded: the same graph always gives the same communities),
    largest first; an entity with no relation is a community of its own (see
    :func:`split_singletons`). ``resolution`` above 1 gives more, smaller communities."""
    import networkx as nx

    und = g.to_undirected() if g.is_directed() else g
    if und.number_of_edges() == 0:
        return [{n} for n in und]
    found = nx.community.louvain_communities(und, weight="weight", seed=seed, resolution=resolution)
    return sorted(found, key=lambda c: (-len(c), min(c)))


def split_singletons(comms: list[set[str]]) -> tuple[list[set[str]], set[str]]:
    """Communities of two or more, and the entities left alone (no relation in this
    projection): one "unconnected" group rather than dozens of one-entity communities."""
    return [c for c in comms if len(c) > 1], {n for c in comms if len(c) == 1 for n in c}


@dataclass(frozen=True)
class Broker:
    node: str
    community: int
    reaches: int  # other communities its neighbours belong to
    betweenness: float


def brokers(g: nx.Graph, comms: list[set[str]] | None = None, *, seed: int = SEED) -> list[Broker]:
    """Nodes whose neighbours lie in other communities, ranked by how many communities
    they reach and then by betweenness."""
    comms = comms if comms is not None else communities(g, seed=seed)
    member = {n: i for i, c in enumerate(comms) for n in c}
    bet = score(g, Measure.BETWEENNESS, seed=seed).values
    und = g.to_undirected() if g.is_directed() else g
    out = []
    for n in und:
        others = {member[m] for m in und.neighbors(n) if member.get(m) != member.get(n)}
        if others:
            out.append(Broker(n, member[n], len(others), bet.get(n, 0.0)))
    return sorted(out, key=lambda b: (-b.reaches, -b.betweenness, b.node))


@dataclass(frozen=True)
class Hop:
    source: str
    relation: str
    target: str
    forward: bool  # False when the relation is stated from target to source
    evidence: str
    articles: str


def resolve_node(g: nx.Graph, name: str) -> str:
    """The node of ``g`` a name or IRI designates (labels compared without case/accents).
    Unknown and ambiguous names are errors listing the candidates."""
    if name in g:
        return name
    key = normalise(name)
    hits = [n for n, d in g.nodes(data=True) if normalise(d.get("label", "")) == key]
    if not hits:
        hits = [n for n, d in g.nodes(data=True) if key in normalise(d.get("label", ""))]
    if len(hits) == 1:
        return hits[0]
    if hits:
        listed = "; ".join(
            sorted(f"{g.nodes[n].get('type')}:{g.nodes[n].get('label')}" for n in hits)
        )
        raise KgError(f"{name!r} names {len(hits)} entities: {listed} (give the full name or IRI)")
    from difflib import get_close_matches

    labels = {normalise(d.get("label", "")): d.get("label", "") for _, d in g.nodes(data=True)}
    near = [labels[k] for k in get_close_matches(key, list(labels), n=5, cutoff=0.6)]
    raise KgError(
        f"no entity named {name!r} in this graph"
        + (f"; did you mean {'; '.join(near)}?" if near else "")
    )


def path(g: nx.Graph, a: str, b: str) -> list[Hop]:
    """A shortest chain of stated relations between two entities, each hop with its
    evidence (relations are followed in either direction). Only hops whose evidence
    sentence names both their ends are followed: a relation drawn from the article as a
    whole ("the minister" and a country two paragraphs apart) is no link to show."""
    import networkx as nx

    src, dst = resolve_node(g, a), resolve_node(g, b)
    und = g.to_undirected(as_view=True) if g.is_directed() else g
    stated = nx.subgraph_view(und, filter_edge=lambda u, v: und.edges[u, v].get("stated", False))
    try:
        nodes = nx.shortest_path(stated, src, dst)
    except nx.NetworkXNoPath as exc:
        raise KgError(f"no chain of stated relations links {a!r} and {b!r}") from exc
    hops = []
    for u, v in itertools.pairwise(nodes):
        forward = (
            g.has_edge(u, v) and g.edges[u, v].get("stated", False) if g.is_directed() else True
        )
        d = g.edges[u, v] if forward else g.edges[v, u]
        hops.append(
            Hop(u, d["stated_relation"], v, forward, d["stated_evidence"], d["stated_article"])
        )
    return hops


def top(
    g: nx.Graph, scores: Scores, n: int = 10, types: tuple[str, ...] = ACTORS
) -> list[tuple[str, float]]:
    ranked = sorted(
        ((k, v) for k, v in scores.values.items() if g.nodes[k].get("type") in types),
        key=lambda kv: (-kv[1], kv[0]),
    )
    return ranked[:n]
