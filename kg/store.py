"""Where the graph lives: ``open(url)`` gives a :class:`Store`.

* ``oxigraph:PATH``: embedded Oxigraph on disk (the default, ``oxigraph:out/store``);
* ``memory:``: Oxigraph in memory, for tests and ``kg evaluate``;
* ``sparql:URL[;update=URL]``: any SPARQL 1.1 server, for graphs that outgrow one machine.

Each article lives in its own named graph. ``put_article`` replaces that graph in one
SPARQL update, which Oxigraph applies as a single transaction: an article is stored
whole or not at all, and building it again replaces it instead of adding duplicates.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError, QueryError, StoreError
from kg.namespace import ID, KG, graph_iri
from kg.sparql import bind, nt_term

DEFAULT_URL = os.environ.get("KG_STORE", "oxigraph:out/store")
GRAPH_PREFIX = str(ID["graph/"])
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Result:
    """Rows of a SELECT (``vars`` and ``rows``), the answer of an ASK (``boolean``), or
    the graph of a CONSTRUCT/DESCRIBE (``graph``)."""

    vars: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.vars, r, strict=True)) for r in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


class Store(ABC):
    """A quad store holding one named graph per article."""

    url: str

    @abstractmethod
    def put_article(self, article_id: str, graph: Graph) -> None:
        """Replace the named graph of ``article_id`` with ``graph``, atomically."""

    @abstractmethod
    def update(self, text: str) -> None:
        """Run a SPARQL 1.1 update (curation's rewrites; never text from a user)."""

    def put_graph(self, iri: URIRef, graph: Graph) -> None:
        """Replace one named graph (not an article's: e.g. the curation graph)."""
        self.update(insert_article_update(iri, graph))

    def sync_union(self) -> None:  # noqa: B027 (a server keeps its own union)
        """Bring the union that queries read up to date after direct graph updates."""

    @abstractmethod
    def remove_article(self, article_id: str) -> bool:
        """Drop the named graph of an article; False when there was none."""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run a SPARQL query over the union of all graphs, with ``bindings`` (variable
        name → RDF term) bound as values, never pasted into the text."""

    @abstractmethod
    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """Every quad of the store."""

    def close(self) -> None:  # noqa: B027 (optional hook: most stores hold nothing open)
        """Release files or connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Shared behaviour, in terms of the primitives above -----------------------------
    def article_ids(self) -> list[str]:
        res = self.query(
            "SELECT DISTINCT ?id WHERE { ?a a ?cls ; ?idp ?id }",
            {"cls": KG.Article, "idp": KG.identifier},
        )
        return sorted(str(r[0]) for r in res.rows)

    def dataset(self) -> Dataset:
        ds = Dataset()
        for s, p, o, g in self.quads():
            ds.graph(g).add((s, p, o))
        return ds

    def union_graph(self) -> Graph:
        g = Graph()
        for s, p, o, _ in self.quads():
            g.add((s, p, o))
        return g

    def __len__(self) -> int:
        res = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(res.rows[0][0])  # type: ignore[arg-type]


def insert_article_update(g: URIRef, graph: Graph) -> str:
    """One SPARQL update that replaces named graph ``g`` by ``graph``."""
    body = "\n".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in graph)
    return f"DROP SILENT GRAPH <{g}> ;\nINSERT DATA {{ GRAPH <{g}> {{\n{body}\n}} }}"


# ----------------------------------------------------------------------------- Oxigraph


def to_ox(term: Node) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


def _from_ox(term: Any) -> Node | None:
    import pyoxigraph as ox

    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)  # RDF 1.1: a simple literal is an xsd:string
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected Oxigraph term {term!r}")


UNION_GRAPH = ID["graph/union"]


def _unshare(g: str, union: str | None = None) -> str:
    """An update taking out of the union (the default graph, or graph ``union``) the
    triples that only graph ``g`` holds."""
    if union is None:
        return (
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {g}) }} }}"
        )
    return (
        f"DELETE {{ GRAPH {union} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {g} && ?h != {union}) }} }}"
    )


