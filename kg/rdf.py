"""Extraction → RDF: the triples of one article's named graph, provenance on every fact.

Every entity is tied to the article by its mentions (offsets and sentence); every
relation is stated directly (``:a kg:participatesIn :e``) for easy querying *and* as a
``kg:Assertion`` that carries its evidence sentence; every commitment is a node with its
actor, kind, modality and evidence. No blank nodes: IRIs derived from the article and
offsets keep a rebuild identical to the previous one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.articles import content_hash
from kg.model import Entity, EntityType, Extraction, OrgKind, Relation
from kg.namespace import ID, KG, ORG, PROV, SCHEMA, WIKIDATA, article_iri, slug
from kg.resolve import resolution_keys

CLASS = {
    EntityType.PERSON: KG.Person,
    EntityType.ORGANISATION: KG.Organisation,
    EntityType.COUNTRY: KG.Country,
    EntityType.PLACE: KG.Place,
    EntityType.EVENT: KG.Event,
    EntityType.INITIATIVE: KG.Initiative,
}
#: The schema.org class written beside each kg class, so that a tool that knows schema.org
#: and not kg still finds the people, organisations, places and events.
SCHEMA_CLASS = {
    EntityType.PERSON: SCHEMA.Person,
    EntityType.ORGANISATION: SCHEMA.Organization,
    EntityType.COUNTRY: SCHEMA.Country,
    EntityType.PLACE: SCHEMA.Place,
    EntityType.EVENT: SCHEMA.Event,
    EntityType.INITIATIVE: SCHEMA.CreativeWork,
}
SCHEMA_ORG_KIND = {
    OrgKind.GOVERNMENT: SCHEMA.GovernmentOrganization,
    OrgKind.COMPANY: SCHEMA.Corporation,
}
#: Standard properties written beside kg's own for the same statement.
STANDARD_PREDICATE = {"locatedIn": SCHEMA.location, "memberOf": ORG.memberOf}
ORG_CLASS = {
    OrgKind.GOVERNMENT: KG.GovernmentBody,
    OrgKind.INTERNATIONAL: KG.InternationalOrganisation,
    OrgKind.COMPANY: KG.Company,
}
_PRECISION_TYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def _date_literal(value: str) -> Literal:
    kind = {4: "year", 7: "month"}.get(len(value), "day")
    return Literal(value, datatype=_PRECISION_TYPE[kind])


def _h(*parts: object) -> str:
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=6).hexdigest()


def _local(article_id: str, kind: str, suffix: str) -> URIRef:
    return ID[f"{kind}/{quote(article_id, safe='-_.~')}/{suffix}"]


def clean_title(title: str) -> str:
    """A post's title as text: no punctuation or spaces left over from the sentence.

    >>> clean_title(". vice-ministre ,")
    'vice-ministre'
    """
    return re.sub(r"\s+", " ", title).strip(" \t\n.,;:–—-·|\"«»()[]'’")


def sentence_iri(article_id: str, index: int) -> URIRef:
    return _local(article_id, "sentence", str(index))


def to_graph(
    extraction: Extraction,
    iris: Mapping[str, URIRef],
    labels: Mapping[URIRef, str] | None = None,
    merges: Iterable[tuple[str, URIRef, str]] = (),
) -> Graph:
    """The named graph of one article. ``iris`` maps entity keys to resolved IRIs;
    ``labels`` gives each IRI its canonical label (default: the article's own name);
    ``merges`` are the resolver's decisions for this article (name, IRI, reason)."""
    g = Graph()
    art = extraction.article
    a = article_iri(art.id)
    _add_article(g, a, extraction)

    used_sentences: set[int] = set()

    def sentence(index: int) -> URIRef:
        used_sentences.add(index)
        return sentence_iri(art.id, index)

    for e in extraction.entities:
        _add_entity(g, e, iris[e.key], (labels or {}).get(iris[e.key], e.name), art.id, a, sentence)

    # two entities of one article may resolve to one IRI (a curated merge): one assertion
    # per stated fact and sentence, the surer of the two
    best: dict[tuple[URIRef, str, URIRef, int], Relation] = {}
    for r in extraction.relations:
        key = (iris[r.subject], r.predicate.value, iris[r.object], r.sentence)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    for r in best.values():
        s, o = iris[r.subject], iris[r.object]
        p = KG[r.predicate.value]
        g.add((s, p, o))
        if r.predicate.value in STANDARD_PREDICATE:
            g.add((s, STANDARD_PREDICATE[r.predicate.value], o))
        node = _local(art.id, "assertion", _h(s, p, o, r.sentence))
        g.add((node, PROV.wasDerivedFrom, a))
        g.add((node, RDF.type, KG.Assertion))
        g.add((node, RDF.subject, s))
        g.add((node, RDF.predicate, p))
        g.add((node, RDF.object, o))
        g.add((node, KG.evidence, sentence(r.sentence)))
        g.add((node, KG.inArticle, a))
        g.add((node, KG.extractor, Literal(r.extractor)))
        g.add((node, KG.confidence, Literal(f"{r.confidence:.2f}", datatype=XSD.decimal)))
        title = clean_title(r.role) if r.role else ""
        if r.predicate.value == "holdsRole" and title:
            pos = _local(art.id, "position", _h(s, o, title))
            g.add((pos, RDF.type, KG.Position))
            g.add((pos, KG.title, Literal(title)))
            g.add((pos, KG.positionIn, o))
            g.add((s, KG.holdsPosition, pos))

    for n, c in enumerate(extraction.commitments):
        node = _local(art.id, "commitment", str(n))
        g.add((node, RDF.type, KG.Commitment))
        g.add((node, PROV.wasDerivedFrom, a))
        g.add((node, KG.actor, iris[c.actor]))
        g.add((node, KG.kind, KG[c.kind.value]))
        g.add((node, KG.modality, KG[c.modality.value]))
        g.add((node, KG.evidence, sentence(c.sentence)))
        g.add((node, KG.inArticle, a))
        g.add((node, KG.extractor, Literal(c.extractor)))
        g.add((node, KG.confidence, Literal(f"{c.confidence:.2f}", datatype=XSD.decimal)))
        if c.speaker:
            g.add((node, KG.speaker, iris[c.speaker]))
        if c.event:
            g.add((node, KG.event, iris[c.event]))
        if c.content:
            g.add((node, KG.content, Literal(c.content)))
        if c.deadline:
            g.add((node, KG.deadline, _date_literal(c.deadline)))
        for p in c.partners:
            g.add((node, KG.partner, iris[p]))
        for i in c.initiatives:
            g.add((node, KG.concerns, iris[i]))

    recorded = [(name, iris[e.key], why) for e in extraction.entities for name, why in e.merges]
    for name, iri, why in (*recorded, *merges):
        node = _local(art.id, "merge", _h(name, iri))
        g.add((node, RDF.type, KG.Merge))
        g.add((node, KG.mergedName, Literal(name)))
        g.add((node, KG.mergedInto, iri))
        g.add((node, KG.reason, Literal(why)))
        g.add((node, KG.inArticle, a))

    for s in extraction.sentences:
        if s.index in used_sentences:
            node = sentence_iri(art.id, s.index)
            g.add((node, RDF.type, KG.Sentence))
            g.add((node, KG.text, Literal(s.text)))
            g.add((node, KG.inArticle, a))
            g.add((node, KG.beginIndex, Literal(s.start, datatype=XSD.integer)))
            g.add((node, KG.endIndex, Literal(s.end, datatype=XSD.integer)))
    return g


def publisher_iri(name: str) -> URIRef:
    return ID[f"publisher/{slug(name)}"]


def _add_article(g: Graph, a: URIRef, extraction: Extraction) -> None:
    """The article as schema.org says it (other tools read headline, date, URL, publisher
    and language without knowing kg), and what kg itself needs (identity, file, hash)."""
    art = extraction.article
    g.add((a, RDF.type, KG.Article))
    g.add((a, RDF.type, SCHEMA.NewsArticle))
    g.add((a, KG.identifier, Literal(art.id)))
    g.add((a, KG.sourceFile, Literal(art.source_file)))
    g.add((a, KG.contentHash, Literal(art.content_hash or content_hash(art.text))))
    g.add((a, SCHEMA.inLanguage, Literal(art.lang)))
    if art.declared_lang and art.declared_lang != art.lang:
        g.add((a, KG.declaredLanguage, Literal(art.declared_lang)))
    if art.title:
        g.add((a, SCHEMA.headline, Literal(art.title)))
    if art.url:
        g.add((a, SCHEMA.url, Literal(art.url, datatype=XSD.anyURI)))
    if art.published:
        iso = art.published.isoformat()
        iso = {"year": iso[:4], "month": iso[:7]}.get(art.published_precision or "day", iso)
        g.add((a, SCHEMA.datePublished, _date_literal(iso)))
    if art.source:
        pub = publisher_iri(art.source)
        g.add((a, SCHEMA.publisher, pub))
        g.add((pub, RDF.type, SCHEMA.Organization))
        g.add((pub, SCHEMA.name, Literal(art.source)))
    if art.author:
        g.add((a, SCHEMA.author, Literal(art.author)))
    for tag in art.tags:
        g.add((a, SCHEMA.keywords, Literal(tag)))


def _add_entity(
    g: Graph, e: Entity, iri: URIRef, label: str, article_id: str, a: URIRef, sentence: object
) -> None:
    g.add((iri, RDF.type, CLASS[e.type]))
    g.add((iri, RDF.type, SCHEMA_CLASS[e.type]))
    if e.org_kind and e.type == EntityType.ORGANISATION:
        g.add((iri, RDF.type, ORG_CLASS[e.org_kind]))
        if e.org_kind in SCHEMA_ORG_KIND:
            g.add((iri, RDF.type, SCHEMA_ORG_KIND[e.org_kind]))
    g.add((iri, RDFS.label, Literal(label)))
    g.add((iri, SCHEMA.name, Literal(label)))
    for key in sorted(resolution_keys(e.type, {label, *e.names})):
        g.add((iri, KG.key, Literal(key)))
    g.add((iri, PROV.wasDerivedFrom, a))
    for name in dict.fromkeys((e.name, *e.aliases)):
        if name != label:
            g.add((iri, SKOS.altLabel, Literal(name)))
    if e.wikidata:
        g.add((iri, KG.wikidataId, Literal(e.wikidata)))
        g.add((iri, OWL.sameAs, WIKIDATA[e.wikidata]))
    if e.iso_code:
        g.add((iri, KG.isoCode, Literal(e.iso_code)))
    if e.type == EntityType.EVENT:
        if e.event_kind:
            g.add((iri, KG.eventKind, Literal(e.event_kind)))
        if e.edition:
            g.add((iri, KG.edition, Literal(e.edition, datatype=XSD.integer)))
        if e.year:
            g.add((iri, KG.year, Literal(str(e.year), datatype=XSD.gYear)))
        if e.date:
            g.add((iri, KG.date, _date_literal(e.date)))
            g.add((iri, SCHEMA.startDate, _date_literal(e.date)))
    for m in e.mentions:
        node = _local(article_id, "mention", f"{m.start}-{m.end}")
        g.add((node, RDF.type, KG.Mention))
        g.add((node, KG.mentionOf, iri))
        g.add((node, KG.inArticle, a))
        g.add((node, KG.inSentence, sentence(m.sentence)))  # type: ignore[operator]
        g.add((node, KG.anchor, Literal(m.text)))
        g.add((node, KG.beginIndex, Literal(m.start, datatype=XSD.integer)))
        g.add((node, KG.endIndex, Literal(m.end, datatype=XSD.integer)))
        g.add((node, KG.extractor, Literal(m.extractor)))
        g.add((node, KG.confidence, Literal(f"{m.confidence:.2f}", datatype=XSD.decimal)))
