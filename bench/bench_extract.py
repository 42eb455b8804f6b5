"""What extraction costs beyond spaCy: ``kg build`` against bare ``nlp.pipe``, with the
learned models and with the rules alone, over the same texts in one process.

Prints figures; asserts nothing.

    .venv/bin/python bench/bench_extract.py [--articles DIR ...] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg import store as store_mod
from kg.articles import read_articles
from kg.build import build_articles
from kg.extract import load_pipeline
from kg.extract.learned import load_models

ROOT = Path(__file__).resolve().parent.parent


def best_of(repeat: int, fn: object) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--articles",
        nargs="+",
        default=[str(ROOT / "data" / "articles"), str(ROOT / "data" / "dev" / "articles")],
    )
    args = ap.parse_args()
    nlp = load_pipeline()
    load_models()
    articles = list(read_articles(args.articles))
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    def pipe() -> None:
        for _ in nlp.pipe(texts):
            pass

    def build(models: object) -> None:
        with store_mod.open("memory:") as st:
            build_articles(articles, st, models=models)  # type: ignore[arg-type]

    pipe()  # warm up
    t_pipe = best_of(args.repeat, pipe)
    t_models = best_of(args.repeat, lambda: build(None))
    t_rules = best_of(args.repeat, lambda: build(False))
    print(f"articles: {len(articles)}, words: {words}")
    print(f"nlp.pipe alone:          {t_pipe:6.2f} s")
    print(f"kg build, rules + models: {t_models:6.2f} s  ({t_models / t_pipe:.2f}x nlp.pipe)")
    print(f"kg build, rules alone:    {t_rules:6.2f} s  ({t_rules / t_pipe:.2f}x nlp.pipe)")
    extra_models, extra_rules = t_models - t_pipe, t_rules - t_pipe
    if extra_rules > 0:
        print(
            f"cost beyond spaCy: models {extra_models:.2f} s vs rules {extra_rules:.2f} s "
            f"({extra_models / extra_rules:.2f}x)"
        )
    print(
        f"throughput with models: {len(articles) / t_models:.1f} articles/s, "
        f"{words / t_models:.0f} words/s"
    )


if __name__ == "__main__":
    main()
