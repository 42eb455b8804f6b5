"""Commitments voiced in one article (filled in by the commitment rules)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import Commitment, Entity, Relation, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract.lexicon import Lexicon


def find_commitments(
    doc: Doc,
    sentences: tuple[Sentence, ...],
    entities: tuple[Entity, ...],
    relations: tuple[Relation, ...],
    lexicon: Lexicon,
) -> tuple[Commitment, ...]:
    return ()
