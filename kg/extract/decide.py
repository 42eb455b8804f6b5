"""Apply the learned models to the candidates of one article.

The rules propose (entity groups, pairs of entities in a sentence, sentences with their
possible actors); the models decide. Each decision keeps the model's probability as its
confidence, so that an analyst can trade recall for precision (``--min-confidence``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.context import Context
from kg.extract.features import (
    ActorCandidate,
    PairCandidate,
    commitment_candidates,
    commitment_sentence_features,
)
from kg.extract.learned import NONE, LinearModel
from kg.extract.pairs import relation_candidates
from kg.model import (
    Commitment,
    CommitmentKind,
    Entity,
    EntityType,
    Modality,
    Predicate,
    Relation,
)

if TYPE_CHECKING:
    from kg.extract.learned import Models

E = EntityType
P = Predicate


def decide_type(model: LinearModel, features: dict[str, float]) -> tuple[str, float]:
    """The most probable type of an entity group and the probability that it is an entity
    of that type; ``NONE`` when that probability is below the threshold. Judging the
    type's probability, not one minus that of ``NONE``, drops a group the model cannot
    place in one type (cross-validated: entities 0.797 -> 0.803 over two fold draws)."""
    proba = model.proba(features)
    types = {c: p for c, p in proba.items() if c != NONE}
    best = max(types, key=lambda c: (types[c], c))
    if types[best] < model.threshold:
        return NONE, proba.get(NONE, 0.0)
    return best, types[best]


def best_relations(
    model: LinearModel, candidates: list[PairCandidate]
) -> dict[tuple[str, P, str], tuple[float, int]]:
    """(subject, predicate, object) → (probability, sentence) of the likeliest sentence."""
    threshold = model.threshold
    out: dict[tuple[str, P, str], tuple[float, int]] = {}
    for c in candidates:
        proba = model.proba(c.features)
        for p in c.predicates:
            prob = proba.get(p.value, 0.0)
            if prob < threshold:
                continue
            key = (c.subject, p, c.object)
            if key not in out or prob > out[key][0]:
                out[key] = (prob, c.sentence)
    return out


# Predicates that the gold files give at most once per subject and object type: a person
# holds a post in one country, an event is held in one city and one country.
FUNCTIONAL = {
    (P.HOLDS_ROLE, E.COUNTRY),
    (P.HOLDS_ROLE, E.ORGANISATION),
    (P.LOCATED_IN, E.COUNTRY),
    (P.LOCATED_IN, E.PLACE),
    (P.MEMBER_OF, E.ORGANISATION),
    (P.PART_OF, E.EVENT),
    (P.PART_OF, E.ORGANISATION),
}


def functional(
    chosen: dict[tuple[str, P, str], tuple[float, int]], type_of: dict[str, E]
) -> dict[tuple[str, P, str], tuple[float, int]]:
    """Keep, of the relations of a functional predicate from one subject to one type of
    object, only the likeliest: two countries for one minister cannot both be right."""
    best: dict[tuple[str, P, E], tuple[float, str]] = {}
    for (s, p, o), (prob, _) in chosen.items():
        k = (s, p, type_of[o])
        if k[1:] in FUNCTIONAL and (k not in best or (prob, o) > best[k]):
            best[k] = (prob, o)
    return {
        (s, p, o): v
        for (s, p, o), v in chosen.items()
        if (p, type_of[o]) not in FUNCTIONAL or best[(s, p, type_of[o])][1] == o
    }


def relations(
    ctx: Context,
    rule_relations: tuple[Relation, ...],
    model: LinearModel,
) -> tuple[Relation, ...]:
    """The relations the model accepts, with the rules' title for holdsRole."""
    from kg.extract.relations import Relations

    cands = relation_candidates(ctx, rule_relations)
    chosen = best_relations(model, cands)
    chosen = functional(chosen, {e.key: e.type for e in ctx.entities})
    roles = {(r.subject, r.object): r.role for r in rule_relations if r.predicate == P.HOLDS_ROLE}
    person_role = {
        r.subject: r.role for r in rule_relations if r.predicate == P.HOLDS_ROLE and r.role
    }
    titles = Relations(ctx)
    out: list[Relation] = []
    for (s, p, o), (prob, sentence) in sorted(chosen.items(), key=lambda kv: kv[1][1]):
        role = None
        if p == P.HOLDS_ROLE:
            role = roles.get((s, o)) or person_role.get(s) or titles.title_of(s, sentence)
        out.append(Relation(s, p, o, sentence, "model:relations", role, round(prob, 2)))
    out.extend(_participation_of_officials(out))
    return tuple(out)


