"""The kg vocabulary, declared once.

Code never writes an ontology IRI by hand: it uses ``KG.<term>``. The class below
rejects unknown terms (``KG.Persn`` raises ``AttributeError``), and
``tests/test_namespace.py`` checks the declared terms against ``ontology/kg.ttl`` both
ways, so the code and the ontology cannot drift apart silently.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

#: Where the data (entities, articles, graphs) live, as opposed to the vocabulary.
ID = Namespace("https://w3id.org/kg/id/")


class KG(DefinedNamespace):
    """Terms of ``ontology/kg.ttl``."""

    _NS = Namespace("https://w3id.org/kg/ontology#")
    _fail = True

    # classes
    Agent: URIRef
    Person: URIRef
    Organisation: URIRef
    GovernmentBody: URIRef
    InternationalOrganisation: URIRef
    Company: URIRef
    Country: URIRef
    Place: URIRef
    Event: URIRef
    Initiative: URIRef
    Commitment: URIRef
    CommitmentKind: URIRef
    Modality: URIRef
    Position: URIRef
    Topic: URIRef
    Article: URIRef
    Sentence: URIRef
    Mention: URIRef
    Assertion: URIRef
    Merge: URIRef
    CurationEntry: URIRef

    # individuals
    pledge: URIRef
    proposal: URIRef
    call: URIRef
    agreement: URIRef
    asserted: URIRef
    hypothetical: URIRef
    negated: URIRef

    # relations of the gold guide
    holdsRole: URIRef
    holdsPosition: URIRef
    positionIn: URIRef
    participatesIn: URIRef
    organises: URIRef
    locatedIn: URIRef
    partOf: URIRef
    memberOf: URIRef
    leads: URIRef
    partnerOf: URIRef
    signs: URIRef

    # commitments
    actor: URIRef
    speaker: URIRef
    event: URIRef
    kind: URIRef
    modality: URIRef
    partner: URIRef
    concerns: URIRef
    about: URIRef

    # provenance
    evidence: URIRef
    inArticle: URIRef
    inSentence: URIRef
    mentionOf: URIRef
    mergedInto: URIRef
    mergedName: URIRef
    reason: URIRef
    curatedBy: URIRef
    target: URIRef
    action: URIRef
    note: URIRef
    curator: URIRef
    curatedOn: URIRef

    # data properties
    title: URIRef
    identifier: URIRef
    key: URIRef
    contentHash: URIRef
    declaredLanguage: URIRef
    sourceFile: URIRef
    text: URIRef
    anchor: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    confidence: URIRef
    extractor: URIRef
    content: URIRef
    wikidataId: URIRef
    isoCode: URIRef
    date: URIRef
    deadline: URIRef
    edition: URIRef
    year: URIRef
    eventKind: URIRef


class SCHEMA(DefinedNamespace):
    """The schema.org terms kg writes (article metadata), so that other tools read an
    article's headline, date, URL, publisher and language without knowing kg."""

    _NS = Namespace("https://schema.org/")
    _fail = True

    NewsArticle: URIRef
    Organization: URIRef
    Person: URIRef
    GovernmentOrganization: URIRef
    Corporation: URIRef
    Country: URIRef
    Place: URIRef
    Event: URIRef
    CreativeWork: URIRef
    startDate: URIRef
    location: URIRef
    headline: URIRef
    datePublished: URIRef
    url: URIRef
    publisher: URIRef
    author: URIRef
    inLanguage: URIRef
    keywords: URIRef
    name: URIRef


class ORG(DefinedNamespace):
    """The W3C Organization Ontology terms kg writes."""

    _NS = Namespace("http://www.w3.org/ns/org#")
    _fail = True

    memberOf: URIRef


class PROV(DefinedNamespace):
    """The PROV-O terms kg writes: where each fact and entity was taken from."""

    _NS = Namespace("http://www.w3.org/ns/prov#")
    _fail = True

    wasDerivedFrom: URIRef


#: Wikidata entities, for ``owl:sameAs`` links.
WIKIDATA = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "kgid": str(ID),
    "schema": str(SCHEMA._NS),
    "org": str(ORG._NS),
    "prov": str(PROV._NS),
    "wd": str(WIKIDATA),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def slug(text: str) -> str:
    """An IRI-safe, stable key for a name: ASCII, lower case, words joined by hyphens.

    >>> slug("Phạm Minh Chính")
    'pham-minh-chinh'
    >>> slug("Forum de l’avenir de l’ASEAN 2025")
    'forum-de-l-avenir-de-l-asean-2025'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article node."""
    return ID[f"article/{quote(article_id, safe='-_.~')}"]


def graph_iri(article_id: str) -> URIRef:
    """The IRI of the named graph that holds everything taken from one article."""
    return ID[f"graph/{quote(article_id, safe='-_.~')}"]
