"""Shared fixtures: one spaCy pipeline per session, real stores, the five seed articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg import store as store_mod
from kg.build import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "articles"
SEED_GOLD = ROOT / "data" / "gold"
DEV = ROOT / "data" / "dev" / "articles"
DEV_GOLD = ROOT / "data" / "dev" / "gold"


def seed(stem: str):
    """The seed article of file ``stem`` as kg reads it (its id is a hash of its text)."""
    from kg.articles import read_file

    (article,) = read_file(SEEDS / f"{stem}.txt")
    return article


def seed_name(stem: str) -> str:
    """How results name a seed article: its headline, and its date when it has one."""
    a = seed(stem)
    return a.title + (f" ({a.published.isoformat()})" if a.published else "")


@pytest.fixture(scope="session")
def nlp():
    from kg.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_store(nlp):
    """The five seed articles built into an in-memory store (read-only for tests)."""
    st = store_mod.open("memory:")
    report = build([SEEDS], st)
    assert report.ok and len(report.articles) == 5
    return st


@pytest.fixture
def memory_store():
    with store_mod.open("memory:") as st:
        yield st


@pytest.fixture
def disk_store(tmp_path):
    with store_mod.open(f"oxigraph:{tmp_path / 'store'}") as st:
        yield st


def require(available: bool, message: str) -> None:
    """A test that needs a program this machine lacks is skipped, saying why; in CI, where
    scripts/test installs everything, it fails instead."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A private Virtuoso for the whole session (scripts/test installs the Debian package)."""
    from . import virtuoso as vt

    require(
        vt.available(),
        "Virtuoso is not installed here (Debian package "
        "virtuoso-opensource; scripts/test installs it)",
    )
    server = vt.start(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


def clear_sparql_store(st) -> None:
    for article in st.article_ids():
        st.remove_article(article)
    for g in st._graphs():
        st.update(f"DROP SILENT GRAPH <{g}>")
    st.update(f"DROP SILENT GRAPH <{store_mod.UNION_GRAPH}>")
