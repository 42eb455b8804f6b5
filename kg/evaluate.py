"""Scoring against gold files, by the rules of ``data/gold/GUIDE.md``.

``evaluate`` builds the articles with exactly the pipeline of ``kg build`` into an
in-memory store, reads entities, relations and commitments back *from the RDF graph*,
and scores them. Scoring works on plain :class:`Annotation` objects, so that it can be
tested on hand-made cases.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.errors import GoldFormatError
from kg.extract.text import content_words, normalise
from kg.model import EntityType, Predicate
from kg.namespace import KG, graph_iri

TYPES = tuple(t.value for t in EntityType)
PREDICATES = tuple(p.value for p in Predicate)
KINDS = ("pledge", "proposal", "call", "agreement")
LOOSE_TYPES = {"Event", "Initiative", "Organisation"}


@dataclass
class AnnEntity:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    confidence: float = 1.0

    @property
    def names(self) -> set[str]:
        return {normalise(n) for n in (self.name, *self.aliases) if n}


@dataclass(frozen=True)
class AnnRelation:
    subject: str
    predicate: str
    object: str
    role: str | None = None
    confidence: float = 1.0
    evidence: str | None = None


@dataclass(frozen=True)
class AnnCommitment:
    actor: str
    kind: str
    evidence: str
    speaker: str | None = None
    event: str | None = None
    confidence: float = 1.0


@dataclass
class Annotation:
    """One article's entities, relations and commitments, gold or predicted."""

    article: str
    entities: list[AnnEntity] = field(default_factory=list)
    relations: list[AnnRelation] = field(default_factory=list)
    commitments: list[AnnCommitment] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "article": self.article,
            "entities": [
                {"id": e.id, "type": e.type, "name": e.name, "aliases": e.aliases}
                for e in self.entities
            ],
            "relations": [
                {
                    k: v
                    for k, v in (
                        ("subject", r.subject),
                        ("predicate", r.predicate),
                        ("object", r.object),
                        ("role", r.role),
                    )
                    if v
                }
                for r in self.relations
            ],
            "commitments": [
                {
                    "actor": c.actor,
                    "speaker": c.speaker,
                    "event": c.event,
                    "kind": c.kind,
                    "evidence": c.evidence,
                }
                for c in self.commitments
            ],
        }


# ------------------------------------------------------------------------ gold files


def _need(obj: dict, key: str, kind: type, path: Path, where: str) -> object:
    if key not in obj or not isinstance(obj[key], kind):
        raise GoldFormatError(path, f"{where}: {key!r} must be a {kind.__name__}")
    return obj[key]


