import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import analyse
from kg.cli import cli
from kg.errors import KgError
from kg.export import export_network


def graph(seed_store, projection="full"):
    return analyse.project(analyse.read_graph(seed_store), projection)


def labels(g, nodes):
    return {g.nodes[n]["label"] for n in nodes}


def test_projections(seed_store):
    full = graph(seed_store)
    assert full.is_directed() and full.number_of_edges() > 50
    u, _v, d = next(iter(full.edges(data=True)))
    assert {"relation", "weight", "evidence", "articles"} <= set(d)
    assert {"type", "label", "mentions", "articles"} <= set(full.nodes[u])
    bip = graph(seed_store, "actor-event")
    assert nx.is_bipartite(bip)
    assert {bip.nodes[n]["type"] for n in bip if bip.nodes[n]["bipartite"] == 1} == {"Event"}
    co = graph(seed_store, "co-participation")
    sun = analyse.resolve_node(co, "Sun Weidong")
    cho = analyse.resolve_node(co, "Cho Tae-yul")
    shared = set(bip.successors(sun) if bip.is_directed() else bip.neighbors(sun)) & set(
        bip.successors(cho) if bip.is_directed() else bip.neighbors(cho)
    )
    assert co.edges[sun, cho]["weight"] == len(shared) >= 2
    com = graph(seed_store, "commitments")
    assert {d["relation"] for _, _, d in com.edges(data=True)} <= {"commitsToward", "commitsOn"}
    china = analyse.resolve_node(com, "Chine")
    assert "ASEAN" in labels(com, com.successors(china))


def test_pagerank_puts_the_hubs_first(seed_store):
    g = graph(seed_store)
    top = analyse.top(g, analyse.score(g, "pagerank"), 3)
    assert {g.nodes[n]["label"] for n, _ in top} == {"Vietnam", "ASEAN", "Chine"}


def test_communities_are_reproducible(seed_store):
    g = graph(seed_store)
    a, b = analyse.communities(g), analyse.communities(g)
    assert a == b and len(a) >= 3
    cho = analyse.resolve_node(g, "Cho Tae-yul")
    lammy = analyse.resolve_node(g, "David Lammy")
    assert any(cho in c and lammy in c for c in a)


def test_betweenness_exact_or_sampled_says_which(seed_store, monkeypatch):
    g = graph(seed_store)
    assert analyse.score(g, "betweenness").note == "exact"
    monkeypatch.setattr(analyse, "EXACT_BETWEENNESS_LIMIT", 10)
    s1 = analyse.score(g, "betweenness")
    assert "sampled with" in s1.note and "seed 42" in s1.note
    assert s1.values == analyse.score(g, "betweenness").values


def test_brokers_reach_other_communities(seed_store):
    g = graph(seed_store)
    top = analyse.brokers(g)[:3]
    assert all(b.reaches >= 2 for b in top)
    assert "ASEAN" in labels(g, [b.node for b in top])


def test_path_with_evidence_for_every_hop(seed_store):
    from .conftest import seed_name

    g = graph(seed_store)
    hops = analyse.path(g, "Sun Weidong", "Cho Tae-yul")
    assert len(hops) == 3  # the two-hop chain rests on a sentence that names only one end
    assert all(h.evidence and h.articles == seed_name("002_c231b7b4a89e3f3b") for h in hops)
    for h in hops:
        d = g.edges[h.source, h.target] if h.forward else g.edges[h.target, h.source]
        assert d["stated"] and h.evidence == d["stated_evidence"]
    with pytest.raises(KgError, match=r"'Pham' names \d+ entities: .*Person:Pham Minh Chinh"):
        analyse.path(g, "Pham", "Sun Weidong")
    with pytest.raises(KgError, match="did you mean Cho Tae-yul"):
        analyse.path(g, "Cho Tae-yol", "Sun Weidong")
    assert g.nodes[hops[0].source]["label"] == "Sun Weidong"
    assert g.nodes[hops[-1].target]["label"] == "Cho Tae-yul"


def test_graphml_and_gexf_parse_back(seed_store, tmp_path):
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"g.{fmt}"
        export_network(seed_store, fmt, "co-participation", out)
        back = read(out)
        assert back.number_of_nodes() == graph(seed_store, "co-participation").number_of_nodes()


def test_cli_analyse_and_path(tmp_path, nlp):
    from .conftest import SEEDS, seed_name

    runner = CliRunner()
    url = f"oxigraph:{tmp_path / 's'}"
    runner.invoke(cli, ["build", str(SEEDS), "--store", url])
    r = runner.invoke(cli, ["analyse", "--store", url])
    assert r.exit_code == 0, r.output
    assert "Top actors by pagerank" in r.output and "Communities" in r.output
    assert " more" in r.output  # a community of 16 shows 12 names and says how many are left
    r = runner.invoke(cli, ["analyse", "--measure", "brokers", "--format", "json", "--store", url])
    assert json.loads(r.output)["brokers"]["rows"]
    r = runner.invoke(
        cli, ["analyse", "--measure", "communities", "--format", "json", "--store", url]
    )
    found = json.loads(r.output)["communities"]["rows"]
    assert all(" more" not in row["members"] for row in found)  # files are never cut
    assert sum(1 for row in found if row["community"] == "unconnected") <= 1
    assert all(row["size"] > 1 for row in found if row["community"] != "unconnected")
    r = runner.invoke(cli, ["analyse", "--measure", "pagerank", "--format", "csv", "--store", url])
    assert r.output.splitlines()[0] == "rank,actor,type,pagerank"
    r = runner.invoke(cli, ["analyse", "--format", "csv", "--store", url])
    assert r.exit_code == 2 and "one table" in r.output
    r = runner.invoke(cli, ["path", "Sun Weidong", "Cho Tae-yul", "--store", url])
    assert r.exit_code == 0, r.output
    assert "3 hop(s)" in r.output and f"[{seed_name('002_c231b7b4a89e3f3b')}]" in r.output
    r = runner.invoke(
        cli, ["export", "--format", "gexf", "--projection", "actor-event", "--store", url]
    )
    assert r.exit_code == 0 and "<gexf" in r.output
