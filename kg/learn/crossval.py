"""``kg evaluate --cv K``: train on K−1 folds of articles, score the fold left out.

Everything learned from gold files is fitted on the training folds only; the held-out
articles are then built with exactly the pipeline of ``kg build`` (into an in-memory
store, read back from the RDF graph) and scored by the guide's rules. The figure is
what kg reaches on articles it has not learned from.
"""

from __future__ import annotations

import random
from pathlib import Path

from kg.evaluate import Evaluation, predictions, score


def folds(names: list[str], k: int, seed: int = 0) -> list[list[int]]:
    """``k`` folds of article indices, shuffled with ``seed`` (the same every run).

    >>> folds(["a", "b", "c", "d", "e"], 2)
    [[0, 1, 3], [2, 4]]
    """
    order = sorted(range(len(names)), key=lambda i: names[i])
    random.Random(seed).shuffle(order)  # noqa: S311 (folds, not secrets)
    return [sorted(order[f::k]) for f in range(k)]


def cross_validate(
    root: Path | str = "data", k: int = 5, seed: int = 0, c: dict[str, float] | None = None
) -> Evaluation:
    """Cross-validated predictions and scores over every annotated article under ``root``."""
    from kg import store as store_mod
    from kg.build import build_articles
    from kg.extract import load_lexicon, load_pipeline
    from kg.learn.dataset import corpus, examples
    from kg.learn.train import fit_all

    if k < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    nlp, lexicon = load_pipeline(), load_lexicon()
    items = corpus(Path(root))
    if len(items) < k:
        raise ValueError(f"{len(items)} annotated articles cannot make {k} folds")
    data = [examples(item, nlp, lexicon) for item in items]
    golds, preds, texts = [], [], {}
    for held in folds([i.gold_path.stem for i in items], k, seed):
        held_set = set(held)
        models = fit_all([d for i, d in enumerate(data) if i not in held_set], c)
        with store_mod.open("memory:") as st:
            build_articles([items[i].article for i in held], st, models=models)
            for i in held:
                golds.append(items[i].gold)
                texts[items[i].gold.article] = items[i].article.text
                preds.append(predictions(st, items[i].article.id, items[i].gold.article))
    ev = Evaluation(score(golds, preds), preds, golds, texts)
    ev.scores["folds"] = k
    ev.scores["candidate_recall"] = candidate_recall(data)
    return ev


def learning_curve(
    root: Path | str = "data",
    k: int = 5,
    seed: int = 0,
    fractions: tuple[float, ...] = (0.125, 0.25, 0.5, 0.75, 1.0),
) -> list[dict[str, float]]:
    """Cross-validated micro-F1 when the models learn from only a share of each training
    fold: how much more annotated text would buy. The held-out folds are the same for
    every share, and the share kept is drawn with a fixed seed, so rows compare."""
    from kg import store as store_mod
    from kg.build import build_articles
    from kg.extract import load_lexicon, load_pipeline
    from kg.learn.dataset import corpus, examples
    from kg.learn.train import fit_all

    nlp, lexicon = load_pipeline(), load_lexicon()
    items = corpus(Path(root))
    data = [examples(item, nlp, lexicon) for item in items]
    draws = folds([i.gold_path.stem for i in items], k, seed)
    rows = []
    for frac in fractions:
        golds, preds, sizes = [], [], []
        for held in draws:
            held_set = set(held)
            train = [i for i in range(len(items)) if i not in held_set]
            random.Random(seed + 7).shuffle(train)  # noqa: S311 (a sample, not a secret)
            train = sorted(train[: max(2, round(len(train) * frac))])
            sizes.append(len(train))
            models = fit_all([data[i] for i in train])
            with store_mod.open("memory:") as st:
                build_articles([items[i].article for i in held], st, models=models)
                for i in held:
                    golds.append(items[i].gold)
                    preds.append(predictions(st, items[i].article.id, items[i].gold.article))
        s = score(golds, preds)
        row = {"fraction": frac, "train_articles": sum(sizes) / len(sizes)}
        for kind in ("entities", "relations", "commitments"):
            row[kind] = s[kind]["micro"]["f1"]
        rows.append(row)
    return rows


def candidate_recall(data: list) -> dict[str, float]:
    """The share of gold items some candidate covers: the bound on every later decision."""
    out = {}
    for kind in ("entities", "relations", "commitments"):
        gold = sum(d.gold_items[kind] for d in data)
        covered = sum(d.covered[kind] for d in data)
        out[kind] = round(covered / gold, 4) if gold else 0.0
    return out
