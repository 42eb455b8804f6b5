from rdflib.compare import isomorphic

from kg import store as store_mod
from kg.articles import read_file
from kg.build import build, summary
from kg.validate import validate

from .conftest import SEEDS


def test_five_articles_conform_to_the_shapes(seed_store):
    report = validate(seed_store)
    assert report.conforms, [v for v in report.violations[:5]]


def test_summary_counts(seed_store):
    s = summary(seed_store)
    assert s["articles"] == 5
    assert s["entities"]["Person"] >= 6 and s["entities"]["Event"] >= 10
    assert s["triples"] == len(seed_store)


def test_building_twice_gives_the_same_graph(seed_store):
    with store_mod.open("memory:") as st:
        build([SEEDS], st)
        once = st.dataset()
        build([SEEDS], st)
        twice = st.dataset()
        assert len(list(once.quads())) == len(list(twice.quads()))
        assert isomorphic(st.union_graph(), seed_store.union_graph())
        assert set(once.quads()) == set(twice.quads())


def test_a_bad_file_is_reported_and_does_not_touch_the_store(tmp_path, seed_store):
    good = tmp_path / "good.txt"
    good.write_text("Le Vietnam et la Chine ont signé un accord à Hanoï.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe broken")
    with store_mod.open(f"oxigraph:{tmp_path / 's'}") as st:
        build([SEEDS / "001_674f567e8a87d31f.txt"], st)
        before = set(st.quads())
        report = build([bad, good], st)
        assert [str(f.path) for f in report.failures] == [str(bad)]
        assert report.articles == [read_file(good)[0].id]
        after = set(st.quads())
        assert before <= after


def test_every_relation_and_commitment_points_to_its_evidence_sentence(seed_store):
    from kg.articles import read_articles

    texts = {a.id: a.text for a in read_articles([SEEDS])}
    res = seed_store.query("""
        PREFIX kg: <https://w3id.org/kg/ontology#>
        SELECT ?x ?text ?b ?e ?id WHERE {
          { ?x a kg:Assertion } UNION { ?x a kg:Commitment }
          OPTIONAL { ?x kg:evidence ?s . ?s kg:text ?text ; kg:beginIndex ?b ; kg:endIndex ?e ;
                        kg:inArticle ?a . ?a kg:identifier ?id }
        }""")
    assert len(res) > 50
    for x, text, b, e, art in res.rows:
        assert text is not None, f"{x} has no evidence sentence"
        assert texts[str(art)][int(b) : int(e)] == str(text)


def test_mentions_point_into_the_article_text(seed_store):
    from kg.articles import read_articles

    texts = {a.id: a.text for a in read_articles([SEEDS])}
    res = seed_store.query("""
        PREFIX kg: <https://w3id.org/kg/ontology#>
        SELECT ?anchor ?b ?e ?id WHERE {
          ?m a kg:Mention ; kg:anchor ?anchor ; kg:beginIndex ?b ; kg:endIndex ?e ;
             kg:inArticle ?a . ?a kg:identifier ?id }""")
    for anchor, b, e, art in res.rows:
        assert texts[str(art)][int(b) : int(e)] == str(anchor)


def test_a_saved_page_gives_the_entities_of_its_plain_text_and_none_of_the_furniture(tmp_path):
    from kg.entities import list_entities

    from .pages import saved_page

    lines = [ln.strip() for ln in (SEEDS / "002_c231b7b4a89e3f3b.txt").read_text().splitlines()]
    lines = [ln for ln in lines if ln]
    (tmp_path / "plain.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "page.html").write_text(saved_page(lines[0], lines[1:]), encoding="utf-8")
    found = {}
    for name in ("plain.txt", "page.html"):
        with store_mod.open("memory:") as st:
            report = build([tmp_path / name], st)
            assert report.ok and len(report.articles) == 1
            found[name] = {(e.type, e.label) for e in list_entities(st)}
    assert found["page.html"] == found["plain.txt"]
    labels = " ".join(label for _, label in found["page.html"])
    for junk in ("Accepter", "Refuser", "Zalo", "Tran Thi Minh", "Microsoft", "Joko Widodo"):
        assert junk not in labels, junk


def test_a_folder_mixing_every_format_finds_the_entities_of_the_plain_text(tmp_path):
    import json

    from kg.collection import articles
    from kg.entities import list_entities

    from .pages import saved_page

    raw = (SEEDS / "001_674f567e8a87d31f.txt").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    text = "\n".join(lines)
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.txt").write_text(text, encoding="utf-8")
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "a.txt").write_text(text, encoding="utf-8")
    (mixed / "b.md").write_text(
        "---\ntitle: Conférence\ndate: 2025-01-16\nurl: https://ex.org/md\nsource: Notes\n---\n"
        + "\n\n".join(f"**{ln}**" if i == 1 else ln for i, ln in enumerate(lines)),
        encoding="utf-8",
    )
    (mixed / "c.html").write_text(
        saved_page(lines[0], lines[1:], url="https://ex.org/html"), encoding="utf-8"
    )
    (mixed / "d.jsonl").write_text(
        json.dumps({"content": text, "link": "https://ex.org/jsonl", "date": "16/01/2025"}) + "\n",
        encoding="utf-8",
    )
    (mixed / "e.json").write_text(
        json.dumps([{"body": text, "url": "https://ex.org/json", "pubDate": "16 janvier 2025"}]),
        encoding="utf-8",
    )
    with store_mod.open("memory:") as st:
        build([plain], st)
        expected = {(e.type, e.label) for e in list_entities(st)}
    assert expected
    for f in sorted(mixed.iterdir()):
        with store_mod.open("memory:") as st:
            report = build([f], st)
            assert report.ok and len(report.articles) == 1, f.name
            assert {(e.type, e.label) for e in list_entities(st)} == expected, f.name
    with store_mod.open("memory:") as st:
        report = build([mixed], st)
        assert len(report.articles) == 5 and not report.duplicates
        assert sum(1 for r in articles(st) if r.published == "2025-01-16") == 3


def test_two_workers_build_the_same_graph_as_one(tmp_path, nlp):
    from click.testing import CliRunner

    from kg.cli import cli

    urls = [f"oxigraph:{tmp_path / f's{n}'}" for n in (1, 2)]
    for n, url in zip((1, 2), urls, strict=True):
        r = CliRunner().invoke(cli, ["build", str(SEEDS), "--workers", str(n), "--store", url])
        assert r.exit_code == 0, r.output
    with store_mod.open(urls[0], create=False) as one, store_mod.open(urls[1], create=False) as two:
        assert set(one.quads()) == set(two.quads()) and len(one) > 1000
