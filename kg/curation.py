"""Curation: the corrections an analyst makes, kept in a file and applied on every build.

``curation.yaml`` (next to the store: ``out/curation.yaml`` for ``oxigraph:out/store``, or
given with ``--curation``) is a list of entries, one action each, with an optional
``note``, ``by`` and ``date``::

    - same-as: [Pham Minh Chinh, Phạm Minh Chính]    # the first name is kept
      note: one Prime Minister
      by: lan
    - different-from: [Forum numérique ASEAN, Forum numérique ASEAN-Chine]
    - rename: {entity: Vietnam, to: Viêt Nam}
    - retype: {entity: Zalo, to: Organisation}
    - drop: Accepter Refuser
    - drop-fact: {subject: Hun Manet, predicate: holdsRole, object: Vietnam}
    - add-fact: {subject: Laos, predicate: partnerOf, object: Japon, note: joint statement}

An entity is named by its label or another of its names (case and diacritics aside),
``Type:name`` when two types share a name, or its IRI. The entries act on the store
after each build or add: a merge rewrites the merged entity's IRI in every article's
graph and is recorded as a ``kg:Merge``; every entry is a ``kg:CurationEntry`` node of
the graph ``kgid:graph/curation`` (action, note, curator, date, the entities it
concerns), and a fact it adds is a ``kg:Assertion`` pointing at its entry. Applying the
file again changes nothing; rebuilding an article re-extracts it and the file applies
again, so corrections survive rebuilds. ``different-from`` acts when names are resolved:
the two are never given one IRI.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.errors import KgError
from kg.extract.text import normalise
from kg.model import EntityType, Predicate
from kg.namespace import ID, KG, SCHEMA
from kg.rdf import CLASS, ORG_CLASS
from kg.sparql import nt_term
from kg.store import Store

ACTIONS = ("same-as", "different-from", "rename", "retype", "drop", "drop-fact", "add-fact")
GRAPH = ID["graph/curation"]
FILE_NAME = "curation.yaml"


class CurationError(KgError):
    """A curation file that cannot be read or holds an entry that makes no sense."""


@dataclass(frozen=True)
class Entry:
    index: int  # 1-based, for messages
    action: str
    entities: tuple[str, ...] = ()  # same-as, different-from, rename, retype, drop
    to: str | None = None  # rename, retype
    subject: str | None = None  # drop-fact, add-fact
    predicate: str | None = None
    object: str | None = None
    note: str | None = None
    by: str | None = None
    on: str | None = None

    @property
    def iri(self) -> URIRef:
        key = "\x1f".join(
            [
                self.action,
                *self.entities,
                self.to or "",
                self.subject or "",
                self.predicate or "",
                self.object or "",
            ]
        )
        return ID[f"curation/{hashlib.blake2b(key.encode(), digest_size=6).hexdigest()}"]

    @property
    def provenance(self) -> str:
        bits = [b for b in (self.note, self.by, self.on) if b]
        return f"curation: {self.action}" + (f" ({'; '.join(bits)})" if bits else "")


@dataclass(frozen=True)
class Curation:
    path: Path | None
    entries: tuple[Entry, ...] = ()

    def different(self) -> set[frozenset[str]]:
        """Pairs of normalised names that must never be one entity."""
        out: set[frozenset[str]] = set()
        for e in self.entries:
            if e.action == "different-from":
                names = [normalise(_bare(n)) for n in e.entities]
                out.update(frozenset((a, b)) for a in names for b in names if a != b)
        return out


@dataclass
class CurationReport:
    applied: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def path_for(store_url: str) -> Path | None:
    """Where the curation file of a store lives: beside an on-disk store, else nowhere."""
    scheme, _, rest = store_url.partition(":")
    if scheme == "oxigraph" and rest:
        return Path(rest).parent / FILE_NAME
    return None


def _text(path: Path, n: int, value: Any, what: str) -> str:
    if isinstance(value, str | int | float) and str(value).strip():
        return str(value).strip()
    raise CurationError(f"{path}: entry {n}: {what} must be a name")


def load(path: Path | str | None) -> Curation:
    """Read and check a curation file (a missing file is an empty curation)."""
    import yaml

    if path is None:
        return Curation(None)
    path = Path(path)
    if not path.exists():
        return Curation(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CurationError(f"{path}: cannot be read as YAML ({exc})") from exc
    if not isinstance(data, list):
        raise CurationError(f"{path}: expected a list of entries (each starting with '- ')")
    entries = []
    for n, raw in enumerate(data, start=1):
        if not isinstance(raw, dict):
            raise CurationError(f"{path}: entry {n}: expected a mapping such as 'same-as: [A, B]'")
        actions = [k for k in raw if k in ACTIONS]
        unknown = [k for k in raw if k not in ACTIONS and k not in ("note", "by", "date")]
        if len(actions) != 1 or unknown:
            raise CurationError(
                f"{path}: entry {n}: needs exactly one of {', '.join(ACTIONS)}"
                + (f" (unknown key {unknown[0]!r})" if unknown else "")
            )
        action = actions[0]
        value = raw[action]
        meta = {
            "note": str(raw["note"]) if raw.get("note") else None,
            "by": str(raw["by"]) if raw.get("by") else None,
            "on": str(raw["date"]) if raw.get("date") else None,
        }
        if action in ("same-as", "different-from"):
            if not isinstance(value, list) or len(value) < 2:
                raise CurationError(
                    f"{path}: entry {n}: {action} needs a list of two names or more"
                )
            names = tuple(_text(path, n, v, "each entity") for v in value)
            entries.append(Entry(n, action, names, **meta))
        elif action in ("rename", "retype"):
            if not isinstance(value, dict) or "entity" not in value or "to" not in value:
                raise CurationError(f"{path}: entry {n}: {action} needs {{entity: …, to: …}}")
            to = _text(path, n, value["to"], "'to'")
            if action == "retype" and to not in {t.value for t in EntityType}:
                types = ", ".join(t.value for t in EntityType)
                raise CurationError(f"{path}: entry {n}: unknown type {to!r} (one of {types})")
            entries.append(
                Entry(n, action, (_text(path, n, value["entity"], "'entity'"),), to, **meta)
            )
        elif action == "drop":
            entries.append(Entry(n, action, (_text(path, n, value, "the entity"),), **meta))
        else:
            if not isinstance(value, dict) or not {"subject", "predicate", "object"} <= set(value):
                raise CurationError(
                    f"{path}: entry {n}: {action} needs {{subject: …, predicate: …, object: …}}"
                )
            pred = str(value["predicate"])
            if pred not in {p.value for p in Predicate}:
                preds = ", ".join(p.value for p in Predicate)
                raise CurationError(
                    f"{path}: entry {n}: unknown predicate {pred!r} (one of {preds})"
                )
            if action == "add-fact" and value.get("note") and not meta["note"]:
                meta["note"] = str(value["note"])
            entries.append(
                Entry(
                    n,
                    action,
                    subject=_text(path, n, value["subject"], "'subject'"),
                    predicate=pred,
                    object=_text(path, n, value["object"], "'object'"),
                    **meta,
                )
            )
    return Curation(path, tuple(entries))


# ------------------------------------------------------------------------ applying


def _bare(ref: str) -> str:
    head, sep, rest = ref.partition(":")
    return rest.strip() if sep and head in {t.value for t in EntityType} else ref


_TYPE_OF_CLASS = {str(v): k for k, v in CLASS.items()}


class _Index:
    """Stored entities by normalised name, read once per application."""

    def __init__(self, store: Store) -> None:
        classes = " ".join(c.n3() for c in CLASS.values())
        res = store.query(
            f"""SELECT DISTINCT ?e ?cls ?name WHERE {{
                  VALUES ?cls {{ {classes} }}
                  GRAPH ?g {{ ?e a ?cls .
                    {{ ?e {RDFS.label.n3()} ?name }} UNION {{ ?e {SKOS.altLabel.n3()} ?name }} }}
                }}"""
        )
        self.by_name: dict[str, set[tuple[URIRef, EntityType]]] = {}
        self.iris: set[URIRef] = set()
        for e, cls, name in res.rows:
            t = _TYPE_OF_CLASS[str(cls)]
            self.by_name.setdefault(normalise(str(name)), set()).add((e, t))  # type: ignore[arg-type]
            self.iris.add(e)  # type: ignore[arg-type]

    def find(self, ref: str) -> tuple[URIRef | None, str | None]:
        """The IRI ``ref`` names, or ``None`` and why not."""
        if ref.startswith(str(ID)) or ref.startswith("kgid:"):
            iri = URIRef(ref.replace("kgid:", str(ID), 1))
            return (iri, None) if iri in self.iris else (None, f"no entity {ref}")
        head, sep, rest = ref.partition(":")
        wanted = EntityType(head) if sep and head in {t.value for t in EntityType} else None
        name = rest.strip() if wanted else ref
        hits = {
            iri
            for iri, t in self.by_name.get(normalise(name), set())
            if wanted is None or t == wanted
        }
        if len(hits) == 1:
            return next(iter(hits)), None
        if not hits:
            return None, f"no stored entity is named {ref!r}"
        return (
            None,
            f"{ref!r} names {len(hits)} entities ({', '.join(sorted(hits))}): "
            "give Type:name or the IRI",
        )


def _label(store: Store, iri: URIRef) -> str | None:
    res = store.query("SELECT ?l WHERE { ?e ?p ?l } LIMIT 1", {"e": iri, "p": RDFS.label})
    return str(res.rows[0][0]) if res.rows else None


def _merge(store: Store, keep: URIRef, gone: URIRef) -> None:
    """Rewrite ``gone`` as ``keep`` in every graph; its labels become other names."""
    k, g = nt_term(keep), nt_term(gone)
    label, alt = nt_term(RDFS.label), nt_term(SKOS.altLabel)
    store.update(
        f"DELETE {{ GRAPH ?g {{ {g} {label} ?l }} }} "
        f"INSERT {{ GRAPH ?g {{ {k} {alt} ?l }} }} "
        f"WHERE {{ GRAPH ?g {{ {g} {label} ?l }} }}"
    )
    store.update(
        f"DELETE {{ GRAPH ?g {{ {g} ?p ?o }} }} INSERT {{ GRAPH ?g {{ {k} ?p ?o }} }} "
        f"WHERE {{ GRAPH ?g {{ {g} ?p ?o }} }}"
    )
    store.update(
        f"DELETE {{ GRAPH ?g {{ ?s ?p {g} }} }} INSERT {{ GRAPH ?g {{ ?s ?p {k} }} }} "
        f"WHERE {{ GRAPH ?g {{ ?s ?p {g} }} }}"
    )
    # the kept entity's own label, in the graphs that only knew the other one
    store.update(
        f"INSERT {{ GRAPH ?g {{ {k} {label} ?kl }} }} WHERE {{ "
        f"{{ SELECT (SAMPLE(?x) AS ?kl) WHERE {{ GRAPH ?h {{ {k} {label} ?x }} }} }} "
        f"GRAPH ?g {{ {k} ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?g {{ {k} {label} ?y }} }} }}"
    )
    store.update(
        f"DELETE {{ GRAPH ?g {{ {k} {alt} ?l }} }} "
        f"WHERE {{ GRAPH ?g {{ {k} {alt} ?l . {k} {label} ?l }} }}"
    )
    _names_from_labels(store, keep)


def _names_from_labels(store: Store, iri: URIRef) -> None:
    """schema:name says what rdfs:label says, in every graph, after a merge or rename."""
    e, label, name = nt_term(iri), nt_term(RDFS.label), nt_term(SCHEMA.name)
    store.update(
        f"DELETE {{ GRAPH ?g {{ {e} {name} ?n }} }} WHERE {{ GRAPH ?g {{ {e} {name} ?n }} }}"
    )
    store.update(
        f"INSERT {{ GRAPH ?g {{ {e} {name} ?l }} }} WHERE {{ GRAPH ?g {{ {e} {label} ?l }} }}"
    )


def _drop(store: Store, iri: URIRef) -> None:
    """The entity and every node that exists only for it (its mentions, the assertions and
    commitments it is an end or actor of, its posts)."""
    e = nt_term(iri)
    anchors = " ".join(
        nt_term(p)
        for p in (KG.mentionOf, RDF.subject, RDF.object, KG.actor, KG.positionIn, KG.mergedInto)
    )
    store.update(
        f"DELETE {{ GRAPH ?g {{ ?n ?p ?o }} }} WHERE {{ VALUES ?a {{ {anchors} }} "
        f"GRAPH ?g {{ ?n ?a {e} . ?n ?p ?o }} }}"
    )
    hp = nt_term(KG.holdsPosition)
    store.update(
        f"DELETE {{ GRAPH ?g {{ ?s {hp} ?n }} }} WHERE {{ GRAPH ?g {{ ?s {hp} ?n }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?n ?q ?x }} }} }}"
    )
    store.update(f"DELETE {{ GRAPH ?g {{ {e} ?p ?o }} }} WHERE {{ GRAPH ?g {{ {e} ?p ?o }} }}")
    store.update(f"DELETE {{ GRAPH ?g {{ ?s ?p {e} }} }} WHERE {{ GRAPH ?g {{ ?s ?p {e} }} }}")


def _drop_fact(store: Store, s: URIRef, p: URIRef, o: URIRef) -> None:
    ss, pp, oo = nt_term(s), nt_term(p), nt_term(o)
    store.update(
        f"DELETE {{ GRAPH ?g {{ {ss} {pp} {oo} }} }} WHERE {{ GRAPH ?g {{ {ss} {pp} {oo} }} }}"
    )
    store.update(
        f"DELETE {{ GRAPH ?g {{ ?n ?q ?x }} }} "
        f"WHERE {{ GRAPH ?g {{ ?n {nt_term(RDF.subject)} {ss} ; "
        f"{nt_term(RDF.predicate)} {pp} ; {nt_term(RDF.object)} {oo} ; ?q ?x }} }}"
    )
    if p == KG.holdsRole:
        hp, pin = nt_term(KG.holdsPosition), nt_term(KG.positionIn)
        store.update(
            f"DELETE {{ GRAPH ?g {{ {ss} {hp} ?pos . ?pos ?q ?x }} }} WHERE {{ GRAPH ?g {{ "
            f"{ss} {hp} ?pos . ?pos {pin} {oo} ; ?q ?x }} }}"
        )


def _retype(store: Store, iri: URIRef, to: EntityType) -> None:
    e = nt_term(iri)
    classes = " ".join(c.n3() for c in (*CLASS.values(), *ORG_CLASS.values()))
    # every term below is serialised by nt_term (escaped and checked), never pasted text
    store.update(
        f"DELETE {{ GRAPH ?g {{ {e} a ?c }} }} "  # noqa: S608
        f"INSERT {{ GRAPH ?g {{ {e} a {nt_term(CLASS[to])} }} }} "
        f"WHERE {{ VALUES ?c {{ {classes} }} GRAPH ?g {{ {e} a ?c }} }}"
    )
    if to != EntityType.PERSON:  # only a person speaks or holds a post
        sp = nt_term(KG.speaker)
        store.update(
            f"DELETE {{ GRAPH ?g {{ ?c {sp} {e} }} }} WHERE {{ GRAPH ?g {{ ?c {sp} {e} }} }}"
        )
        res = store.query("SELECT DISTINCT ?o WHERE { ?s ?p ?o }", {"s": iri, "p": KG.holdsRole})
        for (o,) in res.rows:
            _drop_fact(store, iri, KG.holdsRole, o)  # type: ignore[arg-type]


def _rename(store: Store, iri: URIRef, to: str) -> None:
    e, label, alt = nt_term(iri), nt_term(RDFS.label), nt_term(SKOS.altLabel)
    new = nt_term(Literal(to))
    store.update(
        f"DELETE {{ GRAPH ?g {{ {e} {label} ?l }} }} "
        f"INSERT {{ GRAPH ?g {{ {e} {label} {new} . {e} {alt} ?l }} }} "
        f"WHERE {{ GRAPH ?g {{ {e} {label} ?l }} FILTER(?l != {new}) }}"
    )
    store.update(
        f"DELETE {{ GRAPH ?g {{ {e} {alt} {new} }} }} WHERE {{ GRAPH ?g {{ {e} {alt} {new} }} }}"
    )
    _names_from_labels(store, iri)


def apply(store: Store, curation: Curation, today: date | None = None) -> CurationReport:
    """Apply every entry to ``store`` and rewrite the curation graph that records them.
    An entry naming an entity the store does not hold is reported and left for later."""
    report = CurationReport()
    g = Graph()
    for entry in curation.entries:
        index = _Index(store)
        node = entry.iri
        g.add((node, RDF.type, KG.CurationEntry))
        g.add((node, KG.action, Literal(entry.action)))
        if entry.note:
            g.add((node, KG.note, Literal(entry.note)))
        if entry.by:
            g.add((node, KG.curator, Literal(entry.by)))
        g.add((node, KG.curatedOn, Literal(entry.on or (today or date.today()).isoformat())))
        refs = list(entry.entities) or [entry.subject or "", entry.object or ""]
        found = [index.find(r) for r in refs]
        missing = [why for iri, why in found if iri is None]
        where = f"{curation.path}: entry {entry.index} ({entry.action})"
        if entry.action == "different-from":
            report.applied.append(f"{where}: never merged")
            for iri, _ in found:
                if iri is not None:
                    g.add((node, KG.target, iri))
            continue
        if missing:
            report.warnings.append(f"{where}: {'; '.join(missing)}")
            continue
        iris = [iri for iri, _ in found if iri is not None]
        for iri in iris:
            g.add((node, KG.target, iri))
        if entry.action == "same-as":
            keep = iris[0]
            for ref, gone in zip(refs[1:], iris[1:], strict=True):
                if gone != keep:  # once merged, the resolver gives the name this IRI itself
                    _merge(store, keep, gone)
                name = _bare(ref)
                digest = hashlib.blake2b(f"{keep} {name}".encode(), digest_size=6).hexdigest()
                m = ID[f"merge/curation/{digest}"]
                g.add((m, RDF.type, KG.Merge))
                g.add((m, KG.mergedName, Literal(name)))
                g.add((m, KG.mergedInto, keep))
                g.add((m, KG.reason, Literal(entry.provenance)))
                g.add((m, KG.curatedBy, node))
        elif entry.action == "rename":
            _rename(store, iris[0], entry.to or "")
        elif entry.action == "retype":
            _retype(store, iris[0], EntityType(entry.to))
        elif entry.action == "drop":
            _drop(store, iris[0])
        elif entry.action == "drop-fact":
            _drop_fact(store, iris[0], KG[entry.predicate or ""], iris[1])
        elif entry.action == "add-fact":
            s, p, o = iris[0], KG[entry.predicate or ""], iris[1]
            g.add((s, p, o))
            a = ID[f"assertion/curation/{node.rsplit('/', 1)[-1]}"]
            for t in (
                (a, RDF.type, KG.Assertion),
                (a, RDF.subject, s),
                (a, RDF.predicate, p),
                (a, RDF.object, o),
                (a, KG.curatedBy, node),
                (a, KG.extractor, Literal("curation")),
                (a, KG.confidence, Literal("1.00", datatype=XSD.decimal)),
            ):
                g.add(t)
        report.applied.append(where)
    store.sync_union()
    store.put_graph(GRAPH, g)
    return report
