"""How fast a large view is written and becomes interactive.

Builds a synthetic graph of N entities (default 5,000) with about two stated relations
each, as kg would store it (mentions, assertions with evidence, one named graph per
article), then measures:

* write: ``kg.draw.draw`` from the store to an HTML file (read, project, lay out, render);
* interactive: in headless Chromium (Debian's chromium and chromedriver), from the start
  of navigation to vis-network's first drawing, when the page answers clicks.

Prints figures; the targets (under 5 s each for 5,000 nodes) are read from here.

    .venv/bin/python bench/bench_view.py [--nodes 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import store as store_mod  # noqa: E402
from kg.draw import draw  # noqa: E402
from kg.namespace import ID, KG, article_iri  # noqa: E402

TYPES = ["Person", "Organisation", "Country", "Place", "Event", "Initiative"]
PREDICATES = [
    ("Person", "Organisation", "holdsRole"),
    ("Person", "Event", "participatesIn"),
    ("Organisation", "Event", "organises"),
    ("Event", "Place", "locatedIn"),
    ("Country", "Initiative", "leads"),
    ("Organisation", "Country", "partnerOf"),
    ("Country", "Event", "participatesIn"),
    ("Place", "Country", "locatedIn"),
    ("Initiative", "Event", "partOf"),
    ("Event", "Event", "partOf"),
]


def synthetic_store(n: int, articles: int = 50, seed: int = 7) -> store_mod.Store:
    rng = random.Random(seed)
    st = store_mod.open("memory:")
    nodes = [(ID[f"bench/{TYPES[i % 6].lower()}/{i}"], TYPES[i % 6]) for i in range(n)]
    by_type = {t: [iri for iri, tt in nodes if tt == t] for t in TYPES}
    graphs = [Graph() for _ in range(articles)]
    for a, g in enumerate(graphs):
        art = article_iri(f"bench-{a}")
        g.add((art, RDF.type, KG.Article))
        g.add((art, KG.identifier, Literal(f"bench-{a}")))
        g.add((art, KG.sourceFile, Literal(f"bench-{a}.txt")))
    for i, (iri, t) in enumerate(nodes):
        a = i % articles
        g, art = graphs[a], article_iri(f"bench-{a}")
        g.add((iri, RDF.type, KG[t]))
        g.add((iri, RDFS.label, Literal(f"{t} {i}")))
        sent = ID[f"sentence/bench-{a}/{i}"]
        g.add((sent, RDF.type, KG.Sentence))
        g.add((sent, KG.text, Literal(f"Sentence {i} mentions {t} {i}.")))
        g.add((sent, KG.inArticle, art))
        g.add((sent, KG.beginIndex, Literal(i * 40, datatype=XSD.integer)))
        g.add((sent, KG.endIndex, Literal(i * 40 + 30, datatype=XSD.integer)))
        m = ID[f"mention/bench-{a}/{i}"]
        for p, o in (
            (RDF.type, KG.Mention),
            (KG.mentionOf, iri),
            (KG.inArticle, art),
            (KG.inSentence, sent),
            (KG.anchor, Literal(f"{t} {i}")),
            (KG.beginIndex, Literal(i * 40, datatype=XSD.integer)),
            (KG.endIndex, Literal(i * 40 + 5, datatype=XSD.integer)),
        ):
            g.add((m, p, o))
        options = [(ot, pred) for st_, ot, pred in PREDICATES if st_ == t]
        for _ in range(2):
            ot, pred = rng.choice(options)
            target = rng.choice(by_type[ot])
            g.add((iri, KG[pred], target))
            x = ID[f"assertion/bench-{a}/{i}-{pred}-{rng.random():.6f}"]
            for p, o in (
                (RDF.type, KG.Assertion),
                (RDF.subject, iri),
                (RDF.predicate, KG[pred]),
                (RDF.object, target),
                (KG.evidence, sent),
                (KG.inArticle, art),
            ):
                g.add((x, p, o))
    for a, g in enumerate(graphs):
        st.put_article(f"bench-{a}", g)
    return st


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    t = time.perf_counter()
    st = synthetic_store(args.nodes)
    print(
        f"synthetic store: {args.nodes} entities, {len(st)} quads "
        f"(built in {time.perf_counter() - t:.1f} s)"
    )
    out = Path(tempfile.mkdtemp(prefix="kg-bench-")) / "view.html"
    writes = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        draw(st, out)
        writes.append(time.perf_counter() - t)
    print(
        f"write: best {min(writes):.2f} s, worst {max(writes):.2f} s of {args.repeat} "
        f"({out.stat().st_size / 1e6:.1f} MB page)"
    )

    from tests import browser

    if not browser.available():
        print("interactive: not measured (Debian chromium and chromium-driver not installed)")
        return
    driver = browser.start()
    try:
        times = []
        for _ in range(args.repeat):
            driver.get("about:blank")
            driver.get(out.resolve().as_uri())
            browser.wait_ready(driver, timeout=120)
            ready_ms = driver.execute_script("return window.kgReadyAt")
            drawn = driver.execute_script("return window.kgNetwork.body.data.nodes.length")
            links = driver.execute_script("return window.kgNetwork.body.data.edges.length")
            times.append(ready_ms / 1000)
        print(
            f"interactive: best {min(times):.2f} s, worst {max(times):.2f} s of "
            f"{args.repeat} (navigation start to first drawing; {drawn} nodes and {links} links "
            "drawn)"
        )
        print(f"console errors: {len(browser.console_errors(driver))}")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
