"""What extraction produces: plain, frozen data classes with no RDF in them.

Every object keeps where it came from (article, sentence, character offsets), so that
the RDF stage can give each fact its provenance and ``kg evaluate`` can read the graph
back in the gold format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class EntityType(StrEnum):
    """The six types of the gold guide."""

    PERSON = "Person"
    ORGANISATION = "Organisation"
    COUNTRY = "Country"
    PLACE = "Place"
    EVENT = "Event"
    INITIATIVE = "Initiative"


class OrgKind(StrEnum):
    """Finer kinds of organisation, when the gazetteer or the name tells."""

    GOVERNMENT = "GovernmentBody"
    INTERNATIONAL = "InternationalOrganisation"
    COMPANY = "Company"


class Predicate(StrEnum):
    """The relations of the gold guide."""

    HOLDS_ROLE = "holdsRole"
    PARTICIPATES_IN = "participatesIn"
    ORGANISES = "organises"
    LOCATED_IN = "locatedIn"
    PART_OF = "partOf"
    MEMBER_OF = "memberOf"
    LEADS = "leads"
    PARTNER_OF = "partnerOf"
    SIGNS = "signs"


class CommitmentKind(StrEnum):
    PLEDGE = "pledge"
    PROPOSAL = "proposal"
    CALL = "call"
    AGREEMENT = "agreement"


class Modality(StrEnum):
    ASSERTED = "asserted"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"


@dataclass(frozen=True)
class Article:
    """One article as read from disk. ``text`` is what every offset refers to."""

    id: str
    text: str
    source_file: str
    title: str | None = None
    published: date | None = None
    published_precision: str | None = None  # "day", "month" or "year"
    url: str | None = None
    lang: str = "fr"  # as detected (ISO 639-1), "und" when the detector cannot tell
    declared_lang: str | None = None  # as the file's metadata states it
    source: str | None = None  # the publisher or site
    author: str | None = None
    tags: tuple[str, ...] = ()
    content_hash: str | None = None


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """One occurrence of a name; ``sentence`` is the index of its sentence."""

    start: int
    end: int
    text: str
    sentence: int
    extractor: str
    confidence: float = 1.0


@dataclass(frozen=True)
class Entity:
    """An entity of one article, with every mention that was resolved to it.

    ``key`` is local to the article; ``kg.resolve`` turns it into a global IRI.
    ``gazetteer_id`` is set when the entity is known to ``data/gazetteer``.
    """

    key: str
    type: EntityType
    name: str
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    org_kind: OrgKind | None = None
    gazetteer_id: str | None = None
    wikidata: str | None = None
    iso_code: str | None = None
    event_kind: str | None = None
    edition: int | None = None
    year: int | None = None
    date: str | None = None  # ISO form at its precision: 2025, 2025-02 or 2025-02-26
    merges: tuple[tuple[str, str], ...] = ()  # (name as written, why it is this entity)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Relation:
    subject: str
    predicate: Predicate
    object: str
    sentence: int
    extractor: str
    role: str | None = None  # the title, for holdsRole
    confidence: float = 1.0


@dataclass(frozen=True)
class Commitment:
    actor: str
    kind: CommitmentKind
    sentence: int
    extractor: str
    speaker: str | None = None
    event: str | None = None
    modality: Modality = Modality.ASSERTED
    content: str | None = None
    partners: tuple[str, ...] = ()
    initiatives: tuple[str, ...] = ()
    confidence: float = 1.0
    deadline: str | None = None  # ISO at its precision: 2030, 2026-06 or 2026-06-30


@dataclass(frozen=True)
class Extraction:
    """Everything taken from one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def entity(self, key: str) -> Entity:
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)
