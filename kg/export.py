"""Writing the graph for other tools: RDF serialisations of the whole store.

Files are written to a temporary file beside the target and renamed into place, so a
failed export never leaves half a file where a good one was.
"""

from __future__ import annotations

import os
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Any

from kg.namespace import PREFIXES
from kg.store import Store, to_ox


class Format(StrEnum):
    """RDF formats; ``ttl`` and ``nt`` merge the article graphs, the others keep them."""

    TTL = "ttl"
    NT = "nt"
    NQ = "nq"
    TRIG = "trig"
    JSONLD = "jsonld"


DATASET_FORMATS = frozenset({Format.NQ, Format.TRIG, Format.JSONLD})


def _ox_format(fmt: Format) -> Any:
    import pyoxigraph as ox

    return {
        Format.TTL: ox.RdfFormat.TURTLE,
        Format.NT: ox.RdfFormat.N_TRIPLES,
        Format.NQ: ox.RdfFormat.N_QUADS,
        Format.TRIG: ox.RdfFormat.TRIG,
        Format.JSONLD: ox.RdfFormat.JSON_LD,
    }[fmt]


def serialise(store: Store, fmt: Format | str) -> bytes:
    """The whole store in one format.

    Serialised by Oxigraph, which writes every literal with its exact lexical form
    (rdflib's Turtle writer turns ``"1"^^xsd:decimal`` into ``1.0``, another RDF term),
    so that an export parses back to the very graph that is stored.
    """
    import pyoxigraph as ox

    fmt = Format(fmt)
    keep_graphs = fmt in DATASET_FORMATS
    direct = getattr(store, "dump_union", None)
    if direct is not None and not keep_graphs:
        # the store keeps the union itself: written straight from it, no copy
        data = direct(_ox_format(fmt), PREFIXES if fmt == Format.TTL else None)
        if data is not None:
            return data
    tmp = ox.Store()
    tmp.bulk_extend(
        ox.Quad(
            to_ox(s),
            to_ox(p),
            to_ox(o),
            to_ox(g) if keep_graphs and g is not None else ox.DefaultGraph(),
        )
        for s, p, o, g in store.quads()
    )
    kwargs: dict[str, Any] = {"format": _ox_format(fmt)}
    if not keep_graphs:
        kwargs["from_graph"] = ox.DefaultGraph()
    if fmt in (Format.TTL, Format.TRIG):
        kwargs["prefixes"] = PREFIXES
    return tmp.dump(**kwargs)


def write_atomic(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        Path(tmp).chmod(mode)  # mkstemp makes 0600 files; keep what a user expects
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def export(store: Store, fmt: Format | str, out: Path | str | None = None) -> bytes:
    """Serialise the store; write it to ``out`` when given. Returns the bytes."""
    data = serialise(store, fmt)
    if out is not None:
        write_atomic(out, data)
    return data


def export_network(
    store: Store, fmt: str, projection: str = "full", out: Path | str | None = None
) -> bytes:
    """A network projection (see :mod:`kg.analyse`) as GraphML or GEXF."""
    import io

    import networkx as nx

    from kg.analyse import project, read_graph

    g = project(read_graph(store), projection)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buf, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(g, buf, encoding="utf-8")
    else:
        raise ValueError(f"unknown network format {fmt!r}")
    data = buf.getvalue()
    if out is not None:
        write_atomic(out, data)
    return data