def load_gold(path: Path) -> Annotation:
    """Read and check one gold file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(path, f"cannot be read ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise GoldFormatError(path, f"invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise GoldFormatError(path, "expected a JSON object")
    ann = Annotation(str(data.get("article") or path.with_suffix(".txt").name))
    ids: set[str] = set()
    for i, e in enumerate(_need(data, "entities", list, path, "file")):  # type: ignore[arg-type]
        where = f"entities[{i}]"
        if not isinstance(e, dict):
            raise GoldFormatError(path, f"{where}: expected an object")
        eid = _need(e, "id", str, path, where)
        etype = _need(e, "type", str, path, where)
        if etype not in TYPES:
            raise GoldFormatError(path, f"{where}: unknown type {etype!r}")
        if eid in ids:
            raise GoldFormatError(path, f"{where}: duplicate id {eid!r}")
        ids.add(eid)  # type: ignore[arg-type]
        aliases = e.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise GoldFormatError(path, f"{where}: 'aliases' must be a list of strings")
        ann.entities.append(
            AnnEntity(
                eid,
                etype,
                _need(e, "name", str, path, where),  # type: ignore[arg-type]
                list(aliases),
            )
        )
    for i, r in enumerate(data.get("relations") or []):
        where = f"relations[{i}]"
        s, p, o = (_need(r, k, str, path, where) for k in ("subject", "predicate", "object"))
        if p not in PREDICATES:
            raise GoldFormatError(path, f"{where}: unknown predicate {p!r}")
        for end in (s, o):
            if end not in ids:
                raise GoldFormatError(path, f"{where}: unknown entity {end!r}")
        ann.relations.append(
            AnnRelation(s, p, o, r.get("role"), evidence=r.get("evidence"))  # type: ignore[arg-type]
        )
    for i, c in enumerate(data.get("commitments") or []):
        where = f"commitments[{i}]"
        actor = _need(c, "actor", str, path, where)
        kind = _need(c, "kind", str, path, where)
        if kind not in KINDS:
            raise GoldFormatError(path, f"{where}: unknown kind {kind!r}")
        for k in ("actor", "speaker", "event"):
            v = c.get(k)
            if v is not None and v not in ids:
                raise GoldFormatError(path, f"{where}: unknown entity {v!r} in {k!r}")
        ann.commitments.append(
            AnnCommitment(
                actor,
                kind,
                _need(c, "evidence", str, path, where),  # type: ignore[arg-type]
                c.get("speaker"),
                c.get("event"),
            )
        )
    return ann


def gold_files(gold_dir: Path) -> list[Path]:
    files = sorted(p for p in gold_dir.glob("*.json"))
    if not files:
        raise GoldFormatError(gold_dir, "no gold files (*.json) in this folder")
    return files


def find_article(gold: Path, articles_dir: Path | None) -> Path:
    """The article of a gold file: beside it, in ``articles_dir``, or in the sibling
    ``articles`` folder (``data/gold`` → ``data/articles``)."""
    stem = gold.stem
    places = [gold.parent, *(d for d in (articles_dir,) if d), gold.parent.parent / "articles"]
    for d in places:
        for suffix in (".txt", ".md", ".html", ".jsonl"):
            p = d / f"{stem}{suffix}"
            if p.is_file():
                return p
    raise GoldFormatError(
        gold,
        f"no article named {stem}.txt beside it"
        + (f" or in {articles_dir}" if articles_dir else ""),
    )


# --------------------------------------------------------------------------- scoring


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float | int]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "predicted": predicted,
        "gold": gold,
    }


def _loose(a: set[str], b: set[str]) -> bool:
    for x in a:
        for y in b:
            wx, wy = content_words(x), content_words(y)
            short, long_ = (wx, wy) if len(wx) <= len(wy) else (wy, wx)
            if len(short) >= 2 and set(short) <= set(long_) and len(short) >= 0.6 * len(long_):
                return True
    return False


def align(gold: list[AnnEntity], pred: list[AnnEntity], typed: bool = True) -> dict[str, str]:
    """One-to-one pairing, predicted id → gold id: equal names first, then (for events,
    initiatives and organisations) the loose content-word rule."""
    pairs: dict[str, str] = {}
    used_gold: set[str] = set()
    for loose in (False, True):
        for p in pred:
            if p.id in pairs:
                continue
            for g in gold:
                if g.id in used_gold or (typed and g.type != p.type):
                    continue
                if not loose:
                    ok = bool(p.names & g.names)
                else:
                    ok = (
                        g.type in LOOSE_TYPES
                        and (not typed or p.type in LOOSE_TYPES)
                        and _loose(p.names, g.names)
                    )
                if ok:
                    pairs[p.id] = g.id
                    used_gold.add(g.id)
                    break
    return pairs


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", normalise(text)))


def score(gold: Iterable[Annotation], predicted: Iterable[Annotation]) -> dict:
    """Micro-averaged precision, recall and F1 over all articles."""
    pred_by = {a.article: a for a in predicted}
    ent = Counter()
    by_type = {t: Counter() for t in TYPES}
    rel = Counter()
    by_pred = {p: Counter() for p in PREDICATES}
    com = Counter()
    n = 0
    for g in gold:
        n += 1
        p = pred_by.get(g.article, Annotation(g.article))
        pairs = align(g.entities, p.entities)
        untyped = align(g.entities, p.entities, typed=False)
        ent.update(tp=len(pairs), predicted=len(p.entities), gold=len(g.entities), utp=len(untyped))
        gtype = {e.id: e.type for e in g.entities}
        for e in p.entities:
            by_type[e.type]["predicted"] += 1
        for e in g.entities:
            by_type[e.type]["gold"] += 1
        for pid in pairs:
            by_type[gtype[pairs[pid]]]["tp"] += 1

        def key(s: str, pr: str, o: str) -> tuple[str, str, str]:
            if pr == "partnerOf" and o < s:
                s, o = o, s
            return s, pr, o

        gold_rel = {key(r.subject, r.predicate, r.object) for r in g.relations}
        pred_rel = {key(r.subject, r.predicate, r.object) for r in p.relations}
        mapped = {key(pairs[s], pr, pairs[o]) for s, pr, o in pred_rel if s in pairs and o in pairs}
        hits = mapped & gold_rel
        rel.update(tp=len(hits), predicted=len(pred_rel), gold=len(gold_rel))
        for _, pr, _ in pred_rel:
            by_pred[pr]["predicted"] += 1
        for _, pr, _ in gold_rel:
            by_pred[pr]["gold"] += 1
        for _, pr, _ in hits:
            by_pred[pr]["tp"] += 1

        matched: set[int] = set()
        tp = 0
        for c in p.commitments:
            actor = pairs.get(c.actor)
            if actor is None:
                continue
            words = _words(c.evidence)
            for i, gc in enumerate(g.commitments):
                if i in matched or gc.actor != actor:
                    continue
                gw = _words(gc.evidence)
                if gw and len(gw & words) >= 0.5 * len(gw):
                    matched.add(i)
                    tp += 1
                    break
        com.update(tp=tp, predicted=len(p.commitments), gold=len(g.commitments))
    return {
        "entities": {
            "micro": _prf(ent["tp"], ent["predicted"], ent["gold"]),
            "untyped": _prf(ent["utp"], ent["predicted"], ent["gold"]),
            "by_type": {t: _prf(c["tp"], c["predicted"], c["gold"]) for t, c in by_type.items()},
        },
        "relations": {
            "micro": _prf(rel["tp"], rel["predicted"], rel["gold"]),
            "by_predicate": {
                k: _prf(c["tp"], c["predicted"], c["gold"]) for k, c in by_pred.items()
            },
        },
        "commitments": {"micro": _prf(com["tp"], com["predicted"], com["gold"])},
        "articles": n,
    }


# ------------------------------------------------------------------ reading the graph

_TYPE_OF = {str(KG[t]): t for t in TYPES}


def _local_id(iri: URIRef) -> str:
    return str(iri).rsplit("/", 2)[-2] + "/" + str(iri).rsplit("/", 1)[-1]


def predictions(store: object, article_id: str, source_name: str) -> Annotation:
    """Entities, relations and commitments of one article, read from its named graph."""
    g = graph_iri(article_id).n3()
    ann = Annotation(source_name)
    conf: dict[str, float] = {}
    res = store.query(f"""
        SELECT ?e (MAX(?c) AS ?conf) WHERE {{ GRAPH {g} {{
          ?m {KG.mentionOf.n3()} ?e ; {KG.confidence.n3()} ?c ; {KG.extractor.n3()} ?x .
          FILTER(!STRSTARTS(?x, "coreference"))
        }} }} GROUP BY ?e""")  # type: ignore[attr-defined]
    for e, c in res.rows:
        conf[_local_id(e)] = float(c)
    res = store.query(f"""
        SELECT DISTINCT ?e ?cls ?name ?alt WHERE {{ GRAPH {g} {{
          ?m {KG.mentionOf.n3()} ?e . ?e a ?cls .
          {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name BIND(0 AS ?alt) }}
          UNION {{ ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?name BIND(1 AS ?alt) }}
        }} }} ORDER BY ?e ?alt ?name""")  # type: ignore[attr-defined]
    ents: dict[str, AnnEntity] = {}
    for e, cls, name, _alt in res.rows:
        t = _TYPE_OF.get(str(cls))
        if t is None:
            continue
        eid = _local_id(e)
        if eid not in ents:
            ents[eid] = AnnEntity(eid, t, str(name), confidence=conf.get(eid, 1.0))
        elif str(name) not in ents[eid].aliases and str(name) != ents[eid].name:
            ents[eid].aliases.append(str(name))
    ann.entities = sorted(ents.values(), key=lambda x: x.id)
    preds = " ".join(KG[p].n3() for p in PREDICATES)
    res = store.query(f"""
        SELECT ?s ?p ?o ?title ?conf ?text WHERE {{ GRAPH {g} {{
          VALUES ?p {{ {preds} }}
          ?s ?p ?o .
          OPTIONAL {{ ?s {KG.holdsPosition.n3()} ?pos . ?pos {KG.positionIn.n3()} ?o ;
                         {KG.title.n3()} ?title }}
          OPTIONAL {{ ?a <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
                        <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ;
                        <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o ;
                        {KG.confidence.n3()} ?conf ; {KG.evidence.n3()} ?sent .
                     ?sent {KG.text.n3()} ?text }}
        }} }} ORDER BY ?s ?p ?o DESC(?conf)""")  # type: ignore[attr-defined]
    seen: set[tuple[str, str, str]] = set()
    for s, p, o, title, c, text in res.rows:
        k = (_local_id(s), str(p).rsplit("#", 1)[-1], _local_id(o))
        if k in seen:
            continue
        seen.add(k)
        ann.relations.append(
            AnnRelation(
                *k,
                str(title) if title else None,
                float(c) if c is not None else 1.0,
                str(text) if text is not None else None,
            )
        )
    res = store.query(f"""
        SELECT ?c ?actor ?speaker ?event ?kind ?text ?conf WHERE {{ GRAPH {g} {{
          ?c a {KG.Commitment.n3()} ; {KG.actor.n3()} ?actor ; {KG.kind.n3()} ?kind ;
             {KG.evidence.n3()} ?s ; {KG.confidence.n3()} ?conf . ?s {KG.text.n3()} ?text .
          OPTIONAL {{ ?c {KG.speaker.n3()} ?speaker }}
          OPTIONAL {{ ?c {KG.event.n3()} ?event }}
        }} }} ORDER BY ?c""")  # type: ignore[attr-defined]
    for _, actor, speaker, event, kind, text, c in res.rows:
        ann.commitments.append(
            AnnCommitment(
                _local_id(actor),
                str(kind).rsplit("#", 1)[-1],
                str(text),
                _local_id(speaker) if speaker else None,
                _local_id(event) if event else None,
                float(c),
            )
        )
    return ann


def at_threshold(ann: Annotation, threshold: float) -> Annotation:
    """The predictions an analyst keeps with ``kg build --min-confidence threshold``."""
    ents = [e for e in ann.entities if e.confidence >= threshold]
    keep = {e.id for e in ents}
    return Annotation(
        ann.article,
        ents,
        [
            r
            for r in ann.relations
            if r.confidence >= threshold and r.subject in keep and r.object in keep
        ],
        [c for c in ann.commitments if c.confidence >= threshold and c.actor in keep],
    )


THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def threshold_table(
    gold: list[Annotation], predicted: list[Annotation], thresholds: Iterable[float] = THRESHOLDS
) -> list[dict]:
    """Precision, recall and F1 of entities, relations and commitments at each threshold."""
    rows = []
    for t in thresholds:
        s = score(gold, [at_threshold(p, t) for p in predicted])
        rows.append(
            {"threshold": t, **{k: s[k]["micro"] for k in ("entities", "relations", "commitments")}}
        )
    return rows


@dataclass
class Evaluation:
    scores: dict
    predictions: list[Annotation]
    gold: list[Annotation]
    texts: dict[str, str] = field(default_factory=dict)  # article name → text


def evaluate(
    gold_dir: Path | str,
    articles_dir: Path | str | None = None,
    models: object = None,
) -> Evaluation:
    """Build the articles of the gold files in memory and score them (with the package's
    models, or ``models``; ``False``: the rules alone)."""
    from kg import store as store_mod
    from kg.articles import read_file
    from kg.build import build_articles

    gold_dir = Path(gold_dir)
    adir = Path(articles_dir) if articles_dir else None
    golds, articles = [], []
    for gf in gold_files(gold_dir):
        golds.append(load_gold(gf))
        art = read_file(find_article(gf, adir))
        articles.extend(art)
    with store_mod.open("memory:") as st:
        build_articles(articles, st, models=models)  # type: ignore[arg-type]
        preds = []
        for gold, art in zip(golds, articles, strict=True):
            preds.append(predictions(st, art.id, gold.article))
    texts = {g.article: a.text for g, a in zip(golds, articles, strict=True)}
    return Evaluation(score(golds, preds), preds, golds, texts)


def dump(evaluation: Evaluation, out_dir: Path | str) -> list[Path]:
    """Write the predictions in the gold format, one file per article."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for p in evaluation.predictions:
        path = out / (Path(p.article).stem + ".json")
        path.write_text(
            json.dumps(p.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        paths.append(path)
    return paths