def _participation_of_officials(rels: list[Relation]) -> list[Relation]:
    """The guide: a country or organisation takes part in an event its named official
    attends. Derived, with the weaker of the two confidences."""
    have = {(r.subject, r.predicate, r.object) for r in rels}
    posts = [r for r in rels if r.predicate == P.HOLDS_ROLE]
    out: list[Relation] = []
    for r in rels:
        if r.predicate != P.PARTICIPATES_IN:
            continue
        for post in posts:
            if post.subject != r.subject:
                continue
            key = (post.object, P.PARTICIPATES_IN, r.object)
            if key in have:
                continue
            have.add(key)
            out.append(
                Relation(
                    post.object,
                    P.PARTICIPATES_IN,
                    r.object,
                    r.sentence,
                    "model:relations+official",
                    None,
                    round(min(r.confidence, post.confidence), 2),
                )
            )
    return out


def commitments(
    ctx: Context,
    rels: tuple[Relation, ...],
    rule_commitments: tuple[Commitment, ...],
    cues: dict[int, list[str]],
    models: Models,
) -> tuple[Commitment, ...]:
    """The (sentence, actor) pairs the model takes for commitments, with their kind."""
    cands = commitment_candidates(ctx, rels, rule_commitments, cues)
    rule_at = {(c.actor, c.sentence): c for c in rule_commitments}
    rule_sentence = {c.sentence: c for c in rule_commitments}
    committing: dict[int, float] = {}
    out: list[Commitment] = []
    for c in cands:
        if c.sentence not in committing:
            sent = ctx.sentences[c.sentence]
            committing[c.sentence] = models.sentences.proba(
                commitment_sentence_features(ctx, sent, cues)
            ).get("yes", 0.0)
        prob = committing[c.sentence] * models.commitments.proba(c.features).get("yes", 0.0)
        if prob < models.commitments.threshold:
            continue
        out.append(_commitment(ctx, c, prob, rels, models, rule_at, rule_sentence))
    out.sort(key=lambda c: (c.sentence, c.actor))
    return tuple(out)


def _commitment(
    ctx: Context,
    cand: ActorCandidate,
    prob: float,
    rels: tuple[Relation, ...],
    models: Models,
    rule_at: dict,
    rule_sentence: dict,
) -> Commitment:
    kinds = models.kinds.proba(cand.features)
    kind = CommitmentKind(max(kinds, key=lambda k: (kinds[k], k)))
    rule = rule_at.get((cand.actor, cand.sentence)) or rule_sentence.get(cand.sentence)
    speaker = _speaker(ctx, cand, rels) or (rule.speaker if rule else None)
    event = next((h.key for h in ctx.hits(cand.sentence, E.EVENT)), None)
    if event is None and rule is not None:
        event = rule.event
    sent = ctx.sentences[cand.sentence]
    words = sent.text.split()
    content = (
        rule.content
        if rule and rule.content
        else " ".join(words[:25]) + ("…" if len(words) > 25 else "")
    )
    return Commitment(
        actor=cand.actor,
        kind=kind,
        sentence=cand.sentence,
        extractor="model:commitments",
        speaker=speaker if speaker != cand.actor else None,
        event=event,
        modality=rule.modality if rule else Modality.ASSERTED,
        content=content,
        partners=tuple(p for p in (rule.partners if rule else ()) if p != cand.actor),
        initiatives=rule.initiatives if rule else (),
        confidence=round(prob, 2),
    )


def _speaker(ctx: Context, cand: ActorCandidate, rels: tuple[Relation, ...]) -> str | None:
    """A person of the sentence who holds a post in the actor, else the only person."""
    people = [h.key for h in ctx.hits(cand.sentence, E.PERSON)]
    if not people:
        return None
    for r in rels:
        if r.predicate == P.HOLDS_ROLE and r.object == cand.actor and r.subject in people:
            return r.subject
    return people[0] if len(set(people)) == 1 else None


def with_confidence(entity: Entity, confidence: float) -> Entity:
    """An entity whose mentions carry the entity model's probability: entities are shared
    across articles, so the decision made in one article lives on its mentions."""
    c = round(confidence, 2)
    return replace(entity, mentions=tuple(replace(m, confidence=c) for m in entity.mentions))


__all__ = ["NONE", "commitments", "decide_type", "relations", "with_confidence"]
