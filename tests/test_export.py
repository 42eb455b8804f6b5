import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.export import Format, export, write_atomic


def test_turtle_round_trip_is_isomorphic(seed_store, tmp_path):
    out = tmp_path / "graph.ttl"
    export(seed_store, Format.TTL, out)
    back = Graph().parse(out, format="turtle")
    assert isomorphic(back, seed_store.union_graph())


@pytest.mark.parametrize(
    "fmt, rdflib_fmt", [("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")]
)
def test_dataset_formats_keep_one_graph_per_article(seed_store, fmt, rdflib_fmt):
    ds = Dataset()
    ds.parse(data=export(seed_store, fmt), format=rdflib_fmt)
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert len([n for n in names if "/graph/" in n]) == 5


def test_nt_parses(seed_store):
    g = Graph().parse(data=export(seed_store, "nt"), format="nt")
    assert len(g) == len(seed_store.union_graph())


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")

    class Boom(Exception):
        pass

    def explode(*a, **k):
        raise Boom

    monkeypatch.setattr("pathlib.Path.replace", explode)
    with pytest.raises(Boom):
        write_atomic(target, b"new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_written_files_keep_ordinary_permissions(tmp_path):
    new = write_atomic(tmp_path / "a.ttl", b"x")
    assert new.stat().st_mode & 0o777 == 0o644
    new.chmod(0o640)
    write_atomic(new, b"y")
    assert new.stat().st_mode & 0o777 == 0o640 and new.read_bytes() == b"y"


def test_other_tools_find_people_events_and_sources_without_the_ontology(seed_store):
    """Plain rdflib, no kg ontology loaded: schema.org, PROV and OWL terms only."""
    from rdflib import OWL, RDF, Graph, Namespace

    g = Graph().parse(data=export(seed_store, "ttl"), format="turtle")
    schema = Namespace("https://schema.org/")
    prov = Namespace("http://www.w3.org/ns/prov#")
    people = {str(g.value(p, schema.name)) for p in g.subjects(RDF.type, schema.Person)}
    assert {"Cho Tae-yul", "Sun Weidong", "Pham Minh Chinh"} <= people
    events = set(g.subjects(RDF.type, schema.Event))
    assert events and any(g.value(e, schema.startDate) for e in events)
    articles = set(g.subjects(RDF.type, schema.NewsArticle))
    sources = {o for o in g.objects(None, prov.wasDerivedFrom)}
    assert sources and sources <= articles
    assert all(g.value(a, schema.headline) for a in sources)
    wikidata = [str(o) for o in g.objects(None, OWL.sameAs)]
    assert wikidata and all(w.startswith("http://www.wikidata.org/entity/Q") for w in wikidata)
