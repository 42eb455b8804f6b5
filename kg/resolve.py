"""Entity resolution: the entities of each article → stable IRIs shared across articles.

Conservative on purpose: two names are only given one IRI for a stated reason (same
gazetteer entry, same name once diacritics and case are set aside, an acronym the
article defines, a short form of a person's name seen in full), and every such decision
is kept as a :class:`Merge` so that ``kg entities --merges`` can show why. Two people
whose names conflict are never merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.extract.grouping import person_tokens, same_person
from kg.extract.text import normalise
from kg.model import Entity, EntityType, Extraction
from kg.namespace import ID, slug

RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"

_TYPE_PATH = {
    EntityType.PERSON: "person",
    EntityType.ORGANISATION: "organisation",
    EntityType.COUNTRY: "country",
    EntityType.PLACE: "place",
    EntityType.EVENT: "event",
    EntityType.INITIATIVE: "initiative",
}


@dataclass(frozen=True)
class Merge:
    """Why a name of one article was given an IRI that other names already had."""

    article: str
    name: str
    iri: URIRef
    label: str
    reason: str


@dataclass
class KnownEntity:
    iri: URIRef
    type: EntityType
    label: str
    names: set[str] = field(default_factory=set)


_ORDINAL = re.compile(r"\b(\d{1,3})\s*(?:e|è|ème|eme|er|re|ère|ᵉ)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_RELATIVE = re.compile(
    r"^(?:(?:la|le|les|l['’]|cette|ce|cet|ces)\s*)?(?:prochaine?s?|dernière?s?|précédente?s?|"
    r"future?s?|même|présente?)\b",
    re.IGNORECASE,
)
_NAMED = re.compile(r"[A-ZÀ-ÖØ-Þ]|\d")


def is_generic(entity: Entity) -> bool:
    """Whether an event or initiative is named only by what it is ("cérémonie de
    signature", "la réunion", "prochaine réunion"): such a name says nothing of which
    one, so it never joins the same words of another article.

    >>> from kg.model import Entity, EntityType
    >>> is_generic(Entity("e", EntityType.EVENT, "cérémonie de signature", ()))
    True
    >>> is_generic(Entity("e", EntityType.EVENT, "Forum de l'avenir de l'ASEAN 2025", ()))
    False
    """
    if entity.type not in (EntityType.EVENT, EntityType.INITIATIVE):
        return False
    name = entity.name.strip()
    if _RELATIVE.match(name):
        return True
    rest = name.split(None, 1)[1] if " " in name else ""
    return not _NAMED.search(rest) and not (name[:1].isupper() and " " not in name)


def editions(names: Iterable[str]) -> tuple[set[str], set[str]]:
    """The ordinals ("3e", "4e") and years the names of one event state."""
    ords: set[str] = set()
    years: set[str] = set()
    for n in names:
        ords.update(m.group(1) for m in _ORDINAL.finditer(n))
        years.update(_YEAR.findall(n))
    return ords, years


def different_editions(a: Iterable[str], b: Iterable[str]) -> bool:
    """Two events whose names give different ordinals or years are different editions.

    >>> different_editions(["3e Dialogue Vietnam-Japon"], ["4e Dialogue Vietnam-Japon"])
    True
    """
    (oa, ya), (ob, yb) = editions(a), editions(b)
    return bool((oa and ob and not oa & ob) or (ya and yb and not ya & yb))


def entity_iri(entity: Entity, article: str | None = None) -> URIRef:
    """The IRI an entity gets when nothing known matches it; a generic event or
    initiative gets one of its own article."""
    if entity.gazetteer_id:
        return ID[entity.gazetteer_id]
    if article is not None and is_generic(entity):
        return ID[f"{_TYPE_PATH[entity.type]}/{slug(entity.name)}--{slug(article)}"]
    return ID[f"{_TYPE_PATH[entity.type]}/{slug(entity.name)}"]


def _person_keys(t: list[str]) -> list[tuple[str, ...]]:
    """Where a known person's name is filed, so that a new name meets only the names the
    accepted reasons can join it to: a one-word name by its word; a longer one by its last
    word, its first word, its last two words and (last word, first letters)."""
    if not t:
        return []
    if len(t) == 1:
        return [("one", t[0])]
    return [("last", t[-1]), ("first", t[0]), ("tail2", t[-2], t[-1]), ("fn", t[-1], t[0][:2])]


def _person_lookups(t: list[str]) -> list[tuple[str, ...]]:
    """The blocks a new name must be compared with (see :func:`same_person`)."""
    if not t:
        return []
    if len(t) == 1:  # the tail or the family name of a full name
        return [("one", t[0]), ("last", t[0]), ("first", t[0])]
    return [("one", t[-1]), ("one", t[0]), ("tail2", t[-2], t[-1]), ("fn", t[-1], t[0][:2])]


def resolution_keys(etype: EntityType, names: Iterable[str]) -> set[str]:
    """The keys an entity is stored under (``kg:key``) so that a new article's entities
    fetch from the store only the entities they could be resolved to: their names up to
    case and accents, and for people the name blocks of :func:`_person_keys`."""
    keys = set()
    for n in names:
        keys.add(f"n {etype.value} {normalise(n)}")
        if etype == EntityType.PERSON:
            keys.update("p " + " ".join(k) for k in _person_keys(person_tokens(n)))
    return keys


def _lookup_keys(entity: Entity) -> set[str]:
    keys = {f"n {entity.type.value} {normalise(n)}" for n in entity.names}
    if entity.type == EntityType.PERSON:
        for n in entity.names:
            keys.update("p " + " ".join(k) for k in _person_lookups(person_tokens(n)))
    return keys


class Resolver:
    """Holds every entity seen so far (in the store and in this build).

    Given a ``store``, it reads from it only the entities a new name could resolve to (by
    their ``kg:key``), when that name comes: adding one article to a store of thousands
    reads a handful of entities, not all of them."""

    def __init__(
        self,
        known: Iterable[KnownEntity] = (),
        different: Iterable[frozenset[str]] = (),
        store: object | None = None,
    ) -> None:
        self.by_iri: dict[URIRef, KnownEntity] = {}
        self.by_name: dict[tuple[EntityType, str], set[URIRef]] = {}
        self.merges: list[Merge] = []
        #: pairs of normalised names a curator said are different entities
        self.different = set(different)
        # people blocked by their last and first name tokens: the only pairs the accepted
        # reasons ("short form", "first-name variant") can join share one of them, so a
        # new name is compared with a block, not with every person known
        self._by_token: dict[str, set[URIRef]] = {}
        for k in known:
            self._remember(k.iri, k.type, k.label, k.names)
        self._store = store
        self._fetched: set[str] = set()

    def _fetch(self, keys: Iterable[str] = (), iris: Iterable[URIRef] = ()) -> None:
        """Read from the store the entities filed under ``keys`` or named by ``iris``."""
        if self._store is None:
            return
        from rdflib import Literal
        from rdflib.namespace import SKOS

        from kg.namespace import KG
        from kg.rdf import CLASS

        keys = sorted(k for k in set(keys) if "k" + k not in self._fetched)
        iris = sorted(i for i in set(iris) if "i" + str(i) not in self._fetched)
        self._fetched.update("k" + k for k in keys)
        self._fetched.update("i" + str(i) for i in iris)
        classes = " ".join(c.n3() for c in CLASS.values())
        rows: list = []
        for var, values, pattern in (
            ("k", [Literal(k) for k in keys], f"?e {KG.key.n3()} ?k ."),
            ("e", list(iris), ""),
        ):
            if not values:
                continue
            rows += self._store.query(  # type: ignore[attr-defined]
                f"""SELECT ?e ?cls ?label ?alt WHERE {{
                      {pattern} ?e a ?cls ; {RDFS_LABEL} ?label .
                      VALUES ?cls {{ {classes} }}
                      OPTIONAL {{ ?e {SKOS.altLabel.n3()} ?alt }} }}""",
                {var: values},
            ).rows
        type_of = {c: t for t, c in CLASS.items()}
        found: dict[URIRef, tuple[EntityType, str, set[str]]] = {}
        for e, cls, label, alt in sorted(rows, key=lambda r: (str(r[0]), str(r[2]))):
            if e not in found:
                found[e] = (type_of[cls], str(label), set())
            found[e][2].add(str(label))
            if alt is not None:
                found[e][2].add(str(alt))
        for e, (etype, label, names) in found.items():
            if e not in self.by_iri:
                self._remember(e, etype, label, names)

    def _remember(self, iri: URIRef, etype: EntityType, label: str, names: Iterable[str]) -> None:
        known = self.by_iri.get(iri)
        if known is None:
            known = self.by_iri[iri] = KnownEntity(iri, etype, label)
        for n in {label, *names}:
            known.names.add(n)
            self.by_name.setdefault((etype, normalise(n)), set()).add(iri)
            if etype == EntityType.PERSON:
                tokens = person_tokens(n)
                for key in _person_keys(tokens):
                    self._by_token.setdefault(key, set()).add(iri)

    def _match(self, entity: Entity) -> tuple[URIRef, str] | None:
        self._fetch(_lookup_keys(entity), [ID[entity.gazetteer_id]] if entity.gazetteer_id else [])
        if entity.gazetteer_id:
            iri = ID[entity.gazetteer_id]
            return (iri, "same gazetteer entry") if iri in self.by_iri else None
        if is_generic(entity):
            return None
        for n in entity.names:
            hits = {
                i
                for i in self.by_name.get((entity.type, normalise(n)), set())
                if not (
                    entity.type == EntityType.EVENT
                    and different_editions(entity.names, self.by_iri[i].names)
                )
                and not self._kept_apart(entity.names, self.by_iri[i].names)
            }
            if len(hits) == 1:
                iri = next(iter(hits))
                known = self.by_iri[iri]
                if normalise(n) == normalise(known.label):
                    return iri, "same name up to case and diacritics"
                return iri, f"name {n!r} already known for this entity"
        if entity.type == EntityType.PERSON:
            tokens = person_tokens(entity.name)
            block: set[URIRef] = set()
            for key in _person_lookups(tokens):
                block |= self._by_token.get(key, set())
            found = {
                (k.iri, why)
                for k in (self.by_iri[i] for i in sorted(block))
                if k.type == EntityType.PERSON
                for n in k.names
                if (why := same_person(entity.name, n, spelling=False))
                in ("short form", "first-name variant")
            }
            found = {
                (i, why)
                for i, why in found
                if not self._kept_apart(entity.names, self.by_iri[i].names)
            }
            iris = {i for i, _ in found}
            if len(iris) == 1:  # never when two known people could be meant
                return next(iter(found))
        return None

    def _kept_apart(self, names: Iterable[str], other: Iterable[str]) -> bool:
        if not self.different:
            return False
        mine = {normalise(n) for n in names}
        theirs = {normalise(n) for n in other}
        return any(frozenset((a, b)) in self.different for a in mine for b in theirs if a != b)

    def resolve(self, extraction: Extraction) -> dict[str, URIRef]:
        """IRIs for the entities of one article, keyed by their local key."""
        out: dict[str, URIRef] = {}
        art = extraction.article.id
        if self._store is not None:  # one read per article, of what its names could be
            self._fetch(
                {k for e in extraction.entities for k in _lookup_keys(e)},
                [entity_iri(e, art) for e in extraction.entities],
            )
        for e in extraction.entities:
            hit = self._match(e)
            if hit is not None:
                iri, reason = hit
                if e.name != self.by_iri[iri].label:
                    self.merges.append(Merge(art, e.name, iri, self.by_iri[iri].label, reason))
            else:
                base = iri = entity_iri(e, art)
                n = 2
                while iri in self.by_iri and (
                    self.by_iri[iri].type != e.type
                    or (
                        e.type == EntityType.EVENT
                        and different_editions(e.names, self.by_iri[iri].names)
                    )
                ):
                    iri = URIRef(f"{base}-{n}")
                    self._fetch(iris=[iri])
                    n += 1
            label = self.by_iri[iri].label if iri in self.by_iri else e.name
            self._remember(iri, e.type, label, e.names)
            out[e.key] = iri
        return out

    def label(self, iri: URIRef) -> str:
        return self.by_iri[iri].label
