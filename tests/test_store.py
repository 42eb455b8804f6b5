import pytest
from rdflib import RDF, Graph, Literal, URIRef

from kg import store as store_mod
from kg.errors import QueryError, StoreError
from kg.namespace import KG, article_iri, graph_iri

from .conftest import clear_sparql_store

A = URIRef("https://w3id.org/kg/id/person/a")


def article_graph(article_id: str, label: str) -> Graph:
    g = Graph()
    a = article_iri(article_id)
    g.add((a, RDF.type, KG.Article))
    g.add((a, KG.identifier, Literal(article_id)))
    g.add((A, KG.anchor, Literal(label)))
    return g


@pytest.fixture(params=["memory", "oxigraph", "virtuoso"])
def any_store(request, tmp_path):
    if request.param == "virtuoso":
        server = request.getfixturevalue("virtuoso")
        st = store_mod.open(f"sparql:{server.sparql_url}")
        clear_sparql_store(st)
        yield st
        clear_sparql_store(st)
        return
    url = "memory:" if request.param == "memory" else f"oxigraph:{tmp_path / 's'}"
    with store_mod.open(url) as st:
        yield st


def test_each_article_has_its_own_named_graph(any_store):
    any_store.put_article("a1", article_graph("a1", "one"))
    any_store.put_article("a2", article_graph("a2", "two"))
    graphs = {g for *_, g in any_store.quads()}
    assert graphs == {graph_iri("a1"), graph_iri("a2")}
    assert any_store.article_ids() == ["a1", "a2"]


def test_building_again_replaces_instead_of_adding(any_store):
    any_store.put_article("a1", article_graph("a1", "one"))
    n = len(any_store)
    any_store.put_article("a1", article_graph("a1", "ONE"))
    assert len(any_store) == n
    labels = {str(o) for _, p, o, _ in any_store.quads() if p == KG.anchor}
    assert labels == {"ONE"}


def test_a_failed_write_leaves_the_stored_article_untouched(any_store):
    any_store.put_article("a1", article_graph("a1", "one"))
    before = set(any_store.quads())
    bad = article_graph("a1", "two")
    bad.add((URIRef("http://bad iri"), KG.anchor, Literal("x")))
    with pytest.raises((StoreError, QueryError)):
        any_store.put_article("a1", bad)
    assert set(any_store.quads()) == before


def test_remove_article(any_store):
    any_store.put_article("a1", article_graph("a1", "one"))
    assert any_store.remove_article("a1") is True
    assert any_store.remove_article("a1") is False
    assert len(any_store) == 0


def test_query_binds_values_safely(any_store):
    any_store.put_article("a1", article_graph("a1", 'o"ne'))
    q = f"SELECT ?s WHERE {{ ?s {KG.anchor.n3()} ?label }}"
    assert len(any_store.query(q, {"label": Literal('o"ne')})) == 1
    assert len(any_store.query(q, {"label": Literal('o"ne" } ?s ?p ?o . {')})) == 0
    assert len(any_store) > 0


def test_bad_query_raises_query_error(any_store):
    with pytest.raises(QueryError):
        any_store.query("SELECT WHERE {")


def test_oxigraph_store_persists(tmp_path):
    url = f"oxigraph:{tmp_path / 's'}"
    with store_mod.open(url) as st:
        st.put_article("a1", article_graph("a1", "one"))
        n = len(st)
    with store_mod.open(url) as st:
        assert len(st) == n and st.article_ids() == ["a1"]


def test_unknown_store_url():
    with pytest.raises(StoreError, match="unknown store URL"):
        store_mod.open("postgres://x")


def test_a_real_build_behaves_the_same_on_every_backend(any_store, seed_store):
    from rdflib.compare import isomorphic

    from kg.build import build
    from kg.query import run_named

    from .conftest import SEEDS, seed

    build([SEEDS / "002_c231b7b4a89e3f3b.txt"], any_store)
    build([SEEDS / "002_c231b7b4a89e3f3b.txt"], any_store)
    expected = {
        q[:3] for q in seed_store.quads() if str(q[3]).endswith(seed("002_c231b7b4a89e3f3b").id)
    }
    got = {q[:3] for q in any_store.quads()}
    g1, g2 = Graph(), Graph()
    for t in expected:
        g1.add(t)
    for t in got:
        g2.add(t)
    assert isomorphic(g1, g2)
    rows = run_named(any_store, "positions", {"person": "sun weidong"}).dicts()
    assert {str(r["bodyName"]) for r in rows} >= {"Chine"}


def test_unreachable_sparql_server_is_a_clean_error():
    st = store_mod.open("sparql:http://127.0.0.1:9/sparql")
    with pytest.raises(StoreError, match="cannot reach"):
        len(st)


def test_a_fact_held_by_many_articles_is_counted_once(any_store):
    for art in ("a1", "a2", "a3"):
        g = article_graph(art, "same")
        g.add((A, RDF.type, KG.Country))
        any_store.put_article(art, g)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?c a ?t }"
    assert int(any_store.query(count, {"t": KG.Country}).rows[0][0]) == 1
    any_store.remove_article("a1")
    any_store.remove_article("a2")
    assert int(any_store.query(count, {"t": KG.Country}).rows[0][0]) == 1  # a3 still says so
    any_store.remove_article("a3")
    assert int(any_store.query(count, {"t": KG.Country}).rows[0][0]) == 0


def test_a_store_written_without_the_union_is_brought_up_to_date(tmp_path):
    import pyoxigraph as ox

    raw = ox.Store(str(tmp_path / "old"))
    raw.update(
        f"INSERT DATA {{ GRAPH <{graph_iri('a1')}> {{ <{A}> a <{KG.Country}> }} "
        f"GRAPH <{graph_iri('a2')}> {{ <{A}> a <{KG.Country}> }} }}"
    )
    raw.flush()
    del raw
    with store_mod.open(f"oxigraph:{tmp_path / 'old'}", create=False, read_only=True) as st:
        assert len(st.query("SELECT ?c WHERE { ?c a ?t }", {"t": KG.Country})) >= 1
    with store_mod.open(f"oxigraph:{tmp_path / 'old'}") as st:
        rows = st.query("SELECT ?c WHERE { ?c a ?t }", {"t": KG.Country}).rows
        assert rows == ((A,),)


def test_a_sparql_server_filled_before_the_union_gets_it(virtuoso):
    st = store_mod.open(f"sparql:{virtuoso.sparql_url}")
    clear_sparql_store(st)
    try:
        st.update(
            f"INSERT DATA {{ GRAPH <{graph_iri('a1')}> {{ <{A}> a <{KG.Country}> }} "
            f"GRAPH <{graph_iri('a2')}> {{ <{A}> a <{KG.Country}> }} }}"
        )
        fresh = store_mod.open(f"sparql:{virtuoso.sparql_url}")
        rows = fresh.query("SELECT ?c WHERE { ?c a ?t }", {"t": KG.Country}).rows
        assert rows == ((A,),)
    finally:
        clear_sparql_store(st)
