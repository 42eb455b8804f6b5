"""Scoring by the gold guide, on hand-made cases, and on the real seed articles."""

import json

import pytest

from kg.errors import GoldFormatError
from kg.evaluate import (
    AnnCommitment,
    AnnEntity,
    Annotation,
    AnnRelation,
    evaluate,
    load_gold,
    score,
)

from .conftest import SEED_GOLD


def gold() -> Annotation:
    return Annotation(
        "a.txt",
        entities=[
            AnnEntity("sun", "Person", "Sun Weidong"),
            AnnEntity("cn", "Country", "Chine", ["chinois"]),
            AnnEntity("asean", "Organisation", "ASEAN"),
            AnnEntity("faf", "Event", "Forum de l’avenir de l’ASEAN 2025"),
        ],
        relations=[
            AnnRelation("sun", "holdsRole", "cn", "vice-ministre"),
            AnnRelation("sun", "participatesIn", "faf"),
            AnnRelation("cn", "partnerOf", "asean"),
        ],
        commitments=[
            AnnCommitment(
                "cn",
                "pledge",
                "La Chine continuera de promouvoir les technologies d'IA open source.",
                "sun",
                "faf",
            ),
        ],
    )


def test_perfect_prediction_scores_one():
    s = score([gold()], [gold()])
    for part in ("entities", "relations", "commitments"):
        assert s[part]["micro"]["f1"] == 1.0


def test_empty_prediction_scores_zero():
    s = score([gold()], [Annotation("a.txt")])
    for part in ("entities", "relations", "commitments"):
        assert s[part]["micro"]["f1"] == 0.0
        assert s[part]["micro"]["gold"] > 0


def test_wrong_type_is_a_miss_but_counts_untyped():
    pred = gold()
    pred.entities[1] = AnnEntity("cn", "Place", "Chine")
    s = score([gold()], [pred])
    assert s["entities"]["micro"]["tp"] == 3
    assert s["entities"]["untyped"]["tp"] == 4
    assert s["entities"]["by_type"]["Country"]["recall"] == 0.0


def test_names_match_after_normalisation_and_loosely_for_events():
    pred = Annotation(
        "a.txt",
        entities=[
            AnnEntity("p1", "Person", "sun weidong"),
            AnnEntity("p2", "Country", "CHINOIS"),
            AnnEntity("p3", "Event", "Forum de l'avenir de l'ASEAN"),
            AnnEntity("p4", "Organisation", "l’ASEAN"),
        ],
    )
    s = score([gold()], [pred])
    assert s["entities"]["micro"]["tp"] == 4


def test_an_entity_predicted_twice_costs_precision():
    pred = gold()
    pred.entities.append(AnnEntity("cn2", "Country", "Chine"))
    s = score([gold()], [pred])
    assert s["entities"]["micro"]["recall"] == 1.0
    assert s["entities"]["micro"]["precision"] == 0.8


def test_partner_of_matches_either_direction_and_duplicates_count_once():
    pred = gold()
    pred.relations = [
        AnnRelation("asean", "partnerOf", "cn"),
        AnnRelation("cn", "partnerOf", "asean"),
    ]
    s = score([gold()], [pred])
    assert s["relations"]["micro"]["tp"] == 1
    assert s["relations"]["micro"]["predicted"] == 1


def test_commitment_needs_the_actor_and_half_the_words():
    ok = gold()
    ok.commitments = [
        AnnCommitment("cn", "pledge", "La Chine continuera de promouvoir les technologies d'IA.")
    ]
    wrong_actor = gold()
    wrong_actor.commitments = [AnnCommitment("asean", "pledge", gold().commitments[0].evidence)]
    few_words = gold()
    few_words.commitments = [AnnCommitment("cn", "pledge", "La Chine open source.")]
    assert score([gold()], [ok])["commitments"]["micro"]["tp"] == 1
    assert score([gold()], [wrong_actor])["commitments"]["micro"]["tp"] == 0
    assert score([gold()], [few_words])["commitments"]["micro"]["tp"] == 0


def test_bad_gold_file_names_the_problem(tmp_path):
    p = tmp_path / "x.json"
    p.write_text(
        json.dumps({"entities": [{"id": "a", "type": "Robot", "name": "R2"}]}), encoding="utf-8"
    )
    with pytest.raises(GoldFormatError, match="unknown type 'Robot'"):
        load_gold(p)
    p.write_text("{", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="invalid JSON"):
        load_gold(p)


def test_seed_articles_entity_f1(nlp):
    s = evaluate(SEED_GOLD).scores
    assert s["articles"] == 5
    assert s["entities"]["micro"]["f1"] >= 0.70


def test_predictions_read_back_the_label_as_the_name(nlp):
    from kg import store as store_mod
    from kg.articles import read_file
    from kg.build import build_articles
    from kg.evaluate import predictions

    (path,) = (SEED_GOLD.parent / "dev" / "articles").glob("d05_*.txt")
    (art,) = read_file(path)
    with store_mod.open("memory:") as st:
        build_articles([art], st)
        pred = predictions(st, art.id, path.name)
    names = {e.name for e in pred.entities}
    assert {"Malaisie", "Gobind Singh Deo", "Kuala Lumpur"} <= names
    assert "malaisien" not in names and "Singh Deo" not in names
