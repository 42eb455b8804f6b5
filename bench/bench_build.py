"""Build throughput and peak memory: the seed articles, built N times into a fresh store.

Prints figures; asserts nothing (speed targets are read from here, not from tests).

    .venv/bin/python bench/bench_build.py [--repeat 3] [--store memory:]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from kg import store as store_mod
from kg.articles import read_articles
from kg.build import build_articles
from kg.extract import load_pipeline

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--articles", default=str(ROOT / "data" / "articles"))
    args = ap.parse_args()

    t0 = time.perf_counter()
    load_pipeline()
    load_s = time.perf_counter() - t0
    articles = list(read_articles([args.articles]))
    chars = sum(len(a.text) for a in articles)
    times = []
    for _ in range(args.repeat):
        with store_mod.open("memory:") as st:
            t = time.perf_counter()
            build_articles(articles, st)
            times.append(time.perf_counter() - t)
            triples = len(st)
    best = min(times)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model load: {load_s:.2f} s")
    print(f"articles: {len(articles)} ({chars} characters), triples: {triples}")
    print(
        f"build: best {best:.2f} s of {args.repeat} "
        f"({len(articles) / best:.1f} articles/s, {chars / best / 1000:.1f} k chars/s)"
    )
    print(f"peak RSS: {peak_mb:.0f} MiB")


if __name__ == "__main__":
    main()
