"""The timeline page: events and commitments by date, per actor, escaped."""

from datetime import date

from click.testing import CliRunner

from kg import store as store_mod
from kg.build import build_articles
from kg.cli import cli
from kg.model import Article
from kg.timeline import moments, render_timeline

from .conftest import DEV


def test_moments_are_dated_ordered_and_escaped(nlp, tmp_path):
    evil = Article(
        "t1",
        "Le Vietnam s'engage à former 1 000 ingénieurs <script>alert(1)</script> lors du "
        "Forum numérique ASEAN 2025 à Hanoï.",
        "t1.txt",
        published=date(2025, 3, 4),
        published_precision="day",
    )
    with store_mod.open("memory:") as st:
        build_articles([evil], st)
        found = moments(st)
        assert found and [m.when for m in found] == sorted(m.when for m in found)
        page = render_timeline(found)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert 'lang="fr"' in page and "Engagements" in page


def test_cli_timeline_of_one_actor(tmp_path, nlp):
    url = f"oxigraph:{tmp_path / 's'}"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(DEV), "--store", url]).exit_code == 0
    out = tmp_path / "t.html"
    r = runner.invoke(cli, ["timeline", "-o", str(out), "--store", url])
    assert r.exit_code == 0, r.output
    every = out.read_text(encoding="utf-8").count("<tr>")
    r = runner.invoke(
        cli, ["timeline", "-o", str(out), "--actor", "Cambodge", "--lang", "en", "--store", url]
    )
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert 1 < page.count("<tr>") < every and "Commitments" in page
    r = runner.invoke(cli, ["timeline", "-o", str(out), "--actor", "Atlantide", "--store", url])
    assert r.exit_code == 1 and "no entity is named" in r.output
