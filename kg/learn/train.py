"""``kg train``: fit the four models on labelled examples and write them as JSON weights.

scikit-learn's logistic regression (lbfgs, a fixed number of iterations, no random
state involved) is deterministic: the same examples give the same weights, and so the same
files, byte for byte.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.extract.learned import DECISIONS, MODEL_DIR, LinearModel, Models

if TYPE_CHECKING:
    from kg.learn.dataset import ArticleExamples, Example

# Inverse regularisation strength per decision, chosen by 5-fold cross-validation over
# articles (see kg/models/README.md).
C = {"entities": 0.15, "relations": 0.3, "sentences": 0.3, "commitments": 0.3, "kinds": 0.5}
THRESHOLDS = {
    "entities": 0.3,
    "relations": 0.2,
    "sentences": 0.0,  # the sentence model's probability multiplies the actor model's
    "commitments": 0.3,
    "kinds": 0.0,
}
MIN_COUNT = 2  # a feature seen once teaches nothing that carries over, and costs space
MAX_ITER = 3000
MIN_WEIGHT = 1e-3


def fit(examples: list[Example], c: float, threshold: float = 0.5) -> LinearModel:
    """A multinomial logistic regression over sparse features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(k for f, _ in examples for k in f)
    feats = [{k: v for k, v in f.items() if seen[k] >= MIN_COUNT} for f, _ in examples]
    labels = [y for _, y in examples]
    classes = sorted(set(labels))
    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform(feats)
    if len(classes) == 1:
        return LinearModel(tuple(classes), {}, (0.0,))
    lr = LogisticRegression(C=c, max_iter=MAX_ITER, tol=1e-5)
    lr.fit(x, labels)
    names = vec.get_feature_names_out()
    model_classes = tuple(str(k) for k in lr.classes_)
    coef = lr.coef_
    bias = lr.intercept_
    if len(model_classes) == 2:  # one column: the score of the second class against the first
        weights = {
            str(n): (0.0, float(coef[0, j]))
            for j, n in enumerate(names)
            if abs(coef[0, j]) >= MIN_WEIGHT
        }
        return LinearModel(model_classes, weights, (0.0, float(bias[0])), threshold)
    weights = {}
    for j, n in enumerate(names):
        col = coef[:, j]
        if max(abs(col)) >= MIN_WEIGHT:
            weights[str(n)] = tuple(float(v) for v in col)
    return LinearModel(model_classes, weights, tuple(float(b) for b in bias), threshold)


def fit_all(
    data: list[ArticleExamples],
    c: dict[str, float] | None = None,
    thresholds: dict[str, float] | None = None,
) -> Models:
    c = {**C, **(c or {})}
    t = {**THRESHOLDS, **(thresholds or {})}
    return Models(
        **{
            name: fit([x for a in data for x in getattr(a, name)], c[name], t[name])
            for name in DECISIONS
        }
    )


@dataclass
class TrainReport:
    articles: int
    examples: dict[str, int]
    files: list[Path]
    seconds: float


def collect(root: Path, nlp: object = None, lexicon: object = None) -> list[ArticleExamples]:
    """The labelled examples of every annotated article under ``root``."""
    from kg.extract import load_lexicon, load_pipeline
    from kg.learn.dataset import corpus, examples

    nlp = nlp or load_pipeline()
    lexicon = lexicon or load_lexicon()
    return [examples(item, nlp, lexicon) for item in corpus(root)]


def train(root: Path | str = "data", out: Path | str = MODEL_DIR) -> TrainReport:
    """Retrain every model from the gold files under ``root`` and write them to ``out``."""
    t0 = time.perf_counter()
    data = collect(Path(root))
    models = fit_all(data)
    files = models.save(Path(out))
    counts = {k: sum(len(getattr(a, k)) for a in data) for k in DECISIONS}
    meta = Path(out) / "training.json"
    meta.write_text(
        json.dumps(
            {"articles": sorted(a.name for a in data), "examples": counts, "C": C},
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    return TrainReport(len(data), counts, [*files, meta], time.perf_counter() - t0)
