"""Gazetteers and lexicons from ``data/``: plain TSV files, read once.

Keeping the domain knowledge in data files (with a source note) rather than in code
means an analyst can extend it without touching Python, and a reviewer can check that
every entry is general knowledge rather than a fit to one article.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.errors import ExtractionError

DATA_DIR = Path(os.environ.get("KG_DATA_DIR", Path(__file__).resolve().parents[2] / "data"))


def _rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise ExtractionError(f"{path}: lexicon file is missing")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = []
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or not "".join(row).strip() or row[0].startswith("#"):
                continue
            rows.append([c.strip() for c in row])
        return rows


def _cell(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def adjective_forms(masculine: str) -> list[str]:
    """The four forms of a French adjective of nationality from its masculine singular.

    >>> adjective_forms("sud-coréen")
    ['sud-coréen', 'sud-coréenne', 'sud-coréens', 'sud-coréennes']
    >>> adjective_forms("français")
    ['français', 'française', 'françaises']
    >>> adjective_forms("grec")
    ['grec', 'grecque', 'grecs', 'grecques']
    """
    irregular = {"grec": "grecque", "turc": "turque", "lao": "lao"}
    m = masculine
    if m in irregular:
        f = irregular[m]
    elif m.endswith("en"):
        f = m + "ne"
    elif m.endswith("e"):
        f = m
    else:
        f = m + "e"
    invariable = m == f == "lao"
    mp = m if m.endswith(("s", "x")) or invariable else m + "s"
    fp = f if invariable else f + "s"
    forms: list[str] = []
    for form in (m, f, mp, fp):
        if form not in forms:
            forms.append(form)
    return forms


@dataclass(frozen=True)
class Country:
    iso: str
    wikidata: str | None
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class KnownOrganisation:
    id: str
    wikidata: str | None
    kind: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class KnownPlace:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str
    wikidata: str | None


@dataclass(frozen=True)
class Lexicon:
    countries: tuple[Country, ...]
    organisations: tuple[KnownOrganisation, ...]
    places: tuple[KnownPlace, ...]
    roles: frozenset[str]
    honorifics: frozenset[str]
    event_heads: dict[str, str] = field(hash=False)
    initiative_heads: dict[str, str] = field(hash=False)
    organisation_heads: dict[str, str] = field(hash=False)
    generic_acronyms: frozenset[str] = frozenset()

    def country(self, iso: str) -> Country:
        for c in self.countries:
            if c.iso == iso:
                return c
        raise KeyError(iso)


def _pairs(path: Path) -> dict[str, str]:
    return {r[0].lower(): _cell(r, 1) for r in _rows(path)}


@cache
def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Read every gazetteer and lexicon file once per process."""
    gaz, lex = data_dir / "gazetteer", data_dir / "lexicon"
    countries = tuple(
        Country(
            iso=r[0],
            wikidata=_cell(r, 1) or None,
            name=r[2],
            aliases=tuple(_split(_cell(r, 3))),
            adjectives=tuple(f for adj in _split(_cell(r, 4)) for f in adjective_forms(adj)),
            capitals=tuple(_split(_cell(r, 5))),
        )
        for r in _rows(gaz / "countries.tsv")
    )
    organisations = tuple(
        KnownOrganisation(
            id=r[0],
            wikidata=_cell(r, 1) or None,
            kind=_cell(r, 2),
            name=r[3],
            aliases=tuple(_split(_cell(r, 4))),
        )
        for r in _rows(gaz / "organisations.tsv")
    )
    places = tuple(
        KnownPlace(
            name=r[0],
            aliases=tuple(_split(_cell(r, 1))),
            country=_cell(r, 2) or None,
            kind=_cell(r, 3),
            wikidata=_cell(r, 4) or None,
        )
        for r in _rows(gaz / "places.tsv")
    )
    return Lexicon(
        countries=countries,
        organisations=organisations,
        places=places,
        roles=frozenset(r[0].lower() for r in _rows(lex / "roles.tsv")),
        honorifics=frozenset(r[0] for r in _rows(lex / "honorifics.tsv")),
        event_heads=_pairs(lex / "events.tsv"),
        initiative_heads=_pairs(lex / "initiatives.tsv"),
        organisation_heads=_pairs(lex / "organisation_heads.tsv"),
        generic_acronyms=frozenset(r[0] for r in _rows(lex / "generic_acronyms.tsv")),
    )
