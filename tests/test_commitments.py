"""Commitment rules: kinds, actors, speakers and modality, on real sentences."""

import pytest

from kg.extract import extract
from kg.model import Article, CommitmentKind, Modality

PREFIX = (
    "Le vice-ministre chinois des Affaires étrangères, Sun Weidong, a pris la parole lors "
    "du Forum de l'avenir de l'ASEAN 2025. "
)


def commitments(text: str):
    ex = extract(Article(id="t", text=text, source_file="t.txt"))
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
