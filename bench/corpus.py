"""A generator of realistic extraction results at any scale, for store, query, export and
analysis benchmarks: N articles whose people, organisations, events and initiatives are
distinct (drawn from combinatorial name pools, as in years of news), while countries and
international bodies recur as they do (from kg's gazetteer). Each article gets a text in
which every mention really sits at its offsets, so the graphs are what kg would store.
Ingest (extraction) is measured on the real annotated articles instead.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from kg.model import (
    Article,
    Commitment,
    CommitmentKind,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Predicate,
    Relation,
    Sentence,
)

ROOT = Path(__file__).resolve().parent.parent
FIRST = (
    "Nguyen Tran Le Pham Hoang Vu Vo Dang Bui Do Ngo Duong Ly Kim Park Lee Tanaka Sato Chen "
    "Wang Li Zhang"
).split()
MIDDLE = "Van Thi Minh Duc Quoc Thanh Hong Ngoc Anh Tuan Hai Xuan".split()
LAST = "Hung Lan Dung Son Hoa Binh Khanh Phuong Trung Long Mai Nam Quang Tam Viet Yen".split()
ORG_HEAD = (
    "Ministère Agence Institut Centre Conseil Fondation Banque Autorité Office Académie".split()
)
ORG_TAIL = [
    "du numérique",
    "de l'innovation",
    "des télécommunications",
    "de la cybersécurité",
    "de l'intelligence artificielle",
    "des semi-conducteurs",
    "des données",
    "de la recherche",
]
EVENT_HEAD = ["Forum", "Sommet", "Dialogue", "Conférence", "Réunion ministérielle", "Salon"]
EVENT_TOPIC = ["numérique", "de l'IA", "de l'innovation", "de la cybersécurité", "des données"]
INIT_HEAD = ["Programme", "Plan", "Stratégie", "Initiative", "Fonds", "Réseau"]
TITLES = ["ministre", "vice-ministre", "directeur général", "président", "secrétaire d'État"]


def _gazetteer(name: str, col: int) -> list[str]:
    rows = (ROOT / "data" / "gazetteer" / name).read_text(encoding="utf-8").splitlines()
    return [r.split("\t")[col] for r in rows if r and not r.startswith("#")]


COUNTRIES = _gazetteer("countries.tsv", 2)
BODIES = _gazetteer("organisations.tsv", 3)


class Writer:
    """Builds one article's text sentence by sentence, recording exact mention offsets."""

    def __init__(self) -> None:
        self.text = ""
        self.sentences: list[Sentence] = []
        self.mentions: dict[str, list[Mention]] = {}

    def sentence(self, *parts: str | tuple[str, str]) -> int:
        start = len(self.text)
        index = len(self.sentences)
        for part in parts:
            if isinstance(part, tuple):
                key, name = part
                at = len(self.text)
                self.text += name
                self.mentions.setdefault(key, []).append(
                    Mention(at, at + len(name), name, index, "bench", confidence=0.9)
                )
            else:
                self.text += part
        self.text += " "
        self.sentences.append(Sentence(index, start, len(self.text) - 1, self.text[start:-1]))
        return index


def article(i: int, rng: random.Random) -> Extraction:
    w = Writer()
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    people = [
        f"{rng.choice(FIRST)} {rng.choice(MIDDLE)} {rng.choice(LAST)} {i}-{k}" for k in range(3)
    ]
    countries = rng.sample(COUNTRIES, 3)
    org = f"{rng.choice(ORG_HEAD)} {rng.choice(ORG_TAIL)} n° {i}"
    body = rng.choice(BODIES)
    edition = rng.randrange(1, 30)
    pair = f"{countries[0]}-{countries[1]}"
    event = f"{edition}e {rng.choice(EVENT_HEAD)} {rng.choice(EVENT_TOPIC)} {pair} {day.year}"
    init = f"{rng.choice(INIT_HEAD)} {rng.choice(EVENT_TOPIC)} {i}"
    city = f"Ville-{i % 500}"
    kinds = {f"p{k}": EntityType.PERSON for k in range(3)}
    kinds |= {f"c{k}": EntityType.COUNTRY for k in range(3)}
    kinds |= {
        "o": EntityType.ORGANISATION,
        "b": EntityType.ORGANISATION,
        "e": EntityType.EVENT,
        "i": EntityType.INITIATIVE,
        "l": EntityType.PLACE,
    }
    names = {f"p{k}": p for k, p in enumerate(people)} | {
        f"c{k}": c for k, c in enumerate(countries)
    }
    names |= {"o": org, "b": body, "e": event, "i": init, "l": city}
    s0 = w.sentence(("e", event), " s'est tenu à ", ("l", city), ", ", ("c0", countries[0]), ".")
    rels = [
        Relation("e", Predicate.LOCATED_IN, "l", s0, "bench", confidence=0.8),
        Relation("l", Predicate.LOCATED_IN, "c0", s0, "bench", confidence=0.8),
    ]
    for k, p in enumerate(people):
        title = rng.choice(TITLES)
        s = w.sentence(
            "Le ",
            title,
            " ",
            ("c" + str(k), countries[k]),
            " ",
            (f"p{k}", p),
            " a participé au ",
            ("e", event),
            ".",
        )
        rels += [
            Relation(
                f"p{k}", Predicate.HOLDS_ROLE, f"c{k}", s, "bench", role=title, confidence=0.8
            ),
            Relation(f"p{k}", Predicate.PARTICIPATES_IN, "e", s, "bench", confidence=0.7),
            Relation(f"c{k}", Predicate.PARTICIPATES_IN, "e", s, "bench", confidence=0.7),
        ]
    s = w.sentence(("o", org), " et ", ("b", body), " ont organisé ", ("e", event), ".")
    rels += [
        Relation("o", Predicate.ORGANISES, "e", s, "bench", confidence=0.7),
        Relation("c1", Predicate.MEMBER_OF, "b", s, "bench", confidence=0.6),
    ]
    s = w.sentence(
        ("p0", people[0]),
        " a annoncé que ",
        ("c0", countries[0]),
        " s'engage à financer le ",
        ("i", init),
        " avec ",
        ("c1", countries[1]),
        ".",
    )
    rels.append(Relation("c0", Predicate.LEADS, "i", s, "bench", confidence=0.6))
    coms = (
        Commitment(
            "c0",
            CommitmentKind.PLEDGE,
            s,
            "bench",
            speaker="p0",
            event="e",
            partners=("c1",),
            initiatives=("i",),
            confidence=0.8,
        ),
    )
    entities = tuple(
        Entity(key, kinds[key], names[key], tuple(w.mentions[key]))
        for key in names
        if key in w.mentions
    )
    art = Article(
        f"bench-{i:06d}",
        w.text.strip(),
        f"bench/{i}.txt",
        title=f"{event}",
        published=day,
        published_precision="day",
        url=f"https://bench.example/{i}",
        content_hash=f"h{i}",
    )
    return Extraction(art, tuple(w.sentences), entities, tuple(rels), coms)


def corpus(n: int, seed: int = 0) -> Iterator[Extraction]:
    """``n`` synthetic extractions, the same for the same seed."""
    rng = random.Random(seed)
    for i in range(n):
        yield article(i, rng)
