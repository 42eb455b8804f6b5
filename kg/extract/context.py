"""What the relation and commitment rules share about one article: where each entity is
mentioned, sentence by sentence, and the tokens around a mention."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.model import Entity, EntityType, Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from kg.extract.lexicon import Lexicon

AGENTS = (EntityType.PERSON, EntityType.ORGANISATION, EntityType.COUNTRY)
LOCATIVE = frozenset("à au aux en dans".split())


@dataclass(frozen=True)
class Hit:
    """One mention of one entity."""

    entity: Entity
    mention: Mention

    @property
    def key(self) -> str:
        return self.entity.key

    @property
    def type(self) -> EntityType:
        return self.entity.type


@dataclass
class Context:
    doc: Doc
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    lexicon: Lexicon
    by_sentence: dict[int, list[Hit]] = field(default_factory=dict)
    affiliations: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        doc: Doc,
        sentences: tuple[Sentence, ...],
        entities: tuple[Entity, ...],
        lexicon: Lexicon,
    ) -> Context:
        ctx = cls(doc, sentences, entities, lexicon)
        by: dict[int, list[Hit]] = defaultdict(list)
        for e in entities:
            for m in e.mentions:
                by[m.sentence].append(Hit(e, m))
        for hits in by.values():
            hits.sort(key=lambda h: (h.mention.start, -h.mention.end))
        ctx.by_sentence = dict(by)
        return ctx

    def with_entities(self, entities: tuple[Entity, ...]) -> Context:
        """The same context over entities with more mentions (titles, pronouns), keeping
        what the rules learnt of affiliations."""
        ctx = Context.build(self.doc, self.sentences, entities, self.lexicon)
        ctx.affiliations = self.affiliations
        return ctx

    def entity(self, key: str) -> Entity:
        return next(e for e in self.entities if e.key == key)

    def hits(self, sentence: int, *types: EntityType) -> list[Hit]:
        return [h for h in self.by_sentence.get(sentence, []) if not types or h.type in types]

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def tokens_before(self, m: Mention, n: int = 3) -> list[str]:
        span = self.span(m.start, m.end)
        if span is None:
            return []
        return [t.lower_.replace("’", "'") for t in self.doc[max(0, span.start - n) : span.start]]

    def is_locative(self, m: Mention) -> bool:
        """ "à Hanoï", "en Indonésie", "(Malaisie)": a place where something happens."""
        before = self.tokens_before(m, 2)
        if before and before[-1] in LOCATIVE:
            return True
        # "dans l'île indonésienne de Bali", "à la ville de Nanning"
        wider = self.tokens_before(m, 6)
        if (
            wider
            and wider[-1] in ("de", "d'")
            and any(
                w in ("île", "ville", "province", "capitale", "région", "cité", "municipalité")
                for w in wider
            )
            and any(w in LOCATIVE for w in wider)
        ):
            return True
        if len(before) == 2 and before[-2] in LOCATIVE and before[-1] in ("l'", "la", "le"):
            return True
        return bool(before) and before[-1] == "(" and self.doc.text[m.end : m.end + 1] == ")"

    def inside(self, inner: Mention, outer: Mention) -> bool:
        return outer.start <= inner.start and inner.end <= outer.end and inner != outer

    def nested_in_any(self, m: Mention, sentence: int) -> Hit | None:
        for h in self.by_sentence.get(sentence, []):
            if self.inside(m, h.mention) and h.type in (
                EntityType.EVENT,
                EntityType.INITIATIVE,
                EntityType.ORGANISATION,
            ):
                return h
        return None

    def mention_counts(self, etype: EntityType) -> Counter:
        return Counter({e.key: len(e.mentions) for e in self.entities if e.type == etype})

    def country_of_place(self, place: Entity) -> str | None:
        """The article's entity for the country a known place lies in, if the article
        names that country."""
        if not place.gazetteer_id or not place.gazetteer_id.startswith("place/"):
            return None
        known = next(
            (p for p in self.lexicon.places if place.gazetteer_id.endswith("/" + _slug(p.name))),
            None,
        )
        if known is None or not known.country:
            return None
        return next(
            (e.key for e in self.entities if e.gazetteer_id == f"country/{known.country}"), None
        )


def _slug(name: str) -> str:
    from kg.namespace import slug

    return slug(name)
