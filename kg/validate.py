"""SHACL validation of the stored graph against ``ontology/shapes.ttl``.

The ontology is mixed into the data graph (``ont_graph``) so that subclass links count
(a ``kg:Person`` is a ``kg:Agent``), but no inference adds types: a wrong triple must show
up as a violation, not be explained away.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import RDF, Graph, Namespace
from rdflib.term import Node

from kg.namespace import ONTOLOGY_FILE, SHAPES_FILE
from kg.store import Store

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str
    shape: str | None


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    text: str


@cache
def _graphs() -> tuple[Graph, Graph]:
    shapes = Graph().parse(SHAPES_FILE)
    ontology = Graph().parse(ONTOLOGY_FILE)
    return shapes, ontology


def _s(node: Node | None) -> str | None:
    return None if node is None else str(node)


def validate_graph(data: Graph) -> ValidationReport:
    from pyshacl import validate as shacl_validate

    shapes, ontology = _graphs()
    conforms, results, text = shacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
    )
    violations = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        violations.append(
            Violation(
                focus=str(results.value(r, SH.focusNode)),
                path=_s(results.value(r, SH.resultPath)),
                message=str(results.value(r, SH.resultMessage) or ""),
                severity=str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
                shape=_s(results.value(r, SH.sourceShape)),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(bool(conforms), tuple(violations), str(text))


def validate(store: Store) -> ValidationReport:
    """Validate everything in the store (all article graphs together)."""
    return validate_graph(store.union_graph())
