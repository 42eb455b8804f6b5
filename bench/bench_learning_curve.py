"""Learning curve: 5-fold cross-validated micro-F1 when the models learn from a share of
each training fold (same held-out folds for every share).

Prints figures; asserts nothing. Reads how much more annotated text would buy: the gain
per doubling of the training articles, and where that trend would reach a target.

    .venv/bin/python bench/bench_learning_curve.py [--seed 0]
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

from kg.learn.crossval import learning_curve

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("entities", "relations", "commitments")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    t = time.perf_counter()
    rows = learning_curve(ROOT / "data", args.folds, args.seed)
    print(f"{'share':>6} {'train art.':>10} " + " ".join(f"{k:>12}" for k in KINDS))
    for r in rows:
        print(
            f"{r['fraction']:>6.3f} {r['train_articles']:>10.1f} "
            + " ".join(f"{r[k]:>12.4f}" for k in KINDS)
        )
    # Gain per doubling, fitted by least squares on log2(articles) over the shares >= 1/4.
    pts = [r for r in rows if r["fraction"] >= 0.25]
    xs = [math.log2(r["train_articles"]) for r in pts]
    mx = sum(xs) / len(xs)
    for k in KINDS:
        ys = [r[k] for r in pts]
        my = sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs
        )
        print(f"{k}: +{slope:.4f} F1 per doubling of the training articles")
    print(f"wall time {time.perf_counter() - t:.0f} s")


if __name__ == "__main__":
    main()
