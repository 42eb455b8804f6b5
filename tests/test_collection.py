"""A store that grows: list, add (skipping what is unchanged), replace, remove."""

from click.testing import CliRunner

from kg import collection
from kg import store as store_mod
from kg.articles import read_file
from kg.build import build
from kg.cli import cli
from kg.errors import KgError, StoreError

from .conftest import SEEDS

ONE, TWO, THREE = (
    SEEDS / f"{s}.txt"
    for s in ("001_674f567e8a87d31f", "002_c231b7b4a89e3f3b", "004_5aadc083f23c07fc")
)


def test_add_skips_unchanged_and_remove_leaves_the_store_as_before(tmp_path, nlp):
    with store_mod.open(f"oxigraph:{tmp_path / 's'}") as st:
        build([ONE, TWO], st)
        before = set(st.quads())
        rows = collection.articles(st)
        assert {r.id for r in rows} == {read_file(ONE)[0].id, read_file(TWO)[0].id}
        assert all(r.headline and r.entities > 0 for r in rows)
        report = collection.add([ONE, THREE], st)
        assert [a.id for a in report.unchanged] == [read_file(ONE)[0].id]
        assert report.articles == [read_file(THREE)[0].id]
        assert len(collection.articles(st)) == 3
        removed = collection.remove([THREE.name], st)  # by file name
        assert removed == [read_file(THREE)[0].id]
        assert set(st.quads()) == before


def test_a_changed_file_replaces_its_article(tmp_path, nlp):
    f = tmp_path / "note.txt"
    f.write_text("Le Vietnam et le Japon ont signé un accord à Hanoï.", encoding="utf-8")
    with store_mod.open("memory:") as st:
        collection.add([f], st)
        (old,) = collection.articles(st)
        f.write_text("Le Vietnam et la Corée du Sud ont signé un accord à Séoul.", encoding="utf-8")
        report = collection.add([f], st)
        (new,) = collection.articles(st)
        assert report.replaced == [old.id] and new.id != old.id


def test_remove_checks_every_reference_first(memory_store):
    try:
        collection.remove(["nope"], memory_store)
    except KgError as exc:
        assert "no stored article is named 'nope'" in str(exc)
    else:
        raise AssertionError("an unknown article must be an error")


def test_a_missing_store_is_an_error_except_for_build_and_add(tmp_path):
    missing = tmp_path / "typo"
    runner = CliRunner()
    for cmd in (["stats"], ["articles"], ["export", "--format", "ttl"], ["remove", "x"]):
        r = runner.invoke(cli, [*cmd, "--store", f"oxigraph:{missing}"])
        assert r.exit_code == 1 and "there is no store at" in r.output, (cmd, r.output)
        assert not missing.exists()
    try:
        store_mod.open(f"oxigraph:{missing}", create=False)
    except StoreError:
        pass
    else:
        raise AssertionError("a missing store must not be created")


def test_read_commands_run_while_the_store_is_open_elsewhere(tmp_path, nlp):
    url = f"oxigraph:{tmp_path / 's'}"
    runner = CliRunner()
    assert runner.invoke(cli, ["add", str(ONE), "--store", url]).exit_code == 0
    with store_mod.open(url, create=False, read_only=True) as served:  # as kg serve holds it
        r = runner.invoke(cli, ["articles", "--format", "json", "--store", url])
        assert r.exit_code == 0, r.output
        assert read_file(ONE)[0].id in r.output
        assert len(served.article_ids()) == 1
        try:
            served.remove_article(read_file(ONE)[0].id)
        except StoreError as exc:
            assert "read-only" in str(exc)
        else:
            raise AssertionError("a read-only store must refuse writes")


def test_cli_reports_duplicates_language_and_bad_lines(tmp_path, nlp):
    d = tmp_path / "in"
    d.mkdir()
    text = "Le Vietnam et le Japon ont signé un accord sur les semi-conducteurs à Hanoï."
    (d / "a.txt").write_text(text, encoding="utf-8")
    (d / "b.txt").write_text(text + "\n", encoding="utf-8")
    (d / "en.txt").write_text(
        "The Vietnamese minister met his Japanese counterpart in Hanoi to sign an agreement "
        "on semiconductors.",
        encoding="utf-8",
    )
    (d / "feed.jsonl").write_text(
        '{"text": "La Chine propose un fonds à l\'ASEAN."}\n{bad\n', encoding="utf-8"
    )
    url = f"oxigraph:{tmp_path / 's'}"
    r = CliRunner().invoke(cli, ["build", str(d), "--store", url])
    assert r.exit_code == 1  # the bad line
    assert "duplicate:" in r.output and "b.txt" in r.output
    assert "skipped:" in r.output and "'en'" in r.output
    assert "feed.jsonl: line 2: invalid JSON" in r.output
    assert "Built 2 article(s)" in r.output
    r = CliRunner().invoke(cli, ["build", str(d / "en.txt"), "--lang-any", "--store", url])
    assert "Built 1 article(s)" in r.output


def test_read_commands_run_beside_a_real_kg_serve(tmp_path, nlp):
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    url = f"oxigraph:{tmp_path / 's'}"
    assert CliRunner().invoke(cli, ["add", str(ONE), "--store", url]).exit_code == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", url, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError(
                server.stderr.read().decode() if server.poll() is not None else "no server"
            )
        for cmd in (["articles"], ["stats"], ["entities", "--type", "Country"]):
            r = CliRunner().invoke(cli, [*cmd, "--store", url])
            assert r.exit_code == 0, (cmd, r.output)
        assert "Vietnam" in r.output
    finally:
        server.terminate()
        server.wait(timeout=10)
