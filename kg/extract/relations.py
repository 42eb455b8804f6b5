"""Relations between the entities of one article (filled in by the relation rules)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import Entity, Relation, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract.lexicon import Lexicon


def find_relations(
    doc: Doc, sentences: tuple[Sentence, ...], entities: tuple[Entity, ...], lexicon: Lexicon
) -> tuple[Relation, ...]:
    return ()
