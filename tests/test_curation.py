"""Curation: corrections in a file, applied on every build, recorded, surviving rebuilds."""

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from kg import curation
from kg import store as store_mod
from kg.build import build
from kg.cli import cli
from kg.entities import list_entities, list_merges, suggest
from kg.export import export
from kg.namespace import KG
from kg.validate import validate

from .conftest import SEEDS

TWO = SEEDS / "002_c231b7b4a89e3f3b.txt"


def labels(st, etype=None):
    return {r.label for r in list_entities(st, etype)}


def write(tmp_path, text):
    p = tmp_path / "curation.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_a_merge_and_a_dropped_fact_show_in_turtle_and_survive_a_rebuild(tmp_path, nlp):
    cur_file = write(
        tmp_path,
        "- same-as: [Cho Tae-yul, Sun Weidong]\n  note: test merge\n  by: tester\n"
        "  date: 2026-12-01\n"
        "- drop-fact: {subject: Cho Tae-yul, predicate: holdsRole, object: Corée du Sud}\n",
    )
    cur = curation.load(cur_file)
    with store_mod.open(f"oxigraph:{tmp_path / 'store'}") as st:
        for _ in range(2):  # the second build is a rebuild of the same article
            report = build([TWO], st, curation=cur)
            assert report.curated and not report.curation_warnings
            people = labels(st, "Person")
            assert "Cho Tae-yul" in people and "Sun Weidong" not in people
            ttl = Graph().parse(data=export(st, "ttl"), format="turtle")
            cho = next(r.iri for r in list_entities(st, "Person") if r.label == "Cho Tae-yul")
            korea = next(r.iri for r in list_entities(st, "Country") if r.label == "Corée du Sud")
            assert (URIRef(cho), KG.holdsRole, URIRef(korea)) not in ttl
            entries = list(ttl.subjects(KG.action, None))
            assert len(entries) == 2
            assert any(str(n) == "test merge" for n in ttl.objects(None, KG.note))
            merges = [m for m in list_merges(st) if m.reason.startswith("curation: same-as")]
            assert [(m.name, m.label) for m in merges] == [("Sun Weidong", "Cho Tae-yul")]
            assert "test merge" in merges[0].reason and "tester" in merges[0].reason
            assert validate(st).conforms


def test_rename_retype_drop_and_add_fact(tmp_path, nlp):
    cur = curation.load(
        write(
            tmp_path,
            "- rename: {entity: Cho Tae-yul, to: Cho Tae-yul (ministre)}\n"
            "- retype: {entity: Person:Sun Weidong, to: Organisation}\n"
            "- drop: Country:Royaume-Uni\n"
            "- add-fact: {subject: Cho Tae-yul (ministre), predicate: partnerOf, "
            "object: ASEAN, note: from the joint statement}\n",
        )
    )
    with store_mod.open("memory:") as st:
        report = build([TWO], st, curation=cur)
        assert len(report.curated) == 4, report.curation_warnings
        assert "Cho Tae-yul (ministre)" in labels(st, "Person")
        assert "Sun Weidong" in labels(st, "Organisation")
        assert "Royaume-Uni" not in labels(st)
        res = st.query(
            "SELECT ?a ?n WHERE { ?a a ?t ; ?cb ?entry . ?entry ?np ?n }",
            {"t": KG.Assertion, "cb": KG.curatedBy, "np": KG.note},
        )
        assert [str(r[1]) for r in res.rows] == ["from the joint statement"]
        assert validate(st).conforms


def test_different_from_keeps_two_names_apart(tmp_path, nlp):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Le Premier ministre Pham Minh Chinh a visité Hanoï le 3 mars.", encoding="utf-8")
    b.write_text(
        "Le Premier ministre Pham Chinh a rencontré le président Joe Biden à Tokyo. "
        "Pham Chinh a salué la coopération.",
        encoding="utf-8",
    )
    with store_mod.open("memory:") as st:
        build([a, b], st)
        assert "Pham Chinh" not in labels(st, "Person")  # merged as a first-name variant
    cur = curation.load(write(tmp_path, "- different-from: [Pham Minh Chinh, Pham Chinh]\n"))
    with store_mod.open("memory:") as st:
        build([a, b], st, curation=cur)
        assert {"Pham Minh Chinh", "Pham Chinh"} <= labels(st, "Person")


@pytest.mark.parametrize(
    "text, message",
    [
        ("same-as: x", "expected a list of entries"),
        ("- merge: [a, b]", "entry 1: needs exactly one of"),
        ("- same-as: [a]", "entry 1: same-as needs a list of two names"),
        ("- retype: {entity: a, to: Animal}", "unknown type 'Animal'"),
        ("- drop-fact: {subject: a, predicate: likes, object: b}", "unknown predicate 'likes'"),
        ("- rename: {entity: a}", "rename needs {entity: …, to: …}"),
    ],
)
def test_a_bad_curation_file_is_a_clear_error(tmp_path, text, message):
    with pytest.raises(curation.CurationError) as err:
        curation.load(write(tmp_path, text))
    assert str(tmp_path / "curation.yaml") in str(err.value) and message in str(err.value)


def test_unknown_names_are_reported_not_guessed(tmp_path, nlp):
    cur = curation.load(write(tmp_path, "- drop: Personne Inconnue\n"))
    with store_mod.open("memory:") as st:
        report = build([TWO], st, curation=cur)
        assert (
            report.curation_warnings and "no stored entity is named" in report.curation_warnings[0]
        )


def test_cli_finds_the_file_next_to_the_store_and_suggests(tmp_path, nlp):
    (tmp_path / "curation.yaml").write_text("- drop: Country:Royaume-Uni\n", encoding="utf-8")
    url = f"oxigraph:{tmp_path / 'store'}"
    runner = CliRunner()
    r = runner.invoke(cli, ["build", str(TWO), "--store", url])
    assert r.exit_code == 0, r.output
    assert "curation: 1 entr(y/ies) applied" in r.output
    r = runner.invoke(cli, ["entities", "--type", "Country", "--store", url])
    assert "Royaume-Uni" not in r.output
    r = runner.invoke(cli, ["entities", "--suggest", "--store", url])
    assert r.exit_code == 0 and "suggestion(s)" in r.output
    with store_mod.open(url, create=False, read_only=True) as st:
        for s in suggest(st):
            assert s.entry.startswith("- ") and s.kind in ("duplicate", "junk")
