"""Commitment rules: kinds, actors, speakers and modality, on real sentences."""

import pytest

from kg.extract import extract
from kg.model import Article, CommitmentKind, Modality

PREFIX = (
    "Le vice-ministre chinois des Affaires étrangères, Sun Weidong, a pris la parole lors "
    "du Forum de l'avenir de l'ASEAN 2025. "
)


def commitments(text: str):
    ex = extract(Article(id="t", text=text, source_file="t.txt"), models=False)
    names = {e.key: e.name for e in ex.entities}
    return [
        (
            names[c.actor],
            c.kind,
            c.modality,
            names.get(c.speaker or ""),
            names.get(c.event or ""),
            ex.sentences[c.sentence].text,
            c,
        )
        for c in ex.commitments
    ]


def test_pledge_of_a_country_voiced_by_its_minister(nlp):
    ((actor, kind, modality, speaker, event, evidence, c),) = commitments(
        PREFIX + "La Chine continuera de promouvoir les technologies d'IA open source."
    )
    assert (actor, kind, modality) == ("Chine", CommitmentKind.PLEDGE, Modality.ASSERTED)
    assert speaker == "Sun Weidong" and event == "Forum de l'avenir de l'ASEAN 2025"
    assert evidence == "La Chine continuera de promouvoir les technologies d'IA open source."
    assert c.content.startswith("continuera de promouvoir")


def test_call_is_the_speakers_side_not_the_addressee(nlp):
    found = commitments(PREFIX + "Il a appelé les pays de l'ASEAN à renforcer leur coopération.")
    assert [(a, k) for a, k, *_ in found] == [("Chine", CommitmentKind.CALL)]


def test_proposal_list_items_take_the_kind_of_the_list(nlp):
    found = commitments(
        PREFIX + "Le vice-ministre a présenté deux propositions. "
        "Premièrement, nous devons approfondir la coopération. "
        "Deuxièmement, créer un réseau de centres de données."
    )
    kinds = [k for _, k, *_ in found]
    assert kinds.count(CommitmentKind.PROPOSAL) >= 3


@pytest.mark.parametrize(
    "sentence, modality",
    [
        ("La Chine ne s'engage pas à financer le projet.", Modality.NEGATED),
        ("La Chine pourrait s'engager à financer le projet.", Modality.HYPOTHETICAL),
    ],
)
def test_negated_and_hypothetical_statements_are_not_firm_pledges(nlp, sentence, modality):
    found = commitments(PREFIX + sentence)
    assert [(a, m) for a, _, m, *_ in found] == [("Chine", modality)]


def test_two_parties_sign(nlp):
    found = commitments(
        "Séoul et Phnom Penh ont signé, hier, un protocole d'accord sur le "
        "gouvernement numérique. La Corée du Sud et le Cambodge coopèrent."
    )
    assert {(a, k) for a, k, *_ in found} == {
        ("Corée du Sud", CommitmentKind.AGREEMENT),
        ("Cambodge", CommitmentKind.AGREEMENT),
    }


def test_no_cue_no_commitment(nlp):
    assert commitments(PREFIX + "La Chine a réalisé de nombreux progrès dans l'IA.") == []


def test_future_tense_of_a_country_is_a_pledge(nlp):
    found = commitments(
        "Le Vietnam coopérera avec les États membres de l'ASEAN pour "
        "coordonner le programme numérique."
    )
    assert [(a, k) for a, k, *_ in found] == [("Vietnam", CommitmentKind.PLEDGE)]


def test_a_future_that_states_a_fact_is_not_a_pledge(nlp):
    assert commitments("Le Vietnam sera l'hôte du forum en 2026.") == []


def test_wishing_that_others_act_is_a_call(nlp):
    found = commitments(
        "Le Vietnam souhaite que les partenaires de l'ASEAN renforcent leur coopération."
    )
    assert [(a, k) for a, k, *_ in found] == [("Vietnam", CommitmentKind.CALL)]


def test_a_participle_shares_the_subject_of_the_main_verb(nlp):
    found = commitments(
        "Lors d'une réunion à Jakarta, le ministre malaisien de la Communication, Annuar "
        "Musa, et son homologue indonésien, Johnny Gerard Plate, ont discuté de cybersécurité,"
        " s'engageant à renforcer leur coopération."
    )
    assert {(a, speaker) for a, _, _, speaker, *_ in found} == {
        ("Malaisie", "Annuar Musa"),
        ("Indonésie", "Johnny Gerard Plate"),
    }


def test_an_interposed_word_keeps_the_cue(nlp):
    found = commitments(
        "Les ministres de Malaisie et d'Indonésie ont convenu, vendredi, de "
        "renforcer la coopération bilatérale."
    )
    assert {a for a, *_ in found} == {"Malaisie", "Indonésie"}


def test_speaker_named_after_the_reported_words(nlp):
    found = commitments(
        "Yan Dong est vice-ministre chinois du Commerce. La Chine approfondira "
        "sa coopération avec l'ASEAN, a déclaré M. Yan."
    )
    assert [(a, s) for a, _, _, s, *_ in found] == [("Chine", "Yan Dong")]


def test_encouraging_others_is_a_call(nlp):
    found = commitments(
        "Le secrétaire général de l'ASEAN, le Dr Kao Kim Hourn, a pris la parole."
        " Il a encouragé la Chine à poursuivre son soutien à l'ASEAN."
    )
    assert [(a, k) for a, k, *_ in found] == [("ASEAN", CommitmentKind.CALL)]


def test_the_two_partners_and_plural_undertakings(nlp):
    found = commitments(
        "L'Union européenne et la République de Corée ont tenu un conseil. Les "
        "deux partenaires ont décidé de coopérer sur les semi-conducteurs. L'UE et"
        " la République de Corée se sont engagées à coopérer sur l'IA."
    )
    assert sorted((a, e[:12]) for a, *_, e, _ in found) == sorted(
        [
            ("Union européenne", "Les deux par"),
            ("République de Corée", "Les deux par"),
            ("Union européenne", "L'UE et la R"),
            ("République de Corée", "L'UE et la R"),
        ]
    )
