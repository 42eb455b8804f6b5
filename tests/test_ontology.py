from rdflib import OWL, RDF, RDFS, Graph, Namespace

from kg.namespace import KG, ONTOLOGY_FILE, SHAPES_FILE

SH = Namespace("http://www.w3.org/ns/shacl#")


def test_ontology_and_shapes_parse():
    assert len(Graph().parse(ONTOLOGY_FILE)) > 100
    assert len(Graph().parse(SHAPES_FILE)) > 100


def test_every_term_has_labels_and_comments_in_english_and_french():
    g = Graph().parse(ONTOLOGY_FILE)
    missing = []
    for name in KG.__annotations__:
        term = KG[name]
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in g.objects(term, prop)}
            if not {"en", "fr"} <= langs:
                missing.append(f"{name} {prop.fragment} {sorted(filter(None, langs))}")
    assert missing == []


def test_every_class_has_a_shape():
    onto = Graph().parse(ONTOLOGY_FILE)
    shapes = Graph().parse(SHAPES_FILE)
    classes = {c for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(str(KG._NS))}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert classes - targeted == set()


def test_alignment_uses_subclass_not_equivalence():
    g = Graph().parse(ONTOLOGY_FILE)
    assert not list(g.triples((None, OWL.equivalentClass, None)))
    assert not list(g.triples((None, OWL.equivalentProperty, None)))
    parents = {str(o) for o in g.objects(KG.Person, RDFS.subClassOf)}
    assert "https://schema.org/Person" in parents
    assert "http://xmlns.com/foaf/0.1/Person" in parents


def test_partner_of_is_symmetric():
    g = Graph().parse(ONTOLOGY_FILE)
    assert (KG.partnerOf, RDF.type, OWL.SymmetricProperty) in g