class OxigraphStore(Store):
    """Embedded Oxigraph, on disk when a path is given, else in memory.

    Oxigraph's "default graph as the union of the named graphs" is a bag: a triple held
    by forty article graphs (``:vietnam a kg:Country``) comes back forty times, and every
    ``COUNT`` over it is wrong. So the store keeps the union itself, as a set, in its
    default graph: writing an article adds its triples there too, removing one takes out
    the triples no other graph holds, in the same transaction. Queries read that graph.
    """

    def __init__(
        self, path: Path | None = None, create: bool = True, read_only: bool = False
    ) -> None:
        import pyoxigraph as ox

        self.path = path
        self.read_only = read_only and path is not None
        self.url = f"oxigraph:{path}" if path else "memory:"
        if path is not None and not path.exists() and not create:
            raise StoreError(
                f"there is no store at {path} (kg build or kg add creates one; "
                "check the --store path)"
            )
        try:
            if path is None:
                self._store = ox.Store()
            elif self.read_only:
                # A read-only view works while another process (kg serve) has the store
                # open for writing, and can change nothing.
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(
                f"cannot open the Oxigraph store at {path}: {exc} (is another kg process using it?)"
            ) from exc
        # a store written before the union was kept: make it (or read the bag, read-only)
        self._union = True
        if path is not None and self._has_named() and not self._has_default():
            if self.read_only:
                self._union = False
            else:
                self.sync_union()

    def _has_named(self) -> bool:
        return bool(self._store.query("ASK { GRAPH ?g { ?s ?p ?o } }"))

    def _has_default(self) -> bool:
        return bool(self._store.query("ASK { ?s ?p ?o }"))

    def sync_union(self) -> None:
        """Make the default graph the set union of the named graphs again (after updates
        that rewrote named graphs directly, such as curation's)."""
        self.update(
            "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;"
            "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
        )

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.url} is open read-only")

    def put_article(self, article_id: str, graph: Graph) -> None:
        try:
            self.put_graph(graph_iri(article_id), graph)
        except StoreError as exc:
            raise StoreError(f"{self.url}: cannot store article {article_id!r}: {exc}") from exc

    def put_graph(self, iri: URIRef, graph: Graph) -> None:
        g = f"<{iri}>"
        body = "\n".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in graph)
        self.update(
            f"{_unshare(g)} ;\nDROP SILENT GRAPH {g} ;\n"
            f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }} ;\nINSERT DATA {{\n{body}\n}}"
        )

    def update(self, text: str) -> None:
        self._writable()
        try:
            self._store.update(text)
        except (OSError, SyntaxError, RuntimeError) as exc:
            raise StoreError(f"{self.url}: update failed: {exc}") from exc

    def remove_article(self, article_id: str) -> bool:
        import pyoxigraph as ox

        self._writable()
        iri = graph_iri(article_id)
        if not self._store.contains_named_graph(ox.NamedNode(str(iri))):
            return False
        self.update(f"{_unshare(f'<{iri}>')} ;\nDROP SILENT GRAPH <{iri}>")
        return True

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        import pyoxigraph as ox

        try:
            res = self._store.query(
                bind(sparql, bindings), use_default_graph_as_union=not self._union
            )
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.url}: query failed: {exc}") from exc
        if isinstance(res, ox.QueryBoolean):
            return Result(boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = tuple(v.value for v in res.variables)
            rows = tuple(tuple(_from_ox(sol[v]) for v in names) for sol in res)
            return Result(vars=names, rows=rows)
        g = Graph()
        for t in res:
            g.add((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))
        return Result(graph=g)

    def dump_union(self, fmt: Any, prefixes: dict[str, str] | None = None) -> bytes | None:
        """The union of the article graphs in an RDF format, written by Oxigraph from the
        default graph it keeps (``None`` when this store has no such graph)."""
        import pyoxigraph as ox

        if not self._union:
            return None
        kwargs: dict[str, Any] = {"format": fmt, "from_graph": ox.DefaultGraph()}
        if prefixes:
            kwargs["prefixes"] = prefixes
        return self._store.dump(**kwargs)

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        import pyoxigraph as ox

        for q in self._store:
            if isinstance(q.graph_name, ox.DefaultGraph):
                continue  # the union kept for queries, not data of its own
            yield (
                _from_ox(q.subject),
                _from_ox(q.predicate),
                _from_ox(q.object),
                _from_ox(q.graph_name),
            )

    def close(self) -> None:
        if self.path is not None and not self.read_only:
            self._store.flush()
        del self._store


# --------------------------------------------------------------------- SPARQL 1.1 server

_FORM = re.compile(
    r"^(?:\s|#[^\n]*\n|(?:PREFIX|BASE)\s[^\n]*)*\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE
)


def _json_term(b: dict) -> Node:
    kind = b["type"]
    if kind == "uri":
        return URIRef(b["value"])
    if kind == "bnode":
        return BNode(b["value"])
    if "xml:lang" in b:
        return Literal(b["value"], lang=b["xml:lang"])
    dt = b.get("datatype")
    if dt and dt != _XSD_STRING:
        return Literal(b["value"], datatype=URIRef(dt))
    return Literal(b["value"])


class SparqlStore(Store):
    """Any SPARQL 1.1 server (Virtuoso, Apache Jena Fuseki, GraphDB…) through the SPARQL
    1.1 Protocol. The server's default graph must be the union of its named graphs
    (Virtuoso's default; Fuseki needs ``tdb:unionDefaultGraph true``; GraphDB's default
    graph already holds every statement)."""

    PAGE = 10_000

    def __init__(
        self, query_url: str, update_url: str | None = None, timeout: float = 120.0
    ) -> None:
        for u in (query_url, update_url or query_url):
            if not re.match(r"^https?://", u):
                raise StoreError(f"sparql: {u!r} is not an http(s) URL")
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.timeout = timeout
        self.url = f"sparql:{query_url}" + (f";update={update_url}" if update_url else "")

    def _post(self, url: str, form: dict[str, str], accept: str) -> bytes:
        data = urllib.parse.urlencode(form).encode("utf-8")
        req = urllib.request.Request(  # noqa: S310 (http(s) only, checked in __init__)
            url,
            data=data,
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": accept,
            },
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:500].decode("utf-8", "replace").strip()
            if 400 <= exc.code < 500 and exc.code not in (401, 403, 404):
                raise QueryError(
                    f"{self.url}: the server refused the request (HTTP {exc.code}): {detail}"
                ) from exc
            raise StoreError(f"{self.url}: HTTP {exc.code}: {detail}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise StoreError(f"{self.url}: cannot reach the server ({exc})") from exc

    def update(self, text: str) -> None:
        self._post(self.update_url, {"update": text}, "*/*")

    def put_article(self, article_id: str, graph: Graph) -> None:
        self.put_graph(graph_iri(article_id), graph)

    def put_graph(self, iri: URIRef, graph: Graph) -> None:
        # the server's own default graph may be a bag of its graphs (Virtuoso's is): kg
        # keeps the union as a set in a graph of its own and queries read that one
        g, u = f"<{iri}>", f"<{UNION_GRAPH}>"
        body = "\n".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in graph)
        self.update(
            f"{_unshare(g, u)} ;\nDROP SILENT GRAPH {g} ;\n"
            f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }} ;\n"
            f"INSERT DATA {{ GRAPH {u} {{\n{body}\n}} }}"
        )

    def remove_article(self, article_id: str) -> bool:
        g = graph_iri(article_id)
        if not self.query(f"ASK {{ GRAPH <{g}> {{ ?s ?p ?o }} }}").boolean:
            return False
        self.update(f"{_unshare(f'<{g}>', f'<{UNION_GRAPH}>')} ;\nDROP SILENT GRAPH <{g}>")
        return True

    def _form(self, text: str) -> dict[str, str]:
        """The request: a query that reads the default graph reads kg's union (a set); one
        that names graphs keeps the server's dataset, since naming a default graph in the
        protocol would leave it no named graphs at all."""
        from kg.sparql import tokens

        if getattr(self, "_no_union", False) or any(
            kind == "word" and word == "GRAPH" for kind, _, word in tokens(text)
        ):
            return {"query": text}
        return {"query": text, "default-graph-uri": str(UNION_GRAPH)}

    def sync_union(self) -> None:
        u = f"<{UNION_GRAPH}>"
        self.update(
            f"DELETE {{ GRAPH {u} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {u} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {u}) }} }} ;\n"
            f"INSERT {{ GRAPH {u} {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
            f'FILTER(?g != {u} && STRSTARTS(STR(?g), "{GRAPH_PREFIX}")) }}'
        )

    def _ensure_union(self) -> None:
        """A server filled before kg kept its union graph gets one, once, on first use."""
        if getattr(self, "_union_checked", False):
            return
        self._union_checked = True
        has = "ASK {{ GRAPH {} {{ ?s ?p ?o }} }}"
        if not self._ask(has.format(f"<{UNION_GRAPH}>")) and self._ask(
            f'ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}")) }}'
        ):
            try:
                self.sync_union()
            except KgError:  # a read-only endpoint: read the server's own default graph
                self._no_union = True

    def _ask(self, text: str) -> bool:
        body = self._post(self.query_url, {"query": text}, "application/sparql-results+json")
        return bool(json.loads(body).get("boolean"))

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        self._ensure_union()
        text = bind(sparql, bindings)
        m = _FORM.match(text)
        if not m:
            raise QueryError("not a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)")
        if m.group(1).upper() in ("CONSTRUCT", "DESCRIBE"):
            body = self._post(self.query_url, self._form(text), "application/n-triples, text/plain")
            g = Graph()
            g.parse(data=body.decode("utf-8"), format="nt")
            return Result(graph=g)
        body = self._post(self.query_url, self._form(text), "application/sparql-results+json")
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            raise StoreError(f"{self.url}: answer is not SPARQL JSON results") from exc
        if "boolean" in data:
            return Result(boolean=bool(data["boolean"]))
        names = tuple(data["head"]["vars"])
        rows = tuple(
            tuple(_json_term(b[v]) if v in b else None for v in names)
            for b in data["results"]["bindings"]
        )
        return Result(vars=names, rows=rows)

    def _graphs(self) -> list[URIRef]:
        res = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}") && ?g != <{UNION_GRAPH}>) }}'
        )
        return sorted(r[0] for r in res.rows)  # type: ignore[type-var]

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        for g in self._graphs():
            offset = 0
            while True:
                res = self.query(
                    f"SELECT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }} "
                    f"ORDER BY ?s ?p ?o LIMIT {self.PAGE} OFFSET {offset}"
                )
                for s, p, o in res.rows:
                    yield s, p, o, g  # type: ignore[misc]
                if len(res.rows) < self.PAGE:
                    break
                offset += self.PAGE

    def __len__(self) -> int:
        res = self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}") && ?g != <{UNION_GRAPH}>) }}'
        )
        return int(res.rows[0][0])  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ opening


