"""Interactive HTML views of the graph, built with pyvis and vis-network.

pyvis builds the network (nodes, edges, options); the page is rendered from kg's own
template because pyvis's stock one loads Bootstrap from a CDN and turns string tooltips
into HTML. Here every script is inlined (the page opens with no network), a Content
Security Policy forbids any remote load, text from articles reaches the page only as JSON
data read with ``JSON.parse`` and shown through ``textContent``/``innerText``, and the
JSON is escaped so that ``</script>`` in a sentence cannot close the data block.

Small views let vis-network's physics settle the layout in the browser. Above
``LAYOUT_THRESHOLD`` nodes the layout is computed in Python (communities placed on a
spiral, their members around each centre) and physics is off, so that a view of
thousands of nodes opens at once; ``overview=True`` collapses each community to one node.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import analyse
from kg.export import write_atomic
from kg.store import Store

if TYPE_CHECKING:
    import networkx as nx

COLOURS = {
    "Person": "#e15759",
    "Organisation": "#4e79a7",
    "Country": "#f28e2b",
    "Place": "#59a14f",
    "Event": "#b07aa1",
    "Initiative": "#edc948",
    "Community": "#9c9c9c",
}
SHAPES = {
    "Person": "dot",
    "Organisation": "square",
    "Country": "diamond",
    "Place": "triangle",
    "Event": "star",
    "Initiative": "hexagon",
    "Community": "dot",
}
LAYOUT_THRESHOLD = 400
EDGE_LABEL_THRESHOLD = 1500
GOLDEN = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class ViewOptions:
    projection: str = analyse.Projection.FULL
    focus: str | None = None
    depth: int = 1
    types: frozenset[str] | None = None
    article: str | None = None
    min_weight: int = 1
    size_by: str = analyse.Measure.PAGERANK
    overview: bool = False
    title: str = "kg network"
    lang: str = "fr"


def build_view(store: Store, options: ViewOptions | None = None) -> nx.Graph:
    """The graph a view shows, after projection and filters."""
    import networkx as nx

    o = options or ViewOptions()
    from kg.errors import KgError
    from kg.labels import LANGS
    from kg.model import EntityType

    known = {t.value for t in EntityType}
    wrong = sorted(set(o.types or ()) - known)
    if wrong:
        raise KgError(f"unknown type {wrong[0]!r}: the types are {', '.join(sorted(known))}")
    if o.lang not in LANGS:
        raise KgError(f"unknown language {o.lang!r}: the views speak {', '.join(LANGS)}")
    if o.article and o.article not in store.article_ids():
        raise KgError(f"no stored article {o.article!r} (kg articles lists them)")
    data = analyse.read_graph(store, o.article)
    g = analyse.project(
        data, o.projection, types=set(o.types) if o.types else None, min_weight=o.min_weight
    )
    if o.focus:
        centre = analyse.resolve_node(g, o.focus)
        g = nx.ego_graph(g, centre, radius=o.depth, undirected=True)
    return g


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


def community_layout(
    g: nx.Graph, comms: list[set[str]], scale: float = 18.0
) -> dict[str, tuple[float, float]]:
    """Communities on a spiral, each one's members on a sunflower around its centre:
    linear time, deterministic, and clusters stay apart."""
    pos: dict[str, tuple[float, float]] = {}
    placed = 0.0
    for i, members in enumerate(comms):
        radius = scale * math.sqrt(len(members))
        dist = scale * 2.2 * math.sqrt(placed + len(members) / 2) if i else 0.0
        cx, cy = dist * math.cos(i * GOLDEN), dist * math.sin(i * GOLDEN)
        ordered = sorted(members, key=lambda n: (-g.degree(n), n))
        for j, n in enumerate(ordered):
            r = radius * math.sqrt((j + 0.5) / len(ordered))
            pos[n] = (cx + r * math.cos(j * GOLDEN), cy + r * math.sin(j * GOLDEN))
        placed += len(members)
    return pos


def overview_graph(g: nx.Graph, comms: list[set[str]]) -> nx.Graph:
    """Each community as one node (its best-known members as its label), and the
    relations between communities as weighted edges."""
    import networkx as nx

    groups, alone = analyse.split_singletons(comms)
    if alone:
        groups = [*groups, alone]
    member = {n: i for i, c in enumerate(groups) for n in c}
    o = nx.Graph()
    for i, c in enumerate(groups):
        if c is alone:
            o.add_node(
                f"community-{i}",
                label=f"unconnected ({len(c)} entities)",
                type="Community",
                mentions=sum(g.nodes[n].get("mentions", 0) for n in c),
                articles=0,
                article_names="",
                members=len(c),
            )
            continue
        top = sorted(c, key=lambda n: (-g.nodes[n].get("mentions", 0), n))[:3]
        names = [g.nodes[n].get("label", n) for n in top]
        o.add_node(
            f"community-{i}",
            label=" · ".join(names),
            type="Community",
            mentions=sum(g.nodes[n].get("mentions", 0) for n in c),
            articles=len(
                {a for n in c for a in g.nodes[n].get("article_names", "").split("\n") if a}
            ),
            article_names="",
            members=len(c),
        )
    for u, v, d in g.edges(data=True):
        a, b = member[u], member[v]
        if a == b:
            continue
        key = (f"community-{min(a, b)}", f"community-{max(a, b)}")
        if o.has_edge(*key):
            o.edges[key]["weight"] += d.get("weight", 1)
        else:
            o.add_edge(
                *key, weight=d.get("weight", 1), relation="relations", evidence="", articles=""
            )
    return o


def short_label(label: str, most: int = 36) -> str:
    """A name short enough to draw (the whole name is in the node's details): long event
    names would otherwise run off the canvas and over their neighbours.

    >>> short_label("Conférence internationale sur l'écosystème d'innovation « AI+ » 2025")
    'Conférence internationale sur …'
    """
    if len(label) <= most:
        return label
    return label[:most].rsplit(" ", 1)[0].rstrip(" ,;:–-") + " …"


def _node_title(n: str, d: dict[str, Any], g: nx.Graph, lang: str = "fr") -> str:
    from kg.labels import UI, type_name

    lines = [f"{d.get('label', n)} ({type_name(d.get('type', '?'), lang)})"]
    if d.get("type") == "Community":
        lines.append(f"{d.get('members', 0)} entities, {d.get('mentions', 0)} mentions")
        return "\n".join(lines)
    arts = [a for a in d.get("article_names", "").split("\n") if a]
    lines.append(
        f"{d.get('mentions', 0)} {UI[lang]['mentions']} {len(arts)} {UI[lang]['articles']}: "
        + "; ".join(arts[:5])
        + ("…" if len(arts) > 5 else "")
    )
    evidence = []
    for _, _, e in list(g.edges(n, data=True))[:2]:
        if e.get("evidence"):
            evidence.append(
                f"[{e.get('articles', '').split(chr(10))[0]}] " + e["evidence"].split("\n")[0]
            )
    if evidence:
        lines += ["", *evidence]
    return "\n".join(lines)


def render(g: nx.Graph, options: ViewOptions | None = None) -> str:
    """The HTML page of a view."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from pyvis.network import Network

    o = options or ViewOptions()
    big = len(g) > LAYOUT_THRESHOLD or o.overview
    comms = analyse.communities(g) if big and len(g) else []
    if o.overview and len(g):
        g = overview_graph(g, comms)
        comms = [{n} for n in g]
    sizes: dict[str, float] = {}
    if len(g):
        measure = "weighted-degree" if o.overview else o.size_by
        values = analyse.score(g, measure).values
        top = max(values.values()) or 1.0
        sizes = {n: 8 + 32 * (v / top) ** 0.5 for n, v in values.items()}
    pos = (
        community_layout(g, comms)
        if big and not o.overview
        else (community_layout(g, [set(g)], scale=60.0) if o.overview and len(g) else {})
    )
    from kg.labels import UI, relation, type_name

    lang = o.lang
    centre = analyse.resolve_node(g, o.focus) if o.focus and not o.overview and len(g) else None
    net = Network(height="100%", width="100%", directed=g.is_directed(), cdn_resources="in_line")
    for n, d in g.nodes(data=True):
        t = d.get("type", "?")
        heading = f"{d.get('label', n)} ({type_name(t, lang)})"
        extra: dict[str, Any] = {}
        if n in pos:
            extra = {"x": round(pos[n][0], 1), "y": round(pos[n][1], 1), "physics": False}
        if n == centre:  # the focus of the view stands out
            extra.update(borderWidth=5, kgFocus=True)
        colour = COLOURS.get(t, "#999999")
        net.add_node(
            n,
            label=short_label(d.get("label", n)),
            kgName=d.get("label", n),
            title=_node_title(n, d, g, lang),
            color={"background": colour, "border": "#111111" if n == centre else colour},
            shape=SHAPES.get(t, "dot"),
            value=round(sizes.get(n, 10), 1),
            heading=heading,
            kgType=t,
            kgArticles=[a for a in d.get("article_names", "").split("\n") if a],
            **extra,
        )
    show_edge_labels = g.number_of_edges() <= EDGE_LABEL_THRESHOLD
    for u, v, d in g.edges(data=True):
        ev = d.get("evidence", "")
        arts = d.get("articles", "")
        said = relation(d.get("relation", ""), lang)
        title = said
        if ev:
            title += "\n\n" + "\n\n".join(ev.split("\n")[:5])
        if arts:
            title += f"\n\nArticles: {'; '.join(arts.split(chr(10))[:8])}"
        if o.overview:
            title = f"{d.get('weight', 1)} relation(s) between the two communities"
        net.add_edge(
            u,
            v,
            label=said if show_edge_labels else None,
            title=title,
            heading=said,
            value=d.get("weight", 1),
            arrows="to" if g.is_directed() else "",
        )
    options_js = {
        "physics": {
            "enabled": not big,
            "solver": "forceAtlas2Based",
            "stabilization": {"iterations": 150},
        },
        "layout": {"improvedLayout": not big, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big},
        "edges": {
            "font": {"size": 9, "align": "middle", "color": "#555"},
            "smooth": False,
            "color": {"color": "#9aa4b1", "highlight": "#333", "inherit": False},
            "scaling": {"min": 1, "max": 6, "label": {"enabled": False}},
        },
        # labels grow with the node and small ones show only when zoomed in, so that
        # the default view is not a heap of overlapping names
        "nodes": {
            "font": {"size": 12},
            "scaling": {
                "min": 8,
                "max": 40,
                "label": {"enabled": True, "min": 11, "max": 22, "drawThreshold": 11},
            },
        },
    }
    counts = Counter(d.get("type") for _, d in g.nodes(data=True))
    glyph = {
        "dot": "●",
        "square": "■",
        "diamond": "◆",
        "triangle": "▲",
        "star": "★",
        "hexagon": "⬢",
    }
    legend = [
        {
            "type": t,
            "label": f"{glyph[SHAPES[t]]} {type_name(t, lang)}",
            "color": c,
            "count": counts.get(t, 0),
        }
        for t, c in COLOURS.items()
        if counts.get(t) or t != "Community"
    ]
    articles = sorted(
        {a for _, d in g.nodes(data=True) for a in d.get("article_names", "").split("\n") if a}
    )
    js, css = _vis_assets()
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html"]),
    )
    summary = (
        f"{len(g)} {'communities' if o.overview else 'entities'}, "
        f"{g.number_of_edges()} links; projection {o.projection}"
        + (f"; layout computed in Python ({len(comms)} communities)" if big else "")
    )
    return env.get_template("graph.html").render(
        lang=lang,
        ui=UI[lang],
        articles=articles,
        title=o.title,
        summary=summary,
        legend=legend,
        vis_js=_raw(js.replace("</script", "<\\/script")),
        vis_css=_raw(css.replace("</style", "<\\/style")),
        data_json=_raw(
            _json_for_html({"nodes": net.nodes, "edges": net.edges, "options": options_js})
        ),
    )


def _raw(text: str) -> object:
    """Mark text as safe for the template. Only for the packaged vis-network assets and
    for JSON already escaped by ``_json_for_html``: never for text from articles."""
    from markupsafe import Markup

    return Markup(text)  # noqa: S704 (see docstring: no article text reaches here unescaped)


def draw(
    store: Store, out: Path | str, options: ViewOptions | None = None, title: str | None = None
) -> Path:
    """Write the HTML view to ``out``."""
    o = options or ViewOptions()
    if title:
        o = ViewOptions(**{**o.__dict__, "title": title})
    html = render(build_view(store, o), o)
    return write_atomic(out, html.encode("utf-8"))
