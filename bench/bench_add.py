"""Adding one article to a store of N articles (default 1,000), against rebuilding all.

The store is made from the annotated corpus (142 real articles), each copy given its
own URL so that it is its own article: N articles built once, then one new article
added with ``kg add``'s function, then the same one removed. Prints figures; asserts
nothing. The rebuild figure is the time to build the N articles into a fresh store.

    .venv/bin/python bench/bench_add.py [--articles 1000] [--store oxigraph:/tmp/kg-bench]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from kg import collection
from kg import store as store_mod
from kg.articles import article_id, read_articles
from kg.build import build_articles
from kg.extract import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [
    ROOT / "data" / "articles",
    ROOT / "data" / "dev" / "articles",
    ROOT / "data" / "train" / "articles",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=1000)
    args = ap.parse_args()
    load_pipeline()
    base = list(read_articles(CORPUS))
    copies = []
    for i in range(args.articles):
        a = base[i % len(base)]
        url = f"https://bench.example/{i}"
        copies.append(replace(a, url=url, id=article_id(url, a.text), source_file=f"bench/{i}.txt"))
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        with store_mod.open(f"oxigraph:{tmp / 'store'}") as st:
            t = time.perf_counter()
            build_articles(copies, st)
            rebuild = time.perf_counter() - t
            triples = len(st)
            new = tmp / "new.txt"
            new.write_text(base[7].text, encoding="utf-8")
            before = set(st.quads())
            t = time.perf_counter()
            report = collection.add([new], st)
            add_s = time.perf_counter() - t
            t = time.perf_counter()
            collection.add([new], st)
            unchanged_s = time.perf_counter() - t
            t = time.perf_counter()
            collection.remove([report.articles[0]], st)
            remove_s = time.perf_counter() - t
            same = set(st.quads()) == before
        print(f"store: {args.articles} articles, {triples} triples (Oxigraph on disk)")
        print(f"rebuild all {args.articles}: {rebuild:.1f} s")
        print(f"add one new article: {add_s:.2f} s ({add_s / rebuild:.2%} of the rebuild)")
        print(f"add it again (unchanged, skipped): {unchanged_s:.2f} s")
        print(f"remove it: {remove_s:.2f} s; store afterwards identical to before: {same}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
