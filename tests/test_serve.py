"""kg serve: a read-only SPARQL 1.1 endpoint, tested with a real SPARQL client."""

import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from kg.serve import Limits, make_server


@pytest.fixture(scope="module")
def endpoint(seed_store):
    server = make_server(seed_store, "127.0.0.1", 0, Limits(timeout=10, max_rows=50))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def client(endpoint, query, fmt=JSON, method="GET"):
    w = SPARQLWrapper(f"{endpoint}/sparql")
    w.setQuery(query)
    w.setReturnFormat(fmt)
    w.setMethod(method)
    return w.query()


def test_sparqlwrapper_select_json_get_and_post(endpoint):
    q = """PREFIX kg: <https://w3id.org/kg/ontology#>
           PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
           SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"""
    for method in ("GET", "POST"):
        rows = client(endpoint, q, JSON, method).convert()["results"]["bindings"]
        names = [r["name"]["value"] for r in rows]
        assert "Sun Weidong" in names and "Cho Tae-yul" in names


def test_other_result_formats(endpoint):
    q = "SELECT ?s WHERE { ?s a <https://w3id.org/kg/ontology#Country> } LIMIT 3"
    xml = client(endpoint, q, XML).convert()
    assert xml.getElementsByTagName("result").length == 3
    csv = client(endpoint, q, CSV).convert().decode()
    assert csv.splitlines()[0] == "s" and len(csv.splitlines()) == 4
    ask = client(endpoint, "ASK { ?s a <https://w3id.org/kg/ontology#Event> }").convert()
    assert ask["boolean"] is True


def test_construct_as_turtle_and_jsonld(endpoint):
    q = (
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/kg/ontology#Country> ; "
        "?p ?o } LIMIT 5"
    )
    turtle = client(endpoint, q, TURTLE).convert()
    assert b"@prefix" in turtle or b"<https://" in turtle
    req = urllib.request.Request(
        f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": q}),
        headers={"Accept": "application/ld+json"},
    )
    with urllib.request.urlopen(req) as resp:
        assert resp.headers["Content-Type"].startswith("application/ld+json")
        assert json.loads(resp.read())


def _status(url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_updates_are_refused_and_change_nothing(endpoint, seed_store):
    before = len(seed_store)
    update = "DELETE WHERE { ?s ?p ?o }"
    w = SPARQLWrapper(f"{endpoint}/sparql")
    w.setMethod("POST")
    w.setQuery(update)
    with pytest.raises(Exception):  # noqa: B017 (SPARQLWrapper raises its own error classes)
        w.query()
    assert (
        _status(
            f"{endpoint}/sparql",
            urllib.parse.urlencode({"update": update}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )[0]
        == 403
    )
    assert (
        _status(
            f"{endpoint}/sparql", update.encode(), {"Content-Type": "application/sparql-update"}
        )[0]
        == 403
    )
    assert _status(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": update}))[0] == 400
    assert len(seed_store) == before


def test_service_is_refused(endpoint):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    status, body = _status(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": q}))
    assert status == 400 and b"SERVICE" in body


def test_result_size_limit(endpoint):
    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    req = urllib.request.Request(
        f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": q}),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(req) as resp:
        assert resp.headers["X-KG-Truncated"] == "true"
        assert len(json.loads(resp.read())["results"]["bindings"]) == 50


def test_page_escapes_what_it_shows(endpoint):
    q = 'SELECT ("<script>alert(1)</script>" AS ?x) WHERE {}'
    status, body = _status(f"{endpoint}/?" + urllib.parse.urlencode({"query": q}))
    assert status == 200
    assert b"<script>alert(1)" not in body
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert b"positions" in body  # the named queries are listed


def test_named_query_over_http(endpoint):
    url = f"{endpoint}/query/positions?" + urllib.parse.urlencode({"person": "Sun Weidong"})
    status, body = _status(url, headers={"Accept": "application/sparql-results+json"})
    assert status == 200
    bodies = {b["bodyName"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert "Chine" in bodies


def test_listens_on_localhost_by_default():
    from kg.serve import DEFAULT_HOST

    assert DEFAULT_HOST == "127.0.0.1"


@pytest.mark.parametrize(
    "form",
    [
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s a ?c ; ?p ?o } LIMIT 20",
        "DESCRIBE ?s WHERE { ?s a ?c } LIMIT 1",
    ],
)
def test_sparqlwrapper_defaults_give_a_graph_for_construct_and_describe(endpoint, form):
    from rdflib import Graph

    w = SPARQLWrapper(f"{endpoint}/sparql")
    w.setQuery(form.replace("?c", "<https://w3id.org/kg/ontology#Country>"))
    g = w.query().convert()  # SPARQLWrapper's own defaults: RDF/XML, parsed
    assert isinstance(g, Graph) and len(g) > 0


def test_sparqlwrapper_defaults_for_ask(endpoint):
    w = SPARQLWrapper(f"{endpoint}/sparql")
    w.setQuery("ASK { ?s a <https://w3id.org/kg/ontology#Country> }")
    doc = w.query().convert()  # its default: SPARQL results XML, as a DOM
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_named_query_forms_escape_values_and_offer_csv(endpoint):
    evil = '"><script>alert(1)</script>'
    status, body = _status(
        f"{endpoint}/?" + urllib.parse.urlencode({"named": "participants", "event": evil})
    )
    assert status == 200 and b"<script>alert(1)" not in body
    assert b"no entity is named" in body  # the error, shown as text
    status, body = _status(
        f"{endpoint}/?"
        + urllib.parse.urlencode({"named": "participants", "event": "4e session plénière"})
    )
    assert b'id="results"' in body and b"Cho Tae-yul" in body and b"format=csv" in body
    from kg.query import named_queries

    assert body.count(b'<form class="named"') == len(named_queries())
