"""Interactive HTML views of the graph, built with pyvis and vis-network.

pyvis builds the network (nodes, edges, options); the page is rendered from kg's own
template because pyvis's stock one loads Bootstrap from a CDN and turns string tooltips
into HTML. Here every script is inlined (the page opens with no network), a Content
Security Policy forbids any remote load, text from articles reaches the page only as JSON
data read with ``JSON.parse`` and shown through ``textContent``/``innerText``, and the
JSON is escaped so that ``</script>`` in a sentence cannot close the data block.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from kg.export import write_atomic
from kg.model import EntityType, Predicate
from kg.namespace import KG
from kg.store import Store

COLOURS = {
    "Person": "#e15759",
    "Organisation": "#4e79a7",
    "Country": "#f28e2b",
    "Place": "#59a14f",
    "Event": "#b07aa1",
    "Initiative": "#edc948",
}
SHAPES = {
    "Person": "dot",
    "Organisation": "square",
    "Country": "diamond",
    "Place": "triangle",
    "Event": "star",
    "Initiative": "hexagon",
}
_TYPE_OF = {str(KG[t.value]): t.value for t in EntityType}
_PRED_OF = {str(KG[p.value]): p.value for p in Predicate}


@dataclass
class ViewGraph:
    """Nodes and edges of a view, as plain data (what the page shows)."""

    nodes: dict[str, dict]
    edges: list[dict]


def view_graph(store: Store) -> ViewGraph:
    """Entities and the relations between them, with evidence for every edge."""
    classes = " ".join(KG[t.value].n3() for t in EntityType)
    res = store.query(f"""
        SELECT ?e ?cls ?label (COUNT(DISTINCT ?m) AS ?mentions) (COUNT(DISTINCT ?a) AS ?articles)
        WHERE {{
          VALUES ?cls {{ {classes} }}
          ?e a ?cls ; <http://www.w3.org/2000/01/rdf-schema#label> ?label .
          ?m {KG.mentionOf.n3()} ?e ; {KG.inArticle.n3()} ?a .
        }} GROUP BY ?e ?cls ?label""")
    nodes: dict[str, dict] = {}
    for e, cls, label, mentions, articles in res.rows:
        key = str(e)
        if key in nodes:
            continue
        nodes[key] = {
            "id": key,
            "label": str(label),
            "type": _TYPE_OF[str(cls)],
            "mentions": int(mentions),
            "articles": int(articles),
        }
    preds = " ".join(KG[p.value].n3() for p in Predicate)
    res = store.query(f"""
        SELECT ?s ?p ?o ?text ?art WHERE {{
          VALUES ?p {{ {preds} }}
          ?x a {KG.Assertion.n3()} ;
             <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
             <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ;
             <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o ;
             {KG.evidence.n3()} ?sent ; {KG.inArticle.n3()} ?a .
          ?sent {KG.text.n3()} ?text . ?a {KG.identifier.n3()} ?art .
        }}""")
    evidence: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for s, p, o, text, art in res.rows:
        if str(s) in nodes and str(o) in nodes:
            evidence[(str(s), _PRED_OF[str(p)], str(o))].append(f"[{art}] {text}")
    edges = [
        {"from": s, "to": o, "predicate": p, "evidence": ev}
        for (s, p, o), ev in sorted(evidence.items())
    ]
    return ViewGraph(nodes, edges)


def _json_for_html(obj: object) -> str:
    """JSON that is safe inside a <script> element."""
    return (
        json.dumps(obj, ensure_ascii=False)
        .replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (
        (lib / "vis-network.min.js").read_text(encoding="utf-8"),
        (lib / "vis-network.css").read_text(encoding="utf-8"),
    )


def render(view: ViewGraph, title: str = "kg network") -> str:
    """The HTML page of a view."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for n in view.nodes.values():
        heading = f"{n['label']} ({n['type']})"
        net.add_node(
            n["id"],
            label=n["label"],
            title=f"{heading}\n{n['mentions']} mentions in {n['articles']} article(s)",
            color=COLOURS[n["type"]],
            shape=SHAPES[n["type"]],
            size=10 + min(30, 3 * n["mentions"]),
            group=n["type"],
            heading=heading,
        )
    for e in view.edges:
        text = "\n\n".join(e["evidence"][:5])
        net.add_edge(
            e["from"],
            e["to"],
            label=e["predicate"],
            title=text,
            heading=e["predicate"],
            arrows="to",
        )
    options = {
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "stabilization": {"iterations": 200},
        },
        "interaction": {"hover": True, "tooltipDelay": 150},
        "edges": {"font": {"size": 9, "align": "middle"}, "smooth": False},
        "nodes": {"font": {"size": 12}},
    }
    counts = Counter(n["type"] for n in view.nodes.values())
    legend = [{"label": t, "color": c, "count": counts.get(t, 0)} for t, c in COLOURS.items()]
    js, css = _vis_assets()
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html"]),
    )
    template = env.get_template("graph.html")
    return template.render(
        title=title,
        summary=f"{len(view.nodes)} entities, {len(view.edges)} relations",
        legend=legend,
        vis_js=_raw(js.replace("</script", "<\\/script")),
        vis_css=_raw(css.replace("</style", "<\\/style")),
        data_json=_raw(
            _json_for_html({"nodes": net.nodes, "edges": net.edges, "options": options})
        ),
    )


def _raw(text: str) -> object:
    """Mark text as safe for the template. Only for the packaged vis-network assets and
    for JSON already escaped by ``_json_for_html``: never for text from articles."""
    from markupsafe import Markup

    return Markup(text)  # noqa: S704 (see docstring: no article text reaches here unescaped)


def draw(store: Store, out: Path | str, title: str = "kg network") -> Path:
    """Write the HTML view of the whole graph to ``out``."""
    html = render(view_graph(store), title)
    return write_atomic(out, html.encode("utf-8"))
