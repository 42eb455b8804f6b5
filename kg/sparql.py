"""Binding values into SPARQL without pasting text into the query.

A value given by a user (a name, a date) becomes an RDF term serialised in N-Triples
syntax (every quote, backslash and line break escaped) inside an inline ``VALUES`` block
at the head of the query's ``WHERE`` group. Whatever the value holds (quotes, braces,
``} DROP ALL {``), it stays one literal and can change nothing but the match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import product

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError

_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def nt_term(term: Node) -> str:
    """A term in N-Triples syntax, never abbreviated (rdflib's ``n3()`` writes
    ``"5"^^xsd:nonNegativeInteger`` as a bare ``5``, which SPARQL reads as xsd:integer).

    >>> from rdflib import Literal, XSD
    >>> nt_term(Literal(5, datatype=XSD.nonNegativeInteger))
    '"5"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>'
    >>> nt_term(Literal('say "hi"\\n', lang="en"))
    '"say \\\\"hi\\\\"\\\\n"@en'
    """
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(term):
            raise QueryError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        body = "".join(_ESCAPES.get(c, c) for c in str(term))
        if term.language:
            return f'"{body}"@{term.language}'
        if term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f'"{body}"^^{nt_term(term.datatype)}'
        return f'"{body}"'
    raise QueryError(f"cannot write {term!r} as an RDF term")


UPDATE_KEYWORDS = frozenset("INSERT DELETE LOAD CLEAR DROP CREATE ADD MOVE COPY WITH USING".split())
_IRI_AT = re.compile(r"<[^\s<>\"{}|^`\\]*>")
_VARIABLE = re.compile(r"[?$]\w*")
_WORD = re.compile(r"[\w.-]*(?::[\w.-]*)?")


def tokens(sparql: str) -> Iterator[tuple[str, int, str]]:
    """The query's tokens that matter here, as (kind, offset, text): ``word`` for a bare
    word (not a variable nor a prefixed name), ``{`` for an opening brace. Strings, IRIs
    and comments are skipped, so that nothing inside them is taken for syntax."""
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            nl = sparql.find("\n", i)
            i = n if nl < 0 else nl + 1
        elif c in "\"'":
            triple = sparql[i : i + 3]
            if triple in ('"""', "'''"):
                end = sparql.find(triple, i + 3)
                i = n if end < 0 else end + 3
                continue
            j = i + 1
            while j < n and sparql[j] != c:
                j += 2 if sparql[j] == "\\" else 1
            i = j + 1
        elif c == "<" and (m := _IRI_AT.match(sparql, i)):
            i = m.end()
        elif c in "?$":
            m = _VARIABLE.match(sparql, i)
            i = m.end() if m and m.end() > i else i + 1
        elif c.isalpha() or c == "_":
            m = _WORD.match(sparql, i)
            word = m.group() if m else c
            if ":" not in word:
                yield "word", i, word.rstrip(".").upper()
            i += max(1, len(word))
        else:
            if c == "{":
                yield "{", i, c
            i += 1


def keywords(sparql: str) -> list[str]:
    """The bare words of a query, upper-cased.

    >>> keywords('SELECT ?insert WHERE { ?s <http://x/DROP> "SERVICE" ; ex:load ?o }')
    ['SELECT', 'WHERE']
    """
    return [text for kind, _, text in tokens(sparql) if kind == "word"]


def check_read_only(sparql: str) -> None:
    """Refuse updates and federated queries (SERVICE would make the server fetch URLs)."""
    words = set(keywords(sparql))
    if words & (UPDATE_KEYWORDS - {"WITH", "USING"}) or (
        words & UPDATE_KEYWORDS and not words & {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
    ):
        raise QueryError("updates are refused: this is a read-only endpoint")
    if "SERVICE" in words:
        raise QueryError("federated queries (SERVICE) are refused by this endpoint")


def _where_brace(sparql: str) -> int:
    """Offset of the ``{`` that opens the query's WHERE group (the first brace after
    WHERE; for a query without the keyword, its first brace unless it is a CONSTRUCT
    template)."""
    first_brace = -1
    after_where = False
    construct = False
    for kind, at, text in tokens(sparql):
        if kind == "word":
            after_where = after_where or text == "WHERE"
            construct = construct or text == "CONSTRUCT"
        elif after_where:
            return at
        elif first_brace < 0:
            first_brace = at
    if first_brace >= 0 and not construct:
        return first_brace
    raise QueryError("cannot bind parameters: the query has no WHERE group")


def bind(sparql: str, bindings: Mapping[str, Node | Sequence[Node]] | None) -> str:
    """Return ``sparql`` with ``bindings`` (variable name → term, or several terms) as
    inline data at the head of the WHERE group. Several terms give several rows; an empty
    list gives none, so the query matches nothing.

    >>> from rdflib import Literal
    >>> print(bind("SELECT ?x WHERE { ?x ?p ?name }", {"name": Literal('a" } DROP ALL {')}))
    SELECT ?x WHERE { VALUES (?name) { ("a\\" } DROP ALL {") }
     ?x ?p ?name }
    """
    if not bindings:
        return sparql
    names: list[str] = []
    columns: list[list[str]] = []
    for name, value in bindings.items():
        if not _VAR.match(name):
            raise QueryError(f"invalid parameter name {name!r}")
        terms = [value] if isinstance(value, URIRef | Literal) else list(value)  # type: ignore[arg-type]
        for term in terms:
            if not isinstance(term, URIRef | Literal):
                raise QueryError(f"parameter {name!r} must be an IRI or a literal")
        names.append(f"?{name}")
        columns.append([nt_term(t) for t in terms])
    rows = " ".join(f"({' '.join(r)})" for r in product(*columns))
    at = _where_brace(sparql) + 1
    block = f" VALUES ({' '.join(names)}) {{ {rows} }}\n"
    return sparql[:at] + block + sparql[at:]


def article_name(article: str = "?a", out: str = "?art", ident: str = "?aid") -> str:
    """A graph pattern naming an article as an analyst reads it: its headline and date
    ("Forum de l'ASEAN … (2025-02-26)"), its id only when it has no headline.

    >>> "schema.org/headline" in article_name()
    True
    """
    kg, schema = "https://w3id.org/kg/ontology#", "https://schema.org/"
    h, d = f"{out}_headline", f"{out}_published"
    return (
        f"{article} <{kg}identifier> {ident} . "
        f"OPTIONAL {{ {article} <{schema}headline> {h} }} "
        f"OPTIONAL {{ {article} <{schema}datePublished> {d} }} "
        f"BIND(CONCAT(COALESCE({h}, {ident}), "
        f'IF(BOUND({d}), CONCAT(" (", STR({d}), ")"), "")) AS {out})'
    )
