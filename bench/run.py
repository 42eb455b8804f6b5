"""The benchmark suite: one table of figures, each ratio measured in this same run.

    .venv/bin/python bench/run.py [--quick] [--json FILE] [--articles N]

- ingest: ``kg build`` against bare ``nlp.pipe`` over the same real articles (same model,
  one process), articles/s and words/s; ``--workers 2`` against 1;
- store: a store of synthetic articles (``bench/corpus.py``: distinct people,
  organisations, events; about 440 triples each), its load and Turtle export;
- every named query, median of 5 runs, on that Oxigraph store and on rdflib's in-memory
  graph of the same triples (each rdflib run in a child process stopped at 60 s);
- adding one real article to the store (its own extraction time given apart);
- analysis (PageRank, communities) and the view on the store's projection;
- peak RSS of this process.

``--quick`` (about a minute): 15 real articles, 300 synthetic ones. Prints figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus

from kg import analyse, collection
from kg import store as store_mod
from kg.articles import read_articles
from kg.build import build_articles
from kg.draw import draw
from kg.export import export
from kg.extract import extract, load_lexicon, load_models, load_pipeline
from kg.query import bindings_for, named_queries
from kg.rdf import to_graph
from kg.resolve import Resolver
from kg.sparql import bind

ROOT = Path(__file__).resolve().parent.parent
REAL = [
    ROOT / "data" / "articles",
    ROOT / "data" / "dev" / "articles",
    ROOT / "data" / "train" / "articles",
]


def timed(f, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN201
    t = time.perf_counter()
    out = f(*a, **k)
    return time.perf_counter() - t, out


def ingest(quick: bool) -> dict:
    arts = list(read_articles(REAL[:2] if quick else REAL))
    texts = [a.text for a in arts]
    nlp = load_pipeline()
    load_lexicon()
    load_models()
    nlp(texts[0])  # warm
    pipe_s, _ = timed(lambda: list(nlp.pipe(texts)))
    with store_mod.open("memory:") as st:
        build_s, _ = timed(build_articles, arts, st)
    with store_mod.open("memory:") as st:
        w2_s, _ = timed(build_articles, arts, st, workers=2)
    words = sum(len(t.split()) for t in texts)
    return {
        "articles": len(arts),
        "words": words,
        "nlp_pipe_s": pipe_s,
        "build_s": build_s,
        "build_vs_nlp_pipe": build_s / pipe_s,
        "articles_per_s": len(arts) / build_s,
        "words_per_s": words / build_s,
        "workers2_s": w2_s,
        "workers2_speedup": build_s / w2_s,
    }


def synthetic_store(n: int, path: Path) -> tuple[store_mod.Store, float]:
    st = store_mod.open(f"oxigraph:{path}")
    r = Resolver()
    t = time.perf_counter()
    for x in corpus(n):
        iris = r.resolve(x)
        st.put_article(x.article.id, to_graph(x, iris, {i: r.label(i) for i in iris.values()}))
    return st, time.perf_counter() - t


PARAMS = {
    "positions": {"person": "<https://w3id.org/kg/id/person/{p}>"},
    "participants": {"event": "<{e}>"},
    "events-of": {"actor": "Vietnam"},
    "commitments-by": {"actor": "Vietnam"},
    "commitments-toward": {"partner": "Japon"},
    "co-participation": {"min": "3"},
    "initiatives": {},
    "profile": {"entity": "<{e}>"},
    "provenance": {"subject": "Vietnam", "object": "<{e}>"},
    "timeline": {"actor": "Vietnam"},
    "mentions": {"entity": "<{e}>"},
    "ministers-at-events": {},
}


def _rdflib_run(graph, text: str, conn) -> None:  # noqa: ANN001
    t = time.perf_counter()
    rows = len(list(graph.query(text)))
    conn.send((time.perf_counter() - t, rows))


def queries(st: store_mod.Store, rdflib_cap: float) -> list[dict]:
    event = st.query(
        "SELECT ?e WHERE { ?e a <https://w3id.org/kg/ontology#Event> } ORDER BY ?e LIMIT 1"
    ).rows[0][0]
    person = st.query(
        "SELECT ?p WHERE { ?p a <https://w3id.org/kg/ontology#Person> } ORDER BY ?p LIMIT 1"
    ).rows[0][0]
    g = st.union_graph()
    ctx = mp.get_context("fork")
    out = []
    for name, nq in named_queries().items():
        raw = {
            k: v.format(e=event, p=str(person).rsplit("/", 1)[-1])
            for k, v in PARAMS.get(name, {}).items()
        }
        raw = {k: (f"<{person}>" if "person/" in v else v) for k, v in raw.items()}
        bound = bindings_for(st, nq, raw)
        text = bind(nq.text, bound)
        times = []
        rows = 0
        for _ in range(5):
            t = time.perf_counter()
            rows = len(st.query(text).rows)
            times.append(time.perf_counter() - t)
        ox_ms = statistics.median(times) * 1000
        a, b = ctx.Pipe()
        p = ctx.Process(target=_rdflib_run, args=(g, text, b))
        p.start()
        p.join(rdflib_cap)
        if p.is_alive():
            p.kill()
            p.join()
            rd_ms, note = rdflib_cap * 1000, f">{rdflib_cap:.0f} s"
        else:
            rd_s, _ = a.recv()
            rd_ms, note = rd_s * 1000, ""
        out.append(
            {
                "query": name,
                "rows": rows,
                "oxigraph_ms": ox_ms,
                "rdflib_ms": rd_ms,
                "speedup": rd_ms / max(ox_ms, 1e-3),
                "note": note,
            }
        )
    return out


def report(fig: dict) -> None:
    i, s, q = fig["ingest"], fig["store"], fig["queries"]
    print(
        f"ingest: {i['articles']} real articles, {i['words']} words: "
        f"nlp.pipe {i['nlp_pipe_s']:.2f} s, kg build {i['build_s']:.2f} s "
        f"= {i['build_vs_nlp_pipe']:.2f}x; {i['articles_per_s']:.1f} art/s, "
        f"{i['words_per_s']:.0f} words/s; --workers 2 {i['workers2_s']:.2f} s "
        f"= {i['workers2_speedup']:.2f}x"
    )
    print(
        f"store: {s['articles']} synthetic articles, {s['triples']} triples, "
        f"loaded in {s['load_s']:.1f} s; Turtle export {s['export_ttl_s']:.2f} s "
        f"({s['export_1m_s']:.2f} s per million triples)"
    )
    print(f"{'query':<22}{'rows':>7}{'oxigraph ms':>13}{'rdflib ms':>12}{'speedup':>9}")
    for r in q:
        print(
            f"{r['query']:<22}{r['rows']:>7}{r['oxigraph_ms']:>13.1f}{r['rdflib_ms']:>12.0f}"
            f"{r['speedup']:>9.1f} {r['note']}"
        )
    a, an = fig["add"], fig["analysis"]
    print(
        f"add one article to {a['store_articles']}: {a['add_one_s']:.2f} s "
        f"(its extraction alone {a['its_extraction_s']:.2f} s)"
    )
    print(
        f"analysis on {an['nodes']} nodes / {an['edges']} edges: read {an['read_s']:.2f} s, "
        f"PageRank {an['pagerank_s']:.2f} s, communities {an['communities_s']:.2f} s, "
        f"view {an['view_s']:.2f} s"
    )
    print(f"peak RSS {fig['peak_rss_gib']:.2f} GiB")
    print("summary:", json.dumps({k: round(v, 3) for k, v in fig["summary"].items()}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--articles", type=int, default=None, help="synthetic articles in the store")
    args = ap.parse_args()
    n = args.articles or (300 if args.quick else 2400)
    fig: dict = {"mode": "quick" if args.quick else "full"}
    fig["ingest"] = ingest(args.quick)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        st, load_s = synthetic_store(n, Path(tmp) / "store")
        triples = len(st)
        export_s, ttl = timed(export, st, "ttl")
        fig["store"] = {
            "articles": n,
            "triples": triples,
            "load_s": load_s,
            "export_ttl_s": export_s,
            "export_1m_s": export_s * 1_000_000 / triples,
            "ttl_mb": len(ttl) / 1e6,
        }
        del ttl
        fig["queries"] = queries(st, 60.0)
        one = Path(tmp) / "one.txt"
        (one).write_text(
            (ROOT / "data" / "articles" / "001_674f567e8a87d31f.txt").read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        (art,) = read_articles([one])
        ext_s, _ = timed(extract, art, load_pipeline(), load_lexicon())
        add_s, _ = timed(collection.add, [one], st)
        fig["add"] = {"add_one_s": add_s, "its_extraction_s": ext_s, "store_articles": n}
        read_s, data = timed(analyse.read_graph, st)
        g = analyse.project(data, "full")
        pr_s, _ = timed(analyse.score, g, "pagerank")
        cm_s, _ = timed(analyse.communities, g)
        view_s, _ = timed(draw, st, Path(tmp) / "view.html")
        fig["analysis"] = {
            "nodes": len(g),
            "edges": g.number_of_edges(),
            "read_s": read_s,
            "pagerank_s": pr_s,
            "communities_s": cm_s,
            "view_s": view_s,
        }
        st.close()
    fig["peak_rss_gib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    q = fig["queries"]
    summary = {
        "build_vs_nlp_pipe": fig["ingest"]["build_vs_nlp_pipe"],
        "workers2_speedup": fig["ingest"]["workers2_speedup"],
        "query_median_ms_max": max(r["oxigraph_ms"] for r in q),
        "query_speedup_vs_rdflib_min": min(r["speedup"] for r in q),
        "export_1m_s": fig["store"]["export_1m_s"],
        "add_one_s": fig["add"]["add_one_s"],
        "peak_rss_gib": fig["peak_rss_gib"],
    }
    fig["summary"] = summary
    report(fig)
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
