import html as html_mod
import re

from kg import store as store_mod
from kg.build import build_articles
from kg.draw import LAYOUT_THRESHOLD, ViewOptions, build_view, draw, render
from kg.model import Article

from .conftest import seed, seed_name


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
    n = int(
        seed_store.query(
            "SELECT (COUNT(DISTINCT ?e) AS ?n) "
            "WHERE { ?m <https://w3id.org/kg/ontology#mentionOf> ?e }"
        ).rows[0][0]
    )
    assert len(build_view(seed_store)) == n


def test_filters_focus_types_article_min_weight(seed_store):
    ego = build_view(seed_store, ViewOptions(focus="Cho Tae-yul", depth=1))
    labels = {d["label"] for _, d in ego.nodes(data=True)}
    assert "Cho Tae-yul" in labels and "Corée du Sud" in labels and "Kao Kim Hourn" not in labels
    people = build_view(seed_store, ViewOptions(types=frozenset({"Person", "Event"})))
    assert {d["type"] for _, d in people.nodes(data=True)} == {"Person", "Event"}
    one = build_view(seed_store, ViewOptions(article=seed("001_674f567e8a87d31f").id))
    assert {d["label"] for _, d in one.nodes(data=True)} == {
        "Pham Minh Chinh",
        "Vietnam",
        "ASEAN",
        "Hanoï",
        "6e conférence ministérielle du numérique de l’ASEAN",
    }
    co = build_view(seed_store, ViewOptions(projection="co-participation", min_weight=2))
    assert all(w >= 2 for _, _, w in co.edges(data="weight"))


def test_tooltips_carry_evidence_and_article(seed_store):
    html = render(build_view(seed_store, ViewOptions(focus="Cho Tae-yul")))
    assert "Lors de cette séance de discussion, le ministre sud-coréen" in html
    assert html_mod.escape(seed_name("002_c231b7b4a89e3f3b"))[:60] in html


def test_large_views_are_laid_out_in_python(seed_store):
    import networkx as nx

    g = nx.relabel_nodes(nx.barabasi_albert_graph(LAYOUT_THRESHOLD + 100, 2, seed=1), str)
    for n in g:
        g.nodes[n].update(label=f"n{n}", type="Person", mentions=1, articles=1, article_names="a")
    for u, v in g.edges:
        g.edges[u, v].update(weight=1, relation="partnerOf", evidence="e", articles="a")
    html = render(g)
    assert '"physics": {"enabled": false' in html
    assert html.count('"x":') == len(g)


def test_article_text_cannot_inject_markup(nlp):
    text = (
        "Le ministre Jean <script>alert(1)</script> Dupont a rencontré le "
        "Premier ministre Pham Minh Chinh à Hanoï.</script><img src=x onerror=alert(2)>"
    )
    with store_mod.open("memory:") as st:
        build_articles([Article(id="evil", text=text, source_file="evil.txt")], st)
        html = render(build_view(st))
    body = html.split('<script id="graph-data"', 1)[1]
    assert "<script>alert" not in body and "<img" not in body
    assert "</script><img" not in html


def test_typos_are_errors_and_the_page_is_the_same_on_every_render(seed_store, tmp_path):
    import pytest

    from kg.errors import KgError

    with pytest.raises(KgError, match="unknown type 'Persons'"):
        build_view(seed_store, ViewOptions(types=frozenset({"Persons"})))
    with pytest.raises(KgError, match="no stored article"):
        build_view(seed_store, ViewOptions(article="nope"))
    one = render(build_view(seed_store, ViewOptions()))
    two = render(build_view(seed_store, ViewOptions()))
    assert one == two and '"randomSeed": 7' in one


def test_overview_groups_entities_with_no_relation(seed_store):
    from kg import analyse
    from kg.draw import overview_graph

    g = build_view(seed_store, ViewOptions())
    groups, alone = analyse.split_singletons(analyse.communities(g))
    o = overview_graph(g, analyse.communities(g))
    assert len(o) == len(groups) + (1 if alone else 0)
    assert all(len(c) > 1 for c in groups)
    labels = [d["label"] for _, d in o.nodes(data=True)]
    assert sum(label.startswith("unconnected") for label in labels) == (1 if alone else 0)
