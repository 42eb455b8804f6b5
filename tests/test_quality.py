"""Extraction quality on the development set: the thresholds of issue #3, on each set."""

import pytest

from kg.evaluate import evaluate

from .conftest import DEV_GOLD, SEED_GOLD

THRESHOLDS = {"entities": 0.85, "relations": 0.65, "commitments": 0.65}


@pytest.mark.slow
@pytest.mark.parametrize("gold_dir", [SEED_GOLD, DEV_GOLD], ids=["seeds", "dev"])
def test_f1_at_or_above_thresholds(gold_dir, nlp):
    scores = evaluate(gold_dir).scores
    below = {
        part: scores[part]["micro"]["f1"]
        for part, floor in THRESHOLDS.items()
        if scores[part]["micro"]["f1"] < floor
    }
    assert below == {}, f"below threshold on {gold_dir.name}: {below}"
