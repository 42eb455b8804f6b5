"""Relation rules on small real sentences with the real French model."""

from kg.extract import extract
from kg.model import Article, Predicate


def relations(text: str):
    ex = extract(Article(id="t", text=text, source_file="t.txt"))
    names = {e.key: e.name for e in ex.entities}
    return {(names[r.subject], r.predicate.value, names[r.object]): r for r in ex.relations}, ex


def test_title_in_apposition_gives_the_role_and_the_country(nlp):
    rels, ex = relations(
        "Le ministre sud-coréen des Affaires étrangères, Cho Tae-yul, a pris "
        "la parole lors du Forum de l'avenir de l'ASEAN 2025 à Hanoï."
    )
    role = rels[("Cho Tae-yul", "holdsRole", "Corée du Sud")]
    assert role.role == "ministre des Affaires étrangères"
    assert ("Cho Tae-yul", "participatesIn", "Forum de l'avenir de l'ASEAN 2025") in rels
    assert ("Corée du Sud", "participatesIn", "Forum de l'avenir de l'ASEAN 2025") in rels
    assert ("Forum de l'avenir de l'ASEAN 2025", "locatedIn", "Hanoï") in rels
    assert ex.sentences[role.sentence].text.startswith("Le ministre sud-coréen")


def test_title_after_the_name(nlp):
    rels, _ = relations(
        "M. Pham Quang Ngoc, président du Comité populaire provincial de "
        "Ninh Binh, a pris la parole."
    )
    assert ("Pham Quang Ngoc", "holdsRole", "Comité populaire provincial de Ninh Binh") in rels
    assert ("Comité populaire provincial de Ninh Binh", "locatedIn", "Ninh Binh") in rels


def test_agreement_parties_sign_and_are_partners(nlp):
    rels, _ = relations(
        "Les accords signés comprennent un accord de coopération entre le "
        "groupe Thales et VNPT dans le domaine des satellites."
    )
    agreement = next(o for (s, p, o) in rels if p == "signs")
    assert {s for (s, p, o) in rels if p == "signs" and o == agreement} == {"Thales", "VNPT"}
    assert any(p == "partnerOf" and {s, o} == {"Thales", "VNPT"} for (s, p, o) in rels)


def test_pair_in_a_name_makes_partners(nlp):
    rels, _ = relations(
        "Le Forum de Jakarta sur les relations ASEAN - Chine a débuté en Indonésie."
    )
    assert any(p == "partnerOf" and {s, o} == {"ASEAN", "Chine"} for (s, p, o) in rels)
    assert ("Forum de Jakarta sur les relations ASEAN - Chine", "locatedIn", "Indonésie") in rels


def test_every_relation_points_to_a_sentence_that_names_its_subject_or_context(nlp):
    text = (
        "Le vice-ministre des Affaires étrangères, Sun Weidong, a pris la parole lors de "
        "la 4e session plénière. La Chine continuera de promouvoir l'IA open source."
    )
    _, ex = relations(text)
    assert ex.relations
    for r in ex.relations:
        assert 0 <= r.sentence < len(ex.sentences)
        assert r.predicate in Predicate
