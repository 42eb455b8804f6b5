import re

from kg import store as store_mod
from kg.build import build_articles
from kg.draw import draw, render, view_graph
from kg.model import Article


def test_page_is_self_contained(seed_store, tmp_path):
    html = draw(seed_store, tmp_path / "g.html").read_text(encoding="utf-8")
    assert not re.search(
        r"""<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I
    )
    for host in ("cdnjs", "jsdelivr", "unpkg", "bootstrap"):
        assert host not in html.lower(), host
    assert "default-src 'none'" in html
    assert "new vis.Network" in html


def test_every_entity_is_a_node(seed_store):
    view = view_graph(seed_store)
    n = int(
        seed_store.query(
            "SELECT (COUNT(DISTINCT ?e) AS ?n) "
            "WHERE { ?m <https://w3id.org/kg/ontology#mentionOf> ?e }"
        ).rows[0][0]
    )
    assert len(view.nodes) == n


def test_article_text_cannot_inject_markup(nlp):
    text = (
        "Le ministre Jean <script>alert(1)</script> Dupont a rencontré le "
        "Premier ministre Pham Minh Chinh à Hanoï.</script><img src=x onerror=alert(2)>"
    )
    with store_mod.open("memory:") as st:
        build_articles([Article(id="evil", text=text, source_file="evil.txt")], st)
        html = render(view_graph(st))
    body = html.split('<script id="graph-data"', 1)[1]
    assert "<script>alert" not in body and "<img" not in body
    assert "</script><img" not in html
