"""The notebooks run in a real Jupyter kernel, from their own folder, as a reader runs
them, and show what they promise (tables, charts, answers)."""

import json

import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXPECTED = {
    "01-build-and-look.ipynb": ["Vietnam", "graph.html True", "@prefix"],
    "02-questions.ipynb": ["Sun Weidong", "names 2 entities"],
    "03-network-analysis.ipynb": ["image/png", "Vietnam"],
    "04-commitments.ipynb": ["image/png", "pledge"],
}


def test_there_are_the_four_notebooks():
    assert [p.name for p in NOTEBOOKS] == sorted(EXPECTED)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_in_a_kernel_from_its_own_folder(path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()  # raises CellExecutionError on the first cell that fails
    outputs = json.dumps(
        [c.get("outputs", []) for c in nb.cells if c.cell_type == "code"], ensure_ascii=False
    )
    for wanted in EXPECTED[path.name]:
        assert wanted in outputs, (path.name, wanted)
    assert "Traceback" not in outputs


def test_saved_notebooks_carry_small_outputs_and_no_machine_paths():
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(c.get("outputs") for c in code[1:]), f"{path.name}: run and save it with outputs"
        text = path.read_text(encoding="utf-8")
        assert path.stat().st_size < 200_000, path.name
        import tempfile
        from pathlib import Path

        for here in (str(ROOT), tempfile.gettempdir() + "/", str(Path.home()) + "/"):
            assert here not in text, (path.name, "a path of the machine that ran it")
        assert "from kg." in text and "kg._" not in text  # the public API only
