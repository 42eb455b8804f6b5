"""Extraction on small real sentences with the real French model."""

from kg.extract import extract
from kg.model import Article, EntityType


def ents(text: str) -> dict[str, EntityType]:
    ex = extract(Article(id="t", text=text, source_file="t.txt"), models=False)
    return {e.name: e.type for e in ex.entities}


def entities(text: str):
    return extract(Article(id="t", text=text, source_file="t.txt"), models=False).entities


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
    ex = extract(Article(id="t", text=text, source_file="t.txt"), models=False)
    china = next(e for e in ex.entities if e.name == "Chine")
    (m,) = china.mentions
    assert text[m.start : m.end] == "Chine"
    assert ex.sentences[m.sentence].text == "La Chine continuera de promouvoir l'IA."


def test_counterpart_and_invariable_adjective(nlp):
    found = {
        e.name: e
        for e in entities(
            "Le Premier ministre Pham Minh Chinh et son homologue lao Sonexay Siphandone ont "
            "coprésidé une table ronde à Hanoï."
        )
    }
    assert found["Sonexay Siphandone"].type == EntityType.PERSON
    assert found["Laos"].type == EntityType.COUNTRY and "lao" in found["Laos"].aliases


def test_one_meeting_under_two_heads_and_a_spaced_ordinal(nlp):
    events = [
        e
        for e in entities(
            "Le Premier ministre participe à la 6e conférence des ministres du Numérique de "
            "l'ASEAN.\nIl a ouvert la 6 e réunion des ministres du Numérique de l'ASEAN à Hanoï."
        )
        if e.type == EntityType.EVENT
    ]
    assert len(events) == 1 and events[0].edition == 6


def test_parentheses_naming_two_bodies_are_not_an_alias(nlp):
    found = {
        e.name: e
        for e in entities(
            "Ils ont défini l'orientation du Forum économique ASEAN - Conseil de coopération du "
            "Golfe (ASEAN - CCG). La coopération entre l'ASEAN et le CCG progresse."
        )
    }
    forum = next(e for e in found.values() if e.type == EntityType.EVENT)
    assert "CCG" not in forum.aliases and "ASEAN" not in forum.aliases
    assert "CCG" in found["Conseil de coopération du Golfe"].aliases


def test_english_name_in_parentheses_is_an_alias(nlp):
    (event,) = [
        e
        for e in entities(
            "Une table ronde s'est tenue dans le cadre du Forum sur l'avenir de l'ASEAN 2024 "
            "(ASEAN Future Forum 2024 - AFF 2024) à Hanoï."
        )
        if e.name.startswith("Forum")
    ]
    assert {"ASEAN Future Forum 2024", "AFF 2024"} <= set(event.aliases)


def test_repeated_unknown_acronym_is_typed_by_what_the_article_says(nlp):
    found = {
        e.name: e.type
        for e in entities(
            "L'ADGSOM est un forum de coopération des hauts responsables. Le Vietnam assume la "
            "présidence de l'ADGSOM cette année."
        )
    }
    assert found["ADGSOM"] == EntityType.EVENT


def test_a_legislature_named_by_its_country_is_an_organisation(nlp):
    found = ents("Des représentants du Congrès américain ont participé au forum.")
    assert found.get("Congrès américain") == EntityType.ORGANISATION


def test_two_people_with_one_family_name_stay_apart(nlp):
    people = [
        e
        for e in entities(
            "Le Premier ministre Hun Manet a rencontré l'ancien Premier ministre Hun Sen. "
            "M. Hun a salué la coopération."
        )
        if e.type == EntityType.PERSON
    ]
    assert {"Hun Manet", "Hun Sen"} <= {p.name for p in people}
    assert not any({"Hun Manet", "Hun Sen"} <= {p.name, *p.aliases} for p in people)


def test_family_name_alone_is_the_person(nlp):
    people = [
        e
        for e in entities(
            "Yan Dong, vice-ministre chinois du Commerce, a pris la parole. M. Yan a ajouté que la "
            "Chine approfondira sa coopération."
        )
        if e.type == EntityType.PERSON
    ]
    assert [(p.name, "Yan" in p.aliases) for p in people] == [("Yan Dong", True)]


