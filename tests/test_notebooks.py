"""The notebooks run: their code cells are executed in order, from the repository root."""

import json

import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, nlp, capsys, monkeypatch):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [("".join(c["source"]), i) for i, c in enumerate(cells) if c["cell_type"] == "code"]
    assert code, f"{path.name} has no code"
    namespace: dict = {"__name__": "__notebook__"}
    monkeypatch.chdir(ROOT)
    for source, i in code:
        exec(compile(source, f"{path.name}[cell {i}]", "exec"), namespace)
    out = capsys.readouterr().out
    assert "Sun Weidong" in out and "@prefix kg:" in out


def test_there_is_a_notebook():
    assert NOTEBOOKS
