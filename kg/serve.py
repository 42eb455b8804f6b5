"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a store, with a small page.

* ``GET /sparql?query=…`` and ``POST /sparql`` (form ``query=…`` or a body of type
  ``application/sparql-query``); results as SPARQL JSON, XML, CSV or TSV, graphs as Turtle,
  N-Triples or JSON-LD, by content negotiation (``Accept``) or ``?format=``.
* Updates are refused (``403``): an ``update=`` form, an ``application/sparql-update``
  body, or a query text that is an update. The text is checked by Oxigraph's parser
  before anything reaches the store, which matters when the store is itself a SPARQL
  server that would accept updates.
* Each query has a time limit (``503`` past it) and a result-size limit (rows beyond it
  are cut and ``X-KG-Truncated: true`` says so).
* ``GET /`` is a page to type a query and read the results; ``GET /queries`` lists the
  named queries as JSON and ``GET /query/NAME?param=value`` runs one.
* It listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import html
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlencode, urlparse

from kg.errors import KgError, QueryError
from kg.store import Result, Store

if TYPE_CHECKING:
    from kg.query import NamedQuery

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",  # what SPARQLWrapper asks for a CONSTRUCT by default
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
}
_CONTENT_TYPE = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "rdfxml": "application/rdf+xml",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
}


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0
    max_rows: int = 10_000


def check_is_query(text: str) -> None:
    """Raise QueryError unless ``text`` is a read-only SPARQL query: no update keyword, no
    SERVICE (checked without running anything), and Oxigraph parses it as a query."""
    import pyoxigraph as ox

    from kg.sparql import check_read_only

    check_read_only(text)
    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        raise QueryError(f"not a SPARQL query: {exc}") from exc


def _negotiate(accept: str, choices: dict[str, str], default: str) -> str:
    for part in (accept or "").split(","):
        mime = part.split(";")[0].strip().lower()
        if mime in choices:
            return choices[mime]
    return default


def _truncate(result: Result, limit: int) -> tuple[Result, bool]:
    if result.graph is not None and len(result.graph) > limit:
        from rdflib import Graph

        g = Graph()
        for i, t in enumerate(result.graph):
            if i >= limit:
                break
            g.add(t)
        return Result(graph=g), True
    if len(result.rows) > limit:
        return Result(vars=result.vars, rows=result.rows[:limit]), True
    return result, False