def _oxigraph(rest: str, create: bool, read_only: bool) -> Store:
    if not rest:
        raise StoreError("oxigraph: needs a path, e.g. oxigraph:out/store")
    return OxigraphStore(Path(rest), create=create, read_only=read_only)


def _memory(rest: str, create: bool, read_only: bool) -> Store:
    return OxigraphStore(None)


def _sparql(rest: str, create: bool, read_only: bool) -> Store:
    query_url, _, opts = rest.partition(";")
    update_url = None
    if opts:
        key, _, value = opts.partition("=")
        if key != "update" or not value:
            raise StoreError(f"sparql: unknown option {opts!r} (expected update=URL)")
        update_url = value
    if not re.match(r"^https?://", query_url):
        raise StoreError("sparql: needs the endpoint URL, e.g. sparql:http://127.0.0.1:8890/sparql")
    return SparqlStore(query_url, update_url)


BACKENDS: dict[str, Callable[[str, bool, bool], Store]] = {
    "oxigraph": _oxigraph,
    "memory": _memory,
    "sparql": _sparql,
}


def open(url: str = DEFAULT_URL, *, create: bool = True, read_only: bool = False) -> Store:
    """Open a store by URL: ``oxigraph:PATH``, ``memory:`` or
    ``sparql:QUERY_URL[;update=UPDATE_URL]``.

    ``create=False`` makes a missing on-disk store an error instead of a new empty one
    (a mistyped path must not look like an empty graph); ``read_only`` opens an on-disk
    store for reading alongside a process that writes it."""
    scheme, sep, rest = url.partition(":")
    if not sep or scheme not in BACKENDS:
        raise StoreError(
            f"unknown store URL {url!r}: expected one of " + ", ".join(f"{k}:…" for k in BACKENDS)
        )
    return BACKENDS[scheme](rest, create, read_only)
