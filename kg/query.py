"""Named, parameterised SPARQL queries (``kg/queries/*.rq``) and result formatting.

Each ``.rq`` file starts with comment lines that declare it::

    # description: Commitments made by an actor …
    # param: actor entity required - who committed
    # param: since date optional - …

A parameter is never pasted into the query text. An ``entity`` parameter is a name,
matched case- and accent-insensitively against every label and alternative label, and
bound as the IRIs it matches (or an IRI given as ``<…>``); ``text`` is bound as a string
literal and ``date`` as an ``xsd:date``. Values go into a ``VALUES`` block
(:func:`kg.sparql.bind`), so quotes, braces or SPARQL keywords in a value can change
nothing but the match.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.extract.text import normalise
from kg.store import Result, Store

QUERY_DIR = Path(__file__).resolve().parent / "queries"
PARAM_KINDS = ("entity", "text", "date", "number")
FORMATS = ("table", "csv", "tsv", "json")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path


def parse_query_file(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its declared description and parameters."""
    text = path.read_text(encoding="utf-8")
    description = ""
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            continue
        body = line.lstrip("#").strip()
        if body.startswith("description:"):
            description = body.split(":", 1)[1].strip()
        elif body.startswith("param:"):
            m = re.match(r"param:\s*(\w+)\s+(\w+)\s+(required|optional)\s*(?:-\s*(.*))?$", body)
            if not m or m.group(2) not in PARAM_KINDS:
                raise QueryError(f"{path}: malformed parameter line {line!r}")
            params.append(Param(m.group(1), m.group(2), m.group(3) == "required", m.group(4) or ""))
    if not description:
        raise QueryError(f"{path}: no '# description:' line")
    return NamedQuery(path.stem, description, tuple(params), text, path)


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with kg, by name."""
    return {q.name: q for q in map(parse_query_file, sorted(QUERY_DIR.glob("*.rq")))}


def _labels(store: Store) -> dict[str, set[tuple[URIRef, str, str]]]:
    """normalised name → (IRI, type, label) of every entity bearing it."""
    classes = " ".join(f"<https://w3id.org/kg/ontology#{t}>" for t in _TYPES)
    res = store.query(
        f"""SELECT DISTINCT ?e ?cls ?label ?l WHERE {{
              VALUES ?cls {{ {classes} }}
              ?e a ?cls ; <http://www.w3.org/2000/01/rdf-schema#label> ?label .
              {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }}
              UNION {{ ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?l }} }}"""
    )
    out: dict[str, set[tuple[URIRef, str, str]]] = {}
    for e, cls, label, name in res.rows:
        if isinstance(e, URIRef):
            t = str(cls).rsplit("#", 1)[-1]
            out.setdefault(normalise(str(name)), set()).add((e, t, str(label)))
    return out


_TYPES = ("Person", "Organisation", "Country", "Place", "Event", "Initiative")


def _listing(hits: Iterable[tuple[URIRef, str, str]]) -> str:
    return "; ".join(sorted({f"{t}:{label}" for _, t, label in hits}))


def find_entities(store: Store, name: str) -> list[URIRef]:
    """The entity ``name`` means: its label or another name, up to case, accents, spaces
    and a leading article ("Type:name" when two types share it), else the one entity
    whose label holds all its words. An IRI (``<…>`` or ``http…``) is taken as given.

    Unknown and ambiguous names are errors that list the close candidates: an answer
    about the wrong entity, or about two mixed together, reads like a right one."""
    if name.startswith("<") and name.endswith(">"):
        return [URIRef(name[1:-1])]
    if re.match(r"^https?://\S+$", name):
        return [URIRef(name)]
    wanted, sep, rest = name.partition(":")
    if sep and wanted in _TYPES:
        name = rest.strip()
    else:
        wanted = ""
    labels = _labels(store)
    key = normalise(name)

    def of_type(hits: Iterable[tuple[URIRef, str, str]]) -> set[tuple[URIRef, str, str]]:
        return {h for h in hits if not wanted or h[1] == wanted}

    hits = of_type(labels.get(key, set()))
    if not hits:
        words = key.split()
        hits = of_type(
            h
            for label, found in labels.items()
            if all(w in label.split() for w in words)
            for h in found
        )
    iris = {h[0] for h in hits}
    if len(iris) == 1:
        return sorted(iris)
    if len(iris) > 1:
        raise QueryError(
            f"{name!r} names {len(iris)} entities: {_listing(hits)} "
            "(give the full name, or Type:name)"
        )
    from difflib import get_close_matches

    close = get_close_matches(key, list(labels), n=5, cutoff=0.6)
    near = _listing(h for c in close for h in of_type(labels[c]))
    raise QueryError(f"no entity is named {name!r}" + (f"; did you mean {near}?" if near else ""))


_ACCENTS = {
    "a": "aàâäáãå",
    "e": "eéèêë",
    "i": "iîïíì",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "c": "cç",
    "y": "yÿý",
    "n": "nñ",
    "d": "dđ",
}


def accent_pattern(text: str) -> str:
    """A regular expression matching ``text`` whatever its accents (``REGEX(…, "i")``).

    >>> accent_pattern("sécurité")
    's[eéèêë][cç][uùûüú]r[iîïíì]t[eéèêë]'
    """
    out = []
    for ch in normalise(text):
        base = ch.lower()
        if ch.isspace():
            out.append(r"\s+")
        else:
            out.append(f"[{_ACCENTS[base]}]" if base in _ACCENTS else re.escape(ch))
    return "".join(out)


def _term(store: Store, param: Param, value: str) -> Node | list[Node]:
    if param.kind == "entity":
        return find_entities(store, value)  # type: ignore[return-value]
    if param.kind == "date":
        try:
            return Literal(date.fromisoformat(value).isoformat(), datatype=XSD.date)
        except ValueError as exc:
            raise QueryError(
                f"parameter {param.name!r}: {value!r} is not a date (YYYY-MM-DD)"
            ) from exc
    if param.kind == "number":
        if not re.fullmatch(r"\d+", value.strip()):
            raise QueryError(f"parameter {param.name!r}: {value!r} is not a whole number")
        return Literal(int(value), datatype=XSD.integer)
    return Literal(value)


def bindings_for(store: Store, query: NamedQuery, values: dict[str, str]) -> dict:
    """Turn ``name=value`` strings into bound RDF terms, checking the declaration."""
    declared = {p.name: p for p in query.params}
    unknown = set(values) - set(declared)
    if unknown:
        raise QueryError(
            f"query {query.name!r} has no parameter {sorted(unknown)[0]!r}; "
            f"it takes: {', '.join(declared) or 'none'}"
        )
    missing = [p.name for p in query.params if p.required and p.name not in values]
    if missing:
        raise QueryError(f"query {query.name!r} needs --param {missing[0]}=…")
    out: dict = {k: _term(store, declared[k], v) for k, v in values.items()}
    for k, v in values.items():
        if declared[k].kind == "text":  # for REGEX(?x, ?k_re, "i"): accents and case aside
            out[f"{k}_re"] = Literal(accent_pattern(v))
    return out


def run_named(store: Store, name: str, values: dict[str, str] | None = None) -> Result:
    """Run a named query with its parameters."""
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no query named {name!r}; kg query --list shows them")
    q = queries[name]
    return store.query(q.text, bindings_for(store, q, values or {}))


def with_prefixes(text: str) -> str:
    """The query with kg's usual prefixes declared (kg:, kgid:, schema:, rdfs:, skos:, …)
    where it uses them without declaring them.

    >>> with_prefixes("SELECT ?p WHERE { ?p a kg:Person }").splitlines()[0]
    'PREFIX kg: <https://w3id.org/kg/ontology#>'
    """
    from kg.namespace import PREFIXES

    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", text)}
    used = [
        p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w<]){re.escape(p)}:", text)
    ]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used) + text


def run_sparql(store: Store, text: str, values: dict[str, str] | None = None) -> Result:
    """Run raw SPARQL (kg's usual prefixes predeclared); ``values`` are bound as string
    literals (or IRIs given as <…>)."""
    bound = {
        k: URIRef(v[1:-1]) if v.startswith("<") and v.endswith(">") else Literal(v)
        for k, v in (values or {}).items()
    }
    return store.query(with_prefixes(text), bound)


# ----------------------------------------------------------------------------- output


def _plain(term: Node | None) -> str:
    return "" if term is None else str(term)


def to_csv(result: Result, delimiter: str = ",") -> str:
    buf = io.StringIO()
    if delimiter == "\t":
        # SPARQL TSV: terms in N-Triples form
        from kg.sparql import nt_term

        buf.write("\t".join(f"?{v}" for v in result.vars) + "\n")
        for row in result.rows:
            buf.write(
                "\t".join(
                    "" if t is None else (f"_:{t}" if isinstance(t, BNode) else nt_term(t))
                    for t in row
                )
                + "\n"
            )
        return buf.getvalue()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(result.vars)
    for row in result.rows:
        w.writerow([_plain(t) for t in row])
    return buf.getvalue()


def _json_term(t: Node) -> dict:
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    assert isinstance(t, Literal)
    out = {"type": "literal", "value": str(t)}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype:
        out["datatype"] = str(t.datatype)
    return out


def to_json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean})
    return json.dumps(
        {
            "head": {"vars": list(result.vars)},
            "results": {
                "bindings": [
                    {
                        v: _json_term(t)
                        for v, t in zip(result.vars, row, strict=True)
                        if t is not None
                    }
                    for row in result.rows
                ]
            },
        },
        ensure_ascii=False,
        indent=1,
    )


def to_xml(result: Result) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.boolean is not None:
        out += ["<head/>", f"<boolean>{str(result.boolean).lower()}</boolean>", "</sparql>"]
        return "\n".join(out)
    out.append(
        "<head>"
        + "".join(f"<variable name={quoteattr(v)}/>" for v in result.vars)
        + "</head><results>"
    )
    for row in result.rows:
        out.append("<result>")
        for v, t in zip(result.vars, row, strict=True):
            if t is None:
                continue
            if isinstance(t, URIRef):
                val = f"<uri>{escape(str(t))}</uri>"
            elif isinstance(t, BNode):
                val = f"<bnode>{escape(str(t))}</bnode>"
            else:
                attrs = (
                    f" xml:lang={quoteattr(t.language)}"
                    if t.language
                    else (f" datatype={quoteattr(str(t.datatype))}" if t.datatype else "")
                )
                val = f"<literal{attrs}>{escape(str(t))}</literal>"
            out.append(f"<binding name={quoteattr(v)}>{val}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "\n".join(out)


def format_result(result: Result, fmt: str) -> str:
    """Result as csv, tsv or json text (the CLI renders ``table`` itself)."""
    if result.graph is not None:
        return result.graph.serialize(format="turtle")
    if fmt == "csv":
        return to_csv(result)
    if fmt == "tsv":
        return to_csv(result, "\t")
    if fmt == "json":
        return to_json(result)
    raise QueryError(f"unknown format {fmt!r}")
