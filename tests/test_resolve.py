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
