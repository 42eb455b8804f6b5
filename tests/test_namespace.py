from rdflib import OWL, RDF, Graph, URIRef

from kg.namespace import KG, ONTOLOGY_FILE, ORG, PROV, SCHEMA, slug

DECLARING = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.NamedIndividual,
    OWL.SymmetricProperty,
    OWL.FunctionalProperty,
}


def declared_terms() -> set[URIRef]:
    g = Graph().parse(ONTOLOGY_FILE)
    return {
        s
        for s, o in g.subject_objects(RDF.type)
        if o in DECLARING and str(s).startswith(str(KG._NS))
    }


def namespace_terms() -> set[URIRef]:
    return {KG[name] for name in KG.__annotations__}


def test_every_namespace_term_is_declared_in_the_ontology():
    assert namespace_terms() - declared_terms() == set()


def test_every_ontology_term_is_in_the_namespace():
    assert declared_terms() - namespace_terms() == set()


def test_unknown_terms_are_rejected():
    import pytest

    with pytest.raises(AttributeError):
        _ = KG.Persn


def test_every_term_the_code_emits_is_declared(seed_store):
    declared = declared_terms()
    used = set()
    for s, p, o, _ in seed_store.quads():
        for t in (s, p, o):
            if isinstance(t, URIRef) and str(t).startswith(str(KG._NS)):
                used.add(t)
    assert used, "the build emitted no kg terms"
    assert used - declared == set()


def test_only_known_foreign_vocabulary_is_emitted(seed_store):
    allowed = {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#object",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.w3.org/2004/02/skos/core#altLabel",
        *(str(SCHEMA[t]) for t in SCHEMA.__annotations__),
        *(str(ns[t]) for ns in (ORG, PROV) for t in ns.__annotations__),
        "http://www.w3.org/2002/07/owl#sameAs",
    }
    preds = {str(p) for _, p, _, _ in seed_store.quads() if not str(p).startswith(str(KG._NS))}
    assert preds <= allowed
    assert str(SCHEMA.headline) in preds and str(SCHEMA.inLanguage) in preds


def test_slug_is_ascii_and_stable():
    assert slug("Ngô Xuân Lịch") == "ngo-xuan-lich"
    assert slug("Đà Nẵng") == "da-nang"
