"""Entity resolution across articles: conservative, and every merge explained."""

from kg.model import Article, Entity, EntityType, Extraction, Mention
from kg.resolve import Resolver


def extraction(article: str, *entities: tuple[str, EntityType, tuple[str, ...]]) -> Extraction:
    ents = tuple(
        Entity(f"k{i}", t, name, (Mention(0, 1, name, 0, "test"),), aliases)
        for i, (name, t, aliases) in enumerate(entities)
    )
    return Extraction(Article(article, "x", f"{article}.txt"), (), ents)


P, ORG = EntityType.PERSON, EntityType.ORGANISATION


def test_diacritics_and_short_forms_resolve_to_one_person():
    r = Resolver()
    a = r.resolve(extraction("a1", ("Phạm Minh Chính", P, ())))
    b = r.resolve(extraction("a2", ("Pham Minh Chinh", P, ())))
    c = r.resolve(extraction("a3", ("Chinh", P, ())))
    assert a["k0"] == b["k0"] == c["k0"]
    reasons = {m.name: m.reason for m in r.merges}
    assert reasons == {
        "Pham Minh Chinh": "same name up to case and diacritics",
        "Chinh": "short form",
    }


def test_conflicting_names_are_never_merged():
    r = Resolver()
    a = r.resolve(extraction("a1", ("Hun Manet", P, ())))
    b = r.resolve(extraction("a2", ("Hun Sen", P, ())))
    assert a["k0"] != b["k0"]
    assert r.merges == []


def test_ambiguous_short_form_is_left_alone():
    r = Resolver()
    r.resolve(extraction("a1", ("Jonathan Baker", P, ()), ("Mary Baker", P, ())))
    c = r.resolve(extraction("a2", ("Baker", P, ())))
    assert c["k0"] not in {iri for iri in r.by_iri if r.by_iri[iri].label.endswith("n Baker")}


def test_known_alias_links_an_acronym_to_its_expansion():
    r = Resolver()
    a = r.resolve(extraction("a1", ("Autorité monétaire de Singapour", ORG, ("MAS",))))
    b = r.resolve(extraction("a2", ("MAS", ORG, ())))
    assert a["k0"] == b["k0"]
    assert r.merges[0].reason == "name 'MAS' already known for this entity"


def test_same_name_different_types_stay_apart():
    r = Resolver()
    a = r.resolve(extraction("a1", ("Singapour", EntityType.PLACE, ())))
    b = r.resolve(extraction("a2", ("Singapour", ORG, ())))
    assert a["k0"] != b["k0"]


EV = EntityType.EVENT


def test_generic_event_names_never_merge_across_articles():
    r = Resolver()
    a = r.resolve(extraction("a1", ("cérémonie de signature", EV, ()), ("la visite", EV, ())))
    b = r.resolve(extraction("a2", ("cérémonie de signature", EV, ()), ("la visite", EV, ())))
    assert a["k0"] != b["k0"] and a["k1"] != b["k1"]
    again = Resolver(list(r.by_iri.values())).resolve(
        extraction("a1", ("cérémonie de signature", EV, ()))
    )
    assert again["k0"] == a["k0"], "rebuilding an article gives its generic event the same IRI"


def test_editions_never_merge_and_prochaine_is_not_a_name():
    r = Resolver()
    third = r.resolve(
        extraction("a1", ("3e Dialogue Vietnam-Japon", EV, ("Dialogue Vietnam-Japon",)))
    )
    fourth = r.resolve(
        extraction("a2", ("4e Dialogue Vietnam-Japon", EV, ("Dialogue Vietnam-Japon",)))
    )
    assert third["k0"] != fourth["k0"]
    y24 = r.resolve(
        extraction("a3", ("Forum numérique ASEAN 2024", EV, ("Forum numérique ASEAN",)))
    )
    y25 = r.resolve(
        extraction("a4", ("Forum numérique ASEAN 2025", EV, ("Forum numérique ASEAN",)))
    )
    assert y24["k0"] != y25["k0"]
    adgmin = r.resolve(extraction("a5", ("5e réunion des ministres du numérique (ADGMIN)", EV, ())))
    nxt = r.resolve(extraction("a6", ("prochaine réunion", EV, ("réunion",))))
    assert adgmin["k0"] != nxt["k0"]
    assert r.merges == []


def test_a_new_article_never_changes_the_facts_of_one_stored_before(nlp):
    from kg import store as store_mod
    from kg.build import build_articles
    from kg.namespace import graph_iri

    first = Article(
        "first",
        "Le 3e Dialogue Vietnam-Japon s'est tenu à Hanoï en 2025. "
        "Une cérémonie de signature a suivi.",
        "first.txt",
    )
    second = Article(
        "second",
        "Le 4e Dialogue Vietnam-Japon aura lieu à Tokyo en 2026. "
        "Une cérémonie de signature est prévue.",
        "second.txt",
    )
    with store_mod.open("memory:") as st:
        build_articles([first], st)
        g = graph_iri("first")
        before = {q for q in st.quads() if q[3] == g}
        build_articles([second], st)
        assert {q for q in st.quads() if q[3] == g} == before
        res = st.query(
            "SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e a ?c } "
            "FILTER(?c = <https://w3id.org/kg/ontology#Event>) } GROUP BY ?e"
        )
        assert res.rows and all(int(n) == 1 for _, n in res.rows), res.rows