def test_surname_tagged_as_a_place_is_the_person(nlp):
    people = [
        e
        for e in entities(
            "Le Japon entend travailler avec l'ASEAN, a déclaré le Premier ministre Fumio Kishida."
            "\nKishida a également déclaré dans un discours à Tokyo que la réunion aura lieu "
            "en août."
        )
        if e.type == EntityType.PERSON
    ]
    assert [(p.name, "Kishida" in p.aliases) for p in people] == [("Fumio Kishida", True)]


def test_ordinal_word_gives_the_edition(nlp):
    (event,) = [
        e
        for e in entities(
            "La deuxième réunion ministérielle du cadre asiatique zéro "
            "émission aura lieu à Jakarta."
        )
        if e.type == EntityType.EVENT
    ]
    assert event.edition == 2


def test_acronym_of_a_technical_term_is_not_an_organisation(nlp):
    names = ents(
        "Ils coopéreront sur le calcul à haute performance (CHP). Le CHP est au cœur "
        "de la coopération entre l'Union européenne et le Japon."
    )
    assert "CHP" not in names and names["Union européenne"] == EntityType.ORGANISATION


def test_name_of_a_facility_is_not_a_person(nlp):
    names = ents(
        "Le président est arrivé à l'aéroport international de Noi Bai, à Hanoï, dimanche."
    )
    assert "Noi Bai" not in names
    assert names.get("Hanoï") == EntityType.PLACE


def test_acronym_of_the_last_words_is_not_the_events_alias(nlp):
    found = entities(
        "Le Sommet de l'ASEAN sur l'intelligence artificielle (IA) s'est tenu à Kuala Lumpur. "
        "Le Conseil de coopération du Golfe (CCG) y était invité."
    )
    by_name = {e.name: e for e in found}
    assert by_name["Sommet de l'ASEAN sur l'intelligence artificielle"].aliases == ()
    assert by_name["Conseil de coopération du Golfe"].aliases == ("CCG",)


def test_excerpt_end_signature_and_glued_sentences():
    from kg.extract.candidates import ignored_ranges

    signed = (
        "Le Premier ministre a rencontré des dirigeants de plusieurs pays, dont "
        "l'Afrique du Sud, Cuba et l'OMS./.-VNA"
    )
    # the agency signature ends the article: the sentence is whole, only "VNA" is skipped
    assert [signed[a:b] for a, b in ignored_ranges(signed)] == ["VNA"]
    glued = (
        "Le ministre a rappelé que la coopération régionale progresse depuis dix ans.La "
        "proposition du ministre vietnamien d'une itinérance au tarif unique dans la région de"
    )
    # a page that glued two sentences: only the cut-off second one is skipped
    skipped = [glued[a:b] for a, b in ignored_ranges(glued)]
    assert skipped == [glued[glued.index("La proposition") :]]


def test_a_photo_credit_glued_to_the_text_hides_only_the_credit():
    from kg.extract.candidates import ignored_ranges

    line = (
        "Photo : VNA Le secrétaire général de l'ASEAN, Kao Kim Hourn, a tenu un entretien "
        "en marge de la 6e réunion des ministres du Numérique de l'ASEAN."
    )
    ranges = ignored_ranges(line)
    assert "Photo : VNA" in [line[a:b] for a, b in ranges]
    assert max(b for _, b in ranges) == len("Photo : VNA")
    alone = "Photo : VNA/CVN"
    assert max(b for _, b in ignored_ranges(alone)) == len(alone)


def test_a_name_the_tagger_glued_to_a_title_is_proposed_alone(nlp):
    from kg.extract import load_lexicon
    from kg.extract.entities import EntityFinder

    doc = nlp("Le vice-ministre de la Construction Nguyen Tuong Van a souligné la coopération.")
    cands = {(c.text, c.source) for c in EntityFinder(doc, nlp, load_lexicon()).candidates()}
    assert ("Nguyen Tuong Van", "ner-split") in cands
    assert not any(text.startswith("Construction") for text, _ in cands)