def render(result: Result, fmt: str) -> bytes:
    from kg import query as q

    if result.graph is not None:
        return result.graph.serialize(format=fmt, encoding="utf-8")
    text = {
        "json": q.to_json,
        "xml": q.to_xml,
        "csv": q.to_csv,
        "tsv": lambda r: q.to_csv(r, "\t"),
    }[fmt](result)
    return text.encode("utf-8")


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }}
textarea {{ width: 100%; height: 12em; font-family: monospace; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
td, th {{ border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; text-align: left; }}
.error {{ color: #a00; white-space: pre-wrap; }}
details {{ margin: 2px 0; }} pre {{ background: #f6f6f6; padding: 6px; }}
</style></head><body>
<h1>kg SPARQL endpoint</h1>
<p>Read-only. The same endpoint answers SPARQL 1.1 Protocol clients at <code>/sparql</code>.</p>
<form method="get" action="/"><textarea name="query">{query}</textarea><br>
<button type="submit">Run</button></form>
{results}
<h2>Named queries</h2>
<p>Each form runs one of kg's named queries; names are matched without case or accents.</p>
{named}
</body></html>
"""


def _cell(term: object) -> str:
    """A result cell; an entity of the graph links to its profile."""
    from rdflib import URIRef

    from kg.namespace import ID

    if term is None:
        return ""
    text = html.escape(str(term))
    if isinstance(term, URIRef) and str(term).startswith(str(ID)):
        href = "/?" + urlencode({"named": "profile", "entity": f"<{term}>"})
        short = html.escape(str(term)[len(str(ID)) :])
        return f'<a href="{html.escape(href)}" title="{text}">{short}</a>'
    return text


def _named_form(nq: NamedQuery, values: dict[str, str]) -> str:
    fields = "".join(
        f'<label>{html.escape(p.name)} <input name="{html.escape(p.name)}" '
        f'value="{html.escape(values.get(p.name, ""))}"'
        f'{" required" if p.required else ""} title="{html.escape(p.description)}"></label> '
        for p in nq.params
    )
    return (
        f'<form class="named" id="q-{html.escape(nq.name)}" method="get" action="/">'
        f'<input type="hidden" name="named" value="{html.escape(nq.name)}">'
        f"<b>{html.escape(nq.name)}</b>: {html.escape(nq.description)}<br>{fields}"
        f'<button type="submit">Run</button>'
        f"<details><summary>SPARQL</summary><pre>{html.escape(nq.text)}</pre></details></form>"
    )


def page(
    query_text: str,
    result: Result | None,
    error: str | None,
    truncated: bool,
    named: str | None = None,
    values: dict[str, str] | None = None,
) -> bytes:
    """The HTML page; every value from the store or the user goes through html.escape."""
    from kg.query import named_queries

    values = values or {}
    parts: list[str] = []
    if named:
        csv_href = f"/query/{quote(named)}?" + urlencode({**values, "format": "csv"})
        parts.append(
            f"<h2>{html.escape(named)}</h2>"
            f'<p><a id="csv" href="{html.escape(csv_href)}">Download CSV</a></p>'
        )
    if error:
        parts.append(f'<p class="error">{html.escape(error)}</p>')
    elif result is not None and result.boolean is not None:
        parts.append(f"<p>{'yes' if result.boolean else 'no'}</p>")
    elif result is not None and result.graph is not None:
        turtle = result.graph.serialize(format="turtle")
        parts.append(f"<pre>{html.escape(turtle)}</pre>")
    elif result is not None:
        head = "".join(f"<th>{html.escape(v)}</th>" for v in result.vars)
        rows = "".join(
            "<tr>" + "".join(f"<td>{_cell(t)}</td>" for t in row) + "</tr>" for row in result.rows
        )
        note = " (cut at the size limit)" if truncated else ""
        parts.append(
            f'<p>{len(result.rows)} row(s){note}</p><table id="results"><tr>{head}</tr>'
            f"{rows}</table>"
        )
    forms = "".join(
        _named_form(nq, values if nq.name == named else {}) for nq in named_queries().values()
    )
    default = query_text or "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
    return PAGE.format(query=html.escape(default), results="".join(parts), named=forms).encode(
        "utf-8"
    )


class Endpoint:
    """The store, the limits and a pool of workers that run queries."""

    def __init__(self, store: Store, limits: Limits | None = None) -> None:
        self.store = store
        self.limits = limits or Limits()
        self.pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="kg-query")
        self.lock = threading.Lock()

    def run(
        self, text: str, bindings: dict | None = None, named: str | None = None
    ) -> tuple[Result, bool]:
        if named is None:
            check_is_query(text)
        from kg import query as q

        def work() -> Result:
            if named is not None:
                return q.run_named(self.store, named, bindings or {})
            return self.store.query(text)

        future = self.pool.submit(work)
        try:
            result = future.result(timeout=self.limits.timeout)
        except FutureTimeout as exc:
            future.cancel()
            raise TimeoutError(f"the query ran longer than {self.limits.timeout:g} s") from exc
        return _truncate(result, self.limits.max_rows)


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    endpoint: Endpoint  # set on the class made by make_server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # ------------------------------------------------------------------ helpers
    def _send(
        self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _answer(
        self,
        text: str | None,
        params: dict[str, list[str]],
        named: str | None = None,
        bindings: dict | None = None,
    ) -> None:
        if not text and named is None:
            self._error(HTTPStatus.BAD_REQUEST, "missing 'query' parameter")
            return
        try:
            result, truncated = self.endpoint.run(text or "", bindings, named)
        except TimeoutError as exc:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
            return
        except QueryError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
            return
        except KgError as exc:
            self._error(HTTPStatus.BAD_GATEWAY, str(exc))
            return
        wanted = (params.get("format") or [""])[0]
        accept = self.headers.get("Accept", "")
        if result.graph is not None:
            fmt = {
                "ttl": "turtle",
                "turtle": "turtle",
                "nt": "nt",
                "jsonld": "json-ld",
                "json-ld": "json-ld",
                "xml": "xml",
                "rdfxml": "xml",
            }.get(wanted) or _negotiate(accept, GRAPH_TYPES, "turtle")
        else:
            fmt = (
                wanted
                if wanted in ("json", "xml", "csv", "tsv")
                else _negotiate(accept, SELECT_TYPES, "json")
            )
        headers = {"X-KG-Truncated": "true"} if truncated else {}
        mime = _CONTENT_TYPE["rdfxml" if result.graph is not None and fmt == "xml" else fmt]
        self._send(HTTPStatus.OK, render(result, fmt), mime + "; charset=utf-8", headers)

    # -------------------------------------------------------------------- verbs
    def do_GET(self) -> None:
        url = urlparse(self.path)
        params = parse_qs(url.query)
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            return
        if url.path == "/sparql":
            self._answer((params.get("query") or [None])[0], params)
        elif url.path == "/":
            text = (params.get("query") or [""])[0]
            named = (params.get("named") or [None])[0]
            values = {
                k: v[0] for k, v in params.items() if k not in ("query", "named") and v[0].strip()
            }
            result = error = None
            truncated = False
            if text or named:
                try:
                    if named:
                        result, truncated = self.endpoint.run("", values, named=named)
                    else:
                        result, truncated = self.endpoint.run(text)
                except (KgError, TimeoutError) as exc:
                    error = str(exc)
            body = page(text, result, error, truncated, named, values)
            self._send(HTTPStatus.OK, body, "text/html; charset=utf-8")
        elif url.path == "/queries":
            from kg.query import named_queries

            body = json.dumps(
                [
                    {
                        "name": q.name,
                        "description": q.description,
                        "params": [p.__dict__ for p in q.params],
                    }
                    for q in named_queries().values()
                ],
                ensure_ascii=False,
            )
            self._send(HTTPStatus.OK, body.encode("utf-8"), "application/json")
        elif url.path.startswith("/query/"):
            name = url.path.removeprefix("/query/")
            values = {k: v[0] for k, v in params.items() if k != "format"}
            self._answer(None, params, named=name, bindings=values)
        else:
            self._error(HTTPStatus.NOT_FOUND, "not found: try / or /sparql")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlparse(self.path)
        if url.path != "/sparql":
            self._error(HTTPStatus.NOT_FOUND, "not found: POST to /sparql")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > 1_000_000:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "query too long")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query)
        if ctype == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            return
        if ctype == "application/sparql-query":
            self._answer(body, params)
            return
        form = parse_qs(body)
        if "update" in form or "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            return
        params.update({k: v for k, v in form.items() if k == "format"})
        self._answer((form.get("query") or params.get("query") or [None])[0], params)

    def _refuse(self) -> None:
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only")

    do_PUT = do_DELETE = do_PATCH = _refuse


def make_server(
    store: Store, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, limits: Limits | None = None
) -> ThreadingHTTPServer:
    """A server ready to ``serve_forever()``; port 0 picks a free port."""
    handler = type("KgHandler", (Handler,), {"endpoint": Endpoint(store, limits)})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve(
    store: Store, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, limits: Limits | None = None
) -> None:
    """Serve until interrupted."""
    server = make_server(store, host, port, limits)
    try:
        server.serve_forever()
    finally:
        server.server_close()
