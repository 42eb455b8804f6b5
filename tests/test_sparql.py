import pytest
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.sparql import bind, nt_term


def test_values_go_into_a_values_block_of_the_where_group():
    q = bind("PREFIX x: <http://x/> SELECT ?s WHERE { ?s x:name ?n }", {"n": Literal("A")})
    assert q.startswith('PREFIX x: <http://x/> SELECT ?s WHERE { VALUES (?n) { ("A") }')


def test_construct_template_is_not_mistaken_for_the_where_group():
    q = bind("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("http://a")})
    assert q.index("VALUES") > q.index("WHERE")


def test_braces_and_keywords_in_strings_and_iris_are_skipped():
    q = bind('SELECT ?s WHERE { ?s <http://x/p> "{ not here }" . ?s ?p ?v }', {"v": Literal("1")})
    assert q.index("VALUES") == q.index("WHERE {") + len("WHERE {") + 1


@pytest.mark.parametrize("evil", ['" } ; DROP ALL ; { "', 'a\\" }', "x\n} INSERT DATA {"])
def test_hostile_values_stay_one_literal(evil):
    term = nt_term(Literal(evil))
    assert term.startswith('"') and term.endswith('"')
    inner = term[1:-1]
    # every quote inside is escaped, so the literal cannot end early
    i = 0
    while i < len(inner):
        if inner[i] == "\\":
            i += 2
            continue
        assert inner[i] not in '"\n'
        i += 1


def test_bad_iri_and_parameter_names_are_refused():
    with pytest.raises(QueryError):
        nt_term(URIRef("http://a b"))
    with pytest.raises(QueryError):
        bind("SELECT ?s WHERE { ?s ?p ?o }", {"bad name": Literal("x")})
