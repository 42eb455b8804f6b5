"""Extraction on small real sentences with the real French model."""

from kg.extract import extract
from kg.model import Article, EntityType


def ents(text: str) -> dict[str, EntityType]:
    ex = extract(Article(id="t", text=text, source_file="t.txt"))
    return {e.name: e.type for e in ex.entities}


def entities(text: str):
    return extract(Article(id="t", text=text, source_file="t.txt")).entities


def test_country_known_only_by_its_adjective(nlp):
    found = entities("Le ministre sud-coréen des Affaires étrangères, Cho Tae-yul, est arrivé.")
    by_name = {e.name: e for e in found}
    assert by_name["Corée du Sud"].type == EntityType.COUNTRY
    assert "sud-coréen" in by_name["Corée du Sud"].aliases
    assert by_name["Cho Tae-yul"].type == EntityType.PERSON


def test_titles_are_stripped_from_person_names(nlp):
    names = ents(
        "Dans son discours, M. Nguyen Manh Hung a salué l'accord. "
        "Le Président Emmanuel Macron était présent."
    )
    assert names.get("Nguyen Manh Hung") == EntityType.PERSON
    assert names.get("Emmanuel Macron") == EntityType.PERSON
    assert not any(n.startswith(("M.", "Président")) for n in names)


def test_event_with_ordinal_and_its_later_reference(nlp):
    found = entities(
        "La 6e conférence ministérielle du numérique de l'ASEAN s'est ouverte "
        "à Hanoï. La conférence a mis en lumière plusieurs priorités."
    )
    events = [e for e in found if e.type == EntityType.EVENT]
    assert len(events) == 1
    assert events[0].name == "6e conférence ministérielle du numérique de l'ASEAN"
    assert events[0].edition == 6
    assert len(events[0].mentions) == 2
    assert {e.name for e in found} >= {"ASEAN", "Hanoï"}


def test_acronym_defined_in_parentheses_becomes_an_alias(nlp):
    found = entities(
        "L'Autorité monétaire de Singapour (MAS) a annoncé un plan. "
        "La MAS travaillera avec ses partenaires."
    )
    mas = next(e for e in found if e.name == "Autorité monétaire de Singapour")
    assert mas.type == EntityType.ORGANISATION and "MAS" in mas.aliases
    assert [m.text for m in mas.mentions] == ["Autorité monétaire de Singapour", "MAS", "MAS"]


def test_photo_credits_and_related_headlines_are_ignored(nlp):
    text = (
        "Le Vietnam accueille le forum. Photo : Reuters/AFP\n"
        "- Football : pas d'extradition vers les États-Unis pour Jack Warner\n"
    )
    names = ents(text)
    assert "Vietnam" in names
    assert "Jack Warner" not in names and "États-Unis" not in names and "AFP" not in names


def test_generic_nouns_are_not_entities(nlp):
    names = ents(
        "Les entreprises vietnamiennes ont proposé des programmes de formation "
        "et plusieurs protocoles d'accord ont été conclus."
    )
    assert set(names) == {"Vietnam"}


def test_mentions_carry_offsets_and_sentence(nlp):
    text = "Bonjour.\nLa Chine continuera de promouvoir l'IA."
    ex = extract(Article(id="t", text=text, source_file="t.txt"))
    china = next(e for e in ex.entities if e.name == "Chine")
    (m,) = china.mentions
    assert text[m.start : m.end] == "Chine"
    assert ex.sentences[m.sentence].text == "La Chine continuera de promouvoir l'IA."
