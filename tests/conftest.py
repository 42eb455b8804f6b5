"""Shared fixtures: one spaCy pipeline per session, real stores, the five seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import store as store_mod
from kg.build import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "articles"
SEED_GOLD = ROOT / "data" / "gold"
DEV = ROOT / "data" / "dev" / "articles"
DEV_GOLD = ROOT / "data" / "dev" / "gold"


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
