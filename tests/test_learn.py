"""Learning: training is reproducible, models load and predict, cross-validation is honest."""

from __future__ import annotations

import shutil

import pytest

from kg import store as store_mod
from kg.build import build_articles
from kg.error_analysis import errors
from kg.evaluate import evaluate
from kg.extract import extract
from kg.extract.learned import LinearModel, Models
from kg.learn.crossval import cross_validate, folds
from kg.learn.train import train
from kg.model import Article
from kg.namespace import KG

from .conftest import ROOT, SEED_GOLD, SEEDS

# What 5-fold cross-validation over the whole annotated corpus reached when these floors
# were set (kg/models/README.md), less a margin: a regression guard, not the target.
CV_FLOORS = {"entities": 0.78, "relations": 0.44, "commitments": 0.50}


def small_corpus(tmp_path, n: int = 4):
    data = tmp_path / "data"
    (data / "gold").mkdir(parents=True)
    (data / "articles").mkdir()
    for gold in sorted(SEED_GOLD.glob("*.json"))[:n]:
        shutil.copy(gold, data / "gold" / gold.name)
        shutil.copy(SEEDS / (gold.stem + ".txt"), data / "articles" / (gold.stem + ".txt"))
    return data


def test_training_writes_models_that_load_predict_and_reproduce(tmp_path, nlp):
    data = small_corpus(tmp_path)
    first = train(data, tmp_path / "m1")
    second = train(data, tmp_path / "m2")
    assert first.articles == 4 and first.seconds < 60
    for f in first.files:
        assert f.stat().st_size > 0
        assert f.read_bytes() == (tmp_path / "m2" / f.name).read_bytes(), f.name
    del second
    models = Models.load(tmp_path / "m1")
    article = Article(
        id="t",
        text="Le ministre vietnamien Nguyen Manh Hung a participé au Forum de l'ASEAN 2025 "
        "à Hanoï. Le Vietnam s'engage à renforcer la coopération numérique avec le Japon.",
        source_file="t.txt",
    )
    a = extract(article, nlp, models=models)
    b = extract(article, nlp, models=Models.load(tmp_path / "m2"))
    assert a == b
    assert a.entities, "a model trained on four articles still finds the countries"
    for e in a.entities:
        assert all(0 < m.confidence <= 1 for m in e.mentions)


def test_linear_model_round_trip():
    m = LinearModel(("NONE", "Event"), {"head=forum": (0.0, 1.5)}, (0.1, -0.2), 0.4)
    back = LinearModel.from_json(m.to_json())
    assert back == m
    assert abs(sum(back.proba({"head=forum": 1}).values()) - 1) < 1e-9


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    from kg.errors import ExtractionError

    with pytest.raises(ExtractionError, match=r"entities\.json.*kg train"):
        Models.load(tmp_path)


def test_folds_are_disjoint_cover_everything_and_repeat():
    names = [f"a{i}" for i in range(23)]
    f = folds(names, 5)
    assert sorted(i for fold in f for i in fold) == list(range(23))
    assert f == folds(names, 5) and f != folds(names, 5, seed=1)
    assert max(len(x) for x in f) - min(len(x) for x in f) <= 1


def test_every_fact_carries_a_confidence_and_min_confidence_drops(nlp):
    articles = [
        Article(id=p.stem, text=p.read_text(encoding="utf-8"), source_file=p.name)
        for p in sorted(SEEDS.glob("*.txt"))[:2]
    ]
    with store_mod.open("memory:") as all_, store_mod.open("memory:") as sure:
        build_articles(articles, all_)
        build_articles(articles, sure, min_confidence=0.8)
        for cls in (KG.Assertion, KG.Commitment, KG.Mention):
            missing = all_.query(
                f"""SELECT (COUNT(?x) AS ?n) WHERE {{ ?x a {cls.n3()} .
                    FILTER NOT EXISTS {{ ?x {KG.confidence.n3()} ?conf }} }}"""
            ).rows[0][0]
            assert int(missing) == 0, cls
        low = sure.query(
            f"""SELECT ?x WHERE {{ ?x {KG.confidence.n3()} ?c ; {KG.extractor.n3()} ?e .
                FILTER(?c < 0.8 && !STRSTARTS(?e, "coreference")) }}"""
        ).rows
        assert list(low) == []

        def count(st, cls):
            return int(st.query(f"SELECT (COUNT(?x) AS ?n) WHERE {{ ?x a {cls.n3()} }}").rows[0][0])

        assert count(sure, KG.Assertion) < count(all_, KG.Assertion)
        assert count(sure, KG.Commitment) <= count(all_, KG.Commitment)


def test_errors_list_false_positives_and_negatives_with_sentences(nlp):
    ev = evaluate(SEED_GOLD)
    errs = errors(ev, ev.texts)
    s = ev.scores
    fn_rel = [e for e in errs if e.group.startswith("relation:") and e.verdict == "false negative"]
    assert len(fn_rel) == s["relations"]["micro"]["gold"] - s["relations"]["micro"]["tp"]
    fp_ent = [e for e in errs if e.group.startswith("entity:") and e.verdict == "false positive"]
    assert len(fp_ent) == s["entities"]["micro"]["predicted"] - s["entities"]["micro"]["tp"]
    assert all(e.sentence for e in fn_rel), "gold relations carry their evidence"


def test_rules_alone_are_a_baseline(nlp):
    ev = evaluate(SEED_GOLD, models=False)
    assert ev.scores["entities"]["micro"]["predicted"] > 0


@pytest.mark.slow
def test_cross_validated_figures_hold(nlp):
    """5-fold cross-validation over every annotated article (about a minute)."""
    ev = cross_validate(ROOT / "data", 5)
    got = {k: ev.scores[k]["micro"]["f1"] for k in CV_FLOORS}
    below = {k: v for k, v in got.items() if v < CV_FLOORS[k]}
    assert below == {}, f"cross-validated F1 fell: {got}"
    cr = ev.scores["candidate_recall"]
    assert all(0 < v <= 1 for v in cr.values())
    assert ev.scores["articles"] == len(list((ROOT / "data").rglob("*.json")))


def test_learning_curve_scores_each_share_on_the_same_held_out_folds(tmp_path):
    from kg.learn.crossval import learning_curve

    data = small_corpus(tmp_path, n=5)
    rows = learning_curve(data, k=2, fractions=(0.5, 1.0))
    assert [r["fraction"] for r in rows] == [0.5, 1.0]
    assert rows[0]["train_articles"] < rows[1]["train_articles"]
    for r in rows:
        assert 0.0 <= r["entities"] <= 1.0 and r["entities"] > 0
