import itertools
import json
import subprocess
import sys

from click.testing import CliRunner

from kg.cli import cli

from .conftest import ROOT, SEED_GOLD, SEEDS


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for name, cmd in cli.commands.items():
        assert cmd.help, name
        assert runner.invoke(cli, [name, "--help"]).exit_code == 0
        assert f"kg {name}" in readme, name


def test_build_validate_export_draw_stats(tmp_path, nlp):
    runner = CliRunner()
    url = f"oxigraph:{tmp_path / 'store'}"
    r = runner.invoke(cli, ["build", str(SEEDS / "001_674f567e8a87d31f.txt"), "--store", url])
    assert r.exit_code == 0, r.output
    assert "articles" in r.output
    assert runner.invoke(cli, ["validate", "--store", url]).exit_code == 0
    out = tmp_path / "g.ttl"
    r = runner.invoke(cli, ["export", "--format", "ttl", "-o", str(out), "--store", url])
    assert r.exit_code == 0 and out.stat().st_size > 1000
    r = runner.invoke(cli, ["draw", "-o", str(tmp_path / "g.html"), "--store", url])
    assert r.exit_code == 0
    r = runner.invoke(cli, ["stats", "--json", "--store", url])
    assert json.loads(r.output)["articles"] == 1


def test_errors_are_one_clean_line(tmp_path):
    r = CliRunner().invoke(cli, ["build", str(tmp_path / "missing"), "--store", "memory:"])
    assert r.exit_code == 1
    assert "no such file or folder" in r.output
    assert "Traceback" not in r.output


def test_evaluate_json(nlp):
    r = CliRunner().invoke(cli, ["evaluate", "--gold", str(SEED_GOLD), "--json"])
    assert r.exit_code == 0, r.output
    s = json.loads(r.output)
    assert set(s) == {"entities", "relations", "commitments", "articles", "thresholds"}
    assert set(s["entities"]) == {"micro", "untyped", "by_type"}
    assert s["articles"] == 5
    # precision can only rise, and recall only fall, as the threshold rises
    ts = s["thresholds"]
    assert [t["threshold"] for t in ts] == sorted(t["threshold"] for t in ts)
    for a, b in itertools.pairwise(ts):
        assert b["entities"]["recall"] <= a["entities"]["recall"]
        assert b["relations"]["predicted"] <= a["relations"]["predicted"]


def test_end_to_end_subprocess(tmp_path):
    url = f"oxigraph:{tmp_path / 'store'}"
    kg = [sys.executable, "-m", "kg"]
    subprocess.run(
        [*kg, "build", str(SEEDS / "002_c231b7b4a89e3f3b.txt"), "--store", url],
        check=True,
        capture_output=True,
    )
    done = subprocess.run([*kg, "validate", "--store", url], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_entities_and_merges(tmp_path, nlp):
    runner = CliRunner()
    url = f"oxigraph:{tmp_path / 'store'}"
    runner.invoke(cli, ["build", str(SEEDS / "003_ecde8b491878ae6b.txt"), "--store", url])
    r = runner.invoke(cli, ["entities", "--type", "Person", "--format", "json", "--store", url])
    assert r.exit_code == 0, r.output
    people = {p["label"]: p for p in json.loads(r.output)}
    assert people["Jonathan Baker"]["mentions"] >= 4
    assert "Johnathan Bake" in people["Jonathan Baker"]["names"]
    r = runner.invoke(cli, ["entities", "--merges", "--format", "json", "--store", url])
    merges = {(m["name"], m["label"]): m["reason"] for m in json.loads(r.output)}
    assert merges[("Johnathan Bake", "Jonathan Baker")] == "spelling variant"
    assert merges[("Baker", "Jonathan Baker")] == "short form"


def test_evaluate_dump_writes_predictions_in_the_gold_format(tmp_path, nlp):
    from kg.evaluate import load_gold

    out = tmp_path / "pred"
    r = CliRunner().invoke(cli, ["evaluate", "--gold", str(SEED_GOLD), "--dump", str(out)])
    assert r.exit_code == 0, r.output
    files = sorted(p.name for p in out.glob("*.json"))
    assert files == sorted(p.name for p in SEED_GOLD.glob("*.json"))
    pred = load_gold(out / "002_c231b7b4a89e3f3b.json")  # parses as a gold file
    assert any(e.name == "Sun Weidong" for e in pred.entities)
    assert any(c.kind == "pledge" for c in pred.commitments)
