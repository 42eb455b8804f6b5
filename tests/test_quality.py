"""In-sample extraction quality on the seed and dev sets (the shipped models were trained
on them): a guard that training and the pipeline still fit the data. What kg reaches on
articles it has not seen is checked by cross-validation, in test_learn."""

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
